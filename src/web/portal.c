/*
** portal.c — the public portal as pages (no staff sign-in): the home with its
** links, the FAQ and its search, the form to submit a question (the FAQ searched
** first), tracking by number and e-mail/phone, and the private tracking page
** (the case's public steps and times, the thread, a reply or a file, the rating
** or reopening once closed). Also the portal section of the staff's case page.
*/
#include "web.h"
#include "../sop/sop.h"   /* sop_retired */
#include "../desk/kb.h"
#include "../desk/portal.h"
#include "../desk/verify.h"   /* VERIFY_SOP */
#include "../desk/skm.h"
#include "../desk/helpdesk.h"   /* escalation_list */
#include "../desk/accounts.h"   /* acreq_of_case */
#include "../sop/attach.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Show office o in a public page's header, and have its links keep it: a bare /portal serves the
** first office, so the pages of another carry ?office=CODE, or its requesters land in the first. */
void portal_page_office_set(Req *r, const Office *o){
  if( r->user_id==0 ){
    r->office_name = arena_strdup(&r->arena, o->name);
    r->office_tz = arena_strdup(&r->arena, o->tz);
  }
  r->portal_office_id = o->id;
  Office first;
  r->portal_query = office_first(r->db, &first)==OK && first.id!=o->id ? arena_printf(&r->arena, "?office=%t", o->code) : "";
}

/* The office of a public page (?office=CODE or the form's office, else the first). */
int portal_page_office(Req *r, Office *o){
  const char *code = req_query(r, "office");
  if( code==0 || *code==0 ) code = form_trimmed(r, "office");
  if( portal_office(r->db, code, o)!=OK ){ reply_error(r, 404, "not_found", "office", PORTAL_NO_OFFICE); return 0; }
  portal_page_office_set(r, o);
  return 1;
}

/* A portal address with the page's office kept. */
const char *portal_href(Req *r, const char *href){
  if( r->portal_query==0 || *r->portal_query==0 ) return href;
  return arena_printf(&r->arena, "%R%R%R", href, strchr(href, '?') ? "&" : "", strchr(href, '?') ? r->portal_query+1 : r->portal_query);
}

/* The portal's menu, the current page marked (current: its href; NULL: the link the path is under).
** page_begin() draws it on every page under /portal: one menu, the same everywhere. */
void portal_nav(Req *r, const char *current){
  static const struct { const char *href, *label; } links[] = {
    { "/portal", N_("Portal home") }, { "/portal/faq", N_("FAQ") }, { "/portal/kirim", N_("Ask a question") },
    { "/portal/lacak", N_("Track a ticket") }, { "/portal/pelatihan", N_("Trainings") },
    { "/portal/verifikasi", N_("Verification booking") }, { "/portal/akun", N_("Request an SPSE account") },
  };
  if( current==0 ){
    for(size_t i=0; i<COUNT(links); i++){
      size_t n = strlen(links[i].href);
      if( strcmp(r->path, links[i].href)==0 || (i>0 && strncmp(r->path, links[i].href, n)==0 && r->path[n]=='/') ) current = links[i].href;
    }
  }
  out(r, "<nav class=\"portal\" aria-label=\"%h\">", T(r, "Portal menu"));
  for(size_t i=0; i<COUNT(links); i++){
    out(r, "%R<a href=\"%h\"%R>%h</a>", i ? " · " : "", portal_href(r, links[i].href),
        util_str_eq(current, links[i].href) ? " aria-current=\"page\"" : "", T(r, links[i].label));
  }
  out(r, "</nav>");
}

/* That the service of this page is not available through the portal now (its procedure retired). */
void portal_unavailable(Req *r){
  out(r, "<div class=\"notice error\" role=\"status\" id=\"service-unavailable\"><p>%h</p></div>",
      T(r, "This service is not available through the portal for now. Please contact the office."));
}

/* The contact of the office of a portal page (see web.h). */
void portal_contact(Req *r){
  Office o;
  if( r->portal_office_id==0 || office_get(r->db, r->portal_office_id, &o)!=OK ) return;
  if( !o.phone[0] && !o.email[0] && !o.address[0] ) return;
  out(r, "<address id=\"office-contact\"><strong>%h %h</strong>", T(r, "Contact"), o.name);
  if( o.phone[0] ){   /* stored +62…, read as people dial it: 0… */
    const char *shown = strncmp(o.phone, "+62", 3)==0 ? arena_printf(&r->arena, "0%R", o.phone+3) : o.phone;
    out(r, "<br>%h: <a href=\"tel:%h\" id=\"office-phone\">%h</a>", T(r, "Phone"), o.phone, shown);
  }
  if( o.email[0] ) out(r, "<br>%h: <a href=\"mailto:%h\" id=\"office-email\">%h</a>", T(r, "E-mail"), o.email, o.email);
  if( o.address[0] ){
    out(r, "<br><span id=\"office-address\">");
    const char *z = o.address;
    for(int first = 1; *z; first = 0){
      size_t n = strcspn(z, "\r\n");
      out(r, "%R%h", first ? "" : "<br>", arena_strndup(&r->arena, z, n));
      z += n;
      while( *z=='\r' || *z=='\n' ) z++;
    }
    out(r, "</span>");
  }
  out(r, "</address>");
}

/* Start a portal page: the frame (with the portal's menu: page_begin draws it under /portal). */
static void portal_begin(Req *r, const char *title){
  page_begin(r, title);
}

/* The office of the page as a hidden field of a form (a GET form drops its action's query); an
** office code is letters, digits, - and _, the same in the query as in the field. */
void portal_office_field(Req *r){
  if( r->portal_query && *r->portal_query ) out(r, "<input type=\"hidden\" name=\"office\" value=\"%h\">", r->portal_query+8);
}

