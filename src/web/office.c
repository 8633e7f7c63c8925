/*
** office.c — the office's settings as a page: its name and time zone (what `loket office
** set` changes), the address people reach Loket at (loket.conf's public_url, shown), the mail
** (loket.conf's delivery settings shown, a test message, the outbox), the database's copy, and
** links to the pages that hold the other settings.
*/
#include "web.h"
#include "../sop/org.h"
#include "../mail/mail.h"
#include "../desk/helpdesk.h"
#include <stdlib.h>
#include <string.h>

#define OFFICE_OUTBOX_SHOWN 20

/* One link to the page of another setting, for those who may open it. */
static void office_setting_link(Req *r, const char *perm, const char *href, const char *label, const char *what){
  if( !perm_allows(r->roles, perm) ) return;
  out(r, "<li><a href=\"%h\">%h</a> — %h</li>", href, T(r, label), T(r, what));
}

/* A state of an outbox row in the reader's language. */
static const char *office_mail_state(Req *r, const char *status){
  if( util_str_eq(status, "queued") ) return T(r, "Waiting to be sent");
  if( util_str_eq(status, "sent") ) return T(r, "Sent");
  if( util_str_eq(status, "failed") ) return T(r, "Failed");
  return status;
}

/* What the outbox table has drawn so far. */
typedef struct OutboxDrawn { Req *r; int n, failed; } OutboxDrawn;

/* One row of the outbox table (ctx: an OutboxDrawn); a failed one with its "send again" button. */
static int office_outbox_row(void *ctx, const OutboxRow *m){
  OutboxDrawn *t = ctx;
  Req *r = t->r;
  if( t->n++==0 ){
    web_scroll_open(r, "div", "table-wrap", T(r, "Outbox"));
    out(r, "<table id=\"outbox\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\"><span class=\"sr-only\">%h</span></th></tr></thead><tbody>",
        T(r, "Recipient"), T(r, "Subject"), T(r, "Status"), T(r, "Tries"), T(r, "Next try or sent at"), T(r, "Last error"),
        T(r, "Action"));
  }
  out(r, "<tr class=\"%h\" id=\"outbox-%lld\"><td>%lld</td><td>%h</td><td>%h</td><td>%h</td><td>%d</td><td>%h</td><td>%h</td><td>",
      m->status, (long long)m->id, (long long)m->id, m->to, m->subject, office_mail_state(r, m->status), m->attempts,
      m->at ? web_time(r, m->at) : "—", m->last_error);
  if( util_str_eq(m->status, "failed") ){
    t->failed++;
    out(r, "<form method=\"post\" action=\"/pengaturan/surel/%lld/ulang\" class=\"inline\">", (long long)m->id);
    csrf_input(r);
    out(r, "<button type=\"submit\">%h</button></form>", T(r, "Send again"));
  }
  out(r, "</td></tr>");
  return 0;
}

