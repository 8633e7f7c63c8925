/*
** sops.c — the procedures through the API: every procedure compiled into the
** binary, or one by its code, with its steps, actors, standards and branches
** (the stable surface of DESIGN.md). Procedures are shared by every office.
*/
#include "api.h"
#include "../sop/sop.h"

/* GET /api/v1/sops: every procedure, by code. */
int api_sops(Req *r){
  if( req_query_only(r, "") ) return OK;
  Buf b = BUF_INIT;
  sop_library_json(&b, r->lang);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/sops/:code: one procedure; 404 when no procedure has that code. */
int api_sop(Req *r){
  if( req_query_only(r, "") ) return OK;
  /* the code as a client library encodes it (SOP%2001%2FLPSE.OI%2F2012) arrives decoded, its
  ** slashes splitting the path: the routes of two and three segments take it whole */
  const char *code = req_param_rest(r, "code");
  const Procedure *p = sop_library_find(code);
  if( p==0 ) return reply_error(r, 404, "not_found", 0, "No such procedure");
  Buf b = BUF_INIT;
  procedure_json(&b, p, r->lang);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}
