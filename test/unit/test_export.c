/*
** test_export.c — the shared document writers: PDF text read back with
** pdftotext, a page rendered with pdftoppm and its QR code decoded with
** zbarimg, XLSX read back with python3 + openpyxl, CSV by RFC 4180.
*/
#include "unit.h"
#include "../../src/report/pdf.h"
#include "../../src/report/xlsx.h"
#include "../../src/report/csv.h"
#include "../../src/report/table.h"

/* Write a Buf to a fresh temporary file with a suffix; the path goes into out. */
static void write_temp(const Buf *b, const char *suffix, char *out, size_t n){
  const char *tmp = getenv("TMPDIR");
  snprintf(out, n, "%s/loket-export-XXXXXX%s", tmp && *tmp ? tmp : "/tmp", suffix);
  int fd = mkstemps(out, (int)strlen(suffix));
  assert_true(fd >= 0);
  assert_int_equal(write(fd, b->z, b->n), (ssize_t)b->n);
  close(fd);
}

/* Run a shell command and collect its standard output. */
static void run_capture(const char *cmd, Buf *out){
  FILE *f = popen(cmd, "r");
  assert_non_null(f);
  char chunk[4096];
  size_t k;
  while( (k = fread(chunk, 1, sizeof chunk, f))>0 ) buf_append(out, chunk, k);
  int st = pclose(f);
  if( st!=0 ) fail_msg("command failed (%d): %s\n%s", st, cmd, buf_str(out));
}

/* The text pdftotext finds in a PDF (pages separated by form feeds). */
static void pdf_to_text(const Buf *pdf, Buf *text, const char *opts){
  char path[300], cmd[800];
  write_temp(pdf, ".pdf", path, sizeof path);
  snprintf(cmd, sizeof cmd, "pdftotext %s '%s' - 2>&1", opts, path);
  run_capture(cmd, text);
  unlink(path);
}

/* Number of occurrences of needle in hay. */
static int count_of(const char *hay, const char *needle){
  int n = 0;
  for(const char *p = strstr(hay, needle); p; p = strstr(p+1, needle)) n++;
  return n;
}

