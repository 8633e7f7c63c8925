/*
** test_csv.c — the one CSV reader of the imports (directory, national blacklist,
** holidays): quotes, CRLF, a byte-order mark, the separator a spreadsheet chose, '#'
** comments, trimmed fields, and the file line of every row and of every fault.
*/
#include "unit.h"
#include "../../src/report/csv.h"

static Arena arena;
static CsvRow *rows;
static int nrows, errline;
static const char *error;

/* Parse text with flags: the rows in rows and nrows, a fault in error and errline. */
static int parse(const char *text, int flags){
  return csv_parse(text, strlen(text), flags, &rows, &nrows, &arena, &error, &errline);
}

/* A fresh arena for each test. */
static int setup(void **state){
  (void)state;
  arena_init(&arena);
  return 0;
}

/* Its memory back. */
static int teardown(void **state){
  (void)state;
  arena_free(&arena);
  return 0;
}

/* RFC 4180: separators and doubled quotes inside quotes, CRLF, a BOM, a line break inside
** quotes (the next row then begins a line later). */
static void test_csv_quotes(void **state){
  (void)state;
  const char *t = "\xEF\xBB\xBFname,note\r\n\"Rudi, S.T.\",\"kata \"\"ok\"\"\"\r\nAni,\"dua\nbaris\"\r\nBudi,x\r\n";
  assert_int_equal(parse(t, 0), OK);
  assert_int_equal(nrows, 4);
  assert_string_equal(rows[0].f[0], "name");
  assert_string_equal(rows[1].f[0], "Rudi, S.T.");
  assert_string_equal(rows[1].f[1], "kata \"ok\"");
  assert_string_equal(rows[2].f[1], "dua\nbaris");
  assert_int_equal(rows[2].line, 3);
  assert_string_equal(rows[3].f[0], "Budi");
  assert_int_equal(rows[3].line, 5);
}

/* A spreadsheet set to Indonesian saves ';': seen from the first line of data, commas inside
** quotes not counted; a blank line is a row without fields that keeps its line. */
static void test_csv_semicolons(void **state){
  (void)state;
  const char *t = "name;nip\nBudi;1970\n\nAni;1980";
  assert_int_equal(parse(t, 0), OK);
  assert_int_equal(nrows, 4);
  assert_int_equal(rows[1].n, 2);
  assert_string_equal(rows[1].f[1], "1970");
  assert_null(rows[2].f);
  assert_int_equal(rows[2].line, 3);
  assert_string_equal(rows[3].f[0], "Ani");
  assert_int_equal(rows[3].line, 4);
  const char *q = "2026-12-24;\"Natal, cuti\";cuti_bersama\n2026-12-25;Natal;national\n";
  assert_int_equal(parse(q, 0), OK);
  assert_int_equal(rows[0].n, 3);
  assert_string_equal(rows[0].f[1], "Natal, cuti");
  const char *c = "date,name\n2026-12-25,Natal; cuti\n";   /* a comma file with a semicolon in a name */
  assert_int_equal(parse(c, 0), OK);
  assert_int_equal(rows[1].n, 2);
  assert_string_equal(rows[1].f[1], "Natal; cuti");
}

/* A sheet saved as tab-separated text (or its cells pasted into a text file): tabs when the
** first line of data has tabs and no commas nor semicolons; a comma file keeps a tab in a field. */
static void test_csv_tabs(void **state){
  (void)state;
  const char *t = "Tanggal\tKeterangan\tJenis\r\n25/12/2028\tNatal, Hari Raya\tnasional\r\n26/12/2028\t Cuti Bersama \t\r\n";
  assert_int_equal(parse(t, CSV_TRIM), OK);
  assert_int_equal(nrows, 3);
  assert_int_equal(rows[1].n, 3);
  assert_string_equal(rows[1].f[1], "Natal, Hari Raya");
  assert_string_equal(rows[2].f[1], "Cuti Bersama");
  assert_string_equal(rows[2].f[2], "");
  const char *c = "name,note\nBudi,a\tb\n";
  assert_int_equal(parse(c, 0), OK);
  assert_int_equal(rows[1].n, 2);
  assert_string_equal(rows[1].f[1], "a\tb");
}

/* '#' comment lines (the holiday file opens with some) are rows without fields, do not decide
** the separator, and may hold what would not read as CSV; without CSV_COMMENTS they are data. A
** line of one cell (a sheet's title) does not decide the separator either. */
static void test_csv_comments(void **state){
  (void)state;
  const char *t = "# Libur, \"nasional\n  # kolom: date, name, kind\n\ndate;name;kind\n2026-01-01;Tahun Baru;national\n";
  assert_int_equal(parse(t, CSV_COMMENTS), OK);
  assert_int_equal(nrows, 5);
  assert_null(rows[0].f);
  assert_null(rows[1].f);
  assert_null(rows[2].f);
  assert_int_equal(rows[3].n, 3);
  assert_int_equal(rows[3].line, 4);
  assert_string_equal(rows[4].f[1], "Tahun Baru");
  assert_int_equal(rows[4].line, 5);
  const char *d = "# a\nname;nip\n";
  assert_int_equal(parse(d, 0), OK);
  assert_string_equal(rows[0].f[0], "# a");
  assert_int_equal(rows[1].n, 2);                       /* ';': a line of one cell does not decide */
  /* a sheet's title above its header, bare or with a comma in it when the cells are separated by ';' */
  const char *title = "DAFTAR PENYEDIA 2026\nNo;Nama;NPWP\n1;CV A;01.234.567.8-901.000\n";
  assert_int_equal(parse(title, 0), OK);
  assert_int_equal(rows[1].n, 3);
  assert_string_equal(rows[2].f[2], "01.234.567.8-901.000");
  /* a quoted cell's own lines belong to its record: a line of it holding ';' decides nothing (found
  ** by fuzz/fuzz_csv.c: the first line, read alone, was one cell, and the next said ';') */
  const char *cell = "\"Catatan\nNa;Kota\",Nama,NPWP\n\"a\",b,c\n";
  assert_int_equal(parse(cell, 0), OK);
  assert_int_equal(nrows, 2);
  assert_int_equal(rows[0].n, 3);
  assert_string_equal(rows[0].f[0], "Catatan\nNa;Kota");
  assert_string_equal(rows[1].f[2], "c");
  const char *one = "name\nBudi\nAni\n";                   /* one column throughout: ',' (none found) */
  assert_int_equal(parse(one, 0), OK);
  assert_int_equal(nrows, 3);
  assert_string_equal(rows[2].f[0], "Ani");
}

