/*
** portal.c — the public portal through the API (no sign-in): submit a question,
** find a ticket by number + e-mail/phone, read it by its private token, reply,
** rate, reopen; and the staff side: the public thread of a case and answering
** in it. desk/portal.c guards, checks and audits.
*/
#include "api.h"
#include "../desk/portal.h"
#include <stdio.h>
#include <string.h>

/* Answer with the ticket as the requester sees it. */
static int portal_api_reply(Req *r, int status, const PortalTicket *t, const Case *c){
  PortalMessage *m;
  int n = 0;
  portal_messages(r->db, t, &m, &n, &r->arena);
  Buf b = BUF_INIT;
  portal_json(&b, r->db, t, c, m, n, r->lang);
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}


/* The office of a public post into *o: as the body names it, else as the query does (?office=CODE),
** else the first. 1 when it answered instead (the two differ: 400 naming office; none such: 404). */
int api_portal_office(Req *r, const char *office, Office *o){
  const char *qoffice = req_query(r, "office");
  if( office && *office && qoffice && *qoffice && strcmp(office, qoffice) ){
    reply_invalid(r, "office", N_("differs from the office of the address (?office=)"));
    return 1;
  }
  if( !office || !*office ) office = qoffice;
  if( portal_office(r->db, office, o)!=OK ){ reply_error(r, 404, "not_found", "office", "No such office"); return 1; }
  return 0;
}
/* POST /api/v1/portal/tickets: submit a question or problem; 201 with the number and token. */
int api_portal_submit(Req *r){
  static const char *const keys[] = { "office", "name", "email", "phone", "subject", "description", "website", 0 };
  PortalNew in;
  memset(&in, 0, sizeof in);
  const char *office = 0;
  if( jin_object(r) || jin_str(r, "office", 0, 32, &office) || jin_str(r, "name", 0, 400, &in.name)
   || jin_str(r, "email", 0, 400, &in.email) || jin_str(r, "phone", 0, 64, &in.phone)
   || jin_str(r, "subject", 0, 800, &in.subject) || jin_str(r, "description", 0, 20000, &in.description)
   || jin_str(r, "website", 0, 400, &in.honeypot) || jin_done(r, keys) ) return OK;
  /* the spaces around what was typed or pasted are none of it, as the portal's form takes it */
  in.name = api_trim(r, in.name);
  in.email = api_trim(r, in.email);
  in.phone = api_trim(r, in.phone);
  in.subject = api_trim(r, in.subject);
  in.description = api_trim(r, in.description);
  Office o;
  if( api_portal_office(r, office, &o) ) return OK;
  in.office_id = o.id;
  in.ip = r->ip;
  in.lang = r->lang;   /* its e-mails in the language it was asked in */
  in.base_url = req_office_base_url(r, o.id);
  char number[64], token[65];
  int wait = 0;
  Err e = {0};
  int rc = portal_submit(r->db, &in, number, token, &wait, &e);
  if( rc==ERR_THROTTLED ) return reply_throttled(r, wait, "Too many submissions from this address: try again later");
  if( rc==ERR_DENIED ) return reply_error(r, 400, "rejected", "website", "The submission was refused");
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 201, "{\"number\":%J,\"token\":%J,\"track_url\":\"%j/portal/t/%j\"}", number, token,
                    in.base_url, token);
}

/* POST /api/v1/portal/track {"number","contact"}: a link token for the ticket, or 404 / 429. */
int api_portal_track(Req *r){
  static const char *const keys[] = { "number", "contact", 0 };
  const char *number, *contact;
  if( jin_object(r) || jin_str(r, "number", 1, PORTAL_TRACK_NUMBER_MAX, &number)
   || jin_str(r, "contact", 1, PORTAL_TRACK_CONTACT_MAX, &contact)
   || jin_done(r, keys) ) return OK;
  number = api_trim(r, number);   /* a number or an address pasted with a space is not a wrong guess */
  contact = api_trim(r, contact);
  Err e = {0};   /* one line each: what cannot be a number or a contact is named, not audited as a guess */
  err_check_text(&e, "number", number, PORTAL_TRACK_NUMBER_MAX, 0);
  err_check_text(&e, "contact", contact, PORTAL_TRACK_CONTACT_MAX, 0);
  if( e.msg ) return api_fail(r, ERR_INVALID, &e);
  /* a wrong pair is audited in the office of the address (?office=CODE, else the first, as the
  ** portal's page has it); a code naming no office keeps it the system's */
  Office o;
  int64_t office_id = portal_office(r->db, req_query(r, "office"), &o)==OK ? o.id : 0;
  char token[65], found[64];
  int wait = 0;
  int rc = portal_track(r->db, office_id, time_now(), r->ip, number, contact, r->lang, token, found, &wait);
  if( rc==ERR_THROTTLED ) return reply_throttled(r, wait, "Too many wrong attempts: wait before trying again");
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "contact", "No ticket with this number and e-mail or phone");
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_json(r, 200, "{\"number\":%J,\"token\":%J}", found, token);   /* as the ticket is numbered, not as typed */
}

