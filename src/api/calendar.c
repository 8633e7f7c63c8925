/*
** calendar.c — the office calendar through the API: the week's hours, the holidays
** and the periods of a year; for its keepers, holidays set and removed, a day's hours,
** periods added, changed and removed.
*/
#include "api.h"
#include "../sop/calendar.h"
#include "../desk/desk.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct CalJson { Buf b; int n; } CalJson;

/* One span as a JSON element. */
static void cal_span_json(void *ctx, const CalSpan *sp){
  CalJson *j = ctx;
  buf_printf(&j->b, "%R{\"weekday\":%d,\"opens\":\"%02d:%02d\",\"closes\":\"%02d:%02d\"}", j->n++ ? "," : "",
             sp->weekday, sp->opens_min/60, sp->opens_min%60, sp->closes_min/60, sp->closes_min%60);
}

/* One holiday as a JSON element. */
static void cal_holiday_json(void *ctx, const HolidayRow *h){
  CalJson *j = ctx;
  buf_printf(&j->b, "%R{\"day\":%J,\"name\":%J,\"kind\":%J}", j->n++ ? "," : "", h->day, h->name, h->kind);
}

/* One period as a JSON element. */
static void cal_period_json(void *ctx, const CalPeriod *p){
  CalJson *j = ctx;
  if( j->n++ ) buf_putc(&j->b, ',');
  calendar_period_json(&j->b, p, 0);
}

/* GET /api/v1/calendar?year=: {"tz","hours":[…],"holidays":[…],"periods":[…]} of the caller's office. */
int api_calendar(Req *r){
  if( req_query_only(r, "year") ) return OK;
  int64_t year;
  if( req_query_int(r, "year", 1970, 2100, time_year(time_now(), r->office_tz), &year) ) return OK;
  char from[16], to[16];
  snprintf(from, sizeof from, "%04lld-01-01", (long long)year);
  snprintf(to, sizeof to, "%04lld-12-31", (long long)year);
  CalJson h = { BUF_INIT, 0 }, d = { BUF_INIT, 0 }, p = { BUF_INIT, 0 };
  int rc = calendar_hours_each(r->db, r->office_id, cal_span_json, &h);
  if( rc==OK ) rc = calendar_holidays_each(r->db, r->office_id, from, to, cal_holiday_json, &d);
  if( rc==OK ) rc = calendar_periods_each(r->db, r->office_id, from, to, cal_period_json, &p);
  if( rc==OK ) reply_json(r, 200, "{\"tz\":%J,\"year\":%lld,\"hours\":[%R],\"holidays\":[%R],\"periods\":[%R]}",
                          r->office_tz, (long long)year, buf_str(&h.b), buf_str(&d.b), buf_str(&p.b));
  else api_fail(r, rc, 0);
  buf_free(&h.b);
  buf_free(&d.b);
  buf_free(&p.b);
  return OK;
}

/* What a calendar change moved, as JSON (in the request's arena). */
static const char *cal_moved_json(Req *r, const CalMoved *m){
  return arena_printf(&r->arena, "{\"steps\":%d,\"cases\":%d,\"training_items\":%d}", m->steps, m->cases, m->other);
}

/* POST /api/v1/calendar/holidays {"day","name","kind"}: add or rename one holiday. */
int api_calendar_holiday(Req *r){
  static const char *const keys[] = { "day", "name", "kind", 0 };
  const char *day, *name, *kind;
  if( jin_object(r) || jin_str(r, "day", 1, 10, &day) || jin_str(r, "name", 1, HOLIDAY_NAME_BYTES, &name)
   || jin_str(r, "kind", 0, 16, &kind) || jin_known(r, keys) ) return OK;
  Err e = {0};
  /* what the JSON layer finds said with what the holiday's own check finds: every field at once */
  if( jin_pending(r) ){ calendar_holiday_check(day, name, kind, &e); return jin_answer(r, &e); }
  Actor a = api_actor(r);
  CalMoved m;
  char kept[16];
  int rc = calendar_holiday_set(r->db, &a, r->office_id, day, name, kind, kept, &m, &e);   /* no kind: a renamed day keeps its own */
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_json(r, 201, "{\"day\":%J,\"name\":%J,\"kind\":%J,\"moved\":%R}", day, name, kept, cal_moved_json(r, &m));
}

