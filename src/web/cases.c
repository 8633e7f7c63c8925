/*
** cases.c — the case pages for staff: "Tugas saya" (my open steps), the queue
** with its filters, the form that opens a case of a procedure, the case page
** with the procedure as a timeline, and the form that completes its open step.
** Every read and change goes through the case engine (sop/case.h).
*/
#include "web.h"
#include "../sop/absence.h"
#include "../sop/sop.h"
#include "../sop/case.h"
#include "../desk/report.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { QUEUE_PAGE = 50, DUE_MAX = 200 };   /* a page of the plain list; of a list by due time (Tugas saya, a role's, overdue) */

/* Labels (msgids) beside the values the engine speaks; NULL-terminated value lists. */
static const char *const channel_values[] = { "phone", "email", "walk_in", "portal", "letter", 0 };
static const char *const channel_labels[] = { N_("Phone"), N_("E-mail"), N_("Walk-in"), N_("Portal"), N_("Letter") };
static const char *const urgency_values[] = { "tidak_mendesak", "mendesak", 0 };
static const char *const urgency_labels[] = { N_("Not urgent"), N_("Urgent") };
static const char *const impact_values[] = { "kecil", "sedang", "besar", 0 };
static const char *const impact_labels[] = { N_("Small"), N_("Moderate"), N_("Large") };
static const char *const status_values[] = { "open", "closed", "cancelled", "archived", 0 };
static const char *const status_labels[] = { N_("Open"), N_("Closed"), N_("Cancelled"), N_("Archived") };
static const char *const priority_values[] = { "rendah", "menengah", "tinggi", 0 };
static const char *const priority_labels[] = { N_("Low"), N_("Medium"), N_("High") };
/* In the order of sop_events[]. */
static const char *const event_labels[] = { N_("Training starts"), N_("Training ends"), N_("Last session ends") };

/* The requester's fields of the form to open a case, named as the engine names them in errors. */
typedef struct FormField { const char *name, *label, *type, *extra, *hint; } FormField;
static const FormField requester_fields[] = {
  { "requester.name",     N_("Name"),         "text",  " maxlength=\"120\"", 0 },
  { "requester.nip",      N_("NIP"),          "text",  " maxlength=\"32\"", N_("NIP: 18 digits, for civil servants") },
  { "requester.nik",      N_("NIK"),          "text",  " maxlength=\"24\"", N_("NIK: 16 digits") },
  { "requester.email",    N_("E-mail"),       "text",  " maxlength=\"127\"", 0 },   /* Name <address> too */
  { "requester.phone",    N_("Phone"),        "tel",   " maxlength=\"24\"", 0 },
  { "requester.org_name", N_("Organisation"), "text",  " maxlength=\"200\"", 0 },
  { "requester.npwp",     N_("NPWP"),         "text",  " maxlength=\"32\"", N_("NPWP: 15 digits (old form) or 16 digits") },
};
/* The prefix of an event's input name: "events.training_start". */
#define EVENT_PREFIX "events."

/* The label (a msgid) of a value of the list; the value itself when it is not in the list. */
static const char *label_of(const char *const *values, const char *const *labels, const char *v){
  for(int i=0; values[i]; i++) if( util_str_eq(values[i], v) ) return labels[i];
  return v ? v : "";
}



/* A span of time in words in the page's language: the reports' words (report_duration), so a
** case page and a report say the same length the same way. */
static const char *span_text(Req *r, int64_t s){
  return report_duration(&r->arena, s<0 ? 0 : s, r->lang);
}

/* A time standard in the page's language. */
static const char *std_text(Req *r, const Standard *st){
  char *z = arena_alloc(&r->arena, 160);
  sop_standard_text(st, web_lang_en(r) ? "en" : "id", z, 160);
  return z;
}

/* The names of the roles the user holds in this office. */
static const char **held_roles(Req *r, int *n){
  const char **v = arena_alloc(&r->arena, sizeof(char*)*ROLE_COUNT);
  *n = role_names_of(r->roles, v);
  return v;
}

/* A role name (or "requester") in words. */
static const char *actor_label(Req *r, const char *name){
  int k = role_index(name);
  if( k>=0 ) return T(r, role_label(k));
  if( util_str_eq(name, "requester") ) return T(r, "Requester");
  return name ? name : "";
}

/* "terlambat 2 jam 5 menit" when due has passed: for a standard counted in office time (office 1,
** cal the office's calendar) the office time past it, the calendar time beside when they differ
** (due Friday 15.00, read Monday 08.00: 1 hour of office time, 2 days 17 hours in all; read on
** Saturday, none yet: "terlambat (… seluruhnya, di luar jam kerja)"); "jam
** dihentikan" when the step's clock stands paused (its due time moves on when it resumes); else nothing. */
static void late_tag(Req *r, const Calendar *cal, int office, int64_t due, int64_t now, int held){
  if( held ){ out(r, " <span class=\"tag held\">%h</span>", T(r, "clock held")); return; }
  if( due<=0 || now<=due ) return;
  int64_t real = now - due, past = cal && office ? calendar_office_between(cal, due, now) : real;
  if( past==real ) out(r, " <span class=\"tag bad late\">%h %h</span>", T(r, "late by"), span_text(r, real));
  else if( past==0 )   /* due at a closing, read before the next opening: no office time past it yet */
    out(r, " <span class=\"tag bad late\">%h</span>",
        arena_printf(&r->arena, T(r, "late (%s in all, outside office hours)"), span_text(r, real)));
  else out(r, " <span class=\"tag bad late\">%h</span>",
           arena_printf(&r->arena, T(r, "late by %s of office time (%s in all)"),
                        report_duration_office(&r->arena, past, r->lang), span_text(r, real)));
}

/* The open step of a list's row, as its procedure has it (NULL when none). */
static const Step *row_step(Req *r, const CaseRow *c){
  const Procedure *p = c->current_step>0 ? case_procedure(r->db, c->procedure_id) : 0;
  return p ? procedure_step(p, c->current_step) : 0;
}

/* 1 when the open step of a list's row has a standard counted in office time. */
static int row_office(Req *r, const CaseRow *c){
  const Step *s = row_step(r, c);
  return s && STD_IS_OFFICE(&s->std);
}

/* The due time of a list's row: to the second under a standard of seconds or a few minutes
** (answer the phone within 10 s), else "due 09.00" would sit beside "late by 5 seconds". */
static const char *row_due(Req *r, const CaseRow *c){
  const Step *s = row_step(r, c);
  return web_time_s(r, c->due_at, s && STD_TO_SECOND(&s->std));
}

/* A case's status in words, in the reader's language. */
const char *web_case_status(Req *r, const char *status){
  return T(r, label_of(status_values, status_labels, status));
}

/* The tag of a case's status. */
static void status_tag(Req *r, const char *status){
  const char *cls = util_str_eq(status, "open") ? "open" : util_str_eq(status, "closed") ? "ok" : "";
  out(r, "<span class=\"tag %h\">%h</span>", cls, web_case_status(r, status));
}

/* A <select> of values with their labels, the current one selected, tied to its error in e;
** first_any adds "All". */
static void select_input(Req *r, const Err *e, const char *name, const char *const *values, const char *const *labels,
                         const char *cur, int first_any){
  out(r, "<select id=\"%h\" name=\"%h\"%R>", name, name, field_attrs(r, e, name));
  if( first_any ) out(r, "<option value=\"\">%h</option>", T(r, "All"));
  for(int i=0; values[i]; i++){
    out(r, "<option value=\"%h\"%R>%h</option>", values[i], util_str_eq(values[i], cur) ? " selected" : "",
        T(r, labels[i]));
  }
  out(r, "</select>");
}

/* The link that opens a case, for those who may. */
static void open_case_link(Req *r){
  if( perm_allows(r->roles, "case.open") ){
    out(r, "<p class=\"actions no-print\"><a class=\"button\" href=\"/kasus/baru\">%h</a></p>", T(r, "Open a case"));
  }
}

/* The procedure cell of a list: code and title (from the library). */
static void proc_cell(Req *r, const char *code){
  const Procedure *p = sop_library_find(code);
  out(r, "<span class=\"mono\">%h</span>", code);
  if( p ) out(r, "<br><span class=\"muted\">%h</span>", web_sop_title(r, p));
}

/* The open step of a list's row in the page's language (its Indonesian wording when the
** procedure gives no English). */
static const char *row_step_title(Req *r, const CaseRow *c){
  return web_lang_en(r) && c->step_title_en ? c->step_title_en : c->step_title;
}

/* ---------------------------------------------------------------- Tugas saya */

/* A count for people: thousands grouped as the page's language groups them (1.234; 1,234). */
static const char *count_words(Req *r, int v){
  char d[24];
  util_thousands(d, sizeof d, v, web_lang_en(r));
  return arena_strdup(&r->arena, d);
}

/* Where a page of a list by due time starts: ?halaman= (from 1: its first row at (page-1)*DUE_MAX),
** or a neighbouring page's link, which names a step — ?dari=: the page from that step on (the one
** after the last row shown), ?sampai=: the page ending before it (the first row shown) — so that
** steps opened or done since neither repeat a row nor skip one. */
typedef struct DuePos {
  int page, offset;
  int from, until;           /* ?dari= or ?sampai= given: the step below */
  int undue;                 /* the step has no due time */
  int64_t due, step;         /* its due time (0 when none) and case_step.id */
} DuePos;

/* A step's place in a list by due time as a link writes it: "U.DUE.ID" (U 1 for a step without a due time). */
static int due_key_parse(const char *z, DuePos *p){
  char *end;
  if( (z[0]!='0' && z[0]!='1') || z[1]!='.' || z[2]<'0' || z[2]>'9' || strlen(z)>48 ) return -1;
  p->undue = z[0]=='1';
  p->due = strtoll(z+2, &end, 10);
  if( *end!='.' || end[1]<'0' || end[1]>'9' ) return -1;
  p->step = strtoll(end+1, &end, 10);
  return *end || p->step<1 ? -1 : 0;
}

