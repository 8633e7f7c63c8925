/*
** notices.c — the signed-in user's notices (the SLA watcher, sop/watch.c, writes warnings
** and breaches; the portal, desk/portal.c, a requester's replies and reopenings): the page
** /pemberitahuan, marking them read, and the unread count in the header.
*/
#include "web.h"
#include "../sop/watch.h"
#include <string.h>

#define NOTICES_PAGE_MAX 200

/* The link to the notices in the header, with the number unread. */
void notice_badge(Req *r){
  int n = notice_unread(r->db, r->office_id, r->user_id);
  if( n>0 ){
    out(r, "<a class=\"notices unread\" href=\"/pemberitahuan\">%h <span class=\"count\">%d</span>"
           "<span class=\"sr\"> %h</span></a>", T(r, "Notices"), n, T(r, "unread"));
  }else{
    out(r, "<a class=\"notices\" href=\"/pemberitahuan\">%h</a>", T(r, "Notices"));
  }
}

/* What a notice says, in the page's language: the state of a step's standard, or what the
** requester of the case did on the portal. */
static const char *notice_text(Req *r, const NoticeRow *w){
  return arena_printf(&r->arena, T(r, notice_msgid(w->kind)), w->number);
}

/* GET /pemberitahuan: the user's notices, newest first, the unread ones marked. */
int page_notices(Req *r){
  NoticeRow *rows;
  int n;
  if( notice_list(r->db, r->office_id, r->user_id, NOTICES_PAGE_MAX, &rows, &n, &r->arena)!=OK ){
    return reply_error(r, 500, "internal", 0, "The database failed");
  }
  int unread = 0;
  for(int i=0; i<n; i++) if( rows[i].read_at==0 ) unread++;
  page_begin(r, "Notices");
  if( n==0 ){
    out(r, "<p class=\"muted\">%h</p>", T(r, "No notices"));
    return page_end(r, 200);
  }
  out(r, "<p class=\"muted\">%h: %d</p>", T(r, "Unread"), unread);
  if( unread ){
    out(r, "<form method=\"post\" action=\"/pemberitahuan/baca\">");
    csrf_input(r);
    out(r, "<button type=\"submit\">%h</button></form>", T(r, "Mark all as read"));
  }
  out(r, "<div class=\"table-wrap\"><table class=\"notices\"><thead><tr><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "</tr></thead><tbody>",
      T(r, "Time"), T(r, "Notice"), T(r, "Case"), T(r, "Step"), T(r, "Due"));
  for(int i=0; i<n; i++){
    const NoticeRow *w = &rows[i];
    int breach = strcmp(w->kind, "breach")==0;
    int portal = strcmp(w->kind, "reply")==0 || strcmp(w->kind, "reopen")==0;
    out(r, "<tr class=\"%h%R\"><td class=\"when\" data-label=\"%h\">%h", w->kind,
        w->read_at ? "" : " unread", T(r, "Time"), web_time_s(r, w->created_at, w->due_secs));
    if( w->read_at==0 ) out(r, " <strong class=\"new\">%h</strong>", T(r, "New"));
    if( portal ){   /* to the thread on the case page, where the requester is answered */
      out(r, "</td><td data-label=\"%h\"><a href=\"/kasus/%t#portal\"><strong>%h</strong></a>", T(r, "Notice"),
          w->number, notice_text(r, w));
    }else{
      out(r, "</td><td data-label=\"%h\"><strong%R>%h</strong>", T(r, "Notice"), breach ? " class=\"bad\"" : "",
          notice_text(r, w));
    }
    if( *w->for_user ){   /* meant for a colleague away, whom the user stands in for */
      out(r, "<br><span class=\"muted stand-in\">%h</span>", arena_printf(&r->arena, T(r, "Standing in for %s"), w->for_name));
    }
    out(r, "</td>");
    out(r, "<td data-label=\"%h\"><a class=\"mono\" href=\"/kasus/%t\">%h</a><br>%h</td>", T(r, "Case"),
        w->number, w->number, w->subject);
    out(r, "<td data-label=\"%h\"><strong>%d.</strong> %h", T(r, "Step"), w->step_no,
        web_lang_en(r) && w->step_title_en ? w->step_title_en : w->step_title);
    if( *w->item ) out(r, "<br><span class=\"item\">%h: %h</span>", T(r, "Preparation item"), w->item);
    out(r, "</td>");
    out(r, "<td class=\"when\" data-label=\"%h\">%h</td></tr>", T(r, "Due"),
        w->due_at ? web_time_s(r, w->due_at, w->due_secs) : "—");
  }
  out(r, "</tbody></table></div>");
  return page_end(r, 200);
}

/* POST /pemberitahuan/baca: mark every unread notice read, back to the list. */
int page_notices_read(Req *r){
  Actor who = req_actor(r);
  if( notice_mark_read(r->db, &who, r->office_id, r->user_id, time_now(), 0)!=OK ){
    return reply_error(r, 500, "internal", 0, "The database failed");
  }
  return reply_redirect(r, arena_printf(&r->arena, "/pemberitahuan?ok=%t", N_("All notices marked as read")));
}
