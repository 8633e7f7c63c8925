/*
** home.c — the first page after signing in.
*/
#include "web.h"

/* GET / : who you are, your office and roles, and where to go next. */
int page_home(Req *r){
  page_begin(r, "Home");
  out(r, "<section class=\"card\"><p>%h, <strong>%h</strong>.</p>", T(r, "Welcome"),
      r->full_name && *r->full_name ? r->full_name : r->username);
  out(r, "<p>%h: %h</p><p>%h: ", T(r, "Office"), r->office_name, T(r, "Your roles"));
  int first = 1;
  for(int i=0; i<ROLE_COUNT; i++){
    if( r->roles & (1u<<i) ){ out(r, "%R%h", first ? "" : ", ", T(r, role_label(i))); first = 0; }
  }
  if( first ) out(r, "%h", T(r, "none in this office"));
  out(r, "</p><p>%h: %h</p></section>", T(r, "Now"), web_time(r, time_now()));
  return page_end(r, 200);
}
