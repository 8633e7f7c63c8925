/*
** sqlite.c — the storage interface on SQLite: one connection per thread, WAL,
** synchronous=FULL, foreign keys, STRICT tables, BEGIN IMMEDIATE for writes,
** a statement cache per connection, the migrations, and online backup.
** SQLite-only SQL lives here and nowhere else. Called through the dispatch of db.c
** (the functions are db.h's, named sq_).
*/
#include <stdatomic.h>
#include "db.h"
#include "engine.h"
#include <sqlite3.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>

#define STMT_CACHE 512

struct SqStmt {
  int engine;           /* DB_ENGINE_SQLITE: the dispatch in db.c reads it first */
  sqlite3_stmt *s;
  SqDb *db;
  const char *key;      /* the SQL text pointer it was prepared from */
  int inuse;            /* stepped and not yet reset */
  int owned;            /* not in the cache: finalized on reset */
  int gc_held;          /* an autocommit write holding gc_mu until its reset */
};

struct SqDb {
  int engine;           /* DB_ENGINE_SQLITE */
  sqlite3 *h;
  SqStmt cache[STMT_CACHE];
  int in_txn;
  int snapshot;         /* db_read_begin(): reads share one read transaction */
  int reading;          /* that read transaction is open */
  int last_rc;
  int inuse_n;          /* statements handed out and not yet reset */
  SqDb *to;             /* in a write transaction: the writer connection its statements run on */
  int solo;             /* another file (sq_open_file), read only: never through the writer */
  SqDb *next;             /* the registry of all connections */
  /* the cache epoch this connection last read (epoch.c), and what its snapshot was then */
  int ep_ok;
  int64_t ep_n, ep_changes;
  unsigned ep_version;
};

static char *sq_path;
static int sq_read_only;   /* the process only reads (OPEN_READ): SQLITE_OPEN_READONLY connections */
static int sq_immutable;   /* ... of a file whose folder it cannot write, with no -wal: read as immutable */
static pthread_mutex_t sq_reg_mu = PTHREAD_MUTEX_INITIALIZER;
static SqDb *sq_reg;
static _Thread_local SqDb *sq_mine;

/* Group commit. Every write transaction of the process runs on one writer connection, as a
** part of a shared transaction (a batch), each part after the first inside a savepoint of its
** own (the first is the transaction so far): a thread that ends its part while
** another is waiting to write leaves the batch open for it and waits for the batch's COMMIT;
** the last one in commits for all. One fsync then makes several requests durable, and a
** waiting writer is woken at once (SQLite's busy handler polls with sleeps of 1 ms and more).
** Nobody's reply is sent before the COMMIT that holds its writes: sq_commit() returns after
** it. A part that fails is rolled back to its savepoint alone; a first part, with the batch. */
#define GC_MAX_MEMBERS 16       /* a batch commits after this many parts even with writers waiting */
static pthread_mutex_t gc_mu = PTHREAD_MUTEX_INITIALIZER;   /* the writer and the batch */
static pthread_cond_t gc_cv = PTHREAD_COND_INITIALIZER;     /* a batch ended */
static SqDb *gc_w;              /* the writer connection, opened on first write */
static int gc_open;             /* a batch transaction is open on gc_w */
static int gc_members;          /* parts of the open batch so far */
static int gc_part_sp;          /* the part running now is inside SAVEPOINT part (not the batch's first) */
static uint64_t gc_batch;       /* number of the open (or the last) batch */
static uint64_t gc_done;        /* the last batch ended */
static int *gc_out[GC_MAX_MEMBERS];  /* where each part of the open batch that has ended waits for how it ended */
static int gc_nout;
static atomic_int gc_want;      /* threads waiting to begin a write */
static _Thread_local int gc_autoheld;   /* this thread's autocommit writes holding gc_mu */
static int gc_autocommit_enter(sqlite3 *h);
static void gc_autocommit_leave(void);
static atomic_uint_fast64_t gc_batches, gc_parts;   /* batches committed and the parts they held */

#include "migrations.h"

static int sq_run(SqStmt *q);
static int sq_finish(SqDb *db);

/* Note for the answer why SQLite failed, when it is the storage's doing (db_fault_note). */
static void sq_fault(int rc){
  switch( rc & 0xff ){
    case SQLITE_BUSY: case SQLITE_LOCKED: db_fault_note(DB_FAULT_BUSY); break;
    case SQLITE_FULL: db_fault_note(DB_FAULT_FULL); break;
    case SQLITE_READONLY: db_fault_note(DB_FAULT_READONLY); break;
    case SQLITE_CANTOPEN: db_fault_note(DB_FAULT_DOWN); break;
    default: break;
  }
}

