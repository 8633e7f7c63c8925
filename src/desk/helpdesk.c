/*
** helpdesk.c — questions at the counter and by e-mail (SOP 02/LPSE.OI/2012): a walk-in's
** case opened from their guest-book entry, an e-mailed question entered as a case with the
** message attached, and a case handed over to another party (ULP/UKPBJ, SKPD/OPD) with a
** disposition and a due time, their answer recorded.
*/
#include "helpdesk.h"
#include "../sop/attach.h"
#include "../sop/calendar.h"
#include "../mail/mail.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Open an OI-02 case and complete its first step (the question has come) with a note: both at
** in->at when it is given (a guest who arrived earlier), else now. */
static int hd_open(Db *db, const Actor *who, CaseNew *in, const char *note, Case **out, Err *e){
  in->office_id = who->office_id;
  in->sop = HELPDESK_SOP;
  int rc = case_open(db, who, in, out, e);
  if( rc==OK ) rc = case_complete_step_at(db, who, *out, 1, "done", note, in->at, e);
  return rc;
}

/* Call the requester.* fields a new case's check names as the desk's forms and requests do
** (name, organisation, phone, email, npwp). */
void helpdesk_own_fields(Err *e){
  static const char *const map[][2] = { { "requester.name", "name" }, { "requester.org_name", "organisation" },
    { "requester.phone", "phone" }, { "requester.email", "email" }, { "requester.npwp", "npwp" } };
  for(size_t i=0; i<COUNT(map); i++) err_rename(e, map[i][0], map[i][1]);
}

/* Open a walk-in's case from their guest-book entry. */
int helpdesk_walk_in(Db *db, const Actor *who, int64_t guest_id, const char *subject, const char *email,
                     Case **out, Err *e){
  *out = 0;
  Arena a;
  arena_init(&a);
  RegEntry g;
  int rc = register_get(db, register_at(REG_GUEST_BOOK), who->office_id, guest_id, "", &g, &a);
  if( rc==ERR_NOTFOUND ) ERR_SET(e, "guest_id", N_("No guest-book entry of this office has this id"));
  if( rc==OK && g.v[6][0] ){ ERR_SET(e, "guest_id", N_("This guest already has a case")); rc = ERR_CONFLICT; }
  if( rc!=OK ){ arena_free(&a); return rc; }
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.channel = "walk_in";
  /* the guest book keeps what was written; the case takes it without the spaces around it */
  in.subject = util_trim(arena_strdup(&a, !util_blank(subject) ? subject : g.v[4]));
  in.requester.name = util_trim(arena_strdup(&a, g.v[1]));
  in.requester.org_name = util_blank(g.v[2]) ? 0 : util_trim(arena_strdup(&a, g.v[2]));
  in.requester.phone = util_blank(g.v[3]) ? 0 : util_trim(arena_strdup(&a, g.v[3]));
  in.requester.email = email;
  /* the question came when the guest arrived: the help desk's 10 minutes run from then */
  if( g.t[0]>0 && g.t[0]<=time_now() ) in.at = g.t[0];
  int own;
  rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = hd_open(db, who, &in, case_note_key(&a, N_("Guest book #%s"), arena_printf(&a, "%lld", (long long)guest_id), NULL), out, e);
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE guest_book SET case_number=?3 WHERE id=?1 AND office_id=?2 AND case_number IS NULL");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, guest_id);
      db_bind_int64(q, 2, who->office_id);
      db_bind_text(q, 3, (*out)->number);
      rc = db_run(q);
      if( rc==OK && db_changes(db)!=1 ){ ERR_SET(e, "guest_id", N_("This guest already has a case")); rc = ERR_CONFLICT; }
    }
  }
  if( rc==OK ){
    char obj[48];
    snprintf(obj, sizeof obj, "guest_book:%lld", (long long)guest_id);
    rc = audit_write(db, who, "helpdesk.walk_in", obj, (*out)->number);
  }
  rc = db_tx_end(db, own, rc);
  arena_free(&a);
  if( rc!=OK ){ case_free(*out); *out = 0; }
  return rc;
}

/* Call the requester.* fields a new case's check names as the e-mail's request does (from_email,
** from_name), for its page and its API alike; gives rc. */
static int hd_mail_fields(Err *e, int rc){
  err_rename(e, "requester.email", "from_email");
  err_rename(e, "requester.name", "from_name");
  return rc;
}

