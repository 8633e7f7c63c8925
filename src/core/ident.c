/*
** ident.c — Indonesian identifiers a requester gives: NIP (civil servants), NIK
** (the national identity number), NPWP (taxpayer number, old and 2024 forms),
** e-mail addresses and telephone numbers. Each check says which field is wrong
** and why, in an English msgid the reply translates.
*/
#include <stdio.h>
#include "ident.h"
#include <string.h>
#include <strings.h>
#include <time.h>

/* Copy z into out without whitespace; ERR_TOOBIG when it does not fit, ERR_INVALID for NULL. */
int ident_normalize(const char *z, char *out, size_t n){
  size_t k = 0;
  if( z==0 || out==0 || n==0 ) return ERR_INVALID;
  for(; *z; z++){
    if( *z==' ' || *z=='\t' || *z=='\n' || *z=='\r' ) continue;
    if( k+1>=n ){ out[0] = 0; return ERR_TOOBIG; }
    out[k++] = *z;
  }
  out[k] = 0;
  return OK;
}

/* 1 for a character written between the digits of a number on documents and ID cards: a space,
** a dot or a dash ("19800101 200501 1 001", "3201.0101.0385.0001", "01.234.567.8-901.000"). */
static int ident_sep(char c){
  return c==' ' || c=='\t' || c=='\n' || c=='\r' || c=='.' || c=='-';
}

/* Copy a number written with spaces, dots or dashes between its digits into out as its digits
** alone; anything else (a letter, a name, an e-mail address) as ident_normalize copies it, whitespace
** left out. ERR_TOOBIG when it does not fit. */
int ident_digits_text(const char *z, char *out, size_t n){
  if( z==0 ) return ident_normalize(z, out, n);
  int digits = 0;
  for(const char *p = z; *p; p++){
    if( *p>='0' && *p<='9' ) digits++;
    else if( !ident_sep(*p) ) return ident_normalize(z, out, n);
  }
  if( digits==0 ) return ident_normalize(z, out, n);
  size_t k = 0;
  for(; *z; z++){
    if( ident_sep(*z) ) continue;
    if( k+1>=n ){ out[0] = 0; return ERR_TOOBIG; }
    out[k++] = *z;
  }
  out[k] = 0;
  return OK;
}

/* z past the label before a NIP that letters and signatures write ("NIP. 19850312 201001 1 002",
** "NIP: …", "nip …") and the blanks before it; z itself when it has none. */
static const char *ident_nip_label(const char *z){
  const char *p = z;
  while( *p==' ' || *p=='\t' ) p++;
  if( strncasecmp(p, "nip", 3)!=0 || !(p[3]=='.' || p[3]==':' || p[3]==' ' || (p[3]>='0' && p[3]<='9')) ) return z;
  p += 3;
  if( *p=='.' || *p==':' ) p++;
  return p;
}

/* Copy a NIP into out as its digits (ident_digits_text), without its label (ident_nip_label);
** ERR_TOOBIG when it does not fit. */
int ident_nip_text(const char *z, char *out, size_t n){
  if( z==0 ) return ident_normalize(z, out, n);
  return ident_digits_text(ident_nip_label(z), out, n);
}

/* The digits of a number written with spaces, dots or dashes between them into d (n bytes, cut
** there); how many there are, or -1 with e set under field when it has another character (a letter). */
static int ident_digits_of(const char *z, char *d, size_t n, const char *field, Err *e){
  int k = 0;
  for(const char *p = z ? z : ""; *p; p++){
    if( *p>='0' && *p<='9' ){ if( (size_t)k+1<n ) d[k] = *p; k++; }
    else if( !ident_sep(*p) ){
      if( !ident_spreadsheet_err(z, field, e) ) ERR_SET(e, field, N_("may contain only digits, spaces, dots and dashes"));
      return -1;
    }
  }
  d[(size_t)k<n ? (size_t)k : n-1] = 0;
  return k;
}

