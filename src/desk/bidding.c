/*
** bidding.c — the bidding room (SOP-LPSE.BTG-006): a provider reports in through the
** guest book, the visit walks the procedure's branches (training attended? qualification
** data uploaded? encryption and upload done?), a trainer assists, problems are handled or
** escalated, and the visit ends when the provider reports out (the guest book's exit time).
** The board shows who is in, with which trainer, since when.
*/
#include "helpdesk.h"
#include "../sop/absence.h"
#include <stdio.h>
#include <string.h>

/* The case a provider's report-in opens: a BTG-006 case of the office, the provider its requester. */
static void bidding_case_new(const BiddingNew *in, int64_t office_id, CaseNew *cn){
  memset(cn, 0, sizeof *cn);
  cn->office_id = office_id;
  cn->sop = BIDDING_SOP;
  cn->channel = "walk_in";
  cn->subject = "Pendampingan upload di Bidding Room";
  cn->requester.name = in->name;
  cn->requester.org_name = util_blank(in->organisation) ? 0 : in->organisation;
  cn->requester.phone = util_blank(in->phone) ? 0 : in->phone;
  cn->requester.email = util_blank(in->email) ? 0 : in->email;
  cn->requester.npwp = util_blank(in->npwp) ? 0 : in->npwp;
}

/* Check a provider's report-in, nothing read or written: every field wrong is added to e, as
** the form names it; ERR_CONFLICT (field sop) when the only thing wrong is that BTG-006 is retired. */
int bidding_open_check(const BiddingNew *in, Err *e){
  Err all = {0}, ce = {0};
  if( util_blank(in->name) ) err_add(&all, "name", N_("This field is required"));
  int own_wrong = all.msg!=0;
  CaseNew cn;
  bidding_case_new(in, 0, &cn);
  int crc = case_check(&cn, &ce);
  if( crc!=OK ){ helpdesk_own_fields(&ce); err_merge(&all, &ce); }
  err_merge(e, &all);
  return all.msg==0 ? OK : crc==ERR_CONFLICT && !own_wrong ? ERR_CONFLICT : ERR_INVALID;
}

/* A provider reports in: the guest-book entry, the case, its first two steps done. */
int bidding_open(Db *db, const Actor *who, const char *tz, const BiddingNew *in, Case **out, Err *e){
  *out = 0;
  Err all = {0};   /* every field wrong named at once, as the form names it */
  int rc = bidding_open_check(in, &all);
  if( rc!=OK ){ if( e ) *e = all; return rc; }
  const Register *g = register_at(REG_GUEST_BOOK);
  RegInput gi;
  memset(&gi, 0, sizeof gi);
  for(int i=0; i<g->nfields; i++){
    const char *f = g->fields[i].name;
    if( !strcmp(f, "name") ) gi.v[i] = in->name;
    if( !strcmp(f, "organisation") ) gi.v[i] = in->organisation;
    if( !strcmp(f, "phone") ) gi.v[i] = in->phone;
    if( !strcmp(f, "purpose") ) gi.v[i] = "Pendampingan upload di Bidding Room";
  }
  CaseNew cn;
  bidding_case_new(in, who->office_id, &cn);
  int64_t guest = 0, now = time_now();
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = case_open(db, who, &cn, out, e);
  if( rc==ERR_INVALID ) helpdesk_own_fields(e);
  if( rc==OK ){
    for(int i=0; i<g->nfields; i++) if( !strcmp(g->fields[i].name, "case_number") ) gi.v[i] = (*out)->number;
    rc = register_add(db, who, g, tz, &gi, &guest, e);
  }
  if( rc==OK ) rc = case_complete_step(db, who, *out, 1, "done", 0, e);
  if( rc==OK ){
    char no[32];
    snprintf(no, sizeof no, "%lld", (long long)guest);
    rc = case_complete_step(db, who, *out, 2, "done", case_note_key(&(*out)->arena, N_("Guest book #%s"), no, NULL), e);
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "INSERT INTO bidding_visit(office_id, case_id, guest_id, provider, organisation, arrived_at)"
                             " VALUES(?1,?2,?3,?4,?5,?6)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, who->office_id);
      db_bind_int64(q, 2, (*out)->id);
      db_bind_int64(q, 3, guest);
      db_bind_text(q, 4, in->name);
      db_bind_text(q, 5, util_blank(in->organisation) ? 0 : in->organisation);
      db_bind_int64(q, 6, now);
      rc = db_run(q);
    }
  }
  if( rc==OK ) rc = audit_write(db, who, "bidding.in", (*out)->number, in->name);
  rc = db_tx_end(db, own, rc);
  if( rc!=OK ){ case_free(*out); *out = 0; }
  return rc;
}

