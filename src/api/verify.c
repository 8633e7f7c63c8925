/*
** verify.c — provider verification (OI-01) through the API: the portal's days
** and booking (public, rate-limited per address), the day's appointments, the
** office's settings, checklist and blacklist, each verification and the
** actions that walk it, the card as a PDF, and the public check of a card's
** code. desk/verify.c checks the values and writes the audit log.
*/
#include "api.h"
#include "../desk/directory.h"
#include "../desk/verify.h"
#include "../report/card.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The office a public request is about: ?office=CODE, else the first office. */
static int vapi_office(Req *r, Office *o){
  const char *code = req_query(r, "office");
  int rc = code && *code ? office_by_code(r->db, code, o) : office_first(r->db, o);
  if( rc!=OK ) reply_error(r, 404, "not_found", "office", "No such office");
  return rc;
}

/* An ISO time, or null for 0. */
static const char *vapi_iso(Req *r, int64_t t){
  if( t==0 ) return 0;
  char *z = arena_alloc(&r->arena, 32);
  time_fmt_iso(z, 32, t);
  return z;
}

/* The address of the public page that confirms a card. */
const char *verify_card_url(Req *r, const char *code){
  return arena_printf(&r->arena, "%s/kartu/%s", req_base_url(r), code);
}

/* Append an appointment as JSON. */
static void appt_json(Req *r, Buf *b, const VerifyAppt *w){
  buf_printf(b, "{\"id\":%lld,\"verification\":%lld,\"day\":%J,\"queue_no\":%d,\"status\":%J,\"company\":%J,"
                "\"npwp\":%J,\"contact\":%J,\"email\":%J,\"phone\":%J,\"verification_status\":%J,\"booked_at\":%J,"
                "\"lang\":%J}",
             (long long)w->id, (long long)w->verification_id, w->day, w->queue_no, w->status, w->company, w->npwp,
             w->contact, w->email, *w->phone ? w->phone : NULL, w->vstatus, vapi_iso(r, w->booked_at), w->lang);
}

/* Append a verification as JSON (the stable surface of this feature). */
void verify_json(Req *r, Buf *b, const Verification *v){
  buf_printf(b, "{\"id\":%lld,\"status\":%J,\"company\":%J,\"npwp\":%J,\"nib\":%J,\"address\":%J,\"deed\":%J,"
                "\"director\":%J,\"contact\":%J,\"email\":%J,\"phone\":%J,\"spse_user\":%J,\"registered_at\":%J,"
                "\"lapse_at\":%J,\"created_at\":%J,\"case\":%J,\"step\":%d,\"held\":%R,\"lang\":%J,",
             (long long)v->id, v->status, v->company, v->npwp, v->nib, v->address, v->deed, v->director, v->contact,
             v->email, v->phone, v->spse_user, vapi_iso(r, v->registered_at), vapi_iso(r, v->lapse_at),
             vapi_iso(r, v->created_at), *v->case_number ? v->case_number : NULL, v->case_step,
             v->case_held ? "true" : "false", v->lang);
  if( *v->appt_day ) buf_printf(b, "\"appointment\":{\"day\":%J,\"queue_no\":%d},", v->appt_day, v->queue_no);
  else buf_puts(b, "\"appointment\":null,");
  buf_printf(b, "\"checked\":%R,\"items\":[", v->checked ? "true" : "false");
  for(int i=0; i<v->nitems; i++){
    const CheckItem *w = &v->items[i];
    buf_printf(b, "%R{\"no\":%d,\"title\":%J,\"required\":%R,\"present\":%R,\"matches\":%R,\"scans\":[", i ? "," : "",
               w->no, w->title, w->required ? "true" : "false", w->present ? "true" : "false", w->matches ? "true" : "false");
    int k = 0;
    for(int s=0; s<v->nscans; s++){
      if( v->scans[s].item_no!=w->no ) continue;
      buf_printf(b, "%R{\"id\":%lld,\"name\":%J,\"mime\":%J,\"size\":%lld,\"sha256\":%J}", k++ ? "," : "",
                 (long long)v->scans[s].attachment_id, v->scans[s].name, v->scans[s].mime, (long long)v->scans[s].size,
                 v->scans[s].sha256);
    }
    buf_puts(b, "]}");
  }
  buf_puts(b, "],\"missing\":[");
  for(int i=0, k=0; i<v->nitems; i++){
    const CheckItem *w = &v->items[i];
    if( v->checked && w->required && !(w->present && w->matches) ) buf_printf(b, "%R%d", k++ ? "," : "", w->no);
  }
  buf_printf(b, "],\"returned_at\":%J,\"blacklist\":%J,\"number\":%J,\"decided_at\":%J,\"decided_by\":%J,\"card\":",
             vapi_iso(r, v->returned_at), *v->blacklist ? v->blacklist : NULL, *v->number ? v->number : NULL,
             vapi_iso(r, v->decided_at), *v->decided_by ? v->decided_by : NULL);
  if( v->card_id ){
    char code[VERIFY_CODE_MAX];
    verify_card_code(v->office_id, v->card_id, v->number, code);
    buf_printf(b, "{\"issued_at\":%J,\"officer\":%J,\"copies\":%d,\"handover\":%J,\"url\":%J,\"pdf\":\"/api/v1/verifications/%lld/card.pdf\"}",
               vapi_iso(r, v->card_issued_at), v->card_officer, v->card_copies, v->handover_number,
               *code ? verify_card_url(r, code) : NULL, (long long)v->id);
  }else buf_puts(b, "null");
  buf_puts(b, "}");
}

