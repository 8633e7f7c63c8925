/*
** mail.c — the office's mail for its administrator: the delivery settings loket.conf holds
** (shown, not changed), the test message (as `loket mail test`) and the outbox (as `loket mail
** list`, the caller's office's rows only).
*/
#include "api.h"
#include "../mail/mail.h"
#include "../sop/org.h"
#include "../desk/helpdesk.h"

/* GET /api/v1/mail/settings: the delivery settings of loket.conf, each by its name there
** (the password only as set or not; they change in loket.conf, when Loket restarts). */
int api_mail_settings(Req *r){
  if( req_query_only(r, "") ) return OK;
  MailSetting m[MAIL_SETTINGS];
  mail_settings(r->cfg, m);
  Buf b = BUF_INIT;
  for(int i=0; i<MAIL_SETTINGS; i++){
    if( m[i].kind=='s' ) buf_printf(&b, "%R%J:%J", i ? "," : "", m[i].key, m[i].text);
    else if( m[i].kind=='b' ) buf_printf(&b, "%R\"%R_set\":%R", i ? "," : "", m[i].key, m[i].num ? "true" : "false");
    else buf_printf(&b, "%R%J:%lld", i ? "," : "", m[i].key, (long long)m[i].num);
  }
  reply_json(r, 200, "{%R,\"sending\":%R,\"set_in\":\"loket.conf\"}", buf_str(&b), r->cfg->smtp_url[0] ? "true" : "false");
  buf_free(&b);
  return OK;
}

/* POST /api/v1/mail/test {"to"}: queue the test message for that address (or Name <address>), audited
** "mail.queue"; 201 with the outbox row's id. */
int api_mail_test(Req *r){
  static const char *const keys[] = { "to", 0 };
  const char *to;
  if( jin_object(r) || jin_str(r, "to", 1, 254, &to) || jin_done(r, keys) ) return OK;
  Office o;
  if( office_get(r->db, r->office_id, &o)!=OK ) return api_fail(r, ERR_DB, 0);
  Actor a = api_actor(r);
  Err e = {0};
  int64_t id = 0;
  char addr[256];
  int rc = mail_queue_test(r->db, &a, o.id, o.name, o.tz, to, addr, &id, &e);
  if( rc!=OK ){
    if( util_str_eq(e.field, "email") ) e.field = "to";
    return api_fail(r, rc, &e);
  }
  return reply_json(r, 201, "{\"id\":%lld,\"status\":\"queued\",\"to\":%J}", (long long)id, addr);
}

/* Append one outbox row to the list in ctx (a Buf). */
static int api_outbox_row(void *ctx, const OutboxRow *m){
  Buf *b = ctx;
  if( b->n ) buf_putc(b, ',');
  mail_outbox_json(b, m);
  return 0;
}

/* GET /api/v1/mail/outbox?limit=: the newest messages of the caller's office, each with its state
** (queued, sent, failed), tries and last error. */
int api_mail_outbox(Req *r){
  int64_t limit;
  if( req_query_only(r, "limit") || req_query_int(r, "limit", 1, 200, 50, &limit) ) return OK;
  Buf b = BUF_INIT;
  int rc = mail_outbox_each(r->db, r->office_id, (int)limit, api_outbox_row, &b);
  if( rc==OK ) reply_json(r, 200, "{\"messages\":[%R]}", buf_str(&b));
  buf_free(&b);
  return rc==OK ? OK : api_fail(r, rc, 0);
}

/* POST /api/v1/mail/outbox/:id/retry: queue again a failed message of the caller's office (as
** `loket mail retry ID`), audited "mail.retry"; 404 for another office's or no such message, 400
** for one sent or still queued. */
int api_mail_retry(Req *r){
  if( req_query_only(r, "") || jin_empty(r) ) return OK;
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return reply_error(r, 404, "not_found", "id", "No such message in the outbox");
  Actor a = api_actor(r);
  Err e = {0};
  int n = 0;
  int rc = mail_retry(r->db, &a, r->office_id, id, &n, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 200, "{\"id\":%lld,\"status\":\"queued\",\"attempts\":0}", (long long)id);
}

/* POST /api/v1/mail/outbox/retry: queue again every failed message of the caller's office (as
** `loket mail retry failed`), each audited "mail.retry"; the count queued. */
int api_mail_retry_failed(Req *r){
  if( req_query_only(r, "") || jin_empty(r) ) return OK;
  Actor a = api_actor(r);
  int total = 0;
  int rc = mail_retry_failed(r->db, &a, r->office_id, &total);
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_json(r, 200, "{\"queued\":%d}", total);
}

/* Answer the office's mailbox settings: the password only as set or not, the last poll's time,
** error and warning, the last message refused; after a change (changed 0 or 1; -1: none asked) whether it changed. */
static int reply_inbox(Req *r, int changed){
  InboxSettings s;
  if( inbox_get(r->db, r->office_id, r->lang, &s)!=OK ) return api_fail(r, ERR_DB, 0);
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"url\":%J,\"user\":%J,\"password_set\":%R,\"poll_seconds\":%d,\"enabled\":%R,\"last_poll_at\":",
             s.url, s.user, s.password_set ? "true" : "false", s.poll_s, s.enabled ? "true" : "false");
  time_json(&b, s.last_poll_at);
  buf_printf(&b, ",\"last_error\":%J,\"last_warning\":%J,\"last_refused\":%J,\"updated_at\":", s.last_error, s.last_warning,
             s.last_refused);
  time_json(&b, s.updated_at);
  buf_printf(&b, ",\"updated_by\":%J", s.configured ? s.updated_by : 0);
  if( changed>=0 ) buf_printf(&b, ",\"changed\":%R", changed ? "true" : "false");
  buf_putc(&b, '}');
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/mail/inbox: the help desk's mailbox as Loket reads it. */
int api_mail_inbox(Req *r){
  if( req_query_only(r, "") ) return OK;
  return reply_inbox(r, -1);
}

/* PATCH /api/v1/mail/inbox {"url","user","password","poll_seconds","enabled"}: change what is given
** (the password "" removes it), audited "mail.inbox"; every value wrong named at once. */
int api_mail_inbox_set(Req *r){
  static const char *const keys[] = { "url", "user", "password", "poll_seconds", "enabled", 0 };
  InboxChange in;
  memset(&in, 0, sizeof in);
  in.enabled = -1;
  in.poll_s = INT64_MIN;
  /* lengths and ranges are the settings' own check's, with every other field's at once */
  if( jin_object(r) || jin_str(r, "url", 0, 4000, &in.url) || jin_str(r, "user", 0, 4000, &in.user)
   || jin_str(r, "password", 0, 4000, &in.password) || jin_int(r, "poll_seconds", INT64_MIN+1, INT64_MAX-1, &in.poll_s)
   || jin_bool(r, "enabled", &in.enabled) || jin_done(r, keys) ) return OK;
  in.poll_given = in.poll_s!=INT64_MIN;
  Actor a = api_actor(r);
  Err e = {0};
  int changed;
  int rc = inbox_set(r->db, &a, &in, &changed, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_inbox(r, changed);
}
