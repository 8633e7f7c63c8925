/*
** test_compliance.c — the compliance report, the dashboard and the recaps on a
** fixture of phone cases (SOP-LPSE.BTG-017) walked through the engine with a
** frozen clock on Monday 5 January 2026 (office hours 07.30–12.00, 13.00–16.00
** WIB). Step 2 has a standard of 10 s real time, step 3 of 2 min office time.
** Every median, p90 and breach below is worked by hand in the comments.
*/
#include "unit.h"
#include "../../src/sop/case.h"
#include "../../src/desk/report.h"

#define PHONE "SOP-LPSE.BTG-017"

static int64_t office_id;
static const Actor admin = { 0, "admin", 0, "" };
static const Actor ani = { 0, "ani", 0, "" };
static const Actor budi = { 0, "budi", 0, "" };

static int setup(void **state){
  return unit_office_setup(state, &admin, &office_id);
}

static int teardown(void **state){
  return unit_office_teardown(state);
}

/* Open a phone case at t. */
static Case *open_at(Db *db, int64_t t){
  time_set_fake(t);
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = PHONE;
  in.channel = "phone";
  in.subject = "Lupa kata sandi SPSE";
  in.requester.name = "Budi Santoso";
  Case *c = 0;
  Err e = {0};
  if( case_open(db, &admin, &in, &c, &e)!=OK ) fail_msg("case_open: %s", e.msg ? e.msg : "");
  return c;
}

/* Complete step no at t by who. */
static void done_at(Db *db, Case *c, int no, int64_t t, const Actor *who){
  time_set_fake(t);
  Err e = {0};
  int rc = case_complete_step(db, who, c, no, "done", 0, &e);
  if( rc!=OK ) fail_msg("step %d: %d %s", no, rc, e.msg ? e.msg : "");
}

/* A phone case opened at t: step 1 done at once, step 2 after s2 seconds, step 3 after s3 more
** (s3 < 0 leaves step 3 open; s2 < 0 leaves step 2 open). Returns the case's number. */
static char *phone_case(Db *db, int64_t t, int64_t s2, int64_t s3, const Actor *who){
  Case *c = open_at(db, t);
  done_at(db, c, 1, t, who);
  if( s2 >= 0 ){
    done_at(db, c, 2, t + s2, who);
    if( s3 >= 0 ) done_at(db, c, 3, t + s2 + s3, who);
  }
  char *n = strdup(c->number);
  case_free(c);
  return n;
}

static char *num[8];

/* The fixture, all on Monday 5 January 2026 (WIB):
**   A 08:00 by ani:  step 2 in  4 s (met), step 3 in  60 s (met)
**   B 09:00 by ani:  step 2 in  8 s (met), step 3 in 100 s (met)
**   C 10:00 by budi: step 2 in 15 s (LATE), step 3 in 300 s (LATE)
**   D 11:00 by budi: step 2 in  6 s (met), step 3 in 130 s (LATE)
**   E 11:58:58 by ani: step 2 in 2 s (met); step 3 from 11:59:00 to 13:00:30 — 3690 s of
**     real time but 90 s of office time (60 s before the 12.00 break, 30 s after 13.00): met
**   F 14:00 by ani: step 2 left open, due 14:00:10: an open breach
**   G 14:30 by budi: step 2 in 5 s (met), then cancelled at step 3 (does not count)
**   H Tuesday 08:00 by ani: outside the period */
static void fixture(Db *db){
  int64_t mon = unit_at("2026-01-05T00:00:00+07:00");
  num[0] = phone_case(db, mon + 8*3600, 4, 60, &ani);
  num[1] = phone_case(db, mon + 9*3600, 8, 100, &ani);
  num[2] = phone_case(db, mon + 10*3600, 15, 300, &budi);
  num[3] = phone_case(db, mon + 11*3600, 6, 130, &budi);
  num[4] = phone_case(db, unit_at("2026-01-05T11:58:58+07:00"), 2, unit_at("2026-01-05T13:00:30+07:00") - unit_at("2026-01-05T11:59:00+07:00"), &ani);
  num[5] = phone_case(db, mon + 14*3600, -1, -1, &ani);
  num[6] = phone_case(db, unit_at("2026-01-05T14:30:00+07:00"), 5, -1, &budi);
  Case *g = 0;
  assert_int_equal(case_get(db, office_id, num[6], &g), OK);
  Err e = {0};
  time_set_fake(unit_at("2026-01-05T14:31:00+07:00"));
  assert_int_equal(case_cancel(db, &budi, g, "Penelepon menutup telepon", &e), OK);
  case_free(g);
  num[7] = phone_case(db, mon + 86400 + 8*3600, 3, 30, &ani);
}

static void free_fixture(void){
  for(int i=0; i<8; i++){ free(num[i]); num[i] = 0; }
}

