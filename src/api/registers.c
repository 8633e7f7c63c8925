/*
** registers.c — the registers the SOPs keep, through the API: the list of
** registers, the entries of one (search, dates, paging, the archive's list of
** what is due for destruction), a new entry, and the actions (a guest departs,
** a disposition is done, an archive entry is destroyed), the correction of an
** entry. desk/register.c checks the values and writes the audit log.
*/
#include "api.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define REG_LIMIT_DEFAULT 100
#define REG_LIMIT_MAX 1000

/* 404 naming id: the register has no entry of the office with the id in the path. */
static int reg_not_found(Req *r){
  return reply_error(r, 404, "not_found", "id", register_missing_msg);
}

/* Answer a failure of the register: an entry not found is said of its id, the rest as api_fail does. */
static int reg_fail(Req *r, int rc, const Err *e){
  if( rc==ERR_NOTFOUND && (e==0 || e->msg==0) ) return reg_not_found(r);
  return api_fail(r, rc, e);
}

/* The register named in the path; answers 404 and gives NULL when none. */
static const Register *reg_target(Req *r){
  const Register *g = register_find(req_param(r, "register"));
  if( g==0 ) reply_error(r, 404, "not_found", "register", "No such register");
  return g;
}

/* Append one entry as JSON: id, register, number, its fields, due (archive), who made it and when. */
static void entry_json(Buf *b, const Register *g, const RegEntry *w){
  char iso[32];
  buf_printf(b, "{\"id\":%lld,\"register\":%J", (long long)w->id, g->slug);
  if( g->prefix ) buf_printf(b, ",\"number\":%J", w->number);
  for(int i=0; i<g->nfields; i++){
    const RegField *f = &g->fields[i];
    if( f->kind==RF_TIME ){
      if( w->t[i] ) time_fmt_iso(iso, sizeof iso, w->t[i]);
      buf_printf(b, ",%J:%J", f->name, w->t[i] ? iso : NULL);
    }else{
      buf_printf(b, ",%J:%J", f->name, w->v[i] && *w->v[i] ? w->v[i] : NULL);
    }
  }
  if( g->id==REG_ARCHIVE ) buf_printf(b, ",\"due\":%R", w->due ? "true" : "false");
  time_fmt_iso(iso, sizeof iso, w->created_at);
  buf_printf(b, ",\"created_by\":%J,\"created_at\":%J}", w->created_by, iso);
}

