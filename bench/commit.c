/*
** commit.c — the raw SQLite single-row commit rate: the baseline of "opening a case"
** in bench/cases.sh.
**
** One connection with Loket's settings (WAL, synchronous=FULL, foreign keys on, the same
** page cache), a table as wide as kasus (17 columns, a UNIQUE text number and one index,
** like kasus), and one INSERT per transaction (BEGIN IMMEDIATE … COMMIT) for SECONDS
** seconds. Prints "commits/s N" on stdout. The file should be on the same disk as the
** benchmarked database (bench/cases.sh puts it in its temporary folder).
**
** Usage: build/bench/commit DBFILE [SECONDS]   (default 5 s; the file is created if missing)
*/
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_s(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec/1e9;
}

static void exec_or_die(sqlite3 *db, const char *sql){
  char *err = 0;
  if( sqlite3_exec(db, sql, 0, 0, &err)!=SQLITE_OK ){
    fprintf(stderr, "commit: %s: %s\n", sql, err ? err : sqlite3_errmsg(db));
    exit(1);
  }
}

int main(int argc, char **argv){
  if( argc<2 || argc>3 ){
    fprintf(stderr, "usage: %s DBFILE [SECONDS]\n", argv[0]);
    return 1;
  }
  double secs = argc==3 ? atof(argv[2]) : 5.0;
  if( secs<=0 ){ fprintf(stderr, "commit: SECONDS must be positive\n"); return 1; }
  sqlite3 *db = 0;
  if( sqlite3_open(argv[1], &db)!=SQLITE_OK ){
    fprintf(stderr, "commit: cannot open %s: %s\n", argv[1], db ? sqlite3_errmsg(db) : "out of memory");
    return 1;
  }
  sqlite3_busy_timeout(db, 10000);
  exec_or_die(db, "PRAGMA journal_mode=WAL");
  exec_or_die(db, "PRAGMA synchronous=FULL");
  exec_or_die(db, "PRAGMA foreign_keys=ON");
  exec_or_die(db, "PRAGMA temp_store=MEMORY");
  exec_or_die(db, "PRAGMA cache_size=-16000");
  exec_or_die(db, "CREATE TABLE IF NOT EXISTS row17("
                  " id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL, number TEXT NOT NULL,"
                  " procedure_id INTEGER NOT NULL, sop_code TEXT NOT NULL, channel TEXT NOT NULL,"
                  " subject TEXT NOT NULL, urgency TEXT NOT NULL, impact TEXT NOT NULL,"
                  " priority TEXT NOT NULL, status TEXT NOT NULL, requester_name TEXT NOT NULL,"
                  " opened_at INTEGER NOT NULL, opened_by TEXT NOT NULL, response_due_at INTEGER,"
                  " resolution_due_at INTEGER, paused_s INTEGER NOT NULL DEFAULT 0,"
                  " UNIQUE (office_id, number)) STRICT");
  exec_or_die(db, "CREATE INDEX IF NOT EXISTS row17_status ON row17(office_id, status, id)");
  sqlite3_stmt *begin = 0, *ins = 0, *commit = 0, *last = 0;
  if( sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, 0)!=SQLITE_OK
   || sqlite3_prepare_v2(db, "COMMIT", -1, &commit, 0)!=SQLITE_OK
   || sqlite3_prepare_v2(db, "SELECT coalesce(max(id),0) FROM row17", -1, &last, 0)!=SQLITE_OK
   || sqlite3_prepare_v2(db, "INSERT INTO row17(office_id, number, procedure_id, sop_code, channel,"
                             " subject, urgency, impact, priority, status, requester_name, opened_at,"
                             " opened_by, response_due_at, resolution_due_at)"
                             " VALUES(1, printf('BENCH-2026-%06d', ?1), 3, 'SOP-LPSE.BTG-017', 'phone',"
                             " 'Lupa kata sandi SPSE', 'mendesak', 'sedang', 'tinggi', 'open',"
                             " 'Budi Santoso', ?2, 'admin', ?2+3600, ?2+27000)", -1, &ins, 0)!=SQLITE_OK ){
    fprintf(stderr, "commit: prepare: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  sqlite3_int64 seq = 0;
  if( sqlite3_step(last)==SQLITE_ROW ) seq = sqlite3_column_int64(last, 0);
  sqlite3_finalize(last);
  long n = 0;
  double t0 = now_s(), t = t0;
  while( t - t0 < secs ){
    if( sqlite3_step(begin)!=SQLITE_DONE ) goto fail;
    sqlite3_reset(begin);
    sqlite3_bind_int64(ins, 1, ++seq);
    sqlite3_bind_int64(ins, 2, (sqlite3_int64)time(0));
    if( sqlite3_step(ins)!=SQLITE_DONE ) goto fail;
    sqlite3_reset(ins);
    if( sqlite3_step(commit)!=SQLITE_DONE ) goto fail;
    sqlite3_reset(commit);
    n++;
    t = now_s();
  }
  printf("commits/s %.2f\n", (double)n/(t - t0));
  sqlite3_finalize(begin);
  sqlite3_finalize(ins);
  sqlite3_finalize(commit);
  sqlite3_close(db);
  return 0;
fail:
  fprintf(stderr, "commit: %s\n", sqlite3_errmsg(db));
  return 1;
}
