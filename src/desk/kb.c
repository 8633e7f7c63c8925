/*
** kb.c — the knowledge base service (see kb.h). Every write keeps the whole
** text as a revision and indexes the article again, in one transaction with its
** audit row; the index holds the roots of the words, so "mengembalikan" in a
** question finds "pengembalian" in an answer.
*/
#include "kb.h"
#include "portal.h"
#include "../core/stem.h"
#include "../db/search.h"
#include <stdio.h>
#include <string.h>

const char *const kb_statuses[] = { "draft", "published", "archived", 0 };

#define KB_COLS "id, office_id, title, body, title_en, body_en, category, tags, status, revision," \
                " answered, created_at, created_by, updated_at, updated_by"

/* Tags as people type them ("Password, akun  ,SPSE") → "password, akun, spse": lower case, no
** empty or repeated tag; ERR_INVALID when a tag is too long or there are too many. */
static int kb_tags_clean(const char *z, Arena *a, const char **out, Err *e){
  Buf b = BUF_INIT;
  int n = 0;
  const char *p = z ? z : "";
  /* a line break or an escape is no part of a tag (a tab is a space between them, as below) */
  if( util_has_control(p, 1) || strpbrk(p, "\r\n") ){ ERR_SET(e, "tags", N_("Only one line of plain text is allowed here")); return ERR_INVALID; }
  while( *p ){
    while( *p==',' || *p==' ' || *p=='\t' ) p++;
    const char *s = p;
    while( *p && *p!=',' ) p++;
    const char *t = p;
    while( t>s && (t[-1]==' ' || t[-1]=='\t') ) t--;
    if( t==s ) continue;
    size_t k = (size_t)(t-s), chars = 0;
    for(size_t i=0; i<k; i++) chars += ((unsigned char)s[i] & 0xC0)!=0x80;
    if( chars>40 ){ buf_free(&b); ERR_SET(e, "tags", N_("A tag may have at most 40 characters")); return ERR_INVALID; }
    char tag[161];   /* 40 characters of up to 4 bytes */
    for(size_t i=0; i<k; i++) tag[i] = (s[i]>='A' && s[i]<='Z') ? s[i]+32 : s[i];
    tag[k] = 0;
    /* skip a tag already taken */
    const char *have = buf_str(&b);
    int dup = 0;
    for(const char *h=have; *h; ){
      const char *c = strstr(h, ", ");
      size_t hl = c ? (size_t)(c-h) : strlen(h);
      if( hl==k && memcmp(h, tag, k)==0 ){ dup = 1; break; }
      if( !c ) break;
      h = c+2;
    }
    if( dup ) continue;
    if( ++n>12 ){ buf_free(&b); ERR_SET(e, "tags", N_("At most 12 tags")); return ERR_INVALID; }
    if( b.n ) buf_puts(&b, ", ");
    buf_puts(&b, tag);
  }
  *out = arena_strdup(a, buf_str(&b));
  buf_free(&b);
  return OK;
}

