/*
** http.h — requests, the route table, replies. libmicrohttpd sits behind
** server.c; handlers see only Req and the reply_*() functions.
*/
#ifndef LOKET_HTTP_H
#define LOKET_HTTP_H
#include "../core/core.h"
#include "../db/db.h"
#include <jansson.h>

typedef struct Req Req;
typedef int (*Handler)(Req *r);

/* One line of the route table: method, path pattern (":name" captures a
** segment), handler, and the permission a caller needs ("public": anyone,
** "login": any signed-in user, else a permission of the matrix). */
typedef struct Route {
  const char *method;
  const char *path;
  Handler handler;
  const char *perm;
} Route;

extern const Route routes[];
extern const size_t routes_count;
/* Routes ("METHOD /path/:param") whose multipart body is streamed to disk as it arrives
** (big files: see Field.path), NULL-terminated; each is also a line of routes[]. */
extern const char *const routes_streamed[];

typedef struct Field { const char *name; const char *value; size_t len; const char *filename; size_t cap;
                       const char *path; char sha256[65]; } Field;   /* path: a streamed file on disk (value "") */
typedef struct Header { const char *name; const char *value; } Header;

struct Req {
  Arena arena;
  void *conn;                 /* struct MHD_Connection* */
  Db *db;
  const Config *cfg;
  int64_t t0;                 /* start, in microseconds */
  const char *method;
  const char *path;
  const char *ip;
  int is_api;
  int is_head;
  const Route *route;
  int route_idx;
  const char *pname[8], *pval[8];
  int nparam;

  Buf body;
  size_t too_big;             /* the limit the body went past (0: within every limit) */
  size_t discarded;           /* bytes of body seen, kept or not */
  Field *form;
  int nform, form_parsed;
  json_t *json;
  Err jin;                    /* what jsonin.c found wrong in the body's members, not answered yet */
  int jin_fatal;              /* among them a member of the wrong type or unknown: answered without a service's checks */
  struct Stream *stream;      /* a ROUTE_STREAM upload being written to disk */

  /* who is calling (0 user_id when anonymous) */
  int64_t session_id, user_id, office_id;
  const char *username, *full_name, *office_name, *office_tz;
  const char *portal_query;   /* a public page of an office other than the first: "?office=CODE", which its links keep */
  int64_t portal_office_id;   /* the office of a public page (portal_page_office_set): its contact is in the footer */
  unsigned roles;             /* bitmask of roles held in office_id */
  const char *csrf;           /* the session's CSRF token */
  int must_change_pw;
  int by_token;               /* signed in by an Authorization: Bearer token (a script), not the session cookie */
  const char *lang;           /* "id" or "en" */
  int lang_chosen;            /* by ?lang= or the cookie: wins over the user's setting */
  const char *page_again;     /* the page a refused form shows, when not at the address posted to (the
                              ** form opening a case, posted to /kasus: /kasus/baru?sop=…): where the
                              ** language switch leads back; NULL: the address asked */
  Field *query_over;          /* the query of a page drawn again inside another request (req_page_again): */
  int nquery_over, query_set; /* read instead of the connection's when query_set */
  const Field *kept;          /* what a refused form held, carried by the language switch (form_kept.c) */
  int nkept;
  const char *kept_action;    /* the address that form posts to */
  char nonce[33];             /* CSP nonce of a page (made by page_begin); empty otherwise */

  /* the answer */
  int status;
  const char *ctype;
  Buf out;
  Header hdr[12];
  int nhdr;
  int queued;
  int file_fd;                /* reply_file(): the file sent as the body (-1 or 0 with has_file 0: none) */
  int has_file;
  uint64_t file_size;
  const char *constant;       /* reply_constant(): the static body, sent from a cached response */
  size_t constant_len;
  _Alignas(16) unsigned char arena_mem[4096];   /* the arena's first block: no malloc for most requests */
};

