/*
** test_users.c — offices, users and roles, signing in with throttling and
** locking, sessions, and the audit rows every change writes.
*/
#include "unit.h"

#define T0 INT64_C(1795159800)          /* 2026-11-20T07:30:00Z: the frozen clock */
#define ADMIN_PW "Admin#Loket26"
#define BUDI_PW  "Budi#Helpdesk26"
#define IP "10.0.0.9"

static Config cfg;
static int64_t office_id, admin_id;
static Actor admin;

/* A fresh database with one office (LPSE-BGR, WIB) and its administrator. */
static int setup(void **state){
  char err[256];
  log_set_quiet(1);
  if( util_init()!=OK ) return -1;
  if( unit_load_real_perms(err, sizeof err)!=OK ){ fprintf(stderr, "%s\n", err); return -1; }
  config_defaults(&cfg);
  time_set_fake(T0);
  if( tempdb_setup(state)!=0 ) return -1;
  Db *db = tempdb(state);
  Err e = {0};
  if( office_create(db, NULL, "LPSE-BGR", "LPSE Kota Bogor", "WIB", &office_id, &e)!=OK ) return -1;
  static const char *const roles[] = { "admin" };
  UserNew u = { office_id, "admin", "Administrator LPSE", "admin@lpse.bogorkota.go.id", ADMIN_PW, roles, 1, 0 };
  if( user_create(db, NULL, &u, &admin_id, &e)!=OK ) return -1;
  admin = (Actor){ admin_id, "admin", office_id, "10.0.0.1" };
  return 0;
}

static int teardown(void **state){
  time_set_fake(0);
  return tempdb_teardown(state);
}

/* Move the frozen clock forward by s seconds. */
static void advance(int64_t s){
  time_set_fake(time_now() + s);
}

/* Create budi, helpdesk staff of the office; returns his id. */
static int64_t create_budi(Db *db){
  static const char *const roles[] = { "helpdesk", "staf" };
  UserNew u = { office_id, "budi", "Budi Santoso", "budi@lpse.bogorkota.go.id", BUDI_PW, roles, 2, 0 };
  int64_t id = 0;
  Err e = {0};
  assert_int_equal(user_create(db, &admin, &u, &id, &e), OK);
  assert_true(id > 0);
  return id;
}

/* Sign in from the usual address; the result in *res. */
static int login(Db *db, const char *username, const char *pw, LoginResult *res){
  return auth_login(db, &cfg, username, pw, IP, "unit-test", "web", res);
}

/* The action of the newest audit row. */
static const char *last_action(Db *db){
  static char action[64];
  Stmt *q = db_prepare(db, "SELECT action FROM audit ORDER BY id DESC LIMIT 1");
  assert_non_null(q);
  action[0] = 0;
  if( db_step(q)==DB_ROW ) snprintf(action, sizeof action, "%s", db_col_text(q, 0));
  db_reset(q);
  return action;
}

/* The detail of the newest audit row. */
static const char *last_detail(Db *db){
  static char detail[256];
  Stmt *q = db_prepare(db, "SELECT detail FROM audit ORDER BY id DESC LIMIT 1");
  assert_non_null(q);
  detail[0] = 0;
  if( db_step(q)==DB_ROW ) snprintf(detail, sizeof detail, "%s", db_col_text(q, 0));
  db_reset(q);
  return detail;
}

/* The number of audit rows, after checking that the chain verifies. */
static int64_t audit_rows(Db *db){
  char err[256] = "";
  int64_t rows = -1;
  int rc = audit_verify(db, &rows, err, sizeof err);
  if( rc!=OK ) fail_msg("audit chain broken: %s", err);
  return rows;
}

/* ---- offices ---- */

