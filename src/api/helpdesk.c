/*
** helpdesk.c — the help desk through the API: the phone desk (stamp, pick-up, the
** consultation form, the recap), caller lookup, counter and e-mail cases, hand-overs,
** the bidding room, .rhs bid files (streamed uploads), escalation to LKPP. Input is
** checked strictly here; the services in desk/ check the values and write.
*/
#include "api.h"
#include "../desk/helpdesk.h"
#include "../report/statement.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A list of whole numbers (ids). */
static int hd_ids(Req *r, const char *key, int64_t **out, int *n){
  json_t *v = json_object_get(r->json, key);
  *out = 0;
  *n = 0;
  if( v==0 || json_is_null(v) ) return OK;
  if( !json_is_array(v) || json_array_size(v)>20 ){ jin_note(r, key, N_("must be a list of at most 20 ids"), 1); return OK; }
  *out = arena_alloc(&r->arena, sizeof(int64_t)*(json_array_size(v)+1));
  size_t i;
  json_t *x;
  json_array_foreach(v, i, x){
    if( !json_is_integer(x) || json_integer_value(x)<1 ){ jin_note(r, key, N_("must be a list of at most 20 ids"), 1); *n = 0; return OK; }
    (*out)[(*n)++] = json_integer_value(x);
  }
  return OK;
}

/* The case named by ":number" in the path, of the caller's office; else answers 404 naming number
** (also on a path with a second parameter, where a bare 404 would name neither). */
static Case *hd_case(Req *r){
  Case *c = 0;
  int rc = case_get(r->db, r->office_id, req_param(r, "number"), &c);
  if( rc==ERR_NOTFOUND ){ reply_error(r, 404, "not_found", "number", "Not found"); return 0; }
  if( rc!=OK ){ api_fail(r, rc, 0); return 0; }
  return c;
}

/* ---- the phone desk ---- */

/* A call as JSON. */
static void hd_call_json(Buf *b, const PhoneCall *c){
  buf_printf(b, "{\"id\":%lld,\"status\":%J,\"handled_by\":%J,\"arrived_at\":", (long long)c->id, c->status, c->handled_by);
  time_json(b, c->arrived_at);
  buf_puts(b, ",\"answered_at\":");
  time_json(b, c->answered_at);
  buf_puts(b, ",\"ended_at\":");
  time_json(b, c->ended_at);
  if( c->answered_at ) buf_printf(b, ",\"answer_seconds\":%lld", (long long)(c->answered_at - c->arrived_at));
  else buf_puts(b, ",\"answer_seconds\":null");
  buf_printf(b, ",\"caller\":{\"name\":%J,\"org\":%J},\"question\":%J,\"answer\":%J,\"case\":%J,\"ticket\":%J,"
                "\"consultation_form\":%J}",
             c->caller_name[0] ? c->caller_name : 0, c->caller_org[0] ? c->caller_org : 0,
             c->question[0] ? c->question : 0, c->answer[0] ? c->answer : 0, c->case_number[0] ? c->case_number : 0,
             c->ticket_number[0] ? c->ticket_number : 0, c->consultation_number[0] ? c->consultation_number : 0);
}

/* GET /api/v1/phone/stamp: the arrival stamp of a call form opened now. */
int api_phone_stamp(Req *r){
  char stamp[PHONE_STAMP_MAX], iso[32];
  int64_t now = time_now();
  phone_stamp(stamp, r->office_id, r->user_id, now);
  time_fmt_iso(iso, sizeof iso, now);
  return reply_json(r, 200, "{\"stamp\":%J,\"arrived_at\":%J}", stamp, iso);
}