/* Check the text of an article (every field set), naming every field that is wrong at once. */
static int kb_check(const KbInput *in, Err *e){
  size_t t = util_utf8_len(in->title), b = util_utf8_len(in->body);
  Err all = {0};
  if( t==0 ) err_add(&all, "title", N_("The title is required"));
  else if( t>200 ) err_add(&all, "title", N_("The title may have at most 200 characters"));
  if( b==0 ) err_add(&all, "body", N_("The article text is required"));
  else if( b>20000 ) err_add(&all, "body", N_("The article text may have at most 20000 characters"));
  if( util_utf8_len(in->title_en)>200 ) err_add(&all, "title_en", N_("The title may have at most 200 characters"));
  if( util_utf8_len(in->body_en)>20000 ) err_add(&all, "body_en", N_("The article text may have at most 20000 characters"));
  if( util_utf8_len(in->category)>64 ) err_add(&all, "category", N_("The category may have at most 64 characters"));
  err_check_text(&all, "title", in->title, 200, 0);   /* a field already named keeps its message */
  err_check_text(&all, "title_en", in->title_en, 200, 0);
  err_check_text(&all, "category", in->category, 64, 0);
  err_check_text(&all, "body", in->body, 20000, TEXT_LINES);
  err_check_text(&all, "body_en", in->body_en, 20000, TEXT_LINES);
  if( !util_in_list(kb_statuses, in->status) ) err_add(&all, "status", N_("The status must be draft, published or archived"));
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* Read the current row of q (KB_COLS order) into x. */
static void kb_row(Stmt *q, KbArticle *x, Arena *a){
  memset(x, 0, sizeof *x);
  x->id = db_col_int64(q, 0);
  x->office_id = db_col_int64(q, 1);
  x->title = arena_strdup(a, db_col_text(q, 2));
  x->body = arena_strdup(a, db_col_text(q, 3));
  x->title_en = arena_strdup(a, db_col_text(q, 4));
  x->body_en = arena_strdup(a, db_col_text(q, 5));
  x->category = arena_strdup(a, db_col_text(q, 6));
  x->tags = arena_strdup(a, db_col_text(q, 7));
  x->status = arena_strdup(a, db_col_text(q, 8));
  x->revision = db_col_int(q, 9);
  x->answered = db_col_int(q, 10);
  x->created_at = db_col_int64(q, 11);
  x->created_by = arena_strdup(a, db_col_text(q, 12));
  x->updated_at = db_col_int64(q, 13);
  x->updated_by = arena_strdup(a, db_col_text(q, 14));
}

/* Keep the text of revision rev of an article. */
static int kb_keep_revision(Db *db, const Actor *who, int64_t office_id, int64_t id, int rev,
                            const KbInput *in, int64_t now){
  Stmt *q = db_prepare(db, "INSERT INTO kb_revision(office_id, article_id, revision, title, body, title_en,"
                           " body_en, category, tags, status, at, by_user) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, id);
  db_bind_int(q, 3, rev);
  db_bind_text(q, 4, in->title);
  db_bind_text(q, 5, in->body);
  db_bind_text(q, 6, in->title_en ? in->title_en : "");
  db_bind_text(q, 7, in->body_en ? in->body_en : "");
  db_bind_text(q, 8, in->category ? in->category : "");
  db_bind_text(q, 9, in->tags ? in->tags : "");
  db_bind_text(q, 10, in->status);
  db_bind_int64(q, 11, now);
  db_bind_text(q, 12, who->username ? who->username : "system");
  return db_run(q);
}

/* Put the article into the search index (its roots), or out of it when archived. */
static int kb_index(Db *db, int64_t office_id, int64_t id, const KbInput *in){
  if( util_str_eq(in->status, "archived") ) return search_remove(db, "kb", id);
  Buf t = BUF_INIT, g = BUF_INIT, b = BUF_INIT;
  stem_text(in->title, &t);
  if( in->title_en && *in->title_en ){ buf_putc(&t, ' '); stem_text(in->title_en, &t); }
  stem_text(in->tags, &g);
  stem_text(in->category, &g);
  stem_text(in->body, &b);
  if( in->body_en && *in->body_en ){ buf_putc(&b, ' '); stem_text(in->body_en, &b); }
  int rc = search_put(db, "kb", office_id, id, buf_str(&t), buf_str(&g), buf_str(&b));
  buf_free(&t); buf_free(&g); buf_free(&b);
  return rc;
}

/* Clean the tags of an article about to be written and check it (a new one: draft unless said,
** never archived), naming every field that is wrong at once; tags cleaned in a. */
static int kb_prepare(KbInput *in, int create, Arena *a, Err *e){
  Err all = {0}, te = {0}, ce = {0};
  if( create && (in->status==0 || *in->status==0) ) in->status = "draft";
  if( kb_tags_clean(in->tags, a, &in->tags, &te)!=OK ) err_merge(&all, &te);
  if( kb_check(in, &ce)!=OK ) err_merge(&all, &ce);
  if( create && util_str_eq(in->status, "archived") ) err_add(&all, "status", N_("A new article cannot be archived"));
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  return OK;
}

/* The article a change makes: the given fields over the stored ones (a status "" keeps it). */
static KbInput kb_merged(const KbInput *in0, const KbArticle *cur){
  KbInput in = {
    in0->title ? in0->title : cur->title, in0->body ? in0->body : cur->body,
    in0->title_en ? in0->title_en : cur->title_en, in0->body_en ? in0->body_en : cur->body_en,
    in0->category ? in0->category : cur->category, in0->tags ? in0->tags : cur->tags,
    in0->status && *in0->status ? in0->status : cur->status,
  };
  return in;
}

/* Check a new article as kb_create would, writing nothing. */
int kb_create_check(const KbInput *in0, Err *e){
  KbInput in = *in0;
  Arena a;
  arena_init(&a);
  int rc = kb_prepare(&in, 1, &a, e);
  arena_free(&a);
  return rc;
}

/* Check a change of an article as kb_update would (the stored article read), writing nothing. */
int kb_update_check(Db *db, int64_t office_id, int64_t id, const KbInput *in0, Err *e){
  Arena a;
  arena_init(&a);
  KbArticle cur;
  int rc = kb_get(db, office_id, id, &cur, &a);
  if( rc==OK ){
    KbInput in = kb_merged(in0, &cur);
    rc = kb_prepare(&in, 0, &a, e);
  }
  arena_free(&a);
  return rc;
}

/* Check and store a new article (revision 1). */
int kb_create(Db *db, const Actor *who, const KbInput *in0, int64_t *id, Err *e){
  KbInput in = *in0;
  Arena a;
  arena_init(&a);
  int rc = kb_prepare(&in, 1, &a, e);
  if( rc!=OK ){ arena_free(&a); return rc; }
  int64_t now = time_now();
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ){ arena_free(&a); return rc; }
  Stmt *q = db_prepare(db, "INSERT INTO kb_article(office_id, title, body, title_en, body_en, category, tags,"
                           " status, revision, created_at, created_by, updated_at, updated_by)"
                           " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,1,?9,?10,?9,?10) RETURNING id");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, who->office_id);
    db_bind_text(q, 2, in.title);
    db_bind_text(q, 3, in.body);
    db_bind_text(q, 4, in.title_en ? in.title_en : "");
    db_bind_text(q, 5, in.body_en ? in.body_en : "");
    db_bind_text(q, 6, in.category ? in.category : "");
    db_bind_text(q, 7, in.tags);
    db_bind_text(q, 8, in.status);
    db_bind_int64(q, 9, now);
    db_bind_text(q, 10, who->username ? who->username : "system");
    if( db_step(q)==DB_ROW ) *id = db_col_int64(q, 0); else rc = ERR_DB;
    db_reset(q);
  }
  if( rc==OK ) rc = kb_keep_revision(db, who, who->office_id, *id, 1, &in, now);
  if( rc==OK ) rc = kb_index(db, who->office_id, *id, &in);
  if( rc==OK ){
    char obj[48];
    snprintf(obj, sizeof obj, "kb:%lld", (long long)*id);
    rc = audit_write(db, who, "kb.create", obj, arena_printf(&a, "rev=1 status=%R", in.status));
  }
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* Write an article from the case it answers: the article and the link in one transaction. */
int kb_create_for_case(Db *db, const Actor *who, const KbInput *in, const Case *c, const char *base_url,
                       int *replied, Err *e, int64_t *id){
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = kb_create(db, who, in, id, e);
  if( rc==OK ) rc = kb_link_case(db, who, *id, c, base_url, replied, e);
  return db_tx_end(db, own, rc);
}

