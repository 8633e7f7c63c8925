/*
** db.h — the storage interface. Everything above this layer speaks it; only
** db/sqlite.c (and later db/pgsql.c) know which engine sits behind it.
** SQL is written with numbered parameters ?1, ?2 … and bound, never built.
*/
#ifndef LOKET_DB_H
#define LOKET_DB_H
#include "../core/core.h"
#include <stdio.h>

typedef struct Db Db;
typedef struct Stmt Stmt;

enum { DB_ROW = 100, DB_DONE = 101 };

/* Open the database file of a data folder for this process (sets the path every
** thread's connection uses) and apply pending migrations. */
int  db_global_open(const char *path, char *err, size_t errlen);
/* As db_global_open for a command that only reads (a read-only standby, a file it may not
** write): writes nothing; ERR_INVALID, saying so, when the schema is not at this binary's last
** migration (an older loket's database: something that writes must bring it up first). */
int  db_global_open_read(const char *path, char *err, size_t errlen);
int  db_global_open_as_is(const char *path, char *err, size_t errlen);   /* any schema, nothing written: to copy it */
/* As db_global_open for a database `loket init` set up: one without Loket's schema (an empty
** file, a restore cut short, a db = naming an empty database) is ERR_INVALID, saying so, and
** is not made a new, empty Loket database. */
int  db_global_open_existing(const char *path, char *err, size_t errlen);
/* OK when this process can write the database at addr (SQLite: the file, its folder, -wal and
** -shm; asked before db_global_open); else ERR_DB with the file and what is wrong in err. */
int  db_writable(const char *addr, char *err, size_t errlen);
/* This thread's connection, opened on first use. */
Db  *db_thread(void);
/* The data folder: keys and kept files live there. A SQLite database's folder, or the one
** named with db_folder_set() (a PostgreSQL database has no file to find it by). */
const char *db_folder(void);
void db_folder_set(const char *dir);
/* How long a write waits at most, in seconds, for the database another process or node holds
** (SQLite's busy wait, PostgreSQL's lock_timeout), then fails as busy; 10 unless set (loket.conf
** db_busy_timeout_seconds), before the database is opened. */
void db_busy_set(int seconds);
int  db_busy_seconds(void);
/* Close every connection (after the HTTP threads have stopped). */
void db_global_close(void);

/* A cached prepared statement; NULL (and a logged error) when the SQL is wrong. */
Stmt *db_prepare(Db *db, const char *sql);
void db_bind_int64(Stmt *q, int i, int64_t v);
void db_bind_int(Stmt *q, int i, int v);
void db_bind_text(Stmt *q, int i, const char *z);     /* NULL binds NULL */
void db_bind_textn(Stmt *q, int i, const char *z, size_t n);
void db_bind_blob(Stmt *q, int i, const void *p, size_t n);
void db_bind_null(Stmt *q, int i);
int  db_step(Stmt *q);                 /* DB_ROW, DB_DONE, or an ERR_ code */
int64_t db_col_int64(Stmt *q, int i);
int  db_col_int(Stmt *q, int i);
const char *db_col_text(Stmt *q, int i); /* "" for NULL; valid until the next step/reset */
const char *db_col_str(Stmt *q, int i, size_t *n);  /* as db_col_text, but NULL for NULL; *n its bytes */
const void *db_col_blob(Stmt *q, int i, size_t *n);
int  db_col_null(Stmt *q, int i);
void db_reset(Stmt *q);                /* ready for reuse; the cache keeps it */
/* Statements never reset since they were handed out (a bug): logged, reset, counted. */
int db_unreset(Db *db);
/* Run a statement to completion, binding nothing; OK or ERR_DB. */
int  db_exec(Db *db, const char *sql);
/* Run a prepared statement that returns no rows, then reset it. */
int  db_run(Stmt *q);
int  db_run_id(Db *db, const char *sql, int64_t id);   /* a statement of one parameter, ?1 = id */