/* A note on the case for each file left out of its message (see helpdesk.h). */
int helpdesk_mail_left_notes(Db *db, const Case *c, const MailLeftOut *left, int n, Arena *a, Err *e){
  Actor sys = { 0, "system", c->office_id, "" };   /* Loket left it out, not the sender nor the staff */
  int rc = OK;
  for(int i=0; rc==OK && i<n; i++){
    Note note;
    rc = note_add(db, &sys, c, 0, case_note_key(a, left[i].why, left[i].name, left[i].type, NULL), &note, a, e);
  }
  return rc;
}

/* Enter an e-mailed question as an OI-02 case with the message attached. */
int helpdesk_email(Db *db, const Actor *who, const HelpdeskMail *m, Case **out, Err *e){
  *out = 0;
  const char *msg = m->eml ? m->eml : m->text;
  size_t len = m->eml ? m->eml_len : (m->text ? strlen(m->text) : 0);
  if( msg==0 || len==0 ){
    ERR_SET(e, m->eml ? "message" : "text", N_("Give the message: its file (.eml) or its text"));
    /* the sender as given (there is no message to read one from) checked with it, as a case's
    ** requester: every field wrong named at once, requester.* as the caller names them */
    CaseNew cn;
    memset(&cn, 0, sizeof cn);
    cn.office_id = who->office_id;
    cn.sop = HELPDESK_SOP;
    cn.channel = "email";
    cn.subject = util_blank(m->subject) ? "(tanpa subjek)" : m->subject;
    cn.requester.email = util_blank(m->from_email) ? 0 : m->from_email;
    cn.requester.name = !util_blank(m->from_name) ? m->from_name : cn.requester.email ? cn.requester.email : "-";
    Err ce = {0};
    if( case_check(&cn, &ce)!=OK ) err_merge(e, &ce);
    if( cn.requester.email==0 ) err_add(e, "from_email", N_("This field is required"));
    return hd_mail_fields(e, ERR_INVALID);
  }
  char from[320], subj[1000], raw[1000], fname[320];
  mail_header(msg, len, "From", from, sizeof from);
  mail_header(msg, len, "Subject", raw, sizeof raw);
  mail_decode_words(raw, subj, sizeof subj);    /* "=?UTF-8?B?…?=": as mail programs write it */
  char haddr_buf[320], hraw[320];
  const char *hname = 0, *haddr = 0;
  if( ident_email_read(from, IDENT_ADDR_MAIL, haddr_buf, sizeof haddr_buf, hraw, sizeof hraw) && haddr_buf[0] ) haddr = haddr_buf;
  if( hraw[0] ){
    mail_decode_words(hraw, fname, sizeof fname);
    hname = util_blank(fname) ? 0 : util_trim(fname);   /* "From:   Budi S   <…>": Budi S */
  }
  Arena a;
  arena_init(&a);
  /* no Subject: the first line of the message's plain text, else a word that says so */
  if( util_blank(subj) && util_blank(m->subject) ){
    char ctype[200], cte[64];
    mail_header(msg, len, "Content-Type", ctype, sizeof ctype);
    mail_header(msg, len, "Content-Transfer-Encoding", cte, sizeof cte);
    size_t b0 = (from[0] || raw[0]) ? mail_body_at(msg, len) : 0;
    subj[0] = 0;
    if( strncasecmp(ctype, "multipart/", 10) && strcasecmp(cte, "base64") && b0<len ){
      const char *text = arena_strndup(&a, msg+b0, len-b0 < 2000 ? len-b0 : 2000);
      mail_decode_words(util_first_line(text, 400, &a), subj, sizeof subj);   /* well-formed, one line */
    }
    if( util_blank(subj) ) snprintf(subj, sizeof subj, "(tanpa subjek)");
  }
  /* a case's subject has at most 200 characters: a longer one is cut, marked with "…"; the spaces
  ** around it ("Subject:    Tanya   ") are none of it */
  snprintf(subj, sizeof subj, "%s", util_utf8_cut(util_trim(subj), 200, &a));
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.channel = "email";
  in.subject = !util_blank(m->subject) ? m->subject : subj[0] ? subj : 0;
  in.requester.email = !util_blank(m->from_email) ? m->from_email : haddr;
  /* no name given: the directory's person of that address (a provider known there), else one named by it */
  in.requester.name = !util_blank(m->from_name) ? m->from_name : hname ? hname : 0;
  in.contact_alone = 1;
  if( util_blank(in.requester.email) ){ ERR_SET(e, "from_email", N_("This field is required")); arena_free(&a); return ERR_INVALID; }
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = hd_open(db, who, &in, case_note_key(&a, N_("E-mail received"), NULL), out, e);   /* in the reader's language */
  if( rc==OK ){
    Attachment at;
    /* pasted text with its headers is a message (libmagic says message/rfc822): kept as .eml */
    const char *name = m->eml ? (m->eml_name && *m->eml_name ? m->eml_name : "pesan.eml")
                              : from[0] || raw[0] ? "pesan-email.eml" : "pesan-email.txt";
    /* a message (kept as .eml) as staff may open it in their mail program: no file in it that an
    ** upload would refuse; pasted text without headers is kept as .txt, opened as text */
    Buf safe = BUF_INIT;
    MailLeftOut *left = 0;
    int nleft = 0;
    if( m->eml || from[0] || raw[0] ) attach_mail_safe(msg, len, &safe, &left, &nleft, &a);
    rc = attach_add(db, who, *out, name, safe.z ? safe.z : msg, safe.z ? safe.n : len, m->limit, &at, &a, e);
    buf_free(&safe);
    if( rc!=OK && util_str_eq(e->field, "file") ) e->field = m->eml ? "message" : "text";   /* as the caller named it */
    if( rc==OK ) rc = helpdesk_mail_left_notes(db, *out, left, nleft, &a, e);
  }
  if( rc==OK ) rc = audit_write(db, who, "helpdesk.email", (*out)->number, in.requester.email);
  rc = db_tx_end(db, own, rc);
  arena_free(&a);
  if( rc!=OK ){ case_free(*out); *out = 0; }
  return hd_mail_fields(e, rc);
}

