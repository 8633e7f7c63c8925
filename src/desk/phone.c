/*
** phone.c — the phone desk (SOP-LPSE.BTG-017): the call's arrival stamped when the
** desk's form opens (a signed stamp, so nothing is written for a form never used),
** the pick-up, the consultation form filled while talking, then the answer archived
** and the case closed, or a consultation-form number and a ticket (an OI-02 case that
** carries the question on by e-mail/escalation). The recap of phone cases per day and
** month reads the calls' own rows.
*/
#include "helpdesk.h"
#include "verify.h"
#include "portal.h"
#include "../sop/sop.h"
#include "../mail/mail.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char stamp_key[crypto_auth_KEYBYTES];
static pthread_once_t stamp_once = PTHREAD_ONCE_INIT;

/* The key for stamps, derived from verify.key: a form opened before a restart, or on another
** node of the same deployment, is still accepted. Without that key (a test) a random one. */
static void phone_key_init(void){
  if( verify_key_derive(stamp_key, "phonestm")!=OK ) randombytes_buf(stamp_key, sizeof stamp_key);
}

/* The MAC of a stamp's text, in hex. */
static void phone_mac(const char *text, char out[2*crypto_auth_BYTES+1]){
  unsigned char mac[crypto_auth_BYTES];
  pthread_once(&stamp_once, phone_key_init);
  crypto_auth(mac, (const unsigned char*)text, strlen(text), stamp_key);
  sodium_bin2hex(out, 2*crypto_auth_BYTES+1, mac, sizeof mac);
}

/* The stamp's text for a moment, office, user and nonce, signed. */
static void phone_sign(char out[PHONE_STAMP_MAX], long long t, long long office_id, long long user_id, const char *nonce){
  char text[96], mac[2*crypto_auth_BYTES+1];
  snprintf(text, sizeof text, "%lld.%lld.%lld.%.16s", t, office_id, user_id, nonce);
  phone_mac(text, mac);
  snprintf(out, PHONE_STAMP_MAX, "%s.%s", text, mac);
}

/* The signed arrival stamp of a phone form opened at t (a nonce tells two forms apart). */
void phone_stamp(char out[PHONE_STAMP_MAX], int64_t office_id, int64_t user_id, int64_t t){
  char nonce[17];
  util_random_token(nonce, 8);
  phone_sign(out, (long long)t, (long long)office_id, (long long)user_id, nonce);
}

/* Check a stamp: made here, for this user and office, not stale. */
int phone_stamp_check(const char *stamp, int64_t office_id, int64_t user_id, int64_t *arrived, Err *e){
  long long t = 0, o = 0, u = 0;
  char nonce[17] = "", want[PHONE_STAMP_MAX];
  if( stamp==0 || strlen(stamp)>=PHONE_STAMP_MAX || sscanf(stamp, "%lld.%lld.%lld.%16[0-9a-f].", &t, &o, &u, nonce)!=4 ){
    ERR_SET(e, "stamp", N_("The call form has no valid arrival stamp: open it again"));
    return ERR_INVALID;
  }
  phone_sign(want, t, o, u, nonce);
  int64_t now = time_now();
  if( !util_ct_equal(stamp, want) || o!=office_id || u!=user_id || t>now || now-t>PHONE_STAMP_TTL ){
    ERR_SET(e, "stamp", N_("The call form has no valid arrival stamp: open it again"));
    return ERR_INVALID;
  }
  *arrived = t;
  return OK;
}

/* The columns every read of a call takes. */
#define PHONE_COLS \
  "p.id, p.arrived_at, p.answered_at, p.ended_at, p.status, p.handled_by, coalesce(p.caller_name,'')," \
  " coalesce(p.caller_org,''), coalesce(p.question,''), coalesce(p.answer,'')," \
  " coalesce((SELECT number FROM kasus WHERE id=p.case_id),'')," \
  " coalesce((SELECT number FROM kasus WHERE id=p.followup_case_id),''), coalesce(p.consultation_number,'')"