/* ---- server.c ---- */
int  http_serve(const Config *cfg, const char *listen, volatile int *stop);
const char *req_header(Req *r, const char *name);
const char *req_cookie(Req *r, const char *name);
const char *req_query(Req *r, const char *name);
const char *req_param(Req *r, const char *name);     /* a ":name" of the path */
/* ":name" with the rest of the path after it (a code with slashes, taken by routes of more segments) */
const char *req_param_rest(Req *r, const char *name);
const char *req_form(Req *r, const char *name);      /* url-encoded or multipart field */
int req_page_again(Req *r, const char *target);      /* answer as GET target would, in this request */
/* A whole number lo..hi from the query string, def when absent; answers 400 naming it. */
int req_query_int(Req *r, const char *name, int64_t lo, int64_t hi, int64_t def, int64_t *out);
/* A moment from the query string (ISO 8601, or a day in the office's zone; end: the day's
** end); 0 when absent; answers 400 naming it when unreadable. */
int req_query_time(Req *r, const char *name, int end, int64_t *out);
/* The path parameter name as a positive id; 0 when absent or not one. */
int64_t req_param_id(Req *r, const char *name);
/* Today's date (YYYY-MM-DD) in the office of the request. */
const char *req_today(Req *r);
/* A yes/no flag from the query string (1/true/yes/on, 0/false/no/off); 400 otherwise. */
int req_query_flag(Req *r, const char *name, int def, int *out);
/* Only the parameters named in the space-separated list (and lang) in the query string: a
** filter mistyped is refused, 400 naming it, not silently ignored. ERR_INVALID answered. */
int req_query_only(Req *r, const char *names);
/* The query string without the parameter except, names and values URL-encoded again ("?a=1&b=2"; "" when none). */
const char *req_query_except(Req *r, const char *except);
const Field *req_form_field(Req *r, const char *name);
/* The form's fields read (url-encoded or multipart, as r->conn's Content-Type says) and checked:
** the first field not UTF-8 or holding a control character (line breaks and tabs aside in text,
** *why saying which), and the first file field sent twice; NULL when none. */
const char *req_form_bad_text(Req *r, const char **why);
const char *req_form_file_twice(Req *r);
/* A multipart body streamed as it comes (routes_streamed): the file part to a temporary file in
** the data folder's tmp/, hashed; opened on the first call, fed each piece, finished at the end
** (the file's Field gets its path and SHA-256, or no path when it failed), freed after the answer. */
void req_stream_open(Req *r);
void req_stream_feed(Req *r, const char *data, size_t n);
void req_stream_finish(Req *r);
void req_stream_free(Req *r);
void req_set_header(Req *r, const char *name, const char *value);
void req_set_cookie(Req *r, const char *name, const char *value, int max_age_s);
/* Match a path against a route pattern, capturing ":name" segments into r when given. */
int  route_match(Req *r, const char *pat, const char *path);
/* Whether the caller may reach METHOD path (query ignored), by its route's permission. */
int  route_allows(Req *r, const char *method, const char *path);
/* The nearest address at or above path that is a page (that the caller may open, with may_open); "/" when none. */
const char *route_page_above(Req *r, const char *path, int may_open);
/* The CSRF decision: token equal to the expected one, Origin/Referer (if sent) this host. */
int  csrf_check(const char *sent, const char *want, const char *origin, const char *host);
const char *http_accept_lang(const char *h);   /* "id", "en" or NULL: the one an Accept-Language header prefers */

/* ---- reply.c ---- */
void out(Req *r, const char *fmt, ...);
int  reply_json(Req *r, int status, const char *fmt, ...);
int  reply_text(Req *r, int status, const char *ctype, const char *body, size_t n);
/* An answer that is always the same bytes (body must be static): each thread builds
** its response once, with every header, and sends it again (as MHD intends). */
int  reply_constant(Req *r, int status, const char *ctype, const char *body, size_t n);
int  reply_redirect(Req *r, const char *location);
/* The bytes already in r->out as a file to save: Content-Type ctype, Content-Disposition
** attachment with the name (RFC 6266: an ASCII filename and the UTF-8 filename*). */
int  reply_download(Req *r, int status, const char *ctype, const char *name);
/* A file on disk as a download (sent from the file, not read into memory); 404 when it
** cannot be opened. */
int  reply_file(Req *r, const char *path, const char *ctype, const char *name);
int  path_is_local(const char *z);   /* a same-site path fit for Location */
/* An error: JSON {"error":{code,message,field}} for the API, a page for people. */
int  reply_error(Req *r, int status, const char *code, const char *field, const char *message);
/* As reply_error, the message (a static msgid, one "%d") saying the number n (a limit), and "limit": n. */
int  reply_error_n(Req *r, int status, const char *code, const char *field, const char *message, int n);
/* The errors of e as reply_error answers one (fallback the message when e has none): the first as
** "field" and "message" ("limit" when it says one), and in the API all of them in
** "fields":[{"field","message"}] when several. */
int  reply_errors(Req *r, int status, const char *code, const Err *e, const char *fallback);
/* As reply_error, the first error of e alone (its field, message, number and text; fallback when none). */
int  reply_error_e(Req *r, int status, const char *code, const Err *e, const char *fallback);
/* As reply_error, the API's also listing lines[0..n) in "lines" and in "more_lines" how many more there were. */
int  reply_error_lines(Req *r, int status, const char *code, const char *field, const char *message,
                       char *const *lines, int n, int more);
/* 400 "invalid" naming a field: "FIELD message" (msgid translated); gives ERR_INVALID. */
int  reply_invalid(Req *r, const char *field, const char *msgid);
/* As reply_invalid, the msgid (one "%d") saying the number n (a limit), and "limit": n. */
int  reply_invalid_n(Req *r, const char *field, const char *msgid, int n);
/* Retry-After: seconds (at least 1). */
void req_retry_after(Req *r, int seconds);
/* 429 "throttled" with Retry-After: seconds (at least 1); msgid translated. */
int  reply_throttled(Req *r, int seconds, const char *msgid);
/* 503 saying why storage failed (a DB_FAULT_ of db.h: the database unreachable or busy, the
** disk full, the database read-only), with Retry-After. */
int  reply_fault(Req *r, int fault);
int  http_status_of(int rc);      /* ERR_* → HTTP status */
const char *http_code_of(int rc); /* ERR_* → error code word */
/* The web layer installs the page that wraps an error message for people. */
typedef void (*ErrorPage)(Req *r, int status, const char *code, const char *message);
void reply_set_error_page(ErrorPage fn);