/* 1 when two texts are equal, a missing one being empty. */
static int kb_text_eq(const char *a, const char *b){
  return strcmp(a ? a : "", b ? b : "")==0;
}

/* 1 when an edit leaves every field of the article as it is. */
static int kb_same(const KbInput *in, const KbArticle *cur){
  return kb_text_eq(in->title, cur->title) && kb_text_eq(in->body, cur->body) && kb_text_eq(in->title_en, cur->title_en)
      && kb_text_eq(in->body_en, cur->body_en) && kb_text_eq(in->category, cur->category)
      && kb_text_eq(in->tags, cur->tags) && kb_text_eq(in->status, cur->status);
}

/* Change an article (see kb_update). */
int kb_update(Db *db, const Actor *who, int64_t id, const KbInput *in0, Err *e){
  return kb_update_from(db, who, id, in0, 0, 0, 0, e);
}

/* OK when an edit based on revision base (0: none said) may be written on the article as stored
** now (cur); else ERR_CONFLICT naming revision, *newer (when given) saying who changed it when. */
static int kb_base_check(const KbArticle *cur, int base, KbArticle *newer, Arena *a, Err *e){
  if( base<=0 || base==cur->revision ) return OK;
  if( base>cur->revision ){ ERR_SET(e, "revision", N_("names a revision the article does not have")); return ERR_INVALID; }
  if( newer ){
    memset(newer, 0, sizeof *newer);
    newer->id = cur->id;
    newer->revision = cur->revision;
    newer->updated_at = cur->updated_at;
    newer->updated_by = arena_strdup(a, cur->updated_by);
  }
  ERR_SET(e, "revision", N_("The article has a newer revision than the one the edit was based on"));
  return ERR_CONFLICT;
}