/* One call from a row of PHONE_COLS. */
static void phone_row(Stmt *q, PhoneCall *c, Arena *a){
  c->id = db_col_int64(q, 0);
  c->arrived_at = db_col_int64(q, 1);
  c->answered_at = db_col_null(q, 2) ? 0 : db_col_int64(q, 2);
  c->ended_at = db_col_null(q, 3) ? 0 : db_col_int64(q, 3);
  c->status = arena_strdup(a, db_col_text(q, 4));
  c->handled_by = arena_strdup(a, db_col_text(q, 5));
  c->caller_name = arena_strdup(a, db_col_text(q, 6));
  c->caller_org = arena_strdup(a, db_col_text(q, 7));
  c->question = arena_strdup(a, db_col_text(q, 8));
  c->answer = arena_strdup(a, db_col_text(q, 9));
  c->case_number = arena_strdup(a, db_col_text(q, 10));
  c->ticket_number = arena_strdup(a, db_col_text(q, 11));
  c->consultation_number = arena_strdup(a, db_col_text(q, 12));
}

/* One call of the office; ERR_NOTFOUND when none. */
int phone_get(Db *db, int64_t office_id, int64_t id, PhoneCall *out, Arena *a){
  Stmt *q = db_prepare(db, "SELECT " PHONE_COLS " FROM phone_call p WHERE p.office_id=?1 AND p.id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, id);
  int rc = db_step(q);
  if( rc==DB_ROW ) phone_row(q, out, a);
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* Calls of the office that arrived in [from, to), in order of arrival. */
int phone_list(Db *db, int64_t office_id, int64_t from, int64_t to, PhoneCall **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT " PHONE_COLS " FROM phone_call p WHERE p.office_id=?1 AND p.arrived_at>=?2"
                           " AND p.arrived_at<?3 ORDER BY p.arrived_at, p.id LIMIT 10000");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  db_bind_int64(q, 3, to);
  PhoneCall *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    phone_row(q, &v[(*n)++], a);
  }
  db_reset(q);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}

/* The officer picks the call up (or records it as missed): a row from the form's stamp. */
int phone_answer(Db *db, const Actor *who, int64_t user_id, const char *stamp, int missed, PhoneCall *out,
                 Arena *a, Err *e){
  int64_t arrived;
  int rc = phone_stamp_check(stamp, who->office_id, user_id, &arrived, e);
  if( rc!=OK ) return rc;
  /* its case could not be opened at the end: the procedure is out of service (a missed call is still recorded) */
  if( !missed && sop_retired(PHONE_SOP) ){
    err_set(e, 0, 0);   /* the refusal alone, naming the procedure */
    sop_retired_add(e, PHONE_SOP);
    return ERR_CONFLICT;
  }
  int64_t now = time_now(), id = 0;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  /* one form, one call: the same stamp twice is the same call */
  Stmt *q = db_prepare(db, "SELECT id FROM phone_call WHERE office_id=?1 AND stamp=?2");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, who->office_id);
    db_bind_text(q, 2, stamp);
    if( db_step(q)==DB_ROW ) id = db_col_int64(q, 0);
    db_reset(q);
  }
  if( rc==OK && id==0 ){
    q = db_prepare(db, "INSERT INTO phone_call(office_id, arrived_at, answered_at, ended_at, status, handled_by, created_at, stamp)"
                       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, who->office_id);
      db_bind_int64(q, 2, arrived);
      if( missed ) db_bind_null(q, 3); else db_bind_int64(q, 3, now);
      if( missed ) db_bind_int64(q, 4, now); else db_bind_null(q, 4);
      db_bind_text(q, 5, missed ? "missed" : "answered");
      db_bind_text(q, 6, who->username);
      db_bind_int64(q, 7, now);
      db_bind_text(q, 8, stamp);
      rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
      if( rc==OK ) id = db_col_int64(q, 0);
      db_reset(q);
    }
    if( rc==OK ){
      char obj[48], detail[96];
      snprintf(obj, sizeof obj, "phone_call:%lld", (long long)id);
      snprintf(detail, sizeof detail, "arrived %lld; %s after %lld s", (long long)arrived,
               missed ? "missed" : "answered", (long long)(now-arrived));
      rc = audit_write(db, who, missed ? "phone.missed" : "phone.answer", obj, detail);
    }
  }
  rc = db_tx_end(db, own, rc);
  if( rc!=OK ) return rc;
  return phone_get(db, who->office_id, id, out, a);
}

