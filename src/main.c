/*
** main.c — the `loket` command: init, serve, user, audit, backup, routes, version.
** Errors go to stderr with a non-zero exit and say what to do next.
*/
#include "cli.h"
#include "desk/verify.h"
#include "http/http.h"
#include "sop/watch.h"
#include "sop/attach.h"
#include "db/search.h"
#include "desk/training.h"
#include "desk/helpdesk.h"
#include "desk/portal.h"
#include "desk/accounts.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <sys/file.h>
#include <errno.h>

void web_init(void);

typedef struct Cmd {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *usage;
  const char *help;
} Cmd;

static const Cmd *cmd_find(const char *name);
static char who_runs[96] = "loket";   /* set by opts_allowed: "loket CMD SUB" */

/* The option of `loket user` and `loket office` that carried a service's field, for a message that
** names what to change: full_name is --name, email --email; a field no option carries as it is. */
static const char *cli_field(const char *field){
  static const char *const opt[][2] = { { "full_name", "--name" }, { "email", "--email" },
    { "office", "--office" }, { "name", "--name" }, { "tz", "--tz" }, { "public_url", "--public-url" },
    { "phone", "--phone" }, { "address", "--address" } };
  for(size_t i=0; field && i<COUNT(opt); i++) if( strcmp(field, opt[i][0])==0 ) return opt[i][1];
  return field;
}

/* The command (and subcommand) being run, as its messages start: "loket office add". */
const char *cli_who(void){
  return who_runs;
}
static int data_not_folder(const char *dir, const char *cmd);

/* A pass after the SLA watcher's: the names no account has forgotten once quiet (desk/auth.c). */
static int auth_watch(Db *db, int64_t now, WatchCounts *cnt){
  (void)cnt;
  int pruned;
  return auth_unknown_prune(db, now, &pruned);
}

/* Parse "--key value" options and positional arguments; 0 on success. */
int opts_parse(int argc, char **argv, Opts *o){
  memset(o, 0, sizeof *o);
  o->data = getenv("LOKET_DATA");
  if( o->data && !*o->data ) o->data = 0;   /* set but empty: none, as not set */
  for(int i=0; i<argc; i++){
    const char *a = argv[i];
    const char **slot = 0;
    if( util_utf8_bad_line(a, strlen(a)) ){
      fprintf(stderr, "%s: an argument is not UTF-8 text (check the terminal's encoding)\n", cli_who());
      return 2;
    }
    if( !strcmp(a,"--help") || !strcmp(a,"-h") ){ o->help = 1; continue; }
    if( !strcmp(a,"--json") ){ o->json = 1; continue; }
    if( !strcmp(a,"--password-stdin") ){ o->password_stdin = 1; continue; }
    if( !strcmp(a,"--must-change") ){ o->must_change = 1; continue; }
    if( !strcmp(a,"--data") ) slot = &o->data;
    else if( !strcmp(a,"--listen") ) slot = &o->listen;
    else if( !strcmp(a,"--role") || !strcmp(a,"--roles") ) slot = &o->role;
    else if( !strcmp(a,"--name") ) slot = &o->name;
    else if( !strcmp(a,"--email") ) slot = &o->email;
    else if( !strcmp(a,"--office") ) slot = &o->office;
    else if( !strcmp(a,"--office-name") ) slot = &o->office_name;
    else if( !strcmp(a,"--tz") ) slot = &o->tz;
    else if( !strcmp(a,"--public-url") ) slot = &o->public_url;
    else if( !strcmp(a,"--phone") ) slot = &o->phone;
    else if( !strcmp(a,"--address") ) slot = &o->address;
    else if( !strcmp(a,"--year") ) slot = &o->year;
    else if( !strcmp(a,"--db") ) slot = &o->db;
    else if( !strcmp(a,"--db-replica") ) slot = &o->db_replica;
    else if( !strcmp(a,"--from") ) slot = &o->from;
    else if( !strcmp(a,"--to") ) slot = &o->to;
    else if( !strcmp(a,"--head") || !strcmp(a,"--expect") ) slot = &o->head;
    if( slot ){
      /* "--year --data D": the next option is not this one's value */
      if( i+1>=argc || strncmp(argv[i+1], "--", 2)==0 ){ fprintf(stderr, "%s: %s needs a value\n", cli_who(), a); return 1; }
      *slot = argv[++i];
      continue;
    }
    if( a[0]=='-' && a[1] ){ fprintf(stderr, "%s: unknown option %s (see --help)\n", cli_who(), a); return 1; }
    if( o->nargs>=(int)COUNT(o->args) ){ fprintf(stderr, "%s: too many arguments\n", cli_who()); return 1; }
    o->args[o->nargs++] = argv[i];
  }
  return 0;
}

/* Each command and subcommand: how many words it takes (the subcommand counted; -1 any number:
** the rest is a slip to say, not to ignore) and the options it reads. Any other option is refused
** naming it (opts_allowed); --help/-h and --data DIR are global, taken by every command. --db is
** read by every command that opens a data folder (data_open). */
static const struct { const char *cmd, *sub; int max; const char *opts; } arity[] = {
  { "init", 0, 0, "--db --office --office-name --tz --password-stdin" },
  { "serve", 0, 0, "--db --db-replica --listen" },
  { "routes", 0, 0, "--json" }, { "version", 0, 0, "" }, { "migrate", 0, 0, "--from --to" },
  { "backup", 0, 1, "--db" }, { "audit", "verify", 1, "--db --head --expect" },
  { "user", "list", 1, "--db --json" },
  { "user", "add", 2, "--db --role --roles --name --email --office --must-change --password-stdin" },
  { "user", "passwd", 2, "--db --must-change --password-stdin" }, { "user", "disable", 2, "--db" },
  { "user", "enable", 2, "--db" }, { "user", "unlock", 2, "--db" }, { "user", "roles", 2, "--db --role --roles --office" },
  { "office", "list", 1, "--db --json" }, { "office", "add", 2, "--db --name --tz --public-url" },
  { "office", "set", 2, "--db --name --tz --public-url --phone --email --address" },
  { "calendar", "list", 1, "--db --office --year --json" }, { "calendar", "import", 2, "--db --office" },
  { "calendar", "add", 3, "--db --office --kind" }, { "calendar", "remove", 2, "--db --office" },
  { "calendar", "hours", -1, "--db --office" },
  { "calendar", "period", -1, "--db --office --from --to --name --json" },
  { "mail", "test", 2, "--db --office" }, { "mail", "list", 1, "--db --json" }, { "mail", "retry", -1, "--db" }, { "mail", "inbox", 1, "--db --json --office" }, { "sla", "run", 1, "--db" },
  { "directory", "import", 2, "--db --office --dry-run" },
  { "accounts", "year-end", 1, "--db --office --dry-run --rule" }, { "blacklist", "import", 2, "--db --office" },
  { "verification", "watch", 1, "--db" },
  { "absence", "add", 2, "--db --office --from --to --kind --replacement --note" },
  { "absence", "list", 2, "--db --office --json" }, { "absence", "remove", 3, "--db --office" },
  { "sop", "check", -1, "" }, { "sop", "list", 1, "--json --lang" }, { "sop", "show", 2, "--json --lang --revision --text" },
  { "sop", "load", -1, "--db" }, { "sop", "revisions", 2, "--json" }, { "sop", "retire", 2, "--db" },
  { "sop", "restore", 2, "--db" },
};

/* The options that take a value (the word after them is not a subcommand). --file is read by no
** command any more: kept here so that in "calendar --file X import" X is not taken for one. */
static const char *const opt_valued[] = {
  "--data", "--listen", "--role", "--roles", "--name", "--email", "--office", "--office-name", "--tz", "--public-url", "--file",
  "--year", "--db", "--db-replica", "--from", "--to", "--head", "--expect", "--kind", "--rule", "--lang", "--revision",
  "--phone", "--address",
  "--replacement", "--note",
};

/* 1 when the word w is in the space-separated list. */
static int word_in(const char *list, const char *w){
  size_t n = strlen(w);
  for(const char *z = list; (z = strstr(z, w))!=0; z += n){
    if( (z==list || z[-1]==' ') && (z[n]==' ' || z[n]==0) ) return 1;
  }
  return 0;
}

/* 1 when option a takes a value and argv[i+1] is one (not another option). */
static int opt_takes(const char *a, int i, int argc, char **argv){
  for(size_t k=0; k<COUNT(opt_valued); k++){
    if( strcmp(opt_valued[k], a)==0 ) return i+1<argc && strncmp(argv[i+1], "--", 2)!=0;
  }
  return 0;
}

/* 1 when options a and b are the same, under either name (--roles is --role, --expect --head). */
static int opt_same(const char *a, const char *b){
  static const char *const alias[][2] = { { "--roles", "--role" }, { "--expect", "--head" } };
  for(size_t k=0; k<COUNT(alias); k++){
    if( !strcmp(a, alias[k][0]) ) a = alias[k][1];
    if( !strcmp(b, alias[k][0]) ) b = alias[k][1];
  }
  return strcmp(a, b)==0;
}

