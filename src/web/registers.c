/*
** registers.c — the registers the SOPs keep, as pages: the list of registers,
** and one register as a book: its entries (search, dates, paging; the
** archive's list of what is due for destruction), a form to add an entry, the
** buttons of its action, the form correcting an entry. The print stylesheet
** makes the list a register book.
*/
#include "web.h"
#include "../sop/case.h"
#include "../report/forms.h"
#include <stdlib.h>
#include <string.h>

#define REG_PAGE 50

/* What each action says after it worked (a msgid, shown on the next page). */
static const char *reg_action_ok(const char *action){
  if( strcmp(action, "depart")==0 ) return N_("Departure recorded");
  if( strcmp(action, "done")==0 ) return N_("Disposition marked done");
  return N_("Archive entry marked destroyed");
}



/* GET /register: the registers of the office, each a link to its book. */
int page_registers(Req *r){
  page_begin(r, "Registers");
  out(r, "<ul class=\"registers\">");
  for(int i=0; i<REG_COUNT; i++){
    const Register *g = register_at(i);
    out(r, "<li><a href=\"/register/%t\">%h</a>", g->slug, T(r, g->title));
    if( g->pending ) out(r, " · <a href=\"/register/%t?%t=1\">%h</a>", g->slug, g->pending, T(r, g->pending_label));
    out(r, "</li>");
  }
  if( perm_allows(r->roles, "register.write") ){
    out(r, "<li><a href=\"/skm/kertas\">%h</a></li>", T(r, "Type in a paper questionnaire"));
  }
  out(r, "</ul>");
  return page_end(r, 200);
}

/* A search text past REG_SEARCH_MAX, said with the limit. */
static const char *const reg_search_long_msg = N_("The search text is too long: at most %d characters");

/* Read the page's filters into f; an error message (a msgid) or NULL, and in *field the filter
** it is about. */
static const char *reg_filter(Req *r, const Register *g, RegFilter *f, const char **field){
  memset(f, 0, sizeof *f);
  f->office_id = r->office_id;
  f->today = req_today(r);
  f->q = query_trimmed(r, "q");
  f->due = g->pending && *query_trimmed(r, g->pending);
  f->limit = REG_PAGE + 1;   /* one more tells whether an older page exists */
  *field = "q";
  if( util_utf8_len(f->q)>REG_SEARCH_MAX ) return reg_search_long_msg;
  return query_period(r, &f->from, &f->to, &f->before, field);
}

/* The query string of the filters given (without the page position), escaped for a URL. */
static const char *reg_filter_query(Req *r){
  static const char *const names[] = { "q", "from", "to", "due", "open" };
  const char *q = "";
  for(size_t i=0; i<COUNT(names); i++){
    const char *v = query_trimmed(r, names[i]);
    if( *v ) q = arena_printf(&r->arena, "%R%R%R=%t", q, *q ? "&" : "", names[i], v);
  }
  return q;
}

/* The search form: text, dates, and the list of what the action is still to do for (guests not yet
** left, dispositions not done, the archive's destruction list); a wrong filter (fe) marked. */
static void reg_filters(Req *r, const Register *g, const Err *fe){
  out(r, "<form class=\"filters card\" method=\"get\" action=\"/register/%t\" role=\"search\">", g->slug);
  static const struct { const char *name, *type, *label; } in[] = {
    { "q", "search", N_("Search") }, { "from", "date", N_("From date") }, { "to", "date", N_("To date") },
  };
  for(size_t i=0; i<COUNT(in); i++){
    out(r, "<div><label for=\"f-%h\">%h</label><input id=\"f-%h\" name=\"%h\" type=\"%h\" value=\"%h\"%R%R>",
        in[i].name, T(r, in[i].label), in[i].name, in[i].name, in[i].type, query_trimmed(r, in[i].name),
        i==0 ? arena_printf(&r->arena, " maxlength=\"%d\"", REG_SEARCH_MAX) : "", field_attrs(r, fe, in[i].name));
    field_error(r, fe, in[i].name);
    out(r, "</div>");
  }
  if( g->pending ){
    out(r, "<div><label class=\"check\"><input type=\"checkbox\" name=\"%h\" value=\"1\"%R> %h</label></div>",
        g->pending, *query_trimmed(r, g->pending) ? " checked" : "", T(r, g->pending_label));
  }
  out(r, "<div><button type=\"submit\">%h</button> <a href=\"/register/%t\">%h</a></div></form>",
      T(r, "Filter"), g->slug, T(r, "Clear"));
}

