/*
** desk.h — the services: offices, users and roles, sign-in and sessions, the
** permission matrix. (The procedures' services join them: helpdesk, guest
** book, verification, accounts, training.) No HTML and no HTTP here.
*/
#ifndef LOKET_DESK_H
#define LOKET_DESK_H
#include "../core/core.h"
#include "../db/db.h"
#include "../sop/role.h"
#include "../sop/org.h"     /* Office, User and their lookups */
#include "../core/ident.h"

/* ---- the permission matrix (perm.c); the roles are in sop/role.h ---- */
int  perm_load(const char *text, char *err, size_t errlen);
int  perm_known(const char *perm);
int  perm_allows(unsigned roles, const char *perm); /* also "public" and "login" */
unsigned perm_holders(const char *perm);           /* the roles holding perm */
/* Every permission of the matrix, in file order: for listings and tests. */
int  perm_count(void);
const char *perm_name(int i);
unsigned perm_roles(int i);

/* ---- offices (office.c; the lookups are in sop/org.h) ---- */
int office_create(Db *db, const Actor *who, const char *code, const char *name, const char *tz,
                  int64_t *id, Err *e);
/* office_create with the address its people reach it at (public_url as office_update takes it;
** NULL or "": loket.conf's); every field wrong named at once in e. */
int office_create_with(Db *db, const Actor *who, const char *code, const char *name, const char *tz,
               const char *public_url, int64_t *id, Err *e);
/* office_create_with by a signed-in user (who->user_id), who is given the admin role in the new
** office in the same transaction (audited "user.roles"), so that someone administers it. */
int office_create_by(Db *db, const Actor *who, const char *code, const char *name, const char *tz,
                     const char *public_url, int64_t *id, Err *e);
/* Check an office's name and time zone (either may be NULL: not checked), adding what is wrong
** with each to e; *tz becomes the zone's name as stored. Nothing read. */
int office_check(const char *name, const char **tz, Err *e);
/* Rename an office, change its time zone or its address (public_url: http(s)://host[:port][/path],
** "" for loket.conf's; NULL: unchanged); audited "office.update". What differed from before in
** *changed (when not NULL): OFFICE_NAME | OFFICE_TZ | OFFICE_URL; 0 (nothing written, no audit
** row) when the office was already so. */
enum { OFFICE_NAME = 1, OFFICE_TZ = 2, OFFICE_URL = 4 };
int office_update(Db *db, const Actor *who, int64_t office_id, const char *name, const char *tz,
                  const char *public_url, int *changed, Err *e);
/* Set the contact the public sees of an office (phone: an Indonesian number, stored as ident_phone
** writes it; email: an address ident_email takes, alone or as Name <address>
** (ident_email_typed: the address stored); address: up to OFFICE_ADDRESS_MAX characters, lines
** allowed; "" clears one, NULL leaves it), every field wrong named at once and nothing written;
** audited "office.contact". What differed in *changed (when not NULL): OFFICE_PHONE | OFFICE_EMAIL |
** OFFICE_ADDRESS; 0 (nothing written) when the office was already so. */
enum { OFFICE_PHONE = 8, OFFICE_EMAIL = 16, OFFICE_ADDRESS = 32 };
#define OFFICE_ADDRESS_MAX 300
int office_contact_update(Db *db, const Actor *who, int64_t office_id, const char *phone, const char *email,
                          const char *address, int *changed, Err *e);
/* office_update and office_contact_update in one transaction, as the settings page, PATCH /api/v1/office
** and `loket office set` change them (NULL leaves a field): every field wrong of both named at once
** (the name and the phone), nothing written then; what changed in *changed and *contact. */
int office_settings_update(Db *db, const Actor *who, int64_t office_id, const char *name, const char *tz,
                           const char *public_url, const char *phone, const char *email, const char *address,
                           int *changed, int *contact, Err *e);