/* Open the file at path as this process opens its database: read-write, or read only. A
** read-only WAL file needs its -shm, which SQLite cannot make in a folder it may not write (a
** read-only copy of a data folder): without a -wal nothing is open on it and everything is in
** the file, so the file is then read as immutable. */
static int sq_open_handle(const char *path, sqlite3 **h){
  if( !sq_read_only ) return sqlite3_open_v2(path, h, SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE|SQLITE_OPEN_NOMUTEX, 0);
  if( !sq_immutable ){
    int rc = sqlite3_open_v2(path, h, SQLITE_OPEN_READONLY|SQLITE_OPEN_NOMUTEX, 0);
    if( rc!=SQLITE_OK ) return rc;
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    rc = sqlite3_exec(*h, "SELECT count(*) FROM sqlite_master", 0, 0, 0);
    if( rc==SQLITE_OK || access(wal, F_OK)==0 ) return SQLITE_OK;   /* a failure is the first statement's to tell */
    sqlite3_close(*h);
    *h = 0;
    sq_immutable = 1;
  }
  Buf u = BUF_INIT;   /* the path in a URI: % ? # escaped */
  buf_puts(&u, "file:");
  for(const char *c = path; *c; c++){
    if( *c=='%' ) buf_puts(&u, "%25"); else if( *c=='?' ) buf_puts(&u, "%3F"); else if( *c=='#' ) buf_puts(&u, "%23");
    else buf_putc(&u, *c);
  }
  buf_puts(&u, "?immutable=1");
  int rc = sqlite3_open_v2(buf_str(&u), h, SQLITE_OPEN_READONLY|SQLITE_OPEN_NOMUTEX|SQLITE_OPEN_URI, 0);
  buf_free(&u);
  return rc;
}

/* The version of SQLite built into this binary. */
const char *db_sqlite_version(void){ return sqlite3_libversion(); }

/* Open one connection with Loket's settings. */
static SqDb *sq_connect(const char *path, char *err, size_t errlen){
  sqlite3 *h = 0;
  int rc = sq_open_handle(path, &h);
  if( rc!=SQLITE_OK ){
    snprintf(err, errlen, "cannot open %s: %s", path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
    sqlite3_close(h);
    return 0;
  }
  sqlite3_busy_timeout(h, db_busy_seconds()*1000);
  /* Plans do not follow bound values (the query planner stability guarantee): without it a
  ** LIKE against a bound pattern marks its statement to be compiled again whenever the pattern
  ** is bound, i.e. on every run of every list that can be searched (about 50 µs each; the
  ** LIKE optimisation it would allow needs a NOCASE index, and Loket has none). */
  sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_QPSG, 1, (int*)0);
  static const char *const pragmas[] = {
    "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
    "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-16000", "PRAGMA mmap_size=2147418112",
  };
  for(size_t i = sq_read_only ? 1 : 0; i<COUNT(pragmas); i++){   /* WAL is set by those that write */
    if( sqlite3_exec(h, pragmas[i], 0, 0, 0)!=SQLITE_OK ){
      snprintf(err, errlen, "%s: %s: %s", path, pragmas[i], sqlite3_errmsg(h));
      sqlite3_close(h);
      return 0;
    }
  }
  SqDb *db = xcalloc(1, sizeof *db);
  db->engine = DB_ENGINE_SQLITE;
  db->h = h;
  pthread_mutex_lock(&sq_reg_mu);
  db->next = sq_reg;
  sq_reg = db;
  pthread_mutex_unlock(&sq_reg_mu);
  return db;
}

/* 1 when the named migration has been applied to this database. */
static int sq_migration_done(SqDb *db, const char *name){
  SqStmt *q = sq_prepare(db, "SELECT 1 FROM schema_migration WHERE name=?1");
  if( q==0 ) return 0;
  sq_bind_text(q, 1, name);
  int done = sq_step(q)==DB_ROW;
  sq_reset(q);
  return done;
}

static int sq_migrate_one(SqDb *db, const Migration *m, char *err, size_t errlen);

/* Apply every migration not yet applied, in order, each in its own transaction. */
static int sq_migrate(SqDb *db, char *err, size_t errlen){
  if( sq_exec(db, "CREATE TABLE IF NOT EXISTS schema_migration("
                  "name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT")!=OK ){
    snprintf(err, errlen, "cannot create schema_migration: %s", sq_errmsg(db));
    return ERR_DB;
  }
  for(size_t i=0; i<COUNT(migrations); i++){
    if( sq_migration_done(db, migrations[i].name) ) continue;
    int rc = sq_migrate_one(db, &migrations[i], err, errlen);
    if( migrations[i].rebuild ){   /* as the connection was, whatever happened */
      sq_exec(db, "PRAGMA legacy_alter_table=OFF");
      if( sq_exec(db, "PRAGMA foreign_keys=ON")!=OK && rc==OK ){
        snprintf(err, errlen, "migration %s: foreign keys back on: %s", migrations[i].name, sq_errmsg(db));
        rc = ERR_DB;
      }
    }
    if( rc!=OK ) return rc;
  }
  return OK;
}