/* One input of a register's field, with what was posted (else shown, an entry's value in its
** correction form) and its error: in the new-entry form (prefix NULL), or in a step's form,
** named "PREFIX.FIELD" (its error "registers.PREFIX.FIELD"), where nothing is required: what is
** left empty comes from the case. */
static void reg_input(Req *r, const RegField *f, const char *prefix, const Err *e, const char *shown){
  const char *name = prefix ? arena_printf(&r->arena, "%s.%s", prefix, f->name) : f->name;
  const char *ename = prefix ? arena_printf(&r->arena, "registers.%s", name) : f->name;
  const char *v = shown ? shown : form_trimmed(r, name);
  const char *req = f->need==RF_REQUIRED && !prefix ? " required" : "";
  out(r, "<div class=\"field\"><label for=\"n-%h\">%h</label>", name, T(r, f->label));
  if( f->kind==RF_LONG ){
    out(r, "<textarea id=\"n-%h\" name=\"%h\" rows=\"3\" maxlength=\"%d\"%R%R>%h</textarea>",
        name, name, f->maxlen, req, field_attrs(r, e, ename), v ? v : "");
  }else if( f->kind==RF_ROLE ){
    out(r, "<select id=\"n-%h\" name=\"%h\"%R><option value=\"\">—</option>", name, name, field_attrs(r, e, ename));
    for(int i=0; i<ROLE_COUNT; i++){
      if( !role_is_staff(i) ) continue;
      out(r, "<option value=\"%h\"%R>%h</option>", role_names[i], util_str_eq(v, role_names[i]) ? " selected" : "",
          T(r, role_label(i)));
    }
    out(r, "</select>");
  }else{
    const char *type = f->kind==RF_TIME ? "datetime-local" : f->kind==RF_DATE ? "date" : f->kind==RF_PHONE ? "tel" : "text";
    /* the register's own limit (RegField.maxlen, which register_check holds the value to) */
    const char *max = f->maxlen>0 && f->kind!=RF_TIME && f->kind!=RF_DATE ? arena_printf(&r->arena, " maxlength=\"%d\"", f->maxlen) : "";
    out(r, "<input id=\"n-%h\" name=\"%h\" type=\"%h\" value=\"%h\"%R%R%R%R>", name, name, type, v ? v : "", req, max,
        input_hints(r, name), field_attrs(r, e, ename));
  }
  if( f->kind==RF_CONTACT ) out(r, "<p class=\"hint muted\">%h</p>", T(r, "A phone number (08…) or an e-mail address, or both separated by a comma"));
  /* a handover's items: the form and the list number them line by line (the label, printed on the form, does not say how to type them) */
  if( strcmp(f->name, "items")==0 ) out(r, "<p class=\"hint muted\">%h</p>", T(r, "One item per line"));
  if( f->need==RF_DEFAULT && !prefix && !shown && f->kind==RF_DATE ){
    /* an archive's retention: register_retain_default, from the archiving day (today when it is left empty) */
    char until[11];
    register_retain_default(until, time_now(), r->office_tz);
    out(r, "<p class=\"hint muted\">%h (%h: %h)</p>", T(r, "Empty: two years after the archiving day"), T(r, "archived today"),
        web_day(r, until));
  }else if( f->need==RF_DEFAULT && !prefix && !shown ){
    out(r, "<p class=\"hint muted\">%h</p>", T(r, f->kind==RF_TIME ? N_("Empty: now") : N_("Empty: you")));
  }
  field_error(r, e, ename);
  out(r, "</div>");
}

/* In the form of a step: the fields of each register the step writes, to fill in what the case
** does not say (a letter's number and date, an instruction); open when one was refused. */
void register_step_fields(Req *r, const StrList *names, const Err *e){
  for(int k=0; k<names->n; k++){
    const Register *g = register_named(names->v[k]);
    if( g==0 ) continue;
    const char *pre = arena_printf(&r->arena, "registers.%s.", g->name);
    int open = e && e->field && strncmp(e->field, pre, strlen(pre))==0;
    out(r, "<details class=\"step-register\"%R><summary>%h: %h</summary><p class=\"hint muted\">%h</p>"
           "<div class=\"register-fields\">", open ? " open" : "", T(r, "Written to"), T(r, g->title),
        T(r, "What is left empty is taken from the case"));
    for(int i=0; i<g->nfields; i++){
      if( !g->fields[i].state && strcmp(g->fields[i].name, "case_number") ) reg_input(r, &g->fields[i], g->name, e, 0);
    }
    out(r, "</div></details>");
  }
}

