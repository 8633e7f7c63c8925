/*
** test_i18n.c — the translations compiled into the binary: Indonesian by
** default, English msgids as the fallback.
*/
#include "unit.h"
#include "../../src/desk/training.h"
#include "../../src/sop/case.h"

static int group_setup(void **state){
  char err[256] = "";
  if( i18n_load(err, sizeof err)!=OK ){ fprintf(stderr, "i18n_load: %s\n", err); return -1; }
  return 0;
}

/* Both catalogs are in the build and load without error. */
static void test_embedded_catalogs_load(void **state){
  char err[256] = "";
  assert_non_null(embed_find("po/id.po"));
  assert_non_null(embed_find("po/en.po"));
  assert_int_equal(i18n_load(err, sizeof err), OK);
  assert_string_equal(err, "");
}

/* The sign-in button reads "Masuk" in Indonesian. */
static void test_indonesian_translation(void **state){
  assert_string_equal(i18n_get("id", "Sign in"), "Masuk");
  assert_string_equal(i18n_get("id", "Sign out"), "Keluar");
  assert_string_equal(i18n_get("id", "Wrong username or password"), "Nama pengguna atau kata sandi salah");
}

/* Indonesian is the default when no language (or an unknown one) is asked for. */
static void test_indonesian_is_the_default(void **state){
  assert_string_equal(i18n_get(NULL, "Sign in"), "Masuk");
  assert_string_equal(i18n_get("fr", "Sign in"), "Masuk");
}

/* A msgid without a translation is shown as it is. */
static void test_unknown_msgid_returns_itself(void **state){
  const char *m = "A sentence no catalog has";
  assert_ptr_equal(i18n_get("id", m), m);
  assert_ptr_equal(i18n_get("en", m), m);
}

/* English shows the msgid where the English catalog has no entry. */
static void test_english_falls_back_to_the_msgid(void **state){
  assert_string_equal(i18n_get("en", "Sign in"), "Sign in");
  assert_string_equal(i18n_get("en", "Password"), "Password");
}

/* The catalog header (the empty msgid) is not a translation. */
static void test_header_is_not_a_message(void **state){
  assert_string_equal(i18n_get("id", ""), "");
  assert_string_equal(i18n_get("id", NULL), "");
}

/* Loading twice gives the same answers. */
static void test_loading_again_changes_nothing(void **state){
  char err[256] = "";
  assert_int_equal(i18n_load(err, sizeof err), OK);
  assert_string_equal(i18n_get("id", "Sign in"), "Masuk");
}

/* Every message the account rules can give a person has an Indonesian text. */
static void test_account_messages_are_translated(void **state){
  static const char *const msgs[] = {
    "Username must be 3 to 32 characters", "Username must start with a lowercase letter",
    "Username may hold only lowercase letters, digits, . _ and -",
    "Password must be at least 8 characters", "Password must be at most 128 characters",
    "Password must not be one repeated character", "Password must not be the username",
    "E-mail address is not valid", "Full name must be at most 127 characters", "Unknown role",
    "No such office", "This username is already taken", "You cannot remove your own admin role",
    "The current password is wrong", "The new password must differ from the current one",
    "Office code must be 1 to 31 characters", "Office code may hold only letters, digits, - and _",
    "Office name must be 1 to 127 characters", "Time zone must be WIB, WITA or WIT",
    "An office with this code already exists",
  };
  for(size_t i=0; i<COUNT(msgs); i++){
    if( i18n_get("id", msgs[i])==msgs[i] ) fail_msg("no Indonesian text for \"%s\"", msgs[i]);
  }
}

/* Every role's label has an Indonesian text. */
static void test_role_labels_are_translated(void **state){
  for(int r=0; r<ROLE_COUNT; r++){
    const char *l = role_label(r);
    assert_true(l[0]!=0);
    if( i18n_get("id", l)==l ) fail_msg("no Indonesian text for role label \"%s\"", l);
  }
}

