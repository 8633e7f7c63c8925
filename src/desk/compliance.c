/*
** compliance.c — the compliance report: every step done in a period, its time
** taken (in its standard's measure) against the standard, grouped by
** procedure × step (× officer), with median, p90, the share within standard,
** and the breaches with their cases. One index range scan over the steps done
** (case_step_done), one over the open steps past due (case_step_due); the
** grouping and the percentiles are done here in C.
*/
#include "report.h"
#include "../sop/calendar.h"
#include "../sop/case.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int m, int d){
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y-399) / 400;
  int64_t yoe = y - era*400;
  int64_t doy = (153*(m + (m > 2 ? -3 : 9)) + 2)/5 + d-1;
  int64_t doe = yoe*365 + yoe/4 - yoe/100 + doy;
  return era*146097 + doe - 719468;
}

/* The zone's offset in seconds (WIB when unknown). */
static int64_t tz_off_s(const char *tz){
  int m = tz_offset_minutes(tz ? tz : "WIB");
  return (int64_t)(m < 0 ? 420 : m) * 60;
}

/* The first instant of the month holding t, moved by delta months. */
int64_t report_month_start(int64_t t, const char *tz, int delta){
  int64_t off = tz_off_s(tz);
  time_t s = (time_t)(t + off);
  struct tm tm;
  gmtime_r(&s, &tm);
  int64_t months = (int64_t)(tm.tm_year + 1900)*12 + tm.tm_mon + delta;
  int64_t y = months >= 0 ? months/12 : -((-months + 11)/12);
  int m = (int)(months - y*12) + 1;
  return days_from_civil(y, m, 1)*86400 - off;
}

/* Midnight at the start of the local day holding t. */
int64_t report_day_start(int64_t t, const char *tz){
  int64_t off = tz_off_s(tz);
  int64_t l = t + off;
  int64_t d = l >= 0 ? l/86400 : -((-l + 86399)/86400);
  return d*86400 - off;
}

/* A duration in words: to the second under an hour, else to the minute. */
const char *report_duration(Arena *a, int64_t s, const char *lang){
  int en = lang && strcmp(lang, "en")==0;
  if( s < 0 ) return "—";
  if( s < 60 ) return arena_printf(a, en ? "%lld s" : "%lld detik", (long long)s);
  if( s < 3600 ){
    if( s % 60 ) return arena_printf(a, en ? "%lld min %lld s" : "%lld menit %lld detik", (long long)(s/60), (long long)(s%60));
    return arena_printf(a, en ? "%lld min" : "%lld menit", (long long)(s/60));
  }
  int64_t m = (s + 30)/60, h = m/60, d = h/24;
  m %= 60;
  if( d >= 2 ){
    h %= 24;
    if( h ) return arena_printf(a, en ? "%lld d %lld h" : "%lld hari %lld jam", (long long)d, (long long)h);
    return arena_printf(a, en ? "%lld d" : "%lld hari", (long long)d);
  }
  if( h && m ) return arena_printf(a, en ? "%lld h %lld min" : "%lld jam %lld menit", (long long)h, (long long)m);
  if( h ) return arena_printf(a, en ? "%lld h" : "%lld jam", (long long)h);
  return arena_printf(a, en ? "%lld min" : "%lld menit", (long long)m);
}

/* Share within standard in percent, -1 when nothing was timed. */
double compliance_share(const ComplianceRow *r){
  return r->timed > 0 ? 100.0 * r->met / r->timed : -1;
}

/* One step visit read from the database. */
typedef struct Rec {
  int64_t case_id, took;
  const Procedure *proc;
  const char *officer;        /* interned */
  int no, met;                /* met: 1, 0, -1 not timed */
} Rec;

/* Interned usernames: few distinct officers, many rows. */
typedef struct Names { const char **v; int n, cap; } Names;
static const char *intern(Names *nm, const char *z, Arena *a){
  for(int i=nm->n-1; i>=0; i--) if( strcmp(nm->v[i], z)==0 ) return nm->v[i];
  nm->v = arena_grow(a, nm->v, sizeof *nm->v, nm->n, &nm->cap);
  return nm->v[nm->n++] = arena_strdup(a, z);
}

/* The procedures met so far, by revision id (a handful). */
typedef struct Procs { int64_t id[64]; const Procedure *p[64]; int n; } Procs;
static const Procedure *proc_of(Db *db, Procs *ps, int64_t id){
  for(int i=0; i<ps->n; i++) if( ps->id[i]==id ) return ps->p[i];
  const Procedure *p = case_procedure(db, id);
  if( ps->n < 64 ){ ps->id[ps->n] = id; ps->p[ps->n] = p; ps->n++; }
  return p;
}

