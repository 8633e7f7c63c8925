/*
** test_priority.c — the priority table as data (defaults stored for an office and
** by the migration, an edited rule changing a new case's priority and targets,
** the checks) and the number formats (patterns good and bad, the counter going on
** when a pattern changes), and archiving a case.
*/
#include "unit.h"
#include "../../src/sop/case.h"
#include "../../src/sop/priority.h"
#include "../../src/sop/number.h"
#include "../../src/db/migrations.h"

#define PHONE "SOP-LPSE.BTG-017"

static int64_t office_id;
static const Actor admin = { 0, "admin", 0, "" };

/* A temporary database with an office (calendar and priority defaults) and the procedures. */
static int setup(void **state){
  if( unit_office_setup(state, &admin, &office_id) ) return -1;
  return 0;
}

/* Close the database; the clock runs again. */
static int teardown(void **state){
  return unit_office_teardown(state);
}

/* Open a phone case with an urgency and an impact; the result must be OK. */
static Case *open_case(Db *db, const char *urgency, const char *impact){
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = PHONE;
  in.channel = "phone";
  in.subject = "Tidak bisa unggah dokumen";
  in.urgency = urgency;
  in.impact = impact;
  in.requester.name = "Siti Aminah";
  Case *c = 0;
  Err e = {0};
  int rc = case_open(db, &admin, &in, &c, &e);
  if( rc!=OK ) fail_msg("case_open: %d %s %s", rc, e.field ? e.field : "", e.msg ? e.msg : "");
  return c;
}

/* Two tables are the same. */
static void assert_tables_equal(const PrioTable *a, const PrioTable *b){
  for(int i=0; i<6; i++){
    assert_string_equal(a->rules[i].urgency, b->rules[i].urgency);
    assert_string_equal(a->rules[i].impact, b->rules[i].impact);
    assert_string_equal(a->rules[i].priority, b->rules[i].priority);
  }
  for(int i=0; i<3; i++){
    assert_string_equal(a->targets[i].priority, b->targets[i].priority);
    assert_int_equal(a->targets[i].response_s, b->targets[i].response_s);
    assert_int_equal(a->targets[i].resolution_days, b->targets[i].resolution_days);
  }
}

/* The defaults: the constants of case.c, stored for the office, and the same rows from the migration step. */
static void test_defaults(void **state){
  Db *db = tempdb(state);
  PrioTable d, t;
  priority_table_default(&d);
  assert_string_equal(priority_lookup(&d, "mendesak", "sedang"), "tinggi");
  assert_string_equal(priority_lookup(&d, "tidak_mendesak", "besar"), "menengah");
  assert_string_equal(priority_lookup(&d, "tidak_mendesak", "kecil"), "rendah");
  assert_int_equal(priority_target(&d, "tinggi")->response_s, 3600);
  assert_int_equal(priority_target(&d, "menengah")->resolution_days, 3);
  assert_int_equal(priority_target(&d, "rendah")->response_s, PRIORITY_WORKDAY_S);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM priority_rule"), 6);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM priority_target"), 3);
  assert_int_equal(priority_load(db, office_id, &t), OK);
  assert_tables_equal(&d, &t);
  assert_int_equal(priority_defaults(db, &admin, office_id), OK);       /* again: nothing doubled */
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM priority_rule"), 6);
  /* the migration step fills an office that existed before it, with the same values */
  const Migration *m = 0;
  for(size_t i=0; i<COUNT(migrations); i++) if( strcmp(migrations[i].name, "0009-priority-numbering")==0 ) m = &migrations[i];
  assert_non_null(m);
  assert_int_equal(db_exec(db, "DROP TABLE priority_rule; DROP TABLE priority_target; DROP TABLE number_format;"), OK);
  assert_int_equal(db_exec(db, m->sql), OK);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM priority_rule"), 6);
  assert_int_equal(priority_load(db, office_id, &t), OK);
  assert_tables_equal(&d, &t);
}