/* Whether an office's administrator may take a copy of the whole database from the server:
** only on SQLite (PostgreSQL has pg_dump), and only when the database holds this one office
** (a copy would hold the others' data too). OK, or ERR_CONFLICT with e saying why and what to
** use instead. */
int office_backup_check(Db *db, Err *e);
/* Copy the database (SQLite's online backup, as `loket backup`: one consistent snapshot) into a
** new file in the data folder, path (n bytes) for the caller to send and remove, and audit
** "office.backup" (its size) in its transaction; no file is left when it fails. */
int office_backup(Db *db, const Actor *who, int64_t office_id, char *path, size_t n, Err *e);
/* The data folder's copies for download are named OFFICE_BACKUP_PREFIX, this process's id, "-…":
** at the start of serve (before any is made) those a killed server left are removed, logged;
** the count. */
#define OFFICE_BACKUP_PREFIX ".backup-"
int office_backup_sweep(void);

/* ---- users (user.c; the lookups are in sop/org.h) ---- */
typedef struct UserNew {
  int64_t office_id;
  const char *username, *full_name, *email, *password;
  const char *const *roles;
  int nroles;
  int must_change_pw;
} UserNew;
/* A login name: 3 to 32 of a-z 0-9 . _ -, starting with a letter, not a reserved word (baru, and the
** actors that are no one's: system, portal, mail, anonymous). ERR_INVALID naming "username". */
int user_validate_username(const char *z, Err *e);
int user_validate_password(const char *pw, const char *username, Err *e);
int user_validate_email(const char *z, Err *e);
int user_create(Db *db, const Actor *who, const UserNew *u, int64_t *id, Err *e);
int user_set_password(Db *db, const Actor *who, int64_t id, const char *pw, int must_change, Err *e);
int user_change_own_password(Db *db, const Actor *who, const char *old_pw, const char *new_pw, Err *e);
/* One's own language: "id", "en", or "" for the office's default; audited. */
int user_set_own_lang(Db *db, const Actor *who, const char *lang, Err *e);
int user_set_disabled(Db *db, const Actor *who, int64_t id, int disabled, int *changed, Err *e);
/* What user_unlock() changed: the lock lifted, or (not locked) the failed sign-ins counted
** against the account cleared; 0: nothing was to lift, nothing written. */
enum { USER_UNLOCKED = 1, USER_FAILURES_CLEARED = 2 };
int user_unlock(Db *db, const Actor *who, int64_t id, int *changed);
/* The office in which an administrator sets a user's roles: the one of code (another office of the
** server: ERR_DENIED unless who holds user.admin there too), else here (NULL or ""). */
int user_roles_office(Db *db, const Actor *who, const char *code, int64_t here, Office *o, Err *e);
int user_set_roles(Db *db, const Actor *who, int64_t id, int64_t office_id,
                   const char *const *roles, int nroles, Err *e);
/* *changed (may be NULL): 0 when name and e-mail were already so (nothing written). */
int user_update(Db *db, const Actor *who, int64_t id, const char *full_name, const char *email, int *changed, Err *e);
/* The roles as "a, b, c" (for lists and the audit detail). */
void roles_text(unsigned roles, Buf *out);

/* ---- sign-in and sessions (auth.c) ---- */
typedef struct Session {
  int64_t id, user_id, office_id;
  char csrf[65];
  char username[64], full_name[512], office_name[512], tz[8], lang[8];   /* names: 127 characters of up to 4 bytes */
  unsigned roles;
  int must_change_pw;
} Session;
typedef struct LoginResult {
  char token[65];         /* the secret handed to the client */
  char csrf[65];          /* the new session's CSRF token (a page drawn in the sign-in's answer) */
  int retry_after;        /* seconds, with ERR_THROTTLED */
  int64_t user_id;
} LoginResult;
/* The longest username and password a sign-in takes, in characters: longer is no account's
** (usernames have 3 to 32, passwords at most 128) and is refused as input, not tried. */
#define AUTH_USERNAME_MAX 64
#define AUTH_PASSWORD_MAX 256
/* Check a password with throttling and locking; on OK a new session exists. ERR_INVALID (nothing
** counted nor audited) for a username or password past AUTH_*_MAX. */
int auth_login(Db *db, const Config *cfg, const char *username, const char *password,
               const char *ip, const char *agent, const char *kind, LoginResult *res);
