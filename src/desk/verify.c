/*
** verify.c — registering and verifying providers (OI-01): the office's settings
** and checklist, appointments, the verification walked as a case of OI-01, the
** national blacklist, the card's signed code, and the watcher that reminds,
** warns and lapses. Every change writes its audit row in its transaction.
*/
#include "verify.h"
#include "desk.h"
#include "portal.h"   /* portal_service_open */
#include "../core/worker.h"
#include "../sop/number.h"
#include "../sop/case.h"
#include "../sop/calendar.h"
#include "../sop/attach.h"
#include "../mail/mail.h"
#include <sodium.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* SQL, for a verification v and its case k (LEFT JOIN): the status it is seen in: its own, or
** "cancelled" when its case was cancelled on the case page while it was under way (it takes no
** action any more, and the NPWP may book again), as an account request does. */
#define V_STATUS "CASE WHEN v.status IN ('waiting','checking','returned') AND k.cancel_reason IS NOT NULL" \
  " THEN 'cancelled' ELSE v.status END"
/* SQL: v is under way (its case, if any, not cancelled). */
#define V_UNDER_WAY "v.status IN ('waiting','checking','returned')" \
  " AND NOT EXISTS(SELECT 1 FROM kasus k WHERE k.id=v.case_id AND k.cancel_reason IS NOT NULL)"

#define DAY_S 86400

/* The zone of an office ("WIB" when unknown). */
static const char *v_tz(Db *db, int64_t office_id, Office *o){
  if( office_get(db, office_id, o)!=OK ){ memset(o, 0, sizeof *o); snprintf(o->tz, sizeof o->tz, "WIB"); }
  return o->tz;
}

/* The last working day of the office before a registration lapses (at lapse_at, a midnight), in
** words in lang: the day the provider must come by at the latest, when the days just before the
** lapse are a weekend or a holiday; out "" when the office opens on none of the 31 days before. */
static void v_last_day(Db *db, int64_t office_id, int64_t lapse_at, const char *tz, const char *lang, char *out, size_t n){
  *out = 0;
  Calendar *cal = calendar_load(db, office_id);
  if( cal==0 ) return;
  for(int k=1; k<=31; k++){
    int64_t noon = lapse_at - (int64_t)k*DAY_S + DAY_S/2;
    if( calendar_is_workday(cal, noon) ){ time_fmt_date(out, n, noon, tz, lang); break; }
  }
  calendar_free(cal);
}

/* Midnight starting the day of t in zone tz. */
static int64_t v_midnight(int64_t t, const char *tz){
  int off = tz_offset_minutes(tz);
  int64_t o = (int64_t)(off<0 ? 420 : off)*60;
  int64_t l = t + o;
  int64_t d = l>=0 ? l/DAY_S : -((-l + DAY_S - 1)/DAY_S);
  return d*DAY_S - o;
}

/* The day (YYYY-MM-DD) of t in zone tz. */
static void v_day(int64_t t, const char *tz, char out[11]){
  int off = tz_offset_minutes(tz);
  int64_t l = t + (int64_t)(off<0 ? 420 : off)*60;
  calendar_day_text(l>=0 ? l/DAY_S : -((-l + DAY_S - 1)/DAY_S), out);
}

/* The weekday (0 Sunday) of a day starting at midnight m in zone tz. */
static int v_weekday(int64_t m, const char *tz){
  int off = tz_offset_minutes(tz);
  int64_t d = (m + (int64_t)(off<0 ? 420 : off)*60)/DAY_S;
  return (int)(((d % 7) + 7 + 4) % 7);    /* 1970-01-01 was a Thursday */
}

/* Render a template in the provider's language and queue it to them, in the caller's transaction. */
static int v_mail(Db *db, const Actor *who, int64_t office_id, const char *to, const char *lang, const char *tpl,
                  const char *const *vars){
  Buf subject = BUF_INIT, body = BUF_INIT;
  char err[200];
  int rc = mail_render_lang(tpl, lang, vars, &subject, &body, err, sizeof err);
  if( rc!=OK ) log_error("verify: mail template %s: %s", tpl, err);
  else rc = mail_queue(db, who, office_id, to, buf_str(&subject), buf_str(&body), 0, 0);
  buf_free(&subject);
  buf_free(&body);
  return rc;
}

/* ---- settings ---- */

/* The settings of an office, or the defaults. */
int verify_settings_get(Db *db, int64_t office_id, VerifySettings *s){
  static const int cap_default[7] = { 0, 10, 10, 10, 10, 10, 0 };
  s->card_copies = 4; s->lapse_days = 30; s->warn_days = 7; s->ahead_days = 30; s->book_limit = 5;
  memcpy(s->capacity, cap_default, sizeof s->capacity);
  Stmt *q = db_prepare(db, "SELECT card_copies, lapse_days, warn_days, ahead_days, book_limit FROM verify_setting"
                           " WHERE office_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  if( db_step(q)==DB_ROW ){
    s->card_copies = db_col_int(q, 0); s->lapse_days = db_col_int(q, 1); s->warn_days = db_col_int(q, 2);
    s->ahead_days = db_col_int(q, 3); s->book_limit = db_col_int(q, 4);
  }
  db_reset(q);
  q = db_prepare(db, "SELECT weekday, capacity FROM verify_capacity WHERE office_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  while( db_step(q)==DB_ROW ){
    int w = db_col_int(q, 0);
    if( w>=0 && w<7 ) s->capacity[w] = db_col_int(q, 1);
  }
  db_reset(q);
  return OK;
}

/* Check an office's settings, every one wrong added to all; nothing read. */
int verify_settings_check(const VerifySettings *s, Err *all){
  if( s->card_copies<1 || s->card_copies>8 ) err_add(all, "card_copies", N_("must be 1 to 8"));
  int lapse_ok = s->lapse_days>=1 && s->lapse_days<=365;
  if( !lapse_ok ) err_add(all, "lapse_days", N_("must be 1 to 365"));
  if( s->warn_days<0 || s->warn_days>60 || (lapse_ok && s->warn_days>=s->lapse_days) ){
    err_add(all, "warn_days", N_("must be 0 to 60 and fewer than the days before a registration lapses"));
  }
  if( s->ahead_days<1 || s->ahead_days>120 ) err_add(all, "ahead_days", N_("must be 1 to 120"));
  if( s->book_limit<1 || s->book_limit>1000 ) err_add(all, "book_limit", N_("must be 1 to 1000"));
  for(int i=0; i<7; i++){
    if( s->capacity[i]<0 || s->capacity[i]>500 ) err_add(all, "capacity", N_("each day's capacity must be 0 to 500"));
  }
  return all->msg ? ERR_INVALID : OK;
}

/* Check and store the settings of an office (every one wrong named at once), audited. */
int verify_settings_set(Db *db, const Actor *who, int64_t office_id, const VerifySettings *s, Err *e){
  Err all = {0};
  if( verify_settings_check(s, &all)!=OK ){ if( e ) *e = all; return ERR_INVALID; }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "INSERT INTO verify_setting(office_id, card_copies, lapse_days, warn_days, ahead_days, book_limit)"
                           " VALUES(?1,?2,?3,?4,?5,?6) ON CONFLICT(office_id) DO UPDATE SET card_copies=?2, lapse_days=?3,"
                           " warn_days=?4, ahead_days=?5, book_limit=?6");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, office_id);
    db_bind_int(q, 2, s->card_copies); db_bind_int(q, 3, s->lapse_days); db_bind_int(q, 4, s->warn_days);
    db_bind_int(q, 5, s->ahead_days); db_bind_int(q, 6, s->book_limit);
    rc = db_run(q);
  }
  for(int i=0; rc==OK && i<7; i++){
    q = db_prepare(db, "INSERT INTO verify_capacity(office_id, weekday, capacity) VALUES(?1,?2,?3)"
                       " ON CONFLICT(office_id, weekday) DO UPDATE SET capacity=?3");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, office_id);
    db_bind_int(q, 2, i);
    db_bind_int(q, 3, s->capacity[i]);
    rc = db_run(q);
  }
  if( rc==OK ){
    char d[200];
    snprintf(d, sizeof d, "copies %d; lapse %d days, warned %d before; ahead %d; %d/hour; capacity %d %d %d %d %d %d %d",
             s->card_copies, s->lapse_days, s->warn_days, s->ahead_days, s->book_limit, s->capacity[0], s->capacity[1],
             s->capacity[2], s->capacity[3], s->capacity[4], s->capacity[5], s->capacity[6]);
    rc = audit_write(db, who, "verify.settings", "verify_setting", d);
  }
  return db_tx_end(db, own, rc);
}

/* ---- the checklist ---- */

static const CheckItem checklist_default[] = {
  { 1,  "Formulir Keikutsertaan (ditandatangani, dicap, bermeterai)", 1, 0, 0 },
  { 2,  "Surat Kuasa (bila yang datang bukan direktur)", 0, 0, 0 },
  { 3,  "Formulir pendaftaran online yang dicetak", 1, 0, 0 },
  { 4,  "KTP direktur", 1, 0, 0 },
  { 5,  "NPWP perusahaan", 1, 0, 0 },
  { 6,  "SIUP / SIUJK / SBU (sekarang: NIB)", 1, 0, 0 },
  { 7,  "Akta pendirian / perubahan", 1, 0, 0 },
  { 8,  "TDP", 1, 0, 0 },
  { 9,  "SITU / HO / surat keterangan domisili", 1, 0, 0 },
  { 10, "Surat pengukuhan PKP", 1, 0, 0 },
  { 11, "Pengesahan Menkumham", 1, 0, 0 },
  { 12, "SPT tahunan terakhir", 1, 0, 0 },
};

/* The default checklist. */
const CheckItem *verify_checklist_default(int *n){
  *n = (int)COUNT(checklist_default);
  return checklist_default;
}

/* Check a checklist's shape and titles. */
int verify_checklist_check(const CheckItem *items, int n, Err *e){
  if( n<1 || n>VERIFY_ITEMS_MAX ){ ERR_SET(e, "items", N_("must hold 1 to 40 items")); return ERR_INVALID; }
  for(int i=0; i<n; i++){
    if( items[i].no!=i+1 ){ ERR_SET(e, "items", N_("items must be numbered 1, 2, 3 … in order")); return ERR_INVALID; }
    const char *t = items[i].title;
    if( util_blank(t) || util_utf8_len(t)>VERIFY_ITEM_TITLE_MAX || util_has_control(t, 0) ){
      ERR_SET(e, "items", N_("every item needs a title of one line, at most 200 characters"));
      return ERR_INVALID;
    }
    if( items[i].required!=0 && items[i].required!=1 ){ ERR_SET(e, "items", N_("required is true or false")); return ERR_INVALID; }
  }
  return OK;
}

/* The office's checklist, else the default. */
int verify_checklist_get(Db *db, int64_t office_id, CheckItem **items, int *n, Arena *a){
  *items = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT no, title, required FROM verify_checklist WHERE office_id=?1 ORDER BY no");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  CheckItem *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    CheckItem *w = &v[(*n)++];
    memset(w, 0, sizeof *w);
    w->no = db_col_int(q, 0);
    w->title = arena_strdup(a, db_col_text(q, 1));
    w->required = db_col_int(q, 2);
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  if( *n==0 ){
    int k;
    const CheckItem *d = verify_checklist_default(&k);
    v = arena_alloc(a, sizeof *v * (size_t)k);
    memcpy(v, d, sizeof *v * (size_t)k);
    *n = k;
  }
  *items = v;
  return OK;
}

/* Replace the office's checklist. */
int verify_checklist_set(Db *db, const Actor *who, int64_t office_id, const CheckItem *items, int n, Err *e){
  int rc = verify_checklist_check(items, n, e);
  if( rc!=OK ) return rc;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = db_run_id(db, "DELETE FROM verify_checklist WHERE office_id=?1", office_id);
  for(int i=0; rc==OK && i<n; i++){
    Stmt *q = db_prepare(db, "INSERT INTO verify_checklist(office_id, no, title, required) VALUES(?1,?2,?3,?4)");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, office_id);
    db_bind_int(q, 2, items[i].no);
    db_bind_text(q, 3, items[i].title);
    db_bind_int(q, 4, items[i].required);
    rc = db_run(q);
  }
  if( rc==OK ){
    char d[48];
    snprintf(d, sizeof d, "%d items", n);
    rc = audit_write(db, who, "verify.checklist", "verify_checklist", d);
  }
  return db_tx_end(db, own, rc);
}

