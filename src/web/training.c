/*
** training.c — trainings of SPSE users (BTG-005) as pages: the list and the
** calendar of trainings, the plan form, a training's page (approval, the
** preparation checklist with due dates, participants, sessions with the sign-in
** sheet and Q&A time, the Q&A log, the questionnaire's results with charts), the
** sign-in sheet (printable, and ticked on a tablet), the QR code for the room, the
** report form; and the portal: open trainings, registration, attendance
** confirmation, the questionnaire on a phone.
*/
#include "web.h"
#include "../desk/training.h"
#include "../desk/portal.h"
#include "../report/training_report.h"
#include "../sop/attach.h"
#include "../sop/case.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A positive id from a path parameter or form field; 0 when it is not one. */
static int64_t num(const char *z){
  if( z==0 || *z==0 || strlen(z)>18 ) return 0;
  char *end;
  long long v = strtoll(z, &end, 10);
  return *end==0 && v>0 ? (int64_t)v : 0;
}

/* The status of a training in words (a msgid). */
static const char *status_word(const char *s){
  if( strcmp(s, "plan")==0 ) return N_("Plan awaiting approval");
  if( strcmp(s, "approved")==0 ) return N_("Approved: in preparation");
  if( strcmp(s, "held")==0 ) return N_("Held: report due");
  if( strcmp(s, "reported")==0 ) return N_("Reported");
  return N_("Cancelled");
}

/* Redirect to a training's page with a message of the catalog. */
static int back(Req *r, int64_t id, const char *msg, const char *anchor){
  return reply_redirect(r, arena_printf(&r->arena, "/pelatihan/%lld?ok=%t#%t", (long long)id, msg, anchor));
}

/* A failure with no form to show again (not found, the database): an error page with the message. */
static int fail(Req *r, int rc, const Err *e){
  const char *msg = e && e->msg ? e->msg : rc==ERR_NOTFOUND ? N_("Not found") : N_("Request failed");
  return reply_error(r, http_status_of(rc), http_code_of(rc), e ? e->field : 0, T_n(r, msg, e ? e->n : 0));
}

/* GET /pelatihan: the office's trainings from today (or ?semua=1: all). */
int page_trainings(Req *r){
  int all = *query_trimmed(r, "semua")!=0;
  TrainingRow *v;
  int n;
  int rc = training_list(r->db, r->office_id, all ? 0 : time_now() - 86400*30, 0, 0, &v, &n, &r->arena);
  if( rc!=OK ) return fail(r, rc, 0);
  page_begin(r, "Trainings");
  out(r, "<p class=\"actions\">");
  if( perm_allows(r->roles, "training.write") ) out(r, "<a class=\"button\" href=\"/pelatihan/baru\">%h</a> ", T(r, "New training plan"));
  out(r, "<a href=\"/pelatihan/kalender\">%h</a> · <a href=\"/portal/pelatihan\">%h</a> · <a href=\"/pelatihan?semua=1\">%h</a></p>",
      T(r, "Calendar of trainings"), T(r, "Portal"), T(r, "All trainings"));
  if( n==0 ){ out(r, "<p>%h</p>", T(r, "No trainings yet.")); return page_end(r, 200); }
  out(r, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "When"), T(r, "Training"), T(r, "Venue"), T(r, "Participants"), T(r, "Status"));
  for(int i=0; i<n; i++){
    out(r, "<tr><td>%h</td><td><a href=\"/pelatihan/%lld\">%h</a><br><small>%h</small></td><td>%h</td><td>%d / %d</td><td>%h</td></tr>",
        web_span(r, v[i].starts_at, v[i].ends_at), (long long)v[i].id, v[i].title, v[i].number, v[i].venue, v[i].seats, v[i].capacity,
        T(r, status_word(v[i].status)));
  }
  out(r, "</tbody></table></div>");
  return page_end(r, 200);
}

/* The holidays of a month by day of the month (1..31), for month_grid. */
typedef struct MonthHolidays { const char *name[32]; const char *month; Arena *a; } MonthHolidays;
/* One holiday of the month into its day (the first name of a day kept). */
static void month_holiday(void *ctx, const HolidayRow *h){
  MonthHolidays *m = ctx;
  int d = atoi(h->day + 8);
  if( strncmp(h->day, m->month, 7)==0 && d>=1 && d<=31 && m->name[d]==0 ) m->name[d] = arena_strdup(m->a, h->name);
}

