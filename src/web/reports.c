/*
** reports.c — the reports as pages: the dashboard per role, the compliance
** report, the recaps, each with a server-drawn SVG chart beside a table of the
** same figures, and each exported as CSV, XLSX or A4 PDF (?format=); the
** registers' exports and their printable forms; a procedure's swimlane flow.
*/
#include "web.h"
#include "../desk/report.h"
#include "../desk/skm.h"
#include "../report/table.h"
#include "../report/chart.h"
#include "../report/forms.h"
#include "../report/swimlane.h"
#include "../desk/training.h"
#include <stdlib.h>
#include <string.h>

/* The caller sees the whole office's figures (the head, the secretary…). */
static int rep_office(Req *r){
  return perm_allows(r->roles, "report.office");
}

/* A share in percent as people write it here: "66,7 %". */
static const char *rep_pct(Req *r, double share){
  if( share < 0 ) return "—";
  char d[32];
  util_decimal1(d, sizeof d, share, strcmp(r->lang, "en")==0);
  return arena_printf(&r->arena, "%s %%", d);
}

/* A share from counts. */
static double share_of(int64_t met, int64_t timed){
  return timed > 0 ? 100.0 * (double)met / (double)timed : -1;
}

/* A standard in words in the caller's language, "—" when none. */
static const char *rep_std(Req *r, const Standard *s){
  if( s==0 ) return "—";
  char *z = arena_alloc(&r->arena, 128);
  sop_standard_text(s, strcmp(r->lang, "en")==0 ? "en" : "id", z, 128);
  return z;
}

/* A compliance row's standard in words: a training's preparation row has none of its own, each
** of its checklist items being counted against its own deadline. */
static const char *rep_row_std(Req *r, const ComplianceRow *w){
  return w->items ? T(r, "Each preparation item by its own deadline") : rep_std(r, w->std);
}

/* The first words of a long text: at most max characters, the last "…" when cut. */
static const char *rep_cut(Req *r, const char *z, size_t max){
  return util_utf8_cut(z, max, &r->arena);
}

/* The period of a report page: ?from=&to= (days, the end included), filled in as
** report_period_fill says (by default this month; `from` alone up to today).
** 0, or the msgid of what is wrong (*field: the parameter it is about). */
static const char *rep_period(Req *r, int64_t *from, int64_t *to, const char **field){
  int64_t before;
  const char *bad = query_period(r, from, to, &before, field);
  if( bad ) return bad;
  int given_to = *to != 0;
  report_period_fill(from, to, time_now(), r->office_tz);
  *field = given_to ? "to" : "from";   /* `from` alone: the period runs to today, which it named */
  if( *to - *from > 400LL*86400 ) return N_("The period may be at most 400 days");
  *field = 0;
  return 0;
}

/* The ?format= of an export: NULL for the page, "csv"/"xlsx"/"pdf", or "" when unknown. */
static const char *rep_format(Req *r){
  const char *f = query_trimmed(r, "format");
  if( *f==0 ) return 0;
  return rtable_mime(f) ? f : "";
}

/* The error of a report asked for in an unknown ?format= (the addresses of its links are
** written by hand too): set on e unless e holds one already. */
static const char *rep_format_check(Req *r, Err *e){
  const char *format = rep_format(r);
  if( format && *format==0 && e->msg==0 ) ERR_SET(e, "format", N_("The format must be csv, xlsx or pdf"));
  return format;
}

/* The day before an exclusive end, as YYYY-MM-DD (for the date inputs). */
static const char *rep_day(Req *r, int64_t t){
  char *z = arena_alloc(&r->arena, 11);
  register_today(z, t, r->office_tz);
  return z;
}

/* A date input of a report's filter form, its error under it: what was typed when the form
** is shown again with an error (nothing is lost), else the day given (none when 0). */
static void rep_date_input(Req *r, const Err *e, const char *name, const char *label, int64_t day){
  const char *v = e->msg ? query_trimmed(r, name) : day ? rep_day(r, day) : "";
  out(r, "<div><label for=\"f-%h\">%h</label><input id=\"f-%h\" name=\"%h\" type=\"date\" value=\"%h\"%R>",
      name, T(r, label), name, name, v, field_attrs(r, e, name));
  field_error(r, e, name);
  out(r, "</div>");
}

/* The period in words: "1 November 2026 – 30 November 2026". */
static const char *rep_period_words(Req *r, int64_t from, int64_t to){
  char a[64], b[64];
  time_fmt_date(a, sizeof a, from, r->office_tz, r->lang);
  time_fmt_date(b, sizeof b, to - 1, r->office_tz, r->lang);
  return arena_printf(&r->arena, "%s – %s", a, b);
}

/* Send a table as a file in a format. */
static int rep_send(Req *r, RTable *t, const char *format, const char *name){
  t->footer = arena_printf(&r->arena, "%s · %s · %s %s", r->office_name ? r->office_name : "", t->title,
                           T(r, "Printed"), web_time(r, time_now()));
  buf_reset(&r->out);
  if( rtable_export(t, format, &r->out)!=OK ) return reply_error(r, 500, "internal", 0, "The export failed");
  return reply_download(r, 200, rtable_mime(format), arena_printf(&r->arena, "%s.%s", name, format));
}

/* Say on an export that holds only the newest shown rows that more rows matched (matched, or 0 when
** the count is not known): a file cut short says so, and how to have the rest. */
static void rep_cut_line(Req *r, RTable *t, int64_t shown, int64_t matched){
  if( matched>0 ){
    rtable_line(t, arena_printf(&r->arena, T(r, "Only the newest %lld of the %lld rows that matched are here: choose a shorter period for the rest"),
                                (long long)shown, (long long)matched));
  }else{
    rtable_line(t, arena_printf(&r->arena, T(r, "Only the newest %lld rows are here (more matched): choose a shorter period for the rest"),
                                (long long)shown));
  }
}

/* The export links of a page: the same query with each format. */
static void rep_exports(Req *r, const char *path, const char *extra){
  static const char *const names[] = { "from", "to", "sop", "step", "officer", "by", "q" };
  const char *q = "";
  for(size_t i=0; i<COUNT(names); i++){
    const char *v = query_trimmed(r, names[i]);
    if( *v ) q = arena_printf(&r->arena, "%R%R=%t&", q, names[i], v);
  }
  out(r, "<p class=\"exports no-print\">%h:", T(r, "Download"));
  static const char *const fmts[] = { "csv", "xlsx", "pdf" };
  for(size_t i=0; i<COUNT(fmts); i++){
    out(r, " <a href=\"%h?%h%hformat=%t\" download>%h</a>", path, q, extra ? extra : "", fmts[i],
        i==0 ? "CSV" : i==1 ? "XLSX" : "PDF");
  }
  out(r, "</p>");
}

/* One figure of the dashboard; a link to its list is named by its label too ("Kasus terbuka: 9", not "9"). */
static void stat(Req *r, const char *label, const char *value, const char *href){
  out(r, "<div class=\"stat\"><span class=\"stat-label\">%h</span>", T(r, label));
  if( href ) out(r, "<a class=\"stat-value\" href=\"%h\" aria-label=\"%h: %h\">%h</a>", href, T(r, label), value, value);
  else out(r, "<span class=\"stat-value\">%h</span>", value);
  out(r, "</div>");
}

/* A count as text. */
static const char *num(Req *r, int64_t v){
  return arena_printf(&r->arena, "%lld", (long long)v);
}

/* "met of judged (share)" for an export's figure: a target's cases, or the finished steps with a
** standard ("8 / 13 (61,5 %)"). */
static const char *target_words(Req *r, int64_t met, int64_t judged){
  return arena_printf(&r->arena, "%lld / %lld (%s)", (long long)met, (long long)judged, rep_pct(r, share_of(met, judged)));
}

/* What the share within standard counts, said under the dashboard's and the compliance report's tables. */
#define SHARE_NOTE N_("The share within standard counts the steps finished in the period; a step still open past its due time is not in it, but is among the breaches.")

/* What the dashboard's two counts of late work count (CASE_SQL_STEP_OVERDUE, CASE_SQL_STEP_BREACHED),
** said under them, so a head reads the two numbers apart. */
#define OVERDUE_NOTE N_("Steps overdue: the open steps past their due time now, their clock running (a held step is not overdue); the same steps as the overdue list.")
#define BREACH_NOTE N_("Breaches this month: the steps whose due time fell this month and was missed, finished late or still open (held after its due time too); a breach stays in the month of its due time once finished. Cancelled steps count for neither.")

/* The two notes, under a section's figures. */
static void late_notes(Req *r, int overdue){
  out(r, "<div class=\"definitions muted\">");
  if( overdue ) out(r, "<p class=\"overdue-note\">%h</p>", T(r, OVERDUE_NOTE));
  out(r, "<p class=\"breach-note\">%h</p></div>", T(r, BREACH_NOTE));
}

/* Under the month's breaches, the two kinds the figure adds up: the steps finished late (which
** the share within standard counts too) and those still open past their due time (which it does
** not, being unfinished), so the share and the breaches are read together. */
static const char *breach_split_words(Req *r, const char *label, int64_t total, int64_t open){
  const char *head = label ? arena_printf(&r->arena, "%s %lld", T(r, label), (long long)total) : T(r, "Of them");   /* under the figure itself */
  return arena_printf(&r->arena, "%s: %lld %s · %lld %s", head, (long long)(total - open), T(r, "finished late"),
                      (long long)open, T(r, "still open past their due time"));
}

/* The same under a page's figure, when there is any breach. */
static void breach_split(Req *r, const char *label, int64_t total, int64_t open){
  if( total > 0 ) out(r, "<p class=\"breach-split\">%h</p>", breach_split_words(r, label, total, open));
}

