/*
** case.h — the case engine: a request becomes a case that walks the steps of
** its procedure (the revision it started under), every step timed against its
** standard on the office's calendar, the due time stored when the step starts.
** Everything here is a service: callers pass an Actor; every change is written
** to the audit log in the same transaction; nothing here writes HTML or JSON
** except case_json() (the stable surface of the API).
*/
#ifndef LOKET_CASE_H
#define LOKET_CASE_H
#include "../core/core.h"
#include "../db/db.h"
#include "sop.h"
#include "calendar.h"

#define TRAINING_SOP "SOP-LPSE.BTG-005"   /* trainings: the office's own work, however its case is opened */

/* Channels a request arrives by. */
extern const char *const case_channels[];   /* "phone","email","walk_in","portal","letter", NULL */
/* The stored channel a word names ("e-mail" → "email", "telepon" → "phone" …), or NULL. */
const char *case_channel(const char *z);
/* The outcome of a step a word names ("done", "yes", "no"; any case; "selesai", "ya", "tidak"), or NULL. */
const char *case_outcome(const char *z);
/* Priorities (from urgency × impact; see case_priority()). */
extern const char *const case_priorities[]; /* "rendah","menengah","tinggi", NULL */

/* Who the case is for: a person and/or an organisation of the directory, created on the
** fly when new (validated: NIP, NIK, NPWP, e-mail, phone through desk/ident.c rules). */
typedef struct Requester {
  const char *name, *nip, *nik, *email, *phone;          /* a person */
  const char *org_name, *npwp;                           /* an organisation (provider, agency) */
} Requester;

/* A requester's e-mail written Name <address>: rq's e-mail the address alone (in addr), its name the
** name given so (in name) when its own field is blank; as it was when written otherwise. */
void case_requester_email(Requester *rq, char addr[256], char name[128]);

/* The directory's entry an e-mail address names, as every path that finds a case's requester by it
** does (a mail to the help desk, a case of the API or the staff's form, the portal's ticket, an account
** request): the address read from "Name <address>" and compared without regard to capitals; of the
** people holding it (oldest first) the first whose name can be `name` ("Budi" and "Budi Santoso",
** titles aside; anyone when name is NULL or blank); else, when no person holds it, the organisation
** (a provider known by its own address); *kind "person" or "org"; *id 0 (and *kind NULL) when none.
** *kind "person" with *id 0: people hold the address, none of that name (an office's shared
** address: the name is another person's). */
int case_party_by_email(Db *db, int64_t office_id, const char *email, const char *name, int64_t *id, const char **kind);

/* What opening a case takes. */
typedef struct CaseNew {
  int64_t office_id;
  const char *sop;            /* procedure code or slug */
  const char *channel;        /* one of case_channels */
  const char *subject;        /* 1..200 characters */
  const char *urgency;        /* "mendesak" | "tidak_mendesak" (default tidak_mendesak) */
  const char *impact;         /* "kecil" | "sedang" | "besar" (default kecil) */
  Requester requester;
  CalEvent events[4];         /* instants the standards name: training_start, training_end, last_session_end */
  int nevents;
  int64_t at;                 /* when the request came (a phone call's arrival); 0: now. Not in the future */
  int own_work;               /* a case the office opens for itself (a training, TRAINING_SOP's cases all):
                              ** no case-level targets of the priority table, its steps timed by their
                              ** standards alone */
  int contact_alone;          /* the requester may be given by an e-mail address or a phone number alone (a
                              ** new case of the API or the page): the directory's person of it, else one
                              ** named by it */
} CaseNew;

/* One step of a case as recorded (a step visited twice — a loop — has two rows). */
typedef struct CaseStep {
  int64_t id;
  int no, visit;              /* the step's number; 1 for the first visit, 2 … on loops */
  int64_t started_at, done_at, due_at;     /* epoch seconds; 0 when not (yet) */
  int met;                    /* 1 met, 0 breached, -1 not yet / no standard */
  int64_t paused_s;           /* real seconds this step stood paused (holds that ended) */
  int64_t held_since;         /* the step stands paused (its clock stopped) since then; 0: running */
  const char *outcome;        /* "done" | "yes" | "no" | NULL while open */
  const char *note, *done_by; /* username */
  const char *assigned_role, *assigned_user;
  const int64_t *task_due;    /* the due time of each of the step's tasks (0: none), stored at the start */
  const char *items_checked;  /* the required items ticked when it was completed ("1,2,3"); NULL: not recorded */
  int ntasks;
} CaseStep;

