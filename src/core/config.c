/*
** config.c — loket.conf in the data folder: "key = value" lines; a line starting with # is a comment.
*/
#include "core.h"
#include "ident.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <pthread.h>
#include <arpa/inet.h>
#include <unistd.h>

/* The settings a fresh data folder runs with. */
void config_defaults(Config *c){
  memset(c, 0, sizeof *c);
  snprintf(c->listen, sizeof c->listen, "127.0.0.1:8080");
  /* handlers block (fsync, argon2id, the writers' queue): more threads than cores, so that a
  ** writer waiting for the group commit (db/sqlite.c) does not hold up the reads */
  c->threads = 8;
  c->body_limit = 1<<20;
  c->upload_limit = 10<<20;
  c->attachment_limit = 5<<20;
  c->session_idle_min = 60;
  c->session_max_hours = 12;
  c->login_delay_after = 3;
  c->login_lock_after = 5;
  c->login_addr_delay_after = 10;
  c->login_delay_max_s = 60;
  c->secure_cookies = 0;
  c->trust_proxy = 0;
  snprintf(c->access_log, sizeof c->access_log, "-");
  snprintf(c->default_lang, sizeof c->default_lang, "id");
  snprintf(c->smtp_from, sizeof c->smtp_from, "loket@localhost");
  c->mail_max_attempts = 10;
  c->mail_retry_base_s = 60;
  c->mail_retry_max_s = 3600;
  c->mail_poll_s = 5;
  c->sla_warn_percent = 80;
  c->sla_poll_s = 30;
  snprintf(c->sla_supervisor_roles, sizeof c->sla_supervisor_roles, "ketua,sekretaris");
  c->bid_file_limit = (size_t)256<<20;
  c->db_replica_max_lag_s = 30;
  c->db_busy_timeout_s = 10;
  snprintf(c->metrics_allow, sizeof c->metrics_allow, "127.0.0.1, ::1");   /* this machine only (docs/deploy.md) */
  c->metrics_cache_s = 5;
}

typedef struct ConfigKey {
  const char *name;
  char kind;        /* 'i' int, 'z' size, 'b' boolean, 's' string */
  size_t off;
  long lo, hi;      /* range for numbers; max length for strings */
} ConfigKey;

#define CK(n,k,f,lo,hi) { n, k, offsetof(Config, f), lo, hi }
static const ConfigKey config_keys[] = {
  CK("listen",                 's', listen, 0, 127),
  CK("threads",                'i', threads, 1, 256),
  CK("body_limit",             'z', body_limit, 1024, 64L<<20),
  CK("upload_limit",           'z', upload_limit, 1024, 512L<<20),
  CK("attachment_limit",       'z', attachment_limit, 1, 512L<<20),
  CK("session_idle_minutes",   'i', session_idle_min, 1, 7*24*60),
  CK("session_max_hours",      'i', session_max_hours, 1, 24*30),
  CK("login_delay_after",      'i', login_delay_after, 1, 1000),
  CK("login_lock_after",       'i', login_lock_after, 1, 1000),
  CK("login_addr_delay_after", 'i', login_addr_delay_after, 1, 100000),
  CK("login_delay_max_seconds",'i', login_delay_max_s, 0, 3600),
  CK("secure_cookies",         'b', secure_cookies, 0, 1),
  CK("trust_proxy",            'b', trust_proxy, 0, 1),
  CK("access_log",             's', access_log, 0, 255),
  CK("default_lang",           's', default_lang, 0, 7),
  CK("smtp_url",               's', smtp_url, 0, 255),
  CK("smtp_from",              's', smtp_from, 0, 255),
  CK("smtp_user",              's', smtp_user, 0, 127),
  CK("smtp_password",          's', smtp_password, 0, 127),
  CK("mail_max_attempts",      'i', mail_max_attempts, 1, 100),
  CK("mail_retry_base_seconds",'i', mail_retry_base_s, 1, 86400),
  CK("mail_retry_max_seconds", 'i', mail_retry_max_s, 1, 7*86400),
  CK("mail_poll_seconds",      'i', mail_poll_s, 1, 3600),
  CK("sla_warn_percent",       'i', sla_warn_percent, 1, 100),
  CK("sla_poll_seconds",       'i', sla_poll_s, 1, 3600),
  CK("sla_supervisor_roles",   's', sla_supervisor_roles, 0, 127),
  CK("national_office",        's', national_office, 0, 31),
  CK("bid_file_limit",         'z', bid_file_limit, 1024, 4096L<<20),
  CK("db",                     's', db, 0, 511),
  CK("db_replica",             's', db_replica, 0, 511),
  CK("db_replica_max_lag_seconds", 'i', db_replica_max_lag_s, 0, 86400),
  CK("db_busy_timeout_seconds", 'i', db_busy_timeout_s, 1, 600),
  CK("public_url",             's', public_url, 0, 255),
  CK("metrics_allow",          's', metrics_allow, 0, 255),
  CK("metrics_token",          's', metrics_token, 0, 127),
  CK("metrics_cache_seconds",  'i', metrics_cache_s, 0, 300),
};