/* The FAQ search form (within the category chosen, when one is). */
static void portal_faq_form(Req *r, const char *action, const char *q, const char *category){
  out(r, "<form class=\"card\" method=\"get\" action=\"%h\" role=\"search\">", action);
  portal_office_field(r);
  if( *category ) out(r, "<input type=\"hidden\" name=\"category\" value=\"%h\">", category);
  out(r, "<label for=\"faq-q\">%h</label><input id=\"faq-q\" name=\"q\" type=\"search\" value=\"%h\" maxlength=\"200\">"
         "<button type=\"submit\">%h</button></form>", T(r, "Search the FAQ"), q, T(r, "Search"));
}

/* The categories of the published articles, each a link that lists its articles (the search
** kept), the one chosen marked; nothing when there are none. */
static void portal_faq_categories(Req *r, const Office *o, const char *q, const char *category){
  const char **cats;
  int n = 0;
  kb_categories(r->db, o->id, 1, &cats, &n, &r->arena);
  if( n==0 ) return;
  out(r, "<nav class=\"faq-categories\" aria-label=\"%h\"><p>%h: ", T(r, "Categories"), T(r, "Categories"));
  const char *all = *q ? arena_printf(&r->arena, "/portal/faq?q=%t", q) : "/portal/faq";
  out(r, "<a href=\"%h\"%R>%h</a>", portal_href(r, all), *category ? "" : " aria-current=\"page\"", T(r, "All"));
  for(int i=0; i<n; i++){
    const char *href = *q ? arena_printf(&r->arena, "/portal/faq?q=%t&category=%t", q, cats[i])
                          : arena_printf(&r->arena, "/portal/faq?category=%t", cats[i]);
    out(r, " · <a href=\"%h\"%R>%h</a>", portal_href(r, href), util_str_eq(category, cats[i]) ? " aria-current=\"page\"" : "", cats[i]);
  }
  out(r, "</p></nav>");
}

/* The published articles matching q (all when empty) in a category (any when empty), as a list of links; their number. */
static int portal_faq_list(Req *r, const Office *o, const char *q, const char *category, int limit){
  KbFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = o->id;
  f.q = q;
  f.category = category;
  f.published_only = 1;
  f.limit = limit;
  KbArticle *rows;
  int n = 0;
  kb_list(r->db, &f, &rows, &n, &r->arena);
  if( n==0 ){
    if( *q || *category ) out(r, "<p class=\"muted\">%h</p>", T(r, "No FAQ article matches the search"));
    return 0;
  }
  out(r, "<ol class=\"faq\">");
  for(int i=0; i<n; i++){
    const char *title = util_str_eq(r->lang, "en") && rows[i].title_en && *rows[i].title_en ? rows[i].title_en : rows[i].title;
    out(r, "<li><a href=\"%h\">%h</a>%R%h%R</li>",
        portal_href(r, arena_printf(&r->arena, "/portal/faq/%lld", (long long)rows[i].id)), title,
        *rows[i].category ? " <span class=\"muted\">(" : "", rows[i].category, *rows[i].category ? ")</span>" : "");
  }
  out(r, "</ol>");
  return n;
}

/* GET /portal: the portal's home. */
int page_portal(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  portal_begin(r, "Helpdesk portal");
  out(r, "<p>%h</p>", T(r, "Questions about SPSE, registration or training? Search the FAQ first; if it does not answer, send us your question and follow it with your ticket number."));
  portal_faq_form(r, "/portal/faq", "", "");
  out(r, "<ul class=\"portal-links\">");
  out(r, "<li><a href=\"%h\">%h</a></li>", portal_href(r, "/portal/faq"), T(r, "Frequently asked questions (FAQ)"));
  out(r, "<li><a href=\"%h\">%h</a>%R%h</li>", portal_href(r, "/portal/kirim"), T(r, "Ask a question or report a problem"),
      sop_retired(PORTAL_SOP) ? " — " : "", sop_retired(PORTAL_SOP) ? T(r, "not available for now") : "");
  out(r, "<li><a href=\"%h\">%h</a></li>", portal_href(r, "/portal/lacak"), T(r, "Track a ticket"));
  out(r, "<li><a href=\"%h\">%h</a></li>", portal_href(r, "/portal/pelatihan"), T(r, "Training schedules and registration"));
  out(r, "<li><a href=\"%h\">%h</a>%R%h</li>", portal_href(r, "/portal/verifikasi"), T(r, "Provider registration and verification"),
      sop_retired(VERIFY_SOP) ? " — " : "", sop_retired(VERIFY_SOP) ? T(r, "booking not available for now") : "");
  out(r, "<li><a href=\"%h\">%h</a></li>", portal_href(r, "/portal/akun"), T(r, "User IDs and passwords for SPSE"));
  out(r, "<li><a href=\"%h\">%h</a></li>", portal_href(r, "/portal/skm"), T(r, "Public satisfaction survey (SKM)"));
  out(r, "<li><a href=\"%h\" id=\"ikm-link\">%h</a></li>", portal_href(r, "/portal/ikm"), T(r, "Our public satisfaction index (IKM)"));
  out(r, "</ul>");
  return page_end(r, 200);
}

