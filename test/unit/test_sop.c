/*
** test_sop.c — procedures as data: time standards, the parser, every
** validation rule of docs/sop-format.md (each with a small broken file and the
** exact FILE:LINE of its error), and revisions in the database.
*/
#include "unit.h"
#include <stdlib.h>
#include <unistd.h>
#include "../../src/sop/sop.h"
#include "../../src/sop/role.h"

/* Three lines every small file starts with (lines 1–3). */
#define HEAD "code: SOP-UJI-1\ntitle: Prosedur uji\nrevision: 00\n"
/* A plain step: its "step N" line and three keys (4 lines). */
#define STEP(n) "step " #n "\n  text: Langkah " #n "\n  actor: helpdesk\n  time: none\n"

/* Parse text as file "f.sop"; returns the procedure (NULL on errors) and the errors in errs. */
static Procedure *parse(const char *text, Buf *errs, int *nerr){
  Procedure *p = 0;
  buf_reset(errs);
  procedure_parse("f.sop", text, strlen(text), &p, errs, nerr);
  return p;
}

/* The text must be refused with an error containing want ("f.sop:LINE: message"). */
static void refuses(const char *text, const char *want){
  Buf errs = BUF_INIT;
  int nerr = 0;
  Procedure *p = parse(text, &errs, &nerr);
  if( p ) fail_msg("accepted, but expected the error \"%s\"", want);
  assert_true(nerr>0);
  assert_contains(buf_str(&errs), want);
  buf_free(&errs);
}

/* The text must be accepted; returns the procedure (the caller frees it). */
static Procedure *accepts(const char *text){
  Buf errs = BUF_INIT;
  Procedure *p = parse(text, &errs, 0);
  if( p==0 ) fail_msg("refused: %s", buf_str(&errs));
  buf_free(&errs);
  return p;
}

/* ---- time standards ---- */

/* Each form of the spec parses into its kind and amount. */
static void test_standard_forms(void **state){
  Standard s;
  const char *why;
  assert_int_equal(sop_standard_parse("none", &s, &why), OK);
  assert_int_equal(s.kind, STD_NONE);
  assert_int_equal(sop_standard_parse("10s real", &s, &why), OK);
  assert_int_equal(s.kind, STD_REAL);
  assert_int_equal(s.seconds, 10);
  assert_int_equal(sop_standard_parse("25min office", &s, &why), OK);
  assert_int_equal(s.kind, STD_OFFICE);
  assert_int_equal(s.seconds, 1500);
  assert_int_equal(sop_standard_parse("2h office", &s, &why), OK);
  assert_int_equal(s.seconds, 7200);
  assert_int_equal(sop_standard_parse("7 workdays before training_start", &s, &why), OK);
  assert_int_equal(s.kind, STD_WORKDAYS_BEFORE);
  assert_int_equal(s.days, 7);
  assert_string_equal(s.event, "training_start");
  assert_int_equal(sop_standard_parse("1 workday before training_start", &s, &why), OK);
  assert_int_equal(s.days, 1);
  assert_int_equal(sop_standard_parse("1h after training_end", &s, &why), OK);
  assert_int_equal(s.kind, STD_AFTER_EVENT);
  assert_int_equal(s.seconds, 3600);
  assert_string_equal(s.event, "training_end");
  assert_int_equal(sop_standard_parse("15min after last_session_end", &s, &why), OK);
  assert_int_equal(s.seconds, 900);
  assert_string_equal(sop_standard_kind(STD_WORKDAYS_BEFORE), "workdays_before");
  assert_string_equal(sop_standard_kind(STD_AFTER_EVENT), "after_event");
  assert_int_equal(sop_standard_parse("10min office after step 6", &s, &why), OK);
  assert_int_equal(s.kind, STD_AFTER_STEP);
  assert_int_equal(s.seconds, 600);
  assert_int_equal(s.step, 6);
  assert_true(s.office);
  assert_true(STD_IS_OFFICE(&s));
  assert_int_equal(sop_standard_parse("2h real after step 3", &s, &why), OK);
  assert_int_equal(s.kind, STD_AFTER_STEP);
  assert_int_equal(s.seconds, 7200);
  assert_int_equal(s.step, 3);
  assert_false(s.office);
  assert_false(STD_IS_OFFICE(&s));
  assert_string_equal(sop_standard_kind(STD_AFTER_STEP), "after_step");
}

/* What does not parse is refused, with a reason. */
static void test_standard_refused(void **state){
  static const char *const bad[] = {
    "", "10s", "10 s real", "10sec real", "0s real", "-5min office", "10s fast", "25min office extra",
    "7 workdays before", "7 workdays after training_start", "x workdays before training_start",
    "0 workdays before training_start", "7 days before training_start", "1h after lunch",
    "1h before training_end", "N/A", "10s  real  now", "99999999s real",
    "10min after step 6", "10min office after step", "10min office after step x", "10min office after step 0",
    "10min office before step 6", "10min fast after step 6", "10min office after stage 6",
  };
  for(size_t i=0; i<COUNT(bad); i++){
    Standard s;
    const char *why = 0;
    if( sop_standard_parse(bad[i], &s, &why)==OK ) fail_msg("\"%s\" was accepted", bad[i]);
    assert_non_null(why);
  }
}

/* Near misses of a person writing by hand, each with the form to write. */
static void test_standard_near_misses(void **state){
  static const struct { const char *z, *why; } cases[] = {
    { "1 jam setelah training_end", "the words are English: a deadline after an event is DURATION after EVENT" },
    { "15 menit sesudah last_session_end", "the words are English: a deadline after an event is DURATION after EVENT" },
    { "1h office after training_end", "a deadline after an event counts real time and is written without real or office" },
    { "1h real after last_session_end", "a deadline after an event counts real time and is written without real or office" },
    { "5min Office", "real, office, after and before are written in small letters" },
    { "10s REAL", "real, office, after and before are written in small letters" },
    { "1h After training_end", "real, office, after and before are written in small letters" },
    { "10min office after step", "expected none, DURATION real" },
    { "10s real now", "expected none, DURATION real" },
  };
  for(size_t i=0; i<COUNT(cases); i++){
    Standard s;
    const char *why = 0;
    if( sop_standard_parse(cases[i].z, &s, &why)==OK ) fail_msg("\"%s\" was accepted", cases[i].z);
    if( why==0 || strncmp(why, cases[i].why, strlen(cases[i].why)) ) fail_msg("\"%s\": %s", cases[i].z, why ? why : "(none)");
  }
}

