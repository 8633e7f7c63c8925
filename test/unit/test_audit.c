/*
** test_audit.c — the hash-chained audit log: it verifies when untouched, and
** an edited, deleted or forged row breaks the chain at that row.
*/
#include "unit.h"

static const Actor admin = { 1, "admin", 1, "10.0.0.5" };

/* Write n rows in one transaction, as a service does with its change. */
static void write_rows(Db *db, int n){
  assert_int_equal(db_begin(db), OK);
  for(int i=0; i<n; i++){
    char obj[32], detail[64];
    snprintf(obj, sizeof obj, "user:%d:budi%d", i+2, i);
    snprintf(detail, sizeof detail, "office=LPSE-BGR roles=staf n=%d", i);
    assert_int_equal(audit_write(db, &admin, "user.create", obj, detail), OK);
  }
  assert_int_equal(db_commit(db), OK);
}

/* Verify, expecting a break: the error text is returned in err. */
static void verify_broken(Db *db, char *err, size_t errlen){
  int64_t rows = -1;
  err[0] = 0;
  assert_int_equal(audit_verify(db, &rows, err, errlen), ERR_INVALID);
  assert_true(err[0]!=0);
}

static int setup(void **state){
  log_set_quiet(1);
  return tempdb_setup(state);
}

/* An empty log verifies, with no rows. */
static void test_empty_log_verifies(void **state){
  char err[256] = "";
  int64_t rows = -1;
  assert_int_equal(audit_verify(tempdb(state), &rows, err, sizeof err), OK);
  assert_int_equal(rows, 0);
}

/* Rows written in a transaction verify, and the count is right. */
static void test_untouched_log_verifies_with_its_row_count(void **state){
  Db *db = tempdb(state);
  char err[256] = "";
  int64_t rows = -1;
  write_rows(db, 5);
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);
  assert_int_equal(rows, 5);
  write_rows(db, 2);
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);
  assert_int_equal(rows, 7);
}

/* Each row chains to the one before: its prev_hash is the previous row's hash. */
static void test_rows_chain_to_their_predecessor(void **state){
  Db *db = tempdb(state);
  write_rows(db, 3);
  Stmt *q = db_prepare(db, "SELECT a.prev_hash = b.hash FROM audit a JOIN audit b ON b.id = a.id-1 ORDER BY a.id");
  assert_non_null(q);
  int n = 0;
  while( db_step(q)==DB_ROW ){ assert_int_equal(db_col_int(q, 0), 1); n++; }
  db_reset(q);
  assert_int_equal(n, 2);
  assert_int_equal(unit_query_int(db, "SELECT prev_hash = printf('%.64d', 0) FROM audit WHERE id=1"), 1);
}

/* A row without an actor is the system's, and records who and from where otherwise. */
static void test_row_records_the_actor(void **state){
  Db *db = tempdb(state);
  assert_int_equal(audit_write(db, NULL, "system.start", "loket", NULL), OK);
  assert_int_equal(audit_write(db, &admin, "user.unlock", "user:2:budi", ""), OK);
  Stmt *q = db_prepare(db, "SELECT actor, actor_id, office_id, ip, detail FROM audit ORDER BY id");
  assert_non_null(q);
  assert_int_equal(db_step(q), DB_ROW);
  assert_string_equal(db_col_text(q, 0), "system");
  assert_int_equal(db_col_int64(q, 1), 0);
  assert_string_equal(db_col_text(q, 4), "");
  assert_int_equal(db_step(q), DB_ROW);
  assert_string_equal(db_col_text(q, 0), "admin");
  assert_int_equal(db_col_int64(q, 1), 1);
  assert_int_equal(db_col_int64(q, 2), 1);
  assert_string_equal(db_col_text(q, 3), "10.0.0.5");
  db_reset(q);
  char err[256];
  int64_t rows;
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);
  assert_int_equal(rows, 2);
}