/* POST /api/v1/phone/calls {"stamp","missed"}: the call is picked up (or was missed). */
int api_phone_answer(Req *r){
  static const char *const keys[] = { "stamp", "missed", 0 };
  const char *stamp;
  int missed = 0;
  if( jin_object(r) || jin_str(r, "stamp", 1, PHONE_STAMP_MAX, &stamp) || jin_bool(r, "missed", &missed)
   || jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  PhoneCall c;
  int rc = phone_answer(r->db, &a, r->user_id, stamp, missed, &c, &r->arena, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  hd_call_json(&b, &c);
  reply_json(r, 201, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* The call id of the path; 0 (answered 404) when not a number. */
static int64_t hd_id(Req *r){
  int64_t v = req_param_id(r, "id");
  if( v==0 ) reply_error(r, 404, "not_found", "id", "Not found");
  return v;
}

/* GET /api/v1/phone/calls/:id */
int api_phone_call(Req *r){
  int64_t id = hd_id(r);
  if( id==0 ) return OK;
  PhoneCall c;
  int rc = phone_get(r->db, r->office_id, id, &c, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  hd_call_json(&b, &c);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/phone/calls/:id/finish: the consultation form; the answer or a ticket. */
int api_phone_finish(Req *r){
  static const char *const keys[] = { "requester", "subject", "question", "answer", "urgency", "impact", "archive_location", 0 };
  int64_t id = hd_id(r);
  if( id==0 ) return OK;
  PhoneForm f;
  memset(&f, 0, sizeof f);
  if( jin_object(r) || api_requester(r, 1, &f.caller) || jin_str(r, "subject", 0, 800, &f.subject)
   || jin_str(r, "question", 1, 8000, &f.question) || jin_str(r, "answer", 0, 16000, &f.answer)
   || jin_str(r, "urgency", 0, 32, &f.urgency) || jin_str(r, "impact", 0, 32, &f.impact)
   || jin_str(r, "archive_location", 0, 800, &f.archive_location) || jin_known(r, keys) ) return OK;
  Err e = {0};
  if( jin_pending(r) ){ phone_check(&f, &e); return jin_answer(r, &e); }
  Actor a = api_actor(r);
  PhoneCall c;
  int rc = phone_finish(r->db, &a, r->office_tz, id, &f, &c, &r->arena, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  hd_call_json(&b, &c);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/phone/calls?from=&to=: the calls of a period (default: today). */
int api_phone_calls(Req *r){
  if( req_query_only(r, "from to") ) return OK;
  int64_t from, to;
  if( req_query_time(r, "from", 0, &from) || req_query_time(r, "to", 1, &to) ) return OK;
  /* swapped days would answer an empty list, as if no one had called: named, as for the reports */
  if( from && to && to<=from ) return reply_invalid(r, "to", N_("must be later than from"));
  if( from==0 ){
    char today[11];
    register_today(today, time_now(), r->office_tz);
    time_parse_day(today, r->office_tz, &from);
  }
  if( to==0 ) to = from + 86400;
  PhoneCall *rows;
  int n;
  int rc = phone_list(r->db, r->office_id, from, to, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, ','); hd_call_json(&b, &rows[i]); }
  reply_json(r, 200, "{\"calls\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* One day of the recap as JSON. */
static void hd_day_json(Buf *b, const char *key, const PhoneDay *d){
  buf_printf(b, "{\"%R\":%J,\"calls\":%d,\"missed\":%d,\"answered\":%d,\"answered_in_standard\":%d,\"solved\":%d,"
                "\"ticket\":%d,\"answer_seconds_avg\":", key, d->day, d->calls, d->missed, d->answered,
             d->answered_in_standard, d->solved, d->ticket);
  if( d->answered ) buf_printf(b, "%lld}", (long long)(d->answer_s_total / d->answered));
  else buf_puts(b, "null}");
}

/* GET /api/v1/phone/recap?month=YYYY-MM: the recap of phone cases per day (default: this month). */
int api_phone_recap(Req *r){
  if( req_query_only(r, "month") ) return OK;
  const char *month = req_query(r, "month");
  char cur[11];
  if( month==0 || *month==0 ){
    register_today(cur, time_now(), r->office_tz);
    cur[7] = 0;
    month = cur;
  }
  PhoneDay *days, total;
  int n;
  Err e = {0};
  int rc = phone_recap(r->db, r->office_id, r->office_tz, month, &days, &n, &total, &r->arena, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"month\":%J,\"days\":[", month);
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, ','); hd_day_json(&b, "day", &days[i]); }
  buf_puts(&b, "],\"total\":");
  hd_day_json(&b, "month", &total);
  buf_putc(&b, '}');
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/parties?q=: callers by name, NIP, NPWP, e-mail or phone, with their earlier cases. */
int api_parties(Req *r){
  if( req_query_only(r, "q") ) return OK;
  const char *q = req_query(r, "q");
  if( util_utf8_len(q)>200 ) return reply_invalid_n(r, "q", N_("is too long: at most %d characters"), 200);
  Party *rows;
  int n;
  PartyFilter pf = { .office_id = r->office_id, .q = q, .limit = 20 };
  int rc = party_search(r->db, &pf, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    const Party *p = &rows[i];
    const char *const *v = p->v;
    buf_printf(&b, "%R{\"id\":%lld,\"kind\":%J,\"name\":%J,\"nip\":%J,\"nik\":%J,\"npwp\":%J,\"email\":%J,\"phone\":%J,\"cases\":[",
               i ? "," : "", (long long)p->id, v[PF_KIND], v[PF_NAME], v[PF_NIP][0] ? v[PF_NIP] : 0, v[PF_NIK][0] ? v[PF_NIK] : 0,
               v[PF_NPWP][0] ? v[PF_NPWP] : 0, v[PF_EMAIL][0] ? v[PF_EMAIL] : 0, v[PF_PHONE][0] ? v[PF_PHONE] : 0);
    PartyCase *cs;
    int nc;
    if( party_cases(r->db, r->office_id, p->id, 10, &cs, &nc, &r->arena)==OK ){
      for(int k=0; k<nc; k++){
        buf_printf(&b, "%R{\"number\":%J,\"sop\":%J,\"subject\":%J,\"status\":%J,\"channel\":%J,\"opened_at\":",
                   k ? "," : "", cs[k].number, cs[k].sop, cs[k].subject, cs[k].status, cs[k].channel);
        time_json(&b, cs[k].opened_at);
        buf_putc(&b, '}');
      }
    }
    buf_puts(&b, "]}");
  }
  reply_json(r, 200, "{\"parties\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* ---- counter and e-mail ---- */

/* e with its field named as the request's own member (email, npwp …), not as the opened case's
** requester.* the service checked it under. */
static const Err *own_fields(Err *e){
  helpdesk_own_fields(e);
  return e;
}

/* POST /api/v1/helpdesk/walk-in {"guest_id","subject","email"}: a walk-in's case from the guest book. */
int api_helpdesk_walk_in(Req *r){
  static const char *const keys[] = { "guest_id", "subject", "email", 0 };
  int64_t guest = 0;
  const char *subject = 0, *email = 0;
  if( jin_object(r) || jin_int(r, "guest_id", 1, INT64_MAX, &guest) || jin_str(r, "subject", 0, 800, &subject)
   || jin_str(r, "email", 0, 254, &email) || jin_done(r, keys) ) return OK;
  if( guest==0 ) return reply_invalid(r, "guest_id", "is required");
  subject = api_trim(r, subject);   /* the spaces around: none of it */
  email = api_trim(r, email);
  Actor a = api_actor(r);
  Err e = {0};
  Case *c;
  int rc = helpdesk_walk_in(r->db, &a, guest, subject, email, &c, &e);
  if( rc!=OK ) return api_fail(r, rc, own_fields(&e));
  return api_reply_case(r, 201, c);
}

/* POST /api/v1/helpdesk/email: JSON {"text","from_email","from_name","subject"}, or a form with
** the message file ("message", .eml) and the same fields. */
int api_helpdesk_email(Req *r){
  static const char *const keys[] = { "text", "from_email", "from_name", "subject", 0 };
  HelpdeskMail m;
  memset(&m, 0, sizeof m);
  m.limit = r->cfg->attachment_limit;
  const char *ct = req_header(r, "Content-Type");
  int multipart = ct && strncmp(ct, "multipart/", 10)==0;
  if( multipart ){
    static const char *const parts[] = { "text", "message", "from_email", "from_name", "subject", 0 };
    if( api_form_only(r, parts) ) return OK;
    const Field *f = req_form_field(r, "message");
    if( f && f->len ){ m.eml = f->value; m.eml_len = f->len; m.eml_name = f->filename; }
    m.text = req_form(r, "text");
    m.from_email = req_form(r, "from_email");
    m.from_name = req_form(r, "from_name");
    m.subject = req_form(r, "subject");
  }else if( jin_object(r) || jin_str(r, "text", 0, 1<<20, &m.text) || jin_str(r, "from_email", 0, 254, &m.from_email)
         || jin_str(r, "from_name", 0, 480, &m.from_name) || jin_str(r, "subject", 0, 800, &m.subject)
         || jin_done(r, keys) ) return OK;
  m.from_email = api_trim(r, m.from_email);   /* the spaces around: none of it */
  m.from_name = api_trim(r, m.from_name);
  m.subject = api_trim(r, m.subject);
  Actor a = api_actor(r);
  Err e = {0};
  Case *c;
  int rc = helpdesk_email(r->db, &a, &m, &c, &e);
  if( rc!=OK ){
    /* a form's message file by its name (the sender's fields are named by helpdesk_email) */
    if( multipart && util_str_eq(e.field, "text") && m.eml==0 && util_blank(m.text) ) e.field = "message";
    return api_fail(r, rc, &e);
  }
  return api_reply_case(r, 201, c);
}

/* A hand-over as JSON. */
static void hd_handover_json(Buf *b, const Handover *h){
  buf_printf(b, "{\"id\":%lld,\"party_kind\":%J,\"party_name\":%J,\"disposition_id\":%lld,\"due_at\":",
             (long long)h->id, h->party_kind, h->party_name, (long long)h->disposition_id);
  time_json(b, h->due_at);
  buf_printf(b, ",\"answer\":%J,\"answered_by\":%J,\"answered_at\":", h->answer && *h->answer ? h->answer : 0,
             h->answered_by && *h->answered_by ? h->answered_by : 0);
  time_json(b, h->answered_at);
  buf_printf(b, ",\"created_by\":%J}", h->created_by);
}

/* POST /api/v1/cases/:number/handovers {"party_kind","party_name","instruction","due_at"|"due_days"} */
int api_handover(Req *r){
  static const char *const keys[] = { "party_kind", "party_name", "instruction", "due_at", "due_days", 0 };
  const char *kind, *name, *instr = 0, *due = 0;
  int64_t days = 0, due_at = 0;
  if( jin_object(r) || jin_str(r, "party_kind", 1, 16, &kind) || jin_str(r, "party_name", 1, 800, &name)
   || jin_str(r, "instruction", 0, 3200, &instr) || jin_str(r, "due_at", 0, 40, &due)
   || jin_int(r, "due_days", 1, 60, &days) || jin_known(r, keys) ) return OK;
  if( due && *due && days && !jin_pending(r) ) return reply_invalid(r, "due_days", N_("cannot be given with due_at: give one of them"));
  /* a value missing, too long or out of range, or a due time not written as one, is said with what
  ** the hand-over's own check finds: every field at once */
  Err all = {0};
  if( due && time_parse_iso(due, &due_at)!=OK ){ err_add(&all, "due_at", N_("must be a time (ISO 8601)")); due_at = -1; }
  if( jin_pending(r) || all.msg ){
    helpdesk_handover_check(kind, name, instr, due_at, (int)days, &all);
    return jin_pending(r) ? jin_answer(r, &all) : api_fail(r, ERR_INVALID, &all);
  }
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  Handover h;
  int rc = helpdesk_handover(r->db, &a, r->office_tz, c, kind, name, instr, due_at, (int)days, &h, &r->arena, &e);
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  hd_handover_json(&b, &h);
  reply_json(r, 201, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/cases/:number/handovers */
int api_handovers(Req *r){
  if( req_query_only(r, "") ) return OK;
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Handover *rows;
  int n;
  int rc = helpdesk_handovers(r->db, c, &rows, &n, &r->arena);
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, ','); hd_handover_json(&b, &rows[i]); }
  reply_json(r, 200, "{\"handovers\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/cases/:number/handovers/:id/answer {"answer"} */
int api_handover_answer(Req *r){
  static const char *const keys[] = { "answer", 0 };
  const char *answer;
  int64_t id = hd_id(r);
  if( id==0 ) return OK;
  if( jin_object(r) || jin_str(r, "answer", 1, 16000, &answer) || jin_done(r, keys) ) return OK;
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = helpdesk_handover_answer(r->db, &a, r->office_tz, c, id, answer, &e);
  if( rc!=OK ){ case_free(c); return api_fail(r, rc, &e); }
  case_free(c);
  c = hd_case(r);
  if( c==0 ) return OK;
  return api_reply_case(r, 200, c);
}

/* ---- the bidding room ---- */

/* A visit as JSON (the room's clock: minutes in the room), its step's text in the answer's language. */
static void hd_visit_json(Req *r, Buf *b, const BiddingVisit *v){
  int64_t until = v->left_at ? v->left_at : time_now();
  buf_printf(b, "{\"case\":%J,\"provider\":%J,\"organisation\":%J,\"trainer\":%J,\"status\":%J,\"current_step\":%d,"
                "\"step\":%J,\"minutes_in\":%lld,\"arrived_at\":",
             v->case_number, v->provider, v->organisation[0] ? v->organisation : 0, v->trainer[0] ? v->trainer : 0,
             v->status, v->current_step, util_str_eq(r->lang, "en") && v->step_title_en ? v->step_title_en : v->step_title,
             (long long)((until - v->arrived_at)/60));
  time_json(b, v->arrived_at);
  buf_puts(b, ",\"trainer_at\":");
  time_json(b, v->trainer_at);
  buf_puts(b, ",\"left_at\":");
  time_json(b, v->left_at);
  buf_putc(b, '}');
}

/* Answer a desk's details of a case, written in B after {"KEY": (the case's own JSON follows
** as "case"), and free the case. */
static int hd_reply_with(Req *r, int status, Case *c, Buf *b){
  buf_puts(b, ",\"case\":");
  case_json(b, c, r->lang);
  buf_putc(b, '}');
  reply_json(r, status, "%R", buf_str(b));
  buf_free(b);
  case_free(c);
  return OK;
}

/* Answer the visit of a case with the case. */
static int hd_reply_visit(Req *r, int status, Case *c){
  BiddingVisit v;
  int rc = bidding_get(r->db, c, &v, &r->arena);
  if( rc!=OK ){ case_free(c); return api_fail(r, rc, 0); }
  Buf b = BUF_INIT;
  buf_puts(&b, "{\"visit\":");
  hd_visit_json(r, &b, &v);
  return hd_reply_with(r, status, c, &b);
}

/* POST /api/v1/bidding-room {"name","organisation","phone","email","npwp"}: a provider reports in. */
int api_bidding_open(Req *r){
  static const char *const keys[] = { "name", "organisation", "phone", "email", "npwp", 0 };
  BiddingNew in;
  memset(&in, 0, sizeof in);
  if( jin_object(r) || jin_str(r, "name", 1, 480, &in.name) || jin_str(r, "organisation", 0, 800, &in.organisation)
   || jin_str(r, "phone", 0, 40, &in.phone) || jin_str(r, "email", 0, 254, &in.email) || jin_str(r, "npwp", 0, 40, &in.npwp)
   || jin_known(r, keys) ) return OK;
  const char **all[] = { &in.name, &in.organisation, &in.phone, &in.email, &in.npwp };   /* the spaces around: none of it */
  for(size_t i=0; i<COUNT(all); i++) *all[i] = api_trim(r, *all[i]);
  Err e = {0};
  /* a value missing or too long is said with what the report-in's own check finds: every field at once */
  if( jin_pending(r) ){ bidding_open_check(&in, &e); return jin_answer(r, &e); }
  Actor a = api_actor(r);
  Case *c;
  int rc = bidding_open(r->db, &a, r->office_tz, &in, &c, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return hd_reply_visit(r, 201, c);
}

/* GET /api/v1/bidding-room: who is in the room now. */
int api_bidding_board(Req *r){
  if( req_query_only(r, "") ) return OK;
  BiddingVisit *rows;
  int n;
  int rc = bidding_board(r->db, r->office_id, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, ','); hd_visit_json(r, &b, &rows[i]); }
  reply_json(r, 200, "{\"in_room\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/bidding-room/:number/trainer {"trainer"} */
int api_bidding_trainer(Req *r){
  static const char *const keys[] = { "trainer", 0 };
  const char *trainer;
  if( jin_object(r) || jin_str(r, "trainer", 1, 64, &trainer) || jin_done(r, keys) ) return OK;
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = bidding_trainer(r->db, &a, c, trainer, r->lang, &r->arena, &e);
  if( rc!=OK ){ case_free(c); return api_fail(r, rc, &e); }
  return hd_reply_visit(r, 200, c);
}

/* POST /api/v1/bidding-room/:number/steps/:no {"outcome","note"} */
int api_bidding_step(Req *r){
  static const char *const keys[] = { "outcome", "note", 0 };
  const char *outcome = 0, *note = 0;
  const char *z = req_param(r, "no");
  char *end;
  long no = z ? strtol(z, &end, 10) : 0;
  if( z==0 || *z==0 || *end || no<1 || no>999 ) return reply_error(r, 404, "not_found", "no", "No such step");
  if( r->body.n && (jin_object(r) || jin_str(r, "outcome", 0, 16, &outcome) || jin_str(r, "note", 0, 8000, &note)
   || jin_done(r, keys)) ) return OK;
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = bidding_step(r->db, &a, r->roles, c, (int)no, outcome, note, &e);
  if( rc!=OK ){ case_free(c); return api_fail(r, rc, &e); }
  case_free(c);
  c = hd_case(r);
  if( c==0 ) return OK;
  return hd_reply_visit(r, 200, c);
}

/* ---- .rhs bid files ---- */

/* The .rhs details of a case as JSON, with the checklist of known causes. */
static void hd_rhs_json(Req *r, Buf *b, const RhsInfo *x){
  buf_printf(b, "{\"tender_code\":%J,\"provider\":%J,\"lpse_test\":", x->tender_code, x->provider);
  if( x->lpse_opened<0 ) buf_puts(b, "null");
  else{
    buf_printf(b, "{\"opened\":%R,\"causes\":[", x->lpse_opened ? "true" : "false");
    const char *p = x->lpse_causes;
    for(int k=0; *p; k++){
      size_t n = strcspn(p, " ");
      buf_printf(b, "%R\"%j\"", k ? "," : "", arena_strndup(&r->arena, p, n));
      p += n;
      while( *p==' ' ) p++;
    }
    buf_printf(b, "],\"note\":%J,\"by\":%J,\"at\":", x->lpse_note[0] ? x->lpse_note : 0, x->lpse_by);
    time_json(b, x->lpse_at);
    buf_putc(b, '}');
  }
  buf_puts(b, ",\"requested_at\":");
  time_json(b, x->request_at);
  buf_puts(b, ",\"lkpp_result\":");
  if( x->lkpp_opened<0 ) buf_puts(b, "null");
  else{
    buf_printf(b, "{\"opened\":%R,\"note\":%J,\"at\":", x->lkpp_opened ? "true" : "false", x->lkpp_note[0] ? x->lkpp_note : 0);
    time_json(b, x->lkpp_at);
    buf_putc(b, '}');
  }
  buf_printf(b, ",\"statement\":%R,\"files\":[", x->conclusion<0 ? "null" : x->conclusion ? "\"dapat_dibuka\"" : "\"tidak_dapat_dibuka\"");
  for(int i=0; i<x->nfiles; i++){
    buf_printf(b, "%R{\"id\":%lld,\"name\":%J,\"size\":%lld,\"sha256\":%J,\"created_by\":%J,\"created_at\":",
               i ? "," : "", (long long)x->files[i].id, x->files[i].name, (long long)x->files[i].size, x->files[i].sha256,
               x->files[i].created_by);
    time_json(b, x->files[i].created_at);
    buf_putc(b, '}');
  }
  buf_puts(b, "],\"checklist\":[");
  for(int i=0; rhs_causes[i].code; i++){
    buf_printf(b, "%R{\"code\":%J,\"text\":%J}", i ? "," : "", rhs_causes[i].code, T(r, rhs_causes[i].text));
  }
  buf_puts(b, "]}");
}

/* Answer a case's .rhs details with the case. */
static int hd_reply_rhs(Req *r, int status, Case *c){
  RhsInfo x;
  int rc = rhs_get(r->db, c, &x, &r->arena);
  if( rc!=OK ){ case_free(c); return api_fail(r, rc, 0); }
  Buf b = BUF_INIT;
  buf_puts(&b, "{\"rhs\":");
  hd_rhs_json(r, &b, &x);
  return hd_reply_with(r, status, c, &b);
}

/* POST /api/v1/rhs {"tender_code","provider","subject","requester"}: the Pokja's report. */
int api_rhs_open(Req *r){
  static const char *const keys[] = { "tender_code", "provider", "subject", "requester", 0 };
  RhsNew in;
  memset(&in, 0, sizeof in);
  if( jin_object(r) || jin_str(r, "tender_code", 1, 256, &in.tender_code) || jin_str(r, "provider", 1, 800, &in.provider)
   || jin_str(r, "subject", 0, 800, &in.subject) || api_requester(r, 1, &in.pokja) || jin_known(r, keys) ) return OK;
  in.provider = api_trim(r, in.provider);   /* the spaces around it: none of it (a tender code is digits only) */
  in.subject = api_trim(r, in.subject);
  Err e = {0};
  /* a value missing or too long is said with what the report's own check finds: every field at once */
  if( jin_pending(r) ){ rhs_open_check(&in, &e); return jin_answer(r, &e); }
  Actor a = api_actor(r);
  Case *c;
  int rc = rhs_open(r->db, &a, &in, &c, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return hd_reply_rhs(r, 201, c);
}

/* GET /api/v1/rhs/:number */
int api_rhs(Req *r){
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  return hd_reply_rhs(r, 200, c);
}

/* POST /api/v1/rhs/:number/files (multipart, field "file", streamed to disk): keep the bid file. */
int api_rhs_file(Req *r){
  static const char *const parts[] = { "file", 0 };
  const char *ct = req_header(r, "Content-Type");
  if( ct && strncmp(ct, "multipart/", 10)==0 && api_form_only(r, parts) ) return OK;
  const Field *f = req_form_field(r, "file");
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  RhsFile out;
  int rc = rhs_store(r->db, &a, c, f ? f->filename : 0, f ? f->path : 0, f ? (int64_t)f->len : 0,
                     f ? f->sha256 : 0, &out, &r->arena, &e);
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"id\":%lld,\"name\":%J,\"size\":%lld,\"sha256\":%J,\"created_by\":%J,\"created_at\":",
             (long long)out.id, out.name, (long long)out.size, out.sha256, out.created_by);
  time_json(&b, out.created_at);
  buf_putc(&b, '}');
  reply_json(r, 201, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/rhs/:number/files/:id: the kept file, sent from disk. */
int api_rhs_download(Req *r){
  int64_t id = hd_id(r);
  if( id==0 ) return OK;
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  RhsFile f;
  char path[4400];
  int rc = rhs_file_path(r->db, c, id, &f, path, sizeof path, &r->arena);
  case_free(c);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "id", "Not found");   /* no file of the case with that id */
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_file(r, path, "application/octet-stream", f.name);
}

/* GET /api/v1/rhs/:number/statement.pdf: the LPSE's written statement as an A4 PDF. */
int api_rhs_statement(Req *r){
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  const char *name;
  int rc = statement_of_case(r->db, r->office_id, c, r->office_tz, &r->out, &name, &r->arena);
  case_free(c);
  if( rc==ERR_CONFLICT ){
    return reply_error(r, 409, "conflict", "statement", "There is no result yet: the statement is written once the file was opened at the LPSE or LKPP's result is in");
  }
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_download(r, 200, "application/pdf", name);
}

/* The causes list of a request ("causes": ["code", …]) as one text. */
static int hd_causes(Req *r, const char **out){
  const char **v;
  int n;
  *out = "";
  if( jin_strlist(r, "causes", &v, &n) ) return ERR_INVALID;
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    if( i ) buf_putc(&b, ' ');
    buf_append(&b, v[i], util_utf8_whole(v[i], strnlen(v[i], 40)));   /* cut between characters */
  }
  *out = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/rhs/:number/test {"opened","causes","note"}: the LPSE's own opening test. */
int api_rhs_test(Req *r){
  static const char *const keys[] = { "opened", "causes", "note", 0 };
  int opened = -1;
  const char *causes, *note = 0;
  if( jin_object(r) || jin_bool(r, "opened", &opened) || hd_causes(r, &causes) || jin_str(r, "note", 0, 8000, &note)
   || jin_done(r, keys) ) return OK;
  if( opened<0 ) return reply_invalid(r, "opened", "is required");
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = rhs_test(r->db, &a, c, opened, causes, note, &e);
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, &e);
  c = hd_case(r);
  return c ? hd_reply_rhs(r, 200, c) : OK;
}

/* POST /api/v1/rhs/:number/request {"external_ticket","note"}: the request for help to LKPP. */
int api_rhs_request(Req *r){
  static const char *const keys[] = { "external_ticket", "note", 0 };
  const char *ticket = 0, *note = 0;
  if( r->body.n && (jin_object(r) || jin_str(r, "external_ticket", 0, 400, &ticket) || jin_str(r, "note", 0, 8000, &note)
   || jin_done(r, keys)) ) return OK;
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  Escalation x;
  int rc = rhs_request(r->db, &a, r->office_tz, r->cfg->national_office, c, ticket, note, &x, &r->arena, &e);
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, &e);
  c = hd_case(r);
  return c ? hd_reply_rhs(r, 200, c) : OK;
}

/* POST /api/v1/rhs/:number/result {"opened","note"}: LKPP's result. */
int api_rhs_result(Req *r){
  static const char *const keys[] = { "opened", "note", 0 };
  int opened = -1;
  const char *note = 0;
  if( jin_object(r) || jin_bool(r, "opened", &opened) || jin_str(r, "note", 0, 8000, &note) || jin_done(r, keys) ) return OK;
  if( opened<0 ) return reply_invalid(r, "opened", "is required");
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = rhs_result(r->db, &a, c, opened, note, &e);
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, &e);
  c = hd_case(r);
  return c ? hd_reply_rhs(r, 200, c) : OK;
}

/* ---- escalation ---- */

/* POST /api/v1/cases/:number/escalations: escalate to the national helpdesk. */
int api_escalate(Req *r){
  static const char *const keys[] = { "title", "application", "error_code", "tender_code", "type", "description",
                                      "attachments", "external_ticket", 0 };
  EscalationNew in;
  memset(&in, 0, sizeof in);
  int64_t *ids;
  if( jin_object(r) || jin_str(r, "title", 1, 800, &in.title) || jin_str(r, "application", 1, 400, &in.application)
   || jin_str(r, "error_code", 0, 400, &in.error_code) || jin_str(r, "tender_code", 0, 256, &in.tender_code)
   || jin_str(r, "type", 1, 40, &in.kind) || jin_str(r, "description", 1, 16000, &in.description)
   || hd_ids(r, "attachments", &ids, &in.nattachments) || jin_str(r, "external_ticket", 0, 400, &in.external_ticket)
   || jin_known(r, keys) ) return OK;
  in.attachments = ids;
  Err e = {0};
  /* a value missing or too long is said with what the escalation's own check finds against its
  ** case: every field at once (a case not found leaves those alone) */
  if( jin_pending(r) ){
    Case *k;
    if( case_get(r->db, r->office_id, req_param(r, "number"), &k)==OK ){
      escalation_check(r->db, r->cfg->national_office, k, &in, &r->arena, &e);
      case_free(k);
    }
    return jin_answer(r, &e);
  }
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Escalation x;
  int rc = escalation_create(r->db, &a, r->cfg->national_office, c, &in, &x, &r->arena, &e);
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  escalation_json(&b, r->db, &x, r->office_id, r->lang);
  reply_json(r, 201, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* Answer 200 with a list of escalations. */
static int reply_escalations(Req *r, const Escalation *rows, int n){
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, ','); escalation_json(&b, r->db, &rows[i], r->office_id, r->lang); }
  reply_json(r, 200, "{\"escalations\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/cases/:number/escalations: from this case or to it, each with the other side's case. */
int api_escalations(Req *r){
  if( req_query_only(r, "") ) return OK;
  Case *c = hd_case(r);
  if( c==0 ) return OK;
  Escalation *rows;
  int n;
  int rc = escalation_list(r->db, c, &rows, &n, &r->arena);
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_escalations(r, rows, n);
}

/* GET /api/v1/escalations?limit=: the office's escalations still waiting for LKPP's answer, oldest first. */
int api_escalations_waiting(Req *r){
  int64_t limit;
  if( req_query_only(r, "limit") || req_query_int(r, "limit", 1, 500, 100, &limit) ) return OK;
  Escalation *rows;
  int n;
  int rc = escalation_waiting(r->db, r->office_id, (int)limit, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_escalations(r, rows, n);
}

/* POST /api/v1/escalations/:id/answer {"answer"}: LKPP's answer (from either office). */
int api_escalation_answer(Req *r){
  static const char *const keys[] = { "answer", 0 };
  const char *answer;
  int64_t id = hd_id(r);
  if( id==0 ) return OK;
  if( jin_object(r) || jin_str(r, "answer", 1, 16000, &answer) || jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  Escalation x;
  int rc = escalation_answer(r->db, &a, id, answer, &x, &r->arena, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  escalation_json(&b, r->db, &x, r->office_id, r->lang);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}
