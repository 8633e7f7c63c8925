/*
** calendar.c — an office's calendar and the clock arithmetic of due times.
**
** Everything is done on local days: a local instant is t + the zone's offset,
** its day number is floor(local / 86400) (days since 1970-01-01), and its
** weekday follows from 1970-01-01 having been a Thursday. Indonesia keeps no
** daylight saving, so a day is always 86400 seconds and the arithmetic is exact.
*/
#include "calendar.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#define DAY 86400
#define CAL_MAX_DAYS 36600        /* a search gives up after 100 years: CAL_NEVER */

/* A period's hours as the arithmetic reads them: day numbers, and its spans by weekday. */
typedef struct CalPer {
  int64_t first, last;                      /* day numbers, inclusive */
  int weekdays;                             /* bit 1<<w: its spans replace weekday w's */
  int nspan[7];
  CalSpan span[7][CAL_MAX_SPANS];
} CalPer;

struct Calendar {
  char tz[8];
  int64_t off;                              /* seconds east of UTC */
  int nspan[7];
  CalSpan span[7][CAL_MAX_SPANS];           /* per weekday, sorted, not overlapping */
  int64_t *hol;                             /* holiday day numbers, sorted, unique */
  int nhol;
  CalPer *per;                              /* periods, by first day, not overlapping */
  int nper;
  int any;                                  /* 1 when some weekday (or a period's) has hours */
};

/* a / b rounded toward minus infinity (b > 0). */
static int64_t cal_floordiv(int64_t a, int64_t b){
  int64_t q = a / b;
  if( (a % b)!=0 && a<0 ) q--;
  return q;
}

/* Weekday (0 Sunday … 6 Saturday) of a day number: 1970-01-01 was a Thursday. */
static int cal_weekday(int64_t day){
  int64_t w = (day + 4) % 7;
  return (int)(w<0 ? w+7 : w);
}

/* Days since 1970-01-01 of "YYYY-MM-DD"; OK or ERR_INVALID. */
int calendar_day_number(const char *z, int64_t *day){
  if( z==0 || strlen(z)!=10 || z[4]!='-' || z[7]!='-' ) return ERR_INVALID;
  int y = util_digits(z, 4), m = util_digits(z+5, 2), d = util_digits(z+8, 2);
  if( y<1970 || y>9999 || m<1 || m>12 || d<1 ) return ERR_INVALID;
  static const int mdays[12] = { 31,28,31,30,31,30,31,31,30,31,30,31 };
  int leap = (y%4==0 && y%100!=0) || y%400==0;
  if( d > mdays[m-1] + (m==2 && leap) ) return ERR_INVALID;
  *day = time_days_from_civil(y, m, d);
  return OK;
}

/* "YYYY-MM-DD" of a day number. */
void calendar_day_text(int64_t day, char out[11]){
  int y, m, d;
  time_civil_from_days(day, &y, &m, &d);
  char tmp[40];
  snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
  memcpy(out, tmp, 10);
  out[10] = 0;
}

/* Compare two int64 values for qsort and bsearch. */
static int cal_cmp_i64(const void *a, const void *b){
  int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
  return x<y ? -1 : x>y;
}

/* Compare two spans by weekday, then opening, for qsort. */
static int cal_cmp_span(const void *a, const void *b){
  const CalSpan *x = a, *y = b;
  if( x->weekday!=y->weekday ) return x->weekday - y->weekday;
  return x->opens_min - y->opens_min;
}

/* 1 when a span is well formed: a weekday and 0 <= opens < closes <= 24:00. */
static int cal_span_valid(const CalSpan *s){
  return s->weekday>=0 && s->weekday<=6 && s->opens_min>=0 && s->closes_min<=1440
      && s->opens_min<s->closes_min;
}

/* Build a calendar from plain data; NULL when anything is invalid. */
Calendar *calendar_new(const char *tz, const CalSpan *spans, int nspans,
                       const char *const *holidays, int nholidays){
  int off = tz_offset_minutes(tz);
  if( off<0 || nspans<0 || nholidays<0 ) return 0;
  Calendar *cal = xcalloc(1, sizeof *cal);
  snprintf(cal->tz, sizeof cal->tz, "%s", tz);
  cal->off = (int64_t)off*60;
  CalSpan *sorted = xmalloc(sizeof(CalSpan)*(size_t)(nspans>0 ? nspans : 1));
  if( nspans>0 ) memcpy(sorted, spans, sizeof(CalSpan)*(size_t)nspans);
  if( nspans>1 ) qsort(sorted, (size_t)nspans, sizeof(CalSpan), cal_cmp_span);
  for(int i=0; i<nspans; i++){
    const CalSpan *s = &sorted[i];
    int w = s->weekday;
    if( !cal_span_valid(s) || cal->nspan[w]>=CAL_MAX_SPANS ) goto bad;
    if( cal->nspan[w]>0 && cal->span[w][cal->nspan[w]-1].closes_min > s->opens_min ) goto bad;
    cal->span[w][cal->nspan[w]++] = *s;
    cal->any = 1;
  }
  free(sorted);
  sorted = 0;
  cal->hol = xmalloc(sizeof(int64_t)*(size_t)(nholidays>0 ? nholidays : 1));
  for(int i=0; i<nholidays; i++){
    if( calendar_day_number(holidays[i], &cal->hol[i])!=OK ) goto bad;
  }
  if( nholidays>1 ) qsort(cal->hol, (size_t)nholidays, sizeof(int64_t), cal_cmp_i64);
  for(int i=0; i<nholidays; i++){
    if( cal->nhol==0 || cal->hol[cal->nhol-1]!=cal->hol[i] ) cal->hol[cal->nhol++] = cal->hol[i];
  }
  return cal;
bad:
  free(sorted);
  calendar_free(cal);
  return 0;
}

/* Release a calendar (NULL is fine). */
void calendar_free(Calendar *cal){
  if( cal==0 ) return;
  free(cal->hol);
  free(cal->per);
  free(cal);
}

/* A day "YYYY-MM-DD" from 1970 to 2100 (the years the calendar shows) as a day number; OK or ERR_INVALID. */
static int holiday_day(const char *z, int64_t *day);

/* What is wrong with a period's weekdays and spans (the msgid about "hours"), the spans of each
** weekday into *out as the arithmetic reads them; NULL when they are right. */
static const char *cal_period_spans(const CalPeriod *p, CalPer *out){
  if( p->weekdays<=0 || p->weekdays>127 ) return N_("Name at least one weekday and its hours, e.g. 1-4 08:00-15:00 (or 6 closed)");
  out->weekdays = p->weekdays;
  if( p->nspans<0 || p->nspans>(int)COUNT(p->spans) ) return "Too many spans of office hours in one day";
  for(int i=0; i<p->nspans; i++){
    const CalSpan *s = &p->spans[i];
    int w = s->weekday;
    if( !cal_span_valid(s) || !(p->weekdays & 1<<w) ) return "Office hours must be spans like 07:30-12:00, each closing after it opens";
    if( out->nspan[w]>=CAL_MAX_SPANS ) return "Too many spans of office hours in one day";
    if( out->nspan[w]>0 && out->span[w][out->nspan[w]-1].closes_min > s->opens_min ){
      return "Spans of office hours must not overlap";   /* or not in order */
    }
    out->span[w][out->nspan[w]++] = *s;
  }
  return 0;
}

/* A period's days and spans as the arithmetic reads them into *out; OK, or ERR_INVALID with
** *e naming every field wrong (from, to, hours; name is not read here). */
static int cal_period_days(const CalPeriod *p, CalPer *out, Err *e){
  Err all = {0};
  memset(out, 0, sizeof *out);
  int days = OK;
  if( holiday_day(p->first, &out->first)!=OK ){
    err_add(&all, "from", N_("The first day must be a real date from 1970 to 2100, written YYYY-MM-DD")); days = ERR_INVALID;
  }
  if( holiday_day(p->last, &out->last)!=OK ){
    err_add(&all, "to", N_("The last day must be a real date from 1970 to 2100, written YYYY-MM-DD")); days = ERR_INVALID;
  }
  if( days==OK && out->last<out->first ) err_add(&all, "to", N_("The last day must not be before the first"));
  err_add(&all, "hours", cal_period_spans(p, out));
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* 1 when a name is acceptable: 1 to HOLIDAY_NAME_MAX characters (not bytes), not blank, no control characters. */
static int holiday_name_ok(const char *z);

/* A whole period (its name too) as the arithmetic reads it into *out; OK, or ERR_INVALID naming
** every field wrong. */
static int cal_period_whole(const CalPeriod *p, CalPer *out, Err *e){
  Err all = {0}, de = {0};
  if( !holiday_name_ok(p->name) ) err_add(&all, "name", N_("The name must be 1 to 120 characters"));
  if( cal_period_days(p, out, &de)!=OK ) err_merge(&all, &de);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* OK when a period is whole, else ERR_INVALID naming the field. */
int calendar_period_check(const CalPeriod *p, Err *e){
  CalPer per;
  return cal_period_whole(p, &per, e);
}

/* Put a period's days and spans into a calendar, in order of first day; ERR_CONFLICT when it shares a day with one. */
static int cal_period_put(Calendar *cal, const CalPer *per){
  int at = 0;
  while( at<cal->nper && cal->per[at].first<per->first ) at++;
  if( (at>0 && cal->per[at-1].last>=per->first) || (at<cal->nper && cal->per[at].first<=per->last) ) return ERR_CONFLICT;
  cal->per = xrealloc(cal->per, sizeof(CalPer)*(size_t)(cal->nper+1));
  memmove(&cal->per[at+1], &cal->per[at], sizeof(CalPer)*(size_t)(cal->nper-at));
  cal->per[at] = *per;
  cal->nper++;
  for(int w=0; w<7; w++) if( per->nspan[w]>0 ) cal->any = 1;
  return OK;
}

/* Give a calendar a period; ERR_INVALID when not whole, ERR_CONFLICT when it overlaps one. */
int calendar_add_period(Calendar *cal, const CalPeriod *p){
  CalPer per;
  return cal_period_whole(p, &per, 0)!=OK ? ERR_INVALID : cal_period_put(cal, &per);
}

/* The calendar's zone name. */
const char *calendar_tz(const Calendar *cal){
  return cal->tz;
}

/* The calendar kept for an office at the connection's epoch (one block: the struct, then the
** holidays, then the periods), else NULL with *ep set for cal_keep(). */
static Calendar *cal_kept(Db *db, int64_t office_id, Epoch *ep){
  size_t n = 0;
  Calendar *cal = memo_fetch(db, "calendar", office_id, &n, ep);
  if( cal==0 ) return 0;
  if( n<sizeof *cal || cal->nhol<0 || cal->nper<0
   || n!=sizeof *cal + sizeof(int64_t)*(size_t)cal->nhol + sizeof(CalPer)*(size_t)cal->nper ){ free(cal); return 0; }
  size_t nh = sizeof(int64_t)*(size_t)cal->nhol, np = sizeof(CalPer)*(size_t)cal->nper;
  int64_t *hol = xmalloc(nh ? nh : 1);
  memcpy(hol, (char*)cal + sizeof *cal, nh);
  CalPer *per = 0;
  if( np ){
    per = xmalloc(np);
    memcpy(per, (char*)cal + sizeof *cal + nh, np);
  }
  cal = xrealloc(cal, sizeof *cal);
  cal->hol = hol;
  cal->per = per;
  return cal;
}

/* Keep a calendar just loaded, at the epoch cal_kept() gave. */
static void cal_keep(const Epoch *ep, int64_t office_id, const Calendar *cal){
  size_t nh = sizeof(int64_t)*(size_t)cal->nhol, np = sizeof(CalPer)*(size_t)cal->nper;
  char *block = xmalloc(sizeof *cal + nh + np + 1);
  memcpy(block, cal, sizeof *cal);
  ((Calendar*)(void*)block)->hol = 0;
  ((Calendar*)(void*)block)->per = 0;
  memcpy(block + sizeof *cal, cal->hol, nh);
  if( np ) memcpy(block + sizeof *cal + nh, cal->per, np);
  memo_keep(ep, "calendar", office_id, block, sizeof *cal + nh + np);
  free(block);
}

/* A calendar being loaded, and how adding its periods went. */
typedef struct CalLoad { Calendar *cal; int rc; } CalLoad;

/* Give the calendar being loaded one stored period (its days and hours: the name counts for nothing here). */
static void cal_load_period(void *ctx, const CalPeriod *p){
  CalLoad *ld = ctx;
  CalPer per;
  if( ld->rc==OK ) ld->rc = cal_period_days(p, &per, 0);
  if( ld->rc==OK ) ld->rc = cal_period_put(ld->cal, &per);
}

/* Load an office's zone, hours, holidays and periods from the database; kept between requests while
** cache_epoch holds (db/epoch.c), each caller gets its own copy to free. */
Calendar *calendar_load(Db *db, int64_t office_id){
  Epoch ep;
  Calendar *kept = cal_kept(db, office_id, &ep);
  if( kept ) return kept;
  char tz[8] = "";
  Stmt *q = db_prepare(db, "SELECT tz FROM office WHERE id=?1");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, office_id);
  int rc = db_step(q);
  if( rc==DB_ROW ) snprintf(tz, sizeof tz, "%s", db_col_text(q, 0));
  db_reset(q);
  if( rc!=DB_ROW ) return 0;

  CalSpan spans[7*CAL_MAX_SPANS];
  int nspans = 0;
  q = db_prepare(db, "SELECT weekday, opens_min, closes_min FROM office_hours"
                     " WHERE office_id=?1 ORDER BY weekday, opens_min");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, office_id);
  while( (rc = db_step(q))==DB_ROW ){
    if( nspans>=(int)COUNT(spans) ){ rc = ERR_INVALID; break; }
    spans[nspans++] = (CalSpan){ db_col_int(q, 0), db_col_int(q, 1), db_col_int(q, 2) };
  }
  db_reset(q);
  if( rc!=DB_DONE ){ log_error("calendar of office %lld: its hours cannot be read", (long long)office_id); return 0; }

  int nhol = 0, cap = 64;
  char (*days)[11] = xmalloc(sizeof(*days)*(size_t)cap);
  q = db_prepare(db, "SELECT day FROM holiday WHERE office_id=?1 ORDER BY day");
  if( q==0 ){ free(days); return 0; }
  db_bind_int64(q, 1, office_id);
  while( (rc = db_step(q))==DB_ROW ){
    if( nhol==cap ){ cap *= 2; days = xrealloc(days, sizeof(*days)*(size_t)cap); }
    snprintf(days[nhol++], 11, "%s", db_col_text(q, 0));
  }
  db_reset(q);
  Calendar *cal = 0;
  if( rc==DB_DONE ){
    const char **ptrs = xmalloc(sizeof(char*)*(size_t)(nhol>0 ? nhol : 1));
    for(int i=0; i<nhol; i++) ptrs[i] = days[i];
    cal = calendar_new(tz, spans, nspans, ptrs, nhol);
    free(ptrs);
  }
  free(days);
  if( cal==0 ){
    log_error("calendar of office %lld: its stored hours or holidays are invalid", (long long)office_id);
    return 0;
  }
  CalLoad ld = { cal, OK };
  if( calendar_periods_each(db, office_id, 0, 0, cal_load_period, &ld)!=OK || ld.rc!=OK ){
    log_error("calendar of office %lld: its periods cannot be read or are invalid", (long long)office_id);
    calendar_free(cal);
    return 0;
  }
  cal_keep(&ep, office_id, cal);
  return cal;
}

