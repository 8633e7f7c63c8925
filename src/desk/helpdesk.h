/*
** helpdesk.h — the help desk's services: the phone desk (BTG-017), counter and
** e-mail questions with hand-overs to other parties (OI-02), the bidding room
** (BTG-006), .rhs bid files that will not open (OI-06), escalation to the national
** helpdesk (LKPP), and the caller lookup they share. Each drives the case engine
** (sop/case.h) and keeps its own records; every change is audited in the
** transaction of the change. No HTML and no HTTP here.
*/
#ifndef LOKET_HELPDESK_H
#define LOKET_HELPDESK_H
#include "desk.h"
#include "../sop/case.h"
#include "../sop/attach.h"   /* MailLeftOut */
#include "directory.h"

#define PHONE_SOP    "SOP-LPSE.BTG-017"
#define HELPDESK_SOP "SOP 02/LPSE.OI/2012"
#define BIDDING_SOP  "SOP-LPSE.BTG-006"
#define RHS_SOP      "SOP 06/LPSE/2012"

/* Callers are found in the office's directory: party_search() and party_cases() of directory.h. */

/* ---- the phone desk (phone.c) ---- */
#define PHONE_STAMP_MAX 160
#define PHONE_STAMP_TTL (4*3600)   /* a form opened longer ago than this is stale */
/* The signed arrival stamp the phone form carries: the moment it opened, for this user in this office. */
void phone_stamp(char out[PHONE_STAMP_MAX], int64_t office_id, int64_t user_id, int64_t t);
/* Check a stamp; *arrived the moment it holds. ERR_INVALID (field "stamp") when forged or stale. */
int phone_stamp_check(const char *stamp, int64_t office_id, int64_t user_id, int64_t *arrived, Err *e);

typedef struct PhoneCall {
  int64_t id, arrived_at, answered_at, ended_at;
  const char *status;          /* answered (on the line), missed, solved, ticket */
  const char *handled_by, *caller_name, *caller_org, *question, *answer;
  const char *case_number, *ticket_number, *consultation_number;   /* "" when none */
} PhoneCall;
/* The officer picks up (missed=0) or the call was not answered (missed=1): a call row from the
** stamp of the form. */
int phone_answer(Db *db, const Actor *who, int64_t user_id, const char *stamp, int missed, PhoneCall *out,
                 Arena *a, Err *e);
/* What the officer wrote on the consultation form during the call. */
typedef struct PhoneForm {
  Requester caller;
  const char *subject;         /* optional: the question's first words */
  const char *question;        /* required */
  const char *answer;          /* given: answered now (steps 6, 7); empty: a ticket (step 8) */
  const char *urgency, *impact;/* the priority table's inputs, for the ticket */
  const char *archive_location;/* where the form is filed (default "Arsip Helpdesk") */
} PhoneForm;
/* Check the consultation form of a call, naming every field that is wrong at once. */
int phone_check(const PhoneForm *f, Err *e);
/* End the call: the consultation form, the BTG-017 case with the call's own moments
** (arrival, answer), then the answer archived and the case closed, or a ticket: an OI-02
** case carrying the question on (its number is the ticket) by e-mail/escalation. */
int phone_finish(Db *db, const Actor *who, const char *tz, int64_t call_id, const PhoneForm *f,
                 PhoneCall *out, Arena *a, Err *e);
int phone_get(Db *db, int64_t office_id, int64_t id, PhoneCall *out, Arena *a);
/* Calls of the office with from <= arrival < to, in order. */
int phone_list(Db *db, int64_t office_id, int64_t from, int64_t to, PhoneCall **rows, int *n, Arena *a);
/* One day of the recap of phone cases. */
typedef struct PhoneDay {
  char day[11];
  int calls, missed, answered, answered_in_standard, solved, ticket;
  int64_t answer_s_total;      /* seconds from arrival to answer, summed over answered calls */
} PhoneDay;
/* The recap of a month ("2026-11") in the office's zone: one row per day with calls, and the total. */
int phone_recap(Db *db, int64_t office_id, const char *tz, const char *month, PhoneDay **days, int *n,
                PhoneDay *total, Arena *a, Err *e);

/* ---- counter and e-mail (helpdesk.c) ---- */
/* Call the requester.* fields a new case's check names as the desk's forms and requests do
** (name, organisation, phone, email, npwp). */
void helpdesk_own_fields(Err *e);
/* Open an OI-02 case for a walk-in from their guest-book entry (its case number is set). */
int helpdesk_walk_in(Db *db, const Actor *who, int64_t guest_id, const char *subject, const char *email,
                     Case **out, Err *e);
