/*
** outbox.c — queue mail in the transaction of the change that causes it, and fill
** the Indonesian templates compiled into the binary (data/mail-NAME.txt).
*/
#include "mail.h"
#include "../desk/desk.h"
#include <stdio.h>
#include <string.h>

#define MAIL_SUBJECT_MAX 250
#define MAIL_BODY_MAX (256*1024)

/* 1 when z holds a control character other than tab (newlines included when nl is 0). */
static int mail_has_ctl(const char *z, int nl){
  for(; *z; z++){
    unsigned char c = (unsigned char)*z;
    if( c=='\t' || (nl && (c=='\n' || c=='\r')) ) continue;
    if( c<0x20 || c==0x7f ) return 1;
  }
  return 0;
}

/* Queue one message inside the caller's transaction (or its own). */
int mail_queue(Db *db, const Actor *who, int64_t office_id, const char *to,
               const char *subject, const char *body, int64_t *id, Err *e){
  if( id ) *id = 0;
  if( ident_email(to, e)!=OK ) return ERR_INVALID;
  if( subject==0 || *subject==0 || strlen(subject)>MAIL_SUBJECT_MAX || mail_has_ctl(subject, 0) ){
    ERR_SET(e, "subject", "must be one line of 1 to 250 characters");
    return ERR_INVALID;
  }
  if( body==0 || strlen(body)>MAIL_BODY_MAX || mail_has_ctl(body, 1) ){
    ERR_SET(e, "body", "must be text of at most 256 KiB");
    return ERR_INVALID;
  }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  int64_t now = time_now();
  Stmt *q = db_prepare(db, "INSERT INTO outbox(office_id, created_at, to_addr, subject, body, next_attempt_at)"
                           " VALUES(?1, ?2, ?3, ?4, ?5, ?2) RETURNING id");
  int64_t rowid = 0;
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, office_id);
    db_bind_int64(q, 2, now);
    db_bind_text(q, 3, to);
    db_bind_text(q, 4, subject);
    db_bind_text(q, 5, body);
    if( db_step(q)==DB_ROW ) rowid = db_col_int64(q, 0);
    else rc = ERR_DB;
    db_reset(q);
  }
  if( rc==OK ){
    char obj[40];
    snprintf(obj, sizeof obj, "outbox/%lld", (long long)rowid);
    Actor a = who ? *who : (Actor){ 0, "system", office_id, "" };
    if( a.office_id==0 ) a.office_id = office_id;
    rc = audit_write(db, &a, "mail.queue", obj, subject);
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK && id ) *id = rowid;
  return rc;
}

/* Queue the test message for to (see mail.h). */
int mail_queue_test(Db *db, const Actor *who, int64_t office_id, const char *office_name,
                    const char *tz, const char *given, char to[256], int64_t *id, Err *e){
  if( id ) *id = 0;
  char name[256];
  if( ident_email_typed(given, to, 256, name, sizeof name, e)!=OK ) return ERR_INVALID;
  char when[96], err[256];
  time_fmt_human(when, sizeof when, time_now(), tz, "id");
  const char *vars[] = { "office", office_name, "to", to, "time", when, 0 };
  Buf subject = BUF_INIT, body = BUF_INIT;
  int rc = mail_render("test", vars, &subject, &body, err, sizeof err);
  if( rc!=OK ){
    log_error("data/mail-test.txt: %s", err);
    ERR_SET(e, 0, "The test message's template is broken");
    rc = ERR_INVALID;
  }else{
    rc = mail_queue(db, who, office_id, to, buf_str(&subject), buf_str(&body), id, e);
  }
  buf_free(&subject);
  buf_free(&body);
  return rc;
}

/* Queue again one failed message, or every failed one when id is 0 (see mail.h). */
int mail_retry(Db *db, const Actor *who, int64_t office_id, int64_t id, int *n, Err *e){
  *n = 0;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  if( id ){
    Stmt *q = db_prepare(db, "SELECT status FROM outbox WHERE id=?1 AND (office_id=?2 OR ?2=0)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, id);
      db_bind_int64(q, 2, office_id);
      int st = db_step(q);
      if( st==DB_ROW && !util_str_eq(db_col_text(q, 0), "failed") ){
        ERR_SET(e, "id", util_str_eq(db_col_text(q, 0), "sent") ? N_("This message was sent already")
                                                               : N_("This message is still queued: the sender tries it again by itself"));
        rc = ERR_INVALID;
      }else if( st==DB_DONE ){ ERR_SET(e, "id", N_("No such message in the outbox")); rc = ERR_NOTFOUND; }
      else if( st!=DB_ROW ) rc = ERR_DB;
      db_reset(q);
    }
  }
  /* the failed rows (one, or all) taken, oldest first */
  int64_t ids[512], offices[512];
  int k = 0;
  if( rc==OK ){
    Stmt *q = db_prepare(db, "SELECT id, office_id FROM outbox WHERE status='failed' AND (id=?1 OR ?1=0)"
                             " AND (office_id=?2 OR ?2=0) ORDER BY id LIMIT 512");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, id);
      db_bind_int64(q, 2, office_id);
      int st;
      while( k<512 && (st = db_step(q))==DB_ROW ){ ids[k] = db_col_int64(q, 0); offices[k] = db_col_int64(q, 1); k++; }
      db_reset(q);
    }
  }
  int64_t now = time_now();
  for(int i=0; rc==OK && i<k; i++){
    Stmt *u = db_prepare(db, "UPDATE outbox SET status='queued', attempts=0, next_attempt_at=?2, claimed_by=''"
                             " WHERE id=?1 AND status='failed'");
    if( u==0 ){ rc = ERR_DB; break; }
    db_bind_int64(u, 1, ids[i]);
    db_bind_int64(u, 2, now);
    rc = db_run(u);
    if( rc!=OK ) break;
    char obj[40];
    snprintf(obj, sizeof obj, "outbox/%lld", (long long)ids[i]);
    Actor a = who ? *who : (Actor){ 0, "system", offices[i], "" };
    if( a.office_id==0 ) a.office_id = offices[i];
    rc = audit_write(db, &a, "mail.retry", obj, "");
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK ) *n = k;
  return rc;
}

