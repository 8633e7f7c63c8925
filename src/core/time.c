/*
** time.c — the clock, Indonesia's time zones, and dates written as people
** here write them: "20 November 2026, 14.30 WIB".
*/
#include "core.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static int64_t fake_now;   /* tests freeze the clock here; 0 means real time */

/* Seconds since the epoch (or the frozen test time). */
int64_t time_now(void){
  if( fake_now ) return fake_now;
  return (int64_t)time(0);
}

/* Microseconds from a monotonic clock: for measuring durations only. */
int64_t time_now_us(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec*1000000 + ts.tv_nsec/1000;
}

/* Freeze the clock at t for tests; 0 returns to real time. */
void time_set_fake(int64_t t){
  fake_now = t;
}

/* Offset from UTC in minutes of an Indonesian zone name; -1 when unknown. */
int tz_offset_minutes(const char *tz){
  if( tz==0 ) return -1;
  if( strcmp(tz, "WIB")==0 ) return 7*60;
  if( strcmp(tz, "WITA")==0 ) return 8*60;
  if( strcmp(tz, "WIT")==0 ) return 9*60;
  if( strcmp(tz, "UTC")==0 ) return 0;
  return -1;
}

static const char *const month_id[12] = {
  "Januari","Februari","Maret","April","Mei","Juni","Juli","Agustus",
  "September","Oktober","November","Desember"
};
static const char *const month_en[12] = {
  "January","February","March","April","May","June","July","August",
  "September","October","November","December"
};
/* Short names, as a chart's axis or a calendar writes them (Indonesian: "Agu", "Okt", "Des"). */
static const char *const mon_id[12] = {
  "Jan","Feb","Mar","Apr","Mei","Jun","Jul","Agu","Sep","Okt","Nov","Des"
};
static const char *const mon_en[12] = {
  "Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"
};

/* The month names of a language: full or short; Indonesian unless "en". */
static const char *const *month_names(const char *lang, int abbrev){
  int en = lang && strcmp(lang, "en")==0;
  return abbrev ? (en ? mon_en : mon_id) : (en ? month_en : month_id);
}

/* Broken-down local time of t in zone tz (UTC when the zone is unknown). */
static void time_local(int64_t t, const char *tz, struct tm *tm){
  int off = tz_offset_minutes(tz);
  if( off<0 ) off = 0;
  time_t lt = (time_t)(t + off*60);
  gmtime_r(&lt, tm);
}

/* "20 November 2026" in the language given. */
void time_fmt_date(char *out, size_t n, int64_t t, const char *tz, const char *lang){
  struct tm tm;
  time_local(t, tz, &tm);
  snprintf(out, n, "%d %s %d", tm.tm_mday, month_names(lang, 0)[tm.tm_mon], tm.tm_year+1900);
}

/* "Mei 2026" (abbrev: "Agu 2026") in the language given: a month as people name it. */
void time_fmt_month(char *out, size_t n, int64_t t, const char *tz, const char *lang, int abbrev){
  struct tm tm;
  time_local(t, tz, &tm);
  snprintf(out, n, "%s %d", month_names(lang, abbrev)[tm.tm_mon], tm.tm_year+1900);
}

/* "5 Mei" ("5 May"): a day of a month in short, where the year is plain (a chart's axis). */
void time_fmt_day_short(char *out, size_t n, int64_t t, const char *tz, const char *lang){
  struct tm tm;
  time_local(t, tz, &tm);
  snprintf(out, n, "%d %s", tm.tm_mday, month_names(lang, 1)[tm.tm_mon]);
}

