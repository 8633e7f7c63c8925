/*
** cases.c — cases through the API: open, list, read, complete a step, cancel,
** reopen, assign. Input is checked strictly here (nested members named
** "requester.nik", "events.training_start"); the case engine (sop/case.c)
** checks the values, writes the change and its audit row.
*/
#include "api.h"
#include "../sop/case.h"
#include "../sop/absence.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CASES_LIMIT_DEFAULT 50
#define CASES_LIMIT_MAX 500

/* The "requester" object of a new case into rq (a person and/or an organisation); what is wrong
** (requester.FIELD, or requester when required and absent) is noted for jin_done/jin_known. */
int api_requester(Req *r, int required, Requester *rq){
  /* the organisation may also come as "org" (the case's answer names it so), "organization" or "organisation" */
  static const char *const keys[] = { "name", "nip", "nik", "email", "phone", "org_name", "org", "organization",
                                      "organisation", "npwp", 0 };
  json_t *o = json_object_get(r->json, "requester");
  memset(rq, 0, sizeof *rq);
  if( o==0 || json_is_null(o) ){
    if( required ) jin_note(r, "requester", N_("is required"), 0);
    return OK;
  }
  if( !json_is_object(o) ){ jin_note(r, "requester", N_("must be an object"), 1); return OK; }
  jin_members_known(r, o, "requester", keys);
  jin_member(r, o, "requester", "name", 0, 480, &rq->name);
  jin_member(r, o, "requester", "nip", 0, 40, &rq->nip);
  jin_member(r, o, "requester", "nik", 0, 40, &rq->nik);
  jin_member(r, o, "requester", "email", 0, 254, &rq->email);
  jin_member(r, o, "requester", "phone", 0, 40, &rq->phone);
  jin_member(r, o, "requester", "org_name", 0, 800, &rq->org_name);
  jin_member(r, o, "requester", "npwp", 0, 40, &rq->npwp);
  if( rq->org_name==0 ) jin_member(r, o, "requester", "org", 0, 800, &rq->org_name);
  if( rq->org_name==0 ) jin_member(r, o, "requester", "organization", 0, 800, &rq->org_name);
  if( rq->org_name==0 ) jin_member(r, o, "requester", "organisation", 0, 800, &rq->org_name);
  /* the spaces around a name, a number or an address (typed or pasted) are none of it */
  const char **all[] = { &rq->name, &rq->nip, &rq->nik, &rq->email, &rq->phone, &rq->org_name, &rq->npwp };
  for(size_t i=0; i<COUNT(all); i++) *all[i] = api_trim(r, *all[i]);
  return OK;
}

/* The events object of a new case ({"training_start": ISO, …}) into in; what is wrong is noted. */
static int take_events(Req *r, CaseNew *in){
  json_t *o = json_object_get(r->json, "events");
  in->nevents = 0;
  if( o==0 || json_is_null(o) ) return OK;
  if( !json_is_object(o) ){ jin_note(r, "events", N_("must be an object"), 1); return OK; }
  jin_members_known(r, o, "events", sop_events);
  const char *key;
  json_t *v;
  json_object_foreach(o, key, v){
    const char *z;
    int64_t t;
    if( !util_in_list(sop_events, key) ) continue;   /* noted above */
    jin_member(r, o, "events", key, 0, 40, &z);
    const char *field = arena_printf(&r->arena, "events.%s", key);
    if( z==0 ) continue;
    if( time_parse_iso(z, &t)!=OK ){ jin_note(r, field, N_("must be a time in ISO 8601 (2026-01-05T08:00:00+07:00)"), 0); continue; }
    if( in->nevents>=(int)COUNT(in->events) ){ jin_note(r, "events", N_("too many events"), 0); break; }
    in->events[in->nevents].name = arena_strdup(&r->arena, key);
    in->events[in->nevents].at = t;
    in->nevents++;
  }
  return OK;
}

/* Answer with a case as JSON, then free it. */
int api_reply_case(Req *r, int status, Case *c){
  Buf b = BUF_INIT;
  buf_reserve(&b, 1024 + 640*(size_t)c->nsteps);   /* about its size: no regrowing */
  case_json(&b, c, r->lang);
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  case_free(c);
  return OK;
}

/* The case named by the path's :number in the caller's office; NULL after answering 404 or the failure. */
Case *api_path_case(Req *r){
  Case *c = 0;
  int rc = case_get(r->db, r->office_id, req_param(r, "number"), &c);
  if( rc==ERR_NOTFOUND ){ reply_error(r, 404, "not_found", 0, "No such case"); return 0; }
  if( rc!=OK ){ api_fail(r, rc, 0); return 0; }
  return c;
}

