/*
** server.c — libmicrohttpd with its epoll thread pool. A request is read
** whole (bodies limited), then dispatched through the route table: the
** caller is identified, the route's permission checked, state-changing web
** requests checked for CSRF, and the handler's answer sent with the
** security headers. The response is queued on the second call of the access
** handler at the earliest, or MHD drops keep-alive.
*/
#include "http.h"
#include "../desk/desk.h"
#include "../mail/mail.h"
#include "../sop/watch.h"
#include "../desk/report.h"
#include "../desk/helpdesk.h"
#include <microhttpd.h>
#include <arpa/inet.h>
#include <strings.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <pthread.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <sodium.h>

#define BODY_DRAIN_MAX ((size_t)256<<20)   /* beyond this an oversized body is not read */

static const Config *srv_cfg;

/* ---- reading the request ---- */

/* The base of links for office_id's page or mail (see http.h). */
const char *req_office_base_url(Req *r, int64_t office_id){
  return office_link_base(r->db, office_id, req_base_url(r), arena_alloc(&r->arena, 256), 256);
}

/* A request header, or NULL. */
const char *req_header(Req *r, const char *name){
  return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* "http(s)://host" for the absolute links in e-mail and QR codes: loket.conf's public_url, else
** for a signed-in user the request's Host header (scheme from a trusted proxy or secure_cookies;
** a bad Host gives localhost). A request nobody signed (the portal) does not choose: anyone can
** write its Host, and the mail it causes would carry their links; it gets the address staff
** last opened Loket at (at first the one it listens on). */
const char *req_base_url(Req *r){
  Office o;   /* the office's own address first (set on /pengaturan) */
  if( r->db && r->office_id>0 && office_get(r->db, r->office_id, &o)==OK && o.public_url[0] ) return arena_strdup(&r->arena, o.public_url);
  if( r->cfg && r->cfg->public_url[0] ) return r->cfg->public_url;
  if( r->user_id==0 ){
    char *seen = arena_alloc(&r->arena, 512);
    config_link_base(seen, 512);
    if( *seen ) return seen;
  }
  const char *host = req_header(r, "Host");
  const char *proto = r->cfg && r->cfg->trust_proxy ? req_header(r, "X-Forwarded-Proto") : 0;
  int https = (proto && strcmp(proto, "https")==0) || (r->cfg && r->cfg->secure_cookies);
  if( host==0 || *host==0 || strlen(host)>=200 || strpbrk(host, " \t\r\n/\\\"'<>?#@") ) host = "localhost";
  return arena_printf(&r->arena, "%s://%s", https ? "https" : "http", host);
}

/* A cookie's value, or NULL. */
const char *req_cookie(Req *r, const char *name){
  return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

/* A query-string argument, or NULL. */
const char *req_query(Req *r, const char *name){
  if( r->query_set ){
    for(int i=0; i<r->nquery_over; i++) if( strcmp(r->query_over[i].name, name)==0 ) return r->query_over[i].value;
    return 0;
  }
  return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

/* Call fn on each query-string argument, in order, until it says MHD_NO: the connection's, or
** those of a page drawn again (req_page_again). */
static void query_each(Req *r, MHD_KeyValueIterator fn, void *cls){
  if( r->query_set ){
    for(int i=0; i<r->nquery_over; i++) if( fn(cls, MHD_GET_ARGUMENT_KIND, r->query_over[i].name, r->query_over[i].value)==MHD_NO ) return;
    return;
  }
  if( r->conn ) MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, fn, cls);
}

/* The path parameter name as a positive id; 0 when absent or not one. */
int64_t req_param_id(Req *r, const char *name){
  return util_id(req_param(r, name));
}

/* Today's date (YYYY-MM-DD) in the office of the request. */
const char *req_today(Req *r){
  char *z = arena_alloc(&r->arena, 11);
  time_day_text(z, time_now(), r->office_tz);
  return z;
}

/* A whole number lo..hi from the query string, def when absent; answers 400 naming it. */
int req_query_int(Req *r, const char *name, int64_t lo, int64_t hi, int64_t def, int64_t *out){
  const char *z = req_query(r, name);
  *out = def;
  if( z==0 || *z==0 ) return OK;
  char *end;
  errno = 0;
  long long v = strtoll(z, &end, 10);
  if( !isdigit((unsigned char)z[0]) || *end || errno || v<lo || v>hi ){
    reply_error(r, 400, "invalid", name, arena_printf(&r->arena, "%s: %s %lld..%lld", name,
                T(r, "must be a whole number in"), (long long)lo, (long long)hi));
    return ERR_INVALID;
  }
  *out = v;
  return OK;
}

/* A yes/no flag from the query string: 1/true/yes/on or 0/false/no/off; def when absent;
** answers 400 naming it otherwise. */
int req_query_flag(Req *r, const char *name, int def, int *out){
  const char *z = req_query(r, name);
  *out = def;
  if( z==0 || *z==0 ) return OK;
  if( !strcmp(z,"1") || !strcasecmp(z,"true") || !strcasecmp(z,"yes") || !strcasecmp(z,"on") ){ *out = 1; return OK; }
  if( !strcmp(z,"0") || !strcasecmp(z,"false") || !strcasecmp(z,"no") || !strcasecmp(z,"off") ){ *out = 0; return OK; }
  reply_invalid(r, name, "must be true or false");
  return ERR_INVALID;
}

/* The query parameters as req_query_only reads them: the names it takes, those seen so far, and
** the first that is wrong (not one of the names, or given twice). */
typedef struct QueryCheck {
  const char *names, *bad;
  int twice;
  const char *seen[16];
  int nseen;
} QueryCheck;

/* One query parameter against the list of req_query_only (cls): the first unknown name, or the
** first given a second time, is kept. */
static enum MHD_Result query_known(void *cls, enum MHD_ValueKind kind, const char *key, const char *value){
  QueryCheck *c = cls;
  (void)kind; (void)value;
  size_t n = strlen(key);
  if( n==0 ) return MHD_YES;
  if( strcmp(key, "lang")==0 ) return MHD_YES;
  for(const char *p = c->names; *p; ){
    while( *p==' ' ) p++;
    size_t k = strcspn(p, " ");
    if( k==n && memcmp(p, key, n)==0 ){
      for(int i=0; i<c->nseen; i++) if( strcmp(c->seen[i], key)==0 ){ c->bad = key; c->twice = 1; return MHD_NO; }
      if( c->nseen<(int)COUNT(c->seen) ) c->seen[c->nseen++] = key;
      return MHD_YES;
    }
    p += k;
  }
  c->bad = key;
  return MHD_NO;
}

typedef struct QueryKeep { const char *except; Buf *b; } QueryKeep;

/* Add one query parameter, URL-encoded again, to the query being rebuilt (except the one named). */
static enum MHD_Result query_keep(void *ctx, enum MHD_ValueKind kind, const char *key, const char *value){
  QueryKeep *k = ctx;
  UNUSED(kind);
  if( key==0 || *key==0 || util_str_eq(key, k->except) ) return MHD_YES;
  buf_printf(k->b, "%R%t", k->b->n ? "&" : "?", key);
  if( value ) buf_printf(k->b, "=%t", value);
  return MHD_YES;
}

/* The query string of the request without the parameter except ("?a=1&b=2", "" when nothing
** is left), every name and value URL-encoded again: safe to append to the path. */
const char *req_query_except(Req *r, const char *except){
  Buf b = BUF_INIT;
  QueryKeep k = { except, &b };
  query_each(r, query_keep, &k);
  const char *z = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
  return z;
}

/* Only the parameters named (and lang) in the query string, each once; 400 naming the first other
** one, or the first given twice (its second value would be ignored). */
int req_query_only(Req *r, const char *names){
  QueryCheck c = { names, 0, 0, {0}, 0 };
  query_each(r, query_known, &c);
  if( c.bad==0 ) return OK;
  if( c.twice ) return reply_invalid(r, c.bad, "is given more than once: give it once");
  const char *v[2] = { names, c.bad };
  char list[256];
  snprintf(list, sizeof list, "%s", names);
  for(char *p = list; *p; p++) if( *p==' ' ) *p = ',';
  reply_error(r, 400, "invalid", v[1], *list ? arena_printf(&r->arena, "%s %s (%s)", v[1], T(r, "is not a known parameter"), list)
                                             : arena_printf(&r->arena, "%s %s", v[1], T(r, "is not a known parameter")));
  return ERR_INVALID;
}

/* A moment from the query string: ISO 8601, or YYYY-MM-DD in the office's zone (with end
** set, a day means up to its end); 0 when absent; answers 400 naming it when unreadable. */
int req_query_time(Req *r, const char *name, int end, int64_t *out){
  const char *z = req_query(r, name);
  int64_t t;
  *out = 0;
  if( z==0 || *z==0 ) return OK;
  if( time_parse_iso(z, &t)==OK ){ *out = end ? t+1 : t; return OK; }
  if( time_parse_day(z, r->office_tz, &t)==OK ){ *out = end ? t + 86400 : t; return OK; }
  reply_invalid(r, name, "must be a date (YYYY-MM-DD) or a time (ISO 8601)");
  return ERR_INVALID;
}

/* A ":name" segment captured from the path, or NULL. */
const char *req_param(Req *r, const char *name){
  for(int i=0; i<r->nparam; i++) if( strcmp(r->pname[i], name)==0 ) return r->pval[i];
  return 0;
}

/* The path from the segment of :name to its end: a value with slashes in it (a procedure's code,
** SOP 01/LPSE.OI/2012, sent encoded or not: the server decodes %2F before routing) that routes of
** more segments take whole; NULL when the route has no :name. */
const char *req_param_rest(Req *r, const char *name){
  if( r->route==0 ) return req_param(r, name);
  size_t n = strlen(name);
  int seg = 0;
  for(const char *z = r->route->path; *z; z++){
    if( *z!='/' ) continue;
    seg++;
    if( z[1]!=':' || strncmp(z+2, name, n) || (z[2+n]!='/' && z[2+n]!=0) ) continue;
    const char *p = r->path;
    for(int k=0; k<seg; k++){
      p = strchr(p, '/');
      if( p==0 ) return 0;
      p++;
    }
    return p;
  }
  return 0;
}

/* 1 when r's body is multipart (its parts come in pieces), 0 when url-encoded. */
static int form_multipart(Req *r){
  const char *ct = r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE) : 0;
  return ct && strncasecmp(ct, "multipart/", 10)==0;
}

