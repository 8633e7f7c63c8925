/*
** cli_sop.c — `loket sop check|list|show`: validating procedure files and
** reading the procedures compiled into the binary; and the loading of the
** procedures that `loket init` and `loket serve` do at start.
*/
#include "cli.h"
#include "sop/sop.h"
#include <stdlib.h>
#include <errno.h>
#include <string.h>

const char cli_sop_usage[] = "sop check FILE… | sop list [--json] | sop show CODE [--json] [--lang en]";
const char cli_sop_help[] =
  "  check FILE…      validate procedure files (docs/sop-format.md): exit 0 when all are\n"
  "                   valid, else every error as FILE:LINE: message on stderr and exit 1\n"
  "  list [--json]    the procedures compiled into this binary: code, revision, title, steps\n"
  "  show CODE        one procedure as a table: no, actor, time standard, text, branch\n"
  "                   (--json: the object of GET /api/v1/sops/CODE, read from the files compiled in,\n"
  "                   so id and revision_no, which the database gives, are null; --lang en: standards\n"
  "                   in English)";

/* Load the embedded procedures and store them in the open database; prints the errors. */
int cli_sop_load(void){
  Buf errs = BUF_INIT;
  int rc = sop_library_load(db_thread(), &errs);
  if( rc!=OK ){
    fputs(buf_str(&errs), stderr);
    fprintf(stderr, "loket: the procedures compiled into this binary are not valid (see above)\n");
  }
  buf_free(&errs);
  return rc!=OK;
}

/* Print the usage of `loket sop`. */
static int sop_usage(FILE *f){
  fprintf(f, "usage: loket %s\n\n%s\n", cli_sop_usage, cli_sop_help);
  return f==stdout ? 0 : 2;
}

/* `loket sop check FILE…`: every error of every file on stderr; 0 when all are valid. */
static int sop_check(char **files, int n){
  int bad = 0;
  Procedure **ok = xcalloc((size_t)n+1, sizeof *ok);
  for(int i=0; i<n; i++){
    Buf text = BUF_INIT, errs = BUF_INIT;
    int rc = util_file_read(files[i], &text);
    if( rc!=OK ){
      fprintf(stderr, "%s: cannot read the file: %s\n", files[i], strerror(errno));   /* no line to name */
      bad = 1;
    }else if( procedure_parse(files[i], text.z ? text.z : "", text.n, &ok[i], &errs, 0)!=OK ){
      fputs(buf_str(&errs), stderr);
      bad = 1;
    }else{
      int clash = 0;
      for(int k=0; k<i && !clash; k++){
        if( strcmp(files[k], files[i])==0 ){ clash = -1; break; }   /* the same file named twice: checked once */
        if( ok[k] && strcmp(ok[k]->code, ok[i]->code)==0 ){
          fprintf(stderr, "%s:%d: code %s is also the code of %s (line %d): a library holds one procedure per code\n",
                  files[i], ok[i]->code_line, ok[i]->code, files[k], ok[k]->code_line);
          clash = bad = 1;
        }
      }
      if( clash==0 ) printf("%s: ok, %s, %d steps\n", files[i], ok[i]->code, ok[i]->nsteps);
      if( clash==-1 ){ procedure_free(ok[i]); ok[i] = 0; }
    }
    buf_free(&text);
    buf_free(&errs);
  }
  for(int i=0; i<n; i++) procedure_free(ok[i]);
  free(ok);
  return bad;
}

/* Append the lines of z wrapped at width columns (counting characters, not bytes). */
static int wrap_lines(const char *z, int width, char lines[][256], int max){
  int n = 0;
  while( z && *z && n<max ){
    while( *z==' ' ) z++;
    int cols = 0;
    const char *p = z, *cut = 0;
    while( *p ){
      if( *p==' ' ) cut = p;
      if( ((unsigned char)*p & 0xC0)!=0x80 ) cols++;
      if( cols>width ) break;
      p++;
    }
    size_t len = *p==0 ? strlen(z) : (size_t)((cut && cut>z ? cut : p) - z);
    if( len>255 ) len = 255;
    memcpy(lines[n], z, len);
    lines[n][len] = 0;
    n++;
    z += len;
  }
  return n;
}

