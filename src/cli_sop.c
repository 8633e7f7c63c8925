/*
** cli_sop.c — `loket sop check|list|show`: validating procedure files and
** reading the procedures compiled into the binary; and the loading of the
** procedures that `loket init` and `loket serve` do at start.
*/
#include "cli.h"
#include "sop/sop.h"
#include "sop/case.h"
#include <stdlib.h>
#include <limits.h>
#include <time.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

const char cli_sop_usage[] = "sop check FILE… | sop load FILE… --data DIR | sop list [--json] [--lang en] [--data DIR]"
                            " | sop show CODE [--json] [--lang en] [--revision N] [--text] [--data DIR]"
                            " | sop revisions CODE [--json] --data DIR | sop retire CODE --data DIR | sop restore CODE --data DIR";
const char cli_sop_help[] =
  "  check FILE…      validate procedure files (docs/sop-format.md): exit 0 when all are\n"
  "                   valid, else every error as FILE:LINE: message on stderr and exit 1\n"
  "  load FILE…       load edited or new procedure files into the office's database, no rebuild,\n"
  "                   no restart: each checked as check does (any error: nothing stored, exit 1);\n"
  "                   a file whose text differs from its procedure's current revision is stored\n"
  "                   as a new one (\"stored as revision N\"), else \"unchanged\". New cases follow\n"
  "                   it; open cases keep the revision they started under. A running loket serve\n"
  "                   serves it within 2 seconds (every node of a PostgreSQL database)\n"
  "  list [--json]    the procedures: code, revision, number of steps, title; those compiled into\n"
  "                   this binary, or with --data DIR the current revisions of the office's database\n"
  "                   (then also the stored revision's number, built-in or loaded, and when)\n"
  "                   (--json: {\"sops\":[…]} as GET /api/v1/sops, each procedure as sop show\n"
  "                   --json gives it, its steps in full; --lang en: standards in English;\n"
  "                   without --json, --lang en: the titles in English; in a terminal the lines\n"
  "                   are wrapped at its width (or COLUMNS), else one line a procedure)\n"
  "  show CODE        one procedure: the original's header (Tujuan, Dasar Hukum, Kualifikasi\n"
  "                   Pelaksana, Peralatan, Pencatatan, Keterkaitan, Peringatan), then a table:\n"
  "                   no, actor, time standard, text (with its tasks, required items, output,\n"
  "                   notes and the registers it writes), branch; then the notes of the\n"
  "                   encoding; as wide as the terminal (COLUMNS, else its width; at least 80,\n"
  "                   at most 200)\n"
  "                   (--json: the object of GET /api/v1/sops/CODE, read from the files compiled in,\n"
  "                   so id, revision_no, source and loaded_at, which the database gives, are null\n"
  "                   unless --data DIR; --lang en: standards in English); CODE as listed, its slug,\n"
  "                   either in any case, or its short name (OI-02, BTG-017)\n"
  "                   (--revision N, with --data DIR: that stored revision instead of the current\n"
  "                   one, its first line saying so: \"(revisi 01, versi 2; bukan yang berlaku: kasus\n"
  "                   baru mengikuti versi 3)\", and \"dinonaktifkan\" while retired; --text: the\n"
  "                   revision's file as stored, byte for byte, so that\n"
  "                   `loket sop show CODE --revision N --text > F && loket sop load F` brings it\n"
  "                   back as a new revision)\n"
  "  revisions CODE   the stored revisions of a procedure, oldest first: number, built-in or\n"
  "                   loaded, file, when, by whom (when known), the cases open under it, SHA-256\n"
  "                   of its text; the current one (new cases follow it) marked * (--json: as\n"
  "                   GET /api/v1/sops/CODE/revisions)\n"
  "  retire CODE      take a procedure out of service: no new case can be opened under it; the\n"
  "                   cases open under it run to their end and stay readable. It stays listed,\n"
  "                   \"retired\". Loading a new revision of it does not restore it\n"
  "  restore CODE     put a retired procedure back in service: new cases can be opened again\n"
  "                   (retire and restore: a running loket serve follows within 2 seconds)";

/* Load the embedded procedures and store them in the open database; prints the errors. */
int cli_sop_load(void){
  Buf errs = BUF_INIT;
  int rc = sop_library_load(db_thread(), &errs);
  if( errs.n ){   /* a broken file is said in the log; the others are loaded, and the server serves them */
    const char *z = buf_str(&errs);
    for(const char *nl; *z; z = nl ? nl+1 : z+strlen(z)){
      nl = strchr(z, '\n');
      log_error("procedure file: %.*s", nl ? (int)(nl-z) : (int)strlen(z), z);
    }
    if( rc==OK ) log_error("some procedure files compiled into this binary are not valid (above): fix them (loket sop check sop/FILE.sop), rebuild and restart");
  }
  if( rc!=OK ) fprintf(stderr, "loket: the procedures cannot be stored (see above)\n");
  buf_free(&errs);
  return rc!=OK;
}