/* An office is created, and found by id, by code, and as the first office. */
static void test_office_is_created_and_found(void **state){
  Db *db = tempdb(state);
  Office o;
  int64_t id = 0;
  Err e = {0};
  assert_int_equal(office_create(db, &admin, "LPSE-PPU", "LPSE Kabupaten Penajam Paser Utara", "WITA", &id, &e), OK);
  assert_true(id > office_id);
  assert_int_equal(office_get(db, id, &o), OK);
  assert_string_equal(o.code, "LPSE-PPU");
  assert_string_equal(o.name, "LPSE Kabupaten Penajam Paser Utara");
  assert_string_equal(o.tz, "WITA");
  assert_int_equal(office_by_code(db, "LPSE-PPU", &o), OK);
  assert_int_equal(o.id, id);
  assert_int_equal(office_first(db, &o), OK);
  assert_int_equal(o.id, office_id);
  assert_int_equal(office_by_code(db, "LPSE-XXX", &o), ERR_NOTFOUND);
  assert_int_equal(office_get(db, 999, &o), ERR_NOTFOUND);
  /* an office is born with its calendar, priority table and standard questionnaire, each
  ** change audited in order */
  assert_string_equal(last_action(db), "training.questionnaire.create");
  Stmt *q = db_prepare(db, "SELECT action FROM audit WHERE office_id=?1 ORDER BY id");
  assert_non_null(q);
  db_bind_int64(q, 1, id);
  static const char *const born[] = { "office.create", "calendar.defaults", "priority.defaults",
                                      "training.questionnaire.create" };
  for(size_t i=0; i<COUNT(born); i++){
    assert_int_equal(db_step(q), DB_ROW);
    assert_string_equal(db_col_text(q, 0), born[i]);
  }
  assert_int_equal(db_step(q), DB_DONE);
  db_reset(q);
}

/* An office code is 1 to 31 letters, digits, '-' or '_'. */
static void test_bad_office_code_is_refused(void **state){
  Db *db = tempdb(state);
  static const char *const bad[] = { "", "LPSE BGR", "LPSE/BGR", "lpse.bgr", "LPSE-KABUPATEN-PENAJAM-PASER-UTA" };
  int64_t before = audit_rows(db);
  for(size_t i=0; i<COUNT(bad); i++){
    Err e = {0};
    int64_t id = 0;
    if( office_create(db, &admin, bad[i], "Kantor", "WIB", &id, &e)!=ERR_INVALID ) fail_msg("accepted code \"%s\"", bad[i]);
    assert_string_equal(e.field, "code");
  }
  Err e = {0};
  int64_t id = 0;
  assert_int_equal(office_create(db, &admin, NULL, "Kantor", "WIB", &id, &e), ERR_INVALID);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM office"), 1);
  assert_int_equal(audit_rows(db), before);
}

/* An office is in WIB, WITA or WIT (written in any case, stored as named). */
static void test_office_time_zone_must_be_indonesian(void **state){
  Db *db = tempdb(state);
  static const char *const bad[] = { "UTC", "wibu", "", "WITA " };
  for(size_t i=0; i<COUNT(bad); i++){
    Err e = {0};
    int64_t id = 0;
    if( office_create(db, &admin, "LPSE-X", "Kantor", bad[i], &id, &e)!=ERR_INVALID ) fail_msg("accepted zone \"%s\"", bad[i]);
    assert_string_equal(e.field, "tz");
  }
  Err e = {0};
  int64_t id = 0;
  assert_int_equal(office_create(db, &admin, "LPSE-X", "Kantor", NULL, &id, &e), ERR_INVALID);
  assert_string_equal(e.field, "tz");
  assert_int_equal(office_create(db, &admin, "LPSE-X", "Kantor", "wita", &id, &e), OK);
  Office o;
  assert_int_equal(office_get(db, id, &o), OK);
  assert_string_equal(o.tz, "WITA");
  /* a code differing only in case is the same office to people: refused */
  assert_int_equal(office_create(db, &admin, "lpse-x", "Kantor", "WIB", &id, &e), ERR_CONFLICT);
  assert_string_equal(e.field, "code");
  assert_int_equal(office_by_code(db, "Lpse-X", &o), OK);
  assert_string_equal(o.code, "LPSE-X");
}

/* An office has a name. */
static void test_office_needs_a_name(void **state){
  Err e = {0};
  int64_t id = 0;
  assert_int_equal(office_create(tempdb(state), &admin, "LPSE-X", "", "WIB", &id, &e), ERR_INVALID);
  assert_string_equal(e.field, "name");
}

/* Two offices cannot share a code; nothing is written for the refused one. */
static void test_duplicate_office_code_is_a_conflict(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  int64_t id = 0;
  int64_t before = audit_rows(db);
  assert_int_equal(office_create(db, &admin, "LPSE-BGR", "Another", "WIT", &id, &e), ERR_CONFLICT);
  assert_string_equal(e.field, "code");
  assert_int_equal(audit_rows(db), before);
  Office o;
  assert_int_equal(office_by_code(db, "LPSE-BGR", &o), OK);
  assert_string_equal(o.name, "LPSE Kota Bogor");
}

/* ---- users and roles ---- */

