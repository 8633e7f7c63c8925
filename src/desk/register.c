/*
** register.c — the registers the SOPs keep: Buku Tamu (guest book), Buku Agenda
** (incoming letters), Lembar Disposisi, Formulir Konsultasi, Formulir Serah
** Terima Berkas and the Arsip of SOP Pengarsipan. Each register is described
** once (its fields and rules); the SQL is written out per register. Every
** change writes its audit row in the same transaction.
*/
#include "desk.h"
#include "../sop/case.h"
#include "../sop/number.h"
#include "register_sql.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const RegField guest_fields[] = {
  { "arrived_at",   N_("Arrived"),        RF_TIME,  RF_DEFAULT,  0,    0 },
  { "name",         N_("Name"),           RF_TEXT,  RF_REQUIRED, 128,  0 },
  { "organisation", N_("Organisation"),   RF_TEXT,  RF_OPTIONAL, 128,  0 },
  { "phone",        N_("Phone"),          RF_PHONE, RF_OPTIONAL, 32,   0 },
  { "purpose",      N_("Purpose"),        RF_TEXT,  RF_REQUIRED, 500,  0 },
  { "met_whom",     N_("Met whom"),       RF_TEXT,  RF_OPTIONAL, 128,  0 },
  { "case_number",  N_("Case number"),    RF_CASE,  RF_OPTIONAL, 64,   0 },
  { "left_at",      N_("Left"),           RF_TIME,  RF_OPTIONAL, 0,    1 },
};
static const RegField agenda_fields[] = {
  { "letter_no",    N_("Letter number"),  RF_TEXT,  RF_REQUIRED, 100,  0 },
  { "letter_date",  N_("Letter date"),    RF_DATE,  RF_REQUIRED, 10,   0 },
  { "received_at",  N_("Received"),       RF_TIME,  RF_DEFAULT,  0,    0 },
  { "sender",       N_("Sender"),         RF_TEXT,  RF_REQUIRED, 200,  0 },
  { "subject",      N_("Subject"),        RF_LONG,  RF_REQUIRED, 1000, 0 },
  { "case_number",  N_("Case number"),    RF_CASE,  RF_OPTIONAL, 64,   0 },
};
static const RegField disposition_fields[] = {
  { "agenda",       N_("Agenda number"),  RF_AGENDA, RF_OPTIONAL, 64,  0 },
  { "case_number",  N_("Case number"),    RF_CASE,  RF_OPTIONAL, 64,   0 },
  { "from_user",    N_("From"),           RF_USER,  RF_DEFAULT,  64,   0 },
  { "to_user",      N_("To (user)"),      RF_USER,  RF_OPTIONAL, 64,   0 },
  { "to_role",      N_("To (role)"),      RF_ROLE,  RF_OPTIONAL, 32,   0 },
  { "instruction",  N_("Instruction"),    RF_LONG,  RF_REQUIRED, 1000, 0 },
  { "due_at",       N_("Due"),            RF_TIME,  RF_OPTIONAL, 0,    0 },
  { "done_at",      N_("Done"),           RF_TIME,  RF_OPTIONAL, 0,    1 },
};
static const RegField consultation_fields[] = {
  { "asked_at",     N_("Asked"),          RF_TIME,  RF_DEFAULT,  0,    0 },
  { "name",         N_("Name"),           RF_TEXT,  RF_REQUIRED, 128,  0 },
  { "organisation", N_("Organisation"),   RF_TEXT,  RF_OPTIONAL, 128,  0 },
  { "contact",      N_("Contact"),        RF_CONTACT, RF_OPTIONAL, 128, 0 },
  { "question",     N_("Question"),       RF_LONG,  RF_REQUIRED, 2000, 0 },
  { "answer",       N_("Answer"),         RF_LONG,  RF_OPTIONAL, 4000, 0 },
  { "case_number",  N_("Case number"),    RF_CASE,  RF_OPTIONAL, 64,   0 },
};
static const RegField handover_fields[] = {
  { "at",           N_("Handed over"),    RF_TIME,  RF_DEFAULT,  0,    0 },
  { "items",        N_("Items handed over"), RF_LONG, RF_REQUIRED, 4000, 0 },
  { "from_name",    N_("Handed over by"), RF_TEXT,  RF_REQUIRED, 128,  0 },
  { "to_name",      N_("Received by"),    RF_TEXT,  RF_REQUIRED, 128,  0 },
  { "case_number",  N_("Case number"),    RF_CASE,  RF_OPTIONAL, 64,   0 },
};
static const RegField archive_fields[] = {
  { "case_number",  N_("Case number"),    RF_CASE,  RF_OPTIONAL, 64,   0 },
  { "title",        N_("Title"),          RF_TEXT,  RF_OPTIONAL, 200,  0 },
  { "location",     N_("Location"),       RF_TEXT,  RF_REQUIRED, 200,  0 },
  { "archived_at",  N_("Archived"),       RF_TIME,  RF_DEFAULT,  0,    0 },
  { "retain_until", N_("Retain until"),   RF_DATE,  RF_DEFAULT,  10,   0 },
  { "destroyed_at", N_("Destroyed"),      RF_TIME,  RF_OPTIONAL, 0,    1 },
};

static const Register registers[REG_COUNT] = {
  { REG_GUEST_BOOK, "guest-book", "guest_book", N_("Guest book"), 0, "depart", N_("Record departure"),
    guest_fields, (int)COUNT(guest_fields), "open", N_("Not yet left"), N_("Guest book") },
  { REG_AGENDA, "agenda", "agenda", N_("Agenda book"), "AG", 0, 0,
    agenda_fields, (int)COUNT(agenda_fields), 0, 0, N_("Agenda book") },
  { REG_DISPOSITION, "disposition", "disposition", N_("Disposition sheets"), "DS", "done", N_("Mark done"),
    disposition_fields, (int)COUNT(disposition_fields), "open", N_("Not done yet"), N_("Disposition sheet") },
  { REG_CONSULTATION, "consultation", "consultation", N_("Consultation forms"), "KF", 0, 0,
    consultation_fields, (int)COUNT(consultation_fields), 0, 0, N_("Consultation form") },
  { REG_HANDOVER, "handover", "handover", N_("Handover forms"), "ST", 0, 0,
    handover_fields, (int)COUNT(handover_fields), 0, 0, N_("Handover form") },
  { REG_ARCHIVE, "archive", "archive", N_("Archive"), 0, "destroy", N_("Mark destroyed"),
    archive_fields, (int)COUNT(archive_fields), "due", N_("Due for destruction"), N_("Archive") },
};

/* The register at index i (0..REG_COUNT-1); NULL outside. */
const Register *register_at(int i){
  return i>=0 && i<REG_COUNT ? &registers[i] : 0;
}

/* The register whose address slug is z (`guest-book`), or whose name is (`guest_book`, as a
** procedure's step lists it); NULL when none. */
const Register *register_find(const char *slug){
  for(int i=0; slug && i<REG_COUNT; i++) if( strcmp(registers[i].slug, slug)==0 ) return &registers[i];
  return register_named(slug);
}

