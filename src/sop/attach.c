/*
** attach.c — notes and attachments of a case: the type of a file found by
** libmagic in its content (one handle for the process, loaded once, used under a
** mutex), the allowed types, the size limit, the SHA-256; the rows written with
** their audit row in one transaction.
*/
#include "attach.h"
#include "../mail/mail.h"
#include <magic.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static pthread_mutex_t magic_mu = PTHREAD_MUTEX_INITIALIZER;
static magic_t magic_db;

/* Open libmagic and load its database, once. */
int attach_init(char *err, size_t errlen){
  int rc = OK;
  pthread_mutex_lock(&magic_mu);
  if( magic_db==0 ){
    magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if( m==0 ){
      if( err ) snprintf(err, errlen, "libmagic: cannot open");
      rc = ERR_IO;
    }else if( magic_load(m, 0)!=0 ){
      if( err ) snprintf(err, errlen, "libmagic: cannot load the magic database: %s", magic_error(m) ? magic_error(m) : "?");
      magic_close(m);
      rc = ERR_IO;
    }else magic_db = m;
  }
  pthread_mutex_unlock(&magic_mu);
  return rc;
}

/* Close libmagic. */
void attach_shutdown(void){
  pthread_mutex_lock(&magic_mu);
  if( magic_db ) magic_close(magic_db);
  magic_db = 0;
  pthread_mutex_unlock(&magic_mu);
}

/* The MIME type libmagic finds in the bytes. */
int attach_detect(const void *p, size_t n, char *out, size_t outn){
  char err[256];
  if( outn ) out[0] = 0;
  if( attach_init(err, sizeof err)!=OK ){ log_error("%s", err); return ERR_IO; }
  int rc = OK;
  pthread_mutex_lock(&magic_mu);
  const char *t = magic_db ? magic_buffer(magic_db, p, n) : 0;
  if( t ) snprintf(out, outn, "%s", t);
  else rc = ERR_IO;
  pthread_mutex_unlock(&magic_mu);
  return rc;
}

/* 1 when name ends with suffix, letters compared without case. */
static int ends_with(const char *name, const char *suffix){
  size_t n = name ? strlen(name) : 0, k = strlen(suffix);
  return n>=k && strcasecmp(name+n-k, suffix)==0;
}

/* The types accepted as libmagic names them (text: see attach_type_ok). */
static const char *const allowed_types[] = {
  "application/pdf", "image/png", "image/jpeg",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  0
};

