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
  const char *db, *db_replica, *from, *to;   /* --db postgresql://…, --db-replica; loket migrate --from/--to */
  int json, help, password_stdin, must_change;
  char *args[8];
  int nargs;
} Opts;

int  opts_parse(int argc, char **argv, Opts *o);
int  cmd_usage(const char *name, FILE *f);
int  data_open(const Opts *o, int must_exist);
int  startup(void);
extern const Actor cli_actor;

/* cli_sop.c: `loket sop`, and loading the procedures at init and serve (prints errors; 0 on success) */
int  cmd_sop(int argc, char **argv);
int  cli_sop_load(void);
extern const char cli_sop_usage[], cli_sop_help[];

/* `loket calendar` (cli_calendar.c): an office's hours and holidays. */
int cmd_calendar(int argc, char **argv);
#define CALENDAR_USAGE "calendar list|import|add|remove|hours … --data DIR [--office CODE]"
#define CALENDAR_HELP \
  "  list [--year YYYY] [--json]          the weekly hours and the holidays\n" \
  "  import FILE                          holidays from iCalendar (.ics) or CSV (date,name[,kind]),\n" \
  "                                       all or nothing; an error names the file's line\n" \
  "  add DAY NAME [--kind national|cuti_bersama|local]   add or rename one holiday\n" \
  "  remove DAY                           remove one holiday\n" \
  "  hours \"W HH:MM-HH:MM …\"              set weekday W's spans (0 Sunday, 1 Monday … 6 Saturday;\n" \
  "                                       \"6 closed\" for none), e.g. \"1 07:30-12:00 13:00-16:00\"\n" \
  "The office is --office CODE, else the first office. Every change is audited."

/* `loket mail` (cli_mail.c): e-mail out through the outbox. */
int cmd_mail(int argc, char **argv);
#define MAIL_USAGE "mail test ADDRESS | mail list [--json]  --data DIR"
#define MAIL_HELP \
  "  test ADDRESS    queue the Indonesian test message (data/mail-test.txt) to ADDRESS;\n" \
  "                  `loket serve` delivers it through smtp_url (loket.conf)\n" \
  "  list [--json]   the outbox, newest first: id, status, attempts, when (next attempt while\n" \
  "                  queued, sent time once sent), address, subject, last error"

/* `loket sla` (cli_sla.c): the SLA watcher's pass, run once now. */
int cmd_sla(int argc, char **argv);
#define SLA_USAGE "sla run --data DIR"
#define SLA_HELP \
  "  run    one pass of the SLA watcher now: a warning for each open step past sla_warn_percent\n" \
  "         (loket.conf, default 80) of its standard, a breach notice for each past its due time,\n" \
  "         each sent once (in the app and by e-mail); `loket serve` runs it every sla_poll_seconds"

/* `loket migrate` (cli_migrate.c): an office's SQLite database moved up to PostgreSQL. */
int cmd_migrate(int argc, char **argv);

#endif
