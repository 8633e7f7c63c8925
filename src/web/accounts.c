/*
** accounts.c — the SPSE account register as pages (the list, an account with
** its history and status form, the year-end review and its confirmation), the
** requests for accounts (the list, a new one from a letter, one request with the
** forms of its next step), the public portal form /portal/akun, and the page of
** a one-time credential link /kredensial/TOKEN.
*/
#include "web.h"
#include "../sop/sop.h"   /* sop_retired */
#include "../desk/directory.h"
#include "../desk/accounts.h"
#include "../desk/portal.h"
#include "../report/sealed.h"
#include <stdlib.h>
#include <string.h>

/* What a request's state is called (a msgid). */
static const char *state_label(const char *s){
  if( strcmp(s, "received")==0 ) return N_("received");
  if( strcmp(s, "returned")==0 ) return N_("returned to the applicant");
  if( strcmp(s, "checked")==0 ) return N_("complete, awaiting approval");
  if( strcmp(s, "approved")==0 ) return N_("approved, to be carried out");
  if( strcmp(s, "done")==0 ) return N_("carried out, to be notified");
  if( strcmp(s, "notified")==0 ) return N_("notified, to be archived");
  if( strcmp(s, "cancelled")==0 ) return N_("cancelled with its case");
  return N_("archived");
}
/* What a request's state is called (a msgid); checked with documents missing is told apart. */
static const char *state_label_of(const char *s, const char *missing){
  if( strcmp(s, "checked")==0 && missing && missing[0] ) return N_("incomplete, awaiting the Pengarah's review");
  return state_label(s);
}

/* What an account's status is called (a msgid). */
static const char *status_label(const char *s){
  return strcmp(s, "active")==0 ? N_("active") : N_("inactive");
}

/* What an account's kind is called (a msgid; an unknown code as it is): the register's pages
** and the directory's list of a holder's accounts. */
const char *account_kind_label(const char *k){
  if( strcmp(k, "penyedia")==0 ) return N_("Provider");
  if( strcmp(k, "ppk")==0 ) return N_("PPK");
  if( strcmp(k, "pokja")==0 ) return N_("Pokja");
  if( strcmp(k, "pejabat_pengadaan")==0 ) return N_("Procurement official");
  if( strcmp(k, "other")==0 ) return N_("Other");
  return k;
}
/* What a change in an account's history is called (a msgid; an unknown one as it is). */
static const char *event_label(const char *a){
  if( strcmp(a, "create")==0 ) return N_("Created");
  if( strcmp(a, "activate")==0 ) return N_("Activated");
  if( strcmp(a, "deactivate")==0 ) return N_("Deactivated");
  if( strcmp(a, "reset")==0 ) return N_("Credential reset");
  if( strcmp(a, "decree")==0 ) return N_("Decree (SK) renewed");
  return a;
}

/* A table of accounts. */
static void account_table(Req *r, const Account *rows, int n, const char *id){
  out(r, "<div class=\"table-wrap\"><table id=\"%h\"><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th></tr></thead><tbody>", id, T(r, "User ID"), T(r, "Kind"), T(r, "Holder"),
      T(r, "Agency"), T(r, "Decree"), T(r, "Valid until"), T(r, "Status"));
  for(int i=0; i<n; i++){
    const Account *c = &rows[i];
    out(r, "<tr><td><a href=\"/akun-spse/%t\">%h</a></td><td>%h</td><td><a href=\"/direktori/%lld\">%h</a></td><td>%h</td>"
           "<td>%h</td><td>%h</td><td>%h</td></tr>", c->user_id, c->user_id, T(r, account_kind_label(c->kind)), (long long)c->holder_id,
        c->holder_name, c->agency_name, c->sk_number, c->valid_until, T(r, status_label(c->status)));
  }
  out(r, "</tbody></table></div>");
}

/* A text input of a form, with what was posted and its error. */
static void input(Req *r, const Err *e, const char *name, const char *label, const char *type, int required){
  field_input(r, e, "i-", name, label, type, form_trimmed(r, name), arena_printf(&r->arena, "%R%R", required ? " required" : "",
              input_hints(r, name)));
}

