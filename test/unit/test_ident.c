/*
** test_ident.c — NIP, NIK, NPWP (old and 2024 forms), e-mail addresses and
** Indonesian telephone numbers: valid examples, and each way to be wrong.
*/
#include "unit.h"

#define T0 INT64_C(1795159800)          /* 2026-11-20T07:30:00Z: the frozen clock */

/* Freeze the clock, so "not in the future" is checked against November 2026. */
static int setup(void **state){
  UNUSED(state);
  time_set_fake(T0);
  return 0;
}

static int teardown(void **state){
  UNUSED(state);
  time_set_fake(0);
  return 0;
}

/* Assert that check() refuses z on field with message msg. */
#define REFUSE(call, field_, msg_) do{ \
    Err e_ = {0}; \
    int rc_ = (call); \
    if( rc_!=ERR_INVALID ) fail_msg("%s: expected ERR_INVALID, got %d", #call, rc_); \
    assert_non_null(e_.field); assert_string_equal(e_.field, field_); \
    assert_non_null(e_.msg); assert_string_equal(e_.msg, msg_); \
    assert_true(i18n_known(e_.msg)); \
  }while(0)
#define E (&e_)

/* Translations are loaded so every message can be checked to have its Indonesian text. */
static void test_catalog(void **state){
  UNUSED(state);
  char err[256];
  assert_int_equal(i18n_load(err, sizeof err), OK);
}

/* Spaces go; nothing else changes; a small buffer is refused. */
static void test_normalize(void **state){
  UNUSED(state);
  char out[32];
  assert_int_equal(ident_normalize(" 19850312 201001 1 002\t", out, sizeof out), OK);
  assert_string_equal(out, "198503122010011002");
  assert_int_equal(ident_normalize("01.234-5", out, sizeof out), OK);
  assert_string_equal(out, "01.234-5");
  assert_int_equal(ident_normalize("", out, sizeof out), OK);
  assert_string_equal(out, "");
  char small[5];
  assert_int_equal(ident_normalize("123456", small, sizeof small), ERR_TOOBIG);
  assert_int_equal(ident_normalize("1234", small, sizeof small), OK);
  assert_int_equal(ident_normalize(NULL, out, sizeof out), ERR_INVALID);
}

/* NIPs that are right: plain, spaced, a leap-day birth, the edges of the ranges. */
static void test_nip_valid(void **state){
  UNUSED(state);
  Err e = {0};
  assert_int_equal(ident_nip("198503122010011002", &e), OK);
  assert_int_equal(ident_nip("19850312 201001 1 002", &e), OK);
  assert_int_equal(ident_nip(" 19850312  201001  2  999 ", &e), OK);
  assert_int_equal(ident_nip("198402292004032001", &e), OK);      /* 29 Feb 1984, a leap year */
  assert_int_equal(ident_nip("194001011960011001", &e), OK);      /* the earliest birth year */
  assert_int_equal(ident_nip("201012312026111001", &e), OK);      /* 2010; appointed this month */
  assert_int_equal(ident_nip("198503122000031001", &e), OK);      /* exactly 15 years after birth */
  assert_int_equal(ident_nip("197001012000122123", &e), OK);
  assert_int_equal(ident_nip("NIP. 19850312 201001 1 002", &e), OK);   /* as a letter's signature writes it */
  assert_int_equal(ident_nip("NIP: 198503122010011002", &e), OK);
  assert_int_equal(ident_nip(" nip 198503122010011002", &e), OK);
  assert_int_equal(ident_nip("NIP198503122010011002", &e), OK);
  /* as documents and staff write it: dots or dashes between the groups */
  assert_int_equal(ident_nip("19850312.201001.1.002", &e), OK);
  assert_int_equal(ident_nip("19850312-201001-1-002", &e), OK);
  assert_int_equal(ident_nip("NIP. 19850312.201001.1.002", &e), OK);
  char t[40];
  assert_int_equal(ident_nip_text("19850312-201001-1-002", t, sizeof t), OK);
  assert_string_equal(t, "198503122010011002");
  assert_int_equal(ident_nip_text("NIP. 19850312.201001 1.002", t, sizeof t), OK);
  assert_string_equal(t, "198503122010011002");
  /* anything but digits and separators is copied as ident_normalize copies it: an address keeps its dots */
  assert_int_equal(ident_nip_text("budi.s@dinas-x.go.id", t, sizeof t), OK);
  assert_string_equal(t, "budi.s@dinas-x.go.id");
  assert_int_equal(ident_digits_text("3201.0112.0385.0001", t, sizeof t), OK);
  assert_string_equal(t, "3201011203850001");
  assert_int_equal(ident_digits_text("- .", t, sizeof t), OK);   /* no digit: as it is, spaces out */
  assert_string_equal(t, "-.");
  char d[32];
  assert_int_equal(ident_nip_text("NIP. 19850312 201001 1 002", d, sizeof d), OK);
  assert_string_equal(d, "198503122010011002");
  assert_int_equal(ident_nip_text("3201014506900001", d, sizeof d), OK);   /* anything else: as ident_normalize */
  assert_string_equal(d, "3201014506900001");
}

