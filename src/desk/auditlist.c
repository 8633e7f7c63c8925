/*
** auditlist.c — reading the audit log of an office, newest first, with
** filters and keyset paging. Writing and verifying live in db/audit.c.
*/
#include "desk.h"
#include <string.h>

/* Bind the action filter at i: exact, or a prefix when it ends in '.' or '*'; NULL when off. */
static void bind_action(Stmt *q, int i, Arena *a, const char *z){
  size_t n = z ? strlen(z) : 0;
  if( n==0 ){ db_bind_null(q, i); return; }
  if( z[n-1]=='*' ) db_bind_text(q, i, db_like(a, arena_strndup(a, z, n-1), DB_LIKE_PREFIX, 0));
  else db_bind_text(q, i, db_like(a, z, z[n-1]=='.' ? DB_LIKE_PREFIX : DB_LIKE_EXACT, 0));
}

/* Bind the object filter at i: exact, a prefix when it ends in '*', or text anywhere within
** the object when within is set (a trailing '*' then ignored); NULL when off. */
static void bind_object(Stmt *q, int i, Arena *a, const char *z, int within){
  size_t n = z ? strlen(z) : 0;
  int prefix = n>0 && z[n-1]=='*';
  if( prefix ) n--;
  if( n==0 ){ db_bind_null(q, i); return; }
  int how = within ? DB_LIKE_WITHIN : prefix ? DB_LIKE_PREFIX : DB_LIKE_EXACT;
  db_bind_text(q, i, db_like(a, arena_strndup(a, z, n), how, 0));
}

/* The audit rows of an office and of the system, newest first, as the filter says. */
int audit_list(Db *db, const AuditFilter *f, AuditRow **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  if( f->limit<1 || f->limit>1001 ) return ERR_INVALID;   /* 1000 and one to see a next page */
  Stmt *q = db_prepare(db, AUDIT_SQL_LIST);
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, f->office_id);
  if( f->actor && *f->actor ) db_bind_text(q, 2, f->actor);
  else db_bind_null(q, 2);
  bind_action(q, 3, a, f->action);
  bind_object(q, 4, a, f->object, f->object_within);
  db_bind_int64(q, 5, f->from);
  db_bind_int64(q, 6, f->to);
  db_bind_int64(q, 7, f->before>0 ? f->before : INT64_MAX);
  db_bind_int(q, 8, f->limit);
  AuditRow *v = arena_alloc(a, sizeof(AuditRow)*(size_t)f->limit);
  int rc;
  while( (rc = db_step(q))==DB_ROW ){
    AuditRow *w = &v[(*n)++];
    w->id = db_col_int64(q, 0);
    w->office_id = db_col_int64(q, 1);
    w->at = db_col_int64(q, 2);
    w->actor = arena_strdup(a, db_col_text(q, 3));
    w->action = arena_strdup(a, db_col_text(q, 4));
    w->object = arena_strdup(a, db_col_text(q, 5));
    w->detail = arena_strdup(a, db_col_text(q, 6));
    w->ip = arena_strdup(a, db_col_text(q, 7));
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  *rows = v;
  return OK;
}