/* The account register page. */
static int accounts_page(Req *r, const Err *e, int status){
  AccountFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.q = query_trimmed(r, "q");
  f.kind = query_trimmed(r, "kind");
  f.status = query_trimmed(r, "status");
  f.who = query_trimmed(r, "who");
  const char *b = query_trimmed(r, "before");
  f.before = *b ? atoll(b) : 0;
  f.limit = 201;
  Account *rows = 0;
  int n = 0;
  Err we = {0};
  int badwho = account_who_check(f.who, &we)!=OK;   /* a NIP typed wrong is said, not answered "no accounts" */
  if( !badwho && account_list(r->db, &f, &rows, &n, &r->arena)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  page_begin(r, "SPSE accounts");
  static const char *const shown[] = { "user_id", "holder", "agency", "sk_number", "valid_from", "valid_until", 0 };
  form_error_marked(r, e, shown);   /* the form's fields marked under them, the others (kind) said here */
  if( badwho ) page_notice(r, "error", T(r, "Forgotten user ID: write the holder's NIP (18 digits) or e-mail address"));
  out(r, "<p><a href=\"/permohonan-akun\">%h</a> · <a href=\"/akun-spse/akhir-tahun\">%h</a></p>",
      T(r, "Requests for accounts"), T(r, "Year end"));
  out(r, "<form class=\"filters card\" method=\"get\" action=\"/akun-spse\" role=\"search\">"
         "<div><label for=\"f-q\">%h</label><input id=\"f-q\" name=\"q\" type=\"search\" value=\"%h\"></div>"
         "<div><label for=\"f-who\">%h</label><input id=\"f-who\" name=\"who\" value=\"%h\"%R></div>"
         "<div><label for=\"f-status\">%h</label><select id=\"f-status\" name=\"status\"><option value=\"\">%h</option>"
         "<option value=\"active\"%R>%h</option><option value=\"inactive\"%R>%h</option></select></div>"
         "<div><button type=\"submit\">%h</button> <a href=\"/akun-spse\">%h</a></div></form>",
      T(r, "Search (user ID, holder)"), f.q, T(r, "Forgotten user ID: NIP or e-mail"), f.who, badwho ? " aria-invalid=\"true\"" : "",
      T(r, "Status"), T(r, "All"),
      strcmp(f.status, "active")==0 ? " selected" : "", T(r, "active"), strcmp(f.status, "inactive")==0 ? " selected" : "",
      T(r, "inactive"), T(r, "Search"), T(r, "Clear"));
  if( perm_allows(r->roles, "account.admin") ){
    out(r, "<details class=\"card\"%R><summary>%h</summary><form method=\"post\" action=\"/akun-spse\">",
        e && e->msg ? " open" : "", T(r, "Enter an existing account"));
    csrf_input(r);
    input(r, e, "user_id", N_("User ID"), "text", 1);
    const char *k = form_trimmed(r, "kind");
    out(r, "<div class=\"field\"><label for=\"i-kind\">%h</label><select id=\"i-kind\" name=\"kind\">", T(r, "Kind"));
    for(int i=0; account_kinds[i]; i++){
      out(r, "<option value=\"%h\"%R>%h</option>", account_kinds[i], util_str_eq(k, account_kinds[i]) ? " selected" : "", T(r, account_kind_label(account_kinds[i])));
    }
    out(r, "</select></div>");
    input(r, e, "holder", N_("Holder (NIP, NIK or directory number)"), "text", 1);
    input(r, e, "agency", N_("Agency (empty: the holder's)"), "text", 0);
    input(r, e, "sk_number", N_("Decree (SK) number"), "text", 0);
    input(r, e, "valid_from", N_("Valid from"), "date", 0);
    input(r, e, "valid_until", N_("Valid until"), "date", 0);
    out(r, "<button type=\"submit\">%h</button></form></details>", T(r, "Save"));
  }
  if( badwho ) return page_end(r, 400);
  if( n==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No accounts."));
  else account_table(r, rows, n>200 ? 200 : n, "accounts");
  if( n>200 ){
    out(r, "<p><a href=\"/akun-spse?q=%t&amp;who=%t&amp;status=%t&amp;before=%lld\">%h</a></p>", f.q, f.who, f.status,
        (long long)rows[199].id, T(r, "Older accounts"));
  }
  return page_end(r, status);
}

/* GET /akun-spse. */
int page_accounts(Req *r){
  return accounts_page(r, 0, 200);
}

/* POST /akun-spse: enter an account that exists in SPSE. */
int page_account_add(Req *r){
  AccountIn in = { form_trimmed(r, "user_id"), form_trimmed(r, "kind"), form_trimmed(r, "holder"), form_trimmed(r, "agency"),
                   form_trimmed(r, "sk_number"), form_trimmed(r, "valid_from"), form_trimmed(r, "valid_until") };
  Actor a = req_actor(r);
  Err e = {0};
  int64_t id;
  int rc = account_create(r->db, &a, r->office_id, &in, 0, &id, &e);
  if( rc==ERR_INVALID || rc==ERR_CONFLICT ) return accounts_page(r, &e, rc==ERR_CONFLICT ? 409 : 400);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, arena_printf(&r->arena, "/akun-spse/%t?ok=%t", in.user_id, N_("Account saved")));
}

/* GET /akun-spse/:userid: an account with its history. */
static int account_page(Req *r, const Err *e, int status){
  int64_t id;
  Account c;
  if( account_resolve(r->db, r->office_id, req_param(r, "userid"), &id)!=OK
   || account_get(r->db, r->office_id, id, &c, &r->arena)!=OK ) return reply_error(r, 404, "not_found", 0, "Not found");
  AccountEvent *ev;
  int n = 0;
  account_history(r->db, r->office_id, id, &ev, &n, &r->arena);
  page_begin(r, "SPSE account");
  /* the status is the button's, not typed: its error is said of the account ("… sudah aktif") */
  static const char *const marked[] = { "reason", 0 };
  if( e && util_str_eq(e->field, "status") ) page_notice(r, "error", arena_printf(&r->arena, "%s %s", c.user_id, T_err(r, e)));
  else form_error_marked(r, e, marked);
  out(r, "<p><a href=\"/akun-spse\">%h</a></p><h2>%h</h2><dl class=\"facts\">", T(r, "SPSE accounts"), c.user_id);
  out(r, "<dt>%h</dt><dd>%h</dd><dt>%h</dt><dd id=\"status\">%h</dd><dt>%h</dt><dd><a href=\"/direktori/%lld\">%h</a> %h</dd>",
      T(r, "Kind"), T(r, account_kind_label(c.kind)), T(r, "Status"), T(r, status_label(c.status)), T(r, "Holder"), (long long)c.holder_id,
      c.holder_name, c.holder_nip);
  if( c.agency_id ) out(r, "<dt>%h</dt><dd><a href=\"/direktori/%lld\">%h</a></dd>", T(r, "Agency"), (long long)c.agency_id, c.agency_name);
  out(r, "<dt>%h</dt><dd>%h</dd><dt>%h</dt><dd>%h – %h</dd></dl>", T(r, "Decree"), c.sk_number, T(r, "Valid"), c.valid_from, c.valid_until);
  out(r, "<h3>%h</h3><div class=\"table-wrap\"><table id=\"history\"><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
      T(r, "History"), T(r, "When"), T(r, "Who"), T(r, "Change"), T(r, "Request"), T(r, "Reason"));
  for(int i=0; i<n; i++){
    /* "Created → active"; an activation or deactivation says its new status by its name */
    int arrow = ev[i].to_status[0] && strcmp(ev[i].action, "activate") && strcmp(ev[i].action, "deactivate");
    out(r, "<tr><td>%h</td><td>%h</td><td>%h%R%h</td><td>", web_time(r, ev[i].at), ev[i].by, T(r, event_label(ev[i].action)),
        arrow ? " → " : "", arrow ? T(r, status_label(ev[i].to_status)) : "");
    if( ev[i].case_number[0] ) out(r, "<a href=\"/kasus/%t\">%h</a>", ev[i].case_number, ev[i].case_number);
    /* a reason the service wrote (the year-end review's) is a msgid; one an officer typed is shown as typed */
    out(r, "</td><td>%h</td></tr>", i18n_known(ev[i].reason) ? T(r, ev[i].reason) : ev[i].reason);
  }
  out(r, "</tbody></table></div>");
  if( strcmp(c.status, "inactive")==0 && perm_allows(r->roles, "account.open") ){
    /* the way back from a deactivation (year end among them): a BTG-019 reactivation request */
    out(r, "<form class=\"card\" method=\"post\" action=\"/permohonan-akun\">");
    csrf_input(r);
    out(r, "<input type=\"hidden\" name=\"kind\" value=\"reactivate\"><input type=\"hidden\" name=\"user_id\" value=\"%h\">"
           "<input type=\"hidden\" name=\"channel\" value=\"letter\"><button type=\"submit\">%h</button></form>",
        c.user_id, T(r, "Open a reactivation request (BTG-019)"));
  }
  if( perm_allows(r->roles, "account.admin") ){
    int act = strcmp(c.status, "active")!=0;
    out(r, "<form class=\"card\" method=\"post\" action=\"/akun-spse/%t/status\">", c.user_id);
    csrf_input(r);
    out(r, "<input type=\"hidden\" name=\"status\" value=\"%h\">", act ? "active" : "inactive");
    input(r, e, "reason", N_("Reason"), "text", 1);
    out(r, "<button type=\"submit\">%h</button></form>", T(r, act ? N_("Activate") : N_("Deactivate")));
  }
  return page_end(r, status);
}

/* GET /akun-spse/:userid. */
int page_account_entry(Req *r){
  return account_page(r, 0, 200);
}

/* POST /akun-spse/:userid/status. */
int page_account_status(Req *r){
  int64_t id;
  if( account_resolve(r->db, r->office_id, req_param(r, "userid"), &id)!=OK ) return reply_error(r, 404, "not_found", 0, "Not found");
  Actor a = req_actor(r);
  Err e = {0};
  const char *reason = form_trimmed(r, "reason");
  if( reason==0 || !*reason ){ ERR_SET(&e, "reason", N_("is required")); return account_page(r, &e, 400); }
  int rc = account_set_status(r->db, &a, r->office_id, id, form_trimmed(r, "status"), 0, reason, &e);
  if( rc==ERR_INVALID || rc==ERR_CONFLICT ) return account_page(r, &e, rc==ERR_CONFLICT ? 409 : 400);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, arena_printf(&r->arena, "/akun-spse/%t?ok=%t", req_param(r, "userid"), N_("Status changed")));
}

