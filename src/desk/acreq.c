/*
** acreq.c — requests for SPSE accounts: a user ID for a Pokja member (OI-03) or
** a PPK (OI-04), a forgotten user ID (OI-05), deactivating or reactivating access
** (BTG-019). Each request is a case of its procedure; this file walks the case
** through the steps the SOP names (completeness check against the documents the
** kind needs, return to the applicant with the clock paused, approval, carrying
** it out in the account register, the notice, the archive), each move in one
** transaction with its audit row.
*/
#include "accounts.h"
#include "directory.h"
#include "desk.h"
#include "portal.h"
#include "../sop/case.h"
#include "../mail/mail.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const acreq_kinds[] = { "pokja", "ppk", "forgotten", "deactivate", "reactivate", 0 };

static const AcreqDoc docs_new[] = {
  { "letter", N_("Request letter to the Head of LPSE (letterhead, signature, stamp)") },
  { "decree", N_("Decree (SK) or assignment letter appointing the candidate") },
  { "personal_data", N_("Personal data: name, NIP, rank/grade, position, agency, address, phone, e-mail") },
  { 0, 0 },
};
static const AcreqDoc docs_forgotten[] = {
  { "letter", N_("Request letter to the Head of LPSE (letterhead, signature, stamp)") },
  { "personal_data", N_("Personal data: name, NIP, rank/grade, position, agency, address, phone, e-mail") },
  { 0, 0 },
};
static const AcreqDoc docs_access[] = {
  { "letter", N_("Request letter to the Head of LPSE (letterhead, signature, stamp)") },
  { "decree", N_("Valid assignment letter / decree as PPK, Pokja member or Pejabat Pengadaan") },
  { "personal_data", N_("Personal data: name, NIP, rank/grade, position, agency, address, phone, e-mail") },
  { 0, 0 },
};

/* The documents a request of that kind needs. */
const AcreqDoc *acreq_docs(const char *kind){
  if( kind && strcmp(kind, "forgotten")==0 ) return docs_forgotten;
  if( kind && (strcmp(kind, "deactivate")==0 || strcmp(kind, "reactivate")==0) ) return docs_access;
  return docs_new;
}

/* Each kind: its procedure, what staff call it (with the procedure's code) and what an applicant
** does (words alone: the portal's form, their e-mails); the last also stands for an unknown kind. */
static const struct AcreqKind { const char *kind, *sop, *label, *words; } kind_table[] = {
  { "pokja", "SOP 03/LPSE/2012", N_("User ID for a Pokja member (OI-03)"), N_("User ID for a Pokja ULP member") },
  { "ppk", "SOP 04/LPSE/2012", N_("User ID for a PPK (OI-04)"), N_("User ID for a PPK") },
  { "forgotten", "SOP 05/LPSE/2012", N_("Forgotten user ID or password (OI-05)"), N_("Forgotten user ID or password") },
  { "deactivate", "SOP-LPSE.BTG-019", N_("Deactivate access (BTG-019)"), N_("Deactivation of SPSE access") },
  { "reactivate", "SOP-LPSE.BTG-019", N_("Reactivate access (BTG-019)"), N_("Reactivation of SPSE access") },
};

/* The row of a kind (the last for one not known). */
static const struct AcreqKind *kind_row(const char *k){
  for(size_t i=0; i+1<COUNT(kind_table); i++) if( strcmp(k, kind_table[i].kind)==0 ) return &kind_table[i];
  return &kind_table[COUNT(kind_table)-1];
}

/* The procedure of a kind. */
const char *acreq_sop(const char *kind){
  return kind ? kind_row(kind)->sop : 0;
}

/* What a kind is called (a msgid). */
const char *acreq_kind_label(const char *k){
  return k ? kind_row(k)->label : "";
}

/* What a kind is called for applicants (a msgid): the portal's form and their e-mails, no procedure code. */
const char *acreq_kind_words(const char *k){
  return k ? kind_row(k)->words : "";
}

/* What a kind is called in notices, in the applicant's language (the case's subject: in Indonesian). */
static const char *kind_text(const char *kind, const char *lang){
  return i18n_get(lang, acreq_kind_words(kind));
}

/* 1 for the kinds of BTG-019. */
static int is_access(const char *kind){
  return strcmp(kind, "deactivate")==0 || strcmp(kind, "reactivate")==0;
}

/* The documents given, checked against the kind's list, as "a b c" in the kind's order (in a). */
static int docs_text(const char *kind, const char *const *docs, int ndocs, const char *before, char **out, Arena *a, Err *e){
  const AcreqDoc *d = acreq_docs(kind);
  for(int i=0; i<ndocs; i++){
    int known = 0;
    for(int k=0; d[k].id; k++) if( strcmp(d[k].id, docs[i])==0 ) known = 1;
    if( !known ){ ERR_SET(e, "docs", N_("names a document this request does not need")); return ERR_INVALID; }
  }
  Buf b = BUF_INIT;
  for(int k=0; d[k].id; k++){
    int have = 0;
    for(int i=0; i<ndocs; i++) if( strcmp(d[k].id, docs[i])==0 ) have = 1;
    if( before ){
      char pad[64];
      snprintf(pad, sizeof pad, " %s ", d[k].id);
      char *hay = arena_printf(a, " %s ", before);
      if( strstr(hay, pad) ) have = 1;
    }
    if( have ) buf_printf(&b, "%s%s", b.n ? " " : "", d[k].id);
  }
  *out = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return OK;
}

