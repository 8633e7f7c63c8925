/*
** search.c — the full-text index on SQLite FTS5: one virtual table for every
** kind of document, the office and the reference stored beside the text. All the
** engine-specific SQL of searching lives here. On PostgreSQL the index is the table
** search_doc (migration 0700-search-pg) with a generated tsvector column ('simple'
** configuration: the words are stemmed in C already). Either index gives candidates; the
** ranking (bm25, the title weighted above the tags and the tags above the body) is done
** here in C, so both engines find the same documents in the same order (search_find).
*/
#include "search.h"
#include "engine.h"   /* sq_in_txn */
#include "../core/worker.h"
#include <string.h>
#include <math.h>
#include <stdlib.h>


/* 1 on PostgreSQL: the tsvector branch. */
static int search_pg(Db *db){ return strcmp(db_engine_of(db), "postgresql")==0; }

/* 1 once this process saw search_fts outside a write transaction: it is then committed, and
** nothing drops it, so no later search asks again (asking scans the schema table: it was a
** tenth of a case page). Forgotten with the database (search_forget). */
static int fts_known;

/* Make the index table when it is missing (FTS5 is no portable DDL, so it is not a
** migration). */
static int search_ready(Db *db){
  if( search_pg(db) ) return OK;   /* search_doc comes with the migrations */
  if( __atomic_load_n(&fts_known, __ATOMIC_ACQUIRE) ) return OK;
  Stmt *q = db_prepare(db, "SELECT count(*) FROM sqlite_master WHERE name='search_fts'");
  if( q==0 ) return ERR_DB;
  int have = db_step(q)==DB_ROW && db_col_int(q, 0)>0;
  db_reset(q);
  /* seen inside a write, it may be this transaction's own CREATE, which can still roll back */
  if( have && !sq_in_txn((SqDb*)db) ) __atomic_store_n(&fts_known, 1, __ATOMIC_RELEASE);
  if( have ) return OK;
  return db_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
                     "kind UNINDEXED, office UNINDEXED, ref UNINDEXED, title, tags, body,"
                     " tokenize='unicode61 remove_diacritics 2')");
}

/* What each trigram index holds (search.h SEARCH_CASES, SEARCH_PARTIES): the table of the rows
** (TABLE, id its key), SQLite's FTS5 table FTS (rowid the row's id) filled from the view FTS_text
** (the columns searched, folded as q is: db.h DB_SQL_FOLD, migration 0053; a line apiece) up to
** FTS_upto.upto, and PostgreSQL's pg_trgm index TRGM; every statement of both is made from it
** (search_sql), the words of the log from the rest. */
#define SEARCH_TEXT_CASES(X)   X("kasus", "case_fts", "case_text_trgm")
#define SEARCH_TEXT_PARTIES(X) X("party", "party_fts", "party_text_trgm")
typedef struct SearchText {
  const char *what;      /* in the log: "case search" */
  const char *rows;      /* in the log: "case" */
  const char *trgm;      /* PostgreSQL's index: "case_text_trgm" */
} SearchText;
#define SEARCH_TRGM_OF(TABLE, FTS, TRGM) TRGM
static const SearchText search_texts[SEARCH_TEXTS] = {
  [SEARCH_CASES]   = { "case search", "case", SEARCH_TEXT_CASES(SEARCH_TRGM_OF) },
  [SEARCH_PARTIES] = { "directory search", "entry", SEARCH_TEXT_PARTIES(SEARCH_TRGM_OF) },
};

/* The statements of a text's index: whether PostgreSQL has its pg_trgm index; the newest row's id;
** SQLite's mark; the id of the row ?2 places above ?1; the newest id above ?1 and how many; the
** rows above ?1 up to ?2 into the index; the mark set to ?1. */
enum { SEARCH_SQL_TRGM, SEARCH_SQL_NEWEST, SEARCH_SQL_UPTO, SEARCH_SQL_NTH, SEARCH_SQL_REST, SEARCH_SQL_FILL,
       SEARCH_SQL_SET_UPTO };