/* The required items not present and matching, listed into out. */
int verify_missing(const CheckItem *items, int n, Buf *out){
  int k = 0;
  for(int i=0; i<n; i++){
    if( !items[i].required || (items[i].present && items[i].matches) ) continue;
    if( out ) buf_printf(out, "%s%d. %s", k ? "; " : "", items[i].no, items[i].title);
    k++;
  }
  return k;
}

/* ---- appointments ---- */

/* The days one may book, each with its capacity and bookings. */
int verify_days(Db *db, int64_t office_id, int64_t now, VerifyDay **days, int *n, Arena *a){
  *days = 0;
  *n = 0;
  VerifySettings s;
  if( verify_settings_get(db, office_id, &s)!=OK ) return ERR_DB;
  Calendar *cal = calendar_load(db, office_id);
  if( cal==0 ) return ERR_DB;
  const char *tz = calendar_tz(cal);
  int64_t m0 = v_midnight(now, tz);
  char from[11], to[11];
  v_day(m0 + DAY_S + 3600, tz, from);
  v_day(m0 + (int64_t)s.ahead_days*DAY_S + 3600, tz, to);
  VerifyDay *v = arena_alloc(a, sizeof *v * (size_t)s.ahead_days);
  for(int d=1; d<=s.ahead_days; d++){
    int64_t m = m0 + (int64_t)d*DAY_S;
    int cap = s.capacity[v_weekday(m, tz)];
    if( cap<=0 || !calendar_is_workday(cal, m + 12*3600) ) continue;
    VerifyDay *w = &v[(*n)++];
    v_day(m + 3600, tz, w->day);
    w->capacity = cap;
    w->booked = 0;
  }
  calendar_free(cal);
  Stmt *q = db_prepare(db, "SELECT day, count(*) FROM verify_appointment WHERE office_id=?1 AND status<>'cancelled'"
                           " AND day>=?2 AND day<=?3 GROUP BY day");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, from);
  db_bind_text(q, 3, to);
  while( db_step(q)==DB_ROW ){
    const char *day = db_col_text(q, 0);
    for(int i=0; i<*n; i++) if( strcmp(v[i].day, day)==0 ) v[i].booked = db_col_int(q, 1);
  }
  db_reset(q);
  for(int i=0; i<*n; i++) v[i].free = v[i].booked<v[i].capacity ? v[i].capacity - v[i].booked : 0;
  *days = v;
  return OK;
}

/* Checked and normalised provider data. */
typedef struct VIn {
  char npwp[24], phone[24];
  int64_t registered_at, lapse_at;
} VIn;

/* 1 when z is a user ID of SPSE as it may be written: letters, digits and . _ - @, at most 64. */
static int v_spse_user_ok(const char *z){
  return strlen(z)<=64 && strspn(z, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")==strlen(z);
}

/* 1 when z is a NIB: 13 digits. */
static int v_nib_ok(const char *z){
  return strlen(z)==13 && strspn(z, "0123456789")==13;
}

/* Check what a provider gives, naming every field that is wrong; registered_on decides the lapse. */
static int v_check_input(const VerifyInput *in, const VerifySettings *s, const char *tz, int64_t now, VIn *o, Err *e){
  memset(o, 0, sizeof *o);
  Err all = {0}, ie = {0};
  err_check_text(&all, "company", in->company, 200, TEXT_REQUIRED);
  if( util_blank(in->npwp) ) err_add(&all, "npwp", N_("This field is required"));
  else if( ident_npwp(in->npwp, 0, o->npwp, sizeof o->npwp, &ie)!=OK ) err_add_n(&all, "npwp", ie.msg ? ie.msg : N_("is not valid"), ie.n);
  if( util_blank(in->email) ) err_add(&all, "email", N_("This field is required"));
  else if( ident_email(in->email, &ie)!=OK ) err_add_n(&all, "email", ie.msg ? ie.msg : N_("is not valid"), ie.n);
  if( !util_blank(in->phone) && ident_phone(in->phone, o->phone, sizeof o->phone, 0, &ie)!=OK ){
    err_add_n(&all, "phone", ie.msg ? ie.msg : N_("is not valid"), ie.n);
  }
  err_check_text(&all, "contact", in->contact, 128, TEXT_REQUIRED);
  if( !util_blank(in->nib) && !v_nib_ok(in->nib) ) err_add(&all, "nib", N_("A NIB has 13 digits"));
  if( !util_blank(in->spse_user) && !v_spse_user_ok(in->spse_user) ){
    err_add(&all, "spse_user", N_("A user ID has only letters, digits and . _ - @"));
  }
  if( util_blank(in->registered_on) ) o->registered_at = v_midnight(now, tz);   /* registered today */
  else if( time_parse_day(in->registered_on, tz, &o->registered_at)!=OK ){
    err_add(&all, "registered_on", N_("Write a real date from 1970 on, as YYYY-MM-DD"));
  }
  int64_t dm;
  if( !util_blank(in->day) && time_parse_day(in->day, tz, &dm)!=OK ) err_add(&all, "day", N_("Write a real date from 1970 on, as YYYY-MM-DD"));
  o->lapse_at = o->registered_at + (int64_t)s->lapse_days*DAY_S;
  if( err_about(&all, "registered_on")==0 ){
    if( o->registered_at>now ) err_add(&all, "registered_on", N_("The online registration cannot be in the future"));
    else if( o->lapse_at<=now ) err_add(&all, "registered_on", N_("The online registration has lapsed: register again in SPSE"));
  }
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* The office's zone and verification settings, and what a provider gives checked against them. */
static int v_prepare(Db *db, int64_t office_id, const VerifyInput *in, int64_t now, Office *o, const char **tz,
                     VerifySettings *s, VIn *c, Err *e){
  *tz = v_tz(db, office_id, o);
  if( verify_settings_get(db, office_id, s)!=OK ) return ERR_DB;
  return v_check_input(in, s, *tz, now, c, e);
}

/* Check what a provider gives as verify_book and verify_walk_in do, writing nothing. */
int verify_input_check(Db *db, int64_t office_id, const VerifyInput *in, Err *e){
  Office o;
  const char *tz;
  VerifySettings s;
  VIn c;
  return v_prepare(db, office_id, in, time_now(), &o, &tz, &s, &c, e);
}

/* The provider in the office's directory (an org found by NPWP, else new). */
static int v_party(Db *db, int64_t office_id, const char *name, const char *npwp_digits, const char *email,
                   const char *phone, int64_t *id){
  /* the directory keeps an NPWP in its 16-digit form (an old number with a leading 0: desk/directory.c) */
  char npwp[24];
  snprintf(npwp, sizeof npwp, "%s%.20s", strlen(npwp_digits)==15 ? "0" : "", npwp_digits);
  Stmt *q = db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND kind='org' AND npwp=?2 ORDER BY id LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, npwp);
  *id = db_step(q)==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  if( *id ) return OK;
  q = db_prepare(db, "INSERT INTO party(office_id, kind, org_type, name, npwp, email, phone, created_at)"
                     " VALUES(?1,'org','provider',?2,?3,lower(CAST(?4 AS TEXT)),?5,?6) RETURNING id");   /* the address as the directory keeps it */
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, name);
  db_bind_text(q, 3, npwp);
  db_bind_text(q, 4, email);
  db_bind_text(q, 5, util_blank(phone) ? 0 : phone);
  db_bind_int64(q, 6, time_now());
  int rc = db_step(q);
  *id = rc==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  return rc==DB_ROW ? OK : db_last_error(db);
}

