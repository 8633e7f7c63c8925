/*
** test_time.c — Indonesia's time zones, dates written as people here write
** them, and ISO 8601 for the API.
*/
#include "unit.h"
#include <time.h>

#define T_2026_11_20_0730Z  INT64_C(1795159800)   /* 2026-11-20T07:30:00Z */
#define T_2026_12_31_1800Z  INT64_C(1798740000)   /* 2026-12-31T18:00:00Z */

/* The three zones of Indonesia, in minutes east of UTC. */
static void test_zone_offsets(void **state){
  assert_int_equal(tz_offset_minutes("WIB"), 7*60);
  assert_int_equal(tz_offset_minutes("WITA"), 8*60);
  assert_int_equal(tz_offset_minutes("WIT"), 9*60);
}

/* Anything else is unknown. */
static void test_unknown_zone_is_minus_one(void **state){
  assert_int_equal(tz_offset_minutes("EST"), -1);
  assert_int_equal(tz_offset_minutes("wib"), -1);
  assert_int_equal(tz_offset_minutes(""), -1);
  assert_int_equal(tz_offset_minutes(NULL), -1);
}

/* Indonesian writes the time with a dot; English with a colon. */
static void test_human_time_in_wib(void **state){
  char s[64];
  time_fmt_human(s, sizeof s, T_2026_11_20_0730Z, "WIB", "id");
  assert_string_equal(s, "20 November 2026, 14.30 WIB");
  time_fmt_human(s, sizeof s, T_2026_11_20_0730Z, "WIB", "en");
  assert_string_equal(s, "20 November 2026, 14:30 WIB");
}

/* The same instant in Makassar and Jayapura. */
static void test_human_time_in_wita_and_wit(void **state){
  char s[64];
  time_fmt_human(s, sizeof s, T_2026_11_20_0730Z, "WITA", "id");
  assert_string_equal(s, "20 November 2026, 15.30 WITA");
  time_fmt_human(s, sizeof s, T_2026_11_20_0730Z, "WIT", "id");
  assert_string_equal(s, "20 November 2026, 16.30 WIT");
}

/* New Year's Eve in UTC is already New Year's Day in Papua. */
static void test_local_time_crosses_into_the_next_year(void **state){
  char s[64];
  time_fmt_human(s, sizeof s, T_2026_12_31_1800Z, "WIT", "id");
  assert_string_equal(s, "1 Januari 2027, 03.00 WIT");
  time_fmt_human(s, sizeof s, T_2026_12_31_1800Z, "WIT", "en");
  assert_string_equal(s, "1 January 2027, 03:00 WIT");
  time_fmt_human(s, sizeof s, T_2026_12_31_1800Z, "WIB", "id");
  assert_string_equal(s, "1 Januari 2027, 01.00 WIB");
}

/* Crossing midnight changes the day in the local date. */
static void test_local_time_crosses_midnight(void **state){
  char s[64];
  int64_t t = T_2026_11_20_0730Z + 10*3600;   /* 17:30Z: 00:30 of the 21st in WIB */
  time_fmt_human(s, sizeof s, t, "WIB", "id");
  assert_string_equal(s, "21 November 2026, 00.30 WIB");
  time_fmt_date(s, sizeof s, t, "WIB", "id");
  assert_string_equal(s, "21 November 2026");
}

/* Month names are Indonesian by default and English on request. */
static void test_month_names_per_language(void **state){
  char s[64];
  int64_t may5 = INT64_C(1777939200);   /* 2026-05-05T00:00:00Z */
  time_fmt_date(s, sizeof s, may5, "WIB", "id");
  assert_string_equal(s, "5 Mei 2026");
  time_fmt_date(s, sizeof s, may5, "WIB", "en");
  assert_string_equal(s, "5 May 2026");
  time_fmt_date(s, sizeof s, may5 + 100*86400, "WIB", NULL);   /* 13 August */
  assert_string_equal(s, "13 Agustus 2026");
}