/* Apply one migration in its own transaction, and record it. A rebuild (migrations.h) runs with
** foreign keys off and legacy_alter_table on (set here, outside the transaction, as SQLite's
** 12-step ALTER TABLE does; the caller sets them back) and commits only if every foreign key holds. */
static int sq_migrate_one(SqDb *db, const Migration *m, char *err, size_t errlen){
  if( m->rebuild && (sq_exec(db, "PRAGMA foreign_keys=OFF")!=OK || sq_exec(db, "PRAGMA legacy_alter_table=ON")!=OK) ){
    snprintf(err, errlen, "migration %s: %s", m->name, sq_errmsg(db));
    return ERR_DB;
  }
  /* on this connection itself, before any thread writes: not through the writer */
  if( sq_exec(db, "BEGIN IMMEDIATE")!=OK ){ snprintf(err, errlen, "migration %s: %s", m->name, sq_errmsg(db)); return ERR_DB; }
  char *msg = 0;
  if( sqlite3_exec(db->h, m->sql, 0, 0, &msg)!=SQLITE_OK ){
    snprintf(err, errlen, "migration %s: %s", m->name, msg ? msg : "failed");
    sqlite3_free(msg);
    sq_exec(db, "ROLLBACK");
    return ERR_DB;
  }
  if( m->rebuild ){
    SqStmt *q = sq_prepare(db, "SELECT \"table\", \"parent\" FROM pragma_foreign_key_check");
    int s = q ? sq_step(q) : ERR_DB;
    if( s!=DB_DONE ){
      if( s==DB_ROW ) snprintf(err, errlen, "migration %s: a row of %s names a missing row of %s", m->name, sq_col_text(q, 0), sq_col_text(q, 1));
      else snprintf(err, errlen, "migration %s: foreign key check: %s", m->name, sq_errmsg(db));
      if( q ) sq_reset(q);
      sq_exec(db, "ROLLBACK");
      return ERR_DB;
    }
    sq_reset(q);
  }
  SqStmt *q = sq_prepare(db, "INSERT INTO schema_migration(name, applied_at) VALUES(?1, ?2)");
  int rc = ERR_DB;
  if( q ){
    sq_bind_text(q, 1, m->name);
    sq_bind_int64(q, 2, time_now());
    rc = sq_run(q);
  }
  if( rc==OK ) rc = sq_finish(db);
  if( rc!=OK ){
    snprintf(err, errlen, "migration %s: %s", m->name, sq_errmsg(db));
    if( !sqlite3_get_autocommit(db->h) ) sq_exec(db, "ROLLBACK");
    return ERR_DB;
  }
  return OK;
}

/* 1 (err says why) when the file at path is there but is not a Loket database: not SQLite,
** or tables of something else and no schema_migration. Read only, before any connection
** sets WAL or migrates: another program's database must not be changed. */
static int sq_foreign(const char *path, char *err, size_t errlen){
  if( access(path, F_OK)!=0 ) return 0;
  sqlite3 *h = 0;
  if( sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, 0)!=SQLITE_OK ){ sqlite3_close(h); return 0; }
  sqlite3_stmt *s = 0;
  int foreign = 0;
  int rc = sqlite3_prepare_v2(h, "SELECT count(*), coalesce(sum(name='schema_migration'), 0) FROM sqlite_master"
                                 " WHERE type='table' AND name NOT LIKE 'sqlite_%'", -1, &s, 0);
  if( rc==SQLITE_NOTADB ){
    snprintf(err, errlen, "%s is not a Loket database (not an SQLite file): give the data folder `loket init` made", path);
    foreign = 1;
  }else if( rc==SQLITE_OK && sqlite3_step(s)==SQLITE_ROW && sqlite3_column_int(s, 0)>0 && sqlite3_column_int(s, 1)==0 ){
    snprintf(err, errlen, "%s is not a Loket database (it holds other tables, and no schema_migration):"
             " give the data folder `loket init` made", path);
    foreign = 1;
  }
  sqlite3_finalize(s);
  sqlite3_close(h);
  return foreign;
}

/* Set the database path for the process and (mode OPEN_MIGRATE) bring the schema up to date. */
int sq_global_open(const char *path, int mode, char *err, size_t errlen){
  /* Loket reads no memory statistics: without them SQLite takes no global mutex per
  ** allocation (threads no longer queue on it). Only possible before SQLite starts. */
  static int configured;
  if( !configured ){
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if( walbuf_register()!=OK ) log_error("the WAL-gathering VFS could not be registered: SQLite's own is used");
    configured = 1;
  }
  if( sq_foreign(path, err, errlen) ) return ERR_INVALID;
  free(sq_path);
  sq_path = xstrdup(path);
  sq_read_only = mode==OPEN_READ;
  sq_immutable = 0;
  SqDb *db = sq_connect(path, err, errlen);
  if( db==0 ) return ERR_DB;
  sq_mine = db;
  return mode==OPEN_MIGRATE ? sq_migrate(db, err, errlen) : OK;
}

/* OK when this process can write the database at path and what SQLite keeps beside it (the
** folder, -wal, -shm); else ERR_DB and, in err, the file and what is wrong. A read-only one (a
** chmod, files left by `sudo loket …`) would open, then fail at every write. Asked before
** opening: SQLite reopens a side file it cannot write read-only, and then resets its mode. */
int sq_writable(const char *path, char *err, size_t errlen){
  char dir[4096], f[4200];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if( slash==0 ) snprintf(dir, sizeof dir, "."); else if( slash==dir ) slash[1] = 0; else *slash = 0;
  unsigned uid = (unsigned)getuid();
  if( access(path, F_OK)==0 && access(path, R_OK|W_OK)!=0 ){
    snprintf(err, errlen, "%s: the database is read-only for this user (uid %u): make it writable by the user"
             " Loket runs as (chown, chmod 600)", path, uid);
    return ERR_DB;
  }
  if( access(dir, W_OK)!=0 ){
    snprintf(err, errlen, "%s: the folder is read-only for this user (uid %u), and SQLite writes loket.db-wal and"
             " loket.db-shm beside the database there: make it writable by the user Loket runs as", dir, uid);
    return ERR_DB;
  }
  static const char *const side[] = { "-wal", "-shm" };
  for(size_t i=0; i<COUNT(side); i++){
    snprintf(f, sizeof f, "%s%s", path, side[i]);
    if( access(f, F_OK)==0 && access(f, R_OK|W_OK)!=0 ){
      snprintf(err, errlen, "%s: cannot be written by this user (uid %u) (left by a run as another user, such as"
               " `sudo loket …`?): chown it to the user Loket runs as", f, uid);
      return ERR_DB;
    }
  }
  return OK;
}

