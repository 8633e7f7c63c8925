/*
** portal.h — the public portal's service: a requester without an account submits
** a question or problem, which opens a case of the helpdesk procedure (SOP
** 02/LPSE.OI/2012, channel "portal"), and follows it with a private link (a
** random token of which only the SHA-256 is kept) or with the ticket number and
** the e-mail or phone given. Abuse is held off without a captcha: submissions
** are limited per address, a hidden field people leave empty (a honeypot) turns
** robots away, and wrong guesses at tracking slow down per address.
*/
#ifndef LOKET_PORTAL_H
#define LOKET_PORTAL_H
#include "desk.h"
#include "../sop/case.h"

#define PORTAL_SOP "SOP 02/LPSE.OI/2012"
#define PORTAL_SUBMIT_MAX 10            /* submissions per address per window */
#define PORTAL_SUBMIT_WINDOW_S 3600
#define PORTAL_SKM_MAX 60               /* walk-in survey answers per address per window: a kiosk at the counter */
#define PORTAL_TRACK_FREE 3             /* wrong guesses before the delay starts */
#define PORTAL_TRACK_MAX_S 300          /* cap of the growing delay */
#define PORTAL_TRACK_NUMBER_MAX 64      /* characters of a ticket number tracked, */
#define PORTAL_TRACK_CONTACT_MAX 128    /* and of the e-mail or phone given with it */
#define PORTAL_LINK_HOURS 2             /* a link made by tracking with number + contact lasts this long */

/* What the portal's form sends. */
typedef struct PortalNew {
  int64_t office_id;
  const char *name, *email, *phone, *subject, *description;
  const char *honeypot;                 /* the hidden "website" field: people leave it empty */
  const char *file_name;                /* an optional file */
  const void *file_data;
  size_t file_len, file_limit;
  const char *base_url;                 /* "http://host": the links in the e-mail */
  const char *ip;
  const char *lang;                     /* the portal's language as the requester used it: "id" or "en" */
} PortalNew;

/* A ticket: the portal's side of a case. */
typedef struct PortalTicket {
  int64_t id, office_id, case_id, created_at, rated_at;
  int64_t link_expires;                 /* portal_open: when the link it was opened with expires (one made by
                                        ** tracking, PORTAL_LINK_HOURS); 0 for the e-mailed link, which does not */
  const char *number, *name, *email, *phone, *rating_comment;
  const char *lang;                     /* the language of its e-mails: "id" or "en" */
  int rating;                           /* 1..5; 0 when not rated */
} PortalTicket;

/* One message of the public thread between the requester and the helpdesk. */
typedef struct PortalMessage {
  int64_t id, at, attachment_id;
  const char *author;                   /* "requester" | "staff" */
  const char *body, *attachment_name, *by;
} PortalMessage;

/* What the portal says when a service's procedure is retired, before anything is written (msgid). */
#define PORTAL_RETIRED N_("This service cannot be requested through the portal for now: the procedure it follows is not in use. Please contact the office.")
/* OK while the portal may take a request that opens (or books) a case of procedure code; ERR_CONFLICT
** with field sop in the public's words (PORTAL_RETIRED) when the procedure is retired. */
int portal_service_open(const char *code, Err *e);