/* The words of a refused edit (kb_update_from): who changed the article when, since the edit's base. */
const char *kb_changed_text(const KbArticle *newer, int base, const char *lang, const char *tz, Arena *a){
  char when[80];
  time_fmt_human(when, sizeof when, newer->updated_at, tz, lang);
  return arena_printf(a, i18n_get(lang, N_("Changed by %s on %s (revision %d) since revision %d, which the edit was based on: read that change, then save again")),
                      newer->updated_by, when, newer->revision, base);
}

/* Change an article: the given fields replace the stored ones, as a new revision (none when
** nothing changes). The fields not given are those stored when the edit is written: the article
** is read inside the write transaction, so that two edits at once of different fields keep both;
** an edit based on a revision that is no longer the last is refused there (kb_base_check). */
int kb_update_from(Db *db, const Actor *who, int64_t id, const KbInput *in0, int base, KbArticle *newer, Arena *na, Err *e){
  Arena a;
  arena_init(&a);
  KbArticle cur;
  int64_t now = time_now();
  int own;
  int rc = db_tx_begin(db, &own);
  if( rc!=OK ){ arena_free(&a); return rc; }
  rc = kb_get(db, who->office_id, id, &cur, &a);
  if( rc==OK ) rc = kb_base_check(&cur, base, newer, na, e);
  KbInput in = rc==OK ? kb_merged(in0, &cur) : *in0;
  if( rc==OK ) rc = kb_prepare(&in, 0, &a, e);
  if( rc!=OK || kb_same(&in, &cur) ){   /* nothing changes: no revision, nothing audited */
    arena_free(&a);
    return db_tx_end(db, own, rc);
  }
  /* the revision number is taken inside the write transaction: two edits cannot share one */
  Stmt *q = db_prepare(db, "UPDATE kb_article SET title=?1, body=?2, title_en=?3, body_en=?4, category=?5,"
                           " tags=?6, status=?7, revision=revision+1, updated_at=?8, updated_by=?9"
                           " WHERE id=?10 AND office_id=?11 RETURNING revision");
  int rev = 0;
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_text(q, 1, in.title);
    db_bind_text(q, 2, in.body);
    db_bind_text(q, 3, in.title_en);
    db_bind_text(q, 4, in.body_en);
    db_bind_text(q, 5, in.category);
    db_bind_text(q, 6, in.tags);
    db_bind_text(q, 7, in.status);
    db_bind_int64(q, 8, now);
    db_bind_text(q, 9, who->username ? who->username : "system");
    db_bind_int64(q, 10, id);
    db_bind_int64(q, 11, who->office_id);
    if( db_step(q)==DB_ROW ) rev = db_col_int(q, 0); else rc = ERR_NOTFOUND;
    db_reset(q);
  }
  if( rc==OK ) rc = kb_keep_revision(db, who, who->office_id, id, rev, &in, now);
  if( rc==OK ) rc = kb_index(db, who->office_id, id, &in);
  if( rc==OK ){
    char obj[48];
    snprintf(obj, sizeof obj, "kb:%lld", (long long)id);
    rc = audit_write(db, who, "kb.update", obj, arena_printf(&a, "rev=%d status=%R", rev, in.status));
  }
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* Archive an article. */
int kb_archive(Db *db, const Actor *who, int64_t id){
  KbInput in = { 0, 0, 0, 0, 0, 0, "archived" };
  Err e = {0};
  return kb_update(db, who, id, &in, &e);
}