/* The page of a list by due time asked for (?halaman=, ?dari=, ?sampai=); -1 when not a page position. */
static int due_page(Req *r, DuePos *p){
  const char *h = query_trimmed(r, "halaman"), *from = query_trimmed(r, "dari"), *until = query_trimmed(r, "sampai");
  memset(p, 0, sizeof *p);
  p->page = 1;
  if( *h ){
    if( !util_is_digits(h, (int)strlen(h)) || strlen(h)>6 || atoi(h)<1 ) return -1;
    p->page = atoi(h);
    p->offset = (p->page - 1) * DUE_MAX;
  }
  if( *from && *until ) return -1;
  if( *from || *until ){
    p->from = *from!=0;
    p->until = *until!=0;
    return due_key_parse(*from ? from : until, p);
  }
  return 0;
}

/* The rows of a page of a list by due time (f's filter, its total set): *first the position of its
** first row in the whole list (from 1). OK or the failure. */
static int due_list(Req *r, CaseFilter *f, const DuePos *p, CaseRow **rows, int *n, int *first){
  int skipped = 0;
  f->offset = p->offset;
  if( p->from || p->until ){
    f->from = 1;
    f->from_undue = p->undue;
    f->from_due = p->due;
    f->from_step = p->step;
    f->skipped = &skipped;
  }
  int rc = case_list(r->db, f, rows, n, &r->arena);
  if( rc==OK && p->until ){   /* the DUE_MAX rows before the step, or the first page when fewer */
    f->from = 0;
    f->skipped = 0;
    f->offset = skipped > DUE_MAX ? skipped - DUE_MAX : 0;
    skipped = f->offset;
    rc = case_list(r->db, f, rows, n, &r->arena);
  }
  *first = (p->from || p->until ? skipped : f->offset) + 1;
  return rc;
}

/* The link key of a row's open step (after: of the place just after it, where the next page starts). */
static const char *due_key(Req *r, const CaseRow *c, int after){
  return arena_printf(&r->arena, "%d.%lld.%lld", c->due_at==0, (long long)c->due_at, (long long)(c->step_id + after));
}

/* A list by due time cut to a page: how much of it is shown ("Menampilkan 200 dari 1.234",
** 201–400 on the second page) and the links to the others, never silently (path: the list's
** address with its filters and a trailing '?' or '&'; first: the position of rows[0]). */
static void due_pager(Req *r, const char *path, int page, int first, const CaseRow *rows, int shown, int total){
  if( total <= DUE_MAX && first==1 && shown==total ) return;
  const char *range = shown ? arena_printf(&r->arena, "%s–%s", count_words(r, first), count_words(r, first + shown - 1)) : "0";
  if( first==1 ) range = count_words(r, shown);
  page_notice(r, "info", arena_printf(&r->arena, T(r, "Showing %s of %s, soonest due first"), range, count_words(r, total)));
  out(r, "<nav class=\"pager\" aria-label=\"%h\">", T(r, "Pages"));
  if( first > 1 && shown ) out(r, "<a href=\"%hhalaman=%d&amp;sampai=%t\" rel=\"prev\">%h</a>", path, page > 1 ? page - 1 : 1,
                               due_key(r, &rows[0], 0), T(r, "Previous page"));
  if( first - 1 + shown < total && shown ) out(r, "<a href=\"%hhalaman=%d&amp;dari=%t\" rel=\"next\">%h</a>", path, page + 1,
                                             due_key(r, &rows[shown-1], 1), T(r, "Next page"));
  out(r, "</nav>");
}

/* A page of a list by due time past its end (?halaman=9 of a list of 115): said, with the link to
** its last page, rather than an empty table or "no case matches" (path as due_pager's). 1 when said. */
static int due_past_end(Req *r, const char *path, int page, int shown, int total){
  if( shown || total==0 || page==1 ) return 0;
  int last = (total + DUE_MAX - 1) / DUE_MAX;
  out(r, "<div class=\"notice info\" role=\"status\" id=\"past-end\"><p>%h <a href=\"%hhalaman=%d\">%h</a></p></div>",
      arena_printf(&r->arena, T(r, "Page %d is past the end of the list: %s open steps, on %d page(s)."), page,
                   count_words(r, total), last),
      path, last, arena_printf(&r->arena, T(r, "Go to page %d"), last));
  return 1;
}

