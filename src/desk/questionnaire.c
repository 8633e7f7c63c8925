/*
** questionnaire.c — the evaluation questionnaire of a training (BTG-005 step 3c):
** templates of Likert items (1..5), choices and free text; the participants'
** answers, one response each; results aggregated per item. See training.h.
*/
#include "training.h"
#include "desk.h"
#include "portal.h"
#include "../mail/mail.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STANDARD_NAME "Kuesioner evaluasi training (standar)"

/* The standard questionnaire every office starts with (Indonesian, as participants read it). */
static const struct { const char *kind, *text, *options; } standard_items[] = {
  { "likert", "Materi training sesuai dengan kebutuhan saya", "" },
  { "likert", "Trainer menjelaskan materi dengan jelas", "" },
  { "likert", "Waktu tanya jawab cukup", "" },
  { "likert", "Sarana dan prasarana (ruang, internet, konsumsi) memadai", "" },
  { "choice", "Apakah Anda siap menggunakan SPSE setelah training ini?", "Ya\nBelum, perlu pendampingan\nTidak" },
  { "text",   "Saran dan masukan untuk training berikutnya", "" },
};

/* Check one item of a template, adding what is wrong with it to e (its options once its kind is right). */
static int item_check(const TqItemNew *it, Err *e){
  int rc = OK;
  int kind_ok = util_str_eq(it->kind, "likert") || util_str_eq(it->kind, "choice") || util_str_eq(it->kind, "text");
  if( !kind_ok ){ err_add(e, "items.kind", N_("must be likert, choice or text")); rc = ERR_INVALID; }
  if( util_blank(it->text) || util_utf8_len(it->text)>500 ){ err_add(e, "items.text", N_("is required (at most 500 characters)")); rc = ERR_INVALID; }
  else if( util_has_control(it->text, 1) ){ err_add(e, "items.text", N_("This field holds a control character")); rc = ERR_INVALID; }
  if( !kind_ok ) return rc;
  if( util_str_eq(it->kind, "choice") ){
    if( it->noptions<2 || it->noptions>12 ){ err_add(e, "items.options", N_("must give 2 to 12 options")); return ERR_INVALID; }
    for(int i=0; i<it->noptions; i++){
      if( util_blank(it->options[i]) || util_utf8_len(it->options[i])>200 || util_has_control(it->options[i], 0) ){
        err_add(e, "items.options", N_("must be lines of text")); return ERR_INVALID;
      }
    }
  }else if( it->noptions>0 ){ err_add(e, "items.options", N_("are only for choices")); return ERR_INVALID; }
  return rc;
}