/* Whether v is a listen address (core.h). */
int config_listen_check(const char *v, int zero_ok, char *err, size_t errlen){
  const char *colon = strrchr(v, ':');
  char host[64];
  unsigned char a[16];
  size_t hn = colon ? (size_t)(colon-v) : 0;
  if( colon && hn>0 && hn<sizeof host ){ memcpy(host, v, hn); host[hn] = 0; }
  else host[0] = 0;
  if( host[0]!='[' && strchr(host, ':') ){   /* ::1:8080: the port cannot be told from the address */
    snprintf(err, errlen, "\"%s\": write an IPv6 address in brackets, like [::1]:8080 or [::]:8080", v); return ERR_INVALID;
  }
  if( host[0]==0 || (strcmp(host, "localhost") && util_ip_parse(host, a, 0)!=OK) ){
    snprintf(err, errlen, "\"%s\": expected an IPv4 address and port, like 127.0.0.1:8080, or an IPv6 address in brackets"
             " and port, like [::1]:8080", v); return ERR_INVALID;
  }
  const char *p = colon+1;
  size_t pn = strlen(p);
  long port = pn>=1 && pn<=5 && strspn(p, "0123456789")==pn ? strtol(p, 0, 10) : -1;
  if( port<0 || port>65535 || (port==0 && !zero_ok) ){
    snprintf(err, errlen, "\"%s\": the port must be a number from 1 to 65535, like 127.0.0.1:8080", v); return ERR_INVALID;
  }
  return OK;
}

/* The next entry of an address list from *p: 1 with the address's 16 bytes (an IPv4 one as
** ::ffff:a.b.c.d) and the range's length in bits of them (128 for an address; a.b.c.d/n is
** 96+n), 0 at the list's end, -1 when the entry (in word) is not one. */
static int addr_next(const char **p, char word[48], unsigned char addr[16], int *bits){
  const char *z = *p + strspn(*p, ", \t");
  size_t n = strcspn(z, ", \t");
  *p = z+n;
  word[0] = 0;
  if( n==0 ) return 0;
  snprintf(word, 48, "%.*s", (int)(n<47 ? n : 47), z);
  if( n>=47 ) return -1;
  char *slash = strchr(word, '/');
  int v4 = 0, len = -1;
  if( slash ){
    const char *b = slash+1;
    if( *b==0 || strspn(b, "0123456789")!=strlen(b) || strlen(b)>3 ) return -1;
    len = atoi(b);
    *slash = 0;
  }
  int ok = word[0]!='[' && util_ip_parse(word, addr, &v4)==OK;
  if( slash ) *slash = '/';
  if( !ok || len>(v4 ? 32 : 128) ) return -1;
  *bits = len<0 ? 128 : v4 ? 96+len : len;
  return 1;
}

/* Whether v is an address list (core.h). */
int config_addr_list_check(const char *v, char *err, size_t errlen){
  const char *p = v;
  char word[48];
  unsigned char a[16];
  int bits, k;
  while( (k = addr_next(&p, word, a, &bits))!=0 ){
    if( k<0 ){
      snprintf(err, errlen, "\"%s\" is not an IPv4 or IPv6 address or range (like 10.0.0.5, 10.0.0.0/24, ::1 or fd00::/8)", word);
      return ERR_INVALID;
    }
  }
  return OK;
}

