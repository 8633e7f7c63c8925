/*
** test_watch.c — the SLA watcher on a frozen clock: an OI-02 case whose step 2 (helpdesk,
** 10 minutes of office time) starts Monday 08:00 WIB and is due 08:10. The warning goes at
** 80% (08:08, not at 08:07) to the helpdesk users and the assigned user, the breach after
** 08:10 to ketua and sekretaris; a second pass sends nothing new; the mails are queued to
** the recipients with an address; marking read; the pass goes through the partial index.
*/
#include "unit.h"
#include "../../src/sop/case.h"
#include "../../src/sop/watch.h"

#define HELPDESK "SOP 02/LPSE.OI/2012"
#define PW "Kata-sandi-uji-2026"

static int64_t office_id;
static const Actor admin = { 0, "admin", 0, "" };

/* Add a user of the office holding one role; 0 on failure. */
/* A user of the office holding role, and the administrator's role too when also_admin (one who
** may be given any decision step); its id, 0 on error. */
static int64_t add_user_as(Db *db, const char *name, const char *email, const char *role, int also_admin){
  const char *roles[] = { role, "admin" };
  UserNew u = { office_id, name, name, email, PW, roles, also_admin ? 2 : 1, 0 };
  Err e = {0};
  int64_t id = 0;
  if( user_create(db, &admin, &u, &id, &e)!=OK ) return 0;
  return id;
}
#define add_user(db, name, email, role) add_user_as(db, name, email, role, 0)

static int64_t hana, heru, kartini, sari, siti, dodi;

/* A temporary database with an office, the ten procedures and the staff the notices go to. */
static int setup(void **state){
  char err[256];
  if( i18n_load(err, sizeof err)!=OK ) return -1;   /* the mails speak Indonesian, as in the server */
  if( unit_office_setup(state, &admin, &office_id) ) return -1;
  Db *db = tempdb(state);
  hana = add_user(db, "hana", "hana@lpse.example.go.id", "helpdesk");     /* helpdesk, with mail */
  heru = add_user(db, "heru", "", "helpdesk");                            /* helpdesk, no address */
  kartini = add_user_as(db, "kartini", "kartini@lpse.example.go.id", "ketua", 1);   /* may be given step 2, a decision */
  sari = add_user(db, "sari", "sari@lpse.example.go.id", "sekretaris");
  siti = add_user_as(db, "siti", "siti@lpse.example.go.id", "staf", 1);   /* not an actor; may be given a decision */
  dodi = add_user(db, "dodi", "dodi@lpse.example.go.id", "helpdesk");     /* disabled below */
  if( !hana || !heru || !kartini || !sari || !siti || !dodi ) return -1;
  if( user_set_disabled(db, &admin, dodi, 1, 0, 0)!=OK ) return -1;
  return 0;
}

/* Close the database; the clock runs again. */
static int teardown(void **state){
  return unit_office_teardown(state);
}

/* Open an OI-02 case and complete step 1 at the moment given (0: the frozen time): step 2
** (helpdesk) starts then. */
static Case *open_at_step2_at(Db *db, const char *when){
  if( when ) time_set_fake(unit_at(when));
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = HELPDESK;
  in.channel = "email";
  in.subject = "Tidak bisa unggah dokumen penawaran";
  in.requester.name = "Budi Santoso";
  in.requester.email = "budi@example.com";
  Case *c = 0;
  Err e = {0};
  int rc = case_open(db, &admin, &in, &c, &e);
  if( rc!=OK ) fail_msg("case_open: %d %s %s", rc, e.field ? e.field : "", e.msg ? e.msg : "");
  assert_int_equal(case_complete_step(db, &admin, c, 1, "done", 0, &e), OK);
  return c;
}

/* The same at the frozen time, Monday 08:00: step 2 is due at 08:10. */
static Case *open_at_step2(Db *db){
  Case *c = open_at_step2_at(db, 0);
  assert_int_equal(c->current_step, 2);
  assert_int_equal(c->steps[c->nsteps-1].due_at, unit_at("2026-01-05T08:10:00+07:00"));
  return c;
}