/* Complete the open step no of c at t, with the outcome and a note. */
static int phone_step(Db *db, const Actor *who, Case *c, int no, const char *outcome, const char *note,
                      int64_t t, Err *e){
  if( c->current_step!=no ){ ERR_SET(e, "no", N_("This is not the open step of the case")); return ERR_CONFLICT; }
  return case_complete_step_at(db, who, c, no, outcome, note, t, e);
}

/* The contact a consultation form records of a caller: "phone, e-mail", either, or none. */
static void phone_contact(const char *phone, const char *email, char out[160]){
  snprintf(out, 160, "%s%s%s", phone ? phone : "", !util_blank(phone) && !util_blank(email) ? ", " : "", email ? email : "");
}

/* The values of a call's consultation form as its register takes them (name/value pairs into kv,
** room for 15): when it was asked (NULL: now), the caller, the contact, the question, the answer
** (only when the call was answered), the case (NULL while none is open). */
static void phone_form_kv(const PhoneForm *f, const char *asked, const char *contact, const char *case_no, const char **kv){
  const char *v[] = { "asked_at", asked, "name", !util_blank(f->caller.name) ? f->caller.name : f->caller.org_name,
                      "organisation", f->caller.org_name, "contact", contact, "question", f->question,
                      "answer", util_blank(f->answer) ? 0 : f->answer, "case_number", case_no, 0 };
  memcpy(kv, v, sizeof v);
}

/* What the consultation register finds wrong with the values a call's form gives it, named as the
** form names them (requester.name or requester.org_name, requester.phone, requester.email, question,
** answer), added to e. */
static void phone_register_check(const PhoneForm *f, Err *e){
  const Register *g = register_at(REG_CONSULTATION);
  char contact[160];
  const char *kv[16];
  Err re = {0};
  phone_contact(f->caller.phone, f->caller.email, contact);
  phone_form_kv(f, 0, contact, 0, kv);
  register_check_kv(g, "WIB", kv, &re);
  /* the register's name is the caller's, else the organisation's */
  err_rename(&re, "name", util_blank(f->caller.name) && !util_blank(f->caller.org_name) ? "requester.org_name" : "requester.name");
  err_rename(&re, "organisation", "requester.org_name");
  for(int i=0; i<err_count(&re); i++){
    ErrItem it = err_item(&re, i);
    if( !util_str_eq(it.field, "contact") ){ err_add_item(e, it.field, &it); continue; }
    /* the contact holds the phone and the e-mail: each said at its own field (together too long: the e-mail) */
    int named = 0;
    for(int k=0; k<2; k++){
      const char *one = k ? f->caller.email : f->caller.phone;
      if( util_blank(one) ) continue;
      const char *kv1[] = { "contact", one, 0 };
      Err oe = {0};
      register_check_kv(g, "WIB", kv1, &oe);
      ErrItem one_e = err_find(&oe, "contact");
      if( one_e.msg ){ err_add_n(e, k ? "requester.email" : "requester.phone", one_e.msg, one_e.n); named = 1; }
    }
    if( !named ) err_add_item(e, util_blank(f->caller.email) ? "requester.phone" : "requester.email", &it);
  }
}