/* The register whose name (in a procedure's `register:`, in audit objects) is z; NULL when none. */
const Register *register_named(const char *z){
  for(int i=0; z && i<REG_COUNT; i++) if( strcmp(registers[i].name, z)==0 ) return &registers[i];
  return 0;
}

/* The index of the field named z in register g; -1 when it has none. */
int register_field(const Register *g, const char *z){
  for(int i=0; z && i<g->nfields; i++) if( strcmp(g->fields[i].name, z)==0 ) return i;
  return -1;
}

/* v cut to the length of field name of g (desk.h). */
const char *register_fit(const Register *g, const char *name, const char *v, Arena *a){
  int i = register_field(g, name);
  return i>=0 && v && g->fields[i].maxlen>0 ? util_utf8_prefix(v, (size_t)g->fields[i].maxlen, a) : v;
}

/* The broken-down civil time of t in an office's zone. */
static void register_civil(int64_t t, const char *tz, struct tm *tm){
  int off = tz_offset_minutes(tz ? tz : "WIB");
  time_t x = (time_t)(t + (int64_t)(off<0 ? 420 : off)*60);
  gmtime_r(&x, tm);
}

/* Today's date (YYYY-MM-DD) at t in an office's zone. */
void register_today(char out[11], int64_t t, const char *tz){
  time_day_text(out, t, tz);
}

/* Take the next number of the register for this office and year, inside the caller's transaction. */
int register_number(Db *db, int64_t office_id, const Register *g, int year, int month, char *out, size_t n){
  Stmt *q = db_prepare(db,
    "INSERT INTO register_counter(office_id, register, year, last) VALUES(?1, ?2, ?3, 1)"
    " ON CONFLICT(office_id, register, year) DO UPDATE SET last=register_counter.last+1 RETURNING last");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, g->name);
  db_bind_int(q, 3, year);
  int rc = db_step(q);
  int64_t last = rc==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  if( rc!=DB_ROW ) return ERR_DB;
  return number_format_office(db, office_id, g->name, year, month, last, out, n);   /* the office's pattern (number.c) */
}

/* A moment: ISO 8601, or YYYY-MM-DDTHH:MM (a form's datetime-local) or YYYY-MM-DD in the zone. */
int register_parse_time(const char *z, const char *tz, int64_t *out){
  if( time_parse_iso(z, out)==OK ) return OK;
  size_t n = strlen(z);
  if( n==10 ) return time_parse_day(z, tz, out);
  if( (n!=16 && n!=19) || (z[10]!='T' && z[10]!=' ') || z[13]!=':' ) return ERR_INVALID;
  char day[11];
  memcpy(day, z, 10);
  day[10] = 0;
  int64_t t;
  if( time_parse_day(day, tz, &t)!=OK ) return ERR_INVALID;
  int hh = 0, mm = 0, ss = 0;
  for(int i=11; i<13; i++){ if( z[i]<'0' || z[i]>'9' ) return ERR_INVALID; hh = hh*10 + z[i]-'0'; }
  for(int i=14; i<16; i++){ if( z[i]<'0' || z[i]>'9' ) return ERR_INVALID; mm = mm*10 + z[i]-'0'; }
  if( n==19 ){
    if( z[16]!=':' ) return ERR_INVALID;
    for(int i=17; i<19; i++){ if( z[i]<'0' || z[i]>'9' ) return ERR_INVALID; ss = ss*10 + z[i]-'0'; }
  }
  if( hh>23 || mm>59 || ss>59 ) return ERR_INVALID;
  *out = t + hh*3600 + mm*60 + ss;
  return OK;
}

/* 1 when every byte of z is in the set allowed, or a letter or digit when alnum is set. */
static int register_chars(const char *z, const char *allowed, int alnum){
  for(; *z; z++){
    unsigned char c = (unsigned char)*z;
    if( alnum && ((c>='0' && c<='9') || (c>='A' && c<='Z') || (c>='a' && c<='z')) ) continue;
    if( !alnum && c>='0' && c<='9' ) continue;
    if( strchr(allowed, c)==0 ) return 0;
  }
  return 1;
}

/* The id of the office's agenda entry numbered z; 0 when none. */
static int64_t register_agenda_id(Db *db, int64_t office_id, const char *z){
  Stmt *q = db_prepare(db, "SELECT id FROM agenda WHERE office_id=?1 AND number=?2");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, z);
  int64_t id = db_step(q)==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  return id;
}

/* The values of a new entry, checked: text, or a number for times and the agenda. */
typedef struct RegValues {
  const char *txt[REG_FIELDS_MAX];
  int64_t num[REG_FIELDS_MAX];
  int isnum[REG_FIELDS_MAX];
  int given[REG_FIELDS_MAX];     /* written by the caller, not a default */
  int changed[REG_FIELDS_MAX];   /* new: given; an edit: not what the entry holds */
  char day[11];                  /* a default day (an archive's retention), which txt points to */
  char casenum[64];              /* a case number typed otherwise (lpse-2026-000001), as printed */
  char user[2][64];              /* from_user, to_user as a username is kept: small letters */
} RegValues;

/* Whether a case of the office has this number (a register links only to real cases). */
static int register_case_exists(Db *db, int64_t office_id, const char *number){
  Stmt *q = db_prepare(db, "SELECT 1 FROM kasus WHERE office_id=?1 AND number=?2");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, number);
  int found = db_step(q)==DB_ROW;
  db_reset(q);
  return found;
}

/* 1 when z is an Indonesian phone number (mobile or landline, +62, 62 or 0 first). */
static int register_phone(const char *z){
  char out[24];
  Err ie = {0};
  return strlen(z)<=32 && ident_phone(z, out, sizeof out, 0, &ie)==OK;
}

/* 1 when z is an e-mail address or a phone number, or one of each separated by a comma
** (as a case's requester is written on its consultation form: "phone, e-mail"). */
static int register_contact(const char *z){
  char part[129];
  int phones = 0, emails = 0;
  for(const char *p = z; ; ){
    const char *end = strchr(p, ',');
    size_t n = end ? (size_t)(end-p) : strlen(p);
    if( n>=sizeof part ) return 0;
    memcpy(part, p, n);
    part[n] = 0;
    const char *t = util_trim(part);
    Err ie = {0};
    if( strchr(t, '@') ){ if( ident_email(t, &ie)!=OK || emails++ ) return 0; }
    else if( !register_phone(t) || phones++ ) return 0;
    if( end==0 ) return 1;
    p = end+1;
  }
}