/* The value of option a given earlier than argv[i] (a value taken once, not twice), else 0. */
static const char *opt_repeated(const char *a, int i, char **argv){
  for(int j=0; j<i; j++){
    if( argv[j][0]=='-' && argv[j][1] && opt_takes(argv[j], j, i, argv) ){
      if( opt_same(argv[j], a) ) return argv[j+1];
      j++;
    }
  }
  return 0;
}

/* 2 after saying so when cmd's arguments hold an option its subcommand does not read (the table
** above), else 0. With --help anywhere, or a subcommand not in the table, the command says. */
static int opts_allowed(const char *cmd, int argc, char **argv){
  const char *sub = 0;
  for(int i=0; i<argc; i++){
    const char *a = argv[i];
    if( !strcmp(a, "--help") || !strcmp(a, "-h") ) return 0;
    if( a[0]=='-' && a[1] ){ if( opt_takes(a, i, argc, argv) ) i++; continue; }
    if( sub==0 ) sub = a;
  }
  size_t row = COUNT(arity);
  for(size_t i=0; i<COUNT(arity) && row==COUNT(arity); i++){
    if( strcmp(arity[i].cmd, cmd) ) continue;
    if( arity[i].sub==0 || (sub && strcmp(arity[i].sub, sub)==0) ) row = i;
  }
  snprintf(who_runs, sizeof who_runs, "loket %s%s%s", cmd, row<COUNT(arity) && arity[row].sub ? " " : "",
           row<COUNT(arity) && arity[row].sub ? arity[row].sub : "");
  if( row==COUNT(arity) ) return 0;
  const char *data = 0;
  for(int i=0; i<argc; i++){
    const char *a = argv[i];
    if( !(a[0]=='-' && a[1]) ) continue;
    if( strcmp(a, "--data") && !word_in(arity[row].opts, a) ){
      fprintf(stderr, "loket %s%s%s: unknown option %s (see: loket help %s)\n",
              cmd, arity[row].sub ? " " : "", arity[row].sub ? arity[row].sub : "", a, cmd);
      return 2;
    }
    if( !strcmp(a, "--data") ) data = i+1<argc ? argv[i+1] : "";
    if( opt_takes(a, i, argc, argv) && opt_repeated(a, i, argv) ){
      fprintf(stderr, "loket %s%s%s: %s given twice (\"%s\", then \"%s\"): give it once%s\n",
              cmd, arity[row].sub ? " " : "", arity[row].sub ? arity[row].sub : "", a, opt_repeated(a, i, argv),
              argv[i+1], opt_same(a, "--role") ? ", the roles in one, comma-separated: --role staf,helpdesk" : "");
      return 2;
    }
    char err[512];
    if( !strcmp(a, "--db") && i+1<argc && db_addr_check(argv[i+1], err, sizeof err)!=OK ){
      fprintf(stderr, "loket %s%s%s: --db: %s\n", cmd, arity[row].sub ? " " : "", arity[row].sub ? arity[row].sub : "", err);
      return 2;
    }
    /* --office "" names no office: said as the missing value it is, not "no office " */
    if( !strcmp(a, "--office") && i+1<argc && !*argv[i+1] ){
      fprintf(stderr, "loket %s%s%s: --office needs a value: an office's code (see loket office list)\n",
              cmd, arity[row].sub ? " " : "", arity[row].sub ? arity[row].sub : "");
      return 2;
    }
    if( opt_takes(a, i, argc, argv) ) i++;
  }
  char what[64];
  snprintf(what, sizeof what, "loket %s%s%s", cmd, arity[row].sub ? " " : "", arity[row].sub ? arity[row].sub : "");
  /* --data "" (a shell variable not set, a quote left empty) names no folder: said, not looked for */
  if( data && !*data ){ fprintf(stderr, "%s: --data needs a value: the data folder\n", what); return 2; }
  /* a command that opens a data folder (it reads --db) without one named, or naming a file: usage
  ** too (init says its own when none is named); LOKET_DATA empty is none */
  if( !word_in(arity[row].opts, "--db") ) return 0;
  if( data==0 && getenv("LOKET_DATA") && *getenv("LOKET_DATA") ) data = getenv("LOKET_DATA");
  if( data==0 && strcmp(cmd, "init") ){
    fprintf(stderr, "%s: say which data folder: --data DIR (or set LOKET_DATA)\n", what);
    return 2;
  }
  return data && *data && data_not_folder(data, what) ? 2 : 0;
}

/* 2 after saying so when cmd was given more words than it takes (args[0] its subcommand), else 0. */
int opts_extra(const char *cmd, char *const *args, int nargs){
  for(size_t i=0; i<COUNT(arity); i++){
    if( strcmp(arity[i].cmd, cmd) ) continue;
    if( arity[i].sub && (nargs==0 || strcmp(arity[i].sub, args[0])) ) continue;
    if( arity[i].max<0 || nargs<=arity[i].max ) return 0;
    fprintf(stderr, "loket %s%s%s: unexpected argument \"%s\" (see loket %s --help; quote a value with spaces)\n",
            cmd, arity[i].sub ? " " : "", arity[i].sub ? arity[i].sub : "", args[arity[i].max], cmd);
    return 2;
  }
  return 0;
}

/* The length of the word of usage at z (a space outside brackets ends it), in bytes. */
static size_t usage_word(const char *z){
  int depth = 0;
  size_t n = 0;
  for(; z[n] && (depth>0 || z[n]!=' '); n++){
    if( z[n]=='[' ) depth++;
    else if( z[n]==']' && depth>0 ) depth--;
  }
  return n;
}

/* Print usage after lead, wrapped to 100 columns as the help text under it is: an alternative
** (after " | ") goes on a line of its own when it does not fit, else the words outside brackets
** wrap; the lines after the first are indented (see cli.h). */
void usage_wrap(FILE *f, const char *lead, const char *usage, int indent){
  size_t col = util_utf8_len(lead);
  fputs(lead, f);
  const char *z = usage;
  while( *z==' ' ) z++;
  int first = 1;
  while( *z ){
    /* one alternative: the words up to a lone "|" */
    const char *alt = z, *end = z;
    while( *end && !(end[0]=='|' && end[1]==' ' && end>alt && end[-1]==' ') ){
      end += usage_word(end);
      while( *end==' ' ) end++;
    }
    while( end>alt && end[-1]==' ' ) end--;
    char one[1024];
    snprintf(one, sizeof one, "%.*s", (int)(end-alt), alt);
    if( !first ){
      if( col+3+util_utf8_len(one)>100 ){ fprintf(f, "\n%*s| ", indent, ""); col = (size_t)indent+2; }
      else{ fputs(" | ", f); col += 3; }
    }
    for(const char *w = one; *w; ){
      size_t n = usage_word(w);
      char word[512];
      snprintf(word, sizeof word, "%.*s", (int)n, w);
      size_t len = util_utf8_len(word);
      if( w>one && col+1+len>100 ){ fprintf(f, "\n%*s", indent, ""); col = (size_t)indent; }
      else if( w>one ){ fputc(' ', f); col++; }
      fputs(word, f);
      col += len;
      for(w += n; *w==' '; w++){}
    }
    first = 0;
    z = end;
    while( *z==' ' ) z++;
    if( *z=='|' ) for(z++; *z==' '; z++){}
  }
  fputc('\n', f);
}

/* Print a command's usage and help text; for a command that opens the data folder and whose
** usage does not say --db, the line that says it takes one (the arity table's options). */
int cmd_usage(const char *name, FILE *f){
  const Cmd *c = cmd_find(name);
  if( c==0 ) return f==stdout ? 0 : 2;
  usage_wrap(f, "usage: loket ", c->usage, 6);
  fprintf(f, "\n%s\n", c->help);
  if( !strcmp(name, "user") ) for(int i=0; i<ROLE_COUNT; i++) fprintf(f, "  %-18s %s\n", role_names[i], role_purpose(i));
  int db = 0;
  for(size_t i=0; i<COUNT(arity); i++) if( !strcmp(arity[i].cmd, name) && word_in(arity[i].opts, "--db") ) db = 1;
  if( db && strstr(c->usage, "--db")==0 ){
    fprintf(f, "--db postgresql://… opens that database instead of loket.conf's db (else DIR/loket.db),\n"
               "as every command that opens the data folder does.\n");
  }
  return f==stdout ? 0 : 2;
}

/* The database of a data folder: --db, else loket.conf's `db`, else DIR/loket.db; how long
** its writes wait for a lock (db_busy_timeout_seconds); and the share of a standard its warning
** comes at (sla_warn_percent), for every command that opens it: a clock the command starts or
** moves (`loket calendar add` lays running clocks again) is warned at the office's own share.
** A loket.conf that does not parse is an error (it might hide the db line). */
static int data_addr(const Opts *o, char *out, size_t n){
  char conf[4096], err[1024];
  snprintf(conf, sizeof conf, "%s/loket.conf", o->data);
  Config c;
  config_defaults(&c);
  if( config_load(&c, conf, err, sizeof err)!=OK ){ fprintf(stderr, "%s: %s\n", cli_who(), err); return 1; }
  if( db_addr_check(c.db, err, sizeof err)!=OK ){ fprintf(stderr, "%s: %s: db: %s\n", cli_who(), conf, err); return 1; }
  db_busy_set(c.db_busy_timeout_s);
  watch_configure(c.sla_warn_percent);
  config_public_url_set(c.public_url);   /* what an office's links start with when it has no address of its own */
  if( o->db && *o->db ) snprintf(out, n, "%s", o->db);
  else if( c.db[0] ) snprintf(out, n, "%s", c.db);
  else snprintf(out, n, "%s/loket.db", o->data);
  return 0;
}