/* A part's file name as the client meant it: browsers, Node's FormData and curl write a quote in it
** as %22 (the HTML standard's multipart encoding; its line breaks, %0D and %0A, stay as sent). */
static char *form_filename(Arena *a, const char *name){
  char *z = arena_strdup(a, name), *o = z;
  for(const char *p = name; *p; p++){
    if( p[0]=='%' && p[1]=='2' && p[2]=='2' ){ *o++ = '"'; p += 2; }
    else *o++ = *p;
  }
  *o = 0;
  return z;
}

/* Collect one form field (or a piece of it) from MHD's post processor. */
static enum MHD_Result form_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *filename, const char *ctype, const char *enc,
                                 const char *data, uint64_t off, size_t size){
  Req *r = cls;
  UNUSED(kind); UNUSED(ctype); UNUSED(enc);
  if( key==0 ) return MHD_YES;
  Field *f = 0;
  if( off>0 ){
    for(int i=r->nform-1; i>=0; i--) if( strcmp(r->form[i].name, key)==0 ){ f = &r->form[i]; break; }
  }else if( size>0 && r->nform>0 && r->form[r->nform-1].len==0 && strcmp(r->form[r->nform-1].name, key)==0
         && !r->form[r->nform-1].path && form_multipart(r) ){
    /* a part whose headers came before any of its value is first handed over empty, then its
    ** value from offset 0 again (found by fuzz/fuzz_multipart.c): one field, not an empty one
    ** that req_form would find first (a CSRF token lost to a TCP segment's end) */
    f = &r->form[r->nform-1];
  }
  if( f==0 ){
    if( r->nform>=256 ) return MHD_NO;
    if( r->nform % 16 == 0 ){
      Field *nf = arena_alloc(&r->arena, sizeof(Field)*(size_t)(r->nform+16));
      if( r->nform ) memcpy(nf, r->form, sizeof(Field)*(size_t)r->nform);
      r->form = nf;
    }
    f = &r->form[r->nform++];
    memset(f, 0, sizeof *f);   /* no path nor hash: a field kept in memory (the arena is not zeroed) */
    f->name = arena_strdup(&r->arena, key);
    f->filename = filename ? form_filename(&r->arena, filename) : 0;
    f->value = arena_strndup(&r->arena, data ? data : "", size);
    f->len = size;
    f->cap = size + 1;
    return MHD_YES;
  }
  /* an upload arrives in pieces: grow by doubling, so a file costs about twice its size, not its square */
  if( f->len + size + 1 > f->cap ){
    size_t cap = f->cap*2 > f->len + size + 1 ? f->cap*2 : f->len + size + 1;
    char *v = arena_alloc(&r->arena, cap);
    memcpy(v, f->value, f->len);
    f->value = v;
    f->cap = cap;
  }
  char *v = (char*)f->value;
  memcpy(v + f->len, data, size);
  v[f->len + size] = 0;
  f->len += size;
  return MHD_YES;
}

/* ---- streamed uploads (the routes of routes_streamed) ----
** A multipart body is parsed as it arrives: the file part is written to a temporary
** file in the data folder's tmp/ and hashed on the way, so a file of hundreds of MB
** never sits in memory; the other fields are kept as usual (in all at most body_limit). */
typedef struct Stream {
  struct MHD_PostProcessor *pp;
  int fd;                     /* the file being written; -1 when none or closed */
  char path[4200];            /* its temporary path; "" when none */
  crypto_hash_sha256_state sha;
  int file_idx;               /* the field of the file in r->form; -1 before it starts */
  size_t fields;              /* bytes of the other fields */
  int failed;                 /* a second file, or a write that failed */
  int err;                    /* the errno of a file that could not be created or written */
} Stream;

/* Collect one piece of a streamed body: the file to disk, other fields to memory. */
static enum MHD_Result stream_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *filename, const char *ctype, const char *enc,
                                   const char *data, uint64_t off, size_t size){
  Req *r = cls;
  Stream *st = r->stream;
  if( key==0 || r->too_big || st->failed ) return MHD_YES;
  if( filename==0 ){
    st->fields += size;
    if( st->fields > r->cfg->body_limit ){ r->too_big = r->cfg->body_limit; return MHD_YES; }
    return form_iter(cls, kind, key, filename, ctype, enc, data, off, size);
  }
  if( st->file_idx<0 ){
    if( form_iter(cls, kind, key, filename, ctype, enc, "", 0, 0)!=MHD_YES ){ st->failed = 1; return MHD_YES; }
    st->file_idx = r->nform-1;
    char dir[4100];
    snprintf(dir, sizeof dir, "%.4090s/tmp", db_folder());
    util_mkdir_p(dir);
    snprintf(st->path, sizeof st->path, "%s/upload-XXXXXX", dir);
    st->fd = mkstemp(st->path);
    if( st->fd<0 ){
      st->err = errno;
      log_error("upload: cannot create %s: %s", st->path, strerror(errno));
      st->path[0] = 0;
      st->failed = 1;
      return MHD_YES;
    }
    crypto_hash_sha256_init(&st->sha);
    r->form[st->file_idx].path = arena_strdup(&r->arena, st->path);
  }else if( strcmp(r->form[st->file_idx].name, key) || (off==0 && r->form[st->file_idx].len>0) ){
    st->failed = 1;           /* one file per request (its first piece may come after an empty one, both at 0) */
    return MHD_YES;
  }
  Field *f = &r->form[st->file_idx];
  if( f->len + size > r->cfg->bid_file_limit ){ r->too_big = r->cfg->bid_file_limit; return MHD_YES; }
  for(size_t done = 0; done<size; ){
    ssize_t w = write(st->fd, data+done, size-done);
    if( w<0 && errno==EINTR ) continue;
    if( w<=0 ){
      st->err = w<0 ? errno : ENOSPC;
      log_error("upload: writing %s: %s", st->path, strerror(st->err));
      st->failed = 1;
      return MHD_YES;
    }
    done += (size_t)w;
  }
  crypto_hash_sha256_update(&st->sha, (const unsigned char*)data, size);
  f->len += size;
  return MHD_YES;
}

