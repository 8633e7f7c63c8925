/*
** office.c — the office's settings as a page: its name and time zone (what `loket office
** set` changes), the address people reach Loket at (loket.conf's public_url, shown), and
** links to the pages that hold the other settings.
*/
#include "web.h"
#include "../sop/org.h"
#include <string.h>

/* One link to the page of another setting, for those who may open it. */
static void office_setting_link(Req *r, const char *perm, const char *href, const char *label, const char *what){
  if( !perm_allows(r->roles, perm) ) return;
  out(r, "<li><a href=\"%h\">%h</a> — %h</li>", href, T(r, label), T(r, what));
}

/* Draw the settings page; e, when given, is the refused submission (what was typed comes back). */
static int office_page(Req *r, int status, const Err *e){
  Office o;
  if( office_get(r->db, r->office_id, &o)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  page_begin(r, "Office settings");
  if( e && e->msg ){
    int at_field = util_str_eq(e->field, "name") || util_str_eq(e->field, "tz");
    page_notice(r, "error", at_field ? T(r, "Please correct the field marked below.") : T(r, e->msg));
  }
  const char *name = e ? req_form(r, "name") : o.name;
  out(r, "<section class=\"card\"><h2>%h</h2><form method=\"post\" action=\"/pengaturan\">", T(r, "Office"));
  csrf_input(r);
  out(r, "<dl class=\"facts\"><dt>%h</dt><dd class=\"mono\">%h</dd></dl><p class=\"hint muted\">%h</p>",
      T(r, "Office code"), o.code, T(r, "The code starts every case number of the office; it does not change."));
  out(r, "<label for=\"name\">%h</label><input id=\"name\" name=\"name\" required maxlength=\"127\" value=\"%h\"%R>",
      T(r, "Office name"), name ? name : "", field_attrs(r, e, "name"));
  out(r, "<p class=\"hint muted\">%h</p>",
      T(r, "Shown at the top of every page, on the public portal, in e-mail and on printed forms."));
  field_error(r, e, "name");
  calendar_tz_select(r, e, e && req_form(r, "tz") ? req_form(r, "tz") : o.tz);
  out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Save"));

  out(r, "<section class=\"card\"><h2>%h</h2>", T(r, "Public address"));
  const char *pub = config_public_url();
  if( pub[0] ){
    out(r, "<p id=\"public-url\">%h <a href=\"%h\">%h</a>.</p>",
        T(r, "Links in e-mail and the QR codes of verification cards start with"), pub, pub);
  }else{
    char seen[256];
    config_link_base(seen, sizeof seen);
    out(r, "<p id=\"public-url\">%h", T(r, "Not set: the links in e-mail start with the address staff last opened Loket at"));
    if( seen[0] ) out(r, " (<span class=\"mono\">%h</span>)", seen);
    out(r, ".</p>");
  }
  out(r, "<p class=\"hint muted\">%h</p></section>",
      T(r, "Set by the server's keeper as public_url in loket.conf, in the data folder; it takes effect when Loket restarts."));

  out(r, "<section class=\"card\"><h2>%h</h2><ul id=\"other-settings\">", T(r, "Other settings"));
  office_setting_link(r, "calendar.read", "/kalender", N_("Calendar"), N_("office hours, holidays (imported from .ics or CSV), periods such as Ramadan"));
  office_setting_link(r, "priority.read", "/prioritas", N_("Priorities"), N_("the priority table, response and resolution targets, number formats"));
  office_setting_link(r, "user.read", "/pengguna", N_("Users"), N_("staff accounts and their roles"));
  office_setting_link(r, "verify.read", "/verifikasi/pengaturan", N_("Verification settings"), N_("days and capacity of provider verification, the checklist, the national blacklist"));
  office_setting_link(r, "directory.read", "/direktori", N_("Directory"), N_("agencies, providers and officials, imported from CSV"));
  office_setting_link(r, "audit.read", "/audit", N_("Audit log"), N_("every change, and the check of its chain"));
  out(r, "</ul></section>");
  return page_end(r, status);
}

/* GET /pengaturan: the office's settings. */
int page_office(Req *r){
  return office_page(r, 200, 0);
}

/* POST /pengaturan: rename the office or move it to another zone (audited "office.update"). */
int page_office_post(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  int changed = 0;
  const char *name = req_form(r, "name"), *tz = req_form(r, "tz");
  if( name ) name = form_trimmed(r, "name");
  int rc = office_update(r->db, &a, r->office_id, name, tz && util_blank(tz) ? "" : tz, &changed, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return office_page(r, http_status_of(rc), &e);
  }
  return reply_redirect(r, changed ? "/pengaturan?ok=Office settings saved" : "/pengaturan?ok=Nothing changed: the office was already so");
}
