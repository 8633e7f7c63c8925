/*
** sender.c — the RFC 5322 message and its delivery. A thread started by `loket serve`
** wakes every mail_poll_seconds, takes the due rows of the outbox and hands each to the
** SMTP relay with libcurl; a failure is retried with exponential backoff, and after
** mail_max_attempts the row is marked failed (at once when the relay refuses the recipient or
** the message with a 5xx). Rows are claimed before sending, so two
** processes on one database do not send the same message; a claim names its holder, so that a
** server started again takes back at once what a killed process of its own had claimed.
*/
#include "mail.h"
#include "../core/ident.h"
#include "../core/worker.h"
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* How long a claimed message is left to the process that claimed it (docs/deploy.md). */
#define MAIL_CLAIM_S 300

/* Append n bytes of p as base64. */
static void mail_base64(Buf *out, const unsigned char *p, size_t n){
  static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for(size_t i=0; i<n; i+=3){
    unsigned v = (unsigned)p[i]<<16 | (i+1<n ? (unsigned)p[i+1]<<8 : 0) | (i+2<n ? p[i+2] : 0);
    buf_putc(out, tab[(v>>18)&63]);
    buf_putc(out, tab[(v>>12)&63]);
    buf_putc(out, i+1<n ? tab[(v>>6)&63] : '=');
    buf_putc(out, i+2<n ? tab[v&63] : '=');
  }
}

/* 1 when z must be encoded in a header: a byte outside printable ASCII, or "=?". */
static int mail_needs_encoding(const char *z){
  for(const unsigned char *p = (const unsigned char*)z; *p; p++){
    if( *p<0x20 || *p>=0x7f ) return 1;
    if( p[0]=='=' && p[1]=='?' ) return 1;
  }
  return 0;
}

/* Append z as is when plain ASCII (folded before a space where a line would pass 78, the first
** line counted after "Subject: "), else as RFC 2047 encoded-words folded with CRLF SP. */
void mail_encode_header(Buf *out, const char *z){
  if( !mail_needs_encoding(z) ){
    size_t col = 9;
    for(const char *p = z; *p; ){
      const char *sp = strchr(p+1, ' ');      /* a piece: a space and the word after it */
      size_t w = sp ? (size_t)(sp-p) : strlen(p);
      if( p[0]==' ' && w>1 && p[1]!=' ' && col+w > 78 ){ buf_puts(out, "\r\n"); col = 0; }
      buf_append(out, p, w);
      col += w;
      p += w;
    }
    return;
  }
  const unsigned char *p = (const unsigned char*)z;
  size_t n = strlen(z), i = 0;
  int first = 1;
  while( i<n ){
    size_t k = n-i < 39 ? n-i : 39;        /* 39 bytes: 52 of base64, a word of 64 */
    /* never split a UTF-8 sequence: back off over continuation bytes */
    while( k>1 && i+k<n && (p[i+k] & 0xC0)==0x80 ) k--;
    if( !first ) buf_puts(out, "\r\n ");
    buf_puts(out, "=?UTF-8?B?");
    mail_base64(out, p+i, k);
    buf_puts(out, "?=");
    first = 0;
    i += k;
  }
}

/* Append body as quoted-printable, CRLF line ends, at most 76 characters a line. */
void mail_encode_qp(Buf *out, const char *body){
  static const char hex[] = "0123456789ABCDEF";
  const unsigned char *p = (const unsigned char*)body;
  size_t col = 0;
  while( *p ){
    if( *p=='\r' && p[1]=='\n' ){ p++; continue; }
    if( *p=='\n' ){ buf_puts(out, "\r\n"); col = 0; p++; continue; }
    char tok[4];
    size_t tn;
    int at_eol = p[1]==0 || p[1]=='\n' || (p[1]=='\r' && p[2]=='\n');
    int lit = (*p>=33 && *p<=126 && *p!='=')
           || ((*p==' ' || *p=='\t') && !at_eol);
    if( col==0 && *p=='.' ) lit = 0;                              /* no dot-stuffing needed */
    if( col==0 && *p=='F' && strncmp((const char*)p, "From ", 5)==0 ) lit = 0;  /* mbox "From " */
    if( lit ){ tok[0] = (char)*p; tn = 1; }
    else{ tok[0] = '='; tok[1] = hex[*p>>4]; tok[2] = hex[*p&15]; tn = 3; }
    if( col+tn > 75 ){ buf_puts(out, "=\r\n"); col = 0; }
    buf_append(out, tok, tn);
    col += tn;
    p++;
  }
  if( col ) buf_puts(out, "\r\n");
}