/* 1 after saying so when dir is there but is not a folder (a file given to --data, or set as
** LOKET_DATA: dir is then getenv's own string, and the message names the variable). */
static int data_not_folder(const char *dir, const char *cmd){
  struct stat st;
  if( stat(dir, &st)!=0 || S_ISDIR(st.st_mode) ) return 0;
  fprintf(stderr, "%s: %s%s is a file, not a folder: give the data folder (loket init --data DIR makes one)\n",
          cmd, dir==getenv("LOKET_DATA") ? "LOKET_DATA=" : "--data ", dir);
  return 1;
}

/* The office of --office CODE, else the first, for command cmd; says on stderr what to do
** when there is none (the codes are in `loket office list`). */
int cli_office(Db *db, const Opts *o, Office *off, const char *cmd){
  int rc = o->office ? office_by_code(db, o->office, off) : office_first(db, off);
  if( rc==ERR_NOTFOUND && o->office ) fprintf(stderr, "loket %s: no office %s (see loket office list)\n", cmd, o->office);
  else if( rc==ERR_NOTFOUND ) fprintf(stderr, "loket %s: no office yet: run loket init first\n", cmd);
  else if( rc!=OK ) fprintf(stderr, "loket %s: cannot read the offices: %s\n", cmd, db_errmsg(db));
  return rc;
}

/* Open the database of a data folder (flags DATA_*); prints what to do when it is not there,
** or, for a command that writes, when this user cannot write it. */
int data_open(const Opts *o, int flags){
  int must_exist = flags & DATA_MUST_EXIST;
  if( o->data==0 ){
    fprintf(stderr, "loket: say which data folder: --data DIR (or set LOKET_DATA)\n");
    return 1;
  }
  char path[4096], err[512];
  if( data_not_folder(o->data, "loket") ) return 1;
  if( data_addr(o, path, sizeof path) ) return 1;
  int pg = db_is_postgres(path);
  if( must_exist && access(pg ? o->data : path, F_OK)!=0 ){
    fprintf(stderr, "loket: %s is not a Loket data folder: run `loket init --data %s` first\n", o->data, o->data);
    return 1;
  }
  if( pg ) db_folder_set(o->data);   /* keys and kept files stay in the data folder */
  char moved[4200];
  snprintf(moved, sizeof moved, "%s.moved", path);
  if( !pg && !(flags & (DATA_READS|DATA_COPIES)) && access(moved, F_OK)==0 ){
    fprintf(stderr, "loket: %s was moved to PostgreSQL by loket migrate (%s says when): name that database in"
            " %s/loket.conf (db = postgresql://…), or what is written here is not there; to go back to this"
            " file on purpose, remove %s\n", path, moved, o->data, moved);
    return 1;
  }
  /* a command that only reads writes nothing, not even a migration (a read-only standby) */
  int rc = (flags & DATA_COPIES) ? db_global_open_as_is(path, err, sizeof err)
         : (flags & DATA_READS) ? db_global_open_read(path, err, sizeof err)
         : db_writable(path, err, sizeof err)!=OK ? ERR_DB
         : must_exist ? db_global_open_existing(path, err, sizeof err) : db_global_open(path, err, sizeof err);
  if( rc!=OK ){
    fprintf(stderr, "loket: %s\n", err);
    return 1;
  }
  return 0;
}

/* Hold the data folder (a flock on the folder itself, kept until the process ends): shared by
** each `loket serve` on it, alone (exclusive) to ask whether anything serves it. 0 when held,
** 1 when another holds it the other way, -1 when the folder cannot be opened. */
int data_hold(const char *dir, int alone){
  int fd = open(dir, O_RDONLY|O_DIRECTORY|O_CLOEXEC);
  if( fd<0 ) return -1;
  if( flock(fd, (alone ? LOCK_EX : LOCK_SH)|LOCK_NB)!=0 ){
    close(fd);
    return errno==EWOULDBLOCK ? 1 : -1;
  }
  if( alone ) close(fd);   /* only asked: nothing serves it now */
  return 0;
}

/* Load what every command that touches data needs: the permission matrix. */
int startup(void){
  char err[512];
  const Embedded *e = embed_find("data/permissions.txt");
  if( util_init()!=OK ){ fprintf(stderr, "loket: libsodium failed to start\n"); return 1; }
  if( e==0 ){ fprintf(stderr, "loket: data/permissions.txt is missing from the build\n"); return 1; }
  char *text = xmalloc(e->len+1);
  memcpy(text, e->data, e->len);
  text[e->len] = 0;
  int rc = perm_load(text, err, sizeof err);
  free(text);
  if( rc!=OK ){ fprintf(stderr, "loket: %s\n", err); return 1; }
  if( i18n_load(err, sizeof err)!=OK ){ fprintf(stderr, "loket: %s\n", err); return 1; }
  watch_hook_add(training_watch);           /* training preparation reminders and breaches, after each SLA pass */
  watch_hook_add(auth_watch);               /* login_unknown pruned, after each SLA pass */
  calendar_hook_add(training_calendar_shift); /* a calendar change: open preparation deadlines counted again */
  case_close_hook_add(escalation_on_close); /* the national office closes a linked case: the origin's escalation answered */
  case_close_hook_add(bidding_on_close);    /* a bidding-room visit ends: the provider reported out of the room */
  case_close_hook_add(portal_on_close);     /* a portal ticket's requester told it is closed or cancelled */
  case_reopen_hook_add(escalation_on_reopen); /* reopened while LKPP has not answered: held again */
  case_reopen_hook_add(portal_on_reopen);     /* a portal ticket's next closing is rated anew */
  case_step_hook_add(stepreg_on_step);        /* a step done: the disposition that routed the case to it carried out */
  case_close_hook_add(stepreg_on_close);      /* a case cancelled: the dispositions routing it to the step ended closed */
  case_close_hook_add(training_on_close);     /* a training's case cancelled only by cancelling the training */
  case_step_owner_add(desk_step_owner);     /* an account request's or a verification's steps: through it */
  case_steppers_set(perm_holders("case.step")); /* who may be given a step: those who can complete it */
  const char *fake = getenv("LOKET_TEST_NOW");   /* tests: a frozen clock, so due times can be worked by hand */
  if( fake && *fake ){
    int64_t t;
    if( time_parse_iso(fake, &t)!=OK ){ fprintf(stderr, "loket: LOKET_TEST_NOW: not an ISO 8601 time: %s\n", fake); return 1; }
    time_set_fake(t);
    log_warn("clock frozen at %s (LOKET_TEST_NOW): not for a real office", fake);
  }
  const char *window = getenv("LOKET_TEST_CASE_WINDOW");   /* tests: a few cases reach the case search's index */
  if( window && *window ){
    case_list_window_set(atoi(window));
    log_warn("case search reads %d cases before its index (LOKET_TEST_CASE_WINDOW)", atoi(window));
  }
  const char *pwindow = getenv("LOKET_TEST_PARTY_WINDOW");   /* tests: the directory's search by its index alone (0) */
  if( pwindow && *pwindow ){
    party_search_window_set(atoi(pwindow));
    log_warn("directory search reads %d entries before its index (LOKET_TEST_PARTY_WINDOW)", atoi(pwindow));
  }
  for(size_t i=0; i<routes_count; i++){
    if( !perm_known(routes[i].perm) ){
      fprintf(stderr, "loket: route %s %s names permission \"%s\", which is not in the matrix\n",
              routes[i].method, routes[i].path, routes[i].perm);
      return 1;
    }
  }
  return 0;
}

const Actor cli_actor = { 0, "cli", 0, "" };

/* Split "a,b,c" into the roles array; returns the count. */
static int split_roles(char *z, const char **roles, int max){
  int n = 0;
  char *save = 0;
  for(char *t = strtok_r(z, ", ", &save); t && n<max; t = strtok_r(0, ", ", &save)) roles[n++] = t;
  return n;
}

/* 0 when every role is known; else says which is not, and the roles there are, and 2. */
static int roles_known(const char *cmd, const char *const *roles, int n){
  for(int i=0; i<n; i++){
    if( role_index(roles[i])>=0 ) continue;
    Buf all = BUF_INIT;
    roles_text((1u<<ROLE_COUNT) - 1, &all);
    fprintf(stderr, "loket %s: unknown role \"%s\"; the roles are: %s\n", cmd, roles[i], buf_str(&all));
    buf_free(&all);
    return 2;
  }
  return 0;
}

/* Read one line from stdin (a password), without the newline. */
static int read_line(char *out, size_t n){
  if( fgets(out, (int)n, stdin)==0 ) return 0;
  out[strcspn(out, "\r\n")] = 0;
  return 1;
}

