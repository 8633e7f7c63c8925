/*
** reports.c — the reports through the API: the dashboard figures, the
** compliance report (rows by procedure × step × officer, the total, the
** breaches with their cases) and the recaps, as JSON. Times are ISO 8601 UTC,
** durations in seconds; the same services as the pages (desk/report.h).
*/
#include "api.h"
#include "../desk/report.h"
#include "../desk/skm.h"
#include "../desk/training.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An instant as a JSON value: "…Z" or null. */
static const char *iso_or_null(Req *r, int64_t t){
  if( t==0 ) return "null";
  char iso[32];
  time_fmt_iso(iso, sizeof iso, t);
  return arena_printf(&r->arena, "\"%s\"", iso);
}

/* A share as a JSON number with one decimal, or null. */
static const char *share_json(Req *r, int64_t met, int64_t timed){
  if( timed <= 0 ) return "null";
  return arena_printf(&r->arena, "%.1f", 100.0 * (double)met / (double)timed);
}

/* ?from=&to= (ISO or days; to's day included), filled in as report_period_fill says (by default
** this month; `from` alone up to today). 0 or ERR_INVALID (answered). */
static int rep_period(Req *r, int64_t *from, int64_t *to){
  if( req_query_time(r, "from", 0, from) || req_query_time(r, "to", 1, to) ) return ERR_INVALID;
  int given_to = *to != 0;
  report_period_fill(from, to, time_now(), r->office_tz);
  if( *to <= *from ) return reply_invalid(r, "to", N_("must be later than from"));
  if( *to - *from > 400LL*86400 ){
    /* `from` alone runs to today: it is `from` that lies too far back */
    if( !given_to ) return reply_invalid(r, "from", N_("is more than 400 days before today"));
    return reply_invalid(r, "to", N_("is more than 400 days after from"));
  }
  return OK;
}

/* A standard as JSON: {"kind","seconds","text"} or null. */
static void std_json(Req *r, Buf *b, const Standard *s){
  if( s==0 ){ buf_puts(b, "null"); return; }
  char words[128];
  sop_standard_text(s, strcmp(r->lang, "en")==0 ? "en" : "id", words, sizeof words);
  buf_printf(b, "{\"kind\":%J,\"seconds\":%lld,\"days\":%d,\"text\":%J}", sop_standard_kind(s->kind), (long long)s->seconds,
             s->days, words);
}

/* One row of the compliance report. */
static void row_json(Req *r, Buf *b, const ComplianceRow *w){
  buf_printf(b, "{\"sop\":%J,\"step\":%d,\"activity\":%J,\"officer\":%J,\"standard\":", w->sop_code, w->step,
             strcmp(r->lang, "en")==0 ? w->step_text_en : w->step_text, w->officer);
  std_json(r, b, w->std);
  buf_printf(b, ",\"measure\":%J,\"cases\":%d,\"done\":%d,\"timed\":%d,\"met\":%d,\"share\":%R,\"median_s\":%R,"
                "\"p90_s\":%R,\"breaches\":%d,\"counts\":%J%R}",
             w->office_measure ? "office" : "real", w->cases, w->done, w->timed, w->met, share_json(r, w->met, w->timed),
             w->median_s >= 0 ? arena_printf(&r->arena, "%lld", (long long)w->median_s) : "null",
             w->p90_s >= 0 ? arena_printf(&r->arena, "%lld", (long long)w->p90_s) : "null", w->breaches,
             w->items ? "items" : "steps",
             /* a preparation row: its items done beside the step counted once */
             w->items ? arena_printf(&r->arena, ",\"items_done\":%d", w->items_done) : "");
}

