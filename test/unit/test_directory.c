/*
** test_directory.c — the directory and the account register as services: entries
** checked and normalised (NIP, NIK, NPWP old and new, NIB, phone), duplicates on
** NIP, NIK and NPWP refused per office, the CSV import's report (the reader is
** test_csv.c); the year-end batch on 10,000 PPK accounts in one
** transaction (and none changed when one fails); one-time links.
*/
#include "unit.h"
#include "../../src/desk/directory.h"
#include "../../src/desk/accounts.h"
#include "../../src/db/search.h"

static int64_t office, office2;
static Actor who;

/* An office with its procedures, a second office, the clock frozen. */
static int setup(void **state){
  who = (Actor){ 0, "uji", 0, "127.0.0.1" };
  if( unit_office_setup(state, &who, &office) ) return -1;
  Err e = {0};
  if( office_create(tempdb(state), &who, "OI", "LPSE Ogan Ilir", "WIB", &office2, &e)!=OK ) return -1;
  who.office_id = office;
  return 0;
}

/* A person or organisation from name, value pairs (NULL-terminated). */
static int add(Db *db, int64_t off, int64_t *id, Err *e, ...){
  PartyIn in;
  memset(&in, 0, sizeof in);
  va_list ap;
  va_start(ap, e);
  for(const char *k; (k = va_arg(ap, const char*))!=0; ){
    const char *v = va_arg(ap, const char*);
    int found = 0;
    for(int i=0; i<PF_COUNT; i++) if( strcmp(party_fields[i], k)==0 ){ in.v[i] = v; found = 1; }
    if( !found ) fail_msg("no field %s", k);
  }
  va_end(ap);
  *e = (Err){0};
  return party_create(db, &who, off, &in, id, e);
}