/* The review of the year-end batch under rule (expired, all; else the office's), answered with
** status; err (a msgid) said above it in an error box, or NULL. */
static int year_end_page(Req *r, const char *rule, int status, const char *err){
  char office_rule[8];
  int hours;
  account_policy(r->db, r->office_id, office_rule, &hours);
  if( strcmp(rule, "expired") && strcmp(rule, "all") ) rule = office_rule;
  Account *rows;
  int n = 0;
  const char *today = req_today(r);
  if( account_year_end_list(r->db, r->office_id, today, rule, &rows, &n, &r->arena)!=OK ){
    return reply_error(r, 500, "internal", 0, "The database failed");
  }
  page_begin(r, "Year end");
  if( err ) page_notice(r, "error", T(r, err));
  out(r, "<p><a href=\"/akun-spse\">%h</a></p><p>%h</p>", T(r, "SPSE accounts"),
      T(r, "BTG-019 step 5: at year end Admin Agency may deactivate PPK accounts. Review the list, then confirm; each holder and agency is told by e-mail. An account is reactivated by the reactivation procedure."));
  out(r, "<form class=\"filters card\" method=\"get\" action=\"/akun-spse/akhir-tahun\"><div><label for=\"f-rule\">%h</label>"
         "<select id=\"f-rule\" name=\"rule\"><option value=\"expired\"%R>%h</option><option value=\"all\"%R>%h</option></select></div>"
         "<div><button type=\"submit\">%h</button></div></form>", T(r, "Rule"),
      strcmp(rule, "expired")==0 ? " selected" : "", T(r, "Decree expired"), strcmp(rule, "all")==0 ? " selected" : "",
      T(r, "All PPK accounts"), T(r, "Show"));
  out(r, "<p id=\"year-end-count\">%h: %d</p>", T(r, "PPK accounts to deactivate"), n);
  if( n ) account_table(r, rows, n, "year-end");
  if( n && perm_allows(r->roles, "account.admin") ){
    out(r, "<form method=\"post\" action=\"/akun-spse/akhir-tahun\">");
    csrf_input(r);
    out(r, "<input type=\"hidden\" name=\"rule\" value=\"%h\"><input type=\"hidden\" name=\"count\" value=\"%d\">"
           "<button type=\"submit\" class=\"danger\">%h</button></form>", rule, n, T(r, "Deactivate these accounts"));
  }
  return page_end(r, status);
}

/* GET /akun-spse/akhir-tahun?rule=: the review of the year-end batch. */
int page_year_end(Req *r){
  return year_end_page(r, query_trimmed(r, "rule"), 200, 0);
}

