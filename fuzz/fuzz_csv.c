/*
** fuzz_csv.c — the imports' CSV reader (csv_parse, src/core/csv.c), with the flags the first
** byte picks: every row's fields are strings within the input's size, lines rise.
*/
#include "fuzz.h"

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
  free(text);
  arena_free(&a);
  return 0;
}
