/*
** office.c — the caller's office as JSON: its code, name, zone and public address, and
** the change of its name, zone or address (what the settings page and `loket office set` change);
** the offices of the deployment, and a new one (as `loket office add`); the
** copy of the database its administrator may download (as `loket backup`, SQLite only).
*/
#include "api.h"
#include "../sop/org.h"
#include <unistd.h>

/* An office as JSON (office_json), in the request's arena. */
static const char *office_json_of(Req *r, const Office *o){
  Buf b = BUF_INIT;
  office_json(&b, o);
  const char *z = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
  return z;
}

/* The office of that id as JSON, with the status given. */
static int reply_office_of(Req *r, int status, int64_t id){
  Office o;
  if( office_get(r->db, id, &o)!=OK ) return api_fail(r, ERR_DB, 0);
  return reply_json(r, status, "%R", office_json_of(r, &o));
}

/* The caller's office as JSON, with the status given. */
static int reply_office(Req *r, int status){
  return reply_office_of(r, status, r->office_id);
}

/* One office into the list being built (ctx: the request and the JSON so far). */
static void offices_row(void *ctx, const Office *o){
  struct { Req *r; Buf *b; } *t = ctx;
  if( t->b->n>12 ) buf_puts(t->b, ",");
  office_json(t->b, o);
}

/* GET /api/v1/offices: every office this deployment hosts, by code. */
int api_offices(Req *r){
  if( req_query_only(r, "") ) return OK;
  Buf b = BUF_INIT;
  buf_puts(&b, "{\"offices\":[");
  struct { Req *r; Buf *b; } t = { r, &b };
  int rc = office_each(r->db, offices_row, &t);
  buf_puts(&b, "]}");
  if( rc==OK ) reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return rc==OK ? OK : api_fail(r, rc, 0);
}

/* POST /api/v1/offices {"code","name","tz"?,"public_url"?}: a new office with its calendar and
** priority table (as `loket office add`), the caller its administrator; 201 with it. Audited
** "office.create" and "user.roles" in one transaction. */
int api_office_create(Req *r){
  static const char *const keys[] = { "code", "name", "tz", "public_url", 0 };
  const char *code, *name, *tz, *url;
  if( jin_object(r) || jin_str(r, "code", 0, 31, &code) || jin_str(r, "name", 0, 127, &name)
   || jin_str(r, "tz", 0, 8, &tz) || jin_str(r, "public_url", 0, 255, &url) || jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int64_t id = 0;
  int rc = office_create_by(r->db, &a, code, name, tz ? tz : "WIB", url, &id, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_office_of(r, 201, id);
}

/* GET /api/v1/office: the caller's office. */
int api_office(Req *r){
  if( req_query_only(r, "") ) return OK;
  return reply_office(r, 200);
}

/* PATCH /api/v1/office {"name"?, "tz"?, "public_url"?, "phone"?, "email"?, "address"?}: rename the
** office, move it to another zone, set its address ("" for loket.conf's), or its contact for the
** public ("" clears one); audited "office.update" and "office.contact" when something changed, in
** one transaction: a field refused writes nothing. */
int api_office_update(Req *r){
  static const char *const keys[] = { "name", "tz", "public_url", "phone", "email", "address", 0 };
  const char *name, *tz, *url, *phone, *email, *address;
  if( jin_patch(r) || jin_str(r, "name", 0, 127, &name) || jin_str(r, "tz", 0, 8, &tz)
   || jin_str(r, "public_url", 0, 255, &url) || jin_str(r, "phone", 0, 64, &phone)
   || jin_str(r, "email", 0, 400, &email) || jin_str(r, "address", 0, 4*OFFICE_ADDRESS_MAX, &address)
   || jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = office_settings_update(r->db, &a, r->office_id, name, tz, url, phone, email, address, 0, 0, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  return reply_office(r, 200);
}

/* GET /api/v1/backup: a consistent copy of the database (SQLite's online backup, as `loket
** backup`) as the file loket-CODE-YYYY-MM-DD.db, audited "office.backup"; 409 on PostgreSQL or
** when the database holds other offices (office_backup_check says why). */
int api_backup(Req *r){
  if( req_query_only(r, "") ) return OK;
  Office o;
  if( office_get(r->db, r->office_id, &o)!=OK ) return api_fail(r, ERR_DB, 0);
  Actor a = api_actor(r);
  Err e = {0};
  char path[4200];
  int rc = office_backup(r->db, &a, r->office_id, path, sizeof path, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);
  int64_t now = time_now(), off = tz_offset_minutes(o.tz);
  int y, m, d;
  time_civil_from_days((now + (off>0 ? off : 0)*60) / 86400, &y, &m, &d);
  rc = reply_file(r, path, "application/vnd.sqlite3", arena_printf(&r->arena, "loket-%s-%04d-%02d-%02d.db", o.code, y, m, d));
  unlink(path);   /* the answer reads from the file it opened */
  return rc;
}