/* Each way a NIP is wrong, with its message. */
static void test_nip_invalid(void **state){
  UNUSED(state);
  const char *len = "must be 18 digits", *few = "has too few digits: a NIP has 18", *many = "has too many digits: a NIP has 18";
  const char *sign = "may contain only digits, spaces, dots and dashes";
  REFUSE(ident_nip(NULL, E), "nip", len);
  REFUSE(ident_nip("", E), "nip", len);
  REFUSE(ident_nip(" - . ", E), "nip", len);
  REFUSE(ident_nip("19850312201001100", E), "nip", few);          /* 17 */
  REFUSE(ident_nip("1985031220100110022", E), "nip", many);       /* 19 */
  REFUSE(ident_nip("19850312 201001 1 02", E), "nip", few);       /* a digit left out, as typed from a letter */   /* a digit left out, as typed from a letter */
  REFUSE(ident_nip("19850312201001100A", E), "nip", sign);
  REFUSE(ident_nip("19850312/201001/1/002", E), "nip", sign);     /* spaces, dots and dashes only */
  REFUSE(ident_nip("198503122O10011002", E), "nip", sign);        /* letter O for zero */
  REFUSE(ident_nip("NIPA 198503122010011002", E), "nip", sign);   /* only the label NIP */
  REFUSE(ident_nip("NIP. NIP. 198503122010011002", E), "nip", sign);
  REFUSE(ident_nip("１98503122010011002", E), "nip", sign);        /* a full-width digit */
  const char *date = "the birth date (digits 1-8) is not a real date";
  REFUSE(ident_nip("198502302010011002", E), "nip", date);       /* 30 February */
  REFUSE(ident_nip("198302292010011002", E), "nip", date);       /* 29 Feb in a common year */
  REFUSE(ident_nip("198513012010011002", E), "nip", date);       /* month 13 */
  REFUSE(ident_nip("198500102010011002", E), "nip", date);       /* month 00 */
  REFUSE(ident_nip("198504002010011002", E), "nip", date);       /* day 00 */
  REFUSE(ident_nip("198504312010011002", E), "nip", date);       /* 31 April */
  const char *year = "the birth year must be between 1940 and 2010";
  REFUSE(ident_nip("193912311960011001", E), "nip", year);
  REFUSE(ident_nip("201101012026011001", E), "nip", year);
  const char *month = "the appointment month (digits 9-14) is not a real month";
  REFUSE(ident_nip("198503122010131002", E), "nip", month);
  REFUSE(ident_nip("198503122010001002", E), "nip", month);
  const char *young = "the appointment is less than 15 years after birth";
  REFUSE(ident_nip("198503122000021002", E), "nip", young);      /* one month short */
  REFUSE(ident_nip("198503121990011002", E), "nip", young);
  const char *future = "the appointment month is in the future";
  REFUSE(ident_nip("198503122026121002", E), "nip", future);     /* December 2026 */
  REFUSE(ident_nip("198503123000011002", E), "nip", future);
  const char *sex = "the sex digit (15) must be 1 or 2";
  REFUSE(ident_nip("198503122010010002", E), "nip", sex);
  REFUSE(ident_nip("198503122010013002", E), "nip", sex);
  REFUSE(ident_nip("198503122010019002", E), "nip", sex);
  REFUSE(ident_nip("198503122010011000", E), "nip", "the sequence number (digits 16-18) cannot be 000");
}

/* NIKs that are right: a man, a woman (day + 40), leap days in either century. */
static void test_nik_valid(void **state){
  UNUSED(state);
  Err e = {0};
  assert_int_equal(ident_nik("3201011203850001", &e), OK);         /* man, 12-03-1985 */
  assert_int_equal(ident_nik("3201015203850001", &e), OK);         /* woman, 12-03-1985 */
  assert_int_equal(ident_nik("3201 0152 0385 0001", &e), OK);
  assert_int_equal(ident_nik("3201.0152.0385.0001", &e), OK);
  assert_int_equal(ident_nik("320101-520385-0001", &e), OK);
  assert_int_equal(ident_nik("1101014101000001", &e), OK);         /* province 11; woman 01-01-2000 */
  assert_int_equal(ident_nik("9471013112999999", &e), OK);         /* province 94; 31-12-99 */
  assert_int_equal(ident_nik("3171012902000001", &e), OK);         /* 29-02-2000 */
  assert_int_equal(ident_nik("3171016902840001", &e), OK);         /* woman 29-02-1984 */
}

/* Each way a NIK is wrong, with its message. */
static void test_nik_invalid(void **state){
  UNUSED(state);
  const char *len = "must be 16 digits", *few = "has too few digits: a NIK has 16", *many = "has too many digits: a NIK has 16";
  REFUSE(ident_nik(NULL, E), "nik", len);
  REFUSE(ident_nik("", E), "nik", len);
  REFUSE(ident_nik("320101120385001", E), "nik", few);
  REFUSE(ident_nik("32010112038500011", E), "nik", many);
  REFUSE(ident_nik("3201.0112.0385.001", E), "nik", few);
  REFUSE(ident_nik("3201011203850O01", E), "nik", "may contain only digits, spaces, dots and dashes");   /* letter O */
  const char *prov = "the province code (digits 1-2) must be between 11 and 94";
  REFUSE(ident_nik("1001011203850001", E), "nik", prov);
  REFUSE(ident_nik("9501011203850001", E), "nik", prov);
  REFUSE(ident_nik("0001011203850001", E), "nik", prov);
  const char *reg = "the regency and district codes (digits 3-6) cannot be 00";
  REFUSE(ident_nik("3200011203850001", E), "nik", reg);
  REFUSE(ident_nik("3201001203850001", E), "nik", reg);
  const char *date = "the birth date (digits 7-12) is not a real date";
  REFUSE(ident_nik("3201013203850001", E), "nik", date);         /* day 32 */
  REFUSE(ident_nik("3201010003850001", E), "nik", date);         /* day 00 */
  REFUSE(ident_nik("3201014003850001", E), "nik", date);         /* woman, day 00 */
  REFUSE(ident_nik("3201017203850001", E), "nik", date);         /* woman, day 32 */
  REFUSE(ident_nik("3201019903850001", E), "nik", date);
  REFUSE(ident_nik("3201013002850001", E), "nik", date);         /* 30 February */
  REFUSE(ident_nik("3201012902010001", E), "nik", date);         /* 29 Feb 1901/2001 */
  REFUSE(ident_nik("3201017102850001", E), "nik", date);         /* woman, 31 February */
  REFUSE(ident_nik("3201011213850001", E), "nik", date);         /* month 13 */
  REFUSE(ident_nik("3201011200850001", E), "nik", date);         /* month 00 */
  REFUSE(ident_nik("3201013104850001", E), "nik", date);         /* 31 April */
  REFUSE(ident_nik("3201011203850000", E), "nik", "the sequence number (digits 13-16) cannot be 0000");
}

