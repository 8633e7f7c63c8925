/*
** escalate.c — escalation to the national helpdesk (LKPP) from any case, with the fields
** LKPP's ticket system asks for. When the national desk is an office of this deployment
** (the setting national_office), a linked case opens there and each side sees the other's
** steps and clocks; otherwise the number of LKPP's ticket is recorded and the case's clock
** stands still until the answer is entered. The requester is told by e-mail either way.
*/
#include "helpdesk.h"
#include "../sop/attach.h"
#include "../mail/mail.h"
#include "portal.h"   /* portal_track_url */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const escalation_kinds[] = { "permasalahan", "usulan", "permintaan_layanan", 0 };

/* The columns of an escalation row. */
#define ESC_COLS \
  "x.id, x.office_id, x.case_id, coalesce(x.national_office_id,0), x.created_at, coalesce(x.answered_at,0)," \
  " o.code, k.number, coalesce(no.code,''), coalesce(nk.number,''), x.title, x.application, coalesce(x.error_code,'')," \
  " coalesce(x.tender_code,''), x.kind, x.description, x.attachments, x.mode, coalesce(x.external_ticket,''), x.status," \
  " coalesce(x.answer,''), coalesce(x.answered_by,''), x.created_by, x.paused" \
  " FROM escalation x JOIN office o ON o.id=x.office_id JOIN kasus k ON k.id=x.case_id" \
  " LEFT JOIN office no ON no.id=x.national_office_id LEFT JOIN kasus nk ON nk.id=x.national_case_id"

/* One escalation from a row of ESC_COLS. */
static void esc_row(Stmt *q, Escalation *x, Arena *a){
  memset(x, 0, sizeof *x);
  x->id = db_col_int64(q, 0);
  x->office_id = db_col_int64(q, 1);
  x->case_id = db_col_int64(q, 2);
  x->national_office_id = db_col_int64(q, 3);
  x->created_at = db_col_int64(q, 4);
  x->answered_at = db_col_int64(q, 5);
  const char **s[] = { &x->office_code, &x->case_number, &x->national_office_code, &x->national_case_number,
                       &x->title, &x->application, &x->error_code, &x->tender_code, &x->kind, &x->description,
                       &x->attachments, &x->mode, &x->external_ticket, &x->status, &x->answer, &x->answered_by,
                       &x->created_by };
  for(size_t i=0; i<COUNT(s); i++) *s[i] = arena_strdup(a, db_col_text(q, 6+(int)i));
  x->paused = db_col_int(q, 23);
  x->notified = -1;   /* not stored: known only to the call that wrote the mail */
}

/* Every row a bound statement of ESC_COLS gives, into *rows (*n of them). */
static int esc_rows(Stmt *q, Escalation **rows, int *n, Arena *a){
  Escalation *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    esc_row(q, &v[(*n)++], a);
  }
  db_reset(q);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}

