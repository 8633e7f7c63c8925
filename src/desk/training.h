/*
** training.h — trainings of SPSE users (SOP-LPSE.BTG-005) as a service: a plan
** (sessions over one or more days, audience, capacity, venue and facilities,
** trainers, budget lines) that is a case of BTG-005, approved by the head; the
** preparation checklist with due times in working days before the training,
** reminders and breaches; participants (invited or registered on the portal,
** a waiting list past capacity, attendance confirmed through an e-mailed link
** whose token is stored hashed); attendance per session; the Q&A log; the
** questionnaire templates and the answers; the report, due 1 hour after the end.
** Every change is audited in its own transaction; nothing here writes HTML.
*/
#ifndef LOKET_TRAINING_H
#define LOKET_TRAINING_H
#include "../core/core.h"
#include "../db/db.h"
#include "../sop/calendar.h"
#include "../sop/watch.h"
#include "../sop/case.h"   /* TRAINING_SOP */

#define TRAINING_MAX_SESSIONS 16
#define TRAINING_MAX_BUDGET 32
#define TRAINING_MAX_FACILITIES 16
#define TRAINING_MAX_ITEMS 30
#define TRAINING_QA_MIN_MINUTES 15     /* SOP step 3b: at least 15 minutes of Q&A per session */

/* The audiences a training is for. */
extern const char *const training_audiences[];  /* penyedia ppk pokja pejabat_pengadaan instansi umum */
const char *training_audience_label(const char *word);
const char *training_audience_text(const char *audience, const char *lang, char *out, size_t n);
const char *training_kind_word(const char *kind);
/* An item's kind to show: a msgid ("choice", "text", "likert"). */
const char *training_kind_label(const char *kind);

/* One session as given (local "YYYY-MM-DD HH:MM" in the office's zone, or ISO 8601). */
typedef struct TrainingSessionIn { const char *title, *starts, *ends; } TrainingSessionIn;
typedef struct TrainingBudget { const char *item; int64_t amount; } TrainingBudget;

/* What a plan takes. */
typedef struct TrainingNew {
  const char *title, *description, *venue;
  const char *const *audience; int naudience;
  const char *const *facilities; int nfacilities;   /* room, internet, catering …: a checklist item each */
  const char *const *trainers; int ntrainers;
  int capacity;
  int portal;                   /* 1: open for registration on the portal */
  int64_t template_id;          /* the questionnaire; 0: the office's standard one */
  TrainingSessionIn sessions[TRAINING_MAX_SESSIONS]; int nsessions;
  TrainingBudget budget[TRAINING_MAX_BUDGET]; int nbudget;
} TrainingNew;

typedef struct TrainingSession {
  int64_t id; int no; const char *title; int64_t starts_at, ends_at;
  int qa_minutes, present, questions;
  const char *holiday;          /* the name of the office's holiday its day falls on, or NULL */
  int closed_day;               /* 1 when its day is no holiday but the office is closed then (a weekend by its weekly hours, a period) */
} TrainingSession;

/* One item of the preparation checklist (SOP step 2). */
typedef struct TrainingPrep {
  int64_t id; const char *kind, *label; int days;
  int64_t due_at, remind_at, done_at, reminded_at, breached_at;
  const char *done_by;
  int met;                      /* 1 met, 0 breached, -1 not yet */
} TrainingPrep;

typedef struct Training {
  int64_t id, office_id, case_id, template_id;
  const char *number, *title, *description, *audience, *venue, *trainers, *status;
  const char *approved_by, *reported_by, *report_notes, *created_by;
  int capacity, portal, current_step;
  int64_t starts_at, ends_at, approved_at, held_at, reported_at, created_at;
  int64_t report_due_at;        /* step 4's stored due time (0 before it starts) */
  int report_met;               /* -1 not yet */
  int64_t survey_opens_at, survey_closes_at;
  TrainingSession *sessions; int nsessions;
  TrainingBudget *budget; int nbudget;
  TrainingPrep *prep; int nprep;
  int seats, waiting, confirmed, declined, no_answer;
} Training;

typedef struct TrainingRow {
  int64_t id, starts_at, ends_at; int capacity, seats, portal;
  const char *title, *venue, *status, *number, *audience;
} TrainingRow;

typedef struct Participant {
  int64_t id, created_at, rsvp_at;
  const char *name, *agency, *role, *email, *phone, *source, *seat, *rsvp;
  int present;                  /* sessions attended */
  int answered;                 /* the questionnaire */
  const char *lang;             /* the language of their e-mails: "id" or "en" */
} Participant;

