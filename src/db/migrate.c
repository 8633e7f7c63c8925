/*
** migrate.c — `loket migrate`: copy an office's whole SQLite database into an empty
** PostgreSQL database, in one transaction, then check it table by table.
**
** The target gets the schema from the same migrations (pgsql.c translates them); the
** source must be at the same schema (every migration of this binary applied, no other).
** Tables are copied parents first (foreign keys), each with COPY … FROM STDIN, and
** identity sequences are set past the copied ids. The cache epoch (migration 0016) is the
** target's own: its triggers set it while the rows go in. Then every table is read back from
** both databases: the row counts and a hash of the rows must agree. The hash is the sum
** (4 × 64-bit lanes) of each row's SHA-256 over its values, so it does not depend on
** the order either engine returns rows in. Engine-specific code, so it lives in db/.
**
** Table and column names come from the source's own schema, never from a user, and are
** checked against [a-z_][a-z0-9_]* before they are written (double-quoted) into SQL.
*/
#include "db.h"
#include "engine.h"
#include <libpq-fe.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "migrations.h"

#define PG_OID_FLOAT4 700
#define PG_OID_FLOAT8 701

typedef struct MTable {
  char *name;
  char **cols;
  int ncols;
  int64_t rows;            /* in the source */
  char *select;            /* SELECT "c1", … FROM "t" (kept alive: the caches key on the pointer) */
  char *copy;              /* COPY "t" ("c1", …) FROM STDIN */
  char *check;             /* the target's read-back (NULL: select) */
  uint64_t hash[4];        /* of the source rows */
  int done;
} MTable;

/* 1 when z is a plain lower-case SQL name. */
static int plain_name(const char *z){
  if( !z || !(*z=='_' || (*z>='a' && *z<='z')) ) return 0;
  for(; *z; z++) if( !(*z=='_' || (*z>='a' && *z<='z') || (*z>='0' && *z<='9')) ) return 0;
  return 1;
}

/* Add one row's SHA-256 into the lanes. */
static void hash_add(uint64_t lanes[4], crypto_hash_sha256_state *st){
  unsigned char h[32];
  crypto_hash_sha256_final(st, h);
  for(int i=0; i<4; i++){
    uint64_t v = 0;
    for(int k=0; k<8; k++) v = (v<<8) | h[i*8+k];
    lanes[i] += v;
  }
}

/* One value into a row's hash: a tag ('N' null, 'T' text or number, 'B' bytes), its length, the bytes. */
static void hash_value(crypto_hash_sha256_state *st, char tag, const void *p, size_t n){
  unsigned char hdr[9];
  hdr[0] = (unsigned char)tag;
  for(int k=0; k<8; k++) hdr[1+k] = (unsigned char)(((uint64_t)n) >> (56-8*k));
  crypto_hash_sha256_update(st, hdr, sizeof hdr);
  if( n ) crypto_hash_sha256_update(st, p, n);
}

/* A float as both sides write it for the hash. */
static void canon_real(char *out, size_t n, double v){ snprintf(out, n, "%.17g", v); }

/* Append one value to a COPY text-format line. */
static void copy_text(Buf *b, const char *z, size_t n){
  for(size_t i=0; i<n; i++){
    char c = z[i];
    if( c=='\\' ) buf_puts(b, "\\\\");
    else if( c=='\n' ) buf_puts(b, "\\n");
    else if( c=='\r' ) buf_puts(b, "\\r");
    else if( c=='\t' ) buf_puts(b, "\\t");
    else buf_append(b, &c, 1);
  }
}

/* Where the progress goes: a terminal gets a bar redrawn in place (a carriage return); a file
** or a pipe (a log) gets plain lines: the start, each tenth of the rows, the end. */
static int pr_tty;        /* pf is a terminal */
static int pr_tenth;      /* the last tenth written as a line (-1: none yet) */

/* Say where the copy starts: total rows in n tables; sets the mode for pf. */
static void progress_start(FILE *f, int64_t total, int n){
  if( f==0 ) return;
  pr_tty = isatty(fileno(f));
  pr_tenth = 0;   /* the start says 0% */
  if( !pr_tty ) fprintf(f, "migrate: copying %lld rows in %d tables\n", (long long)total, n);
  fflush(f);
}

