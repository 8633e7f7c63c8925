/*
** verify.c — provider verification (OI-01) as pages: the portal's booking form
** (public), the public page that confirms a card, and for staff the list of
** verifications with the walk-in form, the day's queue for the front desk, the
** settings (days and capacity, card copies, the checklist, the blacklist), and
** one verification with the form of its open step.
*/
#include "web.h"
#include "../sop/sop.h"   /* sop_retired */
#include "../desk/directory.h"
#include "../desk/verify.h"
#include "../api/api.h"
#include <stdlib.h>
#include <string.h>

/* The procedure under which a verification form's one-time mark is kept (sentform.c): its answer, the page to land on. */
#define VW_SENT_FORM "verification"

/* A "YYYY-MM-DD" day of zone tz as people write it, with its weekday ("Rabu, 25 November 2026");
** the text itself when it is not a day. */
static const char *vw_day(Req *r, const char *day, const char *tz){
  int64_t t;
  if( time_parse_day(day, tz, &t)!=OK ) return day;
  char z[64];
  time_fmt_date(z, sizeof z, t + 12*3600, tz, r->lang);
  int64_t local = (t + 12*3600 + (int64_t)tz_offset_minutes(tz)*60) / 86400;   /* 1970-01-01 was a Thursday */
  return arena_printf(&r->arena, "%R, %R", web_weekday(r, (int)((local + 4) % 7)), z);
}

/* The label of a verification's status (a msgid). */
static const char *vw_status(const char *s){
  if( strcmp(s, "waiting")==0 ) return N_("Waiting for the provider");
  if( strcmp(s, "checking")==0 ) return N_("Being checked");
  if( strcmp(s, "returned")==0 ) return N_("Returned to complete");
  if( strcmp(s, "approved")==0 ) return N_("Approved");
  if( strcmp(s, "rejected")==0 ) return N_("Rejected (blacklist)");
  if( strcmp(s, "lapsed")==0 ) return N_("Lapsed");
  if( strcmp(s, "cancelled")==0 ) return N_("Cancelled");
  return s;
}

/* The message of a failed service call, for the page. */
static void vw_err_default(Err *e, int rc){
  if( e->msg==0 ) ERR_SET(e, 0, rc==ERR_DB ? N_("The database failed") : rc==ERR_THROTTLED
                             ? N_("Too many bookings from this address: try again later") : N_("Request failed"));
}

/* One text input with its posted value and error. */
static void vw_input(Req *r, const Err *e, const char *name, const char *label, const char *type, const char *value,
                     int required, const char *hint){
  out(r, "<div class=\"field\"><label for=\"v-%h\">%h</label><input id=\"v-%h\" name=\"%h\" type=\"%h\" value=\"%h\"%R%R%R>",
      name, T(r, label), name, name, type, value ? value : "", required ? " required" : "", input_hints(r, name),
      field_attrs(r, e, name));
  if( hint ) out(r, "<p class=\"hint muted\">%h</p>", T(r, hint));
  field_error(r, e, name);
  out(r, "</div>");
}

/* The provider's fields of the booking and walk-in forms. */
static void vw_provider_fields(Req *r, const Err *e){
  vw_input(r, e, "company", N_("Company name"), "text", form_trimmed(r, "company"), 1, 0);
  vw_input(r, e, "npwp", N_("Company NPWP"), "text", form_trimmed(r, "npwp"), 1, N_("15 digits (XX.XXX.XXX.X-XXX.XXX) or 16 digits"));
  vw_input(r, e, "nib", N_("NIB"), "text", form_trimmed(r, "nib"), 0, N_("13 digits"));
  vw_input(r, e, "contact", N_("Name of the person who comes"), "text", form_trimmed(r, "contact"), 1, 0);
  vw_input(r, e, "email", N_("E-mail"), "email", form_trimmed(r, "email"), 1, 0);
  vw_input(r, e, "phone", N_("Phone"), "tel", form_trimmed(r, "phone"), 0, 0);
  vw_input(r, e, "spse_user", N_("User ID in SPSE"), "text", form_trimmed(r, "spse_user"), 0, 0);
  vw_input(r, e, "registered_on", N_("Day of the online registration"), "date", form_trimmed(r, "registered_on"), 1,
           N_("A registration not verified within 30 days lapses"));
}

/* An NPWP as people read it: the old form XX.XXX.XXX.X-XXX.XXX (a 16-digit one that carries it, or 15
** digits); a new one that does not (a NIK form) as its digits. */
static const char *vw_npwp(Req *r, const char *npwp){
  char *z = arena_alloc(&r->arena, 24);
  party_npwp_old(npwp, z);
  return z[0] ? z : npwp;
}

/* The fields vw_provider_fields shows, and the day of the booking form. */
static const char *const vw_provider_shown[] = { "company", "npwp", "nib", "contact", "email", "phone", "spse_user",
                                                 "registered_on", "day", 0 };

/* Read the provider's fields of a posted form. */
static void vw_provider_input(Req *r, VerifyInput *in){
  memset(in, 0, sizeof *in);
  in->company = form_trimmed(r, "company");
  in->npwp = form_trimmed(r, "npwp");
  in->nib = form_trimmed(r, "nib");
  in->contact = form_trimmed(r, "contact");
  in->email = form_trimmed(r, "email");
  in->phone = form_trimmed(r, "phone");
  in->spse_user = form_trimmed(r, "spse_user");
  in->registered_on = form_trimmed(r, "registered_on");
  in->day = form_trimmed(r, "day");
  in->ip = r->ip;
}

/* The office of the portal: ?office=CODE (or the form's), else the first; sets the page's office. */
static int vw_portal_office(Req *r, Office *o){
  const char *code = req_query(r, "office");
  if( code==0 || *code==0 ) code = req_form(r, "office");
  int rc = code && *code ? office_by_code(r->db, code, o) : office_first(r->db, o);
  if( rc!=OK ){ reply_error(r, 404, "not_found", "office", PORTAL_NO_OFFICE); return rc; }
  portal_page_office_set(r, o);
  return OK;
}