/* 1 when field ("registers.agenda.letter_no") names an input register_step_fields() draws,
** where its error is shown. */
int register_step_field_shown(const char *field){
  if( field==0 || strncmp(field, "registers.", 10)!=0 ) return 0;
  const char *dot = strchr(field+10, '.');
  if( dot==0 ) return 0;
  char name[32];
  snprintf(name, sizeof name, "%.*s", (int)(dot - (field+10)), field+10);
  const Register *g = register_named(name);
  int k = g ? register_field(g, dot+1) : -1;
  return k>=0 && !g->fields[k].state && strcmp(g->fields[k].name, "case_number")!=0;
}

/* Above an entry's form after a refusal: the line that says to correct the fields marked (each
** field's own error is under it), or the error that is about no field. */
static void reg_errors(Req *r, const Register *g, const Err *e){
  if( e==0 || e->msg==0 ) return;
  const char **names = arena_alloc(&r->arena, sizeof(char*)*(size_t)(g->nfields+1));
  int k = 0;
  for(int i=0; i<g->nfields; i++) names[k++] = g->fields[i].name;   /* the action's moment: on the entry's page */
  names[k] = 0;
  form_error_marked(r, e, names);
}

/* The form for a new entry: open when it comes back with an error. */
static void reg_new_form(Req *r, const Register *g, const Err *e){
  /* a field given in the address (a link: an agenda entry's "Make a disposition") fills the form, open */
  const char **given = arena_alloc(&r->arena, sizeof(char*)*(size_t)g->nfields);
  int prefilled = 0;
  for(int i=0; i<g->nfields; i++){
    given[i] = strcmp(r->method, "GET")==0 && !g->fields[i].state && *query_trimmed(r, g->fields[i].name)
             ? query_trimmed(r, g->fields[i].name) : 0;
    prefilled |= given[i]!=0;
  }
  /* open after its own refusal (an error about one of its fields, or about none), not another form's */
  int refused = e && e->msg && (e->field==0 || register_field(g, e->field)>=0);
  out(r, "<details class=\"card no-print register-new\" id=\"baru\"%R><summary>%h</summary>", refused || prefilled ? " open" : "",
      T(r, "New entry"));
  out(r, "<form method=\"post\" action=\"/register/%t\">", g->slug);
  csrf_input(r);
  sent_form_field(r);   /* sent twice (a double click on a slow answer), it adds one entry */
  out(r, "<div class=\"register-fields\">");
  for(int i=0; i<g->nfields; i++) if( !g->fields[i].state ) reg_input(r, &g->fields[i], 0, e, given[i]);
  out(r, "</div><div><button type=\"submit\">%h</button></div></form></details>", T(r, "Add entry"));
}

/* One cell of an entry: a time in the office's zone (a disposition not done by its due time says
** it is past due), a role's label, or the text. */
static void reg_cell(Req *r, const RegField *f, const RegEntry *w, int i){
  if( f->kind==RF_TIME ){
    int late = strcmp(f->name, "due_at")==0 && w->t[i] && w->t[i] < time_now() && i+1<REG_FIELDS_MAX && w->t[i+1]==0;
    if( late ) out(r, "<td class=\"when\">%h <span class=\"tag bad\">%h</span></td>", web_time(r, w->t[i]), T(r, "Past due"));
    else if( w->t[i] ) out(r, "<td class=\"when\">%h</td>", web_time(r, w->t[i]));
    else out(r, "<td><span class=\"muted\">—</span></td>");
    return;
  }
  const char *v = w->v[i];
  if( v==0 || *v==0 ){ out(r, "<td><span class=\"muted\">—</span></td>"); return; }
  if( f->kind==RF_USER ){ out(r, "<td title=\"%h\">%h</td>", v, register_text(f, w, i)); return; }
  if( f->kind==RF_ROLE && role_index(v)>=0 ){ out(r, "<td>%h</td>", T(r, role_label(role_index(v)))); return; }
  if( f->kind==RF_CASE ){ out(r, "<td class=\"mono\"><a href=\"/kasus/%t\">%h</a></td>", v, v); return; }
  if( f->kind==RF_AGENDA ){   /* the letter, and whom it came from */
    out(r, "<td><a class=\"mono\" href=\"/register/agenda?q=%t\">%h</a>", v, v);
    if( w->who[i] && *w->who[i] ) out(r, "<br><small>%h</small>", w->who[i]);
    out(r, "</td>");
    return;
  }
  if( f->kind==RF_DATE ){ out(r, "<td class=\"when\">%h</td>", web_day(r, v)); return; }
  out(r, "<td%R>%h</td>", f->kind==RF_LONG ? " class=\"lines\"" : f->kind==RF_CONTACT ? " class=\"contact\"" : "", v);
}

