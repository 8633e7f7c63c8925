/*
** test_fmt.c — the escaping printf engine: %h %t %j %J %R, and the ordinary
** conversions it hands to the C library.
*/
#include "unit.h"

static Buf out_buf = BUF_INIT;

/* Format into the shared buffer, emptied first; the text stays valid until the next call. */
static const char *F(const char *fmt, ...){
  va_list ap;
  buf_reset(&out_buf);
  va_start(ap, fmt);
  fmt_vappend(&out_buf, fmt, ap);
  va_end(ap);
  return buf_str(&out_buf);
}

/* ---- %h: HTML ---- */

/* The five characters that matter in HTML text and attributes become entities. */
static void test_html_escapes_the_five_special_characters(void **state){
  assert_string_equal(F("<p>%h</p>", "<a href=\"x\">Tom & Jerry's</a>"),
                      "<p>&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;</p>");
}

/* Plain text and Indonesian/UTF-8 text pass through unchanged. */
static void test_html_leaves_ordinary_text_alone(void **state){
  assert_string_equal(F("%h", "Surat Keterangan — Jl. Merdeka No. 5"),
                      "Surat Keterangan — Jl. Merdeka No. 5");
}

/* An already escaped entity is escaped again: %h never trusts its input. */
static void test_html_escapes_an_entity_again(void **state){
  assert_string_equal(F("%h", "&amp;"), "&amp;amp;");
}

/* A missing value renders as nothing, not "(null)". */
static void test_null_text_renders_empty(void **state){
  assert_string_equal(F("[%h|%t|%j|%R|%s]", NULL, NULL, NULL, NULL, NULL), "[||||]");
}

/* ---- %t: URL component ---- */

/* Characters with a meaning in a URL are percent-encoded. */
static void test_url_encodes_reserved_characters(void **state){
  assert_string_equal(F("/kasus/%t", "a b/c?d&e=f#g%"), "/kasus/a%20b%2Fc%3Fd%26e%3Df%23g%25");
}

/* Unreserved characters stay as they are. */
static void test_url_keeps_unreserved_characters(void **state){
  assert_string_equal(F("%t", "AZaz09-_.~"), "AZaz09-_.~");
}

/* Each byte of a non-ASCII UTF-8 character is encoded, in upper-case hex. */
static void test_url_encodes_utf8_bytes(void **state){
  assert_string_equal(F("%t", "Bogor é"), "Bogor%20%C3%A9");
}

/* ---- %j and %J: JSON ---- */

/* Quotes and backslashes are escaped inside a JSON string. */
static void test_json_escapes_quote_and_backslash(void **state){
  assert_string_equal(F("{\"s\":\"%j\"}", "say \"hi\" C:\\x"), "{\"s\":\"say \\\"hi\\\" C:\\\\x\"}");
}

/* Control characters use their short escapes or \u00XX. */
static void test_json_escapes_control_characters(void **state){
  assert_string_equal(F("%j", "a\nb\tc\rd\001e\037f\177"),
                      "a\\nb\\tc\\rd\\u0001e\\u001ff\\u007f");
}

/* U+2028 and U+2029 are escaped (they end a JavaScript string literal). */
static void test_json_escapes_line_and_paragraph_separators(void **state){
  assert_string_equal(F("%j", "x\xE2\x80\xA8y\xE2\x80\xA9"), "x\\u2028y\\u2029");
}

/* Other UTF-8 text, including a neighbour of U+2028, passes through. */
static void test_json_keeps_other_utf8(void **state){
  assert_string_equal(F("%j", "Dinas \xE2\x80\xA6 Kota \xC3\xA9"), "Dinas \xE2\x80\xA6 Kota \xC3\xA9");
}

/* Bytes that are not well-formed UTF-8 (stray, overlong, surrogate, cut short) become U+FFFD;
** 4-byte characters pass: the JSON sent is valid whatever was stored. */
static void test_json_replaces_malformed_utf8(void **state){
  assert_string_equal(F("%j", "a\xff" "b"), "a\\ufffdb");
  assert_string_equal(F("%j", "x\xc3\x28y"), "x\\ufffd(y");
  assert_string_equal(F("%j", "\xc0\xaf"), "\\ufffd\\ufffd");
  assert_string_equal(F("%j", "\xed\xa0\x80"), "\\ufffd\\ufffd\\ufffd");
  assert_string_equal(F("%j", "end\xe2\x82"), "end\\ufffd\\ufffd");
  assert_string_equal(F("%j", "\xf0\x9f\x99\x82 ok \xe2\x82\xac"), "\xf0\x9f\x99\x82 ok \xe2\x82\xac");
  assert_int_equal(util_utf8_bad_line("satu\ndua\nti\xffga", 13), 3);
  assert_int_equal(util_utf8_bad_line("satu\ndua", 8), 0);
}

