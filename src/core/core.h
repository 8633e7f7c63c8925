/*
** core.h — the ground floor of Loket: memory, buffers, the escaping printf
** engine, time and dates, logging, configuration, random tokens and hashes,
** reading CSV.
** Nothing here knows about HTTP, SQL or the procedures.
*/
#ifndef LOKET_CORE_H
#define LOKET_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

#define LOKET_VERSION "0.1.0"

/* Status codes returned by functions across the layers. */
enum {
  OK = 0,
  ERR_INVALID = 1,     /* bad input: a field is missing or wrong */
  ERR_NOTFOUND = 2,
  ERR_DENIED = 3,      /* permission */
  ERR_CONFLICT = 4,    /* unique key, state that forbids the change */
  ERR_LOCKED = 5,      /* account locked */
  ERR_THROTTLED = 6,   /* too many attempts: wait */
  ERR_AUTH = 7,        /* wrong credentials */
  ERR_DB = 8,          /* storage failed */
  ERR_IO = 9,
  ERR_TOOBIG = 10,
  ERR_TYPE = 11,       /* a kind of content that is not accepted (an upload's type) */
};

/* What went wrong with an input: the field and a message (an English msgid that
** the reply translates), and a number the message says (n, its "%d": a limit; 0 when it says
** none; only a static msgid carries one), and a text it says (arg, its "%s": what it names, a
** procedure's code and title; kept in the error itself, so it lives as long as the error, cut on
** a character's boundary past ERR_ARG bytes). field/msg/n/arg hold the first error; a validator
** that checks independent fields goes on after one is wrong and adds the others (err_add) to
** more[], so a form marks every wrong field at once. What the message says is put in place when
** it is translated: T_err/T_item (a page or reply), err_en (a log or the CLI). */
struct Arena;
/* every field of the longest form checked at once: the paper SKM questionnaire's 16 (day, sop, u1..u9, the profile's four, suggestion) */
#define ERR_MORE 15
/* The bytes arg holds: the text, its NUL, the text in English (when it has its own), its NUL. */
#define ERR_ARG 240
typedef struct ErrItem { const char *field, *msg; int n; char arg[ERR_ARG]; } ErrItem;
typedef struct Err {
  const char *field;
  const char *msg;
  int n;                     /* the number msg says in its "%d" (0: none) */
  char arg[ERR_ARG];         /* the text msg says in its "%s" ("": none), then its English form ("": the same) */
  int nmore;                 /* errors after the first, in more[] */
  ErrItem more[ERR_MORE];
} Err;
/* Say which field is wrong and why, the only error (e may be NULL when the caller does not ask). */
static inline void err_set(Err *e, const char *field, const char *msg){
  if( e ){ e->field = field; e->msg = msg; e->n = 0; e->arg[0] = e->arg[1] = 0; e->nmore = 0; }
}
/* As err_set, the message (a static msgid holding one "%d") saying the number n (a limit). */
static inline void err_set_n(Err *e, const char *field, const char *msg, int n){
  err_set(e, field, msg);
  if( e ) e->n = n;
}
/* Put text (and text_en, how it is said in English when that differs; NULL: the same) in arg, each cut
** on a character's boundary (with "…") when arg cannot hold it all. */
void err_arg_put(char arg[ERR_ARG], const char *text, const char *text_en);
/* As err_set, the message (a static msgid holding one "%s") saying text (copied into e). */
void err_set_s(Err *e, const char *field, const char *msg, const char *text);
/* As err_set_s, the text said text_en in English (a thing's name that has both: a procedure's title). */
void err_set_s_en(Err *e, const char *field, const char *msg, const char *text, const char *text_en);
/* How many errors e holds (0: none). */
static inline int err_count(const Err *e){
  return e && e->msg ? 1 + e->nmore : 0;
}
/* The i-th error of e (0: the first), i < err_count(e). */
static inline ErrItem err_item(const Err *e, int i){
  if( i==0 ){ ErrItem it = { e->field, e->msg, e->n, {0} }; memcpy(it.arg, e->arg, ERR_ARG); return it; }
  return e->more[i-1];
}
/* The message about field in e (NULL field: an error naming none), or NULL. */
const char *err_about(const Err *e, const char *field);
/* Add an error to those e holds: the first one when it holds none; a field already named (or a
** message already given without a field) keeps its first message; past ERR_MORE more, dropped. */
void err_add(Err *e, const char *field, const char *msg);
/* As err_add, the message (a static msgid holding one "%d") saying the number n (a limit). */
void err_add_n(Err *e, const char *field, const char *msg, int n);
/* As err_add, the message (a static msgid holding one "%s") saying text, text_en in English (NULL: the same). */
void err_add_s(Err *e, const char *field, const char *msg, const char *text, const char *text_en);
/* As err_add, the error it (its message, number and text) under field (NULL: its own). */
void err_add_item(Err *e, const char *field, const ErrItem *it);
/* The error of e about field (NULL field: one naming none); msg NULL when there is none. */
ErrItem err_find(const Err *e, const char *field);
/* The text the error it says in its "%s", in lang ("en": its English form when it has one); NULL when none. */
const char *err_arg(const ErrItem *it, const char *lang);
/* A message (translated or English) with its number n put in place of its first "%d" (n 0: left
** as it is) and the text s in place of its first "%s" (s NULL: left as it is), in one pass (what s
** says is not read again), in buf of size bytes; what a message said to people is made of. */
const char *err_fill(const char *msg, int n, const char *s, char *buf, size_t size);
/* The first error of e said in English (its number and text in place), in a buffer of the thread's
** (one of four, turn about: for the CLI's and logs' lines); NULL when e holds none. */
const char *err_en(const Err *e);
/* The error it said in English as err_en says one. */
const char *err_en_item(const ErrItem *it);
/* Add every error of from to e (a sub-check's errors to its caller's). */
void err_merge(Err *e, const Err *from);
/* Put prefix before (or, with strip, take it off) the field of every error that has (lacks) it. */
void err_prefix(Err *e, const char *prefix, int strip, struct Arena *a);
/* Call the field from (in every error that names it) to, as the caller's form or request names it. */
void err_rename(Err *e, const char *from, const char *to);
/* How err_check_text takes a text: it must be given (not blank); it may hold line breaks and tabs. */
#define TEXT_REQUIRED 1
#define TEXT_LINES    2
/* Check a text people type (at most max characters, UTF-8, no control character: one line of
** plain text unless TEXT_LINES, which lets line breaks and tabs in), adding what is wrong with it
** to e under field (a text too long said with max, e's n): ERR_INVALID then, else OK. Every
** validator of typed text calls it. */
int err_check_text(Err *e, const char *field, const char *z, size_t max, int how);
#define ERR_SET(e, f, m) err_set((e), (f), (m))