/* 1 when the register's action on the entry is still to do (an archived file: once it is due). */
static int reg_todo(const Register *g, const RegEntry *w){
  int todo = 0;
  for(int i=0; i<g->nfields; i++) if( g->fields[i].state ) todo = w->t[i]==0;
  if( g->id==REG_ARCHIVE && !w->due ) todo = 0;
  return g->action ? todo : 0;
}

/* What tells an entry from the others of its list to a screen reader: its number, else the
** guest's name or the file's title, else its case, else #id. */
static const char *reg_entry_what(Req *r, const Register *g, const RegEntry *w){
  if( w->number && *w->number ) return w->number;
  static const char *const names[] = { "name", "title", "case_number" };
  for(size_t k=0; k<COUNT(names); k++){
    for(int i=0; i<g->nfields; i++) if( strcmp(g->fields[i].name, names[k])==0 && w->v[i] && *w->v[i] ) return w->v[i];
  }
  return arena_printf(&r->arena, "#%lld", (long long)w->id);
}

/* The link to correct an entry, and the action's button when it is still to do (for who may write);
** each names its entry to a screen reader, not "Catat kepulangan" once per guest. */
static void reg_action_cell(Req *r, const Register *g, const RegEntry *w){
  int todo = reg_todo(g, w);
  const char *what = reg_entry_what(r, g, w);
  out(r, "<td class=\"no-print\"><a href=\"/register/%t/%lld/ubah\" aria-label=\"%h: %h\">%h</a>", g->slug, (long long)w->id,
      T(r, "Correct"), what, T(r, "Correct"));
  /* a letter received is routed by a disposition sheet (SOP OI-01 step 2, SOP 03-05 steps 1-3) */
  if( g->id==REG_AGENDA ) out(r, " · <a href=\"/register/disposition?agenda=%t#baru\">%h</a>", w->number, T(r, "Make a disposition"));
  if( todo ){
    out(r, "<form method=\"post\" action=\"/register/%t/%lld/%t\">", g->slug, (long long)w->id, g->action);
    csrf_input(r);
    out(r, "<button type=\"submit\" aria-label=\"%h: %h\">%h</button></form>", T(r, g->action_label), what, T(r, g->action_label));
  }
  out(r, "</td>");
}

/* What heads the printed register: the office, the register's title, when it was printed. */
static void reg_print_head(Req *r, const Register *g, const RegFilter *f){
  out(r, "%h · %h", r->office_name ? r->office_name : "", T(r, g->title));
  if( f->from || f->to ){   /* the period asked for, its open end left open */
    const char *from = query_trimmed(r, "from"), *to = query_trimmed(r, "to");
    out(r, " · %h – %h", f->from ? web_day(r, from) : "…", f->to ? web_day(r, to) : "…");
  }
  out(r, " · %h %h", T(r, "Printed"), web_time(r, time_now()));
  if( f->due ) out(r, " · %h", T(r, g->pending_label));
}

/* The list of files due for destruction is signed by who proposes it and the head who knows of
** it: the signatures as the last row of its table (ncols), or after it (0). */
static void reg_signatures(Req *r, const Register *g, const RegFilter *f, int ncols){
  if( g->id==REG_ARCHIVE && f->due ) page_signatures_row(r, ncols, N_("Acknowledged by"), N_("Head of LPSE (Ketua)"), N_("Officer"));
}