/* A precision never cuts a character in two: it stops before the character that does not fit. */
static void test_precision_keeps_characters_whole(void **state){
  UNUSED(state);
  assert_string_equal(F("%.3s|", "a\xE2\x86\x92" "b"), "a|");
  assert_string_equal(F("%.4s|", "a\xE2\x86\x92" "b"), "a\xE2\x86\x92|");
  assert_string_equal(F("%.1s|", "\xC3\xA9"), "|");
  assert_string_equal(F("%.2h|", "\xC3\xA9x"), "\xC3\xA9|");
  assert_int_equal(util_utf8_whole("ab\xF0\x9F\x99", 5), 2);
  assert_int_equal(util_utf8_whole("ab\xF0\x9F\x99\x82", 6), 6);
  assert_int_equal(util_utf8_whole("ab\xC3", 3), 2);
  assert_int_equal(util_utf8_whole("abc", 3), 3);
  assert_int_equal(util_utf8_whole("", 0), 0);
}

/* Thousands grouped as each language writes them; the sign kept; the smallest number whole. */
static void test_thousands_by_language(void **state){
  UNUSED(state);
  char b[32];
  util_thousands(b, sizeof b, 1500000, 0); assert_string_equal(b, "1.500.000");
  util_thousands(b, sizeof b, 1500000, 1); assert_string_equal(b, "1,500,000");
  util_thousands(b, sizeof b, 999, 0); assert_string_equal(b, "999");
  util_thousands(b, sizeof b, 1000, 0); assert_string_equal(b, "1.000");
  util_thousands(b, sizeof b, 0, 1); assert_string_equal(b, "0");
  util_thousands(b, sizeof b, -2500, 0); assert_string_equal(b, "-2.500");
  util_thousands(b, sizeof b, INT64_MIN, 1); assert_string_equal(b, "-9,223,372,036,854,775,808");
  util_thousands(b, 6, 1234567, 0); assert_string_equal(b, "1.234");   /* cut to the space given */
}

/* %J adds the quotes, and writes null for a missing value. */
/* err_check_text: an optional text of blanks is nothing given, but where one line of plain text
** is asked its blanks cannot be line breaks or tabs, and they are no more than the field's
** length, nor carriage returns that end no line where lines are allowed (found by fuzz/fuzz_text.c). */
static void test_check_text_blank_lines(void **state){
  (void)state;
  Err e = {0};
  assert_int_equal(err_check_text(&e, "f", 0, 10, 0), OK);
  assert_int_equal(err_check_text(&e, "f", "", 10, 0), OK);
  assert_int_equal(err_check_text(&e, "f", "  ", 10, 0), OK);
  assert_int_equal(err_check_text(&e, "f", "\r\n", 10, TEXT_LINES), OK);
  assert_null(e.msg);
  assert_int_equal(err_check_text(&e, "f", "\r\n", 10, 0), ERR_INVALID);
  assert_string_equal(e.msg, "Only one line of plain text is allowed here");
  Err r = {0};
  assert_int_equal(err_check_text(&r, "f", " \t", 10, TEXT_REQUIRED), ERR_INVALID);
  assert_string_equal(r.msg, "This field is required");
  Err l = {0};   /* nor more blanks than the field's length */
  assert_int_equal(err_check_text(&l, "f", "\r\r\r\r", 3, TEXT_LINES), ERR_INVALID);
  assert_string_equal(l.msg, "This field is too long: at most %d characters");
  assert_int_equal(l.n, 3);
  Err c = {0};   /* where lines are allowed, carriage returns that end no line are control characters */
  assert_int_equal(err_check_text(&c, "f", "\r\r\r", 10, TEXT_LINES), ERR_INVALID);
  assert_string_equal(c.msg, "This field holds a control character");
  Err ok = {0};
  assert_int_equal(err_check_text(&ok, "f", " \r\n\t\n", 10, TEXT_LINES), OK);
}

