/*
** credential.c — credentials never travel in clear: a new or reset secret is
** encrypted with libsodium's secretbox under a key kept in the data folder
** (secret.key, mode 0600, made at the first `loket serve` or first use), reachable once through a link
** whose token is stored only as its SHA-256, until the link expires. Every
** look at a link, good or bad, writes the audit log.
*/
#include "accounts.h"
#include "desk.h"
#include "verify.h"
#include <sodium.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_mutex_t key_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned char key[crypto_secretbox_KEYBYTES];
static char key_for[4096];          /* the data folder the key was loaded for */

/* The key of the data folder: read secret.key beside the database, or make it. */
static int cred_key(unsigned char out[crypto_secretbox_KEYBYTES]){
  const char *dir = db_folder();
  pthread_mutex_lock(&key_mu);
  if( key_for[0] && strcmp(key_for, dir)==0 ){
    memcpy(out, key, sizeof key);
    pthread_mutex_unlock(&key_mu);
    return OK;
  }
  char path[4200];
  snprintf(path, sizeof path, "%.4180s/secret.key", dir);
  int rc = ERR_IO;
  int fd = open(path, O_RDONLY);
  if( fd>=0 ){
    if( read(fd, key, sizeof key)==(ssize_t)sizeof key ) rc = OK;
    close(fd);
  }else if( errno==ENOENT ){
    randombytes_buf(key, sizeof key);
    fd = open(path, O_WRONLY|O_CREAT|O_EXCL, 0600);
    if( fd>=0 ){
      if( write(fd, key, sizeof key)==(ssize_t)sizeof key && fsync(fd)==0 ) rc = OK;
      close(fd);
    }else if( errno==EEXIST ){          /* another process made it first: read that one */
      fd = open(path, O_RDONLY);
      if( fd>=0 ){
        if( read(fd, key, sizeof key)==(ssize_t)sizeof key ) rc = OK;
        close(fd);
      }
    }
  }
  if( rc==OK ){
    snprintf(key_for, sizeof key_for, "%s", dir);
    memcpy(out, key, sizeof key);
  }else{
    log_error("credential key %s cannot be read or made", path);
  }
  pthread_mutex_unlock(&key_mu);
  return rc;
}

/* Load or make secret.key at a server's start, so the first node's folder holds it to copy. */
int cred_key_init(char *err, size_t errlen){
  unsigned char k[crypto_secretbox_KEYBYTES];
  if( cred_key(k)!=OK ){
    snprintf(err, errlen, "%.4000s/secret.key: cannot be read or made", db_folder());
    return ERR_IO;
  }
  sodium_memzero(k, sizeof k);
  return OK;
}

/* The print of a key: 8 bytes of a keyed hash, in hex; it does not give the key away. */
static void key_print(const unsigned char *k, size_t n, char out[17]){
  unsigned char h[8];
  crypto_generichash(h, sizeof h, (const unsigned char *)"loket key print", 15, k, n);
  sodium_bin2hex(out, 17, h, sizeof h);
}

/* Check (or record) one key's print against the database's; see node_keys_check. */
static int node_key_one(Db *db, const char *name, const char *print, char *err, size_t errlen){
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "INSERT INTO node_key(name, print, first_at, first_host) VALUES(?1,?2,?3,?4)"
                           " ON CONFLICT DO NOTHING");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_text(q, 1, name);
  db_bind_text(q, 2, print);
  db_bind_int64(q, 3, time_now());
  db_bind_text(q, 4, host);
  rc = db_run(q);
  if( rc==OK && db_changes(db)==1 ){
    Actor sys = { 0, "system", 0, "" };
    char d[320];
    snprintf(d, sizeof d, "print=%s host=%s", print, host);
    rc = audit_write(db, &sys, "node.key", name, d);
  }
  if( rc==OK ){
    q = db_prepare(db, "SELECT print, first_host FROM node_key WHERE name=?1");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_text(q, 1, name);
      if( db_step(q)!=DB_ROW ) rc = ERR_DB;
      else if( strcmp(db_col_text(q, 0), print) ){
        snprintf(err, errlen, "%s/%s is not the key the other nodes of this database use (its print %s; the"
                 " database's, first served from %s, %s): stop, copy verify.key and secret.key from that node's"
                 " folder into this one (docs/deploy.md), and start again; with keys of its own this node would"
                 " refuse the cards, links and call forms the others made",
                 db_folder(), name, print, db_col_text(q, 1), db_col_text(q, 0));
        rc = ERR_CONFLICT;
      }
      db_reset(q);
    }
  }
  int end = db_tx_end(db, own, rc==ERR_CONFLICT ? OK : rc);   /* a differing print: nothing was written */
  return rc==ERR_CONFLICT && end==OK ? ERR_CONFLICT : end;
}

