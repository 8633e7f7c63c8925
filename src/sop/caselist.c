/*
** caselist.c — lists of cases: by status, procedure and text (newest first,
** keyset paging by id), overdue (an index range scan on case_step_due, soonest
** due first), and "Tugas saya" (open steps whose actor or assignee is the caller, or
** whose assignee the caller stands in for today: absence.h).
*/
#include "case.h"
#include "role.h"
#include "absence.h"
#include "../db/search.h"
#include "../core/ident.h"
#include <limits.h>
#include <string.h>

/* Fill one row from a statement whose columns are those of the list queries. */
static void row_fill(Db *db, Stmt *q, CaseRow *w, int held_col, Arena *a){
  memset(w, 0, sizeof *w);
  w->id = db_col_int64(q, 0);
  w->number = arena_strdup(a, db_col_text(q, 1));
  w->sop_code = arena_strdup(a, db_col_text(q, 2));
  w->subject = arena_strdup(a, db_col_text(q, 3));
  w->status = arena_strdup(a, db_col_text(q, 4));
  w->priority = arena_strdup(a, db_col_text(q, 5));
  w->requester_name = arena_strdup(a, db_col_text(q, 6));
  w->opened_at = db_col_int64(q, 7);
  w->current_step = db_col_null(q, 8) ? 0 : db_col_int(q, 8);
  w->due_at = db_col_null(q, 9) ? 0 : db_col_int64(q, 9);
  w->held = db_col_int(q, held_col);
  w->step_id = held_col==14 ? db_col_int64(q, 15) : 0;   /* the lists by due time (CASE_SQL_MINE_, CASE_SQL_OVERDUE) */
  int64_t procedure_id = db_col_int64(q, 10);
  w->procedure_id = procedure_id;
  w->step_title = w->step_title_en = w->step_actor = 0;
  if( w->current_step ){
    const Procedure *p = case_procedure(db, procedure_id);
    const Step *s = p ? procedure_step(p, w->current_step) : 0;
    if( s ){
      w->step_title = s->text;
      w->step_title_en = s->text_en;
      w->step_actor = s->actors.n ? s->actors.v[0] : 0;
    }
  }
}

/* 1 when an open step (number no of procedure p, assigned to arole/auser, "" for none, in a
** case opened by opened_by) is the caller's: assigned to the username or to one of the role
** names, or, assigned to no one, a step the procedure gives one of those roles. A step the
** requester takes (giving information, completing a file), or a requester's role such as the
** Pokja's (OI-06 steps 1 and 7), is followed by the officer who opened the case: no user holds
** the requester's role, the holders of the others do not work in the office's pages, and
** someone must see that it waits. */
int case_step_is_mine(const Procedure *p, int no, const char *arole, const char *auser, const char *opened_by,
                      const char *const *roles, int nroles, const char *username){
  int me = username && *username;
  if( me && strcmp(auser, username)==0 ) return 1;
  for(int i=0; i<nroles; i++) if( strcmp(arole, roles[i])==0 ) return 1;
  /* assigned to a requester's role alone (the Pokja's turn): still the opener's to follow */
  if( *arole && !*auser && role_is_requester(role_index(arole)) ) return me && strcmp(opened_by, username)==0;
  if( *arole || *auser ) return 0;          /* assigned to someone else */
  const Step *s = p ? procedure_step(p, no) : 0;
  for(int k=0; s && k<s->actors.n; k++){
    int theirs = strcmp(s->actors.v[k], "requester")==0 || role_is_requester(role_index(s->actors.v[k]));
    if( me && theirs && strcmp(opened_by, username)==0 ) return 1;
    for(int i=0; i<nroles; i++) if( strcmp(s->actors.v[k], roles[i])==0 ) return 1;
  }
  return 0;
}

/* 1 when the open step of a case is the caller's (case_step_is_mine), the caller given as
** the role bits it holds (role.h) and its username, or assigned to one they stand in for today. */
int case_open_step_is_mine(Db *db, const Case *c, unsigned roles, const char *username){
  const CaseStep *s = 0;
  for(int i=0; i<c->nsteps; i++) if( c->steps[i].done_at==0 && c->steps[i].no==c->current_step ) s = &c->steps[i];
  if( s==0 || !util_str_eq(c->status, "open") ) return 0;
  const char *names[ROLE_COUNT];
  int n = role_names_of(roles, names);
  return case_step_is_mine(case_procedure(db, c->procedure_id), s->no, s->assigned_role ? s->assigned_role : "",
                           s->assigned_user ? s->assigned_user : "", c->opened_by ? c->opened_by : "", names, n, username)
      || absence_replaces(db, c->office_id, username, s->assigned_user, time_now());   /* assigned to one they stand in for today */
}

