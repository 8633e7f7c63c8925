/*
** layout.c — the frame of every page: head, header, navigation by role,
** notices, the error page. Indonesian first; English through the switch.
*/
#include "web.h"
#include "../sop/sop.h"
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <errno.h>

static const char *css_href;   /* /static/loket.css?v=HASH: cache-busting by content */

/* A page of the public portal: under /portal, the check of a card's QR code (/kartu/…), which
** providers and the public open, and the one-time credential link (/kredensial/…), which the
** SPSE user who asked on the portal opens: its menu offers public pages only, the token is in
** no link and goes with a click only to this site (Referrer-Policy same-origin), and leaving
** loses nothing (the page before the button uses nothing up; after it the link is used). */
static int web_is_portal(Req *r){
  return (strncmp(r->path, "/portal", 7)==0 && (r->path[7]==0 || r->path[7]=='/')) || strncmp(r->path, "/kartu/", 7)==0
      || strncmp(r->path, "/kredensial/", 12)==0;
}

/* Where "home" is: for a visitor of the public portal (or a card's check) the portal of the
** office the page is for, not the staff's sign-in. */
static const char *web_home_href(Req *r){
  if( r->user_id || !web_is_portal(r) ) return "/";
  return r->portal_query && *r->portal_query ? arena_printf(&r->arena, "/portal%R", r->portal_query) : "/portal";
}

/* The hidden fields of a form to /bahasa: the page to go back to and, for a refused form, what was
** typed (form_kept.c); how many fields were kept. */
static int lang_switch_fields(Req *r){
  /* back to the same page with its query (a search, a confirmation's ?baru=1), lang itself left out; a
  ** public page of another office than the first (its office maybe posted, not in the query) keeps it */
  /* the answer to a form posted to an address of its own (/kasus/N/catatan): back to its page */
  const char *back = r->page_again ? r->page_again : route_page_above(r, r->path, 1);
  const char *query = r->page_again ? "" : strcmp(back, r->path)==0 ? req_query_except(r, "lang") : "";
  int office_kept = r->user_id==0 && r->portal_query && *r->portal_query && req_query(r, "office")==0;
  out(r, "<input type=\"hidden\" name=\"next\" value=\"%h%h%h%h\">", back, query,
      office_kept ? (*query ? "&" : "?") : "", office_kept ? r->portal_query+1 : "");
  return form_kept_inputs(r);   /* a refused form: what was typed goes with the switch (form_kept.c) */
}

/* The page a form was sent from, as the browser's Referer names it: its path and query when the
** Referer is of this host (Host), else NULL. */
const char *web_referer_page(Req *r){
  const char *ref = req_header(r, "Referer"), *host = req_header(r, "Host");
  if( ref==0 || host==0 || *host==0 ) return 0;
  const char *p = strstr(ref, "://");
  if( p==0 ) return 0;
  p += 3;
  size_t n = strlen(host);
  if( strncmp(p, host, n)!=0 || p[n]!='/' ) return 0;
  const char *path = p + n, *hash = strchr(path, '#');
  const char *page = hash ? arena_strndup(&r->arena, path, (size_t)(hash - path)) : path;
  return path_is_local(page) ? page : 0;
}

