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

/* How the case list's text search q (src/sop/case.h) is done: SEARCH_CASE_SCAN, every case read
** (q of 1 or 2 characters, which nearly every case has; PostgreSQL without pg_trgm, said in the
** log once); SEARCH_CASE_FTS, SQLite's trigram table case_fts, *match the FTS5 phrase of q (in a);
** SEARCH_CASE_TRGM, PostgreSQL's case_text by its pg_trgm index.
** *upto: the highest case id the index holds every case up to (SQLite: newer ones are added by
** search_case_catch_up, the list reads them by the scan; INT64_MAX on PostgreSQL). */
enum { SEARCH_CASE_SCAN, SEARCH_CASE_FTS, SEARCH_CASE_TRGM };
int search_case_how(Db *db, const char *q, Arena *a, const char **match, int64_t *upto);
/* Add the cases opened since the last call to SQLite's case search index, at most max in one
** write transaction; *added how many (fewer than max: up to date). Nothing on PostgreSQL. */
int search_case_catch_up(Db *db, int max, int *added);
/* The thread of `loket serve` that calls it every SEARCH_CATCH_UP_S seconds, and its stop. */
#define SEARCH_CATCH_UP_S 2
int  search_case_start(void);
void search_case_stop(void);

#endif
