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
int api_me_lang(Req *r);
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
/* absences.c */
int api_absences(Req *r);
int api_absence_add(Req *r);
int api_absence_change(Req *r);
int api_absence_cancel(Req *r);
/* audit.c */
int api_audit(Req *r);
int api_audit_verify(Req *r);
/* sops.c */
int api_sops(Req *r);
int api_sop_load(Req *r);
int api_sop(Req *r);
int api_sop_revisions(Req *r);
int api_sop_revision(Req *r);
int api_sop_retire(Req *r);
int api_sop_restore(Req *r);
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
int api_register_edit(Req *r);
int api_register_destroy_all(Req *r);
int api_register_depart(Req *r);
int api_register_done(Req *r);
int api_register_destroy(Req *r);

/* Answer a service's failure: status from rc, the field and message from e ("FIELD must be …"
** when the message is a phrase about the field, as reply_error says it). */
int api_fail(Req *r, int rc, const Err *e);
int api_form_only(Req *r, const char *const *parts);
const char *api_trim(Req *r, const char *z);
Actor api_actor(Req *r);

/* skm.c: the public-satisfaction survey (SKM) from the portal; its report in reports.c */
int api_skm_questionnaire(Req *r);
int api_skm_walkin(Req *r);
int api_skm_case(Req *r);
int api_skm_paper(Req *r);
int api_skm_paper_list(Req *r);
int api_skm_paper_delete(Req *r);
int api_report_skm(Req *r);
int api_report_skm_suggestions(Req *r);
int api_portal_ikm(Req *r);

/* calendar.c */
int api_calendar(Req *r);
int api_calendar_holiday(Req *r);
int api_calendar_holiday_remove(Req *r);
int api_calendar_import(Req *r);
int api_calendar_hours(Req *r);
int api_calendar_tz(Req *r);
/* office.c */
int api_office(Req *r);
int api_office_update(Req *r);
int api_offices(Req *r);
int api_office_create(Req *r);
int api_backup(Req *r);
/* mail.c */
int api_mail_settings(Req *r);
int api_mail_inbox(Req *r);
int api_mail_inbox_set(Req *r);
int api_mail_test(Req *r);
int api_mail_outbox(Req *r);
int api_mail_retry(Req *r);
int api_mail_retry_failed(Req *r);
int api_calendar_periods(Req *r);
int api_calendar_period_add(Req *r);
int api_calendar_period_set(Req *r);
int api_calendar_period_remove(Req *r);

/* notices.c: the caller's SLA notices */
int api_notices(Req *r);
int api_notices_read(Req *r);

/* accounts.c: the directory, the SPSE account register, year end, requests for accounts, one-time links */
int api_directory(Req *r);
int api_directory_add(Req *r);
int api_directory_import(Req *r);
int api_directory_get(Req *r);
int api_directory_update(Req *r);
int api_directory_merge(Req *r);
int api_accounts(Req *r);
int api_account_add(Req *r);
int api_account_get(Req *r);
int api_account_status(Req *r);
int api_account_policy(Req *r);
int api_account_policy_set(Req *r);
int api_year_end(Req *r);
int api_year_end_run(Req *r);
int api_account_requests(Req *r);
int api_account_request_open(Req *r);
/* The office of a public post (body, else ?office=, else the first); 1 when it answered an error. */
int api_portal_office(Req *r, const char *office, Office *o);
int api_portal_account_request(Req *r);
int api_account_request(Req *r);
int api_account_request_check(Req *r);
int api_account_request_resubmit(Req *r);
int api_account_request_approve(Req *r);
int api_account_request_execute(Req *r);
int api_account_request_notify(Req *r);
int api_account_request_archive(Req *r);
int api_credential_peek(Req *r);
int api_credential_open(Req *r);
int api_account_request_letter(Req *r);