/* The error page shown to people (installed into reply_error). */
static void web_error_page(Req *r, int status, const char *code, const char *message){
  char title[64];
  snprintf(title, sizeof title, "%d", status);
  buf_reset(&r->out);
  if( util_str_eq(code, "signin") ){ page_login_again(r, status, message); return; }
  page_begin(r, status==404 ? "Page not found" : status==403 ? "Not allowed" : "Error");
  out(r, "<div class=\"notice error\" role=\"alert\"><p>%h</p></div>", message);
  /* a form refused for its CSRF token (open too long, the session changed in another tab): back
  ** to its page, with a fresh token and what was typed put back (as the language switch does) */
  if( util_str_eq(code, "csrf") && strcmp(r->method, "POST")==0 && strcmp(r->path, "/bahasa") ){
    size_t mark = r->out.n;
    const char *from = web_referer_page(r);   /* the page the form was on (a form posted elsewhere: /kasus/baru?sop=…) */
    if( from ) r->page_again = from;
    out(r, "<form method=\"post\" action=\"/bahasa\" id=\"form-again\">");
    csrf_input(r);
    if( lang_switch_fields(r) ){
      out(r, "<p class=\"hint muted\">%h</p><div><button type=\"submit\" name=\"lang\" value=\"%h\">%h</button></div></form>",
          T(r, "What you typed is kept (files must be chosen again): check it, then send the form again."), r->lang,
          T(r, "Back to the form, with what you typed"));
    }else{
      r->out.n = mark;   /* nothing typed to carry: no such button */
    }
  }
  /* a form sent too big (a file past its limit): back to the page of the form, to choose another */
  const char *above = status==413 && strcmp(r->method, "POST")==0 ? route_page_above(r, r->path, 0) : "/";
  if( strcmp(above, "/")!=0 ) out(r, "<p><a href=\"%h\">%h</a></p>", above, T(r, "Back to the form"));
  out(r, "<p><a href=\"%h\">%h</a></p>", web_home_href(r), T(r, "Back to the home page"));
  page_end(r, status);
}

/* Set up what the pages share: the error page, the stylesheet's versioned address. */
void web_init(void){
  const Embedded *e = embed_find("static/loket.css");
  char h[65] = "0";
  if( e ) util_sha256_hex(h, e->data, e->len);
  h[12] = 0;
  static char href[64];
  snprintf(href, sizeof href, "/static/loket.css?v=%s", h);
  css_href = href;
  reply_set_error_page(web_error_page);
}

/* The actor for audit rows: the signed-in user of this request. */
Actor req_actor(Req *r){
  Actor a = { r->user_id, r->username ? r->username : "anonymous", r->office_id, r->ip };
  return a;
}

/* A date and time as people here write them, in the office's zone. */
const char *web_time(Req *r, int64_t t){
  return web_time_s(r, t, 0);
}

/* The same to the second when secs ("09.00.05 WIB"): a step's due or done time under a standard
** of seconds or a few minutes (STD_TO_SECOND), where the minute would hide a breach of 5 s. */
const char *web_time_s(Req *r, int64_t t, int secs){
  char *z = arena_alloc(&r->arena, 64);
  time_fmt_human_at(z, 64, t, r->office_tz ? r->office_tz : "WIB", r->lang, secs);
  return z;
}

/* A span of time as people here write it (time_fmt_span), in the office's zone. */
const char *web_span(Req *r, int64_t from, int64_t to){
  char *z = arena_alloc(&r->arena, 128);
  time_fmt_span(z, 128, from, to, r->office_tz ? r->office_tz : "WIB", r->lang);
  return z;
}

/* Where a case stands: "langkah 3", or "tidak ada langkah terbuka" when none is open (closed). */
const char *web_step_label(Req *r, int no){
  return no ? arena_printf(&r->arena, "%s %d", T(r, "step"), no) : T(r, "no step open");
}

/* Who did something when it is no member of staff, in the reader's language: Loket itself, a
** requester on the public portal or by mail to the help desk's mailbox, a visitor not signed in;
** NULL for a username (the caller names staff). */
const char *web_actor_words(Req *r, const char *who){
  if( who==0 ) return 0;
  if( strcmp(who, "system")==0 ) return T(r, "the system (Loket)");
  if( strcmp(who, "portal")==0 ) return T(r, "the requester (public portal)");
  if( strcmp(who, "mail")==0 ) return T(r, "the requester (by e-mail)");
  if( strcmp(who, "anonymous")==0 ) return T(r, "a visitor not signed in");
  return 0;
}

/* A "YYYY-MM-DD" day (or "YYYY-MM" month) in the reader's language in a style (TIME_YMD_*). */
static const char *ymd_words(Req *r, const char *ymd, int style){
  size_t n = (ymd ? strlen(ymd) : 0) + 48;   /* room for other text, given back whole */
  char *z = arena_alloc(&r->arena, n);
  time_fmt_ymd(z, n, ymd, r->lang, style);
  return z;
}

/* A "YYYY-MM-DD" day as people write it in the reader's language; other text as it is. */
const char *web_day(Req *r, const char *day){
  return ymd_words(r, day, TIME_YMD_DATE);
}