/* Standards in words, as staff read them (Indonesian first, English beside). */
static void test_standard_words(void **state){
  static const struct { const char *std, *id, *en; } cases[] = {
    { "10s real", "10 detik", "10 seconds" },
    { "2min office", "2 menit jam kerja", "2 minutes of office time" },
    { "25min office", "25 menit jam kerja", "25 minutes of office time" },
    { "90min office", "90 menit jam kerja", "90 minutes of office time" },
    { "1h office", "1 jam kerja", "1 hour of office time" },
    { "2h office", "2 jam kerja", "2 hours of office time" },
    { "7 workdays before training_start", "7 hari kerja sebelum mulai pelatihan", "7 working days before the training starts" },
    { "1 workday before training_start", "1 hari kerja sebelum mulai pelatihan", "1 working day before the training starts" },
    { "1h after training_end", "1 jam setelah pelatihan selesai", "1 hour after the training ends" },
    { "15min after last_session_end", "15 menit setelah sesi terakhir selesai", "15 minutes after the last session ends" },
    { "10min office after step 6", "10 menit jam kerja setelah langkah 6 selesai", "10 minutes of office time after step 6 ends" },
    { "1h office after step 2", "1 jam kerja setelah langkah 2 selesai", "1 hour of office time after step 2 ends" },
    { "30s real after step 4", "30 detik setelah langkah 4 selesai", "30 seconds after step 4 ends" },
    { "none", "tanpa standar", "no standard" },
  };
  for(size_t i=0; i<COUNT(cases); i++){
    Standard s;
    char w[128];
    assert_int_equal(sop_standard_parse(cases[i].std, &s, 0), OK);
    sop_standard_text(&s, "id", w, sizeof w);
    assert_string_equal(w, cases[i].id);
    sop_standard_text(&s, "en", w, sizeof w);
    assert_string_equal(w, cases[i].en);
  }
}

/* ---- a valid file, read back ---- */

static const char valid[] =
  "# the phone procedure, shortened\n"                                   /* 1 */
  "code: SOP-LPSE.BTG-017\n"                                            /* 2 */
  "title: Penanganan Permasalahan Pengguna SPSE melalui Telepon\n"
  "title_en: Handling SPSE users' problems by phone\n"
  "issuer: LPSE Kabupaten Batang\n"
  "revision: 00\n"
  "effective: 2017-01-08\n"
  "basis: Perpres 54/2010\n"
  "purpose: Standar penanganan\n"
  "qualification: Bidang Layanan dan Dukungan\n"                         /* 10 */
  "equipment: Formulir konsultasi\n"
  "equipment: Rekap penanganan\n"
  "record: Rekap\n"
  "related: SOP Pengarsipan\n"
  "warning: Penyimpangan mutu baku adalah kegagalan\n"
  "note: a reading\n"
  "\n"
  "step 1\n"                                                            /* 18 */
  "  text: Pengguna SPSE menelepon\n"
  "  actor: requester\n"
  "  time: none\n"
  "step 2\n"                                                            /* 22 */
  "  text: Mengangkat telepon\n"
  "  text_en: Answer the phone\n"
  "  actor: helpdesk, staf\n"
  "  time: 10s real\n"
  "  item: Formulir konsultasi\n"
  "  item_en: The consultation form\n"
  "  item: Nomor tiket\n"
  "  item_en: The ticket number\n"
  "  task: Menyapa | 10s real\n"
  "  task: Mencatat | 2min office\n"
  "  output: Telepon terjawab\n"
  "  notes: Keterangan\n"
  "  register: consultation\n"
  "  register: guest_book\n"
  "step 3\n"                                                            /* 37 */
  "  text: Dapat dijawab?\n"
  "  actor: helpdesk\n"
  "  time: none\n"
  "  question: Dapat dijawab?\n"
  "  question_en: Can it be answered?\n"
  "  yes: 4\n"
  "  no: 5\n"
  "step 4\n"
  "  text: Mengarsipkan\n"
  "  actor: helpdesk\n"
  "  time: 10min office\n"
  "  register: archive\n"
  "  next: end\n"
  "step 5\n"
  "  text: Menunggu pemohon melengkapi\n"
  "  actor: requester\n"
  "  time: none\n"
  "  pause: yes\n"
  "  next: 3\n"
  "step 6\n"
  "  text: Penonaktifan akhir tahun\n"
  "  actor: admin_agency\n"
  "  time: 7 workdays before training_start\n"
  "  outside: yes\n";

/* Every key of the spec is read into its place. */
static void test_valid_round_trip(void **state){
  Procedure *p = accepts(valid);
  assert_string_equal(p->file, "f.sop");
  assert_string_equal(p->code, "SOP-LPSE.BTG-017");
  assert_string_equal(p->slug, "SOP-LPSE.BTG-017");
  assert_string_equal(p->title_en, "Handling SPSE users' problems by phone");
  assert_string_equal(p->issuer, "LPSE Kabupaten Batang");
  assert_string_equal(p->revision, "00");
  assert_string_equal(p->effective, "2017-01-08");
  assert_string_equal(p->purpose, "Standar penanganan");
  assert_int_equal(p->basis.n, 1);
  assert_int_equal(p->qualification.n, 1);
  assert_int_equal(p->equipment.n, 2);
  assert_string_equal(p->equipment.v[1], "Rekap penanganan");
  assert_int_equal(p->record.n, 1);
  assert_int_equal(p->related.n, 1);
  assert_int_equal(p->warning.n, 1);
  assert_int_equal(p->note.n, 1);
  assert_int_equal(p->nsteps, 6);
  assert_int_equal(p->len, strlen(valid));
  assert_true(unit_is_hex(p->sha256, 64));

  const Step *s1 = procedure_step(p, 1), *s2 = procedure_step(p, 2), *s3 = procedure_step(p, 3);
  assert_int_equal(s1->line, 18);
  assert_string_equal(s1->actors.v[0], "requester");
  assert_int_equal(procedure_next(p, s1), 2);
  assert_int_equal(s2->line, 22);
  assert_string_equal(s2->text_en, "Answer the phone");
  assert_int_equal(s2->actors.n, 2);
  assert_string_equal(s2->actors.v[1], "staf");
  assert_int_equal(s2->std.kind, STD_REAL);
  assert_int_equal(s2->std.seconds, 10);
  assert_int_equal(s2->items.n, 2);
  assert_int_equal(s2->items_en.n, 2);
  assert_string_equal(s2->items_en.v[1], "The ticket number");
  assert_int_equal(s3->items_en.n, 0);
  assert_int_equal(s2->ntasks, 2);
  assert_string_equal(s2->tasks[1].text, "Mencatat");
  assert_int_equal(s2->tasks[1].std.kind, STD_OFFICE);
  assert_int_equal(s2->tasks[1].std.seconds, 120);
  assert_string_equal(s2->output, "Telepon terjawab");
  assert_string_equal(s2->notes, "Keterangan");
  assert_int_equal(s2->registers.n, 2);
  assert_string_equal(s2->registers.v[0], "consultation");
  assert_string_equal(s3->question, "Dapat dijawab?");
  assert_string_equal(s3->question_en, "Can it be answered?");
  assert_null(s2->question_en);
  assert_int_equal(s3->yes_to, 4);
  assert_int_equal(s3->no_to, 5);
  assert_int_equal(procedure_next(p, procedure_step(p, 4)), STEP_END);
  assert_true(procedure_step(p, 5)->pause);
  assert_int_equal(procedure_next(p, procedure_step(p, 5)), 3);
  assert_true(procedure_step(p, 6)->outside);
  assert_int_equal(procedure_step(p, 6)->std.days, 7);
  assert_null(procedure_step(p, 7));
  assert_null(procedure_step(p, 0));

  Buf b = BUF_INIT;
  procedure_json(&b, p, "id");
  const char *j = buf_str(&b);
  assert_contains(j, "\"code\":\"SOP-LPSE.BTG-017\"");
  assert_contains(j, "\"revision\":\"00\"");
  assert_contains(j, "{\"no\":1,\"title\":\"Pengguna SPSE menelepon\",\"text_en\":null,\"actor\":[\"requester\"]");
  assert_contains(j, "\"standard\":{\"kind\":\"real\",\"seconds\":10,\"text\":\"10 detik\"}");
  assert_contains(j, "\"standard\":{\"kind\":\"workdays_before\",\"days\":7,\"event\":\"training_start\",\"text\":\"7 hari kerja sebelum mulai pelatihan\"}");
  assert_contains(j, "\"next\":null,\"question\":\"Dapat dijawab?\",\"question_en\":\"Can it be answered?\",\"branches\":{\"yes\":4,\"no\":5}");
  assert_contains(j, "\"next\":\"end\",\"question\":null,\"question_en\":null,\"branches\":{\"done\":\"end\"}");
  assert_contains(j, "\"next\":2,\"question\":null,\"question_en\":null,\"branches\":{\"done\":2}");
  assert_contains(j, "\"items\":[\"Formulir konsultasi\",\"Nomor tiket\"],\"items_en\":[\"The consultation form\",\"The ticket number\"]");
  assert_contains(j, "\"pause\":true");
  assert_contains(j, "\"registers\":[\"consultation\",\"guest_book\"]");
  buf_free(&b);
  procedure_free(p);
}

