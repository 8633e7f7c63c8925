/*
** portal.c — the public portal's service (see portal.h). The requester is an
** anonymous actor "portal" with the address it came from; every change writes
** its audit row in the transaction of the change, and the e-mails to the
** requester are queued in the same transaction; so are the notices and e-mails
** telling the staff of a requester's reply or reopening.
*/
#include "portal.h"
#include "../sop/attach.h"
#include "../sop/watch.h"
#include "../mail/mail.h"
#include "helpdesk.h"   /* escalation_list */
#include <stdio.h>
#include <string.h>

#define PORTAL_FOREVER INT64_C(253402300799)     /* 9999-12-31: the e-mailed link does not expire */
#define PORTAL_QUIET_S (15*60)                   /* wrong guesses are forgotten after this quiet time */

/* The actor of a requester's change. */
static Actor portal_actor(int64_t office_id, const char *ip){
  Actor a = { 0, "portal", office_id, ip ? ip : "" };
  return a;
}

/* Count one post of a kind ('submit', 'skm') from an address (an IPv6 one with its /64, as signing
** in: util_ip_block) in a window of PORTAL_SUBMIT_WINDOW_S; ERR_THROTTLED (with the wait) past max,
** counted in /metrics under stat. */
static int portal_guard_count(Db *db, const char *ip, const char *kind, int max, int stat, int64_t now, int *retry_after){
  *retry_after = 0;
  char block[64];
  util_ip_block(ip ? ip : "", block, sizeof block);
  Stmt *q = db_prepare(db,
    "INSERT INTO portal_guard(addr, kind, count, first_at, last_at) VALUES(?1, ?4, 1, ?2, ?2)"
    " ON CONFLICT(addr, kind) DO UPDATE SET"
    "  count = CASE WHEN ?2 - portal_guard.first_at >= ?3 THEN 1 ELSE portal_guard.count+1 END,"
    "  first_at = CASE WHEN ?2 - portal_guard.first_at >= ?3 THEN ?2 ELSE portal_guard.first_at END, last_at = ?2"
    " RETURNING count, first_at");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, block);
  db_bind_int64(q, 2, now);
  db_bind_int64(q, 3, PORTAL_SUBMIT_WINDOW_S);
  db_bind_text(q, 4, kind);
  int rc = ERR_DB, count = 0;
  int64_t first = now;
  if( db_step(q)==DB_ROW ){ count = db_col_int(q, 0); first = db_col_int64(q, 1); rc = OK; }
  db_reset(q);
  if( rc==OK && count>max ){
    int64_t left = first + PORTAL_SUBMIT_WINDOW_S - now;
    *retry_after = left>0 ? (int)left : 1;
    stat_add(stat, 1);
    return ERR_THROTTLED;
  }
  return rc;
}

/* Count one submission from an address on the portal's forms. */
int portal_guard_submit(Db *db, const char *ip, int64_t now, int *retry_after){
  return portal_guard_count(db, ip, "submit", PORTAL_SUBMIT_MAX, STAT_PORTAL_SUBMIT_LIMITED, now, retry_after);
}

/* Count one walk-in survey answer from an address, apart from the other forms. */
int portal_guard_skm(Db *db, const char *ip, int64_t now, int *retry_after){
  return portal_guard_count(db, ip, "skm", PORTAL_SKM_MAX, STAT_PORTAL_SKM_LIMITED, now, retry_after);
}

/* Seconds an address must still wait after its wrong guesses (0: may try now); the same
** doubling delay as signing in (desk/auth.c), an IPv6 address counted with its /64 as there. */
int portal_guess_wait(Db *db, const char *ip, int64_t now){
  char block[64];
  util_ip_block(ip ? ip : "", block, sizeof block);
  Stmt *q = db_prepare(db, "SELECT count, last_at FROM portal_guard WHERE addr=?1 AND kind='track'");
  if( q==0 ) return 0;
  db_bind_text(q, 1, block);
  int wait = 0;
  if( db_step(q)==DB_ROW ){
    int count = db_col_int(q, 0);
    int64_t last = db_col_int64(q, 1);
    if( now - last <= PORTAL_QUIET_S && count>=PORTAL_TRACK_FREE ){
      int k = count - PORTAL_TRACK_FREE;
      int64_t w = k>=20 ? PORTAL_TRACK_MAX_S : (int64_t)1<<k;
      if( w>PORTAL_TRACK_MAX_S ) w = PORTAL_TRACK_MAX_S;
      int64_t left = last + w - now;
      wait = left>0 ? (int)left : 0;
    }
  }
  db_reset(q);
  return wait;
}

/* Record one wrong guess from an address (an IPv6 one counted with its /64), with its audit row
** (action on object, naming the address itself) in the office whose page was asked. */
int portal_guess_fail(Db *db, int64_t office_id, const char *ip, int64_t now, const char *action, const char *object){
  char block[64];
  util_ip_block(ip ? ip : "", block, sizeof block);
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db,
    "INSERT INTO portal_guard(addr, kind, count, first_at, last_at) VALUES(?1, 'track', 1, ?2, ?2)"
    " ON CONFLICT(addr, kind) DO UPDATE SET"
    "  count = CASE WHEN ?2 - portal_guard.last_at > ?3 THEN 1 ELSE portal_guard.count+1 END, last_at = ?2");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_text(q, 1, block);
  db_bind_int64(q, 2, now);
  db_bind_int64(q, 3, PORTAL_QUIET_S);
  rc = db_run(q);
  Actor who = portal_actor(office_id, ip);   /* that office's auditors see it, not every office's */
  if( rc==OK ) rc = audit_write(db, &who, action, object, "");
  return db_tx_end(db, own, rc);
}

/* Store a link token for a ticket, valid until expires; its secret into token. */
static int portal_token_new(Db *db, const PortalTicket *t, int64_t now, int64_t expires, char token[65]){
  char hash[65];
  util_random_token(token, 32);
  util_sha256_hex(hash, token, 64);
  Stmt *q = db_prepare(db, "INSERT INTO portal_token(token_hash, office_id, ticket_id, created_at, expires_at)"
                           " VALUES(?1, ?2, ?3, ?4, ?5)");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, hash);
  db_bind_int64(q, 2, t->office_id);
  db_bind_int64(q, 3, t->id);
  db_bind_int64(q, 4, now);
  db_bind_int64(q, 5, expires);
  return db_run(q);
}