typedef struct HelpdeskMail {
  const char *from_name, *from_email, *subject;   /* taken from the message's headers when empty */
  const char *text;            /* a pasted message (kept as pesan-email.txt) */
  const char *eml;             /* or the message file as it came (.eml) */
  size_t eml_len;
  const char *eml_name;
  size_t limit;                /* attachment_limit */
} HelpdeskMail;
/* Enter an e-mailed question as an OI-02 case with the message attached: the message as
** attach_mail_safe leaves it, a note on the case for each file left out. */
int helpdesk_email(Db *db, const Actor *who, const HelpdeskMail *m, Case **out, Err *e);
/* A note on case c for each file left out of its message (attach_mail_safe), written by Loket
** (the system in the case's office), in the reader's language; inside the caller's transaction. */
int helpdesk_mail_left_notes(Db *db, const Case *c, const MailLeftOut *left, int n, Arena *a, Err *e);

/* ---- the help desk's mailbox, read over IMAP (inbox.c) ---- */
/* An office's mailbox settings, the password only as set or not. */
typedef struct InboxSettings {
  char url[256];               /* imap://host[:port]/MAILBOX or imaps://…; "" when none */
  char user[128];
  int password_set, poll_s, enabled;
  int configured;              /* 0: never set (the defaults above) */
  int64_t last_poll_at, updated_at;
  char last_error[600];        /* "" when the last poll worked; else "field: why" */
  char last_refused[600];      /* the last message that could not become a case, and why ("" none) */
  char last_warning[600];      /* a flag for the people using the mailbox (\Seen) the server refused, at the last
                               ** poll that set one ("" none): the message itself was taken */
  char updated_by[64];
} InboxSettings;
/* The office's settings; last_error, last_refused and last_warning (kept as Loket's own messages, case_note_key)
** in lang, the host's and the server's own words in them as they came. */
int inbox_get(Db *db, int64_t office_id, const char *lang, InboxSettings *s);
/* A change of the settings: NULL strings, enabled -1 and poll_given 0 leave those as they are. */
typedef struct InboxChange {
  const char *url, *user, *password;
  int64_t poll_s;
  int poll_given;
  int enabled;
} InboxChange;
/* Change the caller's office's mailbox settings: each field checked (ERR_INVALID naming every
** one wrong: url, user, password, poll_seconds; reading needs all three), audited "mail.inbox"
** with what changed (the password only as changed). *changed 0 when it was already so. */
int inbox_set(Db *db, const Actor *who, const InboxChange *in, int *changed, Err *e);
/* What became of one message taken. */
typedef struct InboxTaken {
  const char *kind;            /* "case" (a new question), "reply" (on its case), "seen" (taken before) */
  char number[64];             /* the case's number */
  char message_id[200];
} InboxTaken;
/* Take one message of an office's mailbox in one transaction: taken before (its Message-ID, or
** its bytes' SHA-256 when it has none): nothing; the reply of a case's requester (the case's
** number in the subject, or In-Reply-To/References naming a mail Loket sent them, from the
** requester's address): portal_reply() on that case (a closed one reopened as the portal does);
** else helpdesk_email() opens the case. ERR_INVALID (e why) when it cannot become a case.
** mark (may be NULL): the message's UIDVALIDITY and UID, written as the office's mailbox mark in
** the same transaction (ERR_CONFLICT, nothing written, when the mark is not below it). */
typedef struct InboxMark { int64_t validity, uid; } InboxMark;
int inbox_take(Db *db, int64_t office_id, const char *msg, size_t len, size_t limit, const InboxMark *mark,
               InboxTaken *out, Err *e);
/* Poll every office whose turn it is (claimed: one node at a time); *taken the messages taken. */
int inbox_poll_due(Db *db, int64_t now, size_t limit, int *taken);
/* How many offices' mailboxes failed at their last poll. */
int inbox_failing(Db *db, int64_t *n);
/* Start the thread of `loket serve` that polls the mailboxes; stop it and wait. */
int inbox_start(const Config *cfg);
void inbox_stop(void);

