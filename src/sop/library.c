/*
** library.c — the procedures: parsed and validated, kept in memory by code, and
** stored in the database one row per revision. Procedures are shared by all
** offices (no office_id): they are the national/unit SOPs, loaded from files,
** not an office's data. The files compiled into the binary (sop/NAME.sop) are
** stored at start; an administrator loads an edited or new file into a running
** Loket (`loket sop load`, POST /api/v1/sops), and the CURRENT revision of a
** code is its latest stored one. The library is read by every thread without a
** lock: a change publishes a new one whole (sop_library_refresh), the old one and
** its procedures kept until exit, since a request may hold them.
*/
#include "sop.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include "../core/worker.h"

/* One library as published: the procedures by code, the codes retired (taken out of service), and the
** highest procedure.id and procedure_retired.id it was read with (0 when not from a database). An
** older one stays reachable through older, for the end. */
typedef struct Lib { Procedure **v; int n; char **retired; int nretired; int64_t max_id, max_rid; struct Lib *older; } Lib;
static Lib *cur;                      /* read with __atomic_load_n(ACQUIRE), written with RELEASE */
static Procedure **owned;             /* every procedure ever published: freed by sop_library_free */
static int nowned;
static pthread_mutex_t lib_mu = PTHREAD_MUTEX_INITIALIZER;   /* one writer at a time */

/* The library now (never NULL: an empty one before the first load). */
static const Lib *lib_now(void){
  static const Lib none = { 0, 0, 0, 0, 0, 0, 0 };
  const Lib *l = __atomic_load_n(&cur, __ATOMIC_ACQUIRE);
  return l ? l : &none;
}

/* The name of a file without its folders. */
static const char *file_base(const char *file){
  const char *b = file ? strrchr(file, '/') : 0;
  return b ? b+1 : file ? file : "";
}

/* The length of p's short name, its file's name up to the number (sop/oi-02-helpdesk.sop: "oi-02"),
** which *at points at in the file's name; 0 when the name gives none. */
static size_t short_name(const Procedure *p, const char **at){
  const char *b = file_base(p->file);
  const char *d = strchr(b, '-');
  *at = b;
  if( d==0 || d==b || d[1]<'0' || d[1]>'9' ) return 0;
  const char *e = d+1;
  while( *e>='0' && *e<='9' ) e++;
  return (size_t)(e-b);
}

/* p's short name in capitals (OI-02, BTG-017) into out; its length, 0 when its file's name gives none
** (or it does not fit). */
size_t sop_short_name(const Procedure *p, char *out, size_t n){
  const char *b;
  size_t k = short_name(p, &b);
  if( k==0 || k>=n ){ if( n ) out[0] = 0; return 0; }
  for(size_t i=0; i<k; i++) out[i] = (char)toupper((unsigned char)b[i]);
  out[k] = 0;
  return k;
}

/* 1 when z (any case) is the short name of p: its file's name up to the number
** (sop/oi-02-helpdesk.sop: OI-02; sop/btg-017-phone.sop: BTG-017), as the SOPs are called. */
int sop_short_is(const Procedure *p, const char *z){
  const char *b;
  size_t k = short_name(p, &b);
  return k>0 && strlen(z)==k && strncasecmp(b, z, k)==0;
}

/* Keep for p, a new revision of was (the same code), the short name was's file gives it when p's own
** file name gives another or none (oi-02-helpdesk.sop edited and loaded as helpdesk-baru.sop: stored
** as oi-02-helpdesk.sop, so OI-02 still finds it; the name given is said in the audit row). */
static void short_name_keep(Procedure *p, const Procedure *was){
  const char *b, *nb;
  size_t k = short_name(was, &b), nk = short_name(p, &nb);
  if( k==0 || (nk==k && strncasecmp(b, nb, k)==0) ) return;
  p->kept_file = arena_strdup(&p->arena, file_base(was->file));
}

