/*
** form_kept.c — what a refused form held, kept across the language switch.
**
** A form refused comes back as the answer to its POST, with what was typed. Its header's
** language switch (page_begin) carries that too: the address the form posts to (again) and each
** field typed (kept.NAME, files and passwords left out). POST /bahasa then draws the form's page
** (next: the page above the address posted to, or Req.page_again) inside its own answer, in the
** language chosen, and puts the values back into the form of that page that posts to again: the
** inputs' values, the textareas' text, the options and boxes chosen. The same for every form,
** none of them written for it; nothing is sent again, so nothing is done twice.
*/
#include "web.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>

#define KEPT_PREFIX "kept."

/* 1 when a posted field is carried: not the CSRF token, no file, no password, token or secret
** (never written into a page). */
static int kept_carried(const Field *f){
  if( f->filename || f->path ) return 0;
  if( strcmp(f->name, "csrf")==0 || strcmp(f->name, "website")==0 ) return 0;
  return strcasestr(f->name, "password")==0 && strcasestr(f->name, "sandi")==0 && strcasestr(f->name, "token")==0
      && strcasestr(f->name, "secret")==0;
}

/* In the language switch's form: the refused form's address and what it held, when the page is
** the answer to a form posted (or such a page drawn again by the switch); how many fields. */
int form_kept_inputs(Req *r){
  const char *action = r->kept_action;
  if( action==0 && r->method && strcmp(r->method, "POST")==0 && strcmp(r->path, "/bahasa") ) action = r->path;
  if( action==0 ) return 0;
  int n = 0;
  if( r->kept ){
    for(int i=0; i<r->nkept; i++){
      out(r, "<input type=\"hidden\" name=\"" KEPT_PREFIX "%h\" value=\"%h\">", r->kept[i].name, r->kept[i].value);
      n++;
    }
  }else{
    req_form(r, "csrf");   /* parsed */
    for(int i=0; i<r->nform; i++){
      if( !kept_carried(&r->form[i]) ) continue;
      out(r, "<input type=\"hidden\" name=\"" KEPT_PREFIX "%h\" value=\"%h\">", r->form[i].name, r->form[i].value);
      n++;
    }
  }
  if( n ) out(r, "<input type=\"hidden\" name=\"again\" value=\"%h\">", action);
  return n;
}

/* In a form of a page that answers a form carrying another's fields (the sign-in asked before a
** form sent once the session ended): those kept.* fields and again, as they came (the carried
** ones only); how many. */
int form_kept_forward(Req *r){
  const char *again = req_form(r, "again");
  if( again==0 || *again!='/' ) return 0;
  size_t np = strlen(KEPT_PREFIX);
  int n = 0;
  for(int i=0; i<r->nform; i++){
    Field f = r->form[i];
    if( strncmp(f.name, KEPT_PREFIX, np) || f.filename ) continue;
    f.name += np;
    if( !kept_carried(&f) ) continue;
    out(r, "<input type=\"hidden\" name=\"%h\" value=\"%h\">", r->form[i].name, f.value);
    n++;
  }
  if( n ) out(r, "<input type=\"hidden\" name=\"again\" value=\"%h\">", again);
  return n;
}

/* The value of attribute name in the tag [s, e) ("<input ... >"), its quotes' inside in *vs..*ve;
** 0 when absent. Values are written by %h: no raw quote inside, so ` name="` starts one. */
static int tag_attr(const char *s, const char *e, const char *name, const char **vs, const char **ve){
  size_t n = strlen(name);
  for(const char *p = s; p + n + 3 < e; p++){
    if( (p[0]==' ' || p[0]=='\n') && memcmp(p+1, name, n)==0 && p[n+1]=='=' && p[n+2]=='"' ){
      *vs = p + n + 3;
      *ve = memchr(*vs, '"', (size_t)(e - *vs));
      return *ve!=0;
    }
  }
  return 0;
}