/* The entries as a table, newest first, with the pager. The head of the printed register is the
** table's first head row, which the browser prints again at the top of every page. */
static void reg_table(Req *r, const Register *g, const RegFilter *f, RegEntry *rows, int n){
  int write = perm_allows(r->roles, "register.write");
  if( n==0 ){
    out(r, "<p class=\"muted\">%h</p>", T(r, f->before ? N_("No older entries") : N_("No entry matches")));
    reg_signatures(r, g, f, 0);
  }else{
    int shown = n>REG_PAGE ? REG_PAGE : n;
    int ncols = 1 + g->nfields + (g->id==REG_ARCHIVE) + 1;
    out(r, "<div class=\"table-wrap wide\"><table class=\"register register-%h\"><thead><tr class=\"print-only register-head\">"
           "<th colspan=\"%d\">", g->name, ncols);
    reg_print_head(r, g, f);
    out(r, "</th></tr><tr><th scope=\"col\">%h</th>", T(r, g->prefix ? N_("Number") : N_("No.")));
    for(int i=0; i<g->nfields; i++) out(r, "<th scope=\"col\">%h</th>", T(r, g->fields[i].label));
    if( g->id==REG_ARCHIVE ) out(r, "<th scope=\"col\">%h</th>", T(r, "Due for destruction"));
    out(r, "<th scope=\"col\">%h</th>", T(r, "Recorded by"));
    if( write ) out(r, "<th scope=\"col\" class=\"no-print\"><span class=\"sr\">%h</span></th>", T(r, "Action"));
    out(r, "</tr></thead><tbody>");
    for(int k=0; k<shown; k++){
      const RegEntry *w = &rows[k];
      out(r, "<tr id=\"e%lld\"%R>", (long long)w->id, w->due ? " class=\"due\"" : "");
      register_number_cell(r, g, w);
      for(int i=0; i<g->nfields; i++) reg_cell(r, &g->fields[i], w, i);
      if( g->id==REG_ARCHIVE ){
        if( w->due ) out(r, "<td><span class=\"tag bad\">%h</span></td>", T(r, "Due for destruction"));
        else out(r, "<td><span class=\"muted\">—</span></td>");
      }
      out(r, "<td title=\"%h\">%h</td>", w->created_by, register_author(w));
      if( write ) reg_action_cell(r, g, w);
      out(r, "</tr>");
    }
    reg_signatures(r, g, f, ncols);   /* the action column is not printed */
    out(r, "</tbody></table></div>");
    /* the destruction list carried out at once: every file listed here */
    int due = 0;
    for(int k=0; k<shown; k++) due += rows[k].due;
    if( write && g->id==REG_ARCHIVE && f->due && due ){
      out(r, "<form class=\"no-print\" method=\"post\" action=\"/register/archive/musnahkan\">");
      csrf_input(r);
      for(int k=0; k<shown; k++) if( rows[k].due ) out(r, "<input type=\"hidden\" name=\"id\" value=\"%lld\">", (long long)rows[k].id);
      out(r, "<button type=\"submit\">%h (%d)</button></form>", T(r, "Mark all listed destroyed"), due);
    }
  }
  /* the pager does not print: a printed book of one page of many says it is not the whole book */
  if( n>REG_PAGE || f->before ){
    out(r, "<p class=\"print-only\"><strong>%h</strong></p>",
        T(r, "This sheet holds one page of the register's entries; its PDF download holds them all."));
  }
  out(r, "<nav class=\"pager\" aria-label=\"%h\">", T(r, "Pages"));
  const char *fq = reg_filter_query(r);
  if( f->before ) out(r, "<a href=\"/register/%t%R%h\">%h</a>", g->slug, *fq ? "?" : "", fq, T(r, "Newest entries"));
  if( n>REG_PAGE ){
    out(r, "<a href=\"/register/%t?%h%Rbefore=%lld\" rel=\"next\">%h</a>", g->slug, fq, *fq ? "&amp;" : "",
        (long long)rows[REG_PAGE-1].id, T(r, "Older entries"));
  }
  out(r, "</nav>");
}

/* Draw a register's page: the book, its filters, the form (with e after a failed entry). */
static int reg_page(Req *r, const Register *g, const Err *e, int status){
  RegFilter f;
  const char *bad_field = 0;
  const char *bad = reg_filter(r, g, &f, &bad_field);
  Err fe = { .msg = bad, .field = bad ? bad_field : 0, .n = bad==reg_search_long_msg ? REG_SEARCH_MAX : 0 };
  RegEntry *rows = 0;
  int n = 0;
  if( bad==0 && register_list(r->db, g, &f, &rows, &n, &r->arena)!=OK ){
    return reply_error(r, 500, "internal", 0, "The database failed");
  }
  page_begin(r, g->title);
  static const char *const filters[] = { "q", "from", "to", 0 };
  if( bad ) form_error_marked(r, &fe, filters);   /* the filter's error is under it */
  reg_errors(r, g, e);   /* the errors of the new entry's fields are shown under them */
  out(r, "<p class=\"no-print\"><a href=\"/register\">%h</a></p>", T(r, "All registers"));
  if( bad || n==0 ){   /* no table to head */
    out(r, "<p class=\"print-only register-head\">");
    reg_print_head(r, g, &f);
    out(r, "</p>");
  }
  if( perm_allows(r->roles, "register.write") ) reg_new_form(r, g, e);
  reg_filters(r, g, bad ? &fe : 0);
  register_export_links(r, g);
  if( bad ) return page_end(r, 400);
  reg_table(r, g, &f, rows, n);
  return page_end(r, status);
}

