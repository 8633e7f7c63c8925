/*
** register_sql.h — the statements that list a register's entries and find those of a case, here so
** a test can EXPLAIN them (test/unit/test_register.c): each read in the order of an index that
** gives the page's rows, never every entry of the office (docs/benchmarks.md "Lists after ten years").
*/
#ifndef LOKET_REGISTER_SQL_H
#define LOKET_REGISTER_SQL_H

/* Who wrote an entry of a register, as the listings read and search it (one piece for every
** register; each listing's table is named e): the full name of the user, '' when none ... */
#define REG_AUTHOR_NAME " coalesce((SELECT u.full_name FROM users u WHERE u.username=e.created_by),'')"
/* ... and the entry found by their username or full name, as by its text (an OR term of the ?2 search). */
#define REG_AUTHOR_LIKE " OR " DB_SQL_FOLD("e.created_by") " LIKE ?2 ESCAPE '\\'" \
  " OR EXISTS (SELECT 1 FROM users u WHERE u.username=e.created_by AND " DB_SQL_FOLD("u.full_name") " LIKE ?2 ESCAPE '\\')"

/* Every text a listing's q (?2) is compared with is folded as q is (DB_SQL_FOLD, db_fold: "PT ABC"
** finds "P.T. A.B.C.", "cv mitra karya" "CV. Mitra-Karya"), as the case list and the directory do;
** a phone number by its digits (?10). */
/* A register's list, newest first, by its index (office_id, id, the entry's time[, what its action
** recorded]): the period and the open/due filters are read in the index, a row fetched only when it
** is listed. Columns: id, number, created_by, created_at,
** its fields, due. ?1 office, ?2 LIKE pattern, ?3 from, ?4 to, ?5 the id to list below (the largest
** from the newest), ?6 one id, ?7 the action still to do (1) or not (2): a guest not yet left, a
** disposition not done, an archived file due for destruction; ?8 limit, ?9 today; the guest book and
** the consultation forms ?10, the phone number searched (register_phone_like). After due, the full
** name of who wrote it, then of each RF_USER field's user. */
#define REGISTER_SQL_LIST_GUEST_BOOK \
  "SELECT e.id, '', e.created_by, e.created_at, e.arrived_at, e.name, e.organisation, e.phone, e.purpose, e.met_whom," \
  " e.case_number, e.left_at, 0," REG_AUTHOR_NAME " FROM guest_book e" \
  " WHERE e.office_id=?1 AND (?2 IS NULL OR " DB_SQL_FOLD("e.name") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.organisation") " LIKE ?2 ESCAPE '\\'" \
  "  OR " DB_SQL_FOLD("e.purpose") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.met_whom") " LIKE ?2 ESCAPE '\\'" \
  "  OR " DB_SQL_FOLD("e.case_number") " LIKE ?2 ESCAPE '\\' OR e.phone LIKE ?2 ESCAPE '\\'" \
  "  OR (?10 IS NOT NULL AND replace(replace(replace(replace(replace(e.phone,' ',''),'-',''),'.',''),'(',''),')','') LIKE ?10)" \
  REG_AUTHOR_LIKE ")" \
  " AND (?3=0 OR e.arrived_at>=?3) AND (?4=0 OR e.arrived_at<?4) AND e.id<?5 AND (?6=0 OR e.id=?6)" \
  " AND (?7=0 OR (?7=1)=(e.left_at IS NULL))" \
  " ORDER BY e.id DESC LIMIT ?8"
#define REGISTER_SQL_LIST_AGENDA \
  "SELECT e.id, e.number, e.created_by, e.created_at, e.letter_no, e.letter_date, e.received_at, e.sender, e.subject," \
  " e.case_number, 0," REG_AUTHOR_NAME " FROM agenda e" \
  " WHERE e.office_id=?1 AND (?2 IS NULL OR " DB_SQL_FOLD("e.number") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.letter_no") " LIKE ?2 ESCAPE '\\'" \
  "  OR " DB_SQL_FOLD("e.sender") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.subject") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.case_number") " LIKE ?2 ESCAPE '\\'" \
  REG_AUTHOR_LIKE ")" \
  " AND (?3=0 OR e.received_at>=?3) AND (?4=0 OR e.received_at<?4) AND e.id<?5 AND (?6=0 OR e.id=?6)" \
  " ORDER BY e.id DESC LIMIT ?8"