/* GET /portal/faq?q=: the public FAQ, searched when q is given. */
int page_portal_faq(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  const char *q = query_trimmed(r, "q");
  if( util_utf8_len(q)>200 ) q = "";
  const char *category = query_trimmed(r, "category");
  if( util_utf8_len(category)>64 ) category = "";
  portal_begin(r, "Frequently asked questions");
  portal_faq_form(r, "/portal/faq", q, category);
  portal_faq_categories(r, &o, q, category);
  if( portal_faq_list(r, &o, q, category, 50)==0 && *q==0 && *category==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No FAQ articles yet"));
  out(r, "<p>%h <a href=\"%h\">%h</a></p>", T(r, "Not answered?"),
      portal_href(r, *q ? arena_printf(&r->arena, "/portal/kirim?q=%t", q) : "/portal/kirim"), T(r, "Ask a question"));
  return page_end(r, 200);
}

/* GET /portal/faq/:id: one published article. */
int page_portal_faq_article(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  const char *z = req_param(r, "id");
  char *end;
  long long id = z && *z ? strtoll(z, &end, 10) : 0;
  KbArticle x;
  if( id<=0 || *end || kb_get(r->db, o.id, id, &x, &r->arena)!=OK || strcmp(x.status, "published") ){
    return reply_error(r, 404, "not_found", 0, "Article not found");
  }
  portal_begin(r, util_str_eq(r->lang, "en") && *x.title_en ? x.title_en : x.title);
  out(r, "<article class=\"card kb-article\">");
  kb_paragraphs(r, util_str_eq(r->lang, "en") && *x.body_en ? x.body_en : x.body);
  out(r, "</article><p class=\"muted\">%h %h</p>", T(r, "Last updated"), web_time(r, x.updated_at));
  out(r, "<p>%h <a href=\"%h\">%h</a></p>", T(r, "Not answered?"), portal_href(r, "/portal/kirim"), T(r, "Ask a question"));
  return page_end(r, 200);
}

/* The submission form, with what was posted and the error e. */
static int portal_form_page(Req *r, const Office *o, const Err *e, int status){
  const char *q = query_trimmed(r, "q");
  if( util_utf8_len(q)>200 ) q = "";
  portal_begin(r, "Ask a question");
  /* an error of a field is shown at the field (which it names by its place); above the form, what to do */
  static const char *const shown[] = { "name", "email", "phone", "subject", "description", "file", 0 };
  form_error_marked(r, e, shown);
  /* the helpdesk procedure retired: the FAQ still, no form that would be refused (a posted one comes
  ** back with what was typed and the reason) */
  int retired = sop_retired(PORTAL_SOP);
  if( retired && e==0 ){
    portal_unavailable(r);
    out(r, "<p>%h</p>", T(r, "First search the FAQ: your question may already be answered."));
    portal_faq_form(r, "/portal/faq", q, "");
    return page_end(r, status);
  }
  if( e==0 ){
    out(r, "<p>%h</p>", T(r, "First search the FAQ: your question may already be answered."));
    portal_faq_form(r, "/portal/kirim", q, "");
    if( *q ){
      if( portal_faq_list(r, o, q, "", 5)>0 ) out(r, "<p>%h</p>", T(r, "If none of these answers your question, fill in the form below."));
    }
  }
  const char *v;
#define PV(name, dflt) ((v = form_trimmed(r, name))!=0 ? v : (dflt))
  out(r, "<form class=\"card portal-form\" method=\"post\" action=\"/portal/kirim\" enctype=\"multipart/form-data\">");
  csrf_input(r);
  out(r, "<input type=\"hidden\" name=\"office\" value=\"%h\">", o->code);
  sent_form_field(r);   /* sent twice (a double tap on a slow line), it opens one ticket */
  out(r, "<label for=\"p-name\">%h</label><input id=\"p-name\" name=\"name\" maxlength=\"128\" required value=\"%h\"%R%R>",
      T(r, "Your name"), PV("name", ""), input_hints(r, "name"), field_attrs(r, e, "name"));
  field_error(r, e, "name");
  out(r, "<label for=\"p-email\">%h</label><input id=\"p-email\" name=\"email\" type=\"email\" maxlength=\"128\" value=\"%h\"%R%R>",
      T(r, "E-mail"), PV("email", ""), input_hints(r, "email"), field_attrs(r, e, "email"));
  field_error(r, e, "email");
  out(r, "<label for=\"p-phone\">%h</label><input id=\"p-phone\" name=\"phone\" type=\"tel\" maxlength=\"32\" value=\"%h\"%R%R>"
         "<p class=\"hint muted\">%h</p>", T(r, "Phone"), PV("phone", ""), input_hints(r, "phone"), field_attrs(r, e, "phone"),
      T(r, "Give an e-mail address, a phone number, or both: you will need one of them to track the ticket"));
  field_error(r, e, "phone");
  out(r, "<label for=\"p-subject\">%h</label><input id=\"p-subject\" name=\"subject\" maxlength=\"200\" required value=\"%h\"%R>",
      T(r, "Subject"), PV("subject", q), field_attrs(r, e, "subject"));
  field_error(r, e, "subject");
  out(r, "<label for=\"p-desc\">%h</label><textarea id=\"p-desc\" name=\"description\" rows=\"6\" maxlength=\"5000\" required%R>%h</textarea>",
      T(r, "Your question or problem"), field_attrs(r, e, "description"), PV("description", ""));
  field_error(r, e, "description");
  out(r, "<label for=\"p-file\">%h</label><input id=\"p-file\" name=\"file\" type=\"file\" accept=\"%h\"%R>"
         "<p id=\"p-file-hint\" class=\"hint muted\">%h</p>",
      T(r, "File (optional)"), ATTACH_ACCEPT, field_attrs_hint(r, e, "file", "p-file-hint"), web_upload_hint(r));
  field_error(r, e, "file");
  field_file_again(r, e, "file");
  /* the honeypot: hidden from people (and from screen readers); robots fill every field */
  out(r, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"p-website\">Website</label>"
         "<input id=\"p-website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\" value=\"\"></div>");
  out(r, "<div class=\"actions\"><button type=\"submit\">%h</button></div></form>", T(r, "Send the question"));
#undef PV
  return page_end(r, status);
}

/* GET /portal/kirim?q=: search the FAQ, then the form. */
int page_portal_submit_form(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  return portal_form_page(r, &o, 0, 200);
}

/* POST /portal/kirim: open the ticket, then its tracking page. */
int page_portal_submit(Req *r){
  const char *code = form_trimmed(r, "office");
  Office o;
  if( portal_office(r->db, code, &o)!=OK ) return reply_error(r, 404, "not_found", "office", PORTAL_NO_OFFICE);
  portal_page_office_set(r, &o);
  PortalNew in;
  memset(&in, 0, sizeof in);
  in.office_id = o.id;
  in.name = form_trimmed(r, "name");
  in.email = form_trimmed(r, "email");
  in.phone = form_trimmed(r, "phone");
  in.subject = form_trimmed(r, "subject");
  in.description = form_trimmed(r, "description");
  in.honeypot = form_trimmed(r, "website");
  const Field *f = req_form_field(r, "file");
  if( f && f->filename && f->len>0 ){
    in.file_name = f->filename;
    in.file_data = f->value;
    in.file_len = f->len;
  }
  in.file_limit = r->cfg->attachment_limit;
  in.base_url = req_office_base_url(r, o.id);
  in.ip = r->ip;
  in.lang = r->lang;   /* its e-mails in the language the portal was used in */
  /* the same form sent again: the ticket the first sending opened, at its private page */
  const char *mark = sent_form_mark(r);
  char made[SENT_FORM_RESULT];
  if( mark && sent_form_claim(o.id, mark, made) ) return reply_redirect(r, arena_printf(&r->arena, "/portal/t/%t?baru=1", made));
  char number[64], token[65];
  int wait = 0;
  Err e = {0};
  int rc = portal_submit(r->db, &in, number, token, &wait, &e);
  if( mark ) sent_form_done(o.id, "", mark, PORTAL_SOP, rc==OK ? token : 0);
  if( rc==OK ) return reply_redirect(r, arena_printf(&r->arena, "/portal/t/%t?baru=1", token));
  if( rc==ERR_THROTTLED ){
    char s[16];
    snprintf(s, sizeof s, "%d", wait);
    req_set_header(r, "Retry-After", s);
    return reply_error(r, 429, "throttled", 0, "Too many submissions from this address: try again later");
  }
  if( rc==ERR_DENIED ) return reply_error(r, 400, "rejected", "website", "The submission was refused");
  if( rc==ERR_INVALID || rc==ERR_TOOBIG || rc==ERR_TYPE || rc==ERR_CONFLICT ){
    if( rc==ERR_TOOBIG || rc==ERR_TYPE ) err_set(&e, "file", req_upload_refusal(r, rc, 0));
    return portal_form_page(r, &o, &e, http_status_of(rc));
  }
  return reply_error(r, http_status_of(rc), http_code_of(rc), 0, "The database failed");
}

/* The tracking form, with a message, or the fields left empty marked (e). */
static int portal_track_page(Req *r, const char *msg, const Err *e, int status){
  portal_begin(r, "Track a ticket");
  if( msg ) page_notice(r, "error", T(r, msg));
  static const char *const shown[] = { "number", "contact", 0 };
  form_error_marked(r, e, shown);
  /* what was typed is shown again after a wrong attempt: the person corrects it, not retypes it */
  const char *number = form_trimmed(r, "number"), *contact = form_trimmed(r, "contact");
  out(r, "<form class=\"card\" method=\"post\" action=\"/portal/lacak\">");
  csrf_input(r);
  portal_office_field(r);
  out(r, "<label for=\"t-number\">%h</label><input id=\"t-number\" name=\"number\" required maxlength=\"%d\" autocapitalize=\"characters\" spellcheck=\"false\" value=\"%h\"%R>",
      T(r, "Your ticket number"), PORTAL_TRACK_NUMBER_MAX, number ? number : query_trimmed(r, "number"), field_attrs(r, e, "number"));
  field_error(r, e, "number");
  out(r, "<label for=\"t-contact\">%h</label><input id=\"t-contact\" name=\"contact\" required maxlength=\"%d\" autocapitalize=\"none\" spellcheck=\"false\" value=\"%h\"%R>"
         "<p class=\"hint muted\">%h</p>", T(r, "E-mail or phone given"), PORTAL_TRACK_CONTACT_MAX, contact ? contact : "", field_attrs(r, e, "contact"),
      T(r, "The e-mail address or phone number you gave when you sent the question"));
  field_error(r, e, "contact");
  out(r, "<div class=\"actions\"><button type=\"submit\">%h</button></div></form>", T(r, "Show the ticket"));
  return page_end(r, status);
}

/* GET /portal/lacak: the tracking form. */
int page_portal_track_form(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  return portal_track_page(r, 0, 0, 200);
}

/* POST /portal/lacak: number + contact → the tracking page; wrong pairs are throttled. */
int page_portal_track(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  const char *number = form_trimmed(r, "number"), *contact = form_trimmed(r, "contact");
  /* what cannot be a ticket's number or contact is named under its field, as the API refuses it,
  ** not counted (and audited) as a wrong guess */
  Err e = {0};
  if( util_blank(number) ) err_add(&e, "number", N_("This field is required"));
  else if( util_utf8_len(number)>PORTAL_TRACK_NUMBER_MAX ) err_add_n(&e, "number", N_("This field is too long: at most %d characters"), PORTAL_TRACK_NUMBER_MAX);
  if( util_blank(contact) ) err_add(&e, "contact", N_("This field is required"));
  else if( util_utf8_len(contact)>PORTAL_TRACK_CONTACT_MAX ) err_add_n(&e, "contact", N_("This field is too long: at most %d characters"), PORTAL_TRACK_CONTACT_MAX);
  err_check_text(&e, "number", number, PORTAL_TRACK_NUMBER_MAX, 0);   /* one line each (a field named keeps its message) */
  err_check_text(&e, "contact", contact, PORTAL_TRACK_CONTACT_MAX, 0);
  if( e.msg ) return portal_track_page(r, 0, &e, 400);
  char token[65];
  int wait = 0;
  int rc = portal_track(r->db, o.id, time_now(), r->ip, number, contact, r->lang, token, 0, &wait);
  if( rc==OK ) return reply_redirect(r, arena_printf(&r->arena, "/portal/t/%t", token));
  if( rc==ERR_THROTTLED ){
    char s[16];
    snprintf(s, sizeof s, "%d", wait);
    req_set_header(r, "Retry-After", s);
    return portal_track_page(r, N_("Too many wrong attempts: wait before trying again"), 0, 429);
  }
  if( rc==ERR_NOTFOUND ) return portal_track_page(r, N_("No ticket with this number and e-mail or phone"), 0, 404);
  return reply_error(r, 500, "internal", 0, "The database failed");
}

/* The ticket and case behind the path's :token; answers 404 and gives 0 when none. */
static int portal_target(Req *r, PortalTicket *t, Case **c){
  if( portal_open(r->db, req_param(r, "token"), t, c, &r->arena)!=OK ){
    reply_error(r, 404, "not_found", 0, "No such ticket, or the link has expired");
    return 0;
  }
  Office o;
  if( office_get(r->db, t->office_id, &o)==OK ) portal_page_office_set(r, &o);
  return 1;
}

/* A status word of a case as the requester reads it. */
static const char *portal_status_label(Req *r, const char *s){
  if( util_str_eq(s, "open") ) return T(r, "Being handled");
  if( util_str_eq(s, "closed") || util_str_eq(s, "archived") ) return T(r, "Closed");
  if( util_str_eq(s, "cancelled") ) return T(r, "Cancelled");
  return s;
}

/* On the tracking page: the case's escalations to the LKPP Helpdesk as its e-mails told them (when,
** LKPP's ticket or case number, waiting or LKPP's answer), not what the office wrote LKPP. */
static void portal_escalations(Req *r, const Case *c){
  Escalation *x;
  int n = 0, shown = 0;
  if( escalation_list(r->db, c, &x, &n, &r->arena)!=OK ) return;
  for(int i=0; i<n; i++){
    if( x[i].case_id!=c->id ) continue;   /* one another office sent to this case is not its requester's */
    if( shown++==0 ) out(r, "<h2>%h</h2><ul class=\"escalations\" id=\"escalations\">", T(r, "Forwarded to the LKPP Helpdesk"));
    int external = util_str_eq(x[i].mode, "external");
    out(r, "<li>%h %h · %h: %h", T(r, "Forwarded on"), web_time(r, x[i].created_at),
        T(r, external ? N_("LKPP ticket number") : N_("LKPP case number")), external ? x[i].external_ticket : x[i].national_case_number);
    if( util_str_eq(x[i].status, "open") ) out(r, "<br><span class=\"muted\">%h</span>", T(r, "Waiting for LKPP's answer"));
    else{
      out(r, "<br><span class=\"muted\">%h %h</span>", T(r, "LKPP answered on"), web_time(r, x[i].answered_at));
      if( x[i].answer && *x[i].answer ) kb_paragraphs(r, x[i].answer);
    }
    out(r, "</li>");
  }
  if( shown ) out(r, "</ul>");
}

/* On the tracking page of an account request sent back to its applicant: what is missing, as its
** e-mail said, and how to hand it in. */
static void portal_returned(Req *r, const Case *c){
  Acreq q;
  if( acreq_of_case(r->db, c->office_id, c->id, &q, &r->arena)!=OK || !util_str_eq(q.state, "returned") ) return;
  out(r, "<div class=\"notice info\" id=\"returned\"><p>%h</p>", T(r, "Your request was returned to you: it cannot be processed yet."));
  const AcreqDoc *d = acreq_docs(q.kind);
  int n = 0;
  for(int k=0; d[k].id; k++){
    if( q.missing==0 || !util_has_word(q.missing, d[k].id) ) continue;
    if( n++==0 ) out(r, "<p>%h</p><ul id=\"missing\">", T(r, "These files are not complete yet:"));
    out(r, "<li>%h</li>", T(r, d[k].label));
  }
  if( n ) out(r, "</ul>");
  out(r, "<p>%h %h.</p></div>", T(r, "Complete or correct them and hand them in to the LPSE again (in person or sent), quoting the number"), q.case_number);
}

/* The tracking page of a ticket. */
static int portal_ticket_page(Req *r, const PortalTicket *t, const Case *c, const Err *e, int status){
  portal_begin(r, "Your ticket");
  const char *tok = req_param(r, "token");
  if( *query_trimmed(r, "baru") ){
    /* what happens next; the link is mailed only to a requester who gave an e-mail address */
    int mailed = t->email && *t->email;
    out(r, "<div class=\"notice ok\" role=\"status\"><p>%h <strong class=\"ticket-number\">%h</strong>.</p><p id=\"next\">%h</p><p>%h</p>"
           "<p class=\"mono\">%h/portal/t/%h</p></div>",
        T(r, "Your question was received. Ticket number"), t->number,
        mailed ? T(r, "The helpdesk answers on this page; you are told by e-mail.")
               : T(r, "The helpdesk answers on this page: open it again later to read the answer."),
        mailed ? T(r, "Keep this private link to follow the ticket (it was also sent to your e-mail):")
               : T(r, "Keep this private link to follow the ticket (it was not sent anywhere: you gave no e-mail); the ticket can also be tracked with its number and your phone number:"),
        req_office_base_url(r, t->office_id), tok);
  }
  /* the reply's, the file's and the rating's errors are shown under their fields when their form is
  ** on the page, the others here (a rating sent from a page left open after the ticket was reopened or
  ** rated meanwhile: no rating form now, its reason said here, not a field marked that is not there) */
  static const char *const reply_only[] = { "body", "file", 0 };
  static const char *const rate_only[] = { "score", "comment", 0 };
  static const char *const none[] = { 0 };
  int can_reply = util_str_eq(c->status, "open"), can_rate = util_str_eq(c->status, "closed") && !t->rating;
  form_error_marked(r, e, can_reply ? reply_only : can_rate ? rate_only : none);
  /* opened with a link made by tracking: it lasts PORTAL_LINK_HOURS, and a bookmark of it will not open later */
  if( t->link_expires ){
    out(r, "<div class=\"notice info\" id=\"link-expires\"><p>%h %h. <a href=\"%h\">%h</a></p></div>", T(r, "This page's address works until"),
        web_time(r, t->link_expires), portal_href(r, "/portal/lacak"),
        T(r, "To open the ticket later, track it again with its number and your e-mail or phone."));
  }
  out(r, "<dl class=\"facts card\"><dt>%h</dt><dd id=\"ticket-number\">%h</dd><dt>%h</dt><dd>%h</dd>"
         "<dt>%h</dt><dd id=\"ticket-status\">%h</dd><dt>%h</dt><dd>%h</dd></dl>",
      T(r, "Your ticket number"), t->number, T(r, "Subject"), c->subject, T(r, "Status"), portal_status_label(r, c->status),
      T(r, "Sent on"), web_time(r, t->created_at));
  portal_returned(r, c);
  /* a cancelled ticket says why (as its mail did) and where to ask again */
  if( util_str_eq(c->status, "cancelled") ){
    out(r, "<div class=\"notice info\" id=\"cancelled\"><p>%h: %h</p><p><a href=\"%h\">%h</a></p></div>",
        T(r, "Reason for cancelling"), c->cancel_reason ? c->cancel_reason : "", portal_href(r, "/portal/kirim"),
        T(r, "Ask a question"));
  }
  out(r, "<h2>%h</h2><ol class=\"public-steps\">", T(r, "Progress of the ticket"));
  const Procedure *proc = case_procedure(r->db, c->procedure_id);
  for(int i=0; i<c->nsteps; i++){
    const CaseStep *s = &c->steps[i];
    int secs = procedure_step_secs(proc, s->no);   /* 10 s to answer the phone: its times to the second */
    out(r, "<li><strong>%h</strong><br><span class=\"muted\">%h %h", portal_step_title(r->db, c, s->no, r->lang),
        T(r, "Started on"), web_time_s(r, s->started_at, secs));
    /* a step the cancelling of the case ended was not done */
    if( s->done_at ) out(r, " · %h %h", T(r, util_str_eq(s->outcome, "cancelled") ? N_("Cancelled") : N_("Done")),
                         web_time_s(r, s->done_at, secs));
    else out(r, " · %h", T(r, "still in progress"));
    out(r, "</span>");
    /* the step's standard in words, and while it runs the time it is due by (or that its clock stands) */
    char std[160];
    if( *portal_step_standard(r->db, c, s->no, r->lang, std, sizeof std) ){
      out(r, "<br><span class=\"muted step-standard\">%h: %h", T(r, "Standard time"), std);
      if( s->done_at==0 && s->held_since ) out(r, " · %h", T(r, "clock held"));
      else if( s->done_at==0 && s->due_at ) out(r, " · %h %h", T(r, "expected by"), web_time_s(r, s->due_at, secs));
      out(r, "</span>");
    }
    out(r, "</li>");
  }
  out(r, "</ol>");
  portal_escalations(r, c);
  PortalMessage *m;
  int n = 0;
  portal_messages(r->db, t, &m, &n, &r->arena);
  out(r, "<h2>%h</h2><div class=\"thread\">", T(r, "Messages about the ticket"));
  for(int i=0; i<n; i++){
    int staff = util_str_eq(m[i].author, "staff");
    out(r, "<div class=\"card message %R\"><p class=\"muted\">%h · %h</p>", staff ? "staff" : "requester",
        staff ? T(r, "Helpdesk") : m[i].by, web_time(r, m[i].at));
    if( staff ) kb_paragraphs_links(r, m[i].body); else kb_paragraphs(r, m[i].body);
    if( m[i].attachment_id ){   /* the files of the thread, the requester's and the helpdesk's, to open again */
      out(r, "<p class=\"muted\">%h: <a href=\"/portal/t/%t/lampiran/%lld\" download>%h</a></p>", T(r, "File"),
          req_param(r, "token"), (long long)m[i].attachment_id, m[i].attachment_name);
    }else if( *m[i].attachment_name ) out(r, "<p class=\"muted\">%h: %h</p>", T(r, "File"), m[i].attachment_name);
    out(r, "</div>");
  }
  if( n==0 ) out(r, "<p class=\"muted\" id=\"no-messages\">%h</p>", T(r, "No messages about this ticket yet"));
  out(r, "</div>");
  /* after an error, the reply or comment typed is shown again (not lost with the refused file) */
  const char *typed_body = e ? form_trimmed(r, "body") : 0, *typed_comment = e ? form_trimmed(r, "comment") : 0;
  int closed = util_str_eq(c->status, "closed");
  if( util_str_eq(c->status, "open") ){   /* a closed ticket is reopened first (below) */
    out(r, "<form class=\"card\" method=\"post\" action=\"/portal/t/%t/balas\" enctype=\"multipart/form-data\">", tok);
    csrf_input(r);
    out(r, "<label for=\"r-body\">%h</label><textarea id=\"r-body\" name=\"body\" rows=\"4\" maxlength=\"5000\"%R>%h</textarea>",
        T(r, "Your reply"), field_attrs(r, e, "body"), typed_body ? typed_body : "");
    field_error(r, e, "body");
    out(r, "<label for=\"r-file\">%h</label><input id=\"r-file\" name=\"file\" type=\"file\" accept=\"%h\"%R>"
           "<p id=\"r-file-hint\" class=\"hint muted\">%h</p>", T(r, "File (optional)"), ATTACH_ACCEPT,
        field_attrs_hint(r, e, "file", "r-file-hint"), web_upload_hint(r));
    field_error(r, e, "file");
  field_file_again(r, e, "file");
    out(r, "<div class=\"actions\"><button type=\"submit\">%h</button></div></form>", T(r, "Send reply"));
  }
  if( t->rating ){
    out(r, "<section class=\"card\" id=\"penilaian\"><h2>%h</h2><p>%h: <strong>%d/5</strong></p>", T(r, "Your rating"),
        T(r, "Your score"), t->rating);
    if( *t->rating_comment ) kb_paragraphs(r, t->rating_comment);
    out(r, "</section>");
  }else if( closed ){
    out(r, "<form class=\"card\" id=\"penilaian\" method=\"post\" action=\"/portal/t/%t/nilai\">", tok);
    csrf_input(r);
    out(r, "<fieldset><legend>%h</legend>", T(r, "Rate the answer"));
    /* after an error (a comment too long) the score chosen stays chosen */
    const char *typed_score = e ? form_trimmed(r, "score") : 0;
    for(int s=1; s<=5; s++){
      char v[2] = { (char)('0'+s), 0 };
      out(r, "<label class=\"check\"><input type=\"radio\" name=\"score\" value=\"%d\" required%R> %d</label>", s,
          util_str_eq(typed_score, v) ? " checked" : "", s);
    }
    out(r, "</fieldset>");
    field_error(r, e, "score");
    out(r, "<label for=\"rate-comment\">%h</label><textarea id=\"rate-comment\" name=\"comment\" rows=\"3\" maxlength=\"2000\"%R>%h</textarea>",
        T(r, "Comment (optional)"), field_attrs(r, e, "comment"), typed_comment ? typed_comment : "");
    field_error(r, e, "comment");
    out(r, "<div class=\"actions\"><button type=\"submit\">%h</button></div></form>", T(r, "Send rating"));
  }
  /* the public-satisfaction survey (SKM) of the closed case, once */
  if( closed || util_str_eq(c->status, "archived") ){
    if( skm_case_answered(r->db, c->id)==1 ) out(r, "<p class=\"muted\" id=\"skm-done\">%h</p>", T(r, "You answered the public satisfaction survey: thank you"));
    else out(r, "<p class=\"card\" id=\"skm-link\"><a href=\"/portal/t/%t/skm\">%h</a></p>", tok, T(r, "Answer the public satisfaction survey (SKM)"));
  }
  if( closed && portal_reopenable(c) ){
    out(r, "<form method=\"post\" action=\"/portal/t/%t/buka\">", tok);
    csrf_input(r);
    out(r, "<p>%h</p><button type=\"submit\" class=\"secondary\">%h</button></form>",
        T(r, "Not solved? Reopen the ticket and the helpdesk will take it up again."), T(r, "Reopen the ticket"));
  }
  return page_end(r, status);
}

/* GET /portal/t/:token: the private tracking page. */
int page_portal_ticket(Req *r){
  PortalTicket t;
  Case *c;
  if( !portal_target(r, &t, &c) ) return OK;
  int rc = portal_ticket_page(r, &t, c, 0, 200);
  case_free(c);
  return rc;
}

/* GET /portal/t/:token/lampiran/:id: a file of the ticket's public thread (the case's other files
** are the staff's: not found here). */
int page_portal_attachment(Req *r){
  PortalTicket t;
  Case *c;
  if( !portal_target(r, &t, &c) ) return OK;
  int64_t id = req_param_id(r, "id");
  PortalMessage *m;
  int n = 0, shown = 0;
  if( id>0 && portal_messages(r->db, &t, &m, &n, &r->arena)==OK ){
    for(int i=0; i<n; i++) if( m[i].attachment_id==id ) shown = 1;
  }
  Attachment x;
  int rc = ERR_NOTFOUND;
  buf_reset(&r->out);
  if( shown ) rc = attach_get(r->db, c, id, &x, &r->out, &r->arena);
  case_free(c);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "id", "No such attachment");
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  req_set_header(r, "Cache-Control", "private, no-store");
  return reply_download(r, 200, x.mime, x.name);
}

