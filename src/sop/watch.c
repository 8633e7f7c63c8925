/*
** watch.c — the SLA watcher (see watch.h): warnings at a share of a step's
** standard, breach notices past its due time, in the app (table notice) and by
** e-mail (the outbox), one transaction per pass; the thread of `loket serve`
** that runs the pass; a user's notices and their read marks; who of the staff is
** told what a requester did on the portal.
*/
#include "watch.h"
#include "case.h"
#include "role.h"
#include "org.h"
#include "absence.h"
#include "../mail/mail.h"
#include "../core/worker.h"
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* The roles a breach notice goes to (sla_supervisor_roles); set before the thread starts. */
static char supervisor_text[128] = "ketua,sekretaris";
static const char *supervisor_roles[ROLE_COUNT+1] = { "ketua", "sekretaris", 0 };

/* Who gets a breach notice: comma-separated role names; ERR_INVALID naming an unknown one. */
int watch_supervisors(const char *list, Err *e){
  char buf[128];
  const char *roles[ROLE_COUNT+1];
  int n = 0;
  if( list==0 || strlen(list)>=sizeof buf ){ err_set_n(e, "sla_supervisor_roles", N_("is too long: at most %d characters"), (int)sizeof buf - 1); return ERR_INVALID; }
  snprintf(buf, sizeof buf, "%s", list);
  char *save = 0;
  for(char *t = strtok_r(buf, ", ", &save); t; t = strtok_r(0, ", ", &save)){
    if( role_index(t)<0 || n>=ROLE_COUNT ){ ERR_SET(e, "sla_supervisor_roles", role_unknown_msg); return ERR_INVALID; }
    roles[n++] = role_names[role_index(t)];
  }
  if( n==0 ){ ERR_SET(e, "sla_supervisor_roles", N_("is required")); return ERR_INVALID; }
  snprintf(supervisor_text, sizeof supervisor_text, "%s", list);
  for(int i=0; i<n; i++) supervisor_roles[i] = roles[i];
  supervisor_roles[n] = 0;
  return OK;
}

