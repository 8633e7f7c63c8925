/*
** test_case.c — the case engine on the real procedures and a frozen clock:
** due times stored at each step's start, met and breached, decisions, a loop
** with a pause, numbering under 8 concurrent writers, cancel and reopen, and
** the overdue list as an index range scan.
*/
#include "unit.h"
#include "../../src/sop/case.h"
#include "../../src/desk/directory.h"
#include "../../src/db/search.h"
#include <pthread.h>

#define PHONE "SOP-LPSE.BTG-017"
#define ACCESS "SOP-LPSE.BTG-019"

static int64_t office_id;
static const Actor admin = { 0, "admin", 0, "" };

/* A temporary database with an office (default hours and holidays) and the ten procedures. */
static int setup(void **state){
  if( unit_office_setup(state, &admin, &office_id) ) return -1;
  return 0;
}

/* Close the database; the clock runs again. */
static int teardown(void **state){
  return unit_office_teardown(state);
}

/* Open a case of a procedure with a plain requester. */
static Case *open_case(Db *db, const char *sop){
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = sop;
  in.channel = "phone";
  in.subject = "Lupa kata sandi SPSE";
  in.requester.name = "Budi Santoso";
  in.requester.nik = "3325011501900001";
  in.requester.email = "budi@example.com";
  Case *c = 0;
  Err e = {0};
  int rc = case_open(db, &admin, &in, &c, &e);
  if( rc!=OK ) fail_msg("case_open: %d %s %s", rc, e.field ? e.field : "", e.msg ? e.msg : "");
  return c;
}

/* Complete the open step; the result must be OK. */
static void complete(Db *db, Case *c, int no, const char *outcome){
  Err e = {0};
  int rc = case_complete_step(db, &admin, c, no, outcome, 0, &e);
  if( rc!=OK ) fail_msg("step %d %s: %d %s %s", no, outcome, rc, e.field ? e.field : "", e.msg ? e.msg : "");
}

/* The last recorded step of a case. */
static const CaseStep *last_step(const Case *c){
  assert_true(c->nsteps>0);
  return &c->steps[c->nsteps-1];
}

/* The phone procedure from Monday 5 January 2026, 08.00 WIB: each step's due time as worked by hand. */
static void test_phone_clocks(void **state){
  Db *db = tempdb(state);
  int64_t t0 = unit_at("2026-01-05T08:00:00+07:00");
  Case *c = open_case(db, PHONE);
  assert_contains(c->number, "LPSE-2026-");
  assert_string_equal(c->status, "open");
  assert_string_equal(c->priority, "rendah");            /* tidak_mendesak × kecil */
  assert_int_equal(c->current_step, 1);
  assert_int_equal(c->steps[0].started_at, t0);
  assert_int_equal(c->steps[0].due_at, 0);                /* step 1: no standard */
  assert_int_equal(c->steps[0].met, -1);
  /* rendah: respond within 1 working day (7.5 office hours), resolve within 5 */
  assert_int_equal(c->response_due_at, unit_at("2026-01-06T08:00:00+07:00"));
  assert_int_equal(c->resolution_due_at, unit_at("2026-01-12T08:00:00+07:00"));
  complete(db, c, 1, "done");
  assert_int_equal(c->current_step, 2);
  assert_int_equal(last_step(c)->due_at, t0+10);          /* 10 s of real time */
  time_set_fake(t0+5);
  complete(db, c, 2, 0);                                   /* NULL outcome: "done" */
  assert_int_equal(c->steps[1].met, 1);
  assert_int_equal(c->steps[1].done_at, t0+5);
  assert_int_equal(last_step(c)->due_at, t0+5+120);       /* 2 min of office time */
  time_set_fake(t0+5+121);
  complete(db, c, 3, "done");
  assert_int_equal(c->steps[2].met, 0);                    /* late by a second */
  complete(db, c, 4, "done");
  /* step 5 is a decision: "done" does not fit */
  Err e = {0};
  assert_int_equal(case_complete_step(db, &admin, c, 5, "done", 0, &e), ERR_INVALID);
  assert_string_equal(e.field, "outcome");
  /* not the open step */
  assert_int_equal(case_complete_step(db, &admin, c, 3, "done", 0, &e), ERR_CONFLICT);
  complete(db, c, 5, "no");
  assert_int_equal(c->current_step, 8);
  complete(db, c, 8, "done");
  assert_string_equal(c->status, "closed");
  assert_int_equal(c->closed_at, t0+126);
  assert_int_equal(c->current_step, 0);
  assert_int_equal(case_complete_step(db, &admin, c, 8, "done", 0, &e), ERR_CONFLICT);
  /* the revision's words in JSON */
  Buf b = BUF_INIT;
  case_json(&b, c, "id");
  assert_contains(buf_str(&b), "\"status\":\"closed\"");
  assert_contains(buf_str(&b), "\"met\":false");
  assert_contains(buf_str(&b), "\"due_at\":\"2026-01-05T01:00:10Z\"");
  buf_free(&b);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='case.step'"), 6);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='case.close'"), 1);
  case_free(c);
}