/* One escalation by id. */
int escalation_get(Db *db, int64_t id, Escalation *out, Arena *a){
  Stmt *q = db_prepare(db, "SELECT " ESC_COLS " WHERE x.id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  int rc = db_step(q);
  if( rc==DB_ROW ) esc_row(q, out, a);
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* The escalations of a case, from it or to it. */
int escalation_list(Db *db, const Case *c, Escalation **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT " ESC_COLS " WHERE x.case_id=?1 OR x.national_case_id=?1 ORDER BY x.id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  return esc_rows(q, rows, n, a);
}

/* The escalations of an office still waiting for LKPP's answer, oldest first (at most limit, 1..500). */
int escalation_waiting(Db *db, int64_t office_id, int limit, Escalation **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT " ESC_COLS " WHERE x.office_id=?1 AND x.status='open' ORDER BY x.created_at, x.id LIMIT ?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int(q, 2, limit>0 && limit<=500 ? limit : 500);
  return esc_rows(q, rows, n, a);
}

/* The case on the other side of an escalation, seen from office_id. */
int escalation_other_case(Db *db, const Escalation *x, int64_t office_id, Case **out){
  *out = 0;
  if( office_id==x->office_id ){
    if( util_blank(x->national_case_number) ) return ERR_NOTFOUND;
    return case_get(db, x->national_office_id, x->national_case_number, out);
  }
  return case_get(db, x->office_id, x->case_number, out);
}

/* The requester's e-mail address and name of a case ("" when none), and the language of their
** mail: the portal's as they used it for a ticket, else the office's default (what staff entered). */
static void esc_requester(Db *db, int64_t case_id, char *email, size_t ne, char *name, size_t nn, const char **lang){
  email[0] = name[0] = 0;
  *lang = mail_lang(0);
  Stmt *q = db_prepare(db, "SELECT coalesce(p.email,''), k.requester_name, coalesce(t.lang,'') FROM kasus k"
                           " LEFT JOIN party p ON p.id=k.person_id LEFT JOIN portal_ticket t ON t.case_id=k.id"
                           " WHERE k.id=?1");
  if( q==0 ) return;
  db_bind_int64(q, 1, case_id);
  if( db_step(q)==DB_ROW ){
    snprintf(email, ne, "%s", db_col_text(q, 0));
    snprintf(name, nn, "%s", db_col_text(q, 1));
    *lang = mail_lang(db_col_text(q, 2));
  }
  db_reset(q);
}

/* Tell the requester of a case by e-mail (template name); *sent 1 when a mail was queued. */
static int esc_tell(Db *db, const Actor *who, int64_t office_id, int64_t case_id, const char *tmpl,
                    const char *const *extra, int *sent, Arena *a, Err *e){
  char email[256], name[256];
  *sent = 0;
  const char *lang;
  esc_requester(db, case_id, email, sizeof email, name, sizeof name, &lang);
  if( email[0]==0 ) return OK;
  Office o;
  if( office_get(db, office_id, &o)!=OK ) return ERR_DB;
  const char *vars[20];
  int k = 0;
  vars[k++] = "name"; vars[k++] = name;
  vars[k++] = "office"; vars[k++] = o.name;
  /* the tracking page, the number filled in (a case the desk opened has its ticket made there) */
  for(int i=0; extra[i]; i += 2) if( strcmp(extra[i], "number")==0 ){ vars[k++] = "track"; vars[k++] = portal_track_url(db, 0, office_id, extra[i+1], a); }
  for(int i=0; extra[i] && k<18; i++) vars[k++] = extra[i];
  vars[k] = 0;
  Buf subj = BUF_INIT, body = BUF_INIT;
  char err[160];
  int rc = mail_render_lang(tmpl, lang, vars, &subj, &body, err, sizeof err);
  if( rc!=OK ) log_error("mail %s: %s", tmpl, err);
  if( rc==OK ) rc = mail_queue(db, who, office_id, email, buf_str(&subj), buf_str(&body), 0, e);
  buf_free(&subj);
  buf_free(&body);
  if( rc==OK ) *sent = 1;
  return rc;
}

/* 1 when an open escalation of the case (other than except) holds its clock. */
static int esc_holding(Db *db, int64_t case_id, int64_t except){
  Stmt *q = db_prepare(db, "SELECT 1 FROM escalation WHERE case_id=?1 AND id<>?2 AND status='open' AND paused=1 LIMIT 1");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, case_id);
  db_bind_int64(q, 2, except);
  int held = db_step(q)==DB_ROW;
  db_reset(q);
  return held;
}

/* A case reopened (case_reopen_hook_add): while one of its escalations still waits for LKPP
** with the clock held, the step that starts again is held too, as the escalation held it. */
int escalation_on_reopen(Db *db, const Actor *who, Case *c, Err *e){
  if( !esc_holding(db, c->id, 0) || case_paused(db, c) ) return OK;
  return case_hold(db, who, c, "waiting for LKPP's answer (an escalation still open)", e);   /* the audit row's words: English */
}

/* 1 when the national office named in loket.conf is another office of this deployment (*nat). */
static int esc_internal(Db *db, const char *national_office, const Case *c, Office *nat){
  return !util_blank(national_office) && office_by_code(db, national_office, nat)==OK && nat->id!=c->office_id;
}

/* Check an escalation's fields against its case (its attachments) and the deployment (LKPP's
** ticket when the national office is not here), nothing written: every one wrong is added to e. */
int escalation_check(Db *db, const char *national_office, const Case *c, const EscalationNew *in, Arena *a, Err *e){
  Err all = {0};
  err_check_text(&all, "title", in->title, 200, TEXT_REQUIRED);
  err_check_text(&all, "application", in->application, 100, TEXT_REQUIRED);
  err_check_text(&all, "error_code", in->error_code, 100, 0);
  Err te = {0};
  if( !util_blank(in->tender_code) && ident_spse_code(in->tender_code, "tender_code", &te)!=OK ) err_merge(&all, &te);
  if( !util_in_list(escalation_kinds, in->kind) ) err_add(&all, "type", N_("must be permasalahan, usulan or permintaan_layanan"));
  err_check_text(&all, "description", in->description, 4000, TEXT_REQUIRED|TEXT_LINES);
  Office nat;
  if( err_check_text(&all, "external_ticket", in->external_ticket, 100, 0)==OK && !esc_internal(db, national_office, c, &nat)
   && util_blank(in->external_ticket) ){
    err_add(&all, "external_ticket", N_("Give the number of LKPP's ticket (there is no national office in this deployment)"));
  }
  if( in->nattachments<0 || in->nattachments>20 ) err_add(&all, "attachments", N_("At most 20 files"));
  else for(int i=0; i<in->nattachments; i++){
    Attachment at;
    if( attach_get(db, c, in->attachments[i], &at, 0, a)!=OK ) err_add(&all, "attachments", N_("No attachment of this case has this id"));
  }
  err_merge(e, &all);
  return all.msg ? ERR_INVALID : OK;
}

/* 1 when an escalation of the case still waits for the answer to this LKPP ticket (capitals and outer spaces aside). */
static int esc_waiting_ticket(Db *db, const Case *c, const char *ticket){
  if( util_blank(ticket) ) return 0;
  Stmt *q = db_prepare(db, "SELECT 1 FROM escalation WHERE case_id=?1 AND status='open'"
                           " AND lower(trim(external_ticket))=lower(trim(CAST(?2 AS TEXT)))");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, c->id);
  db_bind_text(q, 2, ticket);
  int found = db_step(q)==DB_ROW;
  db_reset(q);
  return found;
}

