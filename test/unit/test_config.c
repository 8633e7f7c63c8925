/*
** test_config.c — loket.conf: defaults, every kind of setting, and errors that
** name the line.
*/
#include "unit.h"

static char err[600];

/* Parse text over fresh defaults into c; the error text (if any) is in err. */
static int parse(Config *c, const char *text){
  config_defaults(c);
  err[0] = 0;
  return config_parse(c, text, err, sizeof err);
}

/* A fresh data folder listens locally, speaks Indonesian and logs to stderr. */
static void test_defaults_are_safe_for_a_fresh_install(void **state){
  Config c;
  config_defaults(&c);
  assert_string_equal(c.listen, "127.0.0.1:8080");
  assert_int_equal(c.threads, 8);
  assert_int_equal(c.body_limit, 1024*1024);
  assert_int_equal(c.upload_limit, 10*1024*1024);
  assert_int_equal(c.session_idle_min, 60);
  assert_int_equal(c.session_max_hours, 12);
  assert_int_equal(c.login_delay_after, 3);
  assert_int_equal(c.login_lock_after, 5);
  assert_int_equal(c.login_addr_delay_after, 10);
  assert_int_equal(c.login_delay_max_s, 60);
  assert_int_equal(c.secure_cookies, 0);
  assert_int_equal(c.trust_proxy, 0);
  assert_string_equal(c.access_log, "-");
  assert_string_equal(c.default_lang, "id");
}

/* Empty text changes nothing. */
static void test_empty_file_keeps_defaults(void **state){
  Config c, d;
  config_defaults(&d);
  assert_int_equal(parse(&c, ""), OK);
  assert_memory_equal(&c, &d, sizeof c);
}

/* Every integer setting is read. */
static void test_integer_settings(void **state){
  Config c;
  assert_int_equal(parse(&c,
    "threads = 16\n"
    "session_idle_minutes = 30\n"
    "session_max_hours = 8\n"
    "login_delay_after = 2\n"
    "login_lock_after = 7\n"
    "login_addr_delay_after = 50\n"
    "login_delay_max_seconds = 0\n"), OK);
  assert_int_equal(c.threads, 16);
  assert_int_equal(c.session_idle_min, 30);
  assert_int_equal(c.session_max_hours, 8);
  assert_int_equal(c.login_delay_after, 2);
  assert_int_equal(c.login_lock_after, 7);
  assert_int_equal(c.login_addr_delay_after, 50);
  assert_int_equal(c.login_delay_max_s, 0);
}

/* Sizes take a K or M suffix, in either case, or plain bytes. */
static void test_size_settings_take_k_and_m_suffixes(void **state){
  Config c;
  assert_int_equal(parse(&c, "body_limit = 2M\nupload_limit = 512K\n"), OK);
  assert_int_equal(c.body_limit, 2*1024*1024);
  assert_int_equal(c.upload_limit, 512*1024);
  assert_int_equal(parse(&c, "body_limit = 64k\nupload_limit = 3m\n"), OK);
  assert_int_equal(c.body_limit, 64*1024);
  assert_int_equal(c.upload_limit, 3*1024*1024);
  assert_int_equal(parse(&c, "body_limit = 4096\n"), OK);
  assert_int_equal(c.body_limit, 4096);
}

/* Booleans accept on/off, yes/no. */
static void test_boolean_settings(void **state){
  Config c;
  assert_int_equal(parse(&c, "secure_cookies = on\ntrust_proxy = yes\n"), OK);
  assert_int_equal(c.secure_cookies, 1);
  assert_int_equal(c.trust_proxy, 1);
  c.secure_cookies = c.trust_proxy = 1;
  assert_int_equal(config_parse(&c, "secure_cookies = off\ntrust_proxy = no\n", err, sizeof err), OK);
  assert_int_equal(c.secure_cookies, 0);
  assert_int_equal(c.trust_proxy, 0);
}

