/*
** xlsx.c — XLSX workbooks with libxlsxwriter. The library writes files only,
** so the workbook goes to a temporary file that is read back into the Buf and
** removed.
*/
#include "xlsx.h"
#include <xlsxwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XLSX_MAXCOLS 64

struct Xlsx {
  char path[300];
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *title, *head, *date, *datetime, *datetime_s, *month, *num;
  int types[XLSX_MAXCOLS];
  int ncols;
  int row, col;        /* where the next cell goes */
  int head_row;        /* the current sheet's header row */
  int filter_last;     /* the last row of its autofilter (xlsx_filter_end); -1: the last written */
  int tzoff;           /* minutes east of UTC */
  int nsheets;
};

/* A new workbook in a fresh temporary file. */
Xlsx *xlsx_new(const char *tz){
  Xlsx *x = xcalloc(1, sizeof *x);
  const char *tmp = getenv("TMPDIR");
  snprintf(x->path, sizeof x->path, "%s/loket-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  int fd = mkstemp(x->path);
  if( fd<0 ){ free(x); return 0; }
  close(fd);
  x->wb = workbook_new(x->path);
  if( x->wb==0 ){ unlink(x->path); free(x); return 0; }
  x->tzoff = tz_offset_minutes(tz ? tz : "WIB");
  if( x->tzoff<0 ) x->tzoff = 420;
  x->title = workbook_add_format(x->wb);
  format_set_bold(x->title);
  format_set_font_size(x->title, 14);
  x->head = workbook_add_format(x->wb);
  format_set_bold(x->head);
  format_set_bg_color(x->head, 0xE6E6E6);
  format_set_bottom(x->head, LXW_BORDER_THIN);
  x->date = workbook_add_format(x->wb);
  format_set_num_format(x->date, "dd/mm/yyyy");
  x->datetime = workbook_add_format(x->wb);
  format_set_num_format(x->datetime, "dd/mm/yyyy hh:mm");
  x->datetime_s = workbook_add_format(x->wb);   /* a step's due time under a standard of seconds */
  format_set_num_format(x->datetime_s, "dd/mm/yyyy hh:mm:ss");
  x->month = workbook_add_format(x->wb);
  format_set_num_format(x->month, "mmmm yyyy");
  x->num = workbook_add_format(x->wb);
  format_set_num_format(x->num, "0.##");
  return x;
}

/* A width in characters that suits a column of this type. */
static double type_width(int type){
  switch( type ){
    case XLSX_INT: return 10;
    case XLSX_NUM: return 12;
    case XLSX_DATE: return 12;
    case XLSX_MONTH: return 16;
    case XLSX_DATETIME: return 17;
    default: return 24;
  }
}

/* The last row written on the current sheet (the header row when none is under it). */
static int last_row(const Xlsx *x){
  return x->col>0 ? x->row : x->row - 1;
}

/* The autofilter of the current sheet, over its header row and the rows written under it
** up to xlsx_filter_end (set when the sheet is done: the range must hold the rows for the
** filter to list them). */
static void sheet_done(Xlsx *x){
  if( x->ws==0 ) return;
  int last = x->filter_last>=0 ? x->filter_last : last_row(x);
  worksheet_autofilter(x->ws, (lxw_row_t)x->head_row, 0, (lxw_row_t)last, (lxw_col_t)(x->ncols - 1));
}

/* A new sheet with its header row. */
int xlsx_sheet(Xlsx *x, const char *name, const XlsxCol *cols, int ncols){
  return xlsx_sheet_titled(x, name, 0, 0, 0, cols, ncols);
}

/* A new sheet: its title and lines above (then an empty row), the header row, frozen. */
int xlsx_sheet_titled(Xlsx *x, const char *name, const char *title, const char *const *lines, int nlines,
                      const XlsxCol *cols, int ncols){
  if( x==0 || ncols<=0 || ncols>XLSX_MAXCOLS || nlines<0 ) return ERR_INVALID;
  char nm[32];
  size_t n = 0;
  for(const char *p = name ? name : ""; *p && n<31; p++){
    nm[n++] = strchr("[]:*?/\\", *p) ? '_' : *p;
  }
  /* do not cut a UTF-8 sequence in half */
  while( n>0 && ((unsigned char)nm[n-1] & 0xC0)==0x80 ) n--;
  if( n>0 && ((unsigned char)nm[n-1] & 0xC0)==0xC0 ) n--;
  nm[n] = 0;
  char fallback[24];
  if( n==0 ){ snprintf(fallback, sizeof fallback, "Sheet%d", x->nsheets+1); }
  lxw_worksheet *ws = workbook_add_worksheet(x->wb, n ? nm : fallback);
  if( ws==0 ) return ERR_INVALID;
  sheet_done(x);
  x->ws = ws;
  x->nsheets++;
  x->ncols = ncols;
  lxw_row_t head = 0;
  if( title && *title ){
    worksheet_write_string(x->ws, head++, 0, title, x->title);
    for(int i=0; i<nlines; i++) if( lines[i] && *lines[i] ) worksheet_write_string(x->ws, head++, 0, lines[i], 0);
    head++;   /* an empty row between the head and the table */
  }
  for(int c=0; c<ncols; c++){
    x->types[c] = cols[c].type;
    double w = cols[c].width > 0 ? cols[c].width : type_width(cols[c].type);
    worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w, 0);
    worksheet_write_string(x->ws, head, (lxw_col_t)c, cols[c].title ? cols[c].title : "", x->head);
  }
  worksheet_freeze_panes(x->ws, head + 1, 0);
  x->head_row = (int)head;
  x->filter_last = -1;
  x->row = (int)head + 1;
  x->col = 0;
  return OK;
}

