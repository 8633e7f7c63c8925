/*
** test_training.c — the preparation deadlines of a training (SOP BTG-005 step 2) in
** working days on the office calendar, worked by hand across holidays and cuti bersama;
** the plan opening its case; the waiting list past capacity; a questionnaire answered once.
*/
#include "unit.h"
#include "../../src/desk/training.h"
#include "../../src/sop/calendar.h"
#include "../../src/sop/case.h"
#include "../../src/desk/verify.h"

static int64_t office_id;
static Actor admin;

static int setup(void **state){
  admin = (Actor){ 0, "admin", 0, "10.0.0.1" };
  if( unit_office_setup(state, &admin, &office_id) ) return -1;
  admin.office_id = office_id;
  return 0;
}
static int teardown(void **state){ return unit_office_teardown(state); }

/* Local time of t in the office's zone, as "YYYY-MM-DD HH:MM WIB". */
static const char *local(Calendar *cal, int64_t t){
  static char buf[4][40];
  static int k;
  k = (k+1)%4;
  calendar_fmt(cal, t, buf[k], sizeof buf[k]);
  return buf[k];
}

/* A training on Monday 18 May 2026, after Kenaikan (Thu 14) and its cuti bersama (Fri 15)
** and the weekend: the working days before it are Wed 13, Tue 12, Mon 11, Fri 8, Thu 7,
** Wed 6, Tue 5. Deadlines are at the close of office: 16.00 Mon–Thu, 16.30 Fri. */
static void test_deadlines_after_long_weekend(void **state){
  Calendar *cal = calendar_load(tempdb(state), office_id);
  assert_non_null(cal);
  int64_t start = unit_at("2026-05-18T08:00:00+07:00");
  assert_string_equal(local(cal, training_prep_due(cal, start, 2)), "2026-05-12 16:00 WIB");  /* materials H-2 */
  assert_string_equal(local(cal, training_prep_due(cal, start, 5)), "2026-05-07 16:00 WIB");  /* trainers H-5 */
  assert_string_equal(local(cal, training_prep_due(cal, start, 7)), "2026-05-05 16:00 WIB");  /* attendance, facilities H-7 */
  /* the reminder: the opening of the working day before the due day */
  assert_string_equal(local(cal, training_prep_remind(cal, training_prep_due(cal, start, 2))), "2026-05-11 07:30 WIB");
  assert_string_equal(local(cal, training_prep_remind(cal, training_prep_due(cal, start, 5))), "2026-05-06 07:30 WIB");
  calendar_free(cal);
}

/* A training on Wednesday 25 March 2026, after Nyepi (18 cuti, 19) and Idul Fitri (20 cuti,
** 21, 22, 23 cuti, 24 cuti): the working days before it are Tue 17, Mon 16, Fri 13, Thu 12,
** Wed 11, Tue 10, Mon 9. A reminder before Friday's due falls on Thursday. */
static void test_deadlines_across_idul_fitri(void **state){
  Calendar *cal = calendar_load(tempdb(state), office_id);
  assert_non_null(cal);
  int64_t start = unit_at("2026-03-25T09:00:00+07:00");
  assert_string_equal(local(cal, training_prep_due(cal, start, 2)), "2026-03-16 16:00 WIB");
  assert_string_equal(local(cal, training_prep_due(cal, start, 3)), "2026-03-13 16:30 WIB");
  assert_string_equal(local(cal, training_prep_due(cal, start, 5)), "2026-03-11 16:00 WIB");
  assert_string_equal(local(cal, training_prep_due(cal, start, 7)), "2026-03-09 16:00 WIB");
  assert_string_equal(local(cal, training_prep_remind(cal, training_prep_due(cal, start, 2))), "2026-03-13 07:30 WIB");
  calendar_free(cal);
}