/* A user is created in an office with roles; the password is stored hashed. */
static void test_user_is_created_with_roles(void **state){
  Db *db = tempdb(state);
  int64_t id = create_budi(db);
  User u;
  assert_int_equal(user_get(db, id, &u), OK);
  assert_string_equal(u.username, "budi");
  assert_string_equal(u.full_name, "Budi Santoso");
  assert_string_equal(u.email, "budi@lpse.bogorkota.go.id");
  assert_int_equal(u.office_id, office_id);
  assert_int_equal(u.disabled, 0);
  assert_int_equal(u.locked, 0);
  assert_int_equal(u.created_at, T0);
  assert_int_equal(user_by_name(db, "budi", &u), OK);
  assert_int_equal(u.id, id);
  assert_int_equal(user_by_name(db, "siti", &u), ERR_NOTFOUND);
  assert_int_equal(user_roles(db, id, office_id), (1u<<ROLE_HELPDESK) | (1u<<ROLE_STAF));
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM users WHERE username='budi' AND pw_hash LIKE '$argon2id$%'"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM users WHERE pw_hash LIKE '%Budi#Helpdesk26%'"), 0);
  assert_string_equal(last_action(db), "user.create");
  assert_contains(last_detail(db), "roles=helpdesk, staf");
}

/* Each field of a new user is checked, and the error names the field. */
static void test_new_user_fields_are_validated(void **state){
  Db *db = tempdb(state);
  static const char *const staf[] = { "staf" };
  static const char *const bogus[] = { "staf", "superuser" };
  char longname[200];
  memset(longname, 'x', 128);
  longname[128] = 0;
  struct { UserNew u; const char *field; } cases[] = {
    { { office_id, "Budi", "", "", BUDI_PW, staf, 1, 0 }, "username" },
    { { office_id, "bu", "", "", BUDI_PW, staf, 1, 0 }, "username" },
    { { office_id, "budi", "", "budi@", BUDI_PW, staf, 1, 0 }, "email" },
    { { office_id, "budi", "", "", "pendek", staf, 1, 0 }, "password" },
    { { office_id, "budisantoso", "", "", "BudiSantoso", staf, 1, 0 }, "password" },
    { { office_id, "budi", "", "", BUDI_PW, bogus, 2, 0 }, "roles" },
    { { office_id, "budi", longname, "", BUDI_PW, staf, 1, 0 }, "full_name" },
    { { office_id + 100, "budi", "", "", BUDI_PW, staf, 1, 0 }, "office" },
  };
  int64_t before = audit_rows(db);
  for(size_t i=0; i<COUNT(cases); i++){
    Err e = {0};
    int64_t id = 0;
    int rc = user_create(db, &admin, &cases[i].u, &id, &e);
    if( rc!=ERR_INVALID ) fail_msg("case %zu: rc %d, expected ERR_INVALID", i, rc);
    if( e.field==0 || strcmp(e.field, cases[i].field)!=0 ){
      fail_msg("case %zu: field \"%s\", expected \"%s\"", i, e.field ? e.field : "(null)", cases[i].field);
    }
  }
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM users"), 1);
  assert_int_equal(audit_rows(db), before);
}

/* A username is taken once; the second is a conflict on the username. */
static void test_duplicate_username_is_a_conflict(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  static const char *const roles[] = { "piket" };
  UserNew u = { office_id, "budi", "Budi Lain", "", "Lain#Sekali26", roles, 1, 0 };
  Err e = {0};
  int64_t id = 0;
  int64_t before = audit_rows(db);
  assert_int_equal(user_create(db, &admin, &u, &id, &e), ERR_CONFLICT);
  assert_string_equal(e.field, "username");
  assert_int_equal(audit_rows(db), before);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM users WHERE username='budi'"), 1);
}

/* Roles are held per office: roles in one office give nothing in another. */
static void test_roles_are_held_per_office(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db), other = 0;
  Err e = {0};
  assert_int_equal(office_create(db, &admin, "LPSE-JYP", "LPSE Kota Jayapura", "WIT", &other, &e), OK);
  assert_int_equal(user_roles(db, budi, other), 0);
  static const char *const trainer[] = { "trainer" };
  assert_int_equal(user_set_roles(db, &admin, budi, other, trainer, 1, &e), OK);
  assert_int_equal(user_roles(db, budi, other), 1u<<ROLE_TRAINER);
  assert_int_equal(user_roles(db, budi, office_id), (1u<<ROLE_HELPDESK) | (1u<<ROLE_STAF));
}

