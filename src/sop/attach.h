/*
** attach.h — notes and attachments of a case. Files are kept in the database
** (case_attachment.data) with their SHA-256 and size; their type is what libmagic
** finds in the content, never what the client says. Every change is audited in
** its own transaction ("case.attach", "case.note").
*/
#ifndef LOKET_ATTACH_H
#define LOKET_ATTACH_H
#include "../core/core.h"
#include "../db/db.h"
#include "case.h"

/* One attachment as listed (data only from attach_get()). */
typedef struct Attachment {
  int64_t id, size, created_at;
  const char *name, *mime, *sha256, *created_by;
} Attachment;

/* One note of a case; step_no 0 when it is about the case as a whole. */
typedef struct Note {
  int64_t id, created_at;
  int step_no;
  const char *body, *created_by;
} Note;

#define NOTE_MAX_CHARS 4000
#define ATTACH_NAME_MAX 255
/* The longest extension a name cut to ATTACH_NAME_MAX keeps (the dot included). */
#define ATTACH_EXT_MAX 16

/* Open libmagic and load its database once (serve calls it at start; later calls
** return at once). ERR_IO with the reason in err when the database cannot be loaded. */
int  attach_init(char *err, size_t errlen);
/* Close libmagic (at shutdown, after the HTTP threads have stopped). */
void attach_shutdown(void);
/* The MIME type libmagic finds in the bytes ("application/pdf") into out; OK, or
** ERR_IO when libmagic is not available. Safe from any thread (one handle, a mutex). */
int  attach_detect(const void *p, size_t n, char *out, size_t outn);
/* 1 when a file of the detected type, under that name, is accepted: PDF, PNG, JPEG and
** the OOXML documents under a name with one of their endings or none (a PDF named .bat
** or .hta is run when opened), plain text and CSV only under a text name, and
** application/zip only for a name ending .docx, .xlsx or .pptx. */
int  attach_type_ok(const char *mime, const char *name);
/* The file-name endings a file field offers (its accept attribute): what attach_type_ok() takes. */
#define ATTACH_ACCEPT ".pdf,.png,.jpg,.jpeg,.txt,.csv,.docx,.xlsx,.pptx"
/* The name kept for an upload: its last path segment, control characters and bad
** UTF-8 replaced, at most ATTACH_NAME_MAX bytes (a longer one cut before its extension, which
** is kept); "lampiran" when nothing is left. */
const char *attach_clean_name(const char *name, Arena *a);

/* A file left out of a message (attach_mail_safe): its name as the message gives it ("-" none), the
** type libmagic found in it ("" when it was not read), why (a msgid holding two "%s": name, type). */
typedef struct MailLeftOut { const char *name, *type, *why; } MailLeftOut;
#define ATTACH_LEFT_OUT_MAX 20   /* the left-out files named, at most (all are left out) */
/* The message (len bytes at msg) as staff may open it, in out: every part that is a file checked as
** an upload is (attach_type_ok on what libmagic finds, under its name; a message inside the message
** checked through), one that would be refused, or cannot be read, left out (mail_clean: a text
** says which, in its place); the left-out files in *left (in a), their count in *n. Staff open an
** .eml in their mail program: a file it holds is one click away, so none is kept that an upload
** would not be. */
void attach_mail_safe(const char *msg, size_t len, Buf *out, MailLeftOut **left, int *n, Arena *a);

/* Add a file to a case. *out (strings in a) on OK. ERR_INVALID: empty (field "file");
** ERR_TOOBIG: more than limit bytes; ERR_TYPE: a type not accepted (out->mime says which), or an
** e-mail (.eml) holding a file that is not (attach_mail_safe would leave one out);
** ERR_CONFLICT: the case is archived. */
int attach_add(Db *db, const Actor *who, const Case *c, const char *name, const void *data, size_t n,
               size_t limit, Attachment *out, Arena *a, Err *e);
/* One attachment of a case with its bytes appended to data (when not NULL); ERR_NOTFOUND when none. */
int attach_get(Db *db, const Case *c, int64_t id, Attachment *out, Buf *data, Arena *a);
/* The attachments of a case, oldest first. */
int attach_list(Db *db, const Case *c, Attachment **rows, int *n, Arena *a);

/* Add a note to a case, about one of its recorded steps (step_no > 0) or the whole case (0).
** ERR_INVALID naming "body" or "step"; ERR_CONFLICT when the case is archived. */
int note_add(Db *db, const Actor *who, const Case *c, int step_no, const char *body, Note *out,
             Arena *a, Err *e);
/* The notes of a case, oldest first. */
int note_list(Db *db, const Case *c, Note **rows, int *n, Arena *a);

/* JSON of the stable surface: {id, name, mime, size, sha256, created_at, created_by}
** and {id, step, body, created_at, created_by}. */
void attach_json(Buf *b, const Attachment *x);
void note_json(Buf *b, const Note *x);

#endif