/* An error that says a number (a limit) carries it: set, added, merged, found, prefixed and
** renamed with its message; said with it in both languages; an error without one says none. */
static void test_err_number(void **state){
  (void)state;
  Err e = {0};
  assert_int_equal(err_check_text(&e, "subject", "abcdef", 5, TEXT_REQUIRED), ERR_INVALID);
  assert_int_equal(e.n, 5);
  err_add(&e, "name", "This field is required");
  err_add_n(&e, "body", "This field is too long: at most %d characters", 4000);
  err_add_n(&e, "body", "is too long: at most %d characters", 9);   /* a field named keeps its first */
  assert_int_equal(err_count(&e), 3);
  assert_int_equal(err_item(&e, 0).n, 5);
  assert_int_equal(err_item(&e, 1).n, 0);
  assert_int_equal(err_item(&e, 2).n, 4000);
  Err all = {0};
  err_add(&all, "x", "is required");
  err_merge(&all, &e);
  assert_int_equal(err_count(&all), 4);
  assert_int_equal(err_find(&all, "subject").n, 5);
  assert_int_equal(err_find(&all, "body").n, 4000);
  assert_null(err_find(&all, "nothing").msg);
  assert_string_equal(err_about(&all, "subject"), "This field is too long: at most %d characters");
  Arena a;
  arena_init(&a);
  err_prefix(&all, "case.", 0, &a);
  err_rename(&all, "case.subject", "title");
  assert_int_equal(err_find(&all, "title").n, 5);
  assert_int_equal(err_find(&all, "case.body").n, 4000);
  arena_free(&a);
  Err one = {0};
  err_set_n(&one, "q", "is too long: at most %d characters", 128);
  err_set(&one, "q", "is required");   /* a new error says no number of the old one */
  assert_int_equal(one.n, 0);
  /* said with the number, in Indonesian and in English; without one as it is */
  char err[256] = "";
  assert_int_equal(i18n_load(err, sizeof err), OK);
  char buf[128];
  const char *msg = "This field is too long: at most %d characters";
  assert_string_equal(err_fill(i18n_get("id", msg), 200, 0, buf, sizeof buf), "Isian ini terlalu panjang: paling banyak 200 karakter");
  assert_string_equal(err_fill(i18n_get("en", msg), 200, 0, buf, sizeof buf), "This field is too long: at most 200 characters");
  assert_string_equal(err_fill(i18n_get("id", "is too long: at most %d characters"), 64, 0, buf, sizeof buf),
                      "terlalu panjang: paling banyak 64 karakter");
  Err longer = {0};
  err_set_n(&longer, "body", "is longer than %d characters", 800);
  assert_string_equal(err_en(&longer), "is longer than 800 characters");
  assert_string_equal(err_fill("100% sure", 0, 0, buf, sizeof buf), "100% sure");   /* no number: as it is */
  assert_string_equal(err_fill("no number here", 7, 0, buf, sizeof buf), "no number here");
  char tiny[12];   /* cut, never past the buffer */
  assert_string_equal(err_fill(msg, 200, 0, tiny, sizeof tiny), "This field ");
}

