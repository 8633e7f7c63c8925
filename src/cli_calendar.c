/*
** cli_calendar.c — `loket calendar`: an office's weekly hours, holidays and periods
** with their own hours, listed, imported from iCalendar or CSV, added, removed, set. Every change is
** audited in its own transaction (see src/sop/calendar.c).
*/
#include "cli.h"
#include <errno.h>
#include "sop/calendar.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const weekday_names[7] = {
  "Minggu (Sun)", "Senin (Mon)", "Selasa (Tue)", "Rabu (Wed)", "Kamis (Thu)", "Jumat (Fri)", "Sabtu (Sat)"
};

/* What the listing callbacks write to. */
typedef struct CalList { Buf out; int json, n, last_w; } CalList;

/* One span of the week, as a line or a JSON element. */
static void calcli_span(void *ctx, const CalSpan *sp){
  CalList *l = ctx;
  if( l->json ){
    buf_printf(&l->out, "%R{\"weekday\":%d,\"opens\":\"%02d:%02d\",\"closes\":\"%02d:%02d\"}",
               l->n ? "," : "", sp->weekday, sp->opens_min/60, sp->opens_min%60, sp->closes_min/60, sp->closes_min%60);
  }else{
    if( sp->weekday!=l->last_w ) buf_printf(&l->out, "%s  %d %-13s", l->last_w>=0 ? "\n" : "", sp->weekday, weekday_names[sp->weekday]);
    buf_printf(&l->out, " %02d:%02d-%02d:%02d", sp->opens_min/60, sp->opens_min%60, sp->closes_min/60, sp->closes_min%60);
  }
  l->last_w = sp->weekday;
  l->n++;
}

/* One holiday, as a line or a JSON element. */
static void calcli_holiday(void *ctx, const HolidayRow *h){
  CalList *l = ctx;
  if( l->json ) buf_printf(&l->out, "%R{\"day\":%J,\"name\":%J,\"kind\":%J}", l->n ? "," : "", h->day, h->name, h->kind);
  else buf_printf(&l->out, "  %s  %-12s  %s\n", h->day, h->kind, h->name);
  l->n++;
}

/* What a listing of periods writes to. */
typedef struct PeriodList { Buf out; int json, n; } PeriodList;

/* One period, as lines (each weekday it names) or a JSON element. */
static void calcli_period(void *ctx, const CalPeriod *p){
  PeriodList *l = ctx;
  if( l->json ){
    if( l->n ) buf_putc(&l->out, ',');
    calendar_period_json(&l->out, p, 0);
  }else{
    buf_printf(&l->out, "  %lld  %s to %s  %s\n", (long long)p->id, p->first, p->last, p->name);
    for(int k=1; k<=7; k++){
      int w = k % 7, n = 0;
      if( !(p->weekdays & 1<<w) ) continue;
      buf_printf(&l->out, "       %d %-13s", w, weekday_names[w]);
      for(int i=0; i<p->nspans; i++){
        const CalSpan *sp = &p->spans[i];
        if( sp->weekday!=w ) continue;
        buf_printf(&l->out, " %02d:%02d-%02d:%02d", sp->opens_min/60, sp->opens_min%60, sp->closes_min/60, sp->closes_min%60);
        n++;
      }
      buf_puts(&l->out, n ? "\n" : " closed\n");
    }
  }
  l->n++;
}

