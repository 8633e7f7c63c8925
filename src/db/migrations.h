/*
** migrations.h — the SQLite schema as named steps, applied in this order by
** db_global_open(), each once (the names applied are kept in schema_migration).
** Never edit a step that has shipped: append a new one at the end.
** Every business row carries office_id so one deployment can host many offices.
*/
/* pgsql: optional PostgreSQL text for a step whose SQLite text pgsql.c cannot translate
** mechanically (INTEGER→BIGINT, INTEGER PRIMARY KEY→identity, BLOB→BYTEA, STRICT dropped,
** simple RAISE(ABORT) triggers → plpgsql); most steps leave it out: { "name", "sql" }. */
/* rebuild: 1 for a step that rebuilds tables (SQLite's 12-step ALTER TABLE: new table, copy, drop,
** rename): sqlite.c applies it with foreign keys off (a drop would delete or refuse its children) and
** legacy_alter_table on (the rename must not check the triggers and views naming the dropped table),
** and checks every foreign key before it commits. */
typedef struct Migration { const char *name; const char *sql; const char *pgsql; int rebuild; } Migration;
/* two-field entries leave pgsql NULL (for the rest of the including file: it comes last) */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* 0040's text of a case K (a row of kasus): the fields CASE_SQL_TEXT reads, lowered as it lowers
** them, a line apiece (a step's own copy: never change it, write a new one) */
#define MIG0040_BODY(K) "lower(" K ".subject)||char(10)||lower(" K ".number)||char(10)||lower(" K ".requester_name)" \
  "||char(10)||lower(coalesce(" K ".org_given,''))||char(10)||coalesce((SELECT lower(o.name) FROM party o WHERE o.id=" K ".org_id),'')"

/* 0053's fold of a text X (src/db/db.h DB_SQL_FOLD as 0053 wrote it: a step's own copy, never change
** it), and its texts of a case K and of an entry P, a line apiece */
#define MIG0053_FOLD(X) "lower(replace(replace(replace(replace(" X ",' ',''),'.',''),',',''),'-',''))"
#define MIG0053_CASE(K, NL) MIG0053_FOLD(K ".subject") "||" NL "||" MIG0053_FOLD(K ".number") "||" NL "||" \
  MIG0053_FOLD(K ".requester_name") "||" NL "||" MIG0053_FOLD("coalesce(" K ".org_given,'')") "||" NL "||" \
  "coalesce((SELECT " MIG0053_FOLD("o.name") " FROM party o WHERE o.id=" K ".org_id),'')"
#define MIG0053_PARTY(P, NL) MIG0053_FOLD(P ".name") "||" NL "||" MIG0053_FOLD("coalesce(" P ".email,'')")

/* 0055's fold on PostgreSQL: 0053's, its lower() of capitals A-Z alone (COLLATE "C"), as SQLite's and
** as src/db/pgsql.c makes every statement's lower() (a step's own copy, never change it), and the texts */
#define MIG0055_FOLD(X) "lower(replace(replace(replace(replace(" X ",' ',''),'.',''),',',''),'-','') COLLATE \"C\")"
#define MIG0055_PARTY(P) MIG0055_FOLD(P ".name") "||chr(10)||" MIG0055_FOLD("coalesce(" P ".email,'')")

static const Migration migrations[] = {
{ "0001-foundation",   /* offices, users and their roles per office, sessions, throttling, audit */
"CREATE TABLE office("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"
"  name TEXT NOT NULL,"
"  tz TEXT NOT NULL DEFAULT 'WIB' CHECK (tz IN ('WIB','WITA','WIT')),"
"  created_at INTEGER NOT NULL"
") STRICT;"
"CREATE TABLE users("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  username TEXT NOT NULL UNIQUE,"
"  full_name TEXT NOT NULL DEFAULT '',"
"  email TEXT NOT NULL DEFAULT '',"
"  pw_hash TEXT NOT NULL,"
"  disabled INTEGER NOT NULL DEFAULT 0,"
"  locked INTEGER NOT NULL DEFAULT 0,"
"  failed_count INTEGER NOT NULL DEFAULT 0,"
"  last_failed_at INTEGER NOT NULL DEFAULT 0,"
"  must_change_pw INTEGER NOT NULL DEFAULT 0,"
"  lang TEXT NOT NULL DEFAULT 'id',"
"  created_at INTEGER NOT NULL,"
"  pw_changed_at INTEGER NOT NULL"
") STRICT;"
"CREATE TABLE user_role("
"  user_id INTEGER NOT NULL REFERENCES users(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  role TEXT NOT NULL,"
"  PRIMARY KEY (user_id, office_id, role)"
") STRICT;"
"CREATE TABLE session("
"  id INTEGER PRIMARY KEY,"
"  token_hash TEXT NOT NULL UNIQUE,"
"  user_id INTEGER NOT NULL REFERENCES users(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('web','api')),"
"  csrf TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  seen_at INTEGER NOT NULL,"
"  expires_at INTEGER NOT NULL,"
"  ip TEXT NOT NULL DEFAULT '',"
"  agent TEXT NOT NULL DEFAULT ''"
") STRICT;"
"CREATE INDEX session_user ON session(user_id);"
"CREATE INDEX session_expiry ON session(expires_at);"
"CREATE TABLE login_addr("
"  addr TEXT PRIMARY KEY,"
"  failed_count INTEGER NOT NULL,"
"  last_failed_at INTEGER NOT NULL"
") STRICT;"
"CREATE TABLE audit("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL DEFAULT 0,"
"  at INTEGER NOT NULL,"
"  actor_id INTEGER NOT NULL DEFAULT 0,"
"  actor TEXT NOT NULL,"
"  action TEXT NOT NULL,"
"  object TEXT NOT NULL,"
"  detail TEXT NOT NULL,"
"  ip TEXT NOT NULL,"
"  prev_hash TEXT NOT NULL,"
"  hash TEXT NOT NULL"
") STRICT;"
"CREATE INDEX audit_office ON audit(office_id, id);"
"CREATE INDEX audit_action ON audit(action, id);"
"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;" },
{ "0003-calendar",   /* each office's weekly hours and its holidays (src/sop/calendar.c) */
/* weekday as C's tm_wday: 0 Sunday, 1 Monday … 6 Saturday; minutes after local midnight.
** Several rows a day make a day with a break (07:30–12:00 and 13:00–16:00). */
"CREATE TABLE office_hours("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),"
"  opens_min INTEGER NOT NULL CHECK (opens_min BETWEEN 0 AND 1439),"
"  closes_min INTEGER NOT NULL CHECK (closes_min BETWEEN 1 AND 1440),"
"  CHECK (opens_min < closes_min),"
"  PRIMARY KEY (office_id, weekday, opens_min)"
") STRICT;"
"CREATE TABLE holiday("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  day TEXT NOT NULL CHECK (length(day)=10),"
"  name TEXT NOT NULL,"
"  kind TEXT NOT NULL DEFAULT 'national' CHECK (kind IN ('national','cuti_bersama','local')),"
"  UNIQUE (office_id, day)"
") STRICT;" },
{ "0004-outbox",   /* e-mail out: written in the transaction of the change, delivered by the sender thread */
"CREATE TABLE outbox("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL DEFAULT 0,"
"  created_at INTEGER NOT NULL,"
"  to_addr TEXT NOT NULL,"
"  subject TEXT NOT NULL,"
"  body TEXT NOT NULL,"
"  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','failed')),"
"  attempts INTEGER NOT NULL DEFAULT 0,"
"  next_attempt_at INTEGER NOT NULL,"
"  last_error TEXT NOT NULL DEFAULT '',"
"  sent_at INTEGER"
") STRICT;"
"CREATE INDEX outbox_due ON outbox(status, next_attempt_at);" },
{ "0002-procedures",   /* the procedures loaded from sop/NAME.sop, one row per revision (src/sop/library.c) */
/* Shared by every office, so no office_id: they are the national/unit SOPs compiled into
** the binary. A file whose text changed becomes a new revision; cases keep procedure.id. */
"CREATE TABLE procedure("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL,"
"  revision_no INTEGER NOT NULL CHECK (revision_no >= 1),"
"  title TEXT NOT NULL,"
"  source_sha256 TEXT NOT NULL,"
"  body TEXT NOT NULL,"
"  loaded_at INTEGER NOT NULL,"
"  UNIQUE (code, revision_no)"
") STRICT;" },
{ "0005-cases",   /* the directory of requesters, numbering registers, cases and their steps (src/sop/case.c) */
"CREATE TABLE party("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('person','org')),"
"  name TEXT NOT NULL,"
"  nip TEXT, nik TEXT, npwp TEXT, email TEXT, phone TEXT,"
"  created_at INTEGER NOT NULL"
") STRICT;"
"CREATE INDEX party_nip ON party(office_id, nip) WHERE nip IS NOT NULL;"
"CREATE INDEX party_nik ON party(office_id, nik) WHERE nik IS NOT NULL;"
"CREATE INDEX party_npwp ON party(office_id, npwp) WHERE npwp IS NOT NULL;"
"CREATE INDEX party_email ON party(office_id, email) WHERE email IS NOT NULL;"
"CREATE TABLE counter("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  register TEXT NOT NULL,"
"  year INTEGER NOT NULL,"
"  last INTEGER NOT NULL,"
"  PRIMARY KEY (office_id, register, year)"
") STRICT;"
"CREATE TABLE kasus("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  number TEXT NOT NULL,"
"  procedure_id INTEGER NOT NULL REFERENCES procedure(id),"
"  sop_code TEXT NOT NULL,"
"  channel TEXT NOT NULL CHECK (channel IN ('phone','email','walk_in','portal','letter')),"
"  subject TEXT NOT NULL,"
"  urgency TEXT NOT NULL CHECK (urgency IN ('mendesak','tidak_mendesak')),"
"  impact TEXT NOT NULL CHECK (impact IN ('kecil','sedang','besar')),"
"  priority TEXT NOT NULL CHECK (priority IN ('rendah','menengah','tinggi')),"
"  status TEXT NOT NULL CHECK (status IN ('open','closed','cancelled','archived')),"
"  person_id INTEGER REFERENCES party(id),"
"  org_id INTEGER REFERENCES party(id),"
"  requester_name TEXT NOT NULL DEFAULT '',"
"  opened_at INTEGER NOT NULL,"
"  opened_by TEXT NOT NULL,"
"  closed_at INTEGER,"
"  cancel_reason TEXT,"
"  response_due_at INTEGER,"
"  resolution_due_at INTEGER,"
"  paused_real_s INTEGER NOT NULL DEFAULT 0,"
"  paused_office_s INTEGER NOT NULL DEFAULT 0,"
"  UNIQUE (office_id, number)"
") STRICT;"
"CREATE INDEX kasus_status ON kasus(office_id, status, id);"
"CREATE TABLE case_event("
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  name TEXT NOT NULL,"
"  at INTEGER NOT NULL,"
"  PRIMARY KEY (case_id, name)"
") STRICT;"
"CREATE TABLE case_step("
"  id INTEGER PRIMARY KEY,"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  no INTEGER NOT NULL,"
"  visit INTEGER NOT NULL DEFAULT 1,"
"  started_at INTEGER NOT NULL,"
"  due_at INTEGER,"
"  done_at INTEGER,"
"  met INTEGER,"
"  outcome TEXT,"
"  note TEXT,"
"  done_by TEXT,"
"  assigned_role TEXT,"
"  assigned_user TEXT,"
"  paused_s INTEGER NOT NULL DEFAULT 0,"
"  pause_started_at INTEGER,"
"  task_due TEXT NOT NULL DEFAULT '',"
"  UNIQUE (case_id, no, visit)"
") STRICT;"
"CREATE INDEX case_step_case ON case_step(case_id, id);"
"CREATE INDEX case_step_due ON case_step(office_id, due_at) WHERE done_at IS NULL;"
"CREATE INDEX case_step_open ON case_step(office_id, id) WHERE done_at IS NULL;" },
{ "0006-registers",   /* the registers the SOPs keep: guest book, agenda, dispositions, consultation and handover forms, archive (src/desk/register.c) */
"CREATE TABLE register_counter("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  register TEXT NOT NULL,"
"  year INTEGER NOT NULL,"
"  last INTEGER NOT NULL,"
"  PRIMARY KEY (office_id, register, year)"
") STRICT;"
"CREATE TABLE guest_book("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  arrived_at INTEGER NOT NULL,"
"  name TEXT NOT NULL,"
"  organisation TEXT,"
"  phone TEXT,"
"  purpose TEXT NOT NULL,"
"  met_whom TEXT,"
"  case_number TEXT,"
"  left_at INTEGER,"
"  created_by TEXT NOT NULL,"
"  created_at INTEGER NOT NULL"
") STRICT;"
"CREATE INDEX guest_book_at ON guest_book(office_id, arrived_at);"
"CREATE TABLE agenda("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  number TEXT NOT NULL,"
"  letter_no TEXT NOT NULL,"
"  letter_date TEXT NOT NULL,"
"  received_at INTEGER NOT NULL,"
"  sender TEXT NOT NULL,"
"  subject TEXT NOT NULL,"
"  case_number TEXT,"
"  created_by TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  UNIQUE (office_id, number)"
") STRICT;"
"CREATE INDEX agenda_at ON agenda(office_id, received_at);"
"CREATE TABLE disposition("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  agenda_id INTEGER REFERENCES agenda(id),"
"  case_number TEXT,"
"  from_user TEXT NOT NULL,"
"  to_user TEXT,"
"  to_role TEXT,"
"  instruction TEXT NOT NULL,"
"  due_at INTEGER,"
"  done_at INTEGER,"
"  created_by TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  CHECK (agenda_id IS NOT NULL OR case_number IS NOT NULL),"
"  CHECK (to_user IS NOT NULL OR to_role IS NOT NULL)"
") STRICT;"
"CREATE INDEX disposition_at ON disposition(office_id, created_at);"
"CREATE INDEX disposition_agenda ON disposition(agenda_id) WHERE agenda_id IS NOT NULL;"
"CREATE TABLE consultation("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  number TEXT NOT NULL,"
"  asked_at INTEGER NOT NULL,"
"  name TEXT NOT NULL,"
"  organisation TEXT,"
"  contact TEXT,"
"  question TEXT NOT NULL,"
"  answer TEXT,"
"  case_number TEXT,"
"  created_by TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  UNIQUE (office_id, number)"
") STRICT;"
"CREATE INDEX consultation_at ON consultation(office_id, asked_at);"
"CREATE TABLE handover("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  number TEXT NOT NULL,"
"  at INTEGER NOT NULL,"
"  items TEXT NOT NULL,"
"  from_name TEXT NOT NULL,"
"  to_name TEXT NOT NULL,"
"  case_number TEXT,"
"  created_by TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  UNIQUE (office_id, number)"
") STRICT;"
"CREATE INDEX handover_at ON handover(office_id, at);"
"CREATE TABLE archive("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_number TEXT,"
"  title TEXT,"
"  location TEXT NOT NULL,"
"  archived_at INTEGER NOT NULL,"
"  retain_until TEXT NOT NULL,"
"  destroyed_at INTEGER,"
"  created_by TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  CHECK (case_number IS NOT NULL OR title IS NOT NULL)"
") STRICT;"
"CREATE INDEX archive_at ON archive(office_id, archived_at);"
"CREATE INDEX archive_due ON archive(office_id, retain_until) WHERE destroyed_at IS NULL;" },
{ "0007-attachments",   /* notes and attachments of a case, the files kept in the database (src/sop/attach.c) */
"CREATE TABLE case_attachment("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  name TEXT NOT NULL,"
"  mime TEXT NOT NULL,"
"  size INTEGER NOT NULL CHECK (size >= 0),"
"  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
"  data BLOB NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  created_by TEXT NOT NULL"
") STRICT;"
"CREATE INDEX case_attachment_case ON case_attachment(case_id, id);"
"CREATE TABLE case_note("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  step_no INTEGER,"
"  body TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  created_by TEXT NOT NULL"
") STRICT;"
"CREATE INDEX case_note_case ON case_note(case_id, id);" },
{ "0008-notices",   /* SLA notices: a warning at a share of a step's standard, a breach past it (src/sop/watch.c) */
/* One row per recipient of a step visit's warning or breach: never sent twice, even across
** restarts. notice_step marks that the pass handled a visit's warning or breach (also when
** nobody held the roles to receive it), so later role holders do not get old notices. */
"CREATE TABLE notice("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  case_step_id INTEGER NOT NULL REFERENCES case_step(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('warning','breach')),"
"  created_at INTEGER NOT NULL,"
"  to_user_id INTEGER NOT NULL REFERENCES users(id),"
"  read_at INTEGER,"
"  UNIQUE (case_step_id, kind, to_user_id)"
") STRICT;"
"CREATE INDEX notice_user ON notice(to_user_id, office_id, id);"
"CREATE INDEX notice_unread ON notice(to_user_id, office_id) WHERE read_at IS NULL;"
"CREATE TABLE notice_step("
"  case_step_id INTEGER NOT NULL REFERENCES case_step(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('warning','breach')),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  at INTEGER NOT NULL,"
"  PRIMARY KEY (case_step_id, kind)"
") STRICT;" },
{ "0009-priority-numbering",   /* the priority table per office and the number formats per register (src/sop/priority.c, src/desk/number.c) */
"CREATE TABLE priority_rule("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  urgency TEXT NOT NULL CHECK (urgency IN ('mendesak','tidak_mendesak')),"
"  impact TEXT NOT NULL CHECK (impact IN ('kecil','sedang','besar')),"
"  priority TEXT NOT NULL CHECK (priority IN ('rendah','menengah','tinggi')),"
"  PRIMARY KEY (office_id, urgency, impact)"
") STRICT;"
"CREATE TABLE priority_target("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  priority TEXT NOT NULL CHECK (priority IN ('rendah','menengah','tinggi')),"
"  response_office_seconds INTEGER NOT NULL CHECK (response_office_seconds>0),"
"  resolution_workdays INTEGER NOT NULL CHECK (resolution_workdays>0),"
"  PRIMARY KEY (office_id, priority)"
") STRICT;"
"CREATE TABLE number_format("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  register TEXT NOT NULL CHECK (register IN ('case','agenda','consultation','handover')),"
"  pattern TEXT NOT NULL,"
"  PRIMARY KEY (office_id, register)"
") STRICT;"
/* The defaults for offices that exist already: the same values as the constants of
** src/sop/case.c (case_priority(), targets[]); test_priority checks they agree. */
"INSERT INTO priority_rule(office_id, urgency, impact, priority)"
"  SELECT o.id, d.u, d.i, d.p FROM office o, (SELECT 'mendesak' AS u, 'kecil' AS i, 'menengah' AS p"
"   UNION ALL SELECT 'mendesak','sedang','tinggi' UNION ALL SELECT 'mendesak','besar','tinggi'"
"   UNION ALL SELECT 'tidak_mendesak','kecil','rendah' UNION ALL SELECT 'tidak_mendesak','sedang','rendah'"
"   UNION ALL SELECT 'tidak_mendesak','besar','menengah') d;"
"INSERT INTO priority_target(office_id, priority, response_office_seconds, resolution_workdays)"
"  SELECT o.id, d.p, d.r, d.w FROM office o, (SELECT 'tinggi' AS p, 3600 AS r, 1 AS w"
"   UNION ALL SELECT 'menengah', 14400, 3 UNION ALL SELECT 'rendah', 27000, 5) d;" },
{ "0010-notice-at",   /* when a step's next SLA notice falls due: the watcher reads only those */
/* notice_at: the warning time (started + share of the standard), then the breach time, then NULL */
"ALTER TABLE case_step ADD COLUMN notice_at INTEGER;"
"UPDATE case_step SET notice_at ="
"  CASE WHEN EXISTS(SELECT 1 FROM notice_step m WHERE m.case_step_id=case_step.id AND m.kind='breach') THEN NULL"
"       WHEN EXISTS(SELECT 1 FROM notice_step m WHERE m.case_step_id=case_step.id AND m.kind='warning') THEN due_at+1"
"       ELSE started_at + (due_at-started_at)*80/100 END"
" WHERE done_at IS NULL AND due_at IS NOT NULL;"
"CREATE INDEX case_step_notice ON case_step(office_id, notice_at)"
"  WHERE done_at IS NULL AND notice_at IS NOT NULL;" },
{ "0300-directory",   /* the directory: organisations (providers, agencies, units) and persons in full */
"ALTER TABLE party ADD COLUMN org_type TEXT CHECK (org_type IN ('provider','agency','unit'));"
"ALTER TABLE party ADD COLUMN parent_id INTEGER REFERENCES party(id);"
"ALTER TABLE party ADD COLUMN nib TEXT;"
"ALTER TABLE party ADD COLUMN address TEXT;"
"ALTER TABLE party ADD COLUMN deed_no TEXT;"
"ALTER TABLE party ADD COLUMN deed_date TEXT;"
"ALTER TABLE party ADD COLUMN notary TEXT;"
"ALTER TABLE party ADD COLUMN rank TEXT;"
"ALTER TABLE party ADD COLUMN position TEXT;"
"ALTER TABLE party ADD COLUMN updated_at INTEGER;"
"UPDATE party SET nip=replace(nip,' ','') WHERE nip IS NOT NULL;"
"UPDATE party SET nik=replace(nik,' ','') WHERE nik IS NOT NULL;"
"UPDATE party SET npwp=replace(replace(replace(npwp,'.',''),'-',''),' ','') WHERE npwp IS NOT NULL;"
"UPDATE party SET org_type='provider' WHERE kind='org' AND org_type IS NULL;"
"CREATE INDEX party_parent ON party(office_id, parent_id) WHERE parent_id IS NOT NULL;"
"CREATE INDEX party_name ON party(office_id, kind, name);" },
{ "0301-accounts",    /* the register of SPSE accounts, their history, account requests, one-time links */
"CREATE TABLE account("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  user_id TEXT NOT NULL,"
"  kind TEXT NOT NULL CHECK (kind IN ('penyedia','ppk','pokja','pejabat_pengadaan','other')),"
"  holder_id INTEGER NOT NULL REFERENCES party(id),"
"  agency_id INTEGER REFERENCES party(id),"
"  sk_number TEXT,"
"  valid_from TEXT,"
"  valid_until TEXT,"
"  status TEXT NOT NULL CHECK (status IN ('active','inactive')),"
"  created_at INTEGER NOT NULL,"
"  updated_at INTEGER NOT NULL,"
"  UNIQUE (office_id, user_id)"
") STRICT;"
"CREATE INDEX account_holder ON account(office_id, holder_id);"
"CREATE INDEX account_kind ON account(office_id, kind, status);"
"CREATE TABLE account_event("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  account_id INTEGER NOT NULL REFERENCES account(id),"
"  at INTEGER NOT NULL,"
"  by_user TEXT NOT NULL,"
"  action TEXT NOT NULL,"
"  from_status TEXT,"
"  to_status TEXT,"
"  case_id INTEGER REFERENCES kasus(id),"
"  reason TEXT"
") STRICT;"
"CREATE INDEX account_event_account ON account_event(account_id, id);"
"CREATE TABLE account_request("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('pokja','ppk','forgotten','deactivate','reactivate')),"
"  account_kind TEXT NOT NULL,"
"  person_id INTEGER REFERENCES party(id),"
"  agency_id INTEGER REFERENCES party(id),"
"  account_id INTEGER REFERENCES account(id),"
"  email TEXT,"
"  lookup TEXT,"
"  sk_number TEXT, valid_from TEXT, valid_until TEXT,"
"  docs TEXT NOT NULL DEFAULT '',"
"  missing TEXT NOT NULL DEFAULT '',"
"  link_sealed TEXT,"           /* the one-time link's token, sealed, until the notice mails it */
"  link_expires INTEGER,"
"  state TEXT NOT NULL CHECK (state IN ('received','returned','checked','approved','done','notified','archived')),"
"  created_at INTEGER NOT NULL,"
"  UNIQUE (case_id)"
") STRICT;"
"CREATE INDEX account_request_office ON account_request(office_id, id);"
"CREATE TABLE credential_link("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  token_hash TEXT NOT NULL UNIQUE,"
"  account_id INTEGER NOT NULL REFERENCES account(id),"
"  case_id INTEGER REFERENCES kasus(id),"
"  nonce BLOB NOT NULL,"
"  secret BLOB,"
"  created_at INTEGER NOT NULL,"
"  expires_at INTEGER NOT NULL,"
"  viewed_at INTEGER,"
"  created_by TEXT NOT NULL"
") STRICT;"
"CREATE TABLE account_policy("
"  office_id INTEGER PRIMARY KEY REFERENCES office(id),"
"  year_end_rule TEXT NOT NULL CHECK (year_end_rule IN ('expired','all')),"
"  link_hours INTEGER NOT NULL CHECK (link_hours>0)"
") STRICT;" },
{ "0100-kb",   /* knowledge base: articles, every revision kept, the cases each answered */
"CREATE TABLE kb_article("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  title TEXT NOT NULL,"
"  body TEXT NOT NULL,"
"  title_en TEXT NOT NULL DEFAULT '',"
"  body_en TEXT NOT NULL DEFAULT '',"
"  category TEXT NOT NULL DEFAULT '',"
"  tags TEXT NOT NULL DEFAULT '',"
"  status TEXT NOT NULL CHECK (status IN ('draft','published','archived')),"
"  revision INTEGER NOT NULL,"
"  answered INTEGER NOT NULL DEFAULT 0,"
"  created_at INTEGER NOT NULL,"
"  created_by TEXT NOT NULL,"
"  updated_at INTEGER NOT NULL,"
"  updated_by TEXT NOT NULL"
") STRICT;"
"CREATE INDEX kb_article_office ON kb_article(office_id, status, updated_at);"
"CREATE TABLE kb_revision("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  article_id INTEGER NOT NULL REFERENCES kb_article(id),"
"  revision INTEGER NOT NULL,"
"  title TEXT NOT NULL,"
"  body TEXT NOT NULL,"
"  title_en TEXT NOT NULL,"
"  body_en TEXT NOT NULL,"
"  category TEXT NOT NULL,"
"  tags TEXT NOT NULL,"
"  status TEXT NOT NULL,"
"  at INTEGER NOT NULL,"
"  by_user TEXT NOT NULL,"
"  UNIQUE (article_id, revision)"
") STRICT;"
"CREATE TABLE kb_case("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  article_id INTEGER NOT NULL REFERENCES kb_article(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  linked_at INTEGER NOT NULL,"
"  linked_by TEXT NOT NULL,"
"  PRIMARY KEY (article_id, case_id)"
") STRICT;"
"CREATE INDEX kb_case_case ON kb_case(case_id);" },
{ "0101-portal",   /* the public portal: tickets of requesters, access tokens, the public thread, abuse guards */
"CREATE TABLE portal_ticket("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL UNIQUE REFERENCES kasus(id),"
"  number TEXT NOT NULL,"
"  name TEXT NOT NULL,"
"  email TEXT NOT NULL DEFAULT '',"
"  phone TEXT NOT NULL DEFAULT '',"
"  created_at INTEGER NOT NULL,"
"  ip TEXT NOT NULL DEFAULT '',"
"  rating INTEGER,"
"  rating_comment TEXT NOT NULL DEFAULT '',"
"  rated_at INTEGER"
") STRICT;"
"CREATE INDEX portal_ticket_number ON portal_ticket(number);"
"CREATE TABLE portal_token("
"  token_hash TEXT PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  ticket_id INTEGER NOT NULL REFERENCES portal_ticket(id),"
"  created_at INTEGER NOT NULL,"
"  expires_at INTEGER NOT NULL"
") STRICT;"
"CREATE TABLE portal_message("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  ticket_id INTEGER NOT NULL REFERENCES portal_ticket(id),"
"  author TEXT NOT NULL CHECK (author IN ('requester','staff')),"
"  body TEXT NOT NULL,"
"  attachment_id INTEGER,"
"  attachment_name TEXT NOT NULL DEFAULT '',"
"  at INTEGER NOT NULL,"
"  by_user TEXT NOT NULL"
") STRICT;"
"CREATE INDEX portal_message_ticket ON portal_message(ticket_id, id);"
"CREATE TABLE portal_guard("
"  addr TEXT NOT NULL,"
"  kind TEXT NOT NULL CHECK (kind IN ('submit','track')),"
"  count INTEGER NOT NULL,"
"  first_at INTEGER NOT NULL,"
"  last_at INTEGER NOT NULL,"
"  PRIMARY KEY (addr, kind)"
") STRICT;" },
{ "0011-step-items",   /* the required items the officer ticked when completing a step */
"ALTER TABLE case_step ADD COLUMN items_checked TEXT;" },
{ "0302-directory-indexes",   /* an entry's cases and accounts by index; e-mail kept in lower case as the directory writes it */
"CREATE INDEX kasus_person ON kasus(person_id) WHERE person_id IS NOT NULL;"
"CREATE INDEX kasus_org ON kasus(org_id) WHERE org_id IS NOT NULL;"
"CREATE INDEX account_agency ON account(agency_id) WHERE agency_id IS NOT NULL;"
"UPDATE party SET email=lower(email) WHERE email IS NOT NULL;" },
{ "0303-npwp-16",   /* an old (15-digit) NPWP stored as its 2024 form: a leading 0, as the directory keeps it */
"UPDATE party SET npwp='0'||npwp WHERE npwp IS NOT NULL AND length(npwp)=15;" },
{ "0600-reports",   /* the reports' indexes and the monthly report's sending record (src/desk/compliance.c, dashboard.c, recap.c) */
/* steps done in a period, covering every column the compliance report reads of them (and the
** dashboard's counts), partial so that no query of open steps (done_at IS NULL) takes it;
** cases by opening and closing time, by procedure and opening time (the recaps); open steps
** by assignee (the officer's figures) */
"CREATE INDEX case_step_done ON case_step(office_id, done_at, met, done_by, case_id, no, started_at, due_at,"
"  paused_s, outcome) WHERE done_at IS NOT NULL;"
"CREATE INDEX kasus_opened ON kasus(office_id, opened_at);"
"CREATE INDEX kasus_closed ON kasus(office_id, closed_at) WHERE closed_at IS NOT NULL;"
"CREATE INDEX kasus_sop_opened ON kasus(office_id, sop_code, opened_at, status);"
"CREATE INDEX case_step_assignee ON case_step(office_id, assigned_user, due_at) WHERE done_at IS NULL;"
/* one row per office and month whose compliance report was mailed to the head */
"CREATE TABLE report_mail("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  month TEXT NOT NULL,"
"  sent_at INTEGER NOT NULL,"
"  recipients INTEGER NOT NULL,"
"  PRIMARY KEY (office_id, month)"
") STRICT;" },
{ "0601-reports-ratings",   /* the ratings recap reads the portal's ratings by when they were given (src/desk/recap.c) */
"CREATE INDEX portal_ticket_rated ON portal_ticket(office_id, rated_at) WHERE rated_at IS NOT NULL;" },
{ "0400-verification",   /* provider verification (OI-01): appointments, the checklist, the national blacklist, the record of what was verified, cards (src/desk/verify.c) */
"CREATE TABLE verify_setting("   /* the keys below are not INTEGER PRIMARY KEY: not ids the engine makes */
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  card_copies INTEGER NOT NULL CHECK (card_copies BETWEEN 1 AND 8),"
"  lapse_days INTEGER NOT NULL CHECK (lapse_days BETWEEN 1 AND 365),"
"  warn_days INTEGER NOT NULL CHECK (warn_days BETWEEN 0 AND 60),"
"  ahead_days INTEGER NOT NULL CHECK (ahead_days BETWEEN 1 AND 120),"
"  book_limit INTEGER NOT NULL CHECK (book_limit BETWEEN 1 AND 1000),"
"  PRIMARY KEY (office_id)"
") STRICT;"
"CREATE TABLE verify_capacity("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),"
"  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 500),"
"  PRIMARY KEY (office_id, weekday)"
") STRICT;"
"CREATE TABLE verify_checklist("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  no INTEGER NOT NULL CHECK (no BETWEEN 1 AND 40),"
"  title TEXT NOT NULL,"
"  required INTEGER NOT NULL CHECK (required IN (0,1)),"
"  PRIMARY KEY (office_id, no)"
") STRICT;"
"CREATE TABLE verify_blacklist("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  npwp TEXT NOT NULL,"
"  name TEXT NOT NULL,"
"  reason TEXT NOT NULL DEFAULT '',"
"  until_day TEXT NOT NULL DEFAULT '',"
"  imported_at INTEGER NOT NULL,"
"  UNIQUE (office_id, npwp)"
") STRICT;"
"CREATE TABLE verification("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  party_id INTEGER NOT NULL REFERENCES party(id),"
"  case_id INTEGER REFERENCES kasus(id),"
"  status TEXT NOT NULL CHECK (status IN ('waiting','checking','returned','approved','rejected','lapsed')),"
"  company TEXT NOT NULL,"
"  npwp TEXT NOT NULL,"
"  nib TEXT NOT NULL DEFAULT '',"
"  address TEXT NOT NULL DEFAULT '',"
"  deed TEXT NOT NULL DEFAULT '',"
"  director TEXT NOT NULL DEFAULT '',"
"  contact TEXT NOT NULL DEFAULT '',"
"  email TEXT NOT NULL,"
"  phone TEXT NOT NULL DEFAULT '',"
"  spse_user TEXT NOT NULL DEFAULT '',"
"  registered_at INTEGER NOT NULL,"
"  lapse_at INTEGER NOT NULL,"
"  warned_at INTEGER,"
"  created_at INTEGER NOT NULL,"
"  created_by TEXT NOT NULL,"
"  blacklist TEXT NOT NULL DEFAULT '',"
"  missing TEXT NOT NULL DEFAULT '',"
"  returned_at INTEGER,"
"  number TEXT,"
"  decided_at INTEGER,"
"  decided_by TEXT,"
"  UNIQUE (office_id, number)"
") STRICT;"
"CREATE INDEX verification_open ON verification(office_id, lapse_at) WHERE status IN ('waiting','checking','returned');"
"CREATE INDEX verification_npwp ON verification(office_id, npwp);"
"CREATE TABLE verify_check("
"  verification_id INTEGER NOT NULL REFERENCES verification(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  no INTEGER NOT NULL,"
"  title TEXT NOT NULL,"
"  required INTEGER NOT NULL,"
"  present INTEGER NOT NULL CHECK (present IN (0,1)),"
"  matches INTEGER NOT NULL CHECK (matches IN (0,1)),"
"  checked_by TEXT NOT NULL,"
"  checked_at INTEGER NOT NULL,"
"  PRIMARY KEY (verification_id, no)"
") STRICT;"
"CREATE TABLE verify_appointment("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  verification_id INTEGER NOT NULL REFERENCES verification(id),"
"  day TEXT NOT NULL,"
"  queue_no INTEGER NOT NULL,"
"  status TEXT NOT NULL CHECK (status IN ('booked','arrived','cancelled')),"
"  booked_at INTEGER NOT NULL,"
"  ip TEXT NOT NULL DEFAULT '',"
"  reminder_at INTEGER NOT NULL,"
"  reminded_at INTEGER,"
"  UNIQUE (office_id, day, queue_no)"
") STRICT;"
"CREATE INDEX verify_appointment_remind ON verify_appointment(reminder_at) WHERE reminded_at IS NULL;"
"CREATE INDEX verify_appointment_ip ON verify_appointment(ip, booked_at);"
"CREATE TABLE verify_card("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  verification_id INTEGER NOT NULL UNIQUE REFERENCES verification(id),"
"  number TEXT NOT NULL,"
"  issued_at INTEGER NOT NULL,"
"  officer TEXT NOT NULL,"
"  copies INTEGER NOT NULL,"
"  handover_number TEXT NOT NULL DEFAULT ''"
") STRICT;"
"CREATE TABLE verify_scan("
"  attachment_id INTEGER NOT NULL REFERENCES case_attachment(id),"
"  verification_id INTEGER NOT NULL REFERENCES verification(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  item_no INTEGER NOT NULL,"
"  PRIMARY KEY (attachment_id)"
") STRICT;"
"CREATE INDEX verify_scan_v ON verify_scan(verification_id, item_no);" },
{ "0200-helpdesk",   /* the help desk: phone calls, follow-up links, hand-overs to other parties, bidding-room visits, .rhs bid files, escalations to LKPP (src/desk/phone.c, helpdesk.c, bidding.c, rhs.c, escalate.c) */
/* A phone call from its arrival (stamped when the desk's form opened) to its end; the recap of
** phone cases (Rekap Penanganan Permasalahan Melalui Telepon) reads these rows. */
"CREATE TABLE phone_call("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  arrived_at INTEGER NOT NULL,"
"  answered_at INTEGER,"
"  ended_at INTEGER,"
"  status TEXT NOT NULL CHECK (status IN ('answered','missed','solved','ticket')),"
"  handled_by TEXT NOT NULL,"
"  caller_name TEXT,"
"  caller_org TEXT,"
"  question TEXT,"
"  answer TEXT,"
"  case_id INTEGER REFERENCES kasus(id),"
"  followup_case_id INTEGER REFERENCES kasus(id),"
"  consultation_number TEXT,"
"  created_at INTEGER NOT NULL,"
"  stamp TEXT NOT NULL,"
"  UNIQUE (office_id, stamp)"
") STRICT;"
"CREATE INDEX phone_call_at ON phone_call(office_id, arrived_at);"
/* one case carried on by another: a phone call's ticket (kind followup) */
"CREATE TABLE case_link("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  from_case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  to_case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('followup')),"
"  created_at INTEGER NOT NULL,"
"  UNIQUE (from_case_id, to_case_id)"
") STRICT;"
"CREATE INDEX case_link_to ON case_link(to_case_id);"
/* a question handed over to another party (ULP/UKPBJ, SKPD/OPD) with a disposition and a due time */
"CREATE TABLE case_handover("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  party_kind TEXT NOT NULL CHECK (party_kind IN ('ulp','skpd','other')),"
"  party_name TEXT NOT NULL,"
"  disposition_id INTEGER REFERENCES disposition(id),"
"  due_at INTEGER NOT NULL,"
"  answer TEXT,"
"  answered_at INTEGER,"
"  answered_by TEXT,"
"  created_at INTEGER NOT NULL,"
"  created_by TEXT NOT NULL"
") STRICT;"
"CREATE INDEX case_handover_case ON case_handover(case_id, id);"
/* a provider's visit to the bidding room, from the guest book to reporting out */
"CREATE TABLE bidding_visit("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL UNIQUE REFERENCES kasus(id),"
"  guest_id INTEGER NOT NULL REFERENCES guest_book(id),"
"  provider TEXT NOT NULL,"
"  organisation TEXT,"
"  trainer TEXT,"
"  trainer_at INTEGER,"
"  arrived_at INTEGER NOT NULL,"
"  left_at INTEGER"
") STRICT;"
"CREATE INDEX bidding_visit_in ON bidding_visit(office_id, arrived_at) WHERE left_at IS NULL;"
/* .rhs bid files that will not open: the file on disk in the data folder, the tests, the results */
"CREATE TABLE rhs_file("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  name TEXT NOT NULL,"
"  size INTEGER NOT NULL CHECK (size >= 0),"
"  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
"  path TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  created_by TEXT NOT NULL"
") STRICT;"
"CREATE INDEX rhs_file_case ON rhs_file(case_id, id);"
"CREATE TABLE rhs_check("
"  case_id INTEGER PRIMARY KEY REFERENCES kasus(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  tender_code TEXT NOT NULL,"
"  provider TEXT NOT NULL,"
"  lpse_opened INTEGER CHECK (lpse_opened IN (0,1)),"
"  lpse_causes TEXT,"
"  lpse_note TEXT,"
"  lpse_at INTEGER,"
"  lpse_by TEXT,"
"  request_at INTEGER,"
"  lkpp_opened INTEGER CHECK (lkpp_opened IN (0,1)),"
"  lkpp_note TEXT,"
"  lkpp_at INTEGER"
") STRICT;"
/* escalations to the national helpdesk (LKPP): a linked case in the national office of this
** deployment (internal), or the number of a ticket in LKPP's own system (external) */
"CREATE TABLE escalation("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  title TEXT NOT NULL,"
"  application TEXT NOT NULL,"
"  error_code TEXT,"
"  tender_code TEXT,"
"  kind TEXT NOT NULL CHECK (kind IN ('permasalahan','usulan','permintaan_layanan')),"
"  description TEXT NOT NULL,"
"  attachments TEXT NOT NULL DEFAULT '',"
"  mode TEXT NOT NULL CHECK (mode IN ('internal','external')),"
"  national_office_id INTEGER REFERENCES office(id),"
"  national_case_id INTEGER REFERENCES kasus(id),"
"  external_ticket TEXT,"
"  status TEXT NOT NULL CHECK (status IN ('open','answered')),"
"  paused INTEGER NOT NULL DEFAULT 0,"
"  answer TEXT,"
"  answered_at INTEGER,"
"  answered_by TEXT,"
"  created_at INTEGER NOT NULL,"
"  created_by TEXT NOT NULL"
") STRICT;"
"CREATE INDEX escalation_case ON escalation(case_id, id);"
"CREATE INDEX escalation_national ON escalation(national_case_id) WHERE national_case_id IS NOT NULL;" },
{ "0500-training",   /* BTG-005 trainings: plan, preparation checklist, participants, attendance, Q&A, questionnaires, report (src/desk/training.c) */
"CREATE TABLE training("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  title TEXT NOT NULL,"
"  description TEXT NOT NULL DEFAULT '',"
"  audience TEXT NOT NULL,"
"  capacity INTEGER NOT NULL CHECK (capacity>0),"
"  venue TEXT NOT NULL,"
"  trainers TEXT NOT NULL DEFAULT '',"
"  portal INTEGER NOT NULL DEFAULT 1,"
"  template_id INTEGER,"
"  status TEXT NOT NULL CHECK (status IN ('plan','approved','held','reported','cancelled')),"
"  starts_at INTEGER NOT NULL,"
"  ends_at INTEGER NOT NULL,"
"  approved_at INTEGER,"
"  approved_by TEXT,"
"  held_at INTEGER,"
"  reported_at INTEGER,"
"  reported_by TEXT,"
"  report_notes TEXT NOT NULL DEFAULT '',"
"  created_at INTEGER NOT NULL,"
"  created_by TEXT NOT NULL"
") STRICT;"
"CREATE INDEX training_office ON training(office_id, starts_at);"
"CREATE TABLE training_session("
"  id INTEGER PRIMARY KEY,"
"  training_id INTEGER NOT NULL REFERENCES training(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  no INTEGER NOT NULL,"
"  title TEXT NOT NULL,"
"  starts_at INTEGER NOT NULL,"
"  ends_at INTEGER NOT NULL,"
"  qa_minutes INTEGER NOT NULL DEFAULT 0,"
"  UNIQUE (training_id, no)"
") STRICT;"
"CREATE TABLE training_budget("
"  id INTEGER PRIMARY KEY,"
"  training_id INTEGER NOT NULL REFERENCES training(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  item TEXT NOT NULL,"
"  amount INTEGER NOT NULL CHECK (amount>=0)"
") STRICT;"
"CREATE TABLE training_prep("
"  id INTEGER PRIMARY KEY,"
"  training_id INTEGER NOT NULL REFERENCES training(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('attendance','facility','materials','trainers')),"
"  label TEXT NOT NULL,"
"  days INTEGER NOT NULL,"
"  due_at INTEGER,"
"  remind_at INTEGER,"
"  done_at INTEGER,"
"  done_by TEXT,"
"  met INTEGER,"
"  reminded_at INTEGER,"
"  breached_at INTEGER"
") STRICT;"
"CREATE INDEX training_prep_open ON training_prep(remind_at) WHERE done_at IS NULL AND breached_at IS NULL;"
"CREATE TABLE training_participant("
"  id INTEGER PRIMARY KEY,"
"  training_id INTEGER NOT NULL REFERENCES training(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  name TEXT NOT NULL,"
"  agency TEXT NOT NULL DEFAULT '',"
"  role TEXT NOT NULL DEFAULT '',"
"  email TEXT NOT NULL,"
"  phone TEXT NOT NULL DEFAULT '',"
"  source TEXT NOT NULL CHECK (source IN ('invited','portal')),"
"  seat TEXT NOT NULL CHECK (seat IN ('seat','waiting')),"
"  rsvp TEXT NOT NULL DEFAULT 'none' CHECK (rsvp IN ('none','confirmed','declined')),"
"  token_hash TEXT NOT NULL UNIQUE,"
"  created_at INTEGER NOT NULL,"
"  rsvp_at INTEGER,"
"  UNIQUE (training_id, email)"
") STRICT;"
"CREATE TABLE training_attendance("
"  session_id INTEGER NOT NULL REFERENCES training_session(id),"
"  participant_id INTEGER NOT NULL REFERENCES training_participant(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  at INTEGER NOT NULL,"
"  marked_by TEXT NOT NULL,"
"  PRIMARY KEY (session_id, participant_id)"
") STRICT;"
"CREATE TABLE training_question("
"  id INTEGER PRIMARY KEY,"
"  training_id INTEGER NOT NULL REFERENCES training(id),"
"  session_id INTEGER NOT NULL REFERENCES training_session(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  asker_name TEXT NOT NULL,"
"  asker_agency TEXT NOT NULL,"
"  question TEXT NOT NULL,"
"  answer TEXT NOT NULL DEFAULT '',"
"  status TEXT NOT NULL CHECK (status IN ('answered','open','sent')),"
"  email TEXT NOT NULL DEFAULT '',"
"  phone TEXT NOT NULL DEFAULT '',"
"  routed_to TEXT NOT NULL DEFAULT '',"
"  answered_at INTEGER,"
"  answered_by TEXT,"
"  sent_at INTEGER,"
"  created_at INTEGER NOT NULL,"
"  created_by TEXT NOT NULL"
") STRICT;"
"CREATE INDEX training_question_t ON training_question(training_id, id);"
"CREATE TABLE tq_template("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  name TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  UNIQUE (office_id, name)"
") STRICT;"
"CREATE TABLE tq_item("
"  id INTEGER PRIMARY KEY,"
"  template_id INTEGER NOT NULL REFERENCES tq_template(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  no INTEGER NOT NULL,"
"  kind TEXT NOT NULL CHECK (kind IN ('likert','choice','text')),"
"  text TEXT NOT NULL,"
"  options TEXT NOT NULL DEFAULT '',"
"  UNIQUE (template_id, no)"
") STRICT;"
"CREATE TABLE tq_response("
"  id INTEGER PRIMARY KEY,"
"  training_id INTEGER NOT NULL REFERENCES training(id),"
"  participant_id INTEGER NOT NULL REFERENCES training_participant(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  created_at INTEGER NOT NULL,"
"  UNIQUE (training_id, participant_id)"
") STRICT;"
"CREATE TABLE tq_answer("
"  response_id INTEGER NOT NULL REFERENCES tq_response(id),"
"  item_id INTEGER NOT NULL REFERENCES tq_item(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  value INTEGER,"
"  text TEXT NOT NULL DEFAULT '',"
"  PRIMARY KEY (response_id, item_id)"
") STRICT;" },
{ "0700-search-pg",   /* PostgreSQL only: the full-text index of src/db/search.c as a tsvector column (SQLite's is FTS5, made by search.c) */
"SELECT 1;",
"CREATE TABLE search_doc("
"  kind TEXT NOT NULL, office BIGINT NOT NULL, ref BIGINT NOT NULL,"
"  title TEXT NOT NULL, tags TEXT NOT NULL, body TEXT NOT NULL,"
"  tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A')"
"    || setweight(to_tsvector('simple', tags), 'B') || setweight(to_tsvector('simple', body), 'C')) STORED);"
"CREATE INDEX search_doc_ref ON search_doc(kind, ref);"
"CREATE INDEX search_doc_tsv ON search_doc USING gin(tsv);" },
{ "0012-assignee-partial",   /* a step enters the assignee index only when someone is named: one page less per new step */
"DROP INDEX case_step_assignee;"
"CREATE INDEX case_step_assignee ON case_step(office_id, assigned_user, due_at)"
"  WHERE done_at IS NULL AND assigned_user IS NOT NULL;" },
{ "0013-service-case",   /* the general step form asks whether a service drives the case (case_step_owner_add) */
"CREATE INDEX account_request_case ON account_request(case_id);"
"CREATE INDEX verification_case ON verification(case_id);" },
{ "0014-disposition-number",   /* disposition sheets are numbered per office and year like the other forms (DS-2026-0001) */
"ALTER TABLE disposition ADD COLUMN number TEXT;" },
{ "0015-step-case-index",   /* a case's steps are found by UNIQUE (case_id, no, visit): the second index on case_id was one page more per new step */
"DROP INDEX case_step_case;" },
{ "0016-cache-epoch",   /* three indexes no query needed (one page each per case opened), and the epoch that lets a
                         ** process keep an office's settings and its sessions between commits (src/db/epoch.c) */
"DROP INDEX case_step_open;"
"DROP INDEX audit_office;"
"DROP INDEX audit_action;"
"CREATE TABLE cache_epoch(id INTEGER PRIMARY KEY CHECK (id=1), n INTEGER NOT NULL) STRICT;"
"INSERT INTO cache_epoch(id, n) VALUES(1, random());"
"CREATE TRIGGER office_epoch_i AFTER INSERT ON office BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER office_epoch_u AFTER UPDATE ON office BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER office_epoch_d AFTER DELETE ON office BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER office_hours_epoch_i AFTER INSERT ON office_hours BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER office_hours_epoch_u AFTER UPDATE ON office_hours BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER office_hours_epoch_d AFTER DELETE ON office_hours BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER holiday_epoch_i AFTER INSERT ON holiday BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER holiday_epoch_u AFTER UPDATE ON holiday BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER holiday_epoch_d AFTER DELETE ON holiday BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER priority_rule_epoch_i AFTER INSERT ON priority_rule BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER priority_rule_epoch_u AFTER UPDATE ON priority_rule BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER priority_rule_epoch_d AFTER DELETE ON priority_rule BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER priority_target_epoch_i AFTER INSERT ON priority_target BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER priority_target_epoch_u AFTER UPDATE ON priority_target BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER priority_target_epoch_d AFTER DELETE ON priority_target BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER number_format_epoch_i AFTER INSERT ON number_format BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER number_format_epoch_u AFTER UPDATE ON number_format BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER number_format_epoch_d AFTER DELETE ON number_format BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER user_role_epoch_i AFTER INSERT ON user_role BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER user_role_epoch_u AFTER UPDATE ON user_role BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER user_role_epoch_d AFTER DELETE ON user_role BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER users_epoch_u AFTER UPDATE OF username, full_name, disabled, locked, must_change_pw, lang, office_id ON users BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER users_epoch_d AFTER DELETE ON users BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER session_epoch_u AFTER UPDATE OF token_hash, user_id, office_id, kind, csrf, expires_at ON session BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER session_epoch_d AFTER DELETE ON session BEGIN UPDATE cache_epoch SET n=random(); END;",
"DROP INDEX case_step_open;"
"DROP INDEX audit_office;"
"DROP INDEX audit_action;"
"CREATE TABLE cache_epoch(id BIGINT PRIMARY KEY CHECK (id=1), n BIGINT NOT NULL);"
"INSERT INTO cache_epoch(id, n) VALUES(1, (random()*9.2e18)::bigint);"
"CREATE FUNCTION cache_epoch_fn() RETURNS trigger LANGUAGE plpgsql AS $loket$BEGIN"
" UPDATE cache_epoch SET n=(random()*9.2e18)::bigint; RETURN NULL; END$loket$;"
"CREATE TRIGGER office_epoch AFTER INSERT OR UPDATE OR DELETE ON office FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();"
"CREATE TRIGGER office_hours_epoch AFTER INSERT OR UPDATE OR DELETE ON office_hours FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();"
"CREATE TRIGGER holiday_epoch AFTER INSERT OR UPDATE OR DELETE ON holiday FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();"
"CREATE TRIGGER priority_rule_epoch AFTER INSERT OR UPDATE OR DELETE ON priority_rule FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();"
"CREATE TRIGGER priority_target_epoch AFTER INSERT OR UPDATE OR DELETE ON priority_target FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();"
"CREATE TRIGGER number_format_epoch AFTER INSERT OR UPDATE OR DELETE ON number_format FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();"
"CREATE TRIGGER user_role_epoch AFTER INSERT OR UPDATE OR DELETE ON user_role FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();"
"CREATE TRIGGER users_epoch AFTER UPDATE OF username, full_name, disabled, locked, must_change_pw, lang, office_id OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();"
"CREATE TRIGGER session_epoch AFTER UPDATE OF token_hash, user_id, office_id, kind, csrf, expires_at OR DELETE ON session FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();" },
{ "0017-case-targets",   /* the case-level targets judged: when the office first acted, and whether the response
                          ** and resolution targets of the priority table were met (src/sop/case.c) */
"ALTER TABLE kasus ADD COLUMN responded_at INTEGER;"
"ALTER TABLE kasus ADD COLUMN response_met INTEGER;"
"ALTER TABLE kasus ADD COLUMN resolution_met INTEGER;"
"UPDATE kasus SET resolution_met = CASE WHEN closed_at<=resolution_due_at THEN 1 ELSE 0 END"
"  WHERE closed_at IS NOT NULL AND resolution_due_at IS NOT NULL AND cancel_reason IS NULL"
"    AND status IN ('closed','archived');" },
{ "0018-case-org-given",   /* the organisation's name as the requester gave it, when the directory's entry
                           ** its NPWP found is named otherwise (a company renamed, CV become PT) */
"ALTER TABLE kasus ADD COLUMN org_given TEXT;" },
{ "0019-disposition-format",   /* disposition sheets' number format is editable like the others (0014 numbered
                                ** them, but number_format's CHECK still refused the register) */
"CREATE TABLE number_format_new("
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  register TEXT NOT NULL CHECK (register IN ('case','agenda','disposition','consultation','handover')),"
"  pattern TEXT NOT NULL,"
"  PRIMARY KEY (office_id, register)"
") STRICT;"
"INSERT INTO number_format_new(office_id, register, pattern) SELECT office_id, register, pattern FROM number_format;"
"DROP TABLE number_format;"
"ALTER TABLE number_format_new RENAME TO number_format;"
"CREATE TRIGGER number_format_epoch_i AFTER INSERT ON number_format BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER number_format_epoch_u AFTER UPDATE ON number_format BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER number_format_epoch_d AFTER DELETE ON number_format BEGIN UPDATE cache_epoch SET n=random(); END;",
"ALTER TABLE number_format DROP CONSTRAINT number_format_register_check;"
"ALTER TABLE number_format ADD CONSTRAINT number_format_register_check"
"  CHECK (register IN ('case','agenda','disposition','consultation','handover'));" },
{ "0020-notice-requester",   /* notices of a requester's reply or reopening from the portal (src/desk/portal.c):
                              ** two more kinds, one notice per reply and recipient, so the once-only UNIQUE of
                              ** 0008 now holds for the watcher's kinds alone (a partial unique index) */
/* A reply notice refers to the step open when the requester wrote (a reopening's: the step
** that starts again), so case_step_id stays NOT NULL. SQLite cannot change a CHECK or drop a
** UNIQUE: the table is rebuilt, its rows kept with their ids. */
"CREATE TABLE notice_new("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  case_step_id INTEGER NOT NULL REFERENCES case_step(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('warning','breach','reply','reopen')),"
"  created_at INTEGER NOT NULL,"
"  to_user_id INTEGER NOT NULL REFERENCES users(id),"
"  read_at INTEGER"
") STRICT;"
"INSERT INTO notice_new(id, office_id, case_id, case_step_id, kind, created_at, to_user_id, read_at)"
"  SELECT id, office_id, case_id, case_step_id, kind, created_at, to_user_id, read_at FROM notice;"
"DROP TABLE notice;"
"ALTER TABLE notice_new RENAME TO notice;"
"CREATE INDEX notice_user ON notice(to_user_id, office_id, id);"
"CREATE INDEX notice_unread ON notice(to_user_id, office_id) WHERE read_at IS NULL;"
"CREATE UNIQUE INDEX notice_once ON notice(case_step_id, kind, to_user_id) WHERE kind IN ('warning','breach');",
"ALTER TABLE notice DROP CONSTRAINT notice_kind_check;"
"ALTER TABLE notice ADD CONSTRAINT notice_kind_check CHECK (kind IN ('warning','breach','reply','reopen'));"
"ALTER TABLE notice DROP CONSTRAINT notice_case_step_id_kind_to_user_id_key;"
"CREATE UNIQUE INDEX notice_once ON notice(case_step_id, kind, to_user_id) WHERE kind IN ('warning','breach');" },
{ "0021-training-seat-token",   /* a waiting participant given a seat is mailed a personal link of its own
                                 ** (the invitation's token is kept only as its hash): either link opens the
                                 ** same confirmation page (src/desk/training.c seat_promote) */
"ALTER TABLE training_participant ADD COLUMN seat_token_hash TEXT;"
"CREATE UNIQUE INDEX training_participant_seat_token ON training_participant(seat_token_hash) WHERE seat_token_hash IS NOT NULL;" },
{ "0022-calendar-period",   /* periods with their own hours ("jam kerja khusus": Ramadan hours): from first_day to
                             ** last_day (local, inclusive) the spans replace the weekly hours on the weekdays the
                             ** period names (src/sop/calendar.c); they move the cache epoch as hours do */
/* weekdays: bit 1<<w for each weekday w (0 Sunday … 6 Saturday) the period names; a named weekday
** without rows in calendar_period_hours is closed. Periods of one office do not overlap (checked
** in the write transaction, which runs alone). */
"CREATE TABLE calendar_period("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  name TEXT NOT NULL,"
"  first_day TEXT NOT NULL CHECK (length(first_day)=10),"
"  last_day TEXT NOT NULL CHECK (length(last_day)=10),"
"  weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),"
"  created_at INTEGER NOT NULL,"
"  CHECK (first_day <= last_day)"
") STRICT;"
"CREATE INDEX calendar_period_office ON calendar_period(office_id, first_day);"
"CREATE TABLE calendar_period_hours("
"  period_id INTEGER NOT NULL REFERENCES calendar_period(id),"
"  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),"
"  opens_min INTEGER NOT NULL CHECK (opens_min BETWEEN 0 AND 1439),"
"  closes_min INTEGER NOT NULL CHECK (closes_min BETWEEN 1 AND 1440),"
"  CHECK (opens_min < closes_min),"
"  PRIMARY KEY (period_id, weekday, opens_min)"
") STRICT;"
"CREATE TRIGGER calendar_period_epoch_i AFTER INSERT ON calendar_period BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER calendar_period_epoch_u AFTER UPDATE ON calendar_period BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER calendar_period_epoch_d AFTER DELETE ON calendar_period BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER calendar_period_hours_epoch_i AFTER INSERT ON calendar_period_hours BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER calendar_period_hours_epoch_u AFTER UPDATE ON calendar_period_hours BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER calendar_period_hours_epoch_d AFTER DELETE ON calendar_period_hours BEGIN UPDATE cache_epoch SET n=random(); END;",
"CREATE TABLE calendar_period("
"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
"  office_id BIGINT NOT NULL REFERENCES office(id),"
"  name TEXT NOT NULL,"
"  first_day TEXT NOT NULL CHECK (length(first_day)=10),"
"  last_day TEXT NOT NULL CHECK (length(last_day)=10),"
"  weekdays BIGINT NOT NULL CHECK (weekdays BETWEEN 1 AND 127),"
"  created_at BIGINT NOT NULL,"
"  CHECK (first_day <= last_day)"
");"
"CREATE INDEX calendar_period_office ON calendar_period(office_id, first_day);"
"CREATE TABLE calendar_period_hours("
"  period_id BIGINT NOT NULL REFERENCES calendar_period(id),"
"  weekday BIGINT NOT NULL CHECK (weekday BETWEEN 0 AND 6),"
"  opens_min BIGINT NOT NULL CHECK (opens_min BETWEEN 0 AND 1439),"
"  closes_min BIGINT NOT NULL CHECK (closes_min BETWEEN 1 AND 1440),"
"  CHECK (opens_min < closes_min),"
"  PRIMARY KEY (period_id, weekday, opens_min)"
");"
"CREATE TRIGGER calendar_period_epoch AFTER INSERT OR UPDATE OR DELETE ON calendar_period FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();"
"CREATE TRIGGER calendar_period_hours_epoch AFTER INSERT OR UPDATE OR DELETE ON calendar_period_hours FOR EACH ROW EXECUTE FUNCTION cache_epoch_fn();" },
{ "0023-outbox-office",   /* an office's outbox, newest first (GET /api/v1/mail/outbox, /pengaturan:
                          ** mail_outbox_each's WHERE office_id=?1 ORDER BY id DESC), read without a scan */
"CREATE INDEX outbox_office ON outbox(office_id, id);" },
{ "0024-user-lang-unchosen",   /* a user's own language is '' until they choose one: the column's default
                               ** 'id' read as a choice overrode loket.conf's default_lang for everyone
                               ** signed in (nothing had set it: every 'id' stored is that default) */
"UPDATE users SET lang='' WHERE lang='id';" },
{ "0025-notice-prep",   /* a training's preparation items (training_prep) each have their reminder and
                        ** breach: a notice names its item, and the once-only index counts each item apart
                        ** (it held one notice per step, so a second late item reached nobody in the app) */
"ALTER TABLE notice ADD COLUMN prep_id INTEGER REFERENCES training_prep(id);"
"DROP INDEX notice_once;"
"CREATE UNIQUE INDEX notice_once ON notice(case_step_id, kind, to_user_id, (coalesce(prep_id, 0))) WHERE kind IN ('warning','breach');",
"ALTER TABLE notice ADD COLUMN prep_id BIGINT REFERENCES training_prep(id);"
"DROP INDEX notice_once;"
"CREATE UNIQUE INDEX notice_once ON notice(case_step_id, kind, to_user_id, (coalesce(prep_id, 0))) WHERE kind IN ('warning','breach');" },
{ "0026-node-key",   /* the prints of verify.key and secret.key the first node served with: a node of a
                     ** shared PostgreSQL database with keys of its own is refused at its start
                     ** (src/desk/credential.c node_keys_check), not found out from refused cards */
"CREATE TABLE node_key("
"  name TEXT PRIMARY KEY,"
"  print TEXT NOT NULL,"
"  first_at INTEGER NOT NULL,"
"  first_host TEXT NOT NULL"
") STRICT;",
"CREATE TABLE node_key("
"  name TEXT PRIMARY KEY,"
"  print TEXT NOT NULL,"
"  first_at BIGINT NOT NULL,"
"  first_host TEXT NOT NULL"
");" },
{ "0027-portal-lang",   /* the language a requester used the portal in: their ticket's e-mails are written
                        ** in it (data/mail-portal-*.en.txt in English); 'id' for the tickets before */
"ALTER TABLE portal_ticket ADD COLUMN lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id','en'));" },
{ "0028-requester-lang",   /* the language of an account request's, a provider's verification's and a training
                           ** participant's e-mails: the portal's as the requester used it, the office's default
                           ** (loket.conf default_lang) for those staff opened; 'id' for the rows before */
"ALTER TABLE account_request ADD COLUMN lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id','en'));"
"ALTER TABLE verification ADD COLUMN lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id','en'));"
"ALTER TABLE training_participant ADD COLUMN lang TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id','en'));" },
{ "0029-office-public-url",   /* the address an office's people reach it at (https://lpse.kab.go.id), set by its
                              ** administrator on /pengaturan or the API: its mailed links start with it; ''
                              ** for loket.conf's public_url (src/desk/office.c office_link_base) */
"ALTER TABLE office ADD COLUMN public_url TEXT NOT NULL DEFAULT '';" },
{ "0030-escalation-waiting",   /* the escalations of an office still waiting for LKPP's answer, oldest
                               ** first (the help desk's list, GET /api/v1/escalations): an index range scan */
"CREATE INDEX escalation_waiting ON escalation(office_id, created_at) WHERE status='open';" },
{ "0031-tq-template-standard",   /* the office's standard training questionnaire, told by this mark, not by its name:
                                 ** renamed, it stays the standard one and no second is made (src/desk/questionnaire.c
                                 ** tq_template_default); those before are the ones with the standard name */
"ALTER TABLE tq_template ADD COLUMN standard INTEGER NOT NULL DEFAULT 0 CHECK (standard IN (0,1));"
"UPDATE tq_template SET standard=1 WHERE name='Kuesioner evaluasi training (standar)';"
"CREATE UNIQUE INDEX tq_template_standard ON tq_template(office_id) WHERE standard=1;" },
{ "0032-case-list-order",   /* the case list, newest first (GET /api/v1/cases, /kasus): an index range scan
                            ** in id order that stops at the page's end; with kasus_opened the planner read
                            ** every case of the office and sorted them (src/sop/case.h CASE_SQL_LIST) */
"CREATE INDEX kasus_office ON kasus(office_id, id);" },
{ "0033-login-unknown",   /* the failed sign-ins of names no account has, counted as an account's are
                          ** (src/desk/auth.c): the same delays and the same lock (423) at the same counts,
                          ** so a 429 or a 423 does not tell which usernames exist */
"CREATE TABLE login_unknown("
"  name TEXT PRIMARY KEY,"
"  failed_count INTEGER NOT NULL,"
"  last_failed_at INTEGER NOT NULL"
") STRICT;",
"CREATE TABLE login_unknown("
"  name TEXT PRIMARY KEY,"
"  failed_count INTEGER NOT NULL,"
"  last_failed_at BIGINT NOT NULL"
");" },
{ "0034-lists-at-scale",   /* the registers' lists, newest first (GET /api/v1/registers/:register, /register/...):
                          ** an index range scan in id order that stops at the page's end, where the
                          ** planner read every entry of the office by its time index and sorted them; the
                          ** entry's time and what its action recorded are in the index too, so a period or
                          ** an open/due list that matches few (the help desk's guests of today) passes the
                          ** others without reading their rows; a case page's register entries by the case's
                          ** number, where every entry of the six registers was read (src/desk/register_sql.h);
                          ** a participant's attendance by an index, not a scan of every training's attendance
                          ** per participant (src/desk/training.h TRAINING_PARTICIPANT_COLS, the training
                          ** recap); the directory newest first as the registers (src/desk/directory.h
                          ** PARTY_SQL_SEARCH) */
"CREATE INDEX guest_book_office ON guest_book(office_id, id, arrived_at, left_at);"
"CREATE INDEX agenda_office ON agenda(office_id, id, received_at);"
"CREATE INDEX disposition_office ON disposition(office_id, id, created_at, done_at);"
"CREATE INDEX consultation_office ON consultation(office_id, id, asked_at);"
"CREATE INDEX handover_office ON handover(office_id, id, at);"
"CREATE INDEX archive_office ON archive(office_id, id, archived_at, destroyed_at, retain_until);"
"CREATE INDEX training_attendance_participant ON training_attendance(participant_id);"
"CREATE INDEX guest_book_case ON guest_book(office_id, case_number) WHERE case_number IS NOT NULL;"
"CREATE INDEX agenda_case ON agenda(office_id, case_number) WHERE case_number IS NOT NULL;"
"CREATE INDEX disposition_case ON disposition(office_id, case_number) WHERE case_number IS NOT NULL;"
"CREATE INDEX consultation_case ON consultation(office_id, case_number) WHERE case_number IS NOT NULL;"
"CREATE INDEX handover_case ON handover(office_id, case_number) WHERE case_number IS NOT NULL;"
"CREATE INDEX archive_case ON archive(office_id, case_number) WHERE case_number IS NOT NULL;"
"CREATE INDEX party_office ON party(office_id, id);" },
{ "0035-step-due-covering",   /* the steps overdue of an office (/metrics, the dashboard: report.h
                              ** DASH_SQL_STEPS_OVERDUE) and those due today counted on the index alone:
                              ** whether a step's clock is held (pause_started_at) is in it, where each step
                              ** of the range was read from the table to tell; the overdue list passes a held
                              ** step without reading its row. done_at too, always NULL here, so SQLite sees
                              ** every column the count names in the index (a covering index); id after the
                              ** due time keeps the lists' order (due_at, id) the index's, as the rowid did */
"DROP INDEX case_step_due;"
"CREATE INDEX case_step_due ON case_step(office_id, due_at, id, pause_started_at, done_at) WHERE done_at IS NULL;" },
{ "0036-survey-link-login-unknown-age",   /* a participant asking on the room's questionnaire for the personal
                          ** link is mailed it at most once per TRAINING_SURVEY_LINK_GAP_S (src/desk/questionnaire.c
                          ** training_survey_link; 0: never); the names no account has, forgotten once quiet for
                          ** AUTH_UNKNOWN_KEEP_S, by their last failure (src/desk/auth.c auth_unknown_prune) */
"ALTER TABLE training_participant ADD COLUMN survey_link_at INTEGER NOT NULL DEFAULT 0;"
"CREATE INDEX login_unknown_age ON login_unknown(last_failed_at);" },
{ "0037-procedure-source",   /* where a revision came from: the file compiled into the binary ('built-in'),
                             ** or one an administrator loaded into a running Loket (`loket sop load`, POST
                             ** /api/v1/sops: 'loaded'); the file's name, for its short name (BTG-017). At
                             ** start a built-in file is stored only when its text differs from the last that
                             ** came from the binary, so a restart does not undo a loaded revision
                             ** (src/sop/library.c); the rows before were all built-in */
"ALTER TABLE procedure ADD COLUMN source TEXT NOT NULL DEFAULT 'built-in' CHECK (source IN ('built-in','loaded'));"
"ALTER TABLE procedure ADD COLUMN file TEXT;" },
{ "0038-mail-inbox",   /* the help desk's mailbox read over IMAP (src/desk/inbox.c): per office its URL
                       ** (imap:// or imaps://host:port/MAILBOX), user, password (as loket.conf keeps the SMTP
                       ** one: never shown back), poll interval and on/off, with the last poll's time and
                       ** error; next_poll_at is also the claim, so one node polls an office at a time.
                       ** mail_in: each message taken by its Message-ID, once per office (a message read
                       ** again after a crash between the commit and the Seen flag makes no second case) */
"CREATE TABLE mail_inbox("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL UNIQUE REFERENCES office(id),"
"  url TEXT NOT NULL DEFAULT '',"
"  username TEXT NOT NULL DEFAULT '',"
"  password TEXT NOT NULL DEFAULT '',"
"  poll_seconds INTEGER NOT NULL DEFAULT 60,"
"  enabled INTEGER NOT NULL DEFAULT 0,"
"  next_poll_at INTEGER NOT NULL DEFAULT 0,"
"  last_poll_at INTEGER NOT NULL DEFAULT 0,"
"  last_error TEXT NOT NULL DEFAULT '',"
"  last_refused TEXT NOT NULL DEFAULT '',"
"  updated_at INTEGER NOT NULL,"
"  updated_by TEXT NOT NULL"
") STRICT;"
"CREATE TABLE mail_in("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  message_id TEXT NOT NULL,"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('case','reply')),"
"  at INTEGER NOT NULL,"
"  UNIQUE(office_id, message_id)"
") STRICT;" },
{ "0039-procedure-retired",   /* who loaded a revision (NULL: built-in, or not known), the rows before taken
                              ** from their sop.load audit row; and a procedure taken out of service: one row
                              ** per retirement or restoration of a code, its state the latest row (retired 1:
                              ** no new case can be opened under it; open cases run to their end). Every node
                              ** reads it with the revisions (src/sop/library.c: the highest id of either) */
"ALTER TABLE procedure ADD COLUMN loaded_by TEXT;"
"UPDATE procedure SET loaded_by = (SELECT a.actor FROM audit a WHERE a.action='sop.load' AND a.object=procedure.code"
"  AND a.detail LIKE 'revision ' || procedure.revision_no || ',%' ORDER BY a.id DESC LIMIT 1) WHERE source='loaded';"
"CREATE TABLE procedure_retired("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL,"
"  retired INTEGER NOT NULL CHECK (retired IN (0,1)),"
"  at INTEGER NOT NULL,"
"  by_user TEXT NOT NULL"
") STRICT;"
"CREATE INDEX procedure_retired_code ON procedure_retired(code, id);" },
{ "0040-case-search-index",   /* the case list's text search (src/sop/case.h CASE_SQL_TEXT) by an index of
                          ** trigrams, so a fragment few cases contain is found without reading every case:
                          ** per case the text the search reads (subject, number, requester, the organisation
                          ** as given, its directory name), lowered as the search lowers it, a line apiece.
                          ** Triggers keep it in the transaction of every write of those columns (a case
                          ** edited, its organisation set, a directory entry renamed or merged).
                          ** SQLite: an FTS5 table with the trigram tokenizer, rowid the case's id (the
                          ** text kept in it too: a contentless one that can delete needs SQLite 3.43,
                          ** and the sqlite3 shells that load bench/ data and tests are older), the text
                          ** from the view case_fts_text (its one definition). Every case up to
                          ** case_fts_upto.upto is in it; newer ones are added by a background pass a
                          ** few at a time (src/db/search.c search_text_catch_up; the search reads those
                          ** by the scan meanwhile), not by a trigger on opening: an FTS5 write in each
                          ** opening's transaction flushed a segment per commit and cut the openings a
                          ** second from 3,500 to 2,000 (bench/cases.sh). `loket migrate` leaves
                          ** case_fts_upto out with case_fts's own tables (its name's prefix): PostgreSQL
                          ** keeps case_text by triggers, opening included;
                          ** PostgreSQL: the table case_text with a pg_trgm GIN index when the extension can
                          ** be made (else no index: the search reads every case as before, caselist.c) */
"CREATE VIRTUAL TABLE case_fts USING fts5(body, tokenize='trigram case_sensitive 0');"
"CREATE VIEW case_fts_text AS SELECT k.id AS id, " MIG0040_BODY("k") " AS body FROM kasus k;"
"CREATE TABLE case_fts_upto(one INTEGER PRIMARY KEY CHECK (one=1), upto INTEGER NOT NULL) STRICT;"
"INSERT INTO case_fts_upto(one, upto) VALUES(1, coalesce((SELECT max(id) FROM kasus), 0));"
"CREATE TRIGGER case_fts_open AFTER INSERT ON kasus WHEN NEW.id<=(SELECT upto FROM case_fts_upto) BEGIN"
"  INSERT INTO case_fts(rowid, body) SELECT id, body FROM case_fts_text WHERE id=NEW.id;"
"END;"
"CREATE TRIGGER case_fts_edit AFTER UPDATE OF subject, number, requester_name, org_given, org_id ON kasus"
"  WHEN OLD.id<=(SELECT upto FROM case_fts_upto) BEGIN"
"  DELETE FROM case_fts WHERE rowid=OLD.id;"
"  INSERT INTO case_fts(rowid, body) SELECT id, body FROM case_fts_text WHERE id=NEW.id;"
"END;"
"CREATE TRIGGER case_fts_gone AFTER DELETE ON kasus BEGIN"
"  DELETE FROM case_fts WHERE rowid=OLD.id;"
"END;"
"CREATE TRIGGER case_fts_org AFTER UPDATE OF name ON party WHEN OLD.name IS NOT NEW.name BEGIN"
"  DELETE FROM case_fts WHERE rowid IN (SELECT id FROM kasus WHERE org_id=NEW.id AND id<=(SELECT upto FROM case_fts_upto));"
"  INSERT INTO case_fts(rowid, body) SELECT id, body FROM case_fts_text"
"    WHERE id IN (SELECT id FROM kasus WHERE org_id=NEW.id AND id<=(SELECT upto FROM case_fts_upto));"
"END;"
"INSERT INTO case_fts(rowid, body) SELECT id, body FROM case_fts_text;",
"DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm;"
"  EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'pg_trgm cannot be made (%): the case search reads every case', SQLERRM; END $$;"
"CREATE TABLE case_text(case_id BIGINT PRIMARY KEY REFERENCES kasus(id) ON DELETE CASCADE, body TEXT NOT NULL);"
"CREATE FUNCTION case_text_body(subject TEXT, number TEXT, requester TEXT, org_given TEXT, org_id BIGINT)"
"  RETURNS TEXT LANGUAGE sql STABLE AS $$ SELECT lower($1)||chr(10)||lower($2)||chr(10)||lower($3)"
"  ||chr(10)||lower(coalesce($4,''))||chr(10)||coalesce((SELECT lower(o.name) FROM party o WHERE o.id=$5),'') $$;"
"CREATE FUNCTION case_text_kasus() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
"  INSERT INTO case_text(case_id, body)"
"    VALUES(NEW.id, case_text_body(NEW.subject, NEW.number, NEW.requester_name, NEW.org_given, NEW.org_id))"
"    ON CONFLICT (case_id) DO UPDATE SET body=EXCLUDED.body;"
"  RETURN NULL; END $$;"
"CREATE TRIGGER case_text_kasus AFTER INSERT OR UPDATE OF subject, number, requester_name, org_given, org_id ON kasus"
"  FOR EACH ROW EXECUTE FUNCTION case_text_kasus();"
"CREATE FUNCTION case_text_org() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
"  UPDATE case_text t SET body=case_text_body(k.subject, k.number, k.requester_name, k.org_given, k.org_id)"
"    FROM kasus k WHERE k.org_id=NEW.id AND t.case_id=k.id;"
"  RETURN NULL; END $$;"
"CREATE TRIGGER case_text_org AFTER UPDATE OF name ON party FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)"
"  EXECUTE FUNCTION case_text_org();"
"INSERT INTO case_text(case_id, body)"
"  SELECT k.id, case_text_body(k.subject, k.number, k.requester_name, k.org_given, k.org_id) FROM kasus k;"
"DO $$ BEGIN IF EXISTS(SELECT 1 FROM pg_extension WHERE extname='pg_trgm') THEN"
"  CREATE INDEX case_text_trgm ON case_text USING gin(body gin_trgm_ops); END IF; END $$;" },
{ "0041-staff-absence",   /* a member of staff away for whole days (cuti, sakit, dinas luar, pelatihan,
                          ** lainnya) from_day..to_day ("YYYY-MM-DD" in the office's zone, both included)
                          ** and who replaces them: their steps show in the replacement's "Tugas saya" and
                          ** the notices meant for them go to the replacement too (src/sop/absence.c); a
                          ** user's absences never overlap (checked there). By the user, and the office's
                          ** current ones (those whose last day is not past) by their last day */
"CREATE TABLE absence("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  user_id INTEGER NOT NULL REFERENCES users(id),"
"  from_day TEXT NOT NULL,"
"  to_day TEXT NOT NULL,"
"  kind TEXT NOT NULL CHECK (kind IN ('cuti','sakit','dinas_luar','pelatihan','lainnya')),"
"  replacement_id INTEGER NOT NULL REFERENCES users(id),"
"  note TEXT NOT NULL DEFAULT '',"
"  created_by TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  CHECK (from_day<=to_day)"
") STRICT;"
"CREATE INDEX absence_user ON absence(office_id, user_id, from_day);"
"CREATE INDEX absence_current ON absence(office_id, to_day, from_day);" },
{ "0042-mail-inbox-mark",   /* the mark of an office's mailbox (src/desk/inbox.c): its UIDVALIDITY and the
                            ** highest UID taken, written in the transaction of the case, reply or refusal
                            ** the message became, so a message is chosen by its UID above the mark and not
                            ** by \Seen (which a fetch, or a person's mail program, sets). uid_top: the
                            ** highest UID when the mark was set (0: none yet); at or below it only the
                            ** messages unread then, keyworded $LoketBacklog, are taken. 0 and 0: no mark
                            ** (never polled, or the address or user changed): the next poll sets it */
"ALTER TABLE mail_inbox ADD COLUMN uid_validity INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE mail_inbox ADD COLUMN uid_taken INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE mail_inbox ADD COLUMN uid_top INTEGER NOT NULL DEFAULT 0;" },
{ "0043-notice-takeover",   /* a notice of kind "takeover": the step the user held was taken over by another
                            ** member of staff who saw it theirs (POST .../assign with "was", src/sop/case.c) */
/* SQLite cannot change a CHECK: the table is rebuilt, its rows kept with their ids (as 0020 did) */
"CREATE TABLE notice_new("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  case_step_id INTEGER NOT NULL REFERENCES case_step(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('warning','breach','reply','reopen','takeover')),"
"  created_at INTEGER NOT NULL,"
"  to_user_id INTEGER NOT NULL REFERENCES users(id),"
"  read_at INTEGER,"
"  prep_id INTEGER REFERENCES training_prep(id)"
") STRICT;"
"INSERT INTO notice_new(id, office_id, case_id, case_step_id, kind, created_at, to_user_id, read_at, prep_id)"
"  SELECT id, office_id, case_id, case_step_id, kind, created_at, to_user_id, read_at, prep_id FROM notice;"
"DROP TABLE notice;"
"ALTER TABLE notice_new RENAME TO notice;"
"CREATE INDEX notice_user ON notice(to_user_id, office_id, id);"
"CREATE INDEX notice_unread ON notice(to_user_id, office_id) WHERE read_at IS NULL;"
"CREATE UNIQUE INDEX notice_once ON notice(case_step_id, kind, to_user_id, (coalesce(prep_id, 0))) WHERE kind IN ('warning','breach');",
"ALTER TABLE notice DROP CONSTRAINT notice_kind_check;"
"ALTER TABLE notice ADD CONSTRAINT notice_kind_check CHECK (kind IN ('warning','breach','reply','reopen','takeover'));" },
{ "0044-skm",   /* the public-satisfaction survey (Survei Kepuasan Masyarakat, Permenpan RB 14/2017;
                 ** src/desk/skm.c): one row per respondent, the nine elements u1..u9 answered 1..4, the
                 ** respondent's profile, the procedure of the service; case_id the closed case it was
                 ** answered for from the portal's tracking page (once: UNIQUE), NULL for a walk-in
                 ** visitor answering the office's public survey page. By office and answered_at (the
                 ** report's period: an index range) */
"CREATE TABLE skm_response("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER UNIQUE REFERENCES kasus(id),"
"  sop_code TEXT NOT NULL,"
"  u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4),"
"  u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4),"
"  u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4),"
"  u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4),"
"  u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4),"
"  u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4),"
"  u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4),"
"  u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4),"
"  u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4),"
"  gender TEXT NOT NULL CHECK (gender IN ('L','P')),"
"  age INTEGER NOT NULL CHECK (age BETWEEN 15 AND 100),"
"  education TEXT NOT NULL CHECK (education IN ('SD','SMP','SMA','D1-D3','D4/S1','S2','S3')),"
"  occupation TEXT NOT NULL CHECK (occupation IN ('PNS','TNI','POLRI','Swasta','Wirausaha','Lainnya')),"
"  suggestion TEXT NOT NULL DEFAULT '',"
"  answered_at INTEGER NOT NULL,"
"  ip TEXT NOT NULL DEFAULT ''"
") STRICT;"
"CREATE INDEX skm_response_period ON skm_response(office_id, answered_at);" },
{ "0045-skm-source",   /* where an SKM answer came from (src/desk/skm.c): 'case' answered for a closed case
                        ** from the portal's tracking page, 'walkin' on the office's public page (a kiosk's too),
                        ** 'paper' a questionnaire filled on paper and typed in by staff: entered_by who typed
                        ** it, entered_at when (answered_at is the start of the day the paper was filled, which
                        ** the report counts). The portal's guard gains the kind 'skm': the walk-in survey's own
                        ** allowance per address, apart from the portal's other submissions */
"ALTER TABLE skm_response ADD COLUMN source TEXT NOT NULL DEFAULT 'walkin' CHECK (source IN ('case','walkin','paper'));"
"ALTER TABLE skm_response ADD COLUMN entered_by TEXT NOT NULL DEFAULT '';"
"ALTER TABLE skm_response ADD COLUMN entered_at INTEGER;"
"UPDATE skm_response SET source='case' WHERE case_id IS NOT NULL;"
/* SQLite cannot change a CHECK: the table is rebuilt; its rows are transient counters, kept all the same */
"CREATE TABLE portal_guard_new("
"  addr TEXT NOT NULL,"
"  kind TEXT NOT NULL CHECK (kind IN ('submit','track','skm')),"
"  count INTEGER NOT NULL,"
"  first_at INTEGER NOT NULL,"
"  last_at INTEGER NOT NULL,"
"  PRIMARY KEY (addr, kind)"
") STRICT;"
"INSERT INTO portal_guard_new(addr, kind, count, first_at, last_at) SELECT addr, kind, count, first_at, last_at FROM portal_guard;"
"DROP TABLE portal_guard;"
"ALTER TABLE portal_guard_new RENAME TO portal_guard;",
"ALTER TABLE skm_response ADD COLUMN source TEXT NOT NULL DEFAULT 'walkin' CHECK (source IN ('case','walkin','paper'));"
"ALTER TABLE skm_response ADD COLUMN entered_by TEXT NOT NULL DEFAULT '';"
"ALTER TABLE skm_response ADD COLUMN entered_at BIGINT;"
"UPDATE skm_response SET source='case' WHERE case_id IS NOT NULL;"
"ALTER TABLE portal_guard DROP CONSTRAINT portal_guard_kind_check;"
"ALTER TABLE portal_guard ADD CONSTRAINT portal_guard_kind_check CHECK (kind IN ('submit','track','skm'));" },
{ "0046-office-contact-ratings",   /* the office's contact shown to the public on the portal (src/desk/office.c:
                        ** office_contact_update): a phone number as ident_phone normalises it, an e-mail address
                        ** and a postal address, '' when not given. A portal ticket's ratings, one per closing
                        ** (src/desk/portal.c): portal_ticket.rating is the rating of the case's last closing
                        ** (cleared when the case is reopened), portal_rating every one given, which the ratings
                        ** recap counts (the ones given so far copied in) */
"ALTER TABLE office ADD COLUMN phone TEXT NOT NULL DEFAULT '';"
"ALTER TABLE office ADD COLUMN email TEXT NOT NULL DEFAULT '';"
"ALTER TABLE office ADD COLUMN address TEXT NOT NULL DEFAULT '';"
"CREATE TABLE portal_rating("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  ticket_id INTEGER NOT NULL REFERENCES portal_ticket(id),"
"  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),"
"  comment TEXT NOT NULL DEFAULT '',"
"  rated_at INTEGER NOT NULL"
") STRICT;"
"CREATE INDEX portal_rating_period ON portal_rating(office_id, rated_at);"
"CREATE INDEX portal_rating_ticket ON portal_rating(ticket_id, rated_at);"
"INSERT INTO portal_rating(office_id, ticket_id, score, comment, rated_at)"
" SELECT office_id, id, rating, rating_comment, coalesce(rated_at, created_at) FROM portal_ticket WHERE rating IS NOT NULL ORDER BY id;" },
{ "0047-notice-assigned",   /* a notice of kind "assigned": a step was assigned to the user by another member of
                            ** staff (POST .../assign, src/sop/case.c); the one who held it before gets "takeover" */
/* SQLite cannot change a CHECK: the table is rebuilt, its rows kept with their ids (as 0043 did) */
"CREATE TABLE notice_new("
"  id INTEGER PRIMARY KEY,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER NOT NULL REFERENCES kasus(id),"
"  case_step_id INTEGER NOT NULL REFERENCES case_step(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('warning','breach','reply','reopen','takeover','assigned')),"
"  created_at INTEGER NOT NULL,"
"  to_user_id INTEGER NOT NULL REFERENCES users(id),"
"  read_at INTEGER,"
"  prep_id INTEGER REFERENCES training_prep(id)"
") STRICT;"
"INSERT INTO notice_new(id, office_id, case_id, case_step_id, kind, created_at, to_user_id, read_at, prep_id)"
"  SELECT id, office_id, case_id, case_step_id, kind, created_at, to_user_id, read_at, prep_id FROM notice;"
"DROP TABLE notice;"
"ALTER TABLE notice_new RENAME TO notice;"
"CREATE INDEX notice_user ON notice(to_user_id, office_id, id);"
"CREATE INDEX notice_unread ON notice(to_user_id, office_id) WHERE read_at IS NULL;"
"CREATE UNIQUE INDEX notice_once ON notice(case_step_id, kind, to_user_id, (coalesce(prep_id, 0))) WHERE kind IN ('warning','breach');",
"ALTER TABLE notice DROP CONSTRAINT notice_kind_check;"
"ALTER TABLE notice ADD CONSTRAINT notice_kind_check CHECK (kind IN ('warning','breach','reply','reopen','takeover','assigned'));" },
{ "0048-mail-claim-holder",   /* who holds a claim of the mail threads (src/core/worker.c: worker_holder): an
                              ** outbox row's (next_attempt_at in the future while it is sent) and a mailbox's
                              ** (next_poll_at while it is read), '' when none; a restarted server takes back at
                              ** once what a dead process of its own had claimed. A mailbox's last_warning: what the
                              ** last poll could not do for the people using the mailbox (a \Seen refused) */
"ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';"
"ALTER TABLE mail_inbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';"
"ALTER TABLE mail_inbox ADD COLUMN last_warning TEXT NOT NULL DEFAULT '';" },
{ "0049-drop-portal-ticket-rated",   /* 0601's index of a ticket's rating by when it was given: the ratings recap
                                     ** reads portal_rating since 0046 (src/desk/recap.c), and portal_ticket's
                                     ** rating is written and cleared by the ticket's id or case (src/desk/portal.c) */
"DROP INDEX IF EXISTS portal_ticket_rated;" },
{ "0050-party-search-index",   /* the directory's text search (src/desk/directory.h PARTY_SQL_SEARCH: q within
                               ** the name or the e-mail) by an index of trigrams, as 0040 the case list's:
                               ** per entry its name and e-mail lowered as the search lowers them, a line
                               ** apiece. SQLite: the FTS5 table party_fts (rowid the entry's id, the text
                               ** from the view party_fts_text), holding every entry up to
                               ** party_fts_upto.upto: newer ones added by the catching-up thread
                               ** (src/db/search.c, the search reads them by the scan meanwhile); a rename,
                               ** an e-mail changed, a merge or a removal rewritten by triggers in the
                               ** write's transaction. PostgreSQL: the table party_text kept by triggers
                               ** (every write, the entry's creation included) with a pg_trgm GIN index when
                               ** the extension was made (0040). Both: the entries by their NIB and phone, so
                               ** the identifiers the search also matches exactly are found by indexes
                               ** beside the trigrams (NIP, NIK and NPWP have theirs since 0001) */
"CREATE INDEX party_nib ON party(office_id, nib) WHERE nib IS NOT NULL;"
"CREATE INDEX party_phone ON party(office_id, phone) WHERE phone IS NOT NULL;"
"CREATE VIRTUAL TABLE party_fts USING fts5(body, tokenize='trigram case_sensitive 0');"
"CREATE VIEW party_fts_text AS SELECT p.id AS id, lower(p.name)||char(10)||lower(coalesce(p.email,'')) AS body FROM party p;"
"CREATE TABLE party_fts_upto(one INTEGER PRIMARY KEY CHECK (one=1), upto INTEGER NOT NULL) STRICT;"
"INSERT INTO party_fts_upto(one, upto) VALUES(1, coalesce((SELECT max(id) FROM party), 0));"
"CREATE TRIGGER party_fts_edit AFTER UPDATE OF name, email ON party WHEN OLD.id<=(SELECT upto FROM party_fts_upto) BEGIN"
"  DELETE FROM party_fts WHERE rowid=OLD.id;"
"  INSERT INTO party_fts(rowid, body) SELECT id, body FROM party_fts_text WHERE id=NEW.id;"
"END;"
"CREATE TRIGGER party_fts_gone AFTER DELETE ON party BEGIN"
"  DELETE FROM party_fts WHERE rowid=OLD.id;"
"END;"
"INSERT INTO party_fts(rowid, body) SELECT id, body FROM party_fts_text;",
"CREATE INDEX party_nib ON party(office_id, nib) WHERE nib IS NOT NULL;"
"CREATE INDEX party_phone ON party(office_id, phone) WHERE phone IS NOT NULL;"
"CREATE TABLE party_text(party_id BIGINT PRIMARY KEY REFERENCES party(id) ON DELETE CASCADE, body TEXT NOT NULL);"
"CREATE FUNCTION party_text_party() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
"  INSERT INTO party_text(party_id, body) VALUES(NEW.id, lower(NEW.name)||chr(10)||lower(coalesce(NEW.email,'')))"
"    ON CONFLICT (party_id) DO UPDATE SET body=EXCLUDED.body;"
"  RETURN NULL; END $$;"
"CREATE TRIGGER party_text_party AFTER INSERT OR UPDATE OF name, email ON party"
"  FOR EACH ROW EXECUTE FUNCTION party_text_party();"
"INSERT INTO party_text(party_id, body) SELECT p.id, lower(p.name)||chr(10)||lower(coalesce(p.email,'')) FROM party p;"
"DO $$ BEGIN IF EXISTS(SELECT 1 FROM pg_extension WHERE extname='pg_trgm') THEN"
"  CREATE INDEX party_text_trgm ON party_text USING gin(body gin_trgm_ops); END IF; END $$;" },
{ "0051-disposition-step",   /* the step a disposition written by a step routes the case to (src/desk/stepreg.c):
                             ** the disposition is carried out (done_at) when that step is completed
                             ** (src/sop/case.c), found by the index of those still open */
"ALTER TABLE disposition ADD COLUMN step_id INTEGER REFERENCES case_step(id);"
"CREATE INDEX disposition_open_step ON disposition(step_id) WHERE step_id IS NOT NULL AND done_at IS NULL;" },
{ "0052-notice-for-user",   /* whom a notice's recipient stands in for (src/sop/absence.h): the member of staff away
                            ** it was meant for, NULL when it was meant for the recipient (src/sop/watch.c) */
"ALTER TABLE notice ADD COLUMN for_user_id INTEGER REFERENCES users(id);" },
{ "0053-search-fold",   /* the case list's and the directory's trigram indexes (0040, 0050) hold their texts
                        ** folded as every text search folds q and the fields it reads (src/db/db.h
                        ** DB_SQL_FOLD: capitals lowered, spaces, dots, commas and hyphens left out), so
                        ** "CV Mitra Karya" finds "CV. Mitra Karya" through them: SQLite's views
                        ** case_fts_text and party_fts_text made again (the triggers read them by name)
                        ** and the rows the FTS5 tables held (up to their _upto) written again from them;
                        ** PostgreSQL's functions case_text_body and party_text_party made again and
                        ** every row of case_text and party_text rewritten (their pg_trgm indexes kept) */
"DROP VIEW case_fts_text;"
"CREATE VIEW case_fts_text AS SELECT k.id AS id, " MIG0053_CASE("k", "char(10)") " AS body FROM kasus k;"
"DELETE FROM case_fts;"
"INSERT INTO case_fts(rowid, body) SELECT id, body FROM case_fts_text WHERE id<=(SELECT upto FROM case_fts_upto);"
"DROP VIEW party_fts_text;"
"CREATE VIEW party_fts_text AS SELECT p.id AS id, " MIG0053_PARTY("p", "char(10)") " AS body FROM party p;"
"DELETE FROM party_fts;"
"INSERT INTO party_fts(rowid, body) SELECT id, body FROM party_fts_text WHERE id<=(SELECT upto FROM party_fts_upto);",
"CREATE OR REPLACE FUNCTION case_text_body(subject TEXT, number TEXT, requester TEXT, org_given TEXT, org_id BIGINT)"
"  RETURNS TEXT LANGUAGE sql STABLE AS $$ SELECT " MIG0053_FOLD("$1") "||chr(10)||" MIG0053_FOLD("$2") "||chr(10)||"
"  " MIG0053_FOLD("$3") "||chr(10)||" MIG0053_FOLD("coalesce($4,'')") "||chr(10)||"
"  coalesce((SELECT " MIG0053_FOLD("o.name") " FROM party o WHERE o.id=$5),'') $$;"
"UPDATE case_text t SET body=case_text_body(k.subject, k.number, k.requester_name, k.org_given, k.org_id) FROM kasus k"
"  WHERE k.id=t.case_id;"
"CREATE OR REPLACE FUNCTION party_text_party() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
"  INSERT INTO party_text(party_id, body) VALUES(NEW.id, " MIG0053_PARTY("NEW", "chr(10)") ")"
"    ON CONFLICT (party_id) DO UPDATE SET body=EXCLUDED.body;"
"  RETURN NULL; END $$;"
"UPDATE party_text t SET body=" MIG0053_PARTY("p", "chr(10)") " FROM party p WHERE p.id=t.party_id;" },
{ "0054-party-email-lower",   /* a requester is found by their e-mail address in any capitals (src/sop/case.c
                              ** case_party_by_email: one seek of party_email by the address in small
                              ** letters): an address a provider's verification stored as written (before
                              ** src/desk/verify.c wrote it in small letters) as the directory keeps it */
"UPDATE party SET email=lower(email) WHERE email<>lower(email);" },
{ "0055-search-fold-ascii",   /* PostgreSQL only: the case list's and the directory's texts (0053) lowered as
                              ** SQLite lowers them, capitals A-Z alone (lower() of the database's locale
                              ** lowered "É" too, which SQLite's keeps: a search found other rows on each
                              ** engine); the statements' own lower() is made so by src/db/pgsql.c. The
                              ** functions made again and every row rewritten (the pg_trgm indexes kept);
                              ** SQLite's texts are so already */
"SELECT 1;",
"CREATE OR REPLACE FUNCTION case_text_body(subject TEXT, number TEXT, requester TEXT, org_given TEXT, org_id BIGINT)"
"  RETURNS TEXT LANGUAGE sql STABLE AS $$ SELECT " MIG0055_FOLD("$1") "||chr(10)||" MIG0055_FOLD("$2") "||chr(10)||"
"  " MIG0055_FOLD("$3") "||chr(10)||" MIG0055_FOLD("coalesce($4,'')") "||chr(10)||"
"  coalesce((SELECT " MIG0055_FOLD("o.name") " FROM party o WHERE o.id=$5),'') $$;"
"UPDATE case_text t SET body=case_text_body(k.subject, k.number, k.requester_name, k.org_given, k.org_id) FROM kasus k"
"  WHERE k.id=t.case_id;"
"CREATE OR REPLACE FUNCTION party_text_party() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
"  INSERT INTO party_text(party_id, body) VALUES(NEW.id, " MIG0055_PARTY("NEW") ")"
"    ON CONFLICT (party_id) DO UPDATE SET body=EXCLUDED.body;"
"  RETURN NULL; END $$;"
"UPDATE party_text t SET body=" MIG0055_PARTY("p") " FROM party p WHERE p.id=t.party_id;" },
{ "0056-ids-never-reused",   /* an id once given is never given again (SQLite): a table whose newest row can be
                            ** deleted or merged away gave its id to the next row (the audit read "party/4
                            ** merged", then "party/4 created" of another entry; an API client's or a bookmark's
                            ** URL came to name another thing). Each such table rebuilt as it was, its id now
                            ** AUTOINCREMENT, its rows, indexes and triggers kept; its sequence starts past its
                            ** highest id and past the highest the audit log names (rows deleted before this
                            ** step). PostgreSQL's identity sequences never went back: nothing to do there */
"CREATE TABLE absence_new("
"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  user_id INTEGER NOT NULL REFERENCES users(id),"
"  from_day TEXT NOT NULL,"
"  to_day TEXT NOT NULL,"
"  kind TEXT NOT NULL CHECK (kind IN ('cuti','sakit','dinas_luar','pelatihan','lainnya')),"
"  replacement_id INTEGER NOT NULL REFERENCES users(id),"
"  note TEXT NOT NULL DEFAULT '',"
"  created_by TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  CHECK (from_day<=to_day)) STRICT;"
"INSERT INTO absence_new SELECT * FROM absence;"
"DROP TABLE absence;"
"ALTER TABLE absence_new RENAME TO absence;"
"CREATE INDEX absence_user ON absence(office_id, user_id, from_day);"
"CREATE INDEX absence_current ON absence(office_id, to_day, from_day);"
"CREATE TABLE calendar_period_new("
"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  name TEXT NOT NULL,"
"  first_day TEXT NOT NULL CHECK (length(first_day)=10),"
"  last_day TEXT NOT NULL CHECK (length(last_day)=10),"
"  weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),"
"  created_at INTEGER NOT NULL,"
"  CHECK (first_day <= last_day)) STRICT;"
"INSERT INTO calendar_period_new SELECT * FROM calendar_period;"
"DROP TABLE calendar_period;"
"ALTER TABLE calendar_period_new RENAME TO calendar_period;"
"CREATE INDEX calendar_period_office ON calendar_period(office_id, first_day);"
"CREATE TRIGGER calendar_period_epoch_i AFTER INSERT ON calendar_period BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER calendar_period_epoch_u AFTER UPDATE ON calendar_period BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TRIGGER calendar_period_epoch_d AFTER DELETE ON calendar_period BEGIN UPDATE cache_epoch SET n=random(); END;"
"CREATE TABLE party_new("
"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('person','org')),"
"  name TEXT NOT NULL,"
"  nip TEXT, nik TEXT, npwp TEXT, email TEXT, phone TEXT,"
"  created_at INTEGER NOT NULL, org_type TEXT CHECK (org_type IN ('provider','agency','unit')),"
" parent_id INTEGER REFERENCES party(id), nib TEXT, address TEXT, deed_no TEXT, deed_date TEXT, notary TEXT, rank TEXT, position TEXT, updated_at INTEGER) STRICT;"
"INSERT INTO party_new SELECT * FROM party;"
"DROP TABLE party;"
"ALTER TABLE party_new RENAME TO party;"
"CREATE INDEX party_nip ON party(office_id, nip) WHERE nip IS NOT NULL;"
"CREATE INDEX party_nik ON party(office_id, nik) WHERE nik IS NOT NULL;"
"CREATE INDEX party_npwp ON party(office_id, npwp) WHERE npwp IS NOT NULL;"
"CREATE INDEX party_email ON party(office_id, email) WHERE email IS NOT NULL;"
"CREATE INDEX party_parent ON party(office_id, parent_id) WHERE parent_id IS NOT NULL;"
"CREATE INDEX party_name ON party(office_id, kind, name);"
"CREATE INDEX party_office ON party(office_id, id);"
"CREATE INDEX party_nib ON party(office_id, nib) WHERE nib IS NOT NULL;"
"CREATE INDEX party_phone ON party(office_id, phone) WHERE phone IS NOT NULL;"
"CREATE TRIGGER case_fts_org AFTER UPDATE OF name ON party WHEN OLD.name IS NOT NEW.name BEGIN"
"  DELETE FROM case_fts WHERE rowid IN (SELECT id FROM kasus WHERE org_id=NEW.id AND id<=(SELECT upto FROM case_fts_upto));"
"  INSERT INTO case_fts(rowid, body) SELECT id, body FROM case_fts_text"
"    WHERE id IN (SELECT id FROM kasus WHERE org_id=NEW.id AND id<=(SELECT upto FROM case_fts_upto));END;"
"CREATE TRIGGER party_fts_edit AFTER UPDATE OF name, email ON party WHEN OLD.id<=(SELECT upto FROM party_fts_upto) BEGIN"
"  DELETE FROM party_fts WHERE rowid=OLD.id;"
"  INSERT INTO party_fts(rowid, body) SELECT id, body FROM party_fts_text WHERE id=NEW.id;END;"
"CREATE TRIGGER party_fts_gone AFTER DELETE ON party BEGIN  DELETE FROM party_fts WHERE rowid=OLD.id;END;"
"CREATE TABLE skm_response_new("
"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  case_id INTEGER UNIQUE REFERENCES kasus(id),"
"  sop_code TEXT NOT NULL,"
"  u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4),"
"  u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4),"
"  u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4),"
"  u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4),"
"  u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4),"
"  u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4),"
"  u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4),"
"  u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4),"
"  u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4),"
"  gender TEXT NOT NULL CHECK (gender IN ('L','P')),"
"  age INTEGER NOT NULL CHECK (age BETWEEN 15 AND 100),"
"  education TEXT NOT NULL CHECK (education IN ('SD','SMP','SMA','D1-D3','D4/S1','S2','S3')),"
"  occupation TEXT NOT NULL CHECK (occupation IN ('PNS','TNI','POLRI','Swasta','Wirausaha','Lainnya')),"
"  suggestion TEXT NOT NULL DEFAULT '',"
"  answered_at INTEGER NOT NULL,"
"  ip TEXT NOT NULL DEFAULT '',"
" source TEXT NOT NULL DEFAULT 'walkin' CHECK (source IN ('case','walkin','paper')), entered_by TEXT NOT NULL DEFAULT '', entered_at INTEGER) STRICT;"
"INSERT INTO skm_response_new SELECT * FROM skm_response;"
"DROP TABLE skm_response;"
"ALTER TABLE skm_response_new RENAME TO skm_response;"
"CREATE INDEX skm_response_period ON skm_response(office_id, answered_at);"
"CREATE TABLE tq_item_new("
"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
"  template_id INTEGER NOT NULL REFERENCES tq_template(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  no INTEGER NOT NULL,"
"  kind TEXT NOT NULL CHECK (kind IN ('likert','choice','text')),"
"  text TEXT NOT NULL,"
"  options TEXT NOT NULL DEFAULT '',"
"  UNIQUE (template_id, no)) STRICT;"
"INSERT INTO tq_item_new SELECT * FROM tq_item;"
"DROP TABLE tq_item;"
"ALTER TABLE tq_item_new RENAME TO tq_item;"
"CREATE TABLE training_prep_new("
"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
"  training_id INTEGER NOT NULL REFERENCES training(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('attendance','facility','materials','trainers')),"
"  label TEXT NOT NULL,"
"  days INTEGER NOT NULL,"
"  due_at INTEGER,"
"  remind_at INTEGER,"
"  done_at INTEGER,"
"  done_by TEXT,"
"  met INTEGER,"
"  reminded_at INTEGER,"
"  breached_at INTEGER) STRICT;"
"INSERT INTO training_prep_new SELECT * FROM training_prep;"
"DROP TABLE training_prep;"
"ALTER TABLE training_prep_new RENAME TO training_prep;"
"CREATE INDEX training_prep_open ON training_prep(remind_at) WHERE done_at IS NULL AND breached_at IS NULL;"
"CREATE TABLE training_session_new("
"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
"  training_id INTEGER NOT NULL REFERENCES training(id),"
"  office_id INTEGER NOT NULL REFERENCES office(id),"
"  no INTEGER NOT NULL,"
"  title TEXT NOT NULL,"
"  starts_at INTEGER NOT NULL,"
"  ends_at INTEGER NOT NULL,"
"  qa_minutes INTEGER NOT NULL DEFAULT 0,"
"  UNIQUE (training_id, no)) STRICT;"
"INSERT INTO training_session_new SELECT * FROM training_session;"
"DROP TABLE training_session;"
"ALTER TABLE training_session_new RENAME TO training_session;"
"DELETE FROM sqlite_sequence WHERE name IN ('absence','calendar_period','party','skm_response','tq_item','training_prep','training_session');"
"INSERT INTO sqlite_sequence(name, seq) SELECT 'absence', max(coalesce((SELECT max(id) FROM absence),0),"
" coalesce((SELECT max(CAST(substr(object,9) AS INTEGER)) FROM audit WHERE object LIKE 'absence/%'),0));"
"INSERT INTO sqlite_sequence(name, seq) SELECT 'calendar_period', max(coalesce((SELECT max(id) FROM calendar_period),0),"
" coalesce((SELECT max(CAST(substr(object,8) AS INTEGER)) FROM audit WHERE object LIKE 'period:%'),0));"
"INSERT INTO sqlite_sequence(name, seq) SELECT 'party', max(coalesce((SELECT max(id) FROM party),0),"
" coalesce((SELECT max(CAST(substr(object,7) AS INTEGER)) FROM audit WHERE object LIKE 'party/%'),0),"
" coalesce((SELECT max(CAST(substr(detail,7) AS INTEGER)) FROM audit WHERE action='party.merge' AND detail LIKE 'party/%'),0));"
"INSERT INTO sqlite_sequence(name, seq) SELECT 'skm_response', max(coalesce((SELECT max(id) FROM skm_response),0),"
" coalesce((SELECT max(CAST(substr(object,5) AS INTEGER)) FROM audit WHERE object LIKE 'skm:%'),0));"
"INSERT INTO sqlite_sequence(name, seq) SELECT 'tq_item', coalesce((SELECT max(id) FROM tq_item),0);"
"INSERT INTO sqlite_sequence(name, seq) SELECT 'training_prep', coalesce((SELECT max(id) FROM training_prep),0);"
"INSERT INTO sqlite_sequence(name, seq) SELECT 'training_session', coalesce((SELECT max(id) FROM training_session),0);",
"SELECT 1;", 1 },
};