/* The ticket and case of the path's :token; answers 404 and gives 0 when none. */
static int portal_api_target(Req *r, PortalTicket *t, Case **c){
  int rc = portal_open(r->db, req_param(r, "token"), t, c, &r->arena);
  if( rc!=OK ){ reply_error(r, 404, "not_found", "token", "No such ticket, or the link has expired"); return 0; }
  return 1;
}

/* GET /api/v1/portal/tickets/:token: the ticket, its public steps and messages. */
int api_portal_ticket(Req *r){
  PortalTicket t;
  Case *c;
  if( !portal_api_target(r, &t, &c) ) return OK;
  portal_api_reply(r, 200, &t, c);
  case_free(c);
  return OK;
}

/* POST /api/v1/portal/tickets/:token/replies: {"body"} as JSON, or multipart with body and file. */
int api_portal_reply(Req *r){
  const char *body = 0;
  const Field *f = 0;
  const char *ct = req_header(r, "Content-Type");
  if( ct && strncmp(ct, "multipart/form-data", 19)==0 ){
    static const char *const parts[] = { "body", "file", 0 };
    if( api_form_only(r, parts) ) return OK;
    body = req_form(r, "body");
    f = req_form_field(r, "file");
    if( f && (f->filename==0 || f->len==0) ) f = 0;
  }else{
    static const char *const keys[] = { "body", 0 };
    if( jin_object(r) || jin_str(r, "body", 1, 20000, &body) || jin_done(r, keys) ) return OK;
  }
  PortalTicket t;
  Case *c;
  if( !portal_api_target(r, &t, &c) ) return OK;
  Err e = {0};
  int rc = portal_reply(r->db, &t, c, body, f ? f->filename : 0, f ? f->value : 0, f ? f->len : 0,
                        r->cfg->attachment_limit, r->ip, &e);
  if( rc==OK ){ case_free(c); c = 0; rc = portal_open(r->db, req_param(r, "token"), &t, &c, &r->arena); }
  if( rc!=OK ){
    if( c ) case_free(c);
    if( rc==ERR_TOOBIG || rc==ERR_TYPE ) return reply_error(r, http_status_of(rc), http_code_of(rc), "file", req_upload_refusal(r, rc, 0));
    return api_fail(r, rc, &e);
  }
  portal_api_reply(r, 201, &t, c);
  case_free(c);
  return OK;
}

/* POST /api/v1/portal/tickets/:token/rating {"score": 1..5, "comment"}: once, after closing. */
int api_portal_rate(Req *r){
  static const char *const keys[] = { "score", "comment", 0 };
  const char *comment = 0;
  if( jin_object(r) || jin_str(r, "comment", 0, 8000, &comment) ) return OK;
  json_t *v = json_object_get(r->json, "score");
  if( v==0 || !json_is_integer(v) || json_integer_value(v)<1 || json_integer_value(v)>5 ) jin_note(r, "score", "The rating must be 1 to 5", 1);
  if( jin_done(r, keys) ) return OK;
  PortalTicket t;
  Case *c;
  if( !portal_api_target(r, &t, &c) ) return OK;
  Err e = {0};
  int rc = portal_rate(r->db, &t, c, (int)json_integer_value(v), comment, r->ip, &e);
  if( rc==OK ) rc = portal_of_case(r->db, c->id, &t, &r->arena);
  if( rc!=OK ){ case_free(c); return api_fail(r, rc, &e); }
  portal_api_reply(r, 200, &t, c);
  case_free(c);
  return OK;
}

