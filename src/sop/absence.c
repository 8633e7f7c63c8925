/*
** absence.c — staff absences and their replacements (see absence.h): the rows,
** their checks and audit rows, and who stands in for whom today.
*/
#include "absence.h"
#include "case.h"
#include "role.h"
#include <stdio.h>
#include <string.h>

const char *const absence_kinds[] = { "cuti", "sakit", "dinas_luar", "pelatihan", "lainnya", 0 };
static const char *const kind_labels[] = { N_("Leave"), N_("Sick"), N_("Official trip"), N_("Training"), N_("Other") };

/* An absence is at most a year long: a longer one is a typo in a year. */
#define ABSENCE_DAYS_MAX 366
/* How many replacements a notice follows when the replacement is away too. */
#define ABSENCE_HOPS 3

/* What a kind is called (a msgid). */
const char *absence_kind_label(const char *kind){
  for(int i=0; absence_kinds[i]; i++) if( util_str_eq(kind, absence_kinds[i]) ) return kind_labels[i];
  return kind ? kind : "";
}

#define ABSENCE_COLS \
  "SELECT b.id, b.office_id, b.user_id, b.replacement_id, b.created_at, b.from_day, b.to_day, b.kind, b.note," \
  " b.created_by, u.username, u.full_name, r.username, r.full_name" \
  " FROM absence b JOIN users u ON u.id=b.user_id JOIN users r ON r.id=b.replacement_id"

/* Fill one absence from a row of ABSENCE_COLS. */
static void absence_row(Stmt *q, Absence *b, Arena *a){
  memset(b, 0, sizeof *b);
  b->id = db_col_int64(q, 0);
  b->office_id = db_col_int64(q, 1);
  b->user_id = db_col_int64(q, 2);
  b->replacement_id = db_col_int64(q, 3);
  b->created_at = db_col_int64(q, 4);
  snprintf(b->from, sizeof b->from, "%s", db_col_text(q, 5));
  snprintf(b->to, sizeof b->to, "%s", db_col_text(q, 6));
  b->kind = arena_strdup(a, db_col_text(q, 7));
  b->note = arena_strdup(a, db_col_text(q, 8));
  b->created_by = arena_strdup(a, db_col_text(q, 9));
  b->username = arena_strdup(a, db_col_text(q, 10));
  b->full_name = arena_strdup(a, db_col_text(q, 11));
  b->replacement = arena_strdup(a, db_col_text(q, 12));
  b->replacement_name = arena_strdup(a, db_col_text(q, 13));
}

/* One absence as JSON (the API's and `loket absence list --json`); current: whether today lies within it. */
void absence_json(Buf *b, const Absence *x, int current){
  buf_printf(b, "{\"id\":%lld,\"username\":%J,\"from\":%J,\"to\":%J,\"kind\":%J,\"replacement\":%J,"
                "\"replacement_name\":%J,\"note\":%J,\"current\":%R,\"created_by\":%J,\"created_at\":",
             (long long)x->id, x->username, x->from, x->to, x->kind, x->replacement, x->replacement_name,
             x->note, current ? "true" : "false", x->created_by);
  time_json(b, x->created_at);
  buf_putc(b, '}');
}

/* Read every row of q (bound) into *v (*n of them, at most max). */
static int absence_rows(Stmt *q, int max, Absence **v, int *n, Arena *a){
  int cap = 0, rc;
  *v = 0;
  *n = 0;
  while( (rc = db_step(q))==DB_ROW && *n<max ){
    *v = arena_grow(a, *v, sizeof **v, *n, &cap);
    absence_row(q, &(*v)[(*n)++], a);
  }
  db_reset(q);
  return rc==DB_ROW || rc==DB_DONE ? OK : ERR_DB;
}

