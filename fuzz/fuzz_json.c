/*
** fuzz_json.c — an API request's JSON body as the handlers read it (src/http/jsonin.c):
** jin_object / jin_patch, then the members as a handler takes them (jin_str, jin_int,
** jin_bool, jin_strlist, jin_intlist, jin_done). Whatever the body, a refusal is itself
** well-formed JSON with an "error".
*/
#include "fuzz.h"
#include "../src/http/http.h"

int LLVMFuzzerInitialize(int *argc, char ***argv){
  char err[256];
  i18n_load(err, sizeof err);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  if( size<1 ) return 0;
  Req *r = calloc(1, sizeof *r);
  arena_init(&r->arena);
  r->is_api = 1;
  r->lang = data[0] & 2 ? "en" : "id";
  buf_append(&r->body, data+1, size-1);
  int rc = data[0] & 1 ? jin_patch(r) : jin_object(r);
  if( rc==OK ){
    static const char *const allowed[] = { "name", "n", "ok", "tags", "ids", 0 };
    const char *s = 0, **list = 0;
    int64_t n = 0;
    int b = 0, nl = 0, *ids = 0, ni = 0;
    jin_str(r, "name", data[0] & 4, 120, &s);
    jin_int(r, "n", -5, 1000000, &n);
    jin_bool(r, "ok", &b);
    jin_strlist(r, "tags", &list, &nl);
    jin_intlist(r, "ids", 1, 99, &ids, &ni);
    rc = jin_done(r, allowed);
  }
  if( rc!=OK ){
    json_error_t err;
    json_t *j = json_loadb(r->out.z ? r->out.z : "", r->out.n, 0, &err);
    if( j==0 ) fprintf(stderr, "reply [%.*s]\n", (int)r->out.n, r->out.z ? r->out.z : "");
    FUZZ_CHECK(j!=0 && json_object_get(j, "error")!=0);
    FUZZ_CHECK(r->status>=400);
    json_decref(j);
  }
  json_decref(r->json);
  buf_free(&r->body);
  buf_free(&r->out);
  arena_free(&r->arena);
  free(r);
  return 0;
}
