/*
** calendar.c — the office calendar as a page: the weekly hours, the holidays of a
** year and the periods with their own hours, and for its keepers the forms to change
** them (one day's hours, a holiday added or removed, a file of holidays imported, a
** period added, changed or removed).
*/
#include "web.h"
#include "../desk/desk.h"
#include "../sop/calendar.h"
#include <stdio.h>
#include <string.h>

static const char *const weekday_label[7] = {
  N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
};

/* The name of weekday w (0 Sunday … 6 Saturday) in the page's language. */
const char *web_weekday(Req *r, int w){
  return w>=0 && w<7 ? T(r, weekday_label[w]) : "";
}

typedef struct WeekView { Req *r; char spans[7][160]; } WeekView;

/* Collect one span into its weekday's text. */
static void week_span(void *ctx, const CalSpan *sp){
  WeekView *w = ctx;
  char *t = w->spans[sp->weekday];
  size_t n = strlen(t);
  snprintf(t + n, sizeof w->spans[0] - n, "%s%02d.%02d–%02d.%02d", n ? ", " : "",
           sp->opens_min/60, sp->opens_min%60, sp->closes_min/60, sp->closes_min%60);
}

/* One holiday as a table row, with a remove button for the calendar's keepers. */
static void holiday_row(void *ctx, const HolidayRow *h){
  Req *r = ctx;
  int64_t day = 0;
  char date[64] = "";
  if( time_parse_day(h->day, r->office_tz, &day)==OK ) time_fmt_date(date, sizeof date, day + 12*3600, r->office_tz, r->lang);
  const char *kind = strcmp(h->kind, "cuti_bersama")==0 ? T(r, "Joint leave (cuti bersama)")
                   : strcmp(h->kind, "local")==0 ? T(r, "Local") : T(r, "National holiday");
  out(r, "<tr><td>%h</td><td>%h</td><td>%h</td><td class=\"act no-print\">", date[0] ? date : h->day, h->name, kind);
  if( perm_allows(r->roles, "calendar.admin") ){
    out(r, "<form method=\"post\" action=\"/kalender/libur/%t/hapus\">", h->day);
    csrf_input(r);
    /* a screen reader hears which row the button removes, not "Hapus" forty times */
    out(r, "<button type=\"submit\" class=\"secondary\" aria-label=\"%h\">%h</button></form>",
        arena_printf(&r->arena, T(r, "Remove: %s (%s)"), date[0] ? date : h->day, h->name), T(r, "Remove"));
  }
  out(r, "</td></tr>");
}

/* One period as a table row: its name, days and the hours of each weekday it names (Monday
** first), with a link to change it and a remove button for the calendar's keepers. */
static void period_row(void *ctx, const CalPeriod *p){
  Req *r = ctx;
  out(r, "<tr><td>%h</td><td>%h – %h</td><td>", p->name, web_day(r, p->first), web_day(r, p->last));
  for(int k=1, lines=0; k<=7; k++){
    int w = k % 7;
    if( !(p->weekdays & 1<<w) ) continue;
    char spans[160] = "";
    for(int i=0; i<p->nspans; i++){
      const CalSpan *sp = &p->spans[i];
      size_t n = strlen(spans);
      if( sp->weekday==w ) snprintf(spans + n, sizeof spans - n, "%s%02d.%02d–%02d.%02d", n ? ", " : "",
                                    sp->opens_min/60, sp->opens_min%60, sp->closes_min/60, sp->closes_min%60);
    }
    out(r, "%R%h: %h", lines++ ? "<br>" : "", T(r, weekday_label[w]), spans[0] ? spans : T(r, "closed"));
  }
  out(r, "</td><td class=\"act no-print\">");
  if( perm_allows(r->roles, "calendar.admin") ){
    out(r, "<div class=\"actions\"><a class=\"button secondary\" href=\"/kalender/periode/%lld/ubah\">%h</a>"
           "<form method=\"post\" action=\"/kalender/periode/%lld/hapus\">", (long long)p->id, T(r, "Edit"), (long long)p->id);
    csrf_input(r);
    out(r, "<button type=\"submit\" class=\"secondary\" aria-label=\"%h\">%h</button></form></div>",
        arena_printf(&r->arena, T(r, "Remove: %s (%s)"), p->name, arena_printf(&r->arena, "%s – %s", web_day(r, p->first),
        web_day(r, p->last))), T(r, "Remove"));
  }
  out(r, "</td></tr>");
}