#define SEARCH_SQL_OF(TABLE, FTS, TRGM) \
  ( w==SEARCH_SQL_TRGM ? db_prepare(db, "SELECT count(*) FROM pg_indexes WHERE indexname='" TRGM "'") \
  : w==SEARCH_SQL_NEWEST ? db_prepare(db, "SELECT coalesce(max(id), 0) FROM " TABLE) \
  : w==SEARCH_SQL_UPTO ? db_prepare(db, "SELECT upto FROM " FTS "_upto") \
  : w==SEARCH_SQL_NTH ? db_prepare(db, "SELECT id FROM " TABLE " WHERE id>?1 ORDER BY id LIMIT 1 OFFSET ?2") \
  : w==SEARCH_SQL_REST ? db_prepare(db, "SELECT coalesce(max(id), 0), count(*) FROM " TABLE " WHERE id>?1") \
  : w==SEARCH_SQL_FILL ? db_prepare(db, "INSERT INTO " FTS "(rowid, body) SELECT id, body FROM " FTS "_text WHERE id>?1 AND id<=?2") \
  : db_prepare(db, "UPDATE " FTS "_upto SET upto=?1") )

/* The statement w of a text's index (0 when it cannot be made). */
static Stmt *search_sql(Db *db, int text, int w){
  return text==SEARCH_CASES ? SEARCH_TEXT_CASES(SEARCH_SQL_OF) : SEARCH_TEXT_PARTIES(SEARCH_SQL_OF);
}

/* Whether PostgreSQL's text table has its pg_trgm index (migrations 0040, 0050), by text: 0 not
** asked yet, 1 yes, 2 no. Forgotten with the database (search_forget). */
static int trgm_known[SEARCH_TEXTS];

/* Forget what search_ready() learnt of the database (the process closes it). */
void search_forget(void){
  __atomic_store_n(&fts_known, 0, __ATOMIC_RELEASE);
  for(int t=0; t<SEARCH_TEXTS; t++) __atomic_store_n(&trgm_known[t], 0, __ATOMIC_RELEASE);
}

/* The highest id up to which SQLite's index of text holds every row (0: none yet), or -1 when it
** cannot be read. */
static int64_t search_text_upto(Db *db, int text){
  Stmt *q = search_sql(db, text, SEARCH_SQL_UPTO);
  if( q==0 ) return -1;
  int64_t upto = db_step(q)==DB_ROW ? db_col_int64(q, 0) : -1;
  db_reset(q);
  return upto;
}

/* How a text is searched for q: by its index when q has 3 characters or more and there is one. */
int search_text_how(Db *db, int text, const char *q, Arena *a, const char **match, int64_t *upto){
  const SearchText *t = &search_texts[text];
  *match = "";
  *upto = INT64_MAX;
  if( q==0 || util_utf8_len(q)<3 ) return SEARCH_SCAN;
  if( !search_pg(db) ){
    *upto = search_text_upto(db, text);
    if( *upto<=0 ) return SEARCH_SCAN;   /* nothing in it yet (or unreadable): the scan is right */
    /* one FTS5 phrase: q quoted, its quotes doubled; trigrams of it, consecutive */
    Buf m = BUF_INIT;
    buf_putc(&m, '"');
    for(const char *c=q; *c; c++){ if( *c=='"' ) buf_putc(&m, '"'); buf_putc(&m, *c); }
    buf_putc(&m, '"');
    *match = arena_strdup(a, buf_str(&m));
    buf_free(&m);
    return SEARCH_FTS;
  }
  int known = __atomic_load_n(&trgm_known[text], __ATOMIC_ACQUIRE);
  if( known==0 ){
    Stmt *s = search_sql(db, text, SEARCH_SQL_TRGM);
    if( s==0 ) return SEARCH_SCAN;
    int have = db_step(s)==DB_ROW && db_col_int(s, 0)>0;
    db_reset(s);
    known = have ? 1 : 2;
    /* one thread logs it: the one that set it first */
    int none = 0;
    if( __atomic_compare_exchange_n(&trgm_known[text], &none, known, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) && !have ){
      log_warn("%s: the index %s is missing (the extension pg_trgm could not be made):"
               " a search reads every %s of the office; see docs/deploy.md", t->what, t->trgm, t->rows);
    }
  }
  return known==1 ? SEARCH_TRGM : SEARCH_SCAN;
}

