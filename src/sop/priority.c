/*
** priority.c — the priority table of each office as data: loading (with the
** defaults of case.c for rows not stored), the defaults stored for a new
** office, the checks, and replacing the table in one audited transaction.
*/
#include "priority.h"
#include "case.h"
#include <stdio.h>
#include <string.h>

const char *const priority_urgencies[] = { "mendesak", "tidak_mendesak", 0 };
const char *const priority_impacts[] = { "kecil", "sedang", "besar", 0 };

/* 1 when z is one of the NULL-terminated list. */
static int prio_in(const char *const *list, const char *z){
  for(int i=0; z && list[i]; i++) if( strcmp(list[i], z)==0 ) return 1;
  return 0;
}

/* The defaults (from the constants of case.c). */
void priority_table_default(PrioTable *t){
  memset(t, 0, sizeof *t);
  for(int u=0; u<2; u++) for(int i=0; i<3; i++){
    PrioRule *r = &t->rules[u*3+i];
    r->urgency = priority_urgencies[u];
    r->impact = priority_impacts[i];
    snprintf(r->priority, sizeof r->priority, "%s", case_priority(r->urgency, r->impact));
  }
  for(int p=0; p<3; p++){
    PrioTarget *g = &t->targets[p];
    snprintf(g->priority, sizeof g->priority, "%s", case_priorities[p]);
    case_target_default(g->priority, &g->response_s, &g->resolution_days);
  }
}

/* The rule for urgency × impact (NULL when either is unknown). */
PrioRule *priority_rule(PrioTable *t, const char *urgency, const char *impact){
  for(int i=0; i<6; i++)
    if( util_str_eq(t->rules[i].urgency, urgency) && util_str_eq(t->rules[i].impact, impact) ) return &t->rules[i];
  return 0;
}

/* The priority of urgency × impact; "rendah" when unknown. */
const char *priority_lookup(const PrioTable *t, const char *urgency, const char *impact){
  PrioRule *r = priority_rule((PrioTable*)t, urgency, impact);
  return r ? r->priority : "rendah";
}

/* The targets of a priority (NULL when unknown). */
PrioTarget *priority_target(PrioTable *t, const char *priority){
  for(int i=0; i<3; i++) if( util_str_eq(t->targets[i].priority, priority) ) return &t->targets[i];
  return 0;
}