/* The portal's booking page, with an error or not. */
static int vw_portal_page(Req *r, const Office *o, const Err *e, int status){
  page_begin(r, N_("Book a provider verification"));
  form_error_marked(r, e, vw_provider_shown);
  /* OI-01 retired: no form that would be refused (a posted one comes back with what was typed) */
  if( e==0 && sop_retired(VERIFY_SOP) ){
    portal_unavailable(r);
    return page_end(r, status);
  }
  out(r, "<p>%h</p>", T(r, "Bring the original documents of the 12 verification items, in 2 folders, on the day you book."));
  VerifyDay *days;
  int n;
  if( verify_days(r->db, o->id, time_now(), &days, &n, &r->arena)!=OK ) n = 0;
  out(r, "<form class=\"card\" method=\"post\" action=\"/portal/verifikasi\">");
  csrf_input(r);
  out(r, "<input type=\"hidden\" name=\"office\" value=\"%h\">", o->code);
  vw_provider_fields(r, e);
  const char *chosen = form_trimmed(r, "day");
  out(r, "<div class=\"field\"><label for=\"v-day\">%h</label><select id=\"v-day\" name=\"day\" required%R>",
      T(r, "Day"), field_attrs(r, e, "day"));
  int open = 0;
  for(int i=0; i<n; i++){
    int full = days[i].free==0;
    out(r, "<option value=\"%h\"%R%R>%h — %d %h</option>", days[i].day, full ? " disabled" : "",
        util_str_eq(chosen, days[i].day) ? " selected" : "", vw_day(r, days[i].day, o->tz), days[i].free,
        full ? T(r, "full") : T(r, "places free"));
    open += !full;
  }
  out(r, "</select>");
  field_error(r, e, "day");
  out(r, "</div>");
  if( open==0 ) page_notice(r, "info", T(r, "No day is open for booking now."));
  out(r, "<div><button type=\"submit\">%h</button></div></form>", T(r, "Book"));
  return page_end(r, status);
}

/* GET /portal/verifikasi: the booking form. */
int page_portal_verify(Req *r){
  Office o;
  if( vw_portal_office(r, &o) ) return OK;
  return vw_portal_page(r, &o, 0, 200);
}

/* POST /portal/verifikasi: book, then the queue number. */
int page_portal_verify_book(Req *r){
  Office o;
  if( vw_portal_office(r, &o) ) return OK;
  VerifyInput in;
  vw_provider_input(r, &in);
  Actor a = req_actor(r);
  a.office_id = o.id;
  Err e = {0};
  VerifyAppt w;
  in.base_url = req_office_base_url(r, o.id);
  in.lang = r->lang;   /* the provider's e-mails in the language the portal was used in */
  int rc = verify_book(r->db, &a, o.id, &in, &w, &r->arena, &e);
  if( rc!=OK ){
    vw_err_default(&e, rc);
    if( rc==ERR_THROTTLED ) req_retry_after(r, 3600);
    return vw_portal_page(r, &o, &e, http_status_of(rc));
  }
  /* POST-redirect-GET: the booking is shown at its private address (a reload books nothing again) */
  char tok[VERIFY_CODE_MAX];
  if( verify_appt_token(o.id, &w, tok)!=OK ) return reply_redirect(r, arena_printf(&r->arena, "/portal/verifikasi?ok=%t%R%t",
                                                   N_("Your verification is booked."), *r->portal_query ? "&office=" : "", *r->portal_query ? o.code : ""));
  return reply_redirect(r, arena_printf(&r->arena, "/portal/verifikasi/janji/%t?baru=1", tok));
}

/* The cancel page of an appointment: what it is, and the button (a preview of the mail's link
** does not cancel). */
static int vw_cancel_page(Req *r, const VerifyAppt *w, int64_t office_id, const Err *e, int status){
  Office o;
  if( office_get(r->db, office_id, &o)==OK ) portal_page_office_set(r, &o);
  const char *day = vw_day(r, w->day, r->office_tz);
  int appt = strncmp(r->path, "/portal/verifikasi/janji/", 25)==0;   /* the appointment's own page */
  page_begin(r, appt ? N_("Your verification appointment") : N_("Cancel the verification appointment"));
  if( appt && *query_trimmed(r, "baru") ){
    /* just booked (the POST redirected here): the queue number, and where this page is */
    out(r, "<div class=\"notice ok booked\" role=\"status\"><p>%h</p><p class=\"queue\">%h <strong id=\"queue-no\">%d</strong></p>"
           "<p>%h <strong id=\"booked-day\">%h</strong></p><p>%h</p><p id=\"cancel-hint\">%h</p><p>%h</p><p class=\"mono\">%h/portal/verifikasi/janji/%h</p></div>",
        T(r, "Your verification is booked."), T(r, "Queue number"), w->queue_no, T(r, "Day"), day,
        T(r, "We have sent the details to your e-mail, and will remind you the day before."),
        T(r, "If you cannot come, cancel with the link in that e-mail: the place then goes to another provider."),
        T(r, "Keep this private link to your appointment (you can cancel it there too):"), req_office_base_url(r, office_id), req_param(r, "token"));
  }
  if( e && e->msg ) page_notice(r, "error", T_err(r, e));
  out(r, "<dl class=\"facts\"><dt>%h</dt><dd id=\"appt-company\">%h</dd><dt>%h</dt><dd id=\"appt-day\">%h</dd>"
         "<dt>%h</dt><dd id=\"appt-queue\">%d</dd><dt>%h</dt><dd id=\"appt-status\">%h</dd></dl>",
      T(r, "Company"), w->company, T(r, "Day"), day, T(r, "Queue number"), w->queue_no, T(r, "Status"),
      T(r, strcmp(w->status, "booked")==0 ? N_("booked") : strcmp(w->status, "cancelled")==0 ? N_("cancelled") : N_("arrived")));
  /* after the visit the provider follows the verification itself here: checked, returned, approved */
  if( appt && strcmp(w->status, "arrived")==0 && w->vstatus && *w->vstatus ){
    out(r, "<dl class=\"facts\"><dt>%h</dt><dd id=\"appt-verification\">%h</dd></dl>", T(r, "Verification"), T(r, vw_status(w->vstatus)));
  }
  if( strcmp(w->status, "booked")==0 ){
    out(r, "<form method=\"post\" action=\"/portal/verifikasi/batal/%t\">", req_param(r, "token"));
    csrf_input(r);
    out(r, "<button type=\"submit\">%h</button></form>", T(r, "Cancel this appointment"));
  }
  out(r, "<p><a href=\"%h\">%h</a></p>", portal_href(r, "/portal/verifikasi"), T(r, "Book a provider verification"));
  return page_end(r, status);
}