/* The office's time zone as a select (current chosen) with its hint and error: on this page
** and on the office's settings. */
void calendar_tz_select(Req *r, const Err *e, const char *current){
  static const char *const zones[][2] = { { "WIB", N_("WIB (UTC+7): Sumatra, Java, West and Central Kalimantan") },
    { "WITA", N_("WITA (UTC+8): Bali, Nusa Tenggara, South, East and North Kalimantan, Sulawesi") },
    { "WIT", N_("WIT (UTC+9): Maluku, Papua") } };
  out(r, "<label for=\"tz\">%h</label><select id=\"tz\" name=\"tz\"%R>", T(r, "Time zone of the office"), field_attrs(r, e, "tz"));
  for(size_t i=0; i<COUNT(zones); i++){
    out(r, "<option value=\"%h\"%R>%h</option>", zones[i][0], util_str_eq(current, zones[i][0]) ? " selected" : "", T(r, zones[i][1]));
  }
  out(r, "</select><p class=\"hint muted\">%h</p>", T(r, "Steps already started keep their due times; the next ones follow the new zone."));
  field_error(r, e, "tz");
}

/* A count the address carries (moved_steps= …), 0 when absent or not a small number. */
static int cal_count(Req *r, const char *name){
  const char *z = req_query(r, name);
  char *end;
  long v = z && *z ? strtol(z, &end, 10) : 0;
  return z && *z && *end==0 && v>0 && v<100000000 ? (int)v : 0;
}

/* Where a change of the calendar sends the browser: the page with query (what it says of the
** change) and what the change moved (the page says so). */
static const char *cal_after(Req *r, const char *query, const CalMoved *m){
  if( m->steps==0 && m->cases==0 && m->other==0 ) return arena_printf(&r->arena, "/kalender?%s", query);
  return arena_printf(&r->arena, "/kalender?%s&moved_steps=%d&moved_cases=%d&moved_items=%d",
                      query, m->steps, m->cases, m->other);
}

/* The page after a change of the calendar, with its message. */
static const char *cal_done(Req *r, const char *msg, const CalMoved *m){
  return cal_after(r, arena_printf(&r->arena, "ok=%s", msg), m);
}

/* Above the page, a refused form: named, with "correct the field marked below" when its error
** is shown at one of its fields (the message is then only there), else the message itself. */
static void calendar_form_notice(Req *r, const char *form, const Err *e){
  static const struct { const char *form, *title, *fields[4]; } forms[] = {
    { "holiday", N_("Add a holiday"), { "day", "name", "kind" } },
    { "tz", N_("Time zone"), { "tz", 0, 0 } },
    { "hours", N_("Set one day's hours"), { "weekday", "hours", 0 } },
    { "import", N_("Import holidays"), { "file", 0, 0 } },
    { "period", N_("Add a period with its own hours"), { "name", "from", "to", "hours" } },
    { "period-set", N_("Change a period with its own hours"), { "name", "from", "to", "hours" } },
  };
  for(size_t i=0; i<COUNT(forms); i++){
    if( !util_str_eq(form, forms[i].form) ) continue;
    int at_field = 0;
    for(int k=0; k<4 && forms[i].fields[k]; k++) at_field |= util_str_eq(e->field, forms[i].fields[k]);
    page_notice(r, "error", arena_printf(&r->arena, "%s: %s", T(r, forms[i].title),
                at_field ? T(r, "Please correct the field marked below.") : T_err(r, e)));
    return;
  }
  page_notice(r, "error", T_err(r, e));
}

