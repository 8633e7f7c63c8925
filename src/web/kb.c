/*
** kb.c — the knowledge base as pages: for staff the list with search, an article
** with its revisions and the cases it answered, the forms to write and edit; on
** the case page the section that searches the base and answers the case with an
** article ("Jawab dengan artikel"); for the public the FAQ of the portal.
*/
#include "web.h"
#include "../desk/kb.h"
#include "../desk/portal.h"
#include <stdlib.h>
#include <string.h>

/* A status word as people read it. */
static const char *kb_status_label(Req *r, const char *s){
  if( util_str_eq(s, "published") ) return T(r, "Published (public)");
  if( util_str_eq(s, "archived") ) return T(r, "Archived");
  return T(r, "Draft (not public)");
}

/* 1 when a line (k bytes) is the address of an article of the public FAQ, as "Jawab dengan
** artikel" writes it in a ticket's thread: http(s)://HOST/portal/faq/ID, ?office=CODE maybe. */
static int kb_faq_address(const char *s, size_t k){
  size_t h = k>=7 && strncmp(s, "http://", 7)==0 ? 7 : k>=8 && strncmp(s, "https://", 8)==0 ? 8 : 0;
  if( h==0 ) return 0;
  for(size_t i=h; i<k; i++) if( (unsigned char)s[i]<=' ' || s[i]=='"' || s[i]=='<' || s[i]=='>' ) return 0;
  const char *f = 0;
  for(size_t i=h; i+12<=k; i++) if( strncmp(s+i, "/portal/faq/", 12)==0 ){ f = s+i+12; break; }
  if( f==0 || f>=s+k || *f<'0' || *f>'9' ) return 0;
  while( f<s+k && *f>='0' && *f<='9' ) f++;
  return f==s+k || (s+k-f>8 && strncmp(f, "?office=", 8)==0);
}

/* One line of a paragraph; links: an FAQ article's address (kb_faq_address) is a link to it. */
static void kb_line(Req *r, const char *s, size_t k, int links){
  if( links && kb_faq_address(s, k) ) out(r, "<a href=\"%.*h\">%.*h</a>", (int)k, s, (int)k, s);
  else out(r, "%.*h", (int)k, s);
}

/* kb_paragraphs(); links: a line that is an FAQ article's address is a link to it. */
static void kb_text(Req *r, const char *text, int links){
  const char *p = text ? text : "";
  while( *p ){
    while( *p=='\n' || *p=='\r' ) p++;
    if( *p==0 ) break;
    const char *e = strstr(p, "\n\n");
    const char *cr = strstr(p, "\r\n\r\n");
    if( cr && (e==0 || cr<e) ) e = cr;
    size_t n = e ? (size_t)(e-p) : strlen(p);
    out(r, "<p>");
    const char *s = p;
    for(size_t i=0; i<n; i++){
      if( p[i]=='\n' ){
        size_t k = (size_t)(p+i-s);
        if( k && s[k-1]=='\r' ) k--;
        kb_line(r, s, k, links);
        out(r, "<br>");
        s = p+i+1;
      }
    }
    size_t k = (size_t)(p+n-s);
    if( k && s[k-1]=='\r' ) k--;
    kb_line(r, s, k, links);
    out(r, "</p>");
    p += n;
  }
}

/* Text as paragraphs: a blank line starts a new one, a line break stays. */
void kb_paragraphs(Req *r, const char *text){
  kb_text(r, text, 0);
}

/* A message of the help desk in a ticket's thread, as kb_paragraphs(), the address of an FAQ
** article it gives ("Jawab dengan artikel") a link the requester opens. */
void kb_paragraphs_links(Req *r, const char *text){
  kb_text(r, text, 1);
}

/* The id of the path's ":id"; answers 404 and gives 0 when it is not a number. */
static int64_t kb_page_id(Req *r){
  int64_t v = req_param_id(r, "id");
  if( v==0 ) reply_error(r, 404, "not_found", 0, "Article not found");
  return v;
}

