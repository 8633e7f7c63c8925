/*
** test_absence.c — staff absences on a frozen clock (Monday 5 January 2026, WIB): the days
** count in the office's zone (Tuesday begins at 00:00 WIB, 17:00 UTC on Monday), a
** replacement must share a staff role, overlaps are refused, and who stands in for whom
** follows the chain to the first one present, at most 3 hops, finding nobody on a cycle.
*/
#include "unit.h"
#include "../../src/sop/absence.h"

#define PW "Kata-sandi-uji-2026"

static int64_t office_id;
static Office office;
static const Actor admin = { 0, "admin", 0, "" };
static User ani, budi, citra, dedi, eka, fajar;

/* Add a user of the office holding a role into *u; -1 on failure. */
static int add_user(Db *db, const char *name, const char *role, User *u){
  const char *roles[] = { role };
  UserNew n = { office_id, name, name, "", PW, roles, 1, 0 };
  Err e = {0};
  int64_t id = 0;
  if( user_create(db, &admin, &n, &id, &e)!=OK ) return -1;
  return user_get(db, id, u)==OK ? 0 : -1;
}

/* A temporary database with an office and six members of staff. */
static int setup(void **state){
  if( unit_office_setup(state, &admin, &office_id) ) return -1;
  Db *db = tempdb(state);
  if( office_get(db, office_id, &office)!=OK ) return -1;
  return add_user(db, "ani", "helpdesk", &ani) || add_user(db, "budi", "helpdesk", &budi)
      || add_user(db, "citra", "helpdesk", &citra) || add_user(db, "dedi", "trainer", &dedi)
      || add_user(db, "eka", "helpdesk", &eka) || add_user(db, "fajar", "helpdesk", &fajar);
}

static int teardown(void **state){
  return unit_office_teardown(state);
}

/* Set an absence of u; the status, the first error's field in *field (may be NULL). */
static int set(Db *db, const User *u, const char *from, const char *to, const char *kind, const char *rep, const char **field){
  AbsenceIn in = { from, to, kind, rep, 0 };
  Err e = {0};
  Arena a;
  arena_init(&a);
  int64_t id;
  int rc = absence_add(db, &admin, &office, u, &in, "en", &id, &e, &a);
  arena_free(&a);
  if( field ) *field = e.field;
  return rc;
}

/* Who stands in for username at the instant iso ("" for nobody). */
static const char *stand_in(Db *db, const char *username, const char *iso){
  static char out[64];
  Arena a;
  arena_init(&a);
  User who;
  int yes = absence_stand_in(db, office_id, username, unit_at(iso), &who, 0, &a);
  snprintf(out, sizeof out, "%s", yes ? who.username : "");
  arena_free(&a);
  return out;
}

/* Each field checked, every one named; a replacement sharing no staff role refused. */
static void test_fields(void **state){
  Db *db = tempdb(state);
  const char *field;
  assert_int_equal(set(db, &ani, "2026-01-06", "2026-01-07", "cuti", "budi", &field), OK);
  assert_int_equal(set(db, &budi, "2026-02-30", "2026-03-01", "cuti", "ani", &field), ERR_INVALID);
  assert_string_equal(field, "from");
  assert_int_equal(set(db, &budi, "2026-03-02", "2026-03-01", "cuti", "ani", &field), ERR_INVALID);
  assert_string_equal(field, "to");
  assert_int_equal(set(db, &budi, "2026-03-02", "2026-03-02", "libur", "ani", &field), ERR_INVALID);
  assert_string_equal(field, "kind");
  assert_int_equal(set(db, &budi, "2026-03-02", "2026-03-02", "cuti", "dedi", &field), ERR_INVALID);
  assert_string_equal(field, "replacement");
  assert_int_equal(set(db, &budi, "2026-03-02", "2026-03-02", "cuti", "budi", &field), ERR_INVALID);
  assert_string_equal(field, "replacement");
  /* one day shared with the first: refused naming from; the day after is free */
  assert_int_equal(set(db, &ani, "2026-01-07", "2026-01-08", "sakit", "budi", &field), ERR_CONFLICT);
  assert_string_equal(field, "from");
  assert_int_equal(set(db, &ani, "2026-01-08", "2026-01-08", "sakit", "budi", &field), OK);
}

/* The days are the office's: Tuesday in WIB begins at Monday 17:00 UTC, and ends with it. */
static void test_days_in_the_zone(void **state){
  Db *db = tempdb(state);
  assert_int_equal(set(db, &ani, "2026-01-06", "2026-01-06", "dinas_luar", "budi", 0), OK);
  assert_string_equal(stand_in(db, "ani", "2026-01-05T23:59:59+07:00"), "");
  assert_string_equal(stand_in(db, "ani", "2026-01-05T17:00:00Z"), "budi");
  assert_string_equal(stand_in(db, "ani", "2026-01-06T23:59:59+07:00"), "budi");
  assert_string_equal(stand_in(db, "ani", "2026-01-07T00:00:00+07:00"), "");
  assert_string_equal(stand_in(db, "budi", "2026-01-06T10:00:00+07:00"), "");   /* budi is here */
  assert_true(absence_replaces(db, office_id, "budi", "ani", unit_at("2026-01-06T10:00:00+07:00")));
  assert_false(absence_replaces(db, office_id, "citra", "ani", unit_at("2026-01-06T10:00:00+07:00")));
  assert_false(absence_replaces(db, office_id, "budi", "ani", unit_at("2026-01-07T10:00:00+07:00")));
}

/* Along the chain to the first one present, at most 3 hops; a cycle finds nobody. */
static void test_chain(void **state){
  Db *db = tempdb(state);
  const char *now = "2026-01-06T10:00:00+07:00";
  assert_int_equal(set(db, &ani, "2026-01-06", "2026-01-06", "cuti", "budi", 0), OK);
  assert_int_equal(set(db, &budi, "2026-01-06", "2026-01-06", "sakit", "citra", 0), OK);
  assert_string_equal(stand_in(db, "ani", now), "citra");          /* 2 hops */
  assert_int_equal(set(db, &citra, "2026-01-06", "2026-01-06", "pelatihan", "eka", 0), OK);
  assert_string_equal(stand_in(db, "ani", now), "eka");            /* 3 hops: the most */
  assert_string_equal(stand_in(db, "budi", now), "eka");
  Arena a;
  arena_init(&a);
  Absence *v;
  int n;
  assert_int_equal(absence_covered(db, office_id, "eka", unit_at(now), &v, &n, &a), OK);
  assert_int_equal(n, 3);                                           /* ani, budi, citra */
  arena_free(&a);
  assert_int_equal(set(db, &eka, "2026-01-06", "2026-01-06", "lainnya", "fajar", 0), OK);
  assert_string_equal(stand_in(db, "ani", now), "");               /* fajar is 4 hops away */
  assert_string_equal(stand_in(db, "budi", now), "fajar");
  assert_int_equal(set(db, &fajar, "2026-01-06", "2026-01-06", "cuti", "citra", 0), OK);
  assert_string_equal(stand_in(db, "citra", now), "");             /* citra → eka → fajar → citra */
  assert_string_equal(stand_in(db, "dedi", now), "");              /* not away */
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_fields, setup, teardown),
    cmocka_unit_test_setup_teardown(test_days_in_the_zone, setup, teardown),
    cmocka_unit_test_setup_teardown(test_chain, setup, teardown),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