/* A browser sends a textarea's line breaks as CR LF (HTML's form encoding): each text field's made
** LF, as the API's JSON and the CLI give them, so a note is kept one way whichever door it came by,
** and a limit counts a line break once, as the textarea's maxlength did. Files are left as sent. */
static void form_text_lf(Req *r){
  for(int i=0; i<r->nform; i++){
    Field *f = &r->form[i];
    if( f->filename || f->path || memchr(f->value, '\r', f->len)==0 ) continue;
    char *v = (char*)f->value;
    size_t k = 0;
    for(size_t j=0; j<f->len; j++) if( !(v[j]=='\r' && j+1<f->len && v[j+1]=='\n') ) v[k++] = v[j];
    v[k] = 0;
    f->len = k;
  }
}

/* Start reading r's multipart body as it arrives (r->conn's Content-Type says its boundary);
** r->stream stays NULL when that cannot be parsed. */
void req_stream_open(Req *r){
  r->stream = xcalloc(1, sizeof *r->stream);
  r->stream->fd = -1;
  r->stream->file_idx = -1;
  r->stream->pp = MHD_create_post_processor(r->conn, 64*1024, stream_iter, r);
  if( r->stream->pp==0 ){ free(r->stream); r->stream = 0; }
}

/* Read the next n bytes of a streamed body (a part that breaks the form marks the upload failed). */
void req_stream_feed(Req *r, const char *data, size_t n){
  if( !r->too_big && MHD_post_process(r->stream->pp, data, n)!=MHD_YES ) r->stream->failed = 1;
}

/* 1 when method and path name a route that streams its multipart body. */
static int stream_route(const char *method, const char *path){
  size_t n = strlen(method);
  for(int i=0; routes_streamed[i]; i++){
    const char *z = routes_streamed[i];
    if( strncmp(z, method, n)==0 && z[n]==' ' && route_match(0, z+n+1, path) ) return 1;
  }
  return 0;
}

/* The body has arrived: flush the parser, close the file, keep its SHA-256. */
void req_stream_finish(Req *r){
  Stream *st = r->stream;
  if( st->pp ){ MHD_destroy_post_processor(st->pp); st->pp = 0; }
  if( st->fd>=0 ){
    if( fsync(st->fd)!=0 ){ st->err = errno; st->failed = 1; log_error("upload: writing %s: %s", st->path, strerror(errno)); }
    close(st->fd);
    st->fd = -1;
  }
  r->form_parsed = 1;
  form_text_lf(r);
  if( st->file_idx>=0 && !st->failed && !r->too_big ){
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&st->sha, h);
    sodium_bin2hex(r->form[st->file_idx].sha256, sizeof r->form[st->file_idx].sha256, h, sizeof h);
  }else if( st->file_idx>=0 ){
    r->form[st->file_idx].path = 0;   /* nothing usable was kept: no file, no length (its value is "") */
    r->form[st->file_idx].len = 0;
  }
}

/* After the answer: the parser and the temporary file go (a handler that kept the file renamed it). */
void req_stream_free(Req *r){
  Stream *st = r->stream;
  if( st==0 ) return;
  if( st->pp ) MHD_destroy_post_processor(st->pp);
  if( st->fd>=0 ) close(st->fd);
  if( st->path[0] ) unlink(st->path);
  free(st);
  r->stream = 0;
}

/* Parse a url-encoded or multipart body once, on first use. */
static void form_parse(Req *r){
  if( r->form_parsed ) return;
  r->form_parsed = 1;
  if( r->body.n==0 ) return;
  struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, 8192, form_iter, r);
  if( pp==0 ) return;
  MHD_post_process(pp, r->body.z, r->body.n);
  MHD_destroy_post_processor(pp);
  form_text_lf(r);
}

/* The name of the first form field whose text (or upload's file name) is not UTF-8 or holds a
** control character (line breaks and tabs aside in text), or NULL; *why says which. Such bytes
** would be kept as given and shown broken, or ring and move the cursor on a terminal. */
const char *req_form_bad_text(Req *r, const char **why){
  form_parse(r);
  for(int i=0; i<r->nform; i++){
    const Field *f = &r->form[i];
    const char *z = f->filename ? f->filename : f->value;
    size_t n = f->filename ? strlen(f->filename) : f->len;
    *why = N_("This field is not UTF-8 text");
    if( util_utf8_bad_line(z, n) ) return f->name;
    *why = N_("This field holds a control character");
    if( strlen(z)!=n || util_has_control(z, f->filename==0) ) return f->name;
  }
  return 0;
}

typedef struct QueryBad { const char *name, *why; } QueryBad;

/* One query parameter (MHD_get_connection_values_n): the first whose name or value is not UTF-8
** or holds a NUL or another control character is kept, as req_form_bad_text finds a form's; a name
** that is not text itself is called "query". */
static enum MHD_Result query_text(void *cls, enum MHD_ValueKind kind, const char *key, size_t nkey,
                                  const char *value, size_t nvalue){
  QueryBad *b = cls;
  UNUSED(kind);
  const char *z[2] = { key ? key : "", value ? value : "" };
  size_t n[2] = { key ? nkey : 0, value ? nvalue : 0 };
  for(int i=0; i<2; i++){
    if( util_utf8_bad_line(z[i], n[i]) ) b->why = N_("This field is not UTF-8 text");
    /* a search's q may hold a tab or a line break, pasted from a spreadsheet's cell: the search
    ** takes white space as one space (db_search_text) */
    else if( strlen(z[i])!=n[i] || util_has_control(z[i], i==1 && strcmp(z[0], "q")==0) ) b->why = N_("This field holds a control character");
    else continue;
    b->name = i==0 ? "query" : key;
    return MHD_NO;
  }
  return MHD_YES;
}

/* The name of the first query parameter that is not text (query_text), or NULL; *why says which.
** Read as C strings, a NUL would cut the value short unseen. */
static const char *query_bad_text(Req *r, const char **why){
  QueryBad b = { 0, 0 };
  if( r->conn ) MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, query_text, &b);
  *why = b.why;
  return b.name;
}

/* 1 when a form posted holds something typed (a field not empty, beside its CSRF token and
** one-time mark), which a sign-in asked first must not lose. */
static int req_form_typed(Req *r){
  req_form(r, "csrf");   /* parsed */
  for(int i=0; i<r->nform; i++){
    const Field *f = &r->form[i];
    if( f->filename || f->path || strcmp(f->name, "csrf")==0 || strcmp(f->name, "form_id")==0 ) continue;
    if( f->value && *f->value ) return 1;
  }
  return 0;
}

/* The name of a file field sent twice, or NULL: every upload form takes one file per field, and
** the second would be dropped unseen. */
const char *req_form_file_twice(Req *r){
  form_parse(r);
  for(int i=0; i<r->nform; i++){
    if( r->form[i].filename==0 ) continue;
    for(int k=0; k<i; k++) if( r->form[k].filename && strcmp(r->form[k].name, r->form[i].name)==0 ) return r->form[i].name;
  }
  return 0;
}

/* A form field's value, or NULL. */
const char *req_form(Req *r, const char *name){
  const Field *f = req_form_field(r, name);
  return f ? f->value : 0;
}

/* A form field with its length and file name (for uploads), or NULL. */
const Field *req_form_field(Req *r, const char *name){
  form_parse(r);
  for(int i=0; i<r->nform; i++) if( strcmp(r->form[i].name, name)==0 ) return &r->form[i];
  return 0;
}

/* Add a response header. */
void req_set_header(Req *r, const char *name, const char *value){
  if( r->nhdr < (int)COUNT(r->hdr) ){
    r->hdr[r->nhdr].name = name;
    r->hdr[r->nhdr].value = arena_strdup(&r->arena, value);
    r->nhdr++;
  }
}

/* Set a cookie: HttpOnly, SameSite=Lax, Secure behind TLS; max_age 0 deletes it. */
void req_set_cookie(Req *r, const char *name, const char *value, int max_age_s){
  const char *proto = r->cfg->trust_proxy ? req_header(r, "X-Forwarded-Proto") : 0;
  int secure = r->cfg->secure_cookies || util_str_eq(proto, "https");
  char *c = arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
                         name, value, max_age_s, secure ? "; Secure" : "");
  req_set_header(r, MHD_HTTP_HEADER_SET_COOKIE, c);
}

/* ---- routing ---- */