/* The kinds of party a case is handed over to; the index of one, -1 when it is not one. */
static const char *const handover_kinds[] = { "ulp", "skpd", "other", 0 };
static int handover_kind(const char *party_kind){
  for(int i=0; party_kind && handover_kinds[i]; i++) if( strcmp(handover_kinds[i], party_kind)==0 ) return i;
  return -1;
}

/* Check a hand-over's own fields, nothing read or written: every one wrong is added to e. */
int helpdesk_handover_check(const char *party_kind, const char *party_name, const char *instruction, int64_t due_at,
                            int due_days, Err *e){
  Err all = {0};
  if( handover_kind(party_kind)<0 ) err_add(&all, "party_kind", N_("must be ulp, skpd or other"));
  err_check_text(&all, "party_name", party_name, 200, TEXT_REQUIRED);
  err_check_text(&all, "instruction", instruction, 800, TEXT_LINES);
  if( due_at==0 && (due_days<1 || due_days>60) ) err_add(&all, "due_days", N_("Give the due time, or 1 to 60 working days"));
  else if( due_at!=0 && due_at<=time_now() ) err_add(&all, "due_at", N_("The due time must be in the future"));
  err_merge(e, &all);
  return all.msg ? ERR_INVALID : OK;
}

/* 1 when case c waits already for the answer of party_name of party_kind (capitals and outer
** spaces aside): the hand-over's form sent twice, not a second question. */
static int hd_waiting_party(Db *db, const Case *c, const char *party_kind, const char *party_name){
  Stmt *q = db_prepare(db, "SELECT 1 FROM case_handover WHERE case_id=?1 AND answered_at IS NULL AND party_kind=?2"
                           " AND lower(trim(party_name))=lower(trim(CAST(?3 AS TEXT)))");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, c->id);
  db_bind_text(q, 2, party_kind);
  db_bind_text(q, 3, party_name);
  int found = db_step(q)==DB_ROW;
  db_reset(q);
  return found;
}

