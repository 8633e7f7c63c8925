/*
** test_epoch.c — what a process keeps between requests (src/db/epoch.c): the cache epoch
** moves with every change to an office's settings, users, roles and sessions and with
** nothing else; what was kept is given back only at the epoch it was read at; a change made
** by another connection (another process: the CLI) is seen; a value read inside a
** transaction that is rolled back is never given out afterwards.
*/
#include "unit.h"
#include "../../src/sop/case.h"
#include "../../src/sop/calendar.h"
#include "../../src/sop/priority.h"
#include "../../src/sop/number.h"
#include "../../src/sop/org.h"
#include <sqlite3.h>

static int64_t office_id;
static const Actor admin = { 0, "admin", 0, "" };

static int setup(void **state){ return unit_office_setup(state, &admin, &office_id) ? -1 : 0; }
static int teardown(void **state){ return unit_office_teardown(state); }

/* The epoch now (fails the test when it cannot be read). */
static int64_t epoch_now(Db *db){
  int64_t n = 0;
  return db_epoch(db, &n)==OK ? n : -1;
}

/* Run SQL on a connection of its own, as another process would. */
static void other_connection(void **state, const char *sql){
  sqlite3 *h = 0;
  assert_int_equal(sqlite3_open(((TempDb*)*state)->path, &h), SQLITE_OK);
  sqlite3_busy_timeout(h, 5000);
  char *err = 0;
  int rc = sqlite3_exec(h, sql, 0, 0, &err);
  if( rc!=SQLITE_OK ) fail_msg("%s: %s", sql, err ? err : "");
  sqlite3_close(h);
}

/* 1 when the calendar of the office has a working day at that date (local noon). */
static int workday(Db *db, const char *day){
  char iso[40];
  snprintf(iso, sizeof iso, "%sT12:00:00+07:00", day);
  Calendar *cal = calendar_load(db, office_id);
  assert_non_null(cal);
  int w = calendar_is_workday(cal, unit_at(iso));
  calendar_free(cal);
  return w;
}

/* The memo itself: a value comes back at its epoch only, as a copy, and a new one replaces it. */
static void test_memo(void **state){
  (void)state;
  int v = 7, w = 9;
  size_t n = 0;
  memo_put("test", 1, 100, &v, sizeof v);
  assert_null(memo_get("test", 1, 101, &n));
  assert_null(memo_get("test", 2, 100, &n));
  assert_null(memo_get("other", 1, 100, &n));
  int *got = memo_get("test", 1, 100, &n);
  assert_non_null(got);
  assert_int_equal(n, sizeof v);
  assert_int_equal(*got, 7);
  *got = 8;                                  /* a copy: what is kept does not change */
  free(got);
  got = memo_get("test", 1, 100, &n);
  assert_int_equal(*got, 7);
  free(got);
  memo_put("test", 1, 101, &w, sizeof w);
  assert_null(memo_get("test", 1, 100, &n));
  got = memo_get("test", 1, 101, &n);
  assert_int_equal(*got, 9);
  free(got);
  for(int i=0; i<200; i++) memo_put("many", i, 5, &i, sizeof i);   /* more than the slots */
  got = memo_get("many", 199, 5, &n);
  assert_non_null(got);
  assert_int_equal(*got, 199);
  free(got);
  memo_clear();
  assert_null(memo_get("test", 1, 101, &n));
}

