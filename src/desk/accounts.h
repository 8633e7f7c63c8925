/*
** accounts.h — the register of the SPSE accounts an office manages (user ID,
** kind, holder and agency from the directory, the decree and its validity,
** status with its full history), the year-end deactivation of PPK accounts
** (BTG-019 step 5), credentials handed over as one-time links (the secret
** encrypted at rest with libsodium), and the requests for accounts — cases of
** OI-03, OI-04, OI-05 and BTG-019 with their document checklists.
*/
#ifndef LOKET_ACCOUNTS_H
#define LOKET_ACCOUNTS_H
#include "../core/core.h"
#include "../db/db.h"

/* ---- the account register (accounts.c) ---- */
extern const char *const account_kinds[];     /* penyedia ppk pokja pejabat_pengadaan other, NULL */
typedef struct AccountIn {
  const char *user_id, *kind;
  const char *holder;         /* a person of the directory: id, NIP or NIK */
  const char *agency;         /* an organisation: id, NPWP or exact name; default the holder's agency */
  const char *sk_number, *valid_from, *valid_until;   /* the decree; days YYYY-MM-DD */
} AccountIn;
typedef struct Account {
  int64_t id, holder_id, agency_id, created_at, updated_at;
  const char *user_id, *kind, *status, *sk_number, *valid_from, *valid_until;
  const char *holder_name, *holder_nip, *holder_email, *agency_name, *agency_email;
} Account;
typedef struct AccountEvent {
  int64_t at;
  const char *by, *action, *from_status, *to_status, *case_number, *reason;
} AccountEvent;
typedef struct AccountFilter {
  int64_t office_id;
  const char *q;              /* within user ID or holder's name, ignoring case */
  const char *kind, *status;  /* "" for any */
  const char *who;            /* a NIP or an e-mail of the holder (a forgotten user ID) */
  int64_t party_id;           /* accounts held by, or of the agency, this entry */
  int64_t before;
  int limit;                  /* 1..1001 */
} AccountFilter;

/* Check an account to enter as account_create does (its fields; its holder and agency in the
** directory, a read, nothing written): every field wrong is added to e (ERR_INVALID); *holder and
** *agency the entries found. */
int account_create_check(Db *db, int64_t office_id, const AccountIn *in, int64_t *holder, int64_t *agency, Err *e);
/* Add an account (status active) with its first history row; case_id 0 when not by a request. */
int account_create(Db *db, const Actor *who, int64_t office_id, const AccountIn *in, int64_t case_id,
                   int64_t *id, Err *e);
/* Check a status change's own fields (status active or inactive, the reason's length), nothing
** read or written: every one wrong is added to e (ERR_INVALID). account_set_status checks them too. */
int account_status_check(const char *status, const char *reason, Err *e);
/* Set the status ("active" | "inactive") with who, when, the request (case_id, 0 none) and a reason.
** ERR_CONFLICT (field "status") when it has that status already. */
/* Renew an account's decree (SK number, valid_from, valid_until; a part not given kept) with its
** history row ("decree") and audit row ("account.decree"); nothing given or nothing new: no write.
** OK, ERR_INVALID (the days) with e set, ERR_NOTFOUND or ERR_DB. */
int account_set_decree(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *sk_number,
                       const char *valid_from, const char *valid_until, int64_t case_id, Err *e);
int account_set_status(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *status,
                       int64_t case_id, const char *reason, Err *e);
int account_get(Db *db, int64_t office_id, int64_t id, Account *out, Arena *a);
/* The account of a user ID (or an id in digits) in the office. */
int account_resolve(Db *db, int64_t office_id, const char *ref, int64_t *id);
/* Check a filter's who: blank, a NIP or an e-mail address; else ERR_INVALID, e naming who. */
int account_who_check(const char *who, Err *e);
int account_list(Db *db, const AccountFilter *f, Account **rows, int *n, Arena *a);
int account_history(Db *db, int64_t office_id, int64_t id, AccountEvent **rows, int *n, Arena *a);

/* ---- year end (BTG-019 step 5) ---- */
/* The office's rule: "expired" (decree ended before today) or "all" (every active PPK account). */
int account_policy(Db *db, int64_t office_id, char rule[8], int *link_hours);
int account_policy_set(Db *db, const Actor *who, int64_t office_id, const char *rule, int link_hours, Err *e);
/* The active PPK accounts the rule deactivates at today (YYYY-MM-DD); rule NULL: the office's. */
int account_year_end_list(Db *db, int64_t office_id, const char *today, const char *rule,
                          Account **rows, int *n, Arena *a);
