/*
** training.c — trainings of SPSE users (SOP-LPSE.BTG-005): the plan as a case of
** the procedure, the preparation checklist in working days, participants and the
** waiting list, confirmation tokens, attendance per session, the Q&A log, the
** report. Questionnaires are in questionnaire.c. See training.h.
*/
#include "training.h"
#include "desk.h"
#include "../sop/case.h"
#include "../sop/watch.h"
#include "../sop/absence.h"
#include "../mail/mail.h"
#include "verify.h"
#include "portal.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const training_audiences[] = { "penyedia", "ppk", "pokja", "pejabat_pengadaan", "instansi", "umum", 0 };

/* An audience word of a plan for people (an English msgid): a requester role by its label, else the office's words. */
const char *training_audience_label(const char *word){
  int k = role_index(word);
  if( k>=0 ) return role_label(k);
  return strcmp(word, "instansi")==0 ? N_("Government agency staff") : strcmp(word, "umum")==0 ? N_("General public") : word;
}

/* The Indonesian word of a questionnaire item's kind, as the template lines write it ("likert",
** "pilihan", "teks"). */
const char *training_kind_word(const char *kind){
  return strcmp(kind, "choice")==0 ? "pilihan" : strcmp(kind, "text")==0 ? "teks" : "likert";
}

/* An item's kind to show in a language (a msgid; Indonesian the editor's word). */
const char *training_kind_label(const char *kind){
  return strcmp(kind, "choice")==0 ? N_("choice") : strcmp(kind, "text")==0 ? N_("text") : N_("likert");
}

/* A plan's audience (its words one per line) for people in lang, the labels joined by ", ", into out. */
const char *training_audience_text(const char *audience, const char *lang, char *out, size_t n){
  size_t k = 0;
  out[0] = 0;
  for(const char *z = audience ? audience : ""; *z && k+1<n; ){
    size_t len = strcspn(z, "\n");
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)len, z);
    if( word[0] ) k += (size_t)snprintf(out+k, n-k, "%s%s", k ? ", " : "", i18n_get(lang, training_audience_label(word)));
    if( k>=n ) k = n-1;
    z += len;
    if( *z=='\n' ) z++;
  }
  return out;
}

/* The preparation items of SOP step 2 besides the facilities: kind, label as kept (Indonesian), its
** msgid (what is shown, in the reader's language), working days. */
static const struct { const char *kind, *label, *msgid; int days; } prep_fixed[] = {
  { "attendance", "Konfirmasi kehadiran peserta",    N_("Participants' attendance confirmed"), 7 },
  { "trainers",   "Konfirmasi ketersediaan trainer", N_("Trainers' availability confirmed"), 5 },
  { "materials",  "Materi training siap",            N_("Training materials ready"), 2 },
};

/* A preparation item's label as kept (Indonesian) to show in a language: the msgid of a fixed item, a facility as typed. */
const char *training_prep_label(const char *label){
  for(size_t i=0; label && i<COUNT(prep_fixed); i++){
    if( strcmp(label, prep_fixed[i].label)==0 ) return prep_fixed[i].msgid;
  }
  return label;
}
#define FACILITY_DAYS 7

/* An instant from "YYYY-MM-DD HH:MM" (or with a T) in zone tz, or ISO 8601 UTC. */
static int parse_when(const char *z, const char *tz, int64_t *t){
  if( util_blank(z) ) return ERR_INVALID;
  if( time_parse_iso(z, t)==OK ) return OK;
  char buf[24];
  if( strlen(z)!=16 ) return ERR_INVALID;
  memcpy(buf, z, 17);
  if( buf[10]=='T' ) buf[10] = ' ';
  return calendar_parse_local(buf, tz, t);
}

/* The due time of a preparation item: the close of the n-th working day before the start. */
int64_t training_prep_due(const Calendar *cal, int64_t starts_at, int days){
  return calendar_workdays_before(cal, starts_at, days);
}

/* When its reminder goes: the opening of the working day before the due day. */
int64_t training_prep_remind(const Calendar *cal, int64_t due_at){
  if( due_at<=0 || due_at==CAL_NEVER ) return 0;
  int64_t prev = calendar_workdays_before(cal, due_at, 2);
  if( prev==CAL_NEVER ) return 0;
  return calendar_add_office(cal, prev, 0);
}

/* Write one audit row about a training. */
static int t_audit(Db *db, const Actor *who, const char *action, int64_t id, const char *detail){
  char obj[40];
  snprintf(obj, sizeof obj, "training/%lld", (long long)id);
  return audit_write(db, who, action, obj, detail);
}

/* The case number of a training's case into a. */
static const char *case_number_of(Db *db, int64_t case_id, Arena *a){
  Stmt *q = db_prepare(db, "SELECT number FROM kasus WHERE id=?1");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, case_id);
  const char *z = db_step(q)==DB_ROW ? arena_strdup(a, db_col_text(q, 0)) : 0;
  db_reset(q);
  return z;
}

/* Complete step no of the training's case when it is the open one, its note Loket's message msgid. */
static int case_step_done(Db *db, const Actor *who, int64_t office_id, int64_t case_id, int no,
                          const char *msgid, Err *e){
  Arena a;
  arena_init(&a);
  const char *number = case_number_of(db, case_id, &a);
  Case *c = 0;
  int rc = number ? case_get(db, office_id, number, &c) : ERR_NOTFOUND;
  if( rc==OK && c->current_step==no ) rc = case_complete_step(db, who, c, no, "done", case_note_key(&a, msgid, NULL), e);
  if( c ) case_free(c);
  arena_free(&a);
  return rc;
}

/* Insert one preparation item with its due and reminder times. */
static int prep_insert(Db *db, int64_t tid, int64_t office_id, const char *kind, const char *label,
                       int days, const Calendar *cal, int64_t starts_at){
  int64_t due = training_prep_due(cal, starts_at, days);
  if( due==CAL_NEVER ) due = 0;
  Stmt *q = db_prepare(db, "INSERT INTO training_prep(training_id, office_id, kind, label, days, due_at, remind_at)"
                           " VALUES(?1,?2,?3,?4,?5,?6,?7)");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, tid);
  db_bind_int64(q, 2, office_id);
  db_bind_text(q, 3, kind);
  db_bind_text(q, 4, label);
  db_bind_int(q, 5, days);
  if( due ) db_bind_int64(q, 6, due); else db_bind_null(q, 6);
  int64_t rem = training_prep_remind(cal, due);
  if( rem ) db_bind_int64(q, 7, rem); else db_bind_null(q, 7);
  return db_run(q);
}

/* Join a list of texts with newlines into a. */
static const char *join_lines(const char *const *v, int n, Arena *a){
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, '\n'); buf_puts(&b, v[i]); }
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* Check the sessions of a plan, adding what is wrong to e; their first start and last end into starts/ends. */
static int sessions_check(const TrainingSessionIn *v, int n, const char *tz, int64_t *starts, int64_t *ends, Err *e){
  if( n<=0 ){ err_add(e, "sessions", N_("is required")); return ERR_INVALID; }
  if( n>TRAINING_MAX_SESSIONS ){ err_add(e, "sessions", N_("has too many items")); return ERR_INVALID; }
  *starts = INT64_MAX; *ends = 0;
  int rc = OK;
  for(int i=0; i<n; i++){
    int64_t s, f;
    int when = OK;
    if( err_check_text(e, "sessions.title", v[i].title, 200, TEXT_REQUIRED) ) rc = ERR_INVALID;
    if( parse_when(v[i].starts, tz, &s) ){ err_add(e, "sessions.starts_at", N_("must be a date and time (YYYY-MM-DD HH:MM)")); when = ERR_INVALID; }
    if( parse_when(v[i].ends, tz, &f) ){ err_add(e, "sessions.ends_at", N_("must be a date and time (YYYY-MM-DD HH:MM)")); when = ERR_INVALID; }
    /* the years the office calendar counts deadlines in, said of the session's own field */
    int years = OK;
    if( when==OK && (s<0 || s>=CAL_EVENT_END) ){ err_add(e, "sessions.starts_at", N_("must be a time between 1970 and 2100")); years = ERR_INVALID; }
    if( when==OK && (f<0 || f>=CAL_EVENT_END) ){ err_add(e, "sessions.ends_at", N_("must be a time between 1970 and 2100")); years = ERR_INVALID; }
    if( years!=OK ) when = years;
    if( when==OK && f<=s ){ err_add(e, "sessions.ends_at", N_("must be later than the start")); when = ERR_INVALID; }
    if( when!=OK ){ rc = when; continue; }
    if( s<*starts ) *starts = s;
    if( f>*ends ) *ends = f;
  }
  return rc;
}

/* Check a plan, naming every field that is wrong; the sessions' instants into starts/ends. */
static int plan_check(const TrainingNew *in, const char *tz, int64_t *starts, int64_t *ends, Err *e){
  Err all = {0};
  err_check_text(&all, "title", in->title, 200, TEXT_REQUIRED);
  err_check_text(&all, "description", in->description, 4000, TEXT_LINES);
  err_check_text(&all, "venue", in->venue, 200, TEXT_REQUIRED);
  if( in->naudience<=0 ) err_add(&all, "audience", N_("is required"));
  for(int i=0; i<in->naudience; i++){
    int ok = 0;
    for(int k=0; training_audiences[k]; k++) if( util_str_eq(training_audiences[k], in->audience[i]) ) ok = 1;
    if( !ok ) err_add(&all, "audience", N_("must be penyedia, ppk, pokja, pejabat_pengadaan, instansi or umum"));
  }
  if( in->capacity<1 || in->capacity>10000 ) err_add(&all, "capacity", N_("must be a number from 1 to 10000"));
  if( in->nfacilities<0 || in->nfacilities>TRAINING_MAX_FACILITIES ) err_add(&all, "facilities", N_("has too many items"));
  else for(int i=0; i<in->nfacilities; i++) err_check_text(&all, "facilities", in->facilities[i], 120, TEXT_REQUIRED);
  if( in->ntrainers<=0 ) err_add(&all, "trainers", N_("is required"));
  for(int i=0; i<in->ntrainers; i++) err_check_text(&all, "trainers", in->trainers[i], 120, TEXT_REQUIRED);
  /* a plan is for a training still to come (or under way): one whose every session has ended is
  ** not planned after the fact (a training already begun today may still be drawn up) */
  if( sessions_check(in->sessions, in->nsessions, tz, starts, ends, &all)==OK && *ends<=time_now() ){
    err_add(&all, "sessions.ends_at", N_("must be later than now: a training that has already ended is not planned"));
  }
  if( in->nbudget<0 || in->nbudget>TRAINING_MAX_BUDGET ) err_add(&all, "budget", N_("has too many items"));
  else for(int i=0; i<in->nbudget; i++){
    err_check_text(&all, "budget.item", in->budget[i].item, 200, TEXT_REQUIRED);
    if( in->budget[i].amount<0 || in->budget[i].amount>INT64_C(1000000000000) ){
      err_add(&all, "budget.amount", N_("must be a whole number of rupiah, not negative"));
    }
  }
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* The sessions of a plan (checked), numbered by their start; a changed plan keeps its
** session rows (and their ids) in order, the rows beyond the new count removed. */
static int sessions_write(Db *db, const Actor *who, int64_t tid, const TrainingSessionIn *sv, int n, const char *tz){
  int rc = OK;
  Stmt *q;
  const int64_t *id = &tid;
  int order[TRAINING_MAX_SESSIONS];
  int64_t ss[TRAINING_MAX_SESSIONS], sf[TRAINING_MAX_SESSIONS];
  for(int i=0; i<n; i++){
    parse_when(sv[i].starts, tz, &ss[i]);
    parse_when(sv[i].ends, tz, &sf[i]);
    int k = i;
    while( k>0 && ss[order[k-1]]>ss[i] ){ order[k] = order[k-1]; k--; }
    order[k] = i;
  }
  /* a changed plan keeps its session rows (and ids) in order: renumbered out of the way first */
  int64_t old[TRAINING_MAX_SESSIONS];
  int nold = 0;
  q = db_prepare(db, "SELECT id FROM training_session WHERE training_id=?1 ORDER BY no");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, tid);
  while( nold<TRAINING_MAX_SESSIONS && db_step(q)==DB_ROW ) old[nold++] = db_col_int64(q, 0);
  db_reset(q);
  if( nold ){
    q = db_prepare(db, "UPDATE training_session SET no=-no WHERE training_id=?1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, tid);
    rc = db_run(q);
  }
  for(int k=0; rc==OK && k<n; k++){
    int i = order[k];
    q = k<nold ? db_prepare(db, "UPDATE training_session SET no=?3, title=?4, starts_at=?5, ends_at=?6 WHERE id=?1 AND office_id=?2")
               : db_prepare(db, "INSERT INTO training_session(training_id, office_id, no, title, starts_at, ends_at) VALUES(?1,?2,?3,?4,?5,?6)");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, k<nold ? old[k] : *id); db_bind_int64(q, 2, who->office_id); db_bind_int(q, 3, k+1);
    db_bind_text(q, 4, sv[i].title); db_bind_int64(q, 5, ss[i]); db_bind_int64(q, 6, sf[i]);
    rc = db_run(q);
  }
  for(int k=n; rc==OK && k<nold; k++){
    q = db_prepare(db, "DELETE FROM training_session WHERE id=?1");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, old[k]);
    rc = db_run(q);
  }
  return rc;
}