/* `calendar list`: the week's hours, the holidays and the periods with their own hours (those of one year with --year). */
static int calcli_list(Db *db, const Opts *o, const Office *off){
  char from[16] = "0000-00-00", to[16] = "9999-99-99";
  if( o->year ){
    if( strlen(o->year)!=4 || strspn(o->year, "0123456789")!=4 || atoi(o->year)<1970 || atoi(o->year)>2100 ){
      fprintf(stderr, "loket calendar list: --year must be a year from 1970 to 2100, e.g. 2026\n");
      return 2;
    }
    snprintf(from, sizeof from, "%s-01-01", o->year);
    snprintf(to, sizeof to, "%s-12-31", o->year);
  }
  CalList l = { BUF_INIT, o->json, 0, -1 };
  if( o->json ) buf_printf(&l.out, "{\"office\":%J,\"tz\":%J,\"hours\":[", off->code, off->tz);
  else buf_printf(&l.out, "Office %s (%s): weekly hours\n", off->code, off->tz);
  int rc = calendar_hours_each(db, off->id, calcli_span, &l);
  int had_hours = l.n>0;
  if( o->json ) buf_puts(&l.out, "],\"holidays\":[");
  else buf_puts(&l.out, had_hours ? "\n  (other days closed)\nHolidays\n" : "  (no office hours set)\nHolidays\n");
  l.n = 0;
  if( rc==OK ) rc = calendar_holidays_each(db, off->id, from, to, calcli_holiday, &l);
  if( o->json ) buf_puts(&l.out, "],\"periods\":[");
  else buf_puts(&l.out, l.n==0 ? "  (none)\nPeriods with their own hours (other weekdays keep the weekly hours)\n"
                               : "Periods with their own hours (other weekdays keep the weekly hours)\n");
  PeriodList pl = { l.out, o->json, 0 };   /* the same text, appended */
  if( rc==OK ) rc = calendar_periods_each(db, off->id, from, to, calcli_period, &pl);
  l.out = pl.out;
  if( o->json ) buf_puts(&l.out, "]}\n");
  else if( pl.n==0 ) buf_puts(&l.out, "  (none)\n");
  if( rc==OK ) fputs(buf_str(&l.out), stdout);
  else fprintf(stderr, "loket calendar list: %s\n", db_errmsg(db));
  buf_free(&l.out);
  return rc==OK ? 0 : 1;
}

/* Say which running clocks a change moved (nothing when none). */
static void calcli_moved(const CalMoved *m){
  if( m->steps || m->cases || m->other ){
    printf("Due times moved to the new calendar: %d open step%s, %d open case%s, %d training preparation item%s.\n",
           m->steps, m->steps==1 ? "" : "s", m->cases, m->cases==1 ? "" : "s", m->other, m->other==1 ? "" : "s");
  }
}