/* A portrait PDF: its title, wrapped Indonesian text, a table across pages with the
** header on each page, and the foot line with page numbers read back as text. */
static void test_pdf_text_and_table_read_back(void **state){
  Buf out = BUF_INIT;
  Pdf *p = pdf_new(&out, PDF_PORTRAIT, "Laporan uji");
  assert_true(pdf_page_width(p) < pdf_page_height(p));
  assert_int_equal((int)(pdf_page_width(p)+0.5), 595);
  pdf_footer(p, "LPSE Uji — laporan kepatuhan");
  double h1 = pdf_para(p, 16, PDF_BOLD, "Laporan Kepatuhan Standar Pelayanan");
  assert_true(h1 > 16 && h1 < 30);
  /* narrow text wraps: more lines, more height, returned */
  const char *longtext = "Permohonan verifikasi penyedia diterima lengkap dan diteruskan kepada verifikator untuk diperiksa keasliannya.";
  double one = pdf_text_height(p, 2000, 10, 0, longtext);
  double wrapped = pdf_text_height(p, PDF_MM(50), 10, 0, longtext);
  assert_true(wrapped > 3*one);
  double drawn = pdf_text(p, pdf_left(p), pdf_y(p), PDF_MM(50), 10, 0, longtext);
  assert_true(drawn == wrapped);
  pdf_set_y(p, pdf_y(p) + drawn + 10);
  pdf_line(p, pdf_left(p), pdf_y(p), pdf_left(p)+pdf_content_width(p), pdf_y(p), 1);
  pdf_rect(p, pdf_left(p), pdf_y(p)+4, 40, 20, 0.5, 0xFFEEAA);
  pdf_set_y(p, pdf_y(p) + 30);
  static const PdfCol cols[] = { {"No", PDF_MM(12), PDF_RIGHT}, {"Nomor kasus", 0, 0}, {"Median (jam)", PDF_MM(30), PDF_RIGHT} };
  enum { ROWS = 120 };
  const char **cells = calloc(ROWS*3, sizeof *cells);
  char (*txt)[3][40] = calloc(ROWS, sizeof *txt);
  for(int r=0; r<ROWS; r++){
    snprintf(txt[r][0], 40, "%d", r+1);
    snprintf(txt[r][1], 40, "LPSE-2026-%06d", r+1);
    snprintf(txt[r][2], 40, "%d,5", r);
    for(int c=0; c<3; c++) cells[r*3+c] = txt[r][c];
  }
  int pages = pdf_table(p, cols, 3, cells, ROWS, 9);
  assert_true(pages >= 3);
  int last = pdf_page_no(p);
  assert_int_equal(pdf_finish(p), OK);
  assert_memory_equal(out.z, "%PDF-", 5);

  Buf text = BUF_INIT;
  pdf_to_text(&out, &text, "-layout");
  const char *t = buf_str(&text);
  assert_contains(t, "Laporan Kepatuhan Standar Pelayanan");
  assert_contains(t, "verifikator");
  assert_contains(t, "LPSE-2026-000001");
  assert_contains(t, "LPSE-2026-000120");
  assert_contains(t, "119,5");
  /* the header repeats on every page the table touched; every page has its foot line */
  assert_int_equal(count_of(t, "Nomor kasus"), pages);
  assert_int_equal(count_of(t, "LPSE Uji — laporan kepatuhan"), last);
  assert_int_equal(count_of(t, "\f"), last);
  buf_free(&text);

  /* the title is in the metadata */
  char path[300], cmd[400];
  write_temp(&out, ".pdf", path, sizeof path);
  snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
  Buf info = BUF_INIT;
  run_capture(cmd, &info);
  assert_contains(buf_str(&info), "Laporan uji");
  assert_contains(buf_str(&info), "A4");
  unlink(path);
  buf_free(&info);
  free(cells);
  free(txt);
  buf_free(&out);
}

/* A landscape page with a QR code: rendered to PNG by pdftoppm, zbarimg reads the code
** back; the PNG, placed in another PDF, keeps that PDF valid. */
static void test_pdf_landscape_qr_decodes(void **state){
  Buf out = BUF_INIT;
  Pdf *p = pdf_new(&out, PDF_LANDSCAPE, "QR");
  assert_true(pdf_page_width(p) > pdf_page_height(p));
  pdf_text(p, pdf_left(p), pdf_top(p), 0, 12, PDF_BOLD, "Tanda terima");
  const char *url = "https://lpse.example.go.id/kasus/LPSE-2026-000042";
  assert_int_equal(pdf_qr(p, pdf_left(p), pdf_top(p)+30, PDF_MM(40), url), OK);
  assert_int_equal(pdf_qr(p, 0, 0, 10, ""), ERR_INVALID);
  assert_int_equal(pdf_png(p, 0, 0, 10, 10, "not a png", 9), ERR_INVALID);
  assert_int_equal(pdf_finish(p), OK);

  char path[300], cmd[1400];
  write_temp(&out, ".pdf", path, sizeof path);
  char png[320];
  snprintf(png, sizeof png, "%s-page", path);
  snprintf(cmd, sizeof cmd, "pdftoppm -r 100 -png -singlefile '%s' '%s' && zbarimg -q --raw '%s.png' 2>/dev/null", path, png, png);
  Buf code = BUF_INIT;
  run_capture(cmd, &code);
  assert_contains(buf_str(&code), url);
  buf_free(&code);

  /* the rendered page is a PNG that pdf_png accepts */
  Buf img = BUF_INIT;
  char pngfile[340];
  snprintf(pngfile, sizeof pngfile, "%s.png", png);
  assert_int_equal(util_file_read(pngfile, &img), OK);
  Buf out2 = BUF_INIT;
  Pdf *p2 = pdf_new(&out2, PDF_PORTRAIT, 0);
  assert_int_equal(pdf_png(p2, 40, 40, 200, 150, img.z, img.n), OK);
  pdf_page(p2);
  pdf_para(p2, 10, 0, "Halaman kedua");
  assert_int_equal(pdf_finish(p2), OK);
  Buf text = BUF_INIT;
  pdf_to_text(&out2, &text, "");
  assert_contains(buf_str(&text), "Halaman kedua");
  assert_int_equal(count_of(buf_str(&text), "\f"), 2);
  unlink(pngfile);
  unlink(path);
  buf_free(&text);
  buf_free(&img);
  buf_free(&out2);
  buf_free(&out);
}

