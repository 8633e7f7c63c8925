/*
** test_verify.c — provider verification (desk/verify.c): the checklist (default, shape,
** what is missing), the card's signed code, the blacklist CSV, the key file, and the
** days one may book on the office calendar.
*/
#include "unit.h"
#include "../../src/desk/verify.h"
#include <sys/stat.h>

static const Actor who = { 1, "admin", 0, "127.0.0.1" };

/* The default checklist is the 12 items of SOPS.md; only the power of attorney is optional. */
static void test_default_checklist(void **state){
  (void)state;
  int n;
  const CheckItem *d = verify_checklist_default(&n);
  assert_int_equal(n, 12);
  assert_int_equal(verify_checklist_check(d, n, 0), OK);
  for(int i=0; i<n; i++){
    assert_int_equal(d[i].no, i+1);
    assert_int_equal(d[i].required, i==1 ? 0 : 1);
  }
  assert_contains(d[3].title, "KTP direktur");
  assert_contains(d[11].title, "SPT tahunan");
}

/* A checklist must be numbered in order, with titles of one line, 1..40 items. */
static void test_checklist_shape(void **state){
  (void)state;
  Err e = {0};
  CheckItem ok[2] = { { 1, "Formulir", 1, 0, 0 }, { 2, "KTP", 0, 0, 0 } };
  assert_int_equal(verify_checklist_check(ok, 2, &e), OK);
  assert_int_equal(verify_checklist_check(ok, 0, &e), ERR_INVALID);
  assert_string_equal(e.field, "items");
  CheckItem gap[2] = { { 1, "Formulir", 1, 0, 0 }, { 3, "KTP", 1, 0, 0 } };
  assert_int_equal(verify_checklist_check(gap, 2, &e), ERR_INVALID);
  CheckItem line[1] = { { 1, "Formulir\nKTP", 1, 0, 0 } };
  assert_int_equal(verify_checklist_check(line, 1, &e), ERR_INVALID);
  CheckItem empty[1] = { { 1, "", 1, 0, 0 } };
  assert_int_equal(verify_checklist_check(empty, 1, &e), ERR_INVALID);
  static CheckItem many[41];
  for(int i=0; i<41; i++){ many[i].no = i+1; many[i].title = "x"; many[i].required = 1; }
  assert_int_equal(verify_checklist_check(many, 40, &e), OK);
  assert_int_equal(verify_checklist_check(many, 41, &e), ERR_INVALID);
}

/* Missing: required items not both present and matching; optional ones never. */
static void test_missing(void **state){
  (void)state;
  CheckItem it[4] = {
    { 1, "Formulir", 1, 1, 1 },   /* fine */
    { 2, "Surat Kuasa", 0, 0, 0 },/* optional: not missing */
    { 3, "KTP", 1, 1, 0 },        /* present, does not match */
    { 4, "NPWP", 1, 0, 0 },       /* absent */
  };
  Buf b = BUF_INIT;
  assert_int_equal(verify_missing(it, 4, &b), 2);
  assert_string_equal(buf_str(&b), "3. KTP; 4. NPWP");
  buf_free(&b);
  it[2].matches = 1;
  it[3].present = it[3].matches = 1;
  assert_int_equal(verify_missing(it, 4, 0), 0);
}

