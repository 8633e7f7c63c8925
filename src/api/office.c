/*
** office.c — the caller's office as JSON: its code, name, zone and public address, and
** the change of its name or zone (what the settings page and `loket office set` change).
*/
#include "api.h"
#include "../sop/org.h"

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