/* The row of a step (and officer) in a report, or fail. */
static const ComplianceRow *row_of(const Compliance *c, int step, const char *officer){
  for(int i=0; i<c->nrows; i++){
    if( c->rows[i].step==step && strcmp(c->rows[i].officer, officer)==0 ) return &c->rows[i];
  }
  fail_msg("no row for step %d %s", step, officer);
  return 0;
}

/* Monday's report, by step: counts, medians, p90, shares and breaches as worked by hand. */
static void test_compliance_by_step(void **state){
  Db *db = tempdb(state);
  fixture(db);
  Arena a;
  arena_init(&a);
  ComplianceFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.from = unit_at("2026-01-05T00:00:00+07:00");
  f.to = unit_at("2026-01-06T00:00:00+07:00");
  f.now = unit_at("2026-01-06T09:00:00+07:00");
  Compliance c;
  assert_int_equal(compliance_report(db, &f, &c, &a), OK);
  assert_int_equal(c.nrows, 3);        /* steps 1, 2, 3 */
  /* step 1: no standard; done in A..G = 7 */
  const ComplianceRow *r1 = row_of(&c, 1, "");
  assert_int_equal(r1->done, 7);
  assert_int_equal(r1->cases, 7);
  assert_int_equal(r1->timed, 0);
  assert_true(compliance_share(r1) < 0);
  assert_null(r1->std);
  /* step 2 (10 s real): A4 B8 C15 D6 E2 G5 → 2 4 5 6 8 15; median (5+6)/2 = 5 (rounded down),
  ** p90 at rank ceil(5.4) = 6 → 15; met 5 of 6; breaches: C late, F open past due = 2 */
  const ComplianceRow *r2 = row_of(&c, 2, "");
  assert_int_equal(r2->done, 6);
  assert_int_equal(r2->cases, 6);
  assert_int_equal(r2->timed, 6);
  assert_int_equal(r2->met, 5);
  assert_int_equal(r2->median_s, 5);
  assert_int_equal(r2->p90_s, 15);
  assert_int_equal(r2->breaches, 2);
  assert_int_equal(r2->office_measure, 0);
  assert_int_equal(r2->std->kind, STD_REAL);
  assert_int_equal(r2->std->seconds, 10);
  /* step 3 (2 min office): A60 B100 C300 D130 E90 (office time) → 60 90 100 130 300;
  ** median 100, p90 at rank ceil(4.5) = 5 → 300; met 3 of 5 = 60 %; breaches C, D */
  const ComplianceRow *r3 = row_of(&c, 3, "");
  assert_int_equal(r3->done, 5);
  assert_int_equal(r3->timed, 5);
  assert_int_equal(r3->met, 3);
  assert_int_equal(r3->median_s, 100);
  assert_int_equal(r3->p90_s, 300);
  assert_int_equal(r3->breaches, 2);
  assert_int_equal(r3->office_measure, 1);
  assert_true(compliance_share(r3) > 59.99 && compliance_share(r3) < 60.01);
  /* the total: 7 + 6 + 5 = 18 done, 11 timed, 8 met, 7 cases, 4 breaches */
  assert_int_equal(c.total.done, 18);
  assert_int_equal(c.total.timed, 11);
  assert_int_equal(c.total.met, 8);
  assert_int_equal(c.total.cases, 7);
  assert_int_equal(c.breaches_total, 4);
  assert_int_equal(c.nbreaches, 4);
  /* breaches, latest due first: F step 2 (open, due 14:00:10), D step 3, C step 3, C step 2 */
  assert_string_equal(c.breaches[0].number, num[5]);
  assert_int_equal(c.breaches[0].step, 2);
  assert_int_equal(c.breaches[0].done_at, 0);
  assert_int_equal(c.breaches[0].due_at, unit_at("2026-01-05T14:00:10+07:00"));
  /* open: late until the end of the period (Tuesday 00:00), 9 h 59 min 50 s */
  assert_int_equal(c.breaches[0].late_s, 35990);
  assert_string_equal(c.breaches[1].number, num[3]);
  assert_int_equal(c.breaches[1].step, 3);
  assert_int_equal(c.breaches[1].late_s, 10);          /* 130 s against 120 */
  assert_string_equal(c.breaches[1].officer, "budi");
  assert_string_equal(c.breaches[2].number, num[2]);
  assert_int_equal(c.breaches[2].step, 3);
  assert_int_equal(c.breaches[2].late_s, 180);
  assert_string_equal(c.breaches[3].number, num[2]);
  assert_int_equal(c.breaches[3].step, 2);
  assert_int_equal(c.breaches[3].late_s, 5);
  arena_free(&a);
  free_fixture();
}

