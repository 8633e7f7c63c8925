/*
** users.c — administering the users of the current office: the list, a new
** user, one user's page with the changes an administrator may make.
** Account-wide changes (name, e-mail, state, password) are for the
** administrators of the user's home office; roles are set per office.
*/
#include "web.h"
#include "../sop/absence.h"
#include <string.h>

enum { ACT_UPDATE, ACT_ROLES, ACT_DISABLE, ACT_ENABLE, ACT_UNLOCK, ACT_RESET };

/* What each change says after it worked (a msgid, shown on the next page). */
static const char *const act_ok[] = {
  N_("User updated"), N_("Roles saved"), N_("User disabled"), N_("User enabled"),
  N_("User unlocked"), N_("Password reset: the user must change it at the next sign-in"),
};


/* The role names ticked in the posted form's "roles" checkboxes. */
static const char **form_roles(Req *r, int *n){
  req_form(r, "roles");   /* parses the body */
  const char **v = arena_alloc(&r->arena, sizeof(char*)*(size_t)(r->nform+1));
  *n = 0;
  for(int i=0; i<r->nform; i++){
    if( strcmp(r->form[i].name, "roles")==0 ) v[(*n)++] = r->form[i].value;
  }
  return v;
}

/* The bitmask of known role names in a list (unknown ones are the service's to refuse). */
static unsigned roles_mask(const char *const *names, int n){
  unsigned m = 0;
  for(int i=0; i<n; i++){
    int k = role_index(names[i]);
    if( k>=0 ) m |= 1u<<k;
  }
  return m;
}

/* A labelled text input with its error; value may be NULL. */
static void text_input(Req *r, const Err *e, const char *name, const char *label, const char *type,
                       const char *value, const char *extra){
  out(r, "<label for=\"%h\">%h</label><input id=\"%h\" name=\"%h\" type=\"%h\" value=\"%h\"%R%R>",
      name, T(r, label), name, name, type, value ? value : "", extra, field_attrs(r, e, name));
  field_error(r, e, name);
}

/* The roles as checkboxes, the ones in checked ticked, under legend (NULL: "Roles in this office"). */
static void roles_checkboxes(Req *r, const Err *e, unsigned checked, const char *legend){
  out(r, "<fieldset class=\"roles\"%R><legend>%h</legend>", field_attrs(r, e, "roles"), legend ? legend : T(r, "Roles in this office"));
  for(int i=0; i<ROLE_COUNT; i++){
    if( i==ROLE_PENYEDIA ) out(r, "<p class=\"muted\">%h</p>", T(r, "Requesters and the national helpdesk"));
    /* named by the role alone, its purpose read as the box's description */
    out(r, "<label class=\"check\"><input type=\"checkbox\" name=\"roles\" value=\"%h\"%R"
           " aria-labelledby=\"role-%h\" aria-describedby=\"role-%h-d\"> <span><span id=\"role-%h\">%h"
           " <span class=\"muted mono\">%h</span></span><br><small id=\"role-%h-d\" class=\"muted\">%h</small></span></label>",
        role_names[i], (checked & (1u<<i)) ? " checked" : "", role_names[i], role_names[i], role_names[i],
        T(r, role_label(i)), role_names[i], role_names[i], T(r, role_purpose(i)));
  }
  field_error(r, e, "roles");
  out(r, "</fieldset>");
}

/* The roles as translated labels, "a, b, c"; a dash when none. */
static void roles_labels(Req *r, unsigned roles){
  int first = 1;
  for(int i=0; i<ROLE_COUNT; i++){
    if( roles & (1u<<i) ){ out(r, "%R%h", first ? "" : ", ", T(r, role_label(i))); first = 0; }
  }
  if( first ) out(r, "<span class=\"muted\">—</span>");
}

/* The state of an account as tags: active, disabled, locked, must change the password. */
static void state_tags(Req *r, int disabled, int locked, int must_change){
  if( disabled ) out(r, "<span class=\"tag bad\">%h</span> ", T(r, "Disabled"));
  if( locked ) out(r, "<span class=\"tag bad\">%h</span> ", T(r, "Locked"));
  if( !disabled && !locked ) out(r, "<span class=\"tag ok\">%h</span> ", T(r, "Active"));
  if( must_change ) out(r, "<span class=\"tag\">%h</span>", T(r, "Must change password"));
}

