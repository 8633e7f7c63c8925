/*
** dueshift.c — due times that move when an office's calendar changes.
**
** A due time is computed when its step starts and stored (the overdue list is an index
** range). When the calendar changes afterwards — a cuti bersama decreed in the middle of
** the year, a local day off, new weekly hours — the office time still owed on each open
** clock is laid again on the new calendar: what the old calendar counted between `ref` and
** the stored due time is added to `ref` on the new one, ref being the later of the clock's
** start and the first instant the change touches (the holiday's local midnight; now, for
** weekly hours, which have no date). A clock due before ref is left as it was. A deadline
** counted back from an event (working days before a training) is computed again whole.
** Real-time standards and deadlines after an event do not depend on the calendar.
**
** Held clocks (a file back with the requester) count from the start of the hold at the
** latest: the office time owed then is what the resume adds the held time to.
** What moves: open steps' due times (and their next notice time: a warning or breach
** already sent stays sent, never twice), their tasks' deadlines, and open cases' response
** and resolution targets; the layers above move their own (calendar_hook_add).
*/
#include "case.h"
#include "watch.h"
#include <stdlib.h>
#include <string.h>

/* One open step read before any is changed (an UPDATE of due_at moves rows of the index
** the reading walks). */
typedef struct Open {
  int64_t id, case_id, procedure_id, started_at, due_at, held_since;
  int no, warned, breached;
  const char *task_due;
} Open;

typedef struct OpenList { Open *v; int n, cap; } OpenList;

/* The office time owed between ref and due on the old calendar, laid from ref on the new
** one; due itself when the clock ran out before ref or there is none. */
static int64_t shift_office(const Calendar *was, const Calendar *cal, int64_t ref, int64_t due){
  if( due<=0 || due==CAL_NEVER || due<=ref ) return due;
  int64_t owed = calendar_office_between(was, ref, due);
  int64_t at = calendar_add_office(cal, ref, owed);
  return at==CAL_NEVER ? due : at;
}

/* Where the clock of a step started at start (held since held, 0: running) is laid again from. */
static int64_t shift_ref(int64_t start, int64_t held, int64_t from){
  int64_t ref = from;
  if( held && held<ref ) ref = held;
  return ref>start ? ref : start;
}

/* The due time under standard st of a clock started at start and due at due: a deadline
** counted from an event computed again whole; an office clock laid again, unless events_only. */
static int64_t shift_std(const Calendar *was, const Calendar *cal, const Standard *st, int64_t start,
                         int64_t held, int64_t due, const CalEvent *ev, int nev, int64_t from, int events_only){
  if( STD_IS_OFFICE(st) ) return events_only ? due : shift_office(was, cal, shift_ref(start, held, from), due);
  if( STD_FROM_EVENT(st) ){
    int64_t d = 0;
    if( calendar_due(cal, st, start, ev, nev, 0, 0, &d)!=OK || d==CAL_NEVER ) return due;
    return d;
  }
  return due;
}

/* By step id (qsort, bsearch). */
static int shift_cmp(const void *a, const void *b){
  int64_t x = ((const Open*)a)->id, y = ((const Open*)b)->id;
  return x<y ? -1 : x>y;
}

