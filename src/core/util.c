/*
** util.c — random tokens, SHA-256, password hashing (argon2id), small string
** and file helpers. Crypto is libsodium's.
*/
#include "core.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <signal.h>
#include <time.h>
#include <arpa/inet.h>

/* Initialise libsodium once, before any thread starts. */
int util_init(void){
  return sodium_init() < 0 ? ERR_IO : OK;
}

/* nbytes of randomness written as 2*nbytes hex digits (out must hold 2n+1). */
void util_random_token(char *out, size_t nbytes){
  unsigned char raw[64];
  if( nbytes > sizeof raw ) nbytes = sizeof raw;
  randombytes_buf(raw, nbytes);
  sodium_bin2hex(out, nbytes*2+1, raw, nbytes);
  sodium_memzero(raw, sizeof raw);
}

/* 16 random bytes as 32 hex digits, cheaply: a per-thread ChaCha20 stream seeded once
** from the system, each call taking a fresh seed from its own output (so an earlier
** value cannot be recomputed from a later state). For CSP nonces, not for secrets. */
void util_nonce(char out[33]){
  static _Thread_local unsigned char seed[randombytes_SEEDBYTES];
  static _Thread_local int seeded;
  unsigned char buf[randombytes_SEEDBYTES + 16];
  if( !seeded ){ randombytes_buf(seed, sizeof seed); seeded = 1; }
  randombytes_buf_deterministic(buf, sizeof buf, seed);
  memcpy(seed, buf, sizeof seed);
  sodium_bin2hex(out, 33, buf + sizeof seed, 16);
}

/* SHA-256 of n bytes as 64 lowercase hex digits. */
void util_sha256_hex(char out[65], const void *p, size_t n){
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, p, n);
  sodium_bin2hex(out, 65, h, sizeof h);
}

/* url as it may be shown or logged: its password never; its user when keep_user. */
void util_url_shown(const char *url, int keep_user, char *out, size_t n){
  const char *host = strstr(url, "://"), *at = 0;
  for(const char *p = host ? host+3 : ""; *p && *p!='/'; p++) if( *p=='@' ) at = p;
  if( at==0 ){ snprintf(out, n, "%s", url); return; }
  const char *user = host+3;
  const char *colon = memchr(user, ':', (size_t)(at-user));
  if( !keep_user ) snprintf(out, n, "%.*s%s", (int)(user-url), url, at+1);
  else if( colon ) snprintf(out, n, "%.*s:…%s", (int)(colon-url), url, at);
  else snprintf(out, n, "%s", url);
}

/* Compare two strings in time that does not depend on where they differ. */
int util_ct_equal(const char *a, const char *b){
  if( a==0 || b==0 ) return 0;
  size_t na = strlen(a), nb = strlen(b);
  if( na!=nb ) return 0;
  return sodium_memcmp(a, b, na)==0;
}

/* argon2id hash of a password in libsodium's self-describing string form. */
int util_password_hash(char out[128], const char *pw){
  if( crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE)!=0 ){
    return ERR_IO;
  }
  return OK;
}

/* 1 when pw matches the stored argon2id hash. */
int util_password_verify(const char *hash, const char *pw){
  if( hash==0 || pw==0 ) return 0;
  return crypto_pwhash_str_verify(hash, pw, strlen(pw))==0;
}

