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
/* The line heading a printed paper (print only): office, what (translated), when printed. */
void page_print_head(Req *r, const char *what);
/* Where a printed paper is signed (print only): left_as and left (who knows of it), the date over right (msgids). */
void page_signatures(Req *r, const char *left_as, const char *left, const char *right);
void page_signatures_row(Req *r, int ncols, const char *left_as, const char *left, const char *right);
/* The attributes that tie an input to its error message, when an error of e is about that field. */
const char *field_attrs(Req *r, const Err *e, const char *field);
/* The same for an input described by the hint of id hint: one aria-describedby, the hint then the error. */
const char *field_attrs_hint(Req *r, const Err *e, const char *field, const char *hint);
/* The name of weekday w (0 Sunday … 6 Saturday) in the page's language. */
const char *web_weekday(Req *r, int w);
/* The error message under its field, when an error of e is about that field. */
void field_error(Req *r, const Err *e, const char *field);
/* Under the file field of a form refused for another field: the file chosen is not kept (a browser
** fills no file field again): its name, to be chosen again. */
void field_file_again(Req *r, const Err *e, const char *field);
/* A query argument, trimmed; "" when absent. */
const char *query_trimmed(Req *r, const char *name);
/* A posted form field, trimmed; NULL when it was not sent. */
const char *form_trimmed(Req *r, const char *name);
/* ?from=&to= (days in the office's zone, end included) and ?before= of a list page:
** 0, or the msgid of what is wrong (*field, when field is not NULL: the parameter it is about). */
const char *query_period(Req *r, int64_t *from, int64_t *to, int64_t *before, const char **field);
/* The page position of a list page (?before=): 0, or the msgid of what is wrong with it. */
const char *query_before(Req *r, int64_t *before);
/* The actor for audit rows: the signed-in user of this request. */
Actor req_actor(Req *r);
/* A date and time as people here write them, in the office's zone. */
void web_scroll_open(Req *r, const char *tag, const char *cls, const char *label); /* a box scrolled sideways, by keyboard too */
/* a public page's ?office= (or form's office) naming no office: said with the field it is about */
#define PORTAL_NO_OFFICE N_("No office has the code given (office)")
/* form_kept.c: what a refused form held, across the language switch */
int form_kept_inputs(Req *r);                       /* in the switch's form: the form's address and fields; how many */
int form_kept_forward(Req *r);                      /* the same fields passed on by a page between (the sign-in) */
int page_login_again(Req *r, int status, const char *message);   /* the sign-in asked by a form sent signed out */
int form_kept_page(Req *r, const char *next);       /* POST /bahasa: the form's page again, filled; 0: not one */
void form_details_open(Req *r, const char *action);  /* open the <details> holding a refused form or an invalid field */
int web_lang_en(Req *r);                      /* 1 when the page is asked in English */
const char *web_referer_page(Req *r);         /* the page of this host the Referer names (path and query), or NULL */
/* sops.c: a procedure's title in the page's language; a select's options of the library's procedures */
const char *web_sop_title(Req *r, const struct Procedure *p);
void web_sop_options(Req *r, const char *selected, int titles_only, int live_only);
struct Step;
const char *web_step_text(Req *r, const struct Step *s);   /* a step's text: its English on an English page when it has one */
void web_step_question(Req *r, const struct Step *s);   /* a step's question, and its English on an English page */
const char *web_time(Req *r, int64_t t);
const char *web_time_s(Req *r, int64_t t, int secs);   /* to the second when secs */
const char *web_step_label(Req *r, int no);
const char *web_actor_words(Req *r, const char *who);   /* system, portal, mail, anonymous in words; NULL for staff */
const char *web_day(Req *r, const char *day);   /* "YYYY-MM-DD" as "20 November 2026" */
const char *web_day_short(Req *r, const char *day);   /* "YYYY-MM-DD" as "20 Nov" (a chart's axis) */
const char *web_month(Req *r, const char *month, int abbrev);   /* "YYYY-MM" as "November 2026" ("Nov 2026") */
const char *web_case_status(Req *r, const char *status);   /* "open" as "Terbuka", in the reader's language */
const char *account_kind_label(const char *kind);          /* an SPSE account's kind as a msgid: "Provider", "PPK", … */
/* The hint under a file field: the types accepted and the attachment limit. */
const char *web_upload_hint(Req *r);

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
int page_account_lang(Req *r);
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
int page_audit_chain(Req *r);
/* sops.c */
int page_sops(Req *r);
int page_sop_load(Req *r);
int page_sop(Req *r);
int page_sop_revision_text(Req *r);
int page_sop_revision_diff(Req *r);
int page_sop_retire(Req *r);
int page_sop_restore(Req *r);
/* cases.c */
int page_tasks(Req *r);
int page_cases(Req *r);
int page_case_new(Req *r);
int page_case_create(Req *r);
int page_case(Req *r);
int page_case_step(Req *r);
int page_case_archive(Req *r);
int page_case_cancel(Req *r);
int page_case_reopen(Req *r);
int page_case_assign(Req *r);
/* A form's one-time mark (form_id), so that one sent twice (a double click on a slow answer, Back
** then send again) acts once: kept in memory the last 512 per server, a case's number or a portal
** ticket's private token (SENT_FORM_RESULT with its NUL) as what the first sending made. */
enum { SENT_FORM_RESULT = 72 };
/* The posted mark (32 hex digits), else NULL (a form without one is not watched). */
const char *sent_form_mark(Req *r);
/* The mark as a hidden field: the one posted (a form shown again refused), else a new one. */
void sent_form_field(Req *r);
/* The same for one of several such forms of a page, the one posting to action: the posted mark
** only when the form sent was this one (NULL action: as sent_form_field). */
void sent_form_field_to(Req *r, const char *action);
/* Claim a mark of office_id before acting: 0 when this sending is to act (marked at work), 1 when
** one acted already (what it made in result), after waiting (up to 30 s) for a sending at work. */
int sent_form_claim(int64_t office_id, const char *mark, char result[SENT_FORM_RESULT]);
/* The end of a claimed sending: what it made by user ("" on the portal) under procedure sop, or
** NULL when nothing was (refused: the form shown again may be sent again). */
void sent_form_done(int64_t office_id, const char *user, const char *mark, const char *sop, const char *result);
/* The newest case a user's (never the portal's) form of procedure sop opened in the office within
** the last within seconds, its number in result; its time, 0 when none. */
int64_t sent_form_recent(int64_t office_id, const char *user, const char *sop, int within, char result[SENT_FORM_RESULT]);
/* priorities.c: the priority table and the number formats per register */
int page_priorities(Req *r);
int page_priorities_post(Req *r);
int page_number_formats_post(Req *r);
/* attachments.c: the notes and attachments section of the case page, its forms, downloads */
typedef struct Case Case;
void case_extras(Req *r, const Case *c, const Err *e);
int case_refused(Req *r, Case *c, int status, const Err *e);
int page_case_note(Req *r);
int page_case_attach(Req *r);
int page_case_attachment(Req *r);