/* Check a template's name and items; ERR_INVALID naming every field that is wrong at once. */
int tq_template_check(const char *name, const TqItemNew *items, int n, Err *e){
  Err all = {0};
  if( util_blank(name) || util_utf8_len(name)>200 ) err_add(&all, "name", N_("is required (at most 200 characters)"));
  else err_check_text(&all, "name", name, 200, 0);
  if( n<1 || n>TRAINING_MAX_ITEMS ) err_add(&all, "items", N_("must give 1 to 30 items"));
  else for(int i=0; i<n; i++) item_check(&items[i], &all);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* Make a template with its items, the office's standard one when standard is 1 (in the caller's
** transaction or its own). */
static int tq_create(Db *db, const Actor *who, const char *name, const TqItemNew *items, int n, int standard,
                     int64_t *id, Err *e){
  if( tq_template_check(name, items, n, e) ) return ERR_INVALID;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "INSERT INTO tq_template(office_id, name, created_at, standard) VALUES(?1,?2,?3,?4)"
                           " ON CONFLICT (office_id, name) DO NOTHING RETURNING id");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, who->office_id); db_bind_text(q, 2, name); db_bind_int64(q, 3, time_now()); db_bind_int(q, 4, standard);
    int s = db_step(q);
    if( s==DB_ROW ) *id = db_col_int64(q, 0);
    else if( s==DB_DONE ){ ERR_SET(e, "name", N_("is taken by another questionnaire")); rc = ERR_CONFLICT; }
    else rc = ERR_DB;
    db_reset(q);
  }
  for(int i=0; rc==OK && i<n; i++){
    Buf opts = BUF_INIT;
    for(int k=0; k<items[i].noptions; k++){ if( k ) buf_putc(&opts, '\n'); buf_puts(&opts, items[i].options[k]); }
    q = db_prepare(db, "INSERT INTO tq_item(template_id, office_id, no, kind, text, options) VALUES(?1,?2,?3,?4,?5,?6)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, *id); db_bind_int64(q, 2, who->office_id); db_bind_int(q, 3, i+1);
      db_bind_text(q, 4, items[i].kind); db_bind_text(q, 5, items[i].text); db_bind_text(q, 6, buf_str(&opts));
      rc = db_run(q);
    }
    buf_free(&opts);
  }
  if( rc==OK ){
    char obj[40], detail[64];
    snprintf(obj, sizeof obj, "questionnaire/%lld", (long long)*id);
    snprintf(detail, sizeof detail, "%d item(s)", n);
    rc = audit_write(db, who, "training.questionnaire.create", obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Make a template with its items (in the caller's transaction or its own). */
int tq_template_create(Db *db, const Actor *who, const char *name, const TqItemNew *items, int n,
                       int64_t *id, Err *e){
  return tq_create(db, who, name, items, n, 0, id, e);
}

/* Change a template's name and items. Refused (ERR_CONFLICT, field "items") once it has answers:
** they point at its items, so a changed list would mislabel them; a new template is made instead. */
int tq_template_update(Db *db, const Actor *who, int64_t id, const char *name, const TqItemNew *items, int n, Err *e){
  if( tq_template_check(name, items, n, e) ) return ERR_INVALID;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "SELECT (SELECT count(*) FROM tq_answer a JOIN tq_item i ON i.id=a.item_id WHERE i.template_id=t.id),"
                           " (SELECT count(*) FROM tq_template o WHERE o.office_id=t.office_id AND o.name=?3 AND o.id<>t.id)"
                           " FROM tq_template t WHERE t.id=?1 AND t.office_id=?2");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, id); db_bind_int64(q, 2, who->office_id); db_bind_text(q, 3, name);
    int s = db_step(q);
    if( s==DB_ROW && db_col_int64(q, 0)>0 ){ ERR_SET(e, "items", N_("has answers already: make a new questionnaire instead")); rc = ERR_CONFLICT; }
    else if( s==DB_ROW && db_col_int64(q, 1)>0 ){ ERR_SET(e, "name", N_("is taken by another questionnaire")); rc = ERR_CONFLICT; }
    else if( s==DB_DONE ){ ERR_SET(e, "id", N_("Not found")); rc = ERR_NOTFOUND; }
    else if( s!=DB_ROW ) rc = ERR_DB;
    db_reset(q);
  }
  if( rc==OK ){
    q = db_prepare(db, "UPDATE tq_template SET name=?2 WHERE id=?1");
    if( q==0 ) rc = ERR_DB; else { db_bind_int64(q, 1, id); db_bind_text(q, 2, name); rc = db_run(q); }
  }
  if( rc==OK ){
    q = db_prepare(db, "DELETE FROM tq_item WHERE template_id=?1");
    if( q==0 ) rc = ERR_DB; else { db_bind_int64(q, 1, id); rc = db_run(q); }
  }
  for(int i=0; rc==OK && i<n; i++){
    Buf opts = BUF_INIT;
    for(int k=0; k<items[i].noptions; k++){ if( k ) buf_putc(&opts, '\n'); buf_puts(&opts, items[i].options[k]); }
    q = db_prepare(db, "INSERT INTO tq_item(template_id, office_id, no, kind, text, options) VALUES(?1,?2,?3,?4,?5,?6)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, id); db_bind_int64(q, 2, who->office_id); db_bind_int(q, 3, i+1);
      db_bind_text(q, 4, items[i].kind); db_bind_text(q, 5, items[i].text); db_bind_text(q, 6, buf_str(&opts));
      rc = db_run(q);
    }
    buf_free(&opts);
  }
  if( rc==OK ){
    char obj[40], detail[240];
    snprintf(obj, sizeof obj, "questionnaire/%lld", (long long)id);
    snprintf(detail, sizeof detail, "%.200s; %d item(s)", name, n);
    rc = audit_write(db, who, "training.questionnaire.update", obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Every office's standard template (the one marked standard, whatever it is called now), made
** for those without one (folders from before offices were born with it): once at the start of
** serve, audited as the system's. */
int tq_template_defaults(Db *db){
  Stmt *q = db_prepare(db, "SELECT o.id FROM office o WHERE NOT EXISTS"
                           " (SELECT 1 FROM tq_template t WHERE t.office_id=o.id AND t.standard=1) ORDER BY o.id");
  if( q==0 ) return ERR_DB;
  int64_t ids[64];
  int n = 0, rc;
  while( (rc = db_step(q))==DB_ROW && n<(int)COUNT(ids) ) ids[n++] = db_col_int64(q, 0);
  db_reset(q);
  if( rc!=DB_ROW && rc!=DB_DONE ) return ERR_DB;
  for(int i=0; i<n; i++){
    Actor sys = audit_actor_in(0, ids[i]);
    int64_t id;
    rc = tq_template_default(db, &sys, ids[i], &id);
    if( rc!=OK && rc!=ERR_CONFLICT ) return rc;   /* conflict: another node made it meanwhile */
  }
  return n==(int)COUNT(ids) ? tq_template_defaults(db) : OK;   /* more offices than one pass holds */
}

/* The office's standard template (marked so: renamed, it is still the one), made when it has none
** (in the caller's transaction or its own). */
int tq_template_default(Db *db, const Actor *who, int64_t office_id, int64_t *id){
  Stmt *q = db_prepare(db, "SELECT id FROM tq_template WHERE office_id=?1 AND standard=1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  int have = db_step(q)==DB_ROW;
  if( have ) *id = db_col_int64(q, 0);
  db_reset(q);
  if( have ) return OK;
  TqItemNew items[COUNT(standard_items)];
  const char *opts[COUNT(standard_items)][4];
  for(size_t i=0; i<COUNT(standard_items); i++){
    items[i].kind = standard_items[i].kind;
    items[i].text = standard_items[i].text;
    items[i].options = opts[i];
    items[i].noptions = 0;
    if( *standard_items[i].options ){
      static const char *const choice[] = { "Ya", "Belum, perlu pendampingan", "Tidak" };
      for(int k=0; k<3; k++) opts[i][k] = choice[k];
      items[i].noptions = 3;
    }
  }
  Actor a = *who;
  a.office_id = office_id;
  Err e = {0};
  return tq_create(db, &a, STANDARD_NAME, items, (int)COUNT(items), 1, id, &e);
}

/* Split the stored options (one per line) into it. */
static void item_options(TqItem *it, const char *z, Arena *a){
  it->noptions = 0;
  while( *z && it->noptions<12 ){
    const char *nl = strchr(z, '\n');
    size_t len = nl ? (size_t)(nl-z) : strlen(z);
    it->options[it->noptions++] = arena_strndup(a, z, len);
    if( !nl ) break;
    z = nl+1;
  }
}

/* A template of the office with its items. */
int tq_template_get(Db *db, int64_t office_id, int64_t id, TqTemplate *t, Arena *a){
  memset(t, 0, sizeof *t);
  Stmt *q = db_prepare(db, "SELECT name, standard FROM tq_template WHERE id=?1 AND office_id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id); db_bind_int64(q, 2, office_id);
  int rc = db_step(q);
  if( rc==DB_ROW ){ t->id = id; t->name = arena_strdup(a, db_col_text(q, 0)); t->standard = db_col_int(q, 1); }
  db_reset(q);
  if( rc!=DB_ROW ) return rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
  q = db_prepare(db, "SELECT id, no, kind, text, options FROM tq_item WHERE template_id=?1 ORDER BY no");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  int cap = 0;
  while( db_step(q)==DB_ROW ){
    t->items = arena_grow(a, t->items, sizeof *t->items, t->nitems, &cap);
    TqItem *it = &t->items[t->nitems++];
    it->id = db_col_int64(q, 0); it->no = db_col_int(q, 1);
    it->kind = arena_strdup(a, db_col_text(q, 2)); it->text = arena_strdup(a, db_col_text(q, 3));
    item_options(it, db_col_text(q, 4), a);
  }
  db_reset(q);
  return OK;
}

/* The templates of an office, with their items. */
int tq_template_list(Db *db, int64_t office_id, TqTemplate **rows, int *n, Arena *a){
  Stmt *q = db_prepare(db, "SELECT id FROM tq_template WHERE office_id=?1 ORDER BY id LIMIT 200");
  *rows = 0; *n = 0;
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  int64_t ids[200]; int k = 0;
  while( k<200 && db_step(q)==DB_ROW ) ids[k++] = db_col_int64(q, 0);
  db_reset(q);
  int cap = 0;
  for(int i=0; i<k; i++){
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    int rc = tq_template_get(db, office_id, ids[i], &(*rows)[*n], a);
    if( rc!=OK ) return rc;
    (*n)++;
  }
  return OK;
}

/* The participant of a training by a personal link's token (see training.h). */
int training_survey_who(Db *db, int64_t office_id, int64_t id, const char *token, int64_t *participant_id, Err *e){
  *participant_id = 0;
  if( util_blank(token) ){
    ERR_SET(e, "token", N_("is required: the questionnaire is answered through your personal link (ask for it with your e-mail address)"));
    return ERR_INVALID;
  }
  int64_t o, tid;
  Participant p;
  Arena a;
  arena_init(&a);
  int rc = training_by_token(db, token, &o, &tid, &p, &a);
  int declined = rc==OK && strcmp(p.rsvp, "declined")==0;
  int waiting = rc==OK && strcmp(p.seat, "waiting")==0;   /* never had a seat: never in the room */
  arena_free(&a);
  if( rc==OK && o==office_id && tid==id && declined ){
    ERR_SET(e, "token", N_("You declined the invitation to this training"));
    return ERR_CONFLICT;
  }
  if( rc==OK && o==office_id && tid==id && waiting ){
    ERR_SET(e, "token", N_("You are on the waiting list of this training: its questionnaire is for the participants who had a seat"));
    return ERR_CONFLICT;
  }
  if( rc==OK && o==office_id && tid==id ){ *participant_id = p.id; return OK; }
  if( rc!=OK && rc!=ERR_NOTFOUND ) return rc;
  ERR_SET(e, "token", N_("This link is not valid"));
  return ERR_INVALID;
}

/* Mail a participant the questionnaire's personal link, asked for by e-mail (see training.h). */
int training_survey_link(Db *db, int64_t office_id, int64_t id, const char *email, const char *base,
                         const char *ip, int *retry_after, Err *e){
  *retry_after = 0;
  if( util_blank(email) || util_utf8_len(email)>200 ){ ERR_SET(e, "email", N_("is required (at most 200 characters)")); return ERR_INVALID; }
  /* an e-mail is a guess anyone may make: wrong ones slow the address down, as the portal's tracking */
  int64_t now = time_now();
  if( (*retry_after = portal_guess_wait(db, ip, now))>0 ){
    ERR_SET(e, "email", N_("Too many wrong attempts: wait before trying again"));
    return ERR_THROTTLED;
  }
  Arena a;
  arena_init(&a);
  Training t;
  int rc = training_get(db, office_id, id, &t, &a);
  int64_t pid = 0, last = 0;
  const char *name = "", *lang = "id", *to = "";
  Stmt *q = 0;
  if( rc==OK ){
    q = db_prepare(db, "SELECT id, name, lang, email, survey_link_at FROM training_participant WHERE training_id=?1 AND office_id=?2"
                       " AND email=lower(CAST(?3 AS TEXT)) AND seat='seat' AND rsvp<>'declined'");
    if( q==0 ) rc = ERR_DB;
  }
  if( rc==OK ){
    db_bind_int64(q, 1, id); db_bind_int64(q, 2, office_id); db_bind_text(q, 3, email);
    if( db_step(q)==DB_ROW ){
      pid = db_col_int64(q, 0); name = arena_strdup(&a, db_col_text(q, 1)); lang = i18n_lang(db_col_text(q, 2));
      to = arena_strdup(&a, db_col_text(q, 3)); last = db_col_int64(q, 4);
    }
    db_reset(q);
  }
  /* a wrong address is a guess, counted whether or not the questionnaire is open; the answer after
  ** it is the same for a participant's address and another */
  if( rc==OK && pid==0 ){
    char obj[48];
    snprintf(obj, sizeof obj, "training:%lld", (long long)id);
    rc = portal_guess_fail(db, office_id, ip, now, "training.survey_failed", obj);
  }
  if( rc==OK && (now<t.survey_opens_at || now>t.survey_closes_at || strcmp(t.status, "cancelled")==0) ){
    ERR_SET(e, "questionnaire", N_("The questionnaire is open on the last day of the training")); rc = ERR_DENIED;
  }
  /* asked again soon: the link mailed a moment ago stands (no mail to fill a participant's inbox) */
  if( rc!=OK || pid==0 || (last>0 && now-last < TRAINING_SURVEY_LINK_GAP_S) ){ arena_free(&a); return rc; }
  char token[64], link_base[256];
  if( training_link_token(office_id, id, pid, token)!=OK ){ log_error("training: no verify.key for the participants' links"); arena_free(&a); return ERR_IO; }
  office_link_base(db, office_id, base, link_base, sizeof link_base);
  Office o;
  if( office_get(db, office_id, &o)!=OK ){ arena_free(&a); return ERR_DB; }
  const char *link = arena_printf(&a, "%s/portal/pelatihan/%lld/kuesioner?t=%s", link_base, (long long)id, token);
  const char *vars[] = { "name", name, "training", t.title, "office", o.name, "link", link, 0 };
  Buf subj = BUF_INIT, body = BUF_INIT;
  char err[200];
  int own = 0;
  if( mail_render_lang("training-survey", lang, vars, &subj, &body, err, sizeof err)!=OK ){ log_error("training: %s", err); rc = ERR_IO; }
  if( rc==OK ) rc = db_tx_begin(db, &own);
  if( rc==OK ){
    q = db_prepare(db, "UPDATE training_participant SET survey_link_at=?2 WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, pid); db_bind_int64(q, 2, now); rc = db_run(q); }
    Actor anon = { 0, "portal", office_id, ip ? ip : "" };
    Err me = {0};
    if( rc==OK ) rc = mail_queue(db, &anon, office_id, to, buf_str(&subj), buf_str(&body), 0, &me);
    char obj[40], detail[80];
    snprintf(obj, sizeof obj, "training/%lld", (long long)id);
    snprintf(detail, sizeof detail, "participant %lld mailed the questionnaire's link", (long long)pid);
    if( rc==OK ) rc = audit_write(db, &anon, "training.survey_link", obj, detail);
    rc = db_tx_end(db, own, rc);
  }
  buf_free(&subj); buf_free(&body);
  arena_free(&a);
  return rc;
}

/* Answer the questionnaire once: every Likert and choice item answered, text optional; a wrong
** answer named by its entry (answers[2].item, answers[2].value), a rating or choice left out by its
** item's number (answers.q3), the names in ea. */
int training_survey_submit(Db *db, int64_t office_id, int64_t id, int64_t participant_id,
                           const TqAnswerIn *ans, int n, Err *e, Arena *ea){
  Arena a;
  arena_init(&a);
  Training t;
  TqTemplate tpl;
  int rc = training_get(db, office_id, id, &t, &a);
  if( rc==OK ) rc = tq_template_get(db, office_id, t.template_id, &tpl, &a);
  int64_t now = time_now();
  if( rc==OK && (now<t.survey_opens_at || now>t.survey_closes_at || strcmp(t.status, "cancelled")==0) ){
    ERR_SET(e, "questionnaire", N_("The questionnaire is open on the last day of the training")); rc = ERR_DENIED;
  }
  for(int i=0; (rc==OK || rc==ERR_INVALID) && i<n; i++){   /* every wrong answer named at once */
    const TqItem *it = 0;
    for(int k=0; k<tpl.nitems; k++) if( tpl.items[k].id==ans[i].item_id ) it = &tpl.items[k];
    for(int k=0; k<i; k++) if( ans[k].item_id==ans[i].item_id ) it = 0;
    if( it==0 ){ err_add(e, arena_printf(ea, "answers[%d].item", i), N_("names an item that is not in the questionnaire, or twice")); rc = ERR_INVALID; continue; }
    if( strcmp(it->kind, "likert")==0 && (ans[i].value<1 || ans[i].value>5) ){ err_add(e, arena_printf(ea, "answers[%d].value", i), N_("a rating must be from 1 to 5")); rc = ERR_INVALID; }
    if( strcmp(it->kind, "choice")==0 && (ans[i].value<0 || ans[i].value>=it->noptions) ){ err_add(e, arena_printf(ea, "answers[%d].value", i), N_("a choice must be one of the options")); rc = ERR_INVALID; }
    if( strcmp(it->kind, "text")==0 && util_utf8_len(ans[i].text)>4000 ){ err_add_n(e, arena_printf(ea, "answers[%d].text", i), N_("is too long: at most %d characters"), 4000); rc = ERR_INVALID; }
  }
  for(int k=0; (rc==OK || rc==ERR_INVALID) && k<tpl.nitems; k++){
    if( strcmp(tpl.items[k].kind, "text")==0 ) continue;
    int have = 0;
    for(int i=0; i<n; i++) if( ans[i].item_id==tpl.items[k].id ) have = 1;
    if( !have ){ err_add(e, arena_printf(ea, "answers.q%d", tpl.items[k].no), N_("every rating and choice must be answered")); rc = ERR_INVALID; }
  }
  int own = 0;
  if( rc==OK ) rc = db_tx_begin(db, &own);
  else { arena_free(&a); return rc; }
  int64_t rid = 0;
  Stmt *q = db_prepare(db, "INSERT INTO tq_response(training_id, participant_id, office_id, created_at) VALUES(?1,?2,?3,?4)"
                           " ON CONFLICT (training_id, participant_id) DO NOTHING RETURNING id");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, id); db_bind_int64(q, 2, participant_id); db_bind_int64(q, 3, office_id); db_bind_int64(q, 4, now);
    int s = db_step(q);
    if( s==DB_ROW ) rid = db_col_int64(q, 0);
    else if( s==DB_DONE ){ ERR_SET(e, "questionnaire", N_("You have already answered this questionnaire")); rc = ERR_CONFLICT; }
    else rc = ERR_DB;
    db_reset(q);
  }
  for(int i=0; rc==OK && i<n; i++){
    q = db_prepare(db, "INSERT INTO tq_answer(response_id, item_id, office_id, value, text) VALUES(?1,?2,?3,?4,?5)");
    if( q==0 ){ rc = ERR_DB; break; }
    const TqItem *it = 0;
    for(int k=0; k<tpl.nitems; k++) if( tpl.items[k].id==ans[i].item_id ) it = &tpl.items[k];
    db_bind_int64(q, 1, rid); db_bind_int64(q, 2, ans[i].item_id); db_bind_int64(q, 3, office_id);
    if( strcmp(it->kind, "text")==0 ) db_bind_null(q, 4); else db_bind_int(q, 4, ans[i].value);
    db_bind_text(q, 5, strcmp(it->kind, "text")==0 && ans[i].text ? ans[i].text : "");
    rc = db_run(q);
  }
  if( rc==OK ){
    Actor anon = { 0, "anonymous", office_id, "" };
    char obj[40], detail[64];
    snprintf(obj, sizeof obj, "training/%lld", (long long)id);
    snprintf(detail, sizeof detail, "participant %lld answered", (long long)participant_id);
    rc = audit_write(db, &anon, "training.questionnaire.answer", obj, detail);
  }
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* The results per item of a training's questionnaire: counts per value, the mean rating,
** the comments; *responses how many answered. */
int training_survey_results(Db *db, const Training *t, TqTemplate *tpl, TqResult **res, int *responses,
                            Arena *a){
  *res = 0; *responses = 0;
  int rc = tq_template_get(db, t->office_id, t->template_id, tpl, a);
  if( rc!=OK ) return rc;
  *res = arena_alloc(a, sizeof **res * (size_t)(tpl->nitems ? tpl->nitems : 1));
  memset(*res, 0, sizeof **res * (size_t)(tpl->nitems ? tpl->nitems : 1));
  Stmt *q = db_prepare(db, "SELECT count(*) FROM tq_response WHERE training_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, t->id);
  if( db_step(q)==DB_ROW ) *responses = db_col_int(q, 0);
  db_reset(q);
  for(int k=0; k<tpl->nitems; k++){
    TqResult *r = &(*res)[k];
    r->item = &tpl->items[k];
    q = db_prepare(db, "SELECT x.value, x.text FROM tq_answer x JOIN tq_response r ON r.id=x.response_id"
                       " WHERE r.training_id=?1 AND x.item_id=?2 ORDER BY r.id");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, t->id);
    db_bind_int64(q, 2, tpl->items[k].id);
    int cap = 0;
    long sum = 0;
    while( db_step(q)==DB_ROW ){
      if( strcmp(r->item->kind, "text")==0 ){
        const char *z = db_col_text(q, 1);
        if( *z ){
          r->comments = arena_grow(a, r->comments, sizeof *r->comments, r->ncomments, &cap);
          r->comments[r->ncomments++] = arena_strdup(a, z);
          r->n++;
        }
        continue;
      }
      int v = db_col_int(q, 0);
      if( v>=0 && v<13 ){ r->count[v]++; r->n++; sum += v; }
    }
    db_reset(q);
    if( strcmp(r->item->kind, "likert")==0 && r->n ) r->mean = (double)sum / r->n;
  }
  return OK;
}