/* POST /akun-spse/akhir-tahun: carry the batch out. */
int page_year_end_run(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  int count = 0;
  const char *rule = form_trimmed(r, "rule"), *seen = form_trimmed(r, "count");
  /* the count reviewed (the form's hidden field), all digits; another value ("5x") is no review */
  int64_t n = util_id(seen);
  int zero = seen && strcmp(seen, "0")==0;
  if( seen && *seen && !zero && (n==0 || n>INT32_MAX) )
    return year_end_page(r, rule ? rule : "", 400, N_("the list has changed since it was reviewed; review it again"));
  int expect = seen && *seen ? (int)n : -1;
  int rc = account_year_end(r->db, &a, r->office_id, req_today(r), rule && *rule ? rule : 0, expect, &count, &e);
  /* the list as it is now, the change said as an error (it was an ?ok= notice, shown as a success) */
  if( rc==ERR_CONFLICT ) return year_end_page(r, rule ? rule : "", 409, N_("the list has changed since it was reviewed; review it again"));
  if( rc==ERR_INVALID ) return reply_error_e(r, 400, "invalid", &e, N_("Request failed"));
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, arena_printf(&r->arena, "/akun-spse?status=inactive&ok=%t", N_("Year-end deactivation done")));
}

/* ---- requests ---- */

/* The fields of a new request (staff and portal): kind, applicant, account, documents. */
static void request_fields(Req *r, const Err *e, int portal){
  const char *k = form_trimmed(r, "kind");
  static const char *const kinds[] = { "pokja", "ppk", "forgotten", "deactivate", "reactivate" };
  out(r, "<div class=\"field\"><label for=\"i-kind\">%h</label><select id=\"i-kind\" name=\"kind\"%R>", T(r, "Request"),
      field_attrs(r, e, "kind"));
  for(size_t i=0; i<COUNT(kinds); i++){
    /* on the portal a kind whose procedure is retired is not offered (the one posted stays chosen, to be read again) */
    int off = portal && sop_retired(acreq_sop(kinds[i]));
    out(r, "<option value=\"%h\"%R%R>%h%R%h</option>", kinds[i], util_str_eq(k, kinds[i]) ? " selected" : "",
        off && !util_str_eq(k, kinds[i]) ? " disabled" : "", T(r, portal ? acreq_kind_words(kinds[i]) : acreq_kind_label(kinds[i])),
        off ? " — " : "", off ? T(r, "not available for now") : "");
  }
  out(r, "</select>");
  field_error(r, e, "kind");
  out(r, "</div>");
  if( !portal ){
    const char *ch = form_trimmed(r, "channel");
    out(r, "<div class=\"field\"><label for=\"i-channel\">%h</label><select id=\"i-channel\" name=\"channel\">"
           "<option value=\"letter\"%R>%h</option><option value=\"email\"%R>%h</option><option value=\"walk_in\"%R>%h</option>"
           "<option value=\"phone\"%R>%h</option></select></div>",
        T(r, "Channel"), util_str_eq(ch, "letter") ? " selected" : "", T(r, "Letter"), util_str_eq(ch, "email") ? " selected" : "",
        T(r, "E-mail"), util_str_eq(ch, "walk_in") ? " selected" : "", T(r, "Walk-in"), util_str_eq(ch, "phone") ? " selected" : "",
        T(r, "Phone"));
    input(r, e, "letter_no", N_("Letter number (for the agenda book)"), "text", 0);
    input(r, e, "letter_date", N_("Letter date"), "date", 0);
  }
  out(r, "<fieldset><legend>%h</legend>", T(r, "Applicant"));
  input(r, e, "name", N_("Name"), "text", 0);
  input(r, e, "nip", N_("NIP"), "text", 0);
  input(r, e, "rank", N_("Rank / grade"), "text", 0);
  input(r, e, "position", N_("Position"), "text", 0);
  input(r, e, "agency", N_("Agency"), "text", 0);
  input(r, e, "address", N_("Address"), "text", 0);
  input(r, e, "phone", N_("Phone"), "tel", 0);
  input(r, e, "email", N_("E-mail"), "text", 0);   /* Name <address> too (inputmode email: input_hints) */
  out(r, "</fieldset><fieldset><legend>%h</legend>", T(r, "Account"));
  input(r, e, "sk_number", N_("Decree (SK) number"), "text", 0);
  input(r, e, "valid_from", N_("Valid from"), "date", 0);
  input(r, e, "valid_until", N_("Valid until"), "date", 0);
  input(r, e, "user_id", N_("User ID (deactivation, reactivation)"), "text", 0);
  input(r, e, "lookup", N_("Forgotten user ID: the NIP or e-mail it was made with"), "text", 0);
  out(r, "</fieldset><fieldset><legend>%h</legend>", T(r, "Documents handed in"));
  const AcreqDoc *d = acreq_docs("deactivate");
  static const AcreqDoc decree_new = { "decree", N_("Decree (SK) or assignment letter appointing the candidate") };
  for(int i=0; d[i].id; i++){
    const AcreqDoc *x = strcmp(d[i].id, "decree")==0 ? &decree_new : &d[i];
    char name[48];
    snprintf(name, sizeof name, "doc_%s", x->id);
    out(r, "<label class=\"check\"><input type=\"checkbox\" name=\"%h\" value=\"1\"%R> %h</label>", name,
        req_form(r, name) ? " checked" : "", T(r, x->label));
  }
  field_error(r, e, "docs");
  out(r, "</fieldset>");
}

/* The documents ticked on a form (doc_letter, doc_decree, doc_personal_data). */
static int form_docs(Req *r, const char **docs){
  static const char *const ids[] = { "letter", "decree", "personal_data" };
  int n = 0;
  for(size_t i=0; i<COUNT(ids); i++){
    char name[48];
    snprintf(name, sizeof name, "doc_%s", ids[i]);
    if( req_form(r, name) ) docs[n++] = ids[i];
  }
  return n;
}