/* The password to set for command cmd: --password-stdin, envname, or a generated one (printed). */
static const char *password_from(const Opts *o, const char *cmd, const char *envname, char *buf, size_t n, int *generated){
  *generated = 0;
  if( o->password_stdin ){
    if( !read_line(buf, n) ){
      fprintf(stderr, "loket %s: --password-stdin: no password on standard input: give it on the first line,"
                      " or leave --password-stdin out\n", cmd);
      return 0;
    }
    return buf;
  }
  const char *env = getenv(envname);
  if( env && *env ) return env;
  util_random_password(buf, 16);
  *generated = 1;
  return buf;
}

/* `loket init`: create the data folder, the database, the office and the admin. */
/* Write a new loket.conf: every setting commented, and the database's line when given (every
** later command finds it there). Mode 0600: the file may come to hold the SMTP relay's password. */
static int init_conf(const char *conf, const char *dburl){
  int fd = open(conf, O_WRONLY|O_CREAT|O_EXCL, 0600);
  if( fd<0 ) return ERR_IO;
  Buf t = BUF_INIT;
  config_template(&t);
  if( dburl && *dburl ) buf_printf(&t, "db = %s\n", dburl);
  log_line(fd, t.z, t.n);
  buf_free(&t);
  close(fd);
  return OK;
}

/* Load the folder's verify.key and secret.key, making each one missing; *made: 1 when one was. */
static int keys_init(const char *dir, int *made, char *err, size_t errlen){
  char v[4200], c[4200];
  snprintf(v, sizeof v, "%s/verify.key", dir);
  snprintf(c, sizeof c, "%s/secret.key", dir);
  *made = access(v, F_OK)!=0 || access(c, F_OK)!=0;
  return verify_key_init(dir, err, errlen)!=OK || cred_key_init(err, errlen)!=OK ? ERR_IO : OK;
}

/* Name the database at the end of a loket.conf written before `loket init --db` (by hand, from
** docs/deploy.md) that has no db line: the rest of it is kept. */
static int conf_add_db(const char *conf, const char *dburl){
  int fd = open(conf, O_WRONLY|O_APPEND);
  if( fd<0 ) return ERR_IO;
  Buf t = BUF_INIT;
  buf_printf(&t, "\ndb = %s\n", dburl);
  log_line(fd, t.z, t.n);
  buf_free(&t);
  return close(fd)==0 ? OK : ERR_IO;
}

static int fresh_db;   /* cmd_init: the database file did not exist before this run */
static const char *fresh_dir;   /* the data folder `loket init` made (removed again if it fails) */
/* An init that failed: close the database and remove its file when this run made it, so no
** half-made folder (a database with no office, no loket.conf) is left. Returns 1. */
static int init_failed(const char *dbfile){
  db_global_close();
  if( fresh_db ){
    static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
    for(size_t i=0; i<COUNT(ext); i++){
      char f[4200];
      snprintf(f, sizeof f, "%s%s", dbfile, ext[i]);
      unlink(f);
    }
  }
  if( fresh_dir ) rmdir(fresh_dir);   /* the folder this run made, when nothing else is in it */
  return 1;
}

/* On a folder already initialised: each option given, or environment variable set in its stead
** (LOKET_OFFICE_CODE, LOKET_OFFICE_NAME, LOKET_ADMIN_PASSWORD), that init then does not apply,
** named on stdout with the command that does it (nothing when none was given). */
static void init_not_applied(const Opts *o, const char *code){
  const char *d = o->data;
  const char *office = o->office ? o->office : getenv("LOKET_OFFICE_CODE");
  const char *oname = o->office_name ? o->office_name : getenv("LOKET_OFFICE_NAME");
  const char *pw_env = o->password_stdin ? 0 : getenv("LOKET_ADMIN_PASSWORD");
  if( office && *office && strcmp(office, code) )
    printf("  %s%s: not applied; another office is added with: loket office add %s --data %s\n",
           o->office ? "--office " : "LOKET_OFFICE_CODE=", office, office, d);
  if( oname && (o->office_name || *oname) )
    printf("  %s: not applied; office %s is renamed with: loket office set %s --name \"%s\" --data %s\n",
           o->office_name ? "--office-name" : "LOKET_OFFICE_NAME", code, code, oname, d);
  if( o->tz ) printf("  --tz %s: not applied; office %s's zone is set with: loket office set %s --tz %s --data %s\n", o->tz, code, code, o->tz, d);
  if( o->password_stdin ) printf("  --password-stdin: not applied (not read); admin's password is changed with: loket user passwd admin --data %s\n", d);
  if( pw_env && *pw_env )
    printf("  LOKET_ADMIN_PASSWORD: not applied; admin's password is changed with: loket user passwd admin --data %s"
           " (the password from --password-stdin or LOKET_PASSWORD)\n", d);
}

/* loket init: make a data folder (configuration, keys, database with the ten procedures, the admin). */
static int cmd_init(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help ) return cmd_usage("init", stdout);
  if( opts_extra("init", o.args, o.nargs) ) return 2;
  if( o.data==0 ){ fprintf(stderr, "loket init: say where: --data DIR (or set LOKET_DATA)\n"); return 2; }
  if( data_not_folder(o.data, "loket init") ) return 2;
  if( o.tz ){   /* a malformed zone is a usage error, on an initialised folder too (where it is not used) */
    const char *tz = o.tz;
    Err te = {0};
    if( office_check(0, &tz, &te)!=OK ){ fprintf(stderr, "loket init: --tz: %s (not \"%s\")\n", err_en(&te), o.tz); return 2; }
  }
  if( access(o.data, F_OK)!=0 ) fresh_dir = o.data;
  if( util_mkdir_p(o.data)!=OK ){ fprintf(stderr, "loket init: cannot create the folder %s: %s\n", o.data, strerror(errno)); return 1; }
  char dbfile[4096], conf[4096];
  snprintf(dbfile, sizeof dbfile, "%s/loket.db", o.data);
  snprintf(conf, sizeof conf, "%s/loket.conf", o.data);
  /* a loket.conf already there (written by hand) must name --db's database, or come to */
  int conf_no_db = 0;
  if( o.db && *o.db && access(conf, F_OK)==0 ){
    Config c;
    char cerr[1024];
    config_defaults(&c);
    if( config_load(&c, conf, cerr, sizeof cerr)!=OK ){ fprintf(stderr, "loket init: %s\n", cerr); return 1; }
    if( c.db[0] && strcmp(c.db, o.db) ){
      fprintf(stderr, "loket init: %s names another database (its db line) than --db: remove that line, or give"
              " --db the address it names\n", conf);
      return 1;
    }
    conf_no_db = c.db[0]==0;
  }
  fresh_db = (o.db==0 || *o.db==0) && access(dbfile, F_OK)!=0;   /* this run makes the file */
  if( startup() || data_open(&o, 0) || cli_sop_load() ) return init_failed(dbfile);
  Db *db = db_thread();
  Office off;
  if( office_first(db, &off)==OK ){
    if( o.db && *o.db && (conf_no_db || access(conf, F_OK)!=0) ){
      /* another node of a shared PostgreSQL database: its folder gets the loket.conf that names it */
      int rc = conf_no_db ? conf_add_db(conf, o.db) : init_conf(conf, o.db);
      db_global_close();
      if( rc!=OK ){ fprintf(stderr, "loket init: cannot write %s\n", conf); return 1; }
      printf("The database is already initialised (office %s): %s now names it. Copy secret.key and"
             " verify.key from the first node's folder into this one (docs/deploy.md).\n", off.code, conf);
      init_not_applied(&o, off.code);
      return 0;
    }
    printf("Loket data folder %s is already initialised (office %s); nothing changed.\n", o.data, off.code);
    init_not_applied(&o, off.code);
    db_global_close();
    return 0;
  }
  char pwbuf[160];
  int generated;
  const char *pw = password_from(&o, "init", "LOKET_ADMIN_PASSWORD", pwbuf, sizeof pwbuf, &generated);
  if( pw==0 ){ init_failed(dbfile); return 2; }   /* a value missing: usage */
  Err e = {0};
  if( user_validate_password(pw, "admin", &e)!=OK ){
    fprintf(stderr, "loket init: %s: %s\n", o.password_stdin ? "--password-stdin" : "LOKET_ADMIN_PASSWORD", err_en(&e));
    init_failed(dbfile);
    return 2;
  }
  int64_t office_id = 0, uid = 0;
  const char *code = o.office ? o.office : getenv("LOKET_OFFICE_CODE");
  const char *oname = o.office_name ? o.office_name : getenv("LOKET_OFFICE_NAME");
  const char *roles[] = { "admin" };
  int rc = db_begin(db);
  if( rc==OK ) rc = office_create(db, &cli_actor, code ? code : "LPSE", oname ? oname : "LPSE",
                                  o.tz ? o.tz : "WIB", &office_id, &e);
  UserNew un = { office_id, "admin", "Administrator", "", pw, roles, 1, generated };
  Actor who = cli_actor;
  who.office_id = office_id;
  if( rc==OK ) rc = user_create(db, &who, &un, &uid, &e);
  if( rc==OK ) rc = db_commit(db); else db_rollback(db);
  if( rc!=OK ){
    /* the office's code and name come from --office and --office-name here */
    const char *f = util_str_eq(e.field, "code") ? "--office" : util_str_eq(e.field, "name") ? "--office-name" : cli_field(e.field);
    fprintf(stderr, "loket init: %s%s%s\n", f ? f : "", f ? ": " : "", e.msg ? err_en(&e) : db_errmsg(db));
    init_failed(dbfile);
    return rc==ERR_INVALID ? 2 : 1;   /* a bad --office or --tz: usage */
  }
  int conf_written = 0;
  if( access(conf, F_OK)!=0 ) conf_written = init_conf(conf, o.db)==OK;
  else if( conf_no_db && conf_add_db(conf, o.db)!=OK ) fprintf(stderr, "loket init: cannot write %s: add the line db = … to it\n", conf);
  /* on PostgreSQL the first node's keys are made now, for the other nodes to copy: a serve that
  ** has to make its own is then one whose keys were not copied (cmd_serve says so) */
  int made;
  char kerr[512];
  if( strcmp(db_engine_name(), "postgresql")==0 && keys_init(o.data, &made, kerr, sizeof kerr)!=OK )
    fprintf(stderr, "loket init: %s (loket serve makes it at its start)\n", kerr);
  printf("Initialised %s: office %s, user admin.\n", o.data, code ? code : "LPSE");
  if( generated ) printf("Admin password (shown once, change it after signing in): %s\n", pw);
  if( conf_written ) printf("Next: set public_url, smtp_url and smtp_from in %s, then loket serve --data %s\n", conf, o.data);
  db_global_close();
  return 0;
}

