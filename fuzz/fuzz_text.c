/*
** fuzz_text.c — the checks every typed text goes through (src/core/util.c): UTF-8 lengths and
** cuts never split a character or pass their limit, a first line is one line within max bytes,
** err_check_text accepts only what its rule allows, util_id reads only a positive id.
** The first byte is the limit.
*/
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  if( size<1 ) return 0;
  size_t max = data[0] % 64;
  char *z = fuzz_str(data+1, size-1);
  size_t n = strlen(z);
  int wellformed = util_utf8_bad_line(z, n)==0;
  Arena a;
  arena_init(&a);

  size_t chars = util_utf8_len(z);
  FUZZ_CHECK(chars<=n);
  char *cut = util_utf8_cut(z, max ? max : 1, &a);
  FUZZ_CHECK(util_utf8_len(cut)<=(max ? max : 1));
  if( wellformed ) FUZZ_CHECK(util_utf8_bad_line(cut, strlen(cut))==0);
  char *pre = util_utf8_prefix(z, max, &a);
  FUZZ_CHECK(util_utf8_len(pre)<=max && strncmp(pre, z, strlen(pre))==0);
  size_t w = util_utf8_whole(z, max<n ? max : n);
  FUZZ_CHECK(w<=n);
  if( wellformed ) FUZZ_CHECK(util_utf8_bad_line(z, w)==0);
  char *line = util_first_line(z, max+1, &a);
  FUZZ_CHECK(strlen(line)<=max+1 && strpbrk(line, "\r\n")==0);
  for(size_t i=0; i<n; ){
    int k = util_utf8_seq(z+i, n-i);
    FUZZ_CHECK(k>=0 && (size_t)k<=n-i);
    i += k ? (size_t)k : 1;
  }

  Err e = {0};
  int how = data[0]>>6;
  if( err_check_text(&e, "f", z, max, how)==OK ){
    FUZZ_CHECK(chars<=max);
    FUZZ_CHECK(util_blank(z) || util_utf8_bad_line(z, strlen(z))==0);   /* well-formed UTF-8: a CSV's cell too */
    if( how & TEXT_REQUIRED ) FUZZ_CHECK(!util_blank(z));
    FUZZ_CHECK(!util_has_control(z, how & TEXT_LINES));
  }else{
    FUZZ_CHECK(err_count(&e)==1 && err_about(&e, "f")!=0);
  }
  int64_t id = util_id(z);
  FUZZ_CHECK(id>=0);
  if( id ) FUZZ_CHECK(util_is_digits(z, n));
  util_has_word(z, "abc");
  char *t = arena_strdup(&a, z);
  char *tr = util_trim(t);
  FUZZ_CHECK(strlen(tr)<=n);
  arena_free(&a);
  free(z);
  return 0;
}
