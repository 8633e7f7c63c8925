/*
** pgsql.c — the storage interface on PostgreSQL (libpq), for a province or the
** national desk where several `loket serve` processes share one database.
**
** - One connection per thread (pg_thread), opened from the process's URL.
** - Statements: `?N` becomes `$N` once, when a SQL text is first prepared on a
**   connection; the server-side prepared statement is cached per connection keyed
**   by the SQL text's pointer, like the SQLite cache. Parameters go as text (blobs
**   as binary); results come as text, booleans read as 1/0, bytea unescaped.
**   SQLite's `INDEXED BY name` hints are dropped (PostgreSQL plans by itself).
** - Transactions: db_begin is BEGIN ISOLATION LEVEL READ COMMITTED followed by
**   pg_advisory_xact_lock(PG_WRITE_LOCK): write transactions run one at a time
**   across every node, as BEGIN IMMEDIATE does on SQLite. That is what the code
**   above was written for (read-then-write: the audit chain's next id and hash,
**   counters, "is it still open?" checks), so numbers never repeat or skip and the
**   audit chain stays a chain, with no serialization failures to retry. Reads
**   outside a transaction run in parallel on every node and never wait for it.
** - Errors: unique, foreign-key, not-null and check violations and the audit
**   trigger's exception are ERR_CONFLICT, as on SQLite. A statement outside a
**   transaction that fails with a serialization failure or deadlock (40001,
**   40P01) is retried here; inside a transaction the db layer cannot replay what
**   came before, so the error goes up and the transaction rolls back (callers
**   treat it as any other ERR_DB). With the write lock above, deadlocks can only
**   arise between a transaction and a single-statement write outside one.
** - A dropped connection is reopened on the next statement. Outside a transaction
**   the statement is then re-run once (a write whose reply was lost may run twice:
**   Loket's writes outside transactions are claims and touches that bear it);
**   inside one the transaction is lost, db_commit reports ERR_DB.
** - Migrations: the SQLite DDL of migrations.h translated mechanically
**   (pg_translate_ddl), or a step's own `pgsql` text when it gives one.
*/
#include "db.h"
#include "engine.h"
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <time.h>
#include <stdatomic.h>

#define PG_CACHE 512
#define PG_WRITE_LOCK 4242001   /* the advisory lock every write transaction takes */
#define PG_OID_BOOL 16
#define PG_OID_BYTEA 17

typedef struct PgPrep {
  const char *key;      /* the SQL text pointer */
  char *text;           /* translated SQL */
  int nparams;
  unsigned int *types;  /* parameter types: 0 (the server infers it) or text, see pg_ensure_prepared */
  char name[16];        /* server-side name, "" when not (or no longer) prepared */
  int used;
} PgPrep;

struct PgStmt {
  int engine;           /* DB_ENGINE_PG: the dispatch in db.c reads it first */
  PgDb *db;
  PgPrep *p;
  int inuse, owned;
  int nparams;
  char **vals;          /* bound values (malloc'd), NULL for SQL NULL */
  int *lens, *fmts;
  PGresult *res;
  int row, nrows, executed;
  unsigned char **blobs; /* unescaped bytea of the current row, freed on step/reset */
  int nblobs;
};

struct PgDb {
  int engine;           /* DB_ENGINE_PG */
  PGconn *c;
  PgPrep prep[PG_CACHE];
  PgStmt stmt[PG_CACHE];
  int nnames;           /* for statement names */
  int in_txn, tx_lost;
  int snapshot;         /* db_read_begin(): a GET's reads share one read-only snapshot */
  int reading;          /* that snapshot's transaction is open */
  int changes;
  int last_err;
  int inuse_n;          /* statements handed out and not yet reset */
  char errmsg[512];
  PgDb *next;
};

static char *pg_url;
static char *pg_replica_url;          /* --db-replica: report reads, when it does not lag */
static int pg_replica_max_lag = 30;   /* seconds */
static _Thread_local PgDb *pg_replica_mine;
static _Thread_local int64_t pg_replica_checked_ms;
static _Thread_local int pg_replica_fresh;
static _Thread_local int pg_replica_down;   /* it did not answer at the last look: the next one waits longer */
static atomic_int pg_replica_lagging;  /* process-wide, for one log line per change */
static pthread_mutex_t pg_reg_mu = PTHREAD_MUTEX_INITIALIZER;
static PgDb *pg_reg;
static _Thread_local PgDb *pg_mine;

#include "migrations.h"

/* When PostgreSQL last failed to answer a connection, no thread tries again before
** pg_down_until (a monotonic ms): requests meanwhile are answered at once (503), not after a
** wait each, which would queue every other request of their HTTP thread behind them. */
#define PG_DOWN_RETRY_MS 1000
static atomic_llong pg_down_until;
static atomic_int pg_down;            /* 1 while it does not answer: one log line per outage */

/* Milliseconds of a monotonic clock. */
static int64_t mono_ms(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec*1000 + ts.tv_nsec/1000000;
}

/* Note for the answer why a statement failed when it is the server's doing, not the caller's:
** the connection lost or refused, the disk full, the database read-only, a lock or a timeout. */
static void pg_fault(PGconn *c, const char *state){
  if( c==0 || PQstatus(c)!=CONNECTION_OK ){ db_fault_note(DB_FAULT_DOWN); return; }
  if( state==0 ) return;
  if( !strncmp(state, "08", 2) || !strcmp(state, "57P01") || !strcmp(state, "57P02") || !strcmp(state, "57P03") )
    db_fault_note(DB_FAULT_DOWN);
  else if( !strcmp(state, "53100") ) db_fault_note(DB_FAULT_FULL);
  else if( !strcmp(state, "25006") ) db_fault_note(DB_FAULT_READONLY);
  else if( !strcmp(state, "55P03") || !strcmp(state, "57014") || !strcmp(state, "53300") ) db_fault_note(DB_FAULT_BUSY);
}

/* PostgreSQL did not answer a connection: say so once, and let nobody try for a while. */
static void pg_went_down(const char *why){
  atomic_store(&pg_down_until, mono_ms() + PG_DOWN_RETRY_MS);
  db_fault_note(DB_FAULT_DOWN);
  if( atomic_exchange(&pg_down, 1)==0 )
    log_error("PostgreSQL does not answer: %s; requests that need it are answered 503 until it does", why);
}