/* Insert a verification waiting for the provider; an open one of the same NPWP is a conflict. */
static int v_insert(Db *db, const Actor *who, int64_t office_id, const VerifyInput *in, const VIn *c,
                    int64_t *id, Err *e){
  /* one under way per NPWP; but one whose appointments were all cancelled by the provider (not
  ** come, no case) is booked again, with what is given now. One taxpayer, either form of the
  ** number (old 15 digits, new 16). */
  char f16[20], f15[20];
  if( ident_npwp_forms(c->npwp, f16, f15)!=OK ){ ERR_SET(e, "npwp", N_("is not valid")); return ERR_INVALID; }
  Stmt *q = db_prepare(db, "SELECT v.id, CASE WHEN v.status='waiting' AND v.case_id IS NULL"
                           " AND EXISTS(SELECT 1 FROM verify_appointment a WHERE a.verification_id=v.id)"
                           " AND NOT EXISTS(SELECT 1 FROM verify_appointment a WHERE a.verification_id=v.id AND a.status<>'cancelled')"
                           " THEN 1 ELSE 0 END FROM verification v WHERE v.office_id=?1 AND v.npwp IN (?2, ?3)"
                           " AND " V_UNDER_WAY " ORDER BY 2 LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, f16);
  db_bind_text(q, 3, f15);
  int open = db_step(q)==DB_ROW;
  int64_t again = open && db_col_int(q, 1)==1 ? db_col_int64(q, 0) : 0;
  db_reset(q);
  if( open && again==0 ){ ERR_SET(e, "npwp", N_("A verification of this NPWP is already under way")); return ERR_CONFLICT; }
  int64_t party;
  int rc = v_party(db, office_id, in->company, c->npwp, in->email, c->phone, &party);
  if( rc!=OK ) return rc;
  if( again ){
    q = db_prepare(db, "UPDATE verification SET party_id=?2, company=?3, nib=?4, contact=?5, email=?6, phone=?7, spse_user=?8,"
                       " registered_at=?9, lapse_at=?10, lang=?11 WHERE id=?1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, again);
    db_bind_int64(q, 2, party);
    db_bind_text(q, 3, in->company);
    db_bind_text(q, 4, in->nib ? in->nib : "");
    db_bind_text(q, 5, in->contact);
    db_bind_text(q, 6, in->email);
    db_bind_text(q, 7, c->phone);
    db_bind_text(q, 8, in->spse_user ? in->spse_user : "");
    db_bind_int64(q, 9, c->registered_at);
    db_bind_int64(q, 10, c->lapse_at);
    db_bind_text(q, 11, i18n_lang(in->lang));
    rc = db_run(q);
    *id = rc==OK ? again : 0;
    return rc;
  }
  q = db_prepare(db, "INSERT INTO verification(office_id, party_id, status, company, npwp, nib, contact, email, phone,"
                     " spse_user, registered_at, lapse_at, created_at, created_by, lang)"
                     " VALUES(?1,?2,'waiting',?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14) RETURNING id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, party);
  db_bind_text(q, 3, in->company);
  db_bind_text(q, 4, c->npwp);
  db_bind_text(q, 5, in->nib ? in->nib : "");
  db_bind_text(q, 6, in->contact);
  db_bind_text(q, 7, in->email);
  db_bind_text(q, 8, c->phone);
  db_bind_text(q, 9, in->spse_user ? in->spse_user : "");
  db_bind_int64(q, 10, c->registered_at);
  db_bind_int64(q, 11, c->lapse_at);
  db_bind_int64(q, 12, time_now());
  db_bind_text(q, 13, who && who->username ? who->username : "anonymous");
  db_bind_text(q, 14, i18n_lang(in->lang));
  rc = db_step(q);
  *id = rc==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  return rc==DB_ROW ? OK : db_last_error(db);
}

/* Who verified the provider (see verify.h). */
const char *verify_verifier(Db *db, const Verification *v, Arena *a){
  User u;
  if( v->decided_by && *v->decided_by && user_by_name(db, v->decided_by, &u)==OK ){
    return arena_strdup(a, u.full_name[0] ? u.full_name : u.username);
  }
  return v->card_officer ? v->card_officer : "";
}

/* Book a day for a provider. */
static int v_cancel_token(int64_t office_id, int64_t appt_id, int64_t booked_at, char out[VERIFY_CODE_MAX]);

int verify_book(Db *db, const Actor *who, int64_t office_id, const VerifyInput *in, VerifyAppt *out,
                Arena *a, Err *e){
  memset(out, 0, sizeof *out);
  /* a booking becomes a case of OI-01 at arrival: none is taken while it is retired (nothing written) */
  if( portal_service_open(VERIFY_SOP, e)!=OK ) return ERR_CONFLICT;
  int64_t now = time_now();
  Office o;
  const char *tz;
  VerifySettings s;
  VIn c;
  /* the day is checked even when another field is wrong: every wrong field is named at once */
  Err all = {0};
  int rc = v_prepare(db, office_id, in, now, &o, &tz, &s, &c, &all);
  if( rc!=OK && rc!=ERR_INVALID ) return rc;
  int invalid = rc==ERR_INVALID;
  int64_t dm = 0;
  VerifyDay *days;
  int nd, cap = 0;
  rc = verify_days(db, office_id, now, &days, &nd, a);
  if( rc!=OK ) return rc;
  VerifyInput given = *in;
  const char *day_err = 0;
  if( util_blank(in->day) ){   /* the first day with a free place */
    for(int i=0; i<nd && util_blank(given.day); i++) if( days[i].booked<days[i].capacity ) given.day = days[i].day;
    if( util_blank(given.day) ) day_err = N_("No day is open for booking now.");
  }
  in = &given;
  if( day_err==0 && err_about(&all, "day")==0 ){
    if( time_parse_day(in->day, tz, &dm)!=OK ){ day_err = N_("Write a real date from 1970 on, as YYYY-MM-DD"); invalid = 1; }
    for(int i=0; i<nd; i++) if( strcmp(days[i].day, in->day)==0 ) cap = days[i].capacity;
    char today[11], last[11];   /* the window of verify_days: from tomorrow to ahead_days after today */
    int64_t m0 = v_midnight(now, tz);
    v_day(m0 + 3600, tz, today);
    v_day(m0 + (int64_t)s.ahead_days*DAY_S + 3600, tz, last);
    if( day_err==0 && cap==0 && strcmp(in->day, today)<=0 ) day_err = N_("Appointments are booked from tomorrow on: choose a later day");
    else if( day_err==0 && cap==0 && strcmp(in->day, last)>0 ) day_err = N_("This day is not open for booking yet: choose an earlier day");
    else if( day_err==0 && cap==0 ) day_err = N_("The office does not verify on that day: choose another");
    /* a registration day that is wrong itself says nothing of when it lapses */
    else if( day_err==0 && err_about(&all, "registered_on")==0 && dm>=c.lapse_at ){
      day_err = N_("This day is after your registration lapses: choose an earlier day");
    }
  }
  err_add(&all, "day", day_err);
  if( all.msg ){
    if( e ) *e = all;
    return invalid ? ERR_INVALID : ERR_CONFLICT;
  }
  /* bookings are counted by address as every limit of the portal: an IPv6 one with its /64
  ** (util_ip_block), kept so in the appointment's ip */
  char block[64];
  util_ip_block(in->ip ? in->ip : "", block, sizeof block);
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "SELECT count(*) FROM verify_appointment WHERE ip=?1 AND booked_at>?2");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_text(q, 1, block);
    db_bind_int64(q, 2, now - 3600);
    int k = db_step(q)==DB_ROW ? db_col_int(q, 0) : 0;
    db_reset(q);
    if( in->ip && *in->ip && k>=s.book_limit ){ ERR_SET(e, 0, N_("Too many bookings from this address: try again later")); rc = ERR_THROTTLED; }
  }
  int booked = 0, queue = 0;
  if( rc==OK ){
    q = db_prepare(db, "SELECT count(*), coalesce(max(queue_no),0) FROM verify_appointment WHERE office_id=?1 AND day=?2"
                       " AND status<>'cancelled'");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, office_id);
      db_bind_text(q, 2, in->day);
      if( db_step(q)==DB_ROW ){ booked = db_col_int(q, 0); queue = db_col_int(q, 1); }
      db_reset(q);
      if( booked>=cap ){ ERR_SET(e, "day", N_("This day is full: choose another")); rc = ERR_CONFLICT; }
    }
  }
  if( rc==OK ){   /* the numbers go on after a cancellation, never reused */
    q = db_prepare(db, "SELECT coalesce(max(queue_no),0) FROM verify_appointment WHERE office_id=?1 AND day=?2");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, office_id);
      db_bind_text(q, 2, in->day);
      if( db_step(q)==DB_ROW ) queue = db_col_int(q, 0);
      db_reset(q);
    }
  }
  int64_t vid = 0;
  if( rc==OK ) rc = v_insert(db, who, office_id, in, &c, &vid, e);
  int64_t remind = dm - DAY_S + 8*3600;       /* 08.00 the day before */
  if( remind<now ) remind = now;
  if( rc==OK ){
    q = db_prepare(db, "INSERT INTO verify_appointment(office_id, verification_id, day, queue_no, status, booked_at, ip,"
                       " reminder_at) VALUES(?1,?2,?3,?4,'booked',?5,?6,?7) RETURNING id");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, office_id);
      db_bind_int64(q, 2, vid);
      db_bind_text(q, 3, in->day);
      db_bind_int(q, 4, queue+1);
      db_bind_int64(q, 5, now);
      db_bind_text(q, 6, block);
      db_bind_int64(q, 7, remind);
      rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
      out->id = rc==OK ? db_col_int64(q, 0) : 0;
      db_reset(q);
    }
  }
  char qn[16], dayh[48];
  snprintf(qn, sizeof qn, "%d", queue+1);
  const char *lang = i18n_lang(in->lang);
  time_fmt_date(dayh, sizeof dayh, dm + 12*3600, tz, lang);
  char tok[VERIFY_CODE_MAX] = "", cancel[480] = "";
  char at[256];
  const char *base = office_link_base(db, office_id, in->base_url ? in->base_url : config_public_url(), at, sizeof at);
  if( rc==OK && v_cancel_token(office_id, out->id, now, tok)==OK ) snprintf(cancel, sizeof cancel, "%s/portal/verifikasi/batal/%s", base, tok);
  if( rc==OK ){
    const char *vars[] = { "name", in->contact, "company", in->company, "day", dayh, "queue", qn, "office", o.name,
                           "cancel", cancel[0] ? cancel : "-", 0 };
    rc = v_mail(db, who, office_id, in->email, lang, "verify-booked", vars);
  }
  if( rc==OK ){
    char obj[48];
    snprintf(obj, sizeof obj, "verification:%lld", (long long)vid);
    /* the printf engine's precision cuts between characters (snprintf's may cut inside one) */
    rc = audit_write(db, who, "verify.book", obj, arena_printf(a, "booked %s queue %d; %.100s NPWP %s", in->day, queue+1, in->company, c.npwp));
  }
  rc = db_tx_end(db, own, rc);
  if( rc!=OK ) return rc;
  out->verification_id = vid;
  out->day = arena_strdup(a, in->day);
  out->queue_no = queue+1;
  out->status = "booked";
  out->vstatus = "waiting";
  out->company = arena_strdup(a, in->company);
  out->npwp = arena_strdup(a, c.npwp);
  out->email = arena_strdup(a, in->email);
  out->phone = arena_strdup(a, c.phone);
  out->contact = arena_strdup(a, in->contact);
  out->booked_at = now;
  out->lang = lang;
  return OK;
}

/* The appointments of a day, by queue number. */
int verify_appointments(Db *db, int64_t office_id, const char *day, VerifyAppt **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT a.id, a.verification_id, a.day, a.queue_no, a.status, a.booked_at, v.company, v.npwp,"
                           " v.email, v.phone, v.contact, " V_STATUS ", v.lang FROM verify_appointment a"
                           " JOIN verification v ON v.id=a.verification_id LEFT JOIN kasus k ON k.id=v.case_id"
                           " WHERE a.office_id=?1 AND a.day=?2 ORDER BY a.queue_no");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, day);
  VerifyAppt *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    VerifyAppt *w = &v[(*n)++];
    w->id = db_col_int64(q, 0);
    w->verification_id = db_col_int64(q, 1);
    w->day = arena_strdup(a, db_col_text(q, 2));
    w->queue_no = db_col_int(q, 3);
    w->status = arena_strdup(a, db_col_text(q, 4));
    w->booked_at = db_col_int64(q, 5);
    w->company = arena_strdup(a, db_col_text(q, 6));
    w->npwp = arena_strdup(a, db_col_text(q, 7));
    w->email = arena_strdup(a, db_col_text(q, 8));
    w->phone = arena_strdup(a, db_col_text(q, 9));
    w->contact = arena_strdup(a, db_col_text(q, 10));
    w->vstatus = arena_strdup(a, db_col_text(q, 11));
    w->lang = i18n_lang(db_col_text(q, 12));
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  *rows = v;
  return OK;
}

/* A provider come without an appointment. */
int verify_walk_in(Db *db, const Actor *who, int64_t office_id, const VerifyInput *in, int64_t *id, Err *e){
  *id = 0;
  Office o;
  const char *tz;
  VerifySettings s;
  VIn c;
  int rc = v_prepare(db, office_id, in, time_now(), &o, &tz, &s, &c, e);
  if( rc!=OK ) return rc;
  if( sop_retired(VERIFY_SOP) ){   /* the provider is here to arrive, and no case could be opened: nothing written */
    err_set(e, 0, 0);   /* the refusal alone, naming the procedure */
    sop_retired_add(e, VERIFY_SOP);
    return ERR_CONFLICT;
  }
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = v_insert(db, who, office_id, in, &c, id, e);
  if( rc==OK ){
    char obj[48];
    snprintf(obj, sizeof obj, "verification:%lld", (long long)*id);
    Buf d = BUF_INIT;   /* the printf engine's precision cuts between characters (snprintf's may cut inside one) */
    buf_printf(&d, "walk-in; %.100s NPWP %s", in->company, c.npwp);
    rc = audit_write(db, who, "verify.walk_in", obj, buf_str(&d));
    buf_free(&d);
  }
  return db_tx_end(db, own, rc);
}

/* ---- one verification ---- */

#define V_COLS "v.id, v.office_id, v.party_id, coalesce(v.case_id,0), " V_STATUS ", v.company, v.npwp, v.nib, v.address," \
  " v.deed, v.director, v.contact, v.email, v.phone, v.spse_user, v.registered_at, v.lapse_at, v.created_at," \
  " coalesce(v.returned_at,0), coalesce(v.decided_at,0), v.blacklist, v.missing, coalesce(v.number,'')," \
  " coalesce(v.decided_by,''), coalesce(k.number,''), v.lang"

/* Read the columns V_COLS of a row into v. */
static void v_row(Stmt *q, Verification *v, Arena *a){
  memset(v, 0, sizeof *v);
  v->id = db_col_int64(q, 0);
  v->office_id = db_col_int64(q, 1);
  v->party_id = db_col_int64(q, 2);
  v->case_id = db_col_int64(q, 3);
  const char **s[] = { &v->status, &v->company, &v->npwp, &v->nib, &v->address, &v->deed, &v->director,
                       &v->contact, &v->email, &v->phone, &v->spse_user };
  for(int i=0; i<(int)COUNT(s); i++) *s[i] = arena_strdup(a, db_col_text(q, 4+i));
  v->registered_at = db_col_int64(q, 15);
  v->lapse_at = db_col_int64(q, 16);
  v->created_at = db_col_int64(q, 17);
  v->returned_at = db_col_int64(q, 18);
  v->decided_at = db_col_int64(q, 19);
  v->blacklist = arena_strdup(a, db_col_text(q, 20));
  v->missing = arena_strdup(a, db_col_text(q, 21));
  v->number = arena_strdup(a, db_col_text(q, 22));
  v->decided_by = arena_strdup(a, db_col_text(q, 23));
  v->case_number = arena_strdup(a, db_col_text(q, 24));
  v->lang = i18n_lang(db_col_text(q, 25));
  v->appt_day = "";
}