/* Store one procedure, loaded by who, or built-in (compiled in) when who is NULL. A loaded text is a
** new revision when it differs from the code's CURRENT (latest) revision; a built-in one when it
** differs from the last text that came from the binary (none yet: from every text stored), so a
** restart does not undo a loaded revision and a new release's changed file still takes effect.
** Unchanged: p->id and p->revision_no are the row of that text. *stored (unless NULL): 1 when added. */
int sop_store(Db *db, Procedure *p, const Actor *who, int *stored){
  int loaded = who!=0;
  if( stored ) *stored = 0;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "SELECT id, revision_no, source_sha256, source, loaded_at FROM procedure WHERE code=?1"
                           " ORDER BY revision_no DESC");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_text(q, 1, p->code);
  /* the rows that matter: the latest, the last built-in, the latest of this text (id, revision, its source, when) */
  typedef struct Rev { int64_t id, at; int rev, same, loaded; } Rev;
  Rev latest = {0, 0, 0, 0, 0}, builtin = latest, same = latest;
  while( db_step(q)==DB_ROW ){
    int is_same = strcmp(db_col_text(q, 2), p->sha256)==0, is_loaded = strcmp(db_col_text(q, 3), "loaded")==0;
    Rev row = { db_col_int64(q, 0), db_col_int64(q, 4), db_col_int(q, 1), is_same, is_loaded };
    if( latest.id==0 ) latest = row;
    if( builtin.id==0 && !is_loaded ) builtin = row;
    if( same.id==0 && is_same ) same = row;
  }
  db_reset(q);
  int64_t id = 0;
  int last = latest.rev;
  Rev *keep = loaded ? (latest.same ? &latest : 0)
            : builtin.id ? (builtin.same ? &builtin : 0) : (same.id ? &same : 0);
  if( keep ){
    p->id = keep->id;
    p->revision_no = keep->rev;
    p->source = keep->loaded ? "loaded" : "built-in";
    p->loaded_at = keep->at;
    return db_tx_end(db, own, OK);
  }
  q = db_prepare(db, "INSERT INTO procedure(code, revision_no, title, source_sha256, body, loaded_at, source, file, loaded_by)"
                     " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) RETURNING id");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  int64_t now = time_now();
  db_bind_text(q, 1, p->code);
  db_bind_int(q, 2, last+1);
  db_bind_text(q, 3, p->title);
  db_bind_text(q, 4, p->sha256);
  db_bind_textn(q, 5, p->text, p->len);
  db_bind_int64(q, 6, now);
  db_bind_text(q, 7, loaded ? "loaded" : "built-in");
  db_bind_text(q, 8, p->kept_file ? p->kept_file : file_base(p->file));
  if( loaded && who->username ) db_bind_text(q, 9, who->username); else db_bind_null(q, 9);
  rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
  if( rc==OK ) id = db_col_int64(q, 0);
  db_reset(q);
  if( rc==OK ){
    char detail[800];
    snprintf(detail, sizeof detail, "revision %d, %s%s%s, sha256 %s%s", last+1, p->file,
             p->kept_file ? ", kept as " : "", p->kept_file ? p->kept_file : "", p->sha256, loaded ? ", loaded" : "");
    rc = audit_write(db, who, "sop.load", p->code, detail);
  }
  if( rc==OK ){
    p->id = id;
    p->revision_no = last+1;
    p->source = loaded ? "loaded" : "built-in";
    p->loaded_at = now;
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK && stored ) *stored = 1;
  /* a changed file says so in the log too (the audit row has it): open cases keep their revision */
  if( rc==OK && last>0 ) log_info("procedure %s changed (%s%s): revision %d stored; open cases keep the revision they started under",
                                  p->code, p->file, loaded ? ", loaded" : "", last+1);
  return rc;
}

