/*
** mail.h — e-mail out. A change that causes a mail writes it to the outbox table in
** its own transaction (mail_queue); the sender thread of `loket serve` delivers due
** rows through an SMTP relay with libcurl, retrying with backoff, so nothing is lost
** while the relay is down. Templates are Indonesian text files data/mail-NAME.txt, with their
** English data/mail-NAME.en.txt for whom reads English (mail_lang).
*/
#ifndef LOKET_MAIL_H
#define LOKET_MAIL_H
#include "../core/core.h"
#include "../db/db.h"

/* ---- the outbox (outbox.c) ---- */
/* Queue one message inside the caller's transaction (or its own); checks the address.
** *id (may be NULL) gets the outbox row. OK, ERR_INVALID with e set, or ERR_DB. */
int mail_queue(Db *db, const Actor *who, int64_t office_id, const char *to,
               const char *subject, const char *body, int64_t *id, Err *e);
/* Fill template data/mail-NAME.txt: a first line "Subject: ...", a blank line, the body.
** vars are name, value pairs ending with NULL; {{name}} is replaced by its value. An
** unknown template or placeholder is ERR_NOTFOUND / ERR_INVALID (err says which). */
int mail_render(const char *name, const char *const *vars, Buf *subject, Buf *body,
                char *err, size_t errlen);
/* The same in a language: data/mail-NAME.en.txt for lang "en" when there is one, else the Indonesian;
** for "en" a variable "NAME.en", when given, fills {{NAME}} (words said in each language). */
int mail_render_lang(const char *name, const char *lang, const char *const *vars, Buf *subject, Buf *body,
                     char *err, size_t errlen);
/* The language ("id" or "en") a person's mail is written in: their own (a user's users.lang),
** else, when they chose none ("" or NULL), the office's default (loket.conf default_lang). */
const char *mail_lang(const char *lang);

/* Queue the test message (data/mail-test.txt) for the address given, alone or as Name <address>
** (ident_email_typed; the address it is sent to into to): from the office named office_name, the
** time said in its zone tz; audited "mail.queue" as any mail. What `loket mail test` and the
** settings page send. OK, ERR_INVALID with e set (e->field "email": the address), or ERR_DB. */
int mail_queue_test(Db *db, const Actor *who, int64_t office_id, const char *office_name,
                    const char *tz, const char *given, char to[256], int64_t *id, Err *e);
/* Queue again a failed message (id), or every failed one (id 0, at most 512 a call), of one office
** (office_id; 0: of every office, the server's command): due now, its attempts from 0 (the whole
** mail_max_attempts again), its last error kept until the next try; each audited "mail.retry"
** (object outbox/ID) in one transaction. *n gets how many. OK, ERR_NOTFOUND (no such id in that
** office) or ERR_INVALID (sent, or still queued) with e set, or ERR_DB. */
int mail_retry(Db *db, const Actor *who, int64_t office_id, int64_t id, int *n, Err *e);
/* Queue again every failed message of an office (0: of every office), 512 a transaction; *total
** gets how many were queued (those of the transactions that committed). OK or ERR_DB. */
int mail_retry_failed(Db *db, const Actor *who, int64_t office_id, int *total);
/* One outbox row as listed (the strings live until the next row). */
typedef struct OutboxRow {
  int64_t id;
  const char *status;       /* queued, sent or failed */
  int attempts;
  int64_t at;               /* queued: the next attempt; sent: when sent; failed: 0 */
  const char *to, *subject, *last_error;
} OutboxRow;
/* Call each() for the newest outbox rows of office_id (0: every office), newest first, at most
** limit (each() returning non-zero stops). What `loket mail list`, the API and the settings page
** show. OK or ERR_DB. */
int mail_outbox_each(Db *db, int64_t office_id, int limit,
                     int (*each)(void *ctx, const OutboxRow *m), void *ctx);
/* The outbox for /metrics, through the index outbox_due: messages queued, failed, and when the
** oldest queued one was queued (0: none). OK or ERR_DB. */
int mail_outbox_counts(Db *db, int64_t *queued, int64_t *failed, int64_t *oldest_at);
/* Append one outbox row as a JSON object: id, status, attempts, at (ISO 8601, null when none),
** to, subject, last_error. */
void mail_outbox_json(Buf *out, const OutboxRow *m);