/* The live session of a token, refreshing its idle clock; ERR_NOTFOUND when none. */
int auth_session(Db *db, const Config *cfg, const char *token, const char *kind, Session *s);
int auth_logout(Db *db, const Actor *who, int64_t session_id);
/* Move a session to another office where its user holds a role; ERR_DENIED when none. */
int auth_switch_office(Db *db, const Actor *who, int64_t session_id, int64_t office_id);
/* Sessions not yet expired at now, web and api (index session_expiry; an idle one counts until it
** is found idle): for /metrics. */
int auth_sessions_count(Db *db, int64_t now, int64_t *web, int64_t *api);
/* End every session of a user (on disable, password reset). */
int auth_end_sessions(Db *db, int64_t user_id);
/* A name no account has is forgotten once quiet this long: its failures counted from 0 again. */
#define AUTH_UNKNOWN_KEEP_S (30*86400)
/* Delete the names no account has whose last failure is older than AUTH_UNKNOWN_KEEP_S before
** now (index login_unknown_age), audited with how many when any; *pruned how many (may be 0). */
int auth_unknown_prune(Db *db, int64_t now, int *pruned);

/* ---- user listing (userlist.c) ---- */
#define USER_LIST_MAX 500
/* One line of a user list: the account and the roles held in the listed office. */
typedef struct UserRow {
  int64_t id, office_id, last_failed_at, created_at;
  const char *username, *full_name, *email;   /* in the caller's arena */
  int disabled, locked, must_change_pw, failed_count;
  unsigned roles;
} UserRow;
/* Users of an office (their home office, or they hold a role there), by username.
** q matches within username or name, ignoring case; state is "", "active", "disabled"
** or "locked" (a disabled account counts as disabled only). At most limit rows
** (1..USER_LIST_MAX). */
int user_list(Db *db, int64_t office_id, const char *q, const char *state, int limit,
              UserRow **rows, int *n, Arena *a);
/* Whether an administrator working in office_id may change the whole account of u (name,
** e-mail, state, password): only in the user's home office. Roles held in office_id may be
** set from any office the user belongs to. OK or ERR_DENIED. */
int user_account_scope(const User *u, int64_t office_id);

/* ---- audit listing (auditlist.c) ---- */
/* Which audit rows to list: those of one office and the system rows (office 0). */
typedef struct AuditFilter {
  int64_t office_id;
  const char *actor;        /* exact username; NULL or "" for any */
  const char *action;       /* exact, or a prefix when it ends in '.' or '*' ("user.", "user.*") */
  const char *object;       /* exact, or a prefix when it ends in '*'; NULL or "" for any */
  int object_within;        /* set: object is text anywhere within the object (the web page's search) */
  int64_t from, to;         /* from <= at < to, in epoch seconds; 0 leaves that end open */
  int64_t before;           /* only ids below this (keyset paging); 0 from the newest */
  int limit;                /* 1..1001 */
} AuditFilter;
/* One audit row, its text in the caller's arena. */
typedef struct AuditRow {
  int64_t id, office_id, at;
  const char *actor, *action, *object, *detail, *ip;
} AuditRow;
/* The matching audit rows, newest first, at most f->limit. */
int audit_list(Db *db, const AuditFilter *f, AuditRow **rows, int *n, Arena *a);
/* audit_list's query: ?1 office, ?2 actor, ?3 action and ?4 object LIKE patterns (NULL for any),
** ?5 from, ?6 to (0 for open), ?7 the id to list below (the largest from the newest), ?8 limit. The
** id bound is a range of the rowid, so a later page starts at its place instead of reading every
** newer row again (20 ms at the middle of a million rows). */
#define AUDIT_SQL_LIST \
  "SELECT id, office_id, at, actor, action, object, detail, ip FROM audit" \
  " WHERE office_id IN (?1, 0)" \
  "   AND (?2 IS NULL OR actor=?2)" \
  "   AND (?3 IS NULL OR action LIKE ?3 ESCAPE '\\')" \
  "   AND (?4 IS NULL OR object LIKE ?4 ESCAPE '\\')" \
  "   AND (?5=0 OR at>=?5) AND (?6=0 OR at<?6) AND id<?7" \
  " ORDER BY id DESC LIMIT ?8"