/* The endings a name of one of those types may have (a screenshot saved as .pdf is still a PNG, and
** opened as a PDF runs nothing). */
static const char *const allowed_endings[] = { ".pdf", ".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".docx", ".xlsx", ".pptx", 0 };

/* The length of name without the dots and spaces at its end (which Windows drops when it saves the
** file: "surat.bat." is saved as surat.bat). */
static size_t name_len_saved(const char *name){
  size_t n = name ? strlen(name) : 0;
  while( n>0 && (name[n-1]=='.' || name[n-1]==' ') ) n--;
  return n;
}

/* 1 when name, as saved, has an ending that a system opens it by: after its last dot, no space in
** it, not digits only ("Surat No. 12", "laporan 2.0" have none). */
static int name_has_ext(const char *name){
  size_t n = name_len_saved(name), i = n;
  int digits = 1;
  while( i>0 && name[i-1]!='.' ){
    if( name[i-1]==' ' ) return 0;
    if( name[i-1]<'0' || name[i-1]>'9' ) digits = 0;
    i--;
  }
  return i>0 && i<n && !digits;
}

/* 1 when a file of the detected type, under that name, is accepted. */
int attach_type_ok(const char *mime, const char *name){
  if( mime==0 ) return 0;
  /* a binary type under one of their endings, or a name without one: a PDF named surat.bat or
  ** surat.hta is run when opened (cmd and mshta read past what they do not understand) */
  for(int i=0; allowed_types[i]; i++){
    if( strcmp(allowed_types[i], mime) ) continue;
    if( !name_has_ext(name) ) return 1;
    size_t n = name_len_saved(name);
    for(int k=0; allowed_endings[k]; k++){
      size_t m = strlen(allowed_endings[k]);
      if( n>=m && strncasecmp(name+n-m, allowed_endings[k], m)==0 ) return 1;
    }
    return 0;
  }
  /* text only under a text file's name: a script is text too (.bat, .vbs, .ps1, .sh run when opened) */
  if( strcmp(mime, "text/plain")==0 || strcmp(mime, "text/csv")==0 ){
    /* an e-mail libmagic does not know as one (its first header To:, MIME-Version: …) is text */
    return ends_with(name, ".txt") || ends_with(name, ".csv") || ends_with(name, ".log") || ends_with(name, ".eml");
  }
  /* an Office document libmagic could not see into: a zip, trusted only under an Office name */
  if( strcmp(mime, "application/zip")==0 ){
    return ends_with(name, ".docx") || ends_with(name, ".xlsx") || ends_with(name, ".pptx");
  }
  /* an e-mail question kept as it came (the helpdesk's e-mail cases) */
  if( strcmp(mime, "message/rfc822")==0 ) return ends_with(name, ".eml");
  return 0;
}

/* The byte length of z's first bytes, at most max, not cutting a UTF-8 character in two. */
static size_t utf8_fit(const char *z, size_t n, size_t max){
  if( n<=max ) return n;
  size_t j = max;
  while( j>0 && ((unsigned char)z[j] & 0xC0)==0x80 ) j--;   /* z[j] starts a character */
  return j;
}

/* The name kept for an upload. */
const char *attach_clean_name(const char *name, Arena *a){
  const char *base = name ? name : "";
  for(const char *p = base; *p; p++) if( *p=='/' || *p=='\\' ) base = p+1;
  size_t n = strlen(base);
  char *z = arena_alloc(a, n + 1);         /* each byte kept or replaced by one */
  size_t j = 0;
  const unsigned char *p = (const unsigned char*)base;
  for(size_t i=0; i<n; ){
    size_t k = (size_t)util_utf8_seq((const char*)p+i, n-i);
    if( k==0 || (k==1 && (p[i]<0x20 || p[i]==0x7f)) ){
      z[j++] = '_';
      i += k ? k : 1;
      continue;
    }
    memcpy(z+j, p+i, k);
    j += k;
    i += k;
  }
  z[j] = 0;
  /* too long: the end of the name is cut, not its extension (".pdf", ".txt": the type a reader
  ** opens it as, and the text types are only taken under theirs) */
  if( j>ATTACH_NAME_MAX ){
    const char *dot = strrchr(z, '.');
    size_t ext = dot ? j - (size_t)(dot - z) : 0;
    if( ext<2 || ext>ATTACH_EXT_MAX || strchr(dot, ' ') ) ext = 0;
    size_t stem = utf8_fit(z, j - ext, ATTACH_NAME_MAX - ext);
    if( ext ) memmove(z + stem, z + j - ext, ext);
    j = stem + ext;
    z[j] = 0;
  }
  /* no name of dots only ("." and ".." mean folders), none blank */
  int meaningful = 0;
  for(size_t i=0; i<j; i++) if( z[i]!='.' && z[i]!=' ' ) meaningful = 1;
  return meaningful ? z : "lampiran";
}

/* 1 when z has something besides white space. */
static int has_text(const char *z){
  for(; z && *z; z++) if( *z!=' ' && *z!='\t' && *z!='\r' && *z!='\n' ) return 1;
  return 0;
}

/* What attach_mail_safe's judge keeps while it reads a message. */
typedef struct MailSafe { Arena *a; MailLeftOut *v; int n, cap, depth; } MailSafe;

/* Record a file left out of a message (the first ATTACH_LEFT_OUT_MAX of them). */
static void mail_safe_left(MailSafe *s, const char *name, const char *type, const char *why){
  if( s->n>=ATTACH_LEFT_OUT_MAX ) return;
  s->v = arena_grow(s->a, s->v, sizeof *s->v, s->n, &s->cap);
  MailLeftOut *x = &s->v[s->n++];
  x->name = arena_strdup(s->a, name && *name ? name : "-");
  x->type = arena_strdup(s->a, type ? type : "");
  x->why = why;
}

/* mail_clean's judge: a part kept when an upload of it would be (see attach_mail_safe). */
static int mail_safe_judge(void *ctx, const MailPart *p){
  MailSafe *s = ctx;
  if( !p->readable ){
    mail_safe_left(s, p->name, "", N_("A part of the e-mail (\"%s\") was left out: it could not be read to check it. The e-mail is kept without it."));
    return 0;
  }
  char mime[128];
  if( attach_detect(p->data, p->n, mime, sizeof mime)!=OK ){
    mail_safe_left(s, p->name, "", N_("A part of the e-mail (\"%s\") was left out: it could not be read to check it. The e-mail is kept without it."));
    return 0;
  }
  Arena a;
  arena_init(&a);
  int ok = attach_type_ok(mime, attach_clean_name(p->name, &a));
  arena_free(&a);
  /* a message attached as a file (encoded, not forwarded inline): its own files checked too, kept
  ** only when none of them is left out */
  if( ok && strcmp(mime, "message/rfc822")==0 ){
    Buf inner = BUF_INIT;
    MailSafe sub = { s->a, 0, 0, 0, s->depth+1 };
    int cut = s->depth>=MAIL_CLEAN_DEPTH ? 1 : mail_clean(p->data, p->n, mail_safe_judge, &sub, &inner);
    buf_free(&inner);
    for(int i=0; i<sub.n; i++) mail_safe_left(s, sub.v[i].name, sub.v[i].type, sub.v[i].why);
    ok = cut==0;
  }
  if( !ok ) mail_safe_left(s, p->name, mime, N_("The file \"%s\" (%s) in the e-mail was left out: files of this type are not accepted as a case's attachment. The e-mail is kept without it."));
  return ok;
}

/* The message as staff may open it (see attach.h). */
void attach_mail_safe(const char *msg, size_t len, Buf *out, MailLeftOut **left, int *n, Arena *a){
  MailSafe s = { a, 0, 0, 0, 0 };
  mail_clean(msg, len, mail_safe_judge, &s, out);
  *left = s.v;
  *n = s.n;
}

/* Add a file to a case: type from the content, size limit, SHA-256, the row and its audit row. */
int attach_add(Db *db, const Actor *who, const Case *c, const char *name, const void *data, size_t n,
               size_t limit, Attachment *out, Arena *a, Err *e){
  memset(out, 0, sizeof *out);
  out->name = attach_clean_name(name, a);
  out->size = (int64_t)n;
  if( data==0 || n==0 ){ ERR_SET(e, "file", N_("is empty")); return ERR_INVALID; }
  if( n>limit ){ ERR_SET(e, "file", N_("is larger than the attachment limit")); return ERR_TOOBIG; }
  char mime[128];
  if( attach_detect(data, n, mime, sizeof mime)!=OK ) return ERR_IO;
  out->mime = arena_strdup(a, mime);
  if( !attach_type_ok(mime, out->name) ){ ERR_SET(e, "file", N_("Files of this type are not accepted")); return ERR_TYPE; }
  /* an e-mail is opened in a mail program, where a file it holds is one click away: none in it that
  ** would be refused itself (the mailbox's and the desk's messages come here cleaned: attach_mail_safe) */
  if( strcmp(mime, "message/rfc822")==0 || ends_with(out->name, ".eml") ){
    Buf clean = BUF_INIT;
    MailLeftOut *left;
    int nleft;
    attach_mail_safe(data, n, &clean, &left, &nleft, a);
    buf_free(&clean);
    if( nleft ){
      out->mime = "message/rfc822";   /* what is refused: the e-mail, whatever libmagic called it */
      ERR_SET(e, "file", N_("The e-mail holds a file of a type not accepted, or a part that cannot be read: attach the message without it"));
      return ERR_TYPE;
    }
  }
  char sha[65];
  util_sha256_hex(sha, data, n);
  out->sha256 = arena_strdup(a, sha);
  out->created_at = time_now();
  out->created_by = arena_strdup(a, who && who->username ? who->username : "system");
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  /* archived as stored now, not as read before: it may have been archived meanwhile */
  if( (rc = case_not_archived(db, c, e))!=OK ) return db_tx_end(db, own, rc);
  Stmt *q = db_prepare(db, "INSERT INTO case_attachment(office_id, case_id, name, mime, size, sha256, data,"
                           " created_at, created_by) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) RETURNING id");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, c->office_id);
    db_bind_int64(q, 2, c->id);
    db_bind_text(q, 3, out->name);
    db_bind_text(q, 4, out->mime);
    db_bind_int64(q, 5, out->size);
    db_bind_text(q, 6, out->sha256);
    db_bind_blob(q, 7, data, n);
    db_bind_int64(q, 8, out->created_at);
    db_bind_text(q, 9, out->created_by);
    rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
    if( rc==OK ) out->id = db_col_int64(q, 0);
    db_reset(q);
  }
  if( rc==OK ){
    char detail[600];
    snprintf(detail, sizeof detail, "attachment %lld \"%s\" %s, %zu bytes, sha256 %s",
             (long long)out->id, out->name, out->mime, n, out->sha256);
    rc = audit_write(db, who, "case.attach", c->number, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Fill an attachment from the columns id, name, mime, size, sha256, created_at, created_by. */
static void attach_row(Stmt *q, Attachment *x, Arena *a){
  x->id = db_col_int64(q, 0);
  x->name = arena_strdup(a, db_col_text(q, 1));
  x->mime = arena_strdup(a, db_col_text(q, 2));
  x->size = db_col_int64(q, 3);
  x->sha256 = arena_strdup(a, db_col_text(q, 4));
  x->created_at = db_col_int64(q, 5);
  x->created_by = arena_strdup(a, db_col_text(q, 6));
}

/* One attachment of a case, its bytes appended to data when asked. */
int attach_get(Db *db, const Case *c, int64_t id, Attachment *out, Buf *data, Arena *a){
  memset(out, 0, sizeof *out);
  Stmt *q = db_prepare(db, "SELECT id, name, mime, size, sha256, created_at, created_by, data FROM case_attachment"
                           " WHERE id=?1 AND case_id=?2 AND office_id=?3");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, c->id);
  db_bind_int64(q, 3, c->office_id);
  int rc = db_step(q);
  if( rc==DB_ROW ){
    attach_row(q, out, a);
    if( data ){
      size_t n = 0;
      const void *p = db_col_blob(q, 7, &n);
      if( n ) buf_append(data, p, n);
    }
    rc = OK;
  }else rc = rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
  db_reset(q);
  return rc;
}

/* The attachments of a case, oldest first. */
int attach_list(Db *db, const Case *c, Attachment **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT id, name, mime, size, sha256, created_at, created_by FROM case_attachment"
                           " WHERE case_id=?1 AND office_id=?2 ORDER BY id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  db_bind_int64(q, 2, c->office_id);
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    attach_row(q, &(*rows)[(*n)++], a);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* Add a note to a case (about one of its recorded steps, or the whole case). */
int note_add(Db *db, const Actor *who, const Case *c, int step_no, const char *body, Note *out,
             Arena *a, Err *e){
  memset(out, 0, sizeof *out);
  if( !has_text(body) ){ ERR_SET(e, "body", N_("is required")); return ERR_INVALID; }
  if( util_utf8_len(body)>NOTE_MAX_CHARS ){ err_set_n(e, "body", N_("is longer than %d characters"), NOTE_MAX_CHARS); return ERR_INVALID; }
  if( step_no<0 ){ ERR_SET(e, "step", N_("is not a step this case has reached")); return ERR_INVALID; }
  if( step_no>0 ){
    int seen = 0;
    for(int i=0; i<c->nsteps; i++) if( c->steps[i].no==step_no ) seen = 1;
    if( !seen ){ ERR_SET(e, "step", N_("is not a step this case has reached")); return ERR_INVALID; }
  }
  out->step_no = step_no;
  out->body = arena_strdup(a, body);
  out->created_at = time_now();
  out->created_by = arena_strdup(a, who && who->username ? who->username : "system");
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  if( (rc = case_not_archived(db, c, e))!=OK ) return db_tx_end(db, own, rc);   /* as stored now (see attach_add) */
  Stmt *q = db_prepare(db, "INSERT INTO case_note(office_id, case_id, step_no, body, created_at, created_by)"
                           " VALUES(?1,?2,?3,?4,?5,?6) RETURNING id");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, c->office_id);
    db_bind_int64(q, 2, c->id);
    if( step_no ) db_bind_int(q, 3, step_no); else db_bind_null(q, 3);
    db_bind_text(q, 4, body);
    db_bind_int64(q, 5, out->created_at);
    db_bind_text(q, 6, out->created_by);
    rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
    if( rc==OK ) out->id = db_col_int64(q, 0);
    db_reset(q);
  }
  if( rc==OK ){
    char detail[600];
    const char *said = case_note_text(a, body, "en");   /* one Loket wrote (case_note_key): the audit log's English */
    if( step_no ) snprintf(detail, sizeof detail, "note %lld on step %d: %.400s", (long long)out->id, step_no, said);
    else snprintf(detail, sizeof detail, "note %lld: %.400s", (long long)out->id, said);
    rc = audit_write(db, who, "case.note", c->number, detail);
  }
  return db_tx_end(db, own, rc);
}