/* The digits of a number of want digits (a NIP, a NIK) into d (ident_digits_of); ERR_INVALID with e
** set under field when it has another character or another count of digits (msg: the msgids of
** none, too few and too many). */
static int ident_number(const char *z, char *d, size_t n, const char *field, int want,
                        const char *const msg[3], Err *e){
  int k = ident_digits_of(z, d, n, field, e);
  if( k<0 ) return ERR_INVALID;
  if( k==0 || k!=want ){ ERR_SET(e, field, msg[k==0 ? 0 : k<want ? 1 : 2]); return ERR_INVALID; }
  return OK;
}

/* 1 when z is a long number as a spreadsheet shows and saves it (3.32501E+15, 1,98203E+17): the
** digits past its fifteenth are lost, so the number cannot be read back. */
int ident_spreadsheet_number(const char *z){
  if( z==0 ) return 0;
  while( *z==' ' ) z++;
  if( *z<'0' || *z>'9' ) return 0;
  while( *z>='0' && *z<='9' ) z++;
  if( *z=='.' || *z==',' ){ z++; while( *z>='0' && *z<='9' ) z++; }
  if( *z!='E' && *z!='e' ) return 0;
  z++;
  if( *z=='+' ) z++;
  if( *z<'0' || *z>'9' ) return 0;
  while( *z>='0' && *z<='9' ) z++;
  while( *z==' ' ) z++;
  return *z==0;
}

/* Set e for field when z is a number a spreadsheet has cut (see above); 1 when it did. */
int ident_spreadsheet_err(const char *z, const char *field, Err *e){
  if( !ident_spreadsheet_number(z) ) return 0;
  ERR_SET(e, field, "was saved by a spreadsheet as a number (E+), which loses its last digits: format the column as Text and type the number again");
  return 1;
}

/* The number written by n digits at z. */
static int ident_num(const char *z, int n){
  int v = 0;
  for(int i=0; i<n; i++) v = v*10 + (z[i]-'0');
  return v;
}

/* 1 in a leap year of the Gregorian calendar. */
static int ident_leap(int y){
  return (y%4==0 && y%100!=0) || y%400==0;
}

/* 1 when d/m/y is a day of the calendar. */
static int ident_real_date(int y, int m, int d){
  static const int mdays[12] = {31,28,31,30,31,30,31,31,30,31,30,31};
  if( m<1 || m>12 || d<1 ) return 0;
  int max = mdays[m-1] + (m==2 && ident_leap(y));
  return d<=max;
}

/* The current year and month in Western Indonesia (UTC+7). */
static void ident_this_month(int *y, int *m){
  time_t t = (time_t)(time_now() + 7*3600);
  struct tm tm;
  gmtime_r(&t, &tm);
  *y = tm.tm_year + 1900;
  *m = tm.tm_mon + 1;
}

/* A NIP (Nomor Induk Pegawai): birth YYYYMMDD, appointment YYYYMM, sex 1/2, sequence;
** spaces, dots and dashes between the digits are allowed. OK or ERR_INVALID with e set. */
int ident_nip(const char *z, Err *e){
  char d[32];
  static const char *const msg[3] = { N_("must be 18 digits"), N_("has too few digits: a NIP has 18"), N_("has too many digits: a NIP has 18") };
  if( ident_number(z ? ident_nip_label(z) : 0, d, sizeof d, "nip", 18, msg, e)!=OK ) return ERR_INVALID;
  int by = ident_num(d, 4), bm = ident_num(d+4, 2), bd = ident_num(d+6, 2);
  int ay = ident_num(d+8, 4), am = ident_num(d+12, 2);
  if( !ident_real_date(by, bm, bd) ){
    ERR_SET(e, "nip", "the birth date (digits 1-8) is not a real date");
    return ERR_INVALID;
  }
  if( by<1940 || by>2010 ){
    ERR_SET(e, "nip", "the birth year must be between 1940 and 2010");
    return ERR_INVALID;
  }
  if( am<1 || am>12 ){
    ERR_SET(e, "nip", "the appointment month (digits 9-14) is not a real month");
    return ERR_INVALID;
  }
  if( ay*12+am < (by+15)*12+bm ){
    ERR_SET(e, "nip", "the appointment is less than 15 years after birth");
    return ERR_INVALID;
  }
  int ny, nm;
  ident_this_month(&ny, &nm);
  if( ay*12+am > ny*12+nm ){
    ERR_SET(e, "nip", "the appointment month is in the future");
    return ERR_INVALID;
  }
  if( d[14]!='1' && d[14]!='2' ){
    ERR_SET(e, "nip", "the sex digit (15) must be 1 or 2");
    return ERR_INVALID;
  }
  if( ident_num(d+15, 3)==0 ){
    ERR_SET(e, "nip", "the sequence number (digits 16-18) cannot be 000");
    return ERR_INVALID;
  }
  return OK;
}