/* Marks an English msgid that is translated later (by T() or reply_error()). */
#define N_(s) (s)

#define COUNT(a) (sizeof(a)/sizeof((a)[0]))
#define UNUSED(x) ((void)(x))

/* ---- memory (mem.c) ---- */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *z);

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena { ArenaBlock *head; size_t total; ArenaBlock *first; } Arena;
void arena_init(Arena *a);
void arena_init_with(Arena *a, void *mem, size_t n);
void *arena_alloc(Arena *a, size_t n);
char *arena_strdup(Arena *a, const char *z);
char *arena_strndup(Arena *a, const char *z, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...);
/* Room for one more element of an arena array of n (doubling when full; *cap its capacity). */
void *arena_grow(Arena *a, void *arr, size_t elem, int n, int *cap);
void arena_free(Arena *a);

/* ---- the difference of two texts, line by line (diff.c) ---- */
/* One line of a difference: kept (' '), taken out ('-') or put in ('+'); its text (len bytes, no
** '\n') and its number in the old and the new text (0: not in it). */
typedef struct DiffLine { char op; const char *z; int len, old_no, new_no; } DiffLine;
/* The most cells (lines × lines, after the common start and end) diff_lines compares: 16 MB of them. */
#define DIFF_MAX_CELLS (4.0*1024*1024)
/* The difference from x to y in *out (in a): every line of either once, in order; the count, or -1
** when the texts differ in too many lines to compare (DIFF_MAX_CELLS). */
int diff_lines(Arena *a, const char *x, size_t nx, const char *y, size_t ny, DiffLine **out);