/* Append the open steps a bound query gives to l, but those among its first nsorted rows
** (sorted by id). */
static int shift_collect(Stmt *q, OpenList *l, int nsorted, Arena *a){
  if( q==0 ) return ERR_DB;
  int rc;
  while( (rc = db_step(q))==DB_ROW ){
    Open key = { .id = db_col_int64(q, 0) };
    if( nsorted>0 && bsearch(&key, l->v, (size_t)nsorted, sizeof *l->v, shift_cmp) ) continue;
    l->v = arena_grow(a, l->v, sizeof *l->v, l->n, &l->cap);
    Open *o = &l->v[l->n++];
    o->id = key.id;
    o->case_id = db_col_int64(q, 1);
    o->procedure_id = db_col_int64(q, 2);
    o->no = db_col_int(q, 3);
    o->started_at = db_col_int64(q, 4);
    o->due_at = db_col_int64(q, 5);
    o->held_since = db_col_int64(q, 6);
    o->task_due = arena_strdup(a, db_col_text(q, 7));
    o->warned = db_col_int(q, 8);
    o->breached = db_col_int(q, 9);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

#define SHIFT_COLS "SELECT s.id, s.case_id, k.procedure_id, s.no, s.started_at, coalesce(s.due_at,0)," \
  " coalesce(s.pause_started_at,0), s.task_due," \
  " EXISTS(SELECT 1 FROM notice_step m WHERE m.case_step_id=s.id AND m.kind='warning')," \
  " EXISTS(SELECT 1 FROM notice_step m WHERE m.case_step_id=s.id AND m.kind='breach')"

/* Move one open step's due time, its tasks' deadlines and its next notice (only those counted
** from an event when events_only); *moved when any moved. */
static int shift_step(Db *db, const Calendar *was, const Calendar *cal, const Open *o, int64_t from,
                      int events_only, int *moved, Arena *a){
  *moved = 0;
  const Procedure *p = case_procedure(db, o->procedure_id);
  const Step *s = p ? procedure_step(p, o->no) : 0;
  if( s==0 ) return OK;                     /* a step its revision no longer has: left alone */
  CalEvent ev[8];
  int nev = 0;
  int needs_events = STD_FROM_EVENT(&s->std);
  for(int i=0; i<s->ntasks; i++) if( STD_FROM_EVENT(&s->tasks[i].std) ) needs_events = 1;
  if( needs_events ) nev = case_event_list(db, o->case_id, ev, (int)COUNT(ev), a);
  int64_t due = o->due_at ? shift_std(was, cal, &s->std, o->started_at, o->held_since, o->due_at, ev, nev, from, events_only) : 0;
  /* the tasks' deadlines, "t1 t2 …" ("0" for none) */
  int64_t td[32];
  int nt = 0;
  for(const char *z = o->task_due; *z && nt<(int)COUNT(td); ){
    char *end;
    td[nt] = strtoll(z, &end, 10);
    if( end==z ) break;
    if( td[nt]>0 && nt<s->ntasks ){
      td[nt] = shift_std(was, cal, &s->tasks[nt].std, o->started_at, o->held_since, td[nt], ev, nev, from, events_only);
    }
    nt++;
    for(z = end; *z==' '; z++){}
  }
  Buf tasks = BUF_INIT;
  for(int i=0; i<nt; i++) buf_printf(&tasks, "%s%lld", i ? " " : "", (long long)td[i]);
  int changed = due!=o->due_at || strcmp(buf_str(&tasks), o->task_due)!=0;
  int rc = OK;
  if( changed ){
    /* the next notice: none while held (the resume sets it) or once the breach is sent; the
    ** breach after a warning already sent; else the warning on the new due time */
    int64_t notice = 0;
    if( !o->held_since && !o->breached && due>0 ){
      notice = o->warned ? due + 1 : watch_notice_at(cal, &s->std, o->started_at, due);
    }
    Stmt *q = db_prepare(db, "UPDATE case_step SET due_at=?2, notice_at=?3, task_due=?4 WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, o->id);
      if( due>0 ) db_bind_int64(q, 2, due); else db_bind_null(q, 2);
      if( notice>0 ) db_bind_int64(q, 3, notice); else db_bind_null(q, 3);
      db_bind_text(q, 4, buf_str(&tasks));
      rc = db_run(q);
    }
    *moved = rc==OK;
  }
  buf_free(&tasks);
  return rc;
}

/* One open case's targets read before any is changed. */
typedef struct OpenCase { int64_t id, opened_at, response_due, resolution_due, held_since; int answered; } OpenCase;

/* Move the response and resolution targets of the office's open cases; *n gets how many moved. */
static int shift_cases(Db *db, const Calendar *was, const Calendar *cal, int64_t office_id, int64_t from,
                       int *n, Arena *a){
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT k.id, k.opened_at, coalesce(k.response_due_at,0), coalesce(k.resolution_due_at,0),"
                           " k.responded_at IS NOT NULL,"
                           " coalesce((SELECT s.pause_started_at FROM case_step s WHERE s.case_id=k.id AND s.done_at IS NULL"
                           "  ORDER BY s.id DESC LIMIT 1),0)"
                           " FROM kasus k WHERE k.office_id=?1 AND k.status='open'"
                           " AND (k.resolution_due_at>?2 OR (k.responded_at IS NULL AND k.response_due_at>?2))");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  OpenCase *v = 0;
  int nv = 0, cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, nv, &cap);
    v[nv++] = (OpenCase){ db_col_int64(q, 0), db_col_int64(q, 1), db_col_int64(q, 2), db_col_int64(q, 3),
                          db_col_int64(q, 5), db_col_int(q, 4) };
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  for(int i=0; i<nv; i++){
    const OpenCase *c = &v[i];
    /* the first answer is not held; the resolution is, while the file is with the requester */
    int64_t response = c->answered ? c->response_due : shift_office(was, cal, shift_ref(c->opened_at, 0, from), c->response_due);
    int64_t resolution = shift_office(was, cal, shift_ref(c->opened_at, c->held_since, from), c->resolution_due);
    if( response==c->response_due && resolution==c->resolution_due ) continue;
    q = db_prepare(db, "UPDATE kasus SET response_due_at=?2, resolution_due_at=?3 WHERE id=?1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, c->id);
    if( response>0 ) db_bind_int64(q, 2, response); else db_bind_null(q, 2);
    if( resolution>0 ) db_bind_int64(q, 3, resolution); else db_bind_null(q, 3);
    if( (rc = db_run(q))!=OK ) return rc;
    (*n)++;
  }
  return OK;
}

/* Move what an office's calendar change moves (see the top of this file): was is the
** calendar before the change, cal after it, from the first instant it touches. Inside the
** caller's transaction; counts into *m. */
int dueshift_office(Db *db, int64_t office_id, const Calendar *was, const Calendar *cal, int64_t from,
                    CalMoved *m){
  memset(m, 0, sizeof *m);
  Arena a;
  arena_init(&a);
  OpenList l = { 0, 0, 0 };
  /* the clocks still running after from (the partial index case_step_due), and every open
  ** step of a case with events: a deadline before an event may lie before from */
  Stmt *q = db_prepare(db, SHIFT_COLS " FROM case_step s JOIN kasus k ON k.id=s.case_id"
                                      " WHERE s.office_id=?1 AND s.done_at IS NULL AND s.due_at>?2");
  if( q ){ db_bind_int64(q, 1, office_id); db_bind_int64(q, 2, from); }
  int rc = shift_collect(q, &l, 0, &a);
  if( rc==OK ){
    if( l.n>1 ) qsort(l.v, (size_t)l.n, sizeof *l.v, shift_cmp);
    q = db_prepare(db, SHIFT_COLS " FROM kasus k JOIN case_step s ON s.case_id=k.id AND s.done_at IS NULL"
                                  " WHERE k.id IN (SELECT case_id FROM case_event) AND k.office_id=?1");
    if( q ) db_bind_int64(q, 1, office_id);
    rc = shift_collect(q, &l, l.n, &a);
  }
  for(int i=0; rc==OK && i<l.n; i++){
    int moved;
    rc = shift_step(db, was, cal, &l.v[i], from, 0, &moved, &a);
    m->steps += moved;
  }
  if( rc==OK ) rc = shift_cases(db, was, cal, office_id, from, &m->cases, &a);
  arena_free(&a);
  return rc;
}

/* After a case's events moved (a training put on other days): its open steps' deadlines
** counted from an event, their tasks' and their next notices computed again on cal. Inside
** the caller's transaction; *moved gets how many steps moved. */
int dueshift_case(Db *db, int64_t case_id, const Calendar *cal, int *moved){
  *moved = 0;
  Arena a;
  arena_init(&a);
  OpenList l = { 0, 0, 0 };
  Stmt *q = db_prepare(db, SHIFT_COLS " FROM kasus k JOIN case_step s ON s.case_id=k.id AND s.done_at IS NULL"
                                      " WHERE k.id=?1");
  if( q ) db_bind_int64(q, 1, case_id);
  int rc = shift_collect(q, &l, 0, &a);
  for(int i=0; rc==OK && i<l.n; i++){
    int m;
    rc = shift_step(db, cal, cal, &l.v[i], time_now(), 1, &m, &a);
    *moved += m;
  }
  arena_free(&a);
  return rc;
}