/* GET /pengguna: the users of this office, filtered by text and state. */
int page_users(Req *r){
  static const char *const states[] = { "", "active", "disabled", "locked" };
  static const char *const state_labels[] = { N_("All"), N_("Active"), N_("Disabled"), N_("Locked") };
  const char *q = req_query(r, "q"), *state = req_query(r, "state");
  if( q ) q = util_trim(arena_strdup(&r->arena, q));
  if( state==0 ) state = "";
  UserRow *rows;
  int n, rc = user_list(r->db, r->office_id, q, state, USER_LIST_MAX, &rows, &n, &r->arena);
  if( rc==ERR_DB ) return reply_error(r, 500, "internal", 0, "The database failed");

  page_begin(r, "Users");
  if( rc!=OK ) page_notice(r, "error", T(r, "Unknown state: choose one of the list"));
  if( perm_allows(r->roles, "user.admin") ){
    out(r, "<p class=\"actions\"><a class=\"button\" href=\"/pengguna/baru\">%h</a></p>", T(r, "New user"));
  }
  out(r, "<form class=\"filters card\" method=\"get\" action=\"/pengguna\" role=\"search\">"
         "<div><label for=\"q\">%h</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%h\"></div>"
         "<div><label for=\"state\">%h</label><select id=\"state\" name=\"state\">",
      T(r, "Username or name"), q ? q : "", T(r, "State"));
  for(size_t i=0; i<COUNT(states); i++){
    out(r, "<option value=\"%h\"%R>%h</option>", states[i], strcmp(state, states[i])==0 ? " selected" : "",
        T(r, state_labels[i]));
  }
  out(r, "</select></div><div><button type=\"submit\">%h</button>", T(r, "Filter"));
  if( (q && *q) || *state ) out(r, " <a href=\"/pengguna\">%h</a>", T(r, "Clear"));
  out(r, "</div></form>");
  if( rc!=OK ) return page_end(r, 400);

  if( n==0 ){
    out(r, "<p class=\"muted\">%h</p>", T(r, "No user matches"));
    return page_end(r, 200);
  }
  out(r, "<p class=\"muted\">%h: %d</p>", T(r, "Users shown"), n);
  if( n>=USER_LIST_MAX ) page_notice(r, "info", T(r, "Only the first 500 are shown: narrow the search"));
  out(r, "<div class=\"table-wrap\"><table class=\"users\"><thead><tr><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "</tr></thead><tbody>",
      T(r, "Username"), T(r, "Full name"), T(r, "E-mail"), T(r, "Roles in this office"), T(r, "State"));
  Absence *away;   /* who is away today, said with their state */
  int naway;
  if( absence_today_list(r->db, r->office_id, time_now(), &away, &naway, &r->arena)!=OK ) naway = 0;
  for(int i=0; i<n; i++){
    UserRow *u = &rows[i];
    out(r, "<tr><td><a class=\"mono\" href=\"/pengguna/%t\">%h</a></td><td>%h</td><td>%h</td><td>",
        u->username, u->username, u->full_name, u->email);
    roles_labels(r, u->roles);
    out(r, "</td><td>");
    state_tags(r, u->disabled, u->locked, u->must_change_pw);
    for(int k=0; k<naway; k++){
      if( away[k].user_id!=u->id ) continue;
      out(r, " <span class=\"tag away\">%h · %h %h</span>", absence_words(r, away[k].kind, away[k].to),
          T(r, "replaced by"), away[k].replacement);
    }
    out(r, "</td></tr>");
  }
  out(r, "</tbody></table></div>");
  return page_end(r, 200);
}