/* ---- a message that came in (mime.c) ---- */
/* The value of header `name` in a message's header block, unfolded (at most n-1 bytes); "" when none. */
void mail_header(const char *msg, size_t len, const char *name, char *out, size_t n);
/* Where a message's body starts (after the blank line ending its headers); len when none. */
size_t mail_body_at(const char *msg, size_t len);
/* A header's value with its RFC 2047 encoded-words (=?charset?B|Q?…?=) as UTF-8, into out (at
** most n-1 bytes): white space between two encoded-words dropped, malformed UTF-8 as U+FFFD,
** control characters as spaces. */
void mail_decode_words(const char *in, char *out, size_t n);
/* The text of a message as a person reads it, appended to out (UTF-8): its first text/plain part
** that is not an attachment, decoded (base64, quoted-printable, its charset), else its first
** text/html part without the tags; 0 when it has neither. */
int mail_text(const char *msg, size_t len, Buf *out);
/* 1 when a message was sent by a program and must not be answered (RFC 3834 Auto-Submitted, an
** out-of-office's X-Autoreply, Precedence bulk/junk/auto_reply, a delivery report, MAILER-DAEMON). */
int mail_automatic(const char *msg, size_t len);
/* One part of a message as mail_clean shows it to its judge: the file's name it gives ("" none,
** UTF-8), its Content-Type as written, its bytes decoded (base64, quoted-printable); readable 0
** when it cannot be read as a mail program may (an unknown transfer encoding, a multipart without
** its boundary, two Content-Type headers, parts nested deeper than MAIL_CLEAN_DEPTH). */
typedef struct MailPart { const char *name, *type; const void *data; size_t n; int readable; } MailPart;
/* 1 to keep the part, 0 to leave it out (a part not readable is left out whatever it answers). */
typedef int (*MailJudge)(void *ctx, const MailPart *p);
#define MAIL_CLEAN_DEPTH 8
/* A message (len bytes at msg) appended to out with every part that is a file (any part but the
** text of the message: a text/plain or text/html part naming no file and not an attachment; the
** parts of a multipart and of a message/rfc822 checked within) that judge refuses, or that cannot
** be read, left out: the part's headers but its Content-* ones kept, and its body a text saying in
** Indonesian and English which file Loket left out; the rest byte for byte. The count left out. */
int mail_clean(const char *msg, size_t len, MailJudge judge, void *ctx, Buf *out);
/* A mailbox's name (UTF-8) as IMAP names it, modified UTF-7 (RFC 3501 5.1.3), appended to out;
** ERR_INVALID when it is not well-formed UTF-8 or holds a control character. */
int mail_imap_utf7(const char *name, Buf *out);
/* The same back: a name as IMAP writes it (modified UTF-7) as UTF-8, appended to out; ERR_INVALID
** (nothing appended) when it is not well-formed modified UTF-7. */
int mail_imap_utf7_decode(const char *name, Buf *out);

/* ---- the message and its delivery (sender.c) ---- */
/* The RFC 5322 message: Date, From, To, Subject (RFC 2047 when not ASCII), Message-ID,
** MIME headers, and the body as UTF-8 quoted-printable; CRLF line ends. */
void mail_format(Buf *out, const char *from, const char *to, const char *subject,
                 const char *body, int64_t date, const char *msgid);
/* Append subject as one or more RFC 2047 encoded-words (B, UTF-8) folded per RFC 5322,
** or as is when it is printable ASCII (folded before a space where a line would pass 78). */
void mail_encode_header(Buf *out, const char *z);
/* Append body as quoted-printable with CRLF line ends and lines of at most 76. */
void mail_encode_qp(Buf *out, const char *body);
/* Seconds to wait after the attempts-th failure: base x 2^(attempts-1), at most cap. */
int64_t mail_backoff(int attempts, int base_s, int cap_s);
/* Deliver the due queued rows once (at most max); counts of sent and retried/failed. */
int mail_deliver_due(Db *db, const Config *cfg, int max, int *sent, int *failed);
/* The claims of the mail threads, each signed by its holder (worker_holder): an outbox row's while
** it is sent (next_attempt_at), a mailbox's while it is read (mail_inbox.next_poll_at). */
enum { MAIL_CLAIMS_OUTBOX, MAIL_CLAIMS_INBOX };
/* Make due at once what a process that no longer runs (worker_holder_gone) had claimed of which;
** the count in *n. What the sender's and the mailbox reader's start do. OK or ERR_DB. */
int mail_claims_reclaim(Db *db, int which, int *n);
/* Start the sender thread when smtp_url is set (else log that mail stays queued). */
int mail_sender_start(const Config *cfg);
/* Stop the sender thread (abandoning a transfer in flight, which stays queued) and wait. */
void mail_sender_stop(void);
/* One delivery setting of loket.conf as an administrator sees it. */
typedef struct MailSetting {
  const char *key;          /* its name in loket.conf */
  const char *label;        /* what it is, an English msgid */
  char kind;                /* 's' text, 'i' number, 'b' set or not (the password, never shown) */
  char text[256];
  int64_t num;
} MailSetting;
#define MAIL_SETTINGS 7
/* The delivery settings of cfg, in the order shown: smtp_url (without a user:password@ it may
** hold), smtp_from, smtp_user, smtp_password (set or not), the tries and the retry delays. */
void mail_settings(const Config *cfg, MailSetting out[MAIL_SETTINGS]);

#endif
