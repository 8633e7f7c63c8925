/*
** skm.c — the public-satisfaction survey (SKM) through the API, no sign-in: the
** questionnaire, a walk-in visitor's answer to an office, and a requester's answer
** for a closed case of their portal ticket; and, signed in, staff typing in a paper one. desk/skm.c checks, guards and audits;
** the report is in reports.c beside the others.
*/
#include "api.h"
#include "../desk/portal.h"
#include "../desk/skm.h"
#include <string.h>

/* The choices of a profile field as a JSON array of {"value","label"}. */
static void skm_choices_json(Req *r, Buf *b, int field){
  int n;
  const SkmChoice *c = skm_choices(field, &n);
  buf_putc(b, '[');
  for(int i=0; i<n; i++) buf_printf(b, "%R{\"value\":%J,\"label\":%J}", i ? "," : "", c[i].value, T(r, c[i].label));
  buf_putc(b, ']');
}

/* GET /api/v1/portal/skm: the questionnaire (the nine elements, their questions and answers, the
** profile's choices) and the procedures a walk-in may name, in the request's language. */
int api_skm_questionnaire(Req *r){
  if( req_query_only(r, "office") ) return OK;
  Buf b = BUF_INIT;
  buf_puts(&b, "{\"elements\":[");
  for(int i=0; i<SKM_ELEMENTS; i++){
    const SkmElement *x = skm_element(i);
    buf_printf(&b, "%R{\"code\":%J,\"field\":\"u%d\",\"name\":%J,\"question\":%J,\"answers\":[", i ? "," : "", x->code, i+1,
               T(r, x->name), T(r, x->question));
    for(int k=0; k<4; k++) buf_printf(&b, "%R{\"value\":%d,\"label\":%J}", k ? "," : "", k+1, T(r, x->answers[k]));
    buf_puts(&b, "]}");
  }
  buf_puts(&b, "],\"gender\":");
  skm_choices_json(r, &b, SKM_GENDER);
  buf_puts(&b, ",\"education\":");
  skm_choices_json(r, &b, SKM_EDUCATION);
  buf_puts(&b, ",\"occupation\":");
  skm_choices_json(r, &b, SKM_OCCUPATION);
  buf_printf(&b, ",\"age\":{\"min\":%d,\"max\":%d},\"procedures\":[", SKM_AGE_MIN, SKM_AGE_MAX);
  int k = 0;
  for(int i=0; i<sop_library_count(); i++){
    const Procedure *p = sop_library_at(i);
    if( sop_retired(p->code) ) continue;
    buf_printf(&b, "%R{\"code\":%J,\"title\":%J}", k++ ? "," : "", p->code,
               strcmp(r->lang, "en")==0 && p->title_en ? p->title_en : p->title);
  }
  buf_puts(&b, "]}");
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

enum { SKM_IN_CASE, SKM_IN_WALKIN, SKM_IN_PAPER };
/* Read an answer's members from the JSON body of a kind (SKM_IN_WALKIN: office, sop and website too;
** SKM_IN_PAPER: sop and day, into *extra); a member of the wrong type reads as not given, which the
** check names. 0 or answered. */
static int skm_api_input(Req *r, SkmAnswer *in, int kind, const char **extra){
  static const char *const walkin_keys[] = { "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "gender", "age",
                                            "education", "occupation", "suggestion", "office", "sop", "website", 0 };
  static const char *const case_keys[] = { "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "gender", "age",
                                          "education", "occupation", "suggestion", 0 };
  static const char *const paper_keys[] = { "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "gender", "age",
                                           "education", "occupation", "suggestion", "sop", "day", 0 };
  int walkin = kind==SKM_IN_WALKIN;
  const char **office = extra;
  memset(in, 0, sizeof *in);
  if( jin_object(r) ) return ERR_INVALID;
  for(int i=0; i<SKM_ELEMENTS; i++){
    json_t *v = json_object_get(r->json, walkin_keys[i]);
    if( v && json_is_integer(v) && json_integer_value(v)>=1 && json_integer_value(v)<=4 ) in->u[i] = (int)json_integer_value(v);
  }
  json_t *v = json_object_get(r->json, "age");
  if( v && json_is_integer(v) && json_integer_value(v)>=SKM_AGE_MIN && json_integer_value(v)<=SKM_AGE_MAX ) in->age = (int)json_integer_value(v);
  if( jin_str(r, "gender", 0, 8, &in->gender) || jin_str(r, "education", 0, 16, &in->education)
   || jin_str(r, "occupation", 0, 16, &in->occupation) || jin_str(r, "suggestion", 0, 8000, &in->suggestion) ) return ERR_INVALID;
  if( walkin && (jin_str(r, "office", 0, 32, office) || jin_str(r, "sop", 0, 200, &in->sop)
              || jin_str(r, "website", 0, 400, &in->honeypot)) ) return ERR_INVALID;
  if( kind==SKM_IN_PAPER && (jin_str(r, "sop", 0, 200, &in->sop) || jin_str(r, "day", 0, 32, extra)) ) return ERR_INVALID;
  if( jin_done(r, walkin ? walkin_keys : kind==SKM_IN_PAPER ? paper_keys : case_keys) ) return ERR_INVALID;
  /* the spaces around none of it, as the page's form takes them: a sop of spaces is none (required), not unknown */
  const char **all[] = { &in->gender, &in->education, &in->occupation, &in->suggestion, &in->sop, &in->honeypot };
  for(size_t i=0; i<COUNT(all); i++) *all[i] = api_trim(r, *all[i]);
  if( office ) *office = api_trim(r, *office);   /* the walk-in's office, the paper's day */
  in->ip = r->ip;
  return OK;
}

/* POST /api/v1/portal/skm: a walk-in visitor's answer to the office (?office= or "office"); 201. */
int api_skm_walkin(Req *r){
  SkmAnswer in;
  const char *office = 0;
  if( skm_api_input(r, &in, SKM_IN_WALKIN, &office) ) return OK;
  Office o;
  if( api_portal_office(r, office, &o) ) return OK;
  in.office_id = o.id;
  Err e = {0};
  int wait = 0;
  int rc = skm_answer_walkin(r->db, &in, &wait, &e);
  if( rc==ERR_THROTTLED ) return reply_throttled(r, wait, "Too many submissions from this address: try again later");
  if( rc==ERR_DENIED ) return reply_error(r, 400, "rejected", "website", "The submission was refused");
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 201, "{\"office\":%J,\"sop\":%J,\"answered\":true}", o.code, sop_library_find(in.sop)->code);
}