/* `calendar import FILE`: every line checked first, then one transaction. */
static int calcli_import(Db *db, const Opts *o, const Office *off){
  if( o->nargs!=2 ){ fprintf(stderr, "loket calendar import: give one file (.ics or .csv)\n"); return 2; }
  const char *path = o->args[1];
  Buf b = BUF_INIT;
  if( util_file_read(path, &b)!=OK ){ fprintf(stderr, "loket calendar import: cannot read %s: %s\n", path, strerror(errno)); return 1; }
  HolidayList l = {0};
  char err[256];
  int rc = holiday_parse_file(path, b.z ? b.z : "", b.n, &l, "en", err, sizeof err);
  buf_free(&b);
  if( rc!=OK && l.nbad>1 ){   /* every wrong line, one to a line */
    Buf all = BUF_INIT;
    holiday_list_bad_text(&l, "en", "\n  ", &all);
    fprintf(stderr, "loket calendar import: %s: %d lines are wrong; nothing was imported:\n  %s\n", path, l.nbad, buf_str(&all));
    buf_free(&all);
  }else if( rc!=OK ) fprintf(stderr, "loket calendar import: %s: %s; nothing was imported\n", path, err);
  if( rc!=OK ){
    holiday_list_free(&l);
    return 1;
  }
  if( l.n==0 ){
    if( l.observances )
      fprintf(stderr, "loket calendar import: %s holds only observances (%d, DESCRIPTION Perayaan/Observance: not days off);"
                      " nothing was imported\n", path, l.observances);
    else fprintf(stderr, "loket calendar import: %s holds no holidays; nothing was imported\n", path);
    holiday_list_free(&l);
    return 1;
  }
  Actor who = cli_actor;
  who.office_id = off->id;
  int held = holiday_list_held(&l);
  CalImport ci;
  CalMoved m;
  rc = calendar_import(db, &who, off->id, &l, path, &ci, &m);
  if( rc!=OK ) fprintf(stderr, "loket calendar import: %s: %s; nothing was imported\n", path, db_errmsg(db));
  else{
    int same = ci.unchanged;
    printf("Imported %d holiday%s from %s into office %s.\n", held, held==1 ? "" : "s", path, off->code);
    if( same==1 && held==1 ) printf("It is already in the calendar as the file has it: unchanged.\n");
    else if( same ) printf("%s%d of them already in the calendar as the file has them: unchanged.\n", same==held ? "All " : "", same);
    if( ci.nnew && ci.nnew<held ){   /* a file the office held some of: which days it added */
      printf("New (%d):\n", ci.nnew);
      for(int i=0; i<ci.nnew; i++) printf("  %s  %-12s  %s\n", ci.new_rows[i]->day, ci.new_rows[i]->kind, ci.new_rows[i]->name);
    }
    if( ci.nchanged ){
      printf("Changed (%d):\n", ci.nchanged);
      for(int i=0; i<ci.nchanged; i++){
        const HolidayChange *c = &ci.changed[i];
        printf("  %s  %-12s  %s (was: %s%s%s)\n", c->now->day, c->now->kind, c->now->name,
               strcmp(c->was.kind, c->now->kind) ? c->was.kind : "", strcmp(c->was.kind, c->now->kind) ? ", " : "", c->was.name);
      }
    }
    if( ci.removed ) printf("Removed %d holiday%s the file calls off (STATUS:CANCELLED).\n", ci.removed, ci.removed==1 ? "" : "s");
    if( ci.nkept ){
      printf("Not in the file, kept (%d; `loket calendar remove DAY` removes one no longer a day off):\n", ci.nkept);
      for(int i=0; i<ci.nkept; i++) printf("  %s  %-12s  %s\n", ci.kept[i].day, ci.kept[i].kind, ci.kept[i].name);
    }
    if( l.observances ) printf("Skipped %d observance%s (DESCRIPTION Perayaan/Observance: not days off).\n",
                               l.observances, l.observances==1 ? "" : "s");
    calendar_import_free(&ci);
    calcli_moved(&m);
  }
  holiday_list_free(&l);
  return rc==OK ? 0 : 1;
}

/* The day an argument names as calendar_day_read reads it (as the CSV import does) into day; one
** written YYYY-MM-DD but refused (a year before 1970) as given, for what checks it to say why;
** NULL, said on stderr for cmd, when it is no day or names a weekday that is not that day's. */
static const char *calcli_day(const char *cmd, const char *arg, char day[11]){
  int rc = calendar_day_read(arg, day);
  if( rc==OK ) return day;
  if( rc==ERR_INVALID && strlen(arg)==10 && arg[4]=='-' && arg[7]=='-' ) return arg;
  if( rc==ERR_CONFLICT ) fprintf(stderr, "loket calendar %s: day: %s is not that day of the week (the date or the weekday is mistyped)\n", cmd, arg);
  else fprintf(stderr, "loket calendar %s: day: %s is not a real day from 1970 to 2100: write it YYYY-MM-DD or day first DD/MM/YYYY\n", cmd, arg);
  return 0;
}

/* `calendar add DAY NAME [--kind K]`. */
static int calcli_add(Db *db, const Opts *o, const Office *off, const char *kind){
  if( o->nargs!=3 ){ fprintf(stderr, "loket calendar add: give the day and the name: add 2026-08-18 \"Libur daerah\"\n"); return 2; }
  Err e = {0};
  Actor who = cli_actor;
  who.office_id = off->id;
  CalMoved m;
  char buf[11];
  const char *day = calcli_day("add", o->args[1], buf);
  if( day==0 ) return 2;
  int rc = calendar_holiday_set(db, &who, off->id, day, o->args[2], kind, 0, &m, &e);
  if( rc!=OK ){
    const char *f = util_str_eq(e.field, "kind") ? "--kind" : e.field;   /* the day and the name are its arguments */
    fprintf(stderr, "loket calendar add: %s%s%s\n", f ? f : "", f ? ": " : "", e.msg ? err_en(&e) : db_errmsg(db));
    return rc==ERR_INVALID ? 2 : 1;   /* a bad day, name or --kind: usage */
  }
  printf("Holiday %s (%s) set in office %s.\n", day, o->args[2], off->code);
  calcli_moved(&m);
  return 0;
}

