/*
** system.c — health and metrics for operators and monitoring.
*/
#include "api.h"
#include "../desk/report.h"
#include "../mail/mail.h"
#include "../desk/helpdesk.h"
#include <pthread.h>
#include <strings.h>

/* GET /healthz: 200 "ok" while the database answers. */
int api_healthz(Req *r){
  Stmt *q = db_prepare(r->db, "SELECT 1");
  int ok = q && db_step(q)==DB_ROW;
  db_reset(q);
  if( !ok ) return reply_constant(r, 503, "text/plain; charset=utf-8", "database unavailable\n", 21);
  return reply_constant(r, 200, "text/plain; charset=utf-8", "ok", 2);
}

/* The database's part of the last scrape, kept metrics_cache_seconds (by the monotonic clock, not
** the one tests freeze): several scrapers, or one scraping fast, read the database once per period. */
static pthread_mutex_t metrics_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static Buf metrics_cache = BUF_INIT;
static int64_t metrics_cache_us;   /* when it was read; 0: nothing kept */

/* The figures of the database (shared by every node): the outbox, sessions, and each office's
** open cases and steps overdue, each an index range (never a scan of the cases); appended to
** what metrics_write wrote. A database that does not answer leaves them out, and says so. */
static void metrics_db_read(Req *r){
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
  int64_t failing;
  if( inbox_failing(r->db, &failing)!=OK ) ok = 0;
  else{
    buf_printf(b, "# HELP loket_mail_inbox_failing Help desk mailboxes being read whose last poll failed (the card on /pengaturan says why).\n"
                  "# TYPE loket_mail_inbox_failing gauge\nloket_mail_inbox_failing %lld\n", (long long)failing);
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

/* The figures of the database: those read less than metrics_cache_seconds ago, else read now (and
** kept when the database answered). */
static void metrics_db(Req *r){
  int64_t keep = (int64_t)r->cfg->metrics_cache_s*1000000, now = time_now_us();
  if( keep>0 ){
    pthread_mutex_lock(&metrics_cache_mu);
    int fresh = metrics_cache_us && now - metrics_cache_us < keep;
    if( fresh ) buf_append(&r->out, buf_str(&metrics_cache), metrics_cache.n);
    pthread_mutex_unlock(&metrics_cache_mu);
    if( fresh ) return;
  }
  size_t from = r->out.n;
  metrics_db_read(r);
  if( keep<=0 || strstr(buf_str(&r->out) + from, "\nloket_metrics_db_ok 1\n")==0 ) return;
  pthread_mutex_lock(&metrics_cache_mu);
  buf_reset(&metrics_cache);
  buf_append(&metrics_cache, buf_str(&r->out) + from, r->out.n - from);
  metrics_cache_us = now;
  pthread_mutex_unlock(&metrics_cache_mu);
}

/* Whether the caller may read /metrics (loket.conf, docs/deploy.md "What to watch"): the bearer
** token when one is set (compared by hash, in constant time), or an address of metrics_allow; a
** request a proxy forwarded is known by its address only when trust_proxy is on (else every
** request through the proxy would come from the proxy's address). */
static int metrics_allowed(Req *r){
  const Config *c = r->cfg;
  const char *auth = req_header(r, "Authorization");
  if( c->metrics_token[0] && auth && strncasecmp(auth, "Bearer ", 7)==0 ){
    const char *t = auth+7;
    while( *t==' ' || *t=='\t' ) t++;
    char got[65], want[65];
    util_sha256_hex(got, t, strlen(t));
    util_sha256_hex(want, c->metrics_token, strlen(c->metrics_token));
    if( util_ct_equal(got, want) ) return 1;
  }
  if( !c->trust_proxy && req_header(r, "X-Forwarded-For") ) return 0;
  return config_addr_listed(c->metrics_allow, r->ip);
}

/* GET /metrics: Prometheus text, for the callers loket.conf allows (403 for others). */
int api_metrics(Req *r){
  /* counted as any answer is: loket_http_requests_total{route="/metrics",status="403"} */
  if( !metrics_allowed(r) ) return reply_constant(r, 403, "text/plain; charset=utf-8", "forbidden\n", 10);
  metrics_write(r);
  metrics_db(r);
  return OK;
}