/* Setting roles replaces them, and the audit row says before and after. */
static void test_set_roles_replaces_them(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  static const char *const roles[] = { "verifikator", "piket" };
  Err e = {0};
  assert_int_equal(user_set_roles(db, &admin, budi, office_id, roles, 2, &e), OK);
  assert_int_equal(user_roles(db, budi, office_id), (1u<<ROLE_VERIFIKATOR) | (1u<<ROLE_PIKET));
  assert_string_equal(last_action(db), "user.roles");
  assert_contains(last_detail(db), "before=helpdesk, staf");
  assert_contains(last_detail(db), "after=verifikator, piket");
  assert_int_equal(user_set_roles(db, &admin, budi, office_id, NULL, 0, &e), OK);
  assert_int_equal(user_roles(db, budi, office_id), 0);
}

/* An unknown role is refused and the roles stay as they were. */
static void test_unknown_role_is_refused(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  static const char *const roles[] = { "helpdesk", "kepala" };
  Err e = {0};
  assert_int_equal(user_set_roles(db, &admin, budi, office_id, roles, 2, &e), ERR_INVALID);
  assert_string_equal(e.field, "roles");
  assert_int_equal(user_roles(db, budi, office_id), (1u<<ROLE_HELPDESK) | (1u<<ROLE_STAF));
}

/* An administrator cannot take away their own admin role (someone must administer). */
static void test_admin_cannot_remove_own_admin_role(void **state){
  Db *db = tempdb(state);
  static const char *const roles[] = { "ketua" };
  Err e = {0};
  assert_int_equal(user_set_roles(db, &admin, admin_id, office_id, roles, 1, &e), ERR_INVALID);
  assert_string_equal(e.field, "roles");
  assert_int_equal(user_roles(db, admin_id, office_id), 1u<<ROLE_ADMIN);
}

/* ---- signing in ---- */

/* The right password signs in: a 64-hex-digit token, and an audit row. */
static void test_right_password_signs_in(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  LoginResult r;
  int64_t before = audit_rows(db);
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  assert_true(unit_is_hex(r.token, 64));
  assert_int_equal(r.user_id, budi);
  assert_int_equal(audit_rows(db), before + 1);
  assert_string_equal(last_action(db), "auth.login");
}

/* Each sign-in gets its own token. */
static void test_each_sign_in_gets_a_new_token(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  LoginResult a, b;
  assert_int_equal(login(db, "budi", BUDI_PW, &a), OK);
  assert_int_equal(login(db, "budi", BUDI_PW, &b), OK);
  assert_string_not_equal(a.token, b.token);
}

/* A wrong password is refused, gives no token, and is audited. */
static void test_wrong_password_is_refused(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  LoginResult r;
  int64_t before = audit_rows(db);
  assert_int_equal(login(db, "budi", "Budi#Helpdesk25", &r), ERR_AUTH);
  assert_string_equal(r.token, "");
  assert_int_equal(audit_rows(db), before + 1);
  assert_string_equal(last_action(db), "auth.login_failed");
  User u;
  assert_int_equal(user_by_name(db, "budi", &u), OK);
  assert_int_equal(u.failed_count, 1);
}

/* An unknown username is refused exactly like a wrong password. */
static void test_unknown_user_is_refused_like_a_wrong_password(void **state){
  Db *db = tempdb(state);
  LoginResult r;
  assert_int_equal(login(db, "tidakada", "Apapun#2026", &r), ERR_AUTH);
  assert_string_equal(r.token, "");
  assert_string_equal(last_action(db), "auth.login_failed");
}