/* The checks of a NIK on its 16 digits (region, birth date, sequence). */
static int ident_nik_digits(const char *d, Err *e){
  int prov = ident_num(d, 2);
  if( prov<11 || prov>94 ){
    ERR_SET(e, "nik", "the province code (digits 1-2) must be between 11 and 94");
    return ERR_INVALID;
  }
  if( ident_num(d+2, 2)==0 || ident_num(d+4, 2)==0 ){
    ERR_SET(e, "nik", "the regency and district codes (digits 3-6) cannot be 00");
    return ERR_INVALID;
  }
  int dd = ident_num(d+6, 2), mm = ident_num(d+8, 2), yy = ident_num(d+10, 2);
  if( dd>40 ) dd -= 40;     /* women: day + 40 */
  /* The century is not written: a date real in 19YY or 20YY passes. */
  if( !ident_real_date(1900+yy, mm, dd) && !ident_real_date(2000+yy, mm, dd) ){
    ERR_SET(e, "nik", "the birth date (digits 7-12) is not a real date");
    return ERR_INVALID;
  }
  if( ident_num(d+12, 4)==0 ){
    ERR_SET(e, "nik", "the sequence number (digits 13-16) cannot be 0000");
    return ERR_INVALID;
  }
  return OK;
}

/* A NIK (Nomor Induk Kependudukan): region 6, DDMMYY (day + 40 for women), sequence 4;
** spaces, dots and dashes between the digits are allowed. OK or ERR_INVALID with e set. */
int ident_nik(const char *z, Err *e){
  char d[32];
  static const char *const msg[3] = { N_("must be 16 digits"), N_("has too few digits: a NIK has 16"), N_("has too many digits: a NIK has 16") };
  if( ident_number(z, d, sizeof d, "nik", 16, msg, e)!=OK ) return ERR_INVALID;
  return ident_nik_digits(d, e);
}

/* An NPWP: the old 15 digits (plain, printed XX.XXX.XXX.X-XXX.XXX, or with spaces, dots or dashes
** anywhere between them as people copy it) or the 16 digits
** used since 2024 (a NIK for persons, 0 + the old number for others). *form says which
** (IDENT_NPWP_OLD, IDENT_NPWP_NIK, IDENT_NPWP_NEW); out (16+1 bytes or more, may be
** NULL) gets the bare digits. OK or ERR_INVALID with e set. */
int ident_npwp(const char *z, int *form, char *out, size_t n, Err *e){
  char d[24];
  if( form ) *form = 0;
  if( out && n ) out[0] = 0;
  /* the digits, however the dots, dashes and spaces between them are placed */
  int k = ident_digits_of(z, d, sizeof d, "npwp", e);
  if( k<0 ) return ERR_INVALID;
  if( k==0 ) goto bad;
  if( k!=15 && k!=16 ){
    ERR_SET(e, "npwp", k<15 ? N_("has too few digits: an NPWP has 15 (XX.XXX.XXX.X-XXX.XXX) or 16")
                            : N_("has too many digits: an NPWP has 15 (XX.XXX.XXX.X-XXX.XXX) or 16"));
    return ERR_INVALID;
  }
  int f;
  if( util_is_digits(d, 15) ) f = IDENT_NPWP_OLD;
  else if( util_is_digits(d, 16) && d[0]=='0' ) f = IDENT_NPWP_NEW;
  else if( util_is_digits(d, 16) ) f = IDENT_NPWP_NIK;
  else goto bad;
  if( strspn(d, "0")==strlen(d) ){
    ERR_SET(e, "npwp", "cannot be all zeros");
    return ERR_INVALID;
  }
  if( f==IDENT_NPWP_NIK && ident_nik_digits(d, 0)!=OK ){
    ERR_SET(e, "npwp", "a 16-digit NPWP that does not start with 0 must be a valid NIK");
    return ERR_INVALID;
  }
  if( form ) *form = f;
  if( out && n>strlen(d) ) memcpy(out, d, strlen(d)+1);
  return OK;
bad:
  ERR_SET(e, "npwp", "must be 15 digits (XX.XXX.XXX.X-XXX.XXX) or 16 digits");
  return ERR_INVALID;
}

