/*
** test_helpdesk.c — the help desk's logic on a frozen clock: the phone form's signed
** arrival stamp (forged, foreign, stale, future), a call written up later keeping its own
** moments (steps done at a given time), a paused clock moving a step's due time by the
** office time it stood still, the recap of phone cases per day, and the caller lookup
** by the ways people give a phone number or an NPWP.
*/
#include "unit.h"
#include "../../src/desk/helpdesk.h"

static int64_t office_id;
static Actor admin = { 1, "admin", 0, "" };

#define T0 unit_at("2026-01-05T08:00:00+07:00")   /* Monday, a working day: 01:00Z */

/* An office with its calendar, the procedures, the clock at Monday 08:00 WIB. */
static int setup(void **state){
  if( unit_office_setup(state, &admin, &office_id) ) return -1;
  admin.office_id = office_id;
  return 0;
}

static int teardown(void **state){
  return unit_office_teardown(state);
}

/* A stamp holds its moment; an edited, foreign, stale or future one is refused naming "stamp". */
static void test_stamp(void **state){
  (void)state;
  char s[PHONE_STAMP_MAX], t[PHONE_STAMP_MAX];
  int64_t arrived = 0;
  Err e = {0};
  phone_stamp(s, office_id, 7, T0);
  assert_int_equal(phone_stamp_check(s, office_id, 7, &arrived, &e), OK);
  assert_int_equal(arrived, T0);
  phone_stamp(t, office_id, 7, T0);
  assert_string_not_equal(s, t);                                 /* two forms, two stamps */
  assert_int_equal(phone_stamp_check(s, office_id, 8, &arrived, &e), ERR_INVALID);   /* another user */
  assert_string_equal(e.field, "stamp");
  assert_int_equal(phone_stamp_check(s, office_id+1, 7, &arrived, &e), ERR_INVALID); /* another office */
  snprintf(t, sizeof t, "%s", s);
  t[0] = t[0]=='1' ? '2' : '1';                                  /* the moment edited */
  assert_int_equal(phone_stamp_check(t, office_id, 7, &arrived, &e), ERR_INVALID);
  assert_int_equal(phone_stamp_check("garbage", office_id, 7, &arrived, &e), ERR_INVALID);
  phone_stamp(t, office_id, 7, T0 + 60);                         /* from the future */
  assert_int_equal(phone_stamp_check(t, office_id, 7, &arrived, &e), ERR_INVALID);
  time_set_fake(T0 + PHONE_STAMP_TTL + 1);                       /* opened too long ago */
  assert_int_equal(phone_stamp_check(s, office_id, 7, &arrived, &e), ERR_INVALID);
  time_set_fake(T0 + PHONE_STAMP_TTL);
  assert_int_equal(phone_stamp_check(s, office_id, 7, &arrived, &e), OK);
  time_set_fake(T0);
}

/* A call picked up 7 s after it rang and written up 3 minutes later keeps both moments. */
static void test_call_moments(void **state){
  Db *db = tempdb(state);
  Arena a;
  arena_init(&a);
  char s[PHONE_STAMP_MAX];
  Err e = {0};
  PhoneCall call, done;
  phone_stamp(s, office_id, admin.user_id, T0);
  time_set_fake(T0 + 7);
  assert_int_equal(phone_answer(db, &admin, admin.user_id, s, 0, &call, &a, &e), OK);
  assert_int_equal(call.answered_at - call.arrived_at, 7);
  time_set_fake(T0 + 180);
  PhoneForm f;
  memset(&f, 0, sizeof f);
  f.caller.name = "Budi Santoso";
  f.caller.phone = "0812-3456-7890";
  f.question = "Cara unggah dokumen kualifikasi?\nSudah dicoba berkali-kali.";
  f.answer = "Melalui menu Data Kualifikasi.";
  assert_int_equal(phone_finish(db, &admin, "WIB", call.id, &f, &done, &a, &e), OK);
  Case *c;
  assert_int_equal(case_get(db, office_id, done.case_number, &c), OK);
  assert_string_equal(c->subject, "Cara unggah dokumen kualifikasi?");   /* the question's first line */
  assert_int_equal(c->opened_at, T0);
  assert_int_equal(c->steps[0].done_at, T0);
  assert_int_equal(c->steps[1].started_at, T0);
  assert_int_equal(c->steps[1].done_at, T0 + 7);
  assert_int_equal(c->steps[1].due_at, T0 + 10);
  assert_int_equal(c->steps[1].met, 1);
  assert_int_equal(c->steps[2].started_at, T0 + 7);
  assert_int_equal(c->steps[2].done_at, T0 + 180);
  assert_int_equal(c->steps[2].due_at, T0 + 7 + 120);           /* 2min office after the pick-up: breached */
  assert_int_equal(c->steps[2].met, 0);
  assert_string_equal(c->status, "closed");
  case_free(c);
  arena_free(&a);
}