/* GET /portal/verifikasi/batal/:token: the appointment the mail's link names. */
int page_portal_verify_cancel(Req *r){
  VerifyAppt w;
  int64_t office = 0;
  int rc = verify_appt_by_token(r->db, req_param(r, "token"), &w, &office, &r->arena);
  if( rc==ERR_NOTFOUND ){
    page_begin(r, N_("Cancel the verification appointment"));
    page_notice(r, "error", T(r, "This link does not name an appointment"));
    return page_end(r, 404);
  }
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return vw_cancel_page(r, &w, office, 0, 200);
}

/* GET /portal/verifikasi/janji/:token: the appointment's own page (where booking leads; ?baru=1 just booked). */
int page_portal_verify_appt(Req *r){
  VerifyAppt w;
  int64_t office = 0;
  int rc = verify_appt_by_token(r->db, req_param(r, "token"), &w, &office, &r->arena);
  if( rc==ERR_NOTFOUND ){
    page_begin(r, N_("Your verification appointment"));
    page_notice(r, "error", T(r, "This link does not name an appointment"));
    return page_end(r, 404);
  }
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return vw_cancel_page(r, &w, office, 0, 200);
}

/* POST /portal/verifikasi/batal/:token: cancel it (audited; the place freed). */
int page_portal_verify_cancel_post(Req *r){
  Actor a = { 0, "portal", 0, r->ip };
  Err e = {0};
  VerifyAppt w;
  int rc = verify_appt_cancel(r->db, &a, req_param(r, "token"), &w, &r->arena, &e);
  if( rc==ERR_NOTFOUND ){
    page_begin(r, N_("Cancel the verification appointment"));
    page_notice(r, "error", T(r, "This link does not name an appointment"));
    return page_end(r, 404);
  }
  int64_t office = 0;
  if( rc==ERR_CONFLICT ){
    if( verify_appt_by_token(r->db, req_param(r, "token"), &w, &office, &r->arena)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
    return vw_cancel_page(r, &w, office, &e, 409);
  }
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  /* POST-redirect-GET, as the booking: the appointment's page says it is cancelled (a reload
  ** cancels nothing again, and is no 409) */
  return reply_redirect(r, arena_printf(&r->arena, "/portal/verifikasi/janji/%t?ok=%t", req_param(r, "token"),
                                        N_("The appointment is cancelled; its place is free for another provider.")));
}

/* GET /kartu/:code: whether a card is genuine. */
int page_card_check(Req *r){
  Verification v;
  if( verify_card_by_code(r->db, req_param(r, "code"), &v, &r->arena)!=OK ){
    page_begin(r, N_("Card not recognised"));
    page_notice(r, "error", T(r, "This code is not of a card issued by this office."));
    return page_end(r, 404);
  }
  Office o;
  if( office_get(r->db, v.office_id, &o)==OK ) portal_page_office_set(r, &o);
  page_begin(r, N_("Verification card"));
  page_notice(r, "ok", T(r, "Genuine: this card was issued by this office."));
  out(r, "<dl class=\"card card-check\">");
  out(r, "<dt>%h</dt><dd id=\"card-number\">%h</dd>", T(r, "Registration number"), v.number);
  out(r, "<dt>%h</dt><dd id=\"card-company\">%h</dd>", T(r, "Company name"), v.company);
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Company NPWP"), vw_npwp(r, v.npwp));
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Verified"), web_time(r, v.decided_at));
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Verifier"), verify_verifier(r->db, &v, &r->arena));
  out(r, "</dl>");
  return page_end(r, 200);
}

/* The staff's links of this feature. */
static void vw_links(Req *r){
  out(r, "<p class=\"no-print\"><a href=\"/verifikasi\">%h</a> · <a href=\"/verifikasi/antrean\">%h</a> · "
         "<a href=\"/verifikasi/pengaturan\">%h</a> · <a href=\"/portal/verifikasi\">%h</a></p>",
      T(r, "Verifications"), T(r, "Today's queue"), T(r, "Settings"), T(r, "Booking page"));
}

/* The list of verifications with the walk-in form. */
static int vw_list_page(Req *r, const Err *e, int status){
  page_begin(r, N_("Provider verification"));
  vw_links(r);
  form_error_marked(r, e, vw_provider_shown);
  Verification *rows;
  int n;
  if( verify_list(r->db, r->office_id, query_trimmed(r, "status"), 200, &rows, &n, &r->arena)!=OK ) n = 0;
  out(r, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "Company name"), T(r, "Company NPWP"), T(r, "Status"), T(r, "Case"), T(r, "Registration number"));
  for(int i=0; i<n; i++){
    out(r, "<tr><td><a href=\"/verifikasi/%lld\">%h</a></td><td class=\"mono\">%h</td><td>%h</td><td class=\"mono\">%h</td>"
           "<td class=\"mono\">%h</td></tr>", (long long)rows[i].id, rows[i].company, vw_npwp(r, rows[i].npwp),
        T(r, vw_status(rows[i].status)), rows[i].case_number, rows[i].number);
  }
  if( n==0 ) out(r, "<tr><td colspan=\"5\" class=\"muted\">%h</td></tr>", T(r, "None yet"));
  out(r, "</tbody></table></div>");
  if( perm_allows(r->roles, "verify.work") ){
    out(r, "<details class=\"card no-print\"%R><summary>%h</summary><form method=\"post\" action=\"/verifikasi\">",
        e ? " open" : "", T(r, "A provider without an appointment"));
    csrf_input(r);
    vw_provider_fields(r, e);
    out(r, "<div><button type=\"submit\">%h</button></div></form></details>", T(r, "Add"));
  }
  return page_end(r, status);
}