/* ---- json input (jsonin.c): strict, naming every member that is wrong ---- */
/* A jin_* that takes a member notes what is wrong with it (absent when required, too long, out of
** range, of the wrong type) in r->jin and gives OK, so the next member is checked too; jin_done
** answers them all at once (400 "invalid": the first as field/message, all in "fields"). A body
** that is not an object (jin_object) is answered at once, and a jin_* gives ERR_INVALID only then.
** A member with a problem is read as absent (NULL, n=-1, *out kept) until then. */
/* Parse the body as one JSON object; on failure the 400 is already answered. */
int  jin_object(Req *r);
int  jin_patch(Req *r);               /* a PATCH body: null members read as "" (remove) */
/* Take a string member; required or not, at most maxlen characters; NULL when absent. */
int  jin_str(Req *r, const char *key, int required, size_t maxlen, const char **out);
int  jin_bool(Req *r, const char *key, int *out);          /* absent leaves *out */
int  jin_strlist(Req *r, const char *key, const char ***out, int *n);
int  jin_int(Req *r, const char *key, int64_t lo, int64_t hi, int64_t *out);  /* absent: *out kept */
int  jin_intlist(Req *r, const char *key, int lo, int hi, int **out, int *n); /* absent: n=-1 */
/* Every member not in allowed is unknown: answer every problem noted (unknown ones too), if any. */
int  jin_done(Req *r, const char *const *allowed);
/* The same two for a nested object o, its members named prefix.key in errors; jin_members_known
** notes the unknown ones (answered by jin_done or jin_known). */
int  jin_member(Req *r, json_t *o, const char *prefix, const char *key, int required, size_t maxlen, const char **out);
int  jin_members_known(Req *r, json_t *o, const char *prefix, const char *const *allowed);
/* Note what the handler itself finds wrong in a member (msgid: a phrase about the field, "must be …",
** or a whole text); fatal: its type or shape (not a value a service's check could judge too). */
void jin_note(Req *r, const char *field, const char *msgid, int fatal);
/* As jin_done, but problems only about values (absent, too long, out of range) are left noted,
** for jin_answer to say with what the service's own check finds (a type or an unknown member is
** answered now). */
int  jin_known(Req *r, const char *const *allowed);
/* Problems noted (jin_known left): 1 when there are some. */
int  jin_pending(const Req *r);
/* Answer the problems noted with those of also (a service's check of the same input; NULL: none),
** the JSON layer's first: ERR_INVALID; OK when none is noted. */
int  jin_answer(Req *r, const Err *also);
/* No body, or {}: for actions that take no input; 400 otherwise. */
int  jin_empty(Req *r);

/* ---- accesslog.c: one line per request, written in batches ---- */
void accesslog_open(int fd);
void accesslog_printf(const char *fmt, ...);
void accesslog_flush(void);
void accesslog_close(void);

/* ---- metrics.c ---- */
void metrics_init(size_t nroutes);
void metrics_record(int route_idx, const char *method, int status, int64_t us);
void metrics_write(Req *r);
void metrics_active(int delta);
int  metrics_active_now(void);

/* ---- i18n: the catalog text of msgid in the request's language ---- */
const char *T(Req *r, const char *msgid);
/* T() with the number n put in place of the message's "%d" (a limit; n 0: T() as it is). */
const char *T_n(Req *r, const char *msgid, int n);
/* T_n, and the text s in place of the message's "%s" (s NULL: left as it is). */
const char *T_s(Req *r, const char *msgid, int n, const char *s);
/* An error as said to people: its message translated, its number and text (Err's n and arg) in place. */
const char *T_item(Req *r, const ErrItem *it);
/* The first error of e as T_item says it (NULL when e holds none). */
const char *T_err(Req *r, const Err *e);

/* "http(s)://host" for absolute links in e-mail and QR codes: loket.conf's public_url, else the Host header. */
const char *req_base_url(Req *r);
/* req_base_url for a page or mail of office_id (the portal's, whoever asks): the office's own public_url first. */
const char *req_office_base_url(Req *r, int64_t office_id);
/* A size for people: "512 B", "12 KiB", "3.4 MiB" (in the request's arena). */
const char *req_size_text(Req *r, int64_t n);
/* Why an upload was refused, for people: ERR_TOOBIG naming the attachment limit, ERR_TYPE
** naming the type found (when known) and the types accepted; NULL for other codes. */
const char *req_upload_refusal(Req *r, int rc, const char *mime);
/* Why a .rhs bid file is not a case's attachment, and where it goes: the .rhs page of the case
** (number: an OI-06 case's; its API path when api), else an .rhs report; 0 when name is no .rhs. */
const char *req_rhs_refusal(Req *r, const char *name, const char *number, int api);

#endif