/* NPWPs that are right, in each form, and the form reported with the bare digits. */
static void test_npwp_valid(void **state){
  UNUSED(state);
  Err e = {0};
  int form = -1;
  char d[20];
  assert_int_equal(ident_npwp("01.234.567.8-901.000", &form, d, sizeof d, &e), OK);
  assert_int_equal(form, IDENT_NPWP_OLD);
  assert_string_equal(d, "012345678901000");
  assert_int_equal(ident_npwp("012345678901000", &form, d, sizeof d, &e), OK);
  assert_int_equal(form, IDENT_NPWP_OLD);
  assert_int_equal(ident_npwp(" 01.234.567.8-901.000 ", &form, 0, 0, &e), OK);
  assert_int_equal(ident_npwp("01 234 567 8 901 000", &form, d, sizeof d, &e), OK);
  assert_string_equal(d, "012345678901000");
  assert_int_equal(ident_npwp("0012345678901000", &form, d, sizeof d, &e), OK);
  assert_int_equal(form, IDENT_NPWP_NEW);
  assert_string_equal(d, "0012345678901000");
  assert_int_equal(ident_npwp("3201011203850001", &form, d, sizeof d, &e), OK);
  assert_int_equal(form, IDENT_NPWP_NIK);
  assert_int_equal(ident_npwp("3201 0152 0385 0001", &form, d, sizeof d, &e), OK);
  assert_int_equal(form, IDENT_NPWP_NIK);
  assert_string_equal(d, "3201015203850001");
  /* dots, dashes and spaces wherever people put them: the same digits */
  static const char *const written[] = { "01.234.567.8.901.000", "012.34.567.8-901.000", "01-234-567-8-901-000",
                                         "01 234 567 8-901 000", "0012.3456.7890.1000", "0012-3456-7890-1000" };
  for(size_t i=0; i<COUNT(written); i++){
    char w[24];
    assert_int_equal(ident_npwp(written[i], &form, w, sizeof w, &e), OK);
    assert_string_equal(w, i<4 ? "012345678901000" : "0012345678901000");
    char n16[20];
    assert_int_equal(ident_npwp16(written[i], n16, &e), OK);
    assert_string_equal(n16, "0012345678901000");
  }
  assert_int_equal(ident_npwp("012345678901000", NULL, NULL, 0, NULL), OK);
}

/* Each way an NPWP is wrong, with its message; the form is 0 then. */
static void test_npwp_invalid(void **state){
  UNUSED(state);
  const char *shape = "must be 15 digits (XX.XXX.XXX.X-XXX.XXX) or 16 digits";
  int form = -1;
  REFUSE(ident_npwp(NULL, &form, 0, 0, E), "npwp", shape);
  assert_int_equal(form, 0);
  REFUSE(ident_npwp("", &form, 0, 0, E), "npwp", shape);
  const char *few = "has too few digits: an NPWP has 15 (XX.XXX.XXX.X-XXX.XXX) or 16";
  const char *many = "has too many digits: an NPWP has 15 (XX.XXX.XXX.X-XXX.XXX) or 16";
  const char *sign = "may contain only digits, spaces, dots and dashes";
  REFUSE(ident_npwp(".-", &form, 0, 0, E), "npwp", shape);
  REFUSE(ident_npwp("01234567890100", &form, 0, 0, E), "npwp", few);          /* 14 */
  REFUSE(ident_npwp("01234567890100012", &form, 0, 0, E), "npwp", many);       /* 17 */
  REFUSE(ident_npwp("01.234.567.8-901.00", &form, 0, 0, E), "npwp", few);      /* short printed */     /* short printed */
  REFUSE(ident_npwp("01.234.567.8/901.000", &form, 0, 0, E), "npwp", sign);
  REFUSE(ident_npwp("01.234.567.8-901.0A0", &form, 0, 0, E), "npwp", sign);
  REFUSE(ident_npwp("0123456789010A0", &form, 0, 0, E), "npwp", sign);
  REFUSE(ident_npwp("000000000000000", &form, 0, 0, E), "npwp", "cannot be all zeros");
  REFUSE(ident_npwp("00.000.000.0-000.000", &form, 0, 0, E), "npwp", "cannot be all zeros");
  REFUSE(ident_npwp("0000000000000000", &form, 0, 0, E), "npwp", "cannot be all zeros");
  const char *nik = "a 16-digit NPWP that does not start with 0 must be a valid NIK";
  REFUSE(ident_npwp("3201011203850000", &form, 0, 0, E), "npwp", nik);          /* sequence 0000 */
  REFUSE(ident_npwp("1234567890123456", &form, 0, 0, E), "npwp", nik);          /* day 78 */
  REFUSE(ident_npwp("9901011203850001", &form, 0, 0, E), "npwp", nik);          /* province 99 */
  assert_int_equal(form, 0);
}