/* GET /tugas: the open steps for the user's roles or assigned to them, soonest due first, a page
** of DUE_MAX at a time (?halaman=), the whole count said. */
int page_tasks(Req *r){
  DuePos pos;
  if( due_page(r, &pos) < 0 ){   /* ?halaman=abc: the page says so, with the way to the first page, not a bare error */
    page_begin(r, "My tasks");
    out(r, "<div class=\"notice error\" role=\"alert\"><p>%h <a href=\"/tugas\">%h</a></p></div>",
        T(r, "The page position is not valid"), arena_printf(&r->arena, T(r, "Go to page %d"), 1));
    return page_end(r, 400);
  }
  CaseFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.now = time_now();
  f.roles = held_roles(r, &f.nroles);
  f.username = r->username;
  f.limit = DUE_MAX;
  int total = 0, late = 0, first = 1;
  f.total = &total;
  f.total_overdue = &late;
  CaseRow *rows = 0;
  int n = 0;
  if( due_list(r, &f, &pos, &rows, &n, &first)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");

  page_begin(r, "My tasks");
  open_case_link(r);
  if( total==0 ){
    out(r, "<p class=\"muted\">%h</p>", T(r, "No open step waits for you"));
    return page_end(r, 200);
  }
  Calendar *cal = calendar_load(r->db, r->office_id);   /* how late, in office time (NULL: in real time) */
  out(r, "<p class=\"muted\">%h: %d", T(r, "Open steps"), total);
  if( late ) out(r, " · <strong class=\"bad\">%h: %d</strong>", T(r, "overdue"), late);
  out(r, "</p>");
  if( due_past_end(r, "/tugas?", pos.page, n, total) ){
    if( cal ) calendar_free(cal);
    return page_end(r, 200);
  }
  due_pager(r, "/tugas?", pos.page, first, rows, n, total);
  out(r, "<div class=\"table-wrap wide\"><table class=\"cases tasks\"><thead><tr><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "</tr></thead><tbody>",
      T(r, "Number"), T(r, "Procedure"), T(r, "Step"), T(r, "Due"), T(r, "Requester"));
  for(int i=0; i<n; i++){
    const CaseRow *c = &rows[i];
    int over = case_row_overdue(c, f.now);
    out(r, "<tr%R><td data-label=\"%h\"><a class=\"mono\" href=\"/kasus/%t\">%h</a><br>%h</td><td data-label=\"%h\">",
        over ? " class=\"overdue\"" : "", T(r, "Number"), c->number, c->number, c->subject, T(r, "Procedure"));
    proc_cell(r, c->sop_code);
    out(r, "</td><td data-label=\"%h\"><strong>%d.</strong> %h", T(r, "Step"), c->current_step, row_step_title(r, c));
    if( c->step_actor ) out(r, "<br><span class=\"muted\">%h</span>", actor_label(r, c->step_actor));
    /* assigned to someone the user stands in for today: for whom, until when */
    if( c->for_user ){
      out(r, "<br><span class=\"tag replacing\">%h %h (%h)</span>", T(r, "replacing"), c->for_name,
          absence_words(r, c->for_kind, c->for_until));
    }
    out(r, "</td><td class=\"when\" data-label=\"%h\">%h", T(r, "Due"),
        c->due_at>0 ? row_due(r, c) : T(r, "no standard"));
    late_tag(r, cal, row_office(r, c), c->due_at, f.now, c->held);
    out(r, "</td><td data-label=\"%h\">%h</td></tr>", T(r, "Requester"), c->requester_name ? c->requester_name : "—");
  }
  out(r, "</tbody></table></div>");
  if( cal ) calendar_free(cal);
  return page_end(r, 200);
}

/* ---------------------------------------------------------------- the queue */

/* The queue's filters as a query string (without "before"), for the pager's links. */
static const char *queue_query(Req *r, const char *status, const char *sop, const char *role, int overdue,
                               const char *q){
  return arena_printf(&r->arena, "status=%t&sop=%t&role=%t&q=%t%s", status, sop, role, q,
                      overdue ? "&overdue=1" : "");
}

/* GET /kasus: the cases of the office, filtered by status, procedure, role, overdue and text; newest first. */
int page_cases(Req *r){
  const char *status = query_trimmed(r, "status"), *sop = query_trimmed(r, "sop"), *role = query_trimmed(r, "role");
  const char *q = query_trimmed(r, "q");
  /* the box sends 1; a link written by hand may say 0 (off, as the API reads it) or another word */
  const char *zo = query_trimmed(r, "overdue");
  int overdue = *zo && !util_str_eq(zo, "0"), overdue_bad = overdue && !util_str_eq(zo, "1");
  int64_t before;
  const char *bad = query_before(r, &before);   /* the page position, as every list page reads it */
  CaseFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.now = time_now();
  f.status = status;
  f.sop = sop;
  f.q = q;
  f.overdue = overdue;
  f.limit = QUEUE_PAGE + 1;   /* one more tells whether an older page exists */
  f.before_id = before;
  const char *one_role[1] = { role };
  /* the role's open steps and the overdue list come soonest due first, in one page;
  ** the overdue steps of a role are picked from the head of its list (a held one is not overdue) */
  int by_due = *role || overdue;
  if( *role ){ f.roles = one_role; f.nroles = 1; f.overdue = 0; }
  int total = 0, late = 0, first = 1;
  DuePos pos = { .page = 1 };
  /* a list by due time pages as Tugas saya does (?halaman=), its whole count said; a role's overdue
  ** steps are picked from the head of the role's list, so that one is not paged */
  int paged = by_due && !(*role && overdue);
  if( by_due ){ f.limit = DUE_MAX; f.before_id = 0; }
  if( paged ){
    if( due_page(r, &pos) < 0 ){ memset(&pos, 0, sizeof pos); pos.page = 1; if( bad==0 ) bad = N_("The page position is not valid"); }   /* ?halaman=abc: said, as ?before= */
    f.total = &total;
    f.total_overdue = &late;
  }
  CaseRow *rows = 0;
  int n = 0, rc = OK;
  Err fe = {0};   /* a wrong filter: said under it (the page position, with no input: under the form) */
  if( bad ) err_add(&fe, "before", bad);
  if( util_utf8_len(q)>CASE_SEARCH_MAX ) err_add_n(&fe, "q", N_("The search text is too long: at most %d characters"), CASE_SEARCH_MAX);
  if( *status && label_of(status_values, status_labels, status)==status ) err_add(&fe, "status", N_("Unknown status: choose one of the list"));
  if( *sop && sop_library_find(sop)==0 ) err_add(&fe, "sop", N_("No such procedure"));
  if( *role && role_index(role)<0 && !util_str_eq(role, "requester") ) err_add(&fe, "role", N_("Unknown role: choose one of the list"));
  if( overdue_bad ) err_add(&fe, "overdue", N_("Overdue only is 1 (ticked) or 0 (not ticked)"));
  if( fe.msg==0 ) rc = paged ? due_list(r, &f, &pos, &rows, &n, &first) : case_list(r->db, &f, &rows, &n, &r->arena);
  if( rc==ERR_DB ) return reply_error(r, 500, "internal", 0, "The database failed");
  if( rc!=OK ) err_add(&fe, 0, N_("Request failed"));
  if( *role && overdue ){   /* the role's overdue steps: those past due whose clock runs, soonest first */
    int k = 0;
    for(int i=0; i<n; i++) if( case_row_overdue(&rows[i], f.now) ) rows[k++] = rows[i];
    n = k;
  }

  page_begin(r, "Cases");
  static const char *const filters[] = { "q", "status", "sop", "role", "overdue", 0 };
  Err top = {0};   /* the page position's error is under the form, not here */
  for(int i=0; i<err_count(&fe); i++) if( !util_str_eq(err_item(&fe, i).field, "before") ) { ErrItem it = err_item(&fe, i); err_add_item(&top, 0, &it); }
  form_error_marked(r, &top, filters);   /* each wrong filter's error is under it */
  open_case_link(r);
  out(r, "<form class=\"filters card\" method=\"get\" action=\"/kasus\" role=\"search\">"
         "<div><label for=\"q\">%h</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%h\" maxlength=\"%d\"%R>",
      T(r, "Number, subject or requester"), q, CASE_SEARCH_MAX, field_attrs(r, &fe, "q"));
  field_error(r, &fe, "q");
  out(r, "</div><div><label for=\"status\">%h</label>", T(r, "Status"));
  select_input(r, &fe, "status", status_values, status_labels, status, 1);
  field_error(r, &fe, "status");
  out(r, "</div><div><label for=\"sop\">%h</label><select id=\"sop\" name=\"sop\"%R><option value=\"\">%h</option>",
      T(r, "Procedure"), field_attrs(r, &fe, "sop"), T(r, "All"));
  web_sop_options(r, sop, 0, 0);
  out(r, "</select>");
  field_error(r, &fe, "sop");
  out(r, "</div><div><label for=\"role\">%h</label><select id=\"role\" name=\"role\"%R><option value=\"\">%h</option>",
      T(r, "Open step for"), field_attrs(r, &fe, "role"), T(r, "Any role"));
  for(int i=0; i<ROLE_COUNT; i++){
    if( !role_is_staff(i) ) continue;
    out(r, "<option value=\"%h\"%R>%h</option>", role_names[i], util_str_eq(role, role_names[i]) ? " selected" : "",
        T(r, role_label(i)));
  }
  /* the steps that wait on someone outside the office: the requester, a Pokja, LKPP */
  out(r, "<optgroup label=\"%h\"><option value=\"requester\"%R>%h</option>", T(r, "Waiting outside the office"),
      util_str_eq(role, "requester") ? " selected" : "", T(r, "Requester"));
  for(int i=0; i<ROLE_COUNT; i++){
    if( role_is_staff(i) ) continue;
    out(r, "<option value=\"%h\"%R>%h</option>", role_names[i], util_str_eq(role, role_names[i]) ? " selected" : "",
        T(r, role_label(i)));
  }
  out(r, "</optgroup></select>");
  field_error(r, &fe, "role");
  out(r, "</div><div><label class=\"check\"><input type=\"checkbox\" name=\"overdue\" value=\"1\"%R%R> %h</label>",
      overdue ? " checked" : "", field_attrs(r, &fe, "overdue"), T(r, "Overdue only"));
  field_error(r, &fe, "overdue");
  out(r, "</div><div><button type=\"submit\">%h</button>", T(r, "Filter"));
  if( *q || *status || *sop || *role || overdue ) out(r, " <a href=\"/kasus\">%h</a>", T(r, "Clear"));
  out(r, "</div></form>");
  field_error(r, &fe, "before");   /* the page position has no input: under the form */
  if( fe.msg ) return page_end(r, http_status_of(rc==OK ? ERR_INVALID : rc));

  if( n==0 && paged && due_past_end(r, arena_printf(&r->arena, "/kasus?%s&", queue_query(r, status, sop, role, overdue, q)),
                                     pos.page, n, total) ){
    /* a page past the end of cases that match: said so, not "no case matches" */
  }else if( n==0 ){
    out(r, "<p class=\"muted\">%h</p>", T(r, before ? N_("No older cases") : N_("No case matches")));
  }else{
    int shown = by_due || n<=QUEUE_PAGE ? n : QUEUE_PAGE;
    if( by_due ) out(r, "<p class=\"muted\">%h</p>", T(r, "Open steps, soonest due first"));
    if( paged ) due_pager(r, arena_printf(&r->arena, "/kasus?%s&", queue_query(r, status, sop, role, overdue, q)), pos.page, first,
                          rows, n, total);
    else if( by_due && n>=DUE_MAX ) page_notice(r, "info", T(r, "Only the first 200 are shown"));
    out(r, "<div class=\"table-wrap wide\"><table class=\"cases\"><thead><tr><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th></tr></thead><tbody>",
        T(r, "Number"), T(r, "Procedure"), T(r, "Status"), T(r, "Open step"), T(r, "Requester"), T(r, "Opened"));
    Calendar *cal = calendar_load(r->db, r->office_id);   /* how late, in office time (NULL: in real time) */
    for(int i=0; i<shown; i++){
      const CaseRow *c = &rows[i];
      int over = util_str_eq(c->status, "open") && case_row_overdue(c, f.now);
      out(r, "<tr%R><td data-label=\"%h\"><a class=\"mono\" href=\"/kasus/%t\">%h</a><br>%h</td><td data-label=\"%h\">",
          over ? " class=\"overdue\"" : "", T(r, "Number"), c->number, c->number, c->subject, T(r, "Procedure"));
      proc_cell(r, c->sop_code);
      out(r, "</td><td data-label=\"%h\">", T(r, "Status"));
      status_tag(r, c->status);
      if( c->priority ) out(r, " <span class=\"tag prio-%h\">%h</span>", c->priority,
                            T(r, label_of(priority_values, priority_labels, c->priority)));
      out(r, "</td><td data-label=\"%h\">", T(r, "Open step"));
      if( c->current_step>0 ){
        out(r, "<strong>%d.</strong> %h", c->current_step, row_step_title(r, c));
        if( c->step_actor ) out(r, "<br><span class=\"muted\">%h</span>", actor_label(r, c->step_actor));
        if( c->due_at>0 ) out(r, "<br><span class=\"muted\">%h %h</span>", T(r, "due"), row_due(r, c));
        late_tag(r, cal, row_office(r, c), c->due_at, f.now, c->held);
      }else out(r, "<span class=\"muted\">—</span>");
      out(r, "</td><td data-label=\"%h\">%h</td><td class=\"when\" data-label=\"%h\">%h</td></tr>",
          T(r, "Requester"), c->requester_name ? c->requester_name : "—", T(r, "Opened"), web_time(r, c->opened_at));
    }
    out(r, "</tbody></table></div>");
    if( cal ) calendar_free(cal);
  }
  if( by_due ) return page_end(r, 200);
  const char *fq = queue_query(r, status, sop, role, overdue, q);
  if( before || n>QUEUE_PAGE ){   /* no empty navigation landmark when there is no other page */
    out(r, "<nav class=\"pager\" aria-label=\"%h\">", T(r, "Pages"));
    if( before ) out(r, "<a href=\"/kasus?%h\">%h</a>", fq, T(r, "Newest cases"));
    if( n>QUEUE_PAGE ){
      out(r, "<a href=\"/kasus?%h&amp;before=%lld\" rel=\"next\">%h</a>", fq, (long long)rows[QUEUE_PAGE-1].id,
          T(r, "Older cases"));
    }
    out(r, "</nav>");
  }
  return page_end(r, 200);
}

/* ---------------------------------------------------------------- opening a case */

/* 1 when a standard of the procedure (a step's or a task's) names the event. */
static int proc_needs_event(const Procedure *p, const char *event){
  for(int i=0; i<p->nsteps; i++){
    const Step *s = &p->steps[i];
    if( strcmp(s->std.event, event)==0 ) return 1;
    for(int k=0; k<s->ntasks; k++) if( strcmp(s->tasks[k].std.event, event)==0 ) return 1;
  }
  return 0;
}

/* A labelled input of the form to open a case, with what was entered, its error and its hint (NULL: none). */
static void case_input(Req *r, const Err *e, const char *name, const char *label, const char *type,
                       const char *extra, const char *hint){
  field_input_hint(r, e, "", name, label, type, form_opt(r, name), arena_printf(&r->arena, "%R%R", extra, input_hints(r, name)),
                   hint);
}

/* A labelled select of the form to open a case, keeping the value entered (else def). */
static void case_select(Req *r, const Err *e, const char *name, const char *label, const char *const *values,
                        const char *const *labels, const char *def){
  const char *v = form_opt(r, name);
  out(r, "<div class=\"field\"><label for=\"%h\">%h</label>", name, T(r, label));
  select_input(r, e, name, values, labels, v ? v : def, 0);
  field_error(r, e, name);
  out(r, "</div>");
}

/* The list of procedures in service, each with the link that opens a case of it; unknown: the code of
** the address that named none (404), else NULL; retired: a retired procedure the address named (409). */
static int case_new_list(Req *r, const char *unknown, const Procedure *retired){
  page_begin(r, "Open a case");
  /* an address naming no procedure (?sop=NOPE): said above the list to choose from again */
  if( unknown ) out(r, "<div class=\"notice error\" role=\"alert\" id=\"sop-error\"><p>%h <span class=\"mono\">%h</span></p></div>",
                    T(r, "No procedure has the code in the address (sop):"), unknown);
  if( retired ){   /* said as case_open refuses it: the procedure named */
    Err re = {0};
    sop_retired_add(&re, retired->code);
    out(r, "<div class=\"notice error\" role=\"alert\" id=\"sop-error\"><p>%h</p></div>", T_err(r, &re));
  }
  out(r, "<p>%h</p>", T(r, "Choose the procedure the request follows"));
  out(r, "<div class=\"table-wrap\"><table class=\"sops\"><thead><tr><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\"><span class=\"sr\">%h</span></th></tr></thead><tbody>",
      T(r, "Code"), T(r, "Title"), T(r, "Open a case"));
  for(int i=0; i<sop_library_count(); i++){
    const Procedure *p = sop_library_at(i);
    if( p==0 ) break;   /* a library published meanwhile may hold fewer */
    if( sop_retired(p->code) ) continue;   /* out of service: no new case */
    out(r, "<tr><td class=\"mono\">%h</td><td>%h</td><td><a href=\"/kasus/baru?sop=%t\">%h</a></td></tr>",
        p->code, web_sop_title(r, p), p->slug, T(r, "Open a case"));
  }
  out(r, "</tbody></table></div>");
  return page_end(r, unknown ? 404 : retired ? 409 : 200);
}

/* On the form again (Back after sending it): the case the user opened of procedure p in the last
** quarter of an hour, linked, so that it is not opened twice by mistake. */
static void sent_recent_notice(Req *r, const Procedure *p){
  char number[SENT_FORM_RESULT];
  int64_t at = sent_form_recent(r->office_id, r->username, p->code, 15*60, number);
  if( at==0 ) return;
  out(r, "<div class=\"notice info\" role=\"status\" id=\"just-opened\"><p>%h <a class=\"mono\" href=\"/kasus/%t\">%h</a> (%h). %h</p></div>",
      T(r, "You opened a case of this procedure a moment ago:"), number, number, web_time(r, at),
      T(r, "Fill the form again only for another request."));
}

/* Draw the form that opens a case of procedure p, with what was entered and the error. */
static int case_new_form(Req *r, const Procedure *p, int status, const Err *e){
  const char *fields[32];
  int nf = 0;
  fields[nf++] = "channel"; fields[nf++] = "subject"; fields[nf++] = "urgency"; fields[nf++] = "impact";
  for(size_t i=0; i<COUNT(requester_fields); i++) fields[nf++] = requester_fields[i].name;
  const char *evname[4];
  int nev = 0;
  for(int i=0; sop_events[i] && nev<4; i++){
    if( !proc_needs_event(p, sop_events[i]) ) continue;
    evname[nev] = arena_printf(&r->arena, EVENT_PREFIX "%s", sop_events[i]);
    fields[nf++] = evname[nev];
    fields[nf++] = sop_events[i];
    nev++;
  }
  fields[nf] = 0;

  /* refused, the form is shown at /kasus, where it was posted: the language switch leads back to it */
  r->page_again = arena_printf(&r->arena, "/kasus/baru?sop=%t", p->slug);
  page_begin(r, "Open a case");
  form_error_marked(r, e, fields);   /* and a line saying to correct the fields marked, as every form says it */
  if( e==0 ) sent_recent_notice(r, p);
  out(r, "<p><a href=\"/kasus/baru\">%h</a></p>", T(r, "Choose another procedure"));
  out(r, "<h2><span class=\"mono\">%h</span> · %h</h2>", p->code, web_sop_title(r, p));
  out(r, "<form class=\"card case-new\" method=\"post\" action=\"/kasus\">");
  csrf_input(r);
  out(r, "<input type=\"hidden\" name=\"sop\" value=\"%h\">", p->code);
  /* the form's one-time mark (kept when it is shown again refused): sent twice, it opens one case */
  sent_form_field(r);
  out(r, "<fieldset class=\"group\"><legend>%h</legend>", T(r, "The request"));
  /* the channel a case of the procedure usually comes through (its file's channel:), else the phone */
  case_select(r, e, "channel", N_("Channel"), channel_values, channel_labels, p->channel ? p->channel : "phone");
  case_input(r, e, "subject", N_("Subject"), "text", " required maxlength=\"200\"", 0);
  out(r, "<div class=\"pair\">");
  case_select(r, e, "urgency", N_("Urgency"), urgency_values, urgency_labels, "tidak_mendesak");
  case_select(r, e, "impact", N_("Impact"), impact_values, impact_labels, "kecil");
  out(r, "</div></fieldset>");

  out(r, "<fieldset class=\"group\"><legend>%h</legend><p class=\"hint muted\">%h</p>", T(r, "Requester"),
      T(r, "A person and/or an organisation — the name, the organisation, an e-mail address or a phone number is required; new ones are added to the directory"));
  for(size_t i=0; i<COUNT(requester_fields); i++){
    const FormField *ff = &requester_fields[i];
    case_input(r, e, ff->name, ff->label, ff->type, ff->extra, ff->hint);
  }
  out(r, "</fieldset>");

  if( nev ){
    out(r, "<fieldset class=\"group\"><legend>%h</legend><p class=\"hint muted\">%h (%h)</p>", T(r, "Event times"),
        T(r, "Local time of the office"), r->office_tz ? r->office_tz : "WIB");
    for(int i=0; i<nev; i++){
      int k = 0;
      while( sop_events[k] && strcmp(evname[i] + strlen(EVENT_PREFIX), sop_events[k])!=0 ) k++;
      /* the last session ends with the training unless told (case.c): the only one that may stay empty */
      int last = strcmp(sop_events[k], "last_session_end")==0;
      case_input(r, e, evname[i], event_labels[k], "datetime-local", last ? "" : " required",
                 last ? N_("Leave it empty when the last session ends with the training") : 0);
      field_error(r, e, sop_events[k]);
    }
    out(r, "</fieldset>");
  }
  out(r, "<div><button type=\"submit\">%h</button></div></form>", T(r, "Open the case"));
  return page_end(r, status);
}

/* GET /kasus/baru?sop=CODE: the form that opens a case of a procedure (the list when none is given). */
int page_case_new(Req *r){
  const char *code = query_trimmed(r, "sop");
  if( *code==0 ) return case_new_list(r, 0, 0);
  const Procedure *p = sop_library_find(code);
  if( p==0 ) return case_new_list(r, code, 0);
  if( sop_retired(p->code) ) return case_new_list(r, 0, p);
  return case_new_form(r, p, 200, 0);
}

/* An event's time from a datetime-local input ("2026-11-20T14:30"), in the office's zone. */
static int event_time(Req *r, const char *v, int64_t *t){
  char z[32];
  if( strlen(v)<16 || strlen(v)>=sizeof z ) return ERR_INVALID;
  memcpy(z, v, 16);
  z[16] = 0;   /* seconds, when a browser sends them, are dropped */
  if( z[10]=='T' ) z[10] = ' ';
  return calendar_parse_local(z, r->office_tz ? r->office_tz : "WIB", t);
}

/* POST /kasus: open a case from the form, then show it. */
int page_case_create(Req *r){
  const char *code = form_opt(r, "sop");
  const Procedure *p = code ? sop_library_find(code) : 0;
  if( p==0 ) return reply_error(r, 404, "not_found", 0, "No such procedure");
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = r->office_id;
  in.contact_alone = 1;
  in.sop = p->code;
  in.channel = form_opt(r, "channel");
  in.subject = form_opt(r, "subject");
  in.urgency = form_opt(r, "urgency");
  in.impact = form_opt(r, "impact");
  in.requester.name = form_opt(r, "requester.name");
  in.requester.nip = form_opt(r, "requester.nip");
  in.requester.nik = form_opt(r, "requester.nik");
  in.requester.email = form_opt(r, "requester.email");
  in.requester.phone = form_opt(r, "requester.phone");
  in.requester.org_name = form_opt(r, "requester.org_name");
  in.requester.npwp = form_opt(r, "requester.npwp");
  Err e = {0};
  for(int i=0; sop_events[i] && in.nevents<(int)COUNT(in.events); i++){
    const char *name = arena_printf(&r->arena, EVENT_PREFIX "%s", sop_events[i]);
    const char *v = form_opt(r, name);
    if( v==0 ) continue;
    int64_t t;
    if( event_time(r, v, &t)!=OK ){ err_add(&e, name, N_("Enter a date and a time")); continue; }
    in.events[in.nevents].name = sop_events[i];
    in.events[in.nevents].at = t;
    in.nevents++;
  }
  if( e.msg ){   /* a time not read: the other fields are checked too, and all shown at once */
    Err more = {0};
    if( case_check(&in, &more)!=OK ) err_merge(&e, &more);
    return case_new_form(r, p, 400, &e);
  }
  /* the same form sent again (a double click, Back then send): the case it opened, not a second */
  const char *mark = sent_form_mark(r);
  char number[SENT_FORM_RESULT];
  if( mark && sent_form_claim(r->office_id, mark, number) ){
    return reply_redirect(r, arena_printf(&r->arena, "/kasus/%t?ok=%t", number,
                                          N_("This form was sent already: here is the case it opened")));
  }
  Actor a = req_actor(r);
  Case *c = 0;
  int rc = case_open(r->db, &a, &in, &c, &e);
  if( mark ) sent_form_done(r->office_id, r->username, mark, p->code, rc==OK ? c->number : 0);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
    return case_new_form(r, p, http_status_of(rc), &e);
  }
  const char *to = arena_printf(&r->arena, "/kasus/%t?ok=%t", c->number, N_("Case opened"));
  case_free(c);
  return reply_redirect(r, to);
}

