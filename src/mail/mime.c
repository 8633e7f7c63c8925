/*
** mime.c — reading a message that came in (an e-mailed question pasted or uploaded as
** .eml): a header's value unfolded, and RFC 2047 encoded-words
** (=?UTF-8?B?…?=, =?iso-8859-1?Q?…?=, any charset iconv knows) turned into UTF-8, as
** mail programs write a name or a subject that is not plain ASCII.
*/
#include "mail.h"
#include "../core/ident.h"
#include <iconv.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The value of header name in a message's header block (unfolded, at most n-1 bytes, as it
** is written: see mail_decode_words); "" when none. */
void mail_header(const char *msg, size_t len, const char *name, char *out, size_t n){
  size_t nl = strlen(name), k = 0;
  out[0] = 0;
  for(size_t i=0; i<len; ){
    size_t end = i;
    while( end<len && msg[end]!='\n' ) end++;
    size_t line = end - i;
    if( line==0 || (line==1 && msg[i]=='\r') ) return;           /* the body starts */
    if( line>nl && strncasecmp(msg+i, name, nl)==0 && msg[i+nl]==':' ){
      size_t j = i+nl+1;
      for(;;){
        while( j<end && (msg[j]==' ' || msg[j]=='\t') ) j++;
        while( j<end && msg[j]!='\r' && k+1<n ) out[k++] = msg[j++];
        /* a folded line goes on */
        if( end+1<len && (msg[end+1]==' ' || msg[end+1]=='\t') ){
          j = end+1;
          end = j;
          while( end<len && msg[end]!='\n' ) end++;
          if( k+1<n ) out[k++] = ' ';
          continue;
        }
        break;
      }
      out[k] = 0;
      return;
    }
    i = end+1;
  }
}

/* Where a message's body starts: after the blank line that ends its headers; len when none. */
size_t mail_body_at(const char *msg, size_t len){
  for(size_t i=0; i+1<len; i++){
    if( msg[i]!='\n' ) continue;
    if( msg[i+1]=='\n' ) return i+2;
    if( msg[i+1]=='\r' && i+2<len && msg[i+2]=='\n' ) return i+3;
  }
  return len;
}

/* The value of a hexadecimal digit; -1 when c is not one. */
static int mime_hex(int c){
  if( c>='0' && c<='9' ) return c-'0';
  if( c>='a' && c<='f' ) return c-'a'+10;
  if( c>='A' && c<='F' ) return c-'A'+10;
  return -1;
}

/* Decode the text of one encoded-word (B: base64, Q: quoted-printable with _ for space) into
** bin; its length, or -1 when it is not well formed. */
static long mime_word_bytes(int enc, const char *z, size_t n, unsigned char *bin, size_t cap){
  if( enc=='B' || enc=='b' ){
    size_t len;
    if( sodium_base642bin(bin, cap, z, n, 0, &len, 0, sodium_base64_VARIANT_ORIGINAL)!=0 ) return -1;
    return (long)len;
  }
  size_t k = 0;
  for(size_t i=0; i<n && k<cap; i++){
    if( z[i]=='_' ) bin[k++] = ' ';
    else if( z[i]=='=' ){
      if( i+2>=n ) return -1;
      int h = mime_hex((unsigned char)z[i+1]), l = mime_hex((unsigned char)z[i+2]);
      if( h<0 || l<0 ) return -1;
      bin[k++] = (unsigned char)(h*16 + l);
      i += 2;
    }else bin[k++] = (unsigned char)z[i];
  }
  return (long)k;
}

/* Append n bytes of charset cs to out as UTF-8; 0 when the charset is not known. */
static int mime_to_utf8(const char *cs, const unsigned char *bin, size_t n, Buf *out){
  if( strcasecmp(cs, "utf-8")==0 || strcasecmp(cs, "us-ascii")==0 ){
    buf_append(out, bin, n);
    return 1;
  }
  iconv_t cd = iconv_open("UTF-8", cs);
  if( cd==(iconv_t)-1 ) return 0;
  char *in = (char*)bin;
  size_t left = n;
  while( left>0 ){
    char chunk[256], *o = chunk;
    size_t room = sizeof chunk;
    size_t r = iconv(cd, &in, &left, &o, &room);
    buf_append(out, chunk, sizeof chunk - room);
    if( r==(size_t)-1 && o==chunk ){   /* a byte the charset does not have: U+FFFD, and on */
      buf_puts(out, "\xEF\xBF\xBD");
      in++;
      left--;
    }
  }
  iconv_close(cd);
  return 1;
}

