/*
** test_calendar.c — the office calendar and the clock arithmetic of due times:
** office hours with a lunch break, weekends, holidays, cuti bersama, the Lebaran
** week, the year end, the three zones, starts outside office hours, pauses,
** "N working days before" and "after the event". Every expected time was worked
** out by hand (the working is in the comment beside it) and is written as the
** office's local time.
**
** The fixture is the default Indonesian government week (see docs/calendar.md):
**   Mon–Thu 07:30–12:00, 13:00–16:00   (7.5 h a day)
**   Fri     07:30–11:30, 13:00–16:30   (7.5 h; the longer break for Friday prayers)
**   Sat, Sun closed
** and the 2026 holidays of the SKB 3 Menteri (data/holidays-2026.csv), plus
** 2027-01-01 for the year-end cases. Weekdays used below: 2026-01-05 Mon,
** 2026-01-09 Fri, 2026-01-16 Fri (Isra Mikraj), 2026-12-31 Thu, 2027-01-04 Mon.
*/
#include "unit.h"
#include "../../src/sop/calendar.h"

static const CalSpan week[] = {
  { 1, 450, 720 }, { 1, 780, 960 },
  { 2, 450, 720 }, { 2, 780, 960 },
  { 3, 450, 720 }, { 3, 780, 960 },
  { 4, 450, 720 }, { 4, 780, 960 },
  { 5, 450, 690 }, { 5, 780, 990 },
};

static const char *const holidays[] = {
  "2026-01-01", "2026-01-16", "2026-02-16", "2026-02-17", "2026-03-18", "2026-03-19",
  "2026-03-20", "2026-03-21", "2026-03-22", "2026-03-23", "2026-03-24", "2026-04-03",
  "2026-04-05", "2026-05-01", "2026-05-14", "2026-05-15", "2026-05-27", "2026-05-28",
  "2026-05-31", "2026-06-01", "2026-06-16", "2026-08-17", "2026-08-25", "2026-12-24",
  "2026-12-25", "2027-01-01",
};

#define MIN 60
#define HOUR 3600

/* The fixture calendar in a zone. */
static Calendar *fixture(const char *tz){
  Calendar *cal = calendar_new(tz, week, (int)COUNT(week), holidays, (int)COUNT(holidays));
  assert_non_null(cal);
  return cal;
}

/* A local "YYYY-MM-DD HH:MM" in the calendar's zone as an instant. */
static int64_t at(const Calendar *cal, const char *local){
  int64_t t = 0;
  if( calendar_parse_local(local, calendar_tz(cal), &t)!=OK ) fail_msg("bad local time %s", local);
  return t;
}

/* An instant as the calendar's local "YYYY-MM-DD HH:MM TZ" (a few buffers in turn). */
static const char *local(const Calendar *cal, int64_t t){
  static char buf[4][48];
  static int i;
  i = (i+1) % 4;
  calendar_fmt(cal, t, buf[i], sizeof buf[i]);
  return buf[i];
}

/* add_office from a local start, as local text. */
static const char *add(const Calendar *cal, const char *start, int64_t seconds){
  return local(cal, calendar_add_office(cal, at(cal, start), seconds));
}

/* An instant in UTC as ISO text. */
static const char *iso(int64_t t){
  static char buf[4][32];
  static int i;
  i = (i+1) % 4;
  time_fmt_iso(buf[i], sizeof buf[i], t);
  return buf[i];
}

/* ---- open or closed ---- */

/* Opening is inclusive, closing exclusive; the lunch break and Friday's longer one are closed. */
static void test_open_hours_and_breaks(void **state){
  Calendar *cal = fixture("WIB");
  assert_false(calendar_is_open(cal, at(cal, "2026-01-05 07:29")));
  assert_true(calendar_is_open(cal, at(cal, "2026-01-05 07:30")));
  assert_true(calendar_is_open(cal, at(cal, "2026-01-05 11:59")));
  assert_false(calendar_is_open(cal, at(cal, "2026-01-05 12:00")));   /* lunch */
  assert_false(calendar_is_open(cal, at(cal, "2026-01-05 12:59")));
  assert_true(calendar_is_open(cal, at(cal, "2026-01-05 13:00")));
  assert_true(calendar_is_open(cal, at(cal, "2026-01-05 15:59")));
  assert_false(calendar_is_open(cal, at(cal, "2026-01-05 16:00")));
  assert_false(calendar_is_open(cal, at(cal, "2026-01-09 11:30")));   /* Friday prayers */
  assert_true(calendar_is_open(cal, at(cal, "2026-01-09 16:15")));    /* Friday closes 16:30 */
  assert_false(calendar_is_open(cal, at(cal, "2026-01-09 16:30")));
  calendar_free(cal);
}

/* Saturday, Sunday, a national holiday and a cuti bersama day are closed all day. */
static void test_closed_days(void **state){
  Calendar *cal = fixture("WIB");
  assert_false(calendar_is_open(cal, at(cal, "2026-01-10 10:00")));   /* Saturday */
  assert_false(calendar_is_open(cal, at(cal, "2026-01-11 10:00")));   /* Sunday */
  assert_false(calendar_is_open(cal, at(cal, "2026-01-16 10:00")));   /* Isra Mikraj, a Friday */
  assert_false(calendar_is_open(cal, at(cal, "2026-02-16 10:00")));   /* cuti bersama Imlek, a Monday */
  assert_false(calendar_is_workday(cal, at(cal, "2026-02-16 10:00")));
  assert_true(calendar_is_workday(cal, at(cal, "2026-02-18 06:00")));  /* a working day, before opening */
  calendar_free(cal);
}

/* ---- adding office time ---- */

/* Inside one span, and ending exactly at a closing (not carried to the next day). */
static void test_add_within_a_span(void **state){
  Calendar *cal = fixture("WIB");
  /* 08:00 + 25 min = 08:25 */
  assert_string_equal(add(cal, "2026-01-05 08:00", 25*MIN), "2026-01-05 08:25 WIB");
  /* 15:35 + 25 min = 16:00, the closing itself */
  assert_string_equal(add(cal, "2026-01-05 15:35", 25*MIN), "2026-01-05 16:00 WIB");
  /* 0 seconds while open: the start itself */
  assert_string_equal(add(cal, "2026-01-05 08:00", 0), "2026-01-05 08:00 WIB");
  calendar_free(cal);
}

/* The lunch break is skipped, Monday's and Friday's alike. */
static void test_add_skips_the_break(void **state){
  Calendar *cal = fixture("WIB");
  /* Mon 11:50 → 12:00 uses 10 min; 15 left from 13:00 → 13:15 */
  assert_string_equal(add(cal, "2026-01-05 11:50", 25*MIN), "2026-01-05 13:15 WIB");
  /* Fri 11:20 → 11:30 uses 10 min; 15 left from 13:00 → 13:15 */
  assert_string_equal(add(cal, "2026-01-09 11:20", 25*MIN), "2026-01-09 13:15 WIB");
  calendar_free(cal);
}

/* A weekend is skipped. */
static void test_add_skips_the_weekend(void **state){
  Calendar *cal = fixture("WIB");
  /* Fri 16:20 → 16:30 uses 10 min; Sat, Sun closed; 15 left from Mon 07:30 → 07:45 */
  assert_string_equal(add(cal, "2026-01-09 16:20", 25*MIN), "2026-01-12 07:45 WIB");
  calendar_free(cal);
}

/* A national holiday is skipped. */
static void test_add_skips_a_holiday(void **state){
  Calendar *cal = fixture("WIB");
  /* Thu 15 Jan 15:50 → 16:00 uses 10 min; Fri 16 Isra Mikraj, Sat, Sun; 20 left from
  ** Mon 19 Jan 07:30 → 07:50 */
  assert_string_equal(add(cal, "2026-01-15 15:50", 30*MIN), "2026-01-19 07:50 WIB");
  calendar_free(cal);
}

/* Cuti bersama counts like a holiday. */
static void test_add_skips_cuti_bersama(void **state){
  Calendar *cal = fixture("WIB");
  /* Fri 13 Feb 16:00 → 16:30 uses 30 min; Sat, Sun, Mon 16 (cuti bersama Imlek),
  ** Tue 17 (Imlek) closed; 30 left from Wed 18 Feb 07:30 → 08:00 */
  assert_string_equal(add(cal, "2026-02-13 16:00", 1*HOUR), "2026-02-18 08:00 WIB");
  calendar_free(cal);
}

/* The Lebaran week: seven closed days in a row. */
static void test_add_across_lebaran(void **state){
  Calendar *cal = fixture("WIB");
  /* Tue 17 Mar 15:00 → 16:00 uses 1 h; Wed 18 (cuti Nyepi), Thu 19 (Nyepi), Fri 20 (cuti),
  ** Sat 21, Sun 22 (Idul Fitri), Mon 23, Tue 24 (cuti) closed; 1 h left from
  ** Wed 25 Mar 07:30 → 08:30 */
  assert_string_equal(add(cal, "2026-03-17 15:00", 2*HOUR), "2026-03-25 08:30 WIB");
  calendar_free(cal);
}

/* Across the year end: 31 December to the first working day of January. */
static void test_add_across_the_year_end(void **state){
  Calendar *cal = fixture("WIB");
  /* Thu 31 Dec 15:30 → 16:00 uses 30 min; Fri 1 Jan 2027 (Tahun Baru), Sat, Sun;
  ** 30 left from Mon 4 Jan 07:30 → 08:00 */
  assert_string_equal(add(cal, "2026-12-31 15:30", 1*HOUR), "2027-01-04 08:00 WIB");
  /* Wed 23 Dec 15:00 → 16:00 uses 1 h; Thu 24 (cuti Natal), Fri 25 (Natal), Sat, Sun;
  ** 1 h left from Mon 28 Dec 07:30 → 08:30 */
  assert_string_equal(add(cal, "2026-12-23 15:00", 2*HOUR), "2026-12-28 08:30 WIB");
  calendar_free(cal);
}

/* A holiday missing from the data is a working day: next year's decree must be loaded. */
static void test_year_without_holiday_data(void **state){
  const char *only2026[] = { "2026-12-24", "2026-12-25" };
  Calendar *cal = calendar_new("WIB", week, (int)COUNT(week), only2026, 2);
  assert_non_null(cal);
  /* Thu 31 Dec 15:30 → 16:00 uses 30 min; Fri 1 Jan 2027 counts as open: 07:30 + 30 → 08:00 */
  assert_string_equal(add(cal, "2026-12-31 15:30", 1*HOUR), "2027-01-01 08:00 WIB");
  calendar_free(cal);
}

/* Durations that span several days. */
static void test_add_several_days(void **state){
  Calendar *cal = fixture("WIB");
  /* Mon 5 Jan 10:00 + 16 h: Mon 10–12 (2 h) + 13–16 (3 h) = 5 h, 11 left; Tue 7.5 h,
  ** 3.5 left; Wed 07:30 + 3.5 h = 11:00 */
  assert_string_equal(add(cal, "2026-01-05 10:00", 16*HOUR), "2026-01-07 11:00 WIB");
  /* Mon 5 Jan 07:30 + 40 h: the week Mon–Fri is 5 × 7.5 = 37.5 h (no holiday), 2.5 left;
  ** Mon 12 Jan 07:30 + 2.5 h = 10:00 */
  assert_string_equal(add(cal, "2026-01-05 07:30", 40*HOUR), "2026-01-12 10:00 WIB");
  /* Exactly one working week from Mon 07:30 ends at Friday's closing */
  assert_string_equal(add(cal, "2026-01-05 07:30", 37*HOUR + 30*MIN), "2026-01-09 16:30 WIB");
  calendar_free(cal);
}

/* A start outside office hours begins at the next opening. */
static void test_start_outside_office_hours(void **state){
  Calendar *cal = fixture("WIB");
  /* before opening: Mon 06:00 → opens 07:30, + 25 = 07:55 */
  assert_string_equal(add(cal, "2026-01-05 06:00", 25*MIN), "2026-01-05 07:55 WIB");
  /* in the lunch break: Mon 12:10 → 13:00, + 25 = 13:25 */
  assert_string_equal(add(cal, "2026-01-05 12:10", 25*MIN), "2026-01-05 13:25 WIB");
  /* after closing: Mon 17:00 → Tue 07:30, + 25 = 07:55 */
  assert_string_equal(add(cal, "2026-01-05 17:00", 25*MIN), "2026-01-06 07:55 WIB");
  /* exactly at closing: Mon 16:00 → Tue 07:30, + 25 = 07:55 */
  assert_string_equal(add(cal, "2026-01-05 16:00", 25*MIN), "2026-01-06 07:55 WIB");
  /* Saturday night: Sat 10 Jan 21:00 → Mon 12 Jan 07:30, + 25 = 07:55 */
  assert_string_equal(add(cal, "2026-01-10 21:00", 25*MIN), "2026-01-12 07:55 WIB");
  /* on a holiday: Fri 16 Jan (Isra Mikraj) 09:00 → Mon 19 Jan 07:30, + 25 = 07:55 */
  assert_string_equal(add(cal, "2026-01-16 09:00", 25*MIN), "2026-01-19 07:55 WIB");
  /* 0 seconds outside hours: the next opening */
  assert_string_equal(add(cal, "2026-01-10 21:00", 0), "2026-01-12 07:30 WIB");
  calendar_free(cal);
}

/* ---- the three zones ---- */