/* Draw the new-user form, with what was entered (never the password) and the error. */
static int user_new_form(Req *r, int status, const Err *e){
  static const char *const fields[] = { "username", "full_name", "email", "password", "roles", 0 };
  int nroles;
  const char **roles = form_roles(r, &nroles);
  page_begin(r, "New user");
  form_error(r, e, fields);
  out(r, "<p><a href=\"/pengguna\">%h</a></p>", T(r, "Back to the users"));
  out(r, "<form class=\"card\" method=\"post\" action=\"/pengguna\">");
  csrf_input(r);
  text_input(r, e, "username", N_("Username"), "text", form_trimmed(r, "username"),
             " required maxlength=\"32\" autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\"");
  out(r, "<p class=\"hint muted\">%h</p>",
      T(r, "3 to 32 characters: lowercase letters, digits, . _ and -, starting with a letter"));
  text_input(r, e, "full_name", N_("Full name"), "text", form_trimmed(r, "full_name"), " maxlength=\"127\"");
  text_input(r, e, "email", N_("E-mail"), "email", form_trimmed(r, "email"), " maxlength=\"127\"");
  text_input(r, e, "password", N_("Initial password"), "password", 0,
             " required maxlength=\"128\" autocomplete=\"new-password\"");
  out(r, "<p class=\"hint muted\">%h</p>", T(r, "The user must change it at the first sign-in"));
  roles_checkboxes(r, e, roles_mask(roles, nroles), 0);
  out(r, "<div><button type=\"submit\">%h</button></div></form>", T(r, "Create user"));
  return page_end(r, status);
}

/* GET /pengguna/baru: the form for a new user of this office. */
int page_user_new(Req *r){
  return user_new_form(r, 200, 0);
}

/* POST /pengguna: create the user, who must change the password at the first sign-in. */
int page_user_create(Req *r){
  UserNew u;
  memset(&u, 0, sizeof u);
  u.office_id = r->office_id;
  u.username = form_trimmed(r, "username");
  u.full_name = form_trimmed(r, "full_name");
  u.email = form_trimmed(r, "email");
  u.password = req_form(r, "password");
  u.roles = form_roles(r, &u.nroles);
  u.must_change_pw = 1;
  Actor a = req_actor(r);
  Err e = {0};
  int64_t id;
  int rc = user_create(r->db, &a, &u, &id, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
    return user_new_form(r, http_status_of(rc), &e);
  }
  return reply_redirect(r, arena_printf(&r->arena, "/pengguna/%t?ok=%t", u.username, N_("User created")));
}

/* The user named in the path, if they belong to this office; else answer 404 and give 0. */
static int user_load(Req *r, User *u){
  const char *name = req_param(r, "username");
  if( name==0 || user_by_name(r->db, name, u)!=OK || !user_in_office(r->db, u->id, r->office_id) ){
    reply_error(r, 404, "not_found", 0, "User not found");
    return 0;
  }
  return 1;
}

/* One small form that posts to an action of the user, with one button. */
static void action_form(Req *r, const User *u, const char *action, const char *label, const char *cls){
  out(r, "<form method=\"post\" action=\"/pengguna/%t/%t\">", u->username, action);
  csrf_input(r);
  out(r, "<button type=\"submit\" class=\"%h\">%h</button></form>", cls, T(r, label));
}

/* An office option of the form that shows a user's roles in another office: each office where the
** administrator holds user.admin (ctx: the request, the actor, the offices here and shown, count). */
static void roles_office_option(void *ctx, const Office *o){
  struct { Req *r; const Actor *a; int64_t here, shown; int n, draw; } *t = ctx;
  Req *r = t->r;
  if( !perm_allows(user_roles(r->db, t->a->user_id, o->id), "user.admin") ) return;
  if( !t->draw ){ t->n++; return; }   /* counted first: the form only when there is another office */
  if( t->n++==0 ){
    out(r, "<form method=\"get\" action=\"/pengguna/%t#roles\" class=\"inline\"><label for=\"kantor\">%h</label>"
           "<select id=\"kantor\" name=\"kantor\">", req_param(r, "username"), T(r, "Office"));
  }
  out(r, "<option value=\"%h\"%R>%h (%h)</option>", o->code,
      o->id==(t->shown ? t->shown : t->here) ? " selected" : "", o->name, o->code);
}