/* calendar.c */
int page_calendar(Req *r);
int page_calendar_holiday(Req *r);
int page_calendar_holiday_remove(Req *r);
int page_calendar_hours(Req *r);
int page_calendar_tz(Req *r);
int page_calendar_import(Req *r);
int page_calendar_period(Req *r);
int page_calendar_period_edit(Req *r);
int page_calendar_period_update(Req *r);
int page_calendar_period_remove(Req *r);
/* The office's time zone as a select, current chosen, with its hint and e's error at it. */
void calendar_tz_select(Req *r, const Err *e, const char *current);
/* office.c: the office's settings (name, zone, public address shown, links to the other settings) */
int page_office(Req *r);
int page_office_post(Req *r);
int page_office_mail_test(Req *r);
int page_office_mail_retry(Req *r);
int page_office_mail_retry_failed(Req *r);
int page_office_inbox(Req *r);
int page_offices(Req *r);
int page_office_create(Req *r);

/* registers.c */
int page_registers(Req *r);
int page_register(Req *r);
int page_register_add(Req *r);
int page_register_edit_form(Req *r);
int page_register_edit(Req *r);
int page_register_destroy_all(Req *r);
int page_register_depart(Req *r);
int page_register_done(Req *r);
int page_register_destroy(Req *r);
struct Case;
/* The case page's section of the register entries written for the case. */
void register_case_panel(Req *r, const struct Case *c);
/* In a step's form: the fields of the registers the step writes (named "NAME.FIELD"). */
struct StrList;
void register_step_fields(Req *r, const struct StrList *names, const Err *e);
/* 1 when an error's field names one of those inputs (its error shown under it). */
int register_step_field_shown(const char *field);