/* Print width columns of s, padding by characters (UTF-8 aware). */
static void print_cell(const char *s, int width){
  int cols = 0;
  for(const char *p = s; *p; p++) if( ((unsigned char)*p & 0xC0)!=0x80 ) cols++;
  fputs(s, stdout);
  for(; cols<width; cols++) putchar(' ');
}

/* The table's word in its language: id (the SOP's own words) or en. */
static const char *sop_word(const char *lang, const char *id, const char *en){
  return strcmp(lang, "en")==0 ? en : id;
}

/* The branch column of a step: where it leads, in the table's language. */
static void branch_text(const Procedure *p, const Step *s, const char *lang, char *out, size_t n){
  const char *end = sop_word(lang, "selesai", "end");
  char yes[16], no[16];
  if( s->question ){
    const int to[2] = { s->yes_to, s->no_to };
    char *w[2] = { yes, no };
    for(int k=0; k<2; k++){
      if( to[k]==STEP_END ) snprintf(w[k], sizeof yes, "%s", end);
      else if( to[k]==STEP_BACK ) snprintf(w[k], sizeof yes, "%s", sop_word(lang, "kembali", "back"));   /* to the step that led here */
      else snprintf(w[k], sizeof yes, "%d", to[k]);
    }
    snprintf(out, n, "%s → %s; %s → %s", sop_word(lang, "Ya", "Yes"), yes, sop_word(lang, "Tidak", "No"), no);
  }else{
    int to = procedure_next(p, s);
    if( to==STEP_END ) snprintf(out, n, "→ %s", end);
    else if( to!=s->no+1 ) snprintf(out, n, "→ %d", to);
    else out[0] = 0;
  }
  if( s->pause ) snprintf(out+strlen(out), n-strlen(out), "%s(%s)", out[0] ? " " : "", sop_word(lang, "jeda", "pause"));
  if( s->outside ) snprintf(out+strlen(out), n-strlen(out), "%s(%s)", out[0] ? " " : "", sop_word(lang, "di luar alur", "outside the flow"));
}

/* `loket sop show CODE`: the procedure as a table in the terminal. */
static void sop_table(const Procedure *p, const char *lang){
  enum { W_NO = 3, W_ACTOR = 18, W_STD = 26, W_TEXT = 48 };
  Arena a;
  arena_init(&a);
  printf("%s  (%s %s)\n%s\n", p->code, sop_word(lang, "revisi", "revision"), p->revision, p->title);
  if( p->title_en ) printf("%s\n", p->title_en);
  putchar('\n');
  print_cell("no", W_NO+1); print_cell(sop_word(lang, "pelaksana", "actor"), W_ACTOR+1);
  print_cell(sop_word(lang, "mutu baku (waktu)", "standard (time)"), W_STD+1);
  print_cell(sop_word(lang, "kegiatan", "activity"), W_TEXT+1); printf("%s\n", sop_word(lang, "cabang", "branch"));
  for(int i=0; i<p->nsteps; i++){
    const Step *s = &p->steps[i];
    char text[40][256], std[4][256], actor[16][256], no[8], words[128], branch[96];
    const char *body = strcmp(lang, "en")==0 && s->text_en ? s->text_en : s->text;   /* English where the file gives it */
    int nt = wrap_lines(s->question ? arena_printf(&a, "%s (%s)", body, s->question) : body,
                        W_TEXT, text, 40);
    sop_standard_text(&s->std, lang, words, sizeof words);
    int ns = wrap_lines(words, W_STD, std, 4);
    int na = 0;
    for(int k=0; k<s->actors.n && na<16; k++){
      const char *who = s->actors.v[k];
      if( strcmp(who, "requester")==0 && strcmp(lang, "id")==0 ) who = "pemohon";   /* the table is in the SOP's words */
      snprintf(actor[na++], sizeof actor[0], "%s%s", who, k+1<s->actors.n ? "," : "");
    }
    for(int k=0; k<s->ntasks && nt<40; k++){
      char tw[128];
      sop_standard_text(&s->tasks[k].std, lang, tw, sizeof tw);
      nt += wrap_lines(arena_printf(&a, "%c. %s [%s]", 'a'+k, s->tasks[k].text, tw), W_TEXT,
                       text+nt, 40-nt);
    }
    branch_text(p, s, lang, branch, sizeof branch);
    snprintf(no, sizeof no, "%2d", s->no);
    int rows = nt>ns ? nt : ns;
    if( na>rows ) rows = na;
    for(int k=0; k<rows; k++){
      print_cell(k==0 ? no : "", W_NO+1);
      print_cell(k<na ? actor[k] : "", W_ACTOR+1);
      print_cell(k<ns ? std[k] : "", W_STD+1);
      if( k==0 && branch[0] ){ print_cell(k<nt ? text[k] : "", W_TEXT+1); printf("%s\n", branch); }
      else printf("%s\n", k<nt ? text[k] : "");
    }
  }
  arena_free(&a);
}

