/*
** fuzz_procedure.c — the SOP procedure file parser (procedure_parse, src/sop/procedure.c):
** an accepted procedure has no error and at least one step; a refused one says what is
** wrong. The files of sop/ are its seeds.
*/
#include "fuzz.h"
#include "../src/sop/sop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  char *text = fuzz_str(data, size);
  Procedure *p = 0;
  Buf errs = BUF_INIT;
  int nerr = 0;
  int rc = procedure_parse("fuzz.sop", text, size, &p, &errs, &nerr);
  if( rc==OK ){
    FUZZ_CHECK(p!=0 && nerr==0 && p->nsteps>0);
    for(int i=0; i<p->nsteps; i++) procedure_next(p, &p->steps[i]);
    procedure_free(p);
  }else{
    FUZZ_CHECK(p==0 && nerr>0 && errs.n>0);
  }
  buf_free(&errs);
  free(text);
  return 0;
}