/* A "YYYY-MM-DD" day (or "YYYY-MM" month, for the month styles) in words in lang, in a style
** (TIME_YMD_DATE "20 November 2026", _DAY_SHORT "20 Nov", _MONTH "November 2026", _MONTH_SHORT
** "Nov 2026"); the text as it is when it is no such day or month. */
void time_fmt_ymd(char *out, size_t n, const char *ymd, const char *lang, int style){
  int month = style==TIME_YMD_MONTH || style==TIME_YMD_MONTH_SHORT;
  char day[11];
  int64_t t;
  if( ymd==0 ) ymd = "";
  snprintf(day, sizeof day, month ? "%.7s-01" : "%.10s", ymd);
  if( strlen(ymd)!=(month ? 7u : 10u) || time_parse_day(day, "UTC", &t)!=OK ){ snprintf(out, n, "%s", ymd); return; }
  t += 12*3600;   /* midday: the day whatever the zone */
  if( style==TIME_YMD_DATE ) time_fmt_date(out, n, t, "UTC", lang);
  else if( style==TIME_YMD_DAY_SHORT ) time_fmt_day_short(out, n, t, "UTC", lang);
  else time_fmt_month(out, n, t, "UTC", lang, style==TIME_YMD_MONTH_SHORT);
}

/* A day written YYYY-MM-DD as people here write it ("20 November 2026"); the text as is when it is not one. */
void time_fmt_day(char *out, size_t n, const char *day, const char *lang){
  time_fmt_ymd(out, n, day, lang, TIME_YMD_DATE);
}

/* "20 November 2026, 14.30 WIB": Indonesian writes the time with a dot. */
void time_fmt_human(char *out, size_t n, int64_t t, const char *tz, const char *lang){
  time_fmt_human_at(out, n, t, tz, lang, 0);
}

/* The same, to the second when secs ("2 Desember 2026, 09.00.10 WIB": the due time of a standard
** of seconds). */
void time_fmt_human_at(char *out, size_t n, int64_t t, const char *tz, const char *lang, int secs){
  struct tm tm;
  char sec[8] = "";
  int en = lang && strcmp(lang, "en")==0;
  time_local(t, tz, &tm);
  if( secs ) snprintf(sec, sizeof sec, "%c%02d", en ? ':' : '.', tm.tm_sec);
  snprintf(out, n, "%d %s %d, %02d%c%02d%s %s", tm.tm_mday,
           month_names(lang, 0)[tm.tm_mon], tm.tm_year+1900,
           tm.tm_hour, en ? ':' : '.', tm.tm_min, sec,
           tz_offset_minutes(tz)>=0 ? tz : "UTC");
}

/* A span of time as people here write it: within one day "1 Desember 2026, 08.00–12.00 WIB"
** ("08:00–12:00" in English), else both ends in full joined by " – ". */
void time_fmt_span(char *out, size_t n, int64_t from, int64_t to, const char *tz, const char *lang){
  struct tm a, b;
  int en = lang && strcmp(lang, "en")==0;
  time_local(from, tz, &a);
  time_local(to, tz, &b);
  if( a.tm_year==b.tm_year && a.tm_yday==b.tm_yday ){
    snprintf(out, n, "%d %s %d, %02d%c%02d–%02d%c%02d %s", a.tm_mday, month_names(lang, 0)[a.tm_mon],
             a.tm_year+1900, a.tm_hour, en ? ':' : '.', a.tm_min, b.tm_hour, en ? ':' : '.', b.tm_min,
             tz_offset_minutes(tz)>=0 ? tz : "UTC");
    return;
  }
  char x[64], y[64];
  time_fmt_human(x, sizeof x, from, tz, lang);
  time_fmt_human(y, sizeof y, to, tz, lang);
  snprintf(out, n, "%s – %s", x, y);
}

/* Day number of a civil date (proleptic Gregorian; Howard Hinnant's days_from_civil). */
int64_t time_days_from_civil(int64_t y, int m, int d){
  y -= m<=2;
  int64_t era = (y>=0 ? y : y-399) / 400;
  int64_t yoe = y - era*400;
  int64_t doy = (153*(m + (m>2 ? -3 : 9)) + 2)/5 + d - 1;
  int64_t doe = yoe*365 + yoe/4 - yoe/100 + doy;
  return era*146097 + doe - 719468;
}