/* Failures slow sign-in down, then lock the account until an admin unlocks it. */
static void test_repeated_failures_slow_down_then_lock(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  LoginResult r;
  int prev_wait = 0;
  assert_true(cfg.login_delay_after < cfg.login_lock_after);
  for(int fails=1; fails<=cfg.login_lock_after; fails++){
    int rc = login(db, "budi", "salah-sandi", &r);
    if( fails < cfg.login_lock_after ){
      if( rc!=ERR_AUTH ) fail_msg("failure %d: rc %d, expected ERR_AUTH", fails, rc);
    }else{
      if( rc!=ERR_LOCKED ) fail_msg("failure %d: rc %d, expected ERR_LOCKED", fails, rc);
    }
    if( fails >= cfg.login_delay_after && fails < cfg.login_lock_after ){
      /* an immediate retry waits, even with the right password */
      assert_int_equal(login(db, "budi", BUDI_PW, &r), ERR_THROTTLED);
      assert_true(r.retry_after > 0);
      assert_true(r.retry_after <= cfg.login_delay_max_s);
      assert_true(r.retry_after >= prev_wait);
      assert_string_equal(r.token, "");
      prev_wait = r.retry_after;
      advance(r.retry_after);
    }
  }
  assert_true(prev_wait > 1);   /* the delay grew */
  assert_string_equal(last_action(db), "auth.locked");
  User u;
  assert_int_equal(user_get(db, budi, &u), OK);
  assert_int_equal(u.locked, 1);

  /* locked: the right password is refused, however long one waits */
  advance(24*3600);
  assert_int_equal(login(db, "budi", BUDI_PW, &r), ERR_LOCKED);
  assert_string_equal(r.token, "");

  int changed;
  assert_int_equal(user_unlock(db, &admin, budi, &changed), OK);
  assert_int_equal(changed, USER_UNLOCKED);
  assert_string_equal(last_action(db), "user.unlock");
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  assert_true(unit_is_hex(r.token, 64));
  audit_rows(db);
}

/* Unlocking an account that is not locked writes nothing, unless failed sign-ins are counted
** against it: those slow its sign-ins down (and bring the lock nearer), so they are cleared. */
static void test_unlock_when_not_locked(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  LoginResult r;
  int changed = -1;
  int64_t before = audit_rows(db);
  assert_int_equal(user_unlock(db, &admin, budi, &changed), OK);
  assert_int_equal(changed, 0);
  assert_int_equal(audit_rows(db), before);
  /* failures up to the delay: not locked, but an immediate retry waits */
  for(int i=0; i<cfg.login_delay_after; i++) assert_int_equal(login(db, "budi", "salah-sandi", &r), ERR_AUTH);
  assert_int_equal(login(db, "budi", BUDI_PW, &r), ERR_THROTTLED);
  User u;
  assert_int_equal(user_get(db, budi, &u), OK);
  assert_int_equal(u.locked, 0);
  before = audit_rows(db);
  assert_int_equal(user_unlock(db, &admin, budi, &changed), OK);
  assert_int_equal(changed, USER_FAILURES_CLEARED);
  assert_int_equal(audit_rows(db), before + 1);
  assert_string_equal(last_action(db), "user.unlock");
  assert_int_equal(user_get(db, budi, &u), OK);
  assert_int_equal(u.failed_count, 0);
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);   /* no wait left */
  assert_int_equal(user_unlock(db, &admin, budi, &changed), OK);
  assert_int_equal(changed, 0);
}

/* Below the delay threshold, a failure does not make the next try wait. */
static void test_first_failures_do_not_delay(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  LoginResult r;
  for(int i=1; i<cfg.login_delay_after; i++) assert_int_equal(login(db, "budi", "salah-sandi", &r), ERR_AUTH);
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
}

/* A successful sign-in forgets earlier failures. */
static void test_successful_sign_in_resets_failures(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  LoginResult r;
  User u;
  for(int i=1; i<cfg.login_delay_after; i++) assert_int_equal(login(db, "budi", "salah-sandi", &r), ERR_AUTH);
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  assert_int_equal(user_get(db, budi, &u), OK);
  assert_int_equal(u.failed_count, 0);
  /* the full allowance of failures is available again */
  for(int i=1; i<cfg.login_delay_after; i++) assert_int_equal(login(db, "budi", "salah-sandi", &r), ERR_AUTH);
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
}

/* Many failures from one address slow that address down, whatever names it tries. */
static void test_failures_from_one_address_throttle_it(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  cfg.login_addr_delay_after = 3;
  LoginResult r;
  static const char *const names[] = { "andi", "citra", "dewi" };
  for(size_t i=0; i<COUNT(names); i++){
    assert_int_equal(auth_login(db, &cfg, names[i], "tebak-tebak", "203.0.113.7", "", "web", &r), ERR_AUTH);
  }
  assert_int_equal(auth_login(db, &cfg, "budi", BUDI_PW, "203.0.113.7", "", "web", &r), ERR_THROTTLED);
  assert_true(r.retry_after > 0);
  assert_int_equal(auth_login(db, &cfg, "budi", BUDI_PW, "203.0.113.8", "", "web", &r), OK);
}

