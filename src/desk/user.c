/*
** user.c — user accounts and their roles per office. Every change is written
** to the audit log in the same transaction.
*/
#include "desk.h"
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <strings.h>
#include <errno.h>
#include <unistd.h>

/* A login name: 3–32 of a-z 0-9 . _ -, starting with a letter, not a reserved word. */
int user_validate_username(const char *z, Err *e){
  size_t n = z ? strlen(z) : 0;
  if( n<3 || n>32 ){ ERR_SET(e, "username", "Username must be 3 to 32 characters"); return ERR_INVALID; }
  if( !islower((unsigned char)z[0]) ){ ERR_SET(e, "username", "Username must start with a lowercase letter"); return ERR_INVALID; }
  for(size_t i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( !(islower(c) || isdigit(c) || c=='.' || c=='_' || c=='-') ){
      ERR_SET(e, "username", "Username may hold only lowercase letters, digits, . _ and -");
      return ERR_INVALID;
    }
  }
  /* words that are pages of their own under /pengguna/, and the actors that are no one's (the audit
  ** log and a case's history name them in words: Loket itself, the portal, a requester's mail) */
  static const char *const reserved[] = { "baru", "system", "portal", "mail", "anonymous" };
  for(size_t i=0; i<COUNT(reserved); i++){
    if( strcmp(z, reserved[i])==0 ){ ERR_SET(e, "username", "This username is reserved"); return ERR_INVALID; }
  }
  return OK;
}

/* Passwords people choose first, as their stems (lower case, look-alike signs read as
** letters, digits and signs at the end taken off): the start of every guessing list. */
static const char *const common_stems[] = {
  "password", "passwd", "pass", "sandi", "katasandi", "rahasia", "qwerty", "qwertyui",
  "qwertyuiop", "asdf", "asdfgh", "asdfghjk", "asdfghjkl", "zxcvbnm", "qwe", "qweasd",
  "qweasdzxc", "qazwsx", "qazwsxedc", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh",
  "iloveyou", "loveyou", "admin", "administrator", "adminlpse", "welcome", "selamat",
  "selamatdatang", "letmein", "changeme", "default", "secret", "login", "masuk", "root",
  "test", "testing", "user", "guest", "master", "monkey", "dragon", "sunshine", "princess",
  "football", "baseball", "superman", "batman", "shadow", "trustno", "indonesia", "jakarta",
  "bismillah", "alhamdulillah", "sayang", "sayangku", "cinta", "cintaku", "merdeka", "garuda",
  "pancasila", "lpse", "spse", "lkpp", "loket", "pengadaan", "helpdesk", "lelang", "tender",
};

/* z (its digits and signs at the end already cut) as the common list spells it: lower
** case, look-alike digits and signs read as letters. */
static void password_stem(const char *z, char *out, size_t cap){
  size_t n = 0;
  for(; *z && n+1<cap; z++){
    unsigned char c = (unsigned char)tolower((unsigned char)*z);
    switch( c ){
      case '@': case '4': c = 'a'; break;
      case '0': c = 'o'; break;
      case '3': c = 'e'; break;
      case '$': case '5': c = 's'; break;
      case '!': case '1': c = 'i'; break;
      case '7': c = 't'; break;
    }
    out[n++] = (char)c;
  }
  out[n] = 0;
}

/* 1 when z is a run of the keyboard's or the alphabet's neighbours ("12345678", "hgfedcba")
** or a piece of at most 3 characters repeated ("abcabcab", "12121212"). */
static int password_is_pattern(const char *z, size_t n){
  int up = 1, down = 1;
  for(size_t i=1; i<n; i++){
    if( (unsigned char)z[i] != (unsigned char)z[i-1]+1 ) up = 0;
    if( (unsigned char)z[i] != (unsigned char)z[i-1]-1 ) down = 0;
  }
  if( up || down ) return 1;
  for(size_t p=1; p<=3 && p<n; p++){
    size_t i = p;
    while( i<n && tolower((unsigned char)z[i])==tolower((unsigned char)z[i-p]) ) i++;
    if( i==n ) return 1;
  }
  return 0;
}