/* ---------------------------------------------------------------- the case page */

/* A case-level target as a fact: its due time, and once judged when it was reached
** (`done_word` at that time) and whether in time; not reached yet, how late it is at now
** (0: not said, the case is not open or its clock stands held). */
static void case_target_fact(Req *r, const Calendar *cal, const char *label, int64_t due, int met, int64_t done,
                             const char *done_word, int64_t now){
  if( due==0 ) return;
  out(r, "<dt>%h</dt><dd>%h", T(r, label), web_time(r, due));
  if( done && met>=0 ){
    out(r, " · %h %h <span class=\"tag %R\">%h</span>", T(r, done_word), web_time(r, done), met ? "ok" : "bad",
        T(r, met ? N_("Met the target") : N_("Missed the target")));
  }else if( now ){
    late_tag(r, cal, 1, due, now, 0);   /* the targets count office time */
  }
  out(r, "</dd>");
}

/* A fact of the case's header, when given. */
static void case_fact(Req *r, const char *label, const char *value){
  if( value && *value ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, label), value);
}

/* The full names of the staff who opened a case and did its steps, by username (in r's arena). */
typedef struct ActorNames { int n; const char **user, **name; } ActorNames;

/* Read the names of whoever opened c or did one of its steps in one query for the whole page. */
static void actor_names(Req *r, const Case *c, ActorNames *nm){
  memset(nm, 0, sizeof *nm);
  Stmt *q = db_prepare(r->db, "SELECT username, full_name FROM users"
                              " WHERE username IN (SELECT done_by FROM case_step WHERE case_id=?1) OR username=?2");
  if( q==0 ) return;
  db_bind_int64(q, 1, c->id);
  db_bind_text(q, 2, c->opened_by ? c->opened_by : "");
  int cap = 0, cap2 = 0;
  while( db_step(q)==DB_ROW ){
    const char *name = db_col_text(q, 1);
    if( name==0 || name[0]==0 ) continue;   /* none: the username is shown */
    nm->user = arena_grow(&r->arena, nm->user, sizeof *nm->user, nm->n, &cap);
    nm->name = arena_grow(&r->arena, nm->name, sizeof *nm->name, nm->n, &cap2);
    nm->user[nm->n] = arena_strdup(&r->arena, db_col_text(q, 0));
    nm->name[nm->n++] = arena_strdup(&r->arena, name);
  }
  db_reset(q);
}