/* ---- growable byte buffer (buf.c) ---- */
typedef struct Buf { char *z; size_t n; size_t cap; } Buf;
#define BUF_INIT {0,0,0}
void buf_reserve(Buf *b, size_t n);   /* room for n more bytes */
void buf_grow(Buf *b, size_t n);      /* room for n more bytes and a NUL (what the appends below call when full) */
/* Append n bytes (inline: every printer appends many short pieces). */
static inline void buf_append(Buf *b, const void *p, size_t n){
  if( n==0 ) return;
  if( b->n + n + 1 > b->cap ) buf_grow(b, n);
  memcpy(b->z + b->n, p, n);
  b->n += n;
  b->z[b->n] = 0;
}
/* Append a NUL-terminated string (NULL appends nothing). */
static inline void buf_puts(Buf *b, const char *z){
  if( z ) buf_append(b, z, strlen(z));
}
/* Append one character. */
static inline void buf_putc(Buf *b, char c){
  if( b->n + 2 > b->cap ) buf_grow(b, 1);
  b->z[b->n++] = c;
  b->z[b->n] = 0;
}
void buf_printf(Buf *b, const char *fmt, ...);
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
const char *buf_str(Buf *b);          /* NUL-terminated view; "" when empty */
void buf_reset(Buf *b);
void buf_free(Buf *b);
/* Append a string literal (its length known when compiled). */
#define BUF_LIT(b, lit) buf_append((b), "" lit, sizeof(lit) - 1)

/* ---- the printf engine (fmt.c) ----
** Besides the usual conversions:
**   %h  HTML-escaped text          %t  URL-component-escaped text
**   %j  JSON string body, escaped  %J  JSON string with quotes, or null for NULL
**   %R  raw trusted markup (already escaped output of this engine)
** %s is kept for logs and terminal text; the checker in `make test` refuses %s in
** any format that builds HTML, JSON or SQL. */
void fmt_vappend(Buf *b, const char *fmt, va_list ap);
void fmt_html(Buf *b, const char *z, size_t n);
void fmt_url(Buf *b, const char *z, size_t n);
void fmt_json(Buf *b, const char *z, size_t n);
void fmt_json_value(Buf *b, const char *z);   /* %J: z quoted and escaped, or null */
void fmt_int(Buf *b, long long v);            /* %lld */