/* The yes branch of the phone procedure goes 5 → 6 → 7 → end. */
static void test_phone_yes_branch(void **state){
  Db *db = tempdb(state);
  Case *c = open_case(db, PHONE);
  for(int no=1; no<=4; no++) complete(db, c, no, "done");
  complete(db, c, 5, "yes");
  assert_int_equal(c->current_step, 6);
  complete(db, c, 6, "done");
  assert_int_equal(c->current_step, 7);
  complete(db, c, 7, "done");
  assert_string_equal(c->status, "closed");
  case_free(c);
}

/* Access request: a file returned to the applicant (step 4, paused) comes back to step 2,
** a second visit; the paused time is recorded and moves the resolution target. */
static void test_access_loop_pause(void **state){
  Db *db = tempdb(state);
  int64_t t0 = unit_at("2026-01-05T08:00:00+07:00");
  Case *c = open_case(db, ACCESS);
  int64_t resolution = c->resolution_due_at;
  complete(db, c, 1, "done");
  complete(db, c, 2, "done");
  assert_int_equal(c->current_step, 3);
  complete(db, c, 3, "no");
  assert_int_equal(c->current_step, 4);
  time_set_fake(t0+3600);                                   /* an hour with the applicant */
  complete(db, c, 4, "done");
  assert_int_equal(c->current_step, 2);
  assert_int_equal(last_step(c)->visit, 2);
  assert_int_equal(c->steps[3].paused_s, 3600);
  assert_int_equal(unit_query_int(db, "SELECT paused_real_s FROM kasus ORDER BY id DESC LIMIT 1"), 3600);
  assert_int_equal(unit_query_int(db, "SELECT paused_office_s FROM kasus ORDER BY id DESC LIMIT 1"), 3600);
  assert_int_equal(c->resolution_due_at, resolution+3600);
  complete(db, c, 2, "done");
  assert_int_equal(last_step(c)->no, 3);
  assert_int_equal(last_step(c)->visit, 2);
  assert_int_equal(last_step(c)->due_at, t0+3600+600);     /* 10 min office from 09.00 */
  complete(db, c, 3, "yes");
  assert_int_equal(c->current_step, 6);
  case_free(c);
}