/* A month is named as people name it ("Mei 2026", "May 2026"), in short on request ("Agu 2026");
** a day in short carries its month's short name ("5 Agu", "5 Aug"); all in the zone given. */
static void test_month_and_short_day(void **state){
  char s[64];
  int64_t may5 = INT64_C(1777939200);   /* 2026-05-05T00:00:00Z */
  time_fmt_month(s, sizeof s, may5, "WIB", "id", 0);
  assert_string_equal(s, "Mei 2026");
  time_fmt_month(s, sizeof s, may5, "WIB", "en", 0);
  assert_string_equal(s, "May 2026");
  time_fmt_month(s, sizeof s, may5 + 100*86400, "WIB", NULL, 0);   /* 13 August */
  assert_string_equal(s, "Agustus 2026");
  time_fmt_month(s, sizeof s, may5 + 100*86400, "WIB", "id", 1);
  assert_string_equal(s, "Agu 2026");
  time_fmt_month(s, sizeof s, may5 + 100*86400, "WIB", "en", 1);
  assert_string_equal(s, "Aug 2026");
  time_fmt_day_short(s, sizeof s, may5 + 100*86400, "WIB", "id");
  assert_string_equal(s, "13 Agu");
  time_fmt_day_short(s, sizeof s, may5, "WIB", "en");
  assert_string_equal(s, "5 May");
  /* 31 December 20.00 UTC is already January in WIT */
  int64_t dec31 = INT64_C(1798747200);   /* 2026-12-31T20:00:00Z */
  time_fmt_month(s, sizeof s, dec31, "UTC", "id", 0);
  assert_string_equal(s, "Desember 2026");
  time_fmt_month(s, sizeof s, dec31, "WIT", "id", 0);
  assert_string_equal(s, "Januari 2027");
  time_fmt_day_short(s, sizeof s, dec31, "WIT", "en");
  assert_string_equal(s, "1 Jan");
}

/* An unknown zone is shown in UTC and labelled so, not mislabelled as local. */
static void test_unknown_zone_is_shown_as_utc(void **state){
  char s[64];
  time_fmt_human(s, sizeof s, T_2026_11_20_0730Z, "XYZ", "id");
  assert_string_equal(s, "20 November 2026, 07.30 UTC");
}

/* The API's form: UTC with a Z. */
static void test_iso_format(void **state){
  char s[32];
  time_fmt_iso(s, sizeof s, T_2026_11_20_0730Z);
  assert_string_equal(s, "2026-11-20T07:30:00Z");
}

/* Formatting then parsing gives back the same instant. */
static void test_iso_round_trip(void **state){
  static const int64_t ts[] = { 0, 86399, INT64_C(951782400) /* 2000-02-29 */,
                                T_2026_11_20_0730Z, T_2026_12_31_1800Z, INT64_C(4102444799) };
  for(size_t i=0; i<COUNT(ts); i++){
    char s[32];
    int64_t back = -1;
    time_fmt_iso(s, sizeof s, ts[i]);
    assert_int_equal(time_parse_iso(s, &back), OK);
    assert_int_equal(back, ts[i]);
  }
}

/* The arithmetic formatting agrees with the C library's gmtime_r + strftime, second by
** second across leap days and year ends, and on a spread of instants from 1901 to 2286. */
static void test_iso_matches_libc(void **state){
  int64_t probes[4096];
  size_t n = 0;
  static const int64_t edges[] = { INT64_C(951782400), INT64_C(1767225600), INT64_C(1709164800), 0, INT64_C(4107542400) };
  for(size_t e=0; e<COUNT(edges); e++)
    for(int64_t d=-3; d<=3; d++) probes[n++] = edges[e] + d*86399 + (d<0 ? -1 : 1);
  uint64_t x = 88172645463325252ULL;
  while( n<COUNT(probes) ){
    x ^= x<<13; x ^= x>>7; x ^= x<<17;
    probes[n++] = (int64_t)(x % UINT64_C(10000000000)) - INT64_C(2147483648);
  }
  for(size_t i=0; i<n; i++){
    char got[32], want[32];
    struct tm tm;
    time_t tt = (time_t)probes[i];
    gmtime_r(&tt, &tm);
    strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm);
    time_fmt_iso(got, sizeof got, probes[i]);
    if( strcmp(got, want) ) fail_msg("%lld: %s, libc says %s", (long long)probes[i], got, want);
  }
}

