/*
** userlist.c — listing the users of an office, for the administration pages
** and the API. Reading only: the changes live in user.c.
*/
#include "desk.h"
#include <string.h>

/* Users of an office (home office or a role there), filtered by text and state, by username. */
int user_list(Db *db, int64_t office_id, const char *q, const char *state, int limit,
              UserRow **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  if( limit<1 || limit>USER_LIST_MAX ) return ERR_INVALID;
  if( state==0 ) state = "";
  if( *state && strcmp(state, "active") && strcmp(state, "disabled") && strcmp(state, "locked") ){
    return ERR_INVALID;
  }
  Stmt *s = db_prepare(db,
    "SELECT u.id, u.office_id, u.username, u.full_name, u.email, u.disabled, u.locked,"
    "       u.must_change_pw, u.failed_count, u.last_failed_at, u.created_at"
    " FROM users u"
    " WHERE (u.office_id=?1 OR EXISTS(SELECT 1 FROM user_role r WHERE r.user_id=u.id AND r.office_id=?1))"
    "   AND (?2 IS NULL OR lower(u.username) LIKE ?2 ESCAPE '\\' OR lower(u.full_name) LIKE ?2 ESCAPE '\\')"
    "   AND (?3='' OR (?3='active' AND u.disabled=0 AND u.locked=0)"
    "        OR (?3='disabled' AND u.disabled=1) OR (?3='locked' AND u.locked=1 AND u.disabled=0))"
    " ORDER BY u.username LIMIT ?4");
  if( s==0 ) return ERR_DB;
  db_bind_int64(s, 1, office_id);
  q = db_search_text(a, q);   /* "budi  santoso" finds "Budi Santoso" */
  if( q && *q ) db_bind_text(s, 2, db_like(a, q, DB_LIKE_WITHIN, 1));
  else db_bind_null(s, 2);
  db_bind_text(s, 3, state);
  db_bind_int(s, 4, limit);
  int cap = 0, rc;
  UserRow *v = 0;
  while( (rc = db_step(s))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    UserRow *u = &v[(*n)++];
    memset(u, 0, sizeof *u);
    u->id = db_col_int64(s, 0);
    u->office_id = db_col_int64(s, 1);
    u->username = arena_strdup(a, db_col_text(s, 2));
    u->full_name = arena_strdup(a, db_col_text(s, 3));
    u->email = arena_strdup(a, db_col_text(s, 4));
    u->disabled = db_col_int(s, 5);
    u->locked = db_col_int(s, 6);
    u->must_change_pw = db_col_int(s, 7);
    u->failed_count = db_col_int(s, 8);
    u->last_failed_at = db_col_int64(s, 9);
    u->created_at = db_col_int64(s, 10);
  }
  db_reset(s);
  if( rc!=DB_DONE ) return ERR_DB;
  /* roles after the list is read: one statement at a time, the same SQL on any engine */
  for(int i=0; i<*n; i++) v[i].roles = user_roles(db, v[i].id, office_id);
  *rows = v;
  return OK;
}


/* Only the user's home office changes the whole account (name, e-mail, state, password). */
int user_account_scope(const User *u, int64_t office_id){
  return u->office_id==office_id ? OK : ERR_DENIED;
}