/* After a requester's action: back to the tracking page with a message, or the page with the error. */
static int portal_after(Req *r, PortalTicket *t, Case *c, int rc, Err *e, const char *ok){
  if( rc==OK ){
    case_free(c);
    return reply_redirect(r, arena_printf(&r->arena, "/portal/t/%t?ok=%t", req_param(r, "token"), ok));
  }
  if( rc==ERR_TOOBIG || rc==ERR_TYPE ) err_set(e, "file", req_upload_refusal(r, rc, 0));
  int status = http_status_of(rc);
  if( e->msg==0 ){ case_free(c); return reply_error(r, status, http_code_of(rc), 0, "Request failed"); }
  int x = portal_ticket_page(r, t, c, e, status);
  case_free(c);
  return x;
}

/* POST /portal/t/:token/balas: the requester's reply and/or file. */
int page_portal_reply(Req *r){
  PortalTicket t;
  Case *c;
  if( !portal_target(r, &t, &c) ) return OK;
  const char *body = form_trimmed(r, "body");
  const Field *f = req_form_field(r, "file");
  if( f && (f->filename==0 || f->len==0) ) f = 0;
  Err e = {0};
  int rc = portal_reply(r->db, &t, c, body, f ? f->filename : 0, f ? f->value : 0, f ? f->len : 0,
                        r->cfg->attachment_limit, r->ip, &e);
  return portal_after(r, &t, c, rc, &e, N_("Your reply was sent"));
}