/* A random password of len characters without look-alikes (no 0/O, 1/l/I). */
void util_random_password(char *out, size_t len){
  static const char set[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  for(size_t i=0; i<len; i++) out[i] = set[randombytes_uniform(sizeof(set)-1)];
  out[len] = 0;
}

/* strcmp()==0 that treats NULL as unequal to everything. */
int util_str_eq(const char *a, const char *b){
  return a && b && strcmp(a, b)==0;
}

/* A positive whole number (an id) written in z; 0 when z is absent, empty or not one. */
int64_t util_id(const char *z){
  size_t n = z ? strlen(z) : 0;
  if( n==0 || n>18 || strspn(z, "0123456789")!=n ) return 0;   /* digits only: no sign, space or "1x" */
  long long v = strtoll(z, 0, 10);
  return v>0 ? (int64_t)v : 0;
}

/* 1 for NULL, "" or only white space: nothing was given (a required field of spaces is empty). */
int util_blank(const char *z){
  if( z==0 ) return 1;
  while( *z==' ' || *z=='\t' || *z=='\n' || *z=='\r' ) z++;
  return *z==0;
}

/* The value of the n decimal digits at z; -1 when one of them is not a digit. */
int util_digits(const char *z, int n){
  int v = 0;
  for(int i=0; i<n; i++){
    if( z[i]<'0' || z[i]>'9' ) return -1;
    v = v*10 + (z[i]-'0');
  }
  return v;
}

/* 1 when z is exactly n ASCII digits. */
int util_is_digits(const char *z, size_t n){
  if( strlen(z)!=n ) return 0;
  for(size_t i=0; i<n; i++) if( z[i]<'0' || z[i]>'9' ) return 0;
  return 1;
}

/* 1 when z has a control character: C0 (a line break "\n" or "\r\n" and a tab count only when
** allow_lines is 0; a "\r" alone always), DEL, C1 (U+0080–U+009F, UTF-8 C2 80–C2 9F), or a bidi
** embedding, override or isolate (U+202A–U+202E, U+2066–U+2069: "Trojan Source", text shown in
** another order than it is stored, a register printed saying what it does not hold). The one
** check of text people type: a note starting with "\x1E" would read as Loket's own (case_note_key). */
int util_has_control(const char *z, int allow_lines){
  for(; *z; z++){
    unsigned char c = (unsigned char)*z;
    if( c==0x7f ) return 1;
    if( c==0xc2 && (unsigned char)z[1]>=0x80 && (unsigned char)z[1]<=0x9f ) return 1;
    if( c==0xe2 && (((unsigned char)z[1]==0x80 && (unsigned char)z[2]>=0xaa && (unsigned char)z[2]<=0xae)
                  || ((unsigned char)z[1]==0x81 && (unsigned char)z[2]>=0xa6 && (unsigned char)z[2]<=0xa9)) ) return 1;
    if( c<0x20 && !(allow_lines && (c=='\n' || c=='\t' || (c=='\r' && z[1]=='\n'))) ) return 1;
  }
  return 0;
}

/* 1 when z is one of the strings of the NULL-ended list. */
int util_in_list(const char *const *list, const char *z){
  for(; z && *list; list++) if( strcmp(*list, z)==0 ) return 1;
  return 0;
}

/* The value a word stands for in a NULL-ended list of word, value pairs: the word as a spreadsheet
** writes it (any case, '_' for a space, spaces around or doubled: "Unit_Kerja" is "unit kerja"); 0 when none. */
const char *util_word_value(const char *const *pairs, const char *z){
  char w[48];
  size_t k = 0;
  for(; z && *z; z++){
    char c = *z=='_' || *z=='\t' || *z=='\r' || *z=='\n' ? ' ' : (char)tolower((unsigned char)*z);
    if( c==' ' && (k==0 || w[k-1]==' ') ) continue;
    if( k+1>=sizeof w ) return 0;   /* longer than any word of a list */
    w[k++] = c;
  }
  while( k>0 && w[k-1]==' ' ) k--;
  w[k] = 0;
  for(; *pairs; pairs += 2) if( strcmp(pairs[0], w)==0 ) return pairs[1];
  return 0;
}

/* 1 when w is one of the words of z (words separated by spaces or commas). */
int util_has_word(const char *z, const char *w){
  size_t n = w ? strlen(w) : 0;
  if( z==0 || n==0 ) return 0;
  while( *z ){
    while( *z==' ' || *z==',' ) z++;
    size_t k = strcspn(z, " ,");
    if( k==n && strncmp(z, w, n)==0 ) return 1;
    z += k;
  }
  return 0;
}

/* The length (1-4) of the well-formed UTF-8 sequence at z, n bytes being left; 0 when it is not
** one (a stray continuation byte, an overlong form, a surrogate, above U+10FFFF, cut short). */
int util_utf8_seq(const char *z, size_t n){
  const unsigned char *u = (const unsigned char*)z;
  if( n==0 ) return 0;
  if( u[0]<0x80 ) return 1;
  int len;
  unsigned lo = 0x80, hi = 0xBF;   /* the allowed range of the second byte */
  if( u[0]>=0xC2 && u[0]<=0xDF ) len = 2;
  else if( u[0]>=0xE0 && u[0]<=0xEF ){
    len = 3;
    if( u[0]==0xE0 ) lo = 0xA0;
    if( u[0]==0xED ) hi = 0x9F;     /* no surrogates */
  }else if( u[0]>=0xF0 && u[0]<=0xF4 ){
    len = 4;
    if( u[0]==0xF0 ) lo = 0x90;
    if( u[0]==0xF4 ) hi = 0x8F;     /* no more than U+10FFFF */
  }else return 0;
  if( n<(size_t)len || u[1]<lo || u[1]>hi ) return 0;
  for(int k=2; k<len; k++) if( (u[k] & 0xC0)!=0x80 ) return 0;
  return len;
}

/* 0 when a file's n bytes are UTF-8 text; else the line of the first that is not, said in err
** ("line N: not UTF-8 text …") for the importer to report. */
int util_utf8_file(const char *text, size_t n, const char *lang, char *err, size_t errlen){
  int bad = util_utf8_bad_line(text, n);
  if( bad ) snprintf(err, errlen, i18n_get(lang, N_("line %d: not UTF-8 text (save the file as UTF-8)")), bad);
  return bad;
}

/* 0 when n bytes of z are well-formed UTF-8; else the line (from 1) of the first byte that is not. */
int util_utf8_bad_line(const char *z, size_t n){
  int line = 1;
  for(size_t i=0; i<n; ){
    int k = util_utf8_seq(z+i, n-i);
    if( k==0 ) return line;
    if( z[i]=='\n' ) line++;
    i += (size_t)k;
  }
  return 0;
}

/* Characters (UTF-8 code points) of z; 0 for NULL. */
size_t util_utf8_len(const char *z){
  size_t n = 0;
  for(; z && *z; z++) if( ((unsigned char)*z & 0xC0)!=0x80 ) n++;
  return n;
}

/* A copy in a of the first line of z with words (white space around it trimmed), at most
** max bytes, cut on a character boundary; "" when z has none. */
char *util_first_line(const char *z, size_t max, Arena *a){
  while( z && (*z==' ' || *z=='\t' || *z=='\r' || *z=='\n') ) z++;
  if( z==0 ) return arena_strdup(a, "");
  size_t n = strcspn(z, "\r\n");
  if( n>max ){
    n = max;
    while( n>0 && ((unsigned char)z[n] & 0xC0)==0x80 ) n--;
  }
  return util_trim(arena_strndup(a, z, n));
}

/* The length of z without a last character cut short (a %.80s or a full buffer can end inside
** one; PostgreSQL refuses such text): n, or where that character began. */
size_t util_utf8_whole(const char *z, size_t n){
  size_t i = n;
  while( i>0 && ((unsigned char)z[i-1] & 0xC0)==0x80 && n-i<3 ) i--;   /* back over continuation bytes */
  if( i==0 ) return n;
  unsigned char lead = (unsigned char)z[i-1];
  size_t need = lead>=0xF0 ? 4 : lead>=0xE0 ? 3 : lead>=0xC0 ? 2 : 1;
  return lead>=0xC0 && n-(i-1) < need ? i-1 : n;
}

/* A copy in a of z cut to at most n characters (UTF-8 code points). */
char *util_utf8_prefix(const char *z, size_t n, Arena *a){
  size_t i = 0, k = 0;
  if( z==0 ) return arena_strdup(a, "");
  for(; z[i]; i++){
    if( ((unsigned char)z[i] & 0xC0)!=0x80 && k++==n ) break;
  }
  return arena_strndup(a, z, i);
}

/* A copy in a of z of at most n characters, cut with "…" when longer (core.h). */
char *util_utf8_cut(const char *z, size_t n, Arena *a){
  if( util_utf8_len(z)<=n ) return arena_strdup(a, z ? z : "");
  return arena_printf(a, "%s\xE2\x80\xA6", util_utf8_prefix(z, n ? n-1 : 0, a));
}

/* Strip leading and trailing white space in place; returns the new start. */
char *util_trim(char *z){
  while( *z && isspace((unsigned char)*z) ) z++;
  size_t n = strlen(z);
  while( n>0 && isspace((unsigned char)z[n-1]) ) z[--n] = 0;
  return z;
}

/* z without the white space around it, in a copy in out (n bytes); z itself when it does not fit
** (a check of its length then sees all of it); NULL stays NULL. */
const char *util_trim_copy(const char *z, char *out, size_t n){
  if( z==0 || strlen(z)>=n ) return z;
  memcpy(out, z, strlen(z)+1);
  return util_trim(out);
}

/* Read a whole file into out; ERR_NOTFOUND when it does not exist. */
int util_file_read(const char *path, Buf *out){
  FILE *f = fopen(path, "rb");
  if( f==0 ) return errno==ENOENT ? ERR_NOTFOUND : ERR_IO;
  char chunk[8192];
  size_t k;
  while( (k = fread(chunk, 1, sizeof chunk, f))>0 ) buf_append(out, chunk, k);
  int bad = ferror(f), e = errno;
  fclose(f);
  errno = e;   /* the reason of a failed read, for the caller's message */
  return bad ? ERR_IO : OK;
}

/* mkdir -p with mode 0750. */
int util_mkdir_p(const char *path){
  char tmp[4096];
  if( snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp ) return ERR_INVALID;
  for(char *p = tmp+1; *p; p++){
    if( *p=='/' ){
      *p = 0;
      if( mkdir(tmp, 0750)!=0 && errno!=EEXIST ) return ERR_IO;
      *p = '/';
    }
  }
  if( mkdir(tmp, 0750)!=0 && errno!=EEXIST ) return ERR_IO;
  return OK;
}

/* Remove what a killed process left in folder dir (see core.h): files named prefix + the id of
** the process that wrote them + anything, when that process is gone, is this one (an earlier
** process of the same id: called before this one makes its own) or the file is older than
** max_age_s. Each removal is logged; the count removed. */
int util_sweep_stale(const char *dir, const char *prefix, int64_t max_age_s){
  DIR *d = opendir(dir && *dir ? dir : ".");
  if( d==0 ) return 0;
  size_t pl = strlen(prefix);
  time_t now = time(0);
  int n = 0;
  struct dirent *de;
  while( (de = readdir(d))!=0 ){
    if( strncmp(de->d_name, prefix, pl) ) continue;
    char path[4400], *end;
    long pid = strtol(de->d_name+pl, &end, 10);
    if( end==de->d_name+pl ) pid = 0;
    struct stat st;
    if( snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : ".", de->d_name)>=(int)sizeof path
     || lstat(path, &st)!=0 || !S_ISREG(st.st_mode) ) continue;
    const char *why = pid<=0 ? "no process named"
                    : pid==(long)getpid() ? "left by an earlier process of this id"
                    : kill((pid_t)pid, 0)!=0 && errno==ESRCH ? "its process is gone"
                    : now - st.st_mtime > max_age_s ? "older than its time" : 0;
    if( why==0 ) continue;
    if( unlink(path)==0 ){
      log_warn("removed %s (%lld bytes) a process cut short: %s", path, (long long)st.st_size, why);
      n++;
    }else log_warn("cannot remove %s, left by a process cut short: %s", path, strerror(errno));
  }
  closedir(d);
  return n;
}