/* Print the usage of `loket sop`. */
static int sop_usage(FILE *f){
  usage_wrap(f, "usage: loket ", cli_sop_usage, 6);
  fprintf(f, "\n%s\n", cli_sop_help);
  return f==stdout ? 0 : 2;
}

/* Read a procedure file named on the command line into text: OK, else the reason said on stderr in
** words an administrator acts on (a folder given for a file, a name that is no file) and ERR_IO. */
static int sop_file_read(const char *name, Buf *text){
  struct stat st;
  if( stat(name, &st)==0 && S_ISDIR(st.st_mode) ){   /* fopen takes a folder on Linux; its read fails with EISDIR */
    int n = (int)strlen(name);
    while( n>1 && name[n-1]=='/' ) n--;
    fprintf(stderr, "%s: a folder, not a procedure file: name the files in it (%.*s/*.sop)\n", name, n, name);
    return ERR_IO;
  }
  int rc = util_file_read(name, text);
  if( rc==ERR_NOTFOUND ) fprintf(stderr, "%s: no such file\n", name);
  else if( rc!=OK ) fprintf(stderr, "%s: cannot read the file: %s\n", name, strerror(errno));   /* no line to name */
  return rc==OK ? OK : ERR_IO;
}

/* `loket sop check FILE…`: every error of every file on stderr; 0 when all are valid. */
static int sop_check(char **files, int n){
  int bad = 0;
  Procedure **ok = xcalloc((size_t)n+1, sizeof *ok);
  for(int i=0; i<n; i++){
    Buf text = BUF_INIT, errs = BUF_INIT;
    if( sop_file_read(files[i], &text)!=OK ){
      bad = 1;
    }else if( procedure_parse(files[i], text.z ? text.z : "", text.n, &ok[i], &errs, 0)!=OK ){
      fputs(buf_str(&errs), stderr);
      bad = 1;
    }else{
      int clash = 0;
      for(int k=0; k<i && !clash; k++){
        if( strcmp(files[k], files[i])==0 ){ clash = -1; break; }   /* the same file named twice: checked once */
        if( ok[k] && sop_clash(ok[i], ok[k], "en", &errs) ){   /* one code, or one address: not in one library */
          fputs(buf_str(&errs), stderr);
          clash = bad = 1;
        }
      }
      if( clash==0 ) printf("%s: ok, %s, %d step%s\n", files[i], ok[i]->code, ok[i]->nsteps, ok[i]->nsteps==1 ? "" : "s");
      if( clash==-1 ){ procedure_free(ok[i]); ok[i] = 0; }
    }
    buf_free(&text);
    buf_free(&errs);
  }
  for(int i=0; i<n; i++) procedure_free(ok[i]);
  free(ok);
  return bad;
}

/* What sop load adds when a file's effective: date is still to come in every Indonesian zone: new cases
** follow the revision from now, not from that date, which an administrator raising it may expect. */
static const char *effective_later(const char *effective){
  static char note[160];
  char today[16];
  time_t t = (time_t)(time_now() + 9*3600);   /* WIT's date, the latest of the three */
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(today, sizeof today, "%Y-%m-%d", &tm);
  if( effective==0 || strlen(effective)!=10 || strcmp(effective, today)<=0 ) return "";
  snprintf(note, sizeof note, " (effective %s in the file: new cases follow it from now, not from that date)", effective);
  return note;
}

/* What sop load adds when new cases of a procedure other than the trainings' must give events (a
** standard counted from a training's start or end): the help desk's forms give none, so they refuse
** every new case of it; only the API, given the events, opens one. */
static const char *events_needed(const Procedure *p){
  static char note[256];
  char ev[128];
  if( strcmp(p->code, TRAINING_SOP)==0 || procedure_events_needed(p, ev, sizeof ev)==0 ) return "";
  snprintf(note, sizeof note, " (new cases must give the events %s: the help desk's forms give none and refuse them;"
           " POST /api/v1/cases with \"events\" opens one)", ev);
  return note;
}

/* `loket sop load FILE… --data DIR`: the files checked, then stored as new revisions where their text
** changed, all or none; what became of each on stdout. 0, 1 on an error (nothing stored), 2 on usage. */
static int sop_load_cmd(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.nargs<2 ){ fprintf(stderr, "loket sop load: give the files to load\n"); return 2; }
  int n = o.nargs-1, bad = 0;
  Buf *texts = xcalloc((size_t)n, sizeof *texts);
  SopText *files = xcalloc((size_t)n, sizeof *files);
  for(int i=0; i<n; i++){
    files[i].name = o.args[i+1];
    if( sop_file_read(files[i].name, &texts[i])!=OK ) bad = 1;
    files[i].text = texts[i].z ? texts[i].z : "";
    files[i].len = texts[i].n;
  }
  if( bad ) fprintf(stderr, "loket sop load: nothing stored\n");   /* all or none, as for a file with errors */
  int rc = bad ? 1 : startup() || data_open(&o, DATA_MUST_EXIST);
  if( rc==0 ){
    Buf errs = BUF_INIT;
    const Procedure **out = xcalloc((size_t)n, sizeof *out);
    int *stored = xcalloc((size_t)n, sizeof *stored);
    int lrc = sop_library_refresh(db_thread());   /* the codes stored: one address each */
    if( lrc==OK ) lrc = sop_load(db_thread(), &cli_actor, "en", files, n, &errs, out, stored);
    if( lrc==OK ){
      for(int i=0; i<n; i++){
        if( stored[i] ) printf("%s: %s stored as revision %d%s%s\n", files[i].name, out[i]->code, out[i]->revision_no,
                               effective_later(out[i]->effective), events_needed(out[i]));
        else printf("%s: %s unchanged (revision %d)\n", files[i].name, out[i]->code, out[i]->revision_no);
      }
    }else if( lrc==ERR_INVALID ){
      fprintf(stderr, "%sloket sop load: nothing stored\n", buf_str(&errs));
      rc = 1;
    }else{
      fprintf(stderr, "%sloket sop load: the database failed: %s; nothing stored\n", buf_str(&errs), db_errmsg(db_thread()));
      rc = 1;
    }
    free(out);
    free(stored);
    buf_free(&errs);
    sop_library_free();
    db_global_close();
  }
  for(int i=0; i<n; i++) buf_free(&texts[i]);
  free(texts);
  free(files);
  return rc;
}