/* The address and the name of "Name <addr>" or of an address alone (ident_email_read, as a mail
** writes it), into addr and name (each at least strlen(z)+1 bytes); the address's control characters
** left out (a line break in an address would start a header of its own). */
static void mail_address_parts(const char *z, char *addr, char *name, size_t n){
  if( ident_email_read(z, IDENT_ADDR_MAIL, addr, n, name, n)==IDENT_ADDR_NONE ) snprintf(addr, n, "%s", z);
  size_t k = 0;
  for(size_t i=0; addr[i]; i++) if( (unsigned char)addr[i]>=0x20 && addr[i]!=0x7f ) addr[k++] = addr[i];
  addr[k] = 0;
}

/* Append "Name <addr>" with the name encoded when not ASCII, or the bare address. */
static void mail_put_address(Buf *out, const char *z){
  size_t n = strlen(z)+1;
  char *addr = xmalloc(n), *name = xmalloc(n);
  mail_address_parts(z, addr, name, n);
  if( name[0] ){
    if( mail_needs_encoding(name) ) mail_encode_header(out, name);
    else if( strpbrk(name, "()<>[]:;@\\,.\"") ){
      buf_putc(out, '"');
      for(const char *q = name; *q; q++){ if( *q=='"' || *q=='\\' ) buf_putc(out, '\\'); buf_putc(out, *q); }
      buf_putc(out, '"');
    }else buf_puts(out, name);
    buf_puts(out, " <");
    buf_puts(out, addr);
    buf_putc(out, '>');
  }else buf_puts(out, addr);
  free(addr);
  free(name);
}

/* The address alone of the configured sender (smtp_from), into out (n bytes). */
static void mail_sender_addr(const char *z, char *out, size_t n){
  size_t m = strlen(z)+1;
  char *addr = xmalloc(m), *name = xmalloc(m);
  mail_address_parts(z, addr, name, m);
  snprintf(out, n, "%s", addr);
  free(addr);
  free(name);
}

/* Build the whole message with CRLF line ends. */
void mail_format(Buf *out, const char *from, const char *to, const char *subject,
                 const char *body, int64_t date, const char *msgid){
  static const char *const days[] = {"Sun","Mon","Tue","Wed","Thu","Fri","Sat"};
  static const char *const months[] = {"Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"};
  time_t t = (time_t)date;
  struct tm tm;
  gmtime_r(&t, &tm);
  buf_printf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year+1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  buf_puts(out, "From: ");
  mail_put_address(out, from);
  buf_puts(out, "\r\nTo: ");
  mail_put_address(out, to);
  buf_puts(out, "\r\nSubject: ");
  mail_encode_header(out, subject);
  buf_puts(out, "\r\nMessage-ID: <");
  buf_puts(out, msgid);
  buf_puts(out, ">\r\nMIME-Version: 1.0\r\n"
                "Content-Type: text/plain; charset=UTF-8\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n"
                "Auto-Submitted: auto-generated\r\n\r\n");
  mail_encode_qp(out, body);
}

/* Seconds to wait after the attempts-th failure: base x 2^(attempts-1), at most cap. */
int64_t mail_backoff(int attempts, int base_s, int cap_s){
  if( attempts<1 ) attempts = 1;
  int64_t d = base_s;
  for(int i=1; i<attempts && d<cap_s; i++) d *= 2;
  return d<cap_s ? d : cap_s;
}

static Worker sender_worker;

/* The message left to upload. */
typedef struct Upload { const char *p; size_t left; } Upload;

