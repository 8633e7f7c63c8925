/*
** attachments.c — notes and attachments of a case through the API: upload a
** file (multipart, field "file"), list and download them, add and list notes.
** The service (sop/attach.c) finds the type in the content, checks the limit,
** writes the row and its audit row.
*/
#include "api.h"
#include "../sop/case.h"
#include "../sop/attach.h"
#include "../desk/helpdesk.h"
#include <stdlib.h>
#include <string.h>

/* Answer a refused upload: 415 naming the detected type, 413 naming the limit, else by rc. */
static int attach_fail(Req *r, int rc, const Err *e, const Attachment *x){
  if( rc==ERR_TYPE ) return reply_error(r, 415, "unsupported_type", "file", req_upload_refusal(r, rc, x ? x->mime : 0));
  if( rc==ERR_TOOBIG ) return reply_error(r, 413, "too_large", "file", req_upload_refusal(r, rc, 0));
  return api_fail(r, rc, e);
}

/* POST /api/v1/cases/:number/attachments (multipart, field "file") → 201 {id, name, mime, size, sha256}. */
int api_case_attach(Req *r){
  const Field *f = req_form_field(r, "file");
  if( f==0 || f->filename==0 ){
    return reply_error(r, 400, "invalid", "file", "Send the file as multipart/form-data in the field named file");
  }
  Case *c = api_path_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  Attachment x;
  int rc = attach_add(r->db, &a, c, f->filename, f->value, f->len, r->cfg->attachment_limit, &x, &r->arena, &e);
  /* a .rhs bid file (random bytes to libmagic) has its own upload, streamed to disk: named */
  const char *rhs = rc==ERR_TYPE ? req_rhs_refusal(r, x.name, util_str_eq(c->sop_code, RHS_SOP) ? c->number : 0, 1) : 0;
  case_free(c);
  if( rhs ) return reply_error(r, 415, "unsupported_type", "file", rhs);
  if( rc!=OK ) return attach_fail(r, rc, &e, &x);
  Buf b = BUF_INIT;
  attach_json(&b, &x);
  reply_json(r, 201, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/cases/:number/attachments → {"attachments":[…]}. */
int api_case_attachments(Req *r){
  Case *c = api_path_case(r);
  if( c==0 ) return OK;
  Attachment *rows;
  int n;
  int rc = attach_list(r->db, c, &rows, &n, &r->arena);
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    if( i ) buf_putc(&b, ',');
    attach_json(&b, &rows[i]);
  }
  reply_json(r, 200, "{\"attachments\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/cases/:number/attachments/:id (and the page's download link): the bytes as stored. */
int api_case_attachment(Req *r){
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return reply_error(r, 404, "not_found", 0, "No such attachment");
  Case *c = api_path_case(r);
  if( c==0 ) return OK;
  Attachment x;
  buf_reset(&r->out);
  int rc = attach_get(r->db, c, id, &x, &r->out, &r->arena);
  case_free(c);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", 0, "No such attachment");
  if( rc!=OK ) return api_fail(r, rc, 0);
  req_set_header(r, "Cache-Control", "private, no-store");
  return reply_download(r, 200, x.mime, x.name);
}

/* POST /api/v1/cases/:number/notes {"body", "step"} → 201 the note. */
int api_case_note(Req *r){
  static const char *const keys[] = { "body", "step", 0 };
  const char *body;
  if( jin_object(r) || jin_str(r, "body", 1, 16000, &body) ) return OK;
  json_t *v = json_object_get(r->json, "step");
  int step = 0;
  if( v && !json_is_null(v) ){
    if( !json_is_integer(v) || json_integer_value(v)<1 || json_integer_value(v)>999 ) jin_note(r, "step", N_("must be a step number or null"), 1);
    else step = (int)json_integer_value(v);
  }
  if( jin_done(r, keys) ) return OK;
  Case *c = api_path_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  Note x;
  int rc = note_add(r->db, &a, c, step, body, &x, &r->arena, &e);
  case_free(c);
  if( rc!=OK ) return attach_fail(r, rc, &e, 0);
  Buf b = BUF_INIT;
  note_json(&b, &x);
  reply_json(r, 201, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/cases/:number/notes → {"notes":[…]}. */
int api_case_notes(Req *r){
  Case *c = api_path_case(r);
  if( c==0 ) return OK;
  Note *rows;
  int n;
  int rc = note_list(r->db, c, &rows, &n, &r->arena);
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    if( i ) buf_putc(&b, ',');
    Note x = rows[i];
    x.body = case_note_text(&r->arena, x.body, r->lang);   /* one Loket wrote (an escalation's answer): in the answer's language */
    note_json(&b, &x);
  }
  reply_json(r, 200, "{\"notes\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}