/* POST /api/v1/portal/tickets/:token/skm: the requester's answer for the ticket's closed case, once; 201. */
int api_skm_case(Req *r){
  SkmAnswer in;
  if( skm_api_input(r, &in, SKM_IN_CASE, 0) ) return OK;
  PortalTicket t;
  Case *c;
  if( portal_open(r->db, req_param(r, "token"), &t, &c, &r->arena)!=OK ){
    return reply_error(r, 404, "not_found", "token", "No such ticket, or the link has expired");
  }
  Err e = {0};
  int rc = skm_answer_case(r->db, c, &in, &e);
  const char *sop = rc==OK ? arena_strdup(&r->arena, c->sop_code) : 0;
  case_free(c);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 201, "{\"number\":%J,\"sop\":%J,\"answered\":true}", t.number, sop);
}

/* POST /api/v1/skm/responses: a member of staff types in a questionnaire filled on paper at the counter
** ("sop", "day" it was filled, the nine answers and the profile); no limit per address; 201. */
int api_skm_paper(Req *r){
  SkmAnswer in;
  const char *day = 0;
  if( skm_api_input(r, &in, SKM_IN_PAPER, &day) ) return OK;
  in.office_id = r->office_id;
  Actor who = api_actor(r);
  Err e = {0};
  int64_t id;
  int rc = skm_answer_paper(r->db, &who, &in, day, r->office_tz, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 201, "{\"id\":%lld,\"sop\":%J,\"day\":%J,\"source\":\"paper\",\"entered_by\":%J}", (long long)id,
                    sop_library_find(in.sop)->code, day, who.username);
}

/* GET /api/v1/skm/responses: the paper questionnaires typed in, the latest first (?limit=, 50 by default),
** for staff to spot a typo: id, day, sop, the answers and the profile, who typed it in and when. */
int api_skm_paper_list(Req *r){
  if( req_query_only(r, "limit") ) return OK;
  int64_t limit;
  if( req_query_int(r, "limit", 1, 500, 50, &limit) ) return OK;
  SkmPaper *v;
  int n;
  if( skm_paper_list(r->db, r->office_id, (int)limit, &v, &n, &r->arena)!=OK ) return api_fail(r, ERR_DB, 0);
  Buf b = BUF_INIT;
  buf_puts(&b, "{\"responses\":[");
  for(int i=0; i<n; i++){
    char day[11];
    time_day_text(day, v[i].answered_at, r->office_tz);
    buf_printf(&b, "%R{\"id\":%lld,\"day\":%J,\"sop\":%J,", i ? "," : "", (long long)v[i].id, day, v[i].sop);
    for(int k=0; k<SKM_ELEMENTS; k++) buf_printf(&b, "\"u%d\":%d,", k+1, v[i].u[k]);
    buf_printf(&b, "\"gender\":%J,\"age\":%d,\"education\":%J,\"occupation\":%J,\"entered_by\":%J,\"entered_at\":",
               v[i].gender, v[i].age, v[i].education, v[i].occupation, v[i].entered_by);
    time_json(&b, v[i].entered_at);
    buf_putc(&b, '}');
  }
  buf_puts(&b, "]}");
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/skm/responses/:id/delete {"reason"}: a paper questionnaire typed wrong, deleted with the
** reason (audited); 404 for an answer from the portal or none. */
int api_skm_paper_delete(Req *r){
  static const char *const keys[] = { "reason", 0 };
  const char *reason = 0;
  if( jin_object(r) || jin_str(r, "reason", 0, 4000, &reason) || jin_done(r, keys) ) return OK;
  Actor who = api_actor(r);
  Err e = {0};
  int64_t id = req_param_id(r, "id");
  int rc = skm_paper_delete(r->db, &who, r->office_id, id, reason, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 200, "{\"id\":%lld,\"deleted\":true}", (long long)id);
}