/* GET /verifikasi. */
int page_verifications(Req *r){
  return vw_list_page(r, 0, 200);
}

/* POST /verifikasi: a walk-in. */
int page_verification_create(Req *r){
  VerifyInput in;
  vw_provider_input(r, &in);
  in.lang = r->cfg->default_lang;   /* come to the desk: the office's default */
  Actor a = req_actor(r);
  Err e = {0};
  int64_t id;
  int rc = verify_walk_in(r->db, &a, r->office_id, &in, &id, &e);
  if( rc!=OK ){ vw_err_default(&e, rc); return vw_list_page(r, &e, http_status_of(rc)); }
  return reply_redirect(r, arena_printf(&r->arena, "/verifikasi/%lld?ok=%t", (long long)id, N_("Verification added")));
}

/* GET /verifikasi/antrean?day=: the day's appointments for the front desk. */
int page_verify_queue(Req *r){
  const char *day = query_trimmed(r, "day");
  char today[11];
  int64_t t;
  if( *day==0 ){ register_today(today, time_now(), r->office_tz); day = today; }
  page_begin(r, N_("Verification queue"));
  vw_links(r);
  if( time_parse_day(day, r->office_tz, &t)!=OK ){
    page_notice(r, "error", T(r, "Write a real date from 1970 on, as YYYY-MM-DD"));
    return page_end(r, 400);
  }
  const char *label = vw_day(r, day, r->office_tz);
  out(r, "<form class=\"filters card no-print\" method=\"get\" action=\"/verifikasi/antrean\"><div><label for=\"q-day\">%h</label>"
         "<input id=\"q-day\" name=\"day\" type=\"date\" value=\"%h\"></div><div><button type=\"submit\">%h</button></div></form>",
      T(r, "Day"), day, T(r, "Show"));
  out(r, "<h2>%h</h2>", label);
  VerifyAppt *rows;
  int n;
  if( verify_appointments(r->db, r->office_id, day, &rows, &n, &r->arena)!=OK ) n = 0;
  web_scroll_open(r, "div", "table-wrap", label);
  out(r, "<table class=\"list queue\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "Queue number"), T(r, "Company name"), T(r, "Company NPWP"), T(r, "Name of the person who comes"), T(r, "Phone"),
      T(r, "Status"));
  for(int i=0; i<n; i++){
    out(r, "<tr><td class=\"num\">%d</td><td><a href=\"/verifikasi/%lld\">%h</a></td><td class=\"mono\">%h</td><td>%h</td>"
           "<td>%h</td><td>%h</td></tr>", rows[i].queue_no, (long long)rows[i].verification_id, rows[i].company,
        vw_npwp(r, rows[i].npwp), rows[i].contact, rows[i].phone, T(r, strcmp(rows[i].status, "cancelled")==0 ? N_("Cancelled")
                                                          : vw_status(rows[i].vstatus)));
  }
  if( n==0 ) out(r, "<tr><td colspan=\"6\" class=\"muted\">%h</td></tr>", T(r, "No appointments on this day"));
  out(r, "</tbody></table></div>");
  return page_end(r, 200);
}

/* A setting's value in its input: what was posted when the form comes back refused, else the stored one. */
static const char *vw_setting(Req *r, const char *name, int stored){
  const char *v = strcmp(r->method, "POST")==0 ? form_opt(r, name) : 0;
  return v ? v : arena_printf(&r->arena, "%d", stored);
}

/* A number input of the settings form, with its value and its error. */
static void vw_number(Req *r, const Err *e, const char *name, const char *id, const char *label, int min, int max, int stored){
  out(r, "<div class=\"field\"><label for=\"v-%h\">%h</label><input id=\"v-%h\" name=\"%h\" type=\"number\" min=\"%d\" max=\"%d\" value=\"%h\"%R>",
      id, T(r, label), id, name, min, max, vw_setting(r, name, stored), field_attrs(r, e, name));
  field_error(r, e, name);
  out(r, "</div>");
}