/* The mail card: loket.conf's delivery settings (shown: the keeper changes them there), the test
** message's form, and the office's newest outbox rows. */
static void office_mail(Req *r, const Err *e){
  MailSetting m[MAIL_SETTINGS];
  mail_settings(r->cfg, m);
  out(r, "<section class=\"card\" id=\"mail\"><h2>%h</h2><dl class=\"facts\" id=\"mail-settings\">", T(r, "E-mail"));
  for(int i=0; i<MAIL_SETTINGS; i++){
    out(r, "<dt>%h <span class=\"mono muted\">(%h)</span></dt>", T(r, m[i].label), m[i].key);
    if( m[i].kind=='i' ) out(r, "<dd>%lld</dd>", (long long)m[i].num);
    else if( m[i].kind=='b' ) out(r, "<dd>%h</dd>", T(r, m[i].num ? "set (not shown)" : "not set"));
    else if( m[i].text[0] ) out(r, "<dd class=\"mono\">%h</dd>", m[i].text);
    else out(r, "<dd>%h</dd>", T(r, "not set"));
  }
  out(r, "</dl>");
  if( r->cfg->smtp_url[0]==0 ){
    out(r, "<div class=\"notice\" id=\"mail-not-sent\"><p>%h</p></div>",
        T(r, "No SMTP relay is set: mail waits in the outbox and is sent once smtp_url is set and Loket restarts."));
  }
  if( config_from_local(r->cfg) ){
    out(r, "<div class=\"notice\" id=\"mail-from-local\"><p>%h</p></div>",
        T(r, "The sender (smtp_from) is still an address only this server knows: a relay may refuse it and replies do not reach the office. Set the office's address in loket.conf."));
  }
  out(r, "<p class=\"hint muted\">%h</p>",
      T(r, "Set by the server's keeper in loket.conf, in the data folder; they take effect when Loket restarts."));

  const char *to = e && req_form(r, "to") ? form_trimmed(r, "to") : 0;
  out(r, "<h3>%h</h3><form method=\"post\" action=\"/pengaturan/surel-uji\" id=\"mail-test\">", T(r, "Test message"));
  csrf_input(r);
  out(r, "<label for=\"to\">%h</label><input id=\"to\" name=\"to\" type=\"text\" required maxlength=\"254\" value=\"%h\"%R%R>",
      T(r, "Send to the address"), to ? to : "", input_hints(r, "email"), field_attrs(r, e, "to"));
  field_error(r, e, "to");
  out(r, "<p class=\"hint muted\">%h</p><div><button type=\"submit\">%h</button></div></form>",
      T(r, "Queued in the outbox as any mail, as loket mail test does; the list below shows whether it was sent."),
      T(r, "Send test message"));

  out(r, "<h3>%h</h3>", T(r, "Outbox"));
  OutboxDrawn t = { r, 0, 0 };
  if( mail_outbox_each(r->db, r->office_id, OFFICE_OUTBOX_SHOWN, office_outbox_row, &t)!=OK ){
    out(r, "<p>%h</p>", T(r, "The database failed"));
  }else if( t.n ){
    out(r, "</tbody></table></div>");
    if( t.failed ){
      out(r, "<form method=\"post\" action=\"/pengaturan/surel-ulang\" id=\"mail-retry-failed\">");
      csrf_input(r);
      out(r, "<p class=\"hint muted\">%h</p><div><button type=\"submit\">%h</button></div></form>",
          T(r, "A failed message is not tried again by itself: once the relay or the address is mended, send it again (every try from the start), as loket mail retry does."),
          T(r, "Send every failed message again"));
    }
    out(r, "<p class=\"hint muted\">%h</p>", T(r, "The office's newest messages; loket mail list shows them all."));
  }else{
    out(r, "<p id=\"outbox-empty\">%h</p>", T(r, "No mail yet."));
  }
  out(r, "</section>");
}