/* libcurl's read callback: the next piece of the message. */
static size_t mail_read(char *buf, size_t size, size_t nitems, void *ud){
  Upload *u = ud;
  size_t n = size*nitems;
  if( n>u->left ) n = u->left;
  memcpy(buf, u->p, n);
  u->p += n;
  u->left -= n;
  return n;
}

/* libcurl's progress callback: abandon the transfer when the server is stopping. */
static int mail_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un){
  return worker_stopping(&sender_worker) ? 1 : 0;
}

/* The relay's last refusal, kept by mail_debug: the reply line of a 4xx or 5xx in its own words
** ("550 5.1.1 <x@y>: no such user", "535 5.7.8 authentication failed"), which libcurl's error leaves
** out; the command the relay was answering ('R' RCPT TO, 'D' DATA and the message, 0 another); and
** whether a 5xx answered the recipient or the message itself (permanent: trying again is futile). */
typedef struct RelaySaid { char line[200]; char cmd; int permanent; } RelaySaid;

/* libcurl's debug callback: note the command sent, and keep each line the relay answered with a
** 4xx or 5xx (printable ASCII). */
static int mail_debug(CURL *c, curl_infotype type, char *data, size_t size, void *ud){
  (void)c;
  RelaySaid *r = ud;
  if( type==CURLINFO_HEADER_OUT ){
    r->cmd = size>=8 && strncasecmp(data, "RCPT TO:", 8)==0 ? 'R'
           : size>=4 && strncasecmp(data, "DATA", 4)==0 ? 'D' : 0;
    return 0;
  }
  if( type!=CURLINFO_HEADER_IN ) return 0;
  for(size_t i=0; i<size; ){
    size_t e = i;
    while( e<size && data[e]!='\n' ) e++;
    if( e-i>=3 && (data[i]=='4' || data[i]=='5') && data[i+1]>='0' && data[i+1]<='9' && data[i+2]>='0' && data[i+2]<='9' ){
      size_t k = 0;
      for(size_t j=i; j<e && data[j]!='\r' && k+1<sizeof r->line; j++){
        unsigned char ch = (unsigned char)data[j];
        r->line[k++] = ch>=0x20 && ch<0x7f ? (char)ch : '?';
      }
      r->line[k] = 0;
      r->permanent = data[i]=='5' && r->cmd!=0;
    }
    i = e+1;
  }
  return 0;
}

/* 1 when url names a user (a "user[:password]@" before its host). */
static int mail_url_login(const char *url){
  const char *h = strstr(url, "://");
  if( h==0 ) return 0;
  h += 3;
  const char *at = strchr(h, '@'), *sl = strchr(h, '/');
  return at && (sl==0 || at<sl);
}

/* Hand one message to the relay; OK, or ERR_IO with the reason in err and *permanent set when
** the relay refused the recipient or the message for good (a 5xx to RCPT TO or to the data: a
** mailbox that does not exist, a message it will never take), not when a setting is wrong (a 5xx
** to AUTH or MAIL FROM, which the next try after it is mended passes). */
static int mail_send(const Config *cfg, const char *to, const char *msg, size_t len, char *err, size_t errlen,
                     int *permanent){
  char from[256], rcpt[300], mfrom[300];
  char ebuf[CURL_ERROR_SIZE];
  mail_sender_addr(cfg->smtp_from, from, sizeof from);
  snprintf(mfrom, sizeof mfrom, "<%s>", from);
  snprintf(rcpt, sizeof rcpt, "<%s>", to);
  CURL *c = curl_easy_init();
  if( c==0 ){ snprintf(err, errlen, "libcurl failed to start"); return ERR_IO; }
  struct curl_slist *rl = curl_slist_append(0, rcpt);
  Upload u = { msg, len };
  ebuf[0] = 0;
  /* SMTP only, whatever the URL says: a URL without a scheme would make libcurl guess HTTP
  ** and send the credentials in an Authorization header (loket.conf also refuses it) */
#if LIBCURL_VERSION_NUM >= 0x075500
  CURLcode prc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
  CURLcode prc = curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP|CURLPROTO_SMTPS));