/* An offset names the local time of that zone. */
static void test_iso_with_offsets(void **state){
  int64_t t = 0;
  assert_int_equal(time_parse_iso("2026-11-20T14:30:00+07:00", &t), OK);
  assert_int_equal(t, T_2026_11_20_0730Z);
  assert_int_equal(time_parse_iso("2026-11-20T16:30:00+09:00", &t), OK);
  assert_int_equal(t, T_2026_11_20_0730Z);
  assert_int_equal(time_parse_iso("2026-11-20T02:00:00-05:30", &t), OK);
  assert_int_equal(t, T_2026_11_20_0730Z);
  assert_int_equal(time_parse_iso("2027-01-01T03:00:00+09:00", &t), OK);
  assert_int_equal(t, T_2026_12_31_1800Z);
  /* the seconds' fraction JavaScript's toISOString writes is dropped */
  assert_int_equal(time_parse_iso("2026-11-20T07:30:00.999Z", &t), OK);
  assert_int_equal(t, T_2026_11_20_0730Z);
  assert_int_equal(time_parse_iso("2026-11-20T14:30:00.5+07:00", &t), OK);
  assert_int_equal(t, T_2026_11_20_0730Z);
  /* the seconds left out (ISO 8601's reduced precision), an offset of whole hours as "+07" */
  static const char *const short_forms[] = {
    "2026-11-20T14:30+07:00", "2026-11-20T07:30Z", "2026-11-20T16:30:00+09", "2026-11-20T16:30+09",
  };
  for(size_t i=0; i<COUNT(short_forms); i++){
    t = 0;
    if( time_parse_iso(short_forms[i], &t)!=OK || t!=T_2026_11_20_0730Z ) fail_msg("%s: not 07:30Z", short_forms[i]);
  }
}

/* Fail listing every text of bad[] that time_parse_iso() accepted. */
static void assert_all_refused(const char *const *bad, size_t n){
  Buf b = BUF_INIT;
  for(size_t i=0; i<n; i++){
    int64_t t = 0;
    if( time_parse_iso(bad[i], &t)!=ERR_INVALID ) buf_printf(&b, " \"%s\"", bad[i]);
  }
  if( b.n ){
    char msg[512];
    snprintf(msg, sizeof msg, "%s", buf_str(&b));
    buf_free(&b);
    fail_msg("accepted:%s", msg);
  }
  buf_free(&b);
}

/* Text that is not an ISO time is refused. */
static void test_iso_rejects_garbage(void **state){
  static const char *const bad[] = {
    "", "garbage", "2026-11-20", "2026-11-20 07:30:00Z", "2026-11-20T07:30:00",
    "2026-11-20T07:30:00Zjunk", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
    "2026-11-32T00:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T07:60:00Z",
    "2026-11-20T07:30:00+0700", "2026-11-20T07:30:00+07:00:00", "2026-11-20T07:30:00 +07:00",
    "2026-11-20T07:30:00.Z", "2026-11-20T07:30:00.12a Z", "2026-11-20T07:30:00.1234567890Z",
    "2026-11-20T07:30:00.5",
    /* the seconds left out: still a zone, two digits each, no fraction without seconds */
    "2026-11-20T07:30", "2026-11-20T07:30:Z", "2026-11-20T07:30:0Z", "2026-11-20T07:30.5Z", "2026-11-20T07:3Z",
    "2026-11-20T07:30+0700", "2026-11-20T07:30+7", "2026-11-20T07:30+07:0", "2026-11-20T07:30+24", "2026-11-20T07:30:",
  };
  assert_all_refused(bad, COUNT(bad));
  int64_t t = 0;
  assert_int_equal(time_parse_iso(NULL, &t), ERR_INVALID);
}

/* A date that does not exist on the calendar is refused, not moved to another day. */
static void test_iso_rejects_impossible_dates(void **state){
  static const char *const bad[] = {
    "2026-02-30T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
  };
  assert_all_refused(bad, COUNT(bad));
  int64_t t = 0;
  assert_int_equal(time_parse_iso("2028-02-29T00:00:00Z", &t), OK);   /* a leap year */
}

/* Negative or space-padded fields and malformed offsets are refused. */
static void test_iso_rejects_malformed_fields_and_offsets(void **state){
  static const char *const bad[] = {
    "2026-11-20T 7:30:00Z", "2026-11-20T-1:30:00Z", "2026-11-20T07:-5:00Z", "2026-11-20T07:30:-1Z",
    "2026-11-20T07:30:00+-7:00", "2026-11-20T07:30:00+99:99",
  };
  assert_all_refused(bad, COUNT(bad));
}

/* Tests can freeze the clock, and unfreeze it. */
static void test_fake_clock_freezes_time(void **state){
  time_set_fake(T_2026_11_20_0730Z);
  assert_int_equal(time_now(), T_2026_11_20_0730Z);
  assert_int_equal(time_now(), T_2026_11_20_0730Z);
  time_set_fake(0);
  assert_true(time_now() > T_2026_11_20_0730Z - 10*365*86400LL);
  assert_true(time_now() != T_2026_11_20_0730Z);
}