/* Civil date of a day number (the inverse of time_days_from_civil). */
void time_civil_from_days(int64_t z, int *y, int *m, int *d){
  z += 719468;
  int64_t era = (z>=0 ? z : z-146096) / 146097;
  int64_t doe = z - era*146097;
  int64_t yoe = (doe - doe/1460 + doe/36524 - doe/146096) / 365;
  int64_t doy = doe - (365*yoe + yoe/4 - yoe/100);
  int64_t mp = (5*doy + 2)/153;
  *d = (int)(doy - (153*mp + 2)/5 + 1);
  *m = (int)(mp<10 ? mp+3 : mp-9);
  *y = (int)(yoe + era*400 + (*m<=2));
}

/* ISO 8601 in UTC: the form every API answer uses (by arithmetic: no locale, no lock). The
** date part of the last day written is kept per thread: the times of one document mostly
** share their days. */
void time_fmt_iso(char *out, size_t n, int64_t t){
  static _Thread_local int64_t last_day = INT64_MIN;
  static _Thread_local char last_date[11];   /* "YYYY-MM-DD" of last_day */
  int64_t day = t>=0 ? t/86400 : -((-t+86399)/86400);
  int64_t s = t - day*86400;
  int y, m, d;
  if( n>=21 && day==last_day ){
    memcpy(out, last_date, 10);
  }else{
    time_civil_from_days(day, &y, &m, &d);
    if( n<21 || y<0 || y>9999 ){
      snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(s/3600), (int)(s/60%60), (int)(s%60));
      return;
    }
    int v[4] = { y/100, y%100, m, d };
    static const char sep[4] = { 0, 0, '-', '-' };
    char *z = out;
    for(int i=0; i<4; i++){
      if( sep[i] ) *z++ = sep[i];
      *z++ = (char)('0' + v[i]/10);
      *z++ = (char)('0' + v[i]%10);
    }
    memcpy(last_date, out, 10);
    last_day = day;
  }
  int v[2] = { (int)(s/3600), (int)(s/60%60) };
  char *z = out + 10;
  for(int i=0; i<2; i++){
    *z++ = i ? ':' : 'T';
    *z++ = (char)('0' + v[i]/10);
    *z++ = (char)('0' + v[i]%10);
  }
  *z++ = ':';
  *z++ = (char)('0' + s%60/10);
  *z++ = (char)('0' + s%10);
  *z++ = 'Z';
  *z = 0;
}

/* An instant as a JSON value: the ISO text in quotes, or null for none (0) or never (INT64_MAX). */
void time_json(Buf *b, int64_t t){
  if( t<=0 || t==INT64_MAX ){ buf_puts(b, "null"); return; }
  char iso[34];
  iso[0] = '"';
  time_fmt_iso(iso+1, sizeof iso - 2, t);   /* digits, '-', ':', 'T', 'Z': nothing to escape */
  size_t n = strlen(iso);
  iso[n] = '"';
  buf_append(b, iso, n+1);
}

