/*
** system.c — health and metrics for operators and monitoring.
*/
#include "api.h"
#include "../desk/report.h"
#include "../mail/mail.h"

/* GET /healthz: 200 "ok" while the database answers. */
int api_healthz(Req *r){
  Stmt *q = db_prepare(r->db, "SELECT 1");
  int ok = q && db_step(q)==DB_ROW;
  db_reset(q);
  if( !ok ) return reply_constant(r, 503, "text/plain; charset=utf-8", "database unavailable\n", 21);
  return reply_constant(r, 200, "text/plain; charset=utf-8", "ok", 2);
}

/* The figures of the database (shared by every node): the outbox, sessions, and each office's
** open cases and steps overdue, each an index range (never a scan of the cases); appended to
** what metrics_write wrote. A database that does not answer leaves them out, and says so. */
static void metrics_db(Req *r){
  Buf *b = &r->out;
  int64_t now = time_now(), queued, failed, oldest, web, api;
  int ok = 1;
  if( mail_outbox_counts(r->db, &queued, &failed, &oldest)!=OK ) ok = 0;
  else{
    buf_printf(b, "# HELP loket_mail_outbox_messages Messages in the outbox by status: queued (to be sent or tried again), failed (given up).\n"
                  "# TYPE loket_mail_outbox_messages gauge\n"
                  "loket_mail_outbox_messages{status=\"queued\"} %lld\nloket_mail_outbox_messages{status=\"failed\"} %lld\n"
                  "# HELP loket_mail_outbox_oldest_queued_age_seconds Age of the oldest queued message (0: none queued).\n"
                  "# TYPE loket_mail_outbox_oldest_queued_age_seconds gauge\nloket_mail_outbox_oldest_queued_age_seconds %lld\n",
               (long long)queued, (long long)failed, (long long)(oldest && now>oldest ? now-oldest : 0));
  }
  if( auth_sessions_count(r->db, now, &web, &api)!=OK ) ok = 0;
  else{
    buf_printf(b, "# HELP loket_sessions Sessions signed in and not expired, by kind.\n# TYPE loket_sessions gauge\n"
                  "loket_sessions{kind=\"web\"} %lld\nloket_sessions{kind=\"api\"} %lld\n", (long long)web, (long long)api);
  }
  OfficeLoad *v;
  int n;
  if( dashboard_load(r->db, now, &v, &n, &r->arena)!=OK ) ok = 0;
  else{
    buf_puts(b, "# HELP loket_cases_open Open cases, by office.\n# TYPE loket_cases_open gauge\n");
    for(int i=0; i<n; i++) buf_printf(b, "loket_cases_open{office=\"%j\"} %lld\n", v[i].code, (long long)v[i].open_cases);
    buf_puts(b, "# HELP loket_steps_overdue Open steps past their due time now, not held, by office.\n# TYPE loket_steps_overdue gauge\n");
    for(int i=0; i<n; i++) buf_printf(b, "loket_steps_overdue{office=\"%j\"} %lld\n", v[i].code, (long long)v[i].overdue_steps);
  }
  buf_printf(b, "# HELP loket_metrics_db_ok 1 when the database figures above could be read.\n"
                "# TYPE loket_metrics_db_ok gauge\nloket_metrics_db_ok %d\n", ok);
}

/* GET /metrics: Prometheus text. */
int api_metrics(Req *r){
  metrics_write(r);
  metrics_db(r);
  return OK;
}