/* A connection to another SQLite file (the source of `loket migrate`): no migrations. */
SqDb *sq_open_file(const char *path, char *err, size_t errlen){
  if( access(path, R_OK)!=0 ){ snprintf(err, errlen, "cannot read %s", path); return 0; }
  SqDb *db = sq_connect(path, err, errlen);
  if( db ) db->solo = 1;
  return db;
}

/* This thread's connection; opened on first use from the global path. */
SqDb *sq_thread(void){
  if( sq_mine ) return sq_mine;
  char err[512];
  sq_mine = sq_connect(sq_path, err, sizeof err);
  if( sq_mine==0 ) log_error("%s", err);
  return sq_mine;
}

/* Finalize every statement and close every connection. */
void sq_global_close(void){
  pthread_mutex_lock(&sq_reg_mu);
  SqDb *db = sq_reg;
  sq_reg = 0;
  pthread_mutex_unlock(&sq_reg_mu);
  while( db ){
    SqDb *next = db->next;
    for(int i=0; i<STMT_CACHE; i++) if( db->cache[i].s ) sqlite3_finalize(db->cache[i].s);
    sqlite3_close(db->h);
    free(db);
    db = next;
  }
  sq_mine = 0;
  pthread_mutex_lock(&gc_mu);
  gc_w = 0;          /* it was in the registry: closed above */
  gc_open = gc_members = gc_nout = 0;
  pthread_mutex_unlock(&gc_mu);
}

/* The cached statement for this SQL text, prepared on first use. */
SqStmt *sq_prepare(SqDb *db, const char *sql){
  if( db==0 ) return 0;
  if( db->to ) db = db->to;   /* inside a write transaction: on the writer */
  size_t h = ((uintptr_t)sql >> 3) % STMT_CACHE;
  for(int probe=0; probe<STMT_CACHE; probe++){
    SqStmt *q = &db->cache[(h+probe) % STMT_CACHE];
    if( q->s==0 ){
      if( sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &q->s, 0)!=SQLITE_OK ){
        log_error("SQL prepare failed: %s in: %s", sqlite3_errmsg(db->h), sql);
        q->s = 0;
        return 0;
      }
      q->engine = DB_ENGINE_SQLITE;
      q->db = db;
      q->key = sql;
      q->inuse = 1;
      db->inuse_n++;
      return q;
    }
    if( q->key==sql ){
      if( !q->inuse ){ q->inuse = 1; db->inuse_n++; return q; }
      break;   /* the same statement is still being stepped: give a private copy */
    }
  }
  SqStmt *q = xcalloc(1, sizeof *q);
  if( sqlite3_prepare_v2(db->h, sql, -1, &q->s, 0)!=SQLITE_OK ){
    log_error("SQL prepare failed: %s in: %s", sqlite3_errmsg(db->h), sql);
    free(q);
    return 0;
  }
  q->engine = DB_ENGINE_SQLITE;
  q->db = db;
  q->key = sql;
  q->inuse = 1;
  q->owned = 1;
  db->inuse_n++;
  return q;
}

/* Bind a 64-bit integer to parameter ?i. */
void sq_bind_int64(SqStmt *q, int i, int64_t v){ sqlite3_bind_int64(q->s, i, v); }
/* Bind an int to parameter ?i. */
void sq_bind_int(SqStmt *q, int i, int v){ sqlite3_bind_int(q->s, i, v); }
/* Bind text (copied) to ?i; NULL binds SQL NULL. */
void sq_bind_text(SqStmt *q, int i, const char *z){
  if( z ) sqlite3_bind_text(q->s, i, z, -1, SQLITE_TRANSIENT); else sqlite3_bind_null(q->s, i);
}
/* Bind n bytes of text (copied) to ?i. */
void sq_bind_textn(SqStmt *q, int i, const char *z, size_t n){
  sqlite3_bind_text(q->s, i, z, (int)n, SQLITE_TRANSIENT);
}
/* Bind a blob (copied) to ?i. */
void sq_bind_blob(SqStmt *q, int i, const void *p, size_t n){
  sqlite3_bind_blob(q->s, i, p, (int)n, SQLITE_TRANSIENT);
}
/* Bind SQL NULL to ?i. */
void sq_bind_null(SqStmt *q, int i){ sqlite3_bind_null(q->s, i); }

/* Step: DB_ROW with a row, DB_DONE at the end, else an error code (logged). */
/* Step a statement of this layer's own (BEGIN, COMMIT): no bookkeeping. */
static int sq_step_raw(SqStmt *q){
  return sqlite3_step(q->s);
}

/* Under db_read_begin(): a read opens the shared read transaction on first use; a write
** outside a transaction ends it and runs on its own (a read transaction cannot be safely
** upgraded to a write once others have written). */
static void read_snapshot(SqDb *db, int readonly){
  if( readonly && !db->reading ){
    SqStmt *b = sq_prepare(db, "BEGIN");
    if( b && sq_step_raw(b)==SQLITE_DONE ) db->reading = 1;
    if( b ) sq_reset(b);
  }else if( !readonly && db->reading ){
    SqStmt *c = sq_prepare(db, "COMMIT");
    db->reading = 0;
    if( c ){ sq_step_raw(c); sq_reset(c); }
  }
}

