/*
** procedure.c — reading one procedure file (docs/sop-format.md) into a
** Procedure and validating it: every error names the file and line, and all
** of them are collected, not only the first.
*/
#include "sop.h"
#include "role.h"   /* role_index(): an actor must be a role of Loket */
#include "case.h"   /* case_channels: a procedure's usual channel is one of them */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const sop_events[] = { "training_start", "training_end", "last_session_end", 0 };
const char *const sop_registers[] = { "guest_book", "agenda", "disposition", "consultation",
                                      "handover", "archive", 0 };

/* The events in words: Indonesian, English. */
static const char *const event_words[][2] = {
  { "mulai pelatihan", "the training starts" },
  { "pelatihan selesai", "the training ends" },
  { "sesi terakhir selesai", "the last session ends" },
};

/* The index of z in a NULL-terminated list, or -1. */
static int list_index(const char *const *list, const char *z){
  for(int i=0; list[i]; i++) if( strcmp(list[i], z)==0 ) return i;
  return -1;
}

/* Parse "10s", "25min", "1h" into seconds; OK or ERR_INVALID. */
static int duration_parse(const char *z, int64_t *secs){
  int64_t v = 0;
  int nd = 0;
  while( isdigit((unsigned char)*z) ){
    if( ++nd>7 ) return ERR_INVALID;
    v = v*10 + (*z++ - '0');
  }
  if( nd==0 || v<=0 ) return ERR_INVALID;
  if( strcmp(z, "s")==0 ) *secs = v;
  else if( strcmp(z, "min")==0 ) *secs = v*60;
  else if( strcmp(z, "h")==0 ) *secs = v*3600;
  else return ERR_INVALID;
  return OK;
}

/* Parse a whole positive number (at most 7 digits); OK or ERR_INVALID. */
static int count_parse(const char *z, int *out){
  int v = 0, nd = 0;
  for(; *z; z++){
    if( !isdigit((unsigned char)*z) || ++nd>7 ) return ERR_INVALID;
    v = v*10 + (*z - '0');
  }
  if( nd==0 || v<=0 ) return ERR_INVALID;
  *out = v;
  return OK;
}

/* Parse a time standard; OK, or ERR_INVALID with the reason in *why. */
int sop_standard_parse(const char *z, Standard *s, const char **why){
  static const char *const forms =
    N_("expected none, DURATION real, DURATION office, N workdays before EVENT, DURATION after EVENT or DURATION real|office after step N");
  char buf[128], *tok[6];
  int n = 0;
  const char *dummy;
  if( why==0 ) why = &dummy;
  memset(s, 0, sizeof *s);
  if( strlen(z)>=sizeof buf ){ *why = forms; return ERR_INVALID; }
  snprintf(buf, sizeof buf, "%s", z);
  char *save = 0;
  for(char *t = strtok_r(buf, " \t", &save); t; t = strtok_r(0, " \t", &save)){
    if( n==(int)COUNT(tok) ){ *why = forms; return ERR_INVALID; }
    tok[n++] = t;
  }
  if( n==1 && strcmp(tok[0], "none")==0 ){ s->kind = STD_NONE; return OK; }
  if( n>=2 && (strcmp(tok[1], "workdays")==0 || strcmp(tok[1], "workday")==0 || strcmp(tok[1], "hari")==0)
      && !(n==4 && strcmp(tok[2], "before")==0) ){
    *why = N_("a deadline in working days is N workdays before EVENT, e.g. 2 workdays before training_start (EVENT: training_start, training_end or last_session_end); a duration of office time is DURATION office, e.g. 2h office");
    return ERR_INVALID;
  }
  if( n==4 && (strcmp(tok[1], "workdays")==0 || strcmp(tok[1], "workday")==0) && strcmp(tok[2], "before")==0 ){
    if( count_parse(tok[0], &s->days)!=OK ){ *why = N_("the number of workdays must be a whole number, at least 1"); return ERR_INVALID; }
    s->kind = STD_WORKDAYS_BEFORE;
  }else if( n>=1 && duration_parse(tok[0], &s->seconds)!=OK ){
    size_t nd = strspn(tok[0], "0123456789");
    int unit = strcmp(tok[0]+nd, "s")==0 || strcmp(tok[0]+nd, "min")==0 || strcmp(tok[0]+nd, "h")==0;
    int indo = n>=2 && (strcmp(tok[1], "jam")==0 || strcmp(tok[1], "menit")==0 || strcmp(tok[1], "detik")==0);
    int setelah = 0;
    for(int i=1; i<n; i++) if( strcmp(tok[i], "setelah")==0 || strcmp(tok[i], "sesudah")==0 ) setelah = 1;
    *why = indo && setelah ? N_("the words are English: a deadline after an event is DURATION after EVENT, in real time: 1h after training_end, 15min after last_session_end")
         : indo ? N_("the words are English: s, min or h (detik, menit, jam) after the number with no space, then office (jam kerja) or real (waktu nyata): 15h office, 10min office, 30s real")
         : unit && nd>7 ? N_("the number of a duration has at most 7 digits (9999999min): write it in a larger unit")
         : unit && nd && strspn(tok[0], "0")==nd ? N_("a duration of 0 is no standard: write none, or a duration of at least 1")
         : n==1 || isdigit((unsigned char)tok[0][0])
         ? N_("a duration is a whole number and a unit s, min or h, with no space: 10s, 25min, 1h") : forms;
    return ERR_INVALID;
  }else if( n==1 ){
    *why = N_("say whether the duration is real or office time: 10s real, 25min office");
    return ERR_INVALID;
  }else if( n==2 && strcmp(tok[1], "real")==0 ){
    s->kind = STD_REAL;
    return OK;
  }else if( n==2 && strcmp(tok[1], "office")==0 ){
    s->kind = STD_OFFICE;
    return OK;
  }else if( n==3 && strcmp(tok[1], "after")==0 ){
    s->kind = STD_AFTER_EVENT;
  }else if( n==5 && (strcmp(tok[1], "real")==0 || strcmp(tok[1], "office")==0) && strcmp(tok[2], "after")==0
            && strcmp(tok[3], "step")==0 ){
    if( count_parse(tok[4], &s->step)!=OK ){
      *why = N_("after step N: N is a step number");
      memset(s, 0, sizeof *s);
      return ERR_INVALID;
    }
    s->kind = STD_AFTER_STEP;
    s->office = strcmp(tok[1], "office")==0;
    return OK;
  }else if( n==4 && (strcmp(tok[1], "real")==0 || strcmp(tok[1], "office")==0) && strcmp(tok[2], "after")==0
            && list_index(sop_events, tok[3])>=0 ){
    *why = N_("a deadline after an event counts real time and is written without real or office: 1h after training_end");
    return ERR_INVALID;
  }else if( n>=2 && !(strcmp(tok[1], "real")==0 || strcmp(tok[1], "office")==0 || strcmp(tok[1], "after")==0)
            && (strcasecmp(tok[1], "real")==0 || strcasecmp(tok[1], "office")==0 || strcasecmp(tok[1], "after")==0) ){
    *why = N_("real, office, after and before are written in small letters: 25min office, 10s real");
    return ERR_INVALID;
  }else{
    *why = forms;
    return ERR_INVALID;
  }
  const char *ev = tok[n-1];
  if( list_index(sop_events, ev)<0 ){
    *why = N_("unknown event: use training_start, training_end or last_session_end");
    memset(s, 0, sizeof *s);
    return ERR_INVALID;
  }
  snprintf(s->event, sizeof s->event, "%s", ev);
  return OK;
}

