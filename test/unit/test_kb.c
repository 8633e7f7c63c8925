/*
** test_kb.c — the knowledge base: the Indonesian stemmer (affixes, nasal rules,
** roots that look affixed), search ranking on a fixture of fourteen SPSE FAQ
** articles (test/fixtures/kb-faq.json) with the expected first result of each
** question, drafts kept out of the public FAQ, every revision kept, and the
** cases an article answered counted once each.
*/
#include "unit.h"
#include "../../src/core/stem.h"
#include "../../src/desk/kb.h"
#include <jansson.h>

static int64_t office_id;
static const Actor admin0 = { 0, "admin", 0, "" };
static Actor admin;
static const char *keys[32];
static int64_t ids[32];
static int nfix;

/* The root of one word. */
static const char *root(const char *w){
  static char out[STEM_MAX];
  stem_word(w, out);
  return out;
}

/* Prefixes, suffixes, particles and possessives come off; nasal rules give the root back. */
static void test_stem_words(void **state){
  UNUSED(state);
  static const char *const pairs[][2] = {
    { "mengembalikan", "kembali" }, { "dikembalikan", "kembali" }, { "kembali", "kembali" },
    { "pengembalian", "kembali" }, { "penyedia", "sedia" }, { "pendaftaran", "daftar" },
    { "mendaftar", "daftar" }, { "penawaran", "tawar" }, { "dibuka", "buka" }, { "membuka", "buka" },
    { "terbuka", "buka" }, { "bertanya", "tanya" }, { "pertanyaan", "tanya" }, { "jawabannya", "jawab" },
    { "memasukkan", "masuk" }, { "mengunggah", "unggah" }, { "diunggah", "unggah" },
    { "menyimpan", "simpan" }, { "menulis", "tulis" }, { "melihat", "lihat" }, { "pekerja", "kerja" },
    { "verifikasinya", "verifikasi" }, { "masalah", "masalah" }, { "permasalahan", "masalah" },
    { "berkas", "berkas" }, { "berkasnya", "berkas" }, { "pemenang", "menang" }, { "menggunakan", "guna" },
    { "kesalahan", "salah" }, { "bukalah", "buka" }, { "terblokir", "blokir" }, { "mengirim", "kirim" },
    { "memakai", "pakai" }, { "perusahaan", "usaha" }, { "pengumuman", "umum" }, { "sandinya", "sandi" },
    { "apakah", "apa" }, { "rhs", "rhs" }, { "2026", "2026" },
  };
  for(size_t i=0; i<COUNT(pairs); i++){
    if( strcmp(root(pairs[i][0]), pairs[i][1])!=0 ){
      fail_msg("stem(%s) = %s, expected %s", pairs[i][0], root(pairs[i][0]), pairs[i][1]);
    }
  }
}

/* The word lists are in the order the binary search needs; their first, last and middle words
** are found, words beside them are not. */
static void test_stem_lists(void **state){
  UNUSED(state);
  assert_true(stem_sorted());
  static const char *const stop[] = { "a", "yang", "kapan", "itu", "the", "tolong", "untuk" };
  for(size_t i=0; i<COUNT(stop); i++) if( !stem_stopword(stop[i]) ) fail_msg("%s is a stopword", stop[i]);
  static const char *const no[] = { "", "aa", "yangg", "zzz", "kapa", "0" };
  for(size_t i=0; i<COUNT(no); i++) if( stem_stopword(no[i]) ) fail_msg("%s is no stopword", no[i]);
  static const char *const roots[] = { "acara", "wajib", "waktu", "kenal", "sampai", "sandi" };
  for(size_t i=0; i<COUNT(roots); i++) assert_string_equal(root(roots[i]), roots[i]);
}

/* Text: words lower-cased, stopwords dropped, the rest stemmed. */
static void test_stem_text(void **state){
  UNUSED(state);
  Buf b = BUF_INIT;
  assert_int_equal(stem_text("Bagaimana MENGEMBALIKAN kata sandi yang lupa?", &b), 4);
  assert_string_equal(buf_str(&b), "kembali kata sandi lupa");
  buf_reset(&b);
  assert_int_equal(stem_text("File .rhs tidak bisa dibuka!", &b), 3);
  assert_string_equal(buf_str(&b), "file rhs buka");
  buf_reset(&b);
  assert_int_equal(stem_text("yang dan di", &b), 0);
  assert_string_equal(buf_str(&b), "");
  buf_free(&b);
}

