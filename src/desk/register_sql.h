/*
** register_sql.h — the statements that list a register's entries and find those of a case, here so
** a test can EXPLAIN them (test/unit/test_register.c): each read in the order of an index that
** gives the page's rows, never every entry of the office (docs/benchmarks.md "Lists after ten years").
*/
#ifndef LOKET_REGISTER_SQL_H
#define LOKET_REGISTER_SQL_H

/* A register's list, newest first, by its index (office_id, id, the entry's time[, what its action
** recorded]): the period and the open/due filters are read in the index, a row fetched only when it
** is listed. Columns: id, number, created_by, created_at,
** its fields, due. ?1 office, ?2 LIKE pattern, ?3 from, ?4 to, ?5 the id to list below (the largest
** from the newest), ?6 one id, ?7 the action still to do (1) or not (2): a guest not yet left, a
** disposition not done, an archived file due for destruction; ?8 limit, ?9 today; the guest book and
** the consultation forms ?10, the phone number searched (register_phone_like). After due, the full
** name of who wrote it, then of each RF_USER field's user. */
#define REGISTER_SQL_LIST_GUEST_BOOK \
  "SELECT id, '', created_by, created_at, arrived_at, name, organisation, phone, purpose, met_whom," \
  " case_number, left_at, 0, coalesce((SELECT u.full_name FROM users u WHERE u.username=guest_book.created_by),'') FROM guest_book" \
  " WHERE office_id=?1 AND (?2 IS NULL OR lower(name) LIKE ?2 ESCAPE '\\' OR lower(organisation) LIKE ?2 ESCAPE '\\'" \
  "  OR lower(purpose) LIKE ?2 ESCAPE '\\' OR lower(met_whom) LIKE ?2 ESCAPE '\\'" \
  "  OR lower(case_number) LIKE ?2 ESCAPE '\\' OR phone LIKE ?2 ESCAPE '\\'" \
  "  OR (?10 IS NOT NULL AND replace(replace(replace(replace(replace(phone,' ',''),'-',''),'.',''),'(',''),')','') LIKE ?10))" \
  " AND (?3=0 OR arrived_at>=?3) AND (?4=0 OR arrived_at<?4) AND id<?5 AND (?6=0 OR id=?6)" \
  " AND (?7=0 OR (?7=1)=(left_at IS NULL))" \
  " ORDER BY id DESC LIMIT ?8"
#define REGISTER_SQL_LIST_AGENDA \
  "SELECT id, number, created_by, created_at, letter_no, letter_date, received_at, sender, subject," \
  " case_number, 0, coalesce((SELECT u.full_name FROM users u WHERE u.username=agenda.created_by),'') FROM agenda" \
  " WHERE office_id=?1 AND (?2 IS NULL OR lower(number) LIKE ?2 ESCAPE '\\' OR lower(letter_no) LIKE ?2 ESCAPE '\\'" \
  "  OR lower(sender) LIKE ?2 ESCAPE '\\' OR lower(subject) LIKE ?2 ESCAPE '\\' OR lower(case_number) LIKE ?2 ESCAPE '\\')" \
  " AND (?3=0 OR received_at>=?3) AND (?4=0 OR received_at<?4) AND id<?5 AND (?6=0 OR id=?6)" \
  " ORDER BY id DESC LIMIT ?8"
#define REGISTER_SQL_LIST_DISPOSITION \
  "SELECT d.id, coalesce(d.number,''), d.created_by, d.created_at, a.number, d.case_number, d.from_user, d.to_user, d.to_role," \
  " d.instruction, d.due_at, d.done_at, 0, coalesce(uc.full_name,''), coalesce(uf.full_name,''), coalesce(ut.full_name,'')" \
  " FROM disposition d LEFT JOIN agenda a ON a.id=d.agenda_id LEFT JOIN users uc ON uc.username=d.created_by" \
  " LEFT JOIN users uf ON uf.username=d.from_user LEFT JOIN users ut ON ut.username=d.to_user" \
  " WHERE d.office_id=?1 AND (?2 IS NULL OR lower(d.number) LIKE ?2 ESCAPE '\\' OR lower(a.number) LIKE ?2 ESCAPE '\\'" \
  "  OR lower(d.case_number) LIKE ?2 ESCAPE '\\'" \
  "  OR lower(d.created_by) LIKE ?2 ESCAPE '\\' OR lower(uc.full_name) LIKE ?2 ESCAPE '\\'"   /* who recorded it */ \
  "  OR lower(d.from_user) LIKE ?2 ESCAPE '\\' OR lower(d.to_user) LIKE ?2 ESCAPE '\\'" \
  "  OR lower(uf.full_name) LIKE ?2 ESCAPE '\\' OR lower(ut.full_name) LIKE ?2 ESCAPE '\\'" \
  "  OR lower(d.to_role) LIKE ?2 ESCAPE '\\' OR lower(d.instruction) LIKE ?2 ESCAPE '\\')" \
  " AND (?3=0 OR d.created_at>=?3) AND (?4=0 OR d.created_at<?4) AND d.id<?5 AND (?6=0 OR d.id=?6)" \
  " AND (?7=0 OR (?7=1)=(d.done_at IS NULL))" \
  " ORDER BY d.id DESC LIMIT ?8"
