/*
** fuzz_directory.c — the directory's CSV import (directory_import, src/desk/directory.c) as a
** dry run against a fresh database made once: its header, each row checked as party_create
** would, duplicates within the file. A file refused whole says why; a report's rows add up.
*/
#include "fuzz.h"
#include "../src/db/db.h"
#include "../src/desk/desk.h"
#include "../src/desk/directory.h"
#include <unistd.h>

static char fuzz_dir[256];
static int64_t office;
static Actor who = { 0, "fuzz", 0, "127.0.0.1" };

/* Remove the database made for the run. */
static void fuzz_cleanup(void){
  db_global_close();
  const char *const files[] = { "loket.db", "loket.db-wal", "loket.db-shm" };
  for(size_t i=0; i<COUNT(files); i++){
    char p[300];
    snprintf(p, sizeof p, "%s/%s", fuzz_dir, files[i]);
    unlink(p);
  }
  rmdir(fuzz_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv){
  char err[512], path[300];
  const char *tmp = getenv("TMPDIR");
  log_set_quiet(1);
  util_init();
  i18n_load(err, sizeof err);
  snprintf(fuzz_dir, sizeof fuzz_dir, "%s/loket-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if( mkdtemp(fuzz_dir)==0 ) abort();
  atexit(fuzz_cleanup);
  snprintf(path, sizeof path, "%s/loket.db", fuzz_dir);
  if( db_global_open(path, err, sizeof err)!=OK ){ fprintf(stderr, "%s\n", err); abort(); }
  Err e = {0};
  if( office_create(db_thread(), &who, "LPSE", "LPSE Uji", "WIB", &office, &e)!=OK ) abort();
  who.office_id = office;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  if( size<1 ) return 0;
  Arena a;
  arena_init(&a);
  ImportReport rep;
  memset(&rep, 0, sizeof rep);
  int rc = directory_import(db_thread(), &who, office, (const char*)data+1, size-1, 1,
                            data[0] & 1 ? "en" : "id", &rep, 0, 0, &a);
  if( rc==OK ){
    FUZZ_CHECK(rep.accepted>=0 && rep.accepted<=rep.rows && rep.nrejects<=rep.rows);
    FUZZ_CHECK(rep.accepted + rep.nrejects==rep.rows);
    for(int i=0; i<rep.nrejects; i++) FUZZ_CHECK(rep.rejects[i].reason!=0 && rep.rejects[i].row>=2);
  }else if( rc==ERR_INVALID ){
    FUZZ_CHECK(rep.error!=0);
  }
  FUZZ_CHECK(db_unreset(db_thread())==0);
  arena_free(&a);
  return 0;
}