/* The kind as a word for JSON. */
const char *sop_standard_kind(StdKind k){
  switch( k ){
    case STD_REAL: return "real";
    case STD_OFFICE: return "office";
    case STD_WORKDAYS_BEFORE: return "workdays_before";
    case STD_AFTER_EVENT: return "after_event";
    case STD_AFTER_STEP: return "after_step";
    default: return "none";
  }
}

/* A duration in words, in the largest unit that divides it. */
static void duration_text(int64_t s, int en, char *out, size_t n){
  static const char *const units[3][3] = {
    { "jam", "hour", "hours" }, { "menit", "minute", "minutes" }, { "detik", "second", "seconds" } };
  int u = s%3600==0 ? 0 : s%60==0 ? 1 : 2;
  long long v = u==0 ? s/3600 : u==1 ? s/60 : s;
  snprintf(out, n, "%lld %s", v, en ? units[u][v==1 ? 1 : 2] : units[u][0]);
}

/* The standard in words, in Indonesian (lang "id") or English ("en"). */
void sop_standard_text(const Standard *s, const char *lang, char *out, size_t n){
  int en = lang && strcmp(lang, "en")==0;
  char d[64];
  int ev = list_index(sop_events, s->event);
  const char *evw = ev>=0 ? event_words[ev][en] : s->event;
  switch( s->kind ){
    case STD_REAL:
      duration_text(s->seconds, en, out, n);
      break;
    case STD_OFFICE:
      duration_text(s->seconds, en, d, sizeof d);
      /* "2 jam kerja", not "2 jam jam kerja" */
      if( !en && s->seconds%3600==0 ) snprintf(out, n, "%lld jam kerja", (long long)(s->seconds/3600));
      else snprintf(out, n, en ? "%s of office time" : "%s jam kerja", d);
      break;
    case STD_WORKDAYS_BEFORE:
      if( en ) snprintf(out, n, "%d working day%s before %s", s->days, s->days==1 ? "" : "s", evw);
      else snprintf(out, n, "%d hari kerja sebelum %s", s->days, evw);
      break;
    case STD_AFTER_EVENT:
      duration_text(s->seconds, en, d, sizeof d);
      snprintf(out, n, en ? "%s after %s" : "%s setelah %s", d, evw);
      break;
    case STD_AFTER_STEP:
      duration_text(s->seconds, en, d, sizeof d);
      if( en ) snprintf(out, n, "%s%s after step %d ends", d, s->office ? " of office time" : "", s->step);
      else if( s->office && s->seconds%3600==0 ) snprintf(out, n, "%lld jam kerja setelah langkah %d selesai", (long long)(s->seconds/3600), s->step);
      else snprintf(out, n, "%s%s setelah langkah %d selesai", d, s->office ? " jam kerja" : "", s->step);
      break;
    default:
      snprintf(out, n, "%s", en ? "no standard" : "tanpa standar");
  }
}

/* ---- parsing ---- */

/* One error found, kept until the file is read so that they come out by line. */
typedef struct PErr { int line, seq; char *msg; } PErr;

/* The parser's state: the procedure being built, the errors, the current step. */
typedef struct Parse {
  Procedure *p;
  PErr *errs;
  int nerr, errs_cap;
  Step *cur;
  int numbering_bad;            /* steps not 1..N: the flow checks would only add noise */
  int pseen[32];                /* line of each procedure key seen (by table index) */
  int sseen[32];                /* line of each step key seen in the current step */
  const char *lang;             /* the messages are said in it ("id" or "en") */
} Parse;

/* Record one error at a line, fmt (a msgid) said in the parse's language. */
static void perr(Parse *ps, int line, const char *fmt, ...){
  va_list ap;
  Buf b = BUF_INIT;
  va_start(ap, fmt);
  buf_vprintf(&b, i18n_get(ps->lang, fmt), ap);
  va_end(ap);
  if( ps->nerr==ps->errs_cap ){
    ps->errs_cap = ps->errs_cap ? ps->errs_cap*2 : 8;
    ps->errs = xrealloc(ps->errs, sizeof(PErr)*(size_t)ps->errs_cap);
  }
  ps->errs[ps->nerr] = (PErr){ line, ps->nerr, xstrdup(buf_str(&b)) };
  ps->nerr++;
  buf_free(&b);
}

/* Order errors by line, then as found. */
static int perr_cmp(const void *a, const void *b){
  const PErr *x = a, *y = b;
  return x->line!=y->line ? (x->line<y->line ? -1 : 1) : (x->seq<y->seq ? -1 : x->seq>y->seq);
}

/* Write the errors, by line, as "FILE:LINE: message" lines, and free them. */
static void perr_flush(Parse *ps, Buf *out){
  if( ps->nerr ) qsort(ps->errs, (size_t)ps->nerr, sizeof(PErr), perr_cmp);
  for(int i=0; i<ps->nerr; i++){
    buf_printf(out, "%s:%d: %s\n", ps->p->file, ps->errs[i].line, ps->errs[i].msg);
    free(ps->errs[i].msg);
  }
  free(ps->errs);
  ps->errs = 0;
}

/* Append a string to a list (the string lives in the procedure's arena). */
/* 1 when z is one of the strings of l. */
int strlist_has(const StrList *l, const char *z){
  for(int i=0; z && i<l->n; i++) if( strcmp(l->v[i], z)==0 ) return 1;
  return 0;
}

/* Add a text to a list of texts (a copy). */
static void strlist_add(StrList *l, const char *z){
  if( l->n==l->cap ){
    l->cap = l->cap ? l->cap*2 : 4;
    l->v = xrealloc((void*)l->v, sizeof(char*)*(size_t)l->cap);
  }
  l->v[l->n++] = z;
}

/* A procedure key: its name, whether it repeats, where it is kept. */
typedef struct Key { const char *name; int list; size_t off; } Key;
static const Key proc_keys[] = {
  { "code", 0, offsetof(Procedure, code) },
  { "title", 0, offsetof(Procedure, title) },
  { "title_en", 0, offsetof(Procedure, title_en) },
  { "issuer", 0, offsetof(Procedure, issuer) },
  { "revision", 0, offsetof(Procedure, revision) },
  { "effective", 0, offsetof(Procedure, effective) },
  { "basis", 1, offsetof(Procedure, basis) },
  { "purpose", 0, offsetof(Procedure, purpose) },
  { "channel", 0, offsetof(Procedure, channel) },
  { "qualification", 1, offsetof(Procedure, qualification) },
  { "equipment", 1, offsetof(Procedure, equipment) },
  { "record", 1, offsetof(Procedure, record) },
  { "related", 1, offsetof(Procedure, related) },
  { "warning", 1, offsetof(Procedure, warning) },
  { "note", 1, offsetof(Procedure, note) },
};