/* A day as written YYYY-MM-DD, checked against the calendar; today's date in a zone. */
static void test_day_text_and_check(void **state){
  char d[11];
  time_day_text(d, 1795194000, "WIB");   /* 2026-11-20T17:00:00Z: 21 November 00.00 WIB */
  assert_string_equal(d, "2026-11-21");
  time_day_text(d, 1795194000 - 1, "WIB");
  assert_string_equal(d, "2026-11-20");
  time_day_text(d, 1795194000 - 3600, "WITA");
  assert_string_equal(d, "2026-11-21");
  time_day_text(d, 1795194000, "XYZ");    /* unknown zone: WIB */
  assert_string_equal(d, "2026-11-21");
  assert_true(time_is_day("2028-02-29"));
  assert_false(time_is_day("2026-02-29"));
  assert_false(time_is_day("2026-1-01"));
  assert_false(time_is_day(""));
  assert_false(time_is_day(NULL));
  const char *const list[] = { "ppk", "pokja", 0 };
  assert_true(util_in_list(list, "pokja"));
  assert_false(util_in_list(list, "admin"));
  assert_false(util_in_list(list, NULL));
  /* a spreadsheet's word: any case, '_' for a space, spaces around or doubled */
  const char *const words[] = { "unit kerja", "unit", "penyedia", "provider", 0 };
  assert_string_equal(util_word_value(words, " Unit_ KERJA\t"), "unit");
  assert_string_equal(util_word_value(words, "PENYEDIA"), "provider");
  assert_null(util_word_value(words, "unitkerja"));
  assert_null(util_word_value(words, "unit kerja unit kerja unit kerja unit kerja unit kerja"));
  assert_null(util_word_value(words, NULL));
  assert_int_equal(util_utf8_len("Surat — 5"), 9);
  assert_int_equal(util_utf8_len(NULL), 0);
  /* a text cut to fit: at most n characters, the last "…", never inside a character */
  Arena a;
  arena_init(&a);
  assert_string_equal(util_utf8_cut("Kafé", 4, &a), "Kafé");
  assert_string_equal(util_utf8_cut("Kaféé", 5, &a), "Kaféé");
  assert_string_equal(util_utf8_cut("Kafééé", 5, &a), "Kafé\xE2\x80\xA6");
  assert_string_equal(util_utf8_cut("“é”", 2, &a), "“…");
  assert_string_equal(util_utf8_cut(NULL, 3, &a), "");
  arena_free(&a);
}