/* A verification of the office with its marks, appointment, case step and card. */
int verify_get(Db *db, int64_t office_id, int64_t id, Verification *v, Arena *a){
  Stmt *q = db_prepare(db, "SELECT " V_COLS " FROM verification v LEFT JOIN kasus k ON k.id=v.case_id"
                           " WHERE v.office_id=?1 AND v.id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, id);
  int rc = db_step(q);
  if( rc==DB_ROW ) v_row(q, v, a);
  db_reset(q);
  if( rc!=DB_ROW ) return rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
  q = db_prepare(db, "SELECT day, queue_no FROM verify_appointment WHERE verification_id=?1 ORDER BY id DESC LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  if( db_step(q)==DB_ROW ){ v->appt_day = arena_strdup(a, db_col_text(q, 0)); v->queue_no = db_col_int(q, 1); }
  db_reset(q);
  if( v->case_id ){
    q = db_prepare(db, "SELECT no, coalesce(pause_started_at,0) FROM case_step WHERE case_id=?1 AND done_at IS NULL"
                       " ORDER BY id DESC LIMIT 1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, v->case_id);
    if( db_step(q)==DB_ROW ){ v->case_step = db_col_int(q, 0); v->case_held = db_col_int64(q, 1)!=0; }
    db_reset(q);
  }
  q = db_prepare(db, "SELECT no, title, required, present, matches FROM verify_check WHERE verification_id=?1 ORDER BY no");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  int cap = 0;
  while( db_step(q)==DB_ROW ){
    v->items = arena_grow(a, v->items, sizeof *v->items, v->nitems, &cap);
    CheckItem *w = &v->items[v->nitems++];
    w->no = db_col_int(q, 0);
    w->title = arena_strdup(a, db_col_text(q, 1));
    w->required = db_col_int(q, 2);
    w->present = db_col_int(q, 3);
    w->matches = db_col_int(q, 4);
  }
  db_reset(q);
  v->checked = v->nitems>0;
  q = db_prepare(db, "SELECT s.attachment_id, s.item_no, x.name, x.mime, x.sha256, x.size FROM verify_scan s"
                     " JOIN case_attachment x ON x.id=s.attachment_id WHERE s.verification_id=?1 ORDER BY s.item_no, s.attachment_id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  cap = 0;
  while( db_step(q)==DB_ROW ){
    v->scans = arena_grow(a, v->scans, sizeof *v->scans, v->nscans, &cap);
    VerifyScan *w = &v->scans[v->nscans++];
    w->attachment_id = db_col_int64(q, 0);
    w->item_no = db_col_int(q, 1);
    w->name = arena_strdup(a, db_col_text(q, 2));
    w->mime = arena_strdup(a, db_col_text(q, 3));
    w->sha256 = arena_strdup(a, db_col_text(q, 4));
    w->size = db_col_int64(q, 5);
  }
  db_reset(q);
  if( !v->checked && (rc = verify_checklist_get(db, office_id, &v->items, &v->nitems, a))!=OK ) return rc;
  q = db_prepare(db, "SELECT id, issued_at, officer, copies, handover_number FROM verify_card WHERE verification_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  if( db_step(q)==DB_ROW ){
    v->card_id = db_col_int64(q, 0);
    v->card_issued_at = db_col_int64(q, 1);
    v->card_officer = arena_strdup(a, db_col_text(q, 2));
    v->card_copies = db_col_int(q, 3);
    v->handover_number = arena_strdup(a, db_col_text(q, 4));
  }
  db_reset(q);
  return OK;
}

/* Verifications of the office, newest first (without marks). */
int verify_list(Db *db, int64_t office_id, const char *status, int limit, Verification **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  if( limit<1 || limit>500 ) return ERR_INVALID;
  Stmt *q = db_prepare(db, "SELECT " V_COLS " FROM verification v LEFT JOIN kasus k ON k.id=v.case_id"
                           " WHERE v.office_id=?1 AND (?2='' OR " V_STATUS "=?2) ORDER BY v.id DESC LIMIT ?3");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, status ? status : "");
  db_bind_int(q, 3, limit);
  Verification *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    v_row(q, &v[(*n)++], a);
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  *rows = v;
  return OK;
}

/* The case of a verification; ERR_CONFLICT when it has none yet. */
static int v_case(Db *db, const Verification *v, Case **c, Err *e){
  *c = 0;
  if( v->case_id==0 || util_blank(v->case_number) ){ ERR_SET(e, "status", N_("The provider has not arrived yet")); return ERR_CONFLICT; }
  return case_get(db, v->office_id, v->case_number, c);
}

/* Require a status (and an open step when step>0, not held). */
static int v_need(const Verification *v, const char *status, int step, Err *e){
  if( strcmp(v->status, status) ){ ERR_SET(e, "status", N_("This cannot be done in the verification's present state")); return ERR_CONFLICT; }
  if( step>0 && v->case_step!=step ){ ERR_SET(e, "status", N_("This is not the open step of the case")); return ERR_CONFLICT; }
  return OK;
}

/* Set the status of a verification (and its decision) when it is still from ("open": any of
** waiting, checking, returned), inside the caller's transaction: ERR_CONFLICT when another
** officer changed it meanwhile. */
static int v_set_status(Db *db, const Actor *who, const Verification *v, const char *from, const char *status,
                        int decided, Err *e){
  Stmt *q = decided ? db_prepare(db, "UPDATE verification SET status=?2, decided_at=?3, decided_by=?4 WHERE id=?1"
                                     " AND (status=?5 OR (?5='open' AND status IN ('waiting','checking','returned')))")
                    : db_prepare(db, "UPDATE verification SET status=?2 WHERE id=?1"
                                     " AND (status=?5 OR (?5='open' AND status IN ('waiting','checking','returned')))");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, v->id);
  db_bind_text(q, 2, status);
  if( decided ){
    db_bind_int64(q, 3, time_now());
    db_bind_text(q, 4, who && who->username ? who->username : "system");
  }
  db_bind_text(q, 5, from);
  int rc = db_run(q);
  if( rc==OK && db_changes(db)==0 ){
    ERR_SET(e, "status", N_("This cannot be done in the verification's present state"));
    rc = ERR_CONFLICT;
  }
  return rc;
}

/* An audit row about a verification. */
static int v_audit(Db *db, const Actor *who, const Verification *v, const char *action, const char *detail){
  char obj[48];
  snprintf(obj, sizeof obj, "verification:%lld", (long long)v->id);
  return audit_write(db, who, action, obj, detail);
}

/* Reload v after a change (its strings in a). */
static int v_reload(Db *db, Verification *v, Arena *a){
  int64_t office = v->office_id, id = v->id;
  return verify_get(db, office, id, v, a);
}

/* Mark v's booked appointment arrived. Come on another day than the one booked (a day early, or
** after it): served as a provider come without an appointment, in today's queue after those booked
** (its number next), the booked day's place given back; *detail (the audit's) then says so. */
static int v_appt_arrived(Db *db, const Verification *v, const char *tz, const char **detail, Arena *a){
  char today[11], day[11] = "";
  int queue = 0;
  v_day(time_now(), tz, today);
  Stmt *q = db_prepare(db, "SELECT day, queue_no FROM verify_appointment WHERE verification_id=?1 AND status='booked'");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, v->id);
  int s = db_step(q);
  if( s==DB_ROW ){ snprintf(day, sizeof day, "%s", db_col_text(q, 0)); queue = db_col_int(q, 1); }
  db_reset(q);
  if( s!=DB_ROW ) return s==DB_DONE ? OK : ERR_DB;
  q = db_prepare(db, "UPDATE verify_appointment SET status='arrived', day=?2, queue_no=CASE WHEN day=?2 THEN queue_no"
                     " ELSE (SELECT coalesce(max(b.queue_no),0)+1 FROM verify_appointment b WHERE b.office_id=?3 AND b.day=?2) END"
                     " WHERE verification_id=?1 AND status='booked' RETURNING queue_no");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, v->id);
  db_bind_text(q, 2, today);
  db_bind_int64(q, 3, v->office_id);
  s = db_step(q);
  int now_no = s==DB_ROW ? db_col_int(q, 0) : 0;
  db_reset(q);
  if( s!=DB_ROW ) return ERR_DB;
  if( strcmp(day, today)!=0 ) *detail = arena_printf(a, "%s; booked for %s (queue %d), come on %s: as a walk-in, queue %d", *detail, day, queue, today, now_no);
  return OK;
}

/* The provider arrives: guest book, the case opened, step 1 done. */
int verify_arrive(Db *db, const Actor *who, const char *tz, Verification *v, Err *e){
  int rc = v_need(v, "waiting", 0, e);
  if( rc!=OK ) return rc;
  Case *c = 0;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  CaseNew cn;
  memset(&cn, 0, sizeof cn);
  cn.office_id = v->office_id;
  cn.sop = VERIFY_SOP;
  cn.channel = "walk_in";
  /* a case's subject has at most 200 characters: a long company name is cut, marked with "…" */
  Arena a;
  arena_init(&a);
  cn.subject = util_utf8_cut(arena_printf(&a, "Verifikasi penyedia %s", v->company), 200, &a);
  cn.requester.name = v->contact;
  cn.requester.email = v->email;
  cn.requester.phone = util_blank(v->phone) ? 0 : v->phone;
  cn.requester.org_name = v->company;
  cn.requester.npwp = v->npwp;
  rc = case_open(db, who, &cn, &c, e);
  if( rc==OK ){
    const Register *gb = register_at(REG_GUEST_BOOK);
    const char *kv[] = { "name", v->contact, "organisation", register_fit(gb, "organisation", v->company, &a),
                         "phone", util_blank(v->phone) ? 0 : v->phone,
                         "purpose", "Verifikasi penyedia (SOP OI-01)", "met_whom", "Verifikator", "case_number", c->number, 0 };
    int64_t id;
    rc = register_add_kv(db, who, gb, tz, kv, &id, 0, 0, e);
  }
  if( rc==OK ) rc = case_complete_step(db, who, c, 1, "done", case_note_key(&c->arena, N_("Guest book filled in"), NULL), e);
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE verification SET case_id=?2, status='checking' WHERE id=?1 AND status='waiting'");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, v->id); db_bind_int64(q, 2, c->id); rc = db_run(q); }
    if( rc==OK && db_changes(db)==0 ){   /* another officer was quicker: this case goes */
      ERR_SET(e, "status", N_("This cannot be done in the verification's present state"));
      rc = ERR_CONFLICT;
    }
  }
  const char *detail = c ? c->number : "";
  if( rc==OK ) rc = v_appt_arrived(db, v, tz, &detail, &a);
  if( rc==OK ) rc = v_audit(db, who, v, "verify.arrive", detail);
  rc = db_tx_end(db, own, rc);
  case_free(c);
  arena_free(&a);
  return rc;
}

/* Step 2: the agenda and a disposition to the verifiers. */
int verify_agenda(Db *db, const Actor *who, const char *tz, Verification *v, Err *e){
  int rc = v_need(v, "checking", 2, e);
  if( rc!=OK ) return rc;
  Case *c;
  if( (rc = v_case(db, v, &c, e))!=OK ) return rc;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ){ case_free(c); return rc; }
  char today[11], letter[64], subject[300], agenda[64] = "";
  register_today(today, time_now(), tz);
  snprintf(letter, sizeof letter, "Kunjungan %s", c->number);
  Buf sb = BUF_INIT;   /* the printf engine's precision cuts between characters, snprintf's inside one */
  buf_printf(&sb, "Verifikasi penyedia %.200s (NPWP %s)", v->company, v->npwp);
  snprintf(subject, sizeof subject, "%s", buf_str(&sb));
  buf_free(&sb);
  const char *kv[] = { "letter_no", letter, "letter_date", today, "sender", v->company, "subject", subject,
                       "case_number", c->number, 0 };
  int64_t id;
  rc = register_add_kv(db, who, register_at(REG_AGENDA), tz, kv, &id, agenda, sizeof agenda, e);
  if( rc==OK ) rc = case_complete_step(db, who, c, 2, "done", agenda, e);
  if( rc==OK ){
    /* the disposition to the verifiers, as the step form writes one: to step 3's role, with its due
    ** time, about the agenda's entry (the case read again, step 3 open) */
    Case *now = 0;
    rc = case_get(db, v->office_id, c->number, &now);
    Arena a;
    arena_init(&a);
    if( rc==OK ) rc = stepreg_disposition(db, who, tz, now, 2, "Verifikasi berkas penyedia sesuai SOP OI-01", e, &a);
    arena_free(&a);
    if( now ) case_free(now);
  }
  if( rc==OK ) rc = v_audit(db, who, v, "verify.agenda", agenda);
  rc = db_tx_end(db, own, rc);
  case_free(c);
  return rc;
}

