/*
** auth.c — signing in and sessions. Failed attempts slow down (a delay that
** doubles per failure, per account and per address) and lock an account
** after repeated failures until an admin unlocks it. Session tokens are 256
** random bits; only their SHA-256 is stored.
*/
#include "desk.h"
#include <stdio.h>
#include <string.h>

#define ADDR_QUIET_S (15*60)   /* an address's failures are forgotten after this quiet time */

/* Seconds still to wait after `count` failures, the last at `last` (0: may try now). */
static int auth_wait(int count, int after, int64_t last, int64_t now, int max_s){
  if( count<after ) return 0;
  int k = count-after;
  int64_t wait = k>=20 ? max_s : (int64_t)1<<k;
  if( wait>max_s ) wait = max_s;
  int64_t left = last + wait - now;
  return left>0 ? (int)left : 0;
}

/* Record one failed attempt from an address (an IPv6 one counted with its /64: util_ip_block). */
static int auth_addr_fail(Db *db, const char *ip, int64_t now){
  char block[64];
  util_ip_block(ip, block, sizeof block);
  Stmt *q = db_prepare(db,
    "INSERT INTO login_addr(addr, failed_count, last_failed_at) VALUES(?1, 1, ?2)"
    " ON CONFLICT(addr) DO UPDATE SET"
    "  failed_count = CASE WHEN ?2 - login_addr.last_failed_at > ?3 THEN 1 ELSE login_addr.failed_count+1 END,"
    "  last_failed_at = ?2");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, block);
  db_bind_int64(q, 2, now);
  db_bind_int64(q, 3, ADDR_QUIET_S);
  return db_run(q);
}

