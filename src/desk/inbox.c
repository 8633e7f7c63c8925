/*
** inbox.c — the help desk's mailbox read over IMAP (SOP 02/LPSE.OI/2012 takes questions "melalui
** E-mail"): per office its address, user, password, poll interval and on/off. A thread of `loket
** serve` polls each office whose turn it is (one node at a time: next_poll_at is the claim, as the
** outbox's next_attempt_at is) with libcurl. Messages are chosen by UID, not by \Seen (libcurl's
** fetch sets it, and so does a person reading the mailbox): per office the mark, UIDVALIDITY and
** the highest UID taken, is written in the transaction of the case, reply or refusal a message
** becomes, and each poll takes those above it (UID SEARCH UID n+1:*), oldest first, so a crash at
** any moment loses none and takes none twice. The first poll (no mark, or UIDVALIDITY changed)
** takes the messages unread then, keyworded $LoketBacklog before the mark is set, and every one
** that comes after (a server that keeps no new keyword: every one from the first unread on); \Seen
** is set after the commit only for the people using the mailbox, its failure a warning (the log, the
** mailbox's last_warning). A refused
** message is audited "mail.refused" with the mark that moves past it. The mailbox's name is
** written in IMAP's modified UTF-7.
** A message goes through helpdesk_email() — what POST
** /api/v1/helpdesk/email runs — or, when it is the reply of a case's requester, through
** portal_reply() as the portal's own reply; each is taken once per office by its Message-ID.
*/
#include "helpdesk.h"
#include "portal.h"
#include "../mail/mail.h"
#include "../core/worker.h"
#include <curl/curl.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define INBOX_TICK_S 2          /* the thread looks this often for an office whose turn it is */
#define INBOX_CLAIM_S 300       /* an office's poll is left this long to the node that claimed it */
#define INBOX_MAX 50            /* messages taken per poll */
#define INBOX_REFUSED "$LoketRefused"   /* the keyword of a message that cannot become a case */
#define INBOX_BACKLOG "$LoketBacklog"   /* the keyword of a message unread when the mark was set */
#define INBOX_UID_MAX "4294967295"      /* the highest UID there can be (a set's "*" is the highest there is) */

/* ---- the settings ---- */

