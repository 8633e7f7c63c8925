/*
** test_accept_lang.c — the language an API request's Accept-Language header asks for, of the
** two Loket speaks (Indonesian, English); worked out by hand from the header as written.
*/
#include "unit.h"

/* A header naming one of the two gives it, with or without a region. */
static void test_one_language_named(void **state){
  assert_string_equal(http_accept_lang("en"), "en");
  assert_string_equal(http_accept_lang("id"), "id");
  assert_string_equal(http_accept_lang("en-US"), "en");
  assert_string_equal(http_accept_lang("id-ID"), "id");
  assert_string_equal(http_accept_lang("EN-gb"), "en");
}

/* The highest q wins; of two alike, the first listed. */
static void test_quality_decides(void **state){
  assert_string_equal(http_accept_lang("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7"), "id");
  assert_string_equal(http_accept_lang("en;q=0.5, id;q=0.8"), "id");
  assert_string_equal(http_accept_lang("id;q=0.3 , en ;q=0.31"), "en");
  assert_string_equal(http_accept_lang("en, id"), "en");
  assert_string_equal(http_accept_lang("fr-FR, fr;q=0.9, en;q=0.1"), "en");
  assert_string_equal(http_accept_lang("fr, en-GB;q=0.5, id;q=0.4"), "en");
  assert_string_equal(http_accept_lang("EN-gb ; q=1.0"), "en");
  assert_string_equal(http_accept_lang("fr , en ;q=0.5"), "en");
}

/* Neither language, a wildcard, q=0 or nothing: no choice, the default stays. */
static void test_no_choice(void **state){
  assert_null(http_accept_lang(NULL));
  assert_null(http_accept_lang(""));
  assert_null(http_accept_lang("*"));
  assert_null(http_accept_lang("fr, de;q=0.5"));
  assert_null(http_accept_lang("en;q=0"));
  assert_null(http_accept_lang("eng, ind, english"));
  assert_string_equal(http_accept_lang("en;q=0, id;q=0.001"), "id");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_one_language_named),
    cmocka_unit_test(test_quality_decides),
    cmocka_unit_test(test_no_choice),
  };
  return cmocka_run_group_tests_name("accept_lang", tests, NULL, NULL);
}