enum { SK_TEXT, SK_TEXT_EN, SK_ACTOR, SK_ITEM, SK_TASK, SK_TIME, SK_OUTPUT, SK_NOTES, SK_NEXT,
       SK_QUESTION, SK_YES, SK_NO, SK_PAUSE, SK_OUTSIDE, SK_REGISTER, SK_QUESTION_EN, SK_ITEM_EN, SK_COUNT };
/* The step keys, in the order of the enum; 1 where the key repeats. */
static const struct { const char *name; int list; } step_keys[SK_COUNT] = {
  { "text", 0 }, { "text_en", 0 }, { "actor", 0 }, { "item", 1 }, { "task", 1 }, { "time", 0 },
  { "output", 0 }, { "notes", 0 }, { "next", 0 }, { "question", 0 }, { "yes", 0 }, { "no", 0 },
  { "pause", 0 }, { "outside", 0 }, { "register", 1 }, { "question_en", 0 }, { "item_en", 1 },
};

/* 1 when z is YYYY-MM-DD naming a real day. */
static int date_valid(const char *z){
  static const int mdays[] = { 31,29,31,30,31,30,31,31,30,31,30,31 };
  if( strlen(z)!=10 || z[4]!='-' || z[7]!='-' ) return 0;
  for(int i=0; i<10; i++) if( i!=4 && i!=7 && !isdigit((unsigned char)z[i]) ) return 0;
  int y = atoi(z), m = atoi(z+5), d = atoi(z+8);
  if( y<1900 || m<1 || m>12 || d<1 || d>mdays[m-1] ) return 0;
  if( m==2 && d==29 && !((y%4==0 && y%100!=0) || y%400==0) ) return 0;
  return 1;
}

/* How many single-letter edits (a letter changed, added, dropped, or two swapped) make a into b,
** counted up to 3; for "did you mean". */
static int key_distance(const char *a, const char *b){
  size_t na = strlen(a), nb = strlen(b);
  if( na>31 || nb>31 ) return 3;
  int d[32][32];
  for(size_t i=0; i<=na; i++) d[i][0] = (int)i;
  for(size_t k=0; k<=nb; k++) d[0][k] = (int)k;
  for(size_t i=1; i<=na; i++){
    for(size_t k=1; k<=nb; k++){
      int v = d[i-1][k-1] + (a[i-1]!=b[k-1]);
      if( d[i-1][k]+1<v ) v = d[i-1][k]+1;
      if( d[i][k-1]+1<v ) v = d[i][k-1]+1;
      if( i>1 && k>1 && a[i-1]==b[k-2] && a[i-2]==b[k-1] && d[i-2][k-2]+1<v ) v = d[i-2][k-2]+1;
      d[i][k] = v;
    }
  }
  return d[na][nb]<3 ? d[na][nb] : 3;
}

/* Say what is wrong with a key that is not one of its place (in_step: under a step): a key of
** the other place, else the nearest key of its own (a typo), else the keys it may be. */
static void key_unknown(Parse *ps, int line, const char *key, int in_step){
  for(size_t i=0; i<COUNT(proc_keys) && in_step; i++){
    if( strcmp(proc_keys[i].name, key)==0 ){
      perr(ps, line, N_("\"%s\" is a procedure key: it comes before step 1, not indented"), key);
      return;
    }
  }
  for(int i=0; i<SK_COUNT && !in_step; i++){
    if( strcmp(step_keys[i].name, key)==0 ){
      perr(ps, line, N_("\"%s\" is a step key: it belongs under a \"step N\" line, indented by two spaces"), key);
      return;
    }
  }
  Buf all = BUF_INIT, near = BUF_INIT;
  int n = in_step ? SK_COUNT : (int)COUNT(proc_keys), nnear = 0;
  for(int i=0; i<n; i++){
    const char *name = in_step ? step_keys[i].name : proc_keys[i].name;
    if( strlen(key)>2 && key_distance(key, name)==1 ) buf_printf(&near, "%R\"%R\"", nnear++ ? i18n_get(ps->lang, N_(" or ")) : "", name);
    buf_printf(&all, "%R%R", i ? ", " : "", name);
  }
  if( nnear ) perr(ps, line, in_step ? N_("unknown step key \"%s\": did you mean %s?") : N_("unknown key \"%s\": did you mean %s?"),
                   key, buf_str(&near));
  else perr(ps, line, in_step ? N_("unknown step key \"%s\": the keys are %s") : N_("unknown key \"%s\": the keys are %s"),
            key, buf_str(&all));
  buf_free(&near);
  buf_free(&all);
}

/* A procedure key line. */
static void proc_key(Parse *ps, int line, const char *key, const char *val){
  Procedure *p = ps->p;
  for(size_t i=0; i<COUNT(proc_keys); i++){
    const Key *k = &proc_keys[i];
    if( strcmp(k->name, key) ) continue;
    if( k->list ){
      strlist_add((StrList*)((char*)p + k->off), val);
      return;
    }
    if( ps->pseen[i] ){ perr(ps, line, N_("%s given twice (first at line %d)"), key, ps->pseen[i]); return; }
    ps->pseen[i] = line;
    if( strcmp(key, "code")==0 ) p->code_line = line;
    if( strcmp(key, "effective")==0 && strcmp(val, "unknown") && !date_valid(val) ){
      perr(ps, line, N_("effective: \"%s\" is not a date YYYY-MM-DD (nor unknown)"), val);
    }
    if( strcmp(key, "channel")==0 ){
      int ok = 0;
      for(int c=0; case_channels[c]; c++) if( strcmp(case_channels[c], val)==0 ) ok = 1;
      if( !ok ) perr(ps, line, N_("channel: \"%s\" is not a channel: phone, email, walk_in, portal or letter"), val);
    }
    *(const char**)((char*)p + k->off) = val;
    return;
  }
  key_unknown(ps, line, key, 0);
}

/* Parse a branch target: a step number, end (in any case: End, END), or back (to the step that led
** here); OK or ERR_INVALID. */
static int target_parse(const char *z, int *out){
  if( strcasecmp(z, "end")==0 ){ *out = STEP_END; return OK; }
  if( strcmp(z, "back")==0 ){ *out = STEP_BACK; return OK; }
  return count_parse(z, out);
}