/* The settings page: days and capacity, copies, the checklist, the blacklist. */
static int vw_settings_page(Req *r, const Err *e, const char *bad_csv, int status){
  static const char *const wd[7] = { N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
                                     N_("Friday"), N_("Saturday") };
  static const char *const shown[] = { "capacity", "card_copies", "lapse_days", "warn_days", "ahead_days", "book_limit", "items", 0 };
  page_begin(r, N_("Verification settings"));
  vw_links(r);
  form_error(r, e, shown);
  if( bad_csv ) page_notice(r, "error", bad_csv);
  VerifySettings s;
  verify_settings_get(r->db, r->office_id, &s);
  int admin = route_allows(r, "POST", "/verifikasi/pengaturan");
  if( admin ){
    out(r, "<form class=\"card\" method=\"post\" action=\"/verifikasi/pengaturan\"><h2>%h</h2>", T(r, "Days and capacity"));
    csrf_input(r);
  }else{   /* to read only: no form, nothing to change that could not be saved */
    out(r, "<div class=\"card\"><h2>%h</h2><p class=\"hint muted\">%h</p><fieldset disabled>", T(r, "Days and capacity"),
        T(r, "Only the verification's administrators change these settings."));
  }
  for(int i=1; i<=7; i++){
    int k = i%7;
    char name[8];
    snprintf(name, sizeof name, "cap%d", k);
    out(r, "<div class=\"field\"><label for=\"v-%h\">%h</label><input id=\"v-%h\" name=\"%h\" type=\"number\" min=\"0\" max=\"500\" value=\"%h\"%R></div>",
        name, T(r, wd[k]), name, name, vw_setting(r, name, s.capacity[k]), field_attrs(r, e, "capacity"));
  }
  out(r, "<p class=\"hint muted\">%h</p>", T(r, "0: no verification that day. Holidays of the office calendar are always closed."));
  field_error(r, e, "capacity");
  vw_number(r, e, "card_copies", "copies", N_("Copies of the card"), 1, 8, s.card_copies);
  vw_number(r, e, "lapse_days", "lapse", N_("Days before a registration lapses"), 1, 365, s.lapse_days);
  vw_number(r, e, "warn_days", "warn", N_("Warn the provider this many days before"), 0, 60, s.warn_days);
  vw_number(r, e, "ahead_days", "ahead", N_("Days ahead one may book"), 1, 120, s.ahead_days);
  vw_number(r, e, "book_limit", "limit", N_("Bookings per address per hour"), 1, 1000, s.book_limit);
  CheckItem *items;
  int n;
  Buf list = BUF_INIT;
  const char *posted = e ? form_opt(r, "items") : 0;   /* after a refusal: the list as it was typed */
  if( posted ) buf_puts(&list, posted);
  else if( verify_checklist_get(r->db, r->office_id, &items, &n, &r->arena)==OK ){
    for(int i=0; i<n; i++){   /* plain text: escaped as a whole by %h below */
      if( !items[i].required ) buf_puts(&list, "* ");
      buf_puts(&list, items[i].title);
      buf_putc(&list, '\n');
    }
  }
  out(r, "<h2>%h</h2><div class=\"field\"><label for=\"v-items\">%h</label><textarea id=\"v-items\" name=\"items\" rows=\"14\"%R>%h</textarea>",
      T(r, "Verification checklist"), T(r, "Items (one per line)"), field_attrs(r, e, "items"), buf_str(&list));
  field_error(r, e, "items");
  out(r, "<p class=\"hint muted\">%h</p></div>",
      T(r, "A line starting with * is an item needed only in some cases (not required for approval)."));
  buf_free(&list);
  if( admin ) out(r, "<div><button type=\"submit\">%h</button></div></form>", T(r, "Save"));
  else out(r, "</fieldset></div>");
  BlackEntry *rows;
  int nb;
  if( verify_blacklist_list(r->db, r->office_id, 200, &rows, &nb, &r->arena)!=OK ) nb = 0;
  out(r, "<section class=\"card\"><h2>%h</h2><p>%h %d</p>", T(r, "National blacklist"), T(r, "Entries:"), nb);
  if( admin ){
    out(r, "<form method=\"post\" action=\"/verifikasi/daftar-hitam\" enctype=\"multipart/form-data\">");
    csrf_input(r);
    out(r, "<div class=\"field\"><label for=\"v-csv\">%h</label><input id=\"v-csv\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" required>"
           "<p class=\"hint muted\">%h</p></div><div><button type=\"submit\">%h</button></div></form>",
        T(r, "Import the list (CSV)"), T(r, "Columns: npwp, name, reason, until (YYYY-MM-DD), separated by commas or semicolons. The import replaces the list."),
        T(r, "Import"));
  }
  out(r, "<div class=\"table-wrap\"><table class=\"list\"><tbody>");
  for(int i=0; i<nb; i++){
    out(r, "<tr><td class=\"mono\">%h</td><td>%h</td><td>%h</td><td>%h</td></tr>", vw_npwp(r, rows[i].npwp), rows[i].name, rows[i].reason,
        rows[i].until);
  }
  out(r, "</tbody></table></div></section>");
  return page_end(r, status);
}

/* GET /verifikasi/pengaturan. */
int page_verify_settings(Req *r){
  return vw_settings_page(r, 0, 0, 200);
}

/* A number of a posted form (def when absent, -1 when not a number). */
static int vw_form_int(Req *r, const char *name, int def){
  const char *z = form_trimmed(r, name);
  if( z==0 || *z==0 ) return def;
  char *end;
  long v = strtol(z, &end, 10);
  return *end || v<-1 || v>100000 ? -1 : (int)v;
}

/* POST /verifikasi/pengaturan: the settings and the checklist. */
int page_verify_settings_post(Req *r){
  VerifySettings s;
  verify_settings_get(r->db, r->office_id, &s);
  for(int k=0; k<7; k++){
    char name[8];
    snprintf(name, sizeof name, "cap%d", k);
    s.capacity[k] = vw_form_int(r, name, s.capacity[k]);
  }
  s.card_copies = vw_form_int(r, "card_copies", s.card_copies);
  s.lapse_days = vw_form_int(r, "lapse_days", s.lapse_days);
  s.warn_days = vw_form_int(r, "warn_days", s.warn_days);
  s.ahead_days = vw_form_int(r, "ahead_days", s.ahead_days);
  s.book_limit = vw_form_int(r, "book_limit", s.book_limit);
  Actor a = req_actor(r);
  Err e = {0};
  int rc;
  const char *text = form_trimmed(r, "items");
  CheckItem items[VERIFY_ITEMS_MAX];
  int n = 0;
  if( text && *text ){
    char *z = arena_strdup(&r->arena, text);
    for(char *line = strtok(z, "\r\n"); line; line = strtok(0, "\r\n")){
      line = util_trim(line);
      if( *line==0 ) continue;
      if( n==VERIFY_ITEMS_MAX ){ n++; break; }
      int opt = *line=='*';
      if( opt ) line = util_trim(line+1);
      items[n].no = n+1;
      items[n].title = line;
      items[n].required = !opt;
      n++;
    }
  }
  /* both are checked before either is written */
  rc = text ? verify_checklist_check(items, n>VERIFY_ITEMS_MAX ? VERIFY_ITEMS_MAX+1 : n, &e) : OK;
  if( rc==OK ) rc = verify_settings_set(r->db, &a, r->office_id, &s, &e);
  if( rc==OK && text ) rc = verify_checklist_set(r->db, &a, r->office_id, items, n>VERIFY_ITEMS_MAX ? VERIFY_ITEMS_MAX+1 : n, &e);
  if( rc!=OK ){ vw_err_default(&e, rc); return vw_settings_page(r, &e, 0, http_status_of(rc)); }
  return reply_redirect(r, arena_printf(&r->arena, "/verifikasi/pengaturan?ok=%t", N_("Settings saved")));
}

