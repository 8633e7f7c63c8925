/*
** accounts.c — the register of SPSE accounts: each account's user ID, kind,
** holder and agency (directory entries), decree and validity, and status with
** a history row for every change (who, when, on which request); the office's
** year-end rule and the batch that deactivates PPK accounts in one transaction.
*/
#include "accounts.h"
#include "directory.h"
#include "desk.h"
#include "../mail/mail.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const account_kinds[] = { "penyedia", "ppk", "pokja", "pejabat_pengadaan", "other", 0 };

/* The kind ("person" | "org") and parent of a directory entry. */
static int party_kind(Db *db, int64_t id, char kind[8], int64_t *parent){
  Stmt *q = db_prepare(db, "SELECT kind, coalesce(parent_id,0) FROM party WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  int rc = db_step(q);
  if( rc==DB_ROW ){
    snprintf(kind, 8, "%s", db_col_text(q, 0));
    *parent = db_col_int64(q, 1);
  }
  db_reset(q);
  return rc==DB_ROW ? OK : ERR_NOTFOUND;
}

/* Append one history row of an account. */
static int account_event(Db *db, const Actor *who, int64_t office_id, int64_t id, int64_t now, const char *action,
                         const char *from, const char *to, int64_t case_id, const char *reason){
  Stmt *q = db_prepare(db, "INSERT INTO account_event(office_id, account_id, at, by_user, action, from_status, to_status,"
                           " case_id, reason) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, id);
  db_bind_int64(q, 3, now);
  db_bind_text(q, 4, who && who->username ? who->username : "system");
  db_bind_text(q, 5, action);
  db_bind_text(q, 6, from);
  db_bind_text(q, 7, to);
  if( case_id ) db_bind_int64(q, 8, case_id); else db_bind_null(q, 8);
  db_bind_text(q, 9, util_blank(reason) ? 0 : reason);
  return db_run(q);
}

/* The validity of a decree: each day real (YYYY-MM-DD), the end not before the start; what is
** wrong with each added to e. */
int account_validity_check(const char *from, const char *until, Err *e){
  int rc = OK;
  if( !util_blank(from) && !time_is_day(from) ){ err_add(e, "valid_from", N_("must be a date YYYY-MM-DD")); rc = ERR_INVALID; }
  if( !util_blank(until) && !time_is_day(until) ){ err_add(e, "valid_until", N_("must be a date YYYY-MM-DD")); rc = ERR_INVALID; }
  if( rc==OK && !util_blank(from) && !util_blank(until) && strcmp(until, from)<0 ){
    err_add(e, "valid_until", N_("must not be before the date the account is valid from")); rc = ERR_INVALID;
  }
  return rc;
}

/* Check an account to enter as account_create does: its fields, and its holder and agency in the
** directory (a read, nothing written); every field wrong is added to e, *holder and *agency are
** the entries found (the agency: the holder's when none is given). */
int account_create_check(Db *db, int64_t office_id, const AccountIn *in, int64_t *holder_out, int64_t *agency_out, Err *e){
  Err all = {0};
  if( util_blank(in->user_id) ) err_add(&all, "user_id", N_("is required"));
  else if( strlen(in->user_id)>64 ) err_add_n(&all, "user_id", N_("is too long: at most %d characters"), 64);
  else for(const char *p = in->user_id; *p; p++){
    if( !((*p>='a' && *p<='z') || (*p>='A' && *p<='Z') || (*p>='0' && *p<='9') || *p=='.' || *p=='_' || *p=='-') ){
      err_add(&all, "user_id", N_("may hold only letters, digits, dot, dash and underscore"));
      break;
    }
  }
  if( util_blank(in->kind) ) err_add(&all, "kind", N_("is required"));
  else if( !util_in_list(account_kinds, in->kind) ) err_add(&all, "kind", N_("must be penyedia, ppk, pokja, pejabat_pengadaan or other"));
  if( util_blank(in->holder) ) err_add(&all, "holder", N_("is required"));
  account_validity_check(in->valid_from, in->valid_until, &all);
  if( util_utf8_len(in->sk_number)>128 ) err_add_n(&all, "sk_number", N_("is too long: at most %d characters"), 128);
  else err_check_text(&all, "sk_number", in->sk_number, 128, 0);
  Arena a;
  arena_init(&a);
  /* the holder and the agency in the directory, each named when it is not there */
  int64_t holder = 0, agency = 0, holder_agency = 0;
  char kind[8] = "";
  if( !util_blank(in->holder) && (party_resolve(db, office_id, in->holder, &holder)!=OK
   || party_kind(db, holder, kind, &holder_agency)!=OK || strcmp(kind, "person")) ){
    err_add(&all, "holder", N_("is not a person of the directory"));
  }
  if( !util_blank(in->agency) ){
    if( party_resolve(db, office_id, in->agency, &agency)!=OK ){
      PartyFilter f = { office_id, in->agency, "org", "", 0, 0, 2 };
      Party *rows; int n = 0;
      if( party_search(db, &f, &rows, &n, &a)==OK && n==1 ) agency = rows[0].id;
    }
    int64_t up;
    if( agency==0 || party_kind(db, agency, kind, &up)!=OK || strcmp(kind, "org") ){
      err_add(&all, "agency", N_("is not an organisation of the directory: add or import that organisation first"));
    }
  }else{
    agency = holder_agency;
  }
  arena_free(&a);
  *holder_out = holder;
  *agency_out = agency;
  err_merge(e, &all);
  return all.msg ? ERR_INVALID : OK;
}

/* Add an account to the register. */
int account_create(Db *db, const Actor *who, int64_t office_id, const AccountIn *in, int64_t case_id,
                   int64_t *id, Err *e){
  *id = 0;
  int own;
  int rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  /* every field wrong named at once; the holder and the agency read in the transaction */
  int64_t holder = 0, agency = 0;
  Err all = {0};
  if( account_create_check(db, office_id, in, &holder, &agency, &all) ){ if( e ) *e = all; rc = ERR_INVALID; }
  int64_t now = time_now();
  if( rc==OK ){
    /* SPSE signs in whatever the case of the letters: YUSUF.POKJA is yusuf.pokja */
    Stmt *q = db_prepare(db, "SELECT 1 FROM account WHERE office_id=?1 AND lower(user_id)=lower(?2)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, office_id);
      db_bind_text(q, 2, in->user_id);
      if( db_step(q)==DB_ROW ){ ERR_SET(e, "user_id", N_("is already in the register")); rc = ERR_CONFLICT; }
      db_reset(q);
    }
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "INSERT INTO account(office_id, user_id, kind, holder_id, agency_id, sk_number, valid_from,"
                             " valid_until, status, created_at, updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,'active',?9,?9)"
                             " ON CONFLICT(office_id, user_id) DO NOTHING RETURNING id");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, office_id);
      db_bind_text(q, 2, in->user_id);
      db_bind_text(q, 3, in->kind);
      db_bind_int64(q, 4, holder);
      if( agency ) db_bind_int64(q, 5, agency); else db_bind_null(q, 5);
      db_bind_text(q, 6, util_blank(in->sk_number) ? 0 : in->sk_number);
      db_bind_text(q, 7, util_blank(in->valid_from) ? 0 : in->valid_from);
      db_bind_text(q, 8, util_blank(in->valid_until) ? 0 : in->valid_until);
      db_bind_int64(q, 9, now);
      int s = db_step(q);
      if( s==DB_ROW ) *id = db_col_int64(q, 0);
      else if( s==DB_DONE ){ ERR_SET(e, "user_id", N_("is already in the register")); rc = ERR_CONFLICT; }
      else rc = db_last_error(db);
      db_reset(q);
    }
  }
  if( rc==OK ) rc = account_event(db, who, office_id, *id, now, "create", 0, "active", case_id, 0);
  if( rc==OK ){
    char detail[200];
    snprintf(detail, sizeof detail, "%s, holder party/%lld", in->kind, (long long)holder);
    rc = audit_write(db, who, "account.create", in->user_id, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Check a status change's own fields (the status, the reason's length), nothing read or written:
** every one wrong is added to e. */
int account_status_check(const char *status, const char *reason, Err *e){
  Err all = {0};
  if( util_blank(status) || (strcmp(status, "active") && strcmp(status, "inactive")) ) err_add(&all, "status", N_("must be active or inactive"));
  if( util_utf8_len(reason)>500 ) err_add_n(&all, "reason", N_("is too long: at most %d characters"), 500);
  err_merge(e, &all);
  return all.msg ? ERR_INVALID : OK;
}

/* Begin a change of account id: its transaction (own as db_tx_begin gives it; -1 when it could
** not begin, nothing to end), the arena a, the account read into c (its strings "" when it is
** not found: rc ERR_NOTFOUND). */
static int account_begin(Db *db, int64_t office_id, int64_t id, int *own, Account *c, Arena *a){
  static const Account none = { .user_id = "", .kind = "", .status = "", .sk_number = "", .valid_from = "", .valid_until = "" };
  *c = none;
  int rc = db_tx_begin(db, own);
  if( rc!=OK ){ *own = -1; return rc; }
  arena_init(a);
  rc = account_get(db, office_id, id, c, a);
  if( rc!=OK ) *c = none;
  return rc;
}

/* Set an account's status, with its history row and audit row. */
int account_set_status(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *status,
                       int64_t case_id, const char *reason, Err *e){
  if( account_status_check(status, reason, e) ) return ERR_INVALID;
  int own;
  Arena a;
  Account c;
  int rc = account_begin(db, office_id, id, &own, &c, &a);
  if( own<0 ) return rc;
  if( rc==OK && strcmp(c.status, status)==0 ){ ERR_SET(e, "status", strcmp(status, "active")==0 ? N_("is active already") : N_("is inactive already")); rc = ERR_CONFLICT; }
  int64_t now = time_now();
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE account SET status=?1, updated_at=?2 WHERE id=?3 AND office_id=?4");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_text(q, 1, status);
      db_bind_int64(q, 2, now);
      db_bind_int64(q, 3, id);
      db_bind_int64(q, 4, office_id);
      rc = db_run(q);
    }
  }
  if( rc==OK ) rc = account_event(db, who, office_id, id, now, strcmp(status, "active")==0 ? "activate" : "deactivate",
                                  c.status, status, case_id, reason);
  if( rc==OK ){
    char detail[600];
    snprintf(detail, sizeof detail, "%s -> %s%s%.500s", c.status, status, util_blank(reason) ? "" : ": ", reason ? reason : "");
    rc = audit_write(db, who, strcmp(status, "active")==0 ? "account.activate" : "account.deactivate", c.user_id, detail);
  }
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* Renew an account's decree (SK) from a request carried out (a reactivation on a new
** appointment letter): what is given replaces what the account held, with its history row
** ("decree") and audit row; nothing given or nothing different changes nothing. */
int account_set_decree(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *sk_number,
                       const char *valid_from, const char *valid_until, int64_t case_id, Err *e){
  if( util_blank(sk_number) && util_blank(valid_from) && util_blank(valid_until) ) return OK;
  if( account_validity_check(valid_from, valid_until, e)!=OK ) return ERR_INVALID;
  int own;
  Arena a;
  Account c;
  int rc = account_begin(db, office_id, id, &own, &c, &a);
  if( own<0 ) return rc;
  /* each part given replaces its own; a part not given stays as it was */
  const char *sk = util_blank(sk_number) ? c.sk_number : sk_number;
  const char *from = util_blank(valid_from) ? c.valid_from : valid_from;
  const char *until = util_blank(valid_until) ? c.valid_until : valid_until;
  int same = rc==OK && strcmp(sk, c.sk_number)==0 && strcmp(from, c.valid_from)==0 && strcmp(until, c.valid_until)==0;
  int64_t now = time_now();
  if( rc==OK && !same ){
    Stmt *q = db_prepare(db, "UPDATE account SET sk_number=?1, valid_from=?2, valid_until=?3, updated_at=?4 WHERE id=?5 AND office_id=?6");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_text(q, 1, *sk ? sk : 0);
      db_bind_text(q, 2, *from ? from : 0);
      db_bind_text(q, 3, *until ? until : 0);
      db_bind_int64(q, 4, now);
      db_bind_int64(q, 5, id);
      db_bind_int64(q, 6, office_id);
      rc = db_run(q);
    }
  }
  char was[300], is[300];
  snprintf(was, sizeof was, "%s %s..%s", *c.sk_number ? c.sk_number : "-", *c.valid_from ? c.valid_from : "?", *c.valid_until ? c.valid_until : "?");
  snprintf(is, sizeof is, "%s %s..%s", *sk ? sk : "-", *from ? from : "?", *until ? until : "?");
  if( rc==OK && !same ) rc = account_event(db, who, office_id, id, now, "decree", 0, 0, case_id, is);
  if( rc==OK && !same ){
    char detail[700];
    snprintf(detail, sizeof detail, "%s -> %s", was, is);
    rc = audit_write(db, who, "account.decree", c.user_id, detail);
  }
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

