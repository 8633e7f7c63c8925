/*
** case_sql.h — the two statements that read one case: its own row by office and number, then
** its steps. Shared by src/sop/case.c and bench/caseread.c (which times them on a data folder).
*/
#ifndef LOKET_CASE_SQL_H
#define LOKET_CASE_SQL_H

/* A case's own columns, by its office and number. */
#define CASE_SQL \
  "SELECT k.id, k.office_id, k.procedure_id, k.number, k.channel, k.subject," \
  " k.priority, k.urgency, k.impact, k.status, k.opened_at, k.closed_at," \
  " k.response_due_at, k.resolution_due_at, k.requester_name," \
  " (SELECT name FROM party WHERE id=k.org_id), k.opened_by, k.cancel_reason," \
  " k.responded_at, k.response_met, k.resolution_met, k.org_id, k.org_given" \
  " FROM kasus k WHERE k.office_id=?1 AND k.number=?2"

/* Its steps, by number and visit (the unique index's order). A second statement costs less
** than one joining the two: the join decoded the case's 23 columns again for every step row
** and ran the organisation's subquery once per row (callgrind: 7.6k fewer instructions a case
** of three steps). */
#define CASE_STEPS_SQL \
  "SELECT s.id, s.no, s.visit, s.started_at, s.done_at, s.due_at, s.met, s.paused_s, s.outcome, s.note," \
  " s.done_by, s.assigned_role, s.assigned_user, s.task_due, s.items_checked, s.pause_started_at" \
  " FROM case_step s WHERE s.case_id=?1 ORDER BY s.no, s.visit"

#endif