/* Hand a case over to another party with a disposition and a due time. */
int helpdesk_handover(Db *db, const Actor *who, const char *tz, Case *c, const char *party_kind,
                      const char *party_name, const char *instruction, int64_t due_at, int due_days,
                      Handover *out, Arena *a, Err *e){
  static const char *const kind_names[] = { "ULP/UKPBJ", "SKPD/OPD", "" };
  int k = handover_kind(party_kind);
  if( strcmp(c->status, "open") ){ ERR_SET(e, "status", N_("The case is not open")); return ERR_CONFLICT; }
  Err all = {0};   /* every field wrong named at once */
  if( helpdesk_handover_check(party_kind, party_name, instruction, due_at, due_days, &all) ){ if( e ) *e = all; return ERR_INVALID; }
  int64_t now = time_now();
  if( due_at==0 ){
    Calendar *cal = calendar_load(db, c->office_id);
    if( cal==0 ) return ERR_DB;
    due_at = calendar_add_office(cal, now, (int64_t)due_days*(7*3600+1800));
    calendar_free(cal);
  }
  char due_iso[32];
  time_fmt_iso(due_iso, sizeof due_iso, due_at);
  const char *party = arena_printf(a, "%s%s%s", kind_names[k], kind_names[k][0] ? " " : "", party_name);
  const char *instr = arena_printf(a, "Serahkan kepada %s untuk dijawab%s%s", party,
                                   util_blank(instruction) ? "" : ": ", util_blank(instruction) ? "" : instruction);
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = case_still_open(db, c, 0, e);   /* as stored now: another may have closed it or moved it on meanwhile */
  if( rc==OK && hd_waiting_party(db, c, party_kind, party_name) ){
    ERR_SET(e, "party_name", N_("This case already waits for this party's answer"));
    rc = ERR_CONFLICT;
  }
  /* an OI-02 case at its decision: the helpdesk cannot answer directly, it goes to step 4 */
  if( rc==OK && strcmp(c->sop_code, HELPDESK_SOP)==0 && c->current_step==2 ) rc = case_complete_step(db, who, c, 2, "no", instr, e);
  int64_t disp = 0;
  if( rc==OK ){
    const Register *g = register_at(REG_DISPOSITION);
    RegInput in;
    memset(&in, 0, sizeof in);
    for(int i=0; i<g->nfields; i++){
      if( strcmp(g->fields[i].name, "case_number")==0 ) in.v[i] = c->number;
      if( strcmp(g->fields[i].name, "to_user")==0 ) in.v[i] = who->username;
      if( strcmp(g->fields[i].name, "instruction")==0 ) in.v[i] = instr;
      if( strcmp(g->fields[i].name, "due_at")==0 ) in.v[i] = due_iso;
    }
    rc = register_add(db, who, g, tz, &in, &disp, e);
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "INSERT INTO case_handover(office_id, case_id, party_kind, party_name, disposition_id,"
                             " due_at, created_at, created_by) VALUES(?1,?2,?3,?4,?5,?6,?7,?8) RETURNING id");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, c->office_id);
      db_bind_int64(q, 2, c->id);
      db_bind_text(q, 3, party_kind);
      db_bind_text(q, 4, party_name);
      db_bind_int64(q, 5, disp);
      db_bind_int64(q, 6, due_at);
      db_bind_int64(q, 7, now);
      db_bind_text(q, 8, who->username);
      rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
      if( rc==OK ) out->id = db_col_int64(q, 0);
      db_reset(q);
    }
  }
  /* step 4 is the handing over itself (its 5 minutes); step 5, answering through the FAQ, waits
  ** for the other party, whose time has no standard: its clock stands still until they answer */
  if( rc==OK && strcmp(c->sop_code, HELPDESK_SOP)==0 && c->current_step==4 ) rc = case_complete_step(db, who, c, 4, "done", instr, e);
  if( rc==OK && strcmp(c->sop_code, HELPDESK_SOP)==0 && c->current_step==5 && !case_paused(db, c) ){
    rc = case_hold(db, who, c, arena_printf(a, "waiting for the answer of %s", party), e);   /* the audit row's words: English */
  }
  if( rc==OK ) rc = audit_write(db, who, "helpdesk.handover", c->number, arena_printf(a, "to %s; due %s", party, due_iso));
  rc = db_tx_end(db, own, rc);
  if( rc!=OK ) return rc;
  out->due_at = due_at;
  out->party_kind = party_kind;
  out->party_name = party_name;
  out->disposition_id = disp;
  out->created_at = now;
  out->created_by = who->username;
  out->answer = out->answered_by = 0;
  out->answered_at = 0;
  return OK;
}

/* 1 when case c still waits for someone: a hand-over not answered, or an escalation holding it. */
static int hd_waiting(Db *db, const Case *c){
  Stmt *q = db_prepare(db, "SELECT EXISTS(SELECT 1 FROM case_handover WHERE case_id=?1 AND answered_at IS NULL)"
                           " OR EXISTS(SELECT 1 FROM escalation WHERE case_id=?1 AND status='open' AND paused=1)");
  if( q==0 ) return 1;
  db_bind_int64(q, 1, c->id);
  int waiting = db_step(q)==DB_ROW ? db_col_int(q, 0) : 1;
  db_reset(q);
  return waiting;
}