/* Who did something, in words: a member of staff by name (their username when they have none),
** or what Loket itself, the public portal and a requester's mail to the help desk's mailbox are called. */
static const char *actor_words(Req *r, const ActorNames *nm, const char *who){
  const char *words = web_actor_words(r, who);
  if( words ) return words;
  for(int i=0; i<nm->n; i++) if( strcmp(nm->user[i], who)==0 ) return nm->name[i];
  return who;
}

/* The number of the step the case went to after visit v (the visit recorded next); 0 when none yet. */
static int visit_next_no(const Case *c, const CaseStep *v){
  const CaseStep *next = 0;
  for(int k=0; k<c->nsteps; k++){
    const CaseStep *w = &c->steps[k];
    if( w->id>v->id && (next==0 || w->id<next->id) ) next = w;
  }
  return next ? next->no : 0;
}

/* Where a decision's answer led: "Ya → langkah 6"; for "back", the step it went back to
** ("Ya → kembali ke langkah 8"), once the case has gone there. */
static void branch_words(Req *r, const Case *c, const Step *s, const CaseStep *v){
  int yes = util_str_eq(v->outcome, "yes");
  int to = yes ? s->yes_to : s->no_to;
  out(r, "<p class=\"branch\"><span class=\"tag branch-%h\">%h</span> → ", yes ? "yes" : "no", T(r, yes ? N_("Yes") : N_("No")));
  if( to==STEP_BACK && visit_next_no(c, v)>0 ){
    to = visit_next_no(c, v);
    out(r, "%h <a href=\"#langkah-%d\">%h %d</a></p>", T(r, "back to"), to, T(r, "step"), to);
  }
  else if( to==STEP_END ) out(r, "%h</p>", T(r, "end"));
  else if( to==STEP_BACK ) out(r, "%h</p>", T(r, "back to the step that led here"));
  else out(r, "<a href=\"#langkah-%d\">%h %d</a></p>", to, T(r, "step"), to);
}

/* When a visit's clock started: its own start, or for a standard counted after another step
** (10min office after step 6) when that step last ended before this visit began, as
** step_start() took it; 0 when it never ended. */
static int64_t visit_clock_start(const Case *c, const Step *s, const CaseStep *v){
  if( s==0 || s->std.kind!=STD_AFTER_STEP ) return v->started_at;
  int64_t from = 0;
  for(int k=0; k<c->nsteps; k++){
    const CaseStep *w = &c->steps[k];
    if( w->no==s->std.step && w->done_at && w->done_at<=v->started_at && w->done_at>from ) from = w->done_at;
  }
  return from;
}

/* The time a finished visit took, from when its clock started: in office time when its
** standard counts office time (the real time beside it when they differ), else in real time;
** for a standard counted after another step, said so ("11 menit setelah langkah 6 selesai"). */
static const char *visit_took(Req *r, const Calendar *cal, const Step *s, const CaseStep *v, int64_t from){
  if( from<=0 || from>v->done_at ) from = v->started_at;
  int64_t real = v->done_at - from;
  const char *took;
  if( cal==0 || s==0 || !STD_IS_OFFICE(&s->std) ) took = span_text(r, real);
  else{
    int64_t office = calendar_office_between(cal, from, v->done_at);
    took = office==real ? span_text(r, real)
         /* begun and done while the office was closed: no office time, not "0 seconds" of it */
         : office==0 ? arena_printf(&r->arena, T(r, "%s, outside office hours"), span_text(r, real))
         : arena_printf(&r->arena, "%s %s (%s)", report_duration_office(&r->arena, office, r->lang), T(r, "of office time"),
                        span_text(r, real));
  }
  if( s && s->std.kind==STD_AFTER_STEP && from!=v->started_at ){
    took = arena_printf(&r->arena, "%s %s", took, arena_printf(&r->arena, T(r, "after step %d ended"), s->std.step));
  }
  return took;
}

/* After the name of a user a step is assigned to: " — away (Cuti until 28 Nov), replaced by ani" when
** they are away today (their steps show in that one's tasks), else nothing. */
static void away_note(Req *r, int64_t office_id, const char *username){
  Absence away;
  User u, who;
  if( util_blank(username) || user_by_name(r->db, username, &u)!=OK
   || !absence_current(r->db, office_id, u.id, time_now(), &away, &r->arena) ) return;
  const char *stand = absence_stand_in(r->db, office_id, username, time_now(), &who, 0, &r->arena) ? who.username : away.replacement;
  out(r, " — <strong class=\"away\">%h (%h), %h <span class=\"mono\">%h</span></strong>", T(r, "away"),
      absence_words(r, away.kind, away.to), T(r, "replaced by"), stand);
}

/* Required item k of step s: the original's words, and on an English page its English beside when the file gives it. */
static void item_words(Req *r, const Step *s, int k){
  out(r, "%h", s->items.v[k]);
  if( web_lang_en(r) && k<s->items_en.n ) out(r, " <span class=\"muted\" lang=\"en\">(%h)</span>", s->items_en.v[k]);
}

/* One visit of a step: its clock beside the standard, who did it, the branch, the note. */
static void visit_block(Req *r, const ActorNames *nm, const Calendar *cal, const Case *c, const Step *s, const CaseStep *v,
                        int64_t now){
  out(r, "<div class=\"visit\">");
  int secs = s && STD_TO_SECOND(&s->std);   /* a standard of seconds: its times to the second */
  if( v->visit>1 ) out(r, "<p class=\"muted\">%h %d</p>", T(r, "Visit"), v->visit);
  if( v->done_at ){
    /* a visit the case's cancelling ended was not done: said so, and who cancelled */
    int cancelled = util_str_eq(v->outcome, "cancelled");
    out(r, "<p class=\"clock\"><span class=\"when\">%h</span> → <span class=\"when\">%h</span></p>",
        web_time_s(r, v->started_at, secs), web_time_s(r, v->done_at, secs));
    out(r, "<p>%h %h; ", T(r, cancelled ? N_("stopped when the case was cancelled, after") : N_("done in")),
        visit_took(r, cal, s, v, visit_clock_start(c, s, v)));
    if( s && s->std.kind!=STD_NONE ) out(r, "%h %h", T(r, "standard"), std_text(r, &s->std));
    else out(r, "%h", s ? std_text(r, &s->std) : "");
    if( v->paused_s>0 ) out(r, " · %h %h", T(r, "paused"), span_text(r, v->paused_s));
    out(r, "</p>");
    if( v->met==1 ) out(r, "<p><span class=\"tag ok\">%h</span></p>", T(r, "Met the standard"));
    else if( v->met==0 ) out(r, "<p><span class=\"tag bad\">%h</span> <span class=\"muted\">%h %h</span></p>",
                             T(r, "Breached the standard"), T(r, "due"), web_time_s(r, v->due_at, secs));
    if( s && s->question && (util_str_eq(v->outcome, "yes") || util_str_eq(v->outcome, "no")) ) branch_words(r, c, s, v);
    if( v->done_by ) out(r, "<p class=\"muted\">%h <span title=\"%h\">%h</span></p>", T(r, cancelled ? N_("cancelled by") : N_("by")),
                         v->done_by, actor_words(r, nm, v->done_by));
    if( v->items_checked && *v->items_checked && s ){
      out(r, "<p class=\"muted items-checked\">%h:", T(r, "Required items ticked"));
      for(const char *z = v->items_checked; *z; ){
        int k = atoi(z);
        if( k>=1 && k<=s->items.n ){ out(r, " ✓ "); item_words(r, s, k-1); }
        while( *z && *z!=',' ) z++;
        if( *z ) z++;
      }
      out(r, "</p>");
    }
  }else{
    out(r, "<p class=\"clock\">%h <span class=\"when\">%h</span></p>", T(r, "In progress since"), web_time_s(r, v->started_at, secs));
    if( v->held_since ){
      /* the clock stands still: the due time moves on by the office time held when it resumes */
      out(r, "<p><strong>%h %h</strong> <span class=\"tag held\">%h %h</span></p>", T(r, "Due"), web_time(r, v->due_at),
          T(r, "clock held since"), web_time(r, v->held_since));
    }else if( v->due_at>0 ){
      out(r, "<p><strong>%h %h</strong>", T(r, "Due"), web_time_s(r, v->due_at, secs));
      late_tag(r, cal, s && STD_IS_OFFICE(&s->std), v->due_at, now, 0);
      out(r, "</p>");
    }
    if( v->assigned_role || v->assigned_user ){
      out(r, "<p class=\"muted\">%h %h%R%h", T(r, "Assigned to"),
          v->assigned_role ? actor_label(r, v->assigned_role) : "",
          v->assigned_role && v->assigned_user ? " · " : "", v->assigned_user ? v->assigned_user : "");
      away_note(r, c->office_id, v->assigned_user);
      out(r, "</p>");
    }
  }
  if( v->note && *v->note ) out(r, "<blockquote class=\"note\">%h</blockquote>", case_note_text(&r->arena, v->note, r->lang));   /* Loket's own in the reader's language */
  out(r, "</div>");
}

