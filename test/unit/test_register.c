/*
** test_register.c — the registers the SOPs keep: checking entries (errors name
** the field), numbering per office and year with no gap and no duplicate under
** eight concurrent writers, search and dates, and the actions: a guest departs,
** a disposition is done, an archive entry due for destruction is destroyed.
*/
#include "unit.h"
#include "../../src/desk/register_sql.h"
#include <pthread.h>

#define T0 INT64_C(1795159800)          /* 2026-11-20T07:30:00Z: the frozen clock */
#define WRITERS 8
#define PER_WRITER 25

static int64_t office_id, office2_id;
static Actor admin, other;

/* A fresh database with two offices and the administrator of the first. */
static int setup(void **state){
  char err[256];
  log_set_quiet(1);
  if( util_init()!=OK ) return -1;
  if( unit_load_real_perms(err, sizeof err)!=OK ){ fprintf(stderr, "%s\n", err); return -1; }
  time_set_fake(T0);
  if( tempdb_setup(state)!=0 ) return -1;
  Db *db = tempdb(state);
  Err e = {0};
  if( office_create(db, NULL, "LPSE-BTG", "LPSE Kabupaten Batang", "WIB", &office_id, &e)!=OK ) return -1;
  if( office_create(db, NULL, "LPSE-OI", "LPSE Kabupaten Ogan Ilir", "WIB", &office2_id, &e)!=OK ) return -1;
  static const char *const roles[] = { "admin" };
  UserNew u = { office_id, "admin", "Administrator", "", "Admin#Loket26", roles, 1, 0 };
  int64_t uid;
  if( user_create(db, NULL, &u, &uid, &e)!=OK ) return -1;
  admin = (Actor){ uid, "admin", office_id, "10.0.0.1" };
  other = (Actor){ uid, "admin", office2_id, "10.0.0.1" };
  /* the case the entries link to: LPSE-BTG-2026-000001 of the first office */
  Buf errs = BUF_INIT;
  int rc = sop_library_load(db, &errs);
  buf_free(&errs);
  if( rc!=OK ) return -1;
  case_free(unit_open_case(db, &admin, office_id, "SOP-LPSE.BTG-017"));
  return 0;
}

static int teardown(void **state){
  time_set_fake(0);
  sop_library_free();
  return tempdb_teardown(state);
}

/* The register of a slug, which must exist. */
static const Register *reg(const char *slug){
  const Register *g = register_find(slug);
  assert_non_null(g);
  return g;
}

/* The index of a field of the register. */
static int field(const Register *g, const char *name){
  for(int i=0; i<g->nfields; i++) if( strcmp(g->fields[i].name, name)==0 ) return i;
  fail_msg("no field %s", name);
  return -1;
}

/* Add an entry from "name", "value" pairs (NULL-terminated); the result code, id and error. */
static int add(Db *db, const Actor *who, const char *slug, int64_t *id, Err *e, ...){
  const Register *g = reg(slug);
  RegInput in;
  memset(&in, 0, sizeof in);
  va_list ap;
  va_start(ap, e);
  for(const char *k; (k = va_arg(ap, const char*))!=0; ) in.v[field(g, k)] = va_arg(ap, const char*);
  va_end(ap);
  int64_t dummy;
  Err e2 = {0};
  return register_add(db, who, g, "WIB", &in, id ? id : &dummy, e ? e : &e2);
}

/* The number of the entry id of a numbered register. */
static const char *number_of(Db *db, const char *slug, int64_t id, Arena *a){
  RegEntry w;
  assert_int_equal(register_get(db, reg(slug), office_id, id, "2026-11-20", &w, a), OK);
  return w.number;
}

/* Every register is found by its slug; an unknown slug is not. */
static void test_registers_known(void **state){
  UNUSED(state);
  static const char *const slugs[] = { "guest-book", "agenda", "disposition", "consultation", "handover", "archive" };
  for(int i=0; i<REG_COUNT; i++){
    assert_string_equal(register_at(i)->slug, slugs[i]);
    assert_ptr_equal(register_find(slugs[i]), register_at(i));
  }
  assert_null(register_find("buku-tamu"));
  assert_null(register_find(NULL));
  assert_null(register_at(REG_COUNT));
  /* by the name a procedure's `register:` gives, and a field by its name */
  assert_ptr_equal(register_named("guest_book"), register_at(REG_GUEST_BOOK));
  assert_null(register_named("guest-book"));
  assert_int_equal(register_field(register_at(REG_AGENDA), "letter_date"), 1);
  assert_int_equal(register_field(register_at(REG_AGENDA), "nomor"), -1);
}