/* Why a verification lapsed (a msgid). */
#define V_LAPSED N_("The online registration was not verified within the time limit")

/* End a verification that cannot go on: the case cancelled (reason: the staff's, in Indonesian), the
** provider told (told: the reason in their language). */
static int v_stop(Db *db, const Actor *who, Verification *v, const char *status, const char *reason, const char *told,
                  const char *tpl, Err *e){
  int rc = OK;
  if( v->case_id ){
    Case *c = 0;
    rc = case_get(db, v->office_id, v->case_number, &c);
    if( rc==OK && strcmp(c->status, "open")==0 ) rc = case_cancel(db, who, c, reason, e);
    if( c ) case_free(c);
    if( rc==ERR_NOTFOUND ) rc = OK;
  }
  if( rc==OK ) rc = v_set_status(db, who, v, "open", status, 1, e);
  if( rc==OK ) rc = db_run_id(db, "UPDATE verify_appointment SET status='cancelled' WHERE verification_id=?1 AND status='booked'", v->id);
  if( rc==OK ){
    Office o;
    v_tz(db, v->office_id, &o);
    char lapse[48];
    time_fmt_date(lapse, sizeof lapse, v->lapse_at, o.tz, v->lang);
    const char *vars[] = { "name", v->contact, "company", v->company, "reason", told, "lapse", lapse, "office", o.name, 0 };
    rc = v_mail(db, who, v->office_id, v->email, v->lang, tpl, vars);
  }
  if( rc==OK ) rc = v_audit(db, who, v, strcmp(status, "lapsed")==0 ? "verify.lapse" : "verify.reject", reason);
  return rc;
}

/* Step 3: the online registration, the blacklist, the lapse. */
int verify_registration(Db *db, const Actor *who, Verification *v, const VerifyRegData *d, Err *e){
  int rc = v_need(v, "checking", 3, e);
  if( rc!=OK ) return rc;
  Office o;
  const char *tz = v_tz(db, v->office_id, &o);
  VerifySettings s;
  if( verify_settings_get(db, v->office_id, &s)!=OK ) return ERR_DB;
  int64_t now = time_now(), reg = v->registered_at;
  Err all = {0};
  if( d->nib && *d->nib && !v_nib_ok(d->nib) ) err_add(&all, "nib", N_("A NIB has 13 digits"));
  if( d->spse_user && !v_spse_user_ok(d->spse_user) ) err_add(&all, "spse_user", N_("A user ID has only letters, digits and . _ - @"));
  const char *spse = d->spse_user ? d->spse_user : v->spse_user;
  if( util_blank(spse) ) err_add(&all, "spse_user", N_("The online registration's user ID is required"));
  err_check_text(&all, "address", d->address, 300, 0);
  err_check_text(&all, "deed", d->deed, 300, 0);
  err_check_text(&all, "director", d->director, 128, 0);
  if( !util_blank(d->registered_on) ){
    if( time_parse_day(d->registered_on, tz, &reg)!=OK ) err_add(&all, "registered_on", N_("Write a real date from 1970 on, as YYYY-MM-DD"));
    else if( reg>now ) err_add(&all, "registered_on", N_("The online registration cannot be in the future"));
  }
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  Case *c;
  if( (rc = v_case(db, v, &c, e))!=OK ) return rc;
  /* the audit's detail: the user ID, and each stored value that changes, its old value beside */
  Buf det = BUF_INIT;
  buf_printf(&det, "User ID %.64s", spse);
  char was[11], now_day[11];
  v_day(v->registered_at, tz, was);
  v_day(reg, tz, now_day);
  if( strcmp(was, now_day) ) buf_printf(&det, "; registered_on %s -> %s", was, now_day);
  const char *const fld[4] = { "nib", "address", "deed", "director" };
  const char *const old[4] = { v->nib, v->address, v->deed, v->director };
  const char *const neu[4] = { d->nib, d->address, d->deed, d->director };
  for(int k=0; k<4; k++){
    if( neu[k]==0 || strcmp(old[k] ? old[k] : "", neu[k])==0 ) continue;
    if( old[k] && *old[k] ) buf_printf(&det, "; %s %s -> %s", fld[k], old[k], neu[k]);
    else buf_printf(&det, "; %s %s", fld[k], neu[k]);
  }
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ){ buf_free(&det); case_free(c); return rc; }
  Stmt *q = db_prepare(db, "UPDATE verification SET spse_user=?2, registered_at=?3, lapse_at=?4,"
                           " nib=coalesce(?5,nib), address=coalesce(?6,address), deed=coalesce(?7,deed),"
                           " director=coalesce(?8,director) WHERE id=?1");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, v->id);
    db_bind_text(q, 2, spse);
    db_bind_int64(q, 3, reg);
    db_bind_int64(q, 4, reg + (int64_t)s.lapse_days*DAY_S);
    db_bind_text(q, 5, d->nib);
    db_bind_text(q, 6, d->address);
    db_bind_text(q, 7, d->deed);
    db_bind_text(q, 8, d->director);
    rc = db_run(q);
  }
  Arena a;
  arena_init(&a);
  if( rc==OK ) rc = v_reload(db, v, &a);
  char today[11];
  v_day(now, tz, today);
  BlackEntry hit;
  int black = rc==OK && verify_blacklist_find(db, v->office_id, v->npwp, today, &hit, &a)==OK;
  /* audited before the blacklist or the lapse stops the verification (with a row of its own) */
  buf_printf(&det, "; blacklist: %s", black ? "listed" : "not listed");
  if( rc==OK ) rc = v_audit(db, who, v, "verify.registration", buf_str(&det));
  buf_free(&det);
  if( rc==OK && black ){
    char reason[400], told[400];
    Buf rb = BUF_INIT;   /* the printf engine's precision cuts between characters, snprintf's inside one */
    for(int k=0; k<2; k++){   /* the staff's words (kept), then the provider's */
      buf_reset(&rb);
      buf_printf(&rb, "%s: %.120s%s%.200s", i18n_get(k ? v->lang : "id", N_("Listed in the national blacklist")), hit.name,
                 *hit.reason ? " — " : "", hit.reason);
      snprintf(k ? told : reason, sizeof reason, "%s", buf_str(&rb));
    }
    buf_free(&rb);
    q = db_prepare(db, "UPDATE verification SET blacklist=?2 WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, v->id); db_bind_text(q, 2, reason); rc = db_run(q); }
    if( rc==OK ) rc = v_stop(db, who, v, "rejected", reason, told, "verify-rejected", e);
  }else if( rc==OK && v->lapse_at<=now ){
    rc = v_stop(db, who, v, "lapsed", i18n_get("id", V_LAPSED), i18n_get(v->lang, V_LAPSED), "verify-lapsed", e);
  }else if( rc==OK ){
    rc = case_complete_step(db, who, c, 3, "done", case_note_key(&c->arena, N_("User ID %s; blacklist: not listed"), spse, NULL), e);
  }
  rc = db_tx_end(db, own, rc);
  arena_free(&a);
  case_free(c);
  return rc;
}

/* The field of mark i's member in a refusal: its path (items[i].member) in ea, else items. */
static const char *vd_field(Arena *ea, int i, const char *member){
  return ea ? arena_printf(ea, "items[%d].%s", i, member) : "items";
}

/* Step 4: the marks of the documents. */
int verify_documents(Db *db, const Actor *who, Verification *v, const CheckItem *marks, int n, Arena *ea, Err *e){
  if( strcmp(v->status, "checking") ){ ERR_SET(e, "status", N_("This cannot be done in the verification's present state")); return ERR_CONFLICT; }
  if( v->case_step!=4 && v->case_step!=5 ){ ERR_SET(e, "status", N_("This is not the open step of the case")); return ERR_CONFLICT; }
  for(int i=0; i<n; i++){
    int found = 0;
    for(int k=0; k<v->nitems; k++) if( v->items[k].no==marks[i].no ) found = 1;
    /* the message says which item number (e->n too: the page marks that item's row), the field
    ** the mark by its path in the list when ea is given (items[2].no), else items */
    if( !found ){ err_set_n(e, vd_field(ea, i, "no"), N_("Item %d is not in the checklist"), marks[i].no); return ERR_INVALID; }
    for(int j=0; j<i; j++) if( marks[j].no==marks[i].no ){
      err_set_n(e, vd_field(ea, i, "no"), N_("Item %d is given twice"), marks[i].no);
      return ERR_INVALID;
    }
    if( marks[i].matches && !marks[i].present ){
      err_set_n(e, vd_field(ea, i, "matches"), N_("Item %d cannot match the original when it is not present: tick Present too"), marks[i].no);
      return ERR_INVALID;
    }
  }
  for(int k=0; k<v->nitems; k++){
    v->items[k].present = v->items[k].matches = 0;
    for(int i=0; i<n; i++) if( marks[i].no==v->items[k].no ){ v->items[k].present = marks[i].present; v->items[k].matches = marks[i].matches; }
  }
  Case *c;
  int rc = v_case(db, v, &c, e);
  if( rc!=OK ) return rc;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ){ case_free(c); return rc; }
  int64_t now = time_now();
  int ok = 0;
  for(int k=0; rc==OK && k<v->nitems; k++){
    const CheckItem *w = &v->items[k];
    ok += w->present && w->matches;
    Stmt *q = db_prepare(db, "INSERT INTO verify_check(verification_id, office_id, no, title, required, present, matches,"
                             " checked_by, checked_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)"
                             " ON CONFLICT(verification_id, no) DO UPDATE SET present=?6, matches=?7, checked_by=?8, checked_at=?9");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, v->id);
    db_bind_int64(q, 2, v->office_id);
    db_bind_int(q, 3, w->no);
    db_bind_text(q, 4, w->title);
    db_bind_int(q, 5, w->required);
    db_bind_int(q, 6, w->present);
    db_bind_int(q, 7, w->matches);
    db_bind_text(q, 8, who && who->username ? who->username : "system");
    db_bind_int64(q, 9, now);
    rc = db_run(q);
  }
  char note[120];
  Buf miss = BUF_INIT;
  int nmiss = verify_missing(v->items, v->nitems, &miss);
  snprintf(note, sizeof note, "%d dari %d dokumen ada dan sesuai asli; %d kurang", ok, v->nitems, nmiss);
  char nok[16], nall[16], nmissing[16];
  snprintf(nok, sizeof nok, "%d", ok);
  snprintf(nall, sizeof nall, "%d", v->nitems);
  snprintf(nmissing, sizeof nmissing, "%d", nmiss);
  if( rc==OK && v->case_step==4 ) rc = case_complete_step(db, who, c, 4, "done",
      case_note_key(&c->arena, N_("%s of %s documents there and matching the originals; %s missing"), nok, nall, nmissing, NULL), e);
  if( rc==OK ) rc = v_audit(db, who, v, "verify.documents", note);
  buf_free(&miss);
  rc = db_tx_end(db, own, rc);
  case_free(c);
  return rc;
}