/* The absences of a user in an office, by their first day. */
int absence_list(Db *db, int64_t office_id, int64_t user_id, Absence **v, int *n, Arena *a){
  Stmt *q = db_prepare(db, ABSENCE_COLS " WHERE b.office_id=?1 AND b.user_id=?2 ORDER BY b.from_day, b.id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, user_id);
  return absence_rows(q, 500, v, n, a);
}

/* One absence of the user by id. */
int absence_get(Db *db, int64_t office_id, int64_t user_id, int64_t id, Absence *out, Arena *a){
  Stmt *q = db_prepare(db, ABSENCE_COLS " WHERE b.id=?1 AND b.office_id=?2 AND b.user_id=?3");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, office_id);
  db_bind_int64(q, 3, user_id);
  Absence *v;
  int n, rc = absence_rows(q, 1, &v, &n, a);
  if( rc!=OK ) return rc;
  if( n==0 ) return ERR_NOTFOUND;
  *out = v[0];
  return OK;
}

/* Today in the office's zone, "YYYY-MM-DD", at now. */
static void absence_today(Db *db, int64_t office_id, int64_t now, char out[11]){
  Office o;
  time_day_text(out, now, office_get(db, office_id, &o)==OK ? o.tz : "WIB");
}

/* The staff roles among role bits. */
static unsigned staff_roles(unsigned roles){
  unsigned m = 0;
  for(int i=0; i<ROLE_COUNT; i++) if( (roles & (1u<<i)) && role_is_staff(i) ) m |= 1u<<i;
  return m;
}

static const char stand_in_roles_msg[] = N_("cannot take the decisions of the absent user's open steps: they need the role");

/* The staff roles the decision steps open now and assigned to username need that roles (a stand-in's)
** lack, as a bitmask (0: none lacking); *where the first such step ("case LPSE-…, step 2"). */
static unsigned absence_roles_lacking(Db *db, int64_t office_id, const char *username, unsigned roles, const char **where, Arena *a){
  Stmt *q = db_prepare(db, "SELECT k.procedure_id, s.no, k.number FROM case_step s JOIN kasus k ON k.id=s.case_id"
                           " WHERE s.office_id=?1 AND s.assigned_user=?2 AND s.done_at IS NULL AND k.status='open'"
                           " ORDER BY s.id LIMIT 200");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, username);
  unsigned lack = 0;
  *where = 0;
  while( db_step(q)==DB_ROW ){
    const Procedure *p = case_procedure(db, db_col_int64(q, 0));
    unsigned need = case_decision_roles(p ? procedure_step(p, db_col_int(q, 1)) : 0, roles);
    if( need && *where==0 ) *where = arena_printf(a, "%s/%d", db_col_text(q, 2), db_col_int(q, 1));
    lack |= need;
  }
  db_reset(q);
  return lack;
}

static const Absence *absence_of(const Absence *v, int n, int64_t user_id);

/* 1 when the chain of stand-ins from user_id among today's absences v (n) meets via as a stand-in. */
static int absence_reaches(const Absence *v, int n, int64_t user_id, int64_t via){
  const Absence *b = absence_of(v, n, user_id);
  for(int hop=0; b && hop<ABSENCE_HOPS; hop++){
    if( b->replacement_id==via ) return 1;
    b = absence_of(v, n, b->replacement_id);
  }
  return 0;
}

/* As absence_roles_lacking, for the open decisions of those u stands in for today (directly or
** along a chain) when u's absence b covers today: those steps then go to b's stand-in too. */
static unsigned absence_covered_lacking(Db *db, const Office *o, const User *u, const Absence *b, unsigned roles,
                                        const char **where, Arena *a){
  char today[11];
  int64_t now = time_now();
  absence_today(db, o->id, now, today);
  if( strcmp(b->from, today)>0 || strcmp(b->to, today)<0 ) return 0;
  Absence *v;
  int n;
  if( absence_today_list(db, o->id, now, &v, &n, a)!=OK ) return 0;
  unsigned lack = 0;
  for(int i=0; i<n && lack==0; i++)
    if( v[i].user_id!=u->id && absence_reaches(v, n, v[i].user_id, u->id) )
      lack = absence_roles_lacking(db, o->id, v[i].username, roles, where, a);
  return lack;
}

