/*
** test_group_commit.c — SQLite's group commit (src/db/sqlite.c): write transactions of
** several threads share one COMMIT when they meet, each still all-or-nothing on its own;
** nothing is lost or doubled under eight writers; a statement prepared before its write
** transaction began is refused instead of waiting for the writer's lock; a write outside
** any transaction waits for the part under way and is kept.
*/
#include "unit.h"
#include <pthread.h>
#include <unistd.h>

static const Actor admin = { 1, "admin", 1, "10.0.0.5" };

static int setup(void **state){
  log_set_quiet(1);
  if( tempdb_setup(state) ) return -1;
  return db_exec(tempdb(state), "CREATE TABLE gc_row(id INTEGER PRIMARY KEY, who INTEGER NOT NULL,"
                                " n INTEGER NOT NULL, UNIQUE(who, n))")==OK ? 0 : -1;
}

/* Insert (who, n) and an audit row in the caller's transaction. */
static int put(Db *db, int who, int n){
  Stmt *q = db_prepare(db, "INSERT INTO gc_row(who, n) VALUES(?1, ?2)");
  if( q==0 ) return ERR_DB;
  db_bind_int(q, 1, who);
  db_bind_int(q, 2, n);
  int rc = db_run(q);
  char obj[32];
  snprintf(obj, sizeof obj, "row:%d:%d", who, n);
  return rc==OK ? audit_write(db, &admin, "test.put", obj, "") : rc;
}

/* Wait (at most 10 s) until a thread waits to begin a write. */
static void until_a_writer_waits(void){
  for(int i=0; i<10000; i++){
    uint64_t b, p;
    int waiting;
    db_group_stats(&b, &p, &waiting);
    if( waiting>0 ) return;
    usleep(1000);
  }
  fail_msg("no writer came to wait");
}

typedef struct Second { int n; int commit; int rc; } Second;

/* The second writer: one row, then commit or roll back. */
static void *second_writer(void *arg){
  Second *s = arg;
  Db *db = db_thread();
  s->rc = db_begin(db);
  if( s->rc==OK ) s->rc = put(db, 2, s->n);
  if( s->rc==OK && s->commit ) s->rc = db_commit(db);
  else db_rollback(db);
  return 0;
}

/* Begin a part with row (1, n), let a second writer come to wait, then end the part by
** committing: returns once the batch of both has ended, with the second's result in *s. */
static void two_writers(Db *db, int n, Second *s){
  assert_int_equal(db_begin(db), OK);
  assert_int_equal(put(db, 1, n), OK);
  pthread_t th;
  assert_int_equal(pthread_create(&th, 0, second_writer, s), 0);
  until_a_writer_waits();
  assert_int_equal(db_commit(db), OK);   /* returns once the second has ended the batch */
  pthread_join(th, 0);
}

/* A writer ending its part while another waits leaves the batch to it: one COMMIT for both. */
static void test_two_parts_one_commit(void **state){
  Db *db = tempdb(state);
  uint64_t b0, p0, b1, p1;
  int w;
  db_group_stats(&b0, &p0, &w);
  Second s = { 1, 1, -1 };
  two_writers(db, 1, &s);
  assert_int_equal(s.rc, OK);
  db_group_stats(&b1, &p1, &w);
  assert_int_equal(b1 - b0, 1);
  assert_int_equal(p1 - p0, 2);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM gc_row"), 2);
  int64_t rows = 0;
  char err[256];
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);
}

/* A part rolled back is undone alone; the batch it was in still commits the other part. */
static void test_failed_part_alone(void **state){
  Db *db = tempdb(state);
  Second s = { 8, 0, -1 };
  two_writers(db, 7, &s);
  assert_int_equal(s.rc, OK);   /* its put worked; it chose to roll back */
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM gc_row WHERE who=1 AND n=7"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM gc_row WHERE who=2"), 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE object LIKE 'row:2:%'"), 0);
  /* a part that fails inside (a duplicate row) is refused and changes nothing */
  assert_int_equal(db_begin(db), OK);
  assert_int_equal(put(db, 1, 9), OK);
  assert_int_equal(put(db, 1, 7), ERR_CONFLICT);
  db_rollback(db);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM gc_row"), 1);
}