/* Answer with one entry as stored now. */
static int reply_entry(Req *r, int status, const Register *g, int64_t id){
  RegEntry w;
  int rc = register_get(r->db, g, r->office_id, id, req_today(r), &w, &r->arena);
  if( rc!=OK ) return reg_fail(r, rc, 0);
  Buf b = BUF_INIT;
  entry_json(&b, g, &w);
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/registers: the registers, their fields and actions. */
int api_registers(Req *r){
  Buf b = BUF_INIT;
  for(int i=0; i<REG_COUNT; i++){
    const Register *g = register_at(i);
    buf_printf(&b, "%R{\"register\":%J,\"title\":%J,\"numbered\":%R,\"action\":%J,\"fields\":[",
               i ? "," : "", g->slug, T(r, g->title), g->prefix ? "true" : "false", g->action);
    for(int k=0; k<g->nfields; k++) buf_printf(&b, "%R%J", k ? "," : "", g->fields[k].name);
    buf_puts(&b, "]}");
  }
  reply_json(r, 200, "{\"registers\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}


/* GET /api/v1/registers/:register?q=&from=&to=&open=&due=&before=&limit=: entries, newest first. */
int api_register_list(Req *r){
  if( req_query_only(r, "q from to due open limit before") ) return OK;
  const Register *g = reg_target(r);
  if( g==0 ) return OK;
  RegFilter f;
  int64_t limit;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.today = req_today(r);
  f.q = api_trim(r, req_query(r, "q"));   /* " budi " finds Budi, as on the page */
  if( util_utf8_len(f.q)>REG_SEARCH_MAX ) return reply_invalid_n(r, "q", N_("is longer than %d characters"), REG_SEARCH_MAX);
  /* what the action is still to do for: due (the archive), open (guests, dispositions) */
  static const char *const pending[] = { "due", "open" };
  for(size_t k=0; k<COUNT(pending); k++){
    const char *v = req_query(r, pending[k]);
    if( v==0 || *v==0 ) continue;
    if( !util_str_eq(g->pending, pending[k]) ){
      return reply_invalid(r, pending[k], k==0 ? "is only for the archive" : "is only for the guest book and the disposition sheets");
    }
    if( strcmp(v, "1") && strcmp(v, "true") && strcmp(v, "0") && strcmp(v, "false") ){
      return reply_invalid(r, pending[k], "must be true or false");
    }
    f.due = strcmp(v, "1")==0 || strcmp(v, "true")==0 ? 1 : 2;
  }
  if( req_query_time(r, "from", 0, &f.from) || req_query_time(r, "to", 1, &f.to)
   || req_query_int(r, "before", 1, INT64_MAX, 0, &f.before)
   || req_query_int(r, "limit", 1, REG_LIMIT_MAX, REG_LIMIT_DEFAULT, &limit) ) return OK;
  if( f.from && f.to && f.to<=f.from ) return reply_invalid(r, "to", "must be later than from");
  f.limit = (int)limit + 1;   /* one more than asked: says whether there is a next page */
  RegEntry *rows;
  int n, rc = register_list(r->db, g, &f, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n && i<limit; i++){
    if( i ) buf_putc(&b, ',');
    entry_json(&b, g, &rows[i]);
  }
  char next[24] = "null";
  if( n>limit ) snprintf(next, sizeof next, "%lld", (long long)rows[limit-1].id);
  reply_json(r, 200, "{\"register\":%J,\"entries\":[%R],\"next_before\":%R}", g->slug, buf_str(&b), next);
  buf_free(&b);
  return OK;
}

/* Read the body's members into in, the register's fields (edit: a correction, where a null member
** is "" and the moment of the register's action may be given too); answers 400 itself and gives
** nonzero when the body is wrong. */
static int reg_members(Req *r, const Register *g, RegInput *in, int edit){
  const char **keys = arena_alloc(&r->arena, sizeof(char*)*(size_t)(g->nfields+1));
  int nk = 0;
  memset(in, 0, sizeof *in);
  if( jin_object(r) ) return 1;
  for(int i=0; i<g->nfields; i++){
    const RegField *f = &g->fields[i];
    if( f->state && !edit ) continue;
    keys[nk++] = f->name;
    /* bytes: room for maxlen characters of any width; the register counts the characters, and
    ** a text past even that room is named with the register's own limit, not the room's bytes */
    json_t *big = json_object_get(r->json, f->name);
    if( f->maxlen>0 && big && json_is_string(big) && json_string_length(big)>4*(size_t)f->maxlen
        && util_utf8_len(json_string_value(big))>(size_t)f->maxlen ){
      reply_invalid_n(r, f->name, N_("is too long: at most %d characters"), f->maxlen);
      return 1;
    }
    if( jin_str(r, f->name, 0, f->maxlen>0 ? 4*(size_t)f->maxlen : 40, &in->v[i]) ) return 1;
    in->v[i] = api_trim(r, in->v[i]);   /* kept as the page keeps it: " =1" is "=1" */
    json_t *m = json_object_get(r->json, f->name);
    if( edit && in->v[i]==0 && m && json_is_null(m) ) in->v[i] = "";
  }
  keys[nk] = 0;
  return jin_done(r, keys);
}

/* POST /api/v1/registers/:register {fields…}: a new entry; 201 with the entry. */
int api_register_add(Req *r){
  const Register *g = reg_target(r);
  RegInput in;
  if( g==0 || reg_members(r, g, &in, 0) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int64_t id;
  int rc = register_add(r->db, &a, g, r->office_tz, &in, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_entry(r, 201, g, id);
}

/* PATCH /api/v1/registers/:register/:id {fields…}: correct an entry; the members given replace
** theirs (empty or null clears an optional one); 200 with the entry. */
int api_register_edit(Req *r){
  const Register *g = reg_target(r);
  if( g==0 ) return OK;
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return reg_not_found(r);
  RegInput in;
  if( reg_members(r, g, &in, 1) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = register_edit(r->db, &a, g, r->office_tz, id, &in, req_today(r), &e);
  if( rc!=OK ) return reg_fail(r, rc, &e);
  return reply_entry(r, 200, g, id);
}

/* Carry out the register's action named on the entry in the path; answers the entry. */
static int reg_action(Req *r, const char *action){
  const Register *g = reg_target(r);
  if( g==0 ) return OK;
  if( g->action==0 || strcmp(g->action, action) ){
    return reply_error(r, 404, "not_found", 0, "This register has no such action");
  }
  static const char *const members[] = { "at", 0 };
  const char *at = 0;   /* when it happened, if not now: a departure recorded afterwards */
  if( r->body.n && (jin_object(r) || jin_str(r, "at", 0, 40, &at) || jin_done(r, members)) ) return OK;
  at = api_trim(r, at);
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return reg_not_found(r);
  Actor a = api_actor(r);
  Err e = {0};
  int rc = register_act_at(r->db, &a, g, id, req_today(r), r->office_tz, at, &e);
  /* recorded already: the field it is recorded in (left_at, done_at, destroyed_at) */
  for(int i=0; rc==ERR_CONFLICT && e.field==0 && i<g->nfields; i++) if( g->fields[i].state ) e.field = g->fields[i].name;
  if( rc!=OK ) return reg_fail(r, rc, &e);
  return reply_entry(r, 200, g, id);
}

/* POST /api/v1/registers/guest-book/:id/depart: the guest's departure, now. */
int api_register_depart(Req *r){
  return reg_action(r, "depart");
}

/* POST /api/v1/registers/disposition/:id/done: the disposition is carried out. */
int api_register_done(Req *r){
  return reg_action(r, "done");
}

/* POST /api/v1/registers/archive/destroy {"ids":[…],"at"}: the destruction list carried out, all
** or none; 200 with the entries. */
int api_register_destroy_all(Req *r){
  static const char *const members[] = { "ids", "at", 0 };
  const char *at = 0;
  if( jin_object(r) || jin_str(r, "at", 0, 40, &at) ) return OK;
  at = api_trim(r, at);
  json_t *list = json_object_get(r->json, "ids");
  size_t n = json_is_array(list) ? json_array_size(list) : 0;
  int64_t *ids = arena_alloc(&r->arena, sizeof *ids * (n ? n : 1));
  for(size_t k=0; k<n; k++){
    json_t *v = json_array_get(list, k);
    ids[k] = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
    if( ids[k]<=0 ){ jin_note(r, "ids", N_("must be a list of entry ids"), 1); break; }
  }
  if( list==0 ) jin_note(r, "ids", N_("is required"), 0);
  else if( !json_is_array(list) ) jin_note(r, "ids", N_("must be a list of entry ids"), 1);
  if( jin_done(r, members) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int64_t failed;
  const Register *g = register_find("archive");
  int m = (int)n;
  int rc = register_destroy_all(r->db, &a, ids, &m, req_today(r), r->office_tz, at, &failed, &e);
  if( rc!=OK && failed ){   /* which entry of the list, and why */
    const char *why = (e.msg ? T_err(r, &e) : T(r, rc==ERR_NOTFOUND ? register_missing_msg : N_("Request failed")));
    const char *field = e.field && strcmp(e.field, "at")==0 ? "at" : "ids";
    return reply_error(r, http_status_of(rc), http_code_of(rc), field, arena_printf(&r->arena, "#%lld: %s", (long long)failed, why));
  }
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  for(int k=0; k<m; k++){   /* each once, as destroyed once */
    RegEntry w;
    if( register_get(r->db, g, r->office_id, ids[k], req_today(r), &w, &r->arena)!=OK ) continue;
    if( b.n ) buf_putc(&b, ',');
    entry_json(&b, g, &w);
  }
  reply_json(r, 200, "{\"register\":\"archive\",\"entries\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/registers/archive/:id/destroy: the archived file is destroyed (its retention ended). */
int api_register_destroy(Req *r){
  return reg_action(r, "destroy");
}