static void sop_table(const Procedure *p, const Procedure *cur, const char *lang);

/* Say that no procedure is called code, with the short names the procedures have (OI-02, BTG-017),
** which sop list does not show and CODE may be. */
static void sop_not_found(const char *sub, const char *code, int data){
  Buf b = BUF_INIT;
  for(int i=0; i<sop_library_count(); i++){
    const Procedure *p = sop_library_at(i);
    char s[32];
    if( p && sop_short_name(p, s, sizeof s) ) buf_printf(&b, "%R%R", b.n ? ", " : "", s);
  }
  fprintf(stderr, "loket sop %s: no procedure %s (see loket sop list%s%s%s)\n", sub, code, data ? " --data DIR" : "",
          b.n ? "; or a short name: " : "", buf_str(&b));
  buf_free(&b);
}

/* `loket sop retire|restore CODE --data DIR`: the procedure taken out of service or put back, audited.
** 0, 1 on an error, 2 on usage. */
static int sop_retire_cmd(int argc, char **argv, int retire){
  const char *sub = retire ? "retire" : "restore";
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.nargs<2 ){ fprintf(stderr, "loket sop %s: give the procedure's code (see loket sop list)\n", sub); return 2; }
  if( opts_extra("sop", o.args, o.nargs) ) return 2;   /* a code with a space not quoted: named, not "give the code" */
  if( startup() || data_open(&o, DATA_MUST_EXIST) ) return 1;
  const Procedure *p = 0;
  int changed = 0, rc = sop_retire(db_thread(), &cli_actor, o.args[1], retire, &p, &changed);
  if( rc==ERR_NOTFOUND ) sop_not_found(sub, o.args[1], 1);
  else if( rc!=OK ) fprintf(stderr, "loket sop %s: the database failed: %s; nothing changed\n", sub, db_errmsg(db_thread()));
  else if( !changed ) printf("%s: already %s\n", p->code, retire ? "retired" : "in service");
  else if( retire ) printf("%s: retired: no new case can be opened under it; the cases open under it run to their end\n", p->code);
  else printf("%s: restored: new cases can be opened under it (revision %d)\n", p->code, p->revision_no);
  sop_library_free();
  db_global_close();
  return rc==OK ? 0 : 1;
}

/* `loket sop revisions CODE [--json]`: the stored revisions of p, oldest first. */
static int sop_revisions_print(const Procedure *p, int json){
  Arena a;
  arena_init(&a);
  SopRevision *v;
  int n, rc = sop_revisions(db_thread(), p->code, 0, &a, &v, &n);
  if( rc!=OK ){
    fprintf(stderr, "loket sop revisions: the database failed: %s\n", db_errmsg(db_thread()));
    arena_free(&a);
    return 1;
  }
  if( json ){
    Buf b = BUF_INIT;
    sop_revisions_json(&b, p, v, n);
    buf_putc(&b, '\n');
    fputs(buf_str(&b), stdout);
    buf_free(&b);
  }else{
    printf("%s%s\n", p->code, sop_retired(p->code) ? "  (retired: no new case can be opened under it)" : "");
    printf("  rev  source    loaded at             by            open  file                        sha256\n");
    for(int i=0; i<n; i++){
      char at[32];
      time_fmt_iso(at, sizeof at, v[i].loaded_at);
      printf("%s %3d  %-8s  %-20s  %-12s  %4d  %-26s  %s\n", v[i].current ? "*" : " ", v[i].no, v[i].source, at,
             v[i].by ? v[i].by : "-", v[i].open_cases, *v[i].file ? v[i].file : "-", v[i].sha256);
    }
  }
  arena_free(&a);
  return 0;
}

