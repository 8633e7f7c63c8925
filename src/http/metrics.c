/*
** metrics.c — counters for /metrics in Prometheus text: requests by route and
** status, a latency histogram, requests in flight, database size, uptime, the
** background jobs' passes, and the counters of stat.c (sign-in failures, refusals …).
** All of them are this process's own (per node). Counters are atomics: no lock on the
** request path.
*/
#include "http.h"
#include "../core/worker.h"
#include <stdio.h>
#include <string.h>

static const int statuses[] = { 200,201,204,303,304,400,401,403,404,405,409,413,423,429,500,503 };
#define NSTATUS ((int)COUNT(statuses) + 1)   /* the last slot counts every other status */
static const double buckets[] = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };
#define NBUCKET ((int)COUNT(buckets))

/* an unmatched request (404, 405) is counted by its method: one of these, else "other" */
static const char *const methods[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other" };
#define NMETHOD ((int)COUNT(methods))

static uint64_t *counts;          /* [row][status slot]: rows 0..NMETHOD-1 unmatched by method, then the routes */
static uint64_t hist[NBUCKET+1];
static uint64_t hist_sum_us, hist_count;
static int active;
static size_t nroutes;
static int64_t started;

/* Size the counters for the route table. */
void metrics_init(size_t n){
  nroutes = n;
  counts = xcalloc((n+NMETHOD)*NSTATUS, sizeof(uint64_t));
  started = time_now();
}

/* Count one finished request (method: the request's, for one that matched no route). */
void metrics_record(int route_idx, const char *method, int status, int64_t us){
  if( counts==0 ) return;
  int s = NSTATUS-1;
  for(int i=0; i<NSTATUS-1; i++) if( statuses[i]==status ){ s = i; break; }
  size_t row;
  if( route_idx>=0 && (size_t)route_idx<nroutes ) row = (size_t)route_idx + NMETHOD;
  else{
    row = NMETHOD-1;
    for(int i=0; i<NMETHOD-1; i++) if( method && strcmp(method, methods[i])==0 ){ row = (size_t)i; break; }
  }
  __atomic_fetch_add(&counts[row*NSTATUS + (size_t)s], 1, __ATOMIC_RELAXED);
  double sec = (double)us / 1e6;
  int b = NBUCKET;
  for(int i=0; i<NBUCKET; i++) if( sec<=buckets[i] ){ b = i; break; }
  __atomic_fetch_add(&hist[b], 1, __ATOMIC_RELAXED);
  __atomic_fetch_add(&hist_sum_us, (uint64_t)us, __ATOMIC_RELAXED);
  __atomic_fetch_add(&hist_count, 1, __ATOMIC_RELAXED);
}

/* One more (+1) or one fewer (-1) request in flight. */
void metrics_active(int delta){
  __atomic_fetch_add(&active, delta, __ATOMIC_RELAXED);
}

/* Requests in flight now. */
int metrics_active_now(void){
  return __atomic_load_n(&active, __ATOMIC_RELAXED);
}

/* The background jobs: passes, the last one's start, end and length, the poll interval. */
static void metrics_jobs(Buf *b){
  static const struct { const char *name, *type, *help; } fam[] = {
    { "loket_job_runs_total", "counter", "Passes of a background job ended since the process started." },
    { "loket_job_last_run_timestamp_seconds", "gauge", "When the job's last pass ended (unix time; 0: none yet)." },
    { "loket_job_last_run_duration_seconds", "gauge", "How long the job's last pass took." },
    { "loket_job_running_since_timestamp_seconds", "gauge", "When the pass running now started (0: none running)." },
    { "loket_job_interval_seconds", "gauge", "Seconds from the end of one pass of the job to the next." },
  };
  for(size_t f=0; f<COUNT(fam); f++){
    buf_printf(b, "# HELP %R %R\n# TYPE %R %R\n", fam[f].name, fam[f].help, fam[f].name, fam[f].type);
    Worker *w;
    for(int i=0; (w = worker_nth(i))!=0; i++){
      int64_t start = __atomic_load_n(&w->last_start, __ATOMIC_RELAXED);
      int64_t end = __atomic_load_n(&w->last_end, __ATOMIC_RELAXED);
      uint64_t passes = __atomic_load_n(&w->passes, __ATOMIC_RELAXED);
      buf_printf(b, "%R{job=\"%j\"} ", fam[f].name, w->name);
      switch( f ){
        case 0: buf_printf(b, "%llu\n", (unsigned long long)passes); break;
        case 1: buf_printf(b, "%lld\n", (long long)end); break;
        case 2: buf_printf(b, "%.6f\n", (double)__atomic_load_n(&w->last_us, __ATOMIC_RELAXED)/1e6); break;
        /* a pass runs while its start is later than the last end, or no pass ended yet */
        case 3: buf_printf(b, "%lld\n", (long long)(start && (passes==0 || start>end) ? start : 0)); break;
        default: buf_printf(b, "%d\n", w->poll_s); break;
      }
    }
  }
}

/* The counters of stat.c, one family per line of this table. */
static void metrics_stats(Buf *b){
  static const struct { const char *name, *help, *label; int stat; } rows[] = {
    { "loket_signin_failures_total", "Sign-ins refused, by reason.", "reason=\"password\"", STAT_SIGNIN_PASSWORD },
    { 0, 0, "reason=\"locked\"", STAT_SIGNIN_LOCKED },
    { 0, 0, "reason=\"throttled\"", STAT_SIGNIN_THROTTLED },
    { "loket_account_lockouts_total", "Accounts locked by their failed sign-ins.", "", STAT_LOCKOUTS },
    { "loket_portal_refused_total", "Portal requests refused by an address's limit: submissions, tracking guesses, walk-in surveys.",
      "kind=\"submit\"", STAT_PORTAL_SUBMIT_LIMITED },
    { 0, 0, "kind=\"track\"", STAT_PORTAL_TRACK_LIMITED },
    { 0, 0, "kind=\"skm\"", STAT_PORTAL_SKM_LIMITED },
    { "loket_db_refusals_total", "Requests answered 503 because of the database, by error code.",
      "code=\"unavailable\"", STAT_DB_UNAVAILABLE },
    { 0, 0, "code=\"busy\"", STAT_DB_BUSY },
    { 0, 0, "code=\"disk_full\"", STAT_DB_DISK_FULL },
    { 0, 0, "code=\"read_only\"", STAT_DB_READ_ONLY },
    { "loket_sla_notices_sent_total", "Notices sent by the SLA watcher and the passes after it, by kind.",
      "kind=\"warning\"", STAT_SLA_WARNINGS },
    { 0, 0, "kind=\"breach\"", STAT_SLA_BREACHES },
  };
  const char *name = "";
  for(size_t i=0; i<COUNT(rows); i++){
    if( rows[i].name ){
      name = rows[i].name;
      buf_printf(b, "# HELP %R %R\n# TYPE %R counter\n", name, rows[i].help, name);
    }
    buf_printf(b, "%R%R%R%R %llu\n", name, rows[i].label[0] ? "{" : "", rows[i].label,
               rows[i].label[0] ? "}" : "", (unsigned long long)stat_get(rows[i].stat));
  }
}

/* Write the Prometheus text exposition as the answer. */
void metrics_write(Req *r){
  Buf *b = &r->out;
  buf_reset(b);
  buf_puts(b, "# HELP loket_http_requests_total HTTP requests by route and status.\n"
              "# TYPE loket_http_requests_total counter\n");
  for(size_t row=0; row<nroutes+NMETHOD; row++){
    const char *method = row>=NMETHOD ? routes[row-NMETHOD].method : methods[row];
    const char *path = row>=NMETHOD ? routes[row-NMETHOD].path : "unmatched";
    for(int s=0; s<NSTATUS; s++){
      uint64_t v = __atomic_load_n(&counts[row*NSTATUS + (size_t)s], __ATOMIC_RELAXED);
      if( v==0 ) continue;
      char st[8];
      if( s<NSTATUS-1 ) snprintf(st, sizeof st, "%d", statuses[s]); else snprintf(st, sizeof st, "other");
      buf_printf(b, "loket_http_requests_total{method=\"%j\",route=\"%j\",status=\"%j\"} %llu\n",
                 method, path, st, (unsigned long long)v);
    }
  }
  buf_puts(b, "# HELP loket_http_request_duration_seconds Time from first byte to answer.\n"
              "# TYPE loket_http_request_duration_seconds histogram\n");
  uint64_t cum = 0;
  for(int i=0; i<=NBUCKET; i++){
    cum += __atomic_load_n(&hist[i], __ATOMIC_RELAXED);
    if( i<NBUCKET ) buf_printf(b, "loket_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", buckets[i], (unsigned long long)cum);
    else buf_printf(b, "loket_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)cum);
  }
  buf_printf(b, "loket_http_request_duration_seconds_sum %.6f\n", (double)__atomic_load_n(&hist_sum_us, __ATOMIC_RELAXED)/1e6);
  buf_printf(b, "loket_http_request_duration_seconds_count %llu\n", (unsigned long long)__atomic_load_n(&hist_count, __ATOMIC_RELAXED));
  buf_printf(b, "# HELP loket_http_requests_in_flight Requests being answered now.\n"
                "# TYPE loket_http_requests_in_flight gauge\nloket_http_requests_in_flight %d\n", metrics_active_now());
  buf_printf(b, "# HELP loket_db_size_bytes Size of the database.\n"
                "# TYPE loket_db_size_bytes gauge\nloket_db_size_bytes %lld\n", (long long)db_size_bytes(r->db));
  buf_printf(b, "# HELP loket_uptime_seconds Seconds since the server started.\n"
                "# TYPE loket_uptime_seconds gauge\nloket_uptime_seconds %lld\n", (long long)(time_now()-started));
  buf_printf(b, "# HELP loket_build_info The version of loket serving.\n"
                "# TYPE loket_build_info gauge\nloket_build_info{version=\"%j\"} 1\n", LOKET_VERSION);
  metrics_jobs(b);
  metrics_stats(b);
  r->status = 200;
  r->ctype = "text/plain; version=0.0.4; charset=utf-8";
}
