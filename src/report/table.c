/*
** table.c — a report's table exported as CSV, XLSX or PDF, from the same cells.
*/
#include "table.h"
#include "csv.h"
#include "pdf.h"
#include "xlsx.h"
#include <stdlib.h>
#include <string.h>

/* Start an empty table. */
void rtable_init(RTable *t, Arena *a, const char *title, const char *tz, const char *lang){
  memset(t, 0, sizeof *t);
  t->a = a;
  t->title = title ? title : "";
  t->tz = tz ? tz : "WIB";
  t->lang = lang ? lang : "id";
  t->landscape = -1;
  t->body_rows = -1;
}

/* A line under the title. */
void rtable_line(RTable *t, const char *text){
  if( t->nlines < (int)COUNT(t->lines) && text ) t->lines[t->nlines++] = text;
}

/* A column. */
void rtable_col(RTable *t, const char *title, int type, double width_mm){
  if( t->ncols >= RT_COLS_MAX ) return;
  t->cols[t->ncols].title = title;
  t->cols[t->ncols].type = type;
  t->cols[t->ncols].width_mm = width_mm;
  t->ncols++;
}

/* The next cell as text. */
void rtable_text(RTable *t, const char *z){
  t->cells = arena_grow(t->a, t->cells, sizeof *t->cells, t->ncells, &t->cap);
  t->cells[t->ncells++] = z ? z : "";
}

/* The next cell, a whole number. */
void rtable_int(RTable *t, int64_t v){
  rtable_text(t, arena_printf(t->a, "%lld", (long long)v));
}

/* The next cell, a decimal. */
void rtable_num(RTable *t, double v, int decimals){
  rtable_text(t, arena_printf(t->a, "%.*f", decimals, v));
}

/* The next cell, a moment (0: empty). */
void rtable_time(RTable *t, int64_t v){
  rtable_text(t, v ? arena_printf(t->a, "%lld", (long long)v) : "");
}

/* The next cell, a moment said to the second when secs (a step's due or done time under a standard
** of seconds): "HH:MM:SS" in the CSV, "hh:mm:ss" in the XLSX, "09.00.05 WIB" in the PDF. */
void rtable_time_s(RTable *t, int64_t v, int secs){
  rtable_text(t, v ? arena_printf(t->a, secs ? "%llds" : "%lld", (long long)v) : "");
}

/* Rows so far (complete or not). */
int rtable_rows(const RTable *t){
  return t->ncols ? (t->ncells + t->ncols - 1) / t->ncols : 0;
}

/* The cell at row r, column c ("" past the end). */
static const char *cell(const RTable *t, int r, int c){
  int i = r*t->ncols + c;
  return i < t->ncells ? t->cells[i] : "";
}

/* The moment a time or date cell holds (rtable_time wrote its epoch seconds): 1, 2 when it is
** to be said to the second (rtable_time_s: "s" after them), or 0 when the cell is text (a
** "Total" row's label in a date column). */
static int cell_moment(const char *z, int64_t *t){
  char *end = 0;
  if( *z==0 ) return 0;
  long long v = strtoll(z, &end, 10);
  if( *end && strcmp(end, "s") ) return 0;
  *t = v;
  return *end ? 2 : 1;
}

/* CSV: the header row, then the rows; times as "YYYY-MM-DD HH:MM", days as "YYYY-MM-DD" and
** months as "YYYY-MM" in the zone (ISO, for the machines that read it). */
int rtable_csv(const RTable *t, Buf *out){
  Csv c;
  csv_init(&c, out);
  csv_bom(&c);
  for(int k=0; k<t->ncols; k++) csv_text(&c, t->cols[k].title);
  csv_row(&c);
  int n = rtable_rows(t);
  for(int r=0; r<n; r++){
    for(int k=0; k<t->ncols; k++){
      const char *z = cell(t, r, k);
      int64_t at;
      int ty = t->cols[k].type;
      int m = ty==RT_TIME ? cell_moment(z, &at) : 0;
      if( m==2 ) csv_date_s(&c, at, t->tz);
      else if( m ) csv_date(&c, at, t->tz);
      else if( ty==RT_DATE && cell_moment(z, &at) ) csv_day(&c, at, t->tz);
      else if( ty==RT_MONTH && cell_moment(z, &at) ){
        char day[11];
        time_day_text(day, at, t->tz);
        day[7] = 0;
        csv_text(&c, day);
      }
      else if( ty==RT_INT || ty==RT_NUM ) csv_number_text(&c, z);   /* -3 a number, not a defused formula */
      else csv_text(&c, z);
    }
    csv_row(&c);
  }
  return OK;
}

/* The rows written so far are the table's body; what follows is its totals. */
void rtable_total(RTable *t){
  t->body_rows = rtable_rows(t);
}