#endif
  if( prc!=CURLE_OK ){
    snprintf(err, errlen, "libcurl cannot be limited to SMTP: %s", curl_easy_strerror(prc));
    curl_slist_free_all(rl);
    curl_easy_cleanup(c);
    return ERR_IO;
  }
  curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mfrom);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rl);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, mail_read);
  curl_easy_setopt(c, CURLOPT_READDATA, &u);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  /* a slow relay (a tarpit, a busy queue) is given time as long as it answers at all: a whole
  ** minute without a byte ends the attempt. A cut after the last dot would make the relay keep a
  ** message Loket then sends again. The whole stays below the claim of MAIL_CLAIM_S, so no other
  ** node takes the message while it is still being handed over */
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)(MAIL_CLAIM_S - 60));
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, mail_progress);
  RelaySaid said = { "", 0, 0 };
  *permanent = 0;
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, mail_debug);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &said);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
  int login = mail_url_login(cfg->smtp_url);
  if( cfg->smtp_user[0] ){
    curl_easy_setopt(c, CURLOPT_USERNAME, cfg->smtp_user);
    curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->smtp_password);
    login = 1;
  }
  /* a password never travels in clear: smtps://, or STARTTLS required (smtp_user, or a
  ** user:password@ written in smtp_url, which libcurl would send as readily) */
  if( login ) curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
  CURLcode rc = curl_easy_perform(c);
  if( rc!=CURLE_OK ){
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    if( rc==CURLE_USE_SSL_FAILED && login )
      snprintf(err, errlen, "the relay offers no STARTTLS, and the SMTP password is sent only over TLS: use a relay"
               " (or port 587) that offers it, or smtps://host:465");
    else if( code>=400 && said.line[0] ){
      *permanent = said.permanent && code>=500;
      snprintf(err, errlen, "%s (the relay said: %s)%s", ebuf[0] ? ebuf : curl_easy_strerror(rc), said.line,
               *permanent ? "; not tried again: the relay refuses it for good" : "");
    }
    else if( code ) snprintf(err, errlen, "%s (SMTP %ld)", ebuf[0] ? ebuf : curl_easy_strerror(rc), code);
    else snprintf(err, errlen, "%s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
  }
  curl_slist_free_all(rl);
  curl_easy_cleanup(c);
  return rc==CURLE_OK ? OK : ERR_IO;
}

/* One due row, copied out of the statement. */
typedef struct Due { int64_t id, office_id, created_at; int attempts; char *to, *subject, *body; } Due;

/* Messages the relay accepted whose row could not be marked sent (the database was down, busy
** or full at that moment): marked at the start of the next pass, before anything is sent, so a
** message is not sent again when its claim runs out. Only the sender's thread touches them. */
#define MAIL_UNMARKED_MAX 256
static struct { int64_t id, at; } mail_unmarked[MAIL_UNMARKED_MAX];
static int mail_nunmarked;

/* Mark one row sent at `at`; OK or the database's error. */
static int mail_mark_sent(Db *db, int64_t id, int64_t at){
  Stmt *q = db_prepare(db, "UPDATE outbox SET status='sent', sent_at=?2, attempts=attempts+1, last_error='', claimed_by=''"
                           " WHERE id=?1 AND status='queued'");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, at);
  return db_run(q);
}

/* Mark sent what the relay accepted in an earlier pass and could not be marked then; OK when
** none is left. */
static int mail_mark_unmarked(Db *db){
  int kept = 0;
  for(int i=0; i<mail_nunmarked; i++){
    if( mail_mark_sent(db, mail_unmarked[i].id, mail_unmarked[i].at)==OK ){
      log_info("mail: outbox/%lld marked sent (the relay had accepted it)", (long long)mail_unmarked[i].id);
      continue;
    }
    mail_unmarked[kept++] = mail_unmarked[i];
  }
  mail_nunmarked = kept;
  return kept ? ERR_DB : OK;
}