/* Training: the tasks of step 2 are deadlines in working days before the training, stored when
** the step starts; Friday 16 January 2026 (Isra Mikraj) does not count. */
static void test_training_task_deadlines(void **state){
  Db *db = tempdb(state);
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = "SOP-LPSE.BTG-005"; in.channel = "letter"; in.subject = "Pelatihan SPSE";
  in.requester.org_name = "Dinas PU";
  in.events[0].name = "training_start"; in.events[0].at = unit_at("2026-01-19T08:00:00+07:00");
  in.events[1].name = "training_end"; in.events[1].at = unit_at("2026-01-19T16:00:00+07:00");
  in.events[2].name = "last_session_end"; in.events[2].at = unit_at("2026-01-19T15:00:00+07:00");
  in.nevents = 3;
  Case *c = 0;
  Err e = {0};
  assert_int_equal(case_open(db, &admin, &in, &c, &e), OK);
  complete(db, c, 1, "done");
  const CaseStep *s = last_step(c);
  assert_int_equal(s->no, 2);
  assert_int_equal(s->due_at, 0);
  assert_int_equal(s->ntasks, 4);
  assert_int_equal(s->task_due[0], unit_at("2026-01-07T16:00:00+07:00"));   /* 7 working days before */
  assert_int_equal(s->task_due[1], unit_at("2026-01-07T16:00:00+07:00"));
  assert_int_equal(s->task_due[2], unit_at("2026-01-14T16:00:00+07:00"));   /* 2 */
  assert_int_equal(s->task_due[3], unit_at("2026-01-09T16:30:00+07:00"));   /* 5: a Friday */
  Buf b = BUF_INIT;
  case_json(&b, c, "en");
  assert_contains(buf_str(&b), "\"due_at\":\"2026-01-14T09:00:00Z\"");
  buf_free(&b);
  case_free(c);
}

/* Cancel needs a reason; a cancelled case reopens at its last step, as a new visit. */
static void test_cancel_reopen(void **state){
  Db *db = tempdb(state);
  Case *c = open_case(db, PHONE);
  complete(db, c, 1, "done");
  Err e = {0};
  assert_int_equal(case_cancel(db, &admin, c, "", &e), ERR_INVALID);
  assert_string_equal(e.field, "reason");
  assert_int_equal(case_cancel(db, &admin, c, "Penelepon menutup telepon", &e), OK);
  assert_string_equal(c->status, "cancelled");
  assert_string_equal(c->cancel_reason, "Penelepon menutup telepon");
  assert_int_equal(c->current_step, 0);
  assert_int_equal(case_cancel(db, &admin, c, "lagi", &e), ERR_CONFLICT);
  assert_int_equal(case_reopen(db, &admin, c, &e), OK);
  assert_string_equal(c->status, "open");
  assert_int_equal(c->current_step, 2);
  assert_int_equal(last_step(c)->visit, 2);
  assert_int_equal(case_reopen(db, &admin, c, &e), ERR_CONFLICT);
  assert_int_equal(case_assign(db, &admin, c, 0, "helpdesk", 0, &e), OK);
  assert_string_equal(last_step(c)->assigned_role, "helpdesk");
  assert_int_equal(case_assign(db, &admin, c, 0, "satpam", 0, &e), ERR_INVALID);
  assert_string_equal(e.field, "role");
  assert_int_equal(case_assign(db, &admin, c, 0, 0, "tidak-ada", &e), ERR_INVALID);
  assert_string_equal(e.field, "username");
  /* Meant for a step that is not the open one: refused, naming the step. */
  assert_int_equal(case_assign(db, &admin, c, 1, "helpdesk", 0, &e), ERR_CONFLICT);
  assert_string_equal(e.field, "no");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action IN ('case.cancel','case.reopen','case.assign')"), 3);
  case_free(c);
}

/* Requesters are found again: a person by NIK, an organisation by NPWP or, given by its name
** alone, by that name; a person is never matched by name only. */
static void test_requester_found_again(void **state){
  Db *db = tempdb(state);
  for(int i=0; i<2; i++){
    CaseNew in;
    memset(&in, 0, sizeof in);
    in.office_id = office_id;
    in.sop = PHONE;
    in.channel = "phone";
    in.subject = "Tanya jadwal";
    in.requester.name = i==0 ? "Budi Santoso" : "Budi  Santoso";
    in.requester.nik = "3325011501900001";
    in.requester.org_name = "CV Maju Jaya";
    Case *c = 0;
    Err e = {0};
    assert_int_equal(case_open(db, &admin, &in, &c, &e), OK);
    case_free(c);
    memset(&in.requester, 0, sizeof in.requester);
    in.requester.name = "Siti";            /* a name alone: a new person each time */
    assert_int_equal(case_open(db, &admin, &in, &c, &e), OK);
    case_free(c);
  }
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM party WHERE kind='org' AND name='CV Maju Jaya'"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(DISTINCT org_id) FROM kasus WHERE org_id IS NOT NULL"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM party WHERE kind='person' AND nik='3325011501900001'"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM party WHERE kind='person' AND name='Siti'"), 2);
}