/* 1 when a row's open step is overdue at now: past its due time, its clock not held. */
int case_row_overdue(const CaseRow *w, int64_t now){
  return !w->held && w->due_at>0 && w->due_at<now;
}

/* The one of the absences v (n of them) whose user a step is assigned to (auser), or NULL. */
static const Absence *covered_of(const Absence *v, int n, const char *auser){
  for(int i=0; *auser && i<n; i++) if( strcmp(v[i].username, auser)==0 ) return &v[i];
  return 0;
}

/* The rows of q (bound) that the filter keeps, added to *rows (*n so far, capacity *cap) until
** limit: with a caller given (f's roles or username) only the caller's steps, and those assigned
** to whom they stand in for today (cover, ncover: their absences). */
static void list_rows(Db *db, Stmt *q, const CaseFilter *f, int mine, const Absence *cover, int ncover, int limit,
                      CaseRow **rows, int *n, int *cap, Arena *a){
  int counting = f->total!=0;
  while( (*n<limit || counting) && db_step(q)==DB_ROW ){
    const Absence *instead = 0;
    if( mine && !case_step_is_mine(case_procedure(db, db_col_int64(q, 10)), db_col_int(q, 8), db_col_text(q, 11), db_col_text(q, 12),
                             db_col_text(q, 13), f->roles, f->nroles, f->username)
     && (instead = covered_of(cover, ncover, db_col_text(q, 12)))==0 ){
      continue;
    }
    if( counting ){
      int64_t due = db_col_null(q, 9) ? 0 : db_col_int64(q, 9);
      int held = db_col_int(q, f->overdue || mine ? 14 : 11);
      int skip = (*f->total)++ < f->offset;
      if( f->from ){   /* a page starting at a step: the rows before it in the list's order */
        int undue = db_col_null(q, 9);
        int64_t sid = db_col_int64(q, 15);
        skip = undue!=f->from_undue ? undue<f->from_undue : due!=f->from_due ? due<f->from_due : sid<f->from_step;
        if( skip && f->skipped ) (*f->skipped)++;
      }
      if( f->total_overdue && !held && due>0 && due<(f->now ? f->now : time_now()) ) (*f->total_overdue)++;   /* case_row_overdue */
      if( skip || *n>=limit ) continue;
    }
    *rows = arena_grow(a, *rows, sizeof **rows, *n, cap);
    CaseRow *w = &(*rows)[(*n)++];
    row_fill(db, q, w, f->overdue || mine ? 14 : 11, a);
    if( instead ){
      w->for_user = instead->username;
      w->for_name = *instead->full_name ? instead->full_name : instead->username;
      w->for_kind = instead->kind;
      w->for_until = instead->to;
    }
  }
  db_reset(q);
}

/* The cases a search reads before the index (case_list_window_set). */
static int list_window = CASE_LIST_WINDOW;

/* Set how many of the newest cases a search reads before the index (n>=1). */
void case_list_window_set(int n){
  list_window = n<1 ? 1 : n;
}