/* lang: the language of their e-mails, the portal's as used, else the office's default ("id" when NULL) */
typedef struct ParticipantNew { const char *name, *agency, *role, *email, *phone, *lang; } ParticipantNew;

typedef struct Question {
  int64_t id, session_id, answered_at, sent_at, created_at; int session_no;
  const char *asker_name, *asker_agency, *question, *answer, *status, *email, *phone, *routed_to;
} Question;
typedef struct QuestionNew {
  int64_t session_id;
  const char *asker_name, *asker_agency, *question, *answer, *email, *phone, *routed_to;
} QuestionNew;

/* Questionnaire templates: Likert items (1..5), choices (one of options), free text. */
typedef struct TqItem { int64_t id; int no; const char *kind, *text; const char *options[12]; int noptions; } TqItem;
typedef struct TqTemplate {
  int64_t id; const char *name; TqItem *items; int nitems;
  int standard;                 /* the office's standard one (made with the office), whatever it is called now */
} TqTemplate;
typedef struct TqItemNew { const char *kind, *text; const char *const *options; int noptions; } TqItemNew;
/* One answer given: by item id, a value (likert 1..5, choice index 0..) or text. */
typedef struct TqAnswerIn { int64_t item_id; int value; const char *text; } TqAnswerIn;
/* Results of one item: count per value (likert 1..5 → [1..5]; choice i → [i]), mean, comments. */
typedef struct TqResult {
  const TqItem *item; int n; int count[13]; double mean;
  const char **comments; int ncomments;
} TqResult;

/* Everything the report form shows, filled by training_report_data(). */
typedef struct TrainingReport {
  Training *t;
  const char *office_name, *tz;
  Participant *people; int npeople;
  Question *questions; int nquestions;
  TqTemplate tpl; TqResult *results; int responses;
  const char *lang;          /* the language of the form: "id" (training_report_data's), "en" */
} TrainingReport;

/* ---- the plan ---- */
/* Draw up a plan (every wrong field named in e; one whose sessions have all ended by now is
** refused naming "sessions.ends_at": a past training is not recorded after the fact). */
int training_create(Db *db, const Actor *who, const TrainingNew *in, int64_t *id, Err *e);
/* Change a plan before it is approved (the same input as training_create). */
int training_update(Db *db, const Actor *who, int64_t id, const TrainingNew *in, Err *e);
/* Check a plan as the two above do (in the office's zone tz), every wrong field named in e;
** nothing read or written (a caller says these with its own input's problems). */
int training_plan_check(const TrainingNew *in, const char *tz, Err *e);
int training_get(Db *db, int64_t office_id, int64_t id, Training *t, Arena *a);
/* Trainings of an office starting in [from, to) (0: open), by start; portal_only: open ones. */
int training_list(Db *db, int64_t office_id, int64_t from, int64_t to, int portal_only,
                  TrainingRow **rows, int *n, Arena *a);
/* The trainings the portal takes registrations for at now: on the portal, approved, not begun. */
int training_list_open(Db *db, int64_t office_id, int64_t now, TrainingRow **rows, int *n, Arena *a);
/* One session's time of a training (a month calendar shows a training on its sessions' days). */
typedef struct TrainingSpan { int64_t training_id, starts_at, ends_at; } TrainingSpan;
/* The sessions of the office's trainings that meet [from, to), by training. */
int training_spans(Db *db, int64_t office_id, int64_t from, int64_t to, TrainingSpan **v, int *n, Arena *a);
/* The head approves the plan: step 1 done, the preparation begins (step 2). */
int training_approve(Db *db, const Actor *who, int64_t id, Err *e);
/* Tick or untick a preparation item; the last one ticked completes step 2. */
int training_prep_set(Db *db, const Actor *who, int64_t id, int64_t prep_id, int done, Err *e);
/* The due time of a preparation item: the close of the n-th working day before the start. */
const char *training_prep_label(const char *label);
int64_t training_prep_due(const Calendar *cal, int64_t starts_at, int days);
/* When its reminder goes: the opening of the working day before the due day. */
int64_t training_prep_remind(const Calendar *cal, int64_t due_at);
/* One pass of reminders and breaches of the preparation items due by now (all offices). */
int training_watch(Db *db, int64_t now, WatchCounts *cnt);
/* After a change of the office's calendar: open preparation items' deadlines counted again
** (a calendar hook, src/sop/calendar.h). */
int training_calendar_shift(Db *db, int64_t office_id, const Calendar *was, const Calendar *cal,
                            int64_t from, int *moved);