/* The keys of this folder against those of the database's first node (see accounts.h). */
int node_keys_check(Db *db, char *err, size_t errlen){
  unsigned char k[32];
  char vp[17], sp[17];
  if( verify_key_derive(k, "keyprint")!=OK ){ snprintf(err, errlen, "verify.key is not loaded"); return ERR_IO; }
  key_print(k, sizeof k, vp);
  if( cred_key(k)!=OK ){ snprintf(err, errlen, "secret.key cannot be read"); return ERR_IO; }
  key_print(k, sizeof k, sp);
  sodium_memzero(k, sizeof k);
  int rc = node_key_one(db, "verify.key", vp, err, errlen);
  if( rc==OK ) rc = node_key_one(db, "secret.key", sp, err, errlen);
  return rc;
}

/* Encrypt plain text: hex of nonce followed by the box. */
int cred_seal(const char *plain, Buf *out){
  unsigned char k[crypto_secretbox_KEYBYTES], nonce[crypto_secretbox_NONCEBYTES];
  if( cred_key(k)!=OK ) return ERR_IO;
  size_t n = strlen(plain);
  unsigned char *box = xmalloc(n + crypto_secretbox_MACBYTES);
  randombytes_buf(nonce, sizeof nonce);
  crypto_secretbox_easy(box, (const unsigned char*)plain, n, nonce, k);
  sodium_memzero(k, sizeof k);
  char *hex = xmalloc(2*(sizeof nonce + n + crypto_secretbox_MACBYTES) + 1);
  sodium_bin2hex(hex, 2*sizeof nonce + 1, nonce, sizeof nonce);
  buf_puts(out, hex);
  sodium_bin2hex(hex, 2*(n + crypto_secretbox_MACBYTES) + 1, box, n + crypto_secretbox_MACBYTES);
  buf_puts(out, hex);
  free(hex);
  free(box);
  return OK;
}

/* Decrypt what cred_seal made. */
int cred_unseal(const char *sealed, char *out, size_t n){
  unsigned char k[crypto_secretbox_KEYBYTES];
  size_t len = strlen(sealed)/2;
  if( len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES || len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES + 1 > n ) return ERR_INVALID;
  if( cred_key(k)!=OK ) return ERR_IO;
  unsigned char *bin = xmalloc(len);
  size_t got = 0;
  int rc = sodium_hex2bin(bin, len, sealed, strlen(sealed), 0, &got, 0)==0 && got==len ? OK : ERR_INVALID;
  if( rc==OK && crypto_secretbox_open_easy((unsigned char*)out, bin + crypto_secretbox_NONCEBYTES,
                                           len - crypto_secretbox_NONCEBYTES, bin, k)!=0 ) rc = ERR_INVALID;
  if( rc==OK ) out[len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES] = 0;
  sodium_memzero(k, sizeof k);
  free(bin);
  return rc;
}