/* Attach the scan of one item to the case. */
int verify_scan_add(Db *db, const Actor *who, Verification *v, int item_no, const char *name,
                    const void *data, size_t n, size_t limit, VerifyScan *out, Arena *a, Err *e){
  if( strcmp(v->status, "checking") && strcmp(v->status, "returned") ){
    ERR_SET(e, "status", N_("This cannot be done in the verification's present state"));
    return ERR_CONFLICT;
  }
  int found = 0;
  for(int k=0; k<v->nitems; k++) if( v->items[k].no==item_no ) found = 1;
  if( !found ){ ERR_SET(e, "item", N_("An item number is not in the checklist")); return ERR_INVALID; }
  Case *c;
  int rc = v_case(db, v, &c, e);
  if( rc!=OK ) return rc;
  Attachment x;
  memset(&x, 0, sizeof x);
  int own;
  rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = attach_add(db, who, c, name, data, n, limit, &x, a, e);
  if( rc==OK ){
    Stmt *q = db_prepare(db, "INSERT INTO verify_scan(attachment_id, verification_id, office_id, item_no) VALUES(?1,?2,?3,?4)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, x.id);
      db_bind_int64(q, 2, v->id);
      db_bind_int64(q, 3, v->office_id);
      db_bind_int(q, 4, item_no);
      rc = db_run(q);
    }
  }
  if( rc==OK ){
    char d[300];
    snprintf(d, sizeof d, "item %d: %.200s sha256 %.16s", item_no, x.name, x.sha256);
    rc = v_audit(db, who, v, "verify.scan", d);
  }
  rc = db_tx_end(db, own, rc);
  case_free(c);
  out->attachment_id = x.id;
  out->size = x.size;
  out->item_no = item_no;
  out->name = x.name;
  out->mime = x.mime;
  out->sha256 = x.sha256;
  return rc;
}

/* Step 5, incomplete: return the file with what is missing; the clock held. */
int verify_return(Db *db, const Actor *who, Verification *v, Err *e){
  int rc = v_need(v, "checking", 5, e);
  if( rc!=OK ) return rc;
  Buf miss = BUF_INIT;
  if( verify_missing(v->items, v->nitems, &miss)==0 ){
    buf_free(&miss);
    ERR_SET(e, "items", N_("Nothing is missing: approve the verification"));
    return ERR_CONFLICT;
  }
  Case *c;
  if( (rc = v_case(db, v, &c, e))!=OK ){ buf_free(&miss); return rc; }
  int own;
  rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = case_hold(db, who, c, buf_str(&miss), e);
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE verification SET status='returned', missing=?2, returned_at=?3 WHERE id=?1"
                             " AND status='checking'");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, v->id); db_bind_text(q, 2, buf_str(&miss)); db_bind_int64(q, 3, time_now()); rc = db_run(q); }
    if( rc==OK && db_changes(db)==0 ){ ERR_SET(e, "status", N_("This cannot be done in the verification's present state")); rc = ERR_CONFLICT; }
  }
  if( rc==OK ){
    Office o;
    v_tz(db, v->office_id, &o);
    Buf list = BUF_INIT;
    for(int k=0; k<v->nitems; k++){
      const CheckItem *w = &v->items[k];
      if( w->required && !(w->present && w->matches) )
        buf_printf(&list, "  %d. %s (%s)\n", w->no, w->title,
                   i18n_get(v->lang, w->present ? N_("does not match the original") : N_("not there")));
    }
    char lapse[48], last[48];
    time_fmt_date(lapse, sizeof lapse, v->lapse_at, o.tz, v->lang);
    v_last_day(db, v->office_id, v->lapse_at, o.tz, v->lang, last, sizeof last);
    const char *vars[] = { "name", v->contact, "company", v->company, "missing", buf_str(&list), "lapse", lapse,
                           "last_day", *last ? last : lapse, "office", o.name, 0 };
    rc = v_mail(db, who, v->office_id, v->email, v->lang, "verify-returned", vars);
    buf_free(&list);
  }
  if( rc==OK ) rc = v_audit(db, who, v, "verify.return", buf_str(&miss));
  rc = db_tx_end(db, own, rc);
  buf_free(&miss);
  case_free(c);
  return rc;
}

/* The documents came back: the clock runs again. */
int verify_resume(Db *db, const Actor *who, Verification *v, Err *e){
  int rc = v_need(v, "returned", 0, e);
  if( rc!=OK ) return rc;
  Case *c;
  if( (rc = v_case(db, v, &c, e))!=OK ) return rc;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = case_resume(db, who, c, e);
  if( rc==OK ) rc = v_set_status(db, who, v, "returned", "checking", 0, e);
  if( rc==OK ) rc = v_audit(db, who, v, "verify.resume", v->missing);
  rc = db_tx_end(db, own, rc);
  case_free(c);
  return rc;
}

/* The next registration number of the office: VP-YEAR-NNNN, from the office's counter. */
static int v_number(Db *db, int64_t office_id, int year, int month, char *out, size_t n){
  Stmt *q = db_prepare(db, "INSERT INTO counter(office_id, register, year, last) VALUES(?1, 'verification', ?2, 1)"
                           " ON CONFLICT(office_id, register, year) DO UPDATE SET last=counter.last+1 RETURNING last");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int(q, 2, year);
  int rc = db_step(q);
  int64_t last = rc==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  if( rc!=DB_ROW ) return ERR_DB;
  Office o;
  v_tz(db, office_id, &o);
  return number_format("VP-{year}-{seq:4}", o.code, year, month, last, out, n);
}

/* Steps 5-6: approve and number. */
int verify_approve(Db *db, const Actor *who, Verification *v, Err *e){
  int rc = v_need(v, "checking", 5, e);
  if( rc!=OK ) return rc;
  if( !v->checked ){ ERR_SET(e, "items", N_("Check the documents first")); return ERR_CONFLICT; }
  if( verify_missing(v->items, v->nitems, 0)>0 ){
    ERR_SET(e, "items", N_("Required items are missing or do not match the original: return the file"));
    return ERR_CONFLICT;
  }
  Case *c;
  if( (rc = v_case(db, v, &c, e))!=OK ) return rc;
  Office o;
  const char *tz = v_tz(db, v->office_id, &o);
  char number[NUMBER_TEXT_MAX];
  int own;
  rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = v_number(db, v->office_id, time_year(time_now(), tz), time_month(time_now(), tz), number, sizeof number);
  if( rc==OK ) rc = case_complete_step(db, who, c, 5, "done", case_note_key(&c->arena, N_("Complete and valid: approved online"), NULL), e);
  if( rc==OK ) rc = case_complete_step(db, who, c, 6, "done", number, e);
  if( rc==OK ) rc = v_set_status(db, who, v, "checking", "approved", 1, e);
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE verification SET number=?2, missing='' WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, v->id); db_bind_text(q, 2, number); rc = db_run(q); }
  }
  if( rc==OK ){
    const char *vars[] = { "name", v->contact, "company", v->company, "number", number, "user", v->spse_user,
                           "office", o.name, 0 };
    rc = v_mail(db, who, v->office_id, v->email, v->lang, "verify-approved", vars);
  }
  if( rc==OK ) rc = v_audit(db, who, v, "verify.approve", number);
  rc = db_tx_end(db, own, rc);
  case_free(c);
  return rc;
}

/* Step 7: the card, and the originals handed back with a receipt. */
int verify_card_issue(Db *db, const Actor *who, const char *tz, const char *officer, Verification *v, Err *e){
  int rc = v_need(v, "approved", 7, e);
  if( rc!=OK ) return rc;
  if( v->card_id ){ ERR_SET(e, "status", N_("The card has been issued already")); return ERR_CONFLICT; }
  VerifySettings s;
  if( verify_settings_get(db, v->office_id, &s)!=OK ) return ERR_DB;
  Case *c;
  if( (rc = v_case(db, v, &c, e))!=OK ) return rc;
  const char *by = !util_blank(officer) ? officer : who && who->username ? who->username : "system";
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ){ case_free(c); return rc; }
  Buf items = BUF_INIT;
  buf_printf(&items, "Dokumen asli verifikasi %s (%s):", v->company, v->number);
  for(int k=0; k<v->nitems; k++) if( v->items[k].present ) buf_printf(&items, "\n%d. %s", v->items[k].no, v->items[k].title);
  char handover[64] = "";
  const char *kv[] = { "items", buf_str(&items), "from_name", by, "to_name", v->contact, "case_number", c->number, 0 };
  int64_t hid;
  rc = register_add_kv(db, who, register_at(REG_HANDOVER), tz, kv, &hid, handover, sizeof handover, e);
  buf_free(&items);
  if( rc==OK ){
    Stmt *q = db_prepare(db, "INSERT INTO verify_card(office_id, verification_id, number, issued_at, officer, copies,"
                             " handover_number) VALUES(?1,?2,?3,?4,?5,?6,?7)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, v->office_id);
      db_bind_int64(q, 2, v->id);
      db_bind_text(q, 3, v->number);
      db_bind_int64(q, 4, time_now());
      db_bind_text(q, 5, by);
      db_bind_int(q, 6, s.card_copies);
      db_bind_text(q, 7, handover);
      rc = db_run(q);
    }
  }
  if( rc==OK ) rc = case_complete_step(db, who, c, 7, "done", handover, e);
  if( rc==OK ){
    char d[160];
    snprintf(d, sizeof d, "card %s, %d copies; originals returned %s", v->number, s.card_copies, handover);
    rc = v_audit(db, who, v, "verify.card", d);
  }
  rc = db_tx_end(db, own, rc);
  case_free(c);
  return rc;
}

/* ---- the card's signed code ---- */

static unsigned char v_key[crypto_auth_KEYBYTES];
static int v_have_key;

/* Use this key. */
void verify_key_set(const unsigned char key[32]){
  memcpy(v_key, key, sizeof v_key);
  v_have_key = 1;
}

/* Load DIR/verify.key, making it on first use. */
int verify_key_init(const char *data_dir, char *err, size_t errlen){
  char path[4096];
  snprintf(path, sizeof path, "%s/verify.key", data_dir);
  unsigned char k[crypto_auth_KEYBYTES];
  int fd = open(path, O_RDONLY);
  if( fd>=0 ){
    ssize_t n = read(fd, k, sizeof k);
    close(fd);
    if( n!=(ssize_t)sizeof k ){ snprintf(err, errlen, "%s: not a key of %d bytes", path, (int)sizeof k); return ERR_IO; }
    verify_key_set(k);
    sodium_memzero(k, sizeof k);
    return OK;
  }
  if( errno!=ENOENT ){ snprintf(err, errlen, "%s: %s", path, strerror(errno)); return ERR_IO; }
  crypto_auth_keygen(k);
  fd = open(path, O_WRONLY|O_CREAT|O_EXCL, 0600);
  if( fd<0 ){
    if( errno==EEXIST ) return verify_key_init(data_dir, err, errlen);   /* another process made it first */
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return ERR_IO;
  }
  ssize_t n = write(fd, k, sizeof k);
  int ok = n==(ssize_t)sizeof k && fsync(fd)==0;
  close(fd);
  if( !ok ){ unlink(path); snprintf(err, errlen, "%s: cannot write the key", path); return ERR_IO; }
  verify_key_set(k);
  sodium_memzero(k, sizeof k);
  return OK;
}

/* A key for another purpose derived from verify.key (see verify.h). */
int verify_key_derive(unsigned char out[32], const char ctx[8]){
  if( !v_have_key ) return ERR_IO;
  return crypto_kdf_derive_from_key(out, 32, 1, ctx, v_key)==0 ? OK : ERR_IO;
}

/* The MAC of a card in hex (32 characters: 128 bits). */
static int v_mac(int64_t office_id, int64_t card_id, const char *number, char hex[33]){
  if( !v_have_key ) return ERR_IO;
  char msg[160];
  int n = snprintf(msg, sizeof msg, "loket-card|%lld|%lld|%s", (long long)office_id, (long long)card_id, number ? number : "");
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, (const unsigned char *)msg, (unsigned long long)n, v_key);
  sodium_bin2hex(hex, 33, mac, 16);
  return OK;
}

