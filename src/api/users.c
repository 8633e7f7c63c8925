/*
** users.c — user administration through the API: listing the users of the
** caller's office, creating them, changing their name, roles, state and
** password. The services in desk/user.c check the values and write the audit log.
*/
#include "api.h"
#include "../sop/absence.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define USERS_LIMIT_DEFAULT 100
#define USERS_LIMIT_MAX 1000

/* The state people see: disabled wins over locked. */
static const char *user_state(const User *u){
  return u->disabled ? "disabled" : u->locked ? "locked" : "active";
}

/* Append one user as JSON: the account, its office, its roles in the caller's office, and
** (away: their absence today, NULL when present) whether they are away and who replaces them. */
static void user_json(Buf *b, const User *u, const Office *o, unsigned roles, const Absence *away){
  Buf rl = BUF_INIT, of = BUF_INIT;
  char created[32];
  for(int i=0; i<ROLE_COUNT; i++){
    if( roles & (1u<<i) ) buf_printf(&rl, "%R%J", rl.n ? "," : "", role_names[i]);
  }
  if( o ) buf_printf(&of, "{\"id\":%lld,\"code\":%J,\"name\":%J}", (long long)o->id, o->code, o->name);
  else buf_puts(&of, "null");
  time_fmt_iso(created, sizeof created, u->created_at);
  buf_printf(b, "{\"id\":%lld,\"username\":%J,\"full_name\":%J,\"email\":%J,\"office\":%R,"
                "\"roles\":[%R],\"state\":%J,\"failed_count\":%d,\"must_change_password\":%R,"
                "\"created_at\":%J",
             (long long)u->id, u->username, u->full_name, u->email, buf_str(&of), buf_str(&rl),
             user_state(u), u->failed_count, u->must_change_pw ? "true" : "false", created);
  if( away ) buf_printf(b, ",\"away\":{\"kind\":%J,\"from\":%J,\"until\":%J,\"replacement\":%J}}",
                        away->kind, away->from, away->to, away->replacement);
  else buf_puts(b, ",\"away\":null}");
  buf_free(&rl);
  buf_free(&of);
}

/* The user as JSON, and (changed 0 or more) whether this call changed it: "changed": false when
** it was so already and nothing was written. */
static int reply_user_as(Req *r, int status, int64_t id, int changed){
  User u;
  Office o;
  int rc = user_get(r->db, id, &u);
  if( rc!=OK ) return api_fail(r, rc, 0);
  int have_office = office_get(r->db, u.office_id, &o)==OK;
  Buf b = BUF_INIT;
  Absence away;
  int is_away = absence_current(r->db, r->office_id, u.id, time_now(), &away, &r->arena);
  user_json(&b, &u, have_office ? &o : 0, user_roles(r->db, u.id, r->office_id), is_away ? &away : 0);
  if( changed < 0 ) reply_json(r, status, "%R", buf_str(&b));
  else reply_json(r, status, "%.*R,\"changed\":%R}", (int)b.n-1, buf_str(&b), changed ? "true" : "false");
  buf_free(&b);
  return OK;
}

/* Answer with the user as stored now. */
static int reply_user(Req *r, int status, int64_t id){
  return reply_user_as(r, status, id, -1);
}

/* The user named in the path, if of the caller's office (home_only: their home); else answers 404/403. */
static int user_target(Req *r, User *u, int home_only){
  const char *name = req_param(r, "username");
  if( name==0 || user_by_name(r->db, name, u)!=OK
   || !user_in_office(r->db, u->id, r->office_id) ){
    reply_error(r, 404, "not_found", 0, "No such user");
    return ERR_NOTFOUND;
  }
  if( home_only && user_account_scope(u, r->office_id)!=OK ){
    reply_error(r, 403, "forbidden", 0, "This user belongs to another office");
    return ERR_DENIED;
  }
  return OK;
}