/* String settings are taken as written, trimmed. */
static void test_string_settings(void **state){
  Config c;
  assert_int_equal(parse(&c, "listen = 0.0.0.0:9000\naccess_log =   /var/log/loket/access.log  \ndefault_lang = en\n"), OK);
  assert_string_equal(c.listen, "0.0.0.0:9000");
  assert_string_equal(c.access_log, "/var/log/loket/access.log");
  assert_string_equal(c.default_lang, "en");
}

/* Comments, blank lines, indentation and CRLF line ends are fine. */
static void test_comments_and_blank_lines_are_ignored(void **state){
  Config c;
  assert_int_equal(parse(&c,
    "# Loket settings for LPSE Kota Bogor\n"
    "\n"
    "   \n"
    "  threads = 8\r\n"
    "\t# indented comment\n"
    "secure_cookies=on"), OK);
  assert_int_equal(c.threads, 8);
  assert_int_equal(c.secure_cookies, 1);
}

/* A # starts a comment at the start of a line or after a space or tab; within a word (a
** password, a path) it belongs to the value. */
static void test_hash_inside_a_value_is_kept(void **state){
  Config c;
  assert_int_equal(parse(&c, "smtp_password = s3cr#et99\nsmtp_user = loket # relay\naccess_log = /var/log/acc#ess.log\n"), OK);
  assert_string_equal(c.smtp_password, "s3cr#et99");
  assert_string_equal(c.smtp_user, "loket");
  assert_string_equal(c.access_log, "/var/log/acc#ess.log");
  /* a comment after a number, as people write them */
  assert_int_equal(parse(&c, "threads = 8   # eight workers\n"), OK);
  assert_int_equal(c.threads, 8);
  assert_int_equal(parse(&c, "threads = 7\t#tab\n"), OK);
  assert_int_equal(c.threads, 7);
}

/* listen is an IPv4 address, or an IPv6 one in brackets, and a port from 1 to 65535: an empty port would serve on a random one. */
static void test_listen_needs_a_port(void **state){
  Config c;
  assert_int_equal(parse(&c, "listen = 0.0.0.0:8081\n"), OK);
  assert_string_equal(c.listen, "0.0.0.0:8081");
  assert_int_equal(parse(&c, "listen = localhost:8082\n"), OK);
  assert_int_equal(parse(&c, "\nlisten = 127.0.0.1:\n"), ERR_INVALID);
  assert_contains(err, "line 2: listen: \"127.0.0.1:\": the port must be a number from 1 to 65535");
  assert_int_equal(parse(&c, "listen = 127.0.0.1:0\n"), ERR_INVALID);
  assert_int_equal(parse(&c, "listen = 127.0.0.1:65536\n"), ERR_INVALID);
  assert_int_equal(parse(&c, "listen = 127.0.0.1:80a\n"), ERR_INVALID);
  assert_int_equal(parse(&c, "listen = 8080\n"), ERR_INVALID);
  assert_contains(err, "expected an IPv4 address and port");
  assert_int_equal(parse(&c, "listen = lpse.example:8080\n"), ERR_INVALID);
  /* IPv6, in brackets: [::] every address (IPv6 and IPv4), [::1] this machine */
  char e2[300];
  const char *const v6_ok[] = { "[::]:8080", "[::1]:8080", "[fd00::2]:8080" };
  for(size_t i=0; i<COUNT(v6_ok); i++) assert_int_equal(config_listen_check(v6_ok[i], 0, e2, sizeof e2), OK);
  assert_int_equal(parse(&c, "listen = [::]:8080\n"), OK);
  assert_string_equal(c.listen, "[::]:8080");
  assert_int_equal(parse(&c, "listen = ::1:8080\n"), ERR_INVALID);
  assert_string_equal(err, "line 1: listen: \"::1:8080\": write an IPv6 address in brackets, like [::1]:8080 or [::]:8080");
  const char *const v6_bad[] = { "[::1]:0", "[10.0.0.1]:8080", "[::g]:8080" };
  for(size_t i=0; i<COUNT(v6_bad); i++) assert_int_equal(config_listen_check(v6_bad[i], 0, e2, sizeof e2), ERR_INVALID);
  assert_contains(e2, "or an IPv6 address in brackets and port, like [::1]:8080");
  assert_int_equal(config_listen_check("127.0.0.1:0", 1, e2, sizeof e2), OK);   /* --listen: a free port, for tests */
  assert_int_equal(config_listen_check("127.0.0.1:", 1, e2, sizeof e2), ERR_INVALID);
}