/* A password: 8–128 characters, not the username (nor the username with digits or signs
** added), not one repeated character, not a common password nor a run of keys. */
int user_validate_password(const char *pw, const char *username, Err *e){
  size_t n = util_utf8_len(pw);
  if( n<8 ){ ERR_SET(e, "password", "Password must be at least 8 characters"); return ERR_INVALID; }
  if( n>128 ){ ERR_SET(e, "password", "Password must be at most 128 characters"); return ERR_INVALID; }
  size_t same = 1;
  while( same<n && pw[same]==pw[0] ) same++;
  if( same==n ){ ERR_SET(e, "password", "Password must not be one repeated character"); return ERR_INVALID; }
  if( username && strcasecmp(pw, username)==0 ){
    ERR_SET(e, "password", "Password must not be the username");
    return ERR_INVALID;
  }
  /* the stem: digits and signs cut from the end as typed, then look-alikes read as letters */
  char raw[160], stem[160];
  size_t len = strlen(pw);
  if( len>=sizeof raw ) len = sizeof raw - 1;
  memcpy(raw, pw, len);
  while( len>0 && (isdigit((unsigned char)raw[len-1]) || ispunct((unsigned char)raw[len-1])
                   || raw[len-1]==' ') ) len--;
  raw[len] = 0;
  if( username && len>0 && strcasecmp(raw, username)==0 ){
    ERR_SET(e, "password", "Password must not be the username with digits or signs added");
    return ERR_INVALID;
  }
  password_stem(raw, stem, sizeof stem);
  int common = len==0 || password_is_pattern(pw, strlen(pw));
  for(size_t i=0; !common && i<sizeof common_stems/sizeof common_stems[0]; i++){
    if( strcmp(stem, common_stems[i])==0 ) common = 1;
  }
  if( common ){
    ERR_SET(e, "password", "Password is too easy to guess (a common password, a run of keys, or only digits and signs): choose another");
    return ERR_INVALID;
  }
  return OK;
}

/* An e-mail address (empty is allowed): one @, a dot in the domain, no spaces. */
int user_validate_email(const char *z, Err *e){
  if( z==0 || *z==0 ) return OK;
  size_t n = strlen(z);
  const char *at = strchr(z, '@');
  if( n>127 || at==0 || at==z || strchr(at+1, '@') || strchr(at+1, '.')==0
   || at[1]=='.' || z[n-1]=='.' || strpbrk(z, " \t\r\n<>\"(),;:")!=0 ){
    ERR_SET(e, "email", "E-mail address is not valid");
    return ERR_INVALID;
  }
  return OK;
}





/* "admin, ketua": the names of the roles in a bitmask, added to out. */
void roles_text(unsigned roles, Buf *out){
  char names[ROLE_COUNT*24];
  buf_puts(out, role_list_text(roles, names, sizeof names));
}

/* Turn role names into a bitmask; the first unknown name is an error. */
static int roles_parse(const char *const *roles, int n, unsigned *mask, Err *e){
  *mask = 0;
  for(int i=0; i<n; i++){
    int r = role_index(roles[i]);
    if( r<0 ){ ERR_SET(e, "roles", "Unknown role"); return ERR_INVALID; }
    *mask |= 1u<<r;
  }
  return OK;
}

/* Replace the roles of a user in one office (inside the caller's transaction). */
static int user_roles_write(Db *db, int64_t id, int64_t office_id, unsigned mask){
  Stmt *q = db_prepare(db, "DELETE FROM user_role WHERE user_id=?1 AND office_id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, office_id);
  int rc = db_run(q);
  for(int r=0; rc==OK && r<ROLE_COUNT; r++){
    if( !(mask & (1u<<r)) ) continue;
    q = db_prepare(db, "INSERT INTO user_role(user_id, office_id, role) VALUES(?1,?2,?3)");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, id);
    db_bind_int64(q, 2, office_id);
    db_bind_text(q, 3, role_names[r]);
    rc = db_run(q);
  }
  return rc;
}