/* rename(), or when the two paths are on different file systems (a shared folder mounted on
** another, as rhs/ on several nodes) a copy written and synced beside the target, renamed into
** place, then the source removed. Sets errno on failure; the target is whole or absent. */
int util_file_move(const char *from, const char *to){
  if( rename(from, to)==0 ) return OK;
  if( errno!=EXDEV ) return ERR_IO;
  char part[4200];
  if( snprintf(part, sizeof part, "%s.part", to) >= (int)sizeof part ){ errno = ENAMETOOLONG; return ERR_IO; }
  int in = open(from, O_RDONLY);
  if( in<0 ) return ERR_IO;
  int out = open(part, O_WRONLY|O_CREAT|O_TRUNC, 0640);
  if( out<0 ){ int e = errno; close(in); errno = e; return ERR_IO; }
  char buf[65536];
  ssize_t n = 0;
  int ok = 1;
  while( ok && (n = read(in, buf, sizeof buf))!=0 ){
    if( n<0 ){ if( errno==EINTR ) continue; ok = 0; break; }
    for(ssize_t off = 0; ok && off<n; ){
      ssize_t w = write(out, buf+off, (size_t)(n-off));
      if( w<0 ){ if( errno!=EINTR ) ok = 0; }else off += w;
    }
  }
  int e = errno;
  if( ok && fsync(out)!=0 ){ ok = 0; e = errno; }
  if( close(out)!=0 && ok ){ ok = 0; e = errno; }
  close(in);
  if( ok && rename(part, to)!=0 ){ ok = 0; e = errno; }
  if( !ok ){ unlink(part); errno = e; return ERR_IO; }
  unlink(from);
  return OK;
}