/* The period an edit page looks for (id), copied into out, found pointing at it once seen. */
typedef struct PeriodFind { int64_t id; CalPeriod *out; CalPeriod **found; } PeriodFind;

/* Keep the period looked for. */
static void period_find(void *ctx, const CalPeriod *p){
  PeriodFind *f = ctx;
  if( p->id==f->id ){ *f->out = *p; *f->found = f->out; }
}

/* The form of a period: a new one (stored NULL), else the change of the stored one, filled with
** it; pe, when given, is its refused submission (what was typed comes back). */
static void period_form(Req *r, const Err *pe, const CalPeriod *stored){
  if( stored ){
    out(r, "<section class=\"card no-print\"><form method=\"post\" action=\"/kalender/periode/%lld/ubah\">", (long long)stored->id);
  }else{
    out(r, "<section class=\"card no-print\"><h2>%h</h2><form method=\"post\" action=\"/kalender/periode\">",
        T(r, "Add a period with its own hours"));
  }
  csrf_input(r);
  const char *pname = 0, *pfrom = 0, *pto = 0, *phours = 0;
  if( pe ){
    pname = req_form(r, "name"); pfrom = req_form(r, "from"); pto = req_form(r, "to"); phours = req_form(r, "hours");
  }else if( stored ){
    Buf b = BUF_INIT;
    calendar_period_hours_text(stored, &b, "\n", 1);
    pname = stored->name; pfrom = stored->first; pto = stored->last;
    phours = arena_printf(&r->arena, "%s", buf_str(&b));
    buf_free(&b);
  }
  out(r, "<label for=\"period-name\">%h</label><input id=\"period-name\" name=\"name\" required maxlength=\"120\""
         " placeholder=\"Ramadan 1448 H\" value=\"%h\"%R>", T(r, "Name"), pname ? pname : "", field_attrs(r, pe, "name"));
  field_error(r, pe, "name");
  out(r, "<label for=\"period-from\">%h</label><input id=\"period-from\" name=\"from\" type=\"date\" required value=\"%h\"%R>",
      T(r, "First day"), pfrom ? pfrom : "", field_attrs(r, pe, "from"));
  field_error(r, pe, "from");
  out(r, "<label for=\"period-to\">%h</label><input id=\"period-to\" name=\"to\" type=\"date\" required value=\"%h\"%R>",
      T(r, "Last day"), pto ? pto : "", field_attrs(r, pe, "to"));
  field_error(r, pe, "to");
  out(r, "<label for=\"period-hours\">%h</label><textarea id=\"period-hours\" name=\"hours\" rows=\"4\" required"
         " placeholder=\"1-4 08.00-15.00&#10;5 08.00-15.30\"%R>%h</textarea><p class=\"hint muted\">%h</p>",
      T(r, "Hours"), field_attrs(r, pe, "hours"), phours ? phours : "",
      T(r, "One line for each weekday or range of them (0 Sunday, 1 Monday … 6 Saturday): 1-4 08.00-15.00 is Monday to Thursday, 5 08.00-11.30 13.00-15.30 a Friday with a break, 6 closed a day off. The weekdays not named keep the weekly hours."));
  field_error(r, pe, "hours");
  out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, stored ? "Save" : "Add"));
}