/* A UTF-8 byte order mark at the start (Notepad writes one) is skipped. */
static void test_bom_is_skipped(void **state){
  Config c;
  assert_int_equal(parse(&c, "\xEF\xBB\xBFthreads = 4\n"), OK);
  assert_int_equal(c.threads, 4);
  assert_int_equal(parse(&c, "\xEF\xBB\xBF# Loket\nthreads = 5\n"), OK);
  assert_int_equal(c.threads, 5);
}

/* An unknown setting is an error naming its line and the key. */
static void test_unknown_setting_names_the_line(void **state){
  Config c;
  assert_int_equal(parse(&c, "threads = 2\n# note\ncolour = blue\n"), ERR_INVALID);
  assert_string_equal(err, "line 3: unknown setting \"colour\"");
}

/* A line without '=' is an error naming its line. */
static void test_missing_equals_names_the_line(void **state){
  Config c;
  assert_int_equal(parse(&c, "threads = 2\nthreads 4\n"), ERR_INVALID);
  assert_contains(err, "line 2: ");
}

/* A number outside its range is refused, with the range in the message. */
static void test_out_of_range_number_is_refused(void **state){
  Config c;
  assert_int_equal(parse(&c, "threads = 0\n"), ERR_INVALID);
  assert_string_equal(err, "line 1: threads: expected a whole number from 1 to 256, got \"0\"");
  assert_int_equal(parse(&c, "\n\nthreads = 257\n"), ERR_INVALID);
  assert_contains(err, "line 3: ");
  assert_int_equal(parse(&c, "body_limit = 1000\n"), ERR_INVALID);   /* below 1024 */
  assert_contains(err, "line 1: body_limit");
  assert_int_equal(parse(&c, "body_limit = 65M\n"), ERR_INVALID);
  assert_string_equal(err, "line 1: body_limit: expected a size from 1K to 64M, got \"65M\"");   /* the bounds as sizes are written */
  assert_int_equal(parse(&c, "session_idle_minutes = -5\n"), ERR_INVALID);
}

/* A refused value leaves the setting as it was. */
static void test_refused_value_does_not_change_the_setting(void **state){
  Config c;
  assert_int_equal(parse(&c, "threads = 9000\n"), ERR_INVALID);
  assert_int_equal(c.threads, 8);
  assert_int_equal(parse(&c, "default_lang = fr\n"), ERR_INVALID);
  assert_string_equal(c.default_lang, "id");
}

/* Text where a number belongs is refused. */
static void test_not_a_number_is_refused(void **state){
  Config c;
  assert_int_equal(parse(&c, "threads = many\n"), ERR_INVALID);
  assert_string_equal(err, "line 1: threads: expected a whole number from 1 to 256, got \"many\"");
  assert_int_equal(parse(&c, "threads = 8x\n"), ERR_INVALID);
  assert_contains(err, "expected a whole number");
  assert_int_equal(parse(&c, "threads =\n"), ERR_INVALID);
  assert_int_equal(parse(&c, "body_limit = 2G\n"), ERR_INVALID);
  assert_int_equal(parse(&c, "threads = 4K\n"), ERR_INVALID);   /* suffixes are for sizes only */
}

/* A boolean that is not on/off/yes/no is refused. */
static void test_bad_boolean_is_refused(void **state){
  Config c;
  assert_int_equal(parse(&c, "threads = 2\nsecure_cookies = maybe\n"), ERR_INVALID);
  assert_string_equal(err, "line 2: secure_cookies: expected on or off (yes or no), got \"maybe\"");
}