/* A boolean attribute (" checked", " selected") in the tag [s, e): where it starts, or NULL. */
static const char *tag_flag(const char *s, const char *e, const char *name){
  size_t n = strlen(name);
  for(const char *p = s; p + n + 1 <= e; p++){
    if( p[0]==' ' && memcmp(p+1, name, n)==0 && (p[n+1]==' ' || p[n+1]=='>' || p[n+1]=='/') ) return p;
  }
  return 0;
}

/* The attribute's value decoded as %h wrote it, in the arena. */
static const char *attr_text(Req *r, const char *vs, const char *ve){
  Buf b = BUF_INIT;
  for(const char *p = vs; p<ve; p++){
    static const struct { const char *ent; char c; } ents[] = { {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''} };
    size_t k = 0;
    for(; k<COUNT(ents); k++){
      size_t n = strlen(ents[k].ent);
      if( (size_t)(ve-p)>=n && memcmp(p, ents[k].ent, n)==0 ){ buf_putc(&b, ents[k].c); p += n-1; break; }
    }
    if( k==COUNT(ents) ) buf_putc(&b, *p);
  }
  const char *z = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
  return z;
}

/* The attribute as text, NULL when absent. */
static const char *tag_get(Req *r, const char *s, const char *e, const char *name){
  const char *vs, *ve;
  return tag_attr(s, e, name, &vs, &ve) ? attr_text(r, vs, ve) : 0;
}

/* Copy the tag [s, e) to b without the attribute name (="…" or boolean). */
static void tag_copy_without(Buf *b, const char *s, const char *e, const char *name, int flag){
  const char *vs, *ve, *at = 0, *end = 0;
  if( flag ){ at = tag_flag(s, e, name); end = at ? at + 1 + strlen(name) : 0; }
  else if( tag_attr(s, e, name, &vs, &ve) ){ at = vs - strlen(name) - 3; end = ve + 1; }
  if( at==0 ){ buf_append(b, s, (size_t)(e - s)); return; }
  buf_append(b, s, (size_t)(at - s));
  buf_append(b, end, (size_t)(e - end));
}

/* The first kept value of name not used yet (marking it used), or NULL. */
static const char *kept_next(Req *r, const char *name, char *used){
  for(int i=0; i<r->nkept; i++){
    if( !used[i] && strcmp(r->kept[i].name, name)==0 ){ used[i] = 1; return r->kept[i].value; }
  }
  return 0;
}

/* 1 when name was sent with this value (a box ticked, an option chosen). */
static int kept_has(Req *r, const char *name, const char *value){
  for(int i=0; i<r->nkept; i++) if( strcmp(r->kept[i].name, name)==0 && strcmp(r->kept[i].value, value)==0 ) return 1;
  return 0;
}

/* 1 when any value of name was sent. */
static int kept_named(Req *r, const char *name){
  for(int i=0; i<r->nkept; i++) if( strcmp(r->kept[i].name, name)==0 ) return 1;
  return 0;
}