/* A "YYYY-MM-DD" day in short, in the reader's language ("5 Mei"); other text as it is. */
const char *web_day_short(Req *r, const char *day){
  return ymd_words(r, day, TIME_YMD_DAY_SHORT);
}

/* A "YYYY-MM" month in the reader's language ("Mei 2026"; abbrev "Agu 2026"); other text as it is. */
const char *web_month(Req *r, const char *month, int abbrev){
  return ymd_words(r, month, abbrev ? TIME_YMD_MONTH_SHORT : TIME_YMD_MONTH);
}

/* The CSRF token of this caller: the session's, or a pre-session cookie made now. */
static const char *csrf_value(Req *r){
  if( r->csrf ) return r->csrf;
  const char *pre = req_cookie(r, "loket_pre");
  if( pre && strlen(pre)==64 ) return pre;
  char *tok = arena_alloc(&r->arena, 65);
  util_random_token(tok, 32);
  req_set_cookie(r, "loket_pre", tok, 7200);
  r->csrf = tok;
  return tok;
}

/* The hidden CSRF input every state-changing form carries. */
void csrf_input(Req *r){
  out(r, "<input type=\"hidden\" name=\"csrf\" value=\"%h\">", csrf_value(r));
}

/* A notice box: kind is "ok", "error" or "info". */
void page_notice(Req *r, const char *kind, const char *text){
  out(r, "<div class=\"notice %h\" role=\"%R\"><p>%h</p></div>", kind,
      strcmp(kind, "error")==0 ? "alert" : "status", text);
}

/* The line heading a printed paper (print only): the office, what the paper is (already in the
** page's language), when it was printed. */
void page_print_head(Req *r, const char *what){
  out(r, "<p class=\"print-only print-head\">%h · %h · %h %h</p>", r->office_name ? r->office_name : "", what,
      T(r, "Printed"), web_time(r, time_now()));
}

/* Where a printed paper is signed (print only), as the LPSE's forms are: on the left who knows of it
** (left_as "Acknowledged by", left the head), on the right the place left to be written and today's
** date over who made it (right); under each a space to sign and a line for the name (msgids). */
void page_signatures(Req *r, const char *left_as, const char *left, const char *right){
  page_signatures_row(r, 0, left_as, left, right);
}

/* The same as the last row of a table's body (ncols columns printed; 0: after the table, not in
** it): printed, Chromium keeps the last rows on the sheet of the signatures, where a block after
** the table went alone to a sheet of its own when the rows filled the one before (loket.css). */
void page_signatures_row(Req *r, int ncols, const char *left_as, const char *left, const char *right){
  if( ncols>0 ) out(r, "<tr class=\"sig-row\"><td colspan=\"%d\">", ncols);
  const char *first[2] = { T(r, left_as), arena_printf(&r->arena, "................, %s", web_day(r, req_today(r))) };
  const char *who[2] = { left, right };
  /* the space after each signer is where the justified line (loket.css) puts the sheet's width between them */
  out(r, "<div class=\"print-only signatures\">");
  for(int i=0; i<2; i++){
    out(r, "<div class=\"signer\"><p>%h</p><p>%h</p><p class=\"sign-space\"></p><p>(................................)</p></div> ",
        first[i], T(r, who[i]));
  }
  out(r, "</div>");
  if( ncols>0 ) out(r, "</td></tr>");
}

/* The attributes that tie an input to its error message, when an error of e is about it. */
const char *field_attrs(Req *r, const Err *e, const char *field){
  return field_attrs_hint(r, e, field, 0);
}

/* The same for an input described by a hint (the element of id hint): one aria-describedby
** naming the hint, and the error after it when there is one (a second attribute is ignored). */
const char *field_attrs_hint(Req *r, const Err *e, const char *field, const char *hint){
  int bad = field && err_about(e, field);
  if( !bad ) return hint ? arena_printf(&r->arena, " aria-describedby=\"%h\"", hint) : "";
  return arena_printf(&r->arena, " aria-invalid=\"true\" aria-describedby=\"%h%R%h-error\"", hint ? hint : "", hint ? " " : "", field);
}