/* XLSX: one sheet named after the title: the title and its lines, then the table of typed cells. */
int rtable_xlsx(const RTable *t, Buf *out){
  Xlsx *x = xlsx_new(t->tz);
  if( x==0 ) return ERR_IO;
  XlsxCol cols[RT_COLS_MAX];
  for(int k=0; k<t->ncols; k++){
    int ty = t->cols[k].type;
    cols[k].title = t->cols[k].title;
    cols[k].type = ty==RT_INT ? XLSX_INT : ty==RT_NUM ? XLSX_NUM : ty==RT_TIME ? XLSX_DATETIME
                 : ty==RT_DATE ? XLSX_DATE : ty==RT_MONTH ? XLSX_MONTH : XLSX_TEXT;
    cols[k].width = t->cols[k].width_mm > 0 ? t->cols[k].width_mm / 2.2 : 0;
  }
  if( xlsx_sheet_titled(x, t->title, t->title, t->lines, t->nlines, cols, t->ncols)!=OK ){
    Buf junk = BUF_INIT;
    xlsx_finish(x, &junk);
    buf_free(&junk);
    return ERR_IO;
  }
  int n = rtable_rows(t);
  for(int r=0; r<n; r++){
    if( r==t->body_rows ) xlsx_filter_end(x);   /* a Total row stays under the rows it sums */
    for(int k=0; k<t->ncols; k++) xlsx_cell(x, cell(t, r, k));
  }
  return xlsx_finish(x, out);
}

/* PDF: A4 with the title, its lines, the table across pages, the foot line. */
int rtable_pdf(const RTable *t, Buf *out){
  int landscape = t->landscape >= 0 ? t->landscape : t->ncols > 7;
  Pdf *p = pdf_new(out, landscape ? PDF_LANDSCAPE : PDF_PORTRAIT, t->title);
  pdf_footer(p, t->footer ? t->footer : t->title);
  pdf_para(p, 14, PDF_BOLD, t->title);
  for(int i=0; i<t->nlines; i++) pdf_para(p, 9, 0, t->lines[i]);
  pdf_set_y(p, pdf_y(p) + 4);
  PdfCol cols[RT_COLS_MAX];
  for(int k=0; k<t->ncols; k++){
    int ty = t->cols[k].type;
    cols[k].title = t->cols[k].title;
    cols[k].width = t->cols[k].width_mm > 0 ? PDF_MM(t->cols[k].width_mm) : 0;
    cols[k].flags = ty==RT_INT || ty==RT_NUM ? PDF_RIGHT | PDF_WHOLE : 0;   /* a number, a duration: one line */
  }
  int n = rtable_rows(t);
  const char **cells = arena_alloc(t->a, sizeof *cells * (size_t)(n*t->ncols + 1));
  for(int r=0; r<n; r++){
    for(int k=0; k<t->ncols; k++){
      const char *z = cell(t, r, k);
      int ty = t->cols[k].type;
      int64_t at;
      int m = ty==RT_TIME || ty==RT_DATE || ty==RT_MONTH ? cell_moment(z, &at) : 0;
      if( m ){
        char *s = arena_alloc(t->a, 64);
        if( ty==RT_TIME ) time_fmt_human_at(s, 64, at, t->tz, t->lang, m==2);
        else if( ty==RT_MONTH ) time_fmt_month(s, 64, at, t->tz, t->lang, 0);
        else time_fmt_date(s, 64, at, t->tz, t->lang);
        z = s;
      }
      else if( ty==RT_NUM && strcmp(t->lang, "en") && strchr(z, '.') ){
        /* a decimal as people write it here: 66,7 (the CSV and XLSX keep the number) */
        char *s = arena_strdup(t->a, z);
        *strchr(s, '.') = ',';
        z = s;
      }
      cells[r*t->ncols + k] = z;
    }
  }
  if( n==0 ){
    pdf_para(p, 10, PDF_ITALIC, strcmp(t->lang, "en")==0 ? "No rows." : "Tidak ada data.");
  }
  pdf_table(p, cols, t->ncols, cells, n, landscape ? 8 : 8.5);
  return pdf_finish(p);
}

/* The MIME type of an export format, or NULL. */
const char *rtable_mime(const char *format){
  if( format==0 ) return 0;
  if( strcmp(format, "csv")==0 ) return "text/csv";
  if( strcmp(format, "xlsx")==0 ) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if( strcmp(format, "pdf")==0 ) return "application/pdf";
  return 0;
}

/* Render the table in a named format. */
int rtable_export(const RTable *t, const char *format, Buf *out){
  if( rtable_mime(format)==0 ) return ERR_INVALID;
  if( strcmp(format, "csv")==0 ) return rtable_csv(t, out);
  if( strcmp(format, "xlsx")==0 ) return rtable_xlsx(t, out);
  return rtable_pdf(t, out);
}