/* A disabled account cannot sign in and its sessions end; enabling it again restores sign-in. */
static void test_disabled_user_cannot_sign_in(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  LoginResult r;
  Session s;
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  assert_int_equal(user_set_disabled(db, &admin, budi, 1, 0, 0), OK);
  assert_string_equal(last_action(db), "user.disable");
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), ERR_NOTFOUND);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM session WHERE user_id=(SELECT id FROM users WHERE username='budi')"), 0);
  assert_int_equal(login(db, "budi", BUDI_PW, &r), ERR_DENIED);
  assert_string_equal(r.token, "");
  assert_int_equal(user_set_disabled(db, &admin, budi, 0, 0, 0), OK);
  assert_string_equal(last_action(db), "user.enable");
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
}

/* An administrator cannot disable their own account. */
static void test_admin_cannot_disable_self(void **state){
  Db *db = tempdb(state);
  User u;
  assert_int_equal(user_set_disabled(db, &admin, admin_id, 1, 0, 0), ERR_CONFLICT);
  assert_int_equal(user_get(db, admin_id, &u), OK);
  assert_int_equal(u.disabled, 0);
}

/* An admin's password reset lifts a lock, ends sessions, and asks for a new password. */
static void test_password_reset_unlocks_and_ends_sessions(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  LoginResult r, old;
  Session s;
  Err e = {0};
  assert_int_equal(login(db, "budi", BUDI_PW, &old), OK);
  assert_int_equal(db_exec(db, "UPDATE users SET locked=1, failed_count=5 WHERE username='budi'"), OK);
  assert_int_equal(user_set_password(db, &admin, budi, "Sementara#2026", 1, &e), OK);
  assert_string_equal(last_action(db), "user.password_reset");
  assert_int_equal(auth_session(db, &cfg, old.token, "web", &s), ERR_NOTFOUND);
  assert_int_equal(login(db, "budi", BUDI_PW, &r), ERR_AUTH);
  assert_int_equal(login(db, "budi", "Sementara#2026", &r), OK);
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), OK);
  assert_int_equal(s.must_change_pw, 1);
}

/* Changing one's own password needs the current one, and a different new one. */
static void test_own_password_change_needs_the_current_one(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  Actor me = { budi, "budi", office_id, IP };
  Err e = {0};
  LoginResult r;
  assert_int_equal(user_change_own_password(db, &me, "bukan-sandi", "Baru#Sekali26", &e), ERR_INVALID);
  assert_string_equal(e.field, "old_password");
  e.field = 0;
  assert_int_equal(user_change_own_password(db, &me, BUDI_PW, BUDI_PW, &e), ERR_INVALID);
  assert_string_equal(e.field, "password");
  e.field = 0;
  assert_int_equal(user_change_own_password(db, &me, BUDI_PW, "pendek", &e), ERR_INVALID);
  assert_string_equal(e.field, "password");
  assert_int_equal(user_change_own_password(db, &me, BUDI_PW, "Baru#Sekali26", &e), OK);
  assert_string_equal(last_action(db), "user.password_change");
  assert_int_equal(login(db, "budi", BUDI_PW, &r), ERR_AUTH);
  assert_int_equal(login(db, "budi", "Baru#Sekali26", &r), OK);
}

/* ---- sessions ---- */

/* The token finds its session: who, which office, which roles, its CSRF token. */
static void test_session_is_found_by_its_token(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  LoginResult r;
  Session s;
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  memset(&s, 0, sizeof s);
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), OK);
  assert_int_equal(s.user_id, budi);
  assert_int_equal(s.office_id, office_id);
  assert_string_equal(s.username, "budi");
  assert_string_equal(s.full_name, "Budi Santoso");
  assert_string_equal(s.office_name, "LPSE Kota Bogor");
  assert_string_equal(s.tz, "WIB");
  assert_int_equal(s.roles, (1u<<ROLE_HELPDESK) | (1u<<ROLE_STAF));
  assert_true(unit_is_hex(s.csrf, 64));
  assert_string_not_equal(s.csrf, r.token);
}

/* Only the token's hash is stored: the database alone cannot sign anyone in. */
static void test_token_is_stored_only_as_its_hash(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  LoginResult r;
  char h[65];
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  util_sha256_hex(h, r.token, strlen(r.token));
  Stmt *q = db_prepare(db, "SELECT token_hash FROM session");
  assert_non_null(q);
  assert_int_equal(db_step(q), DB_ROW);
  assert_string_equal(db_col_text(q, 0), h);
  assert_string_not_equal(db_col_text(q, 0), r.token);
  db_reset(q);
}