/* Draw a user's page; form names the form an error came from ("edit", "roles", …). */
static int user_page(Req *r, const User *u, int status, const char *form, const Err *e){
  static const char *const fields[] = { "full_name", "email", "roles", "password", 0 };
  int admin = perm_allows(r->roles, "user.admin");
  int home = user_account_scope(u, r->office_id)==OK, self = u->id==r->user_id;
  unsigned roles = user_roles(r->db, u->id, r->office_id);

  page_begin(r, "User account");
  const char *info = req_query(r, "info");
  /* only a message of the catalog: the address must not put arbitrary words on the page */
  if( info && i18n_known(info) ) page_notice(r, "info", T(r, info));
  if( !util_str_eq(form, "absence") ) form_error(r, e, fields);
  out(r, "<p><a href=\"/pengguna\">%h</a></p>", T(r, "Back to the users"));
  out(r, "<section class=\"card\"><h2>%h</h2><dl class=\"facts\">", u->username);
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Full name"), u->full_name[0] ? u->full_name : "—");
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "E-mail"), u->email[0] ? u->email : "—");
  if( !home ){
    Office o;
    out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Home office"),
        office_get(r->db, u->office_id, &o)==OK ? o.name : "—");
  }
  out(r, "<dt>%h</dt><dd>", T(r, "Roles in this office"));
  roles_labels(r, roles);
  out(r, "</dd><dt>%h</dt><dd>", T(r, "State"));
  state_tags(r, u->disabled, u->locked, u->must_change_pw);
  out(r, "</dd><dt>%h</dt><dd>%h</dd>", T(r, "Created"), web_time(r, u->created_at));
  out(r, "<dt>%h</dt><dd>%d", T(r, "Failed sign-ins"), u->failed_count);
  if( u->last_failed_at ) out(r, " · %h %h", T(r, "last failure"), web_time(r, u->last_failed_at));
  out(r, "</dd>");
  Absence away;
  if( absence_current(r->db, r->office_id, u->id, time_now(), &away, &r->arena) ){
    out(r, "<dt>%h</dt><dd>%h · %h <span class=\"mono\">%h</span></dd>", T(r, "Away today"), absence_words(r, away.kind, away.to),
        T(r, "replaced by"), away.replacement);
  }
  out(r, "</dl></section>");
  /* the head or an administrator sets the absences of the staff (each their own under My account) */
  if( perm_allows(r->roles, "absence.admin") && roles_have_staff(roles) ){
    absence_card(r, u, arena_printf(&r->arena, "/pengguna/%s/ketidakhadiran", u->username),
                 util_str_eq(form, "absence") ? e : 0);
  }
  if( !admin ) return page_end(r, status);

  if( home ){
    int mine = util_str_eq(form, "edit");
    const char *name = mine ? form_trimmed(r, "full_name") : 0, *email = mine ? form_trimmed(r, "email") : 0;
    out(r, "<section class=\"card no-print\"><h2>%h</h2><form method=\"post\" action=\"/pengguna/%t\">",
        T(r, "Name and e-mail"), u->username);
    csrf_input(r);
    text_input(r, e, "full_name", N_("Full name"), "text", name ? name : u->full_name, " maxlength=\"127\"");
    text_input(r, e, "email", N_("E-mail"), "email", email ? email : u->email, " maxlength=\"127\"");
    out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Save"));
  }else{
    page_notice(r, "info", T(r, "This user belongs to another office: only its administrators can change the account; you can set the roles held here."));
  }

  /* the roles of another office where this administrator is one too (?kantor=CODE) */
  Office there;
  Actor a = req_actor(r);
  const char *kc = util_str_eq(form, "roles") ? req_form(r, "office") : req_query(r, "kantor");
  Err ke = {0};
  if( kc && *kc && user_roles_office(r->db, &a, kc, r->office_id, &there, &ke)==OK && there.id!=r->office_id ){
    roles = user_roles(r->db, u->id, there.id);
  }else there.id = 0;
  unsigned ticked = roles;
  if( util_str_eq(form, "roles") ){
    int n;
    const char **v = form_roles(r, &n);
    ticked = roles_mask(v, n);
  }
  struct { Req *r; const Actor *a; int64_t here, shown; int n, draw; } oc = { r, &a, r->office_id, there.id, 0, 0 };
  out(r, "<section class=\"card no-print\" id=\"roles\"><h2>%h %h</h2>",
      T(r, "Roles in the office"), there.id ? there.name : r->office_name);
  office_each_of_user(r->db, r->user_id, roles_office_option, &oc);
  if( oc.n>1 ){ oc.n = 0; oc.draw = 1; office_each_of_user(r->db, r->user_id, roles_office_option, &oc); }
  if( oc.draw ) out(r, "</select> <button type=\"submit\">%h</button></form>", T(r, "Show"));
  out(r, "<form method=\"post\" action=\"/pengguna/%t/peran\">", u->username);
  csrf_input(r);
  if( there.id ) out(r, "<input type=\"hidden\" name=\"office\" value=\"%h\">", there.code);
  roles_checkboxes(r, e, ticked, there.id ? arena_printf(&r->arena, "%s %s", T(r, "Roles in the office"), there.name) : 0);
  out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Save the roles"));
  if( !home ) return page_end(r, status);

  out(r, "<section class=\"card no-print\"><h2>%h</h2><div class=\"actions\">", T(r, "Sign-in"));
  /* not locked but failures counted: they slow the next sign-ins and bring the lock nearer, and
  ** the same unlock clears them (user_unlock) */
  if( u->locked ) action_form(r, u, "buka-kunci", N_("Unlock"), "");
  else if( u->failed_count>0 ) action_form(r, u, "buka-kunci", N_("Clear the failed sign-ins"), "");
  if( u->disabled ) action_form(r, u, "aktifkan", N_("Enable"), "");
  else if( !self ) action_form(r, u, "nonaktifkan", N_("Disable"), "danger");
  out(r, "</div>");
  if( !u->locked && u->failed_count>0 ){
    out(r, "<p class=\"hint muted\">%h</p>",
        T(r, "Failed sign-ins counted slow the next sign-ins and lock the account when they reach the limit; clearing them starts the count again"));
  }
  if( self ) out(r, "<p class=\"muted\">%h</p>", T(r, "You cannot disable your own account"));
  else if( !u->disabled ) out(r, "<p class=\"hint muted\">%h</p>", T(r, "Disabling ends every session of the user at once"));
  out(r, "</section>");

  out(r, "<section class=\"card no-print\"><h2>%h</h2>", T(r, "Reset the password"));
  if( self ){
    out(r, "<p><a href=\"/akun\">%h</a></p></section>", T(r, "Change your own password under My account"));
    return page_end(r, status);
  }
  out(r, "<form method=\"post\" action=\"/pengguna/%t/sandi\">", u->username);
  csrf_input(r);
  text_input(r, e, "password", N_("New password"), "password", 0,
             " required maxlength=\"128\" autocomplete=\"new-password\"");
  out(r, "<p class=\"hint muted\">%h</p>",
      T(r, "The user must change it at the next sign-in; their sessions end and a lock is lifted"));
  out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Reset the password"));
  return page_end(r, status);
}