typedef struct Case {
  int64_t id, office_id, procedure_id;
  const char *number;         /* "LPSE-2026-000123" */
  const char *sop_code, *sop_title, *revision;
  int revision_no;
  const char *channel, *subject, *priority, *urgency, *impact;
  const char *status;         /* "open" | "closed" | "cancelled" | "archived" */
  int64_t opened_at, closed_at, response_due_at, resolution_due_at;
  int64_t responded_at;       /* the first step of the office's staff done (0: not yet) */
  int response_met, resolution_met;   /* the case-level targets: 1 met, 0 missed, -1 not judged yet */
  const char *requester_name, *requester_org, *opened_by, *cancel_reason;
  int64_t org_id;             /* the organisation's directory entry (0: none) */
  const char *org_given;      /* its name as the requester gave it, when the entry is named otherwise (else NULL) */
  int current_step;           /* 0 when no step is open */
  CaseStep *steps;            /* in the order they were started */
  int nsteps;
  Arena arena;                /* every string and the steps array live here */
} Case;

/* Open a case: number it, start step 1 (its due time computed and stored). *out on OK
** (free with case_free()). Bad input: ERR_INVALID with e naming the field; a retired procedure
** (sop_retire) and nothing else wrong: ERR_CONFLICT, field sop. */
int case_open(Db *db, const Actor *who, const CaseNew *in, Case **out, Err *e);
/* Check a new case as case_open does, opening nothing: OK, or ERR_INVALID with every field that
** is wrong in e (a form adds these to the errors it found itself). */
int case_check(const CaseNew *in, Err *e);
/* The events a case was opened with (a training's start and end …), at most max, names in a;
** the count. */
int case_event_list(Db *db, int64_t case_id, CalEvent *ev, int max, Arena *a);
/* Load a case of an office by its number; ERR_NOTFOUND when none. */
int case_get(Db *db, int64_t office_id, const char *number, Case **out);
/* Read case c again as it is stored now. Inside a write transaction (writes run one at a time,
** on every node) what a caller checks on c is then what it writes on: a check made on the case
** read before the transaction may be stale, another request having changed it meanwhile. */
int case_refresh(Db *db, Case *c);
/* Read case c again as stored now (inside the caller's write transaction): OK when it is
** open, else ERR_CONFLICT naming status with msg (NULL: "The case is not open"). What a
** service checks before its transaction is a quick answer; this is the one that holds. */
int case_still_open(Db *db, Case *c, const char *msg, Err *e);
/* OK when case c as stored now (inside the caller's write transaction) is not archived: an
** archived case takes no more notes nor files (ERR_CONFLICT, field "status"). */
int case_not_archived(Db *db, const Case *c, Err *e);
/* A case number as people type it, as numbers are printed: blanks around it dropped, small
** letters in capitals ("lpse-2026-000123 " → "LPSE-2026-000123"). */
void case_number_typed(const char *z, char out[64]);
void case_free(Case *c);
/* Complete the open step numbered no with outcome "done" (a plain step) or "yes"/"no"
** (a decision; "" or NULL means "done" on a plain step), and start the step it leads to — or close the case at the end.
** ERR_CONFLICT when no is not the open step or the case is not open; ERR_INVALID when
** the outcome does not fit the step (field "outcome"). */
int case_complete_step(Db *db, const Actor *who, Case *c, int no, const char *outcome,
                       const char *note, Err *e);
/* The same, recording the step's required items the officer ticked (their 1-based numbers):
** every item must be ticked (ERR_INVALID, field "items"; a number that is no item of the step:
** its entry, "items[2]" from 0, the name in a); items==NULL records nothing. */
int case_complete_step_checked(Db *db, const Actor *who, Case *c, int no, const char *outcome,
                               const char *note, const int *items, int nitems, Err *e, Arena *a);
/* The general step form (page and API) completing a step for a user holding roles (a bitmask
** of role.h): as case_complete_step_checked, but a step a service drives itself (an account
** request's, a verification's, an .rhs file's) is refused (ERR_CONFLICT, field "no", the
** message naming where it is done), and a decision is taken only by a role the procedure
** names for it, or an administrator (ERR_DENIED, field "no"). */
int case_complete_step_by(Db *db, const Actor *who, unsigned roles, Case *c, int no, const char *outcome,
                          const char *note, const int *items, int nitems, Err *e, Arena *a);