/* What a stand-in lacking roles for the decision steps of u is told, in lang: the roles, the first step (where). */
static const char *stand_in_roles_text(const char *lang, unsigned lack, const char *where, Arena *a){
  char names[ROLE_COUNT*24];
  return arena_printf(a, "%s %s (%s)", i18n_get(lang, stand_in_roles_msg), role_list_text(lack, names, sizeof names), where);
}

/* Check an absence of u as it would be (b, merged from what was given), adding what is wrong to
** e (a message built from parts in lang, the others msgids); *rid gets the replacement's id. ERR_INVALID or OK. */
static int absence_check(Db *db, const char *lang, const Office *o, const User *u, Absence *b, int64_t *rid, Err *e, Arena *a){
  int days_ok = 1;
  if( util_blank(b->from) ){ err_add(e, "from", N_("is required")); days_ok = 0; }
  else if( !time_is_day(b->from) ){ err_add(e, "from", N_("must be a day written YYYY-MM-DD")); days_ok = 0; }
  if( util_blank(b->to) ){ err_add(e, "to", N_("is required")); days_ok = 0; }
  else if( !time_is_day(b->to) ){ err_add(e, "to", N_("must be a day written YYYY-MM-DD")); days_ok = 0; }
  if( days_ok ){
    int64_t f, t;
    time_parse_day(b->from, "UTC", &f);
    time_parse_day(b->to, "UTC", &t);
    if( t<f ) err_add(e, "to", N_("must not be before the first day"));
    else if( (t-f)/86400 + 1 > ABSENCE_DAYS_MAX ) err_add(e, "to", N_("must be within 366 days of the first day, both included"));
  }
  if( util_blank(b->kind) ) err_add(e, "kind", N_("is required"));
  else if( !util_in_list(absence_kinds, b->kind) ) err_add(e, "kind", N_("must be cuti, sakit, dinas_luar, pelatihan or lainnya"));
  err_check_text(e, "note", b->note, 500, TEXT_LINES);
  unsigned mine = staff_roles(user_roles(db, u->id, o->id));
  if( mine==0 ) err_add(e, "username", N_("has no staff role in this office"));
  User r;
  *rid = 0;
  if( util_blank(b->replacement) ) err_add(e, "replacement", N_("is required"));
  else if( user_by_name(db, b->replacement, &r)!=OK ) err_add(e, "replacement", N_("is not a user"));
  else if( r.id==u->id ) err_add(e, "replacement", N_("cannot be the absent user themself"));
  else if( r.disabled ) err_add(e, "replacement", N_("is a disabled account"));
  else{
    unsigned all = user_roles(db, r.id, o->id), theirs = staff_roles(all), lack;
    const char *where;
    if( theirs==0 ) err_add(e, "replacement", N_("is not on the staff of this office"));
    else if( mine && (theirs & mine)==0 ) err_add(e, "replacement", N_("has none of the absent user's staff roles"));
    /* the absent user's open decisions go to the stand-in (Tugas saya): one who may not take them is refused */
    else if( (lack = absence_roles_lacking(db, o->id, u->username, all, &where, a))!=0
          || (lack = absence_covered_lacking(db, o, u, b, all, &where, a))!=0 )
      err_add(e, "replacement", stand_in_roles_text(lang, lack, where, a));
    else *rid = r.id;
  }
  return e->msg ? ERR_INVALID : OK;
}

