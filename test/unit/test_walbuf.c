/*
** test_walbuf.c — the WAL-gathering VFS (src/db/walbuf.c): it is the default once a database
** is opened; a commit is in the WAL file when COMMIT returns (a connection through SQLite's
** own VFS, which reads the file itself, sees it); transactions larger than its buffer
** (above the 128 KiB SQLite's unix VFS writes at once), transactions that spill pages to the
** WAL before their commit and read them back, savepoints rolled back over such pages, and
** thousands of commits across checkpoints and WAL restarts all leave a sound database.
*/
#include "unit.h"
#include "../../src/db/engine.h"
#include <sqlite3.h>
#include <sys/stat.h>

static char dir[64];
static char path[128];

static int setup(void **state){
  (void)state;
  log_set_quiet(1);
  snprintf(dir, sizeof dir, "/tmp/loket-walbuf-XXXXXX");
  if( mkdtemp(dir)==0 ) return -1;
  snprintf(path, sizeof path, "%s/w.db", dir);
  return 0;
}

static int teardown(void **state){
  (void)state;
  char f[160];
  const char *ext[] = { "", "-wal", "-shm" };
  for(int i=0; i<3; i++){ snprintf(f, sizeof f, "%s%s", path, ext[i]); unlink(f); }
  rmdir(dir);
  return 0;
}

/* Open PATH through the named VFS (0: the default) with Loket's WAL settings. */
static sqlite3 *open_with(const char *vfs){
  assert_int_equal(walbuf_register(), OK);   /* as Loket's first open does */
  sqlite3 *h = 0;
  assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE, vfs), SQLITE_OK);
  sqlite3_busy_timeout(h, 10000);
  assert_int_equal(sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", 0, 0, 0), SQLITE_OK);
  return h;
}

static void run(sqlite3 *h, const char *sql){
  char *err = 0;
  int rc = sqlite3_exec(h, sql, 0, 0, &err);
  if( rc!=SQLITE_OK ) fail_msg("%s: %s", sql, err ? err : sqlite3_errstr(rc));
}

static int64_t one(sqlite3 *h, const char *sql){
  sqlite3_stmt *s = 0;
  assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, 0), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  int64_t v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return v;
}

static const char *text(sqlite3 *h, const char *sql, char *out, size_t n){
  sqlite3_stmt *s = 0;
  assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, 0), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  snprintf(out, n, "%s", (const char*)sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  return out;
}

/* Opening Loket's database makes it the default VFS; files it opens name it. */
static void test_default_after_open(void **state){
  if( tempdb_setup(state) ) fail_msg("tempdb");
  assert_string_equal(sqlite3_vfs_find(0)->zName, "walbuf");
  tempdb_teardown(state);
  sqlite3 *h = open_with(0);
  char *name = 0;
  assert_int_equal(sqlite3_file_control(h, "main", SQLITE_FCNTL_VFSNAME, &name), SQLITE_OK);
  assert_non_null(name);
  assert_contains(name, "walbuf");
  sqlite3_free(name);
  sqlite3_close(h);
}

/* Every commit, small or far above the buffer, is in the file when COMMIT returns: a
** connection through SQLite's unix VFS (its own file descriptors) reads it at once. */
static void test_commit_is_in_the_file(void **state){
  (void)state;
  sqlite3 *w = open_with(0);
  sqlite3 *r = open_with("unix");
  run(w, "CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB)");
  for(int i=1; i<=50; i++){
    char sql[160];
    /* every tenth commit writes ~100 pages (400 KiB of frames): three buffers' worth */
    snprintf(sql, sizeof sql, "BEGIN IMMEDIATE; INSERT INTO t(id, v) VALUES(%d, randomblob(%d)); COMMIT", i, i%10==0 ? 400000 : 100);
    run(w, sql);
    assert_int_equal(one(r, "SELECT count(*) FROM t"), i);
  }
  assert_int_equal(one(r, "SELECT sum(length(v)) FROM t"), 45*100 + 5*400000);
  char ok[64];
  assert_string_equal(text(r, "PRAGMA integrity_check", ok, sizeof ok), "ok");
  sqlite3_close(r);
  sqlite3_close(w);
}

