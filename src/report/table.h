/*
** table.h — one table of a report (a title, typed columns, rows of cells) and
** its three exports: CSV, XLSX and an A4 PDF. Reports and registers fill a
** table once and every format comes from it.
**
**   RTable t; rtable_init(&t, arena, "Laporan kepatuhan", "WIB", "id");
**   rtable_col(&t, "Nomor", RT_TEXT, 40); rtable_col(&t, "Masuk", RT_TIME, 35);
**   rtable_text(&t, number); rtable_time(&t, opened_at);      // one row
**   rtable_pdf(&t, &out);
*/
#ifndef LOKET_REPORT_TABLE_H
#define LOKET_REPORT_TABLE_H
#include "../core/core.h"

/* RT_TIME, RT_DATE and RT_MONTH cells: written as people write them in the PDF ("20 November
** 2026, 14.30 WIB", "20 November 2026", "November 2026"), as dates in the XLSX (a month: its
** first day, shown as "mmmm yyyy", named in the reader's spreadsheet language), as ISO in the
** CSV ("2026-11-20 14:30", "2026-11-20", "2026-11"); a text cell in such a column (a "Total"
** label) stays text. */
enum { RT_TEXT, RT_INT, RT_NUM, RT_TIME, RT_DATE, RT_MONTH };
#define RT_COLS_MAX 24

typedef struct RCol {
  const char *title;
  int type;
  double width_mm;           /* the PDF column's width; 0 shares what is left */
} RCol;

typedef struct RTable {
  Arena *a;
  const char *title;         /* the document's title */
  const char *lines[6];      /* lines under the title (office, period, filters) */
  int nlines;
  const char *footer;        /* foot line of the PDF pages */
  const char *tz, *lang;
  int landscape;             /* the PDF's orientation (default: landscape past 7 columns) */
  RCol cols[RT_COLS_MAX];
  int ncols;
  /* cells by row: text (RT_TEXT, numbers as written), or epoch seconds as text (RT_TIME,
  ** RT_DATE, RT_MONTH; "" when none) */
  const char **cells;
  int ncells, cap;
  int body_rows;             /* the rows above the totals (rtable_total); -1: no total row */
} RTable;

void rtable_init(RTable *t, Arena *a, const char *title, const char *tz, const char *lang);
/* A line under the title (at most 6). */
void rtable_line(RTable *t, const char *text);
void rtable_col(RTable *t, const char *title, int type, double width_mm);
/* The next cell (rows fill left to right); rtable_time for RT_TIME, RT_DATE and RT_MONTH columns. */
void rtable_text(RTable *t, const char *z);
void rtable_int(RTable *t, int64_t v);
void rtable_num(RTable *t, double v, int decimals);
void rtable_time(RTable *t, int64_t t_or_0);
/* An RT_TIME cell said to the second when secs ("2026-11-20 14:30:05" in the CSV). */
void rtable_time_s(RTable *t, int64_t t_or_0, int secs);
int rtable_rows(const RTable *t);
/* The rows from the next one on are totals (a "Total" row): the XLSX's autofilter ends above
** them, so sorting the table does not move them among its rows. */
void rtable_total(RTable *t);

/* The exports; OK or ERR_IO. */
int rtable_csv(const RTable *t, Buf *out);
int rtable_xlsx(const RTable *t, Buf *out);
int rtable_pdf(const RTable *t, Buf *out);

/* A format's name → its MIME type and file suffix; NULL when it is none of csv, xlsx, pdf. */
const char *rtable_mime(const char *format);
/* Render t in format into out: OK, ERR_INVALID for an unknown format, ERR_IO. */
int rtable_export(const RTable *t, const char *format, Buf *out);

#endif