/* Say what is wrong with an actor that is not a role: written with capitals, the role as it is
** written ("Helpdesk": helpdesk); roles written apart by spaces ("helpdesk piket"), the list with
** commas; else not one, and the roles it may name. */
static void actor_unknown(Parse *ps, int line, const char *name){
  char low[64];
  size_t n = strlen(name);
  for(size_t i=0; i<n && i<sizeof low-1; i++) low[i] = (char)tolower((unsigned char)name[i]);
  low[n<sizeof low-1 ? n : sizeof low-1] = 0;
  if( n<sizeof low && (role_index(low)>=0 || strcmp(low, "requester")==0) ){
    perr(ps, line, N_("actor: \"%s\": roles are written in small letters: %s"), name, low);
    return;
  }
  if( n<sizeof low && strchr(low, ' ') ){
    char words[64], *save = 0;
    memcpy(words, low, n+1);
    Buf list = BUF_INIT;
    int all_roles = 1;
    for(char *w = strtok_r(words, " \t", &save); w; w = strtok_r(0, " \t", &save)){
      if( role_index(w)<0 && strcmp(w, "requester") ){ all_roles = 0; break; }
      buf_printf(&list, "%R%R", list.n ? "," : "", w);
    }
    if( all_roles && list.n ){
      if( strcmp(name, low) ) perr(ps, line, N_("actor: \"%s\": roles are written in small letters and separated by commas: %s"), name, buf_str(&list));
      else perr(ps, line, N_("actor: \"%s\": roles are separated by commas: %s"), name, buf_str(&list));
      buf_free(&list);
      return;
    }
    buf_free(&list);
  }
  Buf all = BUF_INIT;
  for(int i=0; i<ROLE_COUNT; i++) buf_printf(&all, "%R%R", i ? ", " : "", role_names[i]);
  perr(ps, line, N_("actor: \"%s\" is not a role of Loket (nor requester): %s"), name, buf_str(&all));
  buf_free(&all);
}

/* Split the actor list into roles, each a role of Loket or requester. */
static void step_actors(Parse *ps, int line, const char *val){
  Step *s = ps->cur;
  const char *z = val;
  while( 1 ){
    const char *e = strchr(z, ',');
    size_t n = e ? (size_t)(e-z) : strlen(z);
    char *name = arena_strndup(&ps->p->arena, z, n);
    name = util_trim(name);
    if( *name==0 ) perr(ps, line, N_("actor: an empty name in the list"));
    else if( role_index(name)<0 && strcmp(name, "requester") ) actor_unknown(ps, line, name);
    else strlist_add(&s->actors, name);
    if( e==0 ) break;
    z = e+1;
  }
}

/* A step key line. */
static void step_key(Parse *ps, int line, const char *key, const char *val){
  Step *s = ps->cur;
  int k = -1;
  for(int i=0; i<SK_COUNT; i++) if( strcmp(step_keys[i].name, key)==0 ){ k = i; break; }
  if( k<0 ){ key_unknown(ps, line, key, 1); return; }
  if( !step_keys[k].list ){
    if( ps->sseen[k] ){ perr(ps, line, N_("%s given twice in step %d (first at line %d)"), key, s->no, ps->sseen[k]); return; }
    ps->sseen[k] = line;
  }
  const char *why;
  switch( k ){
    case SK_TEXT: s->text = val; break;
    case SK_TEXT_EN: s->text_en = val; break;
    case SK_OUTPUT: s->output = val; break;
    case SK_NOTES: s->notes = val; break;
    case SK_QUESTION: s->question = val; break;
    case SK_QUESTION_EN: s->question_en = val; break;
    case SK_ACTOR: step_actors(ps, line, val); break;
    case SK_ITEM: strlist_add(&s->items, val); break;
    case SK_ITEM_EN:
      if( !ps->sseen[k] ) ps->sseen[k] = line;
      strlist_add(&s->items_en, val);
      break;
    case SK_TIME:
      s->time = val;
      if( sop_standard_parse(val, &s->std, &why)!=OK ) perr(ps, line, N_("time: \"%s\": %s"), val, i18n_get(ps->lang, why));
      break;
    case SK_TASK: {
      const char *bar = strrchr(val, '|');
      if( bar==0 ){ perr(ps, line, N_("task: write TEXT | TIME")); break; }
      char *text = util_trim(arena_strndup(&ps->p->arena, val, (size_t)(bar-val)));
      char *time = util_trim(arena_strdup(&ps->p->arena, bar+1));
      Task t = { text, {0}, line, {0, 0} };
      if( *text==0 ) perr(ps, line, N_("task: the text before | is empty"));
      if( sop_standard_parse(time, &t.std, &why)!=OK ) perr(ps, line, N_("task: time \"%s\": %s"), time, i18n_get(ps->lang, why));
      else if( t.std.kind==STD_AFTER_STEP ) perr(ps, line, N_("task: time \"%s\": a task's time cannot count from a step's end"), time);
      if( s->ntasks==s->tasks_cap ){
        s->tasks_cap = s->tasks_cap ? s->tasks_cap*2 : 4;
        s->tasks = xrealloc(s->tasks, sizeof(Task)*(size_t)s->tasks_cap);
      }
      s->tasks[s->ntasks++] = t;
      break;
    }
    case SK_NEXT: case SK_YES: case SK_NO: {
      int *slot = k==SK_NEXT ? &s->next : k==SK_YES ? &s->yes_to : &s->no_to;
      if( target_parse(val, slot)!=OK ){   /* back only for an answer */
        perr(ps, line, k==SK_NEXT ? N_("%s: \"%s\" is not a step number nor end") : N_("%s: \"%s\" is not a step number, end nor back"), key, val);
      }
      else if( k==SK_NEXT && *slot==STEP_BACK ){
        perr(ps, line, N_("next: back is for a decision's yes or no (the answer says whether to go back)"));
        *slot = STEP_UNSET;
      }
      break;
    }
    case SK_PAUSE: case SK_OUTSIDE: {
      int *slot = k==SK_PAUSE ? &s->pause : &s->outside;
      if( strcmp(val, "yes")==0 ) *slot = 1;
      else if( strcmp(val, "no")==0 ) *slot = 0;
      else perr(ps, line, N_("%s: \"%s\" must be yes or no"), key, val);
      break;
    }
    case SK_REGISTER:
      if( list_index(sop_registers, val)<0 ){
        perr(ps, line, N_("register: \"%s\" is not a register (guest_book, agenda, disposition, consultation, handover, archive)"), val);
      }else strlist_add(&s->registers, val);
      break;
  }
}

/* The lines where the current step's next, yes and no were given (for later messages). */
typedef struct StepLines { int next, yes, no, time; } StepLines;

