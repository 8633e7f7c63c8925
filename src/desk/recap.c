/*
** recap.c — the recaps the SOPs name, counted from cases by procedure code
** (so they need no table of their own): phone cases per day (BTG-017's Rekap
** Penanganan Permasalahan Melalui Telepon), guests per day (the guest book),
** provider verifications per month (OI-01), accounts issued, reset and
** deactivated and reactivated apart (OI-03/04/05, BTG-019, the kind from account_request), trainings (BTG-005)
** and their participants, and the cases
** escalated beyond the desk with their turnaround, and the ratings requesters
** gave their tickets on the portal (portal_rating, 1 to 5: one a closing, the last in a recap's span).
*/
#include "report.h"
#include "../sop/case.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RECAP_MAX_BUCKETS 400

static const RecapKind kinds[RECAP_COUNT] = {
  { RECAP_PHONE,     "telepon",    N_("Phone cases"),              "SOP-LPSE.BTG-017", 0 },
  { RECAP_GUESTS,    "tamu",       N_("Guests"),                   N_("Guest book"), 0 },
  { RECAP_VERIFY,    "verifikasi", N_("Provider verifications"),   "SOP 01/LPSE.OI/2012", 1 },
  { RECAP_ACCOUNTS,  "akun",       N_("User accounts"),            "SOP 03, 04, 05/LPSE/2012, SOP-LPSE.BTG-019", 1 },
  { RECAP_TRAINING,  "pelatihan",  N_("Trainings"),                "SOP-LPSE.BTG-005", 1 },
  { RECAP_ESCALATED, "eskalasi",   N_("Escalated cases"),          N_("SOP-LPSE.BTG-017 step 8, SOP 02/LPSE.OI/2012 step 4, SOP 06/LPSE/2012 step 3, and escalations to LKPP from a case of any procedure"), 1 },
  { RECAP_RATINGS,   "penilaian",  N_("Service ratings"),          N_("Portal"), 1 },
};

/* Where a case goes beyond the desk: the step that hands it on. */
static const struct { const char *sop; int step; } escalations[] = {
  { "SOP-LPSE.BTG-017", 8 },      /* the team cannot answer: numbers given, moved to e-mail/TTS */
  { "SOP 02/LPSE.OI/2012", 4 },   /* another party (ULP, SKPD) must answer */
  { "SOP 06/LPSE/2012", 3 },      /* a letter to LKPP asking for help */
};

/* The recap kind at i (0..RECAP_COUNT-1). */
const RecapKind *recap_at(int i){
  return i>=0 && i<RECAP_COUNT ? &kinds[i] : 0;
}

/* The recap kind of an address slug, or NULL. */
const RecapKind *recap_find(const char *slug){
  for(int i=0; i<RECAP_COUNT; i++) if( slug && strcmp(kinds[i].slug, slug)==0 ) return &kinds[i];
  return 0;
}

