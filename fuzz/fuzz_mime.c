/*
** fuzz_mime.c — mail in and out (src/mail/mime.c, src/mail/sender.c): a pasted or uploaded
** message's headers (mail_header, unfolded), where its body starts, "Name <addr>" split and
** RFC 2047 encoded-words decoded to well-formed UTF-8; and the message Loket writes: a subject
** encoded by mail_encode_header decodes back to itself, quoted-printable lines stay within 76,
** and whatever From, To and Subject hold, mail_format's header block has only its own headers
** (no line a caller's text could add); a message's files judged (mail_clean): what it keeps is
** kept again whole.
*/
#include "fuzz.h"
#include "../src/mail/mail.h"
#include "../src/core/ident.h"

/* The input cut at its NULs into at most 4 texts (missing ones ""). */
static void fuzz_split(char *z, size_t n, const char *part[4]){
  int k = 0;
  part[0] = part[1] = part[2] = part[3] = "";
  part[k++] = z;
  for(size_t i=0; i<n && k<4; i++) if( z[i]==0 ) part[k++] = z+i+1;
}

/* mail_clean's judge here: a part whose bytes start "MZ" (a program) refused. */
static int fuzz_judge(void *ctx, const MailPart *p){
  (void)ctx;
  return !(p->n>=2 && memcmp(p->data, "MZ", 2)==0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  char *z = fuzz_str(data, size);
  char v[1024], d[4096];

  /* reading */
  mail_header(z, size, "Subject", v, sizeof v);
  FUZZ_CHECK(strlen(v)<sizeof v);
  mail_decode_words(v, d, sizeof d);
  FUZZ_CHECK(util_utf8_bad_line(d, strlen(d))==0);
  char small[8];
  mail_decode_words(z, small, sizeof small);
  FUZZ_CHECK(util_utf8_bad_line(small, strlen(small))==0);
  mail_header(z, size, "From", v, 5);
  mail_header(z, size, "From", v, sizeof v);
  /* the From read as mail reads it and as typed: what is typed Name <address> reads alike in mail */
  char ma[sizeof v], mn[sizeof v], ta[sizeof v], tn[sizeof v];
  int mr = ident_email_read(v, IDENT_ADDR_MAIL, ma, sizeof ma, mn, sizeof mn);
  int tr = ident_email_read(v, 0, ta, sizeof ta, tn, sizeof tn);
  FUZZ_CHECK(strlen(ma)<=strlen(v) && strlen(mn)<=strlen(v));
  if( tr==IDENT_ADDR_NAMED ) FUZZ_CHECK(mr==IDENT_ADDR_NAMED && strcmp(ma, ta)==0 && strcmp(mn, tn)==0);
  if( tr==IDENT_ADDR_BARE ) FUZZ_CHECK(strcmp(ta, v)==0);
  FUZZ_CHECK(mail_body_at(z, size)<=size);

  /* a message's files judged: what is kept is kept again whole (nothing refused is left, and
  ** the text put in a refused part's place is read as text) */
  Buf c1 = BUF_INIT, c2 = BUF_INIT;
  int cut = mail_clean(z, size, fuzz_judge, 0, &c1);
  if( cut==0 ) FUZZ_CHECK(c1.n==size && memcmp(c1.z ? c1.z : "", z, size)==0);
  FUZZ_CHECK(mail_clean(c1.z ? c1.z : "", c1.n, fuzz_judge, 0, &c2)==0);
  FUZZ_CHECK(c2.n==c1.n && memcmp(c2.z ? c2.z : "", c1.z ? c1.z : "", c1.n)==0);
  buf_free(&c1);
  buf_free(&c2);

  const char *part[4];
  fuzz_split(z, size, part);

  /* a subject written, then read back */
  Buf b = BUF_INIT;
  mail_encode_header(&b, part[0]);
  /* a subject of controls comes back with a space for each (C0, DEL and C1, as the reader has it) */
  int plain = util_utf8_bad_line(part[0], strlen(part[0]))==0 && !util_has_control(part[0], 0);
  if( plain && strlen(part[0])<1000 ){
    Buf u = BUF_INIT;   /* unfolded: CRLF taken out */
    for(size_t i=0; i<b.n; i++){
      if( b.z[i]=='\r' && i+1<b.n && b.z[i+1]=='\n' ){ i++; continue; }
      buf_putc(&u, b.z[i]);
    }
    char *back = malloc(u.n*3 + 16);
    mail_decode_words(buf_str(&u), back, u.n*3 + 16);
    if( strcmp(back, part[0])!=0 ) fprintf(stderr, "subject [%s] came back [%s]\n", part[0], back);
    FUZZ_CHECK(strcmp(back, part[0])==0);
    free(back);
    buf_free(&u);
  }
  buf_reset(&b);

  /* a body as quoted-printable */
  mail_encode_qp(&b, part[3]);
  for(size_t i=0, col=0; i<b.n; i++){
    if( b.z[i]=='\r' ){ FUZZ_CHECK(i+1<b.n && b.z[i+1]=='\n'); col = 0; i++; continue; }
    FUZZ_CHECK(b.z[i]!='\n');
    FUZZ_CHECK(++col<=76);
  }
  buf_reset(&b);

  /* a whole message: the headers are only those mail_format writes */
  mail_format(&b, part[0][0] ? part[0] : "loket@example.go.id", part[1], part[2], part[3], 1795000000, "x@y");
  const char *s = buf_str(&b), *end = strstr(s, "\r\n\r\n");
  FUZZ_CHECK(end!=0);
  static const char *const known[] = { "Date:", "From:", "To:", "Subject:", "Message-ID:", "MIME-Version:",
                                       "Content-Type:", "Content-Transfer-Encoding:", "Auto-Submitted:", 0 };
  for(const char *line = s; line<end; ){
    const char *nl = strstr(line, "\r\n");
    FUZZ_CHECK(nl!=0);
    for(const char *c = line; c<nl; c++) FUZZ_CHECK(*c!='\r' && *c!='\n');
    int ok = line[0]==' ' || line[0]=='\t';
    for(int i=0; !ok && known[i]; i++) ok = strncmp(line, known[i], strlen(known[i]))==0;
    if( !ok ) fprintf(stderr, "header line [%.*s]\n", (int)(nl-line), line);
    FUZZ_CHECK(ok);
    line = nl+2;
  }
  buf_free(&b);
  free(z);
  return 0;
}
