/*
** notices.c — the caller's notices through the API (the SLA watcher, sop/watch.c, and the
** portal, desk/portal.c, write them): the list, newest first, and marking them read.
*/
#include "api.h"
#include "../desk/training.h"
#include "../sop/watch.h"
#include <stdint.h>
#include <string.h>

#define NOTICES_LIMIT_DEFAULT 50
#define NOTICES_LIMIT_MAX 500

/* GET /api/v1/notices?limit=: the caller's notices in the session's office, newest first. */
int api_notices(Req *r){
  if( req_query_only(r, "limit") ) return OK;
  int64_t limit;
  if( req_query_int(r, "limit", 1, NOTICES_LIMIT_MAX, NOTICES_LIMIT_DEFAULT, &limit) ) return OK;
  NoticeRow *rows;
  int n;
  int rc = notice_list(r->db, r->office_id, r->user_id, (int)limit, &rows, &n, &r->arena);
  if( rc!=OK ) return api_fail(r, rc, 0);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){
    const NoticeRow *w = &rows[i];
    const char *text = arena_printf(&r->arena, T(r, notice_msgid(w->kind)), w->number);
    buf_printf(&b, "%R{\"id\":%lld,\"kind\":%J,\"text\":%J,\"case\":%J,\"subject\":%J,\"step\":%d,\"step_title\":%J,"
                   "\"item\":%J,\"read\":%R,\"due_at\":", i ? "," : "", (long long)w->id, w->kind, text, w->number, w->subject,
               w->step_no, util_str_eq(r->lang, "en") && w->step_title_en ? w->step_title_en : w->step_title, *w->item ? T(r, training_prep_label(w->item)) : 0, w->read_at ? "true" : "false");
    time_json(&b, w->due_at);
    buf_puts(&b, ",\"created_at\":");
    time_json(&b, w->created_at);
    buf_puts(&b, ",\"read_at\":");
    time_json(&b, w->read_at);
    if( *w->for_user ) buf_printf(&b, ",\"stand_in_for\":{\"username\":%J,\"name\":%J}}", w->for_user, w->for_name);
    else buf_puts(&b, ",\"stand_in_for\":null}");
  }
  reply_json(r, 200, "{\"notices\":[%R],\"unread\":%d}", buf_str(&b), notice_unread(r->db, r->office_id, r->user_id));
  buf_free(&b);
  return OK;
}

/* POST /api/v1/notices/read: mark every unread notice of the caller read; {"marked":N}. */
int api_notices_read(Req *r){
  if( jin_empty(r) ) return OK;
  Actor who = api_actor(r);
  int marked = 0;
  int rc = notice_mark_read(r->db, &who, r->office_id, r->user_id, time_now(), &marked);
  if( rc!=OK ) return api_fail(r, rc, 0);
  return reply_json(r, 200, "{\"marked\":%d}", marked);
}