/* A transaction that spills pages to the WAL before its commit (a tiny page cache), reads
** them back, and rolls a savepoint back over some of them: what is committed is exact. */
static void test_spill_and_savepoint(void **state){
  (void)state;
  sqlite3 *w = open_with(0);
  run(w, "PRAGMA cache_size=5");
  run(w, "CREATE TABLE s(id INTEGER PRIMARY KEY, k TEXT UNIQUE, v BLOB)");
  run(w, "BEGIN IMMEDIATE");
  run(w, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<400)"
         " INSERT INTO s(id, k, v) SELECT i, 'k' || i, randomblob(900) FROM n");
  /* the spilled pages read back, through the index */
  assert_int_equal(one(w, "SELECT count(*) FROM s INDEXED BY sqlite_autoindex_s_1 WHERE k>='k'"), 400);
  run(w, "SAVEPOINT p");
  run(w, "UPDATE s SET v=randomblob(1200) WHERE id%3=0");
  run(w, "DELETE FROM s WHERE id>300");
  run(w, "ROLLBACK TO p");
  run(w, "RELEASE p");
  run(w, "UPDATE s SET v=zeroblob(10) WHERE id<=10");
  run(w, "COMMIT");
  sqlite3 *r = open_with("unix");
  assert_int_equal(one(r, "SELECT count(*) FROM s"), 400);
  assert_int_equal(one(r, "SELECT sum(length(v)) FROM s"), 10*10 + 390*900);
  char ok[64];
  assert_string_equal(text(r, "PRAGMA integrity_check", ok, sizeof ok), "ok");
  sqlite3_close(r);
  sqlite3_close(w);
}

/* Thousands of commits with frequent checkpoints (the WAL starts again from its beginning
** many times): every row is there and the file is sound, also after the WAL is folded in. */
static void test_many_commits_and_checkpoints(void **state){
  (void)state;
  sqlite3 *w = open_with(0);
  run(w, "PRAGMA wal_autocheckpoint=50");
  run(w, "CREATE TABLE m(id INTEGER PRIMARY KEY, a INTEGER, b TEXT)");
  run(w, "CREATE INDEX m_a ON m(a)");
  run(w, "CREATE INDEX m_b ON m(b)");
  sqlite3_stmt *ins = 0;
  assert_int_equal(sqlite3_prepare_v2(w, "INSERT INTO m(a, b) VALUES(?1, hex(randomblob(20)))", -1, &ins, 0), SQLITE_OK);
  for(int i=0; i<2000; i++){
    run(w, "BEGIN IMMEDIATE");
    sqlite3_bind_int(ins, 1, (i*7919) % 1000);
    assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
    sqlite3_reset(ins);
    run(w, "COMMIT");
  }
  sqlite3_finalize(ins);
  sqlite3 *r = open_with("unix");
  assert_int_equal(one(r, "SELECT count(*) FROM m"), 2000);
  assert_int_equal(one(r, "SELECT count(*) FROM m INDEXED BY m_a WHERE a>=0"), 2000);
  sqlite3_close(r);
  run(w, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(w);
  struct stat st;
  char wal[160];
  snprintf(wal, sizeof wal, "%s-wal", path);
  assert_true(stat(wal, &st)!=0 || st.st_size==0);   /* folded in: what remains is the file */
  r = open_with("unix");
  char ok[64];
  assert_string_equal(text(r, "PRAGMA integrity_check", ok, sizeof ok), "ok");
  assert_int_equal(one(r, "SELECT count(*) FROM m"), 2000);
  sqlite3_close(r);
}

/* A reader through memory mapping keeps reading right while another connection writes, the
** file grows (checkpoints) and shrinks (VACUUM): its mapping is kept only while the file's
** size is unchanged, so it never reads past the end of a file that shrank. */
static void test_mapping_follows_the_file(void **state){
  (void)state;
  sqlite3 *w = open_with(0);
  sqlite3 *r = open_with(0);
  run(r, "PRAGMA mmap_size=268435456");
  run(w, "CREATE TABLE g(id INTEGER PRIMARY KEY, v BLOB)");
  for(int round=1; round<=5; round++){
    run(w, "BEGIN IMMEDIATE; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<200)"
           " INSERT INTO g(v) SELECT randomblob(3000) FROM n; COMMIT");
    run(w, "PRAGMA wal_checkpoint(TRUNCATE)");   /* the pages reach the file: it grows */
    assert_int_equal(one(r, "SELECT count(*) FROM g"), round*200);
    assert_int_equal(one(r, "SELECT sum(length(v)) FROM g"), (int64_t)round*200*3000);
  }
  run(w, "DELETE FROM g WHERE id>10");
  run(w, "VACUUM");                               /* the file shrinks under the reader */
  run(w, "PRAGMA wal_checkpoint(TRUNCATE)");
  assert_int_equal(one(r, "SELECT count(*) FROM g"), 10);
  assert_int_equal(one(r, "SELECT sum(length(v)) FROM g"), 30000);
  char ok[64];
  assert_string_equal(text(r, "PRAGMA integrity_check", ok, sizeof ok), "ok");
  sqlite3_close(r);
  sqlite3_close(w);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_default_after_open),
    cmocka_unit_test(test_commit_is_in_the_file),
    cmocka_unit_test(test_spill_and_savepoint),
    cmocka_unit_test(test_many_commits_and_checkpoints),
    cmocka_unit_test(test_mapping_follows_the_file),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