static volatile int stop_flag;

/* SIGTERM, SIGINT and SIGHUP ask the server to stop cleanly. */
static void on_signal(int sig){
  UNUSED(sig);
  stop_flag = 1;
}

/* `loket serve`: answer HTTP until SIGTERM. */
static int cmd_serve(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help ) return cmd_usage("serve", stdout);
  if( opts_extra("serve", o.args, o.nargs) ) return 2;
  if( startup() || data_open(&o, 1) || cli_sop_load() ) return 1;
  if( data_hold(o.data, 0)!=0 ) log_warn("%s: cannot hold the data folder; `loket migrate` will not see it served", o.data);
  Config cfg;
  char path[4096], err[1024];
  config_defaults(&cfg);
  snprintf(path, sizeof path, "%s/loket.conf", o.data);
  Err ce = {0};
  if( config_load(&cfg, path, err, sizeof err)!=OK || watch_supervisors(cfg.sla_supervisor_roles, &ce)!=OK ){
    if( ce.field ) fprintf(stderr, "loket serve: %s: %s = %s: %s\n", path, ce.field, cfg.sla_supervisor_roles, err_en(&ce));
    else fprintf(stderr, "loket serve: %s\n", err);
    db_global_close();
    return 1;
  }
  Office nat;
  if( cfg.national_office[0] && office_by_code(db_thread(), cfg.national_office, &nat)!=OK ){
    fprintf(stderr, "loket serve: %s: national_office = %s: no such office here (see loket office list;"
            " leave it empty when LKPP is not an office of this deployment)\n", path, cfg.national_office);
    db_global_close();
    return 1;
  }
  const char *replica = o.db_replica ? o.db_replica : cfg.db_replica;
  if( replica && *replica ){
    int rrc = db_replica_open(replica, cfg.db_replica_max_lag_s, err, sizeof err);
    if( rrc==ERR_INVALID ){
      fprintf(stderr, "loket serve: %s: %s\n", o.db_replica ? "--db-replica" : "db_replica", err);
      db_global_close();
      return o.db_replica ? 2 : 1;   /* given on the command line: usage; loket.conf's: it failed */
    }
    /* a replica down at the start is no reason not to serve: the reports read from the primary */
    if( rrc!=OK ) log_warn("db_replica: %s; reports read from the primary until it answers", err);
    log_info("reports read from the replica while it lags at most %d s", cfg.db_replica_max_lag_s);
  }
  /* --listen, else LOKET_LISTEN (as make run reads it), else loket.conf's listen */
  int listen_env = 0;
  if( o.listen==0 && getenv("LOKET_LISTEN") && getenv("LOKET_LISTEN")[0] ){ o.listen = getenv("LOKET_LISTEN"); listen_env = 1; }
  if( o.listen && config_listen_check(o.listen, 1, err, sizeof err)!=OK ){
    fprintf(stderr, "loket serve: %s %s\n", listen_env ? "LOKET_LISTEN" : "--listen", err);
    db_global_close();
    return 2;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, 0);
  sigaction(SIGINT, &sa, 0);
  sigaction(SIGHUP, &sa, 0);   /* the terminal or ssh session closed: stop cleanly too */
  signal(SIGPIPE, SIG_IGN);
  web_init();
  if( attach_init(err, sizeof err)!=OK ){   /* the magic database, loaded once before the threads start */
    fprintf(stderr, "loket serve: %s\n", err);
    db_global_close();
    return 1;
  }
  /* the key that signs verification cards, and the one that seals credentials: both made
  ** at the first start, for the other nodes' folders to copy (docs/deploy.md) */
  int made;
  if( keys_init(o.data, &made, err, sizeof err)!=OK ){
    fprintf(stderr, "loket serve: %s\n", err);
    db_global_close();
    return 1;
  }
  /* nodes sharing a PostgreSQL database share the keys: the first node's prints are in it */
  if( strcmp(db_engine_name(), "postgresql")==0 ){
    int krc = node_keys_check(db_thread(), err, sizeof err);
    if( krc!=OK ){
      fprintf(stderr, "loket serve: %s\n", krc==ERR_CONFLICT ? err : "the keys' prints could not be checked: the database failed");
      if( krc==ERR_CONFLICT && made ) fprintf(stderr, "loket serve: (this folder's keys were made just now: they were not there)\n");
      db_global_close();
      return 1;
    }
    if( made )   /* recorded as the database's keys just now: right only on the first node */
      log_warn("%s: verify.key or secret.key was not there and was made now, while the PostgreSQL database was"
               " set up before: if another node serves it, stop this one and copy both keys from that node's folder"
               " (docs/deploy.md); with keys of its own a node refuses the cards, links and call forms the others made", o.data);
  }
  /* offices made before they were born with the standard training questionnaire get it now,
  ** so that reading the questionnaires writes nothing */
  if( tq_template_defaults(db_thread())!=OK ){
    fprintf(stderr, "loket serve: the offices' standard questionnaires could not be made: the database failed\n");
    db_global_close();
    return 1;
  }
  {
    /* once, what an operator checks first in the log; the relay and a missing public_url say themselves */
    char where[4096], shown[4096];
    if( data_addr(&o, where, sizeof where)==0 ) util_url_shown(where, 1, shown, sizeof shown);
    else snprintf(shown, sizeof shown, "?");
    log_info("loket %s serving: data folder %s, database %s (%s), listen %s, %d threads, public_url %s", LOKET_VERSION,
             o.data, shown, db_engine_name(), o.listen ? o.listen : cfg.listen, cfg.threads,
             cfg.public_url[0] ? cfg.public_url : "not set");
  }
  office_backup_sweep();   /* the copies for download a server killed meanwhile left in the data folder */
  verify_watch_start(cfg.sla_poll_s);   /* appointment reminders, lapse warnings and lapses */
  sop_watch_start();   /* revisions loaded by another process or node: served within SOP_REFRESH_S seconds */
  search_text_start();   /* new cases and directory entries into the searches' indexes (SQLite), every SEARCH_CATCH_UP_S seconds */
  int rc = http_serve(&cfg, o.listen ? o.listen : cfg.listen, &stop_flag);
  search_text_stop();
  sop_watch_stop();
  verify_watch_stop();
  attach_shutdown();
  db_global_close();
  if( rc==OK ) log_info("stopped cleanly");
  return rc==OK ? 0 : 1;
}

/* Find a user by name for the user subcommand sub; says which names there are when none. */
static int user_lookup(Db *db, const char *sub, const char *name, User *u){
  if( user_by_name(db, name, u)!=OK ){ fprintf(stderr, "loket user %s: no user named %s (see loket user list)\n", sub, name); return 1; }
  return 0;
}