/* Record the outcome of one attempt (permanent: failed at once, whatever attempts are left). */
static void mail_record(Db *db, const Config *cfg, const Due *d, int ok, int aborted, int permanent, const char *err){
  int64_t now = time_now();
  Stmt *q;
  if( aborted ){   /* the server is stopping: not an attempt; due again at once */
    q = db_prepare(db, "UPDATE outbox SET next_attempt_at=?2, claimed_by='' WHERE id=?1 AND status='queued'");
    if( q==0 ) return;
    db_bind_int64(q, 1, d->id);
    db_bind_int64(q, 2, now);
    db_run(q);
    return;
  }
  if( ok ){
    if( mail_mark_sent(db, d->id, now)==OK ) return;
    log_error("mail: outbox/%lld was accepted by the relay but cannot be marked sent now (%s): marked at the"
              " next pass", (long long)d->id, db_errmsg(db));
    if( mail_nunmarked<MAIL_UNMARKED_MAX ){
      mail_unmarked[mail_nunmarked].id = d->id;
      mail_unmarked[mail_nunmarked].at = now;
      mail_nunmarked++;
    }
    return;
  }
  int attempts = d->attempts + 1;
  int give_up = permanent || attempts >= cfg->mail_max_attempts;
  int own = 0, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return;
  q = db_prepare(db, "UPDATE outbox SET status=?2, attempts=?3, next_attempt_at=?4, last_error=?5, claimed_by='' WHERE id=?1");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, d->id);
    db_bind_text(q, 2, give_up ? "failed" : "queued");
    db_bind_int(q, 3, attempts);
    db_bind_int64(q, 4, now + mail_backoff(attempts, cfg->mail_retry_base_s, cfg->mail_retry_max_s));
    db_bind_text(q, 5, err);
    rc = db_run(q);
  }
  if( rc==OK && give_up ){
    char obj[40];
    snprintf(obj, sizeof obj, "outbox/%lld", (long long)d->id);
    Actor sys = { 0, "system", d->office_id, "" };
    rc = audit_write(db, &sys, "mail.failed", obj, err);
  }
  db_tx_end(db, own, rc);
}

/* The Message-ID of a row, the same at every attempt (a message the relay took but whose answer was
** lost, sent again, is then one message to the mail programs that drop a Message-ID seen twice):
** "loket.ID.HASH@domain", HASH of the row's id, time and content, so that another Loket's row of the
** same id (a test server, a restored copy) does not share it. */
static void mail_msgid(const Due *d, const char *domain, char *out, size_t n){
  unsigned char h[8];
  char hex[17];
  crypto_generichash_state st;
  crypto_generichash_init(&st, 0, 0, sizeof h);
  int64_t head[2] = { d->id, d->created_at };
  crypto_generichash_update(&st, (const unsigned char*)head, sizeof head);
  const char *const parts[] = { d->to, d->subject, d->body };
  for(size_t i=0; i<COUNT(parts); i++) crypto_generichash_update(&st, (const unsigned char*)parts[i], strlen(parts[i])+1);
  crypto_generichash_final(&st, h, sizeof h);
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  snprintf(out, n, "loket.%lld.%s@%s", (long long)d->id, hex, domain);
}

