/*
** engine.h — inside src/db/ only: the two engines behind db.h. Every Db and Stmt
** of either engine starts with an int naming its engine; db.c reads it and calls
** sq_* (sqlite.c) or pg_* (pgsql.c). Nothing above db/ includes this file.
*/
#ifndef LOKET_DB_ENGINE_H
#define LOKET_DB_ENGINE_H
#include "db.h"

enum { DB_ENGINE_SQLITE = 1, DB_ENGINE_PG = 2 };
#define DB_ENGINE_OF(p) (*(const int *)(const void *)(p))

typedef struct SqDb SqDb;
typedef struct SqStmt SqStmt;
typedef struct PgDb PgDb;
typedef struct PgStmt PgStmt;

/* How a process opens its database: bring the schema up to date; only read (no connection can
** write: SQLite's SQLITE_OPEN_READONLY, PostgreSQL's read-only transactions; the caller checks
** the schema with db_schema_state); write nothing and take it as it is (a copy of the file). */
enum { OPEN_MIGRATE, OPEN_READ, OPEN_AS_IS };

/* sqlite.c */
int  sq_global_open(const char *path, int mode, char *err, size_t errlen);
int  sq_writable(const char *path, char *err, size_t errlen);
int  walbuf_register(void);
SqDb *sq_open_file(const char *path, char *err, size_t errlen);   /* no migrations, not this thread's */
SqDb *sq_thread(void);
void sq_global_close(void);
SqStmt *sq_prepare(SqDb *db, const char *sql);
void sq_bind_int64(SqStmt *q, int i, int64_t v);
void sq_bind_int(SqStmt *q, int i, int v);
void sq_bind_text(SqStmt *q, int i, const char *z);
void sq_bind_textn(SqStmt *q, int i, const char *z, size_t n);
void sq_bind_blob(SqStmt *q, int i, const void *p, size_t n);
void sq_bind_null(SqStmt *q, int i);
int  sq_step(SqStmt *q);
int64_t sq_col_int64(SqStmt *q, int i);
int  sq_col_int(SqStmt *q, int i);
const char *sq_col_text(SqStmt *q, int i);
const char *sq_col_str(SqStmt *q, int i, size_t *n);
const void *sq_col_blob(SqStmt *q, int i, size_t *n);
int  sq_col_null(SqStmt *q, int i);
int  sq_col_count(SqStmt *q);
int  sq_col_type(SqStmt *q, int i);      /* SQLITE_INTEGER 1, FLOAT 2, TEXT 3, BLOB 4, NULL 5 */
double sq_col_double(SqStmt *q, int i);
const char *sq_col_name(SqStmt *q, int i);
void sq_reset(SqStmt *q);
int  sq_unreset(SqDb *db);
void sq_group_stats(uint64_t *batches, uint64_t *parts, int *waiting);
int  sq_exec(SqDb *db, const char *sql);
int  sq_begin(SqDb *db);
int  sq_commit(SqDb *db);
void sq_rollback(SqDb *db);
int  sq_in_txn(SqDb *db);
int  sq_read_begin(SqDb *db);
void sq_read_end(SqDb *db);
int  sq_changes(SqDb *db);
int  sq_epoch_known(SqDb *db, int64_t *n);
void sq_epoch_saw(SqDb *db, int64_t n);
const char *sq_errmsg(SqDb *db);
int  sq_last_error(SqDb *db);
int64_t sq_size_bytes(SqDb *db);
int  sq_backup(SqDb *db, const char *dest, char *err, size_t errlen);
int  sq_schema_version(SqDb *db);
int64_t sq_reprepares(SqDb *db);

/* pgsql.c */
int  pg_global_open(const char *url, int mode, char *err, size_t errlen);   /* mode: as sq_global_open */
PgDb *pg_thread(void);
void pg_global_close(void);
int  pg_replica_open(const char *url, int max_lag_s, char *err, size_t errlen);
PgDb *pg_report_thread(void);
struct pg_conn *pg_conn(PgDb *db);       /* libpq's PGconn, for COPY (migrate.c) */
unsigned pg_col_type(PgStmt *q, int i);  /* the column's type OID */
PgStmt *pg_prepare(PgDb *db, const char *sql);
void pg_bind_int64(PgStmt *q, int i, int64_t v);
void pg_bind_text(PgStmt *q, int i, const char *z);
void pg_bind_textn(PgStmt *q, int i, const char *z, size_t n);
void pg_bind_blob(PgStmt *q, int i, const void *p, size_t n);
void pg_bind_null(PgStmt *q, int i);
int  pg_step(PgStmt *q);
int64_t pg_col_int64(PgStmt *q, int i);
const char *pg_col_text(PgStmt *q, int i);
const void *pg_col_blob(PgStmt *q, int i, size_t *n);
int  pg_col_null(PgStmt *q, int i);
void pg_reset(PgStmt *q);
int  pg_unreset(PgDb *db);
int  pg_exec(PgDb *db, const char *sql);
int  pg_begin(PgDb *db);
int  pg_commit(PgDb *db);
void pg_rollback(PgDb *db);
int  pg_in_txn(PgDb *db);
int  pg_read_begin(PgDb *db);
void pg_read_end(PgDb *db);
int  pg_changes(PgDb *db);
const char *pg_errmsg(PgDb *db);
int  pg_last_error(PgDb *db);
int64_t pg_size_bytes(PgDb *db);
int  pg_schema_version(PgDb *db);
/* migrate.c: how a database's schema stands against this binary's migrations, read only:
** has_table 0 when there is no schema_migration; applied, of total, the migrations of this
** binary it has; unknown the first it has that this binary does not know ("" when none).
** OK, or ERR_DB when it cannot be read. */
typedef struct SchemaState { int has_table, applied, total; char unknown[96]; } SchemaState;
int  db_schema_state(Db *db, SchemaState *st);
/* The migrations' SQLite DDL as PostgreSQL DDL (malloc'd), or NULL with err set. */
char *pg_translate_ddl(const char *sql, char *err, size_t errlen);

#endif