/* Check a plan as training_create and training_update do (in the office's zone tz), every
** wrong field named in e; nothing read or written. */
int training_plan_check(const TrainingNew *in, const char *tz, Err *e){
  int64_t starts, ends;
  return plan_check(in, tz, &starts, &ends, e);
}

/* Check what moves a training to other days, the reason and the new sessions together, every
** wrong field named; the sessions' first start and last end into starts/ends. */
static int move_check(const TrainingSessionIn *sv, int n, const char *reason, const char *tz, int64_t *starts,
                      int64_t *ends, Err *e){
  Err all = {0};
  err_check_text(&all, "reason", reason, 1000, TEXT_REQUIRED|TEXT_LINES);
  sessions_check(sv, n, tz, starts, ends, &all);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* Check a training's move as training_reschedule does (in the office's zone tz), every wrong
** field named in e; nothing read or written. */
int training_move_check(const TrainingSessionIn *sv, int n, const char *reason, const char *tz, Err *e){
  int64_t starts, ends;
  return move_check(sv, n, reason, tz, &starts, &ends, e);
}

/* The sessions (numbered by their start) and budget lines of a plan. */
static int plan_children(Db *db, const Actor *who, int64_t tid, const TrainingNew *in, const char *tz, int64_t starts){
  (void)starts;
  const int64_t *id = &tid;
  int rc = sessions_write(db, who, tid, in->sessions, in->nsessions, tz);
  Stmt *q;
  for(int i=0; rc==OK && i<in->nbudget; i++){
    q = db_prepare(db, "INSERT INTO training_budget(training_id, office_id, item, amount) VALUES(?1,?2,?3,?4)");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, *id); db_bind_int64(q, 2, who->office_id);
    db_bind_text(q, 3, in->budget[i].item); db_bind_int64(q, 4, in->budget[i].amount);
    rc = db_run(q);
  }
  return rc;
}

/* The checklist of a new plan: attendance, each facility, trainers, materials. */
static int plan_prep(Db *db, const Actor *who, int64_t tid, const TrainingNew *in, int64_t starts){
  int rc = OK;
  const int64_t *id = &tid;
  Calendar *cal = calendar_load(db, who->office_id);
  if( cal==0 ) rc = ERR_DB;
  if( rc==OK ) rc = prep_insert(db, *id, who->office_id, prep_fixed[0].kind, prep_fixed[0].label, prep_fixed[0].days, cal, starts);
  for(int i=0; rc==OK && i<in->nfacilities; i++){
    rc = prep_insert(db, *id, who->office_id, "facility", in->facilities[i], FACILITY_DAYS, cal, starts);
  }
  for(size_t i=1; rc==OK && i<COUNT(prep_fixed); i++){
    rc = prep_insert(db, *id, who->office_id, prep_fixed[i].kind, prep_fixed[i].label, prep_fixed[i].days, cal, starts);
  }
  if( cal ) calendar_free(cal);
  return rc;
}

/* Draw up a plan: the case of BTG-005 opened (step 1, the head's), the training, its
** sessions, budget lines and the preparation checklist with its due times. */
int training_create(Db *db, const Actor *who, const TrainingNew *in, int64_t *id, Err *e){
  Office o;
  if( office_get(db, who->office_id, &o)!=OK ) return ERR_NOTFOUND;
  int64_t starts, ends;
  if( plan_check(in, o.tz, &starts, &ends, e) ) return ERR_INVALID;
  Arena a;
  arena_init(&a);
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ){ arena_free(&a); return rc; }
  int64_t tpl = in->template_id;
  if( tpl ){
    TqTemplate t;
    if( tq_template_get(db, who->office_id, tpl, &t, &a)!=OK ){ ERR_SET(e, "questionnaire", N_("is not a questionnaire of this office")); rc = ERR_INVALID; }
  }else rc = tq_template_default(db, who, who->office_id, &tpl);
  int64_t last_end = ends;
  CaseNew cn;
  memset(&cn, 0, sizeof cn);
  cn.office_id = who->office_id;
  cn.sop = TRAINING_SOP;
  cn.channel = "letter";
  cn.subject = in->title;
  cn.requester.org_name = o.name;
  cn.events[0] = (CalEvent){ "training_start", starts };
  cn.events[1] = (CalEvent){ "training_end", ends };
  cn.events[2] = (CalEvent){ "last_session_end", last_end };
  cn.nevents = 3;
  cn.own_work = 1;   /* the office's own plan: the priority table's targets are for requests, not for it */
  Case *c = 0;
  if( rc==OK ) rc = case_open(db, who, &cn, &c, e);
  Stmt *q = 0;
  if( rc==OK ){
    q = db_prepare(db, "INSERT INTO training(office_id, case_id, title, description, audience, capacity, venue, trainers,"
                       " portal, template_id, status, starts_at, ends_at, created_at, created_by)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,'plan',?11,?12,?13,?14) RETURNING id");
    if( q==0 ) rc = ERR_DB;
  }
  if( rc==OK ){
    db_bind_int64(q, 1, who->office_id);
    db_bind_int64(q, 2, c->id);
    db_bind_text(q, 3, in->title);
    db_bind_text(q, 4, in->description ? in->description : "");
    db_bind_text(q, 5, join_lines(in->audience, in->naudience, &a));
    db_bind_int(q, 6, in->capacity);
    db_bind_text(q, 7, in->venue);
    db_bind_text(q, 8, join_lines(in->trainers, in->ntrainers, &a));
    db_bind_int(q, 9, in->portal ? 1 : 0);
    db_bind_int64(q, 10, tpl);
    db_bind_int64(q, 11, starts);
    db_bind_int64(q, 12, ends);
    db_bind_int64(q, 13, time_now());
    db_bind_text(q, 14, who->username);
    if( db_step(q)==DB_ROW ) *id = db_col_int64(q, 0); else rc = ERR_DB;
    db_reset(q);
  }
  if( rc==OK ) rc = plan_children(db, who, *id, in, o.tz, starts);
  if( rc==OK ) rc = plan_prep(db, who, *id, in, starts);
  if( rc==OK ){
    char iso[32];
    time_fmt_iso(iso, sizeof iso, starts);
    rc = t_audit(db, who, "training.create", *id, arena_printf(&a, "case %s; starts %s; capacity %d", c->number, iso, in->capacity));
  }
  if( c ) case_free(c);
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* After a change of the office's calendar: the open preparation items of trainings still
** planned count their working days before the start again on the new calendar (a
** reminder already sent stays sent). A calendar hook (main.c); *moved gets how many moved. */
int training_calendar_shift(Db *db, int64_t office_id, const Calendar *was, const Calendar *cal,
                            int64_t from, int *moved){
  (void)was; (void)from;   /* a deadline before an event is counted again whole */
  Stmt *q = db_prepare(db, "SELECT p.id, t.starts_at, p.days, coalesce(p.due_at,0)"
                           " FROM training_prep p JOIN training t ON t.id=p.training_id"
                           " WHERE p.office_id=?1 AND p.done_at IS NULL AND t.status IN ('plan','approved')");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  typedef struct { int64_t id, starts, due; int days; } Row;
  Row *v = 0;
  int n = 0, cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    if( n==cap ){ cap = cap ? 2*cap : 16; v = xrealloc(v, sizeof *v*(size_t)cap); }
    v[n++] = (Row){ db_col_int64(q, 0), db_col_int64(q, 1), db_col_int64(q, 3), db_col_int(q, 2) };
  }
  db_reset(q);
  rc = rc==DB_DONE ? OK : ERR_DB;
  for(int i=0; rc==OK && i<n; i++){
    int64_t due = training_prep_due(cal, v[i].starts, v[i].days);
    if( due==CAL_NEVER ) due = 0;
    if( due==v[i].due ) continue;
    int64_t rem = training_prep_remind(cal, due);
    q = db_prepare(db, "UPDATE training_prep SET due_at=?2,"
                       " remind_at=CASE WHEN reminded_at IS NULL THEN ?3 ELSE remind_at END WHERE id=?1");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, v[i].id);
    if( due ) db_bind_int64(q, 2, due); else db_bind_null(q, 2);
    if( rem ) db_bind_int64(q, 3, rem); else db_bind_null(q, 3);
    rc = db_run(q);
    if( rc==OK ) (*moved)++;
  }
  free(v);
  return rc;
}

/* The checklist after a change of plan (in) or of the schedule alone (in NULL: every item kept):
** items kept (their ids too) with due times moved, facilities no longer planned removed, new
** ones added. An item done or past its deadline keeps its record; one whose due time moves
** is reminded again before the new one. */
static int prep_sync(Db *db, const Actor *who, int64_t tid, const TrainingNew *in, int64_t starts){
  Calendar *cal = calendar_load(db, who->office_id);
  if( cal==0 ) return ERR_DB;
  int rc = OK;
  Stmt *q = db_prepare(db, "SELECT id, kind, label, days, coalesce(due_at,0), done_at IS NOT NULL OR breached_at IS NOT NULL"
                           " FROM training_prep WHERE training_id=?1 ORDER BY id");
  typedef struct { int64_t id, due; int days, keep, closed; char kind[16], label[1024]; } Row;
  Row v[64];
  int n = 0;
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, tid);
    while( n<64 && db_step(q)==DB_ROW ){
      v[n].id = db_col_int64(q, 0);
      snprintf(v[n].kind, sizeof v[n].kind, "%s", db_col_text(q, 1));
      snprintf(v[n].label, sizeof v[n].label, "%s", db_col_text(q, 2));
      v[n].days = db_col_int(q, 3);
      v[n].due = db_col_int64(q, 4);
      v[n].closed = db_col_int(q, 5);
      v[n].keep = in==0 || strcmp(v[n].kind, "facility")!=0;
      for(int i=0; !v[n].keep && i<in->nfacilities; i++) if( strcmp(in->facilities[i], v[n].label)==0 ) v[n].keep = 1;
      n++;
    }
    db_reset(q);
  }
  for(int i=0; rc==OK && i<n; i++){
    int64_t due = training_prep_due(cal, starts, v[i].days);
    if( due==CAL_NEVER ) due = 0;
    if( v[i].keep && (v[i].closed || due==v[i].due) ) continue;
    int64_t rem = training_prep_remind(cal, due);
    q = v[i].keep ? db_prepare(db, "UPDATE training_prep SET due_at=?2, remind_at=?3, reminded_at=NULL WHERE id=?1")
                  : db_prepare(db, "DELETE FROM training_prep WHERE id=?1 AND ?2>=0 AND ?3>=0");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, v[i].id);
    if( due ) db_bind_int64(q, 2, due); else db_bind_null(q, 2);
    if( rem ) db_bind_int64(q, 3, rem); else db_bind_null(q, 3);
    if( !v[i].keep ){ db_bind_int64(q, 2, 0); db_bind_int64(q, 3, 0); }
    rc = db_run(q);
  }
  for(int k=0; in && rc==OK && k<in->nfacilities; k++){
    int have = 0;
    for(int i=0; i<n; i++) if( strcmp(v[i].kind, "facility")==0 && strcmp(v[i].label, in->facilities[k])==0 ) have = 1;
    if( !have ) rc = prep_insert(db, tid, who->office_id, "facility", in->facilities[k], FACILITY_DAYS, cal, starts);
  }
  calendar_free(cal);
  return rc;
}

static int training_row(Db *db, int64_t office_id, int64_t id, Training *t, Arena *a);

/* 0 when no session of the training has attendance or questions yet; else ERR_CONFLICT
** naming sessions (those cannot be replaced). */
static int sessions_untouched(Db *db, int64_t id, Err *e){
  Stmt *q = db_prepare(db, "SELECT count(*) FROM training_session s WHERE s.training_id=?1 AND (EXISTS(SELECT 1 FROM training_attendance x"
                           " WHERE x.session_id=s.id) OR EXISTS(SELECT 1 FROM training_question x WHERE x.session_id=s.id))");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  int rc = OK;
  if( db_step(q)==DB_ROW && db_col_int(q, 0)>0 ){ ERR_SET(e, "sessions", N_("A session with attendance or questions cannot be replaced")); rc = ERR_CONFLICT; }
  db_reset(q);
  return rc;
}

/* The case's instants follow the schedule, and its open steps' deadlines counted from them
** (step 2's tasks, working days before the start) are computed again. */
static int case_events_move(Db *db, int64_t office_id, int64_t case_id, int64_t starts, int64_t ends){
  const CalEvent ev[] = { { "training_start", starts }, { "training_end", ends }, { "last_session_end", ends } };
  int rc = OK;
  for(size_t i=0; rc==OK && i<COUNT(ev); i++){
    Stmt *q = db_prepare(db, "UPDATE case_event SET at=?3 WHERE case_id=?1 AND name=?2");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, case_id); db_bind_text(q, 2, ev[i].name); db_bind_int64(q, 3, ev[i].at);
    rc = db_run(q);
  }
  if( rc!=OK ) return rc;
  Calendar *cal = calendar_load(db, office_id);
  if( cal==0 ) return ERR_DB;
  int moved;
  rc = dueshift_case(db, case_id, cal, &moved);
  calendar_free(cal);
  return rc;
}

static int seat_promote(Db *db, int64_t office_id, int64_t tid, const char *title, int n, int64_t *last);

/* OK while t is a plan not yet approved (to approve or change); else ERR_CONFLICT naming status
** with why: a cancelled training is not approved or changed, only planned anew. */
static int plan_still(const Training *t, Err *e){
  if( strcmp(t->status, "plan")==0 ) return OK;
  ERR_SET(e, "status", strcmp(t->status, "cancelled")==0 ? N_("The training is cancelled: plan a new one")
                                                         : N_("The plan is already approved"));
  return ERR_CONFLICT;
}

