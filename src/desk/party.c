/*
** party.c — finding a requester in the directory (the party table the case engine
** fills) by name, NIP, NPWP, e-mail or phone, and the cases they asked before.
*/
#include "helpdesk.h"
#include <string.h>
#include <ctype.h>

/* The digits of z into out (at most n-1 of them). */
static void party_digits(const char *z, char *out, size_t n){
  size_t k = 0;
  for(; *z && k+1<n; z++) if( isdigit((unsigned char)*z) ) out[k++] = *z;
  out[k] = 0;
}

/* Parties of the office matching q, by name first. */
int party_search(Db *db, int64_t office_id, const char *q, int limit, PartyRow **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  if( q==0 || *q==0 ) return OK;
  if( limit<1 || limit>100 ) limit = 20;
  char digits[64], phone[32] = "";
  party_digits(q, digits, sizeof digits);
  Err ie;
  if( ident_phone(q, phone, sizeof phone, 0, &ie)!=OK ) phone[0] = 0;
  Stmt *s = db_prepare(db,
    "SELECT id, kind, name, coalesce(nip,''), coalesce(nik,''), coalesce(npwp,''), coalesce(email,''), coalesce(phone,'')"
    " FROM party WHERE office_id=?1 AND (lower(name) LIKE ?2 ESCAPE '\\' OR nip=?3 OR nik=?3"
    "  OR replace(replace(npwp,'.',''),'-','')=?4 OR lower(email)=lower(?5) OR phone=?6)"
    " ORDER BY name, id LIMIT ?7");
  if( s==0 ) return ERR_DB;
  db_bind_int64(s, 1, office_id);
  db_bind_text(s, 2, db_like(a, q, DB_LIKE_WITHIN, 1));
  db_bind_text(s, 3, q);
  db_bind_text(s, 4, digits[0] ? digits : "-");
  db_bind_text(s, 5, q);
  db_bind_text(s, 6, phone[0] ? phone : "-");
  db_bind_int(s, 7, limit);
  PartyRow *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(s))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    PartyRow *p = &v[(*n)++];
    p->id = db_col_int64(s, 0);
    p->kind = arena_strdup(a, db_col_text(s, 1));
    p->name = arena_strdup(a, db_col_text(s, 2));
    p->nip = arena_strdup(a, db_col_text(s, 3));
    p->nik = arena_strdup(a, db_col_text(s, 4));
    p->npwp = arena_strdup(a, db_col_text(s, 5));
    p->email = arena_strdup(a, db_col_text(s, 6));
    p->phone = arena_strdup(a, db_col_text(s, 7));
  }
  db_reset(s);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}

/* The cases a party asked (as the person or the organisation), newest first. */
int party_cases(Db *db, int64_t office_id, int64_t party_id, int limit, PartyCase **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  if( limit<1 || limit>100 ) limit = 10;
  Stmt *s = db_prepare(db,
    "SELECT number, sop_code, subject, status, channel, opened_at FROM kasus"
    " WHERE office_id=?1 AND (person_id=?2 OR org_id=?2) ORDER BY id DESC LIMIT ?3");
  if( s==0 ) return ERR_DB;
  db_bind_int64(s, 1, office_id);
  db_bind_int64(s, 2, party_id);
  db_bind_int(s, 3, limit);
  PartyCase *v = 0;
  int cap = 0, rc;
  while( (rc = db_step(s))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    PartyCase *c = &v[(*n)++];
    c->number = arena_strdup(a, db_col_text(s, 0));
    c->sop_code = arena_strdup(a, db_col_text(s, 1));
    c->subject = arena_strdup(a, db_col_text(s, 2));
    c->status = arena_strdup(a, db_col_text(s, 3));
    c->channel = arena_strdup(a, db_col_text(s, 4));
    c->opened_at = db_col_int64(s, 5);
  }
  db_reset(s);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}