/* Identifiers are checked, normalised, and unique per office; the old and new NPWP forms are one taxpayer. */
static void test_validation_and_dedupe(void **state){
  Db *db = tempdb(state);
  Err e;
  int64_t id, agency, p;
  assert_int_equal(add(db, office, &agency, &e, "kind", "org", "org_type", "agency", "name", "Dinas PU", NULL), OK);
  assert_int_equal(add(db, office, &id, &e, "kind", "org", "org_type", "provider", "name", "CV Maju", "npwp", "01.234.567.8-901.000",
                       "nib", "1234567890123", "deed_date", "2015-02-30", NULL), ERR_INVALID);
  assert_string_equal(e.field, "deed_date");
  assert_int_equal(add(db, office, &id, &e, "kind", "org", "org_type", "provider", "name", "CV Maju", "npwp", "01.234.567.8-901.000",
                       "nib", "1234567890123", "deed_date", "2015-02-28", NULL), OK);
  Arena a;
  arena_init(&a);
  Party pr;
  assert_int_equal(party_get(db, office, id, &pr, &a), OK);
  assert_string_equal(pr.v[PF_NPWP], "0012345678901000");
  char old[24];
  party_npwp_old(pr.v[PF_NPWP], old);
  assert_string_equal(old, "01.234.567.8-901.000");
  assert_int_equal(add(db, office, &p, &e, "kind", "org", "org_type", "provider", "name", "CV Maju Baru", "npwp", "0012345678901000", NULL), ERR_CONFLICT);
  assert_string_equal(e.field, "npwp");
  /* another office may hold the same taxpayer */
  assert_int_equal(add(db, office2, &p, &e, "kind", "org", "org_type", "provider", "name", "CV Maju", "npwp", "012345678901000", NULL), OK);
  assert_int_equal(add(db, office, &p, &e, "kind", "person", "name", "Budi", "nip", "19700101 200003 1 001", "nik", "3325090101700001",
                       "phone", "0285-391234", "agency", "dinas pu", NULL), OK);
  Party pb;
  assert_int_equal(party_get(db, office, p, &pb, &a), OK);
  assert_string_equal(pb.v[PF_NIP], "197001012000031001");
  assert_string_equal(pb.v[PF_PHONE], "+62285391234");
  assert_int_equal(pb.parent_id, agency);
  assert_int_equal(add(db, office, &id, &e, "kind", "person", "name", "Budi 2", "nip", "197001012000031001", NULL), ERR_CONFLICT);
  assert_string_equal(e.field, "nip");
  assert_int_equal(add(db, office, &id, &e, "kind", "person", "name", "Budi 3", "nik", "3325090101700001", NULL), ERR_CONFLICT);
  assert_string_equal(e.field, "nik");
  assert_int_equal(add(db, office, &id, &e, "kind", "person", "name", "X", "nip", "197013012000031001", NULL), ERR_INVALID);
  assert_string_equal(e.msg, "the birth date (digits 1-8) is not a real date");
  assert_int_equal(add(db, office, &id, &e, "kind", "person", "name", "X", "position", "PPK", "deed_no", "1", NULL), ERR_INVALID);
  assert_string_equal(e.field, "deed_no");
  assert_int_equal(add(db, office, &id, &e, "kind", "org", "name", "X", NULL), ERR_INVALID);
  assert_string_equal(e.field, "org_type");
  assert_int_equal(add(db, office, &id, &e, "kind", "org", "org_type", "unit", "name", "Bidang", NULL), ERR_INVALID);
  assert_string_equal(e.field, "agency");
  assert_int_equal(add(db, office, &id, &e, "kind", "person", "name", "", NULL), ERR_INVALID);
  assert_string_equal(e.field, "name");
  /* the update keeps the identifiers, and refuses another's */
  PartyIn ch;
  memset(&ch, 0, sizeof ch);
  ch.v[PF_NIK] = "3325090101700001";
  assert_int_equal(party_update(db, &who, office, p, &ch, 0, &e), OK);
  int changed = -1;   /* the same again, written otherwise: nothing changes */
  ch.v[PF_NIK] = "3325 0901 0170 0001";
  assert_int_equal(party_update(db, &who, office, p, &ch, &changed, &e), OK);
  assert_int_equal(changed, 0);
  ch.v[PF_NIK] = "3325090101700001";
  int64_t p2;
  assert_int_equal(add(db, office, &p2, &e, "kind", "person", "name", "Ani", "nik", "3325094101700002", NULL), OK);
  assert_int_equal(party_update(db, &who, office, p2, &ch, 0, &e), ERR_CONFLICT);
  /* references: NIP, NIK, NPWP in either form, the id */
  int64_t got;
  assert_int_equal(party_resolve(db, office, "1970 0101 2000 0310 01", &got), OK);
  assert_int_equal(got, p);
  assert_int_equal(party_resolve(db, office, "01.234.567.8-901.000", &got), OK);
  assert_int_equal(party_resolve(db, office2, "0012345678901000", &got), OK);
  assert_int_equal(party_resolve(db, office, "999", &got), ERR_NOTFOUND);
  arena_free(&a);
}

