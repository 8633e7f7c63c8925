/*
** test_arena.c — the per-request arena and the growable buffer.
*/
#include "unit.h"

/* Every allocation is 16-byte aligned, whatever sizes came before it. */
static void test_arena_allocations_are_16_byte_aligned(void **state){
  Arena a;
  arena_init(&a);
  static const size_t sizes[] = { 1, 3, 7, 15, 16, 17, 31, 100, 1, 9000, 2, 5 };
  for(size_t i=0; i<COUNT(sizes); i++){
    void *p = arena_alloc(&a, sizes[i]);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % 16, 0);
  }
  arena_free(&a);
}

/* Many small allocations never overlap: each keeps what was written to it. */
static void test_many_small_allocations_keep_their_contents(void **state){
  enum { N = 5000, SZ = 24 };
  Arena a;
  arena_init(&a);
  unsigned char *p[N];
  for(int i=0; i<N; i++){
    p[i] = arena_alloc(&a, SZ);
    memset(p[i], i & 0xff, SZ);
  }
  unsigned char *big = arena_alloc(&a, 1<<20);
  assert_int_equal((uintptr_t)big % 16, 0);
  memset(big, 0xAB, 1<<20);
  unsigned char *after = arena_alloc(&a, SZ);
  memset(after, 0xCD, SZ);
  for(int i=0; i<N; i++){
    for(int k=0; k<SZ; k++) assert_int_equal(p[i][k], i & 0xff);
  }
  for(size_t k=0; k<(1u<<20); k+=4096) assert_int_equal(big[k], 0xAB);
  assert_int_equal(big[(1<<20)-1], 0xAB);
  assert_int_equal(after[0], 0xCD);
  assert_true(a.total >= (size_t)N*SZ + (1u<<20));
  arena_free(&a);
}

/* arena_strdup copies: changing the original leaves the copy as it was. */
static void test_strdup_makes_an_independent_copy(void **state){
  Arena a;
  arena_init(&a);
  char src[] = "LPSE Kota Bogor";
  char *c = arena_strdup(&a, src);
  src[0] = 'X';
  assert_string_equal(c, "LPSE Kota Bogor");
  assert_ptr_not_equal(c, src);
  assert_null(arena_strdup(&a, NULL));
  assert_string_equal(arena_strdup(&a, ""), "");
  arena_free(&a);
}

/* arena_strndup takes the first n bytes and ends them with a NUL. */
static void test_strndup_takes_a_prefix(void **state){
  Arena a;
  arena_init(&a);
  char *c = arena_strndup(&a, "pengguna/budi", 8);
  assert_string_equal(c, "pengguna");
  assert_int_equal(c[8], 0);
  arena_free(&a);
}

/* arena_printf formats with the escaping engine. */
static void test_printf_formats_with_escaping(void **state){
  Arena a;
  arena_init(&a);
  char *s = arena_printf(&a, "/masuk?next=%t&n=%d <%h>", "/kasus/1", 3, "a&b");
  assert_string_equal(s, "/masuk?next=%2Fkasus%2F1&n=3 <a&amp;b>");
  assert_string_equal(arena_printf(&a, "%s", ""), "");
  arena_free(&a);
}

/* After arena_free the arena is empty and can be used again. */
static void test_free_empties_the_arena_for_reuse(void **state){
  Arena a;
  arena_init(&a);
  arena_alloc(&a, 100);
  arena_alloc(&a, 50000);
  assert_true(a.total > 0);
  arena_free(&a);
  assert_null(a.head);
  assert_int_equal(a.total, 0);
  char *s = arena_strdup(&a, "again");
  assert_string_equal(s, "again");
  assert_true(a.total > 0);
  arena_free(&a);
  arena_free(&a);   /* freeing an empty arena is harmless */
  assert_int_equal(a.total, 0);
}

/* ---- Buf ---- */

/* An empty buffer reads as "" (never NULL). */
static void test_empty_buffer_reads_as_empty_string(void **state){
  Buf b = BUF_INIT;
  assert_non_null(buf_str(&b));
  assert_string_equal(buf_str(&b), "");
  assert_int_equal(b.n, 0);
  buf_free(&b);
}

/* puts, putc, append and printf add to the end in order. */
static void test_buffer_appends_in_order(void **state){
  Buf b = BUF_INIT;
  buf_puts(&b, "Loket");
  buf_putc(&b, ' ');
  buf_append(&b, "v1.2.3", 2);
  buf_printf(&b, " %d<%h>", 7, "&");
  buf_puts(&b, NULL);
  assert_string_equal(buf_str(&b), "Loket v1 7<&amp;>");
  assert_int_equal(b.n, strlen("Loket v1 7<&amp;>"));
  buf_free(&b);
}

/* Appending bytes that include a NUL keeps them all, and n counts them. */
static void test_buffer_holds_binary_bytes(void **state){
  Buf b = BUF_INIT;
  buf_append(&b, "a\0b", 3);
  assert_int_equal(b.n, 3);
  assert_memory_equal(b.z, "a\0b", 3);
  assert_int_equal(b.z[3], 0);
  buf_free(&b);
}

static void vprintf_helper(Buf *b, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

/* buf_vprintf is buf_printf with a va_list. */
static void test_buffer_vprintf(void **state){
  Buf b = BUF_INIT;
  vprintf_helper(&b, "%s=%J", "nama", "Budi \"B\"");
  assert_string_equal(buf_str(&b), "nama=\"Budi \\\"B\\\"\"");
  buf_free(&b);
}

/* Reset empties the text but keeps the memory for the next use. */
static void test_reset_keeps_capacity(void **state){
  Buf b = BUF_INIT;
  buf_puts(&b, "something long enough");
  size_t cap = b.cap;
  char *z = b.z;
  buf_reset(&b);
  assert_int_equal(b.n, 0);
  assert_string_equal(buf_str(&b), "");
  assert_int_equal(b.cap, cap);
  assert_ptr_equal(b.z, z);
  buf_puts(&b, "next");
  assert_string_equal(buf_str(&b), "next");
  buf_free(&b);
  assert_null(b.z);
  assert_int_equal(b.n, 0);
  assert_int_equal(b.cap, 0);
}

/* Growing one byte at a time to 200 KB keeps every byte. */
static void test_buffer_grows_byte_by_byte(void **state){
  Buf b = BUF_INIT;
  size_t n = 200*1024;
  for(size_t i=0; i<n; i++) buf_putc(&b, (char)('0' + i%10));
  assert_int_equal(b.n, n);
  assert_true(b.cap > n);
  for(size_t i=0; i<n; i+=997) assert_int_equal(b.z[i], '0' + i%10);
  assert_int_equal(b.z[n], 0);
  buf_free(&b);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_arena_allocations_are_16_byte_aligned),
    cmocka_unit_test(test_many_small_allocations_keep_their_contents),
    cmocka_unit_test(test_strdup_makes_an_independent_copy),
    cmocka_unit_test(test_strndup_takes_a_prefix),
    cmocka_unit_test(test_printf_formats_with_escaping),
    cmocka_unit_test(test_free_empties_the_arena_for_reuse),
    cmocka_unit_test(test_empty_buffer_reads_as_empty_string),
    cmocka_unit_test(test_buffer_appends_in_order),
    cmocka_unit_test(test_buffer_holds_binary_bytes),
    cmocka_unit_test(test_buffer_vprintf),
    cmocka_unit_test(test_reset_keeps_capacity),
    cmocka_unit_test(test_buffer_grows_byte_by_byte),
  };
  return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