/* The cases matching a filter into *rows (in a), at most f->limit. */
int case_list(Db *db, const CaseFilter *f, CaseRow **rows, int *n, Arena *a){
  int limit = f->limit<1 ? 50 : f->limit>501 ? 501 : f->limit;   /* 500 and one more: is there a next page */
  const char *status = f->status ? f->status : "";
  const char *sop = "";
  if( f->sop && *f->sop ){
    const Procedure *p = sop_library_find(f->sop);
    sop = p ? p->code : f->sop;
  }
  const char *fq = db_search_text(a, f->q);   /* "pt  uji" finds "PT Uji" */
  const char *ff = db_fold(a, fq);             /* "CV Mitra-Karya" finds "CV. Mitra Karya" (CASE_SQL_TEXT) */
  const char *like = fq && *fq ? db_like(a, ff, DB_LIKE_WITHIN, 0) : "";
  int mine = f->nroles>0 || (f->username && *f->username);
  int64_t before = f->before_id>0 ? f->before_id : INT64_MAX;
  /* the plain list with a q the search index serves (case.h CASE_SQL_LIST_FTS): the newest
  ** list_window cases below before read as without it, those from edge down by the index;
  ** edge 0: the window holds the whole list. The overdue list and "Tugas saya" read few rows. */
  const char *match = "";
  int64_t upto = INT64_MAX;
  int how = f->overdue || mine ? SEARCH_SCAN : search_text_how(db, SEARCH_CASES, ff, a, &match, &upto);
  /* a q written as a number the directory keeps ("19800101 200501 1 001", "0812-3456-7890",
  ** "01.234.567.8-901.000"): the cases of its person or organisation, however written, and (below
  ** the window too: CASE_SQL_LIST_PARTY_) those whose text holds q, as the scan finds them */
  char nip[40] = "-", phone[32] = "-", npwp[20] = "-";
  if( fq && *fq ){
    Err ie;
    if( ident_nip_text(fq, nip, sizeof nip)!=OK || (!util_is_digits(nip, 16) && !util_is_digits(nip, 18)) ) strcpy(nip, "-");
    if( ident_phone(fq, phone, sizeof phone, 0, &ie)!=OK ) strcpy(phone, "-");
    if( ident_npwp16(fq, npwp, 0)!=OK ) strcpy(npwp, "-");
  }
  int by_party = strcmp(nip, "-") || strcmp(phone, "-") || strcmp(npwp, "-");
  int64_t edge = 0;
  if( how!=SEARCH_SCAN ){
    Stmt *w = *status ? db_prepare(db, CASE_SQL_WINDOW_STATUS) : db_prepare(db, CASE_SQL_WINDOW);
    if( w==0 ) return ERR_DB;
    db_bind_int64(w, 1, f->office_id);
    db_bind_text(w, 2, status);
    db_bind_int64(w, 3, before);
    db_bind_int(w, 4, list_window);
    int rc = db_step(w);
    if( rc==DB_ROW ) edge = db_col_int64(w, 0);
    db_reset(w);
    if( rc!=DB_ROW && rc!=DB_DONE ) return ERR_DB;
    if( edge>upto ) edge = upto;   /* cases the index does not hold yet (SQLite: opened in the last seconds) by the scan */
  }
  /* mine: the steps with a due time, then those without (two statements, see CASE_SQL_MINE_);
  ** the plain list with an edge: the window, then the index */
  int parts = (mine && !f->overdue) || edge>0 ? 2 : 1;
  int cap = 0, ncover = 0;
  CaseRow *v = 0;
  Absence *cover = 0;
  *n = 0;
  /* read before the lists: one statement steps at a time, on any engine */
  if( f->total ){ *f->total = 0; if( f->total_overdue ) *f->total_overdue = 0; }
  if( f->skipped ) *f->skipped = 0;
  if( mine && absence_covered(db, f->office_id, f->username, f->now ? f->now : time_now(), &cover, &ncover, a)!=OK ) return ERR_DB;
  for(int i=0; i<parts && (*n<limit || f->total); i++){
    int by_index = edge>0 && i==1;
    Stmt *q = f->overdue ? db_prepare(db, CASE_SQL_OVERDUE)
            : mine ? (i==0 ? db_prepare(db, CASE_SQL_MINE_DUE) : db_prepare(db, CASE_SQL_MINE_UNDUE))
            : by_index && by_party && how==SEARCH_FTS ? (*status ? db_prepare(db, CASE_SQL_LIST_PARTY_FTS_STATUS) : db_prepare(db, CASE_SQL_LIST_PARTY_FTS))
            : by_index && by_party ? (*status ? db_prepare(db, CASE_SQL_LIST_PARTY_TRGM_STATUS) : db_prepare(db, CASE_SQL_LIST_PARTY_TRGM))
            : by_index && how==SEARCH_FTS ? (*status ? db_prepare(db, CASE_SQL_LIST_FTS_STATUS) : db_prepare(db, CASE_SQL_LIST_FTS))
            : by_index ? (*status ? db_prepare(db, CASE_SQL_LIST_TRGM_STATUS) : db_prepare(db, CASE_SQL_LIST_TRGM))
            : *status ? db_prepare(db, CASE_SQL_LIST_STATUS) : db_prepare(db, CASE_SQL_LIST);
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, f->office_id);
    db_bind_text(q, 2, status);
    db_bind_text(q, 3, sop);
    db_bind_text(q, 4, like);
    db_bind_text(q, 9, nip);
    db_bind_text(q, 10, phone);
    db_bind_text(q, 11, npwp);
    if( f->overdue ){
      db_bind_int64(q, 5, f->now ? f->now : time_now());
      /* with mine the caller's steps are picked out below: the rows read are not capped, the rows kept are */
      db_bind_int(q, 6, mine || f->total ? INT_MAX : limit);
    }else if( !mine ){
      db_bind_int64(q, 5, by_index ? edge+1 : before);
      db_bind_int(q, 6, limit);
      db_bind_int64(q, 7, by_index ? 0 : edge);
      if( by_index && how==SEARCH_FTS ) db_bind_text(q, 8, match);
    }
    list_rows(db, q, f, mine, cover, ncover, limit, &v, n, &cap, a);
  }
  *rows = v;
  return OK;
}
