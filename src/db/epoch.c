/*
** epoch.c — what a process may keep between requests of the rows that seldom change:
** an office, its calendar, its priority table and numbering, and the sessions signed in.
**
** The table cache_epoch holds one number. Triggers (migration 0016) give it a new random
** value in the same transaction as every change to those rows, whoever writes them: this
** server, another server on the same database, or the CLI. A value kept here is tagged with
** the epoch it was read at; equal epochs mean the rows are the same, so the value is good.
** A random value rather than a count: an epoch read inside a transaction that is then rolled
** back is never seen again, so nothing read there can be mistaken for committed rows.
**
** The memo is process-wide (one mutex, a few dozen entries) and gives out copies.
*/
#include "engine.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_SLOTS 64

typedef struct Memo {
  char kind[32];           /* what is kept ("office", "calendar" …); "" for a free slot */
  int64_t key;             /* which one (an office id, a session's slot …) */
  int64_t epoch;
  void *v;
  size_t n;
} Memo;

static pthread_mutex_t memo_mu = PTHREAD_MUTEX_INITIALIZER;
static Memo memo[MEMO_SLOTS];
static unsigned memo_next;   /* the slot the next new entry replaces when none is free */

/* The cache epoch as this connection sees it (its transaction's rows); OK or ERR_DB. */
int db_epoch(Db *db, int64_t *epoch){
  *epoch = 0;
  int sqlite = db && DB_ENGINE_OF(db)==DB_ENGINE_SQLITE;
  if( sqlite && sq_epoch_known((SqDb*)db, epoch) ) return OK;   /* nothing changed since the last read */
  Stmt *q = db_prepare(db, "SELECT n FROM cache_epoch WHERE id=1");
  if( q==0 ) return ERR_DB;
  int rc = db_step(q);
  if( rc==DB_ROW ) *epoch = db_col_int64(q, 0);
  db_reset(q);
  if( rc==DB_ROW && sqlite ) sq_epoch_saw((SqDb*)db, *epoch);
  return rc==DB_ROW ? OK : ERR_DB;
}

/* The slot of (kind, key), or -1. Holds memo_mu. */
static int memo_slot(const char *kind, int64_t key){
  for(int i=0; i<MEMO_SLOTS; i++){
    if( memo[i].kind[0] && memo[i].key==key && strcmp(memo[i].kind, kind)==0 ) return i;
  }
  return -1;
}

/* A copy of the value kept as (kind, key) at this epoch, its size in *n; NULL when there is
** none or it was read at another epoch. The caller frees the copy. */
void *memo_get(const char *kind, int64_t key, int64_t epoch, size_t *n){
  void *v = 0;
  pthread_mutex_lock(&memo_mu);
  int i = memo_slot(kind, key);
  if( i>=0 && memo[i].epoch==epoch ){
    v = xmalloc(memo[i].n ? memo[i].n : 1);
    memcpy(v, memo[i].v, memo[i].n);
    if( n ) *n = memo[i].n;
  }
  pthread_mutex_unlock(&memo_mu);
  return v;
}

/* Keep a copy of v (n bytes) as (kind, key), read at this epoch; it replaces what was kept.
** A kind longer than 31 bytes is cut: callers name kinds with short words. */
void memo_put(const char *kind, int64_t key, int64_t epoch, const void *v, size_t n){
  void *copy = xmalloc(n ? n : 1);
  memcpy(copy, v, n);
  pthread_mutex_lock(&memo_mu);
  int i = memo_slot(kind, key);
  if( i<0 ){
    for(i=0; i<MEMO_SLOTS && memo[i].kind[0]; i++){}
    if( i==MEMO_SLOTS ) i = (int)(memo_next++ % MEMO_SLOTS);
  }
  void *old = memo[i].v;
  snprintf(memo[i].kind, sizeof memo[i].kind, "%s", kind);
  memo[i].key = key;
  memo[i].epoch = epoch;
  memo[i].v = copy;
  memo[i].n = n;
  pthread_mutex_unlock(&memo_mu);
  free(old);
}

/* A copy of the value kept as (kind, key) at the connection's epoch (its size in *n), else
** NULL; *ep is set for memo_keep() either way (not ok when the epoch cannot be read). */
void *memo_fetch(Db *db, const char *kind, int64_t key, size_t *n, Epoch *ep){
  ep->ok = db_epoch(db, &ep->n)==OK;
  return ep->ok ? memo_get(kind, key, ep->n, n) : 0;
}

/* A fixed-size value kept as (kind, key) at the connection's epoch into out: 1 when found;
** else 0 with *ep set for memo_keep(). */
int memo_find(Db *db, const char *kind, int64_t key, void *out, size_t n, Epoch *ep){
  size_t got = 0;
  void *v = memo_fetch(db, kind, key, &got, ep);
  int hit = v && got==n;
  if( hit ) memcpy(out, v, n);
  free(v);
  return hit;
}

/* Keep what was read after memo_find() missed, at the epoch it gave. */
void memo_keep(const Epoch *ep, const char *kind, int64_t key, const void *v, size_t n){
  if( ep->ok ) memo_put(kind, key, ep->n, v, n);
}

/* Forget everything kept (tests; a process that changes databases). */
void memo_clear(void){
  pthread_mutex_lock(&memo_mu);
  for(int i=0; i<MEMO_SLOTS; i++){
    free(memo[i].v);
    memo[i] = (Memo){ 0 };
  }
  pthread_mutex_unlock(&memo_mu);
}