/* A new request from a form. */
static int request_from_form(Req *r, const Actor *a, int64_t office_id, int portal, int *wait, int64_t *id, Err *e){
  const char *docs[3];
  AcreqIn in;
  memset(&in, 0, sizeof in);
  in.kind = form_trimmed(r, "kind");
  in.channel = portal ? "portal" : form_trimmed(r, "channel");
  in.name = form_trimmed(r, "name");
  in.nip = form_trimmed(r, "nip");
  in.rank = form_trimmed(r, "rank");
  in.position = form_trimmed(r, "position");
  in.address = form_trimmed(r, "address");
  in.phone = form_trimmed(r, "phone");
  in.email = form_trimmed(r, "email");
  in.agency = form_trimmed(r, "agency");
  in.user_id = form_trimmed(r, "user_id");
  in.lookup = form_trimmed(r, "lookup");
  in.sk_number = form_trimmed(r, "sk_number");
  in.valid_from = form_trimmed(r, "valid_from");
  in.valid_until = form_trimmed(r, "valid_until");
  if( !portal ){
    in.letter_no = form_trimmed(r, "letter_no");
    in.letter_date = form_trimmed(r, "letter_date");
  }
  in.ndocs = form_docs(r, docs);
  in.docs = docs;
  in.lang = portal ? r->lang : r->cfg->default_lang;   /* the applicant's e-mails: the portal's language as used */
  return portal ? acreq_portal_open(r->db, a, office_id, &in, wait, id, e) : acreq_open(r->db, a, office_id, &in, id, e);
}

/* The fields of a request's form (request_fields), whose errors are shown under them. */
static const char *const request_shown[] = { "kind", "user_id", "lookup", "name", "nip", "email", "phone", "agency", "rank",
  "position", "address", "sk_number", "valid_from", "valid_until", "letter_no", "letter_date", "docs", 0 };

/* The list of requests with the form for a new one. */
static int requests_page(Req *r, const Err *e, int status){
  Acreq *rows;
  int n = 0;
  const char *state = query_trimmed(r, "state");
  if( acreq_list(r->db, r->office_id, state, 0, 200, &rows, &n, &r->arena)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  page_begin(r, "Requests for accounts");
  form_error_marked(r, e, request_shown);
  out(r, "<p><a href=\"/akun-spse\">%h</a></p>", T(r, "SPSE accounts"));
  if( perm_allows(r->roles, "account.open") ){
    out(r, "<details class=\"card\"%R><summary>%h</summary><form method=\"post\" action=\"/permohonan-akun\">",
        e && e->msg ? " open" : "", T(r, "New request from a letter"));
    csrf_input(r);
    request_fields(r, e, 0);
    out(r, "<button type=\"submit\">%h</button></form></details>", T(r, "Open the request"));
  }
  out(r, "<div class=\"table-wrap\"><table id=\"requests\"><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
      T(r, "Case"), T(r, "Request"), T(r, "Applicant"), T(r, "Agency"), T(r, "State"));
  for(int i=0; i<n; i++){
    out(r, "<tr><td><a href=\"/permohonan-akun/%lld\">%h</a></td><td>%h</td><td>%h</td><td>%h</td><td>%h</td></tr>",
        (long long)rows[i].id, rows[i].case_number, T(r, acreq_kind_label(rows[i].kind)), rows[i].person_name, rows[i].agency_name,
        T(r, state_label_of(rows[i].state, rows[i].missing)));
  }
  out(r, "</tbody></table></div>");
  return page_end(r, status);
}

/* GET /permohonan-akun. */
int page_account_requests(Req *r){
  return requests_page(r, 0, 200);
}

/* POST /permohonan-akun: a request entered by staff. */
int page_account_request_open(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  int64_t id = 0;
  int rc = request_from_form(r, &a, r->office_id, 0, 0, &id, &e);
  if( rc==ERR_INVALID || rc==ERR_CONFLICT ) return requests_page(r, &e, rc==ERR_CONFLICT ? 409 : 400);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, arena_printf(&r->arena, "/permohonan-akun/%lld?ok=%t", (long long)id, N_("Request opened")));
}