/* A plan of two days: the case of BTG-005 opened, the checklist with the hand-worked due
** times, seats up to capacity and then the waiting list, a decline giving the seat on. */
static void test_plan_checklist_and_waiting_list(void **state){
  Db *db = tempdb(state);
  static const char *const aud[] = { "penyedia" }, *const fac[] = { "Ruang", "Internet" }, *const tr[] = { "Budi" };
  TrainingNew in;
  memset(&in, 0, sizeof in);
  in.title = "Training SPSE 4.5 untuk penyedia";
  in.venue = "Ruang pelatihan LPSE";
  in.audience = aud; in.naudience = 1;
  in.facilities = fac; in.nfacilities = 2;
  in.trainers = tr; in.ntrainers = 1;
  in.capacity = 2;
  in.portal = 1;
  in.sessions[0] = (TrainingSessionIn){ "Hari 2: penawaran", "2026-05-19 08:00", "2026-05-19 12:00" };
  in.sessions[1] = (TrainingSessionIn){ "Hari 1: pendaftaran", "2026-05-18 08:00", "2026-05-18 12:00" };
  in.nsessions = 2;
  in.budget[0] = (TrainingBudget){ "Konsumsi", 1500000 };
  in.nbudget = 1;
  int64_t id = 0;
  Err e = {0};
  assert_int_equal(training_create(db, &admin, &in, &id, &e), OK);
  Arena a;
  arena_init(&a);
  Training t;
  assert_int_equal(training_get(db, office_id, id, &t, &a), OK);
  assert_int_equal(t.nsessions, 2);
  assert_string_equal(t.sessions[0].title, "Hari 1: pendaftaran");
  assert_int_equal(t.starts_at, unit_at("2026-05-18T08:00:00+07:00"));
  assert_int_equal(t.ends_at, unit_at("2026-05-19T12:00:00+07:00"));
  assert_int_equal(t.nprep, 5);                   /* attendance, 2 facilities, trainers, materials */
  assert_string_equal(t.prep[0].kind, "attendance");
  assert_int_equal(t.prep[0].due_at, unit_at("2026-05-05T16:00:00+07:00"));
  assert_string_equal(t.prep[4].kind, "materials");
  assert_int_equal(t.prep[4].due_at, unit_at("2026-05-12T16:00:00+07:00"));
  assert_int_equal(t.current_step, 1);
  /* the waiting list: capacity 2 */
  assert_int_equal(training_approve(db, &admin, id, &e), OK);
  const char *mails[] = { "a@contoh.co.id", "b@contoh.co.id", "c@contoh.co.id" };
  Participant p[3];
  for(int i=0; i<3; i++){
    ParticipantNew pn = { "Peserta", "CV Contoh", "penyedia", mails[i], "081234567890", "id" };
    assert_int_equal(training_participant_add(db, &admin, office_id, id, "portal", &pn, "http://x", &p[i], &a, &e), OK);
  }
  assert_string_equal(p[1].seat, "seat");
  assert_string_equal(p[2].seat, "waiting");
  ParticipantNew dup = { "Peserta", "CV Contoh", "penyedia", "A@contoh.co.id", "", "id" };
  assert_int_equal(training_participant_add(db, &admin, office_id, id, "portal", &dup, "http://x", 0, &a, &e), ERR_CONFLICT);
  /* nobody said the training was held: at its end the watcher closes step 3, and the report
  ** (step 4) is due 1 hour after the last session, Tuesday 19 May 13.00 WIB */
  assert_int_equal(training_watch(db, unit_at("2026-05-19T11:59:00+07:00"), 0), OK);
  assert_int_equal(training_get(db, office_id, id, &t, &a), OK);
  assert_string_equal(t.status, "approved");
  time_set_fake(unit_at("2026-05-19T12:05:00+07:00"));
  assert_int_equal(training_watch(db, time_now(), 0), OK);
  assert_int_equal(training_get(db, office_id, id, &t, &a), OK);
  assert_string_equal(t.status, "held");
  assert_int_equal(t.current_step, 4);
  assert_int_equal(t.report_due_at, unit_at("2026-05-19T13:00:00+07:00"));
  /* every preparation item left undone was breached once, and only once */
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM training_prep WHERE breached_at IS NOT NULL AND met=0"), 5);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='training.prep.breach'"), 5);
  assert_int_equal(training_watch(db, time_now(), 0), OK);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='training.prep.breach'"), 5);
  arena_free(&a);
}

/* The questionnaire opens at the first session of the last day in the office's zone (a session
** at 06.30 WIB is the day before in UTC) and stays open a week after the end. */
static void test_questionnaire_opens_on_the_last_day(void **state){
  Db *db = tempdb(state);
  static const char *const aud[] = { "ppk" }, *const tr[] = { "Budi" };
  TrainingNew in;
  memset(&in, 0, sizeof in);
  in.title = "Training SPSE untuk PPK";
  in.venue = "Aula";
  in.audience = aud; in.naudience = 1;
  in.trainers = tr; in.ntrainers = 1;
  in.capacity = 10;
  in.sessions[0] = (TrainingSessionIn){ "Hari 1", "2026-05-18 08:00", "2026-05-18 12:00" };
  in.sessions[1] = (TrainingSessionIn){ "Hari 2 sore", "2026-05-19 13:00", "2026-05-19 15:00" };
  in.sessions[2] = (TrainingSessionIn){ "Hari 2 pagi", "2026-05-19 06:30", "2026-05-19 07:30" };
  in.nsessions = 3;
  int64_t id = 0;
  Err e = {0};
  assert_int_equal(training_create(db, &admin, &in, &id, &e), OK);
  Arena a;
  arena_init(&a);
  Training t;
  assert_int_equal(training_get(db, office_id, id, &t, &a), OK);
  assert_string_equal(t.sessions[1].title, "Hari 2 pagi");
  assert_int_equal(t.survey_opens_at, unit_at("2026-05-19T06:30:00+07:00"));
  assert_int_equal(t.survey_closes_at, unit_at("2026-05-26T15:00:00+07:00"));
  /* a participant answers once; the second time is refused */
  assert_int_equal(training_approve(db, &admin, id, &e), OK);
  ParticipantNew pn = { "Rina", "Dinas PU", "ppk", "rina@pu.go.id", "", "id" };
  Participant p;
  assert_int_equal(training_participant_add(db, &admin, office_id, id, "invited", &pn, "http://x", &p, &a, &e), OK);
  TqTemplate tpl;
  assert_int_equal(tq_template_get(db, office_id, t.template_id, &tpl, &a), OK);
  TqAnswerIn ans[TRAINING_MAX_ITEMS];
  for(int i=0; i<tpl.nitems; i++) ans[i] = (TqAnswerIn){ tpl.items[i].id, strcmp(tpl.items[i].kind, "likert")==0 ? 4 : 0, "" };
  int64_t pid = 0;
  time_set_fake(unit_at("2026-05-19T06:00:00+07:00"));
  /* the participant is named by the personal link's token; an e-mail alone names no one */
  assert_int_equal(training_survey_who(db, office_id, id, "RINA@pu.go.id", &pid, &e), ERR_INVALID);
  assert_int_equal(pid, 0);
  unsigned char key[32];
  memset(key, 7, sizeof key);
  verify_key_set(key);   /* the personal links are signed with a key derived from verify.key */
  char tok[64];
  assert_int_equal(training_link_token(office_id, id, p.id, tok), OK);
  assert_int_equal(training_survey_who(db, office_id, id, tok, &pid, &e), OK);
  assert_int_equal(pid, p.id);
  assert_int_equal(training_survey_submit(db, office_id, id, pid, ans, tpl.nitems, &e, &a), ERR_DENIED);
  time_set_fake(unit_at("2026-05-19T06:31:00+07:00"));
  assert_int_equal(training_survey_submit(db, office_id, id, pid, ans, tpl.nitems, &e, &a), OK);
  assert_int_equal(training_survey_submit(db, office_id, id, pid, ans, tpl.nitems, &e, &a), ERR_CONFLICT);
  TqResult *res;
  int responses = 0;
  assert_int_equal(training_survey_results(db, &t, &tpl, &res, &responses, &a), OK);
  assert_int_equal(responses, 1);
  assert_int_equal(res[0].count[4], 1);
  arena_free(&a);
}