/* Make a new secret for an account and its one-time link. */
int cred_issue(Db *db, const Actor *who, int64_t office_id, int64_t account_id, int64_t case_id,
               char token[65], int64_t *expires_at, Err *e){
  token[0] = 0;
  unsigned char k[crypto_secretbox_KEYBYTES], nonce[crypto_secretbox_NONCEBYTES];
  if( cred_key(k)!=OK ){ ERR_SET(e, "secret", N_("The credential key cannot be read")); return ERR_IO; }
  char rule[8];
  int hours;
  account_policy(db, office_id, rule, &hours);
  char secret[32];
  util_random_password(secret, 16);
  size_t n = strlen(secret);
  unsigned char box[64];
  randombytes_buf(nonce, sizeof nonce);
  crypto_secretbox_easy(box, (const unsigned char*)secret, n, nonce, k);
  sodium_memzero(k, sizeof k);
  sodium_memzero(secret, sizeof secret);
  char tok[65], hash[65];
  util_random_token(tok, 32);
  util_sha256_hex(hash, tok, strlen(tok));
  int64_t now = time_now();
  *expires_at = now + (int64_t)hours*3600;
  int own;
  int rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  /* an earlier link of the account not yet opened would show a password that is no longer the
  ** account's: it ends now, its secret wiped */
  Stmt *q = db_prepare(db, "UPDATE credential_link SET secret=NULL, expires_at=?2"
                           " WHERE account_id=?1 AND viewed_at IS NULL AND expires_at>?2");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, account_id);
    db_bind_int64(q, 2, now);
    rc = db_run(q);
    int ended = rc==OK ? db_changes(db) : 0;
    if( ended>0 ){
      char obj[32], detail[64];
      snprintf(obj, sizeof obj, "account/%lld", (long long)account_id);
      snprintf(detail, sizeof detail, "%d unopened link(s) replaced by a new one", ended);
      rc = audit_write(db, who, "credential.revoke", obj, detail);
    }
  }
  if( rc!=OK ) return db_tx_end(db, own, rc);
  q = db_prepare(db, "INSERT INTO credential_link(office_id, token_hash, account_id, case_id, nonce, secret,"
                           " created_at, expires_at, created_by) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9) RETURNING id");
  int64_t id = 0;
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, office_id);
    db_bind_text(q, 2, hash);
    db_bind_int64(q, 3, account_id);
    if( case_id ) db_bind_int64(q, 4, case_id); else db_bind_null(q, 4);
    db_bind_blob(q, 5, nonce, sizeof nonce);
    db_bind_blob(q, 6, box, n + crypto_secretbox_MACBYTES);
    db_bind_int64(q, 7, now);
    db_bind_int64(q, 8, *expires_at);
    db_bind_text(q, 9, who && who->username ? who->username : "system");
    rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
    if( rc==OK ) id = db_col_int64(q, 0);
    db_reset(q);
  }
  if( rc==OK ){
    char obj[32], detail[96];
    snprintf(obj, sizeof obj, "credential_link/%lld", (long long)id);
    snprintf(detail, sizeof detail, "account/%lld, %d hours", (long long)account_id, hours);
    rc = audit_write(db, who, "credential.issue", obj, detail);
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK ) memcpy(token, tok, 65);
  return rc;
}