/* The epoch moves with each kind of settings row and with users, roles and sessions, and
** stays through cases, steps, audit rows and a session's idle clock. */
static void test_epoch_moves(void **state){
  Db *db = tempdb(state);
  static const char *const moving[] = {
    "UPDATE office SET name='LPSE Uji Dua'",
    "INSERT INTO holiday(office_id, day, name) VALUES(1, '2026-03-02', 'Libur uji')",
    "DELETE FROM holiday WHERE day='2026-03-02'",
    "UPDATE office_hours SET closes_min=closes_min-30 WHERE weekday=1",
    ("INSERT INTO calendar_period(id, office_id, name, first_day, last_day, weekdays, created_at)"
     " VALUES(1, 1, 'Ramadan 1448 H', '2027-02-08', '2027-03-09', 30, 0)"),
    "INSERT INTO calendar_period_hours(period_id, weekday, opens_min, closes_min) VALUES(1, 1, 480, 900)",
    "UPDATE calendar_period_hours SET closes_min=930",
    "UPDATE calendar_period SET name='Ramadan'",
    "DELETE FROM calendar_period_hours",
    "DELETE FROM calendar_period",
    "UPDATE priority_rule SET priority='rendah' WHERE urgency='mendesak' AND impact='kecil'",
    "UPDATE priority_target SET resolution_workdays=resolution_workdays+1 WHERE priority='tinggi'",
    "INSERT INTO number_format(office_id, register, pattern) VALUES(1, 'case', '{office}-{year}-{seq:5}')",
    "INSERT INTO users(office_id, username, pw_hash, created_at, pw_changed_at) VALUES(1, 'uji', 'x', 0, 0)",
    "INSERT INTO user_role(user_id, office_id, role) VALUES((SELECT id FROM users WHERE username='uji'), 1, 'helpdesk')",
    ("INSERT INTO session(token_hash, user_id, office_id, kind, csrf, created_at, seen_at, expires_at)"
     " VALUES('h1', (SELECT id FROM users WHERE username='uji'), 1, 'web', 'c', 0, 0, 99999999999)"),
    "UPDATE session SET office_id=1 WHERE token_hash='h1'",
    "UPDATE users SET disabled=1 WHERE username='uji'",
    "DELETE FROM session WHERE token_hash='h1'",
  };
  int64_t before = epoch_now(db);
  for(size_t i=0; i<COUNT(moving); i++){
    assert_int_equal(db_exec(db, moving[i]), OK);
    int64_t after = epoch_now(db);
    /* a new session alone leaves it (nobody had it kept); every other statement moves it */
    if( strncmp(moving[i], "INSERT INTO session", 19)==0 || strncmp(moving[i], "INSERT INTO users", 17)==0 ){
      assert_true(after==before);
    }else if( after==before ){
      fail_msg("the epoch did not move after: %s", moving[i]);
    }
    before = after;
  }
  /* what the server writes all day leaves it */
  assert_int_equal(db_exec(db, "INSERT INTO session(token_hash, user_id, office_id, kind, csrf, created_at, seen_at, expires_at)"
                               " VALUES('h2', (SELECT id FROM users WHERE username='uji'), 1, 'api', 'c', 0, 0, 99999999999)"), OK);
  before = epoch_now(db);
  assert_int_equal(db_exec(db, "UPDATE session SET seen_at=seen_at+60 WHERE token_hash='h2'"), OK);
  assert_int_equal(db_exec(db, "UPDATE users SET failed_count=failed_count+1 WHERE username='uji'"), OK);
  Case *c = unit_open_case(db, &admin, office_id, "SOP-LPSE.BTG-017");
  case_free(c);
  assert_true(epoch_now(db)==before);
}

/* A holiday written by another connection (the CLI's process) is in the next calendar. */
static void test_other_process(void **state){
  Db *db = tempdb(state);
  assert_true(workday(db, "2026-03-03"));   /* kept now */
  assert_true(workday(db, "2026-03-03"));
  other_connection(state, "INSERT INTO holiday(office_id, day, name, kind) VALUES(1, '2026-03-03', 'Libur daerah', 'local')");
  assert_false(workday(db, "2026-03-03"));
  /* the priority table and the numbering too */
  PrioTable t;
  assert_int_equal(priority_load(db, office_id, &t), OK);
  assert_string_equal(priority_lookup(&t, "tidak_mendesak", "besar"), "menengah");
  other_connection(state, "UPDATE priority_rule SET priority='tinggi' WHERE urgency='tidak_mendesak' AND impact='besar'");
  assert_int_equal(priority_load(db, office_id, &t), OK);
  assert_string_equal(priority_lookup(&t, "tidak_mendesak", "besar"), "tinggi");
  char pat[64];
  assert_int_equal(number_pattern_get(db, office_id, "case", pat, sizeof pat), OK);
  assert_string_equal(pat, number_default("case"));
  other_connection(state, "INSERT INTO number_format(office_id, register, pattern) VALUES(1, 'case', 'T-{year}-{seq:4}')");
  assert_int_equal(number_pattern_get(db, office_id, "case", pat, sizeof pat), OK);
  assert_string_equal(pat, "T-{year}-{seq:4}");
  Office o;
  assert_int_equal(office_get(db, office_id, &o), OK);
  other_connection(state, "UPDATE office SET name='LPSE Kota Uji'");
  assert_int_equal(office_get(db, office_id, &o), OK);
  assert_string_equal(o.name, "LPSE Kota Uji");
}