/* `calendar remove DAY`. */
static int calcli_remove(Db *db, const Opts *o, const Office *off){
  if( o->nargs!=2 ){ fprintf(stderr, "loket calendar remove: give the day, e.g. remove 2026-08-18\n"); return 2; }
  Actor who = cli_actor;
  who.office_id = off->id;
  CalMoved m;
  char buf[11];
  const char *day = calcli_day("remove", o->args[1], buf);
  if( day==0 ) return 2;
  int rc = calendar_holiday_remove(db, &who, off->id, day, &m);
  if( rc==ERR_INVALID ){ fprintf(stderr, "loket calendar remove: %s is not a day written YYYY-MM-DD\n", o->args[1]); return 2; }
  if( rc==ERR_NOTFOUND ){ fprintf(stderr, "loket calendar remove: office %s has no holiday on %s\n", off->code, day); return 1; }
  if( rc!=OK ){ fprintf(stderr, "loket calendar remove: %s\n", db_errmsg(db)); return 1; }
  printf("Holiday %s removed from office %s.\n", day, off->code);
  calcli_moved(&m);
  return 0;
}

/* Say which of the day's spans z (of weekday w) is at fault, as typed, else why (msg) they are
** refused together (an overlap); a lone weekday digit is a second weekday given in one command. */
static void calcli_hours_bad(const char *z, int w, const char *msg){
  while( *z ){
    size_t k = strcspn(z, " ,;\t");
    for(;;){   /* "07:30 - 12:00" is one span */
      size_t b = k + strspn(z+k, " \t");
      int dash_before = k>0 && (z[k-1]=='-' || (k>=3 && strncmp(z+k-3, "\xE2\x80\x93", 3)==0));
      int dash_after = z[b]=='-' || strncmp(z+b, "\xE2\x80\x93", 3)==0;
      if( !z[b] || b==k || (!dash_before && !dash_after) ) break;
      k = b + strcspn(z+b, " ,;\t");
    }
    if( k>0 ){
      char tok[64];
      snprintf(tok, sizeof tok, "%.*s", (int)(k<sizeof tok-1 ? k : sizeof tok-1), z);
      CalSpan one[CAL_MAX_SPANS];
      Err e = {0};
      if( strcasecmp(tok, "closed")==0 || strcasecmp(tok, "tutup")==0 ){   /* a word for no spans, among spans */
        fprintf(stderr, "loket calendar hours: \"%s\": a closed day has no spans: give its spans, or %s alone;"
                        " nothing was written\n", tok, tok);
        return;
      }
      if( calendar_parse_spans(tok, w, one, CAL_MAX_SPANS, &e)<0 ){
        if( tok[0]>='0' && tok[0]<='6' && tok[1]==0 ){
          fprintf(stderr, "loket calendar hours: \"%s\": one weekday at a time: set weekday %s with another"
                          " `loket calendar hours \"%s HH:MM-HH:MM …\"`; nothing was written\n", tok, tok, tok);
        }else fprintf(stderr, "loket calendar hours: \"%s\": %s; nothing was written\n", tok, err_en(&e));
        return;
      }
    }
    z += k;
    if( *z ) z++;
  }
  fprintf(stderr, "loket calendar hours: %s; nothing was written\n", msg);
}