/* Deliver the due queued rows once (at most max). */
int mail_deliver_due(Db *db, const Config *cfg, int max, int *sent, int *failed){
  *sent = *failed = 0;
  if( db==0 ) return ERR_DB;
  if( mail_mark_unmarked(db)!=OK ) return ERR_DB;   /* the database still fails: send nothing now */
  int64_t now = time_now();
  Due *due = xcalloc((size_t)(max>0 ? max : 1), sizeof *due);
  int n = 0;
  Stmt *q = db_prepare(db, "SELECT id, office_id, created_at, attempts, to_addr, subject, body FROM outbox"
                           " WHERE status='queued' AND next_attempt_at<=?1 ORDER BY next_attempt_at, id LIMIT ?2");
  if( q==0 ){ free(due); return ERR_DB; }
  db_bind_int64(q, 1, now);
  db_bind_int(q, 2, max);
  while( n<max && db_step(q)==DB_ROW ){
    due[n].id = db_col_int64(q, 0);
    due[n].office_id = db_col_int64(q, 1);
    due[n].created_at = db_col_int64(q, 2);
    due[n].attempts = db_col_int(q, 3);
    due[n].to = xstrdup(db_col_text(q, 4));
    due[n].subject = xstrdup(db_col_text(q, 5));
    due[n].body = xstrdup(db_col_text(q, 6));
    n++;
  }
  db_reset(q);
  char domain[256];
  mail_sender_addr(cfg->smtp_from, domain, sizeof domain);
  const char *at = strchr(domain, '@');
  for(int i=0; i<n; i++){
    Due *d = &due[i];
    if( worker_stopping(&sender_worker) ) break;
    /* claim the row for a while, so another process does not send it too */
    Stmt *c = db_prepare(db, "UPDATE outbox SET next_attempt_at=?3, claimed_by=?4 WHERE id=?1 AND status='queued' AND next_attempt_at<=?2");
    if( c==0 ) break;
    db_bind_int64(c, 1, d->id);
    db_bind_int64(c, 2, now);
    db_bind_int64(c, 3, time_now() + MAIL_CLAIM_S);   /* from now: the sends before this one took time */
    db_bind_text(c, 4, worker_holder());
    if( db_run(c)!=OK || db_changes(db)!=1 ) continue;
    char msgid[320], err[512];
    mail_msgid(d, at ? at+1 : "localhost", msgid, sizeof msgid);
    Buf m = BUF_INIT;
    mail_format(&m, cfg->smtp_from, d->to, d->subject, d->body, d->created_at, msgid);
    err[0] = 0;
    int permanent = 0;
    int rc = mail_send(cfg, d->to, m.z, m.n, err, sizeof err, &permanent);
    buf_free(&m);
    int aborted = rc!=OK && worker_stopping(&sender_worker);
    mail_record(db, cfg, d, rc==OK, aborted, permanent, err);
    if( rc==OK ) (*sent)++; else if( !aborted ) (*failed)++;
    if( rc!=OK && !aborted ) log_warn("mail: outbox/%lld attempt %d failed: %s", (long long)d->id, d->attempts+1, err);
  }
  for(int i=0; i<n; i++){ free(due[i].to); free(due[i].subject); free(due[i].body); }
  free(due);
  return OK;
}

/* Take back the claims (see mail.h) a process gone had made (worker_holder_gone: one of this
** machine's boot and pid namespace that runs no more, such as the server killed before this one
** started): due at once instead of when the claim runs out. A claim of a live process, of another
** machine or of an earlier boot is left to run out: it may still be at work (docs/deploy.md). */
int mail_claims_reclaim(Db *db, int which, int *n){
  *n = 0;
  int64_t now = time_now();
  char holders[64][256];
  int k = 0;
  int inbox = which==MAIL_CLAIMS_INBOX;
  const char *thread = inbox ? "inbox" : "mail", *what = inbox ? "mailbox(es)" : "message(s)";
  /* the holders of claims not run out at ?1 */
  Stmt *q = inbox ? db_prepare(db, "SELECT DISTINCT claimed_by FROM mail_inbox WHERE next_poll_at>?1 AND claimed_by<>'' LIMIT 64")
              : db_prepare(db, "SELECT DISTINCT claimed_by FROM outbox WHERE status='queued' AND next_attempt_at>?1"
                               " AND claimed_by<>'' LIMIT 64");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, now);
  int st;
  while( (st = db_step(q))==DB_ROW && k<(int)COUNT(holders) ) snprintf(holders[k++], sizeof holders[0], "%s", db_col_text(q, 0));
  db_reset(q);
  if( st!=DB_DONE && st!=DB_ROW ) return ERR_DB;
  for(int i=0; i<k; i++){
    if( !worker_holder_gone(holders[i]) ) continue;
    /* one holder's (?1) made due at ?2 */
    Stmt *u = inbox ? db_prepare(db, "UPDATE mail_inbox SET next_poll_at=?2, claimed_by='' WHERE claimed_by=?1 AND next_poll_at>?2")
                : db_prepare(db, "UPDATE outbox SET next_attempt_at=?2, claimed_by='' WHERE status='queued' AND claimed_by=?1"
                                 " AND next_attempt_at>?2");
    if( u==0 ) return ERR_DB;
    db_bind_text(u, 1, holders[i]);
    db_bind_int64(u, 2, now);
    if( db_run(u)!=OK ) return ERR_DB;
    int c = db_changes(db);
    if( c ) log_info("%s: %d %s claimed by a process no longer running (%s) taken back", thread, c, what, holders[i]);
    *n += c;
  }
  return OK;
}