/* How many notices of a kind one user has. */
static int64_t notices_of(Db *db, int64_t user, const char *kind){
  Stmt *q = db_prepare(db, "SELECT count(*) FROM notice WHERE to_user_id=?1 AND kind=?2");
  assert_non_null(q);
  db_bind_int64(q, 1, user);
  db_bind_text(q, 2, kind);
  int64_t n = db_step(q)==DB_ROW ? db_col_int64(q, 0) : -1;
  db_reset(q);
  return n;
}

/* How many mails are queued to an address with a subject starting so. */
static int64_t mails_to(Db *db, const char *addr, const char *subject_prefix){
  Stmt *q = db_prepare(db, "SELECT count(*) FROM outbox WHERE to_addr=?1 AND substr(subject,1,length(?2))=?2");
  assert_non_null(q);
  db_bind_text(q, 1, addr);
  db_bind_text(q, 2, subject_prefix);
  int64_t n = db_step(q)==DB_ROW ? db_col_int64(q, 0) : -1;
  db_reset(q);
  return n;
}

/* Warning at 80% (not before), breach after the due time, each once, to the right people. */
static void test_warning_then_breach(void **state){
  Db *db = tempdb(state);
  Case *c = open_at_step2(db);
  WatchCounts w;

  /* 08:07: 70% of the standard, nothing yet */
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:07:00+07:00"), &w), OK);
  assert_int_equal(w.warnings + w.breaches + w.notices + w.mails, 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM notice"), 0);

  /* 08:08: 80%: the warning, to the active helpdesk users */
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:08:00+07:00"), &w), OK);
  assert_int_equal(w.warnings, 1);
  assert_int_equal(w.breaches, 0);
  assert_int_equal(w.notices, 2);
  assert_int_equal(w.mails, 1);                    /* heru has no address */
  assert_int_equal(notices_of(db, hana, "warning"), 1);
  assert_int_equal(notices_of(db, heru, "warning"), 1);
  assert_int_equal(notices_of(db, dodi, "warning"), 0);   /* disabled */
  assert_int_equal(notices_of(db, siti, "warning"), 0);   /* not an actor of the step */
  assert_int_equal(notices_of(db, kartini, "warning"), 0);
  assert_int_equal(mails_to(db, "hana@lpse.example.go.id", "Peringatan waktu layanan"), 1);
  /* the mail names the case, the step and the due time as people here write it */
  Stmt *q = db_prepare(db, "SELECT subject, body FROM outbox WHERE to_addr='hana@lpse.example.go.id'");
  assert_non_null(q);
  assert_int_equal(db_step(q), DB_ROW);
  assert_contains(db_col_text(q, 0), c->number);
  assert_contains(db_col_text(q, 1), "5 Januari 2026, 08.10 WIB");
  assert_contains(db_col_text(q, 1), "Yth. hana");
  assert_contains(db_col_text(q, 1), "Tidak bisa unggah dokumen penawaran");
  db_reset(q);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='sla.warning'"), 1);

  /* again at 08:09: nothing new */
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:09:00+07:00"), &w), OK);
  assert_int_equal(w.warnings + w.breaches + w.notices + w.mails, 0);

  /* 08:10 exactly: due, not yet past */
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:10:00+07:00"), &w), OK);
  assert_int_equal(w.breaches, 0);

  /* 08:10:01: the breach, to ketua and sekretaris */
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:10:01+07:00"), &w), OK);
  assert_int_equal(w.warnings, 0);
  assert_int_equal(w.breaches, 1);
  assert_int_equal(w.notices, 2);
  assert_int_equal(w.mails, 2);
  assert_int_equal(notices_of(db, kartini, "breach"), 1);
  assert_int_equal(notices_of(db, sari, "breach"), 1);
  assert_int_equal(notices_of(db, hana, "breach"), 0);
  assert_int_equal(mails_to(db, "kartini@lpse.example.go.id", "Pelanggaran waktu layanan"), 1);
  assert_int_equal(mails_to(db, "sari@lpse.example.go.id", "Pelanggaran waktu layanan"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='sla.breach'"), 1);

  /* a second pass (and a much later one) sends nothing new */
  int64_t mails = unit_query_int(db, "SELECT count(*) FROM outbox");
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:20:00+07:00"), &w), OK);
  assert_int_equal(w.warnings + w.breaches + w.notices + w.mails, 0);
  assert_int_equal(watch_pass(db, unit_at("2026-01-06T08:00:00+07:00"), &w), OK);
  assert_int_equal(w.warnings + w.breaches + w.notices + w.mails, 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM outbox"), mails);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM notice"), 4);

  /* the user's list, newest first, and marking read */
  Arena a;
  arena_init(&a);
  NoticeRow *rows;
  int n;
  assert_int_equal(notice_list(db, office_id, hana, 50, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(rows[0].kind, "warning");
  assert_string_equal(rows[0].number, c->number);
  assert_int_equal(rows[0].step_no, 2);
  assert_int_equal(rows[0].due_at, unit_at("2026-01-05T08:10:00+07:00"));
  assert_int_equal(rows[0].read_at, 0);
  assert_true(strlen(rows[0].step_title)>0);
  assert_int_equal(notice_unread(db, office_id, hana), 1);
  Actor h = { hana, "hana", office_id, "" };
  int marked = -1;
  assert_int_equal(notice_mark_read(db, &h, office_id, hana, unit_at("2026-01-05T08:30:00+07:00"), &marked), OK);
  assert_int_equal(marked, 1);
  assert_int_equal(notice_unread(db, office_id, hana), 0);
  assert_int_equal(notice_unread(db, office_id, kartini), 1);   /* only her own */
  assert_int_equal(notice_mark_read(db, &h, office_id, hana, unit_at("2026-01-05T08:31:00+07:00"), &marked), OK);
  assert_int_equal(marked, 0);
  arena_free(&a);
  case_free(c);
}

/* The assigned user gets both; a share of 50% warns at 08:05; a late first pass sends both
** kinds; a completed step is no longer watched. */
static void test_assigned_and_share(void **state){
  Db *db = tempdb(state);
  watch_configure(50);   /* applied as the step starts */
  Case *c = open_at_step2(db);
  watch_configure(80);
  Err e = {0};
  assert_int_equal(case_assign(db, &admin, c, 0, 0, "siti", &e), OK);
  WatchCounts w;
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:04:59+07:00"), &w), OK);
  assert_int_equal(w.warnings, 0);
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:05:00+07:00"), &w), OK);
  assert_int_equal(w.warnings, 1);
  assert_int_equal(notices_of(db, siti, "warning"), 1);
  assert_int_equal(notices_of(db, hana, "warning"), 1);
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T09:00:00+07:00"), &w), OK);
  assert_int_equal(w.breaches, 1);
  assert_int_equal(notices_of(db, siti, "breach"), 1);
  assert_int_equal(notices_of(db, kartini, "breach"), 1);
  assert_int_equal(mails_to(db, "siti@lpse.example.go.id", "Pelanggaran waktu layanan"), 1);
  case_free(c);

  /* a second case, first seen long after its due time: the breach alone (a warning that it is
  ** nearly due would be false by then) */
  time_set_fake(unit_at("2026-01-05T08:00:00+07:00"));
  Case *d = open_at_step2(db);
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T09:00:00+07:00"), &w), OK);
  assert_int_equal(w.warnings, 0);
  assert_int_equal(w.breaches, 1);
  /* once done, the step is not watched: a third case completed before its warning */
  Case *f = open_at_step2(db);
  time_set_fake(unit_at("2026-01-05T08:02:00+07:00"));
  assert_int_equal(case_complete_step(db, &admin, f, 2, "yes", 0, &e), OK);
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:09:00+07:00"), &w), OK);
  assert_int_equal(w.warnings + w.breaches, 0);
  case_free(d);
  case_free(f);
}

/* The warning comes at the share of an office-time standard counted in office time: a 10-minute
** step started Friday 16:25 (5 minutes left before closing) is due Monday 07:35 and warned at
** 07:33, not on Sunday evening; a step held and resumed is warned at the share of its own
** running time, not at once. */
static void test_warning_on_office_time(void **state){
  Db *db = tempdb(state);
  time_set_fake(unit_at("2026-01-09T16:00:00+07:00"));
  Case *c = open_at_step2_at(db, "2026-01-09T16:25:00+07:00");
  assert_int_equal(c->steps[c->nsteps-1].due_at, unit_at("2026-01-12T07:35:00+07:00"));
  WatchCounts w;
  assert_int_equal(watch_pass(db, unit_at("2026-01-11T20:00:00+07:00"), &w), OK);
  assert_int_equal(w.warnings, 0);
  assert_int_equal(watch_pass(db, unit_at("2026-01-12T07:32:59+07:00"), &w), OK);
  assert_int_equal(w.warnings, 0);
  assert_int_equal(watch_pass(db, unit_at("2026-01-12T07:33:00+07:00"), &w), OK);
  assert_int_equal(w.warnings, 1);
  case_free(c);

  /* held at 08:02 after 2 of its 10 minutes, resumed Tuesday 09:00: due 09:08, warned at 09:06 */
  Case *d = open_at_step2_at(db, "2026-01-12T08:00:00+07:00");
  Err e = {0};
  time_set_fake(unit_at("2026-01-12T08:02:00+07:00"));
  assert_int_equal(case_hold(db, &admin, d, "menunggu jawaban pemohon", &e), OK);
  time_set_fake(unit_at("2026-01-13T09:00:00+07:00"));
  assert_int_equal(case_resume(db, &admin, d, &e), OK);
  assert_int_equal(d->steps[d->nsteps-1].due_at, unit_at("2026-01-13T09:08:00+07:00"));
  assert_int_equal(watch_pass(db, unit_at("2026-01-13T09:05:59+07:00"), &w), OK);
  assert_int_equal(w.warnings, 0);
  assert_int_equal(watch_pass(db, unit_at("2026-01-13T09:06:00+07:00"), &w), OK);
  assert_int_equal(w.warnings, 1);
  case_free(d);
}

/* The pass reads only the steps whose notice has come: a range of case_step_notice, no scan
** of the open steps (the pass's own SQL is explained). */
static void test_uses_index(void **state){
  Db *db = tempdb(state);
  Stmt *q = db_prepare(db, "EXPLAIN QUERY PLAN " WATCH_SQL_DUE);
  assert_non_null(q);
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, unit_at("2026-01-05T09:00:00+07:00"));
  Buf plan = BUF_INIT;
  while( db_step(q)==DB_ROW ){ buf_puts(&plan, db_col_text(q, 3)); buf_putc(&plan, '\n'); }
  db_reset(q);
  assert_contains(buf_str(&plan), "SEARCH s USING INDEX case_step_notice (office_id=? AND notice_at>? AND notice_at<?)");
  buf_free(&plan);
}

/* A step already warned is read again only when its breach falls due; one fully handled,
** never again: the stored notice_at moves along. */
static void test_notice_at_moves_along(void **state){
  Db *db = tempdb(state);
  Case *c = open_at_step2(db);
  WatchCounts w;
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM case_step WHERE done_at IS NULL AND notice_at IS NOT NULL"), 1);
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:08:00+07:00"), &w), OK);
  assert_int_equal(w.warnings, 1);
  /* now due just after 08:10: a pass at 08:09 reads nothing */
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM case_step WHERE done_at IS NULL AND notice_at=due_at+1"), 1);
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:20:00+07:00"), &w), OK);
  assert_int_equal(w.breaches, 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM case_step WHERE done_at IS NULL AND notice_at IS NOT NULL"), 0);
  case_free(c);
}

/* sla_supervisor_roles chooses who gets a breach notice; a word that is not a role is refused. */
static void test_supervisors_are_a_setting(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  assert_int_equal(watch_supervisors("ketua, bos", &e), ERR_INVALID);
  assert_string_equal(e.field, "sla_supervisor_roles");
  assert_int_equal(watch_supervisors("ketua", &e), OK);
  Case *c = open_at_step2(db);
  WatchCounts w;
  assert_int_equal(watch_pass(db, unit_at("2026-01-05T08:20:00+07:00"), &w), OK);
  assert_int_equal(w.breaches, 1);
  assert_int_equal(notices_of(db, kartini, "breach"), 1);   /* ketua */
  assert_int_equal(notices_of(db, sari, "breach"), 0);      /* sekretaris: not a supervisor now */
  /* the mail names the supervisors the setting chose */
  Stmt *q = db_prepare(db, "SELECT body FROM outbox WHERE to_addr='kartini@lpse.example.go.id' ORDER BY id DESC LIMIT 1");
  assert_non_null(q);
  assert_int_equal(db_step(q), DB_ROW);
  char body[2048];
  snprintf(body, sizeof body, "%s", db_col_text(q, 0));
  db_reset(q);
  assert_contains(body, "(Ketua LPSE)");
  assert_null(strstr(body, "Sekretaris"));
  assert_int_equal(watch_supervisors("ketua,sekretaris", &e), OK);
  case_free(c);
}

/* The usernames in r, comma-separated, into out. */
static const char *rcpt_names(const NoticeRcpts *r, char *out, size_t n){
  out[0] = 0;
  for(int i=0; i<r->n; i++){
    size_t k = strlen(out);
    snprintf(out+k, n-k, "%s%s", i ? "," : "", r->v[i].username);
  }
  return out;
}

/* Who is told what a requester did (notice_case_staff): the user the open step is assigned to
** alone; else the active holders of the step's role (the assigned one, else its actors); never
** the requester; with no open step, the one who last completed a step (an active one), else the
** one who opened the case. */
static void test_case_staff(void **state){
  Db *db = tempdb(state);
  Case *c = open_at_step2(db);
  int64_t step2 = c->steps[c->nsteps-1].id, step = 0;
  Arena a;
  arena_init(&a);
  NoticeRcpts r;
  char names[256];
  Err e = {0};
  r.except = 0;
  assert_int_equal(notice_case_staff(db, office_id, c->id, &r, &step, &a), OK);
  assert_string_equal(rcpt_names(&r, names, sizeof names), "hana,heru");   /* dodi is disabled */
  assert_true(step==step2);
  r.except = "HANA@lpse.example.go.id";   /* the requester, on the staff too: any case of letters */
  assert_int_equal(notice_case_staff(db, office_id, c->id, &r, &step, &a), OK);
  assert_string_equal(rcpt_names(&r, names, sizeof names), "heru");
  r.except = "budi@example.com";
  assert_int_equal(case_assign(db, &admin, c, 0, 0, "siti", &e), OK);
  assert_int_equal(notice_case_staff(db, office_id, c->id, &r, &step, &a), OK);
  assert_string_equal(rcpt_names(&r, names, sizeof names), "siti");
  assert_int_equal(case_assign(db, &admin, c, 0, "sekretaris", "", &e), OK);
  assert_int_equal(notice_case_staff(db, office_id, c->id, &r, &step, &a), OK);
  assert_string_equal(rcpt_names(&r, names, sizeof names), "sari");

  /* sari answers (step 2), kartini closes (step 3): the last to complete a step is told */
  const Actor as_sari = { sari, "sari", office_id, "" }, as_kartini = { kartini, "kartini", office_id, "" };
  assert_int_equal(case_complete_step(db, &as_sari, c, 2, "yes", 0, &e), OK);
  assert_int_equal(case_complete_step(db, &as_kartini, c, 3, "done", 0, &e), OK);
  assert_string_equal(c->status, "closed");
  assert_int_equal(notice_case_staff(db, office_id, c->id, &r, &step, &a), OK);
  assert_string_equal(rcpt_names(&r, names, sizeof names), "kartini");
  assert_true(step==c->steps[c->nsteps-1].id);   /* no open step: the last one started */
  assert_int_equal(user_set_disabled(db, &admin, kartini, 1, 0, 0), OK);
  assert_int_equal(notice_case_staff(db, office_id, c->id, &r, &step, &a), OK);
  assert_string_equal(rcpt_names(&r, names, sizeof names), "sari");
  assert_int_equal(user_set_disabled(db, &admin, kartini, 0, 0, 0), OK);
  case_free(c);

  /* open at step 1, the requester's own (no staff role), nothing completed: the one who opened it */
  const Actor as_siti = { siti, "siti", office_id, "" };
  Case *d = unit_open_case(db, &as_siti, office_id, HELPDESK);
  assert_int_equal(notice_case_staff(db, office_id, d->id, &r, &step, &a), OK);
  assert_string_equal(rcpt_names(&r, names, sizeof names), "siti");
  case_free(d);
  arena_free(&a);
}

/* A warning or breach goes once per step visit and user (the partial unique index notice_once);
** a requester's replies each make a notice. */
static void test_notice_once(void **state){
  Db *db = tempdb(state);
  Case *c = open_at_step2(db);
  int64_t step = c->steps[c->nsteps-1].id, now = unit_at("2026-01-05T08:05:00+07:00");
  const char *kinds[] = { "warning", "breach", "reply", "reopen" };
  assert_int_equal(db_begin(db), OK);
  for(int k=0; k<4; k++){
    for(int i=0; i<2; i++){
      int added = -1;
      assert_int_equal(notice_add(db, office_id, c->id, step, 0, kinds[k], now, hana, 0, &added), OK);
      assert_int_equal(added, k>=2 || i==0);
    }
  }
  assert_int_equal(db_commit(db), OK);
  assert_int_equal(notices_of(db, hana, "warning"), 1);
  assert_int_equal(notices_of(db, hana, "breach"), 1);
  assert_int_equal(notices_of(db, hana, "reply"), 2);
  assert_int_equal(notices_of(db, hana, "reopen"), 2);
  assert_int_equal(notice_unread(db, office_id, hana), 6);
  assert_int_equal(db_begin(db), OK);
  assert_int_not_equal(notice_add(db, office_id, c->id, step, 0, "other", now, hana, 0, 0), OK);   /* not a kind */
  db_rollback(db);
  case_free(c);
}

/* case_assign_if: the step goes only while its user is still the one the caller saw; someone
** else holding it is a conflict naming username with who, nothing written; taking it over from
** hana tells her (a notice and a mail), audited as case.takeover; a user taking back their own
** step, or an assignment without was, tells nobody. */
static void test_assign_if_takeover(void **state){
  Db *db = tempdb(state);
  Case *c = open_at_step2(db);
  Actor h = { hana, "hana", office_id, "" }, k = { kartini, "kartini", office_id, "" };
  Err e = {0};
  char holder[80];
  assert_int_equal(case_assign_if(db, &h, c, 2, 0, "hana", "", 0, holder, sizeof holder, 0, 0, &e), OK);
  memset(&e, 0, sizeof e);
  assert_int_equal(case_assign_if(db, &k, c, 2, 0, "kartini", "", 0, holder, sizeof holder, 0, 0, &e), ERR_CONFLICT);
  assert_true(case_step_taken(&e));
  assert_string_equal(e.field, "username");
  assert_string_equal(holder, "hana");
  assert_string_equal(c->steps[c->nsteps-1].assigned_user, "hana");
  assert_int_equal(notices_of(db, hana, "takeover"), 0);
  assert_int_equal(case_assign_if(db, &k, c, 2, "ketua", "kartini", "hana", 0, holder, sizeof holder, 0, 0, &e), OK);
  assert_string_equal(c->steps[c->nsteps-1].assigned_user, "kartini");
  assert_string_equal(c->steps[c->nsteps-1].assigned_role, "ketua");
  assert_int_equal(notices_of(db, hana, "takeover"), 1);
  assert_int_equal(mails_to(db, "hana@lpse.example.go.id", "Langkah 2 kasus "), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='case.takeover'"
                                      " AND detail='step 2 taken over from hana by user kartini, role ketua'"), 1);
  /* heru has no address: the notice alone */
  assert_int_equal(case_assign_if(db, &k, c, 2, 0, "heru", "kartini", 0, 0, 0, 0, 0, &e), OK);
  assert_int_equal(case_assign_if(db, &h, c, 2, 0, "hana", "heru", 0, 0, 0, 0, 0, &e), OK);
  assert_int_equal(notices_of(db, heru, "takeover"), 1);
  /* hana giving her own away (was the caller): no takeover; kartini is told it is hers */
  assert_int_equal(case_assign_if(db, &h, c, 2, 0, "kartini", "hana", 0, 0, 0, 0, 0, &e), OK);
  assert_int_equal(notices_of(db, hana, "takeover"), 1);
  assert_int_equal(notices_of(db, kartini, "assigned"), 1);
  assert_int_equal(mails_to(db, "kartini@lpse.example.go.id", "Langkah 2 kasus "), 1);
  /* no was: audited as an assignment, yet kartini, who held it, is told it was given away */
  assert_int_equal(case_assign(db, &h, c, 2, 0, "hana", &e), OK);
  assert_int_equal(notices_of(db, kartini, "takeover"), 1);
  assert_int_equal(notices_of(db, hana, "assigned"), 0);   /* she took it herself */
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='case.takeover'"), 2);
  /* the same user given again, or a role alone: nobody told */
  assert_int_equal(case_assign(db, &k, c, 2, 0, "hana", &e), OK);
  assert_int_equal(case_assign(db, &k, c, 2, "sekretaris", 0, &e), OK);
  assert_int_equal(notices_of(db, hana, "assigned"), 0);
  case_free(c);
}

/* was_role: the step goes only while its role (queue) is still the one the caller saw; another
** is a conflict naming role with the queue it is in now, nothing written. */
static void test_assign_if_queue(void **state){
  Db *db = tempdb(state);
  Case *c = open_at_step2(db);
  Actor h = { hana, "hana", office_id, "" }, k = { kartini, "kartini", office_id, "" };
  Err e = {0};
  char holder[80];
  assert_int_equal(case_assign_if(db, &h, c, 2, "sekretaris", 0, 0, "", holder, sizeof holder, 0, 0, &e), OK);
  memset(&e, 0, sizeof e);
  assert_int_equal(case_assign_if(db, &k, c, 2, "ketua", 0, 0, "", holder, sizeof holder, 0, 0, &e), ERR_CONFLICT);
  assert_true(case_step_taken(&e));
  assert_string_equal(e.field, "role");
  assert_string_equal(holder, "sekretaris");
  assert_string_equal(c->steps[c->nsteps-1].assigned_role, "sekretaris");
  memset(&e, 0, sizeof e);
  assert_int_equal(case_assign_if(db, &k, c, 2, 0, "kartini", "", "sekretaris", holder, sizeof holder, 0, 0, &e), OK);
  assert_string_equal(c->steps[c->nsteps-1].assigned_user, "kartini");
  assert_string_equal(c->steps[c->nsteps-1].assigned_role, "sekretaris");
  case_free(c);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_warning_then_breach, setup, teardown),
    cmocka_unit_test_setup_teardown(test_notice_at_moves_along, setup, teardown),
    cmocka_unit_test_setup_teardown(test_supervisors_are_a_setting, setup, teardown),
    cmocka_unit_test_setup_teardown(test_assigned_and_share, setup, teardown),
    cmocka_unit_test_setup_teardown(test_uses_index, setup, teardown),
    cmocka_unit_test_setup_teardown(test_warning_on_office_time, setup, teardown),
    cmocka_unit_test_setup_teardown(test_case_staff, setup, teardown),
    cmocka_unit_test_setup_teardown(test_notice_once, setup, teardown),
    cmocka_unit_test_setup_teardown(test_assign_if_takeover, setup, teardown),
    cmocka_unit_test_setup_teardown(test_assign_if_queue, setup, teardown),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
