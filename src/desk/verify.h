/*
** verify.h — registering and verifying providers (SOP 01/LPSE.OI/2012, OI-01):
** appointments booked from the portal (days and capacity set by the office,
** holidays closed), the verification itself as a case of OI-01 (guest book,
** agenda, the online registration, the 12-item document check, the national
** blacklist, approve or return, the registration number), the verification card
** with its signed code, the receipt for the originals, and the 30-day lapse.
** The provider is a party (kind 'org') of the office's directory; what was
** verified (NIB, address, deed, the documents checked) is kept here.
*/
#ifndef LOKET_VERIFY_H
#define LOKET_VERIFY_H
#include "../core/core.h"
#include "../db/db.h"

#define VERIFY_SOP "SOP 01/LPSE.OI/2012"
#define VERIFY_ITEMS_MAX 40
#define VERIFY_ITEM_TITLE_MAX 200
#define VERIFY_CODE_MAX 96

/* What an office sets: copies of the card, the lapse after the online registration and its
** warning, how far ahead one may book, bookings per address per hour, capacity per weekday
** (0 Sunday … 6 Saturday; 0 closed). */
typedef struct VerifySettings {
  int card_copies, lapse_days, warn_days, ahead_days, book_limit;
  int capacity[7];
} VerifySettings;
/* The settings of an office (its row, else the defaults: 4 copies, 30 days, warned 7 days
** before, 30 days ahead, 5 bookings an hour, 10 a day Monday to Friday). */
int verify_settings_get(Db *db, int64_t office_id, VerifySettings *s);
/* Check settings, every one wrong added to all (nothing read): ERR_INVALID when one is. */
int verify_settings_check(const VerifySettings *s, Err *all);
/* Check and store them (audited "verify.settings"); ERR_INVALID naming the field. */
int verify_settings_set(Db *db, const Actor *who, int64_t office_id, const VerifySettings *s, Err *e);

/* One item of the checklist, and its marks on a verification. */
typedef struct CheckItem {
  int no;
  const char *title;
  int required;            /* 1: approval needs it present and matching the original */
  int present, matches;    /* the officer's marks (Ada, Sesuai Asli) */
} CheckItem;
/* The default checklist (SOPS.md: the Berita Acara Verifikasi), n items. */
const CheckItem *verify_checklist_default(int *n);
/* Check a checklist: 1..VERIFY_ITEMS_MAX items, numbered 1..n in order, titles 1..200 bytes
** of one line; ERR_INVALID naming "items" or "items[i].title". */
int verify_checklist_check(const CheckItem *items, int n, Err *e);
/* The office's checklist (its rows, else the default), in a. */
int verify_checklist_get(Db *db, int64_t office_id, CheckItem **items, int *n, Arena *a);
/* Replace the office's checklist (audited "verify.checklist"). */
int verify_checklist_set(Db *db, const Actor *who, int64_t office_id, const CheckItem *items, int n, Err *e);
/* The required items not marked both present and matching, written "1. title; 4. title"
** into out (when not NULL); returns how many. */
int verify_missing(const CheckItem *items, int n, Buf *out);

/* ---- appointments ---- */
typedef struct VerifyDay { char day[11]; int capacity, booked, free; } VerifyDay;
/* The days one may book at now: from tomorrow to ahead_days, working days of the office's
** calendar with a capacity, each with its bookings and the places left (free, never below 0:
** a capacity lowered under the bookings made leaves the day full); full days included. */
int verify_days(Db *db, int64_t office_id, int64_t now, VerifyDay **days, int *n, Arena *a);

/* What a provider gives (portal booking or a walk-in entered at the desk). */
typedef struct VerifyInput {
  const char *company, *npwp, *nib, *email, *phone, *contact, *spse_user;
  const char *registered_on;   /* YYYY-MM-DD: the day of the online registration in SPSE ("": today) */
  const char *day;             /* the appointment's day (booking only; "": the first with a free place) */
  const char *ip;              /* the booking's address (rate limit) */
  const char *base_url;        /* req_base_url() of the booking, for the mail's cancel link (NULL: public_url) */
  const char *lang;            /* the language of the provider's e-mails: the portal's as used, else the office's
                               ** default ("id" when NULL) */
} VerifyInput;

