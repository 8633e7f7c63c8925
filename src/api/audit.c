/*
** audit.c — reading the audit log through the API: the rows of the caller's
** office and of the system, newest first, filtered, a page at a time; the check of
** the log's hash chain.
*/
#include "api.h"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUDIT_LIMIT_DEFAULT 100
#define AUDIT_LIMIT_MAX 1000


/* GET /api/v1/audit?actor=&action=&object=&from=&to=&before=&limit=: newest first. */
int api_audit(Req *r){
  if( req_query_only(r, "action actor object from to limit before") ) return OK;
  AuditFilter f;
  int64_t limit;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.actor = req_query(r, "actor");
  f.action = req_query(r, "action");
  f.object = req_query(r, "object");
  if( f.actor && strlen(f.actor)>64 ) return reply_invalid_n(r, "actor", N_("is longer than %d characters"), 64);
  if( f.action && strlen(f.action)>64 ) return reply_invalid_n(r, "action", N_("is longer than %d characters"), 64);
  if( f.object && strlen(f.object)>256 ) return reply_invalid_n(r, "object", N_("is longer than %d characters"), 256);
  if( req_query_time(r, "from", 0, &f.from) || req_query_time(r, "to", 1, &f.to)
   || req_query_int(r, "before", 1, INT64_MAX, 0, &f.before)
   || req_query_int(r, "limit", 1, AUDIT_LIMIT_MAX, AUDIT_LIMIT_DEFAULT, &limit) ) return OK;
  if( f.from && f.to && f.to<=f.from ) return reply_invalid(r, "to", "must be later than from");
  f.limit = (int)limit + 1;   /* one more than asked: says whether there is a next page */
  AuditRow *rows;
  int n, rc = audit_list(db_report(), &f, &rows, &n, &r->arena);   /* a report: the replica may answer */
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n && i<limit; i++){
    char at[32];
    time_fmt_iso(at, sizeof at, rows[i].at);
    buf_printf(&b, "%R{\"id\":%lld,\"at\":%J,\"actor\":%J,\"action\":%J,\"object\":%J,\"detail\":%J,"
                   "\"ip\":%J,\"office_id\":%lld}",
               i ? "," : "", (long long)rows[i].id, at, rows[i].actor, rows[i].action, rows[i].object,
               rows[i].detail, rows[i].ip, (long long)rows[i].office_id);
  }
  char next[24] = "null";
  if( n>limit ) snprintf(next, sizeof next, "%lld", (long long)rows[limit-1].id);
  reply_json(r, 200, "{\"rows\":[%R],\"next_before\":%R}", buf_str(&b), next);
  buf_free(&b);
  return OK;
}

/* GET /api/v1/audit/verify[?head=HASH]: recompute the hash chain of the whole log (as `loket
** audit verify`): {"intact","rows","head":{"id","hash"}|null} and, with head, "kept_row" (null when
** no row has it: cut from its end); a broken chain: "intact":false and "problem". */
int api_audit_verify(Req *r){
  if( req_query_only(r, "head") ) return OK;
  const char *kept = req_query(r, "head");
  AuditHead head;
  int64_t rows = 0;
  char err[512] = "";
  int rc = audit_verify_head(r->db, kept && *kept ? kept : 0, "en", &rows, &head, err, sizeof err);
  if( rc==ERR_TYPE ) return reply_invalid(r, "head", N_("This is not a hash: give its 64 hexadecimal characters (or the first 16 or more)"));
  if( rc!=OK && rc!=ERR_NOTFOUND && rc!=ERR_INVALID ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"intact\":%R,\"rows\":%lld,\"head\":", rc==ERR_INVALID ? "false" : "true", (long long)rows);
  if( rc!=ERR_INVALID && head.id ) buf_printf(&b, "{\"id\":%lld,\"hash\":%J}", (long long)head.id, head.hash);
  else buf_printf(&b, "null");
  if( kept && *kept && rc!=ERR_INVALID ){
    if( head.kept_id ) buf_printf(&b, ",\"kept_row\":%lld", (long long)head.kept_id);
    else buf_printf(&b, ",\"kept_row\":null");
  }
  if( rc!=OK ) buf_printf(&b, ",\"problem\":%J", err);
  reply_json(r, 200, "%R}", buf_str(&b));
  buf_free(&b);
  return OK;
}
