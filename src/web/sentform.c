/*
** sentform.c — a form's one-time mark (form_id), so that a form sent twice (a double click on a
** slow answer, Back then send again) acts once: the staff's forms that open a case (the case form,
** the help desk's e-mail and .rhs forms, the bidding room's check-in), a register's new entry, the
** portal's question form. Kept in memory per server (the last SENT_MAX marks), as long as it runs.
*/
#include "web.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The forms that opened a case lately, by the one-time mark each form carries (form_id): a form
** sent twice (a double click on a slow answer, Back then send again) opens one case, the second
** sending led to the case the first opened. Kept in memory (the last SENT_MAX), as long as the
** server runs; a sending still at work makes the second wait for it. The portal's question form
** keeps its ticket's private token the same way (see web.h). */
enum { SENT_MAX = 512, SENT_WAIT = 30 };
typedef struct SentForm {
  char mark[33]; int64_t office_id; char number[SENT_FORM_RESULT]; int pending;
  char user[64], sop[96]; int64_t at;   /* who opened the case (empty: the portal's), of which procedure, when */
} SentForm;
static SentForm sent_forms[SENT_MAX];
static int sent_next;
static pthread_mutex_t sent_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sent_cv = PTHREAD_COND_INITIALIZER;

/* The form's one-time mark as posted: 32 hex digits, else NULL (a form without one is not watched). */
const char *sent_form_mark(Req *r){
  const char *m = form_opt(r, "form_id");
  if( m==0 || strlen(m)!=32 ) return 0;
  for(const char *p=m; *p; p++) if( !((*p>='0' && *p<='9') || (*p>='a' && *p<='f')) ) return 0;
  return m;
}

/* The form's one-time mark as a hidden field: the one posted (a form shown again refused), else a new one. */
void sent_form_field(Req *r){
  sent_form_field_to(r, 0);
}

/* The mark of the form posting to action on a page of several (sentform.h): the one posted only
** when it was this form that was sent (a refused e-mail form's mark is not the .rhs form's). */
void sent_form_field_to(Req *r, const char *action){
  const char *mark = action && !(util_str_eq(r->method, "POST") && util_str_eq(r->path, action)) ? 0 : sent_form_mark(r);
  char fresh[33];
  if( mark==0 ){ util_nonce(fresh); mark = fresh; }
  out(r, "<input type=\"hidden\" name=\"form_id\" value=\"%h\">", mark);
}

/* The slot of a mark in the office (-1: none); sent_mu held. */
static int sent_find(int64_t office_id, const char *mark){
  for(int i=0; i<SENT_MAX; i++){
    if( sent_forms[i].office_id==office_id && strcmp(sent_forms[i].mark, mark)==0 ) return i;
  }
  return -1;
}

/* Claim a form's mark before acting on it (see web.h). */
int sent_form_claim(int64_t office_id, const char *mark, char result[SENT_FORM_RESULT]){
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += SENT_WAIT;
  pthread_mutex_lock(&sent_mu);
  int i;
  while( (i = sent_find(office_id, mark))>=0 && sent_forms[i].pending ){
    if( pthread_cond_timedwait(&sent_cv, &sent_mu, &until)!=0 ) break;
  }
  if( i>=0 && !sent_forms[i].pending ){
    memcpy(result, sent_forms[i].number, SENT_FORM_RESULT);
    pthread_mutex_unlock(&sent_mu);
    return 1;
  }
  if( i<0 ){
    i = sent_next;
    sent_next = (sent_next + 1) % SENT_MAX;
  }
  memset(&sent_forms[i], 0, sizeof sent_forms[i]);
  memcpy(sent_forms[i].mark, mark, 33);
  sent_forms[i].office_id = office_id;
  sent_forms[i].pending = 1;
  pthread_mutex_unlock(&sent_mu);
  return 0;
}

/* The end of a claimed sending (see web.h). */
void sent_form_done(int64_t office_id, const char *user, const char *mark, const char *sop, const char *result){
  pthread_mutex_lock(&sent_mu);
  int i = sent_find(office_id, mark);
  if( i>=0 ){
    if( result && strlen(result)<sizeof sent_forms[i].number ){
      snprintf(sent_forms[i].number, sizeof sent_forms[i].number, "%s", result);
      snprintf(sent_forms[i].user, sizeof sent_forms[i].user, "%s", user ? user : "");
      snprintf(sent_forms[i].sop, sizeof sent_forms[i].sop, "%s", sop);
      sent_forms[i].at = time_now();
      sent_forms[i].pending = 0;
    }else memset(&sent_forms[i], 0, sizeof sent_forms[i]);
  }
  pthread_cond_broadcast(&sent_cv);
  pthread_mutex_unlock(&sent_mu);
}

/* The newest result a user's form of procedure sop made in the office within the last within
** seconds, into result; its time, 0 when none (see web.h). */
int64_t sent_form_recent(int64_t office_id, const char *user, const char *sop, int within, char result[SENT_FORM_RESULT]){
  int64_t at = 0, now = time_now();
  result[0] = 0;
  if( user==0 || user[0]==0 ) return 0;
  pthread_mutex_lock(&sent_mu);
  for(int i=0; i<SENT_MAX; i++){
    const SentForm *f = &sent_forms[i];
    if( f->pending || f->number[0]==0 || f->office_id!=office_id || f->at<=at || now - f->at > within ) continue;
    /* a portal form's (no user) holds a ticket's private token: never given here */
    if( f->user[0]==0 || !util_str_eq(f->user, user) || !util_str_eq(f->sop, sop) ) continue;
    memcpy(result, f->number, SENT_FORM_RESULT);
    at = f->at;
  }
  pthread_mutex_unlock(&sent_mu);
  return at;
}