/* Whether ip is in the address list (core.h). */
int config_addr_listed(const char *list, const char *ip){
  unsigned char want[16], a[16];
  if( list==0 || ip==0 || util_ip_parse(ip, want, 0)!=OK ) return 0;
  const char *p = list;
  char word[48];
  int bits;
  while( addr_next(&p, word, a, &bits)==1 ){
    int whole = bits/8, rest = bits%8;
    if( memcmp(a, want, (size_t)whole)==0
        && (rest==0 || ((a[whole] ^ want[whole]) & (0xff << (8-rest)) & 0xff)==0) ) return 1;
  }
  return 0;
}

/* A bound of a number setting as its value is written: a size in whole megabytes or kilobytes
** with M or K ("64M"), else the number. */
static void config_amount(const ConfigKey *k, long v, char *out, size_t n){
  if( k->kind=='z' && v>0 && v%(1024*1024)==0 ) snprintf(out, n, "%ldM", v/(1024*1024));
  else if( k->kind=='z' && v>0 && v%1024==0 ) snprintf(out, n, "%ldK", v/1024);
  else snprintf(out, n, "%ld", v);
}

/* 1 when the authority of an smtp_url (hp: what follows "smtp://") has a host, and a port, when it
** names one, of 1 to 65535 digits-only (libcurl would take the URL and fail each message on it). */
static int config_smtp_port_ok(const char *hp){
  size_t n = strcspn(hp, "/?#");
  const char *b = hp, *e = hp+n;
  for(const char *p = b; p<e; p++) if( *p=='@' ) b = p+1;   /* user:password@ */
  const char *colon = 0;
  if( b<e && *b=='[' ){
    const char *rb = memchr(b, ']', (size_t)(e-b));
    if( rb==0 ) return 0;
    if( rb+1<e ){ if( rb[1]!=':' ) return 0; colon = rb+1; }
  }else{
    colon = memchr(b, ':', (size_t)(e-b));
    if( colon==b || b==e ) return 0;   /* no host */
  }
  if( colon==0 ) return 1;
  long port = 0;
  const char *p = colon+1;
  if( p==e || e-p>5 ) return 0;
  for(; p<e; p++){
    if( *p<'0' || *p>'9' ) return 0;
    port = port*10 + (*p-'0');
  }
  return port>=1 && port<=65535;
}