/* The text an error names (its "%s"): kept in the error (the caller's string may go), said in the
** reader's language, put in place in one pass (its own "%d" and "%s" stay as written), cut on a
** character's boundary when too long, escaped by the printf engine like any message. */
static void test_err_text(void **state){
  (void)state;
  char err[256] = "";
  assert_int_equal(i18n_load(err, sizeof err), OK);
  const char *msg = "The procedure %s is retired: no new case can be opened under it";
  Err e = {0};
  char name[64];
  snprintf(name, sizeof name, "%s", "OI-02 (Layanan Helpdesk)");
  err_set_s_en(&e, "sop", msg, name, "OI-02 (Help desk service)");
  memset(name, 'x', sizeof name - 1);   /* the caller's text gone: the error keeps its own */
  ErrItem it = err_item(&e, 0);
  assert_string_equal(err_arg(&it, "id"), "OI-02 (Layanan Helpdesk)");
  assert_string_equal(err_arg(&it, "en"), "OI-02 (Help desk service)");
  assert_string_equal(err_en(&e), "The procedure OI-02 (Help desk service) is retired: no new case can be opened under it");
  char buf[512];
  assert_string_equal(err_fill(i18n_get("id", msg), 0, err_arg(&it, "id"), buf, sizeof buf),
                      "Prosedur OI-02 (Layanan Helpdesk) dinonaktifkan: tidak ada kasus baru yang dapat dibuka dengannya");
  /* one form only: the same in both languages; a new error says no text of the old one */
  err_set_s(&e, "sop", msg, "BTG-017");
  it = err_item(&e, 0);
  assert_string_equal(err_arg(&it, "en"), "BTG-017");
  assert_string_equal(err_arg(&it, "id"), "BTG-017");
  err_set(&e, "sop", "is required");
  it = err_item(&e, 0);
  assert_null(err_arg(&it, "id"));
  assert_string_equal(err_en(&e), "is required");
  /* a message without "%s" keeps its "%s"-free form; a text's own "%d" and "%s" are not filled */
  assert_string_equal(err_fill("named %s, limit %d", 5, "a %d b %s", buf, sizeof buf), "named a %d b %s, limit 5");
  assert_string_equal(err_fill("no text here", 0, "x", buf, sizeof buf), "no text here");
  char tiny[10];
  assert_string_equal(err_fill("is %s", 0, "abcdefghij", tiny, sizeof tiny), "is abcdef");
  /* too long: cut before a character's continuation bytes, with "…", within ERR_ARG */
  char lng[400] = "";
  for(int i=0; i<150; i++) strcat(lng, "\xc3\xa9");   /* é, two bytes each: 300 bytes */
  err_set_s(&e, "sop", msg, lng);
  it = err_item(&e, 0);
  const char *t = err_arg(&it, "id");
  size_t n = strlen(t);
  assert_true(n < ERR_ARG);
  assert_true(n > 100);
  assert_memory_equal(t + n - 3, "\xe2\x80\xa6", 3);
  assert_int_equal((n-3) % 2, 0);   /* whole characters only */
  err_set_s_en(&e, "sop", msg, lng, lng + 1);   /* both forms kept, each cut on its own */
  it = err_item(&e, 0);
  assert_true(strlen(err_arg(&it, "id")) < ERR_ARG/2);
  assert_memory_equal(err_arg(&it, "en"), "\xa9", 1);   /* as given (the caller's cut), then cut on a boundary */
  assert_true(strlen(err_arg(&it, "id")) + strlen(err_arg(&it, "en")) + 2 <= ERR_ARG);
  /* carried by err_add and err_merge, each error its own text */
  Err all = {0}, sub = {0};
  err_add(&all, "subject", "is required");
  err_add_s(&sub, "sop", msg, "OI-01 (Verifikasi)", "OI-01 (Verification)");
  err_merge(&all, &sub);
  assert_int_equal(err_count(&all), 2);
  it = err_find(&all, "sop");
  assert_string_equal(err_arg(&it, "en"), "OI-01 (Verification)");
  it = err_find(&all, "subject");
  assert_null(err_arg(&it, "en"));
  /* escaped where the words are written: HTML and JSON */
  err_set_s(&e, "sop", msg, "<b>\"A&B\"</b>");
  const char *said = F("<p>%h</p>{\"m\":%J}", err_en(&e), err_en(&e));
  assert_non_null(strstr(said, "<p>The procedure &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; is retired"));
  assert_non_null(strstr(said, "{\"m\":\"The procedure <b>\\\"A&B\\\"</b> is retired"));
}