/* The page; e, when given, is the error of the form named by form. */
static int calendar_page(Req *r, int status, const char *form, const Err *e){
  int64_t year = 0;
  char from[16], to[16];
  if( req_query_int(r, "year", 1970, 2100, time_year(time_now(), r->office_tz), &year) ) return OK;
  snprintf(from, sizeof from, "%04lld-01-01", (long long)year);
  snprintf(to, sizeof to, "%04lld-12-31", (long long)year);

  page_begin(r, "Office calendar");
  if( e && e->msg && form ) calendar_form_notice(r, form, e);
  int ms = cal_count(r, "moved_steps"), mc = cal_count(r, "moved_cases"), mi = cal_count(r, "moved_items");
  int obs = cal_count(r, "observances"), imported = cal_count(r, "imported");
  /* an import says it all in one notice: imported, how many days off, their year, the observances left out */
  const char *said = obs ? arena_printf(&r->arena, " %d %s", obs,
                                        T(r, "observances in the file (Perayaan: days of note, not days off) were not imported.")) : "";
  if( imported ){
    int same = cal_count(r, "unchanged");
    const char *kept = same ? arena_printf(&r->arena, " %d %s", same, T(r, "of them were already in the calendar as the file has them: unchanged.")) : "";
    int fresh = cal_count(r, "new"), changed = cal_count(r, "changed"), out_of = cal_count(r, "not_in_file");
    const char *what = fresh || changed || out_of
      ? arena_printf(&r->arena, " %s %d, %s %d.%s%s", T(r, "New days:"), fresh, T(r, "changed (name or kind):"), changed, out_of ? " " : "",
                     out_of ? arena_printf(&r->arena, T(r, "%d days the calendar holds between the file's first and last day are not in it: kept (remove them below if they are no longer days off)."), out_of) : "")
      : "";
    page_notice(r, "ok", arena_printf(&r->arena, "%s. %d %s %lld.%s%s%s",
                T(r, cal_count(r, "removed") ? "Holidays imported; the days the file calls off were removed" : "Holidays imported"),
                imported, T(r, "days off read from the file; shown below, the holidays of"), (long long)year, kept, what, said));
  }else if( obs ){
    page_notice(r, "info", said + 1);
  }
  if( ms || mc || mi ){
    page_notice(r, "info", arena_printf(&r->arena, "%s %d %s, %d %s, %d %s.",
                T(r, "Due times still running now follow the new calendar:"), ms, T(r, "steps"), mc,
                T(r, "case targets"), mi, T(r, "training preparation items")));
  }
  int missing = calendar_missing_year(r->db, r->office_id, time_now(), r->office_tz);
  if( missing ){
    page_notice(r, "info", arena_printf(&r->arena, T(r, "No national holiday is kept for %d yet: due times falling in that year"
                " count every day the office opens as a working day. Import the year's holidays (.ics or CSV) or add them below."), missing));
  }
  WeekView w;
  memset(&w, 0, sizeof w);
  w.r = r;
  calendar_hours_each(r->db, r->office_id, week_span, &w);
  out(r, "<section class=\"card\"><h2>%h</h2><p class=\"muted\">%h: %h</p><table><tbody>",
      T(r, "Office hours"), T(r, "Time zone"), r->office_tz);
  for(int i=1; i<=7; i++){
    int d = i % 7;   /* Monday first */
    out(r, "<tr><th scope=\"row\">%h</th><td>%h</td></tr>", T(r, weekday_label[d]),
        w.spans[d][0] ? w.spans[d] : T(r, "closed"));
  }
  out(r, "</tbody></table></section>");

  out(r, "<section class=\"card\"><h2>%h %lld</h2>", T(r, "Holidays"), (long long)year);
  /* the years the calendar keeps: 1970 to 2100 (no link past them) */
  out(r, "<p class=\"no-print\">");
  if( year>1970 ) out(r, "<a href=\"/kalender?year=%lld\">← %lld</a>", (long long)year-1, (long long)year-1);
  if( year>1970 && year<2100 ) out(r, " · ");
  if( year<2100 ) out(r, "<a href=\"/kalender?year=%lld\">%lld →</a>", (long long)year+1, (long long)year+1);
  out(r, "</p>");
  out(r, "<div class=\"table-wrap\"><table class=\"stack holidays\"><thead><tr><th>%h</th><th>%h</th><th>%h</th>"
         "<th scope=\"col\" class=\"no-print\"><span class=\"sr\">%h</span></th></tr></thead><tbody>", T(r, "Date"), T(r, "Name"), T(r, "Kind"), T(r, "Action"));
  calendar_holidays_each(r->db, r->office_id, from, to, holiday_row, r);
  out(r, "</tbody></table></div></section>");

  out(r, "<section class=\"card\"><h2>%h</h2><p class=\"muted\">%h</p>", T(r, "Periods with their own hours"),
      T(r, "From its first to its last day, a period's hours replace the weekly hours on the weekdays it names (Ramadan hours); the other weekdays keep theirs, and holidays stay closed."));
  out(r, "<div class=\"table-wrap\"><table class=\"stack periods\"><thead><tr><th>%h</th><th>%h</th><th>%h</th>"
         "<th scope=\"col\" class=\"no-print\"><span class=\"sr\">%h</span></th></tr></thead><tbody>", T(r, "Name"), T(r, "Date"), T(r, "Hours"), T(r, "Action"));
  calendar_periods_each(r->db, r->office_id, 0, 0, period_row, r);
  out(r, "</tbody></table></div></section>");

  if( perm_allows(r->roles, "calendar.admin") ){
    const Err *he = util_str_eq(form, "holiday") ? e : 0;
    out(r, "<section class=\"card no-print\"><h2>%h</h2><form method=\"post\" action=\"/kalender/libur\">", T(r, "Add a holiday"));
    csrf_input(r);
    /* refused: what was typed comes back */
    const char *kday = he ? req_form(r, "day") : 0, *kname = he ? req_form(r, "name") : 0, *kkind = he ? req_form(r, "kind") : 0;
    out(r, "<label for=\"day\">%h</label><input id=\"day\" name=\"day\" type=\"date\" required value=\"%h\"%R>", T(r, "Date"),
        kday ? kday : "", field_attrs(r, he, "day"));
    field_error(r, he, "day");
    out(r, "<label for=\"name\">%h</label><input id=\"name\" name=\"name\" required maxlength=\"120\" value=\"%h\"%R>", T(r, "Name"),
        kname ? kname : "", field_attrs(r, he, "name"));
    field_error(r, he, "name");
    /* no kind chosen is the server's own rule (a name saying Cuti Bersama is joint leave, others
    ** national; a renamed holiday keeps its kind): the form does not preselect national over it */
    out(r, "<label for=\"kind\">%h</label><select id=\"kind\" name=\"kind\"%R>"
           "<option value=\"\">%h</option><option value=\"national\"%R>%h</option><option value=\"cuti_bersama\"%R>%h</option>"
           "<option value=\"local\"%R>%h</option></select>",
        T(r, "Kind"), field_attrs_hint(r, he, "kind", "kind-hint"), T(r, "Automatic, from the name"),
        util_str_eq(kkind, "national") ? " selected" : "", T(r, "National holiday"),
        util_str_eq(kkind, "cuti_bersama") ? " selected" : "", T(r, "Joint leave (cuti bersama)"),
        util_str_eq(kkind, "local") ? " selected" : "", T(r, "Local"));
    out(r, "<p class=\"hint muted\" id=\"kind-hint\">%h</p>",
        T(r, "Automatic: joint leave when the name says Cuti Bersama, else a national holiday; a holiday renamed keeps its kind."));
    field_error(r, he, "kind");
    out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Add"));

    const Err *ze = util_str_eq(form, "tz") ? e : 0;
    out(r, "<section class=\"card no-print\"><h2>%h</h2><form method=\"post\" action=\"/kalender/zona\">", T(r, "Time zone"));
    csrf_input(r);
    calendar_tz_select(r, ze, r->office_tz);
    out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Save"));

    const Err *we = util_str_eq(form, "hours") ? e : 0;
    out(r, "<section class=\"card no-print\"><h2>%h</h2><form method=\"post\" action=\"/kalender/jam\">", T(r, "Set one day's hours"));
    csrf_input(r);
    out(r, "<label for=\"weekday\">%h</label><select id=\"weekday\" name=\"weekday\"%R>", T(r, "Day"), field_attrs(r, we, "weekday"));
    const char *kwd = we ? req_form(r, "weekday") : 0, *khours = we ? req_form(r, "hours") : 0;
    for(int i=1; i<=7; i++){
      out(r, "<option value=\"%d\"%R>%h</option>", i % 7, kwd && atoi(kwd)==i % 7 && *kwd ? " selected" : "", T(r, weekday_label[i % 7]));
    }
    out(r, "</select>");
    field_error(r, we, "weekday");
    out(r, "<label for=\"hours\">%h</label><input id=\"hours\" name=\"hours\" placeholder=\"07:30-12:00 13:00-16:00\" value=\"%h\"%R>"
           "<p class=\"hint muted\">%h</p>", T(r, "Hours"), khours ? khours : "", field_attrs(r, we, "hours"),
        T(r, "Spans as HH:MM-HH:MM separated by spaces; empty: closed that day"));
    field_error(r, we, "hours");
    out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Save"));

    period_form(r, util_str_eq(form, "period") ? e : 0, 0);

    out(r, "<section class=\"card no-print\"><h2>%h</h2>"
           "<form method=\"post\" action=\"/kalender/impor\" enctype=\"multipart/form-data\">", T(r, "Import holidays"));
    csrf_input(r);
    const Err *ie = util_str_eq(form, "import") ? e : 0;
    out(r, "<label for=\"file\">%h</label><input id=\"file\" name=\"file\" type=\"file\" accept=\".ics,.csv,text/calendar,text/csv\" required%R>",
        T(r, "iCalendar (.ics) or CSV file"), field_attrs(r, ie, "file"));
    field_error(r, ie, "file");
    out(r, "<p class=\"hint muted\">%h</p><div><button type=\"submit\">%h</button></div></form></section>", T(r, "CSV lines: date,name[,kind], separated by commas or semicolons, or the columns a header row names (Tanggal, Keterangan, Jenis); dates 2026-03-20 or day first 20/03/2026. All or nothing: a bad line names its number and nothing is imported."),
        T(r, "Import"));
  }
  return page_end(r, status);
}