/* The import: accepted rows written, each rejected one with row, field, reason; a bad header refuses all. */
static void test_import(void **state){
  Db *db = tempdb(state);
  Arena a;
  arena_init(&a);
  ImportReport rep;
  const char *csv = "Kind,Name,NIK\nperson,A,3325090101700011\nperson,B,33\nperson,C,3325090101700011\nperson,D\n";
  int64_t before = unit_query_int(db, "SELECT count(*) FROM party");
  assert_int_equal(directory_import(db, &who, office, csv, strlen(csv), 0, "en", &rep, 0, 0, &a), OK);
  assert_int_equal(rep.rows, 4);
  assert_int_equal(rep.accepted, 1);
  assert_int_equal(rep.nrejects, 3);
  assert_int_equal(rep.rejects[0].row, 3);
  assert_string_equal(rep.rejects[0].field, "nik");
  assert_string_equal(rep.rejects[0].reason, "has too few digits: a NIK has 16 — \"33\"");   /* with the value given */
  assert_int_equal(rep.rejects[1].row, 4);
  assert_string_equal(rep.rejects[1].reason, "duplicate of row 2");
  assert_int_equal(rep.rejects[2].row, 5);
  assert_string_equal(rep.rejects[2].reason, "has 2 fields, the header 3");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM party"), before + 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='party.import'"), 1);
  /* a rejected row is named by the line it begins on, after an address over two lines */
  const char *lines = "kind,name,address,nik\nperson,G,\"Jl. Merdeka 1\nBogor\",\nperson,H,,33\nperson,I,,3325090101700011\n";
  assert_int_equal(directory_import(db, &who, office, lines, strlen(lines), 1, "en", &rep, 0, 0, &a), OK);
  assert_int_equal(rep.nrejects, 2);
  assert_int_equal(rep.rejects[0].row, 4);
  assert_string_equal(rep.rejects[0].field, "nik");
  assert_int_equal(rep.rejects[1].row, 5);
  const char *bad = "name,size\nA,1\n";
  assert_int_equal(directory_import(db, &who, office, bad, strlen(bad), 0, "en", &rep, 0, 0, &a), ERR_INVALID);
  assert_string_equal(rep.error, "unknown column: size (the columns: kind, org_type, name, nip, nik, npwp, nib, rank, position, agency, address, phone, email, deed_no, deed_date, notary)");
  const char *open = "name,note\nA,\"dua\nbaris\"\nB,\"tidak ditutup\n";   /* the file's line, not the row */
  assert_int_equal(directory_import(db, &who, office, open, strlen(open), 0, "en", &rep, 0, 0, &a), ERR_INVALID);
  assert_string_equal(rep.error, "line 4: a quoted field is not closed");
  /* in Indonesian, every reason and the refusal (A is in the directory now) */
  char err[200];
  assert_int_equal(i18n_load(err, sizeof err), OK);
  const char *again = "Kind,Name,NIK\nperson,B,33\nperson,C,3325090101700012\nperson,D,3325090101700012\nperson,E\nperson,F,3325090101700011\n";
  assert_int_equal(directory_import(db, &who, office, again, strlen(again), 1, "id", &rep, 0, 0, &a), OK);
  assert_int_equal(rep.nrejects, 4);
  assert_string_equal(rep.rejects[0].reason, "kurang digit: NIK harus 16 digit — \"33\"");
  assert_string_equal(rep.rejects[1].reason, "sama dengan baris 3");
  assert_string_equal(rep.rejects[2].reason, "berisi 2 kolom, sedangkan kepala berkas 3");
  assert_string_equal(rep.rejects[3].reason, "sudah ada di direktori — \"3325090101700011\"");
  assert_int_equal(directory_import(db, &who, office, bad, strlen(bad), 0, "id", &rep, 0, 0, &a), ERR_INVALID);
  assert_string_equal(rep.error, "kolom tidak dikenal: size (kolom yang dikenal: jenis, jenis organisasi, nama, nip, nik, npwp, nib, pangkat, jabatan, instansi, alamat, telepon, surel, no akta, tanggal akta, notaris)");
  assert_int_equal(directory_import(db, &who, office, open, strlen(open), 0, "id", &rep, 0, 0, &a), ERR_INVALID);
  assert_string_equal(rep.error, "baris 4: ada isian bertanda kutip yang tidak ditutup");
  arena_free(&a);
}