/* ---- time and dates (time.c) ---- */
int64_t time_now(void);             /* seconds since the epoch */
int64_t time_now_us(void);          /* microseconds, monotonic only for deltas */
void time_set_fake(int64_t t);      /* tests: freeze the clock (0 = real time) */
/* Fixed offsets of Indonesia's zones; no daylight saving. */
int tz_offset_minutes(const char *tz);   /* "WIB" 420, "WITA" 480, "WIT" 540; -1 unknown */
/* "20 November 2026, 14.30 WIB" (lang "id") or "20 November 2026, 14:30 WIB" ("en"). */
void time_fmt_human(char *out, size_t n, int64_t t, const char *tz, const char *lang);
void time_fmt_human_at(char *out, size_t n, int64_t t, const char *tz, const char *lang, int secs);   /* to the second when secs */
void time_fmt_date(char *out, size_t n, int64_t t, const char *tz, const char *lang);   /* "20 November 2026" */
/* The month holding t: "Mei 2026" ("May 2026"); abbrev: "Agu 2026" ("Aug 2026"). */
void time_fmt_month(char *out, size_t n, int64_t t, const char *tz, const char *lang, int abbrev);
/* The day of t in short, without the year: "5 Agu" ("5 Aug"). */
void time_fmt_day_short(char *out, size_t n, int64_t t, const char *tz, const char *lang);
/* A day written YYYY-MM-DD as people here write it ("20 November 2026"); the text itself when it is not one. */
void time_fmt_day(char *out, size_t n, const char *day, const char *lang);
/* A "YYYY-MM-DD" day or "YYYY-MM" month in words, in one of these styles; other text as it is. */
enum { TIME_YMD_DATE, TIME_YMD_DAY_SHORT, TIME_YMD_MONTH, TIME_YMD_MONTH_SHORT };
void time_fmt_ymd(char *out, size_t n, const char *ymd, const char *lang, int style);
/* A span: "1 Desember 2026, 08.00–12.00 WIB" within a day, else "… WIB – 2 Desember 2026, 12.00 WIB". */
void time_fmt_span(char *out, size_t n, int64_t from, int64_t to, const char *tz, const char *lang);
void time_fmt_iso(char *out, size_t n, int64_t t);   /* 2026-11-20T07:30:00Z */
/* An instant as a JSON value into b: "2026-11-20T07:30:00Z", or null for none (0) or never (INT64_MAX). */
void time_json(Buf *b, int64_t t);
int64_t time_days_from_civil(int64_t y, int m, int d); /* days since 1970-01-01 (proleptic Gregorian) */
void time_civil_from_days(int64_t day, int *y, int *m, int *d);
int  time_year(int64_t t, const char *tz);          /* the calendar year of t in zone tz */
int  time_month(int64_t t, const char *tz);         /* its month, 1-12 */
int  time_parse_iso(const char *z, int64_t *out);    /* inverse of time_fmt_iso */
/* Midnight at the start of a "YYYY-MM-DD" day in an Indonesian zone. */
int  time_parse_day(const char *z, const char *tz, int64_t *out);
/* 1 when z is a real calendar day written YYYY-MM-DD. */
int  time_is_day(const char *z);
/* "YYYY-MM-DD" of instant t in an Indonesian zone (WIB when unknown). */
void time_day_text(char out[11], int64_t t, const char *tz);

/* ---- logging (log.c) ---- */
void log_info(const char *fmt, ...);
void log_warn(const char *fmt, ...);
void log_error(const char *fmt, ...);
void log_set_quiet(int quiet);
void log_line(int fd, const char *line, size_t n);  /* one write(), for access logs */

/* ---- counters for /metrics (stat.c): per process, since it started ---- */
enum {
  STAT_SIGNIN_PASSWORD,      /* a sign-in refused: wrong name or password */
  STAT_SIGNIN_LOCKED,        /* a sign-in refused: the account is locked */
  STAT_SIGNIN_THROTTLED,     /* a sign-in refused: too many failures, wait */
  STAT_LOCKOUTS,             /* an account locked by its failed sign-ins */
  STAT_PORTAL_SUBMIT_LIMITED,/* a portal submission refused by its address's limit */
  STAT_PORTAL_TRACK_LIMITED, /* a portal tracking guess refused: wait */
  STAT_PORTAL_SKM_LIMITED,   /* a walk-in survey answer refused by its address's own limit */
  STAT_DB_UNAVAILABLE,       /* a request answered 503 by storage fault, per kind */
  STAT_DB_BUSY,
  STAT_DB_DISK_FULL,
  STAT_DB_READ_ONLY,
  STAT_SLA_WARNINGS,         /* notices the SLA watcher (and its hooks) sent */
  STAT_SLA_BREACHES,
  STAT_COUNT
};
void     stat_add(int which, int n);
uint64_t stat_get(int which);