/* POST /verifikasi/daftar-hitam (multipart file): replace the blacklist. */
int page_verify_blacklist_post(Req *r){
  const Field *f = req_form_field(r, "file");
  if( f==0 || f->filename==0 || f->len==0 ){
    Err e = { .field = "file", .msg = N_("Choose the CSV file of the list") };
    return vw_settings_page(r, &e, 0, 400);
  }
  BlackEntry *rows;
  int n;
  char err[2048];   /* the first wrong lines of the file */
  if( verify_blacklist_parse(f->value, f->len, &rows, &n, &r->arena, r->lang, err, sizeof err, 0)!=OK ){
    return vw_settings_page(r, 0, arena_strdup(&r->arena, err), 400);
  }
  Actor a = req_actor(r);
  int rc = verify_blacklist_import(r->db, &a, r->office_id, rows, n);
  if( rc!=OK ){ Err e = {0}; vw_err_default(&e, rc); return vw_settings_page(r, &e, 0, http_status_of(rc)); }
  return reply_redirect(r, arena_printf(&r->arena, "/verifikasi/pengaturan?ok=%t", N_("Blacklist imported")));
}

/* A button that posts one action of the verification. */
static void vw_button(Req *r, const Verification *v, const char *action, const char *label, const char *cls){
  out(r, "<form class=\"inline\" method=\"post\" action=\"/verifikasi/%lld/%h\">", (long long)v->id, action);
  csrf_input(r);
  sent_form_field(r);   /* pressed twice (a double click), it acts once: the second lands where the first did */
  out(r, "<button type=\"submit\" name=\"go\" value=\"%h\"%R>%h</button></form>", action,
      cls ? arena_printf(&r->arena, " class=\"%h\"", cls) : "", T(r, label));
}

/* The form of step 3: what the online registration says. */
static void vw_registration_form(Req *r, const Verification *v, const Err *e){
  out(r, "<form class=\"card\" method=\"post\" action=\"/verifikasi/%lld/registration\"><h2>%h</h2>", (long long)v->id,
      T(r, "Check of the online registration"));
  csrf_input(r);
  sent_form_field(r);
  const char *f;
  char reg[11];
  register_today(reg, v->registered_at, r->office_tz);
  vw_input(r, e, "spse_user", N_("User ID in SPSE"), "text", (f = form_trimmed(r, "spse_user")) ? f : v->spse_user, 1, 0);
  vw_input(r, e, "registered_on", N_("Day of the online registration"), "date", (f = form_trimmed(r, "registered_on")) ? f : reg, 1, 0);
  vw_input(r, e, "nib", N_("NIB"), "text", (f = form_trimmed(r, "nib")) ? f : v->nib, 0, N_("13 digits"));
  vw_input(r, e, "address", N_("Address"), "text", (f = form_trimmed(r, "address")) ? f : v->address, 0, 0);
  vw_input(r, e, "deed", N_("Deed of establishment (number, date, notary)"), "text", (f = form_trimmed(r, "deed")) ? f : v->deed, 0, 0);
  vw_input(r, e, "director", N_("Director"), "text", (f = form_trimmed(r, "director")) ? f : v->director, 0, 0);
  out(r, "<p class=\"hint muted\">%h</p><div><button type=\"submit\">%h</button></div></form>",
      T(r, "The national blacklist is checked when this is saved."), T(r, "Save and check the blacklist"));
}

