/*
** test_csrf.c — the CSRF decision: the token must match, and a browser's
** Origin (or Referer) must name this host.
*/
#include "unit.h"

#define TOK "3f9a0c1e5b7d2a4c6e8f0a1b3c5d7e9f3f9a0c1e5b7d2a4c6e8f0a1b3c5d7e9f"
#define HOST "loket.lpse.bogorkota.go.id"

/* The right token from a client that sends no Origin (curl, a script) passes. */
static void test_matching_token_without_origin_passes(void **state){
  assert_int_equal(csrf_check(TOK, TOK, NULL, HOST), 1);
}

/* A different token is refused, even from this host. */
static void test_different_token_is_refused(void **state){
  char other[] = TOK;
  other[63] = '0';
  assert_int_equal(csrf_check(other, TOK, NULL, HOST), 0);
  assert_int_equal(csrf_check(other, TOK, "https://" HOST, HOST), 0);
  assert_int_equal(csrf_check("3f9a", TOK, NULL, HOST), 0);
}

/* No token sent, or none expected, is refused. */
static void test_missing_token_is_refused(void **state){
  assert_int_equal(csrf_check(NULL, TOK, NULL, HOST), 0);
  assert_int_equal(csrf_check("", TOK, NULL, HOST), 0);
  assert_int_equal(csrf_check(TOK, NULL, NULL, HOST), 0);
  assert_int_equal(csrf_check("", "", NULL, HOST), 0);
}

/* An Origin naming this host (with its port) passes. */
static void test_origin_of_this_host_passes(void **state){
  assert_int_equal(csrf_check(TOK, TOK, "https://" HOST, HOST), 1);
  assert_int_equal(csrf_check(TOK, TOK, "http://127.0.0.1:8080", "127.0.0.1:8080"), 1);
  assert_int_equal(csrf_check(TOK, TOK, "http://localhost:8080", "localhost:8080"), 1);
}

/* An Origin naming another host, or another port, is refused. */
static void test_origin_of_another_host_is_refused(void **state){
  assert_int_equal(csrf_check(TOK, TOK, "https://evil.example", HOST), 0);
  assert_int_equal(csrf_check(TOK, TOK, "http://localhost:8081", "localhost:8080"), 0);
  assert_int_equal(csrf_check(TOK, TOK, "http://localhost:80800", "localhost:8080"), 0);
  assert_int_equal(csrf_check(TOK, TOK, "https://" HOST, NULL), 0);
}

/* The "null" origin (sandboxed frames, some redirects) is refused. */
static void test_null_origin_is_refused(void **state){
  assert_int_equal(csrf_check(TOK, TOK, "null", HOST), 0);
}

/* A Referer with a path on this host passes. */
static void test_referer_with_path_on_this_host_passes(void **state){
  assert_int_equal(csrf_check(TOK, TOK, "https://" HOST "/pengguna/budi?tab=peran", HOST), 1);
}

/* A host name that merely starts with ours is another host. */
static void test_host_prefix_trick_is_refused(void **state){
  assert_int_equal(csrf_check(TOK, TOK, "http://a.b.evil", "a.b"), 0);
  assert_int_equal(csrf_check(TOK, TOK, "https://" HOST ".evil.example", HOST), 0);
  assert_int_equal(csrf_check(TOK, TOK, "https://" HOST "@evil.example/", HOST), 0);
  assert_int_equal(csrf_check(TOK, TOK, "https://evil.example/https://" HOST, HOST), 0);
}

/* An origin that is not a URL is refused. */
static void test_origin_without_scheme_is_refused(void **state){
  assert_int_equal(csrf_check(TOK, TOK, HOST, HOST), 0);
  assert_int_equal(csrf_check(TOK, TOK, "", HOST), 0);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_matching_token_without_origin_passes),
    cmocka_unit_test(test_different_token_is_refused),
    cmocka_unit_test(test_missing_token_is_refused),
    cmocka_unit_test(test_origin_of_this_host_passes),
    cmocka_unit_test(test_origin_of_another_host_is_refused),
    cmocka_unit_test(test_null_origin_is_refused),
    cmocka_unit_test(test_referer_with_path_on_this_host_passes),
    cmocka_unit_test(test_host_prefix_trick_is_refused),
    cmocka_unit_test(test_origin_without_scheme_is_refused),
  };
  return cmocka_run_group_tests_name("csrf", tests, NULL, NULL);
}