/* The object name of a user in the audit log. */
static void user_obj(char *out, size_t n, int64_t id, const char *username){
  snprintf(out, n, "user:%lld:%s", (long long)id, username ? username : "");
}

/* Create a user with roles in their office; every field checked first. */
int user_create(Db *db, const Actor *who, const UserNew *given, int64_t *id, Err *e){
  unsigned mask;
  char name_buf[1024], email_buf[1024];   /* a name or an address with spaces around them is kept without (127 characters of 4 bytes fit) */
  UserNew tidy = *given;
  tidy.full_name = util_trim_copy(given->full_name, name_buf, sizeof name_buf);
  tidy.email = util_trim_copy(given->email, email_buf, sizeof email_buf);
  const UserNew *u = &tidy;
  Err all = {0}, ie = {0};   /* every field wrong named at once */
  if( user_validate_username(u->username, &ie)!=OK ) err_merge(&all, &ie);
  if( u->full_name && util_utf8_len(u->full_name)>127 ) err_add(&all, "full_name", "Full name must be at most 127 characters");
  else err_check_text(&all, "full_name", u->full_name, 127, 0);
  if( user_validate_email(u->email, &ie)!=OK ) err_merge(&all, &ie);
  if( user_validate_password(u->password, u->username, &ie)!=OK ) err_merge(&all, &ie);
  if( roles_parse(u->roles, u->nroles, &mask, &ie)!=OK ) err_merge(&all, &ie);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  char hash[128];
  if( util_password_hash(hash, u->password)!=OK ) return ERR_IO;

  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Office o;
  if( office_get(db, u->office_id, &o)!=OK ){ ERR_SET(e, "office", "No such office"); return db_tx_end(db, own, ERR_INVALID); }
  Stmt *q = db_prepare(db, "INSERT INTO users(office_id, username, full_name, email, pw_hash,"
                           " must_change_pw, created_at, pw_changed_at, lang) VALUES(?1,?2,?3,?4,?5,?6,?7,?7,'')"
                           " RETURNING id");   /* lang '': none chosen, loket.conf's default_lang holds */
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, u->office_id);
  db_bind_text(q, 2, u->username);
  db_bind_text(q, 3, u->full_name ? u->full_name : "");
  db_bind_text(q, 4, u->email ? u->email : "");
  db_bind_text(q, 5, hash);
  db_bind_int(q, 6, u->must_change_pw);
  db_bind_int64(q, 7, time_now());
  int s = db_step(q);
  if( s==DB_ROW ) *id = db_col_int64(q, 0);
  db_reset(q);
  if( s==ERR_CONFLICT ){ ERR_SET(e, "username", "This username is already taken"); return db_tx_end(db, own, ERR_CONFLICT); }
  if( s!=DB_ROW ) return db_tx_end(db, own, ERR_DB);
  rc = user_roles_write(db, *id, u->office_id, mask);
  if( rc==OK ){
    Buf d = BUF_INIT;
    char obj[128];
    buf_printf(&d, "office=%s full_name=%s email=%s roles=", o.code, u->full_name ? u->full_name : "",
               u->email ? u->email : "");
    roles_text(mask, &d);
    user_obj(obj, sizeof obj, *id, u->username);
    rc = audit_write(db, who, "user.create", obj, buf_str(&d));
    buf_free(&d);
  }
  return db_tx_end(db, own, rc);
}

