/*
** report.h — the report queries, as services: the compliance report (each
** step's recorded clock against its standard), the dashboards, the recaps the
** SOPs name. They read the stored clock records (case_step: started_at,
** done_at, due_at, met, paused_s); nothing is recomputed from logs. No HTML,
** no JSON here: pages (web/reports.c) and the API (api/reports.c) render them.
*/
#ifndef LOKET_DESK_REPORT_H
#define LOKET_DESK_REPORT_H
#include "../core/core.h"
#include "../db/db.h"
#include "../sop/sop.h"
#include "../sop/case.h"

/* ---- the compliance report (compliance.c) ----
** A step counts in the period when it was done in it (from <= done_at < to); cancelled
** steps do not count. Time taken is measured as its standard measures: office time for an
** `office` standard (the time the step stood paused taken out), else real time less the
** time paused. Median: the middle value (the mean of the two middle values, rounded down,
** for an even count); p90: the nearest rank, the value at position ceil(0.9·n) in order.
** A breach is a step done late (met = 0), or a step still open whose due time fell in
** the period before now. */
typedef struct ComplianceFilter {
  int64_t office_id;
  int64_t from, to;          /* the period: from <= done_at < to */
  const char *sop;           /* a procedure code; NULL/"" for all */
  int step;                  /* a step number; 0 for all */
  const char *officer;       /* a username (who did the step); NULL/"" for all */
  int by_officer;            /* 1: a row per procedure × step × officer */
  int64_t now;               /* open steps count as breached when due before now */
  int breach_limit;          /* breaches listed (the count is always whole); 0: 200 */
} ComplianceFilter;

typedef struct ComplianceRow {
  const char *sop_code, *sop_title;
  int step;                  /* 0 on the total row */
  const char *step_text;     /* the step's text (Indonesian) */
  const char *step_text_en;
  const char *officer;       /* "" unless by officer */
  const Standard *std;       /* NULL when the step has none (or on the total row) */
  int cases;                 /* distinct cases with a step done in the period */
  int done;                  /* step visits done in the period (CASE_SQL_STEP_DONE): a training's
                             ** preparation step once, not once per checklist item */
  int items_done;            /* a preparation row (items): its checklist items done in the period */
  int timed;                 /* records timed against a standard (met known): steps done with one,
                             ** and on a preparation row its items done, each by its own deadline */
  int met;                   /* of the timed, within the standard */
  int breaches;              /* its steps breached, their due time in the period (CASE_SQL_STEP_BREACHED) */
  int breaches_open;         /* of them, still undone (the others were done late) */
  int64_t median_s, p90_s;   /* time taken; -1 when nothing was done */
  int office_measure;        /* 1: the times are office time */
  int items;                 /* 1: a training's preparation step, whose row times its checklist items
                             ** (each against its own deadline); done counts the step itself */
} ComplianceRow;

typedef struct ComplianceBreach {
  const char *number, *sop_code;
  int step;
  const char *officer;       /* who did it, or the assignee of an open step ("" when none) */
  int64_t started_at, due_at, done_at;   /* done_at 0: still open */
  int64_t late_s;            /* real seconds past due (at the end of the period or now) */
  const char *item;          /* a training's preparation item (its label), or NULL: the step itself */
  int ended;                 /* 1: an item left undone when its training began (no longer to be done) */
  int secs;                  /* 1: the step's standard is shorter than 10 minutes: its times are said to the second */
} ComplianceBreach;

typedef struct Compliance {
  ComplianceRow *rows;       /* by procedure code, step, officer */
  int nrows;
  ComplianceRow total;       /* every step of the period together */
  ComplianceBreach *breaches;/* latest due first, at most breach_limit */
  int nbreaches;             /* listed */
  int breaches_total;        /* all of them */
  int breaches_open;         /* of them, still undone past their due time (the others were done late) */
} Compliance;

/* Build the report for a filter; everything in the arena. ERR_DB on failure. */
int compliance_report(Db *db, const ComplianceFilter *f, Compliance *out, Arena *a);
/* Share within the standard in percent (met/timed), or -1 when nothing was timed. */
double compliance_share(const ComplianceRow *r);
/* Steps done with a standard and of them met, from..to, without reading each step
** (an index count): the month's share on the dashboard. */
int compliance_count(Db *db, int64_t office_id, int64_t from, int64_t to, const char *officer,
                     int64_t *timed, int64_t *met);
