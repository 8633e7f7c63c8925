/*
** perm.c — the permission matrix: which roles hold each permission. It is
** data (data/permissions.txt, compiled in), read once at start.
*/
#include "desk.h"
#include <stdio.h>
#include <string.h>
#include <ctype.h>

#define PERM_MAX 256
static struct { char name[48]; unsigned roles; } perms[PERM_MAX];
static int nperms;




/* Parse the matrix text: "perm role role …" lines; errors name the line. */
int perm_load(const char *text, char *err, size_t errlen){
  int lineno = 0;
  nperms = 0;
  const char *p = text;
  while( *p ){
    const char *eol = strchr(p, '\n');
    size_t n = eol ? (size_t)(eol-p) : strlen(p);
    char line[512];
    lineno++;
    if( n>=sizeof line ){ snprintf(err, errlen, "permissions.txt:%d: line too long: at most %zu bytes", lineno, sizeof line - 1); return ERR_INVALID; }
    memcpy(line, p, n); line[n] = 0;
    p += n + (eol ? 1 : 0);
    char *hash = strchr(line, '#');
    if( hash ) *hash = 0;
    char *save = 0, *tok = strtok_r(line, " \t\r", &save);
    if( tok==0 ) continue;
    if( nperms>=PERM_MAX ){ snprintf(err, errlen, "permissions.txt:%d: too many permissions", lineno); return ERR_INVALID; }
    if( strlen(tok)>=sizeof perms[0].name || !strcmp(tok,"public") || !strcmp(tok,"login") ){
      snprintf(err, errlen, "permissions.txt:%d: \"%s\" cannot be a permission name", lineno, tok);
      return ERR_INVALID;
    }
    for(int i=0; i<nperms; i++) if( strcmp(perms[i].name, tok)==0 ){
      snprintf(err, errlen, "permissions.txt:%d: %s is listed twice", lineno, tok);
      return ERR_INVALID;
    }
    snprintf(perms[nperms].name, sizeof perms[0].name, "%s", tok);
    perms[nperms].roles = 0;
    while( (tok = strtok_r(0, " \t\r", &save))!=0 ){
      int r = role_index(tok);
      if( r<0 ){ snprintf(err, errlen, "permissions.txt:%d: \"%s\" is not a role", lineno, tok); return ERR_INVALID; }
      perms[nperms].roles |= 1u<<r;
    }
    nperms++;
  }
  return OK;
}

/* The slot of a permission, or -1. */
static int perm_find(const char *perm){
  for(int i=0; i<nperms; i++) if( strcmp(perms[i].name, perm)==0 ) return i;
  return -1;
}

/* 1 when perm is "public", "login" or a permission of the matrix. */
int perm_known(const char *perm){
  return perm && (!strcmp(perm,"public") || !strcmp(perm,"login") || perm_find(perm)>=0);
}

/* 1 when a caller holding these roles may use perm (roles 0: anonymous). */
int perm_allows(unsigned roles, const char *perm){
  if( perm==0 ) return 0;
  if( strcmp(perm, "public")==0 ) return 1;
  if( strcmp(perm, "login")==0 ) return roles!=0;
  int i = perm_find(perm);
  return i>=0 && (perms[i].roles & roles)!=0;
}

/* The roles holding perm, as a bitmask (0 when the matrix has no such permission). */
unsigned perm_holders(const char *perm){
  int i = perm_find(perm);
  return i>=0 ? perms[i].roles : 0;
}

/* How many permissions the matrix holds. */
int perm_count(void){ return nperms; }
/* The name of permission i. */
const char *perm_name(int i){ return i>=0 && i<nperms ? perms[i].name : ""; }
/* The roles holding permission i, as a bitmask. */
unsigned perm_roles(int i){ return i>=0 && i<nperms ? perms[i].roles : 0; }
