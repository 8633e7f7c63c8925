/*
** number.c — number formats per register: the pattern language
** ({office}, {year}, {month}, {month:roman}, {seq}, {seq:N}), its check, the formatting,
** and the patterns of each office kept in number_format.
*/
#include "number.h"
#include "org.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

const char *const number_registers[] = { "case", "agenda", "disposition", "consultation", "handover", 0 };
static const char *const number_defaults[] = {
  "{office}-{year}-{seq:6}", "AG-{year}-{seq:4}", "DS-{year}-{seq:4}", "KF-{year}-{seq:4}", "ST-{year}-{seq:4}",
};

/* The index of a numbered register; -1 when it is not one. */
static int number_reg_index(const char *reg){
  for(int i=0; reg && number_registers[i]; i++) if( strcmp(number_registers[i], reg)==0 ) return i;
  return -1;
}

/* The default pattern of a register; NULL when the register is not numbered. */
const char *number_default(const char *reg){
  int i = number_reg_index(reg);
  return i<0 ? 0 : number_defaults[i];
}

/* What a pattern holds: its fields counted, the width of {seq:N} (0 for {seq}), and whether
** it has a '/' (letters are numbered so in Indonesia: 045/LPSE/XI/2026); when it is not fit, what
** is wrong (bad: NUMBER_UNKNOWN, NUMBER_UNCLOSED, NUMBER_CHAR) and the text at fault (at, n bytes). */
enum { NUMBER_UNKNOWN = 1, NUMBER_UNCLOSED, NUMBER_CHAR };
typedef struct NumberScan { int nseq, nyear, nmonth, noffice, width, slash, bad; const char *at; size_t n; } NumberScan;

/* Walk a pattern into *k. OK or ERR_INVALID (an unknown field, a { not closed or a character not
** allowed: k->bad says which, k->at where). */
static int number_scan(const char *p, NumberScan *k){
  memset(k, 0, sizeof *k);
  for(; *p; p++){
    if( *p=='{' ){
      const char *end = strchr(p, '}');
      if( end==0 || memchr(p+1, '{', (size_t)(end-p-1)) ){
        k->bad = NUMBER_UNCLOSED; k->at = p; k->n = 1;
        return ERR_INVALID;
      }
      size_t n = (size_t)(end - p - 1);
      if( n==6 && strncmp(p+1, "office", 6)==0 ) k->noffice++;
      else if( n==4 && strncmp(p+1, "year", 4)==0 ) k->nyear++;
      else if( n==5 && strncmp(p+1, "month", 5)==0 ) k->nmonth++;
      else if( n==11 && strncmp(p+1, "month:roman", 11)==0 ) k->nmonth++;
      else if( n==3 && strncmp(p+1, "seq", 3)==0 ) k->nseq++;
      else if( n==5 && strncmp(p+1, "seq:", 4)==0 && p[5]>='1' && p[5]<='9' ){ k->nseq++; k->width = p[5]-'0'; }
      else{ k->bad = NUMBER_UNKNOWN; k->at = p; k->n = n+2; return ERR_INVALID; }
      p = end;
    }else if( *p=='/' ){
      k->slash = 1;
    }else if( !isalnum((unsigned char)*p) && *p!='-' && *p!='_' && *p!='.' ){
      k->bad = NUMBER_CHAR; k->at = p; k->n = 1;
      while( ((unsigned char)p[k->n] & 0xC0)==0x80 ) k->n++;   /* the whole of a UTF-8 character */
      return ERR_INVALID;
    }
  }
  return OK;
}