/* One request: its data, checklist, and the form of its next step; link: a one-time link just made. */
static int request_page(Req *r, const Err *e, int status, const char *link){
  int64_t id = req_param_id(r, "id");
  Acreq q;
  if( acreq_get(r->db, r->office_id, id, &q, &r->arena)!=OK ) return reply_error(r, 404, "not_found", 0, "Not found");
  page_begin(r, "Request for an account");
  page_print_head(r, T(r, "Request for an account"));
  static const char *const marked[] = { "note", "user_id", 0 };
  form_error_marked(r, e, marked);   /* a note's or a new user ID's error under its field, the others (state, docs) said here */
  /* a refused form comes back as it was sent: its note, the documents ticked */
  const char *note = e ? form_trimmed(r, "note") : 0;
  const char *note_attrs = arena_printf(&r->arena, " maxlength=\"%d\" value=\"%h\"%R", ACREQ_NOTE_MAX, note ? note : "",
                                        field_attrs_hint(r, e, "note", "i-note-hint"));
  /* whether the note reaches the applicant, said under it: the same word "Note" is the office's own on
  ** OI-03/04/05's check, and the reason mailed to the applicant on a BTG-019 check and a sending back */
  const char *note_mailed = arena_printf(&r->arena, "<p class=\"hint muted\" id=\"i-note-hint\">%h</p>",
                                         T(r, "Sent to the applicant by e-mail when the file goes back."));
  const char *note_office = arena_printf(&r->arena, "<p class=\"hint muted\" id=\"i-note-hint\">%h</p>",
                                         T(r, "For the office only: not sent to the applicant."));
  if( link ){
    out(r, "<div class=\"notice info\" role=\"status\"><p>%h</p><p><code id=\"link\">%h</code></p></div>",
        T(r, "One-time link for the credential (shown once; it is also in the notice to the applicant):"), link);
  }
  out(r, "<p class=\"no-print\"><a href=\"/permohonan-akun\">%h</a></p><h2>%h</h2><dl class=\"facts\">", T(r, "Requests for accounts"), T(r, acreq_kind_label(q.kind)));
  out(r, "<dt>%h</dt><dd><a href=\"/kasus/%t\">%h</a></dd><dt>%h</dt><dd id=\"state\">%h</dd><dt>%h</dt><dd><a href=\"/direktori/%lld\">%h</a></dd>",
      T(r, "Case"), q.case_number, q.case_number, T(r, "State"), T(r, state_label_of(q.state, q.missing)), T(r, "Applicant"),
      (long long)q.person_id, q.person_name);
  if( q.agency_name[0] ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Agency"), q.agency_name);
  if( q.email[0] ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "E-mail"), q.email);
  if( q.user_id[0] ) out(r, "<dt>%h</dt><dd><a href=\"/akun-spse/%t\">%h</a></dd>", T(r, "User ID"), q.user_id, q.user_id);
  out(r, "</dl>");
  const AcreqDoc *d = acreq_docs(q.kind);
  char *hay = arena_printf(&r->arena, " %s ", q.docs);
  const char *base = arena_printf(&r->arena, "/permohonan-akun/%lld", (long long)id);
  int check = strcmp(q.state, "received")==0 || strcmp(q.state, "returned")==0;
  if( check && perm_allows(r->roles, "account.work") ){
    int back = strcmp(q.state, "returned")==0;
    out(r, "<form class=\"card\" method=\"post\" action=\"%h/%R\">", base, back ? "resubmit" : "check");
    csrf_input(r);
  }
  out(r, "<h3>%h</h3><ul id=\"checklist\" class=\"checklist\">", T(r, "Documents"));
  for(int k=0; d[k].id; k++){
    char pad[64];
    snprintf(pad, sizeof pad, " %s ", d[k].id);
    /* a refused check keeps the ticks sent; any other refused form (approve, execute) sends none */
    int have = e && check ? form_trimmed(r, arena_printf(&r->arena, "doc_%s", d[k].id))!=0 : strstr(hay, pad)!=0;
    if( check && perm_allows(r->roles, "account.work") ){
      out(r, "<li><label class=\"check\"><input type=\"checkbox\" name=\"doc_%h\" value=\"1\"%R> %h</label></li>",
          d[k].id, have ? " checked" : "", T(r, d[k].label));
    }else{
      out(r, "<li>%R %h</li>", have ? "&#10003;" : "&#10007;", T(r, d[k].label));
    }
  }
  out(r, "</ul>");
  if( check && perm_allows(r->roles, "account.work") ){
    if( strcmp(q.state, "returned")==0 ){
      out(r, "<p class=\"muted\">%h</p>", T(r, "Returned to the applicant; the clock is paused until the file is completed."));
      const char *at = e ? form_trimmed(r, "at") : 0;
      out(r, "<div class=\"field no-print\"><label for=\"i-at\">%h</label><input id=\"i-at\" name=\"at\" type=\"datetime-local\" value=\"%h\"%R>"
             "<p class=\"hint muted\" id=\"i-at-hint\">%h</p>", T(r, "When the file came back"), at ? at : "", field_attrs_hint(r, e, "at", "i-at-hint"),
          T(r, "Empty: now. The office's clock stays paused until this moment."));
      field_error(r, e, "at");
      out(r, "</div><div class=\"field no-print\"><label for=\"i-note\">%h</label><input id=\"i-note\" name=\"note\"%R>%R", T(r, "Note"), note_attrs, note_office);
      field_error(r, e, "note");
      out(r, "</div><button type=\"submit\">%h</button></form>", T(r, "The applicant completed the file"));
    }else{
      out(r, "<div class=\"field no-print\"><label for=\"i-note\">%h</label><input id=\"i-note\" name=\"note\"%R>%R", T(r, "Note"), note_attrs,
          strcmp(q.kind, "deactivate")==0 || strcmp(q.kind, "reactivate")==0 ? note_mailed : note_office);
      field_error(r, e, "note");
      out(r, "</div><button type=\"submit\">%h</button></form>", T(r, "Check completeness"));
    }
  }
  if( strcmp(q.state, "checked")==0 && perm_allows(r->roles, "account.approve") && q.missing[0] ){
    /* the completeness check found documents missing: the review can only send it back */
    out(r, "<form class=\"card no-print\" method=\"post\" action=\"%h/approve\">", base);
    csrf_input(r);
    out(r, "<p id=\"incomplete\">%h</p><div class=\"field\"><label for=\"i-note\">%h</label><input id=\"i-note\" name=\"note\"%R>%R",
        T(r, "The completeness check found documents missing: send the request back to the applicant to complete it."),
        T(r, "Note"), note_attrs, note_mailed);
    field_error(r, e, "note");
    out(r, "</div><button type=\"submit\" name=\"approve\" value=\"0\">%h</button></form>", T(r, "Send back"));
  }else if( strcmp(q.state, "checked")==0 && perm_allows(r->roles, "account.approve") ){
    out(r, "<form class=\"card no-print\" method=\"post\" action=\"%h/approve\">", base);
    csrf_input(r);
    out(r, "<div class=\"field\"><label for=\"i-note\">%h</label><input id=\"i-note\" name=\"note\"%R>%R", T(r, "Note (required to send back)"),
        note_attrs, note_mailed);
    field_error(r, e, "note");
    out(r, "</div><button type=\"submit\" name=\"approve\" value=\"1\">%h</button> <button type=\"submit\" name=\"approve\" value=\"0\">%h</button></form>",
        T(r, "Approve"), T(r, "Send back"));
  }
  if( strcmp(q.state, "approved")==0 && perm_allows(r->roles, "account.admin") ){
    out(r, "<form class=\"card no-print\" method=\"post\" action=\"%h/execute\">", base);
    csrf_input(r);
    if( strcmp(q.kind, "pokja")==0 || strcmp(q.kind, "ppk")==0 ) input(r, e, "user_id", N_("New user ID"), "text", 1);
    /* a forgotten ID whose NIP or e-mail has several accounts is carried out naming the one to reset */
    if( strcmp(q.kind, "forgotten")==0 ) input(r, e, "user_id", N_("User ID to reset (when the NIP or e-mail has several accounts)"), "text", 0);
    out(r, "<button type=\"submit\">%h</button></form>", T(r, "Carry out"));
  }
  if( strcmp(q.state, "done")==0 && perm_allows(r->roles, "account.admin") && acreq_has_link(r->db, id) ){
    out(r, "<form class=\"card no-print\" method=\"post\" action=\"%h/surat\">", base);
    csrf_input(r);
    out(r, "<p class=\"hint muted\">%h</p><button type=\"submit\">%h</button></form>",
        T(r, "Instead of the link in the notice: print the credential in a sealed letter (the link is used up)."),
        T(r, "Print a sealed letter"));
  }
  if( strcmp(q.state, "done")==0 && perm_allows(r->roles, "account.work") ){
    out(r, "<form class=\"card no-print\" method=\"post\" action=\"%h/notify\">", base);
    csrf_input(r);
    out(r, "<button type=\"submit\">%h</button></form>", T(r, "Notify the applicant"));
  }
  if( strcmp(q.state, "notified")==0 && perm_allows(r->roles, "account.work") ){
    out(r, "<form class=\"card no-print\" method=\"post\" action=\"%h/archive\">", base);
    csrf_input(r);
    out(r, "<button type=\"submit\">%h</button></form>", T(r, "Archive the request"));
  }
  return page_end(r, status);
}