#define WRITERS 8
#define EACH 150

/* One of eight writers: EACH transactions, every fifth rolled back after its insert. */
static void *busy_writer(void *arg){
  int who = (int)(intptr_t)arg;
  Db *db = db_thread();
  intptr_t bad = 0;
  for(int n=0; n<EACH; n++){
    if( db_begin(db)!=OK ){ bad++; continue; }
    int rc = put(db, who, n);
    if( rc==OK && n%5!=4 ){ if( db_commit(db)!=OK ) bad++; }
    else{ db_rollback(db); if( rc!=OK ) bad++; }
  }
  return (void*)bad;
}

/* Eight writers at once: every committed transaction is there once, no rolled-back one is,
** the audit chain verifies, and every part was counted in some batch. */
static void test_eight_writers(void **state){
  Db *db = tempdb(state);
  uint64_t b0, p0, b1, p1;
  int w;
  db_group_stats(&b0, &p0, &w);
  pthread_t th[WRITERS];
  for(int i=0; i<WRITERS; i++) assert_int_equal(pthread_create(&th[i], 0, busy_writer, (void*)(intptr_t)(i+10)), 0);
  for(int i=0; i<WRITERS; i++){
    void *bad;
    pthread_join(th[i], &bad);
    assert_int_equal((intptr_t)bad, 0);
  }
  int kept = WRITERS * (EACH - EACH/5);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM gc_row"), kept);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM gc_row WHERE n%5=4"), 0);
  assert_int_equal(unit_query_int(db, "SELECT count(DISTINCT who) FROM gc_row"), WRITERS);
  int64_t rows = 0;
  char err[256];
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);
  assert_int_equal(rows, kept);
  db_group_stats(&b1, &p1, &w);
  assert_int_equal(p1 - p0, (uint64_t)(WRITERS*EACH));   /* rolled-back parts end in a batch too */
  assert_true(b1 - b0 <= p1 - p0);
  fprintf(stderr, "eight writers: %llu parts in %llu commits\n",
          (unsigned long long)(p1 - p0), (unsigned long long)(b1 - b0));
}

/* A writing statement prepared before its transaction began is refused, not left to wait. */
static void test_statement_from_before_the_transaction(void **state){
  Db *db = tempdb(state);
  Stmt *q = db_prepare(db, "INSERT INTO gc_row(who, n) VALUES(3, 1)");
  assert_non_null(q);
  assert_int_equal(db_begin(db), OK);
  assert_int_equal(db_run(q), ERR_DB);
  db_rollback(db);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM gc_row"), 0);
  /* prepared inside, it writes */
  assert_int_equal(db_begin(db), OK);
  assert_int_equal(put(db, 3, 1), OK);
  assert_int_equal(db_commit(db), OK);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM gc_row"), 1);
}

/* A write outside any transaction, from another thread. */
static void *autocommit_writer(void *arg){
  int *rc = arg;
  *rc = db_exec(db_thread(), "INSERT INTO gc_row(who, n) VALUES(4, 1)");
  return 0;
}

/* A write outside a transaction waits for the part under way, not for SQLite's busy timeout,
** and both are kept. */
static void test_autocommit_write_meanwhile(void **state){
  Db *db = tempdb(state);
  assert_int_equal(db_begin(db), OK);
  assert_int_equal(put(db, 1, 1), OK);
  int rc = -1;
  pthread_t th;
  int64_t t0 = time_now_us();
  assert_int_equal(pthread_create(&th, 0, autocommit_writer, &rc), 0);
  usleep(20000);   /* it waits for this part (or comes after it: both fine) */
  assert_int_equal(db_commit(db), OK);
  pthread_join(th, 0);
  assert_int_equal(rc, OK);
  assert_true(time_now_us() - t0 < 5000000);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM gc_row"), 2);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_two_parts_one_commit, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_failed_part_alone, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_eight_writers, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_statement_from_before_the_transaction, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_autocommit_write_meanwhile, setup, tempdb_teardown),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