/* ---- the registers the SOPs keep (register.c) ---- */
enum { REG_GUEST_BOOK, REG_AGENDA, REG_DISPOSITION, REG_CONSULTATION, REG_HANDOVER, REG_ARCHIVE,
       REG_COUNT };
/* How a field is read, checked and shown. */
enum {
  RF_TEXT,     /* one line */
  RF_LONG,     /* several lines (items handed over: one per line) */
  RF_TIME,     /* a moment: ISO 8601, or YYYY-MM-DDTHH:MM / YYYY-MM-DD in the office's zone */
  RF_DATE,     /* a day, YYYY-MM-DD */
  RF_PHONE,    /* an Indonesian phone number (ident_phone), kept as written */
  RF_CASE,     /* a case number as plain text (checked against the cases later) */
  RF_USER,     /* a username of the office */
  RF_ROLE,     /* a role name */
  RF_AGENDA,   /* an agenda number of the office, stored as the entry's id */
  RF_CONTACT,  /* an e-mail address or an Indonesian phone number, or both ("0812…, a@b.id") */
};
enum { RF_OPTIONAL, RF_REQUIRED, RF_DEFAULT };  /* RF_DEFAULT: now, or the actor, when empty (an
                                                ** archive's retain_until: register_retain_default) */
#define REG_FIELDS_MAX 10
/* What a register says of an entry it does not have (a msgid): one message for the API and the pages. */
extern const char register_missing_msg[];
/* One field of a register: its name (JSON member, form field, column), label and rules. */
typedef struct RegField {
  const char *name;
  const char *label;   /* msgid */
  int kind, need, maxlen;
  int state;           /* 1: set by the register's action, not when the entry is made */
} RegField;
/* One register: its address, audit name, title, number prefix and action. */
typedef struct Register {
  int id;
  const char *slug;           /* "guest-book": in addresses */
  const char *name;           /* "guest_book": in audit objects and the counter */
  const char *title;          /* msgid */
  const char *prefix;         /* "AG" for AG-2026-0001; NULL when not numbered */
  const char *action;         /* "depart", "done", "destroy"; NULL when none */
  const char *action_label;   /* msgid of the action's button */
  const RegField *fields;
  int nfields;
  const char *pending;        /* the list filter of entries the action is still to do for: its
                              ** query parameter ("open", the archive's "due"); NULL when none */
  const char *pending_label;  /* msgid: what that list is ("Not yet left") */
  const char *one;            /* msgid: one entry's kind, before its number ("Handover form ST-2026-0001") */
} Register;
/* One entry, its text in the caller's arena; fields by the register's order. */
typedef struct RegEntry {
  int64_t id, created_at;
  const char *number, *created_by;    /* number "" when not numbered */
  const char *created_by_name;        /* who wrote it: their full name ("" when none) */
  const char *v[REG_FIELDS_MAX];      /* text of each field ("" when empty; RF_TIME: "") */
  int64_t t[REG_FIELDS_MAX];          /* RF_TIME fields: epoch seconds, 0 when empty */
  const char *who[REG_FIELDS_MAX];    /* RF_USER fields: the user's full name; RF_AGENDA: the letter's
                                      ** sender ("" when none) */
  int due;                            /* archive: retention ended and not destroyed */
} RegEntry;
/* What a listing is asked for. */
typedef struct RegFilter {
  int64_t office_id;
  const char *q;          /* text within the register's text fields, ignoring case */
  int64_t from, to;       /* from <= the entry's date < to; 0 leaves that end open */
  int due;                /* 1 only what the action is still to do for (a guest not yet left, a
                          ** disposition not done, an archived file due for destruction), 2 only
                          ** what not, 0 all */
  const char *today;      /* YYYY-MM-DD in the office's zone: decides "due" */
  int64_t before;         /* only ids below this (keyset paging); 0 from the newest */
  int limit;              /* 1..REG_LIST_MAX */
} RegFilter;
#define REG_LIST_MAX 1001
#define REG_SEARCH_MAX 128   /* the characters of a register's search text (the page's input, its check, the API's) */
/* The values given for a new entry, by field index; NULL when not given. */
typedef struct RegInput { const char *v[REG_FIELDS_MAX]; } RegInput;

