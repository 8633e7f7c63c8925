/*
** i18n.c — translations from gettext .po catalogs compiled into the binary
** (po/id.po, po/en.po). Source strings (msgids) are English; Indonesian is
** the default language of the interface.
*/
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define I18N_SLOTS 8192   /* open addressing: kept under a third full (about 1,900 messages in 2026-11) */

typedef struct Catalog {
  const char *lang;
  const char *key[I18N_SLOTS];
  const char *val[I18N_SLOTS];
} Catalog;

static Catalog catalogs[2] = { { "id", {0}, {0} }, { "en", {0}, {0} } };

/* FNV-1a hash of a msgid. */
static size_t i18n_hash(const char *z){
  uint64_t h = 1469598103934665603ULL;
  while( *z ){ h ^= (unsigned char)*z++; h *= 1099511628211ULL; }
  return (size_t)(h % I18N_SLOTS);
}

/* Decode a .po quoted string starting at p (after the opening quote) into b. */
static const char *po_unquote(const char *p, Buf *b){
  while( *p && *p!='"' ){
    if( *p=='\\' && p[1] ){
      p++;
      switch( *p ){
        case 'n': buf_putc(b, '\n'); break;
        case 't': buf_putc(b, '\t'); break;
        default: buf_putc(b, *p); break;
      }
      p++;
    }else buf_putc(b, *p++);
  }
  return *p=='"' ? p+1 : p;
}

/* Parse one .po text into a catalog; msgids and msgstrs may span several lines. */
static int i18n_parse(Catalog *c, const char *text, const char *name, char *err, size_t errlen){
  Buf id = BUF_INIT, str = BUF_INIT;
  Buf *cur = 0;
  int lineno = 0, have = 0, n = 0;
  const char *p = text;
  for(;;){
    const char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol-p) : strlen(p);
    lineno++;
    int flush = (len==0 || strncmp(p, "msgid ", 6)==0 || *p==0) && have;
    if( flush ){
      if( id.n>0 && str.n>0 ){
        size_t h = i18n_hash(id.z);
        while( c->key[h] && strcmp(c->key[h], id.z)!=0 ) h = (h+1) % I18N_SLOTS;
        if( c->key[h]==0 && ++n >= I18N_SLOTS-1 ){ snprintf(err, errlen, "%s: too many messages", name); goto fail; }
        free((void*)c->key[h]); free((void*)c->val[h]);
        c->key[h] = xstrdup(id.z);
        c->val[h] = xstrdup(str.z);
      }
      buf_reset(&id); buf_reset(&str); have = 0; cur = 0;
    }
    if( strncmp(p, "msgid ", 6)==0 && p[6]=='"' ){ cur = &id; have = 1; po_unquote(p+7, cur); }
    else if( strncmp(p, "msgstr ", 7)==0 && p[7]=='"' ){ cur = &str; po_unquote(p+8, cur); }
    else if( *p=='"' && cur ){ po_unquote(p+1, cur); }
    else if( len>0 && *p!='#' ){
      snprintf(err, errlen, "%s:%d: cannot read this line", name, lineno);
      goto fail;
    }
    if( eol==0 ) break;
    p = eol+1;
  }
  if( have && id.n>0 && str.n>0 ){
    size_t h = i18n_hash(id.z);
    while( c->key[h] && strcmp(c->key[h], id.z)!=0 ) h = (h+1) % I18N_SLOTS;
    free((void*)c->key[h]); free((void*)c->val[h]);
    c->key[h] = xstrdup(id.z);
    c->val[h] = xstrdup(str.z);
  }
  buf_free(&id); buf_free(&str);
  return OK;
fail:
  buf_free(&id); buf_free(&str);
  return ERR_INVALID;
}

/* Load the catalogs compiled into the binary. */
int i18n_load(char *err, size_t errlen){
  for(size_t i=0; i<COUNT(catalogs); i++){
    char name[32];
    snprintf(name, sizeof name, "po/%s.po", catalogs[i].lang);
    const Embedded *e = embed_find(name);
    if( e==0 ){ snprintf(err, errlen, "%s is missing from the build", name); return ERR_NOTFOUND; }
    char *text = xmalloc(e->len+1);
    memcpy(text, e->data, e->len);
    text[e->len] = 0;
    int rc = i18n_parse(&catalogs[i], text, name, err, errlen);
    free(text);
    if( rc!=OK ) return rc;
  }
  return OK;
}

/* The translation of msgid in lang; msgid itself when there is none. */
const char *i18n_get(const char *lang, const char *msgid){
  if( msgid==0 ) return "";
  const Catalog *c = (lang && strcmp(lang, "en")==0) ? &catalogs[1] : &catalogs[0];
  size_t h = i18n_hash(msgid);
  for(size_t probe=0; probe<I18N_SLOTS && c->key[h]; probe++){
    if( strcmp(c->key[h], msgid)==0 ) return c->val[h];
    h = (h+1) % I18N_SLOTS;
  }
  return msgid;
}

/* A stored language: "en" or "id". */
const char *i18n_lang(const char *lang){
  return lang && strcmp(lang, "en")==0 ? "en" : "id";
}

/* 1 when msgid is in the Indonesian catalog: a message the program itself wrote. */
int i18n_known(const char *msgid){
  return msgid && i18n_get("id", msgid)!=msgid;
}
