/*
** calendar.h — an office's calendar (weekly hours, holidays, periods with their own
** hours, time zone) and the clock arithmetic every step's due time is computed with.
**
** All instants are epoch seconds (UTC); the office's zone (WIB +7, WITA +8,
** WIT +9, no daylight saving) is applied inside. Weekdays are C's tm_wday:
** 0 Sunday, 1 Monday … 6 Saturday. The arithmetic is pure: a Calendar is
** plain data in memory, loaded once from the database or built by a test.
*/
#ifndef LOKET_CALENDAR_H
#define LOKET_CALENDAR_H
#include "../core/core.h"
#include "standard.h"
#include "../db/db.h"

/* "Never": the answer when a calendar has no office hours at all. */
#define CAL_NEVER INT64_MAX
#define CAL_MAX_SPANS 8          /* spans of office hours in one day */

/* One span of office hours on a weekday: [opens_min, closes_min) after local midnight. */
typedef struct CalSpan { int weekday; int opens_min, closes_min; } CalSpan;

typedef struct Calendar Calendar;

/* ---- building and loading ---- */
/* A calendar from plain data (tests, previews): zone "WIB"/"WITA"/"WIT", spans in any
** order, holidays as "YYYY-MM-DD". NULL when the zone, a span or a day is invalid
** (overlapping spans of one day count as invalid). */
Calendar *calendar_new(const char *tz, const CalSpan *spans, int nspans,
                       const char *const *holidays, int nholidays);
/* The calendar of an office as stored (office.tz, office_hours, holiday, calendar_period); NULL when
** there is no such office or the database fails. */
Calendar *calendar_load(Db *db, int64_t office_id);
void calendar_free(Calendar *cal);
const char *calendar_tz(const Calendar *cal);

/* ---- the arithmetic ---- */
/* 1 when the office is open at t: a working day (not a holiday) and inside a span. */
int calendar_is_open(const Calendar *cal, int64_t t);
/* 1 when the local day holding t is a working day (has hours and is no holiday). */
int calendar_is_workday(const Calendar *cal, int64_t t);
/* The instant when `seconds` of office time have passed after start. A start outside
** office hours begins at the next opening; breaks, weekends and holidays are skipped.
** seconds 0 gives the next opening (start itself when open). CAL_NEVER when the
** calendar has no hours (or the answer lies more than 100 years ahead). */
int64_t calendar_add_office(const Calendar *cal, int64_t start, int64_t seconds);
/* Office seconds between two instants (0 when b <= a): time the office was open. */
int64_t calendar_office_between(const Calendar *cal, int64_t a, int64_t b);
/* "No later than n working days before the event": the close of office (end of the
** day's last span) on the n-th working day before the local day of event_t; the
** event's own day never counts. n <= 0 gives event_t itself. CAL_NEVER when the
** calendar has no hours (or no such day within 100 years). */
int64_t calendar_workdays_before(const Calendar *cal, int64_t event_t, int n);

/* ---- time standards (what a step's `time:` says; see docs/sop-format.md) ---- */
/* StdKind and Standard: standard.h */
/* The end of the years the office calendar knows (2101-01-01 00:00 UTC): an event from 1970 to 2100. */
#define CAL_EVENT_END INT64_C(4133980800)
/* An instant a case supplies by name (training_start, training_end, last_session_end). */
typedef struct CalEvent { const char *name; int64_t at; } CalEvent;
/* The due time of a step under its standard, into *due.
**   real:            start + seconds + paused_real
**   office:          add_office(start, seconds + paused_office)
**   workdays before: workdays_before(event, days)   (pauses do not move it)
**   after event:     event + seconds                (pauses do not move it)
** paused_real and paused_office are the step's total time paused, in real seconds and
** in office seconds (calendar_office_between over each pause). STD_NONE gives OK with
** *due = 0; a missing event gives ERR_NOTFOUND; a negative amount ERR_INVALID. */
int calendar_due(const Calendar *cal, const Standard *st, int64_t start,
                 const CalEvent *events, int nevents, int64_t paused_real,
                 int64_t paused_office, int64_t *due);

