/*
** fuzz_stem.c — the Indonesian stemmer (src/core/stem.c) on what people type into search and
** what cases and articles hold: stem_text's words are non-empty, lower-case, one space apart,
** each at most STEM_MAX-1 bytes; stem_word on each (lower-case) word of the input fits its
** buffer; the stemmer never grows a word.
*/
#include "fuzz.h"
#include "../src/core/stem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  char *z = fuzz_str(data, size);
  Buf b = BUF_INIT;
  int n = stem_text(z, &b);
  FUZZ_CHECK(n>=0);
  if( n==0 ) FUZZ_CHECK(b.n==0);
  int words = 0;
  for(size_t i=0; i<b.n; ){
    size_t j = i;
    while( j<b.n && b.z[j]!=' ' ) j++;
    FUZZ_CHECK(j>i && j-i<STEM_MAX);
    for(size_t k=i; k<j; k++) FUZZ_CHECK(!(b.z[k]>='A' && b.z[k]<='Z'));
    words++;
    i = j+1;
    if( j<b.n ) FUZZ_CHECK(i<b.n);
  }
  FUZZ_CHECK(words==n);
  buf_free(&b);

  /* each run of lower-case letters as one word */
  char out[STEM_MAX];
  for(char *w = strtok(z, " \t\r\n,.;:"); w; w = strtok(0, " \t\r\n,.;:")){
    stem_word(w, out);
    FUZZ_CHECK(strlen(out)<STEM_MAX);
    if( strlen(w)<STEM_MAX ) FUZZ_CHECK(strlen(out)<=strlen(w));
    stem_stopword(w);
  }
  free(z);
  return 0;
}