int  db_begin(Db *db);                 /* a write transaction: BEGIN IMMEDIATE */
/* A read snapshot for the statements that follow (a GET's reads); a write transaction
** begun meanwhile ends it first. No-op inside a transaction. */
int  db_read_begin(Db *db);
void db_read_end(Db *db);
int  db_commit(Db *db);
void db_rollback(Db *db);
/* Join the caller's transaction, or start one (own=1) when there is none. */
int  db_tx_begin(Db *db, int *own);
/* Finish what db_tx_begin started: commit when rc is OK, else roll back; returns rc. */
int  db_tx_end(Db *db, int own, int rc);
int  db_changes(Db *db);
/* ---- what a process keeps between requests (epoch.c) ----
** cache_epoch changes (to a random value) in the transaction of every change to an office,
** its hours, holidays, periods, priority table, numbering, users, roles and sessions, whoever makes
** it. A value read at one epoch is good while the epoch is the same. */
int  db_epoch(Db *db, int64_t *epoch);     /* as this connection's transaction sees it */
typedef struct Epoch { int64_t n; int ok; } Epoch;   /* ok 0: no epoch read, nothing is kept */
/* A malloc'd copy of what is kept as (kind, key) at the connection's epoch (its size in *n), else
** NULL; *ep says the epoch to keep what the caller then reads with memo_keep(). */
void *memo_fetch(Db *db, const char *kind, int64_t key, size_t *n, Epoch *ep);
/* A fixed-size value kept as (kind, key) at the connection's epoch: 1 with out filled; else 0,
** and *ep says the epoch to keep what the caller then reads with memo_keep(). */
int  memo_find(Db *db, const char *kind, int64_t key, void *out, size_t n, Epoch *ep);
void memo_keep(const Epoch *ep, const char *kind, int64_t key, const void *v, size_t n);
/* A malloc'd copy of what is kept as (kind, key) at that epoch (its size in *n), else NULL. */
void *memo_get(const char *kind, int64_t key, int64_t epoch, size_t *n);
/* Keep a copy of v as (kind, key), read at that epoch (kind: a short word, at most 31 bytes). */
void memo_put(const char *kind, int64_t key, int64_t epoch, const void *v, size_t n);
void memo_clear(void);
/* SQLite's group commit (sqlite.c): batches committed so far by this process, the write
** transactions they held, and the threads waiting to begin a write now; all 0 on PostgreSQL,
** which commits each transaction on its own. */
void db_group_stats(uint64_t *batches, uint64_t *parts, int *waiting);
const char *db_errmsg(Db *db);
int  db_last_error(Db *db);            /* ERR_CONFLICT on a constraint, else ERR_DB */

int64_t db_size_bytes(Db *db);
/* Copy the live database to dest with the engine's online backup. */
int  db_backup(Db *db, const char *dest, char *err, size_t errlen);
int  db_schema_version(Db *db);
int64_t db_reprepares(Db *db);         /* this connection's statements compiled again (SQLite) */

/* ---- why storage failed (db.c) ----
** When a statement fails for a reason that is not the caller's doing, the engine notes it for
** this thread: the database cannot be reached, it stayed busy (locked by another process) past
** the wait, the disk is full, or the database cannot be written. A request clears it when it
** starts; an answer of 500 after a noted fault is a 503 that says which (server.c). */
enum { DB_FAULT_NONE, DB_FAULT_DOWN, DB_FAULT_BUSY, DB_FAULT_FULL, DB_FAULT_READONLY };
void db_fault_clear(void);
void db_fault_note(int fault);
int  db_fault(void);
/* The fault an errno from writing a file means: ENOSPC, EDQUOT full; EROFS read-only; else none. */
int  db_fault_of_errno(int e);

