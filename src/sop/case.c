/*
** case.c — the case engine: opening a case (its requester found or created in
** the directory, its number drawn from the office's counter), starting steps
** with their due times stored, completing them along the branches, pauses,
** cancel, reopen, archive, assign; each change audited in its own transaction.
*/
#include "case.h"
#include "watch.h"
#include "role.h"
#include "priority.h"
#include "org.h"
#include "absence.h"
#include "../core/ident.h"
#include "number.h"
#include "case_sql.h"     /* CASE_SQL, CASE_STEPS_SQL: the two statements that read a case */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const case_channels[] = { "phone", "email", "walk_in", "portal", "letter", 0 };

/* A word folded for comparing with a list of words: ASCII lower case, without the blanks,
** hyphens and underscores it is written with (" Walk in " and "walk_in" are "walkin"); empty
** when it is longer than the buffer (it names none). */
static const char *word_fold(const char *z, char *out, size_t n){
  size_t j = 0;
  for(; *z; z++){
    if( *z==' ' || *z=='\t' || *z=='-' || *z=='_' ) continue;
    if( j+1>=n ){ j = 0; break; }
    out[j++] = (*z>='A' && *z<='Z') ? (char)(*z - 'A' + 'a') : *z;
  }
  out[j] = 0;
  return out;
}

/* The channel a word names, as stored: the API's words, the spellings ("e-mail",
** "walk-in", "walk in") and the Indonesian staff use ("telepon", "surel", "datang langsung",
** "surat"), in any case, blanks around them or not; NULL when it names none. */
const char *case_channel(const char *z){
  static const struct { const char *word, *channel; } words[] = {   /* as word_fold writes them */
    { "phone", "phone" }, { "telephone", "phone" }, { "telepon", "phone" }, { "telpon", "phone" },
    { "email", "email" }, { "surel", "email" }, { "suratelektronik", "email" },
    { "walkin", "walk_in" }, { "counter", "walk_in" }, { "datanglangsung", "walk_in" }, { "loket", "walk_in" },
    { "portal", "portal" }, { "web", "portal" },
    { "letter", "letter" }, { "surat", "letter" },
  };
  char w[32];
  if( z==0 ) return 0;
  word_fold(z, w, sizeof w);
  for(size_t i=0; i<COUNT(words); i++) if( strcmp(words[i].word, w)==0 ) return words[i].channel;
  return 0;
}

/* The outcome a word names, as stored: done, yes, no, in any case, blanks around them or not,
** and the Indonesian of the SOPs' flow charts (selesai; ya, tidak); NULL when it names none. */
const char *case_outcome(const char *z){
  static const struct { const char *word, *outcome; } words[] = {
    { "done", "done" }, { "selesai", "done" },
    { "yes", "yes" }, { "ya", "yes" },
    { "no", "no" }, { "tidak", "no" },
  };
  char w[32];
  if( z==0 ) return 0;
  word_fold(z, w, sizeof w);
  for(size_t i=0; i<COUNT(words); i++) if( strcmp(words[i].word, w)==0 ) return words[i].outcome;
  return 0;
}
const char *const case_priorities[] = { "rendah", "menengah", "tinggi", 0 };

/* Case-level targets per priority, in office time — the DEFAULTS of each office's priority
** table (priority.c; the table itself is data): tinggi 1 office hour to respond, 1 working
** day to resolve; menengah 4 hours, 3 days; rendah 1 day, 5 days. A working day counts as
** 7.5 office hours (the default week of docs/calendar.md), so "1 working day" from 08.00 on
** Monday is 08.00 on Tuesday. */
#define WORKDAY_S PRIORITY_WORKDAY_S
typedef struct Target { const char *priority; int64_t response_s; int resolution_days; } Target;
static const Target targets[] = {
  { "tinggi",   3600,       1 },
  { "menengah", 4*3600,     3 },
  { "rendah",   WORKDAY_S,  5 },
};

/* ---- the revisions cases started under ---- */
static pthread_mutex_t rev_lock = PTHREAD_MUTEX_INITIALIZER;
static Procedure **revs;
static int nrevs;

/* The revision of that id when already in memory (the library's latest or the cache), or NULL. */
static const Procedure *rev_cached(int64_t id){
  for(int i=0; i<sop_library_count(); i++){
    const Procedure *p = sop_library_at(i);
    if( p==0 ) break;   /* a library published meanwhile may hold fewer */
    if( p->id==id ) return p;
  }
  const Procedure *got = 0;
  pthread_mutex_lock(&rev_lock);
  for(int i=0; i<nrevs; i++) if( revs[i]->id==id ){ got = revs[i]; break; }
  pthread_mutex_unlock(&rev_lock);
  return got;
}

/* The procedure revision a case started under: parsed from its stored text once, then cached. */
const Procedure *case_procedure(Db *db, int64_t procedure_id){
  const Procedure *p = rev_cached(procedure_id);
  if( p ) return p;
  Procedure *np = sop_stored_parse(db, procedure_id, 0);
  if( np==0 ) return 0;
  pthread_mutex_lock(&rev_lock);
  for(int i=0; i<nrevs; i++){
    if( revs[i]->id==procedure_id ){       /* another thread was quicker */
      pthread_mutex_unlock(&rev_lock);
      procedure_free(np);
      return rev_cached(procedure_id);
    }
  }
  revs = xrealloc(revs, sizeof(Procedure*)*(size_t)(nrevs+1));
  revs[nrevs++] = np;
  pthread_mutex_unlock(&rev_lock);
  return np;
}

/* ---- small helpers ---- */

/* urgency × impact → priority: the DEFAULT rules of the priority table (priority.c reads
** each office's table; these rules fill it for a new office). */
const char *case_priority(const char *urgency, const char *impact){
  int urgent = util_str_eq(urgency, "mendesak");
  if( util_str_eq(impact, "besar") ) return urgent ? "tinggi" : "menengah";
  if( util_str_eq(impact, "sedang") ) return urgent ? "tinggi" : "rendah";
  return urgent ? "menengah" : "rendah";
}

/* The default targets of a priority (the last, rendah, for an unknown one); 0 when known. */
int case_target_default(const char *priority, int64_t *response_s, int *resolution_days){
  size_t i = 0;
  while( i<COUNT(targets)-1 && !util_str_eq(targets[i].priority, priority) ) i++;
  *response_s = targets[i].response_s;
  *resolution_days = targets[i].resolution_days;
  return util_str_eq(targets[i].priority, priority) ? 0 : -1;
}

/* Store an instant, or NULL for 0 and "never". */
static void bind_time(Stmt *q, int i, int64_t t){
  if( t==0 || t==CAL_NEVER ) db_bind_null(q, i); else db_bind_int64(q, i, t);
}

/* The step a branch leads to, passing over steps kept outside a case's flow. */
static int step_follow(const Procedure *p, int no){
  for(int hops=0; no!=STEP_END && hops<=p->nsteps; hops++){
    const Step *s = procedure_step(p, no);
    if( s==0 ) return STEP_END;
    if( !s->outside ) return no;
    no = procedure_next(p, s);
  }
  return STEP_END;
}

/* The number of the step a case went through just before its step row step_id (where a
** "back" returns: the step that failed); ERR_CONFLICT when there is none. Earlier visits of
** the same step do not count (a case cancelled and reopened there has the cancelled visit
** just before), nor do cancelled ones. */
static int step_before(Db *db, int64_t case_id, int64_t step_id, int *no){
  Stmt *q = db_prepare(db, "SELECT no FROM case_step WHERE case_id=?1 AND id<?2"
                           " AND no<>(SELECT c.no FROM case_step c WHERE c.id=?2) AND coalesce(outcome,'')<>'cancelled'"
                           " ORDER BY id DESC LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  db_bind_int64(q, 2, step_id);
  int rc = db_step(q);
  if( rc==DB_ROW ) *no = db_col_int(q, 0);
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_CONFLICT : ERR_DB;
}

/* 1 when the step is a decision (it asks a question with yes and no). */
static int step_is_decision(const Step *s){
  return s->question!=0;
}

/* ---- the directory ---- */

/* A directory entry as the lookups below read it: what it has of the details a case gives. */
typedef struct PartyRow {
  int64_t id;                 /* 0: none found */
  char name[512];
  unsigned char has[5];       /* nip, nik, npwp, email, phone are set */
  int has_parent;             /* it is linked to an organisation */
} PartyRow;

#define PARTY_COLS "SELECT id, name, nip IS NOT NULL, nik IS NOT NULL, npwp IS NOT NULL," \
                   " email IS NOT NULL, phone IS NOT NULL, parent_id IS NOT NULL FROM party"

/* One row of PARTY_COLS into *r. */
static void party_row_read(Stmt *q, PartyRow *r){
  r->id = db_col_int64(q, 0);
  snprintf(r->name, sizeof r->name, "%s", db_col_text(q, 1));
  for(int i=0; i<5; i++) r->has[i] = (unsigned char)db_col_int(q, 2+i);
  r->has_parent = db_col_int(q, 7);
}

/* The first party of a kind in the office a prepared one-value lookup (PARTY_COLS …) finds,
** into *r (r->id stays 0 when none). */
static int party_seek(Stmt *q, int64_t office_id, const char *kind, const char *value, PartyRow *r){
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, kind);
  db_bind_text(q, 3, value);
  int rc = db_step(q);
  if( rc==DB_ROW ) party_row_read(q, r);
  db_reset(q);
  return rc==DB_ROW || rc==DB_DONE ? OK : rc;
}

/* The address a requester's e-mail field holds, as the directory keeps it: read from "Name <address>"
** (a mail program's copy, a mail's From:), the blanks around it dropped, in small letters (out, n bytes). */
static void party_address(const char *email, char *out, size_t n){
  char addr[320], name[320];
  out[0] = 0;
  if( util_blank(email) ) return;
  if( ident_email_read(email, IDENT_ADDR_MAIL, addr, sizeof addr, name, sizeof name)==IDENT_ADDR_NONE ) snprintf(addr, sizeof addr, "%s", email);
  snprintf(out, n, "%s", util_trim(addr));
  for(char *c = out; *c; c++) if( *c>='A' && *c<='Z' ) *c = (char)(*c - 'A' + 'a');
}

/* A name folded for comparing: ASCII lower case, the marks of titles (. , ') as spaces, one space
** between words, none at the ends ("Ir. Dewi Lestari, S.Kom." is "ir dewi lestari s kom"). */
static void name_fold(const char *z, char *out, size_t n){
  size_t j = 0;
  int space = 0;
  for(; z && *z && j+1<n; z++){
    if( *z==' ' || *z=='\t' || *z=='.' || *z==',' || *z=='\'' ){ space = j>0; continue; }
    if( space && j+2<n ) out[j++] = ' ';
    space = 0;
    out[j++] = (*z>='A' && *z<='Z') ? (char)(*z - 'A' + 'a') : *z;
  }
  out[j] = 0;
}

/* 1 when two names are the same but for case, spacing and title marks ("budi  santoso" is "Budi Santoso"). */
static int same_name(const char *a, const char *b){
  char fa[512], fb[512];
  name_fold(a, fa, sizeof fa);
  name_fold(b, fb, sizeof fb);
  return strcmp(fa, fb)==0;
}

/* 1 when the folded words of `part` appear together, whole, in the folded `whole`. */
static int words_within(const char *part, const char *whole){
  size_t n = strlen(part);
  if( n==0 ) return 0;
  for(const char *p = strstr(whole, part); p; p = strstr(p+1, part)){
    if( (p==whole || p[-1]==' ') && (p[n]==0 || p[n]==' ') ) return 1;
  }
  return 0;
}

/* The words of a folded name that name someone, in order, into out: without titles, forms of
** address and initials ("ir", "dr h", "bapak", "s kom" name nobody): "bapak budi s" is "budi". */
static void name_core(const char *folded, char *out, size_t cap){
  static const char *const titles[] = { "ir", "dr", "drs", "dra", "hj", "prof", "st", "se", "sh", "mm", "mt",
    "msi", "si", "kom", "pd", "sos", "ip", "ag", "ak", "md", "amd", "ked", "kes", "sp", "bapak", "bpk", "pak",
    "ibu", "bu", "sdr", "sdri", "tn", "ny", "nn", 0 };
  size_t j = 0;
  for(const char *w = folded; *w; ){
    size_t n = strcspn(w, " ");
    int title = n<2;
    for(int i=0; !title && titles[i]; i++) title = strlen(titles[i])==n && strncmp(titles[i], w, n)==0;
    if( !title && j+n+2<=cap ){
      if( j ) out[j++] = ' ';
      memcpy(out+j, w, n);
      j += n;
    }
    w += n;
    while( *w==' ' ) w++;
  }
  out[j] = 0;
}

/* 1 when two names can be one person's: the same but for case, spacing and punctuation, or,
** titles and initials set aside, one within the other as whole words ("Dewi" and "Ir. Dewi
** Lestari, S.Kom."; "Bapak Budi" and "Budi Santoso"); a title alone, "Ir.", is nobody's. */
static int names_agree(const char *a, const char *b){
  char fa[512], fb[512], ca[512], cb[512];
  name_fold(a, fa, sizeof fa);
  name_fold(b, fb, sizeof fb);
  if( strcmp(fa, fb)==0 ) return 1;
  name_core(fa, ca, sizeof ca);
  name_core(fb, cb, sizeof cb);
  return ca[0] && cb[0] && (words_within(ca, cb) || words_within(cb, ca));
}