/* The same, recording the step as done at `at` (not before the step started, not after now):
** a desk that writes a call up after it ended keeps the call's real moments. */
int case_complete_step_at(Db *db, const Actor *who, Case *c, int no, const char *outcome,
                          const char *note, int64_t at, Err *e);
/* Name username as the one who did the last completed step no of c (a call's answering step). */
int case_step_doer_set(Db *db, const Case *c, int no, const char *username);
/* A note Loket writes itself on a step (or on the case: an escalation's answer), kept as its message and values so that each reader
** reads it in their language: "\x1E" msgid ("\x1F" value)…, the values (up to 8) standing for the
** msgid's %s in order (a control character a value holds becomes a space). The msgid is an
** English catalogue entry (N_()); NULL values end the list. In a. */
const char *case_note_key(Arena *a, const char *msgid, ...);
/* A value of case_note_key that is a list of catalogue messages (the names of an account
** request's missing files): "\x1D" msgid…, each shown in the reader's language, "; " between
** them. A value written before as plain text (the office's words) is shown as it was. In a. */
const char *case_note_list(Arena *a, const char *const *msgids, int n);
/* A value of case_note_key that is one catalogue message saying a number (a msgid holding one "%d",
** as err_add_n keeps it): shown in the reader's language, the number in place. In a. */
const char *case_note_numbered(Arena *a, const char *msgid, int n);
/* A value of case_note_key that is an error's message with its number and text (Err's n and arg: a
** procedure named), each shown in the reader's language. In a. */
const char *case_note_err(Arena *a, const ErrItem *it);
/* Append a step's note as shown in lang: one case_note_key() wrote, its message in lang with its
** values; any other (a person's, Loket's own before it kept them so, or one naming no catalogue
** message) as it was written. */
void case_note_put(Buf *out, const char *note, const char *lang);
/* The same as a string in a. */
const char *case_note_text(Arena *a, const char *note, const char *lang);
/* 1 when the open step of the case stands paused (case_hold() below, or a step with pause: yes). */
int case_paused(Db *db, const Case *c);
/* Cancel with a reason (the open step ends with outcome "cancelled"); reopen a closed or
** cancelled case (its last step starts again, as a new visit). */
int case_cancel(Db *db, const Actor *who, Case *c, const char *reason, Err *e);
int case_reopen(Db *db, const Actor *who, Case *c, Err *e);
/* Archive a closed or cancelled case (status "archived", audited); an archived case is not
** reopened. ERR_CONFLICT (field "status") for a case in any other status. */
int case_archive(Db *db, const Actor *who, Case *c, Err *e);
/* Assign the open step to a role and/or a user of the office; no, when not 0, the step meant:
** ERR_CONFLICT (field "no") when another is open now. */
int case_assign(Db *db, const Actor *who, Case *c, int no, const char *role, const char *username, Err *e);
/* The same only while the step's user is still was, the one the caller saw ("": nobody; NULL:
** whoever): else ERR_CONFLICT naming username, holder (n bytes, may be NULL) the one who has it
** now; and while its role (queue) is still was_role ("": none; NULL: whichever): else
** ERR_CONFLICT naming role, holder the role it has now. Giving another a step was held (not the
** caller) is a takeover: audited. Whoever held the step before, when not the caller, is told
** it was given to another (notice_takeover), and the one given it, when not the caller, that
** it was given to them (notice_assigned); with or without was. A user away today whose stand-in
** may not take the step's decision is refused naming username (absence_step_check: the message in
** lang, in a; a NULL: a msgid, as case_assign gives). */
int case_assign_if(Db *db, const Actor *who, Case *c, int no, const char *role, const char *username, const char *was,
                   const char *was_role, char *holder, size_t n, const char *lang, Arena *a, Err *e);
/* 1 when e is case_assign_if's conflict: someone else holds the step now, or it is in another queue. */
int case_step_taken(const Err *e);
void case_steppers_set(unsigned roles);              /* at start: the roles holding case.step */
int  case_role_may_take(const Step *s, int role);     /* 1 when the role may be given step s */
int  case_user_may_take(const Step *s, unsigned roles); /* 1 when a user of these roles may be given it */
/* 0 when a user holding roles may take the decision of step s (not a decision, a role held named,
** a role outside the staff named, none named, or an administrator); else the staff roles it names. */
unsigned case_decision_roles(const Step *s, unsigned roles);