/* The default retention: two years on the same day; a leap day's, on 28 February. */
static void test_retain_default(void **state){
  UNUSED(state);
  char out[11];
  int64_t t;
  assert_int_equal(time_parse_iso("2026-11-20T23:30:00+07:00", &t), OK);
  register_retain_default(out, t, "WIB");
  assert_string_equal(out, "2028-11-20");
  register_retain_default(out, t, "WIT");    /* already the 21st there */
  assert_string_equal(out, "2028-11-21");
  assert_int_equal(time_parse_iso("2028-02-29T10:00:00+07:00", &t), OK);
  register_retain_default(out, t, "WIB");
  assert_string_equal(out, "2030-02-28");
  /* any number of years: a leap day's fourth year after has its 29 February, the fifth not */
  register_retain_years(out, t, "WIB", 4);
  assert_string_equal(out, "2032-02-29");
  register_retain_years(out, t, "WIB", 5);
  assert_string_equal(out, "2033-02-28");
  /* an archive entry checked without its retention: not missing (it has the default) */
  const char *kv[] = { "title", "Berkas", "location", "Lemari A", "archived_at", "2025-03-10T09:00", 0 };
  Err e = {0};
  assert_int_equal(register_check_kv(register_at(REG_ARCHIVE), "WIB", kv, &e), OK);
}

/* The first line with words of a text, cut at a byte limit on a character boundary. */
static void test_first_line(void **state){
  UNUSED(state);
  Arena a;
  arena_init(&a);
  assert_string_equal(util_first_line("\n  \r\n Lupa sandi  \nbaris dua", 100, &a), "Lupa sandi");
  assert_string_equal(util_first_line("Dinas \xC3\xA9x", 7, &a), "Dinas");      /* é not cut in half */
  assert_string_equal(util_first_line("Dinas \xC3\xA9x", 8, &a), "Dinas \xC3\xA9");
  assert_string_equal(util_first_line("", 10, &a), "");
  assert_string_equal(util_first_line(NULL, 10, &a), "");
  arena_free(&a);
}

