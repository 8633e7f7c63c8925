/*
** accounts.c — the directory, the SPSE account register, the year-end batch,
** requests for accounts (staff and the public portal) and one-time credential
** links, through the JSON API. desk/directory.c, accounts.c, acreq.c and
** credential.c check the values and write the audit log.
*/
#include "api.h"
#include "../desk/directory.h"
#include "../desk/accounts.h"
#include "../desk/portal.h"
#include "../report/sealed.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append a text or null when empty. */
static void json_opt(Buf *b, const char *k, const char *v){
  buf_printf(b, ",%J:%J", k, v && *v ? v : NULL);
}

/* Append one directory entry as JSON. */
static void party_json(Buf *b, const Party *p){
  buf_printf(b, "{\"id\":%lld", (long long)p->id);
  for(int i=0; i<PF_COUNT; i++) json_opt(b, party_fields[i], p->v[i]);
  char old[24];
  party_npwp_old(p->v[PF_NPWP], old);
  json_opt(b, "npwp_old", old);
  buf_printf(b, ",\"agency_id\":");
  if( p->parent_id ) buf_printf(b, "%lld", (long long)p->parent_id); else buf_puts(b, "null");
  buf_puts(b, ",\"created_at\":");
  time_json(b, p->created_at);
  buf_putc(b, '}');
}

/* Append one account as JSON. */
static void account_json(Buf *b, const Account *c){
  buf_printf(b, "{\"id\":%lld,\"user_id\":%J,\"kind\":%J,\"status\":%J,\"holder\":{\"id\":%lld,\"name\":%J,\"nip\":%J}",
             (long long)c->id, c->user_id, c->kind, c->status, (long long)c->holder_id, c->holder_name,
             c->holder_nip[0] ? c->holder_nip : NULL);
  if( c->agency_id ) buf_printf(b, ",\"agency\":{\"id\":%lld,\"name\":%J}", (long long)c->agency_id, c->agency_name);
  else buf_puts(b, ",\"agency\":null");
  json_opt(b, "sk_number", c->sk_number);
  json_opt(b, "valid_from", c->valid_from);
  json_opt(b, "valid_until", c->valid_until);
  buf_puts(b, ",\"updated_at\":");
  time_json(b, c->updated_at);
  buf_putc(b, '}');
}

/* Read the party fields of the JSON body into in; 1 when it answered 400. */
static int party_input(Req *r, PartyIn *in){
  memset(in, 0, sizeof in[0]);
  static const size_t maxlen[PF_COUNT] = { 16, 16, 800, 64, 64, 64, 64, 256, 512, 800, 2000, 64, 512, 256, 32, 512 };
  for(int i=0; i<PF_COUNT; i++) if( jin_str(r, party_fields[i], 0, maxlen[i], &in->v[i]) ) return 1;
  return jin_done(r, party_fields);
}

/* The directory entry named by :ref; answers 404 when none. */
static int party_target(Req *r, int64_t *id){
  if( party_resolve(r->db, r->office_id, req_param(r, "ref"), id)!=OK ){
    reply_error(r, 404, "not_found", "ref", "Not found");
    return 1;
  }
  return 0;
}