#define CASE_SEARCH_MAX 128   /* the characters of a case list's search text (the queue's input, its check, the API's) */
/* A list of cases: filters NULL/"" for any; overdue=1: an open step past its due time
** (an index range scan on case_step(office_id, due_at) WHERE done_at IS NULL). */
typedef struct CaseFilter {
  int64_t office_id;
  const char *status, *sop, *q;
  int overdue;
  int64_t now;
  /* "Tugas saya": open steps whose actor is one of these role names (e.g. "helpdesk"),
  ** or that are assigned to username; NULL/0 for any. Sorted soonest due first. */
  const char *const *roles;
  int nroles;
  const char *username;
  int limit;                  /* 1..500 */
  int64_t before_id;          /* keyset paging: only ids below this; 0 from the newest */
  /* the lists by due time ("Tugas saya", overdue): with total set, every row the filter keeps is
  ** counted (into *total, those overdue at now into *total_overdue: the whole list, however
  ** much of it is shown), and the first `offset` of them are skipped before the limit */
  int offset;
  int *total, *total_overdue;
  /* or, with from set, the page starting at a step (a neighbouring page's link, which rows
  ** opened or done meanwhile do not shift): the rows before it in the list's order (a due time,
  ** from_undue 0, before none; then from_due; then case_step.id below from_step) are skipped
  ** instead, and counted into *skipped */
  int from, from_undue;
  int64_t from_due, from_step;
  int *skipped;
} CaseFilter;
typedef struct CaseRow {
  int64_t id, opened_at, due_at;          /* due_at of the open step, 0 when none */
  int64_t procedure_id;                   /* the revision the case runs under */
  int64_t step_id;                        /* case_step.id of the open step in the lists by due time, else 0 */
  int held;                               /* the open step's clock stands paused: not overdue */
  const char *number, *sop_code, *subject, *status, *priority, *requester_name;
  int current_step;
  const char *step_title, *step_title_en, *step_actor;   /* step_title_en: NULL when the procedure has none */
  /* in "Tugas saya", a step of someone the caller stands in for today (absence.h): their username,
  ** name, the kind of absence and its last day ("YYYY-MM-DD"); NULL for the caller's own */
  const char *for_user, *for_name, *for_kind, *for_until;
} CaseRow;
int case_list(Db *db, const CaseFilter *f, CaseRow **rows, int *n, Arena *a);
/* How many of the newest cases a search the index serves reads as without it (CASE_LIST_WINDOW
** unless set: tests make it small, so a few cases reach the index; LOKET_TEST_CASE_WINDOW). */
void case_list_window_set(int n);
/* 1 when a row's open step is past its due time at now and its clock runs (a held step is not overdue). */
int case_row_overdue(const CaseRow *w, int64_t now);
/* 1 when an open step (number no of p, assigned to arole/auser, "" for none, of a case
** opened by opened_by) is the caller's: assigned to username or one of the role names, or,
** assigned to no one, given by the procedure to one of those roles (a requester's step: to
** the officer who opened the case). "Tugas saya" lists these. */
int case_step_is_mine(const Procedure *p, int no, const char *arole, const char *auser, const char *opened_by,
                      const char *const *roles, int nroles, const char *username);
/* 1 when the open step of an open case is the caller's, given its role bits (role.h), or is
** assigned to someone the caller stands in for today (absence_replaces): what "assigned to me" accepts. */
int case_open_step_is_mine(Db *db, const Case *c, unsigned roles, const char *username);
/* SQL, for a case row named k: 1 when the case ended by being cancelled, archived since or not
** (archiving keeps cancel_reason, reopening clears it; a closed case never has one), and 1
** when it was finished: closed, or archived after being closed. */
#define CASE_SQL_CANCELLED "(k.cancel_reason IS NOT NULL)"
#define CASE_SQL_FINISHED "(k.status IN ('closed','archived') AND k.cancel_reason IS NULL)"
/* SQL: the ids of the directory's entries of office ?1 a q written as a number names, as the
** directory keeps them (caselist.c): ?9 its digits (a NIP, a NIK), ?10 its +62 form (a phone), ?11
** the 16-digit form of an NPWP; '-' each when q is not one. By the indexes party_nip, party_nik,
** party_phone, party_npwp. */
#define CASE_SQL_PARTY_IDS \
  "SELECT i.id FROM party i WHERE i.office_id=?1 AND i.nip=?9 UNION SELECT i.id FROM party i WHERE i.office_id=?1 AND i.nik=?9" \
  " UNION SELECT i.id FROM party i WHERE i.office_id=?1 AND i.phone=?10 UNION SELECT i.id FROM party i WHERE i.office_id=?1 AND i.npwp=?11"
