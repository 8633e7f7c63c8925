/*
** fuzz_csv.c — the imports' CSV reader (csv_parse, src/core/csv.c), with the flags the first
** byte picks: every row's fields are strings within the input's size, lines rise. Then the
** export's writer (csv_text, src/report/csv.c) against it: the input cut at its NULs into the
** fields of one row, written and read back, gives the same fields (a formula's defusing quote
** aside).
*/
#include "fuzz.h"
#include "../src/report/csv.h"

/* Write the NUL-separated fields of z as one CSV row and read it back. */
static void fuzz_roundtrip(const char *z, size_t n){
  const char *f[16];
  int nf = 0, any = 0;
  for(size_t i=0; i<=n && nf<16; ){
    f[nf++] = z+i;
    any |= z[i]!=0;
    i += strlen(z+i) + 1;
  }
  if( !any ) return;   /* a row of empty fields is a blank line */
  Buf b = BUF_INIT;
  Csv c;
  csv_init(&c, &b);
  for(int i=0; i<nf; i++) csv_text(&c, f[i]);
  csv_row(&c);
  Arena a;
  arena_init(&a);
  CsvRow *rows = 0;
  int nrows = 0, errline = 0;
  const char *error = 0;
  int rc = csv_parse(b.z, b.n, 0, &rows, &nrows, &a, &error, &errline);
  if( rc!=OK || nrows!=1 || rows[0].n!=nf ){
    fprintf(stderr, "written [%s] read back: rc %d, %d rows, %d fields of %d\n", b.z, rc, nrows, nrows ? rows[0].n : 0, nf);
  }
  FUZZ_CHECK(rc==OK && nrows==1 && rows[0].n==nf);
  for(int i=0; i<nf; i++){
    const char *got = rows[0].f[i];
    if( f[i][0] && strchr("=+-@\t\r", f[i][0]) && got[0]=='\'' ) got++;
    if( strcmp(got, f[i])!=0 ) fprintf(stderr, "field %d [%s] read back [%s]\n", i, f[i], rows[0].f[i]);
    FUZZ_CHECK(strcmp(got, f[i])==0);
  }
  arena_free(&a);
  buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  if( size<1 ) return 0;
  int flags = data[0] & 7;
  Arena a;
  arena_init(&a);
  CsvRow *rows = 0;
  int nrows = 0, errline = 0;
  const char *error = 0;
  char *text = fuzz_str(data+1, size-1);
  int rc = csv_parse(text, size-1, flags, &rows, &nrows, &a, &error, &errline);
  if( rc==OK ){
    int line = 0;
    for(int i=0; i<nrows; i++){
      FUZZ_CHECK(rows[i].line>line);
      line = rows[i].line;
      FUZZ_CHECK(rows[i].n>=0);
      for(int k=0; k<rows[i].n; k++) FUZZ_CHECK(rows[i].f[k]!=0 && strlen(rows[i].f[k])<=size);
    }
  }else{
    FUZZ_CHECK(error!=0 && errline>=1);
  }
  fuzz_roundtrip(text, size-1);   /* text: the input with a NUL after it */
  free(text);
  arena_free(&a);
  return 0;
}
