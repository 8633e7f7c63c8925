/*
** csv.c — reading CSV as spreadsheets save it (RFC 4180: quotes, doubled quotes, line
** breaks inside quotes, CRLF, a byte-order mark; ',', ';' or a tab): the one reader of the
** imports (the directory, the national blacklist, the holidays). Writing CSV is
** report/csv.c.
*/
#include "core.h"
#include <string.h>

/* 1 when the line at z (n bytes to its end) holds no data: empty, blanks, or a '#' comment
** when comments is set. */
static int csv_line_void(const char *z, size_t n, int comments){
  size_t k = 0;
  while( k<n && (z[k]==' ' || z[k]=='\t' || z[k]=='\r') ) k++;
  return k==n || (comments && z[k]=='#');
}

/* The separator of a CSV text: ';' when its first record of data (of two cells or more) has semicolons and no commas
** outside quotes (a spreadsheet set to Indonesian saves so), a tab when it has tabs and neither
** (a sheet saved as tab-separated text, or its cells copied into a text file), else ','. A record
** ends at a line break outside quotes: a quoted cell's own lines are part of it. */
static char csv_separator(const char *z, size_t n, int comments){
  size_t i = 0;
  while( i<n ){
    size_t e = i;
    while( e<n && z[e]!='\n' ) e++;
    if( csv_line_void(z+i, e-i, comments) ){ i = e+1; continue; }
    int commas = 0, semis = 0, tabs = 0, quoted = 0;
    for(e=i; e<n && (quoted || z[e]!='\n'); e++){
      if( z[e]=='"' ) quoted = !quoted;
      else if( !quoted && z[e]==',' ) commas++;
      else if( !quoted && z[e]==';' ) semis++;
      else if( !quoted && z[e]=='\t' ) tabs++;
    }
    if( commas==0 && semis==0 && tabs==0 ){ i = e+1; continue; }   /* one cell (a sheet's title): the next record tells */
    if( tabs>0 && commas==0 && semis==0 ) return '\t';
    return semis>0 && commas==0 ? ';' : ',';
  }
  return ',';
}

/* 1 when the field read so far is only blanks (what may stand before an opening quote). */
static int csv_blanks(const Buf *f){
  for(size_t k=0; k<f->n; k++) if( f->z[k]!=' ' && f->z[k]!='\t' ) return 0;
  return 1;
}

/* Parse CSV text into rows of fields (see core.h). */
int csv_parse(const char *text, size_t n, int flags, CsvRow **rows_out, int *nrows_out, Arena *a,
              const char **error, int *errline){
  *rows_out = 0;
  *nrows_out = 0;
  *error = 0;
  *errline = 0;
  int trim = (flags & CSV_TRIM)!=0, comments = (flags & CSV_COMMENTS)!=0;
  size_t i = 0;
  if( n>=3 && memcmp(text, "\xEF\xBB\xBF", 3)==0 ) i = 3;
  char sep = csv_separator(text+i, n-i, comments);
  if( flags & CSV_OTHER_SEP ) sep = sep==';' ? ',' : ';';
  CsvRow *rows = 0;
  int nrows = 0, rcap = 0;
  Buf f = BUF_INIT;
  char **cur = 0;
  int ncur = 0, fcap = 0;
  int line = 1, row_line = 1, quote_line = 0;
  int quoted = 0, was_quoted = 0, any = 0, row_start = 1;
  for(;;){
    int end = i>=n;
    char c = end ? '\n' : text[i];
    if( !end && c==0 ){ *error = N_("the file is not text"); *errline = line; goto fail; }
    if( quoted ){
      if( end ){ *error = N_("a quoted field is not closed"); *errline = quote_line; goto fail; }
      if( c=='"' ){
        if( i+1<n && text[i+1]=='"' ){ buf_putc(&f, '"'); i += 2; continue; }
        quoted = 0; i++; continue;
      }
      if( c=='\n' ) line++;
      buf_putc(&f, c); i++; continue;
    }
    if( row_start && comments ){
      /* a comment line reads as a blank one: up to its end of line */
      size_t e = i;
      while( e<n && text[e]!='\n' ) e++;
      if( csv_line_void(text+i, e-i, 1) && !csv_line_void(text+i, e-i, 0) ){ i = e; continue; }
    }
    row_start = 0;
    if( c=='"' && !was_quoted && (f.n==0 || (trim && csv_blanks(&f))) ){
      buf_reset(&f);
      quoted = was_quoted = any = 1;
      quote_line = line;
      i++;
      continue;
    }
    if( c==sep || c=='\n' ){
      char *v = arena_strdup(a, buf_str(&f));
      cur = arena_grow(a, cur, sizeof *cur, ncur, &fcap);
      cur[ncur++] = trim ? util_trim(v) : v;
      buf_reset(&f);
      was_quoted = 0;
      if( c=='\n' ){
        /* a blank line is kept as a row without fields, so every row still says its line */
        int blank = ncur==1 && cur[0][0]==0;
        if( !blank || !end || any ){
          rows = arena_grow(a, rows, sizeof *rows, nrows, &rcap);
          rows[nrows++] = (CsvRow){ blank ? 0 : cur, blank ? 0 : ncur, row_line };
        }
        cur = 0; ncur = 0; fcap = 0; any = 0;
        line++;
        row_line = line;
        row_start = 1;
        if( end ) break;
      }
      i++;
      continue;
    }
    if( c=='\r' && (i+1>=n || text[i+1]=='\n') ){ i++; continue; }
    buf_putc(&f, c);
    any = 1;
    i++;
  }
  buf_free(&f);
  *rows_out = rows;
  *nrows_out = nrows;
  return OK;
fail:
  buf_free(&f);
  return ERR_INVALID;
}
