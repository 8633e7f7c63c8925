/*
** dashboard.c — the figures on the first page of the reports: for the head,
** today's open cases, the steps overdue, the share within standard this month
** against last month, the slowest steps, the case-level targets met this month;
** for an officer, the same of their own work (their open steps: the list of
** "Tugas saya"). Counts come from indexes
** (kasus_status, kasus_opened, kasus_closed, case_step_due, case_step_done).
*/
#include "report.h"
#include "../sop/case.h"
#include "../sop/org.h"
#include <stdlib.h>
#include <string.h>

/* One count from a statement with the office (?1), nt times (?2, ?3) and a username (?4)
** when given: only the parameters the SQL uses are bound. */
static int count3(Stmt *q, int64_t office_id, int nt, int64_t a, int64_t b,
                  const char *user, int64_t *out){
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  if( nt>=1 ) db_bind_int64(q, 2, a);
  if( nt>=2 ) db_bind_int64(q, 3, b);
  if( user ) db_bind_text(q, nt+2, user);
  int rc = db_step(q);
  if( rc==DB_ROW ){ *out = db_col_int64(q, 0); rc = OK; } else rc = ERR_DB;
  db_reset(q);
  return rc;
}

/* The cases of the office in [a, b) judged on one case-level target, and of them met: a
** statement giving count(*) and the sum of the 0/1 mark. */
static int target_count(Stmt *q, int64_t office_id, int64_t a, int64_t b, int64_t *judged, int64_t *met){
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, a);
  db_bind_int64(q, 3, b);
  int rc = db_step(q);
  if( rc==DB_ROW ){ *judged = db_col_int64(q, 0); *met = db_col_int64(q, 1); rc = OK; } else rc = ERR_DB;
  db_reset(q);
  return rc;
}

/* How far p90 went past the standard, as a ratio (office or real seconds; 0 when untimed). */
static double slowness(const ComplianceRow *r){
  if( r->std==0 || r->p90_s < 0 ) return 0;
  if( r->std->kind==STD_OFFICE || r->std->kind==STD_REAL || r->std->kind==STD_AFTER_STEP ){
    return r->std->seconds > 0 ? (double)r->p90_s / (double)r->std->seconds : 0;
  }
  /* deadlines against events: the share breached tells more than a duration */
  return r->timed ? 1.0 + (double)(r->timed - r->met) / r->timed : 0;
}

/* Sort the slowest first: by p90 against the standard, then by the breaches. */
static int slow_cmp(const void *pa, const void *pb){
  double a = slowness(pa), b = slowness(pb);
  if( a != b ) return a < b ? 1 : -1;
  const ComplianceRow *x = pa, *y = pb;
  return (x->breaches < y->breaches) - (x->breaches > y->breaches);
}

/* The officer's open steps and those past due: the list of "Tugas saya" (case_list with the
** roles the user holds here and the username: assigned to them, or to a role of theirs with no
** user named), counted whole as the page counts them. */
static int my_steps(Db *db, int64_t office_id, int64_t now, const char *username, int64_t *open, int64_t *overdue, Arena *a){
  const char *roles[32];
  int nroles = 0;
  Stmt *q = db_prepare(db, "SELECT ur.role FROM user_role ur JOIN users u ON u.id=ur.user_id"
                           " WHERE u.username=?1 AND ur.office_id=?2 ORDER BY ur.role");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, username);
  db_bind_int64(q, 2, office_id);
  int st;
  while( (st = db_step(q))==DB_ROW ){
    if( nroles < (int)COUNT(roles) ) roles[nroles++] = arena_strdup(a, db_col_text(q, 0));
  }
  db_reset(q);
  if( st!=DB_DONE ) return ERR_DB;
  CaseFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.roles = roles;
  f.nroles = nroles;
  f.username = username;
  f.now = now;
  f.limit = 1;   /* the counts alone; a held step (the file with the requester, an answer awaited) is not overdue */
  int total = 0, late = 0;
  f.total = &total;
  f.total_overdue = &late;
  CaseRow *rows = 0;
  int n = 0;
  int rc = case_list(db, &f, &rows, &n, a);
  if( rc!=OK ) return rc;
  *open = total;
  *overdue = late;
  return OK;
}

/* The offices collected by office_each. */
typedef struct LoadList { OfficeLoad *v; int n, cap; Arena *a; } LoadList;