/* Write the inside of the form [s, e) to b with the kept values put back. */
static void kept_fill_form(Req *r, Buf *b, const char *s, const char *e){
  char *used = arena_alloc(&r->arena, (size_t)r->nkept + 1);
  memset(used, 0, (size_t)r->nkept + 1);
  const char *p = s;
  while( p<e ){
    const char *lt = memchr(p, '<', (size_t)(e - p));
    if( lt==0 ) break;
    const char *gt = memchr(lt, '>', (size_t)(e - lt));
    if( gt==0 ) break;
    gt++;
    buf_append(b, p, (size_t)(lt - p));
    p = gt;
    const char *name = 0;
    if( strncmp(lt, "<input ", 7)==0 && (name = tag_get(r, lt, gt, "name"))!=0 ){
      const char *type = tag_get(r, lt, gt, "type");
      if( type==0 ) type = "text";
      if( strcmp(type, "checkbox")==0 || strcmp(type, "radio")==0 ){
        const char *v = tag_get(r, lt, gt, "value");
        Buf t = BUF_INIT;
        tag_copy_without(&t, lt, gt, "checked", 1);
        t.n--;                                        /* its '>' */
        buf_append(b, t.z, t.n);
        if( kept_has(r, name, v ? v : "on") ) buf_puts(b, " checked");
        buf_putc(b, '>');
        buf_free(&t);
        continue;
      }
      const char *v = strcmp(type, "hidden") && strcmp(type, "submit") && strcmp(type, "button") && strcmp(type, "file")
                   && strcmp(type, "password") && strcmp(type, "image") && strcmp(type, "reset") ? kept_next(r, name, used) : 0;
      if( v==0 ){ buf_append(b, lt, (size_t)(gt - lt)); continue; }
      Buf t = BUF_INIT;
      tag_copy_without(&t, lt, gt, "value", 0);
      t.n--;
      buf_append(b, t.z, t.n);
      buf_printf(b, " value=\"%h\">", v);
      buf_free(&t);
      continue;
    }
    if( strncmp(lt, "<textarea ", 10)==0 && (name = tag_get(r, lt, gt, "name"))!=0 ){
      const char *v = kept_next(r, name, used);
      buf_append(b, lt, (size_t)(gt - lt));
      if( v==0 ) continue;
      const char *close = memmem(gt, (size_t)(e - gt), "</textarea>", 11);
      if( close==0 ) continue;
      buf_printf(b, "%h", v);
      p = close;
      continue;
    }
    if( strncmp(lt, "<select ", 8)==0 && (name = tag_get(r, lt, gt, "name"))!=0 && kept_named(r, name) ){
      buf_append(b, lt, (size_t)(gt - lt));
      const char *close = memmem(gt, (size_t)(e - gt), "</select>", 9);
      if( close==0 ) continue;
      /* each option chosen as it was sent */
      const char *q = gt;
      while( q<close ){
        const char *ot = memmem(q, (size_t)(close - q), "<option", 7);
        if( ot==0 ) break;
        const char *og = memchr(ot, '>', (size_t)(close - ot));
        if( og==0 ) break;
        og++;
        buf_append(b, q, (size_t)(ot - q));
        const char *v = tag_get(r, ot, og, "value");
        if( v==0 ) buf_append(b, ot, (size_t)(og - ot));
        else{
          Buf t = BUF_INIT;
          tag_copy_without(&t, ot, og, "selected", 1);
          t.n--;
          buf_append(b, t.z, t.n);
          if( kept_has(r, name, v) ) buf_puts(b, " selected");
          buf_putc(b, '>');
          buf_free(&t);
        }
        q = og;
      }
      p = q;
      continue;
    }
    buf_append(b, lt, (size_t)(gt - lt));
  }
  if( p<e ) buf_append(b, p, (size_t)(e - p));
}

/* Put the kept values back into the page drawn: into its first form posted to r->kept_action. */
static void form_kept_fill(Req *r){
  const char *z = buf_str(&r->out), *end = z + r->out.n, *p = z;
  while( (p = memmem(p, (size_t)(end - p), "<form ", 6))!=0 ){
    const char *gt = memchr(p, '>', (size_t)(end - p));
    if( gt==0 ) return;
    gt++;
    const char *method = tag_get(r, p, gt, "method"), *action = tag_get(r, p, gt, "action");
    const char *close = memmem(gt, (size_t)(end - gt), "</form>", 7);
    if( close==0 ) return;
    if( method && strcasecmp(method, "post")==0 && action && strcmp(action, r->kept_action)==0 ){
      Buf b = BUF_INIT;
      buf_append(&b, z, (size_t)(gt - z));
      kept_fill_form(r, &b, gt, close);
      buf_append(&b, close, (size_t)(end - close));
      buf_free(&r->out);
      r->out = b;
      return;
    }
    p = gt;
  }
}

/* 1 when the tag [s, e) is what a refused page must not fold away: the form posted to action
** (method post), or a field marked invalid. */
static int tag_refused(Req *r, const char *s, const char *e, const char *action){
  const char *vs, *ve;
  if( tag_attr(s, e, "aria-invalid", &vs, &ve) && ve - vs==4 && memcmp(vs, "true", 4)==0 ) return 1;
  if( action==0 || strncmp(s, "<form ", 6) ) return 0;
  const char *method = tag_get(r, s, e, "method"), *to = tag_get(r, s, e, "action");
  return method && strcasecmp(method, "post")==0 && to && strcmp(to, action)==0;
}

