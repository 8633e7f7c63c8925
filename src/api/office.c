/*
** office.c — the caller's office as JSON: its code, name, zone and public address, and
** the change of its name or zone (what the settings page and `loket office set` change); the
** copy of the database its administrator may download (as `loket backup`, SQLite only).
*/
#include "api.h"
#include "../sop/org.h"
#include <unistd.h>

/* The caller's office as JSON, with the status given. */
static int reply_office(Req *r, int status){
  Office o;
  if( office_get(r->db, r->office_id, &o)!=OK ) return api_fail(r, ERR_DB, 0);
  return reply_json(r, status, "{\"code\":%J,\"name\":%J,\"tz\":%J,\"public_url\":%J}",
                    o.code, o.name, o.tz, config_public_url());
}

/* GET /api/v1/office: the caller's office. */
int api_office(Req *r){
  if( req_query_only(r, "") ) return OK;
  return reply_office(r, 200);
}

/* PATCH /api/v1/office {"name"?, "tz"?}: rename the office or move it to another zone;
** audited "office.update" when something changed. */
int api_office_update(Req *r){
  static const char *const keys[] = { "name", "tz", 0 };
  const char *name, *tz;
  if( jin_patch(r) || jin_str(r, "name", 0, 127, &name) || jin_str(r, "tz", 0, 8, &tz) || jin_done(r, keys) ) return OK;
  if( name || tz ){
    Actor a = api_actor(r);
    Err e = {0};
    int rc = office_update(r->db, &a, r->office_id, name, tz, 0, &e);
    if( rc!=OK ) return api_fail(r, rc, &e);
  }
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