/* GET /api/v1/reports/dashboard: the office's figures (for the head) and the caller's own. */
int api_report_dashboard(Req *r){
  if( req_query_only(r, "") ) return OK;
  Dashboard d;
  int64_t now = time_now();
  if( dashboard_get(db_report(), r->office_id, r->office_tz, now, r->username, &d, &r->arena)!=OK ) return api_fail(r, ERR_DB, 0);   /* a report: the replica may answer */
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"as_of\":%R,\"office\":", iso_or_null(r, now));
  if( perm_allows(r->roles, "report.office") ){
    buf_printf(&b, "{\"open_cases\":%lld,\"opened_today\":%lld,\"closed_today\":%lld,\"overdue_steps\":%lld,\"overdue_prep\":%lld,\"overdue_before_month\":%lld,\"done_this_month\":%lld,"
                   "\"due_today\":%lld,\"breaches_this_month\":%lld,\"breaches_open\":%lld,"
                   "\"this_month\":{\"timed\":%lld,\"met\":%lld,\"share\":%R},\"last_month\":{\"timed\":%lld,\"met\":%lld,\"share\":%R},"
                   "\"case_targets\":{\"response\":{\"judged\":%lld,\"met\":%lld,\"share\":%R},"
                   "\"resolution\":{\"judged\":%lld,\"met\":%lld,\"share\":%R}},"
                   "\"slowest\":[",
               (long long)d.open_cases, (long long)d.opened_today, (long long)d.closed_today, (long long)d.overdue_steps,
               (long long)d.overdue_prep, (long long)d.overdue_before_month, (long long)d.month_done, (long long)d.due_today, (long long)d.month_breaches, (long long)d.month_breaches_open,
               (long long)d.month_timed, (long long)d.month_met, share_json(r, d.month_met, d.month_timed),
               (long long)d.last_timed, (long long)d.last_met, share_json(r, d.last_met, d.last_timed),
               (long long)d.month_answered, (long long)d.month_answered_met, share_json(r, d.month_answered_met, d.month_answered),
               (long long)d.month_resolved, (long long)d.month_resolved_met, share_json(r, d.month_resolved_met, d.month_resolved));
    for(int i=0; i<d.nslowest; i++){
      if( i ) buf_putc(&b, ',');
      row_json(r, &b, &d.slowest[i]);
    }
    buf_puts(&b, "]}");
  }else buf_puts(&b, "null");
  buf_printf(&b, ",\"mine\":{\"username\":%J,\"assigned_open\":%lld,\"assigned_overdue\":%lld,\"done_this_month\":%lld,"
                 "\"timed_this_month\":%lld,\"met_this_month\":%lld,\"share_this_month\":%R,\"breaches_this_month\":%lld,\"breaches_open\":%lld}}",
             r->username, (long long)d.my_open, (long long)d.my_overdue, (long long)d.my_done_month,
             (long long)d.my_month_timed, (long long)d.my_month_met, share_json(r, d.my_month_met, d.my_month_timed),
             (long long)d.my_breaches_month, (long long)d.my_breaches_open);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/reports/compliance?from=&to=&sop=&step=&officer=&by=officer&limit=: the report. */