/* `loket sop show CODE --revision N [--text|--json]` (no: 0 for the current revision, text: its file):
** a stored revision of p. 0, or 1 when there is no such revision. */
static int sop_show_revision(const Procedure *p, int no, int text, int json, const char *lang){
  Arena a;
  arena_init(&a);
  Buf t = BUF_INIT;
  int64_t id = 0;
  int rc = sop_revision_text(db_thread(), p->code, no ? no : p->revision_no, &t, &a, 0, &id);
  if( rc==ERR_NOTFOUND ) fprintf(stderr, "loket sop show: %s has no revision %d (see loket sop revisions \"%s\" --data DIR)\n", p->code, no, p->code);
  else if( rc!=OK ) fprintf(stderr, "loket sop show: the database failed: %s\n", db_errmsg(db_thread()));
  else if( text ) fwrite(t.z ? t.z : "", 1, t.n, stdout);
  else{
    Procedure *r = sop_stored_parse(db_thread(), id, 0);
    if( r==0 ){ fprintf(stderr, "loket sop show: revision %d of %s does not parse (see the log)\n", no, p->code); rc = ERR_INVALID; }
    else if( json ){
      Buf b = BUF_INIT;
      procedure_json(&b, r, lang);
      buf_putc(&b, '\n');
      fputs(buf_str(&b), stdout);
      buf_free(&b);
    }else sop_table(r, p, lang);
    procedure_free(r);
  }
  buf_free(&t);
  arena_free(&a);
  return rc==OK ? 0 : 1;
}

/* The columns z takes in a terminal (UTF-8 characters, not bytes). */
static int text_cols(const char *z){
  int cols = 0;
  for(; *z; z++) if( ((unsigned char)*z & 0xC0)!=0x80 ) cols++;
  return cols;
}

/* The letter of the k-th task (from 0) as an ordered list of the page gives it: a … z, aa, ab …. */
static const char *task_label(int k, Arena *a){
  char l[8];
  int n = 0;
  for(k++; k>0 && n<7; k = (k-1)/26) l[n++] = (char)('a' + (k-1)%26);
  char *z = arena_alloc(a, (size_t)n+1);
  for(int i=0; i<n; i++) z[i] = l[n-1-i];
  z[n] = 0;
  return z;
}

/* z fit for a terminal (a copy in a): a control character shown as its picture (ESC as U+241B, a bell
** U+2407, DEL U+2421), one of C1 (U+0080..U+009F, a CSI among them) or a byte that is not UTF-8 as
** U+FFFD, so that a text stored before such characters were refused (procedure_parse_stored) reaches
** the terminal as text, not as its commands. */
static const char *term_text(const char *z, Arena *a){
  Buf b = BUF_INIT;
  for(const unsigned char *c = (const unsigned char*)(z ? z : ""); *c; ){
    int n = *c<0x80 ? 1 : (*c&0xE0)==0xC0 && *c>=0xC2 ? 2 : (*c&0xF0)==0xE0 ? 3 : (*c&0xF8)==0xF0 && *c<=0xF4 ? 4 : 0;
    for(int k=1; k<n; k++) if( (c[k]&0xC0)!=0x80 ){ n = 0; break; }
    if( n==0 ){ buf_puts(&b, "\xEF\xBF\xBD"); c++; continue; }   /* not UTF-8: U+FFFD, the next byte read again */
    if( *c<0x20 ){ buf_putc(&b, (char)0xE2); buf_putc(&b, (char)0x90); buf_putc(&b, (char)(0x80 + *c)); }
    else if( *c==0x7f ) buf_puts(&b, "\xE2\x90\xA1");
    else if( n==2 && c[0]==0xC2 && c[1]<=0x9F ) buf_puts(&b, "\xEF\xBF\xBD");
    else for(int k=0; k<n; k++) buf_putc(&b, (char)c[k]);
    c += n;
  }
  const char *out = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return out;
}

/* Append the lines of z (as term_text shows it) wrapped at width columns (a word longer than its line
** is cut); the count (lines NULL: only counted, to size the room for them). */
static int wrap_lines(const char *z, int width, char lines[][256], int max){
  int n = 0;
  Arena ta;   /* z as text (term_text): sop show's table and header print nothing else */
  arena_init(&ta);
  z = term_text(z, &ta);
  while( z && *z && n<max ){
    while( *z==' ' ) z++;
    if( *z==0 ) break;
    int cols = 0;
    const char *p = z, *cut = 0;
    while( *p ){
      if( *p==' ' ) cut = p;
      if( ((unsigned char)*p & 0xC0)!=0x80 ) cols++;
      if( cols>width ) break;
      p++;
    }
    size_t len = *p==0 ? strlen(z) : (size_t)((cut && cut>z ? cut : p) - z);
    while( len>1 && z[len-1]==' ' ) len--;   /* no blanks at a line's end ("a  b" cut between them) */
    while( len>255 ){ len--; while( len && ((unsigned char)z[len] & 0xC0)==0x80 ) len--; }   /* whole characters */
    if( lines ){
      memcpy(lines[n], z, len);
      lines[n][len] = 0;
    }
    n++;
    z += len;
  }
  arena_free(&ta);
  return n;
}