/* Parse an encoded-word at z ("=?charset?B?text?="): append its text as UTF-8 to out and
** return its length, or 0 when z does not start one (or names a charset not known). */
static size_t mime_word(const char *z, Buf *out){
  if( z[0]!='=' || z[1]!='?' ) return 0;
  const char *cs = z+2, *q1 = strchr(cs, '?');
  if( q1==0 || q1==cs || q1-cs>40 || (q1[1]!='B' && q1[1]!='b' && q1[1]!='Q' && q1[1]!='q') || q1[2]!='?' ) return 0;
  const char *text = q1+3, *end = strstr(text, "?=");
  if( end==0 || end-text>1000 ) return 0;
  for(const char *p=text; p<end; p++) if( *p==' ' || *p=='\t' ) return 0;   /* no white space inside */
  char charset[41];
  size_t cl = strcspn(cs, "*?");   /* RFC 2231: a language after '*' */
  snprintf(charset, sizeof charset, "%.*s", (int)cl, cs);
  unsigned char bin[1024];
  long n = mime_word_bytes(q1[1], text, (size_t)(end-text), bin, sizeof bin);
  if( n<0 ) return 0;
  if( !mime_to_utf8(charset, bin, (size_t)n, out) ) return 0;
  return (size_t)(end+2 - z);
}

/* A header's value with its RFC 2047 encoded-words decoded into out (at most n-1 bytes, cut on
** a character): the white space between two encoded-words dropped, what is not well-formed
** UTF-8 shown as U+FFFD, a control character as a space. */
void mail_decode_words(const char *in, char *out, size_t n){
  Buf b = BUF_INIT;
  int last_word = 0;
  for(const char *z = in; *z; ){
    size_t w = mime_word(z, &b);
    if( w ){ z += w; last_word = 1; continue; }
    if( *z==' ' || *z=='\t' || *z=='\r' || *z=='\n' ){   /* folding white space */
      size_t sp = strspn(z, " \t\r\n");
      Buf probe = BUF_INIT;
      int next_word = last_word && mime_word(z+sp, &probe)>0;
      buf_free(&probe);
      if( !next_word ) buf_append(&b, z, sp);
      z += sp;
      continue;
    }
    buf_append(&b, z, 1);
    z++;
    last_word = 0;
  }
  const char *s = buf_str(&b);
  size_t k = 0;
  for(size_t i=0; i<b.n && k+1<n; ){
    int len = util_utf8_seq(s+i, b.n-i);
    if( len<=0 ){
      if( k+4>n ) break;
      memcpy(out+k, "\xEF\xBF\xBD", 3);
      k += 3;
      i++;
      continue;
    }
    if( k+(size_t)len+1>n ) break;
    char one[5] = { 0 };
    memcpy(one, s+i, (size_t)len);
    if( util_has_control(one, 0) ) out[k++] = ' ';   /* C0, DEL or C1: as typed text is refused (one check) */
    else{ memcpy(out+k, s+i, (size_t)len); k += (size_t)len; }
    i += (size_t)len;
  }
  out[k] = 0;
  buf_free(&b);
}

/* Undo what mail_imap_utf7 appended to out past n0: ERR_INVALID. */
static int mail_imap_utf7_refuse(Buf *out, size_t n0){
  out->n = n0;
  if( out->z ) out->z[n0] = 0;
  return ERR_INVALID;
}