/* GET /permohonan-akun/:id. */
int page_account_request(Req *r){
  return request_page(r, 0, 200, 0);
}

/* After an action: back to the request, or the page with the error. */
static int request_after(Req *r, int rc, const Err *e){
  if( rc==ERR_INVALID || rc==ERR_CONFLICT || rc==ERR_NOTFOUND ) return request_page(r, e, rc==ERR_CONFLICT ? 409 : rc==ERR_NOTFOUND ? 404 : 400, 0);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, arena_printf(&r->arena, "/permohonan-akun/%t?ok=%t", req_param(r, "id"), N_("Request updated")));
}

/* POST /permohonan-akun/:id/check. */
int page_account_request_check(Req *r){
  const char *docs[3];
  int n = form_docs(r, docs);
  Actor a = req_actor(r);
  Err e = {0};
  /* the form shows every document, those handed in ticked: what the officer leaves ticked is what is there */
  return request_after(r, acreq_check(r->db, &a, r->office_id, req_param_id(r, "id"), docs, n, 1, form_trimmed(r, "note"), &e), &e);
}

/* POST /permohonan-akun/:id/resubmit. */
int page_account_request_resubmit(Req *r){
  const char *docs[3];
  int n = form_docs(r, docs);
  Actor a = req_actor(r);
  Err e = {0};
  return request_after(r, acreq_resubmit(r->db, &a, r->office_id, req_param_id(r, "id"), docs, n, form_trimmed(r, "note"),
                                         form_trimmed(r, "at"), r->office_tz, &e), &e);
}

/* POST /permohonan-akun/:id/approve. */
int page_account_request_approve(Req *r){
  const char *v = form_trimmed(r, "approve");
  Actor a = req_actor(r);
  Err e = {0};
  return request_after(r, acreq_approve(r->db, &a, r->office_id, req_param_id(r, "id"), util_str_eq(v, "1"),
                                        form_trimmed(r, "note"), &e), &e);
}

/* POST /permohonan-akun/:id/execute: carried out; the one-time link shown on this answer only. */
int page_account_request_execute(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  char token[65];
  int rc = acreq_execute(r->db, &a, r->office_id, req_param_id(r, "id"), form_trimmed(r, "user_id"), token, &e);
  if( rc!=OK ) return request_after(r, rc, &e);
  if( token[0]==0 ) return request_after(r, OK, &e);
  return request_page(r, 0, 200, arena_printf(&r->arena, "/kredensial/%s", token));
}

/* POST /permohonan-akun/:id/surat: the sealed letter (a PDF to print), its link used up. */
int page_account_request_letter(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  int64_t id = req_param_id(r, "id");
  AcreqLetter l;
  int rc = acreq_letter(r->db, &a, r->office_id, id, &l, &r->arena, &e);
  if( rc!=OK ) return request_after(r, rc, &e);
  char when[96];
  time_fmt_human(when, sizeof when, time_now(), r->office_tz, "id");
  SealedLetter sl = { l.office, l.number, l.kind, l.name, l.nip, l.agency, l.user_id, l.secret, when };
  buf_reset(&r->out);
  rc = sealed_letter_pdf(&r->out, &sl);
  memset(l.secret, 0, sizeof l.secret);
  if( rc!=OK ){ buf_reset(&r->out); return reply_error(r, 500, "internal", 0, "The export failed"); }
  return reply_download(r, 200, "application/pdf", arena_printf(&r->arena, "surat-tertutup-%lld.pdf", (long long)id));
}

/* POST /permohonan-akun/:id/notify. */
int page_account_request_notify(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  return request_after(r, acreq_notify(r->db, &a, r->office_id, req_param_id(r, "id"), req_base_url(r), &e), &e);
}