/* An SPSE code (kode tender / kode paket): digits only, at most 20; the error names the field given. */
static void test_spse_code(void **state){
  UNUSED(state);
  Err e = {0};
  assert_int_equal(ident_spse_code("10012345", "tender_code", &e), OK);
  assert_int_equal(ident_spse_code("7", "tender_code", &e), OK);
  assert_int_equal(ident_spse_code("12345678901234567890", "tender_code", &e), OK);
  const char *m = "must be the code SPSE shows: digits only, at most 20";
  REFUSE(ident_spse_code(NULL, "tender_code", E), "tender_code", m);
  REFUSE(ident_spse_code("", "tender_code", E), "tender_code", m);
  REFUSE(ident_spse_code("TND-1001", "tender_code", E), "tender_code", m);
  REFUSE(ident_spse_code("1001 2345", "tender_code", E), "tender_code", m);
  REFUSE(ident_spse_code("123456789012345678901", "package_code", E), "package_code", m);
}

/* Addresses people really type. */
static void test_email_valid(void **state){
  UNUSED(state);
  Err e = {0};
  assert_int_equal(ident_email("budi.santoso@lpse.bogorkota.go.id", &e), OK);
  assert_int_equal(ident_email("a+b@x.co", &e), OK);
  assert_int_equal(ident_email("USER_1@Example.COM", &e), OK);
  assert_int_equal(ident_email("helpdesk-lpse@mail-1.kemenkeu.go.id", &e), OK);
  assert_int_equal(ident_email("o'brien@example.org", &e), OK);
  char local[65], addr[300];
  memset(local, 'a', 64); local[64] = 0;
  snprintf(addr, sizeof addr, "%s@x.id", local);
  assert_int_equal(ident_email(addr, &e), OK);                     /* 64 before @ */
}

/* Each way an address is wrong, with its message. */
static void test_email_invalid(void **state){
  UNUSED(state);
  const char *shape = "must be an e-mail address (name@domain)";
  REFUSE(ident_email(NULL, E), "email", shape);
  REFUSE(ident_email("", E), "email", shape);
  REFUSE(ident_email("budi", E), "email", shape);
  REFUSE(ident_email("@x.id", E), "email", shape);
  REFUSE(ident_email("a@b@x.id", E), "email", shape);
  const char *local = "the part before @ has a character or dot that is not allowed";
  REFUSE(ident_email(".budi@x.id", E), "email", local);
  REFUSE(ident_email("budi.@x.id", E), "email", local);
  REFUSE(ident_email("bu..di@x.id", E), "email", local);
  REFUSE(ident_email("bu di@x.id", E), "email", local);
  REFUSE(ident_email("budi\"x@x.id", E), "email", local);
  REFUSE(ident_email("bud\xc3\xad@x.id", E), "email", local);       /* budí */
  REFUSE(ident_email("budi\r\nBcc: x@y.id@x.id", E), "email", shape);
  REFUSE(ident_email("budi\n@x.id", E), "email", local);
  const char *alone = "must be the address alone, without a name or < > around it (name@domain)";
  REFUSE(ident_email("Budi Santoso <budi@x.id>", E), "email", alone);   /* as a mail program copies it */
  REFUSE(ident_email("<budi@x.id>", E), "email", alone);
  const char *dom = "the domain after @ is not valid";
  REFUSE(ident_email("budi@", E), "email", dom);
  REFUSE(ident_email("budi@x", E), "email", dom);
  REFUSE(ident_email("budi@-x.id", E), "email", dom);
  REFUSE(ident_email("budi@x-.id", E), "email", dom);
  REFUSE(ident_email("budi@x..id", E), "email", dom);
  REFUSE(ident_email("budi@.x.id", E), "email", dom);
  REFUSE(ident_email("budi@x.id.", E), "email", dom);
  REFUSE(ident_email("budi@x.i", E), "email", dom);
  REFUSE(ident_email("budi@x.1d", E), "email", dom);
  REFUSE(ident_email("budi@x_y.id", E), "email", dom);
  REFUSE(ident_email("budi@x.id ", E), "email", dom);
  REFUSE(ident_email("budi@[10.0.0.1]", E), "email", dom);
  /* a machine's own name (the relay's local delivery): said so, not "not valid" */
  const char *nodot = "the domain after @ has no dot: an address mail can reach, as name@lpse.example.go.id";
  REFUSE(ident_email("root@localhost", E), "email", nodot);
  REFUSE(ident_email("admin@vm", E), "email", nodot);
  char big[80], addr[400];
  memset(big, 'a', 65); big[65] = 0;
  snprintf(addr, sizeof addr, "%s@x.id", big);
  REFUSE(ident_email(addr, E), "email", "the part before @ is longer than 64 characters");
  char label[64];
  memset(label, 'b', 63); label[63] = 0;
  snprintf(addr, sizeof addr, "a@%s.%s.%s.%s.id", label, label, label, label);   /* 261 */
  REFUSE(ident_email(addr, E), "email", "is longer than 254 characters");
  char longlabel[70];
  memset(longlabel, 'c', 64); longlabel[64] = 0;
  snprintf(addr, sizeof addr, "a@%s.id", longlabel);
  REFUSE(ident_email(addr, E), "email", dom);                      /* a label of 64 */
}