/* The step of the training procedure (SOP-LPSE.BTG-005) whose row counts its preparation
** checklist's items instead of the step's own completion (step 2). */
int compliance_prep_step(void);
/* Whether a username is an officer of the office the report may be filtered by: a user whose
** home office it is or who holds a role there, a disabled one too (their past work is
** reported). 1 yes, 0 no, -1 when the database failed. */
int compliance_officer_known(Db *db, int64_t office_id, const char *username);
/* Whether a step number is a step of a procedure (its current revision): a filter naming a
** step the procedure has not would report nothing. */
int compliance_step_known(const Procedure *p, int step);
/* Whether some procedure of the library has a step numbered step (a report's step filter without a procedure). */
int compliance_step_any(int step);

/* ---- periods in an office's zone (compliance.c) ---- */
/* The first instant of the month holding t (delta months later: -1 the month before). */
int64_t report_month_start(int64_t t, const char *tz, int delta);
/* Midnight at the start of the day holding t. */
int64_t report_day_start(int64_t t, const char *tz);
/* A report's period filled in from what was given (0: not given): neither, this month; `from`
** alone, up to the end of today (of from's day when later); `to` alone, from its month's first. */
void report_period_fill(int64_t *from, int64_t *to, int64_t now, const char *tz);
/* A duration for people through the catalogue: "2 jam 5 menit", "45 detik" ("id"), "2 hours
** 5 minutes", "45 seconds" ("en"). */
const char *report_duration(Arena *a, int64_t s, const char *lang);
/* A span of office time in words: hours and minutes however long (a day of office time is not 24 hours). */
const char *report_duration_office(Arena *a, int64_t s, const char *lang);
/* A duration of a compliance row (its median, its p90) in words: in hours when it measures office time. */
const char *report_row_duration(Arena *a, const ComplianceRow *w, int64_t s, const char *lang);

/* ---- the dashboards (dashboard.c) ---- */
typedef struct Dashboard {
  int64_t open_cases, opened_today, closed_today, overdue_steps;
  int64_t overdue_prep;      /* of overdue_steps: a training's preparation items past their deadline */
  int64_t overdue_before_month; /* of overdue_steps: past due since before this month (an earlier month's breach) */
  int64_t due_today;         /* open steps (and preparation items) due from now to midnight, not held */
  int64_t month_breaches;    /* this month's breaches, as the compliance report counts them */
  int64_t month_breaches_open;  /* of them, steps (and items) still undone past due: the others were done late */
  int64_t month_done;        /* steps done this month (DASH_SQL_STEPS_DONE), as the compliance report's total */
  int64_t month_timed, month_met, last_timed, last_met;     /* compliance this month, last month */
  int64_t month_answered, month_answered_met;   /* cases opened this month answered, of them by their response target */
  int64_t month_resolved, month_resolved_met;   /* cases closed this month, of them by their resolution target */
  ComplianceRow *slowest;    /* this month's slowest steps: those with a breach, by p90 over the standard, worst first */
  int nslowest;
  /* the officer's own figures (when a username is given) */
  int64_t my_open, my_overdue, my_done_month;
  int64_t my_month_timed, my_month_met;
  int64_t my_breaches_month; /* the officer's steps done late or left past due this month */
  int64_t my_breaches_open;  /* of them, left past due (still open) */
} Dashboard;
/* An office's open cases (index kasus_status) and its steps overdue now, not held (?2 now; index
** case_step_due): the dashboard's figures and /metrics'. */
#define DASH_SQL_OPEN_CASES "SELECT count(*) FROM kasus WHERE office_id=?1 AND status='open'"
#define DASH_SQL_STEPS_OVERDUE \
  "SELECT count(*) FROM case_step s WHERE s.office_id=?1 AND " CASE_SQL_STEP_OVERDUE_2
/* An office's steps done in ?2..?3 (CASE_SQL_STEP_DONE), by whoever did them or by the username ?4
** ('' for anyone): the compliance report's total "steps done", the dashboard's and the mail's. */
#define DASH_SQL_STEPS_DONE \
  "SELECT count(*) FROM case_step s WHERE s.office_id=?1 AND " CASE_SQL_STEP_DONE_23 " AND (?4='' OR s.done_by=?4)"