/* Check what one step needs once all its keys are read. */
static void step_finish(Parse *ps, StepLines *sl){
  Step *s = ps->cur;
  if( s==0 ) return;
  static const int required[] = { SK_TEXT, SK_ACTOR, SK_TIME };
  for(size_t i=0; i<COUNT(required); i++){
    if( !ps->sseen[required[i]] ) perr(ps, s->line, N_("step %d: missing required key \"%s\""), s->no, step_keys[required[i]].name);
  }
  if( s->question ){
    if( !ps->sseen[SK_YES] ) perr(ps, s->line, N_("step %d: a decision (question) needs yes"), s->no);
    if( !ps->sseen[SK_NO] ) perr(ps, s->line, N_("step %d: a decision (question) needs no"), s->no);
    if( ps->sseen[SK_NEXT] ) perr(ps, ps->sseen[SK_NEXT], N_("step %d: a decision has yes and no, not next"), s->no);
  }else{
    if( ps->sseen[SK_YES] ) perr(ps, ps->sseen[SK_YES], N_("step %d: yes without a question"), s->no);
    if( ps->sseen[SK_NO] ) perr(ps, ps->sseen[SK_NO], N_("step %d: no without a question"), s->no);
    if( ps->sseen[SK_QUESTION_EN] ) perr(ps, ps->sseen[SK_QUESTION_EN], N_("step %d: question_en without a question"), s->no);
  }
  if( s->items_en.n && s->items_en.n!=s->items.n ){
    perr(ps, ps->sseen[SK_ITEM_EN], N_("step %d: %d item_en for %d item(s): give each item its item_en, in the same order, or none"),
         s->no, s->items_en.n, s->items.n);
  }
  sl->next = ps->sseen[SK_NEXT];
  sl->yes = ps->sseen[SK_YES];
  sl->no = ps->sseen[SK_NO];
  sl->time = ps->sseen[SK_TIME];
}

/* Start a new step from a "step N" line. */
static void step_begin(Parse *ps, int line, const char *rest, StepLines **lines){
  Procedure *p = ps->p;
  int no = 0;
  const char *z = rest;
  while( *z==' ' ) z++;
  char *num = util_trim(arena_strdup(&p->arena, z));
  if( count_parse(num, &no)!=OK ){
    perr(ps, line, N_("expected \"step N\" with N a step number"));
    ps->numbering_bad = 1;
    no = p->nsteps+1;
  }else if( no<=p->nsteps ){
    perr(ps, line, N_("step %d given twice: step %d is already at line %d (steps are numbered 1..N, no gaps)"), no, no, p->steps[no-1].line);
    ps->numbering_bad = 1;
  }else if( no!=p->nsteps+1 ){
    perr(ps, line, N_("step %d out of order: expected step %d (steps are numbered 1..N, no gaps)"), no, p->nsteps+1);
    ps->numbering_bad = 1;
  }
  if( p->nsteps==p->steps_cap ){
    p->steps_cap = p->steps_cap ? p->steps_cap*2 : 8;
    p->steps = xrealloc(p->steps, sizeof(Step)*(size_t)p->steps_cap);
    *lines = xrealloc(*lines, sizeof(StepLines)*(size_t)p->steps_cap);
  }
  Step *s = &p->steps[p->nsteps];
  memset(s, 0, sizeof *s);
  memset(&(*lines)[p->nsteps], 0, sizeof(StepLines));
  p->nsteps++;
  s->no = no;
  s->line = line;
  s->next = STEP_UNSET;
  ps->cur = s;
  memset(ps->sseen, 0, sizeof ps->sseen);
}

/* Where a step leads when done: its next (the following step when not given), or STEP_END. */
int procedure_next(const Procedure *p, const Step *s){
  if( s->next!=STEP_UNSET ) return s->next;
  return s->no < p->nsteps ? s->no+1 : STEP_END;
}

/* The step numbered no, or NULL. */
const Step *procedure_step(const Procedure *p, int no){
  if( no<1 || no>p->nsteps || p->steps[no-1].no!=no ) return 0;
  return &p->steps[no-1];
}

/* Whether a step's times are said to the second (see sop.h). */
int procedure_step_secs(const Procedure *p, int no){
  const Step *st = p ? procedure_step(p, no) : 0;
  return st && STD_TO_SECOND(&st->std);
}

/* The events a new case of p must give (its steps' standards, or their tasks', count from them), as
** "training_start, training_end" into out (n bytes; "" when none); the count. */
int procedure_events_needed(const Procedure *p, char *out, size_t n){
  int seen[8] = {0}, count = 0;
  for(int i=0; p && i<p->nsteps; i++){
    if( p->steps[i].outside ) continue;
    for(int j=-1; j<p->steps[i].ntasks; j++){
      const Standard *st = j<0 ? &p->steps[i].std : &p->steps[i].tasks[j].std;
      if( st->kind!=STD_WORKDAYS_BEFORE && st->kind!=STD_AFTER_EVENT ) continue;
      for(int k=0; sop_events[k] && k<8; k++) if( strcmp(sop_events[k], st->event)==0 ) seen[k] = 1;
    }
  }
  size_t len = 0;
  if( n ) out[0] = 0;
  for(int k=0; sop_events[k] && k<8; k++){
    if( !seen[k] ) continue;
    int w = snprintf(out+len, len<n ? n-len : 0, "%s%s", count ? ", " : "", sop_events[k]);
    if( w>0 && len+(size_t)w<n ) len += (size_t)w;
    count++;
  }
  return count;
}

/* The steps a step leads to by its own targets (0 the end, -1 none, STEP_BACK back): two at most. */
static void step_targets(const Procedure *p, const Step *s, int out[2]){
  out[0] = s->question ? s->yes_to : procedure_next(p, s);
  out[1] = s->question ? s->no_to : -1;
}

/* The steps that lead straight to s (see sop.h). */
int procedure_back_targets(const Procedure *p, const Step *s, int *out, int max){
  int n = 0;
  for(int i=0; i<p->nsteps && n<max; i++){
    int t[2];
    step_targets(p, &p->steps[i], t);
    if( t[0]==s->no || t[1]==s->no ) out[n++] = p->steps[i].no;
  }
  return n;
}

/* The steps a step may lead to (0 the end): its targets, a "back" standing for every step that
** leads straight to it; at most max, the count. */
static int step_succ(const Procedure *p, const Step *s, int *out, int max){
  int t[2], n = 0;
  step_targets(p, s, t);
  for(int k=0; k<2; k++){
    if( t[k]==STEP_BACK ) n += procedure_back_targets(p, s, out+n, max-n);
    else if( t[k]>=0 && n<max ) out[n++] = t[k];
  }
  return n;
}