/* The same local 08:00 is a different instant in WIB, WITA and WIT. */
static void test_each_zone(void **state){
  Calendar *wib = fixture("WIB"), *wita = fixture("WITA"), *wit = fixture("WIT");
  /* Mon 5 Jan 08:00 local = 01:00Z (WIB +7), 00:00Z (WITA +8), Sun 4 Jan 23:00Z (WIT +9) */
  assert_string_equal(iso(at(wib, "2026-01-05 08:00")), "2026-01-05T01:00:00Z");
  assert_string_equal(iso(at(wita, "2026-01-05 08:00")), "2026-01-05T00:00:00Z");
  assert_string_equal(iso(at(wit, "2026-01-05 08:00")), "2026-01-04T23:00:00Z");
  /* + 25 min office: 08:25 local everywhere, three different instants */
  assert_string_equal(add(wib, "2026-01-05 08:00", 25*MIN), "2026-01-05 08:25 WIB");
  assert_string_equal(add(wita, "2026-01-05 08:00", 25*MIN), "2026-01-05 08:25 WITA");
  assert_string_equal(add(wit, "2026-01-05 08:00", 25*MIN), "2026-01-05 08:25 WIT");
  assert_string_equal(iso(calendar_add_office(wib, at(wib, "2026-01-05 08:00"), 25*MIN)), "2026-01-05T01:25:00Z");
  assert_string_equal(iso(calendar_add_office(wita, at(wita, "2026-01-05 08:00"), 25*MIN)), "2026-01-05T00:25:00Z");
  assert_string_equal(iso(calendar_add_office(wit, at(wit, "2026-01-05 08:00"), 25*MIN)), "2026-01-04T23:25:00Z");
  /* One instant, 2026-01-05T00:15Z: 07:15 WIB (not yet open), 08:15 WITA and 09:15 WIT (open) */
  int64_t t = 0;
  assert_int_equal(time_parse_iso("2026-01-05T00:15:00Z", &t), OK);
  assert_false(calendar_is_open(wib, t));
  assert_true(calendar_is_open(wita, t));
  assert_true(calendar_is_open(wit, t));
  /* The same instant started in each zone: WIB waits for 07:30 WIB (00:30Z) and ends 00:55Z;
  ** WITA and WIT are open and end 25 min later, 00:40Z */
  assert_string_equal(iso(calendar_add_office(wib, t, 25*MIN)), "2026-01-05T00:55:00Z");
  assert_string_equal(iso(calendar_add_office(wita, t, 25*MIN)), "2026-01-05T00:40:00Z");
  assert_string_equal(iso(calendar_add_office(wit, t, 25*MIN)), "2026-01-05T00:40:00Z");
  /* WIT across the weekend and UTC midnight: Fri 16:20 WIT → 16:30 uses 10; 15 left from
  ** Mon 12 Jan 07:30 WIT → 07:45 WIT = Sun 11 Jan 22:45Z */
  assert_string_equal(add(wit, "2026-01-09 16:20", 25*MIN), "2026-01-12 07:45 WIT");
  assert_string_equal(iso(calendar_add_office(wit, at(wit, "2026-01-09 16:20"), 25*MIN)), "2026-01-11T22:45:00Z");
  calendar_free(wib);
  calendar_free(wita);
  calendar_free(wit);
}

/* ---- office time between two instants ---- */

/* Office seconds between two instants, worked by hand. */
static void test_office_between(void **state){
  Calendar *cal = fixture("WIB");
  /* Mon 08:00–14:00: 08–12 (4 h) + 13–14 (1 h) = 5 h */
  assert_int_equal(calendar_office_between(cal, at(cal, "2026-01-05 08:00"), at(cal, "2026-01-05 14:00")), 5*HOUR);
  /* Fri 16:00 → Mon 08:00: Fri 16:00–16:30 + Mon 07:30–08:00 = 1 h */
  assert_int_equal(calendar_office_between(cal, at(cal, "2026-01-09 16:00"), at(cal, "2026-01-12 08:00")), 1*HOUR);
  /* Thu 15 Jan 12:00 → Mon 19 Jan 12:00: Thu 13–16 (3 h), Fri holiday, Mon 07:30–12:00 (4.5 h) */
  assert_int_equal(calendar_office_between(cal, at(cal, "2026-01-15 12:00"), at(cal, "2026-01-19 12:00")), 7*HOUR + 30*MIN);
  /* all within the lunch break, or a weekend: nothing */
  assert_int_equal(calendar_office_between(cal, at(cal, "2026-01-05 12:05"), at(cal, "2026-01-05 12:55")), 0);
  assert_int_equal(calendar_office_between(cal, at(cal, "2026-01-10 00:00"), at(cal, "2026-01-12 00:00")), 0);
  /* b before a: nothing */
  assert_int_equal(calendar_office_between(cal, at(cal, "2026-01-05 14:00"), at(cal, "2026-01-05 08:00")), 0);
  calendar_free(cal);
}

/* office_between undoes add_office, for starts every 37 minutes over three months (the
** Imlek and Lebaran weeks within), in each zone, and durations from none to more than a
** week; and add_office(a, between(a, b)) never passes b when some office time lies
** between them, and reaches b when b lies inside a span. */
static void test_between_is_the_inverse_of_add(void **state){
  static const int64_t durations[] = { 0, 1, 59, 10*MIN, 25*MIN, 3*HOUR, 7*HOUR+30*MIN, 16*HOUR, 40*HOUR };
  const char *zones[] = { "WIB", "WITA", "WIT" };
  for(size_t z=0; z<COUNT(zones); z++){
    Calendar *cal = fixture(zones[z]);
    int64_t from = at(cal, "2026-01-01 00:00"), to = at(cal, "2026-04-01 00:00");
    for(int64_t a=from; a<to; a+=37*MIN){
      for(size_t i=0; i<COUNT(durations); i++){
        int64_t due = calendar_add_office(cal, a, durations[i]);
        assert_true(due>=a);
        if( calendar_office_between(cal, a, due)!=durations[i] ){
          fail_msg("%s: between(%s, add(+%lld)) = %lld", zones[z], local(cal, a), (long long)durations[i],
                   (long long)calendar_office_between(cal, a, due));
        }
      }
      int64_t b = a + 5*HOUR + 13*MIN, spent = calendar_office_between(cal, a, b);
      int64_t back = calendar_add_office(cal, a, spent);
      if( spent>0 ) assert_true(back<=b);   /* with none spent, add gives the next opening */
      /* b inside a span (open, and not its opening instant, where the close before ties) */
      if( calendar_is_open(cal, b) && calendar_is_open(cal, b-1) ) assert_true(back==b);
    }
    calendar_free(cal);
  }
}

/* office_between agrees with counting open minutes one by one (an independent oracle),
** for starts every 7 minutes through the Nyepi and Lebaran closures of March 2026. */
static void test_between_counts_open_minutes(void **state){
  Calendar *cal = fixture("WIT");
  int64_t from = at(cal, "2026-03-13 00:00"), to = at(cal, "2026-03-28 00:00");
  for(int64_t a=from; a<to; a+=7*MIN){
    int64_t b = a + 26*HOUR + 13*MIN, open = 0;
    for(int64_t m=a; m<b; m+=MIN) open += calendar_is_open(cal, m) ? MIN : 0;
    if( calendar_office_between(cal, a, b)!=open ){
      fail_msg("between(%s, %s) = %lld, counted %lld", local(cal, a), local(cal, b),
               (long long)calendar_office_between(cal, a, b), (long long)open);
    }
  }
  calendar_free(cal);
}

/* ---- pauses ---- */

/* Time paused (waiting for the applicant) does not count against an office standard. */
static void test_pause_moves_an_office_due_time(void **state){
  Calendar *cal = fixture("WIB");
  /* 25 min office, started Mon 11:50, paused 11:55 → Tue 08:00. Paused office time:
  ** Mon 11:55–12:00 (5 min) + 13:00–16:00 (3 h) + Tue 07:30–08:00 (30 min) = 3 h 35 min. */
  int64_t p = calendar_office_between(cal, at(cal, "2026-01-05 11:55"), at(cal, "2026-01-06 08:00"));
  assert_int_equal(p, 3*HOUR + 35*MIN);
  /* due = add(11:50, 25 min + 3 h 35 min = 4 h): Mon 11:50–12:00 (10 min), 13–16 (3 h),
  ** 50 min left from Tue 07:30 → 08:20. (5 min before the pause, 20 after 08:00.) */
  Standard st = { STD_OFFICE, 25*MIN, 0, "", 0, 0 };
  int64_t due = 0;
  assert_int_equal(calendar_due(cal, &st, at(cal, "2026-01-05 11:50"), NULL, 0, 0, p, &due), OK);
  assert_string_equal(local(cal, due), "2026-01-06 08:20 WIB");
  /* without the pause: 11:50 → 12:00 (10 min), 15 left → 13:15 */
  assert_int_equal(calendar_due(cal, &st, at(cal, "2026-01-05 11:50"), NULL, 0, 0, 0, &due), OK);
  assert_string_equal(local(cal, due), "2026-01-05 13:15 WIB");
  calendar_free(cal);
}

/* A real-time standard runs through breaks and nights; a pause adds real time. */
static void test_real_time_standard(void **state){
  Calendar *cal = fixture("WIB");
  Standard st = { STD_REAL, 10, 0, "", 0, 0 };
  int64_t due = 0;
  /* the phone answered in 10 s: 08:00:00 + 10 s */
  assert_int_equal(calendar_due(cal, &st, at(cal, "2026-01-05 08:00"), NULL, 0, 0, 0, &due), OK);
  assert_string_equal(local(cal, due), "2026-01-05 08:00:10 WIB");
  /* paused 30 s: 08:00:00 + 10 s + 30 s */
  assert_int_equal(calendar_due(cal, &st, at(cal, "2026-01-05 08:00"), NULL, 0, 30, 999, &due), OK);
  assert_string_equal(local(cal, due), "2026-01-05 08:00:40 WIB");
  /* real time ignores office hours: Sat 23:55 + 10 min = Sun 00:05 */
  st.seconds = 10*MIN;
  assert_int_equal(calendar_due(cal, &st, at(cal, "2026-01-10 23:55"), NULL, 0, 0, 0, &due), OK);
  assert_string_equal(local(cal, due), "2026-01-11 00:05 WIB");
  calendar_free(cal);
}

/* ---- working days before an event ---- */

/* "No later than N working days before": the close of office on the N-th working day
** before the event's day; weekends and holidays do not count, the event's day neither. */
static void test_workdays_before(void **state){
  Calendar *cal = fixture("WIB");
  int64_t ev = at(cal, "2026-01-12 09:00");   /* a training on Monday 12 Jan */
  /* 1 before: Fri 9 Jan, closing 16:30 */
  assert_string_equal(local(cal, calendar_workdays_before(cal, ev, 1)), "2026-01-09 16:30 WIB");
  /* 2 before, across the weekend: Fri 9 (1), Thu 8 (2), closing 16:00 */
  assert_string_equal(local(cal, calendar_workdays_before(cal, ev, 2)), "2026-01-08 16:00 WIB");
  /* the event's time of day does not matter: 00:30 on the same Monday gives the same */
  assert_string_equal(local(cal, calendar_workdays_before(cal, at(cal, "2026-01-12 00:30"), 2)), "2026-01-08 16:00 WIB");
  /* across a holiday: event Mon 19 Jan; Fri 16 Isra Mikraj; Thu 15 (1), Wed 14 (2) */
  assert_string_equal(local(cal, calendar_workdays_before(cal, at(cal, "2026-01-19 08:00"), 2)), "2026-01-14 16:00 WIB");
  /* an event on a Sunday: 1 before is Fri 9 Jan */
  assert_string_equal(local(cal, calendar_workdays_before(cal, at(cal, "2026-01-11 10:00"), 1)), "2026-01-09 16:30 WIB");
  /* 0: the event itself */
  assert_int_equal(calendar_workdays_before(cal, ev, 0), ev);
  calendar_free(cal);
}

/* 7 working days before a training just after Lebaran reaches back past the whole week. */
static void test_workdays_before_across_lebaran(void **state){
  Calendar *cal = fixture("WIB");
  /* event Wed 25 Mar. Tue 24, Mon 23 (cuti), Sun 22, Sat 21, Fri 20 (cuti), Thu 19 (Nyepi),
  ** Wed 18 (cuti) do not count; Tue 17 (1), Mon 16 (2), Fri 13 (3), Thu 12 (4),
  ** Wed 11 (5), Tue 10 (6), Mon 9 (7): closing 16:00 */
  Standard st = { STD_WORKDAYS_BEFORE, 0, 7, "training_start", 0, 0 };
  CalEvent evs[] = { { "training_end", at(cal, "2026-03-26 16:00") }, { "training_start", at(cal, "2026-03-25 08:00") } };
  int64_t due = 0;
  assert_int_equal(calendar_due(cal, &st, at(cal, "2026-02-02 09:00"), evs, 2, 0, 0, &due), OK);
  assert_string_equal(local(cal, due), "2026-03-09 16:00 WIB");
  calendar_free(cal);
}

/* The deadline is the office's local closing, in each zone. */
static void test_workdays_before_in_wita(void **state){
  Calendar *cal = fixture("WITA");
  /* event Mon 12 Jan 09:00 WITA; 1 before: Fri 9 Jan 16:30 WITA = 08:30Z */
  int64_t d = calendar_workdays_before(cal, at(cal, "2026-01-12 09:00"), 1);
  assert_string_equal(local(cal, d), "2026-01-09 16:30 WITA");
  assert_string_equal(iso(d), "2026-01-09T08:30:00Z");
  calendar_free(cal);
}