const Register *register_at(int i);
/* The register a procedure's `register:` names ("guest_book"); NULL when none. */
const Register *register_named(const char *z);
/* The index of the field named z in register g; -1 when none. */
int register_field(const Register *g, const char *z);
/* v cut to the length (in characters) of field name of g: what a case or a verification brings
** to a register (a long agency or company name) must not stop the step that writes it. */
const char *register_fit(const Register *g, const char *name, const char *v, Arena *a);
/* The register of an address slug ("guest-book"); NULL when none. */
const Register *register_find(const char *slug);
/* A moment as a register's times are written: ISO 8601, or YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD
** in the zone tz. ERR_INVALID when it is none of those. */
int register_parse_time(const char *z, const char *tz, int64_t *out);
/* Today's date (YYYY-MM-DD) at t in an office's zone. */
void register_today(char out[11], int64_t t, const char *tz);
/* Take the next number of a register for the office and year ("AG-2026-0001"): call inside
** the write transaction of the entry, so numbers have no gap and no duplicate. */
int register_number(Db *db, int64_t office_id, const Register *g, int year, int month, char *out, size_t n);
/* Check and add an entry in who->office_id; the audit row in the same transaction.
** On ERR_INVALID e names the field. */
int register_add(Db *db, const Actor *who, const Register *g, const char *tz, const RegInput *in,
                 int64_t *id, Err *e);
/* Check the values of an entry (name/value pairs as register_add_kv takes them) as register_add
** does, every field wrong named in e, without the database (a case number, a username or an
** agenda entry is not looked up); nothing read or written. */
int register_check_kv(const Register *g, const char *tz, const char *const *kv, Err *e);
/* register_add with the values as name/value pairs ending with a NULL name (a NULL value is
** not given); the entry's number, when the register numbers, into num (may be NULL). */
int register_add_kv(Db *db, const Actor *who, const Register *g, const char *tz, const char *const *kv,
                    int64_t *id, char *num, size_t nnum, Err *e);
/* Correct an entry of who's office: the fields given in `in` (NULL: kept; empty: cleared, or kept
** when filled by default) are checked as a new entry's, only what changes held to the rules of
** time; audited "register.edit" with each old and new value (nothing changed: nothing written).
** The moment the register's action recorded (left_at, done_at, destroyed_at) is corrected the
** same way once recorded (not cleared, not to come, not before the entry's own moment).
** ERR_NOTFOUND when the office has no such entry; ERR_INVALID with every wrong field in e. */
int register_edit(Db *db, const Actor *who, const Register *g, const char *tz, int64_t id, const RegInput *in,
                  const char *today, Err *e);
/* Write the answer on a consultation form that has none yet (audited "register.answer");
** ERR_CONFLICT when it has one. */
int register_answer(Db *db, const Actor *who, const Register *g, int64_t id, const char *answer, Err *e);
/* The default end of an archived file's retention: two years after t (YYYY-MM-DD in tz); an entry
** of the archive left without its retain_until gets it from its archived_at. */
void register_retain_default(char out[11], int64_t t, const char *tz);
/* The day `years` years after t (YYYY-MM-DD in tz; a 29 February without one: the 28th). */
void register_retain_years(char out[11], int64_t t, const char *tz, int years);
/* Entries of a register, newest first, as the filter says. */
int register_list(Db *db, const Register *g, const RegFilter *f, RegEntry **rows, int *n, Arena *a);
/* Who wrote an entry, as people read it: their full name, else their username. */
const char *register_author(const RegEntry *w);
/* The office's agenda entry numbered `number` ("AG-2026-0001": the letter a disposition routes);
** ERR_NOTFOUND when none. */
int register_agenda_get(Db *db, int64_t office_id, const char *number, RegEntry *out, Arena *a);
/* How field i (f) of an entry reads to people: a user by their full name (the username when they
** have none), else the text as stored (a role's label is the caller's to translate). */
const char *register_text(const RegField *f, const RegEntry *w, int i);
/* One entry of the office; ERR_NOTFOUND when none. */
int register_get(Db *db, const Register *g, int64_t office_id, int64_t id, const char *today,
                 RegEntry *out, Arena *a);
