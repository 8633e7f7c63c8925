/*
** sop.h — procedures as data: the parser and validator of sop/NAME.sop files
** (docs/sop-format.md), their time standards, and the library of procedures
** compiled into the binary, stored in the database by revision.
*/
#ifndef LOKET_SOP_H
#define LOKET_SOP_H
#include "../core/core.h"
#include "standard.h"
#include "../db/db.h"

/* ---- time standards (`time:` and the TIME of a `task`) ---- */
/* StdKind and Standard: standard.h */

/* The events a case supplies, that standards may name; NULL-terminated. */
extern const char *const sop_events[];
/* Parse a time standard; OK, or ERR_INVALID with the reason in *why (an English msgid,
** static: i18n_get says it in a language). */
int sop_standard_parse(const char *z, Standard *s, const char **why);
/* The kind as a word for JSON: "none", "real", "office", "workdays_before", "after_event". */
const char *sop_standard_kind(StdKind k);
/* The standard in words, lang "id" ("25 menit jam kerja") or "en" ("25 minutes of office time"). */
void sop_standard_text(const Standard *s, const char *lang, char *out, size_t n);

/* ---- one procedure (procedure.c) ---- */
typedef struct StrList { const char **v; int n, cap; } StrList;
int strlist_has(const StrList *l, const char *z);   /* z is one of its strings */

typedef struct Task {
  const char *text;
  Standard std;
  int line;
  const char *json[2];   /* its fixed part in a case's JSON, "text":…,"standard":… (0 id, 1 en) */
} Task;

#define STEP_END 0       /* a next/yes/no that leads to the end */
#define STEP_UNSET (-1)  /* next not given: the following step, or the end after the last */
#define STEP_BACK (-2)   /* a decision's yes or no that goes back to the step that led to it (the one that failed) */

/* The registers a step may write. */
extern const char *const sop_registers[];

typedef struct Step {
  int no, line;                    /* the step's number and the line of its `step N` */
  const char *text, *text_en, *output, *notes, *question, *question_en, *time;
  StrList actors;                  /* role names, or "requester" */
  Standard std;
  StrList items, registers;
  StrList items_en;                /* the items in English, in their order (none, or one each) */
  Task *tasks;
  int ntasks, tasks_cap;
  int next, yes_to, no_to;         /* where it leads: a step number or STEP_END; next may be STEP_UNSET */
  int pause, outside;              /* booleans */
  /* its fixed part in a case's JSON (0 id, 1 en): "title":…,"actor":[…],"decision":…,
  ** "pause":…,"standard":…, written once when the procedure is parsed */
  const char *json[2];
} Step;

typedef struct Procedure {
  const char *file;                /* as given to the parser, for messages */
  const char *kept_file;           /* the stored file name it is kept under (sop_load), whose short name it
                                   ** keeps when its own gives another or none; NULL: its own */
  const char *code, *title, *title_en, *issuer, *revision, *effective, *purpose;
  const char *channel;              /* how a case of it usually comes (case_channels), NULL: not said */
  const char *slug;                /* the code fit for a URL path: other than A-Z a-z 0-9 . _ - becomes - */
  int code_line;                   /* the line of `code:` in the file, for messages */
  StrList basis, qualification, equipment, record, related, warning, note;
  Step *steps;
  int nsteps, steps_cap;
  const char *text;                /* the source text, NUL-terminated */
  size_t len;
  char sha256[65];                 /* of the source text */
  int64_t id;                      /* the stored revision's row (0 when not stored) */
  int revision_no;                 /* 1, 2, … as stored (0 when not stored) */
  const char *source;              /* "built-in" (the binary's file) or "loaded" (by an administrator); NULL when not stored */
  int64_t loaded_at;               /* when the revision was stored (0 when not stored) */
  Arena arena;                     /* every string above lives here */
} Procedure;

/* Parse and validate a procedure file. On OK *out is the procedure (free it with
** procedure_free()); else *out is NULL and every error was appended to errs as a
** line "FILE:LINE: message" (the message in English: the command line's, the log's). *nerr (may be
** NULL) gets the number of errors. */
int procedure_parse(const char *file, const char *text, size_t len, Procedure **out, Buf *errs, int *nerr);
/* As procedure_parse, each message in lang ("id" or "en": the reader's, as a page or the API says it);
** the file name and the line as procedure_parse writes them. */
int procedure_parse_lang(const char *file, const char *text, size_t len, const char *lang, Procedure **out, Buf *errs,
                         int *nerr);
/* As procedure_parse, for a text stored in the database: a rule added since it was stored (a control
** character within a line) does not take a revision away from the cases open under it. */
int procedure_parse_stored(const char *file, const char *text, size_t len, Procedure **out, Buf *errs, int *nerr);
void procedure_free(Procedure *p);
/* Where a step leads when done: its next (STEP_UNSET resolved), or STEP_END. */
int procedure_next(const Procedure *p, const Step *s);
/* The step numbered no, or NULL. */
const Step *procedure_step(const Procedure *p, int no);
/* 1 when the times of step no (p may be NULL) are said to the second: its standard is seconds or a
** few minutes (STD_TO_SECOND). */
int procedure_step_secs(const Procedure *p, int no);
/* The events a new case of p must give ("training_start, training_end" into out; "" none); the count. */
int procedure_events_needed(const Procedure *p, char *out, size_t n);
/* The steps that lead straight to s (where a "back" of s may return), at most max; the count. */
int procedure_back_targets(const Procedure *p, const Step *s, int *out, int max);
/* The procedure as one JSON object (the stable surface of GET /api/v1/sops), the
** standards in words in lang ("id" or "en"). */
void procedure_json(Buf *b, const Procedure *p, const char *lang);

