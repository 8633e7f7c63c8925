/*
** csv.h — CSV as RFC 4180 says: fields separated by commas, records ended by
** CRLF, a field quoted when it holds a comma, a quote, CR or LF (quotes doubled).
** Text that a spreadsheet would run as a formula (starting with = + - @ TAB CR)
** is prefixed with an apostrophe; numbers are written plainly.
**
**   Csv c; csv_init(&c, &out);
**   csv_text(&c, "Nomor"); csv_text(&c, "Masuk"); csv_row(&c);
**   csv_text(&c, number); csv_date(&c, t, "WIB"); csv_row(&c);
*/
#ifndef LOKET_REPORT_CSV_H
#define LOKET_REPORT_CSV_H
#include "../core/core.h"

typedef struct Csv { Buf *out; int col; } Csv;

/* Start writing CSV at the end of out. */
void csv_init(Csv *c, Buf *out);
/* The UTF-8 byte order mark, for spreadsheets that guess the encoding (call first). */
void csv_bom(Csv *c);
/* One field each. */
void csv_text(Csv *c, const char *z);       /* NULL: empty field */
void csv_int(Csv *c, int64_t v);
void csv_num(Csv *c, double v, int decimals);
/* A number written as text ("-3", "2.5") as it is, a spreadsheet reading it as the number; text
** that is no number ("-x", "=1") as csv_text, defused. */
void csv_number_text(Csv *c, const char *z);
/* A time as "2026-11-20 14:30" in zone tz (NULL = WIB); t == 0 gives an empty field. */
void csv_date(Csv *c, int64_t t, const char *tz);
void csv_date_s(Csv *c, int64_t t, const char *tz);   /* "YYYY-MM-DD HH:MM:SS" */
/* The day of a time as "2026-11-20" (ISO: machine readable) in zone tz; t == 0: empty. */
void csv_day(Csv *c, int64_t t, const char *tz);
/* End the record (CRLF). */
void csv_row(Csv *c);

#endif
