/*
** library.c — the procedures compiled into the binary (sop/NAME.sop): parsed
** and validated at start, kept in memory by code, and stored in the database
** one row per revision. Procedures are shared by all offices (no office_id):
** they are the national/unit SOPs, loaded from files, not an office's data.
** The library is filled once before the server's threads start and only read
** afterwards, so it needs no lock.
*/
#include "sop.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static Procedure **lib;
static int nlib;

/* Order procedures by code. */
static int by_code(const void *a, const void *b){
  return strcmp((*(Procedure*const*)a)->code, (*(Procedure*const*)b)->code);
}

/* Store one procedure: the latest revision when its text is unchanged, else a new one. */
int sop_store(Db *db, Procedure *p){
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "SELECT id, revision_no, source_sha256 FROM procedure WHERE code=?1"
                           " ORDER BY revision_no DESC LIMIT 1");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_text(q, 1, p->code);
  int64_t id = 0;
  int last = 0, same = 0;
  if( db_step(q)==DB_ROW ){
    id = db_col_int64(q, 0);
    last = db_col_int(q, 1);
    same = strcmp(db_col_text(q, 2), p->sha256)==0;
  }
  db_reset(q);
  if( same ){
    p->id = id;
    p->revision_no = last;
    return db_tx_end(db, own, OK);
  }
  q = db_prepare(db, "INSERT INTO procedure(code, revision_no, title, source_sha256, body, loaded_at)"
                     " VALUES(?1,?2,?3,?4,?5,?6) RETURNING id");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_text(q, 1, p->code);
  db_bind_int(q, 2, last+1);
  db_bind_text(q, 3, p->title);
  db_bind_text(q, 4, p->sha256);
  db_bind_textn(q, 5, p->text, p->len);
  db_bind_int64(q, 6, time_now());
  rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
  if( rc==OK ) id = db_col_int64(q, 0);
  db_reset(q);
  if( rc==OK ){
    char detail[160];
    snprintf(detail, sizeof detail, "revision %d, %s, sha256 %s", last+1, p->file, p->sha256);
    rc = audit_write(db, 0, "sop.load", p->code, detail);
  }
  if( rc==OK ){
    p->id = id;
    p->revision_no = last+1;
  }
  rc = db_tx_end(db, own, rc);
  /* a changed file says so in the log too (the audit row has it): open cases keep their revision */
  if( rc==OK && last>0 ) log_info("procedure %s changed (%s): revision %d stored; open cases keep the revision they started under",
                                  p->code, p->file, last+1);
  return rc;
}

/* 1 when p cannot sit in one library beside other: the same code, or codes that make the same
** address (slug: "SOP 07/LPSE/2027" and "SOP-07-LPSE-2027"), said in errs (unless NULL); 0 when they can. */
int sop_clash(const Procedure *p, const Procedure *other, Buf *errs){
  if( strcmp(other->code, p->code)==0 ){
    if( errs ) buf_printf(errs, "%s:%d: code %s is also the code of %s (line %d): a library holds one procedure per code\n",
               p->file, p->code_line, p->code, other->file, other->code_line);
    return 1;
  }
  if( strcmp(other->slug, p->slug)==0 ){
    if( errs ) buf_printf(errs, "%s:%d: code %s makes the same address (%s) as code %s of %s (line %d)\n",
               p->file, p->code_line, p->code, p->slug, other->code, other->file, other->code_line);
    return 1;
  }
  return 0;
}

/* 1 when an embedded file's name is sop/NAME.sop. */
static int is_sop_file(const char *name){
  size_t n = strlen(name);
  return strncmp(name, "sop/", 4)==0 && n>8 && strcmp(name+n-4, ".sop")==0;
}

/* The value of a file's `code:` line (a broken file's too), in out; 0 when it has none. */
static int code_of(const char *text, size_t len, char *out, size_t n){
  const char *z = text, *e = text+len;
  if( len>=3 && memcmp(z, "\xEF\xBB\xBF", 3)==0 ) z += 3;   /* a byte-order mark before line 1 */
  while( z<e ){
    const char *nl = memchr(z, '\n', (size_t)(e-z));
    const char *le = nl ? nl : e;
    if( le-z>5 && strncmp(z, "code:", 5)==0 ){
      const char *v = z+5;
      while( v<le && (*v==' ' || *v=='\t') ) v++;
      const char *ve = le;
      while( ve>v && (ve[-1]==' ' || ve[-1]=='\t' || ve[-1]=='\r') ) ve--;
      if( ve==v || (size_t)(ve-v)>=n ) return 0;
      memcpy(out, v, (size_t)(ve-v));
      out[ve-v] = 0;
      return 1;
    }
    z = nl ? nl+1 : e;
  }
  return 0;
}

/* A stored revision (procedure.id) parsed from its stored text, its id and revision_no set, messages
** naming file (its code when NULL); NULL when there is no such row or its text does not parse (logged). */
Procedure *sop_stored_parse(Db *db, int64_t id, const char *file){
  Stmt *q = db_prepare(db, "SELECT code, revision_no, body FROM procedure WHERE id=?1");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, id);
  Procedure *p = 0;
  if( db_step(q)==DB_ROW ){
    Buf errs = BUF_INIT;
    const char *body = db_col_text(q, 2);
    if( procedure_parse(file ? file : db_col_text(q, 0), body, strlen(body), &p, &errs, 0)!=OK ){
      log_error("procedure %lld does not parse: %s", (long long)id, buf_str(&errs));
      p = 0;
    }else{
      p->id = id;
      p->revision_no = db_col_int(q, 1);
    }
    buf_free(&errs);
  }
  db_reset(q);
  return p;
}