/* A paused step's due time moves by the office time it stood still. */
static void test_pause_moves_due(void **state){
  Db *db = tempdb(state);
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = HELPDESK_SOP;
  in.channel = "email";
  in.subject = "Akun terkunci";
  in.requester.name = "Eko";
  Case *c;
  Err e = {0};
  assert_int_equal(case_open(db, &admin, &in, &c, &e), OK);
  assert_int_equal(c->steps[0].due_at, T0 + 600);               /* 10min office */
  time_set_fake(T0 + 300);
  assert_int_equal(case_hold(db, &admin, c, "tiket LKPP", &e), OK);
  assert_int_equal(case_paused(db, c), 1);
  assert_int_equal(case_hold(db, &admin, c, "lagi", &e), ERR_CONFLICT);
  /* paused from 08:05 to 13:30: 08:05–12:00 is 3 h 55 min of office time, 13:00–13:30 half an hour */
  time_set_fake(unit_at("2026-01-05T13:30:00+07:00"));
  assert_int_equal(case_resume(db, &admin, c, &e), OK);
  assert_int_equal(case_paused(db, c), 0);
  /* the due time 08:10 moves on by that much office time, 4 h 25 min: 13:35 (past the break) */
  assert_int_equal(c->steps[0].due_at, unit_at("2026-01-05T13:35:00+07:00"));
  assert_int_equal(c->steps[0].paused_s, unit_at("2026-01-05T13:30:00+07:00") - (T0 + 300));
  assert_int_equal(case_resume(db, &admin, c, &e), ERR_CONFLICT);
  case_free(c);
  time_set_fake(T0);
}

/* A step done while still held (the answer came by phone; nobody resumed it) is resumed by
** its completion: its due time moves on by the office time held, and it is met. */
static void test_done_while_held(void **state){
  Db *db = tempdb(state);
  Case *c = unit_open_case(db, &admin, office_id, HELPDESK_SOP);
  Err e = {0};
  time_set_fake(T0 + 300);
  assert_int_equal(case_hold(db, &admin, c, "menunggu jawaban ULP", &e), OK);
  /* held 08:05–13:30 (4 h 25 min of office time), done then: 5 of its 10 minutes ran */
  time_set_fake(unit_at("2026-01-05T13:30:00+07:00"));
  assert_int_equal(case_complete_step(db, &admin, c, 1, "done", 0, &e), OK);
  assert_int_equal(c->steps[0].due_at, unit_at("2026-01-05T13:35:00+07:00"));
  assert_int_equal(c->steps[0].done_at, unit_at("2026-01-05T13:30:00+07:00"));
  assert_int_equal(c->steps[0].met, 1);
  assert_int_equal(c->steps[0].paused_s, unit_at("2026-01-05T13:30:00+07:00") - (T0 + 300));
  assert_int_equal(case_paused(db, c), 0);
  case_free(c);
  time_set_fake(T0);
}

/* A held step with a real-time standard moves on by the real time held, not the office time:
** BTG-017 step 2 (10 s real) starts 11:59:58, held at once, resumed 13:00:00 after the lunch
** break: its 10 s are still owed, due 13:00:10 (by office time, 2 s held: 13:00:02). */
static void test_resume_real_time(void **state){
  Db *db = tempdb(state);
  time_set_fake(unit_at("2026-01-05T11:59:58+07:00"));
  Case *c = unit_open_case(db, &admin, office_id, "SOP-LPSE.BTG-017");
  Err e = {0};
  assert_int_equal(case_complete_step(db, &admin, c, 1, "done", 0, &e), OK);
  assert_int_equal(c->steps[1].due_at, unit_at("2026-01-05T12:00:08+07:00"));
  assert_int_equal(case_hold(db, &admin, c, "penelepon diminta menunggu", &e), OK);
  time_set_fake(unit_at("2026-01-05T13:00:00+07:00"));
  assert_int_equal(case_resume(db, &admin, c, &e), OK);
  assert_int_equal(c->steps[1].due_at, unit_at("2026-01-05T13:00:10+07:00"));
  case_free(c);
  time_set_fake(T0);
}

/* The recap groups calls by the day in the office's zone; a missed call counts apart. */
static void test_recap(void **state){
  Db *db = tempdb(state);
  Arena a;
  arena_init(&a);
  Err e = {0};
  PhoneCall call;
  const int64_t days[] = { T0, T0 + 12, unit_at("2026-01-06T23:59:00+07:00"), unit_at("2026-01-31T16:00:00+07:00") };
  const int64_t waits[] = { 3, 15, 0, 9 };
  for(size_t i=0; i<COUNT(days); i++){
    char s[PHONE_STAMP_MAX];
    time_set_fake(days[i]);
    phone_stamp(s, office_id, admin.user_id, days[i]);
    time_set_fake(days[i] + waits[i]);
    assert_int_equal(phone_answer(db, &admin, admin.user_id, s, i==2, &call, &a, &e), OK);
  }
  PhoneDay *d, total;
  int n;
  assert_int_equal(phone_recap(db, office_id, "WIB", "2026-01", &d, &n, &total, &a, &e), OK);
  assert_int_equal(n, 3);
  assert_string_equal(d[0].day, "2026-01-05");
  assert_int_equal(d[0].calls, 2);
  assert_int_equal(d[0].answered_in_standard, 1);             /* 3 s yes, 15 s no */
  assert_int_equal(d[0].answer_s_total, 18);
  assert_string_equal(d[1].day, "2026-01-06");                 /* 23.59 WIB is still the 6th */
  assert_int_equal(d[1].missed, 1);
  assert_string_equal(d[2].day, "2026-01-31");
  assert_int_equal(total.calls, 4);
  assert_int_equal(total.answered, 3);
  assert_int_equal(total.answered_in_standard, 2);
  assert_int_equal(phone_recap(db, office_id, "WIB", "2026-1", &d, &n, &total, &a, &e), ERR_INVALID);
  assert_string_equal(e.field, "month");
  time_set_fake(T0);
  arena_free(&a);
}