/* The office's table; a row not stored falls back to its default. Kept between requests
** while cache_epoch holds (db/epoch.c). */
int priority_load(Db *db, int64_t office_id, PrioTable *t){
  Epoch ep;
  if( memo_find(db, "priority", office_id, t, sizeof *t, &ep) ) return OK;
  priority_table_default(t);
  Stmt *q = db_prepare(db, "SELECT urgency, impact, priority FROM priority_rule WHERE office_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  int rc;
  while( (rc = db_step(q))==DB_ROW ){
    PrioRule *r = priority_rule(t, db_col_text(q, 0), db_col_text(q, 1));
    if( r && prio_in(case_priorities, db_col_text(q, 2)) ) snprintf(r->priority, sizeof r->priority, "%s", db_col_text(q, 2));
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  q = db_prepare(db, "SELECT priority, response_office_seconds, resolution_workdays FROM priority_target WHERE office_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  while( (rc = db_step(q))==DB_ROW ){
    PrioTarget *g = priority_target(t, db_col_text(q, 0));
    if( g ){
      g->response_s = db_col_int64(q, 1);
      g->resolution_days = db_col_int(q, 2);
    }
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  memo_keep(&ep, "priority", office_id, t, sizeof *t);
  return OK;
}

/* Write the whole table for an office; or_ignore keeps rows already stored. */
static int prio_write(Db *db, int64_t office_id, const PrioTable *t, int or_ignore){
  for(int i=0; i<6; i++){
    Stmt *q;
    if( or_ignore ) q = db_prepare(db, "INSERT INTO priority_rule(office_id, urgency, impact, priority) VALUES(?1,?2,?3,?4)"
                                       " ON CONFLICT DO NOTHING");
    else q = db_prepare(db, "INSERT INTO priority_rule(office_id, urgency, impact, priority) VALUES(?1,?2,?3,?4)"
                            " ON CONFLICT(office_id, urgency, impact) DO UPDATE SET priority=excluded.priority");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, t->rules[i].urgency);
    db_bind_text(q, 3, t->rules[i].impact);
    db_bind_text(q, 4, t->rules[i].priority);
    int rc = db_run(q);
    if( rc!=OK ) return rc;
  }
  for(int i=0; i<3; i++){
    Stmt *q;
    if( or_ignore ) q = db_prepare(db, "INSERT INTO priority_target(office_id, priority, response_office_seconds,"
                                       " resolution_workdays) VALUES(?1,?2,?3,?4) ON CONFLICT DO NOTHING");
    else q = db_prepare(db, "INSERT INTO priority_target(office_id, priority, response_office_seconds, resolution_workdays)"
                            " VALUES(?1,?2,?3,?4) ON CONFLICT(office_id, priority) DO UPDATE SET"
                            " response_office_seconds=excluded.response_office_seconds, resolution_workdays=excluded.resolution_workdays");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, t->targets[i].priority);
    db_bind_int64(q, 3, t->targets[i].response_s);
    db_bind_int(q, 4, t->targets[i].resolution_days);
    int rc = db_run(q);
    if( rc!=OK ) return rc;
  }
  return OK;
}

/* The table as one line of text for the audit log. */
static void prio_text(const PrioTable *t, char *out, size_t n){
  size_t k = 0;
  out[0] = 0;
  for(int i=0; i<6 && k<n; i++)
    k += (size_t)snprintf(out+k, n-k, "%s%s×%s=%s", i ? " " : "", t->rules[i].urgency, t->rules[i].impact, t->rules[i].priority);
  for(int i=0; i<3 && k<n; i++)
    k += (size_t)snprintf(out+k, n-k, "; %s %llds/%dd", t->targets[i].priority, (long long)t->targets[i].response_s,
                          t->targets[i].resolution_days);
}

/* Store the defaults for an office where rows are missing; audited. */
int priority_defaults(Db *db, const Actor *who, int64_t office_id){
  PrioTable t;
  priority_table_default(&t);
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = prio_write(db, office_id, &t, 1);
  if( rc==OK ){
    char obj[64];
    Actor a = audit_actor_in(who, office_id);
    snprintf(obj, sizeof obj, "office:%lld", (long long)office_id);
    rc = audit_write(db, &a, "priority.defaults", obj, "priority table: defaults where missing");
  }
  return db_tx_end(db, own, rc);
}

/* Check a table; ERR_INVALID with e naming every field wrong. */
int priority_check(const PrioTable *t, Err *e){
  Err all = {0};   /* every wrong member at once (one message for each member's name) */
  for(int i=0; i<6; i++){
    const PrioRule *r = &t->rules[i];
    if( !prio_in(priority_urgencies, r->urgency) ) err_add(&all, "rules.urgency", N_("must be mendesak or tidak_mendesak"));
    if( !prio_in(priority_impacts, r->impact) ) err_add(&all, "rules.impact", N_("must be kecil, sedang or besar"));
    if( !prio_in(case_priorities, r->priority) ) err_add(&all, "rules.priority", N_("must be rendah, menengah or tinggi"));
  }
  for(int i=0; i<3; i++){
    Err te = {0};
    if( priority_check_target(&t->targets[i], &te)!=OK ) err_merge(&all, &te);
  }
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* Check one priority's targets (one row of the table); ERR_INVALID with e naming every field wrong. */
int priority_check_target(const PrioTarget *g, Err *e){
  Err all = {0};
  int resp_ok = g->response_s>=60 && g->response_s<=30*(int64_t)PRIORITY_WORKDAY_S;
  int days_ok = g->resolution_days>=1 && g->resolution_days<=365;
  if( !prio_in(case_priorities, g->priority) ) err_add(&all, "targets.priority", N_("must be rendah, menengah or tinggi"));
  if( !resp_ok ) err_add(&all, "targets.response_office_seconds", N_("must be between 60 seconds and 30 working days"));
  if( !days_ok ) err_add(&all, "targets.resolution_workdays", N_("must be between 1 and 365"));
  /* the two compared only when each is in its range: else its own error says it */
  if( resp_ok && days_ok && g->response_s > (int64_t)g->resolution_days*PRIORITY_WORKDAY_S ){
    err_add(&all, "targets.response_office_seconds", N_("must not be later than the resolution target"));
  }
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* The rows of t that differ from base (the table t was made from) laid onto table w. */
static void prio_changes(PrioTable *w, const PrioTable *base, const PrioTable *t){
  for(int i=0; i<6; i++) if( strcmp(t->rules[i].priority, base->rules[i].priority) ) w->rules[i] = t->rules[i];
  for(int i=0; i<3; i++){
    const PrioTarget *g = &t->targets[i], *b = &base->targets[i];
    if( g->response_s!=b->response_s || g->resolution_days!=b->resolution_days ) w->targets[i] = *g;
  }
}

/* Change the office's table: the rows of t that differ from base (the table as the caller read
** it, NULL: every row) are written onto the table as stored now, inside the write transaction,
** so that two administrators changing different rows at once both keep their change. Checked,
** all or nothing, audited; a table the same as stored writes nothing (*changed 0; may be NULL). */
int priority_set(Db *db, const Actor *who, int64_t office_id, const PrioTable *base, const PrioTable *t, int *changed, Err *e){
  if( changed ) *changed = 0;
  int rc = priority_check(t, e);
  if( rc!=OK ) return rc;
  PrioTable old, w;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = priority_load(db, office_id, &old);
  w = base ? old : *t;
  if( base ) prio_changes(&w, base, t);
  t = &w;
  char was[400] = "", now[400] = "";
  if( rc==OK ){ prio_text(&old, was, sizeof was); prio_text(t, now, sizeof now); }   /* old is read only when loaded */
  if( rc==OK && strcmp(was, now)==0 ) return db_tx_end(db, own, rc);   /* nothing to write, nothing audited */
  if( rc==OK ) rc = prio_write(db, office_id, t, 0);
  if( rc==OK ){
    char obj[64], detail[820];
    Actor a = audit_actor_in(who, office_id);
    snprintf(obj, sizeof obj, "office:%lld", (long long)office_id);
    snprintf(detail, sizeof detail, "%s -> %s", was, now);
    rc = audit_write(db, &a, "priority.set", obj, detail);
  }
  if( rc==OK && changed ) *changed = 1;
  return db_tx_end(db, own, rc);
}