/* The terminal's columns: COLUMNS when set, else its width when stdout is one, else 80; never
** fewer than least nor more than 200. */
static int term_cols(int least){
  int cols = 0;
  const char *env = getenv("COLUMNS");
  struct winsize ws;
  if( env && *env ) cols = atoi(env);
  else if( isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws)==0 ) cols = ws.ws_col;
  else cols = 80;
  return cols<least ? least : cols>200 ? 200 : cols;
}

/* The columns the table of sop show may take: at least 80 (the narrow columns need them). */
static int table_cols(void){
  return term_cols(80);
}

/* 1 when sop list wraps its lines at table_cols(): in a terminal (as ls does); a list read by
** another program (a pipe, a file) keeps one line a procedure. */
static int list_wrapped(void){
  return isatty(STDOUT_FILENO);
}

/* Whether z holds w, ignoring the case of ASCII letters. */
static int holds_nocase(const char *z, const char *w){
  size_t n = strlen(w);
  for(; *z; z++) if( strncasecmp(z, w, n)==0 ) return 1;
  return 0;
}

/* Print s padded to width columns (UTF-8 aware). */
static void print_cell(const char *s, int width){
  fputs(s, stdout);
  for(int cols = text_cols(s); cols<width; cols++) putchar(' ');
}

/* The table's word in its language: id (the SOP's own words) or en. */
static const char *sop_word(const char *lang, const char *id, const char *en){
  return strcmp(lang, "en")==0 ? en : id;
}

/* The branch of a step as pieces (where each answer leads, or where it goes on; its marks); the count. */
static int branch_pieces(const Procedure *p, const Step *s, const char *lang, char out[][48]){
  const char *end = sop_word(lang, "selesai", "end");
  int n = 0;
  if( s->question ){
    const int to[2] = { s->yes_to, s->no_to };
    const char *word[2] = { sop_word(lang, "Ya", "Yes"), sop_word(lang, "Tidak", "No") };
    for(int k=0; k<2; k++){
      char where[24];
      if( to[k]==STEP_END ) snprintf(where, sizeof where, "%s", end);
      else if( to[k]==STEP_BACK ) snprintf(where, sizeof where, "%s", sop_word(lang, "kembali", "back"));   /* to the step that led here */
      else snprintf(where, sizeof where, "%d", to[k]);
      snprintf(out[n++], 48, "%s → %s%s", word[k], where, k==0 ? ";" : "");
    }
  }else{
    int to = procedure_next(p, s);
    if( to==STEP_END ) snprintf(out[n++], 48, "→ %s", end);
    else if( to!=s->no+1 ) snprintf(out[n++], 48, "→ %d", to);
  }
  if( s->pause ) snprintf(out[n++], 48, "(%s)", sop_word(lang, "jeda", "pause"));
  if( s->outside ) snprintf(out[n++], 48, "(%s)", sop_word(lang, "di luar alur", "outside the flow"));
  return n;
}

/* Join pieces into lines of at most width columns, one line while they fit; the count. */
static int join_pieces(char pieces[][48], int n, int width, char lines[][256]){
  int nl = 0;
  for(int k=0; k<n; k++){
    if( nl>0 && text_cols(lines[nl-1]) + 1 + text_cols(pieces[k]) <= width ){
      strcat(lines[nl-1], " ");
      strcat(lines[nl-1], pieces[k]);
    }else snprintf(lines[nl++], 256, "%s", pieces[k]);
  }
  return nl;
}

/* The list's strings joined by "; " (in the arena). */
static const char *list_joined(Arena *a, const StrList *l){
  const char *z = "";
  for(int k=0; k<l->n; k++) z = arena_printf(a, "%s%s%s", z, k ? "; " : "", l->v[k]);
  return z;
}

/* Print z wrapped at cols columns: its first line after lead, the others indented as far. */
static void print_hanging(const char *lead, const char *z, int cols){
  enum { MAXH = 64 };
  char lines[MAXH][256];
  int indent = text_cols(lead);
  int n = wrap_lines(z, cols - indent, lines, MAXH);
  for(int k=0; k<n; k++) printf("%*s%s\n", indent, k==0 ? lead : "", lines[k]);
  if( n==0 ) printf("%s\n", lead);
}

/* A heading of the original's header and its list, one numbered item a line (nothing when empty). */
static void print_facts(const char *heading, const StrList *l, int cols){
  if( l->n==0 ) return;
  printf("%s:\n", heading);
  for(int k=0; k<l->n; k++){
    char lead[16];
    snprintf(lead, sizeof lead, "  %d. ", k+1);
    print_hanging(lead, l->v[k], cols);
  }
}

/* The register of the original named by its key (sop_registers[]), in the table's language. */
static const char *register_word(const char *key, const char *lang){
  static const char *const words[][2] = {
    { "Buku Tamu", "guest book" }, { "Buku Agenda", "agenda book" }, { "Lembar Disposisi", "disposition sheet" },
    { "Formulir Konsultasi", "consultation form" }, { "Formulir Serah Terima Berkas", "handover form" },
    { "Arsip", "archive" },
  };
  for(int i=0; sop_registers[i] && i<(int)COUNT(words); i++){
    if( strcmp(sop_registers[i], key)==0 ) return words[i][strcmp(lang, "en")==0];
  }
  return key;
}