/* Change a plan before the head approves it: its fields, sessions, budget and checklist
** replaced, and the case's instants (start, end) moved with it. ERR_CONFLICT once approved,
** or when a session already has attendance or questions. */
int training_update(Db *db, const Actor *who, int64_t id, const TrainingNew *in, Err *e){
  Office o;
  if( office_get(db, who->office_id, &o)!=OK ) return ERR_NOTFOUND;
  int64_t starts, ends;
  if( plan_check(in, o.tz, &starts, &ends, e) ) return ERR_INVALID;
  Arena a;
  arena_init(&a);
  Training t;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = training_row(db, who->office_id, id, &t, &a);
  if( rc==OK ) rc = plan_still(&t, e);
  /* seats already given are kept: the capacity does not go under them */
  if( rc==OK ){
    Stmt *c = db_prepare(db, "SELECT count(*) FROM training_participant WHERE training_id=?1 AND seat='seat' AND rsvp<>'declined'");
    if( c==0 ) rc = ERR_DB;
    else{
      db_bind_int64(c, 1, id);
      t.seats = db_step(c)==DB_ROW ? db_col_int(c, 0) : 0;
      db_reset(c);
    }
  }
  if( rc==OK && in->capacity < t.seats ){
    ERR_SET(e, "capacity", N_("is less than the seats already given: release some participants first")); rc = ERR_INVALID;
  }
  int64_t tpl = in->template_id ? in->template_id : (rc==OK ? t.template_id : 0);
  if( rc==OK ){
    TqTemplate x;
    if( tq_template_get(db, who->office_id, tpl, &x, &a)!=OK ){ ERR_SET(e, "questionnaire", N_("is not a questionnaire of this office")); rc = ERR_INVALID; }
  }
  Stmt *q = 0;
  if( rc==OK ) rc = sessions_untouched(db, id, e);
  if( rc==OK ){
    q = db_prepare(db, "UPDATE training SET title=?2, description=?3, audience=?4, capacity=?5, venue=?6, trainers=?7, portal=?8,"
                       " template_id=?9, starts_at=?10, ends_at=?11 WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, id); db_bind_text(q, 2, in->title); db_bind_text(q, 3, in->description ? in->description : "");
      db_bind_text(q, 4, join_lines(in->audience, in->naudience, &a)); db_bind_int(q, 5, in->capacity); db_bind_text(q, 6, in->venue);
      db_bind_text(q, 7, join_lines(in->trainers, in->ntrainers, &a)); db_bind_int(q, 8, in->portal ? 1 : 0);
      db_bind_int64(q, 9, tpl); db_bind_int64(q, 10, starts); db_bind_int64(q, 11, ends);
      rc = db_run(q);
    }
  }
  if( rc==OK ){
    q = db_prepare(db, "DELETE FROM training_budget WHERE training_id=?1");
    if( q==0 ) rc = ERR_DB; else { db_bind_int64(q, 1, id); rc = db_run(q); }
  }
  if( rc==OK ) rc = plan_children(db, who, id, in, o.tz, starts);
  if( rc==OK ) rc = prep_sync(db, who, id, in, starts);
  if( rc==OK ) rc = case_events_move(db, t.office_id, t.case_id, starts, ends);
  /* more seats than before: the waiting list moves up, in order */
  if( rc==OK ){
    Training now;
    rc = training_get(db, t.office_id, id, &now, &a);
    int64_t last;
    if( rc==OK && now.capacity > now.seats ) rc = seat_promote(db, now.office_id, id, now.title, now.capacity - now.seats, &last);
  }
  if( rc==OK ){
    char iso[32];
    time_fmt_iso(iso, sizeof iso, starts);
    rc = t_audit(db, who, "training.update", id, arena_printf(&a, "starts %s; capacity %d", iso, in->capacity));
  }
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* Read the training row (office-scoped) into t. */
static int training_row(Db *db, int64_t office_id, int64_t id, Training *t, Arena *a){
  Stmt *q = db_prepare(db, "SELECT t.id, t.office_id, t.case_id, coalesce(t.template_id,0), k.number, t.title, t.description,"
                           " t.audience, t.venue, t.trainers, t.status, coalesce(t.approved_by,''), coalesce(t.reported_by,''),"
                           " t.report_notes, t.created_by, t.capacity, t.portal, t.starts_at, t.ends_at, coalesce(t.approved_at,0),"
                           " coalesce(t.held_at,0), coalesce(t.reported_at,0), t.created_at"
                           " FROM training t JOIN kasus k ON k.id=t.case_id WHERE t.id=?1 AND t.office_id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, office_id);
  int rc = db_step(q);
  if( rc!=DB_ROW ){ db_reset(q); return rc==DB_DONE ? ERR_NOTFOUND : ERR_DB; }
  memset(t, 0, sizeof *t);
  t->id = db_col_int64(q, 0); t->office_id = db_col_int64(q, 1); t->case_id = db_col_int64(q, 2);
  t->template_id = db_col_int64(q, 3);
  t->number = arena_strdup(a, db_col_text(q, 4)); t->title = arena_strdup(a, db_col_text(q, 5));
  t->description = arena_strdup(a, db_col_text(q, 6)); t->audience = arena_strdup(a, db_col_text(q, 7));
  t->venue = arena_strdup(a, db_col_text(q, 8)); t->trainers = arena_strdup(a, db_col_text(q, 9));
  t->status = arena_strdup(a, db_col_text(q, 10)); t->approved_by = arena_strdup(a, db_col_text(q, 11));
  t->reported_by = arena_strdup(a, db_col_text(q, 12)); t->report_notes = arena_strdup(a, db_col_text(q, 13));
  t->created_by = arena_strdup(a, db_col_text(q, 14));
  t->capacity = db_col_int(q, 15); t->portal = db_col_int(q, 16);
  t->starts_at = db_col_int64(q, 17); t->ends_at = db_col_int64(q, 18); t->approved_at = db_col_int64(q, 19);
  t->held_at = db_col_int64(q, 20); t->reported_at = db_col_int64(q, 21); t->created_at = db_col_int64(q, 22);
  db_reset(q);
  /* the case may have been walked from its own page: the training follows its steps */
  q = db_prepare(db, "SELECT CASE WHEN " CASE_SQL_CANCELLED " THEN 'cancelled' ELSE k.status END, coalesce((SELECT s.no FROM case_step s WHERE s.case_id=k.id AND s.done_at IS NULL"
                     " ORDER BY s.id DESC LIMIT 1),0) FROM kasus k WHERE k.id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, t->case_id);
  if( db_step(q)==DB_ROW ){
    const char *ks = db_col_text(q, 0);
    int step = db_col_int(q, 1);
    int closed = strcmp(ks, "closed")==0 || strcmp(ks, "archived")==0;
    if( strcmp(ks, "cancelled")==0 ) t->status = "cancelled";
    else if( strcmp(t->status, "plan")==0 && (step>=2 || closed) ) t->status = "approved";
    if( strcmp(t->status, "approved")==0 && (step>=4 || closed) ) t->status = "held";
    if( strcmp(t->status, "held")==0 && closed ) t->status = "reported";
  }
  db_reset(q);
  return OK;
}

/* Mark the sessions that fall on one of the office's holidays (by the local day of their start)
** with its name, and those on a day the office is otherwise closed (a weekend by its weekly hours,
** a period without hours): a training planned on Natal or a Saturday is shown as such, not refused. */
static int sessions_holidays(Db *db, int64_t office_id, TrainingSession *v, int n, Arena *a){
  if( n==0 ) return OK;
  Office o;
  if( office_get(db, office_id, &o)!=OK ) return ERR_DB;
  Calendar *cal = calendar_load(db, office_id);
  Stmt *q = db_prepare(db, "SELECT name FROM holiday WHERE office_id=?1 AND day=?2");
  if( q==0 || cal==0 ){ calendar_free(cal); return ERR_DB; }
  for(int i=0; i<n; i++){
    char day[11];
    time_day_text(day, v[i].starts_at, o.tz);
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, day);
    v[i].holiday = db_step(q)==DB_ROW ? arena_strdup(a, db_col_text(q, 0)) : 0;
    v[i].closed_day = v[i].holiday==0 && !calendar_is_workday(cal, v[i].starts_at);
    db_reset(q);
  }
  calendar_free(cal);
  return OK;
}

/* A training of an office with its sessions, budget, checklist and participant counts. */
int training_get(Db *db, int64_t office_id, int64_t id, Training *t, Arena *a){
  int rc = training_row(db, office_id, id, t, a);
  if( rc!=OK ) return rc;
  int cap = 0;
  Stmt *q = db_prepare(db, "SELECT s.id, s.no, s.title, s.starts_at, s.ends_at, s.qa_minutes,"
                           " (SELECT count(*) FROM training_attendance x WHERE x.session_id=s.id),"
                           " (SELECT count(*) FROM training_question x WHERE x.session_id=s.id)"
                           " FROM training_session s WHERE s.training_id=?1 ORDER BY s.no");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  while( db_step(q)==DB_ROW ){
    t->sessions = arena_grow(a, t->sessions, sizeof *t->sessions, t->nsessions, &cap);
    TrainingSession *s = &t->sessions[t->nsessions++];
    s->id = db_col_int64(q, 0); s->no = db_col_int(q, 1); s->title = arena_strdup(a, db_col_text(q, 2));
    s->starts_at = db_col_int64(q, 3); s->ends_at = db_col_int64(q, 4); s->qa_minutes = db_col_int(q, 5);
    s->present = db_col_int(q, 6); s->questions = db_col_int(q, 7);
  }
  db_reset(q);
  rc = sessions_holidays(db, office_id, t->sessions, t->nsessions, a);
  if( rc!=OK ) return rc;
  cap = 0;
  q = db_prepare(db, "SELECT item, amount FROM training_budget WHERE training_id=?1 ORDER BY id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  while( db_step(q)==DB_ROW ){
    t->budget = arena_grow(a, t->budget, sizeof *t->budget, t->nbudget, &cap);
    t->budget[t->nbudget].item = arena_strdup(a, db_col_text(q, 0));
    t->budget[t->nbudget++].amount = db_col_int64(q, 1);
  }
  db_reset(q);
  cap = 0;
  q = db_prepare(db, "SELECT id, kind, label, days, coalesce(due_at,0), coalesce(remind_at,0), coalesce(done_at,0),"
                     " coalesce(reminded_at,0), coalesce(breached_at,0), coalesce(done_by,''), coalesce(met,-1)"
                     " FROM training_prep WHERE training_id=?1 ORDER BY due_at, id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  while( db_step(q)==DB_ROW ){
    t->prep = arena_grow(a, t->prep, sizeof *t->prep, t->nprep, &cap);
    TrainingPrep *p = &t->prep[t->nprep++];
    p->id = db_col_int64(q, 0); p->kind = arena_strdup(a, db_col_text(q, 1)); p->label = arena_strdup(a, db_col_text(q, 2));
    p->days = db_col_int(q, 3); p->due_at = db_col_int64(q, 4); p->remind_at = db_col_int64(q, 5);
    p->done_at = db_col_int64(q, 6); p->reminded_at = db_col_int64(q, 7); p->breached_at = db_col_int64(q, 8);
    p->done_by = arena_strdup(a, db_col_text(q, 9)); p->met = db_col_int(q, 10);
  }
  db_reset(q);
  q = db_prepare(db, "SELECT count(CASE WHEN seat='seat' AND rsvp<>'declined' THEN 1 END),"
                     " count(CASE WHEN seat='waiting' THEN 1 END), count(CASE WHEN rsvp='confirmed' THEN 1 END),"
                     " count(CASE WHEN rsvp='declined' THEN 1 END), count(CASE WHEN rsvp='none' AND seat='seat' THEN 1 END)"
                     " FROM training_participant WHERE training_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  if( db_step(q)==DB_ROW ){
    t->seats = db_col_int(q, 0); t->waiting = db_col_int(q, 1); t->confirmed = db_col_int(q, 2);
    t->declined = db_col_int(q, 3); t->no_answer = db_col_int(q, 4);
  }
  db_reset(q);
  /* the case: its open step, and step 4's stored due time and verdict */
  t->report_met = -1;
  q = db_prepare(db, "SELECT no, coalesce(due_at,0), coalesce(met,-1), done_at IS NULL FROM case_step WHERE case_id=?1 ORDER BY id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, t->case_id);
  while( db_step(q)==DB_ROW ){
    int no = db_col_int(q, 0);
    if( db_col_int(q, 3) ) t->current_step = no;
    if( no==4 ){ t->report_due_at = db_col_int64(q, 1); t->report_met = db_col_int(q, 2); }
  }
  db_reset(q);
  if( strcmp(t->status, "reported")==0 || strcmp(t->status, "cancelled")==0 ) t->current_step = 0;
  /* the questionnaire opens on the last day (from its first session) and stays open a week */
  if( t->nsessions>0 ){
    Office o;
    int64_t off = office_get(db, office_id, &o)==OK && tz_offset_minutes(o.tz)>0 ? tz_offset_minutes(o.tz)*60 : 7*3600;
    const TrainingSession *last = &t->sessions[t->nsessions-1];
    int64_t open = last->starts_at, last_day = (last->starts_at + off) / 86400;
    for(int i=0; i<t->nsessions; i++){     /* the first session of the last day, in the office's zone */
      if( t->sessions[i].starts_at<open && (t->sessions[i].starts_at + off) / 86400==last_day ) open = t->sessions[i].starts_at;
    }
    t->survey_opens_at = open;
    t->survey_closes_at = t->ends_at + 7*86400;
  }
  return OK;
}

/* Trainings of an office starting in [from, to), by start. */
int training_list(Db *db, int64_t office_id, int64_t from, int64_t to, int portal_only,
                  TrainingRow **rows, int *n, Arena *a){
  /* the status as training_row() derives it when the case was walked from its own page */
  Stmt *q = db_prepare(db, "SELECT x.id, x.starts_at, x.ends_at, x.capacity, x.portal, x.title, x.venue, x.eff, x.number,"
                           " x.audience, (SELECT count(*) FROM training_participant p WHERE p.training_id=x.id"
                           "  AND p.seat='seat' AND p.rsvp<>'declined')"
                           " FROM (SELECT t.id, t.starts_at, t.ends_at, t.capacity, t.portal, t.title, t.venue, t.audience, k.number,"
                           "  CASE WHEN " CASE_SQL_CANCELLED " THEN 'cancelled'"
                           "   WHEN k.status IN ('closed','archived') THEN 'reported'"
                           "   WHEN t.status IN ('plan','approved') AND coalesce((SELECT s.no FROM case_step s WHERE s.case_id=k.id"
                           "     AND s.done_at IS NULL ORDER BY s.id DESC LIMIT 1),0)>=4 THEN 'held'"
                           "   WHEN t.status='plan' AND coalesce((SELECT s.no FROM case_step s WHERE s.case_id=k.id"
                           "     AND s.done_at IS NULL ORDER BY s.id DESC LIMIT 1),0)>=2 THEN 'approved'"
                           "   ELSE t.status END AS eff"
                           "  FROM training t JOIN kasus k ON k.id=t.case_id"
                           "  WHERE t.office_id=?1 AND t.ends_at>=?2 AND (?3=0 OR t.starts_at<?3)) x"
                           " WHERE ?4=0 OR (x.portal=1 AND x.eff IN ('approved','held'))"
                           " ORDER BY x.starts_at, x.id LIMIT 500");
  *rows = 0; *n = 0;
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  db_bind_int64(q, 3, to);
  db_bind_int(q, 4, portal_only ? 1 : 0);
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    TrainingRow *w = &(*rows)[(*n)++];
    w->id = db_col_int64(q, 0); w->starts_at = db_col_int64(q, 1); w->ends_at = db_col_int64(q, 2);
    w->capacity = db_col_int(q, 3); w->portal = db_col_int(q, 4);
    w->title = arena_strdup(a, db_col_text(q, 5)); w->venue = arena_strdup(a, db_col_text(q, 6));
    w->status = arena_strdup(a, db_col_text(q, 7)); w->number = arena_strdup(a, db_col_text(q, 8));
    w->audience = arena_strdup(a, db_col_text(q, 9)); w->seats = db_col_int(q, 10);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* The trainings open for registration at now: one already begun is not (registering is refused then). */
int training_list_open(Db *db, int64_t office_id, int64_t now, TrainingRow **rows, int *n, Arena *a){
  int rc = training_list(db, office_id, now, 0, 1, rows, n, a);
  int k = 0;
  for(int i=0; rc==OK && i<*n; i++) if( (*rows)[i].starts_at>now ) (*rows)[k++] = (*rows)[i];
  if( rc==OK ) *n = k;
  return rc;
}

/* The sessions of the office's trainings that meet [from, to), by training. */
int training_spans(Db *db, int64_t office_id, int64_t from, int64_t to, TrainingSpan **v, int *n, Arena *a){
  *v = 0; *n = 0;
  Stmt *q = db_prepare(db, "SELECT training_id, starts_at, ends_at FROM training_session"
                           " WHERE office_id=?1 AND ends_at>=?2 AND starts_at<?3 ORDER BY training_id, no LIMIT 5000");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  db_bind_int64(q, 3, to);
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    *v = arena_grow(a, *v, sizeof **v, *n, &cap);
    TrainingSpan *w = &(*v)[(*n)++];
    w->training_id = db_col_int64(q, 0); w->starts_at = db_col_int64(q, 1); w->ends_at = db_col_int64(q, 2);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* Set a training's status (and the time/actor columns of it). */
static int set_status(Db *db, int64_t id, const char *status, const Actor *who){
  Stmt *q = db_prepare(db, "UPDATE training SET status=?2,"
                           " approved_at=CASE WHEN ?2='approved' THEN ?3 ELSE approved_at END,"
                           " approved_by=CASE WHEN ?2='approved' THEN ?4 ELSE approved_by END,"
                           " held_at=CASE WHEN ?2='held' THEN ?3 ELSE held_at END,"
                           " reported_at=CASE WHEN ?2='reported' THEN ?3 ELSE reported_at END,"
                           " reported_by=CASE WHEN ?2='reported' THEN ?4 ELSE reported_by END WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_text(q, 2, status);
  db_bind_int64(q, 3, time_now());
  db_bind_text(q, 4, who->username);
  return db_run(q);
}

/* The head approves the plan: step 1 done, the preparation begins (step 2). */
int training_approve(Db *db, const Actor *who, int64_t id, Err *e){
  Arena a;
  arena_init(&a);
  Training t;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = training_row(db, who->office_id, id, &t, &a);
  if( rc==OK ) rc = plan_still(&t, e);
  if( rc==OK ) rc = case_step_done(db, who, t.office_id, t.case_id, 1, N_("Plan approved"), e);
  if( rc==OK ) rc = set_status(db, id, "approved", who);
  if( rc==OK ) rc = t_audit(db, who, "training.approve", id, "plan approved; preparation begins");
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* Tick or untick a preparation item; the last one ticked completes step 2. */
int training_prep_set(Db *db, const Actor *who, int64_t id, int64_t prep_id, int done, Err *e){
  Arena a;
  arena_init(&a);
  Training t;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = training_row(db, who->office_id, id, &t, &a);
  if( rc==OK && strcmp(t.status, "approved") ){ ERR_SET(e, "status", N_("Preparation is only ticked once the plan is approved and before the training is held")); rc = ERR_CONFLICT; }
  Stmt *q = 0;
  if( rc==OK && !done ){
    /* once the preparation is complete (step 2 of the case done), an item is not undone */
    q = db_prepare(db, "SELECT count(*) FROM case_step WHERE case_id=?1 AND no=2 AND done_at IS NOT NULL");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, t.case_id);
      if( db_step(q)==DB_ROW && db_col_int(q, 0)>0 ){
        ERR_SET(e, "item", N_("The preparation is complete and its step done: an item is no longer undone"));
        rc = ERR_CONFLICT;
      }
      db_reset(q);
    }
  }
  if( rc==OK ){
    q = db_prepare(db, "UPDATE training_prep SET done_at=?3, done_by=?4,"
                       " met=CASE WHEN CAST(?3 AS BIGINT) IS NULL THEN NULL WHEN due_at IS NULL OR CAST(?3 AS BIGINT)<=due_at THEN 1 ELSE 0 END"
                       " WHERE id=?1 AND training_id=?2");
    if( q==0 ) rc = ERR_DB;
  }
  if( rc==OK ){
    db_bind_int64(q, 1, prep_id);
    db_bind_int64(q, 2, id);
    if( done ) db_bind_int64(q, 3, time_now()); else db_bind_null(q, 3);
    if( done ) db_bind_text(q, 4, who->username); else db_bind_null(q, 4);
    rc = db_run(q);
    if( rc==OK && db_changes(db)!=1 ){ ERR_SET(e, "item", N_("Not found")); rc = ERR_NOTFOUND; }
  }
  int left = 1;
  if( rc==OK ){
    q = db_prepare(db, "SELECT count(*) FROM training_prep WHERE training_id=?1 AND done_at IS NULL");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, id); if( db_step(q)==DB_ROW ) left = db_col_int(q, 0); db_reset(q); }
  }
  if( rc==OK && left==0 ) rc = case_step_done(db, who, t.office_id, t.case_id, 2, N_("Preparation complete"), e);
  if( rc==OK ) rc = t_audit(db, who, done ? "training.prep.done" : "training.prep.undone", id,
                            arena_printf(&a, "item %lld", (long long)prep_id));
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* Tell every active holder of a role in the office, and whoever stands in today for one away:
** an in-app notice on the case's open
** step (once per step, kind and user: the notices page says which step needs them) and an
** e-mail when they have an address (its address written into to), each in their own language
** (vars0's item as kept: a fixed item's words in theirs); counted in on->cnt. */
typedef struct NoticeOn { int64_t case_id, step_id, prep_id, now; const char *kind; WatchCounts *cnt; } NoticeOn;
static int mail_role(Db *db, int64_t office_id, const char *role, const char *tpl, const char *const *vars0,
                     const NoticeOn *on, Buf *to){
  Stmt *q = db_prepare(db, "SELECT u.id, u.username, u.full_name, u.email, u.lang FROM user_role ur JOIN users u ON u.id=ur.user_id"
                           " WHERE ur.office_id=?1 AND ur.role=?2 AND u.disabled=0 ORDER BY u.id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, role);
  typedef struct { int64_t id, for_id; char user[64], name[512], email[128]; const char *lang; } R;   /* for_id: whom they stand in for */
  R v[32]; int n = 0;
  while( n<32 && db_step(q)==DB_ROW ){
    v[n].id = db_col_int64(q, 0);
    v[n].for_id = 0;
    snprintf(v[n].user, sizeof v[n].user, "%s", db_col_text(q, 1));
    snprintf(v[n].name, sizeof v[n].name, "%s", db_col_text(q, 2));
    snprintf(v[n].email, sizeof v[n].email, "%s", db_col_text(q, 3));
    v[n].lang = mail_lang(db_col_text(q, 4));
    n++;
  }
  db_reset(q);
  /* a holder away today: who stands in for them hears of it too (absence.h) */
  Arena a;
  arena_init(&a);
  for(int i=0, n0=n; i<n0 && n<32; i++){
    User u;
    if( !absence_stand_in(db, office_id, v[i].user, on ? on->now : time_now(), &u, 0, &a) ) continue;
    int seen = 0;
    for(int j=0; j<n; j++) if( v[j].id==u.id ) seen = 1;
    if( seen ) continue;
    v[n].id = u.id;
    v[n].for_id = v[i].id;
    snprintf(v[n].user, sizeof v[n].user, "%s", u.username);
    snprintf(v[n].name, sizeof v[n].name, "%s", u.full_name);
    snprintf(v[n].email, sizeof v[n].email, "%s", u.email);
    v[n].lang = mail_lang(u.lang);
    n++;
  }
  arena_free(&a);
  int rc = OK;
  for(int i=0; rc==OK && i<n; i++){
    if( on && on->step_id ){
      int added = 0;
      rc = notice_add(db, office_id, on->case_id, on->step_id, on->prep_id, on->kind, on->now, v[i].id, v[i].for_id, &added);
      if( rc!=OK ) break;
      if( added && on->cnt ) on->cnt->notices++;
    }
    if( *v[i].email==0 || strstr(buf_str(to), v[i].email) ) continue;
    int en = util_str_eq(v[i].lang, "en");
    const char *vars[26]; int k = 0;
    vars[k++] = "name"; vars[k++] = *v[i].name ? v[i].name : v[i].user;
    for(int j=0; vars0[j] && vars0[j+1] && k<22; j+=2){
      const char *val = vars0[j+1];
      if( en && strcmp(vars0[j], "item")==0 ) val = i18n_get("en", training_prep_label(val));
      vars[k++] = vars0[j]; vars[k++] = val;
    }
    vars[k] = 0;
    Buf s = BUF_INIT, b = BUF_INIT;
    char err[200];
    if( mail_render_lang(tpl, v[i].lang, vars, &s, &b, err, sizeof err)==OK ){
      Actor sys = { 0, "system", office_id, "" };
      Err e = {0};
      int m = mail_queue(db, &sys, office_id, v[i].email, buf_str(&s), buf_str(&b), 0, &e);
      if( m==ERR_DB ) rc = m;
      if( m==OK && on && on->cnt ) on->cnt->mails++;
      if( to->n ) buf_puts(to, ", ");
      buf_puts(to, v[i].email);
    }else log_error("training: template %s: %s", tpl, err);
    buf_free(&s); buf_free(&b);
  }
  return rc;
}

/* One pass of reminders and breaches of the preparation items due by now (all offices):
** a reminder from the opening of the working day before the due day to the helpdesk, a
** breach past the due time to the head and the secretary; each once, audited; counted in *cnt. */
int training_watch(Db *db, int64_t now, WatchCounts *cnt){
  int rc = db_begin(db);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "SELECT p.id, p.training_id, p.office_id, p.label, p.due_at, p.remind_at,"
                           " p.reminded_at IS NOT NULL, t.title, o.tz, o.name, k.number, k.id,"
                           " coalesce((SELECT s.id FROM case_step s WHERE s.case_id=k.id AND s.done_at IS NULL ORDER BY s.id DESC LIMIT 1),0)"
                           " FROM training_prep p JOIN training t ON t.id=p.training_id JOIN office o ON o.id=p.office_id"
                           " JOIN kasus k ON k.id=t.case_id"
                           " WHERE p.done_at IS NULL AND t.status='approved' AND p.breached_at IS NULL"
                           " AND p.remind_at IS NOT NULL AND p.remind_at<=?1 ORDER BY p.id LIMIT 200");
  typedef struct { int64_t id, tid, office, due, case_id, step_id; int reminded; char label[1024], title[801], tz[8], office_name[512], number[64]; } P;
  P *v = 0; int n = 0, cap = 0;
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, now);
    while( db_step(q)==DB_ROW ){
      if( n==cap ){ cap = cap ? cap*2 : 16; v = xrealloc(v, (size_t)cap*sizeof *v); }
      P *p = &v[n++];
      p->id = db_col_int64(q, 0); p->tid = db_col_int64(q, 1); p->office = db_col_int64(q, 2);
      snprintf(p->label, sizeof p->label, "%s", db_col_text(q, 3));
      p->due = db_col_int64(q, 4); p->reminded = db_col_int(q, 6);
      snprintf(p->title, sizeof p->title, "%s", db_col_text(q, 7));
      snprintf(p->tz, sizeof p->tz, "%s", db_col_text(q, 8));
      snprintf(p->office_name, sizeof p->office_name, "%s", db_col_text(q, 9));
      snprintf(p->number, sizeof p->number, "%s", db_col_text(q, 10));
      p->case_id = db_col_int64(q, 11);
      p->step_id = db_col_int64(q, 12);
    }
    db_reset(q);
  }
  for(int i=0; rc==OK && i<n; i++){
    P *p = &v[i];
    char due[96], due_en[96];
    time_fmt_human(due, sizeof due, p->due, p->tz, "id");
    time_fmt_human(due_en, sizeof due_en, p->due, p->tz, "en");
    char base[256], link[320];   /* a staff page: the office's address, public_url, else where staff reach this server */
    office_link_base(db, p->office, 0, base, sizeof base);
    snprintf(link, sizeof link, "%s/pelatihan/%lld", base, (long long)p->tid);
    const char *vars[] = { "training", p->title, "item", p->label, "due", due, "due.en", due_en, "number", p->number,
                           "office", p->office_name, "link", link, 0 };
    Actor sys = { 0, "system", p->office, "" };
    Buf to = BUF_INIT;
    /* a reminder to finish before the deadline, while there is one: past it, the breach alone
    ** goes (a training planned at short notice has items overdue at once) */
    if( !p->reminded && !(p->due && now>p->due) ){
      NoticeOn on = { p->case_id, p->step_id, p->id, now, "warning", cnt };
      rc = mail_role(db, p->office, "helpdesk", "training-reminder", vars, &on, &to);
      if( rc==OK ){
        q = db_prepare(db, "UPDATE training_prep SET reminded_at=?2 WHERE id=?1");
        if( q==0 ) rc = ERR_DB; else { db_bind_int64(q, 1, p->id); db_bind_int64(q, 2, now); rc = db_run(q); }
      }
      if( rc==OK ){
        char detail[512];
        snprintf(detail, sizeof detail, "reminder: %s; to: %s", p->label, to.n ? buf_str(&to) : "(nobody)");
        rc = t_audit(db, &sys, "training.prep.reminder", p->tid, detail);
      }
      if( rc==OK && cnt ) cnt->warnings++;
    }
    if( rc==OK && p->due && now>p->due ){
      buf_reset(&to);
      NoticeOn on = { p->case_id, p->step_id, p->id, now, "breach", cnt };
      rc = mail_role(db, p->office, "ketua", "training-breach", vars, &on, &to);
      if( rc==OK ) rc = mail_role(db, p->office, "sekretaris", "training-breach", vars, &on, &to);
      if( rc==OK ){
        q = db_prepare(db, "UPDATE training_prep SET breached_at=?2, met=0 WHERE id=?1");
        if( q==0 ) rc = ERR_DB; else { db_bind_int64(q, 1, p->id); db_bind_int64(q, 2, now); rc = db_run(q); }
      }
      if( rc==OK ){
        char detail[512];
        snprintf(detail, sizeof detail, "breach: %s; to: %s", p->label, to.n ? buf_str(&to) : "(nobody)");
        rc = t_audit(db, &sys, "training.prep.breach", p->tid, detail);
      }
      if( rc==OK && cnt ) cnt->breaches++;
    }
    buf_free(&to);
  }
  free(v);
  /* a training whose last session has ended is held: step 3 closes by itself, so step 4 (the
  ** report, due 1 hour after the end) starts and the SLA watcher times it even if nobody said so */
  q = rc==OK ? db_prepare(db, "SELECT id, office_id FROM training WHERE status='approved' AND ends_at<=?1 ORDER BY id LIMIT 100") : 0;
  int64_t ended[100][2];
  int ne = 0;
  if( rc==OK && q==0 ) rc = ERR_DB;
  if( q ){
    db_bind_int64(q, 1, now);
    while( ne<100 && db_step(q)==DB_ROW ){ ended[ne][0] = db_col_int64(q, 0); ended[ne][1] = db_col_int64(q, 1); ne++; }
    db_reset(q);
  }
  for(int i=0; rc==OK && i<ne; i++){
    Actor sys = { 0, "system", ended[i][1], "" };
    Err e = {0};
    rc = training_finish(db, &sys, ended[i][0], &e);
  }
  if( rc==OK ) return db_commit(db);
  db_rollback(db);
  return rc;
}

/* The training was held: step 2 closes if still open, step 3 done, step 4 (the report) starts. */
int training_finish(Db *db, const Actor *who, int64_t id, Err *e){
  Arena a;
  arena_init(&a);
  Training t;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = training_row(db, who->office_id, id, &t, &a);
  /* held already (by hand, or by the watcher when its last session ended): said so, the report next */
  if( rc==OK && strcmp(t.status, "held")==0 ){
    ERR_SET(e, "status", N_("The training is recorded as held already: its report is the next step")); rc = ERR_CONFLICT;
  }
  if( rc==OK && strcmp(t.status, "approved") ){ ERR_SET(e, "status", N_("Only an approved training that has not been held can be closed")); rc = ERR_CONFLICT; }
  if( rc==OK && time_now()<t.starts_at ){ ERR_SET(e, "status", N_("The training has not started yet")); rc = ERR_CONFLICT; }
  if( rc==OK ) rc = case_step_done(db, who, t.office_id, t.case_id, 2, N_("Preparation closed when the training began"), e);
  if( rc==OK ) rc = case_step_done(db, who, t.office_id, t.case_id, 3, N_("Training carried out"), e);
  if( rc==OK ) rc = set_status(db, id, "held", who);
  if( rc==OK ) rc = t_audit(db, who, "training.held", id, "training held; report due 1 hour after the end");
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* Cancel a training not yet held: its case cancelled with the reason, every participant with an
** address told by e-mail, audited; *told the number of mails. */
int training_cancel(Db *db, const Actor *who, int64_t id, const char *reason, int *told, Err *e){
  *told = 0;
  if( util_blank(reason) ){ ERR_SET(e, "reason", N_("is required")); return ERR_INVALID; }
  if( err_check_text(e, "reason", reason, 1000, TEXT_REQUIRED|TEXT_LINES) ) return ERR_INVALID;
  Arena a;
  arena_init(&a);
  Training t;
  Case *c = 0;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = training_row(db, who->office_id, id, &t, &a);
  if( rc==OK && strcmp(t.status, "plan") && strcmp(t.status, "approved") ){
    ERR_SET(e, "status", strcmp(t.status, "cancelled")==0 ? N_("The training is cancelled already")
                                                         : N_("Only a training not yet held can be cancelled"));
    rc = ERR_CONFLICT;
  }
  /* the training first: its case's cancel then finds it cancelled (training_on_close) */
  if( rc==OK ) rc = set_status(db, id, "cancelled", who);
  if( rc==OK ) rc = case_get(db, t.office_id, t.number, &c);
  if( rc==OK && strcmp(c->status, "open")==0 ) rc = case_cancel(db, who, c, reason, e);
  Participant *pv = 0;
  int pn = 0;
  if( rc==OK ) rc = training_participants(db, t.office_id, id, &pv, &pn, &a);
  if( rc==OK ){
    Office o;
    office_get(db, t.office_id, &o);
    char when[160];
    for(int i=0; rc==OK && i<pn; i++){
      if( util_blank(pv[i].email) || strcmp(pv[i].rsvp, "declined")==0 ) continue;
      time_fmt_span(when, sizeof when, t.starts_at, t.ends_at, o.tz, pv[i].lang);
      const char *vars[] = { "name", pv[i].name, "training", t.title, "when", when, "venue", t.venue, "reason", reason,
                             "office", o.name, 0 };
      Buf s = BUF_INIT, b = BUF_INIT;
      char err[200];
      if( mail_render_lang("training-cancelled", pv[i].lang, vars, &s, &b, err, sizeof err)!=OK ){ log_error("training: %s", err); rc = ERR_IO; }
      else{
        Err me = {0};
        rc = mail_queue(db, who, t.office_id, pv[i].email, buf_str(&s), buf_str(&b), 0, &me);
        if( rc==OK ) (*told)++;
      }
      buf_free(&s); buf_free(&b);
    }
  }
  if( rc==OK ) rc = t_audit(db, who, "training.cancel", id, arena_printf(&a, "cancelled: %s; %d participant(s) told", reason, *told));
  if( c ) case_free(c);
  arena_free(&a);
  rc = db_tx_end(db, own, rc);
  if( rc!=OK ) *told = 0;
  return rc;
}

/* A participant's own link token that no row keeps ("ID-MAC": the id and a MAC over the office,
** training and id under a key derived from verify.key, 32 hex digits), for a mail sent after the
** invitation (a training moved): the mailed tokens are kept only as hashes, so theirs cannot be
** written out again, and a new token in their place would end a link already mailed. */
int training_link_token(int64_t office_id, int64_t tid, int64_t pid, char out[64]){
  unsigned char key[crypto_auth_KEYBYTES], mac[crypto_auth_BYTES];
  if( verify_key_derive(key, "trainlnk")!=OK ) return ERR_IO;
  char msg[96], hex[33];
  int n = snprintf(msg, sizeof msg, "loket-participant|%lld|%lld|%lld", (long long)office_id, (long long)tid, (long long)pid);
  crypto_auth(mac, (const unsigned char *)msg, (unsigned long long)n, key);
  sodium_memzero(key, sizeof key);
  sodium_bin2hex(hex, sizeof hex, mac, 16);
  snprintf(out, 64, "%lld-%s", (long long)pid, hex);
  return OK;
}

/* A case cancelled by the case's own action while its training is still a plan or approved:
** refused, naming where a training is cancelled (the participants are told there); any other
** closing or cancelling goes on. Registered with case_close_hook_add() at start. */
int training_on_close(Db *db, const Actor *who, const Case *c, Err *e){
  (void)who;
  if( strcmp(c->status, "cancelled") ) return OK;
  Stmt *q = db_prepare(db, "SELECT 1 FROM training WHERE case_id=?1 AND status IN ('plan','approved')");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  int live = db_step(q)==DB_ROW;
  db_reset(q);
  if( !live ) return OK;
  ERR_SET(e, "status", N_("This case follows its training: cancel the training itself (its page, or /api/v1/trainings), which tells its participants"));
  return ERR_CONFLICT;
}

/* 1 when a caller holding roles may move t to other days as far as the head's approval goes:
** a plan not yet approved by whoever changes plans, an approved one only by whoever approves. */
int training_may_move(const Training *t, unsigned roles){
  if( strcmp(t->status, "approved")==0 ) return perm_allows(roles, "training.approve");
  return perm_allows(roles, "training.write");
}

/* Put a training not yet held on other days (a plan, or approved with its preparation under
** way): the sessions replaced, the checklist's and the case's deadlines counted again from the
** new start, every participant with an address who has not declined told by e-mail with the
** reason, audited; *told the mails queued. */
int training_reschedule(Db *db, const Actor *who, unsigned roles, int64_t id, const TrainingSessionIn *sv, int n,
                        const char *reason, int *told, Err *e){
  *told = 0;
  Office o;
  if( office_get(db, who->office_id, &o)!=OK ) return ERR_NOTFOUND;
  int64_t starts, ends;
  if( move_check(sv, n, reason, o.tz, &starts, &ends, e) ) return ERR_INVALID;
  Arena a;
  arena_init(&a);
  Training t;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = training_row(db, who->office_id, id, &t, &a);
  if( rc==OK && strcmp(t.status, "plan") && strcmp(t.status, "approved") ){
    ERR_SET(e, "status", strcmp(t.status, "cancelled")==0 ? N_("A cancelled training is not moved: plan a new one")
                                                         : N_("Only a training not yet held can be moved"));
    rc = ERR_CONFLICT;
  }
  /* the days are part of the plan the head approved (BTG-005 step 1): once approved, only
  ** whoever may approve plans moves it; a plan still waiting is moved as it is changed */
  if( rc==OK && strcmp(t.status, "approved")==0 && !training_may_move(&t, roles) ){
    ERR_SET(e, "status", TRAINING_MOVE_DENIED); rc = ERR_DENIED;
  }
  /* a training is moved to days still ahead: participants are not told it moved into the past */
  if( rc==OK && starts<=time_now() ){
    ERR_SET(e, "sessions.starts_at", N_("must be later than now: a training is moved to days still ahead")); rc = ERR_INVALID;
  }
  if( rc==OK ) rc = sessions_untouched(db, id, e);
  int64_t was_starts = rc==OK ? t.starts_at : 0, was_ends = rc==OK ? t.ends_at : 0;
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE training SET starts_at=?2, ends_at=?3 WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, id); db_bind_int64(q, 2, starts); db_bind_int64(q, 3, ends); rc = db_run(q); }
  }
  if( rc==OK ) rc = sessions_write(db, who, id, sv, n, o.tz);
  if( rc==OK ) rc = prep_sync(db, who, id, 0, starts);
  if( rc==OK ) rc = case_events_move(db, t.office_id, t.case_id, starts, ends);
  Participant *pv = 0;
  int pn = 0;
  if( rc==OK ) rc = training_participants(db, t.office_id, id, &pv, &pn, &a);
  char was[160], when[160];
  char base[256];
  office_link_base(db, t.office_id, 0, base, sizeof base);
  for(int i=0; rc==OK && i<pn; i++){
    if( util_blank(pv[i].email) || strcmp(pv[i].rsvp, "declined")==0 ) continue;
    char token[64];
    if( training_link_token(t.office_id, id, pv[i].id, token)!=OK ){ log_error("training: no verify.key for the participants' links"); rc = ERR_IO; break; }
    const char *link = arena_printf(&a, "%s/portal/pelatihan/konfirmasi/%s", base, token);
    time_fmt_span(was, sizeof was, was_starts, was_ends, o.tz, pv[i].lang);
    time_fmt_span(when, sizeof when, starts, ends, o.tz, pv[i].lang);
    const char *vars[] = { "name", pv[i].name, "training", t.title, "was", was, "when", when, "venue", t.venue,
                           "reason", reason, "office", o.name, "link", link, 0 };
    Buf subj = BUF_INIT, body = BUF_INIT;
    char err[200];
    if( mail_render_lang("training-moved", pv[i].lang, vars, &subj, &body, err, sizeof err)!=OK ){ log_error("training: %s", err); rc = ERR_IO; }
    else{
      Err me = {0};
      rc = mail_queue(db, who, t.office_id, pv[i].email, buf_str(&subj), buf_str(&body), 0, &me);
      if( rc==OK ) (*told)++;
    }
    buf_free(&subj); buf_free(&body);
  }
  if( rc==OK ){
    char a1[32], a2[32];
    time_fmt_iso(a1, sizeof a1, was_starts);
    time_fmt_iso(a2, sizeof a2, starts);
    rc = t_audit(db, who, "training.reschedule", id, arena_printf(&a, "starts %s, was %s: %s; %d participant(s) told", a2, a1, reason, *told));
  }
  arena_free(&a);
  rc = db_tx_end(db, own, rc);
  if( rc!=OK ) *told = 0;
  return rc;
}