/* A calendar read inside a transaction that adds a holiday shows it there; after the
** rollback the holiday is gone from what is given out, and a later change is seen. */
static void test_rollback(void **state){
  Db *db = tempdb(state);
  assert_true(workday(db, "2026-03-04"));
  int64_t before = epoch_now(db);
  assert_int_equal(db_begin(db), OK);
  assert_int_equal(db_exec(db, "INSERT INTO holiday(office_id, day, name) VALUES(1, '2026-03-04', 'Batal')"), OK);
  int inside = workday(db, "2026-03-04");   /* read (and kept) inside */
  db_rollback(db);                            /* before any check: a failed one must not leave it open */
  assert_false(inside);
  assert_true(epoch_now(db)==before);
  assert_true(workday(db, "2026-03-04"));
  assert_int_equal(db_exec(db, "INSERT INTO holiday(office_id, day, name) VALUES(1, '2026-03-05', 'Jadi')"), OK);
  assert_false(workday(db, "2026-03-05"));
  assert_true(workday(db, "2026-03-04"));
}

/* Run one prepared statement (not db_exec: the epoch's shortcut must see it as a change). */
static int run_prepared(Db *db, const char *sql){
  return db_run(db_prepare(db, sql));
}

/* The epoch read again on a connection whose snapshot is held (sqlite.c keeps the last one
** while nothing can have changed it): a change this connection makes inside its transaction,
** another connection's commit seen by a new snapshot, and a rollback each give the epoch as
** the rows now say, never the one kept. */
static void test_epoch_kept_while_unchanged(void **state){
  Db *db = tempdb(state);
  int64_t e0 = epoch_now(db);
  /* inside a write transaction: read, change a guarded row, read (checked after the
  ** transaction ends: a failed check inside would leave it open) */
  assert_int_equal(db_begin(db), OK);
  int64_t a = epoch_now(db), b = epoch_now(db);
  int rc = run_prepared(db, "INSERT INTO holiday(office_id, day, name) VALUES(1, '2026-03-09', 'Uji')");
  int64_t e1 = epoch_now(db);
  int work = workday(db, "2026-03-09");
  db_rollback(db);
  assert_int_equal(rc, OK);
  assert_true(a==e0 && b==e0);
  assert_true(e1!=e0);
  assert_false(work);
  /* after the rollback: the epoch of before, in the next transaction's snapshot too */
  assert_int_equal(db_begin(db), OK);
  rc = run_prepared(db, "UPDATE kasus SET subject=subject WHERE id=0");   /* the snapshot is held */
  int64_t e3 = epoch_now(db);
  work = workday(db, "2026-03-09");
  assert_int_equal(db_commit(db), OK);
  assert_int_equal(rc, OK);
  assert_true(e3==e0);
  assert_true(work);
  /* a read snapshot, then another process commits, then a new snapshot */
  assert_int_equal(db_read_begin(db), OK);
  assert_true(epoch_now(db)==e0);
  other_connection(state, "UPDATE office SET name='LPSE Kota Lain'");
  assert_true(epoch_now(db)==e0);      /* the same snapshot: the same rows */
  db_read_end(db);
  assert_int_equal(db_read_begin(db), OK);
  Stmt *q = db_prepare(db, "SELECT count(*) FROM office");   /* opens the new snapshot first */
  assert_non_null(q);
  assert_int_equal(db_step(q), DB_ROW);
  db_reset(q);
  int64_t e2 = epoch_now(db);
  db_read_end(db);
  assert_true(e2!=e0);
  Office o;
  assert_int_equal(office_get(db, office_id, &o), OK);
  assert_string_equal(o.name, "LPSE Kota Lain");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_memo),
    cmocka_unit_test_setup_teardown(test_epoch_moves, setup, teardown),
    cmocka_unit_test_setup_teardown(test_other_process, setup, teardown),
    cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
    cmocka_unit_test_setup_teardown(test_epoch_kept_while_unchanged, setup, teardown),
  };
  return cmocka_run_group_tests(tests, unit_group_setup, 0);
}