/* The instant the local day number day begins. */
int64_t calendar_day_start(const Calendar *cal, int64_t day){
  return day*DAY - cal->off;
}

/* 1 when the day number is one of the calendar's holidays. */
static int cal_is_holiday(const Calendar *cal, int64_t day){
  return cal->nhol>0 && bsearch(&day, cal->hol, (size_t)cal->nhol, sizeof(int64_t), cal_cmp_i64)!=0;
}

/* The period holding a day number, or NULL. */
static const CalPer *cal_period_of(const Calendar *cal, int64_t day){
  int lo = 0, hi = cal->nper;   /* the first period starting after day is at lo */
  while( lo<hi ){
    int mid = lo + (hi-lo)/2;
    if( cal->per[mid].first<=day ) lo = mid+1; else hi = mid;
  }
  return lo>0 && cal->per[lo-1].last>=day ? &cal->per[lo-1] : 0;
}

/* The spans of office hours on a day number: its period's for a weekday the period names,
** else the week's; none on a holiday. Their count in *n. */
static const CalSpan *cal_day_spans(const Calendar *cal, int64_t day, int *n){
  int w = cal_weekday(day);
  const CalPer *p = cal->nper ? cal_period_of(cal, day) : 0;
  if( p && (p->weekdays & 1<<w) ){
    *n = cal_is_holiday(cal, day) ? 0 : p->nspan[w];
    return p->span[w];
  }
  *n = cal_is_holiday(cal, day) ? 0 : cal->nspan[w];
  return cal->span[w];
}

/* 1 when the office is open at t. */
int calendar_is_open(const Calendar *cal, int64_t t){
  int64_t local = t + cal->off;
  int64_t day = cal_floordiv(local, DAY), pos = local - day*DAY;
  int n;
  const CalSpan *s = cal_day_spans(cal, day, &n);
  for(int i=0; i<n; i++){
    if( pos>=(int64_t)s[i].opens_min*60 && pos<(int64_t)s[i].closes_min*60 ) return 1;
  }
  return 0;
}

/* 1 when the local day holding t is a working day. */
int calendar_is_workday(const Calendar *cal, int64_t t){
  int n;
  cal_day_spans(cal, cal_floordiv(t + cal->off, DAY), &n);
  return n>0;
}

/* The instant when `seconds` of office time have passed after start. */
int64_t calendar_add_office(const Calendar *cal, int64_t start, int64_t seconds){
  if( !cal->any ) return CAL_NEVER;
  if( seconds<0 ) seconds = 0;
  int64_t local = start + cal->off;
  int64_t day = cal_floordiv(local, DAY), pos = local - day*DAY;
  int64_t left = seconds;
  for(int64_t last=day+CAL_MAX_DAYS; day<last; ){
    int n;
    const CalSpan *s = cal_day_spans(cal, day, &n);
    for(int i=0; i<n; i++){
      int64_t o = (int64_t)s[i].opens_min*60, c = (int64_t)s[i].closes_min*60;
      if( c<=pos ) continue;
      int64_t from = o>pos ? o : pos;
      if( left <= c-from ) return day*DAY + from + left - cal->off;
      left -= c-from;
      pos = c;
    }
    day++;
    pos = 0;
  }
  return CAL_NEVER;
}

/* Office seconds between two instants. */
int64_t calendar_office_between(const Calendar *cal, int64_t a, int64_t b){
  if( b<=a ) return 0;
  int64_t la = a + cal->off, lb = b + cal->off, total = 0;
  int64_t d0 = cal_floordiv(la, DAY), d1 = cal_floordiv(lb, DAY);
  for(int64_t day=d0; day<=d1; day++){
    int n;
    const CalSpan *s = cal_day_spans(cal, day, &n);
    for(int i=0; i<n; i++){
      int64_t o = day*DAY + (int64_t)s[i].opens_min*60, c = day*DAY + (int64_t)s[i].closes_min*60;
      if( o<la ) o = la;
      if( c>lb ) c = lb;
      if( c>o ) total += c-o;
    }
  }
  return total;
}

/* The close of office on the n-th working day before the event's local day. */
int64_t calendar_workdays_before(const Calendar *cal, int64_t event_t, int n){
  if( n<=0 ) return event_t;
  if( !cal->any ) return CAL_NEVER;
  int64_t day = cal_floordiv(event_t + cal->off, DAY);
  for(int count=0, i=0; i<CAL_MAX_DAYS; i++){
    int k;
    const CalSpan *s = cal_day_spans(cal, --day, &k);
    if( k>0 && ++count==n ) return day*DAY + (int64_t)s[k-1].closes_min*60 - cal->off;
  }
  return CAL_NEVER;
}

/* The instant of a named event, or ERR_NOTFOUND. */
static int cal_event(const CalEvent *events, int nevents, const char *name, int64_t *at){
  for(int i=0; i<nevents; i++){
    if( events[i].name && strcmp(events[i].name, name)==0 ){ *at = events[i].at; return OK; }
  }
  return ERR_NOTFOUND;
}

/* The due time of a step under its standard. */
int calendar_due(const Calendar *cal, const Standard *st, int64_t start,
                 const CalEvent *events, int nevents, int64_t paused_real,
                 int64_t paused_office, int64_t *due){
  int64_t ev = 0;
  *due = 0;
  if( st->seconds<0 || st->days<0 || paused_real<0 || paused_office<0 ) return ERR_INVALID;
  switch( st->kind ){
    case STD_NONE:
      return OK;
    case STD_REAL:
      *due = start + st->seconds + paused_real;
      return OK;
    case STD_OFFICE:
      *due = calendar_add_office(cal, start, st->seconds + paused_office);
      return OK;
    case STD_WORKDAYS_BEFORE:
      if( cal_event(events, nevents, st->event, &ev)!=OK ) return ERR_NOTFOUND;
      *due = calendar_workdays_before(cal, ev, st->days);
      return OK;
    case STD_AFTER_EVENT:
      if( cal_event(events, nevents, st->event, &ev)!=OK ) return ERR_NOTFOUND;
      *due = ev + st->seconds;
      return OK;
    case STD_AFTER_STEP:   /* start: when the step it counts from ended (the caller finds it) */
      *due = st->office ? calendar_add_office(cal, start, st->seconds + paused_office) : start + st->seconds + paused_real;
      return OK;
  }
  return ERR_INVALID;
}

/* Local "YYYY-MM-DD HH:MM TZ" of t. */
void calendar_fmt(const Calendar *cal, int64_t t, char *out, size_t n){
  if( t==CAL_NEVER ){ snprintf(out, n, "never"); return; }
  int64_t local = t + cal->off;
  int64_t day = cal_floordiv(local, DAY), pos = local - day*DAY;
  char d[11];
  calendar_day_text(day, d);
  if( pos%60 ) snprintf(out, n, "%s %02d:%02d:%02d %s", d, (int)(pos/3600), (int)(pos/60%60), (int)(pos%60), cal->tz);
  else snprintf(out, n, "%s %02d:%02d %s", d, (int)(pos/3600), (int)(pos/60%60), cal->tz);
}

/* Parse "YYYY-MM-DD HH:MM" in zone tz into epoch seconds. */
int calendar_parse_local(const char *z, const char *tz, int64_t *out){
  int off = tz_offset_minutes(tz);
  int64_t day;
  char d[11];
  if( off<0 || z==0 || strlen(z)!=16 || z[10]!=' ' || z[13]!=':' ) return ERR_INVALID;
  memcpy(d, z, 10);
  d[10] = 0;
  int h = util_digits(z+11, 2), m = util_digits(z+14, 2);
  if( calendar_day_number(d, &day)!=OK || h<0 || h>23 || m<0 || m>59 ) return ERR_INVALID;
  *out = day*DAY + h*3600 + m*60 - (int64_t)off*60;
  return OK;
}

/* A time "HH:MM" or "H:MM" (or with '.', as Indonesian writes it: 07.30, 7.30) at *z as minutes after
** midnight ("24:00" allowed), advancing *z past it; -1 when malformed. */
static int cal_hhmm(const char **z){
  const char *p = *z;
  int h = 0, nd = 0;
  while( nd<2 && p[nd]>='0' && p[nd]<='9' ){ h = h*10 + (p[nd]-'0'); nd++; }
  if( nd==0 || (p[nd]!=':' && p[nd]!='.') ) return -1;
  int m = util_digits(p+nd+1, 2);
  if( m<0 || m>59 || h>24 || (h==24 && m!=0) || (p[nd+3]>='0' && p[nd+3]<='9') ) return -1;
  *z = p+nd+3;
  return h*60 + m;
}

/* 1 when z says a day is closed in words: "closed" or "tutup" (any case), blanks around. */
static int cal_closed_word(const char *z){
  z += strspn(z, " \t");
  size_t k = strcspn(z, " \t");
  if( z[k + strspn(z+k, " \t")] ) return 0;
  return (k==6 && strncasecmp(z, "closed", 6)==0) || (k==5 && strncasecmp(z, "tutup", 5)==0);
}

/* Parse "HH:MM-HH:MM …" into one weekday's sorted spans: HH.MM or H:MM too, a dash or an en dash
** (07.30–12.00, as the page shows) with or without blanks around it, spans apart by blanks, commas
** or semicolons; nothing, "closed" or "tutup" is a day closed (0 spans). */
int calendar_parse_spans(const char *z, int weekday, CalSpan *out, int max, Err *e){
  int n = 0;
  if( weekday<0 || weekday>6 ){ ERR_SET(e, "weekday", "Weekday must be 0 (Sunday) to 6 (Saturday)"); return -1; }
  if( z && cal_closed_word(z) ) return 0;
  while( z && *z ){
    while( *z==' ' || *z==',' || *z==';' || *z=='\t' ) z++;
    if( *z==0 ) break;
    int o = cal_hhmm(&z), c = -1;
    while( o>=0 && (*z==' ' || *z=='\t') ) z++;
    if( o>=0 && (*z=='-' || strncmp(z, "\xE2\x80\x93", 3)==0) ){
      z += *z=='-' ? 1 : 3;
      while( *z==' ' || *z=='\t' ) z++;
      c = cal_hhmm(&z);
    }
    if( o<0 || c<0 || o>=c || (*z && *z!=' ' && *z!=',' && *z!=';' && *z!='\t') ){
      ERR_SET(e, "hours", "Office hours must be spans like 07:30-12:00, each closing after it opens");
      return -1;
    }
    if( n>=max || n>=CAL_MAX_SPANS ){ ERR_SET(e, "hours", "Too many spans of office hours in one day"); return -1; }
    out[n++] = (CalSpan){ weekday, o, c };
  }
  if( n>1 ) qsort(out, (size_t)n, sizeof(CalSpan), cal_cmp_span);
  for(int i=1; i<n; i++){
    if( out[i-1].closes_min > out[i].opens_min ){ ERR_SET(e, "hours", "Spans of office hours must not overlap"); return -1; }
  }
  return n;
}

/* A weekday digit 0 to 6 at *z, advancing past it; -1 when there is none (or two digits). */
static int cal_weekday_digit(const char **z){
  const char *p = *z;
  if( p[0]<'0' || p[0]>'6' || (p[1]>='0' && p[1]<='9') ) return -1;
  *z = p+1;
  return p[0]-'0';
}