/* The office with the fixture articles, all published but the last, which stays a draft. */
static int setup(void **state){
  if( unit_office_setup(state, &admin0, &office_id) ) return -1;
  admin = (Actor){ 0, "admin", office_id, "" };
  const char *path = getenv("LOKET_KB_FIXTURE");
  json_error_t je;
  json_t *all = json_load_file(path ? path : "test/fixtures/kb-faq.json", 0, &je);
  if( all==0 ){ fprintf(stderr, "fixture: %s\n", je.text); return -1; }
  Db *db = tempdb(state);
  nfix = 0;
  size_t i;
  json_t *a;
  json_array_foreach(all, i, a){
    KbInput in = {
      json_string_value(json_object_get(a, "title")), json_string_value(json_object_get(a, "body")),
      json_string_value(json_object_get(a, "title_en")), 0,
      json_string_value(json_object_get(a, "category")), json_string_value(json_object_get(a, "tags")),
      "published",
    };
    Err e = {0};
    keys[nfix] = strdup(json_string_value(json_object_get(a, "key")));
    if( kb_create(db, &admin, &in, &ids[nfix], &e)!=OK ){ fprintf(stderr, "kb_create: %s\n", e.msg); return -1; }
    nfix++;
  }
  json_decref(all);
  return 0;
}

static int teardown(void **state){
  for(int i=0; i<nfix; i++) free((void*)keys[i]);
  return unit_office_teardown(state);
}

/* The fixture key of an article id. */
static const char *key_of(int64_t id){
  for(int i=0; i<nfix; i++) if( ids[i]==id ) return keys[i];
  return "?";
}

/* The id of a fixture key. */
static int64_t id_of(const char *key){
  for(int i=0; i<nfix; i++) if( strcmp(keys[i], key)==0 ) return ids[i];
  return 0;
}

/* The first result of a question, as its fixture key; the number of results in *n. */
static const char *first(Db *db, const char *q, int published_only, int *n){
  Arena a;
  arena_init(&a);
  KbFilter f = { office_id, q, 0, 0, 0, published_only, 10 };
  KbArticle *rows;
  int k = 0;
  assert_int_equal(kb_list(db, &f, &rows, &k, &a), OK);
  const char *key = k>0 ? key_of(rows[0].id) : "(none)";
  if( n ) *n = k;
  arena_free(&a);
  return key;
}

/* Questions as people write them find the article that answers them first. */
static void test_search_ranking(void **state){
  Db *db = tempdb(state);
  static const char *const cases[][2] = {
    { "bagaimana mengembalikan kata sandi yang lupa", "password" },
    { "lupa password", "password" },
    { "file rhs tidak bisa dibuka", "rhs" },
    { "dokumen penawaran .rhs gagal didekripsi pokja", "rhs" },
    { "cara memasang apendo di komputer", "apendo" },
    { "apa itu spamkodok", "spamkodok" },
    { "dokumen apa saja untuk verifikasi penyedia", "verifikasi" },
    { "kapan jadwal lelang", "jadwal" },
    { "npwp saya ditolak waktu mendaftar", "npwp" },
    { "akun saya terblokir", "terkunci" },
    { "tidak bisa mengunggah penawaran", "unggah" },
    { "ganti email", "email" },
    { "browser apa yang didukung", "browser" },
    { "daftar pelatihan", "pelatihan" },
    { "mengajukan sanggahan", "sanggah" },
  };
  for(size_t i=0; i<COUNT(cases); i++){
    const char *got = first(db, cases[i][0], 1, 0);
    if( strcmp(got, cases[i][1])!=0 ) fail_msg("\"%s\" → %s first, expected %s", cases[i][0], got, cases[i][1]);
  }
  int n = -1;
  assert_string_equal(first(db, "xyzzy", 1, &n), "(none)");
  assert_int_equal(n, 0);
  assert_string_equal(first(db, "yang dan", 1, &n), "(none)");
}

/* A word in a title ranks above the same word twice in a longer body. */
static void test_title_weighs_more(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  int64_t in_body, in_title;
  KbInput b = { "Pembayaran PNBP layanan", "Setelah menerima kode billing, lakukan pembayaran. Kode billing berlaku"
                " tiga hari sejak diterbitkan oleh sistem.", 0, 0, 0, 0, "published" };
  KbInput t = { "Kode billing kedaluwarsa", "Minta kode baru kepada petugas.", 0, 0, 0, 0, "published" };
  assert_int_equal(kb_create(db, &admin, &b, &in_body, &e), OK);
  assert_int_equal(kb_create(db, &admin, &t, &in_title, &e), OK);
  Arena a;
  arena_init(&a);
  KbFilter f = { office_id, "billing", 0, 0, 0, 1, 10 };
  KbArticle *rows;
  int n = 0;
  assert_int_equal(kb_list(db, &f, &rows, &n, &a), OK);
  assert_int_equal(n, 2);
  assert_int_equal(rows[0].id, in_title);
  assert_int_equal(rows[1].id, in_body);
  assert_true(rows[0].score>rows[1].score);
  arena_free(&a);
}