/* The documents of the kind not in have ("a b"), space-separated. */
static char *docs_missing(const char *kind, const char *have, Arena *a){
  const AcreqDoc *d = acreq_docs(kind);
  Buf b = BUF_INIT;
  char *hay = arena_printf(a, " %s ", have);
  for(int k=0; d[k].id; k++){
    char pad[64];
    snprintf(pad, sizeof pad, " %s ", d[k].id);
    if( !strstr(hay, pad) ) buf_printf(&b, "%s%s", b.n ? " " : "", d[k].id);
  }
  char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* Queue a notice to the applicant from a template (nothing when there is no address). */
static int acreq_mail(Db *db, const Actor *who, int64_t office_id, const char *to, const char *lang, const char *tmpl,
                      const char *const *vars){
  if( util_blank(to) ) return OK;
  Buf s = BUF_INIT, b = BUF_INIT;
  char err[128];
  int rc = mail_render_lang(tmpl, lang, vars, &s, &b, err, sizeof err);
  if( rc==OK ) rc = mail_queue(db, who, office_id, to, buf_str(&s), buf_str(&b), 0, 0);
  buf_free(&s);
  buf_free(&b);
  return rc;
}


/* The office's name and zone. */
static void office_of(Db *db, int64_t office_id, Office *o){
  if( office_get(db, office_id, o)!=OK ){ memset(o, 0, sizeof *o); snprintf(o->tz, sizeof o->tz, "WIB"); }
}

/* How long the archive keeps a request's file (years), until the retention schedule says otherwise. */
#define ACREQ_RETAIN_YEARS 5

/* Add an entry to one of the SOP's registers from name/value pairs (NULL-terminated), in the
** caller's transaction; its number (agenda, handover form) into num when asked. */
static int acreq_register(Db *db, const Actor *who, int64_t office_id, int reg, const char *const *kv,
                          char *num, size_t nnum, Err *e){
  const Register *g = register_at(reg);
  if( g==0 ) return ERR_DB;
  RegInput in;
  memset(&in, 0, sizeof in);
  for(int k=0; kv[k]; k+=2){
    for(int i=0; i<g->nfields; i++) if( strcmp(g->fields[i].name, kv[k])==0 ) in.v[i] = kv[k+1];
  }
  Office o;
  office_of(db, office_id, &o);
  Actor w = *who;
  w.office_id = office_id;
  int64_t id;
  int rc = register_add(db, &w, g, o.tz, &in, &id, e);
  if( rc!=OK || num==0 ) return rc;
  Arena a;
  arena_init(&a);
  RegEntry en;
  rc = register_get(db, g, office_id, id, "", &en, &a);
  if( rc==OK ) snprintf(num, nnum, "%s", en.number);
  arena_free(&a);
  return rc;
}

/* Set a request's state (and optionally docs and missing). */
static int acreq_set(Db *db, int64_t id, const char *state, const char *docs, const char *missing){
  Stmt *q = db_prepare(db, "UPDATE account_request SET state=?2, docs=coalesce(?3, docs), missing=coalesce(?4, missing) WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_text(q, 2, state);
  db_bind_text(q, 3, docs);
  db_bind_text(q, 4, missing);
  return db_run(q);
}

static int step_at(Db *db, const Actor *who, Case **c, int no, const char *outcome, const char *note, int64_t at, Err *e);

/* Complete the open step of the request's case with outcome (or "done"), writing the disposition
** the step names (OI-03/04/05: the check's to the Pengarah, the approval's to Admin Agency); the
** case reloaded into *c. */
static int step(Db *db, const Actor *who, Case **c, int no, const char *outcome, const char *note, Err *e){
  return step_at(db, who, c, no, outcome, note, 0, e);
}

/* step(), done at `at` (0: now): the completed file recorded after it came back. */
static int step_at(Db *db, const Actor *who, Case **c, int no, const char *outcome, const char *note, int64_t at, Err *e){
  if( (*c)->current_step!=no ){ ERR_SET(e, "state", N_("the case is not at this step")); return ERR_CONFLICT; }
  int rc = case_complete_step_at(db, who, *c, no, outcome, note, at, e);
  if( rc!=OK ) return rc;
  int64_t office = (*c)->office_id;
  char number[64];
  snprintf(number, sizeof number, "%s", (*c)->number);
  case_free(*c);
  *c = 0;
  rc = case_get(db, office, number, c);
  if( rc==OK ){
    Office o;
    office_of(db, office, &o);
    Actor w;
    if( who ) w = *who; else memset(&w, 0, sizeof w);
    w.office_id = office;
    Arena a;
    arena_init(&a);
    rc = stepreg_disposition(db, &w, o.tz, *c, no, case_note_text(&a, note, "id"), e, &a);   /* the register's entry: the office's words */
    arena_free(&a);
  }
  return rc;
}

/* BTG-019 step 2's handover form: the documents handed in (docs, ids) by letter or in person, from the
** applicant to the officer, linked to the case, at `at` (0: now); its number into num ("" when none:
** another channel, or no document). */
static int handover_form(Db *db, const Actor *who, int64_t office_id, const char *kind, const char *channel,
                         const char *docs, const char *from, const char *case_number, int64_t at, char *num, size_t nnum,
                         Arena *a, Err *e){
  num[0] = 0;
  if( !*docs || (strcmp(channel, "letter") && strcmp(channel, "walk_in")) ) return OK;
  Buf items = BUF_INIT;
  const AcreqDoc *d = acreq_docs(kind);
  for(int k=0; d[k].id; k++){
    if( util_has_word(docs, d[k].id) ) buf_printf(&items, "%s%s", items.n ? "\n" : "", i18n_get("id", d[k].label));
  }
  char when[40] = "";
  if( at ) time_fmt_iso(when, sizeof when, at);
  const char *kv[] = { "items", arena_strdup(a, buf_str(&items)), "from_name", from,
                       "to_name", who && who->username ? stepreg_user_name(db, who->username, a) : "LPSE", "case_number", case_number,
                       at ? "at" : 0, when, 0 };
  buf_free(&items);
  return acreq_register(db, who, office_id, REG_HANDOVER, kv, num, nnum, e);
}

/* BTG-019 step 2 done: the request (or the completed file) received, naming its handover form if any. */
static int received(Db *db, const Actor *who, Case **c, const char *handover, int64_t at, Arena *a, Err *e){
  return step_at(db, who, c, 2, "done", *handover ? case_note_key(a, N_("request received; handover form %s"), handover, NULL)
                                                  : case_note_key(a, N_("request received"), NULL), at, e);
}

/* 1 when a request not yet done (received, returned, checked or approved) and whose case was
** not cancelled is there for that account (account_id, else 0), or of that kind by that person
** (person_id and kind, else 0 and NULL). */
static int acreq_in_progress(Db *db, int64_t office_id, int64_t account_id, int64_t person_id, const char *kind){
  Stmt *q = db_prepare(db, "SELECT 1 FROM account_request r JOIN kasus k ON k.id=r.case_id"
                           " WHERE r.office_id=?1 AND (r.account_id=?2 OR (r.person_id=?3 AND r.kind=?4))"
                           " AND NOT " CASE_SQL_CANCELLED " AND r.state IN ('received','returned','checked','approved')"
                           " ORDER BY r.id LIMIT 1");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, office_id);
  if( account_id ) db_bind_int64(q, 2, account_id); else db_bind_null(q, 2);
  if( person_id ) db_bind_int64(q, 3, person_id); else db_bind_null(q, 3);
  db_bind_text(q, 4, kind);
  int found = db_step(q)==DB_ROW;
  db_reset(q);
  return found;
}

/* Open a request: the applicant in the directory, the case of the kind's procedure, the receipt.
** pm (the public portal): a user ID, NIP or e-mail not in the register (or an account already in
** the asked state) opens nothing and is not told (*id stays 0, OK); the receipt goes only to the
** address the directory holds. */
/* The applicant given on a request for a new account (or a forgotten ID the register does not
** know): every one missing added to e, the e-mail as it will be used. */
static void applicant_missing(const AcreqIn *in, const char *email, Err *e){
  if( util_blank(in->name) ) err_add(e, "name", N_("is required"));
  if( strcmp(in->kind, "forgotten") && util_blank(in->nip) ) err_add(e, "nip", N_("is required"));
  if( util_blank(email) ) err_add(e, "email", N_("is required"));
  if( strcmp(in->kind, "forgotten") && util_blank(in->agency) ) err_add(e, "agency", N_("is required"));
}

/* Room for the addresses of a request read from Name <address> (acreq_email). */
typedef struct AcreqAddr { IdentNamed email, lookup; } AcreqAddr;

/* The applicant's e-mail, and a forgotten ID's lookup, written Name <address> as a mail program
** copies it: in's the address (in b), and its name the name given so when its own field is blank. */
static void acreq_email(AcreqIn *in, AcreqAddr *b){
  ident_email_unname(&in->email, &in->name, &b->email);
  ident_email_unname(&in->lookup, &in->name, &b->lookup);
}

/* Check a new request as acreq_open (pm 0) and acreq_portal_open (pm 1) do before they look
** anything up, every wrong field named in e; nothing read or written. */
int acreq_in_check(const AcreqIn *given, int pm, Err *e){
  Err all = {0};   /* every field wrong named at once */
  AcreqIn one = *given;
  AcreqAddr ab;
  acreq_email(&one, &ab);
  const AcreqIn *in = &one;
  int known = util_in_list(acreq_kinds, in->kind);
  if( util_blank(in->kind) ) err_add(&all, "kind", N_("is required"));
  else if( !known ) err_add(&all, "kind", N_("must be pokja, ppk, forgotten, deactivate or reactivate"));
  const char *channel = util_blank(in->channel) ? "letter" : in->channel;
  /* a portal request comes through the portal's form, which confirms the requester's address: staff
  ** are told the four channels they may give, not portal */
  if( !pm && (case_channel(channel)==0 || strcmp(channel, "portal")==0) ){
    err_add(&all, "channel", N_("must be letter, email, walk_in or phone: a portal request is made on the portal"));
  }else if( case_channel(channel)==0 ) err_add(&all, "channel", N_("must be phone, email, walk_in, portal or letter"));
  /* the letter's number and date go into the agenda book, which checks them: only a letter has them */
  if( strcmp(channel, "letter") ){
    if( !util_blank(in->letter_no) ) err_add(&all, "letter_no", N_("is only for a request by letter"));
    if( !util_blank(in->letter_date) ) err_add(&all, "letter_date", N_("is only for a request by letter"));
  }else if( !util_blank(in->letter_date) ){
    int64_t day;
    if( time_parse_day(in->letter_date, "WIB", &day)!=OK ) err_add(&all, "letter_date", N_("Write a real date from 1970 on, as YYYY-MM-DD"));
  }
  if( !util_blank(in->email) ){
    Err fe = {0};
    if( ident_email(in->email, &fe)!=OK ) err_add_n(&all, "email", fe.msg, fe.n);
  }
  /* the applicant's numbers as the directory checks them, named with the rest before anything is looked up */
  Err ne = {0};
  char ph[24];
  if( !util_blank(in->nip) && ident_nip(in->nip, &ne)!=OK ) err_add_n(&all, "nip", ne.msg, ne.n);
  if( !util_blank(in->nik) && ident_nik(in->nik, &ne)!=OK ) err_add_n(&all, "nik", ne.msg, ne.n);
  if( !util_blank(in->phone) && ident_phone(in->phone, ph, sizeof ph, 0, &ne)!=OK ) err_add_n(&all, "phone", ne.msg, ne.n);
  /* what the kind needs that no look-up can give: the account named, the NIP or e-mail to find
  ** one by, the applicant of a new account and the decree's days */
  int forgotten = known && strcmp(in->kind, "forgotten")==0;
  if( known && is_access(in->kind) ){
    if( util_blank(in->user_id) ) err_add(&all, "user_id", N_("is required"));
  }else if( forgotten ){
    Err ie = {0};
    if( util_blank(in->lookup) ) err_add(&all, "lookup", N_("is required: the NIP or e-mail the account was made with"));
    else if( ident_nip(in->lookup, &ie)!=OK && ident_email(in->lookup, &ie)!=OK ) err_add(&all, "lookup", N_("must be a NIP or an e-mail address"));
  }else if( known ){
    applicant_missing(in, in->email, &all);
  }
  /* a member the kind does not read is refused, not dropped: the officer who typed it meant it
  ** (a new account's user ID is given when it is carried out; a forgotten ID has no decree) */
  if( known && !is_access(in->kind) && !util_blank(in->user_id) ){
    err_add(&all, "user_id", forgotten ? N_("is given when the request is carried out (the account to reset, when the lookup finds several)")
                                       : N_("is given when the request is carried out: the new account's user ID"));
  }
  if( known && !forgotten && !util_blank(in->lookup) ) err_add(&all, "lookup", N_("is only for a forgotten user ID or password"));
  if( forgotten ){
    static const char *const decree[] = { "sk_number", "valid_from", "valid_until" };
    const char *said[] = { in->sk_number, in->valid_from, in->valid_until };
    for(size_t i=0; i<COUNT(decree); i++) if( !util_blank(said[i]) ) err_add(&all, decree[i], N_("is not needed for a forgotten user ID or password"));
  }else if( known ){
    /* the decree's days, whatever the kind that carries them: real days, in order; for a new
    ** account or a reactivation the appointment letter (SK) must be in force: an official whose
    ** appointment has ended, or not begun, gets no access (the year-end review would only
    ** deactivate it again) */
    Err ve = {0};
    int judged = in->today && strcmp(in->kind, "deactivate");
    if( account_validity_check(in->valid_from, in->valid_until, &ve)!=OK ) err_merge(&all, &ve);
    else if( judged && !util_blank(in->valid_until) && strcmp(in->valid_until, in->today)<0 ){
      err_add(&all, "valid_until", N_("has passed: the appointment letter has expired"));
    }else if( judged && !util_blank(in->valid_from) && strcmp(in->valid_from, in->today)>0 ){
      err_add(&all, "valid_from", N_("is still to come: the appointment letter is not in force yet"));
    }
  }
  Arena a;
  arena_init(&a);
  char *docs = 0;
  Err de = {0};   /* the documents are those of a known kind */
  if( known && docs_text(in->kind, in->docs, in->ndocs, 0, &docs, &a, &de)!=OK ) err_merge(&all, &de);
  arena_free(&a);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* 1 when a NIP as written (spaces, dots, its label) is the stored one (digits). */
static int same_nip(const char *written, const char *stored){
  char d[40];
  return ident_nip_text(written, d, sizeof d)==OK && strcmp(d, stored)==0;
}

static int open_request(Db *db, const Actor *who, int64_t office_id, const AcreqIn *in, int pm, int *retry_after,
                        int64_t *id, Err *e){
  *id = 0;
  Office of;
  char on_day[11];
  AcreqIn dated = *in;   /* judged on the office's day */
  office_of(db, office_id, &of);
  register_today(on_day, time_now(), of.tz);
  dated.today = on_day;
  AcreqAddr ab;
  acreq_email(&dated, &ab);
  in = &dated;
  if( acreq_in_check(in, pm, e)!=OK ) return ERR_INVALID;
  int known = util_in_list(acreq_kinds, in->kind);
  const char *channel = util_blank(in->channel) ? "letter" : in->channel;
  Arena a;
  arena_init(&a);
  char *docs = 0;
  if( known && docs_text(in->kind, in->docs, in->ndocs, 0, &docs, &a, 0)!=OK ){ arena_free(&a); return ERR_INVALID; }
  int rc;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ){ arena_free(&a); return rc; }
  /* from the portal, counted with the request it lets in, as the portal's tickets are: one
  ** refused for its input rolls back with it and is not counted */
  if( pm && (rc = portal_guard_submit(db, who->ip, time_now(), retry_after))!=OK ){ arena_free(&a); return db_tx_end(db, own, rc); }
  int64_t person = 0, agency = 0, account = 0;
  int unmatched = 0, held = 0;
  const char *email = in->email, *account_kind = in->kind, *lookup = 0;
  Account acc;
  if( is_access(in->kind) ){
    /* the account named (acreq_in_check: given) must be in the register, in the state the request changes */
    if( account_resolve(db, office_id, in->user_id, &account)!=OK || account_get(db, office_id, account, &acc, &a)!=OK ){
      if( pm ) unmatched = 1;
      else{ ERR_SET(e, "user_id", N_("is not in the account register")); rc = ERR_INVALID; }
    }else if( pm && strcmp(acc.status, strcmp(in->kind, "deactivate")==0 ? "active" : "inactive") ){
      unmatched = 1;
    }else if( strcmp(acc.status, strcmp(in->kind, "deactivate")==0 ? "active" : "inactive") ){
      ERR_SET(e, "user_id", strcmp(in->kind, "deactivate")==0 ? N_("is inactive already") : N_("is active already"));
      rc = ERR_CONFLICT;
    }else if( acreq_in_progress(db, office_id, account, 0, 0) ){
      /* one request at a time per account: a second would find the change made and stay stuck */
      if( pm ) unmatched = 1;
      else{ ERR_SET(e, "user_id", N_("has a request being processed already")); rc = ERR_CONFLICT; }
    }else if( !util_blank(in->nip) && acc.holder_nip && acc.holder_nip[0] && !same_nip(in->nip, acc.holder_nip) ){
      /* the applicant's NIP (BTG-019's personal data) is the holder's: another official's is a
      ** request for an account that is not theirs, or the wrong user ID typed */
      if( pm ) unmatched = 1;
      else{ ERR_SET(e, "nip", N_("is not the NIP of the account's holder: check the user ID")); rc = ERR_INVALID; }
    }else{
      person = acc.holder_id;
      agency = acc.agency_id;
      account_kind = acc.kind;
      if( util_blank(email) ) email = acc.holder_email;
    }
  }else{
    if( strcmp(in->kind, "forgotten")==0 ){
      /* the lookup (acreq_in_check: a NIP or an e-mail address): the applicant is the holder the
      ** register finds (not a second directory entry); from the portal only such a holder,
      ** written to at the address held; at the desk an applicant the register does not know is
      ** taken as given (name, e-mail) */
      lookup = in->lookup;
      AccountFilter f = { office_id, "", "", "", in->lookup, 0, 0, 50 };
      Account *rows; int n = 0, active = 0;
      rc = account_list(db, &f, &rows, &n, &a);
      for(int i=0; rc==OK && i<n; i++) active += strcmp(rows[i].status, "active")==0;
      if( rc==OK && n==0 && pm ) unmatched = 1;
      /* every account found is inactive: a reset would be refused once approved (an inactive
      ** account is not reset); the holder asks for reactivation instead */
      if( rc==OK && n>0 && active==0 ){
        if( pm ) unmatched = 1;
        else{ ERR_SET(e, "lookup", N_("the account is not active: its holder asks for it to be activated again (BTG-019)")); rc = ERR_CONFLICT; }
      }
      if( rc==OK && !unmatched && n>0 ){
        held = 1; person = rows[0].holder_id; agency = rows[0].agency_id;
        if( util_blank(email) ) email = rows[0].holder_email;
      }
      if( rc==OK && util_blank(email) && strchr(in->lookup, '@') ) email = in->lookup;
      account_kind = "other";
    }
    if( rc==OK && !unmatched && !held ){   /* the applicant as given (not a holder the portal found) */
    Err req = {0};   /* every one missing named at once (a new account's named already by acreq_in_check) */
    applicant_missing(in, email, &req);
    if( rc==OK && req.msg ){ if( e ) *e = req; rc = ERR_INVALID; }
    /* the agency: an organisation of the directory, or a new agency of that name */
    if( rc==OK && !util_blank(in->agency) ){
      if( party_resolve(db, office_id, in->agency, &agency)!=OK ){
        PartyFilter f = { office_id, in->agency, "org", "", 0, 0, 50 };
        Party *rows; int n = 0;
        agency = 0;
        if( party_search(db, &f, &rows, &n, &a)==OK ){
          for(int i=0; i<n; i++) if( strcasecmp(rows[i].v[PF_NAME], in->agency)==0 ) agency = rows[i].id;
        }
        if( agency==0 ){
          PartyIn g;
          memset(&g, 0, sizeof g);
          g.v[PF_KIND] = "org";
          g.v[PF_ORG_TYPE] = "agency";
          g.v[PF_NAME] = in->agency;
          Err ge = {0};
          rc = party_create(db, who, office_id, &g, &agency, &ge);
          if( rc!=OK ){ ERR_SET(e, "agency", ge.msg); }
        }
      }
    }
    /* the applicant: found by NIP (or NIK; a forgotten ID's lookup when it is a NIP), else by
    ** the address as a case's requester is (case_party_by_email: the person of that name holding it, given the
    ** NIP, NIK and agency they lacked; one holding another NIP or NIK is someone else), else
    ** added to the directory */
    if( rc==OK ){
      const char *nip = in->nip;
      if( util_blank(nip) && lookup && !strchr(lookup, '@') ) nip = lookup;
      if( (!util_blank(nip) && party_resolve(db, office_id, nip, &person)==OK)
       || (!util_blank(in->nik) && party_resolve(db, office_id, in->nik, &person)==OK) ){
        Party p;
        if( party_get(db, office_id, person, &p, &a)!=OK || strcmp(p.v[PF_KIND], "person") ){
          if( pm ) unmatched = 1;
          else{ ERR_SET(e, "nip", N_("belongs to an organisation of the directory")); rc = ERR_CONFLICT; }
        }
      }else{
        int64_t holder = 0;
        const char *hk = 0;
        Party h;
        if( !util_blank(email) ) rc = case_party_by_email(db, office_id, email, in->name, &holder, &hk);
        if( rc==OK && holder && strcmp(hk, "person")==0 && party_get(db, office_id, holder, &h, &a)==OK
            && !(h.v[PF_NIP][0] && !util_blank(nip)) && !(h.v[PF_NIK][0] && !util_blank(in->nik)) ){
          person = holder;
          PartyIn u;
          memset(&u, 0, sizeof u);
          int lacks = 0;
          static const int fill[] = { PF_NIP, PF_NIK, PF_RANK, PF_POSITION, PF_ADDRESS, PF_PHONE };
          const char *given[] = { nip, in->nik, in->rank, in->position, in->address, in->phone };
          for(size_t i=0; i<COUNT(fill); i++){
            if( h.v[fill[i]][0]==0 && !util_blank(given[i]) ){ u.v[fill[i]] = given[i]; lacks = 1; }
          }
          if( agency && h.parent_id==0 ){ u.v[PF_AGENCY] = arena_printf(&a, "%lld", (long long)agency); lacks = 1; }
          if( lacks ) rc = party_update(db, who, office_id, person, &u, 0, e);
        }else if( rc==OK ){
          PartyIn p;
          memset(&p, 0, sizeof p);
          p.v[PF_KIND] = "person";
          p.v[PF_NAME] = in->name;
          p.v[PF_NIP] = nip;
          p.v[PF_NIK] = in->nik;
          p.v[PF_RANK] = in->rank;
          p.v[PF_POSITION] = in->position;
          p.v[PF_ADDRESS] = in->address;
          p.v[PF_PHONE] = in->phone;
          p.v[PF_EMAIL] = email;
          if( agency ) p.v[PF_AGENCY] = arena_printf(&a, "%lld", (long long)agency);
          rc = party_create(db, who, office_id, &p, &person, e);
        }
      }
    }
    /* the decree's days: acreq_in_check */
    /* one request for a new account of a kind per person at a time: a second (the letter sent
    ** again, the form filled twice) would make a second account for one official */
    if( rc==OK && person && strcmp(in->kind, "forgotten") && acreq_in_progress(db, office_id, 0, person, in->kind) ){
      if( pm ) unmatched = 1;
      else{ ERR_SET(e, "nip", N_("has a request for this kind of account being processed already")); rc = ERR_CONFLICT; }
    }
    }
  }
  if( rc==OK && unmatched ){
    /* not ours (or nothing to change): nothing opened, the caller answers as for any request */
    db_tx_end(db, own, ERR_NOTFOUND);   /* an agency added on the way is not kept; the count is, */
    rc = db_tx_begin(db, &own);
    if( rc==OK ){
      rc = portal_guard_submit(db, who->ip, time_now(), retry_after);   /* as for any request */
      if( rc==OK ) rc = audit_write(db, who, "account_request.portal_unmatched", "account_request", in->kind);
      rc = db_tx_end(db, own, rc);
    }
    arena_free(&a);
    return rc;
  }
  Err ie = {0};
  if( rc==OK && !pm && !util_blank(email) && ident_email(email, &ie)!=OK ){ ERR_SET(e, "email", ie.msg); rc = ERR_INVALID; }
  Party pp;
  if( rc==OK ) rc = party_get(db, office_id, person, &pp, &a);
  if( rc==OK && pm ) email = pp.v[PF_EMAIL];   /* only the address the directory holds */
  Case *c = 0;
  if( rc==OK ){
    CaseNew cn;
    memset(&cn, 0, sizeof cn);
    cn.office_id = office_id;
    cn.sop = acreq_sop(in->kind);
    cn.channel = channel;
    cn.subject = arena_printf(&a, "%s: %s%s%s", kind_text(in->kind, "id"), pp.v[PF_NAME],
                              is_access(in->kind) ? " — " : "", is_access(in->kind) ? acc.user_id : "");
    cn.requester.name = pp.v[PF_NAME];
    cn.requester.nip = pp.v[PF_NIP][0] ? pp.v[PF_NIP] : 0;
    cn.requester.nik = pp.v[PF_NIK][0] ? pp.v[PF_NIK] : 0;
    cn.requester.email = pp.v[PF_EMAIL][0] ? pp.v[PF_EMAIL] : 0;
    rc = case_open(db, who, &cn, &c, e);
  }
  if( rc==OK && agency ){
    Stmt *q = db_prepare(db, "UPDATE kasus SET org_id=?1 WHERE id=?2");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, agency); db_bind_int64(q, 2, c->id); rc = db_run(q); }
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "INSERT INTO account_request(office_id, case_id, kind, account_kind, person_id, agency_id,"
                             " account_id, email, lookup, sk_number, valid_from, valid_until, docs, missing, state, created_at, lang)"
                             " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,'','received',?14,?15) RETURNING id");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, office_id);
      db_bind_int64(q, 2, c->id);
      db_bind_text(q, 3, in->kind);
      db_bind_text(q, 4, account_kind);
      db_bind_int64(q, 5, person);
      if( agency ) db_bind_int64(q, 6, agency); else db_bind_null(q, 6);
      if( account ) db_bind_int64(q, 7, account); else db_bind_null(q, 7);
      db_bind_text(q, 8, util_blank(email) ? 0 : email);
      db_bind_text(q, 9, lookup);
      db_bind_text(q, 10, util_blank(in->sk_number) ? 0 : in->sk_number);
      db_bind_text(q, 11, util_blank(in->valid_from) ? 0 : in->valid_from);
      db_bind_text(q, 12, util_blank(in->valid_until) ? 0 : in->valid_until);
      db_bind_text(q, 13, docs);
      db_bind_int64(q, 14, time_now());
      db_bind_text(q, 15, i18n_lang(in->lang));
      rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
      if( rc==OK ) *id = db_col_int64(q, 0);
      db_reset(q);
    }
  }
  /* a letter goes into the agenda book, linked to the case (OI-03/04/05 step 1, BTG-019 step 1) */
  char agenda[64] = "";
  if( rc==OK && strcmp(channel, "letter")==0 ){
    Office o;
    office_of(db, office_id, &o);
    char today[11];
    register_today(today, time_now(), o.tz);
    const char *sender = pp.v[PF_NAME];
    if( agency ){
      Party ag;
      if( party_get(db, office_id, agency, &ag, &a)==OK ) sender = arena_printf(&a, "%s, %s", pp.v[PF_NAME], ag.v[PF_NAME]);
    }
    const char *kv[] = { "letter_no", util_blank(in->letter_no) ? "tanpa nomor" : in->letter_no,
                         "letter_date", util_blank(in->letter_date) ? today : in->letter_date, "sender", sender,
                         "subject", c->subject, "case_number", c->number, 0 };
    rc = acreq_register(db, who, office_id, REG_AGENDA, kv, agenda, sizeof agenda, e);
  }
  /* BTG-019 step 2: the files handed in at the desk (by letter or in person) on a handover form */
  char handover[64] = "";
  if( rc==OK && is_access(in->kind) ){
    rc = handover_form(db, who, office_id, in->kind, channel, docs, pp.v[PF_NAME], c->number, 0, handover, sizeof handover, &a, e);
  }
  /* step 1: the request has arrived (the letter recorded; for BTG-019 the applicant sent it) */
  if( rc==OK ) rc = step(db, who, &c, 1, "done", agenda[0] ? case_note_key(&a, N_("request received; agenda %s"), agenda, NULL)
                                                   : case_note_key(&a, N_("request received"), NULL), e);
  /* BTG-019 step 2: the office has received it (the handover form, the receipt mailed below), so the
  ** check's 10 minutes (step 3) run from now, not from whenever the check is done */
  if( rc==OK && is_access(in->kind) ) rc = received(db, who, &c, handover, 0, &a, e);
  if( rc==OK ){
    Office o;
    office_of(db, office_id, &o);
    char when[96];
    const char *lang = i18n_lang(in->lang);
    time_fmt_human(when, sizeof when, time_now(), o.tz, lang);
    const char *vars[] = { "name", pp.v[PF_NAME], "number", c->number, "kind", kind_text(in->kind, lang), "time", when,
                           "track", portal_track_url(db, 0, office_id, c->number, &a), "office", o.name, 0 };
    rc = acreq_mail(db, who, office_id, email, lang, "account-received", vars);
  }
  if( rc==OK ){
    char obj[40];
    snprintf(obj, sizeof obj, "account_request/%lld", (long long)*id);
    rc = audit_write(db, who, "account_request.open", obj, arena_printf(&a, "%s, case %s", in->kind, c->number));
  }
  rc = db_tx_end(db, own, rc);
  if( c ) case_free(c);
  arena_free(&a);
  if( rc!=OK ) *id = 0;
  return rc;
}

