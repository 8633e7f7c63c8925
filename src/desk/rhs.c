/*
** rhs.c — .rhs bid files that will not open (SOP 06/LPSE/2012): the Pokja's report, the
** file kept on disk in the data folder with its SHA-256 and size (uploads are streamed,
** never whole in memory), the LPSE's own opening test with the checklist of known causes,
** the request for help to LKPP (an escalation), LKPP's result, and what the LPSE's written
** statement says: the file can or cannot be opened.
*/
#include "helpdesk.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Why a .rhs bid will not open (SOPS.md, "Domain facts"): shown at the LPSE's re-check. */
const RhsCause rhs_causes[] = {
  { "pdf_rusak",       N_("A PDF inside is corrupted or was made with trial software") },
  { "hash_ukuran",     N_("The file's hash or size does not match") },
  { "upload_terputus", N_("The upload was interrupted") },
  { "identitas_lama",  N_("The encryption tool was installed for another company (stale identity)") },
  { "salinan_salah",   N_("The committee used a wrong copy of its tool") },
  { "exe_arsip",       N_("Executables or archives inside") },
  { "nama_ganda",      N_("Duplicate file names inside") },
  { "flash_disk",      N_("Encrypted straight from a flash disk") },
  { 0, 0 },
};

/* The .rhs details of a case into out (files in a); ERR_NOTFOUND when the case has none. */
int rhs_get(Db *db, const Case *c, RhsInfo *out, Arena *a){
  memset(out, 0, sizeof *out);
  Stmt *q = db_prepare(db, "SELECT tender_code, provider, coalesce(lpse_opened,-1), coalesce(lpse_causes,''),"
                           " coalesce(lpse_note,''), coalesce(lpse_by,''), coalesce(lkpp_opened,-1), coalesce(lkpp_note,''),"
                           " coalesce(lpse_at,0), coalesce(request_at,0), coalesce(lkpp_at,0) FROM rhs_check WHERE case_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  int rc = db_step(q);
  if( rc==DB_ROW ){
    out->tender_code = arena_strdup(a, db_col_text(q, 0));
    out->provider = arena_strdup(a, db_col_text(q, 1));
    out->lpse_opened = db_col_int(q, 2);
    out->lpse_causes = arena_strdup(a, db_col_text(q, 3));
    out->lpse_note = arena_strdup(a, db_col_text(q, 4));
    out->lpse_by = arena_strdup(a, db_col_text(q, 5));
    out->lkpp_opened = db_col_int(q, 6);
    out->lkpp_note = arena_strdup(a, db_col_text(q, 7));
    out->lpse_at = db_col_int64(q, 8);
    out->request_at = db_col_int64(q, 9);
    out->lkpp_at = db_col_int64(q, 10);
  }
  db_reset(q);
  if( rc!=DB_ROW ) return rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
  out->conclusion = out->lkpp_opened>=0 ? out->lkpp_opened : out->lpse_opened==1 ? 1 : -1;
  q = db_prepare(db, "SELECT id, name, size, sha256, created_at, created_by FROM rhs_file WHERE case_id=?1 ORDER BY id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  int cap = 0;
  while( (rc = db_step(q))==DB_ROW ){
    out->files = arena_grow(a, out->files, sizeof *out->files, out->nfiles, &cap);
    RhsFile *f = &out->files[out->nfiles++];
    f->id = db_col_int64(q, 0);
    f->name = arena_strdup(a, db_col_text(q, 1));
    f->size = db_col_int64(q, 2);
    f->sha256 = arena_strdup(a, db_col_text(q, 3));
    f->created_at = db_col_int64(q, 4);
    f->created_by = arena_strdup(a, db_col_text(q, 5));
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* The case a report opens (in a): an OI-06 case of the office, the Pokja member its requester. */
static void rhs_case_new(const RhsNew *in, int64_t office_id, CaseNew *cn, Arena *a){
  memset(cn, 0, sizeof *cn);
  cn->office_id = office_id;
  cn->sop = RHS_SOP;
  cn->channel = "letter";
  cn->subject = !util_blank(in->subject) ? in->subject
              : util_utf8_cut(arena_printf(a, "Dokumen penawaran .rhs tidak dapat dibuka: tender %s, %s", in->tender_code,
                                           in->provider), 200, a);   /* a case's subject has at most 200 characters */
  cn->urgency = "mendesak";
  cn->impact = "sedang";
  cn->requester = in->pokja;
}

/* Check a report's fields, nothing read or written: every one wrong is added to e; ERR_CONFLICT
** (field sop) when the only thing wrong is that OI-06 is retired. */
int rhs_open_check(const RhsNew *in, Err *e){
  Err all = {0}, ce = {0};
  Err te = {0};
  if( err_check_text(&all, "tender_code", in->tender_code, 64, TEXT_REQUIRED)==OK
   && ident_spse_code(in->tender_code, "tender_code", &te)!=OK ) err_merge(&all, &te);
  err_check_text(&all, "provider", in->provider, 200, TEXT_REQUIRED);
  int own_wrong = all.msg!=0;
  Arena a;
  arena_init(&a);
  CaseNew cn;
  rhs_case_new(in, 0, &cn, &a);
  int crc = case_check(&cn, &ce);
  if( crc!=OK ) err_merge(&all, &ce);   /* the Pokja member's details, the subject */
  arena_free(&a);
  err_merge(e, &all);
  return all.msg==0 ? OK : crc==ERR_CONFLICT && !own_wrong ? ERR_CONFLICT : ERR_INVALID;
}

/* The Pokja reports a bid file that will not open. */
int rhs_open(Db *db, const Actor *who, const RhsNew *in, Case **out, Err *e){
  *out = 0;
  Err all = {0};   /* every field wrong named at once */
  int crc = rhs_open_check(in, &all);
  if( crc!=OK ){ if( e ) *e = all; return crc; }
  Arena a;
  arena_init(&a);
  CaseNew cn;
  rhs_case_new(in, who->office_id, &cn, &a);
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = case_open(db, who, &cn, out, e);
  if( rc==OK ){
    Stmt *q = db_prepare(db, "INSERT INTO rhs_check(case_id, office_id, tender_code, provider) VALUES(?1,?2,?3,?4)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, (*out)->id);
      db_bind_int64(q, 2, who->office_id);
      db_bind_text(q, 3, in->tender_code);
      db_bind_text(q, 4, in->provider);
      rc = db_run(q);
    }
  }
  if( rc==OK ) rc = audit_write(db, who, "rhs.report", (*out)->number, arena_printf(&a, "tender %s; %s", in->tender_code, in->provider));
  rc = db_tx_end(db, own, rc);
  arena_free(&a);
  if( rc!=OK ){ case_free(*out); *out = 0; }
  return rc;
}

/* 1 when name ends in .rhs (any case). */
static int rhs_named(const char *name){
  size_t n = name ? strlen(name) : 0;
  return n>4 && strcasecmp(name+n-4, ".rhs")==0;
}

/* OK when case c, read again as it is stored now (inside the write transaction: another upload
** or step may have come meanwhile), takes the file of sha256; ERR_CONFLICT naming why not. */
static int rhs_may_add(Db *db, Case *c, const char *sha256, Err *e, Arena *a){
  RhsInfo info;
  int rc = case_refresh(db, c);
  if( rc==OK ) rc = rhs_get(db, c, &info, a);
  if( rc!=OK ) return rc;
  if( strcmp(c->status, "archived")==0 ){ ERR_SET(e, "status", N_("The case is archived")); return ERR_CONFLICT; }
  /* the statement covers what the LPSE tested: nothing is added once its test is written */
  if( strcmp(c->status, "open") || (c->current_step!=1 && c->current_step!=2) ){
    ERR_SET(e, "file", N_("Files are added before the LPSE's test; this case's test is done"));
    return ERR_CONFLICT;
  }
  for(int i=0; i<info.nfiles; i++){
    if( strcmp(info.files[i].sha256, sha256)==0 ){ ERR_SET(e, "file", N_("This file is already kept for the case")); return ERR_CONFLICT; }
  }
  return OK;
}

/* Keep a streamed upload with its SHA-256 and size; the first file completes step 1. */
int rhs_store(Db *db, const Actor *who, Case *c, const char *name, const char *tmp_path, int64_t size,
              const char *sha256, RhsFile *out, Arena *a, Err *e){
  RhsInfo info;
  int rc = rhs_get(db, c, &info, a);
  if( rc==ERR_NOTFOUND ){ ERR_SET(e, "case", N_("This case is not about an .rhs bid file")); return ERR_CONFLICT; }
  if( rc!=OK ) return rc;
  if( tmp_path==0 || size<=0 ){ ERR_SET(e, "file", N_("Choose the .rhs file to upload")); return ERR_INVALID; }
  if( !rhs_named(name) ){ ERR_SET(e, "file", N_("Only .rhs bid files are kept here")); return ERR_INVALID; }
  if( sha256==0 || strlen(sha256)!=64 ){ ERR_SET(e, "file", N_("The upload did not arrive whole")); return ERR_INVALID; }
  const char *clean = name;
  for(const char *p = name; *p; p++) if( *p=='/' || *p=='\\' ) clean = p+1;
  if( strlen(clean)>255 ){ err_set_n(e, "file", N_("This field is too long: at most %d characters"), 255); return ERR_INVALID; }
  char rel[160], dir[4300], path[4400];
  snprintf(rel, sizeof rel, "rhs/%lld/%lld-%.64s.rhs", (long long)c->office_id, (long long)c->id, sha256);
  snprintf(dir, sizeof dir, "%.4090s/rhs/%lld", db_folder(), (long long)c->office_id);
  snprintf(path, sizeof path, "%.4090s/%s", db_folder(), rel);
  if( util_mkdir_p(dir)!=OK ){
    int eno = errno;
    log_error("rhs: cannot create %s: %s", dir, strerror(eno));
    db_fault_note(db_fault_of_errno(eno));   /* a full disk is said as such */
    return ERR_IO;
  }
  if( util_file_move(tmp_path, path)!=OK ){
    int eno = errno;
    log_error("rhs: cannot move %s to %s: %s", tmp_path, path, strerror(eno));
    db_fault_note(db_fault_of_errno(eno));
    return ERR_IO;
  }
  int64_t now = time_now();
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = rhs_may_add(db, c, sha256, e, a);
  Stmt *q = rc==OK ? db_prepare(db, "INSERT INTO rhs_file(office_id, case_id, name, size, sha256, path, created_at, created_by)"
                                      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8) RETURNING id") : 0;
  if( rc==OK && q==0 ) rc = ERR_DB;
  else if( rc==OK ){
    db_bind_int64(q, 1, c->office_id);
    db_bind_int64(q, 2, c->id);
    db_bind_text(q, 3, clean);
    db_bind_int64(q, 4, size);
    db_bind_text(q, 5, sha256);
    db_bind_text(q, 6, rel);
    db_bind_int64(q, 7, now);
    db_bind_text(q, 8, who->username);
    rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
    if( rc==OK ) out->id = db_col_int64(q, 0);
    db_reset(q);
  }
  if( rc==OK && strcmp(c->status, "open")==0 && c->current_step==1 ){
    rc = case_complete_step(db, who, c, 1, "done", case_note_key(a, N_("File %s uploaded (%s bytes, SHA-256 %s)"),
                                                                  clean, arena_printf(a, "%lld", (long long)size), sha256, NULL), e);
  }
  if( rc==OK ) rc = audit_write(db, who, "rhs.file", c->number, arena_printf(a, "%s; %lld bytes; sha256 %s", clean, (long long)size, sha256));
  rc = db_tx_end(db, own, rc);
  if( rc!=OK ){
    /* the same file kept twice has one copy on disk: remove it only when no row names it */
    Stmt *k = db_prepare(db, "SELECT count(*) FROM rhs_file WHERE path=?1");
    int keep = 0;
    if( k ){ db_bind_text(k, 1, rel); if( db_step(k)==DB_ROW ) keep = db_col_int(k, 0)>0; db_reset(k); }
    if( !keep ) unlink(path);
    return rc;
  }
  out->name = arena_strdup(a, clean);
  out->size = size;
  out->sha256 = arena_strdup(a, sha256);
  out->created_at = now;
  out->created_by = who->username;
  return OK;
}

/* The path on disk of a kept file of the case. */
int rhs_file_path(Db *db, const Case *c, int64_t id, RhsFile *out, char *path, size_t n, Arena *a){
  Stmt *q = db_prepare(db, "SELECT name, size, sha256, path, created_at, created_by FROM rhs_file WHERE case_id=?1 AND id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  db_bind_int64(q, 2, id);
  int rc = db_step(q);
  if( rc==DB_ROW ){
    out->id = id;
    out->name = arena_strdup(a, db_col_text(q, 0));
    out->size = db_col_int64(q, 1);
    out->sha256 = arena_strdup(a, db_col_text(q, 2));
    snprintf(path, n, "%s/%s", db_folder(), db_col_text(q, 3));
    out->created_at = db_col_int64(q, 4);
    out->created_by = arena_strdup(a, db_col_text(q, 5));
  }
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* Check a list of cause codes (separated by spaces or commas) into a normalised text, each once. */
static int rhs_causes_check(const char *z, Buf *out, Err *e){
  char word[32];
  while( z && *z ){
    size_t n = strcspn(z, " ,");
    if( n>0 ){
      int ok = 0;
      snprintf(word, sizeof word, "%.*s", (int)(n<31 ? n : 31), z);
      for(int i=0; rhs_causes[i].code; i++) if( n<31 && strcmp(rhs_causes[i].code, word)==0 ) ok = 1;
      if( !ok ){ ERR_SET(e, "causes", N_("names a cause that is not on the checklist")); return ERR_INVALID; }
      /* a cause ticked twice is one cause checked (kept once, as the statement lists it) */
      if( !util_has_word(out->n ? buf_str(out) : "", word) ) buf_printf(out, "%s%s", out->n ? " " : "", word);
    }
    z += n;
    while( *z==' ' || *z==',' ) z++;
  }
  return OK;
}

/* Read case c again as stored now with its .rhs details into info (inside the write transaction:
** another may have moved it on meanwhile): OK when its open step is one of from..to, else
** ERR_CONFLICT naming no, with early when that step is still to come, else late. */
static int rhs_at_step(Db *db, Case *c, int from, int to, const char *early, const char *late, RhsInfo *info,
                       Arena *a, Err *e){
  int rc = case_refresh(db, c);
  if( rc==OK ) rc = rhs_get(db, c, info, a);
  if( rc==ERR_NOTFOUND ){ ERR_SET(e, "case", N_("This case is not about an .rhs bid file")); return ERR_CONFLICT; }
  if( rc!=OK ) return rc;
  int open = strcmp(c->status, "open")==0;
  if( open && c->current_step>=from && c->current_step<=to ) return OK;
  ERR_SET(e, "no", open && c->current_step<from ? early : late);
  return ERR_CONFLICT;
}

/* The LPSE's own opening test (step 2). */
int rhs_test(Db *db, const Actor *who, Case *c, int opened, const char *causes, const char *note, Err *e){
  RhsInfo info;
  Arena a;
  arena_init(&a);
  int rc = err_check_text(e, "note", note, 2000, TEXT_LINES) ? ERR_INVALID : OK;
  Buf cs = BUF_INIT;
  if( rc==OK ) rc = rhs_causes_check(causes, &cs, e);
  int own;
  if( rc==OK ) rc = db_tx_begin(db, &own);
  if( rc!=OK ){ buf_free(&cs); arena_free(&a); return rc; }
  /* before step 2 the file is missing; after it, the test is there already */
  rc = rhs_at_step(db, c, 2, 2, N_("The re-check is step 2: upload the file first"),
                   N_("The LPSE's own test is recorded already: step 2 is done"), &info, &a, e);
  if( rc==OK && info.nfiles==0 ){ ERR_SET(e, "file", N_("Upload the file first")); rc = ERR_CONFLICT; }
  Stmt *q = rc==OK ? db_prepare(db, "UPDATE rhs_check SET lpse_opened=?2, lpse_causes=?3, lpse_note=?4, lpse_at=?5,"
                                      " lpse_by=?6 WHERE case_id=?1") : 0;
  if( rc==OK && q==0 ) rc = ERR_DB;
  else if( rc==OK ){
    db_bind_int64(q, 1, c->id);
    db_bind_int(q, 2, opened ? 1 : 0);
    db_bind_text(q, 3, buf_str(&cs));
    db_bind_text(q, 4, util_blank(note) ? 0 : note);
    db_bind_int64(q, 5, time_now());
    db_bind_text(q, 6, who->username);
    rc = db_run(q);
  }
  /* the step's note in each reader's language: the result and the causes in words, not their codes */
  const char *said = opened ? N_("The file opens at the LPSE") : N_("The file does not open at the LPSE");
  const char *named[16];
  int nn = 0;
  for(int i=0; rhs_causes[i].code && nn<16; i++) if( util_has_word(buf_str(&cs), rhs_causes[i].code) ) named[nn++] = rhs_causes[i].text;
  const char *summary = case_note_key(&a, N_("%s; causes checked: %s; note: %s"), case_note_list(&a, &said, 1),
                                      nn ? case_note_list(&a, named, nn) : "—", util_blank(note) ? "—" : note, NULL);
  /* step 2 asks whether the file opens: opened, the Pokja receives it (step 7); not, LKPP is
  ** asked (step 3). A case under the revision without that question goes on to step 3. */
  const Procedure *p = case_procedure(db, c->procedure_id);
  const Step *s2 = p ? procedure_step(p, 2) : 0;
  const char *outcome = s2 && s2->question ? (opened ? "yes" : "no") : "done";
  if( rc==OK ) rc = case_complete_step(db, who, c, 2, outcome, summary, e);
  if( rc==OK ) rc = audit_write(db, who, "rhs.test", c->number, case_note_text(&a, summary, "en"));
  rc = db_tx_end(db, own, rc);
  buf_free(&cs);
  arena_free(&a);
  return rc;
}

/* The request to LKPP for help (step 3): a disposition and an escalation. */
int rhs_request(Db *db, const Actor *who, const char *tz, const char *national_office, Case *c,
                const char *external_ticket, const char *note, Escalation *out, Arena *a, Err *e){
  if( err_check_text(e, "note", note, 2000, TEXT_LINES) ) return ERR_INVALID;
  RhsInfo info;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = rhs_at_step(db, c, 3, 3, N_("The request to LKPP is step 3: record the LPSE's own test first"),
                   N_("The request to LKPP is past: step 3 is done or the case has ended"), &info, a, e);
  if( rc!=OK ) return db_tx_end(db, own, rc);
  const Register *g = register_at(REG_DISPOSITION);
  RegInput in;
  memset(&in, 0, sizeof in);
  for(int i=0; i<g->nfields; i++){
    if( !strcmp(g->fields[i].name, "case_number") ) in.v[i] = c->number;
    if( !strcmp(g->fields[i].name, "to_role") ) in.v[i] = "sekretaris";
    if( !strcmp(g->fields[i].name, "instruction") )
      in.v[i] = arena_printf(a, "Kirim surat/e-mail permohonan bantuan membuka dokumen penawaran .rhs (tender %s, %s) ke LKPP",
                             info.tender_code, info.provider);
  }
  Buf desc = BUF_INIT;
  buf_printf(&desc, "Dokumen penawaran .rhs penyedia %s pada tender %s tidak dapat dibuka oleh Pokja maupun di LPSE.",
             info.provider, info.tender_code);
  for(int i=0; i<info.nfiles; i++)
    buf_printf(&desc, "\nBerkas: %s, %lld bait, SHA-256 %s", info.files[i].name, (long long)info.files[i].size, info.files[i].sha256);
  if( info.lpse_causes[0] ){   /* in words LKPP reads, not the checklist's codes */
    buf_puts(&desc, "\nPenyebab yang diperiksa di LPSE:");
    for(int i=0; rhs_causes[i].code; i++)
      if( util_has_word(info.lpse_causes, rhs_causes[i].code) ) buf_printf(&desc, "\n- %s", i18n_get("id", rhs_causes[i].text));
  }
  if( !util_blank(note) ) buf_printf(&desc, "\n%s", note);
  EscalationNew en;
  memset(&en, 0, sizeof en);
  en.title = arena_printf(a, "Permohonan bantuan membuka dokumen penawaran .rhs (tender %.60s)", info.tender_code);
  en.application = "SPSE";
  en.tender_code = info.tender_code;
  en.kind = "permintaan_layanan";
  en.description = arena_strdup(a, buf_str(&desc));
  en.external_ticket = external_ticket;
  buf_free(&desc);
  int64_t disp = 0;
  rc = register_add(db, who, g, tz, &in, &disp, e);
  /* the request recorded is the letter sent (step 3 done with it): the sheet is carried out now,
  ** not left "not done yet" after the case has ended */
  if( rc==OK ) rc = register_act(db, who, g, disp, "", e);
  if( rc==OK ) rc = case_complete_step(db, who, c, 3, "done", case_note_key(a, N_("Request for help sent to LKPP (disposition #%s)"), arena_printf(a, "%lld", (long long)disp), NULL), e);
  if( rc==OK ) rc = escalation_create(db, who, national_office, c, &en, out, a, e);
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE rhs_check SET request_at=?2 WHERE case_id=?1");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, c->id); db_bind_int64(q, 2, time_now()); rc = db_run(q); }
  }
  if( rc==OK ) rc = audit_write(db, who, "rhs.request", c->number, out->mode);
  return db_tx_end(db, own, rc);
}

/* LKPP's result: the steps 4–6 it covers are done, an open escalation is answered. */
int rhs_result(Db *db, const Actor *who, Case *c, int opened, const char *note, Err *e){
  Arena a;
  arena_init(&a);
  if( err_check_text(e, "note", note, 2000, TEXT_LINES) ){ arena_free(&a); return ERR_INVALID; }
  const char *summary = arena_printf(&a, "%s%s%s", opened ? "LKPP: dokumen penawaran dapat dibuka" : "LKPP: dokumen penawaran tidak dapat dibuka",
                                     util_blank(note) ? "" : "; ", util_blank(note) ? "" : note);
  /* LKPP's steps' note in each reader's language (the answer above goes to the requester as written) */
  const char *said = opened ? N_("LKPP could open it") : N_("LKPP could not open it");
  const char *keyed = case_note_key(&a, N_("LKPP's result: %s; note: %s"), case_note_list(&a, &said, 1), util_blank(note) ? "—" : note, NULL);
  RhsInfo info;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ){ arena_free(&a); return rc; }
  const char *when = N_("LKPP's result comes after the request (steps 4 to 6)");
  rc = rhs_at_step(db, c, 4, 6, when, when, &info, &a, e);
  if( rc!=OK ){ arena_free(&a); return db_tx_end(db, own, rc); }
  Escalation *xs;
  int nx;
  rc = escalation_list(db, c, &xs, &nx, &a);
  for(int i=0; rc==OK && i<nx; i++){
    if( xs[i].case_id==c->id && strcmp(xs[i].status, "open")==0 ){
      Escalation done;
      rc = escalation_answer(db, who, xs[i].id, summary, &done, &a, e);
    }
  }
  if( rc==OK ) rc = case_refresh(db, c);   /* an answered escalation may have resumed its step */
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE rhs_check SET lkpp_opened=?2, lkpp_note=?3, lkpp_at=?4 WHERE case_id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, c->id);
      db_bind_int(q, 2, opened ? 1 : 0);
      db_bind_text(q, 3, util_blank(note) ? 0 : note);
      db_bind_int64(q, 4, time_now());
      rc = db_run(q);
    }
  }
  if( rc==OK && c->current_step==4 ) rc = case_complete_step(db, who, c, 4, "done", case_note_key(&c->arena, N_("Request received and complete"), NULL), e);
  if( rc==OK && c->current_step==5 ) rc = case_complete_step(db, who, c, 5, "no", keyed, e);
  if( rc==OK && c->current_step==6 ) rc = case_complete_step(db, who, c, 6, "done", keyed, e);
  if( rc==OK ) rc = audit_write(db, who, "rhs.result", c->number, case_note_text(&a, keyed, "en"));
  rc = db_tx_end(db, own, rc);
  arena_free(&a);
  return rc;
}