/* Check one given value of field f into slot i of v; on failure e names the field. */
static int register_check(Db *db, const Actor *who, const RegField *f, const char *tz, const char *z,
                          RegValues *v, int i, Err *e){
  int64_t now = time_now();
  if( z==0 || util_blank(z) ){   /* white space alone says nothing */
    if( f->need==RF_REQUIRED ){ err_add(e, f->name, N_("This field is required")); return ERR_INVALID; }
    if( f->need==RF_DEFAULT && f->kind==RF_TIME ){ v->isnum[i] = 1; v->num[i] = now; }
    else if( f->need==RF_DEFAULT && f->kind==RF_USER ) v->txt[i] = who && who->username ? who->username : "system";
    else if( f->kind==RF_TIME || f->kind==RF_AGENDA ) v->isnum[i] = 2;   /* NULL */
    return OK;
  }
  v->given[i] = 1;
  if( err_check_text(e, f->name, z, f->maxlen>0 ? (size_t)f->maxlen : SIZE_MAX, f->kind==RF_LONG ? TEXT_LINES : 0) ){
    return ERR_INVALID;
  }
  switch( f->kind ){
    case RF_TIME:
      v->isnum[i] = 1;
      if( register_parse_time(z, tz, &v->num[i])!=OK ){
        err_add(e, f->name, N_("Write a real day as YYYY-MM-DD or a time as YYYY-MM-DDTHH:MM (or in ISO 8601)"));
        return ERR_INVALID;
      }
      /* a deadline given as a day is due by the end of that day, not at its first second */
      if( strcmp(f->name, "due_at")==0 && strlen(z)==10 ) v->num[i] += 86400 - 1;
      return OK;
    case RF_DATE: {
      int64_t t;
      if( time_parse_day(z, "WIB", &t)!=OK ){ err_add(e, f->name, N_("Write a real date from 1970 on, as YYYY-MM-DD")); return ERR_INVALID; }
      break;
    }
    case RF_PHONE:
      if( !register_phone(z) ){
        err_add(e, f->name, N_("The phone must be an Indonesian number: 08… or +62… for a mobile, or a landline with its area code (0285 …)"));
        return ERR_INVALID;
      }
      break;
    case RF_CONTACT:
      if( !register_contact(z) ){
        err_add(e, f->name, N_("The contact must be an e-mail address or an Indonesian phone number (08…, +62…), or both separated by a comma"));
        return ERR_INVALID;
      }
      break;
    case RF_CASE:
      if( !register_chars(z, "-/.", 1) ){
        err_add(e, f->name, N_("A case number has only letters, digits and - / ."));
        return ERR_INVALID;
      }
      if( db==0 || register_case_exists(db, who ? who->office_id : 0, z) ) break;
      /* as written, else as printed: small letters and blanks around it, as every path takes it */
      case_number_typed(z, v->casenum);
      if( !register_case_exists(db, who ? who->office_id : 0, v->casenum) ){
        err_add(e, f->name, N_("No case of this office has this number"));
        return ERR_INVALID;
      }
      z = v->casenum;
      break;
    case RF_USER: {
      User u;
      /* a username is small letters, as signing in takes it: "Rina" typed in the form is rina */
      char *low = v->user[strcmp(f->name, "to_user")==0];
      snprintf(low, sizeof v->user[0], "%s", z);
      z = user_name_typed(low);
      if( db==0 ) break;   /* checked without the database: not looked up */
      if( user_by_name(db, z, &u)!=OK || !user_in_office(db, u.id, who ? who->office_id : 0) ){
        err_add(e, f->name, N_("No user of this office has this username"));
        return ERR_INVALID;
      }
      /* a disposition goes between the office's staff, not to a provider's or LKPP's account */
      if( !roles_have_staff(user_roles(db, u.id, who ? who->office_id : 0)) ){ err_add(e, f->name, N_("This user is not one of the office's staff")); return ERR_INVALID; }
      /* nor to an account that can no longer sign in to do it (as a step is not assigned to one) */
      if( u.disabled ){ err_add(e, f->name, N_("This user's account is disabled")); return ERR_INVALID; }
      break;
    }
    case RF_ROLE:
      if( role_index(z)<0 ){ err_add(e, f->name, N_("No such role")); return ERR_INVALID; }
      /* as a disposition's users: one of the office's staff roles, not penyedia, ppk or lkpp */
      if( !role_is_staff(role_index(z)) ){ err_add(e, f->name, N_("This role is not one of the office's staff roles")); return ERR_INVALID; }
      break;
    case RF_AGENDA:
      if( db==0 ) return OK;
      v->isnum[i] = 1;
      v->num[i] = register_agenda_id(db, who ? who->office_id : 0, z);
      if( v->num[i]==0 ){ err_add(e, f->name, N_("No agenda entry of this office has this number")); return ERR_INVALID; }
      return OK;
  }
  v->txt[i] = z;
  return OK;
}

/* The index of the field the register's action records (left_at, done_at, destroyed_at); -1 when none. */
static int register_state_field(const Register *g){
  for(int i=0; i<g->nfields; i++) if( g->fields[i].state ) return i;
  return -1;
}

/* The moment before which the register's action cannot have happened: the guest's arrival, the
** disposition's writing, the archiving; t the entry's times by field, created when it was written. */
static int64_t register_since(const Register *g, const int64_t *t, int64_t created){
  return g->id==REG_GUEST_BOOK ? t[0] : g->id==REG_ARCHIVE ? t[3] : created;
}

/* What is said of an action's moment before register_since (a msgid). */
static const char *register_before_msg(const Register *g){
  return g->id==REG_GUEST_BOOK ? N_("A guest leaves after arriving: this is before the arrival")
       : g->id==REG_ARCHIVE ? N_("A file is destroyed after it is archived: this is before")
       : N_("A disposition is carried out after it is written: this is before");
}

/* The moment that field i records, when it was given as a time: 0 when not. */
static int64_t register_time(const RegValues *v, int i){
  return v->isnum[i]==1 ? v->num[i] : 0;
}