/* A draft is found by staff, not by the public FAQ; archived leaves the index. */
static void test_draft_and_archive(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  KbInput ch = { 0, 0, 0, 0, 0, 0, "draft" };
  assert_int_equal(kb_update(db, &admin, id_of("spamkodok"), &ch, &e), OK);
  int n = 0;
  assert_string_equal(first(db, "spamkodok", 1, &n), "(none)");
  assert_string_equal(first(db, "spamkodok", 0, &n), "spamkodok");
  assert_int_equal(kb_archive(db, &admin, id_of("spamkodok")), OK);
  assert_string_equal(first(db, "spamkodok", 0, &n), "(none)");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM kb_revision WHERE article_id=4"), 3);
}

/* Every edit is a revision with the whole text; the article carries the newest number. */
static void test_revisions(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  int64_t id = id_of("npwp");
  KbInput ch = { 0, "NPWP ditolak bila formatnya salah. Tuliskan 15 atau 16 digit.", 0, 0, 0, "NPWP, Registrasi, npwp", 0 };
  assert_int_equal(kb_update(db, &admin, id, &ch, &e), OK);
  KbInput bad = { "", 0, 0, 0, 0, 0, 0 };
  assert_int_equal(kb_update(db, &admin, id, &bad, &e), ERR_INVALID);
  assert_string_equal(e.field, "title");
  KbInput bad2 = { 0, 0, 0, 0, 0, 0, "hidden" };
  assert_int_equal(kb_update(db, &admin, id, &bad2, &e), ERR_INVALID);
  assert_string_equal(e.field, "status");
  Arena a;
  arena_init(&a);
  KbArticle x, *revs;
  int n = 0;
  assert_int_equal(kb_get(db, office_id, id, &x, &a), OK);
  assert_int_equal(x.revision, 2);
  assert_string_equal(x.tags, "npwp, registrasi");
  assert_int_equal(kb_revisions(db, office_id, id, &revs, &n, &a), OK);
  assert_int_equal(n, 2);
  assert_int_equal(revs[0].revision, 2);
  assert_contains(revs[0].body, "15 atau 16 digit");
  assert_int_equal(revs[1].revision, 1);
  assert_contains(revs[1].body, "sudah dipakai oleh akun lain");
  /* the index follows the text: a word only in the old text no longer finds it */
  assert_string_equal(first(db, "pemulihan", 1, &n), "(none)");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='kb.update'"), 1);
  arena_free(&a);
}

/* An article answers a case once; the count goes up per case; the case lists it. */
static void test_link_case(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  Case *c1 = 0, *c2 = 0;
  CaseNew in;
  memset(&in, 0, sizeof in);
  in.office_id = office_id;
  in.sop = "SOP 02/LPSE.OI/2012";
  in.channel = "email";
  in.subject = "Lupa kata sandi";
  in.requester.name = "Budi Santoso";
  assert_int_equal(case_open(db, &admin, &in, &c1, &e), OK);
  assert_int_equal(case_open(db, &admin, &in, &c2, &e), OK);
  int64_t id = id_of("password");
  assert_int_equal(kb_link_case(db, &admin, id, c1, "", 0, &e), OK);
  assert_int_equal(kb_link_case(db, &admin, id, c1, "", 0, &e), ERR_CONFLICT);
  assert_int_equal(kb_link_case(db, &admin, id, c2, "", 0, &e), OK);
  assert_int_equal(kb_link_case(db, &admin, 9999, c2, "", 0, &e), ERR_INVALID);
  assert_string_equal(e.field, "article");
  Arena a;
  arena_init(&a);
  KbArticle x, *rows;
  int n = 0;
  assert_int_equal(kb_get(db, office_id, id, &x, &a), OK);
  assert_int_equal(x.answered, 2);
  assert_int_equal(kb_case_articles(db, office_id, c1->id, &rows, &n, &a), OK);
  assert_int_equal(n, 1);
  assert_int_equal(rows[0].id, id);
  const char **numbers;
  assert_int_equal(kb_article_cases(db, office_id, id, &numbers, &n, &a), OK);
  assert_int_equal(n, 2);
  assert_string_equal(numbers[1], c1->number);
  arena_free(&a);
  case_free(c1);
  case_free(c2);
  int64_t rows_n = 0;
  char err[128] = "";
  assert_int_equal(audit_verify(db, &rows_n, err, sizeof err), OK);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_stem_words),
    cmocka_unit_test(test_stem_lists),
    cmocka_unit_test(test_stem_text),
    cmocka_unit_test_setup_teardown(test_search_ranking, setup, teardown),
    cmocka_unit_test_setup_teardown(test_title_weighs_more, setup, teardown),
    cmocka_unit_test_setup_teardown(test_draft_and_archive, setup, teardown),
    cmocka_unit_test_setup_teardown(test_revisions, setup, teardown),
    cmocka_unit_test_setup_teardown(test_link_case, setup, teardown),
  };
  return cmocka_run_group_tests(tests, unit_group_setup, 0);
}