/* The python3 that has openpyxl (Debian's, when a pyenv shim shadows it). */
static const char *python(void){
  return access("/usr/bin/python3", X_OK)==0 ? "/usr/bin/python3" : "python3";
}

/* What a Python script prints about a workbook (it finds the workbook in `wb`, its first
** sheet in `ws`, after printing each row of the first sheet); the file is removed after. */
static void xlsx_read_back(const Buf *xlsx, const char *script, Buf *res){
  char path[300], cmd[2400];
  write_temp(xlsx, ".xlsx", path, sizeof path);
  snprintf(cmd, sizeof cmd, "%s - '%s' <<'PY'\n"
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "ws = wb.worksheets[0]\n"
    "for row in ws.iter_rows(values_only=True):\n"
    "    print(repr(row))\n"
    "%s\n"
    "PY", python(), path, script);
  run_capture(cmd, res);
  unlink(path);
}

/* A workbook with two sheets of typed columns, read back by openpyxl: values, types,
** the header row, dates in WIB, widths. */
static void test_xlsx_read_back_with_openpyxl(void **state){
  static const XlsxCol cols[] = {
    {"Nomor", XLSX_TEXT, 20}, {"Langkah", XLSX_INT, 0}, {"Median jam", XLSX_NUM, 0},
    {"Tanggal", XLSX_DATE, 0}, {"Masuk", XLSX_DATETIME, 0},
  };
  Xlsx *x = xlsx_new("WIB");
  assert_non_null(x);
  assert_int_equal(xlsx_sheet(x, "Kasus: November/2026", cols, 5), OK);
  int64_t t = unit_at("2026-11-20T14:30:00+07:00");
  xlsx_text(x, "LPSE-2026-000001"); xlsx_int(x, 4); xlsx_num(x, 2.5); xlsx_date(x, t); xlsx_date(x, t);
  xlsx_cell(x, "=SUM(A1)"); xlsx_cell(x, "12"); xlsx_cell(x, "0.25"); xlsx_cell(x, "2026-11-19T17:00:00Z"); xlsx_cell(x, "");
  xlsx_text(x, "Ümlaut — ñ"); xlsx_cell(x, "abc"); xlsx_blank(x); xlsx_blank(x); xlsx_blank(x);
  static const XlsxCol c2[] = { {"Prosedur", XLSX_TEXT, 0}, {"Jumlah", XLSX_INT, 0} };
  assert_int_equal(xlsx_sheet(x, "Rekap", c2, 2), OK);
  xlsx_text(x, "OI-01"); xlsx_int(x, 7);
  assert_int_equal(xlsx_sheet(x, "x", c2, 0), ERR_INVALID);
  Buf out = BUF_INIT;
  assert_int_equal(xlsx_finish(x, &out), OK);
  assert_memory_equal(out.z, "PK", 2);

  Buf res = BUF_INIT;
  xlsx_read_back(&out, "print('|'.join(wb.sheetnames))\n"
    "print('width', ws.column_dimensions['A'].width, 'frozen', ws.freeze_panes, 'bold', ws['A1'].font.b)\n"
    "print('filters', ws.auto_filter.ref, wb.worksheets[1].auto_filter.ref)\n"
    "print(repr(list(wb.worksheets[1].iter_rows(values_only=True))))", &res);
  const char *r = buf_str(&res);
  assert_contains(r, "Kasus_ November_2026|Rekap");
  assert_contains(r, "('Nomor', 'Langkah', 'Median jam', 'Tanggal', 'Masuk')");
  assert_contains(r, "('LPSE-2026-000001', 4, 2.5, datetime.datetime(2026, 11, 20, 0, 0), datetime.datetime(2026, 11, 20, 14, 30))");
  /* a formula-looking text stays text; 2026-11-19T17:00Z is midnight of the 20th in WIB */
  assert_contains(r, "('=SUM(A1)', 12, 0.25, datetime.datetime(2026, 11, 20, 0, 0), None)");
  assert_contains(r, "('Ümlaut — ñ', 'abc', None, None, None)");
  /* each sheet's autofilter spans its header row and every row under it */
  assert_contains(r, "filters A1:E4 A1:B2\n");
  assert_contains(r, "frozen A2 bold True");
  assert_contains(r, "[('Prosedur', 'Jumlah'), ('OI-01', 7)]");
  buf_free(&res);
  buf_free(&out);
}