/* One appointment as listed. */
typedef struct VerifyAppt {
  int64_t id, verification_id, booked_at;
  const char *day, *status, *company, *npwp, *email, *phone, *contact, *vstatus;
  const char *lang;            /* the language of the provider's e-mails, "id" or "en" */
  int queue_no;
} VerifyAppt;
/* Book a day: the provider in the directory (by NPWP), a verification waiting, a queue number,
** a confirmation mail now and a reminder the day before (the watcher sends it). ERR_INVALID
** naming the field; ERR_CONFLICT (field "day") when the day is full or closed, (field "sop",
** before anything else) when OI-01 is retired; ERR_THROTTLED
** past book_limit bookings from one address in an hour. */
int verify_book(Db *db, const Actor *who, int64_t office_id, const VerifyInput *in, VerifyAppt *out,
                Arena *a, Err *e);
/* The appointment a cancel token (sent in the booking mail) names, checked against its MAC;
** ERR_NOTFOUND when none or the token is wrong. */
int verify_appt_by_token(Db *db, const char *token, VerifyAppt *out, int64_t *office_id, Arena *a);
/* The token of an appointment's private links (w as verify_book gives it: id and booked_at): the
** same as the mailed cancel link's, a MAC over the id, not guessable. ERR_IO without the key. */
int verify_appt_token(int64_t office_id, const VerifyAppt *w, char out[VERIFY_CODE_MAX]);
/* The provider cancels with that token: the place freed, audited (verify.appointment_cancel);
** ERR_CONFLICT (field "status") when cancelled already or arrived. */
int verify_appt_cancel(Db *db, const Actor *who, const char *token, VerifyAppt *out, Arena *a, Err *e);
/* The appointments of a day (YYYY-MM-DD), by queue number. */
int verify_appointments(Db *db, int64_t office_id, const char *day, VerifyAppt **rows, int *n, Arena *a);

/* ---- the verification ---- */
/* A scan of a document, attached to the verification's case (sop/attach.c). */
typedef struct VerifyScan {
  int64_t attachment_id, size;
  int item_no;
  const char *name, *mime, *sha256;
} VerifyScan;
typedef struct Verification {
  int64_t id, office_id, party_id, case_id;
  const char *status;          /* waiting checking returned approved rejected lapsed */
  const char *company, *npwp, *nib, *address, *deed, *director, *contact, *email, *phone, *spse_user;
  int64_t registered_at, lapse_at, created_at, returned_at, decided_at;
  const char *blacklist, *missing, *number, *decided_by, *case_number;
  int case_step;               /* the case's open step; 0 none */
  int case_held;               /* 1 while the step is on hold */
  const char *appt_day;        /* the appointment, "" when none */
  int queue_no;
  CheckItem *items;            /* the checklist with this verification's marks */
  int nitems, checked;         /* checked: the documents were examined */
  VerifyScan *scans;
  int nscans;
  int64_t card_id, card_issued_at;
  const char *card_officer, *handover_number;
  int card_copies;
  const char *lang;            /* the language of the provider's e-mails: "id" or "en" */
} Verification;
/* Who verified the provider, as the card and its public check name them: the one who approved it
** (the one who printed the card when no approval is recorded). */
const char *verify_verifier(Db *db, const Verification *v, Arena *a);
/* A verification of the office; ERR_NOTFOUND when none. Strings in a. */
int verify_get(Db *db, int64_t office_id, int64_t id, Verification *v, Arena *a);
/* Verifications of the office, newest first: status NULL/"" for any, at most limit (1..500). */
int verify_list(Db *db, int64_t office_id, const char *status, int limit, Verification **rows, int *n, Arena *a);
/* The check of what a provider gives, as verify_book and verify_walk_in make it (the office's
** settings and zone read), every wrong field named in e; nothing written. */
int verify_input_check(Db *db, int64_t office_id, const VerifyInput *in, Err *e);
/* A provider come without an appointment: a verification waiting (no mail). */
int verify_walk_in(Db *db, const Actor *who, int64_t office_id, const VerifyInput *in, int64_t *id, Err *e);

