/*
** audit.c — the append-only, hash-chained audit log. Each row's hash covers
** the previous row's hash and every field of its own, and ids run without
** gaps, so an edited, inserted or deleted row breaks the chain that `loket
** audit verify` walks — except rows cut from the very end, which need an
** anchor kept outside the database (see docs/architecture.md).
*/
#include "db.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The hash of one row: SHA-256 over its fields, NUL-separated, after prev. */
static void audit_hash(char out[65], const char *prev, int64_t id, int64_t office_id,
                       int64_t at, int64_t actor_id, const char *actor, const char *action,
                       const char *object, const char *detail, const char *ip){
  Buf b = BUF_INIT;
  buf_printf(&b, "%s|%lld|%lld|%lld|%lld|", prev, (long long)id, (long long)office_id,
             (long long)at, (long long)actor_id);
  const char *parts[] = { actor, action, object, detail, ip };
  for(size_t i=0; i<COUNT(parts); i++){
    buf_puts(&b, parts[i]);
    buf_append(&b, "", 1);   /* NUL separator: no field can forge another's boundary */
  }
  util_sha256_hex(out, b.z, b.n);
  buf_free(&b);
}

/* Append one row chained to the last; the caller's write transaction holds the lock. */
int audit_write(Db *db, const Actor *who, const char *action, const char *object,
                const char *detail){
  char prev[65] = AUDIT_GENESIS;
  int64_t id = 1;
  Stmt *q = db_prepare(db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
  if( q==0 ) return ERR_DB;
  if( db_step(q)==DB_ROW ){
    id = db_col_int64(q, 0) + 1;
    snprintf(prev, sizeof prev, "%s", db_col_text(q, 1));
  }
  db_reset(q);
  int64_t at = time_now();
  const char *actor = who && who->username ? who->username : "system";
  const char *ip = who && who->ip ? who->ip : "";
  int64_t office = who ? who->office_id : 0, uid = who ? who->user_id : 0;
  if( detail==0 ) detail = "";
  /* a detail written with snprintf's %.500s may end inside a character: the row keeps it whole */
  char *whole = 0;
  size_t dn = strlen(detail), dw = util_utf8_whole(detail, dn);
  if( dw<dn ){
    whole = xmalloc(dw+1);
    memcpy(whole, detail, dw);
    whole[dw] = 0;
    detail = whole;
  }
  char h[65];
  audit_hash(h, prev, id, office, at, uid, actor, action, object, detail, ip);
  q = db_prepare(db, "INSERT INTO audit(id, office_id, at, actor_id, actor, action, object,"
                     " detail, ip, prev_hash, hash) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
  if( q==0 ){ free(whole); return ERR_DB; }
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, office);
  db_bind_int64(q, 3, at);
  db_bind_int64(q, 4, uid);
  db_bind_text(q, 5, actor);
  db_bind_text(q, 6, action);
  db_bind_text(q, 7, object);
  db_bind_text(q, 8, detail);
  db_bind_text(q, 9, ip);
  db_bind_text(q, 10, prev);
  db_bind_text(q, 11, h);
  int rc = db_run(q);
  free(whole);
  return rc;
}

/* Recompute the chain from the first row; describe the first break in err. */
int audit_verify(Db *db, int64_t *rows, char *err, size_t errlen){
  AuditHead head;
  return audit_verify_head(db, 0, "en", rows, &head, err, errlen);
}

/* Recompute the chain, keep its head, and find the kept hash in it (db.h). */
int audit_verify_head(Db *db, const char *kept, const char *lang, int64_t *rows, AuditHead *head, char *err, size_t errlen){
  size_t klen = kept ? strlen(kept) : 0;
  memset(head, 0, sizeof *head);
  *rows = 0;
  const char *given = kept;
  char low[65];   /* the kept hash in small letters, as the chain writes it: one kept in capitals is the same hash */
  if( kept && klen<sizeof low ){
    for(size_t i=0; i<=klen; i++) low[i] = (char)tolower((unsigned char)kept[i]);
    kept = low;
  }
  if( kept && (klen<16 || klen>64 || strspn(kept, "0123456789abcdef")!=klen) ){
    snprintf(err, errlen, "the kept hash \"%s\" is not a hash: give the 64 hexadecimal characters (or the first 16"
             " or more) of the head line of an earlier `loket audit verify`", given);
    return ERR_TYPE;
  }
  Stmt *q = db_prepare(db, "SELECT id, office_id, at, actor_id, actor, action, object, detail,"
                           " ip, prev_hash, hash FROM audit ORDER BY id");
  if( q==0 ){ snprintf(err, errlen, "cannot read the audit table"); return ERR_DB; }
  char prev[65] = AUDIT_GENESIS;
  int64_t expect = 1, n = 0;
  int rc = OK, s;
  while( (s = db_step(q))==DB_ROW ){
    int64_t id = db_col_int64(q, 0);
    char h[65];
    if( id!=expect ){
      snprintf(err, errlen, i18n_get(lang, N_("row %lld is missing (next row is %lld): rows were deleted")),
               (long long)expect, (long long)id);
      rc = ERR_INVALID; break;
    }
    if( strcmp(db_col_text(q, 9), prev)!=0 ){
      snprintf(err, errlen, i18n_get(lang, N_("row %lld does not chain to row %lld: a row was edited, deleted or inserted")),
               (long long)id, (long long)id-1);
      rc = ERR_INVALID; break;
    }
    audit_hash(h, prev, id, db_col_int64(q, 1), db_col_int64(q, 2), db_col_int64(q, 3),
               db_col_text(q, 4), db_col_text(q, 5), db_col_text(q, 6), db_col_text(q, 7),
               db_col_text(q, 8));
    if( strcmp(h, db_col_text(q, 10))!=0 ){
      snprintf(err, errlen, i18n_get(lang, N_("row %lld was edited: its content does not match its hash")), (long long)id);
      rc = ERR_INVALID; break;
    }
    memcpy(prev, h, sizeof prev);
    if( kept && head->kept_id==0 && strncmp(h, kept, klen)==0 ) head->kept_id = id;
    head->id = id;
    expect++;
    n++;
  }
  if( rc==OK && s!=DB_DONE ){ snprintf(err, errlen, "cannot read the audit table"); rc = ERR_DB; }
  db_reset(q);
  *rows = n;
  if( head->id ) memcpy(head->hash, prev, sizeof head->hash);
  if( rc==OK && kept && head->kept_id==0 ){
    snprintf(err, errlen, "the kept hash %.16s… is in no row of the chain, which ends at row %lld (hash %.16s…):"
             " rows were cut from its end, or the hash was kept from another database", kept,
             (long long)head->id, head->id ? head->hash : "none");
    rc = ERR_NOTFOUND;
  }
  return rc;
}

/* who (NULL: the system) acting for office_id, so that office's auditors see the rows. */
Actor audit_actor_in(const Actor *who, int64_t office_id){
  Actor a = { 0, "system", 0, "" };
  if( who ) a = *who;
  a.office_id = office_id;
  return a;
}
