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
** or sekretaris in the office (the setting sla_supervisor_roles) — plus the
** assigned user. Disabled accounts get nothing. Whatever goes to a recipient — the assigned
** user, a role's holder, a supervisor — goes too to who stands in for them while they are away
** (absence.h).
**
** The notices themselves (the table, the list, read marks) serve the portal too: a requester's
** reply or reopening is a notice of kind "reply" or "reopen" to the staff who handle the case
** (notice_case_staff, which picks them with the warning's own helpers).
*/
#ifndef LOKET_WATCH_H
#define LOKET_WATCH_H
#include "../core/core.h"
#include "../db/db.h"
#include "calendar.h"

/* Set who gets a breach notice (the setting sla_supervisor_roles, default "ketua,sekretaris");
** ERR_INVALID with e naming a word that is not a role. */
int watch_supervisors(const char *list, Err *e);

/* What a pass did: step visits warned and breached, notices written, mails queued. */
typedef struct WatchCounts { int warnings, breaches, notices, mails; } WatchCounts;
/* Add what a pass did (b) to a. */
void watch_counts_add(WatchCounts *a, const WatchCounts *b);

/* Set the share of a standard after which the warning goes (1..100; default 80). It is
** applied when a step starts: the step stores its next notice time (notice_at). */
void watch_configure(int warn_percent);
/* When the first notice (the warning) of a step started at start and due at due falls due (0:
** none): once the share of its standard has run, on the standard's own clock — office time for
** an office-time standard (held time not counted) or a deadline in working days, real time else. */
int64_t watch_notice_at(const Calendar *cal, const Standard *st, int64_t start, int64_t due);
/* One pass at now: OK or ERR_DB (nothing written then). */
int watch_run(Db *db, int64_t now);
/* One pass at now over the steps whose notice_at has come (a range of the partial index
** case_step_notice); *out (may be NULL) gets what it did. */
int watch_pass(Db *db, int64_t now, WatchCounts *out);

/* The pass's query: the open steps of office ?1 whose notice_at has come by ?2, through
** the partial index case_step_notice (a test EXPLAINs this very text). */
#define WATCH_SQL_DUE \
  "SELECT s.id, s.case_id, s.no, s.started_at, s.due_at, coalesce(s.assigned_role,'')," \
  " coalesce(s.assigned_user,''), k.number, k.subject, k.procedure_id," \
  " EXISTS(SELECT 1 FROM notice_step m WHERE m.case_step_id=s.id AND m.kind='warning')," \
  " EXISTS(SELECT 1 FROM notice_step m WHERE m.case_step_id=s.id AND m.kind='breach')" \
  " FROM case_step s INDEXED BY case_step_notice JOIN kasus k ON k.id=s.case_id" \
  " WHERE s.office_id=?1 AND s.done_at IS NULL AND s.notice_at IS NOT NULL AND s.notice_at<=?2" \
  " AND s.pause_started_at IS NULL AND k.status='open'" \
  " ORDER BY s.notice_at, s.id"

/* More passes the watcher runs after its own, each in its own transaction (a service
** above sop/ registers one at start, e.g. the training preparation reminders); at most 4.
** A pass adds what it did to *cnt (its reminders as warnings). */
typedef int (*WatchHook)(Db *db, int64_t now, WatchCounts *cnt);
void watch_hook_add(WatchHook fn);
/* Run the registered passes at now; *out (may be NULL) gets what they did; the first failure's status. */
int watch_hooks_run(Db *db, int64_t now, WatchCounts *out);

/* Start the thread of `loket serve` that runs a pass every sla_poll_seconds (the first
** at once); stop it and wait (before the database closes). */
int watch_start(const Config *cfg);
void watch_stop(void);

/* ---- a user's notices ---- */
/* The kinds of notice: the watcher's "warning" and "breach" (once per step visit, kind and
** recipient: the partial unique index notice_once), and what a requester did from the portal,
** "reply" and "reopen" (one per reply or reopening and recipient; desk/portal.c). */
typedef struct NoticeRow {
  int64_t id, created_at, read_at, due_at;  /* read_at 0 while unread; due_at of the step or item */
  const char *kind;                         /* "warning" | "breach" | "reply" | "reopen" | "takeover" | "assigned" */
  const char *number, *subject;             /* the case */
  int step_no;
  const char *step_title;                   /* the step's text in its procedure revision */
  const char *step_title_en;                /* its English text (NULL when the file gives none) */
  const char *item;                         /* a training's preparation item ("" for a step's own) */
  int due_secs;                             /* 1 when due_at is said to the second (the step's standard, STD_TO_SECOND) */
  const char *for_user, *for_name;          /* whom the user stood in for ("" when the notice was meant for them) */
} NoticeRow;
/* What a notice of a kind says, as a msgid to translate and format with the case's number
** (those of "reply", "reopen", "takeover" and "assigned" name it with one %s; the others ignore it). */
const char *notice_msgid(const char *kind);
/* The notices of a user in an office, newest first, at most limit (1..500); text in a. */
int notice_list(Db *db, int64_t office_id, int64_t user_id, int limit, NoticeRow **rows, int *n,
                Arena *a);
/* How many of them are unread (0 on a storage error). */
int notice_unread(Db *db, int64_t office_id, int64_t user_id);
/* Mark every unread notice of the user in the office read at now (audited as notice.read
** when there was one); *marked (may be NULL) gets how many. */
int notice_mark_read(Db *db, const Actor *who, int64_t office_id, int64_t user_id, int64_t now,
                     int *marked);
/* Write one notice of kind about step step_id of a case to a user at now, inside the caller's
** transaction; prep_id a training's preparation item it is about (training_prep.id; 0 for the
** step's own standard, due_at then that item's); *added (may be NULL) is 0 when that warning or
** breach had been sent to them already; for_id the user away whom user_id stands in for (0: the
** notice is meant for user_id). */
int notice_add(Db *db, int64_t office_id, int64_t case_id, int64_t step_id, int64_t prep_id, const char *kind,
               int64_t now, int64_t user_id, int64_t for_id, int *added);

/* Tell held, who had step no (row step_id) of case c, that taker took it over at now: a notice
** "takeover" and, when they have an address and an active account, an e-mail in their language
** (data/mail-step-takeover.txt); inside the caller's transaction. */
struct Case;
struct User;
int notice_takeover(Db *db, const struct Case *c, int64_t step_id, int no, const struct User *held, const Actor *taker,
                    int64_t now);
/* Tell to that by assigned them step no (row step_id) of case c at now: a notice "assigned" and,
** when they have an address and an active account, an e-mail in their language
** (data/mail-step-assigned.txt); the same to whoever stands in for to today when to is away (the
** mail saying for whom), unless that is by; inside the caller's transaction. */
int notice_assigned(Db *db, const struct Case *c, int64_t step_id, int no, const struct User *to, const Actor *by,
                    int64_t now);

/* The users one notice goes to, each once (at most 64): never the one whose e-mail address
** is except (NULL or "": nobody), e.g. a requester who is also on the staff. */
/* lang: of their mail, "id" or "en"; replacing: NULL, or for one told as a stand-in the sentence
** saying for whom, in Indonesian and English (" Anda menggantikan ANI (Cuti) sampai 7 Januari 2026.") */
/* one told of a case; for_id and replacing: the user away they stand in for (0) and the sentence
** saying so in Indonesian and English (NULL) */
typedef struct NoticeRcpt { int64_t id, for_id; const char *username, *name, *email, *lang, *replacing[2]; } NoticeRcpt;
typedef struct NoticeRcpts { NoticeRcpt v[64]; int n; const char *except; } NoticeRcpts;
/* The staff who handle a case of the office now, to be told what its requester did, into r
** (r->except set by the caller; text in a): the active user its open step is assigned to; else
** the active holders of the role(s) the step is for, as a warning picks them (the assigned
** role, else the step's actor roles); when the case has no open step (closed, being reopened)
** or that finds nobody, the active member of staff who last completed a step of it, else the
** one who opened it; and who stands in today for any of them away. *step_id: the open step, else the last one started (0: the case has no
** step). Inside the caller's transaction. */
int notice_case_staff(Db *db, int64_t office_id, int64_t case_id, NoticeRcpts *r, int64_t *step_id, Arena *a);

#endif