int api_report_compliance(Req *r){
  if( req_query_only(r, "from to sop step officer by limit") ) return OK;
  ComplianceFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.now = time_now();
  int64_t step, limit;
  if( rep_period(r, &f.from, &f.to) || req_query_int(r, "step", 1, 999, 0, &step)
   || req_query_int(r, "limit", 1, 5000, 200, &limit) ) return OK;
  f.step = (int)step;
  f.breach_limit = (int)limit;
  const char *sop = req_query(r, "sop");
  if( sop && *sop ){
    const Procedure *p = sop_library_find(sop);
    if( p==0 ) return reply_invalid(r, "sop", N_("is not known: no procedure has this code"));
    f.sop = p->code;
  }
  if( f.step && f.sop && !compliance_step_known(sop_library_find(f.sop), f.step) ){
    return reply_invalid(r, "step", N_("is not a step of the procedure"));
  }
  /* without a procedure: a step no procedure has would report nothing, as if nothing was done */
  if( f.step && !f.sop && !compliance_step_any(f.step) ) return reply_invalid(r, "step", N_("is not a step of any procedure"));
  const char *officer = req_query(r, "officer");
  if( officer && strlen(officer) > 64 ) return reply_invalid_n(r, "officer", N_("is too long: at most %d characters"), 64);
  f.officer = officer;
  if( !perm_allows(r->roles, "report.office") ){
    if( officer && *officer && strcmp(officer, r->username) ) return reply_invalid(r, "officer", N_("may only be yourself"));
    f.officer = r->username;
  }else if( officer && *officer ){
    /* a name mistyped would report nothing, as if the officer had done nothing */
    int known = compliance_officer_known(db_report(), r->office_id, officer);
    if( known < 0 ) return api_fail(r, ERR_DB, 0);
    if( known==0 ) return reply_invalid(r, "officer", N_("is not a user of this office"));
  }
  const char *by = req_query(r, "by");
  if( by && *by && strcmp(by, "officer") && strcmp(by, "step") ) return reply_invalid(r, "by", N_("must be step or officer"));
  f.by_officer = by && strcmp(by, "officer")==0;
  Compliance c;
  if( compliance_report(db_report(), &f, &c, &r->arena)!=OK ) return api_fail(r, ERR_DB, 0);   /* a report: the replica may answer */
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"from\":%R,\"to\":%R,\"sop\":%J,\"step\":%R,\"officer\":%J,\"by\":%J,\"rows\":[",
             iso_or_null(r, f.from), iso_or_null(r, f.to), f.sop && *f.sop ? f.sop : NULL,
             f.step ? arena_printf(&r->arena, "%d", f.step) : "null", f.officer && *f.officer ? f.officer : NULL,
             f.by_officer ? "officer" : "step");
  for(int i=0; i<c.nrows; i++){
    if( i ) buf_putc(&b, ',');
    row_json(r, &b, &c.rows[i]);
  }
  buf_printf(&b, "],\"total\":{\"cases\":%d,\"done\":%d,\"timed\":%d,\"met\":%d,\"share\":%R,\"breaches\":%d},\"breaches\":[",
             c.total.cases, c.total.done, c.total.timed, c.total.met, share_json(r, c.total.met, c.total.timed), c.total.breaches);
  for(int i=0; i<c.nbreaches; i++){
    const ComplianceBreach *x = &c.breaches[i];
    buf_printf(&b, "%R{\"case\":%J,\"sop\":%J,\"step\":%d,\"item\":%J,\"officer\":%J,\"started_at\":%R,\"due_at\":%R,\"done_at\":%R,"
                   "\"late_s\":%lld,\"href\":%J}",
               i ? "," : "", x->number, x->sop_code, x->step, x->item ? T(r, training_prep_label(x->item)) : NULL, *x->officer ? x->officer : NULL, iso_or_null(r, x->started_at),
               iso_or_null(r, x->due_at), iso_or_null(r, x->done_at), (long long)x->late_s,
               arena_printf(&r->arena, "/api/v1/cases/%t", x->number));
  }
  buf_printf(&b, "],\"breaches_total\":%d,\"breaches_open\":%d}", c.breaches_total, c.breaches_open);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/reports/recaps: the recaps there are. */