/* Deactivate them in ONE transaction: a history row and an audit row each, a notice to each
** holder with an e-mail and one to each agency listing its accounts. *count the accounts.
** expect: the number the reviewer saw (-1: any); another number is ERR_CONFLICT (field
** "expect") and nothing changes, so what is carried out is what was reviewed. */
int account_year_end(Db *db, const Actor *who, int64_t office_id, const char *today, const char *rule,
                     int expect, int *count, Err *e);

/* ---- one-time credential links (credential.c) ---- */
/* Make a new secret (a password for SPSE) for an account, encrypted at rest, and a link token
** (64 hex) that shows it once, until the office's link_hours have passed. The account's earlier
** links not yet opened end now (their secrets wiped): only the newest password can be shown. */
int cred_issue(Db *db, const Actor *who, int64_t office_id, int64_t account_id, int64_t case_id,
               char token[65], int64_t *expires_at, Err *e);
/* The state of a link without opening it: OK (usable), ERR_NOTFOUND, ERR_CONFLICT (used),
** ERR_TOOBIG (expired — answered 410); *office_id (may be NULL) the office that made it. Every look is audited. */
int cred_peek(Db *db, const Actor *who, const char *token, int64_t *expires_at, int64_t *office_id);
/* Open a link once: the user ID and the secret; the secret is wiped from the database in the
** same transaction. Later calls: ERR_CONFLICT; past expiry: ERR_TOOBIG. Audited. */
int cred_open(Db *db, const Actor *who, const char *token, char *user_id, size_t nuid,
              char *secret, size_t nsecret);
/* The state of a link for the system itself (not audited, nothing opened): OK usable,
** ERR_CONFLICT opened (at *viewed_at), ERR_TOOBIG expired or replaced, ERR_NOTFOUND. */
int cred_state(Db *db, const char *token, int64_t *viewed_at);
/* Encrypt / decrypt a short text with the data folder's key (hex nonce+box); for tokens kept
** until they are mailed. */
/* Load or make the data folder's secret.key now (at a server's start). */
int cred_key_init(char *err, size_t errlen);
/* On a database several nodes share: the prints of this folder's verify.key and secret.key are
** those the first node recorded (node_key; recorded now, audited, when none is); ERR_CONFLICT
** with err naming the key that differs and what to do, ERR_DB, else OK. Both keys loaded first. */
int node_keys_check(Db *db, char *err, size_t errlen);
int cred_seal(const char *plain, Buf *out);
int cred_unseal(const char *sealed, char *out, size_t n);

