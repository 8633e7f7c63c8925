/*
** absences.c — a member of staff's absences through the API: list, set, change,
** cancel: one's own under /api/v1/me/absences (absence.own), anyone's of the office under
** /api/v1/users/:username/absences (absence.admin). The service (sop/absence.c) checks
** the values and writes the audit row.
*/
#include "api.h"
#include "../sop/absence.h"
#include <string.h>

/* Whose absences a call is about: the user the path names, of the caller's office (the routes
** under /users/: absence.admin), or the caller (those under /me/); else answers 404. */
static int absence_target(Req *r, User *u){
  const char *name = req_param(r, "username");
  if( name==0 ){
    if( user_get(r->db, r->user_id, u)==OK ) return OK;
    api_fail(r, ERR_DB, 0);
    return ERR_DB;
  }
  if( user_by_name(r->db, name, u)!=OK || !user_in_office(r->db, u->id, r->office_id) ){
    reply_error(r, 404, "not_found", "username", "No such user");
    return ERR_NOTFOUND;
  }
  return OK;
}

/* Answer with one absence of u by id. */
static int reply_absence(Req *r, int status, const User *u, int64_t id){
  Absence x;
  int rc = absence_get(r->db, r->office_id, u->id, id, &x, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  char today[11];
  time_day_text(today, time_now(), r->office_tz);
  Buf b = BUF_INIT;
  absence_json(&b, &x, strcmp(x.from, today)<=0 && strcmp(today, x.to)<=0);
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/users/:username/absences, /api/v1/me/absences: the user's absences, by their first day. */
int api_absences(Req *r){
  if( req_query_only(r, "") ) return OK;
  User u;
  if( absence_target(r, &u) ) return OK;
  Absence *v;
  int n, rc = absence_list(r->db, r->office_id, u.id, &v, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  char today[11];
  time_day_text(today, time_now(), r->office_tz);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    if( i ) buf_putc(&b, ',');
    absence_json(&b, &v[i], strcmp(v[i].from, today)<=0 && strcmp(today, v[i].to)<=0);
  }
  reply_json(r, 200, "{\"absences\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* The members of an absence from the body into in (NULL: not given). */
static int absence_input(Req *r, AbsenceIn *in){
  static const char *const keys[] = { "from", "to", "kind", "replacement", "note", 0 };
  memset(in, 0, sizeof *in);
  return jin_str(r, "from", 0, 32, &in->from) || jin_str(r, "to", 0, 32, &in->to) || jin_str(r, "kind", 0, 32, &in->kind)
      || jin_str(r, "replacement", 0, 64, &in->replacement) || jin_str(r, "note", 0, 2000, &in->note) || jin_done(r, keys);
}

/* POST /api/v1/users/:username/absences, /api/v1/me/absences {"from","to","kind","replacement","note"}: set one. */
int api_absence_add(Req *r){
  AbsenceIn in;
  if( jin_object(r) || absence_input(r, &in) ) return OK;
  User u;
  if( absence_target(r, &u) ) return OK;
  Office o;
  if( office_get(r->db, r->office_id, &o)!=OK ) return api_fail(r, ERR_DB, 0);
  Actor a = api_actor(r);
  Err e = {0};
  int64_t id = 0;
  int rc = absence_add(r->db, &a, &o, &u, &in, r->lang, &id, &e, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_absence(r, 201, &u, id);
}

/* Change (in) or cancel (in NULL) the absence the path names, when the caller may, and answer. */
static int absence_alter(Req *r, const AbsenceIn *in){
  User u;
  Office o;
  if( absence_target(r, &u) ) return OK;
  int64_t id = req_param_id(r, "id");
  if( office_get(r->db, r->office_id, &o)!=OK ) return api_fail(r, ERR_DB, 0);
  Actor a = api_actor(r);
  Err e = {0};
  int rc = id==0 ? ERR_NOTFOUND : in ? absence_change(r->db, &a, &o, &u, id, in, r->lang, &e, &r->arena)
                                     : absence_cancel(r->db, &a, &o, &u, id, &e, &r->arena);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "id", "No such absence of this user");
  if( rc!=OK ) return api_fail(r, rc, &e);
  if( in ) return reply_absence(r, 200, &u, id);
  return reply_json(r, 200, "{\"cancelled\":%lld}", (long long)id);
}

/* PATCH /api/v1/users/:username/absences/:id, /api/v1/me/absences/:id: change what is given (shorten it, another replacement). */
int api_absence_change(Req *r){
  AbsenceIn in;
  if( jin_patch(r) || absence_input(r, &in) ) return OK;
  return absence_alter(r, &in);
}

/* DELETE /api/v1/users/:username/absences/:id, /api/v1/me/absences/:id: cancel one that is not over. */
int api_absence_cancel(Req *r){
  if( jin_empty(r) ) return OK;
  return absence_alter(r, 0);
}