/* The case walked from its own page (step 1 completed there): the training follows it. */
static void test_training_follows_its_case(void **state){
  Db *db = tempdb(state);
  static const char *const aud[] = { "umum" }, *const tr[] = { "Budi" };
  TrainingNew in;
  memset(&in, 0, sizeof in);
  in.title = "Sosialisasi SPSE";
  in.venue = "Aula";
  in.portal = 1;
  in.audience = aud; in.naudience = 1;
  in.trainers = tr; in.ntrainers = 1;
  in.capacity = 10;
  in.sessions[0] = (TrainingSessionIn){ "Sesi 1", "2026-02-02 08:00", "2026-02-02 12:00" };
  in.nsessions = 1;
  int64_t id = 0;
  Err e = {0};
  assert_int_equal(training_create(db, &admin, &in, &id, &e), OK);
  Arena a;
  arena_init(&a);
  Training t;
  assert_int_equal(training_get(db, office_id, id, &t, &a), OK);
  Case *c = 0;
  assert_int_equal(case_get(db, office_id, t.number, &c), OK);
  assert_int_equal(case_complete_step(db, &admin, c, 1, "done", "disetujui dari halaman kasus", &e), OK);
  case_free(c);
  assert_int_equal(training_get(db, office_id, id, &t, &a), OK);
  assert_string_equal(t.status, "approved");
  assert_int_equal(t.current_step, 2);
  assert_int_equal(training_prep_set(db, &admin, id, t.prep[0].id, 1, &e), OK);
  assert_int_equal(training_approve(db, &admin, id, &e), ERR_CONFLICT);
  TrainingRow *rows;
  int n = 0;
  assert_int_equal(training_list(db, office_id, 0, 0, 1, &rows, &n, &a), OK);   /* on the portal now */
  assert_int_equal(n, 1);
  assert_string_equal(rows[0].status, "approved");
  arena_free(&a);
}

/* A training's participants count their attendance and answers by index, not by a scan of every
** training's rows per participant (docs/benchmarks.md "Lists after ten years"). */
static void test_participants_plan(void **state){
  Buf p;
  unit_plan(tempdb(state), TRAINING_SQL_PARTICIPANTS, &p);
  if( strstr(buf_str(&p), "training_attendance_participant (participant_id=?)")==0
      || strstr(buf_str(&p), "(training_id=? AND participant_id=?)")==0 || strstr(buf_str(&p), "SCAN") )
    fail_msg("plan:\n%s", buf_str(&p));
  buf_free(&p);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_deadlines_after_long_weekend, setup, teardown),
    cmocka_unit_test_setup_teardown(test_deadlines_across_idul_fitri, setup, teardown),
    cmocka_unit_test_setup_teardown(test_plan_checklist_and_waiting_list, setup, teardown),
    cmocka_unit_test_setup_teardown(test_questionnaire_opens_on_the_last_day, setup, teardown),
    cmocka_unit_test_setup_teardown(test_training_follows_its_case, setup, teardown),
    cmocka_unit_test_setup_teardown(test_participants_plan, setup, teardown),
  };
  return cmocka_run_group_tests(tests, unit_group_setup, 0);
}