/* POST /portal/t/:token/nilai: rate the closed ticket once. */
int page_portal_rate(Req *r){
  PortalTicket t;
  Case *c;
  if( !portal_target(r, &t, &c) ) return OK;
  const char *z = form_trimmed(r, "score");
  int score = z && strlen(z)==1 ? z[0]-'0' : 0;
  Err e = {0};
  int rc = portal_rate(r->db, &t, c, score, form_trimmed(r, "comment"), r->ip, &e);
  if( rc==OK ) portal_of_case(r->db, c->id, &t, &r->arena);
  return portal_after(r, &t, c, rc, &e, N_("Thank you for your rating"));
}

/* POST /portal/t/:token/buka: reopen the closed ticket. */
int page_portal_reopen(Req *r){
  PortalTicket t;
  Case *c;
  if( !portal_target(r, &t, &c) ) return OK;
  Err e = {0};
  int done;
  int rc = portal_reopen(r->db, &t, c, r->ip, &done, &e);
  return portal_after(r, &t, c, rc, &e, done ? N_("The ticket was reopened") : N_("The ticket is open already"));
}

/* The portal section of the staff's case page: who asked, the thread, the rating, the answer form. */
void portal_case_panel(Req *r, const Case *c){
  PortalTicket t;
  if( portal_of_case(r->db, c->id, &t, &r->arena)!=OK ) return;
  out(r, "<section class=\"card\" id=\"portal\"><h2>%h</h2><p>%h · %h%R%h</p>", T(r, util_str_eq(c->channel, "email") ? N_("Came by e-mail") : N_("Came through the public portal")), t.name,
      t.email, *t.email && *t.phone ? " · " : "", t.phone);
  PortalMessage *m;
  int n = 0;
  portal_messages(r->db, &t, &m, &n, &r->arena);
  for(int i=0; i<n; i++){
    int staff = util_str_eq(m[i].author, "staff");
    out(r, "<div class=\"message %R\"><p class=\"muted\">%h · %h</p>", staff ? "staff" : "requester", m[i].by,
        web_time(r, m[i].at));
    kb_paragraphs(r, m[i].body);
    if( m[i].attachment_id ){
      out(r, "<p><a href=\"/kasus/%t/lampiran/%lld\" download>%h</a></p>", c->number, (long long)m[i].attachment_id,
          m[i].attachment_name);
    }
    out(r, "</div>");
  }
  if( t.rating ) out(r, "<p id=\"portal-rating\">%h: <strong>%d/5</strong> %h</p>", T(r, "Requester's rating"), t.rating,
                     t.rating_comment);
  /* the ratings of earlier closings, before the case was reopened */
  PortalRating *g;
  int ng = 0;
  portal_ratings(r->db, &t, &g, &ng, &r->arena);
  if( t.rating ) ng--;   /* the last is the current closing's, shown above */
  if( ng>0 ){
    out(r, "<p class=\"muted\">%h:</p><ul id=\"portal-earlier-ratings\">", T(r, "Ratings of earlier closings"));
    for(int i=0; i<ng; i++) out(r, "<li>%h · <strong>%d/5</strong> %h</li>", web_time(r, g[i].rated_at), g[i].score, g[i].comment);
    out(r, "</ul>");
  }
  if( perm_allows(r->roles, "case.work") ){
    out(r, "<form method=\"post\" action=\"/kasus/%t/portal\" class=\"no-print\">", c->number);
    csrf_input(r);
    out(r, "<label for=\"portal-body\">%h</label><textarea id=\"portal-body\" name=\"body\" rows=\"4\" maxlength=\"5000\" required>"
           "</textarea><div class=\"actions\"><button type=\"submit\">%h</button></div></form>",
        T(r, "Answer the requester (shown on the portal and e-mailed)"), T(r, "Send answer"));
  }
  out(r, "</section>");
}