int api_report_recaps(Req *r){
  if( req_query_only(r, "") ) return OK;
  Buf b = BUF_INIT;
  for(int i=0; i<RECAP_COUNT; i++){
    const RecapKind *k = recap_at(i);
    buf_printf(&b, "%R{\"recap\":%J,\"title\":%J,\"basis\":%J,\"by\":%J}", i ? "," : "", k->slug, T(r, k->title), T(r, k->basis),
               k->monthly ? "month" : "day");
  }
  reply_json(r, 200, "{\"recaps\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/reports/recaps/:recap?from=&to=&by=day|month: the counts per day or month. */
int api_report_recap(Req *r){
  if( req_query_only(r, "from to by") ) return OK;
  const RecapKind *k = recap_find(req_param(r, "recap"));
  if( k==0 ) return reply_error(r, 404, "not_found", "recap", "No such recap");
  int64_t from, to;
  if( rep_period(r, &from, &to) ) return OK;
  const char *by = req_query(r, "by");
  if( by && *by && strcmp(by, "day") && strcmp(by, "month") ) return reply_invalid(r, "by", N_("must be day or month"));
  int monthly = by && *by ? strcmp(by, "month")==0 : k->monthly;
  Recap c;
  int rc = recap_build(db_report(), k, r->office_id, r->office_tz, from, to, monthly, &c, &r->arena);   /* a report: the replica may answer */
  if( rc==ERR_INVALID ) return reply_invalid(r, "to", N_("gives more than 400 days or months"));
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"recap\":%J,\"title\":%J,\"basis\":%J,\"by\":%J,\"from\":%R,\"to\":%R,\"columns\":[", k->slug,
             T(r, k->title), T(r, k->basis), monthly ? "month" : "day", iso_or_null(r, from), iso_or_null(r, to));
  for(int i=0; i<c.ncols; i++) buf_printf(&b, "%R%J", i ? "," : "", T(r, c.cols[i]));
  buf_printf(&b, "],\"duration_column\":%R,\"rows\":[", c.duration_col >= 0 ? arena_printf(&r->arena, "%d", c.duration_col) : "null");
  for(int w=0; w<c.nrows; w++){
    buf_printf(&b, "%R{\"period\":%J,\"start\":%R,\"values\":[", w ? "," : "", c.rows[w].label, iso_or_null(r, c.rows[w].start));
    for(int i=0; i<c.ncols; i++){
      int64_t v = c.rows[w].v[i];
      if( i==c.duration_col && v < 0 ) buf_printf(&b, "%Rnull", i ? "," : "");
      else buf_printf(&b, "%R%lld", i ? "," : "", (long long)v);
    }
    buf_puts(&b, "]}");
  }
  buf_puts(&b, "],\"total\":[");
  for(int i=0; i<c.ncols; i++){
    if( i==c.duration_col && c.total[i] < 0 ) buf_printf(&b, "%Rnull", i ? "," : "");
    else buf_printf(&b, "%R%lld", i ? "," : "", (long long)c.total[i]);
  }
  buf_puts(&b, "]}");
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* A figure with 2 decimals as JSON. */
static const char *skm_num(Req *r, double v){
  return arena_printf(&r->arena, "%.2f", skm_round2(v));
}

/* An SKM index as JSON members: respondents, the elements' NRR, the IKM and its grade. */
static void skm_index_json(Req *r, Buf *b, const SkmIndex *x){
  buf_printf(b, "\"respondents\":%lld,\"elements\":[", (long long)x->respondents);
  for(int i=0; i<SKM_ELEMENTS; i++){
    const SkmElement *el = skm_element(i);
    buf_printf(b, "%R{\"code\":%J,\"name\":%J,\"sum\":%lld,\"answers\":%lld,\"nrr\":%R,\"weighted_nrr\":%R}", i ? "," : "",
               el->code, T(r, el->name), (long long)x->sum[i], (long long)x->n[i],
               x->n[i] ? skm_num(r, x->nrr[i]) : "null", x->n[i] ? skm_num(r, x->weighted[i]) : "null");
  }
  buf_printf(b, "],\"ikm\":%R,\"grade\":%R,\"grade_words\":%J", x->grade ? skm_num(r, x->ikm) : "null",
             x->grade ? arena_printf(&r->arena, "\"%c\"", x->grade) : "null", x->grade ? T(r, skm_grade_words(x->grade)) : NULL);
}

/* One published period of the IKM as JSON members after what names it: from, to and the index. */
static void skm_published_json(Req *r, Buf *b, const SkmReport *s){
  buf_printf(b, "\"from\":%R,\"to\":%R,", iso_or_null(r, s->from), iso_or_null(r, s->to));
  skm_index_json(r, b, &s->total);
}

/* GET /api/v1/portal/ikm?office=CODE: the office's IKM as the unit publishes it (Permenpan RB
** 14/2017): the last full quarter and the current year so far, figures only (no respondent's answers). */
int api_portal_ikm(Req *r){
  if( req_query_only(r, "office") ) return OK;
  Office o;
  if( api_portal_office(r, 0, &o) ) return OK;
  SkmPublished p;
  if( skm_published(db_report(), o.id, o.tz, time_now(), &p, &r->arena)!=OK ) return api_fail(r, ERR_DB, 0);   /* the replica may answer */
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"office\":{\"code\":%J,\"name\":%J},\"last_quarter\":{\"year\":%d,\"quarter\":%d,", o.code, o.name, p.year, p.quarter);
  skm_published_json(r, &b, &p.last_quarter);
  buf_printf(&b, "},\"year\":{\"year\":%d,", p.this_year);
  skm_published_json(r, &b, &p.year_so_far);
  buf_puts(&b, "}}");
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/reports/skm?from=&to=: the SKM index of the period, overall and per procedure, the
** respondents by source (a closed case, walk-in on the portal, typed in from paper) and their profile. */
int api_report_skm(Req *r){
  if( req_query_only(r, "from to") ) return OK;
  int64_t from, to;
  if( rep_period(r, &from, &to) ) return OK;
  SkmReport s;
  if( skm_report(db_report(), r->office_id, from, to, &s, &r->arena)!=OK ) return api_fail(r, ERR_DB, 0);   /* a report: the replica may answer */
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"from\":%R,\"to\":%R,\"from_cases\":%lld,\"walk_in\":%lld,\"paper\":%lld,", iso_or_null(r, from), iso_or_null(r, to),
             (long long)s.from_cases, (long long)s.walkin, (long long)s.paper);
  skm_index_json(r, &b, &s.total);
  buf_puts(&b, ",\"procedures\":[");
  for(int i=0; i<s.ngroups; i++){
    const SkmGroup *g = &s.groups[i];
    buf_printf(&b, "%R{\"sop\":%J,\"title\":%J,", i ? "," : "", g->sop_code, strcmp(r->lang, "en")==0 ? g->title_en : g->title);
    skm_index_json(r, &b, &g->ix);
    buf_putc(&b, '}');
  }
  static const struct { int field; const char *key; } prof[] = {
    { SKM_GENDER, "gender" }, { SKM_AGE_BAND, "age" }, { SKM_EDUCATION, "education" }, { SKM_OCCUPATION, "occupation" },
  };
  buf_puts(&b, "],\"profile\":{");
  for(size_t f=0; f<COUNT(prof); f++){
    int n;
    const SkmChoice *c = skm_choices(prof[f].field, &n);
    buf_printf(&b, "%R%J:[", f ? "," : "", prof[f].key);
    for(int i=0; i<n; i++){
      buf_printf(&b, "%R{\"value\":%J,\"label\":%J,\"count\":%lld}", i ? "," : "", c[i].value, T(r, c[i].label),
                 (long long)s.profile[prof[f].field][i]);
    }
    buf_putc(&b, ']');
  }
  buf_puts(&b, "}}");
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/reports/skm/suggestions?from=&to=&limit=&offset=: the period's respondents' suggestions
** (the empty left out), the newest first: day, procedure, channel (portal for a closed case, walk_in,
** paper), the case's number when there is one, and the respondent's words; total says how many. */
int api_report_skm_suggestions(Req *r){
  if( req_query_only(r, "from to limit offset") ) return OK;
  int64_t from, to, limit, offset;
  if( rep_period(r, &from, &to) || req_query_int(r, "limit", 1, 500, 100, &limit)
   || req_query_int(r, "offset", 0, 1000000, 0, &offset) ) return OK;
  SkmSuggestion *v;
  int n;
  int64_t total;
  if( skm_suggestions(db_report(), r->office_id, from, to, (int)offset, (int)limit, &v, &n, &total, &r->arena)!=OK ){
    return api_fail(r, ERR_DB, 0);
  }
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"from\":%R,\"to\":%R,\"total\":%lld,\"suggestions\":[", iso_or_null(r, from), iso_or_null(r, to),
             (long long)total);
  for(int i=0; i<n; i++){
    char day[11];
    time_day_text(day, v[i].answered_at, r->office_tz);
    const Procedure *p = sop_library_find(v[i].sop);
    const char *title = p ? (strcmp(r->lang, "en")==0 && p->title_en ? p->title_en : p->title) : v[i].sop;
    const char *channel = util_str_eq(v[i].source, "case") ? "portal" : util_str_eq(v[i].source, "paper") ? "paper" : "walk_in";
    buf_printf(&b, "%R{\"id\":%lld,\"day\":%J,\"sop\":%J,\"title\":%J,\"channel\":%J,\"case\":", i ? "," : "",
               (long long)v[i].id, day, v[i].sop, title, channel);
    if( *v[i].case_number ) buf_printf(&b, "%J", v[i].case_number); else buf_puts(&b, "null");
    buf_printf(&b, ",\"suggestion\":%J}", v[i].text);
  }
  buf_puts(&b, "]}");
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}
