/*
** office.c — the offices (LPSE units) one deployment hosts.
*/
#include "desk.h"
#include "../sop/calendar.h"
#include "../sop/priority.h"
#include "training.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <sys/stat.h>
#include <unistd.h>



static int office_insert(Db *db, const Actor *who, const char *code, const char *name,
                         const char *tz, const char *public_url, int64_t *id, Err *e);
/* What is wrong with an office's public address, said once for every form that takes one. */
#define URL_BAD N_("The address must be http:// or https:// and a host (https://lpse.example.go.id), without spaces, ? or #")

/* The time zone's name as stored ("WIB", "WITA", "WIT") for one written in any case, or NULL. */
static const char *office_tz(const char *tz){
  static const char *const zones[] = { "WIB", "WITA", "WIT" };
  for(size_t i=0; tz && i<COUNT(zones); i++) if( strcasecmp(tz, zones[i])==0 ) return zones[i];
  return 0;
}

/* Check an office's name and time zone (either may be NULL: not checked), adding what is wrong
** with each to e; *tz becomes the zone's name as stored. */
int office_check(const char *name, const char **tz, Err *e){
  int rc = OK;
  if( name && (util_blank(name) || util_utf8_len(name)>127) ){ err_add(e, "name", N_("Office name must be 1 to 127 characters")); rc = ERR_INVALID; }
  else if( name && err_check_text(e, "name", name, 127, 0)!=OK ) rc = ERR_INVALID;
  if( *tz ){
    const char *z = office_tz(*tz);
    if( z==0 ){ err_add(e, "tz", N_("Time zone must be WIB, WITA or WIT")); rc = ERR_INVALID; }
    else *tz = z;
  }
  return rc;
}

/* Create an office with its default calendar, priority table and questionnaire; code is short letters, digits, '-' or '_'. */
int office_create(Db *db, const Actor *who, const char *code, const char *name, const char *tz,
                  int64_t *id, Err *e){
  return office_create_with(db, who, code, name, tz, 0, id, e);
}

/* Create an office with its address (see desk.h). */
int office_create_with(Db *db, const Actor *who, const char *code, const char *name, const char *tz,
               const char *public_url, int64_t *id, Err *e){
  Err all = {0};   /* every field wrong named at once */
  char url[256];
  size_t n = code ? strlen(code) : 0;
  if( n==0 || n>31 ) err_add(&all, "code", "Office code must be 1 to 31 characters");
  for(size_t i=0; i<n && n<=31; i++){
    if( !isalnum((unsigned char)code[i]) && code[i]!='-' && code[i]!='_' ){
      err_add(&all, "code", "Office code may hold only letters, digits, - and _");
      break;
    }
  }
  if( tz==0 ) tz = "";
  office_check(name ? name : "", &tz, &all);   /* both required here */
  if( util_url_base(public_url, url, sizeof url)!=OK ) err_add(&all, "public_url", URL_BAD);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = office_insert(db, who, code, name, tz, url, id, e);
  /* an office is born with its calendar (hours, the year's holidays), priority table and
  ** standard training questionnaire */
  if( rc==OK ) rc = calendar_defaults(db, who, *id);
  if( rc==OK ) rc = priority_defaults(db, who, *id);
  int64_t tq;
  Actor in = audit_actor_in(who, *id);   /* who NULL: the system */
  if( rc==OK ) rc = tq_template_default(db, &in, *id, &tq);
  return db_tx_end(db, own, rc);
}

/* A new office made by a signed-in administrator, who becomes its administrator (see desk.h). */
int office_create_by(Db *db, const Actor *who, const char *code, const char *name, const char *tz,
                     const char *public_url, int64_t *id, Err *e){
  static const char *const admin[] = { "admin" };
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = office_create_with(db, who, code, name, tz, public_url, id, e);
  if( rc==OK && who && who->user_id>0 ) rc = user_set_roles(db, who, who->user_id, *id, admin, 1, e);
  return db_tx_end(db, own, rc);
}

/* The insert and its audit row, inside the caller's transaction. */
static int office_insert(Db *db, const Actor *who, const char *code, const char *name,
                         const char *tz, const char *public_url, int64_t *id, Err *e){
  /* codes name offices in case numbers and on the command line: LPSE and lpse would be two
  ** offices no one tells apart (office_by_code finds either way of writing) */
  Stmt *q = db_prepare(db, "SELECT code FROM office WHERE lower(code)=lower(?1)");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, code);
  int rc = db_step(q);
  if( rc==DB_ROW ) ERR_SET(e, "code", N_("An office with this code already exists, written in capital or small letters"));
  db_reset(q);
  if( rc==DB_ROW ) return ERR_CONFLICT;
  if( rc!=DB_DONE ) return ERR_DB;
  q = db_prepare(db, "INSERT INTO office(code, name, tz, created_at, public_url) VALUES(?1,?2,?3,?4,?5) RETURNING id");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, code);
  db_bind_text(q, 2, name);
  db_bind_text(q, 3, tz);
  db_bind_int64(q, 4, time_now());
  db_bind_text(q, 5, public_url);
  rc = db_step(q);
  if( rc==DB_ROW ) *id = db_col_int64(q, 0);
  db_reset(q);
  if( rc==ERR_CONFLICT ){ ERR_SET(e, "code", "An office with this code already exists"); return ERR_CONFLICT; }
  if( rc!=DB_ROW ) return ERR_DB;
  char detail[1024];
  snprintf(detail, sizeof detail, "code=%s name=%s tz=%s%s%s", code, name, tz, *public_url ? " public_url=" : "", public_url);
  char obj[64];
  snprintf(obj, sizeof obj, "office:%lld", (long long)*id);
  Actor a = audit_actor_in(who, *id);   /* the new office's auditors see how it began */
  return audit_write(db, &a, "office.create", obj, detail);
}

