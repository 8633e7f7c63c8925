/*
** cli_mail.c — `loket mail`: queue the test message, list the outbox, queue again what failed, the help
** desk's mailbox.
*/
#include "cli.h"
#include "mail/mail.h"
#include "desk/helpdesk.h"
#include <stdlib.h>
#include <string.h>

/* Say so when loket.conf's smtp_from is still an address of this machine only (the default). */
static void mail_cli_from_local(const Opts *o){
  Config cfg;
  char path[4096], err[1024];
  config_defaults(&cfg);
  snprintf(path, sizeof path, "%s/loket.conf", o->data);
  if( config_load(&cfg, path, err, sizeof err)==OK && config_from_local(&cfg) )
    printf("Note: it is sent from smtp_from = %s,\n"
           "which only this machine knows: a relay may refuse it and no reply reaches it.\n"
           "Set your office's address in %s (smtp_from = helpdesk@lpse.example.go.id).\n", cfg.smtp_from, path);
}

/* `loket mail test ADDRESS`: render data/mail-test.txt and queue it for ADDRESS. */
static int mail_cli_test(const Opts *o){
  if( o->nargs<2 ){ fprintf(stderr, "loket mail test: give the address to send to\n"); return 2; }
  const char *given = o->args[1];
  char to[256], name[256];
  Err e = {0};
  if( ident_email_typed(given, to, sizeof to, name, sizeof name, &e)!=OK ){ fprintf(stderr, "loket mail test: %s: %s\n", given, err_en(&e)); return 2; }
  if( startup() || data_open(o, 1) ) return 1;
  Db *db = db_thread();
  Office off;
  if( cli_office(db, o, &off, "mail test")!=OK ){ db_global_close(); return 1; }
  Actor who = cli_actor;
  who.office_id = off.id;
  int64_t id = 0;
  int rc = mail_queue_test(db, &who, off.id, off.name, off.tz, given, to, &id, &e);
  if( rc!=OK ) fprintf(stderr, "loket mail test: %s%s%s\n", e.field ? e.field : "", e.field ? ": " : "", e.msg ? err_en(&e) : db_errmsg(db));
  else printf("Queued outbox/%lld to %s; `loket serve` sends it through smtp_url.\n", (long long)id, to);
  if( rc==OK ) mail_cli_from_local(o);
  db_global_close();
  return rc==OK ? 0 : 1;
}

/* Print one outbox row: a line, or a member of the JSON list (ctx: 0 lines before the first row, 3
** after it; 1 JSON before the first row, 2 after). */
static int mail_cli_row(void *ctx, const OutboxRow *m){
  int *json = ctx;
  if( *json==1 || *json==2 ){
    Buf j = BUF_INIT;
    if( *json==2 ) buf_putc(&j, ',');
    mail_outbox_json(&j, m);
    fputs(buf_str(&j), stdout);
    buf_free(&j);
    *json = 2;
    return 0;
  }
  *json = 3;
  char at[32] = "-";          /* the next attempt when queued, the time sent when sent */
  if( m->at ) time_fmt_iso(at, sizeof at, m->at);
  printf("%6lld %-7s %2d %s %s  %s%s%s\n", (long long)m->id, m->status, m->attempts,
         at, m->to, m->subject, *m->last_error ? "  -- " : "", m->last_error);
  return 0;
}

/* `loket mail list`: the outbox of every office, newest first. */
static int mail_cli_list(const Opts *o){
  if( startup() || data_open(o, DATA_MUST_EXIST|DATA_READS) ) return 1;
  int json = o->json ? 1 : 0;
  if( json ) printf("[");
  int rc = mail_outbox_each(db_thread(), 0, 200, mail_cli_row, &json);
  if( o->json ) printf("]\n");
  else if( rc==OK && json==0 ) printf("The outbox is empty: no mail queued or sent yet.\n");
  if( rc!=OK ) fprintf(stderr, "loket mail list: %s\n", db_errmsg(db_thread()));
  db_global_close();
  return rc==OK ? 0 : 1;
}