/* notices.c: the user's SLA notices, and the unread count in the header */
int page_notices(Req *r);
int page_notices_read(Req *r);
void notice_badge(Req *r);

/* The case named by ":number" in the path, of this office; else answers 404 and gives NULL
** (cases.c; free it with case_free()). */
struct Case;
struct Case *case_from_path(Req *r);

/* directory.c: the directory (search, new entry, CSV upload with its report, an entry's page) */
int page_directory(Req *r);
int page_directory_add(Req *r);
int page_directory_import(Req *r);
int page_directory_entry(Req *r);
int page_directory_update(Req *r);
int page_directory_merge(Req *r);
/* accounts.c: SPSE accounts, year end, requests for accounts, the portal form, one-time links */
int page_accounts(Req *r);
int page_account_add(Req *r);
int page_account_entry(Req *r);
int page_account_status(Req *r);
int page_year_end(Req *r);
int page_year_end_run(Req *r);
int page_account_requests(Req *r);
int page_account_request_open(Req *r);
int page_account_request(Req *r);
int page_account_request_check(Req *r);
int page_account_request_resubmit(Req *r);
int page_account_request_approve(Req *r);
int page_account_request_execute(Req *r);
int page_account_request_notify(Req *r);
int page_account_request_letter(Req *r);
int page_account_request_archive(Req *r);
int page_portal_accounts(Req *r);
int page_portal_accounts_post(Req *r);
int page_credential(Req *r);
int page_credential_open(Req *r);

/* helpdesk.c: the help desk hub, phone desk and recap, bidding room, .rhs files, escalation, hand-over */
void helpdesk_case_links(Req *r, const struct Case *c);
int page_helpdesk(Req *r);
int page_helpdesk_walk_in(Req *r);
int page_helpdesk_email(Req *r);
int page_phone(Req *r);
int page_phone_new(Req *r);
int page_phone_answer(Req *r);
int page_phone_call(Req *r);
int page_phone_finish(Req *r);
int page_phone_recap(Req *r);
int page_bidding(Req *r);
int page_bidding_open(Req *r);
int page_bidding_visit(Req *r);
int page_bidding_step(Req *r);
int page_bidding_trainer(Req *r);
int page_rhs_open(Req *r);
int page_rhs(Req *r);
int page_rhs_file(Req *r);
int page_rhs_download(Req *r);
int page_rhs_test(Req *r);
int page_rhs_request(Req *r);
int page_rhs_result(Req *r);
int page_rhs_statement(Req *r);
int page_rhs_statement_pdf(Req *r);
int page_escalation(Req *r);
int page_escalate(Req *r);
int page_escalation_answer(Req *r);
int page_handover(Req *r);
int page_handover_post(Req *r);
int page_handover_answer(Req *r);

/* training.c: trainings of SPSE users (BTG-005), staff pages and the portal's */
int page_trainings(Req *r);
int page_training_calendar(Req *r);
int page_training_new(Req *r);
int page_training_create(Req *r);
int page_training(Req *r);
int page_training_approve(Req *r);
int page_training_prep(Req *r);
int page_training_invite(Req *r);
int page_training_signin(Req *r);
int page_training_attend(Req *r);
int page_training_qa(Req *r);
int page_training_question(Req *r);
int page_training_answer(Req *r);
int page_training_send(Req *r);
int page_training_finish(Req *r);
int page_training_qr(Req *r);
int page_training_report(Req *r);
int page_training_report_post(Req *r);
int page_portal_trainings(Req *r);
int page_portal_register_form(Req *r);
int page_portal_register(Req *r);
int page_portal_confirm(Req *r);
int page_portal_confirm_post(Req *r);
int page_portal_survey(Req *r);
int page_portal_survey_post(Req *r);
int page_questionnaires(Req *r);
int page_questionnaire_create(Req *r);
int page_training_edit(Req *r);
int page_training_update(Req *r);