/* Parse an ISO 8601 instant in its extended form: "YYYY-MM-DDTHH:MM:SSZ" or with an offset "+07:00"
** (or "+07"; not the basic "+0700" beside an extended time), the seconds left out or not
** ("2026-11-25T10:00+07:00"), their fraction (".123", as JavaScript's toISOString writes it)
** dropped; a time without its zone is refused (whose 10.00?). OK or ERR_INVALID. */
int time_parse_iso(const char *z, int64_t *out){
  if( z==0 || strlen(z)<17 || z[4]!='-' || z[7]!='-' || z[10]!='T' || z[13]!=':' ) return ERR_INVALID;
  int y = util_digits(z, 4), mo = util_digits(z+5, 2), d = util_digits(z+8, 2);
  int h = util_digits(z+11, 2), mi = util_digits(z+14, 2), s = 0;
  const char *r = z+16;
  if( r[0]==':' ){
    s = util_digits(r+1, 2);   /* -1 at a string that ends before two digits */
    if( s<0 ) return ERR_INVALID;
    r += 3;
  }
  if( y<0 || mo<1 || mo>12 || d<1 || d>31 || h<0 || h>23 || mi<0 || mi>59 || s<0 || s>59 ) return ERR_INVALID;
  if( r[0]=='.' && r!=z+16 ){   /* a fraction of the seconds written */
    int digits = 0;
    for(r++; *r>='0' && *r<='9'; r++) digits++;
    if( digits==0 || digits>9 ) return ERR_INVALID;
  }
  int off = 0;
  size_t rn = strlen(r);
  if( r[0]=='Z' && r[1]==0 ) off = 0;
  else if( (r[0]=='+' || r[0]=='-') && (rn==3 || (rn==6 && r[3]==':')) ){
    int oh = util_digits(r+1, 2), om = rn==3 ? 0 : util_digits(r+4, 2);
    if( oh<0 || oh>23 || om<0 || om>59 ) return ERR_INVALID;
    off = (oh*60+om) * (r[0]=='-' ? -1 : 1);
  }else return ERR_INVALID;
  struct tm tm = {0};
  tm.tm_year = y-1900; tm.tm_mon = mo-1; tm.tm_mday = d;
  tm.tm_hour = h; tm.tm_min = mi; tm.tm_sec = s;
  time_t t = timegm(&tm);
  struct tm back;
  gmtime_r(&t, &back);
  if( back.tm_mday!=d || back.tm_mon!=mo-1 ) return ERR_INVALID;   /* 30 February and the like */
  *out = (int64_t)t - off*60;
  return OK;
}

/* Midnight at the start of a "YYYY-MM-DD" day in zone tz (UTC when unknown); OK or ERR_INVALID. */
int time_parse_day(const char *z, const char *tz, int64_t *out){
  if( z==0 || strlen(z)!=10 || z[4]!='-' || z[7]!='-' ) return ERR_INVALID;
  int y = util_digits(z, 4), m = util_digits(z+5, 2), d = util_digits(z+8, 2);
  if( y<1970 || m<1 || m>12 || d<1 || d>31 ) return ERR_INVALID;
  struct tm tm = {0};
  tm.tm_year = y-1900; tm.tm_mon = m-1; tm.tm_mday = d;
  time_t t = timegm(&tm);
  struct tm back;
  gmtime_r(&t, &back);
  if( back.tm_mday!=d || back.tm_mon!=m-1 ) return ERR_INVALID;   /* 31 April and the like */
  int off = tz_offset_minutes(tz);
  *out = (int64_t)t - (int64_t)(off<0 ? 0 : off)*60;
  return OK;
}

/* 1 when z is a real calendar day written YYYY-MM-DD. */
int time_is_day(const char *z){
  int64_t t;
  return z && strlen(z)==10 && z[4]=='-' && z[7]=='-' && time_parse_day(z, "WIB", &t)==OK;
}

/* "YYYY-MM-DD" of instant t in an Indonesian zone (WIB when unknown). */
void time_day_text(char out[11], int64_t t, const char *tz){
  int off = tz_offset_minutes(tz ? tz : "WIB");
  time_t x = (time_t)(t + (int64_t)(off<0 ? 420 : off)*60);
  struct tm tm;
  gmtime_r(&x, &tm);
  if( strftime(out, 11, "%Y-%m-%d", &tm)==0 ) out[0] = 0;
}

/* The calendar year of t in zone tz. */
int time_year(int64_t t, const char *tz){
  struct tm tm;
  time_local(t, tz, &tm);
  return tm.tm_year + 1900;
}

/* The month (1-12) of t in zone tz. */
int time_month(int64_t t, const char *tz){
  struct tm tm;
  time_local(t, tz, &tm);
  return tm.tm_mon + 1;
}