/* The checklist: marks (a form at steps 4-5, a mark refused shown at its item's "present"), scans per item. */
static void vw_checklist(Req *r, const Verification *v, int editable, const Err *e){
  if( editable ){
    out(r, "<form class=\"card\" method=\"post\" action=\"/verifikasi/%lld/documents\">", (long long)v->id);
    csrf_input(r);
    sent_form_field(r);
  }else out(r, "<div class=\"card\">");
  out(r, "<h2>%h</h2><div class=\"table-wrap\"><table class=\"list checklist\"><thead><tr><th>No</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "Verification checklist"), T(r, "Document"), T(r, "Present"), T(r, "Matches the original"), T(r, "Scans"));
  for(int i=0; i<v->nitems; i++){
    const CheckItem *w = &v->items[i];
    out(r, "<tr><td class=\"num\">%d</td><td>%h%R</td>", w->no, w->title,
        w->required ? "" : arena_printf(&r->arena, " <span class=\"muted\">(%h)</span>", T(r, "if applicable")));
    if( editable ){
      const char *pf = arena_printf(&r->arena, "present%d", w->no);
      out(r, "<td><input type=\"checkbox\" name=\"%h\" value=\"1\" aria-label=\"%h %d\"%R%R>", pf, T(r, "Present"), w->no,
          w->present ? " checked" : "", field_attrs(r, e, pf));
      field_error(r, e, pf);
      out(r, "</td><td><input type=\"checkbox\" name=\"matches%d\" value=\"1\" aria-label=\"%h %d\"%R></td>",
          w->no, T(r, "Matches the original"), w->no, w->matches ? " checked" : "");
    }else{
      out(r, "<td>%h</td><td>%h</td>", w->present ? "✓" : "—", w->matches ? "✓" : "—");
    }
    out(r, "<td>");
    for(int s=0; s<v->nscans; s++){
      if( v->scans[s].item_no==w->no ) out(r, "<a href=\"/kasus/%t/lampiran/%lld\">%h</a> ", v->case_number,
                                          (long long)v->scans[s].attachment_id, v->scans[s].name);
    }
    out(r, "</td></tr>");
  }
  out(r, "</tbody></table></div>");
  if( editable ) out(r, "<div><button type=\"submit\">%h</button></div></form>", T(r, "Save the check"));
  else out(r, "</div>");
}

/* The scan upload form (one item's document), with its errors under its fields and the item
** chosen kept when it comes back refused. */
static void vw_scan_form(Req *r, const Verification *v, const Err *e){
  out(r, "<form class=\"card no-print\" method=\"post\" action=\"/verifikasi/%lld/scan\" enctype=\"multipart/form-data\"><h2>%h</h2>",
      (long long)v->id, T(r, "Attach a scan"));
  csrf_input(r);
  sent_form_field(r);
  const char *chosen = e ? form_trimmed(r, "item") : 0;
  out(r, "<div class=\"field\"><label for=\"s-item\">%h</label><select id=\"s-item\" name=\"item\"%R>", T(r, "Document"),
      field_attrs(r, e, "item"));
  for(int i=0; i<v->nitems; i++){
    out(r, "<option value=\"%d\"%R>%d. %h</option>", v->items[i].no, chosen && atoi(chosen)==v->items[i].no ? " selected" : "",
        v->items[i].no, v->items[i].title);
  }
  out(r, "</select>");
  field_error(r, e, "item");
  out(r, "</div><div class=\"field\"><label for=\"s-file\">%h</label><input id=\"s-file\" name=\"file\" type=\"file\" required%R>",
      T(r, "File"), field_attrs(r, e, "file"));
  field_error(r, e, "file");
  out(r, "</div><div><button type=\"submit\">%h</button></div></form>", T(r, "Attach"));
}

/* One verification with the form of its open step. */
static int vw_page(Req *r, const Verification *v, const Err *e, int status){
  page_begin(r, N_("Provider verification"));
  page_print_head(r, T(r, "Provider verification"));
  vw_links(r);
  /* the errors of the step's forms are shown at their fields (the online registration's, the
  ** scan's), the others (status, items) here */
  /* and a checklist mark refused, at its item's row (present3) */
  const char *marked[] = { "spse_user", "registered_on", "nib", "address", "deed", "director", "item", "file", 0, 0 };
  if( e && e->field && strncmp(e->field, "present", 7)==0 ) marked[8] = e->field;
  form_error_marked(r, e, marked);
  out(r, "<dl class=\"card facts\">");
  out(r, "<dt>%h</dt><dd id=\"v-status\">%h</dd>", T(r, "Status"), T(r, vw_status(v->status)));
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Company name"), v->company);
  out(r, "<dt>%h</dt><dd class=\"mono\">%h</dd>", T(r, "Company NPWP"), vw_npwp(r, v->npwp));
  out(r, "<dt>%h</dt><dd>%h · %h%R%h</dd>", T(r, "Name of the person who comes"), v->contact, v->email, *v->phone ? " · " : "",
      v->phone);
  if( *v->appt_day ){
    out(r, "<dt>%h</dt><dd>%h · %h %d</dd>", T(r, "Appointment"), vw_day(r, v->appt_day, r->office_tz), T(r, "Queue number"),
        v->queue_no);
  }
  /* the date it lapses while it is under way; a finished one no longer lapses */
  int open = strcmp(v->status, "waiting")==0 || strcmp(v->status, "checking")==0 || strcmp(v->status, "returned")==0;
  if( open || strcmp(v->status, "lapsed")==0 ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, open ? "Lapses" : "Lapsed"), web_time(r, v->lapse_at));
  if( *v->case_number ) out(r, "<dt>%h</dt><dd><a class=\"mono\" href=\"/kasus/%t\">%h</a> · %h%R</dd>", T(r, "Case"),
                            v->case_number, v->case_number,
                            web_step_label(r, v->case_step),
                            v->case_held ? arena_printf(&r->arena, " (%h)", T(r, "on hold")) : "");
  if( *v->number ) out(r, "<dt>%h</dt><dd id=\"v-number\" class=\"mono\">%h</dd>", T(r, "Registration number"), v->number);
  if( *v->blacklist ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "National blacklist"), v->blacklist);
  if( *v->missing ) out(r, "<dt>%h</dt><dd id=\"v-missing\">%h</dd>", T(r, "Missing"), v->missing);
  out(r, "</dl>");
  int work = perm_allows(r->roles, "verify.work"), decide = perm_allows(r->roles, "verify.decide");
  const char *st = v->status;
  if( work && strcmp(st, "waiting")==0 ) vw_button(r, v, "arrive", N_("The provider has arrived: fill the guest book"), 0);
  if( work && strcmp(st, "checking")==0 && v->case_step==2 ) vw_button(r, v, "agenda", N_("Record in the agenda and route to the verifier"), 0);
  if( work && strcmp(st, "checking")==0 && v->case_step==3 ) vw_registration_form(r, v, e);
  int marking = work && strcmp(st, "checking")==0 && (v->case_step==4 || v->case_step==5);
  if( v->case_step>=4 || v->checked ) vw_checklist(r, v, marking, e);
  if( work && (strcmp(st, "checking")==0 || strcmp(st, "returned")==0) && v->case_step>=4 ) vw_scan_form(r, v, e);
  if( decide && strcmp(st, "checking")==0 && v->case_step==5 && v->checked ){
    out(r, "<div class=\"card actions\">");
    vw_button(r, v, "approve", N_("Approve and give the registration number"), 0);
    vw_button(r, v, "return", N_("Return the file: items missing"), "secondary");
    out(r, "</div>");
  }
  if( work && strcmp(st, "returned")==0 ) vw_button(r, v, "resume", N_("The documents came back"), 0);
  if( decide && strcmp(st, "approved")==0 && v->card_id==0 ) vw_button(r, v, "card", N_("Issue the card and return the originals"), 0);
  if( v->card_id ){
    out(r, "<p class=\"card\"><a id=\"card-pdf\" href=\"/verifikasi/%lld/kartu.pdf\">%h</a> · %h %h</p>", (long long)v->id,
        T(r, "Print the verification card (PDF)"), T(r, "Originals returned with handover form"), v->handover_number);
  }
  return page_end(r, status);
}