/* By officer, and filtered to one step and one officer. */
static void test_compliance_by_officer(void **state){
  Db *db = tempdb(state);
  fixture(db);
  Arena a;
  arena_init(&a);
  ComplianceFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.from = unit_at("2026-01-05T00:00:00+07:00");
  f.to = unit_at("2026-01-06T00:00:00+07:00");
  f.now = unit_at("2026-01-05T15:00:00+07:00");
  f.by_officer = 1;
  f.sop = PHONE;
  f.step = 3;
  Compliance c;
  assert_int_equal(compliance_report(db, &f, &c, &a), OK);
  assert_int_equal(c.nrows, 2);
  /* ani: A60 E90 B100 → median 90, p90 rank ceil(2.7) = 3 → 100, all met */
  const ComplianceRow *ra = row_of(&c, 3, "ani");
  assert_int_equal(ra->done, 3);
  assert_int_equal(ra->met, 3);
  assert_int_equal(ra->median_s, 90);
  assert_int_equal(ra->p90_s, 100);
  assert_int_equal(ra->breaches, 0);
  /* budi: D130 C300 → median (130+300)/2 = 215, p90 rank ceil(1.8) = 2 → 300, none met */
  const ComplianceRow *rb = row_of(&c, 3, "budi");
  assert_int_equal(rb->done, 2);
  assert_int_equal(rb->met, 0);
  assert_int_equal(rb->median_s, 215);
  assert_int_equal(rb->p90_s, 300);
  assert_int_equal(rb->breaches, 2);
  /* step 2 for ani only: A4 B8 E2 → median 4, p90 rank ceil(2.7) = 3 → 8 */
  f.step = 2;
  f.officer = "ani";
  f.by_officer = 0;
  assert_int_equal(compliance_report(db, &f, &c, &a), OK);
  assert_int_equal(c.nrows, 1);
  assert_int_equal(c.rows[0].done, 3);
  assert_int_equal(c.rows[0].median_s, 4);
  assert_int_equal(c.rows[0].p90_s, 8);
  /* F's open step is nobody's assignment: an officer filter leaves it out */
  assert_int_equal(c.breaches_total, 0);
  f.officer = 0;
  assert_int_equal(compliance_report(db, &f, &c, &a), OK);
  /* without the officer filter: F open since its due 14:00:10, now 15:00: 59 min 50 s late */
  assert_int_equal(c.breaches_total, 2);
  assert_int_equal(c.breaches[0].late_s, 3590);
  /* a procedure without cases in the period: empty */
  f.sop = "SOP 01/LPSE.OI/2012";
  f.step = 0;
  assert_int_equal(compliance_report(db, &f, &c, &a), OK);
  assert_int_equal(c.nrows, 0);
  assert_int_equal(c.total.done, 0);
  arena_free(&a);
  free_fixture();
}

/* The dashboard on Tuesday 09:00: open cases, overdue steps, this month's share, the slowest
** steps, and ani's own figures. */
static void test_dashboard_figures(void **state){
  Db *db = tempdb(state);
  fixture(db);
  Arena a;
  arena_init(&a);
  Dashboard d;
  int64_t now = unit_at("2026-01-06T09:00:00+07:00");
  assert_int_equal(dashboard_get(db, office_id, "WIB", now, "ani", &d, &a), OK);
  /* open: A..E and H wait at step 4 (the caller's), F at step 2; G was cancelled */
  assert_int_equal(d.open_cases, 7);
  assert_int_equal(d.opened_today, 1);          /* H, Tuesday */
  assert_int_equal(d.closed_today, 0);
  /* overdue now: F's step 2; H's step 4 has no standard */
  assert_int_equal(d.overdue_steps, 1);
  /* January: A..E and G and H: timed steps 6 (step 2 Monday) + 5 (step 3 Monday) + 2 (H) = 13,
  ** met 5 + 3 + 2 = 10; December: nothing */
  assert_int_equal(d.month_timed, 13);
  assert_int_equal(d.month_met, 10);
  assert_int_equal(d.last_timed, 0);
  /* slowest: step 3 (p90 300 s against 120) before step 2 (15 against 10) */
  assert_true(d.nslowest >= 2);
  assert_int_equal(d.slowest[0].step, 3);
  assert_int_equal(d.slowest[1].step, 2);
  /* ani: A B E H steps 1-3 (H too) and F step 1: 3+3+3+3+1 = 13 done; timed 8, all met */
  assert_int_equal(d.my_done_month, 13);
  assert_int_equal(d.my_month_timed, 8);
  assert_int_equal(d.my_month_met, 8);
  /* the steps overdue (/metrics, the dashboard) counted on the index alone: no row read to
  ** tell whether a step's clock is held */
  Buf p;
  unit_plan(db, DASH_SQL_STEPS_OVERDUE, &p);
  if( strstr(buf_str(&p), "COVERING INDEX case_step_due (office_id=? AND due_at<?)")==0 ) fail_msg("plan:\n%s", buf_str(&p));
  buf_free(&p);
  arena_free(&a);
  free_fixture();
}

