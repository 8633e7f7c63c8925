/*
** cli_mail.c — `loket mail`: queue the test message, list the outbox.
*/
#include "cli.h"
#include "mail/mail.h"
#include <string.h>

/* `loket mail test ADDRESS`: render data/mail-test.txt and queue it for ADDRESS. */
static int mail_cli_test(const Opts *o){
  if( o->nargs<2 ){ fprintf(stderr, "loket mail test: give the address to send to\n"); return 2; }
  const char *to = o->args[1];
  Err e = {0};
  if( ident_email(to, &e)!=OK ){ fprintf(stderr, "loket mail test: %s: %s\n", to, e.msg); return 2; }
  if( startup() || data_open(o, 1) ) return 1;
  Db *db = db_thread();
  Office off;
  int orc = o->office ? office_by_code(db, o->office, &off) : office_first(db, &off);
  if( orc!=OK ){ fprintf(stderr, "loket mail test: no office %s\n", o->office ? o->office : ""); db_global_close(); return 1; }
  char when[96], err[256];
  time_fmt_human(when, sizeof when, time_now(), off.tz, "id");
  const char *vars[] = { "office", off.name, "to", to, "time", when, 0 };
  Buf subject = BUF_INIT, body = BUF_INIT;
  int rc = mail_render("test", vars, &subject, &body, err, sizeof err);
  if( rc!=OK ){ fprintf(stderr, "loket mail test: template: %s\n", err); goto done; }
  Actor who = cli_actor;
  who.office_id = off.id;
  int64_t id = 0;
  rc = mail_queue(db, &who, off.id, to, buf_str(&subject), buf_str(&body), &id, &e);
  if( rc!=OK ) fprintf(stderr, "loket mail test: %s%s%s\n", e.field ? e.field : "", e.field ? ": " : "", e.msg ? e.msg : db_errmsg(db));
  else printf("Queued outbox/%lld to %s; `loket serve` sends it through smtp_url.\n", (long long)id, to);
done:
  buf_free(&subject);
  buf_free(&body);
  db_global_close();
  return rc==OK ? 0 : 1;
}

/* `loket mail list`: the outbox, newest first. */
static int mail_cli_list(const Opts *o){
  if( startup() || data_open(o, DATA_MUST_EXIST|DATA_READS) ) return 1;
  Db *db = db_thread();
  Stmt *q = db_prepare(db, "SELECT id, status, attempts, CASE status WHEN 'queued' THEN next_attempt_at"
                           " ELSE coalesce(sent_at, 0) END, to_addr, subject, last_error"
                           " FROM outbox ORDER BY id DESC LIMIT 200");
  if( o->json ) printf("[");
  int first = 1;
  while( q && db_step(q)==DB_ROW ){
    char next[32] = "-";          /* the next attempt when queued, the time sent when sent */
    if( db_col_int64(q, 3) ) time_fmt_iso(next, sizeof next, db_col_int64(q, 3));
    if( o->json ){
      Buf j = BUF_INIT;
      buf_printf(&j, "%R{\"id\":%lld,\"status\":%J,\"attempts\":%d,\"at\":%J,\"to\":%J,\"subject\":%J,\"last_error\":%J}",
                 first ? "" : ",", (long long)db_col_int64(q, 0), db_col_text(q, 1), db_col_int(q, 2), next,
                 db_col_text(q, 4), db_col_text(q, 5), db_col_text(q, 6));
      fputs(buf_str(&j), stdout);
      buf_free(&j);
    }else{
      printf("%6lld %-7s %2d %s %s  %s%s%s\n", (long long)db_col_int64(q, 0), db_col_text(q, 1), db_col_int(q, 2),
             next, db_col_text(q, 4), db_col_text(q, 5), *db_col_text(q, 6) ? "  -- " : "", db_col_text(q, 6));
    }
    first = 0;
  }
  db_reset(q);
  if( o->json ) printf("]\n");
  db_global_close();
  return q ? 0 : 1;
}

/* `loket mail test|list`. */
int cmd_mail(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("mail", o.help ? stdout : stderr);
  if( opts_extra("mail", o.args, o.nargs) ) return 2;
  if( !strcmp(o.args[0], "test") ) return mail_cli_test(&o);
  if( !strcmp(o.args[0], "list") ) return mail_cli_list(&o);
  fprintf(stderr, "loket mail: unknown subcommand %s (test, list)\n", o.args[0]);
  return 2;
}