/* Read case c again as stored now (inside the caller's write transaction): OK when it is a
** bidding-room visit the provider has not left, else ERR_CONFLICT naming case. */
static int bidding_in_room(Db *db, Case *c, Err *e){
  int rc = case_refresh(db, c);
  Stmt *v = rc==OK ? db_prepare(db, "SELECT 1 FROM bidding_visit WHERE case_id=?1 AND left_at IS NULL") : 0;
  if( rc!=OK ) return rc;
  if( v==0 ) return ERR_DB;
  db_bind_int64(v, 1, c->id);
  int s = db_step(v);
  db_reset(v);
  if( s==DB_DONE ){ ERR_SET(e, "case", N_("This visit has ended or is not a bidding-room visit")); return ERR_CONFLICT; }
  return s==DB_ROW ? OK : ERR_DB;
}

/* The trainer who assists the provider: an active user of the office holding the trainer role
** (the SOP's Trainer, who takes the decisions of steps 6 and 8); the trainer's steps are
** assigned to them. */
int bidding_trainer(Db *db, const Actor *who, Case *c, const char *trainer, const char *lang, Arena *a, Err *e){
  User u;
  if( util_blank(trainer) || user_by_name(db, trainer, &u)!=OK || !user_in_office(db, u.id, c->office_id) ){
    ERR_SET(e, "trainer", N_("No user of this office has this username"));
    return ERR_INVALID;
  }
  /* the trainer's steps are assigned to them: someone who may work on cases */
  unsigned roles = user_roles(db, u.id, c->office_id);
  if( u.disabled || !perm_allows(roles, "case.work") ){
    ERR_SET(e, "trainer", N_("This user cannot work on cases"));
    return ERR_INVALID;
  }
  /* the one the picker lists: a trainer (a help desk's or administrator's account is not one) */
  if( !(roles & (1u<<ROLE_TRAINER)) ){
    ERR_SET(e, "trainer", N_("This user is not a trainer of this office: the trainer who assists holds the trainer role"));
    return ERR_INVALID;
  }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = bidding_in_room(db, c, e);
  Stmt *q = rc==OK ? db_prepare(db, "UPDATE bidding_visit SET trainer=?2, trainer_at=?3 WHERE case_id=?1") : 0;
  if( rc==OK && q==0 ) rc = ERR_DB;
  else if( rc==OK ){
    db_bind_int64(q, 1, c->id);
    db_bind_text(q, 2, trainer);
    db_bind_int64(q, 3, time_now());
    rc = db_run(q);
  }
  /* the open step is given to the trainer when they may take it: a help desk's question (steps 3
  ** and 4, asked before the trainer is called) stays where it is, the trainer's come to them */
  const Procedure *p = rc==OK ? case_procedure(db, c->procedure_id) : 0;
  const Step *open = p && c->current_step ? procedure_step(p, c->current_step) : 0;
  if( rc==OK && strcmp(c->status, "open")==0 && c->current_step && case_decision_roles(open, roles)==0 ){
    rc = case_assign_if(db, who, c, 0, 0, trainer, 0, 0, 0, 0, lang, a, e);
    /* the open step's user is the trainer: what case_assign says of its username, said of the trainer */
    if( rc==ERR_INVALID && e && util_str_eq(e->field, "username") ) e->field = "trainer";
  }
  if( rc==OK ) rc = audit_write(db, who, "bidding.trainer", c->number, trainer);
  return db_tx_end(db, own, rc);
}

/* Complete a step of the visit, as the general step form does (a decision by a role its step
** names); when the case ends the provider is reported out (bidding_on_close). */
int bidding_step(Db *db, const Actor *who, unsigned roles, Case *c, int no, const char *outcome,
                 const char *note, Err *e){
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  /* the room's steps are a visit's: another case's steps are completed on its own page */
  rc = bidding_in_room(db, c, e);
  if( rc==OK ) rc = case_complete_step_by(db, who, roles, c, no, outcome, note, 0, 0, e, 0);
  /* the trainer stays with the visit: the next step is theirs too */
  if( rc==OK && strcmp(c->status, "open")==0 ){
    Stmt *q = db_prepare(db, "SELECT coalesce(trainer,'') FROM bidding_visit WHERE case_id=?1");
    char trainer[64] = "";
    if( q ){
      db_bind_int64(q, 1, c->id);
      if( db_step(q)==DB_ROW ) snprintf(trainer, sizeof trainer, "%s", db_col_text(q, 0));
      db_reset(q);
    }
    /* a trainer away today whose stand-in may not take the step: it stays in the trainers' queue */
    const Procedure *p = case_procedure(db, c->procedure_id);
    if( trainer[0] && (c->current_step==6 || c->current_step==7 || c->current_step==8 || c->current_step==11)
     && absence_step_check(db, c->office_id, trainer, p ? procedure_step(p, c->current_step) : 0, time_now(), 0, 0, 0, 0)==OK ){
      rc = case_assign(db, who, c, 0, 0, trainer, e);
    }
  }
  return db_tx_end(db, own, rc);
}