/* Missing and malformed values are refused, each naming its field, and nothing is written. */
static void test_validation_names_field(void **state){
  Db *db = tempdb(state);
  Err e;
  e = (Err){0};
  assert_int_equal(add(db, &admin, "guest-book", 0, &e, "purpose", "Upload penawaran", NULL), ERR_INVALID);
  assert_string_equal(e.field, "name");
  e = (Err){0};
  assert_int_equal(add(db, &admin, "guest-book", 0, &e, "name", "Budi", "purpose", "x", "phone", "08xx-abc", NULL), ERR_INVALID);
  assert_string_equal(e.field, "phone");
  e = (Err){0};
  assert_int_equal(add(db, &admin, "guest-book", 0, &e, "name", "Budi\nSantoso", "purpose", "x", NULL), ERR_INVALID);
  assert_string_equal(e.field, "name");
  e = (Err){0};
  assert_int_equal(add(db, &admin, "guest-book", 0, &e, "name", "Budi", "purpose", "x", "arrived_at", "kemarin", NULL), ERR_INVALID);
  assert_string_equal(e.field, "arrived_at");
  e = (Err){0};
  assert_int_equal(add(db, &admin, "guest-book", 0, &e, "name", "Budi", "purpose", "x", "case_number", "LPSE 2026 'x'", NULL), ERR_INVALID);
  assert_string_equal(e.field, "case_number");
  e = (Err){0};
  assert_int_equal(add(db, &admin, "archive", 0, &e, "case_number", "LPSE-BTG-2026-000002", "location", "Lemari A",
                       "retain_until", "2030-01-01", NULL), ERR_INVALID);
  assert_string_equal(e.field, "case_number");   /* no such case */
  e = (Err){0};
  assert_int_equal(add(db, &other, "archive", 0, &e, "case_number", "LPSE-BTG-2026-000001", "location", "Lemari A",
                       "retain_until", "2030-01-01", NULL), ERR_INVALID);
  assert_string_equal(e.field, "case_number");   /* a case of another office */
  e = (Err){0};
  assert_int_equal(add(db, &admin, "agenda", 0, &e, "letter_no", "027/1", "letter_date", "2026-02-30",
                       "sender", "Dinas PU", "subject", "Aktivasi", NULL), ERR_INVALID);
  assert_string_equal(e.field, "letter_date");
  char longname[200];
  memset(longname, 'a', sizeof longname - 1);
  longname[sizeof longname - 1] = 0;
  e = (Err){0};
  assert_int_equal(add(db, &admin, "handover", 0, &e, "items", "SK", "from_name", longname, "to_name", "Sari", NULL), ERR_INVALID);
  assert_string_equal(e.field, "from_name");
  /* a disposition needs what it is about and whom it is for */
  e = (Err){0};
  assert_int_equal(add(db, &admin, "disposition", 0, &e, "to_role", "helpdesk", "instruction", "Proses", NULL), ERR_INVALID);
  assert_string_equal(e.field, "agenda");
  e = (Err){0};
  assert_int_equal(add(db, &admin, "disposition", 0, &e, "case_number", "LPSE-BTG-2026-000001", "instruction", "Proses", NULL), ERR_INVALID);
  assert_string_equal(e.field, "to_user");
  e = (Err){0};
  assert_int_equal(add(db, &admin, "disposition", 0, &e, "case_number", "LPSE-BTG-2026-000001", "to_role", "kepala",
                       "instruction", "Proses", NULL), ERR_INVALID);
  assert_string_equal(e.field, "to_role");
  e = (Err){0};
  assert_int_equal(add(db, &admin, "disposition", 0, &e, "case_number", "LPSE-BTG-2026-000001", "to_user", "nobody",
                       "instruction", "Proses", NULL), ERR_INVALID);
  assert_string_equal(e.field, "to_user");
  e = (Err){0};
  assert_int_equal(add(db, &admin, "disposition", 0, &e, "agenda", "AG-2026-0099", "to_role", "helpdesk",
                       "instruction", "Proses", NULL), ERR_INVALID);
  assert_string_equal(e.field, "agenda");
  e = (Err){0};
  assert_int_equal(add(db, &admin, "archive", 0, &e, "location", "Lemari A", "retain_until", "2031-01-01", NULL), ERR_INVALID);
  assert_string_equal(e.field, "title");
  assert_int_equal(unit_query_int(db, "SELECT (SELECT count(*) FROM guest_book)+(SELECT count(*) FROM agenda)"
                                      "+(SELECT count(*) FROM disposition)+(SELECT count(*) FROM handover)"
                                      "+(SELECT count(*) FROM archive)+(SELECT count(*) FROM register_counter)"), 0);
}

