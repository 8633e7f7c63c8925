/*
** search.h — full-text search behind an engine-neutral interface. Callers hand
** in text already reduced to roots (core/stem.h) and get back references ranked
** best first; how the index is kept (SQLite FTS5 today, a tsvector column on
** PostgreSQL later) is known only to search.c.
*/
#ifndef LOKET_SEARCH_H
#define LOKET_SEARCH_H
#include "db.h"

/* One match: the reference given to search_put() and its score (higher is better). */
typedef struct SearchHit { int64_t ref; double score; } SearchHit;

/* Index (or index again) one document of a kind ("kb") in an office: title, tags and
** body are stemmed words separated by spaces; the title weighs most, then the tags.
** Call inside the write transaction of the change. */
int search_put(Db *db, const char *kind, int64_t office_id, int64_t ref,
               const char *title, const char *tags, const char *body);
/* Forget what is known of the index table (db_global_close: another database may follow). */
void search_forget(void);
/* Remove a document from the index. */
int search_remove(Db *db, const char *kind, int64_t ref);
/* Documents of a kind and office matching any of the stemmed words of terms, best first,
** at most max into hits; *n the number found. No words: no hits. */
int search_find(Db *db, const char *kind, int64_t office_id, const char *terms, int max,
                SearchHit *hits, int *n);

/* The "within" text searches kept by an index of trigrams (migrations 0040, 0050), one row of
** search.c's table each: the case list's q (src/sop/case.h) and the directory's (src/desk/directory.h). */
enum { SEARCH_CASES, SEARCH_PARTIES, SEARCH_TEXTS };
/* How a search of text q is done: SEARCH_SCAN, every row read (q of 1 or 2 characters, which nearly
** every row has; PostgreSQL without pg_trgm, said in the log once); SEARCH_FTS, SQLite's trigram
** table (case_fts, party_fts), *match the FTS5 phrase of q (in a); SEARCH_TRGM, PostgreSQL's table
** of the text (case_text, party_text) by its pg_trgm index.
** *upto: the highest id the index holds every row up to (SQLite: newer ones are added by
** search_text_catch_up, the search reads them by the scan; INT64_MAX on PostgreSQL). */
enum { SEARCH_SCAN, SEARCH_FTS, SEARCH_TRGM };
int search_text_how(Db *db, int text, const char *q, Arena *a, const char **match, int64_t *upto);
/* Add the rows written since the last call to SQLite's index of text, at most max in one write
** transaction; *added how many (fewer than max: up to date). Nothing on PostgreSQL. */
int search_text_catch_up(Db *db, int text, int max, int *added);
/* The thread of `loket serve` that calls it for every text every SEARCH_CATCH_UP_S seconds, and its stop. */
#define SEARCH_CATCH_UP_S 2
int  search_text_start(void);
void search_text_stop(void);

#endif