/* The code is ID-MAC (128 bits, hex); it checks only for the same key, office, id and number. */
static void test_signed_code(void **state){
  (void)state;
  unsigned char k1[32], k2[32];
  memset(k1, 7, sizeof k1);
  memset(k2, 8, sizeof k2);
  verify_key_set(k1);
  char code[VERIFY_CODE_MAX], other[VERIFY_CODE_MAX];
  assert_int_equal(verify_card_code(1, 42, "VP-2026-0001", code), OK);
  assert_true(strncmp(code, "42-", 3)==0);
  assert_true(unit_is_hex(code+3, 32));
  assert_int_equal(verify_code_id(code), 42);
  assert_true(verify_code_check(code, 1, "VP-2026-0001"));
  assert_false(verify_code_check(code, 2, "VP-2026-0001"));       /* another office */
  assert_false(verify_code_check(code, 1, "VP-2026-0002"));       /* another number */
  verify_card_code(1, 43, "VP-2026-0001", other);
  assert_string_not_equal(code+3, other+3);                        /* the id is signed too */
  char forged[VERIFY_CODE_MAX];
  snprintf(forged, sizeof forged, "43-%s", code+3);
  assert_false(verify_code_check(forged, 1, "VP-2026-0001"));
  snprintf(forged, sizeof forged, "%s", code);
  forged[strlen(forged)-1] = forged[strlen(forged)-1]=='0' ? '1' : '0';
  assert_false(verify_code_check(forged, 1, "VP-2026-0001"));
  assert_int_equal(verify_code_id("42"), 0);
  assert_int_equal(verify_code_id("42-XYZ"), 0);
  assert_int_equal(verify_code_id("-0123456789abcdef0123456789abcdef"), 0);
  verify_key_set(k2);                                              /* a key of another deployment */
  assert_false(verify_code_check(code, 1, "VP-2026-0001"));
}

/* The key is made once in the data folder (mode 600, 32 bytes) and read back the same. */
static void test_key_file(void **state){
  (void)state;
  char dir[] = "/tmp/loket-key-XXXXXX", err[200], path[300], a[VERIFY_CODE_MAX], b[VERIFY_CODE_MAX];
  assert_non_null(mkdtemp(dir));
  assert_int_equal(verify_key_init(dir, err, sizeof err), OK);
  snprintf(path, sizeof path, "%s/verify.key", dir);
  struct stat st;
  assert_int_equal(stat(path, &st), 0);
  assert_int_equal(st.st_size, 32);
  assert_int_equal(st.st_mode & 0777, 0600);
  verify_card_code(1, 1, "VP-2026-0001", a);
  unsigned char other[32] = {0};
  verify_key_set(other);
  assert_int_equal(verify_key_init(dir, err, sizeof err), OK);
  verify_card_code(1, 1, "VP-2026-0001", b);
  assert_string_equal(a, b);
  unlink(path);
  rmdir(dir);
}

/* The blacklist CSV: header, quotes, ',' or ';', NPWP normalised, the bad line named. */
static void test_blacklist_csv(void **state){
  (void)state;
  Arena a;
  arena_init(&a);
  BlackEntry *rows;
  int n;
  char err[200];
  /* as a spreadsheet saves it, with commas or (set to Indonesian) semicolons: the same entries */
  static const char *const files[2] = {
    "\xEF\xBB\xBFnpwp,nama,alasan,sampai\r\n01.234.567.8-901.000,\"PT Satu, Tbk\",\"Dokumen \"\"palsu\"\"\",2027-01-31\r\n"
    "\r\n0023456789012000,CV Dua\r\n",
    "npwp;nama;alasan;sampai\r\n01.234.567.8-901.000;\"PT Satu, Tbk\"; \"Dokumen \"\"palsu\"\"\" ;2027-01-31\r\n"
    "\r\n0023456789012000; CV Dua \r\n",
  };
  for(int k=0; k<2; k++){
    assert_int_equal(verify_blacklist_parse(files[k], strlen(files[k]), &rows, &n, &a, "en", err, sizeof err, 0), OK);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].npwp, "012345678901000");
    assert_string_equal(rows[0].name, "PT Satu, Tbk");
    assert_string_equal(rows[0].reason, "Dokumen \"palsu\"");
    assert_string_equal(rows[0].until, "2027-01-31");
    assert_string_equal(rows[1].npwp, "0023456789012000");
    assert_string_equal(rows[1].name, "CV Dua");
    assert_string_equal(rows[1].reason, "");
  }
  const char *bad = "01.234.567.8-901.000,PT Satu\n99,PT Dua\n";
  assert_int_equal(verify_blacklist_parse(bad, strlen(bad), &rows, &n, &a, "en", err, sizeof err, 0), ERR_INVALID);
  assert_contains(err, "line 2: NPWP 99");
  const char *date = "01.234.567.8-901.000,PT Satu,x,31-01-2027\n";
  assert_int_equal(verify_blacklist_parse(date, strlen(date), &rows, &n, &a, "en", err, sizeof err, 0), ERR_INVALID);
  assert_contains(err, "line 1: until 31-01-2027");
  const char *noname = "01.234.567.8-901.000\n";
  assert_int_equal(verify_blacklist_parse(noname, strlen(noname), &rows, &n, &a, "en", err, sizeof err, 0), ERR_INVALID);
  /* a fault names the file's line: an unclosed quote after a reason over two lines */
  const char *open = "npwp;nama;alasan\n01.234.567.8-901.000;PT Satu;\"dua\nbaris\"\n0023456789012000;\"CV Dua\n";
  assert_int_equal(verify_blacklist_parse(open, strlen(open), &rows, &n, &a, "en", err, sizeof err, 0), ERR_INVALID);
  assert_string_equal(err, "line 4: a quoted field is not closed");
  const char *two = "npwp,nama,alasan\n01.234.567.8-901.000,PT Satu,ok\n0023456789012000,CV Dua,\"dua\nbaris\"\n";
  assert_int_equal(verify_blacklist_parse(two, strlen(two), &rows, &n, &a, "en", err, sizeof err, 0), ERR_INVALID);
  assert_string_equal(err, "line 3: the reason holds a line break or a control character");   /* named by the row's first line */
  const char *nl = "npwp,nama\n01.234.567.8-901.000,\"PT Satu\nBaru\"\n";
  assert_int_equal(verify_blacklist_parse(nl, strlen(nl), &rows, &n, &a, "en", err, sizeof err, 0), ERR_INVALID);
  assert_string_equal(err, "line 2: the name holds a line break or a control character");
  arena_free(&a);
}

