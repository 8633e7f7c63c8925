/*
** training.c — trainings of SPSE users (BTG-005) through the API: plans and their
** approval, the preparation checklist, participants and attendance, the Q&A log,
** questionnaires and their results, the report (JSON, PDF, XLSX), and the public
** side: open trainings, registration, attendance confirmation, the questionnaire.
** desk/training.c checks the values and writes the audit log.
*/
#include "api.h"
#include "../desk/training.h"
#include "../desk/portal.h"
#include "../report/training_report.h"
#include "../sop/attach.h"
#include <stdlib.h>
#include <string.h>

/* Append a newline-separated list as a JSON array of strings. */
static void jlines(Buf *b, const char *z){
  buf_putc(b, '[');
  int first = 1;
  while( z && *z ){
    const char *nl = strchr(z, '\n');
    size_t n = nl ? (size_t)(nl-z) : strlen(z);
    buf_printf(b, "%R\"", first ? "" : ",");
    fmt_json(b, z, n);
    buf_putc(b, '"');
    first = 0;
    if( !nl ) break;
    z = nl+1;
  }
  buf_putc(b, ']');
}

/* The materials: the files attached to the training's case. */
static void materials_json(Req *r, Buf *b, const char *number){
  Case *c = 0;
  Attachment *v = 0;
  int n = 0;
  if( case_get(r->db, r->office_id, number, &c)==OK ) attach_list(r->db, c, &v, &n, &r->arena);
  if( c ) case_free(c);
  buf_puts(b, ",\"materials\":[");
  for(int i=0; i<n; i++){
    if( i ) buf_putc(b, ',');
    attach_json(b, &v[i]);
  }
  buf_putc(b, ']');
}

/* The training as JSON. */
static void training_json(Req *r, Buf *b, const Training *t){
  buf_printf(b, "{\"id\":%lld,\"number\":%J,\"title\":%J,\"description\":%J,\"audience\":", (long long)t->id, t->number,
             t->title, t->description);
  jlines(b, t->audience);
  buf_printf(b, ",\"capacity\":%d,\"venue\":%J,\"trainers\":", t->capacity, t->venue);
  jlines(b, t->trainers);
  buf_printf(b, ",\"portal\":%R,\"status\":%J,\"current_step\":%d,\"starts_at\":", t->portal ? "true" : "false", t->status, t->current_step);
  time_json(b, t->starts_at);
  buf_puts(b, ",\"ends_at\":"); time_json(b, t->ends_at);
  buf_printf(b, ",\"approved_by\":%J,\"approved_at\":", *t->approved_by ? t->approved_by : NULL);
  time_json(b, t->approved_at);
  buf_puts(b, ",\"report_due_at\":"); time_json(b, t->report_due_at);
  buf_puts(b, ",\"reported_at\":"); time_json(b, t->reported_at);
  buf_printf(b, ",\"report_met\":%R,\"questionnaire\":%lld,\"questionnaire_url\":\"/portal/pelatihan/%lld/kuesioner\",\"questionnaire_opens_at\":",
             t->report_met<0 ? "null" : t->report_met ? "true" : "false", (long long)t->template_id, (long long)t->id);
  time_json(b, t->survey_opens_at);
  buf_puts(b, ",\"questionnaire_closes_at\":"); time_json(b, t->survey_closes_at);
  buf_puts(b, ",\"sessions\":[");
  for(int i=0; i<t->nsessions; i++){
    const TrainingSession *s = &t->sessions[i];
    buf_printf(b, "%R{\"id\":%lld,\"no\":%d,\"title\":%J,\"starts_at\":", i ? "," : "", (long long)s->id, s->no, s->title);
    time_json(b, s->starts_at);
    buf_puts(b, ",\"ends_at\":"); time_json(b, s->ends_at);
    buf_printf(b, ",\"qa_minutes\":%d,\"qa_short\":%R,\"present\":%d,\"questions\":%d,\"holiday\":%J,\"office_closed\":%R}", s->qa_minutes,
               s->qa_minutes<TRAINING_QA_MIN_MINUTES ? "true" : "false", s->present, s->questions, s->holiday,
               s->closed_day ? "true" : "false");
  }
  int64_t total = 0;
  buf_puts(b, "],\"budget\":[");
  for(int i=0; i<t->nbudget; i++){
    buf_printf(b, "%R{\"item\":%J,\"amount\":%lld}", i ? "," : "", t->budget[i].item, (long long)t->budget[i].amount);
    total += t->budget[i].amount;
  }
  buf_printf(b, "],\"budget_total\":%lld,\"checklist\":[", (long long)total);
  for(int i=0; i<t->nprep; i++){
    const TrainingPrep *p = &t->prep[i];
    buf_printf(b, "%R{\"id\":%lld,\"kind\":%J,\"label\":%J,\"workdays_before\":%d,\"due_at\":", i ? "," : "", (long long)p->id,
               p->kind, p->label, p->days);
    time_json(b, p->due_at);
    buf_puts(b, ",\"remind_at\":"); time_json(b, p->remind_at);
    buf_puts(b, ",\"done_at\":"); time_json(b, p->done_at);
    buf_printf(b, ",\"done_by\":%J,\"met\":%R,\"reminded_at\":", *p->done_by ? p->done_by : NULL,
               p->met<0 ? "null" : p->met ? "true" : "false");
    time_json(b, p->reminded_at);
    buf_puts(b, ",\"breached_at\":"); time_json(b, p->breached_at);
    buf_putc(b, '}');
  }
  buf_putc(b, ']');
  materials_json(r, b, t->number);
  buf_printf(b, ",\"participants\":{\"seats\":%d,\"waiting\":%d,\"confirmed\":%d,\"declined\":%d,\"no_answer\":%d}}",
             t->seats, t->waiting, t->confirmed, t->declined, t->no_answer);
}