/* Open a request from the letter, e-mail or desk (staff): every refusal says why. */
int acreq_open(Db *db, const Actor *who, int64_t office_id, const AcreqIn *in, int64_t *id, Err *e){
  return open_request(db, who, office_id, in, 0, 0, id, e);
}

/* Open a request from the public portal: the same answer whether or not it is ours (see open_request). */
int acreq_portal_open(Db *db, const Actor *who, int64_t office_id, const AcreqIn *in, int *retry_after, int64_t *id, Err *e){
  *retry_after = 0;
  *id = 0;
  /* the kind's procedure retired: said first and to anyone (ours or not), nothing counted or written */
  if( util_in_list(acreq_kinds, in->kind) && portal_service_open(acreq_sop(in->kind), e)!=OK ) return ERR_CONFLICT;
  return open_request(db, who, office_id, in, 1, retry_after, id, e);
}

/* The request a case of the office carries out (ERR_NOTFOUND when the case is no account request's). */
int acreq_of_case(Db *db, int64_t office_id, int64_t case_id, Acreq *out, Arena *a){
  Stmt *q = db_prepare(db, "SELECT id FROM account_request WHERE office_id=?1 AND case_id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, case_id);
  int rc = db_step(q);
  int64_t id = rc==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  if( rc!=DB_ROW ) return rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
  return acreq_get(db, office_id, id, out, a);
}

/* One request of the office. */
int acreq_get(Db *db, int64_t office_id, int64_t id, Acreq *out, Arena *a){
  Acreq *rows;
  int n;
  Stmt *q = db_prepare(db, "SELECT 1 FROM account_request WHERE office_id=?1 AND id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, id);
  int rc = db_step(q);
  db_reset(q);
  if( rc!=DB_ROW ) return rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
  rc = acreq_list(db, office_id, 0, id+1, 1, &rows, &n, a);
  if( rc!=OK ) return rc;
  if( n!=1 || rows[0].id!=id ) return ERR_NOTFOUND;
  *out = rows[0];
  return OK;
}

/* The state a request is seen in: its own, or "cancelled" with its case. */
#define ACREQ_STATE "CASE WHEN " CASE_SQL_CANCELLED " THEN 'cancelled' ELSE r.state END"

/* Requests of the office, newest first (state NULL/"" for any). A request whose case was
** cancelled reads "cancelled", whatever step it had reached: it takes no action any more. */
int acreq_list(Db *db, int64_t office_id, const char *state, int64_t before, int limit, Acreq **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT r.id, r.case_id, coalesce(r.person_id,0), coalesce(r.agency_id,0), coalesce(r.account_id,0),"
                           " r.created_at, r.kind, r.account_kind, " ACREQ_STATE ", k.number, k.status, coalesce(r.email,''),"
                           " coalesce(r.lookup,''), coalesce(p.name,''), coalesce(g.name,''), coalesce(c.user_id,''),"
                           " coalesce(r.sk_number,''), coalesce(r.valid_from,''), coalesce(r.valid_until,''), r.docs, r.missing,"
                           " coalesce((SELECT s.no FROM case_step s WHERE s.case_id=r.case_id AND s.done_at IS NULL),0), r.lang"
                           " FROM account_request r JOIN kasus k ON k.id=r.case_id LEFT JOIN party p ON p.id=r.person_id"
                           " LEFT JOIN party g ON g.id=r.agency_id LEFT JOIN account c ON c.id=r.account_id"
                           " WHERE r.office_id=?1 AND (?2='' OR " ACREQ_STATE "=?2) AND (?3=0 OR r.id<?3) ORDER BY r.id DESC LIMIT ?4");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, state ? state : "");
  db_bind_int64(q, 3, before);
  db_bind_int(q, 4, limit>0 && limit<=1001 ? limit : 100);
  int cap = 0, rc;
  Acreq *v = 0;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    Acreq *w = &v[(*n)++];
    w->id = db_col_int64(q, 0);
    w->case_id = db_col_int64(q, 1);
    w->person_id = db_col_int64(q, 2);
    w->agency_id = db_col_int64(q, 3);
    w->account_id = db_col_int64(q, 4);
    w->created_at = db_col_int64(q, 5);
    const char **s[] = { &w->kind, &w->account_kind, &w->state, &w->case_number, &w->case_status, &w->email, &w->lookup,
                         &w->person_name, &w->agency_name, &w->user_id, &w->sk_number, &w->valid_from, &w->valid_until,
                         &w->docs, &w->missing };
    for(size_t i=0; i<COUNT(s); i++) *s[i] = arena_strdup(a, db_col_text(q, 6+(int)i));
    w->current_step = db_col_int(q, 21);
    w->lang = i18n_lang(db_col_text(q, 22));
  }
  db_reset(q);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}