typedef struct Handover {
  int64_t id, due_at, answered_at, created_at;
  const char *party_kind, *party_name, *answer, *answered_by, *created_by;
  int64_t disposition_id;
} Handover;
/* Check a hand-over's own fields (party_kind, party_name, instruction, due_at or due_days), nothing
** read or written: every one wrong is added to e (ERR_INVALID). helpdesk_handover checks them too. */
int helpdesk_handover_check(const char *party_kind, const char *party_name, const char *instruction, int64_t due_at,
                            int due_days, Err *e);
/* Hand a case over to another party (ulp, skpd, other) with a disposition and a due time
** (due_at, or due_days working days from now). An OI-02 case at its decision goes to step 4. */
int helpdesk_handover(Db *db, const Actor *who, const char *tz, Case *c, const char *party_kind,
                      const char *party_name, const char *instruction, int64_t due_at, int due_days,
                      Handover *out, Arena *a, Err *e);
/* Record the other party's answer (the disposition is done; an OI-02 case moves to step 5). */
int helpdesk_handover_answer(Db *db, const Actor *who, const char *tz, Case *c, int64_t id, const char *answer,
                             Err *e);
int helpdesk_handovers(Db *db, const Case *c, Handover **rows, int *n, Arena *a);

/* ---- the bidding room (bidding.c) ---- */
typedef struct BiddingVisit {
  int64_t id, arrived_at, left_at, trainer_at;
  const char *case_number, *provider, *organisation, *trainer, *status;
  int current_step;
  const char *step_title, *step_title_en;   /* step_title_en: NULL when the procedure gives none */
} BiddingVisit;
typedef struct BiddingNew { const char *name, *organisation, *phone, *email, *npwp; } BiddingNew;
/* A provider reports in: a guest-book entry, a BTG-006 case at its first question (step 3). */
int bidding_open(Db *db, const Actor *who, const char *tz, const BiddingNew *in, Case **out, Err *e);
/* Check a provider's report-in (the name, the provider as a case's requester), nothing read or
** written: every field wrong is added to e (ERR_INVALID; ERR_CONFLICT, field sop, when the only
** thing wrong is that the procedure is retired). bidding_open checks them too. */
int bidding_open_check(const BiddingNew *in, Err *e);
/* The trainer who assists the provider (a user of the office), given the visit's open step: one
** away today whose stand-in may not take that step's decision is refused naming trainer (the
** message in lang, in a; see case_assign_if). */
int bidding_trainer(Db *db, const Actor *who, Case *c, const char *trainer, const char *lang, Arena *a, Err *e);
/* Complete a step of the visit; when the visit ends the provider is reported out of the guest book
** (by bidding_on_close). */
int bidding_step(Db *db, const Actor *who, unsigned roles, Case *c, int no, const char *outcome,
                 const char *note, Err *e);
/* Who is in the room now, longest first. */
int bidding_board(Db *db, int64_t office_id, BiddingVisit **rows, int *n, Arena *a);
int bidding_get(Db *db, const Case *c, BiddingVisit *out, Arena *a);

/* ---- .rhs bid files (rhs.c) ---- */
typedef struct Escalation Escalation;
typedef struct RhsCause { const char *code, *text; } RhsCause;
extern const RhsCause rhs_causes[];   /* the known causes (SOPS.md), NULL-terminated by code */
typedef struct RhsNew {
  const char *tender_code, *provider, *subject;
  Requester pokja;
} RhsNew;
typedef struct RhsFile { int64_t id, size, created_at; const char *name, *sha256, *created_by; } RhsFile;
typedef struct RhsInfo {
  const char *tender_code, *provider;
  int lpse_opened, lkpp_opened;    /* 1, 0, or -1 when not yet recorded */
  const char *lpse_causes, *lpse_note, *lpse_by, *lkpp_note;
  int64_t lpse_at, request_at, lkpp_at;
  RhsFile *files;
  int nfiles;
  int conclusion;                  /* the statement: 1 opens, 0 does not, -1 not yet known */
} RhsInfo;
/* The Pokja reports a bid file that will not open: an OI-06 case. */
int rhs_open(Db *db, const Actor *who, const RhsNew *in, Case **out, Err *e);
/* Check a report's fields (the tender, the provider, the Pokja member as a case's requester),
** nothing read or written: every one wrong is added to e (ERR_INVALID; ERR_CONFLICT, field sop,
** when the only thing wrong is that the procedure is retired). rhs_open checks them too. */
int rhs_open_check(const RhsNew *in, Err *e);
/* Keep a streamed upload (a temporary file in the data folder) with its SHA-256 and size; the
** first file completes step 1. */
int rhs_store(Db *db, const Actor *who, Case *c, const char *name, const char *tmp_path, int64_t size,
              const char *sha256, RhsFile *out, Arena *a, Err *e);