/* The verification named by the path's :id, of the caller's office; else answers 404. */
static int vapi_target(Req *r, Verification *v){
  int64_t id = req_param_id(r, "id");
  if( id==0 || verify_get(r->db, r->office_id, id, v, &r->arena)!=OK ){
    reply_error(r, 404, "not_found", "id", "No such verification");
    return ERR_NOTFOUND;
  }
  return OK;
}

/* Answer with a verification as stored now. */
static int vapi_reply(Req *r, int status, int64_t id){
  Verification v;
  int rc = verify_get(r->db, r->office_id, id, &v, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  verify_json(r, &b, &v);
  reply_json(r, status, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* Read the provider's fields of a JSON body into in (booking: the day too); a value missing or too
** long is answered with what the provider's own check finds (the office's settings and zone read,
** nothing written): every wrong field at once. ERR_INVALID when answered. */
static int vapi_input(Req *r, VerifyInput *in, int booking, int64_t office_id){
  static const char *const keys[] = { "company", "npwp", "nib", "email", "phone", "contact", "spse_user",
                                      "registered_on", "day", 0 };
  static const char *const keys_walkin[] = { "company", "npwp", "nib", "email", "phone", "contact", "spse_user",
                                             "registered_on", 0 };
  memset(in, 0, sizeof *in);
  if( jin_object(r) || jin_str(r, "company", 1, 200, &in->company) || jin_str(r, "npwp", 1, 32, &in->npwp)
   || jin_str(r, "nib", 0, 13, &in->nib) || jin_str(r, "email", 1, 254, &in->email)
   || jin_str(r, "phone", 0, 32, &in->phone) || jin_str(r, "contact", 1, 128, &in->contact)
   || jin_str(r, "spse_user", 0, 64, &in->spse_user) || jin_str(r, "registered_on", 0, 10, &in->registered_on)
   || (booking && jin_str(r, "day", 0, 10, &in->day)) || jin_known(r, booking ? keys : keys_walkin) ) return ERR_INVALID;
  /* the spaces around what was typed or pasted are none of it, as the page's form takes it */
  const char **all[] = { &in->company, &in->npwp, &in->nib, &in->email, &in->phone, &in->contact, &in->spse_user };
  for(size_t i=0; i<COUNT(all); i++) *all[i] = api_trim(r, *all[i]);
  if( jin_pending(r) ){
    Err e = {0};
    verify_input_check(r->db, office_id, in, &e);
    return jin_answer(r, &e);
  }
  in->ip = r->ip;
  return OK;
}

/* GET /api/v1/portal/verification/days[?office=CODE]: the days one may book. */
int api_portal_verify_days(Req *r){
  if( req_query_only(r, "office") ) return OK;
  Office o;
  if( vapi_office(r, &o) ) return OK;
  VerifyDay *d;
  int n;
  int rc = verify_days(r->db, o.id, time_now(), &d, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    buf_printf(&b, "%R{\"day\":%J,\"capacity\":%d,\"booked\":%d,\"free\":%d}", i ? "," : "", d[i].day, d[i].capacity,
               d[i].booked, d[i].free);
  }
  reply_json(r, 200, "{\"office\":%J,\"days\":[%R]}", o.code, buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/portal/verification/appointments[?office=CODE]: book a day. */
int api_portal_verify_book(Req *r){
  Office o;
  if( vapi_office(r, &o) ) return OK;
  VerifyInput in;
  if( vapi_input(r, &in, 1, o.id) ) return OK;
  Actor a = api_actor(r);
  a.office_id = o.id;
  Err e = {0};
  VerifyAppt w;
  in.base_url = req_office_base_url(r, o.id);
  in.lang = r->lang;   /* the provider's e-mails in the language it was asked in */
  int rc = verify_book(r->db, &a, o.id, &in, &w, &r->arena, &e);
  if( rc==ERR_THROTTLED ) req_retry_after(r, 3600);
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  appt_json(r, &b, &w);
  reply_json(r, 201, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/portal/verification/cancel/:token: the provider cancels the appointment with the
** token of the confirmation mail's link; the place is freed. */
int api_portal_verify_cancel(Req *r){
  if( jin_empty(r) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  VerifyAppt w;
  int rc = verify_appt_cancel(r->db, &a, req_param(r, "token"), &w, &r->arena, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 200, "{\"day\":%J,\"queue_no\":%d,\"status\":%J}", w.day, w.queue_no, w.status);
}

/* GET /api/v1/verification/appointments?day=YYYY-MM-DD: the day's list (today by default). */
int api_verify_appointments(Req *r){
  if( req_query_only(r, "day") ) return OK;
  const char *day = req_query(r, "day");
  char today[11];
  int64_t t;
  if( day==0 || *day==0 ){ register_today(today, time_now(), r->office_tz); day = today; }
  else if( time_parse_day(day, r->office_tz, &t)!=OK ) return reply_error(r, 400, "invalid", "day", "Write a real date from 1970 on, as YYYY-MM-DD");
  VerifyAppt *rows;
  int n;
  int rc = verify_appointments(r->db, r->office_id, day, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ if( i ) buf_putc(&b, ','); appt_json(r, &b, &rows[i]); }
  reply_json(r, 200, "{\"day\":%J,\"appointments\":[%R]}", day, buf_str(&b));
  buf_free(&b);
  return OK;
}

/* The settings as JSON. */
static int vapi_settings_reply(Req *r){
  VerifySettings s;
  if( verify_settings_get(r->db, r->office_id, &s)!=OK ) return api_fail(r, ERR_DB, 0);
  reply_json(r, 200, "{\"card_copies\":%d,\"lapse_days\":%d,\"warn_days\":%d,\"ahead_days\":%d,\"book_limit\":%d,"
                     "\"capacity\":[%d,%d,%d,%d,%d,%d,%d]}", s.card_copies, s.lapse_days, s.warn_days, s.ahead_days,
             s.book_limit, s.capacity[0], s.capacity[1], s.capacity[2], s.capacity[3], s.capacity[4], s.capacity[5],
             s.capacity[6]);
  return OK;
}

/* GET /api/v1/verification/settings. */
int api_verify_settings(Req *r){
  return vapi_settings_reply(r);
}

/* Take a whole number member (absent leaves *out). */
static int vapi_int(Req *r, const char *key, int *out){
  json_t *v = json_object_get(r->json, key);
  if( v==0 ) return OK;
  if( !json_is_integer(v) || json_integer_value(v)<-100000 || json_integer_value(v)>100000 ){
    jin_note(r, key, N_("must be a whole number"), 1);
    return OK;
  }
  *out = (int)json_integer_value(v);
  return OK;
}

/* PUT /api/v1/verification/settings: any of the settings; capacity as 7 numbers, Sunday first. */
int api_verify_settings_set(Req *r){
  static const char *const keys[] = { "card_copies", "lapse_days", "warn_days", "ahead_days", "book_limit", "capacity", 0 };
  VerifySettings s;
  if( verify_settings_get(r->db, r->office_id, &s)!=OK ) return api_fail(r, ERR_DB, 0);
  if( jin_object(r) || vapi_int(r, "card_copies", &s.card_copies) || vapi_int(r, "lapse_days", &s.lapse_days)
   || vapi_int(r, "warn_days", &s.warn_days) || vapi_int(r, "ahead_days", &s.ahead_days)
   || vapi_int(r, "book_limit", &s.book_limit) ) return OK;
  json_t *cap = json_object_get(r->json, "capacity");
  for(int i=0; cap && i<7; i++){   /* its shape said with the members' other problems */
    json_t *x = json_array_get(cap, (size_t)i);
    if( !json_is_array(cap) || json_array_size(cap)!=7 || !json_is_integer(x) ){
      jin_note(r, "capacity", N_("capacity must be a list of 7 whole numbers, Sunday first"), 1);
      break;
    }
    s.capacity[i] = json_integer_value(x)>100000 || json_integer_value(x)<-1 ? -1 : (int)json_integer_value(x);
  }
  if( jin_done(r, keys) ) return OK;
  Err e = {0};
  /* lapse_days given alone, at or below the warning kept: the field at fault is the one sent (the
  ** warning kept is not), said with the other settings' problems */
  if( json_object_get(r->json, "lapse_days") && !json_object_get(r->json, "warn_days")
   && s.lapse_days>=1 && s.lapse_days<=365 && s.warn_days>=s.lapse_days ){
    Err all = {0};
    err_add(&e, "lapse_days", N_("must be more than warn_days"));
    verify_settings_check(&s, &all);
    for(int i=0; i<err_count(&all); i++){
      ErrItem it = err_item(&all, i);
      if( !util_str_eq(it.field, "warn_days") ) err_add_item(&e, it.field, &it);
    }
    return api_fail(r, ERR_INVALID, &e);
  }
  Actor a = api_actor(r);
  int rc = verify_settings_set(r->db, &a, r->office_id, &s, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return vapi_settings_reply(r);
}

/* The checklist as JSON. */
static int vapi_checklist_reply(Req *r){
  CheckItem *items;
  int n;
  if( verify_checklist_get(r->db, r->office_id, &items, &n, &r->arena)!=OK ) return api_fail(r, ERR_DB, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    buf_printf(&b, "%R{\"no\":%d,\"title\":%J,\"required\":%R}", i ? "," : "", items[i].no, items[i].title,
               items[i].required ? "true" : "false");
  }
  reply_json(r, 200, "{\"items\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/verification/checklist. */
int api_verify_checklist(Req *r){
  return vapi_checklist_reply(r);
}

/* PUT /api/v1/verification/checklist {"items":[{"title","required"}…]}: the office's list, numbered in order. */
int api_verify_checklist_set(Req *r){
  static const char *const keys[] = { "items", 0 };
  if( jin_object(r) ) return OK;
  json_t *list = json_object_get(r->json, "items");
  int n = 0;
  CheckItem *items = 0;
  /* the list's shape said with the body's other problems */
  if( !json_is_array(list) || json_array_size(list)<1 || json_array_size(list)>VERIFY_ITEMS_MAX ){
    jin_note(r, "items", N_("items must be a list of 1 to 40 items"), list && !json_is_null(list) && !json_is_array(list));
  }else{
    items = arena_alloc(&r->arena, sizeof *items * json_array_size(list));
    for(size_t i=0; i<json_array_size(list); i++){
      json_t *x = json_array_get(list, i), *t = json_object_get(x, "title"), *q = json_object_get(x, "required");
      if( !json_is_object(x) || !json_is_string(t) || (q && !json_is_boolean(q)) || json_object_size(x)!=(q ? 2u : 1u) ){
        jin_note(r, "items", N_("each item is {\"title\": text, \"required\": true|false}"), 1);
        break;
      }
      items[n] = (CheckItem){ .no = n+1, .title = json_string_value(t), .required = q ? json_is_true(q) : 1 };
      n++;
    }
  }
  if( jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = verify_checklist_set(r->db, &a, r->office_id, items, n, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return vapi_checklist_reply(r);
}

/* The blacklist as JSON. */
static int vapi_blacklist_reply(Req *r, int status){
  BlackEntry *rows;
  int n;
  if( verify_blacklist_list(r->db, r->office_id, 5000, &rows, &n, &r->arena)!=OK ) return api_fail(r, ERR_DB, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    buf_printf(&b, "%R{\"npwp\":%J,\"name\":%J,\"reason\":%J,\"until\":%J}", i ? "," : "", rows[i].npwp, rows[i].name,
               rows[i].reason, *rows[i].until ? rows[i].until : NULL);
  }
  reply_json(r, status, "{\"count\":%d,\"entries\":[%R]}", n, buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/verification/blacklist. */
int api_verify_blacklist(Req *r){
  if( req_query_only(r, "") ) return OK;
  return vapi_blacklist_reply(r, 200);
}

/* PUT /api/v1/verification/blacklist {"csv": "npwp,name,reason,until\n…"}: replace the list, all or nothing. */
int api_verify_blacklist_set(Req *r){
  static const char *const keys[] = { "csv", 0 };
  const char *csv;
  if( jin_object(r) || jin_str(r, "csv", 1, 8u<<20, &csv) || jin_done(r, keys) ) return OK;
  BlackEntry *rows;
  int n;
  char err[2048];   /* the first wrong lines of the file */
  BlackBad bad;
  if( verify_blacklist_parse(csv, strlen(csv), &rows, &n, &r->arena, r->lang, err, sizeof err, &bad)!=OK ){   /* every wrong line in "lines" */
    int kept = bad.n<BLACK_BAD_MAX ? bad.n : BLACK_BAD_MAX;
    return reply_error_lines(r, 400, "invalid", "csv", arena_strdup(&r->arena, err), bad.line, kept, bad.n-kept);
  }
  Actor a = api_actor(r);
  int rc = verify_blacklist_import(r->db, &a, r->office_id, rows, n);
  if( rc!=OK ) return api_fail(r, rc, 0);
  return vapi_blacklist_reply(r, 200);
}

/* GET /api/v1/verifications?status=: the office's verifications, newest first. */
int api_verifications(Req *r){
  if( req_query_only(r, "status limit") ) return OK;
  const char *st = req_query(r, "status");
  static const char *const states[] = { "waiting", "checking", "returned", "approved", "rejected", "lapsed", "cancelled", 0 };
  if( st && *st && !util_in_list(states, st) ) return reply_error(r, 400, "invalid", "status", "status is one of waiting, checking, returned, approved, rejected, lapsed");
  int64_t limit;
  if( req_query_int(r, "limit", 1, 500, 100, &limit) ) return OK;
  Verification *rows;
  int n;
  int rc = verify_list(r->db, r->office_id, st, (int)limit, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    Verification *v = &rows[i];
    buf_printf(&b, "%R{\"id\":%lld,\"status\":%J,\"company\":%J,\"npwp\":%J,\"case\":%J,\"number\":%J,\"lapse_at\":%J,\"lang\":%J}",
               i ? "," : "", (long long)v->id, v->status, v->company, v->npwp, *v->case_number ? v->case_number : NULL,
               *v->number ? v->number : NULL, vapi_iso(r, v->lapse_at), v->lang);
  }
  reply_json(r, 200, "{\"verifications\":[%R]}", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/verifications: a provider come without an appointment. */
int api_verification_create(Req *r){
  VerifyInput in;
  if( vapi_input(r, &in, 0, r->office_id) ) return OK;
  in.lang = r->cfg->default_lang;   /* come to the desk: the office's default */
  Actor a = api_actor(r);
  Err e = {0};
  int64_t id;
  int rc = verify_walk_in(r->db, &a, r->office_id, &in, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return vapi_reply(r, 201, id);
}

/* GET /api/v1/verifications/:id. */
int api_verification(Req *r){
  Verification v;
  if( vapi_target(r, &v) ) return OK;
  Buf b = BUF_INIT;
  verify_json(r, &b, &v);
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* The officer's name for the card: the full name, else the username. */
static const char *vapi_officer(Req *r){
  return r->full_name && *r->full_name ? r->full_name : r->username;
}

/* POST /api/v1/verifications/:id/ACTION: arrive, agenda, return, resume, approve, card (no input). */
int api_verification_action(Req *r){
  Verification v;
  if( vapi_target(r, &v) ) return OK;
  if( jin_empty(r) ) return OK;
  const char *act = strrchr(r->path, '/') + 1;
  Actor a = api_actor(r);
  Err e = {0};
  int rc;
  if( strcmp(act, "arrive")==0 ) rc = verify_arrive(r->db, &a, r->office_tz, &v, &e);
  else if( strcmp(act, "agenda")==0 ) rc = verify_agenda(r->db, &a, r->office_tz, &v, &e);
  else if( strcmp(act, "return")==0 ) rc = verify_return(r->db, &a, &v, &e);
  else if( strcmp(act, "resume")==0 ) rc = verify_resume(r->db, &a, &v, &e);
  else if( strcmp(act, "approve")==0 ) rc = verify_approve(r->db, &a, &v, &e);
  else if( strcmp(act, "card")==0 ) rc = verify_card_issue(r->db, &a, r->office_tz, vapi_officer(r), &v, &e);
  else return reply_error(r, 404, "not_found", 0, "Not found");
  if( rc!=OK ) return api_fail(r, rc, &e);
  return vapi_reply(r, 200, v.id);
}

/* POST /api/v1/verifications/:id/registration {spse_user, registered_on, nib, address, deed, director}. */
int api_verification_registration(Req *r){
  static const char *const keys[] = { "spse_user", "registered_on", "nib", "address", "deed", "director", 0 };
  Verification v;
  if( vapi_target(r, &v) ) return OK;
  VerifyRegData d;
  memset(&d, 0, sizeof d);
  if( r->body.n && (jin_object(r) || jin_str(r, "spse_user", 0, 64, &d.spse_user)
   || jin_str(r, "registered_on", 0, 10, &d.registered_on) || jin_str(r, "nib", 0, 13, &d.nib)
   || jin_str(r, "address", 0, 300, &d.address) || jin_str(r, "deed", 0, 300, &d.deed)
   || jin_str(r, "director", 0, 128, &d.director) || jin_done(r, keys)) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = verify_registration(r->db, &a, &v, &d, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return vapi_reply(r, 200, v.id);
}

/* POST /api/v1/verifications/:id/documents {"items":[{"no","present","matches"}…]}: the marks. */
int api_verification_documents(Req *r){
  static const char *const keys[] = { "items", 0 };
  Verification v;
  if( vapi_target(r, &v) ) return OK;
  if( jin_object(r) || jin_done(r, keys) ) return OK;
  json_t *list = json_object_get(r->json, "items");
  if( !json_is_array(list) || json_array_size(list)>VERIFY_ITEMS_MAX ){
    return reply_error(r, 400, "invalid", "items", "items must be a list of {no, present, matches}");
  }
  int n = (int)json_array_size(list);
  CheckItem *marks = arena_alloc(&r->arena, sizeof *marks * (size_t)(n ? n : 1));
  for(int i=0; i<n; i++){
    json_t *x = json_array_get(list, (size_t)i), *no = json_object_get(x, "no"), *p = json_object_get(x, "present"),
           *m = json_object_get(x, "matches");
    if( !json_is_object(x) || !json_is_integer(no) || !json_is_boolean(p) || (m && !json_is_boolean(m))
     || json_object_size(x)!=(m ? 3u : 2u) ){
      return reply_error(r, 400, "invalid", "items", "items must be a list of {no, present, matches}");
    }
    memset(&marks[i], 0, sizeof marks[i]);
    /* kept as sent (within an int), so that a refusal says the number sent */
    json_int_t k = json_integer_value(no);
    marks[i].no = k>INT_MAX ? INT_MAX : k<-INT_MAX ? -INT_MAX : (int)k;
    marks[i].present = json_is_true(p);
    marks[i].matches = m ? json_is_true(m) : 0;
  }
  Actor a = api_actor(r);
  Err e = {0};
  int rc = verify_documents(r->db, &a, &v, marks, n, &r->arena, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return vapi_reply(r, 200, v.id);
}

/* POST /api/v1/verifications/:id/scans (multipart: item, file): the scan of one document. */
int api_verification_scan(Req *r){
  Verification v;
  if( vapi_target(r, &v) ) return OK;
  const Field *f = req_form_field(r, "file");
  if( f==0 || f->filename==0 ) return reply_error(r, 400, "invalid", "file", "Send the file as multipart/form-data in the field named file");
  const char *item = req_form(r, "item");
  char *end;
  long no = item ? strtol(item, &end, 10) : 0;
  if( item==0 || *end || no<1 || no>VERIFY_ITEMS_MAX ) return reply_error(r, 400, "invalid", "item", "item is the number of the checklist item");
  Actor a = api_actor(r);
  Err e = {0};
  VerifyScan s;
  int rc = verify_scan_add(r->db, &a, &v, (int)no, f->filename, f->value, f->len, r->cfg->attachment_limit, &s,
                           &r->arena, &e);
  if( rc==ERR_TYPE ){
    return reply_error(r, 415, "unsupported_type", "file",
                       arena_printf(&r->arena, "%s %s", T(r, "This type of file is not accepted:"), s.mime ? s.mime : "?"));
  }
  if( rc!=OK ) return api_fail(r, rc, &e);
  return vapi_reply(r, 201, v.id);
}

/* GET /api/v1/verifications/:id/card.pdf (and the page's /verifikasi/:id/kartu.pdf): the card to print. */
int api_verification_card_pdf(Req *r){
  Verification v;
  if( vapi_target(r, &v) ) return OK;
  if( v.card_id==0 ) return reply_error(r, 409, "conflict", "status", "The card has not been issued yet");
  char code[VERIFY_CODE_MAX], date[48];
  if( verify_card_code(v.office_id, v.card_id, v.number, code)!=OK ) return api_fail(r, ERR_IO, 0);
  time_fmt_date(date, sizeof date, v.card_issued_at, r->office_tz, "id");
  char npwp[24];
  party_npwp_old(v.npwp, npwp);
  CardData d = { r->office_name, v.number, v.company, npwp[0] ? npwp : v.npwp, v.nib, v.address, v.spse_user, date,
                 verify_verifier(r->db, &v, &r->arena), verify_card_url(r, code), v.card_copies };
  buf_reset(&r->out);
  int rc = card_pdf(&d, &r->out);
  if( rc!=OK ){ buf_reset(&r->out); return api_fail(r, rc, 0); }
  return reply_download(r, 200, "application/pdf", arena_printf(&r->arena, "kartu-verifikasi-%s.pdf", v.number));
}

/* GET /api/v1/cards/:code (public): whether a card is genuine, and what it says. */
int api_card_check(Req *r){
  Verification v;
  if( verify_card_by_code(r->db, req_param(r, "code"), &v, &r->arena)!=OK ){
    return reply_error(r, 404, "not_found", "code", "This code is not of a card issued by this office");
  }
  Office o;
  if( office_get(r->db, v.office_id, &o)!=OK ) return api_fail(r, ERR_DB, 0);
  reply_json(r, 200, "{\"genuine\":true,\"number\":%J,\"company\":%J,\"npwp\":%J,\"status\":%J,\"verified_at\":%J,"
                     "\"issued_at\":%J,\"officer\":%J,\"office\":%J}",
             v.number, v.company, v.npwp, v.status, vapi_iso(r, v.decided_at), vapi_iso(r, v.card_issued_at),
             verify_verifier(r->db, &v, &r->arena), o.name);
  return OK;
}