/* The register's action on an entry: a guest departs, a disposition is done, an archive entry
** is destroyed (only once its retention has ended). ERR_CONFLICT when already done or not due. */
int register_act(Db *db, const Actor *who, const Register *g, int64_t id, const char *today, Err *e);
/* register_act at the moment `at` (NULL or empty: now), written as a register's times are (tz):
** a departure recorded afterwards. ERR_INVALID naming "at" when it is not a time, still to come,
** or before the entry's own moment (the arrival, the disposition's writing, the archiving). */
int register_act_at(Db *db, const Actor *who, const Register *g, int64_t id, const char *today, const char *tz,
                    const char *at, Err *e);

/* Destroy the archive entries ids (*n, 1 to 1000: a destruction list carried out) at `at` (NULL:
** now), each checked and audited as register_act_at does, in one transaction: all or none. An id
** listed twice is destroyed once: ids and *n are left holding each once, in the order given. On
** failure *failed is the id refused and e says why (ERR_NOTFOUND: no such entry). */
int register_destroy_all(Db *db, const Actor *who, int64_t *ids, int *n, const char *today, const char *tz,
                         const char *at, int64_t *failed, Err *e);

/* One register entry written for a case (register_of_case). */
typedef struct RegLink { const Register *g; int64_t id, at; const char *number; } RegLink;
/* The entries of every register linked to the office's case numbered `number`, oldest first. */
int register_of_case(Db *db, int64_t office_id, const char *number, RegLink **out, int *n, Arena *a);

/* ---- stepreg.c: the registers a step names, written by the general step form ---- */
/* Values an officer gives for the registers of the step being completed: per register (its
** index, REG_*), whether any was given and the values by field index. */
typedef struct StepRegs { int given[REG_COUNT]; RegInput in[REG_COUNT]; } StepRegs;
/* Complete step no of c through the general step form (case_complete_step_by) and, in the
** same transaction, write each register the step names (its `register:` lines): the given
** values, the rest from the case (the requester, the subject, the next step's role and due
** time for a disposition). The guest book only for a requester who came in person (or when
** given), a later step naming it records the departure; a consultation form, agenda entry,
** hand-over form or archive entry only when the case has none yet (or when given); a
** disposition whenever the work goes on to another role. A given register the step does not
** name is ERR_INVALID, field "registers.NAME"; a value refused, field "registers.NAME.FIELD"
** (strings in a). given may be NULL. */
struct Case;
int stepreg_complete(Db *db, const Actor *who, unsigned roles, const char *tz, struct Case *c, int no,
                     const char *outcome, const char *note, const int *items, int nitems, const StepRegs *given,
                     Err *e, Arena *a);
/* For case_step_hook_add: the dispositions that routed a case to the step just completed are carried out. */
int stepreg_on_step(Db *db, const Actor *who, const struct Case *c, int64_t step_id, int64_t at, Err *e);
/* A case closed or cancelled (case_close_hook_add): a cancelled case's dispositions that routed
** it to the step its cancelling ended are closed (done_at, audited "the case was cancelled"). */
int stepreg_on_close(Db *db, const Actor *who, const struct Case *c, Err *e);
/* For a service that completes step no of c itself (c read again after it): the disposition the
** step names, if any, as the general step form writes it (to the role of the step that opened,
** with its due time; none when the work stays with the same role or goes to the requester). */
int stepreg_disposition(Db *db, const Actor *who, const char *tz, struct Case *c, int no, const char *note,
                        Err *e, Arena *a);
/* The display name of a user (full name), else the username itself: what a register's form shows. */
const char *stepreg_user_name(Db *db, const char *username, Arena *a);
/* 1 when step s of procedure p records only the guest's departure in the register `name` (the
** guest book named by an earlier step): its form takes no values for it. */
struct Procedure; struct Step;
int stepreg_departure(const struct Procedure *p, const struct Step *s, const char *name);

/* ---- owner.c ---- */
/* For case_step_owner_add: where the steps of a case an account request or a verification
** drives are done (a msgid), else NULL; the field it names in *field when not "no" (field may be NULL). */
const char *desk_step_owner(Db *db, const struct Case *c, int no, const char **field);

#endif