/* A register's page again for an export asked for wrongly (400): a wrong filter says itself
** on the page; msgid (may be NULL) is said above it too. */
int register_page_again(Req *r, const Register *g, const char *msgid){
  Err e = { .msg = msgid };
  return reg_page(r, g, msgid ? &e : 0, 400);
}

/* The register named in the path; answers 404 and gives NULL when none. */
static const Register *reg_target(Req *r){
  const Register *g = register_find(req_param(r, "register"));
  if( g==0 ) reply_error(r, 404, "not_found", 0, "No such register");
  return g;
}

/* GET /register/:register: one register as a book. */
int page_register(Req *r){
  const Register *g = reg_target(r);
  return g ? reg_page(r, g, 0, 200) : OK;
}

/* POST /register/:register: add an entry from the form. */
int page_register_add(Req *r){
  const Register *g = reg_target(r);
  if( g==0 ) return OK;
  RegInput in;
  memset(&in, 0, sizeof in);
  for(int i=0; i<g->nfields; i++) if( !g->fields[i].state ) in.v[i] = form_trimmed(r, g->fields[i].name);
  /* the same form sent again (a double click, Back then send): the entry it added, not a second
  ** one (a numbered register would give the letter two numbers for good) */
  const char *mark = sent_form_mark(r);
  char made[SENT_FORM_RESULT];
  if( mark && sent_form_claim(r->office_id, mark, made) ){
    return reply_redirect(r, arena_printf(&r->arena, "/register/%t?ok=%t#e%t", g->slug,
                                          N_("This form was sent already: here is the entry it added"), made));
  }
  Actor a = req_actor(r);
  Err e = {0};
  int64_t id;
  int rc = register_add(r->db, &a, g, r->office_tz, &in, &id, &e);
  if( mark ){
    snprintf(made, sizeof made, "%lld", (long long)id);
    sent_form_done(r->office_id, r->username, mark, "register", rc==OK ? made : 0);
  }
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
    return reg_page(r, g, &e, http_status_of(rc));
  }
  return reply_redirect(r, arena_printf(&r->arena, "/register/%t?ok=%t#e%lld", g->slug, N_("Entry added"),
                                        (long long)id));
}

/* An entry's value of field i as its correction form shows it: a moment as a datetime-local
** input writes it (YYYY-MM-DDTHH:MM in the office's zone), else the text. */
static const char *reg_shown(Req *r, const RegField *f, const RegEntry *w, int i){
  if( f->kind!=RF_TIME ) return w->v[i] ? w->v[i] : "";
  if( w->t[i]==0 ) return "";
  int off = tz_offset_minutes(r->office_tz);
  char iso[32];
  time_fmt_iso(iso, sizeof iso, w->t[i] + (int64_t)(off<0 ? 420 : off)*60);
  iso[16] = 0;
  return arena_strdup(&r->arena, iso);
}

/* 1 when field i of the entry is in its correction form: every field made with the entry, and
** the moment of the register's action once it is recorded. */
static int reg_corrected(const Register *g, const RegEntry *w, int i){
  return !g->fields[i].state || w->t[i]!=0;
}

