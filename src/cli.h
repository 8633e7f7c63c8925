/*
** cli.h — what the commands of `loket` share. main.c holds the command table;
** a command with several subcommands lives in its own src/cli_NAME.c.
*/
#ifndef LOKET_CLI_H
#define LOKET_CLI_H
#include "core/core.h"
#include "db/db.h"
#include "desk/desk.h"
#include <stdio.h>

/* Options shared by the commands. */
typedef struct Opts {
  const char *data, *listen, *role, *name, *email, *office, *office_name, *tz, *file, *year;
  int json, help, password_stdin, must_change;
  char *args[8];
  int nargs;
} Opts;

int  opts_parse(int argc, char **argv, Opts *o);
int  cmd_usage(const char *name, FILE *f);
int  data_open(const Opts *o, int must_exist);
int  startup(void);
extern const Actor cli_actor;

#endif