/* The directory's entry of the office an e-mail address names (see case.h): of the people holding
** it, oldest first, the first who can be the one `name` names (any of them when no name is given;
** an entry with no name of its own, or named by its address, is anyone's); else, when no person
** holds it, the oldest organisation holding it (a provider's own address). *kind "person" with
** r->id 0: people hold the address but none by that name — an office's shared address, the name
** someone else's. Each by the index party_email. */
static int party_by_address(Db *db, int64_t office_id, const char *email, const char *name, PartyRow *r,
                            const char **kind){
  char addr[320];
  memset(r, 0, sizeof *r);
  *kind = 0;
  party_address(email, addr, sizeof addr);
  if( addr[0]==0 ) return OK;
  Stmt *q = db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind='person' AND email=?2 ORDER BY id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, addr);
  int rc;
  while( (rc = db_step(q))==DB_ROW ){
    PartyRow x;
    party_row_read(q, &x);
    *kind = "person";
    if( util_blank(name) || util_blank(x.name) || strcasecmp(x.name, addr)==0 || names_agree(x.name, name) ){
      *r = x;
      break;
    }
  }
  db_reset(q);
  if( rc!=DB_ROW && rc!=DB_DONE ) return rc;
  if( *kind ) return OK;
  rc = party_seek(db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind=?2 AND email=?3 ORDER BY id LIMIT 1"),
                  office_id, "org", addr, r);
  if( rc==OK && r->id ) *kind = "org";
  return rc;
}

/* The directory's entry an e-mail address names for a requester of that name (see case.h). */
int case_party_by_email(Db *db, int64_t office_id, const char *email, const char *name, int64_t *id, const char **kind){
  PartyRow r;
  int rc = party_by_address(db, office_id, email, name, &r, kind);
  *id = r.id;
  return rc;
}

/* 1 when x, a person's entry, can be the person given by name with the identifiers given (NIP,
** NIK, NPWP): a name that can be theirs (names_agree), and none of those numbers held other than
** the one given (a search by it found nobody before). */
static int party_may_be(const PartyRow *x, const char *name, const char *given[3]){
  for(int i=0; i<3; i++) if( x->has[i] && !util_blank(given[i]) ) return 0;
  return names_agree(x->name, name);
}

/* A person given by a name, with a phone number (as ident_phone writes it: +62…) or at an
** organisation (parent), whom no NIP, NIK, NPWP or e-mail found: of the people holding that number
** (the index party_phone), then of the organisation's people (party_parent; with a number given,
** those with none yet, who take it), the one whose name can be the one given (party_may_be): of
** exactly that name (capitals and spaces aside) first, else the oldest. Another number is another
** person (two Budis at one company), and so is another name at the number (an office's
** switchboard). Into *r (r->id 0: none). */
static int party_by_name_at(Db *db, int64_t office_id, int64_t parent, const char *name, const char *phone,
                            const char *given[3], PartyRow *r){
  memset(r, 0, sizeof *r);
  int by_phone = !util_blank(phone);
  for(int pass = by_phone ? 0 : 1; pass<2 && r->id==0; pass++){
    if( pass==1 && !parent ) break;
    Stmt *q = pass==0 ? db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind='person' AND phone=?2 ORDER BY id")
            : by_phone ? db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind='person' AND parent_id=?2 AND phone IS NULL ORDER BY id")
            : db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind='person' AND parent_id=?2 ORDER BY id");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, office_id);
    if( pass==0 ) db_bind_text(q, 2, phone); else db_bind_int64(q, 2, parent);
    PartyRow agree = { 0 };
    int rc;
    while( (rc = db_step(q))==DB_ROW ){
      PartyRow x;
      party_row_read(q, &x);
      if( !party_may_be(&x, name, given) ) continue;
      if( same_name(x.name, name) ){ *r = x; break; }
      if( agree.id==0 ) agree = x;
    }
    db_reset(q);
    if( rc!=DB_ROW && rc!=DB_DONE ) return rc;
    if( r->id==0 ) *r = agree;
  }
  return OK;
}

