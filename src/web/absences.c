/*
** absences.c — a member of staff's absences on the pages: the card that lists them
** and sets a new one (on one's own account page, /akun, and on the user's page for
** an administrator or the head, /pengguna/:username), the posts behind it, and the
** words that say someone is away ("cuti s.d. 28 Nov, diganti ani").
*/
#include "web.h"
#include "../sop/absence.h"
#include <stdlib.h>
#include <string.h>

/* The fields of the absence form, for the errors said above it. */
const char *const absence_fields[] = { "from", "to", "kind", "replacement", "note", "id", 0 };

/* "Cuti s.d. 28 Nov" (the kind and the last day) in the page's language. */
const char *absence_words(Req *r, const char *kind, const char *until){
  return arena_printf(&r->arena, "%s %s %s", T(r, absence_kind_label(kind)), T(r, "until"), web_day_short(r, until));
}

/* The card of u's absences: the list (each not over with a button to cancel it) and the form for
** a new one, posting to base ("/akun/ketidakhadiran", "/pengguna/NAME/ketidakhadiran"); e: the
** error of the last post (its values kept in the form). */
void absence_card(Req *r, const User *u, const char *base, const Err *e){
  Absence *v;
  int n;
  if( absence_list(r->db, r->office_id, u->id, &v, &n, &r->arena)!=OK ){ page_notice(r, "error", T(r, "The database failed")); return; }
  char today[11];
  time_day_text(today, time_now(), r->office_tz);
  out(r, "<section class=\"card\" id=\"ketidakhadiran\"><h2>%h</h2>", T(r, "Absences"));
  int own = u->id==r->user_id;   /* one's own (/akun), else a colleague's page (/pengguna/:username) */
  out(r, "<p class=\"hint muted\">%h</p>", own
      ? T(r, "While away, the steps assigned to you show in your replacement's tasks, and the notices meant for you go to them too")
      : T(r, "While away, the steps assigned to this user show in their replacement's tasks, and the notices meant for them go to the replacement too"));
  if( n==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No absence set"));
  else{
    out(r, "<div class=\"table-wrap\"><table class=\"absences\"><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\"><span class=\"sr-only\">%h</span></th></tr></thead><tbody>",
        T(r, "Days"), T(r, "Kind"), T(r, "Replacement"), T(r, "Note"), T(r, "Actions"));
    for(int i=0; i<n; i++){
      const Absence *x = &v[i];
      int now = strcmp(x->from, today)<=0 && strcmp(today, x->to)<=0, over = strcmp(x->to, today)<0;
      out(r, "<tr%R><td>%h – %h", now ? " class=\"current\"" : "", web_day(r, x->from), web_day(r, x->to));
      if( now ) out(r, " <span class=\"tag\">%h</span>", T(r, "today"));
      out(r, "</td><td>%h</td><td><span class=\"mono\">%h</span>%R%h</td><td>%h</td><td>", T(r, absence_kind_label(x->kind)),
          x->replacement, *x->replacement_name ? " · " : "", x->replacement_name, *x->note ? x->note : "—");
      if( !over ){   /* asked once more before it goes: the steps and notices come back at once */
        out(r, "<details class=\"absence-cancel no-print\"><summary>%h</summary><p>%h</p>"
               "<form method=\"post\" action=\"%h/%lld/batal\">", T(r, "Cancel"),
            T(r, own ? N_("Cancel this absence? The steps assigned to you and the notices meant for you stop going to the replacement at once.")
                     : N_("Cancel this absence? The steps assigned to this user and the notices meant for them stop going to the replacement at once.")),
            base, (long long)x->id);
        csrf_input(r);
        out(r, "<button type=\"submit\" class=\"danger\">%h</button></form></details>", T(r, "Yes, cancel the absence"));
      }
      out(r, "</td></tr>");
    }
    out(r, "</tbody></table></div>");
  }
  int posted = strcmp(r->method, "POST")==0 && e && e->msg;
  const char *kind = posted ? form_opt(r, "kind") : 0, *rep = posted ? form_opt(r, "replacement") : 0;
  out(r, "<form method=\"post\" action=\"%h\" class=\"no-print\"><h3>%h</h3>", base, T(r, "Set an absence"));
  csrf_input(r);
  form_error(r, e, absence_fields);
  field_input(r, e, "ab-", "from", N_("First day"), "date", posted ? form_opt(r, "from") : 0, " required");
  field_input(r, e, "ab-", "to", N_("Last day"), "date", posted ? form_opt(r, "to") : 0, " required");
  out(r, "<div class=\"field\"><label for=\"ab-kind\">%h</label><select id=\"ab-kind\" name=\"kind\"%R>", T(r, "Kind"), field_attrs(r, e, "kind"));
  for(int i=0; absence_kinds[i]; i++){
    out(r, "<option value=\"%h\"%R>%h</option>", absence_kinds[i], util_str_eq(kind, absence_kinds[i]) ? " selected" : "",
        T(r, absence_kind_label(absence_kinds[i])));
  }
  out(r, "</select>");
  field_error(r, e, "kind");
  /* the active staff of the office who hold one of the absent user's staff roles */
  unsigned theirs = user_roles(r->db, u->id, r->office_id);
  UserRow *w = 0;
  int nw = 0, can = 0;
  user_list(r->db, r->office_id, 0, "active", USER_LIST_MAX, &w, &nw, &r->arena);
  for(int i=0; i<nw; i++){
    unsigned shared = 0;
    for(int k=0; k<ROLE_COUNT; k++) if( role_is_staff(k) && (w[i].roles & theirs & (1u<<k)) ) shared = 1;
    if( !shared || w[i].id==u->id ) w[i].id = 0;   /* not one who may replace them */
    else can++;
  }
  out(r, "</div><div class=\"field\"><label for=\"ab-replacement\">%h</label><select id=\"ab-replacement\" name=\"replacement\"%R>"
         "<option value=\"\">%h</option>", T(r, "Replacement"), field_attrs_hint(r, e, "replacement", can ? 0 : "ab-replacement-none"),
      T(r, "Choose"));
  for(int i=0; i<nw; i++){
    if( w[i].id==0 ) continue;
    out(r, "<option value=\"%h\"%R>%h%R%h</option>", w[i].username, util_str_eq(rep, w[i].username) ? " selected" : "",
        w[i].username, *w[i].full_name ? " · " : "", w[i].full_name);
  }
  out(r, "</select>");
  if( can==0 ){
    out(r, "<p class=\"hint\" id=\"ab-replacement-none\">%h</p>", own
        ? T(r, "Nobody else in the office holds one of your staff roles, so nobody can replace you yet: the administrator can give one of them to a colleague")
        : T(r, "Nobody else in the office holds one of this user's staff roles, so nobody can replace them yet: the administrator can give one of them to a colleague"));
  }
  field_error(r, e, "replacement");
  out(r, "</div>");
  field_input(r, e, "ab-", "note", N_("Note (optional)"), "text", posted ? form_opt(r, "note") : 0, " maxlength=\"500\"");
  out(r, "<div class=\"actions\"><button type=\"submit\">%h</button></div></form></section>", T(r, "Save the absence"));
}

/* Set an absence of u from the posted form: OK (then redirect to back), or the error in *e and its status. */
int absence_post(Req *r, const User *u, Err *e){
  AbsenceIn in = { form_trimmed(r, "from"), form_trimmed(r, "to"), form_opt(r, "kind"), form_opt(r, "replacement"),
                   form_trimmed(r, "note") };
  Office o;
  if( office_get(r->db, r->office_id, &o)!=OK ){ ERR_SET(e, 0, N_("The database failed")); return 500; }
  Actor a = req_actor(r);
  int64_t id;
  int rc = absence_add(r->db, &a, &o, u, &in, r->lang, &id, e, &r->arena);
  if( rc==OK ) return 0;
  if( e->msg==0 ) ERR_SET(e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
  return http_status_of(rc);
}

/* Cancel the absence :id of u from a post: OK (then redirect), or the error in *e and its status. */
int absence_cancel_post(Req *r, const User *u, Err *e){
  Office o;
  if( office_get(r->db, r->office_id, &o)!=OK ){ ERR_SET(e, 0, N_("The database failed")); return 500; }
  Actor a = req_actor(r);
  int64_t id = req_param_id(r, "id");
  int rc = id ? absence_cancel(r->db, &a, &o, u, id, e, &r->arena) : ERR_NOTFOUND;
  if( rc==OK ) return 0;
  if( rc==ERR_NOTFOUND ) ERR_SET(e, "id", N_("No such absence of this user"));
  if( e->msg==0 ) ERR_SET(e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
  return http_status_of(rc);
}