/* Escalate a case: a linked case at the national office, or an external ticket with the clock paused. */
int escalation_create(Db *db, const Actor *who, const char *national_office, Case *c, const EscalationNew *in,
                      Escalation *out, Arena *a, Err *e){
  if( strcmp(c->status, "open") ){ ERR_SET(e, "status", N_("Only an open case is escalated: reopen it first")); return ERR_CONFLICT; }
  Err all = {0};   /* every field wrong named at once */
  if( escalation_check(db, national_office, c, in, a, &all) ){ if( e ) *e = all; return ERR_INVALID; }
  Office nat;
  int internal = esc_internal(db, national_office, c, &nat);
  Buf ids = BUF_INIT;
  for(int i=0; i<in->nattachments; i++) buf_printf(&ids, "%s%lld", i ? " " : "", (long long)in->attachments[i]);
  Office mine;
  if( office_get(db, c->office_id, &mine)!=OK ){ buf_free(&ids); return ERR_DB; }
  int64_t now = time_now(), id = 0;
  Case *nc = 0;
  int paused = 0, sent = 0;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ){ buf_free(&ids); return rc; }
  /* as stored now: another may have closed the case, or sent the same form, meanwhile */
  rc = case_still_open(db, c, N_("Only an open case is escalated: reopen it first"), e);
  if( rc==OK && !internal && esc_waiting_ticket(db, c, in->external_ticket) ){   /* a form sent twice, not a second question */
    ERR_SET(e, "external_ticket", N_("This case already waits for the answer to this LKPP ticket"));
    rc = ERR_CONFLICT;
  }
  if( rc==OK && internal ){
    Actor na = *who;
    na.office_id = nat.id;
    CaseNew cn;
    memset(&cn, 0, sizeof cn);
    cn.office_id = nat.id;
    cn.sop = HELPDESK_SOP;
    cn.channel = "email";
    cn.subject = in->title;
    cn.urgency = c->urgency;
    cn.impact = c->impact;
    cn.requester.name = who->username;
    cn.requester.org_name = mine.name;
    rc = case_open(db, &na, &cn, &nc, e);
    if( rc==OK ) rc = case_complete_step(db, &na, nc, 1, "done",
                                         case_note_key(a, N_("Escalated from %s, case %s: %s"), mine.name, c->number, in->description, NULL), e);
    for(int i=0; rc==OK && i<in->nattachments; i++){
      Attachment at, copy;
      Buf data = BUF_INIT;
      rc = attach_get(db, c, in->attachments[i], &at, &data, a);
      if( rc==OK ) rc = attach_add(db, &na, nc, at.name, data.z ? data.z : "", data.n, (size_t)-1, &copy, a, e);
      buf_free(&data);
    }
  }else if( rc==OK && c->current_step && !util_str_eq(c->sop_code, "SOP-LPSE.BTG-006") ){
    /* the case waits for LKPP with its clock stopped; a bidding-room visit does not wait: its
    ** SOP ends the assistance once escalated (step 10) and calls the provider back later.
    ** Held already for another escalation: this one shares the hold (the clock runs again when
    ** the last is answered); held for another reason (the requester's turn): not ours */
    if( !case_paused(db, c) ){
      rc = case_hold(db, who, c, arena_printf(a, "waiting for LKPP's answer, ticket %s", in->external_ticket), e);
      paused = rc==OK;
    }else{
      paused = esc_holding(db, c->id, 0);
    }
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "INSERT INTO escalation(office_id, case_id, title, application, error_code, tender_code, kind,"
                             " description, attachments, mode, national_office_id, national_case_id, external_ticket, status,"
                             " paused, created_at, created_by) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,'open',?14,?15,?16)"
                             " RETURNING id");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, c->office_id);
      db_bind_int64(q, 2, c->id);
      db_bind_text(q, 3, in->title);
      db_bind_text(q, 4, in->application);
      db_bind_text(q, 5, util_blank(in->error_code) ? 0 : in->error_code);
      db_bind_text(q, 6, util_blank(in->tender_code) ? 0 : in->tender_code);
      db_bind_text(q, 7, in->kind);
      db_bind_text(q, 8, in->description);
      db_bind_text(q, 9, buf_str(&ids));
      db_bind_text(q, 10, internal ? "internal" : "external");
      if( internal ) db_bind_int64(q, 11, nat.id); else db_bind_null(q, 11);
      if( nc ) db_bind_int64(q, 12, nc->id); else db_bind_null(q, 12);
      db_bind_text(q, 13, util_blank(in->external_ticket) ? 0 : in->external_ticket);
      db_bind_int(q, 14, paused);
      db_bind_int64(q, 15, now);
      db_bind_text(q, 16, who->username);
      rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
      if( rc==OK ) id = db_col_int64(q, 0);
      db_reset(q);
    }
  }
  if( rc==OK ){
    const char *where = internal ? arena_printf(a, "%s, nomor kasus %s", nat.name, nc->number)
                                 : arena_printf(a, "Helpdesk LKPP, nomor tiket %s", in->external_ticket);
    const char *where_en = internal ? arena_printf(a, "%s, case number %s", nat.name, nc->number)
                                    : arena_printf(a, "LKPP Helpdesk, ticket number %s", in->external_ticket);
    const char *extra[] = { "number", c->number, "subject", c->subject, "where", where, "where.en", where_en, "title", in->title, 0 };
    rc = esc_tell(db, who, c->office_id, c->id, "escalation", extra, &sent, a, e);
  }
  if( rc==OK ){
    rc = audit_write(db, who, "case.escalate", c->number,
                     arena_printf(a, "escalation %lld %s %s; %s", (long long)id, internal ? "internal" : "external",
                                  internal ? nc->number : in->external_ticket, in->title));
  }
  rc = db_tx_end(db, own, rc);
  buf_free(&ids);
  case_free(nc);
  if( rc!=OK ) return rc;
  rc = escalation_get(db, id, out, a);
  out->notified = sent;
  if( rc==OK ){
    Case *fresh;
    if( case_get(db, c->office_id, c->number, &fresh)==OK ){ arena_free(&c->arena); *c = *fresh; free(fresh); }
  }
  return rc;
}