/* The month calendar of trainings (staff and portal): ?bulan=YYYY-MM, weeks from Monday; the
** office's holidays named on their days, so a training is not planned on one unawares. */
static void month_grid(Req *r, int64_t office_id, const char *tz, const char *base, int portal){
  const char *m = query_trimmed(r, "bulan");
  char day[11];
  int y, mo;
  if( strlen(m)!=7 || sscanf(m, "%4d-%2d", &y, &mo)!=2 || mo<1 || mo>12 || y<2000 || y>2100 ){
    /* none asked: this month; one that is not a month: this month, saying so */
    if( *m ) page_notice(r, "error", arena_printf(&r->arena, "%s: %s", "bulan", T(r, "must be a month YYYY-MM (2000-2100); this month is shown")));
    register_today(day, time_now(), tz);
    sscanf(day, "%4d-%2d", &y, &mo);
  }
  char first[32], next[32], prevm[32], nextm[32];
  snprintf(first, sizeof first, "%04d-%02d-01", y, mo);
  snprintf(next, sizeof next, "%04d-%02d-01", mo==12 ? y+1 : y, mo==12 ? 1 : mo+1);
  snprintf(prevm, sizeof prevm, "%04d-%02d", mo==1 ? y-1 : y, mo==1 ? 12 : mo-1);
  snprintf(nextm, sizeof nextm, "%04d-%02d", mo==12 ? y+1 : y, mo==12 ? 1 : mo+1);
  int64_t from, to, d0, d1;
  time_parse_day(first, tz, &from);
  time_parse_day(next, tz, &to);
  calendar_day_number(first, &d0);
  calendar_day_number(next, &d1);
  TrainingRow *v;
  int n;
  if( training_list(r->db, office_id, from, to, portal, &v, &n, &r->arena)!=OK ) n = 0;
  TrainingSpan *sp;   /* its sessions: a training of several days is shown on the days it meets */
  int nsp;
  if( training_spans(r->db, office_id, from, to, &sp, &nsp, &r->arena)!=OK ) nsp = 0;
  MonthHolidays hol;
  memset(&hol, 0, sizeof hol);
  hol.month = first;
  hol.a = &r->arena;
  char last[11];
  calendar_day_text(d1 - 1, last);
  calendar_holidays_each(r->db, office_id, first, last, month_holiday, &hol);
  char title[64];
  time_fmt_month(title, sizeof title, from + 86400*2, tz, r->lang, 0);
  /* the portal's months keep the page's office (?office=KAB) */
  const char *prevh = arena_printf(&r->arena, "%s?bulan=%s", base, prevm), *nexth = arena_printf(&r->arena, "%s?bulan=%s", base, nextm);
  if( portal ){ prevh = portal_href(r, prevh); nexth = portal_href(r, nexth); }
  out(r, "<nav class=\"month\"><a href=\"%h\">‹ %h</a> <strong>%h</strong> <a href=\"%h\">%h ›</a></nav>",
      prevh, T(r, "Previous"), title, nexth, T(r, "Next"));
  static const char *const wd[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  out(r, "<table class=\"calendar-month\"><thead><tr>");
  for(int i=0; i<7; i++) out(r, "<th>%h</th>", T(r, wd[i]));
  out(r, "</tr></thead><tbody><tr>");
  int lead = (int)(((d0 % 7) + 7 + 3) % 7);   /* 1970-01-01 was a Thursday: Monday-first column */
  for(int i=0; i<lead; i++) out(r, "<td></td>");
  int col = lead;
  for(int64_t d=d0; d<d1; d++){
    char dz[11];
    calendar_day_text(d, dz);
    int64_t ds, de;
    time_parse_day(dz, tz, &ds);
    de = ds + 86400;
    const char *hname = hol.name[d-d0+1];
    out(r, "<td%R><span class=\"day\">%d</span>", hname ? " class=\"holiday\"" : "", (int)(d-d0+1));
    if( hname ) out(r, "<span class=\"holiday\">%h: %h</span>", T(r, "a holiday"), hname);
    for(int i=0; i<n; i++){
      int meets = 0, sessions = 0;
      for(int k=0; k<nsp; k++){
        if( sp[k].training_id!=v[i].id ) continue;
        sessions++;
        if( sp[k].starts_at<de && sp[k].ends_at>ds ) meets = 1;
      }
      if( sessions==0 ) meets = v[i].starts_at<de && v[i].ends_at>=ds;   /* none read: its whole span */
      if( meets ){
        if( portal && v[i].starts_at<=time_now() ) out(r, "<span class=\"event\">%h</span>", v[i].title);   /* begun: no registering */
        else if( portal ) out(r, "<a class=\"event\" href=\"/portal/pelatihan/%lld/daftar\">%h</a>", (long long)v[i].id, v[i].title);
        else if( strcmp(v[i].status, "cancelled")==0 )   /* kept on the staff's calendar, marked */
          out(r, "<a class=\"event cancelled\" href=\"/pelatihan/%lld\"><s>%h</s> (%h)</a>", (long long)v[i].id, v[i].title, T(r, "Cancelled"));
        else out(r, "<a class=\"event\" href=\"/pelatihan/%lld\">%h</a>", (long long)v[i].id, v[i].title);
      }
    }
    out(r, "</td>");
    if( ++col==7 && d+1<d1 ){ out(r, "</tr><tr>"); col = 0; }
  }
  while( col++<7 ) out(r, "<td></td>");
  out(r, "</tr></tbody></table>");
}

/* GET /pelatihan/kalender: the month's trainings. */
int page_training_calendar(Req *r){
  page_begin(r, "Calendar of trainings");
  month_grid(r, r->office_id, r->office_tz ? r->office_tz : "WIB", "/pelatihan/kalender", 0);
  return page_end(r, 200);
}

/* A value of the plan form: as posted, else the plan's own (when editing). */
static const char *fv(Req *r, const Field *pre, int npre, const char *name){
  const char *v = form_trimmed(r, name);
  if( v || r->nform>0 ) return v;
  for(int i=0; i<npre; i++) if( strcmp(pre[i].name, name)==0 ) return pre[i].value;
  return 0;
}

/* An audience of a training in words: a requester role by its label, else the office's words. */
static const char *audience_label(Req *r, const char *a){
  return T(r, training_audience_label(a));
}

/* A session's field: from the form posted (from_form), else from the plan's fields pre. */
static const char *session_value(Req *r, const Field *pre, int npre, const char *name, int from_form){
  if( from_form ) return form_trimmed(r, name);
  for(int i=0; i<npre; i++) if( strcmp(pre[i].name, name)==0 ) return pre[i].value;
  return 0;
}

/* A fieldset's attributes for the fields of its group (names, 0-terminated): marked invalid and
** described by each error shown under it (field_error's ids), or nothing when none is shown. */
static const char *group_attrs(Req *r, const Err *e, const char *const *names){
  const char *ids = 0;
  for(int i=0; names[i]; i++){
    if( !err_about(e, names[i]) ) continue;
    ids = ids ? arena_printf(&r->arena, "%s %h-error", ids, names[i]) : arena_printf(&r->arena, "%h-error", names[i]);
  }
  return ids ? arena_printf(&r->arena, " aria-invalid=\"true\" aria-describedby=\"%s\"", ids) : "";
}

static const char *const audience_fields[] = { "audience", 0 };
static const char *const session_fields[] = { "sessions", "sessions.title", "sessions.starts_at", "sessions.ends_at", 0 };

/* The sessions' rows of a form (title, date, start, end; s1_title…), filled from the form posted
** or from pre, with one empty row to add and four at least; then their errors. */
static void session_rows(Req *r, const Err *e, const Field *pre, int npre, int from_form){
  int rows = 4;
  for(int i=1; i<=TRAINING_MAX_SESSIONS; i++){
    const char *t = session_value(r, pre, npre, arena_printf(&r->arena, "s%d_title", i), from_form);
    const char *d = session_value(r, pre, npre, arena_printf(&r->arena, "s%d_date", i), from_form);
    if( (t && *t) || (d && *d) ) rows = i+1 > rows ? i+1 : rows;
  }
  if( rows>TRAINING_MAX_SESSIONS ) rows = TRAINING_MAX_SESSIONS;
  for(int i=1; i<=rows; i++){
    char k1[16], k2[16], k3[16], k4[16];
    snprintf(k1, sizeof k1, "s%d_title", i); snprintf(k2, sizeof k2, "s%d_date", i);
    snprintf(k3, sizeof k3, "s%d_start", i); snprintf(k4, sizeof k4, "s%d_end", i);
    const char *a = session_value(r, pre, npre, k1, from_form), *b = session_value(r, pre, npre, k2, from_form);
    const char *c = session_value(r, pre, npre, k3, from_form), *d = session_value(r, pre, npre, k4, from_form);
    out(r, "<div class=\"row\"><input name=\"%h\" placeholder=\"%h %d\" aria-label=\"%h %d\" value=\"%h\">"
           "<input type=\"date\" name=\"%h\" aria-label=\"%h\" value=\"%h\"><input type=\"time\" name=\"%h\" aria-label=\"%h\" value=\"%h\">"
           "<input type=\"time\" name=\"%h\" aria-label=\"%h\" value=\"%h\"></div>",
        k1, T(r, "Session"), i, T(r, "Session"), i, a ? a : "", k2, T(r, "Date"), b ? b : "", k3, T(r, "Starts"), c ? c : "",
        k4, T(r, "Ends"), d ? d : "");
  }
  for(int i=0; session_fields[i]; i++) field_error(r, e, session_fields[i]);
}

/* The plan form at action, with the values given (or the plan's, pre) and the error (when re-shown). */
static void plan_form(Req *r, const Err *e, const char *action, const Field *pre, int npre){
  const char *v;
  out(r, "<form method=\"post\" action=\"%h\" class=\"card form\">", action);
  csrf_input(r);
  v = fv(r, pre, npre, "title");
  out(r, "<div><label for=\"t-title\">%h</label><input id=\"t-title\" name=\"title\" required maxlength=\"200\" value=\"%h\"%R>",
      T(r, "Title"), v ? v : "", field_attrs(r, e, "title"));
  field_error(r, e, "title");
  v = fv(r, pre, npre, "description");
  out(r, "</div><div><label for=\"t-desc\">%h</label><textarea id=\"t-desc\" name=\"description\" rows=\"3\"%R>%h</textarea>",
      T(r, "Description"), field_attrs(r, e, "description"), v ? v : "");
  field_error(r, e, "description");
  out(r, "</div>");
  out(r, "<fieldset%R><legend>%h</legend>", group_attrs(r, e, audience_fields), T(r, "Audience"));
  for(int i=0; training_audiences[i]; i++){
    int on = 0;
    for(int k=0; k<r->nform; k++) if( strcmp(r->form[k].name, "audience")==0 && strcmp(r->form[k].value, training_audiences[i])==0 ) on = 1;
    for(int k=0; r->nform==0 && k<npre; k++) if( strcmp(pre[k].name, "audience")==0 && strcmp(pre[k].value, training_audiences[i])==0 ) on = 1;
    out(r, "<label class=\"check\"><input type=\"checkbox\" name=\"audience\" value=\"%h\"%R> %h</label> ", training_audiences[i],
        on ? " checked" : "", audience_label(r, training_audiences[i]));
  }
  field_error(r, e, "audience");
  v = fv(r, pre, npre, "capacity");
  out(r, "</fieldset><div><label for=\"t-cap\">%h</label><input id=\"t-cap\" name=\"capacity\" type=\"number\" min=\"1\" max=\"10000\" required value=\"%h\"%R>",
      T(r, "Capacity"), v ? v : "30", field_attrs(r, e, "capacity"));
  field_error(r, e, "capacity");
  v = fv(r, pre, npre, "venue");
  out(r, "</div><div><label for=\"t-venue\">%h</label><input id=\"t-venue\" name=\"venue\" required maxlength=\"200\" value=\"%h\"%R>",
      T(r, "Venue"), v ? v : "", field_attrs(r, e, "venue"));
  field_error(r, e, "venue");
  v = fv(r, pre, npre, "facilities");
  out(r, "</div><div><label for=\"t-fac\">%h</label><textarea id=\"t-fac\" name=\"facilities\" rows=\"3\"%R>%h</textarea>",
      T(r, "Facilities (one per line: room, internet, catering…)"), field_attrs(r, e, "facilities"), v ? v : "Ruang pelatihan\nAkses internet\nKonsumsi");
  field_error(r, e, "facilities");
  out(r, "</div>");
  v = fv(r, pre, npre, "trainers");
  out(r, "<div><label for=\"t-tr\">%h</label><textarea id=\"t-tr\" name=\"trainers\" rows=\"2\"%R>%h</textarea>",
      T(r, "Trainers (one per line)"), field_attrs(r, e, "trainers"), v ? v : "");
  field_error(r, e, "trainers");
  out(r, "</div><fieldset%R><legend>%h</legend>", group_attrs(r, e, session_fields), T(r, "Sessions"));
  session_rows(r, e, pre, npre, r->nform>0);
  v = fv(r, pre, npre, "budget");
  const char *bad_budget = err_about(e, "budget") ? "budget" : err_about(e, "budget.item") ? "budget.item" : "budget.amount";
  out(r, "</fieldset><div><label for=\"t-bud\">%h</label><textarea id=\"t-bud\" name=\"budget\" rows=\"3\" placeholder=\"Konsumsi | 1500000\"%R>%h</textarea>",
      T(r, "Budget lines (item | amount in rupiah, one per line)"), field_attrs(r, e, bad_budget), v ? v : "");
  field_error(r, e, "budget");
  field_error(r, e, "budget.item");
  field_error(r, e, "budget.amount");
  TqTemplate *tv = 0;
  int tn = 0;
  tq_template_list(r->db, r->office_id, &tv, &tn, &r->arena);
  v = fv(r, pre, npre, "questionnaire");
  out(r, "</div><div><label for=\"t-q\">%h</label><select id=\"t-q\" name=\"questionnaire\">", T(r, "Questionnaire"));
  for(int i=0; i<tn; i++){
    out(r, "<option value=\"%lld\"%R>%h</option>", (long long)tv[i].id, v && num(v)==tv[i].id ? " selected" : "", tv[i].name);
  }
  out(r, "</select> <a href=\"/pelatihan/kuesioner\">%h</a>", T(r, "Questionnaire templates"));
  field_error(r, e, "questionnaire");
  v = fv(r, pre, npre, "portal");
  out(r, "</div><div><label class=\"check\"><input type=\"checkbox\" name=\"portal\" value=\"1\"%R> %h</label></div>",
      v || (r->nform==0 && npre==0) ? " checked" : "", T(r, "Open for registration on the portal"));
  out(r, "<p><button type=\"submit\">%h</button></p></form>", T(r, "Save the plan"));
}

/* GET /pelatihan/baru: the plan form. */
int page_training_new(Req *r){
  page_begin(r, "New training plan");
  plan_form(r, 0, "/pelatihan/baru", 0, 0);
  return page_end(r, 200);
}

/* Split text into trimmed lines (at most max) in the request's arena. */
static int lines(Req *r, const char *z, const char **out, int max){
  int n = 0;
  char *copy = arena_strdup(&r->arena, z ? z : "");
  for(char *save = 0, *t = strtok_r(copy, "\r\n", &save); t && n<max; t = strtok_r(0, "\r\n", &save)){
    t = util_trim(t);
    if( *t ) out[n++] = t;
  }
  return n;
}

/* The sessions of a posted form (rows with a title or a date) into v; how many. */
static int sessions_from_form(Req *r, TrainingSessionIn *v){
  int n = 0;
  for(int i=1; i<=TRAINING_MAX_SESSIONS; i++){
    char k1[16], k2[16], k3[16], k4[16];
    snprintf(k1, sizeof k1, "s%d_title", i); snprintf(k2, sizeof k2, "s%d_date", i);
    snprintf(k3, sizeof k3, "s%d_start", i); snprintf(k4, sizeof k4, "s%d_end", i);
    const char *a = form_trimmed(r, k1), *b = form_trimmed(r, k2), *c = form_trimmed(r, k3), *d = form_trimmed(r, k4);
    if( (a==0 || !*a) && (b==0 || !*b) ) continue;
    v[n++] = (TrainingSessionIn){ a, arena_printf(&r->arena, "%s %s", b ? b : "", c ? c : ""),
                                  arena_printf(&r->arena, "%s %s", b ? b : "", d ? d : "") };
  }
  return n;
}

/* Read the posted plan form into in; e set when a line cannot be read. */
static void plan_from_form(Req *r, TrainingNew *in_, Err *e_){
  TrainingNew in;
  memset(&in, 0, sizeof in);
  in.title = form_trimmed(r, "title");
  in.description = form_trimmed(r, "description");
  in.venue = form_trimmed(r, "venue");
  const char **aud = arena_alloc(&r->arena, sizeof(char*)*8), **fac = arena_alloc(&r->arena, sizeof(char*)*TRAINING_MAX_FACILITIES);
  const char **tr = arena_alloc(&r->arena, sizeof(char*)*16), *bl[TRAINING_MAX_BUDGET];
  for(int k=0; k<r->nform && in.naudience<8; k++) if( strcmp(r->form[k].name, "audience")==0 ) aud[in.naudience++] = r->form[k].value;
  in.audience = aud;
  in.nfacilities = lines(r, form_trimmed(r, "facilities"), fac, TRAINING_MAX_FACILITIES);
  in.facilities = fac;
  in.ntrainers = lines(r, form_trimmed(r, "trainers"), tr, 16);
  in.trainers = tr;
  const char *cap = form_trimmed(r, "capacity");
  in.capacity = cap && num(cap)<=10000 ? (int)num(cap) : 0;
  in.portal = form_trimmed(r, "portal")!=0;
  in.template_id = num(form_trimmed(r, "questionnaire"));
  Err e = {0};
  in.nsessions = sessions_from_form(r, in.sessions);
  int nb = lines(r, form_trimmed(r, "budget"), bl, TRAINING_MAX_BUDGET);
  for(int i=0; i<nb; i++){
    char *bar = strchr(bl[i], '|');
    if( bar==0 ){ ERR_SET(&e, "budget", N_("must be lines of item | amount")); break; }
    *bar = 0;
    char *amount = util_trim(bar+1), *p = amount, *q = amount;
    for(; *p; p++) if( *p!='.' && *p!=' ' ) *q++ = *p;   /* 1.500.000 as people write it */
    *q = 0;
    char *end;
    long long a = strtoll(amount, &end, 10);
    if( *amount==0 || *end ){ ERR_SET(&e, "budget", N_("must be lines of item | amount")); break; }
    in.budget[in.nbudget++] = (TrainingBudget){ util_trim((char*)bl[i]), a };
  }
  *in_ = in;
  *e_ = e;
}

/* The fields the plan form shows an error under (plan_form). */
static const char *const plan_shown[] = { "title", "description", "audience", "capacity", "venue", "facilities", "trainers",
  "sessions", "sessions.title", "sessions.starts_at", "sessions.ends_at", "budget", "budget.item", "budget.amount", "questionnaire", 0 };

/* A posted plan form read into in, its errors into e: a budget line that cannot be read is said
** with every other field that is wrong, not alone. ERR_INVALID when there is one. */
static int plan_posted(Req *r, TrainingNew *in, Err *e){
  Err lines = {0};
  plan_from_form(r, in, &lines);
  if( lines.msg==0 ) return OK;
  training_plan_check(in, r->office_tz ? r->office_tz : "WIB", e);
  err_merge(e, &lines);
  return ERR_INVALID;
}

/* The plan form refused (rc) at action under the page's title: its errors at their fields, the
** others above it with a line to correct the fields marked. */
static int plan_refused(Req *r, int rc, const Err *e, const char *title, const char *action){
  page_begin(r, title);
  if( e->msg==0 ) page_notice(r, "error", T(r, "Request failed"));
  form_error_marked(r, e, plan_shown);
  plan_form(r, e, action, 0, 0);
  return page_end(r, rc==ERR_INVALID ? 400 : http_status_of(rc));
}

/* POST /pelatihan/baru: save the plan (its case opens). */
int page_training_create(Req *r){
  TrainingNew in;
  Err e = {0};
  int64_t id = 0;
  Actor who = req_actor(r);
  int rc = plan_posted(r, &in, &e);
  if( rc==OK ) rc = training_create(r->db, &who, &in, &id, &e);
  if( rc==OK ) return back(r, id, N_("Training plan saved"), "rencana");
  return plan_refused(r, rc, &e, "New training plan", "/pelatihan/baru");
}

/* A "met / late / open" mark of a deadline; status the training's: an item not done by a training
** held is missed for good, by one cancelled no longer wanted. */
static void deadline_mark(Req *r, int met, int64_t due, int64_t done, const char *status){
  int over = strcmp(status, "held")==0 || strcmp(status, "reported")==0;
  if( !done && strcmp(status, "cancelled")==0 ) out(r, "<span>%h</span>", T(r, "cancelled"));
  else if( !done && over ) out(r, "<span class=\"late\">%h</span>", T(r, "not done: the training was held"));
  else if( met==1 ) out(r, "<span class=\"ok\">%h</span>", T(r, "on time"));
  else if( met==0 ) out(r, "<span class=\"late\">%h</span>", T(r, "late"));
  else if( !done && due && time_now()>due ) out(r, "<span class=\"late\">%h</span>", T(r, "overdue"));
  else out(r, "<span>%h</span>", T(r, "open"));
}

static int training_page(Req *r, int64_t id, const Err *e, const char *posted, int status);
static int plan_fields(Req *r, const Training *t, Field **out);

/* GET /pelatihan/:id: the whole training on one page. */
int page_training(Req *r){
  return training_page(r, num(req_param(r, "id")), 0, "", 200);
}

/* A form of the training's page refused (a wrong value, the training's state, or a change that
** is the head's): the page again with the reason and the form posted (posted names it) as
** typed; another failure as fail. */
static int refused(Req *r, int64_t id, int rc, const Err *e, const char *posted){
  if( rc==ERR_INVALID || rc==ERR_CONFLICT || rc==ERR_DENIED ) return training_page(r, id, e, posted, http_status_of(rc));
  return fail(r, rc, e);
}

/* A value posted to the form named `form`, to show it again ("" otherwise). */
static const char *again(Req *r, const char *posted, const char *form, const char *name){
  const char *v = strcmp(posted, form)==0 ? form_trimmed(r, name) : 0;
  return v ? v : "";
}

/* The training's page; after a failed form (posted names it) that form again with its error. */
static int training_page(Req *r, int64_t id, const Err *e, const char *posted, int status){
  Training t;
  int rc = id ? training_get(r->db, r->office_id, id, &t, &r->arena) : ERR_NOTFOUND;
  if( rc!=OK ) return fail(r, rc, 0);
  int can_write = perm_allows(r->roles, "training.write");
  const Err *pe = strcmp(posted, "peserta")==0 ? e : 0, *qe = strcmp(posted, "pertanyaan")==0 ? e : 0;
  page_begin(r, "Training");
  if( e && e->msg ) page_notice(r, "error", T_err(r, e));
  out(r, "<h2>%h</h2><p>%h · <a href=\"/kasus/%t\">%h</a> (SOP-LPSE.BTG-005, %h)</p>", t.title, T(r, status_word(t.status)),
      t.number, t.number, web_step_label(r, t.current_step));

  /* the plan */
  out(r, "<section id=\"rencana\" class=\"card\"><h3>%h</h3><dl>", T(r, "Plan"));
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "When"), web_span(r, t.starts_at, t.ends_at));
  char aud[512];
  out(r, "<dt>%h</dt><dd>%h</dd><dt>%h</dt><dd>%h</dd><dt>%h</dt><dd>%d</dd>", T(r, "Venue"), t.venue, T(r, "Audience"),
      training_audience_text(t.audience, r->lang, aud, sizeof aud), T(r, "Capacity"), t.capacity);
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Trainers"), t.trainers);
  int64_t total = 0;
  out(r, "<dt>%h</dt><dd><ul>", T(r, "Budget"));
  char rp[48];
  for(int i=0; i<t.nbudget; i++){
    report_rupiah(rp, sizeof rp, t.budget[i].amount, r->lang);
    out(r, "<li>%h: %h</li>", t.budget[i].item, rp);
    total += t.budget[i].amount;
  }
  report_rupiah(rp, sizeof rp, total, r->lang);
  out(r, "</ul>%h: %h</dd>", T(r, "Total"), rp);
  out(r, "<dt>%h</dt><dd><ul>", T(r, "Materials"));
  Case *c = 0;
  Attachment *av = 0;
  int an = 0;
  if( case_get(r->db, r->office_id, t.number, &c)==OK ) attach_list(r->db, c, &av, &an, &r->arena);
  if( c ) case_free(c);
  for(int i=0; i<an; i++) out(r, "<li><a href=\"/kasus/%t/lampiran/%lld\" download>%h</a></li>", t.number, (long long)av[i].id, av[i].name);
  out(r, "</ul><a href=\"/kasus/%t#lampiran\">%h</a></dd></dl>", t.number, T(r, "Attach materials to the case"));
  if( strcmp(t.status, "plan")==0 ){
    if( can_write ) out(r, "<p><a href=\"/pelatihan/%lld/ubah\">%h</a></p>", (long long)t.id, T(r, "Change the plan"));
    if( perm_allows(r->roles, "training.approve") ){
      out(r, "<form method=\"post\" action=\"/pelatihan/%lld/setujui\">", (long long)t.id);
      csrf_input(r);
      out(r, "<button type=\"submit\">%h</button></form>", T(r, "Approve the plan"));
    }else out(r, "<p>%h</p>", T(r, "Waiting for the head's approval."));
  }
  out(r, "</section>");

  /* the preparation checklist */
  out(r, "<section id=\"persiapan\" class=\"card\"><h3>%h</h3>", T(r, "Preparation"));
  web_scroll_open(r, "div", "table-wrap", T(r, "Preparation"));
  out(r, "<table class=\"list\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th scope=\"col\"><span class=\"sr\">%h</span></th></tr></thead><tbody>",
      T(r, "Item"), T(r, "Due"), T(r, "Done"), T(r, "Standard"), T(r, "Action"));
  for(int i=0; i<t.nprep; i++){
    const TrainingPrep *p = &t.prep[i];
    out(r, "<tr><td>%h <small>(H-%d %h)</small></td><td>%h</td><td>%h</td><td>", T(r, training_prep_label(p->label)), p->days, T(r, "working days"),
        p->due_at ? web_time(r, p->due_at) : "-", p->done_at ? web_time(r, p->done_at) : "-");
    deadline_mark(r, p->met, p->due_at, p->done_at, t.status);
    out(r, "</td><td>");
    if( can_write && strcmp(t.status, "approved")==0 ){
      out(r, "<form method=\"post\" action=\"/pelatihan/%lld/persiapan/%lld\">", (long long)t.id, (long long)p->id);
      csrf_input(r);
      out(r, "<input type=\"hidden\" name=\"done\" value=\"%R\"><button type=\"submit\">%h</button></form>", p->done_at ? "0" : "1",
          T(r, p->done_at ? "Undo" : "Mark done"));
    }
    out(r, "</td></tr>");
  }
  out(r, "</tbody></table></div></section>");

  /* participants */
  Participant *pv;
  int pn = 0;
  training_participants(r->db, r->office_id, t.id, &pv, &pn, &r->arena);
  out(r, "<section id=\"peserta\" class=\"card\"><h3>%h</h3><p>%h %d / %d · %h %d · %h %d · %h %d · %h %d</p>",
      T(r, "Participants"), T(r, "Seats"), t.seats, t.capacity, T(r, "confirmed"), t.confirmed, T(r, "declined"), t.declined,
      T(r, "no answer"), t.no_answer, T(r, "waiting list"), t.waiting);
  web_scroll_open(r, "div", "table-wrap", T(r, "Participants"));
  out(r, "<table class=\"list\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "Name"), T(r, "Agency"), T(r, "Seat"), T(r, "Attendance confirmation"), T(r, "Sessions attended"));
  for(int i=0; i<pn; i++){
    out(r, "<tr><td>%h<br><small>%h</small></td><td>%h</td><td>%h</td><td>%h</td><td>%d</td></tr>", pv[i].name, pv[i].email, pv[i].agency,
        T(r, strcmp(pv[i].seat, "seat") ? "waiting list" : strcmp(pv[i].rsvp, "declined")==0 ? "seat given up" : "seat"),
        T(r, strcmp(pv[i].rsvp, "confirmed")==0 ? "confirmed" : strcmp(pv[i].rsvp, "declined")==0 ? "declined" : "no answer"), pv[i].present);
  }
  out(r, "</tbody></table></div>");
  if( can_write && (strcmp(t.status, "plan")==0 || strcmp(t.status, "approved")==0) ){
    out(r, "<form method=\"post\" action=\"/pelatihan/%lld/peserta\" class=\"row\">", (long long)t.id);
    csrf_input(r);
    out(r, "<input name=\"name\" required placeholder=\"%h\" aria-label=\"%h\" value=\"%h\"%R>"
           "<input name=\"agency\" required placeholder=\"%h\" aria-label=\"%h\" value=\"%h\"%R>"
           "<input name=\"email\" type=\"text\" maxlength=\"320\"%R required placeholder=\"%h\" aria-label=\"%h\" value=\"%h\"%R>"
           "<input name=\"phone\" type=\"tel\" placeholder=\"%h\" aria-label=\"%h\" value=\"%h\"%R>"
           "<button type=\"submit\">%h</button></form>",
        T(r, "Name"), T(r, "Name"), again(r, posted, "peserta", "name"), field_attrs(r, pe, "name"),
        T(r, "Agency"), T(r, "Agency"), again(r, posted, "peserta", "agency"), field_attrs(r, pe, "agency"),
        input_hints(r, "email"), T(r, "E-mail"), T(r, "E-mail"), again(r, posted, "peserta", "email"), field_attrs(r, pe, "email"),
        T(r, "Mobile number"), T(r, "Mobile number"), again(r, posted, "peserta", "phone"), field_attrs(r, pe, "phone"), T(r, "Invite"));
    static const char *const pf[] = { "name", "agency", "email", "phone" };
    for(size_t i=0; i<COUNT(pf); i++) field_error(r, pe, pf[i]);
  }
  out(r, "</section>");

  /* sessions */
  out(r, "<section id=\"sesi\" class=\"card\"><h3>%h</h3><div class=\"table-wrap\"><table class=\"list\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th scope=\"col\"><span class=\"sr\">%h</span></th></tr></thead><tbody>",
      T(r, "Sessions"), T(r, "Session"), T(r, "When"), T(r, "Attended"), T(r, "Q&A minutes"), T(r, "Action"));
  for(int i=0; i<t.nsessions; i++){
    const TrainingSession *s = &t.sessions[i];
    out(r, "<tr><td>%d. %h</td><td>%h%R</td><td>%d</td><td>%d%R</td><td><a href=\"/pelatihan/%lld/daftar-hadir/%lld\">%h</a>",
        s->no, s->title, web_span(r, s->starts_at, s->ends_at),
        s->holiday ? arena_printf(&r->arena, " <span class=\"late\">%h: %h</span>", T(r, "a holiday"), s->holiday)
        : s->closed_day ? arena_printf(&r->arena, " <span class=\"late\">%h</span>", T(r, "the office is closed that day")) : "",
        s->present, s->qa_minutes,
        s->qa_minutes<TRAINING_QA_MIN_MINUTES ? arena_printf(&r->arena, " <span class=\"late\">%h</span>", T(r, "less than 15 minutes")) : "",
        (long long)t.id, (long long)s->id, T(r, "Sign-in sheet"));
    if( can_write ){
      /* after a refused value: that value again, the error under the field */
      const char *form = arena_printf(&r->arena, "qa-%lld", (long long)s->id);
      const Err *me = strcmp(posted, form)==0 ? e : 0;
      const char *mv = me ? again(r, posted, form, "minutes") : arena_printf(&r->arena, "%d", s->qa_minutes);
      out(r, "<form method=\"post\" action=\"/pelatihan/%lld/sesi/%lld/tanya-jawab\" class=\"row\">", (long long)t.id, (long long)s->id);
      csrf_input(r);
      out(r, "<input type=\"number\" name=\"minutes\" min=\"0\" max=\"600\" value=\"%h\" aria-label=\"%h\"%R><button type=\"submit\">%h</button></form>",
          mv, T(r, "Q&A minutes"), field_attrs(r, me, "qa_minutes"), T(r, "Save"));
      field_error(r, me, "qa_minutes");
    }
    out(r, "</td></tr>");
  }
  out(r, "</tbody></table></div></section>");

  /* the Q&A log */
  Question *qv;
  int qn = 0;
  training_questions(r->db, t.id, &qv, &qn, &r->arena);
  out(r, "<section id=\"tanya-jawab\" class=\"card\"><h3>%h</h3>", T(r, "Questions and answers"));
  for(int i=0; i<qn; i++){
    const Question *q = &qv[i];
    out(r, "<article class=\"question\"><p><strong>%h</strong> (%h), %h %d: %h</p>", q->asker_name, q->asker_agency, T(r, "session"),
        q->session_no, q->question);
    if( *q->answer ) out(r, "<p>%h: %h</p>", T(r, "Answer"), q->answer);
    out(r, "<p><small>%h", T(r, strcmp(q->status, "answered")==0 ? "answered on the spot" : strcmp(q->status, "sent")==0 ? "answer sent" : "open"));
    if( *q->routed_to ) out(r, " · %h %h", T(r, "routed to"), q->routed_to);
    if( strcmp(q->status, "answered") ) out(r, " · %h %h", q->email, q->phone);
    if( *q->answer && kb_may_publish(r) ) out(r, " · <a href=\"/kb/baru?title=%t&amp;body=%t&amp;kasus=%t\">%h</a>", q->question, q->answer, t.number, T(r, "Make this an FAQ entry"));
    out(r, "</small></p>");
    if( can_write && strcmp(q->status, "open")==0 ){
      const char *form = arena_printf(&r->arena, "jawab-%lld", (long long)q->id);
      const Err *ae = strcmp(posted, form)==0 ? e : 0;
      out(r, "<form method=\"post\" action=\"/pelatihan/%lld/pertanyaan/%lld\" class=\"row\">", (long long)t.id, (long long)q->id);
      csrf_input(r);
      out(r, "<textarea name=\"answer\" rows=\"2\" aria-label=\"%h\"%R>%h</textarea><input name=\"routed_to\" placeholder=\"%h\" aria-label=\"%h\" value=\"%h\"%R>"
             "<button type=\"submit\">%h</button></form>", T(r, "Answer"), field_attrs(r, ae, "answer"), ae ? again(r, posted, form, "answer") : q->answer,
          T(r, "Route to (username)"), T(r, "Route to (username)"), ae ? again(r, posted, form, "routed_to") : q->routed_to,
          field_attrs(r, ae, "routed_to"), T(r, "Save"));
      field_error(r, ae, "answer");
      field_error(r, ae, "routed_to");
    }
    out(r, "</article>");
  }
  if( can_write && t.nsessions>0 ){
    out(r, "<form method=\"post\" action=\"/pelatihan/%lld/pertanyaan\" class=\"form\"><h4>%h</h4>", (long long)t.id, T(r, "Log a question"));
    csrf_input(r);
    out(r, "<div><label for=\"q-s\">%h</label><select id=\"q-s\" name=\"session\">", T(r, "Session"));
    for(int i=0; i<t.nsessions; i++) out(r, "<option value=\"%lld\">%d. %h</option>", (long long)t.sessions[i].id, t.sessions[i].no, t.sessions[i].title);
    out(r, "</select></div>");
    static const char *const qf[][4] = {
      { "asker_name", "Asker's name", "input", " required" }, { "asker_agency", "Asker's agency", "input", " required" },
      { "question", "Question", "textarea", " required" }, { "answer", "Answer (leave empty when answered later)", "textarea", "" },
      { "email", "E-mail (for an answer later)", "input", " type=\"text\" maxlength=\"320\" inputmode=\"email\" autocapitalize=\"none\"" },
      { "phone", "Mobile number (for an answer later)", "input", " type=\"tel\"" } };
    for(size_t i=0; i<COUNT(qf); i++){
      const char *v = again(r, posted, "pertanyaan", qf[i][0]);
      if( strcmp(qf[i][2], "textarea")==0 ){
        out(r, "<div><label for=\"q-%h\">%h</label><textarea id=\"q-%h\" name=\"%h\" rows=\"2\"%R%R>%h</textarea>", qf[i][0],
            T(r, qf[i][1]), qf[i][0], qf[i][0], qf[i][3], field_attrs(r, qe, qf[i][0]), v);
      }else{
        out(r, "<div><label for=\"q-%h\">%h</label><input id=\"q-%h\" name=\"%h\" value=\"%h\"%R%R>", qf[i][0],
            T(r, qf[i][1]), qf[i][0], qf[i][0], v, qf[i][3], field_attrs(r, qe, qf[i][0]));
      }
      field_error(r, qe, qf[i][0]);
      out(r, "</div>");
    }
    out(r, "<p><button type=\"submit\">%h</button></p></form>", T(r, "Save"));
    if( time_now()>=t.ends_at ){
      out(r, "<form method=\"post\" action=\"/pelatihan/%lld/pertanyaan-kirim\">", (long long)t.id);
      csrf_input(r);
      out(r, "<button type=\"submit\">%h</button></form>", T(r, "Send the answers of open questions"));
    }
  }
  out(r, "</section>");

  /* the questionnaire */
  TqTemplate tpl;
  TqResult *res;
  int responses = 0;
  out(r, "<section id=\"kuesioner\" class=\"card\"><h3>%h</h3>", T(r, "Questionnaire"));
  /* the portal shows no plan (portal_training_public): its link and QR code come with the approval */
  if( strcmp(t.status, "plan")==0 ){
    out(r, "<p>%h %h · %h</p>", T(r, "Open"), web_span(r, t.survey_opens_at, t.survey_closes_at),
        T(r, "The participants' link and its QR code come once the plan is approved"));
  }else{
    out(r, "<p>%h %h · <a href=\"/portal/pelatihan/%lld/kuesioner\">%h</a> · <a href=\"/pelatihan/%lld/kuesioner-qr\">%h</a></p>",
        T(r, "Open"), web_span(r, t.survey_opens_at, t.survey_closes_at), (long long)t.id, T(r, "Link for participants"),
        (long long)t.id, T(r, "QR code for the room"));
  }
  if( training_survey_results(r->db, &t, &tpl, &res, &responses, &r->arena)==OK ){
    out(r, "<p>%h: %d</p>", T(r, "Responses"), responses);
    for(int i=0; i<tpl.nitems; i++){
      out(r, "<figure><figcaption>%d. %h", tpl.items[i].no, tpl.items[i].text);
      if( strcmp(tpl.items[i].kind, "likert")==0 && res[i].n ){
        char mean[32];
        util_decimal1(mean, sizeof mean, res[i].mean, strcmp(r->lang, "en")==0);
        out(r, " — %h %h", T(r, "mean"), mean);
      }
      out(r, "</figcaption>");
      if( strcmp(tpl.items[i].kind, "text")==0 ){
        out(r, "<ul class=\"comments\">");
        for(int k=0; k<res[i].ncomments; k++) out(r, "<li>%h</li>", res[i].comments[k]);
        out(r, "</ul>");
      }else{
        Buf svg = BUF_INIT;
        training_chart_svg(&svg, &res[i], r->lang);
        web_scroll_open(r, "div", "chart-scroll", tpl.items[i].text);
        out(r, "%R</div>", buf_str(&svg));
        buf_free(&svg);
      }
      out(r, "</figure>");
    }
  }
  out(r, "</section>");

  /* holding it and the report */
  out(r, "<section id=\"laporan\" class=\"card\"><h3>%h</h3>", T(r, "Report"));
  if( can_write && strcmp(t.status, "approved")==0 && time_now()>=t.starts_at ){
    out(r, "<form method=\"post\" action=\"/pelatihan/%lld/selesai\">", (long long)t.id);
    csrf_input(r);
    out(r, "<button type=\"submit\">%h</button></form>", T(r, "The training was held"));
  }
  if( can_write && strcmp(t.status, "approved")==0 && !training_may_move(&t, r->roles) ){
    /* an approved plan's days are the head's to change: said instead of a form they could not send */
    out(r, "<p id=\"jadwal\">%h</p>", T(r, TRAINING_MOVE_DENIED));
  }else if( can_write && (strcmp(t.status, "plan")==0 || strcmp(t.status, "approved")==0) ){
    /* moving it: the sessions on other days, with a reason the participants are told */
    const Err *je = strcmp(posted, "jadwal")==0 ? e : 0;
    Field *pf;
    int npf = plan_fields(r, &t, &pf);
    out(r, "<form method=\"post\" action=\"/pelatihan/%lld/jadwal\" class=\"form\" id=\"jadwal\"><h4>%h</h4>", (long long)t.id, T(r, "Move the training"));
    csrf_input(r);
    out(r, "<fieldset%R><legend>%h</legend>", group_attrs(r, je, session_fields), T(r, "Sessions"));
    session_rows(r, je, pf, npf, strcmp(posted, "jadwal")==0);
    out(r, "</fieldset><div><label for=\"j-reason\">%h</label><textarea id=\"j-reason\" name=\"reason\" rows=\"2\" required%R>%h</textarea>",
        T(r, "Reason (sent to the participants)"), field_attrs(r, je, "reason"), again(r, posted, "jadwal", "reason"));
    field_error(r, je, "reason");
    out(r, "</div><p><button type=\"submit\">%h</button></p></form>", T(r, "Move the training"));
  }
  if( can_write && (strcmp(t.status, "plan")==0 || strcmp(t.status, "approved")==0) ){
    /* cancelling: the reason is required; the case is cancelled and the participants told */
    const Err *ce = strcmp(posted, "batal")==0 ? e : 0;
    out(r, "<form method=\"post\" action=\"/pelatihan/%lld/batal\" class=\"form\" id=\"batal\"><h4>%h</h4>", (long long)t.id, T(r, "Cancel the training"));
    csrf_input(r);
    out(r, "<div><label for=\"c-reason\">%h</label><textarea id=\"c-reason\" name=\"reason\" rows=\"2\" required%R>%h</textarea>",
        T(r, "Reason (sent to the participants)"), field_attrs(r, ce, "reason"), again(r, posted, "batal", "reason"));
    field_error(r, ce, "reason");
    out(r, "</div><p><button type=\"submit\">%h</button></p></form>", T(r, "Cancel the training"));
  }
  if( t.report_due_at ) out(r, "<p>%h %h</p>", T(r, "Report due"), web_time(r, t.report_due_at));
  out(r, "<p><a href=\"/pelatihan/%lld/laporan\">%h</a> · <a href=\"/api/v1/trainings/%lld/report.pdf\">PDF</a> · <a href=\"/api/v1/trainings/%lld/report.xlsx\">XLSX</a></p></section>",
      (long long)t.id, T(r, "Training report form"), (long long)t.id, (long long)t.id);
  return page_end(r, status);
}