/* Match path against a pattern, capturing ":name" segments into r (when given); 1 on a match. */
int route_match(Req *r, const char *pat, const char *path){
  int np = 0;
  while( *pat && *path ){
    if( *pat==':' ){
      const char *ne = strchr(pat, '/'), *pe = strchr(path, '/');
      size_t nl = ne ? (size_t)(ne-pat-1) : strlen(pat+1);
      size_t pl = pe ? (size_t)(pe-path) : strlen(path);
      if( pl==0 || np>=8 ) return 0;
      if( r ){
        r->pname[np] = arena_strndup(&r->arena, pat+1, nl);
        r->pval[np] = arena_strndup(&r->arena, path, pl);
      }
      np++;
      pat += nl+1;
      path += pl;
      continue;
    }
    if( *pat!=*path ) return 0;
    pat++; path++;
  }
  if( *pat || *path ) return 0;
  if( r ) r->nparam = np;
  return 1;
}

/* The routes grouped by their key: the first segment of the path after "/api/v1/" or "/"
** ("cases" of /api/v1/cases/:number, "kasus" of /kasus/:number). A path is matched against
** the routes of its own key and those whose key is a parameter, in the table's order, instead
** of against every route. Built once, the table being constant. */
#define ROUTE_KEY_MAX 32
typedef struct RouteKey { char key[ROUTE_KEY_MAX]; int n; int *idx; } RouteKey;
static RouteKey *route_keys;     /* one per distinct key, then one for the keys that are parameters */
static int route_nkeys;
static pthread_once_t route_once = PTHREAD_ONCE_INIT;

/* The key segment of a path or pattern into out (""), its length; -1 when it is a parameter
** (":name") or longer than a key holds (such a route is tried for every path). */
static int route_key(const char *path, char *out){
  const char *z = path;
  if( *z=='/' ) z++;
  if( strncmp(z, "api/v1/", 7)==0 ) z += 7;
  size_t n = strcspn(z, "/");
  out[0] = 0;
  if( *z==':' || n>=ROUTE_KEY_MAX ) return -1;
  memcpy(out, z, n);
  out[n] = 0;
  return (int)n;
}

/* Build the groups of route_keys (run once): each distinct key, then every route in the
** table's order whose key is that one or a parameter; last the group of parameters alone. */
static void route_index_build(void){
  route_keys = xcalloc(routes_count + 1, sizeof *route_keys);
  char k[ROUTE_KEY_MAX];
  for(size_t i=0; i<routes_count; i++){
    if( route_key(routes[i].path, k)<0 ) continue;
    int g = 0;
    while( g<route_nkeys && strcmp(route_keys[g].key, k) ) g++;
    if( g==route_nkeys ) memcpy(route_keys[route_nkeys++].key, k, sizeof k);
  }
  for(int g=0; g<=route_nkeys; g++){
    RouteKey *rk = &route_keys[g];
    rk->idx = xcalloc(routes_count, sizeof(int));
    for(size_t i=0; i<routes_count; i++){
      int param = route_key(routes[i].path, k)<0;
      if( param || (g<route_nkeys && strcmp(k, rk->key)==0) ) rk->idx[rk->n++] = (int)i;
    }
  }
}

/* The routes a path may match: its key's group, else those whose key is a parameter. */
static const RouteKey *route_group(const char *path){
  pthread_once(&route_once, route_index_build);
  char k[ROUTE_KEY_MAX];
  if( route_key(path, k)>=0 ){
    for(int g=0; g<route_nkeys; g++) if( strcmp(route_keys[g].key, k)==0 ) return &route_keys[g];
  }
  return &route_keys[route_nkeys];
}

/* Find the route for method and path: its index, -1 unknown path, -2 wrong method
** (then allow, when given, lists the methods the path takes). */
static int route_find(Req *r, const char *method, const char *path, Buf *allow){
  int path_seen = 0;
  const RouteKey *grp = route_group(path);
  for(int gi=0; gi<grp->n; gi++){
    size_t i = (size_t)grp->idx[gi];
    if( !route_match(0, routes[i].path, path) ) continue;
    path_seen = 1;
    if( allow && !strstr(buf_str(allow), routes[i].method) ){
      if( allow->n ) buf_puts(allow, ", ");
      buf_puts(allow, routes[i].method);
      if( strcmp(routes[i].method, "GET")==0 ) buf_puts(allow, ", HEAD");
    }
    if( strcmp(routes[i].method, method)==0
     || (strcmp(method, "HEAD")==0 && strcmp(routes[i].method, "GET")==0) ){
      route_match(r, routes[i].path, path);
      return (int)i;
    }
  }
  return path_seen ? -2 : -1;
}

/* Whether the caller may reach METHOD path (its query string ignored): the permission of the
** route it finds is the caller's. A page shows a link or form only when this says yes. */
int route_allows(Req *r, const char *method, const char *path){
  size_t n = strcspn(path, "?#");
  const char *p = path[n] ? arena_strndup(&r->arena, path, n) : path;
  int i = route_find(0, method, p, 0);
  if( i<0 ) return 0;
  const char *perm = routes[i].perm;
  if( strcmp(perm, "public")==0 ) return 1;
  if( r->user_id==0 ) return 0;
  return strcmp(perm, "login")==0 || perm_allows(r->roles, perm);
}

/* The nearest address at or above path (cut at its slashes) that is a page, a GET route, and
** with may_open one the caller may open; "/" when none is. Where a form posted to an address of
** its own (/kasus/N/catatan) leads back to: the language switch, the sign-in after a session ended. */
const char *route_page_above(Req *r, const char *path, int may_open){
  char *p = arena_strndup(&r->arena, path, strcspn(path, "?#"));
  while( may_open ? !route_allows(r, "GET", p) : route_find(0, "GET", p, 0)<0 ){
    char *slash = strrchr(p, '/');
    if( slash==0 || slash==p ) return "/";
    *slash = 0;
  }
  return p;
}

/* One part of a query string decoded in place: '+' a space, %XX its byte. */
static char *query_decode(Req *r, const char *z, size_t n){
  char *v = arena_strndup(&r->arena, z, n);
  for(char *p = v; *p; p++) if( *p=='+' ) *p = ' ';
  MHD_http_unescape(v);
  return v;
}

/* Answer as GET target (a local path with its query) would, inside this request: the language
** switch drawing again the page of a refused form (web/form_kept.c). Its route found, the
** caller's permission checked, the query target's own, no form. 0 when target names no page the
** caller may open then (nothing answered), else 1. */
int req_page_again(Req *r, const char *target){
  size_t n = strcspn(target, "?#");
  char *path = arena_strndup(&r->arena, target, n);
  if( *path!='/' || (r->must_change_pw && strcmp(path, "/akun")) || !route_allows(r, "GET", path) ) return 0;
  int i = route_find(r, "GET", path, 0);
  if( i<0 ) return 0;
  /* the query: name=value pairs split at '&' (the fragment dropped) */
  const char *q = target[n]=='?' ? target+n+1 : "";
  size_t qn = strcspn(q, "#");
  int k = 0;
  for(size_t j=0; j<qn; j++) k += q[j]=='&';
  r->query_over = arena_alloc(&r->arena, sizeof(Field)*(size_t)(k+1));
  r->nquery_over = 0;
  for(size_t j=0; j<qn; ){
    size_t m = strcspn(q+j, "&#");
    if( m>qn-j ) m = qn-j;
    size_t eq = strcspn(q+j, "=&#");
    if( m>0 && eq>0 ){
      Field *f = &r->query_over[r->nquery_over++];
      memset(f, 0, sizeof *f);
      f->name = query_decode(r, q+j, eq<m ? eq : m);
      f->value = eq<m ? query_decode(r, q+j+eq+1, m-eq-1) : "";
      f->len = strlen(f->value);
    }
    j += m + 1;
  }
  r->query_set = 1;
  r->method = "GET";
  r->path = path;
  r->route_idx = i;
  r->route = &routes[i];
  r->nform = 0;
  r->form_parsed = 1;
  r->status = 0;
  buf_reset(&r->out);
  r->route->handler(r);
  return 1;
}

/* ---- the caller ---- */