/* The verification of the path; answers 404 when none. */
static int vw_target(Req *r, Verification *v){
  int64_t id = req_param_id(r, "id");
  if( id==0 || verify_get(r->db, r->office_id, id, v, &r->arena)!=OK ){
    reply_error(r, 404, "not_found", 0, "Not found");
    return ERR_NOTFOUND;
  }
  return OK;
}

/* GET /verifikasi/:id. */
int page_verification(Req *r){
  Verification v;
  if( vw_target(r, &v) ) return OK;
  return vw_page(r, &v, 0, 200);
}

/* POST /verifikasi/:id/:action: the step's action, then back to the verification. */
int page_verification_post(Req *r){
  Verification v;
  if( vw_target(r, &v) ) return OK;
  const char *act = req_param(r, "action");
  /* the decisions of steps 5 and 7 are the verifier's (verify.decide), the route's permission aside */
  if( (strcmp(act, "approve")==0 || strcmp(act, "return")==0 || strcmp(act, "card")==0) && !perm_allows(r->roles, "verify.decide") ){
    return reply_error(r, 403, "forbidden", 0, "You do not have permission for this");
  }
  Actor a = req_actor(r);
  Err e = {0};
  int rc, nkept = 0;
  CheckItem marks[VERIFY_ITEMS_MAX];   /* the checklist's marks sent, shown again when refused (nkept) */
  const char *ok = N_("Saved");
  /* a form sent twice (a double click on a slow answer) acts once: the second lands where the first did */
  const char *mark = sent_form_mark(r);
  char made[SENT_FORM_RESULT];
  if( mark && sent_form_claim(r->office_id, mark, made) ) return reply_redirect(r, made);
  if( strcmp(act, "arrive")==0 ){ rc = verify_arrive(r->db, &a, r->office_tz, &v, &e); ok = N_("Guest book filled, case opened"); }
  else if( strcmp(act, "agenda")==0 ){ rc = verify_agenda(r->db, &a, r->office_tz, &v, &e); ok = N_("Recorded in the agenda"); }
  else if( strcmp(act, "registration")==0 ){
    VerifyRegData d = { form_trimmed(r, "spse_user"), form_trimmed(r, "registered_on"), form_trimmed(r, "nib"),
                        form_trimmed(r, "address"), form_trimmed(r, "deed"), form_trimmed(r, "director") };
    if( d.nib && *d.nib==0 ) d.nib = 0;
    rc = verify_registration(r->db, &a, &v, &d, &e);
  }else if( strcmp(act, "documents")==0 ){
    int n = 0;
    for(int i=0; i<v.nitems && n<VERIFY_ITEMS_MAX; i++){
      char p[16], m[16];
      snprintf(p, sizeof p, "present%d", v.items[i].no);
      snprintf(m, sizeof m, "matches%d", v.items[i].no);
      memset(&marks[n], 0, sizeof marks[n]);
      marks[n].no = v.items[i].no;
      marks[n].present = req_form(r, p)!=0;
      marks[n].matches = req_form(r, m)!=0;   /* without "present": refused as the API refuses it (api.md) */
      n++;
    }
    rc = verify_documents(r->db, &a, &v, marks, n, 0, &e);
    /* a mark refused is shown at its item's "present", the marks sent kept */
    if( rc==ERR_INVALID && util_str_eq(e.field, "items") && e.n>0 ) e.field = arena_printf(&r->arena, "present%d", e.n);
    if( rc==ERR_INVALID ) nkept = n;
    ok = N_("Documents checked");
  }else if( strcmp(act, "scan")==0 ){
    const Field *f = req_form_field(r, "file");
    const char *item = req_form(r, "item");
    VerifyScan s;
    if( f==0 || f->filename==0 || item==0 ){ ERR_SET(&e, "file", N_("Choose the file to attach")); rc = ERR_INVALID; }
    else rc = verify_scan_add(r->db, &a, &v, util_id(item)<=999 ? (int)util_id(item) : 0, f->filename, f->value, f->len, r->cfg->attachment_limit, &s,
                              &r->arena, &e);
    if( rc==ERR_TYPE ) ERR_SET(&e, 0, N_("This type of file is not accepted"));
    ok = N_("Scan attached");
  }else if( strcmp(act, "return")==0 ){ rc = verify_return(r->db, &a, &v, &e); ok = N_("File returned to the provider"); }
  else if( strcmp(act, "resume")==0 ){ rc = verify_resume(r->db, &a, &v, &e); ok = N_("The clock runs again"); }
  else if( strcmp(act, "approve")==0 ){ rc = verify_approve(r->db, &a, &v, &e); ok = N_("Approved"); }
  else if( strcmp(act, "card")==0 ){
    rc = verify_card_issue(r->db, &a, r->office_tz, r->full_name && *r->full_name ? r->full_name : r->username, &v, &e);
    ok = N_("Card issued");
  }else{
    if( mark ) sent_form_done(r->office_id, r->username, mark, VW_SENT_FORM, 0);
    return reply_error(r, 404, "not_found", 0, "Not found");
  }
  const char *to = arena_printf(&r->arena, "/verifikasi/%lld?ok=%t", (long long)v.id, ok);
  if( mark ) sent_form_done(r->office_id, r->username, mark, VW_SENT_FORM, rc==OK ? to : 0);
  if( rc!=OK ){
    vw_err_default(&e, rc);
    Verification now;
    if( verify_get(r->db, r->office_id, v.id, &now, &r->arena)!=OK ) now = v;
    for(int i=0; i<now.nitems; i++) for(int k=0; k<nkept; k++) if( marks[k].no==now.items[i].no ){
      now.items[i].present = marks[k].present;
      now.items[i].matches = marks[k].matches;
    }
    return vw_page(r, &now, &e, http_status_of(rc));
  }
  return reply_redirect(r, to);
}