/* verify.c: provider verification (OI-01): the portal's booking, the public card check, the desk */
int page_portal_verify(Req *r);
int page_portal_verify_book(Req *r);
int page_card_check(Req *r);
int page_verifications(Req *r);
int page_verification_create(Req *r);
int page_verify_queue(Req *r);
int page_verify_settings(Req *r);
int page_verify_settings_post(Req *r);
int page_verify_blacklist_post(Req *r);
int page_verification(Req *r);
int page_verification_post(Req *r);

/* reports.c: the dashboard, the compliance report, the recaps (each exported with ?format=),
** the registers' exports and printable forms, a procedure's swimlane flow */
int page_reports(Req *r);
int page_report_compliance(Req *r);
int page_recaps(Req *r);
int page_recap(Req *r);
int page_report_skm(Req *r);
int page_report_skm_suggestions(Req *r);
int page_register_export(Req *r);
int page_register_form(Req *r);
int page_sop_flow_svg(Req *r);
int page_sop_flow_pdf(Req *r);
struct Procedure;
/* The export links of a register's page, with its filters (registers.c calls it). */
void register_export_links(Req *r, const Register *g);
/* A register's page again (400) for an export asked for wrongly, msgid (or NULL) above it
** (registers.c; the export in reports.c calls it). */
int register_page_again(Req *r, const Register *g, const char *msgid);
/* An entry's number cell in a register's table, a link to its printable form when it has one. */
void register_number_cell(Req *r, const Register *g, const RegEntry *w);
/* The flow chart section of a procedure's page (sops.c calls it). */
void sop_flow_section(Req *r, const struct Procedure *p);
/* The procedure a /prosedur/:code address names, the code given less suffix ("" or "/alur.svg"):
** its slug, or its code (encoded or with its slashes). NULL when answered, *rc the result: 404 when
** none is, a redirect to the slug's address when the code names it. */
const struct Procedure *sop_page_find(Req *r, const char *suffix, int *rc);
/* kb.c: the knowledge base for staff, its section on the case page, and text as paragraphs */
int page_kb(Req *r);
int page_kb_new(Req *r);
int page_kb_create(Req *r);
int page_kb_article(Req *r);
int page_kb_update(Req *r);
int page_kb_revision(Req *r);
int page_case_kb(Req *r);
void kb_case_panel(Req *r, const struct Case *c);
/* Whether the caller may publish a case's answer as a new FAQ article (/kb/baru?kasus=). */
int  kb_may_publish(Req *r);
void kb_paragraphs(Req *r, const char *text);
void kb_paragraphs_links(Req *r, const char *text);   /* a help desk message: an FAQ article's address a link */
/* portal.c: the public portal (no sign-in) and its section on the staff's case page */
/* The office of a public page: ?office=CODE (or the posted form's office), else the first; shown
** in the page's header, and kept by its links (r->portal_query). 0 (404 answered) when unknown. */
int portal_page_office(Req *r, Office *o);
/* Show office o in a public page's header, and have its links keep it (r->portal_query). */
void portal_page_office_set(Req *r, const Office *o);
/* A portal address with the page's office kept: href, then "?office=CODE" when it is not the first. */
const char *portal_href(Req *r, const char *href);
/* The page's office as a hidden field "office" of a form, when it is not the first. */
void portal_office_field(Req *r);
/* On a portal page offering a service whose procedure is retired (sop_retired): that it is not
** available now and to contact the office, in place of a form that would be refused. */
void portal_unavailable(Req *r);
/* The contact of the office of a portal page (phone, e-mail, address: what it has), where the
** portal tells people to contact the office; nothing when it has none. */
void portal_contact(Req *r);
/* The portal's menu; current: the href of this page (marked), or NULL. */
void portal_nav(Req *r, const char *current);
int page_portal(Req *r);
int page_portal_faq(Req *r);
int page_portal_faq_article(Req *r);
int page_portal_submit_form(Req *r);
int page_portal_submit(Req *r);
int page_portal_track_form(Req *r);
int page_portal_track(Req *r);
int page_portal_attachment(Req *r);
int page_portal_ticket(Req *r);
int page_portal_reply(Req *r);
int page_portal_rate(Req *r);
/* skm.c: the public-satisfaction survey on the portal */
int page_portal_skm(Req *r);
int page_portal_skm_post(Req *r);
int page_portal_ikm(Req *r);
/* reports.c: an SKM figure to 2 decimals as people write it ("3,25"; "—" when !have), and an IKM's
** grade in words ("B (Baik)"; "—" when nobody answered): the report's and the portal's IKM page. */
const char *skm_dec(Req *r, double v, int have);
struct SkmIndex;
const char *skm_grade_text(Req *r, const struct SkmIndex *x);
int page_portal_ticket_skm(Req *r);
int page_portal_ticket_skm_post(Req *r);
int page_skm_paper(Req *r);
int page_skm_paper_post(Req *r);
int page_skm_paper_delete(Req *r);
int page_portal_reopen(Req *r);
int page_case_portal(Req *r);
void portal_case_panel(Req *r, const struct Case *c);