/* A wrong, short or other-kind token finds nothing. */
static void test_unknown_token_finds_no_session(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  LoginResult r;
  Session s;
  char other[65];
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  util_random_token(other, 32);
  assert_int_equal(auth_session(db, &cfg, other, "web", &s), ERR_NOTFOUND);
  assert_int_equal(auth_session(db, &cfg, "abc", "web", &s), ERR_NOTFOUND);
  assert_int_equal(auth_session(db, &cfg, NULL, "web", &s), ERR_NOTFOUND);
  assert_int_equal(auth_session(db, &cfg, r.token, "api", &s), ERR_NOTFOUND);   /* a cookie is not a Bearer token */
}

/* A session left idle longer than session_idle_minutes ends. */
static void test_idle_session_expires(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  LoginResult r;
  Session s;
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  advance((int64_t)cfg.session_idle_min*60 - 60);
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), OK);   /* still alive; clock refreshed */
  advance((int64_t)cfg.session_idle_min*60);
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), OK);   /* idle exactly that long: not yet */
  advance((int64_t)cfg.session_idle_min*60 + 61);
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), ERR_NOTFOUND);
}

/* A session in use never ends for being idle, however short session_idle_minutes (its idle
** clock is written at most once a minute, so a request 59 s after the last write was not
** written): used every 25 s with a one-minute limit it lives on; left a minute after its last
** use it still lives; left longer than a minute and its clock's step, it ends. */
static void test_session_in_use_outlives_a_short_idle_limit(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  Config c = cfg;
  c.session_idle_min = 1;
  LoginResult r;
  Session s;
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  for(int i=0; i<24; i++){
    advance(25);
    if( auth_session(db, &c, r.token, "web", &s)!=OK ) fail_msg("a session used every 25 s ended after %d s", 25*(i+1));
  }
  advance(60);
  assert_int_equal(auth_session(db, &c, r.token, "web", &s), OK);
  advance(121);
  assert_int_equal(auth_session(db, &c, r.token, "web", &s), ERR_NOTFOUND);
}

/* Activity keeps a session alive, but never past session_max_hours. */
static void test_active_session_ends_at_its_maximum_age(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  LoginResult r;
  Session s;
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  int64_t end = T0 + (int64_t)cfg.session_max_hours*3600;
  int64_t step = (int64_t)cfg.session_idle_min*60 * 5/6;   /* busy: never idle long enough to expire */
  int n = 0;
  while( time_now() + step < end ){
    advance(step);
    if( auth_session(db, &cfg, r.token, "web", &s)!=OK ) fail_msg("session ended early, %lld s after sign-in", (long long)(time_now()-T0));
    n++;
  }
  assert_true(n > 1);
  time_set_fake(end);
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), ERR_NOTFOUND);
}

/* Signing out ends the session, and is audited. */
static void test_logout_ends_the_session(void **state){
  Db *db = tempdb(state);
  create_budi(db);
  LoginResult r, r2;
  Session s, s2;
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  assert_int_equal(login(db, "budi", BUDI_PW, &r2), OK);   /* on another device */
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), OK);
  Actor who = { s.user_id, s.username, s.office_id, IP };
  assert_int_equal(auth_logout(db, &who, s.id), OK);
  assert_string_equal(last_action(db), "auth.logout");
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), ERR_NOTFOUND);
  assert_int_equal(auth_session(db, &cfg, r2.token, "web", &s2), OK);   /* the other device stays signed in */
}

/* A change of roles applies to a session that is already open. */
static void test_role_change_applies_to_open_sessions(void **state){
  Db *db = tempdb(state);
  int64_t budi = create_budi(db);
  LoginResult r;
  Session s;
  Err e = {0};
  static const char *const roles[] = { "verifikator" };
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  assert_int_equal(user_set_roles(db, &admin, budi, office_id, roles, 1, &e), OK);
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), OK);
  assert_int_equal(s.roles, 1u<<ROLE_VERIFIKATOR);
  assert_false(perm_allows(s.roles, "user.admin"));
}

/* Changing an account that does not exist finds nothing and writes nothing. */
static void test_changing_a_missing_user_is_not_found(void **state){
  Db *db = tempdb(state);
  int64_t before = audit_rows(db);
  assert_int_equal(user_set_disabled(db, &admin, 999, 1, 0, 0), ERR_NOTFOUND);
  assert_int_equal(user_unlock(db, &admin, 999, 0), ERR_NOTFOUND);
  assert_int_equal(audit_rows(db), before);
}

/* ---- the audit trail of it all ---- */