/* Windows line ends, a byte-order mark, comments, blank lines: all ignored; a code with / makes a slug. */
static void test_crlf_comments_slug(void **state){
  Procedure *p = accepts("code: SOP 01/LPSE.OI/2012\r\ntitle: Registrasi\r\n\r\n# c\r\nrevision: 00\r\n"
                         "step 1\r\n  # a comment inside a step\r\n  text: a\r\n  actor: piket\r\n  time: 2min office\r\n");
  assert_string_equal(p->code, "SOP 01/LPSE.OI/2012");
  assert_string_equal(p->slug, "SOP-01-LPSE.OI-2012");
  assert_string_equal(p->steps[0].text, "a");
  procedure_free(p);
  p = accepts("\xEF\xBB\xBF" HEAD STEP(1));   /* a byte-order mark before line 1 */
  assert_string_equal(p->code, "SOP-UJI-1");
  procedure_free(p);
}

/* ---- every validation rule, with the file and line it names ---- */

/* Unknown keys, at the procedure and at a step. */
static void test_unknown_keys(void **state){
  refuses(HEAD "author: Budi\n" STEP(1), "f.sop:4: unknown key \"author\"");
  refuses(HEAD STEP(1) "  owner: Budi\n", "f.sop:8: unknown step key \"owner\"");
  /* a typo names the key meant; a key of the other place says where it belongs */
  refuses(HEAD "step 1\n  text: a\n  acter: helpdesk\n  time: none\n", "f.sop:6: unknown step key \"acter\": did you mean \"actor\"?");
  refuses(HEAD "titel_en: T\n" STEP(1), "f.sop:4: unknown key \"titel_en\": did you mean \"title_en\"?");
  refuses(HEAD STEP(1) "  tiem: 1h office\n", "f.sop:8: unknown step key \"tiem\": did you mean \"item\" or \"time\"?");
  refuses(HEAD STEP(1) "  xyzzy: 1\n", "f.sop:8: unknown step key \"xyzzy\": the keys are text, text_en, actor,");
  /* a known key written with capitals is named in small letters, and read (no "missing code") */
  Buf errs = BUF_INIT;
  int nerr = 0;
  assert_null(parse("Code: SOP-UJI-1\ntitle: t\nrevision: 00\nstep 1\n  Actor: helpdesk\n  text: a\n  time: none\n", &errs, &nerr));
  assert_string_equal(buf_str(&errs), "f.sop:1: \"Code\": keys are written in small letters: code\n"
                                      "f.sop:5: \"Actor\": keys are written in small letters: actor\n");
  assert_int_equal(nerr, 2);
  buf_free(&errs);
  /* a dash or a digit in a key is an unknown key, with the key meant */
  refuses(HEAD "step 1\n  text: a\n  text-en: A\n  actor: helpdesk\n  time: none\n", "f.sop:6: unknown step key \"text-en\": did you mean \"text_en\"?");
  refuses(HEAD "Author: Budi\n" STEP(1), "f.sop:4: unknown key \"Author\": the keys are code,");
  refuses(HEAD "text: a\n" STEP(1), "f.sop:4: \"text\" is a step key: it belongs under a \"step N\" line, indented by two spaces");
  refuses(HEAD STEP(1) "  purpose: p\n", "f.sop:8: \"purpose\" is a procedure key: it comes before step 1, not indented");
  /* the usual channel is one of a case's */
  refuses(HEAD "channel: fax\n" STEP(1), "f.sop:4: channel: \"fax\" is not a channel: phone, email, walk_in, portal or letter");
}

/* Missing required keys: of the procedure at line 1, of a step at its "step N" line. */
static void test_missing_required(void **state){
  refuses("title: t\nrevision: 00\n" STEP(1), "f.sop:1: missing required key \"code\"");
  refuses("code: c\nrevision: 00\n" STEP(1), "f.sop:1: missing required key \"title\"");
  refuses("code: c\ntitle: t\n" STEP(1), "f.sop:1: missing required key \"revision\"");
  refuses(HEAD "step 1\n  actor: helpdesk\n  time: none\n", "f.sop:4: step 1: missing required key \"text\"");
  refuses(HEAD STEP(1) "step 2\n  text: b\n  time: none\n", "f.sop:8: step 2: missing required key \"actor\"");
  refuses(HEAD STEP(1) "step 2\n  text: b\n  actor: helpdesk\n", "f.sop:8: step 2: missing required key \"time\"");
  refuses(HEAD, "f.sop:3: no steps");
}

/* Values that do not parse: time, task time, date, numbers, yes/no, registers. */
static void test_values_that_do_not_parse(void **state){
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: 10 menit\n", "f.sop:7: time: \"10 menit\"");
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: 10s\n", "f.sop:7: time: \"10s\": say whether");
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: 1h after lunch\n", "f.sop:7: time: \"1h after lunch\": unknown event");
  refuses(HEAD STEP(1) "  task: Materi | 2 workdays before\n", "f.sop:8: task: time \"2 workdays before\"");
  /* a deadline in working days without its event, or in Indonesian words: how to write it */
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: 2 workdays before\n",
          "f.sop:7: time: \"2 workdays before\": a deadline in working days is N workdays before EVENT, e.g. 2 workdays before training_start");
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: 2 hari kerja sebelum\n",
          "f.sop:7: time: \"2 hari kerja sebelum\": a deadline in working days is N workdays before EVENT");
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: 5 workdays\n", "a duration of office time is DURATION office, e.g. 2h office");
  refuses(HEAD STEP(1) "  task: Materi tanpa waktu\n", "f.sop:8: task: write TEXT | TIME");
  refuses(HEAD STEP(1) "  task:  | 10s real\n", "f.sop:8: task: the text before | is empty");
  refuses(HEAD "effective: 8 Januari 2017\n" STEP(1), "f.sop:4: effective: \"8 Januari 2017\" is not a date");
  refuses(HEAD "effective: 2017-02-29\n" STEP(1), "f.sop:4: effective: \"2017-02-29\"");
  refuses(HEAD STEP(1) "  next: dua\n", "f.sop:8: next: \"dua\" is not a step number nor end\n");
  refuses(HEAD STEP(1) "  question: q?\n  yes: dua\n  no: end\n", "f.sop:9: yes: \"dua\" is not a step number, end nor back");
  refuses(HEAD STEP(1) "  pause: kadang\n", "f.sop:8: pause: \"kadang\" must be yes or no");
  refuses(HEAD STEP(1) "  outside: 1\n", "f.sop:8: outside: \"1\" must be yes or no");
  refuses(HEAD STEP(1) "  register: buku_tamu\n", "f.sop:8: register: \"buku_tamu\" is not a register");
  refuses(HEAD "title_en:\n" STEP(1), "f.sop:4: title_en has no value");
  refuses(HEAD "this is not a key\n" STEP(1), "f.sop:4: expected \"key: value\"");
}