/* SQL, for a case row named k: the case list's text search, ?4 a LIKE pattern of q folded (db_fold,
** '\\' escaping) or '' for any: the subject, the number, the requester's name, and the
** organisation, by its directory name or as the requester gave it, each folded alike (DB_SQL_FOLD:
** "cv mitra karya" finds "CV. Mitra Karya", "lpse-2026-000123" its number); and the person or
** organisation whose NIP, NIK, phone or NPWP q is, however written (CASE_SQL_PARTY_IDS, ?9-?11). */
#define CASE_SQL_TEXT \
  "(?4='' OR " DB_SQL_FOLD("k.subject") " LIKE ?4 ESCAPE '\\' OR " DB_SQL_FOLD("k.number") " LIKE ?4 ESCAPE '\\'" \
  " OR " DB_SQL_FOLD("k.requester_name") " LIKE ?4 ESCAPE '\\' OR " DB_SQL_FOLD("coalesce(k.org_given,'')") " LIKE ?4 ESCAPE '\\'" \
  " OR EXISTS(SELECT 1 FROM party o WHERE o.id=k.org_id AND " DB_SQL_FOLD("o.name") " LIKE ?4 ESCAPE '\\')" \
  " OR k.person_id IN (" CASE_SQL_PARTY_IDS ") OR k.org_id IN (" CASE_SQL_PARTY_IDS "))"
/* SQL, for a step row named s: the one definition of a step overdue at NOW (a placeholder such
** as "?5"): open, past its due time, its clock running (a held step's clock stands: not overdue).
** The overdue list (CASE_SQL_OVERDUE, GET /api/v1/cases?overdue=1), the dashboard's steps overdue
** and /metrics (DASH_SQL_STEPS_OVERDUE) and the officer's own count it so; case_row_overdue is its C. */
#define CASE_SQL_STEP_OVERDUE(NOW) "(s.done_at IS NULL AND s.due_at<" NOW " AND s.pause_started_at IS NULL)"
/* SQL, for a step row named s: the one definition of a step breached in a period, FROM <= due
** time < UNTIL (UNTIL no later than now): its standard was missed at its due time, whatever came
** after — done late (met 0), or still undone past it (held since is a breach too when the hold
** began after the due time). A breach belongs to the period its due time fell in, so a month's
** figure stays as it was once the step is done. Cancelled steps count for nothing. The compliance
** report, the dashboard (the office's and the officer's) and the monthly mail count it so. */
#define CASE_SQL_STEP_BREACHED(FROM, UNTIL) \
  "(s.due_at>=" FROM " AND s.due_at<" UNTIL " AND coalesce(s.outcome,'')<>'cancelled'" \
  " AND (s.met=0 OR (s.done_at IS NULL AND (s.pause_started_at IS NULL OR s.due_at<s.pause_started_at))))"
/* SQL, for a step row named s: the one definition of a step done in a period, FROM <= done time
** < UNTIL, not cancelled: one record per step visit. A training's preparation step (BTG-005 step
** 2) is one step done like any other, however many checklist items it holds: the items are timed
** each against its own deadline (met, breached), but they are not steps. The compliance report's
** "steps done", the dashboard's (the office's and the officer's) and the monthly mail count it so. */
#define CASE_SQL_STEP_DONE(FROM, UNTIL) \
  "(s.done_at>=" FROM " AND s.done_at<" UNTIL " AND coalesce(s.outcome,'')<>'cancelled')"