/* A mailbox's name (UTF-8) as IMAP names it, modified UTF-7 (RFC 3501 5.1.3), appended to out:
** printable ASCII as itself ("&" as "&-"), every run of other characters as UTF-16 in base64
** ("," for "/") between "&" and "-". ERR_INVALID when name is not well-formed UTF-8 or holds a
** control character (nothing appended then). */
int mail_imap_utf7(const char *name, Buf *out){
  static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";
  size_t n = strlen(name), n0 = out->n;
  for(size_t i=0; i<n; ){
    unsigned char c = (unsigned char)name[i];
    if( c>=0x20 && c<0x7f ){
      buf_putc(out, (char)c);
      if( c=='&' ) buf_putc(out, '-');
      i++;
      continue;
    }
    if( c<0x80 ) return mail_imap_utf7_refuse(out, n0);   /* C0 or DEL */
    buf_putc(out, '&');
    uint32_t bits = 0;
    int nb = 0;
    while( i<n && (unsigned char)name[i]>=0x80 ){
      int k = util_utf8_seq(name+i, n-i);
      if( k==0 ) return mail_imap_utf7_refuse(out, n0);
      const unsigned char *u = (const unsigned char*)name+i;
      uint32_t cp = k==2 ? (u[0]&0x1Fu)<<6 | (u[1]&0x3Fu)
                  : k==3 ? (u[0]&0x0Fu)<<12 | (u[1]&0x3Fu)<<6 | (u[2]&0x3Fu)
                  : (u[0]&0x07u)<<18 | (u[1]&0x3Fu)<<12 | (u[2]&0x3Fu)<<6 | (u[3]&0x3Fu);
      if( cp<0xA0 ) return mail_imap_utf7_refuse(out, n0);   /* C1 controls */
      uint16_t w[2] = { (uint16_t)cp, 0 };
      int nw = 1;
      if( cp>=0x10000 ){ cp -= 0x10000; w[0] = (uint16_t)(0xD800 + (cp>>10)); w[1] = (uint16_t)(0xDC00 + (cp&0x3FF)); nw = 2; }
      for(int j=0; j<nw; j++){
        bits = (bits<<16 | w[j]) & 0x3FFFFFu;   /* at most 5 bits left over, then 16 more */
        nb += 16;
        while( nb>=6 ){ nb -= 6; buf_putc(out, b64[(bits>>nb) & 63]); }
      }
      i += (size_t)k;
    }
    if( nb ) buf_putc(out, b64[(bits<<(6-nb)) & 63]);
    buf_putc(out, '-');
  }
  return OK;
}

/* Append code point cp as UTF-8. */
static void mail_utf8_put(Buf *out, uint32_t cp){
  if( cp<0x80 ) buf_putc(out, (char)cp);
  else if( cp<0x800 ){ buf_putc(out, (char)(0xC0|cp>>6)); buf_putc(out, (char)(0x80|(cp&0x3F))); }
  else if( cp<0x10000 ){
    buf_putc(out, (char)(0xE0|cp>>12)); buf_putc(out, (char)(0x80|((cp>>6)&0x3F))); buf_putc(out, (char)(0x80|(cp&0x3F)));
  }else{
    buf_putc(out, (char)(0xF0|cp>>18)); buf_putc(out, (char)(0x80|((cp>>12)&0x3F)));
    buf_putc(out, (char)(0x80|((cp>>6)&0x3F))); buf_putc(out, (char)(0x80|(cp&0x3F)));
  }
}

/* A mailbox's name as IMAP writes it (modified UTF-7, RFC 3501 5.1.3) as UTF-8, appended to out:
** what mail_imap_utf7 wrote, back. ERR_INVALID when it is not well-formed modified UTF-7 (a byte
** outside printable ASCII, an "&" run not closed by "-", a bad base64 letter, a lone surrogate, a
** control character; nothing appended then). */
int mail_imap_utf7_decode(const char *name, Buf *out){
  size_t n0 = out->n;
  for(const char *p = name; *p; ){
    unsigned char c = (unsigned char)*p;
    if( c<0x20 || c>=0x7f ) return mail_imap_utf7_refuse(out, n0);
    if( c!='&' ){ buf_putc(out, (char)c); p++; continue; }
    p++;
    if( *p=='-' ){ buf_putc(out, '&'); p++; continue; }
    uint32_t bits = 0, hi = 0;
    int nb = 0, any = 0;
    for(; *p && *p!='-'; p++){
      const char *b = strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,", *p);
      if( b==0 ) return mail_imap_utf7_refuse(out, n0);
      bits = (bits<<6 | (uint32_t)(b - "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,")) & 0x3FFFFFu;
      nb += 6;
      if( nb<16 ) continue;
      nb -= 16;
      uint32_t w = (bits>>nb) & 0xFFFF;
      any = 1;
      if( hi ){
        if( w<0xDC00 || w>0xDFFF ) return mail_imap_utf7_refuse(out, n0);
        mail_utf8_put(out, 0x10000 + ((hi-0xD800)<<10) + (w-0xDC00));
        hi = 0;
      }else if( w>=0xD800 && w<=0xDBFF ) hi = w;
      else if( w>=0xDC00 && w<=0xDFFF ) return mail_imap_utf7_refuse(out, n0);
      else if( w<0xA0 ) return mail_imap_utf7_refuse(out, n0);   /* ASCII is itself, C1 controls none */
      else mail_utf8_put(out, w);
    }
    /* closed by "-", no half surrogate, the bits left over zero and fewer than 6 */
    if( *p!='-' || !any || hi || nb>=6 || (bits & ((1u<<nb)-1)) ) return mail_imap_utf7_refuse(out, n0);
    p++;
  }
  return OK;
}