/* The next cell's position; moves to a new row after the last column. */
static int next_cell(Xlsx *x, lxw_row_t *r, lxw_col_t *c){
  if( x==0 || x->ws==0 ) return 0;
  *r = (lxw_row_t)x->row;
  *c = (lxw_col_t)x->col;
  if( ++x->col >= x->ncols ){ x->col = 0; x->row++; }
  return 1;
}

/* A text cell. */
void xlsx_text(Xlsx *x, const char *z){
  lxw_row_t r; lxw_col_t c;
  if( !next_cell(x, &r, &c) ) return;
  if( z && *z ) worksheet_write_string(x->ws, r, c, z, 0);
}

/* A whole-number cell. */
void xlsx_int(Xlsx *x, int64_t v){
  lxw_row_t r; lxw_col_t c;
  if( next_cell(x, &r, &c) ) worksheet_write_number(x->ws, r, c, (double)v, 0);
}

/* A decimal cell. */
void xlsx_num(Xlsx *x, double v){
  lxw_row_t r; lxw_col_t c;
  if( next_cell(x, &r, &c) ) worksheet_write_number(x->ws, r, c, v, x->num);
}

/* A date/time cell; a date-time column's shown to the second when secs. */
void xlsx_date_secs(Xlsx *x, int64_t t, int secs){
  lxw_row_t r; lxw_col_t c;
  if( !next_cell(x, &r, &c) ) return;
  int type = x->types[c];
  double serial = (double)(t + (int64_t)x->tzoff*60) / 86400.0 + 25569.0;
  if( type==XLSX_MONTH ){
    /* the month's first day, whatever day of it t falls on */
    int y, m, d;
    time_civil_from_days((int64_t)serial - 25569, &y, &m, &d);
    serial = (double)(time_days_from_civil(y, m, 1) + 25569);
  }else if( type==XLSX_DATE ) serial = (double)(int64_t)serial;
  worksheet_write_number(x->ws, r, c, serial, type==XLSX_MONTH ? x->month : type==XLSX_DATE ? x->date
                                              : secs ? x->datetime_s : x->datetime);
}

/* A time cell: Excel's serial day in the workbook's zone. */
void xlsx_date(Xlsx *x, int64_t t){
  xlsx_date_secs(x, t, 0);
}

/* An empty cell. */
void xlsx_blank(Xlsx *x){
  lxw_row_t r; lxw_col_t c;
  next_cell(x, &r, &c);
}

/* A cell from text, typed by its column. */
void xlsx_cell(Xlsx *x, const char *z){
  if( x==0 || x->ws==0 ) return;
  if( z==0 || *z==0 ){ xlsx_blank(x); return; }
  int type = x->types[x->col];
  char *end = 0;
  if( type==XLSX_INT ){
    long long v = strtoll(z, &end, 10);
    if( end && *end==0 ){ xlsx_int(x, v); return; }
  }else if( type==XLSX_NUM ){
    double v = strtod(z, &end);
    if( end && *end==0 ){ xlsx_num(x, v); return; }
  }else if( type==XLSX_DATE || type==XLSX_DATETIME || type==XLSX_MONTH ){
    int64_t t;
    long long v = strtoll(z, &end, 10);
    if( end && *end==0 ){ xlsx_date(x, v); return; }
    if( end && end>z && strcmp(end, "s")==0 ){ xlsx_date_secs(x, v, 1); return; }   /* to the second (rtable_time_s) */
    if( time_parse_iso(z, &t)==OK ){ xlsx_date(x, t); return; }
  }
  xlsx_text(x, z);
}

/* The autofilter ends at the last row written so far. */
void xlsx_filter_end(Xlsx *x){
  if( x && x->ws ) x->filter_last = last_row(x);
}

/* Close the workbook, read its file into out, remove it, free x. */
int xlsx_finish(Xlsx *x, Buf *out){
  if( x==0 ) return ERR_INVALID;
  if( x->nsheets==0 ) workbook_add_worksheet(x->wb, 0);
  else sheet_done(x);
  int rc = workbook_close(x->wb)==LXW_NO_ERROR ? OK : ERR_IO;
  if( rc==OK ) rc = util_file_read(x->path, out)==OK ? OK : ERR_IO;
  unlink(x->path);
  free(x);
  return rc;
}