/* err_check_text, the one check of typed text: one line refuses every control character (a line
** break, a tab, an escape, DEL, a C1), lines take line breaks and tabs only; text that is not
** UTF-8 is refused either way; each error names the field. */
static void test_check_text_controls(void **state){
  (void)state;
  static const char *const never[] = { "a\x1b" "b", "a\x7f" "b", "a\xc2\x85" "b", "a\x01", "a\rb", "\x07" };
  for(size_t i=0; i<COUNT(never); i++){
    for(int how=0; how<=TEXT_LINES; how+=TEXT_LINES){
      Err e = {0};
      assert_int_equal(err_check_text(&e, "subject", never[i], 100, how), ERR_INVALID);
      assert_string_equal(e.field, "subject");
      assert_string_equal(e.msg, "This field holds a control character");
    }
  }
  static const char *const lines[] = { "a\nb", "a\r\nb", "a\tb" };
  for(size_t i=0; i<COUNT(lines); i++){
    Err one = {0}, many = {0};
    assert_int_equal(err_check_text(&one, "name", lines[i], 100, TEXT_REQUIRED), ERR_INVALID);
    assert_string_equal(one.msg, "Only one line of plain text is allowed here");
    assert_int_equal(err_check_text(&many, "note", lines[i], 100, TEXT_LINES), OK);
    assert_null(many.msg);
  }
  static const char *const notutf8[] = { "a\xff", "\xc3", "a\xc3(", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80" };
  for(size_t i=0; i<COUNT(notutf8); i++){
    Err e = {0}, l = {0};
    assert_int_equal(err_check_text(&e, "name", notutf8[i], 100, 0), ERR_INVALID);
    assert_string_equal(e.msg, "This field is not UTF-8 text");
    assert_int_equal(err_check_text(&l, "note", notutf8[i], 100, TEXT_LINES), ERR_INVALID);
    assert_string_equal(l.field, "note");
  }
  Err ok = {0};
  assert_int_equal(err_check_text(&ok, "name", "Budi \xe2\x80\x94 Dinas PU", 100, TEXT_REQUIRED), OK);
  assert_null(ok.msg);
}

static void test_json_quoted_and_null(void **state){
  assert_string_equal(F("{\"a\":%J,\"b\":%J}", "x\"y", NULL), "{\"a\":\"x\\\"y\",\"b\":null}");
}

/* An empty string is "" in JSON, not null. */
static void test_json_empty_string_is_not_null(void **state){
  assert_string_equal(F("%J", ""), "\"\"");
}

/* ---- %R and %s ---- */

/* %R writes trusted markup exactly as given. */
static void test_raw_markup_is_not_escaped(void **state){
  assert_string_equal(F("<div>%R</div>", "<b>&amp;</b>"), "<div><b>&amp;</b></div>");
}

/* %s pads to a width, on the left or (with '-') on the right. */
static void test_text_width_pads(void **state){
  assert_string_equal(F("[%6s|%-6s]", "ab", "cd"), "[    ab|cd    ]");
}

/* A width shorter than the text does not cut it. */
static void test_text_width_never_truncates(void **state){
  assert_string_equal(F("[%2s]", "Jakarta"), "[Jakarta]");
}

/* A precision limits how many bytes of the text are used. */
static void test_text_precision_limits_length(void **state){
  assert_string_equal(F("%.3s|%.*s", "abcdef", 2, "xyz"), "abc|xy");
}

/* A precision counts bytes of the input, before escaping. */
static void test_precision_applies_before_html_escaping(void **state){
  assert_string_equal(F("%.*h", 3, "<a>bcd"), "&lt;a&gt;");
}

/* ---- numbers and the rest ---- */

/* Signed and unsigned integers of every length. */
static void test_integers(void **state){
  assert_string_equal(F("%d %i %u", -42, 7, 4000000000u), "-42 7 4000000000");
  assert_string_equal(F("%lld", (long long)9007199254740993LL), "9007199254740993");
  assert_string_equal(F("%lld", (long long)INT64_MIN), "-9223372036854775808");
  assert_string_equal(F("%ld", -123456789L), "-123456789");
  assert_string_equal(F("%zu", (size_t)1234567890123u), "1234567890123");
}

/* Hexadecimal, octal, zero padding and a width given as an argument. */
static void test_integer_bases_and_padding(void **state){
  assert_string_equal(F("%x %X %o", 255, 255, 8), "ff FF 10");
  assert_string_equal(F("%05d|%-4d|%+d", 42, 7, 3), "00042|7   |+3");
  assert_string_equal(F("%*d|%.*d", 5, 42, 4, 7), "   42|0007");
}

/* Floating point with width, precision and zero padding. */
static void test_floating_point(void **state){
  assert_string_equal(F("%05.1f", 3.14159), "003.1");
  assert_string_equal(F("%.2f %.*f", 2.5, 3, 1.0), "2.50 1.000");
}

/* A character and a literal percent sign. */
static void test_char_and_percent(void **state){
  assert_string_equal(F("%c%c 100%%", 'O', 'K'), "OK 100%");
}

/* An unknown conversion is written as it stands, so the mistake shows. */
static void test_unknown_conversion_is_left_visible(void **state){
  assert_string_equal(F("a%qb %5yc", 1), "a%qb %5yc");
}

/* A lone '%' at the end of a format is a mistake too, and stays visible. */
static void test_lone_percent_at_end_is_left_visible(void **state){
  assert_string_equal(F("diskon 100%"), "diskon 100%");
  assert_string_equal(F("n=%l"), "n=%l");
}

/* Arguments after escaped text still line up with their conversions. */
static void test_mixed_conversions_keep_arguments_in_order(void **state){
  assert_string_equal(F("<a href=\"/kasus/%t\">%h</a> %d %J", "K 1", "<x>", 5, "q"),
                      "<a href=\"/kasus/K%201\">&lt;x&gt;</a> 5 \"q\"");
}

/* A number wider than the engine's scratch space is still written whole. */
static void test_wide_number_is_written_whole(void **state){
  const char *s = F("%200d", 7);
  assert_int_equal(strlen(s), 200);
  assert_int_equal(s[199], '7');
  assert_int_equal(s[0], ' ');
}

/* ---- long inputs ---- */

/* 100 KB of text to escape goes through the buffer's growth intact. */
static void test_long_html_input_grows_the_buffer(void **state){
  size_t n = 100*1024;
  char *z = malloc(n+1);
  assert_non_null(z);
  for(size_t i=0; i<n; i++) z[i] = (i%2) ? '<' : 'a';
  z[n] = 0;
  const char *s = F("[%h]", z);
  assert_int_equal(strlen(s), 2 + n/2 + (n/2)*4);
  assert_memory_equal(s, "[a&lt;a&lt;", 11);
  assert_memory_equal(s + strlen(s) - 5, "&lt;]", 5);
  free(z);
}

/* 100 KB through %s, %j and %t keeps every byte in place. */
static void test_long_inputs_for_every_text_conversion(void **state){
  size_t n = 100*1024;
  char *z = malloc(n+1);
  assert_non_null(z);
  for(size_t i=0; i<n; i++) z[i] = (char)('a' + i%26);
  z[n] = 0;
  assert_string_equal(F("%s", z), z);
  assert_string_equal(F("%j", z), z);
  assert_string_equal(F("%t", z), z);
  for(size_t i=0; i<n; i++) z[i] = ' ';
  const char *s = F("%t", z);
  assert_int_equal(strlen(s), 3*n);
  assert_memory_equal(s + 3*(n-1), "%20", 3);
  free(z);
}

static int group_teardown(void **state){
  buf_free(&out_buf);
  return 0;
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_html_escapes_the_five_special_characters),
    cmocka_unit_test(test_thousands_by_language),
    cmocka_unit_test(test_html_leaves_ordinary_text_alone),
    cmocka_unit_test(test_html_escapes_an_entity_again),
    cmocka_unit_test(test_null_text_renders_empty),
    cmocka_unit_test(test_url_encodes_reserved_characters),
    cmocka_unit_test(test_url_keeps_unreserved_characters),
    cmocka_unit_test(test_url_encodes_utf8_bytes),
    cmocka_unit_test(test_json_escapes_quote_and_backslash),
    cmocka_unit_test(test_json_escapes_control_characters),
    cmocka_unit_test(test_json_escapes_line_and_paragraph_separators),
    cmocka_unit_test(test_json_keeps_other_utf8),
    cmocka_unit_test(test_json_replaces_malformed_utf8),
    cmocka_unit_test(test_json_quoted_and_null),
    cmocka_unit_test(test_precision_keeps_characters_whole),
    cmocka_unit_test(test_json_empty_string_is_not_null),
    cmocka_unit_test(test_raw_markup_is_not_escaped),
    cmocka_unit_test(test_text_width_pads),
    cmocka_unit_test(test_text_width_never_truncates),
    cmocka_unit_test(test_text_precision_limits_length),
    cmocka_unit_test(test_precision_applies_before_html_escaping),
    cmocka_unit_test(test_integers),
    cmocka_unit_test(test_integer_bases_and_padding),
    cmocka_unit_test(test_floating_point),
    cmocka_unit_test(test_char_and_percent),
    cmocka_unit_test(test_unknown_conversion_is_left_visible),
    cmocka_unit_test(test_lone_percent_at_end_is_left_visible),
    cmocka_unit_test(test_mixed_conversions_keep_arguments_in_order),
    cmocka_unit_test(test_wide_number_is_written_whole),
    cmocka_unit_test(test_long_html_input_grows_the_buffer),
    cmocka_unit_test(test_long_inputs_for_every_text_conversion),
    cmocka_unit_test(test_check_text_blank_lines),
    cmocka_unit_test(test_err_number),
    cmocka_unit_test(test_err_text),
    cmocka_unit_test(test_check_text_controls),
  };
  return cmocka_run_group_tests_name("fmt", tests, NULL, group_teardown);
}