/* Write a failed attempt: the address, the account (locking it at the limit), the audit row. */
static int auth_fail(Db *db, const Config *cfg, const User *u, const char *username,
                     const char *ip, int64_t now, int *locked){
  Actor who = { u ? u->id : 0, username, u ? u->office_id : 0, ip };
  *locked = 0;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = auth_addr_fail(db, ip, now);
  int n = 0;
  if( rc==OK && u==0 ){
    /* a name no account has: counted as an account would be, "locked" at the same count */
    Stmt *q = db_prepare(db, "INSERT INTO login_unknown(name, failed_count, last_failed_at) VALUES(?1, 1, ?2)"
                             " ON CONFLICT(name) DO UPDATE SET failed_count=login_unknown.failed_count+1, last_failed_at=?2"
                             " RETURNING failed_count");
    if( q==0 ) return db_tx_end(db, own, ERR_DB);
    db_bind_text(q, 1, username);
    db_bind_int64(q, 2, now);
    if( db_step(q)==DB_ROW ) n = db_col_int(q, 0);
    else rc = ERR_DB;
    db_reset(q);
    *locked = n>=cfg->login_lock_after;
  }
  if( rc==OK && u ){
    /* counted inside the write transaction: parallel guesses cannot share one count */
    Stmt *q = db_prepare(db, "UPDATE users SET failed_count=failed_count+1, last_failed_at=?1,"
                             " locked=CASE WHEN failed_count+1>=?2 THEN 1 ELSE locked END"
                             " WHERE id=?3 RETURNING failed_count, locked");
    if( q==0 ) return db_tx_end(db, own, ERR_DB);
    db_bind_int64(q, 1, now);
    db_bind_int(q, 2, cfg->login_lock_after);
    db_bind_int64(q, 3, u->id);
    if( db_step(q)==DB_ROW ){
      n = db_col_int(q, 0);
      *locked = db_col_int(q, 1);
    }else rc = ERR_DB;
    db_reset(q);
  }
  if( rc==OK ){
    char obj[128], detail[96];
    snprintf(obj, sizeof obj, "user:%lld:%s", (long long)(u ? u->id : 0), username);
    snprintf(detail, sizeof detail, "failures=%d%s", n,
             u==0 ? " unknown user" : *locked ? " locked" : "");
    rc = audit_write(db, &who, *locked && u ? "auth.locked" : "auth.login_failed", obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Keep the first office named (office_each_of_user calls it by code). */
static void auth_first_office(void *ctx, const Office *o){
  int64_t *id = ctx;
  if( *id==0 ) *id = o->id;
}

/* The office a new session of u starts in: the home office when u holds a role there, else the
** first (by code) where u holds one, so a user signs in where they can work; else home. */
static int64_t auth_start_office(Db *db, const User *u){
  int64_t id = 0;
  if( user_roles(db, u->id, u->office_id) ) return u->office_id;
  office_each_of_user(db, u->id, auth_first_office, &id);
  return id ? id : u->office_id;
}

/* Store a new session for u and hand back its token. */
static int auth_session_new(Db *db, const Config *cfg, const User *u, const char *ip,
                            const char *agent, const char *kind, LoginResult *res){
  char hash[65];
  const char *csrf = res->csrf;
  int64_t now = time_now(), office_id = auth_start_office(db, u);
  util_random_token(res->token, 32);
  util_random_token(res->csrf, 32);
  util_sha256_hex(hash, res->token, strlen(res->token));
  Stmt *q = db_prepare(db, "INSERT INTO session(token_hash, user_id, office_id, kind, csrf, created_at,"
                           " seen_at, expires_at, ip, agent) VALUES(?1,?2,?3,?4,?5,?6,?6,?7,?8,?9)");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, hash);
  db_bind_int64(q, 2, u->id);
  db_bind_int64(q, 3, office_id);
  db_bind_text(q, 4, kind);
  db_bind_text(q, 5, csrf);
  db_bind_int64(q, 6, now);
  db_bind_int64(q, 7, now + (int64_t)cfg->session_max_hours*3600);
  db_bind_text(q, 8, ip);
  db_bind_textn(q, 9, agent ? agent : "", agent ? util_utf8_whole(agent, strnlen(agent, 200)) : 0);   /* cut between characters */
  return db_run(q);
}

/* Check credentials with throttling and locking; on OK a session exists and res->token is set. */
int auth_login(Db *db, const Config *cfg, const char *username, const char *password,
               const char *ip, const char *agent, const char *kind, LoginResult *res){
  int64_t now = time_now();
  memset(res, 0, sizeof *res);
  if( ip==0 ) ip = "";
  if( util_utf8_len(username)>AUTH_USERNAME_MAX || util_utf8_len(password)>AUTH_PASSWORD_MAX ) return ERR_INVALID;

  char block[64];
  util_ip_block(ip, block, sizeof block);   /* an IPv6 client's /64: the address throttled */
  Stmt *q = db_prepare(db, "SELECT failed_count, last_failed_at FROM login_addr WHERE addr=?1");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, block);
  if( db_step(q)==DB_ROW && now - db_col_int64(q, 1) <= ADDR_QUIET_S ){
    res->retry_after = auth_wait(db_col_int(q, 0), cfg->login_addr_delay_after, db_col_int64(q, 1),
                                 now, cfg->login_delay_max_s);
  }
  db_reset(q);
  if( res->retry_after>0 ){ stat_add(STAT_SIGNIN_THROTTLED, 1); return ERR_THROTTLED; }

  /* the name as a phone types it (a capital first, a space after): a username is only lowercase
  ** letters, digits and . _ -, so the spaces around it are dropped and its letters folded */
  char typed[64];
  snprintf(typed, sizeof typed, "%s", username ? username : "");
  char *name = user_name_typed(typed);
  User u;
  int found = user_by_name(db, name, &u)==OK;
  /* a name no account has is answered as an account would be: delayed and locked at the same
  ** counts of failures (login_unknown), so neither a 429 nor a 423 tells which names exist */
  int failed = found ? u.failed_count : 0;
  int64_t last_failed = found ? u.last_failed_at : 0;
  if( !found ){
    q = db_prepare(db, "SELECT failed_count, last_failed_at FROM login_unknown WHERE name=?1");
    if( q==0 ) return ERR_DB;
    db_bind_text(q, 1, name);
    if( db_step(q)==DB_ROW ){ failed = db_col_int(q, 0); last_failed = db_col_int64(q, 1); }
    db_reset(q);
  }
  if( found ? u.locked : failed>=cfg->login_lock_after ){ stat_add(STAT_SIGNIN_LOCKED, 1); return ERR_LOCKED; }
  res->retry_after = auth_wait(failed, cfg->login_delay_after, last_failed, now, cfg->login_delay_max_s);
  if( res->retry_after>0 ){ stat_add(STAT_SIGNIN_THROTTLED, 1); return ERR_THROTTLED; }

  int ok = 0;
  if( found ){
    q = db_prepare(db, "SELECT pw_hash FROM users WHERE id=?1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, u.id);
    char hash[160] = "";
    if( db_step(q)==DB_ROW ) snprintf(hash, sizeof hash, "%s", db_col_text(q, 0));
    db_reset(q);
    ok = util_password_verify(hash, password ? password : "");
  }else{
    /* spend the same time as a real check, so timing does not reveal which names exist */
    char dummy[128];
    util_password_hash(dummy, "not-a-real-password");
  }

  if( !ok ){
    int locked = 0;
    if( auth_fail(db, cfg, found ? &u : 0, name, ip, now, &locked)!=OK ) return ERR_DB;
    stat_add(STAT_SIGNIN_PASSWORD, 1);
    if( locked ) stat_add(STAT_LOCKOUTS, 1);
    return locked ? ERR_LOCKED : ERR_AUTH;
  }
  if( u.disabled ) return ERR_DENIED;

  Actor who = { u.id, u.username, u.office_id, ip };
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  q = db_prepare(db, "UPDATE users SET failed_count=0, last_failed_at=0 WHERE id=?1");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, u.id);
  rc = db_run(q);
  if( rc==OK ){
    q = db_prepare(db, "DELETE FROM session WHERE expires_at<?1");
    if( q==0 ) return db_tx_end(db, own, ERR_DB);
    db_bind_int64(q, 1, now);
    rc = db_run(q);
  }
  if( rc==OK ) rc = auth_session_new(db, cfg, &u, ip, agent, kind, res);
  if( rc==OK ){
    char obj[128];
    snprintf(obj, sizeof obj, "user:%lld:%s", (long long)u.id, u.username);
    rc = audit_write(db, &who, "auth.login", obj, kind);
  }
  res->user_id = u.id;
  return db_tx_end(db, own, rc);
}

/* The sessions this thread found lately, kept while cache_epoch holds (db/epoch.c: every
** change to a session other than its idle clock, to a user or their roles, or to an office
** moves it, whoever makes it): then the rows they came from are the same, and only the
** clocks (expiry, idle, the once-a-minute refresh) need checking again. */
#define SESSION_CACHE 8
typedef struct SessionHit {
  char token[65], kind[8];
  int64_t epoch, seen, expires;
  Session s;
} SessionHit;
static _Thread_local SessionHit session_hits[SESSION_CACHE];
static _Thread_local unsigned session_next;

/* How often a session's idle clock (seen_at) is written: at most once this many seconds, not a
** write per request. */
#define SEEN_STEP 60

/* 1 when a session last seen (as seen_at keeps it) at seen has been left idle too long at now.
** seen lags the last request by up to SEEN_STEP, so that much more is allowed: a session ends
** session_idle_minutes to one minute more after its last use, never while in use. */
static int session_idle_over(const Config *cfg, int64_t now, int64_t seen){
  return now - seen > (int64_t)cfg->session_idle_min*60 + SEEN_STEP;
}

/* The cached session of token when the epoch is the same and its clocks allow; 1 if found. */
static int session_cached(int64_t epoch, const Config *cfg, const char *token, const char *kind,
                          int64_t now, Session *s){
  for(int i=0; i<SESSION_CACHE; i++){
    SessionHit *h = &session_hits[i];
    if( h->token[0]==0 || h->epoch!=epoch ) continue;
    if( strcmp(h->kind, kind) || !util_ct_equal(h->token, token) ) continue;
    /* expired, idle too long, or due for its idle-clock refresh: the full path decides */
    if( now >= h->expires || now - h->seen >= SEEN_STEP || session_idle_over(cfg, now, h->seen) ) return 0;
    *s = h->s;
    return 1;
  }
  return 0;
}

/* Remember a live session found by the full path. */
static void session_remember(int64_t epoch, const char *token, const char *kind,
                             int64_t seen, int64_t expires, const Session *s){
  SessionHit *h = &session_hits[session_next++ % SESSION_CACHE];
  snprintf(h->token, sizeof h->token, "%s", token);
  snprintf(h->kind, sizeof h->kind, "%s", kind);
  h->epoch = epoch;
  h->seen = seen;
  h->expires = expires;
  h->s = *s;
}

/* The live session of a token; ERR_NOTFOUND when unknown, expired or its user disabled. */
int auth_session(Db *db, const Config *cfg, const char *token, const char *kind, Session *s){
  if( token==0 || strlen(token)!=64 ) return ERR_NOTFOUND;
  int64_t now = time_now();
  int64_t epoch;
  int kept = db_epoch(db, &epoch)==OK;
  if( kept && session_cached(epoch, cfg, token, kind, now, s) ) return OK;
  char hash[65];
  util_sha256_hex(hash, token, 64);
  Stmt *q = db_prepare(db,
    "SELECT s.id, s.user_id, s.office_id, s.csrf, s.seen_at, s.expires_at, u.username, u.full_name,"
    "       u.disabled, u.must_change_pw, u.lang, o.name, o.tz"
    " FROM session s JOIN users u ON u.id=s.user_id JOIN office o ON o.id=s.office_id"
    " WHERE s.token_hash=?1 AND s.kind=?2");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, hash);
  db_bind_text(q, 2, kind);
  int rc = ERR_NOTFOUND;
  int64_t seen = 0, expires = 0;
  int st = db_step(q);
  if( st!=DB_ROW && st!=DB_DONE ){ db_reset(q); return ERR_DB; }   /* the database failed: not "signed out" */
  if( st==DB_ROW ){
    seen = db_col_int64(q, 4);
    expires = db_col_int64(q, 5);
    int live = now < expires && !session_idle_over(cfg, now, seen) && !db_col_int(q, 8);
    if( live ){
      memset(s, 0, sizeof *s);
      s->id = db_col_int64(q, 0);
      s->user_id = db_col_int64(q, 1);
      s->office_id = db_col_int64(q, 2);
      snprintf(s->csrf, sizeof s->csrf, "%s", db_col_text(q, 3));
      snprintf(s->username, sizeof s->username, "%s", db_col_text(q, 6));
      snprintf(s->full_name, sizeof s->full_name, "%s", db_col_text(q, 7));
      s->must_change_pw = db_col_int(q, 9);
      snprintf(s->lang, sizeof s->lang, "%s", db_col_text(q, 10));
      snprintf(s->office_name, sizeof s->office_name, "%s", db_col_text(q, 11));
      snprintf(s->tz, sizeof s->tz, "%s", db_col_text(q, 12));
      rc = OK;
    }
  }
  db_reset(q);
  if( rc!=OK ) return rc;
  s->roles = user_roles(db, s->user_id, s->office_id);
  /* the idle clock is refreshed at most once a minute: not a write per request */
  if( now - seen >= SEEN_STEP ){
    q = db_prepare(db, "UPDATE session SET seen_at=?1 WHERE id=?2");
    if( q ){
      db_bind_int64(q, 1, now);
      db_bind_int64(q, 2, s->id);
      if( db_run(q)==OK ) seen = now;   /* the idle clock alone: the epoch stays */
    }
  }
  if( kept ) session_remember(epoch, token, kind, seen, expires, s);
  return OK;
}

