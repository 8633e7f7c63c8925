/*
** test_sqlite_build.c — the SQLite built into Loket (extsrc/, the Makefile's SQLITE_OPT): the
** binary runs the amalgamation's version (not a system library of another), with the options
** extsrc/README.md names: FTS5 (the knowledge base's search), secure delete, lookaside on,
** extension loading, shared cache and deprecated interfaces left out.
*/
#include "unit.h"
#include "../../src/db/db.h"
#include <sqlite3.h>

/* 1 when SQLite was compiled with opt. */
static int used(const char *opt){ return sqlite3_compileoption_used(opt); }

/* The version running is the one of the header in extsrc/, and the db layer reports it. */
static void test_version(void **state){
  (void)state;
  assert_string_equal(sqlite3_libversion(), SQLITE_VERSION);
  assert_string_equal(sqlite3_sourceid(), SQLITE_SOURCE_ID);
  assert_string_equal(db_sqlite_version(), SQLITE_VERSION);
}

/* The compile-time options of the Makefile's SQLITE_OPT are the ones in force. */
static void test_options(void **state){
  (void)state;
  assert_true(used("ENABLE_FTS5"));
  assert_true(used("SECURE_DELETE"));
  assert_true(used("OMIT_LOAD_EXTENSION"));
  assert_true(used("OMIT_SHARED_CACHE"));
  assert_true(used("OMIT_DEPRECATED"));
  assert_true(used("THREADSAFE=1"));
  assert_false(used("OMIT_LOOKASIDE"));
}

/* A connection has lookaside memory, deletes overwrite what they remove, and an FTS5 table
** with the knowledge base's tokenizer can be made and searched. */
static void test_connection(void **state){
  (void)state;
  sqlite3 *h = 0;
  assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
  int cur = 0, hi = 0;
  assert_int_equal(sqlite3_exec(h, "CREATE TABLE t(x); INSERT INTO t VALUES('a'),('b');", 0, 0, 0), SQLITE_OK);
  assert_int_equal(sqlite3_db_status(h, SQLITE_DBSTATUS_LOOKASIDE_USED, &cur, &hi, 0), SQLITE_OK);
  assert_true(hi > 0);
  sqlite3_stmt *s = 0;
  assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA secure_delete", -1, &s, 0), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  assert_int_equal(sqlite3_column_int(s, 0), 1);
  sqlite3_finalize(s);
  assert_int_equal(sqlite3_exec(h, "CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');"
                                   "INSERT INTO f VALUES('Berkas .rhs tidak bisa dibuka', 'Periksa kunci publik');", 0, 0, 0), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM f WHERE f MATCH 'berkas AND kunci'", -1, &s, 0), SQLITE_OK);
  assert_int_equal(sqlite3_step(s), SQLITE_ROW);
  assert_int_equal(sqlite3_column_int(s, 0), 1);
  sqlite3_finalize(s);
  sqlite3_close(h);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_version),
    cmocka_unit_test(test_options),
    cmocka_unit_test(test_connection),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