/* One article of the office. */
int kb_get(Db *db, int64_t office_id, int64_t id, KbArticle *out, Arena *a){
  Stmt *q = db_prepare(db, "SELECT " KB_COLS " FROM kb_article WHERE id=?1 AND office_id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, office_id);
  int rc = ERR_NOTFOUND;
  if( db_step(q)==DB_ROW ){ kb_row(q, out, a); rc = OK; }
  db_reset(q);
  return rc;
}

/* The articles q gives for ?1=key and ?2=office_id, appended to rows (ERR_DB when q is NULL). */
static int kb_rows(Stmt *q, int64_t key, int64_t office_id, KbArticle **rows, int *n, Arena *a){
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, key);
  db_bind_int64(q, 2, office_id);
  int cap = 0;
  while( db_step(q)==DB_ROW ){
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    kb_row(q, &(*rows)[(*n)++], a);
  }
  db_reset(q);
  return OK;
}

/* Every revision of an article, newest first. */
int kb_revisions(Db *db, int64_t office_id, int64_t id, KbArticle **rows, int *n, Arena *a){
  *rows = 0; *n = 0;
  Stmt *q = db_prepare(db, "SELECT article_id, office_id, title, body, title_en, body_en, category, tags, status,"
                           " revision, 0, at, by_user, at, by_user FROM kb_revision"
                           " WHERE article_id=?1 AND office_id=?2 ORDER BY revision DESC");
  return kb_rows(q, id, office_id, rows, n, a);
}

/* 1 when the article passes the filter's status, category and tag. */
static int kb_passes(const KbFilter *f, const KbArticle *x){
  if( f->published_only && !util_str_eq(x->status, "published") ) return 0;
  if( f->status && *f->status ){ if( !util_str_eq(x->status, f->status) ) return 0; }
  else if( util_str_eq(x->status, "archived") ) return 0;
  if( f->category && *f->category && !util_str_eq(x->category, f->category) ) return 0;
  if( f->tag && *f->tag ){
    size_t k = strlen(f->tag);
    const char *h = x->tags;
    int found = 0;
    while( h && *h ){
      const char *c = strstr(h, ", ");
      size_t hl = c ? (size_t)(c-h) : strlen(h);
      if( hl==k && strncasecmp(h, f->tag, k)==0 ){ found = 1; break; }
      if( !c ) break;
      h = c+2;
    }
    if( !found ) return 0;
  }
  return 1;
}

/* The relevance of each article found, best first: its score in percent of the first's (a raw
** bm25 or ts_rank means nothing to a reader and is tiny with few articles), at least 1. */
static void kb_relevance(KbArticle *rows, int n){
  double best = n > 0 ? rows[0].score : 0;
  for(int i=0; i<n; i++){
    int v = best > 0 ? (int)(100.0 * rows[i].score / best + 0.5) : 100;
    rows[i].relevance = v < 1 ? 1 : v > 100 ? 100 : v;
  }
}

/* Articles as the filter says: ranked by the search when q is given, else newest first. */
int kb_list(Db *db, const KbFilter *f, KbArticle **rows, int *n, Arena *a){
  *rows = 0; *n = 0;
  int limit = f->limit>0 && f->limit<=200 ? f->limit : 50, cap = 0;
  if( f->q && *f->q ){
    Buf terms = BUF_INIT;
    stem_text(f->q, &terms);
    SearchHit hits[400];
    int nh = 0;
    int rc = search_find(db, "kb", f->office_id, buf_str(&terms), (int)COUNT(hits), hits, &nh);
    buf_free(&terms);
    if( rc!=OK ) return rc;
    for(int i=0; i<nh && *n<limit; i++){
      KbArticle x;
      if( kb_get(db, f->office_id, hits[i].ref, &x, a)!=OK || !kb_passes(f, &x) ) continue;
      x.score = hits[i].score;
      x.ranked = 1;
      *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
      (*rows)[(*n)++] = x;
    }
    kb_relevance(*rows, *n);
    return OK;
  }
  Stmt *q = db_prepare(db, "SELECT " KB_COLS " FROM kb_article WHERE office_id=?1 ORDER BY updated_at DESC, id DESC");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, f->office_id);
  while( *n<limit && db_step(q)==DB_ROW ){
    KbArticle x;
    kb_row(q, &x, a);
    if( !kb_passes(f, &x) ) continue;
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    (*rows)[(*n)++] = x;
  }
  db_reset(q);
  return OK;
}