/* ERR_CONFLICT (naming from) when another absence of the user (not id) shares a day with from..to. */
static int absence_overlap(Db *db, int64_t office_id, int64_t user_id, int64_t id, const char *from, const char *to, Err *e){
  Stmt *q = db_prepare(db, "SELECT from_day, to_day FROM absence WHERE office_id=?1 AND user_id=?2 AND id<>?3"
                           " AND from_day<=?5 AND to_day>=?4 ORDER BY from_day LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, user_id);
  db_bind_int64(q, 3, id);
  db_bind_text(q, 4, from);
  db_bind_text(q, 5, to);
  int rc = db_step(q);
  db_reset(q);
  if( rc==DB_DONE ) return OK;
  if( rc!=DB_ROW ) return ERR_DB;
  ERR_SET(e, "from", N_("must not overlap another absence of this user: change or cancel that one"));
  return ERR_CONFLICT;
}

/* The audit row of a change to an absence. */
static int absence_audit(Db *db, const Actor *who, const char *action, const User *u, int64_t id,
                         const Absence *b, const char *replacement, Arena *a){
  const char *obj = arena_printf(a, "absence/%lld", (long long)id);
  const char *detail = arena_printf(a, "user=%s %s %s..%s replacement=%s", u->username, b->kind, b->from, b->to, replacement);
  return audit_write(db, who, action, obj, detail);
}

/* Set a new absence of u (see absence.h). */
int absence_add(Db *db, const Actor *who, const Office *o, const User *u, const AbsenceIn *in, const char *lang, int64_t *id,
                Err *e, Arena *a){
  Absence b;
  memset(&b, 0, sizeof b);
  snprintf(b.from, sizeof b.from, "%.10s", in->from ? in->from : "");
  snprintf(b.to, sizeof b.to, "%.10s", in->to ? in->to : "");
  if( in->from && strlen(in->from)>10 ) snprintf(b.from, sizeof b.from, "x");   /* too long: not a day */
  if( in->to && strlen(in->to)>10 ) snprintf(b.to, sizeof b.to, "x");
  b.kind = in->kind;
  b.replacement = in->replacement;
  b.note = in->note ? in->note : "";
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  int64_t rid;
  Err all = {0};
  rc = absence_check(db, lang, o, u, &b, &rid, &all, a);
  if( rc!=OK ){ if( e ) *e = all; return db_tx_end(db, own, rc); }
  /* a period already over stands in for nobody, and once over it could be neither corrected nor cancelled */
  char today[11];
  absence_today(db, o->id, time_now(), today);
  if( strcmp(b.to, today)<0 ){
    ERR_SET(e, "to", N_("must not be before today: an absence already over changes nothing"));
    return db_tx_end(db, own, ERR_CONFLICT);
  }
  rc = absence_overlap(db, o->id, u->id, 0, b.from, b.to, e);
  if( rc!=OK ) return db_tx_end(db, own, rc);
  Stmt *q = db_prepare(db, "INSERT INTO absence(office_id, user_id, from_day, to_day, kind, replacement_id, note,"
                           " created_by, created_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) RETURNING id");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, o->id);
  db_bind_int64(q, 2, u->id);
  db_bind_text(q, 3, b.from);
  db_bind_text(q, 4, b.to);
  db_bind_text(q, 5, b.kind);
  db_bind_int64(q, 6, rid);
  db_bind_text(q, 7, b.note);
  db_bind_text(q, 8, who && who->username ? who->username : "system");
  db_bind_int64(q, 9, time_now());
  int s = db_step(q);
  if( s==DB_ROW ) *id = db_col_int64(q, 0);
  db_reset(q);
  if( s!=DB_ROW ) return db_tx_end(db, own, ERR_DB);
  rc = absence_audit(db, who, "absence.add", u, *id, &b, b.replacement, a);
  return db_tx_end(db, own, rc);
}

/* ERR_CONFLICT (naming to) when absence b ended before today in its office. */
static int absence_not_over(Db *db, const Absence *b, Err *e){
  char today[11];
  absence_today(db, b->office_id, time_now(), today);
  if( strcmp(b->to, today)>=0 ) return OK;
  ERR_SET(e, "to", N_("This absence is over: it stays as it was"));
  return ERR_CONFLICT;
}

/* The absence id of u into *b when it may still change: ERR_NOTFOUND or ERR_CONFLICT (over) naming the field. */
static int absence_changeable(Db *db, const Office *o, const User *u, int64_t id, Absence *b, Err *e, Arena *a){
  int rc = absence_get(db, o->id, u->id, id, b, a);
  if( rc==ERR_NOTFOUND ) ERR_SET(e, "id", N_("No such absence of this user"));
  return rc==OK ? absence_not_over(db, b, e) : rc;
}