/* The office's mailbox settings (see helpdesk.h); the password in pw (may be NULL) when asked. */
static int inbox_read(Db *db, int64_t office_id, InboxSettings *s, char *pw, size_t pwn){
  memset(s, 0, sizeof *s);
  s->poll_s = 60;
  if( pw ) pw[0] = 0;
  Stmt *q = db_prepare(db, "SELECT url, username, password, poll_seconds, enabled, last_poll_at, last_error,"
                           " last_refused, updated_at, updated_by, last_warning FROM mail_inbox WHERE office_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  int st = db_step(q);
  if( st==DB_ROW ){
    s->configured = 1;
    snprintf(s->url, sizeof s->url, "%s", db_col_text(q, 0));
    snprintf(s->user, sizeof s->user, "%s", db_col_text(q, 1));
    s->password_set = *db_col_text(q, 2)!=0;
    if( pw ) snprintf(pw, pwn, "%s", db_col_text(q, 2));
    s->poll_s = db_col_int(q, 3);
    s->enabled = db_col_int(q, 4);
    s->last_poll_at = db_col_int64(q, 5);
    snprintf(s->last_error, sizeof s->last_error, "%s", db_col_text(q, 6));
    snprintf(s->last_refused, sizeof s->last_refused, "%s", db_col_text(q, 7));
    s->updated_at = db_col_int64(q, 8);
    snprintf(s->updated_by, sizeof s->updated_by, "%s", db_col_text(q, 9));
    snprintf(s->last_warning, sizeof s->last_warning, "%s", db_col_text(q, 10));
  }
  db_reset(q);
  return st==DB_ROW || st==DB_DONE ? OK : ERR_DB;
}

/* The office's mailbox settings, the password only as set or not, the last poll's error and the
** last refused message in lang. */
int inbox_get(Db *db, int64_t office_id, const char *lang, InboxSettings *s){
  int rc = inbox_read(db, office_id, s, 0, 0);
  Arena a;
  arena_init(&a);
  snprintf(s->last_error, sizeof s->last_error, "%s", case_note_text(&a, s->last_error, lang));
  snprintf(s->last_refused, sizeof s->last_refused, "%s", case_note_text(&a, s->last_refused, lang));
  snprintf(s->last_warning, sizeof s->last_warning, "%s", case_note_text(&a, s->last_warning, lang));
  arena_free(&a);
  return rc;
}

/* Say why in why (n bytes) as Loket's own message, read in each reader's language (case_note_key):
** msgid with up to four values (the server's words, a message's UID …; NULL ends them). */
static void inbox_said(char *why, size_t n, const char *msgid, const char *v1, const char *v2, const char *v3, const char *v4){
  Arena a;
  arena_init(&a);
  snprintf(why, n, "%s", case_note_key(&a, msgid, v1, v2, v3, v4, (const char*)0));
  arena_free(&a);
}

/* The same for the log: why in English. */
static const char *inbox_english(Arena *a, const char *why){
  return case_note_text(a, why, "en");
}

/* The name of the mailbox url names (its path after the host, %XX decoded; INBOX when none) in
** out (n bytes); 0 when a % is not followed by two hex digits or the name passes n-1 bytes. */
static int inbox_url_mailbox(const char *url, char *out, size_t n){
  const char *h = strstr(url, "://");
  const char *p = h ? strchr(h+3, '/') : 0;
  if( p==0 || p[1]==0 ){ snprintf(out, n, "INBOX"); return 1; }
  size_t k = 0;
  for(p++; *p; p++){
    int c = (unsigned char)*p;
    if( c=='%' ){
      if( !isxdigit((unsigned char)p[1]) || !isxdigit((unsigned char)p[2]) ) return 0;
      char hx[3] = { p[1], p[2], 0 };
      c = (int)strtol(hx, 0, 16);
      p += 2;
    }
    if( k+1>=n ) return 0;
    out[k++] = (char)c;
  }
  out[k] = 0;
  return 1;
}

/* 1 when url is imap:// or imaps://, a host, an optional port, an optional mailbox; else 0 with
** why in e (field "url"). */
static int inbox_url_ok(const char *url, Err *e){
  size_t sl = strncasecmp(url, "imap://", 7)==0 ? 7 : strncasecmp(url, "imaps://", 8)==0 ? 8 : 0;
  if( sl==0 ){ err_add(e, "url", N_("Give an imap:// or imaps:// address, such as imaps://mail.example.go.id:993/INBOX")); return 0; }
  const char *h = url+sl, *end = h + strcspn(h, "/");
  for(const unsigned char *p = (const unsigned char*)url; *p; p++){
    if( *p<=' ' || *p==0x7f || *p=='?' || *p=='#' || *p=='"' || *p=='\\' ){
      err_add(e, "url", N_("The address may not hold spaces, ?, # or quotes")); return 0;
    }
  }
  if( memchr(h, '@', (size_t)(end-h)) ){ err_add(e, "url", N_("The user name goes in its own field, not in the address")); return 0; }
  const char *colon = h;
  if( *h=='[' ){ colon = memchr(h, ']', (size_t)(end-h)); colon = colon ? colon+1 : end; }
  else while( colon<end && *colon!=':' ) colon++;
  if( colon==h || (*h=='[' && colon-h<3) ){ err_add(e, "url", N_("The address has no host")); return 0; }
  if( colon<end ){
    if( *colon!=':' || colon+1==end ){ err_add(e, "url", N_("The port must be a number from 1 to 65535")); return 0; }
    long port = 0;
    for(const char *p = colon+1; p<end; p++){
      if( *p<'0' || *p>'9' || port>65535 ){ port = 0; break; }
      port = port*10 + (*p-'0');
    }
    if( port<1 || port>65535 ){ err_add(e, "url", N_("The port must be a number from 1 to 65535")); return 0; }
  }
  if( strchr(end, ';') ){ err_add(e, "url", N_("Give the mailbox only (such as INBOX), without ;UID= or other parts")); return 0; }
  /* the name as people read it: IMAP's modified UTF-7 is written when the mailbox is read */
  char name[256];
  Buf imap = BUF_INIT;
  int ok = inbox_url_mailbox(url, name, sizeof name) && mail_imap_utf7(name, &imap)==OK;
  buf_free(&imap);
  if( !ok ){ err_add(e, "url", N_("The mailbox's name must be UTF-8 text without control characters (a space written %20)")); return 0; }
  return 1;
}

/* 1 when z has a control character (a tab, a line break …). */
static int inbox_has_control(const char *z){
  for(const unsigned char *p = (const unsigned char*)z; *p; p++) if( *p<0x20 || *p==0x7f ) return 1;
  return 0;
}

/* Change the office's mailbox settings (see helpdesk.h). */
int inbox_set(Db *db, const Actor *who, const InboxChange *in, int *changed, Err *e){
  *changed = 0;
  Err all = {0};   /* every field wrong named at once */
  if( in->url && strlen(in->url)>255 ) err_add(&all, "url", N_("The address may have at most 255 characters"));
  else if( in->url && *in->url ) inbox_url_ok(in->url, &all);
  if( in->user ) err_check_text(&all, "user", in->user, 127, 0);
  if( in->password && (strlen(in->password)>127 || inbox_has_control(in->password)) ){
    err_add(&all, "password", N_("The password may have at most 127 characters, none of them a control character"));
  }
  if( in->poll_given && (in->poll_s<5 || in->poll_s>86400) ) err_add(&all, "poll_seconds", N_("must be 5 to 86400 seconds"));
  if( in->enabled>1 ) err_add(&all, "enabled", N_("must be true or false"));
  InboxSettings s;
  char pw[128];
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = inbox_read(db, who->office_id, &s, pw, sizeof pw);
  if( rc!=OK ) return db_tx_end(db, own, rc);
  /* what it becomes, checked whole: a mailbox read needs its address, user and password */
  const char *url = in->url ? in->url : s.url, *user = in->user ? in->user : s.user, *pass = in->password ? in->password : pw;
  int poll = in->poll_given ? (int)in->poll_s : s.poll_s, enabled = in->enabled>=0 ? in->enabled : s.enabled;
  if( enabled==1 && all.msg==0 ){
    if( *url==0 ) err_add(&all, "url", N_("Give the mailbox's address to read it"));
    if( util_blank(user) ) err_add(&all, "user", N_("Give the mailbox's user name"));
    if( *pass==0 ) err_add(&all, "password", N_("Give the mailbox's password"));
  }
  if( all.msg ){ if( e ) *e = all; db_tx_end(db, own, ERR_INVALID); return ERR_INVALID; }
  int conn = strcmp(url, s.url) || strcmp(user, s.user) || strcmp(pass, pw) || enabled!=s.enabled;
  if( !conn && poll==s.poll_s ) return db_tx_end(db, own, OK);   /* already so (or the defaults, never set) */
  Stmt *q = db_prepare(db, "INSERT INTO mail_inbox(office_id, url, username, password, poll_seconds, enabled, next_poll_at,"
                           " updated_at, updated_by) VALUES(?1,?2,?3,?4,?5,?6,0,?7,?8) ON CONFLICT(office_id) DO UPDATE SET"
                           " url=?2, username=?3, password=?4, poll_seconds=?5, enabled=?6, updated_at=?7, updated_by=?8,"
                           " next_poll_at=CASE WHEN ?9=1 THEN 0 ELSE mail_inbox.next_poll_at END,"
                           " last_error=CASE WHEN ?9=1 THEN '' ELSE mail_inbox.last_error END,"
                           " last_warning=CASE WHEN ?9=1 THEN '' ELSE mail_inbox.last_warning END,"
                           /* another mailbox: its UIDs are not this one's, the next poll sets the mark */
                           " uid_validity=CASE WHEN ?10=1 THEN 0 ELSE mail_inbox.uid_validity END,"
                           " uid_taken=CASE WHEN ?10=1 THEN 0 ELSE mail_inbox.uid_taken END,"
                           " uid_top=CASE WHEN ?10=1 THEN 0 ELSE mail_inbox.uid_top END");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, who->office_id);
  db_bind_text(q, 2, url);
  db_bind_text(q, 3, user);
  db_bind_text(q, 4, pass);
  db_bind_int(q, 5, poll);
  db_bind_int(q, 6, enabled);
  db_bind_int64(q, 7, time_now());
  db_bind_text(q, 8, who->username);
  db_bind_int(q, 9, conn);
  db_bind_int(q, 10, strcmp(url, s.url) || strcmp(user, s.user));
  rc = db_run(q);
  /* what changed, the password only as changed */
  Buf d = BUF_INIT;
  if( strcmp(url, s.url) ){ char shown[300]; util_url_shown(url, 0, shown, sizeof shown); buf_printf(&d, "url=%s; ", shown); }
  if( strcmp(user, s.user) ) buf_printf(&d, "user=%s; ", user);
  if( strcmp(pass, pw) ) buf_puts(&d, *pass ? "password changed; " : "password removed; ");
  if( poll!=s.poll_s ) buf_printf(&d, "poll_seconds=%d; ", poll);
  if( enabled!=s.enabled ) buf_printf(&d, "enabled=%s; ", enabled ? "true" : "false");
  if( d.n>=2 ) d.n -= 2;
  char obj[40];
  snprintf(obj, sizeof obj, "office:%lld", (long long)who->office_id);
  if( rc==OK ) rc = audit_write(db, who, "mail.inbox", obj, buf_str(&d));
  buf_free(&d);
  rc = db_tx_end(db, own, rc);
  if( rc==OK ) *changed = 1;
  return rc;
}

/* ---- one message ---- */