/* Go to a statement's next row: DB_ROW, DB_DONE or an error (a write prepared outside its transaction refused). */
int sq_step(SqStmt *q){
  if( q->db->to && !sqlite3_stmt_readonly(q->s) ){
    /* prepared before the write transaction began: it would wait for the writer's lock */
    log_error("statement prepared outside the write transaction it writes in: %s", sqlite3_sql(q->s));
    return ERR_DB;
  }
  if( q->db->snapshot && !q->db->in_txn ) read_snapshot(q->db, sqlite3_stmt_readonly(q->s));
  if( !q->gc_held && !q->db->in_txn && !q->db->solo && q->db!=gc_w && !sqlite3_stmt_readonly(q->s) ){
    if( gc_autocommit_enter(q->db->h)!=OK ) return ERR_DB;
    q->gc_held = 1;   /* until sq_reset(): the statement holds SQLite's write lock while it runs */
  }
  int rc = sqlite3_step(q->s);
  if( rc==SQLITE_ROW ) return DB_ROW;
  if( rc==SQLITE_DONE ) return DB_DONE;
  q->db->last_rc = rc;
  q->db->ep_ok = 0;   /* a failed statement may have rolled back what the epoch was read after */
  if( (rc & 0xff)==SQLITE_CONSTRAINT ) return ERR_CONFLICT;
  sq_fault(rc);
  log_error("SQL step failed: %s", sqlite3_errmsg(q->db->h));
  return ERR_DB;
}

/* Column i of the current row as a 64-bit integer. */
int64_t sq_col_int64(SqStmt *q, int i){ return sqlite3_column_int64(q->s, i); }
/* Column i of the current row as an int. */
int sq_col_int(SqStmt *q, int i){ return sqlite3_column_int(q->s, i); }
/* Column i as text; "" for NULL. */
const char *sq_col_text(SqStmt *q, int i){
  const unsigned char *z = sqlite3_column_text(q->s, i);
  return z ? (const char*)z : "";
}
/* Column i as text and its length in bytes; NULL for SQL NULL (one call, no strlen). */
const char *sq_col_str(SqStmt *q, int i, size_t *n){
  const unsigned char *z = sqlite3_column_text(q->s, i);
  *n = z ? (size_t)sqlite3_column_bytes(q->s, i) : 0;
  return (const char*)z;
}
/* Column i as a blob and its size. */
const void *sq_col_blob(SqStmt *q, int i, size_t *n){
  const void *p = sqlite3_column_blob(q->s, i);
  *n = (size_t)sqlite3_column_bytes(q->s, i);
  return p;
}
/* The storage class of column i (SQLITE_INTEGER … SQLITE_NULL). */
int sq_col_type(SqStmt *q, int i){ return sqlite3_column_type(q->s, i); }
/* Column i as a double. */
double sq_col_double(SqStmt *q, int i){ return sqlite3_column_double(q->s, i); }
/* How many columns the statement returns. */
int sq_col_count(SqStmt *q){ return sqlite3_column_count(q->s); }
/* The name of column i. */
const char *sq_col_name(SqStmt *q, int i){ return sqlite3_column_name(q->s, i); }
/* 1 when column i is NULL. */
int sq_col_null(SqStmt *q, int i){ return sqlite3_column_type(q->s, i)==SQLITE_NULL; }

/* Make the statement ready for its next use (private copies are freed). */
void sq_reset(SqStmt *q){
  if( q==0 ) return;
  sqlite3_reset(q->s);
  sqlite3_clear_bindings(q->s);
  if( q->gc_held ){ q->gc_held = 0; gc_autocommit_leave(); sqlite3_busy_timeout(q->db->h, db_busy_seconds()*1000); }
  if( q->inuse ){ q->inuse = 0; if( q->db->inuse_n>0 ) q->db->inuse_n--; }
  if( q->owned ){
    sqlite3_finalize(q->s);
    free(q);
  }
}

/* Statements handed out and never reset (a bug in the caller): each cached one is named in
** the log and reset; a private copy can only be counted. Returns how many there were. */
int sq_unreset(SqDb *db){
  if( db==0 || db->inuse_n==0 ) return 0;
  int n = db->inuse_n;
  for(int i=0; i<STMT_CACHE; i++){
    SqStmt *q = &db->cache[i];
    if( q->s && q->inuse ){
      log_error("statement left un-reset: %s", sqlite3_sql(q->s));
      sq_reset(q);
    }
  }
  if( db->inuse_n ) log_error("statement left un-reset: %d private copies", db->inuse_n);
  db->inuse_n = 0;
  return n;
}

/* Step a statement that returns no rows, then reset it; OK or the error. */
static int sq_run(SqStmt *q){
  if( q==0 ) return ERR_DB;
  int rc;
  while( (rc = sq_step(q))==DB_ROW ){}
  sq_reset(q);
  return rc==DB_DONE ? OK : rc;
}

/* Run SQL text with no parameters. */
int sq_exec(SqDb *db, const char *sql){
  if( db->to ) db = db->to;
  db->ep_ok = 0;      /* whatever it holds (a ROLLBACK, a change to the epoch's rows) */
  int held = !db->in_txn && !db->solo && db!=gc_w;   /* may write outside a transaction */
  if( held && gc_autocommit_enter(db->h)!=OK ) return ERR_DB;
  char *msg = 0;
  int rc = sqlite3_exec(db->h, sql, 0, 0, &msg);
  if( held ){ gc_autocommit_leave(); sqlite3_busy_timeout(db->h, db_busy_seconds()*1000); }
  if( rc!=SQLITE_OK ){
    db->last_rc = rc;
    sq_fault(rc);
    log_error("SQL failed: %s in: %s", msg ? msg : sqlite3_errstr(rc), sql);
    sqlite3_free(msg);
    return ERR_DB;
  }
  return OK;
}