/* The form correcting an entry: its values (or what was posted, with e after a refusal), the
** moment of its action once recorded among them; and, while the register's action is still to
** do, its form with the moment it happened (empty: now; ae after a refusal). */
static int reg_edit_page(Req *r, const Register *g, const RegEntry *w, const Err *e, const Err *ae, int status){
  const char *what = g->prefix ? w->number : arena_printf(&r->arena, "#%lld", (long long)w->id);
  page_begin(r, arena_printf(&r->arena, "%s %s", T(r, g->one), what));
  reg_errors(r, g, e);
  out(r, "<p class=\"no-print\"><a href=\"/register/%t#e%lld\">%h</a></p>", g->slug, (long long)w->id, T(r, g->title));
  out(r, "<h2>%h</h2><form class=\"card\" method=\"post\" action=\"/register/%t/%lld/ubah\">", T(r, "Correct the entry"),
      g->slug, (long long)w->id);
  csrf_input(r);
  out(r, "<div class=\"register-fields\">");
  for(int i=0; i<g->nfields; i++){
    if( !reg_corrected(g, w, i) ) continue;
    const char *sent = e ? form_trimmed(r, g->fields[i].name) : 0;
    reg_input(r, &g->fields[i], 0, e, e ? (sent ? sent : "") : reg_shown(r, &g->fields[i], w, i));
  }
  out(r, "</div><div><button type=\"submit\">%h</button> <a href=\"/register/%t#e%lld\">%h</a></div></form>",
      T(r, "Save"), g->slug, (long long)w->id, T(r, "Cancel"));
  if( reg_todo(g, w) ){
    const char *at = ae ? form_trimmed(r, "at") : 0;
    if( ae && ae->msg && !util_str_eq(ae->field, "at") ) page_notice(r, "error", T_err(r, ae));
    out(r, "<h2>%h</h2><form class=\"card\" method=\"post\" action=\"/register/%t/%lld/%t\">", T(r, g->action_label),
        g->slug, (long long)w->id, g->action);
    csrf_input(r);
    out(r, "<div class=\"field\"><label for=\"n-at\">%h</label><input id=\"n-at\" name=\"at\" type=\"datetime-local\" value=\"%h\"%R>"
           "<p class=\"hint muted\">%h</p>", T(r, "When"), at ? at : "", field_attrs(r, ae, "at"), T(r, "Empty: now"));
    field_error(r, ae, "at");
    out(r, "</div><div><button type=\"submit\">%h</button></div></form>", T(r, g->action_label));
  }
  return page_end(r, status);
}

/* The entry in the path of the office's register g into w; answers 404 and gives 0 when none. */
static int reg_entry(Req *r, const Register *g, RegEntry *w){
  int64_t id = req_param_id(r, "id");
  int rc = id ? register_get(r->db, g, r->office_id, id, req_today(r), w, &r->arena) : ERR_NOTFOUND;
  if( rc==OK ) return 1;
  if( rc==ERR_NOTFOUND ) reply_error(r, 404, "not_found", 0, register_missing_msg);
  else reply_error(r, 500, "internal", 0, "The database failed");
  return 0;
}

/* GET /register/:register/:id/ubah: the form correcting an entry. */
int page_register_edit_form(Req *r){
  const Register *g = reg_target(r);
  RegEntry w;
  if( g==0 || !reg_entry(r, g, &w) ) return OK;
  return reg_edit_page(r, g, &w, 0, 0, 200);
}

/* POST /register/:register/:id/ubah: correct an entry; what is sent as the form showed it is kept. */
int page_register_edit(Req *r){
  const Register *g = reg_target(r);
  RegEntry w;
  if( g==0 || !reg_entry(r, g, &w) ) return OK;
  RegInput in;
  memset(&in, 0, sizeof in);
  for(int i=0; i<g->nfields; i++){
    if( !reg_corrected(g, &w, i) ) continue;
    const char *v = form_trimmed(r, g->fields[i].name);
    /* a moment shown to the minute, sent back unchanged, keeps its seconds */
    in.v[i] = v && strcmp(v, reg_shown(r, &g->fields[i], &w, i)) ? v : 0;
  }
  Actor a = req_actor(r);
  Err e = {0};
  int rc = register_edit(r->db, &a, g, r->office_tz, w.id, &in, req_today(r), &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
    return reg_edit_page(r, g, &w, &e, 0, http_status_of(rc));
  }
  return reply_redirect(r, arena_printf(&r->arena, "/register/%t?ok=%t#e%lld", g->slug, N_("Entry corrected"),
                                        (long long)w.id));
}