#define REGISTER_SQL_LIST_CONSULTATION \
  "SELECT id, number, created_by, created_at, asked_at, name, organisation, contact, question, answer," \
  " case_number, 0, coalesce((SELECT u.full_name FROM users u WHERE u.username=consultation.created_by),'') FROM consultation" \
  " WHERE office_id=?1 AND (?2 IS NULL OR lower(number) LIKE ?2 ESCAPE '\\' OR lower(name) LIKE ?2 ESCAPE '\\'" \
  "  OR lower(organisation) LIKE ?2 ESCAPE '\\' OR lower(contact) LIKE ?2 ESCAPE '\\'" \
  "  OR (?10 IS NOT NULL AND replace(replace(replace(replace(replace(contact,' ',''),'-',''),'.',''),'(',''),')','') LIKE ?10)" \
  "  OR lower(question) LIKE ?2 ESCAPE '\\' OR lower(answer) LIKE ?2 ESCAPE '\\' OR lower(case_number) LIKE ?2 ESCAPE '\\')" \
  " AND (?3=0 OR asked_at>=?3) AND (?4=0 OR asked_at<?4) AND id<?5 AND (?6=0 OR id=?6)" \
  " ORDER BY id DESC LIMIT ?8"
#define REGISTER_SQL_LIST_HANDOVER \
  "SELECT id, number, created_by, created_at, at, items, from_name, to_name, case_number, 0," \
  " coalesce((SELECT u.full_name FROM users u WHERE u.username=handover.created_by),'') FROM handover" \
  " WHERE office_id=?1 AND (?2 IS NULL OR lower(number) LIKE ?2 ESCAPE '\\' OR lower(items) LIKE ?2 ESCAPE '\\'" \
  "  OR lower(from_name) LIKE ?2 ESCAPE '\\' OR lower(to_name) LIKE ?2 ESCAPE '\\' OR lower(case_number) LIKE ?2 ESCAPE '\\')" \
  " AND (?3=0 OR at>=?3) AND (?4=0 OR at<?4) AND id<?5 AND (?6=0 OR id=?6)" \
  " ORDER BY id DESC LIMIT ?8"
#define REGISTER_SQL_LIST_ARCHIVE \
  "SELECT id, '', created_by, created_at, case_number, title, location, archived_at, retain_until," \
  " destroyed_at, (destroyed_at IS NULL AND retain_until<=?9), coalesce((SELECT u.full_name FROM users u WHERE u.username=archive.created_by),'') FROM archive" \
  " WHERE office_id=?1 AND (?2 IS NULL OR lower(case_number) LIKE ?2 ESCAPE '\\' OR lower(title) LIKE ?2 ESCAPE '\\'" \
  "  OR lower(location) LIKE ?2 ESCAPE '\\')" \
  " AND (?3=0 OR archived_at>=?3) AND (?4=0 OR archived_at<?4) AND id<?5 AND (?6=0 OR id=?6)" \
  " AND (?7=0 OR (?7=1)=(destroyed_at IS NULL AND retain_until<=?9))" \
  " ORDER BY id DESC LIMIT ?8"

/* The entries of a register that name a case (a case page's links), by its partial index
** (office_id, case_number): id, number, when. ?1 office, ?2 case number. */
#define REGISTER_SQL_CASE_GUEST_BOOK \
  "SELECT id, '', arrived_at FROM guest_book WHERE office_id=?1 AND case_number=?2 ORDER BY id"
#define REGISTER_SQL_CASE_AGENDA \
  "SELECT id, number, received_at FROM agenda WHERE office_id=?1 AND case_number=?2 ORDER BY id"
#define REGISTER_SQL_CASE_DISPOSITION \
  "SELECT id, coalesce(number,''), created_at FROM disposition WHERE office_id=?1 AND case_number=?2 ORDER BY id"
#define REGISTER_SQL_CASE_CONSULTATION \
  "SELECT id, number, asked_at FROM consultation WHERE office_id=?1 AND case_number=?2 ORDER BY id"
#define REGISTER_SQL_CASE_HANDOVER \
  "SELECT id, number, at FROM handover WHERE office_id=?1 AND case_number=?2 ORDER BY id"
#define REGISTER_SQL_CASE_ARCHIVE \
  "SELECT id, '', created_at FROM archive WHERE office_id=?1 AND case_number=?2 ORDER BY id"

#endif
