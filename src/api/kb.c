/*
** kb.c — the knowledge base through the API: list and search, read, write (each
** write a new revision), archive, the revisions, the articles that answered a
** case and linking one ("jawab dengan artikel"); and the public FAQ of the portal.
** desk/kb.c checks the values and writes the audit log.
*/
#include "api.h"
#include "../desk/kb.h"
#include "../desk/portal.h"
#include <stdlib.h>
#include <string.h>

/* A failure about the article of the path: a 404 names id, as for an id that is no number. */
static int kb_fail(Req *r, int rc){
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "id", "No such article");
  return api_fail(r, rc, 0);
}

/* The article id of the path; answers 404 and gives 0 when it is not a number. */
static int64_t kb_path_id(Req *r){
  int64_t v = req_param_id(r, "id");
  if( v==0 ) reply_error(r, 404, "not_found", "id", "No such article");
  return v;
}

/* Answer with a list of articles (headings only, or full). */
static int kb_reply_list(Req *r, KbArticle *rows, int n, int full){
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    if( i ) buf_putc(&b, ',');
    kb_json(&b, &rows[i], full);
  }
  reply_json(r, 200, "{\"articles\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* Read the filter of a list from the query string; answers 400 on a bad one. */
static int kb_query_filter(Req *r, KbFilter *f, int64_t office_id, int public_only){
  memset(f, 0, sizeof *f);
  f->office_id = office_id;
  f->q = req_query(r, "q");
  f->category = req_query(r, "category");
  f->tag = req_query(r, "tag");
  f->status = public_only ? 0 : req_query(r, "status");
  f->published_only = public_only;
  if( util_utf8_len(f->q)>200 ){ reply_error_n(r, 400, "invalid", "q", N_("The search text is too long: at most %d characters"), 200); return ERR_INVALID; }
  if( f->status && *f->status && strcmp(f->status, "draft") && strcmp(f->status, "published") && strcmp(f->status, "archived") ){
    reply_error(r, 400, "invalid", "status", "The status must be draft, published or archived");
    return ERR_INVALID;
  }
  int64_t limit;
  if( req_query_int(r, "limit", 1, 200, 50, &limit)!=OK ) return ERR_INVALID;
  f->limit = (int)limit;
  return OK;
}

/* GET /api/v1/kb?q=&status=&category=&tag=&limit=: articles, ranked when searching. */
int api_kb_list(Req *r){
  if( req_query_only(r, "q status category tag limit") ) return OK;
  KbFilter f;
  if( kb_query_filter(r, &f, r->office_id, 0)!=OK ) return OK;
  KbArticle *rows;
  int n;
  int rc = kb_list(r->db, &f, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  return kb_reply_list(r, rows, n, 0);
}

/* Read an article's fields from the JSON body; required: title and body (on create). A member of
** the wrong type or not known is answered at once; a value's problem is left noted (jin_pending)
** for the article's own check to be said with it. */
static int kb_json_input(Req *r, KbInput *in, int create){
  static const char *const keys[] = { "title", "body", "title_en", "body_en", "category", "tags", "status", 0 };
  static const char *const edit_keys[] = { "title", "body", "title_en", "body_en", "category", "tags", "status", "revision", 0 };
  memset(in, 0, sizeof *in);
  if( (create ? jin_object(r) : jin_patch(r)) || jin_str(r, "title", create, 400, &in->title) || jin_str(r, "body", create, 40000, &in->body)
   || jin_str(r, "title_en", 0, 400, &in->title_en) || jin_str(r, "body_en", 0, 40000, &in->body_en)
   || jin_str(r, "category", 0, 128, &in->category) || jin_str(r, "status", 0, 16, &in->status) ) return ERR_INVALID;
  /* tags: a list of words, or one text separated by commas */
  json_t *t = json_object_get(r->json, "tags");
  if( t && json_is_array(t) ){
    Buf b = BUF_INIT;
    size_t i;
    json_t *v;
    json_array_foreach(t, i, v){
      if( !json_is_string(v) ){ jin_note(r, "tags", "tags must be a list of texts", 1); break; }
      if( b.n ) buf_puts(&b, ", ");
      buf_puts(&b, json_string_value(v));
    }
    in->tags = arena_strdup(&r->arena, buf_str(&b));
    buf_free(&b);
  }else if( t && json_is_string(t) ) in->tags = json_string_value(t);
  else if( t && !json_is_null(t) ) jin_note(r, "tags", "tags must be a list of texts", 1);
  /* an article always has a status: in a change, null or "" is not "keep it" but a mistake, named */
  json_t *st = json_object_get(r->json, "status");
  if( !create && st && (json_is_null(st) || (json_is_string(st) && *json_string_value(st)==0)) ) jin_note(r, "status", N_("is required"), 0);
  return jin_known(r, create ? keys : edit_keys);
}

/* Answer with one article as stored now. */
static int kb_reply_one(Req *r, int status, int64_t office_id, int64_t id){
  KbArticle x;
  int rc = kb_get(r->db, office_id, id, &x, &r->arena);
  if( rc!=OK ) return kb_fail(r, rc);
  Buf b = BUF_INIT;
  kb_json(&b, &x, KB_JSON_FULL);
  const char **cases;
  int n = 0;
  kb_article_cases(r->db, office_id, id, &cases, &n, &r->arena);
  b.n--;                      /* reopen the object for the cases it answered */
  buf_puts(&b, ",\"cases\":[");
  for(int i=0; i<n; i++) buf_printf(&b, "%R%J", i ? "," : "", cases[i]);
  buf_puts(&b, "]}");
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/kb: a new article (draft unless status says published). */
int api_kb_create(Req *r){
  KbInput in;
  if( kb_json_input(r, &in, 1)!=OK ) return OK;
  Err e = {0};
  /* a value missing or too long is said with what the article's own check finds: every field at once */
  if( jin_pending(r) ){ kb_create_check(&in, &e); return jin_answer(r, &e); }
  Actor a = api_actor(r);
  int64_t id;
  int rc = kb_create(r->db, &a, &in, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return kb_reply_one(r, 201, r->office_id, id);
}

/* GET /api/v1/kb/:id: one article with its text and the cases it answered. */
int api_kb_get(Req *r){
  int64_t id = kb_path_id(r);
  if( id==0 ) return OK;
  return kb_reply_one(r, 200, r->office_id, id);
}

/* PATCH /api/v1/kb/:id: change fields; a new revision. */
int api_kb_update(Req *r){
  int64_t id = kb_path_id(r);
  if( id==0 ) return OK;
  KbInput in;
  int64_t base = 0;   /* "revision": the one the edit was based on */
  if( kb_json_input(r, &in, 0)!=OK || jin_int(r, "revision", 1, INT32_MAX, &base) ) return OK;
  Err e = {0};
  /* the stored article with the body checked (a read, nothing written) and said with the body's
  ** problems; an article not found leaves those alone, as before */
  if( jin_pending(r) ){ kb_update_check(r->db, r->office_id, id, &in, &e); return jin_answer(r, &e); }
  Actor a = api_actor(r);
  KbArticle newer;
  int rc = kb_update_from(r->db, &a, id, &in, (int)base, &newer, &r->arena, &e);
  if( rc==ERR_NOTFOUND && e.field==0 ) return kb_fail(r, rc);
  if( rc==ERR_CONFLICT && util_str_eq(e.field, "revision") )
    return reply_error(r, 409, "conflict", "revision", kb_changed_text(&newer, (int)base, r->lang, r->office_tz, &r->arena));
  if( rc!=OK ) return api_fail(r, rc, &e);
  return kb_reply_one(r, 200, r->office_id, id);
}

/* DELETE /api/v1/kb/:id: archive (out of lists and search; the revisions stay). */
int api_kb_archive(Req *r){
  int64_t id = kb_path_id(r);
  if( id==0 ) return OK;
  Actor a = api_actor(r);
  int rc = kb_archive(r->db, &a, id);
  if( rc!=OK ) return kb_fail(r, rc);
  return kb_reply_one(r, 200, r->office_id, id);
}

/* GET /api/v1/kb/:id/revisions: every revision, newest first, with its whole text. */
int api_kb_revisions(Req *r){
  if( req_query_only(r, "") ) return OK;
  int64_t id = kb_path_id(r);
  if( id==0 ) return OK;
  KbArticle x, *rows;
  int n;
  int rc = kb_get(r->db, r->office_id, id, &x, &r->arena);
  if( rc==OK ) rc = kb_revisions(r->db, r->office_id, id, &rows, &n, &r->arena);
  if( rc!=OK ) return kb_fail(r, rc);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    char at[32];
    time_fmt_iso(at, sizeof at, rows[i].updated_at);
    buf_printf(&b, "%R{\"revision\":%d,\"at\":%J,\"by\":%J,\"title\":%J,\"body\":%J,\"title_en\":%J,\"body_en\":%J,"
                   "\"category\":%J,\"tags\":", i ? "," : "", rows[i].revision, at, rows[i].updated_by,
               rows[i].title, rows[i].body, rows[i].title_en, rows[i].body_en, rows[i].category);
    kb_tags_json(&b, rows[i].tags);
    buf_printf(&b, ",\"status\":%J}", rows[i].status);
  }
  reply_json(r, 200, "{\"id\":%lld,\"revisions\":[%R]}", (long long)id, buf_str(&b));
  buf_free(&b);
  return OK;
}

/* The case of the path's :number in the caller's office; answers 404 and gives NULL. */
static Case *kb_case_target(Req *r){
  Case *c = 0;
  int rc = case_get(r->db, r->office_id, req_param(r, "number"), &c);
  if( rc!=OK ){ api_fail(r, rc, 0); return 0; }
  return c;
}

/* Answer with the articles that answered a case; replied (0 or 1, or -1 to leave it out): whether
** the article just linked was sent to the portal ticket's requester. */
static int kb_reply_case(Req *r, int status, const Case *c, int replied){
  KbArticle *rows;
  int n;
  int rc = kb_case_articles(r->db, r->office_id, c->id, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    if( i ) buf_putc(&b, ',');
    kb_json(&b, &rows[i], 0);
  }
  reply_json(r, status, "{\"number\":%J,\"articles\":[%R]%R}", c->number, buf_str(&b),
             replied<0 ? "" : replied ? ",\"replied\":true" : ",\"replied\":false");
  buf_free(&b);
  return OK;
}

/* GET /api/v1/cases/:number/kb: the articles that answered the case. */
int api_case_kb(Req *r){
  if( req_query_only(r, "") ) return OK;
  Case *c = kb_case_target(r);
  if( c==0 ) return OK;
  kb_reply_case(r, 200, c, -1);
  case_free(c);
  return OK;
}

/* POST /api/v1/cases/:number/kb {"article": ID}: the case was answered with this article. */
int api_case_kb_link(Req *r){
  static const char *const keys[] = { "article", 0 };
  if( jin_object(r) ) return OK;
  json_t *v = json_object_get(r->json, "article");
  if( v==0 || !json_is_integer(v) || json_integer_value(v)<=0 ) jin_note(r, "article", "article must be the number of an article", 1);
  if( jin_done(r, keys) ) return OK;
  Case *c = kb_case_target(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int replied = 0;
  int rc = kb_link_case(r->db, &a, (int64_t)json_integer_value(v), c, req_base_url(r), &replied, &e);
  if( rc!=OK ){ case_free(c); return api_fail(r, rc, &e); }
  kb_reply_case(r, 201, c, replied);
  case_free(c);
  return OK;
}

/* The office of a public request (?office=CODE, else the first); answers 404 when none. */
static int kb_public_office(Req *r, Office *o){
  if( portal_office(r->db, req_query(r, "office"), o)!=OK ){
    reply_error(r, 404, "not_found", "office", "No such office");
    return ERR_NOTFOUND;
  }
  return OK;
}

/* GET /api/v1/portal/faq?q=&category=&tag=: the published articles, ranked when searching. */
int api_portal_faq(Req *r){
  if( req_query_only(r, "q category tag limit office") ) return OK;
  Office o;
  if( kb_public_office(r, &o)!=OK ) return OK;
  KbFilter f;
  if( kb_query_filter(r, &f, o.id, 1)!=OK ) return OK;
  KbArticle *rows;
  int n;
  int rc = kb_list(r->db, &f, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  return kb_reply_list(r, rows, n, KB_JSON_PUBLIC);
}

/* GET /api/v1/portal/faq/:id: one published article. */
int api_portal_faq_get(Req *r){
  Office o;
  if( kb_public_office(r, &o)!=OK ) return OK;
  int64_t id = kb_path_id(r);
  if( id==0 ) return OK;
  KbArticle x;
  int rc = kb_get(r->db, o.id, id, &x, &r->arena);
  if( rc==OK && strcmp(x.status, "published") ) rc = ERR_NOTFOUND;
  if( rc!=OK ) return kb_fail(r, rc);
  Buf b = BUF_INIT;
  kb_json(&b, &x, KB_JSON_FULL | KB_JSON_PUBLIC);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}