/* The flow: targets exist, every step is reachable from step 1 (unless outside),
** something leads to the end, and every reachable step can reach it. */
static void flow_check(Parse *ps, const StepLines *lines){
  Procedure *p = ps->p;
  int n = p->nsteps, dangling = 0;
  for(int i=0; i<n; i++){
    Step *s = &p->steps[i];
    const struct { const char *key; int to, line; } t[] = {
      { "next", s->next, lines[i].next }, { "yes", s->yes_to, lines[i].yes }, { "no", s->no_to, lines[i].no } };
    for(size_t k=0; k<COUNT(t); k++){
      if( t[k].line && t[k].to>n ){
        perr(ps, t[k].line, N_("step %d: \"%s: %d\" names step %d, which does not exist (the last is %d)"), s->no, t[k].key, t[k].to, t[k].to, n);
        dangling = 1;
      }
    }
  }
  /* a standard counted from another step's end names a step, not itself */
  for(int i=0; i<n; i++){
    const Step *s = &p->steps[i];
    if( s->std.kind!=STD_AFTER_STEP || lines[i].time==0 ) continue;
    if( s->std.step>n ) perr(ps, lines[i].time, N_("step %d: time counts from step %d, which does not exist (the last is %d)"), s->no, s->std.step, n);
    else if( s->std.step==s->no ) perr(ps, lines[i].time, N_("step %d: time counts from the step's own end: use DURATION real or office"), s->no);
  }
  if( dangling || n==0 ) return;   /* the graph is not whole: what follows would only repeat it */
  if( p->steps[0].outside ) perr(ps, p->steps[0].line, N_("step 1 starts every case: it cannot be outside the flow"));
  for(int i=0; i<n; i++){
    Step *s = &p->steps[i];
    int before[2];
    if( (s->yes_to==STEP_BACK || s->no_to==STEP_BACK) && procedure_back_targets(p, s, before, 2)==0 ){
      perr(ps, s->yes_to==STEP_BACK ? lines[i].yes : lines[i].no,
           N_("step %d: back has nowhere to go: no step leads straight to step %d"), s->no, s->no);
    }
  }
  char *reach = xcalloc((size_t)n+1, 1), *toend = xcalloc((size_t)n+1, 1);
  int *stack = xmalloc(sizeof(int)*(size_t)(n+2)), sp = 0, ends = 0;
  int *succ = xmalloc(sizeof(int)*(size_t)(n+2)), ns;
  reach[1] = 1;
  stack[sp++] = 1;
  while( sp ){
    ns = step_succ(p, &p->steps[stack[--sp]-1], succ, n+2);
    for(int k=0; k<ns; k++) if( succ[k]>0 && !reach[succ[k]] ){ reach[succ[k]] = 1; stack[sp++] = succ[k]; }
  }
  for(int i=0; i<n; i++){
    ns = step_succ(p, &p->steps[i], succ, n+2);
    for(int k=0; k<ns; k++) if( succ[k]==STEP_END ){ ends++; break; }
  }
  /* which steps can reach the end: grow the set until it holds still */
  for(int changed = 1; changed; ){
    changed = 0;
    for(int i=0; i<n; i++){
      if( toend[i+1] ) continue;
      ns = step_succ(p, &p->steps[i], succ, n+2);
      for(int k=0; k<ns; k++){
        if( succ[k]==STEP_END || (succ[k]>0 && toend[succ[k]]) ){ toend[i+1] = 1; changed = 1; break; }
      }
    }
  }
  for(int i=0; i<n; i++){
    Step *s = &p->steps[i];
    if( !reach[s->no] && !s->outside ){
      perr(ps, s->line, N_("step %d is not reachable from step 1 (mark it \"outside: yes\" if it is not part of a case's flow)"), s->no);
    }
  }
  if( ends==0 ){
    perr(ps, p->steps[n-1].line, N_("no way to end: no step leads to end"));
  }else{
    for(int i=0; i<n; i++){
      Step *s = &p->steps[i];
      if( reach[s->no] && !toend[s->no] ) perr(ps, s->line, N_("step %d cannot reach the end: a loop with no way out"), s->no);
    }
  }
  free(reach);
  free(toend);
  free(stack);
  free(succ);
}

/* What is wrong with a line (its trailing CR of a CRLF taken off) that holds a byte no text
** of a procedure may: a CR alone, another control character (a bell or an escape would reach the
** terminal's table, the pages and the PDFs), or a byte-order mark within the text, said in lang; 0 when none. */
static const char *line_control(const char *z, const char *lang, char *buf, size_t size){
  for(const unsigned char *c = (const unsigned char*)z; *c; c++){
    if( *c=='\r' ) return i18n_get(lang, N_("a line break of CR alone (an old Mac line end) within the line: save the file with LF or CRLF line ends"));
    if( (*c<0x20 && *c!='\t') || *c==0x7f || (*c==0xc2 && c[1]>=0x80 && c[1]<=0x9f) ){
      snprintf(buf, size, i18n_get(lang, N_("an invisible control character (U+%04X) in the line: a procedure is plain text; delete it")),
               *c==0xc2 ? c[1] : *c);
      return buf;
    }
    if( c[0]==0xef && c[1]==0xbb && c[2]==0xbf )
      return i18n_get(lang, N_("an invisible byte-order mark (U+FEFF) within the text, as joining two files leaves it: delete it"));
  }
  return 0;
}

/* 1 when the line starts a step: "step" followed by a space or nothing; 2 for a near miss of it
** that is said and read as a step ("Step 1", "STEP 1", "step1"), not as a key line. */
static int is_step_line(const char *z){
  if( strncmp(z, "step", 4)==0 && (z[4]==0 || z[4]==' ' || z[4]=='\t') ) return 1;
  if( strncasecmp(z, "step", 4)==0 && (z[4]==0 || z[4]==' ' || isdigit((unsigned char)z[4])) ) return 2;
  return 0;
}

/* 1 when name is a key of its place (in_step: under a step). */
static int key_known(const char *name, int in_step){
  for(size_t i=0; i<COUNT(proc_keys) && !in_step; i++) if( strcmp(proc_keys[i].name, name)==0 ) return 1;
  for(int i=0; i<SK_COUNT && in_step; i++) if( strcmp(step_keys[i].name, name)==0 ) return 1;
  return 0;
}

/* Read one "key: value" line; returns 0 (and reports) when it is not one. A known key written
** with capitals ("Code:", "Actor:") is said and read as the key; a key with a digit or a dash
** ("text-en") is left to the unknown key's message, which names the key meant. */
static int key_value(Parse *ps, int line, char *z, char **key, char **val, int in_step){
  char *c = strchr(z, ':');
  if( c==0 ){ perr(ps, line, N_("expected \"key: value\"")); return 0; }
  *c = 0;
  int upper = 0;
  for(char *k = z; *k; k++){
    if( isupper((unsigned char)*k) ) upper = 1;
    else if( !(islower((unsigned char)*k) || isdigit((unsigned char)*k) || *k=='_' || *k=='-') ){ perr(ps, line, N_("expected \"key: value\"")); return 0; }
  }
  if( *z==0 ){ perr(ps, line, N_("expected \"key: value\"")); return 0; }
  if( upper ){
    char low[32];
    size_t n = strlen(z);
    for(size_t i=0; i<n && i<sizeof low - 1; i++) low[i] = (char)tolower((unsigned char)z[i]);
    low[n<sizeof low - 1 ? n : sizeof low - 1] = 0;
    if( n<sizeof low && (key_known(low, in_step) || key_known(low, !in_step)) ){
      perr(ps, line, N_("\"%s\": keys are written in small letters: %s"), z, low);
      memcpy(z, low, n);
    }
  }
  *key = z;
  *val = util_trim(c+1);
  if( **val==0 ){ perr(ps, line, N_("%s has no value"), z); return 0; }
  return 1;
}