/* ---- the library (library.c) ----
** Procedures are shared by every office: they are the national/unit SOPs loaded
** from files, so their rows carry no office_id. Each distinct text of a file is
** one revision; a case keeps the revision (procedure.id) it started under. The
** CURRENT revision of a code is its latest stored one: a file compiled into the
** binary, or one an administrator loaded into the running Loket (sop_load). */
/* Load every embedded sop/NAME.sop; with a database, store each whose text differs from the last
** the binary brought (a new revision, with an audit row), then serve the latest stored revision of
** every code. Errors, as "FILE:LINE: message" lines, go to errs: a file that does not load is left
** out (its code's latest stored revision served instead when there is one), the others load; OK
** unless the database fails. */
int sop_library_load(Db *db, Buf *errs);
/* The same of the files given (sop/NAME.sop among them; others are passed over). */
int sop_library_load_files(Db *db, const Embedded *files, size_t nfiles, Buf *errs);
/* One procedure file's text to load: its name (for messages, and kept without its folders). */
typedef struct SopText { const char *name; const char *text; size_t len; } SopText;
/* Check, store (the new texts, as who) and serve procedure files: all or none, the errors in lang. out[i]: file i's current
** revision, the library's; stored[i]: 1 when a revision was added. OK, ERR_INVALID (errs: every
** "FILE:LINE: message"), ERR_DB. */
int sop_load(Db *db, const Actor *who, const char *lang, const SopText *files, int n, Buf *errs, const Procedure **out,
             int *stored);
/* The next error sop_load wrote in errs for the file name: *z its place (start at the text of errs),
** *line the line it names (0: none), msg and len its message. 1 while there is one, 0 at the end. */
int sop_error_next(const char *name, const char **z, int *line, const char **msg, int *len);
/* The longest procedure file taken through the API and the page (bytes). */
#define SOP_TEXT_MAX (512*1024)
/* Serve the database's latest revisions when procedure's highest id changed since the library was read
** (another process or node loaded one). OK or ERR_DB. */
int sop_library_refresh(Db *db);
/* The thread of `loket serve` that calls sop_library_refresh every SOP_REFRESH_S seconds. */
#define SOP_REFRESH_S 2
int sop_watch_start(void);
void sop_watch_stop(void);
/* A stored revision (procedure.id) parsed from its stored text (messages name file, else the file it
** was stored from, else its code), its id, revision_no, source and loaded_at set; NULL when not found
** or not parsing (logged). Free it. */
Procedure *sop_stored_parse(Db *db, int64_t id, const char *file);
/* Store one procedure, loaded by who (NULL: built-in, from the binary): sets p->id and p->revision_no,
** adding a revision when its text is new (loaded: unlike the current revision's; built-in: unlike the
** last the binary brought). *stored (unless NULL): 1 when one was added. */
int sop_store(Db *db, Procedure *p, const Actor *who, int *stored);
/* 1 when p cannot sit in one library beside other (the same code, or codes that make the same
** address), the error said in errs (unless NULL) as "FILE:LINE: message" in lang ("id" or
** "en"); 0 when they can. */
int sop_clash(const Procedure *p, const Procedure *other, const char *lang, Buf *errs);
/* The procedure of that code (or that slug; else either in any case; else its short name, OI-02 or
** BTG-017, see sop_short_is), or NULL. */
const Procedure *sop_library_find(const char *code);
int sop_short_is(const Procedure *p, const char *z);
size_t sop_short_name(const Procedure *p, char *out, size_t n);   /* OI-02, BTG-017; 0: none */
int sop_library_count(void);
const Procedure *sop_library_at(int i);   /* by code */
void sop_library_json(Buf *b, const char *lang);
/* 1 when the procedure of that code is retired (taken out of service): no new case opens under it;
** the cases open under it run to their end. Read from the database with the revisions. */
int sop_retired(const char *code);
/* Add to e the refusal of a new case under the retired procedure of that code (field sop, ERR_CONFLICT's
** words): it names the procedure by its code and title, the title in the reader's language. */
void sop_retired_add(Err *e, const char *code);
/* Retire (retire 1) or restore (0) the procedure of that code as who, audited (sop.retire, sop.restore),
** served at once; *out the procedure, *changed 0 when it already was so. OK, ERR_NOTFOUND, ERR_DB. */
int sop_retire(Db *db, const Actor *who, const char *code, int retire, const Procedure **out, int *changed);
/* One stored revision of a procedure, as sop_revisions lists it. */
typedef struct SopRevision {
  int64_t id, loaded_at;
  int no, open_cases, current;     /* open_cases: open cases under it; current: the one new cases follow */
  const char *source, *file, *sha256;
  const char *by;                  /* who loaded it; NULL: built-in, or not known */
} SopRevision;
/* The stored revisions of the procedure of that code, oldest first (in a), with the cases open under
** each (of office_id; 0: every office). OK, ERR_NOTFOUND, ERR_DB. */
int sop_revisions(Db *db, const char *code, int64_t office_id, Arena *a, SopRevision **out, int *n);
/* Revision no's stored text, byte for byte, appended to text; *file (in a; unless NULL) the name it was
** stored from, *id (unless NULL) its row. OK, ERR_NOTFOUND, ERR_DB. */
int sop_revision_text(Db *db, const char *code, int no, Buf *text, Arena *a, const char **file, int64_t *id);
/* Those revisions of p as {"code","slug","retired","revisions":[…]} (the API's and `sop revisions --json`). */
void sop_revisions_json(Buf *b, const Procedure *p, const SopRevision *v, int n);
void sop_library_free(void);

#endif
