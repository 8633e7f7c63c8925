/*
** test_skm.c — the public-satisfaction survey (SKM, Permenpan RB 14/2017): the index
** against figures worked by hand, the grade's boundaries as shown to 2 decimals, the
** check naming every wrong field, answering once per closed case, a walk-in's answer
** behind the honeypot, and the report of a period with its profile; a paper one's day,
** and the walk-in survey's own allowance per address.
*/
#include "unit.h"
#include <math.h>
#include "../../src/sop/case.h"
#include "../../src/desk/skm.h"
#include "../../src/desk/portal.h"

#define PHONE "SOP-LPSE.BTG-017"

static int64_t office_id;
static const Actor admin = { 0, "admin", 0, "" };

static int setup(void **state){
  return unit_office_setup(state, &admin, &office_id);
}

static int teardown(void **state){
  return unit_office_teardown(state);
}

/* The four respondents of the hand-worked example (U1..U9 each). */
static const int answers[4][SKM_ELEMENTS] = {
  { 4, 4, 3, 4, 3, 3, 4, 3, 3 },
  { 3, 3, 3, 2, 3, 3, 3, 3, 3 },
  { 4, 3, 4, 4, 4, 4, 4, 3, 4 },
  { 3, 3, 2, 4, 3, 3, 3, 2, 3 },
};

/* NRR = sum / answers per element; weighted = NRR / 9; IKM = sum of weighted × 25. Worked by hand:
** sums 14 13 12 14 13 13 14 11 13 (117 in all) over 4 answers each: NRR 3.50 3.25 3.00 3.50 3.25
** 3.25 3.50 2.75 3.25; weighted 0.39 0.36 0.33 0.39 0.36 0.36 0.39 0.31 0.36; their sum 117/36 =
** 3.25; IKM 81.25, grade B (76.61–88.30). */
static void test_index_by_hand(void **state){
  (void)state;
  SkmIndex x;
  memset(&x, 0, sizeof x);
  x.respondents = 4;
  for(int r=0; r<4; r++) for(int i=0; i<SKM_ELEMENTS; i++){ x.sum[i] += answers[r][i]; x.n[i]++; }
  skm_index_compute(&x);
  static const double nrr[SKM_ELEMENTS] = { 3.5, 3.25, 3.0, 3.5, 3.25, 3.25, 3.5, 2.75, 3.25 };
  static const double weighted[SKM_ELEMENTS] = { 0.39, 0.36, 0.33, 0.39, 0.36, 0.36, 0.39, 0.31, 0.36 };
  for(int i=0; i<SKM_ELEMENTS; i++){
    assert_true(fabs(x.nrr[i] - nrr[i]) < 1e-9);
    assert_true(fabs(skm_round2(x.weighted[i]) - weighted[i]) < 1e-9);
  }
  assert_true(fabs(x.ikm4 - 3.25) < 1e-9);
  assert_true(fabs(x.ikm - 81.25) < 1e-9);
  assert_int_equal(x.grade, 'B');
  /* five respondents whose answers sum to 117: 117/45 = 2.6 × 25 = 65.00, the lowest C */
  memset(&x, 0, sizeof x);
  x.respondents = 5;
  for(int i=0; i<SKM_ELEMENTS; i++){ x.n[i] = 5; x.sum[i] = 13; }
  skm_index_compute(&x);
  assert_true(fabs(x.ikm - 65.0) < 1e-9);
  assert_int_equal(x.grade, 'C');
  /* everyone answering 4: 100 (A); everyone 1: 25 (D); nobody: no IKM, no grade */
  memset(&x, 0, sizeof x);
  x.respondents = 2;
  for(int i=0; i<SKM_ELEMENTS; i++){ x.n[i] = 2; x.sum[i] = 8; }
  skm_index_compute(&x);
  assert_true(fabs(x.ikm - 100.0) < 1e-9);
  assert_int_equal(x.grade, 'A');
  for(int i=0; i<SKM_ELEMENTS; i++) x.sum[i] = 2;
  skm_index_compute(&x);
  assert_true(fabs(x.ikm - 25.0) < 1e-9);
  assert_int_equal(x.grade, 'D');
  memset(&x, 0, sizeof x);
  skm_index_compute(&x);
  assert_int_equal(x.grade, 0);
  assert_true(x.ikm == 0);
}