/* A number with one decimal as it is written in Indonesian, "4,5"; with point, "4.5"
** (English). Reports, pages and documents all write their figures through this. */
void util_decimal1(char *out, size_t n, double v, int point){
  util_decimal(out, n, v, 1, point);
}

/* A number with a given count of decimals as people write it here ("81,25"; "81.25" with point). */
void util_decimal(char *out, size_t n, double v, int decimals, int point){
  snprintf(out, n, "%.*f", decimals, v);
  if( !point ){ char *d = strchr(out, '.'); if( d ) *d = ','; }
}

/* A whole number with its thousands grouped as a language writes them: 1500000 is "1.500.000"
** ("1,500,000" with point: English), -2500 "-2.500". */
void util_thousands(char *out, size_t n, int64_t v, int point){
  char d[24];
  snprintf(d, sizeof d, "%llu", v<0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
  size_t len = strlen(d), k = 0;
  if( n==0 ) return;
  if( v<0 && k+1<n ) out[k++] = '-';
  for(size_t i=0; i<len; i++){
    if( i && (len-i)%3==0 ){
      if( k+2>=n ) break;
      out[k++] = point ? ',' : '.';
    }
    if( k+1>=n ) break;
    out[k++] = d[i];
  }
  out[k] = 0;
}

/* The message about field in e (NULL field: an error naming none), or NULL. */
const char *err_about(const Err *e, const char *field){
  return err_find(e, field).msg;
}

/* The error of e about field (NULL field: one naming none); msg NULL when there is none. */
ErrItem err_find(const Err *e, const char *field){
  for(int i=0; i<err_count(e); i++){
    ErrItem it = err_item(e, i);
    if( util_str_eq(it.field, field) ) return it;
  }
  ErrItem none = { 0, 0, 0, {0} };
  return none;
}

/* The text the error it says in its "%s", in lang ("en": its English form when it has one); NULL when none. */
const char *err_arg(const ErrItem *it, const char *lang){
  if( it==0 || it->arg[0]==0 ) return 0;
  const char *en = it->arg + strlen(it->arg) + 1;
  return lang && strcmp(lang, "en")==0 && *en ? en : it->arg;
}

/* Copy z into out (room bytes, NUL included): all of it, or as much as fits with "…" after it, cut
** before a character's continuation bytes; the bytes written, NUL not counted. */
static size_t err_arg_copy(char *out, size_t room, const char *z){
  size_t n = z ? strlen(z) : 0;
  if( room==0 ) return 0;
  if( n>=room ){
    n = room>4 ? room-4 : 0;                 /* room for "…" (3 bytes) and the NUL */
    while( n>0 && ((unsigned char)z[n] & 0xC0)==0x80 ) n--;
    memcpy(out, z, n);
    if( room>4 ){ memcpy(out+n, "\xE2\x80\xA6", 3); n += 3; }
  }else if( n ) memcpy(out, z, n);
  out[n] = 0;
  return n;
}

/* Put text (and text_en, how it is said in English when that differs; NULL: the same) in arg, each cut
** on a character's boundary (with "…") when arg cannot hold it all. */
void err_arg_put(char arg[ERR_ARG], const char *text, const char *text_en){
  int two = text_en && *text_en && !util_str_eq(text, text_en);
  size_t n = err_arg_copy(arg, two ? ERR_ARG/2 : ERR_ARG-1, text);
  if( n==0 ){ arg[0] = arg[1] = 0; return; }
  if( two ) err_arg_copy(arg+n+1, ERR_ARG-n-1, text_en);
  else arg[n+1] = 0;
}

/* As err_set, the message (a static msgid holding one "%s") saying text (copied into e). */
void err_set_s(Err *e, const char *field, const char *msg, const char *text){
  err_set_s_en(e, field, msg, text, 0);
}

/* As err_set_s, the text said text_en in English (a thing's name that has both: a procedure's title). */
void err_set_s_en(Err *e, const char *field, const char *msg, const char *text, const char *text_en){
  err_set(e, field, msg);
  if( e ) err_arg_put(e->arg, text, text_en);
}

/* A message with its number n in place of its first "%d" (n 0: left) and s in place of its first
** "%s" (s NULL: left), in one pass, in buf. */
const char *err_fill(const char *msg, int n, const char *s, char *buf, size_t size){
  if( msg==0 || size==0 || ((n==0 || strstr(msg, "%d")==0) && (s==0 || strstr(msg, "%s")==0)) ) return msg;
  size_t k = 0;
  int said_n = n==0, said_s = s==0;
  for(const char *p = msg; *p && k+1<size; p++){
    if( p[0]=='%' && p[1]=='d' && !said_n ){
      k += (size_t)snprintf(buf+k, size-k, "%d", n);
      said_n = 1; p++;
    }else if( p[0]=='%' && p[1]=='s' && !said_s ){
      k += (size_t)snprintf(buf+k, size-k, "%s", s);
      said_s = 1; p++;
    }else buf[k++] = *p;
    if( k>=size ) k = size-1;
  }
  buf[k] = 0;
  return buf;
}

/* The first error of e said in English (its number and text in place), in a buffer of the thread's
** (one of four, turn about); NULL when e holds none. */
const char *err_en(const Err *e){
  if( e==0 || e->msg==0 ) return 0;
  ErrItem it = err_item(e, 0);
  return err_en_item(&it);
}

/* The error it said in English as err_en says one. */
const char *err_en_item(const ErrItem *it){
  static _Thread_local char bufs[4][768];
  static _Thread_local int turn;
  turn = (turn+1)%4;
  return err_fill(it->msg, it->n, err_arg(it, "en"), bufs[turn], sizeof bufs[turn]);
}

/* Add an error to those e holds: the first one when it holds none; a field already named (or a
** message already given without a field) keeps its first message; past ERR_MORE more, dropped. */
void err_add(Err *e, const char *field, const char *msg){
  err_add_n(e, field, msg, 0);
}

/* As err_add, the message (a static msgid holding one "%d") saying the number n (a limit). */
void err_add_n(Err *e, const char *field, const char *msg, int n){
  ErrItem it = { field, msg, n, {0} };
  err_add_item(e, field, &it);
}

/* As err_add, the message (a static msgid holding one "%s") saying text, text_en in English (NULL: the same). */
void err_add_s(Err *e, const char *field, const char *msg, const char *text, const char *text_en){
  ErrItem it = { field, msg, 0, {0} };
  err_arg_put(it.arg, text, text_en);
  err_add_item(e, field, &it);
}

/* As err_add, the error it (its message, number and text) under field (NULL: its own). */
void err_add_item(Err *e, const char *field, const ErrItem *it){
  if( e==0 || it==0 || it->msg==0 ) return;
  if( field==0 ) field = it->field;
  if( e->msg==0 ){ err_set(e, field, it->msg); e->n = it->n; memcpy(e->arg, it->arg, ERR_ARG); return; }
  for(int i=0; i<err_count(e); i++){
    ErrItem had = err_item(e, i);
    if( field ? util_str_eq(had.field, field) : had.field==0 && util_str_eq(had.msg, it->msg) ) return;
  }
  if( e->nmore<ERR_MORE ){ e->more[e->nmore] = *it; e->more[e->nmore++].field = field; }
}

/* Add every error of from to e (a sub-check's errors to its caller's). */
void err_merge(Err *e, const Err *from){
  for(int i=0; i<err_count(from); i++){ ErrItem it = err_item(from, i); err_add_item(e, 0, &it); }
}

/* Put prefix before (or, with strip, take it off) the field of every error that has (lacks) it. */
void err_prefix(Err *e, const char *prefix, int strip, Arena *a){
  size_t n = strlen(prefix);
  for(int i=0; i<err_count(e); i++){
    const char **f = i==0 ? &e->field : &e->more[i-1].field;
    if( *f==0 ) continue;
    int has = strncmp(*f, prefix, n)==0;
    if( strip && has ) *f += n;
    else if( !strip && !has ) *f = arena_printf(a, "%s%s", prefix, *f);
  }
}

/* Call the field from (in every error that names it) to, as the caller's form or request names it. */
void err_rename(Err *e, const char *from, const char *to){
  for(int i=0; i<err_count(e); i++){
    const char **f = i==0 ? &e->field : &e->more[i-1].field;
    if( util_str_eq(*f, from) ) *f = to;
  }
}

/* Check a text people type (at most max characters, one line of plain text unless TEXT_LINES),
** adding what is wrong with it to e under field: ERR_INVALID then, else OK. */
int err_check_text(Err *e, const char *field, const char *z, size_t max, int how){
  const char *bad = 0;
  int n = 0;
  /* a blank text that is not required is nothing given, unless its blanks are too many or are
  ** line breaks or tabs where one line of plain text is asked ("\r\n" in a name), or carriage
  ** returns that end no line where lines are allowed (both found by fuzz/fuzz_text.c) */
  if( util_blank(z) && (how & TEXT_REQUIRED) ) bad = N_("This field is required");
  else if( util_utf8_len(z)>max ){ bad = N_("This field is too long: at most %d characters"); n = (int)max; }
  else if( util_blank(z) && (z==0 || !util_has_control(z, (how & TEXT_LINES)!=0)) ) bad = 0;   /* bare "\r"s are no line breaks */
  else if( util_utf8_bad_line(z, strlen(z)) ) bad = N_("This field is not UTF-8 text");   /* from a CSV or a mail too */
  else if( util_has_control(z, 1) ) bad = N_("This field holds a control character");
  else if( !(how & TEXT_LINES) && util_has_control(z, 0) ) bad = N_("Only one line of plain text is allowed here");
  if( bad==0 ) return OK;
  err_add_n(e, field, bad, n);
  return ERR_INVALID;
}

/* An IP address as 16 bytes (see core.h). */
int util_ip_parse(const char *z, unsigned char out[16], int *v4){
  char t[64];
  size_t n = z ? strlen(z) : 0;
  int bracket = n>=2 && z[0]=='[' && z[n-1]==']';   /* [::1], as a URL or a listen address writes IPv6 */
  if( bracket ){ z++; n -= 2; }
  if( n==0 || n>=sizeof t ) return ERR_INVALID;
  memcpy(t, z, n);
  t[n] = 0;
  struct in_addr a4;
  static const unsigned char mapped[12] = { 0,0,0,0, 0,0,0,0, 0,0,0xff,0xff };
  if( !bracket && inet_pton(AF_INET, t, &a4)==1 ){
    memcpy(out, mapped, 12);
    memcpy(out+12, &a4, 4);
    if( v4 ) *v4 = 1;
    return OK;
  }
  if( inet_pton(AF_INET6, t, out)!=1 ) return ERR_INVALID;
  if( v4 ) *v4 = memcmp(out, mapped, 12)==0;   /* ::ffff:a.b.c.d is the IPv4 client of a dual-stack socket */
  return OK;
}

/* An IP address as text, the one way (see core.h). */
int util_ip_text(const char *z, char *out, size_t n){
  unsigned char a[16];
  int v4 = 0;
  if( util_ip_parse(z, a, &v4)!=OK ) return ERR_INVALID;
  if( v4 ) return inet_ntop(AF_INET, a+12, out, (socklen_t)n) ? OK : ERR_INVALID;
  return inet_ntop(AF_INET6, a, out, (socklen_t)n) ? OK : ERR_INVALID;
}

/* The address a limit on attempts counts by (see core.h): IPv4 as it is, IPv6 its /64. */
void util_ip_block(const char *ip, char *out, size_t n){
  unsigned char a[16];
  int v4 = 0;
  char t[INET6_ADDRSTRLEN];
  if( util_ip_parse(ip, a, &v4)!=OK || v4 ){
    if( util_ip_text(ip, out, n)!=OK ) snprintf(out, n, "%s", ip ? ip : "");
    return;
  }
  memset(a+8, 0, 8);
  inet_ntop(AF_INET6, a, t, sizeof t);
  snprintf(out, n, "%s/64", t);
}

/* An address links start with, checked and without its trailing slashes (see core.h). */
int util_url_base(const char *v, char *out, size_t n){
  if( v==0 ) v = "";
  if( *v && ((strncmp(v, "http://", 7) && strncmp(v, "https://", 8)) || strpbrk(v, " \t\r\n\"'<>\\?#")
             || v[strncmp(v, "https://", 8)==0 ? 8 : 7]==0 || v[strncmp(v, "https://", 8)==0 ? 8 : 7]=='/'
             || strlen(v)>=n) ) return ERR_INVALID;
  snprintf(out, n, "%s", v);
  size_t len = strlen(out);
  while( len>0 && out[len-1]=='/' ) out[--len] = 0;   /* links are written as the base + "/path" */
  return OK;
}