/* Run a prepared "UPDATE users SET …=?1 WHERE id=?2" and write the audit row, in one transaction
** (the caller's: a statement prepared outside a write transaction would not write in it). */
static int user_set_flag(Db *db, const Actor *who, int64_t id, Stmt *q, int v,
                         const char *action, const char *detail){
  User u;
  if( q==0 ) return ERR_DB;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ){ db_reset(q); return rc; }
  rc = user_get(db, id, &u);
  if( rc==OK ){
    db_bind_int(q, 1, v);
    db_bind_int64(q, 2, id);
    rc = db_run(q);
  }else db_reset(q);
  if( rc==OK ){
    char obj[128];
    user_obj(obj, sizeof obj, id, u.username);
    rc = audit_write(db, who, action, obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* 1 when user id is the only enabled holder of the admin role in some office where it holds it
** (office_id 0: any office), so that taking it away would leave that office with no one to
** administer it. */
static int user_last_admin(Db *db, int64_t id, int64_t office_id){
  Stmt *q = db_prepare(db, "SELECT 1 FROM user_role r WHERE r.user_id=?1 AND r.role='admin' AND (?2=0 OR r.office_id=?2)"
                           " AND NOT EXISTS(SELECT 1 FROM user_role o JOIN users u ON u.id=o.user_id"
                           "   WHERE o.office_id=r.office_id AND o.role='admin' AND o.user_id<>?1 AND u.disabled=0)");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, office_id);
  int last = db_step(q)==DB_ROW;
  db_reset(q);
  return last;
}

/* Disable (1) or enable (0) an account; disabling ends its sessions. ERR_CONFLICT with e set
** for one's own account, and for an office's last enabled administrator. An account already
** so is left alone, nothing written: *changed (if not NULL) says whether it changed. */
int user_set_disabled(Db *db, const Actor *who, int64_t id, int disabled, int *changed, Err *e){
  if( changed ) *changed = 0;
  if( disabled && who && who->user_id==id ){   /* do not lock yourself out */
    ERR_SET(e, 0, N_("You cannot disable your own account"));
    return ERR_CONFLICT;
  }
  User u;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  if( (rc = user_get(db, id, &u))!=OK ) return db_tx_end(db, own, rc);
  if( (u.disabled!=0)==(disabled!=0) ) return db_tx_end(db, own, OK);   /* already so */
  if( disabled && user_last_admin(db, id, 0) ){
    ERR_SET(e, 0, N_("This is the last active administrator of an office: give another user the admin role there first"));
    return db_tx_end(db, own, ERR_CONFLICT);
  }
  rc = user_set_flag(db, who, id, db_prepare(db, "UPDATE users SET disabled=?1 WHERE id=?2"), disabled,
                     disabled ? "user.disable" : "user.enable", "");
  if( rc==OK && disabled ) rc = auth_end_sessions(db, id);
  if( rc==OK && changed ) *changed = 1;
  return db_tx_end(db, own, rc);
}

/* Lift a lock left by repeated failed sign-ins. An account not locked is left alone, nothing
** written, unless failed sign-ins are counted against it: they slow its next sign-ins and bring
** the lock nearer, so they are cleared (audited as an unlock too). *changed (may be NULL):
** USER_UNLOCKED, USER_FAILURES_CLEARED, or 0 when nothing was to lift. */
int user_unlock(Db *db, const Actor *who, int64_t id, int *changed){
  if( changed ) *changed = 0;
  User u;
  int own, rc = db_tx_begin(db, &own);   /* the statement is prepared inside the transaction it writes in */
  if( rc!=OK ) return rc;
  if( (rc = user_get(db, id, &u))!=OK ) return db_tx_end(db, own, rc);
  if( !u.locked && u.failed_count==0 ) return db_tx_end(db, own, OK);   /* nothing to lift */
  char detail[64] = "";
  if( !u.locked ) snprintf(detail, sizeof detail, "not locked; failures=%d cleared", u.failed_count);
  rc = user_set_flag(db, who, id,
                     db_prepare(db, "UPDATE users SET locked=?1, failed_count=0, last_failed_at=0 WHERE id=?2"), 0,
                     "user.unlock", detail);
  if( rc==OK && changed ) *changed = u.locked ? USER_UNLOCKED : USER_FAILURES_CLEARED;
  return db_tx_end(db, own, rc);
}

/* Remove the data folder's admin-password (what `make run` prints for admin) once admin's password changed. */
static void user_admin_password_forget(const char *username){
  if( strcmp(username, "admin") ) return;
  char path[4200];
  snprintf(path, sizeof path, "%.4180s/admin-password", db_folder());
  if( unlink(path)==0 ) log_info("%s removed: the password of admin was changed", path);
  else if( errno!=ENOENT ) log_warn("%s: cannot remove it (%s): it no longer holds admin's password", path, strerror(errno));
}

/* Set a new password (an admin's reset, or after the old one was checked); ends sessions. */
int user_set_password(Db *db, const Actor *who, int64_t id, const char *pw, int must_change, Err *e){
  User u;
  if( user_get(db, id, &u)!=OK ) return ERR_NOTFOUND;
  if( user_validate_password(pw, u.username, e)!=OK ) return ERR_INVALID;
  char hash[128];
  if( util_password_hash(hash, pw)!=OK ) return ERR_IO;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "UPDATE users SET pw_hash=?1, must_change_pw=?2, pw_changed_at=?3,"
                           " locked=0, failed_count=0 WHERE id=?4");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_text(q, 1, hash);
  db_bind_int(q, 2, must_change);
  db_bind_int64(q, 3, time_now());
  db_bind_int64(q, 4, id);
  rc = db_run(q);
  if( rc==OK ) rc = auth_end_sessions(db, id);
  if( rc==OK ){
    char obj[128];
    user_obj(obj, sizeof obj, id, u.username);
    rc = audit_write(db, who, who && who->user_id==id ? "user.password_change" : "user.password_reset",
                     obj, must_change ? "must change at next sign-in" : "");
  }
  rc = db_tx_end(db, own, rc);
  if( rc==OK && own ) user_admin_password_forget(u.username);   /* committed: what it holds is stale */
  return rc;
}

