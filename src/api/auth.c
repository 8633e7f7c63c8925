/*
** auth.c — signing in and out through the API, and the caller's own account.
*/
#include "api.h"
#include <stdio.h>
#include <string.h>

/* The actor for audit rows: the caller of this request. */
Actor api_actor(Req *r){
  Actor a = { r->user_id, r->username ? r->username : "anonymous", r->office_id, r->ip };
  return a;
}

/* Answer a service's failure with its status, field and message. */
int api_fail(Req *r, int rc, const Err *e){
  const char *msg = e && e->msg ? e->msg : rc==ERR_NOTFOUND ? N_("Not found")
                  : rc==ERR_DB ? N_("The database failed") : N_("Request failed");
  return reply_errors(r, http_status_of(rc), http_code_of(rc), e, msg);
}

/* z without the white space around it (a copy in the request's arena), as a form's field is taken;
** NULL stays NULL. */
const char *api_trim(Req *r, const char *z){
  return z ? util_trim(arena_strdup(&r->arena, z)) : 0;
}

/* A multipart form's fields checked against parts (0-terminated): one not among them is 400 naming
** it, as a JSON member the endpoint does not know; 1 when it answered so. */
int api_form_only(Req *r, const char *const *parts){
  req_form(r, parts[0]);   /* parses the body */
  for(int i=0; i<r->nform; i++){
    if( !util_in_list(parts, r->form[i].name) ){ reply_invalid(r, r->form[i].name, "is not a known field"); return 1; }
  }
  return 0;
}

/* POST /api/v1/login {"username","password"} → {"token"}. */
int api_login(Req *r){
  static const char *const keys[] = { "username", "password", 0 };
  const char *user, *pw;
  if( jin_object(r) || jin_str(r, "username", 1, AUTH_USERNAME_MAX, &user)
   || jin_str(r, "password", 1, AUTH_PASSWORD_MAX, &pw)
   || jin_done(r, keys) ) return OK;
  LoginResult res;
  int rc = auth_login(r->db, r->cfg, user, pw, r->ip, req_header(r, "User-Agent"), "api", &res);
  if( rc==ERR_THROTTLED ) return reply_throttled(r, res.retry_after, "Too many failed attempts: wait before trying again");
  if( rc==ERR_LOCKED ) return reply_error(r, 423, "locked", 0, "This account is locked after repeated failed sign-ins: ask an administrator to unlock it");
  if( rc==ERR_AUTH ) return reply_error(r, 401, "bad_credentials", 0, "Wrong username or password");
  if( rc==ERR_DENIED ) return reply_error(r, 403, "disabled", 0, "This account is disabled: ask an administrator to enable it again");
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_json(r, 200, "{\"token\":%J,\"expires_in\":%d}", res.token, r->cfg->session_max_hours*3600);
}

/* POST /api/v1/logout: end this token's session. */
int api_logout(Req *r){
  if( jin_empty(r) ) return OK;   /* no body, or {}: a member it does not know is 400 */
  Actor a = api_actor(r);
  int rc = auth_logout(r->db, &a, r->session_id);
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_json(r, 200, "{\"ok\":true}");
}

/* GET /api/v1/me: who the caller is, their office and roles. */
int api_me(Req *r){
  Buf roles = BUF_INIT;
  int first = 1;
  for(int i=0; i<ROLE_COUNT; i++){
    if( r->roles & (1u<<i) ){ buf_printf(&roles, "%R%J", first ? "" : ",", role_names[i]); first = 0; }
  }
  User u;
  int rc = user_get(r->db, r->user_id, &u);
  if( rc!=OK ){ buf_free(&roles); return api_fail(r, rc, 0); }
  Office o;
  const char *code = office_get(r->db, r->office_id, &o)==OK ? o.code : 0;
  reply_json(r, 200, "{\"username\":%J,\"full_name\":%J,\"office\":{\"id\":%lld,\"code\":%J,\"name\":%J,\"tz\":%J},"
                     "\"roles\":[%R],\"must_change_password\":%R,\"lang\":%J}",
             r->username, r->full_name, (long long)r->office_id, code, r->office_name, r->office_tz,
             buf_str(&roles), r->must_change_pw ? "true" : "false", u.lang[0] ? u.lang : 0);
  buf_free(&roles);
  return OK;
}

/* POST /api/v1/me/password {"old_password","password"}: change one's own password. */
int api_password(Req *r){
  static const char *const keys[] = { "old_password", "password", 0 };
  const char *old, *pw;
  if( jin_object(r) || jin_str(r, "old_password", 1, AUTH_PASSWORD_MAX, &old) || jin_str(r, "password", 1, AUTH_PASSWORD_MAX, &pw)
   || jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = user_change_own_password(r->db, &a, old, pw, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 200, "{\"ok\":true}");
}

/* POST /api/v1/me/lang {"lang": "id"|"en"|""}: the language Loket speaks to the caller ("" or
** null: the office's default). */
int api_me_lang(Req *r){
  static const char *const keys[] = { "lang", 0 };
  const char *lang = 0;
  if( jin_object(r) ) return OK;
  if( json_object_get(r->json, "lang")==0 ) jin_note(r, "lang", N_("is required"), 0);   /* null: the default */
  if( jin_str(r, "lang", 0, 8, &lang) || jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = user_set_own_lang(r->db, &a, lang ? lang : "", &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 200, "{\"lang\":%J}", lang && *lang ? lang : 0);
}

/* POST /api/v1/me/office {"office": CODE}: work in another office where one holds a role. */
int api_office_switch(Req *r){
  static const char *const keys[] = { "office", 0 };
  const char *code;
  if( jin_object(r) || jin_str(r, "office", 1, 31, &code) || jin_done(r, keys) ) return OK;
  Office o;
  if( office_by_code(r->db, code, &o)!=OK ) return reply_error(r, 404, "not_found", "office", "No such office");
  Actor a = api_actor(r);
  int rc = auth_switch_office(r->db, &a, r->session_id, o.id);
  if( rc==ERR_DENIED ) return reply_error(r, 403, "forbidden", "office", "You hold no role in that office");
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_json(r, 200, "{\"office\":{\"id\":%lld,\"code\":%J,\"name\":%J,\"tz\":%J}}",
                    (long long)o.id, o.code, o.name, o.tz);
}