/* ---- LIKE patterns from user text (like.c) ---- */
enum { DB_LIKE_EXACT, DB_LIKE_PREFIX, DB_LIKE_WITHIN };
char *db_like(Arena *a, const char *z, int how, int lower);
/* A search's text as the rows hold words: trimmed, each run of white space one space ("pt  uji"
** finds "PT Uji"); NULL stays NULL. */
const char *db_search_text(Arena *a, const char *q);
/* The one fold every text search compares by, the searched text and q alike (the case list, the
** directory and its likely twins, the registers): ASCII capitals lowered, spaces, dots, commas and
** hyphens left out, so a name is found however it was written: "CV. Mitra Karya", "CV MITRA KARYA"
** and "CV Mitra-Karya" are all "cvmitrakarya", "P.T. A.B.C." and "PT ABC" "ptabc". DB_SQL_FOLD is
** it in SQL for a column X (both engines); db_fold in C for q: a q of those signs only stays as it
** is written (it then finds nothing, not everything). NULL stays NULL. */
#define DB_SQL_FOLD(X) "lower(replace(replace(replace(replace(" X ",' ',''),'.',''),',',''),'-',''))"
const char *db_fold(Arena *a, const char *q);

/* ---- engines (db.c) ---- */
/* 1 when addr is a PostgreSQL address (postgresql://… or postgres://…); else a SQLite file. */
int  db_is_postgres(const char *addr);
/* OK when addr can name a database (a postgresql:// address or a SQLite file's absolute path);
** else ERR_INVALID and err says what is wrong and how to write it, without repeating addr. */
int  db_addr_check(const char *addr, char *err, size_t errlen);
/* The engine of this process ("sqlite" or "postgresql") and of one connection. */
const char *db_engine_name(void);
const char *db_engine_of(Db *db);
/* The version of SQLite built into this binary (extsrc/), e.g. "3.54.1". */
const char *db_sqlite_version(void);
/* A read replica for reports (PostgreSQL streaming standby): db_report() gives its connection
** while its lag is at most max_lag_s seconds (checked at most once a second per thread), else
** db_thread(). Only for reads that may be that old (reports, lists); never inside a write. */
int  db_replica_open(const char *url, int max_lag_s, char *err, size_t errlen);
Db  *db_report(void);

/* ---- moving up (migrate.c) ---- */
/* Copy the SQLite database file `from` into the empty PostgreSQL database `to` (one
** transaction), then check every table's row count and hash; the table report goes to
** out, the progress to pf (either may be NULL): a bar on a terminal, else a few plain lines. Leaves `to` as this process's database. */
int  db_migrate_sqlite_to_pg(const char *from, const char *to, FILE *out, FILE *pf, char *err, size_t errlen);

/* ---- the audit log (audit.c) ---- */
typedef struct Actor {
  int64_t user_id;         /* 0 for the system or an anonymous caller */
  const char *username;    /* "system", "anonymous" or the login name */
  int64_t office_id;       /* 0 when not tied to an office */
  const char *ip;
} Actor;
/* who (NULL: the system) acting for office_id, so that office's auditors see the rows. */
Actor audit_actor_in(const Actor *who, int64_t office_id);
/* Append one chained row; call inside the write transaction of the change. */
int audit_write(Db *db, const Actor *who, const char *action, const char *object,
                const char *detail);
/* Walk the chain; OK, or ERR_INVALID with the first broken row described in err. */
int audit_verify(Db *db, int64_t *rows, char *err, size_t errlen);
/* The newest row of the chain (id 0 when there is none) and, when a hash kept from an earlier
** verify was given, the row that had it. */
typedef struct AuditHead { int64_t id; char hash[65]; int64_t kept_id; } AuditHead;
/* audit_verify, also giving the head; with kept (a hash, or its first 16+ characters) not NULL:
** ERR_TYPE when it is not one, ERR_NOTFOUND when the chain is whole but no row has it (rows
** were cut from the end, or it is another database's). A break is described in lang ("en": the
** command line's English; a page's language); the other messages are English. */
int audit_verify_head(Db *db, const char *kept, const char *lang, int64_t *rows, AuditHead *head, char *err, size_t errlen);


#endif