/* ---- configuration (config.c) ---- */
typedef struct Config {
  char listen[128];          /* "127.0.0.1:8080" */
  int threads;               /* HTTP thread pool size */
  size_t body_limit;         /* bytes for JSON and url-encoded bodies */
  size_t upload_limit;       /* bytes for multipart bodies */
  size_t attachment_limit;   /* bytes of one case attachment (the upload_limit applies first) */
  int session_idle_min;      /* idle expiry */
  int session_max_hours;     /* absolute expiry */
  int login_delay_after;     /* failures before the growing delay starts */
  int login_lock_after;      /* failures of one account that lock it */
  int login_addr_delay_after;/* failures from one address before its delay starts */
  int login_delay_max_s;     /* cap of the growing delay */
  int secure_cookies;        /* 1: always Secure; 0: only when the proxy says https */
  int trust_proxy;           /* honour X-Forwarded-For / X-Forwarded-Proto */
  char access_log[256];      /* "-" stderr, "off", or a path */
  char default_lang[8];      /* "id" or "en" */
  char smtp_url[256];        /* "smtp://relay:25"; empty: no sending, mail stays queued */
  char smtp_from[256];       /* the sender: "loket@lpse.example.go.id" or "Name <addr>" */
  char smtp_user[128];       /* optional; when set, TLS is required */
  char smtp_password[128];
  int mail_max_attempts;     /* failed after this many tries */
  int mail_retry_base_s;     /* first retry delay; doubles per attempt */
  int mail_retry_max_s;      /* cap of the retry delay */
  int mail_poll_s;           /* how often the sender looks for due mail */
  int sla_warn_percent;      /* a step's warning goes out at this share of its standard */
  int sla_poll_s;            /* how often the SLA watcher looks at the open steps */
  char sla_supervisor_roles[128]; /* who gets a breach notice: role names, comma-separated */
  char national_office[32];  /* code of the office that is the national helpdesk (LKPP) here; empty: none */
  size_t bid_file_limit;     /* bytes of one streamed upload (.rhs bid files), written to disk as it comes */
  char db[512];              /* the database: empty for DIR/loket.db (SQLite), or postgresql://… */
  char db_replica[512];      /* a PostgreSQL streaming replica for report reads, or empty */
  int db_replica_max_lag_s;  /* reports read from the primary when the replica lags more */
  int db_busy_timeout_s;     /* a write waits at most this long for a lock another process holds */
  char public_url[256];      /* "https://lpse.example.go.id": the base of every link in e-mail and QR codes; empty: the Host header */
  char metrics_allow[256];   /* who may read /metrics by address: IPv4 addresses and a.b.c.d/n ranges, comma-separated; empty: none */
  char metrics_token[128];   /* or by "Authorization: Bearer" with this token (16+ characters); empty: no token */
  int metrics_cache_s;       /* /metrics reads the database at most once per this many seconds (0: every scrape) */
} Config;
void config_defaults(Config *c);
/* Parse "key = value" lines; on error returns ERR_INVALID with "line N: what" in err. */
int config_parse(Config *c, const char *text, char *err, size_t errlen);
int config_load(Config *c, const char *path, char *err, size_t errlen);
/* OK when v is "IPv4:PORT", "[IPv6]:PORT" (or "localhost:PORT") with a port 1..65535 (0, a free
** port, only when zero_ok: tests ask for one); else ERR_INVALID with the reason in err. */
int config_listen_check(const char *v, int zero_ok, char *err, size_t errlen);
/* Whether v is a list of IPv4 and IPv6 addresses and ranges (a.b.c.d, a.b.c.d/n, ::1, fd00::/8,
** comma- or space-separated; empty is a list of none), for metrics_allow; a message naming the
** wrong entry in err. */
int config_addr_list_check(const char *v, char *err, size_t errlen);
/* 1 when ip (IPv4, IPv6, or IPv4-mapped IPv6 taken as its IPv4) is one of the list's addresses or
** in one of its ranges. */
int config_addr_listed(const char *list, const char *ip);
/* Every setting with its default, commented out (the file `loket init` writes). */
void config_template(Buf *out);
/* 1 while smtp_from is still an address of this machine only (the default loket@localhost):
** taken, but no relay outside delivers for it and no reply reaches it. */
int  config_from_local(const Config *c);
/* The public_url of the running server (set once at start; "" when not configured): the base of
** the absolute links services put in e-mail when no request is at hand. */
void config_public_url_set(const char *url);
const char *config_public_url(void);
/* loket.conf's default_lang of the running server, for the background jobs' mail ("id" until set). */
void config_default_lang_set(const char *lang);
const char *config_default_lang(void);
/* Without public_url: remember base ("http(s)://host[:port]") as where people reach this server
** — the listen address at start, then the Host of signed-in staff's pages; a loopback address
** never replaces another. */
void config_seen_url(const char *base);
/* Set the base of links mailed outside a request (`loket serve`, and the commands that mail:
** `sla run`, `verification watch`): public_url, else the listen address ("host:port"; this
** machine's name for 0.0.0.0) as config_seen_url() takes it, with a note in the log. */
void config_links_init(const Config *cfg, const char *listen);
/* The base of absolute links mailed outside any request (the monthly report): public_url, else
** the address people were last seen to reach this server at, else "". */
void config_link_base(char *out, size_t n);