/* ---- local days and times ---- */
/* Local "YYYY-MM-DD HH:MM TZ" of t in the calendar's zone (tests, listings). */
void calendar_fmt(const Calendar *cal, int64_t t, char *out, size_t n);
/* Parse "YYYY-MM-DD HH:MM" (local, in zone tz) into epoch seconds; OK or ERR_INVALID. */
int calendar_parse_local(const char *z, const char *tz, int64_t *out);
/* The instant the local day number day begins (its midnight in the calendar's zone). */
int64_t calendar_day_start(const Calendar *cal, int64_t day);
/* Days since 1970-01-01 of "YYYY-MM-DD"; OK or ERR_INVALID (also 31 April and the like). */
int calendar_day_number(const char *z, int64_t *day);
/* "YYYY-MM-DD" of a day number. */
void calendar_day_text(int64_t day, char out[11]);
/* "HH:MM-HH:MM" … into spans of one weekday, sorted; the count (0 for nothing, "closed" or
** "tutup"), or -1 with *e set (bad form, closes before opens, overlapping spans, more than
** CAL_MAX_SPANS). */
int calendar_parse_spans(const char *z, int weekday, CalSpan *out, int max, Err *e);

/* ---- holidays as data: parsing files ---- */
enum { HOLIDAY_NAME_MAX = 120, HOLIDAY_NAME_BYTES = 4*HOLIDAY_NAME_MAX };   /* characters; bytes of UTF-8 at most */
typedef struct HolidayRow {
  char day[11];            /* YYYY-MM-DD */
  char name[HOLIDAY_NAME_BYTES+1];
  char kind[16];           /* national | cuti_bersama | local */
  int line;                /* where it came from in its file */
  int cancelled;           /* an iCalendar event with STATUS:CANCELLED: the day, when held under this name, is removed */
} HolidayRow;
typedef struct HolidayList {
  HolidayRow *rows;
  int n, cap;
  int observances;         /* iCalendar events the file marks as observances (not days off): skipped */
  char **bad;              /* a refused file's wrong lines, "line N: what" (translated), in the order found */
  int nbad;                /* how many were found; the first HOLIDAY_BAD_MAX of them are in bad */
} HolidayList;
#define HOLIDAY_BAD_MAX 50
void holiday_list_free(HolidayList *l);
/* A refused file's wrong lines, each "line N: what", joined by sep, then "and K more" when
** more were found than kept. */
void holiday_list_bad_text(const HolidayList *l, const char *lang, const char *sep, Buf *out);
int  holiday_list_held(const HolidayList *l);   /* its days that are holidays (not called off) */
/* CSV "date,name[,kind[,description]]", or the columns a header row names (date/tanggal,
** name/nama/keterangan, kind/jenis; English or Indonesian); dates 2026-03-20, 20 Maret 2026 or
** 20/03/2026; the kind in words ("Libur Nasional", "Cuti Bersama") or by the name when empty;
** '#' lines, blank lines and empty rows skipped; fields may be "quoted". On error: ERR_INVALID
** with the first "line N: what" in err, every wrong line in out->bad (a row that is wrong does
** not stop the reading; a file whose shape is wrong does), and nothing appended. */
int holiday_parse_csv(const char *text, size_t n, HolidayList *out, const char *lang, char *err, size_t errlen);
/* iCalendar: each VEVENT's DTSTART;VALUE=DATE (or a zoned midnight) and SUMMARY; DTEND
** (exclusive) expands a multi-day event to each day; RRULE:FREQ=YEARLY repeats it (EXDATE,
** RECURRENCE-ID honoured) to its end, else through the last year the file reaches; CATEGORIES or SUMMARY containing "Cuti Bersama" makes
** it cuti_bersama, else national. An event whose DESCRIPTION's first line is "Perayaan"
** or "Observance" (how Google's holiday calendars mark a day that is not a day off) is
** checked, then counted in out->observances and not imported. Errors as for CSV. */
int holiday_parse_ics(const char *text, size_t n, HolidayList *out, const char *lang, char *err, size_t errlen);
/* 1 when a file of holidays is iCalendar: named .ics (any case) or starting BEGIN:VCALENDAR (after
** a byte-order mark, any case); else it is read as CSV. name may be NULL. */
int holiday_file_is_ics(const char *name, const char *text, size_t n);
/* A file of holidays read as holiday_file_is_ics says: holiday_parse_ics or holiday_parse_csv. */
int holiday_parse_file(const char *name, const char *text, size_t n, HolidayList *out, const char *lang,
                       char *err, size_t errlen);