/* The help desk's mailbox card: where Loket reads the office's questions by e-mail (IMAP), how the
** last poll went, and the form to change it; e, when given, the refused change (typed values back). */
static void office_inbox(Req *r, const Err *e){
  InboxSettings s;
  out(r, "<section class=\"card\" id=\"inbox\"><h2>%h</h2>", T(r, "Help desk mailbox"));
  if( inbox_get(r->db, r->office_id, r->lang, &s)!=OK ){ out(r, "<p>%h</p></section>", T(r, "The database failed")); return; }
  out(r, "<p class=\"hint muted\" id=\"inbox-what\">%h</p><p class=\"hint muted\">%h</p>",
      T(r, "Loket reads the help desk's mailbox over IMAP: the first time the messages unread then, after that every message that arrives, read or not. A reply from a case's requester (naming the case's number, or answering Loket's mail) is added to that case, a closed question reopened; any other message becomes a new case (OI-02, channel e-mail) and its sender is mailed its number. The message is kept with the case, without the files an upload would refuse (a note on the case names each). A message taken is marked read in the mailbox."),
      T(r, "An automatic message (an out-of-office reply, a delivery failure, bulk mail), one without a sender or one bigger than the attachment limit opens no case and is added to none: it is left unread and flagged in the mailbox for a person."));
  out(r, "<dl class=\"facts\" id=\"inbox-state\"><dt>%h</dt><dd>%h</dd>", T(r, "Reading"),
      s.enabled ? T(r, "on") : T(r, "off"));
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Last poll"), s.last_poll_at ? web_time(r, s.last_poll_at) : "—");
  out(r, "</dl>");
  if( s.enabled && s.last_error[0] ){
    out(r, "<div class=\"notice error\" id=\"inbox-error\"><p>%h <span class=\"mono\">%h</span></p></div>",
        T(r, "The last poll failed; Loket tries again at the next one:"), s.last_error);
  }
  if( s.enabled && s.last_warning[0] ){
    out(r, "<div class=\"notice warn\" id=\"inbox-warning\"><p>%h <span class=\"mono\">%h</span></p></div>",
        T(r, "The messages were taken, but the mail server refused to mark one for the people using the mailbox:"), s.last_warning);
  }
  if( s.last_refused[0] ){
    out(r, "<div class=\"notice\" id=\"inbox-refused\"><p>%h <span class=\"mono\">%h</span></p></div>",
        T(r, "A message could not become a case; it is left flagged in the mailbox for a person:"), s.last_refused);
  }
  const char *url = e && req_form(r, "url") ? req_form(r, "url") : s.url;
  const char *user = e && req_form(r, "user") ? req_form(r, "user") : s.user;
  const char *poll = e && req_form(r, "poll_seconds") ? req_form(r, "poll_seconds") : 0;
  out(r, "<form method=\"post\" action=\"/pengaturan/kotak-masuk\" id=\"inbox-form\">");
  csrf_input(r);
  out(r, "<label for=\"url\">%h</label><input id=\"url\" name=\"url\" maxlength=\"255\" class=\"mono\""
         " placeholder=\"imaps://mail.lpse.example.go.id:993/INBOX\" value=\"%h\"%R>",
      T(r, "Mailbox address (IMAP)"), url, field_attrs(r, e, "url"));
  field_error(r, e, "url");
  out(r, "<label for=\"user\">%h</label><input id=\"user\" name=\"user\" maxlength=\"127\" autocomplete=\"off\" value=\"%h\"%R>",
      T(r, "Mailbox user name"), user, field_attrs(r, e, "user"));
  field_error(r, e, "user");
  out(r, "<label for=\"password\">%h</label><input id=\"password\" name=\"password\" type=\"password\" maxlength=\"127\""
         " autocomplete=\"new-password\" placeholder=\"%h\"%R>",
      T(r, "Mailbox password"), s.password_set ? T(r, "set (not shown): empty keeps it") : T(r, "not set"), field_attrs(r, e, "password"));
  field_error(r, e, "password");
  out(r, "<label for=\"poll_seconds\">%h</label><input id=\"poll_seconds\" name=\"poll_seconds\" type=\"number\" min=\"5\""
         " max=\"86400\" value=\"%h\"%R>",
      T(r, "Poll every (seconds)"), poll ? poll : arena_printf(&r->arena, "%d", s.poll_s), field_attrs(r, e, "poll_seconds"));
  field_error(r, e, "poll_seconds");
  int on = e ? req_form(r, "enabled")!=0 : s.enabled;
  out(r, "<label class=\"check\"><input type=\"checkbox\" name=\"enabled\" value=\"1\"%R> %h</label>",
      on ? " checked" : "", T(r, "Read the mailbox"));
  out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Save"));
}

/* The backup card, for who may take a copy: its link, or why it is taken on the server instead. */
static void office_backup_card(Req *r){
  if( !perm_allows(r->roles, "office.backup") ) return;
  out(r, "<section class=\"card\" id=\"backup\"><h2>%h</h2>", T(r, "Database backup"));
  Err e = {0};
  int rc = office_backup_check(r->db, &e);
  if( rc==OK ){
    out(r, "<p><a class=\"button\" id=\"backup-link\" href=\"/api/v1/backup\" download>%h</a></p><p class=\"hint muted\">%h</p>",
        T(r, "Download a copy of the database"),
        T(r, "One consistent copy taken while Loket runs, as loket backup makes; it holds everything, the users' password hashes too: keep it where only you can read it. Each download is written in the audit log."));
  }else{
    out(r, "<p id=\"backup-elsewhere\">%h</p>", (e.msg ? T_err(r, &e) : T(r, "The database failed")));
  }
  out(r, "</section>");
}