/* The party with one of these identifiers in the office — or, for an organisation given by
** its name alone, the one of that name — else a new one; *id 0 when nothing given. An entry
** found gets what it lacked of the details given (nothing given is lost; parent, the
** organisation a person works at, when it was linked to none); a person's e-mail address finds
** them under any name that can be theirs (case_party_by_email: in any capitals, "Budi" under
** "Budi Santoso"; another name at that address is another person's, an office's shared address),
** their entry not renamed by it — unless it holds a NIP or NIK other than the one given; an entry named by its e-mail address or phone number (a requester given by it
** alone) is renamed by the name now given with it. A person given by name with a phone number, or
** by name alone at an organisation, is the one of a name that can be theirs at that number, else
** among the organisation's people (party_by_name_at). A person found by NIP or NIK under a name that cannot be the one given is
** ERR_CONFLICT, *clash naming the identifier: a mistyped number would file the case under
** someone else. */
static int party_find_or_create(Db *db, int64_t office_id, const char *kind, const char *name,
                                const char *nip, const char *nik, const char *npwp,
                                const char *email, const char *phone, int64_t parent, int64_t *id,
                                const char **clash, char found[512]){
  *id = 0;
  *clash = 0;
  if( found ) found[0] = 0;
  if( util_blank(name) && util_blank(nip) && util_blank(nik) && util_blank(npwp) && util_blank(email) ) return OK;
  int by_name = strcmp(kind, "org")==0 && util_blank(nip) && util_blank(nik) && util_blank(npwp) && util_blank(email)
                && !util_blank(name);
  int person = strcmp(kind, "person")==0 && !util_blank(name);
  int named_by_contact = 0;
  /* one index seek per identifier given, in this order (an OR of them all scans the office) */
  PartyRow r = { 0 };
  int rc = OK;
  if( rc==OK && !util_blank(nip) ){
    rc = party_seek(db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind=?2 AND nip=?3 ORDER BY id LIMIT 1"), office_id, kind, nip, &r);
    if( rc==OK && r.id ) *clash = "requester.nip";
  }
  if( rc==OK && r.id==0 && !util_blank(nik) ){
    rc = party_seek(db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind=?2 AND nik=?3 ORDER BY id LIMIT 1"), office_id, kind, nik, &r);
    if( rc==OK && r.id ) *clash = "requester.nik";
  }
  if( rc==OK && *clash && person && !util_blank(r.name) && !names_agree(r.name, name) ) return ERR_CONFLICT;
  *clash = 0;
  if( rc==OK && r.id==0 && !util_blank(npwp) )
    rc = party_seek(db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind=?2 AND npwp=?3 ORDER BY id LIMIT 1"), office_id, kind, npwp, &r);
  if( rc==OK && r.id==0 && !util_blank(email) ){
    /* the address finds the person under a name that can be theirs (case_party_by_email); one who
    ** has a NIP or NIK other than the one given (it found nobody above) is someone else */
    PartyRow b;
    const char *k;
    rc = party_by_address(db, office_id, email, person ? name : 0, &b, &k);
    if( rc==OK && k && strcmp(k, kind)==0 && !(b.has[0] && !util_blank(nip)) && !(b.has[1] && !util_blank(nik)) ){
      r = b;
      /* an entry named by its address (a requester given by e-mail alone) takes the name now given;
      ** an entry with a name of its own keeps it */
      if( person && strcasecmp(r.name, email)==0 && !same_name(r.name, name) ) named_by_contact = 1;
    }
  }
  /* an entry named by its phone number (a requester given by a phone number alone) takes the name now given */
  if( rc==OK && r.id==0 && person && !util_blank(phone) ){
    rc = party_seek(db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind=?2 AND phone=?3 AND name=?3 ORDER BY id LIMIT 1"),
                    office_id, kind, phone, &r);
    if( rc==OK && r.id ) named_by_contact = 1;
  }
  /* a name with a phone number, or at an organisation with nothing else: the person of a name that
  ** can be theirs at that number, or among the organisation's people; not a twin for every call or
  ** case (party_by_name_at) */
  if( rc==OK && r.id==0 && person && (!util_blank(phone) || (parent && util_blank(nip) && util_blank(nik)
      && util_blank(npwp) && util_blank(email))) ){
    const char *ids[3] = { nip, nik, npwp };
    rc = party_by_name_at(db, office_id, parent, name, phone, ids, &r);
  }
  if( rc==OK && r.id==0 && by_name )
    rc = party_seek(db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind=?2 AND name=?3 ORDER BY id LIMIT 1"), office_id, kind, name, &r);
  if( rc!=OK ) return rc;
  const char *given[5] = { nip, nik, npwp, email, phone };
  if( r.id ){
    *id = r.id;
    if( found ) memcpy(found, r.name, sizeof r.name);
    /* complete the entry with what it lacked; what it has stays. Written only when it lacks
    ** something given: a requester who calls again costs no rewrite of the directory's indexes */
    int lacks = ((util_blank(r.name) || named_by_contact) && !util_blank(name)) || (parent && !r.has_parent);
    for(int i=0; i<5; i++) lacks |= !r.has[i] && !util_blank(given[i]);
    if( !lacks ) return OK;
    Stmt *q = db_prepare(db, "UPDATE party SET nip=coalesce(nip,?2), nik=coalesce(nik,?3), npwp=coalesce(npwp,?4),"
                             " email=coalesce(email,?5), phone=coalesce(phone,?6),"
                             " name=CASE WHEN name='' OR ?9=1 THEN ?7 ELSE name END, parent_id=coalesce(parent_id,?8) WHERE id=?1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, r.id);
    for(int i=0; i<5; i++) db_bind_text(q, 2+i, util_blank(given[i]) ? 0 : given[i]);
    db_bind_text(q, 7, name ? name : "");
    if( parent ) db_bind_int64(q, 8, parent); else db_bind_null(q, 8);
    db_bind_int(q, 9, named_by_contact);
    return db_run(q);
  }
  Stmt *q = db_prepare(db, "INSERT INTO party(office_id, kind, name, nip, nik, npwp, email, phone, parent_id, created_at)"
                     " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) RETURNING id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, kind);
  db_bind_text(q, 3, name ? name : "");
  for(int i=0; i<5; i++) db_bind_text(q, 4+i, util_blank(given[i]) ? 0 : given[i]);
  if( parent ) db_bind_int64(q, 9, parent); else db_bind_null(q, 9);
  db_bind_int64(q, 10, time_now());
  rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
  if( rc==OK ) *id = db_col_int64(q, 0);
  db_reset(q);
  return rc;
}

/* ---- numbering ---- */

/* The next number of a register of the office for that year: counted inside the caller's
** write transaction, so writers queue on BEGIN IMMEDIATE (no duplicate, no gap). */
static int counter_next(Db *db, int64_t office_id, const char *reg, int year, int64_t *n){
  Stmt *q = db_prepare(db, "INSERT INTO counter(office_id, register, year, last) VALUES(?1,?2,?3,1)"
                           " ON CONFLICT(office_id, register, year) DO UPDATE SET last=counter.last+1"
                           " RETURNING last");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, reg);
  db_bind_int(q, 3, year);
  int rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
  if( rc==OK ) *n = db_col_int64(q, 0);
  db_reset(q);
  return rc;
}

/* ---- steps ---- */

/* The events a case was opened with, loaded into ev (names in a). */
static int case_events(Db *db, int64_t case_id, CalEvent *ev, int max, Arena *a){
  Stmt *q = db_prepare(db, "SELECT name, at FROM case_event WHERE case_id=?1 ORDER BY name");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, case_id);
  int n = 0;
  while( n<max && db_step(q)==DB_ROW ){
    ev[n].name = arena_strdup(a, db_col_text(q, 0));
    ev[n].at = db_col_int64(q, 1);
    n++;
  }
  db_reset(q);
  return n;
}

/* The events a case was opened with (see case.h). */
int case_event_list(Db *db, int64_t case_id, CalEvent *ev, int max, Arena *a){
  return case_events(db, case_id, ev, max, a);
}

/* When step no of a case last ended (0 when it has not ended). */
static int step_last_end(Db *db, int64_t case_id, int no, int64_t *at){
  *at = 0;
  Stmt *q = db_prepare(db, "SELECT coalesce(max(done_at),0) FROM case_step WHERE case_id=?1 AND no=?2 AND done_at IS NOT NULL");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  db_bind_int(q, 2, no);
  int rc = db_step(q);
  if( rc==DB_ROW ) *at = db_col_int64(q, 0);
  db_reset(q);
  return rc==DB_ROW ? OK : ERR_DB;
}

/* Start step no of a case at now: its visit counted, its due time computed and stored.
** bare: the case was made in this transaction with no events and no steps (nothing to read). */
static int step_start(Db *db, const Calendar *cal, const Procedure *p, int64_t case_id,
                      int64_t office_id, int no, int64_t now, int bare){
  const Step *s = procedure_step(p, no);
  if( s==0 ) return ERR_INVALID;
  Arena a;
  arena_init(&a);
  CalEvent ev[8];
  int nev = bare ? 0 : case_events(db, case_id, ev, (int)COUNT(ev), &a);
  int64_t due = 0, clock = now;
  int rc = OK;
  if( s->std.kind==STD_AFTER_STEP ){
    /* the clock started when the step it counts from last ended (none yet: no due time) */
    clock = 0;
    if( !bare ) rc = step_last_end(db, case_id, s->std.step, &clock);
  }
  if( rc==OK && clock>0 ) rc = calendar_due(cal, &s->std, clock, ev, nev, 0, 0, &due);
  Buf tasks = BUF_INIT;                    /* each task's due time, "0" for none */
  for(int i=0; i<s->ntasks; i++){
    int64_t td = 0;
    if( calendar_due(cal, &s->tasks[i].std, now, ev, nev, 0, 0, &td)!=OK || td==CAL_NEVER ) td = 0;
    if( i ) buf_putc(&tasks, ' ');
    buf_printf(&tasks, "%lld", (long long)td);
  }
  arena_free(&a);
  if( rc==ERR_NOTFOUND ) due = 0;          /* an event not given: no due time */
  else if( rc!=OK ){ buf_free(&tasks); return rc; }
  int visit = 1;
  Stmt *q;
  if( !bare ){
    q = db_prepare(db, "SELECT coalesce(max(visit),0)+1 FROM case_step WHERE case_id=?1 AND no=?2");
    if( q==0 ){ buf_free(&tasks); return ERR_DB; }
    db_bind_int64(q, 1, case_id);
    db_bind_int(q, 2, no);
    if( db_step(q)==DB_ROW ) visit = db_col_int(q, 0);
    db_reset(q);
  }
  q = db_prepare(db, "INSERT INTO case_step(case_id, office_id, no, visit, started_at, due_at, pause_started_at,"
                     " task_due, notice_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  if( q==0 ){ buf_free(&tasks); return ERR_DB; }
  db_bind_int64(q, 1, case_id);
  db_bind_int64(q, 2, office_id);
  db_bind_int(q, 3, no);
  db_bind_int(q, 4, visit);
  db_bind_int64(q, 5, now);
  bind_time(q, 6, due);
  if( s->pause ) db_bind_int64(q, 7, now); else db_bind_null(q, 7);
  db_bind_text(q, 8, buf_str(&tasks));
  /* the SLA watcher's first look at this step: a paused step waits for no one */
  int64_t notice = s->pause ? 0 : watch_notice_at(cal, &s->std, clock>0 && clock<now ? clock : now, due);
  if( notice ) db_bind_int64(q, 9, notice); else db_bind_null(q, 9);
  rc = db_run(q);
  buf_free(&tasks);
  return rc;
}

/* ---- opening ---- */

/* Check one identifier of the requester with its validator (rc, its error in ie), adding the
** field and why to all when it fails. */
static void check_ident(Err *all, int rc, const Err *ie, const char *field){
  if( rc!=OK ) err_add_n(all, field, ie->msg ? ie->msg : N_("is not valid"), ie->n);
}

/* Whether the event a standard counts from (if any) is among the case's given events. */
static int event_given(const CaseNew *in, const Standard *st){
  if( st->kind!=STD_WORKDAYS_BEFORE && st->kind!=STD_AFTER_EVENT ) return 1;
  for(int k=0; k<in->nevents; k++) if( strcmp(in->events[k].name, st->event)==0 ) return 1;
  return 0;
}

/* A new case's urgency and impact as stored, from the words people write them in: any case,
** "tidak mendesak" with a blank or a dash; a word that names none is left for case_validate.
** No channel given: the one its procedure's cases usually come through (the file's channel:). */
static void case_levels(CaseNew *in){
  if( util_blank(in->channel) ){
    const Procedure *p = in->sop ? sop_library_find(in->sop) : 0;
    if( p && p->channel ) in->channel = p->channel;
  }
  static const char *const levels[] = { "mendesak", "tidak_mendesak", "kecil", "sedang", "besar", 0 };
  const char **given[2] = { &in->urgency, &in->impact };
  for(int i=0; i<2; i++){
    const char *z = *given[i];
    char w[32];
    size_t k = 0;
    if( z==0 ) continue;
    for(; z[k] && k+1<sizeof w; k++) w[k] = (z[k]==' ' || z[k]=='-') ? '_' : (z[k]>='A' && z[k]<='Z') ? (char)(z[k]-'A'+'a') : z[k];
    if( z[k] ) continue;
    w[k] = 0;
    for(int j=0; levels[j]; j++) if( strcmp(levels[j], w)==0 ) *given[i] = levels[j];
  }
}

/* The events of a new case with the one implied: the last session ends when the training does
** unless told otherwise (the questionnaire's deadline counts from it). Returns in. */
static const CaseNew *events_default(CaseNew *in){
  int end = -1, last = 0;
  if( in->nevents<0 || in->nevents>=(int)COUNT(in->events) ) return in;
  for(int k=0; k<in->nevents; k++){
    if( strcmp(in->events[k].name, "training_end")==0 ) end = k;
    if( strcmp(in->events[k].name, "last_session_end")==0 ) last = 1;
  }
  if( end>=0 && !last ){
    in->events[in->nevents].name = "last_session_end";
    in->events[in->nevents].at = in->events[end].at;
    in->nevents++;
  }
  return in;
}

/* Check everything a new case needs; OK, or ERR_INVALID naming every field that is wrong (the events a
** procedure needs are looked for once the procedure is known and the events readable); ERR_CONFLICT
** when the only thing wrong is that the procedure is retired (field sop). */
static int case_validate(const CaseNew *in, const Procedure **pp, char *phone, size_t nphone, Err *e){
  const Procedure *p = sop_library_find(in->sop);
  Err all = {0};
  if( util_blank(in->sop) ) err_add(&all, "sop", N_("is required"));
  else if( p==0 || p->id==0 ) err_add(&all, "sop", N_("is not known: no procedure has this code"));
  int retired = p && p->id && sop_retired(p->code);   /* taken out of service (sop_retire): the only error, a 409 */
  if( retired ) sop_retired_add(&all, p->code);   /* named: every desk and the API say which */
  /* no channel given is only wrong of a known procedure without one of its own (case_levels gave
  ** it): with the procedure unknown the channel it would have given cannot be told */
  if( util_blank(in->channel) ){ if( p && p->id ) err_add(&all, "channel", N_("is required")); }
  else if( case_channel(in->channel)==0 ) err_add(&all, "channel", N_("must be phone, email, walk_in, portal or letter"));
  if( util_blank(in->subject) ) err_add(&all, "subject", N_("is required"));
  else if( util_utf8_len(in->subject)>200 ) err_add_n(&all, "subject", N_("is longer than %d characters"), 200);
  if( !util_blank(in->urgency) && strcmp(in->urgency, "mendesak") && strcmp(in->urgency, "tidak_mendesak") ){
    err_add(&all, "urgency", N_("must be mendesak or tidak_mendesak"));
  }
  if( !util_blank(in->impact) && strcmp(in->impact, "kecil") && strcmp(in->impact, "sedang") && strcmp(in->impact, "besar") ){
    err_add(&all, "impact", N_("must be kecil, sedang or besar"));
  }
  const Requester *rq = &in->requester;
  /* a name, an organisation, or an e-mail address or phone number alone (case_open: whose person it is) */
  if( util_blank(rq->name) && util_blank(rq->org_name) && ((util_blank(rq->email) && util_blank(rq->phone)) || !in->contact_alone) ){
    err_add(&all, "requester.name", N_("is required"));
  }
  if( (rq->name && util_utf8_len(rq->name)>120) ) err_add_n(&all, "requester.name", N_("is longer than %d characters"), 120);
  if( (rq->org_name && util_utf8_len(rq->org_name)>200) ) err_add_n(&all, "requester.org_name", N_("is longer than %d characters"), 200);
  /* one line of plain text each (a field already named keeps its message) */
  err_check_text(&all, "subject", in->subject, 200, 0);
  err_check_text(&all, "requester.name", rq->name, 120, 0);
  err_check_text(&all, "requester.org_name", rq->org_name, 200, 0);
  Err ie = {0};
  if( !util_blank(rq->nip) ) check_ident(&all, ident_nip(rq->nip, &ie), &ie, "requester.nip");
  if( !util_blank(rq->nik) ) check_ident(&all, ident_nik(rq->nik, &ie), &ie, "requester.nik");
  if( !util_blank(rq->npwp) ) check_ident(&all, ident_npwp(rq->npwp, 0, 0, 0, &ie), &ie, "requester.npwp");
  if( !util_blank(rq->email) ) check_ident(&all, ident_email(rq->email, &ie), &ie, "requester.email");
  phone[0] = 0;
  if( !util_blank(rq->phone) ) check_ident(&all, ident_phone(rq->phone, phone, nphone, 0, &ie), &ie, "requester.phone");
  static const char *const event_fields[] = { "events.training_start", "events.training_end", "events.last_session_end" };
  int64_t at[3] = { 0, 0, 0 };
  int events_ok = 1;
  if( in->nevents<0 || in->nevents>(int)COUNT(in->events) ){ err_add(&all, "events", N_("too many events")); events_ok = 0; }
  for(int i=0; events_ok && i<in->nevents; i++){
    int k = 0;
    while( sop_events[k] && strcmp(sop_events[k], in->events[i].name) ) k++;
    if( sop_events[k]==0 || k>=3 ){ err_add(&all, "events", N_("names an unknown event")); events_ok = 0; break; }
    /* the years the office calendar knows (1970–2100): a due time must be a real date */
    if( in->events[i].at < 0 || in->events[i].at >= CAL_EVENT_END ){
      err_add(&all, event_fields[k], N_("must be a time between 1970 and 2100")); events_ok = 0; continue;
    }
    at[k] = in->events[i].at;
  }
  if( at[0] && at[1] && at[1] <= at[0] ) err_add(&all, "events.training_end", N_("must be later than the training's start"));
  /* the last session's end as the training's (given so, or implied when left empty): the end's error says it */
  if( at[0] && at[2] && at[2] <= at[0] && !(at[1] && at[2]==at[1]) ){
    err_add(&all, "events.last_session_end", N_("must be later than the training's start"));
  }
  /* Every event a step's standard, or one of its tasks', counts from must be given. */
  for(int i=0; events_ok && p && p->id && i<p->nsteps; i++){
    if( p->steps[i].outside ) continue;
    for(int j=-1; j<p->steps[i].ntasks; j++){
      const Standard *st = j<0 ? &p->steps[i].std : &p->steps[i].tasks[j].std;
      if( event_given(in, st) ) continue;
      const char *f = "events";
      for(int k=0; sop_events[k] && k<3; k++) if( strcmp(sop_events[k], st->event)==0 ) f = event_fields[k];
      /* the last session ends when the training does unless told: it is the end that is missing */
      if( strcmp(st->event, "last_session_end")==0 ) f = event_fields[1];
      err_add(&all, f, N_("is required by this procedure"));
    }
  }
  if( all.msg ){ if( e ) *e = all; return retired && err_count(&all)==1 ? ERR_CONFLICT : ERR_INVALID; }
  *pp = p;
  return OK;
}

/* The requester's e-mail given as a mail program copies it, Name <address>: the address alone,
** and the name for the person's when none is given in its field (addr, name: the caller's room). */
void case_requester_email(Requester *rq, char addr[256], char name[128]){
  if( rq->email==0 || ident_email_read(rq->email, 0, addr, 256, name, 128)!=IDENT_ADDR_NAMED ) return;
  rq->email = addr;
  if( util_blank(rq->name) && name[0] ) rq->name = name;
}

/* Check a new case as case_open does, opening nothing. */
int case_check(const CaseNew *given, Err *e){
  CaseNew full = *given;
  const Procedure *p = 0;
  char phone[24], addr[256], name[128];
  case_levels(&full);
  case_requester_email(&full.requester, addr, name);
  return case_validate(events_default(&full), &p, phone, sizeof phone, e);
}

/* Open a case: number it, start its first step; *out is the case as stored. */
int case_open(Db *db, const Actor *who, const CaseNew *given, Case **out, Err *e){
  *out = 0;
  CaseNew full = *given;
  char addr[256], name[128];
  case_levels(&full);
  case_requester_email(&full.requester, addr, name);
  const CaseNew *in = events_default(&full);
  const Procedure *p = 0;
  char phone[24];
  int rc = case_validate(in, &p, phone, sizeof phone, e);
  if( rc!=OK ) return rc;
  int own;
  rc = db_tx_begin(db, &own);   /* the office's settings are read inside it: on SQLite the writer's pages are warm */
  if( rc!=OK ) return rc;
  Office o;
  if( office_get(db, in->office_id, &o)!=OK ){ ERR_SET(e, "office", N_("Not found")); return db_tx_end(db, own, ERR_NOTFOUND); }
  Calendar *cal = calendar_load(db, in->office_id);
  if( cal==0 ) return db_tx_end(db, own, ERR_DB);
  const char *urgency = util_blank(in->urgency) ? "tidak_mendesak" : in->urgency;
  const char *impact = util_blank(in->impact) ? "kecil" : in->impact;
  PrioTable pt;                            /* the office's priority table (data) */
  if( priority_load(db, in->office_id, &pt)!=OK ){ calendar_free(cal); return db_tx_end(db, own, ERR_DB); }
  const char *priority = priority_lookup(&pt, urgency, impact);
  const PrioTarget *tg = priority_target(&pt, priority);
  int64_t response_s = tg ? tg->response_s : 3600, resolution_s = (tg ? tg->resolution_days : 1)*(int64_t)WORKDAY_S;
  int64_t now = time_now();
  if( in->at>0 && in->at<=now ) now = in->at;   /* the request came earlier (a call written up after it ended) */
  int first = step_follow(p, 1);
  const Requester *rq = &in->requester;
  char number[64];
  int64_t person = 0, org = 0, case_id = 0, seq = 0;
  /* identifiers as the directory (desk/directory.c) keeps them: digits, the NPWP's 16-digit form, e-mail lower case */
  char nip[24] = "", nik[24] = "", npwp[20] = "", email[160] = "";
  if( !util_blank(rq->nip) ) ident_nip_text(rq->nip, nip, sizeof nip);
  if( !util_blank(rq->nik) ) ident_digits_text(rq->nik, nik, sizeof nik);
  if( !util_blank(rq->npwp) ) ident_npwp16(rq->npwp, npwp, 0);
  if( !util_blank(rq->email) ){
    snprintf(email, sizeof email, "%s", rq->email);
    for(char *c = email; *c; c++) if( *c>='A' && *c<='Z' ) *c = (char)(*c - 'A' + 'a');
  }
  /* a requester given by an e-mail address alone (no name, no organisation): the directory's
  ** person of that address, else its organisation, else one named by it, as a mail without a sender's name to the
  ** help desk's mailbox is. By a phone number alone: the person of that number (the first
  ** entered), else one named by it */
  const char *rname = rq->name;
  char by_contact[512];
  /* the entry the address names (case_party_by_email): its person, else its organisation — a
  ** provider writing from its own address is that organisation's case, the person writing (the
  ** name beside the address) one of its people, who does not take the organisation's address */
  PartyRow by_addr = { 0 };
  const char *addr_kind = 0;
  if( email[0] ) rc = party_by_address(db, in->office_id, email, rq->name, &by_addr, &addr_kind);
  int org_addr = rc==OK && addr_kind && strcmp(addr_kind, "org")==0;
  if( rc==OK && in->contact_alone && util_blank(rq->name) && util_blank(rq->org_name) && (email[0] || phone[0]) ){
    PartyRow r = { 0 };
    if( email[0] ){
      r = by_addr;
    }else{
      rc = party_seek(db_prepare(db, PARTY_COLS " WHERE office_id=?1 AND kind=?2 AND phone=?3 ORDER BY id LIMIT 1"),
                      in->office_id, "person", phone, &r);
      if( rc==OK && r.id ) person = r.id;   /* a phone number is no key the directory finds by: taken here */
    }
    snprintf(by_contact, sizeof by_contact, "%s", r.id && !util_blank(r.name) ? r.name : email[0] ? email : phone);
    rname = by_contact;
  }
  /* an NPWP with no organisation named is the person's own (a person has one too) */
  int own_npwp = util_blank(rq->org_name) && npwp[0];
  /* the organisation first: a person given with it works there (their entry is linked to it
  ** when it is linked to none) */
  const char *org_given = 0;   /* the organisation's name as given, when its entry (found by NPWP) has another */
  char org_as_given[512];
  if( rc==OK && !util_blank(rq->org_name) ){
    const char *clash;
    char found[512];
    rc = party_find_or_create(db, in->office_id, "org", rq->org_name, 0, 0, npwp, 0, 0, 0, &org, &clash, found);
    snprintf(org_as_given, sizeof org_as_given, "%s", rq->org_name);
    if( rc==OK && found[0] && !same_name(found, org_as_given) ) org_given = util_trim(org_as_given);
  }else if( rc==OK && org_addr ) org = by_addr.id;
  /* from an organisation's address: a person only when one is named (not the organisation's own
  ** name, as a mail program may put beside its address) or given by a NIP or NIK */
  int person_named = !util_blank(rname) && !(org_addr && (same_name(rname, by_addr.name) || strcasecmp(rname, email)==0));
  if( rc==OK && person==0 && (person_named || !util_blank(rq->nip) || !util_blank(rq->nik) || (!org_addr && !util_blank(rq->email))) ){
    const char *clash;
    rc = party_find_or_create(db, in->office_id, "person", org_addr && !person_named ? 0 : rname, nip, nik, own_npwp ? npwp : 0,
                              org_addr ? 0 : email, phone, org, &person, &clash, 0);
    if( rc==ERR_CONFLICT ) ERR_SET(e, clash, N_("belongs to another person in the directory: check the number, or give the name written there"));
  }
  if( rc==OK ) rc = counter_next(db, in->office_id, "ticket", time_year(now, o.tz), &seq);
  if( rc==OK ){
    rc = number_format_office(db, in->office_id, "case", time_year(now, o.tz), time_month(now, o.tz), seq,
                              number, sizeof number);
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "INSERT INTO kasus(office_id, number, procedure_id, sop_code, channel, subject,"
                             " urgency, impact, priority, status, person_id, org_id, requester_name, opened_at,"
                             " opened_by, response_due_at, resolution_due_at, org_given)"
                             " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,'open',?10,?11,?12,?13,?14,?15,?16,?17) RETURNING id");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, in->office_id);
      db_bind_text(q, 2, number);
      db_bind_int64(q, 3, p->id);
      db_bind_text(q, 4, p->code);
      db_bind_text(q, 5, case_channel(in->channel));
      db_bind_text(q, 6, in->subject);
      db_bind_text(q, 7, urgency);
      db_bind_text(q, 8, impact);
      db_bind_text(q, 9, priority);
      if( person ) db_bind_int64(q, 10, person); else db_bind_null(q, 10);
      if( org ) db_bind_int64(q, 11, org); else db_bind_null(q, 11);
      db_bind_text(q, 12, !util_blank(rname) ? rname : rq->org_name);
      db_bind_int64(q, 13, now);
      db_bind_text(q, 14, who && who->username ? who->username : "system");
      int own_work = in->own_work || strcmp(p->code, TRAINING_SOP)==0;
      bind_time(q, 15, own_work ? 0 : calendar_add_office(cal, now, response_s));
      bind_time(q, 16, own_work ? 0 : calendar_add_office(cal, now, resolution_s));
      db_bind_text(q, 17, org_given);
      rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
      if( rc==OK ) case_id = db_col_int64(q, 0);
      db_reset(q);
    }
  }
  for(int i=0; rc==OK && i<in->nevents; i++){
    Stmt *q = db_prepare(db, "INSERT INTO case_event(case_id, name, at) VALUES(?1,?2,?3)"
                             " ON CONFLICT(case_id, name) DO UPDATE SET at=excluded.at");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, case_id);
    db_bind_text(q, 2, in->events[i].name);
    db_bind_int64(q, 3, in->events[i].at);
    rc = db_run(q);
  }
  if( rc==OK && first!=STEP_END ) rc = step_start(db, cal, p, case_id, in->office_id, first, now, in->nevents==0);
  if( rc==OK ){
    char detail[512];
    snprintf(detail, sizeof detail, "sop %s rev %d, channel %s, priority %s, step %d; subject: %.200s",
             p->code, p->revision_no, case_channel(in->channel), priority, first, in->subject);
    rc = audit_write(db, who, "case.open", number, detail);
  }
  if( rc==OK ) rc = case_get(db, in->office_id, number, out);   /* read back warm: see case_tx_end */
  rc = db_tx_end(db, own, rc);
  calendar_free(cal);
  if( rc!=OK ){ case_free(*out); *out = 0; }
  return rc;
}

/* ---- loading ---- */

/* Text of a column in the case's arena, NULL for SQL NULL. */
static const char *col_str(Stmt *q, int i, Arena *a){
  size_t n;
  const char *z = db_col_str(q, i, &n);
  return z ? arena_strndup(a, z, n) : 0;
}

/* An instant of a column, 0 for NULL (what reading NULL as an integer gives). */
static int64_t col_time(Stmt *q, int i){
  return db_col_int64(q, i);
}

/* The stored due times of a step's tasks ("t1 t2 …") into s. */
static void task_dues(const char *z, CaseStep *s, Arena *a){
  int n = 0;
  for(const char *p = z; *p; p++) if( *p!=' ' && (p==z || p[-1]==' ') ) n++;
  int64_t *v = n ? arena_alloc(a, sizeof(int64_t)*(size_t)n) : 0;
  char *end;
  for(int i=0; i<n; i++){
    v[i] = strtoll(z, &end, 10);
    z = end;
  }
  s->task_due = v;
  s->ntasks = n;
}


/* The case's own columns from a row of CASE_SQL. */
static void case_row(Stmt *q, Case *c){
  c->id = db_col_int64(q, 0);
  c->office_id = db_col_int64(q, 1);
  c->procedure_id = db_col_int64(q, 2);
  c->number = col_str(q, 3, &c->arena);
  c->channel = col_str(q, 4, &c->arena);
  c->subject = col_str(q, 5, &c->arena);
  c->priority = col_str(q, 6, &c->arena);
  c->urgency = col_str(q, 7, &c->arena);
  c->impact = col_str(q, 8, &c->arena);
  c->status = col_str(q, 9, &c->arena);
  c->opened_at = db_col_int64(q, 10);
  c->closed_at = col_time(q, 11);
  c->response_due_at = col_time(q, 12);
  c->resolution_due_at = col_time(q, 13);
  c->requester_name = col_str(q, 14, &c->arena);
  c->requester_org = col_str(q, 15, &c->arena);
  c->opened_by = col_str(q, 16, &c->arena);
  c->cancel_reason = col_str(q, 17, &c->arena);
  c->responded_at = col_time(q, 18);
  c->response_met = db_col_null(q, 19) ? -1 : db_col_int(q, 19);
  c->resolution_met = db_col_null(q, 20) ? -1 : db_col_int(q, 20);
  c->org_id = db_col_int64(q, 21);
  c->org_given = db_col_null(q, 22) ? 0 : col_str(q, 22, &c->arena);
}

/* One step from a row of CASE_STEPS_SQL. */
static void case_step_row(Stmt *q, CaseStep *s, Arena *a){
  memset(s, 0, sizeof *s);
  s->id = db_col_int64(q, 0);
  s->no = db_col_int(q, 1);
  s->visit = db_col_int(q, 2);
  s->started_at = db_col_int64(q, 3);
  s->done_at = col_time(q, 4);
  s->due_at = col_time(q, 5);
  s->met = db_col_null(q, 6) ? -1 : db_col_int(q, 6);
  s->paused_s = db_col_int64(q, 7);
  s->outcome = col_str(q, 8, a);
  s->note = col_str(q, 9, a);
  s->done_by = col_str(q, 10, a);
  s->assigned_role = col_str(q, 11, a);
  s->assigned_user = col_str(q, 12, a);
  task_dues(db_col_text(q, 13), s, a);
  s->items_checked = col_str(q, 14, a);
  s->held_since = s->done_at ? 0 : col_time(q, 15);
}

/* An automatic note as kept (see case.h). */
const char *case_note_key(Arena *a, const char *msgid, ...){
  Buf b = BUF_INIT;
  buf_putc(&b, '\x1E');
  buf_puts(&b, msgid);
  va_list ap;
  va_start(ap, msgid);
  const char *v;
  for(int i=0; i<8 && (v = va_arg(ap, const char*))!=0; i++){
    buf_putc(&b, '\x1F');
    int list = *v=='\x1D';   /* case_note_list's: its separators (and an element's number) kept */
    for(; *v; v++) buf_putc(&b, (unsigned char)*v<0x20 && !(list && (*v=='\x1D' || *v=='\x1C')) ? ' ' : *v);
  }
  va_end(ap);
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* A value of case_note_key that is a list of messages (see case.h). */
const char *case_note_list(Arena *a, const char *const *msgids, int n){
  Buf b = BUF_INIT;
  for(int i=0; i<n; i++){ buf_putc(&b, '\x1D'); buf_puts(&b, msgids[i]); }
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* A value of case_note_key that is one catalogue message saying a number (a limit: a msgid holding
** one "%d", as err_add_n keeps it), shown in the reader's language with its number. In a. */
const char *case_note_numbered(Arena *a, const char *msgid, int n){
  return arena_printf(a, "\x1D%s\x1C%d", msgid, n);
}

/* A value of case_note_key that is an error's message (it: its number and text too), shown in the
** reader's language with them in place: "\x1D" msgid "\x1C" n, then "\x1C" text "\x1C" text in English
** when it names one (a control character the text holds becomes a space). In a. */
const char *case_note_err(Arena *a, const ErrItem *it){
  const char *msgid = it->msg ? it->msg : N_("refused");
  const char *id = err_arg(it, "id"), *en = err_arg(it, "en");
  if( id==0 ) return it->n ? case_note_numbered(a, msgid, it->n) : case_note_list(a, &msgid, 1);
  char *z = arena_printf(a, "\x1D%s\x1C%d\x1C%s\x1C%s", msgid, it->n, id, en);
  for(char *p = z + 1 + strlen(msgid) + 1; *p; p++) if( (unsigned char)*p<0x20 && *p!='\x1C' ) *p = ' ';
  return z;
}

/* Append a value of a note (len bytes at v) as shown in lang: a list of messages (case_note_list)
** each in lang, "; " between them (one the catalogue does not know as written), a message's number
** (case_note_numbered) in place of its "%d", its text (case_note_err) in lang in place of its "%s";
** else as it is. */
static void note_value_put(Buf *out, const char *v, size_t len, const char *lang){
  if( len==0 || v[0]!='\x1D' ){ buf_append(out, v, len); return; }
  const char *end = v+len;
  int first = 1;
  for(const char *p = v+1; p<=end; ){
    const char *q = memchr(p, '\x1D', (size_t)(end-p));
    if( q==0 ) q = end;
    char msgid[512];
    size_t ml = (size_t)(q-p) < sizeof msgid ? (size_t)(q-p) : sizeof msgid - 1;
    memcpy(msgid, p, ml);
    msgid[ml] = 0;
    char *num = strchr(msgid, '\x1C');   /* its number, when it says one */
    int n = 0;
    const char *text = 0;                /* its text (case_note_err), in lang */
    if( num ){
      *num++ = 0;
      n = atoi(num);
      char *t = strchr(num, '\x1C'), *t_en = t ? strchr(t+1, '\x1C') : 0;
      if( t ){ text = ++t; if( t_en ){ *t_en++ = 0; if( lang && strcmp(lang, "en")==0 && *t_en ) text = t_en; } }
    }
    if( !first ) buf_puts(out, "; ");
    first = 0;
    char filled[600];
    if( i18n_known(msgid) ) buf_puts(out, err_fill(i18n_get(lang, msgid), n, text, filled, sizeof filled));
    else buf_append(out, p, (size_t)(q-p));
    p = q+1;
  }
}

/* A step's note as shown in lang (see case.h). */
void case_note_put(Buf *out, const char *note, const char *lang){
  if( note==0 ) return;
  if( note[0]!='\x1E' ){ buf_puts(out, note); return; }
  const char *vals[8];
  size_t lens[8];
  int n = 0;
  const char *end = strchr(note+1, '\x1F');
  char msgid[512];
  size_t ml = end ? (size_t)(end-(note+1)) : strlen(note+1);
  if( ml>=sizeof msgid ) ml = sizeof msgid - 1;
  memcpy(msgid, note+1, ml);
  msgid[ml] = 0;
  if( !i18n_known(msgid) ){ buf_puts(out, note); return; }   /* not one Loket wrote: as it is */
  while( end && n<8 ){
    const char *v = end+1;
    end = strchr(v, '\x1F');
    vals[n] = v;
    lens[n++] = end ? (size_t)(end-v) : strlen(v);
  }
  int k = 0;
  for(const char *f = i18n_get(lang, msgid); *f; f++){
    if( f[0]=='%' && f[1]=='s' ){
      if( k<n ) note_value_put(out, vals[k], lens[k], lang);
      k++;
      f++;
    }else buf_putc(out, *f);
  }
}

/* A step's note as shown in lang, in a (see case.h). */
const char *case_note_text(Arena *a, const char *note, const char *lang){
  if( note==0 || note[0]!='\x1E' ) return note;
  Buf b = BUF_INIT;
  case_note_put(&b, note, lang);
  const char *z = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return z;
}

/* A case number as typed, in the form numbers are printed (trimmed, in capitals). */
void case_number_typed(const char *z, char out[64]){
  z = z ? z : "";
  while( *z==' ' || *z=='\t' ) z++;
  size_t k = 0;
  for(; z[k] && k+1<64; k++) out[k] = (z[k]>='a' && z[k]<='z') ? (char)(z[k]-'a'+'A') : z[k];
  while( k>0 && (out[k-1]==' ' || out[k-1]=='\t') ) k--;
  out[k] = 0;
}

/* Load a case of an office by its number (as written, else as printed), with its steps. */
int case_get(Db *db, int64_t office_id, const char *number, Case **out){
  *out = 0;
  Stmt *q = db_prepare(db, CASE_SQL);
  if( q==0 ) return ERR_DB;
  char typed[64];
  case_number_typed(number, typed);
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, number ? number : "");
  int rc = db_step(q);
  if( rc==DB_DONE && strcmp(typed, number ? number : "")!=0 ){   /* as written, else as printed */
    db_reset(q);
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, typed);
    rc = db_step(q);
  }
  if( rc!=DB_ROW ){
    db_reset(q);
    return rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
  }
  Case *c = xcalloc(1, sizeof *c);
  arena_init(&c->arena);
  case_row(q, c);
  db_reset(q);
  CaseStep *v = 0;
  if( case_steps_load(db, c->id, &v, &c->nsteps, &c->arena)!=OK ){ case_free(c); return ERR_DB; }
  c->current_step = 0;
  for(int i=0; i<c->nsteps; i++) if( v[i].done_at==0 ) c->current_step = v[i].no;
  c->steps = v;
  const Procedure *p = case_procedure(db, c->procedure_id);
  if( p ){
    c->sop_code = arena_strdup(&c->arena, p->code);
    c->sop_title = arena_strdup(&c->arena, p->title);
    c->revision = arena_strdup(&c->arena, p->revision);
    c->revision_no = p->revision_no;
  }else{
    c->sop_code = c->sop_title = c->revision = "";
  }
  *out = c;
  return OK;
}

/* A case's steps in the order they started (see case.h). */
int case_steps_load(Db *db, int64_t case_id, CaseStep **out, int *n, Arena *a){
  *out = 0;
  *n = 0;
  Stmt *q = db_prepare(db, CASE_STEPS_SQL);
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  int cap = 0, rc;
  CaseStep *v = 0;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    case_step_row(q, &v[(*n)++], a);
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  /* in the order they started (their ids): the index gives them by number and visit, and
  ** sorting the few rows here spares SQLite a sorter on every case read */
  for(int i=1; i<*n; i++){
    CaseStep t = v[i];
    int j = i;
    for(; j>0 && v[j-1].id>t.id; j--) v[j] = v[j-1];
    v[j] = t;
  }
  *out = v;
  return OK;
}

/* Free a case and everything in its arena. */
void case_free(Case *c){
  if( c==0 ) return;
  arena_free(&c->arena);
  free(c);
}

/* Begin a write on a case of the office and load the office's calendar inside it (on SQLite
** the writer's pages are warm; before it this thread's own connection reads them again after
** every commit). NULL with *rc set, and nothing left open, when either fails. */
static Calendar *case_tx_begin(Db *db, int64_t office_id, int *own, int *rc){
  *rc = db_tx_begin(db, own);
  if( *rc!=OK ) return 0;
  Calendar *cal = calendar_load(db, office_id);
  if( cal==0 ) *rc = db_tx_end(db, *own, ERR_DB);
  return cal;
}

/* End a write on case c (commit when rc is OK), c becoming the case as stored. It is read
** back inside the transaction, where the pages just written are warm (on SQLite the writer's);
** after the commit this thread's own connection would read them all again. */
static int case_tx_end(Db *db, int own, int rc, Case *c){
  if( rc==OK ) rc = case_refresh(db, c);
  return db_tx_end(db, own, rc);
}

/* Read case c again as it is stored now (see case.h); c is left as it was on an error. */
int case_refresh(Db *db, Case *c){
  Case *n = 0;
  char number[64];
  snprintf(number, sizeof number, "%s", c->number);
  int rc = case_get(db, c->office_id, number, &n);
  if( rc!=OK ){ case_free(n); return rc; }
  arena_free(&c->arena);
  *c = *n;
  free(n);
  return OK;
}

/* ---- working a case ---- */

/* The case's status as stored now (inside the caller's transaction); "" when gone. */
static int case_status_now(Db *db, int64_t case_id, char *out, size_t n){
  Stmt *q = db_prepare(db, "SELECT status FROM kasus WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  int rc = db_step(q);
  snprintf(out, n, "%s", rc==DB_ROW ? db_col_text(q, 0) : "");
  db_reset(q);
  return rc==DB_ROW ? OK : ERR_NOTFOUND;
}

/* Read case c again as stored now (inside the caller's write transaction): OK when it is open,
** else ERR_CONFLICT naming status with msg (NULL: "The case is not open"). */
int case_still_open(Db *db, Case *c, const char *msg, Err *e){
  int rc = case_refresh(db, c);
  if( rc==OK && strcmp(c->status, "open") ){ ERR_SET(e, "status", msg ? msg : N_("The case is not open")); rc = ERR_CONFLICT; }
  return rc;
}

/* OK when case c as stored now (inside the caller's transaction) is not archived; an archived
** case takes no more notes nor files: ERR_CONFLICT naming status. */
int case_not_archived(Db *db, const Case *c, Err *e){
  char status[16];
  int rc = case_status_now(db, c->id, status, sizeof status);
  if( rc==OK && strcmp(status, "archived")==0 ){ ERR_SET(e, "status", N_("The case is archived")); rc = ERR_CONFLICT; }
  return rc;
}

typedef struct OpenStep { int64_t id, started_at, due_at, pause_started_at; int no; } OpenStep;

/* The open step of a case as stored now; ERR_NOTFOUND when none. */
static int open_step(Db *db, int64_t case_id, OpenStep *s){
  Stmt *q = db_prepare(db, "SELECT id, no, started_at, due_at, pause_started_at FROM case_step"
                           " WHERE case_id=?1 AND done_at IS NULL ORDER BY id DESC LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  int rc = db_step(q);
  if( rc==DB_ROW ){
    s->id = db_col_int64(q, 0);
    s->no = db_col_int(q, 1);
    s->started_at = db_col_int64(q, 2);
    s->due_at = col_time(q, 3);
    s->pause_started_at = col_time(q, 4);
  }
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* End a pause: the step's paused time, and the case's totals and resolution target. */
static int pause_end(Db *db, const Calendar *cal, const Case *c, const OpenStep *os, int64_t now){
  int64_t real = now - os->pause_started_at;
  if( real<0 ) real = 0;
  int64_t office = calendar_office_between(cal, os->pause_started_at, now);
  Stmt *q = db_prepare(db, "UPDATE case_step SET paused_s=paused_s+?2, pause_started_at=NULL WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, os->id);
  db_bind_int64(q, 2, real);
  int rc = db_run(q);
  if( rc!=OK ) return rc;
  q = db_prepare(db, "UPDATE kasus SET paused_real_s=paused_real_s+?2, paused_office_s=paused_office_s+?3"
                     " WHERE id=?1 RETURNING paused_office_s");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  db_bind_int64(q, 2, real);
  db_bind_int64(q, 3, office);
  rc = db_step(q)==DB_ROW ? OK : ERR_DB;
  db_reset(q);
  if( rc!=OK ) return rc;
  /* The office's clock stood still while the file was with the requester: the
  ** resolution target moves by the office time paused (from the target stored at
  ** opening, so a later edit of the priority table does not move it). */
  q = db_prepare(db, "SELECT resolution_due_at FROM kasus WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  int64_t due = db_step(q)==DB_ROW ? col_time(q, 0) : 0;
  db_reset(q);
  if( due==0 || office<=0 ) return OK;
  q = db_prepare(db, "UPDATE kasus SET resolution_due_at=?2 WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  bind_time(q, 2, calendar_add_office(cal, due, office));
  return db_run(q);
}

/* End the hold of the open step os at now and move its due time on by the time held, as its
** standard counts time (docs/calendar.md): office time for an office standard, real time for
** a real one, not at all for a deadline tied to an event (a training's start does not move).
** What a resume does; *due gets the moved due time (0 when the step has none). */
static int pause_resume(Db *db, const Calendar *cal, const Case *c, const OpenStep *os, int64_t now, int64_t *due){
  const Procedure *p = case_procedure(db, c->procedure_id);
  const Step *s = p ? procedure_step(p, os->no) : 0;
  *due = os->due_at;
  int rc = pause_end(db, cal, c, os, now);
  if( rc!=OK || os->due_at==0 ) return rc;
  if( s==0 || STD_IS_OFFICE(&s->std) ){
    int64_t held = calendar_office_between(cal, os->pause_started_at, now);
    if( held>0 ) *due = calendar_add_office(cal, os->due_at, held);
  }else if( s->std.kind==STD_REAL || s->std.kind==STD_AFTER_STEP ){
    if( now>os->pause_started_at ) *due = os->due_at + (now - os->pause_started_at);
  }                                         /* tied to an event: the deadline stands */
  /* the hold cleared the warning's time: set again for the due time as it now is */
  int64_t notice = watch_notice_at(cal, s ? &s->std : 0, os->started_at, *due);
  Stmt *q = db_prepare(db, "UPDATE case_step SET due_at=?2, notice_at=?3 WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, os->id);
  db_bind_int64(q, 2, *due);
  if( notice ) db_bind_int64(q, 3, notice); else db_bind_null(q, 3);
  return db_run(q);
}

static int step_complete(Db *db, const Actor *who, Case *c, int no, const char *outcome,
                         const char *note, const int *items, int nitems, int64_t at, Err *e, Arena *a);

/* Complete the open step numbered no now and follow where its outcome leads. */
int case_complete_step(Db *db, const Actor *who, Case *c, int no, const char *outcome,
                       const char *note, Err *e){
  return step_complete(db, who, c, no, outcome, note, 0, 0, 0, e, 0);
}

/* Complete the open step numbered no at `at` (0: now): a call written up later keeps its moments. */
int case_complete_step_at(Db *db, const Actor *who, Case *c, int no, const char *outcome,
                          const char *note, int64_t at, Err *e){
  return step_complete(db, who, c, no, outcome, note, 0, 0, at, e, 0);
}

/* The ticked items as stored ("1,2,3", in order) when every required item of s is ticked once
** (or, some: a decision answered no, "is the file complete?", where what is missing is not
** ticked); else ERR_INVALID: a number that is no item of the step named as its entry of the list
** ("items[2]", from 0, in a's memory; "items" without a), a required item not ticked as the list ("items"). */
static int items_ticked(const Step *s, const int *items, int nitems, int some, char *out, size_t outlen, Err *e, Arena *a){
  unsigned char seen[256] = {0};
  int n = s ? s->items.n : 0;
  if( n>(int)sizeof seen ) n = (int)sizeof seen;
  for(int i=0; i<nitems; i++){
    if( items[i]<1 || items[i]>n ){ ERR_SET(e, a ? arena_printf(a, "items[%d]", i) : "items", N_("names an item the step does not have")); return ERR_INVALID; }
    seen[items[i]-1] = 1;
  }
  size_t len = 0;
  out[0] = 0;
  for(int k=0; k<n; k++){
    if( !seen[k] && some ) continue;
    if( !seen[k] ){ ERR_SET(e, "items", N_("Tick every required item before completing the step")); return ERR_INVALID; }
    int w = snprintf(out+len, outlen-len, "%s%d", len ? "," : "", k+1);
    if( w<0 || (size_t)w>=outlen-len ) return ERR_INVALID;
    len += (size_t)w;
  }
  return OK;
}

/* Complete the open step, recording the required items ticked (items NULL: not recorded). */
int case_complete_step_checked(Db *db, const Actor *who, Case *c, int no, const char *outcome,
                               const char *note, const int *items, int nitems, Err *e, Arena *a){
  return step_complete(db, who, c, no, outcome, note, items, nitems, 0, e, a);
}

static CaseStepOwner step_owners[4];
static int nstep_owners;

/* Register a service that drives steps of its cases (at start, before any thread). */
void case_step_owner_add(CaseStepOwner fn){
  if( nstep_owners < (int)COUNT(step_owners) ) step_owners[nstep_owners++] = fn;
}

/* 0 when roles may take the decision of step s: the procedure names a role held, or one
** outside the office's staff (the requester's, a provider's, LKPP's: recorded for them), or
** none; an administrator may take any. Else the staff roles s names for it, as a bitmask. */
unsigned case_decision_roles(const Step *s, unsigned roles){
  if( s==0 || !step_is_decision(s) || s->actors.n==0 || (roles & (1u<<ROLE_ADMIN)) ) return 0;
  unsigned named = 0;
  for(int i=0; i<s->actors.n; i++){
    int k = role_index(s->actors.v[i]);
    if( k<0 || !role_is_staff(k) || (roles & (1u<<k)) ) return 0;
    named |= 1u<<k;
  }
  return named;
}

/* OK when roles may take the decision of step s (case_decision_roles); else ERR_DENIED naming no. */
static int decision_authority(const Step *s, unsigned roles, Err *e){
  if( case_decision_roles(s, roles)==0 ) return OK;
  ERR_SET(e, "no", N_("This decision is taken by the role the procedure names for it"));
  return ERR_DENIED;
}

/* Complete a step by the general step form (see case.h). */
int case_complete_step_by(Db *db, const Actor *who, unsigned roles, Case *c, int no, const char *outcome,
                          const char *note, const int *items, int nitems, Err *e, Arena *a){
  for(int i=0; i<nstep_owners; i++){
    const char *field = "no";
    const char *where = step_owners[i](db, c, no, &field);
    if( where ){ ERR_SET(e, field, where); return ERR_CONFLICT; }
  }
  const Procedure *p = case_procedure(db, c->procedure_id);
  if( p==0 ) return ERR_DB;
  if( decision_authority(procedure_step(p, no), roles, e)!=OK ) return ERR_DENIED;
  return step_complete(db, who, c, no, outcome, note, items, nitems, 0, e, a);
}

static CaseCloseHook close_hooks[8];
static int nclose_hooks;
static CaseReopenHook reopen_hooks[8];
static int nreopen_hooks;
static CaseStepHook step_hooks[8];
static int nstep_hooks;

/* One more hook of a kind in its table (at start, before any thread); a table full is a
** mistake of the program's, said at once rather than a hook left out unseen. */
#define HOOK_ADD(tab, n, fn, kind) do{ \
    if( (n) < (int)COUNT(tab) ) (tab)[(n)++] = (fn); \
    else log_error("case: no room for another %s hook (%d): raise its table in sop/case.c", (kind), (int)COUNT(tab)); \
  }while(0)

/* Register work to do when a case closes (at start, before any thread). */
void case_close_hook_add(CaseCloseHook fn){
  HOOK_ADD(close_hooks, nclose_hooks, fn, "close");
}

/* Register work to do when a step of a case is completed (case.h). */
void case_step_hook_add(CaseStepHook fn){
  HOOK_ADD(step_hooks, nstep_hooks, fn, "step");
}

/* Register work to do when a case is reopened (at start, before any thread). */
void case_reopen_hook_add(CaseReopenHook fn){
  HOOK_ADD(reopen_hooks, nreopen_hooks, fn, "reopen");
}

/* 1 when one of the step's actors is one of the office's staff roles (not the requester, not LKPP). */
static int step_by_office(const Step *s){
  for(int i=0; s && i<s->actors.n; i++) if( role_is_staff(role_index(s->actors.v[i])) ) return 1;
  return 0;
}

/* Record that the office answered case_id at `now`, judging its response target, unless it had. */
static int case_responded(Db *db, int64_t case_id, int64_t now){
  Stmt *q = db_prepare(db, "UPDATE kasus SET responded_at=?2, response_met=CASE WHEN response_due_at IS NULL THEN NULL"
                           "   WHEN ?2<=response_due_at THEN 1 ELSE 0 END WHERE id=?1 AND responded_at IS NULL");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  db_bind_int64(q, 2, now);
  return db_run(q);
}

/* Complete the open step at `at` (0: now, else not before the step started nor after now),
** record the items ticked, and follow where its outcome leads. */
static int step_complete(Db *db, const Actor *who, Case *c, int no, const char *outcome,
                         const char *note, const int *items, int nitems, int64_t at, Err *e, Arena *a){
  const Procedure *p = case_procedure(db, c->procedure_id);
  if( p==0 ) return ERR_DB;
  const Step *s = procedure_step(p, no);
  if( note && util_utf8_len(note)>2000 ){ err_set_n(e, "note", N_("is longer than %d characters"), 2000); return ERR_INVALID; }
  char checked[1024];
  int64_t now = time_now();
  char status[16];
  OpenStep os;
  int own, rc;
  Calendar *cal = case_tx_begin(db, c->office_id, &own, &rc);
  if( cal==0 ) return rc;
  rc = case_status_now(db, c->id, status, sizeof status);
  if( rc==OK && strcmp(status, "open") ){ ERR_SET(e, "status", N_("The case is not open")); rc = ERR_CONFLICT; }
  if( rc==OK ){
    rc = open_step(db, c->id, &os);
    if( rc==OK && at>0 && at<now ) now = at<os.started_at ? os.started_at : at;
    if( rc==ERR_NOTFOUND || (rc==OK && os.no!=no) || (rc==OK && s==0) ){
      ERR_SET(e, "no", N_("This is not the open step of the case"));
      rc = ERR_CONFLICT;
    }
  }
  if( rc==OK ){
    if( util_blank(outcome) ) outcome = step_is_decision(s) ? "" : "done";
    if( step_is_decision(s) ? (strcmp(outcome, "yes") && strcmp(outcome, "no")) : strcmp(outcome, "done") ){
      ERR_SET(e, "outcome", step_is_decision(s) ? N_("must be yes or no: this step is a decision")
                                                : N_("must be done: this step is not a decision"));
      rc = ERR_INVALID;
    }
  }
  /* the items ticked, judged once the step is known to be the open one (else 409 naming no or status) */
  int some = s && step_is_decision(s) && util_str_eq(outcome, "no");   /* "no": what is missing stays unticked */
  if( rc==OK && items && s && items_ticked(s, items, nitems, some, checked, sizeof checked, e, a)!=OK ) rc = ERR_INVALID;
  /* a step done while held (the file came back complete, the answer came by phone) is
  ** resumed first: the time held is not the office's, so its due time moves on by it */
  if( rc==OK && os.pause_started_at ) rc = pause_resume(db, cal, c, &os, now, &os.due_at);
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE case_step SET done_at=?2, met=?3, outcome=?4, note=?5, done_by=?6, items_checked=?7"
                             " WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, os.id);
      db_bind_int64(q, 2, now);
      if( os.due_at ) db_bind_int(q, 3, now<=os.due_at); else db_bind_null(q, 3);
      db_bind_text(q, 4, outcome);
      db_bind_text(q, 5, util_blank(note) ? 0 : note);
      db_bind_text(q, 6, who && who->username ? who->username : "system");
      db_bind_text(q, 7, items && s ? checked : 0);
      rc = db_run(q);
    }
  }
  for(int i=0; rc==OK && i<nstep_hooks; i++) rc = step_hooks[i](db, who, c, os.id, now, e);
  int next = STEP_END;
  if( rc==OK ){
    next = !step_is_decision(s) ? procedure_next(p, s) : strcmp(outcome, "yes")==0 ? s->yes_to : s->no_to;
    if( next==STEP_BACK ) rc = step_before(db, c->id, os.id, &next);   /* back to the step that led here */
    next = rc==OK ? step_follow(p, next) : STEP_END;
    if( next!=STEP_END ) rc = step_start(db, cal, p, c->id, c->office_id, next, now, 0);
    else{
      Stmt *q = db_prepare(db, "UPDATE kasus SET status='closed', closed_at=?2,"
                               " resolution_met=CASE WHEN resolution_due_at IS NULL THEN NULL"
                               "   WHEN ?2<=resolution_due_at THEN 1 ELSE 0 END WHERE id=?1");
      if( q==0 ) rc = ERR_DB;
      else{
        db_bind_int64(q, 1, c->id);
        db_bind_int64(q, 2, now);
        rc = db_run(q);
      }
    }
  }
  /* the office's first step done answers the case: its response target judged once (the
  ** last step closing a case nobody of the office acted on answers it too) */
  if( rc==OK && c->responded_at==0 && (step_by_office(s) || next==STEP_END) ) rc = case_responded(db, c->id, now);
  if( rc==OK ){
    char detail[160];
    snprintf(detail, sizeof detail, "step %d %s; status open; then %s %d", no, outcome,
             next==STEP_END ? "closed" : "step", next);
    rc = audit_write(db, who, "case.step", c->number, detail);
    if( rc==OK && next==STEP_END ) rc = audit_write(db, who, "case.close", c->number, "status open -> closed");
    for(int i=0; rc==OK && next==STEP_END && i<nclose_hooks; i++) rc = close_hooks[i](db, who, c, e);
  }
  calendar_free(cal);
  return case_tx_end(db, own, rc, c);
}

/* Name username as the one who did the last completed step no of c (inside the caller's
** transaction): a phone call's answering step is the one who picked it up, though a colleague
** wrote the call up. The write that completed the step keeps its own audit actor. */
int case_step_doer_set(Db *db, const Case *c, int no, const char *username){
  Stmt *q = db_prepare(db, "UPDATE case_step SET done_by=?3 WHERE id=(SELECT max(id) FROM case_step"
                           " WHERE case_id=?1 AND no=?2 AND done_at IS NOT NULL)");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  db_bind_int(q, 2, no);
  db_bind_text(q, 3, username);
  return db_run(q);
}

/* 1 when the open step of the case stands paused. */
int case_paused(Db *db, const Case *c){
  OpenStep os;
  return open_step(db, c->id, &os)==OK && os.pause_started_at!=0;
}

/* Cancel an open case with a reason: its open step ends with outcome "cancelled". */
int case_cancel(Db *db, const Actor *who, Case *c, const char *reason, Err *e){
  if( util_blank(reason) ){ ERR_SET(e, "reason", N_("is required")); return ERR_INVALID; }
  if( util_utf8_len(reason)>500 ){ err_set_n(e, "reason", N_("is longer than %d characters"), 500); return ERR_INVALID; }
  int64_t now = time_now();
  char status[16];
  int own, rc;
  Calendar *cal = case_tx_begin(db, c->office_id, &own, &rc);
  if( cal==0 ) return rc;
  rc = case_status_now(db, c->id, status, sizeof status);
  if( rc==OK && strcmp(status, "open") ){ ERR_SET(e, "status", N_("The case is not open")); rc = ERR_CONFLICT; }
  if( rc==OK ){
    /* a step on hold keeps the time it was held (as when it is completed) */
    OpenStep os;
    int st = open_step(db, c->id, &os);
    if( st==OK && os.pause_started_at ) rc = pause_end(db, cal, c, &os, now);
    else if( st!=OK && st!=ERR_NOTFOUND ) rc = st;
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE case_step SET done_at=?2, outcome='cancelled', done_by=?3, pause_started_at=NULL"
                             " WHERE case_id=?1 AND done_at IS NULL");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, c->id);
      db_bind_int64(q, 2, now);
      db_bind_text(q, 3, who && who->username ? who->username : "system");
      rc = db_run(q);
    }
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE kasus SET status='cancelled', closed_at=?2, cancel_reason=?3 WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, c->id);
      db_bind_int64(q, 2, now);
      db_bind_text(q, 3, reason);
      rc = db_run(q);
    }
  }
  if( rc==OK ){
    char detail[600];
    snprintf(detail, sizeof detail, "status open -> cancelled; reason: %.500s", reason);
    rc = audit_write(db, who, "case.cancel", c->number, detail);
  }
  if( rc==OK ){
    Case k = *c;   /* as the hooks see it now; the caller's copy is read again below */
    k.status = "cancelled";
    k.cancel_reason = reason;
    for(int i=0; rc==OK && i<nclose_hooks; i++) rc = close_hooks[i](db, who, &k, e);
  }
  calendar_free(cal);
  return case_tx_end(db, own, rc, c);
}

