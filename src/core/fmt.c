/*
** fmt.c — the one printf engine. Every page, JSON document and log line is
** written through it, so escaping lives in this one audited place:
**   %h HTML text, %t URL component, %j JSON string body, %J quoted JSON or null,
**   %R raw markup already produced by this engine.
** Numeric conversions are handed to the C library one at a time.
*/
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* HTML-escape n bytes of z: & < > " ' become entities. */
void fmt_html(Buf *b, const char *z, size_t n){
  size_t i, j = 0;
  for(i=0; i<n; i++){
    const char *rep = 0;
    switch( z[i] ){
      case '&':  rep = "&amp;"; break;
      case '<':  rep = "&lt;"; break;
      case '>':  rep = "&gt;"; break;
      case '"':  rep = "&quot;"; break;
      case '\'': rep = "&#39;"; break;
      default: continue;
    }
    buf_append(b, z+j, i-j);
    buf_puts(b, rep);
    j = i+1;
  }
  buf_append(b, z+j, n-j);
}

/* Percent-encode n bytes of z for use inside a URL path segment or query value. */
void fmt_url(Buf *b, const char *z, size_t n){
  static const char hex[] = "0123456789ABCDEF";
  size_t i;
  for(i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9')
     || c=='-' || c=='_' || c=='.' || c=='~' ){
      buf_putc(b, (char)c);
    }else{
      char e[3] = { '%', hex[c>>4], hex[c&15] };
      buf_append(b, e, 3);
    }
  }
}

/* Escape n bytes of z as the body of a JSON string (no quotes added). Bytes that are not
** well-formed UTF-8 become U+FFFD: what is sent is always valid JSON, whatever was stored. */
void fmt_json(Buf *b, const char *z, size_t n){
  static const char hex[] = "0123456789abcdef";
  /* 1 for the bytes that may need escaping: controls, '"', '\\', DEL, and every byte of a
  ** multi-byte character (checked; 0xE2 may begin U+2028/9) */
  static const unsigned char special[256] = {
    [0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x7f ... 0xff] = 1,
  };
  size_t i, j = 0;
  for(i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( !special[c] ) continue;   /* the common byte: copied with its run below */
    char e[7];
    size_t en = 2;
    if( c=='"' || c=='\\' ){ e[0]='\\'; e[1]=(char)c; }
    else if( c=='\n' ){ e[0]='\\'; e[1]='n'; }
    else if( c=='\r' ){ e[0]='\\'; e[1]='r'; }
    else if( c=='\t' ){ e[0]='\\'; e[1]='t'; }
    else if( c<0x20 || c==0x7f ){
      memcpy(e, "\\u00", 4); e[4]=hex[c>>4]; e[5]=hex[c&15]; en = 6;
    }
    /* U+2028 and U+2029 break JavaScript string literals: escape them too. */
    else if( c==0xE2 && i+2<n && (unsigned char)z[i+1]==0x80
          && ((unsigned char)z[i+2]==0xA8 || (unsigned char)z[i+2]==0xA9) ){
      buf_append(b, z+j, i-j);
      buf_puts(b, (unsigned char)z[i+2]==0xA8 ? "\\u2028" : "\\u2029");
      i += 2; j = i+1;
      continue;
    }
    else if( c>=0x80 ){
      int k = util_utf8_seq(z+i, n-i);
      if( k ){ i += (size_t)k - 1; continue; }   /* a whole character: part of the run */
      memcpy(e, "\\ufffd", 6); en = 6;
    }
    else continue;
    buf_append(b, z+j, i-j);
    buf_append(b, e, en);
    j = i+1;
  }
  buf_append(b, z+j, n-j);
}

/* A JSON string value: z quoted and escaped (%J), or null for NULL. */
void fmt_json_value(Buf *b, const char *z){
  if( z==0 ){ buf_append(b, "null", 4); return; }
  buf_putc(b, '"');
  fmt_json(b, z, strlen(z));
  buf_putc(b, '"');
}

/* The decimal digits of mag, after a '-' when neg: a plain integer without the C library's printf. */
static void fmt_digits(Buf *b, unsigned long long mag, int neg){
  char d[24];
  int k = (int)sizeof d;
  do{ d[--k] = (char)('0' + mag%10); mag /= 10; }while( mag );
  if( neg ) d[--k] = '-';
  buf_append(b, d + k, sizeof d - (size_t)k);
}

/* A decimal integer (%lld). */
void fmt_int(Buf *b, long long v){
  fmt_digits(b, v<0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v<0);
}

/* Copy a conversion spec for snprintf(), with any '*' replaced by the value read. */
static void fmt_spec_fill(char *out, size_t cap, const char *spec, size_t sn, int width, int prec){
  size_t fn = 0;
  for(size_t i=0; i<sn && fn+12<cap; i++){
    if( spec[i]=='*' ){
      int v = (i>0 && spec[i-1]=='.') ? prec : width;
      fn += (size_t)snprintf(out+fn, cap-fn, "%d", v);
    }else out[fn++] = spec[i];
  }
  out[fn] = 0;
}