/* A case closed or cancelled (case_close_hook_add): when it is a bidding-room visit still in
** the room, the provider is reported out — the visit's end and the guest book's departure —
** whichever way the case ended (this room's step 13, the general step form, a cancel). */
int bidding_on_close(Db *db, const Actor *who, const Case *c, Err *e){
  int64_t guest = 0;
  Stmt *q = db_prepare(db, "UPDATE bidding_visit SET left_at=?2 WHERE case_id=?1 AND left_at IS NULL RETURNING guest_id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  db_bind_int64(q, 2, time_now());
  int found = db_step(q)==DB_ROW;
  if( found ) guest = db_col_int64(q, 0);
  db_reset(q);
  if( !found ) return OK;   /* not a visit, or it was reported out already */
  int rc = OK;
  if( guest ){
    Office o;
    char today[11];
    register_today(today, time_now(), office_get(db, c->office_id, &o)==OK ? o.tz : "WIB");
    rc = register_act(db, who, register_at(REG_GUEST_BOOK), guest, today, e);
    if( rc==ERR_CONFLICT ) rc = OK;   /* the departure was recorded by hand */
  }
  if( rc==OK ) rc = audit_write(db, who, "bidding.out", c->number, "");
  return rc;
}

/* The columns of a visit with its case's state. */
#define BID_COLS \
  "v.id, v.arrived_at, coalesce(v.left_at,0), coalesce(v.trainer_at,0), k.number, v.provider, coalesce(v.organisation,'')," \
  " coalesce(v.trainer,''), k.status," \
  " coalesce((SELECT s.no FROM case_step s WHERE s.case_id=k.id AND s.done_at IS NULL ORDER BY s.id DESC LIMIT 1),0)," \
  " k.procedure_id FROM bidding_visit v JOIN kasus k ON k.id=v.case_id"

/* One visit from a row of BID_COLS. */
static void bid_row(Db *db, Stmt *q, int64_t procedure_id, BiddingVisit *v, Arena *a){
  v->id = db_col_int64(q, 0);
  v->arrived_at = db_col_int64(q, 1);
  v->left_at = db_col_int64(q, 2);
  v->trainer_at = db_col_int64(q, 3);
  v->case_number = arena_strdup(a, db_col_text(q, 4));
  v->provider = arena_strdup(a, db_col_text(q, 5));
  v->organisation = arena_strdup(a, db_col_text(q, 6));
  v->trainer = arena_strdup(a, db_col_text(q, 7));
  v->status = arena_strdup(a, db_col_text(q, 8));
  v->current_step = db_col_int(q, 9);
  const Procedure *p = procedure_id ? case_procedure(db, procedure_id) : sop_library_find(BIDDING_SOP);
  const Step *s = p && v->current_step ? procedure_step(p, v->current_step) : 0;
  v->step_title = s ? s->text : "";
  v->step_title_en = s ? s->text_en : 0;
}

/* Who is in the room now, longest first. */
int bidding_board(Db *db, int64_t office_id, BiddingVisit **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT " BID_COLS " WHERE v.office_id=?1 AND v.left_at IS NULL AND k.status='open'"
                           " ORDER BY v.arrived_at, v.id LIMIT 200");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  BiddingVisit *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    bid_row(db, q, db_col_int64(q, 10), &v[(*n)++], a);
  }
  db_reset(q);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}

/* The visit of a case; ERR_NOTFOUND when the case is not a bidding-room visit. */
int bidding_get(Db *db, const Case *c, BiddingVisit *out, Arena *a){
  Stmt *q = db_prepare(db, "SELECT " BID_COLS " WHERE v.case_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  int rc = db_step(q);
  if( rc==DB_ROW ) bid_row(db, q, c->procedure_id, out, a);
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}