/* The latest stored revision of the procedure a broken file (name, text) was, or NULL (no code
** found in it, or never stored). */
static Procedure *stored_latest(Db *db, const char *name, const char *text, size_t len){
  char code[256];
  if( db==0 || !code_of(text, len, code, sizeof code) ) return 0;
  Stmt *q = db_prepare(db, "SELECT id FROM procedure WHERE code=?1 ORDER BY revision_no DESC LIMIT 1");
  if( q==0 ) return 0;
  db_bind_text(q, 1, code);
  int64_t id = db_step(q)==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  return id ? sop_stored_parse(db, id, name) : 0;
}

/* Load the procedure files given; with a database, store each. A file that does not parse, or clashes
** with one before it, is left out, its errors in errs (and, with a database, the latest revision
** stored of its code is served instead, said in errs): one broken file takes down neither the other
** procedures nor the server. ERR_* only when the database fails. */
int sop_library_load_files(Db *db, const Embedded *files, size_t nfiles, Buf *errs){
  Procedure **got = 0;
  int n = 0;
  for(size_t i=0; i<nfiles; i++){
    const Embedded *e = &files[i];
    if( !is_sop_file(e->name) ) continue;
    Procedure *p;
    int bad = procedure_parse(e->name, (const char*)e->data, e->len, &p, errs, 0)!=OK, clash = 0;
    for(int k=0; !bad && k<n; k++) if( sop_clash(p, got[k], errs) ){ procedure_free(p); p = 0; bad = clash = 1; }
    if( bad ){
      p = clash ? 0 : stored_latest(db, e->name, (const char*)e->data, e->len);
      for(int k=0; p && k<n; k++) if( sop_clash(p, got[k], 0) ){ procedure_free(p); p = 0; }
      if( p ) buf_printf(errs, "%s: not loaded; procedure %s stays at its stored revision %d\n", e->name, p->code, p->revision_no);
      else buf_printf(errs, "%s: not loaded%s\n", e->name, db && !clash ? ": no case of it can be opened until the file is fixed" : "");
      if( p==0 ) continue;
    }
    got = xrealloc(got, sizeof(Procedure*)*(size_t)(n+1));
    got[n++] = p;
  }
  int rc = OK;
  for(int k=0; rc==OK && db && k<n; k++){
    if( got[k]->id ) continue;   /* a stored revision served for a broken file */
    rc = sop_store(db, got[k]);
    if( rc!=OK ) buf_printf(errs, "%s: cannot store it: %s\n", got[k]->file, db_errmsg(db));
  }
  if( rc!=OK ){
    for(int k=0; k<n; k++) procedure_free(got[k]);
    free(got);
    return rc;
  }
  sop_library_free();
  if( n ) qsort(got, (size_t)n, sizeof *got, by_code);
  lib = got;
  nlib = n;
  return OK;
}

/* Load every embedded procedure (sop_library_load_files of the files compiled in). */
int sop_library_load(Db *db, Buf *errs){
  return sop_library_load_files(db, embedded_files, embedded_count, errs);
}

/* The procedure of that code or slug (the code as written in an address), else either in any case, else
** of that short name (OI-02, BTG-017), or NULL. */
const Procedure *sop_library_find(const char *code){
  if( code==0 ) return 0;
  for(int i=0; i<nlib; i++) if( strcmp(lib[i]->code, code)==0 ) return lib[i];
  for(int i=0; i<nlib; i++) if( strcmp(lib[i]->slug, code)==0 ) return lib[i];
  for(int i=0; i<nlib; i++) if( strcasecmp(lib[i]->code, code)==0 ) return lib[i];
  for(int i=0; i<nlib; i++) if( strcasecmp(lib[i]->slug, code)==0 ) return lib[i];
  for(int i=0; i<nlib; i++) if( sop_short_is(lib[i], code) ) return lib[i];
  return 0;
}

/* 1 when z (any case) is the short name of p: its file's name up to the number
** (sop/oi-02-helpdesk.sop: OI-02; sop/btg-017-phone.sop: BTG-017), as the SOPs are called. */
int sop_short_is(const Procedure *p, const char *z){
  const char *b = p->file ? strrchr(p->file, '/') : 0;
  b = b ? b+1 : p->file ? p->file : "";
  const char *d = strchr(b, '-');
  if( d==0 || d==b || d[1]<'0' || d[1]>'9' ) return 0;
  const char *e = d+1;
  while( *e>='0' && *e<='9' ) e++;
  size_t k = (size_t)(e-b);
  return strlen(z)==k && strncasecmp(b, z, k)==0;
}

/* How many procedures the library holds. */
int sop_library_count(void){
  return nlib;
}

/* The i-th procedure, by code. */
const Procedure *sop_library_at(int i){
  return i>=0 && i<nlib ? lib[i] : 0;
}

/* Every procedure as {"sops":[…]}, each as procedure_json gives it: GET /api/v1/sops and
** `loket sop list --json` answer with this. */
void sop_library_json(Buf *b, const char *lang){
  buf_puts(b, "{\"sops\":[");
  for(int i=0; i<nlib; i++){
    if( i ) buf_putc(b, ',');
    procedure_json(b, lib[i], lang);
  }
  buf_puts(b, "]}");
}

/* Free the library (at exit, and in tests). */
void sop_library_free(void){
  for(int i=0; i<nlib; i++) procedure_free(lib[i]);
  free(lib);
  lib = 0;
  nlib = 0;
}