/* Check a pattern; ERR_INVALID with e naming field when it is not fit, and what in it is wrong. */
int number_pattern_check(const char *pattern, const char *field, Err *e){
  NumberScan k;
  if( pattern==0 || *pattern==0 ){ ERR_SET(e, field, N_("is required")); return ERR_INVALID; }
  if( strlen(pattern)>NUMBER_PATTERN_MAX ){ err_set_n(e, field, N_("is longer than %d characters"), NUMBER_PATTERN_MAX); return ERR_INVALID; }
  if( number_scan(pattern, &k)!=OK ){
    char what[NUMBER_PATTERN_MAX+8];
    snprintf(what, sizeof what, "%.*s", (int)k.n, k.at);
    if( k.bad==NUMBER_UNCLOSED ) ERR_SET(e, field, N_("has a { not closed by }: a field is written {year}, {seq:4}"));
    else if( k.bad==NUMBER_UNKNOWN ){
      err_set_s(e, field, N_("has %s, which is no field: the fields are {office}, {year}, {month}, {month:roman}, {seq} and {seq:N} (N from 1 to 9)"), what);
    }else{
      err_set_s(e, field, N_("may hold, besides its fields, only letters, digits, - _ . and /, not \"%s\""), what);
    }
    return ERR_INVALID;
  }
  if( k.nseq!=1 ){ ERR_SET(e, field, N_("must contain {seq} exactly once")); return ERR_INVALID; }
  if( k.nyear!=1 ){ ERR_SET(e, field, N_("must contain {year} exactly once (the counter starts again each year)")); return ERR_INVALID; }
  if( k.noffice>1 ){ ERR_SET(e, field, N_("may contain {office} only once")); return ERR_INVALID; }
  if( k.nmonth>1 ){ ERR_SET(e, field, N_("may contain {month} or {month:roman} only once")); return ERR_INVALID; }
  return OK;
}

/* Check the pattern of a register: number_pattern_check, and no '/' in a case number, which is
** part of the case's address (/kasus/NUMBER, /api/v1/cases/NUMBER). */
static int number_register_check(const char *reg, const char *pattern, Err *e){
  if( number_pattern_check(pattern, reg, e)!=OK ) return ERR_INVALID;
  NumberScan k;
  number_scan(pattern, &k);
  if( k.slash && strcmp(reg, "case")==0 ){
    ERR_SET(e, reg, N_("may not hold /: a case number is part of the case's address (/kasus/NUMBER)"));
    return ERR_INVALID;
  }
  return OK;
}