/* Parse one value into its field; a message in err when it does not fit. */
static int config_set(Config *c, const ConfigKey *k, const char *v, char *err, size_t errlen){
  char *base = (char*)c + k->off;
  if( k->kind=='s' ){
    if( strlen(v) > (size_t)k->hi ){ snprintf(err, errlen, "%s: longer than %ld characters", k->name, k->hi); return ERR_INVALID; }
    if( strcmp(k->name, "listen")==0 ){
      char sub[300];
      if( config_listen_check(v, 0, sub, sizeof sub)!=OK ){ snprintf(err, errlen, "listen: %s", sub); return ERR_INVALID; }
    }
    if( strcmp(k->name, "default_lang")==0 && strcmp(v,"id") && strcmp(v,"en") ){
      snprintf(err, errlen, "default_lang: expected id or en, got \"%s\"", v); return ERR_INVALID;
    }
    /* without a scheme libcurl guesses HTTP, and would PUT the mail with the SMTP password
    ** in an Authorization header: only smtp:// and smtps:// with a host */
    if( strcmp(k->name, "smtp_url")==0 && *v ){
      size_t sl = strncasecmp(v, "smtp://", 7)==0 ? 7 : strncasecmp(v, "smtps://", 8)==0 ? 8 : 0;
      if( sl==0 || v[sl]==0 || v[sl]=='/' || v[sl]==':' || strpbrk(v, " \t\"'<>\\") ){
        snprintf(err, errlen, "smtp_url: expected smtp://host[:port] or smtps://host[:port], got \"%s\"", v); return ERR_INVALID;
      }
      if( !config_smtp_port_ok(v+sl) ){
        snprintf(err, errlen, "smtp_url: the port after the relay's name must be a number from 1 to 65535"
                 " (25, 587 or 465), got \"%s\"", v); return ERR_INVALID;
      }
    }
    Err se = {0};
    if( strcmp(k->name, "smtp_from")==0 && ident_sender(v, &se)!=OK ){
      snprintf(err, errlen, "smtp_from: expected an address (loket@lpse.example.go.id or Loket <loket@lpse.example.go.id>),"
               " got \"%s\": %s", v, err_en(&se));
      return ERR_INVALID;
    }
    if( strcmp(k->name, "metrics_allow")==0 ){
      char sub[160];
      if( config_addr_list_check(v, sub, sizeof sub)!=OK ){ snprintf(err, errlen, "metrics_allow: %s", sub); return ERR_INVALID; }
    }
    if( strcmp(k->name, "metrics_token")==0 && *v && (strlen(v)<16 || strpbrk(v, " \t\"'\\")) ){
      snprintf(err, errlen, "metrics_token: at least 16 characters, no spaces or quotes"); return ERR_INVALID;
    }
    if( strcmp(k->name, "public_url")==0 && *v ){
      if( util_url_base(v, base, (size_t)k->hi+1)!=OK ){
        snprintf(err, errlen, "public_url: expected http(s)://host[:port][/path], got \"%s\"", v); return ERR_INVALID;
      }
      return OK;
    }
    snprintf(base, (size_t)k->hi+1, "%s", v);   /* only a value that passed is kept */
    return OK;
  }
  if( k->kind=='b' ){
    int on;
    if( !strcmp(v,"on") || !strcmp(v,"yes") || !strcmp(v,"true") || !strcmp(v,"1") ) on = 1;
    else if( !strcmp(v,"off") || !strcmp(v,"no") || !strcmp(v,"false") || !strcmp(v,"0") ) on = 0;
    else { snprintf(err, errlen, "%s: expected on or off (yes or no), got \"%s\"", k->name, v); return ERR_INVALID; }
    *(int*)base = on;
    return OK;
  }
  char *end;
  errno = 0;
  long long n = strtoll(v, &end, 10);
  long long mult = 1;
  if( k->kind=='z' && (*end=='k' || *end=='K') ){ mult = 1024; end++; }
  else if( k->kind=='z' && (*end=='m' || *end=='M') ){ mult = 1024*1024; end++; }
  /* not a number and out of range alike: what is expected, then what was written */
  if( end==v || *end || errno || n > k->hi/mult || n < k->lo/mult - 1 || n*mult < k->lo || n*mult > k->hi ){
    char lo[24], hi[24];
    config_amount(k, k->lo, lo, sizeof lo);
    config_amount(k, k->hi, hi, sizeof hi);
    snprintf(err, errlen, "%s: expected a %s from %s to %s, got \"%s\"", k->name,
             k->kind=='z' ? "size" : "whole number", lo, hi, v);
    return ERR_INVALID;
  }
  n *= mult;
  if( k->kind=='z' ) *(size_t*)base = (size_t)n; else *(int*)base = (int)n;
  return OK;
}

/* Parse "key = value" lines over c; the first error stops with "line N: ..." in err. */
int config_parse(Config *c, const char *text, char *err, size_t errlen){
  int lineno = 0;
  const char *p = text;
  while( *p ){
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol-p) : strlen(p);
    char line[1024];
    lineno++;
    if( n >= sizeof line ){ snprintf(err, errlen, "line %d: too long: at most %zu bytes", lineno, sizeof line - 1); return ERR_INVALID; }
    memcpy(line, p, n);
    line[n] = 0;
    p += n + (eol ? 1 : 0);
    char *s = util_trim(line);
    if( lineno==1 && strncmp(s, "\xEF\xBB\xBF", 3)==0 ) s = util_trim(s+3);   /* a BOM, as Notepad writes */
    /* a comment: a line starting with '#', or the rest of a line from a '#' after a space or tab
    ** ("threads = 8   # workers"); a '#' within a word belongs to the value ("s3cr#et99") */
    if( *s==0 || *s=='#' ) continue;
    for(char *h = strchr(s, '#'); h; h = strchr(h+1, '#')){
      if( h[-1]==' ' || h[-1]=='\t' ){ *h = 0; s = util_trim(s); break; }
    }
    char *eq = strchr(s, '=');
    if( eq==0 ){ snprintf(err, errlen, "line %d: expected \"key = value\"", lineno); return ERR_INVALID; }
    *eq = 0;
    char *key = util_trim(s), *val = util_trim(eq+1);
    const ConfigKey *k = 0;
    for(size_t i=0; i<COUNT(config_keys); i++){
      if( strcmp(config_keys[i].name, key)==0 ){ k = &config_keys[i]; break; }
    }
    if( k==0 ){ snprintf(err, errlen, "line %d: unknown setting \"%s\"", lineno, key); return ERR_INVALID; }
    char sub[512];
    if( config_set(c, k, val, sub, sizeof sub)!=OK ){
      snprintf(err, errlen, "line %d: %s", lineno, sub);
      return ERR_INVALID;
    }
  }
  return OK;
}