/* Rows without NIP, NIK or NPWP: a file imported twice adds nothing the second time; the same
** name under another agency, or with another e-mail, is another entry. */
static void test_import_twice_without_identifiers(void **state){
  Db *db = tempdb(state);
  Arena a;
  arena_init(&a);
  ImportReport rep;
  const char *csv = "kind,org_type,name,agency,email\n"
                    "org,agency,Dinas Sosial,,\n"
                    "org,unit,Bagian Umum,Dinas Sosial,\n"
                    "person,,Siti Aminah,Dinas Sosial,siti@batangkab.go.id\n"
                    "person,,Siti Aminah,Dinas Sosial,\n"
                    "org,unit,Bagian Umum,,\n";
  int64_t before = unit_query_int(db, "SELECT count(*) FROM party");
  assert_int_equal(directory_import(db, &who, office, csv, strlen(csv), 0, "en", &rep, 0, 0, &a), OK);
  /* row 5 is row 4's person (no e-mail of its own to tell them apart); row 6 lacks the agency a unit needs */
  assert_int_equal(rep.accepted, 3);
  assert_int_equal(rep.nrejects, 2);
  assert_int_equal(rep.rejects[0].row, 5);
  assert_string_equal(rep.rejects[0].field, "name");
  assert_string_equal(rep.rejects[0].reason, "duplicate of row 4");
  assert_int_equal(rep.rejects[1].row, 6);
  assert_string_equal(rep.rejects[1].field, "agency");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM party"), before + 3);
  /* the same file again: every row is in the directory already */
  assert_int_equal(directory_import(db, &who, office, csv, strlen(csv), 0, "en", &rep, 0, 0, &a), OK);
  assert_int_equal(rep.accepted, 0);
  assert_int_equal(rep.nrejects, 5);
  for(int i=0; i<4; i++){
    assert_string_equal(rep.rejects[i].field, "name");
    assert_string_equal(rep.rejects[i].reason, "is already in the directory");
  }
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM party"), before + 3);
  /* another agency, another e-mail, or another kind: other entries */
  const char *other = "kind,org_type,name,agency,email\n"
                      "org,agency,Dinas Kesehatan,,\n"
                      "org,unit,Bagian Umum,Dinas Kesehatan,\n"
                      "person,,Siti Aminah,Dinas Sosial,aminah.siti@batangkab.go.id\n";
  assert_int_equal(directory_import(db, &who, office, other, strlen(other), 0, "en", &rep, 0, 0, &a), OK);
  assert_int_equal(rep.accepted, 3);
  assert_int_equal(rep.nrejects, 0);
  arena_free(&a);
}

/* Progress callback: remembers the last call. */
static int last_done, last_total;
static void progress(void *ctx, int done, int total){
  (void)ctx;
  last_done = done;
  last_total = total;
}

/* Year end on 10,000 PPK accounts: one transaction; a failure on one leaves all as they were. */
static void test_year_end_10000(void **state){
  Db *db = tempdb(state);
  Arena a;
  arena_init(&a);
  /* 10,000 holders through the import (one transaction), then their accounts */
  Buf csv = BUF_INIT;
  buf_puts(&csv, "kind,org_type,name,nik,agency,email\norg,agency,Dinas Besar,,,besar@batangkab.go.id\n");
  for(int i=0; i<10000; i++) buf_printf(&csv, "person,,PPK %d,3325090101%02d%04d,Dinas Besar,ppk%d@batangkab.go.id\n", i, 70 + i/9000, i%9000 + 1, i);
  ImportReport rep;
  assert_int_equal(directory_import(db, &who, office, csv.z, csv.n, 0, "en", &rep, progress, 0, &a), OK);
  assert_int_equal(rep.accepted, 10001);
  assert_int_equal(last_done, 10001);
  assert_int_equal(last_total, 10001);
  buf_free(&csv);
  assert_int_equal(db_begin(db), OK);
  for(int i=0; i<10000; i++){
    char uid[32], nik[24];
    snprintf(uid, sizeof uid, "ppk%05d", i);
    snprintf(nik, sizeof nik, "3325090101%02d%04d", 70 + i/9000, i%9000 + 1);
    AccountIn in = { uid, "ppk", nik, 0, "SK-1", "2025-01-01", i%2 ? "2025-12-31" : "2026-12-31" };
    int64_t id;
    Err e = {0};
    assert_int_equal(account_create(db, &who, office, &in, 0, &id, &e), OK);
  }
  assert_int_equal(db_commit(db), OK);
  Account *rows;
  int n;
  assert_int_equal(account_year_end_list(db, office, "2026-01-05", "expired", &rows, &n, &a), OK);
  assert_int_equal(n, 5000);
  assert_int_equal(account_year_end_list(db, office, "2026-01-05", "all", &rows, &n, &a), OK);
  assert_int_equal(n, 10000);
  /* the reviewer saw another number: refused, nothing changes */
  int cnt = -1;
  Err ee = {0};
  assert_int_equal(account_year_end(db, &who, office, "2026-01-05", "all", 9999, &cnt, &ee), ERR_CONFLICT);
  assert_string_equal(ee.field, "expect");
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM account WHERE status='inactive'"), 0);
  /* one account that cannot change: the whole batch is refused and nothing changes */
  assert_int_equal(db_exec(db, "CREATE TRIGGER refuse BEFORE UPDATE ON account WHEN NEW.user_id='ppk09999'"
                               " BEGIN SELECT RAISE(ABORT, 'refused'); END"), OK);
  int count = -1;
  Err e = {0};
  int64_t mails = unit_query_int(db, "SELECT count(*) FROM outbox");
  assert_int_not_equal(account_year_end(db, &who, office, "2026-01-05", "all", -1, &count, &e), OK);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM account WHERE status='inactive'"), 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM account_event WHERE action='deactivate'"), 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM outbox"), mails);
  assert_int_equal(db_exec(db, "DROP TRIGGER refuse"), OK);
  int64_t t0 = time_now_us();
  assert_int_equal(account_year_end(db, &who, office, "2026-01-05", "all", -1, &count, &e), OK);
  int64_t us = time_now_us() - t0;
  assert_int_equal(count, 10000);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM account WHERE status='inactive'"), 10000);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM account_event WHERE action='deactivate' AND to_status='inactive'"), 10000);
  /* each holder told, and the agency once with its 10,000 accounts */
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM outbox"), mails + 10001);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM outbox WHERE to_addr='besar@batangkab.go.id'"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='account.year_end'"), 1);
  fprintf(stderr, "year end: 10,000 accounts in one transaction in %.2f s\n", (double)us/1e6);
  /* nothing left to do: a second run deactivates none */
  assert_int_equal(account_year_end(db, &who, office, "2026-01-05", "all", -1, &count, &e), OK);
  assert_int_equal(count, 0);
  arena_free(&a);
}