/* The error message under its field, when an error of e is about that field. */
void field_error(Req *r, const Err *e, const char *field){
  ErrItem it = field ? err_find(e, field) : (ErrItem){ 0, 0, 0, {0} };
  if( it.msg ) out(r, "<p class=\"field-error\" id=\"%h-error\">%h</p>", field, T_item(r, &it));
}

/* Under the file field of a form refused for another field: the file chosen is not kept (a browser
** fills no file field again): its name, to be chosen again (see web.h). */
void field_file_again(Req *r, const Err *e, const char *field){
  if( e==0 || e->msg==0 || err_about(e, field) ) return;
  const Field *f = req_form_field(r, field);
  if( f==0 || f->filename==0 || *f->filename==0 ) return;
  out(r, "<p class=\"field-error\" id=\"%h-again\">%h: %h</p>", field,
      T(r, "Choose the file again (a refused form does not keep it)"), f->filename);
}

/* 1 when field is one of a NULL-ended list. */
static int field_listed(const char *field, const char *const *fields){
  for(int k=0; field && fields[k]; k++) if( util_str_eq(field, fields[k]) ) return 1;
  return 0;
}

/* The errors above a form that name none of its fields (a NULL-ended list) shown there, each
** message once. */
void form_error(Req *r, const Err *e, const char *const *fields){
  for(int i=0; i<err_count(e); i++){
    ErrItem it = err_item(e, i);
    if( field_listed(it.field, fields) ) continue;
    int said = 0;
    for(int j=0; j<i && !said; j++){
      ErrItem before = err_item(e, j);
      said = !field_listed(before.field, fields) && strcmp(T_item(r, &before), T_item(r, &it))==0;
    }
    if( !said ) page_notice(r, "error", T_item(r, &it));
  }
}

/* Above a refused form: the errors naming none of its fields (a NULL-ended list) shown there,
** each once (form_error), and when some are shown at their fields, a line that says to correct
** the field, or the fields, marked below. */
void form_error_marked(Req *r, const Err *e, const char *const *fields){
  int marked = 0;
  for(int i=0; i<err_count(e); i++) marked += field_listed(err_item(e, i).field, fields);
  form_error(r, e, fields);
  if( marked ) page_notice(r, "error", T(r, marked>1 ? N_("Please correct the fields marked below.") : N_("Please correct the field marked below.")));
}

/* A labelled input in a <div class="field"> with its value and error; its id is idp+name. */
void field_input(Req *r, const Err *e, const char *idp, const char *name, const char *label, const char *type,
                 const char *value, const char *extra){
  field_input_hint(r, e, idp, name, label, type, value, extra, 0);
}

/* field_input() with a hint under the input (what to write; NULL for none) that a screen
** reader reads with it, after its error when there is one. */
void field_input_hint(Req *r, const Err *e, const char *idp, const char *name, const char *label, const char *type,
                      const char *value, const char *extra, const char *hint){
  const char *bad = err_about(e, name);
  out(r, "<div class=\"field\"><label for=\"%h%h\">%h</label><input id=\"%h%h\" name=\"%h\" type=\"%h\" value=\"%h\"%R",
      idp, name, T(r, label), idp, name, name, type, value ? value : "", extra ? extra : "");
  if( bad ) out(r, " aria-invalid=\"true\"");
  if( bad || hint ){
    out(r, " aria-describedby=\"%h%R%R%h%h%R\"", bad ? name : "", bad ? "-error" : "", hint && bad ? " " : "",
        hint ? idp : "", hint ? name : "", hint ? "-hint" : "");
  }
  out(r, ">");
  field_error(r, e, name);
  if( hint ) out(r, "<p class=\"hint muted\" id=\"%h%h-hint\">%h</p>", idp, name, T(r, hint));
  out(r, "</div>");
}

/* A query argument, trimmed; "" when absent. */
const char *query_trimmed(Req *r, const char *name){
  const char *v = req_query(r, name);
  return v ? util_trim(arena_strdup(&r->arena, v)) : "";
}

