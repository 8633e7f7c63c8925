/*
** kb.h — the knowledge base (FAQ): articles in Indonesian (English optional),
** a category and tags, draft / published / archived, every edit kept as a
** revision, the cases each article answered and how often. Searched through
** db/search.h with the words reduced to roots (core/stem.h).
*/
#ifndef LOKET_KB_H
#define LOKET_KB_H
#include "desk.h"
#include "../sop/case.h"

/* One article (or one revision of it), its text in the caller's arena. */
typedef struct KbArticle {
  int64_t id, office_id, created_at, updated_at;
  int revision, answered;     /* answered: the number of cases it answered */
  const char *title, *body, *title_en, *body_en, *category, *tags, *status;
  const char *created_by, *updated_by;
  double score;               /* relevance in a search; 0 otherwise */
  int ranked;                 /* 1 when it came from a search: its relevance is given */
  int relevance;              /* in a search: the score in percent of the best match listed (1..100) */
  int64_t linked_at;          /* among a case's articles: when it was linked to the case (0 otherwise) */
  const char *linked_by;      /* ... and by whom */
} KbArticle;

/* What writing an article takes; NULL keeps the stored value on an update. */
typedef struct KbInput {
  const char *title, *body, *title_en, *body_en, *category, *tags, *status;
} KbInput;

/* A listing: q searches (ranked) when given, else newest first. */
typedef struct KbFilter {
  int64_t office_id;
  const char *q, *status, *category, *tag;   /* NULL/"" for any (status: any but archived) */
  int published_only;                        /* the public FAQ */
  int limit;                                 /* 1..200 */
} KbFilter;

extern const char *const kb_statuses[];      /* "draft","published","archived", NULL */

/* Check and store a new article (revision 1); the audit row in the same transaction. */
int kb_create(Db *db, const Actor *who, const KbInput *in, int64_t *id, Err *e);
/* Write an article from the case it answers (an FAQ entry that answers the case): the
** article and its link to the case in one transaction (kb_link_case: a published one is sent
** to a portal ticket's requester); nothing is kept when either fails. */
int kb_create_for_case(Db *db, const Actor *who, const KbInput *in, const Case *c, const char *base_url,
                       int *replied, Err *e, int64_t *id);
/* Change an article: a new revision with the whole text kept. ERR_NOTFOUND when none. */
int kb_update(Db *db, const Actor *who, int64_t id, const KbInput *in, Err *e);
/* kb_update of an edit based on revision base (0: none said, the last one written stands): when
** the article has a newer revision, ERR_CONFLICT naming revision and nothing written, *newer
** (NULL: not asked; its text in arena a) the article's revision, who wrote it and when; a base
** the article does not have yet is ERR_INVALID naming revision. */
int kb_update_from(Db *db, const Actor *who, int64_t id, const KbInput *in, int base, KbArticle *newer, Arena *a, Err *e);
/* The words saying an edit based on revision base was refused for newer (kb_update_from), in
** lang, its time in the office's tz: who changed it, when, and what to do. */
const char *kb_changed_text(const KbArticle *newer, int base, const char *lang, const char *tz, Arena *a);
/* The checks of kb_create and kb_update, every wrong field named in e, nothing written (a form or
** the API says them with its own problems); kb_update_check reads the article (ERR_NOTFOUND). */
int kb_create_check(const KbInput *in, Err *e);
int kb_update_check(Db *db, int64_t office_id, int64_t id, const KbInput *in, Err *e);
/* Archive an article (out of every list and search; its revisions stay). */
int kb_archive(Db *db, const Actor *who, int64_t id);
/* One article of the office; ERR_NOTFOUND when none. */
int kb_get(Db *db, int64_t office_id, int64_t id, KbArticle *out, Arena *a);
/* Every revision of an article, newest first (revision, updated_at/by: when and who). */
int kb_revisions(Db *db, int64_t office_id, int64_t id, KbArticle **rows, int *n, Arena *a);
/* Articles as the filter says. */
int kb_list(Db *db, const KbFilter *f, KbArticle **rows, int *n, Arena *a);
/* The categories in use in an office (not archived; published_only: of the public FAQ), by name. */
int kb_categories(Db *db, int64_t office_id, int published_only, const char ***names, int *n, Arena *a);
/* Record that an article answered a case (once per case; counted). ERR_CONFLICT when
** already linked, ERR_INVALID (field "article") for an archived article. A published article
** answering a case that came through the portal is sent to its requester in the ticket's thread
** (its title and its address on the public FAQ, at base_url as portal_staff_reply has it; e-mailed
** when they gave an address): *replied (may be NULL) is 1 then, else 0 (a draft: they could not
** open it; a case from elsewhere: no thread to write in). */
int kb_link_case(Db *db, const Actor *who, int64_t article_id, const Case *c, const char *base_url,
                 int *replied, Err *e);
/* The articles that answered a case, each with when and by whom it was linked to it. */
int kb_case_articles(Db *db, int64_t office_id, int64_t case_id, KbArticle **rows, int *n, Arena *a);
/* The numbers of the cases an article answered, newest first. */
int kb_article_cases(Db *db, int64_t office_id, int64_t id, const char ***numbers, int *n, Arena *a);
/* Stored tags ("a, b") as a JSON list (["a","b"]). */
void kb_tags_json(Buf *b, const char *tags);
/* The article as JSON: KB_JSON_FULL adds the bodies; KB_JSON_PUBLIC leaves out the status,
** counts and staff names (the portal's FAQ). */
enum { KB_JSON_FULL = 1, KB_JSON_PUBLIC = 2 };
void kb_json(Buf *b, const KbArticle *x, int flags);

#endif