/* One line of a period's hours, "W spans", "W-W spans" or "W closed", into p (untouched on error). */
static int cal_period_line(CalPeriod *p, const char *z, size_t len, Err *e){
  char line[512];
  if( len>=sizeof line ){ ERR_SET(e, "hours", "Too many spans of office hours in one day"); return ERR_INVALID; }
  memcpy(line, z, len);
  line[len] = 0;
  const char *q = util_trim(line);
  if( *q==0 ) return OK;   /* a blank line names nothing */
  int w0 = cal_weekday_digit(&q), w1 = w0;
  if( w0>=0 && (*q=='-' || strncmp(q, "\xE2\x80\x93", 3)==0) ){
    q += *q=='-' ? 1 : 3;
    w1 = cal_weekday_digit(&q);
  }
  if( w0<0 || w1<0 || (*q!=' ' && *q!='\t' && *q!=0) ){
    ERR_SET(e, "hours", N_("Start with the weekday (0 Sunday, 1 Monday … 6 Saturday) or a range of them (1-4), then its spans or closed"));
    return ERR_INVALID;
  }
  if( w1<w0 ){ ERR_SET(e, "hours", N_("A range of weekdays runs forward: 1-4 is Monday to Thursday")); return ERR_INVALID; }
  while( *q==' ' || *q=='\t' ) q++;
  if( *q==0 ){ ERR_SET(e, "hours", N_("Give the day's spans after the weekday, or closed")); return ERR_INVALID; }
  CalSpan one[CAL_MAX_SPANS];
  int n = calendar_parse_spans(q, w0, one, CAL_MAX_SPANS, e);   /* "closed" or "tutup": none */
  if( n<0 ) return ERR_INVALID;
  for(int w=w0; w<=w1; w++){
    if( p->weekdays & 1<<w ){ ERR_SET(e, "hours", N_("A weekday is named twice in the period's hours")); return ERR_INVALID; }
  }
  if( p->nspans + n*(w1-w0+1) > (int)COUNT(p->spans) ){ ERR_SET(e, "hours", "Too many spans of office hours in one day"); return ERR_INVALID; }
  for(int w=w0; w<=w1; w++){
    p->weekdays |= 1<<w;
    for(int i=0; i<n; i++){
      p->spans[p->nspans] = one[i];
      p->spans[p->nspans++].weekday = w;
    }
  }
  if( p->nspans>1 ) qsort(p->spans, (size_t)p->nspans, sizeof(CalSpan), cal_cmp_span);
  return OK;
}

/* Add the weekdays each line of z names to a period; the period as it was on error. */
int calendar_period_parse(CalPeriod *p, const char *z, Err *e){
  CalPeriod was = *p;
  while( z && *z ){
    size_t len = strcspn(z, "\r\n");
    if( cal_period_line(p, z, len, e)!=OK ){ *p = was; return ERR_INVALID; }
    z += len;
    while( *z=='\r' || *z=='\n' ) z++;
  }
  return OK;
}

/* ---- holidays as data ---- */

/* Release the wrong lines noted in a holiday list. */
static void holiday_bad_free(HolidayList *l){
  for(int i=0; i<l->nbad && i<HOLIDAY_BAD_MAX; i++) free(l->bad[i]);
  free(l->bad);
  l->bad = 0;
  l->nbad = 0;
}

/* Release a holiday list's rows and wrong lines. */
void holiday_list_free(HolidayList *l){
  free(l->rows);
  holiday_bad_free(l);
  memset(l, 0, sizeof *l);
}

/* Note one wrong line of a file, "line N: what" (what translated into lang), in l; the first is
** also put in err. */
static void holiday_bad(HolidayList *l, const char *lang, int line, const char *what, char *err, size_t errlen){
  char text[512];
  snprintf(text, sizeof text, i18n_get(lang, N_("line %d: %s")), line, i18n_get(lang, what));
  if( l->nbad==0 ) snprintf(err, errlen, "%s", text);
  if( l->nbad<HOLIDAY_BAD_MAX ){
    if( l->bad==0 ) l->bad = xcalloc(HOLIDAY_BAD_MAX, sizeof(char*));
    l->bad[l->nbad] = xstrdup(text);
  }
  l->nbad++;
}

/* A refused file's wrong lines joined by sep, then "and K more" when more were found than kept. */
void holiday_list_bad_text(const HolidayList *l, const char *lang, const char *sep, Buf *out){
  for(int i=0; i<l->nbad && i<HOLIDAY_BAD_MAX; i++){
    if( i ) buf_puts(out, sep);
    buf_puts(out, l->bad[i]);
  }
  if( l->nbad>HOLIDAY_BAD_MAX ){
    buf_puts(out, sep);
    buf_printf(out, i18n_get(lang, N_("and %d more")), l->nbad-HOLIDAY_BAD_MAX);
  }
}

/* The days of a list that are holidays (not called off). */
int holiday_list_held(const HolidayList *l){
  int n = 0;
  for(int i=0; i<l->n; i++) n += !l->rows[i].cancelled;
  return n;
}

/* Append a row to a list. */
/* The row of the list from index start on that has day, or NULL. */
static const HolidayRow *holiday_seen(const HolidayList *l, int start, const char *day){
  for(int i=start; i<l->n; i++) if( strcmp(l->rows[i].day, day)==0 ) return &l->rows[i];
  return 0;
}

/* Append a holiday to a list. */
static void holiday_push(HolidayList *l, const HolidayRow *r){
  if( l->n==l->cap ){
    l->cap = l->cap ? l->cap*2 : 32;
    l->rows = xrealloc(l->rows, sizeof(HolidayRow)*(size_t)l->cap);
  }
  l->rows[l->n++] = *r;
}

/* A holiday's day "YYYY-MM-DD" as a day number, in the years the calendar shows (1970 to
** 2100, as its page and `calendar list --year`): OK, or ERR_INVALID. */
static int holiday_day(const char *z, int64_t *day){
  return calendar_day_number(z, day)==OK && atoi(z)<=2100 ? OK : ERR_INVALID;
}

/* 1 when a name is acceptable: 1 to HOLIDAY_NAME_MAX characters (not bytes), not blank, no control characters. */
static int holiday_name_ok(const char *z){
  size_t n = strlen(z);
  return n>0 && !util_blank(z) && n<=HOLIDAY_NAME_BYTES && util_utf8_len(z)<=HOLIDAY_NAME_MAX && !util_has_control(z, 0);
}

/* 1 when hay contains needle, ignoring ASCII case. */
static int cal_contains_nocase(const char *hay, const char *needle){
  size_t n = strlen(needle);
  for(; *hay; hay++) if( strncasecmp(hay, needle, n)==0 ) return 1;
  return 0;
}

/* Copy z into dst of size n, cut short when it does not fit. */
static void cal_copy(char *dst, size_t n, const char *z){
  size_t k = strlen(z);
  if( k>=n ) k = n-1;
  memcpy(dst, z, k);
  dst[k] = 0;
}

/* One line of a text, where it starts and its length without its end of line; advances *pos.
** 0 at the end. Lines of any length: the file's own size is the bound. */
static int text_line(const char *text, size_t n, size_t *pos, const char **line, size_t *len){
  if( *pos>=n ) return 0;
  size_t s = *pos, e = s;
  while( e<n && text[e]!='\n' && text[e]!='\r' ) e++;
  /* a line ends at LF, CR LF, or a CR alone (as some old Mac programs write) */
  *pos = e>=n ? e : text[e]=='\r' && e+1<n && text[e+1]=='\n' ? e+2 : e+1;
  *line = text+s;
  *len = e-s;
  return 1;
}

/* 1 when a holiday's name (or an event's categories) says cuti bersama: "Cuti Bersama", or as
** English writes it ("Joint Holiday for Eid al-Fitr", "joint leave", "collective leave"). */
static int holiday_says_cuti(const char *z){
  return cal_contains_nocase(z, "cuti bersama") || cal_contains_nocase(z, "joint holiday")
      || cal_contains_nocase(z, "joint leave") || cal_contains_nocase(z, "collective leave");
}

/* The kind a holiday file writes, as stored: national, cuti_bersama or local, in English or
** Indonesian as a spreadsheet has it ("Libur Nasional", "Cuti Bersama", "lokal"; case, spaces and
** '_' do not count); "" is decided by the name, as in iCalendar: cuti_bersama when it says
** "Cuti Bersama", else national. NULL when not a kind. */
static const char *holiday_kind_word(const char *kind, const char *name){
  static const char *const words[] = {
    "national", "national", "nasional", "national", "libur nasional", "national",
    "hari libur nasional", "national", "national holiday", "national", "public holiday", "national",
    "cuti bersama", "cuti_bersama", "cuti", "cuti_bersama", "collective leave", "cuti_bersama",
    "joint holiday", "cuti_bersama", "joint leave", "cuti_bersama",
    "local", "local", "lokal", "local", "daerah", "local", "libur daerah", "local",
    "libur lokal", "local", "local holiday", "local", "regional", "local", 0,
  };
  if( kind[strspn(kind, " _\t\r\n")]==0 ) return holiday_says_cuti(name) ? "cuti_bersama" : "national";
  return util_word_value(words, kind);
}

/* A spreadsheet's "Cuti Bersama" column (a mark on the rows that are): 1 for yes (Ya, Y, x, v, ✓,
** 1, "Cuti Bersama"), -1 for no (Tidak, T, -, 0), 0 for empty; 2 for anything else (refused). */
static int holiday_cuti_mark(const char *z){
  static const char *const words[] = {
    "ya", "1", "y", "1", "yes", "1", "x", "1", "v", "1", "\xE2\x9C\x93", "1", "\xE2\x9C\x94", "1", "\xE2\x88\x9A", "1",
    "1", "1", "true", "1", "benar", "1", "cuti", "1", "cuti bersama", "1", "cb", "1",
    "tidak", "-", "t", "-", "no", "-", "n", "-", "-", "-", "0", "-", "false", "-", "salah", "-", "bukan", "-", 0,
  };
  if( z[strspn(z, " _\t\r\n")]==0 ) return 0;
  const char *v = util_word_value(words, z);
  return v==0 ? 2 : v[0]=='1' ? 1 : -1;
}

/* The month (1 to 12) a word names, in Indonesian or English, whole or its first three letters
** (Maret, Mar, Agustus, Agu, Agt, August, Aug, Des, Dec), ignoring case; 0 when none. */
static int holiday_month_word(const char *w, size_t n){
  static const char *const names[] = {
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
  };
  /* the spellings and short forms government letters still use: Pebruari, Nopember, Ags, Sept */
  static const struct { const char *w; int m; } old[] = {
    { "agt", 8 }, { "ags", 8 }, { "sept", 9 }, { "pebruari", 2 }, { "peb", 2 }, { "nopember", 11 }, { "nop", 11 },
  };
  for(size_t i=0; i<sizeof old/sizeof old[0]; i++)
    if( n==strlen(old[i].w) && strncasecmp(w, old[i].w, n)==0 ) return old[i].m;
  for(int i=0; i<24; i++){
    if( (n==strlen(names[i]) || n==3) && strncasecmp(w, names[i], n)==0 ) return i%12 + 1;
  }
  return 0;
}

/* The weekdays' names, 0 Sunday … 6 Saturday (msgids). */
static const char *const holiday_weekday_name[7] = {
  N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
};

/* The weekday (0 Sunday … 6 Saturday) the n bytes at w name, in Indonesian or English, whole or
** short, case and blanks around aside ("Jumat", "Jum'at", "Sen", "Friday", "Fri"); -1 when none. */
static int holiday_weekday_word(const char *w, size_t n){
  static const char *const words[] = {
    "minggu", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu",
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "min", "sen", "sel", "rab", "kam", "jum", "sab",
    "sun", "mon", "tue", "wed", "thu", "fri", "sat",
  };
  static const struct { const char *w; int d; } more[] = { { "ahad", 0 }, { "jum'at", 5 }, { "jum\xE2\x80\x99" "at", 5 } };
  while( n>0 && (*w==' ' || *w=='\t') ){ w++; n--; }
  while( n>0 && (w[n-1]==' ' || w[n-1]=='\t') ) n--;
  for(int i=0; i<(int)COUNT(words); i++) if( n==strlen(words[i]) && strncasecmp(w, words[i], n)==0 ) return i%7;
  for(int i=0; i<(int)COUNT(more); i++) if( n==strlen(more[i].w) && strncasecmp(w, more[i].w, n)==0 ) return more[i].d;
  return -1;
}

