/*
** cli_absence.c — `loket absence add|list|remove`: a member of staff away for whole days
** and who stands in for them, as the API's /api/v1/users/:username/absences sets them
** (the same service, sop/absence.c, checks and audits; the actor is "cli").
*/
#include "cli.h"
#include "sop/absence.h"
#include <stdlib.h>
#include <string.h>

/* The options only this command reads, taken out of argv before the shared ones. */
typedef struct AbsenceOpts { const char *kind, *replacement, *note; } AbsenceOpts;

/* Take --kind, --replacement and --note (each with its value) out of argv; 2 after saying so
** when one lacks its value, else 0. */
static int absence_cli_take(int *argc, char **argv, AbsenceOpts *ao){
  static const char *const names[] = { "--kind", "--replacement", "--note" };
  const char **slots[] = { &ao->kind, &ao->replacement, &ao->note };
  int k = 0;
  memset(ao, 0, sizeof *ao);
  for(int i=0; i<*argc; i++){
    int which = -1;
    for(int j=0; j<(int)COUNT(names); j++) if( strcmp(argv[i], names[j])==0 ) which = j;
    if( which<0 ){ argv[k++] = argv[i]; continue; }
    if( i+1>=*argc || strncmp(argv[i+1], "--", 2)==0 ){   /* "--note --data D": not its value */
      fprintf(stderr, "%s: %s needs a value\n", cli_who(), names[which]);
      return 2;
    }
    *slots[which] = argv[++i];
  }
  *argc = k;
  return 0;
}

/* The option a field of the service's errors is given with ("from" → "--from"). */
static const char *absence_cli_option(const char *field){
  static const char *const map[][2] = {
    { "from", "--from" }, { "to", "--to" }, { "kind", "--kind" }, { "replacement", "--replacement" }, { "note", "--note" },
  };
  for(size_t i=0; field && i<COUNT(map); i++) if( strcmp(field, map[i][0])==0 ) return map[i][1];
  return field;
}

/* Say each error of e (the service's), naming the option; the exit status for rc. */
static int absence_cli_fail(Db *db, int rc, const Err *e){
  if( e->msg==0 ){ fprintf(stderr, "%s: %s\n", cli_who(), db_errmsg(db)); return 1; }
  for(int i=0; i<err_count(e); i++){
    ErrItem it = err_item(e, i);
    const char *opt = absence_cli_option(it.field);
    fprintf(stderr, "%s: %s%s%s\n", cli_who(), opt ? opt : "", opt ? ": " : "", err_en_item(&it));
  }
  return rc==ERR_INVALID ? 2 : 1;   /* a bad value: usage; an overlap, one that is over: it failed */
}

/* The user USERNAME of office off, or 1 after saying there is none. */
static int absence_cli_user(Db *db, const Office *off, const char *name, User *u){
  if( user_by_name(db, name, u)==OK && user_in_office(db, u->id, off->id) ) return 0;
  fprintf(stderr, "%s: no user %s in office %s\n", cli_who(), name, off->code);
  return 1;
}

/* Print one absence: a line, or (json) a member of a list after sep. */
static void absence_cli_print(const Absence *x, const char *today, int json, const char *sep){
  int current = strcmp(x->from, today)<=0 && strcmp(today, x->to)<=0;
  if( json ){
    Buf b = BUF_INIT;
    absence_json(&b, x, current);
    printf("%s%s", sep, buf_str(&b));
    buf_free(&b);
    return;
  }
  printf("%6lld  %s..%s  %-10s  %-16s  stand-in %s%s%s%s\n", (long long)x->id, x->from, x->to, x->kind,
         x->username, x->replacement ? x->replacement : "-", current ? "  (now)" : "", *x->note ? "  -- " : "", x->note);
}

/* `absence add USERNAME --from DAY --to DAY --kind K --replacement USERNAME [--note TEXT]`. */
static int absence_cli_add(Db *db, const Opts *o, const Office *off, const AbsenceOpts *ao){
  if( o->nargs!=2 ){ fprintf(stderr, "%s: give the user who is away: absence add USERNAME --from DAY --to DAY …\n", cli_who()); return 2; }
  User u;
  if( absence_cli_user(db, off, o->args[1], &u) ) return 1;
  AbsenceIn in = { o->from, o->to, ao->kind, ao->replacement, ao->note };
  Actor who = cli_actor;
  who.office_id = off->id;
  Err e = {0};
  int64_t id = 0;
  Arena a;
  arena_init(&a);
  int rc = absence_add(db, &who, off, &u, &in, "en", &id, &e, &a);
  if( rc==OK ) printf("Absence %lld set: %s away %s..%s, %s stands in (office %s).\n",
                      (long long)id, u.username, o->from, o->to, ao->replacement, off->code);
  arena_free(&a);
  return rc==OK ? 0 : absence_cli_fail(db, rc, &e);
}