static int bad_state(Err *e);

/* Begin an action: a, the transaction, the request r and its case c; ERR_CONFLICT (naming
** "state") when state is given and the request is not in it. act_end ends it whatever this gave. */
static int act_begin(Db *db, int64_t office_id, int64_t id, const char *state, Acreq *r, Case **c, int *own, Arena *a, Err *e){
  arena_init(a);
  memset(r, 0, sizeof *r);
  *c = 0;
  int rc = db_tx_begin(db, own);
  if( rc!=OK ) return rc;
  rc = acreq_get(db, office_id, id, r, a);
  if( rc==OK ) rc = case_get(db, office_id, r->case_number, c);
  if( rc==OK && state && strcmp(r->state, state) ) rc = bad_state(e);
  return rc;
}

/* End an action: its audit row, the transaction, the memory. */
static int act_end(Db *db, const Actor *who, int own, int rc, int64_t id, const char *action, const char *detail, Case *c, Arena *a){
  if( rc==OK ){
    char obj[40];
    snprintf(obj, sizeof obj, "account_request/%lld", (long long)id);
    rc = audit_write(db, who, action, obj, detail);
  }
  rc = db_tx_end(db, own, rc);
  if( c ) case_free(c);
  arena_free(a);
  return rc;
}

/* A wrong state for an action: ERR_CONFLICT naming "state". */
static int bad_state(Err *e){
  ERR_SET(e, "state", N_("the request is not in a state for this action"));
  return ERR_CONFLICT;
}