/* POST /pelatihan/:id/setujui. */
int page_training_approve(Req *r){
  int64_t id = num(req_param(r, "id"));
  Actor who = req_actor(r);
  Err e = {0};
  int rc = training_approve(r->db, &who, id, &e);
  return rc==OK ? back(r, id, N_("Plan approved"), "persiapan") : refused(r, id, rc, &e, "");
}

/* The field name of a row's two buttons (done/undone, present/absent) as 1 or 0; -1, noted in e
** with msgid, when it is neither or not sent: the other is not chosen for it. */
static int form_one_zero(Req *r, const char *name, const char *msgid, Err *e){
  const char *z = form_trimmed(r, name);
  if( z && strcmp(z, "1")==0 ) return 1;
  if( z && strcmp(z, "0")==0 ) return 0;
  err_add(e, name, msgid);
  return -1;
}

/* POST /pelatihan/:id/persiapan/:item (done=1|0). */
int page_training_prep(Req *r){
  int64_t id = num(req_param(r, "id")), item = num(req_param(r, "item"));
  Actor who = req_actor(r);
  Err e = {0};
  int done = form_one_zero(r, "done", N_("Done must be 1 (done) or 0 (undone)"), &e);
  int rc = done<0 ? ERR_INVALID : training_prep_set(r->db, &who, id, item, done, &e);
  return rc==OK ? back(r, id, N_("Checklist saved"), "persiapan") : refused(r, id, rc, &e, "");
}

