/*
** metrics.c — counters for /metrics in Prometheus text: requests by route and
** status, a latency histogram, requests in flight, database size, uptime.
** Counters are atomics: no lock on the request path.
*/
#include "http.h"
#include <stdio.h>
#include <string.h>

static const int statuses[] = { 200,201,204,303,304,400,401,403,404,405,409,413,423,429,500,503 };
#define NSTATUS ((int)COUNT(statuses) + 1)   /* the last slot counts every other status */
static const double buckets[] = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };
#define NBUCKET ((int)COUNT(buckets))

static uint64_t *counts;          /* [route+1][status slot]; route -1 is "unmatched" */
static uint64_t hist[NBUCKET+1];
static uint64_t hist_sum_us, hist_count;
static int active;
static size_t nroutes;
static int64_t started;

/* Size the counters for the route table. */
void metrics_init(size_t n){
  nroutes = n;
  counts = xcalloc((n+1)*NSTATUS, sizeof(uint64_t));
  started = time_now();
}

/* Count one finished request. */
void metrics_record(int route_idx, int status, int64_t us){
  if( counts==0 ) return;
  int s = NSTATUS-1;
  for(int i=0; i<NSTATUS-1; i++) if( statuses[i]==status ){ s = i; break; }
  size_t row = route_idx>=0 && (size_t)route_idx<nroutes ? (size_t)route_idx+1 : 0;
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

/* Write the Prometheus text exposition as the answer. */
void metrics_write(Req *r){
  Buf *b = &r->out;
  buf_reset(b);
  buf_puts(b, "# HELP loket_http_requests_total HTTP requests by route and status.\n"
              "# TYPE loket_http_requests_total counter\n");
  for(size_t row=0; row<=nroutes; row++){
    const char *method = row ? routes[row-1].method : "";
    const char *path = row ? routes[row-1].path : "unmatched";
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
  r->status = 200;
  r->ctype = "text/plain; version=0.0.4; charset=utf-8";
}