#define CASE_SQL_STEP_DONE_23 CASE_SQL_STEP_DONE("?2", "?3")
/* The two at the placeholders their statements use (a statement's SQL is one literal text): the
** period ?2..?3, now ?2. */
#define CASE_SQL_STEP_BREACHED_23 CASE_SQL_STEP_BREACHED("?2", "?3")
#define CASE_SQL_STEP_OVERDUE_2 CASE_SQL_STEP_OVERDUE("?2")
/* The overdue list's query (caselist.c), here so a test can EXPLAIN it: open steps past due,
** soonest first, through the partial index case_step_due. ?1 office, ?2 status, ?3 sop code,
** ?4 LIKE pattern of q, ?5 now, ?6 limit; "" for any. */
#define CASE_SQL_OVERDUE \
  "SELECT k.id, k.number, k.sop_code, k.subject, k.status, k.priority, k.requester_name," \
  " k.opened_at, s.no, s.due_at, k.procedure_id, coalesce(s.assigned_role,''), coalesce(s.assigned_user,'')," \
  " k.opened_by, 0, s.id" \
  " FROM case_step s INDEXED BY case_step_due JOIN kasus k ON k.id=s.case_id" \
  " WHERE s.office_id=?1 AND " CASE_SQL_STEP_OVERDUE("?5") " AND (?2='' OR k.status=?2)" \
  " AND (?3='' OR k.sop_code=?3)" \
  " AND " CASE_SQL_TEXT \
  " ORDER BY s.due_at, s.id LIMIT ?6"

/* The plain list's query (caselist.c), newest first, keyset-paged by id: ?1 office, ?2 status ('' for
** any), ?3 sop code, ?4 LIKE pattern of q, ?5 the id to list below (the largest when from the
** newest), ?6 limit, ?7 the id to list above (0: none). By the index kasus_office (office_id, id),
** or with a status kasus_status (office_id, status, id): read in id order, it stops at the limit,
** where an order the index did not give sorted every case of the office first (2 s at 1M cases).
** Here so a test can EXPLAIN it. WITH what comes first, FROM the tables, CAND a condition before
** the office's (the index's candidates), ID the id read in order. */
#define CASE_SQL_LIST_BY_(WITH, FROM, CAND, ID, STATUS) \
  WITH "SELECT k.id, k.number, k.sop_code, k.subject, k.status, k.priority, k.requester_name," \
  " k.opened_at, s.no, s.due_at, k.procedure_id, CASE WHEN s.pause_started_at IS NULL THEN 0 ELSE 1 END" \
  " FROM " FROM " LEFT JOIN case_step s ON s.case_id=k.id AND s.done_at IS NULL" \
  " WHERE " CAND "k.office_id=?1 AND " STATUS " AND (?3='' OR k.sop_code=?3)" \
  " AND " CASE_SQL_TEXT \
  " AND " ID "<?5 AND " ID ">?7" \
  " ORDER BY " ID " DESC LIMIT ?6"
#define CASE_SQL_LIST_(STATUS) CASE_SQL_LIST_BY_("", "kasus k", "", "k.id", STATUS)
#define CASE_SQL_LIST CASE_SQL_LIST_("?2=''")
#define CASE_SQL_LIST_STATUS CASE_SQL_LIST_("k.status=?2")
/* A q of 3 characters or more through the trigram index of the searched text (migration 0040),
** below the CASE_LIST_WINDOW newest cases the plain list reads first (a word most cases have
** fills the page there, as does a status few cases have, at the scan's cost): on SQLite the FTS5
** table case_fts read newest first below ?5, ?8 the phrase of q (search_text_how), each candidate's
** case by its id until the page is full; on PostgreSQL the ids whose case_text has q, by the
** pg_trgm index case_text_trgm (materialized: the plan made once for any q must not walk the
** table). Either gives candidates only: CASE_SQL_TEXT still decides (a match across two fields is
** none), so the rows are the scan's. */
#define CASE_LIST_WINDOW 1000
#define CASE_SQL_TRGM_IDS "SELECT t.case_id FROM case_text t WHERE t.body LIKE ?4 ESCAPE '\\'"
#define CASE_SQL_LIST_FTS_(STATUS) \
  CASE_SQL_LIST_BY_("", "case_fts f CROSS JOIN kasus k ON k.id=f.rowid", "case_fts MATCH ?8 AND ", "f.rowid", STATUS)