/* A NIP, NIK or NPWP a spreadsheet saved as a number (3.32501E+15, the decimal comma of an
** Indonesian locale too) is refused saying so, not as a wrong count of digits. */
static void test_spreadsheet_numbers(void **state){
  UNUSED(state);
  const char *sci = "was saved by a spreadsheet as a number (E+), which loses its last digits: format the column as Text and type the number again";
  REFUSE(ident_nik("3.32501E+15", E), "nik", sci);
  REFUSE(ident_nik("3,32501E+15", E), "nik", sci);
  REFUSE(ident_nip("1.98203E+17", E), "nip", sci);
  REFUSE(ident_nip(" 1.98203142006042E+17 ", E), "nip", sci);
  REFUSE(ident_npwp("1.23457E+13", 0, 0, 0, E), "npwp", sci);
  assert_true(ident_spreadsheet_number("3E15"));
  assert_false(ident_spreadsheet_number("3325014505900002"));
  assert_false(ident_spreadsheet_number("E+15"));
  assert_false(ident_spreadsheet_number("3.3E+"));
  assert_false(ident_spreadsheet_number("3.3E+15x"));
  REFUSE(ident_nik("33250145059000", E), "nik", "has too few digits: a NIK has 16");   /* still the count when not E+ */
}

/* Assert that z is a valid phone number normalised to want, of that kind. */
static void phone_ok(const char *z, const char *want, int kind){
  char out[32];
  int k = -1;
  Err e = {0};
  int rc = ident_phone(z, out, sizeof out, &k, &e);
  if( rc!=OK ) fail_msg("%s: refused: %s", z, e.msg ? e.msg : "?");
  assert_string_equal(out, want);
  assert_int_equal(k, kind);
}

/* Numbers in the ways people write them, normalised to +62. */
static void test_phone_valid(void **state){
  UNUSED(state);
  phone_ok("081234567890", "+6281234567890", IDENT_PHONE_MOBILE);
  phone_ok("0812-3456-7890", "+6281234567890", IDENT_PHONE_MOBILE);
  phone_ok("+62 812 3456 7890", "+6281234567890", IDENT_PHONE_MOBILE);
  phone_ok("6281234567890", "+6281234567890", IDENT_PHONE_MOBILE);
  phone_ok("+62-812.3456.7890", "+6281234567890", IDENT_PHONE_MOBILE);
  phone_ok("0811 2345 6", "+6281123456", IDENT_PHONE_MOBILE);       /* 8 digits after the 0 */
  phone_ok("+62 811-2345-6", "+6281123456", IDENT_PHONE_MOBILE);
  phone_ok("0812345678901", "+62812345678901", IDENT_PHONE_MOBILE);   /* 12: the most */
  phone_ok("(021) 555-1234", "+62215551234", IDENT_PHONE_LANDLINE);
  phone_ok("(021) 555 1234", "+62215551234", IDENT_PHONE_LANDLINE);
  phone_ok("021 5551234", "+62215551234", IDENT_PHONE_LANDLINE);
  phone_ok("0251 8312345", "+622518312345", IDENT_PHONE_LANDLINE);
  phone_ok("+62 21 2980 1234", "+622129801234", IDENT_PHONE_LANDLINE);
  phone_ok("(0967) 533123", "+62967533123", IDENT_PHONE_LANDLINE);  /* Jayapura */
  phone_ok("0411 1234", "+624111234", IDENT_PHONE_LANDLINE);        /* 7 after the 0 */
  /* the trunk 0 after the country code, as letterheads and websites write it */
  phone_ok("+62 (0)21 5551234", "+62215551234", IDENT_PHONE_LANDLINE);
  phone_ok("+62 (0)285 123456", "+62285123456", IDENT_PHONE_LANDLINE);
  phone_ok("+62 (0) 812-3456-7890", "+6281234567890", IDENT_PHONE_MOBILE);
  phone_ok("+62 0812 3456 7890", "+6281234567890", IDENT_PHONE_MOBILE);
  phone_ok("62 (0)21 5551234", "+62215551234", IDENT_PHONE_LANDLINE);
  phone_ok("0062 812 3456 7890", "+6281234567890", IDENT_PHONE_MOBILE);  /* 00, the international prefix */
  phone_ok("0062 (0)21 5551234", "+62215551234", IDENT_PHONE_LANDLINE);
}