/* Write, in both languages, the parts of each step and task that a case's JSON repeats
** unchanged for every case (case_json): they are escaped once, not on every request. */
static void steps_json(Procedure *p){
  static const char *const langs[2] = { "id", "en" };
  for(int i=0; i<p->nsteps; i++){
    Step *s = &p->steps[i];
    for(int l=0; l<2; l++){
      char words[128];
      Buf b = BUF_INIT;
      buf_printf(&b, "\"title\":%J,\"actor\":[", s->text);
      for(int k=0; k<s->actors.n; k++) buf_printf(&b, "%R%J", k ? "," : "", s->actors.v[k]);
      sop_standard_text(&s->std, langs[l], words, sizeof words);
      buf_printf(&b, "],\"decision\":%R,\"pause\":%R,\"standard\":%J",
                 s->question ? "true" : "false", s->pause ? "true" : "false", words);
      s->json[l] = arena_strndup(&p->arena, buf_str(&b), b.n);
      buf_free(&b);
      for(int k=0; k<s->ntasks; k++){
        sop_standard_text(&s->tasks[k].std, langs[l], words, sizeof words);
        s->tasks[k].json[l] = arena_printf(&p->arena, "\"text\":%J,\"standard\":%J", s->tasks[k].text, words);
      }
    }
  }
}

/* Parse and validate a procedure file (a stored text: the rules of new files only skipped); see sop.h. */
static int parse_text(const char *file, const char *text, size_t len, const char *lang, Procedure **out, Buf *errs, int *nerr,
                      int stored){
  Procedure *p = xcalloc(1, sizeof *p);
  arena_init(&p->arena);
  p->file = arena_strdup(&p->arena, file);
  p->text = arena_strndup(&p->arena, text, len);
  p->len = len;
  util_sha256_hex(p->sha256, text, len);
  Parse ps;
  memset(&ps, 0, sizeof ps);
  ps.p = p;
  ps.lang = lang;
  StepLines *lines = 0;
  /* a working copy cut into lines; values point into it, so it lives in the arena */
  char *copy = arena_strndup(&p->arena, text, len);
  if( strncmp(copy, "\xEF\xBB\xBF", 3)==0 ) copy += 3;   /* a UTF-8 byte-order mark, as some editors write */
  const char *whole = 0;   /* what makes the whole file unreadable, said once at line 1 */
  if( len>=2 && (((unsigned char)text[0]==0xff && (unsigned char)text[1]==0xfe) || ((unsigned char)text[0]==0xfe && (unsigned char)text[1]==0xff)) )
    whole = N_("the file is UTF-16 text (\"Unicode\" in Notepad's Save As): save it as UTF-8");
  else if( memchr(text, 0, len) )   /* a binary file (a picture, a document of a word processor): one error, not one per line */
    whole = N_("not a text file (it holds NUL bytes): a procedure is plain UTF-8 text, see docs/sop-format.md");
  else if( memchr(text, '\r', len) && !memchr(text, '\n', len) )   /* every line would be one */
    whole = N_("the lines end in CR alone (an old Mac line end): save the file with LF or CRLF line ends");
  if( whole ){
    perr(&ps, 1, "%s", i18n_get(lang, whole));
    perr_flush(&ps, errs);
    if( nerr ) *nerr = 1;
    procedure_free(p);
    *out = 0;
    return ERR_INVALID;
  }
  int bad = util_utf8_bad_line(text, len);
  if( bad ) perr(&ps, bad, N_("not UTF-8 text (save the file as UTF-8)"));   /* é of Latin-1 would reach every page broken */
  int lineno = 0, nkeys = 0;
  for(char *z = copy; z && *z; ){
    char *nl = strchr(z, '\n');
    if( nl ) *nl = 0;
    lineno++;
    size_t zl = strlen(z);
    if( zl && z[zl-1]=='\r' ) z[--zl] = 0;
    char cbuf[256];
    const char *ctl = bad==lineno || stored ? 0 : line_control(z, lang, cbuf, sizeof cbuf);   /* a line not UTF-8 is said so already */
    if( ctl ) perr(&ps, lineno, "%s", ctl);
    int ind = 0;
    while( z[ind]==' ' ) ind++;
    char *body = z+ind;
    while( *body=='\t' || *body==' ' ) body++;
    if( *body==0 || *body=='#' ){ z = nl ? nl+1 : 0; continue; }
    nkeys++;
    if( body!=z+ind ){
      perr(&ps, lineno, N_("indent with spaces, not tabs"));
    }else if( ind==0 && is_step_line(body) ){
      if( is_step_line(body)==2 ) perr(&ps, lineno, N_("write a step's line as \"step N\": the word step in small letters, a space, then the number"));
      if( ps.cur ) step_finish(&ps, &lines[ps.cur - p->steps]);
      step_begin(&ps, lineno, body+4, &lines);
    }else if( ind==0 ){
      char *key, *val;
      if( key_value(&ps, lineno, body, &key, &val, 0) ){
        if( ps.cur ) perr(&ps, lineno, N_("\"%s\" after the steps: procedure keys come before step 1, step keys are indented by two spaces"), key);
        else proc_key(&ps, lineno, key, val);
      }
    }else if( ind==2 ){
      char *key, *val;
      if( ps.cur==0 ) perr(&ps, lineno, N_("an indented line before step 1"));
      else if( key_value(&ps, lineno, body, &key, &val, 1) ) step_key(&ps, lineno, key, val);
    }else{
      perr(&ps, lineno, N_("step keys are indented by exactly two spaces"));
    }
    z = nl ? nl+1 : 0;
  }
  if( ps.cur ) step_finish(&ps, &lines[ps.cur - p->steps]);
  if( ps.nerr==0 && p->nsteps==0 && nkeys==0 ){   /* nothing but blanks and comments: one error, not four */
    perr(&ps, 1, N_("the file is empty: a procedure has code:, title:, revision: and at least \"step 1\""));
    free(lines);
    perr_flush(&ps, errs);
    if( nerr ) *nerr = ps.nerr;
    procedure_free(p);
    *out = 0;
    return ERR_INVALID;
  }
  static const char *const required[] = { "code", "title", "revision" };
  for(size_t i=0; i<COUNT(required); i++){
    for(size_t k=0; k<COUNT(proc_keys); k++){
      if( strcmp(proc_keys[k].name, required[i])==0 && !ps.pseen[k] ) perr(&ps, 1, N_("missing required key \"%s\""), required[i]);
    }
  }
  if( p->code ){
    char *slug = arena_strdup(&p->arena, p->code);
    for(char *c = slug; *c; c++) if( !isalnum((unsigned char)*c) && *c!='.' && *c!='_' && *c!='-' ) *c = '-';
    p->slug = slug;
  }
  if( p->nsteps==0 ) perr(&ps, lineno ? lineno : 1, N_("no steps: a procedure has at least \"step 1\""));
  else if( !ps.numbering_bad ) flow_check(&ps, lines);
  free(lines);
  perr_flush(&ps, errs);
  if( nerr ) *nerr = ps.nerr;
  if( ps.nerr ){
    procedure_free(p);
    *out = 0;
    return ERR_INVALID;
  }
  steps_json(p);
  *out = p;
  return OK;
}