/* What is missing (ids "a b"), as people call it, for a step's note: their names as a list each
** reader reads in their language (case_note_list); NULL when none is (in a). */
static const char *missing_labels(const char *kind, const char *missing, Arena *a){
  const char *labels[32];
  int n = 0;
  const AcreqDoc *d = acreq_docs(kind);
  for(int k=0; d[k].id && n<(int)COUNT(labels); k++) if( util_has_word(missing, d[k].id) ) labels[n++] = d[k].label;
  return n ? case_note_list(a, labels, n) : 0;
}

/* Send the request back to the applicant (the return step starts, pausing the clock) with what is missing. */
static int send_back(Db *db, const Actor *who, int64_t office_id, Acreq *r, Case **c, int decision, const char *docs,
                     const char *missing, const char *note, Arena *a, Err *e){
  /* what is missing, as people call it: in the step's note (in each reader's language) and, as a
  ** list, in the mail (in the applicant's) */
  Buf list = BUF_INIT;
  const AcreqDoc *d = acreq_docs(r->kind);
  for(int k=0; d[k].id; k++){
    if( !util_has_word(missing, d[k].id) ) continue;
    if( list.n==0 ) buf_printf(&list, "\n%s\n\n", i18n_get(r->lang, N_("These files are not complete yet:")));
    buf_printf(&list, "- %s\n", i18n_get(r->lang, d[k].label));
  }   /* none missing (sent back at approval): the note says why */
  const char *names = missing_labels(r->kind, missing, a);
  const char *why = util_blank(note) ? case_note_key(a, N_("missing: %s"), names ? names : "-", NULL)
                                      : case_note_key(a, N_("missing: %s; %s"), names ? names : "-", note, NULL);
  int rc = step(db, who, c, decision, "no", why, e);
  if( rc==OK ) rc = acreq_set(db, r->id, "returned", docs, missing);
  if( rc==OK ){
    Office o;
    office_of(db, office_id, &o);
    const char *vars[] = { "name", r->person_name, "number", r->case_number, "kind", kind_text(r->kind, r->lang),
                           "missing", buf_str(&list),
                           "note", util_blank(note) ? "" : arena_printf(a, "%s: %s\n", i18n_get(r->lang, N_("Note")), note),
                           "track", portal_track_url(db, 0, office_id, r->case_number, a), "office", o.name, 0 };
    rc = acreq_mail(db, who, office_id, r->email, r->lang, "account-returned", vars);
  }
  buf_free(&list);
  return rc;
}

