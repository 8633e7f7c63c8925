/*
** fuzz_time.c — dates, times and durations people and files write: ISO 8601 instants
** (time_parse_iso), YYYY-MM-DD days (time_parse_day, calendar_day_number), local times
** (calendar_parse_local, register_parse_time), office hours and a period's hours
** (calendar_parse_spans, calendar_period_parse) and the SOP time standards
** (sop_standard_parse). What is read and written again reads the same; a period's JSON is JSON.
*/
#include "fuzz.h"
#include "../src/sop/calendar.h"
#include "../src/sop/sop.h"
#include "../src/desk/desk.h"
#include <jansson.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  char *z = fuzz_str(data, size);
  char out[256], again[256];
  int64_t t = 0, t2 = 0, day = 0;

  if( time_parse_iso(z, &t)==OK ){
    time_fmt_iso(out, sizeof out, t);
    FUZZ_CHECK(time_parse_iso(out, &t2)==OK && t2==t);
    time_fmt_human(out, sizeof out, t, "WITA", "id");
    Buf b = BUF_INIT;
    time_json(&b, t);
    buf_free(&b);
  }
  static const char *const zones[] = { "WIB", "WITA", "WIT", "UTC" };
  const char *tz = zones[size ? data[0] & 3 : 0];
  if( time_parse_day(z, tz, &t)==OK ){
    char d[11];
    time_day_text(d, t, tz);
    FUZZ_CHECK(time_is_day(d));
  }
  if( calendar_day_number(z, &day)==OK ){
    char d[11];
    calendar_day_text(day, d);
    FUZZ_CHECK(calendar_day_number(d, &t2)==OK && t2==day);
    FUZZ_CHECK(time_is_day(d));
  }
  time_is_day(z);
  time_fmt_day(out, sizeof out, z, "id");
  for(int style=TIME_YMD_DATE; style<=TIME_YMD_MONTH_SHORT; style++) time_fmt_ymd(out, sizeof out, z, "en", style);
  calendar_parse_local(z, tz, &t);
  register_parse_time(z, tz, &t);
  tz_offset_minutes(z);

  /* office hours, then a period's hours written and read back */
  CalSpan sp[CAL_MAX_SPANS];
  Err e = {0};
  int k = calendar_parse_spans(z, 1, sp, CAL_MAX_SPANS, &e);
  FUZZ_CHECK(k>=-1 && k<=CAL_MAX_SPANS);
  for(int i=0; i<k; i++){
    FUZZ_CHECK(sp[i].opens_min>=0 && sp[i].opens_min<sp[i].closes_min && sp[i].closes_min<=24*60);
    if( i ) FUZZ_CHECK(sp[i-1].closes_min<=sp[i].opens_min);
  }
  CalPeriod p, q;
  memset(&p, 0, sizeof p);
  if( calendar_period_parse(&p, z, &e)==OK ){
    Buf b = BUF_INIT;
    calendar_period_hours_text(&p, &b, "\n", size & 1);
    memset(&q, 0, sizeof q);
    if( p.weekdays ){
      FUZZ_CHECK(calendar_period_parse(&q, buf_str(&b), &e)==OK);
      FUZZ_CHECK(q.weekdays==p.weekdays && q.nspans==p.nspans);
      FUZZ_CHECK(memcmp(q.spans, p.spans, sizeof p.spans[0]*(size_t)p.nspans)==0);
    }
    buf_reset(&b);
    calendar_period_json(&b, &p, 0);
    json_t *j = json_loadb(b.z, b.n, 0, 0);
    FUZZ_CHECK(j!=0);
    json_decref(j);
    buf_free(&b);
  }

  /* a time standard, in words in both languages */
  Standard s, s2;
  const char *why = 0;
  memset(&s, 0, sizeof s);
  if( sop_standard_parse(z, &s, &why)==OK ){
    sop_standard_text(&s, "id", out, sizeof out);
    sop_standard_text(&s, "en", again, sizeof again);
    FUZZ_CHECK(s.seconds>=0 && s.days>=0);
    (void)s2;
  }else{
    FUZZ_CHECK(why!=0);
  }
  free(z);
  return 0;
}