/* Bad input names the field; nothing is written. */
static void test_open_refused(void **state){
  Db *db = tempdb(state);
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = PHONE; in.channel = "phone"; in.subject = "x"; in.requester.name = "Budi";
  Case *c = 0;
  Err e = {0};
  in.requester.nik = "12345";
  assert_int_equal(case_open(db, &admin, &in, &c, &e), ERR_INVALID);
  assert_string_equal(e.field, "requester.nik");
  in.requester.nik = 0; in.requester.email = "bukan-email";
  assert_int_equal(case_open(db, &admin, &in, &c, &e), ERR_INVALID);
  assert_string_equal(e.field, "requester.email");
  in.requester.email = 0; in.channel = "fax";
  assert_int_equal(case_open(db, &admin, &in, &c, &e), ERR_INVALID);
  assert_string_equal(e.field, "channel");
  in.channel = "phone"; in.sop = "SOP-TIDAK-ADA";
  assert_int_equal(case_open(db, &admin, &in, &c, &e), ERR_INVALID);
  assert_string_equal(e.field, "sop");
  in.sop = PHONE; in.urgency = "segera";
  assert_int_equal(case_open(db, &admin, &in, &c, &e), ERR_INVALID);
  assert_string_equal(e.field, "urgency");
  in.urgency = 0; in.sop = "SOP-LPSE.BTG-005";             /* training: needs its events */
  assert_int_equal(case_open(db, &admin, &in, &c, &e), ERR_INVALID);
  assert_contains(e.field, "events.");
  assert_null(c);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM kasus"), 0);
  assert_string_equal(case_priority("mendesak", "besar"), "tinggi");
  assert_string_equal(case_priority("mendesak", "sedang"), "tinggi");
  assert_string_equal(case_priority("mendesak", "kecil"), "menengah");
  assert_string_equal(case_priority("tidak_mendesak", "besar"), "menengah");
  assert_string_equal(case_priority("tidak_mendesak", "sedang"), "rendah");
  assert_string_equal(case_priority("tidak_mendesak", "kecil"), "rendah");
}

#define WRITERS 8
#define PER_WRITER 25

/* One writer: opens PER_WRITER cases on its own connection; returns the failures. */
static void *writer(void *arg){
  Db *db = db_thread();
  intptr_t bad = 0;
  for(int i=0; i<PER_WRITER; i++){
    CaseNew in;
    memset(&in, 0, sizeof in);
    in.office_id = office_id;
    in.sop = PHONE; in.channel = "phone"; in.subject = "Serentak"; in.requester.name = "Penyedia";
    Case *c = 0;
    Err e = {0};
    if( db==0 || case_open(db, &admin, &in, &c, &e)!=OK ) bad++;
    case_free(c);
  }
  return (void*)bad;
}