/* Add to SQLite's index of text the rows written since it was brought up to date, at most max of
** them, in one write transaction; *added how many (fewer than max: it is up to date). On
** PostgreSQL triggers index each row as it is written: nothing to do. OK or ERR_DB. */
int search_text_catch_up(Db *db, int text, int max, int *added){
  *added = 0;
  if( search_pg(db) ) return OK;
  /* a look first, without the write lock: most passes find nothing new */
  Stmt *nq = search_sql(db, text, SEARCH_SQL_NEWEST);
  if( nq==0 ) return ERR_DB;
  int64_t newest = db_step(nq)==DB_ROW ? db_col_int64(nq, 0) : -1;
  db_reset(nq);
  int64_t was = search_text_upto(db, text);
  if( newest<0 || was<0 ) return ERR_DB;
  if( newest<=was ) return OK;
  if( db_begin(db)!=OK ) return ERR_DB;
  int64_t upto = search_text_upto(db, text), last = upto;
  Stmt *top = upto<0 ? 0 : search_sql(db, text, SEARCH_SQL_NTH);
  int rc = top ? OK : ERR_DB;
  if( rc==OK ){
    db_bind_int64(top, 1, upto);
    db_bind_int(top, 2, max-1);
    int r = db_step(top);
    if( r==DB_ROW ){ last = db_col_int64(top, 0); *added = max; }
    db_reset(top);
    if( r!=DB_ROW && r!=DB_DONE ) rc = ERR_DB;
  }
  if( rc==OK && *added==0 ){   /* fewer than max: up to the newest */
    Stmt *m = search_sql(db, text, SEARCH_SQL_REST);
    if( m==0 ) rc = ERR_DB;
    else{
      db_bind_int64(m, 1, upto);
      if( db_step(m)==DB_ROW && db_col_int64(m, 1)>0 ){ last = db_col_int64(m, 0); *added = db_col_int(m, 1); }
      db_reset(m);
    }
  }
  if( rc==OK && last>upto ){
    Stmt *ins = search_sql(db, text, SEARCH_SQL_FILL);
    Stmt *up = ins ? search_sql(db, text, SEARCH_SQL_SET_UPTO) : 0;
    if( ins==0 || up==0 ) rc = ERR_DB;
    else{
      db_bind_int64(ins, 1, upto);
      db_bind_int64(ins, 2, last);
      rc = db_run(ins);
      if( rc==OK ){ db_bind_int64(up, 1, last); rc = db_run(up); }
    }
  }
  if( rc!=OK ){ db_rollback(db); *added = 0; return ERR_DB; }
  return db_commit(db)==OK ? OK : ERR_DB;
}

/* Rows indexed per write transaction of the catching-up thread: a few ms each, so writers
** waiting are not held up. */
#define SEARCH_CATCH_UP_BATCH 2000

static Worker search_worker;

/* One pass of the searches' thread: for each text, the rows written since the last pass into its
** index, in batches until it is up to date (a database loaded from elsewhere: many batches). */
static void search_text_tick(void){
  Db *db = db_thread();
  for(int text=0; text<SEARCH_TEXTS; text++){
    int added = SEARCH_CATCH_UP_BATCH;
    while( added==SEARCH_CATCH_UP_BATCH && !worker_stopping(&search_worker) ){
      if( search_text_catch_up(db, text, SEARCH_CATCH_UP_BATCH, &added)!=OK ){
        log_warn("%s: new rows could not be added to its index: %s", search_texts[text].what, db_errmsg(db));
        break;
      }
    }
  }
  db_unreset(db);
}

static Worker search_worker = WORKER_INIT("search", search_text_tick);

/* Start the thread that adds new rows to the searches' indexes (SQLite), every SEARCH_CATCH_UP_S
** seconds; a search reads the rows not yet in its index by the scan. */
int search_text_start(void){
  return worker_start(&search_worker, SEARCH_CATCH_UP_S);
}

/* Stop it and wait for it. */
void search_text_stop(void){
  worker_stop(&search_worker);
}

/* Remove a document from the index. */
int search_remove(Db *db, const char *kind, int64_t ref){
  if( search_ready(db)!=OK ) return ERR_DB;
  Stmt *q = search_pg(db) ? db_prepare(db, "DELETE FROM search_doc WHERE kind=?1 AND ref=?2")
                          : db_prepare(db, "DELETE FROM search_fts WHERE kind=?1 AND ref=?2");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, kind);
  db_bind_int64(q, 2, ref);
  return db_run(q);
}