/* CSV: commas, quotes and line breaks quoted, quotes doubled, CRLF records, formulas
** defused, numbers and WIB times plain. */
static void test_csv_follows_rfc4180(void **state){
  Buf out = BUF_INIT;
  Csv c;
  csv_init(&c, &out);
  csv_text(&c, "Nomor"); csv_text(&c, "Perihal"); csv_text(&c, "Jam"); csv_text(&c, "Median"); csv_text(&c, "Masuk");
  csv_row(&c);
  csv_text(&c, "LPSE-1"); csv_text(&c, "Akun \"PPK\", reset\nbaris dua"); csv_int(&c, -3); csv_num(&c, 2.25, 1);
  csv_date(&c, unit_at("2026-11-20T14:30:00+07:00"), "WIB");
  csv_row(&c);
  csv_text(&c, "=1+2"); csv_text(&c, 0); csv_text(&c, "-x,y"); csv_num(&c, 3, 0); csv_date(&c, 0, 0);
  csv_row(&c);
  /* a number given as text stays a number (its sign no formula); text that only starts like one is defused */
  csv_number_text(&c, "-3"); csv_number_text(&c, "2.5"); csv_number_text(&c, "-1+1"); csv_number_text(&c, "=2"); csv_number_text(&c, "");
  csv_row(&c);
  /* a semicolon quoted: a one-column row holding one is not read as two fields (found by fuzz/fuzz_csv.c) */
  csv_text(&c, "Ogan Ilir; Bogor");
  csv_row(&c);
  assert_string_equal(buf_str(&out),
    "Nomor,Perihal,Jam,Median,Masuk\r\n"
    "LPSE-1,\"Akun \"\"PPK\"\", reset\nbaris dua\",-3,2.2,2026-11-20 14:30\r\n"
    "'=1+2,,\"'-x,y\",3,\r\n"
    "-3,2.5,'-1+1,'=2,\r\n"
    "\"Ogan Ilir; Bogor\"\r\n");
  Buf bom = BUF_INIT;
  csv_init(&c, &bom);
  csv_bom(&c);
  csv_text(&c, "a");
  assert_memory_equal(bom.z, "\xEF\xBB\xBF" "a", 4);
  buf_free(&bom);
  buf_free(&out);
}

/* A report table with a day column: the PDF writes days as people do, in the table's language
** ("1 Desember 2026", "1 December 2026"), the CSV as ISO days; the "Total" row's label in the
** day column stays text in both. */
static void test_table_days_in_words_csv_iso(void **state){
  static const char *const langs[2][2] = { { "id", "1 Desember 2026" }, { "en", "1 December 2026" } };
  for(int i=0; i<2; i++){
    Arena a;
    arena_init(&a);
    RTable t;
    rtable_init(&t, &a, "Rekap telepon", "WITA", langs[i][0]);
    rtable_col(&t, "Hari", RT_DATE, 40);
    rtable_col(&t, "Jumlah", RT_INT, 0);
    rtable_time(&t, unit_at("2026-12-01T00:00:00+08:00")); rtable_int(&t, 4);
    rtable_time(&t, unit_at("2026-12-02T00:00:00+08:00")); rtable_int(&t, 0);
    rtable_text(&t, "Total"); rtable_int(&t, 4);
    Buf csv = BUF_INIT, pdf = BUF_INIT, text = BUF_INIT;
    assert_int_equal(rtable_csv(&t, &csv), OK);
    assert_string_equal(buf_str(&csv), "\xEF\xBB\xBFHari,Jumlah\r\n2026-12-01,4\r\n2026-12-02,0\r\nTotal,4\r\n");
    assert_int_equal(rtable_pdf(&t, &pdf), OK);
    pdf_to_text(&pdf, &text, "-layout");
    assert_contains(buf_str(&text), langs[i][1]);
    assert_contains(buf_str(&text), "Total");
    assert_null(strstr(buf_str(&text), "2026-12-01"));
    assert_null(strstr(buf_str(&text), "1970"));
    buf_free(&csv); buf_free(&pdf); buf_free(&text);
    arena_free(&a);
  }
}