/* The user a reopened step s goes back to: who completed its last visit (not by cancelling it),
** else whom that visit was assigned to; one who is still active staff of the office and, when away
** today, whose stand-in may take the step (absence_step_check), or "". */
static void reopen_user(Db *db, int64_t office_id, const Step *s, const char *done_by, const char *outcome,
                        const char *assigned, char *out, size_t n){
  const char *cand[2] = { util_str_eq(outcome, "cancelled") ? "" : done_by, assigned };
  *out = 0;
  for(int i=0; i<2 && *out==0; i++){
    User u;
    if( util_blank(cand[i]) || user_by_name(db, cand[i], &u)!=OK || u.disabled ) continue;
    if( !user_in_office(db, u.id, office_id) || !roles_have_staff(user_roles(db, u.id, office_id)) ) continue;
    if( absence_step_check(db, office_id, cand[i], s, time_now(), 0, 0, 0, 0)!=OK ) continue;
    snprintf(out, n, "%s", cand[i]);
  }
}

/* Give the step just started again (the case's newest) the role of its last visit and the user
** reopen_user() picked; nothing to write when neither is there. */
static int reopen_assign(Db *db, int64_t case_id, const char *role, const char *user){
  if( *role==0 && *user==0 ) return OK;
  Stmt *q = db_prepare(db, "UPDATE case_step SET assigned_role=?2, assigned_user=?3"
                           " WHERE id=(SELECT max(id) FROM case_step WHERE case_id=?1)");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  db_bind_text(q, 2, *role ? role : 0);
  db_bind_text(q, 3, *user ? user : 0);
  return db_run(q);
}