/* Submit: check (ERR_INVALID naming the field), guard (ERR_THROTTLED with *retry_after;
** ERR_DENIED for the honeypot), open the case, keep the first message and file, queue the
** e-mail. On OK number and token (the private link's secret, 64 hex) are set. */
int portal_submit(Db *db, const PortalNew *in, char number[64], char token[65], int *retry_after, Err *e);
/* Count one submission from ip in portal_guard (the portal's forms and its account requests);
** ERR_THROTTLED with *retry_after seconds past PORTAL_SUBMIT_MAX per PORTAL_SUBMIT_WINDOW_S. */
int portal_guard_submit(Db *db, const char *ip, int64_t now, int *retry_after);
/* Count one walk-in survey answer from ip (its own allowance, a kiosk's tablet being one address):
** ERR_THROTTLED with *retry_after past PORTAL_SKM_MAX per PORTAL_SUBMIT_WINDOW_S. */
int portal_guard_skm(Db *db, const char *ip, int64_t now, int *retry_after);
/* Seconds ip must still wait after its wrong guesses on the portal (a ticket's number and contact,
** a participant's e-mail): doubling from PORTAL_TRACK_FREE up to PORTAL_TRACK_MAX_S; 0: may try. */
int portal_guess_wait(Db *db, const char *ip, int64_t now);
/* Count one wrong guess of ip in its own transaction, audited as action on object in office_id
** (the office whose public page or link was asked: its auditors see the row, other offices' do not). */
int portal_guess_fail(Db *db, int64_t office_id, const char *ip, int64_t now, const char *action, const char *object);
/* Find a ticket by its number and the e-mail or phone given; on OK a new link token lasting
** PORTAL_LINK_HOURS, and the ticket's number as stored in number_out (when not NULL).
** ERR_NOTFOUND on a wrong pair (counted, audited in office_id: the office whose page was asked),
** ERR_THROTTLED while waiting.
** A case the desk opened, tracked for the first time, gets its ticket then, in the language lang
** the portal is used in (unless its requester's language is known: an account request's, a
** verification's), the language of the mails its requester is sent from then on. */
int portal_track(Db *db, int64_t office_id, int64_t now, const char *ip, const char *number, const char *contact,
                 const char *lang, char token[65], char number_out[64], int *retry_after);
/* The ticket and its case behind a link token; ERR_NOTFOUND when unknown or expired. */
int portal_open(Db *db, const char *token, PortalTicket *t, Case **c, Arena *a);
/* The ticket of a case opened through the portal; ERR_NOTFOUND for other cases. */
int portal_of_case(Db *db, int64_t case_id, PortalTicket *t, Arena *a);
/* A case opened from a mail to the help desk's mailbox, in the caller's transaction: a ticket for
** its sender (email, name) in lang, the question's text as the thread's first message, and the
** acknowledgement mailed (data/mail-email-ticket: the ticket's number in its subject, so a reply
** lands on the case, and its private link). Nothing when email is blank. */
int portal_mail_case(Db *db, const Actor *who, const Case *c, const char *name, const char *email, const char *lang,
                     const char *text);
/* Tell the requester of a closed ticket reopened by their mail to the help desk's mailbox that it
** is (data/mail-email-reopened, in the ticket's language), in the caller's transaction. */
int portal_mail_reopened(Db *db, const Actor *who, const PortalTicket *t, const Case *c, Err *e);
/* The ticket of case number of office_id whose requester's e-mail is email (any case): its own,
** or, for a case the desk opened (a call, an e-mail …), one made now inside the caller's
** transaction, as tracking it by number and e-mail does. ERR_NOTFOUND when the case is not this
** address's. A ticket made now is in the language lang (the requester's mail was written in),
** unless its requester's is known (an account request's, a verification's). */
int portal_ticket_by_email(Db *db, int64_t office_id, const char *number, const char *email, const char *lang,
                           PortalTicket *t, Arena *a);
/* The public thread of a ticket, oldest first. */
int portal_messages(Db *db, const PortalTicket *t, PortalMessage **rows, int *n, Arena *a);
/* The requester adds a reply and/or a file (ERR_INVALID naming "body" or "file"); the staff who
** handle the case (notice_case_staff) get a "reply" notice and an e-mail, in the same transaction. */
int portal_reply(Db *db, const PortalTicket *t, Case *c, const char *body, const char *file_name,
                 const void *data, size_t n, size_t limit, const char *ip, Err *e);
