/*
** fuzz.h — what every harness of fuzz/ includes: the project's headers and FUZZ_CHECK, an
** invariant that stops the run (abort: libFuzzer keeps the input as a crash, the replay fails).
** Each fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize);
** clang links it with libFuzzer (`make fuzz`), gcc with fuzz/replay.c (the unit suite).
*/
#ifndef LOKET_FUZZ_H
#define LOKET_FUZZ_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "../src/core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* An invariant of the harness: when it fails, say which and abort. */
#define FUZZ_CHECK(c) do{ if( !(c) ){ \
    fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); abort(); } }while(0)

/* The input as a NUL-terminated string (malloc'd: ASan sees a read past its end). */
static inline char *fuzz_str(const uint8_t *data, size_t size){
  char *z = malloc(size + 1);
  if( z==0 ) abort();
  memcpy(z, data, size);
  z[size] = 0;
  return z;
}
#endif