/* 1 when p cannot sit in one library beside other: the same code, or codes that make the same
** address in any case (slug: "SOP 07/LPSE/2027", "SOP-07-LPSE-2027" and "sop-07-lpse-2027"), said in errs (unless NULL) in lang; 0 when
** they can. */
int sop_clash(const Procedure *p, const Procedure *other, const char *lang, Buf *errs){
  if( strcmp(other->code, p->code)==0 ){
    if( errs ){
      buf_printf(errs, "%s:%d: ", p->file, p->code_line);
      buf_printf(errs, i18n_get(lang, N_("code %s is also the code of %s (line %d): a library holds one procedure per code")),
                 p->code, other->file, other->code_line);
      buf_putc(errs, '\n');
    }
    return 1;
  }
  if( strcasecmp(other->code, p->code)==0 ){   /* an address finds a code in any case (sop_library_find) */
    if( errs ){
      buf_printf(errs, "%s:%d: ", p->file, p->code_line);
      buf_printf(errs, i18n_get(lang, N_("code %s differs from code %s of %s (line %d) only in small and capital letters: an address finds either as the same")),
                 p->code, other->code, other->file, other->code_line);
      buf_putc(errs, '\n');
    }
    return 1;
  }
  if( strcasecmp(other->slug, p->slug)==0 ){
    if( errs ){
      buf_printf(errs, "%s:%d: ", p->file, p->code_line);
      buf_printf(errs, i18n_get(lang, N_("code %s makes the same address (%s) as code %s of %s (line %d)")),
                 p->code, p->slug, other->code, other->file, other->code_line);
      buf_putc(errs, '\n');
    }
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
  Stmt *q = db_prepare(db, "SELECT code, revision_no, body, source, loaded_at, file FROM procedure WHERE id=?1");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, id);
  Procedure *p = 0;
  if( db_step(q)==DB_ROW ){
    Buf errs = BUF_INIT;
    const char *body = db_col_text(q, 2);
    if( file==0 ) file = !db_col_null(q, 5) ? db_col_text(q, 5) : db_col_text(q, 0);
    if( procedure_parse_stored(file, body, strlen(body), &p, &errs, 0)!=OK ){
      log_error("procedure %lld does not parse: %s", (long long)id, buf_str(&errs));
      p = 0;
    }else{
      p->id = id;
      p->revision_no = db_col_int(q, 1);
      p->source = strcmp(db_col_text(q, 3), "loaded")==0 ? "loaded" : "built-in";
      p->loaded_at = db_col_int64(q, 4);
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

/* Order procedures by code. */
static int by_code(const void *a, const void *b){
  return strcmp((*(Procedure*const*)a)->code, (*(Procedure*const*)b)->code);
}

/* Publish v (n procedures; the array and its procedures now the library's) as the library, read
** with procedure.id up to max_id, the codes retired (nr; the array and its strings now the library's)
** read with procedure_retired.id up to max_rid. The one before stays readable: a request may hold it. lib_mu held. */
static void lib_publish(Procedure **v, int n, int64_t max_id, char **retired, int nr, int64_t max_rid){
  if( n ) qsort(v, (size_t)n, sizeof *v, by_code);
  for(int i=0; i<n; i++){
    int known = 0;
    for(int k=0; k<nowned && !known; k++) known = owned[k]==v[i];
    if( known ) continue;
    owned = xrealloc(owned, sizeof(Procedure*)*(size_t)(nowned+1));
    owned[nowned++] = v[i];
  }
  Lib *l = xcalloc(1, sizeof *l);
  l->v = v;
  l->n = n;
  l->max_id = max_id;
  l->retired = retired;
  l->nretired = nr;
  l->max_rid = max_rid;
  l->older = cur;
  __atomic_store_n(&cur, l, __ATOMIC_RELEASE);
}

/* The highest procedure.id stored (*rid: procedure_retired.id), 0 when none; -1 when the database fails. */
static int64_t max_id_stored(Db *db, int64_t *rid){
  Stmt *q = db_prepare(db, "SELECT (SELECT coalesce(max(id), 0) FROM procedure), (SELECT coalesce(max(id), 0) FROM procedure_retired)");
  if( q==0 ) return -1;
  int64_t id = -1;
  if( db_step(q)==DB_ROW ){ id = db_col_int64(q, 0); *rid = db_col_int64(q, 1); }
  db_reset(q);
  return id;
}

/* The codes retired now (the latest row of each code says retired) into *out (strdup'ed), their count in *n. OK or ERR_DB. */
static int retired_read(Db *db, char ***out, int *n){
  *out = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT r.code FROM procedure_retired r WHERE r.retired=1 AND r.id ="
                           " (SELECT max(x.id) FROM procedure_retired x WHERE x.code=r.code) ORDER BY r.code");
  if( q==0 ) return ERR_DB;
  int st;
  while( (st = db_step(q))==DB_ROW ){
    *out = xrealloc(*out, sizeof **out*(size_t)(*n+1));
    (*out)[(*n)++] = xstrdup(db_col_text(q, 0));
  }
  db_reset(q);
  return st==DB_DONE ? OK : ERR_DB;
}

/* Read the library from the database: the latest revision of every code, each taken from have
** (nhave procedures, when its id is there: what was just stored keeps its file's name), else from
** the library now, else parsed from its stored text. A revision that does not parse leaves its code
** at the one the library has now. Publishes it; OK, or ERR_DB. lib_mu held. */
static int lib_read(Db *db, Procedure **have, int nhave){
  int64_t max_rid = 0, max_id = max_id_stored(db, &max_rid);
  if( max_id<0 ) return ERR_DB;
  char **retired = 0;
  int nretired = 0;
  if( retired_read(db, &retired, &nretired)!=OK ) return ERR_DB;
  Stmt *q = db_prepare(db, "SELECT p.id, p.code FROM procedure p WHERE p.revision_no ="
                           " (SELECT max(r.revision_no) FROM procedure r WHERE r.code=p.code) ORDER BY p.code");
  if( q==0 ) return ERR_DB;
  int64_t *ids = 0;
  int n = 0;
  int st;
  while( (st = db_step(q))==DB_ROW ){
    ids = xrealloc(ids, sizeof *ids*(size_t)(n+1));
    ids[n++] = db_col_int64(q, 0);
  }
  int rc = st==DB_DONE ? OK : ERR_DB;
  db_reset(q);
  const Lib *now = lib_now();
  Procedure **v = xcalloc((size_t)n+1, sizeof *v);
  int nv = 0;
  for(int i=0; rc==OK && i<n; i++){
    Procedure *p = 0;
    for(int k=0; p==0 && k<nhave; k++) if( have[k] && have[k]->id==ids[i] ) p = have[k];
    for(int k=0; p==0 && k<now->n; k++) if( now->v[k]->id==ids[i] ) p = now->v[k];
    if( p==0 ) p = sop_stored_parse(db, ids[i], 0);
    if( p==0 ){   /* logged: keep what the library has of that code, when anything */
      Stmt *c = db_prepare(db, "SELECT code FROM procedure WHERE id=?1");
      if( c ){
        db_bind_int64(c, 1, ids[i]);
        if( db_step(c)==DB_ROW ) for(int k=0; p==0 && k<now->n; k++) if( strcmp(now->v[k]->code, db_col_text(c, 0))==0 ) p = now->v[k];
        db_reset(c);
      }
    }
    if( p ) v[nv++] = p;
  }
  free(ids);
  if( rc!=OK ){
    free(v);
    for(int k=0; k<nretired; k++) free(retired[k]);
    free(retired);
    return rc;
  }
  /* what was given and not taken is not the library's */
  for(int k=0; k<nhave; k++){
    int taken = 0;
    for(int i=0; i<nv && !taken; i++) taken = v[i]==have[k];
    if( !taken ) procedure_free(have[k]);
  }
  lib_publish(v, nv, max_id, retired, nretired, max_rid);
  return OK;
}

/* Serve what the database holds now when it changed since the library was read: the latest revision
** of every code (a procedure loaded by another process, another node). Cheap when nothing changed
** (one max(id)); a running server calls it every few seconds (sop_watch_start). OK, or ERR_DB. */
int sop_library_refresh(Db *db){
  int64_t max_rid = 0, max_id = max_id_stored(db, &max_rid);
  if( max_id<0 ) return ERR_DB;
  if( max_id==lib_now()->max_id && max_rid==lib_now()->max_rid ) return OK;
  pthread_mutex_lock(&lib_mu);
  int64_t was = lib_now()->max_id, rwas = lib_now()->max_rid;
  int rc = max_id==was && max_rid==rwas ? OK : lib_read(db, 0, 0);   /* another thread may have read it meanwhile */
  pthread_mutex_unlock(&lib_mu);
  if( rc==OK && was>0 && max_id!=was ) log_info("procedures: a revision was stored elsewhere (procedure %lld): new cases follow the latest revisions now",
                        (long long)max_id);
  if( rc==OK && was>0 && max_rid!=rwas ) log_info("procedures: a procedure was retired or restored elsewhere: the library follows it now");
  return rc;
}

/* One pass of the procedures' thread: the library read again when the database has a new revision. */
static void sop_watch_tick(void){
  Db *db = db_thread();
  if( sop_library_refresh(db)!=OK ) log_warn("procedures: the database could not be read for new revisions: %s", db_errmsg(db));
  db_unreset(db);
}

static Worker sop_worker = WORKER_INIT("sop", sop_watch_tick);

/* Start the thread that serves revisions other processes stored (every SOP_REFRESH_S seconds). */
int sop_watch_start(void){
  return worker_start(&sop_worker, SOP_REFRESH_S);
}

/* Stop it and wait for it. */
void sop_watch_stop(void){
  worker_stop(&sop_worker);
}

/* Load procedure files into the library and the database (`loket sop load`, POST /api/v1/sops), as
** who, the errors said in lang ("en" for the command line, the reader's for a page or the API): each checked as `loket sop check` does, and against the others given and the library's other
** codes (one address each); any error, every error in errs as "FILE:LINE: message" lines and nothing
** stored (ERR_INVALID). Else each whose text differs from its code's current revision is stored as a
** new one, all in one transaction, and served at once; out[i] is file i's revision (the library's:
** valid until sop_library_free), stored[i] 1 when it was added. OK, ERR_INVALID, or ERR_DB. */
int sop_load(Db *db, const Actor *who, const char *lang, const SopText *files, int n, Buf *errs, const Procedure **out,
             int *stored){
  Procedure **got = xcalloc((size_t)n+1, sizeof *got);
  int bad = 0;
  for(int i=0; i<n; i++){
    if( procedure_parse_lang(files[i].name, files[i].text, files[i].len, lang, &got[i], errs, 0)!=OK ){ bad = 1; continue; }
    for(int k=0; k<i; k++) if( got[k] && sop_clash(got[i], got[k], lang, errs) ){ bad = 1; break; }
    const Lib *l = lib_now();
    for(int k=0; k<l->n; k++){
      if( strcmp(l->v[k]->code, got[i]->code)==0 ){ short_name_keep(got[i], l->v[k]); continue; }
      if( sop_clash(got[i], l->v[k], lang, errs) ){ bad = 1; break; }
    }
  }
  int rc = bad ? ERR_INVALID : OK, own = 0;
  if( rc==OK ) rc = db_tx_begin(db, &own);
  for(int i=0; rc==OK && i<n; i++){
    rc = sop_store(db, got[i], who, &stored[i]);
    if( rc!=OK ) buf_printf(errs, "%s: cannot store it: %s\n", files[i].name, db_errmsg(db));
  }
  if( !bad ) rc = db_tx_end(db, own, rc);
  if( rc==OK ){
    for(int i=0; i<n; i++) if( got[i]->kept_file ) got[i]->file = got[i]->kept_file;   /* served as stored */
    pthread_mutex_lock(&lib_mu);
    rc = lib_read(db, got, n);   /* takes every procedure given: each is its code's latest revision */
    pthread_mutex_unlock(&lib_mu);
    for(int i=0; rc==OK && i<n; i++){
      out[i] = sop_library_find(got[i]->code);
      if( out[i]==0 ) rc = ERR_DB;
    }
  }else{
    for(int i=0; i<n; i++) procedure_free(got[i]);
  }
  free(got);
  return rc;
}

/* The next error sop_load wrote in errs for the file name: *z its place (start at the text of errs),
** *line the line it names (0: none), msg and len its message. 1 while there is one, 0 at the end. */
int sop_error_next(const char *name, const char **z, int *line, const char **msg, int *len){
  if( **z==0 ) return 0;
  const char *e = strchr(*z, '\n'), *m = *z;
  if( e==0 ) e = m+strlen(m);
  size_t k = strlen(name);
  *line = 0;
  if( strncmp(m, name, k)==0 && m[k]==':' ){
    const char *d = m+k+1;
    int no = 0;
    while( *d>='0' && *d<='9' ) no = no*10 + (*d++ - '0');
    if( d>m+k+1 && *d==':' ){ *line = no; m = d+1; }
    else m = m+k+1;
    while( *m==' ' ) m++;
  }
  *msg = m;
  *len = (int)(e-m);
  *z = *e ? e+1 : e;
  return 1;
}

/* Load the procedure files given; with a database, store each that changed since the binary last
** brought it (sop_store), then serve the latest stored revision of every code. A file that does not
** parse, or clashes with one before it, is left out, its errors in errs (and, with a database, the
** latest revision stored of its code is served instead, said in errs): one broken file takes down
** neither the other procedures nor the server. ERR_* only when the database fails. */
int sop_library_load_files(Db *db, const Embedded *files, size_t nfiles, Buf *errs){
  Procedure **got = 0;
  int n = 0;
  for(size_t i=0; i<nfiles; i++){
    const Embedded *e = &files[i];
    if( !is_sop_file(e->name) ) continue;
    Procedure *p;
    int bad = procedure_parse(e->name, (const char*)e->data, e->len, &p, errs, 0)!=OK, clash = 0;
    for(int k=0; !bad && k<n; k++) if( sop_clash(p, got[k], "en", errs) ){ procedure_free(p); p = 0; bad = clash = 1; }
    if( bad ){
      p = clash ? 0 : stored_latest(db, e->name, (const char*)e->data, e->len);
      for(int k=0; p && k<n; k++) if( sop_clash(p, got[k], "en", 0) ){ procedure_free(p); p = 0; }
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
    rc = sop_store(db, got[k], 0, 0);
    if( rc!=OK ) buf_printf(errs, "%s: cannot store it: %s\n", got[k]->file, db_errmsg(db));
  }
  pthread_mutex_lock(&lib_mu);
  if( rc==OK && db ) rc = lib_read(db, got, n);
  else if( rc==OK ) lib_publish(got, n, 0, 0, 0, 0);
  pthread_mutex_unlock(&lib_mu);
  if( rc!=OK ) for(int k=0; k<n; k++) procedure_free(got[k]);
  if( rc!=OK || db ) free(got);
  return rc;
}

/* Load every embedded procedure (sop_library_load_files of the files compiled in). */
int sop_library_load(Db *db, Buf *errs){
  return sop_library_load_files(db, embedded_files, embedded_count, errs);
}

/* The procedure of that code or slug (the code as written in an address), else either in any case, else
** of that short name (OI-02, BTG-017), or NULL. */
const Procedure *sop_library_find(const char *code){
  if( code==0 ) return 0;
  const Lib *l = lib_now();
  for(int i=0; i<l->n; i++) if( strcmp(l->v[i]->code, code)==0 ) return l->v[i];
  for(int i=0; i<l->n; i++) if( strcmp(l->v[i]->slug, code)==0 ) return l->v[i];
  for(int i=0; i<l->n; i++) if( strcasecmp(l->v[i]->code, code)==0 ) return l->v[i];
  for(int i=0; i<l->n; i++) if( strcasecmp(l->v[i]->slug, code)==0 ) return l->v[i];
  for(int i=0; i<l->n; i++) if( sop_short_is(l->v[i], code) ) return l->v[i];
  return 0;
}

/* How many procedures the library holds. */
int sop_library_count(void){
  return lib_now()->n;
}

/* The i-th procedure, by code (NULL past the last: a library published meanwhile may hold fewer). */
const Procedure *sop_library_at(int i){
  const Lib *l = lib_now();
  return i>=0 && i<l->n ? l->v[i] : 0;
}

/* Every procedure as {"sops":[…]}, each as procedure_json gives it: GET /api/v1/sops and
** `loket sop list --json` answer with this. */
void sop_library_json(Buf *b, const char *lang){
  const Lib *l = lib_now();
  buf_puts(b, "{\"sops\":[");
  for(int i=0; i<l->n; i++){
    if( i ) buf_putc(b, ',');
    procedure_json(b, l->v[i], lang);
  }
  buf_puts(b, "]}");
}

/* Free the library, those published before it and their procedures (at exit, and in tests:
** no thread reads it any more). */
void sop_library_free(void){
  pthread_mutex_lock(&lib_mu);
  for(int i=0; i<nowned; i++) procedure_free(owned[i]);
  free(owned);
  owned = 0;
  nowned = 0;
  for(Lib *l = cur, *o; l; l = o){
    o = l->older;
    for(int k=0; k<l->nretired; k++) free(l->retired[k]);
    free(l->retired);
    free(l->v);
    free(l);
  }
  __atomic_store_n(&cur, (Lib*)0, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&lib_mu);
}

/* 1 when the procedure of that code is retired: no new case can be opened under it (sop_retire). */
int sop_retired(const char *code){
  const Lib *l = lib_now();
  for(int i=0; code && i<l->nretired; i++) if( strcmp(l->retired[i], code)==0 ) return 1;
  return 0;
}

/* Add to e the refusal of a new case under the retired procedure of that code (field sop): it names
** the procedure by its code and title, the title in the reader's language (kept in e: err_add_s). */
void sop_retired_add(Err *e, const char *code){
  const Procedure *p = sop_library_find(code);
  char id[2*ERR_ARG], en[2*ERR_ARG];
  const char *title = p && p->title && *p->title ? p->title : 0;
  const char *title_en = p && p->title_en && *p->title_en ? p->title_en : title;
  const char *c = p ? p->code : code;
  if( title ){
    snprintf(id, sizeof id, "%s (%s)", c, title);
    snprintf(en, sizeof en, "%s (%s)", c, title_en);
  }else{
    snprintf(id, sizeof id, "%s", c ? c : "");
    snprintf(en, sizeof en, "%s", id);
  }
  err_add_s(e, "sop", N_("The procedure %s is retired: no new case can be opened under it"), id, en);
}

/* Retire (retire 1) or restore (0) the procedure of that code (as sop_library_find takes it) as who:
** a row of procedure_retired and an audit row (sop.retire, sop.restore) in one transaction, served at
** once (another process or node within SOP_REFRESH_S). *changed: 0 when it already was so. *out: the
** procedure. OK, ERR_NOTFOUND, or ERR_DB. */
int sop_retire(Db *db, const Actor *who, const char *code, int retire, const Procedure **out, int *changed){
  *changed = 0;
  if( sop_library_refresh(db)!=OK ) return ERR_DB;
  const Procedure *p = sop_library_find(code);
  *out = p;
  if( p==0 ) return ERR_NOTFOUND;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "SELECT retired FROM procedure_retired WHERE code=?1 ORDER BY id DESC LIMIT 1");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_text(q, 1, p->code);
  int st = db_step(q), now = st==DB_ROW ? db_col_int(q, 0) : 0;
  db_reset(q);
  if( st!=DB_ROW && st!=DB_DONE ) return db_tx_end(db, own, ERR_DB);
  if( now==(retire!=0) ) return db_tx_end(db, own, OK);
  q = db_prepare(db, "INSERT INTO procedure_retired(code, retired, at, by_user) VALUES(?1,?2,?3,?4)");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_text(q, 1, p->code);
  db_bind_int(q, 2, retire!=0);
  db_bind_int64(q, 3, time_now());
  db_bind_text(q, 4, who && who->username ? who->username : "system");
  rc = db_step(q)==DB_DONE ? OK : db_last_error(db);
  db_reset(q);
  if( rc==OK ){
    char detail[160];
    snprintf(detail, sizeof detail, retire ? "retired at revision %d: no new case" : "restored at revision %d: new cases open again",
             p->revision_no);
    rc = audit_write(db, who, retire ? "sop.retire" : "sop.restore", p->code, detail);
  }
  rc = db_tx_end(db, own, rc);
  if( rc!=OK ) return rc;
  *changed = 1;
  pthread_mutex_lock(&lib_mu);
  rc = lib_read(db, 0, 0);
  pthread_mutex_unlock(&lib_mu);
  if( rc==OK ){
    *out = sop_library_find(p->code);
    log_info("procedure %s %s by %s: %s", p->code, retire ? "retired" : "restored", who && who->username ? who->username : "system",
             retire ? "no new case can be opened under it" : "new cases can be opened under it");
  }
  return rc;
}

/* The stored revisions of the procedure of that code (as sop_library_find takes it), oldest first, in
** *out (in a), their count in *n, each with the cases open under it (of office_id; 0: of every office).
** OK, ERR_NOTFOUND (no such procedure), or ERR_DB. */
int sop_revisions(Db *db, const char *code, int64_t office_id, Arena *a, SopRevision **out, int *n){
  *out = 0;
  *n = 0;
  const Procedure *p = sop_library_find(code);
  if( p==0 ) return ERR_NOTFOUND;
  Stmt *q = db_prepare(db, "SELECT p.id, p.revision_no, p.source, coalesce(p.file,''), p.loaded_by, p.source_sha256, p.loaded_at,"
                           " (SELECT count(*) FROM kasus k WHERE k.procedure_id=p.id AND k.sop_code=p.code AND k.status='open'"
                           "  AND (?2=0 OR k.office_id=?2))"
                           " FROM procedure p WHERE p.code=?1 ORDER BY p.revision_no");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, p->code);
  db_bind_int64(q, 2, office_id);
  int st, cap = 0;
  SopRevision *v = 0;
  while( (st = db_step(q))==DB_ROW ){
    if( *n==cap ){
      cap = cap ? cap*2 : 8;
      SopRevision *w = arena_alloc(a, sizeof *w*(size_t)cap);
      if( *n ) memcpy(w, v, sizeof *w*(size_t)*n);
      v = w;
    }
    SopRevision *r = &v[(*n)++];
    r->id = db_col_int64(q, 0);
    r->no = db_col_int(q, 1);
    r->source = strcmp(db_col_text(q, 2), "loaded")==0 ? "loaded" : "built-in";
    r->file = arena_strdup(a, db_col_text(q, 3));
    r->by = db_col_null(q, 4) ? 0 : arena_strdup(a, db_col_text(q, 4));
    r->sha256 = arena_strdup(a, db_col_text(q, 5));
    r->loaded_at = db_col_int64(q, 6);
    r->open_cases = db_col_int(q, 7);
    r->current = r->id==p->id;
  }
  db_reset(q);
  *out = v;
  return st==DB_DONE ? OK : ERR_DB;
}

/* The stored text of revision no of the procedure of that code, byte for byte, appended to text (*file:
** the name it was stored from, in a, unless file is NULL; *id its row unless NULL). OK, ERR_NOTFOUND, or ERR_DB. */
int sop_revision_text(Db *db, const char *code, int no, Buf *text, Arena *a, const char **file, int64_t *id){
  const Procedure *p = sop_library_find(code);
  if( p==0 ) return ERR_NOTFOUND;
  Stmt *q = db_prepare(db, "SELECT id, body, coalesce(file,'') FROM procedure WHERE code=?1 AND revision_no=?2");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, p->code);
  db_bind_int(q, 2, no);
  int st = db_step(q), rc = st==DB_ROW ? OK : st==DB_DONE ? ERR_NOTFOUND : ERR_DB;
  if( rc==OK ){
    size_t len = 0;
    const char *body = db_col_str(q, 1, &len);
    buf_append(text, body ? body : "", body ? len : 0);
    if( file ) *file = arena_strdup(a, db_col_text(q, 2));
    if( id ) *id = db_col_int64(q, 0);
  }
  db_reset(q);
  return rc;
}

/* The revisions sop_revisions gave of the procedure p as one JSON object: {"code", "slug", "retired",
** "revisions":[{"revision_no", "source", "file", "loaded_at", "loaded_by", "sha256", "open_cases",
** "current"}…]} (GET /api/v1/sops/:code/revisions, `loket sop revisions --json`). */
void sop_revisions_json(Buf *b, const Procedure *p, const SopRevision *v, int n){
  buf_printf(b, "{\"code\":%J,\"slug\":%J,\"retired\":%R,\"revisions\":[", p->code, p->slug, sop_retired(p->code) ? "true" : "false");
  for(int i=0; i<n; i++){
    char at[32];
    time_fmt_iso(at, sizeof at, v[i].loaded_at);
    buf_printf(b, "%R{\"revision_no\":%d,\"source\":%J,\"file\":%J,\"loaded_at\":%J,\"loaded_by\":%J,\"sha256\":%J,"
                  "\"open_cases\":%d,\"current\":%R}", i ? "," : "", v[i].no, v[i].source, *v[i].file ? v[i].file : 0, at,
               v[i].by, v[i].sha256, v[i].open_cases, v[i].current ? "true" : "false");
  }
  buf_puts(b, "]}");
}