/* The bar on a terminal (no newline); on anything else a line when another tenth is done. */
static void progress(FILE *f, int64_t done, int64_t total, const char *what){
  if( f==0 ) return;
  int width = 30, pct = total ? (int)(done*100/total) : 100;
  if( !pr_tty ){
    if( pct/10==pr_tenth ) return;
    pr_tenth = pct/10;
    fprintf(f, "migrate: %3d%%  %lld/%lld rows  (%s)\n", pct, (long long)done, (long long)total, what);
    fflush(f);
    return;
  }
  int fill = total ? (int)(done*width/total) : width;
  char bar[64];
  for(int i=0; i<width; i++) bar[i] = i<fill ? '#' : '-';
  bar[width] = 0;
  fprintf(f, "\rmigrate [%s] %3d%%  %lld/%lld rows  %-20.20s", bar, pct, (long long)done, (long long)total, what);
  fflush(f);
}

/* The copy is over: end the bar's line, or say so in a line. */
static void progress_end(FILE *f, int ok){
  if( f==0 ) return;
  if( pr_tty ) fputc('\n', f);
  else if( ok ) fprintf(f, "migrate: copied; reading every table back to check it\n");
  fflush(f);
}

/* The tables of the source in an order that puts parents before children. */
static int source_tables(SqDb *src, MTable **out, int *n, char *err, size_t errlen){
  *out = 0; *n = 0;
  SqStmt *q = sq_prepare(src, "SELECT name, coalesce(sql,'') FROM sqlite_schema WHERE type='table'"
                              " AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migration','cache_epoch') ORDER BY name");
  if( q==0 ){ snprintf(err, errlen, "cannot read the source's tables: %s", sq_errmsg(src)); return ERR_DB; }
  char *names[256], *virt[64];
  int nn = 0, nv = 0;
  while( sq_step(q)==DB_ROW && nn<256 ){
    const char *name = sq_col_text(q, 0), *sql = sq_col_text(q, 1);
    if( strncmp(sql, "CREATE VIRTUAL", 14)==0 ){ if( nv<64 ) virt[nv++] = xstrdup(name); continue; }
    names[nn++] = xstrdup(name);
  }
  sq_reset(q);
  /* the shadow tables of a virtual table (FTS5: NAME_data, NAME_idx …) are its own business */
  int keep = 0;
  for(int i=0; i<nn; i++){
    int shadow = 0;
    for(int k=0; k<nv; k++){ size_t l = strlen(virt[k]); if( strncmp(names[i], virt[k], l)==0 && names[i][l]=='_' ) shadow = 1; }
    if( shadow ){ free(names[i]); continue; }
    if( !plain_name(names[i]) ){ snprintf(err, errlen, "table name %s is not a plain name", names[i]); return ERR_INVALID; }
    names[keep++] = names[i];
  }
  nn = keep;
  for(int k=0; k<nv; k++) free(virt[k]);
  /* parents first: a table goes once every table it references has gone */
  MTable *v = xcalloc((size_t)(nn ? nn : 1), sizeof *v);
  int placed = 0, *done = xcalloc((size_t)(nn ? nn : 1), sizeof *done);
  SqStmt *fk = 0;
  while( placed<nn ){
    int progress_made = 0;
    for(int i=0; i<nn; i++){
      if( done[i] ) continue;
      int ready = 1;
      fk = sq_prepare(src, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)");
      if( fk==0 ){ snprintf(err, errlen, "foreign keys: %s", sq_errmsg(src)); return ERR_DB; }
      sq_bind_text(fk, 1, names[i]);
      while( sq_step(fk)==DB_ROW ){
        const char *parent = sq_col_text(fk, 0);
        if( strcmp(parent, names[i])==0 ) continue;
        for(int k=0; k<nn; k++) if( !done[k] && strcmp(names[k], parent)==0 ) ready = 0;
      }
      sq_reset(fk);
      if( !ready ) continue;
      done[i] = 1;
      v[placed++].name = names[i];
      progress_made = 1;
    }
    if( !progress_made ){ snprintf(err, errlen, "the source's foreign keys form a cycle"); return ERR_INVALID; }
  }
  free(done);
  /* columns, the SQL of each table, the row counts */
  for(int i=0; i<nn; i++){
    MTable *t = &v[i];
    SqStmt *c = sq_prepare(src, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    if( c==0 ){ snprintf(err, errlen, "columns: %s", sq_errmsg(src)); return ERR_DB; }
    sq_bind_text(c, 1, t->name);
    int cap = 0;
    while( sq_step(c)==DB_ROW ){
      const char *col = sq_col_text(c, 0);
      if( !plain_name(col) ){ sq_reset(c); snprintf(err, errlen, "%s: column name %s is not a plain name", t->name, col); return ERR_INVALID; }
      if( t->ncols==cap ){ cap = cap ? cap*2 : 16; t->cols = xrealloc(t->cols, sizeof *t->cols * (size_t)cap); }
      t->cols[t->ncols++] = xstrdup(col);
    }
    sq_reset(c);
    Buf s = BUF_INIT, p = BUF_INIT;
    buf_puts(&s, "SELECT ");
    buf_puts(&p, "COPY \"");
    buf_puts(&p, t->name);
    buf_puts(&p, "\" (");
    for(int k=0; k<t->ncols; k++){
      if( k ){ buf_puts(&s, ", "); buf_puts(&p, ", "); }
      buf_puts(&s, "\""); buf_puts(&s, t->cols[k]); buf_puts(&s, "\"");
      buf_puts(&p, "\""); buf_puts(&p, t->cols[k]); buf_puts(&p, "\"");
    }
    buf_puts(&s, " FROM \"");
    buf_puts(&s, t->name);
    buf_puts(&s, "\"");
    buf_puts(&p, ") FROM STDIN");
    t->select = xstrdup(buf_str(&s));
    t->copy = xstrdup(buf_str(&p));
    buf_free(&s);
    buf_free(&p);
  }
  *out = v;
  *n = nn;
  return OK;
}

/* How db's schema stands against this binary's migrations, reading only (engine.h). */
int db_schema_state(Db *db, SchemaState *st){
  memset(st, 0, sizeof *st);
  st->total = (int)COUNT(migrations);
  Stmt *q;
  if( strcmp(db_engine_of(db), "postgresql")==0 ){
    q = db_prepare(db, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname=current_schema() AND tablename='schema_migration'");
  }else q = db_prepare(db, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='schema_migration'");
  if( q==0 ) return ERR_DB;
  int rc = db_step(q);
  st->has_table = rc==DB_ROW && db_col_int64(q, 0)>0;
  db_reset(q);
  if( rc!=DB_ROW ) return ERR_DB;
  if( !st->has_table ) return OK;
  q = db_prepare(db, "SELECT name FROM schema_migration ORDER BY name");
  if( q==0 ) return ERR_DB;
  while( (rc = db_step(q))==DB_ROW ){
    const char *name = db_col_text(q, 0);
    int known = 0;
    for(size_t i=0; i<COUNT(migrations) && !known; i++) known = strcmp(migrations[i].name, name)==0;
    if( known ) st->applied++;
    else if( !st->unknown[0] ) snprintf(st->unknown, sizeof st->unknown, "%s", name);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* The source must have exactly this binary's migrations applied. */
static int source_schema_ok(SqDb *src, char *err, size_t errlen){
  SchemaState st;
  if( db_schema_state((Db*)src, &st)!=OK ){ snprintf(err, errlen, "cannot read the source's schema: %s", sq_errmsg(src)); return ERR_DB; }
  if( !st.has_table ){ snprintf(err, errlen, "the source has no schema_migration table: is it a Loket database?"); return ERR_INVALID; }
  if( st.unknown[0] ){
    snprintf(err, errlen, "the source has migration %s, which this loket does not know: use the loket that wrote it", st.unknown);
    return ERR_INVALID;
  }
  if( st.applied!=st.total ){
    snprintf(err, errlen, "the source is at schema %d of %d: run this loket once on it first (`loket init --data DIR`"
             " brings an initialised folder up to date and changes nothing else)", st.applied, st.total);
    return ERR_INVALID;
  }
  return OK;
}

/* Copy one table with COPY, hashing the source rows on the way. */
static int copy_table(SqDb *src, PgDb *dst, MTable *t, int64_t *done, int64_t total, FILE *pf, char *err, size_t errlen){
  PGconn *c = pg_conn(dst);
  PGresult *r = PQexec(c, t->copy);
  if( PQresultStatus(r)!=PGRES_COPY_IN ){
    snprintf(err, errlen, "%s: %s", t->name, PQresultErrorMessage(r));
    PQclear(r);
    return ERR_DB;
  }
  PQclear(r);
  SqStmt *q = sq_prepare(src, t->select);
  if( q==0 ){ snprintf(err, errlen, "%s: %s", t->name, sq_errmsg(src)); PQputCopyEnd(c, "prepare failed"); return ERR_DB; }
  Buf b = BUF_INIT;
  int rc = OK, s;
  int64_t last_pct = -1;
  while( (s = sq_step(q))==DB_ROW ){
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    for(int k=0; k<t->ncols; k++){
      if( k ) buf_append(&b, "\t", 1);
      int type = sq_col_type(q, k);
      if( type==5 ){ buf_puts(&b, "\\N"); hash_value(&st, 'N', 0, 0); }
      else if( type==1 ){
        char v[32];
        int n = snprintf(v, sizeof v, "%lld", (long long)sq_col_int64(q, k));
        buf_append(&b, v, (size_t)n);
        hash_value(&st, 'T', v, (size_t)n);
      }else if( type==2 ){
        char v[40];
        canon_real(v, sizeof v, sq_col_double(q, k));
        buf_puts(&b, v);
        hash_value(&st, 'T', v, strlen(v));
      }else if( type==4 ){
        size_t n;
        const unsigned char *p = sq_col_blob(q, k, &n);
        static const char hex[] = "0123456789abcdef";
        buf_puts(&b, "\\\\x");
        for(size_t i=0; i<n; i++){ char h2[2] = { hex[p[i]>>4], hex[p[i]&15] }; buf_append(&b, h2, 2); }
        hash_value(&st, 'B', p, n);
      }else{
        const char *z = sq_col_text(q, k);
        size_t n = strlen(z);
        copy_text(&b, z, n);
        hash_value(&st, 'T', z, n);
      }
    }
    buf_append(&b, "\n", 1);
    hash_add(t->hash, &st);
    t->rows++;
    (*done)++;
    if( b.n >= 256*1024 ){
      if( PQputCopyData(c, b.z, (int)b.n)!=1 ){ rc = ERR_DB; break; }
      b.n = 0;
    }
    int64_t pct = total ? (*done)*100/total : 0;
    if( pct!=last_pct ){ progress(pf, *done, total, t->name); last_pct = pct; }
  }
  sq_reset(q);
  if( rc==OK && s!=DB_DONE ){ snprintf(err, errlen, "%s: reading the source failed: %s", t->name, sq_errmsg(src)); rc = ERR_DB; }
  if( rc==OK && b.n && PQputCopyData(c, b.z, (int)b.n)!=1 ) rc = ERR_DB;
  buf_free(&b);
  if( PQputCopyEnd(c, rc==OK ? 0 : "aborted")!=1 && rc==OK ) rc = ERR_DB;
  while( (r = PQgetResult(c))!=0 ){
    if( PQresultStatus(r)!=PGRES_COMMAND_OK && rc==OK ){
      snprintf(err, errlen, "%s: %s", t->name, PQresultErrorMessage(r));
      rc = ERR_DB;
    }
    PQclear(r);
  }
  if( rc!=OK && !err[0] ) snprintf(err, errlen, "%s: %s", t->name, PQerrorMessage(c));
  progress(pf, *done, total, t->name);
  return rc;
}

/* Read a table back from PostgreSQL: its row count and hash. */
static int check_table(PgDb *dst, MTable *t, int64_t *rows, uint64_t hash[4], char *err, size_t errlen){
  PgStmt *q = pg_prepare(dst, t->check ? t->check : t->select);
  if( q==0 ){ snprintf(err, errlen, "%s: %s", t->name, pg_errmsg(dst)); return ERR_DB; }
  int s;
  *rows = 0;
  memset(hash, 0, 4*sizeof *hash);
  while( (s = pg_step(q))==DB_ROW ){
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    for(int k=0; k<t->ncols; k++){
      unsigned type = pg_col_type(q, k);
      if( pg_col_null(q, k) ) hash_value(&st, 'N', 0, 0);
      else if( type==17 ){ size_t n; const void *p = pg_col_blob(q, k, &n); hash_value(&st, 'B', p, n); }
      else if( type==PG_OID_FLOAT8 || type==PG_OID_FLOAT4 ){
        char v[40];
        canon_real(v, sizeof v, strtod(pg_col_text(q, k), 0));
        hash_value(&st, 'T', v, strlen(v));
      }else{ const char *z = pg_col_text(q, k); hash_value(&st, 'T', z, strlen(z)); }
    }
    hash_add(hash, &st);
    (*rows)++;
  }
  pg_reset(q);
  if( s!=DB_DONE ){ snprintf(err, errlen, "%s: reading it back failed: %s", t->name, pg_errmsg(dst)); return ERR_DB; }
  return OK;
}

/* What a run allocates, freed at its end: the tables, and the SQL texts the statement
** caches key on (kept until then; no literal SQL can share a freed heap address). */
static MTable *mt_v;
static int mt_n;
static char **mt_sql;
static int mt_nsql;

/* Keep a SQL text until the end of the run; returns it. */
static char *mt_keep(char *sql){
  mt_sql = xrealloc(mt_sql, sizeof *mt_sql * (size_t)(mt_nsql+1));
  mt_sql[mt_nsql++] = sql;
  return sql;
}

/* Free what the run allocated. */
static void mt_free(void){
  for(int i=0; i<mt_n; i++){
    for(int k=0; k<mt_v[i].ncols; k++) free(mt_v[i].cols[k]);
    free(mt_v[i].cols);
    free(mt_v[i].name);
    free(mt_v[i].select);
    free(mt_v[i].copy);
    free(mt_v[i].check);
  }
  free(mt_v);
  for(int i=0; i<mt_nsql; i++) free(mt_sql[i]);
  free(mt_sql);
  mt_v = 0; mt_n = 0; mt_sql = 0; mt_nsql = 0;
}

static int migrate_run(const char *from, const char *to, FILE *out, FILE *pf, char *err, size_t errlen);

/* Copy the SQLite database at from into the (empty) PostgreSQL database at to, check it,
** and report on out; the progress bar goes to pf (NULL: none). */
int db_migrate_sqlite_to_pg(const char *from, const char *to, FILE *out, FILE *pf, char *err, size_t errlen){
  int rc = migrate_run(from, to, out, pf, err, errlen);
  mt_free();
  return rc;
}

/* The run itself (db_migrate_sqlite_to_pg frees after it). */
static int migrate_run(const char *from, const char *to, FILE *out, FILE *pf, char *err, size_t errlen){
  err[0] = 0;
  if( !db_is_postgres(to) ){ snprintf(err, errlen, "--to must be a postgresql:// address"); return ERR_INVALID; }
  if( access(from, R_OK)!=0 ){ snprintf(err, errlen, "cannot read %s", from); return ERR_NOTFOUND; }
  SqDb *src = sq_open_file(from, err, errlen);
  if( src==0 ) return ERR_IO;
  int rc = source_schema_ok(src, err, errlen);
  if( rc!=OK ) return rc;
  MTable *v = 0;
  int n = 0;
  rc = source_tables(src, &v, &n, err, errlen);
  mt_v = v; mt_n = n;
  if( rc!=OK ) return rc;
  /* the full-text index: FTS5 on SQLite (a virtual table, skipped above), the table
  ** search_doc on PostgreSQL (migration 0700-search-pg): its rows are copied across */
  SqStmt *fq = sq_prepare(src, "SELECT count(*) FROM sqlite_schema WHERE name='search_fts'");
  int has_fts = fq && sq_step(fq)==DB_ROW && sq_col_int64(fq, 0)>0;
  if( fq ) sq_reset(fq);
  if( has_fts ){
    static const char *const fcols[] = { "kind", "office", "ref", "title", "tags", "body" };
    v = xrealloc(v, sizeof *v * (size_t)(n+1));
    MTable *t = &v[n++];
    memset(t, 0, sizeof *t);
    t->name = xstrdup("search_doc");
    t->ncols = (int)COUNT(fcols);
    t->cols = xcalloc(COUNT(fcols), sizeof *t->cols);
    for(size_t k=0; k<COUNT(fcols); k++) t->cols[k] = xstrdup(fcols[k]);
    t->select = xstrdup("SELECT kind, office, ref, title, tags, body FROM search_fts");
    t->copy = xstrdup("COPY search_doc (kind, office, ref, title, tags, body) FROM STDIN");
    t->check = xstrdup("SELECT kind, office, ref, title, tags, body FROM search_doc");
    mt_v = v; mt_n = n;
  }
  int64_t total = 0;
  for(int i=0; i<n; i++){
    Buf s = BUF_INIT;
    buf_puts(&s, "SELECT count(*) FROM \"");
    buf_puts(&s, v[i].check ? "search_fts" : v[i].name);
    buf_puts(&s, "\"");
    char *sql = mt_keep(xstrdup(buf_str(&s)));   /* kept: the statement cache keys on the pointer */
    buf_free(&s);
    SqStmt *q = sq_prepare(src, sql);
    if( q && sq_step(q)==DB_ROW ) total += sq_col_int64(q, 0);
    if( q ) sq_reset(q);
  }
  /* the target: the schema from the migrations, and nothing in it yet */
  if( db_global_open(to, err, errlen)!=OK ) return ERR_DB;
  PgDb *dst = (PgDb*)db_thread();
  if( dst==0 ){ snprintf(err, errlen, "cannot connect to %s", to); return ERR_DB; }
  for(int i=0; i<n; i++){
    Buf s = BUF_INIT;
    buf_puts(&s, "SELECT 1 FROM \"");
    buf_puts(&s, v[i].name);
    buf_puts(&s, "\" LIMIT 1");
    char *sql = mt_keep(xstrdup(buf_str(&s)));
    buf_free(&s);
    PgStmt *q = pg_prepare(dst, sql);
    if( q==0 ){ snprintf(err, errlen, "table %s is not in the target: %s", v[i].name, pg_errmsg(dst)); return ERR_DB; }
    int any = pg_step(q)==DB_ROW;
    pg_reset(q);
    if( any ){ snprintf(err, errlen, "the target database is not empty (table %s has rows): give a new, empty database", v[i].name); return ERR_CONFLICT; }
  }
  /* the copy: one transaction, all or nothing */
  if( pg_begin(dst)!=OK ){ snprintf(err, errlen, "BEGIN: %s", pg_errmsg(dst)); return ERR_DB; }
  int64_t done = 0;
  progress_start(pf, total, n);
  for(int i=0; rc==OK && i<n; i++) rc = copy_table(src, dst, &v[i], &done, total, pf, err, errlen);
  for(int i=0; rc==OK && i<n; i++){
    int has_id = 0;
    for(int k=0; k<v[i].ncols; k++) if( strcmp(v[i].cols[k], "id")==0 ) has_id = 1;
    if( !has_id ) continue;
    /* identity columns continue after the copied ids, and after any the source gave and
    ** deleted since (its AUTOINCREMENT sequence, migration 0056): an id is never given again */
    int64_t given = 0;
    SqStmt *sq = sq_prepare(src, "SELECT seq FROM sqlite_sequence WHERE name=?1");
    if( sq ){
      sq_bind_text(sq, 1, v[i].name);
      if( sq_step(sq)==DB_ROW ) given = sq_col_int64(sq, 0);
      sq_reset(sq);
    }
    Buf s = BUF_INIT;
    buf_puts(&s, "SELECT setval(pg_get_serial_sequence('\"");
    buf_puts(&s, v[i].name);
    buf_printf(&s, "\"', 'id'), greatest(coalesce(max(id), 0), %lld)) FROM \"", (long long)given);
    buf_puts(&s, v[i].name);
    buf_printf(&s, "\" HAVING greatest(coalesce(max(id), 0), %lld)>0", (long long)given);
    rc = pg_exec(dst, buf_str(&s));
    if( rc!=OK ) snprintf(err, errlen, "%s: setting its identity: %s", v[i].name, pg_errmsg(dst));
    buf_free(&s);
  }
  progress_end(pf, rc==OK);
  if( rc!=OK ){ pg_rollback(dst); return rc; }
  if( pg_commit(dst)!=OK ){ snprintf(err, errlen, "COMMIT: %s", pg_errmsg(dst)); return ERR_DB; }
  /* the check: every table read back, counts and hashes equal */
  int bad = 0;
  for(int i=0; i<n; i++){
    int64_t rows;
    uint64_t h[4];
    rc = check_table(dst, &v[i], &rows, h, err, errlen);
    if( rc!=OK ) return rc;
    int same = rows==v[i].rows && memcmp(h, v[i].hash, sizeof h)==0;
    if( out ) fprintf(out, "  %-22s %9lld rows  %016llx%016llx  %s\n", v[i].name, (long long)rows,
                      (unsigned long long)h[0], (unsigned long long)h[1], same ? "ok" : "DIFFERS");
    if( !same ) bad++;
  }
  if( bad ){ snprintf(err, errlen, "%d table(s) differ after the copy", bad); return ERR_INVALID; }
  if( out ) fprintf(out, "%d tables, %lld rows copied and checked\n", n, (long long)total);
  return OK;
}