/* The categories in use in an office. */
int kb_categories(Db *db, int64_t office_id, int published_only, const char ***names, int *n, Arena *a){
  *names = 0; *n = 0;
  Stmt *q = db_prepare(db, "SELECT DISTINCT category FROM kb_article WHERE office_id=?1 AND category<>''"
                           " AND status<>'archived' AND (?2=0 OR status='published') ORDER BY category");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int(q, 2, published_only);
  int cap = 0;
  while( db_step(q)==DB_ROW ){
    *names = arena_grow(a, *names, sizeof **names, *n, &cap);
    (*names)[(*n)++] = arena_strdup(a, db_col_text(q, 0));
  }
  db_reset(q);
  return OK;
}

/* The answer a portal ticket's requester reads for an article, in the ticket's language: a line
** saying so, the article's title and its address on the office's public FAQ. */
static const char *kb_reply_text(Db *db, const KbArticle *x, const PortalTicket *t, const char *base_url, Arena *a){
  const char *lang = util_str_eq(t->lang, "en") ? "en" : "id";
  const char *url = portal_page_url(db, base_url, t->office_id, arena_printf(a, "/portal/faq/%lld", (long long)x->id), a);
  const char *title = util_str_eq(lang, "en") && *x->title_en ? x->title_en : x->title;
  return arena_printf(a, "%R\n\n%R\n%R", i18n_get(lang, N_("The answer to your question is in this article of our FAQ:")),
                      title, url);
}

/* Record that an article answered a case, and count it; a published one is sent to the
** requester of a portal ticket. */
int kb_link_case(Db *db, const Actor *who, int64_t article_id, const Case *c, const char *base_url,
                 int *replied, Err *e){
  if( replied ) *replied = 0;
  Arena a;
  arena_init(&a);
  KbArticle x;
  int rc = kb_get(db, c->office_id, article_id, &x, &a);
  if( rc==ERR_NOTFOUND ){ ERR_SET(e, "article", N_("No such article")); arena_free(&a); return ERR_INVALID; }
  if( rc==OK && util_str_eq(x.status, "archived") ){ ERR_SET(e, "article", N_("The article is archived")); rc = ERR_INVALID; }
  if( rc!=OK ){ arena_free(&a); return rc; }
  int own;
  rc = db_tx_begin(db, &own);
  if( rc!=OK ){ arena_free(&a); return rc; }
  Stmt *q = db_prepare(db, "INSERT INTO kb_case(office_id, article_id, case_id, linked_at, linked_by)"
                           " VALUES(?1,?2,?3,?4,?5) ON CONFLICT(article_id, case_id) DO NOTHING");
  if( q==0 ) rc = ERR_DB;
  else{
    db_bind_int64(q, 1, c->office_id);
    db_bind_int64(q, 2, article_id);
    db_bind_int64(q, 3, c->id);
    db_bind_int64(q, 4, time_now());
    db_bind_text(q, 5, who->username ? who->username : "system");
    rc = db_run(q);
    if( rc==OK && db_changes(db)==0 ){ ERR_SET(e, "article", N_("This article is already linked to the case")); rc = ERR_CONFLICT; }
  }
  if( rc==OK ){
    q = db_prepare(db, "UPDATE kb_article SET answered=answered+1 WHERE id=?1");
    if( q==0 ) rc = ERR_DB;
    else{ db_bind_int64(q, 1, article_id); rc = db_run(q); }
  }
  if( rc==OK ){
    char obj[48];
    snprintf(obj, sizeof obj, "kb:%lld", (long long)article_id);
    rc = audit_write(db, who, "kb.answer", obj, arena_printf(&a, "case=%R", c->number));
  }
  PortalTicket t;
  int ticket = rc==OK && util_str_eq(x.status, "published") ? portal_of_case(db, c->id, &t, &a) : ERR_NOTFOUND;
  if( ticket==OK ){
    rc = portal_staff_reply(db, who, c, kb_reply_text(db, &x, &t, base_url, &a), base_url, e);
    if( rc==OK && replied ) *replied = 1;
  }else if( ticket!=ERR_NOTFOUND ) rc = ticket;
  arena_free(&a);
  return db_tx_end(db, own, rc);
}

