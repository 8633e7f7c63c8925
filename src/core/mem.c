/*
** mem.c — allocation that never returns NULL, and the per-request arena.
*/
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Abort with a message: a server out of memory cannot answer sensibly anyway. */
static void mem_die(size_t n){
  fprintf(stderr, "loket: out of memory (%zu bytes)\n", n);
  abort();
}

/* malloc() that aborts on exhaustion. */
void *xmalloc(size_t n){
  void *p = malloc(n ? n : 1);
  if( p==0 ) mem_die(n);
  return p;
}

/* calloc() that aborts on exhaustion. */
void *xcalloc(size_t n, size_t sz){
  void *p = calloc(n ? n : 1, sz ? sz : 1);
  if( p==0 ) mem_die(n*sz);
  return p;
}

/* realloc() that aborts on exhaustion. */
void *xrealloc(void *p, size_t n){
  void *q = realloc(p, n ? n : 1);
  if( q==0 ) mem_die(n);
  return q;
}

/* strdup() that aborts on exhaustion; NULL stays NULL. */
char *xstrdup(const char *z){
  if( z==0 ) return 0;
  size_t n = strlen(z);
  char *p = xmalloc(n+1);
  memcpy(p, z, n+1);
  return p;
}

struct ArenaBlock {
  ArenaBlock *next;
  size_t used, cap;
  _Alignas(16) unsigned char data[];
};

/* Start an empty arena. */
void arena_init(Arena *a){
  a->head = 0;
  a->total = 0;
  a->first = 0;
}

/* Start an arena whose first block is the caller's memory of n bytes (not freed by
** arena_free): a request carries one, so most requests never call malloc for it. */
void arena_init_with(Arena *a, void *mem, size_t n){
  arena_init(a);
  if( n < sizeof(ArenaBlock) + 64 ) return;
  ArenaBlock *b = mem;
  b->next = 0;
  b->used = 0;
  b->cap = n - sizeof(ArenaBlock);
  a->head = b;
  a->first = b;
}

/* Memory that lives until arena_free(); 16-byte aligned. */
void *arena_alloc(Arena *a, size_t n){
  n = (n + 15) & ~(size_t)15;
  ArenaBlock *b = a->head;
  if( b==0 || b->cap - b->used < n ){
    size_t cap = n > 8192 ? n : 8192;
    b = xmalloc(sizeof(ArenaBlock) + cap);
    b->used = 0;
    b->cap = cap;
    b->next = a->head;
    a->head = b;
    a->total += cap;
  }
  void *p = b->data + b->used;
  b->used += n;
  return p;
}

/* Copy of the first n bytes of z, NUL-terminated, in the arena. */
char *arena_strndup(Arena *a, const char *z, size_t n){
  char *p = arena_alloc(a, n+1);
  memcpy(p, z, n);
  p[n] = 0;
  return p;
}

/* Copy of z in the arena; NULL stays NULL. */
char *arena_strdup(Arena *a, const char *z){
  return z ? arena_strndup(a, z, strlen(z)) : 0;
}

/* Formatted text (same conversions as buf_printf) in the arena. */
char *arena_printf(Arena *a, const char *fmt, ...){
  Buf b = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  fmt_vappend(&b, fmt, ap);
  va_end(ap);
  char *p = arena_strndup(a, b.z ? b.z : "", b.n);
  buf_free(&b);
  return p;
}

/* Make room for one more element in an arena array of n elements (elem bytes each),
** doubling it when full; *cap tracks its capacity. Returns the (possibly new) array. */
void *arena_grow(Arena *a, void *arr, size_t elem, int n, int *cap){
  if( n < *cap ) return arr;
  int ncap = *cap ? *cap*2 : 16;
  void *nv = arena_alloc(a, elem*(size_t)ncap);
  if( n ) memcpy(nv, arr, elem*(size_t)n);
  *cap = ncap;
  return nv;
}

/* Release every block of the arena. */
void arena_free(Arena *a){
  ArenaBlock *b = a->head;
  while( b ){
    ArenaBlock *n = b->next;
    if( b!=a->first ) free(b);
    b = n;
  }
  a->head = 0;
  a->total = 0;
  a->first = 0;
}