/* The report: notes kept, step 4 done and timed against its due time. */
int training_report_submit(Db *db, const Actor *who, int64_t id, const char *notes, Err *e){
  if( err_check_text(e, "notes", notes, 8000, TEXT_LINES) ) return ERR_INVALID;
  Arena a;
  arena_init(&a);
  Training t;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = training_row(db, who->office_id, id, &t, &a);
  if( rc==OK && strcmp(t.status, "reported")==0 ){ ERR_SET(e, "status", N_("The report of this training has been written already")); rc = ERR_CONFLICT; }
  else if( rc==OK && strcmp(t.status, "held") ){ ERR_SET(e, "status", N_("The report is written once the training has been held")); rc = ERR_CONFLICT; }
  Stmt *q = 0;
  if( rc==OK ){
    q = db_prepare(db, "UPDATE training SET report_notes=?2 WHERE id=?1");
    if( q==0 ) rc = ERR_DB; else { db_bind_int64(q, 1, id); db_bind_text(q, 2, notes ? notes : ""); rc = db_run(q); }
  }
  if( rc==OK ) rc = case_step_done(db, who, t.office_id, t.case_id, 4, N_("The training's report written"), e);
  if( rc==OK ) rc = set_status(db, id, "reported", who);
  if( rc==OK ) rc = t_audit(db, who, "training.report", id, "report written");
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* ---- participants ---- */

/* The columns of a participant as participant_read() takes them. */
/* Read one participant row from q (columns as TRAINING_PARTICIPANT_COLS) into p. */
static void participant_read(Stmt *q, Participant *p, Arena *a){
  p->id = db_col_int64(q, 0); p->created_at = db_col_int64(q, 1); p->rsvp_at = db_col_int64(q, 2);
  p->name = arena_strdup(a, db_col_text(q, 3)); p->agency = arena_strdup(a, db_col_text(q, 4));
  p->role = arena_strdup(a, db_col_text(q, 5)); p->email = arena_strdup(a, db_col_text(q, 6));
  p->phone = arena_strdup(a, db_col_text(q, 7)); p->source = arena_strdup(a, db_col_text(q, 8));
  p->seat = arena_strdup(a, db_col_text(q, 9)); p->rsvp = arena_strdup(a, db_col_text(q, 10));
  p->present = db_col_int(q, 11); p->answered = db_col_int(q, 12);
  p->lang = i18n_lang(db_col_text(q, 13));
}

/* Check a participant's fields, every one wrong named in e (an absent one as given: NULL), the
** phone as stored into phone; ERR_INVALID when one is wrong. */
static int participant_fields(const ParticipantNew *in, char *phone, size_t nphone, Err *e){
  Err all = {0}, ie = {0};   /* every field wrong named at once */
  err_check_text(&all, "name", in->name, 120, TEXT_REQUIRED);
  err_check_text(&all, "agency", in->agency, 200, TEXT_REQUIRED);
  if( err_check_text(&all, "email", in->email, 200, TEXT_REQUIRED)==OK && ident_email(in->email, &ie)!=OK ){
    err_add_n(&all, "email", ie.msg ? ie.msg : N_("is not an e-mail address"), ie.n);
  }
  phone[0] = 0;
  if( !util_blank(in->phone) && ident_phone(in->phone, phone, nphone, 0, &ie)!=OK ){
    err_add_n(&all, "phone", ie.msg ? ie.msg : N_("is not a telephone number"), ie.n);
  }
  if( err_check_text(&all, "role", in->role, 40, 0)==OK && !util_blank(in->role) ){
    int ok = 0;
    for(int k=0; training_audiences[k]; k++) if( strcmp(training_audiences[k], in->role)==0 ) ok = 1;
    if( !ok ) err_add(&all, "role", N_("must be penyedia, ppk, pokja, pejabat_pengadaan, instansi or umum"));
  }
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* Check a participant's fields, every one wrong named in e; nothing read or written. */
int training_participant_check(const ParticipantNew *given, Err *e){
  ParticipantNew in = *given;
  IdentNamed nb;
  ident_email_unname(&in.email, &in.name, &nb);   /* Budi <budi@x.id> as a mail program copies it */
  char phone[24];
  return participant_fields(&in, phone, sizeof phone, e);
}

/* Invite or register a participant: a seat while there is room, else the waiting list;
** the confirmation link mailed (only the token's SHA-256 is kept; token_out, when given, gets it). */
static int participant_add(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *source,
                           const ParticipantNew *given, const char *base, Participant *out, Arena *a, Err *e, char *token_out){
  ParticipantNew one = *given;
  IdentNamed nb;
  ident_email_unname(&one.email, &one.name, &nb);   /* the address kept, its name where none was given */
  const ParticipantNew *in = &one;
  char phone[24];
  if( participant_fields(in, phone, sizeof phone, e) ) return ERR_INVALID;
  Training t;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = training_get(db, office_id, id, &t, a);
  int portal = strcmp(source, "portal")==0;
  if( rc==OK && (strcmp(t.status, "cancelled")==0 || strcmp(t.status, "reported")==0 || strcmp(t.status, "held")==0) ){
    ERR_SET(e, "training", N_("The training is closed")); rc = ERR_CONFLICT;
  }
  if( rc==OK && portal && (t.portal!=1 || strcmp(t.status, "approved") || time_now()>=t.starts_at) ){
    ERR_SET(e, "training", N_("Registration for this training is not open")); rc = ERR_CONFLICT;
  }
  /* a public form that mails the address typed: counted per address with the portal's others */
  int wait = 0;
  if( rc==OK && portal && (rc = portal_guard_submit(db, who->ip, time_now(), &wait))==ERR_THROTTLED ){
    ERR_SET(e, 0, N_("Too many submissions from this address: try again later"));
  }
  char token[65], hash[65];
  util_random_token(token, 32);
  util_sha256_hex(hash, token, strlen(token));
  const char *seat = rc==OK && t.seats<t.capacity ? "seat" : "waiting";
  Stmt *q = 0;
  if( rc==OK ){
    q = db_prepare(db, "INSERT INTO training_participant(training_id, office_id, name, agency, role, email, phone, source,"
                       " seat, token_hash, created_at, lang) VALUES(?1,?2,?3,?4,?5,lower(CAST(?6 AS TEXT)),?7,?8,?9,?10,?11,?12)"
                       " ON CONFLICT (training_id, email) DO NOTHING RETURNING id");
    if( q==0 ) rc = ERR_DB;
  }
  int64_t pid = 0;
  if( rc==OK ){
    db_bind_int64(q, 1, id); db_bind_int64(q, 2, office_id); db_bind_text(q, 3, in->name);
    db_bind_text(q, 4, in->agency); db_bind_text(q, 5, in->role ? in->role : ""); db_bind_text(q, 6, in->email);
    db_bind_text(q, 7, phone); db_bind_text(q, 8, source); db_bind_text(q, 9, seat); db_bind_text(q, 10, hash);
    db_bind_int64(q, 11, time_now());
    db_bind_text(q, 12, i18n_lang(in->lang));
    int s = db_step(q);
    if( s==DB_ROW ) pid = db_col_int64(q, 0);
    else if( s==DB_DONE ){ ERR_SET(e, "email", N_("is already registered for this training")); rc = ERR_CONFLICT; }
    else rc = ERR_DB;
    db_reset(q);
  }
  if( rc==OK ){
    Office o;
    office_get(db, office_id, &o);
    char when[160];
    const char *lang = i18n_lang(in->lang);
    time_fmt_span(when, sizeof when, t.starts_at, t.ends_at, o.tz, lang);
    const char *link = arena_printf(a, "%s/portal/pelatihan/konfirmasi/%s", base ? base : "", token);
    const char *vars[] = { "name", in->name, "training", t.title, "when", when, "venue", t.venue, "link", link,
                           "office", o.name, "seat", i18n_get(lang, strcmp(seat, "seat")==0 ? N_("You have a seat") :
                           N_("The training is full: you are on the waiting list and will be told when there is a seat")), 0 };
    Buf s = BUF_INIT, b = BUF_INIT;
    char err[200];
    if( mail_render_lang("training-invite", lang, vars, &s, &b, err, sizeof err)!=OK ){ log_error("training: %s", err); rc = ERR_IO; }
    else{
      Err me = {0};
      rc = mail_queue(db, who, office_id, in->email, buf_str(&s), buf_str(&b), 0, &me);
      if( rc==ERR_INVALID ){ ERR_SET(e, "email", me.msg); }
    }
    buf_free(&s); buf_free(&b);
  }
  if( rc==OK ) rc = t_audit(db, who, portal ? "training.register" : "training.invite", id,
                            arena_printf(a, "participant %lld (%s)", (long long)pid, seat));
  if( rc==OK && out ){
    q = db_prepare(db, "SELECT " TRAINING_PARTICIPANT_COLS " FROM training_participant p WHERE p.id=?1");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, pid); if( db_step(q)==DB_ROW ) participant_read(q, out, a); else rc = ERR_DB; db_reset(q); }
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK && token_out ) memcpy(token_out, token, sizeof token);
  return rc;
}

