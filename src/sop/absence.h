/*
** absence.h — a member of staff away for whole days (cuti, sakit, dinas luar,
** pelatihan, lainnya) and who replaces them: stored (table absence), checked,
** audited; and, while one is current (today in the office's zone within it),
** who stands in for whom — the replacement, or along a chain of replacements
** who are away themselves the first one present (at most 3 hops, a cycle stops).
** The stand-in sees the absent user's steps in "Tugas saya", may complete them as
** if assigned, and gets the notices meant for them (caselist.c, watch.c).
*/
#ifndef LOKET_ABSENCE_H
#define LOKET_ABSENCE_H
#include "../core/core.h"
#include "../db/db.h"
#include "org.h"
#include "sop.h"

/* The kinds, as stored and as the API takes them; NULL-terminated. */
extern const char *const absence_kinds[];
/* What a kind is called (a msgid: "Leave", "Sick", …); the kind itself when unknown. */
const char *absence_kind_label(const char *kind);

/* One absence of a user in an office: from..to, "YYYY-MM-DD" days in the office's zone. */
typedef struct Absence {
  int64_t id, office_id, user_id, replacement_id, created_at;
  char from[11], to[11];
  const char *kind, *note, *created_by;
  const char *username, *full_name;                 /* the absent user */
  const char *replacement, *replacement_name;       /* who replaces them */
} Absence;

/* What is given to set or change one; NULL leaves a member as it is (a change) or is missing (a new one). */
typedef struct AbsenceIn { const char *from, *to, *kind, *replacement, *note; } AbsenceIn;

/* One absence as JSON: id, username, from, to, kind, replacement, replacement_name, note, current
** (whether today lies within it, as the caller says), created_by, created_at. */
void absence_json(Buf *b, const Absence *x, int current);
/* The absences of a user in an office, by their first day (at most 500); text in a. */
int absence_list(Db *db, int64_t office_id, int64_t user_id, Absence **v, int *n, Arena *a);
/* One of them by id: OK, ERR_NOTFOUND (not theirs or none), ERR_DB. */
int absence_get(Db *db, int64_t office_id, int64_t user_id, int64_t id, Absence *out, Arena *a);
/* Set an absence of user u in office o: every wrong field named at once (from, to, kind,
** replacement, note: ERR_INVALID), one overlapping another of theirs refused naming from
** (ERR_CONFLICT); audited "absence.add". *id gets the new row's. lang ("id", "en"): the language of
** the one message built from parts (a stand-in lacking a role an open decision needs); the others are msgids. */
int absence_add(Db *db, const Actor *who, const Office *o, const User *u, const AbsenceIn *in, const char *lang, int64_t *id,
                Err *e, Arena *a);
/* Change one (shorten it, another replacement, …) with the same checks; one already over
** cannot be changed (ERR_CONFLICT naming to); audited "absence.change"; lang as absence_add's. */
int absence_change(Db *db, const Actor *who, const Office *o, const User *u, int64_t id, const AbsenceIn *in, const char *lang,
                   Err *e, Arena *a);
/* Cancel one that is not over (ERR_CONFLICT naming to when it is); audited "absence.cancel". */
int absence_cancel(Db *db, const Actor *who, const Office *o, const User *u, int64_t id, Err *e, Arena *a);

/* The office's absences current at now (at most 256), whoever they are of. */
int absence_today_list(Db *db, int64_t office_id, int64_t now, Absence **v, int *n, Arena *a);
/* The absence of a user current at now in the office (1, *out filled; 0 none). */
int absence_current(Db *db, int64_t office_id, int64_t user_id, int64_t now, Absence *out, Arena *a);
/* Who stands in at now for username in the office: 1 with *who filled (and *why, may be NULL,
** the absent user's own current absence) when they are away and a replacement along the chain
** is present; 0 else. */
int absence_stand_in(Db *db, int64_t office_id, const char *username, int64_t now, User *who, Absence *why, Arena *a);
/* The users username stands in for at now (their current absences, at most 64) into *v. */
int absence_covered(Db *db, int64_t office_id, const char *username, int64_t now, Absence **v, int *n, Arena *a);
/* OK when step s may be given to username at now as far as absences go: they are not away, nobody
** can stand in for them (a chain that finds nobody), or the one who stands in (the chain's end)
** may take its decision (case_decision_roles, as an absence's own check). Else ERR_INVALID naming
** field: with a, the message in lang saying who is away until when, who stands in and the roles
** lacking, in a; without (a NULL), a msgid saying it plainly. */
int absence_step_check(Db *db, int64_t office_id, const char *username, const Step *s, int64_t now, const char *field,
                       const char *lang, Err *e, Arena *a);
/* 1 when username stands in at now for auser: what "assigned to me" also accepts. */
int absence_replaces(Db *db, int64_t office_id, const char *username, const char *auser, int64_t now);

#endif
