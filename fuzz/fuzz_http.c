/*
** fuzz_http.c — Loket's own checks of what a request's line and headers carry
** (src/http/server.c, reply.c): path_is_local (a redirect target never leaves the site),
** route_match against the route table's patterns (captures are within the path, none empty),
** and csrf_check with the text as token, Origin and Host.
** (Form and multipart bodies: fuzz_multipart.c; cookie and query syntax is libmicrohttpd's.)
*/
#include "fuzz.h"
#include "../src/http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  char *z = fuzz_str(data, size);
  if( path_is_local(z) ){
    FUZZ_CHECK(z[0]=='/' && z[1]!='/' && z[1]!='\\');
    for(const unsigned char *p = (const unsigned char*)z; *p; p++) FUZZ_CHECK(*p>=0x20 && *p!=0x7f);
  }
  Req *r = calloc(1, sizeof *r);
  arena_init(&r->arena);
  for(size_t i=0; i<routes_count; i++){
    r->nparam = 0;
    if( route_match(r, routes[i].path, z) ){
      for(int k=0; k<r->nparam; k++) FUZZ_CHECK(r->pval[k]!=0 && r->pname[k]!=0);
    }
  }
  /* the token, the Origin and the Host: the text cut in three at its first two NULs */
  const char *sent = z, *origin = 0, *host = 0;
  size_t a = strlen(z);
  if( a<size ){ origin = z+a+1; size_t o = strlen(origin); if( a+1+o<size ) host = origin+o+1; }
  csrf_check(sent, "0123456789abcdef", origin, host);
  csrf_check(sent, sent, origin, host);
  if( csrf_check("t", "t", origin, host) && origin ) FUZZ_CHECK(host!=0 && strcmp(origin, "null")!=0);
  arena_free(&r->arena);
  free(r);
  free(z);
  return 0;
}
