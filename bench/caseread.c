/*
** caseread.c — time the two statements that read one case (src/sop/case_sql.h), alone,
** on a database loaded by bench/cases.sh (KEEP=1 keeps it): where a case JSON's time goes
** in SQLite once the data no longer fits the CPU's caches.
**
** Usage: caseread DB CASES [READS [DISTINCT]]
**   DB        a Loket SQLite database (opened read-only)
**   CASES     how many cases it holds, numbered LPSE-YEAR-000001 … (as cases.sh loads them)
**   READS     reads to time (default 200000)
**   DISTINCT  draw the numbers from the first DISTINCT cases only (default CASES): a small
**             value keeps the pages read in the CPU's caches
** Each read is one read transaction (as a GET is), with Loket's connection settings; every
** column of every row is fetched as text. Prints the mean microseconds of: the case row by
** its number (CASE_SQL), its steps (CASE_STEPS_SQL), and, for comparison, in a second pass
** over other random cases (ids counted from the first, as cases.sh numbers them), the steps'
** ids alone (answered from the (case_id, no, visit) index without reading the table).
*/
#include "sqlite3.h"
#include "../src/sop/case_sql.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define STEP_IDS_SQL "SELECT s.id, s.no FROM case_step s WHERE s.case_id=?1 ORDER BY s.no, s.visit"

/* Monotonic seconds. */
static double now_s(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec/1e9;
}

/* Prepare a statement or stop with SQLite's message. */
static sqlite3_stmt *prepare(sqlite3 *db, const char *sql){
  sqlite3_stmt *q = 0;
  if( sqlite3_prepare_v2(db, sql, -1, &q, 0)!=SQLITE_OK ){
    fprintf(stderr, "caseread: %s\n", sqlite3_errmsg(db));
    exit(1);
  }
  return q;
}

/* Run q to its end fetching every column as text; the rows seen. */
static int drain(sqlite3_stmt *q){
  int n = 0, nc = sqlite3_column_count(q);
  while( sqlite3_step(q)==SQLITE_ROW ){
    for(int i=0; i<nc; i++) sqlite3_column_text(q, i);
    n++;
  }
  sqlite3_reset(q);
  return n;
}

/* A positive integer argument, or stop naming it. */
static long arg_count(const char *z, const char *what){
  char *end;
  long v = strtol(z, &end, 10);
  if( *end || v<=0 ){ fprintf(stderr, "caseread: %s must be a positive integer (got '%s')\n", what, z); exit(1); }
  return v;
}

int main(int argc, char **argv){
  if( argc<3 || argc>5 ){ fprintf(stderr, "usage: caseread DB CASES [READS [DISTINCT]]\n"); return 1; }
  long cases = arg_count(argv[2], "CASES");
  long reads = argc>3 ? arg_count(argv[3], "READS") : 200000;
  long distinct = argc>4 ? arg_count(argv[4], "DISTINCT") : cases;
  if( distinct>cases ) distinct = cases;
  sqlite3 *db;
  if( sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, 0)!=SQLITE_OK ){
    fprintf(stderr, "caseread: cannot open %s: %s\n", argv[1], sqlite3_errmsg(db));
    return 1;
  }
  /* as src/db/sqlite.c opens a connection */
  sqlite3_exec(db, "PRAGMA cache_size=-16000; PRAGMA mmap_size=2147418112", 0, 0, 0);
  sqlite3_stmt *kq = prepare(db, CASE_SQL), *sq = prepare(db, CASE_STEPS_SQL), *iq = prepare(db, STEP_IDS_SQL);
  sqlite3_stmt *first = prepare(db, "SELECT substr(number, 1, length(number)-6), id FROM kasus ORDER BY id LIMIT 1");
  if( sqlite3_step(first)!=SQLITE_ROW ){ fprintf(stderr, "caseread: no cases in %s\n", argv[1]); return 1; }
  char prefix[64];
  snprintf(prefix, sizeof prefix, "%s", (const char*)sqlite3_column_text(first, 0));
  sqlite3_int64 id0 = sqlite3_column_int64(first, 1);
  sqlite3_finalize(first);
  double tk = 0, ts = 0, ti = 0;
  long steps = 0;
  srand(42);
  for(long i=0; i<reads; i++){
    char num[96];
    snprintf(num, sizeof num, "%s%06ld", prefix, 1 + (long)(rand() % distinct));
    sqlite3_exec(db, "BEGIN", 0, 0, 0);
    double t0 = now_s();
    sqlite3_bind_int64(kq, 1, 1);
    sqlite3_bind_text(kq, 2, num, -1, SQLITE_STATIC);
    if( sqlite3_step(kq)!=SQLITE_ROW ){ fprintf(stderr, "caseread: no case %s\n", num); return 1; }
    sqlite3_int64 id = sqlite3_column_int64(kq, 0);
    for(int c=0; c<sqlite3_column_count(kq); c++) sqlite3_column_text(kq, c);
    sqlite3_reset(kq);
    double t1 = now_s();
    sqlite3_bind_int64(sq, 1, id);
    steps += drain(sq);
    double t2 = now_s();
    sqlite3_exec(db, "COMMIT", 0, 0, 0);
    tk += t1-t0; ts += t2-t1;
  }
  for(long i=0; i<reads; i++){
    sqlite3_exec(db, "BEGIN", 0, 0, 0);
    double t0 = now_s();
    sqlite3_bind_int64(iq, 1, id0 + (sqlite3_int64)(rand() % distinct));
    drain(iq);
    ti += now_s() - t0;
    sqlite3_exec(db, "COMMIT", 0, 0, 0);
  }
  printf("%ld reads over %ld of %ld cases (%.1f steps each): case row %.2f us, its steps %.2f us,"
         " step ids from the index alone %.2f us\n", reads, distinct, cases, (double)steps/(double)reads,
         tk/(double)reads*1e6, ts/(double)reads*1e6, ti/(double)reads*1e6);
  sqlite3_finalize(kq); sqlite3_finalize(sq); sqlite3_finalize(iq);
  sqlite3_close(db);
  return 0;
}