/* Answer with one entry, its cases and its accounts; after a change (changed 0 or 1) "changed" too. */
static int reply_party_changed(Req *r, int status, int64_t id, int changed){
  Party p;
  if( party_get(r->db, r->office_id, id, &p, &r->arena)!=OK ) return reply_error(r, 404, "not_found", "ref", "Not found");
  Buf b = BUF_INIT;
  party_json(&b, &p);
  b.n--;                                        /* reopen the object */
  PartyCase *cs;
  int nc = 0;
  party_cases(r->db, r->office_id, id, 0, &cs, &nc, &r->arena);
  buf_puts(&b, ",\"cases\":[");
  for(int i=0; i<nc; i++){
    buf_printf(&b, "%R{\"number\":%J,\"sop\":%J,\"subject\":%J,\"status\":%J}", i ? "," : "", cs[i].number, cs[i].sop,
               cs[i].subject, cs[i].status);
  }
  AccountFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.party_id = id;
  f.limit = 500;
  Account *ac;
  int na = 0;
  account_list(r->db, &f, &ac, &na, &r->arena);
  buf_puts(&b, "],\"accounts\":[");
  for(int i=0; i<na; i++){ if( i ) buf_putc(&b, ','); account_json(&b, &ac[i]); }
  buf_puts(&b, "]");
  if( changed>=0 ) buf_printf(&b, ",\"changed\":%R", changed ? "true" : "false");
  buf_putc(&b, '}');
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* Answer with one entry, its cases and its accounts. */
static int reply_party(Req *r, int status, int64_t id){
  return reply_party_changed(r, status, id, -1);
}

/* GET /api/v1/directory?q=&kind=&org_type=&agency=&before=&limit=: entries, newest first. */
int api_directory(Req *r){
  if( req_query_only(r, "q kind org_type agency limit before") ) return OK;
  PartyFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.q = req_query(r, "q");
  f.kind = req_query(r, "kind");
  f.org_type = req_query(r, "org_type");
  const char *ag = req_query(r, "agency");
  int64_t limit;
  if( util_utf8_len(f.q)>128 ) return reply_error_n(r, 400, "invalid", "q", N_("is too long: at most %d characters"), 128);
  /* the words an import takes, Indonesian too */
  if( f.kind && *f.kind && (f.kind = party_kind_of(f.kind))==0 ) return reply_error(r, 400, "invalid", "kind", party_kind_refusal);
  if( f.org_type && *f.org_type && (f.org_type = party_org_type_of(f.org_type))==0 ) return reply_error(r, 400, "invalid", "org_type", party_org_type_refusal);
  if( ag && *ag && (f.parent_id = party_agency_find(r->db, r->office_id, ag))==0 ) return reply_error(r, 400, "invalid", "agency", "is not an organisation of the directory");
  if( req_query_int(r, "before", 1, INT64_MAX, 0, &f.before) || req_query_int(r, "limit", 1, 1000, 100, &limit) ) return OK;
  f.limit = (int)limit + 1;
  Party *rows;
  int n;
  int rc = party_search(r->db, &f, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n && i<limit; i++){ if( i ) buf_putc(&b, ','); party_json(&b, &rows[i]); }
  char next[24] = "null";
  if( n>limit ) snprintf(next, sizeof next, "%lld", (long long)rows[limit-1].id);
  reply_json(r, 200, "{\"entries\":[%R],\"next_before\":%R}", buf_str(&b), next);
  buf_free(&b);
  return OK;
}

/* POST /api/v1/directory: a new entry. */
int api_directory_add(Req *r){
  PartyIn in;
  if( jin_object(r) || party_input(r, &in) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int64_t id = 0;
  int rc = party_create(r->db, &a, r->office_id, &in, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_party(r, 201, id);
}

/* GET /api/v1/directory/:ref: an entry (by id, NIP, NIK or NPWP) with its cases and accounts. */
int api_directory_get(Req *r){
  int64_t id;
  if( party_target(r, &id) ) return OK;
  return reply_party(r, 200, id);
}

/* PATCH /api/v1/directory/:ref: change the fields given. */
int api_directory_update(Req *r){
  int64_t id;
  if( party_target(r, &id) ) return OK;
  PartyIn in;
  if( jin_patch(r) || party_input(r, &in) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int changed = 0;
  int rc = party_update(r->db, &a, r->office_id, id, &in, &changed, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_party_changed(r, 200, id, changed);
}

/* POST /api/v1/directory/:ref/merge {"from"}: the entry "from" (id, NIP, NIK or NPWP), written
** twice, merged into :ref, which is kept. */
int api_directory_merge(Req *r){
  static const char *const keys[] = { "from", 0 };
  const char *from = 0;
  if( jin_object(r) || jin_str(r, "from", 1, 64, &from) || jin_done(r, keys) ) return OK;
  int64_t keep, dup;
  if( party_target(r, &keep) ) return OK;
  if( party_resolve(r->db, r->office_id, from, &dup)!=OK ) return reply_error(r, 404, "not_found", "from", "No such entry in the directory");
  Actor a = api_actor(r);
  Err e = {0};
  int rc = party_merge(r->db, &a, r->office_id, keep, dup, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_party(r, 200, keep);
}

/* Append an import report as JSON. */
static void report_json(Req *r, Buf *b, const ImportReport *rep, int dry_run){
  buf_printf(b, "{\"rows\":%d,\"accepted\":%d,\"dry_run\":%R,\"rejected\":[", rep->rows, rep->accepted, dry_run ? "true" : "false");
  for(int i=0; i<rep->nrejects; i++){
    const ImportReject *j = &rep->rejects[i];
    buf_printf(b, "%R{\"row\":%d,\"field\":%J,\"reason\":%J", i ? "," : "", j->row, j->field[0] ? j->field : NULL, j->reason);
    if( j->nmore ){   /* several fields wrong: all of them, the first among them (as an error's "fields") */
      BUF_LIT(b, ",\"fields\":[");
      for(int k=0; k<=j->nmore; k++){
        ImportWhy w = import_why(j, k);
        buf_printf(b, "%R{\"field\":%J,\"reason\":%J}", k ? "," : "", w.field[0] ? w.field : NULL, w.reason);
      }
      buf_putc(b, ']');
    }
    buf_putc(b, '}');
  }
  buf_puts(b, "]}");
}

/* POST /api/v1/directory/import?dry_run=: a CSV body into the directory; the per-row report. */
int api_directory_import(Req *r){
  if( req_query_only(r, "dry_run") ) return OK;
  int dry_run = 0;
  if( req_query_flag(r, "dry_run", 0, &dry_run) ) return OK;
  Actor a = api_actor(r);
  ImportReport rep;
  int rc = directory_import(r->db, &a, r->office_id, r->body.z ? r->body.z : "", r->body.n, dry_run, r->lang, &rep, 0, 0, &r->arena);
  if( rep.error ) return reply_error(r, 400, "invalid", "file", rep.error);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  report_json(r, &b, &rep, dry_run);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* ---- the account register ---- */

/* The account named by :userid; answers 404 when none. */
static int account_target(Req *r, int64_t *id){
  if( account_resolve(r->db, r->office_id, req_param(r, "userid"), id)!=OK ){
    reply_error(r, 404, "not_found", "userid", "Not found");
    return 1;
  }
  return 0;
}

/* Answer with an account and its history. */
static int reply_account(Req *r, int status, int64_t id){
  Account c;
  if( account_get(r->db, r->office_id, id, &c, &r->arena)!=OK ) return reply_error(r, 404, "not_found", "userid", "Not found");
  AccountEvent *ev;
  int n = 0;
  account_history(r->db, r->office_id, id, &ev, &n, &r->arena);
  Buf b = BUF_INIT;
  account_json(&b, &c);
  b.n--;
  buf_puts(&b, ",\"history\":[");
  for(int i=0; i<n; i++){
    buf_printf(&b, "%R{\"at\":", i ? "," : "");
    time_json(&b, ev[i].at);
    buf_printf(&b, ",\"by\":%J,\"action\":%J", ev[i].by, ev[i].action);
    json_opt(&b, "from", ev[i].from_status);
    json_opt(&b, "to", ev[i].to_status);
    json_opt(&b, "case", ev[i].case_number);
    /* a reason the service wrote (the year-end batch's) is a msgid, said in the caller's language as the
    ** account's page says it; one an officer typed is given as typed */
    json_opt(&b, "reason", ev[i].reason && i18n_known(ev[i].reason) ? T(r, ev[i].reason) : ev[i].reason);
    buf_putc(&b, '}');
  }
  buf_puts(&b, "]}");
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/accounts?q=&kind=&status=&who=: accounts; who (a NIP or an e-mail) finds a forgotten user ID. */
int api_accounts(Req *r){
  if( req_query_only(r, "q kind status who limit before") ) return OK;
  AccountFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.q = req_query(r, "q");
  f.kind = req_query(r, "kind");
  f.status = req_query(r, "status");
  f.who = req_query(r, "who");
  int64_t limit;
  if( util_utf8_len(f.q)>128 ) return reply_error_n(r, 400, "invalid", "q", N_("is too long: at most %d characters"), 128);
  if( util_utf8_len(f.who)>128 ) return reply_error_n(r, 400, "invalid", "who", N_("is too long: at most %d characters"), 128);
  Err e = {0};
  if( account_who_check(f.who, &e)!=OK ) return api_fail(r, ERR_INVALID, &e);
  if( f.kind && *f.kind && !util_in_list(account_kinds, f.kind) ) return reply_error(r, 400, "invalid", "kind", "must be penyedia, ppk, pokja, pejabat_pengadaan or other");
  if( f.status && *f.status && strcmp(f.status, "active") && strcmp(f.status, "inactive") ) return reply_error(r, 400, "invalid", "status", "must be active or inactive");
  if( req_query_int(r, "before", 1, INT64_MAX, 0, &f.before) || req_query_int(r, "limit", 1, 1000, 100, &limit) ) return OK;
  f.limit = (int)limit + 1;
  Account *rows;
  int n;
  int rc = account_list(r->db, &f, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n && i<limit; i++){ if( i ) buf_putc(&b, ','); account_json(&b, &rows[i]); }
  char next[24] = "null";
  if( n>limit ) snprintf(next, sizeof next, "%lld", (long long)rows[limit-1].id);
  reply_json(r, 200, "{\"accounts\":[%R],\"next_before\":%R}", buf_str(&b), next);
  buf_free(&b);
  return OK;
}

/* POST /api/v1/accounts: an account already given in SPSE, entered in the register. */
int api_account_add(Req *r){
  static const char *const keys[] = { "user_id", "kind", "holder", "agency", "sk_number", "valid_from", "valid_until", 0 };
  AccountIn in;
  memset(&in, 0, sizeof in);
  if( jin_object(r) || jin_str(r, "user_id", 1, 64, &in.user_id) || jin_str(r, "kind", 1, 32, &in.kind)
   || jin_str(r, "holder", 1, 64, &in.holder) || jin_str(r, "agency", 0, 200, &in.agency)
   || jin_str(r, "sk_number", 0, 128, &in.sk_number) || jin_str(r, "valid_from", 0, 10, &in.valid_from)
   || jin_str(r, "valid_until", 0, 10, &in.valid_until) || jin_known(r, keys) ) return OK;
  Err e = {0};
  int64_t id = 0;
  /* a value missing or too long is said with what the account's own check finds: every field at once */
  if( jin_pending(r) ){
    int64_t holder, agency;
    account_create_check(r->db, r->office_id, &in, &holder, &agency, &e);
    return jin_answer(r, &e);
  }
  Actor a = api_actor(r);
  int rc = account_create(r->db, &a, r->office_id, &in, 0, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_account(r, 201, id);
}

/* GET /api/v1/accounts/:userid: an account with its full history. */
int api_account_get(Req *r){
  int64_t id;
  if( account_target(r, &id) ) return OK;
  return reply_account(r, 200, id);
}

/* POST /api/v1/accounts/:userid/status {status, reason}: change the status directly (audited). */
int api_account_status(Req *r){
  static const char *const keys[] = { "status", "reason", 0 };
  int64_t id;
  if( account_target(r, &id) ) return OK;
  const char *status = 0, *reason = 0;
  if( jin_object(r) || jin_str(r, "status", 1, 16, &status) || jin_str(r, "reason", 1, 500, &reason) || jin_known(r, keys) ) return OK;
  Err e = {0};
  /* the reason missing or too long is said with a status that is neither active nor inactive */
  if( jin_pending(r) ){ account_status_check(status, reason, &e); return jin_answer(r, &e); }
  Actor a = api_actor(r);
  int rc = account_set_status(r->db, &a, r->office_id, id, status, 0, reason, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_account(r, 200, id);
}

/* GET /api/v1/account-policy: the year-end rule and the lifetime of one-time links. */
int api_account_policy(Req *r){
  char rule[8];
  int hours;
  account_policy(r->db, r->office_id, rule, &hours);
  return reply_json(r, 200, "{\"year_end_rule\":%J,\"link_hours\":%d}", rule, hours);
}

/* PUT /api/v1/account-policy {year_end_rule, link_hours}: each member given replaces its
** setting; one left out is kept. */
int api_account_policy_set(Req *r){
  static const char *const keys[] = { "year_end_rule", "link_hours", 0 };
  const char *rule = 0;
  char was[8];
  int nh;
  if( jin_object(r) ) return OK;
  account_policy(r->db, r->office_id, was, &nh);
  json_t *h = json_object_get(r->json, "link_hours");
  if( h && !json_is_integer(h) ) jin_note(r, "link_hours", N_("must be a whole number"), 1);
  else if( h ) nh = (int)json_integer_value(h);
  if( jin_str(r, "year_end_rule", 0, 16, &rule) || jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = account_policy_set(r->db, &a, r->office_id, rule ? rule : was, nh, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return api_account_policy(r);
}

/* GET /api/v1/year-end?rule=: the PPK accounts the year-end batch would deactivate (for review). */
int api_year_end(Req *r){
  if( req_query_only(r, "rule") ) return OK;
  const char *rule = req_query(r, "rule");
  if( rule && *rule && strcmp(rule, "expired") && strcmp(rule, "all") ) return reply_invalid(r, "rule", "must be expired or all");
  Account *rows;
  int n = 0;
  const char *today = req_today(r);
  int rc = account_year_end_list(r->db, r->office_id, today, rule && *rule ? rule : 0, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, ','); account_json(&b, &rows[i]); }
  reply_json(r, 200, "{\"day\":%J,\"count\":%d,\"accounts\":[%R]}", today, n, buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/year-end {confirm:true, rule, expect}: deactivate them in one transaction. */
int api_year_end_run(Req *r){
  static const char *const keys[] = { "confirm", "rule", "expect", 0 };
  int confirm = 0, expect = -1;
  const char *rule = 0;
  if( jin_object(r) ) return OK;
  json_t *x = json_object_get(r->json, "expect");
  if( x && (!json_is_integer(x) || json_integer_value(x)<0 || json_integer_value(x)>10000000) ){
    jin_note(r, "expect", N_("must be a whole number"), 1);
  }else if( x ) expect = (int)json_integer_value(x);
  if( jin_bool(r, "confirm", &confirm) || jin_str(r, "rule", 0, 16, &rule) || jin_done(r, keys) ) return OK;
  if( !confirm ) return reply_invalid(r, "confirm", "must be true to carry the batch out");
  Actor a = api_actor(r);
  Err e = {0};
  int count = 0;
  const char *today = req_today(r);
  int rc = account_year_end(r->db, &a, r->office_id, today, rule && *rule ? rule : 0, expect, &count, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 200, "{\"day\":%J,\"deactivated\":%d}", today, count);
}

/* ---- requests for accounts ---- */

/* Append a request as JSON, with its checklist. */
static void acreq_json(Req *r, Buf *b, const Acreq *q){
  buf_printf(b, "{\"id\":%lld,\"kind\":%J,\"state\":%J,\"case\":%J,\"case_status\":%J,\"current_step\":%d,"
                "\"applicant\":{\"id\":%lld,\"name\":%J}",
             (long long)q->id, q->kind, q->state, q->case_number, q->case_status, q->current_step,
             (long long)q->person_id, q->person_name);
  json_opt(b, "agency", q->agency_name);
  json_opt(b, "email", q->email);
  json_opt(b, "user_id", q->user_id);
  json_opt(b, "lookup", q->lookup);
  json_opt(b, "sk_number", q->sk_number);     /* the decree (SK) the request gives */
  json_opt(b, "valid_from", q->valid_from);
  json_opt(b, "valid_until", q->valid_until);
  buf_printf(b, ",\"lang\":%J", q->lang);   /* the language of the applicant's e-mails */
  buf_puts(b, ",\"checklist\":[");
  const AcreqDoc *d = acreq_docs(q->kind);
  char *hay = arena_printf(&r->arena, " %s ", q->docs);
  for(int k=0; d[k].id; k++){
    char pad[64];
    snprintf(pad, sizeof pad, " %s ", d[k].id);
    buf_printf(b, "%R{\"doc\":%J,\"label\":%J,\"present\":%R}", k ? "," : "", d[k].id, T(r, d[k].label),
               strstr(hay, pad) ? "true" : "false");
  }
  buf_puts(b, "],\"missing\":[");
  char *m = arena_strdup(&r->arena, q->missing), *save = 0;
  int i = 0;
  for(char *t = strtok_r(m, " ", &save); t; t = strtok_r(0, " ", &save)) buf_printf(b, "%R%J", i++ ? "," : "", t);
  buf_puts(b, "]}");
}

/* Answer with one request. */
static int reply_acreq(Req *r, int status, int64_t id){
  Acreq q;
  if( acreq_get(r->db, r->office_id, id, &q, &r->arena)!=OK ) return reply_error(r, 404, "not_found", "id", "Not found");
  Buf b = BUF_INIT;
  acreq_json(r, &b, &q);
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* Read a new request's members (the same for staff and the portal); 1 when it answered 400. */
static int acreq_input(Req *r, AcreqIn *in, int portal, const char **office, const char **honeypot){
  static const char *const keys[] = { "kind", "channel", "name", "nip", "nik", "rank", "position", "address", "phone",
                                      "email", "agency", "user_id", "lookup", "sk_number", "valid_from", "valid_until",
                                      "docs", "letter_no", "letter_date", 0 };
  static const char *const portal_keys[] = { "kind", "name", "nip", "nik", "rank", "position", "address", "phone",
                                             "email", "agency", "user_id", "lookup", "sk_number", "valid_from",
                                             "valid_until", "docs", "office", "website", 0 };
  memset(in, 0, sizeof *in);
  const char **docs = 0;
  int ndocs = 0;
  if( jin_object(r) || jin_str(r, "kind", 1, 16, &in->kind) || (!portal && jin_str(r, "channel", 0, 16, &in->channel))
   || jin_str(r, "name", 0, 200, &in->name) || jin_str(r, "nip", 0, 32, &in->nip) || jin_str(r, "nik", 0, 32, &in->nik)
   || jin_str(r, "rank", 0, 64, &in->rank) || jin_str(r, "position", 0, 128, &in->position)
   || jin_str(r, "address", 0, 500, &in->address) || jin_str(r, "phone", 0, 32, &in->phone)
   || jin_str(r, "email", 0, 128, &in->email) || jin_str(r, "agency", 0, 200, &in->agency)
   || jin_str(r, "user_id", 0, 64, &in->user_id) || jin_str(r, "lookup", 0, 128, &in->lookup)
   || jin_str(r, "sk_number", 0, 128, &in->sk_number) || jin_str(r, "valid_from", 0, 10, &in->valid_from)
   || jin_str(r, "valid_until", 0, 10, &in->valid_until) || jin_strlist(r, "docs", &docs, &ndocs)
   || (!portal && (jin_str(r, "letter_no", 0, 100, &in->letter_no) || jin_str(r, "letter_date", 0, 40, &in->letter_date)))
   || (portal && (jin_str(r, "office", 0, 32, office) || jin_str(r, "website", 0, 400, honeypot)))
   || jin_known(r, portal ? portal_keys : keys) ) return 1;
  /* the spaces around what was typed or pasted are none of it, as the page's form takes it */
  const char **all[] = { &in->name, &in->nip, &in->nik, &in->rank, &in->position, &in->address, &in->phone,
                         &in->email, &in->agency, &in->user_id, &in->lookup, &in->sk_number };
  for(size_t i=0; i<COUNT(all); i++) *all[i] = api_trim(r, *all[i]);
  in->docs = docs;
  in->ndocs = ndocs;
  if( portal ) in->channel = "portal";
  /* what the JSON layer finds said with what the request's own check finds: every field at once */
  if( jin_pending(r) ){
    Err e = {0};
    if( in->ndocs<0 ) in->ndocs = 0;
    char today[11];
    if( !portal && r->office_tz ){ register_today(today, time_now(), r->office_tz); in->today = today; }
    acreq_in_check(in, portal, &e);
    in->today = 0;
    jin_answer(r, &e);
    return 1;
  }
  return 0;
}

/* GET /api/v1/account-requests?state=: requests, newest first. */
int api_account_requests(Req *r){
  if( req_query_only(r, "state limit before") ) return OK;
  const char *state = req_query(r, "state");
  static const char *const states[] = { "received", "returned", "checked", "approved", "done", "notified", "archived",
                                        "cancelled", 0 };
  if( state && *state && !util_in_list(states, state) )
    return reply_error(r, 400, "invalid", "state", "state is one of received, returned, checked, approved, done, notified, archived, cancelled");
  int64_t limit, before;
  if( req_query_int(r, "before", 1, INT64_MAX, 0, &before) || req_query_int(r, "limit", 1, 1000, 100, &limit) ) return OK;
  Acreq *rows;
  int n;
  /* one row more than asked says whether a next page exists (next_before is null on the last) */
  int rc = acreq_list(r->db, r->office_id, state, before, (int)limit + 1, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n && i<limit; i++){ if( i ) buf_putc(&b, ','); acreq_json(r, &b, &rows[i]); }
  char next[24] = "null";
  if( n>limit ) snprintf(next, sizeof next, "%lld", (long long)rows[limit-1].id);
  reply_json(r, 200, "{\"requests\":[%R],\"next_before\":%R}", buf_str(&b), next);
  buf_free(&b);
  return OK;
}

/* POST /api/v1/account-requests: a request entered by staff from a letter (or e-mail, walk-in). */
int api_account_request_open(Req *r){
  AcreqIn in;
  if( acreq_input(r, &in, 0, 0, 0) ) return OK;
  in.lang = r->cfg->default_lang;   /* entered by staff: the office's default */
  Actor a = api_actor(r);
  Err e = {0};
  int64_t id = 0;
  int rc = acreq_open(r->db, &a, r->office_id, &in, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_acreq(r, 201, id);
}

/* POST /api/v1/portal/account-requests: a request from the public portal, guarded as the portal's
** other forms are (submissions per address, a hidden field robots fill); office: its code (default
** the first). */
int api_portal_account_request(Req *r){
  int wait = 0;
  AcreqIn in;
  const char *office = 0, *honeypot = 0;
  if( acreq_input(r, &in, 1, &office, &honeypot) ) return OK;
  in.lang = r->lang;   /* its e-mails in the language it was asked in */
  if( honeypot && *honeypot ) return reply_error(r, 400, "rejected", "website", "The submission was refused");
  Office o;
  if( portal_office(r->db, office, &o)!=OK ) return reply_error(r, 404, "not_found", "office", "No such office");
  Actor a = { 0, "portal", o.id, r->ip };
  Err e = {0};
  int64_t id = 0;
  int rc = acreq_portal_open(r->db, &a, o.id, &in, &wait, &id, &e);
  if( rc==ERR_THROTTLED ) return reply_throttled(r, wait, "Too many submissions from this address: try again later");
  if( rc!=OK ) return api_fail(r, rc, &e);
  /* the same answer whether or not the user ID, NIP or e-mail is in the register */
  return reply_json(r, 202, "{\"received\":true,\"kind\":%J}", in.kind);
}

/* The request named in the path: its id, all digits; else answers 404 naming id ("1x" is no id). */
static int acreq_target(Req *r, int64_t *id){
  *id = req_param_id(r, "id");
  if( *id==0 ){
    reply_error(r, 404, "not_found", "id", "Not found");
    return ERR_NOTFOUND;
  }
  return OK;
}

/* GET /api/v1/account-requests/:id. */
int api_account_request(Req *r){
  int64_t id;
  if( acreq_target(r, &id) ) return OK;
  return reply_acreq(r, 200, id);
}

/* Answer an action's failure: no such request of this office is 404 naming id. */
static int acreq_fail(Req *r, int rc, const Err *e){
  if( rc==ERR_NOTFOUND && (e==0 || e->field==0) ) return reply_error(r, 404, "not_found", "id", "Not found");
  return api_fail(r, rc, e);
}

/* Answer an action's result: the request as it is now. */
static int acreq_done(Req *r, int rc, const Err *e, int64_t id){
  if( rc!=OK ) return acreq_fail(r, rc, e);
  return reply_acreq(r, 200, id);
}

/* POST /api/v1/account-requests/:id/check {docs, note, replace}: the completeness check. */
int api_account_request_check(Req *r){
  int64_t id;
  if( acreq_target(r, &id) ) return OK;
  static const char *const keys[] = { "docs", "note", "replace", 0 };
  const char **docs = 0, *note = 0;
  int n = 0, replace = 0;
  if( jin_object(r) || jin_strlist(r, "docs", &docs, &n) || jin_str(r, "note", 0, ACREQ_NOTE_MAX, &note)
   || jin_bool(r, "replace", &replace) || jin_done(r, keys) ) return OK;
  if( n<0 ) n = 0;
  Actor a = api_actor(r);
  Err e = {0};
  return acreq_done(r, acreq_check(r->db, &a, r->office_id, id, docs, n, replace, note, &e), &e, id);
}

/* POST /api/v1/account-requests/:id/resubmit {docs, note, at}: the applicant completed the file
** (at: when it came back, if not now). */
int api_account_request_resubmit(Req *r){
  int64_t id;
  if( acreq_target(r, &id) ) return OK;
  static const char *const keys[] = { "docs", "note", "at", 0 };
  const char **docs = 0, *note = 0, *at = 0;
  int n = 0;
  if( jin_object(r) || jin_strlist(r, "docs", &docs, &n) || jin_str(r, "note", 0, ACREQ_NOTE_MAX, &note)
   || jin_str(r, "at", 0, 40, &at) || jin_done(r, keys) ) return OK;
  if( n<0 ) n = 0;
  Actor a = api_actor(r);
  Err e = {0};
  return acreq_done(r, acreq_resubmit(r->db, &a, r->office_id, id, docs, n, note, api_trim(r, at), r->office_tz, &e), &e, id);
}

/* POST /api/v1/account-requests/:id/approve {approve, note}: OI-03/04/05 step 3. */
int api_account_request_approve(Req *r){
  int64_t id;
  if( acreq_target(r, &id) ) return OK;
  static const char *const keys[] = { "approve", "note", 0 };
  int yes = -1;
  const char *note = 0;
  if( jin_object(r) || jin_bool(r, "approve", &yes) || jin_str(r, "note", 0, ACREQ_NOTE_MAX, &note) || jin_done(r, keys) ) return OK;
  if( yes<0 ) return reply_invalid(r, "approve", "is required");
  Actor a = api_actor(r);
  Err e = {0};
  return acreq_done(r, acreq_approve(r->db, &a, r->office_id, id, yes, note, &e), &e, id);
}

/* POST /api/v1/account-requests/:id/execute {user_id}: carried out; the one-time link given once. */
int api_account_request_execute(Req *r){
  int64_t id;
  if( acreq_target(r, &id) ) return OK;
  static const char *const keys[] = { "user_id", 0 };
  const char *uid = 0;
  if( jin_object(r) || jin_str(r, "user_id", 0, 64, &uid) || jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  char token[65];
  int rc = acreq_execute(r->db, &a, r->office_id, id, uid, token, &e);
  if( rc!=OK ) return acreq_fail(r, rc, &e);
  Acreq q;
  if( acreq_get(r->db, r->office_id, id, &q, &r->arena)!=OK ) return api_fail(r, ERR_DB, 0);
  Buf b = BUF_INIT;
  acreq_json(r, &b, &q);
  b.n--;
  if( token[0] ) buf_printf(&b, ",\"link\":\"/kredensial/%j\"}", token);
  else buf_puts(&b, ",\"link\":null}");
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* The letter as a PDF into r->out; the secret wiped from memory (web/accounts.c does the same). */
static int sealed_letter_render(Req *r, AcreqLetter *l){
  char when[96];
  time_fmt_human(when, sizeof when, time_now(), r->office_tz, "id");
  SealedLetter s = { l->office, l->number, l->kind, l->name, l->nip, l->agency, l->user_id, l->secret, when };
  int rc = sealed_letter_pdf(&r->out, &s);
  memset(l->secret, 0, sizeof l->secret);
  if( rc!=OK ) buf_reset(&r->out);
  return rc;
}

/* POST /api/v1/account-requests/:id/letter: instead of the link, the sealed letter (application/pdf), once. */
int api_account_request_letter(Req *r){
  int64_t id;
  if( acreq_target(r, &id) ) return OK;
  if( jin_empty(r) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  AcreqLetter l;
  int rc = acreq_letter(r->db, &a, r->office_id, id, &l, &r->arena, &e);
  if( rc!=OK ) return acreq_fail(r, rc, &e);
  buf_reset(&r->out);
  rc = sealed_letter_render(r, &l);
  if( rc!=OK ) return api_fail(r, rc, 0);
  req_set_header(r, "X-Handover-Form", l.handover);    /* the handover form entered for the letter */
  return reply_download(r, 200, "application/pdf", arena_printf(&r->arena, "surat-tertutup-%lld.pdf", (long long)id));
}

/* POST /api/v1/account-requests/:id/notify: the notice to the applicant. */
int api_account_request_notify(Req *r){
  int64_t id;
  if( acreq_target(r, &id) ) return OK;
  if( jin_empty(r) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  return acreq_done(r, acreq_notify(r->db, &a, r->office_id, id, req_base_url(r), &e), &e, id);
}

/* POST /api/v1/account-requests/:id/archive. */
int api_account_request_archive(Req *r){
  int64_t id;
  if( acreq_target(r, &id) ) return OK;
  if( jin_empty(r) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  return acreq_done(r, acreq_archive(r->db, &a, r->office_id, id, &e), &e, id);
}

/* ---- one-time links ---- */

/* The answer for a link that cannot be opened. */
static int cred_refused(Req *r, int rc){
  if( rc==ERR_CONFLICT ) return reply_error(r, 410, "gone", "token", "This link has been opened already");
  if( rc==ERR_TOOBIG ) return reply_error(r, 410, "gone", "token", "This link has expired");
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "token", "Not found");
  return api_fail(r, rc, 0);
}

/* GET /api/v1/credentials/:token: whether the link can still be opened (the look is logged). */
int api_credential_peek(Req *r){
  Actor a = { 0, "anonymous", 0, r->ip };
  int64_t exp = 0;
  int rc = cred_peek(r->db, &a, req_param(r, "token"), &exp, 0);
  if( rc!=OK ) return cred_refused(r, rc);
  char iso[32];
  time_fmt_iso(iso, sizeof iso, exp);
  return reply_json(r, 200, "{\"usable\":true,\"expires_at\":%J}", iso);
}

/* POST /api/v1/credentials/:token: open the link once — the user ID and the secret. */
int api_credential_open(Req *r){
  if( jin_empty(r) ) return OK;   /* no body, or {}: a member it does not know is 400, the link kept */
  Actor a = { 0, "anonymous", 0, r->ip };
  char uid[80], secret[64];
  int rc = cred_open(r->db, &a, req_param(r, "token"), uid, sizeof uid, secret, sizeof secret);
  if( rc!=OK ) return cred_refused(r, rc);
  reply_json(r, 200, "{\"user_id\":%J,\"password\":%J}", uid, secret);
  memset(secret, 0, sizeof secret);
  return OK;
}
