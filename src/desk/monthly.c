/*
** monthly.c — the monthly compliance report mailed to the head of each office
** (the users holding ketua there) on the first working day of the month, for the
** month before: a background pass (`loket serve` runs it every few minutes; a
** test calls report_mail_due() with its own clock). Each office and month is
** mailed once (the report_mail table), in one transaction with the outbox rows
** and the audit row "report.mail".
*/
#include "report.h"
#include "../mail/mail.h"
#include "../sop/calendar.h"
#include "desk.h"
#include "../core/worker.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The first working day of the month holding t, as the instant its day starts; 0 when the
** calendar has no working day in the month's first 31 days. */
static int64_t first_workday(const Calendar *cal, const char *tz, int64_t t){
  int64_t day = report_month_start(t, tz, 0);
  for(int i=0; i<31; i++, day += 86400){
    if( calendar_is_workday(cal, day + 12*3600) ) return day;
  }
  return 0;
}

/* A share in words in lang: "66,7 %" ("66.7 %") or "—". */
static const char *share_words(Arena *a, int64_t met, int64_t timed, const char *lang){
  if( timed <= 0 ) return "—";
  char d[16];
  util_decimal1(d, sizeof d, 100.0 * (double)met / (double)timed, util_str_eq(lang, "en"));
  return arena_printf(a, "%s %%", d);
}

/* Whether the office had opened its first case before `to` (the end of a month): a month that
** ended before the office started working in Loket gets no report (all zeros, for a time the
** head knows nothing was recorded). A case cannot be opened before its office was set up. */
static int office_started(Db *db, int64_t office_id, int64_t to, int *started){
  Stmt *q = db_prepare(db, "SELECT count(*) FROM (SELECT 1 FROM kasus WHERE office_id=?1 AND opened_at<?2 LIMIT 1) x");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, to);
  int n = db_step(q)==DB_ROW ? db_col_int(q, 0) : -1;
  db_reset(q);
  if( n < 0 ) return ERR_DB;
  *started = n > 0;
  return OK;
}

/* A row's breaches on a line of their own under it, as the compliance report counts them (a step
** done past its standard, met 0, or one still open past its due time): "  pelanggaran 3: 1
** selesai terlambat, 2 belum selesai lewat batas waktu"; nothing when there are none. */
static void breach_words(Buf *out, int late, int open, const char *lang){
  if( late + open==0 ) return;
  buf_puts(out, "  ");
  buf_printf(out, i18n_get(lang, N_("breaches %d")), late + open);
  buf_puts(out, ": ");
  if( late ) buf_printf(out, i18n_get(lang, N_("%d done late")), late);
  if( late && open ) buf_puts(out, ", ");
  if( open ) buf_printf(out, i18n_get(lang, N_("%d still open past the due time")), open);
  buf_puts(out, "\n");
}

/* One officer's breaches of the month. */
typedef struct OfficerCount { const char *username; int n; } OfficerCount;
/* Most breaches first, then by username; the unassigned ("") last. */
static int officer_cmp(const void *pa, const void *pb){
  const OfficerCount *x = pa, *y = pb;
  if( (*x->username==0) != (*y->username==0) ) return *x->username==0 ? 1 : -1;
  if( x->n != y->n ) return x->n > y->n ? -1 : 1;
  return strcmp(x->username, y->username);
}

/* The month's breaches per officer, the lines of the mail (the SOPs: whoever did a step late,
** or left it past due, accounts for it): "- Joko Susilo (joko): 5", the full name when the
** account has one; an open step no one was given counts as "belum ditugaskan" (in lang). */
static int breaches_by_officer(Db *db, const Compliance *c, Buf *out, const char *lang, Arena *a){
  OfficerCount *v = 0;
  int n = 0, cap = 0;
  for(int i=0; i<c->nbreaches; i++){
    const char *who = c->breaches[i].officer ? c->breaches[i].officer : "";
    int k = 0;
    while( k<n && strcmp(v[k].username, who) ) k++;
    if( k==n ){
      v = arena_grow(a, v, sizeof *v, n, &cap);
      v[n++] = (OfficerCount){ who, 0 };
    }
    v[k].n++;
  }
  if( n==0 ){ buf_printf(out, "- (%s)\n", i18n_get(lang, N_("none"))); return OK; }
  qsort(v, (size_t)n, sizeof *v, officer_cmp);
  Stmt *q = db_prepare(db, "SELECT full_name FROM users WHERE username=?1");
  if( q==0 ) return ERR_DB;
  for(int k=0; k<n; k++){
    if( *v[k].username==0 ){ buf_printf(out, "- (%s): %d\n", i18n_get(lang, N_("not assigned yet")), v[k].n); continue; }
    db_bind_text(q, 1, v[k].username);
    const char *full = db_step(q)==DB_ROW ? arena_strdup(a, db_col_text(q, 0)) : "";
    db_reset(q);
    if( *full ) buf_printf(out, "- %s (%s): %d\n", full, v[k].username, v[k].n);
    else buf_printf(out, "- %s: %d\n", v[k].username, v[k].n);
  }
  db_reset(q);   /* prepared even when every breach is unassigned (nothing stepped it) */
  return OK;
}