#define ACCOUNT_COLS "c.id, c.holder_id, coalesce(c.agency_id,0), c.created_at, c.updated_at, c.user_id, c.kind, c.status," \
  " coalesce(c.sk_number,''), coalesce(c.valid_from,''), coalesce(c.valid_until,''), h.name, coalesce(h.nip,'')," \
  " coalesce(h.email,''), coalesce(g.name,''), coalesce(g.email,'')"
#define ACCOUNT_FROM " FROM account c JOIN party h ON h.id=c.holder_id LEFT JOIN party g ON g.id=c.agency_id"

/* Read a row of ACCOUNT_COLS. */
static void account_row(Stmt *q, Account *c, Arena *a){
  c->id = db_col_int64(q, 0);
  c->holder_id = db_col_int64(q, 1);
  c->agency_id = db_col_int64(q, 2);
  c->created_at = db_col_int64(q, 3);
  c->updated_at = db_col_int64(q, 4);
  const char **s[] = { &c->user_id, &c->kind, &c->status, &c->sk_number, &c->valid_from, &c->valid_until,
                       &c->holder_name, &c->holder_nip, &c->holder_email, &c->agency_name, &c->agency_email };
  for(size_t i=0; i<COUNT(s); i++) *s[i] = arena_strdup(a, db_col_text(q, 5+(int)i));
}