/* A key that does not repeat, given twice. */
static void test_key_twice(void **state){
  refuses(HEAD "title: lagi\n" STEP(1), "f.sop:4: title given twice (first at line 2)");
  refuses(HEAD STEP(1) "  time: 10s real\n", "f.sop:8: time given twice in step 1 (first at line 7)");
}

/* Steps numbered 1..N in order, without gaps. */
static void test_step_numbering(void **state){
  refuses(HEAD STEP(2), "f.sop:4: step 2 out of order: expected step 1");
  refuses(HEAD STEP(1) STEP(3), "f.sop:8: step 3 out of order: expected step 2");
  refuses(HEAD STEP(1) STEP(1), "f.sop:8: step 1 given twice: step 1 is already at line 4");
  refuses(HEAD STEP(1) STEP(2) STEP(2) STEP(3), "f.sop:12: step 2 given twice: step 2 is already at line 8");
  refuses(HEAD "step satu\n  text: a\n  actor: helpdesk\n  time: none\n", "f.sop:4: expected \"step N\"");
  /* "Step 1", "STEP 2", "step3": one error at that line, read as the step (its keys are not "before step 1") */
  const char *caps = HEAD "Step 1\n  text: a\n  actor: helpdesk\n  time: none\nSTEP 2\n  text: b\n  actor: helpdesk\n  time: none\n"
                     "step3\n  text: c\n  actor: helpdesk\n  time: none\n";
  Buf errs = BUF_INIT;
  int nerr = 0;
  assert_null(parse(caps, &errs, &nerr));
  assert_string_equal(buf_str(&errs),
    "f.sop:4: write a step's line as \"step N\": the word step in small letters, a space, then the number\n"
    "f.sop:8: write a step's line as \"step N\": the word step in small letters, a space, then the number\n"
    "f.sop:12: write a step's line as \"step N\": the word step in small letters, a space, then the number\n");
  assert_int_equal(nerr, 3);
  buf_free(&errs);
}

/* Lines in the wrong place: indentation and order. */
static void test_layout(void **state){
  refuses(HEAD "  text: a\n" STEP(1), "f.sop:4: an indented line before step 1");
  refuses(HEAD STEP(1) "note: late\n", "f.sop:8: \"note\" after the steps");
  refuses(HEAD "step 1\n    text: a\n  actor: helpdesk\n  time: none\n", "f.sop:5: step keys are indented by exactly two spaces");
  refuses(HEAD "step 1\n\ttext: a\n  actor: helpdesk\n  time: none\n", "f.sop:5: indent with spaces, not tabs");
}

/* A next, yes or no that names no step. */
static void test_dangling_targets(void **state){
  refuses(HEAD STEP(1) "  next: 9\n", "f.sop:8: step 1: \"next: 9\" names step 9, which does not exist");
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: none\n  question: q?\n  yes: 5\n  no: end\n",
          "f.sop:9: step 1: \"yes: 5\" names step 5");
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: none\n  question: q?\n  yes: end\n  no: 7\n",
          "f.sop:10: step 1: \"no: 7\" names step 7");
}

/* A standard counted from a step's end names a step of the file, not its own, and not in a task. */
static void test_after_step(void **state){
  Procedure *p = accepts(HEAD STEP(1) "step 2\n  text: b\n  actor: helpdesk\n  time: 10min office after step 1\n");
  assert_int_equal(p->steps[1].std.kind, STD_AFTER_STEP);
  assert_int_equal(p->steps[1].std.step, 1);
  procedure_free(p);
  refuses(HEAD STEP(1) "step 2\n  text: b\n  actor: helpdesk\n  time: 10min office after step 9\n",
          "f.sop:11: step 2: time counts from step 9, which does not exist (the last is 2)");
  refuses(HEAD STEP(1) "step 2\n  text: b\n  actor: helpdesk\n  time: 10min office after step 2\n",
          "f.sop:11: step 2: time counts from the step's own end");
  refuses(HEAD STEP(1) "  task: a | 5min office after step 1\n",
          "f.sop:8: task: time \"5min office after step 1\": a task's time cannot count from a step's end");
}

/* A decision needs yes and no, and takes no next; yes and no need a question. */
static void test_decisions(void **state){
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: none\n  question: q?\n  yes: end\n",
          "f.sop:4: step 1: a decision (question) needs no");
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: none\n  question: q?\n  no: end\n",
          "f.sop:4: step 1: a decision (question) needs yes");
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: none\n  question: q?\n  yes: end\n  no: end\n  next: end\n",
          "f.sop:11: step 1: a decision has yes and no, not next");
  refuses(HEAD STEP(1) "  yes: end\n", "f.sop:8: step 1: yes without a question");
  refuses(HEAD STEP(1) "  question_en: Done?\n", "f.sop:8: step 1: question_en without a question");
  /* an item's English pairs with the item in its place: one for each item, or none */
  refuses(HEAD STEP(1) "  item: Formulir\n  item: Tiket\n  item_en: The form\n",
          "f.sop:10: step 1: 1 item_en for 2 item(s): give each item its item_en, in the same order, or none");
  refuses(HEAD STEP(1) "  item_en: The form\n", "f.sop:8: step 1: 1 item_en for 0 item(s): give each item its item_en, in the same order, or none");
  refuses(HEAD STEP(1) "  no: end\n", "f.sop:8: step 1: no without a question");
}

/* What a field naming no role is told lists every role, as written and in their order. */
static void test_role_unknown_msg(void **state){
  (void)state;
  Buf all = BUF_INIT;
  for(int i=0; i<ROLE_COUNT; i++) buf_printf(&all, "%R%R", i ? ", " : "", role_names[i]);
  assert_contains(role_unknown_msg, buf_str(&all));
  buf_free(&all);
}