/* The completeness check. */
int acreq_check(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *const *docs, int ndocs,
                int replace, const char *note, Err *e){
  if( err_check_text(e, "note", note, ACREQ_NOTE_MAX, TEXT_LINES) ) return ERR_INVALID;
  Arena a;
  Acreq r;
  Case *c;
  int own;
  int rc = act_begin(db, office_id, id, "received", &r, &c, &own, &a, e);
  char *have = 0, *missing = 0;
  if( rc==OK ) rc = docs_text(r.kind, docs, ndocs, replace ? 0 : r.docs, &have, &a, e);
  if( rc==OK ) missing = docs_missing(r.kind, have, &a);
  const char *next = "";
  if( rc==OK && is_access(r.kind) ){
    /* BTG-019: (2 received when it came in) 3 complete? yes → 6 carry out, no → 4 back to the applicant */
    if( *missing ){ rc = send_back(db, who, office_id, &r, &c, 3, have, missing, note, &a, e); next = "returned"; }
    else if( rc==OK ){
      rc = step(db, who, &c, 3, "yes", util_blank(note) ? case_note_key(&a, N_("files complete"), NULL) : note, e);
      if( rc==OK ) rc = acreq_set(db, id, "approved", have, "");
      next = "approved";
    }
  }else if( rc==OK ){
    /* OI-03/04/05: 2 completeness (its disposition goes to the Pengarah whatever it found),
    ** 3 the Pengarah's review: approve, or incomplete → 6 back to the applicant. The check
    ** never takes the Pengarah's decision: what is missing waits for it (acreq_approve). */
    const char *found = *missing ? missing_labels(r.kind, missing, &a) : 0;
    const char *says = found ? (util_blank(note) ? case_note_key(&a, N_("files not complete, missing: %s"), found, NULL)
                                                 : case_note_key(&a, N_("files not complete, missing: %s; %s"), found, note, NULL))
                             : (util_blank(note) ? case_note_key(&a, N_("files complete"), NULL)
                                                 : case_note_key(&a, N_("files complete; %s"), note, NULL));
    rc = step(db, who, &c, 2, "done", says, e);
    if( rc==OK ){ rc = acreq_set(db, id, "checked", have, missing); next = "checked"; }
  }
  return act_end(db, who, own, rc, id, "account_request.check", arena_printf(&a, "%s; missing: %s", next, missing ? missing : ""), c, &a);
}

/* When the completed file came back into *when: at, a moment as register_parse_time reads it in tz
** (blank: now, *when 0); refused, naming "at", when it is no moment, still to come, or before the
** file went back to the applicant (the open step's start). */
static int came_back(const Case *c, const char *at, const char *tz, int64_t *when, Err *e){
  *when = 0;
  if( util_blank(at) ) return OK;
  if( util_has_control(at, 0) || strlen(at)>32 || register_parse_time(at, tz && *tz ? tz : "WIB", when)!=OK ){
    ERR_SET(e, "at", N_("Write a real day as YYYY-MM-DD or a time as YYYY-MM-DDTHH:MM (or in ISO 8601)"));
    return ERR_INVALID;
  }
  if( *when > time_now() + 300 ){ ERR_SET(e, "at", N_("This moment is still to come: write when it happened")); return ERR_INVALID; }
  const CaseStep *open = c->nsteps ? &c->steps[c->nsteps-1] : 0;
  if( open && open->done_at==0 && *when < open->started_at ){
    ERR_SET(e, "at", N_("is before the file went back to the applicant"));
    return ERR_INVALID;
  }
  return OK;
}

/* The applicant completed a returned request: at (blank: now) when the file came back, its
** moment in the office's zone tz; the office's clock held until then. */
int acreq_resubmit(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *const *docs, int ndocs,
                   const char *note, const char *at, const char *tz, Err *e){
  if( err_check_text(e, "note", note, ACREQ_NOTE_MAX, TEXT_LINES) ) return ERR_INVALID;
  Arena a;
  Acreq r;
  Case *c;
  int own;
  int64_t when = 0;
  int rc = act_begin(db, office_id, id, "returned", &r, &c, &own, &a, e);
  if( rc==OK ) rc = came_back(c, at, tz, &when, e);
  char *have = 0;
  if( rc==OK ) rc = docs_text(r.kind, docs, ndocs, r.docs, &have, &a, e);
  const char *says = util_blank(note) ? case_note_key(&a, N_("files completed"), NULL) : case_note_key(&a, N_("files completed: %s"), note, NULL);
  if( rc==OK ) rc = step_at(db, who, &c, is_access(r.kind) ? 4 : 6, "done", says, when, e);
  /* BTG-019: the completed file is received (step 2) as it is handed in, on a handover form as the request
  ** was (the documents added now): the check's time runs from now */
  if( rc==OK && is_access(r.kind) ){
    char handover[64];
    char *given = 0;
    rc = docs_text(r.kind, docs, ndocs, "", &given, &a, e);
    Buf added = BUF_INIT;   /* what was not handed in before (the page ticks those too) */
    const AcreqDoc *d = acreq_docs(r.kind);
    for(int k=0; rc==OK && d[k].id; k++){
      if( util_has_word(given, d[k].id) && !util_has_word(r.docs, d[k].id) ) buf_printf(&added, "%s%s", added.n ? " " : "", d[k].id);
    }
    const char *now = arena_strdup(&a, buf_str(&added));
    buf_free(&added);
    if( rc==OK ) rc = handover_form(db, who, office_id, r.kind, c->channel, now, r.person_name, r.case_number, when, handover, sizeof handover, &a, e);
    if( rc==OK ) rc = received(db, who, &c, handover, when, &a, e);
  }
  if( rc==OK ) rc = acreq_set(db, id, "received", have, docs_missing(r.kind, have, &a));
  char at_iso[40] = "";
  if( when ){ memcpy(at_iso, "; at=", 5); time_fmt_iso(at_iso+5, sizeof at_iso - 5, when); }
  return act_end(db, who, own, rc, id, "account_request.resubmit", arena_printf(&a, "%s%s", have ? have : "", at_iso), c, &a);
}