/* Each way a number is wrong, with its message. */
static void test_phone_invalid(void **state){
  UNUSED(state);
  char out[32];
  const char *pre = "must be an Indonesian number starting with +62, 62 or 0";
  REFUSE(ident_phone(NULL, out, sizeof out, 0, E), "phone", pre);
  REFUSE(ident_phone("", out, sizeof out, 0, E), "phone", pre);
  REFUSE(ident_phone("81234567890", out, sizeof out, 0, E), "phone", pre);
  REFUSE(ident_phone("+61 812 3456 7890", out, sizeof out, 0, E), "phone", pre);
  REFUSE(ident_phone("+0812 3456 7890", out, sizeof out, 0, E), "phone", pre);
  REFUSE(ident_phone("0123 456789", out, sizeof out, 0, E), "phone", pre);   /* no area code 1 */
  REFUSE(ident_phone("00812345678", out, sizeof out, 0, E), "phone", pre);
  REFUSE(ident_phone("62", out, sizeof out, 0, E), "phone", pre);
  REFUSE(ident_phone("+62 00812 3456 789", out, sizeof out, 0, E), "phone", pre);  /* one trunk 0 only */
  REFUSE(ident_phone("0061 812 3456 7890", out, sizeof out, 0, E), "phone", pre);
  const char *chars = "may contain only digits, spaces, dashes, dots and brackets";
  REFUSE(ident_phone("0812-3456-789x", out, sizeof out, 0, E), "phone", chars);
  REFUSE(ident_phone("0812/3456/7890", out, sizeof out, 0, E), "phone", chars);
  REFUSE(ident_phone("0812 3456 7890 ext 2", out, sizeof out, 0, E), "phone", chars);
  REFUSE(ident_phone("0812+34567890", out, sizeof out, 0, E), "phone", chars);
  const char *mob = "a mobile number (08...) must have 8 to 12 digits after the 0";
  REFUSE(ident_phone("0812345", out, sizeof out, 0, E), "phone", mob);               /* 7 */
  REFUSE(ident_phone("08123456789012", out, sizeof out, 0, E), "phone", mob);        /* 13 */
  REFUSE(ident_phone("+62 812 3456 7890 12", out, sizeof out, 0, E), "phone", mob);  /* 13 after +62 too */
  const char *svc = "an 080x number (0800 toll-free, 0809 premium) is a service's number, not a person's: give a mobile (08...) or landline number";
  REFUSE(ident_phone("0800 1234 5678", out, sizeof out, 0, E), "phone", svc);        /* 080x: said as what it is */
  REFUSE(ident_phone("0800-1-234567", out, sizeof out, 0, E), "phone", svc);
  REFUSE(ident_phone("+62 809 1234 567", out, sizeof out, 0, E), "phone", svc);
  const char *land = "a landline number must have an area code and 7 to 11 digits after the 0";
  REFUSE(ident_phone("021 1234", out, sizeof out, 0, E), "phone", land);             /* 6 */
  REFUSE(ident_phone("0211234567890", out, sizeof out, 0, E), "phone", land);        /* 12 */
  REFUSE(ident_phone("0812345678901234567890123456789012345678", out, sizeof out, 0, E), "phone", "is too long: at most %d digits");
  Err le = {0};   /* said with how many digits may be written */
  assert_int_equal(ident_phone("0812345678901234567890123456789012345678", out, sizeof out, 0, &le), ERR_INVALID);
  assert_int_equal(le.n, 31);
  char tiny[8];
  REFUSE(ident_phone("081234567890", tiny, sizeof tiny, 0, E), "phone", "is too long");
}

