/*
** fuzz_ident.c — the identity validators (src/core/ident.c): NIK, NIP, NPWP (old, NIK and new
** forms), SPSE codes, e-mail and telephone. What one accepts is accepted again in the form it
** gives back (a normalised phone, an NPWP's bare digits, its 16-digit form), to the same.
*/
#include "fuzz.h"
#include "../src/core/ident.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  char *z = fuzz_str(data, size);
  Err e = {0};
  char out[64], again[64], f16[20], f15[20];
  int kind = 0, kind2 = 0;

  ident_nik(z, &e);
  ident_nip(z, &e);
  ident_email(z, &e);
  ident_spse_code(z, "code", &e);
  ident_normalize(z, out, sizeof out);
  char small[4];
  ident_normalize(z, small, sizeof small);

  if( ident_phone(z, out, sizeof out, &kind, &e)==OK ){
    FUZZ_CHECK(strncmp(out, "+62", 3)==0 && kind!=0);
    FUZZ_CHECK(ident_phone(out, again, sizeof again, &kind2, &e)==OK);
    FUZZ_CHECK(strcmp(out, again)==0 && kind==kind2);
  }
  char tiny[5];
  ident_phone(z, tiny, sizeof tiny, &kind, &e);

  int form = 0, form2 = 0;
  if( ident_npwp(z, &form, out, sizeof out, &e)==OK ){
    FUZZ_CHECK(form>=IDENT_NPWP_OLD && form<=IDENT_NPWP_NEW);
    FUZZ_CHECK(ident_npwp(out, &form2, again, sizeof again, &e)==OK && strcmp(out, again)==0);
    FUZZ_CHECK(ident_npwp16(z, f16, &e)==OK && strlen(f16)==16);
    FUZZ_CHECK(ident_npwp16(f16, again, &e)==OK && strcmp(f16, again)==0);
    FUZZ_CHECK(ident_npwp_forms(z, f16, f15)==OK);
  }else{
    ident_npwp16(z, f16, &e);
    ident_npwp_forms(z, f16, f15);
  }
  free(z);
  return 0;
}
