/*
** test_attach.c — notes and attachments of a case: SHA-256, the type found by
** libmagic in small generated files (PDF, PNG, ELF, a shell script), the allowed
** types, the names kept, the size limit, the rows and their audit rows.
*/
#include "unit.h"
#include "../../src/sop/case.h"
#include "../../src/sop/attach.h"

static int64_t office_id;
static const Actor admin = { 0, "admin", 0, "" };

/* A tiny but well-formed PDF. */
static const char pdf[] =
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
  "trailer<</Root 1 0 R>>\n%%EOF\n";

/* The first bytes of a PNG: signature and the IHDR chunk of a 1×1 image. */
static const unsigned char png[] = {
  0x89,'P','N','G',0x0d,0x0a,0x1a,0x0a, 0,0,0,13,'I','H','D','R', 0,0,0,1, 0,0,0,1, 8,2,0,0,0,
  0x90,0x77,0x53,0xde, 0,0,0,0,'I','E','N','D',0xae,0x42,0x60,0x82
};

/* An ELF header of a 64-bit x86-64 executable (the rest zero). */
static void elf(unsigned char *b, size_t n){
  memset(b, 0, n);
  memcpy(b, "\x7f" "ELF", 4);
  b[4] = 2; b[5] = 1; b[6] = 1;       /* 64-bit, little endian, version 1 */
  b[16] = 2;                          /* ET_EXEC */
  b[18] = 0x3e;                       /* x86-64 */
  b[20] = 1;                          /* version */
  b[52] = 64;                         /* header size */
}

/* A temporary database with an office and the procedures. */
static int setup(void **state){
  if( unit_office_setup(state, &admin, &office_id) ) return -1;
  return 0;
}

/* Close everything; the clock runs again. */
static int teardown(void **state){
  attach_shutdown();
  return unit_office_teardown(state);
}

/* A phone case of the office. */
static Case *open_case(Db *db){
  return unit_open_case(db, &admin, office_id, "SOP-LPSE.BTG-017");
}

/* The detected type of some bytes. */
static const char *detect(const void *p, size_t n, char *out, size_t outn){
  assert_int_equal(attach_detect(p, n, out, outn), OK);
  return out;
}