/* The articles that answered a case. */
int kb_case_articles(Db *db, int64_t office_id, int64_t case_id, KbArticle **rows, int *n, Arena *a){
  *rows = 0; *n = 0;
  Stmt *q = db_prepare(db, "SELECT k.id, k.office_id, k.title, k.body, k.title_en, k.body_en, k.category, k.tags,"
                           " k.status, k.revision, k.answered, k.created_at, k.created_by, k.updated_at, k.updated_by,"
                           " l.linked_at, l.linked_by"
                           " FROM kb_case l JOIN kb_article k ON k.id=l.article_id"
                           " WHERE l.case_id=?1 AND l.office_id=?2 ORDER BY l.linked_at, k.id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, case_id);
  db_bind_int64(q, 2, office_id);
  int cap = 0;
  while( db_step(q)==DB_ROW ){
    *rows = arena_grow(a, *rows, sizeof **rows, *n, &cap);
    KbArticle *x = &(*rows)[(*n)++];
    kb_row(q, x, a);
    x->linked_at = db_col_int64(q, 15);
    x->linked_by = arena_strdup(a, db_col_text(q, 16));
  }
  db_reset(q);
  return OK;
}

/* The numbers of the cases an article answered, newest first. */
int kb_article_cases(Db *db, int64_t office_id, int64_t id, const char ***numbers, int *n, Arena *a){
  *numbers = 0; *n = 0;
  Stmt *q = db_prepare(db, "SELECT k.number FROM kb_case l JOIN kasus k ON k.id=l.case_id"
                           " WHERE l.article_id=?1 AND l.office_id=?2 ORDER BY l.linked_at DESC, k.id DESC");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, office_id);
  int cap = 0;
  while( db_step(q)==DB_ROW ){
    *numbers = arena_grow(a, *numbers, sizeof **numbers, *n, &cap);
    (*numbers)[(*n)++] = arena_strdup(a, db_col_text(q, 0));
  }
  db_reset(q);
  return OK;
}

/* Stored tags ("a, b") as a JSON list (["a","b"]). */
void kb_tags_json(Buf *b, const char *tags){
  buf_putc(b, '[');
  for(const char *h = tags; h && *h; ){
    const char *cm = strstr(h, ", ");
    size_t hl = cm ? (size_t)(cm-h) : strlen(h);
    buf_printf(b, "%R\"%.*j\"", h==tags ? "" : ",", (int)hl, h);
    if( !cm ) break;
    h = cm+2;
  }
  buf_putc(b, ']');
}

/* The article as JSON: the heading fields; the bodies with KB_JSON_FULL; no staff names with KB_JSON_PUBLIC. */
void kb_json(Buf *b, const KbArticle *x, int full){
  char c[32], u[32];
  time_fmt_iso(c, sizeof c, x->created_at);
  time_fmt_iso(u, sizeof u, x->updated_at);
  buf_printf(b, "{\"id\":%lld,\"title\":%J,\"title_en\":%J,\"category\":%J,\"tags\":",
             (long long)x->id, x->title, x->title_en, x->category);
  kb_tags_json(b, x->tags);
  if( full & KB_JSON_PUBLIC ) buf_printf(b, ",\"updated_at\":%J", u);
  else buf_printf(b, ",\"status\":%J,\"revision\":%d,\"answered\":%d,\"created_at\":%J,\"created_by\":%J,"
                     "\"updated_at\":%J,\"updated_by\":%J", x->status, x->revision, x->answered, c, x->created_by,
                  u, x->updated_by);
  if( x->linked_at && !(full & KB_JSON_PUBLIC) ){
    char l[32];
    time_fmt_iso(l, sizeof l, x->linked_at);
    buf_printf(b, ",\"linked_at\":%J,\"linked_by\":%J", l, x->linked_by);
  }
  if( x->ranked ) buf_printf(b, ",\"score\":%d", x->relevance);
  if( full & KB_JSON_FULL ) buf_printf(b, ",\"body\":%J,\"body_en\":%J", x->body, x->body_en);
  buf_putc(b, '}');
}