/* The provider arrives: guest-book entry, the case of OI-01 opened (step 1 done), the
** appointment marked arrived. */
int verify_arrive(Db *db, const Actor *who, const char *tz, Verification *v, Err *e);
/* Step 2: the visit in the agenda and a disposition to the verifiers. */
int verify_agenda(Db *db, const Actor *who, const char *tz, Verification *v, Err *e);
/* What the officer reads in the online registration (NULL keeps the value). */
typedef struct VerifyRegData {
  const char *spse_user, *registered_on, *nib, *address, *deed, *director;
} VerifyRegData;
/* Step 3: the online registration checked, the national blacklist looked up (a hit rejects:
** case cancelled, the provider told), a registration past its lapse is lapsed. */
int verify_registration(Db *db, const Actor *who, Verification *v, const VerifyRegData *d, Err *e);
/* Step 4: the marks of the documents (n marks by item number; items not given: not present). A
** mark refused is named by its path in the list (items[2].no) in ea, or items when ea is NULL; the
** message and e->n say its item number. */
int verify_documents(Db *db, const Actor *who, Verification *v, const CheckItem *marks, int n, Arena *ea, Err *e);
/* Attach the scan of item_no to the verification's case (type and size as attach_add checks:
** ERR_TYPE, ERR_TOOBIG); ERR_INVALID naming "item" when the checklist has no such item. */
int verify_scan_add(Db *db, const Actor *who, Verification *v, int item_no, const char *name,
                    const void *data, size_t n, size_t limit, VerifyScan *out, Arena *a, Err *e);
/* Step 5, incomplete: the file goes back with the missing items listed, the clock held. */
int verify_return(Db *db, const Actor *who, Verification *v, Err *e);
/* The documents came back: the clock runs again (mark them again with verify_documents). */
int verify_resume(Db *db, const Actor *who, Verification *v, Err *e);
/* Steps 5-6: approved (every required item present and matching), the registration number. */
int verify_approve(Db *db, const Actor *who, Verification *v, Err *e);
/* Step 7: the card issued, the originals handed back (a handover form); the case closes. */
int verify_card_issue(Db *db, const Actor *who, const char *tz, const char *officer, Verification *v, Err *e);

/* ---- the card's signed code ---- */
/* Load the key of the data folder (DIR/verify.key, 32 bytes, made on first use, mode 600). */
int  verify_key_init(const char *data_dir, char *err, size_t errlen);
/* Use this key (tests). */
void verify_key_set(const unsigned char key[32]);
/* A key for another purpose (ctx: 8 characters naming it), derived from verify.key: the same on
** every node that holds the same verify.key, and across restarts. ERR_IO before the key is loaded. */
int  verify_key_derive(unsigned char out[32], const char ctx[8]);
/* The code of a card: "ID-MAC", MAC = crypto_auth over office, id and number (hex, 32 chars). */
int  verify_card_code(int64_t office_id, int64_t card_id, const char *number, char out[VERIFY_CODE_MAX]);
/* The card id a code names when its MAC is right for office and number; 0 otherwise. */
int64_t verify_code_id(const char *code);
int  verify_code_check(const char *code, int64_t office_id, const char *number);
/* The card of a code, checked: its verification (any office); ERR_NOTFOUND when not genuine. */
int  verify_card_by_code(Db *db, const char *code, Verification *v, Arena *a);

/* ---- the national blacklist ---- */
typedef struct BlackEntry { const char *npwp, *name, *reason, *until; } BlackEntry;
/* The wrong lines of a blacklist's file: n found, the first BLACK_BAD_MAX of them in line. */
#define BLACK_BAD_MAX 50
typedef struct BlackBad { char **line; int n; } BlackBad;
/* Parse a CSV (npwp,name[,reason[,until YYYY-MM-DD]]; a header line allowed): ERR_INVALID with
** "line N: what" in err (every wrong line, the first five and how many more), each wrong line in
** bad when given (NULL: not asked); entries in a. */
int verify_blacklist_parse(const char *text, size_t n, BlackEntry **rows, int *nrows, Arena *a,
                           const char *lang, char *err, size_t errlen, BlackBad *bad);
/* Replace the office's list with these entries, all or nothing (audited "verify.blacklist"). */
int verify_blacklist_import(Db *db, const Actor *who, int64_t office_id, const BlackEntry *rows, int n);
/* The office's list (at most limit), by name. */
int verify_blacklist_list(Db *db, int64_t office_id, int limit, BlackEntry **rows, int *n, Arena *a);
/* The entry of an NPWP in force at day (YYYY-MM-DD) into *hit; ERR_NOTFOUND when none. */
int verify_blacklist_find(Db *db, int64_t office_id, const char *npwp, const char *day, BlackEntry *hit, Arena *a);

/* ---- the watcher: reminders the day before, lapse warnings, lapses ---- */
typedef struct VerifyWatch { int reminders, warnings, lapsed; } VerifyWatch;
int verify_watch(Db *db, int64_t now, VerifyWatch *out);
/* Start/stop the thread of `loket serve` that runs verify_watch every poll_s seconds. */
int  verify_watch_start(int poll_s);
void verify_watch_stop(void);

#endif