/* The form that completes the open step: its required items as a checklist, its tasks, a note, the buttons. */
static void step_form(Req *r, const Case *c, const Procedure *p, const Step *s, const Err *e){
  out(r, "<form class=\"step-form no-print\" method=\"post\" action=\"/kasus/%t/langkah/%d\">", c->number, s->no);
  csrf_input(r);
  out(r, "<h3>%h</h3>", T(r, "Complete this step"));
  if( s->items.n ){
    out(r, "<fieldset class=\"checklist\"%R><legend>%h</legend>", field_attrs(r, e, "items"), T(r, "Required items"));
    for(int k=0; k<s->items.n; k++){
      /* shown again after a refusal: the boxes the officer ticked stay ticked */
      int ticked = 0;
      for(int i=0; strcmp(r->method, "POST")==0 && i<r->nform; i++){
        if( strcmp(r->form[i].name, "item")==0 && atoi(r->form[i].value)==k+1 ) ticked = 1;
      }
      /* a decision's boxes say what is there: "No" is the answer when one is missing */
      out(r, "<label class=\"check\"><input type=\"checkbox\" name=\"item\" value=\"%d\"%R%R> %R",
          k+1, s->question ? "" : " required", ticked ? " checked" : "", s->items_en.n && web_lang_en(r) ? "<span>" : "");
      item_words(r, s, k);   /* with its English: one span, one line of text in the label's flex row */
      out(r, "%R</label>", s->items_en.n && web_lang_en(r) ? "</span>" : "");
    }
    if( s->question ) out(r, "<p class=\"hint muted\">%h</p>", T(r, "Tick what is there: answering Yes needs every item, No records what was ticked"));
    field_error(r, e, "items");
    out(r, "</fieldset>");
  }
  if( s->ntasks ){
    out(r, "<p class=\"label\">%h</p><ol type=\"a\" class=\"tasks\">", T(r, "Tasks"));
    for(int k=0; k<s->ntasks; k++){
      out(r, "<li>%h <span class=\"muted\">(%h)</span></li>", s->tasks[k].text, std_text(r, &s->tasks[k].std));
    }
    out(r, "</ol>");
  }
  /* a later step naming the guest book records the guest's departure: nothing to fill in there */
  StrList regs = { arena_alloc(&r->arena, sizeof(char*)*(s->registers.n+1)), 0, s->registers.n+1 };
  for(int k=0; k<s->registers.n; k++){
    if( stepreg_departure(p, s, s->registers.v[k]) ) out(r, "<p class=\"hint muted\">%h</p>", T(r, "Guest book: the guest's departure is recorded"));
    else regs.v[regs.n++] = s->registers.v[k];
  }
  register_step_fields(r, &regs, e);
  const char *note = form_opt(r, "note");
  out(r, "<label for=\"note\">%h</label><textarea id=\"note\" name=\"note\" rows=\"3\" maxlength=\"2000\"%R>%h</textarea>",
      T(r, "Note (optional)"), field_attrs(r, e, "note"), note ? note : "");
  field_error(r, e, "note");
  if( s->question ){
    web_step_question(r, s);
    out(r, "<div class=\"actions\"><button type=\"submit\" name=\"outcome\" value=\"yes\">%h</button>"
           "<button type=\"submit\" name=\"outcome\" value=\"no\" class=\"secondary\">%h</button></div>",
        T(r, "Yes"), T(r, "No"));
  }else{
    out(r, "<div class=\"actions\"><button type=\"submit\" name=\"outcome\" value=\"done\">%h</button></div>",
        T(r, "Done"));
  }
  field_error(r, e, "outcome");
  out(r, "</form>");
}

/* The hidden was_role of a form about the open step: the role whose queue the page showed it in. */
static void was_role_input(Req *r, const CaseStep *open){
  out(r, "<input type=\"hidden\" name=\"was_role\" value=\"%h\">", open && open->assigned_role ? open->assigned_role : "");
}

/* The button that gives the open step s to the signed-in user (the role kept): "take" when
** nobody holds it, "take over" from the one who does; the holder shown goes along as was, its
** queue as was_role. */
static void take_form(Req *r, const Case *c, const Step *s, const CaseStep *open){
  const char *held = open && open->assigned_user ? open->assigned_user : "";
  if( open==0 || util_str_eq(held, r->username) || !case_user_may_take(s, r->roles) ) return;
  out(r, "<form method=\"post\" action=\"/kasus/%t/tugaskan\" class=\"take no-print\">", c->number);
  csrf_input(r);
  was_role_input(r, open);
  out(r, "<input type=\"hidden\" name=\"no\" value=\"%d\"><input type=\"hidden\" name=\"username\" value=\"%h\">"
         "<input type=\"hidden\" name=\"was\" value=\"%h\">", s->no, r->username, held);
  if( *held ) out(r, "<button type=\"submit\" class=\"secondary\">%h</button></form>",
                  arena_printf(&r->arena, T(r, "Take over from %s"), held));
  else out(r, "<button type=\"submit\" class=\"secondary\">%h</button></form>", T(r, "Take this step"));
}

/* Said above the case when the step the user meant to assign was taken by someone else
** meanwhile (e names username), or moved to another role's queue (e names role): who holds it
** now or which queue it is in, and the same assignment again, knowingly ("take over"). */
static void step_taken_box(Req *r, const Case *c, const Err *e){
  const CaseStep *open = 0;
  for(int i=0; i<c->nsteps; i++) if( c->steps[i].done_at==0 && c->steps[i].no==c->current_step ) open = &c->steps[i];
  const char *held = open && open->assigned_user ? open->assigned_user : "";
  const char *queue = open && open->assigned_role ? open->assigned_role : "";
  const char *role = form_trimmed(r, "role"), *user = form_opt(r, "username");
  const char *said = util_str_eq(e->field, "role")
    ? (*queue ? arena_printf(&r->arena, T(r, "This step has already been moved to the queue of role %s"), queue)
              : T(r, "This step is no longer in any role's queue"))
    : *held ? arena_printf(&r->arena, T(r, "This step has already been taken by %s"), held)
            : T(r, "This step is no longer assigned to anyone");
  out(r, "<div class=\"notice error step-taken\" role=\"alert\"><p>%h</p>", said);
  if( open==0 ){ out(r, "</div>"); return; }
  out(r, "<form method=\"post\" action=\"/kasus/%t/tugaskan\">", c->number);
  csrf_input(r);
  was_role_input(r, open);
  out(r, "<input type=\"hidden\" name=\"no\" value=\"%d\"><input type=\"hidden\" name=\"was\" value=\"%h\">",
      open->no, held);
  if( role ) out(r, "<input type=\"hidden\" name=\"role\" value=\"%h\">", role);
  out(r, "<input type=\"hidden\" name=\"username\" value=\"%h\">", user ? user : "");
  out(r, "<button type=\"submit\">%h</button> <a href=\"/kasus/%t\">%h</a></form></div>",
      T(r, *held ? N_("Take over") : N_("Assign")), c->number, T(r, "Leave it"));
}