/* Every change above leaves one audit row, in order, and the chain verifies. */
static void test_every_change_is_audited_in_order(void **state){
  Db *db = tempdb(state);
  int64_t start = audit_rows(db);
  assert_int_equal(start, 5);   /* the fixture's office (with its calendar, priorities, questionnaire) and user */
  int64_t budi = create_budi(db);
  LoginResult r;
  Session s;
  Err e = {0};
  static const char *const roles[] = { "piket" };
  assert_int_equal(login(db, "budi", "salah-sandi", &r), ERR_AUTH);
  assert_int_equal(login(db, "budi", BUDI_PW, &r), OK);
  assert_int_equal(auth_session(db, &cfg, r.token, "web", &s), OK);
  assert_int_equal(user_set_roles(db, &admin, budi, office_id, roles, 1, &e), OK);
  Actor who = { s.user_id, s.username, s.office_id, IP };
  assert_int_equal(auth_logout(db, &who, s.id), OK);
  assert_int_equal(user_set_disabled(db, &admin, budi, 1, 0, 0), OK);
  assert_int_equal(login(db, "budi", "salah-lagi", &r), ERR_AUTH);   /* a failure counted: unlocking clears it */
  assert_int_equal(user_unlock(db, &admin, budi, 0), OK);

  static const char *const want[] = { "office.create", "calendar.defaults", "priority.defaults",
                                      "training.questionnaire.create", "user.create",
                                      "user.create", "auth.login_failed",
                                      "auth.login", "user.roles", "auth.logout", "user.disable", "auth.login_failed",
                                      "user.unlock" };
  assert_int_equal(audit_rows(db), (int64_t)COUNT(want));
  Stmt *q = db_prepare(db, "SELECT action, actor FROM audit ORDER BY id");
  assert_non_null(q);
  for(size_t i=0; i<COUNT(want); i++){
    assert_int_equal(db_step(q), DB_ROW);
    if( strcmp(db_col_text(q, 0), want[i])!=0 ) fail_msg("row %zu: %s, expected %s", i+1, db_col_text(q, 0), want[i]);
  }
  db_reset(q);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='user.roles' AND actor='admin'"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='auth.logout' AND actor='budi'"), 1);
}

/* Each test gets its own database, office and administrator. */
#define WITH_DB(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void){
  const struct CMUnitTest tests[] = {
    WITH_DB(test_office_is_created_and_found),
    WITH_DB(test_bad_office_code_is_refused),
    WITH_DB(test_office_time_zone_must_be_indonesian),
    WITH_DB(test_office_needs_a_name),
    WITH_DB(test_duplicate_office_code_is_a_conflict),
    WITH_DB(test_user_is_created_with_roles),
    WITH_DB(test_new_user_fields_are_validated),
    WITH_DB(test_duplicate_username_is_a_conflict),
    WITH_DB(test_roles_are_held_per_office),
    WITH_DB(test_set_roles_replaces_them),
    WITH_DB(test_unknown_role_is_refused),
    WITH_DB(test_admin_cannot_remove_own_admin_role),
    WITH_DB(test_right_password_signs_in),
    WITH_DB(test_each_sign_in_gets_a_new_token),
    WITH_DB(test_wrong_password_is_refused),
    WITH_DB(test_unknown_user_is_refused_like_a_wrong_password),
    WITH_DB(test_repeated_failures_slow_down_then_lock),
    WITH_DB(test_unlock_when_not_locked),
    WITH_DB(test_first_failures_do_not_delay),
    WITH_DB(test_successful_sign_in_resets_failures),
    WITH_DB(test_failures_from_one_address_throttle_it),
    WITH_DB(test_disabled_user_cannot_sign_in),
    WITH_DB(test_admin_cannot_disable_self),
    WITH_DB(test_password_reset_unlocks_and_ends_sessions),
    WITH_DB(test_own_password_change_needs_the_current_one),
    WITH_DB(test_session_is_found_by_its_token),
    WITH_DB(test_token_is_stored_only_as_its_hash),
    WITH_DB(test_unknown_token_finds_no_session),
    WITH_DB(test_idle_session_expires),
    WITH_DB(test_session_in_use_outlives_a_short_idle_limit),
    WITH_DB(test_active_session_ends_at_its_maximum_age),
    WITH_DB(test_logout_ends_the_session),
    WITH_DB(test_role_change_applies_to_open_sessions),
    WITH_DB(test_changing_a_missing_user_is_not_found),
    WITH_DB(test_every_change_is_audited_in_order),
  };
  return cmocka_run_group_tests_name("users", tests, NULL, NULL);
}
