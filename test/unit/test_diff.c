/*
** test_diff.c — the line-by-line difference of two texts (src/core/diff.c), as the page of a
** procedure's revision shows what it changed from the one before it.
*/
#include "unit.h"

/* The difference as one string: each line as its op, its numbers and its text, "|" between. */
static const char *diff_str(Arena *a, const char *x, const char *y){
  DiffLine *d;
  int n = diff_lines(a, x, strlen(x), y, strlen(y), &d);
  if( n<0 ) return "too large";
  const char *z = "";
  for(int i=0; i<n; i++) z = arena_printf(a, "%s%s%c%d,%d %.*s", z, i ? "|" : "", d[i].op, d[i].old_no, d[i].new_no, d[i].len, d[i].z);
  return z;
}

/* Two equal texts: every line kept, numbered in both. */
static void test_equal_texts_keep_every_line(void **state){
  Arena a;
  arena_init(&a);
  assert_string_equal(diff_str(&a, "a\nb\nc\n", "a\nb\nc\n"), " 1,1 a| 2,2 b| 3,3 c");
  assert_string_equal(diff_str(&a, "", ""), "");
  arena_free(&a);
}

/* One changed line: the old one taken out, then the new one put in, the others kept. */
static void test_a_changed_line_is_taken_out_and_put_in(void **state){
  Arena a;
  arena_init(&a);
  assert_string_equal(diff_str(&a, "code: X\n  time: 10s real\nend\n", "code: X\n  time: 20s real\nend\n"),
                      " 1,1 code: X|-2,0   time: 10s real|+0,2   time: 20s real| 3,3 end");
  arena_free(&a);
}

/* Lines added and removed in the middle, at the start and at the end, numbered in their own text. */
static void test_added_and_removed_lines(void **state){
  Arena a;
  arena_init(&a);
  assert_string_equal(diff_str(&a, "a\nb\nc\nd\n", "a\nc\nd\ne\n"), " 1,1 a|-2,0 b| 3,2 c| 4,3 d|+0,4 e");
  assert_string_equal(diff_str(&a, "b\n", "a\nb\n"), "+0,1 a| 1,2 b");
  assert_string_equal(diff_str(&a, "", "a\n"), "+0,1 a");
  assert_string_equal(diff_str(&a, "a\n", ""), "-1,0 a");
  /* the longest common part is kept: x y z moved past q */
  assert_string_equal(diff_str(&a, "x\ny\nz\nq\n", "q\nx\ny\nz\n"), "+0,1 q| 1,2 x| 2,3 y| 3,4 z|-4,0 q");
  arena_free(&a);
}

/* A last line without its line break is a line; a text that only gains the break differs in it. */
static void test_last_line_without_a_break(void **state){
  Arena a;
  arena_init(&a);
  assert_string_equal(diff_str(&a, "a\nb", "a\nb"), " 1,1 a| 2,2 b");
  assert_string_equal(diff_str(&a, "a\r\nb\n", "a\nb\n"), "-1,0 a\r|+0,1 a| 2,2 b");
  arena_free(&a);
}

/* Texts that differ in too many lines to compare are refused, not compared slowly; texts as long
** that differ in one line are compared (their common start and end are matched first). */
static void test_too_large_a_difference_is_refused(void **state){
  Arena a;
  arena_init(&a);
  Buf x = BUF_INIT, y = BUF_INIT;
  for(int i=0; i<3000; i++){ buf_printf(&x, "x%d\n", i); buf_printf(&y, "y%d\n", i); }
  DiffLine *d;
  assert_int_equal(diff_lines(&a, x.z, x.n, y.z, y.n, &d), -1);
  buf_reset(&y);
  for(int i=0; i<3000; i++) buf_printf(&y, i==1500 ? "changed\n" : "x%d\n", i);
  assert_int_equal(diff_lines(&a, x.z, x.n, y.z, y.n, &d), 3001);
  assert_int_equal(d[1500].op, '-');
  assert_int_equal(d[1501].op, '+');
  assert_int_equal(d[1501].new_no, 1501);
  buf_free(&x);
  buf_free(&y);
  arena_free(&a);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_equal_texts_keep_every_line),
    cmocka_unit_test(test_a_changed_line_is_taken_out_and_put_in),
    cmocka_unit_test(test_added_and_removed_lines),
    cmocka_unit_test(test_last_line_without_a_break),
    cmocka_unit_test(test_too_large_a_difference_is_refused),
  };
  return cmocka_run_group_tests_name("diff", tests, NULL, NULL);
}