/* The training was held (step 3 done, step 4 — the report — starts, due 1 hour after the end). */
int training_finish(Db *db, const Actor *who, int64_t id, Err *e);
/* Cancel a training not yet held (plan or approved): its case cancelled with the reason (field
** "reason", required), every participant with an address who has not declined told by e-mail,
** audited as training.cancel; *told the mails queued. ERR_CONFLICT (field "status") otherwise. */
int training_cancel(Db *db, const Actor *who, int64_t id, const char *reason, int *told, Err *e);
/* A case close hook: a training's case is not cancelled by the case's own action while the
** training is a plan or approved (ERR_CONFLICT, field "status": cancel the training). */
int training_on_close(Db *db, const Actor *who, const Case *c, Err *e);
/* Put a training not yet held (plan or approved: a plan's invited participants are told as an
** approved one's, and it stays a plan for the head to approve) on other days: its sessions replaced by sv
** (checked as a plan's; none may have attendance or questions yet), the preparation items'
** and the case's deadlines counted again from the new start (items done or past their
** deadline keep their record), every participant with an address who has not declined told
** by e-mail with the reason (field "reason", required), audited as training.reschedule;
** *told the mails queued. ERR_CONFLICT (field "status" or "sessions") otherwise. The days are
** part of the plan the head approves (BTG-005 step 1): an approved training is moved only by a
** caller whose roles hold training.approve, else ERR_DENIED (field "status", TRAINING_MOVE_DENIED). */
int training_reschedule(Db *db, const Actor *who, unsigned roles, int64_t id, const TrainingSessionIn *sv, int n,
                        const char *reason, int *told, Err *e);
/* 1 when a caller holding roles may move t as training_reschedule judges it (approved: training.approve;
** otherwise training.write); the page offers its form by this. */
int training_may_move(const Training *t, unsigned roles);
/* Why an approved training is not moved by one who may not approve plans. */
#define TRAINING_MOVE_DENIED N_("The plan is already approved: only whoever may approve plans (the head) moves it to other days")
/* Check the new sessions and the reason as training_reschedule does (in the office's zone tz),
** every wrong field named in e; nothing read or written. */
int training_move_check(const TrainingSessionIn *sv, int n, const char *reason, const char *tz, Err *e);
/* The report: notes kept, step 4 done and timed against its due time. */
int training_report_submit(Db *db, const Actor *who, int64_t id, const char *notes, Err *e);

/* ---- participants ---- */
/* Check a participant's fields (name, agency, email, phone, role), every one wrong named in e; nothing written. */
int training_participant_check(const ParticipantNew *in, Err *e);
/* Invite (staff) or register (portal, source "portal"): a seat while there is room, else the
** waiting list; a mail with the confirmation link base/portal/pelatihan/konfirmasi/TOKEN. */
int training_participant_add(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *source,
                             const ParticipantNew *in, const char *base, Participant *out, Arena *a, Err *e);
/* A registration from the portal (source "portal"), with the personal link's token (64 hex) written
** to token: the registration's confirmation page is that private link. */
int training_portal_register(Db *db, const Actor *who, int64_t office_id, int64_t id, const ParticipantNew *in,
                             const char *base, Participant *out, char token[65], Arena *a, Err *e);
/* A participant row's columns (participant_read in training.c): the sessions attended counted by
** training_attendance_participant, the questionnaire answered by tq_response's (training, participant). */
#define TRAINING_PARTICIPANT_COLS "p.id, p.created_at, coalesce(p.rsvp_at,0), p.name, p.agency, p.role, p.email, p.phone," \
  " p.source, p.seat, p.rsvp, (SELECT count(*) FROM training_attendance x WHERE x.participant_id=p.id)," \
  " EXISTS(SELECT 1 FROM tq_response r WHERE r.training_id=p.training_id AND r.participant_id=p.id), p.lang"
/* The participants of training ?1 of office ?2: seats first, then the waiting list, by arrival. */
#define TRAINING_SQL_PARTICIPANTS "SELECT " TRAINING_PARTICIPANT_COLS " FROM training_participant p" \
  " WHERE p.training_id=?1 AND p.office_id=?2 ORDER BY p.seat='waiting', p.id"
int training_participants(Db *db, int64_t office_id, int64_t id, Participant **rows, int *n, Arena *a);
/* The participant and training of a confirmation token (its hash is what is stored). */
int training_by_token(Db *db, const char *token, int64_t *office_id, int64_t *training_id,
                      Participant *p, Arena *a);
/* Confirm ("confirmed") or decline ("declined") through the token; a decline gives the seat
** to the first on the waiting list. */
int training_rsvp(Db *db, const char *token, const char *answer, Err *e);
/* Mark a participant present (1) or not (0) at a session. */
int training_attend(Db *db, const Actor *who, int64_t id, int64_t session_id, int64_t participant_id,
                    int present, Err *e);