/* Add the words of z that may be a case number (a digit in them, 3 to 63 bytes) to v (at most max). */
static int inbox_numbers(const char *z, char v[][64], int n, int max){
  while( z && *z && n<max ){
    size_t skip = strcspn(z, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    z += skip;
    size_t w = 0;
    while( z[w] && !strchr(" \t\r\n[](){}<>:;,\"'#", z[w]) ) w++;
    while( w && strchr(".-_/", z[w-1]) ) w--;   /* "…000008." at a sentence's end */
    if( w>=3 && w<64 ){
      char t[64];
      memcpy(t, z, w);
      t[w] = 0;
      if( strpbrk(t, "0123456789") ){
        int dup = 0;
        for(int i=0; i<n; i++) if( strcmp(v[i], t)==0 ) dup = 1;
        if( !dup ) snprintf(v[n++], 64, "%s", t);
      }
    }
    z += w ? w : 1;
  }
  return n;
}

/* The case numbers a message may reply to: those in the subject of the mails Loket sent to from
** (In-Reply-To, References name their Message-ID "loket.ID.…@…"), then the words of its subject. */
static int inbox_reply_numbers(Db *db, int64_t office_id, const char *msg, size_t len, const char *from,
                               const char *subject, char v[][64], int max){
  int n = 0;
  static const char *const heads[] = { "In-Reply-To", "References" };
  for(size_t h=0; h<COUNT(heads); h++){
    char ids[2000];
    mail_header(msg, len, heads[h], ids, sizeof ids);
    for(const char *p = strstr(ids, "<loket."); p && n<max; p = strstr(p+1, "<loket.")){
      long long id = strtoll(p+7, 0, 10);
      if( id<=0 ) continue;
      Stmt *q = db_prepare(db, "SELECT subject, to_addr FROM outbox WHERE id=?1 AND office_id=?2");
      if( q==0 ) return n;
      db_bind_int64(q, 1, id);
      db_bind_int64(q, 2, office_id);
      if( db_step(q)==DB_ROW && strcasecmp(db_col_text(q, 1), from)==0 ) n = inbox_numbers(db_col_text(q, 0), v, n, max);
      db_reset(q);
    }
  }
  return inbox_numbers(subject, v, n, max);
}

/* The text of a message as a person reads it (mail_text: its plain part, else its HTML's text), at
** most 5000 characters; "" when it has none. */
static const char *inbox_text(const char *msg, size_t len, Arena *a){
  Buf b = BUF_INIT;
  if( !mail_text(msg, len, &b) ){ buf_free(&b); return ""; }
  char *t = arena_strndup(a, buf_str(&b), b.n < 20000 ? b.n : 20000);
  buf_free(&b);
  size_t k = 0;   /* CRLF as LF; control characters but tab and line break as spaces; valid UTF-8 only */
  for(size_t i=0; t[i]; i++){
    unsigned char c = (unsigned char)t[i];
    if( c=='\r' ) continue;
    t[k++] = (c<0x20 && c!='\n' && c!='\t') || c==0x7f ? ' ' : (char)c;
  }
  t[k] = 0;
  Buf u = BUF_INIT;   /* well-formed UTF-8 (a malformed byte as U+FFFD), line by line: the lines kept */
  for(char *l = t; l; ){
    char *nl = strchr(l, '\n');
    if( nl ) *nl = 0;
    size_t n = strlen(l)*3+1;
    char *d = arena_alloc(a, n);
    mail_decode_words(l, d, n);
    buf_puts(&u, d);
    if( nl ) buf_puts(&u, "\n");
    l = nl ? nl+1 : 0;
  }
  char *z = arena_strdup(a, buf_str(&u));
  buf_free(&u);
  return util_utf8_cut(util_trim(z), 5000, a);
}

/* The language a message is written in, for what is mailed back: its Content-Language when it
** names one, else "en" when its subject and text have more common English words than Indonesian
** ones, else "id" (the office's). */
static const char *inbox_lang(const char *msg, size_t len, const char *subject, const char *text){
  static const char *const en[] = { "the", "and", "is", "are", "how", "what", "please", "thank", "thanks", "hello",
    "dear", "my", "our", "you", "your", "can", "cannot", "not", "with", "for", "have", "this", "to", "of", "regards", "about" };
  static const char *const id[] = { "yang", "dan", "saya", "kami", "tidak", "bisa", "mohon", "terima", "kasih", "selamat",
    "apa", "bagaimana", "untuk", "dengan", "ini", "itu", "akun", "sudah", "belum", "pada", "dari", "di", "ke", "yth", "salam", "tentang" };
  char cl[100];
  mail_header(msg, len, "Content-Language", cl, sizeof cl);
  if( strncasecmp(cl, "en", 2)==0 ) return "en";
  if( strncasecmp(cl, "id", 2)==0 ) return "id";
  int ne = 0, ni = 0;
  for(int part=0; part<2; part++){
    const char *z = part ? text : subject;
    for(size_t i=0; z && z[i] && i<4000; ){
      while( z[i] && !isalpha((unsigned char)z[i]) ) i++;
      size_t w = 0;
      while( z[i+w] && isalpha((unsigned char)z[i+w]) ) w++;
      for(size_t k=0; w && k<COUNT(en); k++) if( strlen(en[k])==w && strncasecmp(z+i, en[k], w)==0 ) ne++;
      for(size_t k=0; w && k<COUNT(id); k++) if( strlen(id[k])==w && strncasecmp(z+i, id[k], w)==0 ) ni++;
      i += w;
    }
  }
  return ne>ni ? "en" : "id";
}

/* A reply's own words: the text without the mail it quotes below it (the lines after "-----Original
** Message-----", or a last block of "> " lines and the "On …, X wrote:" line before it), which would
** repeat the thread (and the private link of Loket's acknowledgement); the text as it is when
** nothing is left. */
static const char *inbox_unquote(const char *text, Arena *a){
  char *t = arena_strdup(a, text);
  size_t cut = strlen(t);
  for(char *l = t; *l; ){   /* Outlook's separator */
    if( strncasecmp(l, "-----Original Message-----", 26)==0 || strncasecmp(l, "-----Pesan Asli-----", 20)==0 ){ cut = (size_t)(l-t); break; }
    char *nl = strchr(l, '\n');
    if( nl==0 ) break;
    l = nl+1;
  }
  /* the last block of quoted lines (blank ones among them) that ends the text */
  size_t q = cut, ln = 0;
  int in_quote = 0;
  for(size_t i=0; i<cut; i = ln){
    size_t e = i;
    while( e<cut && t[e]!='\n' ) e++;
    ln = e<cut ? e+1 : cut;
    int blank = 1;
    for(size_t k=i; k<e; k++) if( t[k]!=' ' && t[k]!='\t' ) blank = 0;
    if( t[i]=='>' ){ if( !in_quote ){ q = i; in_quote = 1; } }
    else if( !blank ) in_quote = 0;
  }
  if( in_quote ){
    cut = q;
    /* the attribution just before it: "On Tue, … Budi wrote:", "Pada …, Budi menulis:" */
    size_t e = cut;
    while( e>0 && (t[e-1]=='\n' || t[e-1]==' ' || t[e-1]=='\t') ) e--;
    size_t b = e;
    while( b>0 && t[b-1]!='\n' ) b--;
    if( (e-b>=6 && strncasecmp(t+e-6, "wrote:", 6)==0) || (e-b>=8 && strncasecmp(t+e-8, "menulis:", 8)==0) ){
      cut = b;
      /* a long one wrapped on two lines, its first "On …" or "Pada …" */
      size_t pb = b>0 ? b-1 : 0;
      while( pb>0 && t[pb-1]!='\n' ) pb--;
      if( b>0 && strncasecmp(t+b, "On ", 3) && strncasecmp(t+b, "Pada ", 5)
          && (strncasecmp(t+pb, "On ", 3)==0 || strncasecmp(t+pb, "Pada ", 5)==0) ) cut = pb;
    }
  }
  t[cut] = 0;
  const char *own = util_trim(t);
  return *own ? own : text;
}

/* The reply of a case's requester added to it as the portal's reply does (a closed case reopened
** first as the portal reopens it); ERR_NOTFOUND when number is not a case of this requester's
** that takes replies: the message is a new question then. */
static int inbox_reply(Db *db, int64_t office_id, const char *number, const char *from, const char *subject,
                       const char *msg, size_t len, size_t limit, int64_t *case_id, Arena *a, Err *e){
  Case *c;
  int rc = case_get(db, office_id, number, &c);
  if( rc!=OK ) return rc==ERR_NOTFOUND ? ERR_NOTFOUND : rc;
  int closed = util_str_eq(c->status, "closed");
  if( !(util_str_eq(c->status, "open") || (closed && portal_reopenable(c))) ){ case_free(c); return ERR_NOTFOUND; }
  PortalTicket t;
  int reopened;
  /* a case the desk opened gets its ticket now, in the language the reply is written in */
  rc = portal_ticket_by_email(db, office_id, c->number, from, inbox_lang(msg, len, subject, inbox_text(msg, len, a)), &t, a);
  Actor by_mail = portal_mail_actor(office_id);   /* it came by mail, not through the portal's pages */
  if( rc==OK && closed ) rc = portal_reopen_as(db, &by_mail, &t, c, &reopened, e);
  if( rc==OK && closed && reopened ){   /* the sender told, as the portal's page tells one reopened there */
    Actor sys = { 0, "system", office_id, "" };
    rc = portal_mail_reopened(db, &sys, &t, c, e);
  }
  /* kept as staff may open it: no file in it that an upload would refuse (a note names each left out) */
  Buf safe = BUF_INIT;
  MailLeftOut *left = 0;
  int nleft = 0;
  if( rc==OK ) attach_mail_safe(msg, len, &safe, &left, &nleft, a);
  if( rc==OK ) rc = portal_reply_as(db, &by_mail, &t, c, inbox_unquote(inbox_text(msg, len, a), a), "balasan.eml",
                                    safe.z ? safe.z : msg, safe.z ? safe.n : len, limit, e);
  buf_free(&safe);
  if( rc==OK ) rc = helpdesk_mail_left_notes(db, c, left, nleft, a, e);
  if( rc==OK ) *case_id = c->id;
  case_free(c);
  return rc;
}

/* Move the office's mailbox mark up to mark (in the caller's transaction); ERR_CONFLICT when the mark
** is of another UIDVALIDITY or already there (the address changed meanwhile, another node). */
static int inbox_mark_write(Db *db, int64_t office_id, const InboxMark *mark){
  Stmt *q = db_prepare(db, "UPDATE mail_inbox SET uid_taken=?3 WHERE office_id=?1 AND uid_validity=?2 AND uid_taken<?3");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, mark->validity);
  db_bind_int64(q, 3, mark->uid);
  int rc = db_run(q);
  if( rc==OK && db_changes(db)!=1 ) rc = ERR_CONFLICT;
  return rc;
}