static Config sender_cfg;

/* One pass of the sender thread: deliver what is due. */
static void mail_sender_tick(void){
  Db *db = db_thread();
  int sent = 0, failed = 0;
  mail_deliver_due(db, &sender_cfg, 50, &sent, &failed);
  if( sent ) log_info("mail: %d sent", sent);
  db_unreset(db);   /* a statement a pass forgot: logged and reset */
}

static Worker sender_worker = WORKER_INIT("mail", mail_sender_tick);

/* Start the sender thread when smtp_url is set. */
int mail_sender_start(const Config *cfg){
  if( cfg->smtp_url[0]==0 ){
    log_info("mail: smtp_url is not set; mail stays in the outbox");
    return OK;
  }
  if( sender_worker.running ) return OK;
  int back = 0;
  if( mail_claims_reclaim(db_thread(), MAIL_CLAIMS_OUTBOX, &back)!=OK ) log_warn("mail: the claims of a killed server could not be read: they run out in %d s", MAIL_CLAIM_S);
  sender_cfg = *cfg;
  if( curl_global_init(CURL_GLOBAL_DEFAULT)!=CURLE_OK ){ log_error("mail: libcurl failed to start"); return ERR_IO; }
  if( worker_start(&sender_worker, cfg->mail_poll_s)!=OK ){
    curl_global_cleanup();
    return ERR_IO;
  }
  char shown[512];
  util_url_shown(cfg->smtp_url, 0, shown, sizeof shown);
  log_info("mail: sending through %s", shown);
  return OK;
}

/* Stop the sender thread and wait for it. */
void mail_sender_stop(void){
  if( !sender_worker.running ) return;
  worker_stop(&sender_worker);
  if( mail_nunmarked && mail_mark_unmarked(db_thread())!=OK ){
    for(int i=0; i<mail_nunmarked; i++)
      log_error("mail: outbox/%lld was accepted by the relay but is not marked sent: it will be sent again",
                (long long)mail_unmarked[i].id);
  }
  curl_global_cleanup();
  memset(&sender_cfg, 0, sizeof sender_cfg);
}

/* The delivery settings of cfg as an administrator sees them (see mail.h). */
void mail_settings(const Config *cfg, MailSetting out[MAIL_SETTINGS]){
  static const struct { const char *key, *label; char kind; } shown[MAIL_SETTINGS] = {
    { "smtp_url", N_("SMTP relay"), 's' },
    { "smtp_from", N_("Sender address"), 's' },
    { "smtp_user", N_("SMTP user name"), 's' },
    { "smtp_password", N_("SMTP password"), 'b' },
    { "mail_max_attempts", N_("Tries before a message fails"), 'i' },
    { "mail_retry_base_seconds", N_("First retry after (seconds)"), 'i' },
    { "mail_retry_max_seconds", N_("Longest wait between tries (seconds)"), 'i' },
  };
  for(int i=0; i<MAIL_SETTINGS; i++){
    out[i] = (MailSetting){ shown[i].key, shown[i].label, shown[i].kind, "", 0 };
  }
  util_url_shown(cfg->smtp_url, 0, out[0].text, sizeof out[0].text);
  snprintf(out[1].text, sizeof out[1].text, "%s", cfg->smtp_from);
  snprintf(out[2].text, sizeof out[2].text, "%s", cfg->smtp_user);
  out[3].num = cfg->smtp_password[0]!=0;
  out[4].num = cfg->mail_max_attempts;
  out[5].num = cfg->mail_retry_base_s;
  out[6].num = cfg->mail_retry_max_s;
}