/* ---- periods with their own hours ("jam kerja khusus": Ramadan hours) ---- */
/* From its first to its last local day (inclusive), on each weekday a period names, its spans
** replace the weekly hours (none: closed that day); the weekdays it does not name keep theirs.
** Holidays close a day inside a period too. Periods of one office do not overlap. */
typedef struct CalPeriod {
  int64_t id;                        /* its row; 0 when not stored */
  char name[HOLIDAY_NAME_BYTES+1];   /* 1 to 120 characters, as a holiday's */
  char first[11], last[11];          /* YYYY-MM-DD, inclusive */
  int weekdays;                      /* bit 1<<w: the period names weekday w */
  int nspans;
  CalSpan spans[7*CAL_MAX_SPANS];    /* by weekday, then opening */
} CalPeriod;
/* Add the weekdays one line names to a period: "W spans" or "W-W spans" (a range, 1-4 Monday to
** Thursday; a dash or an en dash), then the spans as calendar_parse_spans reads them ("closed" or
** "tutup" among them). Several lines (a text with newlines) name several. OK, or ERR_INVALID with
** *e set (field "hours") and the period as it was. */
int calendar_period_parse(CalPeriod *p, const char *z, Err *e);
/* OK when a period is whole (name, days from 1970 to 2100 with first <= last, a weekday named,
** spans that are spans), else ERR_INVALID with *e naming the field: name, from, to or hours. */
int calendar_period_check(const CalPeriod *p, Err *e);
/* Give a calendar a period (checked as above). ERR_INVALID when not whole, ERR_CONFLICT when it
** overlaps one the calendar has. */
int calendar_add_period(Calendar *cal, const CalPeriod *p);

/* ---- holidays and hours in the database (each change audited in its transaction) ---- */
/* What a change of the calendar moved (src/sop/dueshift.c): open steps' due times, open
** cases' targets, and what the layers above keep (training preparation items). */
typedef struct CalMoved { int steps, cases, other; } CalMoved;
/* Move the office's open clocks from the calendar was to cal: the office time owed after
** from (the first instant the change touches) is laid again on cal (see dueshift.c).
** Inside the caller's transaction. */
int dueshift_office(Db *db, int64_t office_id, const Calendar *was, const Calendar *cal, int64_t from,
                    CalMoved *m);
/* After a case's events moved: its open steps' deadlines counted from an event computed again
** on cal (dueshift.c). Inside the caller's transaction; *moved gets how many steps moved. */
int dueshift_case(Db *db, int64_t case_id, const Calendar *cal, int *moved);
/* A pass of a layer above after a calendar change, in its transaction: moves what it keeps
** and adds how many to *moved. At most 4 (main.c registers them at start). */
typedef int (*CalendarHook)(Db *db, int64_t office_id, const Calendar *was, const Calendar *cal,
                            int64_t from, int *moved);
void calendar_hook_add(CalendarHook fn);

/* Give a new office the default hours and the embedded national holidays (call in
** the transaction that creates the office, or alone). */
int calendar_defaults(Db *db, const Actor *who, int64_t office_id);
/* Each change below moves the office's open clocks in its transaction (dueshift.c) and
** tells what moved in *moved (may be NULL). */
/* What an import changed, for the one who imported: its days counted new, changed (a name or a
** kind other than the office held: was says what it held, now the file's row) and unchanged; the
** days it called off that the office held (removed); and the days the office holds from the
** file's first day to its last that the file does not name (kept: an edited file that moved or
** dropped a day leaves it, for the admin to remove). */
typedef struct HolidayChange { HolidayRow was; const HolidayRow *now; } HolidayChange;
typedef struct CalImport {
  int added, unchanged, removed;
  const HolidayRow **new_rows; int nnew;     /* the list's rows that are new days */
  HolidayChange *changed; int nchanged;
  HolidayRow *kept; int nkept;
} CalImport;
void calendar_import_free(CalImport *ci);
/* Insert or replace the holidays of a list and remove the days it calls off (held under the
** cancelled event's name), all or nothing, with one audit row "calendar.import" naming source;
** what changed into *ci (may be NULL; calendar_import_free it; the rows it points at are l's). A
** file imported again: all its days unchanged. */
int calendar_import(Db *db, const Actor *who, int64_t office_id, const HolidayList *l,
                    const char *source, CalImport *ci, CalMoved *moved);