/* A date as a spreadsheet writes it, into "YYYY-MM-DD": 2026-03-20 (or 2026-3-20, 2026/03/20);
** day first as Indonesia writes it: 20/03/2026, 20-03-2026, 20.03.2026 (or 20/3/2026); or with
** the month's name as the calendar page shows it: 20 Maret 2026, 20-Mar-2026, "Jumat, 20 Maret
** 2026"; each of them followed by midnight, as a cell formatted as a date and time saves it
** ("20/03/2026 0:00", "2026-03-20 00:00:00"). OK, or ERR_INVALID when not such a form or not a
** real day from 1970 to 2100, ERR_CONFLICT when the weekday before it is another day's. */
int calendar_day_read(const char *z, char out[11]){
  int p[3] = {0, 0, 0}, len[3] = {0, 0, 0}, k = 0, month = 0;
  char sep = 0, buf[64];
  const char *comma = strchr(z, ',');
  int wday = comma ? holiday_weekday_word(z, (size_t)(comma-z)) : -1;
  if( comma ) z = comma+1;   /* a weekday before the date: "Jumat, 20 Maret 2026" */
  while( *z==' ' ) z++;
  const char *sp = strrchr(z, ' ');
  if( sp && strspn(sp+1, "0:.")==strlen(sp+1) && strpbrk(sp+1, ":.") && sp[1]=='0' ){
    /* a time of midnight after the date: the date alone */
    if( (size_t)(sp-z)>=sizeof buf ) return ERR_INVALID;
    memcpy(buf, z, (size_t)(sp-z));
    buf[sp-z] = 0;
    for(size_t e=(size_t)(sp-z); e>0 && buf[e-1]==' '; e--) buf[e-1] = 0;
    z = buf;
  }
  for(const char *s=z; ; s++){
    if( *s>='0' && *s<='9' ){ if( ++len[k]>4 ) return ERR_INVALID; p[k] = p[k]*10 + (*s-'0'); continue; }
    if( k==1 && len[1]==0 && month==0 && isalpha((unsigned char)*s) ){   /* the month's name */
      size_t n = 0;
      while( isalpha((unsigned char)s[n]) ) n++;
      if( (month = holiday_month_word(s, n))==0 ) return ERR_INVALID;
      p[1] = month; len[1] = 2;
      s += n-1;
      continue;
    }
    if( len[k]==0 ) return ERR_INVALID;
    if( *s==0 ) break;
    if( k==2 || (*s!='-' && *s!='/' && *s!='.' && !(month || (k==0 && *s==' ' && isalpha((unsigned char)s[1]))) )
     || (sep && *s!=sep) ) return ERR_INVALID;
    sep = *s;
    k++;
  }
  if( k!=2 ) return ERR_INVALID;
  int y, m, d;
  if( len[0]==4 && len[1]<=2 && len[2]<=2 && sep!='.' && !month ){ y = p[0]; m = p[1]; d = p[2]; }
  else if( len[2]==4 && len[0]<=2 && len[1]<=2 ){ d = p[0]; m = p[1]; y = p[2]; }
  else return ERR_INVALID;
  char tmp[40];
  int64_t day;
  snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
  if( strlen(tmp)!=10 ) return ERR_INVALID;
  memcpy(out, tmp, 11);
  if( holiday_day(out, &day)!=OK ) return ERR_INVALID;
  /* the weekday written before it is that day's, else the date or the weekday is mistyped */
  if( wday>=0 && (day%7+11)%7!=wday ) return ERR_CONFLICT;
  return OK;
}

/* 1 when a header's field has word among its words (letters between blanks, '/', ',', '(' …),
** case aside: "Hari/Tanggal" has "tanggal", "Nama Hari Libur" has "nama". */
static int holiday_csv_has_word(const char *field, const char *word){
  size_t n = strlen(word);
  for(const char *s=field; *s; ){
    while( *s && !isalnum((unsigned char)*s) ) s++;
    const char *e = s;
    while( *e && isalnum((unsigned char)*e) ) e++;
    if( (size_t)(e-s)==n && strncasecmp(s, word, n)==0 ) return 1;
    s = e;
  }
  return 0;
}

/* 1 when a date field that does not read is several days, as a decree's table writes them:
** "21-22 Maret 2026", "20/03/2026 - 24/03/2026", "20 s.d. 24 Maret 2026", "20, 23 dan 24 Maret". */
static int holiday_csv_range(const char *z){
  static const char *const words[] = { " - ", "\xE2\x80\x93", "s.d", "s/d", "sampai", "hingga", " dan ", " to ", 0 };
  for(const char *const *w=words; *w; w++) if( cal_contains_nocase(z, *w) ) return 1;
  int i = 0;
  while( isdigit((unsigned char)z[i]) ) i++;
  if( i>=1 && i<=2 && (z[i]==',' || z[i]=='-') ){   /* "21-22 Maret", "20, 23 …" */
    int j = i+1;
    while( z[j]==' ' ) j++;
    int k = j;
    while( isdigit((unsigned char)z[k]) ) k++;
    return k-j>=1 && k-j<=2 && (z[k]==' ' || z[k]==',');
  }
  return 0;
}

/* The column of a header row named one of words, the first word first (case and blanks around do
** not count), or else holding it as a word of its own ("Hari/Tanggal", "Nama Hari Libur"); never
** column skip1 nor skip2 (those of the date and the kind); -1 when none. */
static int holiday_csv_col(char **f, int nf, const char *const *words, int skip1, int skip2){
  for(const char *const *w=words; *w; w++){
    for(int i=0; i<nf; i++) if( i!=skip1 && i!=skip2 && strcasecmp(f[i], *w)==0 ) return i;
    for(int i=0; i<nf; i++) if( i!=skip1 && i!=skip2 && holiday_csv_has_word(f[i], *w) ) return i;
  }
  return -1;
}

/* Read CSV holidays with the separator csv_parse guesses, or (other) the other one; on error
** every wrong row is noted in out (see holiday_bad) and *at is the first one's line; a file whose
** shape is wrong (its quotes, its header) stops the reading there. */
static int holiday_csv_read(const char *text, size_t n, int other, HolidayList *out, const char *lang,
                            char *err, size_t errlen, int *at){
  static const char *const date_words[] = { "date", "tanggal", "tgl", "tgl.", "tanggal libur", 0 };
  static const char *const name_words[] = { "name", "nama", "nama libur", "holiday", "hari libur", "libur", "summary",
                                            "judul", "acara", "event", "keterangan", "uraian", "description", "deskripsi", 0 };
  static const char *const kind_words[] = { "kind", "jenis", "jenis libur", "type", "kategori", "category", 0 };
  static const char *const cuti_words[] = { "cuti bersama", "cuti bersama?", "cb", "cuti", "joint holiday", "joint leave", 0 };
  int start = out->n, seen = 0, nrows, line;
  int col_date = 0, col_name = 1, col_kind = 2, col_cuti = -1, header = 0, header_nf = 0, titled = 0;
  CsvRow *rows;
  const char *what = 0;
  Arena a;
  arena_init(&a);
  if( csv_parse(text, n, CSV_TRIM|CSV_COMMENTS|(other ? CSV_OTHER_SEP : 0), &rows, &nrows, &a, &what, &line)!=OK ) goto refused;
  for(int k=0; k<nrows; k++){
    char **f = rows[k].f;
    int nf = rows[k].n, filled = 0;
    line = rows[k].line;
    for(int i=0; i<nf; i++) if( f[i][0] ) filled++;
    if( f==0 || filled==0 ) continue;   /* a blank line, or an empty row a spreadsheet saves as ",,," */
    HolidayRow r;
    memset(&r, 0, sizeof r);
    if( !seen && !titled && filled==1 && isalpha((unsigned char)f[0][0]) && !strpbrk(f[0], ",;")
        && calendar_day_read(f[0], r.day)!=OK ){
      titled = 1;   /* a title above the table ("DAFTAR HARI LIBUR NASIONAL 2026;;;"): no holiday */
      continue;
    }
    if( !seen++ && calendar_day_read(f[0], r.day)!=OK && holiday_csv_col(f, nf, date_words, -1, -1)>=0 ){
      /* the header: its columns are where the date, name and kind are */
      col_date = holiday_csv_col(f, nf, date_words, -1, -1);
      col_kind = holiday_csv_col(f, nf, kind_words, col_date, -1);
      col_name = holiday_csv_col(f, nf, name_words, col_date, col_kind);
      /* a column marking the rows that are cuti bersama (Ya / Tidak), as a sheet kept by hand has it */
      col_cuti = holiday_csv_col(f, nf, cuti_words, col_date, col_kind);
      if( col_cuti==col_name ) col_cuti = -1;
      header = 1;
      header_nf = nf;
      if( col_name<0 ){ what = N_("the header names no column for the name (name, nama or keterangan)"); goto refused; }
      continue;
    }
    if( seen==1 && !strpbrk(f[0], "0123456789") ){
      /* a first row of words, not a date: a header that names no column for the date */
      what = N_("the first row is neither a holiday nor a header naming the date's column (Tanggal or Date)");
      goto refused;
    }
    const char *day = col_date<nf ? f[col_date] : "", *name = col_name<nf ? f[col_name] : "";
    const char *kind = col_kind>=0 && col_kind<nf ? f[col_kind] : "", *kept;
    int extra = 0, drc = OK, mark = 0;   /* a field after the description, or where the header names no column */
    char wrong[200];
    for(int i=header ? header_nf : 4; i<nf; i++) if( f[i][0] ) extra = 1;
    what = 0;
    if( col_date>=nf || col_name>=nf || (extra && !header) ) what = N_("expected date,name[,kind[,description]]");
    else if( extra ) what = N_("more fields than the header has columns (a name holding the separator is written in quotes)");
    else if( (drc = calendar_day_read(day, r.day))==ERR_CONFLICT ){
      int64_t dn = 0;
      calendar_day_number(r.day, &dn);
      snprintf(wrong, sizeof wrong, i18n_get(lang, N_("%s: that day is a %s (the date or the weekday is mistyped)")), day,
               i18n_get(lang, holiday_weekday_name[(dn%7+11)%7]));
      what = wrong;
    }else if( drc!=OK && holiday_csv_range(day) )
      what = N_("the date is several days: write each day on a row of its own (20/03/2026, then 23/03/2026 …)");
    else if( drc!=OK ) what = N_("the date must be a real day from 1970 to 2100, written YYYY-MM-DD or day first DD/MM/YYYY");
    else if( !holiday_name_ok(name) ) what = N_("the name must be 1 to 120 characters, without control characters");
    else if( (kept = holiday_kind_word(kind, name))==0 ) what = N_("the kind must be national, cuti_bersama or local");
    else if( col_cuti>=0 && (mark = holiday_cuti_mark(col_cuti<nf ? f[col_cuti] : ""))==2 )
      what = N_("the Cuti Bersama column must be Ya or Tidak (or empty)");
    else if( mark && kind[strspn(kind, " _\t\r\n")] && (mark>0)!=(strcmp(kept, "cuti_bersama")==0) )
      what = mark>0 ? N_("the Cuti Bersama column says Ya but the kind says otherwise: correct one of them")
                    : N_("the Cuti Bersama column says Tidak but the kind is Cuti Bersama: correct one of them");
    else if( mark ) kept = mark>0 ? "cuti_bersama" : strcmp(kept, "cuti_bersama")==0 ? "national" : kept;
    if( what ){   /* the next rows are read still: each wrong one is said */
      if( out->nbad==0 ) *at = line;
      holiday_bad(out, lang, line, what, err, errlen);
      continue;
    }
    cal_copy(r.name, sizeof r.name, name);
    cal_copy(r.kind, sizeof r.kind, kept);
    r.line = line;
    const HolidayRow *twice = holiday_seen(out, start, r.day);
    if( twice ){   /* one day, one holiday: the second would replace the first unseen */
      char also[160];
      snprintf(also, sizeof also, i18n_get(lang, N_("%s is also on line %d")), r.day, twice->line);
      if( out->nbad==0 ) *at = line;
      holiday_bad(out, lang, line, also, err, errlen);
      continue;
    }
    holiday_push(out, &r);
  }
  arena_free(&a);
  if( out->nbad==0 ) return OK;
  out->n = start;
  return ERR_INVALID;
refused:
  if( out->nbad==0 ) *at = line;
  holiday_bad(out, lang, line, what, err, errlen);
  out->n = start;
  arena_free(&a);
  return ERR_INVALID;
}

/* Parse CSV holidays: "date,name[,kind[,description]]", or the columns a header row names in
** English or Indonesian (Tanggal, Nama or Keterangan, Jenis; others are left alone). A file the
** separator guessed from its first line does not read (semicolons, and a name with a comma that a
** spreadsheet set to Indonesian leaves unquoted: "10/03/2027;Idul Fitri, hari pertama") is read
** with the other one; when neither reads, the error is that of the reading that got further. */
int holiday_parse_csv(const char *text, size_t n, HolidayList *out, const char *lang, char *err, size_t errlen){
  holiday_bad_free(out);
  if( util_utf8_file(text, n, lang, err, errlen) ){
    out->bad = xcalloc(HOLIDAY_BAD_MAX, sizeof(char*));
    out->bad[out->nbad++] = xstrdup(err);
    return ERR_INVALID;
  }
  int at = 0, at2 = 0;
  if( holiday_csv_read(text, n, 0, out, lang, err, errlen, &at)==OK ) return OK;
  HolidayList first = *out;   /* the first reading's wrong lines, while the other is tried */
  out->bad = 0;
  out->nbad = 0;
  char err2[512];
  if( holiday_csv_read(text, n, 1, out, lang, err2, sizeof err2, &at2)==OK ){ holiday_bad_free(&first); return OK; }
  if( at2>at ){ snprintf(err, errlen, "%s", err2); holiday_bad_free(&first); }
  else{ holiday_bad_free(out); out->bad = first.bad; out->nbad = first.nbad; }
  return ERR_INVALID;
}

/* Undo iCalendar TEXT escapes (\\ \; \, \n \N) in place. */
static void ics_unescape(char *z){
  char *w = z;
  for(; *z; z++){
    if( *z=='\\' && z[1] ){
      z++;
      *w++ = (*z=='n' || *z=='N') ? ' ' : *z;
    }else *w++ = *z;
  }
  *w = 0;
}

/* The day number of an iCalendar date value: "YYYYMMDD", or a date-time at the start of its day
** "YYYYMMDDT000000", floating or with a TZID= (how Outlook writes an all-day event it was not told
** is one). 1 when a whole day, 0 when not (a time of day, a UTC time "…Z"), -1 when no real date. */
static int ics_day(const char *v, int64_t *day){
  size_t n = strlen(v);
  if( n<8 || util_digits(v, 8)<0 ) return 0;
  if( n!=8 && !(n==15 && v[8]=='T' && strcmp(v+9, "000000")==0) ) return 0;
  char d[11];
  snprintf(d, sizeof d, "%.4s-%.2s-%.2s", v, v+4, v+6);
  return holiday_day(d, day)==OK ? 1 : -1;
}

