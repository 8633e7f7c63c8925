/*
** owner.c — which service of desk/ drives a case's steps itself: an account request's case
** (acreq.c), a provider's verification case (verify.c) and a training's case (training.c) keep
** their own state with each step, so the general step form of the engine (case_complete_step_by)
** must leave those steps to them; and a case an external escalation holds (escalate.c) waits for
** its answer; a bidding-room visit's step 5 (call the provider to the trainer) waits for its trainer,
** its step 10 (escalate to LKPP) for its escalation; a help-desk question's step 5 (answer through
** the FAQ) for the answers of the parties it was handed over to.
** Registered with case_step_owner_add() at start.
*/
#include "desk.h"
#include "../sop/case.h"
#include "helpdesk.h"

/* What an EXISTS query q about case_id (?1) answers: 1 or 0, -1 when the database fails. */
static int owner_exists(Stmt *q, int64_t case_id){
  if( q==0 ) return -1;
  db_bind_int64(q, 1, case_id);
  int rc = db_step(q)==DB_ROW ? db_col_int(q, 0)!=0 : -1;
  db_reset(q);
  return rc;
}

/* Where the steps of case c are done when a service drives them (a msgid), else NULL; for no 0,
** why such a case is not reopened (case.h); the field it names in *field when not "no". */
const char *desk_step_owner(Db *db, const Case *c, int no, const char **field){
  /* every step of such a case: the services move their cases step by step */
  Stmt *q = db_prepare(db, "SELECT EXISTS(SELECT 1 FROM account_request WHERE case_id=?1),"
                           " EXISTS(SELECT 1 FROM verification WHERE case_id=?1),"
                           " EXISTS(SELECT 1 FROM escalation WHERE case_id=?1 AND status='open' AND paused=1),"
                           " EXISTS(SELECT 1 FROM training WHERE case_id=?1)");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, c->id);
  const char *where = 0;
  int row = db_step(q)==DB_ROW;
  if( row && no==0 ){
    /* a cancelled request's case may be: the request reads its own state again (api.md) */
    if( db_col_int(q, 0) && util_str_eq(c->status, "closed") ){
      where = N_("This case follows its account request, which is done: it is not reopened; enter a new request");
    }
    else if( db_col_int(q, 1) ) where = N_("This case follows its provider verification: it is not reopened; enter a new verification");
    else if( db_col_int(q, 3) ) where = N_("This case follows its training: it is not reopened; plan a new training");
  }else if( row ){
    if( db_col_int(q, 0) ) where = N_("This step is done through the account request (its page, or /api/v1/account-requests)");
    else if( db_col_int(q, 1) ) where = N_("This step is done through the provider's verification (its page, or /api/v1/verifications)");
    /* a training's steps follow the training: approved, prepared, held, reported (BTG-005) */
    else if( db_col_int(q, 3) ) where = N_("This step is done through the training (its page, or /api/v1/trainings)");
    /* its clock stands still for the national helpdesk: going on would drop the hold */
    else if( db_col_int(q, 2) ) where = N_("The case waits for the national helpdesk's answer (an escalation holds its clock): record the answer first");
  }
  db_reset(q);
  /* a bidding-room visit's step 5 calls the provider to the trainer: done once the visit has one
  ** (a BTG-006 case opened outside the room has no visit, so no trainer to name: not held); its
  ** step 10 is the escalation to LKPP's helpdesk: done once it is recorded */
  if( where==0 && util_str_eq(c->sop_code, BIDDING_SOP) ){
    if( no==5 && owner_exists(db_prepare(db, "SELECT EXISTS(SELECT 1 FROM bidding_visit WHERE case_id=?1 AND coalesce(trainer,'')='')"), c->id)==1 ){
      where = N_("Name the trainer who assists first (the visit's \"Trainer\" form in the bidding room): this step calls the provider to them");
      if( field ) *field = "trainer";
    }else if( no==10 && owner_exists(db_prepare(db, "SELECT EXISTS(SELECT 1 FROM escalation WHERE case_id=?1)"), c->id)==0 ){
      where = N_("Escalate the problem to LKPP first (the case's \"Escalate to LKPP\" form): this step records that it was escalated");
    }
  }
  /* a question handed over to ULP or SKPD (step 4) is answered through the FAQ with their answer:
  ** step 5 waits until each hand-over has its answer recorded (an answer given by phone is recorded
  ** on the hand-over as well) */
  if( where==0 && no==5 && util_str_eq(c->sop_code, HELPDESK_SOP)
   && owner_exists(db_prepare(db, "SELECT EXISTS(SELECT 1 FROM case_handover WHERE case_id=?1 AND answered_at IS NULL)"), c->id)==1 ){
    where = N_("The question waits for the answer of the party it was handed over to: record their answer on the hand-over first");
    if( field ) *field = "handovers";
  }
  return where;
}