/* `calendar hours "W HH:MM-HH:MM …"` (or "W closed"). */
static int calcli_hours(Db *db, const Opts *o, const Office *off){
  if( o->nargs<2 ){ fprintf(stderr, "loket calendar hours: give a weekday and its spans, e.g. \"1 07:30-12:00 13:00-16:00\"\n"); return 2; }
  Buf spec = BUF_INIT;
  for(int i=1; i<o->nargs; i++){ if( i>1 ) buf_putc(&spec, ' '); buf_puts(&spec, o->args[i]); }
  const char *z = buf_str(&spec);
  while( *z==' ' ) z++;
  int w = (z[0]>='0' && z[0]<='6' && (z[1]==' ' || z[1]==0)) ? z[0]-'0' : -1;
  if( w<0 ){
    fprintf(stderr, "loket calendar hours: \"%.*s\" is no weekday: start with one, 0 Sunday, 1 Monday … 6 Saturday\n",
            (int)strcspn(z, " "), z);
    buf_free(&spec);
    return 2;
  }
  z++;
  while( *z==' ' ) z++;
  if( *z==0 ){   /* a forgotten span list must not close the day */
    fprintf(stderr, "loket calendar hours: give the day's spans after the weekday, or \"closed\"\n");
    buf_free(&spec);
    return 2;
  }
  CalSpan spans[CAL_MAX_SPANS];
  Err e = {0};
  int n = calendar_parse_spans(z, w, spans, CAL_MAX_SPANS, &e);   /* "closed" (or "tutup"): none */
  if( n<0 ){
    calcli_hours_bad(z, w, err_en(&e));
    buf_free(&spec);
    return 2;
  }
  buf_free(&spec);
  Actor who = cli_actor;
  who.office_id = off->id;
  CalMoved m;
  int rc = calendar_hours_set(db, &who, off->id, w, spans, n, &m, &e);
  if( rc!=OK ){
    fprintf(stderr, "loket calendar hours: %s\n", e.msg ? err_en(&e) : db_errmsg(db));
    return rc==ERR_INVALID ? 2 : 1;   /* spans that are not, or a week left closed: usage */
  }
  printf("Office %s: %s %s.\n", off->code, weekday_names[w], n ? "hours set" : "closed");
  calcli_moved(&m);
  return 0;
}

