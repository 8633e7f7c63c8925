/*
** test_password.c — password hashing, tokens, constant-time comparison, and
** the rules for usernames, passwords and e-mail addresses.
*/
#include "unit.h"


/* ---- hashing ---- */

/* A password is stored as an argon2id hash, never as itself. */
static void test_password_hash_is_argon2id(void **state){
  char h[128];
  assert_int_equal(util_password_hash(h, "Rahasia#2026"), OK);
  assert_memory_equal(h, "$argon2id$", 10);
  assert_null(strstr(h, "Rahasia#2026"));
}

/* The right password verifies; a wrong one, or one differing only in case, does not. */
static void test_only_the_right_password_verifies(void **state){
  char h[128];
  assert_int_equal(util_password_hash(h, "Rahasia#2026"), OK);
  assert_true(util_password_verify(h, "Rahasia#2026"));
  assert_false(util_password_verify(h, "rahasia#2026"));
  assert_false(util_password_verify(h, "Rahasia#2025"));
  assert_false(util_password_verify(h, ""));
  assert_false(util_password_verify(h, NULL));
  assert_false(util_password_verify(NULL, "Rahasia#2026"));
  assert_false(util_password_verify("not a hash", "Rahasia#2026"));
}

/* Two hashes of one password differ (each has its own salt), and both verify. */
static void test_same_password_hashes_differently_each_time(void **state){
  char a[128], b[128];
  assert_int_equal(util_password_hash(a, "sama-sama-123"), OK);
  assert_int_equal(util_password_hash(b, "sama-sama-123"), OK);
  assert_string_not_equal(a, b);
  assert_true(util_password_verify(a, "sama-sama-123"));
  assert_true(util_password_verify(b, "sama-sama-123"));
}

/* ---- comparison, tokens, digests ---- */

/* Constant-time comparison: equal only when every byte and the length match. */
static void test_ct_equal(void **state){
  assert_true(util_ct_equal("abc123", "abc123"));
  assert_true(util_ct_equal("", ""));
  assert_false(util_ct_equal("abc123", "abc124"));
  assert_false(util_ct_equal("abc123", "xbc123"));
  assert_false(util_ct_equal("abc", "abc123"));
  assert_false(util_ct_equal("abc123", "abc"));
  assert_false(util_ct_equal(NULL, "abc"));
  assert_false(util_ct_equal("abc", NULL));
  assert_false(util_ct_equal(NULL, NULL));
}

/* A url shown or logged never holds its password; its user only when asked for. */
static void test_url_shown_hides_the_password(void **state){
  char o[128];
  util_url_shown("postgresql://loket:s3cret@db.lpse:5432/loket", 1, o, sizeof o);
  assert_string_equal(o, "postgresql://loket:…@db.lpse:5432/loket");
  util_url_shown("smtp://kurir:rahasia@127.0.0.1:25", 0, o, sizeof o);
  assert_string_equal(o, "smtp://127.0.0.1:25");
  util_url_shown("postgresql://loket@db.lpse/loket", 1, o, sizeof o);
  assert_string_equal(o, "postgresql://loket@db.lpse/loket");
  util_url_shown("postgresql://loket@db.lpse/loket", 0, o, sizeof o);
  assert_string_equal(o, "postgresql://db.lpse/loket");
  util_url_shown("smtp://127.0.0.1:25/x@y", 0, o, sizeof o);   /* an @ in the path is no user */
  assert_string_equal(o, "smtp://127.0.0.1:25/x@y");
  util_url_shown("postgresql://u:p:q@h/d", 1, o, sizeof o);   /* the password runs to the @ */
  assert_string_equal(o, "postgresql://u:…@h/d");
}

/* A token of n random bytes is 2n lowercase hex digits. */
static void test_random_token_is_hex_of_twice_the_bytes(void **state){
  char t[129];
  util_random_token(t, 16);
  assert_true(unit_is_hex(t, 32));
  util_random_token(t, 32);
  assert_true(unit_is_hex(t, 64));
  util_random_token(t, 1);
  assert_true(unit_is_hex(t, 2));
}