/* GET /kalender */
int page_calendar(Req *r){
  return calendar_page(r, 200, 0, 0);
}

/* POST /kalender/libur: add or rename one holiday. */
int page_calendar_holiday(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  const char *kind = req_form(r, "kind");
  CalMoved m;
  /* no kind: the server's rule decides (by the name; a renamed holiday keeps its own) */
  int rc = calendar_holiday_set(r->db, &a, r->office_id, req_form(r, "day"), req_form(r, "name"),
                                kind && *kind ? kind : 0, 0, &m, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return calendar_page(r, http_status_of(rc), "holiday", &e);
  }
  return reply_redirect(r, cal_done(r, N_("Holiday saved"), &m));
}

/* POST /kalender/libur/:day/hapus: remove one holiday. */
int page_calendar_holiday_remove(Req *r){
  Actor a = req_actor(r);
  CalMoved m;
  int rc = calendar_holiday_remove(r->db, &a, r->office_id, req_param(r, "day"), &m);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", 0, "No holiday on that day");
  if( rc==ERR_INVALID ) return reply_error(r, 400, "invalid", "day", "must be a date YYYY-MM-DD");
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, cal_done(r, N_("Holiday removed"), &m));
}

/* POST /kalender/jam: replace one weekday's hours. */
int page_calendar_hours(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  CalSpan spans[8];
  const char *wd = req_form(r, "weekday"), *z = req_form(r, "hours");
  int weekday = wd && wd[0]>='0' && wd[0]<='6' && wd[1]==0 ? wd[0]-'0' : -1;
  if( weekday<0 ){ ERR_SET(&e, "weekday", N_("Choose a day of the week")); return calendar_page(r, 400, "hours", &e); }
  int n = z && *z ? calendar_parse_spans(z, weekday, spans, (int)COUNT(spans), &e) : 0;
  if( n<0 ){ if( e.field==0 ) e.field = "hours"; return calendar_page(r, 400, "hours", &e); }
  CalMoved m;
  int rc = calendar_hours_set(r->db, &a, r->office_id, weekday, spans, n, &m, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return calendar_page(r, http_status_of(rc), "hours", &e);
  }
  return reply_redirect(r, cal_done(r, N_("Office hours saved"), &m));
}