/* A detail cut inside a character (snprintf's %.Ns) is stored without the broken end, and the
** chain verifies (PostgreSQL refuses text that is not UTF-8). */
static void test_detail_cut_inside_a_character(void **state){
  Db *db = tempdb(state);
  char detail[16];
  snprintf(detail, sizeof detail, "%.6s", "step 1\xE2\x86\x92" "2");   /* whole */
  assert_int_equal(audit_write(db, &admin, "case.step", "x", detail), OK);
  snprintf(detail, sizeof detail, "%.8s", "step 1 \xE2\x86\x92" "2");  /* ends with e2 */
  assert_int_equal(audit_write(db, &admin, "case.step", "x", detail), OK);
  Stmt *q = db_prepare(db, "SELECT detail FROM audit ORDER BY id DESC LIMIT 1");
  assert_int_equal(db_step(q), DB_ROW);
  assert_string_equal(db_col_text(q, 0), "step 1 ");
  db_reset(q);
  char err[256];
  int64_t rows;
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);
}

/* The log is append-only: the database refuses an update or a delete. */
static void test_update_and_delete_are_refused_by_the_database(void **state){
  Db *db = tempdb(state);
  write_rows(db, 3);
  assert_int_not_equal(db_exec(db, "UPDATE audit SET detail='nothing happened' WHERE id=2"), OK);
  assert_int_not_equal(db_exec(db, "DELETE FROM audit WHERE id=3"), OK);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit"), 3);
  char err[256];
  int64_t rows;
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);
  assert_int_equal(rows, 3);
}

/* Remove the triggers, as someone with direct access to the file could. */
static void drop_guards(Db *db){
  assert_int_equal(db_exec(db, "DROP TRIGGER audit_no_update"), OK);
  assert_int_equal(db_exec(db, "DROP TRIGGER audit_no_delete"), OK);
}

/* An edited detail is found, and the message names the row. */
static void test_edited_row_is_found(void **state){
  Db *db = tempdb(state);
  char err[256];
  write_rows(db, 5);
  drop_guards(db);
  assert_int_equal(db_exec(db, "UPDATE audit SET detail='office=LPSE-BGR roles=admin n=2' WHERE id=3"), OK);
  verify_broken(db, err, sizeof err);
  assert_contains(err, "row 3 ");
}

/* Changing who did it is found too: the actor is covered by the hash. */
static void test_edited_actor_is_found(void **state){
  Db *db = tempdb(state);
  char err[256];
  write_rows(db, 4);
  drop_guards(db);
  assert_int_equal(db_exec(db, "UPDATE audit SET actor='siti' WHERE id=2"), OK);
  verify_broken(db, err, sizeof err);
  assert_contains(err, "row 2 ");
}

/* A row deleted from the middle is found as missing. */
static void test_deleted_middle_row_is_found(void **state){
  Db *db = tempdb(state);
  char err[256];
  write_rows(db, 5);
  drop_guards(db);
  assert_int_equal(db_exec(db, "DELETE FROM audit WHERE id=3"), OK);
  verify_broken(db, err, sizeof err);
  assert_contains(err, "row 3 is missing");
}

/* A forged last row that does not chain to the real one before it is found. */
static void test_forged_last_row_is_found(void **state){
  Db *db = tempdb(state);
  char err[256];
  write_rows(db, 5);
  drop_guards(db);
  assert_int_equal(db_exec(db, "DELETE FROM audit WHERE id=5"), OK);
  assert_int_equal(db_exec(db,
    "INSERT INTO audit(id, office_id, at, actor_id, actor, action, object, detail, ip, prev_hash, hash)"
    " VALUES(5, 1, 0, 1, 'admin', 'user.create', 'user:9:x', '', '10.0.0.5',"
    " 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',"
    " 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee')"), OK);
  verify_broken(db, err, sizeof err);
  assert_contains(err, "row 5 ");
}

