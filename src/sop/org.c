/*
** org.c — the offices a deployment hosts and the people who work in them, as the
** engine reads them: lookups only. Creating and changing offices and users (with their
** checks, passwords and audit rows) is a service of desk/ (office.c, user.c).
*/
#include "org.h"
#include "role.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Fill o from a row: id, code, name, tz, public_url, phone, email, address. */
static void office_row(Stmt *q, Office *o){
  o->id = db_col_int64(q, 0);
  snprintf(o->code, sizeof o->code, "%s", db_col_text(q, 1));
  snprintf(o->name, sizeof o->name, "%s", db_col_text(q, 2));
  snprintf(o->tz, sizeof o->tz, "%s", db_col_text(q, 3));
  snprintf(o->public_url, sizeof o->public_url, "%s", db_col_text(q, 4));
  snprintf(o->phone, sizeof o->phone, "%s", db_col_text(q, 5));
  snprintf(o->email, sizeof o->email, "%s", db_col_text(q, 6));
  snprintf(o->address, sizeof o->address, "%s", db_col_text(q, 7));
}

/* Run a one-row office query bound to nothing or one value, into o. */
static int office_fetch(Stmt *q, Office *o){
  if( q==0 ) return ERR_DB;
  int rc = db_step(q);
  if( rc==DB_ROW ) office_row(q, o);
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : rc;
}

/* The office with this id (kept between requests while cache_epoch holds: db/epoch.c). */
int office_get(Db *db, int64_t id, Office *o){
  Epoch ep;
  if( memo_find(db, "office", id, o, sizeof *o, &ep) ) return OK;
  Stmt *q = db_prepare(db, "SELECT id, code, name, tz, public_url, phone, email, address FROM office WHERE id=?1");
  if( q ) db_bind_int64(q, 1, id);
  int rc = office_fetch(q, o);
  if( rc==OK ) memo_keep(&ep, "office", id, o, sizeof *o);
  return rc;
}

/* The office with this code, written in any case (the one written so first, should two
** offices from before codes were kept apart by more than case differ only so). */
int office_by_code(Db *db, const char *code, Office *o){
  Stmt *q = db_prepare(db, "SELECT id, code, name, tz, public_url, phone, email, address FROM office WHERE lower(code)=lower(?1) ORDER BY code=?1 DESC, id LIMIT 1");
  if( q ) db_bind_text(q, 1, code);
  return office_fetch(q, o);
}

/* The first office created (the default of a single-office deployment). */
int office_first(Db *db, Office *o){
  return office_fetch(db_prepare(db, "SELECT id, code, name, tz, public_url, phone, email, address FROM office ORDER BY id LIMIT 1"), o);
}

