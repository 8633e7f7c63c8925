/*
** jsonin.c — strict JSON input: one object, no duplicate keys, every member
** of the expected type, no unknown member. Each failure answers 400 naming
** the field, before anything is written.
*/
#include "http.h"
#include <stdio.h>
#include <string.h>

/* What is wrong with a body that does not parse, in words the reply translates (jansson's
** own text is English only): by the error's code; a member given twice is named. */
static const char *jin_syntax_error(Req *r, const json_error_t *err, const char *dup){
  switch( json_error_code(err) ){
    case json_error_duplicate_key:
      return dup ? arena_printf(&r->arena, "%s %s", T(r, "a member is given twice:"), dup) : T(r, "a member is given twice");
    case json_error_premature_end_of_input: return T(r, "the body ends before the object does");
    case json_error_end_of_input_expected:  return T(r, "there is more after the end of the object");
    case json_error_invalid_utf8:           return T(r, "the text is not UTF-8");
    case json_error_numeric_overflow:       return T(r, "a number is too large");
    case json_error_stack_overflow:         return T(r, "nested too deeply");
    case json_error_null_character:
    case json_error_null_byte_in_key:       return T(r, "a string holds a NUL character");
    default:                                return T(r, "unexpected text here");
  }
}

/* The path of the member a body gives twice, as other nested fields are named (requester.name,
** items[2].name), in r's arena: the text z (n bytes) read up to where jansson stopped (err->position,
** just after the key given twice), keeping the key of each object and the index of each list it is
** in. NULL for another error, or nested deeper than the path keeps. */
static const char *jin_dup_path(Req *r, const json_error_t *err, const char *z, size_t n){
  enum { DEPTH = 64 };
  struct { int list; long index; const char *key; size_t nkey; } st[DEPTH];
  int depth = 0, want_key = 0;
  if( json_error_code(err)!=json_error_duplicate_key || err->position<=0 ) return 0;
  size_t end = (size_t)err->position < n ? (size_t)err->position : n;
  for(size_t i=0; i<end; i++){
    char c = z[i];
    if( c=='{' || c=='[' ){
      if( depth==DEPTH ) return 0;
      st[depth].list = c=='['; st[depth].index = 0; st[depth].key = 0; st[depth].nkey = 0;
      depth++;
      want_key = c=='{';
    }else if( c=='}' || c==']' ){
      if( depth>0 ) depth--;
      want_key = 0;
    }else if( c==',' ){
      if( depth>0 && st[depth-1].list ) st[depth-1].index++;
      else want_key = 1;
    }else if( c=='"' ){
      size_t b = i++;
      while( i<end && z[i]!='"' ) i += z[i]=='\\' ? 2 : 1;
      if( want_key && depth>0 ){ st[depth-1].key = z+b; st[depth-1].nkey = i+1-b; want_key = 0; }
    }
  }
  if( depth==0 || st[depth-1].list || st[depth-1].key==0 ) return 0;
  Buf path = {0};
  for(int d=0; d<depth; d++){
    if( st[d].list ){ buf_printf(&path, "[%ld]", st[d].index); continue; }
    /* the key as the parser reads it (escapes undone) */
    json_t *k = json_loadb(st[d].key, st[d].nkey, JSON_DECODE_ANY, 0);
    if( !json_is_string(k) ){ json_decref(k); buf_free(&path); return 0; }
    if( path.n ) buf_puts(&path, ".");
    buf_puts(&path, json_string_value(k));
    json_decref(k);
  }
  const char *out = arena_strdup(&r->arena, path.z ? path.z : "");
  buf_free(&path);
  return out;
}

/* 1 when v is, or holds at any depth, a string with a NUL character in it. */
static int jin_has_nul(json_t *v){
  if( json_is_string(v) ) return strlen(json_string_value(v))!=json_string_length(v);
  for(size_t i=0; json_is_array(v) && i<json_array_size(v); i++) if( jin_has_nul(json_array_get(v, i)) ) return 1;
  const char *key;
  json_t *x;
  if( json_is_object(v) ) json_object_foreach(v, key, x) if( jin_has_nul(x) ) return 1;
  return 0;
}