/* 1 when an event's DESCRIPTION (as written, escaped) marks an observance, not a day off: its
** first line is the one word "Perayaan" or "Observance", as Google's holiday calendars write
** it ("Perayaan\nUntuk menyembunyikan…", "Observance\nTo hide…"; their days off say "Hari
** libur nasional", "Public holiday"). A description that goes on in its first line ("Perayaan
** Hari Jadi Kabupaten", a day off an office wrote itself) is not one. */
static int ics_observance(char *desc){
  char *nl = desc;
  while( (nl = strchr(nl, '\\'))!=0 && nl[1]!='n' && nl[1]!='N' ) nl += nl[1] ? 2 : 1;
  if( nl ) *nl = 0;
  ics_unescape(desc);
  const char *w = util_trim(desc);
  return strcasecmp(w, "perayaan")==0 || strcasecmp(w, "observance")==0;
}

/* What a repeating event other than yearly on one date is told. */
static const char ics_rrule_msg[] = N_("RRULE: only a repeat each year on the date of DTSTART is read (FREQ=YEARLY): list a holiday whose date moves on its own day");

/* One VEVENT as read so far. */
typedef struct IcsEvent {
  int line, has_start, has_end, duration_days, cuti, cancelled, observance;
  int bad;                                        /* a line of it was wrong (and said): not checked further */
  int summary_line, end_line, rule_line;          /* where SUMMARY, DTEND (or DURATION), RRULE were */
  int64_t dstart, dend;
  char summary[HOLIDAY_NAME_BYTES+2];             /* one byte more than a name may have: a longer one is seen */
  uint64_t uid;                                   /* FNV-1a of its UID, 0 without one */
  int has_recur;                                  /* RECURRENCE-ID: it stands for the day recur of uid's rule */
  int64_t recur;
  int rule, interval, count, bymonth, bymonthday; /* RRULE:FREQ=YEARLY; count, bymonth, bymonthday 0: not given */
  int64_t until;                                  /* the rule's last day, -1 when not given */
  int64_t *ex;                                    /* EXDATE days */
  int nex, excap;
} IcsEvent;

/* A day of a yearly rule that another event of the same UID stands for (RECURRENCE-ID). */
typedef struct IcsOverride { uint64_t uid; int64_t day; } IcsOverride;

/* The state of a reading: pass 0 checks every line, finds the overrides and the last year the
** file reaches; pass 1 makes the rows. */
typedef struct IcsRead {
  HolidayList *out;
  int start, pass, last_year, observances;
  IcsOverride *ov;
  int nov, ovcap;
  const char *lang;           /* the wrong lines are said in it (see holiday_bad), the first in err */
  char *err;
  size_t errlen;
} IcsRead;

/* FNV-1a of a text (0 stands for none, so never 0). */
static uint64_t ics_hash(const char *z){
  uint64_t h = 1469598103934665603ULL;
  for(; *z; z++){ h ^= (unsigned char)*z; h *= 1099511628211ULL; }
  return h ? h : 1;
}

/* 1 when day is in the event's EXDATE days or another event stands for it (RECURRENCE-ID). */
static int ics_skipped(const IcsRead *rd, const IcsEvent *ev, int64_t day){
  for(int i=0; i<ev->nex; i++) if( ev->ex[i]==day ) return 1;
  for(int i=0; ev->uid && i<rd->nov; i++) if( rd->ov[i].uid==ev->uid && rd->ov[i].day==day ) return 1;
  return 0;
}

/* The days [from, to) of an event: counted into the file's last year (pass 0), or made rows (pass 1). */
static void ics_days(IcsRead *rd, const IcsEvent *ev, int64_t from, int64_t to){
  for(int64_t d=from; d<to; d++){
    int y, m, dd;
    time_civil_from_days(d, &y, &m, &dd);
    if( y>rd->last_year ) rd->last_year = y;
    if( rd->pass==0 ) continue;
    HolidayRow r;
    memset(&r, 0, sizeof r);
    calendar_day_text(d, r.day);
    cal_copy(r.name, sizeof r.name, ev->summary);
    snprintf(r.kind, sizeof r.kind, "%s", ev->cuti ? "cuti_bersama" : "national");
    r.line = ev->line;
    r.cancelled = ev->cancelled;   /* STATUS:CANCELLED: a day off that was called off */
    /* two events on one day: one holiday, a national one rather than cuti bersama; a day kept by
    ** one event is not called off by another */
    HolidayRow *had = (HolidayRow*)holiday_seen(rd->out, rd->start, r.day);
    if( had==0 ) holiday_push(rd->out, &r);
    else if( had->cancelled && !r.cancelled ) *had = r;
    else if( !r.cancelled && !ev->cuti && strcmp(had->kind, "cuti_bersama")==0 ) *had = r;
  }
}

/* Read an RRULE into the event: FREQ=YEARLY with INTERVAL, COUNT, UNTIL, BYMONTH and BYMONTHDAY
** (one value each; checked against DTSTART at the event's end), WKST ignored. 0, or what is wrong
** (a msgid): a value out of its range said as such, anything else asked for as ics_rrule_msg. */
static const char *ics_rrule(char *v, IcsEvent *ev){
  static const char bad_num[] = N_("RRULE: INTERVAL and COUNT must be whole numbers from 1 to 9999");
  static const char bad_by[] = N_("RRULE: BYMONTH must be a month from 1 to 12 and BYMONTHDAY a day from 1 to 31");
  static const char bad_until[] = N_("RRULE: UNTIL must be a real date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)");
  ev->rule = 1; ev->interval = 1; ev->count = 0; ev->bymonth = ev->bymonthday = 0; ev->until = -1;
  int yearly = 0;
  char *save = 0;
  for(char *part=strtok_r(v, ";", &save); part; part=strtok_r(0, ";", &save)){
    char *eq = strchr(part, '=');
    if( eq==0 ) return ics_rrule_msg;
    *eq = 0;
    const char *k = util_trim(part), *val = util_trim(eq+1);
    int num = util_is_digits(val, strlen(val)) && strlen(val)<=4 ? atoi(val) : -1;
    if( !strcasecmp(k, "FREQ") ) yearly = !strcasecmp(val, "YEARLY");
    else if( !strcasecmp(k, "INTERVAL") ){ if( num<1 ) return bad_num; ev->interval = num; }
    else if( !strcasecmp(k, "COUNT") ){ if( num<1 ) return bad_num; ev->count = num; }
    else if( !strcasecmp(k, "BYMONTH") ){ if( num<1 || num>12 ) return bad_by; ev->bymonth = num; }
    else if( !strcasecmp(k, "BYMONTHDAY") ){ if( num<1 || num>31 ) return bad_by; ev->bymonthday = num; }
    else if( !strcasecmp(k, "UNTIL") ){
      /* a date, or a date-time: its date; a UTC one from 17:00 on is the next day in WIB */
      size_t n = strlen(val);
      char d[11];
      if( n<8 || util_digits(val, 8)<0 || (n!=8 && (n<15 || val[8]!='T' || util_digits(val+9, 6)<0)) ) return bad_until;
      snprintf(d, sizeof d, "%.4s-%.2s-%.2s", val, val+4, val+6);
      if( calendar_day_number(d, &ev->until)!=OK ) return bad_until;
      if( n>=16 && (val[15]=='Z' || val[15]=='z') && util_digits(val+9, 2)>=17 ) ev->until++;
    }
    else if( strcasecmp(k, "WKST") ) return ics_rrule_msg;
  }
  return yearly ? 0 : ics_rrule_msg;
}

/* Read EXDATE values (whole days, separated by commas) into the event; 0, or -1. */
static int ics_exdate(char *v, IcsEvent *ev){
  char *save = 0;
  for(char *part=strtok_r(v, ",", &save); part; part=strtok_r(0, ",", &save)){
    int64_t day;
    if( ics_day(util_trim(part), &day)!=1 ) return -1;
    if( ev->nex==ev->excap ){
      ev->excap = ev->excap ? ev->excap*2 : 8;
      ev->ex = xrealloc(ev->ex, sizeof(int64_t)*(size_t)ev->excap);
    }
    ev->ex[ev->nex++] = day;
  }
  return 0;
}

/* An event at its END:VEVENT: checked, then its days (each year's, for a yearly rule). The
** message and the line at fault, or NULL. */
static const char *ics_event_end(IcsRead *rd, IcsEvent *ev, int *at){
  *at = ev->line;
  if( !ev->has_start ) return N_("event without DTSTART");
  if( ev->summary[0]==0 ) return N_("event without SUMMARY");
  if( !holiday_name_ok(ev->summary) ){ *at = ev->summary_line; return N_("SUMMARY must be 1 to 120 characters"); }
  if( !ev->has_end ) ev->dend = ev->dstart + (ev->duration_days>0 ? ev->duration_days : 1);
  else if( ev->dend==ev->dstart ) ev->dend = ev->dstart + 1;   /* some programs write a one-day event's DTEND as its DTSTART */
  if( ev->end_line ) *at = ev->end_line;
  if( ev->dend<=ev->dstart ) return N_("DTEND must come after DTSTART");
  if( ev->dend-ev->dstart>366 ) return N_("an event longer than a year");
  int y0, m0, d0;
  time_civil_from_days(ev->dstart, &y0, &m0, &d0);
  *at = ev->rule_line;
  if( ev->rule && ((ev->bymonth && ev->bymonth!=m0) || (ev->bymonthday && ev->bymonthday!=d0)) ) return ics_rrule_msg;
  *at = ev->line;
  if( holiday_says_cuti(ev->summary) ) ev->cuti = 1;
  if( rd->pass==0 && ev->has_recur && ev->uid ){
    if( rd->nov==rd->ovcap ){
      rd->ovcap = rd->ovcap ? rd->ovcap*2 : 8;
      rd->ov = xrealloc(rd->ov, sizeof(IcsOverride)*(size_t)rd->ovcap);
    }
    rd->ov[rd->nov++] = (IcsOverride){ ev->uid, ev->recur };
  }
  /* a day of note, not a day off; cuti bersama is a day off however a feed marks it */
  if( ev->observance && !ev->cuti ){ rd->observances += rd->pass==1; return 0; }
  if( !ev->rule ){ ics_days(rd, ev, ev->dstart, ev->dend); return 0; }
  /* yearly on the date of DTSTART (29 February only in leap years): to UNTIL, COUNT times, else
  ** through the last year the file reaches (its first year alone while that is being found) */
  int64_t last = ev->until;
  if( last<0 && ev->count==0 ) last = rd->pass==0 ? ev->dstart : time_days_from_civil(rd->last_year>y0 ? rd->last_year : y0, 12, 31);
  for(int y=y0, n=0; y<=2100 && (ev->count==0 || n<ev->count); y+=ev->interval){
    int leap = (y%4==0 && y%100!=0) || y%400==0;
    if( m0==2 && d0==29 && !leap ) continue;
    int64_t day = time_days_from_civil(y, m0, d0);
    if( last>=0 && day>last ) break;
    n++;
    if( !ics_skipped(rd, ev, day) ) ics_days(rd, ev, day, day + (ev->dend-ev->dstart));
  }
  return 0;
}

/* Say a wrong line of an iCalendar text; a line of an event leaves the rest of that event unread. */
static void ics_bad(IcsRead *rd, IcsEvent *ev, int in_event, int line, const char *what){
  holiday_bad(rd->out, rd->lang, line, what, rd->err, rd->errlen);
  if( in_event ) ev->bad = 1;
}