/* The phone recap per day, and the escalation recap: B goes the "no" way below. */
static void test_recaps(void **state){
  Db *db = tempdb(state);
  fixture(db);
  Arena a;
  arena_init(&a);
  Recap r;
  int64_t from = unit_at("2026-01-04T00:00:00+07:00"), to = unit_at("2026-01-07T00:00:00+07:00");
  assert_int_equal(recap_build(db, recap_find("telepon"), office_id, "WIB", from, to, 0, &r, &a), OK);
  assert_int_equal(r.nrows, 3);
  assert_string_equal(r.rows[0].label, "2026-01-04");
  assert_int_equal(r.rows[0].v[0], 0);
  assert_string_equal(r.rows[1].label, "2026-01-05");
  assert_int_equal(r.rows[1].v[0], 7);          /* A..G opened Monday */
  assert_int_equal(r.rows[1].v[1], 0);          /* none finished: step 4.. still to do */
  assert_int_equal(r.rows[2].v[0], 1);          /* H */
  assert_int_equal(r.total[0], 8);
  /* by month: one bucket */
  assert_int_equal(recap_build(db, recap_find("telepon"), office_id, "WIB", from, to, 1, &r, &a), OK);
  assert_int_equal(r.nrows, 1);
  assert_string_equal(r.rows[0].label, "2026-01");
  assert_int_equal(r.rows[0].v[0], 8);
  /* an escalated phone case: opened 10:00 Wednesday, "no" at step 5 → step 8, closed 10:20 */
  Case *c = open_at(db, unit_at("2026-01-07T10:00:00+07:00"));
  done_at(db, c, 1, unit_at("2026-01-07T10:00:00+07:00"), &ani);
  done_at(db, c, 2, unit_at("2026-01-07T10:00:05+07:00"), &ani);
  done_at(db, c, 3, unit_at("2026-01-07T10:01:00+07:00"), &ani);
  done_at(db, c, 4, unit_at("2026-01-07T10:02:00+07:00"), &ani);
  time_set_fake(unit_at("2026-01-07T10:05:00+07:00"));
  Err e = {0};
  assert_int_equal(case_complete_step(db, &ani, c, 5, "no", 0, &e), OK);
  done_at(db, c, 8, unit_at("2026-01-07T10:20:00+07:00"), &ani);
  assert_string_equal(c->status, "closed");
  case_free(c);
  assert_int_equal(recap_build(db, recap_find("eskalasi"), office_id, "WIB", from,
                               unit_at("2026-02-01T00:00:00+07:00"), 1, &r, &a), OK);
  assert_int_equal(r.rows[0].v[0], 1);
  assert_int_equal(r.rows[0].v[1], 1);
  assert_int_equal(r.rows[0].v[2], 20*60);      /* turnaround 20 minutes */
  assert_int_equal(r.total[2], 1200);
  /* ratings from the portal, by when they were given (portal_rating, one a closing): 5 on 6 January, 3 on 3 February */
  char sql[900];
  snprintf(sql, sizeof sql,
    "INSERT INTO portal_ticket(office_id, case_id, number, name, created_at, rating, rated_at) VALUES"
    " (%lld, (SELECT min(id) FROM kasus), 'T1', 'Budi', 0, 5, %lld),"
    " (%lld, (SELECT max(id) FROM kasus), 'T2', 'Sari', 0, 3, %lld);"
    "INSERT INTO portal_rating(office_id, ticket_id, score, rated_at) SELECT office_id, id, rating, rated_at FROM portal_ticket",
    (long long)office_id, (long long)unit_at("2026-01-06T10:00:00+07:00"),
    (long long)office_id, (long long)unit_at("2026-02-03T10:00:00+07:00"));
  assert_int_equal(db_exec(db, sql), OK);
  assert_int_equal(recap_build(db, recap_find("penilaian"), office_id, "WIB", from,
                               unit_at("2026-03-01T00:00:00+07:00"), 1, &r, &a), OK);
  assert_int_equal(r.nrows, 2);                 /* January (from the 4th) and February */
  assert_string_equal(r.rows[1].label, "2026-02");
  assert_int_equal(r.rows[0].v[0], 1);
  assert_int_equal(r.rows[0].v[1], 1);          /* one 5 */
  assert_int_equal(r.rows[1].v[3], 1);          /* one 3 */
  assert_int_equal(r.total[0], 2);
  /* T1 reopened, closed again and rated 2 on 10 February: counted once, with its last rating in the span;
  ** January alone still counts the 5 given then */
  snprintf(sql, sizeof sql, "INSERT INTO portal_rating(office_id, ticket_id, score, rated_at)"
                            " SELECT office_id, id, 2, %lld FROM portal_ticket WHERE number='T1'",
           (long long)unit_at("2026-02-10T10:00:00+07:00"));
  assert_int_equal(db_exec(db, sql), OK);
  assert_int_equal(recap_build(db, recap_find("penilaian"), office_id, "WIB", from,
                               unit_at("2026-03-01T00:00:00+07:00"), 1, &r, &a), OK);
  assert_int_equal(r.rows[0].v[0], 0);          /* the 5 superseded in this span */
  assert_int_equal(r.rows[1].v[0], 2);
  assert_int_equal(r.rows[1].v[3], 1);          /* T2's 3 */
  assert_int_equal(r.rows[1].v[4], 1);          /* T1's 2 */
  assert_int_equal(r.total[0], 2);              /* two tickets, not three ratings */
  assert_int_equal(recap_build(db, recap_find("penilaian"), office_id, "WIB", from,
                               unit_at("2026-02-01T00:00:00+07:00"), 1, &r, &a), OK);
  assert_int_equal(r.total[0], 1);
  assert_int_equal(r.total[1], 1);              /* January's report as it was: the 5 */
  /* a period of more than 400 days is refused */
  assert_int_equal(recap_build(db, recap_find("telepon"), office_id, "WIB", from, from + 401*86400LL, 0, &r, &a),
                   ERR_INVALID);
  assert_null(recap_find("nope"));
  arena_free(&a);
  free_fixture();
}