/* The value of parameter name (charset, boundary) in a header's value, unquoted, into out; "" none. */
static void mime_param(const char *v, const char *name, char *out, size_t n){
  size_t nl = strlen(name);
  out[0] = 0;
  for(const char *p = strchr(v, ';'); p; p = strchr(p+1, ';')){
    const char *s = p+1;
    while( *s==' ' || *s=='\t' ) s++;
    if( strncasecmp(s, name, nl) || s[nl]!='=' ) continue;
    s += nl+1;
    size_t k = 0;
    if( *s=='"' ){ s++; while( *s && *s!='"' && k+1<n ) out[k++] = *s++; }
    else while( *s && !strchr("; \t", *s) && k+1<n ) out[k++] = *s++;
    out[k] = 0;
    return;
  }
}

/* The body of one part (n bytes at z) decoded by its transfer encoding and charset, appended to out. */
static void mime_part_decode(const char *z, size_t n, const char *cte, const char *charset, Buf *out){
  Buf bin = BUF_INIT;
  if( strcasecmp(cte, "base64")==0 ){
    unsigned char *d = malloc(n+1);
    size_t len = 0;
    if( d && sodium_base642bin(d, n+1, z, n, " \t\r\n", &len, 0, sodium_base64_VARIANT_ORIGINAL)==0 ) buf_append(&bin, d, len);
    free(d);
  }else if( strcasecmp(cte, "quoted-printable")==0 ){
    for(size_t i=0; i<n; i++){
      if( z[i]!='=' ){ buf_append(&bin, z+i, 1); continue; }
      if( i+1<n && (z[i+1]=='\n' || (z[i+1]=='\r' && i+2<n && z[i+2]=='\n')) ){ i += z[i+1]=='\r' ? 2 : 1; continue; }  /* a soft line break */
      int h = i+2<n ? mime_hex((unsigned char)z[i+1]) : -1, l = i+2<n ? mime_hex((unsigned char)z[i+2]) : -1;
      if( h<0 || l<0 ){ buf_append(&bin, z+i, 1); continue; }
      char c = (char)(h*16+l);
      buf_append(&bin, &c, 1);
      i += 2;
    }
  }else buf_append(&bin, z, n);
  if( !mime_to_utf8(charset[0] ? charset : "utf-8", (const unsigned char*)buf_str(&bin), bin.n, out) ) buf_append(out, bin.z, bin.n);
  buf_free(&bin);
}

