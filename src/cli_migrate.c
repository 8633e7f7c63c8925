/*
** cli_migrate.c — `loket migrate --from DIR|FILE --to postgresql://…`: move an office's
** SQLite database up to PostgreSQL (the copy and its check are src/db/migrate.c), then
** verify the audit chain on the new database.
*/
#include "cli.h"
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <errno.h>

/* `loket migrate`. */
int cmd_migrate(int argc, char **argv){
  Opts o;
  if( opts_parse(argc, argv, &o) ) return 2;
  if( o.help ) return cmd_usage("migrate", stdout);
  if( opts_extra("migrate", o.args, o.nargs) ) return 2;
  if( o.from==0 || o.to==0 ){
    fprintf(stderr, "loket migrate: give both --from DIR_OR_FILE and --to postgresql://…\n");
    return 2;
  }
  if( !db_is_postgres(o.to) ){
    fprintf(stderr, "loket migrate: --to is a PostgreSQL database, postgresql://…, not \"%s\"\n", o.to);
    return 2;
  }
  if( startup() ) return 1;
  char from[4096], err[1024];
  struct stat st;
  char dir[4096];
  if( stat(o.from, &st)==0 && S_ISDIR(st.st_mode) ){
    snprintf(from, sizeof from, "%s/loket.db", o.from);
    snprintf(dir, sizeof dir, "%s", o.from);
  }else{
    snprintf(from, sizeof from, "%s", o.from);
    snprintf(dir, sizeof dir, "%s", o.from);
    char *slash = strrchr(dir, '/');
    if( slash==0 ) snprintf(dir, sizeof dir, ".");
    else if( slash==dir ) dir[1] = 0;
    else *slash = 0;
  }
  /* what a running server writes after the copy would stay behind in SQLite */
  if( data_hold(dir, 1)==1 ){
    fprintf(stderr, "loket migrate: %s is being served (loket serve is running on it): stop it first, so that"
                    " nothing written after the copy is left behind\n", dir);
    return 1;
  }
  if( access(from, R_OK)!=0 ){   /* said before anything is asked of the target */
    fprintf(stderr, "loket migrate: --from: cannot read %s: %s (give the data folder, or its loket.db)\n", from, strerror(errno));
    return 1;
  }
  fprintf(stderr, "loket migrate: copying %s\n", from);
  int rc = db_migrate_sqlite_to_pg(from, o.to, stdout, stderr, err, sizeof err);
  if( rc!=OK ){
    fprintf(stderr, "loket migrate: %s; nothing was kept in the target\n", err);
    db_global_close();
    return 1;
  }
  int64_t rows = 0;
  rc = audit_verify(db_thread(), &rows, err, sizeof err);
  db_global_close();
  if( rc!=OK ){
    fprintf(stderr, "loket migrate: the audit chain does not verify on the target after %lld rows: %s\n", (long long)rows, err);
    return 1;
  }
  printf("audit log intact on PostgreSQL: %lld rows\n", (long long)rows);
  /* the mark that keeps serve and the commands that write off the old file (data_open) */
  char mark[4200];
  snprintf(mark, sizeof mark, "%s.moved", from);
  int fd = open(mark, O_WRONLY|O_CREAT|O_TRUNC, 0600);
  if( fd>=0 ){
    char at[32];
    time_fmt_iso(at, sizeof at, time_now());
    Buf t = BUF_INIT;
    buf_printf(&t, "%s was copied to PostgreSQL by loket migrate at %s.\n"
               "loket serve and the commands that write refuse it while this file is here: remove this file\n"
               "to go back to it on purpose.\n", from, at);
    log_line(fd, t.z, t.n);
    buf_free(&t);
    close(fd);
  }else{
    fprintf(stderr, "loket migrate: cannot write %s (it keeps loket serve off the old file): %s\n", mark, strerror(errno));
  }
  char shown[1024];
  util_url_shown(o.to, 1, shown, sizeof shown);   /* not the password: this output may go to a log */
  printf("Next: put `db = %s` (the --to address, its password written out) in the data folder's loket.conf\n"
         "(or serve with --db) and start loket serve.\n", shown);
  /* the SQLite file is not removed: it is the copy to go back to if the move goes wrong */
  printf("%s stays where it is and is no longer used once loket.conf names PostgreSQL: keep it as a backup\n"
         "(it holds everything up to this copy) until the PostgreSQL database has run well and has its own\n"
         "backups (pg_dump, docs/deploy.md), then remove it with its -wal and -shm files. Never start\n"
         "loket serve on it again: what it wrote would not be in PostgreSQL (%s.moved, beside it, makes serve\n"
         "and the commands that write refuse it).\n", from, from);
  return 0;
}