/* Offsets, largest first. */
static int offset_desc(const void *a, const void *b){
  size_t x = *(const size_t*)a, y = *(const size_t*)b;
  return x < y ? 1 : x > y ? -1 : 0;
}

/* On the page drawn for a refused form (the answer to its POST, or drawn again by the language
** switch): every <details> holding the form posted to action, or a field marked invalid, opened
** (" open" added to its tag), so what was typed and what is wrong are not folded away. */
void form_details_open(Req *r, const char *action){
  enum { DEPTH = 32 };
  const char *z = buf_str(&r->out), *end = z + r->out.n;
  size_t stack[DEPTH], *opened = 0;
  int marked[DEPTH], depth = 0, n = 0, cap = 0;
  for(const char *p = z; p<end && (p = memchr(p, '<', (size_t)(end - p)))!=0; ){
    const char *gt = memchr(p, '>', (size_t)(end - p));
    if( gt==0 ) break;
    gt++;
    if( strncmp(p, "<details", 8)==0 && (p[8]==' ' || p[8]=='>') ){
      if( depth<DEPTH ){ stack[depth] = (size_t)(p - z); marked[depth] = 0; }
      depth++;
    }else if( strncmp(p, "</details>", 10)==0 ){
      if( depth>0 && --depth<DEPTH && marked[depth] ){
        opened = arena_grow(&r->arena, opened, sizeof *opened, n, &cap);
        opened[n++] = stack[depth];
      }
    }else if( depth>0 && tag_refused(r, p, gt, action) ){
      for(int i=0; i<depth && i<DEPTH; i++) marked[i] = 1;
    }
    p = gt;
  }
  if( n==0 ) return;
  /* from the last: an insertion moves nothing before it */
  qsort(opened, (size_t)n, sizeof *opened, offset_desc);
  for(int i=0; i<n; i++){
    const char *s = r->out.z + opened[i], *gt = memchr(s, '>', r->out.n - opened[i]);
    if( gt==0 || tag_flag(s, gt + 1, "open") ) continue;
    Buf b = BUF_INIT;
    buf_append(&b, r->out.z, (size_t)(gt - r->out.z));
    buf_puts(&b, " open");
    buf_append(&b, gt, (size_t)(r->out.z + r->out.n - gt));
    buf_free(&r->out);
    r->out = b;
  }
}

/* The language switch on a refused form (POST /bahasa with again and kept.* fields): the form's
** page drawn in this answer, in the language now set, with what was typed. 0 when nothing is
** carried or next is no page the caller may open (the switch then leads to next as usual). */
int form_kept_page(Req *r, const char *next){
  const char *again = req_form(r, "again");
  if( again==0 || *again!='/' || next==0 || *next!='/' ) return 0;
  size_t np = strlen(KEPT_PREFIX);
  int n = 0;
  for(int i=0; i<r->nform; i++) n += strncmp(r->form[i].name, KEPT_PREFIX, np)==0 && r->form[i].filename==0;
  if( n==0 ) return 0;
  Field *kept = arena_alloc(&r->arena, sizeof(Field)*(size_t)n);
  int k = 0;
  for(int i=0; i<r->nform; i++){
    if( strncmp(r->form[i].name, KEPT_PREFIX, np) || r->form[i].filename ) continue;
    kept[k] = r->form[i];
    kept[k].name = r->form[i].name + np;
    if( kept_carried(&kept[k]) ) k++;
  }
  r->kept = kept;
  r->nkept = k;
  r->kept_action = arena_strdup(&r->arena, again);
  if( !req_page_again(r, next) ) return 0;
  if( r->status==200 && r->ctype && strncmp(r->ctype, "text/html", 9)==0 ){
    form_kept_fill(r);
    form_details_open(r, r->kept_action);
  }
  return 1;
}