/* `loket user add|passwd|disable|enable|unlock|list`. */
static int cmd_user(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("user", o.help ? stdout : stderr);
  const char *sub = o.args[0], *name = o.nargs>1 ? o.args[1] : 0;
  if( strcmp(sub,"add") && strcmp(sub,"passwd") && strcmp(sub,"disable") && strcmp(sub,"enable")
   && strcmp(sub,"unlock") && strcmp(sub,"list") && strcmp(sub,"roles") ){
    fprintf(stderr, "loket user: unknown subcommand %s (add, passwd, disable, enable, unlock, roles, list)\n", sub);
    return 2;
  }
  if( opts_extra("user", o.args, o.nargs) ) return 2;
  if( strcmp(sub, "list") && name==0 ){ fprintf(stderr, "loket user %s: give the username\n", sub); return 2; }
  if( startup() || data_open(&o, DATA_MUST_EXIST | (strcmp(sub, "list") ? 0 : DATA_READS)) ) return 1;
  Db *db = db_thread();
  User u;
  Err e = {0};
  int rc = 0, src = OK;   /* src: the service's answer (ERR_INVALID, a bad value: exit 2) */
  Actor who = cli_actor;   /* the office of the user changed, so its auditors see the row */
  if( !strcmp(sub, "list") ){
    Stmt *q = db_prepare(db, "SELECT u.id, u.username, u.full_name, u.disabled, u.locked, o.code"
                             " FROM users u JOIN office o ON o.id=u.office_id ORDER BY u.username");
    if( o.json ) printf("[");
    int first = 1;
    while( q && db_step(q)==DB_ROW ){
      Buf rb = BUF_INIT, rj = BUF_INIT;   /* the roles as OFFICE:role, and as JSON objects */
      Stmt *r = db_prepare(db, "SELECT o.code, ur.role FROM user_role ur JOIN office o ON o.id=ur.office_id"
                               " WHERE ur.user_id=?1 ORDER BY o.code, ur.role");
      db_bind_int64(r, 1, db_col_int64(q, 0));
      while( r && db_step(r)==DB_ROW ){
        if( rb.n ) buf_puts(&rb, ",");
        buf_printf(&rb, "%s:%s", db_col_text(r, 0), db_col_text(r, 1));
        buf_printf(&rj, "%R{\"office\":%J,\"role\":%J}", rj.n ? "," : "", db_col_text(r, 0), db_col_text(r, 1));
      }
      db_reset(r);
      const char *state = db_col_int(q, 3) ? "disabled" : db_col_int(q, 4) ? "locked" : "active";
      if( o.json ){
        Buf j = BUF_INIT;
        buf_printf(&j, "%R{\"username\":%J,\"full_name\":%J,\"office\":%J,\"state\":%J,\"roles\":[%R]}",
                   first ? "" : ",", db_col_text(q, 1), db_col_text(q, 2), db_col_text(q, 5), state, buf_str(&rj));
        fputs(buf_str(&j), stdout);
        buf_free(&j);
      }else{
        printf("%-20s %-9s %-30s %s\n", db_col_text(q, 1), state, db_col_text(q, 2), buf_str(&rb));
      }
      first = 0;
      buf_free(&rb);
      buf_free(&rj);
    }
    db_reset(q);
    if( o.json ) printf("]\n");
  }else if( !strcmp(sub, "add") ){
    if( name==0 ){ fprintf(stderr, "loket user add: give the username\n"); rc = 2; goto done; }
    if( o.role==0 ){ fprintf(stderr, "loket user add: give the roles, e.g. --role helpdesk,piket\n"); rc = 2; goto done; }
    Office off;
    if( cli_office(db, &o, &off, "user add")!=OK ){ rc = 1; goto done; }
    char rolebuf[512], pwbuf[160];
    snprintf(rolebuf, sizeof rolebuf, "%s", o.role);
    const char *roles[ROLE_COUNT+1];
    int nroles = split_roles(rolebuf, roles, ROLE_COUNT+1);
    if( nroles==0 ){ fprintf(stderr, "loket user add: a user needs a role: --role helpdesk (or several: --role helpdesk,piket)\n"); rc = 2; goto done; }
    if( roles_known("user add", roles, nroles) ){ rc = 2; goto done; }
    int generated;
    const char *pw = password_from(&o, "user add", "LOKET_PASSWORD", pwbuf, sizeof pwbuf, &generated);
    if( pw==0 ){ rc = 2; goto done; }
    UserNew un = { off.id, name, o.name, o.email, pw, roles, nroles, generated || o.must_change };
    int64_t id;
    who.office_id = off.id;
    if( (src = user_create(db, &who, &un, &id, &e))!=OK ) goto fail;
    printf("User %s created in office %s.\n", name, off.code);
    if( generated ) printf("Password (shown once; to be changed at first sign-in): %s\n", pw);
  }else{
    if( user_lookup(db, sub, name, &u) ){ rc = 1; goto done; }
    who.office_id = u.office_id;
    if( !strcmp(sub, "passwd") ){
      char pwbuf[160];
      int generated;
      const char *pw = password_from(&o, "user passwd", "LOKET_PASSWORD", pwbuf, sizeof pwbuf, &generated);
      if( pw==0 ){ rc = 2; goto done; }
      if( (src = user_set_password(db, &who, u.id, pw, generated || o.must_change, &e))!=OK ) goto fail;
      printf("Password of %s set; their sessions were ended.\n", name);
      if( generated ) printf("New password (shown once; to be changed at the next sign-in): %s\n", pw);
    }else if( !strcmp(sub, "disable") || !strcmp(sub, "enable") ){
      int dis = !strcmp(sub, "disable"), changed;
      if( (src = user_set_disabled(db, &who, u.id, dis, &changed, &e))!=OK ) goto fail;
      /* already so: as init on an initialised folder, said, nothing written, 0 */
      if( !changed ) printf("User %s is already %s; nothing changed.\n", name, dis ? "disabled" : "enabled");
      else printf("User %s %s.\n", name, dis ? "disabled" : "enabled");
    }else if( !strcmp(sub, "roles") ){
      Office off;
      if( o.role==0 ){ fprintf(stderr, "loket user roles: give the roles, e.g. --role helpdesk,piket (\"\" for none)\n"); rc = 2; goto done; }
      if( cli_office(db, &o, &off, "user roles")!=OK ){ rc = 1; goto done; }
      char rolebuf[512];
      snprintf(rolebuf, sizeof rolebuf, "%s", o.role);
      const char *roles[ROLE_COUNT+1];
      int nroles = split_roles(rolebuf, roles, ROLE_COUNT+1);
      if( nroles==0 && !util_blank(o.role) ){   /* "," names none: said, not taken as "" (every role removed) */
        fprintf(stderr, "loket user roles: --role \"%s\" names no role: give roles, e.g. --role helpdesk,piket (\"\" for none)\n", o.role);
        rc = 2; goto done;
      }
      if( roles_known("user roles", roles, nroles) ){ rc = 2; goto done; }
      who.office_id = off.id;
      if( (src = user_set_roles(db, &who, u.id, off.id, roles, nroles, &e))!=OK ) goto fail;
      char said[512] = "";   /* the roles as stored: each once, with commas, however they were written */
      for(int i=0; i<nroles; i++){
        int again = 0;
        for(int j=0; j<i; j++) if( strcmp(roles[i], roles[j])==0 ) again = 1;
        if( !again ) snprintf(said+strlen(said), sizeof said-strlen(said), "%s%s", *said ? "," : "", roles[i]);
      }
      printf("Roles of %s in office %s set to: %s\n", name, off.code, *said ? said : "(none)");
    }else{
      int changed;
      if( user_unlock(db, &who, u.id, &changed)!=OK ){ fprintf(stderr, "loket user unlock: failed\n"); rc = 1; goto done; }
      /* not locked: said, nothing written, 0 (as disable/enable on an account already so) */
      if( changed==0 ) printf("User %s is not locked; nothing changed.\n", name);
      else if( changed==USER_FAILURES_CLEARED ) printf("User %s was not locked; its failed sign-ins were cleared.\n", name);
      else printf("User %s unlocked.\n", name);
    }
  }
  goto done;
fail:
  rc = src==ERR_INVALID ? 2 : 1;
  {
    /* a password refused came from --password-stdin or LOKET_PASSWORD: the message says which */
    const char *f = !util_str_eq(e.field, "password") ? cli_field(e.field) : o.password_stdin ? "--password-stdin" : "LOKET_PASSWORD";
    fprintf(stderr, "loket user %s: %s%s%s\n", sub, f ? f : "", f ? ": " : "", e.msg ? err_en(&e) : "failed");
  }
done:
  db_global_close();
  return rc;
}

/* What office_print needs: JSON (1, then 2 past the first element) or text, and the first office's id. */
typedef struct OfficeList { int json; int64_t first; } OfficeList;

/* Print one office line (or a JSON element) for `office list`; in text the first office created, where a
** command without --office works, says so (the list is by code, and may not start with it). */
static void office_print(void *ctx, const Office *off){
  OfficeList *l = ctx;
  if( l->json ){
    Buf b = BUF_INIT;
    if( l->json>1 ) buf_puts(&b, ",");
    office_json(&b, off);
    fputs(buf_str(&b), stdout);
    buf_free(&b);
    l->json = 2;
  }else printf("%-12s %-5s %s%s%s%s\n", off->code, off->tz, off->name, off->public_url[0] ? "  " : "", off->public_url,
               off->id==l->first ? "  (first office: the one a command without --office works in)" : "");
}