/* POST /api/v1/cases: open a case of a procedure. */
int api_case_open(Req *r){
  static const char *const keys[] = { "sop", "channel", "subject", "urgency", "impact", "requester", "events", 0 };
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = r->office_id;
  in.contact_alone = 1;
  if( jin_object(r) || jin_str(r, "sop", 1, 64, &in.sop) || jin_str(r, "channel", 0, 16, &in.channel)
   || jin_str(r, "subject", 1, 800, &in.subject) || jin_str(r, "urgency", 0, 32, &in.urgency)
   || jin_str(r, "impact", 0, 32, &in.impact) || api_requester(r, 1, &in.requester) || take_events(r, &in)
   || jin_known(r, keys) ) return OK;
  Err e = {0};
  /* a value missing or too long is said with what the case's own check finds: every field at once */
  if( jin_pending(r) ){ case_check(&in, &e); return jin_answer(r, &e); }
  Actor a = api_actor(r);
  Case *c;
  int rc = case_open(r->db, &a, &in, &c, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return api_reply_case(r, 201, c);
}

/* GET /api/v1/cases?status=&sop=&overdue=1&q=&mine=1&limit=&before=: a list of the office's cases. */
int api_cases(Req *r){
  if( req_query_only(r, "status sop q overdue mine limit before") ) return OK;
  static const char *const statuses[] = { "open", "closed", "cancelled", "archived", 0 };
  CaseFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.status = req_query(r, "status");
  f.sop = req_query(r, "sop");
  f.q = req_query(r, "q");
  int64_t limit, before;
  int overdue, mine;
  if( f.status && *f.status ){
    int ok = 0;
    /* in any case (OPEN, Closed), as a step's outcome and the procedure's code are taken */
    for(int i=0; statuses[i]; i++) if( strcasecmp(statuses[i], f.status)==0 ){ f.status = statuses[i]; ok = 1; }
    if( !ok ) return reply_invalid(r, "status", "must be open, closed, cancelled or archived");
  }
  if( f.sop && *f.sop && sop_library_find(f.sop)==0 ) return reply_invalid(r, "sop", "is not known: no procedure has this code");
  if( util_utf8_len(f.q)>CASE_SEARCH_MAX ) return reply_invalid_n(r, "q", N_("is too long: at most %d characters"), CASE_SEARCH_MAX);
  if( req_query_int(r, "limit", 1, CASES_LIMIT_MAX, CASES_LIMIT_DEFAULT, &limit)
   || req_query_int(r, "before", 0, INT64_MAX, 0, &before)
   || req_query_flag(r, "overdue", 0, &overdue)
   || req_query_flag(r, "mine", 0, &mine) ) return OK;
  if( (overdue || mine) && req_query(r, "before") ) return reply_invalid(r, "before", "is for the plain list: overdue and mine lists are not paged");
  const char *roles[ROLE_COUNT];
  if( mine ){
    f.nroles = role_names_of(r->roles, roles);
    f.roles = roles;
    f.username = r->username;
  }
  f.overdue = (int)overdue;
  /* keyset paging is by id, newest first, for the plain list: one row more than asked says
  ** whether a next page exists (next_before is null on the last), and of every list whether
  ** it was cut at limit (more) */
  int pages = !f.overdue && !mine;
  f.limit = (int)limit + 1;
  f.before_id = before;
  f.now = time_now();
  CaseRow *rows;
  int n;
  int rc = case_list(r->db, &f, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  int more = n>limit;
  if( more ) n = (int)limit;
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    CaseRow *w = &rows[i];
    buf_printf(&b, "%R{\"number\":%J,\"sop\":%J,\"subject\":%J,\"status\":%J,\"priority\":%J,"
                   "\"requester\":%J,\"opened_at\":", i ? "," : "", w->number, w->sop_code, w->subject,
               w->status, w->priority, w->requester_name);
    time_json(&b, w->opened_at);
    buf_printf(&b, ",\"current_step\":%d", w->current_step);   /* 0: no step is open */
    /* the step's text in the answer's language: its English when the procedure gives one */
    buf_printf(&b, ",\"step_title\":%J,\"step_actor\":%J,\"due_at\":",
               util_str_eq(r->lang, "en") && w->step_title_en ? w->step_title_en : w->step_title, w->step_actor);
    time_json(&b, w->due_at);
    buf_printf(&b, ",\"held\":%R", w->held ? "true" : "false");
    /* "Tugas saya": a step of someone the caller stands in for today, and for whom */
    if( mine && w->for_user ){
      buf_printf(&b, ",\"replacing\":{\"username\":%J,\"full_name\":%J,\"kind\":%J,\"until\":%J}",
                 w->for_user, w->for_name, w->for_kind, w->for_until);
    }else if( mine ) buf_puts(&b, ",\"replacing\":null");
    buf_puts(&b, ",\"steps\":");
    /* every case in JSON carries its steps, so anyone can check the clocks from a list too */
    CaseStep *steps;
    int ns;
    if( case_steps_load(r->db, w->id, &steps, &ns, &r->arena)!=OK ){ buf_free(&b); return api_fail(r, ERR_DB, 0); }
    case_steps_json(&b, case_procedure(r->db, w->procedure_id), steps, ns, r->lang);
    buf_putc(&b, '}');
  }
  if( more && pages ) reply_json(r, 200, "{\"cases\":[%R],\"next_before\":%lld,\"more\":true}", buf_str(&b), (long long)rows[n-1].id);
  else reply_json(r, 200, "{\"cases\":[%R],\"next_before\":null,\"more\":%R}", buf_str(&b), more ? "true" : "false");
  buf_free(&b);
  return OK;
}

/* GET /api/v1/cases/:number: one case with its steps. */
int api_case(Req *r){
  Case *c = api_path_case(r);
  if( c==0 ) return OK;
  return api_reply_case(r, 200, c);
}

/* The "registers" member of a step's completion ({"agenda":{"letter_no":"…"},…}) into g:
** each a register by its name, each member one of its fields, a string. */
static int take_registers(Req *r, StepRegs *g){
  json_t *o = json_object_get(r->json, "registers");
  memset(g, 0, sizeof *g);
  if( o==0 || json_is_null(o) ) return OK;
  if( !json_is_object(o) ) return reply_invalid(r, "registers", "must be an object");
  const char *name;
  json_t *v;
  json_object_foreach(o, name, v){
    const Register *reg = register_named(name);
    const char *prefix = arena_printf(&r->arena, "registers.%s", name);
    if( reg==0 ) return reply_invalid(r, prefix, "is not a register (guest_book, agenda, disposition, consultation, handover, archive)");
    if( !json_is_object(v) ) return reply_invalid(r, prefix, "must be an object");
    int k = (int)(reg - register_at(0));
    const char *key;
    json_t *f;
    json_object_foreach(v, key, f){
      int i = register_field(reg, key);
      if( i<0 || reg->fields[i].state ) return reply_invalid(r, arena_printf(&r->arena, "%s.%s", prefix, key), "is not a known field");
      if( jin_member(r, v, prefix, key, 0, 8000, &g->in[k].v[i]) ) return ERR_INVALID;
    }
    g->given[k] = 1;
  }
  return OK;
}

/* The answer to a change of case c that the engine answered rc: the case as it is now, or the
** error; a step that is no longer the open one says which one is, as the case stands now
** (another request may have moved it on). */
static int case_reply(Req *r, Case *c, int rc, Err *e){
  if( rc==ERR_CONFLICT && util_str_eq(e->field, "no") && e->nmore==0 && util_str_eq(e->msg, "This is not the open step of the case") ){
    Case *now = 0;
    int open = case_get(r->db, r->office_id, c->number, &now)==OK ? now->current_step : 0;
    case_free(now);
    if( open>0 ){
      case_free(c);
      return reply_error(r, 409, "conflict", "no",
                         arena_printf(&r->arena, T(r, "This is not the open step of the case: step %d is open"), open));
    }
  }
  if( rc!=OK ){ case_free(c); return api_fail(r, rc, e); }
  return api_reply_case(r, 200, c);
}

/* POST /api/v1/cases/:number/steps/:no {"outcome","note","items","registers"}: complete the open step. */
int api_case_step(Req *r){
  static const char *const keys[] = { "outcome", "note", "items", "registers", 0 };
  const char *outcome = 0, *note = 0;
  int *items = 0, nitems = -1;
  StepRegs regs;
  memset(&regs, 0, sizeof regs);
  const char *z = req_param(r, "no");
  char *end;
  long no = z ? strtol(z, &end, 10) : 0;
  /* like every id in a path: what names no step of the procedure (abc, 2x, 0, 999) is 404 naming it */
  if( z==0 || *z==0 || *end || no<1 || no>999 ) return reply_error(r, 404, "not_found", "no", "No such step");
  if( r->body.n && (jin_object(r) || jin_str(r, "outcome", 0, 16, &outcome) || jin_str(r, "note", 0, 8000, &note)
   || jin_intlist(r, "items", 1, 1000, &items, &nitems) || take_registers(r, &regs) || jin_done(r, keys)) ) return OK;
  if( case_outcome(outcome) ) outcome = case_outcome(outcome);   /* "Yes", "ya", "tidak", "selesai" */
  Case *c = api_path_case(r);
  if( c==0 ) return OK;
  const Procedure *p = case_procedure(r->db, c->procedure_id);
  if( p && procedure_step(p, (int)no)==0 ){   /* a step its procedure does not have: none to find */
    case_free(c);
    return reply_error(r, 404, "not_found", "no", "No such step");
  }
  Actor a = api_actor(r);
  Err e = {0};
  int rc = stepreg_complete(r->db, &a, r->roles, r->office_tz, c, (int)no, outcome, note, nitems<0 ? 0 : items, nitems,
                            &regs, &e, &r->arena);
  return case_reply(r, c, rc, &e);
}

/* POST /api/v1/cases/:number/cancel {"reason"}: cancel an open case. */
int api_case_cancel(Req *r){
  static const char *const keys[] = { "reason", 0 };
  const char *reason;
  if( jin_object(r) || jin_str(r, "reason", 1, 2000, &reason) || jin_done(r, keys) ) return OK;
  Case *c = api_path_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = case_cancel(r->db, &a, c, reason, &e);
  return case_reply(r, c, rc, &e);
}

/* An action on a case that takes no input: the service fn, then the case as it is now. */
static int case_action(Req *r, int (*fn)(Db*, const Actor*, Case*, Err*)){
  if( jin_empty(r) ) return OK;
  Case *c = api_path_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = fn(r->db, &a, c, &e);
  return case_reply(r, c, rc, &e);
}

/* POST /api/v1/cases/:number/reopen: reopen a closed or cancelled case. */
int api_case_reopen(Req *r){
  return case_action(r, case_reopen);
}

/* POST /api/v1/cases/:number/archive: archive a closed or cancelled case (409 otherwise). */
int api_case_archive(Req *r){
  return case_action(r, case_archive);
}

/* 409 naming username: the step is someone else's now (holder; "" nobody's); or naming role: it is
** in another role's queue now (holder; "" none); said in the caller's language. */
static int api_step_taken(Req *r, const char *field, const char *holder){
  int role = util_str_eq(field, "role");
  const char *msg = *holder ? arena_printf(&r->arena, role ? T(r, "This step has already been moved to the queue of role %s")
                                                           : T(r, "This step has already been taken by %s"), holder)
                  : role ? T(r, "This step is no longer in any role's queue") : T(r, "This step is no longer assigned to anyone");
  return reply_error(r, 409, "conflict", role ? "role" : "username", msg);
}

/* POST /api/v1/cases/:number/assign {"role","username","no","was","was_role"}: assign the open step
** (no: the one meant; was: the user the caller saw holding it, "" nobody; was_role: the role whose
** queue the caller saw it in, "" none). */
int api_case_assign(Req *r){
  static const char *const keys[] = { "role", "username", "no", "was", "was_role", 0 };
  const char *role, *username, *was, *was_role;
  int64_t no = 0;
  if( jin_object(r) || jin_str(r, "role", 0, 32, &role) || jin_str(r, "username", 0, 64, &username)
   || jin_int(r, "no", 1, 999, &no) || jin_str(r, "was", 0, 64, &was) || jin_str(r, "was_role", 0, 32, &was_role)
   || jin_done(r, keys) ) return OK;
  Case *c = api_path_case(r);
  if( c==0 ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  char holder[80] = "";
  int rc = case_assign_if(r->db, &a, c, (int)no, role, username, was, was_role, holder, sizeof holder, r->lang, &r->arena, &e);
  if( rc==ERR_CONFLICT && case_step_taken(&e) ){
    case_free(c);
    return api_step_taken(r, e.field, holder);
  }
  if( rc!=OK || util_blank(username) ) return case_reply(r, c, rc, &e);
  /* given to someone away today: said, with who replaces them (their steps show in that one's tasks) */
  User u, who;
  Absence away;
  Buf b = BUF_INIT;
  case_json(&b, c, r->lang);
  case_free(c);
  if( user_by_name(r->db, username, &u)==OK && absence_current(r->db, r->office_id, u.id, time_now(), &away, &r->arena) ){
    const char *stand = absence_stand_in(r->db, r->office_id, username, time_now(), &who, 0, &r->arena) ? who.username : away.replacement;
    reply_json(r, 200, "%.*R,\"absent\":{\"kind\":%J,\"from\":%J,\"until\":%J,\"replacement\":%J}}", (int)b.n-1, buf_str(&b),
               away.kind, away.from, away.to, stand);
  }else reply_json(r, 200, "%.*R,\"absent\":null}", (int)b.n-1, buf_str(&b));
  buf_free(&b);
  return OK;
}