/* An actor that is not a role of Loket (nor requester). */
static void test_actor_not_a_role(void **state){
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk, satpam\n  time: none\n",
          "f.sop:6: actor: \"satpam\" is not a role of Loket (nor requester)");
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk,,piket\n  time: none\n", "f.sop:6: actor: an empty name");
  /* the roles it may name are said; one written with capitals is named as it is written */
  refuses(HEAD "step 1\n  text: a\n  actor: satpam\n  time: none\n",
          "f.sop:6: actor: \"satpam\" is not a role of Loket (nor requester): admin, pengarah, ketua, sekretaris,"
          " admin_agency, verifikator, helpdesk, trainer, piket, staf, penyedia, ppk, pokja, pejabat_pengadaan, lkpp");
  refuses(HEAD "step 1\n  text: a\n  actor: Helpdesk, Requester\n  time: none\n",
          "f.sop:6: actor: \"Helpdesk\": roles are written in small letters: helpdesk");
  refuses(HEAD "step 1\n  text: a\n  actor: Helpdesk, Requester\n  time: none\n",
          "f.sop:6: actor: \"Requester\": roles are written in small letters: requester");
  /* roles written apart by spaces: the list with commas is said; a word not a role, the roles */
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk piket\n  time: none\n",
          "f.sop:6: actor: \"helpdesk piket\": roles are separated by commas: helpdesk,piket");
  refuses(HEAD "step 1\n  text: a\n  actor: Helpdesk Requester\n  time: none\n",
          "f.sop:6: actor: \"Helpdesk Requester\": roles are written in small letters and separated by commas:"
          " helpdesk,requester");
  refuses(HEAD "step 1\n  text: a\n  actor: helpdesk satpam\n  time: none\n",
          "f.sop:6: actor: \"helpdesk satpam\" is not a role of Loket (nor requester): admin,");
  Procedure *p = accepts(HEAD "step 1\n  text: a\n  actor: requester, penyedia, trainer, lkpp\n  time: none\n");
  assert_int_equal(p->steps[0].actors.n, 4);
  procedure_free(p);
}

/* A step not reachable from step 1, unless it is outside a case's flow. */
static void test_unreachable(void **state){
  refuses(HEAD STEP(1) "  next: end\n" STEP(2), "f.sop:9: step 2 is not reachable from step 1");
  Procedure *p = accepts(HEAD STEP(1) "  next: end\n" STEP(2) "  outside: yes\n");
  procedure_free(p);
}

/* No step leads to the end. */
static void test_no_end(void **state){
  refuses(HEAD STEP(1) STEP(2) "  next: 1\n", "f.sop:8: no way to end: no step leads to end");
}