/* The field of an office's own public address: now, or (after a refusal e) what was typed. */
static void office_url_input(Req *r, const Err *e, const char *now){
  const char *url = e && req_form(r, "public_url") ? req_form(r, "public_url") : now;
  out(r, "<label for=\"public_url\">%h</label><input id=\"public_url\" name=\"public_url\" type=\"url\" maxlength=\"255\""
         " placeholder=\"https://lpse.example.go.id\" value=\"%h\"%R>",
      T(r, "Public address of the office"), url ? url : "", field_attrs(r, e, "public_url"));
  out(r, "<p class=\"hint muted\">%h</p>",
      T(r, "Links in the office's e-mail and the QR codes of its verification cards start with it. Empty: the server's public_url in loket.conf."));
  field_error(r, e, "public_url");
}

/* The fields of the office's contact for the public: now, or (after a refusal e) what was typed. */
static void office_contact_inputs(Req *r, const Err *e, const Office *o){
  const char *phone = e && req_form(r, "phone") ? req_form(r, "phone") : o->phone;
  const char *email = e && req_form(r, "email") ? req_form(r, "email") : o->email;
  const char *address = e && req_form(r, "address") ? req_form(r, "address") : o->address;
  out(r, "<fieldset id=\"office-contact\"><legend>%h</legend><p class=\"hint muted\">%h</p>", T(r, "Contact for the public"),
      T(r, "Shown on the public portal, where it tells people to contact the office. Empty: not shown."));
  out(r, "<label for=\"phone\">%h</label><input id=\"phone\" name=\"phone\" type=\"tel\" maxlength=\"32\""
         " placeholder=\"021 1234567\" value=\"%h\"%R>", T(r, "Phone number"), phone, field_attrs(r, e, "phone"));
  field_error(r, e, "phone");
  out(r, "<label for=\"email\">%h</label><input id=\"email\" name=\"email\" type=\"text\" maxlength=\"254\""
         " value=\"%h\"%R%R>", T(r, "E-mail address"), email, input_hints(r, "email"), field_attrs(r, e, "email"));
  field_error(r, e, "email");
  out(r, "<label for=\"address\">%h</label><textarea id=\"address\" name=\"address\" rows=\"3\" maxlength=\"%d\"%R>%h</textarea>",
      T(r, "Postal address"), OFFICE_ADDRESS_MAX, field_attrs(r, e, "address"), address);
  field_error(r, e, "address");
  out(r, "</fieldset>");
}