/* Run one of this layer's own statements (BEGIN, COMMIT) from the cache; OK or ERR_DB (logged). */
static int sq_control(SqDb *db, const char *sql){
  if( strncmp(sql, "ROLLBACK", 8)==0 ) db->ep_ok = 0;   /* an epoch read inside is undone */
  SqStmt *q = sq_prepare(db, sql);
  if( q==0 ) return ERR_DB;
  int rc = sq_step_raw(q);
  if( rc!=SQLITE_DONE ){
    db->last_rc = rc;
    sq_fault(rc);
    log_error("SQL failed: %s in: %s", sqlite3_errmsg(db->h), sql);
  }
  sq_reset(q);
  return rc==SQLITE_DONE ? OK : ERR_DB;
}

/* COMMIT the connection's transaction; when that fails, roll back what is still open. */
static int sq_finish(SqDb *db){
  int rc = sq_control(db, "COMMIT");
  if( rc!=OK && !sqlite3_get_autocommit(db->h) ) sq_control(db, "ROLLBACK");
  return rc;
}

/* Take gc_mu, waiting at most db_busy_seconds() (as sqlite3_busy_timeout would); OK or ERR_DB (logged).
** The writer then waits for another process's lock (a CLI command's long import) only for
** what is left of that wait: writers queued behind a lock held elsewhere would otherwise
** each add a wait of their own, and the last one answer after minutes. */
static int gc_lock(const char *what, int *left_ms){
  struct timespec until, now;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += db_busy_seconds();
  if( pthread_mutex_timedlock(&gc_mu, &until)==0 ){
    clock_gettime(CLOCK_REALTIME, &now);
    int64_t left = (int64_t)(until.tv_sec - now.tv_sec)*1000 + (until.tv_nsec - now.tv_nsec)/1000000;
    *left_ms = left>1 ? (int)left : 1;
    return OK;
  }
  log_error("%s: another writer held the database for %d s", what, db_busy_seconds());
  db_fault_note(DB_FAULT_BUSY);
  return ERR_DB;
}

/* The writer connection, opened on first use; gc_mu is held. */
static SqDb *gc_writer(void){
  if( gc_w==0 ){
    char err[512];
    gc_w = sq_connect(sq_path, err, sizeof err);
    if( gc_w==0 ) log_error("the writer connection: %s", err);
  }
  return gc_w;
}

/* Begin a write: join the open batch on the writer, or open one, inside a savepoint of its own. */
int sq_begin(SqDb *db){
  if( db==0 ) return ERR_DB;
  if( db->in_txn ){ log_error("db_begin: already in a transaction"); return ERR_DB; }
  if( db->reading ) read_snapshot(db, 0);   /* the write starts from the newest data */
  if( db->solo ){ log_error("db_begin: a file opened for reading (sq_open_file) is not written"); return ERR_DB; }
  if( gc_autoheld ){
    log_error("db_begin: a write outside the write transaction is still running on this thread");
    return ERR_DB;
  }
  atomic_fetch_add(&gc_want, 1);
  int left = 0, rc = gc_lock("db_begin", &left);
  atomic_fetch_sub(&gc_want, 1);
  if( rc!=OK ) return ERR_DB;
  SqDb *w = gc_writer();
  if( w && !gc_open ){
    sqlite3_busy_timeout(w->h, left);
    if( sq_control(w, "BEGIN IMMEDIATE")!=OK ) w = 0;
    else{ gc_open = 1; gc_members = 0; gc_batch++; w->in_txn = 1; }
  }
  /* the batch's first part is the whole transaction so far: should it fail, nothing else is
  ** in the batch and ROLLBACK undoes it alone. A later part needs a savepoint of its own (a
  ** savepoint copies each page it changes first into a statement journal: not paid alone) */
  gc_part_sp = w && gc_members>0;
  if( gc_part_sp && sq_control(w, "SAVEPOINT part")!=OK ) w = 0;
  if( w==0 ){
    if( gc_open && gc_members==0 ){ sq_control(gc_w, "ROLLBACK"); gc_open = 0; gc_w->in_txn = 0; gc_done = gc_batch; }
    pthread_mutex_unlock(&gc_mu);
    return ERR_DB;
  }
  gc_members++;
  db->to = w;
  db->in_txn = 1;
  return OK;
}

/* Commit the open batch and wake its parts; gc_mu is held and nobody is inside a part. */
static void gc_commit(void){
  int crc = sq_finish(gc_w);
  gc_w->in_txn = 0;
  gc_open = 0;
  for(int i=0; i<gc_nout; i++) *gc_out[i] = crc;   /* each waiter's own: no slot to be reused */
  gc_nout = 0;
  gc_done = gc_batch;
  atomic_fetch_add(&gc_parts, (uint64_t)gc_members);
  atomic_fetch_add(&gc_batches, 1);
  pthread_cond_broadcast(&gc_cv);
}

/* Take gc_mu for a write outside any transaction (one statement, committed by SQLite on
** its own connection): the open batch is committed first so that the writer's lock is
** free, and no batch opens until the statement is reset. OK or ERR_DB after the wait. */
static int gc_autocommit_enter(sqlite3 *h){
  if( gc_autoheld>0 ){ gc_autoheld++; return OK; }
  int left = 0;
  if( gc_lock("a write", &left)!=OK ) return ERR_DB;
  sqlite3_busy_timeout(h, left);
  if( gc_open ) gc_commit();
  gc_autoheld = 1;
  return OK;
}