/* `absence list [USERNAME] [--json]`: the user's absences, or the office's current ones. */
static int absence_cli_list(Db *db, const Opts *o, const Office *off){
  User u;
  if( o->nargs==2 && absence_cli_user(db, off, o->args[1], &u) ) return 1;
  Absence *v;
  int n;
  Arena a;
  arena_init(&a);
  int rc = o->nargs==2 ? absence_list(db, off->id, u.id, &v, &n, &a) : absence_today_list(db, off->id, time_now(), &v, &n, &a);
  if( rc!=OK ){ fprintf(stderr, "%s: %s\n", cli_who(), db_errmsg(db)); arena_free(&a); return 1; }
  char today[11];
  time_day_text(today, time_now(), off->tz);
  if( o->json ) printf("[");
  for(int i=0; i<n; i++) absence_cli_print(&v[i], today, o->json, i ? "," : "");
  if( o->json ) printf("]\n");
  else if( n==0 && o->nargs==2 ) printf("%s has no absences in office %s.\n", u.username, off->code);
  else if( n==0 ) printf("No one in office %s is away today (%s).\n", off->code, today);
  arena_free(&a);
  return 0;
}

/* `absence remove USERNAME ID`: cancel one that is not over. */
static int absence_cli_remove(Db *db, const Opts *o, const Office *off){
  if( o->nargs!=3 ){ fprintf(stderr, "%s: give the user and the absence's number (absence list USERNAME shows it)\n", cli_who()); return 2; }
  long long id = util_id(o->args[2]);   /* "3x", "-1", a number past 18 digits: not one absence list prints */
  if( id==0 ){ fprintf(stderr, "%s: %s is not an absence's number\n", cli_who(), o->args[2]); return 2; }
  User u;
  if( absence_cli_user(db, off, o->args[1], &u) ) return 1;
  Actor who = cli_actor;
  who.office_id = off->id;
  Err e = {0};
  Arena a;
  arena_init(&a);
  int rc = absence_cancel(db, &who, off, &u, id, &e, &a);
  Absence was;
  if( rc==ERR_CONFLICT && absence_get(db, off->id, u.id, id, &was, &a)==OK ){   /* over: remove has no --to to name */
    fprintf(stderr, "%s: absence %lld of %s ended on %s: one over stays as it was\n", cli_who(), id, u.username, was.to);
    arena_free(&a);
    return 1;
  }
  arena_free(&a);
  if( rc==ERR_NOTFOUND ){ fprintf(stderr, "%s: %s has no absence %lld in office %s\n", cli_who(), u.username, id, off->code); return 1; }
  if( rc!=OK ) return absence_cli_fail(db, rc, &e);
  printf("Absence %lld of %s cancelled.\n", id, u.username);
  return 0;
}

/* `loket absence add|list|remove`. */
int cmd_absence(int argc, char **argv){
  AbsenceOpts ao;
  char **av = xmalloc(sizeof(char*)*(size_t)(argc+1));
  memcpy(av, argv, sizeof(char*)*(size_t)argc);
  int ac = argc;
  Opts o;
  int bad = absence_cli_take(&ac, av, &ao) || opts_parse(ac, av, &o);
  free(av);
  if( bad ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("absence", o.help ? stdout : stderr);
  const char *sub = o.args[0];
  if( strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "remove") ){
    fprintf(stderr, "loket absence: unknown subcommand %s (add, list, remove)\n", sub);
    return 2;
  }
  if( opts_extra("absence", o.args, o.nargs) ) return 2;
  int reads = !strcmp(sub, "list");
  if( startup() || data_open(&o, DATA_MUST_EXIST | (reads ? DATA_READS : 0)) ) return 1;
  Db *db = db_thread();
  Office off;
  int rc = 1;
  char cmd[32];
  snprintf(cmd, sizeof cmd, "absence %s", sub);
  if( cli_office(db, &o, &off, cmd)==OK ){
    if( !strcmp(sub, "add") ) rc = absence_cli_add(db, &o, &off, &ao);
    else if( reads ) rc = absence_cli_list(db, &o, &off);
    else rc = absence_cli_remove(db, &o, &off);
  }
  db_global_close();
  return rc;
}