/* A signed-in user changes their own password, proving the old one. */
int user_change_own_password(Db *db, const Actor *who, const char *old_pw, const char *new_pw, Err *e){
  Stmt *q = db_prepare(db, "SELECT pw_hash FROM users WHERE id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, who->user_id);
  int ok = db_step(q)==DB_ROW && util_password_verify(db_col_text(q, 0), old_pw ? old_pw : "");
  db_reset(q);
  if( !ok ){ ERR_SET(e, "old_password", "The current password is wrong"); return ERR_INVALID; }
  if( old_pw && new_pw && strcmp(old_pw, new_pw)==0 ){
    ERR_SET(e, "password", "The new password must differ from the current one");
    return ERR_INVALID;
  }
  return user_set_password(db, who, who->user_id, new_pw, 0, e);
}

/* A signed-in user chooses the language Loket speaks to them: "id", "en", or "" for the
** office's default (loket.conf's default_lang). Unchanged: nothing written. */
int user_set_own_lang(Db *db, const Actor *who, const char *lang, Err *e){
  if( lang==0 || (*lang && strcmp(lang, "id") && strcmp(lang, "en")) ){
    ERR_SET(e, "lang", N_("Language must be id, en or empty (the office's default)"));
    return ERR_INVALID;
  }
  User u;
  int rc = user_get(db, who->user_id, &u);
  if( rc!=OK ) return rc;
  if( strcmp(u.lang, lang)==0 ) return OK;
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "UPDATE users SET lang=?1 WHERE id=?2");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_text(q, 1, lang);
  db_bind_int64(q, 2, who->user_id);
  rc = db_run(q);
  if( rc==OK ){
    char obj[128], d[64];
    user_obj(obj, sizeof obj, who->user_id, u.username);
    snprintf(d, sizeof d, "before=%s after=%s", u.lang[0] ? u.lang : "default", *lang ? lang : "default");
    rc = audit_write(db, who, "user.lang", obj, d);
  }
  return db_tx_end(db, own, rc);
}

/* The office whose roles an administrator sets (see desk.h): code's, else here. */
int user_roles_office(Db *db, const Actor *who, const char *code, int64_t here, Office *o, Err *e){
  if( code==0 || *code==0 ) return office_get(db, here, o);
  if( office_by_code(db, code, o)!=OK ){ ERR_SET(e, "office", N_("No such office")); return ERR_INVALID; }
  if( o->id!=here && !perm_allows(user_roles(db, who->user_id, o->id), "user.admin") ){
    ERR_SET(e, "office", N_("You are not an administrator of that office"));
    return ERR_DENIED;
  }
  return OK;
}