/* The text of HTML (n bytes at z): tags dropped (a <br>, </p>, </div>, </li>, </tr> as a line
** break), <style> and <script> left out, the common entities read. */
static void mime_html_text(const char *z, size_t n, Buf *out){
  static const char *const ent[][2] = { { "&nbsp;", " " }, { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
                                        { "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" } };
  for(size_t i=0; i<n; ){
    if( z[i]=='<' ){
      const char *e = memchr(z+i, '>', n-i);
      size_t t = e ? (size_t)(e - (z+i)) + 1 : n-i;
      const char *tag = z+i+1;
      if( strncasecmp(tag, "style", 5)==0 || strncasecmp(tag, "script", 6)==0 ){   /* to its end tag */
        const char *close = strncasecmp(tag, "style", 5)==0 ? "</style" : "</script";
        size_t j = i+t;
        while( j<n && strncasecmp(z+j, close, strlen(close)) ) j++;
        e = j<n ? memchr(z+j, '>', n-j) : 0;
        i = e ? (size_t)(e - z) + 1 : n;
        continue;
      }
      if( strncasecmp(tag, "br", 2)==0 || strncasecmp(tag, "/p", 2)==0 || strncasecmp(tag, "/div", 4)==0
          || strncasecmp(tag, "/li", 3)==0 || strncasecmp(tag, "/tr", 3)==0 || strncasecmp(tag, "/h", 2)==0 ) buf_puts(out, "\n");
      i += t;
      continue;
    }
    if( z[i]=='&' ){
      size_t k;
      for(k=0; k<COUNT(ent); k++){
        size_t el = strlen(ent[k][0]);
        if( i+el<=n && strncasecmp(z+i, ent[k][0], el)==0 ){ buf_puts(out, ent[k][1]); i += el; break; }
      }
      if( k<COUNT(ent) ) continue;
    }
    if( z[i]=='\r' || ((z[i]=='\n' || z[i]=='\t') && out->n && strchr(" \n", out->z[out->n-1])) ){ i++; continue; }
    buf_append(out, z[i]=='\n' || z[i]=='\t' ? " " : z+i, 1);
    i++;
  }
}

/* A multipart's body read delimiter line by delimiter line (mime_delim_next). */
typedef struct MimeDelims { const char *q, *end, *delim; size_t dl; } MimeDelims;

/* The next line of d that starts with its delimiter: *line its start, *le its end (without the '\n'),
** *next the start of the line after it (the body's end at the last); 0 when no such line is left. */
static int mime_delim_next(MimeDelims *d, const char **line, const char **le, const char **next){
  while( d->q<d->end ){
    const char *p = d->q, *nl = memchr(p, '\n', (size_t)(d->end-p));
    const char *e = nl ? nl : d->end;
    d->q = nl ? nl+1 : d->end;
    if( (size_t)(e-p)>=d->dl && memcmp(p, d->delim, d->dl)==0 ){ *line = p; *le = e; *next = d->q; return 1; }
  }
  return 0;
}

/* 1 when the delimiter line from line to le closes the multipart ("--" right after the delimiter). */
static int mime_delim_closes(const MimeDelims *d, const char *line, const char *le){
  return le-line>=(long)d->dl+2 && line[d->dl]=='-' && line[d->dl+1]=='-';
}

/* Where a part starting at part ends before the delimiter line at line: the line break before a
** delimiter belongs to it (RFC 2046). */
static const char *mime_part_end(const char *part, const char *line){
  const char *pe = line;
  if( pe>part && pe[-1]=='\n' ) pe--;
  if( pe>part && pe[-1]=='\r' ) pe--;
  return pe;
}

/* The text of one entity (headers and body, n bytes at z) into out: see mail_text. 1 when found. */
static int mime_entity_text(const char *z, size_t n, int depth, int html, Buf *out){
  char ctype[300], cte[64], disp[200], charset[41];
  mail_header(z, n, "Content-Type", ctype, sizeof ctype);
  mail_header(z, n, "Content-Transfer-Encoding", cte, sizeof cte);
  mail_header(z, n, "Content-Disposition", disp, sizeof disp);
  mime_param(ctype, "charset", charset, sizeof charset);
  size_t b0 = mail_body_at(z, n);
  if( b0>n ) b0 = n;
  if( strncasecmp(disp, "attachment", 10)==0 ) return 0;
  if( strncasecmp(ctype, "multipart/", 10)==0 ){
    char bound[200], delim[204];
    mime_param(ctype, "boundary", bound, sizeof bound);
    if( bound[0]==0 || depth>5 ) return 0;
    snprintf(delim, sizeof delim, "--%s", bound);
    /* the parts between the delimiter lines, each tried in turn */
    MimeDelims d = { z+b0, z+n, delim, strlen(delim) };
    const char *part = 0, *line, *le, *next;
    while( mime_delim_next(&d, &line, &le, &next) ){
      if( part && mime_entity_text(part, (size_t)(mime_part_end(part, line)-part), depth+1, html, out) ) return 1;
      if( mime_delim_closes(&d, line, le) ) return 0;
      part = next;
    }
    return 0;
  }
  int plain = ctype[0]==0 || strncasecmp(ctype, "text/plain", 10)==0;
  int is_html = strncasecmp(ctype, "text/html", 9)==0;
  if( !(html ? is_html : plain) ) return 0;
  if( is_html ){
    Buf h = BUF_INIT;
    mime_part_decode(z+b0, n-b0, cte, charset, &h);
    mime_html_text(h.z ? h.z : "", h.n, out);
    buf_free(&h);
  }else mime_part_decode(z+b0, n-b0, cte, charset, out);
  return 1;
}

/* The text of a message as a person reads it, appended to out as UTF-8: its first text/plain part
** (a multipart's, not an attachment), decoded from base64 or quoted-printable and its charset;
** when it has none, its first text/html part without the tags. 0 when it has neither. */
int mail_text(const char *msg, size_t len, Buf *out){
  return mime_entity_text(msg, len, 0, 0, out) || mime_entity_text(msg, len, 0, 1, out);
}

/* 1 when a message was sent by a program, not a person, and must not be answered (RFC 3834): an
** Auto-Submitted other than "no", an out-of-office's X-Autoreply, Precedence bulk, junk or
** auto_reply, a delivery report (multipart/report), or one from MAILER-DAEMON or postmaster. */
int mail_automatic(const char *msg, size_t len){
  char v[300];
  mail_header(msg, len, "Auto-Submitted", v, sizeof v);
  if( v[0] && strncasecmp(v, "no", 2) ) return 1;
  mail_header(msg, len, "X-Autoreply", v, sizeof v);
  if( v[0] ) return 1;
  mail_header(msg, len, "X-Autorespond", v, sizeof v);
  if( v[0] ) return 1;
  mail_header(msg, len, "Precedence", v, sizeof v);
  if( strcasecmp(v, "bulk")==0 || strcasecmp(v, "junk")==0 || strcasecmp(v, "auto_reply")==0 ) return 1;
  mail_header(msg, len, "Content-Type", v, sizeof v);
  if( strncasecmp(v, "multipart/report", 16)==0 ) return 1;
  mail_header(msg, len, "From", v, sizeof v);
  char addr[300], name[300];
  ident_email_read(v, IDENT_ADDR_MAIL, addr, sizeof addr, name, sizeof name);
  if( (strncasecmp(addr, "mailer-daemon@", 14)==0 || strncasecmp(addr, "postmaster@", 11)==0
               || strcasecmp(addr, "mailer-daemon")==0) ) return 1;
  return 0;
}

/* ---- the parts of a message, checked one by one (mail_clean) ---- */

/* How many header lines named name the header block of an entity (n bytes at z) has. */
static int mime_header_count(const char *z, size_t n, const char *name){
  size_t nl = strlen(name);
  int k = 0;
  for(size_t i=0; i<n; ){
    size_t end = i;
    while( end<n && z[end]!='\n' ) end++;
    if( end==i || (end==i+1 && z[i]=='\r') ) break;
    if( end-i>nl && strncasecmp(z+i, name, nl)==0 && z[i+nl]==':' ) k++;
    i = end+1;
  }
  return k;
}

/* The name a part gives its file (Content-Disposition's filename, RFC 2231's filename*, else
** Content-Type's name), RFC 2047 and %XX decoded, into out (n bytes); "" when none. */
static void mime_part_name(const char *ctype, const char *disp, char *out, size_t n){
  static const struct { int disp; const char *p; } tries[] = {
    { 1, "filename*" }, { 1, "filename*0*" }, { 1, "filename" }, { 1, "filename*0" },
    { 0, "name*" }, { 0, "name*0*" }, { 0, "name" }, { 0, "name*0" } };
  char raw[400];
  out[0] = 0;
  for(size_t i=0; i<COUNT(tries); i++){
    mime_param(tries[i].disp ? disp : ctype, tries[i].p, raw, sizeof raw);
    if( raw[0]==0 ) continue;
    const char *v = raw;
    if( tries[i].p[strlen(tries[i].p)-1]=='*' ){   /* charset'language'%XX… */
      const char *q = strchr(raw, '\'');
      q = q ? strchr(q+1, '\'') : 0;
      if( q ) v = q+1;
      char *d = raw;
      for(const char *s = v; *s; s++){
        int h = s[0]=='%' ? mime_hex((unsigned char)s[1]) : -1, l = h>=0 ? mime_hex((unsigned char)s[2]) : -1;
        if( h>=0 && l>=0 ){ *d++ = (char)(h*16+l); s += 2; }
        else *d++ = *s;
      }
      *d = 0;
      v = raw;
    }
    mail_decode_words(v, out, n);
    return;
  }
}

/* The bytes of a part's body (n at z) as its transfer encoding wrote them, into out; 0 when the
** encoding is not one known here (the part cannot be read, nor checked). */
static int mime_part_bytes(const char *z, size_t n, const char *cte, Buf *out){
  if( cte[0]==0 || strcasecmp(cte, "7bit")==0 || strcasecmp(cte, "8bit")==0 || strcasecmp(cte, "binary")==0 ){
    buf_append(out, z, n);
    return 1;
  }
  if( strcasecmp(cte, "base64")==0 ){
    /* strictly: a lenient reader skips what is not base64, and would find a file where a strict one
    ** finds an error; such a part is not read here (left out) */
    unsigned char *d = malloc(n+1);
    size_t len = 0;
    int ok = d && sodium_base642bin(d, n+1, z, n, " \t\r\n", &len, 0, sodium_base64_VARIANT_ORIGINAL)==0;
    if( ok ) buf_append(out, d, len);
    free(d);
    return ok;
  }
  if( strcasecmp(cte, "quoted-printable")==0 ){
    mime_part_decode(z, n, cte, "us-ascii", out);   /* the bytes as they are: no charset turned into UTF-8 */
    return 1;
  }
  return 0;
}

/* The line end a message uses: CRLF when its first line has one. */
static const char *mime_eol(const char *z, size_t n){
  const char *nl = memchr(z, '\n', n);
  return nl && nl>z && nl[-1]=='\r' ? "\r\n" : "\n";
}

/* An entity (n bytes at z) written to out in place of one left out: its header lines but its
** Content-* ones, then a text part saying which file Loket left out, in Indonesian and English. */
static void mime_left_out(const char *z, size_t n, const char *name, const char *eol, Buf *out){
  for(size_t i=0; i<n; ){
    size_t end = i;
    while( end<n && z[end]!='\n' ) end++;
    if( end==i || (end==i+1 && z[i]=='\r') ) break;
    int skip = strncasecmp(z+i, "Content-", 8)==0;
    for(;;){   /* the line and its folded continuations */
      if( !skip ) buf_append(out, z+i, end<n ? end-i+1 : end-i);
      i = end<n ? end+1 : n;
      if( i<n && (z[i]==' ' || z[i]=='\t') ){ end = i; while( end<n && z[end]!='\n' ) end++; continue; }
      break;
    }
  }
  if( out->n && out->z[out->n-1]!='\n' ) buf_puts(out, eol);
  buf_printf(out, "Content-Type: text/plain; charset=UTF-8%sContent-Transfer-Encoding: 8bit%s%s", eol, eol, eol);
  buf_printf(out, "[Loket: lampiran \"%s\" dikeluarkan dari pesan ini: jenis berkasnya tidak diterima sebagai"
                  " lampiran kasus.]%s[Loket: the attachment \"%s\" was left out of this message: its type of file is"
                  " not accepted as a case's attachment.]%s", name, eol, name, eol);
}

/* How many times the words w (lower case) are in z, letters compared without case. */
static int mime_count_words(const char *z, const char *w){
  int k = 0;
  size_t wl = strlen(w);
  for(const char *p = z; *p; p++) if( strncasecmp(p, w, wl)==0 ) k++;
  return k;
}

/* 1 when the delimiters of a multipart's body (n bytes at z, delim its "--boundary") are read the
** same by every mail program: one at least, and no line that starts as one but goes on otherwise than
** RFC 2046 lets it ("--" to close it, then spaces) — a lenient reader would split there, a strict one
** not, and a file could hide in between. */
static int mime_delims_plain(const char *z, size_t n, const char *delim){
  MimeDelims d = { z, z+n, delim, strlen(delim) };
  const char *line, *le, *next;
  int found = 0;
  while( mime_delim_next(&d, &line, &le, &next) ){
    const char *r = line + d.dl + (mime_delim_closes(&d, line, le) ? 2 : 0);
    while( r<le && (*r==' ' || *r=='\t' || *r=='\r') ) r++;
    if( r<le ) return 0;
    found = 1;
  }
  return found;
}

/* Check one entity (n bytes at z, depth deep) as mail_clean does, written to out. */
static void mime_clean_entity(const char *z, size_t n, int depth, MailJudge judge, void *ctx, const char *eol,
                              Buf *out, int *cut){
  char ctype[400], cte[64], disp[400], name[300];
  mail_header(z, n, "Content-Type", ctype, sizeof ctype);
  mail_header(z, n, "Content-Transfer-Encoding", cte, sizeof cte);
  mail_header(z, n, "Content-Disposition", disp, sizeof disp);
  mime_part_name(ctype, disp, name, sizeof name);
  size_t b0 = mail_body_at(z, n);
  if( b0>n ) b0 = n;
  MailPart p = { name, ctype, 0, 0, 1 };
  int multi = strncasecmp(ctype, "multipart/", 10)==0;
  int inner = strncasecmp(ctype, "message/rfc822", 14)==0 && (cte[0]==0 || strcasecmp(cte, "7bit")==0
              || strcasecmp(cte, "8bit")==0 || strcasecmp(cte, "binary")==0);
  /* what a mail program could read otherwise than here is not read at all: left out; so is a part
  ** holding parts deeper than MAIL_CLEAN_DEPTH (a single part that deep is judged as any other: the
  ** text left in place of one cut there is kept when the message is cleaned again) */
  if( mime_header_count(z, n, "Content-Type")>1 || mime_header_count(z, n, "Content-Transfer-Encoding")>1
      || mime_header_count(z, n, "Content-Disposition")>1 || (depth>MAIL_CLEAN_DEPTH && (multi || inner)) ) p.readable = 0;
  char bound[200], delim[204];
  bound[0] = 0;
  /* one boundary, said once (a second one a mail program may take instead), found as RFC 2046 has it */
  if( multi && mime_count_words(ctype, "boundary")==1 ) mime_param(ctype, "boundary", bound, sizeof bound);
  snprintf(delim, sizeof delim, "--%s", bound);
  if( bound[0] && !mime_delims_plain(z+b0, n-b0, delim) ) bound[0] = 0;
  if( p.readable && multi && bound[0] ){
    buf_append(out, z, b0);   /* its headers */
    MimeDelims d = { z+b0, z+n, delim, strlen(delim) };
    const char *end = z+n, *part = 0, *copied = z+b0, *line, *le, *next;
    int closed = 0;
    while( !closed && mime_delim_next(&d, &line, &le, &next) ){
      if( part ){
        const char *pe = mime_part_end(part, line);
        mime_clean_entity(part, (size_t)(pe-part), depth+1, judge, ctx, eol, out, cut);
        copied = pe;
      }
      buf_append(out, copied, (size_t)(next - copied));   /* the line end before it, the delimiter */
      closed = mime_delim_closes(&d, line, le);
      part = copied = next;
    }
    /* a part the closing delimiter never ends runs to the end, as a mail program reads it */
    if( !closed && part && part<end ){ mime_clean_entity(part, (size_t)(end-part), depth+1, judge, ctx, eol, out, cut); copied = end; }
    buf_append(out, copied, (size_t)(end-copied));   /* the preamble of one without parts, the epilogue */
    return;
  }
  if( p.readable && inner ){   /* a message forwarded whole: its own parts checked */
    buf_append(out, z, b0);
    mime_clean_entity(z+b0, n-b0, depth+1, judge, ctx, eol, out, cut);
    return;
  }
  if( p.readable && multi ) p.readable = 0;   /* a multipart without its boundary */
  /* the text of the message (a text/plain or text/html part that names no file) is read, not opened */
  int text = ctype[0]==0 || strncasecmp(ctype, "text/plain", 10)==0 || strncasecmp(ctype, "text/html", 9)==0;
  if( p.readable && text && name[0]==0 && strncasecmp(disp, "attachment", 10) ){ buf_append(out, z, n); return; }
  Buf bytes = BUF_INIT;
  if( p.readable && !mime_part_bytes(z+b0, n-b0, cte, &bytes) ) p.readable = 0;
  p.data = bytes.z;
  p.n = bytes.n;
  int keep = p.readable && (bytes.n==0 || judge(ctx, &p));   /* an empty part holds nothing to open */
  if( !p.readable ) judge(ctx, &p);   /* told, to say it; left out whatever it answers */
  buf_free(&bytes);
  if( keep ){ buf_append(out, z, n); return; }
  (*cut)++;
  char shown[300];
  size_t k = 0;
  for(const char *s = name[0] ? name : "-"; *s && k+1<sizeof shown; s++) shown[k++] = *s=='"' ? '\'' : *s;
  shown[k] = 0;
  mime_left_out(z, n, shown, eol, out);
}

/* A message with every part judge refuses left out (see mail.h). */
int mail_clean(const char *msg, size_t len, MailJudge judge, void *ctx, Buf *out){
  int cut = 0;
  mime_clean_entity(msg, len, 0, judge, ctx, mime_eol(msg, len), out, &cut);
  return cut;
}