/* POST /api/v1/portal/tickets/:token/reopen: a closed ticket is opened again; one open already (the
** same reopen posted twice) is answered as it is, nothing written. */
int api_portal_reopen(Req *r){
  if( jin_empty(r) ) return OK;
  PortalTicket t;
  Case *c;
  if( !portal_api_target(r, &t, &c) ) return OK;
  Err e = {0};
  int done;
  int rc = portal_reopen(r->db, &t, c, r->ip, &done, &e);
  if( rc==OK ){ case_free(c); c = 0; rc = portal_open(r->db, req_param(r, "token"), &t, &c, &r->arena); }
  if( rc!=OK ){ if( c ) case_free(c); return api_fail(r, rc, &e); }
  portal_api_reply(r, 200, &t, c);
  case_free(c);
  return OK;
}

/* 0 with the case's portal ticket in *t; 1, answered 404 naming number, for a case that did not come through the portal. */
static int portal_api_no_ticket(Req *r, const Case *c, PortalTicket *t){
  if( portal_of_case(r->db, c->id, t, &r->arena)==OK ) return 0;
  reply_error(r, 404, "not_found", "number", "This case did not come through the portal");
  return 1;
}

/* The staff's view of a case's portal ticket: contact, rating and the thread. */
static int portal_api_staff_reply(Req *r, int status, const Case *c){
  PortalTicket t;
  if( portal_api_no_ticket(r, c, &t) ) return OK;
  PortalMessage *m;
  int n = 0;
  portal_messages(r->db, &t, &m, &n, &r->arena);
  Buf b = BUF_INIT;
  buf_printf(&b, "{\"number\":%J,\"name\":%J,\"email\":%J,\"phone\":%J,\"rating\":", t.number, t.name,
             *t.email ? t.email : 0, *t.phone ? t.phone : 0);
  if( t.rating ) buf_printf(&b, "{\"score\":%d,\"comment\":%J}", t.rating, t.rating_comment);
  else buf_puts(&b, "null");
  PortalRating *g;
  int ng = 0;
  portal_ratings(r->db, &t, &g, &ng, &r->arena);
  buf_puts(&b, ",\"ratings\":[");   /* every closing's, the current one's last when it is rated */
  for(int i=0; i<ng; i++){
    char at[32];
    time_fmt_iso(at, sizeof at, g[i].rated_at);
    buf_printf(&b, "%R{\"score\":%d,\"comment\":%J,\"rated_at\":%J}", i ? "," : "", g[i].score, g[i].comment, at);
  }
  buf_puts(&b, "],\"messages\":[");
  for(int i=0; i<n; i++){
    char at[32];
    time_fmt_iso(at, sizeof at, m[i].at);
    buf_printf(&b, "%R{\"author\":%J,\"by\":%J,\"body\":%J,\"at\":%J,\"attachment_id\":", i ? "," : "",
               m[i].author, m[i].by, m[i].body, at);
    if( m[i].attachment_id ) buf_printf(&b, "%lld}", (long long)m[i].attachment_id); else buf_puts(&b, "null}");
  }
  buf_puts(&b, "]}");
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/cases/:number/portal: the requester's contact, rating and the public thread. */
int api_case_portal(Req *r){
  Case *c = 0;
  int rc = case_get(r->db, r->office_id, req_param(r, "number"), &c);
  if( rc!=OK ) return api_fail(r, rc, 0);
  portal_api_staff_reply(r, 200, c);
  case_free(c);
  return OK;
}

/* POST /api/v1/cases/:number/portal {"body"}: answer the requester in the public thread. */
int api_case_portal_reply(Req *r){
  static const char *const keys[] = { "body", 0 };
  const char *body;
  if( jin_object(r) || jin_str(r, "body", 1, 20000, &body) || jin_done(r, keys) ) return OK;
  Case *c = 0;
  int rc = case_get(r->db, r->office_id, req_param(r, "number"), &c);
  if( rc!=OK ) return api_fail(r, rc, 0);
  PortalTicket t;
  if( portal_api_no_ticket(r, c, &t) ){ case_free(c); return OK; }   /* as GET says it */
  Actor a = api_actor(r);
  Err e = {0};
  rc = portal_staff_reply(r->db, &a, c, body, req_base_url(r), &e);
  if( rc!=OK ){ case_free(c); return api_fail(r, rc, &e); }
  portal_api_staff_reply(r, 201, c);
  case_free(c);
  return OK;
}