/* Parse and validate a procedure file; see sop.h. */
int procedure_parse(const char *file, const char *text, size_t len, Procedure **out, Buf *errs, int *nerr){
  return parse_text(file, text, len, "en", out, errs, nerr, 0);
}

/* As procedure_parse, the messages in lang; see sop.h. */
int procedure_parse_lang(const char *file, const char *text, size_t len, const char *lang, Procedure **out, Buf *errs,
                         int *nerr){
  return parse_text(file, text, len, lang, out, errs, nerr, 0);
}

/* Parse a procedure's text stored in the database; see sop.h. */
int procedure_parse_stored(const char *file, const char *text, size_t len, Procedure **out, Buf *errs, int *nerr){
  return parse_text(file, text, len, "en", out, errs, nerr, 1);
}

/* Free a procedure and everything it holds. */
void procedure_free(Procedure *p){
  if( p==0 ) return;
  StrList *lists[] = { &p->basis, &p->qualification, &p->equipment, &p->record, &p->related, &p->warning, &p->note };
  for(size_t i=0; i<COUNT(lists); i++) free((void*)lists[i]->v);
  for(int i=0; i<p->nsteps; i++){
    Step *s = &p->steps[i];
    free((void*)s->actors.v);
    free((void*)s->items.v);
    free((void*)s->items_en.v);
    free((void*)s->registers.v);
    free(s->tasks);
  }
  free(p->steps);
  arena_free(&p->arena);
  free(p);
}

/* ---- JSON (for the API and `loket sop show --json`) ---- */

/* A list of strings as a JSON array. */
static void json_strlist(Buf *b, const StrList *l){
  buf_putc(b, '[');
  for(int i=0; i<l->n; i++) buf_printf(b, "%R%J", i ? "," : "", l->v[i]);
  buf_putc(b, ']');
}

/* A branch target as JSON: a step number, "end", "back", or null when not given. */
static void json_target(Buf *b, int to){
  if( to==STEP_END ) buf_puts(b, "\"end\"");
  else if( to==STEP_BACK ) buf_puts(b, "\"back\"");
  else if( to>0 ) buf_printf(b, "%d", to);
  else buf_puts(b, "null");
}

/* A time standard as JSON: kind, seconds or days, event, and the words in lang. */
static void json_standard(Buf *b, const Standard *s, const char *lang){
  char words[128];
  sop_standard_text(s, lang, words, sizeof words);
  buf_printf(b, "{\"kind\":%J", sop_standard_kind(s->kind));
  if( s->kind==STD_WORKDAYS_BEFORE ) buf_printf(b, ",\"days\":%d", s->days);
  else if( s->kind!=STD_NONE ) buf_printf(b, ",\"seconds\":%lld", (long long)s->seconds);
  if( s->event[0] ) buf_printf(b, ",\"event\":%J", s->event);
  if( s->kind==STD_AFTER_STEP ) buf_printf(b, ",\"after_step\":%d,\"office\":%R", s->step, s->office ? "true" : "false");
  buf_printf(b, ",\"text\":%J}", words);
}

/* The procedure as one JSON object, the standards in words in lang ("id" or "en"). */
void procedure_json(Buf *b, const Procedure *p, const char *lang){
  /* id and revision_no come from the database: null for a procedure read from its file alone */
  char id[24] = "null", rev[16] = "null";
  if( p->id>0 ) snprintf(id, sizeof id, "%lld", (long long)p->id);
  if( p->revision_no>0 ) snprintf(rev, sizeof rev, "%d", p->revision_no);
  /* where the stored revision came from (built-in, loaded) and when it was stored: null as well */
  char at[40] = "null";
  if( p->loaded_at>0 ){
    char iso[32];
    time_fmt_iso(iso, sizeof iso, p->loaded_at);
    snprintf(at, sizeof at, "\"%s\"", iso);
  }
  buf_printf(b, "{\"id\":%R,\"code\":%J,\"slug\":%J,\"title\":%J,\"title_en\":%J,\"issuer\":%J,\"revision\":%J,"
                "\"revision_no\":%R,\"source\":%J,\"loaded_at\":%R,\"effective\":%J,\"purpose\":%J,\"channel\":%J",
             id, p->code, p->slug, p->title, p->title_en, p->issuer, p->revision,
             rev, p->source, at, p->effective, p->purpose, p->channel);
  /* taken out of service: no new case under it (sop_retire) */
  buf_printf(b, ",\"retired\":%R", sop_retired(p->code) ? "true" : "false");
  const struct { const char *name; const StrList *l; } lists[] = {
    { "basis", &p->basis }, { "qualification", &p->qualification }, { "equipment", &p->equipment },
    { "record", &p->record }, { "related", &p->related }, { "warning", &p->warning }, { "note", &p->note } };
  for(size_t i=0; i<COUNT(lists); i++){
    buf_printf(b, ",%J:", lists[i].name);
    json_strlist(b, lists[i].l);
  }
  buf_puts(b, ",\"steps\":[");
  for(int i=0; i<p->nsteps; i++){
    const Step *s = &p->steps[i];
    buf_printf(b, "%R{\"no\":%d,\"title\":%J,\"text_en\":%J,\"actor\":", i ? "," : "", s->no, s->text, s->text_en);
    json_strlist(b, &s->actors);
    buf_puts(b, ",\"standard\":");
    json_standard(b, &s->std, lang);
    buf_puts(b, ",\"items\":");
    json_strlist(b, &s->items);
    buf_puts(b, ",\"items_en\":");
    json_strlist(b, &s->items_en);
    buf_puts(b, ",\"tasks\":[");
    for(int k=0; k<s->ntasks; k++){
      buf_printf(b, "%R{\"text\":%J,\"standard\":", k ? "," : "", s->tasks[k].text);
      json_standard(b, &s->tasks[k].std, lang);
      buf_putc(b, '}');
    }
    buf_printf(b, "],\"output\":%J,\"notes\":%J,\"next\":", s->output, s->notes);
    json_target(b, s->question ? -1 : procedure_next(p, s));
    /* where each outcome of POST …/steps/NO leads ("yes"/"no" cannot sit beside the step's "no") */
    buf_printf(b, ",\"question\":%J,\"question_en\":%J,\"branches\":{", s->question, s->question_en);
    if( s->question ){
      buf_puts(b, "\"yes\":");
      json_target(b, s->yes_to);
      buf_puts(b, ",\"no\":");
      json_target(b, s->no_to);
    }else{
      buf_puts(b, "\"done\":");
      json_target(b, procedure_next(p, s));
    }
    buf_putc(b, '}');
    buf_printf(b, ",\"pause\":%R,\"outside\":%R,\"registers\":", s->pause ? "true" : "false", s->outside ? "true" : "false");
    json_strlist(b, &s->registers);
    buf_putc(b, '}');
  }
  buf_puts(b, "]}");
}
