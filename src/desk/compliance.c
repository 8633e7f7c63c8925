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
#include "training.h"
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

/* The period of a report from the instants given (0: not given), filled in: neither, this month;
** `from` alone, up to the end of today (of `from`'s own day when it is later); `to` alone (an
** exclusive end), from the first of the month holding its last instant. */
void report_period_fill(int64_t *from, int64_t *to, int64_t now, const char *tz){
  if( *from==0 && *to==0 ){
    *from = report_month_start(now, tz, 0);
    *to = report_month_start(now, tz, 1);
  }else if( *to==0 ){
    int64_t end = report_day_start(now, tz) + 86400;
    *to = *from < end ? end : report_day_start(*from, tz) + 86400;
  }else if( *from==0 ){
    *from = report_month_start(*to - 1, tz, 0);
  }
}

/* "n units" in the reader's language through the catalogue (one msgid for 1, one for more). */
static const char *dur_unit(Arena *a, int64_t n, const char *lang, const char *one, const char *many){
  return arena_printf(a, i18n_get(lang, n==1 ? one : many), (long long)n);
}

/* Two units side by side, the second left out when 0: "2 hari 3 jam", "2 days 3 hours". */
static const char *dur_pair(Arena *a, const char *lang, int64_t n1, const char *one1, const char *many1,
                            int64_t n2, const char *one2, const char *many2){
  const char *z = dur_unit(a, n1, lang, one1, many1);
  return n2 ? arena_printf(a, "%s %s", z, dur_unit(a, n2, lang, one2, many2)) : z;
}

/* A duration in words (report_duration); days: 1 to say two days and more in days and hours. */
static const char *dur_words(Arena *a, int64_t s, const char *lang, int days){
  static const char *const sec[2] = { N_("%lld second"), N_("%lld seconds") };
  static const char *const min[2] = { N_("%lld minute"), N_("%lld minutes") };
  static const char *const hour[2] = { N_("%lld hour"), N_("%lld hours") };
  static const char *const day[2] = { N_("%lld day"), N_("%lld days") };
  if( s < 0 ) return "—";
  if( s < 60 ) return dur_unit(a, s, lang, sec[0], sec[1]);
  if( s < 3600 ) return dur_pair(a, lang, s/60, min[0], min[1], s%60, sec[0], sec[1]);
  int64_t m = (s + 30)/60, h = m/60, d = h/24;
  m %= 60;
  if( days && d >= 2 ) return dur_pair(a, lang, d, day[0], day[1], h%24, hour[0], hour[1]);
  if( h ) return dur_pair(a, lang, h, hour[0], hour[1], m, min[0], min[1]);
  return dur_unit(a, m, lang, min[0], min[1]);
}

/* A duration in words in the reader's language (the catalogue's): to the second under an hour,
** else to the minute; from two days on, days and hours. */
const char *report_duration(Arena *a, int64_t s, const char *lang){
  return dur_words(a, s, lang, 1);
}

/* A span of office time in words: as report_duration, but in hours however many (85 hours of
** office time are eleven working days and more, not "3 days 13 hours"). */
const char *report_duration_office(Arena *a, int64_t s, const char *lang){
  return dur_words(a, s, lang, 0);
}

/* A duration of a compliance row in words: office time as report_duration_office says it when
** the row measures office time, else as report_duration. */
const char *report_row_duration(Arena *a, const ComplianceRow *w, int64_t s, const char *lang){
  return dur_words(a, s, lang, !w->office_measure);
}

/* Share within standard in percent, -1 when nothing was timed. */
double compliance_share(const ComplianceRow *r){
  return r->timed > 0 ? 100.0 * r->met / r->timed : -1;
}

/* What a record stands for: a step done (counted, timed by its standard), a training's preparation
** item done (timed by its own deadline, not a step), a preparation step done (counted once, its
** time told by its items). */
enum { REC_STEP, REC_ITEM, REC_PREP_STEP };
/* One step visit (or preparation item) read from the database. */
typedef struct Rec {
  int64_t case_id, took;
  int gid;                    /* its group: procedure × step (× officer) */
  int met;                    /* 1, 0, -1 not timed */
  int kind;                   /* REC_STEP, REC_ITEM, REC_PREP_STEP */
} Rec;