/* A training's fixed preparation items, kept in Indonesian: the catalogue gives back the label kept
** (an Indonesian page shows what was always shown), English is another text. */
static void test_training_prep_labels_are_the_catalogue_s(void **state){
  const char *kept[] = { "Konfirmasi kehadiran peserta", "Konfirmasi ketersediaan trainer", "Materi training siap" };
  for(size_t i=0; i<COUNT(kept); i++){
    const char *msgid = training_prep_label(kept[i]);
    assert_string_equal(i18n_get("id", msgid), kept[i]);
    assert_string_not_equal(i18n_get("en", msgid), kept[i]);
  }
  assert_string_equal(training_prep_label("Ruang pelatihan"), "Ruang pelatihan");   /* a facility as typed */
}

/* A step's note Loket writes, kept as its message and values: read in each language; a value's
** control character a space; a note naming no catalogue message, and a person's, as written. */
static void test_case_notes_are_read_in_the_reader_s_language(void **state){
  (void)state;
  Arena a;
  arena_init(&a);
  const char *kept = case_note_key(&a, "Consultation form %s; ticket %s", "KF-2026-0001", "LPSE-2026-000002", NULL);
  assert_string_equal(case_note_text(&a, kept, "id"), "Formulir konsultasi KF-2026-0001; tiket LPSE-2026-000002");
  assert_string_equal(case_note_text(&a, kept, "en"), "Consultation form KF-2026-0001; ticket LPSE-2026-000002");
  assert_string_equal(case_note_text(&a, case_note_key(&a, "Guest book #%s", "1\x1F" "2", NULL), "en"), "Guest book #1 2");
  assert_string_equal(case_note_text(&a, case_note_key(&a, "Sent through the public portal", NULL), "id"), "Dikirim melalui portal publik");
  assert_string_equal(case_note_text(&a, "Dikirim melalui portal publik", "en"), "Dikirim melalui portal publik");   /* a row before */
  assert_string_equal(case_note_text(&a, "\x1Enot a message\x1Fx", "en"), "\x1Enot a message\x1Fx");
  assert_null(case_note_text(&a, NULL, "en"));
  /* a value that is a list of messages (an account request's missing files): each in the reader's language */
  const char *const files[] = { "Decree (SK) or assignment letter appointing the candidate", "not a message" };
  const char *miss = case_note_key(&a, "missing: %s; %s", case_note_list(&a, files, 2), "a\x1D" "b", NULL);
  assert_string_equal(case_note_text(&a, miss, "en"), "missing: Decree (SK) or assignment letter appointing the candidate; not a message; a b");
  assert_string_equal(case_note_text(&a, miss, "id"), "kurang: SK atau surat penunjukan calon pengguna; not a message; a b");
  /* a message saying a limit: its number in place in either language; a value typed with \x1C has it made a space */
  const char *lim = case_note_key(&a, "UID %s (%s): %s: %s", "7", "<m@x>", "from_name",
                                  case_note_numbered(&a, "is longer than %d characters", 120), NULL);
  assert_string_equal(case_note_text(&a, lim, "en"), "UID 7 (<m@x>): from_name: is longer than 120 characters");
  assert_string_equal(case_note_text(&a, lim, "id"), "UID 7 (<m@x>): from_name: lebih panjang dari 120 karakter");
  assert_string_equal(case_note_text(&a, case_note_key(&a, "UID %s (%s): %s", "7\x1C" "1", "<m@x>", "y", NULL), "en"),
                      "UID 7 1 (<m@x>): y");
  arena_free(&a);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_embedded_catalogs_load),
    cmocka_unit_test(test_indonesian_translation),
    cmocka_unit_test(test_indonesian_is_the_default),
    cmocka_unit_test(test_unknown_msgid_returns_itself),
    cmocka_unit_test(test_english_falls_back_to_the_msgid),
    cmocka_unit_test(test_header_is_not_a_message),
    cmocka_unit_test(test_loading_again_changes_nothing),
    cmocka_unit_test(test_account_messages_are_translated),
    cmocka_unit_test(test_role_labels_are_translated),
    cmocka_unit_test(test_training_prep_labels_are_the_catalogue_s),
    cmocka_unit_test(test_case_notes_are_read_in_the_reader_s_language),
  };
  return cmocka_run_group_tests_name("i18n", tests, group_setup, NULL);
}