typedef struct Offices { Office *v; int n, cap; } Offices;
/* Collect one office (office_each's callback): every one, a national deployment hosts hundreds. */
static void office_add(void *ctx, const Office *o){
  Offices *s = ctx;
  if( s->n==s->cap ){
    s->cap = s->cap ? s->cap*2 : 16;
    s->v = xrealloc(s->v, (size_t)s->cap*sizeof *s->v);
  }
  s->v[s->n++] = *o;
}

/* The words of a month's report mail in a language: the month, the period, the shares, the
** lines per procedure step and per officer. */
typedef struct MonthText { const char *month, *period, *share, *pshare, *rows, *officers; } MonthText;

/* Fill t for the month [from, to) of office o in lang (in the arena). */
static int month_text(Db *db, const Office *o, const Compliance *c, int64_t from, int64_t to, int64_t pmet,
                      int64_t ptimed, const char *lang, MonthText *t, Arena *a){
  char words[32], d1[40], d2[40];
  time_fmt_month(words, sizeof words, from, o->tz, lang, 0);
  time_fmt_date(d1, sizeof d1, from, o->tz, lang);
  time_fmt_date(d2, sizeof d2, to - 1, o->tz, lang);
  t->month = arena_strdup(a, words);
  t->period = arena_printf(a, "%s – %s", d1, d2);
  t->share = share_words(a, c->total.met, c->total.timed, lang);
  t->pshare = share_words(a, pmet, ptimed, lang);
  Buf rows = BUF_INIT;
  for(int i=0; i<c->nrows; i++){
    const ComplianceRow *w = &c->rows[i];
    /* the breaches of a row (by their due time): those done late, those still open */
    int late = w->breaches - w->breaches_open, open = w->breaches_open;
    buf_puts(&rows, "- ");
    buf_printf(&rows, i18n_get(lang, N_("%s step %d")), w->sop_code, w->step);
    if( w->items ) buf_printf(&rows, " (%s)", i18n_get(lang, N_("preparation items")));   /* its figures count them, not the step */
    buf_puts(&rows, ": ");
    if( w->timed > 0 ){
      buf_printf(&rows, "%d/%d (%s), median %s, p90 %s", w->met, w->timed, share_words(a, w->met, w->timed, lang),
                 report_row_duration(a, w, w->median_s, lang), report_row_duration(a, w, w->p90_s, lang));
    }else if( w->done > 0 ) buf_printf(&rows, i18n_get(lang, N_("no time standard, steps done: %d")), w->done);
    else buf_puts(&rows, i18n_get(lang, N_("none done yet")));
    buf_puts(&rows, "\n");
    breach_words(&rows, late, open, lang);
  }
  if( c->nrows==0 ) buf_printf(&rows, "- (%s)\n", i18n_get(lang, N_("no step was done")));
  t->rows = arena_strdup(a, buf_str(&rows));
  buf_free(&rows);
  Buf officers = BUF_INIT;
  int rc = breaches_by_officer(db, c, &officers, lang, a);
  t->officers = arena_strdup(a, buf_str(&officers));
  buf_free(&officers);
  return rc;
}