/* The month written in Roman numerals, as Indonesian letter numbers write it (XI for November). */
static const char *number_roman(int month){
  static const char *const r[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII" };
  return month>=1 && month<=12 ? r[month-1] : "";
}

/* Format a number with a pattern for a year and month (1-12); ERR_INVALID on a bad pattern or a text too long. */
int number_format(const char *pattern, const char *office, int year, int month, int64_t seq, char *out, size_t n){
  if( n>NUMBER_TEXT_MAX ) n = NUMBER_TEXT_MAX;
  if( n==0 ) return ERR_INVALID;
  out[0] = 0;
  if( number_pattern_check(pattern, 0, 0)!=OK ) return ERR_INVALID;
  size_t k = 0;
  for(const char *p = pattern; *p; p++){
    char piece[40];
    if( *p=='{' ){
      const char *end = strchr(p, '}');
      if( p[1]=='o' ) snprintf(piece, sizeof piece, "%.31s", office ? office : "");
      else if( p[1]=='y' ) snprintf(piece, sizeof piece, "%04d", year);
      else if( p[1]=='m' && p[6]==':' ) snprintf(piece, sizeof piece, "%s", number_roman(month));
      else if( p[1]=='m' ) snprintf(piece, sizeof piece, "%02d", month);
      else if( p[4]==':' ) snprintf(piece, sizeof piece, "%0*lld", p[5]-'0', (long long)seq);
      else snprintf(piece, sizeof piece, "%lld", (long long)seq);
      p = end;
    }else{
      piece[0] = *p;
      piece[1] = 0;
    }
    size_t m = strlen(piece);
    if( k+m+1>n ){ out[0] = 0; return ERR_INVALID; }
    memcpy(out+k, piece, m+1);
    k += m;
  }
  return OK;
}

/* The pattern an office uses for a register: its row, else the default. Kept between
** requests while cache_epoch holds (db/epoch.c). */
int number_pattern_get(Db *db, int64_t office_id, const char *reg, char *out, size_t n){
  const char *def = number_default(reg);
  if( def==0 ) return ERR_NOTFOUND;
  char kind[32], pat[NUMBER_PATTERN_MAX+8] = "";
  snprintf(kind, sizeof kind, "pattern:%s", reg);
  Epoch ep;
  if( memo_find(db, kind, office_id, pat, sizeof pat, &ep) ){
    snprintf(out, n, "%s", pat);
    return OK;
  }
  snprintf(pat, sizeof pat, "%s", def);
  Stmt *q = db_prepare(db, "SELECT pattern FROM number_format WHERE office_id=?1 AND register=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, reg);
  int rc = db_step(q);
  if( rc==DB_ROW ) snprintf(pat, sizeof pat, "%s", db_col_text(q, 0));
  db_reset(q);
  if( rc!=DB_ROW && rc!=DB_DONE ) return ERR_DB;
  memo_keep(&ep, kind, office_id, pat, sizeof pat);
  snprintf(out, n, "%s", pat);
  return OK;
}

/* Format number seq of a register of the office for a year and month with the office's pattern.
** A case number is printed in capitals (an office code or a pattern in small letters too): every
** path and the portal's tracking find a case by its number typed in capitals or small letters
** (case_number_typed), which only a number printed in capitals allows. */
int number_format_office(Db *db, int64_t office_id, const char *reg, int year, int month, int64_t seq, char *out, size_t n){
  char pat[NUMBER_PATTERN_MAX+8];
  Office o;
  int rc = number_pattern_get(db, office_id, reg, pat, sizeof pat);
  if( rc!=OK ) return rc;
  if( office_get(db, office_id, &o)!=OK ) return ERR_NOTFOUND;
  rc = number_format(pat, o.code, year, month, seq, out, n);
  if( rc==OK && strcmp(reg, "case")==0 ){
    for(char *p = out; *p; p++) if( *p>='a' && *p<='z' ) *p = (char)(*p-'a'+'A');
  }
  return rc;
}

/* Set the patterns of an office, all or nothing, audited; the counters are not touched. */
int number_patterns_set(Db *db, const Actor *who, int64_t office_id, const char *const *pats, Err *e){
  Office o;
  if( office_get(db, office_id, &o)!=OK ){ ERR_SET(e, "office", N_("Not found")); return ERR_NOTFOUND; }
  Err all = {0};   /* every pattern wrong named at once */
  for(int i=0; number_registers[i]; i++){
    char sample[NUMBER_TEXT_MAX];
    Err pe = {0};
    if( pats[i]==0 ) continue;
    if( number_register_check(number_registers[i], pats[i], &pe)!=OK ) err_merge(&all, &pe);
    /* 47: the registers keep their numbers in 48 bytes (register.c); August is the longest Roman month */
    else if( number_format(pats[i], o.code, 2026, 8, 999999999, sample, sizeof sample)!=OK || strlen(sample)>47 ){
      err_add(&all, number_registers[i], N_("gives numbers longer than 47 characters"));
    }
  }
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  for(int i=0; rc==OK && number_registers[i]; i++){
    char old[NUMBER_PATTERN_MAX+8];
    if( pats[i]==0 ) continue;
    rc = number_pattern_get(db, office_id, number_registers[i], old, sizeof old);
    if( rc!=OK || strcmp(old, pats[i])==0 ) continue;
    Stmt *q = db_prepare(db, "INSERT INTO number_format(office_id, register, pattern) VALUES(?1,?2,?3)"
                             " ON CONFLICT(office_id, register) DO UPDATE SET pattern=excluded.pattern");
    if( q==0 ){ rc = ERR_DB; break; }
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, number_registers[i]);
    db_bind_text(q, 3, pats[i]);
    rc = db_run(q);
    if( rc==OK ){
      char obj[64], detail[160];
      snprintf(obj, sizeof obj, "office:%lld:%s", (long long)office_id, number_registers[i]);
      snprintf(detail, sizeof detail, "pattern %s -> %s", old, pats[i]);
      Actor a = { 0, "system", 0, "" };
      if( who ) a = *who;
      a.office_id = office_id;
      rc = audit_write(db, &a, "number.format", obj, detail);
    }
  }
  return db_tx_end(db, own, rc);
}