/* ---- requests for accounts (acreq.c) ---- */
extern const char *const acreq_kinds[];       /* pokja ppk forgotten deactivate reactivate, NULL */
/* The documents a request of that kind needs: ids and labels (msgids), NULL-terminated. */
typedef struct AcreqDoc { const char *id, *label; } AcreqDoc;
const AcreqDoc *acreq_docs(const char *kind);
/* The procedure code of a kind ("SOP 03/LPSE/2012" …). */
const char *acreq_sop(const char *kind);
/* What a kind is called (an English msgid, e.g. "User ID for a PPK (OI-04)"). */
const char *acreq_kind_label(const char *kind);
/* What a kind is called for an applicant, without the procedure's code (a msgid, "User ID for a PPK"). */
const char *acreq_kind_words(const char *kind);
typedef struct AcreqIn {
  const char *kind, *channel;                 /* channel: portal, letter, email, walk_in */
  const char *name, *nip, *nik, *rank, *position, *address, *phone, *email;
  const char *agency;                         /* the agency: a directory reference or a new name */
  const char *user_id;                        /* deactivate/reactivate: the account */
  const char *lookup;                         /* forgotten: the NIP or e-mail to find it by */
  const char *sk_number, *valid_from, *valid_until;
  const char *today;                          /* the office's day (YYYY-MM-DD) the request is made on: a decree
                                              ** valid until before it has expired (NULL: not judged; opening sets it) */
  const char *const *docs;                    /* the documents handed in (ids of acreq_docs) */
  int ndocs;
  const char *letter_no, *letter_date;        /* channel letter: the agenda book's entry (optional) */
  const char *lang;                           /* the language of the applicant's e-mails: the portal's as used, else
                                              ** the office's default ("id" when NULL) */
} AcreqIn;
typedef struct Acreq {
  int64_t id, case_id, person_id, agency_id, account_id, created_at;
  const char *kind, *account_kind, *state, *case_number, *case_status, *email, *lookup;
  const char *person_name, *agency_name, *user_id, *sk_number, *valid_from, *valid_until;
  const char *docs, *missing;                 /* space-separated document ids */
  int current_step;
  const char *lang;                           /* the language of the applicant's e-mails: "id" or "en" */
} Acreq;
/* Check a new request before anything is looked up (the kind, the channel, the letter's date, the
** e-mail, what the kind needs: the user ID, the lookup, the applicant and the decree's days, the
** documents), every wrong field named in e; pm: from the public portal. Nothing read or written. */
int acreq_in_check(const AcreqIn *in, int pm, Err *e);
int acreq_open(Db *db, const Actor *who, int64_t office_id, const AcreqIn *in, int64_t *id, Err *e);
/* The validity of a decree: each day real (YYYY-MM-DD), the end not before the start (e names the field). */
int account_validity_check(const char *from, const char *until, Err *e);
/* The same from the public portal: a user ID, NIP or e-mail not in the register opens nothing and
** is not told (OK, *id 0); notices go only to the address the directory holds. Counted against
** who->ip's submissions (portal_guard_submit) unless refused: ERR_THROTTLED and *retry_after past them.
** ERR_CONFLICT (field sop, portal_service_open's words) before anything when the kind's procedure is retired. */
int acreq_portal_open(Db *db, const Actor *who, int64_t office_id, const AcreqIn *in, int *retry_after, int64_t *id, Err *e);
int acreq_get(Db *db, int64_t office_id, int64_t id, Acreq *out, Arena *a);
/* The request a case of the office carries out (ERR_NOTFOUND when the case is no account request's). */
int acreq_of_case(Db *db, int64_t office_id, int64_t case_id, Acreq *out, Arena *a);
int acreq_list(Db *db, int64_t office_id, const char *state, int64_t before, int limit, Acreq **rows, int *n, Arena *a);
/* The longest note of an action on a request (check, resubmit, approve), in characters. */
#define ACREQ_NOTE_MAX 1000
/* Completeness check with the documents present: complete → on to approval (OI) or to
** carrying out (BTG-019); missing ones → back to the applicant (the clock paused) with a notice.
** replace: docs is the whole list the officer found (a document declared but not there is
** missing); else docs are added to those already handed in. */
int acreq_check(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *const *docs, int ndocs,
                int replace, const char *note, Err *e);
/* The applicant completed a returned request (documents added): checked again from the start; at
** (blank: now) when the file came back, in the office's zone tz. */
int acreq_resubmit(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *const *docs, int ndocs,
                   const char *note, const char *at, const char *tz, Err *e);
/* OI-03/04/05 step 3: approve (yes) or send back (no, with the reason). */
int acreq_approve(Db *db, const Actor *who, int64_t office_id, int64_t id, int yes, const char *note, Err *e);
/* Carry it out: the account register row created or changed, a one-time link when a secret is
** handed over (token[0]==0 when none). user_id: for a new account. */
int acreq_execute(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *user_id, char token[65], Err *e);
/* Instead of the link, a sealed letter: the credential of a carried-out request taken from its
** one-time link now (the link is used up and its sealed token wiped, so the notice carries no
** link), for printing; audited as credential.letter. ERR_CONFLICT (field "link") when the
** request has no unused link. out: what the letter says (texts in a); wipe out->secret after. */
typedef struct AcreqLetter {
  char user_id[80], secret[64];
  char handover[64];                          /* the handover form's number (ST-…) */
  const char *office, *number, *kind, *name, *nip, *agency;
} AcreqLetter;
int acreq_letter(Db *db, const Actor *who, int64_t office_id, int64_t id, AcreqLetter *out, Arena *a, Err *e);
/* 1 when a carried-out request still has its unused link (sealed, waiting for the notice). */
int acreq_has_link(Db *db, int64_t id);
/* The notice to the applicant (e-mail with the user ID and the one-time link, base_url + /kredensial/…;
** base_url "" or NULL: loket.conf's public_url). */
int acreq_notify(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *base_url, Err *e);
/* Archive the request (the case archived). */
int acreq_archive(Db *db, const Actor *who, int64_t office_id, int64_t id, Err *e);

#endif