/* Mail one office's report for the month before now, when its first working day has come
** and it was not mailed yet. *mailed gets the messages queued. */
static int office_mail(Db *db, const Office *o, int64_t now, const char *base_url, int *mailed){
  Calendar *cal = calendar_load(db, o->id);
  if( cal==0 ) return ERR_DB;
  int64_t first = first_workday(cal, o->tz, now);
  calendar_free(cal);
  if( first==0 || now < first ) return OK;
  int64_t to = report_month_start(now, o->tz, 0), from = report_month_start(now, o->tz, -1);
  int started = 0;
  if( office_started(db, o->id, to, &started)!=OK ) return ERR_DB;
  if( !started ) return OK;
  char day1[11], day2[11], key[8];
  register_today(day1, from, o->tz);
  register_today(day2, to - 1, o->tz);
  snprintf(key, sizeof key, "%.7s", day1);   /* "2026-01" */
  Stmt *q = db_prepare(db, "SELECT count(*) FROM report_mail WHERE office_id=?1 AND month=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, o->id);
  db_bind_text(q, 2, key);
  int done = db_step(q)==DB_ROW ? db_col_int(q, 0) : -1;
  db_reset(q);
  if( done < 0 ) return ERR_DB;
  if( done > 0 ) return OK;

  Arena a;
  arena_init(&a);
  ComplianceFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = o->id;
  f.from = from;
  f.to = to;
  f.now = now;
  f.breach_limit = 1000000;   /* every breach: they are counted per officer below */
  Compliance c;
  int rc = compliance_report(db, &f, &c, &a);
  int64_t ptimed = 0, pmet = 0;
  if( rc==OK ) rc = compliance_count(db, o->id, report_month_start(now, o->tz, -2), from, 0, &ptimed, &pmet);
  if( rc!=OK ){ arena_free(&a); return rc; }
  /* the words of the mail in each language, the heads' own (or the office's default) */
  MonthText text[2];
  for(int l=0; l<2 && rc==OK; l++) rc = month_text(db, o, &c, from, to, pmet, ptimed, l ? "en" : "id", &text[l], &a);
  if( rc!=OK ){ arena_free(&a); return rc; }
  char cases[16], donez[16], timed[16], met[16], late[16], overdue[16], overdue_prep[16], breaches[16];
  snprintf(cases, sizeof cases, "%d", c.total.cases);
  snprintf(donez, sizeof donez, "%d", c.total.done);
  snprintf(timed, sizeof timed, "%d", c.total.timed);
  snprintf(met, sizeof met, "%d", c.total.met);
  /* the breaches, as the compliance report counts them (their due time in the month): the steps
  ** done past their standard and the steps still open past their due time */
  snprintf(late, sizeof late, "%d", c.breaches_total - c.breaches_open);
  /* those still open: the steps, and a training's preparation items (its rows count them, each
  ** against its own deadline: items, not steps) on a line of their own */
  int open_items = 0;
  for(int i=0; i<c.nrows; i++) if( c.rows[i].items ) open_items += c.rows[i].breaches_open;
  snprintf(overdue, sizeof overdue, "%d", c.breaches_open - open_items);
  snprintf(overdue_prep, sizeof overdue_prep, "%d", open_items);
  snprintf(breaches, sizeof breaches, "%d", c.breaches_total);
  char seen[256];
  base_url = office_link_base(db, o->id, base_url, seen, sizeof seen);   /* the office's address first */
  const char *link = arena_printf(&a, "%s/laporan/kepatuhan?from=%s&to=%s", base_url, day1, day2);

  /* the claim first: the office and month's row, in the same transaction as the mails. Two
  ** nodes may both have seen it missing above; the second one's insert finds the first's
  ** row (write transactions run one at a time on both engines) and queues nothing. */
  int own, claimed = 0;
  rc = db_tx_begin(db, &own);
  int n = 0;
  if( rc==OK ){
    Stmt *w = db_prepare(db, "INSERT INTO report_mail(office_id, month, sent_at, recipients) VALUES(?1,?2,?3,0)"
                             " ON CONFLICT(office_id, month) DO NOTHING");
    if( w==0 ) rc = ERR_DB;
    else{
      db_bind_int64(w, 1, o->id);
      db_bind_text(w, 2, key);
      db_bind_int64(w, 3, now);
      rc = db_run(w);
      claimed = rc==OK && db_changes(db)==1;
    }
  }
  if( rc==OK && claimed ){
    Stmt *u = db_prepare(db, "SELECT u.username, u.full_name, u.email, u.lang FROM user_role ur JOIN users u ON u.id=ur.user_id"
                             " WHERE ur.office_id=?1 AND ur.role='ketua' AND u.disabled=0 ORDER BY u.id");
    if( u==0 ) rc = ERR_DB;
    else{
      db_bind_int64(u, 1, o->id);
      /* collect first: the queue writes while the reader is open would be fine in SQLite,
      ** but not every engine allows it */
      const char *names[32], *emails[32];
      int en[32];
      int k = 0, st;
      while( (st = db_step(u))==DB_ROW && k < 32 ){
        const char *full = db_col_text(u, 1), *lang = db_col_text(u, 3);
        names[k] = arena_strdup(&a, *full ? full : db_col_text(u, 0));
        emails[k] = arena_strdup(&a, db_col_text(u, 2));
        /* the head's own language, else the office's default (loket.conf default_lang) */
        en[k] = util_str_eq(mail_lang(lang), "en");
        k++;
      }
      db_reset(u);
      for(int i=0; i<k && rc==OK; i++){
        if( *emails[i]==0 ) continue;
        const MonthText *t = &text[en[i]];
        const char *vars[] = { "name", names[i], "office", o->name, "month", t->month, "period", t->period, "cases", cases,
                               "done", donez, "timed", timed, "met", met, "share", t->share, "late", late,
                               "overdue", overdue, "overdue_prep", overdue_prep, "breaches", breaches,
                               "previous_share", t->pshare, "rows", t->rows, "officers", t->officers,
                               "link", link, 0 };
        Buf subject = BUF_INIT, body = BUF_INIT;
        char err[256];
        if( mail_render_lang("monthly-report", en[i] ? "en" : "id", vars, &subject, &body, err, sizeof err)!=OK ){
          log_error("report mail: template: %s", err);
          rc = ERR_INVALID;
        }else{
          Err e = {0};
          Actor sys = { 0, "system", o->id, "" };
          int mrc = mail_queue(db, &sys, o->id, emails[i], buf_str(&subject), buf_str(&body), 0, &e);
          if( mrc==OK ) n++;
          else if( mrc!=ERR_INVALID ) rc = mrc;
        }
        buf_free(&subject);
        buf_free(&body);
      }
    }
  }
  if( rc==OK && claimed && n==0 ){
    /* no head with an address yet: the month is not claimed, a later pass sends it once there is one */
    db_tx_end(db, own, ERR_NOTFOUND);
    arena_free(&a);
    return OK;
  }
  if( rc==OK && claimed ){
    Stmt *w = db_prepare(db, "UPDATE report_mail SET recipients=?3 WHERE office_id=?1 AND month=?2");
    if( w==0 ) rc = ERR_DB;
    else{
      db_bind_int64(w, 1, o->id);
      db_bind_text(w, 2, key);
      db_bind_int(w, 3, n);
      rc = db_run(w);
    }
  }
  if( rc==OK && claimed ){
    Actor sys = { 0, "system", o->id, "" };
    char detail[96];
    snprintf(detail, sizeof detail, "month %s; %d recipient(s)", key, n);
    rc = audit_write(db, &sys, "report.mail", arena_printf(&a, "report_mail:%s", key), detail);
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK ) *mailed += n;
  arena_free(&a);
  return rc;
}

/* Mail every office's monthly report that is due at now; *mailed (may be NULL) gets the
** number of messages queued. */
int report_mail_due(Db *db, int64_t now, const char *base_url, int *mailed){
  Offices s = {0, 0, 0};
  int m = 0;
  int rc = office_each(db, office_add, &s)==OK ? OK : ERR_DB;
  for(int i=0; i<s.n && rc==OK; i++) rc = office_mail(db, &s.v[i], now, base_url, &m);
  free(s.v);
  if( mailed ) *mailed = m;
  return rc;
}

/* ---- the thread of `loket serve` ---- */
#define REPORT_MAIL_POLL_S 600

/* The pass every ten minutes (and once at the start). */
static void report_mail_tick(void){
  Db *db = db_thread();
  int n = 0;
  if( report_mail_due(db, time_now(), "", &n)==OK && n ) log_info("report: monthly compliance report mailed to %d head(s)", n);
  db_unreset(db);   /* a statement a pass forgot: logged and reset */
}

static Worker report_worker = WORKER_INIT("report", report_mail_tick);

/* Start the monthly report's thread. */
int report_mail_start(void){
  return worker_start(&report_worker, REPORT_MAIL_POLL_S);
}

/* Stop it and wait. */
void report_mail_stop(void){
  worker_stop(&report_worker);
}