/* Enter LKPP's answer: the clock runs again, the requester is told. */
int escalation_answer(Db *db, const Actor *who, int64_t id, const char *answer, Escalation *out, Arena *a, Err *e){
  int rc = err_check_text(e, "answer", answer, 4000, TEXT_REQUIRED|TEXT_LINES);
  if( rc!=OK ) return rc;
  Escalation x;
  rc = escalation_get(db, id, &x, a);
  if( rc!=OK ) return rc;
  if( who->office_id!=x.office_id && who->office_id!=x.national_office_id ) return ERR_NOTFOUND;
  if( strcmp(x.status, "open") ){ ERR_SET(e, "status", N_("This escalation is already answered")); return ERR_CONFLICT; }
  Case *c = 0;
  int sent = 0;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "UPDATE escalation SET status='answered', answer=?2, answered_at=?3, answered_by=?4, paused=0"
                           " WHERE id=?1 AND status='open'");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, id);
    db_bind_text(q, 2, answer);
    db_bind_int64(q, 3, time_now());
    db_bind_text(q, 4, who->username);
    rc = db_run(q);
    if( rc==OK && db_changes(db)!=1 ){ ERR_SET(e, "status", N_("This escalation is already answered")); rc = ERR_CONFLICT; }
  }
  Actor mine = *who;
  mine.office_id = x.office_id;
  if( rc==OK ) rc = case_get(db, x.office_id, x.case_number, &c);
  if( rc==OK && x.paused && case_paused(db, c) && !esc_holding(db, c->id, id) ) rc = case_resume(db, &mine, c, e);
  if( rc==OK && strcmp(c->status, "archived") ){
    Note nt;
    rc = note_add(db, &mine, c, 0, case_note_key(a, N_("LKPP's answer: %s"), answer, NULL), &nt, a, e);
  }
  if( rc==OK ){
    const char *extra[] = { "number", c->number, "subject", c->subject, "answer", answer, 0 };
    rc = esc_tell(db, &mine, x.office_id, c->id, "escalation-answer", extra, &sent, a, e);
  }
  if( rc==OK ){
    char detail[64];
    snprintf(detail, sizeof detail, "escalation %lld answered", (long long)id);
    rc = audit_write(db, who, "case.escalation_answer", x.case_number, detail);
  }
  rc = db_tx_end(db, own, rc);
  case_free(c);
  if( rc!=OK ) return rc;
  rc = escalation_get(db, id, out, a);
  out->notified = sent;
  return rc;
}