/* OI-03/04/05 step 3: approve or send back; a file with documents missing only goes back. */
int acreq_approve(Db *db, const Actor *who, int64_t office_id, int64_t id, int yes, const char *note, Err *e){
  if( err_check_text(e, "note", note, ACREQ_NOTE_MAX, TEXT_LINES) ) return ERR_INVALID;
  Arena a;
  Acreq r;
  Case *c;
  int own;
  int rc = act_begin(db, office_id, id, "checked", &r, &c, &own, &a, e);
  if( rc==OK && is_access(r.kind) ) rc = bad_state(e);
  if( rc==OK && yes && *r.missing ){
    ERR_SET(e, "docs", N_("documents are missing: it cannot be approved; send it back to the applicant to complete"));
    rc = ERR_CONFLICT;
  }
  if( rc==OK && !yes && util_blank(note) && !*r.missing ){ ERR_SET(e, "note", N_("is required when the request is sent back")); rc = ERR_INVALID; }
  if( rc==OK && yes ){
    rc = step(db, who, &c, 3, "yes", util_blank(note) ? case_note_key(&a, N_("approved"), NULL) : note, e);
    if( rc==OK ) rc = acreq_set(db, id, "approved", 0, 0);
  }else if( rc==OK ){
    rc = send_back(db, who, office_id, &r, &c, 3, r.docs, r.missing, note, &a, e);
  }
  return act_end(db, who, own, rc, id, "account_request.approve", yes ? "approved" : "sent back", c, &a);
}

/* Carry the request out in the account register. */
int acreq_execute(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *user_id, char token[65], Err *e){
  token[0] = 0;
  Arena a;
  Acreq r;
  Case *c;
  int own;
  int rc = act_begin(db, office_id, id, "approved", &r, &c, &own, &a, e);
  int64_t account = r.account_id, expires = 0;
  int give_secret = 0;
  const char *what = "", *note = "";   /* for the audit row; for the step, as each reader reads it (case_note_key) */
  if( rc==OK && (strcmp(r.kind, "pokja")==0 || strcmp(r.kind, "ppk")==0) ){
    AccountIn in = { user_id, r.kind, arena_printf(&a, "%lld", (long long)r.person_id),
                     r.agency_id ? arena_printf(&a, "%lld", (long long)r.agency_id) : 0,
                     r.sk_number, r.valid_from, r.valid_until };
    rc = account_create(db, who, office_id, &in, c->id, &account, e);
    give_secret = 1;
    what = "account created";
    note = case_note_key(&a, N_("account created"), NULL);
  }else if( rc==OK && strcmp(r.kind, "forgotten")==0 ){
    AccountFilter f;
    memset(&f, 0, sizeof f);
    f.office_id = office_id;
    f.who = r.lookup;
    f.limit = 50;
    Account *rows;
    int n = 0, pick = -1;
    rc = account_list(db, &f, &rows, &n, &a);
    if( rc==OK && n==0 ){ ERR_SET(e, "lookup", N_("no account of the register has this NIP or e-mail: enter the account in the register (Akun SPSE), then carry the request out again, or reject it")); rc = ERR_NOTFOUND; }
    /* the account to reset: the one named, else the only one the lookup finds */
    for(int i=0; rc==OK && i<n; i++){
      if( util_blank(user_id) ? n==1 : strcasecmp(rows[i].user_id, user_id)==0 ) pick = i;
    }
    if( rc==OK && pick<0 && util_blank(user_id) ){
      ERR_SET(e, "user_id", N_("several accounts have this NIP or e-mail: give the user_id of the one to reset")); rc = ERR_CONFLICT;
    }else if( rc==OK && pick<0 ){
      ERR_SET(e, "user_id", N_("is not an account of the applicant")); rc = ERR_INVALID;
    }
    if( rc==OK && strcmp(rows[pick].status, "active") ){
      ERR_SET(e, "user_id", N_("the account is not active: its holder asks for it to be activated again (BTG-019)")); rc = ERR_CONFLICT;
    }
    if( rc==OK ){
      account = rows[pick].id;
      Stmt *q = db_prepare(db, "UPDATE account_request SET account_id=?1 WHERE id=?2");
      if( q==0 ) rc = ERR_DB;
      else{ db_bind_int64(q, 1, account); db_bind_int64(q, 2, id); rc = db_run(q); }
    }
    if( rc==OK ){
      Stmt *q = db_prepare(db, "INSERT INTO account_event(office_id, account_id, at, by_user, action, case_id, reason)"
                               " VALUES(?1,?2,?3,?4,'reset',?5,?6)");
      if( q==0 ) rc = ERR_DB;
      else{
        db_bind_int64(q, 1, office_id);
        db_bind_int64(q, 2, account);
        db_bind_int64(q, 3, time_now());
        db_bind_text(q, 4, who && who->username ? who->username : "system");
        db_bind_int64(q, 5, c->id);
        db_bind_text(q, 6, "lupa user ID / password");
        rc = db_run(q);
      }
    }
    give_secret = 1;
    what = "user ID found, password reset";
    note = case_note_key(&a, N_("user ID found, password reset"), NULL);
  }else if( rc==OK && !util_blank(user_id) ){
    ERR_SET(e, "user_id", N_("is not used here: the request names its account")); rc = ERR_INVALID;
  }else if( rc==OK ){
    int act = strcmp(r.kind, "reactivate")==0;
    Account now;
    rc = account_get(db, office_id, account, &now, &a);
    if( rc==OK && strcmp(now.status, act ? "active" : "inactive")==0 ){
      /* already so (the year-end batch deactivated it meanwhile, say): the request is answered
      ** all the same, and says so; a reactivated account still gets a new password */
      what = act ? "already active" : "already inactive";
      note = case_note_key(&a, act ? N_("account already active before this request was carried out")
                                   : N_("account already inactive before this request was carried out"), NULL);
    }else if( rc==OK ){
      rc = account_set_status(db, who, office_id, account, act ? "active" : "inactive", c->id,
                              act ? "permohonan pengaktifan (BTG-019)" : "permohonan penonaktifan (BTG-019)", e);
      what = act ? "activated" : "deactivated";
      note = case_note_key(&a, act ? N_("account reactivated") : N_("account deactivated"), NULL);
    }
    /* reactivated on a new appointment letter: the account holds that decree from now on, so that
    ** the year-end review judges it by the letter in force, not the one that ended */
    if( rc==OK && act ) rc = account_set_decree(db, who, office_id, account, r.sk_number, r.valid_from, r.valid_until, c->id, e);
    give_secret = act;
  }
  if( rc==OK && give_secret ) rc = cred_issue(db, who, office_id, account, c->id, token, &expires, e);
  if( rc==OK && token[0] ){
    Buf sealed = BUF_INIT;          /* kept sealed until the notice mails the link, then wiped */
    rc = cred_seal(token, &sealed);
    if( rc==OK ){
      Stmt *q = db_prepare(db, "UPDATE account_request SET link_sealed=?1, link_expires=?2 WHERE id=?3");
      if( q==0 ) rc = ERR_DB;
      else{ db_bind_text(q, 1, buf_str(&sealed)); db_bind_int64(q, 2, expires); db_bind_int64(q, 3, id); rc = db_run(q); }
    }
    buf_free(&sealed);
  }
  if( rc==OK ) rc = step(db, who, &c, is_access(r.kind) ? 6 : 4, "done", note, e);
  if( rc==OK ) rc = acreq_set(db, id, "done", 0, 0);
  if( rc==OK && account ){
    Stmt *q = db_prepare(db, "UPDATE account_request SET account_id=?1 WHERE id=?2");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, account); db_bind_int64(q, 2, id); rc = db_run(q); }
  }
  rc = act_end(db, who, own, rc, id, "account_request.execute", what, c, &a);
  if( rc!=OK ) token[0] = 0;
  return rc;
}

/* 1 when the request's sealed link waits for its notice. */
int acreq_has_link(Db *db, int64_t id){
  Stmt *q = db_prepare(db, "SELECT 1 FROM account_request WHERE id=?1 AND link_sealed IS NOT NULL");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, id);
  int has = db_step(q)==DB_ROW;
  db_reset(q);
  return has;
}

