/*
** fuzz_config.c — loket.conf as config_parse reads it (src/core/config.c), and the addresses
** it and the forms take: a listen address (config_listen_check), a public URL (util_url_base:
** what it keeps has no space, quote or ?#\ and starts http), a url shown without its password.
*/
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  char *z = fuzz_str(data, size);
  Config c;
  char err[256], out[512];
  config_defaults(&c);
  if( config_parse(&c, z, err, sizeof err)!=OK ) FUZZ_CHECK(err[0]!=0);
  FUZZ_CHECK(memchr(c.listen, 0, sizeof c.listen)!=0 && memchr(c.db, 0, sizeof c.db)!=0);
  config_listen_check(z, size & 1, err, sizeof err);
  if( util_url_base(z, out, sizeof out)==OK && out[0] ){
    FUZZ_CHECK(strncmp(out, "http://", 7)==0 || strncmp(out, "https://", 8)==0);
    FUZZ_CHECK(strpbrk(out, " \"'<>?#\\")==0);
    char again[512];
    FUZZ_CHECK(util_url_base(out, again, sizeof again)==OK && strcmp(out, again)==0);
  }
  util_url_shown(z, size & 1, out, sizeof out);
  util_url_shown(z, 0, err, 8);
  free(z);
  return 0;
}