/* An SPSE code as the LPSE's SPSE shows it (kode tender, kode paket: 10012345): digits only,
** at most 20. OK or ERR_INVALID with e set under field. */
int ident_spse_code(const char *z, const char *field, Err *e){
  size_t n = z ? strlen(z) : 0;
  if( n==0 || n>20 || !util_is_digits(z, n) ){
    ERR_SET(e, field, "must be the code SPSE shows: digits only, at most 20");
    return ERR_INVALID;
  }
  return OK;
}

/* 1 for a character allowed unquoted before the @ (RFC 5322 atext). */
static int ident_atext(char c){
  if( (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9') ) return 1;
  return c && strchr("!#$%&'*+/=?^_`{|}~-", c)!=0;
}

/* The one rule of an e-mail address (ident_email, ident_sender): local@domain.tld, ASCII, no
** quoting or comments; localhost_ok also takes the one machine's name localhost as the domain. */
static int ident_email_rule(const char *z, int localhost_ok, Err *e){
  if( z==0 || *z==0 ){
    ERR_SET(e, "email", "must be an e-mail address (name@domain)");
    return ERR_INVALID;
  }
  size_t len = strlen(z);
  if( len>254 ){
    ERR_SET(e, "email", "is longer than 254 characters");
    return ERR_INVALID;
  }
  if( strchr(z, '<') && strchr(z, '>') ){   /* Budi <budi@example.id>, as a mail program copies it */
    ERR_SET(e, "email", "must be the address alone, without a name or < > around it (name@domain)");
    return ERR_INVALID;
  }
  const char *at = strchr(z, '@');
  if( at==0 || strchr(at+1, '@') || at==z ){
    ERR_SET(e, "email", "must be an e-mail address (name@domain)");
    return ERR_INVALID;
  }
  size_t llen = (size_t)(at-z);
  if( llen>64 ){
    ERR_SET(e, "email", "the part before @ is longer than 64 characters");
    return ERR_INVALID;
  }
  for(size_t i=0; i<llen; i++){
    char c = z[i];
    if( c=='.' ){
      if( i==0 || i==llen-1 || z[i+1]=='.' ) goto badlocal;
    }else if( !ident_atext(c) ) goto badlocal;
  }
  /* the domain: labels of letters, digits and inner hyphens; a top level of 2+ letters */
  const char *dom = at+1, *label = dom;
  int labels = 0;
  for(const char *p = dom; ; p++){
    if( *p=='.' || *p==0 ){
      size_t n = (size_t)(p-label);
      if( n==0 || n>63 || label[0]=='-' || p[-1]=='-' ) goto baddomain;
      labels++;
      if( *p==0 ){
        if( n<2 ) goto baddomain;
        for(const char *q = label; q<p; q++) if( !((*q>='a' && *q<='z') || (*q>='A' && *q<='Z')) ) goto baddomain;
        break;
      }
      label = p+1;
    }else if( !((*p>='a' && *p<='z') || (*p>='A' && *p<='Z') || (*p>='0' && *p<='9') || *p=='-') ){
      goto baddomain;
    }
  }
  if( labels<2 && !(localhost_ok && strcasecmp(dom, "localhost")==0) ){   /* root@localhost, admin@vm: a name of one machine, that mail from elsewhere cannot reach */
    ERR_SET(e, "email", "the domain after @ has no dot: an address mail can reach, as name@lpse.example.go.id");
    return ERR_INVALID;
  }
  return OK;
badlocal:
  ERR_SET(e, "email", "the part before @ has a character or dot that is not allowed");
  return ERR_INVALID;
baddomain:
  ERR_SET(e, "email", "the domain after @ is not valid");
  return ERR_INVALID;
}

/* An e-mail address as people type it: local@domain.tld, ASCII, no quoting or comments.
** OK or ERR_INVALID with e set. */
int ident_email(const char *z, Err *e){
  return ident_email_rule(z, 0, e);
}

/* Where a quoted string ("…", \ escaping the next character) that starts at p ends: after its closing
** quote; 0 when it is not closed. */
static const char *ident_quoted_end(const char *p){
  for(p++; *p; p++){
    if( *p=='\\' && p[1] ) p++;
    else if( *p=='"' ) return p+1;
  }
  return 0;
}

/* Where a comment ("(…)", nested, \ escaping) that starts at p ends: after its closing bracket; 0
** when it is not closed. */
static const char *ident_comment_end(const char *p){
  int depth = 0;
  for(; *p; p++){
    if( *p=='\\' && p[1] ) p++;
    else if( *p=='(' ) depth++;
    else if( *p==')' && --depth==0 ) return p+1;
  }
  return 0;
}

/* Copy [b, e) into out (n bytes) without the blanks around it; a name quoted whole ("…" with its
** \ escapes undone, or '…') without its quotes. 0 when it does not fit. */
static int ident_put_part(const char *b, const char *e, int unquote, char *out, size_t n){
  while( b<e && (*b==' ' || *b=='\t') ) b++;
  while( e>b && (e[-1]==' ' || e[-1]=='\t') ) e--;
  int dq = unquote && e-b>=2 && *b=='"' && ident_quoted_end(b)==e;
  if( unquote && !dq && e-b>=2 && *b=='\'' && e[-1]=='\'' ){ b++; e--; }
  if( dq ){ b++; e--; }
  while( b<e && (*b==' ' || *b=='\t') ) b++;
  while( e>b && (e[-1]==' ' || e[-1]=='\t') ) e--;
  size_t k = 0;
  for(const char *p = b; p<e; p++){
    if( dq && *p=='\\' && p+1<e ) p++;
    if( k+1>=n ) return 0;
    out[k++] = *p;
  }
  if( n ) out[k] = 0;
  return n>0;
}

/* Read an address as it is written (see ident.h). */
int ident_email_read(const char *z, int flags, char *addr, size_t na, char *name, size_t nn){
  int mail = (flags & IDENT_ADDR_MAIL)!=0;
  if( na ) addr[0] = 0;
  if( nn ) name[0] = 0;
  if( z==0 ) return IDENT_ADDR_NONE;
  /* the first < that is not inside a quoted name */
  const char *lt = 0;
  for(const char *p = z; *p && lt==0; p++){
    if( *p=='"' ){
      const char *q = ident_quoted_end(p);
      if( q==0 ){ if( !mail ) return IDENT_ADDR_NONE; break; }
      p = q-1;
    }else if( *p=='<' ) lt = p;
  }
  if( lt ){
    const char *gt = strchr(lt+1, '>');
    if( gt==0 && !mail ) return IDENT_ADDR_NONE;
    const char *ae = gt ? gt : lt+strlen(lt);
    /* typed: nothing after it but blanks; a mail's comment or text after it is passed over */
    if( gt && !mail ) for(const char *p = gt+1; *p; p++) if( *p!=' ' && *p!='\t' ) return IDENT_ADDR_NONE;
    if( !mail && memchr(lt+1, '<', (size_t)(ae-lt-1)) ) return IDENT_ADDR_NONE;
    if( !ident_put_part(lt+1, ae, 0, addr, na) || !ident_put_part(z, lt, 1, name, nn) ){
      if( na ) addr[0] = 0;
      if( nn ) name[0] = 0;
      return IDENT_ADDR_NONE;
    }
    return IDENT_ADDR_NAMED;
  }
  if( !mail ){   /* typed: as written, for the check after to judge */
    size_t n = strlen(z);
    if( n>=na ) return IDENT_ADDR_NONE;
    memcpy(addr, z, n+1);
    return IDENT_ADDR_BARE;
  }
  /* a mail's bare address: its comments left out, the first one its name (budi@x.id (Budi)) */
  size_t k = 0;
  const char *c0 = 0, *c1 = 0;
  for(const char *p = z; *p; ){
    if( *p=='(' ){
      const char *q = ident_comment_end(p);
      if( q==0 ) q = p+strlen(p);
      if( c0==0 ){ c0 = p+1; c1 = q>p+1 && q[-1]==')' ? q-1 : q; }
      p = q;
      continue;
    }
    if( k+1>=na ){ if( na ) addr[0] = 0; return IDENT_ADDR_NONE; }
    addr[k++] = *p++;
  }
  if( na ) addr[k] = 0;
  char *b = addr, *e = addr+k;
  while( b<e && (*b==' ' || *b=='\t') ) b++;
  while( e>b && (e[-1]==' ' || e[-1]=='\t') ) e--;
  memmove(addr, b, (size_t)(e-b));
  addr[e-b] = 0;
  if( c0 ){   /* the comment's own \ escapes undone; its inner brackets kept */
    size_t m = 0;
    for(const char *p = c0; p<c1; p++){
      if( *p=='\\' && p+1<c1 ) p++;
      if( m+1>=nn ){ if( na ) addr[0] = 0; if( nn ) name[0] = 0; return IDENT_ADDR_NONE; }
      name[m++] = *p;
    }
    name[m] = 0;
    if( !ident_put_part(name, name+m, 0, name, nn) ) return IDENT_ADDR_NONE;
  }
  return IDENT_ADDR_BARE;
}

/* Name <address> typed into an e-mail field: the address in its place, the name where none was given. */
void ident_email_unname(const char **email, const char **name, IdentNamed *b){
  if( ident_email_read(*email, 0, b->addr, sizeof b->addr, b->name, sizeof b->name)!=IDENT_ADDR_NAMED ) return;
  *email = b->addr;
  if( name && (*name==0 || util_blank(*name)) && b->name[0] ) *name = b->name;
}

/* An address where a person may type it as a mail program copies it (see ident.h). */
int ident_email_typed(const char *z, char *addr, size_t na, char *name, size_t nn, Err *e){
  if( ident_email_read(z, 0, addr, na, name, nn)==IDENT_ADDR_NONE ){
    if( z && strlen(z)>=(na<nn ? na : nn) && !strpbrk(z, "\r\n") ) ERR_SET(e, "email", "is longer than 254 characters");
    else ERR_SET(e, "email", "must be an address, or a name and the address in < > as a mail program copies it (Budi <budi@example.go.id>)");
    return ERR_INVALID;
  }
  return ident_email(addr, e);
}

/* The sender of a mail as loket.conf's smtp_from gives it: an address as ident_email takes it, or
** Name <address>, on one line; the address may also be at localhost (the default loket init writes,
** which mail test and the settings page warn of). OK or ERR_INVALID with e set. */
int ident_sender(const char *z, Err *e){
  char addr[1024], name[1024];
  if( z && strlen(z)>=sizeof addr ){
    ERR_SET(e, "email", "is longer than 254 characters");
    return ERR_INVALID;
  }
  if( z==0 || strpbrk(z, "\r\n") || ident_email_read(z, 0, addr, sizeof addr, name, sizeof name)==IDENT_ADDR_NONE ){
    ERR_SET(e, "email", "must be an address or Name <address>, on one line");
    return ERR_INVALID;
  }
  return ident_email_rule(addr, 1, e);
}

/* An Indonesian telephone number with +62, 62, 0062 or 0 before it (a trunk 0 after the
** country code, +62 (0)21 …, is dropped); spaces, dashes, dots and brackets are ignored. out (n bytes, at least 17) gets +62 and the digits; *kind says
** IDENT_PHONE_MOBILE (08…, 8 to 12 digits after the 0: Indonesia's plan, as libphonenumber has it, gives
** a mobile number at most 12; E.164's 15 with the 62 would allow 13, but no such number is issued) or
** IDENT_PHONE_LANDLINE (area code). OK or ERR_INVALID. */
int ident_phone(const char *z, char *out, size_t n, int *kind, Err *e){
  char d[32];
  size_t k = 0;
  int lim = 0;   /* the most digits, said when there are more */
  if( out && n ) out[0] = 0;
  if( kind ) *kind = 0;
  if( z==0 ) goto badprefix;
  const char *p = z;
  while( *p==' ' ) p++;
  int plus = 0;
  if( *p=='+' ){ plus = 1; p++; }
  for(; *p; p++){
    if( *p>='0' && *p<='9' ){
      if( k+1>=sizeof d ){ lim = (int)sizeof d - 1; goto badlen; }
      d[k++] = *p;
    }else if( !strchr(" -.()\t", *p) ){
      ERR_SET(e, "phone", "may contain only digits, spaces, dashes, dots and brackets");
      return ERR_INVALID;
    }
  }
  d[k] = 0;
  const char *nsn;          /* the national number, without 0 or 62 */
  if( plus ){
    if( strncmp(d, "62", 2) ) goto badprefix;
    nsn = d+2;
  }else if( k>=4 && memcmp(d, "0062", 4)==0 ) nsn = d+4;   /* 00, the international prefix */
  else if( d[0]=='0' ) nsn = d+1;
  else if( strncmp(d, "62", 2)==0 ) nsn = d+2;
  else goto badprefix;
  /* the trunk 0 kept after the country code, as letterheads write it: +62 (0)21 …, +62 0812 …
  ** (no national number starts with 0, so it can be nothing else) */
  if( nsn!=d+1 && nsn[0]=='0' ) nsn++;
  size_t len = strlen(nsn);
  int kd;
  if( nsn[0]=='8' && nsn[1]=='0' ){   /* 0800 (bebas pulsa), 0807, 0809: a service's number, no one's phone */
    ERR_SET(e, "phone", "an 080x number (0800 toll-free, 0809 premium) is a service's number, not a person's: give a mobile (08...) or landline number");
    return ERR_INVALID;
  }
  if( nsn[0]=='8' ){
    if( len<8 || len>12 ){
      ERR_SET(e, "phone", "a mobile number (08...) must have 8 to 12 digits after the 0");
      return ERR_INVALID;
    }
    kd = IDENT_PHONE_MOBILE;
  }else if( (nsn[0]>='2' && nsn[0]<='7') || nsn[0]=='9' ){
    if( len<7 || len>11 ){
      ERR_SET(e, "phone", "a landline number must have an area code and 7 to 11 digits after the 0");
      return ERR_INVALID;
    }
    kd = IDENT_PHONE_LANDLINE;
  }else goto badprefix;
  if( out==0 || n<len+4 ) goto badlen;   /* the caller's buffer, not the number's limit */
  memcpy(out, "+62", 3);
  memcpy(out+3, nsn, len+1);
  if( kind ) *kind = kd;
  return OK;
badlen:
  if( lim>0 ) err_set_n(e, "phone", N_("is too long: at most %d digits"), lim);
  else ERR_SET(e, "phone", N_("is too long"));
  return ERR_INVALID;
badprefix:
  ERR_SET(e, "phone", "must be an Indonesian number starting with +62, 62 or 0");
  return ERR_INVALID;
}

/* The NPWP of 16 digits an NPWP of either form stands for (the old 15 digits get a leading 0):
** the form the directory keeps and looks up. */
int ident_npwp16(const char *z, char out[20], Err *e){
  char d[24];
  int form = 0;
  out[0] = 0;
  if( ident_npwp(z, &form, d, sizeof d, e)!=OK || strlen(d)>16 ) return ERR_INVALID;
  snprintf(out, 20, "%s%s", form==IDENT_NPWP_OLD ? "0" : "", d);
  return OK;
}

/* The two ways one taxpayer's NPWP is written as bare digits: f16 the 16-digit form, f15 the
** old 15 digits ("" for an NPWP that is a NIK: it has no old form). ERR_INVALID when z is none. */
int ident_npwp_forms(const char *z, char f16[20], char f15[20]){
  f15[0] = 0;
  if( ident_npwp16(z, f16, 0)!=OK ) return ERR_INVALID;
  if( f16[0]=='0' ) snprintf(f15, 20, "%s", f16+1);
  return OK;
}