/* The credential of a carried-out request, for a sealed letter: its link used up now. */
int acreq_letter(Db *db, const Actor *who, int64_t office_id, int64_t id, AcreqLetter *out, Arena *oa, Err *e){
  memset(out, 0, sizeof *out);
  char *user_id = out->user_id, *secret = out->secret;
  size_t nuid = sizeof out->user_id, nsecret = sizeof out->secret;
  Arena a;
  Acreq r;
  Case *c;
  int own;
  int rc = act_begin(db, office_id, id, "done", &r, &c, &own, &a, e);
  char tok[80] = "";
  if( rc==OK ){
    Stmt *q = db_prepare(db, "SELECT coalesce(link_sealed,'') FROM account_request WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, id);
      if( db_step(q)==DB_ROW && *db_col_text(q, 0) && cred_unseal(db_col_text(q, 0), tok, sizeof tok)!=OK ) tok[0] = 0;
      db_reset(q);
    }
    if( rc==OK && tok[0]==0 ){ ERR_SET(e, "link", N_("this request has no unused one-time link")); rc = ERR_CONFLICT; }
  }
  if( rc==OK ){
    rc = cred_open(db, who, tok, user_id, nuid, secret, nsecret);
    if( rc!=OK ){ ERR_SET(e, "link", N_("this request has no unused one-time link")); rc = ERR_CONFLICT; }
  }
  if( rc==OK ) rc = db_run_id(db, "UPDATE account_request SET link_sealed=NULL WHERE id=?1", id);
  if( rc==OK ){
    /* the sealed letter handed over: a handover form linked to the case (no secret in it) */
    const char *kv[] = { "items", arena_printf(&a, "Surat tertutup (amplop tersegel) berisi user ID %s dan kata sandi SPSE", user_id),
                         "from_name", who && who->username ? stepreg_user_name(db, who->username, &a) : "LPSE",
                         "to_name", util_blank(r.person_name) ? "-" : r.person_name, "case_number", r.case_number, 0 };
    rc = acreq_register(db, who, office_id, REG_HANDOVER, kv, out->handover, sizeof out->handover, e);
  }
  if( rc==OK ){
    Party p;
    Office o;
    office_of(db, office_id, &o);
    out->office = arena_strdup(oa, o.name);
    out->number = arena_strdup(oa, r.case_number);
    out->kind = i18n_get("id", acreq_kind_label(r.kind));
    out->agency = arena_strdup(oa, r.agency_name);
    if( party_get(db, office_id, r.person_id, &p, oa)==OK ){ out->name = p.v[PF_NAME]; out->nip = p.v[PF_NIP]; }
    else{ out->name = arena_strdup(oa, r.person_name); out->nip = ""; }
  }
  rc = act_end(db, who, own, rc, id, "credential.letter", "sealed letter printed; the link is used up", c, &a);
  if( rc!=OK ){ user_id[0] = 0; memset(secret, 0, nsecret); }
  return rc;
}

/* The notice to the applicant. */
int acreq_notify(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *base_url, Err *e){
  Arena a;
  Acreq r;
  Case *c;
  int own;
  int rc = act_begin(db, office_id, id, "done", &r, &c, &own, &a, e);
  Account acc;
  if( rc==OK ) rc = account_get(db, office_id, r.account_id, &acc, &a);
  Office o;
  office_of(db, office_id, &o);
  const char *link = "", *expires = "-";
  int letter = 0;   /* the password went in a sealed letter: the handover step says so, not "link" */
  if( rc==OK ){
    Stmt *q = db_prepare(db, "SELECT coalesce(link_sealed,''), coalesce(link_expires,0) FROM account_request WHERE id=?1");
    if( q ) db_bind_int64(q, 1, id);
    if( q==0 ) rc = ERR_DB;
    else{
      if( db_step(q)==DB_ROW ){
        const char *sealed = db_col_text(q, 0);
        int64_t until = db_col_int64(q, 1);
        char tok[80];
        /* each paragraph a message of the catalogue, in the applicant's language, its lines as they were */
        if( !*sealed && until ){            /* the link was used for a sealed letter */
          letter = 1;
          link = arena_printf(&a, "%s\n", i18n_get(r.lang, N_("The password was handed over in a sealed letter, not by e-mail;\nchange the password as soon as you have signed in to SPSE.")));
        }else if( *sealed && cred_unseal(sealed, tok, sizeof tok)==OK ){
          char when[96], at[256];
          int64_t viewed = 0;
          int st = cred_state(db, tok, &viewed);
          if( st==ERR_CONFLICT ){         /* opened before the notice: a dead link would only puzzle */
            time_fmt_human(when, sizeof when, viewed, o.tz, r.lang);
            link = arena_printf(&a, i18n_get(r.lang, N_("The password link for this account was opened on %s, before this notice.\nIf it was not you who opened it, ask LPSE for a password reset at once.\n")), when);
          }else if( st!=OK ){             /* expired, or replaced by a newer credential */
            link = arena_printf(&a, "%s\n", i18n_get(r.lang, N_("The password link for this request is no longer valid (expired or replaced by\na newer link); ask LPSE for a password reset if you have not received a password.")));
          }else{
            time_fmt_human(when, sizeof when, until, o.tz, r.lang);
            expires = arena_strdup(&a, when);
            link = arena_printf(&a, i18n_get(r.lang, N_("One-time link for the password: %s/kredensial/%s\n\nThe password is never sent by e-mail. The link can be opened only once\nand is valid until %s; change the password as soon as you have signed in to SPSE.\n")),
                                office_link_base(db, o.id, base_url && *base_url ? base_url : config_public_url(), at, sizeof at),
                                tok, expires);
          }
        }   /* a deactivation: no password to speak of */
      }
      db_reset(q);
    }
  }
  if( rc==OK ){
    const char *vars[] = { "name", r.person_name, "number", r.case_number, "kind", kind_text(r.kind, r.lang), "user_id", acc.user_id,
                           "status", i18n_get(r.lang, strcmp(acc.status, "active")==0 ? N_("active") : N_("inactive")), "link", link,
                           "expires", expires, "office", o.name, 0 };
    /* a credential goes to the holder's address in the directory when it has one, not to an address a
    ** request (perhaps from the portal, by anyone) named */
    const char *to = acc.holder_email[0] ? acc.holder_email : r.email;
    rc = acreq_mail(db, who, office_id, to, r.lang, "account-done", vars);
  }
  if( rc==OK && is_access(r.kind) ){
    /* BTG-019: 7 the result forwarded, 8 the applicant has the notice; 9 (archive) stays open */
    rc = step(db, who, &c, 7, "done", case_note_key(&a, N_("result passed on to the applicant"), NULL), e);
    if( rc==OK ) rc = step(db, who, &c, 8, "done", case_note_key(&a, N_("notice sent"), NULL), e);
  }else if( rc==OK ){
    rc = step(db, who, &c, 5, "done", case_note_key(&a, letter ? N_("user ID given, the password in a sealed letter")
                                                          : N_("user ID and password link given"), NULL), e);
  }
  if( rc==OK ) rc = acreq_set(db, id, "notified", 0, 0);
  if( rc==OK ){                      /* the sealed token is wiped once mailed */
    rc = db_run_id(db, "UPDATE account_request SET link_sealed=NULL WHERE id=?1", id);
  }
  return act_end(db, who, own, rc, id, "account_request.notify", r.email ? r.email : "", c, &a);
}

/* Archive the request. */
int acreq_archive(Db *db, const Actor *who, int64_t office_id, int64_t id, Err *e){
  Arena a;
  Acreq r;
  Case *c;
  int own;
  int rc = act_begin(db, office_id, id, "notified", &r, &c, &own, &a, e);
  if( rc==OK ){
    /* the archive register: the request's file, linked to the case, kept ACREQ_RETAIN_YEARS */
    Office o;
    office_of(db, office_id, &o);
    char until[11];
    register_retain_years(until, time_now(), o.tz, ACREQ_RETAIN_YEARS);
    const char *kv[] = { "case_number", r.case_number,
                         "title", arena_printf(&a, "%s: %s", kind_text(r.kind, "id"), r.person_name ? r.person_name : ""),
                         "location", "Arsip LPSE: permohonan akun SPSE", "retain_until", until, 0 };
    rc = acreq_register(db, who, office_id, REG_ARCHIVE, kv, 0, 0, e);
  }
  if( rc==OK && is_access(r.kind) ) rc = step(db, who, &c, 9, "done", case_note_key(&a, N_("files and access data archived"), NULL), e);
  if( rc==OK ) rc = case_archive(db, who, c, e);
  if( rc==OK ) rc = acreq_set(db, id, "archived", 0, 0);
  return act_end(db, who, own, rc, id, "account_request.archive", "", c, &a);
}