/* The link of a token: its id, office, state. */
static int cred_find(Db *db, const char *token, int64_t *id, int64_t *office_id, int64_t *expires, int *used){
  if( token==0 || strlen(token)!=64 ) return ERR_NOTFOUND;
  char hash[65];
  util_sha256_hex(hash, token, strlen(token));
  Stmt *q = db_prepare(db, "SELECT id, office_id, expires_at, CASE WHEN viewed_at IS NULL THEN 0 ELSE 1 END"
                           " FROM credential_link WHERE token_hash=?1");
  if( q==0 ) return ERR_DB;
  db_bind_text(q, 1, hash);
  int rc = db_step(q);
  if( rc==DB_ROW ){
    *id = db_col_int64(q, 0);
    *office_id = db_col_int64(q, 1);
    *expires = db_col_int64(q, 2);
    *used = db_col_int(q, 3);
  }
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* The state of a link for the system itself: OK, ERR_CONFLICT opened, ERR_TOOBIG expired, ERR_NOTFOUND. */
int cred_state(Db *db, const char *token, int64_t *viewed_at){
  *viewed_at = 0;
  int64_t id = 0, office = 0, exp = 0;
  int used = 0;
  int rc = cred_find(db, token, &id, &office, &exp, &used);
  if( rc!=OK ) return rc;
  if( used ){
    Stmt *q = db_prepare(db, "SELECT viewed_at FROM credential_link WHERE id=?1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, id);
    if( db_step(q)==DB_ROW ) *viewed_at = db_col_int64(q, 0);
    db_reset(q);
    return ERR_CONFLICT;
  }
  return time_now()>=exp ? ERR_TOOBIG : OK;
}

/* Write the audit row of a look at a link (its own transaction when the caller has none). */
static void cred_log(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *action, const char *what){
  Actor a = who ? *who : (Actor){ 0, "anonymous", 0, "" };
  a.office_id = office_id;
  char obj[32];
  if( id ) snprintf(obj, sizeof obj, "credential_link/%lld", (long long)id);
  else snprintf(obj, sizeof obj, "credential_link");
  int own;
  if( db_tx_begin(db, &own)!=OK ) return;
  db_tx_end(db, own, audit_write(db, &a, action, obj, what));
}

/* The state of a link without opening it (audited). */
int cred_peek(Db *db, const Actor *who, const char *token, int64_t *expires_at, int64_t *office_id){
  int64_t id = 0, office = 0, exp = 0;
  int used = 0;
  int rc = cred_find(db, token, &id, &office, &exp, &used);
  if( rc==ERR_DB ) return rc;
  *expires_at = exp;
  if( office_id ) *office_id = office;
  if( rc==ERR_NOTFOUND ){ cred_log(db, who, 0, 0, "credential.view", "unknown token"); return ERR_NOTFOUND; }
  if( used ){ cred_log(db, who, office, id, "credential.view", "looked at: already opened"); return ERR_CONFLICT; }
  if( time_now()>=exp ){ cred_log(db, who, office, id, "credential.view", "looked at: expired"); return ERR_TOOBIG; }
  cred_log(db, who, office, id, "credential.view", "looked at: not yet opened");
  return OK;
}

/* Open a link once: user ID and secret; the secret wiped in the same transaction. */
int cred_open(Db *db, const Actor *who, const char *token, char *user_id, size_t nuid, char *secret, size_t nsecret){
  user_id[0] = secret[0] = 0;
  unsigned char k[crypto_secretbox_KEYBYTES];
  if( cred_key(k)!=OK ) return ERR_IO;
  int own;
  int rc = db_tx_begin(db, &own);
  if( rc!=OK ){ sodium_memzero(k, sizeof k); return rc; }
  int64_t id = 0, office = 0, exp = 0;
  int used = 0;
  const char *what = "opened";
  rc = cred_find(db, token, &id, &office, &exp, &used);
  if( rc==ERR_NOTFOUND ) what = "unknown token";
  else if( rc==OK && used ){ rc = ERR_CONFLICT; what = "refused: already opened"; }
  else if( rc==OK && time_now()>=exp ){ rc = ERR_TOOBIG; what = "refused: expired"; }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "SELECT l.nonce, l.secret, a.user_id FROM credential_link l JOIN account a ON a.id=l.account_id"
                             " WHERE l.id=?1");
    if( q ) db_bind_int64(q, 1, id);
    if( q==0 ) rc = ERR_DB;
    else if( db_step(q)==DB_ROW ){
      size_t nn = 0, nb = 0;
      const unsigned char *nonce = db_col_blob(q, 0, &nn);
      const unsigned char *box = db_col_blob(q, 1, &nb);
      if( nn!=crypto_secretbox_NONCEBYTES || nb<crypto_secretbox_MACBYTES || nb-crypto_secretbox_MACBYTES+1>nsecret
       || crypto_secretbox_open_easy((unsigned char*)secret, box, nb, nonce, k)!=0 ){
        rc = ERR_INVALID;
        what = "refused: the secret does not decrypt";
      }else{
        secret[nb-crypto_secretbox_MACBYTES] = 0;
        snprintf(user_id, nuid, "%s", db_col_text(q, 2));
      }
      db_reset(q);
    }else{
      db_reset(q);
      rc = ERR_NOTFOUND;
    }
  }
  if( rc==OK ){
    Stmt *q = db_prepare(db, "UPDATE credential_link SET viewed_at=?1, secret=NULL WHERE id=?2 AND viewed_at IS NULL");
    if( q==0 ) rc = ERR_DB;
    else{
      db_bind_int64(q, 1, time_now());
      db_bind_int64(q, 2, id);
      rc = db_run(q);
    }
  }
  sodium_memzero(k, sizeof k);
  Actor a = who ? *who : (Actor){ 0, "anonymous", 0, "" };
  a.office_id = office;
  char obj[32];
  if( id ) snprintf(obj, sizeof obj, "credential_link/%lld", (long long)id);
  else snprintf(obj, sizeof obj, "credential_link");
  if( rc==OK ){
    rc = audit_write(db, &a, "credential.open", obj, what);
    rc = db_tx_end(db, own, rc);
  }else{
    int keep = rc;
    db_tx_end(db, own, ERR_CONFLICT);         /* nothing of the failed open is kept … */
    cred_log(db, who, office, id, "credential.open", what);   /* … but the attempt is logged */
    rc = keep;
  }
  if( rc!=OK ){ sodium_memzero(secret, nsecret); user_id[0] = 0; }
  return rc;
}