/* Read and parse a config file; a missing file leaves the defaults. */
int config_load(Config *c, const char *path, char *err, size_t errlen){
  Buf b = BUF_INIT;
  int rc = util_file_read(path, &b);
  if( rc==ERR_NOTFOUND ){ buf_free(&b); return OK; }
  if( rc!=OK ){ snprintf(err, errlen, "%s: cannot read", path); buf_free(&b); return rc; }
  char sub[600];
  rc = config_parse(c, buf_str(&b), sub, sizeof sub);
  if( rc!=OK ) snprintf(err, errlen, "%s: %s", path, sub);
  buf_free(&b);
  return rc;
}

/* 1 while smtp_from is an address of this machine only (see core.h): its domain has no dot. */
int config_from_local(const Config *c){
  const char *lt = strchr(c->smtp_from, '<');
  const char *at = strchr(lt ? lt : c->smtp_from, '@');
  if( at==0 ) return 1;
  size_t n = strcspn(at+1, ">");
  return memchr(at+1, '.', n)==0;
}

/* Every setting with its default, commented out: the loket.conf that `loket init` writes. */
void config_template(Buf *out){
  Config d;
  config_defaults(&d);
  buf_puts(out, "# Loket settings for this data folder. Uncomment a line to change it; restart to apply.\n"
                "# A # at the start of a line or after a space starts a comment; a # within a word is part of the value (a password may hold one).\n");
  for(size_t i=0; i<COUNT(config_keys); i++){
    const ConfigKey *k = &config_keys[i];
    const char *base = (const char*)&d + k->off;
    if( strcmp(k->name, "public_url")==0 ){
      buf_puts(out, "# The address people reach Loket at, for the links in e-mail and the QR codes printed on cards\n"
                    "# (empty: a signed-in user's request's Host header; for the portal and the monthly report, the\n"
                    "# address staff last opened Loket at). Set it on every real deployment, the same on every node.\n");
      buf_printf(out, "# %s = https://lpse.example.go.id\n", k->name);
    }
    else if( strcmp(k->name, "access_log")==0 ){
      buf_puts(out, "# One line per request: - (standard error), off, or a file (a relative name is in this folder).\n");
      buf_printf(out, "# %s = %s\n", k->name, base);
    }
    else if( strcmp(k->name, "metrics_allow")==0 ){
      buf_puts(out, "# Who may read /metrics: these addresses and ranges (10.0.0.5, 10.0.0.0/24, fd00::/8; empty: none), or a\n"
                    "# scraper sending \"Authorization: Bearer\" with metrics_token. A request a proxy forwarded\n"
                    "# (X-Forwarded-For) is known by its address only when trust_proxy is on.\n");
      buf_printf(out, "# %s = %s\n", k->name, base);
    }
    else if( strcmp(k->name, "metrics_token")==0 ){
      buf_puts(out, "# The bearer token a scraper may send instead (at least 16 characters: openssl rand -hex 32).\n");
      buf_printf(out, "# %s = %s\n", k->name, base);
    }
    else if( strcmp(k->name, "smtp_from")==0 ){
      buf_puts(out, "# The sender of Loket's mail: set your office's address, one whose replies reach the help desk's\n"
                    "# mailbox (helpdesk@lpse.example.go.id, or Loket LPSE <helpdesk@lpse.example.go.id>). The default\n"
                    "# loket@localhost is taken, but a relay may refuse it and no reply reaches it; `loket mail test` says so.\n");
      buf_printf(out, "# %s = %s\n", k->name, base);
    }
    else if( strcmp(k->name, "db_busy_timeout_seconds")==0 ){
      buf_puts(out, "# How long a write waits at most for the database another process (or node) holds, then answers 503 busy.\n");
      buf_printf(out, "# %s = %d\n", k->name, *(const int*)base);
    }
    else if( k->kind=='s' ) buf_printf(out, "# %s = %s\n", k->name, base);
    else if( k->kind=='b' ) buf_printf(out, "# %s = %s\n", k->name, *(const int*)base ? "on" : "off");
    else if( k->kind=='z' ){
      size_t v = *(const size_t*)base;
      if( v % (1024*1024)==0 ) buf_printf(out, "# %s = %zuM\n", k->name, v/(1024*1024));
      else if( v % 1024==0 ) buf_printf(out, "# %s = %zuK\n", k->name, v/1024);
      else buf_printf(out, "# %s = %zu\n", k->name, v);
    }
    else buf_printf(out, "# %s = %d\n", k->name, *(const int*)base);
  }
}