/* Replace the roles a user holds in one office. */
int user_set_roles(Db *db, const Actor *who, int64_t id, int64_t office_id,
                   const char *const *roles, int nroles, Err *e){
  unsigned mask;
  User u;
  Office o;
  if( roles_parse(roles, nroles, &mask, e)!=OK ) return ERR_INVALID;
  if( user_get(db, id, &u)!=OK ) return ERR_NOTFOUND;
  if( office_get(db, office_id, &o)!=OK ){ ERR_SET(e, "office", "No such office"); return ERR_INVALID; }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  unsigned before = user_roles(db, id, office_id);
  /* an admin keeps the admin role: someone must be able to administer the office */
  if( who && who->user_id==id && (before & (1u<<ROLE_ADMIN)) && !(mask & (1u<<ROLE_ADMIN)) ){
    ERR_SET(e, "roles", "You cannot remove your own admin role");
    return db_tx_end(db, own, ERR_INVALID);
  }
  if( (before & (1u<<ROLE_ADMIN)) && !(mask & (1u<<ROLE_ADMIN)) && user_last_admin(db, id, office_id) ){
    ERR_SET(e, "roles", N_("This is the last active administrator of the office: give another user the admin role first"));
    return db_tx_end(db, own, ERR_CONFLICT);
  }
  rc = user_roles_write(db, id, office_id, mask);
  if( rc==OK ){
    Buf d = BUF_INIT;
    char obj[128];
    buf_printf(&d, "office=%s before=", o.code);
    roles_text(before, &d);
    buf_puts(&d, " after=");
    roles_text(mask, &d);
    user_obj(obj, sizeof obj, id, u.username);
    rc = audit_write(db, who, "user.roles", obj, buf_str(&d));
    buf_free(&d);
  }
  return db_tx_end(db, own, rc);
}

/* Change a user's name and e-mail (NULL: kept), audited with both as before -> after; when
** neither differs from what is stored, nothing is written and *changed (may be NULL) is 0. */
int user_update(Db *db, const Actor *who, int64_t id, const char *full_name, const char *email, int *changed, Err *e){
  User u;
  char name_buf[1024], email_buf[1024];
  if( changed ) *changed = 0;
  full_name = util_trim_copy(full_name, name_buf, sizeof name_buf);
  email = util_trim_copy(email, email_buf, sizeof email_buf);
  Err all = {0}, ie = {0};
  if( full_name && util_utf8_len(full_name)>127 ) err_add(&all, "full_name", "Full name must be at most 127 characters");
  else err_check_text(&all, "full_name", full_name, 127, 0);
  if( user_validate_email(email, &ie)!=OK ) err_merge(&all, &ie);
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  if( (rc = user_get(db, id, &u))!=OK ) return db_tx_end(db, own, rc);
  if( full_name && strcmp(full_name, u.full_name)==0 ) full_name = 0;   /* as it was: not a change */
  if( email && strcmp(email, u.email)==0 ) email = 0;
  if( full_name==0 && email==0 ) return db_tx_end(db, own, OK);
  Stmt *q = db_prepare(db, "UPDATE users SET full_name=?1, email=?2 WHERE id=?3");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_text(q, 1, full_name ? full_name : u.full_name);
  db_bind_text(q, 2, email ? email : u.email);
  db_bind_int64(q, 3, id);
  rc = db_run(q);
  if( rc==OK ){
    Buf d = BUF_INIT;
    char obj[128];
    buf_printf(&d, "full_name: %s -> %s; email: %s -> %s", u.full_name, full_name ? full_name : u.full_name,
               u.email, email ? email : u.email);   /* both, as office.update says name and zone */
    user_obj(obj, sizeof obj, id, u.username);
    rc = audit_write(db, who, "user.update", obj, buf_str(&d));
    buf_free(&d);
  }
  if( rc==OK && changed ) *changed = 1;
  return db_tx_end(db, own, rc);
}