/* The one reader of an address as it is written, Name <address>: every form the three readers it
** replaced took (ident_email_named for a person's typing, mail_from_split for a received mail's
** From, sender.c's mail_addr_spec for the configured sender), read alike by both strictnesses. */
static void test_email_read(void **state){
  UNUSED(state);
  static const struct { const char *z, *addr, *name; } both[] = {
    { "Budi Santoso <budi@dinas.go.id>", "budi@dinas.go.id", "Budi Santoso" },
    { " \"Santoso, Budi\"  < budi@dinas.go.id > ", "budi@dinas.go.id", "Santoso, Budi" },   /* quoted, spaces */
    { "<budi@dinas.go.id>", "budi@dinas.go.id", "" },                                      /* brackets alone */
    { "\"\" <b@x.id>", "b@x.id", "" },
    { "'Budi' <b@x.id>", "b@x.id", "Budi" },                                                /* as Outlook quotes */
    { "\tBudi\t<b@x.id>", "b@x.id", "Budi" },
    { "Doe, John <j@x.id>", "j@x.id", "Doe, John" },                                        /* unquoted comma */
    { "Budi (kantor) <b@x.id>", "b@x.id", "Budi (kantor)" },                               /* a name's brackets kept */
    { "\"Budi <kantor>\" <budi@x.id>", "budi@x.id", "Budi <kantor>" },                     /* < inside quotes */
    { "\"Budi \\\"BS\\\" Santoso\" <b@x.id>", "b@x.id", "Budi \"BS\" Santoso" },            /* quoted-pairs */
    { "\"=?UTF-8?Q?Sri_Rahay=C3=BA?=\" <sri@example.com>", "sri@example.com", "=?UTF-8?Q?Sri_Rahay=C3=BA?=" },
    { "=?UTF-8?B?U3Jp?= <sri@example.com>", "sri@example.com", "=?UTF-8?B?U3Jp?=" },      /* encoded words: mail decodes */
    { "Mail Delivery System <MAILER-DAEMON@mx.example.com>", "MAILER-DAEMON@mx.example.com", "Mail Delivery System" },
    { "Budi <budi>", "budi", "Budi" },                                                      /* the address is checked after */
  };
  char addr[256], name[128];
  for(size_t i=0; i<COUNT(both); i++){
    for(int fl=0; fl<=IDENT_ADDR_MAIL; fl+=IDENT_ADDR_MAIL){
      int r = ident_email_read(both[i].z, fl, addr, sizeof addr, name, sizeof name);
      if( r!=IDENT_ADDR_NAMED ) fail_msg("%s (flags %d): %d", both[i].z, fl, r);
      assert_string_equal(addr, both[i].addr);
      assert_string_equal(name, both[i].name);
    }
  }
  /* the address alone: as written when typed (the check after says what is wrong), trimmed in mail */
  assert_int_equal(ident_email_read("budi@dinas.go.id", 0, addr, sizeof addr, name, sizeof name), IDENT_ADDR_BARE);
  assert_string_equal(addr, "budi@dinas.go.id");
  assert_string_equal(name, "");
  assert_int_equal(ident_email_read(" budi@dinas.go.id ", 0, addr, sizeof addr, name, sizeof name), IDENT_ADDR_BARE);
  assert_string_equal(addr, " budi@dinas.go.id ");
  assert_int_equal(ident_email_read("  budi@dinas.go.id  ", IDENT_ADDR_MAIL, addr, sizeof addr, name, sizeof name), IDENT_ADDR_BARE);
  assert_string_equal(addr, "budi@dinas.go.id");
  assert_int_equal(ident_email_read("MAILER-DAEMON", IDENT_ADDR_MAIL, addr, sizeof addr, name, sizeof name), IDENT_ADDR_BARE);
  assert_string_equal(addr, "MAILER-DAEMON");
  /* a received mail's old form, the name in a comment after the address (RFC 822) */
  assert_int_equal(ident_email_read("budi@x.id (Budi Santoso)", IDENT_ADDR_MAIL, addr, sizeof addr, name, sizeof name), IDENT_ADDR_BARE);
  assert_string_equal(addr, "budi@x.id");
  assert_string_equal(name, "Budi Santoso");
  assert_int_equal(ident_email_read("budi@x.id (Budi (LPSE) \\) S)", IDENT_ADDR_MAIL, addr, sizeof addr, name, sizeof name), IDENT_ADDR_BARE);
  assert_string_equal(addr, "budi@x.id");
  assert_string_equal(name, "Budi (LPSE) ) S");
  assert_int_equal(ident_email_read("budi@x.id (Budi)", 0, addr, sizeof addr, name, sizeof name), IDENT_ADDR_BARE);
  assert_string_equal(addr, "budi@x.id (Budi)");   /* typed: left for ident_email to refuse */
  /* what follows the brackets: a mail's comment or text is passed over; typed, it is not that form */
  static const char *const tail[] = { "Budi <budi@x.id> (kantor)", "Budi <budi@dinas.go.id> x", "Budi <a@b.id> <c@d.id>" };
  static const char *const tail_addr[] = { "budi@x.id", "budi@dinas.go.id", "a@b.id" };
  for(size_t i=0; i<COUNT(tail); i++){
    assert_int_equal(ident_email_read(tail[i], IDENT_ADDR_MAIL, addr, sizeof addr, name, sizeof name), IDENT_ADDR_NAMED);
    assert_string_equal(addr, tail_addr[i]);
    assert_int_equal(ident_email_read(tail[i], 0, addr, sizeof addr, name, sizeof name), IDENT_ADDR_NONE);
    assert_string_equal(addr, "");
    assert_string_equal(name, "");
  }
  assert_int_equal(ident_email_read("Budi <budi@x.id>\t ", 0, addr, sizeof addr, name, sizeof name), IDENT_ADDR_NAMED);
  /* no closing bracket: a mail's address is what follows <; typed, not that form */
  assert_int_equal(ident_email_read("Budi <budi@dinas.go.id", IDENT_ADDR_MAIL, addr, sizeof addr, name, sizeof name), IDENT_ADDR_NAMED);
  assert_string_equal(addr, "budi@dinas.go.id");
  assert_string_equal(name, "Budi");
  assert_int_equal(ident_email_read("Budi <budi@dinas.go.id", 0, addr, sizeof addr, name, sizeof name), IDENT_ADDR_NONE);
  assert_int_equal(ident_email_read("\"Budi <budi@dinas.go.id>", 0, addr, sizeof addr, name, sizeof name), IDENT_ADDR_NONE);  /* quote not closed */
  assert_int_equal(ident_email_read(NULL, 0, addr, sizeof addr, name, sizeof name), IDENT_ADDR_NONE);
  assert_int_equal(ident_email_read(NULL, IDENT_ADDR_MAIL, addr, sizeof addr, name, sizeof name), IDENT_ADDR_NONE);
  /* too long for the caller's room: not read, in both */
  char small[8];
  assert_int_equal(ident_email_read("Budi <budi@dinas.go.id>", 0, small, sizeof small, name, sizeof name), IDENT_ADDR_NONE);
  assert_int_equal(ident_email_read("budi@dinas.go.id", IDENT_ADDR_MAIL, small, sizeof small, name, sizeof name), IDENT_ADDR_NONE);
  assert_int_equal(ident_email_read("Budi Santoso <b@x.id>", IDENT_ADDR_MAIL, addr, sizeof addr, small, sizeof small), IDENT_ADDR_NONE);
  /* control characters are read as they are: who writes a header leaves them out (sender.c) */
  assert_int_equal(ident_email_read("Budi <a@b.id\r\nBcc: x@y.id>", IDENT_ADDR_MAIL, addr, sizeof addr, name, sizeof name), IDENT_ADDR_NAMED);
  assert_string_equal(addr, "a@b.id\r\nBcc: x@y.id");
}

