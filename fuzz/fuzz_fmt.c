/*
** fuzz_fmt.c — the printf engine's escapers (src/core/fmt.c): %h never lets a raw < > " ' or
** an & that starts no entity through; %t leaves only unreserved characters and %XX; %J is
** always JSON that jansson reads back, and gives the text back when it was well-formed UTF-8.
** The first byte picks a CSV writer's defusing too (src/report/csv.c).
*/
#include "fuzz.h"
#include "../src/report/csv.h"
#include <jansson.h>

/* 1 when s[i] is the start of one of the entities fmt_html writes. */
static int fuzz_entity(const char *s){
  return strncmp(s, "&amp;", 5)==0 || strncmp(s, "&lt;", 4)==0 || strncmp(s, "&gt;", 4)==0
      || strncmp(s, "&quot;", 6)==0 || strncmp(s, "&#39;", 5)==0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  const char *z = (const char*)data;
  Buf b = BUF_INIT;

  fmt_html(&b, z, size);
  for(size_t i=0; i<b.n; i++){
    FUZZ_CHECK(b.z[i]!='<' && b.z[i]!='>' && b.z[i]!='"' && b.z[i]!='\'');
    if( b.z[i]=='&' ) FUZZ_CHECK(fuzz_entity(b.z+i));
  }
  buf_reset(&b);

  fmt_url(&b, z, size);
  FUZZ_CHECK(b.n>=size);
  for(size_t i=0; i<b.n; i++){
    unsigned char c = (unsigned char)b.z[i];
    if( c=='%' ){ FUZZ_CHECK(i+2<b.n); i += 2; continue; }
    FUZZ_CHECK((c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9') || c=='-' || c=='_' || c=='.' || c=='~');
  }
  buf_reset(&b);

  /* %J through the engine itself, with the text NUL-terminated */
  char *s = fuzz_str(data, size);
  buf_printf(&b, "[%J,\"%j\",%h,%t]", s, s, s, s);
  buf_reset(&b);
  buf_printf(&b, "%J", s);
  json_error_t err;
  json_t *j = json_loadb(b.z, b.n, JSON_DECODE_ANY, &err);
  FUZZ_CHECK(j!=0 && json_is_string(j));
  if( util_utf8_bad_line(s, strlen(s))==0 ) FUZZ_CHECK(strcmp(json_string_value(j), s)==0);
  json_decref(j);
  buf_reset(&b);

  /* the CSV writer: a field is quoted when it must be, and never starts a formula */
  Csv c;
  csv_init(&c, &b);
  csv_text(&c, s);
  csv_number_text(&c, s);
  csv_row(&c);
  buf_free(&b);
  free(s);
  return 0;
}