/* Queue again every failed message of an office, or of every office (see mail.h). */
int mail_retry_failed(Db *db, const Actor *who, int64_t office_id, int *total){
  int n, rc;
  *total = 0;
  do{
    Err e = {0};
    rc = mail_retry(db, who, office_id, 0, &n, &e);
    if( rc==OK ) *total += n;
  }while( rc==OK && n==512 );
  return rc;
}

/* Call each() for the newest outbox rows of an office, or of every office (see mail.h). */
int mail_outbox_each(Db *db, int64_t office_id, int limit,
                     int (*each)(void *ctx, const OutboxRow *m), void *ctx){
  /* two statements, not "?1=0 OR office_id=?1": an office's rows come through the index outbox_office */
#define OUTBOX_COLS "SELECT id, status, attempts, CASE status WHEN 'queued' THEN next_attempt_at" \
                    " ELSE coalesce(sent_at, 0) END, to_addr, subject, last_error FROM outbox"
  Stmt *q = office_id ? db_prepare(db, OUTBOX_COLS " WHERE office_id=?1 ORDER BY id DESC LIMIT ?2")
                      : db_prepare(db, OUTBOX_COLS " WHERE ?1=0 ORDER BY id DESC LIMIT ?2");
#undef OUTBOX_COLS
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int(q, 2, limit);
  int rc;
  while( (rc = db_step(q))==DB_ROW ){
    OutboxRow m = { db_col_int64(q, 0), db_col_text(q, 1), db_col_int(q, 2), db_col_int64(q, 3),
                    db_col_text(q, 4), db_col_text(q, 5), db_col_text(q, 6) };
    if( each(ctx, &m) ){ rc = DB_DONE; break; }
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* The outbox's queued and failed counts and its oldest queued message (see mail.h). */
int mail_outbox_counts(Db *db, int64_t *queued, int64_t *failed, int64_t *oldest_at){
  *queued = *failed = *oldest_at = 0;
  Stmt *q = db_prepare(db, "SELECT count(*), coalesce(min(created_at), 0) FROM outbox WHERE status='queued'");
  if( q==0 ) return ERR_DB;
  int rc = db_step(q);
  if( rc==DB_ROW ){ *queued = db_col_int64(q, 0); *oldest_at = db_col_int64(q, 1); }
  db_reset(q);
  if( rc!=DB_ROW ) return ERR_DB;
  q = db_prepare(db, "SELECT count(*) FROM outbox WHERE status='failed'");
  if( q==0 ) return ERR_DB;
  rc = db_step(q);
  if( rc==DB_ROW ) *failed = db_col_int64(q, 0);
  db_reset(q);
  return rc==DB_ROW ? OK : ERR_DB;
}

/* Append one outbox row as a JSON object (see mail.h). */
void mail_outbox_json(Buf *out, const OutboxRow *m){
  char at[32];
  if( m->at ) time_fmt_iso(at, sizeof at, m->at);
  buf_printf(out, "{\"id\":%lld,\"status\":%J,\"attempts\":%d,\"at\":%J,\"to\":%J,\"subject\":%J,\"last_error\":%J}",
             (long long)m->id, m->status, m->attempts, m->at ? at : 0, m->to, m->subject, m->last_error);
}

/* The value of a template variable, or NULL. */
static const char *mail_var(const char *const *vars, const char *name, size_t n){
  for(int i=0; vars && vars[i] && vars[i+1]; i+=2){
    if( strlen(vars[i])==n && memcmp(vars[i], name, n)==0 ) return vars[i+1];
  }
  return 0;
}

/* The value of {{name}} in a language: for "en" the variable "name.en" when given (what is
** said in words, e.g. a time, for each language), else "name". */
static const char *mail_var_lang(const char *const *vars, const char *name, size_t n, int en){
  char key[72];
  if( en && n+3<sizeof key ){
    memcpy(key, name, n);
    memcpy(key+n, ".en", 3);
    const char *v = mail_var(vars, key, n+3);
    if( v ) return v;
  }
  return mail_var(vars, name, n);
}

/* Append text with each {{name}} replaced; ERR_INVALID naming the first unknown one. */
static int mail_fill(Buf *out, const char *z, size_t n, const char *const *vars, int en, char *err, size_t errlen){
  size_t i = 0;
  while( i<n ){
    if( i+1<n && z[i]=='{' && z[i+1]=='{' ){
      size_t j = i+2;
      while( j+1<n && !(z[j]=='}' && z[j+1]=='}') ) j++;
      if( j+1>=n ){ snprintf(err, errlen, "unclosed {{ in the template"); return ERR_INVALID; }
      const char *name = z+i+2;
      size_t len = j-(i+2);
      while( len && *name==' ' ){ name++; len--; }
      while( len && name[len-1]==' ' ) len--;
      const char *v = mail_var_lang(vars, name, len, en);
      if( v==0 ){ snprintf(err, errlen, "no value for {{%.*s}}", (int)len, name); return ERR_INVALID; }
      buf_puts(out, v);
      i = j+2;
    }else{
      buf_putc(out, z[i]);
      i++;
    }
  }
  return OK;
}

/* Make a filled-in subject fit the outbox: one line (a control character a value brought in
** becomes a space) of at most MAIL_SUBJECT_MAX bytes, cut on a whole character with "…".
** A subject carries a case's or a company's own words (up to 200 characters, more bytes):
** a long one must not make mail_queue refuse the change that sends it. */
static void mail_subject_fit(Buf *s){
  char *z = s->z;
  if( z==0 ) return;
  for(size_t i=0; i<s->n; i++) if( (unsigned char)z[i]<0x20 || z[i]==0x7f ) z[i] = ' ';
  if( s->n<=MAIL_SUBJECT_MAX ) return;
  size_t k = 0, room = MAIL_SUBJECT_MAX - 3;   /* "…" is 3 bytes */
  while( k<s->n ){
    int len = util_utf8_seq(z+k, s->n-k);
    if( len<=0 ) len = 1;
    if( k+(size_t)len>room ) break;
    k += (size_t)len;
  }
  while( k>0 && z[k-1]==' ' ) k--;
  s->n = k;
  z[k] = 0;
  buf_puts(s, "\xE2\x80\xA6");
}

/* Fill template data/mail-NAME.txt into subject and body. */
int mail_render(const char *name, const char *const *vars, Buf *subject, Buf *body,
                char *err, size_t errlen){
  return mail_render_lang(name, "id", vars, subject, body, err, errlen);
}

/* The language of a person's mail (see mail.h). */
const char *mail_lang(const char *lang){
  if( util_str_eq(lang, "en") || util_str_eq(lang, "id") ) return util_str_eq(lang, "en") ? "en" : "id";
  return util_str_eq(config_default_lang(), "en") ? "en" : "id";
}

/* The same in a language: data/mail-NAME.en.txt for "en" when there is one, else the Indonesian. */
int mail_render_lang(const char *name, const char *lang, const char *const *vars, Buf *subject, Buf *body,
                     char *err, size_t errlen){
  char path[128];
  if( name==0 || strlen(name)>64 || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_")!=strlen(name) ){
    snprintf(err, errlen, "bad template name");
    return ERR_INVALID;
  }
  const Embedded *f = 0;
  if( util_str_eq(lang, "en") ){
    snprintf(path, sizeof path, "data/mail-%s.en.txt", name);
    f = embed_find(path);
  }
  if( f==0 ){
    snprintf(path, sizeof path, "data/mail-%s.txt", name);
    f = embed_find(path);
  }
  if( f==0 ){ snprintf(err, errlen, "no template %s", path); return ERR_NOTFOUND; }
  const char *z = (const char*)f->data;
  size_t n = f->len;
  const char *eol = memchr(z, '\n', n);
  if( n<9 || memcmp(z, "Subject:", 8) || eol==0 ){
    snprintf(err, errlen, "%s: the first line must be \"Subject: ...\"", path);
    return ERR_INVALID;
  }
  const char *s = z+8;
  while( s<eol && *s==' ' ) s++;
  size_t slen = (size_t)(eol-s);
  while( slen && (s[slen-1]=='\r' || s[slen-1]==' ') ) slen--;
  const char *b = eol+1;
  if( b<z+n && *b=='\n' ) b++;           /* the blank line after the subject */
  else if( b+1<z+n && b[0]=='\r' && b[1]=='\n' ) b += 2;
  buf_reset(subject);
  buf_reset(body);
  int en = util_str_eq(lang, "en");
  int rc = mail_fill(subject, s, slen, vars, en, err, errlen);
  if( rc==OK ) mail_subject_fit(subject);
  if( rc==OK ) rc = mail_fill(body, b, (size_t)(z+n-b), vars, en, err, errlen);
  return rc;
}