/* Where a person may type Name <address>: the address checked as ident_email does, the name kept;
** what is not an address nor that form said so, under "email" (the caller names its field). */
static void test_email_typed(void **state){
  UNUSED(state);
  char addr[256], name[128];
  Err e = {0};
  assert_int_equal(ident_email_typed("budi@dinas.go.id", addr, sizeof addr, name, sizeof name, &e), OK);
  assert_string_equal(addr, "budi@dinas.go.id");
  assert_string_equal(name, "");
  assert_int_equal(ident_email_typed("\"Santoso, Budi\" <budi@dinas.go.id>", addr, sizeof addr, name, sizeof name, &e), OK);
  assert_string_equal(addr, "budi@dinas.go.id");
  assert_string_equal(name, "Santoso, Budi");
  assert_int_equal(ident_email_typed("<budi@dinas.go.id>", addr, sizeof addr, name, sizeof name, &e), OK);
  assert_string_equal(name, "");
  const char *form = "must be an address, or a name and the address in < > as a mail program copies it (Budi <budi@example.go.id>)";
  REFUSE(ident_email_typed("Budi <budi@dinas.go.id> x", addr, sizeof addr, name, sizeof name, E), "email", form);
  REFUSE(ident_email_typed("Budi <budi@dinas.go.id", addr, sizeof addr, name, sizeof name, E), "email", form);
  REFUSE(ident_email_typed(NULL, addr, sizeof addr, name, sizeof name, E), "email", form);
  REFUSE(ident_email_typed("Budi <budi>", addr, sizeof addr, name, sizeof name, E), "email", "must be an e-mail address (name@domain)");
  REFUSE(ident_email_typed("Budi <bu..di@x.id>", addr, sizeof addr, name, sizeof name, E), "email",
         "the part before @ has a character or dot that is not allowed");
  REFUSE(ident_email_typed("budi@x.id ", addr, sizeof addr, name, sizeof name, E), "email", "the domain after @ is not valid");
  REFUSE(ident_email_typed("Budi <budi@x.id\r\nBcc: a@b.id>", addr, sizeof addr, name, sizeof name, E), "email",
         "must be an e-mail address (name@domain)");
  char local[300], big[400];
  memset(local, 'a', 260); local[260] = 0;
  snprintf(big, sizeof big, "Budi <%s@x.id>", local);
  REFUSE(ident_email_typed(big, addr, sizeof addr, name, sizeof name, E), "email", "is longer than 254 characters");
}

/* The sender (loket.conf's smtp_from) is held to the address's one rule, with what a sender adds: a
** name before the address in angle brackets, and the machine's own localhost (init's default). */
static void test_sender(void **state){
  UNUSED(state);
  Err e = {0};
  assert_int_equal(ident_sender("helpdesk@lpse.bogorkota.go.id", &e), OK);
  assert_int_equal(ident_sender("Loket LPSE <helpdesk@lpse.bogorkota.go.id>", &e), OK);
  assert_int_equal(ident_sender("<helpdesk@lpse.bogorkota.go.id>", &e), OK);
  assert_int_equal(ident_sender("loket@localhost", &e), OK);
  assert_int_equal(ident_sender("Loket <loket@LocalHost>", &e), OK);
  assert_int_equal(ident_sender("o'brien+lpse@example.org", &e), OK);
  const char *shape = "must be an e-mail address (name@domain)";
  REFUSE(ident_sender("Loket LPSE", E), "email", shape);
  REFUSE(ident_sender("a@b.id, c@d.id", E), "email", shape);
  REFUSE(ident_sender("Loket <loket lpse.go.id>", E), "email", shape);
  const char *line = "must be an address or Name <address>, on one line";
  REFUSE(ident_sender(NULL, E), "email", line);
  REFUSE(ident_sender("Loket <loket@lpse.go.id", E), "email", line);
  REFUSE(ident_sender("Loket <loket@lpse.go.id> x", E), "email", line);
  REFUSE(ident_sender("Loket\r\nBcc: x@y.id <loket@lpse.go.id>", E), "email", line);
  /* what ident_email refuses, the sender too: the same rule */
  REFUSE(ident_sender("Loket <bu..di@lpse.go.id>", E), "email", "the part before @ has a character or dot that is not allowed");
  REFUSE(ident_sender("Loket <loket@lpse.go.i>", E), "email", "the domain after @ is not valid");
  REFUSE(ident_sender("loket@local", E), "email",
         "the domain after @ has no dot: an address mail can reach, as name@lpse.example.go.id");
  REFUSE(ident_sender("loket@localhost.", E), "email", "the domain after @ is not valid");
  REFUSE(ident_sender("Loket <bud\xc3\xad@lpse.go.id>", E), "email", "the part before @ has a character or dot that is not allowed");
  char local[300], addr[400];
  memset(local, 'a', 260); local[260] = 0;
  snprintf(addr, sizeof addr, "Loket <%s@x.id>", local);
  REFUSE(ident_sender(addr, E), "email", "is longer than 254 characters");
}

int main(void){
  log_set_quiet(1);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_catalog),
    cmocka_unit_test(test_normalize),
    cmocka_unit_test_setup_teardown(test_nip_valid, setup, teardown),
    cmocka_unit_test_setup_teardown(test_nip_invalid, setup, teardown),
    cmocka_unit_test(test_nik_valid),
    cmocka_unit_test(test_nik_invalid),
    cmocka_unit_test(test_npwp_valid),
    cmocka_unit_test(test_npwp_invalid),
    cmocka_unit_test(test_spse_code),
    cmocka_unit_test(test_email_valid),
    cmocka_unit_test(test_email_invalid),
    cmocka_unit_test(test_sender),
    cmocka_unit_test(test_email_read),
    cmocka_unit_test(test_email_typed),
    cmocka_unit_test(test_phone_valid),
    cmocka_unit_test(test_spreadsheet_numbers),
    cmocka_unit_test(test_phone_invalid),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