/* The accounts of q's rows (its bound parameters set), in rows; resets q. */
static int account_rows(Stmt *q, Account **rows, int *n, Arena *a){
  int cap = 0, rc;
  Account *v = 0;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    account_row(q, &v[(*n)++], a);
  }
  db_reset(q);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}

/* One account of the office. */
int account_get(Db *db, int64_t office_id, int64_t id, Account *out, Arena *a){
  Stmt *q = db_prepare(db, "SELECT " ACCOUNT_COLS ACCOUNT_FROM " WHERE c.office_id=?1 AND c.id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, id);
  int rc = db_step(q);
  if( rc==DB_ROW ) account_row(q, out, a);
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* The account of a user ID (the case of its letters aside, as SPSE reads it), or of an id in digits. */
int account_resolve(Db *db, int64_t office_id, const char *ref, int64_t *id){
  *id = 0;
  if( util_blank(ref) ) return ERR_NOTFOUND;
  Stmt *q = db_prepare(db, "SELECT id FROM account WHERE office_id=?1 AND (lower(user_id)=lower(?2) OR CAST(id AS TEXT)=?2)"
                           " ORDER BY CASE WHEN user_id=?2 THEN 0 WHEN lower(user_id)=lower(?2) THEN 1 ELSE 2 END LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, ref);
  int rc = db_step(q);
  if( rc==DB_ROW ) *id = db_col_int64(q, 0);
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* Check the filter's who: blank, or a NIP or an e-mail address (else e names who: a NIP typed wrong
** would find no account, as if the holder had none). */
int account_who_check(const char *who, Err *e){
  if( util_blank(who) ) return OK;
  Err ie = {0};
  if( ident_nip(who, &ie)==OK || ident_email(who, &ie)==OK ) return OK;
  ERR_SET(e, "who", N_("must be a NIP or an e-mail address"));
  return ERR_INVALID;
}

/* Accounts of the office, newest first, as the filter says. */
int account_list(Db *db, const AccountFilter *f, Account **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  const char *fq = db_search_text(a, f->q);   /* "budi  santoso" finds "Budi Santoso" */
  const char *like = util_blank(fq) ? "" : db_like(a, fq, DB_LIKE_WITHIN, 1);
  char who[140] = "";
  if( !util_blank(f->who) ){
    ident_nip_text(f->who, who, sizeof who);
    for(char *p = who; *p; p++) if( *p>='A' && *p<='Z' ) *p = (char)(*p - 'A' + 'a');
  }
  Stmt *q = db_prepare(db, "SELECT " ACCOUNT_COLS ACCOUNT_FROM " WHERE c.office_id=?1"
                           " AND (?2='' OR lower(c.user_id) LIKE ?2 ESCAPE '\\' OR lower(h.name) LIKE ?2 ESCAPE '\\')"
                           " AND (?3='' OR c.kind=?3) AND (?4='' OR c.status=?4)"
                           " AND (?5='' OR h.nip=?5 OR lower(h.email)=?5)"
                           " AND (?6=0 OR c.holder_id=?6 OR c.agency_id=?6) AND (?7=0 OR c.id<?7)"
                           " ORDER BY c.id DESC LIMIT ?8");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, f->office_id);
  db_bind_text(q, 2, like);
  db_bind_text(q, 3, f->kind ? f->kind : "");
  db_bind_text(q, 4, f->status ? f->status : "");
  db_bind_text(q, 5, who);
  db_bind_int64(q, 6, f->party_id);
  db_bind_int64(q, 7, f->before);
  db_bind_int(q, 8, f->limit>0 && f->limit<=1001 ? f->limit : 100);
  return account_rows(q, rows, n, a);
}

/* The history of an account, oldest first. */
int account_history(Db *db, int64_t office_id, int64_t id, AccountEvent **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT e.at, e.by_user, e.action, coalesce(e.from_status,''), coalesce(e.to_status,''),"
                           " coalesce(k.number,''), coalesce(e.reason,'') FROM account_event e"
                           " LEFT JOIN kasus k ON k.id=e.case_id WHERE e.office_id=?1 AND e.account_id=?2 ORDER BY e.id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, id);
  int cap = 0, rc;
  AccountEvent *v = 0;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    AccountEvent *w = &v[(*n)++];
    w->at = db_col_int64(q, 0);
    w->by = arena_strdup(a, db_col_text(q, 1));
    w->action = arena_strdup(a, db_col_text(q, 2));
    w->from_status = arena_strdup(a, db_col_text(q, 3));
    w->to_status = arena_strdup(a, db_col_text(q, 4));
    w->case_number = arena_strdup(a, db_col_text(q, 5));
    w->reason = arena_strdup(a, db_col_text(q, 6));
  }
  db_reset(q);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}

/* ---- year end ---- */

/* The office's year-end rule and link lifetime (defaults: expired, 72 hours). */
int account_policy(Db *db, int64_t office_id, char rule[8], int *link_hours){
  snprintf(rule, 8, "expired");
  *link_hours = 72;
  Stmt *q = db_prepare(db, "SELECT year_end_rule, link_hours FROM account_policy WHERE office_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  if( db_step(q)==DB_ROW ){
    snprintf(rule, 8, "%s", db_col_text(q, 0));
    *link_hours = db_col_int(q, 1);
  }
  db_reset(q);
  return OK;
}

/* Set the office's year-end rule and link lifetime (audited). */
int account_policy_set(Db *db, const Actor *who, int64_t office_id, const char *rule, int link_hours, Err *e){
  if( util_blank(rule) || (strcmp(rule, "expired") && strcmp(rule, "all")) ){ ERR_SET(e, "year_end_rule", N_("must be expired or all")); return ERR_INVALID; }
  if( link_hours<1 || link_hours>720 ){ ERR_SET(e, "link_hours", N_("must be between 1 and 720")); return ERR_INVALID; }
  int own;
  int rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "INSERT INTO account_policy(office_id, year_end_rule, link_hours) VALUES(?1,?2,?3)"
                           " ON CONFLICT(office_id) DO UPDATE SET year_end_rule=excluded.year_end_rule, link_hours=excluded.link_hours");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, rule);
    db_bind_int(q, 3, link_hours);
    rc = db_run(q);
  }
  if( rc==OK ){
    char detail[64];
    snprintf(detail, sizeof detail, "year_end_rule %s, link_hours %d", rule, link_hours);
    rc = audit_write(db, who, "account.policy", "account_policy", detail);
  }
  return db_tx_end(db, own, rc);
}