/* Interned usernames: few distinct officers, many rows. */
typedef struct Names { const char **v; int n, cap; } Names;
/* The one copy of a username (found, or added). */
static const char *intern(Names *nm, const char *z, Arena *a){
  for(int i=nm->n-1; i>=0; i--) if( strcmp(nm->v[i], z)==0 ) return nm->v[i];
  nm->v = arena_grow(a, nm->v, sizeof *nm->v, nm->n, &nm->cap);
  return nm->v[nm->n++] = arena_strdup(a, z);
}

/* The procedures met so far, by revision id (a handful). */
typedef struct Procs { int64_t id[64]; const Procedure *p[64]; int n; } Procs;
/* The procedure revision of an id, parsed once per report. */
static const Procedure *proc_of(Db *db, Procs *ps, int64_t id){
  for(int i=0; i<ps->n; i++) if( ps->id[i]==id ) return ps->p[i];
  const Procedure *p = case_procedure(db, id);
  if( ps->n < 64 ){ ps->id[ps->n] = id; ps->p[ps->n] = p; ps->n++; }
  return p;
}

/* The groups of a report: procedure (by code: revisions of one procedure share a row),
** step, officer (NULL unless by officer); n records each. */
typedef struct Group { const Procedure *proc; int no; const char *officer; int n, at; } Group;
typedef struct Groups { Group *v; int n, cap, last; } Groups;
/* The group of a record (the last one used is tried first), made when new. */
static int group_of(Groups *g, const Procedure *p, int no, const char *officer, Arena *a){
  if( g->last < g->n ){
    const Group *x = &g->v[g->last];
    if( x->no==no && x->officer==officer && (x->proc==p || strcmp(x->proc->code, p->code)==0) ) return g->last;
  }
  for(int i=0; i<g->n; i++){
    const Group *x = &g->v[i];
    if( x->no==no && x->officer==officer && (x->proc==p || strcmp(x->proc->code, p->code)==0) ) return g->last = i;
  }
  g->v = arena_grow(a, g->v, sizeof *g->v, g->n, &g->cap);
  Group *x = &g->v[g->n];
  memset(x, 0, sizeof *x);
  x->proc = p;
  x->no = no;
  x->officer = officer;
  return g->last = g->n++;
}