/* ---- after an event ---- */

/* A duration after an event is real time from the event, whatever the office hours. */
static void test_after_event(void **state){
  Calendar *cal = fixture("WIB");
  CalEvent evs[] = { { "training_end", at(cal, "2026-01-09 16:00") }, { "last_session_end", at(cal, "2026-01-09 15:50") } };
  int64_t due = 0;
  /* the report 1 h after the training ends: Fri 16:00 + 1 h = 17:00 (after closing) */
  Standard rep = { STD_AFTER_EVENT, 1*HOUR, 0, "training_end", 0, 0 };
  assert_int_equal(calendar_due(cal, &rep, at(cal, "2026-01-09 08:00"), evs, 2, 0, 0, &due), OK);
  assert_string_equal(local(cal, due), "2026-01-09 17:00 WIB");
  /* the questionnaire 15 min after the last session: 15:50 + 15 = 16:05; pauses do not move it */
  Standard q = { STD_AFTER_EVENT, 15*MIN, 0, "last_session_end", 0, 0 };
  assert_int_equal(calendar_due(cal, &q, at(cal, "2026-01-09 08:00"), evs, 2, 600, 600, &due), OK);
  assert_string_equal(local(cal, due), "2026-01-09 16:05 WIB");
  /* across midnight into a holiday: Thu 15 Jan 23:30 + 1 h = Fri 16 Jan 00:30 */
  CalEvent late[] = { { "training_end", at(cal, "2026-01-15 23:30") } };
  assert_int_equal(calendar_due(cal, &rep, 0, late, 1, 0, 0, &due), OK);
  assert_string_equal(local(cal, due), "2026-01-16 00:30 WIB");
  calendar_free(cal);
}

/* No standard gives no due time; a missing event or a negative amount is refused. */
static void test_due_edge_cases(void **state){
  Calendar *cal = fixture("WIB");
  int64_t due = 42;
  Standard none = { STD_NONE, 0, 0, "", 0, 0 };
  assert_int_equal(calendar_due(cal, &none, at(cal, "2026-01-05 08:00"), NULL, 0, 0, 0, &due), OK);
  assert_int_equal(due, 0);
  Standard st = { STD_AFTER_EVENT, HOUR, 0, "training_end", 0, 0 };
  CalEvent evs[] = { { "training_start", at(cal, "2026-01-05 08:00") } };
  assert_int_equal(calendar_due(cal, &st, 0, evs, 1, 0, 0, &due), ERR_NOTFOUND);
  Standard wd = { STD_WORKDAYS_BEFORE, 0, 2, "training_end", 0, 0 };
  assert_int_equal(calendar_due(cal, &wd, 0, NULL, 0, 0, 0, &due), ERR_NOTFOUND);
  Standard neg = { STD_OFFICE, -1, 0, "", 0, 0 };
  assert_int_equal(calendar_due(cal, &neg, 0, NULL, 0, 0, 0, &due), ERR_INVALID);
  calendar_free(cal);
}

/* ---- building calendars ---- */

/* Bad zones, spans and days are refused; a calendar without hours never comes due, nor
** does a duration longer than 100 years. */
static void test_calendar_new_validates(void **state){
  CalSpan overlap[] = { { 1, 450, 720 }, { 1, 700, 960 } };
  CalSpan backwards[] = { { 1, 720, 450 } };
  const char *bad_day[] = { "2026-02-30" };
  assert_null(calendar_new("EST", week, (int)COUNT(week), NULL, 0));
  assert_null(calendar_new("WIB", overlap, 2, NULL, 0));
  assert_null(calendar_new("WIB", backwards, 1, NULL, 0));
  assert_null(calendar_new("WIB", week, (int)COUNT(week), bad_day, 1));
  Calendar *never = calendar_new("WIB", NULL, 0, NULL, 0);
  assert_non_null(never);
  assert_true(calendar_add_office(never, 0, 60)==CAL_NEVER);
  assert_true(calendar_workdays_before(never, 86400*100, 1)==CAL_NEVER);
  assert_int_equal(calendar_office_between(never, 0, 86400*30), 0);
  calendar_free(never);
  /* more office time than 100 years hold: never, not an endless search */
  Calendar *cal = fixture("WIB");
  assert_true(calendar_add_office(cal, 0, INT64_C(1)<<50)==CAL_NEVER);
  assert_true(calendar_workdays_before(cal, 86400*100, 1000000)==CAL_NEVER);
  calendar_free(cal);
}

/* Spans are parsed from "HH:MM-HH:MM …" and checked. */
static void test_parse_spans(void **state){
  CalSpan s[CAL_MAX_SPANS];
  Err e = {0};
  assert_int_equal(calendar_parse_spans("13:00-16:00 07:30-12:00", 1, s, CAL_MAX_SPANS, &e), 2);
  assert_int_equal(s[0].opens_min, 450);
  assert_int_equal(s[1].closes_min, 960);
  assert_int_equal(calendar_parse_spans("", 6, s, CAL_MAX_SPANS, &e), 0);
  /* a day closed in words, as the command and a period's lines write it, in the API and the page too */
  assert_int_equal(calendar_parse_spans("closed", 6, s, CAL_MAX_SPANS, &e), 0);
  assert_int_equal(calendar_parse_spans(" Tutup ", 0, s, CAL_MAX_SPANS, &e), 0);
  assert_int_equal(calendar_parse_spans("closed 08:00-12:00", 6, s, CAL_MAX_SPANS, &e), -1);
  assert_int_equal(calendar_parse_spans("closedd", 6, s, CAL_MAX_SPANS, &e), -1);
  assert_int_equal(calendar_parse_spans("07:30-12:00 11:00-16:00", 1, s, CAL_MAX_SPANS, &e), -1);
  assert_int_equal(calendar_parse_spans("16:00-07:30", 1, s, CAL_MAX_SPANS, &e), -1);
  assert_int_equal(calendar_parse_spans("7.30-12", 1, s, CAL_MAX_SPANS, &e), -1);
  assert_int_equal(calendar_parse_spans("07:30-12:00", 7, s, CAL_MAX_SPANS, &e), -1);
  /* as Indonesian writes times, and as the calendar page shows them (an en dash) */
  assert_int_equal(calendar_parse_spans("07.30-12.00, 13.00\xE2\x80\x93" "16.00", 1, s, CAL_MAX_SPANS, &e), 2);
  assert_int_equal(s[0].opens_min, 450);
  assert_int_equal(s[1].opens_min, 780);
  assert_int_equal(s[1].closes_min, 960);
  assert_int_equal(calendar_parse_spans("07.30\xE2\x80\x93", 1, s, CAL_MAX_SPANS, &e), -1);
  /* as people type them: a one-digit hour, blanks around the dash, spans apart by a semicolon */
  assert_int_equal(calendar_parse_spans("7.30 - 11.30; 13.00 \xE2\x80\x93 16.30", 5, s, CAL_MAX_SPANS, &e), 2);
  assert_int_equal(s[0].opens_min, 450);
  assert_int_equal(s[0].closes_min, 690);
  assert_int_equal(s[1].closes_min, 990);
  static const char *const bad[] = { "07:300-12:00", "07:30-12:00x", "7-16", "24:00-24:00", "-", "07.30 -", "08.00-16.00 (istirahat)", "123:00-13:00" };
  for(size_t i=0; i<COUNT(bad); i++) assert_int_equal(calendar_parse_spans(bad[i], 1, s, CAL_MAX_SPANS, &e), -1);
}

/* Day numbers and their text round-trip; impossible days are refused. */
static void test_day_numbers(void **state){
  int64_t d = 0;
  char txt[11];
  assert_int_equal(calendar_day_number("1970-01-01", &d), OK);
  assert_int_equal(d, 0);
  assert_int_equal(calendar_day_number("2028-02-29", &d), OK);   /* a leap day */
  calendar_day_text(d, txt);
  assert_string_equal(txt, "2028-02-29");
  assert_int_equal(calendar_day_number("2026-02-29", &d), ERR_INVALID);
  assert_int_equal(calendar_day_number("2026-04-31", &d), ERR_INVALID);
  assert_int_equal(calendar_day_number("2026-4-1", &d), ERR_INVALID);
}

/* ---- periods with their own hours (Ramadan) ---- */

/* A period named, with its days and the lines of its hours as `loket calendar period add` takes them. */
static CalPeriod period(const char *name, const char *first, const char *last, const char *hours){
  CalPeriod p;
  Err e = {0};
  memset(&p, 0, sizeof p);
  snprintf(p.name, sizeof p.name, "%s", name);
  snprintf(p.first, sizeof p.first, "%s", first);
  snprintf(p.last, sizeof p.last, "%s", last);
  if( calendar_period_parse(&p, hours, &e)!=OK ) fail_msg("bad period hours %s: %s", hours, e.msg);
  return p;
}

/* The fixture in a zone with one period. */
static Calendar *with_period(const char *tz, const CalPeriod *p){
  Calendar *cal = fixture(tz);
  assert_int_equal(calendar_add_period(cal, p), OK);
  return cal;
}

/* Ramadan 1447 H (Thu 19 Feb to Fri 20 Mar 2026): Mon–Thu 08:00–15:00, Fri 08:00–15:30, the
** hours of the minister's circular. A 25-minute standard late on the last normal day (Wed 18 Feb)
** runs into the first Ramadan day, where the office opens at 08:00, not 07:30. */
static void test_period_first_day(void **state){
  CalPeriod ramadan = period("Ramadan 1447 H", "2026-02-19", "2026-03-20", "1-4 08:00-15:00\n5 08:00-15:30");
  Calendar *wib = with_period("WIB", &ramadan), *plain = fixture("WIB");
  /* Wed 18 Feb 14:50 + 25 min: 15:15, inside Wednesday's 13:00–16:00 (the period does not reach back) */
  assert_string_equal(add(wib, "2026-02-18 14:50", 25*MIN), "2026-02-18 15:15 WIB");
  /* Wed 18 Feb 15:50 + 25 min: 10 min to 16:00; Thu 19 Feb (1 Ramadan) opens 08:00, 15 left → 08:15
  ** (the weekly hours alone: 07:30 + 15 → 07:45) */
  assert_string_equal(add(wib, "2026-02-18 15:50", 25*MIN), "2026-02-19 08:15 WIB");
  assert_string_equal(add(plain, "2026-02-18 15:50", 25*MIN), "2026-02-19 07:45 WIB");
  assert_int_equal(calendar_office_between(wib, at(wib, "2026-02-18 15:50"), at(wib, "2026-02-19 08:15")), 25*MIN);
  /* Thu 19 Feb 14:50 + 25 min: 10 min to 15:00; Fri 20 Feb 08:00 + 15 → 08:15 */
  assert_string_equal(add(wib, "2026-02-19 14:50", 25*MIN), "2026-02-20 08:15 WIB");
  /* inside the period: no break, closing 15:00 (Mon–Thu) and 15:30 (Fri) */
  assert_false(calendar_is_open(wib, at(wib, "2026-02-19 07:45")));
  assert_true(calendar_is_open(wib, at(wib, "2026-02-19 12:30")));
  assert_true(calendar_is_open(wib, at(wib, "2026-02-19 14:59")));
  assert_false(calendar_is_open(wib, at(wib, "2026-02-19 15:00")));
  assert_true(calendar_is_open(wib, at(wib, "2026-02-20 15:15")));
  assert_false(calendar_is_open(wib, at(wib, "2026-02-20 15:30")));
  assert_false(calendar_is_open(wib, at(wib, "2026-02-21 09:00")));   /* Saturday: not named, the week's (closed) */
  /* the same instant, Wed 18 Feb 14:50 WIB, at an office in Makassar is 15:50 WITA: 10 min to 16:00
  ** WITA, then 1 Ramadan from 08:00 WITA → 08:15 WITA */
  Calendar *wita = with_period("WITA", &ramadan);
  assert_string_equal(local(wita, calendar_add_office(wita, at(wib, "2026-02-18 14:50"), 25*MIN)), "2026-02-19 08:15 WITA");
  /* Tue 17 Mar 14:00 + 2 h: 1 h to 15:00; 18–24 Mar closed (Nyepi, Idul Fitri and its cuti bersama,
  ** holidays inside the period as after it); Wed 25 Mar, the week's hours again: 07:30 + 1 h → 08:30 */
  assert_string_equal(add(wib, "2026-03-17 14:00", 2*HOUR), "2026-03-25 08:30 WIB");
  calendar_free(wib);
  calendar_free(plain);
  calendar_free(wita);
}