#define REGISTER_SQL_LIST_DISPOSITION \
  "SELECT e.id, coalesce(e.number,''), e.created_by, e.created_at, a.number, e.case_number, e.from_user, e.to_user, e.to_role," \
  " e.instruction, e.due_at, e.done_at, 0," REG_AUTHOR_NAME ", coalesce(a.sender,''), coalesce(uf.full_name,''), coalesce(ut.full_name,'')" \
  " FROM disposition e LEFT JOIN agenda a ON a.id=e.agenda_id" \
  " LEFT JOIN users uf ON uf.username=e.from_user LEFT JOIN users ut ON ut.username=e.to_user" \
  " WHERE e.office_id=?1 AND (?2 IS NULL OR " DB_SQL_FOLD("e.number") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("a.number") " LIKE ?2 ESCAPE '\\'" \
  "  OR " DB_SQL_FOLD("a.sender") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("a.subject") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("a.letter_no") " LIKE ?2 ESCAPE '\\'" \
  "  OR " DB_SQL_FOLD("e.case_number") " LIKE ?2 ESCAPE '\\'" \
  REG_AUTHOR_LIKE \
  "  OR " DB_SQL_FOLD("e.from_user") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.to_user") " LIKE ?2 ESCAPE '\\'" \
  "  OR " DB_SQL_FOLD("uf.full_name") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("ut.full_name") " LIKE ?2 ESCAPE '\\'" \
  "  OR " DB_SQL_FOLD("e.to_role") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.instruction") " LIKE ?2 ESCAPE '\\')" \
  " AND (?3=0 OR e.created_at>=?3) AND (?4=0 OR e.created_at<?4) AND e.id<?5 AND (?6=0 OR e.id=?6)" \
  " AND (?7=0 OR (?7=1)=(e.done_at IS NULL))" \
  " ORDER BY e.id DESC LIMIT ?8"
#define REGISTER_SQL_LIST_CONSULTATION \
  "SELECT e.id, e.number, e.created_by, e.created_at, e.asked_at, e.name, e.organisation, e.contact, e.question, e.answer," \
  " e.case_number, 0," REG_AUTHOR_NAME " FROM consultation e" \
  " WHERE e.office_id=?1 AND (?2 IS NULL OR " DB_SQL_FOLD("e.number") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.name") " LIKE ?2 ESCAPE '\\'" \
  "  OR " DB_SQL_FOLD("e.organisation") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.contact") " LIKE ?2 ESCAPE '\\'" \
  "  OR (?10 IS NOT NULL AND replace(replace(replace(replace(replace(e.contact,' ',''),'-',''),'.',''),'(',''),')','') LIKE ?10)" \
  "  OR " DB_SQL_FOLD("e.question") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.answer") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.case_number") " LIKE ?2 ESCAPE '\\'" \
  REG_AUTHOR_LIKE ")" \
  " AND (?3=0 OR e.asked_at>=?3) AND (?4=0 OR e.asked_at<?4) AND e.id<?5 AND (?6=0 OR e.id=?6)" \
  " ORDER BY e.id DESC LIMIT ?8"
#define REGISTER_SQL_LIST_HANDOVER \
  "SELECT e.id, e.number, e.created_by, e.created_at, e.at, e.items, e.from_name, e.to_name, e.case_number, 0," \
  REG_AUTHOR_NAME " FROM handover e" \
  " WHERE e.office_id=?1 AND (?2 IS NULL OR " DB_SQL_FOLD("e.number") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.items") " LIKE ?2 ESCAPE '\\'" \
  "  OR " DB_SQL_FOLD("e.from_name") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.to_name") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.case_number") " LIKE ?2 ESCAPE '\\'" \
  REG_AUTHOR_LIKE ")" \
  " AND (?3=0 OR e.at>=?3) AND (?4=0 OR e.at<?4) AND e.id<?5 AND (?6=0 OR e.id=?6)" \
  " ORDER BY e.id DESC LIMIT ?8"
#define REGISTER_SQL_LIST_ARCHIVE \
  "SELECT e.id, '', e.created_by, e.created_at, e.case_number, e.title, e.location, e.archived_at, e.retain_until," \
  " e.destroyed_at, (e.destroyed_at IS NULL AND e.retain_until<=?9)," REG_AUTHOR_NAME " FROM archive e" \
  " WHERE e.office_id=?1 AND (?2 IS NULL OR " DB_SQL_FOLD("e.case_number") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("e.title") " LIKE ?2 ESCAPE '\\'" \
  "  OR " DB_SQL_FOLD("e.location") " LIKE ?2 ESCAPE '\\'" REG_AUTHOR_LIKE ")" \
  " AND (?3=0 OR e.archived_at>=?3) AND (?4=0 OR e.archived_at<?4) AND e.id<?5 AND (?6=0 OR e.id=?6)" \
  " AND (?7=0 OR (?7=1)=(e.destroyed_at IS NULL AND e.retain_until<=?9))" \
  " ORDER BY e.id DESC LIMIT ?8"

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