/* A posted form field, trimmed; NULL when it was not sent. */
const char *form_trimmed(Req *r, const char *name){
  const char *v = req_form(r, name);
  return v ? util_trim(arena_strdup(&r->arena, v)) : 0;
}

/* A posted form field, trimmed; NULL when it was not sent or is empty. */
const char *form_opt(Req *r, const char *name){
  const char *v = form_trimmed(r, name);
  return v && *v ? v : 0;
}

/* The period and page position of a list page (?from=&to= as YYYY-MM-DD in the office's
** zone, the end day included; ?before= an id): 0, or the msgid of what is wrong (*field: the
** parameter it is about, when field is given). */
const char *query_period(Req *r, int64_t *from, int64_t *to, int64_t *before, const char **field){
  const char *f = query_trimmed(r, "from"), *t = query_trimmed(r, "to");
  const char *ignored;
  if( field==0 ) field = &ignored;
  *from = *to = *before = 0;
  *field = "from";
  if( *f && time_parse_day(f, r->office_tz, from)!=OK ) return N_("The start date must be written YYYY-MM-DD");
  *field = "to";
  if( *t ){
    if( time_parse_day(t, r->office_tz, to)!=OK ) return N_("The end date must be written YYYY-MM-DD");
    *to += 24*3600;   /* the end date is included */
  }
  if( *from && *to && *from>=*to ) return N_("The start date is after the end date");
  *field = "before";
  const char *bad = query_before(r, before);
  if( bad ) return bad;
  *field = 0;
  return 0;
}

/* The page position of a list page (?before= an id; 0 when not given): 0, or the msgid of what
** is wrong with it. */
const char *query_before(Req *r, int64_t *before){
  const char *b = query_trimmed(r, "before");
  *before = 0;
  if( *b ){
    char *end;
    errno = 0;
    long long v = strtoll(b, &end, 10);
    if( *end || v<=0 || errno ) return N_("The page position is not valid");
    *before = v;
  }
  return 0;
}

/* The keyboard and autofill a phone offers for an input named name (the part after a "requester."):
** digits for the numbers people carry (NIP, NIK, NPWP, NIB), no capitals or spelling fixes for user
** IDs; the visitor's own details are autofilled on the public portal, never on the staff's pages,
** where the details typed are someone else's. Attributes to add to the input, or "". */
const char *input_hints(Req *r, const char *name){
  static const struct { const char *name, *attrs, *own; } hints[] = {
    { "nip", " inputmode=\"numeric\"", 0 }, { "nik", " inputmode=\"numeric\"", 0 },
    { "npwp", " inputmode=\"numeric\"", 0 }, { "nib", " inputmode=\"numeric\"", 0 },
    { "spse_user", " autocapitalize=\"none\" spellcheck=\"false\"", 0 },
    { "user_id", " autocapitalize=\"none\" spellcheck=\"false\"", 0 },
    { "lookup", " autocapitalize=\"none\" spellcheck=\"false\"", 0 },
    { "name", "", "name" }, { "email", " inputmode=\"email\" autocapitalize=\"none\"", "email" },
    { "phone", "", "tel" }, { "company", "", "organization" }, { "agency", "", "organization" },
    { "organisation", "", "organization" }, { "org_name", "", "organization" },
    { "address", "", "street-address" }, { "position", "", "organization-title" },
  };
  const char *dot = name ? strrchr(name, '.') : 0;
  if( dot ) name = dot+1;
  for(size_t i=0; name && i<COUNT(hints); i++){
    if( strcmp(hints[i].name, name)!=0 ) continue;
    if( hints[i].own==0 ) return hints[i].attrs;
    return arena_printf(&r->arena, "%R autocomplete=\"%R\"", hints[i].attrs, web_is_portal(r) ? hints[i].own : "off");
  }
  return "";
}

/* One navigation link, marked when it is the current page. */
static void nav_link(Req *r, const char *href, const char *label){
  size_t n = strlen(href);
  int here = strcmp(r->path, href)==0 || (n>1 && strncmp(r->path, href, n)==0 && r->path[n]=='/');
  out(r, "<li><a href=\"%h\"%R>%h</a></li>", href, here ? " aria-current=\"page\"" : "", T(r, label));
}