/* An article's tags ("a, b" as stored) as links that list the articles with each. */
static void kb_tag_links(Req *r, const char *tags){
  const char *p = tags ? tags : "";
  int first = 1;
  while( *p ){
    size_t n = strcspn(p, ",");
    const char *tag = util_trim(arena_strndup(&r->arena, p, n));
    if( *tag ){
      out(r, "%R<a href=\"/kb?tag=%t\">%h</a>", first ? "" : ", ", tag, tag);
      first = 0;
    }
    p += n + (p[n]==',');
  }
}

/* GET /kb?q=&status=&category=&tag=: the articles, searched and ranked when q is given. */
int page_kb(Req *r){
  KbFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.q = query_trimmed(r, "q");
  f.status = query_trimmed(r, "status");
  f.category = query_trimmed(r, "category");
  f.tag = query_trimmed(r, "tag");
  f.limit = 100;
  page_begin(r, "Knowledge base (FAQ)");
  if( util_utf8_len(f.q)>200 ){ page_notice(r, "error", T_n(r, N_("The search text is too long: at most %d characters"), 200)); f.q = ""; }
  if( *f.status && strcmp(f.status, "draft") && strcmp(f.status, "published") && strcmp(f.status, "archived") ) f.status = "";
  if( perm_allows(r->roles, "kb.write") ) out(r, "<p><a class=\"button\" href=\"/kb/baru\">%h</a></p>", T(r, "New article"));
  out(r, "<form class=\"filters card\" method=\"get\" action=\"/kb\" role=\"search\">");
  out(r, "<div><label for=\"kb-q\">%h</label><input id=\"kb-q\" name=\"q\" type=\"search\" value=\"%h\" maxlength=\"200\"></div>",
      T(r, "Search the articles"), f.q);
  out(r, "<div><label for=\"kb-status\">%h</label><select id=\"kb-status\" name=\"status\"><option value=\"\">%h</option>",
      T(r, "Status"), T(r, "All but archived"));
  static const char *const st[] = { "draft", "published", "archived" };
  for(size_t i=0; i<COUNT(st); i++){
    out(r, "<option value=\"%h\"%R>%h</option>", st[i], util_str_eq(f.status, st[i]) ? " selected" : "", kb_status_label(r, st[i]));
  }
  out(r, "</select></div>");
  const char **cats;
  int ncat = 0;
  kb_categories(r->db, r->office_id, 0, &cats, &ncat, &r->arena);
  out(r, "<div><label for=\"kb-cat\">%h</label><select id=\"kb-cat\" name=\"category\"><option value=\"\">%h</option>",
      T(r, "Article category"), T(r, "All"));
  for(int i=0; i<ncat; i++){
    out(r, "<option value=\"%h\"%R>%h</option>", cats[i], util_str_eq(f.category, cats[i]) ? " selected" : "", cats[i]);
  }
  out(r, "</select></div>");
  if( *f.tag ){   /* a tag chosen in the list: kept by the search, shown so that it can be seen and cleared */
    out(r, "<div><label for=\"kb-tag\">%h</label><input id=\"kb-tag\" name=\"tag\" value=\"%h\" maxlength=\"40\"></div>",
        T(r, "Article tags"), f.tag);
  }
  out(r, "<div><button type=\"submit\">%h</button> <a href=\"/kb\">%h</a></div></form>", T(r, "Search"), T(r, "Clear"));
  KbArticle *rows;
  int n = 0;
  if( kb_list(r->db, &f, &rows, &n, &r->arena)!=OK ){ page_notice(r, "error", T(r, "The database failed")); return page_end(r, 500); }
  if( n==0 ){
    out(r, "<p class=\"muted\">%h</p>", *f.q ? T(r, "No article matches the search") : T(r, "No articles yet"));
    return page_end(r, 200);
  }
  out(r, "<div class=\"table-wrap\"><table class=\"kb-list\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "Title"), T(r, "Article category"), T(r, "Status"), T(r, "Cases answered"), T(r, "Last updated"));
  for(int i=0; i<n; i++){
    out(r, "<tr><td><a href=\"/kb/%lld\">%h</a><br><span class=\"muted tags\">", (long long)rows[i].id, rows[i].title);
    kb_tag_links(r, rows[i].tags);
    out(r, "</span></td><td>%h</td><td>%h</td><td>%d</td><td>%h</td></tr>", rows[i].category, kb_status_label(r, rows[i].status),
        rows[i].answered, web_time(r, rows[i].updated_at));
  }
  out(r, "</tbody></table></div>");
  return page_end(r, 200);
}

/* The fields of an article's form, whose errors are shown under them. */
static const char *const kb_fields[] = { "title", "body", "category", "tags", "status", "title_en", "body_en", 0 };

/* The fields of the article form, filled from x (or what was posted), with the error e. */
static void kb_form_fields(Req *r, const KbArticle *x, const Err *e){
  const char *v;
#define KB_VAL(name, dflt) ((v = form_trimmed(r, name))!=0 ? v : (x ? (dflt) : ""))
  out(r, "<label for=\"kb-title\">%h</label><input id=\"kb-title\" name=\"title\" maxlength=\"200\" required value=\"%h\"%R>",
      T(r, "Title"), KB_VAL("title", x->title), field_attrs(r, e, "title"));
  field_error(r, e, "title");
  out(r, "<label for=\"kb-body\">%h</label><textarea id=\"kb-body\" name=\"body\" rows=\"10\" required%R>%h</textarea>",
      T(r, "Article text"), field_attrs(r, e, "body"), KB_VAL("body", x->body));
  field_error(r, e, "body");
  out(r, "<label for=\"kb-category\">%h</label><input id=\"kb-category\" name=\"category\" maxlength=\"64\" value=\"%h\"%R>",
      T(r, "Article category"), KB_VAL("category", x->category), field_attrs(r, e, "category"));
  field_error(r, e, "category");
  out(r, "<label for=\"kb-tags\">%h</label><input id=\"kb-tags\" name=\"tags\" value=\"%h\"%R>"
         "<p class=\"hint muted\">%h</p>", T(r, "Article tags"), KB_VAL("tags", x->tags), field_attrs(r, e, "tags"),
      T(r, "Separated by commas"));
  field_error(r, e, "tags");
  const char *st = KB_VAL("status", x->status);
  out(r, "<label for=\"kb-st\">%h</label><select id=\"kb-st\" name=\"status\"%R>", T(r, "Status"), field_attrs(r, e, "status"));
  static const char *const sts[] = { "draft", "published", "archived" };
  for(size_t i=0; i<COUNT(sts); i++){
    if( (x==0 || x->id==0) && i==2 ) continue;
    out(r, "<option value=\"%h\"%R>%h</option>", sts[i], util_str_eq(st, sts[i]) ? " selected" : "", kb_status_label(r, sts[i]));
  }
  out(r, "</select>");
  field_error(r, e, "status");
  out(r, "<details%R><summary>%h</summary>", x && *x->title_en ? " open" : "", T(r, "English (optional)"));
  out(r, "<label for=\"kb-title-en\">%h</label><input id=\"kb-title-en\" name=\"title_en\" maxlength=\"200\" value=\"%h\"%R>",
      T(r, "Title in English"), KB_VAL("title_en", x->title_en), field_attrs(r, e, "title_en"));
  field_error(r, e, "title_en");
  out(r, "<label for=\"kb-body-en\">%h</label><textarea id=\"kb-body-en\" name=\"body_en\" rows=\"6\"%R>%h</textarea></details>",
      T(r, "Text in English"), field_attrs(r, e, "body_en"), KB_VAL("body_en", x->body_en));
  field_error(r, e, "body_en");
#undef KB_VAL
}

/* The new-article page, with what was posted and its error; from a case (?kasus=NUMBER)
** the article will answer that case, its subject the first title; ?title= and ?body= pre-fill
** the form (the training's Q&A links here with its question and answer). */
static int kb_new_page(Req *r, const Err *e, int status){
  const char *number = form_trimmed(r, "case");
  int asked = number==0;   /* the case named by the address (?kasus=), not by the form */
  if( number==0 ) number = query_trimmed(r, "kasus");
  Case *c = 0;
  if( *number && case_get(r->db, r->office_id, number, &c)!=OK ) c = 0;
  /* refused, the form is shown at /kb, where it was posted: the language switch leads back to it */
  r->page_again = c ? arena_printf(&r->arena, "/kb/baru?kasus=%t", c->number) : "/kb/baru";
  page_begin(r, "New article");
  /* an address naming no case of this office: said, and the form without it (404) */
  if( asked && *number && c==0 ){
    out(r, "<div class=\"notice error\" role=\"alert\" id=\"kasus-error\"><p>%h <span class=\"mono\">%h</span></p></div>",
        T(r, "No case of this office has the number in the address (kasus):"), number);
    status = 404;
  }
  form_error_marked(r, e, kb_fields);
  out(r, "<form class=\"card\" method=\"post\" action=\"/kb\">");
  csrf_input(r);
  KbArticle seed;
  memset(&seed, 0, sizeof seed);
  seed.title = seed.body = seed.title_en = seed.body_en = seed.category = seed.tags = "";
  seed.status = "published";
  if( c ){
    out(r, "<p>%h <a href=\"/kasus/%t\">%h</a></p><input type=\"hidden\" name=\"case\" value=\"%h\">",
        T(r, "This article will answer the case"), c->number, c->number, c->number);
    seed.title = arena_strdup(&r->arena, c->subject);
    case_free(c);
  }
  const char *qt = query_trimmed(r, "title"), *qb = query_trimmed(r, "body");
  if( qt && *qt ) seed.title = qt;
  if( qb && *qb ) seed.body = qb;
  kb_form_fields(r, (*number || (qt && *qt) || (qb && *qb)) ? &seed : 0, e);
  out(r, "<div class=\"actions\"><button type=\"submit\">%h</button> <a href=\"/kb\">%h</a></div></form>",
      T(r, "Save article"), T(r, "Back to the list"));
  return page_end(r, status);
}

/* The case of a number given in a form, of this office; else answers 404 and gives NULL. */
static Case *case_from_path_number(Req *r, const char *number){
  Case *c = 0;
  if( case_get(r->db, r->office_id, number, &c)==OK ) return c;
  reply_error(r, 404, "not_found", "case", "Case not found");
  return 0;
}

/* Whether the caller may publish a case's answer as a new FAQ article: the form needs kb.write,
** saving it for a case case.work (page_kb_create). Every link to /kb/baru?kasus= asks this. */
int kb_may_publish(Req *r){
  return route_allows(r, "GET", "/kb/baru") && route_allows(r, "POST", "/kb") && perm_allows(r->roles, "case.work");
}

/* GET /kb/baru: the form for a new article (?kasus=NUMBER: one that answers the case). */
int page_kb_new(Req *r){
  return kb_new_page(r, 0, 200);
}

/* The article's fields as posted (NULL when a field was not sent). */
static KbInput kb_posted(Req *r){
  KbInput in = { form_trimmed(r, "title"), form_trimmed(r, "body"), form_trimmed(r, "title_en"),
                 form_trimmed(r, "body_en"), form_trimmed(r, "category"), form_trimmed(r, "tags"),
                 form_trimmed(r, "status") };
  return in;
}

/* POST /kb: store a new article, then show it. */
int page_kb_create(Req *r){
  KbInput in = kb_posted(r);
  if( in.title==0 ) in.title = "";
  if( in.body==0 ) in.body = "";
  Actor a = req_actor(r);
  Err e = {0};
  int64_t id;
  const char *number = form_trimmed(r, "case");
  int rc;
  if( number && *number ){
    if( !perm_allows(r->roles, "case.work") ) return reply_error(r, 403, "forbidden", 0, "You do not have permission for this");
    Case *c = case_from_path_number(r, number);
    if( c==0 ) return OK;
    int replied = 0;
    rc = kb_create_for_case(r->db, &a, &in, c, req_base_url(r), &replied, &e, &id);
    case_free(c);
    if( rc==OK && replied )
      return reply_redirect(r, arena_printf(&r->arena, "/kb/%lld?ok=%t", (long long)id,
                                            N_("Article saved, and sent to the requester on the portal")));
  }else rc = kb_create(r->db, &a, &in, &id, &e);
  if( rc==ERR_INVALID ) return kb_new_page(r, &e, 400);
  if( rc!=OK ) return reply_error(r, http_status_of(rc), http_code_of(rc), 0, "The database failed");
  return reply_redirect(r, arena_printf(&r->arena, "/kb/%lld?ok=%t", (long long)id, N_("Article saved")));
}

/* The article page: text, facts, cases answered, revisions, and the edit form. */
static int kb_article_page(Req *r, int64_t id, const Err *e, int status){
  KbArticle x;
  int rc = kb_get(r->db, r->office_id, id, &x, &r->arena);
  if( rc!=OK ) return reply_error(r, 404, "not_found", 0, "Article not found");
  page_begin(r, x.title);
  form_error_marked(r, e, kb_fields);
  out(r, "<dl class=\"facts card\"><dt>%h</dt><dd>%h</dd><dt>%h</dt><dd>%h</dd><dt>%h</dt><dd class=\"tags\">",
      T(r, "Status"), kb_status_label(r, x.status), T(r, "Article category"), x.category, T(r, "Article tags"));
  kb_tag_links(r, x.tags);
  out(r, "</dd><dt>%h</dt><dd id=\"kb-answered\">%d</dd><dt>%h</dt><dd>%d · %h · %h</dd></dl>",
      T(r, "Cases answered"), x.answered, T(r, "Revision"), x.revision, web_time(r, x.updated_at), x.updated_by);
  out(r, "<article class=\"card kb-article\">");
  kb_paragraphs(r, x.body);
  out(r, "</article>");
  if( *x.title_en || *x.body_en ){
    out(r, "<article class=\"card kb-article\" lang=\"en\"><h2>%h</h2>", x.title_en);
    kb_paragraphs(r, x.body_en);
    out(r, "</article>");
  }
  const char **cases;
  int n = 0;
  kb_article_cases(r->db, r->office_id, id, &cases, &n, &r->arena);
  out(r, "<h2>%h</h2>", T(r, "Cases answered with this article"));
  if( n==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "None yet"));
  else{
    out(r, "<ul class=\"kb-cases\">");
    for(int i=0; i<n; i++) out(r, "<li><a href=\"/kasus/%t\">%h</a></li>", cases[i], cases[i]);
    out(r, "</ul>");
  }
  KbArticle *revs;
  int nr = 0;
  kb_revisions(r->db, r->office_id, id, &revs, &nr, &r->arena);
  out(r, "<h2>%h</h2><div class=\"table-wrap\"><table class=\"kb-revisions\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "Revision history"), T(r, "Revision"), T(r, "Saved at"), T(r, "Saved by"), T(r, "Status"));
  for(int i=0; i<nr; i++){
    out(r, "<tr><td><a href=\"/kb/%lld/revisi/%d\">%d</a></td><td>%h</td><td>%h</td><td>%h</td></tr>", (long long)id,
        revs[i].revision, revs[i].revision, web_time(r, revs[i].updated_at), revs[i].updated_by,
        kb_status_label(r, revs[i].status));
  }
  out(r, "</tbody></table></div>");
  if( perm_allows(r->roles, "kb.write") ){
    out(r, "<details class=\"card\" id=\"ubah\"%R><summary>%h</summary><form method=\"post\" action=\"/kb/%lld\">",
        e ? " open" : "", T(r, "Edit the article"), (long long)id);
    csrf_input(r);
    /* the revision the edit is based on: one saved meanwhile refuses it (kb_update_from); the
    ** form that says so carries the newer one, so that saving again is a choice made */
    out(r, "<input type=\"hidden\" name=\"revision\" value=\"%d\">", x.revision);
    /* refused for a newer revision: the text saved meanwhile beside what was typed, nothing lost */
    int stale = status==409 && err_about(e, "revision");
    if( stale ){
      out(r, "<div class=\"kb-conflict\"><section class=\"kb-current\" aria-labelledby=\"kb-now\"><h3 id=\"kb-now\">%h</h3>"
             "<p class=\"muted\">%h %d · %h · %h</p><h4>%h</h4>", T(r, "The text saved meanwhile"), T(r, "Revision"), x.revision,
          web_time(r, x.updated_at), x.updated_by, x.title);
      kb_paragraphs(r, x.body);
      out(r, "</section><section class=\"kb-typed\" aria-labelledby=\"kb-mine\"><h3 id=\"kb-mine\">%h</h3>", T(r, "What you typed"));
    }
    kb_form_fields(r, &x, e);
    if( stale ) out(r, "</section></div>");
    out(r, "<div class=\"actions\"><button type=\"submit\">%h</button></div></form></details>", T(r, "Save as a new revision"));
  }
  return page_end(r, status);
}

/* GET /kb/:id: one article. */
int page_kb_article(Req *r){
  int64_t id = kb_page_id(r);
  if( id==0 ) return OK;
  return kb_article_page(r, id, 0, 200);
}

/* POST /kb/:id: save the edit as a new revision. */
int page_kb_update(Req *r){
  int64_t id = kb_page_id(r);
  if( id==0 ) return OK;
  KbInput in = kb_posted(r);
  Actor a = req_actor(r);
  Err e = {0};
  const char *z = form_trimmed(r, "revision");
  int64_t base = z && *z ? util_id(z) : 0;   /* all digits: "2x" is no revision */
  if( z && *z && (base<=0 || base>INT32_MAX) ){
    ERR_SET(&e, "revision", N_("must be a whole number"));
    return kb_article_page(r, id, &e, 400);
  }
  KbArticle newer;
  int rc = kb_update_from(r->db, &a, id, &in, (int)base, &newer, &r->arena, &e);
  if( rc==ERR_CONFLICT && util_str_eq(e.field, "revision") ){
    /* refused: what was typed is kept in the form, the message above it */
    ERR_SET(&e, "revision", kb_changed_text(&newer, (int)base, r->lang, r->office_tz, &r->arena));
    return kb_article_page(r, id, &e, 409);
  }
  if( rc==ERR_INVALID ) return kb_article_page(r, id, &e, 400);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", 0, "Article not found");
  if( rc!=OK ) return reply_error(r, http_status_of(rc), http_code_of(rc), 0, "The database failed");
  return reply_redirect(r, arena_printf(&r->arena, "/kb/%lld?ok=%t", (long long)id, N_("Article saved")));
}

/* GET /kb/:id/revisi/:rev: the text of one revision. */
int page_kb_revision(Req *r){
  int64_t id = kb_page_id(r);
  if( id==0 ) return OK;
  int64_t rev0 = util_id(req_param(r, "rev"));   /* "1x" is no revision */
  int rev = rev0<=INT32_MAX ? (int)rev0 : 0;
  KbArticle *revs;
  int n = 0;
  kb_revisions(r->db, r->office_id, id, &revs, &n, &r->arena);
  for(int i=0; i<n; i++){
    if( revs[i].revision!=rev ) continue;
    page_begin(r, revs[i].title);
    out(r, "<p><a href=\"/kb/%lld\">%h</a></p>", (long long)id, T(r, "Back to the article"));
    out(r, "<dl class=\"facts card\"><dt>%h</dt><dd>%d</dd><dt>%h</dt><dd>%h · %h</dd><dt>%h</dt><dd>%h</dd>"
           "<dt>%h</dt><dd>%h</dd><dt>%h</dt><dd>%h</dd></dl>",
        T(r, "Revision"), rev, T(r, "Saved at"), web_time(r, revs[i].updated_at), revs[i].updated_by,
        T(r, "Status"), kb_status_label(r, revs[i].status), T(r, "Article category"), revs[i].category, T(r, "Article tags"), revs[i].tags);
    out(r, "<article class=\"card kb-article\">");
    kb_paragraphs(r, revs[i].body);
    out(r, "</article>");
    return page_end(r, 200);
  }
  return reply_error(r, 404, "not_found", 0, "Revision not found");
}

/* The knowledge-base section of the case page: the articles that answered it, a search
** (the case's subject when nothing was typed), and "Jawab dengan artikel" for each result. */
void kb_case_panel(Req *r, const Case *c){
  if( !perm_allows(r->roles, "kb.read") ) return;
  KbArticle *rows;
  int n = 0;
  kb_case_articles(r->db, r->office_id, c->id, &rows, &n, &r->arena);
  /* on paper only the articles that answered the case: the search and its suggestions are for the screen */
  out(r, "<section class=\"card%R\" id=\"kb\"><h2>%h</h2>", n>0 ? "" : " no-print", T(r, "Knowledge base (FAQ)"));
  if( n>0 ){
    out(r, "<p>%h</p><ul class=\"kb-answered\">", T(r, "Answered with"));
    for(int i=0; i<n; i++) out(r, "<li><a href=\"/kb/%lld\">%h</a></li>", (long long)rows[i].id, rows[i].title);
    out(r, "</ul>");
  }
  const char *q = query_trimmed(r, "kbq");
  if( *q==0 ) q = c->subject;
  if( util_utf8_len(q)>200 ) q = "";
  out(r, "<form method=\"get\" action=\"/kasus/%t#kb\" role=\"search\" class=\"no-print\"><label for=\"kbq\">%h</label>"
         "<input id=\"kbq\" name=\"kbq\" type=\"search\" value=\"%h\" maxlength=\"200\"><button type=\"submit\">%h</button></form>",
      c->number, T(r, "Search the articles"), q, T(r, "Search"));
  KbFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.q = q;
  f.limit = 5;
  KbArticle *hits;
  int nh = 0;
  kb_list(r->db, &f, &hits, &nh, &r->arena);
  if( nh==0 ) out(r, "<p class=\"muted no-print\">%h</p>", T(r, "No article matches the search"));
  else{
    int work = perm_allows(r->roles, "case.work");
    out(r, "<ol class=\"kb-hits no-print\">");
    for(int i=0; i<nh; i++){
      out(r, "<li><a href=\"/kb/%lld\">%h</a> <span class=\"muted\">· %h</span>", (long long)hits[i].id, hits[i].title,
          kb_status_label(r, hits[i].status));
      int linked = 0;
      for(int k=0; k<n; k++) if( rows[k].id==hits[i].id ) linked = 1;
      if( work && !linked ){
        out(r, "<form method=\"post\" action=\"/kasus/%t/kb\" class=\"inline no-print\">", c->number);
        csrf_input(r);
        out(r, "<input type=\"hidden\" name=\"article\" value=\"%lld\"><button type=\"submit\" class=\"secondary\">%h</button></form>",
            (long long)hits[i].id, T(r, "Answer with this article"));
      }
      out(r, "</li>");
    }
    out(r, "</ol>");
  }
  if( kb_may_publish(r) ){
    out(r, "<p class=\"no-print\"><a href=\"/kb/baru?kasus=%t\">%h</a></p>", c->number,
        T(r, "Answer with a new FAQ article"));
  }
  out(r, "</section>");
}

/* POST /kasus/:number/kb: the case was answered with the posted article. */
int page_case_kb(Req *r){
  int64_t id = util_id(form_trimmed(r, "article"));
  if( id==0 ) return reply_error(r, 400, "invalid", "article", "Choose an article");
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  int replied = 0;
  int rc = kb_link_case(r->db, &a, id, c, req_base_url(r), &replied, &e);
  /* what the requester got: the article in the portal ticket's thread, or (a draft) nothing */
  PortalTicket t;
  const char *ok = replied ? N_("The case is linked to the article, and the article sent to the requester on the portal")
                 : portal_of_case(r->db, c->id, &t, &r->arena)==OK
                   ? N_("The case is linked to the article; it was not sent to the requester: the portal shows published articles only")
                   : N_("The case is linked to the article");
  const char *to = arena_printf(&r->arena, "/kasus/%t?ok=%t#kb", c->number, ok);
  case_free(c);
  if( rc==OK ) return reply_redirect(r, to);
  return reply_error_e(r, http_status_of(rc), http_code_of(rc), &e, "Request failed");
}