/* CSV_TRIM: blanks around fields and before an opening quote do not count, a line of blanks
** is blank; without it a quote after a blank is text, as RFC 4180 has it. */
static void test_csv_trim(void **state){
  (void)state;
  const char *t = " 2026-12-24 , \"Natal, cuti\" ,\tcuti_bersama \n   \n";
  assert_int_equal(parse(t, CSV_TRIM), OK);
  assert_int_equal(nrows, 2);
  assert_int_equal(rows[0].n, 3);
  assert_string_equal(rows[0].f[0], "2026-12-24");
  assert_string_equal(rows[0].f[1], "Natal, cuti");
  assert_string_equal(rows[0].f[2], "cuti_bersama");
  assert_null(rows[1].f);
  assert_int_equal(parse("a, \"b\"\n", 0), OK);
  assert_string_equal(rows[0].f[1], " \"b\"");
}

/* A fault names its line: an unclosed quote the line it opens on, after a quoted field that
** spans lines too; a NUL byte its own line. */
static void test_csv_fault_lines(void **state){
  (void)state;
  assert_int_equal(parse("name\n\"open", 0), ERR_INVALID);
  assert_string_equal(error, "a quoted field is not closed");
  assert_int_equal(errline, 2);
  const char *t = "name,note\nAni,\"dua\nbaris\"\nBudi,ok\nCici,\"tidak\nditutup\n";
  assert_int_equal(parse(t, 0), ERR_INVALID);
  assert_string_equal(error, "a quoted field is not closed");
  assert_int_equal(errline, 5);
  const char nul[] = "a,b\nc,d\ne\0f\n";
  assert_int_equal(csv_parse(nul, sizeof nul - 1, 0, &rows, &nrows, &arena, &error, &errline), ERR_INVALID);
  assert_string_equal(error, "the file is not text");
  assert_int_equal(errline, 3);
}

/* A byte-order mark is the file's only at its very start: a U+FEFF anywhere else (a second
** mark, one beginning a later line or a field) is text, kept; a field beginning with one that
** the export writes first comes back whole (quoted, so not taken for the file's mark). */
static void test_csv_bom_only_first(void **state){
  (void)state;
  assert_int_equal(parse("\xEF\xBB\xBF\xEF\xBB\xBF" "a,b\n\xEF\xBB\xBF" "c,d\xEF\xBB\xBF\n", 0), OK);
  assert_int_equal(nrows, 2);
  assert_string_equal(rows[0].f[0], "\xEF\xBB\xBF" "a");
  assert_string_equal(rows[1].f[0], "\xEF\xBB\xBF" "c");
  assert_string_equal(rows[1].f[1], "d\xEF\xBB\xBF");
  assert_int_equal(parse("\xEF\xBB\xBF\"x\",\"\xEF\xBB\xBF" "y\"\n", CSV_TRIM), OK);
  assert_string_equal(rows[0].f[0], "x");
  assert_string_equal(rows[0].f[1], "\xEF\xBB\xBF" "y");
  const char *const fields[] = { "\xEF\xBB\xBF" "Nama", "\xEF\xBB\xBF" };
  for(int bom=0; bom<2; bom++){
    Buf b = BUF_INIT;
    Csv c;
    csv_init(&c, &b);
    if( bom ) csv_bom(&c);
    for(size_t i=0; i<COUNT(fields); i++) csv_text(&c, fields[i]);
    csv_row(&c);
    assert_int_equal(parse(buf_str(&b), 0), OK);
    assert_int_equal(nrows, 1);
    assert_int_equal(rows[0].n, 2);
    for(size_t i=0; i<COUNT(fields); i++) assert_string_equal(rows[0].f[i], fields[i]);
    buf_free(&b);
  }
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_csv_quotes, setup, teardown),
    cmocka_unit_test_setup_teardown(test_csv_semicolons, setup, teardown),
    cmocka_unit_test_setup_teardown(test_csv_tabs, setup, teardown),
    cmocka_unit_test_setup_teardown(test_csv_comments, setup, teardown),
    cmocka_unit_test_setup_teardown(test_csv_trim, setup, teardown),
    cmocka_unit_test_setup_teardown(test_csv_fault_lines, setup, teardown),
    cmocka_unit_test_setup_teardown(test_csv_bom_only_first, setup, teardown),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