/* Add a message to the public thread (with the attachment it carries, if any). */
static int portal_message_add(Db *db, const PortalTicket *t, const char *author, const char *body,
                              const Attachment *att, const char *by, int64_t now){
  Stmt *q = db_prepare(db, "INSERT INTO portal_message(office_id, ticket_id, author, body, attachment_id,"
                           " attachment_name, at, by_user) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, t->office_id);
  db_bind_int64(q, 2, t->id);
  db_bind_text(q, 3, author);
  db_bind_text(q, 4, body ? body : "");
  if( att ) db_bind_int64(q, 5, att->id); else db_bind_null(q, 5);
  db_bind_text(q, 6, att ? att->name : "");
  db_bind_int64(q, 7, now);
  db_bind_text(q, 8, by);
  return db_run(q);
}

/* The office's name (for the e-mails). */
static const char *portal_office_name(Db *db, int64_t office_id, Arena *a){
  Office o;
  return office_get(db, office_id, &o)==OK ? arena_strdup(a, o.name) : "LPSE";
}

/* The portal's tracking page of a case's number, filled in, for e-mail; see portal.h. */
const char *portal_track_url(Db *db, const char *base, int64_t office_id, const char *number, Arena *a){
  return portal_page_url(db, base, office_id, arena_printf(a, "/portal/lacak?number=%t", number), a);
}

/* A portal page (path, with its query if any) of an office at base as portal_track_url has it. */
const char *portal_page_url(Db *db, const char *base, int64_t office_id, const char *path, Arena *a){
  char conf[256];
  base = office_link_base(db, office_id, base ? base : "", conf, sizeof conf);   /* the office's address, the request's, public_url … */
  Office o, first;
  int other = office_get(db, office_id, &o)==OK && office_first(db, &first)==OK && first.id!=o.id;
  return other ? arena_printf(a, "%R%R%Roffice=%t", base, path, strchr(path, '?') ? "&" : "?", o.code)
               : arena_printf(a, "%R%R", base, path);
}

/* Check the fields of a submission, naming every one that is wrong; the phone normalised into
** phone_out. */
static int portal_check(const PortalNew *in, char phone_out[24], Err *e){
  Err all = {0}, ie = {0};
  /* a field of spaces only is one left empty: said as such, under the field's own name */
  size_t n = util_blank(in->name) ? 0 : util_utf8_len(in->name);   /* characters, as the form's maxlength counts */
  if( n==0 ) err_add(&all, "name", N_("Your name is required"));
  else if( n>128 ) err_add(&all, "name", N_("The name may have at most 128 characters"));
  int has_email = !util_blank(in->email), has_phone = !util_blank(in->phone);
  if( !has_email && !has_phone ) err_add(&all, "email", N_("Give an e-mail address or a phone number"));
  /* what is wrong with an address or a number is ident's to say ("a mobile number (08...) must
  ** have 8 to 12 digits after the 0"), not a bare "not valid" */
  if( has_email && strlen(in->email)>128 ) err_add(&all, "email", N_("The e-mail address is not valid"));
  else if( has_email && ident_email(in->email, &ie)!=OK ) err_merge(&all, &ie);
  phone_out[0] = 0;
  if( has_phone ){
    int kind;
    if( strlen(in->phone)>32 ) err_add(&all, "phone", N_("The phone number is not valid"));
    else if( ident_phone(in->phone, phone_out, 24, &kind, &ie)!=OK ) err_merge(&all, &ie);
  }
  n = util_blank(in->subject) ? 0 : util_utf8_len(in->subject);
  if( n==0 ) err_add(&all, "subject", N_("The subject is required"));
  else if( n>200 ) err_add(&all, "subject", N_("The subject may have at most 200 characters"));
  n = util_blank(in->description) ? 0 : util_utf8_len(in->description);
  if( n==0 ) err_add(&all, "description", N_("Describe your question or problem"));
  else if( n>5000 ) err_add(&all, "description", N_("The description may have at most 5000 characters"));
  err_check_text(&all, "name", in->name, 128, 0);   /* a field already named keeps its message */
  err_check_text(&all, "subject", in->subject, 200, 0);
  err_check_text(&all, "description", in->description, 5000, TEXT_LINES);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* Queue the e-mail of a new ticket to the requester. */
static int portal_mail_ticket(Db *db, const Actor *who, const PortalTicket *t, const char *tmpl, const char *subject,
                              const char *base_url, const char *token, Arena *a){
  if( t->email==0 || *t->email==0 ) return OK;
  char at[64];
  Office o;
  const char *tz = office_get(db, t->office_id, &o)==OK ? o.tz : "WIB";
  time_fmt_human(at, sizeof at, t->created_at, tz, t->lang);
  char conf[256];   /* the office's address, the request's, public_url … (a mail from the mailbox has no request) */
  const char *link = arena_printf(a, "%R/portal/t/%R", office_link_base(db, t->office_id, base_url ? base_url : "", conf, sizeof conf), token);
  const char *track = portal_track_url(db, base_url ? base_url : "", t->office_id, t->number, a);
  const char *vars[] = { "name", t->name, "number", t->number, "subject", subject, "at", at, "link", link,
                         "track", track, "office", portal_office_name(db, t->office_id, a), 0 };
  Buf s = BUF_INIT, b = BUF_INIT;
  char err[128];
  int rc = mail_render_lang(tmpl, t->lang, vars, &s, &b, err, sizeof err);
  Err e = {0};
  if( rc==OK ) rc = mail_queue(db, who, t->office_id, t->email, buf_str(&s), buf_str(&b), 0, &e);
  buf_free(&s);
  buf_free(&b);
  return rc;
}

/* Insert the ticket row of t (its case, number and contact) inside the caller's transaction; t->id set. */
static int portal_ticket_make(Db *db, PortalTicket *t, int64_t now, const char *ip){
  Stmt *q = db_prepare(db, "INSERT INTO portal_ticket(office_id, case_id, number, name, email, phone, created_at, ip, lang)"
                           " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) RETURNING id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, t->office_id);
  db_bind_int64(q, 2, t->case_id);
  db_bind_text(q, 3, t->number);
  db_bind_text(q, 4, t->name);
  db_bind_text(q, 5, t->email);
  db_bind_text(q, 6, t->phone);
  db_bind_int64(q, 7, now);
  db_bind_text(q, 8, ip ? ip : "");
  db_bind_text(q, 9, i18n_lang(t->lang));
  int rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
  if( rc==OK ){ t->id = db_col_int64(q, 0); t->created_at = now; }
  db_reset(q);
  return rc;
}

/* OK while the portal may take a request under procedure code; ERR_CONFLICT (field sop) once it is retired. */
int portal_service_open(const char *code, Err *e){
  if( code==0 || !sop_retired(code) ) return OK;
  ERR_SET(e, "sop", PORTAL_RETIRED);
  return ERR_CONFLICT;
}

/* Submit a question or problem: the case, the ticket, the first message, the e-mail. */
int portal_submit(Db *db, const PortalNew *in, char number[64], char token[65], int *retry_after, Err *e){
  int64_t now = time_now();
  *retry_after = 0;
  int rc;
  if( in->honeypot && *in->honeypot ){
    log_info("portal: a submission from %s filled the hidden field; refused", in->ip ? in->ip : "");
    ERR_SET(e, "website", N_("The submission was refused"));
    return ERR_DENIED;
  }
  /* a retired helpdesk procedure: said first, nothing counted or written (the rest could not help) */
  rc = portal_service_open(PORTAL_SOP, e);
  if( rc!=OK ) return rc;
  char phone[24];
  rc = portal_check(in, phone, e);
  if( rc!=OK ) return rc;
  Actor who = portal_actor(in->office_id, in->ip);
  CaseNew cn;
  memset(&cn, 0, sizeof cn);
  cn.office_id = in->office_id;
  cn.sop = PORTAL_SOP;
  cn.channel = "portal";
  cn.subject = in->subject;
  cn.requester.name = in->name;
  cn.requester.email = util_blank(in->email) ? 0 : in->email;   /* spaces only: none given */
  cn.requester.phone = phone[0] ? phone : 0;
  Arena a;
  arena_init(&a);
  Case *c = 0;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ){ arena_free(&a); return rc; }
  /* counted with the submission it lets in: one refused (bad input) or throttled is not */
  rc = portal_guard_submit(db, in->ip, now, retry_after);
  if( rc==OK ) rc = case_open(db, &who, &cn, &c, e);
  /* step 1 is the requester sending the question: the submission is that step */
  if( rc==OK ) rc = case_complete_step(db, &who, c, 1, "done", case_note_key(&c->arena, N_("Sent through the public portal"), NULL), e);
  PortalTicket t;
  memset(&t, 0, sizeof t);
  if( rc==OK ){
    t.office_id = in->office_id;
    t.case_id = c->id;
    t.number = c->number;
    t.name = in->name;
    t.email = util_blank(in->email) ? "" : in->email;
    t.phone = phone;
    t.lang = i18n_lang(in->lang);
    rc = portal_ticket_make(db, &t, now, in->ip);
  }
  if( rc==OK ) rc = portal_token_new(db, &t, now, PORTAL_FOREVER, token);
  Attachment att, *pa = 0;
  if( rc==OK && in->file_len>0 ){
    rc = attach_add(db, &who, c, in->file_name, in->file_data, in->file_len, in->file_limit, &att, &a, e);
    pa = &att;
  }
  if( rc==OK ) rc = portal_message_add(db, &t, "requester", in->description, pa, in->name, now);
  if( rc==OK ) rc = portal_mail_ticket(db, &who, &t, "portal-ticket", in->subject, in->base_url, token, &a);
  if( rc==OK ){
    snprintf(number, 64, "%s", c->number);
    rc = audit_write(db, &who, "portal.submit", arena_printf(&a, "case:%R", c->number),
                     arena_printf(&a, "ticket=%lld", (long long)t.id));
  }
  rc = db_tx_end(db, own, rc);
  if( c ) case_free(c);
  arena_free(&a);
  return rc;
}

/* A case opened from a mail to the help desk's mailbox (see portal.h): its ticket, the question
** as the thread's first message, and the acknowledgement mailed to the sender. */
int portal_mail_case(Db *db, const Actor *who, const Case *c, const char *name, const char *email, const char *lang,
                     const char *text){
  if( util_blank(email) ) return OK;
  PortalTicket t;
  memset(&t, 0, sizeof t);
  t.office_id = c->office_id;
  t.case_id = c->id;
  t.number = c->number;
  t.name = name && *name ? name : email;
  t.email = email;
  t.phone = "";
  t.lang = i18n_lang(lang);
  int64_t now = time_now();
  char token[65];
  Arena a;
  arena_init(&a);
  int rc = portal_ticket_make(db, &t, now, "");
  if( rc==OK ) rc = portal_token_new(db, &t, now, PORTAL_FOREVER, token);
  if( rc==OK ) rc = portal_message_add(db, &t, "requester", text, 0, t.name, now);
  if( rc==OK ) rc = portal_mail_ticket(db, who, &t, "email-ticket", c->subject, 0, token, &a);
  arena_free(&a);
  return rc;
}

/* Read a ticket row (id, office, case, number, name, email, phone, created, rating, comment, rated). */
static void portal_row(Stmt *q, PortalTicket *t, Arena *a){
  memset(t, 0, sizeof *t);
  t->id = db_col_int64(q, 0);
  t->office_id = db_col_int64(q, 1);
  t->case_id = db_col_int64(q, 2);
  t->number = arena_strdup(a, db_col_text(q, 3));
  t->name = arena_strdup(a, db_col_text(q, 4));
  t->email = arena_strdup(a, db_col_text(q, 5));
  t->phone = arena_strdup(a, db_col_text(q, 6));
  t->created_at = db_col_int64(q, 7);
  t->rating = db_col_null(q, 8) ? 0 : db_col_int(q, 8);
  t->rating_comment = arena_strdup(a, db_col_text(q, 9));
  t->rated_at = db_col_null(q, 10) ? 0 : db_col_int64(q, 10);
  t->lang = i18n_lang(db_col_text(q, 11));
}

#define PORTAL_COLS "t.id, t.office_id, t.case_id, t.number, t.name, t.email, t.phone, t.created_at," \
                    " t.rating, t.rating_comment, t.rated_at, t.lang"

/* 1 when the contact given is the ticket's e-mail (any case) or phone (any way of writing it). */
static int portal_contact_matches(const PortalTicket *t, const char *contact){
  if( contact==0 || *contact==0 ) return 0;
  if( *t->email && strcasecmp(t->email, contact)==0 ) return 1;
  char phone[24];
  int kind;
  Err e = {0};
  if( *t->phone && ident_phone(contact, phone, sizeof phone, &kind, &e)==OK && strcmp(phone, t->phone)==0 ) return 1;
  return 0;
}

/* A case the desk opened (a call, a visit, an e-mail, a letter) has no ticket yet: when the
** contact given is its requester's e-mail or phone, *t becomes the ticket to make for it (id 0),
** so the requester follows it from the portal like any other; its language the one its requester's
** mails were written in (an account request's, a verification's), else lang (the portal's they
** tracked it in, the language of their mail). 1 when it matches. */
static int portal_desk_case(Db *db, const char *number, const char *contact, const char *lang, PortalTicket *t, Arena *a){
  /* the columns of PORTAL_COLS, for a ticket not made yet (id 0, no rating) */
  Stmt *q = db_prepare(db, "SELECT 0, k.office_id, k.id, k.number, k.requester_name, coalesce(p.email,''), coalesce(p.phone,''),"
                           " k.opened_at, NULL, '', NULL,"
                           /* the language its requester's e-mails were written in: an account request's, a verification's */
                           " coalesce((SELECT r.lang FROM account_request r WHERE r.case_id=k.id),"
                           " (SELECT v.lang FROM verification v WHERE v.case_id=k.id), ?2)"
                           " FROM kasus k LEFT JOIN party p ON p.id=k.person_id"
                           " WHERE k.number=?1 AND NOT EXISTS(SELECT 1 FROM portal_ticket w WHERE w.case_id=k.id) ORDER BY k.id");
  if( q==0 ) return 0;
  db_bind_text(q, 1, number ? number : "");
  db_bind_text(q, 2, i18n_lang(lang));
  int found = 0;
  while( !found && db_step(q)==DB_ROW ){
    portal_row(q, t, a);
    found = portal_contact_matches(t, contact);
  }
  db_reset(q);
  return found;
}

/* The ticket of case number of an office whose requester's e-mail is email: its own, or one made
** now for a case the desk opened (see portal.h). */
int portal_ticket_by_email(Db *db, int64_t office_id, const char *number, const char *email, const char *lang,
                           PortalTicket *t, Arena *a){
  if( util_blank(email) || util_blank(number) ) return ERR_NOTFOUND;
  Stmt *q = db_prepare(db, "SELECT " PORTAL_COLS " FROM portal_ticket t WHERE t.office_id=?1 AND t.number=?2 ORDER BY t.id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, number);
  int found = 0, ticket = 0;
  while( !found && db_step(q)==DB_ROW ){
    ticket = 1;
    portal_row(q, t, a);
    found = *t->email && strcasecmp(t->email, email)==0;
  }
  db_reset(q);
  if( found ) return OK;
  if( ticket || !portal_desk_case(db, number, email, lang, t, a) || t->office_id!=office_id || strcasecmp(t->email, email) ) return ERR_NOTFOUND;
  return portal_ticket_make(db, t, time_now(), "");
}

/* Find a ticket by number and contact; a new link token on OK; a wrong pair audited in office_id. */
int portal_track(Db *db, int64_t office_id, int64_t now, const char *ip, const char *number, const char *contact,
                 const char *lang, char token[65], char number_out[64], int *retry_after){
  if( number_out ) number_out[0] = 0;
  *retry_after = portal_guess_wait(db, ip, now);
  if( *retry_after>0 ){ stat_add(STAT_PORTAL_TRACK_LIMITED, 1); return ERR_THROTTLED; }
  Arena a;
  arena_init(&a);
  PortalTicket t;
  int found = 0, adopt = 0, rc;
  /* the number as written, then trimmed and in capitals (numbers are printed so; people type them otherwise) */
  char up[64];
  case_number_typed(number, up);
  const char *tries[2] = { number ? number : "", up };
  for(int w=0; w<2 && !found; w++){
    if( w==1 && strcmp(tries[0], tries[1])==0 ) break;
    Stmt *q = db_prepare(db, "SELECT " PORTAL_COLS " FROM portal_ticket t WHERE t.number=?1 ORDER BY t.id");
    if( q==0 ){ arena_free(&a); return ERR_DB; }
    db_bind_text(q, 1, tries[w]);
    while( !found && db_step(q)==DB_ROW ){
      portal_row(q, &t, &a);
      found = portal_contact_matches(&t, contact);
    }
    db_reset(q);
    if( !found ) found = adopt = portal_desk_case(db, tries[w], contact, lang, &t, &a);
  }
  if( !found ){
    char obj[96];
    snprintf(obj, sizeof obj, "ticket:%.80s", number ? number : "");
    rc = portal_guess_fail(db, office_id, ip, now, "portal.track_failed", obj);
    arena_free(&a);
    return rc==OK ? ERR_NOTFOUND : rc;
  }
  int own;
  rc = db_tx_begin(db, &own);
  if( rc==OK && adopt ) rc = portal_ticket_make(db, &t, t.created_at, ip);   /* submitted when the desk opened it */
  if( rc==OK ) rc = portal_token_new(db, &t, now, now + PORTAL_LINK_HOURS*3600, token);
  if( rc==OK ){
    Actor who = portal_actor(t.office_id, ip);
    rc = audit_write(db, &who, "portal.track", arena_printf(&a, "case:%R", t.number), "");
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK && number_out ) snprintf(number_out, 64, "%s", t.number);
  arena_free(&a);
  return rc;
}

/* Load the case of a ticket. */
static int portal_case(Db *db, const PortalTicket *t, Case **c){
  Stmt *q = db_prepare(db, "SELECT number FROM kasus WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, t->case_id);
  char number[64] = "";
  if( db_step(q)==DB_ROW ) snprintf(number, sizeof number, "%s", db_col_text(q, 0));
  db_reset(q);
  return case_get(db, t->office_id, number, c);
}

/* The ticket and case behind a link token. */
int portal_open(Db *db, const char *token, PortalTicket *t, Case **c, Arena *a){
  *c = 0;
  if( token==0 || strlen(token)!=64 ) return ERR_NOTFOUND;
  char hash[65];
  util_sha256_hex(hash, token, 64);
  Stmt *q = db_prepare(db, "SELECT " PORTAL_COLS ", k.expires_at FROM portal_token k JOIN portal_ticket t ON t.id=k.ticket_id"
                           " WHERE k.token_hash=?1 AND k.expires_at>?2");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, hash);
  db_bind_int64(q, 2, time_now());
  int rc = ERR_NOTFOUND;
  if( db_step(q)==DB_ROW ){
    portal_row(q, t, a);
    int64_t until = db_col_int64(q, 12);
    t->link_expires = until<PORTAL_FOREVER ? until : 0;
    rc = OK;
  }
  db_reset(q);
  if( rc==OK ) rc = portal_case(db, t, c);
  return rc;
}

/* The ticket of a case opened through the portal. */
int portal_of_case(Db *db, int64_t case_id, PortalTicket *t, Arena *a){
  Stmt *q = db_prepare(db, "SELECT " PORTAL_COLS " FROM portal_ticket t WHERE t.case_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  int rc = ERR_NOTFOUND;
  if( db_step(q)==DB_ROW ){ portal_row(q, t, a); rc = OK; }
  db_reset(q);
  return rc;
}

/* The public thread of a ticket, oldest first. */
int portal_messages(Db *db, const PortalTicket *t, PortalMessage **rows, int *n, Arena *a){
  *rows = 0; *n = 0;
  Stmt *q = db_prepare(db, "SELECT id, at, coalesce(attachment_id, 0), author, body, attachment_name, by_user"
                           " FROM portal_message WHERE ticket_id=?1 ORDER BY id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, t->id);
  int cap = 0;
  while( db_step(q)==DB_ROW ){
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    PortalMessage *m = &(*rows)[(*n)++];
    m->id = db_col_int64(q, 0);
    m->at = db_col_int64(q, 1);
    m->attachment_id = db_col_int64(q, 2);
    m->author = arena_strdup(a, db_col_text(q, 3));
    m->body = arena_strdup(a, db_col_text(q, 4));
    m->attachment_name = arena_strdup(a, db_col_text(q, 5));
    m->by = arena_strdup(a, db_col_text(q, 6));
  }
  db_reset(q);
  return OK;
}

/* The staff who handle a ticket's case now (notice_case_staff), never its requester; *step_id
** the step a notice refers to. */
static int portal_staff(Db *db, const PortalTicket *t, NoticeRcpts *r, int64_t *step_id, Arena *a){
  r->except = t->email;                  /* a requester who is also on the staff is not told of their own act */
  return notice_case_staff(db, t->office_id, t->case_id, r, step_id, a);
}

/* Tell the staff r what the requester of a ticket did (kind "reply", what holding the reply's
** text and file, or "reopen", c reopened): a notice each on step step_id and an e-mail to those
** with an address, inside the caller's transaction. */
static int portal_tell_staff(Db *db, const PortalTicket *t, const Case *c, const char *kind, const NoticeRcpts *r,
                             int64_t step_id, const char *what, Arena *a){
  if( step_id==0 || r->n==0 ) return OK;
  int64_t now = time_now();
  Office o;
  int have_office = office_get(db, t->office_id, &o)==OK;
  char at[2][64], base[256], step_no[16];   /* the time said in Indonesian and in English */
  time_fmt_human(at[0], sizeof at[0], now, have_office ? o.tz : "WIB", "id");
  time_fmt_human(at[1], sizeof at[1], now, have_office ? o.tz : "WIB", "en");
  office_link_base(db, t->office_id, 0, base, sizeof base);   /* a staff page: the office's address, public_url … */
  snprintf(step_no, sizeof step_no, "%d", c->current_step);
  int reply = util_str_eq(kind, "reply");
  const char *vars[] = { "number", t->number, "subject", c->subject, "requester", t->name,
                         "body", what ? what : "", "step_no", step_no,
                         "link", arena_printf(a, "%R/kasus/%t", base, t->number),
                         "office", have_office ? o.name : "LPSE", "at", at[0], "at.en", at[1],
                         "step", portal_step_title(db, c, c->current_step, "id"),
                         "step.en", portal_step_title(db, c, c->current_step, "en"), "name", "", 0 };
  const int name_at = (int)COUNT(vars) - 2;   /* the recipient's name, set for each */
  Actor sys = { 0, "system", t->office_id, "" };
  Buf s = BUF_INIT, b = BUF_INIT;
  int rc = OK;
  for(int i=0; rc==OK && i<r->n; i++){
    rc = notice_add(db, t->office_id, t->case_id, step_id, 0, kind, now, r->v[i].id, r->v[i].for_id, 0);
    if( rc!=OK || *r->v[i].email==0 ) continue;
    vars[name_at] = r->v[i].name;
    char err[200];   /* each in their own language */
    if( mail_render_lang(reply ? "portal-requester-reply" : "portal-requester-reopen", r->v[i].lang, vars, &s, &b, err, sizeof err)!=OK ){
      log_error("portal: template: %s", err);
      continue;
    }
    Err e = {0};
    int mrc = mail_queue(db, &sys, t->office_id, r->v[i].email, buf_str(&s), buf_str(&b), 0, &e);
    if( mrc==ERR_INVALID ) log_warn("portal: no mail to %s: %s", r->v[i].username, e.msg ? err_en(&e) : "bad address");
    else rc = mrc;
  }
  buf_free(&s);
  buf_free(&b);
  return rc;
}

/* The requester adds a reply and/or a file on the portal, from address ip. */
int portal_reply(Db *db, const PortalTicket *t, Case *c, const char *body, const char *file_name,
                 const void *data, size_t n, size_t limit, const char *ip, Err *e){
  Actor who = portal_actor(t->office_id, ip);
  return portal_reply_as(db, &who, t, c, body, file_name, data, n, limit, e);
}

/* The actor of a requester's reply or reopening that came by mail to the help desk's mailbox. */
Actor portal_mail_actor(int64_t office_id){
  Actor a = { 0, PORTAL_MAIL_ACTOR, office_id, "" };
  return a;
}

/* The requester adds a reply and/or a file, as who (the portal's actor, or the mailbox's). */
int portal_reply_as(Db *db, const Actor *who_in, const PortalTicket *t, Case *c, const char *body, const char *file_name,
                    const void *data, size_t n, size_t limit, Err *e){
  if( util_blank(body) ) body = "";   /* spaces only: no text (a form's, as the JSON's is refused) */
  size_t bl = util_utf8_len(body);
  if( bl==0 && n==0 ){ ERR_SET(e, "body", N_("Write a reply or choose a file")); return ERR_INVALID; }
  if( bl>5000 ){ ERR_SET(e, "body", N_("The reply may have at most 5000 characters")); return ERR_INVALID; }
  Actor who = *who_in;
  Arena a;
  arena_init(&a);
  /* the case's status as it stands inside the transaction: staff may have closed it meanwhile */
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = case_refresh(db, c);
  if( rc==OK && (util_str_eq(c->status, "archived") || util_str_eq(c->status, "cancelled")) ){
    ERR_SET(e, "status", N_("This ticket no longer takes replies")); rc = ERR_CONFLICT;
  }
  if( rc==OK && util_str_eq(c->status, "closed") ){   /* no one works a closed case: the reply would go unread */
    ERR_SET(e, "status", N_("The ticket is closed: reopen it to write to the helpdesk again")); rc = ERR_CONFLICT;
  }
  Attachment att, *pa = 0;
  if( rc==OK && n>0 ){
    rc = attach_add(db, &who, c, file_name, data, n, limit, &att, &a, e);
    pa = &att;
  }
  if( rc==OK ) rc = portal_message_add(db, t, "requester", body ? body : "", pa, t->name, time_now());
  NoticeRcpts staff;
  int64_t step_id = 0;
  if( rc==OK ) rc = portal_staff(db, t, &staff, &step_id, &a);
  if( rc==OK ){
    /* the mail carries what was written, and the file's name */
    const char *what = body ? body : "";
    if( pa ) what = arena_printf(&a, "%R%R[berkas: %R]", what, *what ? "\n\n" : "", att.name);
    rc = portal_tell_staff(db, t, c, "reply", &staff, step_id, what, &a);
  }
  if( rc==OK ) rc = audit_write(db, &who, "portal.reply", arena_printf(&a, "case:%R", t->number),
                                pa ? arena_printf(&a, "file=%R", att.sha256) : "");
  rc = db_tx_end(db, own, rc);
  arena_free(&a);
  return rc;
}

/* The requester rates a closed case once per closing. */
int portal_rate(Db *db, const PortalTicket *t, Case *c, int score, const char *comment,
                const char *ip, Err *e){
  if( score<1 || score>5 ){ ERR_SET(e, "score", N_("The rating must be 1 to 5")); return ERR_INVALID; }
  if( util_utf8_len(comment)>2000 ){ ERR_SET(e, "comment", N_("The comment may have at most 2000 characters")); return ERR_INVALID; }
  Actor who = portal_actor(t->office_id, ip);
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = case_refresh(db, c);   /* as it stands inside the transaction: it may have been reopened meanwhile */
  if( rc==OK && !util_str_eq(c->status, "closed") && !util_str_eq(c->status, "archived") ){
    ERR_SET(e, "score", N_("A ticket can be rated once it is closed")); rc = ERR_CONFLICT;
  }
  if( rc!=OK ) return db_tx_end(db, own, rc);
  /* once per closing: the row changes only while it has no rating (a reopen clears it), inside
  ** the write transaction */
  int64_t now = time_now();
  Stmt *q = db_prepare(db, "UPDATE portal_ticket SET rating=?1, rating_comment=?2, rated_at=?3"
                           " WHERE id=?4 AND rating IS NULL");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int(q, 1, score);
  db_bind_text(q, 2, comment ? comment : "");
  db_bind_int64(q, 3, now);
  db_bind_int64(q, 4, t->id);
  rc = db_run(q);
  if( rc==OK && db_changes(db)==0 ){ ERR_SET(e, "score", N_("This ticket has already been rated")); rc = ERR_CONFLICT; }
  if( rc==OK ){
    q = db_prepare(db, "INSERT INTO portal_rating(office_id, ticket_id, score, comment, rated_at) VALUES(?1,?2,?3,?4,?5)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, t->office_id);
      db_bind_int64(q, 2, t->id);
      db_bind_int(q, 3, score);
      db_bind_text(q, 4, comment ? comment : "");
      db_bind_int64(q, 5, now);
      rc = db_run(q);
    }
  }
  char obj[96], detail[32];
  snprintf(obj, sizeof obj, "case:%.80s", t->number);
  snprintf(detail, sizeof detail, "score=%d", score);
  if( rc==OK ) rc = audit_write(db, &who, "portal.rate", obj, detail);
  return db_tx_end(db, own, rc);
}

/* Every rating given to a ticket, the oldest first. */
int portal_ratings(Db *db, const PortalTicket *t, PortalRating **rows, int *n, Arena *a){
  *rows = 0; *n = 0;
  Stmt *q = db_prepare(db, "SELECT rated_at, score, comment FROM portal_rating WHERE ticket_id=?1 ORDER BY rated_at, id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, t->id);
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    PortalRating *g = &(*rows)[(*n)++];
    g->rated_at = db_col_int64(q, 0);
    g->score = db_col_int(q, 1);
    g->comment = arena_strdup(a, db_col_text(q, 2));
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* A case reopened (case_reopen_hook_add): its ticket's rating was the closing's; the next closing is rated anew. */
int portal_on_reopen(Db *db, const Actor *who, Case *c, Err *e){
  (void)who; (void)e;
  Stmt *q = db_prepare(db, "UPDATE portal_ticket SET rating=NULL, rating_comment='', rated_at=NULL"
                           " WHERE case_id=?1 AND rating IS NOT NULL");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  return db_run(q);
}

/* The step of a case open now (0: none). */
static int64_t portal_open_step(const Case *c){
  for(int i=c->nsteps-1; i>=0; i--) if( c->steps[i].done_at==0 ) return c->steps[i].id;
  return 0;
}

/* 1 when the requester may reopen the case from the portal: a question or problem the help
** desk answers (OI-02, BTG-017), not a visit, a verification, an account or a training. */
int portal_reopenable(const Case *c){
  return util_str_eq(c->sop_code, "SOP 02/LPSE.OI/2012") || util_str_eq(c->sop_code, "SOP-LPSE.BTG-017");
}

/* The requester reopens a closed case on the portal, from address ip. */
int portal_reopen(Db *db, const PortalTicket *t, Case *c, const char *ip, int *done, Err *e){
  Actor who = portal_actor(t->office_id, ip);
  return portal_reopen_as(db, &who, t, c, done, e);
}

/* The requester reopens a closed case, as who; the staff who finished it are told. Open already: nothing to do. */
int portal_reopen_as(Db *db, const Actor *who_in, const PortalTicket *t, Case *c, int *done, Err *e){
  *done = 0;
  if( !portal_reopenable(c) ){ ERR_SET(e, "status", N_("This case is not reopened from the portal: contact the office")); return ERR_CONFLICT; }
  Actor who = *who_in;
  Arena a;
  arena_init(&a);
  NoticeRcpts staff;
  int64_t last_step = 0;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = case_refresh(db, c);   /* as it stands inside the transaction (staff may have cancelled it) */
  /* a reopen posted twice (a double click, a retry after a lost answer) finds the ticket open:
  ** what was asked holds, so it is answered as done, without a second reopen or audit row */
  if( rc==OK && util_str_eq(c->status, "open") ){ arena_free(&a); return db_tx_end(db, own, OK); }
  if( rc==OK && !util_str_eq(c->status, "closed") ){ ERR_SET(e, "status", N_("Only a closed ticket can be reopened")); rc = ERR_CONFLICT; }
  /* who is told is read once the step starts again: the one it went back to (case_reopen) */
  if( rc==OK ) rc = case_reopen(db, &who, c, e);
  if( rc==OK ) rc = portal_staff(db, t, &staff, &last_step, &a);
  if( rc==OK ) rc = portal_tell_staff(db, t, c, "reopen", &staff, portal_open_step(c), 0, &a);
  rc = db_tx_end(db, own, rc);
  if( rc==OK ) *done = 1;
  arena_free(&a);
  return rc;
}

/* A closed ticket reopened by its requester's mail to the help desk's mailbox (see portal.h): they
** are told so by mail, as the portal's page tells one reopened there. */
int portal_mail_reopened(Db *db, const Actor *who, const PortalTicket *t, const Case *c, Err *e){
  if( t->email==0 || *t->email==0 ) return OK;
  Arena a;
  arena_init(&a);
  const char *vars[] = { "name", t->name, "number", t->number, "subject", c->subject,
                         "track", portal_track_url(db, 0, t->office_id, t->number, &a),
                         "office", portal_office_name(db, t->office_id, &a), 0 };
  Buf s = BUF_INIT, b = BUF_INIT;
  char err[128];
  int rc = mail_render_lang("email-reopened", t->lang, vars, &s, &b, err, sizeof err);
  if( rc==OK ) rc = mail_queue(db, who, t->office_id, t->email, buf_str(&s), buf_str(&b), 0, e);
  buf_free(&s);
  buf_free(&b);
  arena_free(&a);
  return rc;
}

/* A case closed or cancelled (case_close_hook_add): when it came through the portal, its
** requester is told by e-mail, with the tracking page where the history is and the rating is
** given — in the transaction of the close. */
int portal_on_close(Db *db, const Actor *who, const Case *c, Err *e){
  Arena a;
  arena_init(&a);
  PortalTicket t;
  int rc = portal_of_case(db, c->id, &t, &a);
  if( rc==ERR_NOTFOUND || (rc==OK && *t.email==0) ){ arena_free(&a); return OK; }
  if( rc!=OK ){ arena_free(&a); return rc; }
  int cancelled = util_str_eq(c->status, "cancelled");
  char at[64];
  Office o;
  time_fmt_human(at, sizeof at, time_now(), office_get(db, t.office_id, &o)==OK ? o.tz : "WIB", t.lang);
  const char *vars[] = { "name", t.name, "number", t.number, "subject", c->subject, "at", at,
                         "reason", c->cancel_reason ? c->cancel_reason : "",
                         "track", portal_track_url(db, 0, t.office_id, t.number, &a),
                         "office", portal_office_name(db, t.office_id, &a), 0 };
  Buf s = BUF_INIT, b = BUF_INIT;
  char err[128];
  rc = mail_render_lang(cancelled ? "portal-cancelled" : "portal-closed", t.lang, vars, &s, &b, err, sizeof err);
  if( rc==OK ) rc = mail_queue(db, who, t.office_id, t.email, buf_str(&s), buf_str(&b), 0, e);
  buf_free(&s);
  buf_free(&b);
  arena_free(&a);
  return rc;
}

/* Staff answer the requester in the public thread; the requester is e-mailed. */
int portal_staff_reply(Db *db, const Actor *who, const Case *c, const char *body,
                       const char *base_url, Err *e){
  size_t bl = util_utf8_len(body);
  if( bl==0 ){ ERR_SET(e, "body", N_("Write the answer")); return ERR_INVALID; }
  if( bl>5000 ){ ERR_SET(e, "body", N_("The reply may have at most 5000 characters")); return ERR_INVALID; }
  Arena a;
  arena_init(&a);
  PortalTicket t;
  int rc = portal_of_case(db, c->id, &t, &a);
  if( rc!=OK ){ arena_free(&a); ERR_SET(e, "case", N_("This case did not come through the portal")); return rc; }
  int own;
  rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = portal_message_add(db, &t, "staff", body, 0, who->username ? who->username : "system", time_now());
  if( rc==OK && *t.email ){
    const char *vars[] = { "name", t.name, "number", t.number, "subject", c->subject, "body", body,
                           "track", portal_track_url(db, base_url ? base_url : "", t.office_id, t.number, &a),
                           "office", portal_office_name(db, t.office_id, &a), 0 };
    Buf s = BUF_INIT, b = BUF_INIT;
    char err[128];
    rc = mail_render_lang("portal-reply", t.lang, vars, &s, &b, err, sizeof err);
    if( rc==OK ) rc = mail_queue(db, who, t.office_id, t.email, buf_str(&s), buf_str(&b), 0, e);
    buf_free(&s);
    buf_free(&b);
  }
  if( rc==OK ) rc = audit_write(db, who, "portal.answer", arena_printf(&a, "case:%R", t.number), "");
  rc = db_tx_end(db, own, rc);
  arena_free(&a);
  return rc;
}

/* The office a public request is for: the one whose code is given, else the first. */
int portal_office(Db *db, const char *code, Office *o){
  if( code && *code ) return office_by_code(db, code, o);
  return office_first(db, o);
}

/* The title of step no of a case's procedure in a language. */
const char *portal_step_title(Db *db, const Case *c, int no, const char *lang){
  const Procedure *p = case_procedure(db, c->procedure_id);
  const Step *s = p ? procedure_step(p, no) : 0;
  if( s==0 ) return "";
  if( util_str_eq(lang, "en") && s->text_en && *s->text_en ) return s->text_en;
  return s->text ? s->text : "";
}

/* The time standard of step no of a case's procedure in words, in a language, written to out
** ("10 menit jam kerja"); "" when the step has none. */
const char *portal_step_standard(Db *db, const Case *c, int no, const char *lang, char *out, size_t n){
  const Procedure *p = case_procedure(db, c->procedure_id);
  const Step *s = p ? procedure_step(p, no) : 0;
  if( n ) *out = 0;
  if( s && s->std.kind!=STD_NONE ) sop_standard_text(&s->std, lang, out, n);
  return out;
}

/* The ticket as the requester sees it. */
void portal_json(Buf *b, Db *db, const PortalTicket *t, const Case *c, const PortalMessage *m, int nm,
                 const char *lang){
  char at[32];
  time_fmt_iso(at, sizeof at, t->created_at);
  const char *st = c->status;
  buf_printf(b, "{\"number\":%J,\"subject\":%J,\"status\":%J,\"created_at\":%J,\"name\":%J,\"steps\":[",
             t->number, c->subject, st, at, t->name);
  for(int i=0; i<c->nsteps; i++){
    const CaseStep *s = &c->steps[i];
    char a1[32], a2[32], a3[32], std[160];
    time_fmt_iso(a1, sizeof a1, s->started_at);
    if( s->done_at ) time_fmt_iso(a2, sizeof a2, s->done_at);
    if( s->due_at ) time_fmt_iso(a3, sizeof a3, s->due_at);
    portal_step_standard(db, c, s->no, lang, std, sizeof std);
    buf_printf(b, "%R{\"no\":%d,\"title\":%J,\"standard\":%J,\"started_at\":%J,\"due_at\":%J,\"done_at\":%J}",
               i ? "," : "", s->no, portal_step_title(db, c, s->no, lang), *std ? std : 0, a1, s->due_at ? a3 : 0,
               s->done_at ? a2 : 0);
  }
  buf_puts(b, "],\"messages\":[");
  for(int i=0; i<nm; i++){
    char a1[32];
    time_fmt_iso(a1, sizeof a1, m[i].at);
    char fid[24] = "null";
    if( m[i].attachment_id ) snprintf(fid, sizeof fid, "%lld", (long long)m[i].attachment_id);
    buf_printf(b, "%R{\"author\":%J,\"body\":%J,\"at\":%J,\"file\":%J,\"file_id\":%R}", i ? "," : "", m[i].author, m[i].body,
               a1, *m[i].attachment_name ? m[i].attachment_name : 0, fid);
  }
  /* the case's escalations to LKPP as its e-mails told them: not what the office wrote LKPP */
  buf_puts(b, "],\"escalations\":[");
  Arena a;
  arena_init(&a);
  Escalation *x;
  int nx = 0, k = 0;
  if( escalation_list(db, c, &x, &nx, &a)==OK ){
    for(int i=0; i<nx; i++){
      if( x[i].case_id!=c->id ) continue;   /* one another office sent to this case is not its requester's */
      char a1[32], a2[32];
      time_fmt_iso(a1, sizeof a1, x[i].created_at);
      if( x[i].answered_at ) time_fmt_iso(a2, sizeof a2, x[i].answered_at);
      int external = util_str_eq(x[i].mode, "external"), open = util_str_eq(x[i].status, "open");
      buf_printf(b, "%R{\"at\":%J,\"lkpp_ticket\":%J,\"lkpp_case\":%J,\"status\":%J,\"answered_at\":%J,\"answer\":%J}",
                 k++ ? "," : "", a1, external ? x[i].external_ticket : 0, external ? 0 : x[i].national_case_number, x[i].status,
                 open ? 0 : a2, open ? 0 : x[i].answer);
    }
  }
  arena_free(&a);
  buf_puts(b, "],\"rating\":");
  if( t->rating ) buf_printf(b, "{\"score\":%d,\"comment\":%J}", t->rating, t->rating_comment);
  else buf_puts(b, "null");
  int closed = util_str_eq(st, "closed");
  buf_printf(b, ",\"can_rate\":%R,\"can_reopen\":%R}", closed && t->rating==0 ? "true" : "false",
             closed && portal_reopenable(c) ? "true" : "false");
}