/* The interface speaks Indonesian or English, nothing else. */
static void test_default_lang_must_be_id_or_en(void **state){
  Config c;
  assert_int_equal(parse(&c, "default_lang = fr\n"), ERR_INVALID);
  assert_string_equal(err, "line 1: default_lang: expected id or en, got \"fr\"");
  assert_int_equal(parse(&c, "default_lang = id\n"), OK);
}

/* A string longer than its field is refused, not cut. */
static void test_overlong_string_is_refused(void **state){
  Config c;
  char text[400];
  memset(text, 0, sizeof text);
  strcpy(text, "listen = ");
  memset(text + strlen(text), 'a', 200);
  assert_int_equal(parse(&c, text), ERR_INVALID);
  assert_contains(err, "line 1: listen");
}

/* A size so large that applying the suffix overflows is refused, not wrapped
** around into a small value that happens to be in range. */
static void test_size_too_large_to_multiply_is_refused(void **state){
  Config c;
  /* 17592186044417 M = 2^64 + 2^20 bytes: wrapped, it would read as 1 MiB */
  assert_int_equal(parse(&c, "body_limit = 17592186044417M\n"), ERR_INVALID);
  assert_contains(err, "line 1: body_limit");
}

/* The file `loket init` writes lists every setting; uncommented, it gives the defaults back. */
static void test_template_uncommented_is_the_defaults(void **state){
  (void)state;
  Buf t = BUF_INIT, plain = BUF_INIT;
  config_template(&t);
  const char *p = buf_str(&t);
  while( *p ){
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol-p) : strlen(p);
    if( n>2 && p[0]=='#' && p[1]==' ' && memchr(p, '=', n) ) buf_append(&plain, p+2, n-2), buf_putc(&plain, '\n');
    p += n + (eol ? 1 : 0);
  }
  assert_non_null(strstr(buf_str(&plain), "login_lock_after = 5"));
  assert_non_null(strstr(buf_str(&plain), "body_limit = 1M"));
  Config c, d;
  config_defaults(&d);
  config_defaults(&c);
  c.threads = 99;   /* must come back to the default from the text */
  assert_int_equal(config_parse(&c, buf_str(&plain), err, sizeof err), OK);
  assert_int_equal(c.threads, d.threads);
  assert_int_equal(c.body_limit, d.body_limit);
  assert_int_equal(c.login_lock_after, d.login_lock_after);
  assert_string_equal(c.listen, d.listen);
  buf_free(&t);
  buf_free(&plain);
}

/* public_url: an http(s) address, its trailing slashes dropped; anything else refused. */
static void test_public_url(void **state){
  (void)state;
  Config c;
  config_defaults(&c);
  assert_string_equal(c.public_url, "");
  assert_int_equal(config_parse(&c, "public_url = https://lpse.example.go.id/\n", err, sizeof err), OK);
  assert_string_equal(c.public_url, "https://lpse.example.go.id");
  assert_int_equal(config_parse(&c, "public_url = http://10.0.0.5:8080/loket//\n", err, sizeof err), OK);
  assert_string_equal(c.public_url, "http://10.0.0.5:8080/loket");
  const char *bad[] = { "lpse.example.go.id", "ftp://x", "https://", "https://a b", "https://x/?q=1", "javascript:alert(1)" };
  for(size_t i=0; i<sizeof bad/sizeof *bad; i++){
    char line[128];
    snprintf(line, sizeof line, "public_url = %s\n", bad[i]);
    assert_int_equal(config_parse(&c, line, err, sizeof err), ERR_INVALID);
    assert_non_null(strstr(err, "public_url"));
    assert_string_equal(c.public_url, "http://10.0.0.5:8080/loket");   /* unchanged */
  }
  assert_int_equal(config_parse(&c, "public_url =\n", err, sizeof err), OK);
  assert_string_equal(c.public_url, "");
}