/* The grades' boundaries, judged on the IKM to 2 decimals as it is shown. */
static void test_grade_boundaries(void **state){
  (void)state;
  assert_int_equal(skm_grade(100.00), 'A');
  assert_int_equal(skm_grade(88.31), 'A');
  assert_int_equal(skm_grade(88.30), 'B');
  assert_int_equal(skm_grade(88.3049), 'B');   /* shown 88,30 */
  assert_int_equal(skm_grade(88.3051), 'A');   /* shown 88,31 */
  assert_int_equal(skm_grade(76.61), 'B');
  assert_int_equal(skm_grade(76.60), 'C');
  assert_int_equal(skm_grade(65.00), 'C');
  assert_int_equal(skm_grade(64.99), 'D');
  assert_int_equal(skm_grade(25.00), 'D');
  assert_string_equal(skm_grade_words('A'), "Very good");
  assert_string_equal(skm_grade_words('D'), "Poor");
  assert_true(fabs(skm_round2(81.2451) - 81.25) < 1e-9);
  assert_true(fabs(skm_round2(81.2449) - 81.24) < 1e-9);
  assert_true(fabs(skm_round2(3.3333) - 3.33) < 1e-9);
  /* the report's age bands */
  assert_int_equal(skm_age_band(15), 0);
  assert_int_equal(skm_age_band(19), 0);
  assert_int_equal(skm_age_band(20), 1);
  assert_int_equal(skm_age_band(39), 2);
  assert_int_equal(skm_age_band(59), 4);
  assert_int_equal(skm_age_band(60), 5);
}

/* A respondent of the example (row r) with a profile. */
static SkmAnswer respondent(int r, const char *gender, int age, const char *edu, const char *job){
  SkmAnswer a;
  memset(&a, 0, sizeof a);
  a.office_id = office_id;
  for(int i=0; i<SKM_ELEMENTS; i++) a.u[i] = answers[r][i];
  a.gender = gender;
  a.age = age;
  a.education = edu;
  a.occupation = job;
  a.suggestion = "";
  a.ip = "192.0.2.7";
  return a;
}

/* The check names every wrong field, and nothing is written. */
static void test_check_names_fields(void **state){
  Db *db = tempdb(state);
  SkmAnswer a = respondent(0, "X", 12, "SMK", "Petani");
  a.u[2] = 0;
  a.u[8] = 5;
  a.sop = "SOP-TIDAK-ADA";
  Err e = {0};
  int wait = 0;
  assert_int_equal(skm_answer_walkin(db, &a, &wait, &e), ERR_INVALID);
  assert_non_null(err_about(&e, "u3"));
  assert_non_null(err_about(&e, "u9"));
  assert_null(err_about(&e, "u1"));
  assert_non_null(err_about(&e, "gender"));
  assert_non_null(err_about(&e, "age"));
  assert_non_null(err_about(&e, "education"));
  assert_non_null(err_about(&e, "occupation"));
  assert_string_equal(err_about(&e, "sop"), "is not known: no procedure has this code");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM skm_response"), 0);
  /* the honeypot filled: refused, nothing written */
  SkmAnswer b = respondent(0, "L", 30, "SMA", "Swasta");
  b.sop = PHONE;
  b.honeypot = "http://spam.example";
  Err e2 = {0};
  assert_int_equal(skm_answer_walkin(db, &b, &wait, &e2), ERR_DENIED);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM skm_response"), 0);
}

/* Complete the open steps of a case until it is closed. */
static void close_case(Db *db, Case *c){
  for(int guard=0; guard<20 && util_str_eq(c->status, "open"); guard++){
    int no = 0;
    for(int i=0; i<c->nsteps; i++) if( c->steps[i].done_at==0 ) no = c->steps[i].no;
    Err e = {0};
    int rc = case_complete_step(db, &admin, c, no, "done", 0, &e);
    if( rc==ERR_INVALID ){ err_set(&e, 0, 0); rc = case_complete_step(db, &admin, c, no, "yes", 0, &e); }   /* a decision */
    if( rc!=OK ) fail_msg("step %d: %d %s", no, rc, e.msg ? e.msg : "");
  }
  assert_string_equal(c->status, "closed");
}