/* The bucket holding t, or -1 outside the recap. */
static int bucket_of(const Recap *r, int64_t t){
  int lo = 0, hi = r->nrows - 1;
  if( r->nrows==0 || t < r->rows[0].start ) return -1;
  while( lo < hi ){
    int mid = (lo + hi + 1)/2;
    if( r->rows[mid].start <= t ) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/* Lay out the buckets of from..to: days or months in the zone. */
static int buckets(Recap *r, const char *tz, int64_t from, int64_t to, Arena *a){
  int64_t t = r->monthly ? report_month_start(from, tz, 0) : report_day_start(from, tz);
  int off = tz_offset_minutes(tz ? tz : "WIB");
  if( off < 0 ) off = 420;
  int cap = 0;
  for(int k=0; t < to; k++){
    if( r->nrows >= RECAP_MAX_BUCKETS ) return ERR_INVALID;
    r->rows = arena_grow(a, r->rows, sizeof *r->rows, r->nrows, &cap);
    RecapRow *w = &r->rows[r->nrows++];
    memset(w, 0, sizeof *w);
    w->start = t;
    time_t s = (time_t)(t + off*60);
    struct tm tm;
    gmtime_r(&s, &tm);
    w->label = r->monthly ? arena_printf(a, "%04d-%02d", tm.tm_year+1900, tm.tm_mon+1)
                          : arena_printf(a, "%04d-%02d-%02d", tm.tm_year+1900, tm.tm_mon+1, tm.tm_mday);
    t = r->monthly ? report_month_start(t, tz, 1) : t + 86400;
  }
  return OK;
}

/* Count the instants of column 0 of q's rows into column col of their buckets; resets q. */
static int count_times(Stmt *q, Recap *r, int col){
  int st;
  while( (st = db_step(q))==DB_ROW ){
    int b = bucket_of(r, db_col_int64(q, 0));
    if( b >= 0 ) r->rows[b].v[col]++;
  }
  db_reset(q);
  return st==DB_DONE ? OK : ERR_DB;
}

/* Bind the office (?1) and the recap's span [from, to) (?2, ?3) of a counting query. */
static void bind_span(Stmt *q, int64_t office_id, int64_t from, int64_t to){
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  db_bind_int64(q, 3, to);
}

/* Count the rows of q (a moment, 1 when its case is finished: CASE_SQL_FINISHED) into column
** col, and those whose case is finished into col+1 when with_finished; then reset q. */
static int count_with_finished(Stmt *q, Recap *r, int col, int with_finished){
  int st;
  while( (st = db_step(q))==DB_ROW ){
    int b = bucket_of(r, db_col_int64(q, 0));
    if( b < 0 ) continue;
    r->rows[b].v[col]++;
    if( with_finished && db_col_int(q, 1) ) r->rows[b].v[col+1]++;
  }
  db_reset(q);
  return st==DB_DONE ? OK : ERR_DB;
}

/* Count the cases of a procedure opened in the recap: column col all, col+1 finished. */
static int count_opened(Db *db, Recap *r, int64_t office_id, const char *sop, int64_t from, int64_t to,
                        int col, int with_finished){
  Stmt *q = db_prepare(db, "SELECT k.opened_at, " CASE_SQL_FINISHED " FROM kasus k"
                           " WHERE k.office_id=?1 AND k.opened_at>=?2 AND k.opened_at<?3 AND k.sop_code=?4");
  if( q==0 ) return ERR_DB;
  bind_span(q, office_id, from, to);
  db_bind_text(q, 4, sop);
  return count_with_finished(q, r, col, with_finished);
}

/* Trainings held in the recap's span, by the start of their first session (not the day the
** plan was written; a cancelled one is not counted) into column 0, those reported (the case
** closed) into column 1, their participants (a seat, not declined) into column 2 and of them
** those present at a session at least into column 3. */
static int count_trainings(Db *db, Recap *r, int64_t office_id, int64_t from, int64_t to){
  Stmt *q = db_prepare(db, "SELECT t.starts_at, " CASE_SQL_FINISHED ","
                           " (SELECT count(*) FROM training_participant p WHERE p.training_id=t.id AND p.seat='seat' AND p.rsvp<>'declined'),"
                           " (SELECT count(*) FROM training_participant p WHERE p.training_id=t.id"
                           "   AND EXISTS(SELECT 1 FROM training_attendance x WHERE x.participant_id=p.id))"
                           " FROM training t JOIN kasus k ON k.id=t.case_id"
                           " WHERE t.office_id=?1 AND t.starts_at>=?2 AND t.starts_at<?3 AND t.status<>'cancelled'");
  if( q==0 ) return ERR_DB;
  bind_span(q, office_id, from, to);
  int st;
  while( (st = db_step(q))==DB_ROW ){
    int b = bucket_of(r, db_col_int64(q, 0));
    if( b < 0 ) continue;
    r->rows[b].v[0]++;
    if( db_col_int(q, 1) ) r->rows[b].v[1]++;
    r->rows[b].v[2] += db_col_int64(q, 2);
    r->rows[b].v[3] += db_col_int64(q, 3);
  }
  db_reset(q);
  return st==DB_DONE ? OK : ERR_DB;
}

/* Count the cases of a procedure finished (closed) in the recap into column col. */
static int count_closed(Db *db, Recap *r, int64_t office_id, const char *sop, int64_t from, int64_t to, int col){
  Stmt *q = db_prepare(db, "SELECT k.closed_at FROM kasus k WHERE k.office_id=?1 AND k.closed_at>=?2 AND k.closed_at<?3"
                           " AND k.sop_code=?4 AND " CASE_SQL_FINISHED);
  if( q==0 ) return ERR_DB;
  bind_span(q, office_id, from, to);
  db_bind_text(q, 4, sop);
  return count_times(q, r, col);
}

/* BTG-019 cases closed, per bucket, split by the request's kind: deactivations into column
** col, reactivations into col+1 (a case with no account request counts as a deactivation). */
static int count_access(Db *db, Recap *r, int64_t office_id, int64_t from, int64_t to, int col){
  Stmt *q = db_prepare(db, "SELECT k.closed_at, coalesce(ar.kind,'') FROM kasus k LEFT JOIN account_request ar ON ar.case_id=k.id"
                           " WHERE k.office_id=?1 AND k.closed_at>=?2 AND k.closed_at<?3"
                           " AND k.sop_code='SOP-LPSE.BTG-019' AND " CASE_SQL_FINISHED);
  if( q==0 ) return ERR_DB;
  bind_span(q, office_id, from, to);
  int st;
  while( (st = db_step(q))==DB_ROW ){
    int b = bucket_of(r, db_col_int64(q, 0));
    if( b >= 0 ) r->rows[b].v[col + (strcmp(db_col_text(q, 1), "reactivate")==0)]++;
  }
  db_reset(q);
  return st==DB_DONE ? OK : ERR_DB;
}

/* Guests who arrived, per bucket, into column 0. */
static int count_guests(Db *db, Recap *r, int64_t office_id, int64_t from, int64_t to){
  Stmt *q = db_prepare(db, "SELECT arrived_at FROM guest_book WHERE office_id=?1 AND arrived_at>=?2 AND arrived_at<?3");
  if( q==0 ) return ERR_DB;
  bind_span(q, office_id, from, to);
  return count_times(q, r, 0);
}

/* Order of two whole numbers, for qsort. */
static int i64_cmp(const void *pa, const void *pb){
  int64_t a = *(const int64_t*)pa, b = *(const int64_t*)pb;
  return a < b ? -1 : a > b;
}

/* The median of n values (sorted here), -1 when none. */
static int64_t median_of(int64_t *v, int n){
  if( n==0 ) return -1;
  if( n>1 ) qsort(v, (size_t)n, sizeof *v, i64_cmp);
  return n%2 ? v[n/2] : (v[n/2-1] + v[n/2])/2;
}

/* Escalated cases opened per bucket (col 0), finished (col 1), the median turnaround of the
** finished (col 2, seconds from opening to closing). */
static int count_escalated(Db *db, Recap *r, int64_t office_id, int64_t from, int64_t to, Arena *a){
  typedef struct { int64_t *v; int n, cap; } Vals;
  Vals *per = arena_alloc(a, sizeof *per * (size_t)r->nrows);
  memset(per, 0, sizeof *per * (size_t)r->nrows);
  Vals all = {0, 0, 0};
  /* once a case, whichever way it went on: the step that hands it on, or an escalation to LKPP
  ** (from any procedure's case, POST …/escalations), which is beyond the desk too */
  Stmt *q = db_prepare(db, "SELECT k.opened_at, " CASE_SQL_FINISHED ", coalesce(k.closed_at,0) FROM kasus k"
                           " WHERE k.office_id=?1 AND k.opened_at>=?2 AND k.opened_at<?3"
                           " AND (EXISTS(SELECT 1 FROM case_step s WHERE s.case_id=k.id AND ((k.sop_code=?4 AND s.no=?5)"
                           " OR (k.sop_code=?6 AND s.no=?7) OR (k.sop_code=?8 AND s.no=?9)))"
                           " OR EXISTS(SELECT 1 FROM escalation e WHERE e.case_id=k.id))");
  if( q==0 ) return ERR_DB;
  bind_span(q, office_id, from, to);
  for(size_t e=0; e<COUNT(escalations); e++){
    db_bind_text(q, 4 + 2*(int)e, escalations[e].sop);
    db_bind_int(q, 5 + 2*(int)e, escalations[e].step);
  }
  int st;
  while( (st = db_step(q))==DB_ROW ){
    int64_t opened = db_col_int64(q, 0), closed = db_col_int64(q, 2);
    int b = bucket_of(r, opened);
    if( b < 0 ) continue;
    r->rows[b].v[0]++;
    if( closed && db_col_int(q, 1) ){
      r->rows[b].v[1]++;
      per[b].v = arena_grow(a, per[b].v, sizeof *per[b].v, per[b].n, &per[b].cap);
      per[b].v[per[b].n++] = closed - opened;
      all.v = arena_grow(a, all.v, sizeof *all.v, all.n, &all.cap);
      all.v[all.n++] = closed - opened;
    }
  }
  db_reset(q);
  if( st!=DB_DONE ) return ERR_DB;
  for(int b=0; b<r->nrows; b++) r->rows[b].v[2] = median_of(per[b].v, per[b].n);
  r->total[2] = median_of(all.v, all.n);
  return OK;
}

/* Ratings given in the recap (by when they were given): column 0 all, 1..5 by score 5 down to 1.
** A ticket rated again after a reopen counts once in a recap: its last rating given in the span
** (a recap of an earlier span still counts the earlier rating, as it did before the reopen). */
static int count_ratings(Db *db, Recap *r, int64_t office_id, int64_t from, int64_t to){
  Stmt *q = db_prepare(db, "SELECT g.rated_at, g.score FROM portal_rating g WHERE g.office_id=?1 AND g.rated_at>=?2 AND g.rated_at<?3"
                           " AND NOT EXISTS(SELECT 1 FROM portal_rating l WHERE l.ticket_id=g.ticket_id AND l.rated_at<?3"
                           " AND (l.rated_at>g.rated_at OR (l.rated_at=g.rated_at AND l.id>g.id)))");
  if( q==0 ) return ERR_DB;
  bind_span(q, office_id, from, to);
  int st;
  while( (st = db_step(q))==DB_ROW ){
    int b = bucket_of(r, db_col_int64(q, 0));
    int score = db_col_int(q, 1);
    if( b < 0 || score < 1 || score > 5 ) continue;
    r->rows[b].v[0]++;
    r->rows[b].v[6 - score]++;
  }
  db_reset(q);
  return st==DB_DONE ? OK : ERR_DB;
}

/* Build a recap of from..to. */
int recap_build(Db *db, const RecapKind *k, int64_t office_id, const char *tz, int64_t from,
                int64_t to, int monthly, Recap *out, Arena *a){
  memset(out, 0, sizeof *out);
  out->kind = k;
  out->monthly = monthly;
  out->duration_col = -1;
  if( k==0 || to <= from ) return ERR_INVALID;
  int rc = buckets(out, tz, from, to, a);
  if( rc!=OK ) return rc;
  switch( k->id ){
    case RECAP_PHONE:
      out->ncols = 2;
      out->cols[0] = N_("Cases"); out->cols[1] = N_("Finished");
      rc = count_opened(db, out, office_id, "SOP-LPSE.BTG-017", from, to, 0, 1);
      break;
    case RECAP_GUESTS:
      out->ncols = 1;
      out->cols[0] = N_("Guests");
      rc = count_guests(db, out, office_id, from, to);
      break;
    case RECAP_VERIFY:
      out->ncols = 2;
      out->cols[0] = N_("Verifications"); out->cols[1] = N_("Finished");
      rc = count_opened(db, out, office_id, "SOP 01/LPSE.OI/2012", from, to, 0, 1);
      break;
    case RECAP_ACCOUNTS:
      out->ncols = 5;
      out->cols[0] = N_("Issued to Pokja ULP"); out->cols[1] = N_("Issued to PPK");
      out->cols[2] = N_("Reset (forgotten)"); out->cols[3] = N_("Deactivated"); out->cols[4] = N_("Reactivated");
      rc = count_closed(db, out, office_id, "SOP 03/LPSE/2012", from, to, 0);
      if( rc==OK ) rc = count_closed(db, out, office_id, "SOP 04/LPSE/2012", from, to, 1);
      if( rc==OK ) rc = count_closed(db, out, office_id, "SOP 05/LPSE/2012", from, to, 2);
      if( rc==OK ) rc = count_access(db, out, office_id, from, to, 3);
      break;
    case RECAP_TRAINING:
      out->ncols = 4;
      out->cols[0] = N_("Trainings"); out->cols[1] = N_("Finished");
      out->cols[2] = N_("Participants"); out->cols[3] = N_("Attended");
      rc = count_trainings(db, out, office_id, from, to);
      break;
    case RECAP_ESCALATED:
      out->ncols = 3;
      out->cols[0] = N_("Escalated"); out->cols[1] = N_("Finished"); out->cols[2] = N_("Median turnaround");
      out->duration_col = 2;
      rc = count_escalated(db, out, office_id, from, to, a);
      break;
    case RECAP_RATINGS:
      out->ncols = 6;
      out->cols[0] = N_("Ratings"); out->cols[1] = N_("Score 5"); out->cols[2] = N_("Score 4");
      out->cols[3] = N_("Score 3"); out->cols[4] = N_("Score 2"); out->cols[5] = N_("Score 1");
      rc = count_ratings(db, out, office_id, from, to);
      break;
    default:
      return ERR_INVALID;
  }
  if( rc!=OK ) return rc;
  for(int c=0; c<out->ncols; c++){
    if( c==out->duration_col ) continue;
    for(int b=0; b<out->nrows; b++) out->total[c] += out->rows[b].v[c];
  }
  return OK;
}