/* End one session (sign out). */
int auth_logout(Db *db, const Actor *who, int64_t session_id){
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "DELETE FROM session WHERE id=?1");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, session_id);
  rc = db_run(q);
  if( rc==OK ){
    char obj[128];
    snprintf(obj, sizeof obj, "user:%lld:%s", (long long)who->user_id, who->username);
    rc = audit_write(db, who, "auth.logout", obj, "");
  }
  return db_tx_end(db, own, rc);
}

/* Move a session to another office where its user holds a role. */
int auth_switch_office(Db *db, const Actor *who, int64_t session_id, int64_t office_id){
  Office o;
  if( office_get(db, office_id, &o)!=OK ) return ERR_NOTFOUND;
  if( user_roles(db, who->user_id, office_id)==0 ) return ERR_DENIED;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "UPDATE session SET office_id=?1 WHERE id=?2 AND user_id=?3");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, session_id);
  db_bind_int64(q, 3, who->user_id);
  rc = db_run(q);
  if( rc==OK ){
    char obj[128];
    snprintf(obj, sizeof obj, "user:%lld:%s", (long long)who->user_id, who->username);
    Actor to = *who;
    to.office_id = office_id;
    rc = audit_write(db, &to, "auth.switch_office", obj, o.code);
  }
  return db_tx_end(db, own, rc);
}