/* Once per closed case: refused while open, taken once closed, refused the second time; with a
** walk-in's, the report of the period gives the hand-worked figures and the profile. */
static void test_once_per_case_and_report(void **state){
  Db *db = tempdb(state);
  Case *c = unit_open_case(db, &admin, office_id, PHONE);
  SkmAnswer a = respondent(0, "L", 34, "D4/S1", "PNS");
  Err e = {0};
  assert_int_equal(skm_answer_case(db, c, &a, &e), ERR_CONFLICT);
  assert_string_equal(e.field, "case");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM skm_response"), 0);
  close_case(db, c);
  Err e1 = {0};
  assert_int_equal(skm_answer_case(db, c, &a, &e1), OK);
  assert_int_equal(skm_case_answered(db, c->id), 1);
  SkmAnswer again = respondent(1, "P", 40, "SMA", "Swasta");
  Err e2 = {0};
  assert_int_equal(skm_answer_case(db, c, &again, &e2), ERR_CONFLICT);
  assert_string_equal(e2.field, "case");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM skm_response"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='portal.skm'"), 1);
  case_free(c);
  /* three walk-ins for the verification desk (OI-01) */
  const char *verify = "SOP 01/LPSE.OI/2012";
  SkmAnswer w[3] = { respondent(1, "P", 19, "SMA", "Swasta"), respondent(2, "L", 61, "S2", "Wirausaha"),
                     respondent(3, "P", 25, "D1-D3", "Lainnya") };
  for(int i=0; i<3; i++){
    w[i].sop = verify;
    Err ew = {0};
    int wait = 0;
    assert_int_equal(skm_answer_walkin(db, &w[i], &wait, &ew), OK);
  }
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='portal.skm_walkin'"), 3);
  SkmReport s;
  Arena ar;
  arena_init(&ar);
  int64_t now = time_now();
  assert_int_equal(skm_report(db, office_id, now - 86400, now + 86400, &s, &ar), OK);
  /* the whole unit: the four respondents of the example, IKM 81.25 (B) */
  assert_int_equal(s.total.respondents, 4);
  assert_int_equal(s.from_cases, 1);
  assert_int_equal(s.walkin, 3);
  assert_int_equal(s.total.sum[7], 11);
  assert_true(fabs(s.total.ikm - 81.25) < 1e-9);
  assert_int_equal(s.total.grade, 'B');
  /* per procedure, by code: OI-01 (rows 2..4: sums 10 9 9 10 10 10 10 8 10 = 86 over 3×9,
  ** 86/27 × 25 = 79.63, B) and BTG-017 (row 1: 4 4 3 4 3 3 4 3 3 = 31, 31/9 × 25 = 86.11, B) */
  assert_int_equal(s.ngroups, 2);
  assert_string_equal(s.groups[0].sop_code, verify);
  assert_int_equal(s.groups[0].ix.respondents, 3);
  assert_true(fabs(skm_round2(s.groups[0].ix.ikm) - 79.63) < 1e-9);
  assert_int_equal(s.groups[0].ix.grade, 'B');
  assert_string_equal(s.groups[1].sop_code, PHONE);
  assert_true(fabs(skm_round2(s.groups[1].ix.ikm) - 86.11) < 1e-9);
  assert_int_equal(s.groups[1].ix.grade, 'B');
  /* the profile: L 2, P 2; ages 19 → 15–19, 25 → 20–29, 34 → 30–39, 61 → ≥ 60 */
  assert_int_equal(s.profile[SKM_GENDER][0], 2);
  assert_int_equal(s.profile[SKM_GENDER][1], 2);
  assert_int_equal(s.profile[SKM_AGE_BAND][0], 1);
  assert_int_equal(s.profile[SKM_AGE_BAND][1], 1);
  assert_int_equal(s.profile[SKM_AGE_BAND][2], 1);
  assert_int_equal(s.profile[SKM_AGE_BAND][5], 1);
  assert_int_equal(s.profile[SKM_EDUCATION][skm_choice_find(SKM_EDUCATION, "SMA")], 1);
  assert_int_equal(s.profile[SKM_OCCUPATION][skm_choice_find(SKM_OCCUPATION, "PNS")], 1);
  /* a period before them: nobody, no IKM */
  assert_int_equal(skm_report(db, office_id, now - 2*86400, now - 86400, &s, &ar), OK);
  assert_int_equal(s.total.respondents, 0);
  assert_int_equal(s.total.grade, 0);
  assert_int_equal(s.ngroups, 0);
  arena_free(&ar);
}