/* The caller is found by a phone number written any way, and by an NPWP with or without dots. */
static void test_lookup(void **state){
  Db *db = tempdb(state);
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = HELPDESK_SOP;
  in.channel = "phone";
  in.subject = "Tanya";
  in.requester.name = "Siti Aminah";
  in.requester.phone = "081234567890";
  in.requester.org_name = "PT Sinar";
  in.requester.npwp = "01.234.567.8-901.000";
  Case *c;
  Err e = {0};
  assert_int_equal(case_open(db, &admin, &in, &c, &e), OK);
  Arena a;
  arena_init(&a);
  Party *rows;
  int n;
  PartyFilter f = { .office_id = office_id, .limit = 10 };
  const char *const qs[] = { "+6281234567890", "6281234567890", "0812-3456-7890", "siti", "AMINAH" };
  for(size_t i=0; i<COUNT(qs); i++){
    f.q = qs[i];
    assert_int_equal(party_search(db, &f, &rows, &n, &a), OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].v[PF_NAME], "Siti Aminah");
  }
  f.q = "01.234.567.8-901.000";
  assert_int_equal(party_search(db, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(rows[0].v[PF_KIND], "org");
  PartyCase *cs;
  assert_int_equal(party_cases(db, office_id, rows[0].id, 10, &cs, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(cs[0].number, c->number);
  assert_string_equal(cs[0].channel, "phone");
  /* newest first, as the person and as the organisation, each side read by its own index */
  int64_t org = rows[0].id;
  Case *c2;
  in.subject = "Tanya lagi";
  assert_int_equal(case_open(db, &admin, &in, &c2, &e), OK);
  assert_int_equal(party_cases(db, office_id, org, 10, &cs, &n, &a), OK);
  assert_int_equal(n, 2);
  assert_string_equal(cs[0].number, c2->number);
  assert_string_equal(cs[1].number, c->number);
  assert_int_equal(party_cases(db, office_id, org, 1, &cs, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(cs[0].number, c2->number);
  f.q = "siti";   /* the same person, found again by her name and number: both cases, newest first */
  assert_int_equal(party_search(db, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_int_equal(party_cases(db, office_id, rows[0].id, 10, &cs, &n, &a), OK);
  assert_int_equal(n, 2);
  assert_string_equal(cs[0].number, c2->number);
  assert_string_equal(cs[1].number, c->number);
  assert_int_equal(party_cases(db, office_id + 1, rows[0].id, 10, &cs, &n, &a), OK);   /* another office's */
  assert_int_equal(n, 0);
  Buf plan;
  unit_plan(db, PARTY_SQL_CASES, &plan);
  if( strstr(buf_str(&plan), "kasus_person (person_id=?)")==0 || strstr(buf_str(&plan), "kasus_org (org_id=?)")==0
      || strstr(buf_str(&plan), "SCAN kasus") ) fail_msg("plan:\n%s", buf_str(&plan));
  buf_free(&plan);
  /* the directory, newest first: a page read in the index's order, nothing sorted */
  unit_plan(db, PARTY_SQL_SEARCH, &plan);
  if( strstr(buf_str(&plan), "party_office (office_id=? AND id>? AND id<?)")==0 || strstr(buf_str(&plan), "TEMP B-TREE") )
    fail_msg("plan:\n%s", buf_str(&plan));
  buf_free(&plan);
  case_free(c2);
  f.office_id = office_id + 1;   /* another office */
  f.q = "siti";
  assert_int_equal(party_search(db, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 0);
  arena_free(&a);
  case_free(c);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_stamp, setup, teardown),
    cmocka_unit_test_setup_teardown(test_call_moments, setup, teardown),
    cmocka_unit_test_setup_teardown(test_pause_moves_due, setup, teardown),
    cmocka_unit_test_setup_teardown(test_done_while_held, setup, teardown),
    cmocka_unit_test_setup_teardown(test_resume_real_time, setup, teardown),
    cmocka_unit_test_setup_teardown(test_recap, setup, teardown),
    cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
  };
  return cmocka_run_group_tests(tests, unit_group_setup, 0);
}