/* Ramadan 1448 H (Mon 8 Feb to Tue 9 Mar 2027): a standard from inside the period runs past its
** end into the week's hours; working days before an event inside it close at the period's hours. */
static void test_period_past_its_end(void **state){
  CalPeriod ramadan = period("Ramadan 1448 H", "2027-02-08", "2027-03-09", "1-4 08:00-15:00\n5 08:00-15:30");
  Calendar *cal = with_period("WIB", &ramadan);
  /* Fri 5 Feb 16:20 + 25 min: 10 min to 16:30 (the last normal day); Mon 8 Feb 08:00 + 15 → 08:15 */
  assert_string_equal(add(cal, "2027-02-05 16:20", 25*MIN), "2027-02-08 08:15 WIB");
  /* Tue 9 Mar (the last day) 14:30 + 1 h: 30 min to 15:00; Wed 10 Mar 07:30 + 30 → 08:00 */
  assert_string_equal(add(cal, "2027-03-09 14:30", HOUR), "2027-03-10 08:00 WIB");
  /* Tue 9 Mar 10:00 + 7.5 h: 5 h to 15:00; 2.5 h from Wed 07:30 → 10:00 */
  assert_string_equal(add(cal, "2027-03-09 10:00", 7*HOUR + 30*MIN), "2027-03-10 10:00 WIB");
  assert_int_equal(calendar_office_between(cal, at(cal, "2027-03-09 10:00"), at(cal, "2027-03-10 10:00")), 7*HOUR + 30*MIN);
  /* the 25-minute standard through the pause-free path of calendar_due gives the same */
  Standard office = { STD_OFFICE, 25*MIN, 0, "", 0, 0 };
  int64_t due = 0;
  assert_int_equal(calendar_due(cal, &office, at(cal, "2027-03-09 14:50"), NULL, 0, 0, 0, &due), OK);
  assert_string_equal(local(cal, due), "2027-03-10 07:45 WIB");   /* 10 min to 15:00, 15 from 07:30 */
  /* a training on Wed 10 Mar: 1 working day before is Tue 9 Mar, closing 15:00; 2 before a training
  ** on Thu 11 Mar: Wed 10 (the week's) then Tue 9 → 15:00; 1 before Mon 8 Mar: Fri 5 Mar, 15:30 */
  assert_string_equal(local(cal, calendar_workdays_before(cal, at(cal, "2027-03-10 09:00"), 1)), "2027-03-09 15:00 WIB");
  assert_string_equal(local(cal, calendar_workdays_before(cal, at(cal, "2027-03-11 09:00"), 2)), "2027-03-09 15:00 WIB");
  assert_string_equal(local(cal, calendar_workdays_before(cal, at(cal, "2027-03-08 09:00"), 1)), "2027-03-05 15:30 WIB");
  /* after the period, the week's: 1 before Mon 15 Mar is Fri 12 Mar, 16:30 */
  assert_string_equal(local(cal, calendar_workdays_before(cal, at(cal, "2027-03-15 09:00"), 1)), "2027-03-12 16:30 WIB");
  calendar_free(cal);
}

/* A period that names Friday alone: Fridays take its hours, the other days keep the week's, and a
** holiday on a Friday inside it stays closed. */
static void test_period_friday_only(void **state){
  CalPeriod fri = period("Jumat Januari", "2026-01-05", "2026-01-31", "5 07:30-11:00 13:30-16:30");
  Calendar *cal = with_period("WIB", &fri);
  /* Fri 9 Jan 10:50 + 25 min: 10 min to 11:00; 13:30 + 15 → 13:45 (the week's: 11:15) */
  assert_string_equal(add(cal, "2026-01-09 10:50", 25*MIN), "2026-01-09 13:45 WIB");
  assert_false(calendar_is_open(cal, at(cal, "2026-01-09 11:15")));
  /* Monday is not named: Mon 5 Jan 11:50 + 25 min: 10 min to 12:00; 13:00 + 15 → 13:15 */
  assert_string_equal(add(cal, "2026-01-05 11:50", 25*MIN), "2026-01-05 13:15 WIB");
  /* Thu 15 Jan 15:50 + 25 min: 10 min to 16:00; Fri 16 Jan Isra Mikraj (closed, period or not);
  ** Mon 19 Jan 07:30 + 15 → 07:45 */
  assert_string_equal(add(cal, "2026-01-15 15:50", 25*MIN), "2026-01-19 07:45 WIB");
  /* Fri 6 Feb, after the period: the week's Friday, 11:20 + 25 min: 10 min to 11:30; 13:00 + 15 → 13:15 */
  assert_string_equal(add(cal, "2026-02-06 11:20", 25*MIN), "2026-02-06 13:15 WIB");
  assert_true(calendar_is_open(cal, at(cal, "2026-02-06 11:15")));
  calendar_free(cal);
}

/* A period that closes a weekday: in July 2026 the office does not open on Fridays. */
static void test_period_closes_a_weekday(void **state){
  CalPeriod p = period("Juli tanpa Jumat", "2026-07-01", "2026-07-31", "5 closed");
  assert_int_equal(p.weekdays, 1<<5);
  assert_int_equal(p.nspans, 0);
  Calendar *cal = with_period("WIB", &p);
  assert_false(calendar_is_workday(cal, at(cal, "2026-07-03 09:00")));   /* Friday */
  assert_true(calendar_is_workday(cal, at(cal, "2026-07-02 09:00")));    /* Thursday: the week's */
  assert_true(calendar_is_workday(cal, at(cal, "2026-08-07 09:00")));    /* a Friday after it */
  /* Thu 2 Jul 15:50 + 25 min: 10 min to 16:00; Fri 3 closed, Sat, Sun; Mon 6 Jul 07:30 + 15 → 07:45 */
  assert_string_equal(add(cal, "2026-07-02 15:50", 25*MIN), "2026-07-06 07:45 WIB");
  /* 1 working day before Mon 6 Jul: Friday does not count, Thu 2 Jul 16:00 */
  assert_string_equal(local(cal, calendar_workdays_before(cal, at(cal, "2026-07-06 09:00"), 1)), "2026-07-02 16:00 WIB");
  /* in WITA the same days: Thu 2 Jul 15:50 WITA + 25 min → Mon 6 Jul 07:45 WITA */
  Calendar *wita = with_period("WITA", &p);
  assert_string_equal(add(wita, "2026-07-02 15:50", 25*MIN), "2026-07-06 07:45 WITA");
  calendar_free(cal);
  calendar_free(wita);
}

/* A period's hours as people write them, and what is refused; overlapping periods are refused. */
static void test_period_parse_and_check(void **state){
  CalPeriod p;
  Err e = {0};
  memset(&p, 0, sizeof p);
  assert_int_equal(calendar_period_parse(&p, "1\xE2\x80\x93" "4 08.00 \xE2\x80\x93 15.00", &e), OK);
  assert_int_equal(calendar_period_parse(&p, "5 08.00-11.30, 13.00-15.30\r\n6 tutup\n", &e), OK);
  assert_int_equal(p.weekdays, 0x7e);   /* Monday to Saturday */
  assert_int_equal(p.nspans, 6);        /* four days of one span, Friday two, Saturday none */
  assert_int_equal(p.spans[0].weekday, 1);
  assert_int_equal(p.spans[0].opens_min, 480);
  assert_int_equal(p.spans[5].weekday, 5);
  assert_int_equal(p.spans[5].closes_min, 930);
  static const char *const bad[] = { "4-1 08:00-15:00", "1", "1 ", "7 08:00-12:00", "1-4", "14 08:00-12:00",
                                     "Senin 08:00-12:00", "1 15:00-08:00", "2 08:00-12:00", "0 08:00-12:00\n3 closed" };
  for(size_t i=0; i<COUNT(bad); i++){
    CalPeriod was = p;
    e = (Err){0};
    if( calendar_period_parse(&p, bad[i], &e)!=ERR_INVALID ) fail_msg("accepted: %s", bad[i]);
    assert_string_equal(e.field, "hours");
    assert_memory_equal(&was, &p, sizeof p);   /* untouched: "3 closed" after the good "0 …" is not kept either */
  }
  /* whole or not: the field named */
  snprintf(p.first, sizeof p.first, "2026-02-19");
  snprintf(p.last, sizeof p.last, "2026-03-20");
  assert_int_equal(calendar_period_check(&p, &e), ERR_INVALID);
  assert_string_equal(e.field, "name");
  snprintf(p.name, sizeof p.name, "Ramadan 1447 H");
  assert_int_equal(calendar_period_check(&p, &e), OK);
  snprintf(p.first, sizeof p.first, "2026-02-30");
  assert_int_equal(calendar_period_check(&p, &e), ERR_INVALID);
  assert_string_equal(e.field, "from");
  snprintf(p.first, sizeof p.first, "2026-03-21");
  assert_int_equal(calendar_period_check(&p, &e), ERR_INVALID);
  assert_string_equal(e.field, "to");   /* before the first day */
  CalPeriod none = period("Kosong", "2026-02-19", "2026-03-20", "");
  assert_int_equal(calendar_period_check(&none, &e), ERR_INVALID);
  assert_string_equal(e.field, "hours");
  /* one calendar, periods that share a day refused; days next to each other are fine */
  Calendar *cal = fixture("WIB");
  CalPeriod a = period("Ramadan 1447 H", "2026-02-19", "2026-03-20", "1-4 08:00-15:00");
  CalPeriod b = period("Syawal", "2026-03-20", "2026-03-31", "5 08:00-12:00");
  CalPeriod c = period("Syawal", "2026-03-21", "2026-03-31", "5 08:00-12:00");
  CalPeriod d = period("Januari", "2026-01-01", "2026-02-19", "5 08:00-12:00");
  assert_int_equal(calendar_add_period(cal, &c), OK);
  assert_int_equal(calendar_add_period(cal, &a), OK);
  assert_int_equal(calendar_add_period(cal, &b), ERR_CONFLICT);
  assert_int_equal(calendar_add_period(cal, &d), ERR_CONFLICT);
  assert_int_equal(calendar_add_period(cal, &none), ERR_INVALID);
  /* both kept in order: Thu 19 Feb from Ramadan, Fri 27 Mar from the second */
  assert_false(calendar_is_open(cal, at(cal, "2026-02-19 07:45")));
  assert_false(calendar_is_open(cal, at(cal, "2026-03-27 13:30")));
  assert_true(calendar_is_open(cal, at(cal, "2026-03-27 11:30")));
  calendar_free(cal);
}

/* ---- holiday files ---- */