/* Take one message of an office's mailbox (see helpdesk.h). */
int inbox_take(Db *db, int64_t office_id, const char *msg, size_t len, size_t limit, const InboxMark *mark,
               InboxTaken *out, Err *e){
  memset(out, 0, sizeof *out);
  char mid[1000], from[320], raw[1000], subj[1000];
  mail_header(msg, len, "Message-ID", mid, sizeof mid);
  memmove(mid, util_trim(mid), strlen(util_trim(mid))+1);
  if( mid[0]==0 ){   /* none: the message's own bytes name it, the same when it is read again */
    char h[65];
    util_sha256_hex(h, msg, len);
    snprintf(mid, sizeof mid, "sha256:%s", h);
  }
  mail_header(msg, len, "From", from, sizeof from);
  char addr[320], fname[320];
  ident_email_read(from, IDENT_ADDR_MAIL, addr, sizeof addr, fname, sizeof fname);
  mail_header(msg, len, "Subject", raw, sizeof raw);
  mail_decode_words(raw, subj, sizeof subj);
  snprintf(out->message_id, sizeof out->message_id, "%.199s", mid);
  Arena a;
  arena_init(&a);
  int own, rc = db_tx_begin(db, &own);
  /* taken before (the same message again, or read again under a new UIDVALIDITY): nothing more */
  Stmt *q = rc==OK ? db_prepare(db, "SELECT k.number FROM mail_in m JOIN kasus k ON k.id=m.case_id"
                                    " WHERE m.office_id=?1 AND m.message_id=?2") : 0;
  if( rc==OK && q==0 ) rc = ERR_DB;
  if( rc==OK ){
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, mid);
    int st = db_step(q);
    if( st==DB_ROW ){ out->kind = "seen"; snprintf(out->number, sizeof out->number, "%s", db_col_text(q, 0)); }
    else if( st!=DB_DONE ) rc = ERR_DB;
    db_reset(q);
  }
  if( rc==OK && out->kind && mark ) rc = inbox_mark_write(db, office_id, mark);
  if( rc!=OK || out->kind ){ arena_free(&a); return db_tx_end(db, own, rc); }
  int64_t case_id = 0;
  /* an out-of-office, a bounce, a list's mail: no case, no reply (a closed case is not reopened), no
  ** acknowledgement to answer it again; left flagged for a person */
  if( mail_automatic(msg, len) ){
    ERR_SET(e, 0, N_("an automatic message (an out-of-office reply, a delivery failure): it opens no case and is added to none"));
    rc = ERR_INVALID;
  }
  /* the reply of a case's requester, from the requester's own address: on that case */
  if( rc==OK && *addr ){
    char nums[8][64];
    int n = inbox_reply_numbers(db, office_id, msg, len, addr, subj, nums, 8);
    for(int i=0; i<n && rc==OK && case_id==0; i++){
      char up[64];
      case_number_typed(nums[i], up);
      rc = inbox_reply(db, office_id, up, addr, subj, msg, len, limit, &case_id, &a, e);
      if( rc==OK ){ out->kind = "reply"; snprintf(out->number, sizeof out->number, "%s", up); }
      else if( rc==ERR_NOTFOUND ) rc = OK;
    }
  }
  if( rc==OK && case_id==0 ){   /* a new question: what POST /api/v1/helpdesk/email does */
    Actor sys = { 0, "system", office_id, "" };
    HelpdeskMail m;
    memset(&m, 0, sizeof m);
    m.eml = msg;
    m.eml_len = len;
    m.eml_name = "pesan.eml";
    m.limit = limit;
    Case *c;
    rc = helpdesk_email(db, &sys, &m, &c, e);
    /* the sender told its number and link, in the language they wrote in; the question in the thread */
    if( rc==OK ){
      const char *text = inbox_text(msg, len, &a);
      rc = portal_mail_case(db, &sys, c, c->requester_name, addr, inbox_lang(msg, len, subj, text), text);
    }
    if( rc==OK ){
      out->kind = "case";
      snprintf(out->number, sizeof out->number, "%s", c->number);
      case_id = c->id;
      case_free(c);
    }
  }
  if( rc==OK ){
    q = db_prepare(db, "INSERT INTO mail_in(office_id, message_id, case_id, kind, at) VALUES(?1,?2,?3,?4,?5)");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, office_id);
      db_bind_text(q, 2, mid);
      db_bind_int64(q, 3, case_id);
      db_bind_text(q, 4, out->kind);
      db_bind_int64(q, 5, time_now());
      rc = db_run(q);
    }
  }
  if( rc==OK && mark ) rc = inbox_mark_write(db, office_id, mark);
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* ---- the IMAP session (libcurl) ---- */

typedef struct Imap {
  CURL *c;
  char mailbox[800];      /* the URL of the mailbox: imap[s]://host[:port]/MAILBOX, its name in modified UTF-7 */
  char at[840];           /* the URL commands go to: the mailbox, then with ;UIDVALIDITY= once known */
  char err[CURL_ERROR_SIZE];
  Buf out;
  size_t max;             /* bytes of an answer kept at most (a message bigger is not read whole) */
  int too_big;            /* the last answer passed max */
  int keywords;           /* 1 when the server keeps a new keyword (PERMANENTFLAGS with \*) */
  int courtesies;         /* flags set for the people using the mailbox this session (inbox_courtesy) */
  char warn[600];         /* the last of them the server refused (Loket's own message, inbox_said); "" none */
} Imap;

static Worker inbox_worker;

/* libcurl's write callback: the answer kept, up to the session's max. */
static size_t inbox_write(char *p, size_t sz, size_t n, void *ud){
  Imap *m = ud;
  if( m->out.n + sz*n > m->max ){ m->too_big = 1; return 0; }
  buf_append(&m->out, p, sz*n);
  return sz*n;
}

/* libcurl's progress callback: give up when the server is stopping. */
static int inbox_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un){
  return worker_stopping(&inbox_worker) ? 1 : 0;
}