/* A connection was made: the outage, if there was one, is over. */
static void pg_came_back(void){
  if( atomic_exchange(&pg_down, 0)==1 ) log_info("PostgreSQL answers again");
}

/* 1 while the last try to connect failed less than PG_DOWN_RETRY_MS ago (nobody tries now). */
static int pg_resting(void){
  return atomic_load(&pg_down) && mono_ms() < atomic_load(&pg_down_until);
}

/* Remember the connection's last error message (without the trailing newline). */
static void pg_seterr(PgDb *db, const char *msg){
  snprintf(db->errmsg, sizeof db->errmsg, "%s", msg ? msg : "");
  for(char *c = db->errmsg; *c; c++) if( *c=='\n' ) *c = ' ';
  size_t n = strlen(db->errmsg);
  while( n && (db->errmsg[n-1]=='\n' || db->errmsg[n-1]==' ') ) db->errmsg[--n] = 0;
}

static int pg_read_only;   /* the process only reads (OPEN_READ): every transaction read-only */

/* Settings every connection runs with. */
static int pg_session_setup(PGconn *c){
  PGresult *r = PQexec(c, pg_read_only
    ? "SET client_min_messages=error; SET TIME ZONE 'UTC'; SET application_name='loket'; SET default_transaction_read_only=on"
    : "SET client_min_messages=error; SET TIME ZONE 'UTC'; SET application_name='loket'");
  int ok = PQresultStatus(r)==PGRES_COMMAND_OK;
  PQclear(r);
  return ok;
}

/* Open one connection. */
static PgDb *pg_connect(const char *url, char *err, size_t errlen){
  PGconn *c = PQconnectdb(url);
  if( PQstatus(c)!=CONNECTION_OK || !pg_session_setup(c) ){
    snprintf(err, errlen, "cannot connect to PostgreSQL: %s", PQerrorMessage(c));
    size_t n = strlen(err);
    while( n && err[n-1]=='\n' ) err[--n] = 0;
    for(char *z = err; *z; z++) if( *z=='\n' || *z=='\t' ) *z = ' ';   /* one log line */
    PQfinish(c);
    return 0;
  }
  PgDb *db = xcalloc(1, sizeof *db);
  db->engine = DB_ENGINE_PG;
  db->c = c;
  pthread_mutex_lock(&pg_reg_mu);
  db->next = pg_reg;
  pg_reg = db;
  pthread_mutex_unlock(&pg_reg_mu);
  return db;
}

/* After a reset the server has forgotten every prepared statement. */
static void pg_forget_prepared(PgDb *db){
  for(int i=0; i<PG_CACHE; i++) db->prep[i].name[0] = 0;
}

/* Reopen a dropped connection; 1 when it is back. A transaction in flight is lost. While
** PostgreSQL does not answer, one thread tries once in PG_DOWN_RETRY_MS; the others fail at once. */
static int pg_reconnect(PgDb *db){
  if( db->in_txn ){ db->tx_lost = 1; }
  db->reading = 0;   /* a read snapshot goes with the connection: the next read opens another */
  db_fault_note(DB_FAULT_DOWN);   /* for this request, even when the connection comes back */
  if( pg_resting() ){
    pg_seterr(db, "PostgreSQL did not answer a moment ago");
    return 0;
  }
  for(int attempt=0; attempt<2; attempt++){   /* a second try: a restarted server may need a moment */
    PQreset(db->c);
    if( PQstatus(db->c)==CONNECTION_OK && pg_session_setup(db->c) ){
      pg_forget_prepared(db);
      pg_came_back();
      log_warn("PostgreSQL: connection reopened");
      return 1;
    }
    if( attempt==0 ){ struct timespec ts = { 0, 100*1000*1000 }; nanosleep(&ts, 0); }
  }
  pg_seterr(db, PQerrorMessage(db->c));
  pg_went_down(db->errmsg);
  return 0;
}

/* ---- SQL translation ---- */

/* 1 when c can be part of an SQL word. */
static int is_word(int c){ return isalnum(c) || c=='_'; }

/* Copy a quoted run ('…' or "…", doubled quotes inside) from *p to b; advances *p. */
static void copy_quoted(Buf *b, const char **p){
  const char *s = *p;
  char q = *s;
  buf_append(b, s, 1);
  s++;
  while( *s ){
    if( *s==q ){
      if( s[1]==q ){ buf_append(b, s, 2); s += 2; continue; }
      buf_append(b, s, 1); s++;
      break;
    }
    buf_append(b, s, 1); s++;
  }
  *p = s;
}

/* Open parentheses of lower() a statement may nest (lower(a)||lower(b) are two, one after the other). */
#define PG_LOWER_DEPTH 16

/* A statement's SQL for PostgreSQL: ?N → $N (a bare ? takes the next number), SQLite's
** INDEXED BY hints dropped, and lower(X) as lower(X COLLATE "C"): capitals A-Z alone, as SQLite's
** lower() (a letter with a mark kept as written; the database's locale would lower "É" here and
** not there, and a search would find other rows on each engine). Returns malloc'd text; *nparams
** the highest N. */
static char *pg_translate_sql(const char *sql, int *nparams){
  Buf b = BUF_INIT;
  int maxn = 0, next = 1;
  int depth = 0, lowers = 0, lower_at[PG_LOWER_DEPTH];   /* the depth each open lower( was opened at */
  const char *p = sql;
  while( *p ){
    if( *p=='\'' || *p=='"' ){ copy_quoted(&b, &p); continue; }
    if( p[0]=='-' && p[1]=='-' ){ const char *e = strchr(p, '\n'); size_t n = e ? (size_t)(e-p) : strlen(p); buf_append(&b, p, n); p += n; continue; }
    if( (p==sql || !is_word((unsigned char)p[-1])) && strncmp(p, "lower(", 6)==0 && lowers<PG_LOWER_DEPTH ){
      lower_at[lowers++] = ++depth;
      buf_append(&b, p, 6);
      p += 6;
      continue;
    }
    if( *p=='(' ) depth++;
    if( *p==')' ){
      if( lowers>0 && lower_at[lowers-1]==depth ){ buf_puts(&b, " COLLATE \"C\""); lowers--; }
      depth--;
    }
    if( *p=='?' ){
      p++;
      int n = 0;
      if( isdigit((unsigned char)*p) ){ while( isdigit((unsigned char)*p) ) n = n*10 + (*p++ - '0'); }
      else n = next;
      next = n + 1;
      if( n>maxn ) maxn = n;
      buf_printf(&b, "$%d", n);
      continue;
    }
    if( (p==sql || !is_word((unsigned char)p[-1])) && strncmp(p, "INDEXED BY ", 11)==0 ){
      p += 11;
      while( *p==' ' ) p++;
      while( is_word((unsigned char)*p) ) p++;
      continue;
    }
    buf_append(&b, p, 1);
    p++;
  }
  *nparams = maxn;
  char *z = xstrdup(buf_str(&b));
  buf_free(&b);
  return z;
}