/* The notes of a case, oldest first. */
int note_list(Db *db, const Case *c, Note **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT id, step_no, body, created_at, created_by FROM case_note"
                           " WHERE case_id=?1 AND office_id=?2 ORDER BY id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  db_bind_int64(q, 2, c->office_id);
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    Note *x = &(*rows)[(*n)++];
    x->id = db_col_int64(q, 0);
    x->step_no = db_col_null(q, 1) ? 0 : db_col_int(q, 1);
    x->body = arena_strdup(a, db_col_text(q, 2));
    x->created_at = db_col_int64(q, 3);
    x->created_by = arena_strdup(a, db_col_text(q, 4));
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* An instant as ISO 8601 UTC text. */
static const char *iso(char *buf, size_t n, int64_t t){
  time_fmt_iso(buf, n, t);
  return buf;
}

/* An attachment as JSON. */
void attach_json(Buf *b, const Attachment *x){
  char at[32];
  buf_printf(b, "{\"id\":%lld,\"name\":%J,\"mime\":%J,\"size\":%lld,\"sha256\":%J,\"created_at\":%J,\"created_by\":%J}",
             (long long)x->id, x->name, x->mime, (long long)x->size, x->sha256,
             iso(at, sizeof at, x->created_at), x->created_by);
}

/* A note as JSON (step null when about the whole case). */
void note_json(Buf *b, const Note *x){
  char at[32];
  buf_printf(b, "{\"id\":%lld,\"step\":", (long long)x->id);
  if( x->step_no ) buf_printf(b, "%d", x->step_no); else buf_puts(b, "null");
  buf_printf(b, ",\"body\":%J,\"created_at\":%J,\"created_by\":%J}", x->body, iso(at, sizeof at, x->created_at),
             x->created_by);
}