/* POST /kalender/zona: the office's time zone. */
int page_calendar_tz(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  const char *tz = req_form(r, "tz");
  int rc = office_update(r->db, &a, r->office_id, 0, util_blank(tz) ? "" : tz, 0, 0, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return calendar_page(r, http_status_of(rc), "tz", &e);
  }
  return reply_redirect(r, "/kalender?ok=Time zone saved");
}

/* POST /kalender/impor: holidays from an uploaded .ics or .csv file, all or nothing. */
int page_calendar_import(Req *r){
  const Field *f = req_form_field(r, "file");
  Err e = {0};
  if( f==0 || (f->len==0 && (f->filename==0 || *f->filename==0)) ){ ERR_SET(&e, "file", N_("Choose a file to import")); return calendar_page(r, 400, "import", &e); }
  if( f->len==0 ){ ERR_SET(&e, "file", N_("The file holds no holidays: nothing was imported")); return calendar_page(r, 400, "import", &e); }
  HolidayList l = {0};
  char err[256];
  int rc = holiday_parse_file(f->filename, f->value, f->len, &l, r->lang, err, sizeof err);
  if( rc!=OK ){
    Buf all = BUF_INIT;
    holiday_list_bad_text(&l, r->lang, "; ", &all);
    holiday_list_free(&l);
    const char *msg = arena_printf(&r->arena, "%s %s", T(r, "The file was not imported:"), all.n ? buf_str(&all) : err);
    buf_free(&all);
    ERR_SET(&e, "file", msg);
    return calendar_page(r, 400, "import", &e);
  }
  if( l.n==0 ){
    int obs = l.observances;
    holiday_list_free(&l);
    ERR_SET(&e, "file", obs ? N_("The file holds only observances (Perayaan), which are not days off: nothing was imported")
                            : N_("The file holds no holidays: nothing was imported"));
    return calendar_page(r, 400, "import", &e);
  }
  Actor a = req_actor(r);
  int obs = l.observances, held = 0;
  char year[5] = "";
  for(int i=0; i<l.n; i++){
    if( l.rows[i].cancelled ) continue;
    if( held++==0 ) memcpy(year, l.rows[i].day, 4);
  }
  CalMoved m;
  CalImport ci;
  rc = calendar_import(r->db, &a, r->office_id, &l, f->filename ? f->filename : "upload", &ci, &m);
  holiday_list_free(&l);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  int removed = ci.removed, same = ci.unchanged, fresh = ci.added, changed = ci.nchanged, kept = ci.nkept;
  calendar_import_free(&ci);
  const char *msg = removed ? N_("Holidays imported; the days the file calls off were removed") : N_("Holidays imported");
  /* how many, and the file's year shown (a file of next year's holidays lands on its year);
  ** the page says it with the message in one notice */
  const char *q = held ? arena_printf(&r->arena, "imported=%d&year=%s&removed=%d&unchanged=%d", held, year, removed ? 1 : 0, same)
                       : arena_printf(&r->arena, "ok=%s", msg);
  if( held && (same || changed || kept) )   /* a file the office held some of: what it changed */
    q = arena_printf(&r->arena, "%s&new=%d&changed=%d&not_in_file=%d", q, fresh, changed, kept);
  if( obs ) q = arena_printf(&r->arena, "%s&observances=%d", q, obs);
  return reply_redirect(r, cal_after(r, q, &m));
}