/* Check the consultation form of a call, naming every field that is wrong at once: the question,
** the answer, the archive's place, the caller's details as the case checks them, and the values
** as the consultation register checks them. */
int phone_check(const PhoneForm *given, Err *e){
  Err all = {0}, ce = {0};
  PhoneForm one = *given;   /* the caller's e-mail written Name <address>: the address, and the name when none is given */
  char addr[256], name[128];
  case_requester_email(&one.caller, addr, name);
  const PhoneForm *f = &one;
  err_check_text(&all, "question", f->question, 2000, TEXT_REQUIRED|TEXT_LINES);
  err_check_text(&all, "answer", f->answer, 4000, TEXT_LINES);
  if( util_blank(f->caller.name) && util_blank(f->caller.org_name) ) err_add(&all, "requester.name", N_("This field is required"));
  err_check_text(&all, "archive_location", f->archive_location, 200, 0);
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.sop = PHONE_SOP;
  in.channel = "phone";
  in.subject = util_blank(f->subject) ? "Konsultasi melalui telepon" : f->subject;   /* else the question's first line */
  in.urgency = f->urgency;
  in.impact = f->impact;
  in.requester = f->caller;
  if( case_check(&in, &ce)!=OK ) err_merge(&all, &ce);
  phone_register_check(f, &all);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* The whole of ending a call, inside the caller's transaction; numbers into the out strings. */
static int phone_finish_tx(Db *db, const Actor *who, const char *tz, const PhoneCall *call, const PhoneForm *f,
                           char *case_no, char *ticket_no, char *kf_no, Arena *a, Err *e){
  int64_t now = time_now();
  int solved = !util_blank(f->answer);
  const char *subject = f->subject;
  if( util_blank(subject) ){
    char *first = util_first_line(f->question, 200, a);
    subject = *first ? first : "Konsultasi melalui telepon";
  }
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = who->office_id;
  in.sop = PHONE_SOP;
  in.channel = "phone";
  in.subject = subject;
  in.urgency = f->urgency;
  in.impact = f->impact;
  in.requester = f->caller;
  in.at = call->arrived_at;
  Case *c = 0, *t = 0;
  int rc = case_open(db, who, &in, &c, e);
  if( rc!=OK ) return rc;
  snprintf(case_no, 64, "%s", c->number);
  char iso[32], contact[160];
  const char *kv[16];
  time_fmt_iso(iso, sizeof iso, call->arrived_at);
  phone_contact(f->caller.phone, f->caller.email, contact);
  phone_form_kv(f, iso, contact, case_no, kv);
  int64_t id;
  rc = register_add_kv(db, who, register_at(REG_CONSULTATION), tz, kv, &id, kf_no, 64, e);
  /* the call's own moments: it rang (1), was answered (2), the form was written (3, 4) */
  if( rc==OK ) rc = phone_step(db, who, c, 1, "done", 0, call->arrived_at, e);
  if( rc==OK ) rc = phone_step(db, who, c, 2, "done", 0, call->answered_at, e);
  /* answered by whoever picked it up, though a colleague writes the call up */
  int other = !util_blank(call->handled_by) && !util_str_eq(call->handled_by, who->username);
  if( rc==OK && other ) rc = case_step_doer_set(db, c, 2, call->handled_by);
  if( rc==OK ) rc = phone_step(db, who, c, 3, "done", case_note_key(a, N_("Consultation form %s"), kf_no, NULL), now, e);
  if( rc==OK ) rc = phone_step(db, who, c, 4, "done", 0, now, e);
  if( rc==OK ) rc = phone_step(db, who, c, 5, solved ? "yes" : "no", 0, now, e);
  if( rc==OK && solved ){
    /* kept two years: the archive's default retention (register_retain_default) */
    const char *akv[] = { "case_number", case_no, "title", arena_printf(a, "Formulir konsultasi %s", kf_no),
                          "location", !util_blank(f->archive_location) ? f->archive_location : "Arsip Helpdesk", 0 };
    rc = phone_step(db, who, c, 6, "done", f->answer, now, e);
    if( rc==OK ) rc = register_add_kv(db, who, register_at(REG_ARCHIVE), tz, akv, &id, 0, 0, e);
    if( rc==OK ) rc = phone_step(db, who, c, 7, "done", 0, now, e);
  }
  if( rc==OK && !solved ){
    CaseNew tn = in;
    tn.sop = HELPDESK_SOP;
    tn.at = 0;
    rc = case_open(db, who, &tn, &t, e);
    if( rc==OK ){
      snprintf(ticket_no, 64, "%s", t->number);
      rc = case_complete_step(db, who, t, 1, "done", case_note_key(a, N_("From call %s, consultation form %s"), c->number, kf_no, NULL), e);
    }
    if( rc==OK ) rc = phone_step(db, who, c, 8, "done", case_note_key(a, N_("Consultation form %s; ticket %s"), kf_no, t->number, NULL), now, e);
    if( rc==OK ){
      Stmt *q = db_prepare(db, "INSERT INTO case_link(office_id, from_case_id, to_case_id, kind, created_at)"
                               " VALUES(?1, ?2, ?3, 'followup', ?4)");
      if( q==0 ) rc = ERR_DB;
      else{
        db_bind_int64(q, 1, who->office_id);
        db_bind_int64(q, 2, c->id);
        db_bind_int64(q, 3, t->id);
        db_bind_int64(q, 4, now);
        rc = db_run(q);
      }
    }
    if( rc==OK && !util_blank(f->caller.email) ){
      Office o;
      office_get(db, who->office_id, &o);
      /* the caller follows the ticket on the portal with its number and this address */
      const char *track = portal_track_url(db, 0, who->office_id, t->number, a);
      const char *vars[] = { "name", !util_blank(f->caller.name) ? f->caller.name : f->caller.org_name,
                             "ticket", t->number, "form", kf_no, "subject", subject, "office", o.name,
                             "track", track, 0 };
      Buf subj = BUF_INIT, body = BUF_INIT;
      char err[128];
      rc = mail_render_lang("phone-ticket", mail_lang(0), vars, &subj, &body, err, sizeof err);   /* staff took it: the office's default */
      if( rc==OK ) rc = mail_queue(db, who, who->office_id, f->caller.email, buf_str(&subj), buf_str(&body), 0, e);
      buf_free(&subj);
      buf_free(&body);
    }
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE phone_call SET status=?2, ended_at=?3, caller_name=?4, caller_org=?5, question=?6,"
                             " answer=?7, case_id=?8, followup_case_id=?9, consultation_number=?10 WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, call->id);
      db_bind_text(q, 2, solved ? "solved" : "ticket");
      db_bind_int64(q, 3, now);
      db_bind_text(q, 4, f->caller.name);
      db_bind_text(q, 5, f->caller.org_name);
      db_bind_text(q, 6, f->question);
      db_bind_text(q, 7, solved ? f->answer : 0);
      db_bind_int64(q, 8, c->id);
      if( t ) db_bind_int64(q, 9, t->id); else db_bind_null(q, 9);
      db_bind_text(q, 10, kf_no);
      rc = db_run(q);
    }
  }
  if( rc==OK ){
    char obj[48];
    snprintf(obj, sizeof obj, "phone_call:%lld", (long long)call->id);
    rc = audit_write(db, who, "phone.finish", obj, arena_printf(a, "case %s; form %s; %s%s%s%s", c->number, kf_no,
                     solved ? "answered" : "ticket ", t ? t->number : "", other ? "; picked up by " : "", other ? call->handled_by : ""));
  }
  case_free(c);
  case_free(t);
  return rc;
}