/* Collect one office. */
static void load_collect(void *ctx, const Office *o){
  LoadList *l = ctx;
  l->v = arena_grow(l->a, l->v, sizeof *l->v, l->n, &l->cap);
  OfficeLoad *x = &l->v[l->n++];
  memset(x, 0, sizeof *x);
  x->id = o->id;
  snprintf(x->code, sizeof x->code, "%s", o->code);
}

/* Every office's open cases and steps overdue (see report.h). */
int dashboard_load(Db *db, int64_t now, OfficeLoad **out, int *n, Arena *a){
  LoadList l = { 0, 0, 0, a };
  *out = 0;
  *n = 0;
  int rc = office_each(db, load_collect, &l);
  for(int i=0; rc==OK && i<l.n; i++){
    rc = count3(db_prepare(db, DASH_SQL_OPEN_CASES), l.v[i].id, 0, 0, 0, 0, &l.v[i].open_cases);
    if( rc==OK ) rc = count3(db_prepare(db, DASH_SQL_STEPS_OVERDUE), l.v[i].id, 1, now, 0, 0, &l.v[i].overdue_steps);
  }
  if( rc!=OK ) return ERR_DB;
  *out = l.v;
  *n = l.n;
  return OK;
}

/* The head's figures, and the officer's own when a username is given. */
int dashboard_get(Db *db, int64_t office_id, const char *tz, int64_t now, const char *username,
                  Dashboard *d, Arena *a){
  memset(d, 0, sizeof *d);
  int64_t day = report_day_start(now, tz);
  int64_t month = report_month_start(now, tz, 0), last = report_month_start(now, tz, -1);
  int64_t next = report_month_start(now, tz, 1);
  int rc = count3(db_prepare(db, DASH_SQL_OPEN_CASES),
                  office_id, 0, 0, 0, 0, &d->open_cases);
  if( rc==OK ) rc = count3(db_prepare(db, "SELECT count(*) FROM kasus WHERE office_id=?1 AND opened_at>=?2 AND opened_at<?3"),
                           office_id, 2, day, day + 86400, 0, &d->opened_today);
  if( rc==OK ) rc = count3(db_prepare(db, "SELECT count(*) FROM kasus k WHERE k.office_id=?1 AND k.closed_at>=?2"
                           " AND k.closed_at<?3 AND " CASE_SQL_FINISHED), office_id, 2, day, day + 86400, 0, &d->closed_today);
  if( rc==OK ) rc = count3(db_prepare(db, DASH_SQL_STEPS_OVERDUE), office_id, 1, now, 0, 0, &d->overdue_steps);
  int64_t prep_overdue = 0;   /* a training's preparation items past their deadline count too */
  if( rc==OK ) rc = count3(db_prepare(db, DASH_SQL_PREPS_OVERDUE),
                           office_id, 1, now, 0, 0, &prep_overdue);
  d->overdue_steps += prep_overdue;
  d->overdue_prep = prep_overdue;
  /* of them, those past due since before this month: their breach is an earlier month's, so the
  ** month's breaches still open are fewer than the steps overdue by these */
  int64_t prep_before = 0;
  if( rc==OK ) rc = count3(db_prepare(db, DASH_SQL_STEPS_OVERDUE),
                           office_id, 1, month < now ? month : now, 0, 0, &d->overdue_before_month);
  if( rc==OK ) rc = count3(db_prepare(db, DASH_SQL_PREPS_OVERDUE),
                           office_id, 1, month < now ? month : now, 0, 0, &prep_before);
  d->overdue_before_month += prep_before;
  /* due later today: what the desk must still finish before midnight (not yet overdue) */
  int64_t prep_due = 0;
  if( rc==OK ) rc = count3(db_prepare(db, "SELECT count(*) FROM case_step WHERE office_id=?1 AND done_at IS NULL AND due_at>=?2"
                                          " AND due_at<?3 AND pause_started_at IS NULL"),
                           office_id, 2, now, day + 86400, 0, &d->due_today);
  if( rc==OK ) rc = count3(db_prepare(db, "SELECT count(*) FROM training_prep p JOIN training t ON t.id=p.training_id"
                                          " WHERE p.office_id=?1 AND p.done_at IS NULL AND p.due_at>=?2 AND p.due_at<?3"
                                          " AND t.status IN ('plan','approved')"),
                           office_id, 2, now, day + 86400, 0, &prep_due);
  d->due_today += prep_due;
  /* the steps done this month, as the compliance report's total and the monthly mail count them */
  if( rc==OK ) rc = count3(db_prepare(db, DASH_SQL_STEPS_DONE), office_id, 2, month, next, "", &d->month_done);
  if( rc==OK ) rc = compliance_count(db, office_id, month, next, 0, &d->month_timed, &d->month_met);
  if( rc==OK ) rc = compliance_count(db, office_id, last, month, 0, &d->last_timed, &d->last_met);
  /* the case-level targets of the priority table: the cases opened this month the office has
  ** answered, and the cases closed this month (kasus_opened, kasus_closed) */
  if( rc==OK ) rc = target_count(db_prepare(db, "SELECT count(*), coalesce(sum(response_met),0) FROM kasus WHERE office_id=?1"
                                                 " AND opened_at>=?2 AND opened_at<?3 AND response_met IS NOT NULL"),
                                 office_id, month, next, &d->month_answered, &d->month_answered_met);
  if( rc==OK ) rc = target_count(db_prepare(db, "SELECT count(*), coalesce(sum(resolution_met),0) FROM kasus WHERE office_id=?1"
                                                 " AND closed_at>=?2 AND closed_at<?3 AND resolution_met IS NOT NULL"),
                                 office_id, month, next, &d->month_resolved, &d->month_resolved_met);
  if( rc!=OK ) return rc;

  /* the slowest steps of the month: of the steps with a breach, the worst five by p90 against the standard */
  ComplianceFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.from = month;
  f.to = next;
  f.now = now;
  f.breach_limit = 1;
  Compliance c;
  rc = compliance_report(db, &f, &c, a);
  if( rc!=OK ) return rc;
  d->month_breaches = c.breaches_total;
  d->month_breaches_open = c.breaches_open;
  int n = 0;
  /* only a step that went past its standard this month is slow (done late, or still open past due):
  ** one whose every visit was within it is not listed however long its standard */
  for(int i=0; i<c.nrows; i++) if( c.rows[i].std && c.rows[i].breaches > 0 ) c.rows[n++] = c.rows[i];
  if( n>1 ) qsort(c.rows, (size_t)n, sizeof *c.rows, slow_cmp);
  d->slowest = c.rows;
  d->nslowest = n < 5 ? n : 5;

  if( username && *username ){
    rc = my_steps(db, office_id, now, username, &d->my_open, &d->my_overdue, a);
    if( rc==OK ) rc = compliance_count(db, office_id, month, next, username, &d->my_month_timed, &d->my_month_met);
    if( rc!=OK ) return rc;
    /* counts on the indexes, as the compliance report counts the officer's work: steps done
    ** (CASE_SQL_STEP_DONE: a training's preparation step once, not once per item), the steps and
    ** preparation items late, and their steps open past due (a held one is not: its clock stands still) */
    int64_t late = 0, open_late = 0, prep_late = 0;
    if( rc==OK ) rc = count3(db_prepare(db, DASH_SQL_STEPS_DONE), office_id, 2, month, next, username, &d->my_done_month);
    /* the month's breaches as the report counts them (CASE_SQL_STEP_BREACHED: by the due time, this
    ** month before now): done late by them, and left undone assigned to them */
    int64_t until = now < next ? now : next;
    if( rc==OK ) rc = count3(db_prepare(db, "SELECT count(*) FROM case_step s WHERE s.office_id=?1 AND s.done_at>=?2"
                             " AND s.done_by=?4 AND " CASE_SQL_STEP_BREACHED_23), office_id, 2, month, until, username, &late);
    if( rc==OK ) rc = count3(db_prepare(db, "SELECT count(*) FROM case_step s WHERE s.office_id=?1 AND s.done_at IS NULL"
                             " AND s.assigned_user=?4 AND " CASE_SQL_STEP_BREACHED_23),
                             office_id, 2, month, until, username, &open_late);
    if( rc==OK ) rc = count3(db_prepare(db, "SELECT count(*) FROM training_prep p JOIN training t ON t.id=p.training_id"
                             " WHERE p.office_id=?1 AND p.done_at>=?2 AND p.done_by=?4 AND " DASH_SQL_PREP_BREACHED_23),
                             office_id, 2, month, until, username, &prep_late);
    d->my_breaches_month = late + open_late + prep_late;
    d->my_breaches_open = open_late;
    if( rc!=OK ) return rc;
  }
  return OK;
}
