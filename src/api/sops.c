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

/* The "text" member of the body as the file's bytes (*len of them): a control character or a NUL in it
** is left to the file's check, which names its line as `loket sop load` does, not refused here. */
static void text_member(Req *r, const char **out, size_t *len){
  json_t *v = json_object_get(r->json, "text");
  *out = 0;
  if( v==0 || json_is_null(v) ) jin_note(r, "text", N_("is required"), 0);
  else if( !json_is_string(v) ) jin_note(r, "text", N_("must be a string"), 1);
  else if( json_string_length(v)>SOP_TEXT_MAX ) err_add_n(&r->jin, "text", N_("is longer than %d characters"), SOP_TEXT_MAX);
  else{
    *out = json_string_value(v);
    *len = json_string_length(v);
  }
}

/* POST /api/v1/sops {"file": NAME, "text": TEXT}: one procedure file loaded, checked as `loket sop load`
** checks it. 201 with the procedure of the revision stored ("changed":true), 200 with the current one
** when the text is that revision's ("changed":false), 422 with every error of the file as {line, message}
** (nothing stored). */
int api_sop_load(Req *r){
  static const char *const keys[] = { "file", "text", 0 };
  const char *file = 0, *text = 0;
  size_t tlen = 0;
  if( jin_object(r) || jin_str(r, "file", 1, 200, &file) ) return OK;
  text_member(r, &text, &tlen);
  if( jin_done(r, keys) ) return OK;
  if( strchr(file, '\n') || strchr(file, '/') ) return reply_invalid(r, "file", "must be a file name without folders or line breaks");
  Actor a = api_actor(r);
  SopText t = { file, text, tlen };   /* an empty text: "the file is empty" at line 1, as for a file */
  const Procedure *p = 0;
  int stored = 0;
  Buf errs = BUF_INIT;
  int rc = sop_load(r->db, &a, r->lang, &t, 1, &errs, &p, &stored);
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

/* The procedure the :code of a revisions, retire or restore address names (its slug as in GET
** /api/v1/sops, its code when it has no slash, or its short name), or NULL having answered 404. */
static const Procedure *sop_named(Req *r){
  const Procedure *p = sop_library_find(req_param(r, "code"));
  if( p==0 ) reply_error(r, 404, "not_found", 0, "No such procedure");
  return p;
}

/* GET /api/v1/sops/:code/revisions: the procedure's stored revisions, oldest first, each with the
** cases of this office open under it (sop_revisions_json). */
int api_sop_revisions(Req *r){
  if( req_query_only(r, "") ) return OK;
  const Procedure *p = sop_named(r);
  if( p==0 ) return OK;
  SopRevision *v;
  int n, rc = sop_revisions(r->db, p->code, r->office_id, &r->arena, &v, &n);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  sop_revisions_json(&b, p, v, n);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/sops/:code/revisions/:n: that stored revision as GET /api/v1/sops/:code gives the current
** one; ?format=text: its file as stored, byte for byte (text/plain), to be loaded again. 404 when the
** procedure has no such revision. */
int api_sop_revision(Req *r){
  if( req_query_only(r, "format") ) return OK;
  const char *format = req_query(r, "format");
  if( format && strcmp(format, "text") && strcmp(format, "json") ) return reply_invalid(r, "format", "must be text or json");
  const Procedure *p = sop_named(r);
  if( p==0 ) return OK;
  const char *n = req_param(r, "n");
  char *end = 0;
  long no = n ? strtol(n, &end, 10) : 0;
  if( n==0 || end==n || *end || no<1 || no>1000000 ) return reply_error(r, 404, "not_found", 0, "No such revision");
  Buf text = BUF_INIT;
  int64_t id = 0;
  const char *file = 0;
  int rc = sop_revision_text(r->db, p->code, (int)no, &text, &r->arena, &file, &id);
  if( rc==ERR_NOTFOUND ){ buf_free(&text); return reply_error(r, 404, "not_found", 0, "No such revision"); }
  if( rc!=OK ){ buf_free(&text); return api_fail(r, rc, 0); }
  if( format && strcmp(format, "text")==0 ){
    reply_text(r, 200, "text/plain; charset=utf-8", text.z ? text.z : "", text.n);
    buf_free(&text);
    return OK;
  }
  buf_free(&text);
  Procedure *rev = sop_stored_parse(r->db, id, 0);
  if( rev==0 ) return reply_error(r, 500, "internal", 0, "The stored revision cannot be read");
  Buf b = BUF_INIT;
  procedure_json(&b, rev, r->lang);
  procedure_free(rev);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/sops/:code/retire and …/restore (no body, or {}): the procedure taken out of service (no
** new case under it; open cases run to their end) or put back, audited. 200 with the procedure and
** "changed" (false: it already was so). */
static int sop_retire_api(Req *r, int retire){
  if( jin_empty(r) ) return OK;
  const Procedure *p = sop_named(r);
  if( p==0 ) return OK;
  Actor a = api_actor(r);
  int changed = 0;
  int rc = sop_retire(r->db, &a, p->code, retire, &p, &changed);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  procedure_json(&b, p, r->lang);
  b.n--;   /* its closing brace: whether this answer changed it, as every write says */
  buf_printf(&b, ",\"changed\":%R}", changed ? "true" : "false");
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/sops/:code/retire. */
int api_sop_retire(Req *r){
  return sop_retire_api(r, 1);
}

/* POST /api/v1/sops/:code/restore. */
int api_sop_restore(Req *r){
  return sop_retire_api(r, 0);
}