/* The active PPK accounts the rule deactivates today. */
int account_year_end_list(Db *db, int64_t office_id, const char *today, const char *rule,
                          Account **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  char own_rule[8];
  int hours;
  if( rule==0 ){ account_policy(db, office_id, own_rule, &hours); rule = own_rule; }
  Stmt *q = db_prepare(db, "SELECT " ACCOUNT_COLS ACCOUNT_FROM " WHERE c.office_id=?1 AND c.kind='ppk' AND c.status='active'"
                           " AND (?2='all' OR (c.valid_until IS NOT NULL AND c.valid_until<?3)) ORDER BY g.name, c.user_id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, rule);
  db_bind_text(q, 3, today);
  return account_rows(q, rows, n, a);
}

/* Queue one notice from a template (a holder's or an agency's). */
static int year_end_mail(Db *db, const Actor *who, int64_t office_id, const char *tmpl, const char *to,
                         const char *const *vars){
  Buf s = BUF_INIT, b = BUF_INIT;
  char err[128];
  Err e = {0};
  int rc = mail_render_lang(tmpl, mail_lang(0), vars, &s, &b, err, sizeof err);   /* the office's default: no one chose */
  if( rc==OK ) rc = mail_queue(db, who, office_id, to, buf_str(&s), buf_str(&b), 0, &e);
  if( rc==ERR_INVALID && e.field ) rc = OK;   /* an address the directory took but mail refuses: no notice */
  buf_free(&s);
  buf_free(&b);
  return rc;
}

/* Deactivate the listed accounts in one transaction, with their notices. */
int account_year_end(Db *db, const Actor *who, int64_t office_id, const char *today, const char *rule,
                     int expect, int *count, Err *e){
  *count = 0;
  if( rule && strcmp(rule, "expired") && strcmp(rule, "all") ){ ERR_SET(e, "rule", N_("must be expired or all")); return ERR_INVALID; }
  Arena a;
  arena_init(&a);
  Office off;
  if( office_get(db, office_id, &off)!=OK ){ arena_free(&a); return ERR_NOTFOUND; }
  int own;
  int rc = db_tx_begin(db, &own);
  Account *rows = 0;
  int n = 0;
  if( rc==OK ) rc = account_year_end_list(db, office_id, today, rule, &rows, &n, &a);
  char day[48];   /* the mails say the day as people write it */
  time_fmt_day(day, sizeof day, today, mail_lang(0));
  if( rc==OK && expect>=0 && n!=expect ){
    ERR_SET(e, "expect", N_("the list has changed since it was reviewed; review it again"));
    rc = ERR_CONFLICT;
  }
  int64_t now = time_now();
  const char *reason = N_("year end (BTG-019 step 5)");   /* a msgid: the account page shows it translated */
  for(int i=0; rc==OK && i<n; i++){
    Account *c = &rows[i];
    /* prepared (a cache lookup) and run once per row: a statement is never left un-reset */
    Stmt *up = db_prepare(db, "UPDATE account SET status='inactive', updated_at=?1 WHERE id=?2");
    db_bind_int64(up, 1, now);
    db_bind_int64(up, 2, c->id);
    rc = db_run(up);
    if( rc==OK ) rc = account_event(db, who, office_id, c->id, now, "deactivate", "active", "inactive", 0, reason);
    if( rc==OK ) rc = audit_write(db, who, "account.deactivate", c->user_id, "active -> inactive: year end (BTG-019 step 5)");
    if( rc==OK && c->holder_email[0] ){
      const char *vars[] = { "name", c->holder_name, "user_id", c->user_id, "office", off.name, "day", day, 0 };
      rc = year_end_mail(db, who, office_id, "account-year-end", c->holder_email, vars);
    }
  }
  /* one notice per agency, listing its accounts (rows are ordered by agency) */
  for(int i=0; rc==OK && i<n; ){
    int j = i;
    Buf list = BUF_INIT;
    while( j<n && rows[j].agency_id==rows[i].agency_id ){
      buf_printf(&list, "- %s (%s)\n", rows[j].user_id, rows[j].holder_name);
      j++;
    }
    if( rows[i].agency_email[0] ){
      char cnt[16];
      snprintf(cnt, sizeof cnt, "%d", j-i);
      const char *vars[] = { "agency", rows[i].agency_name, "count", cnt, "accounts", buf_str(&list), "office", off.name, "day", day, 0 };
      rc = year_end_mail(db, who, office_id, "account-year-end-agency", rows[i].agency_email, vars);
    }
    buf_free(&list);
    i = j;
  }
  if( rc==OK ){
    char detail[96];
    snprintf(detail, sizeof detail, "%d PPK accounts deactivated, rule %s, day %s", n, rule ? rule : "office", today);
    rc = audit_write(db, who, "account.year_end", "account", detail);
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK ) *count = n;
  arena_free(&a);
  return rc;
}