/* Identify the caller from a Bearer token (API) or the session cookie (web); ERR_DB when the
** database could not say (answered 503, not "sign in first"), else OK. */
static int req_identify(Req *r){
  Session s;
  const char *auth = req_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
  const char *token = 0, *kind = "web";
  if( auth && strncasecmp(auth, "Bearer ", 7)==0 ){
    token = auth+7;
    while( *token==' ' || *token=='\t' ) token++;   /* one or more blanks after the scheme (RFC 9110) */
    kind = "api";
  }
  else token = req_cookie(r, "loket_session");
  if( token==0 ) return OK;
  int rc = auth_session(r->db, r->cfg, token, kind, &s);
  if( rc!=OK ) return rc==ERR_DB ? ERR_DB : OK;
  r->session_id = s.id;
  r->user_id = s.user_id;
  r->office_id = s.office_id;
  r->username = arena_strdup(&r->arena, s.username);
  r->full_name = arena_strdup(&r->arena, s.full_name);
  r->office_name = arena_strdup(&r->arena, s.office_name);
  r->office_tz = arena_strdup(&r->arena, s.tz);
  r->roles = s.roles;
  r->must_change_pw = s.must_change_pw;
  r->by_token = strcmp(kind, "api")==0;
  r->csrf = strcmp(kind, "web")==0 ? arena_strdup(&r->arena, s.csrf) : 0;
  if( !r->lang_chosen && s.lang[0] ) r->lang = arena_strdup(&r->arena, s.lang);
  return OK;
}

/* Of an Accept-Language header ("en-US,en;q=0.9,id;q=0.8"), the language Loket speaks that it
** prefers ("id" or "en"; the first of the highest weight), or NULL: none, or only q=0 or "*". */
const char *http_accept_lang(const char *h){
  const char *best = 0;
  int best_q = 0;
  while( h && *h ){
    while( *h==' ' || *h==',' ) h++;
    size_t n = strcspn(h, ",;");
    const char *tag = h;
    h += n;
    while( n && tag[n-1]==' ' ) n--;
    int q = 1000;   /* thousandths */
    for(;;){
      while( *h==' ' ) h++;
      if( *h!=';' ) break;
      h++;
      while( *h==' ' ) h++;
      if( (h[0]=='q' || h[0]=='Q') && h[1]=='=' ){
        h += 2;
        q = 0;
        int place = 1000;
        if( *h=='1' ){ q = 1000; h++; }
        else if( *h=='0' ) h++;
        if( *h=='.' ) for(h++; *h>='0' && *h<='9'; h++){ place /= 10; q += (*h-'0')*place; }
        if( q>1000 ) q = 1000;
      }
      h += strcspn(h, ",;");
    }
    const char *lang = 0;
    if( (n==2 || (n>2 && tag[2]=='-')) && (strncasecmp(tag, "id", 2)==0 || strncasecmp(tag, "en", 2)==0) ){
      lang = (tag[0]|0x20)=='i' ? "id" : "en";
    }
    if( lang && q>best_q ){ best = lang; best_q = q; }
  }
  return best;
}

/* The language of the answer: ?lang=, the loket_lang cookie, the user's, the API's
** Accept-Language (pages go by the switch alone), the default. */
static void req_language(Req *r){
  const char *q = req_query(r, "lang");
  const char *c = req_cookie(r, "loket_lang");
  if( util_str_eq(q, "id") || util_str_eq(q, "en") ) r->lang = q;
  else if( util_str_eq(c, "id") || util_str_eq(c, "en") ) r->lang = c;
  r->lang_chosen = r->lang!=0;
  if( r->lang==0 && r->is_api ) r->lang = http_accept_lang(req_header(r, "Accept-Language"));
}

/* The CSRF decision: the sent token equals the expected one, and the Origin (or
** Referer) names this host. Clients that send neither header are not browsers
** acting for another site; the token still binds them. */
int csrf_check(const char *sent, const char *want, const char *origin, const char *host){
  if( want==0 || sent==0 || *want==0 || !util_ct_equal(sent, want) ) return 0;
  if( origin==0 ) return 1;
  if( host==0 || strcmp(origin, "null")==0 ) return 0;
  const char *p = strstr(origin, "://");
  if( p==0 ) return 0;
  p += 3;
  size_t n = strlen(host);
  return strncmp(p, host, n)==0 && (p[n]==0 || p[n]=='/');
}

/* CSRF check for state-changing requests that carry a cookie. An API call without
** the session cookie (a Bearer token, or signing in) has no ambient authority to abuse. */
static int req_csrf_ok(Req *r){
  if( r->is_api && (req_header(r, MHD_HTTP_HEADER_AUTHORIZATION) || req_cookie(r, "loket_session")==0) ) return 1;
  const char *tok = req_form(r, "csrf");
  if( tok==0 ) tok = req_header(r, "X-CSRF-Token");
  const char *want = r->csrf;
  if( want==0 ) want = req_cookie(r, "loket_pre");   /* before sign-in: double-submit cookie */
  const char *origin = req_header(r, "Origin");
  if( origin==0 ) origin = req_header(r, MHD_HTTP_HEADER_REFERER);
  return csrf_check(tok, want, origin, req_header(r, MHD_HTTP_HEADER_HOST));
}

/* Run the route's handler after the checks every route shares. */
static void req_dispatch(Req *r){
  req_language(r);
  if( r->lang==0 ) r->lang = r->cfg->default_lang;   /* until the user's own is known */
  r->route_idx = route_find(r, r->method, r->path, 0);
  if( r->route_idx==-1 ){ reply_error(r, 404, "not_found", 0, "Page not found"); return; }
  if( r->route_idx==-2 ){
    Buf allow = BUF_INIT;
    route_find(r, r->method, r->path, &allow);
    req_set_header(r, "Allow", buf_str(&allow));
    buf_free(&allow);
    reply_error(r, 405, "method_not_allowed", 0, "Method not allowed");
    r->route_idx = -1;
    return;
  }
  r->route = &routes[r->route_idx];
  if( r->too_big ){
    /* a streamed bid file went past bid_file_limit: the field named is the file's */
    int file = stream_route(r->method, r->path) && r->too_big==r->cfg->bid_file_limit;
    reply_error(r, 413, "too_large", file ? "file" : "body",
                arena_printf(&r->arena, "%s (%s %s)", T(r, file ? "The file is too large" : "The request body is too large"),
                             T(r, "at most"), req_size_text(r, (int64_t)r->too_big)));
    return;
  }
  if( r->db==0 ){ reply_fault(r, db_fault()); return; }
  int changes = strcmp(r->method, "GET") && strcmp(r->method, "HEAD");
  if( !changes ) db_read_begin(r->db);   /* a GET's reads see one snapshot, with one lock; req_send ends it */
  if( req_identify(r)==ERR_DB ){ reply_fault(r, db_fault()); return; }
  if( r->user_id && !r->is_api && r->cfg->public_url[0]==0 ) config_seen_url(req_base_url(r));   /* for mailed links */
  const char *perm = r->route->perm;
  if( strcmp(perm, "public")!=0 ){
    if( r->user_id==0 ){
      if( r->is_api ){ reply_error(r, 401, "unauthenticated", 0, "Sign in first"); return; }
      /* a form sent once the session has ended (idle too long): the sign-in form, carrying what
      ** was typed back to the form once signed in (the web's "signin" page), not a redirect that loses it */
      if( changes && req_form_typed(r) ){
        reply_error(r, 401, "signin", 0, req_cookie(r, "loket_session") ? "Your session has ended: sign in again to go on" : "Sign in first");
        return;
      }
      /* a page read keeps its query (a list's filters), so signing in leads back to it */
      const char *back = changes ? route_page_above(r, r->path, 0) : arena_printf(&r->arena, "%R%R", r->path, req_query_except(r, 0));
      reply_redirect(r, arena_printf(&r->arena, "/masuk?next=%t", back));
      return;
    }
    if( strcmp(perm, "login")!=0 && !perm_allows(r->roles, perm) ){
      reply_error(r, 403, "forbidden", 0, "You do not have permission for this");
      return;
    }
  }
  /* a password set by someone else (or generated) must be changed before anything else; a script
  ** fetching a page's file with its API token is answered as the API is, not sent to /akun */
  if( r->must_change_pw && !r->is_api && !r->by_token && strcmp(r->path, "/akun") && strcmp(r->path, "/keluar")
   && strcmp(r->path, "/bahasa") && strncmp(r->path, "/static/", 8) ){
    reply_redirect(r, "/akun");
    return;
  }
  if( changes && !req_csrf_ok(r) ){
    reply_error(r, 403, "csrf", "csrf", "The form has expired or came from another site: reload the page and try again");
    return;
  }
  const char *why = 0, *bad = changes ? req_form_bad_text(r, &why) : 0;
  if( bad==0 ) bad = query_bad_text(r, &why);
  /* a form's one-time mark (web/sentform.c) that is not one, 32 hex digits: refused, not acted on
  ** unwatched (a form sent twice would act twice) */
  const char *mark = changes && bad==0 ? req_form(r, "form_id") : 0;
  if( mark && (strlen(mark)!=32 || strspn(mark, "0123456789abcdef")!=32) ){
    bad = "form_id";
    why = N_("The form's one-time mark is not valid: reload the page and send the form again");
  }
  if( bad ){ reply_error(r, 400, "invalid", bad, why); return; }
  /* a path's id that is not text names nothing (and PostgreSQL refuses it as a key: a 500) */
  for(int i=0; i<r->nparam; i++){
    if( util_utf8_bad_line(r->pval[i], strlen(r->pval[i])) || util_has_control(r->pval[i], 0) ){
      reply_error(r, 404, "not_found", r->pname[i], "Not found");
      return;
    }
  }
  bad = changes ? req_form_file_twice(r) : 0;
  if( bad ){ reply_error(r, 400, "invalid", bad, "Send one file per upload"); return; }
  if( r->stream && r->stream->err ){
    /* the upload could not be kept: say why (a full disk), not that no file was chosen */
    int fault = db_fault_of_errno(r->stream->err);
    if( fault ){ reply_fault(r, fault); return; }
    reply_error(r, 500, "internal", "file", "The uploaded file could not be stored on the server");
    return;
  }
  r->route->handler(r);
  if( jin_pending(r) && r->status<400 ){
    /* a handler took members without jin_done after them: a bug, but the caller hears what is wrong */
    log_error("%s %s: problems of the JSON body left unanswered", r->method, r->path);
    jin_answer(r, 0);
  }
  if( r->status==0 ) reply_error(r, 500, "internal", 0, "The server did not answer");
  if( r->status>=400 && r->status!=503 && db_fault() ){
    /* storage failed during the request, so its error is the fault's, whatever the handler
    ** made of a lookup that failed ("not found", "no such office"): 503 and why. A page that
    ** answered 500 keeps what it shows (a form as it was filled in), its message already
    ** naming the fault (T); a page's other refusals (a form's field marked) stay as they are */
    int page = !(r->is_api || r->ctype==0 || strncmp(r->ctype, "text/html", 9));
    if( !page || r->status==404 ) reply_fault(r, db_fault());
    else if( r->status==500 ){ r->status = 503; req_retry_after(r, 5); }
  }
}