/* metrics_allow: addresses and ranges, this machine by default; a wrong entry named; metrics_token 16+. */
static void test_metrics_access(void **state){
  (void)state;
  Config c;
  config_defaults(&c);
  assert_string_equal(c.metrics_allow, "127.0.0.1, ::1");
  assert_true(config_addr_listed(c.metrics_allow, "::1"));
  assert_true(config_addr_listed(c.metrics_allow, "::ffff:127.0.0.1"));   /* IPv4 through a dual-stack socket */
  assert_string_equal(c.metrics_token, "");
  assert_int_equal(c.metrics_cache_s, 5);
  assert_true(config_addr_listed(c.metrics_allow, "127.0.0.1"));
  assert_false(config_addr_listed(c.metrics_allow, "10.0.0.5"));
  assert_int_equal(config_parse(&c, "metrics_allow = 10.0.0.5, 192.168.1.0/24 172.16.0.0/12\n", err, sizeof err), OK);
  assert_true(config_addr_listed(c.metrics_allow, "10.0.0.5"));
  assert_false(config_addr_listed(c.metrics_allow, "10.0.0.6"));
  assert_true(config_addr_listed(c.metrics_allow, "192.168.1.200"));
  assert_false(config_addr_listed(c.metrics_allow, "192.168.2.1"));
  assert_true(config_addr_listed(c.metrics_allow, "172.31.255.1"));
  assert_false(config_addr_listed(c.metrics_allow, "127.0.0.1"));
  assert_false(config_addr_listed(c.metrics_allow, "::1"));
  assert_true(config_addr_listed("0.0.0.0/0", "203.0.113.9"));
  assert_false(config_addr_listed("0.0.0.0/0", "2001:db8::1"));   /* every IPv4 address, no IPv6 one */
  assert_false(config_addr_listed("", "127.0.0.1"));
  /* IPv6 addresses and ranges; an IPv4 entry takes the IPv4-mapped form of its addresses */
  assert_true(config_addr_listed("fd00::/8, 2001:db8::5", "fd12:3456::1"));
  assert_true(config_addr_listed("fd00::/8, 2001:db8::5", "2001:DB8:0::5"));
  assert_false(config_addr_listed("fd00::/8, 2001:db8::5", "2001:db8::6"));
  assert_false(config_addr_listed("fd00::/8", "fe80::1"));
  assert_true(config_addr_listed("2001:db8:1::/49", "2001:db8:1:7fff::1"));
  assert_false(config_addr_listed("2001:db8:1::/49", "2001:db8:1:8000::1"));
  assert_true(config_addr_listed("10.0.0.0/8", "::ffff:10.1.2.3"));
  assert_true(config_addr_listed("::/0", "10.1.2.3"));
  assert_false(config_addr_listed("::1", "127.0.0.1"));
  const char *bad[] = { "10.0.0", "10.0.0.0/33", "10.0.0.0/", "localhost", "10.0.0.5;rm", "fd00::/129", "[::1]", "fd00:::1" };
  for(size_t i=0; i<sizeof bad/sizeof *bad; i++){
    char line[128];
    snprintf(line, sizeof line, "metrics_allow = 10.0.0.1, %s\n", bad[i]);
    assert_int_equal(config_parse(&c, line, err, sizeof err), ERR_INVALID);
    assert_contains(err, "metrics_allow");
    assert_contains(err, bad[i]);
  }
  assert_int_equal(config_parse(&c, "metrics_allow =\n", err, sizeof err), OK);
  assert_false(config_addr_listed(c.metrics_allow, "127.0.0.1"));
  assert_int_equal(config_parse(&c, "metrics_token = pendek\n", err, sizeof err), ERR_INVALID);
  assert_contains(err, "metrics_token");
  assert_int_equal(config_parse(&c, "metrics_token = 0123456789abcdef\n", err, sizeof err), OK);
  assert_int_equal(config_parse(&c, "metrics_cache_seconds = 301\n", err, sizeof err), ERR_INVALID);
}