static int office_setup(void **state){
  int64_t office;
  return unit_office_setup(state, &who, &office);
}

/* Days to book from Monday 5 January 2026: tomorrow on, weekdays only, holidays closed
** (16 January, Isra Mikraj), a weekday at capacity 0 closed, 30 days ahead. */
static void test_days(void **state){
  Db *db = tempdb(state);
  Arena a;
  arena_init(&a);
  VerifyDay *d;
  int n;
  assert_int_equal(verify_days(db, 1, time_now(), &d, &n, &a), OK);
  assert_string_equal(d[0].day, "2026-01-06");
  assert_int_equal(d[0].capacity, 10);
  for(int i=0; i<n; i++) assert_string_not_equal(d[i].day, "2026-01-16");
  assert_string_equal(d[n-1].day, "2026-02-04");
  assert_int_equal(n, 21);   /* 22 weekdays from 6 January to 4 February, less 16 January */
  VerifySettings s;
  assert_int_equal(verify_settings_get(db, 1, &s), OK);
  s.capacity[2] = 0;         /* no verification on Tuesdays */
  Actor w = who;
  w.office_id = 1;
  assert_int_equal(verify_settings_set(db, &w, 1, &s, 0), OK);
  assert_int_equal(verify_days(db, 1, time_now(), &d, &n, &a), OK);
  assert_string_equal(d[0].day, "2026-01-07");
  assert_int_equal(n, 16);  /* less the 5 Tuesdays: 6, 13, 20, 27 January and 3 February */
  Err e = {0};
  s.warn_days = 30;
  assert_int_equal(verify_settings_set(db, &w, 1, &s, &e), ERR_INVALID);
  assert_string_equal(e.field, "warn_days");
  arena_free(&a);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_default_checklist),
    cmocka_unit_test(test_checklist_shape),
    cmocka_unit_test(test_missing),
    cmocka_unit_test(test_signed_code),
    cmocka_unit_test(test_key_file),
    cmocka_unit_test(test_blacklist_csv),
    cmocka_unit_test_setup_teardown(test_days, office_setup, unit_office_teardown),
  };
  return cmocka_run_group_tests(tests, unit_group_setup, 0);
}
