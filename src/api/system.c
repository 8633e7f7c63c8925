/*
** system.c — health and metrics for operators and monitoring.
*/
#include "api.h"

/* GET /healthz: 200 "ok" while the database answers. */
int api_healthz(Req *r){
  Stmt *q = db_prepare(r->db, "SELECT 1");
  int ok = q && db_step(q)==DB_ROW;
  db_reset(q);
  if( !ok ) return reply_constant(r, 503, "text/plain; charset=utf-8", "database unavailable\n", 21);
  return reply_constant(r, 200, "text/plain; charset=utf-8", "ok", 2);
}

/* GET /metrics: Prometheus text. */
int api_metrics(Req *r){
  metrics_write(r);
  return OK;
}