/* 8 concurrent writers × 25 cases: numbers 1..200, no duplicate, no gap. */
static void test_numbering_concurrent(void **state){
  Db *db = tempdb(state);
  pthread_t th[WRITERS];
  for(int i=0; i<WRITERS; i++) assert_int_equal(pthread_create(&th[i], 0, writer, 0), 0);
  intptr_t bad = 0;
  for(int i=0; i<WRITERS; i++){
    void *r;
    pthread_join(th[i], &r);
    bad += (intptr_t)r;
  }
  assert_int_equal(bad, 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM kasus"), 200);
  assert_int_equal(unit_query_int(db, "SELECT count(DISTINCT number) FROM kasus"), 200);
  assert_int_equal(unit_query_int(db, "SELECT min(CAST(substr(number, 11) AS INTEGER)) FROM kasus"), 1);
  assert_int_equal(unit_query_int(db, "SELECT max(CAST(substr(number, 11) AS INTEGER)) FROM kasus"), 200);
  assert_int_equal(unit_query_int(db, "SELECT last FROM counter WHERE register='ticket'"), 200);
}

/* The overdue list finds the open step past due, through the partial index. */
static void test_overdue_index(void **state){
  Db *db = tempdb(state);
  int64_t t0 = unit_at("2026-01-05T08:00:00+07:00");
  Case *c = open_case(db, PHONE);
  complete(db, c, 1, "done");                              /* step 2 due t0+10 */
  Case *d = open_case(db, PHONE);                           /* step 1: no due time */
  Arena a;
  arena_init(&a);
  CaseFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.overdue = 1;
  f.limit = 50;
  f.now = t0+5;
  CaseRow *rows;
  int n;
  assert_int_equal(case_list(db, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 0);
  f.now = t0+11;
  assert_int_equal(case_list(db, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(rows[0].number, c->number);
  assert_int_equal(rows[0].current_step, 2);
  assert_int_equal(rows[0].due_at, t0+10);
  assert_non_null(rows[0].step_title);
  /* "Tugas saya" for a helpdesk: step 2 is the helpdesk's; step 1 is the requester's */
  static const char *const roles[] = { "helpdesk" };
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.limit = 50;
  f.roles = roles;
  f.nroles = 1;
  assert_int_equal(case_list(db, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(rows[0].number, c->number);
  /* all, newest first, keyset paging */
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.limit = 1;
  assert_int_equal(case_list(db, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(rows[0].number, d->number);
  f.before_id = rows[0].id;
  assert_int_equal(case_list(db, &f, &rows, &n, &a), OK);
  assert_string_equal(rows[0].number, c->number);
  /* the lists run again with other search words without being compiled again: a LIKE
  ** against a bound pattern must not make SQLite re-prepare on every bind (QPSG) */
  int64_t before = db_reprepares(db);
  static const char *const words[] = { "telepon", "uji", "", "x" };
  for(int i=0; i<4; i++){
    memset(&f, 0, sizeof f);
    f.office_id = office_id;
    f.overdue = i&1;
    f.limit = 50;
    f.now = t0+11;
    f.q = words[i];
    assert_int_equal(case_list(db, &f, &rows, &n, &a), OK);
  }
  assert_int_equal(db_reprepares(db)-before, 0);
  /* the plan: an index range scan on case_step_due */
  Buf plan;
  unit_plan(db, CASE_SQL_OVERDUE, &plan);
  assert_contains(buf_str(&plan), "case_step_due");
  assert_contains(buf_str(&plan), "due_at<?");
  buf_free(&plan);
  /* the plain list and "Tugas saya": read in an index's order, never every row sorted */
  static const struct { const char *sql, *index; } lists[] = {
    { CASE_SQL_LIST, "kasus_office (office_id=? AND id>? AND id<?)" },
    { CASE_SQL_LIST_STATUS, "kasus_status (office_id=? AND status=? AND id>? AND id<?)" },
    { CASE_SQL_WINDOW, "COVERING INDEX kasus_office (office_id=? AND id<?)" },
    { CASE_SQL_WINDOW_STATUS, "COVERING INDEX kasus_status (office_id=? AND status=? AND id<?)" },
    { CASE_SQL_MINE_DUE, "case_step_due (office_id=? AND due_at>?)" },
    { CASE_SQL_MINE_UNDUE, "case_step_due (office_id=? AND due_at=?)" },
  };
  for(size_t i=0; i<COUNT(lists); i++){
    Buf p;
    unit_plan(db, lists[i].sql, &p);
    if( strstr(buf_str(&p), lists[i].index)==0 || strstr(buf_str(&p), "TEMP B-TREE") ) fail_msg("plan %zu:\n%s", i, buf_str(&p));
    buf_free(&p);
  }
  /* a q written as a NIP, phone or NPWP below the window: its cases by the indexes of a case's
  ** person and organisation, and those whose text has it by case_fts, each read by its id; no walk
  ** of the office's cases (sorting only the candidates of the union, SCAN c) */
  const char *party[] = { CASE_SQL_LIST_PARTY_FTS, CASE_SQL_LIST_PARTY_FTS_STATUS };
  for(size_t i=0; i<COUNT(party); i++){
    Buf p;
    unit_plan(db, party[i], &p);
    const char *z = buf_str(&p);
    if( strstr(z, "kasus_person (person_id=?)")==0 || strstr(z, "kasus_org (org_id=?)")==0
     || strstr(z, "party_nip (office_id=? AND nip=?)")==0 || strstr(z, "id=? AND rowid>? AND rowid<?")==0
     || strstr(z, "VIRTUAL TABLE INDEX")==0 || strstr(z, "SCAN k") ) fail_msg("party plan %zu:\n%s", i, z);
    buf_free(&p);
  }
  arena_free(&a);
  case_free(c);
  case_free(d);
}

/* Open a case with this subject, requester and organisation (NULL: none); its id. */
static int64_t open_named(Db *db, const char *subject, const char *name, const char *org, const char *npwp){
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = PHONE;
  in.channel = "phone";
  in.subject = subject;
  in.requester.name = name;
  in.requester.org_name = org;
  in.requester.npwp = npwp;
  Case *c = 0;
  Err e = {0};
  int rc = case_open(db, &admin, &in, &c, &e);
  if( rc!=OK ) fail_msg("case_open %s: %d %s %s", subject, rc, e.field ? e.field : "", e.msg ? e.msg : "");
  int64_t id = c->id;
  case_free(c);
  return id;
}

/* The ids case_list gives for q, page by page of size page (the index for 3 characters or more),
** into got, and those the plain scan (CASE_SQL_LIST) gives in one read into want; their counts. */
static void search_both(Db *db, const char *q, const char *status, int page, int64_t *got, int *ngot,
                        int64_t *want, int *nwant){
  Arena a;
  arena_init(&a);
  *ngot = 0;
  CaseFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.q = q;
  f.status = status;
  f.limit = page;
  for(;;){
    CaseRow *rows;
    int n;
    assert_int_equal(case_list(db, &f, &rows, &n, &a), OK);
    for(int i=0; i<n; i++) got[(*ngot)++] = rows[i].id;
    if( n<page ) break;
    f.before_id = rows[n-1].id;
  }
  Stmt *s = db_prepare(db, status && *status ? CASE_SQL_LIST_STATUS : CASE_SQL_LIST);
  assert_non_null(s);
  db_bind_int64(s, 1, office_id);
  db_bind_text(s, 2, status ? status : "");
  db_bind_text(s, 3, "");
  db_bind_text(s, 4, *q ? db_like(&a, db_fold(&a, q), DB_LIKE_WITHIN, 0) : "");
  db_bind_int64(s, 5, INT64_MAX);
  db_bind_int(s, 6, 1000);
  db_bind_int64(s, 7, 0);
  *nwant = 0;
  while( db_step(s)==DB_ROW ) want[(*nwant)++] = db_col_int64(s, 0);
  db_reset(s);
  arena_free(&a);
}

/* Every term finds by the index what the scan finds, in the same order and pages. */
static void search_same(Db *db, const char *const *terms, size_t nterms){
  static const char *const statuses[] = { "", "open", "cancelled" };
  int64_t got[256], want[256];
  for(size_t i=0; i<nterms; i++){
    for(size_t k=0; k<COUNT(statuses); k++){
      for(int page=1; page<=50; page+=49){
        for(int window=1; window<=1000; window*=10){   /* the index from the second case on, ... none */
          case_list_window_set(window);
          int ngot, nwant;
          search_both(db, terms[i], statuses[k], page, got, &ngot, want, &nwant);
          if( ngot!=nwant || memcmp(got, want, sizeof *got * (size_t)ngot) ){
            fail_msg("q \"%s\" status %s page %d window %d: %d rows listed, %d by the scan", terms[i], statuses[k], page,
                     window, ngot, nwant);
          }
        }
      }
    }
  }
}

/* The search by the trigram index (migration 0040) finds the rows the plain scan finds, kept
** true by opening, edits of the fields, a directory entry renamed and a merge; the list's plan
** reads the index newest first, never every case sorted. */
static void test_search_index(void **state){
  Db *db = tempdb(state);
  int64_t a1 = open_named(db, "Lupa kata sandi SPSE", "Budi Santoso", "CV Maju Jaya", "012345678901234");
  int64_t a2 = open_named(db, "Akun terkunci 100%", "Ani_Wijaya", "PT Sinar Abadi", "098765432109876");
  open_named(db, "Dokumen penawaran a\\b tidak terbaca", "Ésa Ökten", 0, 0);
  open_named(db, "Pertanyaan jadwal lelang", "Siti Rahmawati", "CV. Maju Jaya", 0);
  open_named(db, "KATA SANDI tidak bisa diubah", "BUDI", 0, 0);
  for(int i=0; i<30; i++){
    char subj[64];
    snprintf(subj, sizeof subj, "Reset kata sandi ke-%d", i);
    open_named(db, subj, i%2 ? "Dewi Lestari" : "Ani Wijaya", i%3 ? 0 : "PT Sinar Abadi", 0);
  }
  Stmt *x = db_prepare(db, "UPDATE kasus SET status='cancelled' WHERE id=?1");   /* a status to filter by */
  assert_non_null(x);
  db_bind_int64(x, 1, a1);
  assert_int_equal(db_run(x), OK);
  /* opening adds nothing to the index: the thread of serve does, a batch at a time; until then
  ** the list reads every case by the scan */
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM case_fts"), 0);
  search_same(db, (const char *const[]){ "kata sandi", "budi" }, 2);
  int added, batches = 0, total = 0;
  do{
    assert_int_equal(search_text_catch_up(db, SEARCH_CASES, 7, &added), OK);
    total += added;
    batches++;
  }while( added==7 );
  assert_int_equal(total, 35);
  assert_int_equal(batches, 6);   /* 7 each, then 0 */
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM case_fts"), 35);
  /* cases opened since: the index holds the older ones, the scan these (below a window of one too) */
  open_named(db, "Kata sandi terbaru Zebra", "Budi Baru", 0, 0);
  open_named(db, "Kata sandi Zebra kedua", "Budi Baru", 0, 0);
  static const char *const terms[] = {
    "", "a", "ka", "kat", "kata", "KATA sandi", "sandi SPSE", "sandi spse", "0123", "lupa",
    "budi", "Budi Santoso", "santoso cv",   /* across two fields: nothing */
    "spse\nbudi", "100%", "0%", "%", "_", "i_w", "ani_", "a\\b", "\\", "\\b", "ésa", "ÉSA", "Ésa Ök",
    "ökten", "maju jaya", "cv. maj", "sinar", "pt sinar abadi", "ke-1", "ke-29", "ke-3", "\"", "a\"b",
    "jadwal", "tidak", "zzz", "abc\"", "* OR", "NEAR(a b)", "kunci*", "sandi -SPSE",
    /* folded (db_fold): capitals, spaces, dots, commas and hyphens aside */
    "C.V. Maju-Jaya", "cvmaju", "CV MAJU JAYA", "ke1", "K.E.-2,9", "p.t.", "P.T. Sinar", ".", "-", " . ",
  };
  search_same(db, terms, COUNT(terms));
  /* edits of the searched fields, each by its writer or as one would write it */
  Stmt *u = db_prepare(db, "UPDATE kasus SET subject='Akun diblokir Zebra', requester_name='Yohanes Q' WHERE id=?1");
  assert_non_null(u);
  db_bind_int64(u, 1, a2);
  assert_int_equal(db_run(u), OK);
  assert_int_equal(db_exec(db, "UPDATE kasus SET org_given='Koperasi Zamrud' WHERE org_id IS NULL AND subject LIKE 'Reset%1'"), OK);
  assert_int_equal(db_exec(db, "UPDATE party SET name='PT Sinar Abadi Sentosa' WHERE name='PT Sinar Abadi'"), OK);
  static const char *const edited[] = { "zebra", "yohanes", "akun terkunci", "ani_w", "zamrud", "sentosa", "sinar abadi s", "ke-21" };
  search_same(db, edited, COUNT(edited));
  /* a merge: the cases of CV. Maju Jaya are CV Maju Jaya's, found by its name only */
  int64_t keep = unit_query_int(db, "SELECT id FROM party WHERE name='CV Maju Jaya'");
  int64_t dup = unit_query_int(db, "SELECT id FROM party WHERE name='CV. Maju Jaya'");
  assert_true(keep>0 && dup>0);
  assert_int_equal(db_exec(db, "UPDATE party SET org_type='provider' WHERE name LIKE 'CV%Maju Jaya'"), OK);
  Err e = {0};
  int mrc = party_merge(db, &admin, office_id, keep, dup, &e);
  if( mrc!=OK ) fail_msg("merge: %d %s %s", mrc, e.field ? e.field : "", e.msg ? e.msg : "");
  static const char *const merged[] = { "cv. maj", "cv maju", "maju jaya", "jadwal" };
  search_same(db, merged, COUNT(merged));
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM case_fts WHERE case_fts MATCH '\"cv. maj\"'"), 0);
  /* the index holds every case once, once brought up to date */
  assert_int_equal(search_text_catch_up(db, SEARCH_CASES, 100, &added), OK);
  assert_int_equal(added, 2);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM case_fts"), unit_query_int(db, "SELECT count(*) FROM kasus"));
  search_same(db, (const char *const[]){ "zebra", "budi baru", "kata sandi" }, 3);
  /* the plans: the index read newest first from the keyset's id, each case by its id */
  case_list_window_set(CASE_LIST_WINDOW);
  static const char *const lists[] = { CASE_SQL_LIST_FTS, CASE_SQL_LIST_FTS_STATUS };
  for(size_t i=0; i<COUNT(lists); i++){
    Buf p;
    unit_plan(db, lists[i], &p);
    if( strstr(buf_str(&p), "VIRTUAL TABLE INDEX")==0 || strstr(buf_str(&p), "SEARCH k USING INTEGER PRIMARY KEY (rowid=?)")==0
        || strstr(buf_str(&p), "TEMP B-TREE") ) fail_msg("plan %zu:\n%s", i, buf_str(&p));
    buf_free(&p);
  }
}

/* A case keeps its revision: the stored text is parsed again for an id not in the library. */
static void test_revision_loader(void **state){
  Db *db = tempdb(state);
  const Procedure *p = sop_library_find(PHONE);
  assert_non_null(p);
  assert_ptr_equal(case_procedure(db, p->id), p);
  /* make the library forget: the loader parses procedure.body of that id */
  int64_t id = p->id;
  sop_library_free();
  const Procedure *q = case_procedure(db, id);
  assert_non_null(q);
  assert_string_equal(q->code, PHONE);
  assert_int_equal(q->id, id);
  assert_ptr_equal(case_procedure(db, id), q);           /* cached */
  assert_null(case_procedure(db, 999999));
  Buf errs = BUF_INIT;
  assert_int_equal(sop_library_load(db, &errs), OK);
  buf_free(&errs);
}


int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_phone_clocks, setup, teardown),
    cmocka_unit_test_setup_teardown(test_requester_found_again, setup, teardown),
    cmocka_unit_test_setup_teardown(test_phone_yes_branch, setup, teardown),
    cmocka_unit_test_setup_teardown(test_access_loop_pause, setup, teardown),
    cmocka_unit_test_setup_teardown(test_training_task_deadlines, setup, teardown),
    cmocka_unit_test_setup_teardown(test_cancel_reopen, setup, teardown),
    cmocka_unit_test_setup_teardown(test_open_refused, setup, teardown),
    cmocka_unit_test_setup_teardown(test_numbering_concurrent, setup, teardown),
    cmocka_unit_test_setup_teardown(test_overdue_index, setup, teardown),
    cmocka_unit_test_setup_teardown(test_revision_loader, setup, teardown),
    cmocka_unit_test_setup_teardown(test_search_index, setup, teardown),
  };
  return cmocka_run_group_tests(tests, unit_group_setup, 0);
}