/* One pass over an iCalendar text (see IcsRead): a wrong line is said (ics_bad) and the reading
** goes on; the message and its line of a text whose shape stops the reading there, or NULL. */
static const char *ics_pass(IcsRead *rd, const char *text, size_t n, int *what_line){
  int lineno = 0, in_event = 0, nested = 0, began = 0, ended = 0;
  IcsEvent ev;
  memset(&ev, 0, sizeof ev);
  const char *what = 0;
  Buf logical = BUF_INIT;
  size_t pos = 0, len;
  const char *line;
  if( n>=3 && memcmp(text, "\xEF\xBB\xBF", 3)==0 ) pos = 3;
  /* Read physical lines; a line starting with a space or tab continues the one before. A line
  ** may be as long as it likes, folded or not (a long DESCRIPTION that a program did not fold):
  ** the logical line grows in a Buf, bounded by the file's size. */
  int more = text_line(text, n, &pos, &line, &len);
  if( more ) lineno = 1;
  while( more && what==0 ){
    int at = lineno;
    *what_line = at;
    buf_reset(&logical);
    buf_append(&logical, line, len);
    for(;;){
      more = text_line(text, n, &pos, &line, &len);
      if( !more ) break;
      lineno++;
      if( len==0 || (line[0]!=' ' && line[0]!='\t') ) break;
      buf_append(&logical, line+1, len-1);
    }
    char *z = (char*)buf_str(&logical);
    /* UTF-8 is checked once the line is unfolded: a fold may fall inside a character (RFC 5545 3.1) */
    if( util_utf8_bad_line(z, logical.n) ){ ics_bad(rd, &ev, in_event, at, N_("not UTF-8 text (save the file as UTF-8)")); continue; }
    if( *z==0 ) continue;
    /* NAME[;PARAMS]:VALUE, a quoted parameter may hold a colon (TZID="(UTC+07:00) Bangkok, Hanoi, Jakarta") */
    char *colon = z;
    for(int q=0; *colon && (*colon!=':' || q); colon++) if( *colon=='"' ) q = !q;
    if( *colon==0 && !began ){ what = N_("not an iCalendar file (expected BEGIN:VCALENDAR)"); break; }
    if( *colon==0 ){ ics_bad(rd, &ev, in_event, at, N_("expected NAME:VALUE")); continue; }
    *colon = 0;
    char *value = colon+1, *params = strchr(z, ';');
    if( params ) *params++ = 0;
    if( !began ){
      if( strcasecmp(z, "BEGIN") || strcasecmp(value, "VCALENDAR") ){ what = N_("not an iCalendar file (expected BEGIN:VCALENDAR)"); break; }
      began = 1;
      continue;
    }
    if( !strcasecmp(z, "BEGIN") ){
      if( in_event ) nested++;
      else if( !strcasecmp(value, "VEVENT") ){
        int64_t *ex = ev.ex;
        int excap = ev.excap;
        memset(&ev, 0, sizeof ev);
        ev.ex = ex; ev.excap = excap;
        ev.line = at;
        in_event = 1;
      }
      continue;
    }
    if( !strcasecmp(z, "END") ){
      if( in_event && nested ){ nested--; continue; }
      if( !in_event && !strcasecmp(value, "VCALENDAR") ) ended = 1;
      if( !strcasecmp(value, "VEVENT") ){
        if( !in_event ){ ics_bad(rd, &ev, 0, at, N_("END:VEVENT without BEGIN:VEVENT")); continue; }
        in_event = 0;
        int bad_at = at;
        const char *bad = ev.bad ? 0 : ics_event_end(rd, &ev, &bad_at);
        if( bad ) ics_bad(rd, &ev, 0, bad_at, bad);
      }
      continue;
    }
    if( !in_event || nested || ev.bad ) continue;
    if( !strcasecmp(z, "DTSTART") || !strcasecmp(z, "DTEND") ){
      int is_start = !strcasecmp(z, "DTSTART");
      int whole = ics_day(value, is_start ? &ev.dstart : &ev.dend);
      if( whole<0 ){ ics_bad(rd, &ev, 1, at, is_start ? N_("DTSTART is not a real date") : N_("DTEND is not a real date")); continue; }   /* 20300231 */
      if( whole==0 ){
        ics_bad(rd, &ev, 1, at, is_start ? N_("DTSTART must be a whole day (DTSTART;VALUE=DATE:YYYYMMDD)")
                                         : N_("DTEND must be a whole day (DTEND;VALUE=DATE:YYYYMMDD)"));
        continue;
      }
      if( is_start ) ev.has_start = 1; else{ ev.has_end = 1; ev.end_line = at; }
    }else if( !strcasecmp(z, "DURATION") ){
      /* whole days or weeks (P2D, P1W): the end is the start plus that many days */
      size_t vl = strlen(value);
      int k = vl>=3 && (value[0]=='P' || value[0]=='p') ? util_digits(value+1, (int)vl-2) : -1;
      char unit = vl ? (char)toupper((unsigned char)value[vl-1]) : 0;
      if( k<=0 || (unit!='D' && unit!='W') ){ ics_bad(rd, &ev, 1, at, N_("DURATION must be whole days or weeks (P2D, P1W)")); continue; }
      ev.duration_days = unit=='W' ? k*7 : k;
      ev.end_line = at;
    }else if( !strcasecmp(z, "RRULE") ){
      /* a holiday on the same date each year (1 January, 17 August); one whose date moves is listed each year */
      ev.rule_line = at;
      const char *why = ev.rule ? ics_rrule_msg : ics_rrule(value, &ev);   /* one RRULE an event */
      if( why ){ ics_bad(rd, &ev, 1, at, why); continue; }
    }else if( !strcasecmp(z, "RDATE") ){
      ics_bad(rd, &ev, 1, at, N_("RDATE is not read: list each holiday as an event on its own day")); continue;
    }else if( !strcasecmp(z, "EXDATE") ){
      if( ics_exdate(value, &ev) ){ ics_bad(rd, &ev, 1, at, N_("EXDATE must be whole days (EXDATE;VALUE=DATE:YYYYMMDD)")); continue; }
    }else if( !strcasecmp(z, "RECURRENCE-ID") ){
      if( ics_day(value, &ev.recur)!=1 ){ ics_bad(rd, &ev, 1, at, N_("RECURRENCE-ID must be a whole day (RECURRENCE-ID;VALUE=DATE:YYYYMMDD)")); continue; }
      ev.has_recur = 1;
    }else if( !strcasecmp(z, "UID") ){
      ev.uid = ics_hash(util_trim(value));
    }else if( !strcasecmp(z, "SUMMARY") ){
      ics_unescape(value);
      snprintf(ev.summary, sizeof ev.summary, "%s", util_trim(value));
      ev.summary_line = at;
    }else if( !strcasecmp(z, "STATUS") ){
      ev.cancelled = !strcasecmp(util_trim(value), "CANCELLED");
    }else if( !strcasecmp(z, "DESCRIPTION") ){
      ev.observance = ics_observance(value);
    }else if( !strcasecmp(z, "CATEGORIES") ){
      if( holiday_says_cuti(value) || cal_contains_nocase(value, "cuti_bersama") ) ev.cuti = 1;
    }
  }
  if( what==0 && !began ){ what = N_("not an iCalendar file (expected BEGIN:VCALENDAR)"); *what_line = 1; }
  if( what==0 && in_event ){ what = N_("event without END:VEVENT"); *what_line = ev.line; }
  /* a download cut short after an event would import part of the year, unseen */
  if( what==0 && !ended ){ what = N_("the file ends without END:VCALENDAR (cut short? download it again)"); *what_line = lineno; }
  free(ev.ex);
  buf_free(&logical);
  return what;
}

/* Parse iCalendar holidays (UTF-8, checked line by line once unfolded): each VEVENT's
** DTSTART;VALUE=DATE, DTEND, SUMMARY, CATEGORIES, a yearly RRULE; an event whose STATUS is
** CANCELLED is checked like the others and gives a row marked cancelled (calendar_import
** removes that day when held under its name); an observance (see ics_observance) is checked and
** counted, and gives no row. Two passes: the first checks every line and finds what the second
** needs (the days that overrides stand for, the last year). */
int holiday_parse_ics(const char *text, size_t n, HolidayList *out, const char *lang, char *err, size_t errlen){
  holiday_bad_free(out);
  IcsRead rd = { out, out->n, 0, 0, 0, 0, 0, 0, lang, err, errlen };
  int what_line = 0;
  const char *what = ics_pass(&rd, text, n, &what_line);
  if( what ) holiday_bad(out, lang, what_line, what, err, errlen);
  if( out->nbad==0 ){
    rd.pass = 1;
    what = ics_pass(&rd, text, n, &what_line);
    if( what ) holiday_bad(out, lang, what_line, what, err, errlen);
  }
  free(rd.ov);
  if( out->nbad ){
    out->n = rd.start;
    return ERR_INVALID;
  }
  out->observances += rd.observances;
  return OK;
}

/* 1 when a file of holidays is iCalendar (by its name or its first line). */
int holiday_file_is_ics(const char *name, const char *text, size_t n){
  size_t k = name ? strlen(name) : 0;
  if( k>4 && strcasecmp(name+k-4, ".ics")==0 ) return 1;
  if( n>=3 && memcmp(text, "\xEF\xBB\xBF", 3)==0 ){ text += 3; n -= 3; }
  return n>=15 && strncasecmp(text, "BEGIN:VCALENDAR", 15)==0;
}

/* A file of holidays, iCalendar or CSV by its name or first line, into out. */
int holiday_parse_file(const char *name, const char *text, size_t n, HolidayList *out, const char *lang,
                       char *err, size_t errlen){
  return holiday_file_is_ics(name, text, n) ? holiday_parse_ics(text, n, out, lang, err, errlen)
                                            : holiday_parse_csv(text, n, out, lang, err, errlen);
}

/* ---- the database ---- */

/* Insert or replace one holiday row. */
static int cal_holiday_upsert(Db *db, int64_t office_id, const char *day, const char *name, const char *kind){
  /* a day already held so is not written again: db_changes() says 0 for it */
  Stmt *q = db_prepare(db, "INSERT INTO holiday(office_id, day, name, kind) VALUES(?1,?2,?3,?4)"
                           " ON CONFLICT(office_id, day) DO UPDATE SET name=excluded.name, kind=excluded.kind"
                           " WHERE holiday.name<>excluded.name OR holiday.kind<>excluded.kind");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, day);
  db_bind_text(q, 3, name);
  db_bind_text(q, 4, kind);
  return db_run(q);
}

/* Insert one span of office hours. */
static int cal_span_insert(Db *db, int64_t office_id, const CalSpan *s){
  Stmt *q = db_prepare(db, "INSERT INTO office_hours(office_id, weekday, opens_min, closes_min) VALUES(?1,?2,?3,?4)");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int(q, 2, s->weekday);
  db_bind_int(q, 3, s->opens_min);
  db_bind_int(q, 4, s->closes_min);
  return db_run(q);
}

/* Free what calendar_import told. */
void calendar_import_free(CalImport *ci){
  if( ci==0 ) return;
  free(ci->new_rows);
  free(ci->changed);
  free(ci->kept);
  memset(ci, 0, sizeof *ci);
}

/* The holiday the office holds on day into h: 1, or 0 when none (-1 on a database error). */
static int cal_holiday_get(Db *db, int64_t office_id, const char *day, HolidayRow *h){
  Stmt *q = db_prepare(db, "SELECT name, kind FROM holiday WHERE office_id=?1 AND day=?2");
  if( q==0 ) return -1;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, day);
  int rc = db_step(q), found = rc==DB_ROW;
  if( found ){
    memset(h, 0, sizeof *h);
    cal_copy(h->day, sizeof h->day, day);
    cal_copy(h->name, sizeof h->name, db_col_text(q, 0));
    cal_copy(h->kind, sizeof h->kind, db_col_text(q, 1));
  }
  db_reset(q);
  return rc==DB_ROW || rc==DB_DONE ? found : -1;
}

/* Collect into a CalImport the days held from the list's first day to its last that it does not name. */
typedef struct CalKept { CalImport *ci; const HolidayList *l; } CalKept;
static void cal_kept_day(void *ctx, const HolidayRow *h){
  CalKept *k = ctx;
  for(int i=0; i<k->l->n; i++) if( strcmp(k->l->rows[i].day, h->day)==0 ) return;
  k->ci->kept = xrealloc(k->ci->kept, (size_t)(k->ci->nkept+1)*sizeof *k->ci->kept);
  k->ci->kept[k->ci->nkept++] = *h;
}

/* Insert every row of a list (inside the caller's transaction), telling into ci what each did. */
static int cal_holidays_insert(Db *db, int64_t office_id, const HolidayList *l, CalImport *ci){
  memset(ci, 0, sizeof *ci);
  const char *first = 0, *last = 0;
  for(int i=0; i<l->n; i++){
    const HolidayRow *h = &l->rows[i];
    int rc;
    if( first==0 || strcmp(h->day, first)<0 ) first = h->day;
    if( last==0 || strcmp(h->day, last)>0 ) last = h->day;
    if( h->cancelled ){
      /* called off: the day goes when the office holds it under that event's name (a day
      ** off the office set for another reason stays) */
      Stmt *q = db_prepare(db, "DELETE FROM holiday WHERE office_id=?1 AND day=?2 AND lower(name)=lower(?3)");
      if( q==0 ) return ERR_DB;
      db_bind_int64(q, 1, office_id);
      db_bind_text(q, 2, h->day);
      db_bind_text(q, 3, h->name);
      rc = db_run(q);
      if( rc==OK ) ci->removed += db_changes(db);
    }else{
      HolidayRow was;
      int held = cal_holiday_get(db, office_id, h->day, &was);
      if( held<0 ) return ERR_DB;
      rc = cal_holiday_upsert(db, office_id, h->day, h->name, h->kind);
      if( rc==OK && db_changes(db)==0 ) ci->unchanged++;
      else if( rc==OK && held ){
        ci->changed = xrealloc(ci->changed, (size_t)(ci->nchanged+1)*sizeof *ci->changed);
        ci->changed[ci->nchanged++] = (HolidayChange){ was, h };
      }else if( rc==OK ){
        ci->new_rows = xrealloc(ci->new_rows, (size_t)(ci->nnew+1)*sizeof *ci->new_rows);
        ci->new_rows[ci->nnew++] = h;
        ci->added++;
      }
    }
    if( rc!=OK ) return rc;
  }
  if( first==0 ) return OK;
  return calendar_holidays_each(db, office_id, first, last, cal_kept_day, &(CalKept){ ci, l });
}

/* ---- moving the open clocks after a change (dueshift.c) ---- */

static CalendarHook cal_hooks[4];
static int ncal_hooks;

/* Register a pass of a layer above, run after each calendar change (at start, before threads). */
void calendar_hook_add(CalendarHook fn){
  if( ncal_hooks<(int)COUNT(cal_hooks) ) cal_hooks[ncal_hooks++] = fn;
}

/* Move the office's open clocks from the calendar was (freed here) to the one now stored,
** from the instant from (0: now); counts into *m. */
static int cal_shift(Db *db, int64_t office_id, Calendar *was, int64_t from, CalMoved *m){
  memset(m, 0, sizeof *m);
  if( was==0 ) return ERR_DB;
  Calendar *cal = calendar_load(db, office_id);
  int rc = cal ? OK : ERR_DB;
  if( from<=0 ) from = time_now();
  if( rc==OK ) rc = dueshift_office(db, office_id, was, cal, from, m);
  for(int i=0; rc==OK && i<ncal_hooks; i++) rc = cal_hooks[i](db, office_id, was, cal, from, &m->other);
  calendar_free(cal);
  calendar_free(was);
  return rc;
}

/* The local midnight of the earliest day a list names (0 for none). */
static int64_t cal_list_from(const Calendar *cal, const HolidayList *l){
  int64_t first = 0;
  int have = 0;
  for(int i=0; i<l->n; i++){
    int64_t dn;
    if( calendar_day_number(l->rows[i].day, &dn)==OK && (!have || dn<first) ){ first = dn; have = 1; }
  }
  return have ? calendar_day_start(cal, first) : 0;
}