/* Draw the settings page; e, when given, is the refused submission (what was typed comes back). */
static int office_page(Req *r, int status, const Err *e){
  Office o;
  if( office_get(r->db, r->office_id, &o)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  page_begin(r, "Office settings");
  if( e && e->msg ){
    int at_field = util_str_eq(e->field, "name") || util_str_eq(e->field, "tz") || util_str_eq(e->field, "to")
                || util_str_eq(e->field, "public_url") || util_str_eq(e->field, "url") || util_str_eq(e->field, "user")
                || util_str_eq(e->field, "password") || util_str_eq(e->field, "poll_seconds")
                || util_str_eq(e->field, "phone") || util_str_eq(e->field, "email") || util_str_eq(e->field, "address");
    page_notice(r, "error", at_field ? T(r, "Please correct the field marked below.") : T_err(r, e));
  }
  const char *name = e && req_form(r, "name") ? req_form(r, "name") : o.name;
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
  office_url_input(r, e, o.public_url);
  office_contact_inputs(r, e, &o);
  out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Save"));

  out(r, "<section class=\"card\"><h2>%h</h2>", T(r, "Public address"));
  const char *pub = o.public_url[0] ? o.public_url : config_public_url();
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
  if( o.public_url[0] ) out(r, "<p class=\"hint muted\">%h</p></section>", T(r, "Set above, for this office."));
  else out(r, "<p class=\"hint muted\">%h</p></section>",
           T(r, "Set above for this office, or by the server's keeper as public_url in loket.conf, in the data folder (it takes effect when Loket restarts)."));

  office_mail(r, e);
  office_inbox(r, e);
  office_backup_card(r);

  out(r, "<section class=\"card\"><h2>%h</h2><ul id=\"other-settings\">", T(r, "Other settings"));
  office_setting_link(r, "office.create", "/pengaturan/kantor", N_("Offices"), N_("the offices this server hosts, and a new one"));
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

/* POST /pengaturan: rename the office, move it to another zone, set its address (audited
** "office.update") or its contact for the public (audited "office.contact"), in one transaction. */
int page_office_post(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  int changed = 0, contact = 0;
  const char *name = req_form(r, "name"), *tz = req_form(r, "tz"), *url = req_form(r, "public_url");
  const char *phone = req_form(r, "phone") ? form_trimmed(r, "phone") : 0;
  const char *email = req_form(r, "email") ? form_trimmed(r, "email") : 0;
  const char *address = req_form(r, "address") ? form_trimmed(r, "address") : 0;
  if( name ) name = form_trimmed(r, "name");
  if( url ) url = form_trimmed(r, "public_url");
  int rc = office_settings_update(r->db, &a, r->office_id, name, tz && util_blank(tz) ? "" : tz, url, phone, email, address,
                                  &changed, &contact, &e);
  changed |= contact;
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return office_page(r, http_status_of(rc), &e);
  }
  return reply_redirect(r, changed ? "/pengaturan?ok=Office settings saved" : "/pengaturan?ok=Nothing changed: the office was already so");
}

/* POST /pengaturan/surel-uji to: queue the test message for that address (as loket mail test;
** audited "mail.queue"), back to the page whose outbox lists it. */
int page_office_mail_test(Req *r){
  Office o;
  if( office_get(r->db, r->office_id, &o)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  Actor a = req_actor(r);
  Err e = {0};
  char to[256];
  int rc = mail_queue_test(r->db, &a, o.id, o.name, o.tz, form_trimmed(r, "to"), to, 0, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    if( util_str_eq(e.field, "email") ) e.field = "to";
    return office_page(r, http_status_of(rc), &e);
  }
  return reply_redirect(r, "/pengaturan?ok=Test message queued: the outbox below shows when it is sent#mail");
}

/* POST /pengaturan/surel/:id/ulang: queue again a failed message of the office (as loket mail
** retry ID; audited "mail.retry"), back to the outbox. */
int page_office_mail_retry(Req *r){
  int64_t id = req_param_id(r, "id");
  Actor a = req_actor(r);
  Err e = {0};
  int n = 0;
  int rc = id ? mail_retry(r->db, &a, r->office_id, id, &n, &e) : ERR_NOTFOUND;
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "id", "No such message in the outbox");
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return office_page(r, http_status_of(rc), &e);
  }
  return reply_redirect(r, arena_printf(&r->arena, "/pengaturan?ok=%t#mail", N_("Queued again: the outbox below shows when it is sent")));
}

/* POST /pengaturan/surel-ulang: queue again every failed message of the office (as loket mail
** retry failed; each audited "mail.retry"), back to the outbox. */
int page_office_mail_retry_failed(Req *r){
  Actor a = req_actor(r);
  int total = 0;
  if( mail_retry_failed(r->db, &a, r->office_id, &total)!=OK ){
    Err e = {0};
    ERR_SET(&e, 0, N_("The database failed"));
    return office_page(r, 500, &e);
  }
  return reply_redirect(r, arena_printf(&r->arena, "/pengaturan?ok=%t#mail", N_("Queued again: the outbox below shows when it is sent")));
}