#define CASE_SQL_LIST_FTS CASE_SQL_LIST_FTS_("?2=''")
#define CASE_SQL_LIST_FTS_STATUS CASE_SQL_LIST_FTS_("k.status=?2")
#define CASE_SQL_LIST_TRGM_(STATUS) \
  CASE_SQL_LIST_BY_("WITH c AS MATERIALIZED (" CASE_SQL_TRGM_IDS ") ", \
                    "kasus k", "k.id IN (SELECT c.case_id FROM c) AND ", "k.id", STATUS)
#define CASE_SQL_LIST_TRGM CASE_SQL_LIST_TRGM_("?2=''")
#define CASE_SQL_LIST_TRGM_STATUS CASE_SQL_LIST_TRGM_("k.status=?2")
/* Below the window, for a q written as a number the directory keeps (?9-?11, CASE_SQL_PARTY_IDS):
** the union of the cases of its person or organisation, by the indexes kasus_person and kasus_org
** (the text index holds no NIP, phone or NPWP; each side of the union a top-level IN, which the
** partial indexes serve: an OR of the two walked the office's cases), and the cases whose text
** holds q as the index finds it (TEXT: SQLite's case_fts, ?8 the FTS5 phrase of q, below ?5;
** PostgreSQL's case_text by its pg_trgm index, ?4), so the rows are the scan's (CASE_SQL_TEXT
** takes both); those candidates first, then each case by its id. */
#define CASE_SQL_PARTY_CASES \
  "SELECT x.id AS case_id FROM kasus x WHERE x.person_id IN (" CASE_SQL_PARTY_IDS ")" \
  " UNION SELECT x.id FROM kasus x WHERE x.org_id IN (" CASE_SQL_PARTY_IDS ")"
#define CASE_SQL_LIST_PARTY_(TEXT, STATUS) \
  CASE_SQL_LIST_BY_("WITH c AS MATERIALIZED (" CASE_SQL_PARTY_CASES " UNION " TEXT ") ", \
                    "kasus k", "k.id IN (SELECT c.case_id FROM c) AND ", "k.id", STATUS)
#define CASE_SQL_FTS_IDS "SELECT f.rowid FROM case_fts f WHERE case_fts MATCH ?8 AND f.rowid<?5"
#define CASE_SQL_LIST_PARTY_FTS CASE_SQL_LIST_PARTY_(CASE_SQL_FTS_IDS, "?2=''")
#define CASE_SQL_LIST_PARTY_FTS_STATUS CASE_SQL_LIST_PARTY_(CASE_SQL_FTS_IDS, "k.status=?2")
#define CASE_SQL_LIST_PARTY_TRGM CASE_SQL_LIST_PARTY_(CASE_SQL_TRGM_IDS, "?2=''")
#define CASE_SQL_LIST_PARTY_TRGM_STATUS CASE_SQL_LIST_PARTY_(CASE_SQL_TRGM_IDS, "k.status=?2")
/* The id of the case CASE_LIST_WINDOW+1 places below ?3 in the plain list's order (?1 office, ?2
** status or ''; ?4 the window): no row when the scan reads the whole list in its window. */
#define CASE_SQL_WINDOW_(STATUS) "SELECT k.id FROM kasus k WHERE k.office_id=?1 AND " STATUS " AND k.id<?3" \
  " ORDER BY k.id DESC LIMIT 1 OFFSET ?4"
#define CASE_SQL_WINDOW CASE_SQL_WINDOW_("?2=''")
#define CASE_SQL_WINDOW_STATUS CASE_SQL_WINDOW_("k.status=?2")
/* "Tugas saya"'s query (caselist.c): the office's open steps, soonest due first, then those without
** a due time (DUE is "s.due_at IS NOT NULL" for the first part, "s.due_at IS NULL" for the second),
** each part in the order of the index case_step_due (office_id, due_at, id), so the caller's first
** rows come without sorting every open step (one ORDER BY putting NULLs last sorted them all: 1.9 s
** at 400k open steps). ?1 office, ?2 status, ?3 sop code, ?4 LIKE pattern of q; "" for any. */
#define CASE_SQL_MINE_(DUE) \
  "SELECT k.id, k.number, k.sop_code, k.subject, k.status, k.priority, k.requester_name," \
  " k.opened_at, s.no, s.due_at, k.procedure_id, coalesce(s.assigned_role,'')," \
  " coalesce(s.assigned_user,''), k.opened_by, CASE WHEN s.pause_started_at IS NULL THEN 0 ELSE 1 END, s.id" \
  " FROM case_step s INDEXED BY case_step_due JOIN kasus k ON k.id=s.case_id" \
  " WHERE s.office_id=?1 AND s.done_at IS NULL AND " DUE " AND (?2='' OR k.status=?2)" \
  " AND (?3='' OR k.sop_code=?3)" \
  " AND " CASE_SQL_TEXT \
  " ORDER BY s.due_at, s.id"