/* SHA-256 against the FIPS 180-2 vector. */
static void test_sha256(void **state){
  UNUSED(state);
  char h[65];
  util_sha256_hex(h, "abc", 3);
  assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* libmagic names the generated files by their content, whatever they are called. */
static void test_detect(void **state){
  UNUSED(state);
  char t[128];
  unsigned char e[256];
  elf(e, sizeof e);
  assert_string_equal(detect(pdf, sizeof pdf - 1, t, sizeof t), "application/pdf");
  assert_string_equal(detect(png, sizeof png, t, sizeof t), "image/png");
  const char *et = detect(e, sizeof e, t, sizeof t);
  assert_true(strcmp(et, "application/x-executable")==0 || strcmp(et, "application/x-pie-executable")==0
              || strcmp(et, "application/x-sharedlib")==0);
  assert_string_equal(detect("#!/bin/sh\necho hello\n", 21, t, sizeof t), "text/x-shellscript");
  assert_string_equal(detect("Halo, ini catatan biasa.\n", 25, t, sizeof t), "text/plain");
  const char csv[] = "nama,nip,unit\nBudi,1990,LPSE\nSiti,1991,ULP\n";
  assert_string_equal(detect(csv, sizeof csv - 1, t, sizeof t), "text/csv");
  const unsigned char jpg[] = { 0xff,0xd8,0xff,0xe0,0,0x10,'J','F','I','F',0,1,1,0,0,1,0,1,0,0 };
  assert_string_equal(detect(jpg, sizeof jpg, t, sizeof t), "image/jpeg");
}

/* The allowed types; a zip only under an Office name, text only under a text name. */
static void test_type_ok(void **state){
  UNUSED(state);
  /* a binary type under its own ending or none; under another a system runs it (cmd reads a .bat
  ** past its first line, mshta an .hta past what is not HTML) */
  assert_false(attach_type_ok("application/pdf", "x.exe"));
  assert_false(attach_type_ok("application/pdf", "surat.bat"));
  assert_false(attach_type_ok("application/pdf", "surat.hta."));   /* saved by Windows as surat.hta */
  assert_false(attach_type_ok("application/pdf", "surat.pdf.appref-ms"));
  assert_false(attach_type_ok("image/png", "gambar.html"));
  assert_true(attach_type_ok("image/jpeg", "foto.png"));   /* opened as a PNG, it runs nothing */
  assert_true(attach_type_ok("application/pdf", "Surat.PDF"));
  assert_true(attach_type_ok("application/pdf", "surat.pdf. "));
  assert_true(attach_type_ok("application/pdf", "surat"));
  assert_true(attach_type_ok("application/pdf", "Surat No. 12"));
  assert_true(attach_type_ok("application/pdf", "laporan v1.2"));
  assert_true(attach_type_ok("image/jpeg", "scan.jfif"));
  assert_true(attach_type_ok("image/jpeg", "IMG_0001.JPEG"));
  assert_true(attach_type_ok("image/png", "a.png"));
  assert_true(attach_type_ok("image/jpeg", "a.jpg"));
  assert_true(attach_type_ok("text/plain", "a.txt"));
  assert_true(attach_type_ok("text/csv", "a.csv"));
  assert_true(attach_type_ok("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.docx"));
  assert_true(attach_type_ok("application/zip", "Laporan.XLSX"));
  assert_false(attach_type_ok("application/zip", "a.zip"));
  assert_false(attach_type_ok("application/x-executable", "a.pdf"));
  assert_false(attach_type_ok("text/x-shellscript", "a.txt"));
  assert_false(attach_type_ok("text/html", "a.html"));
  /* text that looks plain but runs when opened under its name: refused */
  assert_false(attach_type_ok("text/plain", "evil.bat"));
  assert_false(attach_type_ok("text/plain", "evil.vbs"));
  assert_false(attach_type_ok("text/plain", "evil.ps1"));
  assert_false(attach_type_ok("text/plain", "catatan"));
  assert_true(attach_type_ok("text/plain", "CATATAN.TXT"));
  assert_false(attach_type_ok(0, "a.pdf"));
}

/* The names kept: the last path segment, no control characters, no broken UTF-8, bounded. */
static void test_clean_name(void **state){
  UNUSED(state);
  Arena a;
  arena_init(&a);
  assert_string_equal(attach_clean_name("C:\\Users\\budi\\surat.pdf", &a), "surat.pdf");
  assert_string_equal(attach_clean_name("../../etc/passwd", &a), "passwd");
  assert_string_equal(attach_clean_name("a\r\nb.txt", &a), "a__b.txt");
  assert_string_equal(attach_clean_name("bad\xff.txt", &a), "bad_.txt");
  assert_string_equal(attach_clean_name("Surat Permohonan – LPSE.pdf", &a), "Surat Permohonan – LPSE.pdf");
  assert_string_equal(attach_clean_name("..", &a), "lampiran");
  assert_string_equal(attach_clean_name("", &a), "lampiran");
  char longname[600];
  memset(longname, 'x', sizeof longname - 1);
  longname[sizeof longname - 1] = 0;
  assert_int_equal(strlen(attach_clean_name(longname, &a)), ATTACH_NAME_MAX);
  /* a name too long keeps its extension: the end of its stem is cut, never a character in two */
  memcpy(longname + 300, ".txt", 5);
  const char *z = attach_clean_name(longname, &a);
  assert_int_equal(strlen(z), ATTACH_NAME_MAX);
  assert_string_equal(z + ATTACH_NAME_MAX - 4, ".txt");
  assert_int_equal(attach_type_ok("text/plain", z), 1);
  char wide[700] = "";
  for(int i=0; i<200; i++) strcat(wide, "\xc3\xa9");   /* é, two bytes */
  strcat(wide, ".pdf");
  z = attach_clean_name(wide, &a);
  assert_int_equal(strlen(z), ATTACH_NAME_MAX - 1);        /* 125 é and .pdf: 254 bytes */
  assert_string_equal(z + strlen(z) - 6, "\xc3\xa9.pdf");
  /* no extension to keep (a dot far from the end, or none): the end is cut */
  memset(longname, 'x', sizeof longname - 1);
  longname[10] = '.';
  z = attach_clean_name(longname, &a);
  assert_int_equal(strlen(z), ATTACH_NAME_MAX);
  assert_int_equal(z[ATTACH_NAME_MAX - 1], 'x');
  arena_free(&a);
}

/* Adding: stored with its hash and type, listed, read back; refused types, sizes, empty files. */
static void test_add(void **state){
  Db *db = tempdb(state);
  Case *c = open_case(db);
  Arena a;
  arena_init(&a);
  Attachment x, y;
  Err e = {0};
  assert_int_equal(attach_add(db, &admin, c, "permohonan.pdf", pdf, sizeof pdf - 1, 1<<20, &x, &a, &e), OK);
  assert_string_equal(x.mime, "application/pdf");
  char h[65];
  util_sha256_hex(h, pdf, sizeof pdf - 1);
  assert_string_equal(x.sha256, h);
  assert_int_equal(x.size, sizeof pdf - 1);
  /* a PNG sent under a PDF's name is still a PNG */
  assert_int_equal(attach_add(db, &admin, c, "tangkapan.pdf", png, sizeof png, 1<<20, &y, &a, &e), OK);
  assert_string_equal(y.mime, "image/png");

  unsigned char ex[256];
  elf(ex, sizeof ex);
  assert_int_equal(attach_add(db, &admin, c, "invoice.pdf", ex, sizeof ex, 1<<20, &y, &a, &e), ERR_TYPE);
  assert_string_equal(e.field, "file");
  assert_non_null(strstr(y.mime, "application/x-"));
  assert_int_equal(attach_add(db, &admin, c, "run.txt", "#!/bin/sh\nrm -rf /\n", 19, 1<<20, &y, &a, &e), ERR_TYPE);
  assert_string_equal(y.mime, "text/x-shellscript");
  /* the limit: exactly at it passes, one byte over is refused */
  assert_int_equal(attach_add(db, &admin, c, "a.pdf", pdf, sizeof pdf - 1, sizeof pdf - 2, &y, &a, &e), ERR_TOOBIG);
  assert_int_equal(attach_add(db, &admin, c, "a.pdf", pdf, sizeof pdf - 1, sizeof pdf - 1, &y, &a, &e), OK);
  assert_int_equal(attach_add(db, &admin, c, "kosong.txt", "", 0, 1<<20, &y, &a, &e), ERR_INVALID);

  Attachment *rows;
  int n;
  assert_int_equal(attach_list(db, c, &rows, &n, &a), OK);
  assert_int_equal(n, 3);
  assert_string_equal(rows[0].name, "permohonan.pdf");
  Buf data = BUF_INIT;
  assert_int_equal(attach_get(db, c, x.id, &y, &data, &a), OK);
  assert_int_equal(data.n, sizeof pdf - 1);
  assert_memory_equal(data.z, pdf, data.n);
  buf_free(&data);
  assert_int_equal(attach_get(db, c, 9999, &y, 0, &a), ERR_NOTFOUND);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='case.attach'"), 3);
  arena_free(&a);
  case_free(c);
}

/* Notes: on the case or on a reached step; empty and unreached refused; audited. */
static void test_notes(void **state){
  Db *db = tempdb(state);
  Case *c = open_case(db);
  Arena a;
  arena_init(&a);
  Note x;
  Err e = {0};
  assert_int_equal(note_add(db, &admin, c, 0, "Penelepon diminta mengirim surat", &x, &a, &e), OK);
  assert_int_equal(note_add(db, &admin, c, 1, "Telepon diangkat", &x, &a, &e), OK);
  assert_int_equal(x.step_no, 1);
  assert_int_equal(note_add(db, &admin, c, 7, "Belum sampai", &x, &a, &e), ERR_INVALID);
  assert_string_equal(e.field, "step");
  assert_int_equal(note_add(db, &admin, c, 0, "  \n", &x, &a, &e), ERR_INVALID);
  assert_string_equal(e.field, "body");
  Note *rows;
  int n;
  assert_int_equal(note_list(db, c, &rows, &n, &a), OK);
  assert_int_equal(n, 2);
  assert_int_equal(rows[0].step_no, 0);
  assert_string_equal(rows[1].body, "Telepon diangkat");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='case.note'"), 2);
  arena_free(&a);
  case_free(c);
}

/* Run the attachment tests. */
int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sha256),
    cmocka_unit_test(test_detect),
    cmocka_unit_test(test_type_ok),
    cmocka_unit_test(test_clean_name),
    cmocka_unit_test_setup_teardown(test_add, setup, teardown),
    cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
  };
  int rc = cmocka_run_group_tests(tests, 0, 0);
  attach_shutdown();
  return rc;
}