/* The autocommit write is reset: let the writers go on. */
static void gc_autocommit_leave(void){
  if( gc_autoheld>0 && --gc_autoheld==0 ) pthread_mutex_unlock(&gc_mu);
}

/* End this thread's part of the batch (kept when ok, else undone), then either leave the
** batch open for a writer that waits or commit it; return when the batch has ended, with
** how this part ended. gc_mu is held on entry and released on return. */
static int gc_part_end(SqDb *db, int ok){
  SqDb *w = db->to;
  db->to = 0;
  db->in_txn = 0;
  int rc = OK;
  if( sq_unreset(w) ) rc = ERR_DB;     /* a statement this part left open: logged, reset */
  if( ok && rc==OK ) rc = gc_part_sp ? sq_control(w, "RELEASE part") : OK;
  else rc = ERR_DB;
  uint64_t mine = gc_batch;
  if( rc!=OK && gc_part_sp ){ sq_control(w, "ROLLBACK TO part"); sq_control(w, "RELEASE part"); }
  else if( rc!=OK ){
    /* the batch's first part: the batch holds nothing else, so it ends here */
    if( !sqlite3_get_autocommit(w->h) ) sq_control(w, "ROLLBACK");
    w->in_txn = 0;
    gc_open = 0;
    gc_done = mine;
    atomic_fetch_add(&gc_parts, 1);
    atomic_fetch_add(&gc_batches, 1);
    pthread_cond_broadcast(&gc_cv);
  }
  int batch = ERR_DB;         /* how the batch ended: set by gc_commit() */
  if( gc_done<mine && gc_nout<GC_MAX_MEMBERS ) gc_out[gc_nout++] = &batch;
  while( gc_done<mine ){
    if( atomic_load(&gc_want)>0 && gc_members<GC_MAX_MEMBERS ){
      /* the next writer carries the batch on. Waking holding gc_mu means nobody is inside a
      ** part: if no writer waits by then (one gave up), this thread commits the batch itself */
      struct timespec t;
      clock_gettime(CLOCK_REALTIME, &t);
      t.tv_nsec += 50*1000000L;
      if( t.tv_nsec>=1000000000L ){ t.tv_sec++; t.tv_nsec -= 1000000000L; }
      pthread_cond_timedwait(&gc_cv, &gc_mu, &t);
      continue;
    }
    gc_commit();
  }
  pthread_mutex_unlock(&gc_mu);
  return rc!=OK ? rc : batch;
}

/* How many batches were committed, how many parts (write transactions) they held, and how
** many threads wait to begin a write now. */
void sq_group_stats(uint64_t *batches, uint64_t *parts, int *waiting){
  *batches = atomic_load(&gc_batches);   /* not under gc_mu: a writer may hold it */
  *parts = atomic_load(&gc_parts);
  *waiting = atomic_load(&gc_want);
}

/* Commit this thread's write: OK once the batch holding it is durable. */
int sq_commit(SqDb *db){
  if( db==0 || !db->in_txn || db->to==0 ) return ERR_DB;
  return gc_part_end(db, 1) ? ERR_DB : OK;
}

/* Abandon this thread's write (the rest of its batch goes on). */
void sq_rollback(SqDb *db){
  if( db && db->in_txn && db->to ) gc_part_end(db, 0);
}

/* 1 inside a transaction begun by sq_begin. */
int sq_in_txn(SqDb *db){ return db->in_txn; }

/* Let the reads that follow share one read transaction (one lock instead of one per
** statement), opened by the first of them: a request that reads nothing pays nothing. */
int sq_read_begin(SqDb *db){
  if( db ) db->snapshot = 1;
  return OK;
}

/* End the shared read transaction, if one is open. */
void sq_read_end(SqDb *db){
  if( db==0 ) return;
  db->snapshot = 0;
  if( db->reading ) read_snapshot(db, 0);
}

/* The cache epoch this connection read last, when nothing can have changed it since: a
** snapshot is held (a statement now sees what the last one saw), no connection has
** committed since (SQLite's data version, which counts this connection's commits and others'
** alike) and this connection has changed no row since (its total of changes; a change to
** the rows the epoch guards is a change of a row). 1 with *n set, else 0: read it. */
int sq_epoch_known(SqDb *db, int64_t *n){
  if( db->to ) db = db->to;
  if( !db->ep_ok || sqlite3_txn_state(db->h, "main")==SQLITE_TXN_NONE ) return 0;
  unsigned v = 0;
  if( sqlite3_file_control(db->h, "main", SQLITE_FCNTL_DATA_VERSION, &v)!=SQLITE_OK ) return 0;
  if( v!=db->ep_version || sqlite3_total_changes64(db->h)!=db->ep_changes ) return 0;
  *n = db->ep_n;
  return 1;
}

/* Note the epoch just read on this connection (see sq_epoch_known). */
void sq_epoch_saw(SqDb *db, int64_t n){
  if( db->to ) db = db->to;
  unsigned v = 0;
  db->ep_ok = sqlite3_file_control(db->h, "main", SQLITE_FCNTL_DATA_VERSION, &v)==SQLITE_OK;
  db->ep_version = v;
  db->ep_changes = sqlite3_total_changes64(db->h);
  db->ep_n = n;
}