/* POST /permohonan-akun/:id/archive. */
int page_account_request_archive(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  return request_after(r, acreq_archive(r->db, &a, r->office_id, req_param_id(r, "id"), &e), &e);
}

/* ---- the public portal ---- */

/* The portal form; done: the answer given to every request received, ours or not (no number:
** it goes to the address the directory holds, so the page says nothing of the register). */
static int portal_page(Req *r, const Err *e, int status, int done){
  page_begin(r, "Request an SPSE account");
  if( done ){
    out(r, "<div class=\"notice ok\" role=\"status\" id=\"request-received\"><p>%h</p><p>%h</p></div>",
        T(r, "Your request has been received. If the user ID, NIP or e-mail is in our register, we will write to the address we hold, with the request's number."),
        T(r, "A password is never sent by e-mail."));
    return page_end(r, status);
  }
  form_error_marked(r, e, request_shown);
  int open = 0, all = 0;   /* the kinds whose procedure is in use: none, no form that would be refused */
  for(; acreq_kinds[all]; all++) open += !sop_retired(acreq_sop(acreq_kinds[all]));
  if( e==0 && open==0 ){
    portal_unavailable(r);
    return page_end(r, status);
  }
  if( e==0 && open<all ){
    page_notice(r, "info", T(r, "Some requests are not available through the portal for now (marked in the list): please contact the office for them."));
  }
  out(r, "<p>%h</p><form method=\"post\" action=\"/portal/akun\" id=\"portal-akun\">",
      T(r, "Requests to the Head of LPSE for a user ID (Pokja, PPK), a forgotten user ID or password, or deactivating/reactivating access. Bring or send the signed letter and the decree; tick what you hand in."));
  csrf_input(r);
  portal_office_field(r);   /* kept when the form comes back with an error, too */
  request_fields(r, e, 1);
  /* the honeypot, as on the portal's other form: hidden from people; robots fill every field */
  out(r, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"p-website\">Website</label>"
         "<input id=\"p-website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\" value=\"\"></div>");
  out(r, "<button type=\"submit\">%h</button></form>", T(r, "Send the request"));
  return page_end(r, status);
}

/* GET /portal/akun. */
int page_portal_accounts(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  return portal_page(r, 0, 200, 0);
}

/* POST /portal/akun: a request from the public, guarded as the portal's other forms are. */
int page_portal_accounts_post(Req *r){
  int wait = 0;
  const char *hp = form_trimmed(r, "website");
  if( hp && *hp ) return reply_error(r, 400, "rejected", "website", "The submission was refused");
  Office o;
  if( portal_office(r->db, form_trimmed(r, "office"), &o)!=OK ) return reply_error(r, 404, "not_found", "office", PORTAL_NO_OFFICE);
  portal_page_office_set(r, &o);
  Actor a = { 0, "portal", o.id, r->ip };
  Err e = {0};
  int64_t id = 0;
  int rc = request_from_form(r, &a, o.id, 1, &wait, &id, &e);
  if( rc==ERR_THROTTLED ) return reply_throttled(r, wait, "Too many submissions from this address: try again later");
  if( rc==ERR_INVALID || rc==ERR_CONFLICT ) return portal_page(r, &e, rc==ERR_CONFLICT ? 409 : 400, 0);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return portal_page(r, 0, 202, 1);
}

/* ---- one-time links ---- */

/* GET /kredensial/:token: whether the link can be opened, and the button that opens it (a
** button, so that a mail scanner's preview does not use the link up). */
int page_credential(Req *r){
  Actor a = { 0, "anonymous", 0, r->ip };
  int64_t exp = 0, office = 0;
  int rc = cred_peek(r->db, &a, req_param(r, "token"), &exp, &office);
  /* the time in the zone of the office that mailed it, as the mail says it (not the visitor's default) */
  Office o;
  if( office && office_get(r->db, office, &o)==OK ) r->office_tz = arena_strdup(&r->arena, o.tz);
  page_begin(r, "One-time link");
  if( rc==ERR_CONFLICT || rc==ERR_NOTFOUND ) page_notice(r, "error", T(r, "This link has been opened already or does not exist."));
  else if( rc==ERR_TOOBIG ) page_notice(r, "error", T(r, "This link has expired"));
  else if( rc!=OK ) page_notice(r, "error", T(r, "The database failed"));
  else{
    out(r, "<p>%h %h.</p><form method=\"post\" action=\"/kredensial/%t\">", T(r, "This link shows the credential once, until"),
        web_time(r, exp), req_param(r, "token"));
    csrf_input(r);
    out(r, "<button type=\"submit\">%h</button></form>", T(r, "Show the credential now"));
  }
  return page_end(r, rc==OK ? 200 : rc==ERR_NOTFOUND ? 404 : 410);
}

/* POST /kredensial/:token: show the user ID and the password, once. */
int page_credential_open(Req *r){
  Actor a = { 0, "anonymous", 0, r->ip };
  char uid[80], secret[64];
  int rc = cred_open(r->db, &a, req_param(r, "token"), uid, sizeof uid, secret, sizeof secret);
  page_begin(r, "One-time link");
  if( rc!=OK ){
    page_notice(r, "error", T(r, rc==ERR_TOOBIG ? N_("This link has expired") : N_("This link has been opened already or does not exist.")));
    return page_end(r, rc==ERR_NOTFOUND ? 404 : 410);
  }
  out(r, "<dl class=\"facts\"><dt>%h</dt><dd id=\"user-id\">%h</dd><dt>%h</dt><dd><code id=\"secret\">%h</code></dd></dl>"
         "<p>%h</p>", T(r, "User ID"), uid, T(r, "Password"), secret,
      T(r, "Write it down now: this page will not show it again. Change the password after signing in to SPSE."));
  memset(secret, 0, sizeof secret);
  return page_end(r, 200);
}