/* The form that gives the open step s to a role and/or a user: the office's staff roles and
** the roles the step names; the active users who hold one of them. The current ones are chosen. */
static void assign_form(Req *r, const Case *c, const Step *s, const Err *e){
  const CaseStep *open = 0;
  for(int i=0; i<c->nsteps; i++) if( c->steps[i].done_at==0 && c->steps[i].no==s->no ) open = &c->steps[i];
  int posted = strcmp(r->method, "POST")==0 && (util_str_eq(e ? e->field : 0, "role") || util_str_eq(e ? e->field : 0, "username"));
  const char *role = posted ? form_opt(r, "role") : open ? open->assigned_role : 0;
  const char *user = posted ? form_opt(r, "username") : open ? open->assigned_user : 0;
  take_form(r, c, s, open);
  out(r, "<details class=\"assign no-print\"%R><summary>%h</summary>", posted ? " open" : "", T(r, "Assign this step"));
  out(r, "<form method=\"post\" action=\"/kasus/%t/tugaskan\" class=\"filters\">", c->number);
  csrf_input(r);
  out(r, "<input type=\"hidden\" name=\"no\" value=\"%d\">", s->no);   /* the step shown: not another that opened since */
  /* who the page showed holding it: someone else taking it meanwhile is not overwritten unseen */
  out(r, "<input type=\"hidden\" name=\"was\" value=\"%h\">", open && open->assigned_user ? open->assigned_user : "");
  was_role_input(r, open);
  out(r, "<div><label for=\"assign-role\">%h</label><select id=\"assign-role\" name=\"role\"%R><option value=\"\">%h</option>",
      T(r, "Role"), field_attrs(r, e, "role"), T(r, "None"));
  for(int i=0; i<ROLE_COUNT; i++){
    if( !case_role_may_take(s, i) ) continue;
    out(r, "<option value=\"%h\"%R>%h</option>", role_names[i], util_str_eq(role, role_names[i]) ? " selected" : "",
        T(r, role_label(i)));
  }
  out(r, "</select>");
  field_error(r, e, "role");
  out(r, "</div><div><label for=\"assign-user\">%h</label><select id=\"assign-user\" name=\"username\"%R><option value=\"\">%h</option>",
      T(r, "User"), field_attrs(r, e, "username"), T(r, "None"));
  UserRow *u = 0;
  int n = 0;
  user_list(r->db, c->office_id, 0, "active", USER_LIST_MAX, &u, &n, &r->arena);
  Absence *away;   /* who is away today: still chosen, said so */
  int naway;
  if( absence_today_list(r->db, c->office_id, time_now(), &away, &naway, &r->arena)!=OK ) naway = 0;
  for(int i=0; i<n; i++){
    if( !case_user_may_take(s, u[i].roles) ) continue;
    out(r, "<option value=\"%h\"%R>%h%R%h", u[i].username, util_str_eq(user, u[i].username) ? " selected" : "",
        u[i].username, *u[i].full_name ? " · " : "", u[i].full_name);
    for(int k=0; k<naway; k++){
      if( away[k].user_id==u[i].id ) out(r, " — %h (%h), %h %h", T(r, "away"), absence_words(r, away[k].kind, away[k].to),
                                         T(r, "replaced by"), away[k].replacement);
    }
    out(r, "</option>");
  }
  out(r, "</select>");
  field_error(r, e, "username");
  out(r, "</div><div class=\"actions\"><button type=\"submit\" class=\"secondary\">%h</button></div></form></details>",
      T(r, "Assign"));
}

/* What may be done to the case as a whole: cancel an open one (with a reason); reopen or
** archive a closed or cancelled one. */
static void case_actions(Req *r, const Case *c, const Err *e){
  if( util_str_eq(c->status, "open") ){
    int posted = util_str_eq(e ? e->field : 0, "reason");
    const char *reason = posted ? form_opt(r, "reason") : 0;
    out(r, "<details class=\"case-cancel no-print\"%R><summary>%h</summary>", posted ? " open" : "", T(r, "Cancel the case"));
    out(r, "<form method=\"post\" action=\"/kasus/%t/batalkan\">", c->number);
    csrf_input(r);
    out(r, "<label for=\"cancel-reason\">%h</label><textarea id=\"cancel-reason\" name=\"reason\" rows=\"2\" maxlength=\"500\" required%R>%h</textarea>",
        T(r, "Reason for cancelling"), field_attrs(r, e, "reason"), reason ? reason : "");
    field_error(r, e, "reason");
    out(r, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">%h</button></div></form></details>",
        T(r, "Cancel the case"));
  }else if( util_str_eq(c->status, "closed") || util_str_eq(c->status, "cancelled") ){
    out(r, "<div class=\"actions no-print\">");
    if( desk_step_owner(r->db, c, 0, 0)==0 ){   /* a request's or verification's case is not reopened (case.h) */
      out(r, "<form method=\"post\" action=\"/kasus/%t/buka-kembali\">", c->number);
      csrf_input(r);
      out(r, "<button type=\"submit\">%h</button></form>", T(r, "Reopen the case"));
    }
    out(r, "<form method=\"post\" action=\"/kasus/%t/arsipkan\">", c->number);
    csrf_input(r);
    out(r, "<button type=\"submit\" class=\"secondary\">%h</button></form></div>", T(r, "Archive the case"));
  }
}

/* The procedure as a timeline: every step in order, the visited ones with their clocks, the open one highlighted. */
static void case_timeline(Req *r, const ActorNames *nm, const Case *c, const Procedure *p, const Err *e){
  int64_t now = time_now();
  Calendar *cal = calendar_load(r->db, c->office_id);   /* NULL: times in real time only */
  int work = util_str_eq(c->status, "open") && (perm_allows(r->roles, "case.work")
             || (perm_allows(r->roles, "case.step") && case_open_step_is_mine(r->db, c, r->roles, r->username)));
  out(r, "<ol class=\"timeline\">");
  for(int i=0; i<p->nsteps; i++){
    const Step *s = &p->steps[i];
    int visits = 0, open = 0;
    for(int k=0; k<c->nsteps; k++){
      if( c->steps[k].no!=s->no ) continue;
      visits++;
      if( c->steps[k].done_at==0 ) open = 1;
    }
    open = open && c->current_step==s->no && util_str_eq(c->status, "open");
    out(r, "<li id=\"langkah-%d\" class=\"step %R\"%R><div class=\"step-head\"><span class=\"no\">%d</span><div>"
           "<p class=\"step-text\">%h</p>",
        s->no, open ? "current" : visits ? "visited" : "not-visited", open ? " aria-current=\"step\"" : "",
        s->no, s->text);
    if( web_lang_en(r) && s->text_en ) out(r, "<p class=\"muted\" lang=\"en\">%h</p>", s->text_en);
    out(r, "<p class=\"muted\">");
    for(int k=0; k<s->actors.n; k++) out(r, "%R%h", k ? ", " : "", actor_label(r, s->actors.v[k]));
    if( s->std.kind!=STD_NONE ) out(r, " · %h %h</p></div></div>", T(r, "standard"), std_text(r, &s->std));
    else out(r, " · %h</p></div></div>", std_text(r, &s->std));
    for(int k=0; k<c->nsteps; k++) if( c->steps[k].no==s->no ) visit_block(r, nm, cal, c, s, &c->steps[k], now);
    if( visits==0 ){
      out(r, "<p class=\"muted not-reached\">%h</p>",
          T(r, util_str_eq(c->status, "open") ? N_("Not reached yet") : N_("Not reached")));
    }
    if( open && work ){
      /* a step a service drives (a request's, a verification's, a training's): where it is done, not a form refused */
      const char *where = desk_step_owner(r->db, c, s->no, 0);
      if( where ) out(r, "<p class=\"step-owner no-print\" id=\"step-owner\">%h</p>", T(r, where));
      else step_form(r, c, p, s, e);
    }
    if( open && perm_allows(r->roles, "case.work") ) assign_form(r, c, s, e);
    out(r, "</li>");
  }
  /* a recorded step the procedure shown does not have (another revision) */
  for(int k=0; k<c->nsteps; k++){
    if( procedure_step(p, c->steps[k].no) ) continue;
    out(r, "<li class=\"step visited\"><div class=\"step-head\"><span class=\"no\">%d</span></div>", c->steps[k].no);
    visit_block(r, nm, cal, c, 0, &c->steps[k], now);
    out(r, "</li>");
  }
  out(r, "</ol>");
  if( cal ) calendar_free(cal);
}

