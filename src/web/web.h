/*
** web.h — HTML pages for staff and the public portal. Pages call services in
** desk/ and write through out() (escaping conversions); they never write SQL.
*/
#ifndef LOKET_WEB_H
#define LOKET_WEB_H
#include "../http/http.h"
#include "../desk/desk.h"

void web_init(void);
/* Start a page: head, header with the office, navigation by role; title is a msgid. */
void page_begin(Req *r, const char *title);
/* Close the page and set it as the answer (status 200 unless given). */
int  page_end(Req *r, int status);
/* The hidden CSRF input every state-changing form carries. */
void csrf_input(Req *r);
/* A notice above the page's content (from ?ok= after a redirect, or a form error). */
void page_notice(Req *r, const char *kind, const char *text);
/* The attributes that tie an input to its error message, when e is about that field. */
const char *field_attrs(Req *r, const Err *e, const char *field);
/* The error message under its field, when e is about that field. */
void field_error(Req *r, const Err *e, const char *field);
/* A query argument, trimmed; "" when absent. */
const char *query_trimmed(Req *r, const char *name);
/* A posted form field, trimmed; NULL when it was not sent. */
const char *form_trimmed(Req *r, const char *name);
/* ?from=&to= (days in the office's zone, end included) and ?before= of a list page:
** 0, or the msgid of what is wrong. */
const char *query_period(Req *r, int64_t *from, int64_t *to, int64_t *before);
/* The actor for audit rows: the signed-in user of this request. */
Actor req_actor(Req *r);
/* A date and time as people here write them, in the office's zone. */
const char *web_time(Req *r, int64_t t);

/* layout.c, static.c */
int page_static(Req *r);
/* login.c */
int page_login(Req *r);
int page_login_post(Req *r);
int page_logout(Req *r);
int page_lang(Req *r);
int page_office_switch(Req *r);
/* home.c */
int page_home(Req *r);
/* account.c */
int page_account(Req *r);
int page_account_post(Req *r);
/* users.c */
int page_users(Req *r);
int page_user_new(Req *r);
int page_user_create(Req *r);
int page_user(Req *r);
int page_user_update(Req *r);
int page_user_roles(Req *r);
int page_user_disable(Req *r);
int page_user_enable(Req *r);
int page_user_unlock(Req *r);
int page_user_reset(Req *r);
/* audit.c */
int page_audit(Req *r);
/* sops.c */
int page_sops(Req *r);
int page_sop(Req *r);
/* cases.c */
int page_tasks(Req *r);
int page_cases(Req *r);
int page_case_new(Req *r);
int page_case_create(Req *r);
int page_case(Req *r);
int page_case_step(Req *r);
int page_case_archive(Req *r);
/* priorities.c: the priority table and the number formats per register */
int page_priorities(Req *r);
int page_priorities_post(Req *r);
int page_number_formats_post(Req *r);
/* attachments.c: the notes and attachments section of the case page, its forms, downloads */
typedef struct Case Case;
void case_extras(Req *r, const Case *c);
int page_case_note(Req *r);
int page_case_attach(Req *r);
int page_case_attachment(Req *r);

/* calendar.c */
int page_calendar(Req *r);
int page_calendar_holiday(Req *r);
int page_calendar_holiday_remove(Req *r);
int page_calendar_hours(Req *r);
int page_calendar_import(Req *r);

/* registers.c */
int page_registers(Req *r);
int page_register(Req *r);
int page_register_add(Req *r);
int page_register_depart(Req *r);
int page_register_done(Req *r);
int page_register_destroy(Req *r);

/* notices.c: the user's SLA notices, and the unread count in the header */
int page_notices(Req *r);
int page_notices_read(Req *r);
void notice_badge(Req *r);

/* The case named by ":number" in the path, of this office; else answers 404 and gives NULL
** (cases.c; free it with case_free()). */
struct Case;
struct Case *case_from_path(Req *r);

/* kb.c: the knowledge base for staff, its section on the case page, and text as paragraphs */
int page_kb(Req *r);
int page_kb_new(Req *r);
int page_kb_create(Req *r);
int page_kb_article(Req *r);
int page_kb_update(Req *r);
int page_kb_revision(Req *r);
int page_case_kb(Req *r);
void kb_case_panel(Req *r, const struct Case *c);
void kb_paragraphs(Req *r, const char *text);
/* portal.c: the public portal (no sign-in) and its section on the staff's case page */
int page_portal(Req *r);
int page_portal_faq(Req *r);
int page_portal_faq_article(Req *r);
int page_portal_submit_form(Req *r);
int page_portal_submit(Req *r);
int page_portal_track_form(Req *r);
int page_portal_track(Req *r);
int page_portal_ticket(Req *r);
int page_portal_reply(Req *r);
int page_portal_rate(Req *r);
int page_portal_reopen(Req *r);
int page_case_portal(Req *r);
void portal_case_panel(Req *r, const struct Case *c);

#endif