/* A day as people write it (YYYY-MM-DD, day first 20/03/2026 or 20-03-2026, "20 Maret 2026",
** "Jumat, 20 Maret 2026") into out as YYYY-MM-DD: OK, ERR_INVALID when it is no such day from 1970 to
** 2100, ERR_CONFLICT when the weekday before it is another day's (the CSV import and the CLI read so). */
int calendar_day_read(const char *z, char out[11]);
/* Check a holiday as calendar_holiday_set does (the day YYYY-MM-DD from 1970 to 2100, the name
** 1 to 120 characters, the kind when given), every wrong field named in e; nothing read. */
int calendar_holiday_check(const char *day, const char *name, const char *kind, Err *e);
/* Add or rename one holiday ("calendar.holiday.set"); kind as an imported file writes it
** ("local", "lokal", "Libur Daerah", "Cuti Bersama" …); NULL or "": a renamed day keeps its
** kind, a new one is cuti_bersama when its name says "Cuti Bersama" (as on import), else national.
** The kind written into kept (may be NULL). */
int calendar_holiday_set(Db *db, const Actor *who, int64_t office_id, const char *day,
                         const char *name, const char *kind, char kept[16], CalMoved *moved, Err *e);
/* Remove one holiday ("calendar.holiday.remove"); ERR_NOTFOUND when there is none. */
int calendar_holiday_remove(Db *db, const Actor *who, int64_t office_id, const char *day, CalMoved *moved);
/* Call each() for every span of the office's week, Monday first, by opening time. */
int calendar_hours_each(Db *db, int64_t office_id, void (*each)(void *ctx, const CalSpan *s), void *ctx);
/* The year, this one or (from October) the next, with no national holiday kept yet, else 0. */
int calendar_missing_year(Db *db, int64_t office_id, int64_t now, const char *tz);
/* Call each() for every holiday from..to (YYYY-MM-DD, inclusive; NULL for open ends), by day. */
int calendar_holidays_each(Db *db, int64_t office_id, const char *from, const char *to,
                           void (*each)(void *ctx, const HolidayRow *h), void *ctx);
/* Replace one weekday's spans (n 0: closed that day) ("calendar.hours.set"); the new hours
** count from now on (they have no date). */
int calendar_hours_set(Db *db, const Actor *who, int64_t office_id, int weekday,
                       const CalSpan *spans, int n, CalMoved *moved, Err *e);
/* Store a period ("calendar.period.add"; p->id gets its row); the open clocks move from the
** local midnight of its first day. ERR_INVALID as calendar_period_check; ERR_CONFLICT when it
** overlaps another period of the office, that one into *clash (may be NULL). */
int calendar_period_add(Db *db, const Actor *who, int64_t office_id, CalPeriod *p, CalPeriod *clash,
                        CalMoved *moved, Err *e);
/* Change a stored period (p->id names it) to p ("calendar.period.set"), checked as for add (the
** period itself is no overlap); the open clocks move from the local midnight of the earlier of
** its old and new first day. ERR_NOTFOUND when the office has no period p->id. */
int calendar_period_set(Db *db, const Actor *who, int64_t office_id, CalPeriod *p, CalPeriod *clash,
                        CalMoved *moved, Err *e);
/* Remove a period ("calendar.period.remove"), the clocks moving from its first day; ERR_NOTFOUND
** when the office has none with that id. Its name and days into *gone (may be NULL). */
int calendar_period_remove(Db *db, const Actor *who, int64_t office_id, int64_t id, CalPeriod *gone,
                           CalMoved *moved);
/* A period as JSON: {"id","name","from","to","days":[{"weekday","hours":[{"opens","closes"}]}]},
** the weekdays it names Monday first, a closed one with "hours":[] (the CLI's and the API's); extra,
** when not NULL, members of JSON added at its end ("\"moved\":{…}"). */
void calendar_period_json(Buf *b, const CalPeriod *p, const char *extra);
/* A period's hours as lines "W spans" (or "W closed") apart by sep, Monday first, as
** calendar_period_parse reads them back; with ranges, weekdays in a row with the same spans as
** one line ("1-4 08:00-15:00"). */
void calendar_period_hours_text(const CalPeriod *p, Buf *b, const char *sep, int ranges);
/* Call each() for every period of the office sharing a day with from..to (YYYY-MM-DD,
** inclusive; NULL for open ends), by first day. */
int calendar_periods_each(Db *db, int64_t office_id, const char *from, const char *to,
                          void (*each)(void *ctx, const CalPeriod *p), void *ctx);

#endif