/* ---- sending the answer ---- */

/* Responses of reply_constant(), built once per thread and sent again; all are
** destroyed at stop. */
typedef struct ConstResp {
  const char *body;
  int status;
  struct MHD_Response *resp;
  struct ConstResp *next;
} ConstResp;
static pthread_mutex_t const_mu = PTHREAD_MUTEX_INITIALIZER;
static ConstResp *const_all;
static _Thread_local ConstResp *const_mine[8];

static void resp_headers(Req *r, struct MHD_Response *resp);

/* Build a response: the body (not copied: it outlives the response) and every header. */
static struct MHD_Response *resp_build(Req *r, const char *body, size_t n){
  struct MHD_Response *resp = MHD_create_response_from_buffer(n, (void*)body, MHD_RESPMEM_PERSISTENT);
  if( resp==0 ) return 0;
  resp_headers(r, resp);
  return resp;
}

/* A file on disk as a download, sent from the file by MHD (never read whole into memory). */
int reply_file(Req *r, const char *path, const char *ctype, const char *name){
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if( fd<0 || fstat(fd, &st)!=0 || !S_ISREG(st.st_mode) ){
    if( fd>=0 ) close(fd);
    return reply_error(r, 404, "not_found", 0, "Not found");
  }
  buf_reset(&r->out);
  r->file_fd = fd;
  r->has_file = 1;
  r->file_size = (uint64_t)st.st_size;
  return reply_download(r, 200, ctype, name);
}

/* Every header of an answer: its type, the security headers, the handler's own. */
static void resp_headers(Req *r, struct MHD_Response *resp){
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->ctype ? r->ctype : "text/plain; charset=utf-8");
  if( r->ctype && strncmp(r->ctype, "application/json", 16)==0 ){
    /* data, never a document to run anything in: nothing allowed, no nonce to make */
    MHD_add_response_header(resp, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
  }else{
    /* scripts only by this response's nonce, styles from this site */
    static const char csp_a[] = "default-src 'self'; script-src 'nonce-";
    static const char csp_b[] = "'; style-src 'self'; img-src 'self' data:; form-action 'self';"
                                " frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    char csp[sizeof csp_a + 32 + sizeof csp_b];
    if( r->nonce[0]==0 ) util_nonce(r->nonce);
    memcpy(csp, csp_a, sizeof csp_a - 1);
    memcpy(csp + sizeof csp_a - 1, r->nonce, 32);
    memcpy(csp + sizeof csp_a - 1 + 32, csp_b, sizeof csp_b);
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
  }
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
  int has_cache = 0;
  for(int i=0; i<r->nhdr; i++){
    MHD_add_response_header(resp, r->hdr[i].name, r->hdr[i].value);
    if( strcasecmp(r->hdr[i].name, "Cache-Control")==0 ) has_cache = 1;
  }
  if( !has_cache ) MHD_add_response_header(resp, "Cache-Control", "no-store");
}

/* This thread's cached response for a constant answer, built on first use. */
static struct MHD_Response *resp_constant(Req *r){
  for(size_t i=0; i<COUNT(const_mine) && const_mine[i]; i++){
    if( const_mine[i]->body==r->constant && const_mine[i]->status==r->status ) return const_mine[i]->resp;
  }
  struct MHD_Response *resp = resp_build(r, r->constant, r->constant_len);
  if( resp==0 ) return 0;
  for(size_t i=0; i<COUNT(const_mine); i++){
    if( const_mine[i]==0 ){
      ConstResp *c = xcalloc(1, sizeof *c);
      c->body = r->constant;
      c->status = r->status;
      c->resp = resp;
      pthread_mutex_lock(&const_mu);
      c->next = const_all;
      const_all = c;
      pthread_mutex_unlock(&const_mu);
      const_mine[i] = c;
      return resp;
    }
  }
  return resp;   /* the cache is full: used once, destroyed by the caller */
}

/* Destroy the cached constant responses (after the HTTP threads stopped). */
static void resp_constant_free(void){
  pthread_mutex_lock(&const_mu);
  ConstResp *c = const_all;
  const_all = 0;
  pthread_mutex_unlock(&const_mu);
  while( c ){
    ConstResp *next = c->next;
    MHD_destroy_response(c->resp);
    free(c);
    c = next;
  }
}

/* Send r's answer with the headers every response carries. */
static enum MHD_Result req_send(Req *r){
  enum MHD_Result ok;
  db_read_end(r->db);   /* the GET's read snapshot (req_dispatch) ends with its answer */
  db_unreset(r->db);    /* a statement a handler forgot: logged and reset, never kept */
  if( r->constant && r->nhdr==0 ){
    struct MHD_Response *resp = resp_constant(r);
    if( resp==0 ) return MHD_NO;
    ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    int cached = 0;
    for(size_t i=0; i<COUNT(const_mine) && const_mine[i]; i++) if( const_mine[i]->resp==resp ) cached = 1;
    if( !cached ) MHD_destroy_response(resp);
  }else if( r->has_file ){
    /* MHD reads the file as it sends it and closes the descriptor when done */
    struct MHD_Response *resp = MHD_create_response_from_fd64(r->file_size, r->file_fd);
    if( resp==0 ) return MHD_NO;
    r->has_file = 0;
    resp_headers(r, resp);
    ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
  }else{
    /* the body stays in r->out until on_completed frees it, after MHD is done with it */
    struct MHD_Response *resp = resp_build(r, r->out.z ? r->out.z : "", r->out.n);
    if( resp==0 ) return MHD_NO;
    ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
  }
  r->queued = 1;
  return ok;
}