/* Note (fatal) each member of o holding a string with a NUL character, named prefix.key; a
** list is named as a whole (sessions), as its readers name it. 1 when one is noted. */
static int jin_nul_walk(Req *r, json_t *o, const char *prefix){
  const char *key;
  json_t *v;
  int found = 0;
  json_object_foreach(o, key, v){
    /* a copy: the keys go with the body read again, before the error is answered */
    const char *field = prefix ? arena_printf(&r->arena, "%s.%s", prefix, key) : arena_strdup(&r->arena, key);
    if( json_is_object(v) ) found |= jin_nul_walk(r, v, field);
    else if( jin_has_nul(v) ){ jin_note(r, field, N_("must not contain NUL characters"), 1); found = 1; }
  }
  return found;
}

/* A body refused for a NUL character in a string: read again with NULs allowed, to note the
** members that hold one (jin_note) rather than a line and column. 1 when some are noted. */
static int jin_nul_members(Req *r, size_t skip){
  json_error_t err;
  json_t *j = json_loadb(r->body.z + skip, r->body.n - skip, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
  int found = j && json_is_object(j) && jin_nul_walk(r, j, 0);
  json_decref(j);
  return found;
}

/* Parse the body as a JSON object into r->json; answers 400 itself on failure. */
int jin_object(Req *r){
  json_error_t err;
  if( r->body.n==0 ){
    reply_error(r, 400, "invalid_json", "body", "The request body must be a JSON object");
    return ERR_INVALID;
  }
  /* a UTF-8 byte order mark (Notepad, PowerShell's Out-File) is not JSON's: RFC 8259 lets a
  ** parser ignore it, and a file saved with one is what the caller meant */
  size_t skip = r->body.n>=3 && memcmp(r->body.z, "\xEF\xBB\xBF", 3)==0 ? 3 : 0;
  /* any JSON value is parsed (JSON_DECODE_ANY): one that is not an object (null, 5, "abc") is
  ** said to be no object below, not malformed */
  r->json = json_loadb(r->body.z + skip, r->body.n - skip, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
  if( r->json==0 && json_error_code(&err)==json_error_null_character && jin_nul_members(r, skip) ) return jin_answer(r, 0);
  if( r->json==0 ){
    /* a member given twice is the field at fault, named by its path */
    const char *dup = jin_dup_path(r, &err, r->body.z + skip, r->body.n - skip);
    const char *m = arena_printf(&r->arena, "%s %s (%s %d, %s %d)", T(r, "Malformed JSON:"),
                                 jin_syntax_error(r, &err, dup ? arena_printf(&r->arena, "\"%s\"", dup) : 0),
                                 T(r, "line"), err.line, T(r, "column"), err.column);
    reply_error(r, 400, "invalid_json", dup ? dup : "body", m);
    return ERR_INVALID;
  }
  if( !json_is_object(r->json) ){
    reply_error(r, 400, "invalid_json", "body", "The request body must be a JSON object");
    return ERR_INVALID;
  }
  return OK;
}

/* Parse the body of a PATCH as jin_object() does; a member given as null means "remove it"
** and is read as "" (a member left out is kept; a required one given null is refused as
** empty, as "" is). Every PATCH member is a string, so one rule serves them all. */
int jin_patch(Req *r){
  if( jin_object(r) ) return ERR_INVALID;
  const char *key;
  json_t *v;
  void *tmp;
  json_object_foreach_safe(r->json, tmp, key, v){
    if( json_is_null(v) ) json_object_set_new(r->json, key, json_string(""));
  }
  return OK;
}

/* Note a problem with a member (msg an English msgid about the field, or a whole text); fatal: its
** type or shape, or an unknown member, which no service's check can add to. */
void jin_note(Req *r, const char *field, const char *msg, int fatal){
  err_add(&r->jin, field, msg);
  if( fatal ) r->jin_fatal = 1;
}

/* Take the string member key of the object o (NULL when absent), named prefix.key in an error
** (key alone without a prefix); wrong type, length (maxlen characters), control characters or
** absence are noted (NULL then). */
int jin_member(Req *r, json_t *o, const char *prefix, const char *key, int required, size_t maxlen, const char **out){
  json_t *v = json_object_get(o, key);
  const char *field = prefix ? arena_printf(&r->arena, "%s.%s", prefix, key) : key;
  *out = 0;
  if( v==0 || json_is_null(v) ){
    if( required ) jin_note(r, field, N_("is required"), 0);
    return OK;
  }
  if( !json_is_string(v) ){
    jin_note(r, field, N_("must be a string"), 1);
    return OK;
  }
  const char *z = json_string_value(v);
  size_t n = json_string_length(v);
  if( strlen(z)!=n ){
    jin_note(r, field, N_("must not contain NUL characters"), 0);
    return OK;
  }
  if( util_has_control(z, 1) ){   /* a bell or an escape would reach pages, mails and PDFs */
    jin_note(r, field, N_("must not contain control characters"), 0);
    return OK;
  }
  if( util_utf8_len(z)>maxlen ){   /* characters: jansson took the text as UTF-8 */
    err_add_n(&r->jin, field, N_("is longer than %d characters"), (int)maxlen);
    return OK;
  }
  if( required && util_blank(z) ){
    jin_note(r, field, N_("is required"), 0);
    return OK;
  }
  *out = z;
  return OK;
}

/* Take a string member of the body (NULL when absent); see jin_member. */
int jin_str(Req *r, const char *key, int required, size_t maxlen, const char **out){
  return jin_member(r, r->json, 0, key, required, maxlen, out);
}

/* Take a boolean member; absent leaves *out as it was. */
int jin_bool(Req *r, const char *key, int *out){
  json_t *v = json_object_get(r->json, key);
  if( v==0 ) return OK;
  if( !json_is_boolean(v) ){
    jin_note(r, key, N_("must be true or false"), 1);
    return OK;
  }
  *out = json_is_true(v);
  return OK;
}

/* Take an array of strings, each one line of text (as jin_member's); absent (or wrong) gives n=-1. */
int jin_strlist(Req *r, const char *key, const char ***out, int *n){
  json_t *v = json_object_get(r->json, key);
  *out = 0;
  *n = -1;
  if( v==0 ) return OK;
  if( !json_is_array(v) || json_array_size(v)>64 ){
    jin_note(r, key, N_("must be a list of strings"), 1);
    return OK;
  }
  size_t k = json_array_size(v);
  const char **list = arena_alloc(&r->arena, sizeof(char*)*(k+1));
  for(size_t i=0; i<k; i++){
    json_t *s = json_array_get(v, i);
    if( !json_is_string(s) ){
      jin_note(r, key, N_("must be a list of strings"), 1);
      return OK;
    }
    list[i] = json_string_value(s);
    if( strlen(list[i])!=json_string_length(s) || util_has_control(list[i], 0) ){   /* as jin_member's text, one line */
      jin_note(r, key, N_("must not contain control characters"), 0);
      return OK;
    }
  }
  *out = list;
  *n = (int)k;
  return OK;
}

/* Take a whole number member in [lo, hi] (hi INT64_MAX: no upper bound); absent or null
** leaves *out. Out of range or not a whole number is noted naming the range. */
int jin_int(Req *r, const char *key, int64_t lo, int64_t hi, int64_t *out){
  json_t *v = json_object_get(r->json, key);
  if( v==0 || json_is_null(v) ) return OK;
  if( !json_is_integer(v) || json_integer_value(v)<lo || json_integer_value(v)>hi ){
    const char *m = hi==INT64_MAX
      ? arena_printf(&r->arena, "%s %s ≥ %lld", key, T(r, "must be a whole number"), (long long)lo)
      : arena_printf(&r->arena, "%s %s %lld–%lld", key, T(r, "must be a whole number"), (long long)lo, (long long)hi);
    jin_note(r, key, m, !json_is_integer(v));
    return OK;
  }
  *out = json_integer_value(v);
  return OK;
}

/* Take an array of whole numbers in [lo, hi]; absent (or wrong) gives n=-1. */
int jin_intlist(Req *r, const char *key, int lo, int hi, int **out, int *n){
  json_t *v = json_object_get(r->json, key);
  *out = 0;
  *n = -1;
  if( v==0 ) return OK;
  size_t k = json_is_array(v) ? json_array_size(v) : 0;
  int *list = arena_alloc(&r->arena, sizeof(int)*(k+1));
  for(size_t i=0; i<k && k<=256; i++){
    json_t *x = json_array_get(v, i);
    if( !json_is_integer(x) || json_integer_value(x)<lo || json_integer_value(x)>hi ){ k = 257; break; }
    list[i] = (int)json_integer_value(x);
  }
  if( !json_is_array(v) || k>256 ){
    jin_note(r, key, arena_printf(&r->arena, "%s %s %d–%d", key, T(r, "must be a list of numbers"), lo, hi), 1);
    return OK;
  }
  *out = list;
  *n = (int)k;
  return OK;
}

/* Accept no body, or an empty JSON object (actions that take no input); else answer 400. */
int jin_empty(Req *r){
  static const char *const none[] = { 0 };
  if( r->body.n==0 ) return OK;
  if( jin_object(r) || jin_done(r, none) ) return ERR_INVALID;
  return OK;
}

/* Note (prefix.key) every member of o that is not in the allowed list. */
int jin_members_known(Req *r, json_t *o, const char *prefix, const char *const *allowed){
  const char *key;
  json_t *v;
  json_object_foreach(o, key, v){
    if( !util_in_list(allowed, key) ){
      jin_note(r, prefix ? arena_printf(&r->arena, "%s.%s", prefix, key) : key, N_("is not a known field"), 1);
    }
  }
  return OK;
}

/* Problems noted and not answered yet: 1 when there are some. */
int jin_pending(const Req *r){
  return r->jin.msg!=0;
}

/* Answer the problems noted, then those of also that name neither a member already named nor a
** part of one (requester.name when requester is wrong): ERR_INVALID; OK when none is noted. */
int jin_answer(Req *r, const Err *also){
  if( !jin_pending(r) ) return OK;
  Err all = r->jin;
  for(int i=0; i<err_count(also); i++){
    ErrItem it = err_item(also, i);
    int part = 0;
    for(int j=0; it.field && j<err_count(&r->jin); j++){
      const char *f = err_item(&r->jin, j).field;
      size_t n = f ? strlen(f) : 0;
      if( n && strncmp(it.field, f, n)==0 && it.field[n]=='.' ) part = 1;
    }
    if( !part ) err_add_item(&all, it.field, &it);
  }
  memset(&r->jin, 0, sizeof r->jin);
  r->jin_fatal = 0;
  reply_errors(r, 400, "invalid", &all, 0);
  return ERR_INVALID;
}

/* Note the members of the body that are not in the allowed list; answer every problem noted
** when a member is unknown or of the wrong type (ERR_INVALID); problems of values only stay noted. */
int jin_known(Req *r, const char *const *allowed){
  jin_members_known(r, r->json, 0, allowed);
  return r->jin_fatal ? jin_answer(r, 0) : OK;
}

/* Note the members of the body that are not in the allowed list, then answer every problem noted. */
int jin_done(Req *r, const char *const *allowed){
  jin_members_known(r, r->json, 0, allowed);
  return jin_answer(r, 0);
}