/* ---- tokens and hashes (util.c) ---- */
int  util_init(void);                                  /* libsodium */
void util_random_token(char *out, size_t nbytes);      /* nbytes random → 2n hex + NUL */
void util_nonce(char out[33]);                         /* cheap per-response nonce */
void util_sha256_hex(char out[65], const void *p, size_t n);
int  util_ct_equal(const char *a, const char *b);      /* constant-time string compare */
/* url as it may be shown or logged: scheme://user:password@host… keeps its user with the password
** as "…" (keep_user), or loses both (not keep_user); a url without them is copied as it is. */
void util_url_shown(const char *url, int keep_user, char *out, size_t n);
int  util_password_hash(char out[128], const char *pw);
int  util_password_verify(const char *hash, const char *pw);
void util_random_password(char *out, size_t len);      /* human-typable */
int  util_str_eq(const char *a, const char *b);        /* NULL-safe strcmp()==0 */
int  util_blank(const char *z);                        /* NULL, "" or only white space */
/* An address links start with: "" (none), or http(s)://host[:port][/path] without spaces, quotes,
** ?, # or \, copied to out without its trailing slashes; OK or ERR_INVALID. */
int  util_url_base(const char *v, char *out, size_t n);
int  util_digits(const char *z, int n);                /* value of n digits at z; -1 when one is not a digit */
int  util_is_digits(const char *z, size_t n);          /* z is exactly n ASCII digits */
/* An IPv4 ("10.0.0.5") or IPv6 ("fd00::5", "[::1]") address as 16 bytes in out, an IPv4 one as
** ::ffff:a.b.c.d (*v4 set, when v4 is given, for it and for ::ffff:a.b.c.d written so); OK or ERR_INVALID. */
int  util_ip_parse(const char *z, unsigned char out[16], int *v4);
/* An address written the one way into out: an IPv4 one (or IPv4-mapped ::ffff:a.b.c.d) dotted,
** an IPv6 one as inet_ntop writes it (no brackets); OK or ERR_INVALID. */
int  util_ip_text(const char *z, char *out, size_t n);
/* The address every limit on attempts (signing in, the portal's submissions and wrong guesses,
** verification bookings) counts by, into out: an IPv4 address as util_ip_text writes it, an IPv6 one as its /64 ("2001:db8:1:2::/64": one site's network, where
** every machine has many addresses); anything else as it is. */
void util_ip_block(const char *ip, char *out, size_t n);
int  util_has_control(const char *z, int allow_lines); /* a C0 (line breaks "\n", "\r\n" and tabs allowed or not), DEL or C1 control */
int  util_in_list(const char *const *list, const char *z); /* z is one of the NULL-ended list */
int  util_has_word(const char *z, const char *w);   /* w is a word of z (spaces or commas between) */
const char *util_word_value(const char *const *pairs, const char *z); /* the value of a spreadsheet's word in word,value pairs */
void util_decimal1(char *out, size_t n, double v, int point);   /* "4,5" ("4.5" with point) */
void util_decimal(char *out, size_t n, double v, int decimals, int point);   /* util_decimal(…, 81.25, 2, 0): "81,25" */
void util_thousands(char *out, size_t n, int64_t v, int point);   /* 1500000: "1.500.000" ("1,500,000" with point) */
size_t util_utf8_len(const char *z);                   /* characters (UTF-8 code points); NULL: 0 */
int  util_utf8_seq(const char *z, size_t n);           /* length of the well-formed UTF-8 sequence at z, 0: none */
int  util_utf8_bad_line(const char *z, size_t n);      /* 0: well-formed UTF-8; else the line of the first bad byte */
int  util_utf8_file(const char *text, size_t n, const char *lang, char *err, size_t errlen); /* the same, the line said in err in lang */
int64_t util_id(const char *z);                        /* a positive id from text; 0 when not one */
char *util_trim(char *z);
const char *util_trim_copy(const char *z, char *out, size_t n);   /* trimmed copy, or z when too long */
char *util_first_line(const char *z, size_t max, Arena *a);
char *util_utf8_prefix(const char *z, size_t n, Arena *a);
/* A copy in a of z of at most n (>0) characters: a longer one cut to n-1 and ending in "…". */
char *util_utf8_cut(const char *z, size_t n, Arena *a);
size_t util_utf8_whole(const char *z, size_t n);    /* n less a last character cut short */   /* a copy cut to at most n characters */   /* its first line with words, trimmed, at most max bytes */
int  util_file_read(const char *path, Buf *out);
int  util_mkdir_p(const char *path);
int  util_file_move(const char *from, const char *to);   /* rename(), or copy+sync+rename across file systems */
/* A copy in the making is named with the id of its process (a backup's FILE.part-PID, the web's
** .backup-PID-…): remove such files of folder dir, named prefix then that id, that a process
** killed meanwhile left there: its process gone, or (an id may be reused) this process's own id
** (call it before making one), or older than max_age_s. Each logged; the count removed. */
int  util_sweep_stale(const char *dir, const char *prefix, int64_t max_age_s);
#define UTIL_STALE_S 86400   /* a copy in the making older than a day is left by a process cut short */

