/*
** api.h — the JSON API under /api/v1: the same operations as the pages, the
** same permission checks (declared in the route table), strict input.
*/
#ifndef LOKET_API_H
#define LOKET_API_H
#include "../http/http.h"
#include "../desk/desk.h"

/* system.c */
int api_healthz(Req *r);
int api_metrics(Req *r);
/* auth.c */
int api_login(Req *r);
int api_logout(Req *r);
int api_me(Req *r);
int api_password(Req *r);
int api_office_switch(Req *r);
/* users.c */
int api_users(Req *r);
int api_user_create(Req *r);
int api_user(Req *r);
int api_user_update(Req *r);
int api_user_roles(Req *r);
int api_user_disable(Req *r);
int api_user_enable(Req *r);
int api_user_unlock(Req *r);
int api_user_password(Req *r);
/* audit.c */
int api_audit(Req *r);
/* sops.c */
int api_sops(Req *r);
int api_sop(Req *r);
/* cases.c */
int api_case_open(Req *r);
int api_cases(Req *r);
int api_case(Req *r);
int api_case_step(Req *r);
int api_case_cancel(Req *r);
int api_case_reopen(Req *r);
int api_case_assign(Req *r);
int api_case_archive(Req *r);
/* priorities.c: the priority table and the number formats of the caller's office */
int api_priorities(Req *r);
int api_priorities_set(Req *r);
int api_number_formats(Req *r);
int api_number_formats_set(Req *r);
/* attachments.c */
int api_case_attach(Req *r);
int api_case_attachments(Req *r);
int api_case_attachment(Req *r);
int api_case_note(Req *r);
int api_case_notes(Req *r);

/* registers.c */
int api_registers(Req *r);
int api_register_list(Req *r);
int api_register_add(Req *r);
int api_register_depart(Req *r);
int api_register_done(Req *r);
int api_register_destroy(Req *r);

/* Answer a service's failure: status from rc, the field and message from e. */
int api_fail(Req *r, int rc, const Err *e);
Actor api_actor(Req *r);

/* calendar.c */
int api_calendar(Req *r);
int api_calendar_holiday(Req *r);
int api_calendar_holiday_remove(Req *r);
int api_calendar_hours(Req *r);

/* notices.c: the caller's SLA notices */
int api_notices(Req *r);
int api_notices_read(Req *r);

/* kb.c: the knowledge base, the articles of a case, the portal's public FAQ */
int api_kb_list(Req *r);
int api_kb_create(Req *r);
int api_kb_get(Req *r);
int api_kb_update(Req *r);
int api_kb_archive(Req *r);
int api_kb_revisions(Req *r);
int api_case_kb(Req *r);
int api_case_kb_link(Req *r);
int api_portal_faq(Req *r);
int api_portal_faq_get(Req *r);
/* portal.c: the public portal (no sign-in) and the staff's side of a portal ticket */
int api_portal_submit(Req *r);
int api_portal_track(Req *r);
int api_portal_ticket(Req *r);
int api_portal_reply(Req *r);
int api_portal_rate(Req *r);
int api_portal_reopen(Req *r);
int api_case_portal(Req *r);
int api_case_portal_reply(Req *r);

#endif