/* GET /pengguna/:username */
int page_user(Req *r){
  User u;
  if( !user_load(r, &u) ) return OK;
  return user_page(r, &u, 200, 0, 0);
}

/* Carry out one administrator's change of a user, then show the user again. */
static int user_post(Req *r, int act){
  static const char *const act_form[] = { "edit", "roles", "state", "state", "state", "reset" };
  User u;
  if( !user_load(r, &u) ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  int changed = 1;
  int rc = OK, n;
  const char **roles;
  if( act!=ACT_ROLES && user_account_scope(&u, r->office_id)!=OK ){
    ERR_SET(&e, 0, N_("This user belongs to another office: only its administrators can change the account"));
    return user_page(r, &u, 403, act_form[act], &e);
  }
  switch( act ){
    case ACT_UPDATE:
      rc = user_update(r->db, &a, u.id, form_trimmed(r, "full_name"), form_trimmed(r, "email"), &changed, &e);
      break;
    case ACT_ROLES: {
      Office o;
      roles = form_roles(r, &n);
      rc = user_roles_office(r->db, &a, req_form(r, "office"), r->office_id, &o, &e);
      if( rc==OK ) rc = user_set_roles(r->db, &a, u.id, o.id, roles, n, &e);
      break;
    }
    case ACT_DISABLE:
    case ACT_ENABLE:
      rc = user_set_disabled(r->db, &a, u.id, act==ACT_DISABLE, &changed, &e);
      break;
    case ACT_UNLOCK:
      rc = user_unlock(r->db, &a, u.id, &changed);
      break;
    case ACT_RESET:
      if( u.id==r->user_id ){
        rc = ERR_CONFLICT;
        ERR_SET(&e, 0, N_("Change your own password under My account"));
      }else rc = user_set_password(r->db, &a, u.id, req_form(r, "password"), 1, &e);
      break;
  }
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, rc==ERR_NOTFOUND ? N_("User not found")
                               : rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
    user_get(r->db, u.id, &u);   /* show the state as it is now */
    return user_page(r, &u, http_status_of(rc), act_form[act], &e);
  }
  if( !changed ){   /* already so: nothing was written, and the page says so */
    return reply_redirect(r, arena_printf(&r->arena, "/pengguna/%t?info=%t", u.username,
                          act==ACT_UPDATE ? N_("The name and e-mail are as they were: nothing changed")
                          : act==ACT_DISABLE ? N_("This user is disabled already: nothing changed")
                          : act==ACT_ENABLE ? N_("This user is enabled already: nothing changed")
                          : N_("This user is not locked: nothing changed")));
  }
  if( act==ACT_UNLOCK && changed==USER_FAILURES_CLEARED ){
    return reply_redirect(r, arena_printf(&r->arena, "/pengguna/%t?ok=%t", u.username,
                          N_("This user was not locked: the failed sign-ins counted against it are cleared")));
  }
  return reply_redirect(r, arena_printf(&r->arena, "/pengguna/%t?ok=%t", u.username, act_ok[act]));
}