/* Time a step took in its standard's measure. */
static int64_t step_took(const Calendar *cal, const Step *st, int64_t start, int64_t done,
                         int64_t due, int64_t paused_s, int *office){
  *office = 0;
  if( st && st->std.kind==STD_OFFICE && cal ){
    *office = 1;
    int64_t paused_office = 0;
    /* the due time was moved by the office time paused: what it holds beyond the standard */
    if( due > start ){
      paused_office = calendar_office_between(cal, start, due) - st->std.seconds;
      if( paused_office < 0 ) paused_office = 0;
    }
    int64_t t = calendar_office_between(cal, start, done) - paused_office;
    return t < 0 ? 0 : t;
  }
  int64_t t = done - start - paused_s;
  return t < 0 ? 0 : t;
}

/* Order the records by procedure code, step, officer (when grouped so), case. */
static int rec_cmp(const void *pa, const void *pb, void *arg){
  const Rec *a = pa, *b = pb;
  int by_officer_sort = *(const int*)arg;
  int c = strcmp(a->proc->code, b->proc->code);
  if( c ) return c;
  if( a->no != b->no ) return a->no < b->no ? -1 : 1;
  if( by_officer_sort ){
    c = strcmp(a->officer, b->officer);
    if( c ) return c;
  }
  return a->case_id < b->case_id ? -1 : a->case_id > b->case_id;
}

static int i64_cmp(const void *pa, const void *pb){
  int64_t a = *(const int64_t*)pa, b = *(const int64_t*)pb;
  return a < b ? -1 : a > b;
}

/* Median (mean of the middle two, rounded down) and nearest-rank p90 of n sorted values. */
static void percentiles(const int64_t *v, int n, int64_t *median, int64_t *p90){
  if( n==0 ){ *median = *p90 = -1; return; }
  *median = n%2 ? v[n/2] : (v[n/2-1] + v[n/2]) / 2;
  int rank = (9*n + 9)/10;            /* ceil(0.9 n) */
  if( rank < 1 ) rank = 1;
  *p90 = v[rank-1];
}

/* Fill a row's figures from records [lo, hi) (one group); tmp has room for hi-lo values. */
static void row_fill(ComplianceRow *r, const Rec *rec, int lo, int hi, int64_t *tmp){
  int n = 0;
  int64_t last_case = -1;
  for(int i=lo; i<hi; i++){
    r->done++;
    if( rec[i].case_id != last_case ){ r->cases++; last_case = rec[i].case_id; }
    if( rec[i].met >= 0 ){ r->timed++; r->met += rec[i].met; }
    if( rec[i].met==0 ) r->breaches++;
    tmp[n++] = rec[i].took;
  }
  qsort(tmp, (size_t)n, sizeof *tmp, i64_cmp);
  percentiles(tmp, n, &r->median_s, &r->p90_s);
}

/* The breaches list: latest due first. */
static int breach_cmp(const void *pa, const void *pb){
  const ComplianceBreach *a = pa, *b = pb;
  if( a->due_at != b->due_at ) return a->due_at > b->due_at ? -1 : 1;
  return strcmp(a->number, b->number);
}