static char public_url_now[256];

/* Remember the running server's public_url (called once by `loket serve`, before any thread). */
void config_public_url_set(const char *url){
  snprintf(public_url_now, sizeof public_url_now, "%s", url ? url : "");
}

/* The running server's public_url, "" when none is configured. */
const char *config_public_url(void){
  return public_url_now;
}

static char default_lang_now[8] = "id";

/* Remember the running server's default_lang (called once by `loket serve`, before any thread). */
void config_default_lang_set(const char *lang){
  snprintf(default_lang_now, sizeof default_lang_now, "%s", lang && strcmp(lang, "en")==0 ? "en" : "id");
}

/* The running server's default_lang, for what the background jobs mail: "id" or "en". */
const char *config_default_lang(void){
  return default_lang_now;
}

static pthread_mutex_t seen_mu = PTHREAD_MUTEX_INITIALIZER;
static char seen_url[256];

/* 1 when the base names this machine only (127.x, localhost, ::1). */
static int url_loopback(const char *base){
  const char *h = strstr(base, "://");
  h = h ? h+3 : base;
  return strncmp(h, "127.", 4)==0 || strncmp(h, "localhost", 9)==0 || strncmp(h, "[::1]", 5)==0;
}

/* Remember where people reach this server (see core.h). */
void config_seen_url(const char *base){
  if( base==0 || *base==0 || strlen(base) >= sizeof seen_url ) return;
  pthread_mutex_lock(&seen_mu);
  if( strcmp(seen_url, base) && (seen_url[0]==0 || !url_loopback(base) || url_loopback(seen_url)) ){
    snprintf(seen_url, sizeof seen_url, "%s", base);
  }
  pthread_mutex_unlock(&seen_mu);
}

/* The base of links mailed outside a request (see core.h): public_url, else the listen address. */
void config_links_init(const Config *cfg, const char *listen){
  if( strcmp(public_url_now, cfg->public_url) ) config_public_url_set(cfg->public_url);
  if( cfg->public_url[0] ) return;
  const char *colon = listen ? strrchr(listen, ':') : 0;
  char host[128], base[256];
  size_t hn = colon ? (size_t)(colon-listen) : 0;
  if( colon==0 || hn==0 || hn>=sizeof host ) return;
  memcpy(host, listen, hn);
  host[hn] = 0;
  /* listening on every address: the machine's own name is the one people can reach it by */
  if( (strcmp(host, "0.0.0.0")==0 || strcmp(host, "[::]")==0) && gethostname(host, sizeof host)==0 ) host[sizeof host - 1] = 0;
  snprintf(base, sizeof base, "http://%s:%s", host, colon+1);
  config_seen_url(base);
  log_info("public_url is not set in loket.conf: the links of mail sent outside a request (the monthly"
           " report, the SLA notices) use the address staff last opened Loket at, else the one it listens at;"
           " now %s", base);
}

/* The base of links mailed outside a request (see core.h). */
void config_link_base(char *out, size_t n){
  if( public_url_now[0] ){ snprintf(out, n, "%s", public_url_now); return; }
  pthread_mutex_lock(&seen_mu);
  snprintf(out, n, "%s", seen_url);
  pthread_mutex_unlock(&seen_mu);
}