/* Draw the case page; notice (a msgid) is shown above it, e under the step form or above it. */
static int case_page(Req *r, const Case *c, int status, const char *notice, const Err *e){
  const Procedure *p = case_procedure(r->db, c->procedure_id);
  ActorNames nm;
  actor_names(r, c, &nm);   /* who opened the case and did its steps: one query, not one a step */
  page_begin(r, "Case");
  if( notice ) page_notice(r, "error", T(r, notice));
  if( case_step_taken(e) ){   /* said with what to do about it, above the case; not under the form */
    step_taken_box(r, c, e);
    e = 0;
  }
  /* the fields of the page's forms show their error under them; another error is shown here */
  static const char *const fields[] = { "items", "note", "outcome", "reason", "role", "username", "body", "step", "file" };
  int at_field = 0;
  for(size_t k=0; e && k<COUNT(fields); k++) at_field |= util_str_eq(e->field, fields[k]);
  if( e && register_step_field_shown(e->field) ) at_field = 1;   /* a register's field in the step form */
  if( e && e->msg && !at_field ) page_notice(r, "error", T_err(r, e));
  out(r, "<p class=\"no-print\"><a href=\"/kasus\">%h</a> · <a href=\"/tugas\">%h</a></p>",
      T(r, "Back to the cases"), T(r, "My tasks"));
  page_print_head(r, T(r, "Case record"));
  out(r, "<section class=\"card case-head\"><h2><span class=\"mono\">%h</span> ", c->number);
  status_tag(r, c->status);
  if( c->priority ) out(r, " <span class=\"tag prio-%h\">%h %h</span>", c->priority, T(r, "Priority"),
                        T(r, label_of(priority_values, priority_labels, c->priority)));
  out(r, "</h2><p class=\"subject\">%h</p><dl class=\"facts\">", c->subject);
  out(r, "<dt>%h</dt><dd><span class=\"mono\">%h</span> · %h<br><span class=\"muted\">%h %h (%h %d)</span></dd>",
      T(r, "Procedure"), c->sop_code, p ? web_sop_title(r, p) : c->sop_title ? c->sop_title : "",
      T(r, "Revision"), c->revision ? c->revision : "—", T(r, "version"), c->revision_no);
  case_fact(r, N_("Channel"), T(r, label_of(channel_values, channel_labels, c->channel)));
  if( c->requester_name || c->requester_org ){
    out(r, "<dt>%h</dt><dd>%h%R%h</dd>", T(r, "Requester"), c->requester_name ? c->requester_name : "",
        c->requester_name && c->requester_org ? " · " : "", c->requester_org ? c->requester_org : "");
    if( c->org_given && c->requester_org ){
      /* the directory's entry (found by the NPWP given) under another name: the name given is
      ** kept, and whoever keeps the directory can rename the entry */
      out(r, "<dd class=\"muted org-given\">%h «%h»; %h «%h»", T(r, "Organisation as the requester named it:"), c->org_given,
          T(r, "in the directory:"), c->requester_org);
      if( perm_allows(r->roles, "directory.write") && c->org_id ){
        out(r, " · <a href=\"/direktori/%lld\">%h</a>", (long long)c->org_id, T(r, "update the directory"));
      }
      out(r, "</dd>");
    }
  }
  if( c->urgency || c->impact ){
    out(r, "<dt>%h</dt><dd>%h · %h</dd>", T(r, "Urgency and impact"),
        T(r, label_of(urgency_values, urgency_labels, c->urgency)), T(r, label_of(impact_values, impact_labels, c->impact)));
  }
  out(r, "<dt>%h</dt><dd>%h", T(r, "Opened"), web_time(r, c->opened_at));
  if( c->opened_by ) out(r, " · %h %h", T(r, "by"), actor_words(r, &nm, c->opened_by));
  out(r, "</dd>");
  /* the events its standards count from (a training's start and end): as given when it was opened */
  CalEvent ev[4];
  int nev = case_event_list(r->db, c->id, ev, (int)COUNT(ev), &r->arena);
  for(int i=0; i<nev; i++){
    for(int k=0; sop_events[k] && k<(int)COUNT(event_labels); k++){
      if( strcmp(sop_events[k], ev[i].name)==0 ) case_fact(r, event_labels[k], web_time(r, ev[i].at));
    }
  }
  /* a target still to reach is late past its due time while the case is open and its clock runs */
  int64_t late_at = util_str_eq(c->status, "open") && !case_paused(r->db, c) ? time_now() : 0;
  Calendar *cal = late_at ? calendar_load(r->db, c->office_id) : 0;
  case_target_fact(r, cal, N_("Response due"), c->response_due_at, c->response_met, c->responded_at, N_("responded"), late_at);
  case_target_fact(r, cal, N_("Resolution due"), c->resolution_due_at, c->resolution_met,
                   c->resolution_met>=0 ? c->closed_at : 0, N_("resolved"), late_at);
  if( cal ) calendar_free(cal);
  if( c->closed_at ){
    out(r, "<dt>%h</dt><dd>%h · %h %h</dd>", T(r, util_str_eq(c->status, "cancelled") ? N_("Cancelled") : N_("Closed")),
        web_time(r, c->closed_at), T(r, "after"), span_text(r, c->closed_at - c->opened_at));
  }
  case_fact(r, N_("Reason for cancelling"), c->cancel_reason);
  out(r, "</dl>");
  if( perm_allows(r->roles, "case.work") ) case_actions(r, c, e);
  out(r, "</section>");

  out(r, "<h2>%h</h2>", T(r, "Steps of the procedure"));
  if( p==0 ){
    page_notice(r, "info", T(r, "The procedure of this case cannot be read: only the recorded steps are shown"));
  }
  if( p ) case_timeline(r, &nm, c, p, e);
  else{
    Procedure none;
    memset(&none, 0, sizeof none);
    case_timeline(r, &nm, c, &none, e);
  }
  /* -- notes and attachments (web/attachments.c): the lists, the note form, the upload form -- */
  case_extras(r, c, e);
  /* -- the knowledge base and the public portal (web/kb.c, web/portal.c) -- */
  kb_case_panel(r, c);
  portal_case_panel(r, c);
  register_case_panel(r, c);     /* the register entries written for the case (web/registers.c) */
  helpdesk_case_links(r, c);     /* escalation, hand-over, the knowledge base (web/helpdesk.c) */
  return page_end(r, status);
}

/* The case page answered with status after a refused note or upload, e's error under its
** field; c is freed. */
int case_refused(Req *r, Case *c, int status, const Err *e){
  int rc = case_page(r, c, status, 0, e);
  case_free(c);
  return rc;
}

/* The case named in the path, of this office; else answer 404 and give NULL. */
Case *case_from_path(Req *r){
  Case *c = 0;
  const char *number = req_param(r, "number");
  int rc = number ? case_get(r->db, r->office_id, number, &c) : ERR_NOTFOUND;
  if( rc==OK ) return c;
  if( rc==ERR_NOTFOUND ) reply_error(r, 404, "not_found", 0, "Case not found");
  else reply_error(r, 500, "internal", 0, "The database failed");
  return 0;
}

/* GET /kasus/:number: the case and its procedure as a timeline. */
int page_case(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  int rc = case_page(r, c, 200, 0, 0);
  case_free(c);
  return rc;
}

/* The numbers of the checklist's boxes ticked in the posted form (a value that is not a
** number counts as 0, which the engine refuses). */
static int *ticked_items(Req *r, int *n){
  req_form(r, "item");   /* parses the body */
  int *v = arena_alloc(&r->arena, sizeof(int)*(size_t)(r->nform+1));
  *n = 0;
  for(int i=0; i<r->nform; i++){
    if( strcmp(r->form[i].name, "item") ) continue;
    char *end;
    long k = strtol(r->form[i].value, &end, 10);
    v[(*n)++] = (*end || k<1 || k>1000) ? 0 : (int)k;
  }
  return v;
}

/* The register values posted with a step ("agenda.letter_no" …): those filled in, of the
** registers the form shows (a register with none filled in is written from the case). */
static void step_registers_taken(Req *r, StepRegs *g){
  memset(g, 0, sizeof *g);
  req_form(r, "note");   /* parses the body */
  for(int i=0; i<r->nform; i++){
    const char *dot = strchr(r->form[i].name, '.');
    if( dot==0 || util_blank(r->form[i].value) ) continue;
    char name[32];
    snprintf(name, sizeof name, "%.*s", (int)(dot - r->form[i].name), r->form[i].name);
    const Register *reg = register_named(name);
    int k = reg ? register_field(reg, dot+1) : -1;
    if( k<0 || reg->fields[k].state ) continue;
    int gi = (int)(reg - register_at(0));
    g->in[gi].v[k] = r->form[i].value;
    g->given[gi] = 1;
  }
}

/* Load *c again as stored now (after a change rolled back or made by someone else); the
** old one is freed. OK, or the failure with *c NULL. */
static int case_reload(Req *r, Case **c){
  const char *number = arena_strdup(&r->arena, (*c)->number);
  case_free(*c);
  *c = 0;
  return case_get(r->db, r->office_id, number, c);
}

/* After an action on the case: to the case with ok (a msgid) when it went through; else the
** case as stored now with the error (under its field when the form shows one). */
static int case_action_reply(Req *r, Case *c, int rc, Err *e, const char *ok){
  if( rc==OK ){
    const char *to = arena_printf(&r->arena, "/kasus/%t?ok=%t", c->number, ok);
    case_free(c);
    return reply_redirect(r, to);
  }
  if( case_reload(r, &c)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  if( e->msg==0 ) ERR_SET(e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
  rc = case_page(r, c, http_status_of(rc), 0, e);
  case_free(c);
  return rc;
}

/* POST /kasus/:number/langkah/:no: complete the open step with the outcome of the button pressed. */
int page_case_step(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  const char *zno = req_param(r, "no");
  char *end = 0;
  long no = zno ? strtol(zno, &end, 10) : 0;
  if( zno==0 || *zno==0 || *end || no<1 || no>10000 ){
    case_free(c);
    return reply_error(r, 404, "not_found", 0, "No such step");
  }
  const char *outcome = form_opt(r, "outcome");
  Err e = {0};
  int rc;
  int nitems;
  const int *items = ticked_items(r, &nitems);
  StepRegs regs;
  step_registers_taken(r, &regs);
  Actor a = req_actor(r);
  rc = stepreg_complete(r->db, &a, r->roles, r->office_tz, c, (int)no, outcome, form_opt(r, "note"), items, nitems,
                        &regs, &e, &r->arena);
  if( rc==ERR_INVALID && e.field && strncmp(e.field, "items[", 6)==0 ) e.field = "items";   /* the form's checklist as a whole */
  if( rc==ERR_CONFLICT && !util_str_eq(e.field, "no") ){
    /* someone else moved the case on: show it as it is now */
    if( case_reload(r, &c)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
    rc = case_page(r, c, 409, N_("This step is not the open step of the case any more: the page shows the case as it is now"), 0);
    case_free(c);
    return rc;
  }
  /* done: the engine has refreshed c, its status tells whether the step was the last; refused:
  ** the step's transaction was rolled back, the case is shown as stored, the form as posted */
  return case_action_reply(r, c, rc, &e, util_str_eq(c->status, "open") ? N_("Step completed")
                                                                       : N_("Step completed: the case is closed"));
}

/* -- archive (priority/numbering/archive work) -- */
/* POST /kasus/:number/arsipkan: archive a closed or cancelled case. */
int page_case_archive(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  int rc = case_archive(r->db, &a, c, &e);
  return case_action_reply(r, c, rc, &e, N_("The case is archived"));
}
/* -- end archive -- */

/* POST /kasus/:number/batalkan (reason): cancel an open case. */
int page_case_cancel(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  const char *reason = form_opt(r, "reason");
  int rc = case_cancel(r->db, &a, c, reason ? reason : "", &e);
  return case_action_reply(r, c, rc, &e, N_("The case is cancelled"));
}

/* POST /kasus/:number/buka-kembali: reopen a closed or cancelled case (its last step starts again). */
int page_case_reopen(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  int rc = case_reopen(r->db, &a, c, &e);
  return case_action_reply(r, c, rc, &e, N_("The case is open again"));
}

/* POST /kasus/:number/tugaskan (role, username; "" for none; role absent: kept; was: who the page
** showed holding the step; was_role: the role whose queue it showed it in): assign the open step. */
int page_case_assign(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  const char *role = form_trimmed(r, "role"), *user = form_opt(r, "username"), *no = form_opt(r, "no");
  int rc = case_assign_if(r->db, &a, c, no ? atoi(no) : 0, role, user ? user : "", form_trimmed(r, "was"), form_opt(r, "was_role"), 0, 0,
                          r->lang, &r->arena, &e);
  /* "none" for both: the assignment taken off, which the page says as such, not "assigned" */
  int cleared = role && !*role && (user==0 || util_blank(user));
  return case_action_reply(r, c, rc, &e, cleared ? N_("This step is no longer assigned to anyone") : N_("The step is assigned"));
}