/* Time a step took in its standard's measure. */
static int64_t step_took(const Calendar *cal, const Step *st, int64_t start, int64_t done,
                         int64_t due, int64_t paused_s){
  if( st && st->std.kind==STD_AFTER_STEP && due>0 && (cal || !st->std.office) ){
    /* the clock ran from the end of the step it counts from, the standard before the due time */
    int64_t late = !st->std.office ? done - due
                 : done>due ? calendar_office_between(cal, due, done) : -calendar_office_between(cal, done, due);
    int64_t t = st->std.seconds + late;
    return t < 0 ? 0 : t;
  }
  if( st && st->std.kind==STD_OFFICE && cal ){
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

/* Order of two whole numbers, for qsort. */
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

/* Distinct values among n (sorted here). */
static int distinct(int64_t *v, int n){
  if( n>1 ) qsort(v, (size_t)n, sizeof *v, i64_cmp);
  int k = 0;
  for(int i=0; i<n; i++) if( i==0 || v[i]!=v[i-1] ) k++;
  return k;
}

/* The rows in order: procedure code, step, officer. */
static int row_cmp(const void *pa, const void *pb){
  const ComplianceRow *a = pa, *b = pb;
  int c = strcmp(a->sop_code, b->sop_code);
  if( c ) return c;
  if( a->step != b->step ) return a->step < b->step ? -1 : 1;
  return strcmp(a->officer, b->officer);
}

/* The breaches list: latest due first. */
static int breach_cmp(const void *pa, const void *pb){
  const ComplianceBreach *a = pa, *b = pb;
  if( a->due_at != b->due_at ) return a->due_at > b->due_at ? -1 : 1;
  int k = strcmp(a->number, b->number);
  if( k ) return k;
  if( a->step != b->step ) return a->step < b->step ? -1 : 1;
  return strcmp(a->item ? a->item : "", b->item ? b->item : "");   /* a training's items by label */
}

/* What a report gathers as it reads: the records, the breaches, the groups, the officers. */
typedef struct Acc {
  Rec *rec; int nrec, caprec;
  ComplianceBreach *br; int nbr, capbr;
  Groups groups;
  Names names;
  int by_officer;
  Arena *a;
} Acc;

/* Whether a breach's times are said to the second: its step's standard is seconds or a few minutes
** (a preparation item is due in days). */
static int breach_secs(const Procedure *p, int no, const char *item){
  return item==0 && procedure_step_secs(p, no);
}

/* A step (or a preparation item) done, kind REC_*: its record in its group (its breach, when late,
** is read by its due time: acc_breach). */
static void acc_done(Acc *c, const Procedure *p, int no, int kind, int64_t case_id, const char *who, int met, int64_t took){
  c->rec = arena_grow(c->a, c->rec, sizeof *c->rec, c->nrec, &c->caprec);
  Rec *x = &c->rec[c->nrec++];
  x->case_id = case_id;
  x->kind = kind;
  x->met = kind==REC_PREP_STEP ? -1 : met;
  x->gid = group_of(&c->groups, p, no, c->by_officer ? who : 0, c->a);
  x->took = took;
  c->groups.v[x->gid].n++;
}

/* A step (or an item, item its label) breached, its due time in the period: done late (done), or
** still undone, late until `until` (ended: an item whose training began, so undone for good); its
** step's group is made when nothing of it was done in the period. */
static void acc_breach(Acc *c, const Procedure *p, int no, const char *who, const char *number,
                       int64_t start, int64_t due, int64_t done, int64_t until, const char *item, int ended){
  c->br = arena_grow(c->a, c->br, sizeof *c->br, c->nbr, &c->capbr);
  ComplianceBreach *b = &c->br[c->nbr++];
  int64_t late = done ? done - due : until - due;
  *b = (ComplianceBreach){ arena_strdup(c->a, number), p->code, no, who, start, due, done, late > 0 ? late : 0,
                          item ? arena_strdup(c->a, item) : 0, ended, breach_secs(p, no, item) };
  group_of(&c->groups, p, no, c->by_officer ? who : 0, c->a);
}

/* The step of the training procedure that holds its preparation checklist (the step with tasks:
** BTG-005 step 2), as the library has it. */
int compliance_prep_step(void){
  const Procedure *p = sop_library_find(TRAINING_SOP);
  for(int i=0; p && i<p->nsteps; i++) if( p->steps[i].ntasks>0 ) return p->steps[i].no;
  return 2;
}

/* Build the compliance report. */
int compliance_report(Db *db, const ComplianceFilter *f, Compliance *out, Arena *a){
  memset(out, 0, sizeof *out);
  const char *sop = f->sop ? f->sop : "";
  const char *officer = f->officer ? f->officer : "";
  int limit = f->breach_limit > 0 ? f->breach_limit : 200;
  Calendar *cal = calendar_load(db, f->office_id);
  Acc c;
  memset(&c, 0, sizeof c);
  c.a = a;
  c.by_officer = f->by_officer;
  Procs procs;
  procs.n = 0;
  int rc = OK;

  /* room for every step done in the period at once (an index count): the arena keeps what
  ** it gives, so growing by doubling would hold about twice as much */
  Stmt *cnt = db_prepare(db, "SELECT count(*) FROM case_step WHERE office_id=?1 AND done_at>=?2 AND done_at<?3");
  if( cnt ){
    db_bind_int64(cnt, 1, f->office_id);
    db_bind_int64(cnt, 2, f->from);
    db_bind_int64(cnt, 3, f->to);
    if( db_step(cnt)==DB_ROW && db_col_int64(cnt, 0) > 0 && db_col_int64(cnt, 0) < INT32_MAX/2 ){
      c.caprec = (int)db_col_int64(cnt, 0) + 16;
      c.rec = arena_alloc(a, sizeof *c.rec * (size_t)c.caprec);
    }
    db_reset(cnt);
  }
  /* the steps done in the period: a range of case_step_done, which covers every column
  ** read from case_step; each joined to its case by primary key */
  Stmt *q = db_prepare(db,
    "SELECT s.case_id, s.no, s.started_at, s.done_at, coalesce(s.due_at,0), coalesce(s.met,-1), s.paused_s,"
    " coalesce(s.done_by,''), k.procedure_id, k.number"
    " FROM case_step s JOIN kasus k ON k.id=s.case_id"
    " WHERE s.office_id=?1 AND " CASE_SQL_STEP_DONE_23
    " AND (?4='' OR k.sop_code=?4) AND (?5=0 OR s.no=?5) AND (?6='' OR s.done_by=?6)");
  if( q==0 ){ calendar_free(cal); return ERR_DB; }
  db_bind_int64(q, 1, f->office_id);
  db_bind_int64(q, 2, f->from);
  db_bind_int64(q, 3, f->to);
  db_bind_text(q, 4, sop);
  db_bind_int(q, 5, f->step);
  db_bind_text(q, 6, officer);
  int st;
  int prep = compliance_prep_step();
  while( (st = db_step(q))==DB_ROW ){
    const Procedure *p = proc_of(db, &procs, db_col_int64(q, 8));
    if( p==0 ) continue;
    int no = db_col_int(q, 1);
    /* a training's preparation step is one step done; its time is told by its checklist items
    ** below, each against its own deadline (the step has no standard of its own) */
    int kind = no==prep && strcmp(p->code, TRAINING_SOP)==0 ? REC_PREP_STEP : REC_STEP;
    int64_t start = db_col_int64(q, 2), done = db_col_int64(q, 3), due = db_col_int64(q, 4);
    acc_done(&c, p, no, kind, db_col_int64(q, 0), intern(&c.names, db_col_text(q, 7), a), db_col_int(q, 5),
             step_took(cal, procedure_step(p, no), start, done, due, db_col_int64(q, 6)));
  }
  db_reset(q);
  if( st!=DB_DONE ) rc = ERR_DB;

  /* the breaches: the steps whose due time fell in the period, before now, and was missed
  ** (CASE_SQL_STEP_BREACHED): those still undone (a range of case_step_due), then those done
  ** late (done after their due time, so from the period's start on: a range of case_step_done);
  ** an open one is its assignee's, a done one whoever did it; a held one was late until its hold */
  int64_t until = f->to < f->now ? f->to : f->now;
  for(int done=0; rc==OK && until > f->from && done<2; done++){
    Stmt *o = done ? db_prepare(db,
        "SELECT s.no, s.started_at, s.due_at, coalesce(s.done_by,''), k.procedure_id, k.number, s.done_at, 0"
        " FROM case_step s JOIN kasus k ON k.id=s.case_id"
        " WHERE s.office_id=?1 AND s.done_at>=?2 AND " CASE_SQL_STEP_BREACHED_23
        " AND (?4='' OR k.sop_code=?4) AND (?5=0 OR s.no=?5) AND (?6='' OR s.done_by=?6)")
      : db_prepare(db, "SELECT s.no, s.started_at, s.due_at, coalesce(s.assigned_user,''), k.procedure_id, k.number, 0,"
        " coalesce(s.pause_started_at,0)"
        " FROM case_step s JOIN kasus k ON k.id=s.case_id"
        " WHERE s.office_id=?1 AND s.done_at IS NULL AND " CASE_SQL_STEP_BREACHED_23
        " AND (?4='' OR k.sop_code=?4) AND (?5=0 OR s.no=?5) AND (?6='' OR s.assigned_user=?6)");
    if( o==0 ){ rc = ERR_DB; break; }
    db_bind_int64(o, 1, f->office_id);
    db_bind_int64(o, 2, f->from);
    db_bind_int64(o, 3, until);
    db_bind_text(o, 4, sop);
    db_bind_int(o, 5, f->step);
    db_bind_text(o, 6, officer);
    while( (st = db_step(o))==DB_ROW ){
      const Procedure *p = proc_of(db, &procs, db_col_int64(o, 4));
      int64_t held = db_col_int64(o, 7);
      if( p ) acc_breach(&c, p, db_col_int(o, 0), intern(&c.names, db_col_text(o, 3), a), db_col_text(o, 5),
                         db_col_int64(o, 1), db_col_int64(o, 2), db_col_int64(o, 6), held > 0 && held < until ? held : until, 0, 0);
    }
    db_reset(o);
    if( st!=DB_DONE ) rc = ERR_DB;
  }

  /* a training's preparation (BTG-005 step 2, compliance_prep_step) is a checklist, each item with its own deadline
  ** in working days before the training (training_prep): an item done in the period is a timed
  ** record of its step (its time from the step's start), one done past its deadline a breach,
  ** one still undone past it an open breach (late until the training began, once it was held:
  ** it can no longer be ticked). A cancelled training's items count for nothing. */
  if( rc==OK ){
    Stmt *p = db_prepare(db,
      "SELECT k.id, p.done_at, coalesce(p.due_at,0), coalesce(p.met,-1), coalesce(p.done_by,''), k.procedure_id, k.number,"
      " coalesce((SELECT min(s.started_at) FROM case_step s WHERE s.case_id=k.id AND s.no=?7), t.created_at), p.label"
      " FROM training_prep p JOIN training t ON t.id=p.training_id JOIN kasus k ON k.id=t.case_id"
      " WHERE p.office_id=?1 AND p.done_at>=?2 AND p.done_at<?3 AND t.status<>'cancelled'"
      " AND (?4='' OR k.sop_code=?4) AND (?5=0 OR ?5=?7) AND (?6='' OR p.done_by=?6)");
    if( p==0 ) rc = ERR_DB;
    else{
      db_bind_int64(p, 1, f->office_id);
      db_bind_int64(p, 2, f->from);
      db_bind_int64(p, 3, f->to);
      db_bind_text(p, 4, sop);
      db_bind_int(p, 5, f->step);
      db_bind_text(p, 6, officer);
      db_bind_int(p, 7, prep);
      while( (st = db_step(p))==DB_ROW ){
        const Procedure *pr = proc_of(db, &procs, db_col_int64(p, 5));
        if( pr==0 ) continue;
        int64_t done = db_col_int64(p, 1), start = db_col_int64(p, 7);
        acc_done(&c, pr, prep, REC_ITEM, db_col_int64(p, 0), intern(&c.names, db_col_text(p, 4), a), db_col_int(p, 3),
                 done > start ? done - start : 0);
      }
      db_reset(p);
      if( st!=DB_DONE ) rc = ERR_DB;
    }
  }
  /* the items breached, their deadline in the period (DASH_SQL_PREP_BREACHED): done late, whoever
  ** did it, or undone (nobody's yet: not on an officer's report) */
  if( rc==OK && until > f->from ){
    Stmt *p = db_prepare(db,
      "SELECT k.procedure_id, k.number, p.due_at,"
      " coalesce((SELECT min(s.started_at) FROM case_step s WHERE s.case_id=k.id AND s.no=?6), t.created_at),"
      " CASE WHEN t.status IN ('plan','approved') THEN 0 ELSE t.starts_at END, p.label, coalesce(p.done_at,0), coalesce(p.done_by,'')"
      " FROM training_prep p JOIN training t ON t.id=p.training_id JOIN kasus k ON k.id=t.case_id"
      " WHERE p.office_id=?1 AND " DASH_SQL_PREP_BREACHED_23
      " AND (?4='' OR k.sop_code=?4) AND (?5=0 OR ?5=?6) AND (?7='' OR p.done_by=?7)");
    if( p==0 ) rc = ERR_DB;
    else{
      db_bind_int64(p, 1, f->office_id);
      db_bind_int64(p, 2, f->from);
      db_bind_int64(p, 3, until);
      db_bind_text(p, 4, sop);
      db_bind_int(p, 5, f->step);
      db_bind_int(p, 6, prep);
      db_bind_text(p, 7, officer);
      while( (st = db_step(p))==DB_ROW ){
        const Procedure *pr = proc_of(db, &procs, db_col_int64(p, 0));
        int64_t due = db_col_int64(p, 2), ended = db_col_int64(p, 4), done = db_col_int64(p, 6);
        int64_t late_until = ended > 0 && ended < until ? ended : until;
        if( pr && done ) acc_breach(&c, pr, prep, intern(&c.names, db_col_text(p, 7), a), db_col_text(p, 1), db_col_int64(p, 3), due,
                                    done, until, db_col_text(p, 5), 0);
        else if( pr && late_until > due ) acc_breach(&c, pr, prep, intern(&c.names, "", a), db_col_text(p, 1), db_col_int64(p, 3), due,
                                                     0, late_until, db_col_text(p, 5), late_until==ended);
      }
      db_reset(p);
      if( st!=DB_DONE ) rc = ERR_DB;
    }
  }
  calendar_free(cal);
  if( rc!=OK ) return rc;
  Groups groups = c.groups;
  Rec *rec = c.rec;
  int nrec = c.nrec;
  ComplianceBreach *br = c.br;
  int nbr = c.nbr;
  out->breaches_total = nbr;

  /* the records by group (a counting sort), then each group's figures */
  int ng = groups.n;
  int64_t *took = nrec ? arena_alloc(a, sizeof *took * (size_t)nrec) : 0;
  int64_t *cases = nrec ? arena_alloc(a, sizeof *cases * (size_t)nrec) : 0;
  int at = 0;
  for(int g=0; g<ng; g++){ groups.v[g].at = at; at += groups.v[g].n; groups.v[g].n = 0; }
  out->rows = ng ? arena_alloc(a, sizeof *out->rows * (size_t)ng) : 0;
  out->nrows = ng;
  for(int g=0; g<ng; g++){
    ComplianceRow *r = &out->rows[g];
    memset(r, 0, sizeof *r);
    const Group *x = &groups.v[g];
    const Step *s = procedure_step(x->proc, x->no);
    r->sop_code = x->proc->code;
    r->sop_title = x->proc->title;
    r->step = x->no;
    r->step_text = s ? s->text : "";
    r->step_text_en = s && s->text_en ? s->text_en : r->step_text;
    r->officer = x->officer ? x->officer : "";
    r->std = s && s->std.kind!=STD_NONE ? &s->std : 0;
    r->office_measure = s && STD_IS_OFFICE(&s->std);
    r->items = x->no==prep && strcmp(x->proc->code, TRAINING_SOP)==0;
  }
  /* a preparation step's own record has no time of its own (its items tell it): its group's
  ** times are the first nt of its slots */
  int *nt = ng ? arena_alloc(a, sizeof *nt * (size_t)ng) : 0;
  for(int g=0; g<ng; g++) nt[g] = 0;
  for(int i=0; i<nrec; i++){
    Group *x = &groups.v[rec[i].gid];
    ComplianceRow *r = &out->rows[rec[i].gid];
    if( rec[i].kind!=REC_PREP_STEP ) took[x->at + nt[rec[i].gid]++] = rec[i].took;
    cases[x->at + x->n] = rec[i].case_id;
    x->n++;
    if( rec[i].kind==REC_ITEM ) r->items_done++; else r->done++;
    if( rec[i].met >= 0 ){ r->timed++; r->met += rec[i].met; }
  }
  for(int g=0; g<ng; g++){
    const Group *x = &groups.v[g];
    ComplianceRow *r = &out->rows[g];
    if( x->n==0 ){ r->median_s = r->p90_s = -1; r->cases = 0; continue; }   /* a row of open breaches only (took may be NULL) */
    if( nt[g]>1 ) qsort(took + x->at, (size_t)nt[g], sizeof *took, i64_cmp);
    percentiles(took + x->at, nt[g], &r->median_s, &r->p90_s);
    r->cases = distinct(cases + x->at, x->n);
  }
  /* each breach counts on its step's row (by its due time: one done late may have been done in
  ** another period); those still undone are the open ones */
  for(int i=0; i<nbr; i++){
    if( br[i].done_at==0 ) out->breaches_open++;
    for(int g=0; g<ng; g++){
      ComplianceRow *r = &out->rows[g];
      if( r->step==br[i].step && strcmp(r->sop_code, br[i].sop_code)==0
          && (!f->by_officer || strcmp(r->officer, br[i].officer)==0) ){ r->breaches++; r->breaches_open += br[i].done_at==0; break; }
    }
  }
  if( ng ) qsort(out->rows, (size_t)ng, sizeof *out->rows, row_cmp);
  /* the total: every record, cases counted once; the steps done (a preparation item is timed, not a step) */
  ComplianceRow *t = &out->total;
  t->sop_code = t->sop_title = t->step_text = t->step_text_en = t->officer = "";
  t->median_s = t->p90_s = -1;
  for(int i=0; i<nrec; i++){
    if( rec[i].kind==REC_ITEM ) t->items_done++; else t->done++;
    if( rec[i].met >= 0 ){ t->timed++; t->met += rec[i].met; }
    cases[i] = rec[i].case_id;
  }
  t->cases = nrec ? distinct(cases, nrec) : 0;
  t->breaches = out->breaches_total;
  if( nbr ) qsort(br, (size_t)nbr, sizeof *br, breach_cmp);
  out->breaches = br;
  out->nbreaches = nbr < limit ? nbr : limit;
  return OK;
}

/* Add a count(*) and a sum(met) of q, bound to office, period and officer, to *timed and *met. */
static int count_met(Stmt *q, int64_t office_id, int64_t from, int64_t to, const char *officer,
                     int64_t *timed, int64_t *met){
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  db_bind_int64(q, 3, to);
  db_bind_text(q, 4, officer ? officer : "");
  int rc = db_step(q);
  if( rc==DB_ROW ){ *timed += db_col_int64(q, 0); *met += db_col_int64(q, 1); }
  db_reset(q);
  return rc==DB_ROW ? OK : ERR_DB;
}

/* Steps done with a standard and of them met, counted on the index; with a training's
** preparation items done (each timed against its own deadline), as the report counts them. */
int compliance_count(Db *db, int64_t office_id, int64_t from, int64_t to, const char *officer,
                     int64_t *timed, int64_t *met){
  *timed = *met = 0;
  int rc = count_met(db_prepare(db, "SELECT count(*), coalesce(sum(s.met),0) FROM case_step s"
                                    " WHERE s.office_id=?1 AND " CASE_SQL_STEP_DONE_23 " AND s.met IS NOT NULL AND (?4='' OR s.done_by=?4)"),
                     office_id, from, to, officer, timed, met);
  if( rc==OK ){
    rc = count_met(db_prepare(db, "SELECT count(*), coalesce(sum(p.met),0) FROM training_prep p JOIN training t ON t.id=p.training_id"
                                  " WHERE p.office_id=?1 AND p.done_at>=?2 AND p.done_at<?3 AND p.met IS NOT NULL AND t.status<>'cancelled'"
                                  " AND (?4='' OR p.done_by=?4)"),
                   office_id, from, to, officer, timed, met);
  }
  return rc;
}

/* Whether a username is the office's officer (home office or a role there; disabled too). */
int compliance_officer_known(Db *db, int64_t office_id, const char *username){
  Stmt *q = db_prepare(db, "SELECT count(*) FROM users u WHERE u.username=?1 AND (u.office_id=?2"
                           " OR EXISTS(SELECT 1 FROM user_role ur WHERE ur.user_id=u.id AND ur.office_id=?2))");
  if( q==0 ) return -1;
  db_bind_text(q, 1, username ? username : "");
  db_bind_int64(q, 2, office_id);
  int rc = db_step(q)==DB_ROW ? db_col_int(q, 0) > 0 : -1;
  db_reset(q);
  return rc;
}

/* Whether step is a step of the procedure p. */
int compliance_step_known(const Procedure *p, int step){
  return p && procedure_step(p, step)!=0;
}

/* Whether some procedure of the library has a step numbered step. */
int compliance_step_any(int step){
  for(int i=0; i<sop_library_count(); i++) if( compliance_step_known(sop_library_at(i), step) ) return 1;
  return 0;
}