/* helpdesk.c: the phone desk, caller lookup, counter and e-mail, hand-overs, the bidding room,
** .rhs bid files, escalation to LKPP */
int api_phone_stamp(Req *r);
int api_phone_answer(Req *r);
int api_phone_call(Req *r);
int api_phone_finish(Req *r);
int api_phone_calls(Req *r);
int api_phone_recap(Req *r);
int api_parties(Req *r);
int api_helpdesk_walk_in(Req *r);
int api_helpdesk_email(Req *r);
int api_handover(Req *r);
int api_handovers(Req *r);
int api_handover_answer(Req *r);
int api_bidding_open(Req *r);
int api_bidding_board(Req *r);
int api_bidding_trainer(Req *r);
int api_bidding_step(Req *r);
int api_rhs_open(Req *r);
int api_rhs(Req *r);
int api_rhs_file(Req *r);
int api_rhs_download(Req *r);
int api_rhs_statement(Req *r);
int api_rhs_test(Req *r);
int api_rhs_request(Req *r);
int api_rhs_result(Req *r);
int api_escalate(Req *r);
int api_escalations(Req *r);
int api_escalations_waiting(Req *r);
int api_escalation_answer(Req *r);

/* training.c: trainings of SPSE users (BTG-005), questionnaires, and the portal's side */
int api_trainings(Req *r);
int api_training_create(Req *r);
int api_training(Req *r);
int api_training_update(Req *r);
int api_training_approve(Req *r);
int api_training_prep(Req *r);
int api_training_participants(Req *r);
int api_training_invite(Req *r);
int api_training_attendance(Req *r);
int api_training_attend(Req *r);
int api_training_qa(Req *r);
int api_training_questions(Req *r);
int api_training_question_add(Req *r);
int api_training_question_answer(Req *r);
int api_training_questions_send(Req *r);
int api_training_finish(Req *r);
int api_training_results(Req *r);
int api_training_chart(Req *r);
int api_training_qr(Req *r);
int api_training_report_submit(Req *r);
int api_training_report(Req *r);
int api_training_report_pdf(Req *r);
int api_training_report_xlsx(Req *r);
int api_questionnaires(Req *r);
int api_questionnaire_create(Req *r);
int api_portal_trainings(Req *r);
int api_portal_register(Req *r);
int api_portal_confirm(Req *r);
int api_portal_questionnaire(Req *r);
int api_portal_answer(Req *r);
int api_portal_survey_link(Req *r);

/* verify.c: provider verification (OI-01): portal booking, appointments, settings, checklist,
** blacklist, the verification's steps, the card (PDF) and its public check */
int api_portal_verify_days(Req *r);
int api_portal_verify_book(Req *r);
int api_verify_appointments(Req *r);
int api_verify_settings(Req *r);
int api_verify_settings_set(Req *r);
int api_verify_checklist(Req *r);
int api_verify_checklist_set(Req *r);
int api_verify_blacklist(Req *r);
int api_verify_blacklist_set(Req *r);
int api_verifications(Req *r);
int api_verification_create(Req *r);
int api_verification(Req *r);
int api_verification_action(Req *r);
int api_verification_registration(Req *r);
int api_verification_documents(Req *r);
int api_verification_scan(Req *r);
int api_verification_card_pdf(Req *r);
int api_card_check(Req *r);
struct Verification;
/* A verification as JSON; the public address confirming a card of this host. */
void verify_json(Req *r, Buf *b, const struct Verification *v);
const char *verify_card_url(Req *r, const char *code);

/* reports.c: the dashboard, the compliance report and the recaps as JSON */
int api_report_dashboard(Req *r);
int api_report_compliance(Req *r);
int api_report_recaps(Req *r);
int api_report_recap(Req *r);
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

/* cases.c: the case named by the path's :number in the caller's office; NULL after answering
** 404 "No such case" (or the failure). */
struct Case *api_path_case(Req *r);
/* cases.c: answer with the case as JSON (status given), then free it. */
int api_reply_case(Req *r, int status, struct Case *c);
struct Requester;
/* The "requester" object of the body (a person and/or an organisation) into rq; 400 naming
** requester.FIELD when wrong, or requester when required and absent (cases.c). */
int api_requester(Req *r, int required, struct Requester *rq);

/* the provider cancels a verification appointment (verify.c) */
int api_portal_verify_cancel(Req *r);
/* cancelling or moving a training (training.c) */
int api_training_cancel(Req *r);
int api_training_reschedule(Req *r);
#endif