/* The end written in any case (End, END, as a hand types it) is the end, in next and in an answer;
** "ending" is not. */
static void test_end_any_case(void **state){
  Procedure *p = accepts(HEAD STEP(1) "  next: End\n" STEP(2) "  outside: yes\n  next: END\n");
  assert_int_equal(procedure_next(p, &p->steps[0]), STEP_END);
  assert_int_equal(procedure_next(p, &p->steps[1]), STEP_END);
  procedure_free(p);
  p = accepts(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: none\n  question: q?\n  yes: eNd\n  no: 2\n" STEP(2));
  assert_int_equal(p->steps[0].yes_to, STEP_END);
  procedure_free(p);
  refuses(HEAD STEP(1) "  next: ending\n", "f.sop:8: next: \"ending\" is not a step number nor end");
}

/* The messages in the reader's language: the file name and the line as ever, the message Indonesian
** for "id", English for "en" (as procedure_parse says it, the command line's). */
static void test_messages_in_lang(void **state){
  static const char text[] = HEAD STEP(1) "  next: 3\n" "  acter: x\n" "step 2\n  text: b\n  actor: helpdesk\n  time: 15 menit\n";
  Buf id = BUF_INIT, en = BUF_INIT, cli = BUF_INIT;
  Procedure *p = 0;
  int nid = 0, nen = 0, ncli = 0;
  assert_int_equal(procedure_parse_lang("f.sop", text, sizeof text - 1, "id", &p, &id, &nid), ERR_INVALID);
  assert_int_equal(procedure_parse_lang("f.sop", text, sizeof text - 1, "en", &p, &en, &nen), ERR_INVALID);
  assert_int_equal(procedure_parse("f.sop", text, sizeof text - 1, &p, &cli, &ncli), ERR_INVALID);
  assert_int_equal(nid, nen);
  assert_int_equal(nen, ncli);
  assert_string_equal(buf_str(&en), buf_str(&cli));
  assert_contains(buf_str(&en), "f.sop:9: unknown step key \"acter\": did you mean \"actor\"?\n");
  assert_contains(buf_str(&id), "f.sop:9: kunci langkah \"acter\" tidak dikenal: maksud Anda \"actor\"?\n");
  assert_contains(buf_str(&en), "f.sop:8: step 1: \"next: 3\" names step 3, which does not exist (the last is 2)\n");
  assert_contains(buf_str(&id), "f.sop:8: langkah 1: \"next: 3\" menunjuk langkah 3, yang tidak ada (langkah terakhir 2)\n");
  assert_contains(buf_str(&id), "f.sop:13: time: \"15 menit\": kata-katanya berbahasa Inggris");
  assert_contains(buf_str(&en), "f.sop:13: time: \"15 menit\": the words are English");
  buf_free(&id);
  buf_free(&en);
  buf_free(&cli);
}

/* A loop with no way out: a reachable step that cannot reach the end. */
static void test_loop_without_exit(void **state){
  /* 1 → yes: end, no: 2; 2 → 3; 3 → 2: steps 2 and 3 loop forever */
  const char *text = HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: none\n  question: q?\n  yes: end\n  no: 2\n"
                     STEP(2) STEP(3) "  next: 2\n";
  refuses(text, "f.sop:11: step 2 cannot reach the end: a loop with no way out");
  refuses(text, "f.sop:15: step 3 cannot reach the end");
  /* a loop back with a way out is fine (the file returned to the applicant, SOPS.md 019) */
  Procedure *p = accepts(HEAD "step 1\n  text: a\n  actor: helpdesk\n  time: none\n  question: lengkap?\n  yes: end\n  no: 2\n"
                         STEP(2) "  pause: yes\n  next: 1\n");
  procedure_free(p);
}

/* "back": an answer returns to the step the case came from. The validator counts every step that
** leads straight to the decision as where it may go; "next: back" is refused. */
static void test_back(void **state){
  /* 1 → 2 (try) yes: end, no: 3; 3 (fixed?) yes: back (to 2), no: end */
  const char *text = HEAD STEP(1)
                     "step 2\n  text: b\n  actor: helpdesk\n  time: none\n  question: berhasil?\n  yes: end\n  no: 3\n"
                     "step 3\n  text: c\n  actor: helpdesk\n  time: none\n  question: teratasi?\n  yes: back\n  no: end\n";
  Procedure *p = accepts(text);
  assert_int_equal(p->steps[2].yes_to, STEP_BACK);
  int from[4];
  assert_int_equal(procedure_back_targets(p, &p->steps[2], from, 4), 1);
  assert_int_equal(from[0], 2);
  Buf j = BUF_INIT;
  procedure_json(&j, p, "id");
  assert_non_null(strstr(buf_str(&j), "\"branches\":{\"yes\":\"back\",\"no\":\"end\"}"));
  buf_free(&j);
  procedure_free(p);
  /* back is the only way on from a loop that cannot end: still a loop with no way out */
  refuses(HEAD STEP(1) "step 2\n  text: b\n  actor: helpdesk\n  time: none\n  question: q?\n  yes: back\n  no: back\n",
          "no way to end");
  refuses(HEAD STEP(1) "  next: back\n", "f.sop:8: next: back is for a decision's yes or no");
}

/* A file that is empty (or only comments), or not text at all: one error at line 1, not one per
** missing key or per line; a byte-order mark and CRLF line endings (as Windows editors save) are
** read as the same file without them. */
static void test_empty_binary_bom_crlf(void **state){
  Buf errs = BUF_INIT;
  int nerr = 0;
  assert_null(parse("", &errs, &nerr));
  assert_int_equal(nerr, 1);
  assert_string_equal(buf_str(&errs), "f.sop:1: the file is empty: a procedure has code:, title:, revision: and at least \"step 1\"\n");
  buf_reset(&errs);
  assert_null(parse("# nothing yet\n\n", &errs, &nerr));
  assert_int_equal(nerr, 1);
  buf_reset(&errs);
  Procedure *p = 0;
  static const char bin[] = "\x7f" "ELF\x02\x01\x01\0\0\0code: x\n";
  assert_int_equal(procedure_parse("f.sop", bin, sizeof bin - 1, &p, &errs, &nerr), ERR_INVALID);
  assert_null(p);
  assert_int_equal(nerr, 1);
  assert_string_equal(buf_str(&errs), "f.sop:1: not a text file (it holds NUL bytes): a procedure is plain UTF-8 text, see docs/sop-format.md\n");
  buf_free(&errs);
  Procedure *bom = accepts("\xEF\xBB\xBF" HEAD STEP(1));
  Procedure *crlf = accepts("code: SOP-UJI\r\ntitle: Uji\r\nrevision: 00\r\nstep 1\r\n  text: a\r\n  actor: helpdesk\r\n  time: 10min office\r\n");
  assert_string_equal(bom->code, "SOP-UJI-1");
  assert_string_equal(crlf->title, "Uji");
  assert_string_equal(crlf->steps[0].text, "a");
  assert_int_equal(crlf->steps[0].std.seconds, 600);
  procedure_free(bom);
  procedure_free(crlf);
}

/* Text no editor of plain text saves as UTF-8 with LF or CRLF: UTF-16 ("Unicode" in Notepad) and
** lines ending in CR alone are one error at line 1; a control character, a CR alone within a line
** or a byte-order mark within the text is refused at its line (an escape would reach the terminal's
** table and the pages); a tab within a value is text. */
static void test_control_characters(void **state){
  Buf errs = BUF_INIT;
  int nerr = 0;
  Procedure *p = 0;
  static const char u16[] = "\xFF\xFE" "c\0o\0d\0e\0";
  assert_int_equal(procedure_parse("f.sop", u16, sizeof u16 - 1, &p, &errs, &nerr), ERR_INVALID);
  assert_int_equal(nerr, 1);
  assert_string_equal(buf_str(&errs), "f.sop:1: the file is UTF-16 text (\"Unicode\" in Notepad's Save As): save it as UTF-8\n");
  assert_null(parse("# SOP\rcode: SOP-UJI-1\rtitle: t\rrevision: 00\rstep 1\r  text: a\r  actor: helpdesk\r  time: none\r", &errs, &nerr));
  assert_int_equal(nerr, 1);
  assert_string_equal(buf_str(&errs), "f.sop:1: the lines end in CR alone (an old Mac line end): save the file with LF or CRLF line ends\n");
  refuses(HEAD "step 1\n  text: a \x1B[31mmerah\n  actor: helpdesk\n  time: none\n",
          "f.sop:5: an invisible control character (U+001B) in the line: a procedure is plain text; delete it");
  refuses("code: SOP-UJI-1\ntitle: t\x07\nrevision: 00\n" STEP(1), "f.sop:2: an invisible control character (U+0007)");
  refuses(HEAD "step 1\n  text: a\xC2\x85" "b\n  actor: helpdesk\n  time: none\n", "f.sop:5: an invisible control character (U+0085)");
  refuses("code: SOP-UJI-1\r\ntitle: t\rrevision: 00\r\n" STEP(1), "f.sop:2: a line break of CR alone (an old Mac line end) within the line");
  refuses("\xEF\xBB\xBF" "code: SOP-UJI-1\n\xEF\xBB\xBF" "title: t\nrevision: 00\n" STEP(1),
          "f.sop:2: an invisible byte-order mark (U+FEFF) within the text");
  /* a revision stored before the rule: still read, so the cases open under it keep it */
  static const char old[] = HEAD "step 1\n  text: a \x1B[31mmerah\n  actor: helpdesk\n  time: none\n";
  assert_int_equal(procedure_parse_stored("f.sop", old, sizeof old - 1, &p, &errs, &nerr), OK);
  assert_string_equal(p->steps[0].text, "a \x1B[31mmerah");
  procedure_free(p);
  Procedure *tab = accepts(HEAD "step 1\n  text: a\tb caf\xC3\xA9 \xE2\x80\x94 \xE6\x9D\xB1\n  actor: helpdesk\n  time: none\n");
  assert_string_equal(tab->steps[0].text, "a\tb caf\xC3\xA9 \xE2\x80\x94 \xE6\x9D\xB1");
  procedure_free(tab);
  buf_free(&errs);
}

/* A time standard written as staff would first write it is refused with the form to write. */
static void test_standard_reasons(void **state){
  static const struct { const char *std, *why; } cases[] = {
    { "0min office", "a duration of 0 is no standard: write none, or a duration of at least 1" },
    { "00s real", "a duration of 0 is no standard" },
    { "99999999min office", "the number of a duration has at most 7 digits" },
    { "15 jam kerja", "the words are English: s, min or h (detik, menit, jam)" },
    { "10 menit", "the words are English" },
    { "1.5h office", "a duration is a whole number and a unit s, min or h, with no space" },
  };
  for(size_t i=0; i<COUNT(cases); i++){
    Standard s;
    const char *why = 0;
    if( sop_standard_parse(cases[i].std, &s, &why)==OK ) fail_msg("\"%s\" was accepted", cases[i].std);
    assert_contains(why, cases[i].why);
  }
}

/* Every error of a file is reported, not only the first. */
static void test_all_errors_collected(void **state){
  Buf errs = BUF_INIT;
  int nerr = 0;
  Procedure *p = parse("code: c\nrevision: 00\nauthor: x\nstep 1\n  text: a\n  actor: tukang\n  time: soon\n", &errs, &nerr);
  assert_null(p);
  assert_int_equal(nerr, 4);
  assert_contains(buf_str(&errs), "f.sop:3: unknown key \"author\": the keys are code, title,");
  assert_contains(buf_str(&errs), "f.sop:6: actor: \"tukang\"");
  assert_contains(buf_str(&errs), "f.sop:7: time: \"soon\"");
  assert_contains(buf_str(&errs), "f.sop:1: missing required key \"title\"\n");
  buf_free(&errs);
}

/* ---- revisions in the database ---- */

/* The same text keeps its revision; a changed text is a new one; both are kept, each audited. */
static void test_store_revisions(void **state){
  Db *db = tempdb(state);
  const char *a = HEAD STEP(1);
  const char *b = HEAD STEP(1) STEP(2);
  Buf errs = BUF_INIT;
  Procedure *p = parse(a, &errs, 0);
  assert_non_null(p);
  assert_int_equal(sop_store(db, p, 0, 0), OK);
  assert_int_equal(p->revision_no, 1);
  int64_t first = p->id;
  assert_true(first>0);
  procedure_free(p);

  p = parse(a, &errs, 0);
  assert_int_equal(sop_store(db, p, 0, 0), OK);
  assert_int_equal(p->revision_no, 1);
  assert_int_equal(p->id, first);
  procedure_free(p);

  p = parse(b, &errs, 0);
  /* the changed text is said in the log too: stderr caught in a file for the call */
  char logf[] = "/tmp/loket-test-sop-log.XXXXXX";
  int fd = mkstemp(logf), saved = dup(2);
  assert_true(fd>=0 && saved>=0);
  dup2(fd, 2);
  log_set_quiet(0);
  int rc = sop_store(db, p, 0, 0);
  log_set_quiet(1);
  dup2(saved, 2);
  close(saved);
  assert_int_equal(rc, OK);
  assert_int_equal(p->revision_no, 2);
  assert_true(p->id!=first);
  char said[512] = "";
  ssize_t k = pread(fd, said, sizeof said - 1, 0);
  said[k>0 ? k : 0] = 0;
  close(fd);
  unlink(logf);
  assert_non_null(strstr(said, "info procedure SOP-UJI-1 changed ("));
  assert_non_null(strstr(said, "revision 2 stored; open cases keep the revision they started under"));
  procedure_free(p);

  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM procedure WHERE code='SOP-UJI-1'"), 2);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM procedure WHERE code='SOP-UJI-1' AND revision_no=1"
                                      " AND body LIKE '%Langkah 1%' AND body NOT LIKE '%Langkah 2%'"), 1);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='sop.load' AND object='SOP-UJI-1'"), 2);
  char err[256];
  int64_t rows;
  assert_int_equal(audit_verify(db, &rows, err, sizeof err), OK);
  buf_free(&errs);
}