/* The breaches' table in its PDF: a number's or a duration's column as wide as its widest cell,
** so "57 menit 51 detik" stays on one line under "Terlambat" (its 26 mm were too narrow). */
static void test_table_duration_on_one_line(void **state){
  Arena a;
  arena_init(&a);
  RTable t;
  rtable_init(&t, &a, "Pelanggaran standar waktu", "WIB", "id");
  rtable_col(&t, "Kasus", RT_TEXT, 40);
  rtable_col(&t, "Prosedur", RT_TEXT, 36);
  rtable_col(&t, "Langkah", RT_INT, 12);
  rtable_col(&t, "Petugas", RT_TEXT, 24);
  rtable_col(&t, "Mulai", RT_TIME, 0);
  rtable_col(&t, "Tenggat", RT_TIME, 0);
  rtable_col(&t, "Selesai", RT_TIME, 0);
  rtable_col(&t, "Terlambat", RT_INT, 26);
  static const char *const late[] = { "57 menit 51 detik", "5 hari 14 jam", "13 menit" };
  for(int i=0; i<3; i++){
    rtable_text(&t, "LPSE-2026-000001"); rtable_text(&t, "SOP 02/LPSE.OI/2012"); rtable_int(&t, 2); rtable_text(&t, "joko");
    rtable_time(&t, unit_at("2026-05-04T08:00:00+07:00")); rtable_time(&t, unit_at("2026-05-04T08:30:00+07:00"));
    rtable_time(&t, unit_at("2026-05-04T09:27:51+07:00")); rtable_text(&t, late[i]);
  }
  Buf pdf = BUF_INIT, text = BUF_INIT;
  assert_int_equal(rtable_pdf(&t, &pdf), OK);
  pdf_to_text(&pdf, &text, "-layout");
  for(int i=0; i<3; i++) assert_contains(buf_str(&text), late[i]);
  buf_free(&pdf); buf_free(&text);
  arena_free(&a);
}

/* A report table's workbook opens on its head: the title (bold), the office and period line,
** an empty row, then the header row (frozen below it) and the rows, numbers as numbers and
** days as dates; the Total row under them is outside the autofilter. */
static void test_table_xlsx_has_title_and_period(void **state){
  Arena a;
  arena_init(&a);
  RTable t;
  rtable_init(&t, &a, "Rekap telepon", "WIB", "id");
  rtable_line(&t, "LPSE Kabupaten Batang · 1 Desember 2026 – 2 Desember 2026");
  rtable_col(&t, "Hari", RT_DATE, 40);
  rtable_col(&t, "Jumlah", RT_INT, 0);
  rtable_col(&t, "Persen", RT_NUM, 0);
  rtable_time(&t, unit_at("2026-12-01T00:00:00+07:00")); rtable_int(&t, 4); rtable_num(&t, 66.7, 1);
  rtable_time(&t, unit_at("2026-12-02T00:00:00+07:00")); rtable_int(&t, 0); rtable_num(&t, 0, 1);
  rtable_total(&t);
  rtable_text(&t, "Total"); rtable_int(&t, 4); rtable_text(&t, "");
  Buf out = BUF_INIT;
  assert_int_equal(rtable_xlsx(&t, &out), OK);
  Buf res = BUF_INIT;
  xlsx_read_back(&out, "print('frozen', ws.freeze_panes, 'title bold', ws['A1'].font.b, 'head bold', ws['A4'].font.b,"
                       " 'filter', ws.auto_filter.ref)", &res);
  const char *r = buf_str(&res);
  assert_contains(r, "('Rekap telepon', None, None)\n"
                     "('LPSE Kabupaten Batang · 1 Desember 2026 – 2 Desember 2026', None, None)\n"
                     "(None, None, None)\n"
                     "('Hari', 'Jumlah', 'Persen')\n"
                     "(datetime.datetime(2026, 12, 1, 0, 0), 4, 66.7)\n"
                     "(datetime.datetime(2026, 12, 2, 0, 0), 0, 0)\n"
                     "('Total', 4, None)\n");
  /* the autofilter ends above the Total row: sorting keeps it under the rows it sums */
  assert_contains(r, "frozen A5 title bold True head bold True filter A4:C6\n");
  buf_free(&res);
  buf_free(&out);
  arena_free(&a);
}

