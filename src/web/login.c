/*
** login.c — the sign-in form, signing out, and the language switch.
*/
#include "web.h"
#include <stdio.h>
#include <string.h>

/* A safe local address to go to after signing in. */
static const char *next_path(Req *r, const char *next){
  UNUSED(r);
  if( !path_is_local(next) || strncmp(next, "/masuk", 6)==0 ) return "/";
  return next;
}

/* Draw the sign-in form, with an error when the last attempt failed; opened with a session
** cookie no longer valid (idle too long, ended by a new password or on another device), it says
** the session has ended, so the form is not a riddle. */
static int login_form(Req *r, int status, const char *error, const char *username, const char *next_given){
  const char *old = req_cookie(r, "loket_session");
  const char *next = next_path(r, next_given ? next_given : req_query(r, "next") ? req_query(r, "next") : req_form(r, "next"));
  /* the language switch leads back to the form with where the user was headed (a refused
  ** sign-in is the answer to POST /masuk, whose address has no query) */
  if( strcmp(next, "/") ) r->page_again = arena_printf(&r->arena, "/masuk?next=%t", next);
  page_begin(r, "Sign in");
  if( error ) page_notice(r, "error", error);
  else if( old && *old ) page_notice(r, "info", T(r, "Your session has ended: sign in again to go on"));
  out(r, "<form class=\"card login\" method=\"post\" action=\"/masuk\">");
  csrf_input(r);
  out(r, "<input type=\"hidden\" name=\"next\" value=\"%h\">", next);
  /* a form sent once the session had ended: what it held goes through the sign-in (form_kept.c) */
  int carried = strcmp(r->path, "/masuk")==0 ? form_kept_forward(r) : form_kept_inputs(r);
  if( carried ) out(r, "<p class=\"hint muted\" id=\"kept-through\">%h</p>", T(r, "What you typed in the form is kept: once signed in, it is put back for you to send again."));
  out(r, "<label for=\"username\">%h</label>"
         "<input id=\"username\" name=\"username\" autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" required autofocus value=\"%h\">",
      T(r, "Username"), username ? username : "");
  out(r, "<label for=\"password\">%h</label>"
         "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>",
      T(r, "Password"));
  out(r, "<button type=\"submit\">%h</button></form>", T(r, "Sign in"));
  return page_end(r, status);
}

/* GET /masuk */
int page_login(Req *r){
  if( r->user_id ) return reply_redirect(r, "/");
  return login_form(r, 200, 0, 0, 0);
}

/* POST /masuk: check, start a session, go on to where the user was headed. */
int page_login_post(Req *r){
  const char *user = req_form(r, "username"), *pw = req_form(r, "password");
  if( user==0 || *user==0 || pw==0 || *pw==0 ) return login_form(r, 400, T(r, "Enter your username and password"), user, 0);
  LoginResult res;
  int rc = auth_login(r->db, r->cfg, user, pw, r->ip, req_header(r, "User-Agent"), "web", &res);
  if( rc==ERR_THROTTLED ){
    req_retry_after(r, res.retry_after);
    return login_form(r, 429, arena_printf(&r->arena, "%s %d %s", T(r, "Too many failed attempts: try again in"),
                                           res.retry_after, T(r, "seconds")), user, 0);
  }
  if( rc==ERR_LOCKED ) return login_form(r, 423, T(r, "This account is locked after repeated failed sign-ins: ask an administrator to unlock it"), user, 0);
  if( rc==ERR_DENIED ) return login_form(r, 403, T(r, "This account is disabled: ask an administrator to enable it again"), user, 0);
  if( rc==ERR_AUTH ) return login_form(r, 401, T(r, "Wrong username or password"), user, 0);
  if( rc==ERR_INVALID ){   /* one of them past what an account can have: which, and how long it may be */
    int name_long = util_utf8_len(user)>AUTH_USERNAME_MAX;
    return login_form(r, 400, name_long ? T_n(r, N_("The username is too long: at most %d characters"), AUTH_USERNAME_MAX)
                                        : T_n(r, N_("The password is too long: at most %d characters"), AUTH_PASSWORD_MAX), user, 0);
  }
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  req_set_cookie(r, "loket_session", res.token, r->cfg->session_max_hours*3600);
  req_set_cookie(r, "loket_pre", "", 0);
  const char *next = next_path(r, req_form(r, "next"));
  if( req_form(r, "again")==0 ) return reply_redirect(r, next);
  /* signed in for a form sent once the session had ended: back to it, with what it held, by the
  ** language switch's path (POST /bahasa draws its page filled, as the user now signed in) */
  r->csrf = arena_strdup(&r->arena, res.csrf);
  page_begin(r, "Signed in");
  out(r, "<form method=\"post\" action=\"/bahasa\" id=\"form-again\">");
  csrf_input(r);
  out(r, "<input type=\"hidden\" name=\"next\" value=\"%h\">", next);
  if( form_kept_forward(r)==0 ){ buf_reset(&r->out); return reply_redirect(r, next); }
  out(r, "<p>%h</p><div><button type=\"submit\" name=\"lang\" value=\"%h\">%h</button></div></form>",
      T(r, "You are signed in. What you typed is kept (files must be chosen again): check it, then send the form again."),
      r->lang, T(r, "Back to the form, with what you typed"));
  return page_end(r, 200);
}

/* The sign-in asked by a form sent once the session had ended (reply_error's "signin"): the form
** carrying what was typed, then back to the page the form was on (Referer) or the page above. */
int page_login_again(Req *r, int status, const char *message){
  const char *from = web_referer_page(r);
  return login_form(r, status, message, 0, from ? from : route_page_above(r, r->path, 0));
}

/* POST /keluar: end the session and forget the cookie. */
int page_logout(Req *r){
  Actor a = req_actor(r);
  auth_logout(r->db, &a, r->session_id);
  req_set_cookie(r, "loket_session", "", 0);
  return reply_redirect(r, "/masuk");
}

/* Where the language switch leads back: the page it was on (the sign-in form too, with its
** ?next=), "/" for an address not of this site. */
static const char *lang_back(const char *next){
  return path_is_local(next) ? next : "/";
}

/* POST /bahasa: remember the chosen language in a cookie for a year. */
int page_lang(Req *r){
  const char *lang = req_form(r, "lang");
  if( !util_str_eq(lang, "id") && !util_str_eq(lang, "en") ) return reply_error(r, 400, "invalid", "lang", "Language must be id or en");
  req_set_cookie(r, "loket_lang", lang, 365*24*3600);
  /* from a refused form: its page again, in this language, with what was typed (form_kept.c) */
  r->lang = lang;
  r->lang_chosen = 1;
  const char *next = lang_back(req_form(r, "next"));
  if( form_kept_page(r, next) ) return OK;
  return reply_redirect(r, next);
}

/* POST /kantor: work in another office where the user holds a role. */
int page_office_switch(Req *r){
  Office o;
  const char *code = req_form(r, "office");
  if( code==0 || office_by_code(r->db, code, &o)!=OK ) return reply_error(r, 400, "invalid", "office", "No such office");
  Actor a = req_actor(r);
  int rc = auth_switch_office(r->db, &a, r->session_id, o.id);
  if( rc==ERR_DENIED ) return reply_error(r, 403, "forbidden", "office", "You hold no role in that office");
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, "/");
}