/* `loket office add|list`: the offices this deployment hosts. */
static int cmd_office(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("office", o.help ? stdout : stderr);
  const char *sub = o.args[0];
  if( strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "set") ){
    fprintf(stderr, "loket office: unknown subcommand %s (add, list, set)\n", sub);
    return 2;
  }
  if( !strcmp(sub, "set") && o.nargs<2 ){ fprintf(stderr, "loket office set: give the office code\n"); return 2; }
  if( !strcmp(sub, "set") && o.name==0 && o.tz==0 && o.public_url==0 && o.phone==0 && o.email==0 && o.address==0 ){
    fprintf(stderr, "loket office set: give --name NAME, --tz WIB|WITA|WIT, --public-url URL, --phone, --email or --address\n");
    return 2;
  }
  if( opts_extra("office", o.args, o.nargs) ) return 2;
  if( startup() || data_open(&o, DATA_MUST_EXIST | (strcmp(sub, "list") ? 0 : DATA_READS)) ) return 1;
  Db *db = db_thread();
  int rc = 0;
  if( !strcmp(sub, "list") ){
    OfficeList l = { o.json, 0 };
    Office first;
    if( office_first(db, &first)==OK ) l.first = first.id;
    if( l.json ) printf("[");
    office_each(db, office_print, &l);
    if( l.json ) printf("]\n");
  }else if( !strcmp(sub, "set") ){
    Err e = {0};
    Office off, was;
    int changed = 0, contact = 0;
    int orc = office_by_code(db, o.args[1], &was);
    /* one transaction: a refused field writes nothing */
    if( orc==OK ) orc = office_settings_update(db, &cli_actor, was.id, o.name, o.tz, o.public_url, o.phone, o.email, o.address,
                                               &changed, &contact, &e);
    if( orc==ERR_NOTFOUND && e.msg==0 ){
      fprintf(stderr, "loket office set: no office %s (see loket office list)\n", o.args[1]);
      rc = 1;
    }else if( orc!=OK ){
      /* every option wrong, as the API names every field (--phone and --email both) */
      for(int i=0; i<(e.msg ? err_count(&e) : 1); i++){
        ErrItem it = e.msg ? err_item(&e, i) : (ErrItem){ 0, db_errmsg(db), 0, {0} };
        fprintf(stderr, "loket office set: %s: %s\n", it.field ? cli_field(it.field) : "office", err_en_item(&it));
      }
      rc = orc==ERR_INVALID ? 2 : 1;   /* a bad --name or --tz: usage */
    }else{
      /* only what changed (as user disable/enable on an account already so) */
      office_get(db, was.id, &off);
      if( changed==0 && contact==0 ) printf("Office %s is already %s, %s%s%s; nothing changed.\n", off.code, off.name, off.tz,
                              off.public_url[0] ? ", " : "", off.public_url);
      if( contact ) printf("Office %s: its contact for the public is now: phone %s, e-mail %s, address %s.\n", off.code,
                           off.phone[0] ? off.phone : "-", off.email[0] ? off.email : "-", off.address[0] ? off.address : "-");
      if( changed & OFFICE_NAME ) printf("Office %s renamed: %s (was %s).\n", off.code, off.name, was.name);
      if( changed & OFFICE_TZ ){
        printf("Office %s moved to %s (was %s). Steps already started keep their due times; the next ones follow %s.\n",
               off.code, off.tz, was.tz, off.tz);
      }
      if( changed & OFFICE_URL ){
        if( off.public_url[0] ) printf("Office %s: its links start with %s (was %s).\n", off.code, off.public_url, was.public_url[0] ? was.public_url : "loket.conf's public_url");
        else printf("Office %s: its links start with loket.conf's public_url again (was %s).\n", off.code, was.public_url);
      }
    }
  }else{
    Err e = {0};
    int64_t id;
    if( o.nargs<2 ){ fprintf(stderr, "loket office add: give the office code\n"); rc = 2; }
    else{
      int orc = db_begin(db);
      if( orc==OK ) orc = office_create_with(db, &cli_actor, o.args[1], o.name ? o.name : o.args[1], o.tz ? o.tz : "WIB",
                                             o.public_url, &id, &e);
      if( orc==OK ) orc = db_commit(db); else db_rollback(db);
      if( orc!=OK ){
        if( err_count(&e)==0 ) fprintf(stderr, "loket office add: office: %s\n", db_errmsg(db));
        for(int i=0; i<err_count(&e); i++){   /* each wrong option on its line */
          ErrItem it = err_item(&e, i);
          if( o.name==0 && it.field && strcmp(it.field, "name")==0 && err_count(&e)>1 ) continue;   /* the name was the code, said wrong */
          fprintf(stderr, "loket office add: %s: %s\n", it.field ? cli_field(it.field) : "office", err_en_item(&it));
        }
        rc = orc==ERR_INVALID ? 2 : 1;   /* a bad code, --name or --tz: usage; a code taken: it failed */
      }else printf("Office %s created.\n", o.args[1]);
    }
  }
  db_global_close();
  return rc;
}

/* `loket audit verify`: walk the hash chain. */
static int cmd_audit(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("audit", o.help ? stdout : stderr);
  if( strcmp(o.args[0], "verify") ){ fprintf(stderr, "loket audit: unknown subcommand %s (verify)\n", o.args[0]); return 2; }
  if( opts_extra("audit", o.args, o.nargs) ) return 2;
  if( startup() || data_open(&o, DATA_MUST_EXIST|DATA_READS) ) return 1;
  char err[512];
  int64_t rows = 0;
  AuditHead head;
  int rc = audit_verify_head(db_thread(), o.head, "en", &rows, &head, err, sizeof err);
  db_global_close();
  if( rc==ERR_TYPE ){ fprintf(stderr, "loket audit verify: --head: %s\n", err); return 2; }
  if( rc==ERR_NOTFOUND ){   /* whole, but the kept hash is not in it */
    fprintf(stderr, "loket audit verify: CUT: %s\n", err);
    return 1;
  }
  if( rc!=OK ){
    fprintf(stderr, "loket audit verify: BROKEN after %lld good rows: %s\n", (long long)rows, err);
    return 1;
  }
  printf("audit log intact: %lld rows\n", (long long)rows);
  if( head.id ) printf("head: row %lld hash %s\n", (long long)head.id, head.hash);
  else printf("head: none (no rows yet)\n");
  if( o.head ) printf("kept hash found: row %lld, %lld rows after it\n", (long long)head.kept_id, (long long)(head.id-head.kept_id));
  return 0;
}

/* `loket backup FILE`: an online copy of the database, safe while serving. */
static int cmd_backup(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help ) return cmd_usage("backup", stdout);
  if( o.nargs==0 || !*o.args[0] ){ fprintf(stderr, "loket backup: give the file to write (a new file), e.g. loket backup loket-2026-11-20.db --data DIR\n"); return 2; }
  if( opts_extra("backup", o.args, o.nargs) ) return 2;
  if( startup() || data_open(&o, DATA_MUST_EXIST|DATA_COPIES) ) return 1;
  char err[512];
  int rc = db_backup(db_thread(), o.args[0], err, sizeof err);
  db_global_close();
  if( rc!=OK ){ fprintf(stderr, "loket backup: %s\n", err); return 1; }
  printf("Backup written to %s\n", o.args[0]);
  return 0;
}

/* `loket routes`: the route table with each route's permission (for people and tests). */
static int cmd_routes(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help ) return cmd_usage("routes", stdout);
  if( opts_extra("routes", o.args, o.nargs) ) return 2;
  if( startup() ) return 1;
  if( o.json ){
    Buf b = BUF_INIT;
    buf_puts(&b, "{\"roles\":[");
    for(int i=0; i<ROLE_COUNT; i++) buf_printf(&b, "%R%J", i ? "," : "", role_names[i]);
    buf_puts(&b, "],\"permissions\":{");
    for(int i=0; i<perm_count(); i++){
      buf_printf(&b, "%R%J:[", i ? "," : "", perm_name(i));
      int first = 1;
      for(int k=0; k<ROLE_COUNT; k++) if( perm_roles(i) & (1u<<k) ){ buf_printf(&b, "%R%J", first ? "" : ",", role_names[k]); first = 0; }
      buf_puts(&b, "]");
    }
    buf_puts(&b, "},\"routes\":[");
    for(size_t i=0; i<routes_count; i++){
      buf_printf(&b, "%R{\"method\":%J,\"path\":%J,\"perm\":%J}", i ? "," : "", routes[i].method, routes[i].path, routes[i].perm);
    }
    buf_puts(&b, "]}\n");
    fputs(buf_str(&b), stdout);
    buf_free(&b);
    return 0;
  }
  for(size_t i=0; i<routes_count; i++) printf("%-6s %-40s %s\n", routes[i].method, routes[i].path, routes[i].perm);
  return 0;
}