/* The participant ids present at a session. */
int training_attendance(Db *db, int64_t session_id, int64_t **ids, int *n, Arena *a);

/* ---- the Q&A log ---- */
int training_qa_minutes(Db *db, const Actor *who, int64_t id, int64_t session_id, int minutes, Err *e);
int training_question_add(Db *db, const Actor *who, int64_t id, const QuestionNew *in, int64_t *qid, Err *e);
/* Check a question's values as training_question_add does, every wrong field added to all, the
** phone as kept into phone[24]; nothing read (who it is routed to is training_question_add's
** look-up): ERR_INVALID when routed_to is wrong. */
int training_question_check(const QuestionNew *in, char *phone, Err *all);
/* Answer an open question (and/or route it to a username who can). */
int training_question_answer(Db *db, const Actor *who, int64_t id, int64_t qid, const char *answer,
                             const char *routed_to, Err *e);
/* Send the answers of the answered open questions by e-mail (after the training); *sent. */
int training_questions_send(Db *db, const Actor *who, int64_t id, int *sent, Err *e);
int training_questions(Db *db, int64_t id, Question **rows, int *n, Arena *a);

/* ---- questionnaires ---- */
/* Check a template's name and items as the two below do, every wrong field named in e; nothing
** read or written: ERR_INVALID when one is wrong. */
int tq_template_check(const char *name, const TqItemNew *items, int n, Err *e);
int tq_template_create(Db *db, const Actor *who, const char *name, const TqItemNew *items, int n,
                       int64_t *id, Err *e);
/* Change a template's name and items (audited); ERR_CONFLICT (field "items") once it has answers,
** (field "name") when another has the name; ERR_NOTFOUND when not of the office. */
int tq_template_update(Db *db, const Actor *who, int64_t id, const char *name, const TqItemNew *items, int n, Err *e);
/* The office's standard template, made when it has none (offices are born with it). */
int tq_template_default(Db *db, const Actor *who, int64_t office_id, int64_t *id);
/* Every office without its standard template given one (serve's start). */
int tq_template_defaults(Db *db);
int tq_template_get(Db *db, int64_t office_id, int64_t id, TqTemplate *t, Arena *a);
int tq_template_list(Db *db, int64_t office_id, TqTemplate **rows, int *n, Arena *a);
/* A participant's own link token that no row keeps ("ID-MAC", under a key derived from verify.key):
** it opens the participant's confirmation page and questionnaire as the invitation's does. */
int training_link_token(int64_t office_id, int64_t tid, int64_t pid, char out[64]);
/* The participant of a training by the token of a personal link (the invitation's, a seat's, or
** the one training_survey_link mails); the room's e-mail alone names no one. */
int training_survey_who(Db *db, int64_t office_id, int64_t id, const char *token, int64_t *participant_id, Err *e);
#define TRAINING_SURVEY_LINK_GAP_S 600   /* a participant is mailed the questionnaire's link at most this often */
/* Asked on the room's page with an e-mail: mail the participant with that address (a seat, not
** declined) the personal link to the questionnaire (at base), audited; OK whether or not the address
** is a participant's, so the answer does not tell who took part (a wrong one is counted against ip
** as a guess: ERR_THROTTLED with *retry_after while it waits); ERR_DENIED while it is not open. */
int training_survey_link(Db *db, int64_t office_id, int64_t id, const char *email, const char *base,
                         const char *ip, int *retry_after, Err *e);
/* Answer the questionnaire once: ERR_CONFLICT the second time; ERR_DENIED when it is not open;
** ERR_INVALID naming each wrong answer by its entry (answers[2].value) and each rating or choice
** left out by its item's number (answers.q3), the names kept in ea. */
int training_survey_submit(Db *db, int64_t office_id, int64_t id, int64_t participant_id,
                           const TqAnswerIn *ans, int n, Err *e, Arena *ea);
int training_survey_results(Db *db, const Training *t, TqTemplate *tpl, TqResult **res, int *responses,
                            Arena *a);

/* The office a training belongs to; ERR_NOTFOUND when there is no such training. */
int training_office_of(Db *db, int64_t id, int64_t *office_id);
/* The office of a training by a public address that may name one (?office=CODE): the training's;
** ERR_NOTFOUND when the code names another office or none such, or there is no such training. */
int training_portal_office(Db *db, int64_t id, const char *code, int64_t *office_id);

/* ---- the report ---- */
int training_report_data(Db *db, int64_t office_id, int64_t id, TrainingReport *rep, Arena *a);

#endif