/* `calendar period add --from DAY --to DAY --name NAME "W[-W] spans|closed" …`, or `calendar period set ID`
** with the same (set: 1): checked whole, then one transaction. */
static int calcli_period_save(Db *db, const Opts *o, const Office *off, int set){
  const char *verb = set ? "set" : "add";
  int first = set ? 3 : 2;   /* the first argument of hours */
  int64_t id = 0;
  if( set ){
    const char *z = o->nargs>=3 ? o->args[2] : "";
    long long v = util_id(z);   /* digits only, not past 18 of them: not the largest number for a huge one */
    if( v==0 ){
      fprintf(stderr, "loket calendar period set: give the period's number (loket calendar period list) first, e.g. set 3 --from …\n");
      return 2;
    }
    id = v;
  }
  const char *missing = !o->from ? "--from" : !o->to ? "--to" : !o->name ? "--name" : o->nargs<first+1 ? "the hours" : 0;
  if( missing ){
    fprintf(stderr, "loket calendar period %s: missing %s: give %s--from, --to, --name and the hours of each weekday it"
                    " changes, e.g. --from 2027-02-08 --to 2027-03-09 --name \"Ramadan 1448 H\" \"1-4 08:00-15:00\" \"5 08:00-15:30\"\n",
            verb, missing, set ? "its number, " : "");
    return 2;
  }
  CalPeriod *p = xcalloc(2, sizeof *p), *clash = p+1;
  Err e = {0};
  const char *bad = 0;   /* the hours argument at fault, as typed */
  /* a value too long for its field is left empty, so that the check refuses it by name */
  if( strlen(o->name)<sizeof p->name ) snprintf(p->name, sizeof p->name, "%s", o->name);
  if( strlen(o->from)<sizeof p->first ) snprintf(p->first, sizeof p->first, "%s", o->from);
  if( strlen(o->to)<sizeof p->last ) snprintf(p->last, sizeof p->last, "%s", o->to);
  for(int i=first; i<o->nargs && !bad; i++){
    if( calendar_period_parse(p, o->args[i], &e)!=OK ) bad = o->args[i];
  }
  Actor who = cli_actor;
  who.office_id = off->id;
  CalMoved m;
  p->id = id;
  int rc = bad ? ERR_INVALID : set ? calendar_period_set(db, &who, off->id, p, clash, &m, &e)
                                   : calendar_period_add(db, &who, off->id, p, clash, &m, &e);
  if( rc==OK ){
    printf("Period %lld \"%s\" (%s to %s) %s in office %s.\n", (long long)p->id, p->name, p->first, p->last,
           set ? "changed" : "set", off->code);
    calcli_moved(&m);
  }else if( rc==ERR_NOTFOUND ){
    fprintf(stderr, "loket calendar period set: office %s has no period %lld\n", off->code, (long long)id);
  }else if( rc==ERR_CONFLICT ){
    fprintf(stderr, "loket calendar period %s: --from %s --to %s: the period overlaps period %lld \"%s\" (%s to %s);"
                    " nothing was written\n", verb, o->from, o->to, (long long)clash->id, clash->name, clash->first, clash->last);
  }else if( rc==ERR_INVALID ){
    char arg[600];
    if( bad ) snprintf(arg, sizeof arg, "\"%.500s\"", bad);
    else if( util_str_eq(e.field, "from") ) snprintf(arg, sizeof arg, "--from \"%s\"", o->from);
    else if( util_str_eq(e.field, "to") ) snprintf(arg, sizeof arg, "--to \"%s\"", o->to);
    else if( util_str_eq(e.field, "name") ) snprintf(arg, sizeof arg, "--name \"%.500s\"", o->name);
    else snprintf(arg, sizeof arg, "the hours");
    fprintf(stderr, "loket calendar period %s: %s: %s; nothing was written\n", verb, arg, e.msg ? err_en(&e) : "invalid");
  }else fprintf(stderr, "loket calendar period %s: %s; nothing was written\n", verb, db_errmsg(db));
  free(p);
  return rc==OK ? 0 : rc==ERR_INVALID ? 2 : 1;
}

/* `calendar period list [--json]`: the office's periods, by first day. */
static int calcli_period_list(Db *db, const Opts *o, const Office *off){
  PeriodList l = { BUF_INIT, o->json, 0 };
  if( o->json ) buf_printf(&l.out, "{\"office\":%J,\"tz\":%J,\"periods\":[", off->code, off->tz);
  else buf_printf(&l.out, "Office %s (%s): periods with their own hours (other weekdays keep the weekly hours)\n", off->code, off->tz);
  int rc = calendar_periods_each(db, off->id, 0, 0, calcli_period, &l);
  if( o->json ) buf_puts(&l.out, "]}\n");
  else if( l.n==0 ) buf_puts(&l.out, "  (none)\n");
  if( rc==OK ) fputs(buf_str(&l.out), stdout);
  else fprintf(stderr, "loket calendar period list: %s\n", db_errmsg(db));
  buf_free(&l.out);
  return rc==OK ? 0 : 1;
}

/* `calendar period remove ID`. */
static int calcli_period_remove(Db *db, const Opts *o, const Office *off){
  const char *z = o->nargs==3 ? o->args[2] : "";
  long long id = util_id(z);   /* digits only, not past 18 of them */
  if( o->nargs!=3 || id==0 ){
    fprintf(stderr, "loket calendar period remove: give the period's number (loket calendar period list), e.g. remove 3\n");
    return 2;
  }
  Actor who = cli_actor;
  who.office_id = off->id;
  CalMoved m;
  CalPeriod *gone = xcalloc(1, sizeof *gone);
  int rc = calendar_period_remove(db, &who, off->id, id, gone, &m);
  if( rc==ERR_NOTFOUND ) fprintf(stderr, "loket calendar period remove: office %s has no period %lld\n", off->code, id);
  else if( rc!=OK ) fprintf(stderr, "loket calendar period remove: %s\n", db_errmsg(db));
  else{
    printf("Period %lld \"%s\" (%s to %s) removed from office %s.\n", id, gone->name, gone->first, gone->last, off->code);
    calcli_moved(&m);
  }
  free(gone);
  return rc==OK ? 0 : 1;
}