/* GET /api/v1/users?q=&state=&limit=: the users of the caller's office, by username. */
int api_users(Req *r){
  if( req_query_only(r, "q state limit") ) return OK;
  const char *q = req_query(r, "q"), *state = req_query(r, "state");
  int64_t limit;
  if( util_utf8_len(q)>128 ){
    return reply_invalid_n(r, "q", N_("is longer than %d characters"), 128);
  }
  if( state && *state && strcmp(state, "active") && strcmp(state, "disabled") && strcmp(state, "locked") ){
    return reply_error(r, 400, "invalid", "state",
                       arena_printf(&r->arena, "%s %s", "state", T(r, "must be active, disabled or locked")));
  }
  if( req_query_int(r, "limit", 1, USERS_LIMIT_MAX, USERS_LIMIT_DEFAULT, &limit) ) return OK;
  UserRow *rows;
  int n, rc = user_list(r->db, r->office_id, q, state, (int)limit+1, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  Office o;
  int64_t have = 0;
  Absence *away;   /* who is away today */
  int naway;
  if( absence_today_list(r->db, r->office_id, time_now(), &away, &naway, &r->arena)!=OK ) return api_fail(r, ERR_DB, 0);
  for(int i=0; i<n && i<limit; i++){
    UserRow *w = &rows[i];
    User u;
    memset(&u, 0, sizeof u);
    u.id = w->id; u.office_id = w->office_id; u.created_at = w->created_at;
    snprintf(u.username, sizeof u.username, "%s", w->username);
    snprintf(u.full_name, sizeof u.full_name, "%s", w->full_name);
    snprintf(u.email, sizeof u.email, "%s", w->email);
    u.disabled = w->disabled; u.locked = w->locked; u.failed_count = w->failed_count;
    u.must_change_pw = w->must_change_pw;
    if( have!=w->office_id ) have = office_get(r->db, w->office_id, &o)==OK ? w->office_id : 0;
    if( i ) buf_putc(&b, ',');
    const Absence *gone = 0;
    for(int k=0; k<naway; k++) if( away[k].user_id==w->id ) gone = &away[k];
    user_json(&b, &u, have ? &o : 0, w->roles, gone);
  }
  reply_json(r, 200, "{\"users\":[%R],\"more\":%R}", buf_str(&b), n>limit ? "true" : "false");
  buf_free(&b);
  return OK;
}

/* POST /api/v1/users: create a user in the caller's office, with roles there. */
int api_user_create(Req *r){
  static const char *const keys[] = { "username", "full_name", "email", "password", "roles",
                                      "must_change_password", 0 };
  const char *username, *full_name, *email, *pw;
  const char **roles;
  int nroles, must = 0;
  if( jin_object(r) || jin_str(r, "username", 1, 64, &username) || jin_str(r, "full_name", 0, 127, &full_name)
   || jin_str(r, "email", 0, 127, &email) || jin_str(r, "password", 1, 256, &pw)
   || jin_strlist(r, "roles", &roles, &nroles) || jin_bool(r, "must_change_password", &must)
   || jin_done(r, keys) ) return OK;
  UserNew un = { r->office_id, username, full_name, email, pw, roles, nroles<0 ? 0 : nroles, must };
  Actor a = api_actor(r);
  Err e = {0};
  int64_t id = 0;
  int rc = user_create(r->db, &a, &un, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_user(r, 201, id);
}

/* GET /api/v1/users/:username: one user of the caller's office. */
int api_user(Req *r){
  User u;
  if( user_target(r, &u, 0) ) return OK;
  return reply_user(r, 200, u.id);
}

/* PATCH /api/v1/users/:username {"full_name","email"}: change what is given. */
int api_user_update(Req *r){
  static const char *const keys[] = { "full_name", "email", 0 };
  const char *full_name, *email;
  User u;
  if( jin_patch(r) || jin_str(r, "full_name", 0, 127, &full_name) || jin_str(r, "email", 0, 127, &email)
   || jin_done(r, keys) || user_target(r, &u, 1) ) return OK;
  if( full_name || email ){
    Actor a = api_actor(r);
    Err e = {0};
    int rc = user_update(r->db, &a, u.id, full_name, email, 0, &e);
    if( rc!=OK ) return api_fail(r, rc, &e);
  }
  return reply_user(r, 200, u.id);
}

/* PUT /api/v1/users/:username/roles {"roles":[…], "office"?}: the roles held in the caller's office, or in
** another office (its code) where the caller is an administrator too. */
int api_user_roles(Req *r){
  static const char *const keys[] = { "roles", "office", 0 };
  const char **roles, *code;
  int nroles;
  User u;
  if( jin_object(r) || jin_strlist(r, "roles", &roles, &nroles) || jin_str(r, "office", 0, 31, &code) ) return OK;
  json_t *v = json_object_get(r->json, "roles");
  if( v==0 || json_is_null(v) ) jin_note(r, "roles", N_("is required"), 0);   /* said with the body's other problems */
  if( jin_done(r, keys) ) return OK;
  if( user_target(r, &u, 0) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  Office o;
  int rc = user_roles_office(r->db, &a, code, r->office_id, &o, &e);
  if( rc==OK ) rc = user_set_roles(r->db, &a, u.id, o.id, roles, nroles, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  if( o.id==r->office_id ) return reply_user(r, 200, u.id);
  /* another office's: the user as here, and the roles now held there */
  Buf b = BUF_INIT, rl = BUF_INIT;
  Office home;
  user_get(r->db, u.id, &u);
  Absence away;
  int is_away = absence_current(r->db, r->office_id, u.id, time_now(), &away, &r->arena);
  user_json(&b, &u, office_get(r->db, u.office_id, &home)==OK ? &home : 0, user_roles(r->db, u.id, r->office_id), is_away ? &away : 0);
  unsigned there = user_roles(r->db, u.id, o.id);
  for(int i=0; i<ROLE_COUNT; i++) if( there & (1u<<i) ) buf_printf(&rl, "%R%J", rl.n ? "," : "", role_names[i]);
  reply_json(r, 200, "%.*R,\"office_roles\":{\"office\":%J,\"roles\":[%R]}}", (int)b.n-1, buf_str(&b), o.code, buf_str(&rl));
  buf_free(&b);
  buf_free(&rl);
  return OK;
}

/* Disable (1) or enable (0) the account named in the path. */
static int user_disable(Req *r, int disabled){
  User u;
  if( jin_empty(r) || user_target(r, &u, 1) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int changed, rc = user_set_disabled(r->db, &a, u.id, disabled, &changed, &e);
  if( rc==ERR_CONFLICT && e.field==0 ) e.field = "username";   /* one's own, the last administrator: the user named */
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_user_as(r, 200, u.id, changed);
}

/* POST /api/v1/users/:username/disable: no more sign-ins; the user's sessions end. */
int api_user_disable(Req *r){
  return user_disable(r, 1);
}

/* POST /api/v1/users/:username/enable: allow sign-ins again. */
int api_user_enable(Req *r){
  return user_disable(r, 0);
}

/* POST /api/v1/users/:username/unlock: lift the lock left by failed sign-ins ("changed": false
** when it was not locked and no failure was counted: nothing written). */
int api_user_unlock(Req *r){
  User u;
  if( jin_empty(r) || user_target(r, &u, 1) ) return OK;
  Actor a = api_actor(r);
  int changed, rc = user_unlock(r->db, &a, u.id, &changed);
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_user_as(r, 200, u.id, changed);
}

/* POST /api/v1/users/:username/password {"password","must_change_password"}: set it anew. */
int api_user_password(Req *r){
  static const char *const keys[] = { "password", "must_change_password", 0 };
  const char *pw;
  int must = 0;
  User u;
  if( jin_object(r) || jin_str(r, "password", 1, 256, &pw) || jin_bool(r, "must_change_password", &must)
   || jin_done(r, keys) || user_target(r, &u, 1) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = user_set_password(r->db, &a, u.id, pw, must, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 200, "{\"ok\":true}");
}