/* POST /api/v1/calendar/import?name=FILE: a file of holidays as the body, or as the field file of
** multipart/form-data (iCalendar, by its name, Content-Type text/calendar or first line, else CSV),
** as `loket calendar import` takes it. */
int api_calendar_import(Req *r){
  if( req_query_only(r, "name") ) return OK;
  const char *name = req_query(r, "name"), *type = req_header(r, "Content-Type");
  const char *text = r->body.z ? r->body.z : "";
  size_t n = r->body.n;
  if( type && strncasecmp(type, "multipart/form-data", 19)==0 ){
    const Field *f = req_form_field(r, "file");
    if( f==0 ) return reply_error(r, 400, "invalid", "file", "Send the file as multipart/form-data in the field named file");
    text = f->value ? f->value : "";
    n = f->len;
    if( util_blank(name) ) name = f->filename;
  }
  if( name && util_utf8_len(name)>200 ) return reply_invalid_n(r, "name", N_("is too long: at most %d characters"), 200);
  if( util_blank(name) ) name = type && strncasecmp(type, "text/calendar", 13)==0 ? "api.ics" : "api";
  HolidayList l = {0};
  char err[256];
  int rc = holiday_parse_file(name, text, n, &l, r->lang, err, sizeof err);
  if( rc==OK && l.n==0 ){
    int obs = l.observances;
    holiday_list_free(&l);
    return reply_error(r, 400, "invalid", "file", obs ? N_("The file holds only observances (Perayaan), which are not days off: nothing was imported")
                                                      : N_("The file holds no holidays: nothing was imported"));
  }
  if( rc!=OK ){   /* the first wrong line in the message, every one in "lines" */
    int kept = l.nbad<HOLIDAY_BAD_MAX ? l.nbad : HOLIDAY_BAD_MAX;
    reply_error_lines(r, 400, "invalid", "file", arena_printf(&r->arena, "%s %s", T(r, "The file was not imported:"), err),
                      l.bad, kept, l.nbad-kept);
    holiday_list_free(&l);
    return OK;
  }
  Actor a = api_actor(r);
  int held = holiday_list_held(&l), obs = l.observances;
  CalImport ci;
  CalMoved m;
  rc = calendar_import(r->db, &a, r->office_id, &l, name, &ci, &m);
  if( rc!=OK ){ holiday_list_free(&l); return api_fail(r, rc, 0); }
  /* what changed: the new days, the changed ones with what they were, the held ones the file leaves out */
  Buf b = BUF_INIT;
  buf_printf(&b, "[");
  for(int i=0; i<ci.nnew; i++) buf_printf(&b, i ? ",%J" : "%J", ci.new_rows[i]->day);
  buf_printf(&b, "],\"changed\":[");
  for(int i=0; i<ci.nchanged; i++){
    const HolidayChange *c = &ci.changed[i];
    buf_printf(&b, i ? ",{\"day\":%J,\"name\":%J,\"kind\":%J,\"was_name\":%J,\"was_kind\":%J}"
                     : "{\"day\":%J,\"name\":%J,\"kind\":%J,\"was_name\":%J,\"was_kind\":%J}",
               c->now->day, c->now->name, c->now->kind, c->was.name, c->was.kind);
  }
  buf_printf(&b, "],\"not_in_file\":[");
  for(int i=0; i<ci.nkept; i++)
    buf_printf(&b, i ? ",{\"day\":%J,\"name\":%J,\"kind\":%J}" : "{\"day\":%J,\"name\":%J,\"kind\":%J}", ci.kept[i].day, ci.kept[i].name, ci.kept[i].kind);
  buf_printf(&b, "]");
  rc = reply_json(r, 200, "{\"imported\":%d,\"unchanged\":%d,\"removed\":%d,\"observances\":%d,\"added\":%R,\"moved\":%R}",
                  held, ci.unchanged, ci.removed, obs, buf_str(&b), cal_moved_json(r, &m));
  buf_free(&b);
  calendar_import_free(&ci);
  holiday_list_free(&l);
  return rc;
}

