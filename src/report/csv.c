/*
** csv.c — RFC 4180 CSV into a Buf.
*/
#include "csv.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Start a CSV writer on out. */
void csv_init(Csv *c, Buf *out){
  c->out = out;
  c->col = 0;
}

/* The UTF-8 byte order mark. */
void csv_bom(Csv *c){
  buf_append(c->out, "\xEF\xBB\xBF", 3);
}

/* The comma before every field but the first of a record. */
static void csv_sep(Csv *c){
  if( c->col++ > 0 ) buf_putc(c->out, ',');
}

/* A text field, quoted when it must be, defused when it looks like a formula. A semicolon is
** quoted too: it separates fields where Excel's list separator is ';' (Indonesian settings), and
** csv_parse reads a row with semicolons and no comma (a one-column file) as ';'-separated; so is
** a tab, which it reads as the separator of a row with tabs and neither (a line of one cell
** before it, a sheet's title, does not decide). */
void csv_text(Csv *c, const char *z){
  csv_sep(c);
  if( z==0 || *z==0 ) return;
  int formula = strchr("=+-@\t\r", z[0])!=0;
  /* a field beginning with U+FEFF is quoted: at a file's start, unquoted, a reader takes it for
  ** the file's byte-order mark and drops it (fuzz/fuzz_csv.c) */
  int quote = strpbrk(z, ",;\t\"\r\n")!=0 || strncmp(z, "\xEF\xBB\xBF", 3)==0;
  if( quote ) buf_putc(c->out, '"');
  if( formula ) buf_putc(c->out, '\'');
  for(const char *p=z; *p; p++){
    if( *p=='"' ) buf_putc(c->out, '"');
    buf_putc(c->out, *p);
  }
  if( quote ) buf_putc(c->out, '"');
}

/* A number written as text as it is (a leading - is its sign, no formula); anything else as csv_text. */
void csv_number_text(Csv *c, const char *z){
  char *end = 0;
  if( z && *z && (z[0]=='-' || (z[0]>='0' && z[0]<='9')) ){
    double v = strtod(z, &end);
    if( end && *end==0 && isfinite(v) ){ csv_sep(c); buf_puts(c->out, z); return; }
  }
  csv_text(c, z);
}

/* A whole number. */
void csv_int(Csv *c, int64_t v){
  csv_sep(c);
  buf_printf(c->out, "%lld", (long long)v);
}

/* A decimal with a fixed number of places (a dot as the separator). */
void csv_num(Csv *c, double v, int decimals){
  csv_sep(c);
  if( decimals<0 ) decimals = 0;
  if( decimals>6 ) decimals = 6;
  buf_printf(c->out, "%.*f", decimals, v);
}

/* Broken-down time of t in an Indonesian zone (WIB when none or unknown). */
static void csv_local(int64_t t, const char *tz, struct tm *tm){
  int off = tz_offset_minutes(tz ? tz : "WIB");
  if( off<0 ) off = 420;
  time_t s = (time_t)(t + off*60);
  gmtime_r(&s, tm);
}

/* A time in an Indonesian zone as "YYYY-MM-DD HH:MM", or to the second when secs. */
static void csv_moment(Csv *c, int64_t t, const char *tz, int secs){
  csv_sep(c);
  if( t==0 ) return;
  struct tm tm;
  csv_local(t, tz, &tm);
  buf_printf(c->out, "%04d-%02d-%02d %02d:%02d", tm.tm_year+1900, tm.tm_mon+1, tm.tm_mday, tm.tm_hour, tm.tm_min);
  if( secs ) buf_printf(c->out, ":%02d", tm.tm_sec);
}

/* A time in an Indonesian zone as "YYYY-MM-DD HH:MM". */
void csv_date(Csv *c, int64_t t, const char *tz){
  csv_moment(c, t, tz, 0);
}

/* The same to the second: "YYYY-MM-DD HH:MM:SS" (the due time of a standard of seconds). */
void csv_date_s(Csv *c, int64_t t, const char *tz){
  csv_moment(c, t, tz, 1);
}

/* The day of a time in an Indonesian zone as "YYYY-MM-DD". */
void csv_day(Csv *c, int64_t t, const char *tz){
  csv_sep(c);
  if( t==0 ) return;
  struct tm tm;
  csv_local(t, tz, &tm);
  buf_printf(c->out, "%04d-%02d-%02d", tm.tm_year+1900, tm.tm_mon+1, tm.tm_mday);
}

/* End the record. */
void csv_row(Csv *c){
  buf_append(c->out, "\r\n", 2);
  c->col = 0;
}