/* One IMAP request: url (cmd NULL: a message's fetch) or cmd on the mailbox; the answer in m->out.
** OK, or ERR_IO with why in why (naming the setting at fault: url, user or password). */
static int imap_do(Imap *m, const char *url, const char *cmd, char *why, size_t n){
  m->out.n = 0;
  m->too_big = 0;
  m->err[0] = 0;
  curl_easy_setopt(m->c, CURLOPT_URL, url);
  curl_easy_setopt(m->c, CURLOPT_CUSTOMREQUEST, cmd);
  CURLcode rc = curl_easy_perform(m->c);
  if( rc==CURLE_OK ) return OK;
  if( m->err[0]==0 ) snprintf(m->err, sizeof m->err, "%s", curl_easy_strerror(rc));   /* the words kept for the caller */
  const char *what = m->err;
  if( rc==CURLE_LOGIN_DENIED ) inbox_said(why, n, N_("password: the server refused the user name or password (%s)"), what, 0, 0, 0);
  else if( rc==CURLE_COULDNT_RESOLVE_HOST || rc==CURLE_COULDNT_CONNECT || rc==CURLE_OPERATION_TIMEDOUT )
    inbox_said(why, n, N_("url: the server cannot be reached (%s)"), what, 0, 0, 0);
  else if( rc==CURLE_USE_SSL_FAILED ) inbox_said(why, n, N_("url: the server offers no TLS, and a password is not sent in clear (%s)"), what, 0, 0, 0);
  else inbox_said(why, n, N_("url: reading the mailbox failed (%s)"), what, 0, 0, 0);
  return ERR_IO;
}

/* 1 when the host of url is this machine (a password may go in clear there). */
static int imap_loopback(const char *url){
  const char *h = strstr(url, "://");
  h = h ? h+3 : url;
  return strncasecmp(h, "127.", 4)==0 || strncasecmp(h, "localhost", 9)==0 || strncmp(h, "[::1]", 5)==0;
}