/* DELETE /api/v1/calendar/holidays/:day */
int api_calendar_holiday_remove(Req *r){
  if( jin_empty(r) ) return OK;
  Actor a = api_actor(r);
  CalMoved m;
  int rc = calendar_holiday_remove(r->db, &a, r->office_id, req_param(r, "day"), &m);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "day", "No holiday on that day");
  if( rc==ERR_INVALID ) return reply_invalid(r, "day", "must be a date YYYY-MM-DD");
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_json(r, 200, "{\"ok\":true,\"moved\":%R}", cal_moved_json(r, &m));
}

/* PUT /api/v1/calendar/hours/:weekday {"hours":"07:30-12:00 13:00-16:00"} (0 Sunday … 6 Saturday): the
** weekday, the body and the spans are checked together, every wrong field named in one answer. */
int api_calendar_hours(Req *r){
  static const char *const keys[] = { "hours", 0 };
  const char *z = 0, *wd = req_param(r, "weekday");
  int weekday = wd && wd[0]>='0' && wd[0]<='6' && wd[1]==0 ? wd[0]-'0' : -1;
  if( jin_object(r) || jin_str(r, "hours", 0, 200, &z) ) return OK;
  json_t *given = json_object_get(r->json, "hours");
  if( given==0 || json_is_null(given) ) jin_note(r, "hours", N_("is required"), 0);   /* "" closes the day; leaving it out does not */
  if( jin_known(r, keys) ) return OK;
  CalSpan spans[8];
  Err e = {0}, se = {0};
  if( weekday<0 ) err_add(&e, "weekday", N_("must be 0 (Sunday) to 6 (Saturday)"));
  int n = z && *z ? calendar_parse_spans(z, weekday<0 ? 0 : weekday, spans, (int)COUNT(spans), &se) : 0;
  if( n<0 ){ ErrItem it = err_item(&se, 0); err_add_item(&e, se.field ? se.field : "hours", &it); }
  if( jin_pending(r) ) return jin_answer(r, &e);
  if( e.msg ) return api_fail(r, ERR_INVALID, &e);
  Actor a = api_actor(r);
  CalMoved m;
  int rc = calendar_hours_set(r->db, &a, r->office_id, weekday, spans, n, &m, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  CalJson h = { BUF_INIT, 0 };
  for(int i=0; i<n; i++) cal_span_json(&h, &spans[i]);
  reply_json(r, 200, "{\"weekday\":%d,\"hours\":[%R],\"moved\":%R}", weekday, buf_str(&h.b), cal_moved_json(r, &m));
  buf_free(&h.b);
  return OK;
}

/* PUT /api/v1/calendar/tz {"tz":"WITA"}: the office's time zone (steps started after follow it). */
int api_calendar_tz(Req *r){
  static const char *const keys[] = { "tz", 0 };
  const char *tz;
  Err e = {0};
  if( jin_object(r) || jin_str(r, "tz", 1, 8, &tz) ) return OK;
  if( tz && office_check(0, &tz, &e)!=OK ) err_add_n(&r->jin, e.field, e.msg, e.n);   /* said with an unknown member */
  if( jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  int rc = office_update(r->db, &a, r->office_id, 0, tz, 0, 0, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  Office o;   /* the zone as stored ("wita" is stored WITA) */
  if( office_get(r->db, r->office_id, &o)!=OK ) return api_fail(r, ERR_DB, 0);
  return reply_json(r, 200, "{\"tz\":%J}", o.tz);
}

/* GET /api/v1/calendar/periods: {"tz","periods":[…]} of the caller's office, by first day. */
int api_calendar_periods(Req *r){
  if( req_query_only(r, "") ) return OK;
  CalJson j = { BUF_INIT, 0 };
  int rc = calendar_periods_each(r->db, r->office_id, 0, 0, cal_period_json, &j);
  if( rc==OK ) reply_json(r, 200, "{\"tz\":%J,\"periods\":[%R]}", r->office_tz, buf_str(&j.b));
  else api_fail(r, rc, 0);
  buf_free(&j.b);
  return OK;
}

/* A period from the body {"name","from","to","hours":["1-4 08:00-15:00","5 08:00-15:30","6 closed"]}, stored
** new (id 0: 201) or over period id (200); 409 naming the period it overlaps. */
static int cal_period_put(Req *r, int64_t id){
  static const char *const keys[] = { "name", "from", "to", "hours", 0 };
  const char *name, *from, *to, **hours;
  int nh;
  if( jin_object(r) || jin_str(r, "name", 1, HOLIDAY_NAME_BYTES, &name) || jin_str(r, "from", 1, 10, &from)
   || jin_str(r, "to", 1, 10, &to) || jin_strlist(r, "hours", &hours, &nh) || jin_known(r, keys) ) return OK;
  CalPeriod *p = arena_alloc(&r->arena, 2*sizeof *p), *clash = p+1;
  memset(p, 0, 2*sizeof *p);
  snprintf(p->name, sizeof p->name, "%s", name ? name : "");
  snprintf(p->first, sizeof p->first, "%s", from ? from : "");
  snprintf(p->last, sizeof p->last, "%s", to ? to : "");
  /* the lines of hours, then the period's own check: with the JSON layer's problems, every field at once */
  Err e = {0}, le = {0};
  if( nh<=0 ) err_add(&e, "hours", "must name a weekday and its hours, e.g. [\"1-4 08:00-15:00\", \"5 08:00-15:30\"]");
  const char *bad = 0;   /* every bad line, in one message under hours (as the page says them) */
  for(int i=0; i<nh; i++){
    memset(&le, 0, sizeof le);
    if( calendar_period_parse(p, hours[i], &le)!=OK ){
      bad = arena_printf(&r->arena, "%s%s\"%s\": %s", bad ? bad : "", bad ? "; " : "", hours[i], T_err(r, &le));
    }
  }
  if( bad ) err_add(&e, "hours", bad);
  memset(&le, 0, sizeof le);
  if( calendar_period_check(p, &le)!=OK ) err_merge(&e, &le);
  if( jin_pending(r) ) return jin_answer(r, &e);
  if( e.msg ) return api_fail(r, ERR_INVALID, &e);
  Actor a = api_actor(r);
  CalMoved m;
  p->id = id;
  int rc = id ? calendar_period_set(r->db, &a, r->office_id, p, clash, &m, &e)
              : calendar_period_add(r->db, &a, r->office_id, p, clash, &m, &e);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "id", "No such period");
  if( rc==ERR_CONFLICT ){
    return reply_error(r, 409, "conflict", "from", arena_printf(&r->arena, T(r, "The period overlaps period %lld \"%s\" (%s to %s)"),
                                                               (long long)clash->id, clash->name, clash->first, clash->last));
  }
  if( rc!=OK ) return api_fail(r, rc, &e);
  Buf b = BUF_INIT;
  calendar_period_json(&b, p, arena_printf(&r->arena, "\"moved\":%R", cal_moved_json(r, &m)));
  reply_json(r, id ? 200 : 201, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/calendar/periods: a period with its own hours. */
int api_calendar_period_add(Req *r){
  return cal_period_put(r, 0);
}

/* PUT /api/v1/calendar/periods/:id: the same body as POST, replacing what the period had. */
int api_calendar_period_set(Req *r){
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return reply_error(r, 404, "not_found", "id", "No such period");
  return cal_period_put(r, id);
}

/* DELETE /api/v1/calendar/periods/:id */
int api_calendar_period_remove(Req *r){
  if( jin_empty(r) ) return OK;
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return reply_error(r, 404, "not_found", "id", "No such period");
  Actor a = api_actor(r);
  CalMoved m;
  int rc = calendar_period_remove(r->db, &a, r->office_id, id, 0, &m);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", "id", "No such period");
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_json(r, 200, "{\"ok\":true,\"moved\":%R}", cal_moved_json(r, &m));
}