/* Numbers run per office and per year, AG-2026-0001 onwards; each entry writes an audit row. */
static void test_numbers_per_office_and_year(void **state){
  Db *db = tempdb(state);
  Arena a;
  arena_init(&a);
  int64_t id1, id2, id3, id4;
  assert_int_equal(add(db, &admin, "agenda", &id1, 0, "letter_no", "027/1", "letter_date", "2026-11-18",
                       "sender", "Dinas PU", "subject", "Aktivasi akun PPK", NULL), OK);
  assert_int_equal(add(db, &admin, "agenda", &id2, 0, "letter_no", "027/2", "letter_date", "2026-11-19",
                       "sender", "Bappeda", "subject", "Penonaktifan", NULL), OK);
  assert_int_equal(add(db, &other, "agenda", &id3, 0, "letter_no", "9/OI", "letter_date", "2026-11-19",
                       "sender", "Setda", "subject", "Registrasi", NULL), OK);
  assert_string_equal(number_of(db, "agenda", id1, &a), "AG-2026-0001");
  assert_string_equal(number_of(db, "agenda", id2, &a), "AG-2026-0002");
  RegEntry w;
  assert_int_equal(register_get(db, reg("agenda"), office2_id, id3, "2026-11-20", &w, &a), OK);
  assert_string_equal(w.number, "AG-2026-0001");
  assert_int_equal(register_get(db, reg("agenda"), office_id, id3, "2026-11-20", &w, &a), ERR_NOTFOUND);
  /* 1 January 2027, 00:30 WIB is still 31 December 2026 in UTC: the office's year counts */
  time_set_fake(INT64_C(1798738200));
  assert_int_equal(add(db, &admin, "agenda", &id4, 0, "letter_no", "027/3", "letter_date", "2026-12-31",
                       "sender", "Dinas PU", "subject", "Tahun baru", NULL), OK);
  assert_string_equal(number_of(db, "agenda", id4, &a), "AG-2027-0001");
  time_set_fake(T0);
  assert_int_equal(add(db, &admin, "consultation", &id1, 0, "name", "Rina", "question", "Lupa kata sandi", NULL), OK);
  assert_string_equal(number_of(db, "consultation", id1, &a), "KF-2026-0001");
  assert_int_equal(add(db, &admin, "handover", &id1, 0, "items", "Surat permohonan\nSK penunjukan",
                       "from_name", "Andi", "to_name", "Sari", NULL), OK);
  assert_string_equal(number_of(db, "handover", id1, &a), "ST-2026-0001");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='register.add'"), 6);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE object='agenda:1:AG-2026-0001'"), 1);
  /* a disposition of the letter, for a role, from the actor by default */
  assert_int_equal(add(db, &admin, "disposition", &id1, 0, "agenda", "AG-2026-0001", "to_role", "admin_agency",
                       "instruction", "Proses penonaktifan", "due_at", "2026-11-25T16:00", NULL), OK);
  const Register *d = reg("disposition");
  assert_int_equal(register_get(db, d, office_id, id1, "2026-11-20", &w, &a), OK);
  assert_string_equal(w.v[field(d, "agenda")], "AG-2026-0001");
  assert_string_equal(w.v[field(d, "from_user")], "admin");
  assert_int_equal(w.t[field(d, "due_at")], INT64_C(1795597200));   /* 16:00 WIB = 09:00Z */
  arena_free(&a);
}

typedef struct Writer { int64_t office; int failures; } Writer;

/* One writer thread: its own connection, PER_WRITER consultation forms. */
static void *writer_run(void *arg){
  Writer *w = arg;
  Db *db = db_thread();
  Actor who = { 0, "writer", w->office, "127.0.0.1" };
  const Register *g = register_find("consultation");
  for(int i=0; i<PER_WRITER; i++){
    RegInput in;
    memset(&in, 0, sizeof in);
    in.v[1] = "Penyedia";
    in.v[4] = "Bagaimana mengunggah dokumen penawaran?";
    int64_t id;
    Err e = {0};
    if( db==0 || register_add(db, &who, g, "WIB", &in, &id, &e)!=OK ) w->failures++;
  }
  return 0;
}

/* Eight writers at once: every number from 1 to 200 given exactly once, and the counter at 200. */
static void test_numbers_concurrent(void **state){
  Db *db = tempdb(state);
  pthread_t th[WRITERS];
  Writer w[WRITERS];
  for(int i=0; i<WRITERS; i++){
    w[i] = (Writer){ office_id, 0 };
    assert_int_equal(pthread_create(&th[i], 0, writer_run, &w[i]), 0);
  }
  for(int i=0; i<WRITERS; i++){
    pthread_join(th[i], 0);
    assert_int_equal(w[i].failures, 0);
  }
  int total = WRITERS*PER_WRITER;
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM consultation"), total);
  assert_int_equal(unit_query_int(db, "SELECT count(DISTINCT number) FROM consultation"), total);
  assert_int_equal(unit_query_int(db, "SELECT last FROM register_counter WHERE register='consultation'"), total);
  /* no gap: the numbers are exactly KF-2026-0001 … KF-2026-0200 */
  assert_int_equal(unit_query_int(db, "SELECT min(CAST(substr(number, 9) AS INTEGER)) FROM consultation"), 1);
  assert_int_equal(unit_query_int(db, "SELECT max(CAST(substr(number, 9) AS INTEGER)) FROM consultation"), total);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM consultation WHERE number NOT LIKE 'KF-2026-____'"), 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='register.add'"), total);
}