/* The path of a kept file (for download); ERR_NOTFOUND. */
int rhs_file_path(Db *db, const Case *c, int64_t id, RhsFile *out, char *path, size_t n, Arena *a);
/* The LPSE's own opening test (step 2): opened or not, the causes checked, a note. */
int rhs_test(Db *db, const Actor *who, Case *c, int opened, const char *causes, const char *note, Err *e);
/* The request to LKPP for help (step 3): a disposition to the secretary and an escalation
** (a linked case at the national office, or LKPP's ticket number with the clock paused). */
int rhs_request(Db *db, const Actor *who, const char *tz, const char *national_office, Case *c,
                const char *external_ticket, const char *note, Escalation *out, Arena *a, Err *e);
/* LKPP's result (steps 4–6): opened or not; an open escalation of the case is answered. */
int rhs_result(Db *db, const Actor *who, Case *c, int opened, const char *note, Err *e);
int rhs_get(Db *db, const Case *c, RhsInfo *out, Arena *a);

/* ---- escalation to the national helpdesk (escalate.c) ---- */
extern const char *const escalation_kinds[];   /* permasalahan, usulan, permintaan_layanan */
typedef struct EscalationNew {
  const char *title, *application, *error_code, *tender_code, *kind, *description, *external_ticket;
  const int64_t *attachments;      /* ids of the case's attachments to send */
  int nattachments;
} EscalationNew;
struct Escalation {
  int64_t id, office_id, case_id, national_office_id, created_at, answered_at;
  const char *office_code, *case_number, *national_office_code, *national_case_number;
  const char *title, *application, *error_code, *tender_code, *kind, *description, *attachments;
  const char *mode, *external_ticket, *status, *answer, *answered_by, *created_by;
  int paused;
  int notified;   /* the requester e-mailed by this call (escalation_create, _answer); -1 when read back: not stored */
};
/* Check an escalation's fields against its case (its attachments) and the deployment (LKPP's
** ticket when the national office is not here), nothing written: every one wrong is added to e
** (ERR_INVALID). escalation_create checks them too. */
int escalation_check(Db *db, const char *national_office, const Case *c, const EscalationNew *in, Arena *a, Err *e);
/* Escalate a case. With a national office in this deployment (national_office), a linked case
** opens there (the files copied); otherwise external_ticket is required and the case's clock
** pauses until the answer. The requester is told by e-mail when an address is known. */
int escalation_create(Db *db, const Actor *who, const char *national_office, Case *c, const EscalationNew *in,
                      Escalation *out, Arena *a, Err *e);
/* Enter the answer (from either office); a paused case's clock runs again; the requester is told. */
int escalation_answer(Db *db, const Actor *who, int64_t id, const char *answer, Escalation *out, Arena *a, Err *e);
/* A case closed (case_close_hook_add): the open internal escalations it was opened for are
** answered with its last word (the closing step's note, else its last note), as by hand. */
int escalation_on_close(Db *db, const Actor *who, const Case *c, Err *e);
/* A case reopened (case_reopen_hook_add): held again while an escalation holding it waits. */
int escalation_on_reopen(Db *db, const Actor *who, struct Case *c, Err *e);
/* A case closed or cancelled (case_close_hook_add): a bidding-room visit's provider reported out. */
int bidding_on_close(Db *db, const Actor *who, const Case *c, Err *e);
/* The escalations of a case, from it or to it (a linked case of the national office). */
int escalation_list(Db *db, const Case *c, Escalation **rows, int *n, Arena *a);
/* The escalations of an office still waiting for LKPP's answer, oldest first (at most limit, 1..500). */
int escalation_waiting(Db *db, int64_t office_id, int limit, Escalation **rows, int *n, Arena *a);
int escalation_get(Db *db, int64_t id, Escalation *out, Arena *a);
/* The case on the other side of an escalation, seen from office_id (free with case_free). */
int escalation_other_case(Db *db, const Escalation *x, int64_t office_id, Case **out);
/* JSON: the escalation with the other side's case (number, status, steps with clocks). */
void escalation_json(Buf *b, Db *db, const Escalation *x, int64_t office_id, const char *lang);

#endif
