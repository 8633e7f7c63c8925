/*
** sops.c — the procedures through the API: every procedure compiled into the
** binary, or one by its code, with its steps, actors, standards and branches
** (the stable surface of DESIGN.md); an edited or new procedure file loaded by an
** administrator. Procedures are shared by every office.
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

/* POST /api/v1/sops {"file": NAME, "text": TEXT}: one procedure file loaded, checked as `loket sop load`
** checks it. 201 with the procedure of the revision stored ("changed":true), 200 with the current one
** when the text is that revision's ("changed":false), 422 with every error of the file as {line, message}
** (nothing stored). */
int api_sop_load(Req *r){
  static const char *const keys[] = { "file", "text", 0 };
  const char *file = 0, *text = 0;
  if( jin_object(r) || jin_str(r, "file", 1, 200, &file) || jin_str(r, "text", 1, SOP_TEXT_MAX, &text) ) return OK;
  if( jin_done(r, keys) ) return OK;
  if( strchr(file, '\n') || strchr(file, '/') ) return reply_invalid(r, "file", "must be a file name without folders or line breaks");
  Actor a = api_actor(r);
  SopText t = { file, text, strlen(text) };
  const Procedure *p = 0;
  int stored = 0;
  Buf errs = BUF_INIT;
  int rc = sop_load(r->db, &a, &t, 1, &errs, &p, &stored);
  if( rc==ERR_INVALID ){
    Buf b = BUF_INIT;
    const char *z = buf_str(&errs), *msg;
    int line, len, n = 0;
    while( sop_error_next(file, &z, &line, &msg, &len) ){
      buf_printf(&b, "%R{\"line\":", n++ ? "," : "");
      if( line ) buf_printf(&b, "%d", line); else buf_puts(&b, "null");
      buf_printf(&b, ",\"message\":%J}", arena_strndup(&r->arena, msg, (size_t)len));
    }
    reply_json(r, 422, "{\"error\":{\"code\":\"invalid\",\"field\":\"text\",\"message\":%J,\"errors\":[%R]}}",
               T(r, "The procedure file has errors: nothing was stored"), buf_str(&b));
    buf_free(&b);
    buf_free(&errs);
    return OK;
  }
  buf_free(&errs);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  procedure_json(&b, p, r->lang);
  b.n--;   /* its closing brace: whether this answer stored it, as every write says */
  buf_printf(&b, ",\"changed\":%R}", stored ? "true" : "false");
  reply_json(r, stored ? 201 : 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}