/* Search within the text, ignoring case; the date range; keyset paging. */
static void test_list_search_dates_paging(void **state){
  Db *db = tempdb(state);
  Arena a;
  arena_init(&a);
  assert_int_equal(add(db, &admin, "guest-book", 0, 0, "name", "Budi Santoso", "organisation", "CV Maju Jaya",
                       "purpose", "Upload penawaran", "arrived_at", "2026-11-18T09:00", NULL), OK);
  assert_int_equal(add(db, &admin, "guest-book", 0, 0, "name", "Rina", "organisation", "PT Sinar 100%",
                       "purpose", "Verifikasi", "arrived_at", "2026-11-19T10:00", NULL), OK);
  assert_int_equal(add(db, &admin, "guest-book", 0, 0, "name", "Andi", "purpose", "Konsultasi", NULL), OK);
  const Register *g = reg("guest-book");
  RegFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.limit = 10;
  RegEntry *rows;
  int n;
  f.q = "MAJU";
  assert_int_equal(register_list(db, g, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(rows[0].v[1], "Budi Santoso");
  f.q = "100%";    /* a LIKE wildcard in the text is matched as itself */
  assert_int_equal(register_list(db, g, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(rows[0].v[1], "Rina");
  f.q = 0;
  assert_int_equal(time_parse_day("2026-11-19", "WIB", &f.from), OK);
  f.to = f.from + 86400;
  assert_int_equal(register_list(db, g, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(rows[0].v[1], "Rina");
  f.from = f.to = 0;
  f.limit = 2;
  assert_int_equal(register_list(db, g, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 2);
  assert_string_equal(rows[0].v[1], "Andi");
  f.before = rows[1].id;
  assert_int_equal(register_list(db, g, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_string_equal(rows[0].v[1], "Budi Santoso");
  f.before = 0;
  f.office_id = office2_id;
  assert_int_equal(register_list(db, g, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 0);
  f.limit = 0;
  assert_int_equal(register_list(db, g, &f, &rows, &n, &a), ERR_INVALID);
  arena_free(&a);
}

/* Every register's list reads in the order of its (office_id, id) index and stops at the page's
** end: no entry of the office sorted beside it; a case's entries are found by its number
** (docs/benchmarks.md "Lists after ten years"). */
static void test_list_plans(void **state){
  Db *db = tempdb(state);
  static const struct { const char *list, *by_case, *index; } regs[] = {
    { REGISTER_SQL_LIST_GUEST_BOOK, REGISTER_SQL_CASE_GUEST_BOOK, "guest_book" },
    { REGISTER_SQL_LIST_AGENDA, REGISTER_SQL_CASE_AGENDA, "agenda" },
    { REGISTER_SQL_LIST_DISPOSITION, REGISTER_SQL_CASE_DISPOSITION, "disposition" },
    { REGISTER_SQL_LIST_CONSULTATION, REGISTER_SQL_CASE_CONSULTATION, "consultation" },
    { REGISTER_SQL_LIST_HANDOVER, REGISTER_SQL_CASE_HANDOVER, "handover" },
    { REGISTER_SQL_LIST_ARCHIVE, REGISTER_SQL_CASE_ARCHIVE, "archive" },
  };
  assert_int_equal(COUNT(regs), REG_COUNT);
  for(size_t i=0; i<COUNT(regs); i++){
    char want[80];
    Buf p;
    unit_plan(db, regs[i].list, &p);
    snprintf(want, sizeof want, "%s_office (office_id=? AND id<?)", regs[i].index);
    if( strstr(buf_str(&p), want)==0 || strstr(buf_str(&p), "TEMP B-TREE") || strstr(buf_str(&p), "SCAN") )
      fail_msg("%s:\n%s", regs[i].index, buf_str(&p));
    buf_free(&p);
    /* a case page's entries: by the case's number, not every entry of the office */
    unit_plan(db, regs[i].by_case, &p);
    snprintf(want, sizeof want, "%s_case (office_id=? AND case_number=?)", regs[i].index);
    if( strstr(buf_str(&p), want)==0 || strstr(buf_str(&p), "TEMP B-TREE") || strstr(buf_str(&p), "SCAN") )
      fail_msg("%s, by case:\n%s", regs[i].index, buf_str(&p));
    buf_free(&p);
  }
}

/* Departure, done, destroyed: each once, with an audit row; destruction only when due. */
static void test_actions(void **state){
  Db *db = tempdb(state);
  Arena a;
  arena_init(&a);
  Err e = {0};
  int64_t guest, disp, old, young;
  assert_int_equal(add(db, &admin, "guest-book", &guest, 0, "name", "Budi", "purpose", "Upload", NULL), OK);
  const Register *gb = reg("guest-book");
  time_set_fake(T0 + 3600);
  assert_int_equal(register_act(db, &admin, gb, guest, "2026-11-20", &e), OK);
  RegEntry w;
  assert_int_equal(register_get(db, gb, office_id, guest, "2026-11-20", &w, &a), OK);
  assert_int_equal(w.t[field(gb, "left_at")], T0 + 3600);
  assert_int_equal(w.t[field(gb, "arrived_at")], T0);
  assert_int_equal(register_act(db, &admin, gb, guest, "2026-11-20", &e), ERR_CONFLICT);
  assert_int_equal(register_act(db, &other, gb, guest, "2026-11-20", &e), ERR_NOTFOUND);
  assert_int_equal(register_act(db, &admin, reg("agenda"), 1, "2026-11-20", &e), ERR_NOTFOUND);

  assert_int_equal(add(db, &admin, "disposition", &disp, 0, "case_number", "LPSE-BTG-2026-000001", "to_user", "admin",
                       "instruction", "Tindak lanjuti", NULL), OK);
  assert_int_equal(register_act(db, &admin, reg("disposition"), disp, "2026-11-20", &e), OK);
  assert_int_equal(register_act(db, &admin, reg("disposition"), disp, "2026-11-20", &e), ERR_CONFLICT);

  const Register *ar = reg("archive");
  assert_int_equal(add(db, &admin, "archive", &old, 0, "title", "Berkas pendaftaran 2019", "location", "Lemari A rak 2",
                       "retain_until", "2026-11-20", NULL), OK);
  assert_int_equal(add(db, &admin, "archive", &young, 0, "case_number", "LPSE-BTG-2026-000001", "location", "Lemari B",
                       "retain_until", "2026-11-21", NULL), OK);
  RegFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.limit = 10;
  f.due = 1;
  f.today = "2026-11-20";
  RegEntry *rows;
  int n;
  assert_int_equal(register_list(db, ar, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_int_equal(rows[0].id, old);
  assert_true(rows[0].due);
  e = (Err){0};
  assert_int_equal(register_act(db, &admin, ar, young, "2026-11-20", &e), ERR_CONFLICT);
  assert_string_equal(e.field, "retain_until");
  assert_int_equal(register_act(db, &admin, ar, old, "2026-11-20", &e), OK);
  assert_int_equal(register_list(db, ar, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 0);
  f.today = "2026-11-21";   /* a day later the younger one is due */
  assert_int_equal(register_list(db, ar, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_int_equal(rows[0].id, young);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action IN"
                                      " ('register.depart','register.done','register.destroy')"), 3);
  int64_t nrows = 0;
  char err[128] = "";
  assert_int_equal(audit_verify(db, &nrows, err, sizeof err), OK);
  arena_free(&a);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_registers_known),
    cmocka_unit_test(test_retain_default),
    cmocka_unit_test(test_first_line),
    cmocka_unit_test_setup_teardown(test_validation_names_field, setup, teardown),
    cmocka_unit_test_setup_teardown(test_numbers_per_office_and_year, setup, teardown),
    cmocka_unit_test_setup_teardown(test_numbers_concurrent, setup, teardown),
    cmocka_unit_test_setup_teardown(test_list_search_dates_paging, setup, teardown),
    cmocka_unit_test_setup_teardown(test_list_plans, setup, teardown),
    cmocka_unit_test_setup_teardown(test_actions, setup, teardown),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