typedef struct OfficeChoice { Req *r; int n, here; Buf opts; } OfficeChoice;

/* Add one office to the switcher's options. */
static void office_option(void *ctx, const Office *o){
  OfficeChoice *c = ctx;
  c->n++;
  c->here |= o->id==c->r->office_id;
  buf_printf(&c->opts, "<option value=\"%h\"%R>%h</option>", o->code,
             o->id==c->r->office_id ? " selected" : "", o->name);
}

/* The office switcher, shown to users who hold roles in more than one office, and to one whose
** roles in the office their session is in were taken away (the way back to where they hold some). */
static void office_switcher(Req *r){
  OfficeChoice c = { r, 0, 0, BUF_INIT };
  office_each_of_user(r->db, r->user_id, office_option, &c);
  if( c.n>1 || (c.n==1 && !c.here) ){
    out(r, "<form class=\"office-switch\" method=\"post\" action=\"/kantor\">");
    csrf_input(r);
    out(r, "<label for=\"office\" class=\"sr\">%h</label><select id=\"office\" name=\"office\">%R</select>"
           "<button type=\"submit\">%h</button></form>", T(r, "Office"), buf_str(&c.opts), T(r, "Switch"));
  }
  buf_free(&c.opts);
}

/* Start a page: head, header with the office and the user, navigation by role. */
void page_begin(Req *r, const char *title){
  buf_reset(&r->out);
  out(r, "<!doctype html>\n<html lang=\"%h\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>%h · Loket</title><link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
         "<link rel=\"stylesheet\" href=\"%h\"></head><body>",
      r->lang, T(r, title), css_href ? css_href : "/static/loket.css");
  /* the first stop of the keyboard: past the header and the menu, straight to the page */
  out(r, "<a class=\"skip\" href=\"#isi\">%h</a>", T(r, "Skip to the content"));
  /* a visitor of the public portal goes back to the portal, not to the staff's sign-in */
  out(r, "<header class=\"top\"><a class=\"brand\" href=\"%h\">Loket</a>", web_home_href(r));
  if( r->office_name ) out(r, "<span class=\"office\">%h</span>", r->office_name);
  if( r->user_id ) office_switcher(r);
  out(r, "<form class=\"lang\" method=\"post\" action=\"/bahasa\">");
  csrf_input(r);
  lang_switch_fields(r);
  if( strcmp(r->lang, "en")==0 ) out(r, "<button name=\"lang\" value=\"id\" lang=\"id\">Bahasa Indonesia</button>");
  else out(r, "<button name=\"lang\" value=\"en\" lang=\"en\">English</button>");
  out(r, "</form>");
  if( r->user_id ){
    notice_badge(r);               /* the user's SLA notices, with the number unread */
    out(r, "<span class=\"who\">%h</span><form class=\"logout\" method=\"post\" action=\"/keluar\">",
        r->full_name && *r->full_name ? r->full_name : r->username);
    csrf_input(r);
    out(r, "<button type=\"submit\">%h</button></form>", T(r, "Sign out"));
  }
  out(r, "</header>");
  if( r->user_id && !r->must_change_pw ){
    /* the daily links first; the rest under "More" (<details>: opens without script; on a page of
    ** its own group the summary names that page, so the menu says where one is while closed) */
    out(r, "<nav class=\"main\" aria-label=\"%h\"><ul>", T(r, "Main menu"));
    if( perm_allows(r->roles, "case.read") ) nav_link(r, "/tugas", "My tasks");
    nav_link(r, "/", "Home");
    if( perm_allows(r->roles, "case.read") ) nav_link(r, "/kasus", "Cases");
    if( perm_allows(r->roles, "case.open") ) nav_link(r, "/helpdesk", "Help desk");
    if( perm_allows(r->roles, "register.read") ) nav_link(r, "/register", "Registers");
    if( perm_allows(r->roles, "report.read") ) nav_link(r, "/laporan", "Reports");
    static const struct { const char *perm, *href, *label; } more[] = {
      { "directory.read", "/direktori", N_("Directory") },
      { "account.read", "/akun-spse", N_("SPSE accounts") },
      { "training.read", "/pelatihan", N_("Trainings") },
      { "verify.read", "/verifikasi", N_("Provider verification") },
      { "kb.read", "/kb", N_("Knowledge base (FAQ)") },
      { "sop.read", "/prosedur", N_("Procedures") },
      { "calendar.read", "/kalender", N_("Calendar") },
      { "priority.read", "/prioritas", N_("Priorities") },
      { "office.admin", "/pengaturan", N_("Office settings") },
      { "user.read", "/pengguna", N_("Users") },
      { "audit.read", "/audit", N_("Audit log") },
      { 0, "/akun", N_("My account") },
    };
    const char *here = 0;
    for(size_t i=0; i<COUNT(more); i++){
      size_t n = strlen(more[i].href);
      if( strncmp(r->path, more[i].href, n)==0 && (r->path[n]==0 || r->path[n]=='/') ) here = more[i].label;
    }
    if( here ) out(r, "<li class=\"more\"><details><summary class=\"here\">%h · %h</summary><ul>", T(r, "More"), T(r, here));
    else out(r, "<li class=\"more\"><details><summary>%h</summary><ul>", T(r, "More"));
    for(size_t i=0; i<COUNT(more); i++){
      if( more[i].perm==0 || perm_allows(r->roles, more[i].perm) ) nav_link(r, more[i].href, more[i].label);
    }
    out(r, "</ul></details></li></ul></nav>");
  }
  out(r, "<main id=\"isi\" tabindex=\"-1\"><h1>%h</h1>", T(r, title));
  const char *ok = req_query(r, "ok");
  /* only a message of the catalog: the address must not put arbitrary words on the page */
  if( ok && i18n_known(ok) ) page_notice(r, "ok", T(r, ok));
  /* every page of the public portal (and its errors) carries the portal's one menu, the office kept */
  if( web_is_portal(r) ) portal_nav(r, 0);
}