/* The supervisors' roles in words of lang ("Ketua LPSE dan Sekretaris"), for the breach mail. */
static const char *supervisors_words(Arena *a, const char *lang){
  Buf b = BUF_INIT;
  int n = 0;
  while( supervisor_roles[n] ) n++;
  for(int i=0; i<n; i++){
    if( i ) buf_puts(&b, i==n-1 ? (util_str_eq(lang, "en") ? " and " : " dan ") : ", ");
    buf_puts(&b, i18n_get(lang, role_label(role_index(supervisor_roles[i]))));
  }
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

static atomic_int watch_share = 80;

/* Set the share of a standard after which the warning goes. */
void watch_configure(int warn_percent){
  if( warn_percent>=1 && warn_percent<=100 ) atomic_store(&watch_share, warn_percent);
}

/* When the first notice of a step falls due: the share of its standard after its start (see
** watch.h). For office time the step's due time holds its standard and any office time held
** since it started, so the warning comes (100-share)% of the standard before it. */
int64_t watch_notice_at(const Calendar *cal, const Standard *st, int64_t start, int64_t due){
  if( due<=0 ) return 0;
  int64_t share = atomic_load(&watch_share);
  if( cal && st && STD_IS_OFFICE(st) && st->seconds>0 ){
    int64_t run = calendar_office_between(cal, start, due) - st->seconds * (100 - share) / 100;
    return calendar_add_office(cal, start, run>0 ? run : 0);
  }
  if( cal && st && st->kind==STD_WORKDAYS_BEFORE ){
    return calendar_add_office(cal, start, calendar_office_between(cal, start, due) * share / 100);
  }
  if( st && st->kind==STD_AFTER_STEP ){   /* the clock started before the step: the share left of it */
    int64_t at = due - st->seconds * (100 - share) / 100;
    return at > start ? at : start;
  }
  return start + (due - start) * share / 100;
}

/* One pass now. */
int watch_run(Db *db, int64_t now){
  return watch_pass(db, now, 0);
}

/* An open step the pass looks at. */
typedef struct Due {
  int64_t step_id, case_id, started_at, due_at, procedure_id;
  int no, warned, breached;
  const char *arole, *auser, *number, *subject;
} Due;

/* Add a user once (at most 64 per notice), unless it is the one r->except names. */
static void rcpt_add(NoticeRcpts *r, Arena *a, int64_t id, const char *username, const char *name,
                     const char *email, const char *lang){
  for(int i=0; i<r->n; i++) if( r->v[i].id==id ) return;
  if( r->n>=(int)COUNT(r->v) ) return;
  if( r->except && *r->except && *email && strcasecmp(email, r->except)==0 ) return;
  r->v[r->n].id = id;
  r->v[r->n].username = arena_strdup(a, username);
  r->v[r->n].name = arena_strdup(a, *name ? name : username);
  r->v[r->n].email = arena_strdup(a, email);
  r->v[r->n].lang = mail_lang(lang);   /* their own, else the office's default */
  r->v[r->n].replacing[0] = r->v[r->n].replacing[1] = 0;
  r->v[r->n].for_id = 0;
  r->n++;
}

/* Add the active users holding a role in the office. */
static int rcpt_role(Db *db, NoticeRcpts *r, Arena *a, int64_t office_id, const char *role){
  Stmt *q = db_prepare(db, "SELECT u.id, u.username, u.full_name, u.email, u.lang FROM user_role ur"
                           " JOIN users u ON u.id=ur.user_id"
                           " WHERE ur.office_id=?1 AND ur.role=?2 AND u.disabled=0 ORDER BY u.id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, role);
  int rc;
  while( (rc = db_step(q))==DB_ROW ){
    rcpt_add(r, a, db_col_int64(q, 0), db_col_text(q, 1), db_col_text(q, 2), db_col_text(q, 3), db_col_text(q, 4));
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* Add the active holders of the roles a step is for: the role it was assigned to, else the
** staff roles its procedure names as its actors (a requester's step names none). */
static int rcpt_step(Db *db, NoticeRcpts *r, Arena *a, int64_t office_id, const Step *st, const char *arole){
  if( arole && *arole ) return rcpt_role(db, r, a, office_id, arole);
  int rc = OK;
  for(int i=0; st && rc==OK && i<st->actors.n; i++){
    if( role_index(st->actors.v[i])>=0 ) rc = rcpt_role(db, r, a, office_id, st->actors.v[i]);
  }
  return rc;
}

/* Add the user a step is assigned to, when active. */
static void rcpt_user(Db *db, NoticeRcpts *r, Arena *a, const char *username){
  User u;
  if( username==0 || *username==0 || user_by_name(db, username, &u)!=OK || u.disabled ) return;
  rcpt_add(r, a, u.id, u.username, u.full_name, u.email, u.lang);
}

static const char stand_in_for_msg[] = N_(" You stand in for %s (%s) until %s.");

/* The sentence in lang saying that one stands in for name, away (why) until its last day. */
static const char *stand_in_words(Arena *a, const char *name, const Absence *why, const char *lang){
  char until[64];
  time_fmt_day(until, sizeof until, why->to, lang);
  return arena_printf(a, i18n_get(lang, stand_in_for_msg), name, i18n_get(lang, absence_kind_label(why->kind)), until);
}

/* Add who stands in at now for the user away_id, username (name: as said to them), when that user
** is away (absence.h); one not among the recipients before is told for whom. */
static void rcpt_stand_in(Db *db, NoticeRcpts *r, Arena *a, int64_t office_id, int64_t away_id, const char *username,
                          const char *name, int64_t now){
  User u;
  Absence why;
  int n = r->n;
  if( !absence_stand_in(db, office_id, username, now, &u, &why, a) ) return;
  rcpt_add(r, a, u.id, u.username, u.full_name, u.email, u.lang);
  if( r->n==n ) return;
  r->v[n].for_id = away_id;
  r->v[n].replacing[0] = stand_in_words(a, name, &why, "id");
  r->v[n].replacing[1] = stand_in_words(a, name, &why, "en");
}

/* Add who stands in at now for each user already among the recipients who is away: a notice
** meant for a supervisor, a role's holder or the assigned user reaches their replacement too. */
static void rcpt_stand_ins(Db *db, NoticeRcpts *r, Arena *a, int64_t office_id, int64_t now){
  int n = r->n;
  for(int i=0; i<n; i++) rcpt_stand_in(db, r, a, office_id, r->v[i].id, r->v[i].username, r->v[i].name, now);
}

/* The open steps of an office whose next notice has fallen due: a range over the partial
** index case_step_notice, so a pass reads only what it must send, whatever the backlog. */
static int due_steps(Db *db, int64_t office_id, int64_t now, Due **out, int *n, Arena *a){
  Stmt *q = db_prepare(db, WATCH_SQL_DUE);
  *out = 0;
  *n = 0;
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, now);
  int cap = 0, rc;
  Due *v = 0;
  while( (rc = db_step(q))==DB_ROW ){
    int warned = db_col_int(q, 10), breached = db_col_int(q, 11);
    int64_t due_at = db_col_int64(q, 4);
    if( warned && (breached || now<=due_at) ) continue;   /* nothing left to send */
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    Due *d = &v[(*n)++];
    d->step_id = db_col_int64(q, 0);
    d->case_id = db_col_int64(q, 1);
    d->no = db_col_int(q, 2);
    d->started_at = db_col_int64(q, 3);
    d->due_at = due_at;
    d->arole = arena_strdup(a, db_col_text(q, 5));
    d->auser = arena_strdup(a, db_col_text(q, 6));
    d->number = arena_strdup(a, db_col_text(q, 7));
    d->subject = arena_strdup(a, db_col_text(q, 8));
    d->procedure_id = db_col_int64(q, 9);
    d->warned = warned;
    d->breached = breached;
  }
  db_reset(q);
  *out = v;
  return rc==DB_DONE ? OK : ERR_DB;
}

/* Send one kind of notice for a step visit: rows in notice, mails, the mark, the audit row. */
static int notify(Db *db, const Office *o, const Due *d, const char *kind, int64_t now,
                  WatchCounts *cnt, Arena *a){
  const Procedure *p = case_procedure(db, d->procedure_id);
  const Step *st = p ? procedure_step(p, d->no) : 0;
  int warning = strcmp(kind, "warning")==0;
  NoticeRcpts r;
  r.n = 0;
  r.except = 0;
  int rc = OK;
  if( warning ){
    rc = rcpt_step(db, &r, a, o->id, st, d->arole);
  }else{
    for(int i=0; rc==OK && supervisor_roles[i]; i++) rc = rcpt_role(db, &r, a, o->id, supervisor_roles[i]);
  }
  if( rc!=OK ) return rc;
  rcpt_user(db, &r, a, d->auser);
  rcpt_stand_ins(db, &r, a, o->id, now);

  char due[2][96], step[64];   /* the due time said in Indonesian and in English */
  /* a standard of seconds (10 s to answer the phone) is due to the second, else to the minute */
  int secs = procedure_step_secs(p, d->no);
  time_fmt_human_at(due[0], sizeof due[0], d->due_at, o->tz, "id", secs);
  time_fmt_human_at(due[1], sizeof due[1], d->due_at, o->tz, "en", secs);
  snprintf(step, sizeof step, "%d", d->no);
  const char *title = st && st->text ? st->text : "";
  const char *title_en = st && st->text_en && *st->text_en ? st->text_en : title;
  const char *words[2] = { supervisors_words(a, "id"), supervisors_words(a, "en") };
  char base[256];
  office_link_base(db, o->id, 0, base, sizeof base);   /* a staff page: the office's address, public_url, else where staff reach this server */
  const char *link = arena_printf(a, "%R/kasus/%t", base, d->number);
  Buf to = BUF_INIT, subject = BUF_INIT, body = BUF_INIT;
  for(int i=0; rc==OK && i<r.n; i++){
    int added = 0;
    rc = notice_add(db, o->id, d->case_id, d->step_id, 0, kind, now, r.v[i].id, r.v[i].for_id, &added);
    if( rc!=OK || !added ) continue;      /* already sent to this user */
    cnt->notices++;
    if( to.n ) buf_puts(&to, ", ");
    buf_puts(&to, r.v[i].username);
    if( *r.v[i].email==0 ) continue;
    const char *vars[] = { "name", r.v[i].name, "number", d->number, "subject", d->subject,
                           "step", title, "step.en", title_en, "step_no", step, "due", due[0], "due.en", due[1],
                           "office", o->name, "supervisors", words[0], "supervisors.en", words[1], "link", link,
                           "replacing", r.v[i].replacing[0] ? r.v[i].replacing[0] : "",
                           "replacing.en", r.v[i].replacing[1] ? r.v[i].replacing[1] : "", 0 };
    char err[256];   /* each in their own language */
    if( mail_render_lang(warning ? "sla-warning" : "sla-breach", r.v[i].lang, vars, &subject, &body, err, sizeof err)!=OK ){
      log_error("sla: template: %s", err);
      continue;
    }
    Err e = {0};
    Actor sys = { 0, "system", o->id, "" };
    int mrc = mail_queue(db, &sys, o->id, r.v[i].email, buf_str(&subject), buf_str(&body), 0, &e);
    if( mrc==OK ) cnt->mails++;
    else if( mrc==ERR_INVALID ) log_warn("sla: no mail to %s: %s", r.v[i].username, e.msg ? err_en(&e) : "bad address");
    else rc = mrc;
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "INSERT INTO notice_step(case_step_id, kind, office_id, at) VALUES(?1,?2,?3,?4)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, d->step_id);
      db_bind_text(q, 2, kind);
      db_bind_int64(q, 3, o->id);
      db_bind_int64(q, 4, now);
      rc = db_run(q);
    }
  }
  if( rc==OK ){
    char iso[32];
    time_fmt_iso(iso, sizeof iso, d->due_at);
    char *detail = arena_printf(a, "step %d visit due %s; to: %s", d->no, iso, to.n ? buf_str(&to) : "(nobody)");
    Actor sys = { 0, "system", o->id, "" };
    rc = audit_write(db, &sys, warning ? "sla.warning" : "sla.breach", d->number, detail);
  }
  if( rc==OK ){ if( warning ) cnt->warnings++; else cnt->breaches++; }
  buf_free(&to);
  buf_free(&subject);
  buf_free(&body);
  return rc;
}

typedef struct OfficeList { Office *v; int n, cap; } OfficeList;

/* Collect one office. */
static void office_collect(void *ctx, const Office *o){
  OfficeList *l = ctx;
  if( l->n==l->cap ){
    l->cap = l->cap ? l->cap*2 : 8;
    l->v = xrealloc(l->v, (size_t)l->cap*sizeof *l->v);
  }
  l->v[l->n++] = *o;
}

/* Set when a step's next notice falls due (0: none left). */
static int notice_next(Db *db, int64_t step_id, int64_t at){
  Stmt *q = db_prepare(db, "UPDATE case_step SET notice_at=?2 WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, step_id);
  if( at ) db_bind_int64(q, 2, at); else db_bind_null(q, 2);
  return db_run(q);
}

/* One pass at now: every office's steps whose notice has fallen due, in one transaction. */
int watch_pass(Db *db, int64_t now, WatchCounts *out){
  WatchCounts cnt = {0, 0, 0, 0};
  OfficeList offices = {0, 0, 0};
  int rc = db_begin(db);
  if( rc!=OK ){ free(offices.v); return ERR_DB; }
  rc = office_each(db, office_collect, &offices);
  Arena a;
  arena_init(&a);
  for(int k=0; rc==OK && k<offices.n; k++){
    Due *v = 0;
    int n = 0;
    rc = due_steps(db, offices.v[k].id, now, &v, &n, &a);
    for(int i=0; rc==OK && i<n; i++){
      int breached = v[i].breached;
      /* a step first seen already past its due time gets the breach alone: a warning that
      ** it is "nearly due" would be false by then */
      if( !v[i].warned && now<=v[i].due_at ) rc = notify(db, &offices.v[k], &v[i], "warning", now, &cnt, &a);
      if( rc==OK && !breached && now>v[i].due_at ){ rc = notify(db, &offices.v[k], &v[i], "breach", now, &cnt, &a); breached = 1; }
      /* the next notice: the breach just after the due time, or none */
      if( rc==OK ) rc = notice_next(db, v[i].step_id, breached ? 0 : v[i].due_at + 1);
    }
  }
  arena_free(&a);
  free(offices.v);
  if( rc==OK ) rc = db_commit(db);
  else db_rollback(db);
  if( rc!=OK ){
    log_error("sla: the pass failed: %s", db_errmsg(db));
    return ERR_DB;
  }
  if( out ) *out = cnt;
  return OK;
}

/* ---- passes of the layers above, run after the SLA pass ---- */
static WatchHook watch_hooks[4];
static int watch_nhooks;

/* Register one more pass (before the thread starts). */
void watch_hook_add(WatchHook fn){
  for(int i=0; i<watch_nhooks; i++) if( watch_hooks[i]==fn ) return;
  if( watch_nhooks<(int)COUNT(watch_hooks) ) watch_hooks[watch_nhooks++] = fn;
}

/* Add what a pass did (b) to a. */
void watch_counts_add(WatchCounts *a, const WatchCounts *b){
  a->warnings += b->warnings;
  a->breaches += b->breaches;
  a->notices += b->notices;
  a->mails += b->mails;
}

/* Run the registered passes at now. */
int watch_hooks_run(Db *db, int64_t now, WatchCounts *out){
  WatchCounts cnt = {0, 0, 0, 0};
  int rc = OK;
  for(int i=0; i<watch_nhooks; i++){
    int r = watch_hooks[i](db, now, &cnt);
    if( r!=OK && rc==OK ) rc = r;
  }
  if( out ) *out = cnt;
  return rc;
}

/* ---- the thread of `loket serve` ---- */

/* One pass of the watcher thread: due warnings and breaches, then the hooks. */
static void watch_tick(void){
  Db *db = db_thread();
  WatchCounts c = {0, 0, 0, 0}, h = {0, 0, 0, 0};
  if( watch_pass(db, time_now(), &c)!=OK ) memset(&c, 0, sizeof c);
  watch_hooks_run(db, time_now(), &h);
  watch_counts_add(&c, &h);
  stat_add(STAT_SLA_WARNINGS, c.warnings);
  stat_add(STAT_SLA_BREACHES, c.breaches);
  if( c.warnings || c.breaches ){
    log_info("sla: %d warning(s), %d breach(es), %d notice(s), %d mail(s)", c.warnings, c.breaches, c.notices, c.mails);
  }
  db_unreset(db);   /* a statement a pass forgot: logged and reset */
}

static Worker watch_worker = WORKER_INIT("sla", watch_tick);

/* Start the watcher thread. */
int watch_start(const Config *cfg){
  if( watch_worker.running ) return OK;
  watch_configure(cfg->sla_warn_percent);
  Err e = {0};
  if( watch_supervisors(cfg->sla_supervisor_roles, &e)!=OK ){
    log_error("sla_supervisor_roles = %s: %s", cfg->sla_supervisor_roles, err_en(&e));
    return ERR_INVALID;
  }
  return worker_start(&watch_worker, cfg->sla_poll_s>0 ? cfg->sla_poll_s : 30);
}

/* Stop the watcher thread and wait for it. */
void watch_stop(void){
  worker_stop(&watch_worker);
}

/* ---- a user's notices ---- */

/* What a notice of a kind says (see watch.h). */
const char *notice_msgid(const char *kind){
  if( util_str_eq(kind, "breach") ) return N_("Standard breached");
  if( util_str_eq(kind, "reply") ) return N_("The requester replied to case %s");
  if( util_str_eq(kind, "reopen") ) return N_("The requester reopened case %s");
  if( util_str_eq(kind, "takeover") ) return N_("Your step of case %s was taken over by another member of staff");
  if( util_str_eq(kind, "assigned") ) return N_("A step of case %s was assigned to you");
  return N_("Standard nearly reached");
}

/* Write one notice of a case's step to a user (see watch.h). */
int notice_add(Db *db, int64_t office_id, int64_t case_id, int64_t step_id, int64_t prep_id, const char *kind,
               int64_t now, int64_t user_id, int64_t for_id, int *added){
  if( added ) *added = 0;
  Stmt *q = db_prepare(db, "INSERT INTO notice(office_id, case_id, case_step_id, kind, created_at, to_user_id, prep_id, for_user_id)"
                           " VALUES(?1,?2,?3,?4,?5,?6,?7,?8) ON CONFLICT DO NOTHING");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, case_id);
  db_bind_int64(q, 3, step_id);
  db_bind_text(q, 4, kind);
  db_bind_int64(q, 5, now);
  db_bind_int64(q, 6, user_id);
  if( prep_id ) db_bind_int64(q, 7, prep_id); else db_bind_null(q, 7);
  if( for_id ) db_bind_int64(q, 8, for_id); else db_bind_null(q, 8);
  int rc = db_run(q);
  if( rc==OK && added ) *added = db_changes(db)==1;
  return rc;
}

/* Tell user u of a notice of kind about step no (row step_id) of case c that actor caused: the
** notice, and, when u has an address and an active account, the mail of template tmpl in u's language;
** for_id the user away u stands in for (0: none), replacing the sentence in Indonesian and English
** saying so (NULL: none). */
static int notice_step_told(Db *db, const Case *c, int64_t step_id, int no, const User *u, const Actor *actor,
                            const char *kind, const char *tmpl, int64_t now, int64_t for_id,
                            const char *const replacing[2]){
  int rc = notice_add(db, c->office_id, c->id, step_id, 0, kind, now, u->id, for_id, 0);
  if( rc!=OK || u->disabled || *u->email==0 ) return rc;
  Office o;
  int have_office = office_get(db, c->office_id, &o)==OK;
  const Procedure *p = case_procedure(db, c->procedure_id);
  const Step *st = p ? procedure_step(p, no) : 0;
  const char *title = st && st->text ? st->text : "";
  const char *title_en = st && st->text_en && *st->text_en ? st->text_en : title;
  char step[16], at[2][64], base[256];
  snprintf(step, sizeof step, "%d", no);
  time_fmt_human(at[0], sizeof at[0], now, have_office ? o.tz : "WIB", "id");
  time_fmt_human(at[1], sizeof at[1], now, have_office ? o.tz : "WIB", "en");
  office_link_base(db, c->office_id, 0, base, sizeof base);
  Buf link = BUF_INIT;
  buf_printf(&link, "%R/kasus/%t", base, c->number);
  const char *vars[] = { "name", *u->full_name ? u->full_name : u->username, "number", c->number,
                         "subject", c->subject ? c->subject : "", "step", title, "step.en", title_en, "step_no", step,
                         "taker", actor->username, "at", at[0], "at.en", at[1], "link", buf_str(&link),
                         "office", have_office ? o.name : "LPSE",
                         "replacing", replacing ? replacing[0] : "", "replacing.en", replacing ? replacing[1] : "", 0 };
  Buf subject = BUF_INIT, body = BUF_INIT;
  char err[256];   /* in their own language */
  if( mail_render_lang(tmpl, u->lang, vars, &subject, &body, err, sizeof err)!=OK ){
    log_error("%s: template: %s", kind, err);
  }else{
    Err e = {0};
    Actor sys = { 0, "system", c->office_id, "" };
    int mrc = mail_queue(db, &sys, c->office_id, u->email, buf_str(&subject), buf_str(&body), 0, &e);
    if( mrc==ERR_INVALID ) log_warn("%s: no mail to %s: %s", kind, u->username, e.msg ? err_en(&e) : "bad address");
    else rc = mrc;
  }
  buf_free(&subject);
  buf_free(&body);
  buf_free(&link);
  return rc;
}

/* Tell the user who held step no of a case that taker took it over (see watch.h). */
int notice_takeover(Db *db, const Case *c, int64_t step_id, int no, const User *held, const Actor *taker, int64_t now){
  return notice_step_told(db, c, step_id, no, held, taker, "takeover", "step-takeover", now, 0, 0);
}

/* Tell a user that by assigned them step no of a case, and whoever stands in for them today (see watch.h). */
int notice_assigned(Db *db, const Case *c, int64_t step_id, int no, const User *to, const Actor *by, int64_t now){
  int rc = notice_step_told(db, c, step_id, no, to, by, "assigned", "step-assigned", now, 0, 0);
  Arena a;
  arena_init(&a);
  User who;
  Absence why;
  if( rc==OK && absence_stand_in(db, c->office_id, to->username, now, &who, &why, &a)
      && !util_str_eq(who.username, by->username) && !util_str_eq(who.username, to->username) ){
    const char *name = *to->full_name ? to->full_name : to->username;
    const char *replacing[2] = { stand_in_words(&a, name, &why, "id"), stand_in_words(&a, name, &why, "en") };
    rc = notice_step_told(db, c, step_id, no, &who, by, "assigned", "step-assigned", now, to->id, replacing);
  }
  arena_free(&a);
  return rc;
}

/* 1 when a step's done_by or a case's opened_by names a member of staff: not the requester's
** portal or mail, nor the system's own work. */
static int staff_name(const char *username){
  return username && *username && strcmp(username, "portal") && strcmp(username, "mail") && strcmp(username, "system");
}

/* Add the active member of staff who last completed a step of a case. */
static int rcpt_last_done(Db *db, NoticeRcpts *r, Arena *a, int64_t case_id){
  Stmt *q = db_prepare(db, "SELECT u.id, u.username, u.full_name, u.email, u.lang FROM case_step s JOIN users u ON u.username=s.done_by"
                           " WHERE s.case_id=?1 AND s.done_at IS NOT NULL AND u.disabled=0 ORDER BY s.done_at DESC, s.id DESC");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  int rc;
  while( (rc = db_step(q))==DB_ROW && r->n==0 ){
    if( staff_name(db_col_text(q, 1)) ) rcpt_add(r, a, db_col_int64(q, 0), db_col_text(q, 1), db_col_text(q, 2), db_col_text(q, 3), db_col_text(q, 4));
  }
  db_reset(q);
  return rc==DB_ROW || rc==DB_DONE ? OK : ERR_DB;
}

/* The staff who handle a case now, told what its requester did (see watch.h). */
int notice_case_staff(Db *db, int64_t office_id, int64_t case_id, NoticeRcpts *r, int64_t *step_id, Arena *a){
  r->n = 0;
  *step_id = 0;
  /* the open step, else the last one started */
  Stmt *q = db_prepare(db, "SELECT s.id, s.no, s.done_at IS NULL, coalesce(s.assigned_role,''),"
                           " coalesce(s.assigned_user,''), k.procedure_id, k.opened_by"
                           " FROM case_step s JOIN kasus k ON k.id=s.case_id WHERE s.case_id=?1 AND k.office_id=?2"
                           " ORDER BY (s.done_at IS NULL) DESC, s.id DESC LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  db_bind_int64(q, 2, office_id);
  int rc = db_step(q), no = 0, open = 0;
  int64_t procedure_id = 0;
  const char *arole = "", *auser = "", *opener = "";
  if( rc==DB_ROW ){
    *step_id = db_col_int64(q, 0);
    no = db_col_int(q, 1);
    open = db_col_int(q, 2);
    arole = arena_strdup(a, db_col_text(q, 3));
    auser = arena_strdup(a, db_col_text(q, 4));
    procedure_id = db_col_int64(q, 5);
    opener = arena_strdup(a, db_col_text(q, 6));
  }
  db_reset(q);
  if( rc==DB_DONE ) return OK;             /* a case without a step: nobody to tell */
  if( rc!=DB_ROW ) return ERR_DB;
  rc = OK;
  if( open ){
    rcpt_user(db, r, a, auser);             /* assigned to someone: they alone, and who stands in for them today (below) */
    if( r->n==0 ){
      const Procedure *p = case_procedure(db, procedure_id);
      rc = rcpt_step(db, r, a, office_id, p ? procedure_step(p, no) : 0, arole);
    }
  }
  /* no open step (a case closed, being reopened), or nobody holds what it needs */
  if( rc==OK && r->n==0 ) rc = rcpt_last_done(db, r, a, case_id);
  if( rc==OK && r->n==0 && staff_name(opener) ) rcpt_user(db, r, a, opener);
  if( rc==OK ) rcpt_stand_ins(db, r, a, office_id, time_now());
  return rc;
}

/* The notices of a user in an office, newest first. */
int notice_list(Db *db, int64_t office_id, int64_t user_id, int limit, NoticeRow **rows, int *n,
                Arena *a){
  if( limit<1 ) limit = 1;
  if( limit>500 ) limit = 500;
  *rows = arena_alloc(a, (size_t)limit*sizeof **rows);
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT n.id, n.created_at, coalesce(n.read_at,0), n.kind, k.number, k.subject,"
                           " s.no, coalesce(p.due_at,s.due_at,0), k.procedure_id, coalesce(p.label,''),"
                           " coalesce(f.username,''), coalesce(f.full_name,'')"
                           " FROM notice n JOIN kasus k ON k.id=n.case_id JOIN case_step s ON s.id=n.case_step_id"
                           " LEFT JOIN training_prep p ON p.id=n.prep_id LEFT JOIN users f ON f.id=n.for_user_id"
                           " WHERE n.to_user_id=?1 AND n.office_id=?2 ORDER BY n.id DESC LIMIT ?3");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, user_id);
  db_bind_int64(q, 2, office_id);
  db_bind_int(q, 3, limit);
  int rc = DB_DONE;
  while( *n<limit && (rc = db_step(q))==DB_ROW ){
    NoticeRow *w = &(*rows)[(*n)++];
    w->id = db_col_int64(q, 0);
    w->created_at = db_col_int64(q, 1);
    w->read_at = db_col_int64(q, 2);
    w->kind = arena_strdup(a, db_col_text(q, 3));
    w->number = arena_strdup(a, db_col_text(q, 4));
    w->subject = arena_strdup(a, db_col_text(q, 5));
    w->step_no = db_col_int(q, 6);
    w->due_at = db_col_int64(q, 7);
    int64_t pid = db_col_int64(q, 8);
    const Procedure *p = case_procedure(db, pid);
    const Step *st = p ? procedure_step(p, w->step_no) : 0;
    w->step_title = st && st->text ? st->text : "";
    w->step_title_en = st ? st->text_en : 0;
    w->item = arena_strdup(a, db_col_text(q, 9));
    w->due_secs = *w->item==0 && procedure_step_secs(p, w->step_no);   /* an item is due on a working day */
    w->for_user = arena_strdup(a, db_col_text(q, 10));
    w->for_name = *db_col_text(q, 11) ? arena_strdup(a, db_col_text(q, 11)) : w->for_user;
  }
  if( *n<limit && rc!=DB_DONE ){ db_reset(q); return ERR_DB; }
  db_reset(q);
  return OK;
}

/* How many notices of the user in the office are unread. */
int notice_unread(Db *db, int64_t office_id, int64_t user_id){
  Stmt *q = db_prepare(db, "SELECT count(*) FROM notice INDEXED BY notice_unread"
                           " WHERE to_user_id=?1 AND office_id=?2 AND read_at IS NULL");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, user_id);
  db_bind_int64(q, 2, office_id);
  int n = db_step(q)==DB_ROW ? db_col_int(q, 0) : 0;
  db_reset(q);
  return n;
}

/* Mark every unread notice of the user in the office read. */
int notice_mark_read(Db *db, const Actor *who, int64_t office_id, int64_t user_id, int64_t now,
                     int *marked){
  if( marked ) *marked = 0;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "UPDATE notice SET read_at=?3 WHERE to_user_id=?1 AND office_id=?2 AND read_at IS NULL");
  int n = 0;
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, user_id);
    db_bind_int64(q, 2, office_id);
    db_bind_int64(q, 3, now);
    rc = db_run(q);
    if( rc==OK ) n = db_changes(db);
  }
  if( rc==OK && n>0 ){
    char detail[64];
    snprintf(detail, sizeof detail, "%d notice(s) marked read", n);
    char obj[40];
    snprintf(obj, sizeof obj, "user/%lld", (long long)user_id);
    rc = audit_write(db, who, "notice.read", obj, detail);
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK && marked ) *marked = n;
  return rc;
}
