/*
** like.c — LIKE patterns from user text, with % _ and \ taken literally (the
** SQL then says ESCAPE '\'). Standard SQL: the same on every engine.
*/
#include "db.h"
#include <string.h>

/* The pattern for z: DB_LIKE_EXACT, DB_LIKE_PREFIX ("z%") or DB_LIKE_WITHIN ("%z%"),
** lowercased when lower is set (compare against lower(column)). */
char *db_like(Arena *a, const char *z, int how, int lower){
  size_t n = strlen(z);
  char *p = arena_alloc(a, 2*n + 3), *w = p;
  if( how==DB_LIKE_WITHIN ) *w++ = '%';
  for(size_t i=0; i<n; i++){
    char c = z[i];
    if( c=='%' || c=='_' || c=='\\' ) *w++ = '\\';
    *w++ = (lower && c>='A' && c<='Z') ? (char)(c - 'A' + 'a') : c;
  }
  if( how!=DB_LIKE_EXACT ) *w++ = '%';
  *w = 0;
  return p;
}

/* q trimmed, each run of spaces, tabs and line breaks one space: what a list's search looks for. */
const char *db_search_text(Arena *a, const char *q){
  if( q==0 ) return 0;
  char *p = arena_alloc(a, strlen(q) + 1), *w = p;
  for(const char *c=q; *c; c++){
    if( *c==' ' || *c=='\t' || *c=='\n' || *c=='\r' ){
      if( w>p && w[-1]!=' ' ) *w++ = ' ';
    }else{
      *w++ = *c;
    }
  }
  if( w>p && w[-1]==' ' ) w--;
  *w = 0;
  return p;
}

/* q folded as DB_SQL_FOLD folds the rows (db.h): ASCII capitals lowered, white space, dots, commas
** and hyphens left out; q itself when nothing would be left. */
const char *db_fold(Arena *a, const char *q){
  if( q==0 ) return 0;
  char *p = arena_alloc(a, strlen(q) + 1), *w = p;
  for(const char *c=q; *c; c++){
    if( *c==' ' || *c=='\t' || *c=='\n' || *c=='\r' || *c=='.' || *c==',' || *c=='-' ) continue;
    *w++ = (*c>='A' && *c<='Z') ? (char)(*c - 'A' + 'a') : *c;
  }
  *w = 0;
  return w>p ? p : q;
}