/* The same as who: a reply that came by mail to the help desk's mailbox is the actor
** PORTAL_MAIL_ACTOR's (portal_mail_actor), not the portal's. */
int portal_reply_as(Db *db, const Actor *who, const PortalTicket *t, Case *c, const char *body, const char *file_name,
                    const void *data, size_t n, size_t limit, Err *e);
/* The actor of what a case's requester did by mail to the help desk's mailbox (a reply, a
** reopening): PORTAL_MAIL_ACTOR in office_id, no address. */
#define PORTAL_MAIL_ACTOR "mail"
Actor portal_mail_actor(int64_t office_id);
/* The requester rates a closed case once per closing: score 1..5 and a comment (ERR_CONFLICT when
** the case is not closed or this closing was rated). The rating is kept in portal_rating too, where
** it stays when the case is reopened (portal_on_reopen) and the ratings recap counts it. */
int portal_rate(Db *db, const PortalTicket *t, Case *c, int score, const char *comment,
                const char *ip, Err *e);
/* 1 when the requester may reopen the case from the portal (a help desk question or problem). */
int portal_reopenable(const Case *c);
/* The requester reopens a closed case (its last step starts again); the staff member who last
** completed a step of it gets a "reopen" notice and an e-mail, in the same transaction. A case
** open already (a reopen posted twice) is OK with nothing written, *done 0 (1 when reopened now). */
int portal_reopen(Db *db, const PortalTicket *t, Case *c, const char *ip, int *done, Err *e);
/* The same as who (portal_mail_actor for a reopening by mail). */
int portal_reopen_as(Db *db, const Actor *who, const PortalTicket *t, Case *c, int *done, Err *e);
/* One rating given to a ticket (portal_rating), for one of its closings. */
typedef struct PortalRating { int64_t rated_at; int score; const char *comment; } PortalRating;
/* Every rating given to a ticket, the oldest first: after a reopen the earlier ones are history. */
int portal_ratings(Db *db, const PortalTicket *t, PortalRating **rows, int *n, Arena *a);
/* Staff answer the requester in the public thread; the requester is e-mailed. */
int portal_staff_reply(Db *db, const Actor *who, const Case *c, const char *body,
                       const char *base_url, Err *e);
/* The ticket as the requester sees it: number, subject, status, public steps (title,
** standard in words, started_at, due_at, done_at), messages, rating, and what may be done now. */
void portal_json(Buf *b, Db *db, const PortalTicket *t, const Case *c, const PortalMessage *m, int nm,
                 const char *lang);
/* The portal's tracking page of a case's number (filled in) at base ("http://host"; NULL: public_url,
** else where staff reach this server), for e-mail: with &office=CODE when the office is not the
** first, so that the page opens as that office's (its name, its menu). */
const char *portal_track_url(Db *db, const char *base, int64_t office_id, const char *number, Arena *a);
/* Any portal page (path, with its query if any: "/portal/faq/7") of an office at base, as
** portal_track_url makes the tracking page's (&office=CODE when the office is not the first). */
const char *portal_page_url(Db *db, const char *base, int64_t office_id, const char *path, Arena *a);
/* The office a public request is for: the one whose code is given, else the first. */
int portal_office(Db *db, const char *code, Office *o);
/* The title of step no of a case's procedure in a language ("" when unknown). */
const char *portal_step_title(Db *db, const Case *c, int no, const char *lang);
/* The time standard of step no in words in a language, written to out; "" when it has none. */
const char *portal_step_standard(Db *db, const Case *c, int no, const char *lang, char *out, size_t n);

/* For case_close_hook_add: a portal ticket's case closed or cancelled, its requester e-mailed. */
int portal_on_close(Db *db, const Actor *who, const Case *c, Err *e);
/* For case_reopen_hook_add (whoever reopens it): the ticket's rating belongs to the closing it rated;
** the next closing can be rated again (the earlier rating stays in portal_rating). */
int portal_on_reopen(Db *db, const Actor *who, Case *c, Err *e);

#endif