/* End the call: the form, the case with the call's own moments, the answer or a ticket. */
int phone_finish(Db *db, const Actor *who, const char *tz, int64_t call_id, const PhoneForm *given,
                 PhoneCall *out, Arena *a, Err *e){
  PhoneForm one = *given;   /* as phone_check takes it: Name <address> the address and the name */
  char addr[256], name[128];
  case_requester_email(&one.caller, addr, name);
  const PhoneForm *f = &one;
  PhoneCall call;
  int rc = phone_get(db, who->office_id, call_id, &call, a);
  if( rc!=OK ) return rc;
  if( strcmp(call.status, "answered") ){
    ERR_SET(e, "status", N_("This call is already written up"));
    return ERR_CONFLICT;
  }
  rc = phone_check(f, e);
  if( rc!=OK ) return rc;
  char case_no[64] = "", ticket_no[64] = "", kf_no[64] = "";
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  /* judged again as stored once writing: the same form sent twice at once writes up the call once */
  rc = phone_get(db, who->office_id, call_id, &call, a);
  if( rc==OK && strcmp(call.status, "answered") ){
    ERR_SET(e, "status", N_("This call is already written up"));
    rc = ERR_CONFLICT;
  }
  if( rc==OK ) rc = phone_finish_tx(db, who, tz, &call, f, case_no, ticket_no, kf_no, a, e);
  rc = db_tx_end(db, own, rc);
  if( rc!=OK ) return rc;
  return phone_get(db, who->office_id, call_id, out, a);
}