/* POST /pengguna/:username: change name and e-mail. */
int page_user_update(Req *r){ return user_post(r, ACT_UPDATE); }
/* POST /pengguna/:username/peran: set the roles held in this office. */
int page_user_roles(Req *r){ return user_post(r, ACT_ROLES); }
/* POST /pengguna/:username/nonaktifkan: disable the account, ending its sessions. */
int page_user_disable(Req *r){ return user_post(r, ACT_DISABLE); }
/* POST /pengguna/:username/aktifkan: enable the account again. */
int page_user_enable(Req *r){ return user_post(r, ACT_ENABLE); }
/* POST /pengguna/:username/buka-kunci: lift the lock of repeated failed sign-ins. */
int page_user_unlock(Req *r){ return user_post(r, ACT_UNLOCK); }
/* POST /pengguna/:username/sandi: set a password the user must change at the next sign-in. */
int page_user_reset(Req *r){ return user_post(r, ACT_RESET); }

/* POST /pengguna/:username/ketidakhadiran: set an absence of a member of staff and who replaces them. */
int page_user_absence(Req *r){
  User u;
  if( !user_load(r, &u) ) return OK;
  Err e = {0};
  int status = absence_post(r, &u, &e);
  if( status ) return user_page(r, &u, status, "absence", &e);
  return reply_redirect(r, arena_printf(&r->arena, "/pengguna/%t?ok=%t#ketidakhadiran", u.username, N_("Absence saved")));
}

/* POST /pengguna/:username/ketidakhadiran/:id/batal: cancel an absence of theirs that is not over. */
int page_user_absence_cancel(Req *r){
  User u;
  if( !user_load(r, &u) ) return OK;
  Err e = {0};
  int status = absence_cancel_post(r, &u, &e);
  if( status ) return user_page(r, &u, status, "absence", &e);
  return reply_redirect(r, arena_printf(&r->arena, "/pengguna/%t?ok=%t#ketidakhadiran", u.username, N_("Absence cancelled")));
}