/* The small text checks of core (util.c) the services share. */
static void test_util_text_checks(void **state){
  assert_int_equal(util_digits("2026-11", 4), 2026);
  assert_int_equal(util_digits("20x6", 4), -1);
  assert_true(util_is_digits("123456789012345", 15));
  assert_false(util_is_digits("12345678901234", 15));
  assert_false(util_is_digits("12345678901234a", 15));
  assert_true(util_blank(NULL));
  assert_true(util_blank(""));
  assert_true(util_blank(" \t\r\n"));   /* only white space: nothing given */
  assert_false(util_blank(" x "));
  assert_true(util_has_control("a\nb", 0));
  assert_false(util_has_control("a\nb\tc", 1));
  assert_true(util_has_control("a\x7f", 1));
  assert_false(util_has_control("Jl. Merdeka No. 5", 0));
  /* a person's note can never read as Loket's own ("\x1E" msgid, case_note_key) */
  assert_true(util_has_control("\x1E" "request received", 1));
  assert_true(util_has_control("a\x1F" "b", 1));
  assert_true(util_has_control("a\rb", 1));            /* a "\r" alone is no line break */
  assert_false(util_has_control("a\r\nb", 1));        /* a form's line break */
  assert_true(util_has_control("a\r", 1));
  assert_true(util_has_control("a\xc2\x85" "b", 1));   /* U+0085 (NEL): C1 */
  assert_true(util_has_control("\xc2\x9f", 0));
  assert_false(util_has_control("Rp 5\xc2\xa0" "000 \xc3\xa9", 0));   /* U+00A0, é: text */
  /* bidi overrides and isolates: text shown in another order than stored (U+202E, U+2066, U+2069) */
  assert_true(util_has_control("Berkas \xe2\x80\xae" "fdp.exe", 1));
  assert_true(util_has_control("a\xe2\x81\xa6" "b", 0));
  assert_true(util_has_control("a\xe2\x81\xa9", 1));
  assert_true(util_has_control("\xe2\x80\xaa", 1));
  /* beside them, text: an en dash (U+2013), a right single quote (U+2019), LRM (U+200E), … (U+2026) */
  assert_false(util_has_control("07.30\xe2\x80\x93" "12.00 Jum\xe2\x80\x99" "at \xe2\x80\x8e\xe2\x80\xa6", 1));
  /* a client's address written one way: IPv4-mapped as its IPv4, IPv6 as inet_ntop writes it */
  /* (given, as written, as the login throttle counts it: an IPv6 client's /64; NULL: refused) */
  static const char *const ips[][3] = {
    { "::ffff:10.0.0.5", "10.0.0.5", "10.0.0.5" }, { "2001:DB8:0:0::5", "2001:db8::5", "2001:db8::/64" },
    { "[::1]", "::1", "::/64" }, { "192.168.1.9", "192.168.1.9", "192.168.1.9" },
    { "2001:db8:1:2:a:b:c:d", "2001:db8:1:2:a:b:c:d", "2001:db8:1:2::/64" },
    { "unknown", 0, "unknown" }, { "[10.0.0.5]", 0, "[10.0.0.5]" }, { "", 0, "" },
  };
  for(size_t i=0; i<COUNT(ips); i++){
    char ip[64];
    assert_int_equal(util_ip_text(ips[i][0], ip, sizeof ip), ips[i][1] ? OK : ERR_INVALID);
    if( ips[i][1] ) assert_string_equal(ip, ips[i][1]);
    util_ip_block(ips[i][0], ip, sizeof ip);
    assert_string_equal(ip, ips[i][2]);
  }
}

/* A span within one local day is written once ("08.00–12.00"); across days, both ends in full. */
static void test_span_same_day_and_across_days(void **state){
  char s[128];
  int64_t from = T_2026_11_20_0730Z - 6*3600;             /* 08.30 WIB on the 20th */
  time_fmt_span(s, sizeof s, from, from + 4*3600, "WIB", "id");
  assert_string_equal(s, "20 November 2026, 08.30–12.30 WIB");
  time_fmt_span(s, sizeof s, from, from + 4*3600, "WIB", "en");
  assert_string_equal(s, "20 November 2026, 08:30–12:30 WIB");
  time_fmt_span(s, sizeof s, from, from + 24*3600, "WIB", "id");
  assert_string_equal(s, "20 November 2026, 08.30 WIB – 21 November 2026, 08.30 WIB");
  /* the same instants fall on two days in Jayapura (10.30 to 00.30): in full there */
  time_fmt_span(s, sizeof s, from, from + 14*3600, "WIB", "id");
  assert_string_equal(s, "20 November 2026, 08.30–22.30 WIB");
  time_fmt_span(s, sizeof s, from, from + 14*3600, "WIT", "en");
  assert_string_equal(s, "20 November 2026, 10:30 WIT – 21 November 2026, 00:30 WIT");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_zone_offsets),
    cmocka_unit_test(test_day_text_and_check),
    cmocka_unit_test(test_util_text_checks),
    cmocka_unit_test(test_unknown_zone_is_minus_one),
    cmocka_unit_test(test_human_time_in_wib),
    cmocka_unit_test(test_human_time_in_wita_and_wit),
    cmocka_unit_test(test_local_time_crosses_into_the_next_year),
    cmocka_unit_test(test_local_time_crosses_midnight),
    cmocka_unit_test(test_span_same_day_and_across_days),
    cmocka_unit_test(test_month_names_per_language),
    cmocka_unit_test(test_month_and_short_day),
    cmocka_unit_test(test_unknown_zone_is_shown_as_utc),
    cmocka_unit_test(test_iso_format),
    cmocka_unit_test(test_iso_matches_libc),
    cmocka_unit_test(test_iso_round_trip),
    cmocka_unit_test(test_iso_with_offsets),
    cmocka_unit_test(test_iso_rejects_garbage),
    cmocka_unit_test(test_iso_rejects_impossible_dates),
    cmocka_unit_test(test_iso_rejects_malformed_fields_and_offsets),
    cmocka_unit_test(test_fake_clock_freezes_time),
  };
  return cmocka_run_group_tests_name("time", tests, NULL, NULL);
}