/* An office's own address is checked as public_url is (one function): "" allowed, no host refused. */
static void test_url_base(void **state){
  (void)state;
  char out[32];
  assert_int_equal(util_url_base("", out, sizeof out), OK);
  assert_string_equal(out, "");
  assert_int_equal(util_url_base("https://lpse.kab.go.id//", out, sizeof out), OK);
  assert_string_equal(out, "https://lpse.kab.go.id");
  const char *bad[] = { "https:///x", "http://", "lpse.kab.go.id", "https://a\"b", "https://a.go.id#x",
                        "https://a-very-long-name.example.go.id" /* longer than out */ };
  for(size_t i=0; i<sizeof bad/sizeof *bad; i++) assert_int_equal(util_url_base(bad[i], out, sizeof out), ERR_INVALID);
}

/* Links mailed outside a request: public_url first; without it the address people were seen
** reaching the server at, where a loopback address never replaces another. */
static void test_link_base_without_public_url(void **state){
  (void)state;
  char b[256];
  config_public_url_set("");
  config_link_base(b, sizeof b);
  assert_string_equal(b, "");                               /* nothing seen yet */
  config_seen_url("http://127.0.0.1:8080");                 /* the listen address at start */
  config_link_base(b, sizeof b);
  assert_string_equal(b, "http://127.0.0.1:8080");
  config_seen_url("http://lpse.batangkab.go.id");           /* staff open it by its name */
  config_link_base(b, sizeof b);
  assert_string_equal(b, "http://lpse.batangkab.go.id");
  config_seen_url("http://localhost:8080");                 /* someone on the server itself */
  config_seen_url("http://127.0.0.1:8080");
  config_seen_url("");
  config_link_base(b, sizeof b);
  assert_string_equal(b, "http://lpse.batangkab.go.id");
  config_seen_url("https://10.1.2.3:8443");                 /* another address that is not loopback */
  config_link_base(b, sizeof b);
  assert_string_equal(b, "https://10.1.2.3:8443");
  config_public_url_set("https://lpse.example.go.id");      /* set: it wins */
  config_link_base(b, sizeof b);
  assert_string_equal(b, "https://lpse.example.go.id");
  config_public_url_set("");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_defaults_are_safe_for_a_fresh_install),
    cmocka_unit_test(test_public_url),
    cmocka_unit_test(test_link_base_without_public_url),
    cmocka_unit_test(test_empty_file_keeps_defaults),
    cmocka_unit_test(test_integer_settings),
    cmocka_unit_test(test_size_settings_take_k_and_m_suffixes),
    cmocka_unit_test(test_boolean_settings),
    cmocka_unit_test(test_string_settings),
    cmocka_unit_test(test_comments_and_blank_lines_are_ignored),
    cmocka_unit_test(test_hash_inside_a_value_is_kept),
    cmocka_unit_test(test_bom_is_skipped),
    cmocka_unit_test(test_listen_needs_a_port),
    cmocka_unit_test(test_unknown_setting_names_the_line),
    cmocka_unit_test(test_missing_equals_names_the_line),
    cmocka_unit_test(test_out_of_range_number_is_refused),
    cmocka_unit_test(test_refused_value_does_not_change_the_setting),
    cmocka_unit_test(test_not_a_number_is_refused),
    cmocka_unit_test(test_bad_boolean_is_refused),
    cmocka_unit_test(test_default_lang_must_be_id_or_en),
    cmocka_unit_test(test_template_uncommented_is_the_defaults),
    cmocka_unit_test(test_metrics_access),
    cmocka_unit_test(test_overlong_string_is_refused),
    cmocka_unit_test(test_url_base),
    /* last: under UBSan the overflow it guards against aborts the process */
    cmocka_unit_test(test_size_too_large_to_multiply_is_refused),
  };
  return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
