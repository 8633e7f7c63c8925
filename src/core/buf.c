/*
** buf.c — a growable byte buffer, the target of every printer.
*/
#include "core.h"
#include <stdlib.h>
#include <string.h>

/* Make room for n more bytes plus a NUL. */
void buf_grow(Buf *b, size_t n){
  if( b->n + n + 1 <= b->cap ) return;
  size_t cap = b->cap ? b->cap*2 : 256;
  while( cap < b->n + n + 1 ) cap *= 2;
  b->z = xrealloc(b->z, cap);
  b->cap = cap;
}

/* Make room for n more bytes now (one allocation for a document of known size). */
void buf_reserve(Buf *b, size_t n){
  buf_grow(b, n);
}

/* Append formatted text (see fmt.c for the escaping conversions). */
void buf_printf(Buf *b, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  fmt_vappend(b, fmt, ap);
  va_end(ap);
}

/* Append formatted text from a va_list. */
void buf_vprintf(Buf *b, const char *fmt, va_list ap){
  fmt_vappend(b, fmt, ap);
}

/* The contents as a C string; never NULL. */
const char *buf_str(Buf *b){
  return b->z ? b->z : "";
}

/* Empty the buffer, keeping its memory. */
void buf_reset(Buf *b){
  b->n = 0;
  if( b->z ) b->z[0] = 0;
}

/* Release the buffer's memory. */
void buf_free(Buf *b){
  free(b->z);
  b->z = 0;
  b->n = b->cap = 0;
}