/* The last word of a closed case: the latest note of a step after the first (which carries the
** escalation itself) or of the case's notes; "" when there is none. */
static const char *esc_last_word(Db *db, int64_t case_id, Arena *a){
  Stmt *q = db_prepare(db, "SELECT body FROM (SELECT note AS body, done_at AS t, id AS k, 1 AS src FROM case_step"
                           "  WHERE case_id=?1 AND no>1 AND done_at IS NOT NULL AND note IS NOT NULL AND note<>''"
                           " UNION ALL SELECT body, created_at AS t, id AS k, 0 AS src FROM case_note WHERE case_id=?1) w"
                           " ORDER BY t DESC, src DESC, k DESC LIMIT 1");
  if( q==0 ) return "";
  db_bind_int64(q, 1, case_id);
  const char *z = db_step(q)==DB_ROW ? arena_strdup(a, db_col_text(q, 0)) : "";
  db_reset(q);
  return z;
}

/* A case closed or cancelled: answer the open internal escalations that opened it, with its
** last word or the reason it was cancelled. */
int escalation_on_close(Db *db, const Actor *who, const Case *c, Err *e){
  Stmt *q = db_prepare(db, "SELECT id FROM escalation WHERE national_case_id=?1 AND mode='internal' AND status='open' ORDER BY id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  int64_t ids[16];
  int n = 0, st;
  while( (st = db_step(q))==DB_ROW ) if( n < (int)COUNT(ids) ) ids[n++] = db_col_int64(q, 0);
  db_reset(q);
  if( st!=DB_DONE ) return ERR_DB;
  if( n==0 ) return OK;
  Arena a;
  arena_init(&a);
  const char *word;
  if( strcmp(c->status, "cancelled")==0 ) word = arena_printf(&a, "Kasus %s dibatalkan: %s", c->number, c->cancel_reason ? c->cancel_reason : "");
  else{
    word = esc_last_word(db, c->id, &a);
    if( *word==0 ) word = arena_printf(&a, "Kasus %s telah diselesaikan.", c->number);
  }
  if( util_utf8_len(word) > 3900 ) word = util_utf8_prefix(word, 3900, &a);   /* the answer's limit is 4000 characters */
  int rc = OK;
  for(int i=0; i<n && rc==OK; i++){
    Escalation x;
    rc = escalation_answer(db, who, ids[i], word, &x, &a, e);
  }
  arena_free(&a);
  return rc;
}

/* The escalation as JSON, with the other side's case and its clocks. */
void escalation_json(Buf *b, Db *db, const Escalation *x, int64_t office_id, const char *lang){
  buf_printf(b, "{\"id\":%lld,\"office\":%J,\"case\":%J,\"title\":%J,\"application\":%J,\"error_code\":%J,"
                "\"tender_code\":%J,\"type\":%J,\"description\":%J,\"attachments\":[",
             (long long)x->id, x->office_code, x->case_number, x->title, x->application,
             x->error_code[0] ? x->error_code : 0, x->tender_code[0] ? x->tender_code : 0, x->kind, x->description);
  const char *p = x->attachments;
  for(int k=0; p && *p; k++){
    char *end;
    long long v = strtoll(p, &end, 10);
    if( end==p ) break;
    buf_printf(b, "%R%lld", k ? "," : "", v);
    p = end;
  }
  buf_printf(b, "],\"mode\":%J,\"national_office\":%J,\"national_case\":%J,\"external_ticket\":%J,\"status\":%J,"
                "\"paused\":%R,\"answer\":%J,\"answered_by\":%J,\"created_by\":%J,%R\"created_at\":",
             x->mode, x->national_office_code[0] ? x->national_office_code : 0,
             x->national_case_number[0] ? x->national_case_number : 0,
             x->external_ticket[0] ? x->external_ticket : 0, x->status, x->paused ? "true" : "false",
             x->answer[0] ? x->answer : 0, x->answered_by[0] ? x->answered_by : 0, x->created_by,
             x->notified<0 ? "" : x->notified ? "\"notified\":true," : "\"notified\":false,");
  time_json(b, x->created_at);
  buf_puts(b, ",\"answered_at\":");
  time_json(b, x->answered_at);
  buf_puts(b, ",\"linked_case\":");
  Case *o = 0;
  if( escalation_other_case(db, x, office_id, &o)==OK ){
    Office of;
    office_get(db, o->office_id, &of);
    buf_printf(b, "{\"office\":%J,\"case\":", of.code);
    case_json(b, o, lang);
    buf_putc(b, '}');
    case_free(o);
  }else buf_puts(b, "null");
  buf_putc(b, '}');
}
