/*
** replay.c — a harness of fuzz/ as a plain program: feeds every file of its corpus folder
** (FUZZ_CORPUS, given when built; or the folders and files named on the command line) to
** LLVMFuzzerTestOneInput, once each. Built with gcc into build/test/test_fuzz_NAME, so the
** unit suite replays every seed and every crash found without clang. Its last line counts the
** inputs as cmocka counts tests, which scripts/test.sh sums.
*/
#include "fuzz.h"
#include <dirent.h>
#include <sys/stat.h>

/* A harness without its own set-up has none. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv){ return 0; }

/* Feed one file; 0, or 1 when it could not be read. */
static int replay_file(const char *path, int *n){
  Buf b = BUF_INIT;
  if( util_file_read(path, &b)!=OK ){ fprintf(stderr, "replay: cannot read %s\n", path); return 1; }
  LLVMFuzzerTestOneInput((const uint8_t*)(b.z ? b.z : ""), b.n);
  buf_free(&b);
  (*n)++;
  return 0;
}

/* Feed a file, or each file of a folder (in name order, so a failure is found again). */
static int replay_path(const char *path, int *n){
  struct stat st;
  if( stat(path, &st)!=0 ){ fprintf(stderr, "replay: no %s\n", path); return 1; }
  if( !S_ISDIR(st.st_mode) ) return replay_file(path, n);
  struct dirent **names;
  int k = scandir(path, &names, 0, alphasort), bad = 0;
  if( k<0 ){ fprintf(stderr, "replay: cannot list %s\n", path); return 1; }
  for(int i=0; i<k; i++){
    if( names[i]->d_name[0]!='.' ){
      char p[4096];
      snprintf(p, sizeof p, "%s/%s", path, names[i]->d_name);
      bad |= replay_file(p, n);
    }
    free(names[i]);
  }
  free(names);
  return bad;
}

int main(int argc, char **argv){
  LLVMFuzzerInitialize(&argc, &argv);
  int n = 0, bad = 0;
  if( argc>1 ) for(int i=1; i<argc; i++) bad |= replay_path(argv[i], &n);
  else bad = replay_path(FUZZ_CORPUS, &n);
  printf("[==========] %s: %d input(s) replayed.\n", FUZZ_CORPUS, n);
  if( bad ){ printf("[  FAILED  ] 1 test(s)\n"); return 1; }
  printf("[  PASSED  ] %d test(s).\n", n);
  return 0;
}
