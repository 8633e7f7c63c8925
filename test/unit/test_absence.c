/*
** test_absence.c — staff absences on a frozen clock (Monday 5 January 2026, WIB): the days
** count in the office's zone (Tuesday begins at 00:00 WIB, 17:00 UTC on Monday), a
** replacement must share a staff role, overlaps are refused, and who stands in for whom
** follows the chain to the first one present, at most 3 hops, finding nobody on a cycle; a
** decision step given to one away is refused when that stand-in may not take it.
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

/* A step given to one away is refused when the stand-in, at the chain's end, may not take its
** decision; not when it is no decision, they hold a role it names, nobody can stand in, or the
** user is not away. With an arena the message says who, until when and the roles; else a msgid. */
static void test_step_check(void **state){
  Db *db = tempdb(state);
  int64_t now = unit_at("2026-01-06T10:00:00+07:00");
  const char *sek[] = { "sekretaris" }, *hd[] = { "helpdesk" };
  Step approve = { .no = 3, .question = "Disetujui?", .actors = { sek, 1, 1 } };
  Step answer = { .no = 2, .question = "Bisa dijawab?", .actors = { hd, 1, 1 } };
  Step plain = { .no = 4, .actors = { sek, 1, 1 } };
  Err e = {0};
  Arena a;
  arena_init(&a);
  assert_int_equal(absence_step_check(db, office_id, "ani", &approve, now, "username", "en", &e, &a), OK);   /* not away */
  assert_int_equal(set(db, &ani, "2026-01-06", "2026-01-07", "cuti", "budi", 0), OK);
  assert_int_equal(absence_step_check(db, office_id, "ani", &approve, now, "username", "en", &e, &a), ERR_INVALID);
  assert_string_equal(e.field, "username");
  assert_string_equal(e.msg, "ani is away (Leave) until 7 January 2026; budi, who stands in for them, lacks the role this step's decision needs: sekretaris");
  assert_int_equal(absence_step_check(db, office_id, "ani", &approve, now, "username", "id", &e, &a), ERR_INVALID);
  assert_string_equal(e.msg, "ani sedang tidak hadir (Cuti) sampai 7 Januari 2026; budi, yang menggantikannya, tidak memegang peran"
                             " yang diperlukan keputusan langkah ini: sekretaris");
  e = (Err){0};
  assert_int_equal(absence_step_check(db, office_id, "ani", &approve, now, "trainer", 0, &e, 0), ERR_INVALID);
  assert_string_equal(e.field, "trainer");
  assert_string_equal(e.msg, "is away today, and whoever stands in for them lacks the role this step's decision needs");
  assert_int_equal(absence_step_check(db, office_id, "ani", &answer, now, "username", "en", 0, &a), OK);    /* budi holds helpdesk */
  assert_int_equal(absence_step_check(db, office_id, "ani", &plain, now, "username", "en", 0, &a), OK);     /* no decision */
  assert_int_equal(absence_step_check(db, office_id, "ani", &approve, unit_at("2026-01-08T10:00:00+07:00"), "username", "en", 0, &a), OK);
  /* the chain's end stands in; a cycle finds nobody, and the step goes as before */
  assert_int_equal(set(db, &budi, "2026-01-06", "2026-01-06", "sakit", "citra", 0), OK);
  assert_int_equal(absence_step_check(db, office_id, "ani", &approve, now, "username", "en", &e, &a), ERR_INVALID);
  assert_non_null(strstr(e.msg, "; citra, who stands in"));
  assert_int_equal(set(db, &citra, "2026-01-06", "2026-01-06", "cuti", "ani", 0), OK);
  assert_int_equal(absence_step_check(db, office_id, "ani", &approve, now, "username", "en", &e, &a), OK);
  arena_free(&a);
}

int main(void){
  char err[256];
  if( i18n_load(err, sizeof err)!=OK ){ fprintf(stderr, "i18n_load: %s\n", err); return 1; }
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_fields, setup, teardown),
    cmocka_unit_test_setup_teardown(test_days_in_the_zone, setup, teardown),
    cmocka_unit_test_setup_teardown(test_chain, setup, teardown),
    cmocka_unit_test_setup_teardown(test_step_check, setup, teardown),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