/* Invite or register a participant (see participant_add). */
int training_participant_add(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *source,
                             const ParticipantNew *in, const char *base, Participant *out, Arena *a, Err *e){
  return participant_add(db, who, office_id, id, source, in, base, out, a, e, 0);
}

/* A registration from the portal: as training_participant_add, and the personal link's token
** (64 hex) for the page that confirms it (its address is private, as the mailed link). */
int training_portal_register(Db *db, const Actor *who, int64_t office_id, int64_t id, const ParticipantNew *in,
                             const char *base, Participant *out, char token[65], Arena *a, Err *e){
  return participant_add(db, who, office_id, id, "portal", in, base, out, a, e, token);
}

/* The participants of a training: seats first, then the waiting list, by arrival. */
int training_participants(Db *db, int64_t office_id, int64_t id, Participant **rows, int *n, Arena *a){
  Stmt *q = db_prepare(db, TRAINING_SQL_PARTICIPANTS);
  *rows = 0; *n = 0;
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, office_id);
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    participant_read(q, &(*rows)[(*n)++], a);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* The participant and training of a confirmation token: a mailed token by its hash, or an
** "ID-MAC" one (training_link_token) by its id once its MAC is right. */
int training_by_token(Db *db, const char *token, int64_t *office_id, int64_t *training_id,
                      Participant *p, Arena *a){
  if( util_blank(token) || strlen(token)>64 ) return ERR_NOTFOUND;
  char hash[65];
  int64_t pid = 0;
  if( strlen(token)!=64 ){
    size_t nd = strspn(token, "0123456789");
    if( nd==0 || nd>18 || token[nd]!='-' || strlen(token+nd+1)!=32 ) return ERR_NOTFOUND;
    pid = strtoll(token, 0, 10);
  }else util_sha256_hex(hash, token, strlen(token));
  Stmt *q;
  if( pid ) q = db_prepare(db, "SELECT " TRAINING_PARTICIPANT_COLS ", p.office_id, p.training_id FROM training_participant p WHERE p.id=?1");
  else q = db_prepare(db, "SELECT " TRAINING_PARTICIPANT_COLS ", p.office_id, p.training_id FROM training_participant p"
                          " WHERE p.token_hash=?1 OR p.seat_token_hash=?1");
  if( q==0 ) return ERR_DB;
  if( pid ) db_bind_int64(q, 1, pid); else db_bind_text(q, 1, hash);
  int rc = db_step(q);
  if( rc==DB_ROW ){
    participant_read(q, p, a);
    *office_id = db_col_int64(q, 14);
    *training_id = db_col_int64(q, 15);
  }
  db_reset(q);
  if( rc==DB_ROW && pid ){
    char want[64];
    if( training_link_token(*office_id, *training_id, pid, want)!=OK || sodium_memcmp(want, token, strlen(want)+1)!=0 ) return ERR_NOTFOUND;
  }
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* Give up to n free seats of a training to the waiting list, first come first served, each told
** by e-mail with a personal link to confirm (a new token beside the invitation's, which stays
** valid: only its hash is kept, so its link cannot be mailed again); *last the last participant
** given one (0 when none). In the caller's transaction. */
static int seat_promote(Db *db, int64_t office_id, int64_t tid, const char *title, int n, int64_t *last){
  *last = 0;
  int rc = OK;
  Office o;   /* the mail is signed by the office */
  if( n>0 && office_get(db, office_id, &o)!=OK ) return ERR_DB;
  int64_t starts = 0, ends = 0;   /* when and where, as the invitation says them */
  char venue[801] = "";           /* 200 characters of up to 4 bytes */
  if( n>0 ){
    Stmt *t = db_prepare(db, "SELECT starts_at, ends_at, venue FROM training WHERE id=?1");
    if( t==0 ) return ERR_DB;
    db_bind_int64(t, 1, tid);
    if( db_step(t)==DB_ROW ){
      starts = db_col_int64(t, 0); ends = db_col_int64(t, 1);
      snprintf(venue, sizeof venue, "%s", db_col_text(t, 2));
    }
    db_reset(t);
  }
  for(int k=0; k<n && rc==OK; k++){
    int64_t id = 0;
    char name[481] = "", email[200] = "", lang[3] = "id";   /* a name: 120 characters of up to 4 bytes */
    /* one who took themselves off the waiting list (declined while waiting) is passed over */
    Stmt *q = db_prepare(db, "SELECT id, name, email, lang FROM training_participant WHERE training_id=?1 AND seat='waiting'"
                             " AND rsvp<>'declined' ORDER BY id LIMIT 1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, tid);
    if( db_step(q)==DB_ROW ){
      id = db_col_int64(q, 0);
      snprintf(name, sizeof name, "%s", db_col_text(q, 1));
      snprintf(email, sizeof email, "%s", db_col_text(q, 2));
      snprintf(lang, sizeof lang, "%s", i18n_lang(db_col_text(q, 3)));
    }
    db_reset(q);
    if( id==0 ) break;   /* no one waits */
    char token[65], hash[65], link[400], base[256];
    util_random_token(token, 32);
    util_sha256_hex(hash, token, strlen(token));
    q = db_prepare(db, "UPDATE training_participant SET seat='seat', seat_token_hash=?2 WHERE id=?1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, id);
    db_bind_text(q, 2, hash);
    rc = db_run(q);
    if( rc!=OK ) break;
    *last = id;
    office_link_base(db, office_id, 0, base, sizeof base);
    snprintf(link, sizeof link, "%s/portal/pelatihan/konfirmasi/%s", base, token);
    char when[160];
    time_fmt_span(when, sizeof when, starts, ends, o.tz, lang);
    const char *vars[] = { "name", name, "training", title, "when", when, "venue", venue, "office", o.name, "link", link, 0 };
    Buf s = BUF_INIT, b = BUF_INIT;
    char err[200];
    Actor sys = { 0, "system", office_id, "" };
    Err me = {0};
    if( mail_render_lang("training-seat", lang, vars, &s, &b, err, sizeof err)==OK ) rc = mail_queue(db, &sys, office_id, email, buf_str(&s), buf_str(&b), 0, &me);
    if( rc==ERR_INVALID ) rc = OK;   /* no address: the seat is theirs all the same */
    buf_free(&s);
    buf_free(&b);
  }
  return rc;
}

/* Confirm or decline through the token; a decline gives the seat to the first waiting. */
int training_rsvp(Db *db, const char *token, const char *answer, Err *e){
  if( !util_str_eq(answer, "confirmed") && !util_str_eq(answer, "declined") ){
    ERR_SET(e, "answer", N_("must be confirmed or declined")); return ERR_INVALID;
  }
  Arena a;
  arena_init(&a);
  int64_t office_id, tid;
  Participant p;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = training_by_token(db, token, &office_id, &tid, &p, &a);
  if( rc==ERR_NOTFOUND ) ERR_SET(e, "token", N_("This link is not valid"));
  Training t;
  if( rc==OK ) rc = training_get(db, office_id, tid, &t, &a);
  if( rc==OK && (strcmp(t.status, "approved") && strcmp(t.status, "plan")) ){ ERR_SET(e, "token", N_("The training is closed")); rc = ERR_CONFLICT; }
  int declining = util_str_eq(answer, "declined") && strcmp(p.rsvp, "declined") && strcmp(p.seat, "seat")==0;
  /* coming back after declining: the seat was given on to the waiting list; only a free one is taken */
  if( rc==OK && util_str_eq(answer, "confirmed") && util_str_eq(p.rsvp, "declined") && strcmp(p.seat, "seat")==0
   && t.seats >= t.capacity ){
    ERR_SET(e, "answer", N_("Your seat went to the next on the waiting list and none is free now: this link takes one again when one is free (someone declines or the office adds seats)"));
    rc = ERR_CONFLICT;
  }
  Stmt *q = 0;
  if( rc==OK ){
    q = db_prepare(db, "UPDATE training_participant SET rsvp=?2, rsvp_at=?3 WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, p.id); db_bind_text(q, 2, answer); db_bind_int64(q, 3, time_now()); rc = db_run(q); }
  }
  int64_t promoted = 0;
  if( rc==OK && declining ) rc = seat_promote(db, office_id, tid, t.title, 1, &promoted);
  if( rc==OK ){
    Actor anon = { 0, "anonymous", office_id, "" };
    rc = t_audit(db, &anon, "training.rsvp", tid, arena_printf(&a, "participant %lld %s%s", (long long)p.id, answer,
                 promoted ? arena_printf(&a, "; participant %lld takes the seat", (long long)promoted) : ""));
  }
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* Check that a session belongs to the training (of the office), ERR_NOTFOUND if not; ERR_CONFLICT
** naming status when the training is cancelled or a plan not yet approved: it is not held, so its
** sessions take no attendance, Q&A minutes or questions. */
static int session_of(Db *db, int64_t office_id, int64_t id, int64_t session_id, Err *e){
  Stmt *q = db_prepare(db, "SELECT t.status FROM training_session s JOIN training t ON t.id=s.training_id"
                           " WHERE s.id=?1 AND s.training_id=?2 AND s.office_id=?3");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, session_id); db_bind_int64(q, 2, id); db_bind_int64(q, 3, office_id);
  int rc = ERR_NOTFOUND;
  if( db_step(q)==DB_ROW ){
    const char *status = db_col_text(q, 0);
    rc = OK;
    if( strcmp(status, "cancelled")==0 ){ ERR_SET(e, "status", N_("The training is cancelled: its sessions take no records")); rc = ERR_CONFLICT; }
    else if( strcmp(status, "plan")==0 ){ ERR_SET(e, "status", N_("The plan is not approved yet: its sessions are recorded once the head approves it")); rc = ERR_CONFLICT; }
  }
  db_reset(q);
  return rc;
}

/* Mark a participant present (1) or not (0) at a session. */
int training_attend(Db *db, const Actor *who, int64_t id, int64_t session_id, int64_t participant_id,
                    int present, Err *e){
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = session_of(db, who->office_id, id, session_id, e);
  if( rc==ERR_NOTFOUND ) ERR_SET(e, "session", N_("Not found"));
  Stmt *q = 0;
  if( rc==OK ){
    q = db_prepare(db, "SELECT seat, rsvp FROM training_participant WHERE id=?1 AND training_id=?2");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, participant_id); db_bind_int64(q, 2, id);
      if( db_step(q)!=DB_ROW ){ ERR_SET(e, "participant", N_("Not found")); rc = ERR_NOTFOUND; }
      else if( present && strcmp(db_col_text(q, 0), "seat") ){ ERR_SET(e, "participant", N_("is on the waiting list: give them a seat first")); rc = ERR_CONFLICT; }
      else if( present && strcmp(db_col_text(q, 1), "declined")==0 ){
        ERR_SET(e, "participant", N_("declined the invitation and gave up the seat: they confirm through their link to take a free one again"));
        rc = ERR_CONFLICT;
      }
      db_reset(q);
    }
  }
  if( rc==OK && present ){
    /* present at a session that has begun (an hour early for signing in at the door) */
    q = db_prepare(db, "SELECT starts_at FROM training_session WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, session_id);
      if( db_step(q)==DB_ROW && db_col_int64(q, 0) - 3600 > time_now() ){
        ERR_SET(e, "session", N_("The session has not begun: attendance is taken when it does")); rc = ERR_CONFLICT;
      }
      db_reset(q);
    }
  }
  if( rc==OK ){
    q = present ? db_prepare(db, "INSERT INTO training_attendance(session_id, participant_id, office_id, at, marked_by)"
                                 " VALUES(?1,?2,?3,?4,?5) ON CONFLICT (session_id, participant_id) DO NOTHING")
                : db_prepare(db, "DELETE FROM training_attendance WHERE session_id=?1 AND participant_id=?2 AND office_id=?3"
                                 " AND ?4>=0 AND ?5<>''");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, session_id); db_bind_int64(q, 2, participant_id); db_bind_int64(q, 3, who->office_id);
      db_bind_int64(q, 4, time_now()); db_bind_text(q, 5, who->username);
      rc = db_run(q);
    }
  }
  if( rc==OK ){
    char detail[96];
    snprintf(detail, sizeof detail, "session %lld participant %lld %s", (long long)session_id,
             (long long)participant_id, present ? "present" : "absent");
    rc = t_audit(db, who, "training.attend", id, detail);
  }
  return db_tx_end(db, own, rc);
}