/* The procedures compiled into the binary are all valid, stored once, and found by code or slug. */
static void test_library_embedded(void **state){
  Db *db = tempdb(state);
  Buf errs = BUF_INIT;
  if( sop_library_load(db, &errs)!=OK ) fail_msg("the embedded procedures: %s", buf_str(&errs));
  int n = sop_library_count();
  int64_t audits = unit_query_int(db, "SELECT count(*) FROM audit WHERE action='sop.load'");
  assert_int_equal(audits, n);
  assert_int_equal(sop_library_load(db, &errs), OK);   /* loading again adds nothing */
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='sop.load'"), n);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM procedure"), n);
  for(int i=0; i<n; i++){
    const Procedure *p = sop_library_at(i);
    assert_int_equal(p->revision_no, 1);
    assert_ptr_equal(sop_library_find(p->code), p);
    assert_ptr_equal(sop_library_find(p->slug), p);
    if( i ) assert_true(strcmp(sop_library_at(i-1)->code, p->code)<0);
  }
  assert_null(sop_library_find("SOP-TIDAK-ADA"));
  assert_null(sop_library_find(0));
  sop_library_free();
  assert_int_equal(sop_library_count(), 0);
  buf_free(&errs);
}

/* A file that does not load is left out, the others loaded: a code stored before is served at its
** latest stored revision, one never stored is not served; nothing is stored for either. */
static void test_library_broken_file(void **state){
  Db *db = tempdb(state);
  static const char good[] = HEAD STEP(1) STEP(2);
  static const char other[] = "code: SOP-UJI-2\ntitle: Lain\nrevision: 00\n" STEP(1);
  static const char broken[] = HEAD STEP(1) "  actor: satpam\n";
  static const char fresh[] = "code: SOP-UJI-3\ntitle: Baru\nrevision: 00\nstep 1\n  text: a\n";
  Buf errs = BUF_INIT;
  Embedded v1[] = { { "sop/uji-1.sop", (const unsigned char*)good, sizeof good - 1 },
                    { "sop/uji-2.sop", (const unsigned char*)other, sizeof other - 1 } };
  assert_int_equal(sop_library_load_files(db, v1, 2, &errs), OK);
  assert_int_equal(errs.n, 0);
  assert_int_equal(sop_library_count(), 2);
  Embedded v2[] = { { "sop/uji-1.sop", (const unsigned char*)broken, sizeof broken - 1 },
                    { "sop/uji-2.sop", (const unsigned char*)other, sizeof other - 1 },
                    { "sop/uji-3.sop", (const unsigned char*)fresh, sizeof fresh - 1 } };
  assert_int_equal(sop_library_load_files(db, v2, 3, &errs), OK);
  assert_contains(buf_str(&errs), "sop/uji-1.sop:8: actor given twice in step 1");
  assert_contains(buf_str(&errs), "sop/uji-1.sop: not loaded; procedure SOP-UJI-1 stays at its stored revision 1\n");
  assert_contains(buf_str(&errs), "sop/uji-3.sop:4: step 1: missing required key \"actor\"");
  assert_contains(buf_str(&errs), "sop/uji-3.sop: not loaded: no case of it can be opened until the file is fixed\n");
  assert_int_equal(sop_library_count(), 2);
  const Procedure *p = sop_library_find("SOP-UJI-1");
  assert_non_null(p);
  assert_int_equal(p->revision_no, 1);
  assert_int_equal(p->nsteps, 2);
  assert_ptr_equal(sop_library_find("uji-1"), p);   /* its short name still from its file */
  assert_null(sop_library_find("SOP-UJI-3"));
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM procedure"), 2);
  /* a second file of a code already loaded: left out, the first served; a broken file with a
  ** byte-order mark still finds its stored revision */
  static const char bom_broken[] = "\xEF\xBB\xBF" HEAD STEP(1) "  time: kapan\n";
  Embedded v3[] = { { "sop/uji-2.sop", (const unsigned char*)other, sizeof other - 1 },
                    { "sop/uji-2b.sop", (const unsigned char*)other, sizeof other - 1 },
                    { "sop/uji-1.sop", (const unsigned char*)bom_broken, sizeof bom_broken - 1 } };
  buf_reset(&errs);
  assert_int_equal(sop_library_load_files(db, v3, 3, &errs), OK);
  assert_contains(buf_str(&errs), "sop/uji-2b.sop:1: code SOP-UJI-2 is also the code of sop/uji-2.sop (line 1)");
  assert_contains(buf_str(&errs), "sop/uji-2b.sop: not loaded\n");
  assert_contains(buf_str(&errs), "sop/uji-1.sop: not loaded; procedure SOP-UJI-1 stays at its stored revision 1\n");
  assert_int_equal(sop_library_count(), 2);
  /* without a database: left out, nothing to fall back on */
  buf_reset(&errs);
  assert_int_equal(sop_library_load_files(0, v2, 3, &errs), OK);
  assert_contains(buf_str(&errs), "sop/uji-1.sop: not loaded\n");
  assert_int_equal(sop_library_count(), 1);
  sop_library_free();
  buf_free(&errs);
}