/* POST /pengaturan/kotak-masuk url, user, password (empty: kept), poll_seconds, enabled: the help
** desk's mailbox (audited "mail.inbox"), back to the page's card. */
int page_office_inbox(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  InboxChange in;
  memset(&in, 0, sizeof in);
  in.url = form_trimmed(r, "url");
  in.user = form_trimmed(r, "user");
  const char *pw = req_form(r, "password");
  in.password = pw && *pw ? pw : 0;
  const char *poll = form_trimmed(r, "poll_seconds");
  if( poll && *poll ){
    char *end;
    long long v = strtoll(poll, &end, 10);
    in.poll_s = *end ? -1 : v;
    in.poll_given = 1;
  }
  in.enabled = req_form(r, "enabled")!=0;
  int changed = 0;
  int rc = inbox_set(r->db, &a, &in, &changed, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return office_page(r, http_status_of(rc), &e);
  }
  return reply_redirect(r, changed ? "/pengaturan?ok=Mailbox settings saved#inbox" : "/pengaturan?ok=Nothing changed: the office was already so#inbox");
}

/* One row of the offices' table (ctx: the request). */
static void offices_row(void *ctx, const Office *o){
  Req *r = ctx;
  out(r, "<tr><td class=\"mono\">%h</td><td>%h</td><td>%h</td><td>", o->code, o->name, o->tz);
  if( o->public_url[0] ) out(r, "<span class=\"mono\">%h</span>", o->public_url);
  else out(r, "<span class=\"muted\">%h</span>", T(r, "loket.conf's public_url"));
  out(r, "</td></tr>");
}

/* Draw the offices' page; e, when given, is the refused new office (what was typed comes back). */
static int offices_page(Req *r, int status, const Err *e){
  static const char *const fields[] = { "code", "name", "tz", "public_url", 0 };
  page_begin(r, "Offices");
  form_error(r, e, fields);
  out(r, "<section class=\"card\"><h2>%h</h2><div class=\"table-wrap\"><table id=\"offices\"><thead><tr>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "</tr></thead><tbody>",
      T(r, "Offices on this server"), T(r, "Office code"), T(r, "Office name"), T(r, "Time zone"), T(r, "Public address"));
  if( office_each(r->db, offices_row, r)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  out(r, "</tbody></table></div><p class=\"hint muted\">%h</p></section>",
      T(r, "Each office has its own cases, calendar, users and registers. Switch between the offices you work in from the header."));
  const char *code = e ? req_form(r, "code") : 0, *name = e ? req_form(r, "name") : 0;
  out(r, "<section class=\"card\"><h2>%h</h2><form method=\"post\" action=\"/pengaturan/kantor\">", T(r, "New office"));
  csrf_input(r);
  out(r, "<label for=\"code\">%h</label><input id=\"code\" name=\"code\" required maxlength=\"31\""
         " pattern=\"[A-Za-z0-9_\\-]+\" value=\"%h\"%R>",
      T(r, "Office code"), code ? code : "", field_attrs(r, e, "code"));
  out(r, "<p class=\"hint muted\">%h</p>", T(r, "Letters, digits, - and _; it starts every case number of the office and does not change."));
  field_error(r, e, "code");
  out(r, "<label for=\"name\">%h</label><input id=\"name\" name=\"name\" required maxlength=\"127\" value=\"%h\"%R>",
      T(r, "Office name"), name ? name : "", field_attrs(r, e, "name"));
  field_error(r, e, "name");
  calendar_tz_select(r, e, e && req_form(r, "tz") ? req_form(r, "tz") : "WIB");
  office_url_input(r, e, "");
  out(r, "<p class=\"hint muted\">%h</p><div><button type=\"submit\">%h</button></div></form></section>",
      T(r, "The office starts with the national holidays, office hours and priority table; you become its administrator."),
      T(r, "Create the office"));
  return page_end(r, status);
}

/* GET /pengaturan/kantor: the offices of this server, and the form for a new one. */
int page_offices(Req *r){
  return offices_page(r, 200, 0);
}

/* POST /pengaturan/kantor: a new office (as loket office add), its creator its administrator;
** audited "office.create" and "user.roles". */
int page_office_create(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  int64_t id = 0;
  const char *tz = req_form(r, "tz");
  int rc = office_create_by(r->db, &a, form_trimmed(r, "code"), form_trimmed(r, "name"), util_blank(tz) ? "WIB" : tz,
                            form_trimmed(r, "public_url"), &id, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return offices_page(r, http_status_of(rc), &e);
  }
  return reply_redirect(r, "/pengaturan/kantor?ok=Office created: you are its administrator; switch to it from the header");
}