/* Rename an office, move it to another time zone, or set the address its people reach it at
** (name, tz, public_url NULL: unchanged; public_url "" for loket.conf's), audited
** "office.update". Due times already stored stay as they were; steps started after follow the
** new zone. */
int office_update(Db *db, const Actor *who, int64_t office_id, const char *name, const char *tz,
                  const char *public_url, int *changed, Err *e){
  if( changed ) *changed = 0;
  Err all = {0};   /* the name, the zone and the address named at once when all are wrong */
  char url[256];
  int bad = office_check(name, &tz, &all)!=OK;
  if( public_url && util_url_base(public_url, url, sizeof url)!=OK ){
    err_add(&all, "public_url", URL_BAD);
    bad = 1;
  }
  if( bad ){ if( e ) *e = all; return ERR_INVALID; }
  if( public_url ) public_url = url;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Office o;
  rc = office_get(db, office_id, &o);
  if( rc==ERR_NOTFOUND ) ERR_SET(e, "office", N_("Not found"));
  int ch = rc!=OK ? 0 : (name && strcmp(name, o.name) ? OFFICE_NAME : 0) | (tz && strcmp(tz, o.tz) ? OFFICE_TZ : 0)
                       | (public_url && strcmp(public_url, o.public_url) ? OFFICE_URL : 0);
  if( changed ) *changed = ch;
  if( rc==OK && ch==0 ) return db_tx_end(db, own, OK);   /* already so: nothing written */
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE office SET name=coalesce(?2, name), tz=coalesce(?3, tz),"
                             " public_url=coalesce(?4, public_url) WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, office_id);
      db_bind_text(q, 2, name);
      db_bind_text(q, 3, tz);
      db_bind_text(q, 4, public_url);
      rc = db_run(q);
    }
  }
  if( rc==OK ){
    char detail[1700], obj[64];   /* two names of 127 characters of up to 4 bytes, two addresses */
    snprintf(detail, sizeof detail, "name %s -> %s; tz %s -> %s", o.name, name ? name : o.name, o.tz, tz ? tz : o.tz);
    if( ch & OFFICE_URL ){
      size_t n = strlen(detail);
      snprintf(detail+n, sizeof detail - n, "; public_url %s -> %s", o.public_url, public_url);
    }
    snprintf(obj, sizeof obj, "office:%lld", (long long)office_id);
    Actor a = audit_actor_in(who, office_id);
    rc = audit_write(db, &a, "office.update", obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Check an office's contact as office_contact_update takes it; the phone as stored into phone_out,
** the e-mail's address (given alone or Name <address>) into email_out. */
static int office_contact_check(const char *phone, const char *email, const char *address, char phone_out[24],
                                char email_out[256], Err *e){
  Err all = {0}, one = {0};
  int kind;
  phone_out[0] = 0;
  email_out[0] = 0;
  if( phone && *phone ){
    if( strlen(phone)>32 ) err_add(&all, "phone", N_("The phone number is not valid"));
    else if( ident_phone(phone, phone_out, 24, &kind, &one)!=OK ){ err_merge(&all, &one); memset(&one, 0, sizeof one); }
  }
  if( email && *email ){
    char name[256];
    if( ident_email_typed(email, email_out, 256, name, sizeof name, &one)!=OK ) err_merge(&all, &one);
    else if( strlen(email_out)>128 ) err_add(&all, "email", N_("The e-mail address is not valid"));
  }
  if( address ) err_check_text(&all, "address", address, OFFICE_ADDRESS_MAX, TEXT_LINES);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* Set the contact the public sees of an office (see desk.h). */
int office_contact_update(Db *db, const Actor *who, int64_t office_id, const char *phone, const char *email,
                          const char *address, int *changed, Err *e){
  if( changed ) *changed = 0;
  char tel[24], mail[256];
  if( office_contact_check(phone, email, address, tel, mail, e)!=OK ) return ERR_INVALID;
  if( phone ) phone = tel;
  if( email ) email = mail;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Office o;
  rc = office_get(db, office_id, &o);
  if( rc==ERR_NOTFOUND ) ERR_SET(e, "office", N_("Not found"));
  int ch = rc!=OK ? 0 : (phone && strcmp(phone, o.phone) ? OFFICE_PHONE : 0) | (email && strcmp(email, o.email) ? OFFICE_EMAIL : 0)
                       | (address && strcmp(address, o.address) ? OFFICE_ADDRESS : 0);
  if( changed ) *changed = ch;
  if( rc!=OK || ch==0 ) return db_tx_end(db, own, rc);   /* already so: nothing written */
  Stmt *q = db_prepare(db, "UPDATE office SET phone=coalesce(?2, phone), email=coalesce(?3, email),"
                           " address=coalesce(?4, address) WHERE id=?1");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, phone);
  db_bind_text(q, 3, email);
  db_bind_text(q, 4, address);
  rc = db_run(q);
  if( rc==OK ){
    char detail[3000], obj[64];
    size_t n = 0;
    detail[0] = 0;
    if( ch & OFFICE_PHONE ) n += (size_t)snprintf(detail+n, sizeof detail-n, "phone %s -> %s", o.phone, phone);
    if( ch & OFFICE_EMAIL ) n += (size_t)snprintf(detail+n, sizeof detail-n, "%semail %s -> %s", n ? "; " : "", o.email, email);
    if( ch & OFFICE_ADDRESS ) snprintf(detail+n, sizeof detail-n, "%saddress %s -> %s", n ? "; " : "", o.address, address);
    snprintf(obj, sizeof obj, "office:%lld", (long long)office_id);
    Actor a = audit_actor_in(who, office_id);
    rc = audit_write(db, &a, "office.contact", obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Change an office's settings and its contact together (see desk.h). */
int office_settings_update(Db *db, const Actor *who, int64_t office_id, const char *name, const char *tz,
                           const char *public_url, const char *phone, const char *email, const char *address,
                           int *changed, int *contact, Err *e){
  if( changed ) *changed = 0;
  if( contact ) *contact = 0;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Err all = {0};
  char email_buf[512], address_buf[OFFICE_ADDRESS_MAX*4+1];   /* kept without the spaces around them: "   " is no address */
  email = util_trim_copy(email, email_buf, sizeof email_buf);
  address = util_trim_copy(address, address_buf, sizeof address_buf);
  int given = phone || email || address;
  if( name || tz || public_url ) rc = office_update(db, who, office_id, name, tz, public_url, changed, &all);
  if( rc==OK && given ) rc = office_contact_update(db, who, office_id, phone, email, address, contact, &all);
  else if( rc==ERR_INVALID && given ){   /* the contact's mistakes named beside the name's */
    Err more = {0};
    char tel[24], mail[256];
    if( office_contact_check(phone, email, address, tel, mail, &more)!=OK ) err_merge(&all, &more);
  }
  if( rc!=OK && e ) *e = all;
  return db_tx_end(db, own, rc);
}

/* Whether the database may be copied for an office's administrator (see desk.h). */
int office_backup_check(Db *db, Err *e){
  if( strcmp(db_engine_of(db), "sqlite") ){
    ERR_SET(e, 0, N_("The database is on PostgreSQL: the server's keeper takes its copy with pg_dump, as docs/deploy.md says"));
    return ERR_CONFLICT;
  }
  Stmt *q = db_prepare(db, "SELECT count(*) FROM office");
  int64_t n = 0;
  if( q==0 ) return ERR_DB;
  int rc = db_step(q)==DB_ROW ? OK : ERR_DB;
  if( rc==OK ) n = db_col_int64(q, 0);
  db_reset(q);
  if( rc==OK && n>1 ){
    ERR_SET(e, 0, N_("The database holds other offices too, whose data a copy would give away: the server's keeper takes it with loket backup"));
    rc = ERR_CONFLICT;
  }
  return rc;
}

/* Remove the copies for download that a server killed meanwhile left in the data folder (see desk.h). */
int office_backup_sweep(void){
  return util_sweep_stale(db_folder(), OFFICE_BACKUP_PREFIX, UTIL_STALE_S);
}

/* Copy the database into a new file of the data folder and audit it (see desk.h). */
int office_backup(Db *db, const Actor *who, int64_t office_id, char *path, size_t n, Err *e){
  int rc = office_backup_check(db, e);
  if( rc!=OK ) return rc;
  char nonce[33], err[512];
  util_nonce(nonce);
  /* named with this process's id: a copy a kill cuts short is removed at the next start */
  snprintf(path, n, "%s/" OFFICE_BACKUP_PREFIX "%ld-%s.db", db_folder(), (long)getpid(), nonce);
  rc = db_backup(db, path, err, sizeof err);
  if( rc!=OK ){
    log_error("office backup: %s", err);
    ERR_SET(e, 0, N_("The copy of the database failed"));
    return rc==ERR_CONFLICT ? ERR_IO : rc;
  }
  struct stat st;
  char detail[64], obj[64];
  snprintf(detail, sizeof detail, "%lld bytes", stat(path, &st)==0 ? (long long)st.st_size : -1LL);
  snprintf(obj, sizeof obj, "office:%lld", (long long)office_id);
  int own;
  rc = db_tx_begin(db, &own);
  if( rc==OK ){
    Actor a = audit_actor_in(who, office_id);
    rc = db_tx_end(db, own, audit_write(db, &a, "office.backup", obj, detail));
  }
  if( rc!=OK ) unlink(path);   /* a copy is given only when its audit row is written */
  return rc;
}