/* `calendar period add|set|list|remove`. */
static int calcli_period_cmd(Db *db, const Opts *o, const Office *off){
  const char *what = o->nargs>=2 ? o->args[1] : "";
  if( !strcmp(what, "add") ) return calcli_period_save(db, o, off, 0);
  if( !strcmp(what, "set") ) return calcli_period_save(db, o, off, 1);
  if( !strcmp(what, "list") ){
    if( o->nargs>2 ){ fprintf(stderr, "loket calendar period list: unexpected argument \"%s\"\n", o->args[2]); return 2; }
    return calcli_period_list(db, o, off);
  }
  return calcli_period_remove(db, o, off);   /* cmd_calendar let no other word through */
}

/* `loket calendar list|import|add|remove|hours|period`. */
int cmd_calendar(int argc, char **argv){
  /* --kind belongs to this command alone: take it out before the shared options. */
  const char *kind = 0;
  char **av = xmalloc(sizeof(char*)*(size_t)(argc+1));
  int ac = 0;
  for(int i=0; i<argc; i++){
    if( strcmp(argv[i], "--kind")==0 ){
      if( i+1>=argc || strncmp(argv[i+1], "--", 2)==0 ){   /* "--kind --data D": not its value */
        fprintf(stderr, "%s: --kind needs a value (national, cuti_bersama or local)\n", cli_who());
        free(av);
        return 2;
      }
      kind = argv[++i];
    }else av[ac++] = argv[i];
  }
  Opts o;
  int bad = opts_parse(ac, av, &o);
  free(av);
  if( bad ) return 2;
  if( o.help || o.nargs==0 ) return cmd_usage("calendar", o.help ? stdout : stderr);
  const char *sub = o.args[0];
  if( strcmp(sub, "list") && strcmp(sub, "import") && strcmp(sub, "add") && strcmp(sub, "remove") && strcmp(sub, "hours")
   && strcmp(sub, "period") ){
    fprintf(stderr, "loket calendar: unknown subcommand %s (list, import, add, remove, hours, period)\n", sub);
    return 2;
  }
  if( opts_extra("calendar", o.args, o.nargs) ) return 2;
  int reads = !strcmp(sub, "list") || (!strcmp(sub, "period") && o.nargs>=2 && !strcmp(o.args[1], "list"));
  if( !strcmp(sub, "period") && (o.nargs<2 || (strcmp(o.args[1], "add") && strcmp(o.args[1], "set") && strcmp(o.args[1], "list")
                                                && strcmp(o.args[1], "remove"))) ){
    if( o.nargs<2 ) fprintf(stderr, "loket calendar period: say add, set, list or remove (see loket calendar --help)\n");
    else fprintf(stderr, "loket calendar period: unknown subcommand %s (add, set, list, remove)\n", o.args[1]);
    return 2;   /* before the data folder is opened */
  }
  if( startup() || data_open(&o, DATA_MUST_EXIST | (reads ? DATA_READS : 0)) ) return 1;
  Db *db = db_thread();
  Office off;
  int rc = cli_office(db, &o, &off, cli_who() + strlen("loket "))==OK ? 0 : 1;   /* "calendar list" */
  if( rc==0 ){
    if( !strcmp(sub, "list") ) rc = calcli_list(db, &o, &off);
    else if( !strcmp(sub, "import") ) rc = calcli_import(db, &o, &off);
    else if( !strcmp(sub, "add") ) rc = calcli_add(db, &o, &off, kind);
    else if( !strcmp(sub, "remove") ) rc = calcli_remove(db, &o, &off);
    else if( !strcmp(sub, "period") ) rc = calcli_period_cmd(db, &o, &off);
    else rc = calcli_hours(db, &o, &off);
  }
  db_global_close();
  return rc;
}