/* A forged row that copies the right prev_hash but not a true hash of its content is found. */
static void test_forged_row_with_right_link_is_found(void **state){
  Db *db = tempdb(state);
  char err[256];
  write_rows(db, 3);
  assert_int_equal(db_exec(db,
    "INSERT INTO audit(id, office_id, at, actor_id, actor, action, object, detail, ip, prev_hash, hash)"
    " SELECT 4, 1, 0, 1, 'admin', 'user.create', 'user:9:x', '', '10.0.0.5', hash,"
    " 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' FROM audit WHERE id=3"), OK);
  verify_broken(db, err, sizeof err);
  assert_contains(err, "row 4 ");
}

/* The head is the newest row; a kept head found again says how far the chain went on, and one
** cut from the end (a whole, shorter chain) is told apart from a broken one. */
static void test_kept_head_finds_rows_cut_from_the_end(void **state){
  Db *db = tempdb(state);
  char err[300] = "";
  int64_t rows = -1;
  AuditHead h, h2;
  assert_int_equal(audit_verify_head(db, 0, 0, &rows, &h, err, sizeof err), OK);
  assert_int_equal(h.id, 0);
  write_rows(db, 4);
  assert_int_equal(audit_verify_head(db, 0, 0, &rows, &h, err, sizeof err), OK);
  assert_int_equal(h.id, 4);
  assert_int_equal(strlen(h.hash), 64);
  char kept[65];
  memcpy(kept, h.hash, sizeof kept);
  write_rows(db, 2);
  assert_int_equal(audit_verify_head(db, kept, 0, &rows, &h2, err, sizeof err), OK);
  assert_int_equal(h2.id, 6);
  assert_int_equal(h2.kept_id, 4);
  kept[20] = 0;   /* the first 16 or more characters will do */
  assert_int_equal(audit_verify_head(db, kept, 0, &rows, &h2, err, sizeof err), OK);
  assert_int_equal(h2.kept_id, 4);
  memcpy(kept, h.hash, sizeof kept);
  assert_int_equal(db_exec(db, "DROP TRIGGER audit_no_delete"), OK);
  assert_int_equal(db_exec(db, "DELETE FROM audit WHERE id>=4"), OK);
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);   /* whole, but shorter */
  assert_int_equal(audit_verify_head(db, kept, 0, &rows, &h2, err, sizeof err), ERR_NOTFOUND);
  assert_int_equal(h2.id, 3);
  assert_non_null(strstr(err, "ends at row 3"));
  assert_non_null(strstr(err, "cut from its end"));
  assert_int_equal(audit_verify_head(db, "xyz", 0, &rows, &h2, err, sizeof err), ERR_TYPE);
  assert_int_equal(audit_verify_head(db, "0123456789abcde", 0, &rows, &h2, err, sizeof err), ERR_TYPE);
}

/* The log's list reads from its page's place by the rowid, newest first: no row sorted, no newer
** row read again for a later page (docs/benchmarks.md "Lists after ten years"). */
static void test_list_plan(void **state){
  Buf p;
  unit_plan(tempdb(state), AUDIT_SQL_LIST, &p);
  if( strstr(buf_str(&p), "rowid<?")==0 || strstr(buf_str(&p), "TEMP B-TREE") ) fail_msg("plan:\n%s", buf_str(&p));
  buf_free(&p);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_empty_log_verifies, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_list_plan, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_kept_head_finds_rows_cut_from_the_end, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_detail_cut_inside_a_character, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_untouched_log_verifies_with_its_row_count, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_rows_chain_to_their_predecessor, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_row_records_the_actor, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_update_and_delete_are_refused_by_the_database, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_edited_row_is_found, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_edited_actor_is_found, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_deleted_middle_row_is_found, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_forged_last_row_is_found, setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_forged_row_with_right_link_is_found, setup, tempdb_teardown),
  };
  return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