static const struct { const char *from, *to; } ddl_words[] = {
  { "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
  { "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
  { "INTEGER", "BIGINT" },
  { "BLOB", "BYTEA" },
  { "REAL", "DOUBLE PRECISION" },
  { "WITHOUT ROWID", "" },
  { "STRICT", "" },
};

/* Words PostgreSQL reserves that SQLite lets a name be (index session_user): quoted. */
static const char *const pg_reserved[] = {
  "session_user", "current_user", "current_role", "current_catalog", "current_schema", "user",
  "analyse", "analyze", "array", "asymmetric", "both", "leading", "trailing", "localtime",
  "localtimestamp", "only", "placing", "symmetric", "variadic", "window", "fetch", "lateral",
  "grant", "authorization", "binary", "freeze", "ilike", "similar", "verbose", "overlaps", "returning",
};

/* One CREATE TRIGGER … BEGIN SELECT RAISE(ABORT, 'msg'); END as a plpgsql function
** and trigger; 0 when the trigger is of another kind. */
static int ddl_trigger(Buf *out, const char *stmt){
  char name[128], timing[16], event[16], table[128], msg[256];
  int n = sscanf(stmt, " CREATE TRIGGER %127[A-Za-z0-9_] %15[A-Z] %15[A-Z] ON %127[A-Za-z0-9_]"
                       " BEGIN SELECT RAISE(ABORT, '%255[^']'); END", name, timing, event, table, msg);
  if( n!=5 ) return 0;
  if( strcmp(timing, "BEFORE") && strcmp(timing, "AFTER") ) return 0;
  if( strcmp(event, "UPDATE") && strcmp(event, "DELETE") && strcmp(event, "INSERT") ) return 0;
  buf_printf(out, "CREATE FUNCTION %s_fn() RETURNS trigger LANGUAGE plpgsql AS $loket$BEGIN RAISE EXCEPTION '%s'; END$loket$;\n"
                  "CREATE TRIGGER %s %s %s ON %s FOR EACH ROW EXECUTE FUNCTION %s_fn();\n",
             name, msg, name, timing, event, table, name);
  return 1;
}

/* The migrations' SQLite DDL as PostgreSQL DDL: type words, STRICT, triggers. */
char *pg_translate_ddl(const char *sql, char *err, size_t errlen){
  /* 1. the type words, outside quotes */
  Buf w = BUF_INIT;
  const char *p = sql;
  while( *p ){
    if( *p=='\'' || *p=='"' ){ copy_quoted(&w, &p); continue; }
    int done = 0;
    if( p==sql || !is_word((unsigned char)p[-1]) ){
      for(size_t i=0; i<COUNT(ddl_words); i++){
        size_t n = strlen(ddl_words[i].from);
        if( strncmp(p, ddl_words[i].from, n)==0 && !is_word((unsigned char)p[n]) ){
          buf_puts(&w, ddl_words[i].to);
          p += n;
          done = 1;
          break;
        }
      }
    }
    if( !done && (p==sql || !is_word((unsigned char)p[-1])) && islower((unsigned char)*p) ){
      size_t n = 0;
      while( is_word((unsigned char)p[n]) ) n++;
      for(size_t i=0; i<COUNT(pg_reserved); i++){
        if( strlen(pg_reserved[i])==n && strncmp(p, pg_reserved[i], n)==0 ){
          buf_printf(&w, "\"%s\"", pg_reserved[i]);
          done = 1;
          break;
        }
      }
      if( !done ){ buf_append(&w, p, n); p += n; continue; }
      p += n;
      continue;
    }
    if( !done ){ buf_append(&w, p, 1); p++; }
  }
  /* 2. statement by statement: triggers become plpgsql */
  Buf out = BUF_INIT;
  const char *s = buf_str(&w);
  while( *s ){
    while( isspace((unsigned char)*s) ) s++;
    if( *s==0 ) break;
    const char *e = s;
    int trigger = strncmp(s, "CREATE TRIGGER", 14)==0;
    while( *e ){
      if( *e=='\'' || *e=='"' ){   /* skip quoted text */
        char q = *e++;
        while( *e && !(*e==q && e[1]!=q) ){ if( *e==q ) e++; e++; }
        if( *e ) e++;
        continue;
      }
      if( *e==';' ){
        if( !trigger ) break;
        /* a trigger ends at END; */
        const char *b = e;
        while( b>s && isspace((unsigned char)b[-1]) ) b--;
        if( b-s>=3 && strncmp(b-3, "END", 3)==0 && (b-s==3 || !is_word((unsigned char)b[-4])) ) break;
      }
      e++;
    }
    char *stmt = xmalloc((size_t)(e-s)+1);
    memcpy(stmt, s, (size_t)(e-s));
    stmt[e-s] = 0;
    if( trigger ){
      if( !ddl_trigger(&out, stmt) ){
        snprintf(err, errlen, "cannot translate this trigger for PostgreSQL (give the step a pgsql text): %.200s", stmt);
        free(stmt); buf_free(&w); buf_free(&out);
        return 0;
      }
    }else{
      buf_puts(&out, stmt);
      buf_puts(&out, ";\n");
    }
    free(stmt);
    s = *e ? e+1 : e;
  }
  char *z = xstrdup(buf_str(&out));
  buf_free(&w);
  buf_free(&out);
  return z;
}

/* ---- statements ---- */

/* Free the bytea copies of the current row. */
static void pg_free_blobs(PgStmt *q){
  for(int i=0; i<q->nblobs; i++) PQfreemem(q->blobs[i]);
  free(q->blobs);
  q->blobs = 0;
  q->nblobs = 0;
}

/* Drop the bound values. */
static void pg_clear_binds(PgStmt *q){
  for(int i=0; i<q->nparams; i++){ free(q->vals[i]); q->vals[i] = 0; q->lens[i] = 0; q->fmts[i] = 0; }
}

/* Give a statement slot its parameter arrays. */
static void pg_stmt_init(PgStmt *q, PgDb *db, PgPrep *p){
  q->engine = DB_ENGINE_PG;
  q->db = db;
  q->p = p;
  q->nparams = p->nparams;
  int n = p->nparams ? p->nparams : 1;
  q->vals = xcalloc((size_t)n, sizeof *q->vals);
  q->lens = xcalloc((size_t)n, sizeof *q->lens);
  q->fmts = xcalloc((size_t)n, sizeof *q->fmts);
  q->inuse = 1;
}

/* Run a command that returns nothing; 1 when it worked. */
static int pg_cmd(PgDb *db, const char *sql){
  PGresult *r = PQexec(db->c, sql);
  int ok = PQresultStatus(r)==PGRES_COMMAND_OK;
  PQclear(r);
  return ok;
}

/* Prepare p on the server when it is not; 1 on success. A parameter whose type the
** server cannot infer from its context (`?3='' OR col=?3`, `?1 IS NULL`) is declared
** text and the statement prepared again: values go as text anyway, and SQLite compares
** them the same way. Inside a transaction a savepoint keeps a failed attempt from
** aborting the caller's transaction. */
static int pg_ensure_prepared(PgDb *db, PgPrep *p){
  if( p->name[0] ) return 1;
  char name[16];
  snprintf(name, sizeof name, "s%d", ++db->nnames);
  int sp = (db->in_txn || db->reading) && !p->types;   /* a statement prepared before has its types settled */
  if( sp && !pg_cmd(db, "SAVEPOINT loket_prepare") ){ pg_seterr(db, PQerrorMessage(db->c)); return 0; }
  int ok = 0;
  for(int attempt=0; attempt<=p->nparams; attempt++){
    PGresult *r = PQprepare(db->c, name, p->text, p->nparams, p->types);
    ok = PQresultStatus(r)==PGRES_COMMAND_OK;
    const char *state = ok ? 0 : PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *msg = ok ? "" : PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    const char *dollar = msg ? strchr(msg, '$') : 0;
    int n = dollar ? atoi(dollar+1) : 0;
    int untyped = state && (!strcmp(state, "42P18") || !strcmp(state, "42P08"));   /* read before PQclear */
    if( !ok ) pg_seterr(db, PQresultErrorMessage(r));
    PQclear(r);
    if( ok || !untyped || n<1 || n>p->nparams ) break;
    if( p->types==0 ) p->types = xcalloc((size_t)p->nparams, sizeof *p->types);
    if( p->types[n-1] ) break;
    p->types[n-1] = 25;   /* text */
    if( sp && (!pg_cmd(db, "ROLLBACK TO SAVEPOINT loket_prepare")) ) break;
  }
  if( sp ){
    if( !ok ) pg_cmd(db, "ROLLBACK TO SAVEPOINT loket_prepare");
    pg_cmd(db, "RELEASE SAVEPOINT loket_prepare");
  }
  if( ok ) memcpy(p->name, name, sizeof name);
  return ok;
}

/* The cached statement for this SQL text, prepared on first use. */
PgStmt *pg_prepare(PgDb *db, const char *sql){
  size_t h = ((uintptr_t)sql >> 3) % PG_CACHE;
  PgPrep *p = 0;
  int slot = -1;
  for(int probe=0; probe<PG_CACHE; probe++){
    int k = (int)((h+(size_t)probe) % PG_CACHE);
    if( db->prep[k].key==sql || db->prep[k].key==0 ){ slot = k; break; }
  }
  PgPrep tmp;
  memset(&tmp, 0, sizeof tmp);
  if( slot>=0 && db->prep[slot].key==sql ) p = &db->prep[slot];
  else{
    p = slot>=0 ? &db->prep[slot] : &tmp;   /* a full cache: a one-off statement */
    memset(p, 0, sizeof *p);
    p->text = pg_translate_sql(sql, &p->nparams);
    if( PQstatus(db->c)!=CONNECTION_OK ) pg_reconnect(db);
    int ok = pg_ensure_prepared(db, p);
    if( !ok && PQstatus(db->c)!=CONNECTION_OK && !db->in_txn && pg_reconnect(db) ) ok = pg_ensure_prepared(db, p);
    if( !ok ){
      pg_fault(db->c, 0);
      if( !atomic_load(&pg_down) ) log_error("SQL prepare failed: %s in: %s", db->errmsg, p->text);   /* else said once */
      free(p->text);
      free(p->types);
      memset(p, 0, sizeof *p);
      return 0;
    }
    p->key = sql;
    if( slot<0 ){   /* not cacheable: an owned copy of the prep */
      PgPrep *own = xmalloc(sizeof *own);
      *own = tmp;
      p = own;
    }
  }
  PgStmt *q = slot>=0 ? &db->stmt[slot] : 0;
  if( q && q->engine==0 ) pg_stmt_init(q, db, p);
  else if( q && !q->inuse ){ q->inuse = 1; }
  else{
    q = xcalloc(1, sizeof *q);   /* the cached one is being stepped: a private copy */
    pg_stmt_init(q, db, p);
    q->owned = slot>=0 ? 1 : 2;  /* 2: it owns its prep too */
  }
  q->executed = 0;
  q->res = 0;
  db->inuse_n++;
  return q;
}

/* Store one bound value (copied); fmt 1 for binary. */
static void pg_bind(PgStmt *q, int i, const char *v, size_t n, int fmt){
  if( i<1 || i>q->nparams ) return;
  free(q->vals[i-1]);
  if( v==0 ){ q->vals[i-1] = 0; q->lens[i-1] = 0; q->fmts[i-1] = 0; return; }
  char *c = xmalloc(n+1);
  memcpy(c, v, n);
  c[n] = 0;
  q->vals[i-1] = c;
  q->lens[i-1] = (int)n;
  q->fmts[i-1] = fmt;
}
/* Bind an integer (as text). */
void pg_bind_int64(PgStmt *q, int i, int64_t v){
  char t[24];
  int n = snprintf(t, sizeof t, "%lld", (long long)v);
  pg_bind(q, i, t, (size_t)n, 0);
}
/* Bind text; NULL binds NULL. */
void pg_bind_text(PgStmt *q, int i, const char *z){ pg_bind(q, i, z, z ? strlen(z) : 0, 0); }
/* Bind n bytes of text. */
void pg_bind_textn(PgStmt *q, int i, const char *z, size_t n){ pg_bind(q, i, z ? z : "", z ? n : 0, 0); }
/* Bind a blob (binary format: bytea). */
void pg_bind_blob(PgStmt *q, int i, const void *p, size_t n){ pg_bind(q, i, p ? p : "", p ? n : 0, 1); }
/* Bind NULL. */
void pg_bind_null(PgStmt *q, int i){ pg_bind(q, i, 0, 0, 0); }

/* The ERR_ code for a failed result's SQLSTATE. */
static int pg_err_of(const char *state){
  if( state==0 ) return ERR_DB;
  if( !strcmp(state, "23505") || !strcmp(state, "23503") || !strcmp(state, "23502")
   || !strcmp(state, "23514") || !strcmp(state, "23P01") || !strcmp(state, "P0001") ) return ERR_CONFLICT;
  return ERR_DB;
}

/* Run the statement with its bindings: retry outside a transaction on a dropped
** connection (once), a serialization failure or a deadlock (a few times). */
static int pg_execute(PgStmt *q){
  PgDb *db = q->db;
  int reconnected = 0;
  for(int attempt=0; ; attempt++){
    if( PQstatus(db->c)!=CONNECTION_OK ){
      if( reconnected || !pg_reconnect(db) ){ db->last_err = ERR_DB; return ERR_DB; }
      reconnected = 1;
      if( db->in_txn ){ pg_seterr(db, "the connection dropped inside a transaction"); db->last_err = ERR_DB; return ERR_DB; }
    }
    if( !pg_ensure_prepared(db, q->p) ){
      if( PQstatus(db->c)!=CONNECTION_OK && !reconnected && !db->in_txn ) continue;
      pg_fault(db->c, 0);
      if( !atomic_load(&pg_down) ) log_error("SQL prepare failed: %s in: %s", db->errmsg, q->p->text);
      db->last_err = ERR_DB;
      return ERR_DB;
    }
    PGresult *r = PQexecPrepared(db->c, q->p->name, q->nparams, (const char *const *)q->vals,
                                 q->lens, q->fmts, 0);
    ExecStatusType st = PQresultStatus(r);
    if( st==PGRES_TUPLES_OK || st==PGRES_COMMAND_OK ){
      q->res = r;
      q->nrows = PQntuples(r);
      const char *ct = PQcmdTuples(r);
      db->changes = ct && *ct ? atoi(ct) : 0;
      return OK;
    }
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    int code = pg_err_of(state);
    int retry = 0;
    if( PQstatus(db->c)!=CONNECTION_OK ) retry = !reconnected && !db->in_txn;
    else if( state && (!strcmp(state, "40001") || !strcmp(state, "40P01")) ) retry = !db->in_txn && attempt<5;
    else if( state && !strcmp(state, "26000") ){ q->p->name[0] = 0; retry = attempt<1 && !db->in_txn; }
    pg_seterr(db, PQresultErrorMessage(r));
    if( !retry ) pg_fault(db->c, state);
    PQclear(r);
    if( retry ){
      if( PQstatus(db->c)==CONNECTION_OK ){ struct timespec ts = { 0, (long)(attempt+1)*20*1000*1000 }; nanosleep(&ts, 0); }
      continue;
    }
    db->last_err = code;
    if( code!=ERR_CONFLICT && !atomic_load(&pg_down) ) log_error("SQL step failed: %s in: %s", db->errmsg, q->p->text);
    if( db->reading && !db->in_txn ){ db->reading = 0; pg_cmd(db, "ROLLBACK"); }   /* the snapshot is spoilt */
    return code;
  }
}

/* Step: the first step runs the statement; then one row at a time. */
/* 1 when the statement only reads (SELECT or WITH … SELECT without FOR UPDATE/SHARE). */
static int pg_readonly(const char *sql){
  while( isspace((unsigned char)*sql) || *sql=='(' ) sql++;
  if( strncasecmp(sql, "SELECT", 6) && strncasecmp(sql, "WITH", 4) && strncasecmp(sql, "VALUES", 6) ) return 0;
  if( strcasestr(sql, "INSERT ") || strcasestr(sql, "UPDATE ") || strcasestr(sql, "DELETE ")
   || strcasestr(sql, "FOR SHARE") || strcasestr(sql, "nextval(") || strcasestr(sql, "setval(") ) return 0;
  return 1;
}

/* Under db_read_begin(): the first read opens a read-only REPEATABLE READ transaction (one
** snapshot for the whole answer); a write outside a transaction ends it first. */
static void pg_read_snapshot(PgDb *db, int readonly){
  if( readonly && !db->reading ){
    if( PQstatus(db->c)!=CONNECTION_OK ) return;
    if( pg_cmd(db, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY") ) db->reading = 1;
  }else if( !readonly && db->reading ){
    db->reading = 0;
    pg_cmd(db, "COMMIT");
  }
}

/* Run a statement (executed at its first step) and go to its next row: DB_ROW, DB_DONE or an error. */
int pg_step(PgStmt *q){
  if( !q->executed ){
    PgDb *db = q->db;
    if( db->snapshot && !db->in_txn ) pg_read_snapshot(db, pg_readonly(q->p->text));
    q->executed = 1;
    q->row = -1;
    int rc = pg_execute(q);
    if( rc!=OK ){ q->nrows = 0; return rc; }
  }
  if( q->nblobs ) pg_free_blobs(q);
  q->row++;
  return q->row < q->nrows ? DB_ROW : DB_DONE;
}

/* 1 when the current row has a column i. */
static int pg_has(PgStmt *q, int i){
  return q->res && q->row>=0 && q->row<q->nrows && i>=0 && i<PQnfields(q->res);
}

/* Column i as an integer; booleans are 1/0, numbers with a fraction are cut. */
int64_t pg_col_int64(PgStmt *q, int i){
  if( !pg_has(q, i) || PQgetisnull(q->res, q->row, i) ) return 0;
  const char *v = PQgetvalue(q->res, q->row, i);
  if( PQftype(q->res, i)==PG_OID_BOOL ) return v[0]=='t';
  return strtoll(v, 0, 10);
}
/* Column i as text; "" for NULL; booleans "1"/"0". */
const char *pg_col_text(PgStmt *q, int i){
  if( !pg_has(q, i) || PQgetisnull(q->res, q->row, i) ) return "";
  const char *v = PQgetvalue(q->res, q->row, i);
  if( PQftype(q->res, i)==PG_OID_BOOL ) return v[0]=='t' ? "1" : "0";
  return v;
}
/* Column i as bytes (bytea unescaped; valid until the next step or reset). */
const void *pg_col_blob(PgStmt *q, int i, size_t *n){
  *n = 0;
  if( !pg_has(q, i) || PQgetisnull(q->res, q->row, i) ) return 0;
  const char *v = PQgetvalue(q->res, q->row, i);
  if( PQftype(q->res, i)!=PG_OID_BYTEA ){ *n = (size_t)PQgetlength(q->res, q->row, i); return v; }
  size_t len = 0;
  unsigned char *b = PQunescapeBytea((const unsigned char*)v, &len);
  if( b==0 ) return 0;
  q->blobs = xrealloc(q->blobs, sizeof *q->blobs * (size_t)(q->nblobs+1));
  q->blobs[q->nblobs++] = b;
  *n = len;
  return b;
}
/* The type OID of column i. */
unsigned pg_col_type(PgStmt *q, int i){ return q->res && i>=0 && i<PQnfields(q->res) ? (unsigned)PQftype(q->res, i) : 0; }
/* libpq's connection (COPY in migrate.c). */
PGconn *pg_conn(PgDb *db){ return db->c; }
/* 1 when column i is NULL. */
int pg_col_null(PgStmt *q, int i){ return !pg_has(q, i) || PQgetisnull(q->res, q->row, i); }

/* Make the statement ready for its next use (private copies are freed). */
void pg_reset(PgStmt *q){
  if( q->res ){ PQclear(q->res); q->res = 0; }
  pg_free_blobs(q);
  pg_clear_binds(q);
  q->executed = 0;
  q->nrows = 0;
  if( q->inuse ){ q->inuse = 0; if( q->db->inuse_n>0 ) q->db->inuse_n--; }
  if( q->owned ){
    if( q->owned==2 ){ free(q->p->text); free(q->p->types); free(q->p); }
    free(q->vals); free(q->lens); free(q->fmts);
    free(q);
  }
}

/* Statements handed out and never reset (a bug in the caller): each cached one is named in
** the log and reset; a private copy can only be counted. Returns how many there were. */
int pg_unreset(PgDb *db){
  if( db==0 || db->inuse_n==0 ) return 0;
  int n = db->inuse_n;
  for(int i=0; i<PG_CACHE; i++){
    PgStmt *q = &db->stmt[i];
    if( q->engine && q->inuse ){
      log_error("statement left un-reset: %s", q->p && q->p->text ? q->p->text : "?");
      pg_reset(q);
    }
  }
  if( db->inuse_n ) log_error("statement left un-reset: %d private copies", db->inuse_n);
  db->inuse_n = 0;
  return n;
}

/* Run SQL text with no parameters (several statements allowed). */
int pg_exec(PgDb *db, const char *sql){
  if( PQstatus(db->c)!=CONNECTION_OK && !pg_reconnect(db) ) return ERR_DB;
  if( db->reading && !db->in_txn ) pg_read_snapshot(db, 0);
  PGresult *r = PQexec(db->c, sql);
  ExecStatusType st = PQresultStatus(r);
  if( st==PGRES_COMMAND_OK || st==PGRES_TUPLES_OK ){ PQclear(r); return OK; }
  pg_seterr(db, PQresultErrorMessage(r));
  db->last_err = pg_err_of(PQresultErrorField(r, PG_DIAG_SQLSTATE));
  pg_fault(db->c, PQresultErrorField(r, PG_DIAG_SQLSTATE));
  PQclear(r);
  log_error("SQL failed: %s in: %.300s", db->errmsg, sql);
  return ERR_DB;
}

/* Start a write transaction holding the write lock (see the top of the file). */
int pg_begin(PgDb *db){
  if( db->in_txn ){ log_error("db_begin: already in a transaction"); return ERR_DB; }
  if( db->reading ) pg_read_snapshot(db, 0);   /* the write starts from the newest data */
  if( PQstatus(db->c)!=CONNECTION_OK && !pg_reconnect(db) ) return ERR_DB;
  /* lock_timeout: a transaction holding the write lock for long (another node's, or a CLI's
  ** big import) makes a write wait at most db_busy_seconds(), then fail as busy (55P03), never for ever */
  char begin_sql[160];
  snprintf(begin_sql, sizeof begin_sql, "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '%ds';"
           " SELECT pg_advisory_xact_lock(4242001)", db_busy_seconds());
  for(int attempt=0; attempt<2; attempt++){
    PGresult *r = PQexec(db->c, begin_sql);
    ExecStatusType st = PQresultStatus(r);
    if( st==PGRES_TUPLES_OK ){
      PQclear(r);
      db->in_txn = 1;
      db->tx_lost = 0;
      return OK;
    }
    pg_seterr(db, PQresultErrorMessage(r));
    pg_fault(db->c, PQresultErrorField(r, PG_DIAG_SQLSTATE));
    PQclear(r);
    if( PQstatus(db->c)!=CONNECTION_OK && attempt==0 && pg_reconnect(db) ) continue;   /* nothing done yet: safe */
    PGresult *rb = PQexec(db->c, "ROLLBACK");
    PQclear(rb);
    break;
  }
  if( !atomic_load(&pg_down) ) log_error("BEGIN failed: %s", db->errmsg);
  db->last_err = ERR_DB;
  return ERR_DB;
}

/* Commit; a transaction that failed or was lost is rolled back and reported. */
int pg_commit(PgDb *db){
  int was = db->in_txn, lost = db->tx_lost;
  db->in_txn = 0;
  db->tx_lost = 0;
  if( !was ){ log_error("db_commit: no transaction"); return ERR_DB; }
  if( lost ){
    pg_seterr(db, "the connection dropped inside the transaction: nothing was written");
    db_fault_note(DB_FAULT_DOWN);
    return ERR_DB;
  }
  PGresult *r = PQexec(db->c, "COMMIT");
  int ok = PQresultStatus(r)==PGRES_COMMAND_OK && strcmp(PQcmdStatus(r), "COMMIT")==0;
  if( !ok ){
    pg_seterr(db, PQresultStatus(r)==PGRES_COMMAND_OK ? "the transaction had failed and was rolled back" : PQresultErrorMessage(r));
    pg_fault(db->c, PQresultErrorField(r, PG_DIAG_SQLSTATE));
    log_error("COMMIT failed: %s", db->errmsg);
    db->last_err = ERR_DB;
  }
  PQclear(r);
  if( !ok && PQstatus(db->c)==CONNECTION_OK && PQtransactionStatus(db->c)!=PQTRANS_IDLE ){
    r = PQexec(db->c, "ROLLBACK");
    PQclear(r);
  }
  return ok ? OK : ERR_DB;
}

/* Abandon the transaction. */
void pg_rollback(PgDb *db){
  if( !db->in_txn ) return;
  db->in_txn = 0;
  db->tx_lost = 0;
  if( PQstatus(db->c)!=CONNECTION_OK ) return;   /* the server rolled it back when the connection went */
  PGresult *r = PQexec(db->c, "ROLLBACK");
  PQclear(r);
}

/* 1 inside a transaction. */
int pg_in_txn(PgDb *db){ return db->in_txn; }

/* Let the reads that follow share one snapshot, opened by the first of them. */
int pg_read_begin(PgDb *db){
  db->snapshot = 1;
  return OK;
}

/* End the shared snapshot, if one is open. */
void pg_read_end(PgDb *db){
  db->snapshot = 0;
  if( db->reading ) pg_read_snapshot(db, 0);
}
/* Rows changed by the last statement. */
int pg_changes(PgDb *db){ return db->changes; }
/* The last error message. */
const char *pg_errmsg(PgDb *db){ return db->errmsg[0] ? db->errmsg : PQerrorMessage(db->c); }
/* ERR_CONFLICT after a constraint violation, else ERR_DB. */
int pg_last_error(PgDb *db){ return db->last_err==ERR_CONFLICT ? ERR_CONFLICT : ERR_DB; }

/* The database's size on disk. */
int64_t pg_size_bytes(PgDb *db){
  PgStmt *q = pg_prepare(db, "SELECT pg_database_size(current_database())");
  int64_t n = 0;
  if( q && pg_step(q)==DB_ROW ) n = pg_col_int64(q, 0);
  if( q ) pg_reset(q);
  return n;
}

/* How many migrations have been applied. */
int pg_schema_version(PgDb *db){
  PgStmt *q = pg_prepare(db, "SELECT count(*) FROM schema_migration");
  int v = 0;
  if( q && pg_step(q)==DB_ROW ) v = (int)pg_col_int64(q, 0);
  if( q ) pg_reset(q);
  return v;
}

/* ---- process-wide ---- */

/* OK when the database can be written; else says why not (a standby, or
** default_transaction_read_only) and what to do, and ERR_DB. */
static int pg_writable(PgDb *db, char *err, size_t errlen){
  static const char *const what = "the database cannot be written (read-only: a hot standby, or default_transaction_read_only)";
  PgStmt *q = pg_prepare(db, "SELECT pg_is_in_recovery()::int, (current_setting('transaction_read_only')='on')::int");
  int standby = 0, ro = 0;
  if( q && pg_step(q)==DB_ROW ){ standby = (int)pg_col_int64(q, 0); ro = (int)pg_col_int64(q, 1); }
  if( q ) pg_reset(q);
  if( standby ) snprintf(err, errlen, "%s: it is a standby in recovery; point db = at the primary"
                         " (a standby can answer the reports as db_replica)", what);
  else if( ro ) snprintf(err, errlen, "%s: default_transaction_read_only is on for it; turn it off"
                         " (ALTER DATABASE … RESET default_transaction_read_only) or point db = at the primary", what);
  return standby || ro ? ERR_DB : OK;
}

/* Apply every migration not yet applied, each in its own write transaction: the write
** lock makes nodes that start together apply each step once. */
static int pg_migrate(PgDb *db, char *err, size_t errlen){
  if( pg_writable(db, err, errlen)!=OK ) return ERR_DB;
  if( pg_begin(db)!=OK ){ snprintf(err, errlen, "cannot begin: %s", db->errmsg); return ERR_DB; }
  if( pg_exec(db, "CREATE TABLE IF NOT EXISTS schema_migration(name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)")!=OK
   || pg_commit(db)!=OK ){
    snprintf(err, errlen, "cannot create schema_migration: %s", db->errmsg);
    pg_rollback(db);
    return ERR_DB;
  }
  for(size_t i=0; i<COUNT(migrations); i++){
    if( pg_begin(db)!=OK ){ snprintf(err, errlen, "migration %s: %s", migrations[i].name, db->errmsg); return ERR_DB; }
    PgStmt *q = pg_prepare(db, "SELECT 1 FROM schema_migration WHERE name=?1");
    if( q==0 ){ pg_rollback(db); snprintf(err, errlen, "schema_migration: %s", db->errmsg); return ERR_DB; }
    pg_bind_text(q, 1, migrations[i].name);
    int done = pg_step(q)==DB_ROW;
    pg_reset(q);
    if( done ){ pg_rollback(db); continue; }
    char *ddl = migrations[i].pgsql ? xstrdup(migrations[i].pgsql) : pg_translate_ddl(migrations[i].sql, err, errlen);
    if( ddl==0 ){ pg_rollback(db); return ERR_DB; }
    int rc = pg_exec(db, ddl);
    free(ddl);
    if( rc==OK ){
      q = pg_prepare(db, "INSERT INTO schema_migration(name, applied_at) VALUES(?1, ?2)");
      rc = ERR_DB;
      if( q ){
        pg_bind_text(q, 1, migrations[i].name);
        pg_bind_int64(q, 2, time_now());
        rc = pg_step(q)==DB_DONE ? OK : ERR_DB;
        pg_reset(q);
      }
    }
    if( rc!=OK || pg_commit(db)!=OK ){
      snprintf(err, errlen, "migration %s: %s", migrations[i].name, db->errmsg);
      pg_rollback(db);
      return ERR_DB;
    }
  }
  return OK;
}

/* url with the connection parameters of more (NULL-terminated "key=value") that it does not set
** itself (the operator's own value stays); malloc'd. */
static char *pg_url_bounded(const char *url, const char *const *more){
  Buf u = BUF_INIT;
  buf_puts(&u, url);
  for(size_t i=0; more[i]; i++){
    char key[32];
    snprintf(key, sizeof key, "%.*s", (int)(strchr(more[i], '=') - more[i] + 1), more[i]);
    if( strstr(url, key) ) continue;
    buf_printf(&u, "%s%s", strchr(buf_str(&u), '?') ? "&" : "?", more[i]);
  }
  char *z = xstrdup(buf_str(&u));
  buf_free(&u);
  return z;
}

/* Set the URL for the process, connect, and (mode OPEN_MIGRATE) bring the schema up to date. */
int pg_global_open(const char *url, int mode, char *err, size_t errlen){
  /* a database machine that stops answering without refusing (powered off, a network cut) must
  ** not hold a request for the minutes TCP would wait: bounded waits to connect and for sent
  ** data to be acknowledged, and keepalives while a statement runs */
  static const char *const more[] = { "connect_timeout=5", "tcp_user_timeout=15000", "keepalives_idle=30",
                                      "keepalives_interval=5", "keepalives_count=3", 0 };
  char *was = pg_url;
  pg_url = pg_url_bounded(url, more);
  free(was);
  url = pg_url;
  pg_read_only = mode==OPEN_READ;
  PgDb *db = pg_connect(url, err, errlen);
  if( db==0 ) return ERR_DB;
  pg_mine = db;
  return mode==OPEN_MIGRATE ? pg_migrate(db, err, errlen) : OK;
}

/* This thread's connection, opened on first use. */
PgDb *pg_thread(void){
  if( pg_mine ) return pg_mine;
  if( pg_url==0 ) return 0;
  if( pg_resting() ){ db_fault_note(DB_FAULT_DOWN); return 0; }
  char err[512];
  pg_mine = pg_connect(pg_url, err, sizeof err);
  if( pg_mine==0 ) pg_went_down(err); else pg_came_back();
  return pg_mine;
}

/* ---- the read replica ---- */

/* Which database this is, as "system identifier/database oid": a streaming standby's are its
** primary's (a physical copy), another database's or another cluster's are not; NULL when it
** cannot say (caller frees). */
static char *pg_identity(PgDb *db){
  PgStmt *q = pg_prepare(db, "SELECT (SELECT system_identifier FROM pg_control_system())::text || '/'"
                             " || (SELECT oid FROM pg_database WHERE datname=current_database())::text");
  char *id = q && pg_step(q)==DB_ROW && pg_col_text(q, 0)[0] ? xstrdup(pg_col_text(q, 0)) : 0;
  if( q ) pg_reset(q);
  return id;
}

/* 0 when the replica is known not to be a copy of the primary's database, else 1. */
static int pg_same_database(PgDb *primary, PgDb *replica){
  char *a = pg_identity(primary), *b = pg_identity(replica);
  int same = a==0 || b==0 || strcmp(a, b)==0;
  free(a);
  free(b);
  return same;
}

/* Set the replica for report reads (a streaming standby) and its lag bound in seconds. */
int pg_replica_open(const char *url, int max_lag_s, char *err, size_t errlen){
  free(pg_replica_url);
  /* a replica that stops answering must not hold a report: bounded waits to connect and for
  ** sent data to be acknowledged (the reports then go to the primary) */
  static const char *const more[] = { "connect_timeout=3", "tcp_user_timeout=5000", "keepalives_idle=10",
                                      "keepalives_interval=3", "keepalives_count=3", 0 };
  pg_replica_url = pg_url_bounded(url, more);
  pg_replica_max_lag = max_lag_s;
  pg_replica_checked_ms = 0;
  PgDb *db = pg_connect(pg_replica_url, err, errlen);
  if( db==0 ) return ERR_DB;   /* kept: the reports read from the primary until it answers */
  pg_replica_mine = db;
  if( pg_mine && !pg_same_database(pg_mine, db) ){
    snprintf(err, errlen, "not a copy of db's database (another database, or another cluster's: PostgreSQL's"
             " system identifier and the database's oid differ): give the address of db's streaming replica");
    free(pg_replica_url);
    pg_replica_url = 0;
    return ERR_INVALID;
  }
  return OK;
}

/* How far the replica is behind, in seconds: 0 when it has replayed all it received (or is
** not a standby), else the age of the last transaction it replayed; -1 when it cannot say. */
static double pg_replica_lag(PgDb *db){
  PgStmt *q = pg_prepare(db, "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
                             " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                             " ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 1e9) END");
  double lag = -1;
  if( q && pg_step(q)==DB_ROW ) lag = strtod(pg_col_text(q, 0), 0);
  if( q ) pg_reset(q);
  return lag;
}

/* This thread's replica connection when one is set and its lag is within the bound
** (looked at most once a second); NULL: read from the primary. */
PgDb *pg_report_thread(void){
  if( pg_replica_url==0 ) return 0;
  int64_t now = mono_ms();
  /* looked at once a second; once every 30 s while it does not answer (each look may wait) */
  if( pg_replica_checked_ms && now - pg_replica_checked_ms < (pg_replica_down ? 30000 : 1000) ) return pg_replica_fresh ? pg_replica_mine : 0;
  pg_replica_checked_ms = now;
  pg_replica_fresh = 0;
  double lag = -1;
  char err[512] = "";
  if( pg_replica_mine==0 ) pg_replica_mine = pg_connect(pg_replica_url, err, sizeof err);
  if( pg_replica_mine ) lag = pg_replica_lag(pg_replica_mine);
  pg_replica_fresh = lag>=0 && lag<=pg_replica_max_lag;
  pg_replica_down = lag<0;
  if( !pg_replica_fresh && atomic_exchange(&pg_replica_lagging, 1)==0 ){
    log_warn("replica: %s; reports read from the primary",
             err[0] ? err : lag<0 ? "cannot tell its lag" : "it lags past db_replica_max_lag_seconds");
  }
  if( pg_replica_fresh && atomic_exchange(&pg_replica_lagging, 0)==1 ) log_info("replica: caught up; reports read from it again");
  return pg_replica_fresh ? pg_replica_mine : 0;
}

/* Close every connection. */
void pg_global_close(void){
  pthread_mutex_lock(&pg_reg_mu);
  PgDb *db = pg_reg;
  pg_reg = 0;
  pthread_mutex_unlock(&pg_reg_mu);
  while( db ){
    PgDb *next = db->next;
    for(int i=0; i<PG_CACHE; i++){
      PgStmt *q = &db->stmt[i];
      if( q->res ) PQclear(q->res);
      pg_free_blobs(q);
      if( q->vals ){ pg_clear_binds(q); free(q->vals); free(q->lens); free(q->fmts); }
      free(db->prep[i].text);
      free(db->prep[i].types);
    }
    PQfinish(db->c);
    free(db);
    db = next;
  }
  pg_mine = 0;
  pg_replica_mine = 0;
}