/* `loket sop show CODE`: the procedure's header facts, then the procedure as a table that fits the terminal (80 columns or more,
** table_cols): the number, actors and time standard of each step in narrow columns, its text
** (with its question, tasks, required items, output and notes) wrapped in the widest, which
** takes what a wider terminal gives, and where it leads in the last, as wide as this
** procedure's branches need. */
static void sop_table(const Procedure *p, const Procedure *cur, const char *lang){
  enum { W_NO = 2, W_STD = 18, MAXL = 96 };
  const int COLS = table_cols();
  /* at 80 columns a question's two answers take a line each, so the text keeps its room */
  const int W_BRANCH = COLS<100 ? 12 : 17;
  Arena a;
  arena_init(&a);
  char lines[MAXL][256], pieces[8][48];
  /* from the database: which stored revision it is, whether new cases follow it, whether it is retired */
  const char *stored = p->revision_no<=0 ? ""
    : arena_printf(&a, sop_word(lang, ", versi %d%s%s", ", stored revision %d%s%s"), p->revision_no,
                   cur && cur->revision_no!=p->revision_no
                     ? arena_printf(&a, sop_retired(p->code) ? sop_word(lang, "; bukan yang berlaku (versi %d)", "; not the current one (revision %d)")
                                      : sop_word(lang, "; bukan yang berlaku: kasus baru mengikuti versi %d",
                                                 "; not the current one: new cases follow revision %d"), cur->revision_no) : "",
                   sop_retired(p->code) ? sop_word(lang, "; dinonaktifkan: tidak ada kasus baru", "; retired: no new case") : "");
  int n = wrap_lines(arena_printf(&a, "%s  (%s %s%s)", p->code, sop_word(lang, "revisi", "revision"), p->revision, stored), COLS, lines, MAXL);
  n += wrap_lines(p->title, COLS, lines+n, MAXL-n);
  if( p->title_en ) n += wrap_lines(p->title_en, COLS, lines+n, MAXL-n);
  const char *eff = p->effective && strcmp(p->effective, "unknown") ? p->effective : sop_word(lang, "tidak diketahui", "unknown");
  n += wrap_lines(arena_printf(&a, "%s%s%s %s", p->issuer ? p->issuer : "", p->issuer ? ", " : "",
                               sop_word(lang, "berlaku efektif", "effective"), eff), COLS, lines+n, MAXL-n);
  for(int k=0; k<n; k++) printf("%s\n", lines[k]);
  putchar('\n');
  /* the original's header, under its own headings (each only when the file gives it) */
  if( p->purpose ){
    print_hanging(arena_printf(&a, "%s: ", sop_word(lang, "Tujuan", "Purpose")), p->purpose, COLS);
  }
  print_facts(sop_word(lang, "Dasar Hukum", "Legal basis"), &p->basis, COLS);
  print_facts(sop_word(lang, "Kualifikasi Pelaksana", "Executor qualifications"), &p->qualification, COLS);
  print_facts(sop_word(lang, "Peralatan/Perlengkapan", "Equipment and supplies"), &p->equipment, COLS);
  print_facts(sop_word(lang, "Pencatatan dan Pendataan", "Records"), &p->record, COLS);
  print_facts(sop_word(lang, "Keterkaitan", "Related procedures"), &p->related, COLS);
  print_facts(sop_word(lang, "Peringatan", "Warnings"), &p->warning, COLS);
  if( p->purpose || p->basis.n || p->qualification.n || p->equipment.n || p->record.n || p->related.n || p->warning.n ){
    putchar('\n');
  }
  /* the branch column: as wide as the widest branch on one line, or its widest piece */
  int wb = text_cols(sop_word(lang, "cabang", "branch"));
  for(int i=0; i<p->nsteps; i++){
    int np = branch_pieces(p, &p->steps[i], lang, pieces);
    int nb = join_pieces(pieces, np, W_BRANCH, lines);
    for(int k=0; k<nb; k++) if( text_cols(lines[k])>wb ) wb = text_cols(lines[k]);
  }
  /* the actor column: as wide as this procedure's widest actor (at most 12, then wrapped) */
  int W_ACTOR = text_cols(sop_word(lang, "pelaksana", "actor"));
  for(int i=0; i<p->nsteps; i++){
    for(int k=0; k<p->steps[i].actors.n; k++){
      const char *who = p->steps[i].actors.v[k];
      int w = strcmp(who, "requester")==0 && strcmp(lang, "id")==0 ? 7 : text_cols(who);   /* "pemohon" */
      if( w>W_ACTOR ) W_ACTOR = w>12 ? 12 : w;
    }
  }
  const int w_text = COLS - (W_NO+1) - (W_ACTOR+1) - (W_STD+1) - (wb+1);
  print_cell("no", W_NO+1); print_cell(sop_word(lang, "pelaksana", "actor"), W_ACTOR+1);
  print_cell(sop_word(lang, "mutu baku (waktu)", "standard (time)"), W_STD+1);
  print_cell(sop_word(lang, "kegiatan", "activity"), w_text+1); printf("%s\n", sop_word(lang, "cabang", "branch"));
  for(int i=0; i<p->nsteps; i++){
    const Step *s = &p->steps[i];
    char std[4][256], actor[16][256], branch[8][256], no[8], words[128];
    const char *body = strcmp(lang, "en")==0 && s->text_en ? s->text_en : s->text;   /* English where the file gives it */
    const char **para = arena_alloc(&a, sizeof *para * (size_t)(s->ntasks+5));   /* the text, each task, items, output, notes, registers */
    int np = 0;
    /* the question, unless the text already asks it in these words */
    const char *question = strcmp(lang, "en")==0 && s->question_en ? s->question_en : s->question;
    para[np++] = question && !holds_nocase(body, question) ? arena_printf(&a, "%s (%s)", body, question) : body;
    for(int k=0; k<s->ntasks; k++){
      char tw[128];
      sop_standard_text(&s->tasks[k].std, lang, tw, sizeof tw);
      para[np++] = arena_printf(&a, "%s. %s [%s]", task_label(k, &a), s->tasks[k].text, tw);
    }
    if( s->items.n ) para[np++] = arena_printf(&a, "%s: %s", sop_word(lang, "Kelengkapan", "Items"),
                                              list_joined(&a, strcmp(lang, "en")==0 && s->items_en.n ? &s->items_en : &s->items));
    if( s->output ) para[np++] = arena_printf(&a, "Output: %s", s->output);
    if( s->notes ) para[np++] = arena_printf(&a, "%s: %s", sop_word(lang, "Keterangan", "Notes"), s->notes);
    if( s->registers.n ){
      const char *regs = "";
      for(int k=0; k<s->registers.n; k++) regs = arena_printf(&a, "%s%s%s", regs, k ? "; " : "", register_word(s->registers.v[k], lang));
      para[np++] = arena_printf(&a, "%s: %s", sop_word(lang, "Dicatat pada", "Written to"), regs);
    }
    int nb = join_pieces(pieces, branch_pieces(p, s, lang, pieces), wb, branch);
    int nt = 0;   /* the whole text, however long: a table that cut it would not say so */
    for(int k=0; k<np; k++) nt += wrap_lines(para[k], w_text, 0, INT_MAX);
    char (*text)[256] = arena_alloc(&a, sizeof *text * (size_t)(nt ? nt : 1));
    nt = 0;
    for(int k=0; k<np; k++) nt += wrap_lines(para[k], w_text, text+nt, INT_MAX);
    sop_standard_text(&s->std, lang, words, sizeof words);
    int ns = wrap_lines(words, W_STD, std, 4);
    int na = 0;
    for(int k=0; k<s->actors.n && na<16; k++){
      const char *who = s->actors.v[k];
      if( strcmp(who, "requester")==0 && strcmp(lang, "id")==0 ) who = "pemohon";   /* the table is in the SOP's words */
      na += wrap_lines(who, W_ACTOR, actor+na, 16-na);   /* one actor a line */
    }
    snprintf(no, sizeof no, "%2d", s->no);
    int rows = nt;
    if( ns>rows ) rows = ns;
    if( na>rows ) rows = na;
    if( nb>rows ) rows = nb;
    for(int k=0; k<rows; k++){
      print_cell(k==0 ? no : "", W_NO+1);
      print_cell(k<na ? actor[k] : "", W_ACTOR+1);
      print_cell(k<ns ? std[k] : "", W_STD+1);
      if( k<nb ){ print_cell(k<nt ? text[k] : "", w_text+1); printf("%s\n", branch[k]); }
      else printf("%s\n", k<nt ? text[k] : "");
    }
  }
  /* how the original was read into this file (in English, as written), after the table */
  if( p->note.n ){
    printf("\n%s:\n", sop_word(lang, "Catatan pengodean (bahasa Inggris)", "Notes on this encoding"));
    for(int k=0; k<p->note.n; k++) print_hanging("  - ", p->note.v[k], COLS);
  }
  arena_free(&a);
}