/* `loket sop …`. */
int cmd_sop(int argc, char **argv){
  char *args[256];
  int nargs = 0, json = 0;
  const char *lang = "id";
  for(int i=0; i<argc; i++){
    if( !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ) return sop_usage(stdout);
    if( !strcmp(argv[i], "--json") ){ json = 1; continue; }
    if( !strcmp(argv[i], "--data") && i+1<argc ){ i++; continue; }   /* global (loket help): taken, not used */
    if( !strcmp(argv[i], "--lang") ){
      if( i+1>=argc || strncmp(argv[i+1], "--", 2)==0 ){ fprintf(stderr, "loket sop: --lang needs a value (id or en)\n"); return 2; }
      lang = argv[++i];
      if( strcmp(lang, "id") && strcmp(lang, "en") ){ fprintf(stderr, "loket sop: --lang is id or en, not %s\n", lang); return 2; }
      continue;
    }
    if( argv[i][0]=='-' && argv[i][1] ){ fprintf(stderr, "loket sop: unknown option %s (see --help)\n", argv[i]); return 2; }
    if( nargs==(int)COUNT(args) ){ fprintf(stderr, "loket sop: too many arguments\n"); return 2; }
    args[nargs++] = argv[i];
  }
  if( nargs==0 ) return sop_usage(stderr);
  if( util_init()!=OK ){ fprintf(stderr, "loket: libsodium failed to start\n"); return 1; }
  const char *sub = args[0];
  if( !strcmp(sub, "check") ){
    if( nargs<2 ){ fprintf(stderr, "loket sop check: give the files to check\n"); return 2; }
    return sop_check(args+1, nargs-1);
  }
  if( strcmp(sub, "list") && strcmp(sub, "show") ){
    fprintf(stderr, "loket sop: unknown subcommand %s (check, list, show)\n", sub);
    return 2;
  }
  if( opts_extra("sop", args, nargs) ) return 2;
  Buf errs = BUF_INIT, b = BUF_INIT;
  if( sop_library_load(0, &errs)!=OK ){
    fputs(buf_str(&errs), stderr);
    buf_free(&errs);
    return 1;
  }
  buf_free(&errs);
  int rc = 0;
  if( !strcmp(sub, "list") ){
    if( json ) buf_puts(&b, "{\"sops\":[");
    for(int i=0; i<sop_library_count(); i++){
      const Procedure *p = sop_library_at(i);
      if( json ){
        buf_printf(&b, "%R{\"code\":%J,\"revision\":%J,\"title\":%J,\"steps\":%d}", i ? "," : "",
                   p->code, p->revision, p->title, p->nsteps);
      }else printf("%-22s %-4s %3d  %s\n", p->code, p->revision, p->nsteps, p->title);
    }
    if( json ){ buf_puts(&b, "]}\n"); fputs(buf_str(&b), stdout); }
  }else if( nargs<2 ){
    fprintf(stderr, "loket sop show: give the procedure's code (see loket sop list)\n");
    rc = 2;
  }else{
    const Procedure *p = sop_library_find(args[1]);
    if( p==0 ){
      fprintf(stderr, "loket sop show: no procedure %s (see loket sop list)\n", args[1]);
      rc = 1;
    }else if( json ){
      procedure_json(&b, p, lang);
      buf_putc(&b, '\n');
      fputs(buf_str(&b), stdout);
    }else sop_table(p, lang);
  }
  buf_free(&b);
  sop_library_free();
  return rc;
}
