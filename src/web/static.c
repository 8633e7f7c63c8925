/*
** static.c — the stylesheet and other static files, compiled into the binary
** and served with long cache lifetimes (their address carries a content hash).
*/
#include "web.h"
#include <stdio.h>
#include <string.h>

/* GET /static/:file */
int page_static(Req *r){
  const char *file = req_param(r, "file");
  char name[128];
  if( file==0 || strchr(file, '/') || strlen(file)>100 ) return reply_error(r, 404, "not_found", 0, "Page not found");
  snprintf(name, sizeof name, "static/%s", file);
  const Embedded *e = embed_find(name);
  if( e==0 ) return reply_error(r, 404, "not_found", 0, "Page not found");
  const char *ct = "application/octet-stream";
  const char *dot = strrchr(file, '.');
  if( dot && !strcmp(dot, ".css") ) ct = "text/css; charset=utf-8";
  else if( dot && !strcmp(dot, ".js") ) ct = "text/javascript; charset=utf-8";
  else if( dot && !strcmp(dot, ".svg") ) ct = "image/svg+xml";
  else if( dot && !strcmp(dot, ".png") ) ct = "image/png";
  char etag[80], h[65];
  util_sha256_hex(h, e->data, e->len);
  snprintf(etag, sizeof etag, "\"%.16s\"", h);
  req_set_header(r, "ETag", etag);
  req_set_header(r, "Cache-Control", "public, max-age=31536000, immutable");
  const char *inm = req_header(r, "If-None-Match");
  if( inm && strcmp(inm, etag)==0 ) return reply_text(r, 304, ct, "", 0);
  return reply_text(r, 200, ct, (const char*)e->data, e->len);
}