/* `loket sop …`. */
int cmd_sop(int argc, char **argv){
  char *args[256];
  int nargs = 0, json = 0, text = 0, revision = 0;
  const char *lang = "id", *data = 0;
  for(int i=0; i<argc; i++){
    if( !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ) return sop_usage(stdout);
    if( !strcmp(argv[i], "--json") ){ json = 1; continue; }
    if( !strcmp(argv[i], "--text") ){ text = 1; continue; }   /* show: the file as stored */
    if( !strcmp(argv[i], "--revision") ){   /* show: a stored revision */
      char *end = 0;
      long v = i+1<argc ? strtol(argv[i+1], &end, 10) : 0;
      if( i+1>=argc || end==argv[i+1] || *end || v<1 || v>1000000 ){
        fprintf(stderr, "%s: --revision needs a revision number (1, 2, …: see loket sop revisions CODE)\n", cli_who());
        return 2;
      }
      revision = (int)v;
      i++;
      continue;
    }
    if( !strcmp(argv[i], "--data") && i+1<argc ){ data = argv[++i]; continue; }   /* list, show: the office's current revisions */
    if( !strcmp(argv[i], "--db") && i+1<argc ){ i++; continue; }   /* load's: opts_parse reads it there */
    if( !strcmp(argv[i], "--lang") ){
      if( i+1>=argc || strncmp(argv[i+1], "--", 2)==0 ){ fprintf(stderr, "%s: --lang needs a value (id or en)\n", cli_who()); return 2; }
      lang = argv[++i];
      if( strcmp(lang, "id") && strcmp(lang, "en") ){ fprintf(stderr, "%s: --lang is id or en, not %s\n", cli_who(), lang); return 2; }
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
  if( !strcmp(sub, "load") ) return sop_load_cmd(argc, argv);
  if( !strcmp(sub, "retire") || !strcmp(sub, "restore") ) return sop_retire_cmd(argc, argv, !strcmp(sub, "retire"));
  if( strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "revisions") ){
    fprintf(stderr, "loket sop: unknown subcommand %s (check, load, list, show, revisions, retire, restore)\n", sub);
    return 2;
  }
  if( data==0 && (revision || !strcmp(sub, "revisions")) ){
    fprintf(stderr, "loket sop %s: %s reads the office's database: give --data DIR\n", sub, revision ? "--revision" : sub);
    return 2;
  }
  if( text && json ){ fprintf(stderr, "loket sop show: --text or --json, not both\n"); return 2; }
  if( opts_extra("sop", args, nargs) ) return 2;
  Buf errs = BUF_INIT, b = BUF_INIT;
  if( data ){   /* the office's current revisions, read (nothing written) */
    Opts o;
    memset(&o, 0, sizeof o);
    o.data = data;
    if( startup() || data_open(&o, DATA_MUST_EXIST|DATA_READS) ) return 1;
    if( sop_library_refresh(db_thread())!=OK ){
      fprintf(stderr, "loket sop %s: the procedures cannot be read: %s\n", sub, db_errmsg(db_thread()));
      db_global_close();
      return 1;
    }
  }else{
    sop_library_load(0, &errs);   /* without a database it cannot fail; a broken file is left out, said on stderr */
    if( errs.n ) fprintf(stderr, "%sloket sop %s: a procedure file compiled in is not valid (above): it is left out\n", buf_str(&errs), sub);
  }
  buf_free(&errs);
  int rc = 0;
  if( !strcmp(sub, "list") ){
    if( json ){
      sop_library_json(&b, lang);
      buf_putc(&b, '\n');
      fputs(buf_str(&b), stdout);
    }else{
      /* the code and revision columns as wide as the widest (counted in characters, not bytes) */
      int wcode = 22, wrev = 4;
      for(int i=0; i<sop_library_count(); i++){
        const Procedure *p = sop_library_at(i);
        if( p==0 ) break;
        if( text_cols(p->code)>wcode ) wcode = text_cols(p->code);
        if( text_cols(p->revision)>wrev ) wrev = text_cols(p->revision);
      }
      for(int i=0; i<sop_library_count(); i++){
      const Procedure *p = sop_library_at(i);
      if( p==0 ) break;   /* a library published meanwhile may hold fewer */
      Arena ta;
      arena_init(&ta);
      /* English where the file gives it; every text printed as text (term_text) */
      const char *title = term_text(strcmp(lang, "en")==0 && p->title_en ? p->title_en : p->title, &ta);
      const char *code = term_text(p->code, &ta), *rev = term_text(p->revision, &ta);
      char lead[512], at[32], line[1024];
      snprintf(lead, sizeof lead, "%s%*s %s%*s %3d  ", code, wcode - text_cols(code), "", rev, wrev - text_cols(rev), "", p->nsteps);
      snprintf(line, sizeof line, "%s", title);
      if( p->revision_no>0 ){   /* from the database: which stored revision, from where, when */
        time_fmt_iso(at, sizeof at, p->loaded_at);
        snprintf(line, sizeof line, "%s  [revision %d, %s, %s%s]", title, p->revision_no, term_text(p->source, &ta), at,
                 sop_retired(p->code) ? ", retired" : "");
      }
      if( list_wrapped() ) print_hanging(lead, line, term_cols(text_cols(lead) + 20));   /* the title keeps 20 columns */
      else printf("%s%s\n", lead, line);
      arena_free(&ta);
      }
    }
  }else if( nargs<2 ){
    fprintf(stderr, "loket sop %s: give the procedure's code (see loket sop list)\n", sub);
    rc = 2;
  }else{
    const Procedure *p = sop_library_find(args[1]);
    if( p==0 ){
      sop_not_found(sub, args[1], data!=0);
      rc = 1;
    }else if( !strcmp(sub, "revisions") ) rc = sop_revisions_print(p, json);
    else if( revision || (text && data) ) rc = sop_show_revision(p, revision, text, json, lang);
    else if( text ) fwrite(p->text, 1, p->len, stdout);   /* the file compiled in */
    else if( json ){
      procedure_json(&b, p, lang);
      buf_putc(&b, '\n');
      fputs(buf_str(&b), stdout);
    }else sop_table(p, p, lang);
  }
  buf_free(&b);
  sop_library_free();
  if( data ) db_global_close();
  return rc;
}