/* Change an absence of u (see absence.h). */
int absence_change(Db *db, const Actor *who, const Office *o, const User *u, int64_t id, const AbsenceIn *in, const char *lang,
                   Err *e, Arena *a){
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Absence b;
  rc = absence_changeable(db, o, u, id, &b, e, a);
  if( rc!=OK ) return db_tx_end(db, own, rc);
  if( in->from ) snprintf(b.from, sizeof b.from, "%s", strlen(in->from)>10 ? "x" : in->from);
  if( in->to ) snprintf(b.to, sizeof b.to, "%s", strlen(in->to)>10 ? "x" : in->to);
  if( in->kind ) b.kind = in->kind;
  if( in->replacement ) b.replacement = in->replacement;
  if( in->note ) b.note = in->note;
  int64_t rid;
  Err all = {0};
  rc = absence_check(db, lang, o, u, &b, &rid, &all, a);
  if( rc!=OK ){ if( e ) *e = all; return db_tx_end(db, own, rc); }
  rc = absence_overlap(db, o->id, u->id, id, b.from, b.to, e);
  if( rc!=OK ) return db_tx_end(db, own, rc);
  Stmt *q = db_prepare(db, "UPDATE absence SET from_day=?2, to_day=?3, kind=?4, replacement_id=?5, note=?6 WHERE id=?1");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, id);
  db_bind_text(q, 2, b.from);
  db_bind_text(q, 3, b.to);
  db_bind_text(q, 4, b.kind);
  db_bind_int64(q, 5, rid);
  db_bind_text(q, 6, b.note);
  rc = db_run(q);
  if( rc==OK ) rc = absence_audit(db, who, "absence.change", u, id, &b, b.replacement, a);
  return db_tx_end(db, own, rc);
}

/* Cancel an absence of u (see absence.h). */
int absence_cancel(Db *db, const Actor *who, const Office *o, const User *u, int64_t id, Err *e, Arena *a){
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Absence b;
  rc = absence_changeable(db, o, u, id, &b, e, a);
  if( rc!=OK ) return db_tx_end(db, own, rc);
  Stmt *q = db_prepare(db, "DELETE FROM absence WHERE id=?1");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, id);
  rc = db_run(q);
  if( rc==OK ) rc = absence_audit(db, who, "absence.cancel", u, id, &b, b.replacement, a);
  return db_tx_end(db, own, rc);
}

