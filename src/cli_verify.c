/*
** cli_verify.c — `loket blacklist import` (the national blacklist of providers, from
** CSV) and `loket verification watch` (one pass of the verification watcher now:
** reminders the day before an appointment, lapse warnings, lapses).
*/
#include "cli.h"
#include <errno.h>
#include "desk/verify.h"
#include <string.h>

/* `loket blacklist import FILE.csv --data DIR [--office CODE]`: replace the office's list. */
static int blacklist_cli_import(const Opts *o){
  if( o->nargs<2 ){ fprintf(stderr, "loket blacklist import: which file? give FILE.csv\n"); return 2; }
  if( startup() || data_open(o, 1) ) return 1;
  Office of;
  Buf text = BUF_INIT;
  int rc = cli_office(db_thread(), o, &of, "blacklist import");
  if( rc==OK && util_file_read(o->args[1], &text)!=OK ){ fprintf(stderr, "loket blacklist import: cannot read %s: %s\n", o->args[1], strerror(errno)); rc = ERR_IO; }
  Arena a;
  arena_init(&a);
  BlackEntry *rows = 0;
  int n = 0;
  char err[2048];   /* the first wrong lines of the file */
  if( rc==OK && verify_blacklist_parse(text.z ? text.z : "", text.n, &rows, &n, &a, "en", err, sizeof err, 0)!=OK ){
    fprintf(stderr, "loket blacklist import: %s: %s\n", o->args[1], err);
    rc = ERR_INVALID;
  }
  if( rc==OK ){
    Actor who = cli_actor;
    who.office_id = of.id;
    rc = verify_blacklist_import(db_thread(), &who, of.id, rows, n);
    if( rc==OK ) printf("%d entr%s imported into the blacklist of %s (the list replaced)\n", n, n==1 ? "y" : "ies", of.code);
    else fprintf(stderr, "loket blacklist import: the import failed; nothing was changed\n");
  }
  arena_free(&a);
  buf_free(&text);
  db_global_close();
  return rc==OK ? 0 : 1;
}

/* `loket blacklist import|list`. */
int cmd_blacklist(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("blacklist", o.help ? stdout : stderr);
  if( opts_extra("blacklist", o.args, o.nargs) ) return 2;
  if( !strcmp(o.args[0], "import") ) return blacklist_cli_import(&o);
  fprintf(stderr, "loket blacklist: unknown subcommand %s (import)\n", o.args[0]);
  return 2;
}

/* `loket verification watch --data DIR`: one pass now. */
int cmd_verification(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("verification", o.help ? stdout : stderr);
  if( strcmp(o.args[0], "watch") ){ fprintf(stderr, "loket verification: unknown subcommand %s (watch)\n", o.args[0]); return 2; }
  if( opts_extra("verification", o.args, o.nargs) ) return 2;
  if( startup() || data_open(&o, 1) ) return 1;
  /* the reminders carry the booking's cancel link: its key, and the base of links from loket.conf */
  Config cfg;
  char path[4096], err[1024];
  config_defaults(&cfg);
  snprintf(path, sizeof path, "%s/loket.conf", o.data);
  if( config_load(&cfg, path, err, sizeof err)!=OK || verify_key_init(o.data, err, sizeof err)!=OK ){
    fprintf(stderr, "%s: %s\n", cli_who(), err);
    db_global_close();
    return 1;
  }
  config_links_init(&cfg, cfg.listen);   /* for the links the mails carry, as `loket serve` does */
  VerifyWatch c;
  int rc = verify_watch(db_thread(), time_now(), &c);
  if( rc==OK ) printf("%d reminder(s), %d lapse warning(s), %d lapsed\n", c.reminders, c.warnings, c.lapsed);
  else fprintf(stderr, "loket verification: the pass failed\n");
  db_global_close();
  return rc==OK ? 0 : 1;
}