/* ---- reading CSV (csv.c): the imports' one reader ---- */
/* One row of a CSV file: its fields (NULL for a blank or comment line), how many, and the file
** line it begins on (a quoted field may hold line breaks). */
typedef struct CsvRow { char **f; int n, line; } CsvRow;
enum {
  CSV_TRIM = 1,       /* blanks around a field (and before its opening quote) do not count */
  CSV_COMMENTS = 2,   /* a line whose first character other than a blank is '#' is a comment */
  CSV_OTHER_SEP = 4,  /* the separator csv_parse would not choose (a second reading of a file it guessed wrong) */
};
/* Parse CSV text (a byte-order mark skipped; ',' or ';': ';' when the first line of data has
** semicolons and no commas outside quotes) into rows in a, one per line or more; ERR_INVALID
** with *error (an English msgid) and *errline (the line where it went wrong) when unreadable. */
int csv_parse(const char *text, size_t n, int flags, CsvRow **rows, int *nrows, Arena *a,
              const char **error, int *errline);

/* ---- files compiled into the binary (build/embedded.c, made by scripts/embed.sh) ---- */
typedef struct Embedded { const char *name; const unsigned char *data; size_t len; } Embedded;
const Embedded *embed_find(const char *name);
extern const Embedded embedded_files[];
extern const size_t embedded_count;

/* ---- translations (i18n.c): gettext .po catalogs po/id.po and po/en.po ---- */
int  i18n_load(char *err, size_t errlen);
const char *i18n_get(const char *lang, const char *msgid);
/* A language as stored with what is written to a person: "en" for "en", "id" for anything else. */
const char *i18n_lang(const char *lang);
int  i18n_known(const char *msgid);

#endif