/* The recap of a month: calls per day in the office's zone, and the month's total. */
int phone_recap(Db *db, int64_t office_id, const char *tz, const char *month, PhoneDay **days, int *n,
                PhoneDay *total, Arena *a, Err *e){
  *days = 0;
  *n = 0;
  memset(total, 0, sizeof *total);
  int y, m;
  char first[32], next[32];
  if( month==0 || strlen(month)!=7 || sscanf(month, "%4d-%2d", &y, &m)!=2 || m<1 || m>12 || y<2000 || y>2100 ){
    ERR_SET(e, "month", N_("Write a month as YYYY-MM"));
    return ERR_INVALID;
  }
  snprintf(first, sizeof first, "%04d-%02d-01", y, m);
  snprintf(next, sizeof next, "%04d-%02d-01", m==12 ? y+1 : y, m==12 ? 1 : m+1);
  int64_t from, to;
  if( time_parse_day(first, tz, &from)!=OK || time_parse_day(next, tz, &to)!=OK ){
    ERR_SET(e, "month", N_("Write a month as YYYY-MM"));
    return ERR_INVALID;
  }
  const Procedure *p = sop_library_find(PHONE_SOP);
  const Step *answer_step = p ? procedure_step(p, 2) : 0;
  int64_t standard = answer_step && answer_step->std.kind==STD_REAL ? answer_step->std.seconds : 10;
  PhoneCall *calls;
  int nc;
  int rc = phone_list(db, office_id, from, to, &calls, &nc, a);
  if( rc!=OK ) return rc;
  PhoneDay *v = 0;
  int cap = 0;
  snprintf(total->day, sizeof total->day, "%s", month);
  for(int i=0; i<nc; i++){
    char day[11];
    register_today(day, calls[i].arrived_at, tz);
    if( *n==0 || strcmp(v[*n-1].day, day) ){
      v = arena_grow(a, v, sizeof *v, *n, &cap);
      memset(&v[*n], 0, sizeof *v);
      snprintf(v[*n].day, sizeof v[*n].day, "%s", day);
      (*n)++;
    }
    PhoneDay *d[2] = { &v[*n-1], total };
    for(int k=0; k<2; k++){
      d[k]->calls++;
      if( strcmp(calls[i].status, "missed")==0 ){ d[k]->missed++; continue; }
      if( calls[i].answered_at ){
        d[k]->answered++;
        d[k]->answer_s_total += calls[i].answered_at - calls[i].arrived_at;
        if( calls[i].answered_at - calls[i].arrived_at <= standard ) d[k]->answered_in_standard++;
      }
      if( strcmp(calls[i].status, "solved")==0 ) d[k]->solved++;
      if( strcmp(calls[i].status, "ticket")==0 ) d[k]->ticket++;
    }
  }
  *days = v;
  return OK;
}