/* A revision loaded by an administrator is the current one until another is stored: the file compiled
** in, unchanged since the binary brought it, stores nothing at start (a restart does not undo the
** load); a changed one (a new release) does. A broken file loads nothing; the same text is unchanged. */
static void test_load_and_restart(void **state){
  Db *db = tempdb(state);
  static const char a[] = HEAD STEP(1);
  static const char b[] = HEAD STEP(1) STEP(2);
  static const char c[] = HEAD STEP(1) STEP(2) STEP(3);
  static const char fresh[] = "code: SOP-UJI-9\ntitle: Baru\nrevision: 00\n" STEP(1);
  Buf errs = BUF_INIT;
  Embedded bin[] = { { "sop/uji-1.sop", (const unsigned char*)a, sizeof a - 1 } };
  assert_int_equal(sop_library_load_files(db, bin, 1, &errs), OK);
  assert_int_equal(sop_library_find("SOP-UJI-1")->revision_no, 1);
  assert_string_equal(sop_library_find("SOP-UJI-1")->source, "built-in");
  /* loaded: b and a new procedure, served at once */
  Actor who = { 7, "admin", 0, "" };
  SopText files[] = { { "uji-1.sop", b, sizeof b - 1 }, { "dir/uji-9-baru.sop", fresh, sizeof fresh - 1 } };
  const Procedure *out[2];
  int stored[2];
  assert_int_equal(sop_load(db, &who, "en", files, 2, &errs, out, stored), OK);
  assert_int_equal(stored[0], 1);
  assert_int_equal(out[0]->revision_no, 2);
  assert_string_equal(out[0]->source, "loaded");
  assert_int_equal(stored[1], 1);
  assert_int_equal(out[1]->revision_no, 1);
  assert_ptr_equal(sop_library_find("SOP-UJI-1"), out[0]);
  assert_ptr_equal(sop_library_find("uji-9"), out[1]);   /* its short name from the file's name */
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM audit WHERE action='sop.load' AND actor='admin'"), 2);
  /* the same text again: unchanged */
  assert_int_equal(sop_load(db, &who, "en", files, 1, &errs, out, stored), OK);
  assert_int_equal(stored[0], 0);
  assert_int_equal(out[0]->revision_no, 2);
  /* a broken file beside a good one: nothing stored, its errors by line */
  static const char broken[] = HEAD STEP(1) "  actor: satpam\n";
  SopText two[] = { { "uji-1.sop", c, sizeof c - 1 }, { "rusak.sop", broken, sizeof broken - 1 } };
  assert_int_equal(sop_load(db, &who, "en", two, 2, &errs, out, stored), ERR_INVALID);
  const char *z = buf_str(&errs), *msg;
  int line, len;
  assert_int_equal(sop_error_next("rusak.sop", &z, &line, &msg, &len), 1);
  assert_int_equal(line, 8);
  assert_true(strncmp(msg, "actor given twice in step 1", 27)==0);
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM procedure WHERE code='SOP-UJI-1'"), 2);
  /* a restart with the same binary: the loaded revision stays the current one */
  buf_reset(&errs);
  assert_int_equal(sop_library_load_files(db, bin, 1, &errs), OK);
  assert_int_equal(errs.n, 0);
  assert_int_equal(sop_library_find("SOP-UJI-1")->revision_no, 2);
  assert_non_null(sop_library_find("SOP-UJI-9"));
  assert_int_equal(unit_query_int(db, "SELECT count(*) FROM procedure WHERE code='SOP-UJI-1'"), 2);
  /* a new release with the file changed: stored, and current */
  Embedded rel[] = { { "sop/uji-1.sop", (const unsigned char*)c, sizeof c - 1 } };
  assert_int_equal(sop_library_load_files(db, rel, 1, &errs), OK);
  const Procedure *p = sop_library_find("SOP-UJI-1");
  assert_int_equal(p->revision_no, 3);
  assert_string_equal(p->source, "built-in");
  assert_int_equal(p->nsteps, 3);
  sop_library_free();
  buf_free(&errs);
}

/* The library read again when another process stored a revision: procedure's highest id changed. */
static void test_library_refresh(void **state){
  Db *db = tempdb(state);
  static const char a[] = HEAD STEP(1);
  static const char b[] = HEAD STEP(1) STEP(2);
  Buf errs = BUF_INIT;
  Embedded bin[] = { { "sop/uji-1.sop", (const unsigned char*)a, sizeof a - 1 } };
  assert_int_equal(sop_library_load_files(db, bin, 1, &errs), OK);
  const Procedure *before = sop_library_find("SOP-UJI-1");
  assert_int_equal(sop_library_refresh(db), OK);   /* nothing changed: the same library */
  assert_ptr_equal(sop_library_find("SOP-UJI-1"), before);
  Procedure *p = parse(b, &errs, 0);   /* stored as another process would, the library not told */
  Actor who = { 0, "cli", 0, "" };
  int stored = 0;
  assert_int_equal(sop_store(db, p, &who, &stored), OK);
  assert_int_equal(stored, 1);
  procedure_free(p);
  assert_ptr_equal(sop_library_find("SOP-UJI-1"), before);
  assert_int_equal(sop_library_refresh(db), OK);
  const Procedure *now = sop_library_find("SOP-UJI-1");
  assert_int_equal(now->revision_no, 2);
  assert_int_equal(now->nsteps, 2);
  assert_int_equal(before->revision_no, 1);   /* the one a request may hold is still readable */
  sop_library_free();
  buf_free(&errs);
}

/* Quiet logs and a working libsodium (sha256). */

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_standard_forms),
    cmocka_unit_test(test_standard_refused),
    cmocka_unit_test(test_standard_near_misses),
    cmocka_unit_test(test_standard_words),
    cmocka_unit_test(test_valid_round_trip),
    cmocka_unit_test(test_crlf_comments_slug),
    cmocka_unit_test(test_unknown_keys),
    cmocka_unit_test(test_missing_required),
    cmocka_unit_test(test_values_that_do_not_parse),
    cmocka_unit_test(test_key_twice),
    cmocka_unit_test(test_step_numbering),
    cmocka_unit_test(test_layout),
    cmocka_unit_test(test_dangling_targets),
    cmocka_unit_test(test_decisions),
    cmocka_unit_test(test_after_step),
    cmocka_unit_test(test_actor_not_a_role),
    cmocka_unit_test(test_role_unknown_msg),
    cmocka_unit_test(test_unreachable),
    cmocka_unit_test(test_no_end),
    cmocka_unit_test(test_end_any_case),
    cmocka_unit_test(test_messages_in_lang),
    cmocka_unit_test(test_loop_without_exit),
    cmocka_unit_test(test_back),
    cmocka_unit_test(test_all_errors_collected),
    cmocka_unit_test(test_empty_binary_bom_crlf),
    cmocka_unit_test(test_control_characters),
    cmocka_unit_test(test_standard_reasons),
    cmocka_unit_test_setup_teardown(test_store_revisions, tempdb_setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_library_embedded, tempdb_setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_library_broken_file, tempdb_setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_load_and_restart, tempdb_setup, tempdb_teardown),
    cmocka_unit_test_setup_teardown(test_library_refresh, tempdb_setup, tempdb_teardown),
  };
  char err[256];
  if( i18n_load(err, sizeof err)!=OK ){ fprintf(stderr, "i18n_load: %s\n", err); return 1; }   /* the messages in Indonesian */
  return cmocka_run_group_tests(tests, unit_group_setup, 0);
}