/* A training's preparation item (row p of training_prep, its training t) overdue at NOW: undone
** past its deadline while the training is still ahead (plan, approved). */
#define DASH_SQL_PREP_OVERDUE(NOW) "(p.done_at IS NULL AND p.due_at<" NOW " AND t.status IN ('plan','approved'))"
/* A preparation item (p, its training t) breached in a period, FROM <= deadline < UNTIL (no later
** than now): done past its deadline (met 0) or still undone; a cancelled training's count for nothing. */
#define DASH_SQL_PREP_BREACHED(FROM, UNTIL) \
  "(p.due_at>=" FROM " AND p.due_at<" UNTIL " AND t.status<>'cancelled' AND (p.met=0 OR p.done_at IS NULL))"
#define DASH_SQL_PREP_BREACHED_23 DASH_SQL_PREP_BREACHED("?2", "?3")
/* An office's preparation items overdue at ?2. */
#define DASH_SQL_PREPS_OVERDUE \
  "SELECT count(*) FROM training_prep p JOIN training t ON t.id=p.training_id WHERE p.office_id=?1 AND " DASH_SQL_PREP_OVERDUE("?2")
/* One office's load for /metrics. */
typedef struct OfficeLoad { int64_t id; char code[32]; int64_t open_cases, overdue_steps; } OfficeLoad;
/* Every office's open cases and steps overdue at now, by code (two index ranges per office). */
int dashboard_load(Db *db, int64_t now, OfficeLoad **out, int *n, Arena *a);
/* The head's figures, and the officer's own when username is given. */
int dashboard_get(Db *db, int64_t office_id, const char *tz, int64_t now, const char *username,
                  Dashboard *d, Arena *a);

/* ---- recaps (recap.c): counts by day or month, computed from cases by procedure ---- */
enum { RECAP_PHONE, RECAP_GUESTS, RECAP_VERIFY, RECAP_ACCOUNTS, RECAP_TRAINING, RECAP_ESCALATED,
       RECAP_RATINGS, RECAP_COUNT };
typedef struct RecapKind {
  int id;
  const char *slug;          /* "telepon" … in addresses */
  const char *title;         /* msgid */
  const char *basis;         /* what it counts: the SOP that names it (a msgid when it says more than codes) */
  int monthly;               /* 1: by month by default, 0: by day */
} RecapKind;
const RecapKind *recap_at(int i);
const RecapKind *recap_find(const char *slug);
#define RECAP_COLS_MAX 6
typedef struct RecapRow {
  const char *label;         /* "2026-11-20" or "2026-11" */
  int64_t start;             /* the bucket's first instant */
  int64_t v[RECAP_COLS_MAX];
} RecapRow;
typedef struct Recap {
  const RecapKind *kind;
  int monthly;
  int ncols;
  const char *cols[RECAP_COLS_MAX];   /* msgids of the value columns */
  int duration_col;          /* index of a column that holds seconds (median turnaround), -1 none */
  RecapRow *rows;            /* every bucket of the period, oldest first, zeros included */
  int nrows;
  int64_t total[RECAP_COLS_MAX];      /* sums (the duration column: the median over the period) */
} Recap;
/* A recap for from..to (at most 400 buckets) in the office's zone. ERR_INVALID when the
** period is empty or too long. */
int recap_build(Db *db, const RecapKind *k, int64_t office_id, const char *tz, int64_t from,
                int64_t to, int monthly, Recap *out, Arena *a);

/* ---- the monthly report by e-mail (monthly.c) ---- */
/* On the first working day of a month (the office's calendar), mail the month before's
** compliance report to the users holding ketua in each office, once per office and month
** (data/mail-monthly-report.txt; base_url prefixes the link, "" for a relative one).
** *mailed (may be NULL) gets the messages queued. */
int report_mail_due(Db *db, int64_t now, const char *base_url, int *mailed);
/* The background pass of `loket serve` (every ten minutes); stop waits for it. */
int report_mail_start(void);
void report_mail_stop(void);

#endif