/* Carry out the register's action on the entry in the path, then back to the register. */
static int reg_action(Req *r, const char *action){
  const Register *g = reg_target(r);
  if( g==0 ) return OK;
  if( g->action==0 || strcmp(g->action, action) ) return reply_error(r, 404, "not_found", 0, "This register has no such action");
  RegEntry w;
  if( !reg_entry(r, g, &w) ) return OK;
  int64_t id = w.id;
  Actor a = req_actor(r);
  Err e = {0};
  int rc = register_act_at(r->db, &a, g, id, req_today(r), r->office_tz, form_trimmed(r, "at"), &e);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", 0, register_missing_msg);
  /* a moment refused: the entry's page again, the error under the moment and what was typed kept */
  if( rc==ERR_INVALID ) return reg_edit_page(r, g, &w, 0, &e, 400);
  if( rc!=OK ){ e.field = 0; return reply_error_e(r, http_status_of(rc), http_code_of(rc), &e, N_("Request failed")); }
  return reply_redirect(r, arena_printf(&r->arena, "/register/%t?ok=%t#e%lld", g->slug, reg_action_ok(action), id));
}

/* POST /register/archive/musnahkan: every file of the destruction list shown is destroyed, now; all
** or none (the list again with the reason, naming the file, when one is refused). */
int page_register_destroy_all(Req *r){
  const Register *g = register_find("archive");
  int64_t *ids = arena_alloc(&r->arena, sizeof *ids * (size_t)(r->nform + 1));
  int n = 0;
  for(int i=0; i<r->nform; i++) if( strcmp(r->form[i].name, "id")==0 ) ids[n++] = atoll(r->form[i].value);
  Actor a = req_actor(r);
  Err e = {0};
  int64_t failed;
  int rc = register_destroy_all(r->db, &a, ids, &n, req_today(r), r->office_tz, 0, &failed, &e);
  if( rc!=OK ){
    const char *why = (e.msg ? T_err(r, &e) : T(r, rc==ERR_NOTFOUND ? register_missing_msg : N_("Request failed")));
    Err shown = { .field = "ids", .msg = failed ? arena_printf(&r->arena, "#%lld: %s", (long long)failed, why) : why };
    return reg_page(r, g, &shown, http_status_of(rc));
  }
  return reply_redirect(r, arena_printf(&r->arena, "/register/archive?ok=%t", N_("Archive entries marked destroyed")));
}

/* POST /register/guest-book/:id/depart: the guest leaves now. */
int page_register_depart(Req *r){
  return reg_action(r, "depart");
}

/* POST /register/disposition/:id/done: the disposition is carried out. */
int page_register_done(Req *r){
  return reg_action(r, "done");
}

/* POST /register/archive/:id/destroy: the archived file is destroyed. */
int page_register_destroy(Req *r){
  return reg_action(r, "destroy");
}

/* The case page's section of the register entries that name the case: each by its register,
** number and moment, linked to its printable form, or else to its register found by the case;
** for who may write, a link to each register's new entry with the case's number filled in. */
void register_case_panel(Req *r, const Case *c){
  RegLink *v;
  int n;
  /* the entries and their pages are the registers': nothing for who may not read them */
  if( !route_allows(r, "GET", "/register") ) return;
  int write = route_allows(r, "POST", "/register/guest-book");
  if( register_of_case(r->db, r->office_id, c->number, &v, &n, &r->arena)!=OK || (n==0 && !write) ) return;
  out(r, "<section class=\"card\" id=\"register\"><h2>%h</h2>", T(r, "Registers"));
  if( n ) out(r, "<ul class=\"plain\">");
  for(int i=0; i<n; i++){
    const RegLink *l = &v[i];
    const char *what = *l->number ? l->number : arena_printf(&r->arena, "#%lld", (long long)l->id);
    if( form_exists(l->g->id) ){
      out(r, "<li>%h: <a href=\"/register/%t/%lld/formulir\">%h</a>", T(r, l->g->one), l->g->slug, (long long)l->id, what);
    }else{
      out(r, "<li>%h: <a href=\"/register/%t?q=%t\">%h</a>", T(r, l->g->one), l->g->slug, c->number, what);
    }
    if( l->at ) out(r, " <span class=\"muted\">· %h</span>", web_time(r, l->at));
    out(r, "</li>");
  }
  if( n ) out(r, "</ul>");
  if( write ){
    out(r, "<p class=\"no-print\">%h:", T(r, "Write for this case"));
    for(int k=0; k<REG_COUNT; k++){
      const Register *g = register_at(k);
      out(r, "%R <a href=\"/register/%t?case_number=%t#baru\">%h</a>", k ? " ·" : "", g->slug, c->number, T(r, g->title));
    }
    out(r, "</p>");
  }
  out(r, "</section>");
}