/* POST /pelatihan/:id/peserta: invite. */
int page_training_invite(Req *r){
  int64_t id = num(req_param(r, "id"));
  ParticipantNew in = { form_trimmed(r, "name"), form_trimmed(r, "agency"), form_trimmed(r, "role"), form_trimmed(r, "email"), form_trimmed(r, "phone"),
                        r->cfg->default_lang };   /* invited by staff: the office's default */
  Actor who = req_actor(r);
  Err e = {0};
  int rc = training_participant_add(r->db, &who, r->office_id, id, "invited", &in, req_base_url(r), 0, &r->arena, &e);
  if( rc==OK ) return back(r, id, N_("Invitation sent"), "peserta");
  return refused(r, id, rc, &e, "peserta");
}

/* The sign-in sheet of a session with status, a tick refused (e) said above it. */
static int signin_sheet(Req *r, const Err *e, int status){
  int64_t id = num(req_param(r, "id")), sid = num(req_param(r, "session"));
  Training t;
  int rc = id ? training_get(r->db, r->office_id, id, &t, &r->arena) : ERR_NOTFOUND;
  const TrainingSession *s = 0;
  for(int i=0; rc==OK && i<t.nsessions; i++) if( t.sessions[i].id==sid ) s = &t.sessions[i];
  if( rc!=OK || s==0 ) return fail(r, ERR_NOTFOUND, 0);
  Participant *pv;
  int pn = 0, np = 0;
  int64_t *present;
  training_participants(r->db, r->office_id, id, &pv, &pn, &r->arena);
  training_attendance(r->db, sid, &present, &np, &r->arena);
  int can_write = perm_allows(r->roles, "training.write");
  page_begin(r, "Sign-in sheet");
  page_print_head(r, T(r, "Sign-in sheet"));
  if( e && e->msg ) page_notice(r, "error", T_err(r, e));
  out(r, "<h2>%h</h2><p>%h %d: %h · %h · %h</p>", t.title, T(r, "Session"), s->no, s->title, web_span(r, s->starts_at, s->ends_at), t.venue);
  out(r, "<div class=\"table-wrap\"><table class=\"list signin\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "No."), T(r, "Name"), T(r, "Agency"), T(r, "Signature"));
  int no = 0;
  for(int i=0; i<pn; i++){
    if( strcmp(pv[i].seat, "seat") || strcmp(pv[i].rsvp, "declined")==0 ) continue;
    int here = 0;
    for(int k=0; k<np; k++) if( present[k]==pv[i].id ) here = 1;
    out(r, "<tr id=\"p%lld\"><td>%d</td><td>%h</td><td>%h</td><td>", (long long)pv[i].id, ++no, pv[i].name, pv[i].agency);
    if( can_write ){
      out(r, "<form method=\"post\" action=\"/pelatihan/%lld/daftar-hadir/%lld\" class=\"tick\">", (long long)id, (long long)sid);
      csrf_input(r);
      out(r, "<input type=\"hidden\" name=\"participant\" value=\"%lld\"><input type=\"hidden\" name=\"present\" value=\"%R\">"
             "<button type=\"submit\" class=\"%R\" aria-pressed=\"%R\">%h</button></form>", (long long)pv[i].id, here ? "0" : "1",
          here ? "present" : "absent", here ? "true" : "false", T(r, here ? "Attended" : "Tick present"));
    }
    out(r, "</td></tr>");
  }
  page_signatures_row(r, 4, N_("Acknowledged by"), N_("Head of LPSE (Ketua)"), N_("Trainer"));
  out(r, "</tbody></table></div>");
  out(r, "<p class=\"no-print\"><a href=\"/pelatihan/%lld#sesi\">%h</a></p>", (long long)id, T(r, "Back to the training"));
  return page_end(r, status);
}

/* GET /pelatihan/:id/daftar-hadir/:session: the sign-in sheet (prints for signatures; ticks on a tablet). */
int page_training_signin(Req *r){
  return signin_sheet(r, 0, 200);
}

/* POST /pelatihan/:id/daftar-hadir/:session: tick a participant present or not. */
int page_training_attend(Req *r){
  int64_t id = num(req_param(r, "id")), sid = num(req_param(r, "session")), pid = num(form_trimmed(r, "participant"));
  Actor who = req_actor(r);
  Err e = {0};
  int present = form_one_zero(r, "present", N_("Present must be 1 (present) or 0 (absent)"), &e);
  int rc = present<0 ? ERR_INVALID : training_attend(r->db, &who, id, sid, pid, present, &e);
  /* refused (the session not begun, a participant without a seat): the sheet again, saying why */
  if( rc==ERR_CONFLICT || rc==ERR_INVALID ) return signin_sheet(r, &e, http_status_of(rc));
  if( rc!=OK ) return fail(r, rc, &e);
  return reply_redirect(r, arena_printf(&r->arena, "/pelatihan/%lld/daftar-hadir/%lld#p%lld", (long long)id, (long long)sid, (long long)pid));
}

/* POST /pelatihan/:id/sesi/:session/tanya-jawab: the Q&A minutes of a session. */
int page_training_qa(Req *r){
  int64_t id = num(req_param(r, "id")), sid = num(req_param(r, "session"));
  const char *m = form_trimmed(r, "minutes");
  Actor who = req_actor(r);
  Err e = {0};
  int64_t v = m && strcmp(m, "0")==0 ? 0 : num(m);
  int rc = training_qa_minutes(r->db, &who, id, sid, v>600 || (v==0 && !(m && strcmp(m, "0")==0)) ? -1 : (int)v, &e);
  if( rc==OK ) return back(r, id, N_("Q&A time saved"), "sesi");
  return refused(r, id, rc, &e, arena_printf(&r->arena, "qa-%lld", (long long)sid));
}

/* POST /pelatihan/:id/pertanyaan: log a question. */
int page_training_question(Req *r){
  int64_t id = num(req_param(r, "id")), qid = 0;
  QuestionNew in = { num(form_trimmed(r, "session")), form_trimmed(r, "asker_name"), form_trimmed(r, "asker_agency"),
                     form_trimmed(r, "question"), form_trimmed(r, "answer"), form_trimmed(r, "email"), form_trimmed(r, "phone"),
                     form_trimmed(r, "routed_to") };
  Actor who = req_actor(r);
  Err e = {0};
  int rc = training_question_add(r->db, &who, id, &in, &qid, &e);
  if( rc==OK ) return back(r, id, N_("Question logged"), "tanya-jawab");
  return refused(r, id, rc, &e, "pertanyaan");
}

/* POST /pelatihan/:id/pertanyaan/:question: answer or route an open question. */
int page_training_answer(Req *r){
  int64_t id = num(req_param(r, "id")), qid = num(req_param(r, "question"));
  Actor who = req_actor(r);
  Err e = {0};
  int rc = training_question_answer(r->db, &who, id, qid, form_trimmed(r, "answer"), form_trimmed(r, "routed_to"), &e);
  if( rc==OK ) return back(r, id, N_("Question saved"), "tanya-jawab");
  return refused(r, id, rc, &e, arena_printf(&r->arena, "jawab-%lld", (long long)qid));
}

/* POST /pelatihan/:id/pertanyaan-kirim: mail the answers. */
int page_training_send(Req *r){
  int64_t id = num(req_param(r, "id"));
  Actor who = req_actor(r);
  Err e = {0};
  int sent = 0;
  int rc = training_questions_send(r->db, &who, id, &sent, &e);
  return rc==OK ? back(r, id, N_("Answers sent"), "tanya-jawab") : refused(r, id, rc, &e, "");
}

/* POST /pelatihan/:id/selesai: the training was held. */
int page_training_finish(Req *r){
  int64_t id = num(req_param(r, "id"));
  Actor who = req_actor(r);
  Err e = {0};
  int rc = training_finish(r->db, &who, id, &e);
  return rc==OK ? back(r, id, N_("Training marked as held"), "laporan") : refused(r, id, rc, &e, "");
}

/* POST /pelatihan/:id/batal: cancel the training with a reason. */
int page_training_cancel(Req *r){
  int64_t id = num(req_param(r, "id"));
  Actor who = req_actor(r);
  Err e = {0};
  int told = 0;
  int rc = training_cancel(r->db, &who, id, form_trimmed(r, "reason"), &told, &e);
  if( rc==OK ) return back(r, id, N_("Training cancelled; the participants have been told"), "rencana");
  return refused(r, id, rc, &e, "batal");
}

/* POST /pelatihan/:id/jadwal: put the training on other days, with a reason. */
int page_training_reschedule(Req *r){
  int64_t id = num(req_param(r, "id"));
  Actor who = req_actor(r);
  Err e = {0};
  TrainingSessionIn sv[TRAINING_MAX_SESSIONS];
  int n = sessions_from_form(r, sv), told = 0;
  int rc = training_reschedule(r->db, &who, r->roles, id, sv, n, form_trimmed(r, "reason"), &told, &e);
  if( rc==OK ) return back(r, id, N_("Training moved; the participants have been told"), "rencana");
  return refused(r, id, rc, &e, "jadwal");
}

/* GET /pelatihan/:id/kuesioner-qr: the QR code of the questionnaire's link, for the room's screen or a print. */
int page_training_qr(Req *r){
  int64_t id = num(req_param(r, "id"));
  Training t;
  int rc = id ? training_get(r->db, r->office_id, id, &t, &r->arena) : ERR_NOTFOUND;
  if( rc!=OK ) return fail(r, rc, 0);
  if( strcmp(t.status, "plan")==0 ){   /* its link answers 404 until the plan is approved */
    page_begin(r, "Questionnaire");
    out(r, "<h2>%h</h2>", t.title);
    page_notice(r, "info", T(r, "The participants' link and its QR code come once the plan is approved"));
    return page_end(r, 200);
  }
  const char *link = arena_printf(&r->arena, "%s/portal/pelatihan/%lld/kuesioner", req_base_url(r), (long long)id);
  Buf svg = BUF_INIT;
  training_qr_svg(&svg, link, 10);
  page_begin(r, "Questionnaire");
  out(r, "<h2>%h</h2><div class=\"qr\">%R</div><p class=\"qr-link\">%h</p>", t.title, buf_str(&svg), link);
  buf_free(&svg);
  return page_end(r, 200);
}

/* The report form with status; a submission refused (e) said above it, the notes typed kept in its form. */
static int report_form(Req *r, const Err *e, int status){
  int64_t id = num(req_param(r, "id"));
  TrainingReport rep;
  int rc = id ? training_report_data(r->db, r->office_id, id, &rep, &r->arena) : ERR_NOTFOUND;
  if( rc!=OK ) return fail(r, rc, 0);
  const Training *t = rep.t;
  page_begin(r, "Training report form");
  page_print_head(r, T(r, "Training report form"));
  if( e && e->msg ) page_notice(r, "error", T_err(r, e));
  out(r, "<h2>%h</h2><p>%h · %h · %h</p>", t->title, t->number, web_span(r, t->starts_at, t->ends_at), t->venue);
  out(r, "<p>%h %d / %d · %h %d · %h %d · %h %d</p>", T(r, "Seats"), t->seats, t->capacity, T(r, "confirmed"), t->confirmed,
      T(r, "declined"), t->declined, T(r, "waiting list"), t->waiting);
  out(r, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>", T(r, "Session"), T(r, "Attended"), T(r, "Q&A minutes"));
  for(int i=0; i<t->nsessions; i++){
    out(r, "<tr><td>%d. %h</td><td>%d</td><td>%d%R</td></tr>", t->sessions[i].no, t->sessions[i].title, t->sessions[i].present,
        t->sessions[i].qa_minutes, t->sessions[i].qa_minutes<TRAINING_QA_MIN_MINUTES ?
        arena_printf(&r->arena, " <span class=\"late\">%h</span>", T(r, "less than 15 minutes")) : "");
  }
  int open = 0;
  for(int i=0; i<rep.nquestions; i++) if( strcmp(rep.questions[i].status, "open")==0 ) open++;
  out(r, "</tbody></table></div><p>%h: %d (%h %d) · %h: %d</p>", T(r, "Questions"), rep.nquestions, T(r, "open"), open, T(r, "Responses"), rep.responses);
  if( t->report_due_at ) out(r, "<p>%h %h</p>", T(r, "Report due"), web_time(r, t->report_due_at));
  if( t->reported_at ){
    out(r, "<p>%h %h (%h)</p><p>%h</p>", T(r, "Reported"), web_time(r, t->reported_at), T(r, t->report_met==1 ? "on time" : "late"), t->report_notes);
  }else if( (strcmp(t->status, "held")==0 || e) && perm_allows(r->roles, "training.write") ){
    const char *notes = e ? req_form(r, "notes") : 0;
    out(r, "<form method=\"post\" action=\"/pelatihan/%lld/laporan\" class=\"form no-print\">", (long long)id);
    csrf_input(r);
    out(r, "<div><label for=\"r-notes\">%h</label><textarea id=\"r-notes\" name=\"notes\" rows=\"6\">%h</textarea></div>"
           "<p><button type=\"submit\">%h</button></p></form>", T(r, "Trainer's notes (course of the training, problems, suggestions)"),
        notes ? notes : "", T(r, "Submit the report"));
  }
  page_signatures(r, N_("Acknowledged by"), N_("Head of LPSE (Ketua)"), N_("Trainer"));
  out(r, "<p class=\"no-print\"><a href=\"/api/v1/trainings/%lld/report.pdf\">PDF</a> · <a href=\"/api/v1/trainings/%lld/report.xlsx\">XLSX</a> · <a href=\"/pelatihan/%lld\">%h</a></p>",
      (long long)id, (long long)id, (long long)id, T(r, "Back to the training"));
  return page_end(r, status);
}

/* GET /pelatihan/:id/laporan: the report form, filled from the records. */
int page_training_report(Req *r){
  return report_form(r, 0, 200);
}

/* POST /pelatihan/:id/laporan. */
int page_training_report_post(Req *r){
  int64_t id = num(req_param(r, "id"));
  Actor who = req_actor(r);
  Err e = {0};
  int rc = training_report_submit(r->db, &who, id, form_trimmed(r, "notes"), &e);
  /* refused (not yet held, already reported, notes too long): the form again, the notes kept */
  if( rc==ERR_CONFLICT || rc==ERR_INVALID ) return report_form(r, &e, http_status_of(rc));
  if( rc!=OK ) return fail(r, rc, &e);
  return reply_redirect(r, arena_printf(&r->arena, "/pelatihan/%lld/laporan?ok=%t", (long long)id, N_("Report submitted")));
}

/* ---- the portal ---- */

/* The portal page's office is the training's: its zone, and links keep its office. */
static int portal_training_office(Req *r, int64_t office){
  Office o;
  if( office_get(r->db, office, &o)==OK ) portal_page_office_set(r, &o);
  return OK;
}

/* The training of a portal address, of the office code names if given (another's is not found, as
** the FAQ's article by id); ERR_NOTFOUND answered. */
static int portal_training(Req *r, int64_t id, const char *code, Training *t){
  int64_t office;
  int rc = id ? training_portal_office(r->db, id, code, &office) : ERR_NOTFOUND;
  if( rc==OK ) rc = training_get(r->db, office, id, t, &r->arena);
  if( rc!=OK ){ fail(r, ERR_NOTFOUND, 0); return rc; }
  return portal_training_office(r, office);
}

/* A training by the id of a public address (registering, the room's questionnaire): a plan
** not yet approved is the staff's and does not exist there (404). The personal link's
** pages (by token) take portal_training(): an invited participant may answer before approval. */
static int portal_training_public(Req *r, int64_t id, Training *t){
  const char *code = req_query(r, "office");   /* as portal_page_office: the query's, else the form's */
  if( code==0 || *code==0 ) code = form_trimmed(r, "office");
  if( portal_training(r, id, code, t) ) return ERR_NOTFOUND;
  if( strcmp(t->status, "plan")==0 ){ fail(r, ERR_NOTFOUND, 0); return ERR_NOTFOUND; }
  return OK;
}

/* A training by the id of its registration form: one staff keep off the portal (portal off) is
** not there either (404), so its plan is not read by guessing ids. */
static int portal_training_registering(Req *r, int64_t id, Training *t){
  if( portal_training_public(r, id, t) ) return ERR_NOTFOUND;
  if( !t->portal ){ fail(r, ERR_NOTFOUND, 0); return ERR_NOTFOUND; }
  return OK;
}

/* Whom a training is for, in words, on the portal (nothing when the plan names no one). */
static void portal_audience(Req *r, const char *audience){
  char aud[512];
  if( audience && *audience ){
    out(r, "<p class=\"audience\">%h: %h</p>", T(r, "Audience"), training_audience_text(audience, r->lang, aud, sizeof aud));
  }
}

/* GET /portal/pelatihan: trainings open for registration, and the month's calendar. */
int page_portal_trainings(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  TrainingRow *v;
  int n;
  if( training_list_open(r->db, o.id, time_now(), &v, &n, &r->arena)!=OK ) n = 0;
  page_begin(r, "SPSE trainings");
  if( n==0 ) out(r, "<p>%h</p>", T(r, "No trainings are open for registration now."));
  for(int i=0; i<n; i++){
    out(r, "<article class=\"card\"><h2>%h</h2><p>%h</p><p>%h · %h %d</p>", v[i].title, web_span(r, v[i].starts_at, v[i].ends_at),
        v[i].venue, T(r, "seats left"), v[i].capacity>v[i].seats ? v[i].capacity-v[i].seats : 0);
    portal_audience(r, v[i].audience);
    out(r, "<p><a class=\"button\" href=\"/portal/pelatihan/%lld/daftar\">%h</a></p></article>", (long long)v[i].id,
        T(r, v[i].capacity>v[i].seats ? "Register" : "Join the waiting list"));
  }
  out(r, "<h2>%h</h2>", T(r, "Calendar of trainings"));
  month_grid(r, o.id, o.tz, "/portal/pelatihan", 1);
  return page_end(r, 200);
}

/* The registration form, with values and error. */
static void register_form(Req *r, const Training *t, const Err *e){
  out(r, "<h2>%h</h2><p>%h · %h</p>", t->title, web_span(r, t->starts_at, t->ends_at), t->venue);
  portal_audience(r, t->audience);
  if( t->seats>=t->capacity ) page_notice(r, "info", T(r, "The training is full: you will be on the waiting list."));
  out(r, "<form method=\"post\" action=\"/portal/pelatihan/%lld/daftar\" class=\"card form\">", (long long)t->id);
  csrf_input(r);
  static const char *const f[][3] = { { "name", "Name", "text" }, { "agency", "Agency or company", "text" },
                                      { "email", "E-mail", "email" }, { "phone", "Mobile number", "tel" } };
  for(int i=0; i<4; i++){
    const char *v = form_trimmed(r, f[i][0]);
    out(r, "<div><label for=\"r-%h\">%h</label><input id=\"r-%h\" name=\"%h\" type=\"%h\"%R value=\"%h\"%R%R>", f[i][0], T(r, f[i][1]),
        f[i][0], f[i][0], f[i][2], i<3 ? " required" : "", v ? v : "", input_hints(r, f[i][0]), field_attrs(r, e, f[i][0]));
    field_error(r, e, f[i][0]);
    out(r, "</div>");
  }
  /* the role chosen stays chosen when the form comes back refused */
  const char *chosen = form_trimmed(r, "role");
  out(r, "<div><label for=\"r-role\">%h</label><select id=\"r-role\" name=\"role\"%R>", T(r, "You are"), field_attrs(r, e, "role"));
  for(int i=0; training_audiences[i]; i++){
    out(r, "<option value=\"%h\"%R>%h</option>", training_audiences[i],
        util_str_eq(chosen, training_audiences[i]) ? " selected" : "", audience_label(r, training_audiences[i]));
  }
  out(r, "</select>");
  field_error(r, e, "role");
  out(r, "</div><p><button type=\"submit\">%h</button></p></form>", T(r, "Register"));
}

/* GET /portal/pelatihan/:id/daftar. */
int page_portal_register_form(Req *r){
  Training t;
  if( portal_training_registering(r, num(req_param(r, "id")), &t) ) return OK;
  page_begin(r, "Register for a training");
  register_form(r, &t, 0);
  return page_end(r, 200);
}

/* POST /portal/pelatihan/:id/daftar: register (a seat or the waiting list); the link comes by e-mail. */
int page_portal_register(Req *r){
  Training t;
  int64_t id = num(req_param(r, "id"));
  if( portal_training_registering(r, id, &t) ) return OK;
  ParticipantNew in = { form_trimmed(r, "name"), form_trimmed(r, "agency"), form_trimmed(r, "role"), form_trimmed(r, "email"), form_trimmed(r, "phone"),
                        r->lang };   /* the e-mails in the language the portal was used in */
  Actor who = { 0, "anonymous", t.office_id, r->ip };
  Err e = {0};
  Participant p;
  char token[65];
  int rc = training_portal_register(r->db, &who, t.office_id, id, &in, req_office_base_url(r, t.office_id), &p, token, &r->arena, &e);
  /* POST-redirect-GET: the registration is shown at its private link (a reload sends nothing again) */
  if( rc==OK ) return reply_redirect(r, arena_printf(&r->arena, "/portal/pelatihan/konfirmasi/%t?baru=1", token));
  if( rc==ERR_THROTTLED ) req_retry_after(r, PORTAL_SUBMIT_WINDOW_S);
  page_begin(r, "Register for a training");
  /* an error of a field is shown at the field; above the form, what to do */
  static const char *const shown[] = { "name", "agency", "email", "phone", "role", 0 };
  if( e.msg==0 ) err_set(&e, 0, N_("Request failed"));
  form_error_marked(r, &e, shown);
  register_form(r, &t, &e);
  return page_end(r, http_status_of(rc));
}

/* GET /portal/pelatihan/konfirmasi/:token: the confirmation page of the e-mailed link. */
int page_portal_confirm(Req *r){
  const char *token = req_param(r, "token");
  int64_t office, tid;
  Participant p;
  Training t;
  if( training_by_token(r->db, token, &office, &tid, &p, &r->arena)!=OK || portal_training(r, tid, 0, &t) ){
    /* what the answer to this link says too (training_rsvp), not a bare "not found" */
    Err e = {0};
    ERR_SET(&e, "token", N_("This link is not valid"));
    if( r->status==0 ) fail(r, ERR_NOTFOUND, &e);
    return OK;
  }
  page_begin(r, *query_trimmed(r, "baru") ? "Registered for the training" : "Confirm your attendance");
  if( *query_trimmed(r, "baru") ){
    /* just registered (the POST redirected here): what was recorded, and this page's private address */
    int seat = strcmp(p.seat, "seat")==0;
    out(r, "<div class=\"notice ok\" role=\"status\" id=\"registered\"><p>%h</p><p>%h</p><p class=\"mono\">%h/portal/pelatihan/konfirmasi/%h</p></div>",
        T(r, seat ? "You are registered. Confirm your attendance below, or later through the link we sent by e-mail."
                  : "The training is full: you are on the waiting list. We will e-mail you when a seat frees up."),
        T(r, "Keep this private link to your registration (it was also sent to your e-mail):"), req_office_base_url(r, office), token);
  }
  out(r, "<h2>%h</h2><p>%h · %h</p><p id=\"participant\">%h, %h · %h</p>", t.title, web_span(r, t.starts_at, t.ends_at), t.venue,
      p.name, p.agency, p.email);
  if( strcmp(t.status, "cancelled")==0 ){
    /* nothing to answer: the training will not take place, and why */
    Case *c = 0;
    const char *why = 0;
    if( case_get(r->db, t.office_id, t.number, &c)==OK && c->cancel_reason ) why = arena_strdup(&r->arena, c->cancel_reason);
    case_free(c);
    page_notice(r, "error", why ? arena_printf(&r->arena, "%s %s: %s", T(r, "This training was cancelled."), T(r, "Reason"), why)
                                : T(r, "This training was cancelled."));
    return page_end(r, 200);
  }
  int waiting = strcmp(p.seat, "waiting")==0;
  if( waiting ){
    /* on the waiting list: the answer is whether they still want a seat (off the list, none is given them) */
    if( strcmp(p.rsvp, "declined")==0 ) page_notice(r, "info", T(r, "You took yourself off the waiting list: no seat will be given to you."));
    else if( !*query_trimmed(r, "baru") ) page_notice(r, "info", T(r, "You are on the waiting list: we will e-mail you when a seat frees up."));
  }else if( strcmp(p.rsvp, "none") ){
    page_notice(r, "info", strcmp(p.rsvp, "confirmed")==0 ? T(r, "You have confirmed your attendance.") : T(r, "You have declined."));
  }
  if( strcmp(t.status, "approved")==0 || strcmp(t.status, "plan")==0 ){   /* a training held or closed takes no answer */
    out(r, "<form method=\"post\" action=\"/portal/pelatihan/konfirmasi/%t\" class=\"card rsvp\">", token);
    csrf_input(r);
    out(r, "<button type=\"submit\" name=\"answer\" value=\"confirmed\">%h</button> <button type=\"submit\" name=\"answer\" value=\"declined\">%h</button></form>",
        T(r, waiting ? "I still want a seat" : "I will attend"), T(r, waiting ? "Take me off the waiting list" : "I cannot attend"));
  }
  out(r, "<p><a href=\"/portal/pelatihan/%lld/kuesioner?t=%t\">%h</a></p>", (long long)tid, token, T(r, "Questionnaire (on the last day)"));
  return page_end(r, 200);
}

/* POST /portal/pelatihan/konfirmasi/:token. */
int page_portal_confirm_post(Req *r){
  const char *token = req_param(r, "token");
  Err e = {0};
  int rc = training_rsvp(r->db, token, form_trimmed(r, "answer"), &e);
  if( rc!=OK ) return fail(r, rc, &e);
  return reply_redirect(r, arena_printf(&r->arena, "/portal/pelatihan/konfirmasi/%t?ok=%t", token, N_("Thank you: your answer is saved")));
}

/* The room's form (no personal link): the e-mail a participant registered with, to be mailed the link. */
static void survey_link_form(Req *r, const Training *t, const Err *e){
  out(r, "<form method=\"post\" action=\"/portal/pelatihan/%lld/kuesioner\" class=\"card form survey\">", (long long)t->id);
  csrf_input(r);
  out(r, "<p>%h</p>", T(r, "Each participant answers through a personal link: type the e-mail address you registered with and we e-mail you yours."));
  const char *v = form_trimmed(r, "email");
  out(r, "<div><label for=\"k-email\">%h</label><input id=\"k-email\" name=\"email\" type=\"email\" required value=\"%h\"%R>",
      T(r, "Your e-mail address (as registered)"), v ? v : "", field_attrs(r, e, "email"));
  field_error(r, e, "email");
  out(r, "</div><p><button type=\"submit\">%h</button></p></form>", T(r, "E-mail me my link"));
}

/* The questionnaire form of the participant the link's token names, every item; when the answers
** were refused, each rating or choice left unanswered marked as such. */
static void survey_form(Req *r, const Training *t, const TqTemplate *tpl, const char *token, const Err *e){
  out(r, "<form method=\"post\" action=\"/portal/pelatihan/%lld/kuesioner\" class=\"card form survey\">", (long long)t->id);
  csrf_input(r);
  out(r, "<input type=\"hidden\" name=\"t\" value=\"%h\">", token);
  for(int i=0; i<tpl->nitems; i++){
    const TqItem *it = &tpl->items[i];
    char name[32];
    snprintf(name, sizeof name, "i%lld", (long long)it->id);
    const char *v = form_trimmed(r, name);
    if( strcmp(it->kind, "text")==0 ){
      out(r, "<div><label for=\"%h\">%d. %h</label><textarea id=\"%h\" name=\"%h\" rows=\"3\">%h</textarea></div>", name, it->no, it->text,
          name, name, v ? v : "");
      continue;
    }
    int missing = e && util_str_eq(e->field, "answers") && (v==0 || *v==0);
    out(r, "<fieldset%R><legend>%d. %h</legend>",
        missing ? arena_printf(&r->arena, " aria-invalid=\"true\" aria-describedby=\"%h-error\"", name) : "", it->no, it->text);
    int n = strcmp(it->kind, "likert")==0 ? 5 : it->noptions;
    for(int k=0; k<n; k++){
      int val = strcmp(it->kind, "likert")==0 ? k+1 : k;
      static const char *const lw[] = { "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree" };
      char vs[8];
      snprintf(vs, sizeof vs, "%d", val);
      out(r, "<label class=\"choice\"><input type=\"radio\" name=\"%h\" value=\"%d\" required%R> %h</label>", name, val,
          v && strcmp(v, vs)==0 ? " checked" : "", strcmp(it->kind, "likert")==0 ? T(r, lw[k]) : it->options[k]);
    }
    if( missing ) out(r, "<p class=\"field-error\" id=\"%h-error\">%h</p>", name, T(r, "is required"));
    out(r, "</fieldset>");
  }
  field_error(r, e, "answers");
  out(r, "<p><button type=\"submit\">%h</button></p></form>", T(r, "Send my answers"));
}

/* GET /portal/pelatihan/:id/kuesioner[?t=TOKEN]: the questionnaire on a phone (the room's QR code,
** without a token: the form that mails the participant's link). */
int page_portal_survey(Req *r){
  Training t;
  if( portal_training_public(r, num(req_param(r, "id")), &t) ) return OK;
  TqTemplate tpl;
  if( tq_template_get(r->db, t.office_id, t.template_id, &tpl, &r->arena)!=OK ) return fail(r, ERR_NOTFOUND, 0);
  page_begin(r, "Training questionnaire");
  out(r, "<h2>%h</h2>", t.title);
  int64_t now = time_now();
  if( now<t.survey_opens_at || now>t.survey_closes_at ){
    page_notice(r, "info", T(r, "The questionnaire is open on the last day of the training"));
    return page_end(r, 200);
  }
  const char *token = query_trimmed(r, "t"), *sent = req_query(r, "dikirim");
  Err who = {0};
  int64_t pid = 0;
  /* the link of one who declined, or who only ever was on the waiting list: said, no form to fill in vain */
  if( token && *token && training_survey_who(r->db, t.office_id, t.id, token, &pid, &who)==ERR_CONFLICT ){
    page_notice(r, "info", T(r, who.msg));
  }else if( token && *token ) survey_form(r, &t, &tpl, token, 0);
  else if( sent ){   /* after the e-mail was asked for (survey_link_post): the same words for every address */
    page_notice(r, "ok", T(r, "If the address you typed is a participant's, we have e-mailed it the link to your questionnaire."));
    out(r, "<p>%h</p>", T(r, "Open the link in that e-mail to answer. No e-mail? Check the address you registered with, or ask the committee in the room."));
  }else survey_link_form(r, &t, 0);
  return page_end(r, 200);
}

/* POST /portal/pelatihan/:id/kuesioner without a link's token: the participant's link mailed, then
** to the page that says so (a reload sends nothing again); the same whether or not the address is a
** participant's, so the address is not in it. */
static int survey_link_post(Req *r, const Training *t){
  Err e = {0};
  int wait = 0;
  const char *email = form_trimmed(r, "email");
  int rc = training_survey_link(r->db, t->office_id, t->id, email, req_base_url(r), r->ip, &wait, &e);
  if( rc==OK ) return reply_redirect(r, arena_printf(&r->arena, "/portal/pelatihan/%lld/kuesioner?dikirim=1", (long long)t->id));
  if( rc==ERR_THROTTLED ) req_retry_after(r, wait);
  page_begin(r, "Training questionnaire");
  out(r, "<h2>%h</h2>", t->title);
  static const char *const shown[] = { "email", 0 };
  if( e.msg==0 ) page_notice(r, "error", T(r, "Request failed"));
  form_error_marked(r, &e, shown);
  if( rc!=ERR_DENIED ) survey_link_form(r, t, &e);
  return page_end(r, http_status_of(rc));
}

/* POST /portal/pelatihan/:id/kuesioner: the answers, once per participant. */
int page_portal_survey_post(Req *r){
  Training t;
  int64_t id = num(req_param(r, "id"));
  if( portal_training_public(r, id, &t) ) return OK;
  const char *token = form_trimmed(r, "t");
  if( token==0 || *token==0 ) return survey_link_post(r, &t);
  TqTemplate tpl;
  if( tq_template_get(r->db, t.office_id, t.template_id, &tpl, &r->arena)!=OK ) return fail(r, ERR_NOTFOUND, 0);
  TqAnswerIn ans[TRAINING_MAX_ITEMS];
  int n = 0;
  for(int i=0; i<tpl.nitems && n<TRAINING_MAX_ITEMS; i++){
    char name[32];
    snprintf(name, sizeof name, "i%lld", (long long)tpl.items[i].id);
    const char *v = form_trimmed(r, name);
    if( v==0 || *v==0 ) continue;
    if( strcmp(tpl.items[i].kind, "text")==0 ) ans[n++] = (TqAnswerIn){ tpl.items[i].id, 0, v };
    else ans[n++] = (TqAnswerIn){ tpl.items[i].id, strcmp(v, "0")==0 ? 0 : num(v) && num(v)<100 ? (int)num(v) : -1, 0 };
  }
  Err e = {0};
  int64_t pid = 0;
  int rc = training_survey_who(r->db, t.office_id, id, token, &pid, &e);
  if( rc==OK ) rc = training_survey_submit(r->db, t.office_id, id, pid, ans, n, &e, &r->arena);
  /* the form marks each rating or choice left empty itself: its answers' errors are said under them as one */
  for(int i=0; i<err_count(&e); i++){
    const char **f = i==0 ? &e.field : &e.more[i-1].field;
    if( *f && strncmp(*f, "answers", 7)==0 ) *f = "answers";
  }
  page_begin(r, "Training questionnaire");
  out(r, "<h2>%h</h2>", t.title);
  if( rc==OK ){
    page_notice(r, "ok", T(r, "Thank you: your answers are saved"));
    return page_end(r, 201);
  }
  if( e.msg==0 ) page_notice(r, "error", T(r, "Request failed"));
  /* the form again unless answered already; the answers' errors under them */
  static const char *const shown[] = { "answers", 0 }, *const none[] = { 0 };
  form_error_marked(r, &e, rc==ERR_CONFLICT ? none : shown);
  if( rc!=ERR_CONFLICT ) survey_form(r, &t, &tpl, token, &e);
  return page_end(r, http_status_of(rc));
}

/* The fields of a template's form, whose errors are shown under them. */
static const char *const tq_fields[] = { "name", "items", 0 };

/* The office's questionnaire templates and the form for a new one: what was posted, with its error. */
static int questionnaires_page(Req *r, const Err *e, int status){
  TqTemplate *v = 0;
  int n = 0;
  if( tq_template_list(r->db, r->office_id, &v, &n, &r->arena)!=OK ){
    return fail(r, ERR_DB, 0);
  }
  page_begin(r, "Questionnaire templates");
  form_error_marked(r, e, tq_fields);
  for(int i=0; i<n; i++){
    out(r, "<section class=\"card\"><h2>%h</h2><ol>", v[i].name);
    for(int k=0; k<v[i].nitems; k++){
      const TqItem *it = &v[i].items[k];
      out(r, "<li>%h <small>(%h)</small>", it->text, T(r, training_kind_label(it->kind)));
      if( it->noptions ){
        out(r, "<ul>");
        for(int o=0; o<it->noptions; o++) out(r, "<li>%h</li>", it->options[o]);
        out(r, "</ul>");
      }
      out(r, "</li>");
    }
    out(r, "</ol>");
    if( perm_allows(r->roles, "training.write") ){
      out(r, "<p><a href=\"/pelatihan/kuesioner/%lld/ubah\">%h</a></p>", (long long)v[i].id, T(r, "Edit"));
    }
    out(r, "</section>");
  }
  if( perm_allows(r->roles, "training.write") ){
    const char *name = form_trimmed(r, "name"), *items = form_trimmed(r, "items");
    out(r, "<form method=\"post\" action=\"/pelatihan/kuesioner\" class=\"card form\" id=\"kuesioner-baru\"><h2>%h</h2>",
        T(r, "New questionnaire"));
    csrf_input(r);
    out(r, "<div><label for=\"q-name\">%h</label><input id=\"q-name\" name=\"name\" required maxlength=\"200\" value=\"%h\"%R>",
        T(r, "Name"), name ? name : "", field_attrs(r, e, "name"));
    field_error(r, e, "name");
    out(r, "</div><div><label for=\"q-items\">%h</label><textarea id=\"q-items\" name=\"items\" rows=\"8\" required"
           " placeholder=\"%h\"%R>%h</textarea>",
        T(r, "Items, one per line: likert: TEXT, choice: TEXT | OPTION | OPTION, text: TEXT"), T(r, "likert: The material was easy to follow\nchoice: Favourite session | Registration | Bidding\ntext: Suggestions"),
        field_attrs(r, e, "items"), items ? items : "");
    field_error(r, e, "items");
    out(r, "</div><p><button type=\"submit\">%h</button></p></form>", T(r, "Save"));
  }
  return page_end(r, status);
}

/* GET /pelatihan/kuesioner: the office's questionnaire templates and the form for a new one. */
int page_questionnaires(Req *r){
  return questionnaires_page(r, 0, 200);
}

/* The posted items lines ("likert: …", "pilihan: … | a | b", "teks: …"; choice and text in English) into items; *n of them,
** e set when a line cannot be read. */
static void items_from_form(Req *r, TqItemNew *items, int *n_, Err *e_){
  const char *ln[TRAINING_MAX_ITEMS+1];
  int n = lines(r, form_trimmed(r, "items"), ln, TRAINING_MAX_ITEMS+1);
  Err e = {0};
  for(int i=0; i<n && i<=TRAINING_MAX_ITEMS; i++){
    char *z = (char*)ln[i], *colon = strchr(z, ':');
    if( colon==0 ){ ERR_SET(&e, "items", N_("must be lines of likert:, choice: or text: and the text")); break; }
    *colon = 0;
    const char *kind = util_trim(z);
    kind = strcmp(kind, "pilihan")==0 ? "choice" : strcmp(kind, "teks")==0 ? "text" : kind;
    char *text = util_trim(colon+1);
    const char **opts = arena_alloc(&r->arena, sizeof(char*)*13);
    int no = 0;
    char *bar = strchr(text, '|');
    if( bar ){
      *bar = 0;
      for(char *save = 0, *o = strtok_r(bar+1, "|", &save); o && no<13; o = strtok_r(0, "|", &save)) opts[no++] = util_trim(o);
      text = util_trim(text);
    }
    items[i] = (TqItemNew){ kind, text, opts, no };
  }
  *n_ = n;
  *e_ = e;
}

/* The errors of a template's form: those of reading its lines (e), then the template's check's
** (more); an item's kind, text or options named as the form's one field, items. */
static const Err *items_errors(Err *e, const Err *more){
  static const char *const item_fields[] = { "items.kind", "items.text", "items.options" };
  err_merge(e, more);
  for(size_t i=0; i<COUNT(item_fields); i++) err_rename(e, item_fields[i], "items");
  return e;
}

/* POST /pelatihan/kuesioner: a new template from lines "likert: …", "pilihan: … | a | b", "teks: …". */
int page_questionnaire_create(Req *r){
  TqItemNew items[TRAINING_MAX_ITEMS+1];
  int n = 0;
  Err e = {0};
  items_from_form(r, items, &n, &e);
  Actor who = req_actor(r);
  int64_t id;
  if( tq_template_default(r->db, &who, r->office_id, &id)!=OK ) return fail(r, ERR_DB, 0);   /* the standard one comes first */
  /* lines that cannot be read are no items: the name is still checked (and nothing made) */
  Err ce = {0};
  int rc = tq_template_create(r->db, &who, form_trimmed(r, "name"), items, e.msg ? 0 : n, &id, &ce);
  if( rc==OK ) return reply_redirect(r, arena_printf(&r->arena, "/pelatihan/kuesioner?ok=%t", N_("Questionnaire saved")));
  if( rc==ERR_INVALID ) return questionnaires_page(r, items_errors(&e, &ce), 400);   /* the form again, what was typed kept */
  return fail(r, rc, &ce);
}

/* The edit form of a template: its name and items as lines, or what was posted with its error. */
static int questionnaire_edit_page(Req *r, const Err *e, int status){
  int64_t id = num(req_param(r, "id"));
  TqTemplate t;
  int rc = id ? tq_template_get(r->db, r->office_id, id, &t, &r->arena) : ERR_NOTFOUND;
  if( rc!=OK ) return fail(r, rc, 0);
  const char *name = form_trimmed(r, "name"), *items = form_trimmed(r, "items");
  if( name==0 ) name = t.name;
  if( items==0 ){
    Buf b = BUF_INIT;
    for(int i=0; i<t.nitems; i++){
      const TqItem *it = &t.items[i];
      buf_printf(&b, "%R%R: %R", i ? "\n" : "", web_lang_en(r) ? it->kind : training_kind_word(it->kind), it->text);
      for(int o=0; o<it->noptions; o++) buf_printf(&b, " | %R", it->options[o]);
    }
    items = arena_strdup(&r->arena, buf_str(&b));
    buf_free(&b);
  }
  page_begin(r, "Edit the questionnaire");
  form_error_marked(r, e, tq_fields);
  out(r, "<form method=\"post\" action=\"/pelatihan/kuesioner/%lld/ubah\" class=\"card form\" id=\"kuesioner-ubah\">", (long long)id);
  csrf_input(r);
  out(r, "<div><label for=\"q-name\">%h</label><input id=\"q-name\" name=\"name\" required maxlength=\"200\" value=\"%h\"%R>",
      T(r, "Name"), name, field_attrs(r, e, "name"));
  field_error(r, e, "name");
  out(r, "</div><div><label for=\"q-items\">%h</label><textarea id=\"q-items\" name=\"items\" rows=\"10\" required%R>%h</textarea>",
      T(r, "Items, one per line: likert: TEXT, choice: TEXT | OPTION | OPTION, text: TEXT"), field_attrs(r, e, "items"), items);
  field_error(r, e, "items");
  out(r, "</div><p><button type=\"submit\">%h</button> <a href=\"/pelatihan/kuesioner\">%h</a></p></form>", T(r, "Save"),
      T(r, "Back to the list"));
  return page_end(r, status);
}

/* GET /pelatihan/kuesioner/:id/ubah: the form to edit a template. */
int page_questionnaire_edit(Req *r){
  return questionnaire_edit_page(r, 0, 200);
}

/* POST /pelatihan/kuesioner/:id/ubah: save the template; a refusal re-shows the form with its error. */
int page_questionnaire_update(Req *r){
  TqItemNew items[TRAINING_MAX_ITEMS+1];
  int n = 0;
  Err e = {0};
  items_from_form(r, items, &n, &e);
  Actor who = req_actor(r);
  Err ce = {0};   /* as when made: the name checked with lines that cannot be read */
  int rc = tq_template_update(r->db, &who, num(req_param(r, "id")), form_trimmed(r, "name"), items, e.msg ? 0 : n, &ce);
  if( rc==OK ) return reply_redirect(r, arena_printf(&r->arena, "/pelatihan/kuesioner?ok=%t", N_("Questionnaire saved")));
  if( rc==ERR_INVALID || rc==ERR_CONFLICT ) return questionnaire_edit_page(r, items_errors(&e, &ce), rc==ERR_CONFLICT ? 409 : 400);
  return fail(r, rc, &ce);
}

/* The plan as the form's fields (for editing it). */
static int plan_fields(Req *r, const Training *t, Field **out){
  Field *f = arena_alloc(&r->arena, sizeof *f * (16 + 40 + 4*TRAINING_MAX_SESSIONS));
  int n = 0;
  const char *tz = r->office_tz ? r->office_tz : "WIB";
  int off = tz_offset_minutes(tz);
#define PUT(k, v) do{ f[n].name = (k); f[n].value = (v); n++; }while(0)
  PUT("title", t->title); PUT("description", t->description); PUT("venue", t->venue); PUT("trainers", t->trainers);
  PUT("capacity", arena_printf(&r->arena, "%d", t->capacity));
  if( t->portal ) PUT("portal", "1");
  PUT("questionnaire", arena_printf(&r->arena, "%lld", (long long)t->template_id));
  char *aud = arena_strdup(&r->arena, t->audience);
  for(char *save = 0, *w = strtok_r(aud, "\n", &save); w && n<40; w = strtok_r(0, "\n", &save)) PUT("audience", w);
  Buf fac = BUF_INIT, bud = BUF_INIT;
  for(int i=0; i<t->nprep; i++) if( strcmp(t->prep[i].kind, "facility")==0 ){ if( fac.n ) buf_putc(&fac, '\n'); buf_puts(&fac, t->prep[i].label); }
  for(int i=0; i<t->nbudget; i++) buf_printf(&bud, "%R%R | %lld", i ? "\n" : "", t->budget[i].item, (long long)t->budget[i].amount);
  PUT("facilities", arena_strdup(&r->arena, buf_str(&fac)));
  PUT("budget", arena_strdup(&r->arena, buf_str(&bud)));
  buf_free(&fac); buf_free(&bud);
  for(int i=0; i<t->nsessions && i<TRAINING_MAX_SESSIONS; i++){
    time_t a = (time_t)(t->sessions[i].starts_at + off*60), b = (time_t)(t->sessions[i].ends_at + off*60);
    struct tm ta, tb;
    gmtime_r(&a, &ta); gmtime_r(&b, &tb);
    PUT(arena_printf(&r->arena, "s%d_title", i+1), t->sessions[i].title);
    PUT(arena_printf(&r->arena, "s%d_date", i+1), arena_printf(&r->arena, "%04d-%02d-%02d", ta.tm_year+1900, ta.tm_mon+1, ta.tm_mday));
    PUT(arena_printf(&r->arena, "s%d_start", i+1), arena_printf(&r->arena, "%02d:%02d", ta.tm_hour, ta.tm_min));
    PUT(arena_printf(&r->arena, "s%d_end", i+1), arena_printf(&r->arena, "%02d:%02d", tb.tm_hour, tb.tm_min));
  }
#undef PUT
  *out = f;
  return n;
}

/* GET /pelatihan/:id/ubah: the plan form filled with the plan (before approval). */
int page_training_edit(Req *r){
  int64_t id = num(req_param(r, "id"));
  Training t;
  int rc = id ? training_get(r->db, r->office_id, id, &t, &r->arena) : ERR_NOTFOUND;
  if( rc!=OK ) return fail(r, rc, 0);
  Field *f;
  int n = plan_fields(r, &t, &f);
  page_begin(r, "Change the training plan");
  if( strcmp(t.status, "plan") ) page_notice(r, "info", T(r, "The plan is already approved"));
  plan_form(r, 0, arena_printf(&r->arena, "/pelatihan/%lld/ubah", (long long)id), f, n);
  return page_end(r, 200);
}

/* POST /pelatihan/:id/ubah: save the changed plan. */
int page_training_update(Req *r){
  int64_t id = num(req_param(r, "id"));
  TrainingNew in;
  Err e = {0};
  Actor who = req_actor(r);
  int rc = plan_posted(r, &in, &e);
  if( rc==OK ) rc = training_update(r->db, &who, id, &in, &e);
  if( rc==OK ) return back(r, id, N_("Training plan saved"), "rencana");
  if( rc==ERR_NOTFOUND ) return fail(r, rc, &e);
  return plan_refused(r, rc, &e, "Change the training plan", arena_printf(&r->arena, "/pelatihan/%lld/ubah", (long long)id));
}