/* `loket version`. */
static int cmd_version(int argc, char **argv){
  for(int i=0; i<argc; i++) if( !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h") ) return cmd_usage("version", stdout);
  for(int i=0; i<argc; i++){
    if( !strcmp(argv[i], "--data") && i+1<argc ){ i++; continue; }   /* global: taken, not used */
    fprintf(stderr, "loket version: unexpected argument \"%s\"\n", argv[i]);
    return 2;
  }
  printf("loket %s\n", LOKET_VERSION);
  printf("SQLite %s\n", db_sqlite_version());
  return 0;
}

static const Cmd cmds[] = {
  { "init", cmd_init, "init --data DIR [--db postgresql://…] [--office CODE] [--office-name NAME] [--tz WIB|WITA|WIT] [--password-stdin]",
    "Create DIR with the database, the office and the user admin. The database is DIR/loket.db\n"
    "(SQLite), or with --db a PostgreSQL database (written to DIR/loket.conf as db = …, so\n"
    "every later command and `serve` use it). The admin password comes from the first line\n"
    "of standard input with --password-stdin, else from LOKET_ADMIN_PASSWORD, else it is\n"
    "generated and printed once. The office is --office CODE (LOKET_OFFICE_CODE, else LPSE),\n"
    "named --office-name (LOKET_OFFICE_NAME, else LPSE), in --tz (else WIB). Running it again\n"
    "on an initialised folder changes nothing, and names each option and LOKET_* variable\n"
    "given that it did not apply, with the command that does it.\n"
    "It writes DIR/loket.conf (when there is none) with every setting commented out at its\n"
    "default: set public_url, smtp_url and smtp_from (your office's address) there before\n"
    "`loket serve` (docs/deploy.md)." },
  { "serve", cmd_serve, "serve --data DIR [--db postgresql://…] [--db-replica postgresql://…] [--listen 127.0.0.1:8080]",
    "Serve the web interface at /, the API at /api/v1, /healthz and /metrics.\n"
    "Settings are read from DIR/loket.conf (db = postgresql://… there or --db for PostgreSQL;\n"
    "several serve processes may share one PostgreSQL database; report reads go to the streaming\n"
    "replica --db-replica (db_replica) while it lags at most db_replica_max_lag_seconds, 30).\n"
    "--listen (else LOKET_LISTEN, else listen in loket.conf) is an IPv4 address, or an IPv6\n"
    "one in brackets, and a port from 1 to 65535: 127.0.0.1:8080, [::1]:8080, [::]:8080\n"
    "(every address, IPv6 and IPv4);\n"
    "--listen HOST:0 takes any free port (printed at the start), for tests.\n"
    "SIGTERM (or SIGINT, SIGHUP) stops it cleanly." },
  { "user", cmd_user, "user add|passwd|disable|enable|unlock|roles|list [USERNAME] --data DIR [options]",
    "  add USERNAME --role r1,r2 [--name NAME] [--email E] [--office CODE] [--must-change]\n"
    "                [--password-stdin]\n"
    "                (--office: the user's home office, where the roles are held; default the first)\n"
    "  passwd USERNAME [--must-change] [--password-stdin]\n"
    "  disable USERNAME | enable USERNAME | unlock USERNAME\n"
    "  roles USERNAME --role r1,r2 [--office CODE]   (roles in that office; default the first)\n"
    "  list [--json]\n"
    "--roles is the same as --role.\n"
    "The password for add and passwd comes from --password-stdin, else LOKET_PASSWORD, else\n"
    "one is generated, printed once, and must be changed at the first sign-in.\n"
    "Roles (--role), each for:" },
  { "office", cmd_office, "office add CODE [--name NAME] [--tz WIB|WITA|WIT] [--public-url URL] | office set CODE [--name NAME] [--tz WIB|WITA|WIT] [--public-url URL] [--phone P] [--email E] [--address A] | office list [--json]  --data DIR",
    "  add CODE    a new office with its calendar and priority table (--name: else CODE; --tz: else WIB)\n"
    "  set CODE    rename it, move it to another zone, change its address or its contact for the public\n"
    "  list        code, zone, name and the office's own address when it has one\n"
    "The offices (LPSE units) this deployment hosts (also on /pengaturan/kantor). Users hold roles\n"
    "per office: `loket user roles USERNAME --office CODE --role r1,r2` grants them (or the user's\n"
    "page, for an administrator of both offices).\n"
    "--public-url https://lpse.example.go.id: the address the office's people reach it at; the links\n"
    "in its e-mail and the QR codes of its cards start with it (\"\" for loket.conf's public_url).\n"
    "--phone 021 1234567, --email, --address: the contact the portal shows the public (\"\" clears one)." },
  { "audit", cmd_audit, "audit verify [--head HASH] --data DIR",
    "Recompute the audit log's hash chain; exit 0 when it is intact, 1 naming the first\n"
    "edited, inserted or deleted row. The second line is the chain's head: \"head: row N hash H\".\n"
    "Rows cut from the end leave a shorter chain that is whole: keep the head's hash outside\n"
    "the machine, and give it later with --head H (--expect H; the first 16 or more characters\n"
    "will do): exit 1 when no row has it any more (docs/deploy.md)." },
  { "backup", cmd_backup, "backup FILE --data DIR",
    "Write an online copy of the database to FILE (a new file); safe while the server runs.\n"
    "SQLite only: back up a PostgreSQL database with pg_dump (see docs/deploy.md)." },
  { "routes", cmd_routes, "routes [--json]",
    "List every route with the permission it needs, and (with --json) the permission matrix." },
  { "calendar", cmd_calendar, CALENDAR_USAGE, CALENDAR_HELP },
  { "sop", cmd_sop, cli_sop_usage, cli_sop_help },
  { "absence", cmd_absence, ABSENCE_USAGE, ABSENCE_HELP },
  { "mail", cmd_mail, MAIL_USAGE, MAIL_HELP },
  { "sla", cmd_sla, SLA_USAGE, SLA_HELP },
  { "directory", cmd_directory, DIRECTORY_USAGE, DIRECTORY_HELP },
  { "accounts", cmd_accounts, ACCOUNTS_USAGE, ACCOUNTS_HELP },
  { "blacklist", cmd_blacklist, BLACKLIST_USAGE, BLACKLIST_HELP },
  { "verification", cmd_verification, VERIFICATION_USAGE, VERIFICATION_HELP },
  { "migrate", cmd_migrate, "migrate --from DIR|FILE --to postgresql://…",
    "Copy an office's whole SQLite database (DIR/loket.db or FILE) into an empty PostgreSQL\n"
    "database in one transaction, with a progress bar on stderr (plain lines, every tenth of\n"
    "the rows, when stderr is not a terminal); then read every table back and compare row\n"
    "counts and a hash of the rows, and verify the audit chain there.\n"
    "Stop `loket serve` on the folder first. Then set db = postgresql://… in loket.conf.\n"
    "The SQLite file is left in place, unused: keep it as a backup, then remove it." },
  { "version", cmd_version, "version", "Print the version." },
};

/* The command of that name, or NULL. */
static const Cmd *cmd_find(const char *name){
  for(size_t i=0; i<COUNT(cmds); i++) if( strcmp(cmds[i].name, name)==0 ) return &cmds[i];
  return 0;
}

/* The overview printed by `loket --help`. */
static void help_all(FILE *f){
  fprintf(f, "Loket %s — the service desk of an LPSE.\n\nusage: loket COMMAND [options]\n\ncommands:\n", LOKET_VERSION);
  for(size_t i=0; i<COUNT(cmds); i++) usage_wrap(f, "  ", cmds[i].usage, 6);
  fprintf(f, "\n`loket COMMAND --help` tells more about one command. Every command takes --data DIR\n"
             "(else LOKET_DATA) and --help; one that opens the data folder takes --db postgresql://…\n"
             "(else loket.conf's db); any option a command does not read is refused, and one given\n"
             "twice (several roles go in one --role r1,r2).\n"
             "Exit status: 0 done (or nothing to do), 1 it failed or a check found a problem,\n"
             "2 a usage error (unknown command, subcommand or option; an option given twice; a missing\n"
             "or malformed value),\n"
             "3 directory import only: some rows rejected, the others imported.\n");
}

/* Whether a word asks for help: help, --help or -h. */
static int help_word(const char *z){
  return !strcmp(z, "--help") || !strcmp(z, "-h") || !strcmp(z, "help");
}

/* The command line: the command named first, with its arguments. */
int main(int argc, char **argv){
  setvbuf(stdout, 0, _IOLBF, 0);
  /* what Loket creates is its own: the database (password hashes, personal data), backups,
  ** kept files and folders are readable by the service's user only */
  umask(077);
  if( argc<2 ){ help_all(stderr); return 2; }
  if( help_word(argv[1]) ){
    if( argc>2 && cmd_find(argv[2]) ) return cmd_usage(argv[2], stdout);
    /* help on a command there is not (`loket help help`, or an option: `loket help --data DIR`: this overview) */
    if( argc>2 && !help_word(argv[2]) && argv[2][0]!='-' ){
      fprintf(stderr, "loket: unknown command \"%s\"\n\n", argv[2]);
      help_all(stderr);
      return 2;
    }
    help_all(stdout);
    return 0;
  }
  if( !strcmp(argv[1], "--version") ) return cmd_version(0, 0);
  const Cmd *c = cmd_find(argv[1]);
  if( c==0 && argv[1][0]=='-' ){   /* an option before the command (loket --data DIR user list) */
    const Cmd *later = 0;
    for(int i=2; i<argc && later==0; i++) later = cmd_find(argv[i]);
    if( later ) fprintf(stderr, "loket: the command comes first, then its options: loket %s … %s …\n", later->name, argv[1]);
    else fprintf(stderr, "loket: %s before a command: give the command first (loket --help lists them)\n", argv[1]);
    return 2;
  }
  if( c==0 ){
    fprintf(stderr, "loket: unknown command \"%s\"\n\n", argv[1]);
    help_all(stderr);
    return 2;
  }
  if( opts_allowed(c->name, argc-2, argv+2) ) return 2;
  return c->run(argc-2, argv+2);
}
