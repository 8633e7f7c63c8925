/*
** diff.c — the line-by-line difference of two texts (a longest common subsequence
** of their lines): what a procedure's revision changed from the one before it
** (/prosedur/…/revisi/N/beda).
*/
#include "core.h"
#include <stdlib.h>
#include <string.h>

/* The lines of z (n bytes) in a: each's start and length without its '\n'; a last line without a
** '\n' counts, an empty text has none. The count. */
static int diff_split(Arena *a, const char *z, size_t n, const char ***start, int **len){
  int cnt = 0;
  for(size_t i=0; i<n; i++) if( z[i]=='\n' ) cnt++;
  if( n && z[n-1]!='\n' ) cnt++;
  *start = arena_alloc(a, sizeof **start*(size_t)(cnt+1));
  *len = arena_alloc(a, sizeof **len*(size_t)(cnt+1));
  int k = 0;
  for(size_t i=0, b=0; i<=n && k<cnt; i++){
    if( i==n || z[i]=='\n' ){
      (*start)[k] = z+b;
      (*len)[k++] = (int)(i-b);
      b = i+1;
    }
  }
  return cnt;
}

/* Whether line i of x is line j of y. */
#define SAME(i, j) (xl[i]==yl[j] && memcmp(xs[i], ys[j], (size_t)xl[i])==0)

/* The difference from x (nx bytes) to y (ny bytes), line by line, in *out (in a): each line of either
** once, in order, as kept (' '), taken out ('-': x's) or put in ('+': y's), with its number in x and
** in y (0: not there). The common lines at the start and end are matched first; the rest by a longest
** common subsequence, which takes (rows+1)×(columns+1) cells: more than DIFF_MAX_CELLS of them is
** refused (-1). The number of lines in *out. */
int diff_lines(Arena *a, const char *x, size_t nx, const char *y, size_t ny, DiffLine **out){
  const char **xs, **ys;
  int *xl, *yl;
  int n = diff_split(a, x, nx, &xs, &xl), m = diff_split(a, y, ny, &ys, &yl);
  int pre = 0, suf = 0;
  while( pre<n && pre<m && SAME(pre, pre) ) pre++;
  while( suf<n-pre && suf<m-pre && SAME(n-1-suf, m-1-suf) ) suf++;
  int rn = n-pre-suf, rm = m-pre-suf;   /* the middle, compared cell by cell */
  if( (double)(rn+1)*(double)(rm+1) > DIFF_MAX_CELLS ){ *out = 0; return -1; }
  /* L[i][j]: the longest common subsequence of the middle's lines i.. of x and j.. of y */
  int *L = xcalloc((size_t)(rn+1)*(size_t)(rm+1), sizeof *L);
#define AT(i, j) L[(size_t)(i)*(size_t)(rm+1) + (size_t)(j)]
  for(int i=rn-1; i>=0; i--){
    for(int j=rm-1; j>=0; j--){
      AT(i, j) = SAME(pre+i, pre+j) ? AT(i+1, j+1)+1 : AT(i+1, j)>=AT(i, j+1) ? AT(i+1, j) : AT(i, j+1);
    }
  }
  DiffLine *v = arena_alloc(a, sizeof *v*(size_t)(n+m+1));
  int k = 0, i = 0, j = 0;
  for(int p=0; p<pre; p++) v[k++] = (DiffLine){ ' ', xs[p], xl[p], p+1, p+1 };
  while( i<rn || j<rm ){
    if( i<rn && j<rm && SAME(pre+i, pre+j) ){
      v[k++] = (DiffLine){ ' ', xs[pre+i], xl[pre+i], pre+i+1, pre+j+1 };
      i++; j++;
    }else if( j<rm && (i==rn || AT(i, j+1)>AT(i+1, j)) ){   /* taken out before put in, at a tie */
      v[k++] = (DiffLine){ '+', ys[pre+j], yl[pre+j], 0, pre+j+1 };
      j++;
    }else{
      v[k++] = (DiffLine){ '-', xs[pre+i], xl[pre+i], pre+i+1, 0 };
      i++;
    }
  }
#undef AT
  free(L);
  for(int p=0; p<suf; p++) v[k++] = (DiffLine){ ' ', xs[n-suf+p], xl[n-suf+p], n-suf+p+1, m-suf+p+1 };
  *out = v;
  return k;
}
