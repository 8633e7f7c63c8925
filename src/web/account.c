/*
** account.c — the signed-in user's own account: who they are, and changing
** their password (first of all when an administrator set it).
*/
#include "web.h"
#include <string.h>

/* One password input with its label and error. */
static void password_input(Req *r, const Err *e, const char *name, const char *label,
                           const char *autocomplete){
  out(r, "<label for=\"%h\">%h</label><input id=\"%h\" name=\"%h\" type=\"password\""
         " autocomplete=\"%h\" required maxlength=\"128\"%R>",
      name, T(r, label), name, name, autocomplete, field_attrs(r, e, name));
  field_error(r, e, name);
}

/* e when it is about the absence form (its errors said there), else NULL. */
static const Err *absence_error(const Err *e){
  return e && e->msg && e->field && util_in_list(absence_fields, e->field) ? e : 0;
}

/* Draw the account page; e, when given, is the error of the last attempt. */
static int account_form(Req *r, int status, const Err *e){
  page_begin(r, "My account");
  if( r->must_change_pw ){
    page_notice(r, "info", T(r, "Your password was set by an administrator: choose your own before you go on"));
  }
  if( e && e->msg && !util_str_eq(e->field, "old_password") && !util_str_eq(e->field, "password")
   && !util_str_eq(e->field, "password2") && !util_str_eq(e->field, "lang") && !util_in_list(absence_fields, e->field) ){
    page_notice(r, "error", T_err(r, e));
  }
  User u;
  int have = user_get(r->db, r->user_id, &u)==OK;
  out(r, "<section class=\"card\"><h2>%h</h2><dl class=\"facts\">", T(r, "Your account"));
  out(r, "<dt>%h</dt><dd class=\"mono\">%h</dd>", T(r, "Username"), r->username);
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Full name"),
      r->full_name && *r->full_name ? r->full_name : "—");
  if( have ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "E-mail"), u.email[0] ? u.email : "—");
  out(r, "<dt>%h</dt><dd>%h</dd><dt>%h</dt><dd>", T(r, "Office"), r->office_name, T(r, "Roles"));
  int first = 1;
  for(int i=0; i<ROLE_COUNT; i++){
    if( r->roles & (1u<<i) ){ out(r, "%R%h", first ? "" : ", ", T(r, role_label(i))); first = 0; }
  }
  if( first ) out(r, "%h", T(r, "none in this office"));
  out(r, "</dd></dl></section>");

  /* the language Loket speaks to this user, wherever they sign in */
  const char *mine = have ? u.lang : "";
  const char *dflt = util_str_eq(r->cfg->default_lang, "en") ? "English" : "Bahasa Indonesia";
  /* one's own absences, with who replaces them (a member of staff) */
  if( have && perm_allows(r->roles, "absence.own") ) absence_card(r, &u, "/akun/ketidakhadiran", absence_error(e));

  out(r, "<section class=\"card no-print\"><h2>%h</h2>", T(r, "Language"));
  out(r, "<form method=\"post\" action=\"/akun/bahasa\">");
  csrf_input(r);
  out(r, "<label for=\"a-lang\">%h</label><select id=\"a-lang\" name=\"lang\"%R>"
         "<option value=\"\"%R>%h (%h)</option><option value=\"id\" lang=\"id\"%R>Bahasa Indonesia</option>"
         "<option value=\"en\" lang=\"en\"%R>English</option></select>",
      T(r, "Language of Loket's pages for you"), field_attrs(r, e, "lang"),
      mine[0] ? "" : " selected", T(r, "The office's default"), dflt,
      util_str_eq(mine, "id") ? " selected" : "", util_str_eq(mine, "en") ? " selected" : "");
  field_error(r, e, "lang");
  out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Save language"));

  out(r, "<section class=\"card no-print\"><h2>%h</h2>", T(r, "Change password"));
  out(r, "<form method=\"post\" action=\"/akun\">");
  csrf_input(r);
  password_input(r, e, "old_password", N_("Current password"), "current-password");
  password_input(r, e, "password", N_("New password"), "new-password");
  out(r, "<p class=\"hint muted\">%h</p>",
      T(r, "At least 8 characters; not your username. Every other session of yours ends."));
  password_input(r, e, "password2", N_("Repeat the new password"), "new-password");
  out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Change password"));
  return page_end(r, status);
}

/* GET /akun: the account and the password form. */
int page_account(Req *r){
  return account_form(r, 200, 0);
}

/* POST /akun: change the password, then start a fresh session with the new one. */
int page_account_post(Req *r){
  const char *old = req_form(r, "old_password"), *pw = req_form(r, "password");
  const char *pw2 = req_form(r, "password2");
  Err e = {0};
  if( !util_str_eq(pw ? pw : "", pw2 ? pw2 : "") ){
    ERR_SET(&e, "password2", N_("The two new passwords differ"));
    return account_form(r, 400, &e);
  }
  Actor a = req_actor(r);
  int rc = user_change_own_password(r->db, &a, old, pw, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
    return account_form(r, rc==ERR_INVALID ? 400 : http_status_of(rc), &e);
  }
  /* the change ended every session, this one too: sign in again with the new password */
  LoginResult res;
  rc = auth_login(r->db, r->cfg, r->username, pw, r->ip, req_header(r, "User-Agent"), "web", &res);
  if( rc!=OK ){
    req_set_cookie(r, "loket_session", "", 0);
    return reply_redirect(r, arena_printf(&r->arena, "/masuk?ok=%t", N_("Password changed: sign in again")));
  }
  req_set_cookie(r, "loket_session", res.token, r->cfg->session_max_hours*3600);
  return reply_redirect(r, arena_printf(&r->arena, "/?ok=%t", N_("Password changed")));
}

/* POST /akun/bahasa: choose one's own language; the header's switch (a cookie) follows it. */
int page_account_lang(Req *r){
  const char *lang = req_form(r, "lang");
  Actor a = req_actor(r);
  Err e = {0};
  int rc = user_set_own_lang(r->db, &a, lang, &e);   /* none sent: said as a wrong value */
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
    return account_form(r, rc==ERR_INVALID ? 400 : http_status_of(rc), &e);
  }
  /* the cookie said the language before the user's own: it now says theirs, or goes */
  req_set_cookie(r, "loket_lang", lang, *lang ? 365*24*3600 : 0);
  return reply_redirect(r, arena_printf(&r->arena, "/akun?ok=%t", N_("Language saved")));
}

/* POST /akun/ketidakhadiran: set one's own absence and who replaces one. */
int page_account_absence(Req *r){
  User u;
  Err e = {0};
  if( user_get(r->db, r->user_id, &u)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  int status = absence_post(r, &u, &e);
  if( status ) return account_form(r, status, &e);
  return reply_redirect(r, arena_printf(&r->arena, "/akun?ok=%t#ketidakhadiran", N_("Absence saved")));
}

/* POST /akun/ketidakhadiran/:id/batal: cancel one's own absence that is not over. */
int page_account_absence_cancel(Req *r){
  User u;
  Err e = {0};
  if( user_get(r->db, r->user_id, &u)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  int status = absence_cancel_post(r, &u, &e);
  if( status ) return account_form(r, status, &e);
  return reply_redirect(r, arena_printf(&r->arena, "/akun?ok=%t#ketidakhadiran", N_("Absence cancelled")));
}