/* What moved, for an audit row's detail. */
static void cal_moved_text(const CalMoved *m, char *out, size_t n){
  snprintf(out, n, " moved: steps=%d cases=%d other=%d", m->steps, m->cases, m->other);
}

/* The default weekly hours of an Indonesian government office (see docs/calendar.md):
** Monday–Thursday 07:30–16:00 with a 12:00–13:00 break; Friday 07:30–16:30 with an
** 11:30–13:00 break for Friday prayers; Saturday and Sunday closed. These follow the
** usual 37.5-hour, five-day week of government offices; each office sets its own. */
static const CalSpan default_hours[] = {
  { 1, 450, 720 }, { 1, 780, 960 },
  { 2, 450, 720 }, { 2, 780, 960 },
  { 3, 450, 720 }, { 3, 780, 960 },
  { 4, 450, 720 }, { 4, 780, 960 },
  { 5, 450, 690 }, { 5, 780, 990 },
};

/* Give an office the default hours and the embedded national holidays. */
int calendar_defaults(Db *db, const Actor *who, int64_t office_id){
  const char *src = "data/holidays-2026.csv";
  const Embedded *emb = embed_find(src);
  HolidayList l = {0};
  char err[256];
  if( emb==0 ){ log_error("%s is missing from the build", src); return ERR_NOTFOUND; }
  if( holiday_parse_csv((const char*)emb->data, emb->len, &l, "en", err, sizeof err)!=OK ){
    log_error("%s: %s", src, err);
    return ERR_INVALID;
  }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ){ holiday_list_free(&l); return rc; }
  int have = 0;
  Stmt *q = db_prepare(db, "SELECT count(*) FROM office_hours WHERE office_id=?1");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, office_id);
    if( db_step(q)==DB_ROW ) have = db_col_int(q, 0);
    db_reset(q);
  }
  for(size_t i=0; rc==OK && !have && i<COUNT(default_hours); i++) rc = cal_span_insert(db, office_id, &default_hours[i]);
  CalImport ci;
  if( rc==OK ) rc = cal_holidays_insert(db, office_id, &l, &ci);
  calendar_import_free(&ci);
  if( rc==OK ){
    char obj[64], detail[256];
    Actor a = audit_actor_in(who, office_id);
    snprintf(obj, sizeof obj, "office:%lld", (long long)office_id);
    snprintf(detail, sizeof detail, "hours=%s holidays=%d source=%s", have ? "kept" : "default", l.n, src);
    rc = audit_write(db, &a, "calendar.defaults", obj, detail);
  }
  holiday_list_free(&l);
  return db_tx_end(db, own, rc);
}

/* Insert or replace the holidays of a list, all or nothing, audited. */
int calendar_import(Db *db, const Actor *who, int64_t office_id, const HolidayList *l,
                    const char *source, CalImport *ci, CalMoved *moved){
  CalMoved m = {0, 0, 0};
  CalImport told;
  int own, rc = db_tx_begin(db, &own);
  if( ci ) memset(ci, 0, sizeof *ci);
  if( rc!=OK ) return rc;
  Calendar *was = calendar_load(db, office_id);
  int64_t from = was ? cal_list_from(was, l) : 0;
  rc = cal_holidays_insert(db, office_id, l, &told);
  if( rc==OK && l->n>0 ) rc = cal_shift(db, office_id, was, from, &m);
  else calendar_free(was);
  if( rc==OK ){
    char obj[64], detail[640], mv[96];
    Actor a = audit_actor_in(who, office_id);
    cal_moved_text(&m, mv, sizeof mv);
    snprintf(obj, sizeof obj, "office:%lld", (long long)office_id);
    snprintf(detail, sizeof detail, "source=%s days=%d new=%d changed=%d unchanged=%d called_off=%d not_in_file=%d first=%s last=%s;%s",
             source ? source : "", holiday_list_held(l), told.added, told.nchanged, told.unchanged, told.removed, told.nkept,
             l->n ? l->rows[0].day : "", l->n ? l->rows[l->n-1].day : "", mv);
    rc = audit_write(db, &a, "calendar.import", obj, detail);
  }
  rc = db_tx_end(db, own, rc);
  if( moved ) *moved = rc==OK ? m : (CalMoved){0, 0, 0};
  if( ci && rc==OK ) *ci = told;
  else calendar_import_free(&told);
  return rc;
}

/* Check a holiday as calendar_holiday_set does, every wrong field (day, name, kind) named in e. */
int calendar_holiday_check(const char *day, const char *name, const char *kind, Err *e){
  Err all = {0};
  int64_t dn;
  int year = day && strlen(day)==10 && day[4]=='-' && day[7]=='-' ? util_digits(day, 4) : -1;
  if( year>=0 && year<1970 ) err_add(&all, "day", N_("the year must be 1970 to 2100"));   /* a real day, before the calendar's first */
  else if( day==0 || calendar_day_number(day, &dn)!=OK ) err_add(&all, "day", "The day must be a real date written YYYY-MM-DD");
  else if( holiday_day(day, &dn)!=OK ) err_add(&all, "day", N_("the year must be 1970 to 2100"));
  if( name==0 || !holiday_name_ok(name) ) err_add(&all, "name", "The holiday name must be 1 to 120 characters");
  if( kind && *kind && !holiday_kind_word(kind, "") ) err_add(&all, "kind", "The kind must be national, cuti_bersama or local");
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* Add or rename one holiday, audited. */
int calendar_holiday_set(Db *db, const Actor *who, int64_t office_id, const char *day,
                         const char *name, const char *kind, char kept[16], CalMoved *moved, Err *e){
  CalMoved m = {0, 0, 0};
  if( moved ) *moved = m;
  if( calendar_holiday_check(day, name, kind, e)!=OK ) return ERR_INVALID;
  if( kind && *kind ) kind = holiday_kind_word(kind, name);   /* "Libur Daerah", "lokal": local, as on import */
  int64_t dn;
  calendar_day_number(day, &dn);
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  /* no kind given: a renamed holiday keeps its kind; a new one is cuti bersama when its name says
  ** so (as an imported one is), else national */
  char had[16];
  snprintf(had, sizeof had, "%s", holiday_says_cuti(name) ? "cuti_bersama" : "national");
  if( kind==0 || *kind==0 ){
    Stmt *q = db_prepare(db, "SELECT kind FROM holiday WHERE office_id=?1 AND day=?2");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, office_id);
      db_bind_text(q, 2, day);
      if( db_step(q)==DB_ROW ) snprintf(had, sizeof had, "%s", db_col_text(q, 0));
      db_reset(q);
    }
    kind = had;
  }
  Calendar *was = rc==OK ? calendar_load(db, office_id) : 0;
  if( rc==OK ) rc = cal_holiday_upsert(db, office_id, day, name, kind);
  if( rc==OK ) rc = cal_shift(db, office_id, was, was ? calendar_day_start(was, dn) : 0, &m);
  else calendar_free(was);
  if( rc==OK ){
    char obj[64], detail[320], mv[96];
    Actor a = audit_actor_in(who, office_id);
    cal_moved_text(&m, mv, sizeof mv);
    snprintf(obj, sizeof obj, "holiday:%s", day);
    snprintf(detail, sizeof detail, "day=%s name=%s kind=%s;%s", day, name, kind, mv);
    rc = audit_write(db, &a, "calendar.holiday.set", obj, detail);
  }
  rc = db_tx_end(db, own, rc);
  if( moved && rc==OK ) *moved = m;
  if( kept && rc==OK ) snprintf(kept, 16, "%s", kind);
  return rc;
}

/* Remove one holiday, audited. */
int calendar_holiday_remove(Db *db, const Actor *who, int64_t office_id, const char *day, CalMoved *moved){
  CalMoved m = {0, 0, 0};
  if( moved ) *moved = m;
  int64_t dn;
  if( calendar_day_number(day, &dn)!=OK ) return ERR_INVALID;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Calendar *was = calendar_load(db, office_id);
  Stmt *q = db_prepare(db, "DELETE FROM holiday WHERE office_id=?1 AND day=?2");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, day);
    rc = db_run(q);
    if( rc==OK && db_changes(db)==0 ) rc = ERR_NOTFOUND;
  }
  if( rc==OK ) rc = cal_shift(db, office_id, was, was ? calendar_day_start(was, dn) : 0, &m);
  else calendar_free(was);
  if( rc==OK ){
    char obj[64], detail[160], mv[96];
    Actor a = audit_actor_in(who, office_id);
    cal_moved_text(&m, mv, sizeof mv);
    snprintf(obj, sizeof obj, "holiday:%s", day);
    snprintf(detail, sizeof detail, "day=%s;%s", day, mv);
    rc = audit_write(db, &a, "calendar.holiday.remove", obj, detail);
  }
  rc = db_tx_end(db, own, rc);
  if( moved && rc==OK ) *moved = m;
  return rc;
}

/* Replace one weekday's spans, audited. */
int calendar_hours_set(Db *db, const Actor *who, int64_t office_id, int weekday,
                       const CalSpan *spans, int n, CalMoved *moved, Err *e){
  CalMoved m = {0, 0, 0};
  if( moved ) *moved = m;
  if( weekday<0 || weekday>6 ){ ERR_SET(e, "weekday", "Weekday must be 0 (Sunday) to 6 (Saturday)"); return ERR_INVALID; }
  if( n<0 || n>CAL_MAX_SPANS ){ ERR_SET(e, "hours", "Too many spans of office hours in one day"); return ERR_INVALID; }
  for(int i=0; i<n; i++){
    if( spans[i].weekday!=weekday || !cal_span_valid(&spans[i]) || (i>0 && spans[i-1].closes_min>spans[i].opens_min) ){
      ERR_SET(e, "hours", "Office hours must be spans like 07:30-12:00, each closing after it opens");
      return ERR_INVALID;
    }
  }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Calendar *was = calendar_load(db, office_id);
  Stmt *q = db_prepare(db, "DELETE FROM office_hours WHERE office_id=?1 AND weekday=?2");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, office_id);
    db_bind_int(q, 2, weekday);
    rc = db_run(q);
  }
  for(int i=0; rc==OK && i<n; i++) rc = cal_span_insert(db, office_id, &spans[i]);
  if( rc==OK && n==0 ){
    /* a week without hours gives no standard a due time: nothing would ever be late */
    q = db_prepare(db, "SELECT count(*) FROM office_hours WHERE office_id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, office_id);
      if( db_step(q)!=DB_ROW ) rc = ERR_DB;
      else if( db_col_int(q, 0)==0 ){
        ERR_SET(e, "hours", N_("The office must be open on at least one day of the week: without office hours no standard has a due time"));
        rc = ERR_INVALID;
      }
      db_reset(q);
    }
  }
  if( rc==OK ) rc = cal_shift(db, office_id, was, 0, &m);   /* weekly hours have no date: from now on */
  else calendar_free(was);
  if( rc==OK ){
    char obj[64], mv[96];
    Buf d = BUF_INIT;
    buf_printf(&d, "weekday=%d spans=", weekday);
    for(int i=0; i<n; i++){
      buf_printf(&d, "%s%02d:%02d-%02d:%02d", i ? "," : "", spans[i].opens_min/60, spans[i].opens_min%60,
                 spans[i].closes_min/60, spans[i].closes_min%60);
    }
    if( n==0 ) buf_puts(&d, "closed");
    cal_moved_text(&m, mv, sizeof mv);
    buf_printf(&d, ";%s", mv);
    Actor a = audit_actor_in(who, office_id);
    snprintf(obj, sizeof obj, "office:%lld", (long long)office_id);
    rc = audit_write(db, &a, "calendar.hours.set", obj, buf_str(&d));
    buf_free(&d);
  }
  rc = db_tx_end(db, own, rc);
  if( moved && rc==OK ) *moved = m;
  return rc;
}