/* Close the page and make it the answer. */
int page_end(Req *r, int status){
  out(r, "</main><footer>");
  if( web_is_portal(r) ) portal_contact(r);   /* its messages say "contact the office": here is how */
  out(r, "<p>Loket %h · %h</p></footer></body></html>\n", LOKET_VERSION,
      T(r, "Service desk of the LPSE"));
  r->status = status ? status : 200;
  r->ctype = "text/html; charset=utf-8";
  /* a form refused: the <details> holding it (or a field marked invalid) drawn open (form_kept.c) */
  if( r->status>=400 && r->method && strcmp(r->method, "POST")==0 ) form_details_open(r, r->path);
  return OK;
}

/* Open a box that scrolls sideways on a narrow screen (a wide table, a chart, a flow) holding no
** control of its own: a stop of the keyboard, named by label, so that its arrows scroll it (WCAG
** 2.1.1); a div is a region of that name, a figure stays a figure. Closed by </tag>.
** A stop even where nothing overflows (a desktop): only the browser knows when it does. A script
** setting tabindex then would be the pages' first (none runs; the CSP's nonce is unused), and
** leaving focus to the browser's own scrollers (Chromium 130+, Firefox) leaves Safari's keyboard
** unable to scroll: one named Tab stop too many costs less than a table one cannot read. */
void web_scroll_open(Req *r, const char *tag, const char *cls, const char *label){
  out(r, "<%h class=\"%h\"%R tabindex=\"0\" aria-label=\"%h\">", tag, cls,
      strcmp(tag, "div")==0 ? " role=\"region\"" : "", label);
}

/* 1 when the page is asked in English. */
int web_lang_en(Req *r){
  return util_str_eq(r->lang, "en");
}

/* A procedure step's text in the page's language: its English when the page is English and the file gives one. */
const char *web_step_text(Req *r, const Step *s){
  return web_lang_en(r) && s->text_en ? s->text_en : s->text;
}

/* A step's question as the SOP words it (staff see the original), and its English under it on an
** English page. */
void web_step_question(Req *r, const Step *s){
  out(r, "<p class=\"question\"><strong>%h</strong></p>", s->question);
  if( web_lang_en(r) && s->question_en ) out(r, "<p class=\"muted\" lang=\"en\">%h</p>", s->question_en);
}
