/*
** fuzz_procedure.c — the SOP procedure file parser (procedure_parse, src/sop/procedure.c):
** an accepted procedure has no error and at least one step, its steps lead to steps it has,
** and its JSON (GET /api/v1/sops) is JSON; a refused one says what is wrong. The files of
** sop/ are its seeds.
*/
#include "fuzz.h"
#include "../src/sop/sop.h"
#include <jansson.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  char *text = fuzz_str(data, size);
  Procedure *p = 0;
  Buf errs = BUF_INIT;
  int nerr = 0;
  int rc = procedure_parse("fuzz.sop", text, size, &p, &errs, &nerr);
  if( rc==OK ){
    FUZZ_CHECK(p!=0 && nerr==0 && p->nsteps>0);
    int back[64];
    for(int i=0; i<p->nsteps; i++){
      int next = procedure_next(p, &p->steps[i]);
      FUZZ_CHECK(next==STEP_END || procedure_step(p, next)!=0);
      FUZZ_CHECK(procedure_back_targets(p, &p->steps[i], back, 64)<=64);
    }
    Buf j = BUF_INIT;
    procedure_json(&j, p, size & 1 ? "en" : "id");
    json_error_t err;
    json_t *v = json_loadb(j.z, j.n, 0, &err);
    if( v==0 ) fprintf(stderr, "procedure_json: %s\n", err.text);
    FUZZ_CHECK(v!=0 && json_is_object(v));
    json_decref(v);
    buf_free(&j);
    procedure_free(p);
  }else{
    FUZZ_CHECK(p==0 && nerr>0 && errs.n>0);
  }
  buf_free(&errs);
  free(text);
  return 0;
}
