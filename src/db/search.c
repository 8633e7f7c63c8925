/*
** search.c — the full-text index on SQLite FTS5: one virtual table for every
** kind of document, the office and the reference stored beside the text, bm25
** with the title weighted above the tags and the tags above the body. All the
** engine-specific SQL of searching lives here. On PostgreSQL the index is the table
** search_doc (migration 0700-search-pg) with a generated tsvector column: the title
** weighted A, the tags B, the body C ('simple' configuration: the words are stemmed in C
** already), ranked with ts_rank at 10 : 4 : 1 like the bm25 weights here.
*/
#include "search.h"
#include "engine.h"   /* sq_in_txn */
#include "../core/worker.h"
#include <string.h>

/* bm25 weights by column: kind, office, ref (not indexed), title, tags, body. */
#define SEARCH_RANK "bm25(search_fts, 0.0, 0.0, 0.0, 10.0, 4.0, 1.0)"
/* ts_rank's weights are {D, C, B, A}: body C 0.1, tags B 0.4, title A 1.0 — the same 1 : 4 : 10. */
#define SEARCH_RANK_PG "ts_rank('{0.0, 0.1, 0.4, 1.0}', tsv, q)"

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

/* Documents of a kind and office matching any of the words, best first. */
int search_find(Db *db, const char *kind, int64_t office_id, const char *terms, int max,
                SearchHit *hits, int *n){
  *n = 0;
  Buf m = BUF_INIT;
  int pg = search_pg(db);
  if( pg ) search_tsquery_text(terms ? terms : "", &m);
  else search_query_text(terms ? terms : "", &m);
  if( m.n==0 || max<=0 ){ buf_free(&m); return OK; }
  int rc = search_ready(db);
  Stmt *q = rc!=OK ? 0
          : pg ? db_prepare(db, "SELECT ref, CAST(1e9*" SEARCH_RANK_PG " AS BIGINT) FROM search_doc,"
                                " to_tsquery('simple', ?1) q WHERE tsv @@ q AND kind=?2 AND office=?3"
                                " ORDER BY " SEARCH_RANK_PG " DESC, ref LIMIT ?4")
          : db_prepare(db, "SELECT ref, CAST(-1e9*" SEARCH_RANK " AS INTEGER) FROM search_fts"
                           " WHERE search_fts MATCH ?1 AND kind=?2 AND office=?3"
                           " ORDER BY " SEARCH_RANK " LIMIT ?4");
  if( q==0 ){ buf_free(&m); return ERR_DB; }
  db_bind_text(q, 1, buf_str(&m));
  db_bind_text(q, 2, kind);
  db_bind_int64(q, 3, office_id);
  db_bind_int(q, 4, max);
  while( (rc = db_step(q))==DB_ROW ){
    hits[*n].ref = db_col_int64(q, 0);
    /* bm25 is negative: better is lower; in billionths, as a few documents give bm25 a tiny idf */
    hits[*n].score = (double)db_col_int64(q, 1) / 1e9;
    (*n)++;
  }
  db_reset(q);
  buf_free(&m);
  return rc==DB_DONE ? OK : ERR_DB;
}