/* A month column: "Mei 2026" in the PDF ("May 2026" in English), "2026-05" in the CSV, and in
** the workbook a real date (the month's first day, in the table's zone) shown as a month. */
static void test_table_months(void **state){
  static const char *const langs[2][2] = { { "id", "Mei 2026" }, { "en", "May 2026" } };
  for(int i=0; i<2; i++){
    Arena a;
    arena_init(&a);
    RTable t;
    rtable_init(&t, &a, "Rekap verifikasi", "WIT", langs[i][0]);
    rtable_col(&t, "Bulan", RT_MONTH, 30);
    rtable_col(&t, "Jumlah", RT_INT, 0);
    rtable_time(&t, unit_at("2026-05-01T00:00:00+09:00")); rtable_int(&t, 3);
    rtable_time(&t, unit_at("2026-06-01T00:00:00+09:00")); rtable_int(&t, 1);
    rtable_text(&t, "Total"); rtable_int(&t, 4);
    Buf csv = BUF_INIT, pdf = BUF_INIT, text = BUF_INIT, xlsx = BUF_INIT, res = BUF_INIT;
    assert_int_equal(rtable_csv(&t, &csv), OK);
    assert_string_equal(buf_str(&csv), "\xEF\xBB\xBF" "Bulan,Jumlah\r\n2026-05,3\r\n2026-06,1\r\nTotal,4\r\n");
    assert_int_equal(rtable_pdf(&t, &pdf), OK);
    pdf_to_text(&pdf, &text, "-layout");
    assert_contains(buf_str(&text), langs[i][1]);
    assert_null(strstr(buf_str(&text), "2026-05"));
    assert_int_equal(rtable_xlsx(&t, &xlsx), OK);
    xlsx_read_back(&xlsx, "print('format', ws['A4'].number_format, ws['A5'].number_format)", &res);
    assert_contains(buf_str(&res), "(datetime.datetime(2026, 5, 1, 0, 0), 3)\n"
                                   "(datetime.datetime(2026, 6, 1, 0, 0), 1)\n"
                                   "('Total', 4)\n");
    assert_contains(buf_str(&res), "format mmmm yyyy mmmm yyyy");
    buf_free(&csv); buf_free(&pdf); buf_free(&text); buf_free(&xlsx); buf_free(&res);
    arena_free(&a);
  }
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_pdf_text_and_table_read_back),
    cmocka_unit_test(test_pdf_landscape_qr_decodes),
    cmocka_unit_test(test_xlsx_read_back_with_openpyxl),
    cmocka_unit_test(test_csv_follows_rfc4180),
    cmocka_unit_test(test_table_days_in_words_csv_iso),
    cmocka_unit_test(test_table_duration_on_one_line),
    cmocka_unit_test(test_table_xlsx_has_title_and_period),
    cmocka_unit_test(test_table_months),
  };
  return cmocka_run_group_tests_name("export", tests, unit_group_setup, NULL);
}