/* `loket mail retry ID…|failed`: queue again the messages that failed (mail_max_attempts used up),
** one by one or all of them, once the relay is mended. */
static int mail_cli_retry(const Opts *o){
  if( o->nargs<2 ){ fprintf(stderr, "loket mail retry: give the number of a failed message (loket mail list shows it), or failed for all of them\n"); return 2; }
  int all = o->nargs==2 && !strcmp(o->args[1], "failed");
  int64_t ids[64];
  int k = 0;
  for(int i=1; !all && i<o->nargs; i++){
    const char *z = o->args[i];
    if( !strncmp(z, "outbox/", 7) ) z += 7;   /* as the log and the audit name it */
    long long id = util_id(z);   /* digits only, not past 18 of them */
    if( id==0 ){ fprintf(stderr, "loket mail retry: %s is not a message's number (loket mail list shows them), nor failed\n", o->args[i]); return 2; }
    if( k==(int)COUNT(ids) ){ fprintf(stderr, "loket mail retry: at most %d numbers at once; failed queues every failed message\n", (int)COUNT(ids)); return 2; }
    ids[k++] = id;
  }
  if( startup() || data_open(o, DATA_MUST_EXIST) ) return 1;
  Db *db = db_thread();
  int bad = 0, total = 0;
  if( all ){
    int rc = mail_retry_failed(db, &cli_actor, 0, &total);
    if( rc!=OK ){ fprintf(stderr, "loket mail retry: %s\n", db_errmsg(db)); bad = 1; }
    else if( total==0 ) printf("No failed message in the outbox: nothing to queue again.\n");
  }
  for(int i=0; i<k; i++){
    Err e = {0};
    int n = 0, rc = mail_retry(db, &cli_actor, 0, ids[i], &n, &e);
    if( rc==OK ){ total += n; continue; }
    fprintf(stderr, "loket mail retry: outbox/%lld: %s\n", (long long)ids[i], e.msg ? err_en(&e) : db_errmsg(db));
    bad = 1;
  }
  if( total ) printf("Queued again %d message(s): `loket serve` sends them through smtp_url within mail_poll_seconds.\n", total);
  db_global_close();
  return bad;
}

/* `loket mail inbox`: how the office's mailbox is read, in English: the last poll's error apart from
** its warning (what the server refused to mark for the people using the mailbox). */
static int mail_cli_inbox(const Opts *o){
  if( startup() || data_open(o, DATA_MUST_EXIST|DATA_READS) ) return 1;
  Db *db = db_thread();
  Office off;
  if( cli_office(db, o, &off, "mail inbox")!=OK ){ db_global_close(); return 1; }
  InboxSettings s;
  int rc = inbox_get(db, off.id, "en", &s);
  if( rc!=OK ){ fprintf(stderr, "loket mail inbox: %s\n", db_errmsg(db)); db_global_close(); return 1; }
  char at[32] = "";
  if( s.last_poll_at ) time_fmt_iso(at, sizeof at, s.last_poll_at);
  if( o->json ){
    Buf j = BUF_INIT;
    buf_printf(&j, "{\"office\":%J,\"url\":%J,\"user\":%J,\"enabled\":%R,\"last_poll_at\":%J,\"last_error\":%J,"
               "\"last_warning\":%J,\"last_refused\":%J}\n", off.code, s.url, s.user, s.enabled ? "true" : "false",
               at[0] ? at : 0, s.last_error, s.last_warning, s.last_refused);
    fputs(buf_str(&j), stdout);
    buf_free(&j);
  }else{
    printf("office %s: mailbox %s, user %s, reading %s\n", off.code, s.url[0] ? s.url : "-", s.user[0] ? s.user : "-", s.enabled ? "on" : "off");
    printf("last poll: %s\n", at[0] ? at : "never");
    if( s.last_error[0] ) printf("error: %s\n", s.last_error);
    if( s.last_warning[0] ) printf("warning: %s\n", s.last_warning);
    if( s.last_refused[0] ) printf("last refused: %s\n", s.last_refused);
  }
  db_global_close();
  return 0;
}

/* `loket mail test|list|retry|inbox`. */
int cmd_mail(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("mail", o.help ? stdout : stderr);
  if( opts_extra("mail", o.args, o.nargs) ) return 2;
  if( !strcmp(o.args[0], "test") ) return mail_cli_test(&o);
  if( !strcmp(o.args[0], "list") ) return mail_cli_list(&o);
  if( !strcmp(o.args[0], "inbox") ) return mail_cli_inbox(&o);
  if( !strcmp(o.args[0], "retry") ) return mail_cli_retry(&o);
  fprintf(stderr, "loket mail: unknown subcommand %s (test, list, retry, inbox)\n", o.args[0]);
  return 2;
}
