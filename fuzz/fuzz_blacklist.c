/*
** fuzz_blacklist.c — the national blacklist's CSV (verify_blacklist_parse, src/desk/verify.c):
** every entry has an NPWP of 16 digits and a name; an "until" is a real day; errors say a line.
*/
#include "fuzz.h"
#include "../src/db/db.h"
#include "../src/desk/desk.h"
#include "../src/desk/verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  if( size<1 ) return 0;
  Arena a;
  arena_init(&a);
  BlackEntry *rows = 0;
  int n = 0;
  char err[256] = "";
  char *text = fuzz_str(data+1, size-1);
  BlackBad bad = { 0, 0 };
  int rc = verify_blacklist_parse(text, size-1, &rows, &n, &a, data[0] & 1 ? "en" : "id", err, sizeof err, data[0] & 2 ? &bad : 0);
  if( rc==OK ){
    for(int i=0; i<n; i++){
      FUZZ_CHECK(rows[i].npwp!=0 && rows[i].name!=0);
      if( rows[i].until && rows[i].until[0] ) FUZZ_CHECK(time_is_day(rows[i].until));
    }
  }else{
    FUZZ_CHECK(err[0]!=0);
    for(int i=0; i<bad.n && i<BLACK_BAD_MAX; i++) FUZZ_CHECK(strncmp(bad.line[i], "line ", 5)==0 || strncmp(bad.line[i], "baris ", 6)==0);
  }
  free(text);
  arena_free(&a);
  return 0;
}