/* The participant ids present at a session. */
int training_attendance(Db *db, int64_t session_id, int64_t **ids, int *n, Arena *a){
  Stmt *q = db_prepare(db, "SELECT participant_id FROM training_attendance WHERE session_id=?1 ORDER BY participant_id");
  *ids = 0; *n = 0;
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, session_id);
  int cap = 0;
  while( db_step(q)==DB_ROW ){
    *ids = arena_grow(a, *ids, sizeof **ids, *n, &cap);
    (*ids)[(*n)++] = db_col_int64(q, 0);
  }
  db_reset(q);
  return OK;
}

/* ---- the Q&A log ---- */

/* Record how many minutes of questions and answers a session had. */
int training_qa_minutes(Db *db, const Actor *who, int64_t id, int64_t session_id, int minutes, Err *e){
  if( minutes<0 || minutes>600 ){ ERR_SET(e, "qa_minutes", N_("must be a number of minutes from 0 to 600")); return ERR_INVALID; }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = session_of(db, who->office_id, id, session_id, e);
  if( rc==ERR_NOTFOUND ) ERR_SET(e, "session", N_("Not found"));
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE training_session SET qa_minutes=?2 WHERE id=?1");
    if( q==0 ) rc = ERR_DB; else { db_bind_int64(q, 1, session_id); db_bind_int(q, 2, minutes); rc = db_run(q); }
  }
  if( rc==OK ){
    char detail[80];
    snprintf(detail, sizeof detail, "session %lld: %d minutes of Q&A%s", (long long)session_id, minutes,
             minutes<TRAINING_QA_MIN_MINUTES ? " (short)" : "");
    rc = t_audit(db, who, "training.qa", id, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Tell the user a question was routed to (when they have an e-mail address). */
static int question_routed(Db *db, const Actor *who, int64_t id, const char *username, const char *question,
                           const char *asker){
  User u;
  Office o;
  if( username==0 || *username==0 || user_by_name(db, username, &u)!=OK || *u.email==0 ) return OK;
  if( office_get(db, who->office_id, &o)!=OK ) return ERR_DB;
  Stmt *q = db_prepare(db, "SELECT t.title, k.number FROM training t JOIN kasus k ON k.id=t.case_id WHERE t.id=?1");
  if( q==0 ) return ERR_DB;
  char title[801] = "", number[64] = "";   /* a title: 200 characters of up to 4 bytes */
  db_bind_int64(q, 1, id);
  if( db_step(q)==DB_ROW ){
    snprintf(title, sizeof title, "%s", db_col_text(q, 0));
    snprintf(number, sizeof number, "%s", db_col_text(q, 1));
  }
  db_reset(q);
  char base[256], link[320];   /* a staff page, where the answer is recorded */
  office_link_base(db, who->office_id, 0, base, sizeof base);
  snprintf(link, sizeof link, "%s/pelatihan/%lld#tanya-jawab", base, (long long)id);
  const char *vars[] = { "name", *u.full_name ? u.full_name : u.username, "training", title, "number", number,
                         "question", question, "asker", asker, "office", o.name, "link", link, 0 };
  Buf s = BUF_INIT, b = BUF_INIT;
  char err[200];
  Err e = {0};
  int rc = OK;
  if( mail_render_lang("training-routed", mail_lang(u.lang), vars, &s, &b, err, sizeof err)==OK ){
    rc = mail_queue(db, who, who->office_id, u.email, buf_str(&s), buf_str(&b), 0, &e);
    if( rc==ERR_INVALID ) rc = OK;
  }else log_error("training: %s", err);
  buf_free(&s); buf_free(&b);
  return rc;
}

/* Check a question's values as training_question_add does (who it is routed to excepted: a
** look-up), every wrong field added to all, the phone as kept in phone[24]; OK when routed_to is
** a name to look up or none. */
int training_question_check(const QuestionNew *given, char *phone, Err *all){
  QuestionNew one = *given;
  IdentNamed nb;
  ident_email_unname(&one.email, &one.asker_name, &nb);   /* as training_question_add reads it */
  const QuestionNew *in = &one;
  Err ie = {0};
  err_check_text(all, "asker_name", in->asker_name, 120, TEXT_REQUIRED);
  err_check_text(all, "asker_agency", in->asker_agency, 200, TEXT_REQUIRED);
  err_check_text(all, "question", in->question, 4000, TEXT_REQUIRED|TEXT_LINES);
  err_check_text(all, "answer", in->answer, 8000, TEXT_LINES);
  int routed_ok = err_check_text(all, "routed_to", in->routed_to, 64, 0)==OK;
  int open = util_blank(in->answer);
  *phone = 0;
  if( open && util_blank(in->email) ) err_add(all, "email", N_("is required for a question answered later"));
  else if( !util_blank(in->email) && ident_email(in->email, &ie)!=OK ) err_add_n(all, "email", ie.msg ? ie.msg : N_("is not an e-mail address"), ie.n);
  if( open && util_blank(in->phone) ) err_add(all, "phone", N_("is required for a question answered later"));
  else if( !util_blank(in->phone) && ident_phone(in->phone, phone, 24, 0, &ie)!=OK ){
    err_add_n(all, "phone", ie.msg ? ie.msg : N_("is not a telephone number"), ie.n);
  }else if( open && strncmp(phone, "+628", 4)!=0 ){
    /* the SOP keeps the asker's mobile number (08…, +628…) for a question answered later, not a desk line */
    err_add(all, "phone", N_("must be a mobile number (08…)"));
  }
  return routed_ok ? OK : ERR_INVALID;
}

/* Log a question: answered on the spot (with the answer), or kept open with the asker's
** e-mail and mobile number (both required then) for the answer after the training. */
int training_question_add(Db *db, const Actor *who, int64_t id, const QuestionNew *given, int64_t *qid, Err *e){
  QuestionNew one = *given;
  IdentNamed nb;
  ident_email_unname(&one.email, &one.asker_name, &nb);   /* Budi <budi@x.id>: the address kept */
  const QuestionNew *in = &one;
  Err all = {0};   /* every field wrong named at once */
  char phone[24];
  int open = util_blank(in->answer), routed_ok = training_question_check(in, phone, &all)==OK;
  if( routed_ok && !util_blank(in->routed_to) ){
    User u;
    if( user_by_name(db, in->routed_to, &u)!=OK || !user_in_office(db, u.id, who->office_id) ) err_add(&all, "routed_to", N_("is not a user of this office"));
  }
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = session_of(db, who->office_id, id, in->session_id, e);
  if( rc==ERR_NOTFOUND ){ ERR_SET(e, "session", N_("Not found")); rc = ERR_INVALID; }
  Stmt *q = 0;
  if( rc==OK ){
    q = db_prepare(db, "INSERT INTO training_question(training_id, session_id, office_id, asker_name, asker_agency, question,"
                       " answer, status, email, phone, routed_to, answered_at, answered_by, created_at, created_by)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15) RETURNING id");
    if( q==0 ) rc = ERR_DB;
  }
  if( rc==OK ){
    int64_t now = time_now();
    db_bind_int64(q, 1, id); db_bind_int64(q, 2, in->session_id); db_bind_int64(q, 3, who->office_id);
    db_bind_text(q, 4, in->asker_name); db_bind_text(q, 5, in->asker_agency); db_bind_text(q, 6, in->question);
    db_bind_text(q, 7, open ? "" : in->answer); db_bind_text(q, 8, open ? "open" : "answered");
    db_bind_text(q, 9, in->email ? in->email : ""); db_bind_text(q, 10, phone); db_bind_text(q, 11, in->routed_to ? in->routed_to : "");
    if( open ){ db_bind_null(q, 12); db_bind_null(q, 13); } else { db_bind_int64(q, 12, now); db_bind_text(q, 13, who->username); }
    db_bind_int64(q, 14, now); db_bind_text(q, 15, who->username);
    if( db_step(q)==DB_ROW ) *qid = db_col_int64(q, 0); else rc = ERR_DB;
    db_reset(q);
  }
  if( rc==OK && open ){
    char asker[400];
    snprintf(asker, sizeof asker, "%s (%s)", in->asker_name, in->asker_agency);
    rc = question_routed(db, who, id, in->routed_to, in->question, asker);
  }
  if( rc==OK ){
    char detail[80];
    snprintf(detail, sizeof detail, "question %lld (%s)", (long long)*qid, open ? "open" : "answered");
    rc = t_audit(db, who, "training.question", id, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Answer an open question (and/or route it to a username who can). */
int training_question_answer(Db *db, const Actor *who, int64_t id, int64_t qid, const char *answer,
                             const char *routed_to, Err *e){
  if( err_check_text(e, "answer", answer, 8000, TEXT_LINES) || err_check_text(e, "routed_to", routed_to, 64, 0) ) return ERR_INVALID;
  if( util_blank(answer) && util_blank(routed_to) ){ ERR_SET(e, "answer", N_("is required")); return ERR_INVALID; }
  if( !util_blank(routed_to) ){
    User u;
    if( user_by_name(db, routed_to, &u)!=OK || !user_in_office(db, u.id, who->office_id) ){ ERR_SET(e, "routed_to", N_("is not a user of this office")); return ERR_INVALID; }
  }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "UPDATE training_question SET"
                           " answer=CASE WHEN ?3='' THEN answer ELSE ?3 END,"
                           " routed_to=CASE WHEN ?4='' THEN routed_to ELSE ?4 END,"
                           " answered_at=CASE WHEN ?3='' THEN answered_at ELSE ?5 END,"
                           " answered_by=CASE WHEN ?3='' THEN answered_by ELSE ?6 END"
                           " WHERE id=?1 AND training_id=?2 AND office_id=?7 AND status='open'");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, qid); db_bind_int64(q, 2, id); db_bind_text(q, 3, answer ? answer : "");
    db_bind_text(q, 4, routed_to ? routed_to : ""); db_bind_int64(q, 5, time_now()); db_bind_text(q, 6, who->username);
    db_bind_int64(q, 7, who->office_id);
    rc = db_run(q);
    if( rc==OK && db_changes(db)!=1 ){ ERR_SET(e, "question", N_("No open question of this training has that number")); rc = ERR_NOTFOUND; }
  }
  if( rc==OK && !util_blank(routed_to) ){
    Stmt *x = db_prepare(db, "SELECT question, asker_name || ' (' || asker_agency || ')' FROM training_question WHERE id=?1");
    char question[16001] = "", asker[481] = "";   /* 4000 and 120 characters of up to 4 bytes */
    if( x==0 ) rc = ERR_DB;
    else{
      db_bind_int64(x, 1, qid);
      if( db_step(x)==DB_ROW ){ snprintf(question, sizeof question, "%s", db_col_text(x, 0)); snprintf(asker, sizeof asker, "%s", db_col_text(x, 1)); }
      db_reset(x);
      rc = question_routed(db, who, id, routed_to, question, asker);
    }
  }
  if( rc==OK ){
    char detail[120];
    snprintf(detail, sizeof detail, "question %lld%s%s", (long long)qid, util_blank(answer) ? "" : " answered",
             util_blank(routed_to) ? "" : " routed");
    rc = t_audit(db, who, "training.question.answer", id, detail);
  }
  return db_tx_end(db, own, rc);
}

/* The language of the person who asked a question: that of the training's participant with the same
** e-mail (as they registered), else Indonesian. */
static const char *asker_lang(Db *db, int64_t training_id, const char *email){
  const char *lang = "id";
  Stmt *q = db_prepare(db, "SELECT lang FROM training_participant WHERE training_id=?1 AND lower(email)=lower(?2) ORDER BY id LIMIT 1");
  if( q==0 ) return lang;
  db_bind_int64(q, 1, training_id); db_bind_text(q, 2, email);
  if( db_step(q)==DB_ROW ) lang = i18n_lang(db_col_text(q, 0));
  db_reset(q);
  return lang;
}

/* Send the answers of the open questions that have one, after the training, each in its asker's language. */
int training_questions_send(Db *db, const Actor *who, int64_t id, int *sent, Err *e){
  Arena a;
  arena_init(&a);
  Training t;
  *sent = 0;
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = training_row(db, who->office_id, id, &t, &a);
  if( rc==OK && time_now()<t.ends_at ){ ERR_SET(e, "status", N_("Answers are sent after the training")); rc = ERR_CONFLICT; }
  Question *v = 0;
  int n = 0;
  Office o;   /* the answer is signed by the office */
  if( rc==OK && office_get(db, who->office_id, &o)!=OK ) rc = ERR_DB;
  if( rc==OK ) rc = training_questions(db, id, &v, &n, &a);
  for(int i=0; rc==OK && i<n; i++){
    if( strcmp(v[i].status, "open") || util_blank(v[i].answer) ) continue;
    const char *vars[] = { "name", v[i].asker_name, "training", t.title, "question", v[i].question, "answer", v[i].answer,
                           "office", o.name, 0 };
    Buf s = BUF_INIT, b = BUF_INIT;
    char err[200];
    Err me = {0};
    if( mail_render_lang("training-answer", asker_lang(db, id, v[i].email), vars, &s, &b, err, sizeof err)==OK ) rc = mail_queue(db, who, who->office_id, v[i].email, buf_str(&s), buf_str(&b), 0, &me);
    buf_free(&s); buf_free(&b);
    if( rc!=OK ) break;
    Stmt *q = db_prepare(db, "UPDATE training_question SET status='sent', sent_at=?2 WHERE id=?1");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, v[i].id); db_bind_int64(q, 2, time_now());
    rc = db_run(q);
    if( rc==OK ) (*sent)++;
  }
  if( rc==OK && *sent ) rc = t_audit(db, who, "training.question.send", id, arena_printf(&a, "%d answer(s) sent", *sent));
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* The questions of a training, by session and time. */
int training_questions(Db *db, int64_t id, Question **rows, int *n, Arena *a){
  Stmt *q = db_prepare(db, "SELECT x.id, x.session_id, coalesce(x.answered_at,0), coalesce(x.sent_at,0), x.created_at, s.no,"
                           " x.asker_name, x.asker_agency, x.question, x.answer, x.status, x.email, x.phone, x.routed_to"
                           " FROM training_question x JOIN training_session s ON s.id=x.session_id"
                           " WHERE x.training_id=?1 ORDER BY s.no, x.id");
  *rows = 0; *n = 0;
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    Question *w = &(*rows)[(*n)++];
    w->id = db_col_int64(q, 0); w->session_id = db_col_int64(q, 1); w->answered_at = db_col_int64(q, 2);
    w->sent_at = db_col_int64(q, 3); w->created_at = db_col_int64(q, 4); w->session_no = db_col_int(q, 5);
    w->asker_name = arena_strdup(a, db_col_text(q, 6)); w->asker_agency = arena_strdup(a, db_col_text(q, 7));
    w->question = arena_strdup(a, db_col_text(q, 8)); w->answer = arena_strdup(a, db_col_text(q, 9));
    w->status = arena_strdup(a, db_col_text(q, 10)); w->email = arena_strdup(a, db_col_text(q, 11));
    w->phone = arena_strdup(a, db_col_text(q, 12)); w->routed_to = arena_strdup(a, db_col_text(q, 13));
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* ---- the report ---- */

/* Everything the report form shows: the training, participants, questions, questionnaire. */
int training_report_data(Db *db, int64_t office_id, int64_t id, TrainingReport *rep, Arena *a){
  memset(rep, 0, sizeof *rep);
  rep->lang = "id";
  rep->t = arena_alloc(a, sizeof *rep->t);
  int rc = training_get(db, office_id, id, rep->t, a);
  if( rc!=OK ) return rc;
  Office o;
  if( office_get(db, office_id, &o)!=OK ) return ERR_DB;
  rep->office_name = arena_strdup(a, o.name);
  rep->tz = arena_strdup(a, o.tz);
  rc = training_participants(db, office_id, id, &rep->people, &rep->npeople, a);
  if( rc==OK ) rc = training_questions(db, id, &rep->questions, &rep->nquestions, a);
  if( rc==OK ) rc = training_survey_results(db, rep->t, &rep->tpl, &rep->results, &rep->responses, a);
  return rc;
}

/* The office a training belongs to (public pages know only the training's id). */
int training_office_of(Db *db, int64_t id, int64_t *office_id){
  Stmt *q = db_prepare(db, "SELECT office_id FROM training WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  int rc = db_step(q);
  if( rc==DB_ROW ) *office_id = db_col_int64(q, 0);
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* The office of a training by a public address naming an office (?office=CODE) or none: the
** training's own; ERR_NOTFOUND when code names another office (or none such), as the FAQ's by id. */
int training_portal_office(Db *db, int64_t id, const char *code, int64_t *office_id){
  int rc = training_office_of(db, id, office_id);
  if( rc!=OK || code==0 || *code==0 ) return rc;
  Office o;
  rc = office_by_code(db, code, &o);
  if( rc==OK && o.id!=*office_id ) rc = ERR_NOTFOUND;
  return rc;
}