/* Open the session of settings s with password pw; ERR_IO with why when libcurl cannot. */
static int imap_open(Imap *m, const InboxSettings *s, const char *pw, size_t max, char *why, size_t n){
  memset(m, 0, sizeof *m);
  m->max = max;
  m->c = curl_easy_init();
  if( m->c==0 ){ inbox_said(why, n, N_("libcurl failed to start"), 0, 0, 0, 0); return ERR_IO; }
  /* the mailbox's name as IMAP writes it (RFC 3501 5.1.3), in the URL libcurl decodes again */
  const char *h = strstr(s->url, "://");
  const char *path = h ? strchr(h+3, '/') : 0;
  int root = path ? (int)(path - s->url) : (int)strlen(s->url);
  char name[256];
  Buf imap = BUF_INIT;
  if( !inbox_url_mailbox(s->url, name, sizeof name) || mail_imap_utf7(name, &imap)!=OK ){
    buf_free(&imap);
    inbox_said(why, n, N_("url: the mailbox's name must be UTF-8 text without control characters"), 0, 0, 0, 0);
    return ERR_IO;
  }
  char *esc = curl_easy_escape(m->c, buf_str(&imap), (int)imap.n);
  buf_free(&imap);
  if( esc==0 ){ inbox_said(why, n, N_("libcurl failed to start"), 0, 0, 0, 0); return ERR_IO; }
  snprintf(m->mailbox, sizeof m->mailbox, "%.*s/%s", root, s->url, esc);
  curl_free(esc);
  snprintf(m->at, sizeof m->at, "%s", m->mailbox);
  /* IMAP only, whatever the URL says (it was checked when set) */
#if LIBCURL_VERSION_NUM >= 0x075500
  CURLcode prc = curl_easy_setopt(m->c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
#else
  CURLcode prc = curl_easy_setopt(m->c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_IMAP|CURLPROTO_IMAPS));
#endif
  if( prc!=CURLE_OK ){ inbox_said(why, n, N_("libcurl cannot be limited to IMAP: %s"), curl_easy_strerror(prc), 0, 0, 0); return ERR_IO; }
  curl_easy_setopt(m->c, CURLOPT_USERNAME, s->user);
  curl_easy_setopt(m->c, CURLOPT_PASSWORD, pw);
  /* a password never travels in clear: imaps://, or STARTTLS required (but to this machine) */
  curl_easy_setopt(m->c, CURLOPT_USE_SSL, (long)(imap_loopback(s->url) ? CURLUSESSL_TRY : CURLUSESSL_ALL));
  curl_easy_setopt(m->c, CURLOPT_WRITEFUNCTION, inbox_write);
  curl_easy_setopt(m->c, CURLOPT_WRITEDATA, m);
  curl_easy_setopt(m->c, CURLOPT_ERRORBUFFER, m->err);
  curl_easy_setopt(m->c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(m->c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(m->c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(m->c, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(m->c, CURLOPT_TIMEOUT, (long)(INBOX_CLAIM_S/2));
  curl_easy_setopt(m->c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(m->c, CURLOPT_XFERINFOFUNCTION, inbox_progress);
  return OK;
}

/* End the session. */
static void imap_close(Imap *m){
  if( m->c ) curl_easy_cleanup(m->c);
  buf_free(&m->out);
}

/* Set (+) or clear (-) flags on the messages of the UID set uids; OK or ERR_IO with why. */
static int imap_flags(Imap *m, const char *uids, const char *how, char *why, size_t n){
  Buf cmd = BUF_INIT;
  buf_printf(&cmd, "UID STORE %s %s", uids, how);
  int rc = imap_do(m, m->at, buf_str(&cmd), why, n);
  buf_free(&cmd);
  return rc;
}

/* The same for the one message uid. */
static int imap_flag(Imap *m, int64_t uid, const char *how, char *why, size_t n){
  char u[24];
  snprintf(u, sizeof u, "%lld", (long long)uid);
  return imap_flags(m, u, how, why, n);
}

/* The next name of a LIST answer at *p ("* LIST (flags) delimiter name" lines) into name (n bytes,
** as IMAP writes it), *p moved past its line; 0 when no line is left. A name sent as a literal, or
** a mailbox that cannot be selected (\Noselect, \NonExistent), is given as "". */
static int imap_list_next(const char **p, char *name, size_t n){
  const char *l = strstr(*p, "* LIST ");
  if( l==0 ) return 0;
  const char *eol = strstr(l, "\r\n");
  if( eol==0 ) eol = l + strlen(l);
  *p = *eol ? eol+2 : eol;
  name[0] = 0;
  const char *fl = strchr(l, '('), *fe = fl ? memchr(fl, ')', (size_t)(eol-fl)) : 0;
  if( fe==0 ) return 1;
  if( memmem(fl, (size_t)(fe-fl), "\\Noselect", 9) || memmem(fl, (size_t)(fe-fl), "\\NonExistent", 12) ) return 1;
  const char *q = fe+1;
  while( q<eol && *q==' ' ) q++;
  if( *q=='"' ){ for(q++; q<eol && *q!='"'; q++) if( *q=='\\' ) q++; q++; }   /* the delimiter */
  else while( q<eol && *q!=' ' ) q++;                                 /* NIL */
  while( q<eol && *q==' ' ) q++;
  size_t k = 0;
  if( *q=='"' ){
    for(q++; q<eol && *q!='"' && k+1<n; q++){
      if( *q=='\\' && q+1<eol ) q++;
      name[k++] = *q;
    }
  }else if( *q!='{' ){
    while( q<eol && *q!=' ' && k+1<n ) name[k++] = *q++;
  }
  name[k] = 0;
  return 1;
}

/* After the mailbox could not be selected: when the server lists its mailboxes and this one is not
** among them, why says so (url), naming the ones it has as people read them (modified UTF-7
** decoded), so that a name typed wrong, or typed as IMAP writes it, shows the right one; else why
** is left as it was. */
static void imap_no_mailbox(Imap *m, const char *root, const char *imap_name, char *why, size_t n){
  char keep[CURL_ERROR_SIZE];
  snprintf(keep, sizeof keep, "%s", m->err);
  char listed[600];
  if( imap_do(m, root, "LIST \"\" \"*\"", listed, sizeof listed)!=OK ){ snprintf(m->err, sizeof m->err, "%s", keep); return; }
  buf_putc(&m->out, 0);
  Buf names = BUF_INIT, one = BUF_INIT;
  int found = 0, count = 0;
  char name[400];
  for(const char *p = m->out.z; imap_list_next(&p, name, sizeof name); ){
    if( name[0]==0 ) continue;
    if( strcmp(name, imap_name)==0 || (strcasecmp(name, "INBOX")==0 && strcasecmp(imap_name, "INBOX")==0) ) found = 1;
    if( count<0 ) continue;   /* the list said is full: the others are only looked at for the name */
    buf_reset(&one);
    if( mail_imap_utf7_decode(name, &one)!=OK ) buf_puts(&one, name);   /* not modified UTF-7: as the server wrote it */
    if( names.n + one.n + 8 > 380 ){ if( count ) buf_puts(&names, ", …"); count = -1; continue; }
    if( names.n ) buf_puts(&names, ", ");
    buf_putc(&names, '"');
    buf_append(&names, one.z, one.n);
    buf_putc(&names, '"');
    count++;
  }
  if( !found ){
    buf_reset(&one);
    if( mail_imap_utf7_decode(imap_name, &one)!=OK ) buf_puts(&one, imap_name);
    inbox_said(why, n, N_("url: the mail server has no mailbox named \"%s\"; the mailboxes it has: %s"), buf_str(&one),
               names.n ? buf_str(&names) : "—", 0, 0);
  }
  snprintf(m->err, sizeof m->err, "%s", keep);
  buf_free(&names);
  buf_free(&one);
}

/* The mailbox's UIDVALIDITY and UIDNEXT (STATUS, on no mailbox: libcurl selects none for it) and
** whether it keeps new keywords (m->keywords, from SELECT's PERMANENTFLAGS); OK, or ERR_IO with why. */
static int imap_status(Imap *m, int64_t *validity, int64_t *next, char *why, size_t n){
  *validity = *next = 0;
  const char *path = strchr(strstr(m->mailbox, "://")+3, '/');   /* imap_open gave it one */
  char root[300];
  snprintf(root, sizeof root, "%.*s/", (int)(path - m->mailbox), m->mailbox);
  int len = 0;
  char *name = curl_easy_unescape(m->c, path+1, 0, &len);
  if( name==0 ){ inbox_said(why, n, N_("libcurl failed to start"), 0, 0, 0, 0); return ERR_IO; }
  Buf quoted = BUF_INIT, cmd = BUF_INIT;   /* modified UTF-7 (imap_open): no control character */
  buf_putc(&quoted, '"');
  for(int i=0; i<len; i++){
    if( name[i]=='"' || name[i]=='\\' ) buf_putc(&quoted, '\\');
    buf_putc(&quoted, name[i]);
  }
  buf_putc(&quoted, '"');
  buf_printf(&cmd, "STATUS %s (UIDVALIDITY UIDNEXT)", buf_str(&quoted));
  int rc = imap_do(m, root, buf_str(&cmd), why, n);
  if( rc!=OK ){
    char imap_name[400];
    snprintf(imap_name, sizeof imap_name, "%.*s", len, name);
    curl_free(name);
    name = 0;
    imap_no_mailbox(m, root, imap_name, why, n);
  }
  if( rc==OK ){
    buf_putc(&m->out, 0);
    const char *items = strrchr(m->out.z, '(');
    const char *v = items ? strstr(items, "UIDVALIDITY ") : 0, *x = items ? strstr(items, "UIDNEXT ") : 0;
    if( v ) *validity = strtoll(v+12, 0, 10);
    if( x ) *next = strtoll(x+8, 0, 10);
    if( *validity<=0 || *next<=0 ){
      inbox_said(why, n, N_("url: the server did not say the mailbox's UIDVALIDITY and UIDNEXT"), 0, 0, 0, 0);
      rc = ERR_IO;
    }
  }
  /* PERMANENTFLAGS without \* (none said: every flag kept, RFC 3501): a new keyword is refused,
  ** or dropped unsaid (dovecot's ACL without the right to write flags) */
  buf_reset(&cmd);
  buf_printf(&cmd, "SELECT %s", buf_str(&quoted));
  if( rc==OK ) rc = imap_do(m, root, buf_str(&cmd), why, n);
  buf_free(&cmd);
  buf_free(&quoted);
  if( name ) curl_free(name);
  if( rc!=OK ) return rc;
  buf_putc(&m->out, 0);
  const char *pf = strstr(m->out.z, "[PERMANENTFLAGS (");
  const char *end = pf ? strchr(pf, ')') : 0;
  m->keywords = pf==0 || (end && memmem(pf, (size_t)(end-pf), "\\*", 2)!=0);
  return OK;
}

/* Compare two UIDs for qsort. */
static int imap_uid_cmp(const void *a, const void *b){
  int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
  return x<y ? -1 : x>y;
}

/* The UIDs above after of the SEARCH answer in m->out, ascending, in a new array (the caller
** frees it; NULL when none), their count in *k. */
static int64_t *imap_uids(Imap *m, int64_t after, int *k){
  *k = 0;
  buf_putc(&m->out, 0);
  int64_t *v = 0;
  int cap = 0;
  for(const char *p = strstr(m->out.z, "* SEARCH"); p; p = strstr(p, "* SEARCH")){
    p += 8;
    while( *p==' ' ){
      char *end;
      long long u = strtoll(p+1, &end, 10);
      if( end==p+1 ) break;
      if( u>after ){
        if( *k==cap ){ cap = cap ? cap*2 : 64; v = realloc(v, (size_t)cap * sizeof *v); if( v==0 ){ *k = 0; return 0; } }
        v[(*k)++] = u;
      }
      p = end;
    }
  }
  if( v ) qsort(v, (size_t)*k, sizeof *v, imap_uid_cmp);
  return v;
}

/* Set or clear flags (how) on the k messages uids (ascending), a few hundred UIDs a STORE, runs
** written a:b; OK or ERR_IO with why. */
static int imap_flags_on(Imap *m, const int64_t *u, int k, const char *how, char *why, size_t n){
  int rc = OK;
  for(int i=0; rc==OK && i<k; ){
    Buf set = BUF_INIT;
    for(int j=0; i<k && j<500; j++){
      int e = i;
      while( e+1<k && u[e+1]==u[e]+1 ) e++;
      if( set.n ) buf_putc(&set, ',');
      if( e>i ) buf_printf(&set, "%lld:%lld", (long long)u[i], (long long)u[e]);
      else buf_printf(&set, "%lld", (long long)u[i]);
      i = e+1;
    }
    rc = imap_flags(m, buf_str(&set), how, why, n);
    buf_free(&set);
  }
  return rc;
}

/* Read the office's mailbox mark: UIDVALIDITY (0: none), the highest UID taken, uid_top. */
static int inbox_mark_read(Db *db, int64_t office_id, int64_t *validity, int64_t *taken, int64_t *top){
  *validity = *taken = *top = 0;
  Stmt *q = db_prepare(db, "SELECT uid_validity, uid_taken, uid_top FROM mail_inbox WHERE office_id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  int st = db_step(q);
  if( st==DB_ROW ){ *validity = db_col_int64(q, 0); *taken = db_col_int64(q, 1); *top = db_col_int64(q, 2); }
  db_reset(q);
  return st==DB_ROW ? OK : ERR_DB;
}

/* Start the mark of a mailbox read for the first time (no mark, or UIDVALIDITY changed from old):
** the messages unread now (not refused ones) keyworded INBOX_BACKLOG, then the mark (validity,
** nothing taken, top next-1) committed; cut between, the next poll does it again. A server that
** keeps no new keyword: the mark alone, every message from the first unread one on taken (taken
** and top that UID-1). The mark in *taken and *top; OK, ERR_IO, ERR_DB or ERR_CONFLICT (the mark
** moved meanwhile) with why. */
static int inbox_mark_start(Db *db, int64_t office_id, Imap *m, int64_t old, int64_t validity, int64_t next,
                            int64_t *taken, int64_t *top, char *why, size_t n){
  int rc = OK;
  *taken = 0;
  *top = next-1;
  if( next>1 && !m->keywords ){
    char cmd[80];
    snprintf(cmd, sizeof cmd, "UID SEARCH UID 1:%lld UNSEEN", (long long)(next-1));
    rc = imap_do(m, m->at, cmd, why, n);
    int k = 0;
    int64_t *u = rc==OK ? imap_uids(m, 0, &k) : 0;
    *taken = *top = k ? u[0]-1 : next-1;
    free(u);
    if( rc==OK && k ) log_warn("inbox: office %lld: the server keeps no new keyword: every message from UID %lld (the first"
                               " unread) on is taken, a read one among them too", (long long)office_id, (long long)(*taken+1));
  }else if( next>1 ){
    /* a keyword left by an earlier mark names nothing now */
    rc = imap_do(m, m->at, "UID SEARCH KEYWORD " INBOX_BACKLOG, why, n);
    int k = 0;
    int64_t *u = rc==OK ? imap_uids(m, 0, &k) : 0;
    if( rc==OK ) rc = imap_flags_on(m, u, k, "-FLAGS.SILENT (" INBOX_BACKLOG ")", why, n);
    free(u);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "UID SEARCH UID 1:%lld UNSEEN NOT KEYWORD " INBOX_REFUSED, (long long)(next-1));
    if( rc==OK ) rc = imap_do(m, m->at, cmd, why, n);
    u = rc==OK ? imap_uids(m, 0, &k) : 0;
    if( rc==OK ) rc = imap_flags_on(m, u, k, "+FLAGS.SILENT (" INBOX_BACKLOG ")", why, n);
    free(u);
  }
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "UPDATE mail_inbox SET uid_validity=?2, uid_taken=?5, uid_top=?3 WHERE office_id=?1 AND uid_validity=?4");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, office_id);
    db_bind_int64(q, 2, validity);
    db_bind_int64(q, 3, *top);
    db_bind_int64(q, 4, old);
    db_bind_int64(q, 5, *taken);
    rc = db_run(q);
    if( rc==OK && db_changes(db)!=1 ) rc = ERR_CONFLICT;
  }
  if( rc==ERR_DB ) inbox_said(why, n, N_("the database failed: the message is taken at the next poll"), 0, 0, 0, 0);
  if( rc==ERR_CONFLICT ) inbox_said(why, n, N_("the mailbox's address changed during the poll: it is read again at the next poll"), 0, 0, 0, 0);
  return rc;
}

/* Record a message that cannot become a case: the last refused (why), audited "mail.refused" (why
** in English), and the mark up to it, in one transaction. */
static int inbox_refuse(Db *db, int64_t office_id, const InboxMark *mark, const char *refused_why){
  int own, rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = inbox_mark_write(db, office_id, mark);
  Stmt *q = rc==OK ? db_prepare(db, "UPDATE mail_inbox SET last_refused=?2 WHERE office_id=?1") : 0;
  if( rc==OK && q==0 ) rc = ERR_DB;
  if( rc==OK ){
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, refused_why);
    rc = db_run(q);
  }
  if( rc==OK ){
    Actor sys = { 0, "system", office_id, "" };
    char obj[40];
    snprintf(obj, sizeof obj, "office:%lld", (long long)office_id);
    Arena a;
    arena_init(&a);
    rc = audit_write(db, &sys, "mail.refused", obj, inbox_english(&a, refused_why));
    arena_free(&a);
  }
  return db_tx_end(db, own, rc);
}

/* Set or clear flags (how) on message uid once what it became is committed: for the people using
** the mailbox only, so a failure is a warning in the log, not the poll's error. */
static void inbox_courtesy(Imap *m, int64_t office_id, int64_t uid, const char *how){
  char why[600], u[24];
  m->courtesies++;
  if( imap_flag(m, uid, how, why, sizeof why)==OK ) return;
  /* the mailbox's state shows it too, as a warning (the poll itself worked) */
  snprintf(u, sizeof u, "%lld", (long long)uid);
  inbox_said(m->warn, sizeof m->warn, N_("message UID %s is recorded, but the mail server refused %s on it (%s)"), u, how, m->err, 0);
  Arena a;
  arena_init(&a);
  log_warn("inbox: office %lld: message UID %lld is recorded, but %s failed: %s", (long long)office_id, (long long)uid,
           how, inbox_english(&a, why));
  arena_free(&a);
}

/* Poll one office's mailbox once: the messages above its mark taken, oldest first (counted in
** *taken, the refused in *refused); OK, or ERR_IO/ERR_DB/ERR_CONFLICT with why. */
static int inbox_poll(Db *db, int64_t office_id, const InboxSettings *s, const char *pw, size_t limit,
                      int *taken, int *refused, char *why, size_t n, char *warn, size_t wn, int *courtesies){
  *taken = *refused = *courtesies = 0;
  warn[0] = 0;
  Imap m;
  /* a message up to the attachment limit and its headers' room; a bigger one cannot become a case */
  int rc = imap_open(&m, s, pw, limit + 65536, why, n);
  int64_t validity = 0, next = 0, old = 0, upto = 0, top = 0;
  if( rc==OK ) rc = imap_status(&m, &validity, &next, why, n);
  if( rc==OK && inbox_mark_read(db, office_id, &old, &upto, &top)!=OK ){
    inbox_said(why, n, N_("the database failed: the message is taken at the next poll"), 0, 0, 0, 0);
    rc = ERR_DB;
  }
  /* every command from here on the mailbox of this UIDVALIDITY: libcurl fails one selecting another */
  snprintf(m.at, sizeof m.at, "%s;UIDVALIDITY=%lld", m.mailbox, (long long)validity);
  if( rc==OK && old!=validity ){
    if( old ) log_warn("inbox: office %lld: the mailbox's UIDVALIDITY changed from %lld to %lld: its unread messages are"
                       " taken, and every one after", (long long)office_id, (long long)old, (long long)validity);
    rc = inbox_mark_start(db, office_id, &m, old, validity, next, &upto, &top, why, n);
  }
  char cmd[200];
  if( upto<top ){
    snprintf(cmd, sizeof cmd, "UID SEARCH UID %lld:" INBOX_UID_MAX " OR UID %lld:" INBOX_UID_MAX " KEYWORD " INBOX_BACKLOG,
             (long long)(upto+1), (long long)(top+1));
  }else snprintf(cmd, sizeof cmd, "UID SEARCH UID %lld:" INBOX_UID_MAX, (long long)(upto+1));
  if( rc==OK ) rc = imap_do(&m, m.at, cmd, why, n);
  int nuid = 0;
  int64_t *uids = rc==OK ? imap_uids(&m, upto, &nuid) : 0;
  for(int i=0; rc==OK && i<nuid && i<INBOX_MAX && !worker_stopping(&inbox_worker); i++){
    InboxMark mark = { validity, uids[i] };
    char url[900], u[24], refused_why[600];
    snprintf(url, sizeof url, "%s;UID=%lld", m.at, (long long)uids[i]);
    snprintf(u, sizeof u, "%lld", (long long)uids[i]);
    /* the fetch (BODY[]) sets \Seen: nothing hangs on it */
    rc = imap_do(&m, url, 0, why, n);
    if( rc!=OK && !m.too_big ) break;
    if( rc==OK && m.out.n==0 ) break;   /* gone since the search (expunged): not found by the next */
    InboxTaken t;
    Err e = {0};
    int trc = ERR_TOOBIG;
    if( m.too_big ){   /* libcurl read it as far as the limit: refused unread */
      char l[24];
      snprintf(l, sizeof l, "%zu", limit);
      inbox_said(refused_why, sizeof refused_why, N_("UID %s: the message is bigger than the attachment limit (%s bytes)"), u, l, 0, 0);
    }else{
      trc = inbox_take(db, office_id, m.out.z, m.out.n, limit, &mark, &t, &e);
      if( trc==OK ){
        (*taken)++;
        if( !util_str_eq(t.kind, "seen") ) log_info("inbox: office %lld: message UID %lld (%s): %s %s", (long long)office_id,
                                                    (long long)uids[i], t.message_id, util_str_eq(t.kind, "reply") ? "reply on" : "case", t.number);
        /* taken: read, for the people using the mailbox */
        inbox_courtesy(&m, office_id, uids[i], "+FLAGS.SILENT (\\Seen)");
        if( uids[i]<=top ) inbox_courtesy(&m, office_id, uids[i], "-FLAGS.SILENT (" INBOX_BACKLOG ")");
        continue;
      }
      if( trc==ERR_CONFLICT && e.msg==0 ){   /* the mark moved: not this node's to read now */
        inbox_said(why, n, N_("the mailbox's address changed during the poll: it is read again at the next poll"), 0, 0, 0, 0);
        rc = trc;
        break;
      }
      if( trc!=ERR_INVALID && trc!=ERR_TOOBIG && trc!=ERR_TYPE && trc!=ERR_CONFLICT ){
        inbox_said(why, n, N_("the database failed: the message is taken at the next poll"), 0, 0, 0, 0);
        rc = ERR_DB;
        break;
      }
      Arena a;
      arena_init(&a);
      /* the refusal's own message, in the reader's language too (one saying a limit with its number) */
      ErrItem first = err_item(&e, 0);
      const char *said = case_note_err(&a, &first);
      if( e.field ) inbox_said(refused_why, sizeof refused_why, N_("UID %s (%s): %s: %s"), u, t.message_id, e.field, said);
      else inbox_said(refused_why, sizeof refused_why, N_("UID %s (%s): %s"), u, t.message_id, said, 0);
      arena_free(&a);
    }
    /* it cannot become a case: recorded with the mark, then left unread and flagged for a person */
    rc = inbox_refuse(db, office_id, &mark, refused_why);
    if( rc!=OK ){
      inbox_said(why, n, rc==ERR_CONFLICT ? N_("the mailbox's address changed during the poll: it is read again at the next poll")
                                          : N_("the database failed: the message is taken at the next poll"), 0, 0, 0, 0);
      break;
    }
    (*refused)++;
    Arena a;
    arena_init(&a);
    log_warn("inbox: office %lld: a message cannot become a case, left flagged: %s", (long long)office_id, inbox_english(&a, refused_why));
    arena_free(&a);
    inbox_courtesy(&m, office_id, uids[i], m.keywords ? "-FLAGS.SILENT (\\Seen " INBOX_BACKLOG ")" : "-FLAGS.SILENT (\\Seen)");
    inbox_courtesy(&m, office_id, uids[i], m.keywords ? "+FLAGS.SILENT (\\Flagged " INBOX_REFUSED ")" : "+FLAGS.SILENT (\\Flagged)");
  }
  free(uids);
  *courtesies = m.courtesies;
  snprintf(warn, wn, "%s", m.warn);
  imap_close(&m);
  return rc;
}

/* Poll every office whose turn it is (see helpdesk.h). */
int inbox_poll_due(Db *db, int64_t now, size_t limit, int *taken){
  int64_t ids[32];
  int n = 0, total = 0;
  Stmt *q = db_prepare(db, "SELECT office_id FROM mail_inbox WHERE enabled=1 AND next_poll_at<=?1 ORDER BY next_poll_at LIMIT 32");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, now);
  while( n<(int)COUNT(ids) && db_step(q)==DB_ROW ) ids[n++] = db_col_int64(q, 0);
  db_reset(q);
  for(int i=0; i<n && !worker_stopping(&inbox_worker); i++){
    /* the claim: one node polls an office at a time */
    Stmt *c = db_prepare(db, "UPDATE mail_inbox SET next_poll_at=?3, claimed_by=?4 WHERE office_id=?1 AND enabled=1 AND next_poll_at<=?2");
    if( c==0 ) return ERR_DB;
    db_bind_int64(c, 1, ids[i]);
    db_bind_int64(c, 2, now);
    db_bind_int64(c, 3, time_now() + INBOX_CLAIM_S);
    db_bind_text(c, 4, worker_holder());
    if( db_run(c)!=OK || db_changes(db)!=1 ) continue;
    InboxSettings s;
    char pw[128], why[600] = "", warn[600];
    if( inbox_read(db, ids[i], &s, pw, sizeof pw)!=OK ) return ERR_DB;
    int got = 0, refused = 0, courtesies = 0;
    int rc = inbox_poll(db, ids[i], &s, pw, limit, &got, &refused, why, sizeof why, warn, sizeof warn, &courtesies);
    total += got;
    if( rc==OK ) why[0] = 0;
    /* said once per change of state: failing (with what), or working again */
    if( strcmp(why, s.last_error) ){
      Arena a;
      arena_init(&a);
      if( why[0] ) log_warn("inbox: office %lld: %s", (long long)ids[i], inbox_english(&a, why));
      else log_info("inbox: office %lld: the mailbox is read again", (long long)ids[i]);
      arena_free(&a);
    }
    /* the warning stays until a later poll sets a flag again (a poll with no message says nothing of it) */
    Stmt *u = db_prepare(db, "UPDATE mail_inbox SET last_poll_at=?2, last_error=?3, next_poll_at=?4, claimed_by='',"
                             " last_warning=CASE WHEN ?6=1 THEN ?5 ELSE last_warning END WHERE office_id=?1");
    if( u==0 ) return ERR_DB;
    int64_t end = time_now();
    db_bind_int64(u, 1, ids[i]);
    db_bind_int64(u, 2, end);
    db_bind_text(u, 3, why);
    db_bind_int64(u, 4, end + s.poll_s);
    db_bind_text(u, 5, warn);
    db_bind_int(u, 6, courtesies>0 || warn[0]);
    if( db_run(u)!=OK ) return ERR_DB;
  }
  if( taken ) *taken = total;
  return OK;
}