/* The cancel link's token of an appointment: its id and a MAC over it ("ID-HEX32"), not guessable. */
static int v_cancel_token(int64_t office_id, int64_t appt_id, int64_t booked_at, char out[VERIFY_CODE_MAX]){
  out[0] = 0;
  if( !v_have_key ) return ERR_IO;
  char msg[128], hex[33];
  int n = snprintf(msg, sizeof msg, "loket-appt-cancel|%lld|%lld|%lld", (long long)office_id, (long long)appt_id, (long long)booked_at);
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, (const unsigned char *)msg, (unsigned long long)n, v_key);
  sodium_bin2hex(hex, sizeof hex, mac, 16);
  snprintf(out, VERIFY_CODE_MAX, "%lld-%s", (long long)appt_id, hex);
  return OK;
}

/* The token of an appointment's private links (its page, its cancelling): as the mailed cancel link's. */
int verify_appt_token(int64_t office_id, const VerifyAppt *w, char out[VERIFY_CODE_MAX]){
  return v_cancel_token(office_id, w->id, w->booked_at, out);
}

/* The appointment a cancel token names, checked; ERR_NOTFOUND when none or the token is wrong. */
int verify_appt_by_token(Db *db, const char *token, VerifyAppt *out, int64_t *office_id, Arena *a){
  memset(out, 0, sizeof *out);
  *office_id = 0;
  int64_t id = verify_code_id(token);
  if( id==0 ) return ERR_NOTFOUND;
  Stmt *q = db_prepare(db, "SELECT a.office_id, a.booked_at, a.day, a.queue_no, a.status, a.verification_id, v.company,"
                           " v.npwp, v.email, v.contact, " V_STATUS ", v.lang FROM verify_appointment a"
                           " JOIN verification v ON v.id=a.verification_id LEFT JOIN kasus k ON k.id=v.case_id"
                           " WHERE a.id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  int rc = db_step(q);
  if( rc!=DB_ROW ){ db_reset(q); return rc==DB_DONE ? ERR_NOTFOUND : ERR_DB; }
  char want[VERIFY_CODE_MAX];
  int64_t office = db_col_int64(q, 0), booked = db_col_int64(q, 1);
  if( v_cancel_token(office, id, booked, want)!=OK || !util_ct_equal(want, token) ){ db_reset(q); return ERR_NOTFOUND; }
  out->id = id;
  out->booked_at = booked;
  out->day = arena_strdup(a, db_col_text(q, 2));
  out->queue_no = db_col_int(q, 3);
  out->status = arena_strdup(a, db_col_text(q, 4));
  out->verification_id = db_col_int64(q, 5);
  out->company = arena_strdup(a, db_col_text(q, 6));
  out->npwp = arena_strdup(a, db_col_text(q, 7));
  out->email = arena_strdup(a, db_col_text(q, 8));
  out->contact = arena_strdup(a, db_col_text(q, 9));
  out->vstatus = arena_strdup(a, db_col_text(q, 10));
  out->lang = i18n_lang(db_col_text(q, 11));
  out->phone = "";
  *office_id = office;
  db_reset(q);
  return OK;
}

/* The provider cancels the appointment with the link of the confirmation: the place is freed
** (the day counts booked appointments only), audited. ERR_CONFLICT (field "status") when it is
** cancelled already or the provider has arrived. */
int verify_appt_cancel(Db *db, const Actor *who, const char *token, VerifyAppt *out, Arena *a, Err *e){
  int64_t office = 0;
  int rc = verify_appt_by_token(db, token, out, &office, a);
  if( rc!=OK ){ ERR_SET(e, "token", N_("This link does not name an appointment")); return rc; }
  if( strcmp(out->status, "booked") ){
    ERR_SET(e, "status", strcmp(out->status, "cancelled")==0 ? N_("This appointment is cancelled already") : N_("The provider has arrived: the appointment cannot be cancelled"));
    return ERR_CONFLICT;
  }
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = db_run_id(db, "UPDATE verify_appointment SET status='cancelled' WHERE id=?1 AND status='booked'", out->id);
  if( rc==OK && db_changes(db)==0 ){ ERR_SET(e, "status", N_("This appointment is cancelled already")); rc = ERR_CONFLICT; }
  Actor w = *who;
  w.office_id = office;
  if( rc==OK ){
    char obj[48], d[200];
    snprintf(obj, sizeof obj, "verification:%lld", (long long)out->verification_id);
    snprintf(d, sizeof d, "appointment %s queue %d cancelled by the provider", out->day, out->queue_no);
    rc = audit_write(db, &w, "verify.appointment_cancel", obj, d);
  }
  if( rc==OK ){   /* the provider is told, in the same transaction, with where to book again */
    Office o, first;
    const char *tz = v_tz(db, office, &o);
    int64_t dm;
    char qn[16], dayh[48], base[256], book[400];
    snprintf(qn, sizeof qn, "%d", out->queue_no);
    if( time_parse_day(out->day, tz, &dm)==OK ) time_fmt_date(dayh, sizeof dayh, dm + 12*3600, tz, out->lang);
    else snprintf(dayh, sizeof dayh, "%s", out->day);
    office_link_base(db, office, 0, base, sizeof base);
    int other = office_first(db, &first)==OK && first.id!=office;   /* a bare /portal is the first office's */
    snprintf(book, sizeof book, "%s/portal/verifikasi%s%s", base, other ? "?office=" : "", other ? o.code : "");
    const char *vars[] = { "name", out->contact, "company", out->company, "day", dayh, "queue", qn, "office", o.name,
                           "book", book, 0 };
    rc = v_mail(db, &w, office, out->email, out->lang, "verify-cancelled", vars);
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK ) out->status = "cancelled";
  return rc;
}

/* The code printed in a card's QR. */
int verify_card_code(int64_t office_id, int64_t card_id, const char *number, char out[VERIFY_CODE_MAX]){
  char hex[33];
  out[0] = 0;
  if( v_mac(office_id, card_id, number, hex)!=OK ) return ERR_IO;
  snprintf(out, VERIFY_CODE_MAX, "%lld-%s", (long long)card_id, hex);
  return OK;
}

/* The card id a code names (not yet checked); 0 when it is not shaped as one. */
int64_t verify_code_id(const char *code){
  if( code==0 ) return 0;
  int64_t id = 0;
  const char *p = code;
  for(; *p>='0' && *p<='9' && p-code<18; p++) id = id*10 + (*p-'0');
  if( p==code || *p!='-' || strlen(p+1)!=32 || strspn(p+1, "0123456789abcdef")!=32 ) return 0;
  return id;
}

/* 1 when code is the right one for the card. */
int verify_code_check(const char *code, int64_t office_id, const char *number){
  int64_t id = verify_code_id(code);
  char want[VERIFY_CODE_MAX];
  if( id==0 || verify_card_code(office_id, id, number, want)!=OK ) return 0;
  return util_ct_equal(want, code);
}

/* The verification of a genuine card's code. */
int verify_card_by_code(Db *db, const char *code, Verification *v, Arena *a){
  int64_t id = verify_code_id(code);
  if( id==0 ) return ERR_NOTFOUND;
  Stmt *q = db_prepare(db, "SELECT office_id, verification_id, number FROM verify_card WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  int64_t office = 0, vid = 0;
  char number[NUMBER_TEXT_MAX] = "";
  if( db_step(q)==DB_ROW ){
    office = db_col_int64(q, 0);
    vid = db_col_int64(q, 1);
    snprintf(number, sizeof number, "%s", db_col_text(q, 2));
  }
  db_reset(q);
  if( vid==0 || !verify_code_check(code, office, number) ) return ERR_NOTFOUND;
  return verify_get(db, office, vid, v, a);
}

/* ---- the national blacklist ---- */

/* Add a wrong line's message (one) to those of the blacklist's file found so far (*nbad of them):
** the first BLACK_BAD_SAID in all (the message), the first BLACK_BAD_MAX in bad (when asked, in a). */
#define BLACK_BAD_SAID 5
static void black_bad(Buf *all, char **bad, int *nbad, const char *one, Arena *a){
  if( *nbad < BLACK_BAD_SAID ) buf_printf(all, "%R%R", all->n ? "; " : "", one);
  if( bad && *nbad < BLACK_BAD_MAX ) bad[*nbad] = arena_strdup(a, one);
  (*nbad)++;
}

/* Parse the blacklist CSV. */
int verify_blacklist_parse(const char *text, size_t n, BlackEntry **rows, int *nrows, Arena *a,
                           const char *lang, char *err, size_t errlen, BlackBad *bads){
  *rows = 0;
  *nrows = 0;
  char **badv = 0;   /* the wrong lines, when asked */
  if( bads ){ bads->n = 0; bads->line = badv = arena_alloc(a, sizeof(char*)*BLACK_BAD_MAX); }
  BlackEntry *v = 0;
  CsvRow *csv;
  int cap = 0, ncsv, line, first = 1, nbad = 0;
  const char *why;
  char one[600];   /* one wrong line's message */
  Buf all = BUF_INIT;   /* every wrong line's, named at once (the first few) */
  if( util_utf8_file(text, n, lang, err, errlen) ) return ERR_INVALID;
  if( csv_parse(text, n, CSV_TRIM, &csv, &ncsv, a, &why, &line)!=OK ){
    snprintf(err, errlen, i18n_get(lang, N_("line %d: %s")), line, i18n_get(lang, why));
    return ERR_INVALID;
  }
  for(int r=0; r<ncsv; r++){
    char **f = csv[r].f;
    int k = csv[r].n;
    line = csv[r].line;
    if( f==0 ) continue;
    if( first && strcasecmp(f[0], "npwp")==0 ){ first = 0; continue; }   /* the header */
    first = 0;
    if( k<2 || k>4 ){ snprintf(one, sizeof one, i18n_get(lang, N_("line %d: expected npwp,name[,reason[,until]]")), line); black_bad(&all, badv, &nbad, one, a); continue; }
    char npwp[24];
    Err e = {0};
    if( ident_npwp(f[0], 0, npwp, sizeof npwp, &e)!=OK ){
      snprintf(one, sizeof one, i18n_get(lang, N_("line %d: NPWP %s: %s")), line, f[0], i18n_get(lang, e.msg ? e.msg : N_("is not valid")));
      black_bad(&all, badv, &nbad, one, a);
      continue;
    }
    const char *reason = k>2 ? f[2] : "", *until = k>3 ? f[3] : "";
    const char *bad = 0;
    int most = 0;   /* the characters the value may have, said with a value too long */
    if( *f[1]==0 || util_utf8_len(f[1])>200 ){ bad = N_("line %d: the name is missing or too long: at most %d characters"); most = 200; }
    else if( util_has_control(f[1], 0) ) bad = N_("line %d: the name holds a line break or a control character");
    else if( util_utf8_len(reason)>500 ){ bad = N_("line %d: the reason is too long: at most %d characters"); most = 500; }
    else if( util_has_control(reason, 0) ) bad = N_("line %d: the reason holds a line break or a control character");
    if( bad ){ snprintf(one, sizeof one, i18n_get(lang, bad), line, most); black_bad(&all, badv, &nbad, one, a); continue; }
    int64_t t;
    if( *until && time_parse_day(until, "WIB", &t)!=OK ){
      snprintf(one, sizeof one, i18n_get(lang, N_("line %d: until %s is not a date YYYY-MM-DD")), line, until);
      black_bad(&all, badv, &nbad, one, a);
      continue;
    }
    char f16[20], f15[20], g16[20], g15[20];   /* the two forms of one number are one taxpayer */
    ident_npwp_forms(npwp, f16, f15);
    int twice = 0;
    for(int d=0; d<*nrows && !twice; d++){
      ident_npwp_forms(v[d].npwp, g16, g15);
      twice = strcmp(g16, f16)==0;
    }
    if( twice ){ snprintf(one, sizeof one, i18n_get(lang, N_("line %d: NPWP %s is listed twice")), line, f[0]); black_bad(&all, badv, &nbad, one, a); continue; }
    v = arena_grow(a, v, sizeof *v, *nrows, &cap);
    BlackEntry *w = &v[(*nrows)++];
    w->npwp = arena_strdup(a, npwp);
    w->name = f[1];
    w->reason = reason;
    w->until = until;
  }
  if( nbad ){   /* the lines said, and how many more there are */
    if( nbad>BLACK_BAD_SAID ) buf_printf(&all, i18n_get(lang, N_("; and %d more lines")), nbad-BLACK_BAD_SAID);
    if( bads ) bads->n = nbad;
    snprintf(err, errlen, "%s", buf_str(&all));
    if( errlen>0 ) err[util_utf8_whole(err, strlen(err))] = 0;
    buf_free(&all);
    *nrows = 0;
    return ERR_INVALID;
  }
  if( *nrows==0 ){   /* an empty or cut file must not wipe the list */
    snprintf(err, errlen, "%s", i18n_get(lang, N_("no entries: the file holds no NPWP,name line, and the list is left as it was")));
    return ERR_INVALID;
  }
  *rows = v;
  return OK;
}

/* Replace the office's blacklist. */
int verify_blacklist_import(Db *db, const Actor *who, int64_t office_id, const BlackEntry *rows, int n){
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = db_run_id(db, "DELETE FROM verify_blacklist WHERE office_id=?1", office_id);
  int64_t now = time_now();
  for(int i=0; rc==OK && i<n; i++){
    Stmt *q = db_prepare(db, "INSERT INTO verify_blacklist(office_id, npwp, name, reason, until_day, imported_at)"
                       " VALUES(?1,?2,?3,?4,?5,?6) ON CONFLICT(office_id, npwp) DO UPDATE SET name=?3, reason=?4, until_day=?5");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, rows[i].npwp);
    db_bind_text(q, 3, rows[i].name);
    db_bind_text(q, 4, rows[i].reason);
    db_bind_text(q, 5, rows[i].until);
    db_bind_int64(q, 6, now);
    rc = db_run(q);
  }
  if( rc==OK ){
    char d[48];
    snprintf(d, sizeof d, "%d entries", n);
    rc = audit_write(db, who, "verify.blacklist", "verify_blacklist", d);
  }
  return db_tx_end(db, own, rc);
}

/* The office's blacklist, by name. */
int verify_blacklist_list(Db *db, int64_t office_id, int limit, BlackEntry **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT npwp, name, reason, until_day FROM verify_blacklist WHERE office_id=?1 ORDER BY name, npwp LIMIT ?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int(q, 2, limit);
  BlackEntry *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    BlackEntry *w = &v[(*n)++];
    w->npwp = arena_strdup(a, db_col_text(q, 0));
    w->name = arena_strdup(a, db_col_text(q, 1));
    w->reason = arena_strdup(a, db_col_text(q, 2));
    w->until = arena_strdup(a, db_col_text(q, 3));
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  *rows = v;
  return OK;
}

/* The blacklist entry of an NPWP in force on day. */
int verify_blacklist_find(Db *db, int64_t office_id, const char *npwp, const char *day, BlackEntry *hit, Arena *a){
  char f16[20], f15[20];   /* listed in either form of the number (old 15 digits, new 16) */
  if( ident_npwp_forms(npwp, f16, f15)!=OK ) return ERR_NOTFOUND;
  Stmt *q = db_prepare(db, "SELECT npwp, name, reason, until_day FROM verify_blacklist WHERE office_id=?1 AND npwp IN (?2, ?4)"
                           " AND (until_day='' OR until_day>=?3) LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, f16);
  db_bind_text(q, 3, day);
  db_bind_text(q, 4, f15);
  int rc = db_step(q);
  if( rc==DB_ROW ){
    hit->npwp = arena_strdup(a, db_col_text(q, 0));
    hit->name = arena_strdup(a, db_col_text(q, 1));
    hit->reason = arena_strdup(a, db_col_text(q, 2));
    hit->until = arena_strdup(a, db_col_text(q, 3));
  }
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* ---- the watcher ---- */

static const Actor v_system = { 0, "system", 0, "" };

/* Reminders of tomorrow's appointments whose time has come (none once their day has begun). */
static int v_watch_reminders(Db *db, int64_t now, int *count){
  Arena a;
  arena_init(&a);
  typedef struct R { int64_t id, office, booked_at; const char *day, *email, *company, *contact, *lang; int queue; } R;
  R *v = 0;
  int n = 0, cap = 0, rc;
  Stmt *q = db_prepare(db, "SELECT a.id, a.office_id, a.day, a.queue_no, v.email, v.company, v.contact, a.booked_at, v.lang"
                           " FROM verify_appointment a JOIN verification v ON v.id=a.verification_id"
                           " WHERE a.reminded_at IS NULL AND a.reminder_at<=?1 AND a.status='booked' AND v.status='waiting'"
                           " ORDER BY a.id");
  if( q==0 ){ arena_free(&a); return ERR_DB; }
  db_bind_int64(q, 1, now);
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(&a, v, sizeof *v, n, &cap);
    R *w = &v[n++];
    w->id = db_col_int64(q, 0);
    w->office = db_col_int64(q, 1);
    w->day = arena_strdup(&a, db_col_text(q, 2));
    w->queue = db_col_int(q, 3);
    w->email = arena_strdup(&a, db_col_text(q, 4));
    w->company = arena_strdup(&a, db_col_text(q, 5));
    w->contact = arena_strdup(&a, db_col_text(q, 6));
    w->booked_at = db_col_int64(q, 7);
    w->lang = i18n_lang(db_col_text(q, 8));
  }
  db_reset(q);
  rc = rc==DB_DONE ? OK : ERR_DB;
  for(int i=0; rc==OK && i<n; i++){
    Office o;
    const char *tz = v_tz(db, v[i].office, &o);
    int64_t dm;
    char dayh[48], qn[16];
    if( time_parse_day(v[i].day, tz, &dm)!=OK ) dm = now;
    /* the day has begun (the watcher did not run the day before): "tomorrow" would be wrong,
    ** and the provider comes today or not at all; marked so it is not looked at again */
    int late = now>=dm;
    time_fmt_date(dayh, sizeof dayh, dm + 12*3600, tz, v[i].lang);
    snprintf(qn, sizeof qn, "%d", v[i].queue);
    /* the booking's cancel link again: a provider who cannot come frees the place the day before */
    char tok[VERIFY_CODE_MAX] = "", cancel[480] = "", base[256];
    office_link_base(db, v[i].office, 0, base, sizeof base);   /* the office's address, public_url, else where people reach this server */
    if( v_cancel_token(v[i].office, v[i].id, v[i].booked_at, tok)==OK )
      snprintf(cancel, sizeof cancel, "%s/portal/verifikasi/batal/%s", base, tok);
    const char *vars[] = { "name", v[i].contact, "company", v[i].company, "day", dayh, "queue", qn, "office", o.name,
                           "cancel", cancel[0] ? cancel : "-", 0 };
    Actor who = v_system;
    who.office_id = v[i].office;
    if( !late ) rc = v_mail(db, &who, v[i].office, v[i].email, v[i].lang, "verify-reminder", vars);
    if( rc==OK ){
      q = db_prepare(db, "UPDATE verify_appointment SET reminded_at=?2 WHERE id=?1");
      if( q==0 ) rc = ERR_DB;
      else{ db_bind_int64(q, 1, v[i].id); db_bind_int64(q, 2, now); rc = db_run(q); }
    }
    if( rc==OK && !late ) (*count)++;
  }
  arena_free(&a);
  return rc;
}

/* The ids of open verifications whose lapse (warn=0) or warning (warn=1) has come. */
static int v_watch_due(Db *db, int64_t now, int warn, int64_t **ids, int64_t **offices, int *n, Arena *a){
  Stmt *q;
  if( warn ) q = db_prepare(db,
    "SELECT v.id, v.office_id FROM verification v WHERE " V_UNDER_WAY
    " AND v.warned_at IS NULL AND v.lapse_at>?1"
    " AND v.lapse_at - 86400*coalesce((SELECT s.warn_days FROM verify_setting s WHERE s.office_id=v.office_id),7)<=?1"
    " ORDER BY v.id");
  else q = db_prepare(db,
    "SELECT v.id, v.office_id FROM verification v WHERE " V_UNDER_WAY
    " AND v.lapse_at<=?1 ORDER BY v.id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, now);
  int cap = 0, cap2 = 0, rc;
  *n = 0;
  *ids = 0;
  *offices = 0;
  while( (rc = db_step(q))==DB_ROW ){
    int k = *n;
    *ids = arena_grow(a, *ids, sizeof **ids, k, &cap);
    *offices = arena_grow(a, *offices, sizeof **offices, k, &cap2);
    (*ids)[k] = db_col_int64(q, 0);
    (*offices)[k] = db_col_int64(q, 1);
    (*n)++;
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* One pass: reminders, lapse warnings, lapses; one transaction. */
int verify_watch(Db *db, int64_t now, VerifyWatch *out){
  memset(out, 0, sizeof *out);
  int rc = db_begin(db);
  if( rc!=OK ) return rc;
  rc = v_watch_reminders(db, now, &out->reminders);
  Arena a;
  arena_init(&a);
  int64_t *ids, *offices;
  int n = 0;
  if( rc==OK ) rc = v_watch_due(db, now, 1, &ids, &offices, &n, &a);
  for(int i=0; rc==OK && i<n; i++){
    Verification v;
    rc = verify_get(db, offices[i], ids[i], &v, &a);
    if( rc!=OK ) break;
    Office o;
    v_tz(db, v.office_id, &o);
    char lapse[48], last[48];
    time_fmt_date(lapse, sizeof lapse, v.lapse_at, o.tz, v.lang);
    v_last_day(db, v.office_id, v.lapse_at, o.tz, v.lang, last, sizeof last);
    const char *vars[] = { "name", v.contact, "company", v.company, "lapse", lapse, "last_day", *last ? last : lapse,
                           "office", o.name, 0 };
    Actor who = v_system;
    who.office_id = v.office_id;
    rc = v_mail(db, &who, v.office_id, v.email, v.lang, "verify-lapse-warning", vars);
    if( rc==OK ){
      Stmt *q = db_prepare(db, "UPDATE verification SET warned_at=?2 WHERE id=?1");
      if( q==0 ) rc = ERR_DB;
      else{ db_bind_int64(q, 1, v.id); db_bind_int64(q, 2, now); rc = db_run(q); }
    }
    if( rc==OK ) rc = v_audit(db, &who, &v, "verify.lapse_warning", lapse);
    if( rc==OK ) out->warnings++;
  }
  if( rc==OK ) rc = v_watch_due(db, now, 0, &ids, &offices, &n, &a);
  for(int i=0; rc==OK && i<n; i++){
    Verification v;
    rc = verify_get(db, offices[i], ids[i], &v, &a);
    if( rc!=OK ) break;
    Actor who = v_system;
    who.office_id = v.office_id;
    Err e = {0};
    rc = v_stop(db, &who, &v, "lapsed", i18n_get("id", V_LAPSED), i18n_get(v.lang, V_LAPSED), "verify-lapsed", &e);
    if( rc==OK ) out->lapsed++;
  }
  arena_free(&a);
  if( rc==OK ) return db_commit(db);
  db_rollback(db);
  return rc;
}

/* One pass of the verification watcher: reminders, lapse warnings, lapses. */
static void vw_tick(void){
  Db *db = db_thread();
  VerifyWatch c;
  if( verify_watch(db, time_now(), &c)==OK && (c.reminders || c.warnings || c.lapsed) ){
    log_info("verification: %d reminder(s), %d lapse warning(s), %d lapsed", c.reminders, c.warnings, c.lapsed);
  }
  db_unreset(db);   /* a statement a pass forgot: logged and reset */
}

static Worker vw_worker = WORKER_INIT("verification", vw_tick);

/* Start the verification watcher of `loket serve`. */
int verify_watch_start(int poll_s){
  return worker_start(&vw_worker, poll_s>0 ? poll_s : 60);
}

/* Stop it and wait. */
void verify_watch_stop(void){
  worker_stop(&vw_worker);
}
