/*
** cli_directory.c — `loket directory import` (a CSV file into the office's
** directory, with a per-row report and a progress bar) and `loket accounts
** year-end` (BTG-019 step 5: the PPK accounts to deactivate, listed with
** --dry-run, deactivated in one transaction without it).
*/
#include "cli.h"
#include <errno.h>
#include "desk/directory.h"
#include "desk/accounts.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Take "--dry-run" and "--rule X" out of argv (opts_parse does not know them). */
static int take_flags(int *argc, char **argv, int *dry_run, const char **rule){
  int k = 0;
  for(int i=0; i<*argc; i++){
    if( strcmp(argv[i], "--dry-run")==0 ){ *dry_run = 1; continue; }
    if( strcmp(argv[i], "--rule")==0 && rule ){
      if( i+1>=*argc || strncmp(argv[i+1], "--", 2)==0 ){ fprintf(stderr, "%s: --rule needs a value (expired or all)\n", cli_who()); return 1; }
      *rule = argv[++i];
      continue;
    }
    argv[k++] = argv[i];
  }
  *argc = k;
  return 0;
}

/* A progress bar on stderr when it is a terminal: [#####.....] 50% 500/1000 (under cron or into a
** log, the bar's redrawing would be hundreds of lines of carriage returns: nothing is drawn). */
static void progress_bar(void *ctx, int done, int total){
  (void)ctx;
  if( total<=0 || !isatty(fileno(stderr)) ) return;
  int w = 30, fill = (int)((int64_t)done*w/total);
  char bar[40];
  for(int i=0; i<w; i++) bar[i] = i<fill ? '#' : '.';
  bar[w] = 0;
  fprintf(stderr, "\r[%s] %3d%% %d/%d", bar, (int)((int64_t)done*100/total), done, total);
  if( done>=total ) fputc('\n', stderr);
  fflush(stderr);
}

/* `loket directory import FILE.csv [--dry-run]`. */
static int directory_cli_import(const Opts *o, int dry_run){
  if( o->nargs<2 ){ fprintf(stderr, "loket directory import: give the CSV file\n"); return 2; }
  Buf text = BUF_INIT;
  if( util_file_read(o->args[1], &text)!=OK ){ fprintf(stderr, "loket directory import: cannot read %s: %s\n", o->args[1], strerror(errno)); return 1; }
  if( startup() || data_open(o, 1) ){ buf_free(&text); return 1; }
  Db *db = db_thread();
  Office off;
  if( cli_office(db, o, &off, "directory import")!=OK ){ buf_free(&text); db_global_close(); return 1; }
  Actor who = cli_actor;
  who.office_id = off.id;
  Arena a;
  arena_init(&a);
  ImportReport rep;
  int rc = directory_import(db, &who, off.id, text.z ? text.z : "", text.n, dry_run, "en", &rep, progress_bar, 0, &a);
  buf_free(&text);
  if( rep.error ){
    fprintf(stderr, "loket directory import: %s: %s\n", o->args[1], rep.error);
  }else if( rc!=OK ){
    fprintf(stderr, "loket directory import: the database failed; nothing was imported\n");
  }else{
    for(int i=0; i<rep.nrejects; i++){   /* a row with several fields wrong: a line for each */
      for(int k=0; k<=rep.rejects[i].nmore; k++){
        ImportWhy w = import_why(&rep.rejects[i], k);
        fprintf(stderr, "%s:%d: %s%s%s\n", o->args[1], rep.rejects[i].row, w.field, w.field[0] ? ": " : "", w.reason);
      }
    }
    printf("%d row%s read, %d %s, %d rejected\n", rep.rows, rep.rows==1 ? "" : "s", rep.accepted,
           dry_run ? "would be imported" : "imported", rep.nrejects);
  }
  int status = rep.error || rc!=OK || (rep.nrejects && rep.accepted==0) ? 1 : rep.nrejects ? 3 : 0;   /* as its help says */
  arena_free(&a);
  db_global_close();
  return status;
}

/* `loket directory import`. */
int cmd_directory(int argc, char **argv){
  int dry_run = 0;
  take_flags(&argc, argv, &dry_run, 0);
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("directory", o.help ? stdout : stderr);
  if( opts_extra("directory", o.args, o.nargs) ) return 2;
  if( !strcmp(o.args[0], "import") ) return directory_cli_import(&o, dry_run);
  fprintf(stderr, "loket directory: unknown subcommand %s (import)\n", o.args[0]);
  return 2;
}

/* `loket accounts year-end [--dry-run] [--rule expired|all]`. */
static int accounts_cli_year_end(const Opts *o, int dry_run, const char *rule){
  if( rule && strcmp(rule, "expired") && strcmp(rule, "all") ){
    fprintf(stderr, "loket accounts year-end: --rule is expired or all, not \"%s\"\n", rule);
    return 2;
  }
  /* a dry run only reads: it opens the database read-only (a read-only copy of the folder too) */
  if( startup() || data_open(o, DATA_MUST_EXIST | (dry_run ? DATA_READS : 0)) ) return 1;
  Db *db = db_thread();
  Office off;
  if( cli_office(db, o, &off, "accounts year-end")!=OK ){ db_global_close(); return 1; }
  char today[11];
  register_today(today, time_now(), off.tz);
  Arena a;
  arena_init(&a);
  int rc = OK, count = 0;
  if( dry_run ){
    Account *rows;
    int n = 0;
    rc = account_year_end_list(db, off.id, today, rule, &rows, &n, &a);
    for(int i=0; rc==OK && i<n; i++){
      printf("%s\t%s\t%s\t%s\t%s\n", rows[i].user_id, rows[i].holder_name, rows[i].agency_name,
             rows[i].sk_number, rows[i].valid_until[0] ? rows[i].valid_until : "-");
    }
    if( rc==OK ) printf("%d PPK accounts would be deactivated (%s); run without --dry-run to do it\n", n, today);
  }else{
    Actor who = cli_actor;
    who.office_id = off.id;
    Err e = {0};
    rc = account_year_end(db, &who, off.id, today, rule, -1, &count, &e);
    if( rc==OK ) printf("%d PPK accounts deactivated (%s)\n", count, today);
  }
  if( rc!=OK ) fprintf(stderr, "loket accounts year-end: failed (%s); nothing was changed\n", db_errmsg(db));
  arena_free(&a);
  db_global_close();
  return rc==OK ? 0 : 1;
}

/* `loket accounts year-end`. */
int cmd_accounts(int argc, char **argv){
  int dry_run = 0;
  const char *rule = 0;
  if( take_flags(&argc, argv, &dry_run, &rule) ) return 2;
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("accounts", o.help ? stdout : stderr);
  if( opts_extra("accounts", o.args, o.nargs) ) return 2;
  if( !strcmp(o.args[0], "year-end") ) return accounts_cli_year_end(&o, dry_run, rule);
  fprintf(stderr, "loket accounts: unknown subcommand %s (year-end)\n", o.args[0]);
  return 2;
}