#define CASE_SQL_MINE_DUE CASE_SQL_MINE_("s.due_at IS NOT NULL")
#define CASE_SQL_MINE_UNDUE CASE_SQL_MINE_("s.due_at IS NULL")

/* The procedure revision a case started under (procedure.id): the library's latest, or
** parsed once from the stored text and kept for the process. NULL when there is none.
** Step titles, actors and standards of a case come from here. */
const Procedure *case_procedure(Db *db, int64_t procedure_id);

/* urgency × impact → priority: the DEFAULT rules of each office's priority table (see
** priority.h, which case_open() reads; SOPS.md). */
const char *case_priority(const char *urgency, const char *impact);
/* The DEFAULT targets of a priority: response in office seconds, resolution in working days;
** 0, or -1 for an unknown priority (then rendah's). */
int case_target_default(const char *priority, int64_t *response_s, int *resolution_days);

/* The case as JSON (the stable surface): number, sop, revision, channel, subject, status,
** priority, requester, opened_at, closed_at, the case-level targets (response_due_at, resolution_due_at,
** responded_at, response_met, resolution_met), current_step (0 when no step is open), and steps[] with no, title,
** actor, standard (text), started_at, done_at, due_at (ISO 8601 UTC or null), met
** (true/false/null), outcome, note, by, and tasks[] (text, standard, due_at). */
void case_json(Buf *b, const Case *c, const char *lang);
/* A case's steps (case_id), in the order they started, into *out (n of them) in a; OK or ERR_DB. */
int case_steps_load(Db *db, int64_t case_id, CaseStep **out, int *n, Arena *a);
/* The steps as the JSON array every case carries (see case_json), their titles from revision p. */
void case_steps_json(Buf *b, const Procedure *p, const CaseStep *steps, int n, const char *lang);


/* Hold the open step of an open case: the office's clock stops (a file returned to the
** requester to be completed; audited "case.hold"). ERR_CONFLICT when not open or held already. */
int case_hold(Db *db, const Actor *who, Case *c, const char *reason, Err *e);
/* Start the clock again: the step's due time and the case's resolution target move by the
** office time held (audited "case.resume"). ERR_CONFLICT when the case is not on hold. */
int case_resume(Db *db, const Actor *who, Case *c, Err *e);

/* Work a service above sop/ does when a case closes by its last step or is cancelled (then
** c->status is "cancelled" and c->cancel_reason says why), inside that transaction (an error
** rolls it back): e.g. the escalation answered at the origin when the national office closes
** or cancels its linked case. Registered at start; at most 8. */
typedef int (*CaseCloseHook)(Db *db, const Actor *who, const Case *c, Err *e);
void case_close_hook_add(CaseCloseHook fn);
/* Work a service above sop/ does when a case is reopened, inside that transaction, after its
** step has started again (c as it was before; the hook may change the case, e.g. hold the
** step again while an escalation still waits for LKPP). Registered at start; at most 4. */
typedef int (*CaseReopenHook)(Db *db, const Actor *who, Case *c, Err *e);
void case_reopen_hook_add(CaseReopenHook fn);
/* Work a service above sop/ does when a step of a case is completed (its row step_id, at the
** moment at), inside that transaction: e.g. the disposition that routed the case to the step
** carried out with it. Registered at start; at most 4. */
typedef int (*CaseStepHook)(Db *db, const Actor *who, const Case *c, int64_t step_id, int64_t at, Err *e);
void case_step_hook_add(CaseStepHook fn);
/* A service above sop/ that drives steps of its cases itself: for case c and step no, the
** message (a msgid) saying where that step is done, or NULL when the general step form may
** do it; for no 0, why the case is not reopened by the case's own action (its state is the
** service's: a verification's case, a done account request's), or NULL. The field the refusal
** names is "no" unless it sets *field (field may be NULL). Registered at start; at most 4. */
typedef const char *(*CaseStepOwner)(Db *db, const Case *c, int no, const char **field);
void case_step_owner_add(CaseStepOwner fn);

#endif