/* A one-time link: opened once, then refused; past its time, refused; the secret wiped. */
static void test_one_time_link(void **state){
  Db *db = tempdb(state);
  Err e = {0};
  int64_t p, acc, exp;
  assert_int_equal(add(db, office, &p, &e, "kind", "person", "name", "Sari", "nik", "3325094101700099", NULL), OK);
  AccountIn in = { "sari", "pokja", "3325094101700099", 0, 0, 0, 0 };
  assert_int_equal(account_create(db, &who, office, &in, 0, &acc, &e), OK);
  char tok[65], uid[64], secret[64];
  assert_int_equal(cred_issue(db, &who, office, acc, 0, tok, &exp, &e), OK);
  assert_true(unit_is_hex(tok, 64));
  assert_int_equal(exp, time_now() + 72*3600);
  int64_t peek_office = 0;
  assert_int_equal(cred_peek(db, &who, tok, &exp, &peek_office), OK);
  assert_int_equal(peek_office, office);
  assert_int_equal(cred_open(db, &who, tok, uid, sizeof uid, secret, sizeof secret), OK);
  assert_string_equal(uid, "sari");
  assert_int_equal(strlen(secret), 16);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM credential_link WHERE secret IS NULL AND viewed_at IS NOT NULL"), 1);
  assert_int_equal(cred_open(db, &who, tok, uid, sizeof uid, secret, sizeof secret), ERR_CONFLICT);
  assert_string_equal(secret, "");
  assert_int_equal(cred_open(db, &who, "00", uid, sizeof uid, secret, sizeof secret), ERR_NOTFOUND);
  /* expiry */
  assert_int_equal(cred_issue(db, &who, office, acc, 0, tok, &exp, &e), OK);
  time_set_fake(exp);
  assert_int_equal(cred_open(db, &who, tok, uid, sizeof uid, secret, sizeof secret), ERR_TOOBIG);
  time_set_fake(unit_at("2026-01-05T08:00:00+07:00"));
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='credential.open'"), 4);
  /* sealing for the notice */
  Buf s = BUF_INIT;
  char back[80];
  assert_int_equal(cred_seal("rahasia", &s), OK);
  assert_int_equal(cred_unseal(buf_str(&s), back, sizeof back), OK);
  assert_string_equal(back, "rahasia");
  s.z[40] = s.z[40]=='0' ? '1' : '0';
  assert_int_equal(cred_unseal(buf_str(&s), back, sizeof back), ERR_INVALID);
  buf_free(&s);
}