/* Two tokens are never the same. */
static void test_random_tokens_differ(void **state){
  char a[65], b[65];
  util_random_token(a, 32);
  util_random_token(b, 32);
  assert_string_not_equal(a, b);
}

/* SHA-256 as 64 lowercase hex digits (the FIPS 180-2 "abc" example). */
static void test_sha256_known_answer(void **state){
  char h[65];
  util_sha256_hex(h, "abc", 3);
  assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* A generated password has the length asked for and no look-alike characters. */
static void test_random_password_avoids_look_alikes(void **state){
  char p[41];
  for(int k=0; k<50; k++){
    util_random_password(p, 40);
    assert_int_equal(strlen(p), 40);
    assert_null(strpbrk(p, "0O1lI"));
  }
}

/* ---- the rules for accounts (desk/user.c) ---- */

/* A password of 8 to 128 characters is accepted. */
static void test_password_length_limits(void **state){
  Err e = {0};
  char longpw[200];
  assert_int_equal(user_validate_password("Bogor#26", "budi", &e), OK);
  assert_int_equal(user_validate_password("Bogor#2", "budi", &e), ERR_INVALID);
  assert_string_equal(e.field, "password");
  assert_non_null(e.msg);
  for(int i=0; i<129; i++) longpw[i] = (char)('a' + i%26);
  longpw[128] = 0;
  assert_int_equal(user_validate_password(longpw, "budi", &e), OK);
  longpw[128] = 'x'; longpw[129] = 0;
  e.field = 0;
  assert_int_equal(user_validate_password(longpw, "budi", &e), ERR_INVALID);
  assert_string_equal(e.field, "password");
  assert_int_equal(user_validate_password(NULL, "budi", &e), ERR_INVALID);
  assert_int_equal(user_validate_password("", "budi", &e), ERR_INVALID);
}

/* One character repeated is not a password. */
static void test_password_of_one_repeated_character_is_refused(void **state){
  Err e = {0};
  assert_int_equal(user_validate_password("aaaaaaaaaa", NULL, &e), ERR_INVALID);
  assert_string_equal(e.field, "password");
  assert_int_equal(user_validate_password("aaaaaaaaab", NULL, &e), OK);
}

/* The username is not a password, in any case. */
static void test_password_equal_to_username_is_refused(void **state){
  Err e = {0};
  assert_int_equal(user_validate_password("budi.santoso", "budi.santoso", &e), ERR_INVALID);
  assert_string_equal(e.field, "password");
  assert_int_equal(user_validate_password("Budi.Santoso", "budi.santoso", &e), ERR_INVALID);
  assert_int_equal(user_validate_password("budi.santoso-kopi", "budi.santoso", &e), OK);
}

/* The username with digits or signs added is no better than the username. */
static void test_password_username_with_digits_is_refused(void **state){
  static const char *const bad[] = { "budi.santoso1", "Budi.Santoso2026!", "budi.santoso#" };
  for(size_t i=0; i<COUNT(bad); i++){
    Err e = {0};
    if( user_validate_password(bad[i], "budi.santoso", &e)!=ERR_INVALID ) fail_msg("accepted \"%s\"", bad[i]);
    assert_string_equal(e.field, "password");
    assert_string_equal(e.msg, "Password must not be the username with digits or signs added");
  }
}

/* Common passwords (with digits or signs added, look-alikes for letters), runs of keys and
** passwords of digits and signs only are refused; a passphrase holding such a word is not. */
static void test_common_passwords_are_refused(void **state){
  static const char *const bad[] = { "password", "Password1", "P@ssw0rd!", "passw0rd2026", "12345678",
                                     "87654321", "20262026", "123#456!", "abcdefgh", "qwerty123",
                                     "Qwertyuiop", "admin123", "Admin@2026", "Lpse2026", "iloveyou",
                                     "Bismillah1", "rahasia123", "abcabcabc", "12121212", "indonesia45" };
  static const char *const good[] = { "Bogor#26", "Rahasia-uji-2026", "user-test-password-1",
                                      "kopi tubruk pagi", "Sari-2026-aman", "password-kopi-sore" };
  for(size_t i=0; i<COUNT(bad); i++){
    Err e = {0};
    if( user_validate_password(bad[i], "budi", &e)!=ERR_INVALID ) fail_msg("accepted \"%s\"", bad[i]);
    assert_string_equal(e.field, "password");
  }
  for(size_t i=0; i<COUNT(good); i++){
    Err e = {0};
    if( user_validate_password(good[i], "budi", &e)!=OK ) fail_msg("refused \"%s\": %s", good[i], e.msg);
  }
}

/* A login name: 3 to 32 of a-z 0-9 . _ -, starting with a letter, not a reserved word. */
static void test_username_rules(void **state){
  static const char *const good[] = { "budi", "abc", "budi.santoso", "pokja_2026", "a-b.c_d9",
                                      "abcdefghijklmnopqrstuvwxyz123456" };
  static const char *const bad[] = { "", "ab", "Budi", "1budi", ".budi", "budi santoso", "budi@lpse",
                                     "budí", "abcdefghijklmnopqrstuvwxyz1234567",
                                     /* a page's word, and the actors that are no one's */
                                     "baru", "system", "portal", "mail", "anonymous" };
  for(size_t i=0; i<COUNT(good); i++){
    if( user_validate_username(good[i], NULL)!=OK ) fail_msg("refused \"%s\"", good[i]);
  }
  for(size_t i=0; i<COUNT(bad); i++){
    Err e = {0};
    if( user_validate_username(bad[i], &e)!=ERR_INVALID ) fail_msg("accepted \"%s\"", bad[i]);
    assert_string_equal(e.field, "username");
  }
  assert_int_equal(user_validate_username(NULL, NULL), ERR_INVALID);
}

/* An e-mail address is optional; when given it has one @ and a dotted domain. */
static void test_email_rules(void **state){
  static const char *const good[] = { "", "budi@lpse.bogorkota.go.id", "a.b+c@x.co", "x@y.id" };
  static const char *const bad[] = { "budi", "@lpse.go.id", "budi@lpse", "budi@@lpse.go.id",
                                     "budi@lpse@go.id", "budi@.lpse.go.id", "budi@lpse.go.id.",
                                     "budi santoso@lpse.go.id", "<budi@lpse.go.id>", "budi@lpse.go.id\n" };
  for(size_t i=0; i<COUNT(good); i++){
    if( user_validate_email(good[i], NULL)!=OK ) fail_msg("refused \"%s\"", good[i]);
  }
  assert_int_equal(user_validate_email(NULL, NULL), OK);
  for(size_t i=0; i<COUNT(bad); i++){
    Err e = {0};
    if( user_validate_email(bad[i], &e)!=ERR_INVALID ) fail_msg("accepted \"%s\"", bad[i]);
    assert_string_equal(e.field, "email");
  }
  char longmail[200];
  memset(longmail, 'a', 120);
  strcpy(longmail + 120, "@lpse.go.id");   /* 131 characters */
  assert_int_equal(user_validate_email(longmail, NULL), ERR_INVALID);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_password_hash_is_argon2id),
    cmocka_unit_test(test_only_the_right_password_verifies),
    cmocka_unit_test(test_same_password_hashes_differently_each_time),
    cmocka_unit_test(test_ct_equal),
    cmocka_unit_test(test_url_shown_hides_the_password),
    cmocka_unit_test(test_random_token_is_hex_of_twice_the_bytes),
    cmocka_unit_test(test_random_tokens_differ),
    cmocka_unit_test(test_sha256_known_answer),
    cmocka_unit_test(test_random_password_avoids_look_alikes),
    cmocka_unit_test(test_password_length_limits),
    cmocka_unit_test(test_password_of_one_repeated_character_is_refused),
    cmocka_unit_test(test_password_equal_to_username_is_refused),
    cmocka_unit_test(test_password_username_with_digits_is_refused),
    cmocka_unit_test(test_common_passwords_are_refused),
    cmocka_unit_test(test_username_rules),
    cmocka_unit_test(test_email_rules),
  };
  return cmocka_run_group_tests_name("password", tests, unit_group_setup, NULL);
}