/* Call each() for every span of the office's week, Monday first, by opening time. */
int calendar_hours_each(Db *db, int64_t office_id, void (*each)(void *ctx, const CalSpan *s), void *ctx){
  Stmt *q = db_prepare(db, "SELECT weekday, opens_min, closes_min FROM office_hours"
                           " WHERE office_id=?1 ORDER BY (weekday+6)%7, opens_min");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  int rc;
  while( (rc = db_step(q))==DB_ROW ){
    CalSpan sp = { db_col_int(q, 0), db_col_int(q, 1), db_col_int(q, 2) };
    each(ctx, &sp);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* The year, this one or (from October) the next, for which the office keeps no national holiday
** yet, else 0: due times that fall in it count every weekday as a working day. */
int calendar_missing_year(Db *db, int64_t office_id, int64_t now, const char *tz){
  int year = time_year(now, tz);
  int next = time_year(now + 92*86400, tz);   /* 1 October onwards: next year's dates are due soon */
  Stmt *q = db_prepare(db, "SELECT 1 FROM holiday WHERE office_id=?1 AND day>=?2 AND day<=?3 AND kind='national' LIMIT 1");
  if( q==0 ) return 0;
  int missing = 0;
  for(int y=year; y<=next && !missing; y++){
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01-01", y);
    snprintf(to, sizeof to, "%04d-12-31", y);
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, from);
    db_bind_text(q, 3, to);
    if( db_step(q)==DB_DONE ) missing = y;
    db_reset(q);
  }
  db_reset(q);
  return missing;
}

/* Call each() for every holiday from..to (inclusive; NULL for open ends), by day. */
int calendar_holidays_each(Db *db, int64_t office_id, const char *from, const char *to,
                           void (*each)(void *ctx, const HolidayRow *h), void *ctx){
  Stmt *q = db_prepare(db, "SELECT day, name, kind FROM holiday WHERE office_id=?1"
                           " AND day>=?2 AND day<=?3 ORDER BY day");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, from ? from : "0000-00-00");
  db_bind_text(q, 3, to ? to : "9999-99-99");
  int rc;
  while( (rc = db_step(q))==DB_ROW ){
    HolidayRow h;
    memset(&h, 0, sizeof h);
    snprintf(h.day, sizeof h.day, "%s", db_col_text(q, 0));
    snprintf(h.name, sizeof h.name, "%s", db_col_text(q, 1));
    snprintf(h.kind, sizeof h.kind, "%s", db_col_text(q, 2));
    each(ctx, &h);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* ---- periods with their own hours in the database ---- */

/* Call each() for every period of the office sharing a day with from..to (NULL: open ends), by
** first day (its spans read with it). */
int calendar_periods_each(Db *db, int64_t office_id, const char *from, const char *to,
                          void (*each)(void *ctx, const CalPeriod *p), void *ctx){
  Stmt *q = db_prepare(db, "SELECT p.id, p.name, p.first_day, p.last_day, p.weekdays, h.weekday, h.opens_min, h.closes_min"
                           " FROM calendar_period p LEFT JOIN calendar_period_hours h ON h.period_id=p.id"
                           " WHERE p.office_id=?1 AND p.last_day>=?2 AND p.first_day<=?3"
                           " ORDER BY p.first_day, p.id, h.weekday, h.opens_min");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, from ? from : "0000-00-00");
  db_bind_text(q, 3, to ? to : "9999-99-99");
  CalPeriod *p = xcalloc(1, sizeof *p);
  int rc, have = 0;
  while( (rc = db_step(q))==DB_ROW ){
    int64_t id = db_col_int64(q, 0);
    if( have && p->id!=id ){ each(ctx, p); have = 0; }
    if( !have ){
      memset(p, 0, sizeof *p);
      p->id = id;
      cal_copy(p->name, sizeof p->name, db_col_text(q, 1));
      cal_copy(p->first, sizeof p->first, db_col_text(q, 2));
      cal_copy(p->last, sizeof p->last, db_col_text(q, 3));
      p->weekdays = db_col_int(q, 4);
      have = 1;
    }
    if( !db_col_null(q, 5) && p->nspans<(int)COUNT(p->spans) ){
      p->spans[p->nspans++] = (CalSpan){ db_col_int(q, 5), db_col_int(q, 6), db_col_int(q, 7) };
    }
  }
  db_reset(q);
  if( rc==DB_DONE && have ) each(ctx, p);
  free(p);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* The period of the office a list is looking for, and whether it was seen. */
typedef struct CalFind { int64_t id; CalPeriod *out; int found; } CalFind;

/* Keep the period looked for. */
static void cal_find_period(void *ctx, const CalPeriod *p){
  CalFind *f = ctx;
  if( p->id==f->id ){ *f->out = *p; f->found = 1; }
}

/* One stored period of the office into *p; ERR_NOTFOUND when it has none with that id. */
static int cal_period_get(Db *db, int64_t office_id, int64_t id, CalPeriod *p){
  CalFind f = { id, p, 0 };
  int rc = calendar_periods_each(db, office_id, 0, 0, cal_find_period, &f);
  return rc!=OK ? rc : f.found ? OK : ERR_NOTFOUND;
}

/* A period's hours as lines "W spans" apart by sep, Monday first: "1 08:00-15:00,5 08:00-15:30,6 closed";
** with ranges, weekdays in a row with the same spans as one line ("1-4 08:00-15:00"). */
void calendar_period_hours_text(const CalPeriod *p, Buf *b, const char *sep, int ranges){
  char day[7][12*CAL_MAX_SPANS+8];
  for(int w=0; w<7; w++){
    size_t n = 0;
    day[w][0] = 0;
    for(int i=0; i<p->nspans; i++){
      const CalSpan *s = &p->spans[i];
      if( s->weekday!=w ) continue;
      n += (size_t)snprintf(day[w] + n, sizeof day[w] - n, "%s%02d:%02d-%02d:%02d", n ? " " : "",
                            s->opens_min/60, s->opens_min%60, s->closes_min/60, s->closes_min%60);
      if( n>=sizeof day[w] ) n = sizeof day[w] - 1;
    }
    if( n==0 ) snprintf(day[w], sizeof day[w], "closed");
  }
  int first = 1;
  for(int k=1; k<=7; k++){
    int w = k % 7, to = w;
    if( !(p->weekdays & 1<<w) ) continue;
    /* a range runs forward, so Sunday (0) starts none after Monday's */
    while( ranges && w!=0 && to<6 && (p->weekdays & 1<<(to+1)) && strcmp(day[to+1], day[w])==0 ) to++;
    if( to>w ) buf_printf(b, "%s%d-%d %s", first ? "" : sep, w, to, day[w]);
    else buf_printf(b, "%s%d %s", first ? "" : sep, w, day[w]);
    first = 0;
    k += to - w;
  }
}

/* The audit row of a period added, changed (was: as it was) or removed: its name, days and
** hours, and what moved. */
static int cal_period_audit(Db *db, const Actor *who, int64_t office_id, const char *action, const CalPeriod *p,
                            const CalPeriod *was, const CalMoved *m){
  char obj[64], mv[96];
  Buf d = BUF_INIT;
  buf_printf(&d, "name=%s first=%s last=%s hours=", p->name, p->first, p->last);
  calendar_period_hours_text(p, &d, ",", 0);
  if( was ){
    buf_printf(&d, "; was name=%s first=%s last=%s hours=", was->name, was->first, was->last);
    calendar_period_hours_text(was, &d, ",", 0);
  }
  cal_moved_text(m, mv, sizeof mv);
  buf_printf(&d, ";%s", mv);
  Actor a = audit_actor_in(who, office_id);
  snprintf(obj, sizeof obj, "period:%lld", (long long)p->id);
  int rc = audit_write(db, &a, action, obj, buf_str(&d));
  buf_free(&d);
  return rc;
}

/* A period as JSON: {"id","name","from","to","days":[{"weekday","hours":[{"opens","closes"}]}]},
** the days it names Monday first (a day closed has no hours), and the members extra holds. */
void calendar_period_json(Buf *b, const CalPeriod *p, const char *extra){
  buf_printf(b, "{\"id\":%lld,\"name\":%J,\"from\":%J,\"to\":%J,\"days\":[", (long long)p->id, p->name, p->first, p->last);
  for(int k=1, n=0; k<=7; k++){
    int w = k % 7;
    if( !(p->weekdays & 1<<w) ) continue;
    buf_printf(b, "%R{\"weekday\":%d,\"hours\":[", n++ ? "," : "", w);
    for(int i=0, m=0; i<p->nspans; i++){
      const CalSpan *s = &p->spans[i];
      if( s->weekday!=w ) continue;
      buf_printf(b, "%R{\"opens\":\"%02d:%02d\",\"closes\":\"%02d:%02d\"}", m++ ? "," : "",
                 s->opens_min/60, s->opens_min%60, s->closes_min/60, s->closes_min%60);
    }
    buf_puts(b, "]}");
  }
  buf_printf(b, "]%R%R}", extra ? "," : "", extra ? extra : "");
}

/* The period of the office other than except (0: none) that shares a day with first..last,
** into *clash: OK when there is one, ERR_NOTFOUND when none. */
static int cal_period_overlap(Db *db, int64_t office_id, int64_t except, const char *first, const char *last,
                              CalPeriod *clash){
  Stmt *q = db_prepare(db, "SELECT id FROM calendar_period WHERE office_id=?1 AND first_day<=?3 AND last_day>=?2"
                           " AND id<>?4 ORDER BY first_day LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, first);
  db_bind_text(q, 3, last);
  db_bind_int64(q, 4, except);
  int rc = db_step(q);
  int64_t id = rc==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  if( rc==DB_DONE ) return ERR_NOTFOUND;
  if( rc!=DB_ROW ) return ERR_DB;
  return cal_period_get(db, office_id, id, clash);
}

/* Store a period, new (p->id 0: it gets its row) or over the stored one of that id, audited;
** the open clocks move from the local midnight of its first day, or of the stored one's when
** that is earlier. ERR_NOTFOUND when the office has no period p->id. */
static int cal_period_save(Db *db, const Actor *who, int64_t office_id, CalPeriod *p, CalPeriod *clash,
                           CalMoved *moved, Err *e){
  CalMoved m = {0, 0, 0};
  if( moved ) *moved = m;
  CalPer per;
  if( cal_period_whole(p, &per, e)!=OK ) return ERR_INVALID;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  CalPeriod *old = xcalloc(2, sizeof *old), *other = old+1;
  int64_t from = per.first;   /* the first day the change touches */
  if( p->id ){
    rc = cal_period_get(db, office_id, p->id, old);
    int64_t was_first;
    if( rc==OK && calendar_day_number(old->first, &was_first)==OK && was_first<from ) from = was_first;
  }
  if( rc==OK ){
    rc = cal_period_overlap(db, office_id, p->id, p->first, p->last, other);
    if( rc==OK ){
      if( clash ) *clash = *other;
      ERR_SET(e, "from", N_("The period overlaps another period of the office"));
      rc = ERR_CONFLICT;
    }else if( rc==ERR_NOTFOUND ) rc = OK;
  }
  Calendar *was = rc==OK ? calendar_load(db, office_id) : 0;
  if( rc==OK ){
    Stmt *q = p->id ? db_prepare(db, "UPDATE calendar_period SET name=?2, first_day=?3, last_day=?4, weekdays=?5"
                                     " WHERE id=?1 AND office_id=?6")
                    : db_prepare(db, "INSERT INTO calendar_period(office_id, name, first_day, last_day, weekdays, created_at)"
                                     " VALUES(?1,?2,?3,?4,?5,?6) RETURNING id");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, p->id ? p->id : office_id);
      db_bind_text(q, 2, p->name);
      db_bind_text(q, 3, p->first);
      db_bind_text(q, 4, p->last);
      db_bind_int(q, 5, p->weekdays);
      db_bind_int64(q, 6, p->id ? office_id : time_now());
      if( p->id ) rc = db_run(q);
      else{
        rc = db_step(q)==DB_ROW ? OK : ERR_DB;
        if( rc==OK ) p->id = db_col_int64(q, 0);
        db_reset(q);
      }
    }
  }
  if( rc==OK && old->id ){   /* its spans are replaced */
    rc = db_run_id(db, "DELETE FROM calendar_period_hours WHERE period_id=?1", p->id);
  }
  for(int i=0; rc==OK && i<p->nspans; i++){
    Stmt *q = db_prepare(db, "INSERT INTO calendar_period_hours(period_id, weekday, opens_min, closes_min) VALUES(?1,?2,?3,?4)");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, p->id);
    db_bind_int(q, 2, p->spans[i].weekday);
    db_bind_int(q, 3, p->spans[i].opens_min);
    db_bind_int(q, 4, p->spans[i].closes_min);
    rc = db_run(q);
  }
  if( rc==OK ) rc = cal_shift(db, office_id, was, was ? calendar_day_start(was, from) : 0, &m);
  else calendar_free(was);
  if( rc==OK ) rc = cal_period_audit(db, who, office_id, old->id ? "calendar.period.set" : "calendar.period.add", p,
                                     old->id ? old : 0, &m);
  rc = db_tx_end(db, own, rc);
  if( rc!=OK && old->id==0 ) p->id = 0;
  if( moved && rc==OK ) *moved = m;
  free(old);
  return rc;
}

/* Store a new period, audited; the open clocks move from the local midnight of its first day. */
int calendar_period_add(Db *db, const Actor *who, int64_t office_id, CalPeriod *p, CalPeriod *clash,
                        CalMoved *moved, Err *e){
  p->id = 0;
  return cal_period_save(db, who, office_id, p, clash, moved, e);
}

/* Change a stored period (p->id) to p, audited; the open clocks move from the earlier first day. */
int calendar_period_set(Db *db, const Actor *who, int64_t office_id, CalPeriod *p, CalPeriod *clash,
                        CalMoved *moved, Err *e){
  if( p->id<=0 ){
    if( moved ) *moved = (CalMoved){0, 0, 0};
    return ERR_NOTFOUND;
  }
  return cal_period_save(db, who, office_id, p, clash, moved, e);
}

/* Remove a period, audited; the open clocks move from the local midnight of its first day. */
int calendar_period_remove(Db *db, const Actor *who, int64_t office_id, int64_t id, CalPeriod *gone,
                           CalMoved *moved){
  CalMoved m = {0, 0, 0};
  if( moved ) *moved = m;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  CalPeriod *p = xcalloc(1, sizeof *p);
  rc = cal_period_get(db, office_id, id, p);
  Calendar *was = rc==OK ? calendar_load(db, office_id) : 0;
  int64_t first = 0;
  if( rc==OK && calendar_day_number(p->first, &first)!=OK ) rc = ERR_INVALID;
  for(int i=0; rc==OK && i<2; i++){   /* its spans, then the period */
    Stmt *q = i==0 ? db_prepare(db, "DELETE FROM calendar_period_hours WHERE period_id=?1")
                   : db_prepare(db, "DELETE FROM calendar_period WHERE id=?1");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, id);
    rc = db_run(q);
  }
  if( rc==OK ) rc = cal_shift(db, office_id, was, was ? calendar_day_start(was, first) : 0, &m);
  else calendar_free(was);
  if( rc==OK ) rc = cal_period_audit(db, who, office_id, "calendar.period.remove", p, 0, &m);
  rc = db_tx_end(db, own, rc);
  if( gone && rc==OK ) *gone = *p;
  if( moved && rc==OK ) *moved = m;
  free(p);
  return rc;
}