/* How many offices' mailboxes failed at their last poll (for /metrics). */
int inbox_failing(Db *db, int64_t *n){
  *n = 0;
  Stmt *q = db_prepare(db, "SELECT count(*) FROM mail_inbox WHERE enabled=1 AND last_error<>''");
  if( q==0 ) return ERR_DB;
  int st = db_step(q);
  if( st==DB_ROW ) *n = db_col_int64(q, 0);
  db_reset(q);
  return st==DB_ROW ? OK : ERR_DB;
}

/* ---- the thread of `loket serve` ---- */
static size_t inbox_limit;

/* One pass: the mailboxes whose turn it is. */
static void inbox_tick(void){
  static int failed;   /* said once while the database fails, every 2 s */
  Db *db = db_thread();
  int n = 0, rc = inbox_poll_due(db, time_now(), inbox_limit, &n);
  if( rc!=OK && !failed ) log_error("inbox: the pass failed: %s", db_errmsg(db));
  else if( rc==OK && failed ) log_info("inbox: the passes work again");
  failed = rc!=OK;
  db_unreset(db);   /* a statement a pass forgot: logged and reset */
}

static Worker inbox_worker = WORKER_INIT("inbox", inbox_tick);

/* Start the thread (see helpdesk.h). */
int inbox_start(const Config *cfg){
  if( inbox_worker.running ) return OK;
  inbox_limit = cfg->attachment_limit;
  int back = 0;
  if( mail_claims_reclaim(db_thread(), MAIL_CLAIMS_INBOX, &back)!=OK )
    log_warn("inbox: the claims of a killed server could not be read: they run out in %d s", INBOX_CLAIM_S);
  if( curl_global_init(CURL_GLOBAL_DEFAULT)!=CURLE_OK ){ log_error("inbox: libcurl failed to start"); return ERR_IO; }
  if( worker_start(&inbox_worker, INBOX_TICK_S)!=OK ){ curl_global_cleanup(); return ERR_IO; }
  return OK;
}

/* Stop the thread and wait (see helpdesk.h). */
void inbox_stop(void){
  if( !inbox_worker.running ) return;
  worker_stop(&inbox_worker);
  curl_global_cleanup();
}