/* End every session of a user (inside the caller's transaction when there is one). */
int auth_end_sessions(Db *db, int64_t user_id){
  Stmt *q = db_prepare(db, "DELETE FROM session WHERE user_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, user_id);
  return db_run(q);
}

/* Sessions not yet expired, by kind (see desk.h). */
int auth_sessions_count(Db *db, int64_t now, int64_t *web, int64_t *api){
  *web = *api = 0;
  Stmt *q = db_prepare(db, "SELECT kind, count(*) FROM session WHERE expires_at>?1 GROUP BY kind");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, now);
  int rc;
  while( (rc = db_step(q))==DB_ROW ){
    if( strcmp(db_col_text(q, 0), "api")==0 ) *api = db_col_int64(q, 1);
    else *web = db_col_int64(q, 1);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* Forget the names no account has once quiet (see desk.h): login_unknown grows with every name
** tried, and a name left alone that long is not being guessed. */
int auth_unknown_prune(Db *db, int64_t now, int *pruned){
  *pruned = 0;
  /* most passes find none: looked for first (an index probe), so they take no write lock */
  Stmt *q = db_prepare(db, "SELECT 1 FROM login_unknown WHERE last_failed_at<?1 LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, now - AUTH_UNKNOWN_KEEP_S);
  int s = db_step(q);
  db_reset(q);
  if( s!=DB_ROW ) return s==DB_DONE ? OK : ERR_DB;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  q = db_prepare(db, "DELETE FROM login_unknown WHERE last_failed_at<?1");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, now - AUTH_UNKNOWN_KEEP_S);
  rc = db_run(q);
  if( rc==OK ) *pruned = db_changes(db);
  if( rc==OK && *pruned>0 ){
    Actor sys = { 0, "system", 0, "" };
    char detail[96];
    snprintf(detail, sizeof detail, "%d name(s) no account has, quiet for %d days, forgotten", *pruned, AUTH_UNKNOWN_KEEP_S/86400);
    rc = audit_write(db, &sys, "auth.unknown_pruned", "login_unknown", detail);
  }
  return db_tx_end(db, own, rc);
}
