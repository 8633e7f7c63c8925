/*
** unit.h — what every unit test of Loket includes: cmocka, the project's
** headers, and small fixtures (a temporary database, the real permission matrix).
*/
#ifndef LOKET_UNIT_H
#define LOKET_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "../../src/core/core.h"
#include "../../src/db/db.h"
#include "../../src/desk/desk.h"
#include "../../src/http/http.h"
#include "../../src/sop/sop.h"
#include "../../src/sop/case.h"

/* Assert that haystack contains needle, printing both when it does not. */
#define assert_contains(haystack, needle) do{ \
    const char *h_ = (haystack), *n_ = (needle); \
    if( h_==0 || strstr(h_, n_)==0 ) fail_msg("\"%s\" does not contain \"%s\"", h_ ? h_ : "(null)", n_); \
  }while(0)

/* 1 when z is exactly n lowercase hex digits. */
static inline int unit_is_hex(const char *z, size_t n){
  if( z==0 || strlen(z)!=n ) return 0;
  for(size_t i=0; i<n; i++){
    if( !((z[i]>='0' && z[i]<='9') || (z[i]>='a' && z[i]<='f')) ) return 0;
  }
  return 1;
}

/* ---- a temporary database: a fresh data folder per test ---- */
typedef struct TempDb {
  char dir[256];
  char path[300];
  Db *db;
} TempDb;

/* Remove the folder and every file in it (the database, its -wal and -shm). */
static inline void unit_rmdir(const char *dir){
  DIR *d = opendir(dir);
  if( d ){
    struct dirent *e;
    while( (e = readdir(d))!=0 ){
      if( strcmp(e->d_name, ".")==0 || strcmp(e->d_name, "..")==0 ) continue;
      char p[600];
      snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
      unlink(p);
    }
    closedir(d);
  }
  rmdir(dir);
}

/* Open a new, migrated database in a fresh temporary folder; *state is the TempDb. */
static inline int tempdb_setup(void **state){
  TempDb *t = calloc(1, sizeof *t);
  if( t==0 ) return -1;
  const char *tmp = getenv("TMPDIR");
  snprintf(t->dir, sizeof t->dir, "%s/loket-unit-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if( mkdtemp(t->dir)==0 ){ free(t); return -1; }
  snprintf(t->path, sizeof t->path, "%s/loket.db", t->dir);
  char err[512];
  if( db_global_open(t->path, err, sizeof err)!=OK ){
    fprintf(stderr, "tempdb: %s\n", err);
    db_global_close();
    unit_rmdir(t->dir);
    free(t);
    return -1;
  }
  t->db = db_thread();
  if( t->db==0 ){ db_global_close(); unit_rmdir(t->dir); free(t); return -1; }
  *state = t;
  return 0;
}

/* Close every connection and remove the folder. */
static inline int tempdb_teardown(void **state){
  TempDb *t = *state;
  /* a statement handed out and never reset is a bug (the server would log and repair it) */
  int unreset = t && t->db ? db_unreset(t->db) : 0;
  if( unreset ) fprintf(stderr, "tempdb: %d statement(s) left un-reset (named above)\n", unreset);
  db_global_close();
  if( t ){
    unit_rmdir(t->dir);
    free(t);
  }
  *state = 0;
  return unreset ? -1 : 0;
}

/* The database of the fixture. */
static inline Db *tempdb(void **state){
  return ((TempDb*)*state)->db;
}

/* Load the permission matrix compiled into the binary (data/permissions.txt). */
static inline int unit_load_real_perms(char *err, size_t errlen){
  const Embedded *e = embed_find("data/permissions.txt");
  if( e==0 ){ snprintf(err, errlen, "data/permissions.txt is not embedded"); return ERR_NOTFOUND; }
  char *text = malloc(e->len+1);
  if( text==0 ) return ERR_IO;
  memcpy(text, e->data, e->len);
  text[e->len] = 0;
  int rc = perm_load(text, err, errlen);
  free(text);
  return rc;
}

/* One integer from a query without parameters (-1 when it returns no row). */
static inline int64_t unit_query_int(Db *db, const char *sql){
  Stmt *q = db_prepare(db, sql);
  if( q==0 ) return -1;
  int64_t v = db_step(q)==DB_ROW ? db_col_int64(q, 0) : -1;
  db_reset(q);
  return v;
}

/* The plan SQLite makes for sql, a line per step of EXPLAIN QUERY PLAN, into p (buf_free it). The
** statement cache knows a text by its address: each sql's EXPLAIN text is made once and kept. */
static inline void unit_plan(Db *db, const char *sql, Buf *p){
  static struct { const char *sql; char *explain; } seen[64];
  const char *x = 0;
  int i = 0;
  while( i<64 && seen[i].sql && seen[i].sql!=sql ) i++;
  if( i<64 && seen[i].sql==0 ){
    Buf e = BUF_INIT;
    buf_printf(&e, "EXPLAIN QUERY PLAN %s", sql);
    seen[i].explain = xstrdup(buf_str(&e));
    seen[i].sql = sql;
    buf_free(&e);
  }
  if( i<64 ) x = seen[i].explain;
  *p = (Buf)BUF_INIT;
  Stmt *q = x ? db_prepare(db, x) : 0;
  if( q==0 ){ buf_puts(p, "(not prepared)"); return; }
  while( db_step(q)==DB_ROW ) buf_printf(p, "%s\n", db_col_text(q, 3));
  db_reset(q);
}

/* Epoch seconds of an ISO 8601 text (a test's own constants). */
static inline int64_t unit_at(const char *iso){
  int64_t t = 0;
  assert_int_equal(time_parse_iso(iso, &t), OK);
  return t;
}

/* A temporary database with an office LPSE born with its defaults (hours, holidays,
** priorities), the ten procedures stored, and the clock frozen at Monday 2026-01-05
** 08:00 WIB. Pair with unit_office_teardown(). */
static inline int unit_office_setup(void **state, const Actor *who, int64_t *office_id){
  if( tempdb_setup(state) ) return -1;
  Db *db = tempdb(state);
  Err e = {0};
  Buf errs = BUF_INIT;
  time_set_fake(unit_at("2026-01-05T08:00:00+07:00"));
  if( office_create(db, who, "LPSE", "LPSE Uji", "WIB", office_id, &e)!=OK ) return -1;
  int rc = sop_library_load(db, &errs);
  if( rc!=OK ) fprintf(stderr, "%s\n", buf_str(&errs));
  buf_free(&errs);
  return rc==OK ? 0 : -1;
}

/* Open a case of a procedure in an office with a plain requester (fails the test if refused). */
static inline Case *unit_open_case(Db *db, const Actor *who, int64_t office_id, const char *sop){
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = sop;
  in.channel = "phone";
  in.subject = "Lupa kata sandi SPSE";
  in.requester.name = "Budi Santoso";
  Case *c = 0;
  Err e = {0};
  int rc = case_open(db, who, &in, &c, &e);
  if( rc!=OK ) fail_msg("case_open: %d %s %s", rc, e.field ? e.field : "", e.msg ? e.msg : "");
  return c;
}

/* Undo unit_office_setup(): the clock runs again, the library and database are gone. */
static inline int unit_office_teardown(void **state){
  time_set_fake(0);
  sop_library_free();
  return tempdb_teardown(state);
}

/* Before a group of tests: logs quiet, libsodium started. */
static inline int unit_group_setup(void **state){
  (void)state;
  log_set_quiet(1);
  return util_init()==OK ? 0 : -1;
}

#endif