/* The edit page of period id; e, when given, is its refused submission. */
static int period_edit_page(Req *r, int64_t id, int status, const Err *e){
  CalPeriod *p = arena_alloc(&r->arena, sizeof *p);
  memset(p, 0, sizeof *p);
  p->id = id;
  if( e==0 ){   /* filled with the stored period */
    CalPeriod *found = 0;
    calendar_periods_each(r->db, r->office_id, 0, 0, period_find, &(PeriodFind){ id, p, &found });
    if( found==0 ) return reply_error(r, 404, "not_found", "id", "No such period");
  }
  page_begin(r, "Change a period with its own hours");
  if( e && e->msg ) calendar_form_notice(r, "period-set", e);
  out(r, "<p class=\"no-print\"><a href=\"/kalender\">%h</a></p>", T(r, "Back to the calendar"));
  period_form(r, e, p);
  return page_end(r, status);
}

/* A period from the form (one line of the hours for each weekday or range) stored: new (id 0) or
** over period id; done, the calendar page, else the form again with the field at fault. */
static int period_post(Req *r, int64_t id){
  Err e = {0};
  CalPeriod *p = arena_alloc(&r->arena, 2*sizeof *p), *clash = p+1;
  memset(p, 0, 2*sizeof *p);
  const char *name = req_form(r, "name"), *from = form_trimmed(r, "from"), *to = form_trimmed(r, "to");
  const char *hours = req_form(r, "hours");
  /* a value too long for its field is left empty: the check refuses it by name */
  if( name && strlen(name)<sizeof p->name ) snprintf(p->name, sizeof p->name, "%s", name);
  if( from && strlen(from)<sizeof p->first ) snprintf(p->first, sizeof p->first, "%s", from);
  if( to && strlen(to)<sizeof p->last ) snprintf(p->last, sizeof p->last, "%s", to);
  /* line by line, to name each one at fault (all of them in the one message of "hours"), then
  ** the period's own check, so that every wrong field is named at once */
  const char *bad = 0;   /* plain text: escaped where it is shown */
  for(const char *z = hours ? hours : ""; *z; ){
    size_t n = strcspn(z, "\r\n");
    const char *line = arena_printf(&r->arena, "%.*s", (int)n, z);
    Err le = {0};
    if( calendar_period_parse(p, line, &le)!=OK )
      bad = arena_printf(&r->arena, "%s%s\"%s\": %s", bad ? bad : "", bad ? "; " : "", util_trim((char*)line), T_err(r, &le));
    for(z += n; *z=='\r' || *z=='\n'; z++){}
  }
  if( bad ) err_add(&e, "hours", bad);
  Err pe = {0};
  if( calendar_period_check(p, &pe)!=OK ) err_merge(&e, &pe);   /* a bad line's message kept for "hours" */
  int rc = e.msg ? ERR_INVALID : OK;
  CalMoved m;
  if( rc==OK ){
    Actor a = req_actor(r);
    p->id = id;
    rc = id ? calendar_period_set(r->db, &a, r->office_id, p, clash, &m, &e)
            : calendar_period_add(r->db, &a, r->office_id, p, clash, &m, &e);
  }
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "id", "No such period");
  if( rc==ERR_CONFLICT ){
    ERR_SET(&e, "from", arena_printf(&r->arena, T(r, "The period overlaps period %lld \"%s\" (%s to %s)"),
                                     (long long)clash->id, clash->name, clash->first, clash->last));
  }
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return id ? period_edit_page(r, id, http_status_of(rc), &e) : calendar_page(r, http_status_of(rc), "period", &e);
  }
  return reply_redirect(r, cal_done(r, N_("Period saved"), &m));
}

/* POST /kalender/periode: a period with its own hours. */
int page_calendar_period(Req *r){
  return period_post(r, 0);
}

/* GET /kalender/periode/:id/ubah: the form to change a period, filled with it. */
int page_calendar_period_edit(Req *r){
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return reply_error(r, 404, "not_found", "id", "No such period");
  return period_edit_page(r, id, 200, 0);
}

/* POST /kalender/periode/:id/ubah: change a period; the running clocks move from the earlier first day. */
int page_calendar_period_update(Req *r){
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return reply_error(r, 404, "not_found", "id", "No such period");
  return period_post(r, id);
}

/* POST /kalender/periode/:id/hapus: remove a period; its days have the weekly hours again. */
int page_calendar_period_remove(Req *r){
  Actor a = req_actor(r);
  CalMoved m;
  int64_t id = req_param_id(r, "id");
  int rc = id ? calendar_period_remove(r->db, &a, r->office_id, id, 0, &m) : ERR_NOTFOUND;
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "id", "No such period");
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, cal_done(r, N_("Period removed"), &m));
}