/* Reopen a closed or cancelled case: its last step starts again (a new visit), with whoever
** completed it (or had it) as its assignee, so the step is in their own list. */
/* Move the resolution target of case_id, closed or cancelled until now, on by the office time it
** stood so; *moved_to the new target (0 when it has none or nothing moved). */
static int reopen_target(Db *db, const Calendar *cal, int64_t case_id, int64_t now, int64_t *moved_to){
  *moved_to = 0;
  Stmt *q = db_prepare(db, "SELECT closed_at, resolution_due_at FROM kasus WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  int64_t closed = 0, due = 0;
  if( db_step(q)==DB_ROW ){ closed = col_time(q, 0); due = col_time(q, 1); }
  db_reset(q);
  int64_t office = closed>0 && closed<now ? calendar_office_between(cal, closed, now) : 0;
  if( due==0 || office<=0 ) return OK;
  *moved_to = calendar_add_office(cal, due, office);
  q = db_prepare(db, "UPDATE kasus SET resolution_due_at=?2 WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  bind_time(q, 2, *moved_to);
  return db_run(q);
}

int case_reopen(Db *db, const Actor *who, Case *c, Err *e){
  const Procedure *p = case_procedure(db, c->procedure_id);
  if( p==0 ) return ERR_DB;
  int64_t now = time_now();
  char status[16];
  char role[32] = "", done_by[64] = "", outcome[16] = "", assigned[64] = "", user[64] = "";   /* usernames are at most 63 bytes (User) */
  int last = 0;
  int own, rc;
  Calendar *cal = case_tx_begin(db, c->office_id, &own, &rc);
  if( cal==0 ) return rc;
  rc = case_status_now(db, c->id, status, sizeof status);
  if( rc==OK && strcmp(status, "closed") && strcmp(status, "cancelled") ){
    ERR_SET(e, "status", N_("Only a closed or cancelled case can be reopened"));
    rc = ERR_CONFLICT;
  }
  /* a case a service drives (an account request's, a verification's) keeps its state there: open
  ** again, its steps would wait for an action the service no longer offers */
  for(int i=0; rc==OK && i<nstep_owners; i++){
    const char *why = step_owners[i](db, c, 0, 0);
    if( why ){ ERR_SET(e, "status", why); rc = ERR_CONFLICT; }
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "SELECT no, coalesce(done_by,''), coalesce(outcome,''), coalesce(assigned_role,''),"
                             " coalesce(assigned_user,'') FROM case_step WHERE case_id=?1 ORDER BY id DESC LIMIT 1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, c->id);
      if( db_step(q)==DB_ROW ){
        last = db_col_int(q, 0);
        snprintf(role, sizeof role, "%s", db_col_text(q, 3));
        snprintf(done_by, sizeof done_by, "%s", db_col_text(q, 1));
        snprintf(outcome, sizeof outcome, "%s", db_col_text(q, 2));
        snprintf(assigned, sizeof assigned, "%s", db_col_text(q, 4));
      }else last = step_follow(p, 1);
      db_reset(q);
    }
  }
  if( rc==OK && last!=STEP_END ){
    rc = step_start(db, cal, p, c->id, c->office_id, last, now, 0);
    if( rc==OK ){
      reopen_user(db, c->office_id, procedure_step(p, last), done_by, outcome, assigned, user, sizeof user);
      rc = reopen_assign(db, c->id, role, user);
    }
  }
  /* the office time the case stood closed was not the office's to work: the resolution target
  ** moves on by it (as a pause moves it), what was left of it when it closed is left now */
  int64_t moved_to = 0;
  if( rc==OK ) rc = reopen_target(db, cal, c->id, now, &moved_to);
  if( rc==OK ) rc = db_run_id(db, "UPDATE kasus SET status='open', closed_at=NULL, cancel_reason=NULL, resolution_met=NULL WHERE id=?1", c->id);
  if( rc==OK ){
    char detail[240], target[64] = "";
    if( moved_to ){
      char iso[32];
      time_fmt_iso(iso, sizeof iso, moved_to);
      snprintf(target, sizeof target, "; resolution due %s", iso);
    }
    snprintf(detail, sizeof detail, "status %s -> open; step %d starts again%s%s%s%s%s", status, last,
             *role ? ", role " : "", role, *user ? ", assigned to " : "", user, target);
    rc = audit_write(db, who, "case.reopen", c->number, detail);
  }
  for(int i=0; rc==OK && i<nreopen_hooks; i++) rc = reopen_hooks[i](db, who, c, e);
  calendar_free(cal);
  return case_tx_end(db, own, rc, c);
}

/* Archive a closed or cancelled case: status "archived", for good (it is not reopened). */
int case_archive(Db *db, const Actor *who, Case *c, Err *e){
  char status[16];
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = case_status_now(db, c->id, status, sizeof status);
  if( rc==OK && strcmp(status, "closed") && strcmp(status, "cancelled") ){
    ERR_SET(e, "status", N_("Only a closed or cancelled case can be archived"));
    rc = ERR_CONFLICT;
  }
  if( rc==OK ) rc = db_run_id(db, "UPDATE kasus SET status='archived' WHERE id=?1", c->id);
  if( rc==OK ){
    char detail[64];
    snprintf(detail, sizeof detail, "status %s -> archived", status);
    rc = audit_write(db, who, "case.archive", c->number, detail);
  }
  return case_tx_end(db, own, rc, c);
}

static unsigned case_steppers = ~0u;   /* the roles that may complete a step: the matrix's case.step */

/* Set, at start, the roles that may complete a step (those holding case.step). */
void case_steppers_set(unsigned roles){
  case_steppers = roles;
}

/* The roles step s names as its actors, as a bitmask. */
static unsigned step_named(const Step *s){
  unsigned named = 0;
  for(int i=0; s && i<s->actors.n; i++){
    int k = role_index(s->actors.v[i]);
    if( k>=0 ) named |= 1u<<k;
  }
  return named;
}

/* 1 when role may be given step s: one of the office's staff roles, or a role the step names. A
** role's queue may hold a decision its members do not all take: it is taken by who may (case_user_may_take). */
int case_role_may_take(const Step *s, int role){
  return role>=0 && (role_is_staff(role) || (step_named(s) & (1u<<role)));
}

/* 1 when a user holding roles works on step s: a staff role, or a role the step names that
** completes steps (LKPP at OI-06; not a requester's role, whose holders neither read nor
** complete cases). */
static int user_works_on(const Step *s, unsigned roles){
  return roles_have_staff(roles) || (roles & step_named(s) & case_steppers)!=0;
}

/* 1 when a user holding roles may be given step s, so as to complete it: they work on it and,
** at a decision, hold a role that takes it (case_decision_roles). */
int case_user_may_take(const Step *s, unsigned roles){
  return user_works_on(s, roles) && case_decision_roles(s, roles)==0;
}

/* Assign the open step to a role and/or a user of the office: NULL keeps that part as it is,
** "" clears it; the user must be an active member of the office who can complete the step.
** no: the step the caller means (0: whichever is open); another open now is a conflict. */
int case_assign(Db *db, const Actor *who, Case *c, int no, const char *role, const char *username, Err *e){
  return case_assign_if(db, who, c, no, role, username, 0, 0, 0, 0, 0, 0, e);
}

static const char step_taken_msg[] = N_("This step has been taken by another user");
/* A step whose decision the one given it may not take: the roles that take it follow. */
static const char decision_lack_msg[] = N_("cannot take this step's decision: the procedure gives it to %s");
static const char queue_moved_msg[] = N_("This step has been moved to another role");

/* 1 when e is case_assign_if's conflict: the step's user (field username) or role (field role)
** is no longer the one the caller saw. */
int case_step_taken(const Err *e){
  return e && e->nmore==0 && ((util_str_eq(e->field, "username") && util_str_eq(e->msg, step_taken_msg))
                              || (util_str_eq(e->field, "role") && util_str_eq(e->msg, queue_moved_msg)));
}

/* The user and the role the open step (row step_id) is assigned to now into user and role
** (n bytes each; "" for none). */
static int step_holder(Db *db, int64_t step_id, char *user, char *role, size_t n){
  Stmt *q = db_prepare(db, "SELECT assigned_user, assigned_role FROM case_step WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, step_id);
  int rc = db_step(q);
  snprintf(user, n, "%s", rc==DB_ROW && db_col_text(q, 0) ? db_col_text(q, 0) : "");
  snprintf(role, n, "%s", rc==DB_ROW && db_col_text(q, 1) ? db_col_text(q, 1) : "");
  db_reset(q);
  return rc==DB_ROW ? OK : ERR_DB;
}

/* After the open step os of c went to username (NULL: its user unchanged) from held, the one
** who had it: held, when another than who, is told it was given away (notice_takeover), and
** username, when another than who, that it was given to them (notice_assigned). */
static int assign_tell(Db *db, const Actor *who, const Case *c, const OpenStep *os, const char *held, const char *username){
  if( util_blank(username) || util_str_eq(username, held) ) return OK;
  int rc = OK;
  User u;
  if( *held && !util_str_eq(held, who->username) && user_by_name(db, held, &u)==OK )
    rc = notice_takeover(db, c, os->id, os->no, &u, who, time_now());
  if( rc==OK && !util_str_eq(username, who->username) && user_by_name(db, username, &u)==OK )
    rc = notice_assigned(db, c, os->id, os->no, &u, who, time_now());
  return rc;
}

/* Assign as case_assign, only while the open step's user is still was, the one the caller saw
** ("": nobody; NULL: whoever, as case_assign). Someone else holding it now is a conflict naming
** username, nothing written, with that one's name in holder (n bytes; may be NULL). Giving the
** step to another than was, who held it and is not the caller, is a takeover: audited as
** case.takeover, and the one who held it is told (notice_takeover). */
int case_assign_if(Db *db, const Actor *who, Case *c, int no, const char *role, const char *username, const char *was,
                   const char *was_role, char *holder, size_t n, const char *lang, Arena *a, Err *e){
  if( role==0 && username==0 ){ ERR_SET(e, "role", N_("Give a role or a username")); return ERR_INVALID; }
  if( !util_blank(role) && role_index(role)<0 ){ ERR_SET(e, "role", role_unknown_msg); return ERR_INVALID; }
  unsigned user_roles_here = 0;
  if( !util_blank(username) ){
    User u;
    if( user_by_name(db, username, &u)!=OK || !user_in_office(db, u.id, c->office_id) ){
      ERR_SET(e, "username", N_("is not a user of this office"));
      return ERR_INVALID;
    }
    if( u.disabled ){ ERR_SET(e, "username", N_("cannot work on cases: the account is disabled")); return ERR_INVALID; }
    user_roles_here = user_roles(db, u.id, c->office_id);
  }
  char status[16];
  OpenStep os;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = case_status_now(db, c->id, status, sizeof status);
  if( rc==OK && strcmp(status, "open") ){ ERR_SET(e, "status", N_("The case is not open")); rc = ERR_CONFLICT; }
  if( rc==OK ){
    rc = open_step(db, c->id, &os);
    if( rc==ERR_NOTFOUND ){ ERR_SET(e, "status", N_("The case has no open step")); rc = ERR_CONFLICT; }
  }
  /* the step meant was completed meanwhile: the assignment is not moved on to the next one */
  if( rc==OK && no && os.no!=no ){ ERR_SET(e, "no", N_("This is not the open step of the case")); rc = ERR_CONFLICT; }
  char now_held[80] = "", now_role[80] = "";
  if( rc==OK ) rc = step_holder(db, os.id, now_held, now_role, sizeof now_held);
  /* two took the step at once: the one written first holds it, the other is told who */
  if( rc==OK && was && strcmp(now_held, was) ){
    if( holder ) snprintf(holder, n, "%s", now_held);
    ERR_SET(e, "username", step_taken_msg);
    rc = ERR_CONFLICT;
  }
  /* the queue the caller saw the step in is no longer its queue: told which one it is in now */
  if( rc==OK && was_role && strcmp(now_role, was_role) ){
    if( holder ) snprintf(holder, n, "%s", now_role);
    ERR_SET(e, "role", queue_moved_msg);
    rc = ERR_CONFLICT;
  }
  int takeover = rc==OK && was && *was && !util_blank(username) && strcmp(username, was)
                 && !util_str_eq(was, who->username);
  if( rc==OK ){
    /* who is given the step must be able to do it: one of the office's staff, or a role the step names */
    const Procedure *p = case_procedure(db, c->procedure_id);
    const Step *s = p ? procedure_step(p, os.no) : 0;
    unsigned lack;
    char names[ROLE_COUNT*24];
    if( !util_blank(role) && !case_role_may_take(s, role_index(role)) ){
      ERR_SET(e, "role", N_("does not work on this step: give one of the office's staff roles or a role the step names"));
      rc = ERR_INVALID;
    }else if( !util_blank(username) && !user_works_on(s, user_roles_here) ){
      ERR_SET(e, "username", N_("cannot work on this step: the user holds no staff role here nor a role the step names"));
      rc = ERR_INVALID;
    }else if( !util_blank(username) && (lack = case_decision_roles(s, user_roles_here))!=0 ){
      err_set_s(e, "username", decision_lack_msg, role_list_text(lack, names, sizeof names));
      rc = ERR_INVALID;
    }else if( !util_blank(username) ){
      /* given to someone away today, the step lands with their stand-in: one who may not take it is refused */
      rc = absence_step_check(db, c->office_id, username, s, time_now(), "username", lang, e, a);
    }
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE case_step SET assigned_role=CASE WHEN ?4=1 THEN ?2 ELSE assigned_role END,"
                             " assigned_user=CASE WHEN ?5=1 THEN ?3 ELSE assigned_user END WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, os.id);
      db_bind_text(q, 2, util_blank(role) ? 0 : role);
      db_bind_text(q, 3, util_blank(username) ? 0 : username);
      db_bind_int(q, 4, role!=0);
      db_bind_int(q, 5, username!=0);
      rc = db_run(q);
    }
  }
  if( rc==OK ){
    char detail[200];
    snprintf(detail, sizeof detail, "step %d assigned to role %s, user %s", os.no,
             role==0 ? "(unchanged)" : util_blank(role) ? "-" : role,
             username==0 ? "(unchanged)" : util_blank(username) ? "-" : username);
    if( takeover ) snprintf(detail, sizeof detail, "step %d taken over from %s by user %s, role %s", os.no, was, username,
                            role==0 ? "(unchanged)" : util_blank(role) ? "-" : role);
    rc = audit_write(db, who, takeover ? "case.takeover" : "case.assign", c->number, detail);
  }
  if( rc==OK ) rc = assign_tell(db, who, c, &os, now_held, username);
  return case_tx_end(db, own, rc, c);
}

/* ---- JSON ---- */

/* A met mark as JSON: 1 true, 0 false, -1 (not judged) null. */
static const char *met_json(int met){
  return met<0 ? "null" : met ? "true" : "false";
}

/* The case as JSON: the stable surface of the API. Written member by member (the names are
** literals, the values go through the printf engine's fmt_json()): the hottest document the
** API serves, so no format string is parsed for it. */
void case_json(Buf *b, const Case *c, const char *lang){
  const Procedure *p = rev_cached(c->procedure_id);
  BUF_LIT(b, "{\"number\":");           fmt_json_value(b, c->number);
  BUF_LIT(b, ",\"sop\":");              fmt_json_value(b, c->sop_code);
  BUF_LIT(b, ",\"sop_title\":");        fmt_json_value(b, c->sop_title);
  BUF_LIT(b, ",\"revision\":");         fmt_json_value(b, c->revision);
  BUF_LIT(b, ",\"revision_no\":");      fmt_int(b, c->revision_no);
  BUF_LIT(b, ",\"channel\":");          fmt_json_value(b, c->channel);
  BUF_LIT(b, ",\"subject\":");          fmt_json_value(b, c->subject);
  BUF_LIT(b, ",\"status\":");           fmt_json_value(b, c->status);
  BUF_LIT(b, ",\"priority\":");         fmt_json_value(b, c->priority);
  BUF_LIT(b, ",\"urgency\":");          fmt_json_value(b, c->urgency);
  BUF_LIT(b, ",\"impact\":");           fmt_json_value(b, c->impact);
  BUF_LIT(b, ",\"requester\":{\"name\":"); fmt_json_value(b, c->requester_name);
  BUF_LIT(b, ",\"org\":");              fmt_json_value(b, c->requester_org);
  BUF_LIT(b, ",\"org_given\":");        fmt_json_value(b, c->org_given);
  BUF_LIT(b, "},\"opened_by\":");       fmt_json_value(b, c->opened_by);
  BUF_LIT(b, ",\"cancel_reason\":");    fmt_json_value(b, c->cancel_reason);
  BUF_LIT(b, ",\"opened_at\":");        time_json(b, c->opened_at);
  BUF_LIT(b, ",\"closed_at\":");        time_json(b, c->closed_at);
  BUF_LIT(b, ",\"response_due_at\":");  time_json(b, c->response_due_at);
  BUF_LIT(b, ",\"resolution_due_at\":"); time_json(b, c->resolution_due_at);
  BUF_LIT(b, ",\"responded_at\":");     time_json(b, c->responded_at);
  BUF_LIT(b, ",\"response_met\":");     buf_puts(b, met_json(c->response_met));
  BUF_LIT(b, ",\"resolution_met\":");   buf_puts(b, met_json(c->resolution_met));
  BUF_LIT(b, ",\"current_step\":");     fmt_int(b, c->current_step);   /* 0: no step is open */
  BUF_LIT(b, ",\"steps\":");
  case_steps_json(b, p, c->steps, c->nsteps, lang);
  buf_putc(b, '}');
}

/* The steps as a JSON array: each with its procedure's words (title, actor, standard …) and the
** clocks it ran under (see case.h). */
void case_steps_json(Buf *b, const Procedure *p, const CaseStep *steps, int n, const char *lang){
  buf_putc(b, '[');
  int en = lang && strcmp(lang, "en")==0;
  for(int i=0; i<n; i++){
    const CaseStep *s = &steps[i];
    const Step *st = p ? procedure_step(p, s->no) : 0;
    if( i ) buf_putc(b, ',');
    BUF_LIT(b, "{\"no\":");              fmt_int(b, s->no);
    BUF_LIT(b, ",\"visit\":");           fmt_int(b, s->visit);
    buf_putc(b, ',');
    if( st ) buf_puts(b, st->json[en]);
    else BUF_LIT(b, "\"title\":null,\"actor\":[],\"decision\":false,\"pause\":false,\"standard\":\"\"");
    BUF_LIT(b, ",\"started_at\":");      time_json(b, s->started_at);
    BUF_LIT(b, ",\"done_at\":");         time_json(b, s->done_at);
    BUF_LIT(b, ",\"due_at\":");          time_json(b, s->due_at);
    BUF_LIT(b, ",\"tasks\":[");
    for(int k=0; st && k<st->ntasks; k++){
      buf_puts(b, k ? ",{" : "{");
      buf_puts(b, st->tasks[k].json[en]);
      BUF_LIT(b, ",\"due_at\":");
      time_json(b, k<s->ntasks ? s->task_due[k] : 0);
      buf_putc(b, '}');
    }
    BUF_LIT(b, "],\"items_checked\":");
    if( s->items_checked ){   /* digits and commas, written by the engine */
      buf_putc(b, '[');
      buf_puts(b, s->items_checked);
      buf_putc(b, ']');
    }else BUF_LIT(b, "null");
    BUF_LIT(b, ",\"met\":");             buf_puts(b, met_json(s->met));
    BUF_LIT(b, ",\"paused_s\":");        fmt_int(b, s->paused_s);
    BUF_LIT(b, ",\"held_since\":");      time_json(b, s->held_since);
    BUF_LIT(b, ",\"outcome\":");         fmt_json_value(b, s->outcome);
    BUF_LIT(b, ",\"note\":");
    if( s->note ){   /* Loket's own in the answer's language */
      Buf nb = BUF_INIT;
      case_note_put(&nb, s->note, lang);
      fmt_json_value(b, buf_str(&nb));
      buf_free(&nb);
    }else fmt_json_value(b, 0);
    BUF_LIT(b, ",\"by\":");              fmt_json_value(b, s->done_by);
    BUF_LIT(b, ",\"assigned_role\":");   fmt_json_value(b, s->assigned_role);
    BUF_LIT(b, ",\"assigned_user\":");   fmt_json_value(b, s->assigned_user);
    buf_putc(b, '}');
  }
  buf_putc(b, ']');
}

/* ---- holding a step for the requester (a file returned to be completed) ---- */

/* Stop the office's clock on the open step while the requester completes the file. */
int case_hold(Db *db, const Actor *who, Case *c, const char *reason, Err *e){
  int64_t now = time_now();
  OpenStep os;
  char status[16];
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = case_status_now(db, c->id, status, sizeof status);
  if( rc==OK && strcmp(status, "open") ){ ERR_SET(e, "status", N_("The case is not open")); rc = ERR_CONFLICT; }
  if( rc==OK ) rc = open_step(db, c->id, &os);
  if( rc==OK && os.pause_started_at ){ ERR_SET(e, "status", N_("The case is already on hold")); rc = ERR_CONFLICT; }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE case_step SET pause_started_at=?2, notice_at=NULL WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, os.id);
      db_bind_int64(q, 2, now);
      rc = db_run(q);
    }
  }
  if( rc==OK ){
    char detail[300];
    snprintf(detail, sizeof detail, "step %d held: %.250s", os.no, reason ? reason : "");
    rc = audit_write(db, who, "case.hold", c->number, detail);
  }
  return case_tx_end(db, own, rc, c);
}

/* Start the office's clock again on a held step: its due time moves by the office time held. */
int case_resume(Db *db, const Actor *who, Case *c, Err *e){
  int64_t now = time_now();
  OpenStep os;
  int own, rc;
  Calendar *cal = case_tx_begin(db, c->office_id, &own, &rc);
  if( cal==0 ) return rc;
  rc = open_step(db, c->id, &os);
  if( rc==ERR_NOTFOUND || (rc==OK && os.pause_started_at==0) ){
    ERR_SET(e, "status", N_("The case is not on hold"));
    rc = ERR_CONFLICT;
  }
  int64_t held = rc==OK ? calendar_office_between(cal, os.pause_started_at, now) : 0, due = 0;
  if( rc==OK ) rc = pause_resume(db, cal, c, &os, now, &due);
  if( rc==OK ){
    char detail[96];
    snprintf(detail, sizeof detail, "step %d resumed after %lld office seconds", os.no, (long long)held);
    rc = audit_write(db, who, "case.resume", c->number, detail);
  }
  calendar_free(cal);
  return case_tx_end(db, own, rc, c);
}