/* CSV: comments, a header, quoted names, the kind defaulting to national. */
static void test_csv_holidays(void **state){
  const char *csv = "# libur\n"
                    "date,name,kind\n"
                    "2026-08-17,Hari Kemerdekaan,national\r\n"
                    "\n"
                    "2026-12-24,\"Cuti Bersama Natal, 2026\",cuti_bersama\n"
                    "2026-09-01,Hari Jadi Kota\n";
  HolidayList l = {0};
  char err[128] = "";
  assert_int_equal(holiday_parse_csv(csv, strlen(csv), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 3);
  assert_string_equal(l.rows[1].name, "Cuti Bersama Natal, 2026");
  assert_string_equal(l.rows[1].kind, "cuti_bersama");
  assert_int_equal(l.rows[1].line, 5);
  assert_string_equal(l.rows[2].kind, "national");
  holiday_list_free(&l);
}

/* CSV as a spreadsheet set to Indonesian saves it, separated by semicolons (comments before its
** header): the same holidays, on the same lines, as the comma file. */
static void test_csv_semicolon_holidays(void **state){
  (void)state;
  static const char *const files[2] = {
    "# libur; daerah\ndate,name,kind\n2026-08-17,Hari Kemerdekaan,national\r\n\n"
    "2026-12-24,\"Cuti Bersama Natal; 2026\",cuti_bersama\n2026-09-01,Hari Jadi Kota\n",
    "# libur, daerah\ndate;name;kind\n2026-08-17;Hari Kemerdekaan;national\r\n\n"
    "2026-12-24;\"Cuti Bersama Natal; 2026\";cuti_bersama\n2026-09-01;Hari Jadi Kota\n",
  };
  HolidayList l[2] = {{0}, {0}};
  char err[128] = "";
  for(int k=0; k<2; k++) assert_int_equal(holiday_parse_csv(files[k], strlen(files[k]), &l[k], "en", err, sizeof err), OK);
  assert_int_equal(l[1].n, 3);
  assert_int_equal(l[1].n, l[0].n);
  for(int i=0; i<l[1].n; i++){
    assert_string_equal(l[1].rows[i].day, l[0].rows[i].day);
    assert_string_equal(l[1].rows[i].name, l[0].rows[i].name);
    assert_string_equal(l[1].rows[i].kind, l[0].rows[i].kind);
    assert_int_equal(l[1].rows[i].line, l[0].rows[i].line);
  }
  assert_string_equal(l[1].rows[1].name, "Cuti Bersama Natal; 2026");
  assert_int_equal(l[1].rows[1].line, 5);
  holiday_list_free(&l[0]);
  holiday_list_free(&l[1]);
}

/* CSV separated by semicolons with no header, whose names hold commas (a spreadsheet set to
** Indonesian quotes a field holding its separator, not a comma): the first line has both, so it
** reads as commas and fails on its date; read with semicolons it is whole, and so it is taken.
** A file that fails either way is told the error of the reading that got further. */
static void test_csv_semicolon_names_with_commas(void **state){
  (void)state;
  const char *csv = "10/03/2027;Hari Raya Idul Fitri 1448 H, hari pertama;Libur Nasional\r\n"
                    "11/03/2027;Hari Raya Idul Fitri 1448 H, hari kedua;Libur Nasional\r\n"
                    "12/03/2027;Cuti Bersama Idul Fitri;\r\n";
  HolidayList l = {0};
  char err[160] = "";
  assert_int_equal(holiday_parse_csv(csv, strlen(csv), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 3);
  assert_string_equal(l.rows[0].day, "2027-03-10");
  assert_string_equal(l.rows[0].name, "Hari Raya Idul Fitri 1448 H, hari pertama");
  assert_string_equal(l.rows[1].kind, "national");
  assert_string_equal(l.rows[2].kind, "cuti_bersama");
  holiday_list_free(&l);
  const char *one = "10/03/2027;Idul Fitri, hari pertama\n";
  assert_int_equal(holiday_parse_csv(one, strlen(one), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.rows[0].name, "Idul Fitri, hari pertama");
  holiday_list_free(&l);
  const char *bad = "10/03/2027;Idul Fitri, hari pertama\n31/02/2027;Tidak ada, sama sekali\n";
  assert_int_equal(holiday_parse_csv(bad, strlen(bad), &l, "en", err, sizeof err), ERR_INVALID);
  assert_string_equal(err, "line 2: the date must be a real day from 1970 to 2100, written YYYY-MM-DD or day first DD/MM/YYYY");
  assert_int_equal(l.n, 0);
  holiday_list_free(&l);
}

/* Cuti bersama as English writes it (a table copied from a holiday site, Google's English feed):
** the kind "Joint Holiday", or a name "Joint Holiday for …" with no kind, in CSV and iCalendar,
** where such an event is a day off even when its description says Observance. */
static void test_joint_holiday(void **state){
  (void)state;
  const char *csv = "Date,Name,Type\n2027-03-08,Joint Holiday for Eid al-Fitr,Joint Holiday\n"
                    "2027-03-09,Joint Holiday for Eid al-Fitr,\n2027-03-10,Eid al-Fitr,National holiday\n";
  HolidayList l = {0};
  char err[160] = "";
  assert_int_equal(holiday_parse_csv(csv, strlen(csv), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 3);
  assert_string_equal(l.rows[0].kind, "cuti_bersama");
  assert_string_equal(l.rows[1].kind, "cuti_bersama");
  assert_string_equal(l.rows[2].kind, "national");
  holiday_list_free(&l);
  const char *ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20271224\r\n"
                    "SUMMARY:Joint Holiday for Christmas Day\r\nDESCRIPTION:Observance\\nTo hide observances\r\n"
                    "END:VEVENT\r\nEND:VCALENDAR\r\n";
  assert_int_equal(holiday_parse_ics(ics, strlen(ics), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.rows[0].kind, "cuti_bersama");
  holiday_list_free(&l);
}

/* CSV: a name longer than 120 characters is refused on its line, however long the line. */
static void test_csv_long_name(void **state){
  (void)state;
  Buf b = BUF_INIT;
  buf_puts(&b, "2026-08-17,Merdeka\n2026-08-18,");
  for(int i=0; i<121; i++) buf_putc(&b, 'x');
  buf_puts(&b, "\n");
  HolidayList l = {0};
  char err[160] = "";
  assert_int_equal(holiday_parse_csv(b.z, b.n, &l, "en", err, sizeof err), ERR_INVALID);
  assert_string_equal(err, "line 2: the name must be 1 to 120 characters, without control characters");
  buf_reset(&b);
  buf_puts(&b, "2026-08-17,");
  for(int i=0; i<4000; i++) buf_putc(&b, 'y');
  buf_puts(&b, ",national\n");
  assert_int_equal(holiday_parse_csv(b.z, b.n, &l, "en", err, sizeof err), ERR_INVALID);
  assert_string_equal(err, "line 1: the name must be 1 to 120 characters, without control characters");
  assert_int_equal(l.n, 0);
  holiday_list_free(&l);
  buf_free(&b);
}

/* CSV as spreadsheets save a list of holidays: a header in Indonesian or English naming the
** columns (a number, a weekday or a note column besides), dates day first (20/03/2026) or ISO,
** the kind in words ("Libur Nasional", "Cuti Bersama", "lokal") or left out (then by the name),
** a description column, and the rows a spreadsheet saves empty (";;;;"). */
static void test_csv_as_spreadsheets_save_it(void **state){
  (void)state;
  static const char *const files[] = {
    "\xEF\xBB\xBFNo;Tanggal;Hari;Keterangan;Jenis;Catatan\r\n"
    "1;20/03/2026;Jumat;Cuti Bersama Idul Fitri 1447 H;Cuti Bersama;\"SKB; hari pertama\"\r\n"
    ";;;;;\r\n"
    "2;21/3/2026;Sabtu;Idul Fitri 1447 H;Libur Nasional;\r\n"
    "3;08.06.2026;Senin;Hari Jadi Kota Bogor;Libur Daerah;\r\n",
    "Date,Day,Holiday,Type,Description\n"
    "2026-03-20,Friday,Cuti Bersama Idul Fitri 1447 H,cuti_bersama,\"first day, SKB\"\n"
    "\n"
    "2026-3-21,Saturday,Idul Fitri 1447 H,National holiday,\n"
    "2026/06/08,Monday,Hari Jadi Kota Bogor,local,\n"
    ",,,,\n",
    "2026-03-20,Cuti Bersama Idul Fitri 1447 H,,first day\n"
    "21-03-2026,Idul Fitri 1447 H\n"
    "2026-06-08,Hari Jadi Kota Bogor,lokal,\n",
    /* dates as the calendar page shows them, copied into a sheet saved with semicolons */
    ("Tanggal;Nama;Jenis\n\"Jumat, 20 Maret 2026\";Cuti Bersama Idul Fitri 1447 H;Cuti Bersama\n"
     "21 Mar 2026;Idul Fitri 1447 H;\n08-Jun-2026;Hari Jadi Kota Bogor;Lokal\n"),
    /* a title above the table, headers as an office's own sheet words them ("Hari/Tanggal", "Nama
    ** Hari Libur", "Jenis Libur" holding "libur" too), cells formatted as a date and a time */
    ("DAFTAR HARI LIBUR NASIONAL DAN CUTI BERSAMA TAHUN 2026;;;;\n;;;;\n"
     "No;Hari/Tanggal;Nama Hari Libur;Jenis Libur;Keterangan\n"
     "1;20/03/2026 0:00;Cuti Bersama Idul Fitri 1447 H;Cuti Bersama;SKB\n"
     "2;2026-03-21 00:00:00;Idul Fitri 1447 H;Libur Nasional;\n"
     "3;Senin, 8 Juni 2026;Hari Jadi Kota Bogor;Libur Daerah;Perwali\n"),
    ("Daftar Libur 2026\n\nTanggal Libur,Keterangan,Jenis\n20.03.2026 00.00,Cuti Bersama Idul Fitri 1447 H,\n"
     "21/03/2026,Idul Fitri 1447 H,\n08/06/2026,Hari Jadi Kota Bogor,lokal\n"),
    /* saved as tab-separated text, a name holding a comma */
    ("No\tTanggal\tKeterangan\tJenis\r\n1\t20/03/2026\tCuti Bersama Idul Fitri 1447 H\t\r\n"
     "2\t21/03/2026\tIdul Fitri 1447 H\tLibur Nasional\r\n3\t08/06/2026\tHari Jadi Kota Bogor\tLibur Daerah\r\n"),
  };
  static const char *const want[][3] = {
    { "2026-03-20", "Cuti Bersama Idul Fitri 1447 H", "cuti_bersama" },
    { "2026-03-21", "Idul Fitri 1447 H", "national" },
    { "2026-06-08", "Hari Jadi Kota Bogor", "local" },
  };
  for(size_t k=0; k<COUNT(files); k++){
    HolidayList l = {0};
    char err[200] = "";
    assert_int_equal(holiday_parse_csv(files[k], strlen(files[k]), &l, "en", err, sizeof err), OK);
    assert_int_equal(l.n, 3);
    for(int i=0; i<3; i++){
      assert_string_equal(l.rows[i].day, want[i][0]);
      assert_string_equal(l.rows[i].name, want[i][1]);
      assert_string_equal(l.rows[i].kind, want[i][2]);
    }
    holiday_list_free(&l);
  }
}

/* CSV: months as government letters still spell and shorten them (Pebruari, Nopember, Ags, Sept). */
static void test_csv_old_month_spellings(void **state){
  (void)state;
  static const char text[] = "Tanggal;Keterangan\n16 Pebruari 2026;Cuti Bersama Imlek\n17 Peb 2026;Imlek\n"
                             "17 Ags 2026;HUT RI\n1 Sept 2026;Hari jadi\n10 Nopember 2026;Hari Pahlawan\n11-Nop-2026;x\n";
  static const char *const days[] = { "2026-02-16", "2026-02-17", "2026-08-17", "2026-09-01", "2026-11-10", "2026-11-11" };
  HolidayList l = {0};
  char err[200] = "";
  assert_int_equal(holiday_parse_csv(text, strlen(text), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, (int)COUNT(days));
  for(size_t i=0; i<COUNT(days); i++) assert_string_equal(l.rows[i].day, days[i]);
  holiday_list_free(&l);
}

/* CSV: a weekday written before the date ("Senin, 1 Januari 2028") must be that day's, in
** Indonesian or English, whole or short; a date it contradicts is refused, naming the day it is. */
static void test_csv_weekday_before_date(void **state){
  (void)state;
  static const char good[] = "Tanggal;Keterangan\n\"Jumat, 20 Maret 2026\";a\n\"Jum'at, 3 April 2026\";b\n"
                             "\"Jum\xE2\x80\x99" "at, 1 Mei 2026\";c\n\"SABTU , 1 Januari 2028\";d\n\"Ahad, 2 Januari 2028\";e\n"
                             "\"Mon, 3 Jan 2028\";f\n\"Tuesday, 04/01/2028\";g\n\"Sen, 10 Januari 2028\";h\n";
  static const char *const days[] = { "2026-03-20", "2026-04-03", "2026-05-01", "2028-01-01", "2028-01-02", "2028-01-03", "2028-01-04", "2028-01-10" };
  HolidayList l = {0};
  char err[200] = "";
  assert_int_equal(holiday_parse_csv(good, strlen(good), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, (int)COUNT(days));
  for(size_t i=0; i<COUNT(days); i++) assert_string_equal(l.rows[i].day, days[i]);
  holiday_list_free(&l);
  static const char bad[] = "Tanggal;Keterangan\n\"Senin, 1 Januari 2028\";Tahun Baru\n\"Friday, 21/03/2026\";x\n";
  assert_int_equal(holiday_parse_csv(bad, strlen(bad), &l, "en", err, sizeof err), ERR_INVALID);
  assert_string_equal(err, "line 2: Senin, 1 Januari 2028: that day is a Saturday (the date or the weekday is mistyped)");
  assert_int_equal(l.nbad, 2);
  assert_string_equal(l.bad[1], "line 3: Friday, 21/03/2026: that day is a Saturday (the date or the weekday is mistyped)");
  assert_int_equal(l.n, 0);
  holiday_list_free(&l);
}

/* CSV: a bad line is named, and nothing of the file is kept. */
static void test_csv_bad_lines(void **state){
  static const struct { const char *text, *err; } cases[] = {
    { "2026-08-17,Merdeka\n2026-02-30,Tidak ada\n", "line 2: the date" },
    { "2026-08-17,Merdeka\n\n# x\n2026-08-18,\n", "line 4: the name" },
    { "2026-08-17,Merdeka,libur\n", "line 1: the kind" },
    { "2026-08-17\n", "line 1: expected date,name" },
    { "2026-08-17,Merdeka\n2026-08-18,\"Merdeka\n", "line 2: a quoted field is not closed" },
    { "2026-08-17,Merdeka,national,x,y\n", "line 1: expected date,name[,kind[,description]]" },
    { "2026-08-17,Merdeka\n03/20/2026,US order\n", "line 2: the date must be a real day from 1970 to 2100, written YYYY-MM-DD or day first" },
    { "2026-08-17,Merdeka\n20/03/26,two-digit year\n", "line 2: the date" },
    { "2026-08-17,Merdeka\n2026-03/20,mixed\n", "line 2: the date" },
    { "2026-08-17,Merdeka\n31/12/2101,too late\n", "line 2: the date" },
    { "2026-08-17,Merdeka\n20 Maretz 2026,x\n", "line 2: the date" },
    { "2026-08-17,Merdeka\n20 3 2026,x\n", "line 2: the date" },
    { "2026-08-17;Merdeka\nMaret 2026;x\n", "line 2: the date" },
    { "2026-08-17;Merdeka\n2026 Maret 20;x\n", "line 2: the date" },
    { "Tanggal;Jenis\n17/08/2026;Libur Nasional\n", "line 1: the header names no column for the name" },
    { "Tanggal;Keterangan;Jenis\n17/08/2026;HUT RI;Libur Negara\n", "line 2: the kind" },
    { "Tanggal;Keterangan\n;;\n17/08/2026;HUT RI\n2026-08-17;HUT RI lagi\n", "line 4: 2026-08-17 is also on line 3" },
    { "2026-08-17,\"Merdeka\n\"\n2026-08-18,x,libur\n", "line 3: the kind" },   /* the name's line break trimmed */
    { "# x\ndate;name\n2026-08-17;\"Merdeka\nRI\"\n", "line 3: the name" },
    { "date;name\n2026-08-17;Merdeka\n2026-08-18,Dua\n", "line 3: expected date,name" },
    { "date;name\n2026-08-17;Merdeka\n2026-12-24;Natal; 2026\n", "line 3: more fields than the header" },   /* a ';' in a name wants quotes */
    { "2026-08-17;Merdeka\n2026-12-24;Natal; 2026\n", "line 2: the kind" },
    { "No;Hari;Keterangan\n1;Jumat;Cuti\n", "line 1: the first row is neither a holiday nor a header naming the date's column" },
    { "2026-08-17;Merdeka\n20/03/2026 08:00;Jam kerja\n", "line 2: the date" },   /* a time of day: no whole day */
    { "Daftar\nLibur\n17/08/2026;HUT RI\n", "line 2: the first row is neither" },   /* one title, not two */
    /* several days in one cell, as the decree's table writes them */
    { "Tanggal;Keterangan\n20/03/2026;Cuti\n21-22 Maret 2026;Idul Fitri 1447 H\n", "line 3: the date is several days: write each day on a row of its own" },
    { "Tanggal;Keterangan\n20/03/2026 - 24/03/2026;Cuti Bersama Idul Fitri\n", "line 2: the date is several days" },
    { "Tanggal;Keterangan\n\"20, 23 dan 24 Maret 2026\";Cuti Bersama Idul Fitri\n", "line 2: the date is several days" },
    { "Tanggal;Keterangan\n20 s.d. 24 Maret 2026;Cuti Bersama Idul Fitri\n", "line 2: the date is several days" },
  };
  for(size_t i=0; i<COUNT(cases); i++){
    HolidayList l = {0};
    char err[128] = "";
    assert_int_equal(holiday_parse_csv(cases[i].text, strlen(cases[i].text), &l, "en", err, sizeof err), ERR_INVALID);
    assert_contains(err, cases[i].err);
    assert_int_equal(l.n, 0);
    holiday_list_free(&l);
  }
}

/* iCalendar: whole-day events, folded lines, a multi-day event expanded, cuti bersama
** recognised by CATEGORIES or SUMMARY, a cancelled event left out. */
static void test_ics_holidays(void **state){
  const char *ics = "BEGIN:VCALENDAR\r\n"
                    "VERSION:2.0\r\n"
                    "BEGIN:VEVENT\r\n"
                    "DTSTART;VALUE=DATE:20260321\r\n"
                    "DTEND;VALUE=DATE:20260323\r\n"
                    "SUMMARY:Hari Raya Idul Fitri\r\n"
                    "  1447 H\r\n"
                    "END:VEVENT\r\n"
                    "BEGIN:VEVENT\r\n"
                    "DTSTART;VALUE=DATE:20260323\r\n"
                    "DTEND;VALUE=DATE:20260325\r\n"
                    "SUMMARY:Cuti Bersama Idul Fitri\r\n"
                    "STATUS:CONFIRMED\r\n"
                    "END:VEVENT\r\n"
                    "BEGIN:VEVENT\r\n"
                    "DTSTART;VALUE=DATE:20260324\r\n"
                    "SUMMARY:Hari Nasional Uji\r\n"
                    "END:VEVENT\r\n"
                    "BEGIN:VEVENT\r\n"
                    "DTSTART;VALUE=DATE:20260818\r\n"
                    "SUMMARY:Cuti bersama dibatalkan\r\n"
                    "STATUS:CANCELLED\r\n"
                    "END:VEVENT\r\n"
                    "BEGIN:VEVENT\r\n"
                    "DTSTART;VALUE=DATE:20261224\r\n"
                    "SUMMARY:Natal\\, cuti\r\n"
                    "CATEGORIES:Cuti Bersama\r\n"
                    "BEGIN:VALARM\r\n"
                    "SUMMARY:ignored\r\n"
                    "END:VALARM\r\n"
                    "END:VEVENT\r\n"
                    "END:VCALENDAR\r\n";
  HolidayList l = {0};
  char err[128] = "";
  assert_int_equal(holiday_parse_ics(ics, strlen(ics), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 6);
  assert_int_equal(holiday_list_held(&l), 5);
  assert_string_equal(l.rows[0].day, "2026-03-21");
  assert_string_equal(l.rows[1].day, "2026-03-22");         /* DTEND is exclusive */
  assert_string_equal(l.rows[0].name, "Hari Raya Idul Fitri 1447 H");
  assert_string_equal(l.rows[0].kind, "national");
  assert_string_equal(l.rows[3].day, "2026-03-24");
  assert_string_equal(l.rows[3].kind, "national");        /* a national holiday that day too: it wins */
  assert_string_equal(l.rows[3].name, "Hari Nasional Uji");
  assert_string_equal(l.rows[2].kind, "cuti_bersama");
  assert_string_equal(l.rows[4].day, "2026-08-18");              /* called off: to remove, not to hold */
  assert_int_equal(l.rows[4].cancelled, 1);
  assert_int_equal(l.rows[3].cancelled, 0);
  assert_string_equal(l.rows[5].name, "Natal, cuti");
  assert_string_equal(l.rows[5].kind, "cuti_bersama");
  holiday_list_free(&l);
  /* the same file with CR alone at each line's end (old Mac programs) reads the same, folds too */
  char *cr = strdup(ics);
  size_t k = 0;
  for(size_t i=0; cr[i]; i++) if( !(cr[i]=='\n' && i>0 && cr[i-1]=='\r') ) cr[k++] = cr[i];
  cr[k] = 0;
  HolidayList m = {0};
  assert_int_equal(holiday_parse_ics(cr, strlen(cr), &m, "en", err, sizeof err), OK);
  assert_int_equal(m.n, 6);
  assert_string_equal(m.rows[0].name, "Hari Raya Idul Fitri 1447 H");
  assert_string_equal(m.rows[5].kind, "cuti_bersama");
  holiday_list_free(&m);
  free(cr);
}

/* Google's "Hari Libur di Indonesia" feed as it is downloaded: days off say "Hari libur
** nasional", observances (not days off) "Perayaan\n…" folded over two lines; the observances
** are checked, counted and skipped, a description that goes on is a day off. Also: a one-day
** event whose DTEND is its DTSTART, as some programs write it. */
static void test_ics_google_observances(void **state){
  (void)state;
  const char *ics = "BEGIN:VCALENDAR\r\n"
                    "PRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
                    "VERSION:2.0\r\n"
                    "X-WR-CALNAME:Hari Libur di Indonesia\r\n"
                    "BEGIN:VEVENT\r\n"
                    "DTSTART;VALUE=DATE:20270101\r\n"
                    "DTEND;VALUE=DATE:20270102\r\n"
                    "UID:20270101_a@google.com\r\n"
                    "DESCRIPTION:Hari libur nasional\r\n"
                    "STATUS:CONFIRMED\r\n"
                    "SUMMARY:Tahun Baru Masehi\r\n"
                    "TRANSP:TRANSPARENT\r\n"
                    "END:VEVENT\r\n"
                    "BEGIN:VEVENT\r\n"
                    "DTSTART;VALUE=DATE:20261231\r\n"
                    "DTEND;VALUE=DATE:20270101\r\n"
                    "DESCRIPTION:Perayaan\\nUntuk menyembunyikan kalender perayaan\\, buka Setela\r\n"
                    " n Google Kalender > Hari Libur di Indonesia\r\n"
                    "SUMMARY:Malam Tahun Baru\r\n"
                    "END:VEVENT\r\n"
                    "BEGIN:VEVENT\r\n"
                    "DTSTART;VALUE=DATE:20270421\r\n"
                    "DESCRIPTION:Observance\\nTo hide observances\\, go to Google Calendar Settings\r\n"
                    "SUMMARY:Kartini Day\r\n"
                    "END:VEVENT\r\n"
                    "BEGIN:VEVENT\r\n"
                    "DTSTART;VALUE=DATE:20270311\r\n"
                    "DESCRIPTION:Hari libur nasional\\nTanggal bersifat tentatif\r\n"
                    "SUMMARY:Cuti Bersama Idul Fitri (belum pasti)\r\n"
                    "END:VEVENT\r\n"
                    "BEGIN:VEVENT\r\n"
                    "DTSTART;VALUE=DATE:20270608\r\n"
                    "DESCRIPTION:Perayaan Hari Jadi Kabupaten: kantor libur\r\n"
                    "SUMMARY:Hari Jadi Kabupaten\r\n"
                    "END:VEVENT\r\n"
                    "END:VCALENDAR\r\n";
  HolidayList l = {0};
  char err[128] = "";
  assert_int_equal(holiday_parse_ics(ics, strlen(ics), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.observances, 2);
  assert_int_equal(l.n, 3);
  assert_string_equal(l.rows[0].day, "2027-01-01");
  assert_string_equal(l.rows[0].kind, "national");
  assert_string_equal(l.rows[1].day, "2027-03-11");
  assert_string_equal(l.rows[1].kind, "cuti_bersama");
  assert_string_equal(l.rows[2].name, "Hari Jadi Kabupaten");
  holiday_list_free(&l);
  /* an observance is still checked: a broken one refuses the file, naming its line */
  const char *bad = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270231\nDESCRIPTION:Perayaan\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n";
  assert_int_equal(holiday_parse_ics(bad, strlen(bad), &l, "en", err, sizeof err), ERR_INVALID);
  assert_non_null(strstr(err, "line 3: DTSTART"));
  holiday_list_free(&l);
  /* DTEND equal to DTSTART (as some programs write a one-day event): that one day */
  const char *same = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270817\nDTEND;VALUE=DATE:20270817\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n";
  assert_int_equal(holiday_parse_ics(same, strlen(same), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.rows[0].day, "2027-08-17");
  holiday_list_free(&l);
  /* cuti bersama marked as an observance is still a day off */
  const char *cb = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270312\nDESCRIPTION:Perayaan\nSUMMARY:Cuti Bersama Idul Fitri\nEND:VEVENT\nEND:VCALENDAR\n";
  assert_int_equal(holiday_parse_ics(cb, strlen(cb), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 1);
  assert_int_equal(l.observances, 0);
  assert_string_equal(l.rows[0].kind, "cuti_bersama");
  holiday_list_free(&l);
  /* a file of observances only holds no holidays */
  const char *only = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270214\nDESCRIPTION:PERAYAAN\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n";
  assert_int_equal(holiday_parse_ics(only, strlen(only), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 0);
  assert_int_equal(l.observances, 1);
  holiday_list_free(&l);
}

/* RFC 5545 TEXT escapes in a SUMMARY are decoded: \\, \; \, and a line break \n or \N (as a space). */
static void test_ics_text_escapes(void **state){
  const char *ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270310\r\n"
                    "SUMMARY:Libur\\, Cuti Bersama\\; uji\\\\dua\\Ntiga\\nempat\r\n"
                    "END:VEVENT\r\nEND:VCALENDAR\r\n";
  HolidayList l = {0};
  char err[128] = "";
  assert_int_equal(holiday_parse_ics(ics, strlen(ics), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 1);
  assert_string_equal(l.rows[0].name, "Libur, Cuti Bersama; uji\\dua tiga empat");
  holiday_list_free(&l);
}

/* A fold inside a UTF-8 character (RFC 5545 3.1 folds at 75 octets, and a simple writer splits an
** em dash or a curly quote there): the character is whole again once the line is unfolded, and
** the event imports; bytes that are not UTF-8 once unfolded are still refused, on the line of
** their property. */
static void test_ics_fold_in_character(void **state){
  (void)state;
  const char *ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270310\r\nDTEND;VALUE=DATE:20270312\r\n"
                    "SUMMARY:Hari Raya Idul Fitri 1448 H \xE2\x80\r\n \x94 \xE2\x80\x9CLebaran\xE2\r\n \x80\x9D\r\n"
                    "DESCRIPTION:SKB 3 Menteri \xE2\x80\x94 libur\xC2\r\n\t\xA0nasional\r\n"
                    "END:VEVENT\r\nEND:VCALENDAR\r\n";
  HolidayList l = {0};
  char err[160] = "";
  assert_int_equal(holiday_parse_ics(ics, strlen(ics), &l, "en", err, sizeof err), OK);
  assert_string_equal(err, "");
  assert_int_equal(l.n, 2);
  assert_string_equal(l.rows[0].name, "Hari Raya Idul Fitri 1448 H \xE2\x80\x94 \xE2\x80\x9CLebaran\xE2\x80\x9D");
  assert_string_equal(l.rows[1].day, "2027-03-11");
  holiday_list_free(&l);
  const char *bad = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270310\r\n"
                    "SUMMARY:Lebaran \xE2\x80\r\n x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  assert_int_equal(holiday_parse_ics(bad, strlen(bad), &l, "en", err, sizeof err), ERR_INVALID);
  assert_string_equal(err, "line 4: not UTF-8 text (save the file as UTF-8)");
  assert_int_equal(l.n, 0);
  holiday_list_free(&l);
}

/* A real calendar whose event has a long DESCRIPTION (several KB, folded at 75 octets as RFC 5545
** says, or left unfolded on one line by a program that does not fold) is read whole: no line is
** too long; a long SUMMARY is still refused as a name, on its line. */
static void test_ics_long_description(void **state){
  (void)state;
  Buf desc = BUF_INIT;
  for(int i=0; i<300; i++) buf_printf(&desc, "Keterangan panjang nomor %d\\, untuk uji. ", i);   /* ~12 KB */
  const char *d = buf_str(&desc);
  for(int fold=1; fold>=0; fold--){
    Buf ics = BUF_INIT;
    buf_puts(&ics, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270310\r\nSUMMARY:Hari Suci Nyepi\r\nDESCRIPTION:");
    size_t col = strlen("DESCRIPTION:");
    for(const char *p = d; *p; p++){
      if( fold && col==75 ){ buf_puts(&ics, "\r\n "); col = 1; }
      buf_append(&ics, p, 1);
      col++;
    }
    buf_puts(&ics, "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270817\r\nSUMMARY:Hari Kemerdekaan\r\n"
                   "END:VEVENT\r\nEND:VCALENDAR\r\n");
    assert_true(ics.n > 12000);
    HolidayList l = {0};
    char err[160] = "";
    assert_int_equal(holiday_parse_ics(buf_str(&ics), ics.n, &l, "en", err, sizeof err), OK);
    assert_string_equal(err, "");
    assert_int_equal(l.n, 2);
    assert_string_equal(l.rows[0].name, "Hari Suci Nyepi");
    assert_string_equal(l.rows[1].name, "Hari Kemerdekaan");
    holiday_list_free(&l);
    buf_free(&ics);
  }
  /* a SUMMARY of 3000 characters on one line: refused as a name, naming its line */
  Buf ics = BUF_INIT;
  buf_puts(&ics, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270310\r\nSUMMARY:");
  for(int i=0; i<3000; i++) buf_puts(&ics, "x");
  buf_puts(&ics, "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  HolidayList l = {0};
  char err[160] = "";
  assert_int_equal(holiday_parse_ics(buf_str(&ics), ics.n, &l, "en", err, sizeof err), ERR_INVALID);
  assert_string_equal(err, "line 4: SUMMARY must be 1 to 120 characters");
  holiday_list_free(&l);
  buf_free(&ics);
  buf_free(&desc);
}

/* iCalendar as calendar programs write an admin's own list: a holiday on one date each year
** (RRULE:FREQ=YEARLY, Outlook's BYMONTH/BYMONTHDAY, COUNT, UNTIL) runs to its end, else through
** the last year the file reaches; EXDATE and an override of one year (RECURRENCE-ID, same UID,
** after or before its rule) stand for that year's day; an all-day event written as midnight to
** midnight with a TZID (quoted, holding a colon) is its days; a time of day is not. */
static void test_ics_yearly_and_zoned(void **state){
  (void)state;
  const char *ics = "\xEF\xBB\xBF" "BEGIN:VCALENDAR\r\n"
    "BEGIN:VTIMEZONE\r\nTZID:\"(UTC+07:00) Bangkok, Hanoi, Jakarta\"\r\nBEGIN:STANDARD\r\n"
    "DTSTART:16010101T000000\r\nTZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:tb\r\nSUMMARY:Tahun Baru 2028\r\nRECURRENCE-ID;VALUE=DATE:20280101\r\n"
    "DTSTART;VALUE=DATE:20280101\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:tb\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Tahun Baru Masehi\r\n"
    "DTSTART;VALUE=DATE:20260101\r\nDTEND;VALUE=DATE:20260102\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260817\r\nRRULE:FREQ=YEARLY;UNTIL=20270817;BYMONTHDAY=17;BYMONTH=8\r\n"
    "SUMMARY;LANGUAGE=id:HUT RI\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=YEARLY;COUNT=3\r\nEXDATE;VALUE=DATE:20271225\r\n"
    "SUMMARY:Natal\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;TZID=\"(UTC+07:00) Bangkok, Hanoi, Jakarta\":20280320T000000\r\n"
    "DTEND;TZID=\"(UTC+07:00) Bangkok, Hanoi, Jakarta\":20280322T000000\r\n"
    "SUMMARY:Cuti Bersama uji\r\nX-MICROSOFT-CDO-ALLDAYEVENT:FALSE\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  static const char *const want[][3] = {
    { "2028-01-01", "Tahun Baru 2028", "national" },
    { "2026-01-01", "Tahun Baru Masehi", "national" },
    { "2027-01-01", "Tahun Baru Masehi", "national" },
    { "2026-08-17", "HUT RI", "national" },
    { "2027-08-17", "HUT RI", "national" },
    { "2026-12-25", "Natal", "national" },
    { "2028-12-25", "Natal", "national" },
    { "2028-03-20", "Cuti Bersama uji", "cuti_bersama" },
    { "2028-03-21", "Cuti Bersama uji", "cuti_bersama" },
  };
  HolidayList l = {0};
  char err[200] = "";
  assert_int_equal(holiday_parse_ics(ics, strlen(ics), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, (int)COUNT(want));
  for(int i=0; i<l.n; i++){
    assert_string_equal(l.rows[i].day, want[i][0]);
    assert_string_equal(l.rows[i].name, want[i][1]);
    assert_string_equal(l.rows[i].kind, want[i][2]);
  }
  assert_int_equal(l.rows[1].line, 16);   /* the BEGIN:VEVENT of the rule */
  holiday_list_free(&l);
  /* a yearly rule alone in its file: its first year only (no year to run to) */
  const char *alone = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280229\nRRULE:FREQ=YEARLY\nSUMMARY:x\nEND:VEVENT\n"
                      "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20330301\nSUMMARY:y\nEND:VEVENT\nEND:VCALENDAR\n";
  assert_int_equal(holiday_parse_ics(alone, strlen(alone), &l, "en", err, sizeof err), OK);
  assert_int_equal(l.n, 3);   /* 29 February of 2028 and 2032 (leap years), then 1 March 2033 */
  assert_string_equal(l.rows[1].day, "2032-02-29");
  holiday_list_free(&l);
}

/* iCalendar: errors name the line, and nothing is kept. */
static void test_ics_bad_lines(void **state){
  static const struct { const char *text, *err; } cases[] = {
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260321T080000Z\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n", "line 3: DTSTART must be a whole day" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n", "line 2: event without DTSTART" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260321\nEND:VEVENT\n", "line 2: event without SUMMARY" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260321\nDTEND;VALUE=DATE:20260320\nSUMMARY:x\nEND:VEVENT\n", "line 4: DTEND must come after" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260321\nDURATION:P0D\nSUMMARY:x\nEND:VEVENT\n", "line 4: DURATION" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260321\nSUMMARY:\x01x\nEND:VEVENT\n", "line 4: SUMMARY must be" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260231\nSUMMARY:x\nEND:VEVENT\n", "line 3: DTSTART" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260321\nSUMMARY:x\n", "line 2: event without END:VEVENT" },
    /* a download cut short between two events */
    { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260321\r\nSUMMARY:x\r\nEND:VEVENT\r\nBEGIN:VEV", "line 6: the file ends without END:VCALENDAR" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260321\nSUMMARY:x\nEND:VEVENT\n", "line 5: the file ends without END:VCALENDAR" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280817\nRRULE:FREQ=MONTHLY\nSUMMARY:x\nEND:VEVENT\n", "line 4: RRULE: only a repeat each year" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280817\nRRULE:FREQ=YEARLY;BYDAY=MO\nSUMMARY:x\nEND:VEVENT\n", "line 4: RRULE" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nRRULE:FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=18\nDTSTART;VALUE=DATE:20280817\nSUMMARY:x\nEND:VEVENT\n", "line 3: RRULE" },
    /* a yearly rule whose value is out of range: that value said, not "only a repeat each year" */
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280817\nRRULE:FREQ=YEARLY;COUNT=100000\nSUMMARY:x\nEND:VEVENT\n", "line 4: RRULE: INTERVAL and COUNT must be whole numbers from 1 to 9999" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280817\nRRULE:FREQ=YEARLY;INTERVAL=0\nSUMMARY:x\nEND:VEVENT\n", "line 4: RRULE: INTERVAL and COUNT" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280817\nRRULE:FREQ=YEARLY;BYMONTH=13\nSUMMARY:x\nEND:VEVENT\n", "line 4: RRULE: BYMONTH must be a month from 1 to 12" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280817\nRRULE:FREQ=YEARLY;UNTIL=20300231\nSUMMARY:x\nEND:VEVENT\n", "line 4: RRULE: UNTIL must be a real date" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280817\nRRULE:FREQ=YEARLY\nRRULE:FREQ=YEARLY\nSUMMARY:x\nEND:VEVENT\n", "line 5: RRULE: only a repeat each year" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280817\nRDATE;VALUE=DATE:20290817\nSUMMARY:x\nEND:VEVENT\n", "line 4: RDATE is not read" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280817\nRRULE:FREQ=YEARLY\nEXDATE:20290817T080000Z\nSUMMARY:x\nEND:VEVENT\n", "line 5: EXDATE must be whole days" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=Asia/Jakarta:20280817T080000\nSUMMARY:x\nEND:VEVENT\n", "line 3: DTSTART must be a whole day" },
    { "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20280817T000000Z\nSUMMARY:x\nEND:VEVENT\n", "line 3: DTSTART must be a whole day" },
    { "date,name\n2026-01-01,x\n", "line 1: not an iCalendar file" },
    { "BEGIN:VCALENDAR\nthis is not a property\n", "line 2: expected NAME:VALUE" },
  };
  for(size_t i=0; i<COUNT(cases); i++){
    HolidayList l = {0};
    char err[128] = "";
    assert_int_equal(holiday_parse_ics(cases[i].text, strlen(cases[i].text), &l, "en", err, sizeof err), ERR_INVALID);
    assert_contains(err, cases[i].err);
    assert_int_equal(l.n, 0);
    holiday_list_free(&l);
  }
}

/* ---- the calendar in the database ---- */

/* The action of the newest audit row. */
static const char *last_action(Db *db){
  static char action[64];
  Stmt *q = db_prepare(db, "SELECT action FROM audit ORDER BY id DESC LIMIT 1");
  assert_non_null(q);
  action[0] = 0;
  if( db_step(q)==DB_ROW ) snprintf(action, sizeof action, "%s", db_col_text(q, 0));
  db_reset(q);
  return action;
}

/* A new office gets the default week and the 2026 holidays, and loads as a calendar. */
static void test_defaults_and_load(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  int64_t id = 0;
  Actor who = { 0, "cli", 0, "" };
  assert_int_equal(office_create(db, &who, "LPSE-MKS", "LPSE Kota Makassar", "WITA", &id, &e), OK);
  assert_int_equal(calendar_defaults(db, &who, id), OK);
  assert_string_equal(last_action(db), "calendar.defaults");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM office_hours"), 10);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM holiday WHERE kind='national'"), 17);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM holiday WHERE kind='cuti_bersama'"), 8);
  Calendar *cal = calendar_load(db, id);
  assert_non_null(cal);
  assert_string_equal(calendar_tz(cal), "WITA");
  assert_false(calendar_is_open(cal, at(cal, "2026-03-20 09:00")));   /* cuti bersama Idul Fitri */
  assert_true(calendar_is_open(cal, at(cal, "2026-03-25 09:00")));
  /* the same Lebaran case as in WIB: Tue 17 Mar 15:00 + 2 h → Wed 25 Mar 08:30 WITA */
  assert_string_equal(add(cal, "2026-03-17 15:00", 2*HOUR), "2026-03-25 08:30 WITA");
  calendar_free(cal);
}

/* Hours and holidays changed through the service are audited and seen by the next load. */
static void test_changes_are_audited_and_loaded(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  int64_t id = 0, rows = 0;
  char err[256];
  Actor who = { 0, "cli", 0, "" };
  assert_int_equal(office_create(db, &who, "LPSE-JPR", "LPSE Kota Jayapura", "WIT", &id, &e), OK);
  assert_int_equal(calendar_defaults(db, &who, id), OK);
  /* open Saturday mornings */
  CalSpan sat[CAL_MAX_SPANS];
  int n = calendar_parse_spans("08:00-12:00", 6, sat, CAL_MAX_SPANS, &e);
  assert_int_equal(n, 1);
  assert_int_equal(calendar_hours_set(db, &who, id, 6, sat, n, 0, &e), OK);
  assert_string_equal(last_action(db), "calendar.hours.set");
  /* a local holiday on Monday 12 Jan */
  assert_int_equal(calendar_holiday_set(db, &who, id, "2026-01-12", "Hari Jadi Kota Jayapura", "local", 0, 0, &e), OK);
  assert_string_equal(last_action(db), "calendar.holiday.set");
  assert_int_equal(calendar_holiday_set(db, &who, id, "2026-01-13", "x", "keagamaan", 0, 0, &e), ERR_INVALID);
  /* a kind as a holiday file writes it is stored as the import stores it */
  char kept[16];
  assert_int_equal(calendar_holiday_set(db, &who, id, "2026-01-14", "Hari Jadi Provinsi", "Libur Daerah", kept, 0, &e), OK);
  assert_string_equal(kept, "local");
  assert_int_equal(calendar_holiday_remove(db, &who, id, "2026-01-14", 0), OK);
  Calendar *cal = calendar_load(db, id);
  assert_non_null(cal);
  /* Fri 9 Jan 16:20 WIT + 25 min: 10 min to 16:30; Sat 08:00 + 15 → 08:15 */
  assert_string_equal(add(cal, "2026-01-09 16:20", 25*MIN), "2026-01-10 08:15 WIT");
  /* Sat 10 Jan 11:50 + 25 min: 10 min to 12:00; Sun closed, Mon 12 local holiday;
  ** 15 left from Tue 13 Jan 07:30 → 07:45 */
  assert_string_equal(add(cal, "2026-01-10 11:50", 25*MIN), "2026-01-13 07:45 WIT");
  calendar_free(cal);
  assert_int_equal(calendar_holiday_remove(db, &who, id, "2026-01-12", 0), OK);
  assert_string_equal(last_action(db), "calendar.holiday.remove");
  assert_int_equal(calendar_holiday_remove(db, &who, id, "2026-01-12", 0), ERR_NOTFOUND);
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);
}

/* An import is all or nothing and writes one audit row. */
static void test_import_is_audited(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  int64_t id = 0;
  Actor who = { 0, "cli", 0, "" };
  assert_int_equal(office_create(db, &who, "LPSE-BGR", "LPSE Kota Bogor", "WIB", &id, &e), OK);
  HolidayList l = {0};
  char err[128];
  const char *csv = "2027-01-01,Tahun Baru 2027 Masehi\n2027-02-06,Tahun Baru Imlek 2578 Kongzili\n";
  assert_int_equal(holiday_parse_csv(csv, strlen(csv), &l, "en", err, sizeof err), OK);
  CalImport ci;
  assert_int_equal(calendar_import(db, &who, id, &l, "libur-2027.csv", &ci, 0), OK);
  assert_int_equal(ci.unchanged, 0);
  assert_int_equal(ci.added, 2);
  assert_int_equal(ci.nnew, 2);
  assert_int_equal(ci.nchanged + ci.nkept + ci.removed, 0);
  calendar_import_free(&ci);
  assert_string_equal(last_action(db), "calendar.import");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM holiday WHERE day LIKE '2027-%'"), 2);
  /* the same file again: every day already so, nothing written; a day renamed is written */
  assert_int_equal(calendar_import(db, &who, id, &l, "libur-2027.csv", &ci, 0), OK);
  assert_int_equal(ci.unchanged, 2);
  assert_int_equal(ci.added + ci.nchanged + ci.nkept, 0);
  calendar_import_free(&ci);
  holiday_list_free(&l);
  const char *renamed = "2027-01-01,Tahun Baru Masehi\n2027-02-06,Tahun Baru Imlek 2578 Kongzili\n";
  assert_int_equal(holiday_parse_csv(renamed, strlen(renamed), &l, "en", err, sizeof err), OK);
  assert_int_equal(calendar_import(db, &who, id, &l, "libur-2027.csv", &ci, 0), OK);
  assert_int_equal(ci.unchanged, 1);
  /* the renamed day is told with what it was */
  assert_int_equal(ci.nchanged, 1);
  assert_string_equal(ci.changed[0].now->day, "2027-01-01");
  assert_string_equal(ci.changed[0].was.name, "Tahun Baru 2027 Masehi");
  assert_string_equal(ci.changed[0].was.kind, "national");
  calendar_import_free(&ci);
  holiday_list_free(&l);
  /* an edited file moving a day: the new day is new, the old one (between the file's first and
  ** last day, not in it) is kept and told */
  const char *moved = "2027-01-01,Tahun Baru Masehi\n2027-02-07,Tahun Baru Imlek 2578 Kongzili\n2027-02-08,Cuti Bersama Imlek\n";
  assert_int_equal(holiday_parse_csv(moved, strlen(moved), &l, "en", err, sizeof err), OK);
  assert_int_equal(calendar_import(db, &who, id, &l, "libur-2027.csv", &ci, 0), OK);
  assert_int_equal(ci.unchanged, 1);
  assert_int_equal(ci.added, 2);
  assert_string_equal(ci.new_rows[0]->day, "2027-02-07");
  assert_string_equal(ci.new_rows[1]->kind, "cuti_bersama");
  assert_int_equal(ci.nkept, 1);
  assert_string_equal(ci.kept[0].day, "2027-02-06");
  calendar_import_free(&ci);
  holiday_list_free(&l);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM holiday WHERE day='2027-02-06'"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM holiday WHERE day='2027-01-01' AND name='Tahun Baru Masehi'"), 1);
}

/* What a listing of periods saw: the last one, and how many. */
typedef struct CalFindTest { CalPeriod *last; int n; } CalFindTest;

/* Keep the period listed. */
static void period_seen(void *ctx, const CalPeriod *p){
  CalFindTest *f = ctx;
  *f->last = *p;
  f->n++;
}

/* A period stored through the service is audited, refused when it overlaps another (that one
** named), seen by the next load, and removed again. */
static void test_period_stored(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  int64_t id = 0, rows = 0;
  char err[256];
  Actor who = { 0, "cli", 0, "" };
  assert_int_equal(office_create(db, &who, "LPSE-MKS", "LPSE Kota Makassar", "WITA", &id, &e), OK);
  assert_int_equal(calendar_defaults(db, &who, id), OK);
  Calendar *cal = calendar_load(db, id);   /* kept: the period below must show in the next load */
  assert_string_equal(add(cal, "2026-02-18 15:50", 25*MIN), "2026-02-19 07:45 WITA");
  calendar_free(cal);
  CalPeriod p = period("Ramadan 1447 H", "2026-02-19", "2026-03-20", "1-4 08:00-15:00\n5 08:00-15:30");
  CalMoved m;
  assert_int_equal(calendar_period_add(db, &who, id, &p, 0, &m, &e), OK);
  assert_true(p.id>0);
  assert_string_equal(last_action(db), "calendar.period.add");
  cal = calendar_load(db, id);
  assert_string_equal(add(cal, "2026-02-18 15:50", 25*MIN), "2026-02-19 08:15 WITA");
  calendar_free(cal);
  /* one that shares 20 March with it: refused, naming it, nothing written */
  CalPeriod q = period("Syawal", "2026-03-20", "2026-04-10", "5 08:00-11:00"), clash;
  memset(&clash, 0, sizeof clash);
  assert_int_equal(calendar_period_add(db, &who, id, &q, &clash, 0, &e), ERR_CONFLICT);
  assert_string_equal(e.field, "from");
  assert_string_equal(clash.name, "Ramadan 1447 H");
  assert_int_equal(clash.id, p.id);
  assert_string_equal(clash.last, "2026-03-20");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM calendar_period"), 1);
  /* not whole: the field named, nothing written */
  CalPeriod bad = period("", "2026-05-01", "2026-05-31", "5 closed");
  assert_int_equal(calendar_period_add(db, &who, id, &bad, 0, 0, &e), ERR_INVALID);
  assert_string_equal(e.field, "name");
  /* listed with its spans */
  CalPeriod got;
  memset(&got, 0, sizeof got);
  CalFindTest f = { &got, 0 };
  assert_int_equal(calendar_periods_each(db, id, 0, 0, period_seen, &f), OK);
  assert_int_equal(f.n, 1);
  assert_int_equal(got.weekdays, 0x3e);
  assert_int_equal(got.nspans, 5);
  assert_int_equal(got.spans[4].closes_min, 930);
  /* those sharing a day with a span of days: its last day is in, the day before its first is not */
  f.n = 0;
  assert_int_equal(calendar_periods_each(db, id, "2026-03-20", "2026-12-31", period_seen, &f), OK);
  assert_int_equal(f.n, 1);
  f.n = 0;
  assert_int_equal(calendar_periods_each(db, id, "2026-01-01", "2026-02-18", period_seen, &f), OK);
  assert_int_equal(f.n, 0);
  /* changed: its own days are no overlap; from Monday 23 the Wednesday's step is due on the weekly hours */
  CalPeriod later = period("Ramadan 1447 H", "2026-02-23", "2026-03-20", "1-4 08:00-15:00\n5 08:00-15:30");
  later.id = p.id;
  assert_int_equal(calendar_period_set(db, &who, id, &later, 0, &m, &e), OK);
  assert_string_equal(last_action(db), "calendar.period.set");
  cal = calendar_load(db, id);
  assert_string_equal(add(cal, "2026-02-18 15:50", 25*MIN), "2026-02-19 07:45 WITA");
  assert_string_equal(add(cal, "2026-02-20 16:20", 25*MIN), "2026-02-23 08:15 WITA");
  calendar_free(cal);
  CalPeriod none = later;
  none.id = p.id + 100;
  assert_int_equal(calendar_period_set(db, &who, id, &none, 0, 0, &e), ERR_NOTFOUND);
  none.id = 0;
  assert_int_equal(calendar_period_set(db, &who, id, &none, 0, 0, &e), ERR_NOTFOUND);
  CalPeriod april = period("Syawal", "2026-04-01", "2026-04-10", "5 closed");
  assert_int_equal(calendar_period_add(db, &who, id, &april, 0, 0, &e), OK);
  snprintf(april.first, sizeof april.first, "2026-03-20");   /* Ramadan's last day */
  memset(&clash, 0, sizeof clash);
  assert_int_equal(calendar_period_set(db, &who, id, &april, &clash, 0, &e), ERR_CONFLICT);
  assert_int_equal(clash.id, p.id);
  assert_int_equal(calendar_period_remove(db, &who, id, april.id, 0, 0), OK);
  /* removed: the week's hours again */
  CalPeriod gone;
  assert_int_equal(calendar_period_remove(db, &who, id, p.id, &gone, 0), OK);
  assert_string_equal(gone.name, "Ramadan 1447 H");
  assert_string_equal(last_action(db), "calendar.period.remove");
  assert_int_equal(calendar_period_remove(db, &who, id, p.id, 0, 0), ERR_NOTFOUND);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM calendar_period_hours"), 0);
  cal = calendar_load(db, id);
  assert_string_equal(add(cal, "2026-02-18 15:50", 25*MIN), "2026-02-19 07:45 WITA");
  calendar_free(cal);
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);
}

/* A period's hours as text: lines Monday first, weekdays in a row with the same spans as a range
** when asked (Sunday alone, a range runs forward), read back as the same period. */
static void test_period_hours_text(void **state){
  (void)state;
  CalPeriod p = period("Ramadan", "2027-02-08", "2027-03-09", "0 closed\n1-3 08:00-15:00\n4 08:00-15:00\n5 08:00-11:30 13:00-15:30\n6 closed");
  Buf b = BUF_INIT;
  calendar_period_hours_text(&p, &b, "\n", 1);
  assert_string_equal(buf_str(&b), "1-4 08:00-15:00\n5 08:00-11:30 13:00-15:30\n6 closed\n0 closed");
  CalPeriod back = period("Ramadan", "2027-02-08", "2027-03-09", buf_str(&b));
  assert_int_equal(back.weekdays, p.weekdays);
  assert_int_equal(back.nspans, p.nspans);
  assert_memory_equal(back.spans, p.spans, sizeof(CalSpan)*(size_t)p.nspans);
  buf_reset(&b);
  calendar_period_hours_text(&p, &b, ",", 0);
  assert_string_equal(buf_str(&b), "1 08:00-15:00,2 08:00-15:00,3 08:00-15:00,4 08:00-15:00,5 08:00-11:30 13:00-15:30,6 closed,0 closed");
  buf_reset(&b);
  CalPeriod fri = period("Jumat", "2027-02-08", "2027-03-09", "5 07:30-11:00");
  calendar_period_hours_text(&fri, &b, "\n", 1);
  assert_string_equal(buf_str(&b), "5 07:30-11:00");
  buf_free(&b);
}

#define WITH_DB(t) cmocka_unit_test_setup_teardown(t, tempdb_setup, tempdb_teardown)

/* Embedded files and logs quiet for the whole group. */

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_open_hours_and_breaks),
    cmocka_unit_test(test_closed_days),
    cmocka_unit_test(test_add_within_a_span),
    cmocka_unit_test(test_add_skips_the_break),
    cmocka_unit_test(test_add_skips_the_weekend),
    cmocka_unit_test(test_add_skips_a_holiday),
    cmocka_unit_test(test_add_skips_cuti_bersama),
    cmocka_unit_test(test_add_across_lebaran),
    cmocka_unit_test(test_add_across_the_year_end),
    cmocka_unit_test(test_year_without_holiday_data),
    cmocka_unit_test(test_add_several_days),
    cmocka_unit_test(test_start_outside_office_hours),
    cmocka_unit_test(test_each_zone),
    cmocka_unit_test(test_office_between),
    cmocka_unit_test(test_between_is_the_inverse_of_add),
    cmocka_unit_test(test_between_counts_open_minutes),
    cmocka_unit_test(test_pause_moves_an_office_due_time),
    cmocka_unit_test(test_real_time_standard),
    cmocka_unit_test(test_workdays_before),
    cmocka_unit_test(test_workdays_before_across_lebaran),
    cmocka_unit_test(test_workdays_before_in_wita),
    cmocka_unit_test(test_after_event),
    cmocka_unit_test(test_due_edge_cases),
    cmocka_unit_test(test_calendar_new_validates),
    cmocka_unit_test(test_parse_spans),
    cmocka_unit_test(test_day_numbers),
    cmocka_unit_test(test_period_first_day),
    cmocka_unit_test(test_period_past_its_end),
    cmocka_unit_test(test_period_friday_only),
    cmocka_unit_test(test_period_closes_a_weekday),
    cmocka_unit_test(test_period_parse_and_check),
    cmocka_unit_test(test_csv_holidays),
    cmocka_unit_test(test_csv_semicolon_holidays),
    cmocka_unit_test(test_csv_semicolon_names_with_commas),
    cmocka_unit_test(test_joint_holiday),
    cmocka_unit_test(test_csv_long_name),
    cmocka_unit_test(test_csv_as_spreadsheets_save_it),
    cmocka_unit_test(test_csv_old_month_spellings),
    cmocka_unit_test(test_csv_weekday_before_date),
    cmocka_unit_test(test_csv_bad_lines),
    cmocka_unit_test(test_ics_holidays),
    cmocka_unit_test(test_ics_google_observances),
    cmocka_unit_test(test_ics_text_escapes),
    cmocka_unit_test(test_ics_fold_in_character),
    cmocka_unit_test(test_ics_long_description),
    cmocka_unit_test(test_ics_yearly_and_zoned),
    cmocka_unit_test(test_ics_bad_lines),
    WITH_DB(test_defaults_and_load),
    WITH_DB(test_changes_are_audited_and_loaded),
    WITH_DB(test_import_is_audited),
    WITH_DB(test_period_stored),
    cmocka_unit_test(test_period_hours_text),
  };
  return cmocka_run_group_tests(tests, unit_group_setup, NULL);
}