/* Load the training named by :id in the caller's office; answers 404 and gives ERR_NOTFOUND. */
static int load(Req *r, Training *t){
  int64_t id = req_param_id(r, "id");
  int rc = id ? training_get(r->db, r->office_id, id, t, &r->arena) : ERR_NOTFOUND;
  if( rc!=OK ){ api_fail(r, rc, 0); return rc; }
  return OK;
}

/* Answer with the training as stored now. */
static int reply_training(Req *r, int status, int64_t id){
  Training t;
  int rc = training_get(r->db, r->office_id, id, &t, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  training_json(r, &b, &t);
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/trainings?from=&to=: the office's trainings by start (ending after from). */
int api_trainings(Req *r){
  if( req_query_only(r, "from to") ) return OK;
  int64_t from, to;
  if( req_query_time(r, "from", 0, &from) || req_query_time(r, "to", 1, &to) ) return OK;
  if( from && to && to<=from ) return reply_invalid(r, "to", N_("must be later than from"));
  TrainingRow *rows;
  int n, rc = training_list(r->db, r->office_id, from, to, 0, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    buf_printf(&b, "%R{\"id\":%lld,\"number\":%J,\"title\":%J,\"venue\":%J,\"status\":%J,\"capacity\":%d,\"seats\":%d,\"portal\":%R,\"starts_at\":",
               i ? "," : "", (long long)rows[i].id, rows[i].number, rows[i].title, rows[i].venue, rows[i].status,
               rows[i].capacity, rows[i].seats, rows[i].portal ? "true" : "false");
    time_json(&b, rows[i].starts_at);
    buf_puts(&b, ",\"ends_at\":"); time_json(&b, rows[i].ends_at);
    buf_putc(&b, '}');
  }
  reply_json(r, 200, "{\"trainings\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* A strict list of strings from member key (absent or wrong: n 0; what is wrong is noted). */
static void strs(Req *r, const char *key, const char ***v, int *n){
  jin_strlist(r, key, v, n);
  if( *n<0 ) *n = 0;
}

/* The sessions member of the body into v (at most TRAINING_MAX_SESSIONS), *n of them; noted
** (sessions) when it is not a list of {title, starts_at, ends_at}: its times are the plan's check's. */
static void sessions_input(Req *r, TrainingSessionIn *v, int *n){
  static const char *const shape = N_("must be a list of sessions with title, starts_at and ends_at");
  json_t *a = json_object_get(r->json, "sessions");
  *n = 0;
  if( a && !json_is_null(a) && !json_is_array(a) ){ jin_note(r, "sessions", shape, 1); return; }
  if( json_array_size(a)==0 ){ jin_note(r, "sessions", shape, 0); return; }
  if( json_array_size(a)>TRAINING_MAX_SESSIONS ){ jin_note(r, "sessions", N_("has too many items"), 0); return; }
  for(size_t i=0; i<json_array_size(a); i++){
    json_t *s = json_array_get(a, i);
    const char *ti = 0, *st = 0, *en = 0;
    json_error_t je;
    if( !json_is_object(s) || json_unpack_ex(s, &je, JSON_STRICT, "{s:s,s:s,s:s}", "title", &ti, "starts_at", &st, "ends_at", &en) ){
      jin_note(r, "sessions", shape, 1);
      *n = 0;
      return;
    }
    v[(*n)++] = (TrainingSessionIn){ ti, st, en };
  }
}

/* The budget member of the body into in (absent: none); noted (budget) when it is not a list of
** {item, amount}: the items and amounts are the plan's check's. */
static void budget_input(Req *r, TrainingNew *in){
  static const char *const shape = N_("must be a list of items with item and amount");
  json_t *v = json_object_get(r->json, "budget");
  in->nbudget = 0;
  if( v==0 || json_is_null(v) ) return;
  if( !json_is_array(v) ){ jin_note(r, "budget", shape, 1); return; }
  if( json_array_size(v)>TRAINING_MAX_BUDGET ){ jin_note(r, "budget", N_("has too many items"), 0); return; }
  for(size_t i=0; i<json_array_size(v); i++){
    json_t *s = json_array_get(v, i);
    const char *item = 0;
    json_int_t amount = 0;
    json_error_t je;
    if( !json_is_object(s) || json_unpack_ex(s, &je, JSON_STRICT, "{s:s,s:I}", "item", &item, "amount", &amount) ){
      jin_note(r, "budget", shape, 1);
      in->nbudget = 0;
      return;
    }
    in->budget[in->nbudget++] = (TrainingBudget){ item, (int64_t)amount };
  }
}

/* Read a plan from the body into in; ERR_INVALID when the 400 is answered: what the JSON layer
** finds wrong said with what the plan's own check finds, every field at once. */
static int plan_input(Req *r, TrainingNew *in_){
  static const char *const keys[] = { "title", "description", "audience", "capacity", "venue", "facilities", "trainers",
                                      "budget", "sessions", "portal", "questionnaire", 0 };
  TrainingNew in;
  memset(&in, 0, sizeof in);
  in.portal = 1;
  const char **aud, **fac, **tr;
  if( jin_object(r) ) return ERR_INVALID;
  jin_str(r, "title", 1, 800, &in.title);
  jin_str(r, "description", 0, 16000, &in.description);
  jin_str(r, "venue", 1, 800, &in.venue);
  strs(r, "audience", &aud, &in.naudience);
  strs(r, "facilities", &fac, &in.nfacilities);
  strs(r, "trainers", &tr, &in.ntrainers);
  jin_bool(r, "portal", &in.portal);
  in.audience = aud; in.facilities = fac; in.trainers = tr;
  json_t *v = json_object_get(r->json, "capacity");
  if( !json_is_integer(v) ) jin_note(r, "capacity", N_("must be a number from 1 to 10000"), v && !json_is_null(v));
  else in.capacity = json_integer_value(v)>10000 || json_integer_value(v)<1 ? 0 : (int)json_integer_value(v);
  v = json_object_get(r->json, "questionnaire");
  if( v && !json_is_null(v) ){
    if( !json_is_integer(v) || json_integer_value(v)<1 ) jin_note(r, "questionnaire", N_("must be the id of a questionnaire"), !json_is_integer(v));
    else in.template_id = json_integer_value(v);
  }
  sessions_input(r, in.sessions, &in.nsessions);
  budget_input(r, &in);
  if( jin_known(r, keys) ) return ERR_INVALID;
  if( jin_pending(r) ){
    Err e = {0};
    training_plan_check(&in, r->office_tz, &e);
    return jin_answer(r, &e);
  }
  *in_ = in;
  return OK;
}

/* POST /api/v1/trainings: draw up a plan (opens its BTG-005 case). */
int api_training_create(Req *r){
  TrainingNew in;
  if( plan_input(r, &in) ) return OK;
  Actor who = api_actor(r);
  Err e = {0};
  int64_t id = 0;
  int rc = training_create(r->db, &who, &in, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_training(r, 201, id);
}

/* PUT /api/v1/trainings/:id: change the plan before it is approved (the same body as POST). */
int api_training_update(Req *r){
  TrainingNew in;
  if( plan_input(r, &in) ) return OK;
  int64_t id = req_param_id(r, "id");
  Actor who = api_actor(r);
  Err e = {0};
  int rc = id ? training_update(r->db, &who, id, &in, &e) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_training(r, 200, id);
}

/* GET /api/v1/trainings/:id. */
int api_training(Req *r){
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return api_fail(r, ERR_NOTFOUND, 0);
  return reply_training(r, 200, id);
}

/* POST /api/v1/trainings/:id/approve: the head approves the plan. */
int api_training_approve(Req *r){
  if( jin_empty(r) ) return OK;
  Actor who = api_actor(r);
  Err e = {0};
  int64_t id = req_param_id(r, "id");
  int rc = id ? training_approve(r->db, &who, id, &e) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_training(r, 200, id);
}

/* POST /api/v1/trainings/:id/checklist/:item {"done": true|false}. */
int api_training_prep(Req *r){
  static const char *const keys[] = { "done", 0 };
  int done = -1;
  if( jin_object(r) || jin_bool(r, "done", &done) ) return OK;
  if( done<0 && !json_object_get(r->json, "done") ) jin_note(r, "done", N_("is required"), 0);
  if( jin_done(r, keys) ) return OK;
  Actor who = api_actor(r);
  Err e = {0};
  int64_t id = req_param_id(r, "id"), item = req_param_id(r, "item");
  int rc = id && item ? training_prep_set(r->db, &who, id, item, done, &e) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_training(r, 200, id);
}

/* One participant as JSON. */
static void participant_json(Buf *b, const Participant *p){
  buf_printf(b, "{\"id\":%lld,\"name\":%J,\"agency\":%J,\"role\":%J,\"email\":%J,\"phone\":%J,\"source\":%J,\"seat\":%J,"
                "\"rsvp\":%J,\"sessions_attended\":%d,\"questionnaire_answered\":%R,\"lang\":%J,\"created_at\":",
             (long long)p->id, p->name, p->agency, *p->role ? p->role : NULL, p->email, *p->phone ? p->phone : NULL,
             p->source, p->seat, p->rsvp, p->present, p->answered ? "true" : "false", p->lang);
  time_json(b, p->created_at);
  buf_putc(b, '}');
}

/* GET /api/v1/trainings/:id/participants: seats first, then the waiting list. */
int api_training_participants(Req *r){
  if( req_query_only(r, "") ) return OK;
  Training t;
  if( load(r, &t) ) return OK;
  Participant *v;
  int n, rc = training_participants(r->db, r->office_id, t.id, &v, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, ','); participant_json(&b, &v[i]); }
  reply_json(r, 200, "{\"participants\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* Read a participant from the body and add them (invited or from the portal). */
static int add_participant(Req *r, int64_t office_id, int64_t id, const char *source){
  static const char *const keys[] = { "name", "agency", "role", "email", "phone", 0 };
  ParticipantNew in;
  memset(&in, 0, sizeof in);
  if( jin_object(r) || jin_str(r, "name", 1, 500, &in.name) || jin_str(r, "agency", 1, 800, &in.agency)
   || jin_str(r, "role", 0, 40, &in.role) || jin_str(r, "email", 1, 200, &in.email) || jin_str(r, "phone", 0, 40, &in.phone)
   || jin_known(r, keys) ) return OK;
  /* the spaces around: none of it, as the form's fields (" budi@x.id " pasted is the address) */
  const char **all[] = { &in.name, &in.agency, &in.role, &in.email, &in.phone };
  for(size_t i=0; i<COUNT(all); i++) *all[i] = api_trim(r, *all[i]);
  Err e = {0};
  /* a member left out (or blank) said with every other field that is wrong, as the form does */
  if( jin_pending(r) ){ training_participant_check(&in, &e); return jin_answer(r, &e); }
  in.lang = strcmp(source, "portal")==0 ? r->lang : r->cfg->default_lang;   /* invited by staff: the office's default */
  Actor who = api_actor(r);
  if( who.office_id==0 ) who.office_id = office_id;
  Participant p;
  int rc = training_participant_add(r->db, &who, office_id, id, source, &in, req_office_base_url(r, office_id), &p, &r->arena, &e);
  if( rc==ERR_THROTTLED ) req_retry_after(r, PORTAL_SUBMIT_WINDOW_S);
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  participant_json(&b, &p);
  reply_json(r, 201, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/trainings/:id/participants: invite someone (a seat, or the waiting list). */
int api_training_invite(Req *r){
  int64_t id = req_param_id(r, "id"), office;
  if( id==0 || training_office_of(r->db, id, &office)!=OK || office!=r->office_id ) return api_fail(r, ERR_NOTFOUND, 0);
  return add_participant(r, r->office_id, id, "invited");
}

/* GET /api/v1/trainings/:id/sessions/:session/attendance: who was present. */
int api_training_attendance(Req *r){
  if( req_query_only(r, "") ) return OK;
  Training t;
  if( load(r, &t) ) return OK;
  int64_t sid = req_param_id(r, "session");
  int ok = 0;
  for(int i=0; i<t.nsessions; i++) if( t.sessions[i].id==sid ) ok = 1;
  if( !ok ) return api_fail(r, ERR_NOTFOUND, 0);
  int64_t *ids;
  int n;
  training_attendance(r->db, sid, &ids, &n, &r->arena);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++) buf_printf(&b, "%R%lld", i ? "," : "", (long long)ids[i]);
  reply_json(r, 200, "{\"session\":%lld,\"present\":[%R]}", (long long)sid, buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/trainings/:id/sessions/:session/attendance {"participant", "present"}. */
int api_training_attend(Req *r){
  static const char *const keys[] = { "participant", "present", 0 };
  int present = 1;
  if( jin_object(r) || jin_bool(r, "present", &present) ) return OK;
  json_t *v = json_object_get(r->json, "participant");
  if( !json_is_integer(v) ) jin_note(r, "participant", N_("must be the id of a participant"), v && !json_is_null(v));
  if( jin_done(r, keys) ) return OK;
  Actor who = api_actor(r);
  Err e = {0};
  int64_t id = req_param_id(r, "id"), sid = req_param_id(r, "session");
  int rc = id && sid ? training_attend(r->db, &who, id, sid, json_integer_value(v), present, &e) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, &e);
  return api_training_attendance(r);
}

/* POST /api/v1/trainings/:id/sessions/:session/qa {"minutes"}: the Q&A time of a session. */
int api_training_qa(Req *r){
  static const char *const keys[] = { "minutes", 0 };
  if( jin_object(r) ) return OK;
  json_t *v = json_object_get(r->json, "minutes");
  json_int_t m = json_integer_value(v);
  if( !json_is_integer(v) || m<0 || m>600 ) jin_note(r, "minutes", N_("must be a number of minutes from 0 to 600"), v && !json_is_null(v) && !json_is_integer(v));
  if( jin_done(r, keys) ) return OK;
  Actor who = api_actor(r);
  Err e = {0};
  int64_t id = req_param_id(r, "id"), sid = req_param_id(r, "session");
  int rc = id && sid ? training_qa_minutes(r->db, &who, id, sid, (int)m, &e) : ERR_NOTFOUND;
  if( rc==ERR_INVALID && e.field && strcmp(e.field, "qa_minutes")==0 ) e.field = "minutes";
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_training(r, 200, id);
}

/* One question as JSON. */
static void question_json(Buf *b, Req *r, const Question *q){
  buf_printf(b, "{\"id\":%lld,\"session\":%lld,\"session_no\":%d,\"asker_name\":%J,\"asker_agency\":%J,\"question\":%J,\"answer\":%J,"
                "\"status\":%J,\"email\":%J,\"phone\":%J,\"routed_to\":%J,\"faq_url\":%J,\"answered_at\":",
             (long long)q->id, (long long)q->session_id, q->session_no, q->asker_name, q->asker_agency, q->question, *q->answer ? q->answer : NULL,
             q->status, *q->email ? q->email : NULL, *q->phone ? q->phone : NULL, *q->routed_to ? q->routed_to : NULL,
             *q->answer ? arena_printf(&r->arena, "/kb/baru?title=%t&body=%t", q->question, q->answer) : NULL);
  time_json(b, q->answered_at);
  buf_puts(b, ",\"sent_at\":"); time_json(b, q->sent_at);
  buf_putc(b, '}');
}

/* GET /api/v1/trainings/:id/questions: the Q&A log. */
int api_training_questions(Req *r){
  if( req_query_only(r, "") ) return OK;
  Training t;
  if( load(r, &t) ) return OK;
  Question *v;
  int n, rc = training_questions(r->db, t.id, &v, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, ','); question_json(&b, r, &v[i]); }
  reply_json(r, 200, "{\"questions\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* Answer with one question of the training. */
static int reply_question(Req *r, int status, int64_t id, int64_t qid){
  Question *v;
  int n, rc = training_questions(r->db, id, &v, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  for(int i=0; i<n; i++){
    if( v[i].id!=qid ) continue;
    Buf b = BUF_INIT;
    question_json(&b, r, &v[i]);
    reply_json(r, status, "%R", buf_str(&b));
    buf_free(&b);
    return OK;
  }
  return api_fail(r, ERR_NOTFOUND, 0);
}

/* POST /api/v1/trainings/:id/questions: log a question of a session. */
int api_training_question_add(Req *r){
  static const char *const keys[] = { "session", "asker_name", "asker_agency", "question", "answer", "email", "phone", "routed_to", 0 };
  QuestionNew in;
  memset(&in, 0, sizeof in);
  if( jin_object(r) ) return OK;
  jin_str(r, "asker_name", 1, 500, &in.asker_name);
  jin_str(r, "asker_agency", 1, 800, &in.asker_agency);
  jin_str(r, "question", 1, 16000, &in.question);
  jin_str(r, "answer", 0, 32000, &in.answer);
  jin_str(r, "email", 0, 200, &in.email);
  jin_str(r, "phone", 0, 40, &in.phone);
  jin_str(r, "routed_to", 0, 64, &in.routed_to);
  json_t *v = json_object_get(r->json, "session");
  if( !json_is_integer(v) ) jin_note(r, "session", N_("must be the id of a session"), v && !json_is_null(v));
  else in.session_id = json_integer_value(v);
  if( jin_known(r, keys) ) return OK;
  /* the spaces around: none of it, as the page's form takes them */
  const char **all[] = { &in.asker_name, &in.asker_agency, &in.question, &in.answer, &in.email, &in.phone, &in.routed_to };
  for(size_t i=0; i<COUNT(all); i++) *all[i] = api_trim(r, *all[i]);
  if( jin_pending(r) ){ Err e = {0}; char phone[24]; training_question_check(&in, phone, &e); return jin_answer(r, &e); }
  int64_t id = req_param_id(r, "id"), office, qid = 0;
  if( id==0 || training_office_of(r->db, id, &office)!=OK || office!=r->office_id ) return api_fail(r, ERR_NOTFOUND, 0);
  Actor who = api_actor(r);
  Err e = {0};
  int rc = training_question_add(r->db, &who, id, &in, &qid, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_question(r, 201, id, qid);
}

/* POST /api/v1/trainings/:id/questions/:question {"answer", "routed_to"}: answer or route an open question. */
int api_training_question_answer(Req *r){
  static const char *const keys[] = { "answer", "routed_to", 0 };
  const char *answer, *to;
  if( jin_object(r) || jin_str(r, "answer", 0, 32000, &answer) || jin_str(r, "routed_to", 0, 64, &to) || jin_done(r, keys) ) return OK;
  int64_t id = req_param_id(r, "id"), qid = req_param_id(r, "question");
  Actor who = api_actor(r);
  Err e = {0};
  int rc = id && qid ? training_question_answer(r->db, &who, id, qid, answer, to, &e) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_question(r, 200, id, qid);
}

/* POST /api/v1/trainings/:id/questions/send: mail the answers of the open questions (after the training). */
int api_training_questions_send(Req *r){
  if( jin_empty(r) ) return OK;
  int64_t id = req_param_id(r, "id");
  Actor who = api_actor(r);
  Err e = {0};
  int sent = 0;
  int rc = id ? training_questions_send(r->db, &who, id, &sent, &e) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 200, "{\"sent\":%d}", sent);
}

/* POST /api/v1/trainings/:id/finish: the training was held; the report's clock starts. */
int api_training_finish(Req *r){
  if( jin_empty(r) ) return OK;
  int64_t id = req_param_id(r, "id");
  Actor who = api_actor(r);
  Err e = {0};
  int rc = id ? training_finish(r->db, &who, id, &e) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_training(r, 200, id);
}

/* POST /api/v1/trainings/:id/cancel {"reason"}: cancel a training not yet held (its case
** cancelled, the participants told by e-mail). */
int api_training_cancel(Req *r){
  static const char *const keys[] = { "reason", 0 };
  const char *reason = 0;
  if( jin_object(r) || jin_str(r, "reason", 0, 1000, &reason) || jin_done(r, keys) ) return OK;
  int64_t id = req_param_id(r, "id");
  Actor who = api_actor(r);
  Err e = {0};
  int told = 0;
  int rc = id ? training_cancel(r->db, &who, id, reason, &told, &e) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_training(r, 200, id);
}

/* POST /api/v1/trainings/:id/reschedule {sessions, reason}: put the training on other days. */
int api_training_reschedule(Req *r){
  static const char *const keys[] = { "sessions", "reason", 0 };
  const char *reason = 0;
  TrainingSessionIn sv[TRAINING_MAX_SESSIONS];
  int n = 0;
  if( jin_object(r) ) return OK;
  jin_str(r, "reason", 0, 4000, &reason);
  sessions_input(r, sv, &n);
  if( jin_known(r, keys) ) return OK;
  if( jin_pending(r) ){ Err e = {0}; training_move_check(sv, n, reason, r->office_tz, &e); return jin_answer(r, &e); }
  int64_t id = req_param_id(r, "id");
  Actor who = api_actor(r);
  Err e = {0};
  int told = 0;
  int rc = id ? training_reschedule(r->db, &who, r->roles, id, sv, n, reason, &told, &e) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_training(r, 200, id);
}

/* The questionnaire's results as JSON: per item, counts, mean, comments. */
static void results_json(Buf *b, int64_t tid, const TqTemplate *tpl, const TqResult *res, int responses){
  buf_printf(b, "{\"questionnaire\":%lld,\"name\":%J,\"responses\":%d,\"items\":[", (long long)tpl->id, tpl->name, responses);
  for(int i=0; i<tpl->nitems; i++){
    const TqResult *x = &res[i];
    buf_printf(b, "%R{\"id\":%lld,\"no\":%d,\"kind\":%J,\"text\":%J,\"answers\":%d", i ? "," : "", (long long)x->item->id,
               x->item->no, x->item->kind, x->item->text, x->n);
    if( strcmp(x->item->kind, "likert")==0 ){
      /* a mean of no answers is not 0: null until someone answers */
      if( x->n>0 ) buf_printf(b, ",\"mean\":%.2f", x->mean); else buf_puts(b, ",\"mean\":null");
      buf_printf(b, ",\"counts\":[%d,%d,%d,%d,%d]", x->count[1], x->count[2], x->count[3], x->count[4], x->count[5]);
    }else if( strcmp(x->item->kind, "choice")==0 ){
      buf_puts(b, ",\"options\":[");
      for(int k=0; k<x->item->noptions; k++) buf_printf(b, "%R{\"option\":%J,\"count\":%d}", k ? "," : "", x->item->options[k], x->count[k]);
      buf_putc(b, ']');
    }else{
      buf_puts(b, ",\"comments\":[");
      for(int k=0; k<x->ncomments; k++) buf_printf(b, "%R%J", k ? "," : "", x->comments[k]);
      buf_putc(b, ']');
    }
    if( strcmp(x->item->kind, "text") ) buf_printf(b, ",\"chart\":\"/api/v1/trainings/%lld/results/%lld/chart\"", (long long)tid, (long long)x->item->id);
    buf_putc(b, '}');
  }
  buf_puts(b, "]}");
}

/* GET /api/v1/trainings/:id/results: the questionnaire's results. */
int api_training_results(Req *r){
  Training t;
  if( load(r, &t) ) return OK;
  TqTemplate tpl;
  TqResult *res;
  int responses, rc = training_survey_results(r->db, &t, &tpl, &res, &responses, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  results_json(&b, t.id, &tpl, res, responses);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/trainings/:id/results/:item/chart: one item's chart as SVG. */
int api_training_chart(Req *r){
  Training t;
  if( load(r, &t) ) return OK;
  TqTemplate tpl;
  TqResult *res;
  int responses, rc = training_survey_results(r->db, &t, &tpl, &res, &responses, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  int64_t item = req_param_id(r, "item");
  for(int i=0; i<tpl.nitems; i++){
    if( tpl.items[i].id!=item || strcmp(tpl.items[i].kind, "text")==0 ) continue;
    buf_reset(&r->out);
    training_chart_svg(&r->out, &res[i], r->lang);
    r->status = 200;
    r->ctype = "image/svg+xml";
    return OK;
  }
  return api_fail(r, ERR_NOTFOUND, 0);
}

/* GET /api/v1/trainings/:id/qr: the QR code of the questionnaire's link, as SVG. */
int api_training_qr(Req *r){
  Training t;
  if( load(r, &t) ) return OK;
  if( strcmp(t.status, "plan")==0 ){   /* its link answers 404 until the plan is approved: no code to print yet */
    Err e = {0};
    ERR_SET(&e, "status", N_("The participants' link and its QR code come once the plan is approved"));
    return api_fail(r, ERR_CONFLICT, &e);
  }
  const char *link = arena_printf(&r->arena, "%s/portal/pelatihan/%lld/kuesioner", req_base_url(r), (long long)t.id);
  buf_reset(&r->out);
  if( training_qr_svg(&r->out, link, 8)!=OK ) return api_fail(r, ERR_INVALID, 0);
  r->status = 200;
  r->ctype = "image/svg+xml";
  return OK;
}

/* POST /api/v1/trainings/:id/report {"notes"}: the report written, step 4 timed. */
int api_training_report_submit(Req *r){
  static const char *const keys[] = { "notes", 0 };
  const char *notes;
  if( jin_object(r) || jin_str(r, "notes", 0, 32000, &notes) || jin_done(r, keys) ) return OK;
  int64_t id = req_param_id(r, "id");
  Actor who = api_actor(r);
  Err e = {0};
  int rc = id ? training_report_submit(r->db, &who, id, notes, &e) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, &e);
  return api_training_report(r);
}

/* GET /api/v1/trainings/:id/report: the report form as filled from the records. */
int api_training_report(Req *r){
  int64_t id = req_param_id(r, "id");
  TrainingReport rep;
  int rc = id ? training_report_data(r->db, r->office_id, id, &rep, &r->arena) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  buf_puts(&b, "{\"training\":");
  training_json(r, &b, rep.t);
  buf_printf(&b, ",\"notes\":%J,\"participants\":[", rep.t->report_notes);
  for(int i=0; i<rep.npeople; i++){ if( i ) buf_putc(&b, ','); participant_json(&b, &rep.people[i]); }
  buf_puts(&b, "],\"questions\":[");
  for(int i=0; i<rep.nquestions; i++){ if( i ) buf_putc(&b, ','); question_json(&b, r, &rep.questions[i]); }
  buf_puts(&b, "],\"results\":");
  results_json(&b, rep.t->id, &rep.tpl, rep.results, rep.responses);
  buf_putc(&b, '}');
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/trainings/:id/report.pdf and report.xlsx: the report as files. */
static int report_file(Req *r, int pdf){
  int64_t id = req_param_id(r, "id");
  TrainingReport rep;
  int rc = id ? training_report_data(r->db, r->office_id, id, &rep, &r->arena) : ERR_NOTFOUND;
  if( rc!=OK ) return api_fail(r, rc, 0);
  rep.lang = r->lang;
  buf_reset(&r->out);
  rc = pdf ? training_report_pdf(&rep, &r->out) : training_report_xlsx(&rep, &r->out);
  if( rc!=OK ){ buf_reset(&r->out); return api_fail(r, ERR_IO, 0); }
  const char *name = arena_printf(&r->arena, "laporan-training-%s.%s", rep.t->number, pdf ? "pdf" : "xlsx");
  return reply_download(r, 200, pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
}
/* GET /api/v1/trainings/:id/report.pdf. */
int api_training_report_pdf(Req *r){ return report_file(r, 1); }
/* GET /api/v1/trainings/:id/report.xlsx. */
int api_training_report_xlsx(Req *r){ return report_file(r, 0); }

/* A template as JSON. */
static void template_json(Buf *b, const TqTemplate *t){
  buf_printf(b, "{\"id\":%lld,\"name\":%J,\"standard\":%R,\"items\":[", (long long)t->id, t->name, t->standard ? "true" : "false");
  for(int i=0; i<t->nitems; i++){
    const TqItem *it = &t->items[i];
    buf_printf(b, "%R{\"id\":%lld,\"no\":%d,\"kind\":%J,\"text\":%J", i ? "," : "", (long long)it->id, it->no, it->kind, it->text);
    if( strcmp(it->kind, "choice")==0 ){
      buf_puts(b, ",\"options\":[");
      for(int k=0; k<it->noptions; k++) buf_printf(b, "%R%J", k ? "," : "", it->options[k]);
      buf_putc(b, ']');
    }
    buf_putc(b, '}');
  }
  buf_puts(b, "]}");
}

/* GET /api/v1/questionnaires: the office's questionnaire templates (the standard one first: offices are born with it). */
int api_questionnaires(Req *r){
  if( req_query_only(r, "") ) return OK;
  TqTemplate *v = 0;
  int n = 0;
  int rc = tq_template_list(r->db, r->office_id, &v, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, ','); template_json(&b, &v[i]); }
  reply_json(r, 200, "{\"questionnaires\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* The items member of the body into v (at most TRAINING_MAX_ITEMS), *n of them; noted (items,
** items.options) when it is not a list of {kind, text, options}: kinds, texts and options are the
** template's check's. */
static void items_input(Req *r, TqItemNew *v, int *n){
  static const char *const shape = N_("must be a list of items with kind, text and options");
  json_t *a = json_object_get(r->json, "items");
  *n = 0;
  if( a && !json_is_null(a) && !json_is_array(a) ){ jin_note(r, "items", N_("must give 1 to 30 items"), 1); return; }
  if( json_array_size(a)==0 || json_array_size(a)>TRAINING_MAX_ITEMS ){ jin_note(r, "items", N_("must give 1 to 30 items"), 0); return; }
  for(size_t i=0; i<json_array_size(a); i++){
    json_t *s = json_array_get(a, i), *opts = 0;
    const char *kind = 0, *text = 0;
    json_error_t je;
    if( !json_is_object(s) || json_unpack_ex(s, &je, JSON_STRICT, "{s:s,s:s,s?o}", "kind", &kind, "text", &text, "options", &opts) ){
      jin_note(r, "items", shape, 1);
      *n = 0;
      return;
    }
    const char **o = 0;
    int no = 0;
    if( opts ){
      if( !json_is_array(opts) || json_array_size(opts)>12 ){ jin_note(r, "items.options", N_("must give 2 to 12 options"), !json_is_array(opts)); *n = 0; return; }
      o = arena_alloc(&r->arena, sizeof(char*) * (json_array_size(opts)+1));
      for(size_t k=0; k<json_array_size(opts); k++){
        if( !json_is_string(json_array_get(opts, k)) ){ jin_note(r, "items.options", N_("must be lines of text"), 1); *n = 0; return; }
        o[no++] = json_string_value(json_array_get(opts, k));
      }
    }
    v[(*n)++] = (TqItemNew){ kind, text, o, no };
  }
}

/* POST /api/v1/questionnaires {"name", "items":[{"kind","text","options"}]}: a new template. */
int api_questionnaire_create(Req *r){
  static const char *const keys[] = { "name", "items", 0 };
  const char *name;
  TqItemNew items[TRAINING_MAX_ITEMS];
  int n = 0;
  if( jin_object(r) ) return OK;
  jin_str(r, "name", 1, 800, &name);
  items_input(r, items, &n);
  if( jin_known(r, keys) ) return OK;
  if( jin_pending(r) ){ Err e = {0}; tq_template_check(name, items, n, &e); return jin_answer(r, &e); }
  Actor who = api_actor(r);
  Err e = {0};
  int64_t id;
  if( tq_template_default(r->db, &who, r->office_id, &id)!=OK ) return api_fail(r, ERR_DB, 0);   /* the standard one comes first */
  int rc = tq_template_create(r->db, &who, name, items, n, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  TqTemplate t;
  tq_template_get(r->db, r->office_id, id, &t, &r->arena);
  Buf b = BUF_INIT;
  template_json(&b, &t);
  reply_json(r, 201, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* ---- the public side ---- */

/* GET /api/v1/portal/trainings?office=CODE: the trainings open for registration (the first office by default). */
int api_portal_trainings(Req *r){
  if( req_query_only(r, "office") ) return OK;
  const char *code = req_query(r, "office");
  Office o;
  int rc = code && *code ? office_by_code(r->db, code, &o) : office_first(r->db, &o);
  if( rc!=OK ) return reply_error(r, 404, "not_found", "office", "Not found");
  TrainingRow *rows;
  int n;
  rc = training_list_open(r->db, o.id, time_now(), &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    buf_printf(&b, "%R{\"id\":%lld,\"title\":%J,\"venue\":%J,\"audience\":", i ? "," : "", (long long)rows[i].id, rows[i].title, rows[i].venue);
    jlines(&b, rows[i].audience);
    buf_printf(&b, ",\"capacity\":%d,\"seats_left\":%d,\"starts_at\":", rows[i].capacity,
               rows[i].capacity>rows[i].seats ? rows[i].capacity-rows[i].seats : 0);
    time_json(&b, rows[i].starts_at);
    buf_puts(&b, ",\"ends_at\":"); time_json(&b, rows[i].ends_at);
    buf_putc(&b, '}');
  }
  reply_json(r, 200, "{\"office\":%J,\"trainings\":[%R]}", o.code, buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/portal/trainings/:id/register: register on the portal (a seat, or the waiting list). */
int api_portal_register(Req *r){
  int64_t id = req_param_id(r, "id"), office;
  Training t;
  if( id==0 || training_portal_office(r->db, id, req_query(r, "office"), &office)!=OK || training_get(r->db, office, id, &t, &r->arena)!=OK ) return api_fail(r, ERR_NOTFOUND, 0);
  /* a plan not approved, or one kept off the portal, is the staff's: not there, as its form's page says (404) */
  if( strcmp(t.status, "plan")==0 || !t.portal ) return api_fail(r, ERR_NOTFOUND, 0);
  return add_participant(r, office, id, "portal");
}

/* POST /api/v1/portal/confirm {"token", "answer": "confirmed"|"declined"}: the e-mailed link's answer. */
int api_portal_confirm(Req *r){
  static const char *const keys[] = { "token", "answer", 0 };
  const char *token, *answer;
  if( jin_object(r) || jin_str(r, "token", 1, 128, &token) || jin_str(r, "answer", 1, 16, &answer) || jin_done(r, keys) ) return OK;
  Err e = {0};
  int rc = training_rsvp(r->db, token, answer, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 200, "{\"rsvp\":%J}", answer);
}

/* GET /api/v1/portal/trainings/:id/questionnaire: the questions participants answer. */
int api_portal_questionnaire(Req *r){
  int64_t id = req_param_id(r, "id"), office;
  Training t;
  if( id==0 || training_portal_office(r->db, id, req_query(r, "office"), &office)!=OK || training_get(r->db, office, id, &t, &r->arena)!=OK ) return api_fail(r, ERR_NOTFOUND, 0);
  if( strcmp(t.status, "plan")==0 ) return api_fail(r, ERR_NOTFOUND, 0);   /* a plan not approved is the staff's, not public */
  TqTemplate tpl;
  if( tq_template_get(r->db, office, t.template_id, &tpl, &r->arena)!=OK ) return api_fail(r, ERR_NOTFOUND, 0);
  int64_t now = time_now();
  Buf b = BUF_INIT;
  template_json(&b, &tpl);
  reply_json(r, 200, "{\"training\":%J,\"open\":%R,\"questionnaire\":%R}", t.title,
             now>=t.survey_opens_at && now<=t.survey_closes_at ? "true" : "false", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/portal/trainings/:id/questionnaire/link {"email"}: the participant with that address
** is mailed the personal link; the same 202 whether or not there is one. */
int api_portal_survey_link(Req *r){
  static const char *const keys[] = { "email", 0 };
  const char *email;
  if( jin_object(r) || jin_str(r, "email", 1, 200, &email) || jin_done(r, keys) ) return OK;
  int64_t id = req_param_id(r, "id"), office;
  Training t;
  if( id==0 || training_portal_office(r->db, id, req_query(r, "office"), &office)!=OK || training_get(r->db, office, id, &t, &r->arena)!=OK ) return api_fail(r, ERR_NOTFOUND, 0);
  if( strcmp(t.status, "plan")==0 ) return api_fail(r, ERR_NOTFOUND, 0);   /* as its page, /portal/pelatihan/ID/kuesioner */
  Err e = {0};
  int wait = 0;
  int rc = training_survey_link(r->db, office, id, email, req_base_url(r), r->ip, &wait, &e);
  if( rc==ERR_THROTTLED ) req_retry_after(r, wait);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 202, "{\"requested\":true}");
}

/* POST /api/v1/portal/trainings/:id/questionnaire {"token", "answers":[{"item","value"|"text"}]}: once
** each, by the personal link's token ("email" alone names no one: 400 on token). */
int api_portal_answer(Req *r){
  static const char *const keys[] = { "email", "token", "answers", 0 };
  const char *email, *token;
  static const char *const shape = N_("must be a list of answers with item and value or text");
  if( jin_object(r) || jin_str(r, "email", 0, 200, &email) || jin_str(r, "token", 0, 128, &token) ) return OK;
  (void)email;   /* still taken (clients of before), but the link's token names the participant */
  json_t *v = json_object_get(r->json, "answers");
  TqAnswerIn ans[TRAINING_MAX_ITEMS];
  int n = 0;
  if( !json_is_array(v) || json_array_size(v)>TRAINING_MAX_ITEMS ) jin_note(r, "answers", shape, v && !json_is_null(v) && !json_is_array(v));
  else for(size_t i=0; i<json_array_size(v); i++){
    json_t *s = json_array_get(v, i);
    json_int_t item = 0, value = -1;
    const char *text = 0;
    json_error_t je;
    if( !json_is_object(s) || json_unpack_ex(s, &je, JSON_STRICT, "{s:I,s?I,s?s}", "item", &item, "value", &value, "text", &text) ){
      jin_note(r, "answers", shape, 1);
      break;
    }
    ans[n++] = (TqAnswerIn){ item, value<-1 || value>100 ? -1 : (int)value, text };
  }
  if( jin_done(r, keys) ) return OK;
  int64_t id = req_param_id(r, "id"), office, pid;
  if( id==0 || training_portal_office(r->db, id, req_query(r, "office"), &office)!=OK ) return api_fail(r, ERR_NOTFOUND, 0);
  Err e = {0};
  int rc = training_survey_who(r->db, office, id, token, &pid, &e);
  if( rc==OK ) rc = training_survey_submit(r->db, office, id, pid, ans, n, &e, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 201, "{\"ok\":true}");
}