/* POST /kasus/:number/portal: answer the requester in the public thread. */
int page_case_portal(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  const char *body = form_trimmed(r, "body");
  int rc = portal_staff_reply(r->db, &a, c, body ? body : "", req_base_url(r), &e);
  const char *to = arena_printf(&r->arena, "/kasus/%t?ok=%t#portal", c->number, N_("The answer was sent to the requester"));
  case_free(c);
  if( rc==OK ) return reply_redirect(r, to);
  return reply_error_e(r, http_status_of(rc), http_code_of(rc), &e, "Request failed");
}

/* GET /portal/ikm: the office's public satisfaction index as the unit publishes it (Permenpan RB
** 14/2017): the last full quarter and the current year so far, the NRR of each element, the IKM, its
** grade and how many answered; skm_report's figures, nobody's answers. */
int page_portal_ikm(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  SkmPublished p;
  if( skm_published(db_report(), o.id, o.tz, time_now(), &p, &r->arena)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  portal_begin(r, "Public satisfaction index (IKM)");
  out(r, "<p>%h</p>", T(r, "How the people we served judged our service, from the public satisfaction survey (SKM) as Minister PANRB Regulation No. 14 of 2017 sets it: each element's average value (NRR, 1 to 4) and the index of the unit (IKM, 25 to 100)."));
  const SkmReport *per[2] = { &p.last_quarter, &p.year_so_far };
  static const char *const roman[] = { "I", "II", "III", "IV" };
  const char *names[2] = { arena_printf(&r->arena, "%R %R %d", T(r, "Quarter"), roman[p.quarter-1], p.year),
                           arena_printf(&r->arena, "%R %d", T(r, "Year"), p.this_year) };
  static const char *const ids[2] = { "ikm-quarter", "ikm-year" };
  for(int k=0; k<2; k++){
    const SkmIndex *x = &per[k]->total;
    out(r, "<section class=\"card\" id=\"%h\"><h2>%h</h2>", ids[k], names[k]);
    if( k==1 ) out(r, "<p class=\"muted\">%h</p>", T(r, "So far this year."));
    out(r, "<dl class=\"facts\"><dt>%h</dt><dd class=\"ikm-value\">%h</dd><dt>%h</dt><dd class=\"ikm-grade\">%h</dd>"
           "<dt>%h</dt><dd class=\"ikm-respondents\">%lld</dd></dl>", T(r, "IKM of the unit"), skm_dec(r, x->ikm, x->grade),
        T(r, "Service quality"), skm_grade_text(r, x), T(r, "Respondents"), (long long)x->respondents);
    if( x->respondents==0 ){
      out(r, "<p class=\"muted ikm-none\">%h</p></section>", T(r, "Nobody answered the survey in this period."));
      continue;
    }
    web_scroll_open(r, "div", "table-wrap", names[k]);
    out(r, "<table><caption>%h</caption><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">NRR</th></tr></thead><tbody>",
        T(r, "Value of each element (NRR)"), T(r, "Code"), T(r, "Element"));
    for(int i=0; i<SKM_ELEMENTS; i++){
      const SkmElement *el = skm_element(i);
      out(r, "<tr><td>%h</td><td>%h</td><td class=\"num\">%h</td></tr>", el->code, T(r, el->name), skm_dec(r, x->nrr[i], x->n[i] > 0));
    }
    out(r, "</tbody></table></div></section>");
  }
  out(r, "<p><a href=\"%h\">%h</a></p>", portal_href(r, "/portal/skm"), T(r, "Answer the public satisfaction survey (SKM)"));
  return page_end(r, 200);
}