/* Rows changed by the last statement. */
int sq_changes(SqDb *db){ return sqlite3_changes(db->to ? db->to->h : db->h); }
/* The engine's last error message. */
const char *sq_errmsg(SqDb *db){ return db ? sqlite3_errmsg(db->to ? db->to->h : db->h) : "no database connection"; }
/* ERR_CONFLICT when the last failure was a constraint, else ERR_DB. */
int sq_last_error(SqDb *db){
  if( db->to ) db = db->to;
  return (db->last_rc & 0xff)==SQLITE_CONSTRAINT ? ERR_CONFLICT : ERR_DB;
}

/* Size of the database file in bytes (page count × page size). */
int64_t sq_size_bytes(SqDb *db){
  SqStmt *q = sq_prepare(db, "SELECT page_count*page_size FROM pragma_page_count(), pragma_page_size()");
  int64_t n = 0;
  if( q && sq_step(q)==DB_ROW ) n = sq_col_int64(q, 0);
  sq_reset(q);
  return n;
}

/* How many times this connection's cached statements were compiled again (SQLite does so
** after a schema change, or when a value bound to a plan-deciding parameter changes). */
int64_t sq_reprepares(SqDb *db){
  int64_t n = 0;
  for(sqlite3_stmt *s = sqlite3_next_stmt(db->h, 0); s; s = sqlite3_next_stmt(db->h, s)){
    n += sqlite3_stmt_status(s, SQLITE_STMTSTATUS_REPREPARE, 0);
  }
  return n;
}

/* How many migrations the file has had applied. */
int sq_schema_version(SqDb *db){
  SqStmt *q = sq_prepare(db, "SELECT count(*) FROM schema_migration");
  int v = 0;
  if( q && sq_step(q)==DB_ROW ) v = sq_col_int(q, 0);
  sq_reset(q);
  return v;
}

/* Remove a copy cut short and its rollback journal. */
static void sq_backup_discard(const char *part){
  char j[4224];
  snprintf(j, sizeof j, "%s-journal", part);
  unlink(part);
  unlink(j);
}

/* Online backup into dest. One step copies every page inside one read transaction:
** under WAL that is a consistent snapshot and writers go on meanwhile (copying in
** small steps would restart each time another connection writes). The copy is written as
** dest.part-PID and takes dest's name only once whole and on disk: a backup killed, or
** stopped by a full disk, leaves no file named as a backup (it was a file of dest's name that
** SQLite's own rollback emptied when opened). */
int sq_backup(SqDb *db, const char *dest, char *err, size_t errlen){
  sqlite3 *to = 0;
  if( access(dest, F_OK)==0 ){ snprintf(err, errlen, "%s already exists: choose a new file name", dest); return ERR_CONFLICT; }
  if( strlen(dest)>4000 ){ snprintf(err, errlen, "the file name is too long: at most 4000 bytes"); return ERR_INVALID; }
  char part[4200], dir[4200];
  snprintf(part, sizeof part, "%s.part-%ld", dest, (long)getpid());
  /* the copies of dest a backup killed meanwhile left (this pid's too: a pid reused) */
  const char *slash = strrchr(dest, '/');
  snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash==dest ? 1 : slash-dest) : 1, slash ? dest : ".");
  char prefix[4200];
  snprintf(prefix, sizeof prefix, "%s.part-", slash ? slash+1 : dest);
  util_sweep_stale(dir, prefix, UTIL_STALE_S);
  if( sqlite3_open(part, &to)!=SQLITE_OK ){
    int sys = to ? sqlite3_system_errno(to) : 0;   /* the system's reason (a folder not there) says more than SQLite's */
    snprintf(err, errlen, "cannot create %s: %s", dest, sys ? strerror(sys) : sqlite3_errmsg(to));
    sqlite3_close(to);
    return ERR_IO;
  }
  sqlite3_backup *b = sqlite3_backup_init(to, "main", db->h, "main");
  if( b==0 ){
    snprintf(err, errlen, "backup: %s", sqlite3_errmsg(to));
    sqlite3_close(to);
    sq_backup_discard(part);
    return ERR_IO;
  }
  int rc;
  do{
    rc = sqlite3_backup_step(b, -1);
    if( rc==SQLITE_BUSY || rc==SQLITE_LOCKED ) sqlite3_sleep(20);
  }while( rc==SQLITE_OK || rc==SQLITE_BUSY || rc==SQLITE_LOCKED );
  sqlite3_backup_finish(b);
  /* the copy is a plain rollback-journal file: one self-contained file to keep */
  if( rc==SQLITE_DONE && sqlite3_exec(to, "PRAGMA journal_mode=DELETE", 0, 0, 0)!=SQLITE_OK ) rc = sqlite3_errcode(to);
  if( rc!=SQLITE_DONE ){
    snprintf(err, errlen, "backup failed: %s", sqlite3_errstr(rc));
    sqlite3_close(to);
    sq_backup_discard(part);
    return ERR_IO;
  }
  sqlite3_close(to);   /* its commits were synced (synchronous=FULL, SQLite's default) */
  /* link, not rename: a dest made meanwhile is not replaced */
  if( link(part, dest)!=0 ){
    snprintf(err, errlen, errno==EEXIST ? "%s already exists: choose a new file name" : "cannot create %s: %s",
             dest, strerror(errno));
    sq_backup_discard(part);
    return errno==EEXIST ? ERR_CONFLICT : ERR_IO;
  }
  unlink(part);
  int fd = open(dir, O_RDONLY|O_DIRECTORY);   /* the new name on disk too */
  if( fd>=0 ){ fsync(fd); close(fd); }
  return OK;
}