/* The engine: walk fmt, copy text, expand each conversion. */
void fmt_vappend(Buf *b, const char *fmt, va_list ap){
  const char *p = fmt;
  while( *p ){
    const char *pct = strchr(p, '%');
    if( pct==0 ){ buf_puts(b, p); return; }
    buf_append(b, p, (size_t)(pct-p));
    p = pct+1;

    /* flags, width, precision, length */
    char spec[32];
    size_t sn = 0;
    spec[sn++] = '%';
    int prec = -1, has_w = 0, width = 0;
    while( (*p=='-' || *p=='+' || *p==' ' || *p=='#' || *p=='0') && sn<8 ) spec[sn++] = *p++;
    if( *p=='*' ){ width = va_arg(ap, int); has_w = 1; p++; spec[sn++]='*'; }
    else while( *p>='0' && *p<='9' && sn<16 ){ spec[sn++] = *p; width = width*10 + (*p-'0'); has_w = 1; p++; }
    if( *p=='.' ){
      spec[sn++] = *p++;
      if( *p=='*' ){ prec = va_arg(ap, int); p++; spec[sn++]='*'; }
      else { prec = 0; while( *p>='0' && *p<='9' && sn<24 ){ spec[sn++]=*p; prec = prec*10+(*p-'0'); p++; } }
    }
    int lng = 0;   /* 1 l, 2 ll, 3 z, 4 j(intmax) */
    if( *p=='l' ){ spec[sn++]=*p++; lng = 1; if( *p=='l' ){ spec[sn++]=*p++; lng = 2; } }
    else if( *p=='z' ){ spec[sn++]=*p++; lng = 3; }
    char c = *p;
    if( c==0 ){ buf_append(b, spec, sn); return; }   /* a format cut short stays visible */
    p++;
    spec[sn++] = c;
    spec[sn] = 0;
    char tmp[128];
    int k;
    /* one number through snprintf; a result wider than tmp is written again into the buffer */
#define FMT_NUM(v) do{ \
      k = snprintf(tmp, sizeof tmp, f2, v); \
      if( k>0 && (size_t)k < sizeof tmp ) buf_append(b, tmp, (size_t)k); \
      else if( k>0 ){ char *big = xmalloc((size_t)k+1); snprintf(big, (size_t)k+1, f2, v); \
                      buf_append(b, big, (size_t)k); free(big); } \
    }while(0)

    switch( c ){
      case '%': buf_putc(b, '%'); break;
      case 'h': case 't': case 'j': case 'J': case 'R': case 's': {
        const char *z = va_arg(ap, const char*);
        if( c=='J' && z==0 ){ buf_puts(b, "null"); break; }
        if( z==0 ) z = "";
        size_t n = prec>=0 ? strnlen(z, (size_t)prec) : strlen(z);
        if( prec>=0 && z[n] ) n = util_utf8_whole(z, n);   /* a precision cuts between characters */
        if( c=='s' && has_w && (size_t)width > n && spec[1]!='-' ){
          for(size_t i=n; i<(size_t)width; i++) buf_putc(b, ' ');
        }
        if( c=='h' ) fmt_html(b, z, n);
        else if( c=='t' ) fmt_url(b, z, n);
        else if( c=='j' ) fmt_json(b, z, n);
        else if( c=='J' ){ buf_putc(b, '"'); fmt_json(b, z, n); buf_putc(b, '"'); }
        else buf_append(b, z, n);
        if( c=='s' && has_w && (size_t)width > n && spec[1]=='-' ){
          for(size_t i=n; i<(size_t)width; i++) buf_putc(b, ' ');
        }
        break;
      }
      case 'c':
        buf_putc(b, (char)va_arg(ap, int));
        break;
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
        /* the common case, a plain decimal, without the C library's printf */
        if( (c=='d' || c=='i' || c=='u') && sn==(size_t)(2 + (lng==2 ? 2 : lng ? 1 : 0)) ){
          unsigned long long mag;
          int neg = 0;
          if( c=='u' ) mag = lng==2 ? va_arg(ap, unsigned long long) : lng==1 ? va_arg(ap, unsigned long)
                           : lng==3 ? va_arg(ap, size_t) : va_arg(ap, unsigned);
          else{
            long long v = lng==2 ? va_arg(ap, long long) : lng==1 ? va_arg(ap, long)
                        : lng==3 ? (long long)va_arg(ap, size_t) : va_arg(ap, int);
            neg = v<0;
            mag = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
          }
          fmt_digits(b, mag, neg);
          break;
        }
        /* the width and precision were consumed from ap already when given as '*' */
        char f2[48];
        fmt_spec_fill(f2, sizeof f2, spec, sn, width, prec);
        if( lng==2 ){ long long v = va_arg(ap, long long); FMT_NUM(v); }
        else if( lng==1 ){ long v = va_arg(ap, long); FMT_NUM(v); }
        else if( lng==3 ){ size_t v = va_arg(ap, size_t); FMT_NUM(v); }
        else { int v = va_arg(ap, int); FMT_NUM(v); }
        break;
      }
      case 'f': case 'g': case 'e': {
        char f2[48];
        fmt_spec_fill(f2, sizeof f2, spec, sn, width, prec);
        double v = va_arg(ap, double);
        FMT_NUM(v);
        break;
      }
      default:
        /* an unknown conversion is written as it stands, so a mistake shows */
        buf_append(b, spec, sn);
        break;
    }
  }
}
