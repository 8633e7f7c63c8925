/*
** org.h — the offices a deployment hosts and the people who work in them, as the engine
** reads them (org.c). Creating and changing them is a service of desk/ (desk.h).
*/
#ifndef LOKET_ORG_H
#define LOKET_ORG_H
#include "../core/core.h"
#include "../db/db.h"

/* name: 127 characters; public_url: the office's own address, "" for loket.conf's; phone, email,
** address: its contact for the public ("" when not given) */
typedef struct Office { int64_t id; char code[32]; char name[512]; char tz[8]; char public_url[256];
                        char phone[24]; char email[129]; char address[1024]; } Office;
int office_get(Db *db, int64_t id, Office *o);
int office_by_code(Db *db, const char *code, Office *o);
/* The first office created (the default of a single-office deployment). */
int office_first(Db *db, Office *o);
/* Call each() for every office, by code. */
int office_each(Db *db, void (*each)(void *ctx, const Office *o), void *ctx);
/* The base ("https://host") of the links mailed for an office, into out (n bytes), returned: its own
** public_url, else base (a request's, req_base_url; NULL: none), else loket.conf's public_url or
** the address staff last opened Loket at (config_link_base). */
const char *office_link_base(Db *db, int64_t office_id, const char *base, char *out, size_t n);
/* Append an office as JSON to b, as GET /api/v1/office and `loket office list --json` give it:
** public_url what its links start with (its own address, else loket.conf's), office_public_url its
** own ("" when it has none); phone, email, address its contact for the public. */
void office_json(Buf *b, const Office *o);
/* Call each() for every office where the user holds a role, by code. */
int office_each_of_user(Db *db, int64_t user_id, void (*each)(void *ctx, const Office *o), void *ctx);

typedef struct User {
  int64_t id, office_id, created_at, last_failed_at;
  char username[64], full_name[512], email[128], lang[8];   /* full_name: 127 characters of up to 4 bytes */
  int disabled, locked, failed_count, must_change_pw;
} User;
int user_get(Db *db, int64_t id, User *u);
int user_by_name(Db *db, const char *username, User *u);
/* A username as a person types it (" Rina", "ADMIN"): its blanks around dropped and its letters
** folded to small ones, as usernames are kept; in place, the start returned. */
char *user_name_typed(char *z);
/* The roles a user holds in an office, as a bitmask of sop/role.h. */
unsigned user_roles(Db *db, int64_t id, int64_t office_id);
/* 1 when the user's home office is this office or they hold a role in it. */
int user_in_office(Db *db, int64_t user_id, int64_t office_id);

#endif
