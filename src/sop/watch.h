/*
** watch.h — the SLA watcher: one pass over the open steps with a due time (the
** partial index case_step_due) sends a warning when a set share of the step's
** standard has passed (sla_warn_percent, default 80) and a breach notice once
** its due time has passed. Each notice is a row of `notice` (unique per step
** visit, kind and recipient, so never sent twice, even across restarts) and an
** e-mail in the outbox (data/mail-sla-warning.txt, data/mail-sla-breach.txt),
** all in one transaction per pass, audited as sla.warning and sla.breach.
**
** Recipients: a warning goes to the users holding the step's actor roles in the
** office (the assigned role instead, when the step was assigned to one), plus the
** assigned user; a breach goes to the step's supervisor — the users holding ketua
** or sekretaris in the office (fixed for now; configurable later) — plus the
** assigned user. Disabled accounts get nothing.
*/
#ifndef LOKET_WATCH_H
#define LOKET_WATCH_H
#include "../core/core.h"
#include "../db/db.h"

/* The supervisor roles a breach goes to. */
extern const char *const watch_supervisor_roles[];   /* "ketua", "sekretaris", NULL */

/* What a pass did: step visits warned and breached, notices written, mails queued. */
typedef struct WatchCounts { int warnings, breaches, notices, mails; } WatchCounts;

/* Set the share of a standard after which the warning goes (1..100; default 80). */
void watch_configure(int warn_percent);
/* One pass at now with the configured share: OK or ERR_DB (nothing written then). */
int watch_run(Db *db, int64_t now);
/* One pass at now with share warn_percent; *out (may be NULL) gets what it did. */
int watch_pass(Db *db, int64_t now, int warn_percent, WatchCounts *out);

/* Start the thread of `loket serve` that runs a pass every sla_poll_seconds (the first
** at once); stop it and wait (before the database closes). */
int watch_start(const Config *cfg);
void watch_stop(void);

/* ---- a user's notices ---- */
typedef struct NoticeRow {
  int64_t id, created_at, read_at, due_at;  /* read_at 0 while unread; due_at of the step */
  const char *kind;                         /* "warning" | "breach" */
  const char *number, *subject;             /* the case */
  int step_no;
  const char *step_title;                   /* the step's text in its procedure revision */
} NoticeRow;
/* The notices of a user in an office, newest first, at most limit (1..500); text in a. */
int notice_list(Db *db, int64_t office_id, int64_t user_id, int limit, NoticeRow **rows, int *n,
                Arena *a);
/* How many of them are unread (0 on a storage error). */
int notice_unread(Db *db, int64_t office_id, int64_t user_id);
/* Mark every unread notice of the user in the office read at now (audited as notice.read
** when there was one); *marked (may be NULL) gets how many. */
int notice_mark_read(Db *db, const Actor *who, int64_t office_id, int64_t user_id, int64_t now,
                     int *marked);

#endif