/* GET /laporan: the dashboard — the office's figures for the head, one's own for everyone. */
int page_reports(Req *r){
  Dashboard d;
  int64_t now = time_now();
  if( dashboard_get(db_report(), r->office_id, r->office_tz, now, r->username, &d, &r->arena)!=OK ){   /* a report: the replica may answer */
    return reply_error(r, 500, "internal", 0, "The database failed");
  }
  Err e = {0};
  const char *format = rep_format_check(r, &e);
  if( format && e.msg==0 ){
    RTable t;
    rtable_init(&t, &r->arena, T(r, "Reports"), r->office_tz, r->lang);
    rtable_line(&t, arena_printf(&r->arena, "%s · %s %s", r->office_name ? r->office_name : "", T(r, "As of"), web_time(r, now)));
    rtable_col(&t, T(r, "Figure"), RT_TEXT, 0);
    rtable_col(&t, T(r, "Value"), RT_TEXT, 40);
    if( rep_office(r) ){
      rtable_text(&t, T(r, "Open cases")); rtable_int(&t, d.open_cases);
      rtable_text(&t, T(r, "Opened today")); rtable_int(&t, d.opened_today);
      rtable_text(&t, T(r, "Finished today")); rtable_int(&t, d.closed_today);
      rtable_text(&t, T(r, "Steps overdue")); rtable_int(&t, d.overdue_steps);
      rtable_text(&t, T(r, "Of the steps overdue, past due since before this month (a breach of that month)")); rtable_int(&t, d.overdue_before_month);
      rtable_text(&t, T(r, "Due later today")); rtable_int(&t, d.due_today);
      rtable_text(&t, T(r, "Steps done this month")); rtable_int(&t, d.month_done);
      rtable_text(&t, arena_printf(&r->arena, "%s — %s", T(r, "Breaches"), T(r, "This month"))); rtable_int(&t, d.month_breaches);
      rtable_text(&t, arena_printf(&r->arena, "%s: %s", T(r, "Of them"), T(r, "finished late"))); rtable_int(&t, d.month_breaches - d.month_breaches_open);
      rtable_text(&t, arena_printf(&r->arena, "%s: %s", T(r, "Of them"), T(r, "still open past their due time"))); rtable_int(&t, d.month_breaches_open);
      rtable_text(&t, arena_printf(&r->arena, "%s — %s", T(r, "Finished steps within their standard"), T(r, "This month")));
      rtable_text(&t, target_words(r, d.month_met, d.month_timed));
      rtable_text(&t, arena_printf(&r->arena, "%s — %s", T(r, "Finished steps within their standard"), T(r, "Last month")));
      rtable_text(&t, target_words(r, d.last_met, d.last_timed));
      rtable_text(&t, T(r, "Cases answered within the response target, this month"));
      rtable_text(&t, target_words(r, d.month_answered_met, d.month_answered));
      rtable_text(&t, T(r, "Cases resolved within the resolution target, this month"));
      rtable_text(&t, target_words(r, d.month_resolved_met, d.month_resolved));
      /* the page's slowest steps: each with its 90th percentile against its standard */
      for(int i=0; i<d.nslowest; i++){
        const ComplianceRow *w = &d.slowest[i];
        rtable_text(&t, arena_printf(&r->arena, "%s — %s %s %d", T(r, "Slowest steps this month"), w->sop_code, T(r, "Step"), w->step));
        rtable_text(&t, arena_printf(&r->arena, "%s %s · %s %s · %s %s · %s %d", T(r, "90th percentile"), report_row_duration(&r->arena, w, w->p90_s, r->lang),
                                     T(r, "Standard"), rep_std(r, w->std), T(r, "Within standard"), rep_pct(r, compliance_share(w)),
                                     T(r, "Breaches"), w->breaches));
      }
    }
    /* the officer's own figures, named so beside the office's (the page has them under "My work") */
    const char *mine = rep_office(r) ? arena_printf(&r->arena, "%s — ", T(r, "My work")) : "";
    rtable_text(&t, arena_printf(&r->arena, "%s%s", mine, T(r, "My open steps"))); rtable_int(&t, d.my_open);
    rtable_text(&t, arena_printf(&r->arena, "%s%s", mine, T(r, "Of them overdue"))); rtable_int(&t, d.my_overdue);
    rtable_text(&t, arena_printf(&r->arena, "%s%s", mine, T(r, "Steps I did this month"))); rtable_int(&t, d.my_done_month);
    rtable_text(&t, arena_printf(&r->arena, "%s%s", mine, T(r, "Finished within standard this month")));
    rtable_text(&t, target_words(r, d.my_month_met, d.my_month_timed));
    rtable_text(&t, arena_printf(&r->arena, "%s%s", mine, T(r, "Breaches this month"))); rtable_int(&t, d.my_breaches_month);
    rtable_text(&t, arena_printf(&r->arena, "%s%s: %s", mine, T(r, "Of them"), T(r, "finished late")));
    rtable_int(&t, d.my_breaches_month - d.my_breaches_open);
    rtable_text(&t, arena_printf(&r->arena, "%s%s: %s", mine, T(r, "Of them"), T(r, "still open past their due time")));
    rtable_int(&t, d.my_breaches_open);
    return rep_send(r, &t, format, "dasbor");
  }
  page_begin(r, "Reports");
  if( e.msg ) page_notice(r, "error", T_err(r, &e));
  out(r, "<p class=\"muted\">%h %h</p>", T(r, "As of"), web_time(r, now));
  rep_exports(r, "/laporan", 0);
  if( rep_office(r) ){
    out(r, "<section class=\"card\" aria-labelledby=\"dash-office\"><h2 id=\"dash-office\">%h</h2><div class=\"stats\">",
        T(r, "The office today"));
    stat(r, N_("Open cases"), num(r, d.open_cases), "/kasus?status=open");
    stat(r, N_("Opened today"), num(r, d.opened_today), 0);
    stat(r, N_("Finished today"), num(r, d.closed_today), 0);
    stat(r, N_("Steps overdue"), num(r, d.overdue_steps), "/kasus?overdue=1");
    stat(r, N_("Due later today"), num(r, d.due_today), 0);
    /* the month's steps done, as the compliance report and the monthly mail count them (a training's step 2 once) */
    stat(r, N_("Steps done this month"), num(r, d.month_done), "/laporan/kepatuhan");
    /* the month's breaches: each one someone must account for, listed with its case */
    stat(r, N_("Breaches this month"), num(r, d.month_breaches), "/laporan/kepatuhan#pelanggaran");
    out(r, "</div>");
    breach_split(r, 0, d.month_breaches, d.month_breaches_open);
    /* the steps overdue and the month's breaches still open differ by those overdue since an earlier month */
    if( d.overdue_before_month > 0 ){
      out(r, "<p class=\"overdue-before\">%h: %lld</p>",
          T(r, "Of the steps overdue, past due since before this month (a breach of that month)"), (long long)d.overdue_before_month);
    }
    /* the case list's overdue steps have no training checklist: say where those items are */
    if( d.overdue_prep>0 ){
      out(r, "<p class=\"overdue-prep\">%h: %lld · <a href=\"/pelatihan\">%h</a></p>",
          T(r, "Of the steps overdue, training preparation items past their deadline"), (long long)d.overdue_prep, T(r, "Trainings"));
    }
    late_notes(r, 1);
    double now_share = share_of(d.month_met, d.month_timed), last_share = share_of(d.last_met, d.last_timed);
    ChartBar bars[2] = {
      { T(r, "This month"), now_share < 0 ? 0 : now_share, rep_pct(r, now_share), now_share >= 0 && now_share < 80 },
      { T(r, "Last month"), last_share < 0 ? 0 : last_share, rep_pct(r, last_share), last_share >= 0 && last_share < 80 },
    };
    out(r, "<div class=\"chart-pair\">");
    web_scroll_open(r, "figure", "chart-scroll", T(r, "Finished steps within their standard"));
    Buf svg = BUF_INIT;
    chart_hbar(&svg, T(r, "Finished steps within their standard"), bars, 2, 100, -1);
    out(r, "%R</figure>", buf_str(&svg));
    buf_free(&svg);
    web_scroll_open(r, "div", "table-wrap", T(r, "Finished steps within their standard"));
    out(r, "<table class=\"figures\"><caption>%h</caption><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        T(r, "Finished steps within their standard"), T(r, "Month"), T(r, "Finished steps with a standard"), T(r, "Within standard"),
        T(r, "Finished late"), T(r, "Share"));
    out(r, "<tr><th scope=\"row\">%h</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%h</td></tr>",
        T(r, "This month"), (long long)d.month_timed, (long long)d.month_met, (long long)(d.month_timed - d.month_met), rep_pct(r, now_share));
    out(r, "<tr><th scope=\"row\">%h</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%h</td></tr>",
        T(r, "Last month"), (long long)d.last_timed, (long long)d.last_met, (long long)(d.last_timed - d.last_met), rep_pct(r, last_share));
    out(r, "</tbody></table><p class=\"muted\">%h</p></div></div>",
        T(r, SHARE_NOTE));
    /* the priority table's targets, case by case */
    web_scroll_open(r, "div", "table-wrap", T(r, "Case targets this month (priority table)"));
    out(r, "<table class=\"figures\"><caption>%h</caption><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        T(r, "Case targets this month (priority table)"), T(r, "Target"), T(r, "Cases"), T(r, "Within target"), T(r, "Share"));
    out(r, "<tr><th scope=\"row\">%h</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%h</td></tr>",
        T(r, "Response (cases opened this month and answered)"), (long long)d.month_answered, (long long)d.month_answered_met,
        rep_pct(r, share_of(d.month_answered_met, d.month_answered)));
    out(r, "<tr><th scope=\"row\">%h</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%h</td></tr>",
        T(r, "Resolution (cases closed this month)"), (long long)d.month_resolved, (long long)d.month_resolved_met,
        rep_pct(r, share_of(d.month_resolved_met, d.month_resolved)));
    out(r, "</tbody></table></div>");
    out(r, "<h3>%h</h3>", T(r, "Slowest steps this month"));
    if( d.nslowest==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No step went past its standard this month"));
    else{
      web_scroll_open(r, "div", "table-wrap", T(r, "Slowest steps this month"));
      out(r, "<table class=\"slowest\"><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
             "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
             "<th scope=\"col\">%h</th></tr></thead><tbody>",
          T(r, "Procedure"), T(r, "Step"), T(r, "Standard"), T(r, "Median"), T(r, "90th percentile"), T(r, "Within standard"),
          T(r, "Breaches"));
      for(int i=0; i<d.nslowest; i++){
        const ComplianceRow *w = &d.slowest[i];
        out(r, "<tr><td class=\"mono\">%h</td><td><a href=\"/laporan/kepatuhan?sop=%t&amp;step=%d\">%d</a> %h</td><td>%h</td>"
               "<td class=\"num\">%h</td><td class=\"num\">%h</td><td class=\"num\">%h</td><td class=\"num\">%d</td></tr>",
            w->sop_code, w->sop_code, w->step, w->step, rep_cut(r, strcmp(r->lang, "en")==0 ? w->step_text_en : w->step_text, 60), rep_std(r, w->std),
            report_row_duration(&r->arena, w, w->median_s, r->lang), report_row_duration(&r->arena, w, w->p90_s, r->lang),
            rep_pct(r, compliance_share(w)), w->breaches);
      }
      out(r, "</tbody></table></div>");
    }
    out(r, "</section>");
  }
  out(r, "<section class=\"card\" aria-labelledby=\"dash-mine\"><h2 id=\"dash-mine\">%h</h2><div class=\"stats\">",
      T(r, "My work"));
  stat(r, N_("My open steps"), num(r, d.my_open), "/tugas");
  stat(r, N_("Of them overdue"), num(r, d.my_overdue), 0);
  stat(r, N_("Steps I did this month"), num(r, d.my_done_month), 0);
  stat(r, N_("Finished within standard this month"), rep_pct(r, share_of(d.my_month_met, d.my_month_timed)), 0);
  stat(r, N_("Breaches this month"), num(r, d.my_breaches_month), 0);
  out(r, "</div>");
  breach_split(r, 0, d.my_breaches_month, d.my_breaches_open);
  if( !rep_office(r) ) late_notes(r, 1);   /* the head has read them above */
  out(r, "<p class=\"no-print\"><a href=\"/laporan/kepatuhan?officer=%t\">%h</a></p></section>",
      r->username, T(r, "My compliance report"));
  out(r, "<section class=\"card no-print\"><h2>%h</h2><ul>", T(r, "Reports"));
  if( rep_office(r) ){
    out(r, "<li><a href=\"/laporan/kepatuhan\">%h</a></li>", T(r, "Compliance report"));
    out(r, "<li><a href=\"/laporan/skm\">%h</a></li>", T(r, "Public satisfaction index (IKM)"));
    for(int i=0; i<RECAP_COUNT; i++){
      const RecapKind *k = recap_at(i);
      out(r, "<li><a href=\"/laporan/rekap/%t\">%h</a> <span class=\"muted\">(%h)</span></li>", k->slug, T(r, k->title), T(r, k->basis));
    }
  }
  if( perm_allows(r->roles, "register.read") ){
    for(int i=0; i<REG_COUNT; i++){
      const Register *g = register_at(i);
      out(r, "<li>%h: <a href=\"/register/%t/ekspor?format=csv\">CSV</a> · <a href=\"/register/%t/ekspor?format=xlsx\">XLSX</a>"
             " · <a href=\"/register/%t/ekspor?format=pdf\">PDF</a></li>", T(r, g->title), g->slug, g->slug, g->slug);
    }
  }
  out(r, "</ul></section>");
  return page_end(r, e.msg ? 400 : 200);
}

/* The breaches a file of the compliance report holds at most (the latest due; the page shows 500). */
#define REP_BREACHES_FILE 10000

/* An officer's username past 64 characters, said with the limit. */
static const char *const rep_officer_long_msg = N_("The officer's username is too long: at most %d characters");

/* Read the compliance filter from the query; the msgid of what is wrong, or 0 (*field: the
** parameter it is about). */
static const char *rep_compliance_filter(Req *r, ComplianceFilter *f, const char **field){
  memset(f, 0, sizeof *f);
  f->office_id = r->office_id;
  f->now = time_now();
  const char *bad = rep_period(r, &f->from, &f->to, field);
  if( bad ) return bad;
  *field = "sop";
  f->sop = query_trimmed(r, "sop");
  if( *f->sop && sop_library_find(f->sop)==0 ) return N_("No such procedure");
  if( *f->sop ) f->sop = sop_library_find(f->sop)->code;
  *field = "step";
  const char *st = query_trimmed(r, "step");
  if( *st ){
    char *end;
    long v = strtol(st, &end, 10);
    if( *end || v < 1 || v > 999 ) return N_("The step must be a number from 1");
    f->step = (int)v;
    if( *f->sop && !compliance_step_known(sop_library_find(f->sop), f->step) ) return N_("The procedure has no such step");
    if( !*f->sop && !compliance_step_any(f->step) ) return N_("No procedure has such a step");
  }
  *field = "officer";
  f->officer = query_trimmed(r, "officer");
  if( strlen(f->officer) > 64 ) return rep_officer_long_msg;
  /* an officer without the office's view sees only their own work: another's asked for is said
  ** so (as the API answers), not answered with their own figures under the other's name */
  if( !rep_office(r) ){
    if( *f->officer && strcmp(f->officer, r->username) ) return N_("You may report only your own work");
    f->officer = r->username;
  }else if( *f->officer ){
    /* a name mistyped would report nothing, as if the officer had done nothing */
    int known = compliance_officer_known(db_report(), r->office_id, f->officer);
    if( known < 0 ) return N_("The database failed");
    if( known==0 ) return N_("No officer of this office has that username");
  }
  *field = 0;
  f->by_officer = strcmp(query_trimmed(r, "by"), "officer")==0;
  f->breach_limit = 500;
  return 0;
}

/* A duration cell of an export: seconds for CSV and XLSX (a number to compute with), in words
** for the PDF, which people read ("18 menit", "5 hari 14 jam"); empty when none (< 0). */
static const char *rep_secs(Req *r, int64_t s, int words){
  if( s < 0 ) return "";
  return words ? report_duration(&r->arena, s, r->lang) : num(r, s);
}

/* rep_secs of a compliance row's duration: in words, office time in hours (report_row_duration). */
static const char *rep_row_secs(Req *r, const ComplianceRow *w, int64_t s, int words){
  if( s < 0 ) return "";
  return words ? report_row_duration(&r->arena, w, s, r->lang) : num(r, s);
}

/* The compliance report's rows as a table (exports; words: for the PDF). */
static void rep_compliance_table(Req *r, const ComplianceFilter *f, const Compliance *c, RTable *t, int words){
  rtable_init(t, &r->arena, T(r, "Compliance report"), r->office_tz, r->lang);
  rtable_line(t, arena_printf(&r->arena, "%s · %s", r->office_name ? r->office_name : "", rep_period_words(r, f->from, f->to)));
  if( *f->sop || f->step || *f->officer ){
    rtable_line(t, arena_printf(&r->arena, "%s %s %s%s%s", *f->sop ? f->sop : "",
                                f->step ? arena_printf(&r->arena, "%s %d", T(r, "Step"), f->step) : "",
                                *f->officer ? T(r, "Officer") : "", *f->officer ? ": " : "", f->officer));
  }
  /* the breaches as the page says them: how many finished late, how many still open */
  if( c->breaches_total > 0 ) rtable_line(t, breach_split_words(r, N_("Breaches"), c->breaches_total, c->breaches_open));
  rtable_col(t, T(r, "Procedure"), RT_TEXT, 34);
  rtable_col(t, T(r, "Step"), RT_INT, 11);
  rtable_col(t, T(r, "Activity"), RT_TEXT, 0);
  if( f->by_officer ) rtable_col(t, T(r, "Officer"), RT_TEXT, 22);
  rtable_col(t, T(r, "Standard"), RT_TEXT, 30);
  rtable_col(t, T(r, "Cases"), RT_INT, 14);
  rtable_col(t, T(r, "Steps done"), RT_INT, 14);
  rtable_col(t, T(r, words ? "Median" : "Median (s)"), RT_INT, words ? 28 : 17);
  rtable_col(t, T(r, words ? "90th percentile" : "90th percentile (s)"), RT_INT, words ? 28 : 17);
  rtable_col(t, T(r, "Within standard (%)"), RT_NUM, 17);
  rtable_col(t, T(r, "Breaches"), RT_INT, 14);
  for(int i=0; i<c->nrows; i++){
    const ComplianceRow *w = &c->rows[i];
    rtable_text(t, w->sop_code);
    rtable_int(t, w->step);
    const char *activity = rep_cut(r, strcmp(r->lang, "en")==0 ? w->step_text_en : w->step_text, 140);
    /* a preparation row times its checklist's items (its steps done count the step once): how many,
    ** beside its activity, as the page says it beside the count */
    rtable_text(t, w->items ? arena_printf(&r->arena, "%s (%s: %d)", activity, T(r, "preparation items"), w->items_done) : activity);
    if( f->by_officer ) rtable_text(t, w->officer);
    rtable_text(t, rep_row_std(r, w));
    rtable_int(t, w->cases);
    rtable_int(t, w->done);
    rtable_text(t, rep_row_secs(r, w, w->median_s, words));
    rtable_text(t, rep_row_secs(r, w, w->p90_s, words));
    if( w->timed ) rtable_num(t, compliance_share(w), 1); else rtable_text(t, "");
    rtable_int(t, w->breaches);
  }
  rtable_total(t);
  rtable_text(t, T(r, "Total"));
  rtable_text(t, "");
  rtable_text(t, "");
  if( f->by_officer ) rtable_text(t, "");
  rtable_text(t, "");
  rtable_int(t, c->total.cases);
  rtable_int(t, c->total.done);
  rtable_text(t, "");
  rtable_text(t, "");
  if( c->total.timed ) rtable_num(t, compliance_share(&c->total), 1); else rtable_text(t, "");
  rtable_int(t, c->total.breaches);
}

/* What a breach not done is, in words: still open, or an item its training began without. */
static const char *breach_undone(Req *r, const ComplianceBreach *b){
  return T(r, b->ended ? "not done before the training" : "still open");
}

/* The breaches as a table (exports with ?tabel=pelanggaran; words: for the PDF). */
static void rep_breach_table(Req *r, const ComplianceFilter *f, const Compliance *c, RTable *t, int words){
  rtable_init(t, &r->arena, T(r, "Breaches of the standard"), r->office_tz, r->lang);
  rtable_line(t, arena_printf(&r->arena, "%s · %s", r->office_name ? r->office_name : "", rep_period_words(r, f->from, f->to)));
  if( c->breaches_total > 0 ) rtable_line(t, breach_split_words(r, N_("Breaches"), c->breaches_total, c->breaches_open));
  if( c->nbreaches < c->breaches_total ) rep_cut_line(r, t, c->nbreaches, c->breaches_total);   /* a file cut short says so */
  rtable_col(t, T(r, "Case"), RT_TEXT, 40);
  rtable_col(t, T(r, "Procedure"), RT_TEXT, 36);
  rtable_col(t, T(r, "Step"), RT_INT, 12);
  /* a training's checklist item, as the page shows it beside the step: a column when the list has one */
  int items = 0;
  for(int i=0; i<c->nbreaches && !items; i++) items = c->breaches[i].item!=0;
  if( items ) rtable_col(t, T(r, "Preparation item"), RT_TEXT, 0);
  rtable_col(t, T(r, "Officer"), RT_TEXT, 24);
  rtable_col(t, T(r, "Started"), RT_TIME, 0);
  rtable_col(t, T(r, "Due"), RT_TIME, 0);
  rtable_col(t, T(r, "Done"), RT_TIME, 0);
  rtable_col(t, T(r, words ? "Late by" : "Late by (s)"), RT_INT, words ? 26 : 18);
  for(int i=0; i<c->nbreaches; i++){
    const ComplianceBreach *b = &c->breaches[i];
    rtable_text(t, b->number);
    rtable_text(t, b->sop_code);
    rtable_int(t, b->step);
    if( items ) rtable_text(t, b->item ? T(r, training_prep_label(b->item)) : "");
    rtable_text(t, b->officer);
    rtable_time_s(t, b->started_at, b->secs);
    rtable_time_s(t, b->due_at, b->secs);
    /* not done: the PDF, read by people, says why as the page does; the files for machines leave it empty */
    if( b->done_at==0 && words ) rtable_text(t, breach_undone(r, b));
    else rtable_time_s(t, b->done_at, b->secs);
    rtable_text(t, rep_secs(r, b->late_s, words));
  }
}

/* The filter form of the compliance report, an error in e under its field (above the form
** when it is about none of them). */
static void rep_compliance_form(Req *r, const ComplianceFilter *f, const Err *e){
  static const char *const fields[] = { "officer", "from", "to", "sop", "step", 0 };   /* the officer's: for the office's view */
  form_error(r, e, rep_office(r) ? fields : fields + 1);
  out(r, "<form class=\"filters card no-print\" method=\"get\" action=\"/laporan/kepatuhan\">");
  rep_date_input(r, e, "from", "From date", f->from);
  rep_date_input(r, e, "to", "To date", f->to ? f->to - 1 : 0);
  out(r, "<div><label for=\"f-sop\">%h</label><select id=\"f-sop\" name=\"sop\"%R><option value=\"\">%h</option>",
      T(r, "Procedure"), field_attrs(r, e, "sop"), T(r, "All"));
  web_sop_options(r, f->sop, 0, 0);
  out(r, "</select>");
  field_error(r, e, "sop");
  out(r, "</div><div><label for=\"f-step\">%h</label><input id=\"f-step\" name=\"step\" type=\"number\" min=\"1\" value=\"%h\"%R>",
      T(r, "Step"), query_trimmed(r, "step"), field_attrs(r, e, "step"));
  field_error(r, e, "step");
  out(r, "</div>");
  if( rep_office(r) ){
    out(r, "<div><label for=\"f-officer\">%h</label><input id=\"f-officer\" name=\"officer\" value=\"%h\" maxlength=\"64\"%R>",
        T(r, "Officer"), query_trimmed(r, "officer"), field_attrs(r, e, "officer"));
    field_error(r, e, "officer");
    out(r, "</div>");
  }
  out(r, "<div><label class=\"check\"><input type=\"checkbox\" name=\"by\" value=\"officer\"%R> %h</label></div>",
      f->by_officer ? " checked" : "", T(r, "A row per officer"));
  out(r, "<div><button type=\"submit\">%h</button> <a href=\"/laporan/kepatuhan\">%h</a></div></form>",
      T(r, "Show"), T(r, "Clear"));
}

/* GET /laporan/kepatuhan: the compliance report (and its exports). */
int page_report_compliance(Req *r){
  ComplianceFilter f;
  Err e = {0};
  e.msg = rep_compliance_filter(r, &f, &e.field);
  if( e.msg==rep_officer_long_msg ) e.n = 64;
  const char *format = rep_format_check(r, &e);
  if( format ) f.breach_limit = REP_BREACHES_FILE;   /* the page shows the latest 500; a file is for the whole list */
  const char *table = query_trimmed(r, "tabel");   /* which table a file holds: a misspelt one said, not the other given */
  if( e.msg==0 && *table && strcmp(table, "pelanggaran") ){
    ERR_SET(&e, "tabel", N_("The table must be pelanggaran (the breaches) or left out (the compliance table)"));
  }
  Compliance c;
  memset(&c, 0, sizeof c);
  if( e.msg==0 && compliance_report(db_report(), &f, &c, &r->arena)!=OK ){   /* a report: the replica may answer */
    return reply_error(r, 500, "internal", 0, "The database failed");
  }
  /* a file asked for with a filter that is wrong: the page again, the error under the field */
  if( format && e.msg==0 ){
    RTable t;
    int breaches = *table!=0;
    int words = strcmp(format, "pdf")==0;
    if( breaches ) rep_breach_table(r, &f, &c, &t, words); else rep_compliance_table(r, &f, &c, &t, words);
    return rep_send(r, &t, format, breaches ? "pelanggaran" : "kepatuhan");
  }
  page_begin(r, "Compliance report");
  out(r, "<p class=\"no-print\"><a href=\"/laporan\">%h</a></p>", T(r, "Back to the reports"));
  rep_compliance_form(r, &f, &e);
  if( e.msg ) return page_end(r, 400);
  out(r, "<p class=\"report-head\">%h · %h</p>", r->office_name ? r->office_name : "", rep_period_words(r, f.from, f.to));
  rep_exports(r, "/laporan/kepatuhan", 0);
  if( c.nrows==0 ){
    out(r, "<p class=\"muted\">%h</p>", T(r, "No step was done in this period"));
  }else{
    ChartBar *bars = arena_alloc(&r->arena, sizeof *bars * (size_t)c.nrows);
    int nb = 0;
    for(int i=0; i<c.nrows; i++){
      const ComplianceRow *w = &c.rows[i];
      if( w->timed==0 ) continue;
      double s = compliance_share(w);
      bars[nb].label = arena_printf(&r->arena, "%s · %d%s%s", w->sop_code, w->step, *w->officer ? " · " : "", w->officer);
      bars[nb].value = s;
      bars[nb].text = rep_pct(r, s);
      bars[nb].bad = s < 80;
      nb++;
    }
    if( nb ){
      Buf svg = BUF_INIT;
      chart_hbar(&svg, T(r, "Share of steps within their standard"), bars, nb, 100, -1);
      web_scroll_open(r, "figure", "chart-figure chart-scroll", T(r, "Share of steps within their standard"));
      out(r, "%R</figure>", buf_str(&svg));
      buf_free(&svg);
    }
  }
  web_scroll_open(r, "div", "table-wrap", T(r, "Compliance by step"));
  out(r, "<table class=\"compliance\"><caption>%h</caption><thead><tr>", T(r, "Compliance by step"));
  out(r, "<th scope=\"col\">%h</th><th scope=\"col\">%h</th>", T(r, "Procedure"), T(r, "Step"));
  if( f.by_officer ) out(r, "<th scope=\"col\">%h</th>", T(r, "Officer"));
  out(r, "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
      T(r, "Standard"), T(r, "Cases"), T(r, "Steps done"), T(r, "Median"), T(r, "90th percentile"),
      T(r, "Within standard"), T(r, "Breaches"));
  for(int i=0; i<c.nrows; i++){
    const ComplianceRow *w = &c.rows[i];
    const Procedure *lp = sop_library_find(w->sop_code);   /* its address: the slug ("SOP 02/…" has a '/') */
    out(r, "<tr><td class=\"mono\">%h</td><td><a href=\"/prosedur/%t#langkah-%d\">%d</a> <span class=\"muted\">%h</span></td>",
        w->sop_code, lp ? lp->slug : w->sop_code, w->step, w->step, rep_cut(r, strcmp(r->lang, "en")==0 ? w->step_text_en : w->step_text, 70));
    if( f.by_officer ) out(r, "<td>%h</td>", *w->officer ? w->officer : "—");
    out(r, "<td>%h%R</td><td class=\"num\">%d</td><td class=\"num\">%d%R</td><td class=\"num\">%h</td><td class=\"num\">%h</td>"
           "<td class=\"num\">%h</td>",
        rep_row_std(r, w),
        /* measured in office time: said once (an office-time standard's words say it already) */
        w->office_measure && !(w->std && STD_IS_OFFICE(w->std))
          ? arena_printf(&r->arena, " <span class=\"muted\">(%h)</span>", T(r, "office time")) : "",
        /* a preparation row: the step counted once, its checklist items (timed each by its deadline) beside it */
        w->cases, w->done, w->items ? arena_printf(&r->arena, " <span class=\"muted\">· %d %h</span>", w->items_done, T(r, "preparation items")) : "",
        report_row_duration(&r->arena, w, w->median_s, r->lang), report_row_duration(&r->arena, w, w->p90_s, r->lang),
        rep_pct(r, compliance_share(w)));
    if( w->breaches ){
      /* the breaches of this row: its officer's (or the report's) too, else the list shows others' */
      const char *who = f.by_officer ? w->officer : f.officer;
      out(r, "<td class=\"num\"><a href=\"/laporan/kepatuhan?from=%t&amp;to=%t&amp;sop=%t&amp;step=%d%R%t%R#pelanggaran\">%d</a></td></tr>",
          rep_day(r, f.from), rep_day(r, f.to - 1), w->sop_code, w->step, *who ? "&amp;officer=" : "", who,
          f.by_officer ? "&amp;by=officer" : "", w->breaches);
    }else out(r, "<td class=\"num\">0</td></tr>");
  }
  out(r, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"%d\">%h</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
         "<td></td><td></td><td class=\"num\">%h</td><td class=\"num\">%d</td></tr></tfoot></table></div>",
      f.by_officer ? 4 : 3, T(r, "Total"), c.total.cases, c.total.done, rep_pct(r, compliance_share(&c.total)), c.total.breaches);
  out(r, "<h2 id=\"pelanggaran\">%h</h2>", T(r, "Breaches of the standard"));
  if( c.breaches_total==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No breach in this period"));
  else{
    rep_exports(r, "/laporan/kepatuhan", "tabel=pelanggaran&");
    breach_split(r, N_("Breaches"), c.breaches_total, c.breaches_open);
    if( c.nbreaches < c.breaches_total ){
      out(r, "<p class=\"muted\">%h %d / %d</p>", T(r, "Showing the latest"), c.nbreaches, c.breaches_total);
    }
    web_scroll_open(r, "div", "table-wrap", T(r, "Breaches of the standard"));
    out(r, "<table class=\"breaches\"><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "</tr></thead><tbody>",
        T(r, "Case"), T(r, "Procedure"), T(r, "Step"), T(r, "Officer"), T(r, "Due"), T(r, "Done"), T(r, "Late by"));
    for(int i=0; i<c.nbreaches; i++){
      const ComplianceBreach *b = &c.breaches[i];
      out(r, "<tr><td class=\"mono\"><a href=\"/kasus/%t\">%h</a></td><td class=\"mono\">%h</td><td class=\"num\">%d%R%h</td>"
             "<td>%h</td><td>%h</td><td>%h</td><td class=\"num\">%h</td></tr>",
          b->number, b->number, b->sop_code, b->step, b->item ? " · " : "", b->item ? T(r, training_prep_label(b->item)) : "",
          *b->officer ? b->officer : "—", web_time_s(r, b->due_at, b->secs),
          b->done_at ? web_time_s(r, b->done_at, b->secs) : breach_undone(r, b),
          report_duration(&r->arena, b->late_s, r->lang));
    }
    out(r, "</tbody></table></div>");
  }
  out(r, "<p class=\"muted\">%h</p>", T(r, SHARE_NOTE));
  out(r, "<p class=\"muted\">%h</p>", T(r, "Median: the middle value; 90th percentile: nine in ten steps took at most this long. Office standards are measured in office time, the others in real time, less the time the clock stood paused."));
  return page_end(r, 200);
}

/* GET /laporan/rekap: the recaps the SOPs name. */
int page_recaps(Req *r){
  page_begin(r, "Recaps");
  out(r, "<p class=\"no-print\"><a href=\"/laporan\">%h</a></p><ul>", T(r, "Back to the reports"));
  for(int i=0; i<RECAP_COUNT; i++){
    const RecapKind *k = recap_at(i);
    out(r, "<li><a href=\"/laporan/rekap/%t\">%h</a> <span class=\"muted\">(%h)</span></li>", k->slug, T(r, k->title), T(r, k->basis));
  }
  out(r, "</ul>");
  return page_end(r, 200);
}

/* One value of a recap as text: a duration column in words (or seconds for files). */
static const char *recap_value(Req *r, const Recap *c, int col, int64_t v, int words){
  if( col==c->duration_col ){
    if( v < 0 ) return words ? "—" : "";
    return words ? report_duration(&r->arena, v, r->lang) : num(r, v);
  }
  return num(r, v);
}

/* GET /laporan/rekap/:recap: one recap, by day or by month (and its exports). */
int page_recap(Req *r){
  const RecapKind *k = recap_find(req_param(r, "recap"));
  if( k==0 ) return reply_error(r, 404, "not_found", 0, "No such recap");
  int64_t from, to;
  Err e = {0};
  e.msg = rep_period(r, &from, &to, &e.field);
  const char *by = query_trimmed(r, "by");
  int monthly = *by ? strcmp(by, "month")==0 : k->monthly;
  if( e.msg==0 && *by && strcmp(by, "month") && strcmp(by, "day") ) ERR_SET(&e, "by", N_("Group by day or by month"));
  const char *format = rep_format_check(r, &e);
  Recap c;
  memset(&c, 0, sizeof c);
  if( e.msg==0 ){
    int rc = recap_build(db_report(), k, r->office_id, r->office_tz, from, to, monthly, &c, &r->arena);   /* a report: the replica may answer */
    if( rc==ERR_INVALID ) ERR_SET(&e, "to", N_("The period may be at most 400 days"));
    else if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  }
  /* a file asked for with a period that is wrong: the page again, the error under the field */
  if( format && e.msg==0 ){
    RTable t;
    rtable_init(&t, &r->arena, T(r, k->title), r->office_tz, r->lang);
    rtable_line(&t, arena_printf(&r->arena, "%s · %s · %s", r->office_name ? r->office_name : "", rep_period_words(r, from, to), T(r, k->basis)));
    rtable_col(&t, T(r, monthly ? "Month" : "Day"), monthly ? RT_MONTH : RT_DATE, 30);
    int words = strcmp(format, "pdf")==0;   /* the PDF is read by people: a duration in words */
    for(int i=0; i<c.ncols; i++){
      rtable_col(&t, i==c.duration_col && !words ? arena_printf(&r->arena, "%s (s)", T(r, c.cols[i])) : T(r, c.cols[i]), RT_INT, 0);
    }
    for(int b=0; b<c.nrows; b++){
      rtable_time(&t, c.rows[b].start);
      for(int i=0; i<c.ncols; i++) rtable_text(&t, recap_value(r, &c, i, c.rows[b].v[i], words));
    }
    rtable_total(&t);
    rtable_text(&t, T(r, "Total"));
    for(int i=0; i<c.ncols; i++) rtable_text(&t, recap_value(r, &c, i, c.total[i], words));
    return rep_send(r, &t, format, k->slug);
  }
  page_begin(r, k->title);
  out(r, "<p class=\"no-print\"><a href=\"/laporan/rekap\">%h</a></p>", T(r, "All recaps"));
  static const char *const fields[] = { "from", "to", "by", 0 };
  form_error(r, &e, fields);
  out(r, "<form class=\"filters card no-print\" method=\"get\" action=\"/laporan/rekap/%t\">", k->slug);
  rep_date_input(r, &e, "from", "From date", from);
  rep_date_input(r, &e, "to", "To date", to - 1);
  out(r, "<div><label for=\"f-by\">%h</label><select id=\"f-by\" name=\"by\"%R><option value=\"day\"%R>%h</option>"
         "<option value=\"month\"%R>%h</option></select>",
      T(r, "Group by"), field_attrs(r, &e, "by"), monthly ? "" : " selected", T(r, "Day"), monthly ? " selected" : "", T(r, "Month"));
  field_error(r, &e, "by");
  out(r, "</div><div><button type=\"submit\">%h</button></div></form>", T(r, "Show"));
  if( e.msg ) return page_end(r, 400);
  out(r, "<p class=\"report-head\">%h · %h · <span class=\"muted\">%h</span></p>", r->office_name ? r->office_name : "",
      rep_period_words(r, from, to), T(r, k->basis));
  rep_exports(r, arena_printf(&r->arena, "/laporan/rekap/%s", k->slug),
              arena_printf(&r->arena, "by=%s&", monthly ? "month" : "day"));
  ChartBar *bars = arena_alloc(&r->arena, sizeof *bars * (size_t)(c.nrows + 1));
  for(int b=0; b<c.nrows; b++){
    /* short, to fit under a column: "Agu 2026", "5 Agu" */
    bars[b].label = monthly ? web_month(r, c.rows[b].label, 1) : web_day_short(r, c.rows[b].label);
    bars[b].value = (double)c.rows[b].v[0];
    bars[b].text = 0;
    bars[b].bad = 0;
  }
  Buf svg = BUF_INIT;
  chart_columns(&svg, arena_printf(&r->arena, "%s — %s", T(r, k->title), T(r, c.cols[0])), bars, c.nrows);
  web_scroll_open(r, "figure", "chart-figure chart-scroll", T(r, k->title));
  out(r, "%R</figure>", buf_str(&svg));
  buf_free(&svg);
  web_scroll_open(r, "div", "table-wrap", T(r, k->title));
  out(r, "<table class=\"recap\"><caption>%h</caption><thead><tr><th scope=\"col\">%h</th>",
      T(r, k->title), T(r, monthly ? "Month" : "Day"));
  for(int i=0; i<c.ncols; i++) out(r, "<th scope=\"col\">%h</th>", T(r, c.cols[i]));
  out(r, "</tr></thead><tbody>");
  for(int b=0; b<c.nrows; b++){
    out(r, "<tr><th scope=\"row\">%h</th>", monthly ? web_month(r, c.rows[b].label, 0) : web_day(r, c.rows[b].label));
    for(int i=0; i<c.ncols; i++) out(r, "<td class=\"num\">%h</td>", recap_value(r, &c, i, c.rows[b].v[i], 1));
    out(r, "</tr>");
  }
  out(r, "</tbody><tfoot><tr><th scope=\"row\">%h</th>", T(r, "Total"));
  for(int i=0; i<c.ncols; i++) out(r, "<td class=\"num\">%h</td>", recap_value(r, &c, i, c.total[i], 1));
  out(r, "</tr>");
  page_signatures_row(r, 1 + c.ncols, N_("Acknowledged by"), N_("Head of LPSE (Ketua)"), N_("Officer"));
  out(r, "</tfoot></table></div>");
  return page_end(r, 200);
}

/* ---- the public-satisfaction survey (SKM) ---- */

/* A figure of the SKM with 2 decimals as people write it here ("3,25"), "—" when there is none. */
const char *skm_dec(Req *r, double v, int have){
  if( !have ) return "—";
  char *z = arena_alloc(&r->arena, 32);
  util_decimal(z, 32, skm_round2(v), 2, strcmp(r->lang, "en")==0);
  return z;
}

/* An IKM's grade as people read it: "B (Baik)", "—" when nobody answered. */
const char *skm_grade_text(Req *r, const SkmIndex *x){
  if( x->grade==0 ) return "—";
  return arena_printf(&r->arena, "%c (%s)", x->grade, T(r, skm_grade_words(x->grade)));
}

/* A profile field's counts in words: "Laki-laki 3 · Perempuan 1". */
static const char *skm_profile_words(Req *r, const SkmReport *s, int field){
  int n;
  const SkmChoice *c = skm_choices(field, &n);
  const char *z = "";
  for(int i=0; i<n; i++){
    z = arena_printf(&r->arena, "%s%s%s %lld", z, i ? " · " : "", T(r, c[i].label), (long long)s->profile[field][i]);
  }
  return z;
}

/* The profile's fields in the report's order, with their names. */
static const struct { int field; const char *label; } skm_profile_fields[] = {
  { SKM_GENDER, N_("Sex") }, { SKM_AGE_BAND, N_("Age (years)") }, { SKM_EDUCATION, N_("Education") },
  { SKM_OCCUPATION, N_("Occupation") },
};

/* A figure of the SKM in an export's number column: 2 decimals with a point (the CSV and XLSX keep
** the number, the PDF writes it as people do here: rtable_pdf), empty when there is none. */
static void skm_rtable_num(RTable *t, double v, int have){
  if( have ) rtable_num(t, skm_round2(v), 2); else rtable_text(t, "");
}

/* A row of the per-procedure table (a procedure's, or the total's): respondents, NRR U1..U9, IKM, grade. */
static void skm_rtable_row(Req *r, RTable *t, const char *label, const SkmIndex *x){
  rtable_text(t, label);
  rtable_int(t, x->respondents);
  for(int i=0; i<SKM_ELEMENTS; i++) skm_rtable_num(t, x->nrr[i], x->n[i] > 0);
  skm_rtable_num(t, x->ikm, x->grade);
  rtable_text(t, skm_grade_text(r, x));
}

#define SKM_SUGGESTIONS_PAGE 25      /* the suggestions on a page of the report */
#define SKM_SUGGESTIONS_EXPORT 10000  /* the most an export holds */

/* Where a suggestion came from, in words (msgid): the portal for a closed case, walk-in, paper. */
static const char *skm_channel_words(const char *source){
  if( util_str_eq(source, "case") ) return N_("Portal (closed case)");
  if( util_str_eq(source, "paper") ) return N_("Paper");
  return N_("Walk-in");
}

/* A suggestion's procedure as the report names it: its title in the caller's language and its code. */
static const char *skm_sop_words(Req *r, const char *code){
  const Procedure *p = sop_library_find(code);
  const char *title = p ? (strcmp(r->lang, "en")==0 && p->title_en ? p->title_en : p->title) : 0;
  return title ? arena_printf(&r->arena, "%s (%s)", title, code) : code;
}

/* The period asked for (?from=&to=, as given) as the start of a query string: "from=X&to=Y&", or "". */
static const char *skm_period_query(Req *r){
  const char *q = "";
  static const char *const keep[] = { "from", "to" };
  for(size_t i=0; i<COUNT(keep); i++){
    const char *x = query_trimmed(r, keep[i]);
    if( *x ) q = arena_printf(&r->arena, "%R%R=%t&", q, keep[i], x);
  }
  return q;
}

/* The period's suggestions on the report page, the newest first, SKM_SUGGESTIONS_PAGE a page (?saran= the
** page, from 1), with links to the newer and older pages and the export of all of them. */
static void skm_suggestions_section(Req *r, int64_t from, int64_t to){
  const char *pg = query_trimmed(r, "saran");
  long page = *pg && strspn(pg, "0123456789")==strlen(pg) && strlen(pg)<7 ? atol(pg) : 1;
  if( page<1 ) page = 1;
  SkmSuggestion *v;
  int n;
  int64_t total;
  out(r, "<section class=\"card\" id=\"skm-suggestions\"><h2>%h</h2>", T(r, "Respondents' suggestions"));
  if( skm_suggestions(db_report(), r->office_id, from, to, (int)((page-1)*SKM_SUGGESTIONS_PAGE), SKM_SUGGESTIONS_PAGE,
                      &v, &n, &total, &r->arena)!=OK ){
    out(r, "<p class=\"notice error\">%h</p></section>", T(r, "The database failed"));
    return;
  }
  if( total==0 ){
    out(r, "<p class=\"muted\" id=\"skm-suggestions-none\">%h</p></section>", T(r, "No suggestions were written in this period."));
    return;
  }
  out(r, "<p id=\"skm-suggestions-count\">%h: %lld</p>", T(r, "Suggestions written"), (long long)total);
  rep_exports(r, "/laporan/skm/saran", 0);
  if( total>SKM_SUGGESTIONS_EXPORT ){
    out(r, "<p class=\"hint muted no-print\" id=\"skm-suggestions-cut\">%h</p>",
        arena_printf(&r->arena, T(r, "A download holds the newest %d suggestions: choose a shorter period for the rest"), SKM_SUGGESTIONS_EXPORT));
  }
  web_scroll_open(r, "div", "table-wrap", T(r, "Respondents' suggestions"));
  out(r, "<table class=\"skm-suggestions\"><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
      T(r, "Date"), T(r, "Procedure"), T(r, "Channel"), T(r, "Case"), T(r, "Suggestion"));
  for(int i=0; i<n; i++){
    char day[11];
    time_day_text(day, v[i].answered_at, r->office_tz);
    out(r, "<tr id=\"skm-suggestion-%lld\"><td>%h</td><td>%h</td><td>%h</td><td class=\"mono\">%h</td><td class=\"lines\">%h</td></tr>",
        (long long)v[i].id, web_day(r, day), skm_sop_words(r, v[i].sop), T(r, skm_channel_words(v[i].source)),
        *v[i].case_number ? v[i].case_number : "—", v[i].text);
  }
  out(r, "</tbody></table></div>");
  if( page>1 || (int64_t)page*SKM_SUGGESTIONS_PAGE < total ){
    const char *q = skm_period_query(r);
    out(r, "<p class=\"pager no-print\">");
    if( page>1 ) out(r, "<a href=\"/laporan/skm?%hsaran=%ld#skm-suggestions\" rel=\"prev\">%h</a> ", q, page-1, T(r, "Newer suggestions"));
    if( (int64_t)page*SKM_SUGGESTIONS_PAGE < total )
      out(r, "<a href=\"/laporan/skm?%hsaran=%ld#skm-suggestions\" rel=\"next\">%h</a>", q, page+1, T(r, "Older suggestions"));
    out(r, "</p>");
  }
  out(r, "</section>");
}

/* GET /laporan/skm/saran?from=&to=&format=: the period's suggestions as CSV, XLSX or PDF (at most
** SKM_SUGGESTIONS_EXPORT, the newest first, the file saying when more matched); without a format, the report's page where they are listed. */
int page_report_skm_suggestions(Req *r){
  int64_t from, to;
  Err e = {0};
  e.msg = rep_period(r, &from, &to, &e.field);
  const char *format = rep_format_check(r, &e);
  if( e.msg ) return reply_error(r, 400, "invalid", e.field, e.msg);
  if( format==0 ){
    return reply_redirect(r, arena_printf(&r->arena, "/laporan/skm?%Rsaran=1#skm-suggestions", skm_period_query(r)));
  }
  SkmSuggestion *v;
  int n;
  int64_t total;
  if( skm_suggestions(db_report(), r->office_id, from, to, 0, SKM_SUGGESTIONS_EXPORT, &v, &n, &total, &r->arena)!=OK ){
    return reply_error(r, 500, "internal", 0, "The database failed");
  }
  RTable t;
  rtable_init(&t, &r->arena, T(r, "Respondents' suggestions"), r->office_tz, r->lang);
  rtable_line(&t, arena_printf(&r->arena, "%s · %s · %s", r->office_name ? r->office_name : "", rep_period_words(r, from, to),
                               T(r, "Public satisfaction survey (SKM), Minister PANRB Regulation No. 14 of 2017")));
  rtable_col(&t, T(r, "Date"), RT_TEXT, 22);
  rtable_col(&t, T(r, "Procedure"), RT_TEXT, 45);
  rtable_col(&t, T(r, "Channel"), RT_TEXT, 25);
  rtable_col(&t, T(r, "Case"), RT_TEXT, 30);
  rtable_col(&t, T(r, "Suggestion"), RT_TEXT, 0);
  for(int i=0; i<n; i++){
    char day[11];
    time_day_text(day, v[i].answered_at, r->office_tz);
    rtable_text(&t, arena_strdup(&r->arena, day));
    rtable_text(&t, skm_sop_words(r, v[i].sop));
    rtable_text(&t, T(r, skm_channel_words(v[i].source)));
    rtable_text(&t, v[i].case_number);
    rtable_text(&t, v[i].text);
  }
  if( total>n ) rep_cut_line(r, &t, n, total);
  return rep_send(r, &t, format, "saran-skm");
}

/* GET /laporan/skm?from=&to=: the public-satisfaction index of a period (Permenpan RB 14/2017), overall
** and per procedure, with the respondents' profile; printable, and as CSV, XLSX or PDF. */
int page_report_skm(Req *r){
  int64_t from, to;
  Err e = {0};
  e.msg = rep_period(r, &from, &to, &e.field);
  const char *format = rep_format_check(r, &e);
  SkmReport s;
  memset(&s, 0, sizeof s);
  if( e.msg==0 && skm_report(db_report(), r->office_id, from, to, &s, &r->arena)!=OK ){   /* a report: the replica may answer */
    return reply_error(r, 500, "internal", 0, "The database failed");
  }
  const char *title = T(r, "Public satisfaction index (IKM)");
  if( format && e.msg==0 ){
    RTable t;
    rtable_init(&t, &r->arena, title, r->office_tz, r->lang);
    rtable_line(&t, arena_printf(&r->arena, "%s · %s · %s", r->office_name ? r->office_name : "", rep_period_words(r, from, to),
                                 T(r, "Minister PANRB Regulation No. 14 of 2017")));
    for(size_t f=0; f<COUNT(skm_profile_fields); f++){
      rtable_line(&t, arena_printf(&r->arena, "%s: %s", T(r, skm_profile_fields[f].label), skm_profile_words(r, &s, skm_profile_fields[f].field)));
    }
    rtable_col(&t, T(r, "Procedure"), RT_TEXT, 60);
    rtable_col(&t, T(r, "Respondents"), RT_INT, 0);
    for(int i=0; i<SKM_ELEMENTS; i++) rtable_col(&t, arena_printf(&r->arena, "NRR %s", skm_element(i)->code), RT_NUM, 0);
    rtable_col(&t, "IKM", RT_NUM, 0);
    rtable_col(&t, T(r, "Grade"), RT_TEXT, 30);
    for(int g=0; g<s.ngroups; g++){
      skm_rtable_row(r, &t, arena_printf(&r->arena, "%s — %s", s.groups[g].sop_code,
                                         strcmp(r->lang, "en")==0 ? s.groups[g].title_en : s.groups[g].title), &s.groups[g].ix);
    }
    rtable_total(&t);
    skm_rtable_row(r, &t, T(r, "Whole unit"), &s.total);
    return rep_send(r, &t, format, "ikm");
  }
  page_begin(r, "Public satisfaction index (IKM)");
  out(r, "<p class=\"no-print\"><a href=\"/laporan\">%h</a></p>", T(r, "Back to the reports"));
  static const char *const fields[] = { "from", "to", 0 };
  form_error(r, &e, fields);
  out(r, "<form class=\"filters card no-print\" method=\"get\" action=\"/laporan/skm\">");
  rep_date_input(r, &e, "from", "From date", from);
  rep_date_input(r, &e, "to", "To date", to - 1);
  out(r, "<div><button type=\"submit\">%h</button></div></form>", T(r, "Show"));
  if( e.msg ) return page_end(r, 400);
  out(r, "<p class=\"report-head\">%h · %h · <span class=\"muted\">%h</span></p>", r->office_name ? r->office_name : "",
      rep_period_words(r, from, to), T(r, "Public satisfaction survey (SKM), Minister PANRB Regulation No. 14 of 2017"));
  rep_exports(r, "/laporan/skm", 0);
  const SkmIndex *x = &s.total;
  out(r, "<dl class=\"facts card\" id=\"skm-total\"><dt>%h</dt><dd id=\"skm-ikm\">%h</dd><dt>%h</dt><dd id=\"skm-grade\">%h</dd>"
         "<dt>%h</dt><dd id=\"skm-respondents\">%lld</dd><dt>%h</dt><dd id=\"skm-sources\">%lld · %h %lld · %h %lld</dd></dl>",
      T(r, "IKM of the unit"), skm_dec(r, x->ikm, x->grade), T(r, "Service quality"), skm_grade_text(r, x),
      T(r, "Respondents"), (long long)x->respondents, T(r, "Of them, for a closed case"), (long long)s.from_cases,
      T(r, "walk-in visitors"), (long long)s.walkin, T(r, "typed in from paper"), (long long)s.paper);
  if( perm_allows(r->roles, "register.write") ){
    out(r, "<p class=\"no-print\"><a href=\"/skm/kertas\" id=\"skm-paper-link\">%h</a></p>", T(r, "Type in a paper questionnaire"));
  }
  if( x->respondents==0 ) out(r, "<p class=\"muted\" id=\"skm-none\">%h</p>", T(r, "Nobody answered the survey in this period."));
  /* the elements: the NRR, the weighted NRR, their sum and the IKM, as the regulation's table sets them out */
  web_scroll_open(r, "div", "table-wrap", T(r, "Service elements"));
  out(r, "<table id=\"skm-elements\"><caption>%h</caption><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
      T(r, "Service elements"), T(r, "Element"), T(r, "Sum of answers"), T(r, "Answers"), T(r, "NRR per element"), T(r, "Weighted NRR"));
  for(int i=0; i<SKM_ELEMENTS; i++){
    const SkmElement *el = skm_element(i);
    out(r, "<tr><th scope=\"row\">%h. %h</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%h</td><td class=\"num\">%h</td></tr>",
        el->code, T(r, el->name), (long long)x->sum[i], (long long)x->n[i], skm_dec(r, x->nrr[i], x->n[i] > 0),
        skm_dec(r, x->weighted[i], x->n[i] > 0));
  }
  out(r, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"4\">%h</th><td class=\"num\">%h</td></tr>"
         "<tr><th scope=\"row\" colspan=\"4\">%h</th><td class=\"num\">%h</td></tr></tfoot></table></div>",
      T(r, "Sum of the weighted NRR"), skm_dec(r, x->ikm4, x->grade), T(r, "IKM of the unit (sum × 25)"), skm_dec(r, x->ikm, x->grade));
  web_scroll_open(r, "div", "table-wrap", T(r, "By procedure"));
  out(r, "<table id=\"skm-procedures\"><caption>%h</caption><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>",
      T(r, "By procedure"), T(r, "Procedure"), T(r, "Respondents"));
  for(int i=0; i<SKM_ELEMENTS; i++) out(r, "<th scope=\"col\"><abbr title=\"%h\">%h</abbr></th>", T(r, skm_element(i)->name), skm_element(i)->code);
  out(r, "<th scope=\"col\">IKM</th><th scope=\"col\">%h</th></tr></thead><tbody>", T(r, "Grade"));
  for(int g=0; g<s.ngroups; g++){
    const SkmGroup *w = &s.groups[g];
    out(r, "<tr><th scope=\"row\">%h <span class=\"muted\">%h</span></th><td class=\"num\">%lld</td>",
        strcmp(r->lang, "en")==0 ? w->title_en : w->title, w->sop_code, (long long)w->ix.respondents);
    for(int i=0; i<SKM_ELEMENTS; i++) out(r, "<td class=\"num\">%h</td>", skm_dec(r, w->ix.nrr[i], w->ix.n[i] > 0));
    out(r, "<td class=\"num\">%h</td><td>%h</td></tr>", skm_dec(r, w->ix.ikm, w->ix.grade), skm_grade_text(r, &w->ix));
  }
  out(r, "</tbody></table></div>");
  out(r, "<section class=\"card\" id=\"skm-profile\"><h2>%h</h2>", T(r, "Respondents' profile"));
  for(size_t f=0; f<COUNT(skm_profile_fields); f++){
    int n;
    const SkmChoice *c = skm_choices(skm_profile_fields[f].field, &n);
    out(r, "<table class=\"skm-profile\"><caption>%h</caption><tbody>", T(r, skm_profile_fields[f].label));
    for(int i=0; i<n; i++){
      out(r, "<tr><th scope=\"row\">%h</th><td class=\"num\">%lld</td></tr>", T(r, c[i].label),
          (long long)s.profile[skm_profile_fields[f].field][i]);
    }
    out(r, "</tbody></table>");
  }
  out(r, "</section>");
  skm_suggestions_section(r, from, to);
  out(r, "<p class=\"muted\">%h</p>", T(r, "NRR per element: the sum of the answers (1 to 4) divided by their number; weighted NRR: NRR × 1/9; IKM: the sum of the weighted NRR × 25. Grades: A Very good 88.31–100.00, B Good 76.61–88.30, C Fairly poor 65.00–76.60, D Poor 25.00–64.99."));
  page_signatures(r, N_("Acknowledged by"), N_("Head of LPSE (Ketua)"), N_("Officer"));
  return page_end(r, 200);
}

/* ---- the registers: exports and printable forms ---- */

/* The register named in the path; answers 404 and gives NULL when none. */
static const Register *rep_register(Req *r){
  const Register *g = register_find(req_param(r, "register"));
  if( g==0 ) reply_error(r, 404, "not_found", 0, "No such register");
  return g;
}

/* The export links of a register's page (its filters kept), and where its forms print. */
void register_export_links(Req *r, const Register *g){
  /* the list the page shows is what is downloaded: the destruction list, not the whole archive */
  const char *pending = g->pending && *query_trimmed(r, g->pending) ? arena_printf(&r->arena, "%s=1&", g->pending) : 0;
  rep_exports(r, arena_printf(&r->arena, "/register/%t/ekspor", g->slug), pending);
}

/* An entry's number (or id) in the register's table; a link to its form (PDF) when it has one. */
void register_number_cell(Req *r, const Register *g, const RegEntry *w){
  const char *label = g->prefix ? w->number : num(r, w->id);
  out(r, "<td class=\"%R\">", g->prefix ? "mono num" : "num");
  if( form_exists(g->id) ){
    out(r, "<a href=\"/register/%t/%lld/formulir\" title=\"%h\">%h</a></td>", g->slug, (long long)w->id,
        T(r, "Print the form (PDF)"), label);
  }else out(r, "%h</td>", label);
}

#define REG_EXPORT_PAGES 100   /* the pages of REG_LIST_MAX rows an export of a register holds at most */

/* GET /register/:register/ekspor?format=&from=&to=&q=: every matching entry as a file (the newest
** REG_EXPORT_PAGES × REG_LIST_MAX at most, the file saying when it was cut short). */

int page_register_export(Req *r){
  const Register *g = rep_register(r);
  if( g==0 ) return OK;
  const char *format = rep_format(r);
  if( format==0 ) format = "csv";   /* ekspor without ?format=: the table as it is, CSV */
  if( *format==0 ) return register_page_again(r, g, N_("The format must be csv, xlsx or pdf"));
  RegFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  char *today = arena_alloc(&r->arena, 11);
  register_today(today, time_now(), r->office_tz);
  f.today = today;
  f.q = query_trimmed(r, "q");
  if( util_utf8_len(f.q) > 128 ) return register_page_again(r, g, 0);
  f.due = g->pending && *query_trimmed(r, g->pending);
  int64_t before;
  const char *bad = query_period(r, &f.from, &f.to, &before, 0);
  if( bad ) return register_page_again(r, g, 0);
  RTable t;
  rtable_init(&t, &r->arena, T(r, g->title), r->office_tz, r->lang);
  /* the destruction list (guests not yet left, dispositions not done) says so on paper, as the
  ** page's printed head does */
  rtable_line(&t, arena_printf(&r->arena, "%s%s%s%s%s", r->office_name ? r->office_name : "",
                               f.from || f.to ? " · " : "", f.from || f.to ? rep_period_words(r, f.from ? f.from : 1, f.to ? f.to : time_now()) : "",
                               f.due ? " · " : "", f.due ? T(r, g->pending_label) : ""));
  rtable_col(&t, T(r, g->prefix ? N_("Number") : N_("No.")), g->prefix ? RT_TEXT : RT_INT, g->prefix ? 30 : 12);
  for(int i=0; i<g->nfields; i++){
    rtable_col(&t, T(r, g->fields[i].label), g->fields[i].kind==RF_TIME ? RT_TIME : RT_TEXT, 0);
  }
  if( g->id==REG_ARCHIVE ) rtable_col(&t, T(r, "Due for destruction"), RT_TEXT, 0);
  rtable_col(&t, T(r, "Recorded by"), RT_TEXT, 22);
  /* page through the register, newest first, at most REG_EXPORT_PAGES pages */
  f.limit = REG_LIST_MAX;
  int64_t shown = 0;
  int pages;
  for(pages=0; pages<REG_EXPORT_PAGES; pages++){
    RegEntry *rows = 0;
    int n = 0;
    if( register_list(r->db, g, &f, &rows, &n, &r->arena)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
    for(int k=0; k<n; k++){
      const RegEntry *w = &rows[k];
      if( g->prefix ) rtable_text(&t, w->number); else rtable_int(&t, w->id);
      for(int i=0; i<g->nfields; i++){
        if( g->fields[i].kind==RF_TIME ) rtable_time(&t, w->t[i]);
        else if( g->fields[i].kind==RF_ROLE && role_index(w->v[i])>=0 ) rtable_text(&t, T(r, role_label(role_index(w->v[i]))));
        else rtable_text(&t, register_text(&g->fields[i], w, i));
      }
      if( g->id==REG_ARCHIVE ) rtable_text(&t, w->due ? T(r, "Yes") : "");
      rtable_text(&t, register_author(w));
    }
    shown += n;
    if( n < f.limit ) break;
    f.before = rows[n-1].id;
  }
  if( pages==REG_EXPORT_PAGES ){
    /* every page full: one row more says whether the export was cut short */
    RegEntry *rows = 0;
    int n = 0;
    f.limit = 1;
    if( register_list(r->db, g, &f, &rows, &n, &r->arena)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
    if( n ) rep_cut_line(r, &t, shown, 0);
  }
  return rep_send(r, &t, format, g->slug);
}

/* GET /register/:register/:id/formulir: the printable form of one entry (PDF). */
int page_register_form(Req *r){
  const Register *g = rep_register(r);
  if( g==0 ) return OK;
  if( !form_exists(g->id) ) return reply_error(r, 404, "not_found", 0, "This register has no printable form");
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return reply_error(r, 404, "not_found", 0, register_missing_msg);
  char today[11];
  register_today(today, time_now(), r->office_tz);
  RegEntry w;
  int rc = register_get(r->db, g, r->office_id, id, today, &w, &r->arena);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", 0, register_missing_msg);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  buf_reset(&r->out);
  FormCtx fc = { r->office_name ? r->office_name : "", r->office_tz, r->lang, web_time(r, time_now()), 0 };
  /* a disposition sheet carries the letter it routes: who sent it, its number, date and subject */
  RegEntry letter;
  if( g->id==REG_DISPOSITION && *w.v[0] && register_agenda_get(r->db, r->office_id, w.v[0], &letter, &r->arena)==OK ){
    fc.letter = &letter;
  }
  if( form_pdf(&r->out, g, &w, &fc)!=OK ) return reply_error(r, 500, "internal", 0, "The export failed");
  const char *name = g->prefix && *w.number ? w.number : arena_printf(&r->arena, "%s-%lld", g->slug, id);
  return reply_download(r, 200, "application/pdf", arena_printf(&r->arena, "%s.pdf", name));
}

/* ---- a procedure's swimlane flow ---- */

/* The flow chart section of a procedure's page: the SVG and the PDF link. */
void sop_flow_section(Req *r, const Procedure *p){
  out(r, "<section class=\"flow\" aria-labelledby=\"alur\"><h2 id=\"alur\">%h</h2>", T(r, "Flow chart"));
  out(r, "<p class=\"no-print\"><a href=\"/prosedur/%t/alur.pdf\" download>%h</a> · <a href=\"/prosedur/%t/alur.svg\">SVG</a></p>",
      p->slug, T(r, "Flow chart as PDF (A4 landscape)"), p->slug);
  Buf svg = BUF_INIT;
  swimlane_svg(&svg, p, r->lang);
  /* named by the procedure's code, apart from its section (a region of its own, "Flow chart") */
  web_scroll_open(r, "div", "flow-wrap", p->code);
  out(r, "%R</div></section>", buf_str(&svg));
  buf_free(&svg);
}

/* GET /prosedur/:code/alur.svg: the swimlane flow as an SVG image. */
int page_sop_flow_svg(Req *r){
  int rc;
  const Procedure *p = sop_page_find(r, "/alur.svg", &rc);
  if( p==0 ) return rc;
  buf_reset(&r->out);
  buf_puts(&r->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  swimlane_svg(&r->out, p, r->lang);
  r->status = 200;
  r->ctype = "image/svg+xml";
  return OK;
}

/* GET /prosedur/:code/alur.pdf: the swimlane flow on A4 landscape pages. */
int page_sop_flow_pdf(Req *r){
  int rc;
  const Procedure *p = sop_page_find(r, "/alur.pdf", &rc);
  if( p==0 ) return rc;
  buf_reset(&r->out);
  if( swimlane_pdf(&r->out, p, r->lang)!=OK ) return reply_error(r, 500, "internal", 0, "The export failed");
  return reply_download(r, 200, "application/pdf", arena_printf(&r->arena, "alur-%s.pdf", p->slug));
}