/* layout.c: form helpers shared by the pages */
/* A posted form field, trimmed; NULL when it was not sent or is empty. */
const char *form_opt(Req *r, const char *name);
/* A labelled input in a <div class="field"> with its value and error; its id is idp+name,
** extra raw attributes (" required", "" for none); label a msgid. */
void field_input(Req *r, const Err *e, const char *idp, const char *name, const char *label, const char *type,
                 const char *value, const char *extra);
/* field_input() with a hint (a msgid; NULL: none) under the input, tied to it by aria-describedby. */
void field_input_hint(Req *r, const Err *e, const char *idp, const char *name, const char *label, const char *type,
                      const char *value, const char *extra, const char *hint);
/* The inputmode, autocomplete… attributes a phone wants for an input of that name, or "". */
const char *input_hints(Req *r, const char *name);
/* The error above a form when it names none of its fields (a NULL-ended list) shown there. */
/* The errors above a form that name none of its fields (a NULL-ended list) shown there, each once. */
void form_error(Req *r, const Err *e, const char *const *fields);
/* The same, and a line that says to correct the field (fields) marked below when errors are shown there. */
void form_error_marked(Req *r, const Err *e, const char *const *fields);

/* a member of staff's absences (absences.c) */
extern const char *const absence_fields[];   /* the absence form's fields (NULL-ended) */
const char *absence_words(Req *r, const char *kind, const char *until);   /* "Cuti s.d. 28 Nov" */
void absence_card(Req *r, const User *u, const char *base, const Err *e);
int absence_post(Req *r, const User *u, Err *e);          /* 0, or the status of the error in *e */
int absence_cancel_post(Req *r, const User *u, Err *e);   /* 0, or the status of the error in *e */
int page_account_absence(Req *r);
int page_account_absence_cancel(Req *r);
int page_user_absence(Req *r);
int page_user_absence_cancel(Req *r);

/* the provider cancels a verification appointment (verify.c) */
int page_portal_verify_cancel(Req *r);
int page_portal_verify_cancel_post(Req *r);
/* cancelling or moving a training (training.c) */
int page_training_cancel(Req *r);
int page_training_reschedule(Req *r);
/* editing a questionnaire template (training.c) */
int page_questionnaire_edit(Req *r);
int page_questionnaire_update(Req *r);
/* A span of time in the office's zone: "1 Desember 2026, 08.00–12.00 WIB" within a day (layout.c). */
const char *web_span(Req *r, int64_t from, int64_t to);
/* the provider's verification appointment at its private link, where booking leads (verify.c) */
int page_portal_verify_appt(Req *r);
#endif