/* Step an office query, calling each() per row. */
static int office_walk(Stmt *q, void (*each)(void *ctx, const Office *o), void *ctx){
  if( q==0 ) return ERR_DB;
  int rc;
  Office o;
  while( (rc = db_step(q))==DB_ROW ){
    office_row(q, &o);
    each(ctx, &o);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : rc;
}

/* Call each() for every office, by code. */
int office_each(Db *db, void (*each)(void *ctx, const Office *o), void *ctx){
  return office_walk(db_prepare(db, "SELECT id, code, name, tz, public_url, phone, email, address FROM office ORDER BY code"), each, ctx);
}

/* Append an office as JSON to b (see org.h). */
void office_json(Buf *b, const Office *o){
  buf_printf(b, "{\"code\":%J,\"name\":%J,\"tz\":%J,\"public_url\":%J,\"office_public_url\":%J,"
                "\"phone\":%J,\"email\":%J,\"address\":%J}",
             o->code, o->name, o->tz, o->public_url[0] ? o->public_url : config_public_url(), o->public_url,
             o->phone, o->email, o->address);
}

/* Call each() for every office where the user holds a role, by code. */
int office_each_of_user(Db *db, int64_t user_id, void (*each)(void *ctx, const Office *o), void *ctx){
  Stmt *q = db_prepare(db, "SELECT id, code, name, tz, public_url, phone, email, address FROM office WHERE id IN"
                           " (SELECT office_id FROM user_role WHERE user_id=?1) ORDER BY code");
  if( q ) db_bind_int64(q, 1, user_id);
  return office_walk(q, each, ctx);
}

/* The base of an office's links mailed (see org.h): its own address, else base, else loket.conf's
** public_url or where staff reach this server. */
const char *office_link_base(Db *db, int64_t office_id, const char *base, char *out, size_t n){
  Office o;
  if( office_id>0 && office_get(db, office_id, &o)==OK && o.public_url[0] ) snprintf(out, n, "%s", o.public_url);
  else if( base && *base ) snprintf(out, n, "%s", base);
  else config_link_base(out, n);
  return out;
}

/* Fill u from a row of the user columns. */
static void user_row(Stmt *q, User *u){
  memset(u, 0, sizeof *u);
  u->id = db_col_int64(q, 0);
  u->office_id = db_col_int64(q, 1);
  snprintf(u->username, sizeof u->username, "%s", db_col_text(q, 2));
  snprintf(u->full_name, sizeof u->full_name, "%s", db_col_text(q, 3));
  snprintf(u->email, sizeof u->email, "%s", db_col_text(q, 4));
  u->disabled = db_col_int(q, 5);
  u->locked = db_col_int(q, 6);
  u->failed_count = db_col_int(q, 7);
  u->last_failed_at = db_col_int64(q, 8);
  u->must_change_pw = db_col_int(q, 9);
  snprintf(u->lang, sizeof u->lang, "%s", db_col_text(q, 10));
  u->created_at = db_col_int64(q, 11);
}

#define USER_COLS "id, office_id, username, full_name, email, disabled, locked, failed_count," \
                  " last_failed_at, must_change_pw, lang, created_at"

/* Step a one-user query into u. */
static int user_fetch(Stmt *q, User *u){
  if( q==0 ) return ERR_DB;
  int rc = db_step(q);
  if( rc==DB_ROW ) user_row(q, u);
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : rc;
}

/* The user with this id. */
int user_get(Db *db, int64_t id, User *u){
  Stmt *q = db_prepare(db, "SELECT " USER_COLS " FROM users WHERE id=?1");
  if( q ) db_bind_int64(q, 1, id);
  return user_fetch(q, u);
}

/* A username as typed, folded as usernames are kept (see org.h). */
char *user_name_typed(char *z){
  char *name = util_trim(z);
  for(char *p = name; *p; p++) *p = (char)tolower((unsigned char)*p);
  return name;
}

/* The user with this login name. */
int user_by_name(Db *db, const char *username, User *u){
  Stmt *q = db_prepare(db, "SELECT " USER_COLS " FROM users WHERE username=?1");
  if( q ) db_bind_text(q, 1, username);
  return user_fetch(q, u);
}

/* The roles a user holds in an office, as a bitmask. */
unsigned user_roles(Db *db, int64_t id, int64_t office_id){
  Stmt *q = db_prepare(db, "SELECT role FROM user_role WHERE user_id=?1 AND office_id=?2");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, office_id);
  unsigned mask = 0;
  while( db_step(q)==DB_ROW ){
    int r = role_index(db_col_text(q, 0));
    if( r>=0 ) mask |= 1u<<r;
  }
  db_reset(q);
  return mask;
}

/* 1 when the user's home office is this office or they hold a role in it. */
int user_in_office(Db *db, int64_t user_id, int64_t office_id){
  Stmt *s = db_prepare(db,
    "SELECT 1 FROM users u WHERE u.id=?1 AND (u.office_id=?2"
    " OR EXISTS(SELECT 1 FROM user_role r WHERE r.user_id=u.id AND r.office_id=?2))");
  if( s==0 ) return 0;
  db_bind_int64(s, 1, user_id);
  db_bind_int64(s, 2, office_id);
  int yes = db_step(s)==DB_ROW;
  db_reset(s);
  return yes;
}