/* What a register records has happened: the moment of arrival, receipt, question or hand-over
** is not later than now (five minutes of clock drift allowed); a letter is received on or
** after its date, which is not after today; a disposition is not due before it is written.
** Only what is new or changed is held to them (an edit of an old entry keeps its past due time);
** old (an edit: the entry as it is) adds what its action recorded: a guest arrives before
** leaving, a destroyed file's retention stays as it was. */
static int register_times(const Register *g, const char *tz, const RegValues *v, const RegEntry *old, Err *e){
  int64_t now = time_now(), soon = now + 300;
  int rc = OK;
  static const struct { int reg, field; } happened[] = {
    { REG_GUEST_BOOK, 0 }, { REG_AGENDA, 2 }, { REG_CONSULTATION, 0 }, { REG_HANDOVER, 0 }, { REG_ARCHIVE, 3 },
  };
  for(size_t k=0; k<COUNT(happened); k++){
    if( g->id!=happened[k].reg || !v->changed[happened[k].field] || register_time(v, happened[k].field) <= soon ) continue;
    err_add(e, g->fields[happened[k].field].name, N_("This moment is still to come: write when it happened"));
    rc = ERR_INVALID;
  }
  if( g->id==REG_AGENDA && v->txt[1] && (v->changed[1] || v->changed[2]) ){
    int64_t day;
    if( time_parse_day(v->txt[1], tz, &day)==OK ){
      if( day > now ){ err_add(e, "letter_date", N_("The letter's date is after today")); rc = ERR_INVALID; }
      else if( register_time(v, 2) && register_time(v, 2) < day ){
        err_add(e, "received_at", N_("A letter is received on or after its date"));
        rc = ERR_INVALID;
      }
    }
  }
  /* an archive entered now may record files whose retention has ended (they await destruction);
  ** a retention that ends before the archiving date written with it is a slip */
  if( g->id==REG_ARCHIVE && v->txt[4] && v->given[3] && (v->changed[3] || v->changed[4]) ){
    int64_t until;
    if( time_parse_day(v->txt[4], tz, &until)==OK && until + 86400 <= register_time(v, 3) ){
      err_add(e, "retain_until", N_("The retention would end before the file was archived"));
      rc = ERR_INVALID;
    }
  }
  if( g->id==REG_DISPOSITION && v->changed[6] && register_time(v, 6) && register_time(v, 6) < now - 300 ){
    err_add(e, "due_at", N_("The due time has passed already"));
    rc = ERR_INVALID;
  }
  /* the moment of the action, recorded and now corrected: not to come, not before the entry's own */
  int s = register_state_field(g);
  if( old && s>=0 && v->changed[s] && register_time(v, s) ){
    int64_t when = register_time(v, s), t[REG_FIELDS_MAX];
    for(int i=0; i<g->nfields; i++) t[i] = register_time(v, i);
    int64_t since = register_since(g, t, old->created_at);
    char day[11];
    register_today(day, when, tz ? tz : "WIB");
    if( when > soon ){ err_add(e, g->fields[s].name, N_("This moment is still to come: write when it happened")); rc = ERR_INVALID; }
    else if( since && when < since ){ err_add(e, g->fields[s].name, register_before_msg(g)); rc = ERR_INVALID; }
    /* a file is destroyed once its retention has ended (as register_act_at allows it) */
    else if( g->id==REG_ARCHIVE && v->txt[4] && strcmp(day, v->txt[4])<0 ){
      err_add(e, g->fields[s].name, N_("The retention period had not ended by then"));
      rc = ERR_INVALID;
    }
  }
  if( g->id==REG_GUEST_BOOK && old && !v->changed[7] && register_time(v, 7) && register_time(v, 0) > register_time(v, 7) ){
    err_add(e, "arrived_at", N_("The guest left before this time"));
    rc = ERR_INVALID;
  }
  if( g->id==REG_ARCHIVE && old && old->t[5] && v->changed[4] ){
    err_add(e, "retain_until", N_("The file has been destroyed: its retention cannot change"));
    rc = ERR_INVALID;
  }
  return rc;
}

/* The rules across fields: what a disposition is about and whom it is for; what is archived.
** A field given but wrong has its own error: the rule does not say it is missing. */
static int register_cross(const Register *g, const RegValues *v, Err *e){
  int rc = OK;
  if( g->id==REG_DISPOSITION ){
    if( !v->given[0] && !v->given[1] ){
      err_add(e, "agenda", N_("Give the agenda number of the letter or the case number"));
      rc = ERR_INVALID;
    }
    if( !v->given[3] && !v->given[4] ){
      err_add(e, "to_user", N_("Give the user or the role the disposition is for"));
      rc = ERR_INVALID;
    }
  }
  /* a handover is from one person to another: the same name twice is a slip in one of them */
  if( g->id==REG_HANDOVER && (v->changed[2] || v->changed[3]) && v->txt[2] && v->txt[3]
      && strcasecmp(v->txt[2], v->txt[3])==0 ){
    err_add(e, "to_name", N_("The one who receives is the one who hands over: write who received the items"));
    rc = ERR_INVALID;
  }
  if( g->id==REG_ARCHIVE && !v->given[0] && !v->given[1] ){
    err_add(e, "title", N_("Give the case number or a title of what is archived"));
    rc = ERR_INVALID;
  }
  return rc;
}