/* The access handler: first call sets up, data calls collect the body, the last answers. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls){
  UNUSED(cls); UNUSED(version);
  Req *r = *con_cls;
  if( r==0 ){
    r = xmalloc(sizeof *r);
    memset(r, 0, offsetof(Req, arena_mem));   /* the arena's memory needs no zeroing */
    arena_init_with(&r->arena, r->arena_mem, sizeof r->arena_mem);
    r->t0 = time_now_us();
    r->conn = conn;
    r->cfg = srv_cfg;
    r->method = arena_strdup(&r->arena, method);
    r->path = arena_strdup(&r->arena, url);
    r->is_api = strncmp(url, "/api/", 5)==0;
    r->is_head = strcmp(method, "HEAD")==0;
    r->route_idx = -1;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char ip[INET6_ADDRSTRLEN] = "", fip[INET6_ADDRSTRLEN];
    if( ci && ci->client_addr ){
      if( ci->client_addr->sa_family==AF_INET ) inet_ntop(AF_INET, &((struct sockaddr_in*)ci->client_addr)->sin_addr, ip, sizeof ip);
      else if( ci->client_addr->sa_family==AF_INET6 ) inet_ntop(AF_INET6, &((struct sockaddr_in6*)ci->client_addr)->sin6_addr, ip, sizeof ip);
      if( util_ip_text(ip, fip, sizeof fip)==OK ) memcpy(ip, fip, sizeof ip);   /* ::ffff:10.0.0.5 (dual stack) is 10.0.0.5 */
    }
    const char *fwd = srv_cfg->trust_proxy ? MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For") : 0;
    /* the last address is the one the proxy added (nginx's $proxy_add_x_forwarded_for appends
    ** the peer it saw): those before it are whatever the client sent, and anyone can write them */
    const char *last = fwd ? strrchr(fwd, ',') : 0;
    last = last ? last+1 : fwd;
    while( last && (*last==' ' || *last=='\t') ) last++;
    size_t nlast = last ? strcspn(last, " \t") : 0;
    if( nlast>0 ){
      /* an IPv6 client as the proxy wrote it (2001:db8::5, [2001:db8::5]) or IPv4-mapped: written
      ** the one way, so that the login throttle, metrics_allow and the logs see one address */
      r->ip = arena_strndup(&r->arena, last, nlast);
      if( util_ip_text(r->ip, fip, sizeof fip)==OK ) r->ip = arena_strdup(&r->arena, fip);
    }else r->ip = arena_strdup(&r->arena, ip);
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    size_t limit = ct && strncasecmp(ct, "multipart/", 10)==0 ? srv_cfg->upload_limit : srv_cfg->body_limit;
    metrics_active(1);
    *con_cls = r;
    if( ct && strncasecmp(ct, "multipart/", 10)==0 && stream_route(r->method, r->path) ){
      /* a big file: written to disk as it comes, only for a caller who may send it */
      limit = srv_cfg->bid_file_limit + srv_cfg->body_limit;
      db_fault_clear();
      r->db = db_thread();
      int ri = route_find(r, r->method, r->path, 0);
      if( r->db && ri>=0 ){
        req_identify(r);
        if( r->user_id && perm_allows(r->roles, routes[ri].perm) ){
          req_stream_open(r);
        }
      }
    }
    if( cl && strtoull(cl, 0, 10) > limit ){
      /* a streamed file is told the file's own limit, the one it went past, as it is mid-stream */
      r->too_big = limit==srv_cfg->bid_file_limit + srv_cfg->body_limit ? srv_cfg->bid_file_limit : limit;
      /* far too big to read and drop: answer now (allowed on the first call; MHD then
      ** closes the connection instead of reading the body) */
      if( strtoull(cl, 0, 10) > BODY_DRAIN_MAX ){
        db_fault_clear();
        r->db = db_thread();
        req_dispatch(r);
        return req_send(r);
      }
    }
    return MHD_YES;
  }
  if( *upload_size ){
    const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    size_t limit = ct && strncasecmp(ct, "multipart/", 10)==0 ? srv_cfg->upload_limit : srv_cfg->body_limit;
    if( r->stream ){
      req_stream_feed(r, upload, *upload_size);
      r->discarded += *upload_size;
      *upload_size = 0;
      if( r->too_big && r->discarded > BODY_DRAIN_MAX + srv_cfg->bid_file_limit ) return MHD_NO;
      return MHD_YES;
    }
    if( !r->too_big && r->body.n + *upload_size <= limit ) buf_append(&r->body, upload, *upload_size);
    else{ if( !r->too_big ) r->too_big = limit; buf_free(&r->body); }
    r->discarded += *upload_size;
    *upload_size = 0;
    /* An oversized body is read and dropped so the client, still sending, gets its 413
    ** on the final call. A body of unknown length past BODY_DRAIN_MAX cannot be answered
    ** mid-upload (MHD refuses): the connection is closed instead. */
    if( r->too_big && r->discarded > BODY_DRAIN_MAX ) return MHD_NO;
    return MHD_YES;
  }
  if( r->queued ) return MHD_YES;
  db_fault_clear();
  r->db = db_thread();
  if( r->stream ) req_stream_finish(r);
  req_dispatch(r);
  return req_send(r);
}

/* The path as the access log shows it: a :token segment (a portal ticket's, a credential's, a
** confirmation's link: whoever holds it is let in) written as ":token", so the log lends no one in. */
static const char *log_path(Req *r){
  if( r->route==0 || strstr(r->route->path, "/:token")==0 ) return r->path;
  Buf b = BUF_INIT;
  int k = 0;
  for(const char *p = r->route->path; *p; ){
    if( *p==':' ){
      size_t n = strcspn(p, "/");
      buf_puts(&b, k<r->nparam && strcmp(r->pname[k], "token") ? r->pval[k] : ":token");
      k++;
      p += n;
    }else buf_putc(&b, *p++);
  }
  const char *out = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
  return out;
}

/* After the answer went out (or the client left): metrics, access log, free. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code){
  UNUSED(cls); UNUSED(conn);
  Req *r = *con_cls;
  if( r==0 ) return;
  int64_t us = time_now_us() - r->t0;
  int status = r->queued ? r->status : 499;
  metrics_record(r->route_idx, r->method, status, us);
  {
    /* %j: a decoded path may hold a newline; escaped, it cannot forge a log line */
    char ts[32];
    time_fmt_iso(ts, sizeof ts, time_now());
    accesslog_printf("%j access %j \"%j %j\" %d %zu %lld.%lldms user=%j%R\n", ts, r->ip, r->method, log_path(r),
                     status, r->constant ? r->constant_len : r->out.n, (long long)(us/1000), (long long)(us%1000/100),
                     r->username ? r->username : "-",
                     code==MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
  }
  if( r->json ) json_decref(r->json);
  if( r->has_file ) close(r->file_fd);   /* an answer that never went out */
  req_stream_free(r);
  buf_free(&r->body);
  buf_free(&r->out);
  arena_free(&r->arena);
  free(r);
  *con_cls = 0;
  metrics_active(-1);
}

/* MHD's own complaints go to the log. */
static void on_mhd_log(void *cls, const char *fmt, va_list ap){
  UNUSED(cls);
  char msg[512];
  vsnprintf(msg, sizeof msg, fmt, ap);
  size_t n = strlen(msg);
  while( n && msg[n-1]=='\n' ) msg[--n] = 0;
  log_warn("http: %s", msg);
}

/* A listen address as a socket address: "HOST:PORT" with an IPv4 host (or localhost), or
** "[IPv6]:PORT"; its length in *len. */
static int listen_parse(const char *listen, struct sockaddr_storage *ss, socklen_t *len){
  char host[128];
  const char *colon = strrchr(listen, ':');
  if( colon==0 || (size_t)(colon-listen) >= sizeof host ) return ERR_INVALID;
  memcpy(host, listen, (size_t)(colon-listen));
  host[colon-listen] = 0;
  char *end;
  long port = strtol(colon+1, &end, 10);
  if( end==colon+1 || *end || port<0 || port>65535 ) return ERR_INVALID;
  memset(ss, 0, sizeof *ss);
  if( strcmp(host, "localhost")==0 ) strcpy(host, "127.0.0.1");
  unsigned char a[16];
  int v4 = 0;
  if( util_ip_parse(host, a, &v4)!=OK ) return ERR_INVALID;
  if( host[0]!='[' ){   /* an IPv4 address (as IPv6 only in brackets) */
    struct sockaddr_in *sa = (struct sockaddr_in*)ss;
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    memcpy(&sa->sin_addr, a+12, 4);
    *len = sizeof *sa;
  }else{
    struct sockaddr_in6 *sa = (struct sockaddr_in6*)ss;
    sa->sin6_family = AF_INET6;
    sa->sin6_port = htons((uint16_t)port);
    memcpy(&sa->sin6_addr, a, 16);
    *len = sizeof *sa;
  }
  return OK;
}

