/*
** cli_sla.c — `loket sla run`: one pass of the SLA watcher now (src/sop/watch.c).
*/
#include "cli.h"
#include "sop/watch.h"
#include <string.h>

/* `loket sla run --data DIR`: read loket.conf for the share, run one pass, say what it did. */
static int sla_cli_run(const Opts *o){
  if( startup() || data_open(o, 1) ) return 1;
  Config cfg;
  char path[4096], err[1024];
  config_defaults(&cfg);
  snprintf(path, sizeof path, "%s/loket.conf", o->data);
  if( config_load(&cfg, path, err, sizeof err)!=OK ){
    fprintf(stderr, "%s: %s\n", cli_who(), err);
    db_global_close();
    return 1;
  }
  WatchCounts c, h;
  Err e = {0};
  if( watch_supervisors(cfg.sla_supervisor_roles, &e)!=OK ){
    fprintf(stderr, "loket sla: %s = %s: %s\n", e.field, cfg.sla_supervisor_roles, err_en(&e));
    db_global_close();
    return 1;
  }
  watch_configure(cfg.sla_warn_percent);
  config_links_init(&cfg, cfg.listen);   /* for the links the mails carry, as `loket serve` does */
  int rc = watch_pass(db_thread(), time_now(), &c);
  if( rc==OK ) rc = watch_hooks_run(db_thread(), time_now(), &h);
  if( rc==OK ) watch_counts_add(&c, &h);   /* the training preparation's reminders and breaches too */
  if( rc==OK ) printf("%d warning(s), %d breach(es): %d notice(s), %d mail(s) queued\n",
                      c.warnings, c.breaches, c.notices, c.mails);
  else fprintf(stderr, "loket sla: the pass failed\n");
  db_global_close();
  return rc==OK ? 0 : 1;
}

/* `loket sla run`. */
int cmd_sla(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("sla", o.help ? stdout : stderr);
  if( opts_extra("sla", o.args, o.nargs) ) return 2;
  if( !strcmp(o.args[0], "run") ) return sla_cli_run(&o);
  fprintf(stderr, "loket sla: unknown subcommand %s (run)\n", o.args[0]);
  return 2;
}