/* Why hand-over id of case c takes no answer (none unanswered): ERR_CONFLICT naming id when it
** was answered already (by another, it may be, a moment before), else ERR_NOTFOUND. */
static int hd_handover_unanswered(Db *db, const Case *c, int64_t id, Err *e){
  Stmt *q = db_prepare(db, "SELECT 1 FROM case_handover WHERE id=?1 AND case_id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, c->id);
  int s = db_step(q);
  db_reset(q);
  if( s==DB_ROW ){ ERR_SET(e, "id", N_("This hand-over is answered already")); return ERR_CONFLICT; }
  if( s!=DB_DONE ) return ERR_DB;
  ERR_SET(e, "id", N_("No unanswered hand-over of this case has this id"));
  return ERR_NOTFOUND;
}

/* Record the other party's answer to a hand-over. */
int helpdesk_handover_answer(Db *db, const Actor *who, const char *tz, Case *c, int64_t id, const char *answer,
                             Err *e){
  if( err_check_text(e, "answer", answer, 4000, TEXT_REQUIRED|TEXT_LINES) ) return ERR_INVALID;
  int64_t disp = 0;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = case_refresh(db, c);   /* its step and status as stored now: another may have moved it on meanwhile */
  Stmt *q = rc==OK ? db_prepare(db, "UPDATE case_handover SET answer=?3, answered_at=?4, answered_by=?5"
                           " WHERE id=?1 AND case_id=?2 AND answered_at IS NULL RETURNING coalesce(disposition_id,0)") : 0;
  if( rc==OK && q==0 ) rc = ERR_DB;
  else if( rc==OK ){
    db_bind_int64(q, 1, id);
    db_bind_int64(q, 2, c->id);
    db_bind_text(q, 3, answer);
    db_bind_int64(q, 4, time_now());
    db_bind_text(q, 5, who->username);
    int s = db_step(q);
    if( s==DB_ROW ) disp = db_col_int64(q, 0);
    else if( s!=DB_DONE ) rc = ERR_DB;
    db_reset(q);
    if( s==DB_DONE ) rc = hd_handover_unanswered(db, c, id, e);
  }
  if( rc==OK && disp ){
    char today[11];
    register_today(today, time_now(), tz);
    rc = register_act(db, who, register_at(REG_DISPOSITION), disp, today, e);
    if( rc==ERR_CONFLICT ) rc = OK;     /* marked done by hand already */
  }
  if( rc==OK && strcmp(c->sop_code, HELPDESK_SOP)==0 && c->current_step==4 && strcmp(c->status, "open")==0 ){
    rc = case_complete_step(db, who, c, 4, "done", answer, e);   /* handed over before step 4 was the handing over */
  }else if( rc==OK && strcmp(c->sop_code, HELPDESK_SOP)==0 && c->current_step==5 && strcmp(c->status, "open")==0
         && case_paused(db, c) && !hd_waiting(db, c) ){
    rc = case_resume(db, who, c, e);   /* the last answer came: step 5's clock runs again */
  }
  if( rc==OK ){
    char detail[64];
    snprintf(detail, sizeof detail, "hand-over %lld answered", (long long)id);
    rc = audit_write(db, who, "helpdesk.handover_answer", c->number, detail);
  }
  return db_tx_end(db, own, rc);
}

/* The hand-overs of a case, oldest first. */
int helpdesk_handovers(Db *db, const Case *c, Handover **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT id, party_kind, party_name, coalesce(disposition_id,0), due_at, coalesce(answer,''),"
                           " coalesce(answered_at,0), coalesce(answered_by,''), created_at, created_by"
                           " FROM case_handover WHERE case_id=?1 ORDER BY id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  Handover *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    Handover *h = &v[(*n)++];
    h->id = db_col_int64(q, 0);
    h->party_kind = arena_strdup(a, db_col_text(q, 1));
    h->party_name = arena_strdup(a, db_col_text(q, 2));
    h->disposition_id = db_col_int64(q, 3);
    h->due_at = db_col_int64(q, 4);
    h->answer = arena_strdup(a, db_col_text(q, 5));
    h->answered_at = db_col_int64(q, 6);
    h->answered_by = arena_strdup(a, db_col_text(q, 7));
    h->created_at = db_col_int64(q, 8);
    h->created_by = arena_strdup(a, db_col_text(q, 9));
  }
  db_reset(q);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}