/* The ids party_search finds for f, newest first, as text "id id …" (in a). */
static const char *found(Db *db, const PartyFilter *f, Arena *a){
  Party *rows;
  int n;
  assert_int_equal(party_search(db, f, &rows, &n, a), OK);
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++) buf_printf(&b, "%lld ", (long long)rows[i].id);
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* How many entries a search of q finds through the index alone (the window 0). */
static int found_n(Db *db, const char *q, Arena *a){
  party_search_window_set(0);
  PartyFilter f = { .office_id = office, .q = q, .limit = 1001 };
  Party *rows;
  int n;
  assert_int_equal(party_search(db, &f, &rows, &n, a), OK);
  party_search_window_set(PARTY_SEARCH_WINDOW);
  return n;
}

/* The directory's search by its trigram index (migration 0050) finds exactly what the scan finds,
** in the same order, limit and pages, on 3,000 entries with tricky names; an entry renamed is found
** by its new name at once and not by its old, a merged one not at all, whether the index held it
** already or it is newer than the index (read by the scan). */
static void test_search_index(void **state){
  Db *db = tempdb(state);
  Err e;
  static const char *const first[] = { "Budi", "Siti", "José", "ÉLISE", "élise", "Ümit", "O'Brien", "Dewi_Sartika",
    "100% Jaya", "Nyoman", "Ni Luh", "I Gede", "Abd.", "Muh.", "a\\b", "\"Kutip\"", "Ñoño", "Andi", "Sri", "Ba" };
  static const char *const last[] = { "Santoso", "Aminah", "Wijaya", "Prasetyo", "Hakim", "Siregar", "Nasution",
    "Pratama", "Lubis", "Harahap", "Sihombing", "Putri", "Maju-Jaya", "(Persero)", "Tbk.", "X" };
  static const char *const title[] = { "", "Dr. ", "Ir. ", "H. ", "Hj. ", "Drs. ", "Prof. Dr. ", "dr. " };
  static const char *const after[] = { "", ", S.Kom.", ", S.E., M.Si.", ", M.T.", ", S.H.", ", Sp.PD", ", S.Pd.I" };
  int64_t ids[3000];
  int made = 0;
  for(int i=0; i<3000; i++){
    char name[160], mail[96], nik[20], phone[20];
    snprintf(name, sizeof name, "%s%s %s%s", title[(i*7)%8], first[(i*3)%20], last[(i*5)%16], after[(i*11)%7]);
    snprintf(mail, sizeof mail, "%s%d@%s", i%3==0 ? "budi." : "u", i, i%4==0 ? "gmail.com" : "lkpp.go.id");
    snprintf(nik, sizeof nik, "332509010170%04d", i+1);
    snprintf(phone, sizeof phone, "08123%07d", i);
    int64_t id;
    int rc = i%10==9 ? add(db, office, &id, &e, "kind", "org", "org_type", "agency", "name", name, "email", mail, NULL)
           : add(db, office, &id, &e, "kind", "person", "name", name, "email", i%2 ? mail : "",
                 "nik", i%5==0 ? nik : "", "phone", i%7==0 ? phone : "", NULL);
    if( rc!=OK ) fail_msg("%s: %s %s", name, e.field, e.msg);
    ids[made++] = id;
    if( i==2499 ){   /* the index holds the first 2,500 (0050 made it; the thread adds the rest, a pass at a time) */
      int added;
      assert_int_equal(search_text_catch_up(db, SEARCH_PARTIES, 1000, &added), OK);
      assert_int_equal(added, 1000);
      assert_int_equal(search_text_catch_up(db, SEARCH_PARTIES, 10000, &added), OK);
      assert_int_equal(added, 1500);
    }
  }
  assert_int_equal(made, 3000);
  assert_true(unit_query_int(db, "SELECT count(*) FROM party_fts") >= 2500);
  Arena a;
  arena_init(&a);
  const char *how_match;
  int64_t upto;
  assert_int_equal(search_text_how(db, SEARCH_PARTIES, "budi", &a, &how_match, &upto), SEARCH_FTS);
  assert_int_equal(upto, ids[2499]);
  assert_int_equal(search_text_how(db, SEARCH_PARTIES, "bu", &a, &how_match, &upto), SEARCH_SCAN);
  static const char *const qs[] = { "budi", "BUDI", "bu", "b", "%", "_", "100%", "% j", "dewi_s", "ewi_", "s.e.", "s.e., m",
    "dr.", "Dr. S", "prof. dr. élise", "élise", "ÉLISE", "lise", "josé", "JOSÉ", "ümit", "o'brien", "'b", "a\\b", "\\",
    "\"kutip\"", "\"", "ñoño", "(persero)", "tbk.", "maju-jaya", "gmail", "@lkpp", ".go.id", "budi.1", "u29", "ba ", " x",
    "x, s", "ni luh", "i gede", "zzz", "aminah", "siti aminah", "3325090101700006", "3325 0901 0170 0011", "081230000070",
    "+62 812-3000-0140", "abd. hak", "muh", "sp.pd", "s.pd.i", "ba" };
  static const int limits[] = { 1, 7, 100 };
  static const char *const kinds[] = { "", "person", "org" };
  int compared = 0, nonempty = 0;
  for(size_t i=0; i<COUNT(qs); i++)
    for(size_t l=0; l<COUNT(limits); l++)
      for(size_t k=0; k<COUNT(kinds); k++){
        PartyFilter f = { .office_id = office, .q = qs[i], .kind = kinds[k], .limit = limits[l] };
        for(int page=0; page<4; page++){
          party_search_window_set(1000000000);   /* the scan */
          const char *scan = found(db, &f, &a);
          party_search_window_set(0);   /* the index (and the scan above what it holds) */
          const char *idx = found(db, &f, &a);
          party_search_window_set(5);
          const char *mixed = found(db, &f, &a);
          if( strcmp(scan, idx) || strcmp(scan, mixed) )
            fail_msg("q=[%s] kind=%s limit=%d before=%lld\nscan:  %s\nindex: %s\nmixed: %s", qs[i], kinds[k], limits[l],
                     (long long)f.before, scan, idx, mixed);
          compared++;
          if( *scan ) nonempty++;
          const char *sp = strrchr(scan, ' ');
          if( sp==0 ) break;
          const char *lastid = sp - 1;
          while( lastid>scan && lastid[-1]!=' ' ) lastid--;
          f.before = atoll(lastid);
        }
      }
  assert_true(nonempty > compared/2);
  party_search_window_set(PARTY_SEARCH_WINDOW);
  /* renamed, merged: at once, held by the index (ids[10], ids[20]) or newer than it (ids[2990]) */
  PartyIn ch;
  memset(&ch, 0, sizeof ch);
  ch.v[PF_NAME] = "Gatotkaca Perkasa";
  assert_int_equal(party_update(db, &who, office, ids[10], &ch, 0, &e), OK);
  assert_int_equal(party_update(db, &who, office, ids[2990], &ch, 0, &e), OK);
  assert_int_equal(found_n(db, "gatotkaca", &a), 2);
  ch.v[PF_NAME] = "Wisanggeni Sakti";
  assert_int_equal(party_update(db, &who, office, ids[10], &ch, 0, &e), OK);
  assert_int_equal(party_update(db, &who, office, ids[2990], &ch, 0, &e), OK);
  assert_int_equal(found_n(db, "gatotkaca", &a), 0);
  assert_int_equal(found_n(db, "wisanggeni", &a), 2);
  ch.v[PF_NAME] = "Antasena Muda";
  assert_int_equal(party_update(db, &who, office, ids[20], &ch, 0, &e), OK);
  assert_int_equal(party_update(db, &who, office, ids[2980], &ch, 0, &e), OK);
  ch.v[PF_NAME] = 0;
  ch.v[PF_EMAIL] = "antareja@desa.id";   /* the e-mail is searched too */
  assert_int_equal(party_update(db, &who, office, ids[30], &ch, 0, &e), OK);
  assert_int_equal(found_n(db, "antasena", &a), 2);
  assert_int_equal(found_n(db, "antareja@", &a), 1);
  assert_int_equal(party_merge(db, &who, office, ids[12], ids[20], &e), OK);
  assert_int_equal(party_merge(db, &who, office, ids[22], ids[2980], &e), OK);
  assert_int_equal(found_n(db, "antasena", &a), 0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM party_fts WHERE party_fts MATCH '\"antasena\"'"), 0);
  /* the plans: the candidates by the index and the identifiers' indexes, each entry by its id, no scan */
  Buf plan;
  unit_plan(db, PARTY_SQL_SEARCH_FTS, &plan);
  if( strstr(buf_str(&plan), "VIRTUAL TABLE INDEX")==0 || strstr(buf_str(&plan), "party_nib")==0
      || strstr(buf_str(&plan), "party_phone")==0 || strstr(buf_str(&plan), "party_nik")==0
      || strstr(buf_str(&plan), "SCAN p\n") || strstr(buf_str(&plan), "SCAN i\n") || strstr(buf_str(&plan), "party_office") )
    fail_msg("plan:\n%s", buf_str(&plan));
  buf_free(&plan);
  arena_free(&a);
}

/* One fold for every search (db.h): db_fold of a q is what DB_SQL_FOLD makes of the same text in
** SQL, and what 0053's views put in the indexes; a q of the folded signs alone stays as written. */
static void test_fold(void **state){
  Db *db = tempdb(state);
  static const struct { const char *in, *out; } v[] = {
    { "CV. Mitra Karya", "cvmitrakarya" }, { "CV MITRA KARYA", "cvmitrakarya" }, { "CV Mitra-Karya", "cvmitrakarya" },
    { "P.T. A.B.C.", "ptabc" }, { "PT ABC", "ptabc" }, { "Dewi Lestari, S.T.", "dewilestarist" },
    { "LPSE-2026-000123", "lpse2026000123" }, { "ÉLISE Ümit", "ÉliseÜmit" }, { "100% a_b\\c", "100%a_b\\c" },
    { "budi.santoso@lkpp.go.id", "budisantoso@lkppgoid" }, { "", "" }, { ". -", ". -" },
  };
  Arena a;
  arena_init(&a);
  Stmt *q = db_prepare(db, "SELECT " DB_SQL_FOLD("?1"));
  assert_non_null(q);
  for(size_t i=0; i<COUNT(v); i++){
    assert_string_equal(db_fold(&a, v[i].in), v[i].out);
    if( strspn(v[i].in, " .,-")==strlen(v[i].in) ) continue;   /* SQL: '' (the rows' text), q stays */
    db_bind_text(q, 1, v[i].in);
    assert_int_equal(db_step(q), DB_ROW);
    assert_string_equal(db_col_text(q, 0), v[i].out);
    db_reset(q);
  }
  assert_null(db_fold(&a, 0));
  /* the indexes' texts, as the views make them */
  Err e;
  int64_t id = 0;
  assert_int_equal(add(db, office, &id, &e, "kind", "org", "org_type", "agency", "name", "P.T. Duta-Perkasa, Tbk.",
                       "email", "Info@Duta.co.id", (char*)0), OK);
  char sql[160];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM party_fts_text WHERE id=%lld AND body='ptdutaperkasatbk'||char(10)||'info@dutacoid'",
           (long long)id);
  assert_int_equal(unit_query_int(db, sql), 1);
  arena_free(&a);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_fold, setup, unit_office_teardown),
    cmocka_unit_test_setup_teardown(test_validation_and_dedupe, setup, unit_office_teardown),
    cmocka_unit_test_setup_teardown(test_import, setup, unit_office_teardown),
    cmocka_unit_test_setup_teardown(test_import_twice_without_identifiers, setup, unit_office_teardown),
    cmocka_unit_test_setup_teardown(test_year_end_10000, setup, unit_office_teardown),
    cmocka_unit_test_setup_teardown(test_one_time_link, setup, unit_office_teardown),
    cmocka_unit_test_setup_teardown(test_search_index, setup, unit_office_teardown),
  };
  return cmocka_run_group_tests(tests, unit_group_setup, NULL);
}