/* An edited rule and target change a new case's priority and targets; a case opened before keeps its own. */
static void test_edited_rule(void **state){
  Db *db = tempdb(state);
  Case *before = open_case(db, "tidak_mendesak", "kecil");
  assert_string_equal(before->priority, "rendah");
  assert_int_equal(before->response_due_at, unit_at("2026-01-06T08:00:00+07:00"));   /* 7.5 office hours */
  PrioTable t;
  assert_int_equal(priority_load(db, office_id, &t), OK);
  snprintf(priority_rule(&t, "tidak_mendesak", "kecil")->priority, 12, "%s", "tinggi");
  priority_target(&t, "tinggi")->response_s = 1800;                         /* 30 office minutes */
  priority_target(&t, "tinggi")->resolution_days = 2;
  Err e = {0};
  int changed = -1;
  assert_int_equal(priority_set(db, &admin, office_id, 0, &t, &changed, &e), OK);
  assert_int_equal(changed, 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='priority.set'"), 1);
  /* the same table again: nothing written, nothing audited */
  assert_int_equal(priority_set(db, &admin, office_id, 0, &t, &changed, &e), OK);
  assert_int_equal(changed, 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='priority.set'"), 1);
  Case *c = open_case(db, "tidak_mendesak", "kecil");
  assert_string_equal(c->priority, "tinggi");
  assert_int_equal(c->response_due_at, unit_at("2026-01-05T08:30:00+07:00"));
  assert_int_equal(c->resolution_due_at, unit_at("2026-01-07T08:00:00+07:00"));  /* 2 working days */
  Case *again = 0;
  assert_int_equal(case_get(db, office_id, before->number, &again), OK);
  assert_string_equal(again->priority, "rendah");
  assert_int_equal(again->response_due_at, before->response_due_at);
  case_free(again);
  case_free(before);
  case_free(c);
}

/* The checks: every bad value refused, nothing written. */
static void test_validation(void **state){
  Db *db = tempdb(state);
  PrioTable t;
  Err e = {0};
  priority_table_default(&t);
  snprintf(t.rules[0].priority, 12, "%s", "kritis");
  assert_int_equal(priority_set(db, &admin, office_id, 0, &t, 0, &e), ERR_INVALID);
  assert_string_equal(e.field, "rules.priority");
  priority_table_default(&t);
  t.targets[0].response_s = 10;
  assert_int_equal(priority_set(db, &admin, office_id, 0, &t, 0, &e), ERR_INVALID);
  assert_string_equal(e.field, "targets.response_office_seconds");
  priority_table_default(&t);
  t.targets[1].resolution_days = 0;
  assert_int_equal(priority_set(db, &admin, office_id, 0, &t, 0, &e), ERR_INVALID);
  assert_string_equal(e.field, "targets.resolution_workdays");
  priority_table_default(&t);
  t.targets[2].response_s = 6*(int64_t)PRIORITY_WORKDAY_S;               /* later than 5 working days */
  assert_int_equal(priority_set(db, &admin, office_id, 0, &t, 0, &e), ERR_INVALID);
  assert_string_equal(e.field, "targets.response_office_seconds");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='priority.set'"), 0);
  PrioTable d, now;
  priority_table_default(&d);
  assert_int_equal(priority_load(db, office_id, &now), OK);
  assert_tables_equal(&d, &now);
}

/* Patterns: the defaults, widths, and every kind of bad pattern. */
static void test_patterns(void **state){
  char out[NUMBER_TEXT_MAX];
  Err e = {0};
  assert_int_equal(number_format(number_default("case"), "LPSE", 2026, 11, 123, out, sizeof out), OK);
  assert_string_equal(out, "LPSE-2026-000123");
  assert_int_equal(number_format(number_default("agenda"), "LPSE", 2026, 11, 7, out, sizeof out), OK);
  assert_string_equal(out, "AG-2026-0007");
  assert_int_equal(number_format("T.{year}.{seq}", "X", 2027, 1, 1234567, out, sizeof out), OK);
  assert_string_equal(out, "T.2027.1234567");
  assert_int_equal(number_format("{seq:2}_{office}_{year}", "LPSE-BTG", 2026, 5, 12345, out, sizeof out), OK);
  assert_string_equal(out, "12345_LPSE-BTG_2026");                       /* wider than N: all digits */
  /* a letter number as Indonesian offices write it: the month in Roman numerals, or in digits */
  assert_int_equal(number_format("{seq:3}/{office}/{month:roman}/{year}", "LPSE", 2026, 11, 45, out, sizeof out), OK);
  assert_string_equal(out, "045/LPSE/XI/2026");
  assert_int_equal(number_format("{seq:3}/{office}/{month:roman}/{year}", "LPSE", 2027, 8, 1, out, sizeof out), OK);
  assert_string_equal(out, "001/LPSE/VIII/2027");
  assert_int_equal(number_format("KF.{year}.{month}.{seq:4}", "LPSE", 2026, 3, 9, out, sizeof out), OK);
  assert_string_equal(out, "KF.2026.03.0009");
  assert_int_equal(number_pattern_check("{seq}/LPSE/{month:roman}/{year}", "agenda", &e), OK);
  assert_null(number_default("guest_book"));
  static const char *const bad[] = {
    "", "{office}-{year}", "{year}-{seq}-{seq}", "{office}-{seq:6}", "{office}-{year}-{nomor}",
    "{office}-{year}-{seq:0}", "{office}-{year}-{seq:10}", "{year}\\{seq}", "{year} {seq}", "{year}-{seq",
    "{month}-{year}-{month:roman}-{seq}", "{year}-{month:ROMAN}-{seq}", "{year}-{bulan}-{seq}",
    "<b>{year}{seq}", "{office}{office}{year}{seq}", "ABCDEFGHIJKLMNOPQRSTUVWXYZ-{year}-{seq:6}-XYZ",
  };
  for(size_t i=0; i<COUNT(bad); i++){
    if( number_pattern_check(bad[i], "case", &e)!=ERR_INVALID ) fail_msg("accepted \"%s\"", bad[i]);
    assert_string_equal(e.field, "case");
    if( number_format(bad[i], "LPSE", 2026, 1, 1, out, sizeof out)!=ERR_INVALID ) fail_msg("formatted \"%s\"", bad[i]);
  }
  assert_int_equal(number_format("{office}-{year}-{seq:6}", "LPSE", 2026, 1, 1, out, 8), ERR_INVALID);  /* does not fit */
  /* what is wrong is said, and the text at fault: an unknown field, a { not closed, a character */
  static const struct { const char *pat, *msg, *arg; } why[] = {
    { "{office}-{year}-{bulan}-{seq}", "has %s, which is no field: the fields are {office}, {year}, {month}, {month:roman}, {seq} and {seq:N} (N from 1 to 9)", "{bulan}" },
    { "{year}-{seq:10}", "has %s, which is no field: the fields are {office}, {year}, {month}, {month:roman}, {seq} and {seq:N} (N from 1 to 9)", "{seq:10}" },
    { "{year}-{seq", "has a { not closed by }: a field is written {year}, {seq:4}", "" },
    { "{year-{seq}", "has a { not closed by }: a field is written {year}, {seq:4}", "" },
    { "{year} {seq}", "may hold, besides its fields, only letters, digits, - _ . and /, not \"%s\"", " " },
    { "{year}\xC2\xB7{seq}", "may hold, besides its fields, only letters, digits, - _ . and /, not \"%s\"", "\xC2\xB7" },
  };
  for(size_t i=0; i<COUNT(why); i++){
    assert_int_equal(number_pattern_check(why[i].pat, "case", &e), ERR_INVALID);
    assert_string_equal(e.msg, why[i].msg);
    assert_string_equal(e.arg, why[i].arg);
  }
}

/* A changed case pattern: numbers go on from the counter (not reset, never reused); audited; all or nothing. */
static void test_counter_not_reset(void **state){
  Db *db = tempdb(state);
  Case *a = open_case(db, 0, 0), *b = open_case(db, 0, 0);
  assert_string_equal(a->number, "LPSE-2026-000001");
  assert_string_equal(b->number, "LPSE-2026-000002");
  const char *pats[8] = { "TKT-{office}-{year}-{seq:4}", "SM-{year}-{seq:3}", 0, 0 };
  Err e = {0};
  assert_int_equal(number_patterns_set(db, &admin, office_id, pats, &e), OK);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='number.format'"), 2);
  Case *c = open_case(db, 0, 0);
  assert_string_equal(c->number, "TKT-LPSE-2026-0003");
  char out[NUMBER_TEXT_MAX], pat[64];
  assert_int_equal(number_format_office(db, office_id, "agenda", 2026, 11, 5, out, sizeof out), OK);
  assert_string_equal(out, "SM-2026-005");
  assert_int_equal(number_pattern_get(db, office_id, "consultation", pat, sizeof pat), OK);
  assert_string_equal(pat, "KF-{year}-{seq:4}");                           /* untouched: its default */
  /* back to the default: the counter still goes on */
  const char *back[8] = { "{office}-{year}-{seq:6}", 0, 0, 0 };
  assert_int_equal(number_patterns_set(db, &admin, office_id, back, &e), OK);
  Case *d = open_case(db, 0, 0);
  assert_string_equal(d->number, "LPSE-2026-000004");
  /* one bad pattern: nothing changes */
  const char *mixed[8] = { "X-{year}-{seq}", "{year}", 0, 0 };
  assert_int_equal(number_patterns_set(db, &admin, office_id, mixed, &e), ERR_INVALID);
  assert_string_equal(e.field, "agenda");
  assert_int_equal(number_pattern_get(db, office_id, "case", pat, sizeof pat), OK);
  assert_string_equal(pat, "{office}-{year}-{seq:6}");
  assert_int_equal(unit_query_int(db, "SELECT last FROM counter WHERE register='ticket'"), 4);
  /* a long office code: a pattern whose numbers would not fit 47 bytes is refused */
  int64_t big;
  assert_int_equal(office_create(db, &admin, "LPSE-KABUPATEN-PENAJAM-PASER-UT", "LPSE PPU", "WITA", &big, &e), OK);
  const char *wide[8] = { 0, "AGENDA-{office}-{year}-{seq:9}", 0, 0 };
  assert_int_equal(number_patterns_set(db, &admin, big, wide, &e), ERR_INVALID);
  assert_string_equal(e.field, "agenda");
  assert_int_equal(number_patterns_set(db, &admin, office_id, wide, &e), OK);   /* "LPSE": it fits */
  /* '/' in an agenda number as letters are numbered; not in a case number, part of its address */
  const char *slash[8] = { "{seq:6}/{office}/{year}", "{seq:3}/LPSE/{month:roman}/{year}", 0, 0 };
  e = (Err){0};
  assert_int_equal(number_patterns_set(db, &admin, office_id, slash, &e), ERR_INVALID);
  assert_string_equal(e.field, "case");
  assert_non_null(strstr(e.msg, "/kasus/"));
  slash[0] = 0;
  assert_int_equal(number_patterns_set(db, &admin, office_id, slash, &e), OK);
  assert_int_equal(number_format_office(db, office_id, "agenda", 2026, 11, 45, out, sizeof out), OK);
  assert_string_equal(out, "045/LPSE/XI/2026");
  case_free(a); case_free(b); case_free(c); case_free(d);
}

/* Archive: only a closed or cancelled case; audited; an archived case is not reopened. */
static void test_archive(void **state){
  Db *db = tempdb(state);
  Case *c = open_case(db, 0, 0);
  Err e = {0};
  assert_int_equal(case_archive(db, &admin, c, &e), ERR_CONFLICT);
  assert_string_equal(e.field, "status");
  assert_int_equal(case_cancel(db, &admin, c, "Salah sambung", &e), OK);
  assert_int_equal(case_archive(db, &admin, c, &e), OK);
  assert_string_equal(c->status, "archived");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='case.archive'"), 1);
  assert_int_equal(case_reopen(db, &admin, c, &e), ERR_CONFLICT);
  assert_int_equal(case_archive(db, &admin, c, &e), ERR_CONFLICT);
  assert_int_equal(case_cancel(db, &admin, c, "lagi", &e), ERR_CONFLICT);
  case_free(c);
}


int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
    cmocka_unit_test_setup_teardown(test_edited_rule, setup, teardown),
    cmocka_unit_test_setup_teardown(test_validation, setup, teardown),
    cmocka_unit_test_setup_teardown(test_patterns, setup, teardown),
    cmocka_unit_test_setup_teardown(test_counter_not_reset, setup, teardown),
    cmocka_unit_test_setup_teardown(test_archive, setup, teardown),
  };
  return cmocka_run_group_tests(tests, unit_group_setup, 0);
}