/* Build the compliance report. */
int compliance_report(Db *db, const ComplianceFilter *f, Compliance *out, Arena *a){
  memset(out, 0, sizeof *out);
  const char *sop = f->sop ? f->sop : "";
  const char *officer = f->officer ? f->officer : "";
  int limit = f->breach_limit > 0 ? f->breach_limit : 200;
  Calendar *cal = calendar_load(db, f->office_id);
  Names names = {0, 0, 0};
  Procs procs;
  procs.n = 0;
  Rec *rec = 0;
  int nrec = 0, caprec = 0;
  ComplianceBreach *br = 0;
  int nbr = 0, capbr = 0;
  int rc = OK;

  Stmt *q = db_prepare(db,
    "SELECT s.case_id, s.no, s.started_at, s.done_at, coalesce(s.due_at,0), coalesce(s.met,-1), s.paused_s,"
    " coalesce(s.done_by,''), k.procedure_id, k.number"
    " FROM case_step s JOIN kasus k ON k.id=s.case_id"
    " WHERE s.office_id=?1 AND s.done_at>=?2 AND s.done_at<?3 AND coalesce(s.outcome,'')<>'cancelled'"
    " AND (?4='' OR k.sop_code=?4) AND (?5=0 OR s.no=?5) AND (?6='' OR s.done_by=?6)");
  if( q==0 ){ calendar_free(cal); return ERR_DB; }
  db_bind_int64(q, 1, f->office_id);
  db_bind_int64(q, 2, f->from);
  db_bind_int64(q, 3, f->to);
  db_bind_text(q, 4, sop);
  db_bind_int(q, 5, f->step);
  db_bind_text(q, 6, officer);
  int st;
  while( (st = db_step(q))==DB_ROW ){
    const Procedure *p = proc_of(db, &procs, db_col_int64(q, 8));
    if( p==0 ) continue;
    int no = db_col_int(q, 1);
    int64_t start = db_col_int64(q, 2), done = db_col_int64(q, 3), due = db_col_int64(q, 4);
    int met = db_col_int(q, 5);
    int office;
    const Step *step = procedure_step(p, no);
    rec = arena_grow(a, rec, sizeof *rec, nrec, &caprec);
    Rec *x = &rec[nrec++];
    x->case_id = db_col_int64(q, 0);
    x->no = no;
    x->proc = p;
    x->met = met;
    x->officer = intern(&names, db_col_text(q, 7), a);
    x->took = step_took(cal, step, start, done, due, db_col_int64(q, 6), &office);
    if( met==0 ){
      out->breaches_total++;
      br = arena_grow(a, br, sizeof *br, nbr, &capbr);
      ComplianceBreach *b = &br[nbr++];
      b->number = arena_strdup(a, db_col_text(q, 9));
      b->sop_code = p->code;
      b->step = no;
      b->officer = x->officer;
      b->started_at = start;
      b->due_at = due;
      b->done_at = done;
      b->late_s = due > 0 && done > due ? done - due : 0;
    }
  }
  db_reset(q);
  if( st!=DB_DONE ) rc = ERR_DB;

  /* open steps whose due time fell in the period, before now */
  int64_t until = f->to < f->now ? f->to : f->now;
  if( rc==OK && until > f->from ){
    Stmt *o = db_prepare(db,
      "SELECT s.no, s.started_at, s.due_at, coalesce(s.assigned_user,''), k.procedure_id, k.number"
      " FROM case_step s JOIN kasus k ON k.id=s.case_id"
      " WHERE s.office_id=?1 AND s.done_at IS NULL AND s.due_at>=?2 AND s.due_at<?3 AND k.status='open'"
      " AND (?4='' OR k.sop_code=?4) AND (?5=0 OR s.no=?5) AND (?6='' OR s.assigned_user=?6)");
    if( o==0 ) rc = ERR_DB;
    else{
      db_bind_int64(o, 1, f->office_id);
      db_bind_int64(o, 2, f->from);
      db_bind_int64(o, 3, until);
      db_bind_text(o, 4, sop);
      db_bind_int(o, 5, f->step);
      db_bind_text(o, 6, officer);
      while( (st = db_step(o))==DB_ROW ){
        const Procedure *p = proc_of(db, &procs, db_col_int64(o, 4));
        if( p==0 ) continue;
        out->breaches_total++;
        br = arena_grow(a, br, sizeof *br, nbr, &capbr);
        ComplianceBreach *b = &br[nbr++];
        b->number = arena_strdup(a, db_col_text(o, 5));
        b->sop_code = p->code;
        b->step = db_col_int(o, 0);
        b->officer = intern(&names, db_col_text(o, 3), a);
        b->started_at = db_col_int64(o, 1);
        b->due_at = db_col_int64(o, 2);
        b->done_at = 0;
        b->late_s = until - b->due_at;
      }
      db_reset(o);
      if( st!=DB_DONE ) rc = ERR_DB;
    }
  }
  calendar_free(cal);
  if( rc!=OK ) return rc;

  /* group */
  int by_officer = f->by_officer;
  if( nrec ) qsort_r(rec, (size_t)nrec, sizeof *rec, rec_cmp, &by_officer);
  int64_t *tmp = nrec ? arena_alloc(a, sizeof *tmp * (size_t)nrec) : 0;
  int caprow = 0;
  for(int lo=0; lo<nrec; ){
    int hi = lo+1;
    while( hi<nrec && strcmp(rec[hi].proc->code, rec[lo].proc->code)==0 && rec[hi].no==rec[lo].no
           && (!f->by_officer || rec[hi].officer==rec[lo].officer) ) hi++;
    out->rows = arena_grow(a, out->rows, sizeof *out->rows, out->nrows, &caprow);
    ComplianceRow *r = &out->rows[out->nrows++];
    memset(r, 0, sizeof *r);
    const Procedure *p = rec[lo].proc;
    const Step *s = procedure_step(p, rec[lo].no);
    r->sop_code = p->code;
    r->sop_title = p->title;
    r->step = rec[lo].no;
    r->step_text = s ? s->text : "";
    r->step_text_en = s && s->text_en ? s->text_en : (s ? s->text : "");
    r->officer = f->by_officer ? rec[lo].officer : "";
    r->std = s && s->std.kind!=STD_NONE ? &s->std : 0;
    r->office_measure = s && s->std.kind==STD_OFFICE;
    row_fill(r, rec, lo, hi, tmp);
    lo = hi;
  }
  /* open breaches belong to their step's row too (a row with nothing done shows them) */
  for(int i=0; i<nbr; i++){
    if( br[i].done_at ) continue;
    ComplianceRow *hit = 0;
    for(int k=0; k<out->nrows && !hit; k++){
      ComplianceRow *r = &out->rows[k];
      if( strcmp(r->sop_code, br[i].sop_code)==0 && r->step==br[i].step
          && (!f->by_officer || strcmp(r->officer, br[i].officer)==0) ) hit = r;
    }
    if( hit==0 ){
      const Procedure *p = sop_library_find(br[i].sop_code);
      const Step *s = p ? procedure_step(p, br[i].step) : 0;
      out->rows = arena_grow(a, out->rows, sizeof *out->rows, out->nrows, &caprow);
      hit = &out->rows[out->nrows++];
      memset(hit, 0, sizeof *hit);
      hit->sop_code = br[i].sop_code;
      hit->sop_title = p ? p->title : "";
      hit->step = br[i].step;
      hit->step_text = s ? s->text : "";
      hit->step_text_en = s && s->text_en ? s->text_en : hit->step_text;
      hit->officer = f->by_officer ? br[i].officer : "";
      hit->std = s && s->std.kind!=STD_NONE ? &s->std : 0;
      hit->office_measure = s && s->std.kind==STD_OFFICE;
      hit->median_s = hit->p90_s = -1;
    }
    hit->breaches++;
  }
  /* keep the rows in order after the additions */
  for(int i=1; i<out->nrows; i++){
    ComplianceRow t = out->rows[i];
    int j = i-1;
    while( j>=0 ){
      const ComplianceRow *u = &out->rows[j];
      int c = strcmp(u->sop_code, t.sop_code);
      if( c==0 ) c = u->step - t.step;
      if( c==0 && f->by_officer ) c = strcmp(u->officer, t.officer);
      if( c<=0 ) break;
      out->rows[j+1] = out->rows[j];
      j--;
    }
    out->rows[j+1] = t;
  }
  /* the total: every record, cases counted once */
  ComplianceRow *t = &out->total;
  t->sop_code = t->sop_title = t->step_text = t->step_text_en = t->officer = "";
  t->median_s = t->p90_s = -1;
  if( nrec ){
    for(int i=0; i<nrec; i++){
      t->done++;
      if( rec[i].met >= 0 ){ t->timed++; t->met += rec[i].met; }
      tmp[i] = rec[i].case_id;
    }
    qsort(tmp, (size_t)nrec, sizeof *tmp, i64_cmp);
    for(int i=0; i<nrec; i++) if( i==0 || tmp[i]!=tmp[i-1] ) t->cases++;
  }
  t->breaches = out->breaches_total;
  if( nbr ) qsort(br, (size_t)nbr, sizeof *br, breach_cmp);
  out->breaches = br;
  out->nbreaches = nbr < limit ? nbr : limit;
  return OK;
}

/* Steps done with a standard and of them met, counted on the index. */
int compliance_count(Db *db, int64_t office_id, int64_t from, int64_t to, const char *officer,
                     int64_t *timed, int64_t *met){
  Stmt *q = db_prepare(db,
    "SELECT count(*), coalesce(sum(met),0) FROM case_step"
    " WHERE office_id=?1 AND done_at>=?2 AND done_at<?3 AND met IS NOT NULL AND (?4='' OR done_by=?4)");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  db_bind_int64(q, 3, to);
  db_bind_text(q, 4, officer ? officer : "");
  int rc = db_step(q);
  if( rc==DB_ROW ){ *timed = db_col_int64(q, 0); *met = db_col_int64(q, 1); rc = OK; }
  else rc = ERR_DB;
  db_reset(q);
  return rc;
}