/* The INSERT of a register: ?1 office, ?2 number, ?3 created_by, ?4 created_at, ?5… its entry fields. */
static Stmt *register_insert_stmt(Db *db, int id){
  switch( id ){
    case REG_GUEST_BOOK: return db_prepare(db,
      "INSERT INTO guest_book(office_id, created_by, created_at, arrived_at, name, organisation, phone,"
      " purpose, met_whom, case_number) VALUES(?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id");
    case REG_AGENDA: return db_prepare(db,
      "INSERT INTO agenda(office_id, number, created_by, created_at, letter_no, letter_date, received_at,"
      " sender, subject, case_number) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
    case REG_DISPOSITION: return db_prepare(db,
      "INSERT INTO disposition(office_id, number, created_by, created_at, agenda_id, case_number, from_user, to_user,"
      " to_role, instruction, due_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id");
    case REG_CONSULTATION: return db_prepare(db,
      "INSERT INTO consultation(office_id, number, created_by, created_at, asked_at, name, organisation,"
      " contact, question, answer, case_number) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id");
    case REG_HANDOVER: return db_prepare(db,
      "INSERT INTO handover(office_id, number, created_by, created_at, at, items, from_name, to_name,"
      " case_number) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
    case REG_ARCHIVE: return db_prepare(db,
      "INSERT INTO archive(office_id, created_by, created_at, case_number, title, location, archived_at,"
      " retain_until) VALUES(?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
  }
  return 0;
}

/* Insert the checked entry, numbered when the register is, with its audit row (each value given,
** a time as ISO 8601 and the agenda by its number, as an edit's row says them); in the caller's
** transaction. */
static int register_insert(Db *db, const Actor *who, const Register *g, const char *tz, const RegInput *in,
                           const RegValues *v, int64_t *id){
  int64_t now = time_now();
  char number[48] = "";
  if( g->prefix ){
    struct tm tm;
    register_civil(now, tz, &tm);
    int rc = register_number(db, who->office_id, g, tm.tm_year+1900, tm.tm_mon+1, number, sizeof number);
    if( rc!=OK ) return rc;
  }
  Stmt *q = register_insert_stmt(db, g->id);
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, who->office_id);
  db_bind_text(q, 2, number);
  db_bind_text(q, 3, who->username ? who->username : "system");
  db_bind_int64(q, 4, now);
  Buf d = BUF_INIT;
  for(int i=0, k=5; i<g->nfields; i++){
    if( g->fields[i].state ) continue;
    if( v->isnum[i]==1 ) db_bind_int64(q, k, v->num[i]);
    else if( v->isnum[i]==2 ) db_bind_null(q, k);
    else db_bind_text(q, k, v->txt[i]);
    char said_buf[80];
    const char *said = v->txt[i];
    if( v->isnum[i]==1 && v->given[i] && g->fields[i].kind==RF_TIME ){ time_fmt_iso(said_buf, sizeof said_buf, v->num[i]); said = said_buf; }
    else if( v->isnum[i]==1 && g->fields[i].kind==RF_AGENDA ) said = util_trim_copy(in->v[i], said_buf, sizeof said_buf);
    if( said && d.n<400 ) buf_printf(&d, "%s%s=%.80s", d.n ? "; " : "", g->fields[i].name, said);
    k++;
  }
  int rc = db_step(q);
  *id = rc==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  if( rc!=DB_ROW ){ buf_free(&d); return db_last_error(db); }
  char obj[96];
  if( g->prefix ) snprintf(obj, sizeof obj, "%s:%lld:%s", g->name, (long long)*id, number);
  else snprintf(obj, sizeof obj, "%s:%lld", g->name, (long long)*id);
  rc = audit_write(db, who, "register.add", obj, buf_str(&d));
  buf_free(&d);
  return rc;
}

/* Whether the checked value of field i differs from what the entry holds. */
static int register_differs(const Register *g, const RegInput *in, const RegValues *v, const RegEntry *old, int i){
  const RegField *f = &g->fields[i];
  if( f->kind==RF_TIME ) return register_time(v, i)!=old->t[i];
  const char *now = f->kind==RF_AGENDA ? (v->isnum[i]==1 ? in->v[i] : "") : v->txt[i];
  return strcmp(now ? now : "", old->v[i] ? old->v[i] : "")!=0;
}

/* The defaults that come from another field: an archived file left without the end of its
** retention is kept two years from its archiving day (register_retain_default), as the
** archive a step writes and the register's page say. */
static void register_defaults(const Register *g, const char *tz, RegValues *v){
  int k = register_field(g, "retain_until"), at = register_field(g, "archived_at");
  if( k<0 || at<0 || v->given[k] || v->txt[k] || v->isnum[at]!=1 ) return;
  register_retain_default(v->day, v->num[at], tz);
  v->txt[k] = v->day;
}

/* The moment field i, the register's action's, holds in slot i of v: the entry's own (old; NULL
** for a new entry: none), or the correction z of it once recorded: a time, not cleared. */
static void register_state_value(const Register *g, int i, const char *tz, const char *z, const RegEntry *old,
                                 RegValues *v, Err *e){
  const RegField *f = &g->fields[i];
  v->isnum[i] = old && old->t[i] ? 1 : 2;
  v->num[i] = old ? old->t[i] : 0;
  if( old==0 || z==0 ) return;
  if( old->t[i]==0 ){ err_add(e, f->name, N_("Not recorded yet: the register's action records it")); return; }
  if( util_blank(z) ){ err_add(e, f->name, N_("A moment recorded can be corrected, not cleared")); return; }
  if( register_check(0, 0, f, tz, z, v, i, e)!=OK ) v->isnum[i] = 0;
}

/* Check the values of an entry into v, every field wrong named in e (db NULL: what only the
** database knows, a case number, a username or an agenda entry, is not looked up); old, for an
** edit, the entry as it is (NULL for a new one). */
static int register_values(Db *db, const Actor *who, const Register *g, const char *tz, const RegInput *in,
                           const RegEntry *old, RegValues *v, Err *e){
  Err all = {0};   /* every field wrong named at once */
  memset(v, 0, sizeof *v);
  for(int i=0; i<g->nfields; i++){
    if( g->fields[i].state ){ register_state_value(g, i, tz, in->v[i], old, v, &all); continue; }
    Err one = {0};
    if( register_check(db, who, &g->fields[i], tz, in->v[i], v, i, &one)==OK ) continue;
    /* an edit keeps a user or a case as it was, though the user has left the staff since */
    int kind = g->fields[i].kind;
    if( old && (kind==RF_USER || kind==RF_CASE) && util_str_eq(in->v[i], old->v[i]) ){ v->txt[i] = in->v[i]; continue; }
    for(int k=0; k<err_count(&one); k++) { ErrItem it = err_item(&one, k); err_add_item(&all, 0, &it); }
    v->isnum[i] = 0;   /* a wrong value is no value to the rules across fields and times below */
    v->txt[i] = 0;
  }
  register_defaults(g, tz, v);
  for(int i=0; i<g->nfields; i++) v->changed[i] = old ? register_differs(g, in, v, old, i) : v->given[i];
  register_cross(g, v, &all);
  register_times(g, tz, v, old, &all);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* Check the values of an entry (name/value pairs as register_add_kv takes them) as register_add
** does, without the database: every field wrong named in e; nothing read or written. */
int register_check_kv(const Register *g, const char *tz, const char *const *kv, Err *e){
  RegInput in;
  RegValues v;
  memset(&in, 0, sizeof in);
  for(int k=0; kv[k]; k+=2){
    int i = register_field(g, kv[k]);
    if( i>=0 ) in.v[i] = kv[k+1];
  }
  return register_values(0, 0, g, tz, &in, 0, &v, e);
}

/* Check and add an entry of the register in the actor's office. */
int register_add(Db *db, const Actor *who, const Register *g, const char *tz, const RegInput *in,
                 int64_t *id, Err *e){
  RegValues v;
  *id = 0;
  if( who==0 || who->office_id==0 ){ ERR_SET(e, 0, N_("Request failed")); return ERR_INVALID; }
  if( register_values(db, who, g, tz, in, 0, &v, e)!=OK ) return ERR_INVALID;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = register_insert(db, who, g, tz, in, &v, id);
  return db_tx_end(db, own, rc);
}

/* Check and add an entry whose values come as name/value pairs (a NULL name ends them, a
** NULL value is not given); its number, when the register numbers, into num. */
int register_add_kv(Db *db, const Actor *who, const Register *g, const char *tz, const char *const *kv,
                    int64_t *id, char *num, size_t nnum, Err *e){
  RegInput in;
  memset(&in, 0, sizeof in);
  for(int k=0; kv[k]; k+=2){
    int i = register_field(g, kv[k]);
    if( i>=0 ) in.v[i] = kv[k+1];
  }
  int rc = register_add(db, who, g, tz, &in, id, e);
  if( rc!=OK || num==0 ) return rc;
  Arena a;
  arena_init(&a);
  RegEntry en;
  rc = register_get(db, g, who->office_id, *id, "", &en, &a);
  if( rc==OK ) snprintf(num, nnum, "%s", en.number);
  arena_free(&a);
  return rc;
}

/* The UPDATE of a register's entry fields: ?1 id, ?2 office, ?5… its entry fields as the INSERT's,
** then the moment of its action (NULL: as it is). */
static Stmt *register_update_stmt(Db *db, int id){
  switch( id ){
    case REG_GUEST_BOOK: return db_prepare(db,
      "UPDATE guest_book SET arrived_at=?5, name=?6, organisation=?7, phone=?8, purpose=?9, met_whom=?10,"
      " case_number=?11, left_at=coalesce(?12, left_at) WHERE id=?1 AND office_id=?2");
    case REG_AGENDA: return db_prepare(db,
      "UPDATE agenda SET letter_no=?5, letter_date=?6, received_at=?7, sender=?8, subject=?9, case_number=?10"
      " WHERE id=?1 AND office_id=?2");
    case REG_DISPOSITION: return db_prepare(db,
      "UPDATE disposition SET agenda_id=?5, case_number=?6, from_user=?7, to_user=?8, to_role=?9, instruction=?10,"
      " due_at=?11, done_at=coalesce(?12, done_at) WHERE id=?1 AND office_id=?2");
    case REG_CONSULTATION: return db_prepare(db,
      "UPDATE consultation SET asked_at=?5, name=?6, organisation=?7, contact=?8, question=?9, answer=?10,"
      " case_number=?11 WHERE id=?1 AND office_id=?2");
    case REG_HANDOVER: return db_prepare(db,
      "UPDATE handover SET at=?5, items=?6, from_name=?7, to_name=?8, case_number=?9 WHERE id=?1 AND office_id=?2");
    case REG_ARCHIVE: return db_prepare(db,
      "UPDATE archive SET case_number=?5, title=?6, location=?7, archived_at=?8, retain_until=?9,"
      " destroyed_at=coalesce(?10, destroyed_at) WHERE id=?1 AND office_id=?2");
  }
  return 0;
}

/* A field's value as an edit's check reads it: a moment in ISO 8601, else the text. */
static const char *register_value_text(const RegField *f, const RegEntry *w, int i, Arena *a){
  if( f->kind!=RF_TIME ) return w->v[i];
  if( w->t[i]==0 ) return "";
  char *z = arena_alloc(a, 32);
  time_fmt_iso(z, 32, w->t[i]);
  return z;
}

const char register_missing_msg[] = N_("This register has no entry with this id");

/* OK when who may change what disposition sheet old orders, as v would change it (from whom, to
** whom, the instruction, the due time): whoever it is from or wrote it, or the office's head,
** secretary or an administrator; else ERR_DENIED naming the first such field changed. A recipient
** marks it done (its action) but does not rewrite the order. */
static int disposition_may_change(Db *db, const Actor *who, const Register *g, const RegEntry *old,
                                  const RegValues *v, Err *e){
  static const char *const orders[] = { "from_user", "to_user", "to_role", "instruction", "due_at", 0 };
  const char *field = 0;
  for(int k=0; orders[k] && field==0; k++){
    int i = register_field(g, orders[k]);
    if( i>=0 && v->changed[i] ) field = orders[k];
  }
  if( field==0 ) return OK;
  int from = register_field(g, "from_user");
  if( util_str_eq(who->username, old->created_by) || (from>=0 && util_str_eq(who->username, old->v[from])) ) return OK;
  unsigned mine = user_roles(db, who->user_id, who->office_id);
  if( mine & ((1u<<ROLE_ADMIN) | (1u<<ROLE_KETUA) | (1u<<ROLE_SEKRETARIS)) ) return OK;
  ERR_SET(e, field, N_("may be changed only by whoever gave the disposition or wrote it, the head, the secretary or an administrator"));
  return ERR_DENIED;
}

/* Correct an entry of the actor's office: the fields given (in, NULL: kept; empty: cleared, or
** kept for a field filled by default) replace the entry's, checked as a new entry's are
** (only what changes is held to the rules of time); its number and its action's record stay.
** The audit row says each field's old and new value; nothing changed writes nothing. */
int register_edit(Db *db, const Actor *who, const Register *g, const char *tz, int64_t id, const RegInput *in,
                  const char *today, Err *e){
  if( who==0 || who->office_id==0 ){ ERR_SET(e, 0, N_("Request failed")); return ERR_INVALID; }
  Arena a;
  arena_init(&a);
  RegEntry old;
  int rc = register_get(db, g, who->office_id, id, today, &old, &a);
  if( rc!=OK ){ arena_free(&a); return rc; }
  RegInput all;
  RegValues v;
  memset(&all, 0, sizeof all);
  for(int i=0; i<g->nfields; i++){
    const RegField *f = &g->fields[i];
    int keep = in->v[i]==0 || (f->need==RF_DEFAULT && util_blank(in->v[i]));
    all.v[i] = f->state ? in->v[i] : keep ? register_value_text(f, &old, i, &a) : in->v[i];
  }
  if( register_values(db, who, g, tz, &all, &old, &v, e)!=OK ){ arena_free(&a); return ERR_INVALID; }
  if( g->id==REG_DISPOSITION && (rc = disposition_may_change(db, who, g, &old, &v, e))!=OK ){ arena_free(&a); return rc; }
  Buf d = BUF_INIT;
  char iso[32];
  for(int i=0; i<g->nfields; i++){
    if( !v.changed[i] || d.n>=400 ) continue;
    const RegField *f = &g->fields[i];
    if( f->kind==RF_TIME ) time_fmt_iso(iso, sizeof iso, register_time(&v, i));
    const char *now = f->kind==RF_TIME ? (register_time(&v, i) ? iso : "") : f->kind==RF_AGENDA ? all.v[i] : v.txt[i];
    buf_printf(&d, "%s%s=%.80s -> %.80s", d.n ? "; " : "", f->name, register_value_text(f, &old, i, &a), now ? now : "");
  }
  if( d.n==0 ){ buf_free(&d); arena_free(&a); return OK; }   /* nothing to correct */
  int own;
  rc = db_tx_begin(db, &own);
  if( rc==OK ){
    Stmt *q = register_update_stmt(db, g->id);
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, id);
      db_bind_int64(q, 2, who->office_id);
      for(int i=0; i<g->nfields; i++){   /* every field, the action's last: ?5… in order */
        if( v.isnum[i]==1 ) db_bind_int64(q, 5+i, v.num[i]);
        else if( v.isnum[i]==2 ) db_bind_null(q, 5+i);
        else db_bind_text(q, 5+i, v.txt[i]);
      }
      rc = db_run(q);
    }
    if( rc==OK ){
      char obj[96];
      if( g->prefix ) snprintf(obj, sizeof obj, "%s:%lld:%s", g->name, (long long)id, old.number);
      else snprintf(obj, sizeof obj, "%s:%lld", g->name, (long long)id);
      rc = audit_write(db, who, "register.edit", obj, buf_str(&d));
    }
    rc = db_tx_end(db, own, rc);
  }
  buf_free(&d);
  arena_free(&a);
  return rc;
}

/* Write the answer on a consultation form that has none yet, with its audit row. ERR_CONFLICT
** when it has one; ERR_INVALID (field "answer") when it is too long. */
int register_answer(Db *db, const Actor *who, const Register *g, int64_t id, const char *answer, Err *e){
  int k = register_field(g, "answer");
  if( g->id!=REG_CONSULTATION || k<0 ) return ERR_NOTFOUND;
  if( err_check_text(e, "answer", answer, (size_t)g->fields[k].maxlen, TEXT_REQUIRED|TEXT_LINES) ) return ERR_INVALID;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "UPDATE consultation SET answer=?3 WHERE id=?1 AND office_id=?2"
                           " AND (answer IS NULL OR answer='') RETURNING number");
  char obj[96] = "";
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, id);
    db_bind_int64(q, 2, who->office_id);
    db_bind_text(q, 3, answer);
    int st = db_step(q);
    if( st==DB_ROW ) snprintf(obj, sizeof obj, "%s:%lld:%.40s", g->name, (long long)id, db_col_text(q, 0));
    else if( st==DB_DONE ){ ERR_SET(e, "answer", N_("This consultation form has its answer already")); rc = ERR_CONFLICT; }
    else rc = ERR_DB;
    db_reset(q);
  }
  if( rc==OK ){
    char detail[120];
    snprintf(detail, sizeof detail, "answer=%.80s", answer);
    rc = audit_write(db, who, "register.answer", obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* The day an archived file may be destroyed by default: two years after t, in the zone. */
void register_retain_default(char out[11], int64_t t, const char *tz){
  register_retain_years(out, t, tz, 2);
}

/* The day `years` years after t, in the zone (desk.h). */
void register_retain_years(char out[11], int64_t t, const char *tz, int years){
  char today[11];
  register_today(today, t, tz);
  /* a leap day's year after may have no 29 February: the day before (a fourth year has one) */
  unsigned y = (unsigned)(atoi(today)+years) % 10000u;
  int leap = (y%4==0 && y%100!=0) || y%400==0;
  snprintf(out, 11, "%04u%.6s", y, strcmp(today+4, "-02-29")==0 && !leap ? "-02-28" : today+4);
}

/* The listing statement of a register (register_sql.h). */
static Stmt *register_list_stmt(Db *db, int id){
  switch( id ){
    case REG_GUEST_BOOK: return db_prepare(db, REGISTER_SQL_LIST_GUEST_BOOK);
    case REG_AGENDA: return db_prepare(db, REGISTER_SQL_LIST_AGENDA);
    case REG_DISPOSITION: return db_prepare(db, REGISTER_SQL_LIST_DISPOSITION);
    case REG_CONSULTATION: return db_prepare(db, REGISTER_SQL_LIST_CONSULTATION);
    case REG_HANDOVER: return db_prepare(db, REGISTER_SQL_LIST_HANDOVER);
    case REG_ARCHIVE: return db_prepare(db, REGISTER_SQL_LIST_ARCHIVE);
  }
  return 0;
}

/* Who wrote an entry, as people read it: their full name, else their username. */
const char *register_author(const RegEntry *w){
  return w->created_by_name && *w->created_by_name ? w->created_by_name : w->created_by ? w->created_by : "";
}

/* How field i of an entry reads to people (desk.h). */
const char *register_text(const RegField *f, const RegEntry *w, int i){
  const char *v = w->v[i] ? w->v[i] : "";
  return f->kind==RF_USER && w->who[i] && *w->who[i] ? w->who[i] : v;
}

/* What a search for a phone number finds in a phone written any way ("0812-3456-7890",
** "+62 812 3456 7890"): a LIKE pattern of its digits after the 0 or 62 it starts with, to match
** the stored number with its spaces, dashes, dots and brackets taken out; NULL when q is not a
** phone number's part (fewer than 5 digits after that 0 or 62, or anything but digits and those
** signs). */
static const char *register_phone_like(const char *q, Arena *a){
  char d[40];
  size_t n = 0;
  for(const char *p = q ? q : ""; *p; p++){
    if( *p>='0' && *p<='9' ){ if( n+1>=sizeof d ) return 0; d[n++] = *p; }
    else if( !strchr(" -.()+", *p) ) return 0;
  }
  d[n] = 0;
  const char *core = d;
  if( core[0]=='0' ) core++;
  else if( core[0]=='6' && core[1]=='2' ) core += 2;
  if( strlen(core) < 5 ) return 0;
  return arena_printf(a, "%%%s%%", core);
}

/* Run a listing with the filter and one id (0: any); rows in the arena. */
static int register_query(Db *db, const Register *g, const RegFilter *f, int64_t one, RegEntry **rows, int *n,
                          Arena *a){
  *rows = 0;
  *n = 0;
  if( f->limit<1 || f->limit>REG_LIST_MAX ) return ERR_INVALID;
  Stmt *q = register_list_stmt(db, g->id);
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, f->office_id);
  const char *fq = db_search_text(a, f->q);   /* "budi  santoso" finds "Budi Santoso" */
  /* folded, as the fields are (register_sql.h REG_FOLD_LIKE): "PT ABC" finds "P.T. A.B.C." */
  if( fq && *fq ) db_bind_text(q, 2, db_like(a, db_fold(a, fq), DB_LIKE_WITHIN, 0));
  else db_bind_null(q, 2);
  db_bind_int64(q, 3, f->from);
  db_bind_int64(q, 4, f->to);
  db_bind_int64(q, 5, f->before>0 ? f->before : INT64_MAX);
  db_bind_int64(q, 6, one);
  db_bind_int(q, 7, f->due);
  db_bind_int(q, 8, f->limit);
  db_bind_text(q, 9, f->today && *f->today ? f->today : "0000-00-00");
  if( g->id==REG_GUEST_BOOK || g->id==REG_CONSULTATION ) db_bind_text(q, 10, register_phone_like(fq, a));
  RegEntry *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    RegEntry *w = &v[(*n)++];
    memset(w, 0, sizeof *w);
    w->id = db_col_int64(q, 0);
    w->number = arena_strdup(a, db_col_text(q, 1));
    w->created_by = arena_strdup(a, db_col_text(q, 2));
    w->created_at = db_col_int64(q, 3);
    for(int i=0; i<g->nfields; i++){
      if( g->fields[i].kind==RF_TIME ){
        w->t[i] = db_col_null(q, 4+i) ? 0 : db_col_int64(q, 4+i);
        w->v[i] = "";
      }else{
        w->v[i] = arena_strdup(a, db_col_text(q, 4+i));
      }
    }
    w->due = db_col_int(q, 4+g->nfields);
    w->created_by_name = arena_strdup(a, db_col_text(q, 5+g->nfields));
    for(int i=0, k=6+g->nfields; i<g->nfields; i++){   /* then each letter's sender, each user's full name */
      w->who[i] = g->fields[i].kind==RF_USER || g->fields[i].kind==RF_AGENDA ? arena_strdup(a, db_col_text(q, k++)) : "";
    }
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  *rows = v;
  return OK;
}

/* Entries of a register, newest first, as the filter says. */
int register_list(Db *db, const Register *g, const RegFilter *f, RegEntry **rows, int *n, Arena *a){
  return register_query(db, g, f, 0, rows, n, a);
}

/* One entry of the office; ERR_NOTFOUND when none. */
int register_get(Db *db, const Register *g, int64_t office_id, int64_t id, const char *today,
                 RegEntry *out, Arena *a){
  RegFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = office_id;
  f.today = today;
  f.limit = 1;
  RegEntry *rows;
  int n;
  if( id<=0 ) return ERR_NOTFOUND;
  int rc = register_query(db, g, &f, id, &rows, &n, a);
  if( rc!=OK ) return rc;
  if( n==0 ) return ERR_NOTFOUND;
  *out = rows[0];
  return OK;
}

/* The office's agenda entry numbered `number` (a disposition's letter); ERR_NOTFOUND when none. */
int register_agenda_get(Db *db, int64_t office_id, const char *number, RegEntry *out, Arena *a){
  int64_t id = number && *number ? register_agenda_id(db, office_id, number) : 0;
  return register_get(db, &registers[REG_AGENDA], office_id, id, "", out, a);
}

/* The UPDATE of a register's action: ?1 id, ?2 office, ?3 now, ?4 today. */
static Stmt *register_act_stmt(Db *db, int id){
  switch( id ){
    case REG_GUEST_BOOK: return db_prepare(db,
      "UPDATE guest_book SET left_at=?3 WHERE id=?1 AND office_id=?2 AND left_at IS NULL");
    case REG_DISPOSITION: return db_prepare(db,
      "UPDATE disposition SET done_at=?3 WHERE id=?1 AND office_id=?2 AND done_at IS NULL");
    case REG_ARCHIVE: return db_prepare(db,
      "UPDATE archive SET destroyed_at=?3 WHERE id=?1 AND office_id=?2 AND destroyed_at IS NULL"
      " AND retain_until<=?4");
  }
  return 0;
}

/* The register's action on an entry of the actor's office, now, with its audit row. */
int register_act(Db *db, const Actor *who, const Register *g, int64_t id, const char *today, Err *e){
  return register_act_at(db, who, g, id, today, 0, 0, e);
}

/* The register's action at the moment `at` (NULL or empty: now; as a register's times are
** written, in the zone tz): not still to come, and not before the entry's own moment (the
** arrival, the disposition's writing, the archiving). With its audit row. */
int register_act_at(Db *db, const Actor *who, const Register *g, int64_t id, const char *today, const char *tz,
                    const char *at, Err *e){
  if( g->action==0 ) return ERR_NOTFOUND;
  Arena a;
  arena_init(&a);
  RegEntry cur;
  int rc = register_get(db, g, who->office_id, id, today, &cur, &a);
  char until[11] = "";   /* archive: the retention date, kept past the arena */
  if( rc==OK && g->id==REG_ARCHIVE ) snprintf(until, sizeof until, "%s", cur.v[4]);
  arena_free(&a);
  if( rc!=OK ) return rc;
  int64_t now = time_now(), when = now;
  int done = cur.t[register_state_field(g)]!=0;
  if( at && *at && (util_has_control(at, 0) || strlen(at)>32 || register_parse_time(at, tz ? tz : "WIB", &when)!=OK) ){
    ERR_SET(e, "at", N_("Write a real day as YYYY-MM-DD or a time as YYYY-MM-DDTHH:MM (or in ISO 8601)"));
    return ERR_INVALID;
  }
  if( !done ){   /* what is recorded already is a conflict, whenever it is said to be */
    if( when > now + 300 ){ ERR_SET(e, "at", N_("This moment is still to come: write when it happened")); return ERR_INVALID; }
    if( when < register_since(g, cur.t, cur.created_at) ){
      ERR_SET(e, "at", register_before_msg(g));
      return ERR_INVALID;
    }
    /* a file is destroyed once its retention has ended, on the day written as on a correction */
    char day[11];
    register_today(day, when, tz ? tz : "WIB");
    if( g->id==REG_ARCHIVE && cur.due && until[0] && strcmp(day, until)<0 ){
      ERR_SET(e, "at", N_("The retention period had not ended by then"));
      return ERR_INVALID;
    }
  }
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = register_act_stmt(db, g->id);
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, who->office_id);
  db_bind_int64(q, 3, when);
  db_bind_text(q, 4, today && *today ? today : "0000-00-00");
  rc = db_run(q);
  if( rc==OK && db_changes(db)==0 ){
    if( g->id==REG_ARCHIVE && cur.t[5]==0 && !cur.due ) ERR_SET(e, "retain_until", N_("The retention period has not ended yet"));
    else ERR_SET(e, 0, N_("This is already recorded"));
    rc = ERR_CONFLICT;
  }
  if( rc==OK ){
    char obj[96], action[48], detail[40] = "";
    snprintf(obj, sizeof obj, "%s:%lld", g->name, (long long)id);
    snprintf(action, sizeof action, "register.%s", g->action);
    if( when!=now ){ memcpy(detail, "at=", 3); time_fmt_iso(detail+3, sizeof detail - 3, when); }
    rc = audit_write(db, who, action, obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Destroy the archive entries of a destruction list, all or none (desk.h). */
int register_destroy_all(Db *db, const Actor *who, int64_t *ids, int *n, const char *today, const char *tz,
                         const char *at, int64_t *failed, Err *e){
  *failed = 0;
  if( *n<1 || *n>REG_LIST_MAX ){ ERR_SET(e, "ids", N_("Give the archive entries to destroy: one to a thousand")); return ERR_INVALID; }
  /* an entry listed twice is destroyed once, not refused as "already recorded" by itself */
  int m = 0;
  for(int k=0; k<*n; k++){
    int again = 0;
    for(int j=0; j<m && !again; j++) again = ids[j]==ids[k];
    if( !again ) ids[m++] = ids[k];
  }
  *n = m;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  for(int k=0; k<m && rc==OK; k++){
    rc = register_act_at(db, who, &registers[REG_ARCHIVE], ids[k], today, tz, at, e);
    if( rc!=OK ) *failed = ids[k];
  }
  return db_tx_end(db, own, rc);
}

/* The statement of one register's entries that name a case (register_sql.h). */
static Stmt *register_case_stmt(Db *db, int id){
  switch( id ){
    case REG_GUEST_BOOK: return db_prepare(db, REGISTER_SQL_CASE_GUEST_BOOK);
    case REG_AGENDA: return db_prepare(db, REGISTER_SQL_CASE_AGENDA);
    case REG_DISPOSITION: return db_prepare(db, REGISTER_SQL_CASE_DISPOSITION);
    case REG_CONSULTATION: return db_prepare(db, REGISTER_SQL_CASE_CONSULTATION);
    case REG_HANDOVER: return db_prepare(db, REGISTER_SQL_CASE_HANDOVER);
    case REG_ARCHIVE: return db_prepare(db, REGISTER_SQL_CASE_ARCHIVE);
  }
  return 0;
}

/* The entries of every register linked to a case (see desk.h). */
int register_of_case(Db *db, int64_t office_id, const char *number, RegLink **out, int *n, Arena *a){
  *out = 0;
  *n = 0;
  int cap = 0;
  for(int k=0; k<REG_COUNT; k++){
    Stmt *q = register_case_stmt(db, registers[k].id);
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, number ? number : "");
    int st;
    while( (st = db_step(q))==DB_ROW ){
      *out = arena_grow(a, *out, sizeof **out, *n, &cap);
      RegLink *l = &(*out)[(*n)++];
      l->g = &registers[k];
      l->id = db_col_int64(q, 0);
      l->number = arena_strdup(a, db_col_text(q, 1));
      l->at = db_col_int64(q, 2);
    }
    db_reset(q);
    if( st!=DB_DONE ) return ERR_DB;
  }
  return OK;
}