/* The port of a socket address (host order). */
static unsigned listen_port(const struct sockaddr_storage *ss){
  return ss->ss_family==AF_INET6 ? ntohs(((const struct sockaddr_in6*)ss)->sin6_port) : ntohs(((const struct sockaddr_in*)ss)->sin_port);
}

/* The host of a socket address as a listen address writes it: 127.0.0.1, [::1]. */
static void listen_host(const struct sockaddr_storage *ss, char *out, size_t n){
  char t[INET6_ADDRSTRLEN] = "";
  if( ss->ss_family==AF_INET6 ){
    inet_ntop(AF_INET6, &((const struct sockaddr_in6*)ss)->sin6_addr, t, sizeof t);
    snprintf(out, n, "[%s]", t);
  }else{
    inet_ntop(AF_INET, &((const struct sockaddr_in*)ss)->sin_addr, t, sizeof t);
    snprintf(out, n, "%s", t);
  }
}

/* 1 when an IPv6 socket address is [::], every address: served dual stack (IPv4 clients too). */
static int listen_any6(const struct sockaddr_storage *ss){
  return ss->ss_family==AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6*)ss)->sin6_addr);
}

/* OK when the address can be bound now; else logs why not (in use, not this machine's, a
** privileged port, no IPv6), which MHD_start_daemon does not say. The socket is closed again. */
static int listen_probe(const char *listen, const struct sockaddr_storage *ss, socklen_t len){
  if( listen_port(ss)==0 ) return OK;
  int fd = socket(ss->ss_family, SOCK_STREAM|SOCK_CLOEXEC, 0);
  if( fd<0 && ss->ss_family==AF_INET6 && errno==EAFNOSUPPORT ){
    log_error("cannot listen on %s: this machine has no IPv6 (listen on 127.0.0.1 or 0.0.0.0)", listen);
    return ERR_IO;
  }
  if( fd<0 ) return OK;   /* MHD will say */
  int on = 1, off = 0;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);   /* as MHD does: a port in TIME_WAIT is free */
  if( listen_any6(ss) ) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);   /* as served: IPv4 too */
  int rc = bind(fd, (const struct sockaddr*)ss, len), e = errno;
  close(fd);
  if( rc==0 ) return OK;
  char host[INET6_ADDRSTRLEN+2];
  listen_host(ss, host, sizeof host);
  if( e==EADDRINUSE ) log_error("cannot listen on %s: is the port in use? (another loket serve or program listens on it)", listen);
  else if( e==EADDRNOTAVAIL ) log_error("cannot listen on %s: %s is not an address of this machine (use 127.0.0.1 or [::1],"
                                        " 0.0.0.0 or [::] for every address, or one that `ip addr` shows)", listen, host);
  else if( e==EACCES ) log_error("cannot listen on %s: a port below 1024 needs privileges (listen on 8080 behind nginx)", listen);
  else log_error("cannot listen on %s: %s", listen, strerror(e));
  return ERR_IO;
}

/* The first IPv4 address of this machine that is up and not loopback ("" when none): where
** another machine reaches a server listening on every address. */
static void listen_own_addr(char *out, size_t n){
  struct ifaddrs *all = 0;
  out[0] = 0;
  if( getifaddrs(&all)!=0 ) return;
  for(struct ifaddrs *i = all; i && out[0]==0; i = i->ifa_next){
    if( i->ifa_addr==0 || i->ifa_addr->sa_family!=AF_INET || !(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK) ) continue;
    inet_ntop(AF_INET, &((struct sockaddr_in*)i->ifa_addr)->sin_addr, out, (socklen_t)n);
  }
  freeifaddrs(all);
}

/* Say on stdout where Loket is opened: listening on every address (0.0.0.0, or [::] for IPv6 and
** IPv4), an address a person can open, this machine's own (127.0.0.1), and the one another
** machine reaches it at when known. */
static void listen_say(const char *host, unsigned port){
  int any4 = strcmp(host, "0.0.0.0")==0, any6 = strcmp(host, "[::]")==0;
  if( !any4 && !any6 ){ printf("Loket is listening on http://%s:%u/\n", host, port); return; }
  char own[INET_ADDRSTRLEN];
  listen_own_addr(own, sizeof own);
  printf("Loket is listening on every address of this machine (%s:%u%s): open http://127.0.0.1:%u/ here", host, port,
         any6 ? ", IPv6 and IPv4" : "", port);
  if( own[0] ) printf(", http://%s:%u/ from another machine", own, port);
  printf("\n");
}

/* Serve until *stop is set; in-flight requests finish before the return. */
int http_serve(const Config *cfg, const char *listen, volatile int *stop){
  struct sockaddr_storage sa;
  socklen_t salen = 0;
  srv_cfg = cfg;
  config_public_url_set(cfg->public_url);   /* for links the background jobs mail */
  config_default_lang_set(cfg->default_lang);   /* the language of their mail to whom chose none */
  if( listen_parse(listen, &sa, &salen)!=OK ){
    log_error("listen address %s: expected an IPv4 address and port, like 127.0.0.1:8080, or [::1]:8080", listen);
    return ERR_INVALID;
  }
  if( listen_probe(listen, &sa, salen)!=OK ) return ERR_IO;
  if( strcmp(cfg->access_log, "off")==0 ) accesslog_open(-1);
  else if( strcmp(cfg->access_log, "-")==0 ) accesslog_open(2);
  else{
    /* a relative file is in the data folder, beside loket.conf, wherever serve was started */
    char path[4400];
    if( cfg->access_log[0]=='/' ) snprintf(path, sizeof path, "%s", cfg->access_log);
    else snprintf(path, sizeof path, "%s/%s", db_folder(), cfg->access_log);
    FILE *f = fopen(path, "a");
    if( f==0 ){ log_error("access_log %s: cannot open for writing: %s", path, strerror(errno)); return ERR_IO; }
    accesslog_open(dup(fileno(f)));
    fclose(f);
  }
  metrics_init(routes_count);
  /* IPv6: [::] serves IPv4 clients too (dual stack; they are seen as ::ffff:a.b.c.d, logged as a.b.c.d) */
  unsigned family = sa.ss_family!=AF_INET6 ? 0 : listen_any6(&sa) ? MHD_USE_DUAL_STACK : MHD_USE_IPv6;
  struct MHD_Daemon *d = MHD_start_daemon(
    MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG | family, 0, 0, 0, on_request, 0,
    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, (void*)0,
    MHD_OPTION_SOCK_ADDR, (struct sockaddr*)&sa,
    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
    MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void*)0,
    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
    MHD_OPTION_END);
  if( d==0 ){
    accesslog_close();
    log_error("cannot listen on %s: is the port in use?", listen);
    return ERR_IO;
  }
  const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  char host[INET6_ADDRSTRLEN+2];
  listen_host(&sa, host, sizeof host);
  listen_say(host, di ? di->port : listen_port(&sa));
  fflush(stdout);
  /* links mailed by the background jobs: the listen address until staff are seen reaching it elsewhere */
  char bound[96];
  snprintf(bound, sizeof bound, "%s:%u", host, di ? di->port : listen_port(&sa));
  config_links_init(cfg, bound);
  mail_sender_start(cfg);        /* the outbox sender thread, when smtp_url is set */
  watch_start(cfg);              /* the SLA watcher: warnings and breach notices */
  report_mail_start();           /* the monthly compliance report to the head */
  inbox_start(cfg);              /* the help desk's mailboxes read over IMAP */
  while( !*stop ){
    usleep(100*1000);
    accesslog_flush();
  }
  log_info("stopping: no new connections; finishing requests in flight");
  MHD_socket ls = MHD_quiesce_daemon(d);
  for(int i=0; i<300 && metrics_active_now()>0; i++) usleep(100*1000);
  MHD_stop_daemon(d);
  watch_stop();                  /* the SLA watcher, before the database closes */
  report_mail_stop();
  inbox_stop();
  mail_sender_stop();            /* before the caller closes the database */
  if( ls!=MHD_INVALID_SOCKET ) close(ls);
  resp_constant_free();
  accesslog_close();
  return OK;
}