/* The text of the one outbox row, or fail. */
static char *outbox_body(Db *db, const char *to){
  Stmt *q = db_prepare(db, "SELECT subject || '\n' || body FROM outbox WHERE to_addr=?1");
  db_bind_text(q, 1, to);
  char *z = db_step(q)==DB_ROW ? strdup(db_col_text(q, 0)) : 0;
  db_reset(q);
  if( z==0 ) fail_msg("no mail to %s", to);
  return z;
}

/* The monthly report goes to the head (ketua) on the first working day of February (Monday
** 2 February 2026: the 1st is a Sunday), once; the secretary and a head without an address
** get nothing. */
static void test_monthly_mail_on_first_working_day(void **state){
  Db *db = tempdb(state);
  fixture(db);
  char sql[600];
  snprintf(sql, sizeof sql,
    "INSERT INTO users(id, office_id, username, full_name, email, pw_hash, created_at, pw_changed_at) VALUES"
    " (101, %lld, 'kepala', 'Ibu Kepala', 'kepala@lpse.example.go.id', 'x', 0, 0),"
    " (102, %lld, 'sekre', 'Pak Sekretaris', 'sekre@lpse.example.go.id', 'x', 0, 0),"
    " (103, %lld, 'kepala2', 'Tanpa Surel', '', 'x', 0, 0);"
    "INSERT INTO user_role(user_id, office_id, role) VALUES (101, %lld, 'ketua'), (102, %lld, 'sekretaris'), (103, %lld, 'ketua');",
    (long long)office_id, (long long)office_id, (long long)office_id, (long long)office_id, (long long)office_id, (long long)office_id);
  assert_int_equal(db_exec(db, sql), OK);
  int n = -1;
  /* no head with an address yet on the first working day: the month is not spent, nothing sent */
  assert_int_equal(db_exec(db, "UPDATE users SET email='' WHERE id=101"), OK);
  assert_int_equal(report_mail_due(db, unit_at("2026-02-02T00:01:00+07:00"), "https://lpse.example.go.id", &n), OK);
  assert_int_equal(n, 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM report_mail"), 0);
  assert_int_equal(db_exec(db, "UPDATE users SET email='kepala@lpse.example.go.id' WHERE id=101"), OK);
  /* Sunday 1 February: not yet */
  assert_int_equal(report_mail_due(db, unit_at("2026-02-01T10:00:00+07:00"), "https://lpse.example.go.id", &n), OK);
  assert_int_equal(n, 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM outbox"), 0);
  /* Monday 2 February, from midnight: January's report to the head */
  assert_int_equal(report_mail_due(db, unit_at("2026-02-02T00:05:00+07:00"), "https://lpse.example.go.id", &n), OK);
  assert_int_equal(n, 1);
  char *m = outbox_body(db, "kepala@lpse.example.go.id");
  assert_contains(m, "Laporan kepatuhan bulanan Januari 2026");
  assert_contains(m, "Yth. Ibu Kepala");
  /* January: 8 cases (A..H), steps done 18 + 3 (H) = 21, timed 13, met 10 = 76,9 %, breaches:
  ** C's two, D's step 3, and F's step 2 (open past due) = 4 */
  assert_contains(m, "Kasus yang dikerjakan:                      8\n");
  assert_contains(m, "Langkah yang selesai:                       21\n");
  assert_contains(m, "\nLangkah dan butir persiapan berstandar waktu: 13\n");
  assert_contains(m, "  selesai dalam standar waktu:              10 (76,9 %)\n");
  /* the breaches said apart: done past the standard (C's two, D's step 3) and still open (F's step 2) */
  assert_contains(m, "  selesai melewati standar waktu:           3\n");
  assert_contains(m, "Langkah belum selesai, lewat batas waktu:   1\n");
  assert_contains(m, "Pelanggaran (melewati standar + lewat batas waktu): 4\n");
  /* step 3 in January: A60 B100 C300 D130 E90 H30 → 30 60 90 100 130 300: median 95, p90 300 */
  assert_contains(m, "SOP-LPSE.BTG-017 langkah 3: 4/6 (66,7 %), median 1 menit 35 detik, p90 5 menit\n"
                     "  pelanggaran 2: 2 selesai terlambat\n");
  /* step 2: one done late, and F's still open past due */
  assert_contains(m, "SOP-LPSE.BTG-017 langkah 2: 6/7 (85,7 %), median 5 detik, p90 15 detik\n"
                     "  pelanggaran 2: 1 selesai terlambat, 1 belum selesai lewat batas waktu\n");
  assert_contains(m, "SOP-LPSE.BTG-017 langkah 1: tanpa standar waktu, 8 langkah selesai\n- ");
  assert_contains(m, "https://lpse.example.go.id/laporan/kepatuhan?from=2026-01-01&to=2026-01-31");
  free(m);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM outbox"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM report_mail WHERE month='2026-01' AND recipients=1"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='report.mail'"), 1);
  /* later the same month: not again */
  assert_int_equal(report_mail_due(db, unit_at("2026-02-10T09:00:00+07:00"), "", &n), OK);
  assert_int_equal(n, 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM outbox"), 1);
  free_fixture();
}

/* The office's head (ketua), Ibu Kepala, with an address. */
static void head_add(Db *db){
  char sql[300];
  snprintf(sql, sizeof sql,
    "INSERT INTO users(id, office_id, username, full_name, email, pw_hash, created_at, pw_changed_at) VALUES"
    " (101, %lld, 'kepala', 'Ibu Kepala', 'kepala@lpse.example.go.id', 'x', 0, 0);"
    "INSERT INTO user_role(user_id, office_id, role) VALUES (101, %lld, 'ketua');", (long long)office_id, (long long)office_id);
  assert_int_equal(db_exec(db, sql), OK);
}

/* No report for a month that ended before the office's first case (the fixture's are from
** 5 January 2026): December 2025 is not mailed, nothing claimed; January is. */
static void test_monthly_mail_not_before_first_case(void **state){
  Db *db = tempdb(state);
  fixture(db);
  head_add(db);
  int n = -1;
  assert_int_equal(report_mail_due(db, unit_at("2026-01-02T08:00:00+07:00"), "https://lpse.example.go.id", &n), OK);
  assert_int_equal(n, 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM report_mail"), 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM outbox"), 0);
  assert_int_equal(report_mail_due(db, unit_at("2026-02-02T08:00:00+07:00"), "https://lpse.example.go.id", &n), OK);
  assert_int_equal(n, 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM report_mail WHERE month='2026-01'"), 1);
  free_fixture();
}

/* The mail thread passes no base: the link in the mail is loket.conf's public_url, absolute. */
static void test_monthly_mail_link_from_public_url(void **state){
  Db *db = tempdb(state);
  fixture(db);
  head_add(db);
  config_public_url_set("https://lpse.batangkab.go.id");
  int n = -1;
  assert_int_equal(report_mail_due(db, unit_at("2026-02-02T08:00:00+07:00"), "", &n), OK);
  config_public_url_set("");
  assert_int_equal(n, 1);
  char *m = outbox_body(db, "kepala@lpse.example.go.id");
  assert_contains(m, "https://lpse.batangkab.go.id/laporan/kepatuhan?from=2026-01-01&to=2026-01-31");
  free(m);
  free_fixture();
}

/* The report in the head's language: a head who chose English reads it in English (the lines per
** step and per officer, the month, the durations, the decimal point), one who chose none reads
** the office's default (loket.conf default_lang), the other head the Indonesian. */
static void test_monthly_mail_in_the_heads_language(void **state){
  Db *db = tempdb(state);
  fixture(db);
  head_add(db);
  char sql[600];
  snprintf(sql, sizeof sql,
    "INSERT INTO users(id, office_id, username, full_name, email, pw_hash, created_at, pw_changed_at, lang) VALUES"
    " (104, %lld, 'wakil', 'Pak Wakil', 'wakil@lpse.example.go.id', 'x', 0, 0, 'id'),"
    " (105, %lld, 'tamu', 'Mr Guest', 'guest@lpse.example.go.id', 'x', 0, 0, 'en');"
    "INSERT INTO user_role(user_id, office_id, role) VALUES (104, %lld, 'ketua'), (105, %lld, 'ketua');",
    (long long)office_id, (long long)office_id, (long long)office_id, (long long)office_id);
  assert_int_equal(db_exec(db, sql), OK);
  assert_int_equal(db_exec(db, "UPDATE users SET lang='' WHERE id=101"), OK);
  config_default_lang_set("en");   /* the office's default: Ibu Kepala chose none */
  int n = -1;
  assert_int_equal(report_mail_due(db, unit_at("2026-02-02T08:00:00+07:00"), "https://lpse.example.go.id", &n), OK);
  config_default_lang_set("id");
  assert_int_equal(n, 3);
  static const char *const en[] = { "guest@lpse.example.go.id", "kepala@lpse.example.go.id" };
  for(int i=0; i<2; i++){
    char *m = outbox_body(db, en[i]);
    assert_contains(m, "Monthly compliance report January 2026 — ");
    assert_contains(m, "(1 January 2026 – 31 January 2026)");
    assert_contains(m, "  done within the time standard:            10 (76.9 %)\n");
    assert_contains(m, "SOP-LPSE.BTG-017 step 3: 4/6 (66.7 %), median 1 minute 35 seconds, p90 5 minutes\n"
                       "  breaches 2: 2 done late\n");
    assert_contains(m, "SOP-LPSE.BTG-017 step 2: 6/7 (85.7 %), median 5 seconds, p90 15 seconds\n"
                       "  breaches 2: 1 done late, 1 still open past the due time\n");
    assert_contains(m, "SOP-LPSE.BTG-017 step 1: no time standard, steps done: 8\n- ");
    assert_null(strstr(m, "langkah"));
    assert_null(strstr(m, "detik"));
    free(m);
  }
  char *m = outbox_body(db, "wakil@lpse.example.go.id");
  assert_contains(m, "Laporan kepatuhan bulanan Januari 2026");
  assert_contains(m, "SOP-LPSE.BTG-017 langkah 3: 4/6 (66,7 %), median 1 menit 35 detik, p90 5 menit\n");
  free(m);
  free_fixture();
}

/* A deployment hosting many offices (a province, the national agency): every office's head
** gets the report, the 70th as the 1st (offices in WIT, whose February starts at 15.00 UTC). */
static void test_monthly_mail_every_office(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  for(int i=1; i<=70; i++){
    char code[16], sql[400];
    int64_t id = 0;
    snprintf(code, sizeof code, "K%02d", i);
    assert_int_equal(office_create(db, &admin, code, code, "WIT", &id, &e), OK);
    snprintf(sql, sizeof sql,
      "INSERT INTO users(id, office_id, username, full_name, email, pw_hash, created_at, pw_changed_at) VALUES"
      " (%d, %lld, 'kepala%d', 'Kepala %s', 'kepala%d@lpse.example.go.id', 'x', 0, 0);"
      "INSERT INTO user_role(user_id, office_id, role) VALUES (%d, %lld, 'ketua');",
      1000+i, (long long)id, i, code, i, 1000+i, (long long)id);
    assert_int_equal(db_exec(db, sql), OK);
    /* each office at work since January (a month before its first case gets no report) */
    snprintf(sql, sizeof sql,
      "INSERT INTO kasus(office_id, number, procedure_id, sop_code, channel, subject, urgency, impact, priority, status,"
      " opened_at, opened_by) SELECT %lld, 'K-%d', id, code, 'phone', 'Tanya', 'mendesak', 'kecil', 'rendah', 'closed', %lld, 'x'"
      " FROM procedure ORDER BY id LIMIT 1",
      (long long)id, i, (long long)unit_at("2026-01-05T08:00:00+09:00"));
    assert_int_equal(db_exec(db, sql), OK);
  }
  int n = -1;
  /* Monday 2 February 2026, 08.00 WIT */
  assert_int_equal(report_mail_due(db, unit_at("2026-02-02T08:00:00+09:00"), "https://lpse.example.go.id", &n), OK);
  assert_int_equal(n, 70);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM report_mail WHERE month='2026-01'"), 70);
  char *m = outbox_body(db, "kepala70@lpse.example.go.id");
  assert_contains(m, "Laporan kepatuhan bulanan Januari 2026 — K70");
  free(m);
}

/* Month and day starts in the office's zone; durations in words. */
static void test_periods_and_durations(void **state){
  int64_t t = unit_at("2026-03-01T03:00:00+07:00");
  assert_int_equal(report_month_start(t, "WIB", 0), unit_at("2026-03-01T00:00:00+07:00"));
  assert_int_equal(report_month_start(t, "WIB", -1), unit_at("2026-02-01T00:00:00+07:00"));
  assert_int_equal(report_month_start(t, "WIB", -3), unit_at("2025-12-01T00:00:00+07:00"));
  assert_int_equal(report_month_start(t, "WIT", 1), unit_at("2026-04-01T00:00:00+09:00"));
  /* 03:00 WIB on 1 March is still 28 February in UTC */
  assert_int_equal(report_day_start(t, "WIB"), unit_at("2026-03-01T00:00:00+07:00"));
  Arena a;
  arena_init(&a);
  /* the words come from the catalogue (loaded in main): Indonesian by po/id.po, English the msgids */
  assert_string_equal(report_duration(&a, 45, "id"), "45 detik");
  assert_string_equal(report_duration(&a, 45, "en"), "45 seconds");
  assert_string_equal(report_duration(&a, 1, "en"), "1 second");
  assert_string_equal(report_duration(&a, 95, "id"), "1 menit 35 detik");
  assert_string_equal(report_duration(&a, 95, "en"), "1 minute 35 seconds");
  assert_string_equal(report_duration(&a, 120, "en"), "2 minutes");
  assert_string_equal(report_duration(&a, 121, "en"), "2 minutes 1 second");
  assert_string_equal(report_duration(&a, 3725, "id"), "1 jam 2 menit");
  assert_string_equal(report_duration(&a, 3725, "en"), "1 hour 2 minutes");
  assert_string_equal(report_duration(&a, 7200, "en"), "2 hours");
  assert_string_equal(report_duration(&a, 26*3600 + 60, "en"), "26 hours 1 minute");
  assert_string_equal(report_duration(&a, 3*86400 + 7200, "id"), "3 hari 2 jam");
  assert_string_equal(report_duration(&a, 2*86400 + 3*3600, "en"), "2 days 3 hours");
  assert_string_equal(report_duration(&a, 2*86400 + 3600, "en"), "2 days 1 hour");
  assert_string_equal(report_duration(&a, 5*86400, "en"), "5 days");
  assert_string_equal(report_duration(&a, -1, "id"), "—");
  assert_string_equal(report_duration(&a, -1, "en"), "—");
  arena_free(&a);
}

/* A report's period filled in from what was given: this month; `from` alone up to today (its own
** day when later); `to` alone from the first of its month. */
static void test_period_fill(void **state){
  (void)state;
  int64_t now = unit_at("2026-03-10T09:00:00+07:00");
  int64_t from = 0, to = 0;
  report_period_fill(&from, &to, now, "WIB");
  assert_int_equal(from, unit_at("2026-03-01T00:00:00+07:00"));
  assert_int_equal(to, unit_at("2026-04-01T00:00:00+07:00"));
  /* from alone: up to the end of today, not to the end of from's month */
  from = unit_at("2026-01-15T00:00:00+07:00"); to = 0;
  report_period_fill(&from, &to, now, "WIB");
  assert_int_equal(from, unit_at("2026-01-15T00:00:00+07:00"));
  assert_int_equal(to, unit_at("2026-03-11T00:00:00+07:00"));
  /* from today: today alone */
  from = unit_at("2026-03-10T00:00:00+07:00"); to = 0;
  report_period_fill(&from, &to, now, "WIB");
  assert_int_equal(to, unit_at("2026-03-11T00:00:00+07:00"));
  /* from after today: that day alone */
  from = unit_at("2026-03-20T00:00:00+07:00"); to = 0;
  report_period_fill(&from, &to, now, "WIB");
  assert_int_equal(to, unit_at("2026-03-21T00:00:00+07:00"));
  /* to alone (exclusive end after 5 February): from 1 February */
  from = 0; to = unit_at("2026-02-06T00:00:00+07:00");
  report_period_fill(&from, &to, now, "WIB");
  assert_int_equal(from, unit_at("2026-02-01T00:00:00+07:00"));
  assert_int_equal(to, unit_at("2026-02-06T00:00:00+07:00"));
  /* both given: left as they are (a to before from is the caller's to refuse) */
  from = unit_at("2026-02-06T00:00:00+07:00"); to = unit_at("2026-02-01T00:00:00+07:00");
  report_period_fill(&from, &to, now, "WIB");
  assert_int_equal(from, unit_at("2026-02-06T00:00:00+07:00"));
  assert_int_equal(to, unit_at("2026-02-01T00:00:00+07:00"));
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_compliance_by_step, setup, teardown),
    cmocka_unit_test_setup_teardown(test_compliance_by_officer, setup, teardown),
    cmocka_unit_test_setup_teardown(test_dashboard_figures, setup, teardown),
    cmocka_unit_test_setup_teardown(test_recaps, setup, teardown),
    cmocka_unit_test_setup_teardown(test_monthly_mail_on_first_working_day, setup, teardown),
    cmocka_unit_test_setup_teardown(test_monthly_mail_not_before_first_case, setup, teardown),
    cmocka_unit_test_setup_teardown(test_monthly_mail_link_from_public_url, setup, teardown),
    cmocka_unit_test_setup_teardown(test_monthly_mail_in_the_heads_language, setup, teardown),
    cmocka_unit_test_setup_teardown(test_monthly_mail_every_office, setup, teardown),
    cmocka_unit_test(test_periods_and_durations),
    cmocka_unit_test(test_period_fill),
  };
  /* the catalogue, as the server loads it: durations in words are the reader's language */
  char err[256];
  if( i18n_load(err, sizeof err)!=OK ){ fprintf(stderr, "i18n_load: %s\n", err); return 1; }
  return cmocka_run_group_tests_name("compliance", tests, unit_group_setup, NULL);
}