/* The office's absences current today (at most 256), whoever they are of. */
int absence_today_list(Db *db, int64_t office_id, int64_t now, Absence **v, int *n, Arena *a){
  char today[11];
  absence_today(db, office_id, now, today);
  Stmt *q = db_prepare(db, ABSENCE_COLS " WHERE b.office_id=?1 AND b.to_day>=?2 AND b.from_day<=?2 ORDER BY b.id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, today);
  return absence_rows(q, 256, v, n, a);
}

/* The one of v (n of them) that is of user_id, or NULL. */
static const Absence *absence_of(const Absence *v, int n, int64_t user_id){
  for(int i=0; i<n; i++) if( v[i].user_id==user_id ) return &v[i];
  return 0;
}

/* Who stands in for user_id among today's absences v: the first replacement along the chain who is
** not away, at most ABSENCE_HOPS away; a cycle, or a chain longer, finds nobody (NULL). */
static const Absence *absence_chain(const Absence *v, int n, int64_t user_id, const Absence **first){
  const Absence *b = absence_of(v, n, user_id);
  *first = b;
  int64_t seen[ABSENCE_HOPS+1];
  int ns = 0;
  seen[ns++] = user_id;
  for(int hop=0; b && hop<ABSENCE_HOPS; hop++){
    for(int i=0; i<ns; i++) if( seen[i]==b->replacement_id ) return 0;   /* back to one already passed */
    const Absence *next = absence_of(v, n, b->replacement_id);
    if( next==0 ) return b;           /* b's replacement is here today */
    seen[ns++] = b->replacement_id;
    b = next;
  }
  return 0;
}

/* The absence of a user current at now. */
int absence_current(Db *db, int64_t office_id, int64_t user_id, int64_t now, Absence *out, Arena *a){
  Absence *v;
  int n;
  if( absence_today_list(db, office_id, now, &v, &n, a)!=OK ) return 0;
  const Absence *b = absence_of(v, n, user_id);
  if( b ) *out = *b;
  return b!=0;
}

/* Who stands in for username at now (see absence.h). */
int absence_stand_in(Db *db, int64_t office_id, const char *username, int64_t now, User *who, Absence *why, Arena *a){
  Absence *v;
  int n;
  if( username==0 || *username==0 || absence_today_list(db, office_id, now, &v, &n, a)!=OK || n==0 ) return 0;
  const Absence *first = 0, *last = 0;
  for(int i=0; i<n && !first; i++) if( util_str_eq(v[i].username, username) ) last = absence_chain(v, n, v[i].user_id, &first);
  if( last==0 || user_get(db, last->replacement_id, who)!=OK || who->disabled ) return 0;
  if( why ) *why = *first;
  return 1;
}

/* The users username stands in for at now (see absence.h). */
int absence_covered(Db *db, int64_t office_id, const char *username, int64_t now, Absence **out, int *nout, Arena *a){
  Absence *v;
  int n;
  *out = 0;
  *nout = 0;
  if( username==0 || *username==0 ) return OK;
  int rc = absence_today_list(db, office_id, now, &v, &n, a);
  if( rc!=OK || n==0 ) return rc;
  int cap = 0;
  for(int i=0; i<n && *nout<64; i++){
    const Absence *first, *last = absence_chain(v, n, v[i].user_id, &first);
    if( last==0 || !util_str_eq(last->replacement, username) ) continue;
    *out = arena_grow(a, *out, sizeof **out, *nout, &cap);
    (*out)[(*nout)++] = v[i];
  }
  return OK;
}

/* 1 when username stands in at now for auser. */
int absence_replaces(Db *db, int64_t office_id, const char *username, const char *auser, int64_t now){
  if( username==0 || *username==0 || auser==0 || *auser==0 || strcmp(username, auser)==0 ) return 0;
  Arena a;
  arena_init(&a);
  User who;
  int yes = absence_stand_in(db, office_id, auser, now, &who, 0, &a) && strcmp(who.username, username)==0;
  arena_free(&a);
  return yes;
}

static const char away_lacks_msg[] = N_("%s is away (%s) until %s; %s, who stands in for them, lacks the role this step's decision needs: %s");
static const char away_lacks_plain[] = N_("is away today, and whoever stands in for them lacks the role this step's decision needs");

/* Whether step s may be given to username at now as far as absences go (see absence.h). */
int absence_step_check(Db *db, int64_t office_id, const char *username, const Step *s, int64_t now, const char *field,
                       const char *lang, Err *e, Arena *a){
  Arena own;
  arena_init(&own);
  User who;
  Absence why;
  unsigned lack = 0;
  /* the step goes to whoever stands in today (Tugas saya): the same rule as an absence's own check */
  if( absence_stand_in(db, office_id, username, now, &who, &why, &own) )
    lack = case_decision_roles(s, user_roles(db, who.id, office_id));
  if( lack && a ){
    char until[64], names[ROLE_COUNT*24];   /* the last day as people write it (7 Januari 2026) */
    time_fmt_day(until, sizeof until, why.to, lang);
    ERR_SET(e, field, arena_printf(a, i18n_get(lang, away_lacks_msg), username, i18n_get(lang, absence_kind_label(why.kind)),
                                   until, who.username, role_list_text(lack, names, sizeof names)));
  }
  else if( lack ) ERR_SET(e, field, away_lacks_plain);
  arena_free(&own);
  return lack ? ERR_INVALID : OK;
}