/* A paper questionnaire is counted on the day it was filled in: today and up to SKM_PAPER_DAYS_BACK days back
** (in the office's zone), not tomorrow nor a day earlier than that; its source and who typed it in kept. */
static void test_paper_day(void **state){
  Db *db = tempdb(state);
  time_set_fake(1767578400);   /* 2026-01-05 09:00 WIB */
  SkmAnswer a = respondent(0, "L", 34, "D4/S1", "PNS");
  a.sop = "SOP 01/LPSE.OI/2012";
  static const struct { const char *day; int rc; } days[] = {
    { "2026-01-06", ERR_INVALID }, { "2025-01-03", ERR_INVALID }, { "2025-13-01", ERR_INVALID }, { "", ERR_INVALID },
    { "2026-01-05", OK }, { "2025-01-04", OK },
  };
  for(size_t i=0; i<COUNT(days); i++){
    Err e = {0};
    int64_t id;
    assert_int_equal(skm_answer_paper(db, &admin, &a, days[i].day, "WIB", &id, &e), days[i].rc);
    if( days[i].rc!=OK ) assert_string_equal(e.field, "day");
  }
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM skm_response WHERE source='paper' AND entered_by='admin'"), 2);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='skm.paper'"), 2);
  SkmReport s;
  Arena ar;
  arena_init(&ar);
  int64_t day0;
  assert_int_equal(time_parse_day("2025-01-04", "WIB", &day0), OK);
  assert_int_equal(skm_report(db, office_id, day0, day0 + 86400, &s, &ar), OK);
  assert_int_equal(s.total.respondents, 1);
  assert_int_equal(s.paper, 1);
  assert_int_equal(s.walkin, 0);
  arena_free(&ar);
  time_set_fake(0);
}

/* The walk-in survey's allowance per address is its own: the portal's other forms used up, it still
** takes PORTAL_SKM_MAX answers an hour, then tells how long to wait. */
static void test_walkin_allowance(void **state){
  Db *db = tempdb(state);
  int64_t now = 1767578400;
  int wait = 0;
  for(int i=0; i<PORTAL_SUBMIT_MAX; i++) assert_int_equal(portal_guard_submit(db, "10.0.0.9", now, &wait), OK);
  assert_int_equal(portal_guard_submit(db, "10.0.0.9", now, &wait), ERR_THROTTLED);
  for(int i=0; i<PORTAL_SKM_MAX; i++) assert_int_equal(portal_guard_skm(db, "10.0.0.9", now + i, &wait), OK);
  assert_int_equal(portal_guard_skm(db, "10.0.0.9", now + 100, &wait), ERR_THROTTLED);
  assert_int_equal(wait, PORTAL_SUBMIT_WINDOW_S - 100);
  assert_int_equal(portal_guard_skm(db, "10.0.0.10", now + 100, &wait), OK);
  assert_int_equal(portal_guard_skm(db, "10.0.0.9", now + PORTAL_SUBMIT_WINDOW_S, &wait), OK);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_index_by_hand),
    cmocka_unit_test(test_grade_boundaries),
    cmocka_unit_test_setup_teardown(test_check_names_fields, setup, teardown),
    cmocka_unit_test_setup_teardown(test_once_per_case_and_report, setup, teardown),
    cmocka_unit_test_setup_teardown(test_paper_day, setup, teardown),
    cmocka_unit_test_setup_teardown(test_walkin_allowance, setup, teardown),
  };
  return cmocka_run_group_tests_name("skm", tests, unit_group_setup, NULL);
}
