/*
** xlsx.h — spreadsheets (XLSX) written with libxlsxwriter into a Buf: sheets of
** typed columns with a bold, frozen header row and an autofilter over the header
** row and the rows under it (a head of unit sorts and filters the table at once).
**
**   static const XlsxCol cols[] = { {"Nomor", XLSX_TEXT, 18}, {"Masuk", XLSX_DATETIME, 0},
**                                   {"Langkah", XLSX_INT, 8} };
**   Xlsx *x = xlsx_new("WIB");
**   xlsx_sheet(x, "Kasus", cols, 3);
**   xlsx_text(x, "LPSE-2026-000001"); xlsx_date(x, t); xlsx_int(x, 4);   // one row
**   if( xlsx_finish(x, &out)!=OK ) ...;                                  // frees x
**
** Cells fill a row from the left; after the last column the next cell starts a new row.
*/
#ifndef LOKET_REPORT_XLSX_H
#define LOKET_REPORT_XLSX_H
#include "../core/core.h"

enum {
  XLSX_TEXT = 0,
  XLSX_INT,        /* whole numbers */
  XLSX_NUM,        /* decimals, shown with up to 2 places */
  XLSX_DATE,       /* a day (dd/mm/yyyy) in the workbook's zone */
  XLSX_DATETIME,   /* a day and time (dd/mm/yyyy hh:mm) in the workbook's zone */
  XLSX_MONTH,      /* a month: the date of its first day shown "mmmm yyyy" (the month named in
                   ** the reader's spreadsheet language), in the workbook's zone */
};

typedef struct XlsxCol {
  const char *title;   /* header text */
  int type;            /* XLSX_TEXT… */
  double width;        /* in characters; 0: a width from the type */
} XlsxCol;

typedef struct Xlsx Xlsx;

/* A new workbook; dates are shown in zone tz ("WIB", "WITA", "WIT"; NULL = WIB).
** NULL when no temporary file could be made. */
Xlsx *xlsx_new(const char *tz);
/* Start a sheet (name cut to 31 characters, []:*?/\ replaced) with its header row.
** ERR_INVALID when there are no columns or more than 64. */
int xlsx_sheet(Xlsx *x, const char *name, const XlsxCol *cols, int ncols);
/* The same with a head above the table, as a reader opening the file expects: the title in
** bold, its lines (office, period, filters; NULL or "" skipped) under it, an empty row, then
** the header row (frozen). No title: as xlsx_sheet. */
int xlsx_sheet_titled(Xlsx *x, const char *name, const char *title, const char *const *lines, int nlines,
                      const XlsxCol *cols, int ncols);
/* The next cell of the current row. */
void xlsx_text(Xlsx *x, const char *z);        /* NULL: empty cell */
void xlsx_int(Xlsx *x, int64_t v);
void xlsx_num(Xlsx *x, double v);
void xlsx_date(Xlsx *x, int64_t unix_seconds);  /* shown as its column's DATE, DATETIME or MONTH */
void xlsx_date_secs(Xlsx *x, int64_t unix_seconds, int secs);   /* a DATETIME column's shown to the second when secs */
void xlsx_blank(Xlsx *x);
/* The next cell from text, typed by its column: INT and NUM parse the number, DATE and
** DATETIME take unix seconds or an ISO time ("2026-11-20T07:30:00Z"); what does not
** parse is written as text; NULL or "" is an empty cell. MONTH takes what DATE takes. */
void xlsx_cell(Xlsx *x, const char *z);
/* End the current sheet's autofilter at the last row written: the rows from here on (a Total
** row under the table) stay out of it, so sorting or filtering the table leaves them in place. */
void xlsx_filter_end(Xlsx *x);
/* Write the workbook, append its bytes to out and free x (also on error). OK or ERR_IO. */
int xlsx_finish(Xlsx *x, Buf *out);

#endif
