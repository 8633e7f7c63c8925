/*
** db.c — the dispatch behind db.h: each process chooses its engine from the
** database address (a postgresql:// URL or the path of a SQLite file), and every
** Db and Stmt carries its engine, so db_* calls go to sq_* or pg_*.
*/
#include "db.h"
#include "engine.h"
#include "search.h"   /* search_forget */
#include <string.h>
#include <stdio.h>
#include <errno.h>

static int db_engine = DB_ENGINE_SQLITE;
static int db_busy_s = 10;

/* Set the longest wait for a lock another process holds (db.h). */
void db_busy_set(int seconds){
  db_busy_s = seconds>0 ? seconds : 10;
}

/* The longest wait for a lock another process holds, in seconds. */
int db_busy_seconds(void){
  return db_busy_s;
}

#define IS_PG(p) (DB_ENGINE_OF(p)==DB_ENGINE_PG)

/* 1 when addr names a PostgreSQL database (postgresql:// or postgres://). */
int db_is_postgres(const char *addr){
  return addr && (strncmp(addr, "postgresql://", 13)==0 || strncmp(addr, "postgres://", 11)==0);
}

/* OK when addr can name a database: a postgresql:// address, or the absolute path of a SQLite file;
** else says in err what is wrong (never repeating addr: it may hold a password) and ERR_INVALID. */
int db_addr_check(const char *addr, char *err, size_t errlen){
  static const char *const how = "write the address as postgresql://USER:PASSWORD@HOST:5432/DATABASE";
  if( addr==0 || *addr==0 || db_is_postgres(addr) || addr[0]=='/' ) return OK;
  size_t scheme = strspn(addr, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
  if( strchr(addr, '=') ) snprintf(err, errlen, "not a PostgreSQL address: a key=value connection string is not read; %s", how);
  else if( scheme>0 && addr[scheme]==':' ) snprintf(err, errlen, "not a PostgreSQL address (it must start with postgresql://); %s", how);
  else snprintf(err, errlen, "neither a PostgreSQL address nor the absolute path of a SQLite file; %s"
                " (leave db out for the data folder's loket.db)", how);
  return ERR_INVALID;
}

static char db_dir[4096];   /* the data folder: keys and files kept beside the database */

/* Name the data folder (for a PostgreSQL database, which has no file to find it by). */
void db_folder_set(const char *dir){
  snprintf(db_dir, sizeof db_dir, "%s", dir ? dir : "");
}

/* The data folder (a SQLite database's folder unless named); "." when unknown. */
const char *db_folder(void){
  return db_dir[0] ? db_dir : ".";
}

/* What is said of a database without Loket's schema. */
static void db_no_schema(char *err, size_t errlen){
  snprintf(err, errlen, "the database has no Loket schema (no schema_migration table): is it the right database?"
           " `loket init` sets one up");
}

/* Open the database at path for this process through its engine, in mode. */
static int db_connect(const char *path, int mode, char *err, size_t errlen){
  if( !db_is_postgres(path) ){
    snprintf(db_dir, sizeof db_dir, "%s", path);
    char *slash = strrchr(db_dir, '/');
    if( slash==0 ) db_dir[0] = 0; else if( slash==db_dir ) slash[1] = 0; else *slash = 0;
  }
  db_engine = db_is_postgres(path) ? DB_ENGINE_PG : DB_ENGINE_SQLITE;
  return db_engine==DB_ENGINE_PG ? pg_global_open(path, mode, err, errlen) : sq_global_open(path, mode, err, errlen);
}

/* Open the database at path for this process, its schema treated as mode says. */
static int db_open(const char *path, int mode, char *err, size_t errlen){
  int rc = db_connect(path, mode, err, errlen);
  if( rc!=OK || mode!=OPEN_READ ) return rc;
  SchemaState st;
  Db *db = db_thread();
  if( db==0 || db_schema_state(db, &st)!=OK ){
    snprintf(err, errlen, "cannot read the database's schema: %s", db_errmsg(db));
    return ERR_DB;
  }
  if( !st.has_table ){ db_no_schema(err, errlen); return ERR_INVALID; }
  if( st.applied<st.total ){
    snprintf(err, errlen, "the database is at schema %d of %d, older than this loket %s: a command that only reads"
             " does not bring it up to date; start this loket's `loket serve` on it first (on a read-only standby:"
             " on its primary, which the standby then follows)", st.applied, st.total, LOKET_VERSION);
    return ERR_INVALID;
  }
  return OK;
}

/* Open the database at addr for this process and bring its schema up to date. */
int db_global_open(const char *path, char *err, size_t errlen){
  return db_open(path, OPEN_MIGRATE, err, errlen);
}

/* Open the database at addr, refusing one without Loket's schema, and bring it up to date. */
int db_global_open_existing(const char *path, char *err, size_t errlen){
  int rc = db_connect(path, OPEN_READ, err, errlen);   /* asked reading only: an empty file stays empty */
  if( rc!=OK ) return rc;
  SchemaState st;
  Db *db = db_thread();
  rc = db && db_schema_state(db, &st)==OK ? OK : ERR_DB;
  if( rc!=OK ) snprintf(err, errlen, "cannot read the database's schema: %s", db_errmsg(db));
  else if( !st.has_table ){ db_no_schema(err, errlen); rc = ERR_INVALID; }
  db_global_close();
  return rc!=OK ? rc : db_open(path, OPEN_MIGRATE, err, errlen);
}

/* Open the database at addr for reading only: no migration, the schema must be this binary's. */
int db_global_open_read(const char *path, char *err, size_t errlen){
  return db_open(path, OPEN_READ, err, errlen);
}

/* Open the database at addr as it is, whatever its schema, writing nothing: for a copy of it (a
** backup taken before an upgrade must be possible, of the schema as it was). */
int db_global_open_as_is(const char *path, char *err, size_t errlen){
  return db_open(path, OPEN_AS_IS, err, errlen);
}

/* Whether this process can write its database (db.h). */
int db_writable(const char *addr, char *err, size_t errlen){
  return db_is_postgres(addr) ? OK : sq_writable(addr, err, errlen);
}

/* The engine this process runs on: "sqlite" or "postgresql". */
const char *db_engine_name(void){ return db_engine==DB_ENGINE_PG ? "postgresql" : "sqlite"; }

/* This thread's connection, opened on first use. */
Db *db_thread(void){
  return db_engine==DB_ENGINE_PG ? (Db*)pg_thread() : (Db*)sq_thread();
}

/* Close every connection of both engines. */
void db_global_close(void){
  pg_global_close();
  sq_global_close();
  memo_clear();
  search_forget();
}

/* Send report reads to a streaming replica (PostgreSQL only) while it lags at most max_lag_s. */
int db_replica_open(const char *url, int max_lag_s, char *err, size_t errlen){
  if( db_engine!=DB_ENGINE_PG || !db_is_postgres(url) ){
    snprintf(err, errlen, "a read replica needs the database on PostgreSQL and a postgresql:// replica address");
    return ERR_INVALID;
  }
  return pg_replica_open(url, max_lag_s, err, errlen);
}

/* The connection for report reads: the replica when set and fresh, else this thread's own. */
Db *db_report(void){
  if( db_engine==DB_ENGINE_PG ){
    PgDb *r = pg_report_thread();
    if( r ) return (Db*)r;
  }
  return db_thread();
}

/* Which engine a connection belongs to: "sqlite" or "postgresql". */
const char *db_engine_of(Db *db){ return db && IS_PG(db) ? "postgresql" : "sqlite"; }

/* The cached prepared statement for this SQL text. */
Stmt *db_prepare(Db *db, const char *sql){
  if( db==0 ) return 0;
  return IS_PG(db) ? (Stmt*)pg_prepare((PgDb*)db, sql) : (Stmt*)sq_prepare((SqDb*)db, sql);
}
/* Bind a 64-bit integer to ?i. */
void db_bind_int64(Stmt *q, int i, int64_t v){
  if( q==0 ) return;
  if( IS_PG(q) ) pg_bind_int64((PgStmt*)q, i, v); else sq_bind_int64((SqStmt*)q, i, v);
}
/* Bind an int to ?i. */
void db_bind_int(Stmt *q, int i, int v){
  if( q==0 ) return;
  if( IS_PG(q) ) pg_bind_int64((PgStmt*)q, i, v); else sq_bind_int((SqStmt*)q, i, v);
}
/* Bind text to ?i; NULL binds NULL. */
void db_bind_text(Stmt *q, int i, const char *z){
  if( q==0 ) return;
  if( IS_PG(q) ) pg_bind_text((PgStmt*)q, i, z); else sq_bind_text((SqStmt*)q, i, z);
}
/* Bind n bytes of text to ?i. */
void db_bind_textn(Stmt *q, int i, const char *z, size_t n){
  if( q==0 ) return;
  if( IS_PG(q) ) pg_bind_textn((PgStmt*)q, i, z, n); else sq_bind_textn((SqStmt*)q, i, z, n);
}
/* Bind a blob to ?i. */
void db_bind_blob(Stmt *q, int i, const void *p, size_t n){
  if( q==0 ) return;
  if( IS_PG(q) ) pg_bind_blob((PgStmt*)q, i, p, n); else sq_bind_blob((SqStmt*)q, i, p, n);
}
/* Bind NULL to ?i. */
void db_bind_null(Stmt *q, int i){
  if( q==0 ) return;
  if( IS_PG(q) ) pg_bind_null((PgStmt*)q, i); else sq_bind_null((SqStmt*)q, i);
}
/* Step: DB_ROW, DB_DONE or an ERR_ code. */
int db_step(Stmt *q){
  if( q==0 ) return ERR_DB;
  return IS_PG(q) ? pg_step((PgStmt*)q) : sq_step((SqStmt*)q);
}
/* Column i as a 64-bit integer (booleans 1/0). */
int64_t db_col_int64(Stmt *q, int i){
  return IS_PG(q) ? pg_col_int64((PgStmt*)q, i) : sq_col_int64((SqStmt*)q, i);
}
/* Column i as an int. */
int db_col_int(Stmt *q, int i){
  return IS_PG(q) ? (int)pg_col_int64((PgStmt*)q, i) : sq_col_int((SqStmt*)q, i);
}
/* Column i as text; "" for NULL. */
const char *db_col_text(Stmt *q, int i){
  return IS_PG(q) ? pg_col_text((PgStmt*)q, i) : sq_col_text((SqStmt*)q, i);
}
/* Column i as text and its length in bytes, NULL for NULL. */
const char *db_col_str(Stmt *q, int i, size_t *n){
  if( !IS_PG(q) ) return sq_col_str((SqStmt*)q, i, n);
  if( pg_col_null((PgStmt*)q, i) ){ *n = 0; return 0; }
  const char *z = pg_col_text((PgStmt*)q, i);
  *n = strlen(z);
  return z;
}
/* Column i as bytes. */
const void *db_col_blob(Stmt *q, int i, size_t *n){
  return IS_PG(q) ? pg_col_blob((PgStmt*)q, i, n) : sq_col_blob((SqStmt*)q, i, n);
}
/* 1 when column i is NULL. */
int db_col_null(Stmt *q, int i){
  return IS_PG(q) ? pg_col_null((PgStmt*)q, i) : sq_col_null((SqStmt*)q, i);
}
/* Ready the statement for reuse. */
void db_reset(Stmt *q){
  if( q==0 ) return;
  if( IS_PG(q) ) pg_reset((PgStmt*)q); else sq_reset((SqStmt*)q);
}
/* Statements handed out and never reset (a bug in the caller): named in the log, reset, counted. */
int db_unreset(Db *db){
  if( db==0 ) return 0;
  return IS_PG(db) ? pg_unreset((PgDb*)db) : sq_unreset((SqDb*)db);
}

/* Batches committed by SQLite's group commit, the write transactions they held, writers waiting. */
void db_group_stats(uint64_t *batches, uint64_t *parts, int *waiting){
  *batches = *parts = 0;
  *waiting = 0;
  if( db_engine!=DB_ENGINE_PG ) sq_group_stats(batches, parts, waiting);
}

/* Step a statement that returns no rows, then reset it; OK or the error. */
int db_run(Stmt *q){
  if( q==0 ) return ERR_DB;
  int rc;
  while( (rc = db_step(q))==DB_ROW ){}
  db_reset(q);
  return rc==DB_DONE ? OK : rc;
}

/* Run SQL text with no parameters. */
int db_exec(Db *db, const char *sql){
  if( db==0 ) return ERR_DB;
  return IS_PG(db) ? pg_exec((PgDb*)db, sql) : sq_exec((SqDb*)db, sql);
}

/* Start a write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: see pgsql.c). */
int db_begin(Db *db){
  if( db==0 ) return ERR_DB;
  return IS_PG(db) ? pg_begin((PgDb*)db) : sq_begin((SqDb*)db);
}
/* Commit; on failure the transaction is rolled back. */
int db_commit(Db *db){
  if( db==0 ) return ERR_DB;
  return IS_PG(db) ? pg_commit((PgDb*)db) : sq_commit((SqDb*)db);
}
/* Abandon the transaction. */
void db_rollback(Db *db){
  if( db==0 ) return;
  if( IS_PG(db) ) pg_rollback((PgDb*)db); else sq_rollback((SqDb*)db);
}

/* A read snapshot for the statements that follow (a GET's reads); see db.h. */
int db_read_begin(Db *db){
  if( db==0 ) return OK;
  return IS_PG(db) ? pg_read_begin((PgDb*)db) : sq_read_begin((SqDb*)db);
}
/* End the read snapshot, if one is open. */
void db_read_end(Db *db){
  if( db==0 ) return;
  if( IS_PG(db) ) pg_read_end((PgDb*)db); else sq_read_end((SqDb*)db);
}

/* Join the caller's transaction, or start one (own=1) when there is none. */
int db_tx_begin(Db *db, int *own){
  if( db==0 ) return ERR_DB;
  int in = IS_PG(db) ? pg_in_txn((PgDb*)db) : sq_in_txn((SqDb*)db);
  if( in ){ *own = 0; return OK; }
  *own = 1;
  return db_begin(db);
}

/* Finish what db_tx_begin started: commit when rc is OK, else roll back; returns rc. */
int db_tx_end(Db *db, int own, int rc){
  if( !own ) return rc;
  if( rc==OK ) return db_commit(db);
  db_rollback(db);
  return rc;
}

/* Run a statement whose one parameter (?1) is an id: OK, or an ERR_ code. */
int db_run_id(Db *db, const char *sql, int64_t id){
  Stmt *q = db_prepare(db, sql);
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  return db_run(q);
}

/* Rows changed by the last statement. */
int db_changes(Db *db){ return IS_PG(db) ? pg_changes((PgDb*)db) : sq_changes((SqDb*)db); }
/* The engine's last error message. */
const char *db_errmsg(Db *db){
  if( db==0 ) return "no database connection";
  return IS_PG(db) ? pg_errmsg((PgDb*)db) : sq_errmsg((SqDb*)db);
}
/* ERR_CONFLICT after a constraint violation, else ERR_DB. */
int db_last_error(Db *db){
  if( db==0 ) return ERR_DB;
  return IS_PG(db) ? pg_last_error((PgDb*)db) : sq_last_error((SqDb*)db);
}
/* The database's size in bytes. */
int64_t db_size_bytes(Db *db){ return IS_PG(db) ? pg_size_bytes((PgDb*)db) : sq_size_bytes((SqDb*)db); }
/* How many migrations have been applied. */
int db_schema_version(Db *db){ return IS_PG(db) ? pg_schema_version((PgDb*)db) : sq_schema_version((SqDb*)db); }

/* How many times this connection's statements were compiled again (SQLite; 0 on PostgreSQL). */
int64_t db_reprepares(Db *db){ return IS_PG(db) ? 0 : sq_reprepares((SqDb*)db); }

/* Online backup: SQLite's backup API; PostgreSQL has pg_dump and base backups. */
int db_backup(Db *db, const char *dest, char *err, size_t errlen){
  if( db && IS_PG(db) ){
    snprintf(err, errlen, "loket backup copies a SQLite database; this one is on PostgreSQL: "
                          "use pg_dump (or pg_basebackup) as docs/deploy.md describes");
    return ERR_INVALID;
  }
  return sq_backup((SqDb*)db, dest, err, errlen);
}

/* ---- why storage failed ---- */

static _Thread_local int db_fault_now;

/* Forget the fault noted on this thread (a request starts). */
void db_fault_clear(void){ db_fault_now = DB_FAULT_NONE; }

/* Note why storage failed on this thread (the first reason stays until cleared). */
void db_fault_note(int fault){
  if( db_fault_now==DB_FAULT_NONE ) db_fault_now = fault;
}

/* The fault noted on this thread since it was cleared, or DB_FAULT_NONE. */
int db_fault(void){ return db_fault_now; }

/* The fault that an errno from writing a file means. */
int db_fault_of_errno(int e){
  if( e==ENOSPC || e==EDQUOT || e==EFBIG ) return DB_FAULT_FULL;
  if( e==EROFS ) return DB_FAULT_READONLY;
  return DB_FAULT_NONE;
}