/* Index (or index again) one document. */
int search_put(Db *db, const char *kind, int64_t office_id, int64_t ref,
               const char *title, const char *tags, const char *body){
  int rc = search_remove(db, kind, ref);
  if( rc!=OK ) return rc;
  Stmt *q = search_pg(db) ? db_prepare(db, "INSERT INTO search_doc(kind, office, ref, title, tags, body)"
                                          " VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
                          : db_prepare(db, "INSERT INTO search_fts(kind, office, ref, title, tags, body)"
                                          " VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, kind);
  db_bind_int64(q, 2, office_id);
  db_bind_int64(q, 3, ref);
  db_bind_text(q, 4, title ? title : "");
  db_bind_text(q, 5, tags ? tags : "");
  db_bind_text(q, 6, body ? body : "");
  return db_run(q);
}

/* The FTS5 query of stemmed words: each one quoted (a word may not be an operator), OR'ed. */
static void search_query_text(const char *terms, Buf *out){
  const char *p = terms;
  while( *p ){
    while( *p==' ' ) p++;
    if( *p==0 ) break;
    const char *s = p;
    while( *p && *p!=' ' ) p++;
    if( out->n ) buf_puts(out, " OR ");
    buf_putc(out, '"');
    for(const char *c=s; c<p; c++) if( *c!='"' ) buf_putc(out, *c);
    buf_putc(out, '"');
  }
}

/* The tsquery text of the words for PostgreSQL: each word's letters and digits (and any
** UTF-8 byte), lower-case, OR'ed with |; nothing else reaches to_tsquery. */
static void search_tsquery_text(const char *terms, Buf *out){
  const char *p = terms;
  while( *p ){
    while( *p==' ' ) p++;
    if( *p==0 ) break;
    size_t start = out->n;
    if( out->n ) buf_puts(out, " | ");
    size_t word = out->n;
    for(; *p && *p!=' '; p++){
      unsigned char c = (unsigned char)*p;
      if( (c>='a' && c<='z') || (c>='0' && c<='9') || c>=0x80 ) buf_putc(out, (char)c);
      else if( c>='A' && c<='Z' ) buf_putc(out, (char)(c - 'A' + 'a'));
    }
    if( out->n==word ) out->n = start;   /* nothing left of the word */
  }
  if( out->z ) out->z[out->n] = 0;
}

/* The ranking's constants, FTS5's bm25's: how soon a word's repeats stop counting, how much a long
** document is held back; the weight of a word in the title, the tags and the body. */
#define SEARCH_K1 1.2
#define SEARCH_B 0.75
static const double search_weight[3] = { 10.0, 4.0, 1.0 };
/* The most words of a search ranked (more are left out). */
#define SEARCH_WORDS 32

/* One candidate of search_find: its reference, characters and weighted count of each word. */
typedef struct SearchCand { int64_t ref; double len; double tf[SEARCH_WORDS]; } SearchCand;

/* Better first: the higher score, then the lower reference. */
static int search_hit_cmp(const void *x, const void *y){
  const SearchHit *a = x, *b = y;
  if( a->score!=b->score ) return a->score > b->score ? -1 : 1;
  return a->ref < b->ref ? -1 : a->ref > b->ref;
}

/* How often word (n bytes) is one of the space-separated words of text. */
static int search_count(const char *text, const char *word, size_t n){
  int k = 0;
  for(const char *p = text; *p; ){
    while( *p==' ' ) p++;
    const char *e = p;
    while( *e && *e!=' ' ) e++;
    if( (size_t)(e-p)==n && n>0 && memcmp(p, word, n)==0 ) k++;
    p = e;
  }
  return k;
}

/* Documents of a kind and office matching any of the words, best first. The index (FTS5, the
** tsvector) gives candidates only, each engine's own way of splitting and folding words; C decides
** which hold a word as written and ranks them (bm25 with the title weighing 10, the tags 4 and the
** body 1; the documents of the kind and office the collection; lengths in characters), so both
** engines give the same documents in the same order. */
int search_find(Db *db, const char *kind, int64_t office_id, const char *terms, int max,
                SearchHit *hits, int *n){
  *n = 0;
  Buf m = BUF_INIT;
  int pg = search_pg(db);
  if( pg ) search_tsquery_text(terms ? terms : "", &m);
  else search_query_text(terms ? terms : "", &m);
  if( m.n==0 || max<=0 ){ buf_free(&m); return OK; }
  /* the distinct words, as written */
  const char *word[SEARCH_WORDS];
  size_t wlen[SEARCH_WORDS];
  int nw = 0;
  for(const char *p = terms; *p && nw<SEARCH_WORDS; ){
    while( *p==' ' ) p++;
    const char *e = p;
    while( *e && *e!=' ' ) e++;
    int seen = e==p;
    for(int i=0; i<nw && !seen; i++) seen = wlen[i]==(size_t)(e-p) && memcmp(word[i], p, wlen[i])==0;
    if( !seen ){ word[nw] = p; wlen[nw] = (size_t)(e-p); nw++; }
    p = e;
  }
  int rc = search_ready(db);
  /* the collection: how many documents, how long on average */
  Stmt *c = rc!=OK ? 0
          : pg ? db_prepare(db, "SELECT count(*), coalesce(sum(length(title)+length(tags)+length(body)), 0)"
                                " FROM search_doc WHERE kind=?1 AND office=?2")
          : db_prepare(db, "SELECT count(*), coalesce(sum(length(title)+length(tags)+length(body)), 0)"
                           " FROM search_fts WHERE kind=?1 AND office=?2");
  if( c==0 ){ buf_free(&m); return ERR_DB; }
  db_bind_text(c, 1, kind);
  db_bind_int64(c, 2, office_id);
  double ndocs = 0, avglen = 1;
  rc = db_step(c);
  if( rc==DB_ROW ){
    ndocs = (double)db_col_int64(c, 0);
    if( ndocs>0 && db_col_int64(c, 1)>0 ) avglen = (double)db_col_int64(c, 1) / ndocs;
  }
  db_reset(c);
  if( rc!=DB_ROW ){ buf_free(&m); return ERR_DB; }
  Stmt *q = pg ? db_prepare(db, "SELECT ref, title, tags, body FROM search_doc, to_tsquery('simple', ?1) q"
                                " WHERE tsv @@ q AND kind=?2 AND office=?3")
               : db_prepare(db, "SELECT ref, title, tags, body FROM search_fts"
                                " WHERE search_fts MATCH ?1 AND kind=?2 AND office=?3");
  if( q==0 ){ buf_free(&m); return ERR_DB; }
  db_bind_text(q, 1, buf_str(&m));
  db_bind_text(q, 2, kind);
  db_bind_int64(q, 3, office_id);
  SearchCand *v = 0;
  int nv = 0, cap = 0;
  double docs_with[SEARCH_WORDS] = {0};
  while( (rc = db_step(q))==DB_ROW ){
    SearchCand x = { .ref = db_col_int64(q, 0) };
    int any = 0;
    for(int col=0; col<3; col++){
      const char *text = db_col_text(q, 1+col);
      x.len += (double)util_utf8_len(text);
      for(int i=0; i<nw; i++) x.tf[i] += search_weight[col] * search_count(text, word[i], wlen[i]);
    }
    for(int i=0; i<nw; i++) if( x.tf[i]>0 ){ docs_with[i]++; any = 1; }
    if( !any ) continue;   /* the index's own folding found it: not a word as written */
    if( nv==cap ){ cap = cap ? 2*cap : 64; v = xrealloc(v, sizeof *v * (size_t)cap); }
    v[nv++] = x;
  }
  db_reset(q);
  buf_free(&m);
  if( rc!=DB_DONE ){ free(v); return ERR_DB; }
  SearchHit *all = xmalloc(sizeof *all * (size_t)(nv ? nv : 1));
  for(int d=0; d<nv; d++){
    double score = 0;
    for(int i=0; i<nw; i++){
      if( v[d].tf[i]==0 ) continue;
      double idf = log((ndocs - docs_with[i] + 0.5) / (docs_with[i] + 0.5));
      if( idf<=0 ) idf = 1e-6;   /* a word most documents have, as FTS5 */
      score += idf * v[d].tf[i] * (SEARCH_K1 + 1)
               / (v[d].tf[i] + SEARCH_K1 * (1 - SEARCH_B + SEARCH_B * v[d].len / avglen));
    }
    all[d] = (SearchHit){ v[d].ref, score };
  }
  free(v);
  qsort(all, (size_t)nv, sizeof *all, search_hit_cmp);
  for(int d=0; d<nv && d<max; d++) hits[(*n)++] = all[d];
  free(all);
  return OK;
}
