/*
** skm.c — the public-satisfaction survey (SKM, Permenpan RB 14/2017) and its index
** (see skm.h): the questionnaire's nine elements and the profile's choices, the
** check of an answer, storing it (once per closed case, or a walk-in's on the public
** page behind the portal's guards) with its audit row in the same transaction, and
** the report of a period computed once for the page, the JSON and the files.
*/
#include "skm.h"
#include "portal.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The nine elements in the order of the regulation, with the questionnaire's usual wording. */
static const SkmElement elements[SKM_ELEMENTS] = {
  { "U1", N_("Requirements"),
    N_("How do you judge the fit of the service's requirements to the kind of service?"),
    { N_("Not appropriate"), N_("Less appropriate"), N_("Appropriate"), N_("Very appropriate") } },
  { "U2", N_("System, mechanism and procedure"),
    N_("How easy is the service procedure at this unit?"),
    { N_("Not easy"), N_("Less easy"), N_("Easy"), N_("Very easy") } },
  { "U3", N_("Completion time"),
    N_("How do you judge the speed of the service?"),
    { N_("Not fast"), N_("Less fast"), N_("Fast"), N_("Very fast") } },
  { "U4", N_("Cost or fee"),
    N_("How do you judge the fairness of the service's cost or fee?"),
    { N_("Very expensive"), N_("Rather expensive"), N_("Cheap"), N_("Free of charge") } },
  { "U5", N_("Products by type of service"),
    N_("How do you judge the fit between the product stated in the service standard and what was delivered?"),
    { N_("Not appropriate"), N_("Less appropriate"), N_("Appropriate"), N_("Very appropriate") } },
  { "U6", N_("Competence of the staff"),
    N_("How do you judge the competence of the staff serving you?"),
    { N_("Not competent"), N_("Less competent"), N_("Competent"), N_("Very competent") } },
  { "U7", N_("Conduct of the staff"),
    N_("How do you judge the courtesy and friendliness of the staff serving you?"),
    { N_("Not courteous and friendly"), N_("Less courteous and friendly"), N_("Courteous and friendly"),
      N_("Very courteous and friendly") } },
  { "U8", N_("Handling of complaints, suggestions and feedback"),
    N_("How do you judge the handling of complaints from service users?"),
    { N_("There is none"), N_("There is one but it does not work"), N_("It works but not fully"),
      N_("It is well managed") } },
  { "U9", N_("Facilities and infrastructure"),
    N_("How do you judge the quality of the service's facilities and infrastructure?"),
    { N_("Poor quality"), N_("Fair quality"), N_("Good quality"), N_("Very good quality") } },
};

static const SkmChoice genders[] = { { "L", N_("Male") }, { "P", N_("Female") } };
static const SkmChoice educations[] = {
  { "SD", "SD" }, { "SMP", "SMP" }, { "SMA", "SMA" }, { "D1-D3", "D1–D3" }, { "D4/S1", "D4/S1" }, { "S2", "S2" }, { "S3", "S3" },
};
static const SkmChoice occupations[] = {
  { "PNS", "PNS" }, { "TNI", "TNI" }, { "POLRI", "POLRI" }, { "Swasta", N_("Private sector") },
  { "Wirausaha", N_("Self-employed") }, { "Lainnya", N_("Other") },
};
/* the report's age bands: under 20, then by ten years, 60 and over */
static const SkmChoice age_bands[] = {
  { "15-19", "15–19" }, { "20-29", "20–29" }, { "30-39", "30–39" }, { "40-49", "40–49" }, { "50-59", "50–59" }, { "60+", "≥ 60" },
};

/* An element of the questionnaire by its index 0..8. */
const SkmElement *skm_element(int i){
  return i>=0 && i<SKM_ELEMENTS ? &elements[i] : 0;
}

/* The choices of a profile field. */
const SkmChoice *skm_choices(int field, int *n){
  switch( field ){
    case SKM_GENDER:     *n = (int)COUNT(genders); return genders;
    case SKM_EDUCATION:  *n = (int)COUNT(educations); return educations;
    case SKM_OCCUPATION: *n = (int)COUNT(occupations); return occupations;
    case SKM_AGE_BAND:   *n = (int)COUNT(age_bands); return age_bands;
  }
  *n = 0;
  return 0;
}

/* The index of a value among a field's choices, or -1. */
int skm_choice_find(int field, const char *value){
  int n;
  const SkmChoice *c = skm_choices(field, &n);
  for(int i=0; value && i<n; i++) if( strcmp(c[i].value, value)==0 ) return i;
  return -1;
}

/* The age band of an age. */
int skm_age_band(int age){
  if( age < 20 ) return 0;
  if( age >= 60 ) return 5;
  return age/10 - 1;
}

/* Check an answer, every wrong field named. */
int skm_check(const SkmAnswer *in, int need_sop, Err *e){
  static const char *const ufields[SKM_ELEMENTS] = { "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9" };
  if( need_sop ){
    if( in->sop==0 || *in->sop==0 ) err_add(e, "sop", N_("Choose the service you received"));
    else if( sop_library_find(in->sop)==0 ) err_add(e, "sop", N_("is not known: no procedure has this code"));
  }
  for(int i=0; i<SKM_ELEMENTS; i++){
    if( in->u[i]<1 || in->u[i]>4 ) err_add(e, ufields[i], N_("Choose an answer from 1 to 4"));
  }
  if( skm_choice_find(SKM_GENDER, in->gender) < 0 ) err_add(e, "gender", N_("Choose L (male) or P (female)"));
  if( in->age<SKM_AGE_MIN || in->age>SKM_AGE_MAX ) err_add(e, "age", N_("The age must be a whole number of years from 15 to 100"));
  if( skm_choice_find(SKM_EDUCATION, in->education) < 0 ) err_add(e, "education", N_("Choose SD, SMP, SMA, D1-D3, D4/S1, S2 or S3"));
  if( skm_choice_find(SKM_OCCUPATION, in->occupation) < 0 ) err_add(e, "occupation", N_("Choose PNS, TNI, POLRI, Swasta, Wirausaha or Lainnya"));
  err_check_text(e, "suggestion", in->suggestion ? in->suggestion : "", SKM_SUGGESTION_MAX, TEXT_LINES);
  return err_count(e) ? ERR_INVALID : OK;
}

/* Store one answer (case_id 0: a walk-in's or a paper's) from source ("case", "walkin", "paper"; a paper's
** typed in by entered_by at now, answered on the day starting at answered), its row into *id;
** ERR_CONFLICT when the case has one already. */
static int skm_store(Db *db, const SkmAnswer *in, const char *sop, int64_t case_id, const char *source,
                     const char *entered_by, int64_t answered, int64_t now, int64_t *id){
  Stmt *q = db_prepare(db,
    "INSERT INTO skm_response(office_id, case_id, sop_code, u1, u2, u3, u4, u5, u6, u7, u8, u9,"
    " gender, age, education, occupation, suggestion, answered_at, ip, source, entered_by, entered_at)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22)"
    " ON CONFLICT(case_id) DO NOTHING RETURNING id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, in->office_id);
  if( case_id ) db_bind_int64(q, 2, case_id); else db_bind_null(q, 2);
  db_bind_text(q, 3, sop);
  for(int i=0; i<SKM_ELEMENTS; i++) db_bind_int(q, 4+i, in->u[i]);
  db_bind_text(q, 13, in->gender);
  db_bind_int(q, 14, in->age);
  db_bind_text(q, 15, in->education);
  db_bind_text(q, 16, in->occupation);
  db_bind_text(q, 17, in->suggestion ? in->suggestion : "");
  db_bind_int64(q, 18, answered);
  db_bind_text(q, 19, in->ip ? in->ip : "");
  db_bind_text(q, 20, source);
  db_bind_text(q, 21, entered_by ? entered_by : "");
  if( entered_by ) db_bind_int64(q, 22, now); else db_bind_null(q, 22);
  int rc = db_step(q);
  if( rc==DB_ROW ){ *id = db_col_int64(q, 0); rc = OK; }
  else if( rc==DB_DONE ) rc = ERR_CONFLICT;   /* the case's answer is there already */
  else rc = db_last_error(db);
  db_reset(q);
  return rc;
}

/* The audit detail of an answer: the procedure and the nine answers. */
static void skm_detail(char *out, size_t n, const char *sop, const SkmAnswer *in){
  snprintf(out, n, "sop=%.80s u=%d%d%d%d%d%d%d%d%d", sop, in->u[0], in->u[1], in->u[2], in->u[3], in->u[4],
           in->u[5], in->u[6], in->u[7], in->u[8]);
}

/* The requester answers for a closed case, once. */
int skm_answer_case(Db *db, Case *c, const SkmAnswer *in, Err *e){
  if( skm_check(in, 0, e)!=OK ) return ERR_INVALID;
  Actor who = { 0, "portal", c->office_id, in->ip ? in->ip : "" };
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = case_refresh(db, c);   /* as it stands inside the transaction: it may have been reopened meanwhile */
  if( rc==OK && !util_str_eq(c->status, "closed") && !util_str_eq(c->status, "archived") ){
    ERR_SET(e, "case", N_("The survey can be answered once the case is closed")); rc = ERR_CONFLICT;
  }
  if( rc==OK ){
    SkmAnswer a = *in;
    a.office_id = c->office_id;
    int64_t id;
    int64_t now = time_now();
    rc = skm_store(db, &a, c->sop_code, c->id, "case", 0, now, now, &id);
    if( rc==ERR_CONFLICT ) ERR_SET(e, "case", N_("The survey of this case has already been answered"));
  }
  if( rc==OK ){
    char obj[96], detail[160];
    snprintf(obj, sizeof obj, "case:%.80s", c->number);   /* c as read again above */
    skm_detail(detail, sizeof detail, c->sop_code, in);
    rc = audit_write(db, &who, "portal.skm", obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* A walk-in visitor answers on the public page. */
int skm_answer_walkin(Db *db, const SkmAnswer *in, int *retry_after, Err *e){
  *retry_after = 0;
  if( in->honeypot && *in->honeypot ) return ERR_DENIED;
  if( skm_check(in, 1, e)!=OK ) return ERR_INVALID;
  const Procedure *p = sop_library_find(in->sop);
  if( sop_retired(p->code) ){   /* retired: not among the page's choices (nor the questionnaire's) either */
    err_add(e, "sop", N_("This service is no longer offered: choose the service you received from the list"));
    return ERR_INVALID;
  }
  Actor who = { 0, "portal", in->office_id, in->ip ? in->ip : "" };
  int64_t now = time_now();
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = portal_guard_skm(db, in->ip, now, retry_after);
  if( rc==ERR_THROTTLED ){
    /* the count is kept (as the portal's other forms keep it): only the answer is not */
    db_tx_end(db, own, OK);
    return ERR_THROTTLED;
  }
  int64_t id = 0;
  if( rc==OK ) rc = skm_store(db, in, p->code, 0, "walkin", 0, now, now, &id);
  if( rc==OK ){
    char obj[48], detail[160];
    snprintf(obj, sizeof obj, "skm:%lld", (long long)id);
    skm_detail(detail, sizeof detail, p->code, in);
    rc = audit_write(db, &who, "portal.skm_walkin", obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Check the day a paper questionnaire was filled: YYYY-MM-DD, not after today in tz nor more than
** SKM_PAPER_DAYS_BACK days before it; its start into *start, else the field "day" named in e. */
static void skm_paper_day(const char *day, const char *tz, int64_t now, int64_t *start, Err *e){
  char today[11];
  int64_t midnight = 0;
  time_day_text(today, now, tz);
  if( day==0 || *day==0 ){ err_add(e, "day", N_("Give the day the questionnaire was filled in")); return; }
  if( !time_is_day(day) || time_parse_day(day, tz, start)!=OK || time_parse_day(today, tz, &midnight)!=OK ){
    err_add(e, "day", N_("The day must be a real date written YYYY-MM-DD"));
  }else if( *start > midnight ){
    err_add(e, "day", N_("The day cannot be in the future"));
  }else if( *start < midnight - (int64_t)SKM_PAPER_DAYS_BACK*86400 ){
    err_add(e, "day", N_("The day may be at most a year back"));
  }
}

/* A member of staff types in a questionnaire filled on paper. */
int skm_answer_paper(Db *db, const Actor *who, const SkmAnswer *in, const char *day, const char *tz, int64_t *id, Err *e){
  *id = 0;
  int64_t now = time_now(), start = 0;
  skm_paper_day(day, tz, now, &start, e);
  if( skm_check(in, 1, e)!=OK || err_count(e) ) return ERR_INVALID;
  const Procedure *p = sop_library_find(in->sop);
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  rc = skm_store(db, in, p->code, 0, "paper", who->username, start, now, id);
  if( rc==OK ){
    char obj[48], detail[200];
    snprintf(obj, sizeof obj, "skm:%lld", (long long)*id);
    skm_detail(detail, sizeof detail, p->code, in);
    size_t n = strlen(detail);
    snprintf(detail+n, sizeof detail-n, " day=%.10s", day);
    rc = audit_write(db, who, "skm.paper", obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* The paper answers typed in, the latest first. */
int skm_paper_list(Db *db, int64_t office_id, int limit, SkmPaper **out, int *n, Arena *a){
  *out = 0;
  *n = 0;
  Stmt *q = db_prepare(db,
    "SELECT id, answered_at, entered_at, sop_code, entered_by, gender, education, occupation, age,"
    " u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM skm_response WHERE office_id=?1 AND source='paper'"
    " ORDER BY entered_at DESC, id DESC LIMIT ?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int(q, 2, limit);
  SkmPaper *v = arena_alloc(a, sizeof *v * (size_t)(limit>0 ? limit : 1));
  int rc;
  while( (rc = db_step(q))==DB_ROW && *n<limit ){
    SkmPaper *w = &v[(*n)++];
    w->id = db_col_int64(q, 0);
    w->answered_at = db_col_int64(q, 1);
    w->entered_at = db_col_int64(q, 2);
    w->sop = arena_strdup(a, db_col_text(q, 3));
    w->entered_by = arena_strdup(a, db_col_text(q, 4));
    w->gender = arena_strdup(a, db_col_text(q, 5));
    w->education = arena_strdup(a, db_col_text(q, 6));
    w->occupation = arena_strdup(a, db_col_text(q, 7));
    w->age = db_col_int(q, 8);
    for(int i=0; i<SKM_ELEMENTS; i++) w->u[i] = db_col_int(q, 9+i);
  }
  db_reset(q);
  if( rc!=DB_DONE && rc!=DB_ROW ) return ERR_DB;
  *out = v;
  return OK;
}

/* Delete a paper answer typed wrong, with the reason. */
int skm_paper_delete(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *reason, Err *e){
  if( err_check_text(e, "reason", reason ? reason : "", SKM_REASON_MAX, TEXT_REQUIRED|TEXT_LINES)!=OK ) return ERR_INVALID;
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  Stmt *q = db_prepare(db, "DELETE FROM skm_response WHERE id=?1 AND office_id=?2 AND source='paper'"
                           " RETURNING sop_code, answered_at");
  if( q==0 ) return db_tx_end(db, own, ERR_DB);
  db_bind_int64(q, 1, id);
  db_bind_int64(q, 2, office_id);
  char sop[96] = "";
  int step = db_step(q);
  if( step==DB_ROW ) snprintf(sop, sizeof sop, "%s", db_col_text(q, 0));
  db_reset(q);
  rc = step==DB_ROW ? OK : step==DB_DONE ? ERR_NOTFOUND : db_last_error(db);
  if( rc==ERR_NOTFOUND ) ERR_SET(e, "id", N_("No such paper questionnaire"));
  if( rc==OK ){
    char obj[48], detail[700];
    snprintf(obj, sizeof obj, "skm:%lld", (long long)id);
    snprintf(detail, sizeof detail, "sop=%.80s reason=%.600s", sop, reason);
    rc = audit_write(db, who, "skm.paper_delete", obj, detail);
  }
  return db_tx_end(db, own, rc);
}

/* Whether a case has its survey answered. */
int skm_case_answered(Db *db, int64_t case_id){
  Stmt *q = db_prepare(db, "SELECT 1 FROM skm_response WHERE case_id=?1");
  if( q==0 ) return -1;
  db_bind_int64(q, 1, case_id);
  int rc = db_step(q);
  db_reset(q);
  return rc==DB_ROW ? 1 : rc==DB_DONE ? 0 : -1;
}

/* A value rounded to 2 decimals. */
double skm_round2(double v){
  return round(v * 100.0) / 100.0;
}

/* The grade of an IKM, by its value in hundredths as shown. */
char skm_grade(double ikm){
  long long h = llround(ikm * 100.0);
  if( h >= 8831 ) return 'A';
  if( h >= 7661 ) return 'B';
  if( h >= 6500 ) return 'C';
  return 'D';
}

/* The grade's words. */
const char *skm_grade_words(char grade){
  switch( grade ){
    case 'A': return N_("Very good");
    case 'B': return N_("Good");
    case 'C': return N_("Fairly poor");
    case 'D': return N_("Poor");
  }
  return "";
}

/* Fill the derived figures of an index. */
void skm_index_compute(SkmIndex *x){
  x->ikm4 = 0;
  for(int i=0; i<SKM_ELEMENTS; i++){
    x->nrr[i] = x->n[i] > 0 ? (double)x->sum[i] / (double)x->n[i] : 0;
    x->weighted[i] = x->nrr[i] / SKM_ELEMENTS;
    x->ikm4 += x->weighted[i];
  }
  x->ikm = x->respondents > 0 ? x->ikm4 * 25.0 : 0;
  x->grade = x->respondents > 0 ? skm_grade(x->ikm) : 0;
}

/* Add a group's row (count, nine sums) to an index. */
static void skm_add_row(SkmIndex *x, Stmt *q, int col){
  int64_t n = db_col_int64(q, col);
  x->respondents += n;
  for(int i=0; i<SKM_ELEMENTS; i++){ x->sum[i] += db_col_int64(q, col+1+i); x->n[i] += n; }
}

/* Count one profile query's groups (value, count) into a row of the report. */
static int skm_profile(Stmt *q, int field, int64_t office_id, int64_t from, int64_t to, int64_t *row){
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  db_bind_int64(q, 3, to);
  int rc;
  while( (rc = db_step(q))==DB_ROW ){
    int k = field==SKM_AGE_BAND ? skm_age_band(db_col_int(q, 0)) : skm_choice_find(field, db_col_text(q, 0));
    if( k >= 0 ) row[k] += db_col_int64(q, 1);
  }
  db_reset(q);
  return rc==DB_DONE ? OK : ERR_DB;
}

/* Build the report of a period. */
int skm_report(Db *db, int64_t office_id, int64_t from, int64_t to, SkmReport *out, Arena *a){
  memset(out, 0, sizeof *out);
  out->from = from;
  out->to = to;
  Stmt *q = db_prepare(db,
    "SELECT sop_code, count(*), sum(u1), sum(u2), sum(u3), sum(u4), sum(u5), sum(u6), sum(u7), sum(u8), sum(u9),"
    " count(case_id), sum(CASE WHEN source='paper' THEN 1 ELSE 0 END) FROM skm_response WHERE office_id=?1 AND answered_at>=?2 AND answered_at<?3"
    " GROUP BY sop_code ORDER BY sop_code");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  db_bind_int64(q, 3, to);
  int cap = 0, rc;
  while( (rc = db_step(q))==DB_ROW ){
    if( out->ngroups==cap ){
      cap = cap ? 2*cap : 8;
      SkmGroup *g = arena_alloc(a, sizeof *g * (size_t)cap);
      if( out->ngroups ) memcpy(g, out->groups, sizeof *g * (size_t)out->ngroups);
      out->groups = g;
    }
    SkmGroup *g = &out->groups[out->ngroups++];
    memset(g, 0, sizeof *g);
    g->sop_code = arena_strdup(a, db_col_text(q, 0));
    const Procedure *p = sop_library_find(g->sop_code);
    g->title = p ? p->title : g->sop_code;
    g->title_en = p && p->title_en ? p->title_en : g->title;
    skm_add_row(&g->ix, q, 1);
    skm_index_compute(&g->ix);
    skm_add_row(&out->total, q, 1);
    out->from_cases += db_col_int64(q, 11);
    out->paper += db_col_int64(q, 12);
  }
  db_reset(q);
  if( rc!=DB_DONE ) return ERR_DB;
  skm_index_compute(&out->total);
  out->walkin = out->total.respondents - out->from_cases - out->paper;
  rc = skm_profile(db_prepare(db, "SELECT gender, count(*) FROM skm_response"
                               " WHERE office_id=?1 AND answered_at>=?2 AND answered_at<?3 GROUP BY gender"),
                   SKM_GENDER, office_id, from, to, out->profile[SKM_GENDER]);
  if( rc==OK ) rc = skm_profile(db_prepare(db, "SELECT education, count(*) FROM skm_response"
                                            " WHERE office_id=?1 AND answered_at>=?2 AND answered_at<?3 GROUP BY education"),
                                SKM_EDUCATION, office_id, from, to, out->profile[SKM_EDUCATION]);
  if( rc==OK ) rc = skm_profile(db_prepare(db, "SELECT occupation, count(*) FROM skm_response"
                                            " WHERE office_id=?1 AND answered_at>=?2 AND answered_at<?3 GROUP BY occupation"),
                                SKM_OCCUPATION, office_id, from, to, out->profile[SKM_OCCUPATION]);
  if( rc==OK ) rc = skm_profile(db_prepare(db, "SELECT age, count(*) FROM skm_response"
                                            " WHERE office_id=?1 AND answered_at>=?2 AND answered_at<?3 GROUP BY age"),
                                SKM_AGE_BAND, office_id, from, to, out->profile[SKM_AGE_BAND]);
  if( rc!=OK ) return rc;
  return OK;
}

/* The suggestions of a period, the newest first. */
int skm_suggestions(Db *db, int64_t office_id, int64_t from, int64_t to, int offset, int limit,
                    SkmSuggestion **out, int *n, int64_t *total, Arena *a){
  *out = 0;
  *n = 0;
  *total = 0;
  Stmt *q = db_prepare(db, "SELECT count(*) FROM skm_response WHERE office_id=?1 AND answered_at>=?2 AND answered_at<?3"
                           " AND trim(suggestion)<>''");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  db_bind_int64(q, 3, to);
  int rc = db_step(q);
  if( rc==DB_ROW ) *total = db_col_int64(q, 0);
  db_reset(q);
  if( rc!=DB_ROW ) return ERR_DB;
  q = db_prepare(db,
    "SELECT s.id, s.answered_at, s.sop_code, s.source, coalesce(k.number, ''), s.suggestion FROM skm_response s"
    " LEFT JOIN kasus k ON k.id=s.case_id WHERE s.office_id=?1 AND s.answered_at>=?2 AND s.answered_at<?3"
    " AND trim(s.suggestion)<>'' ORDER BY s.answered_at DESC, s.id DESC LIMIT ?4 OFFSET ?5");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, from);
  db_bind_int64(q, 3, to);
  db_bind_int(q, 4, limit);
  db_bind_int(q, 5, offset);
  SkmSuggestion *v = arena_alloc(a, sizeof *v * (size_t)(limit>0 ? limit : 1));
  while( (rc = db_step(q))==DB_ROW && *n<limit ){
    SkmSuggestion *w = &v[(*n)++];
    w->id = db_col_int64(q, 0);
    w->answered_at = db_col_int64(q, 1);
    w->sop = arena_strdup(a, db_col_text(q, 2));
    w->source = arena_strdup(a, db_col_text(q, 3));
    w->case_number = arena_strdup(a, db_col_text(q, 4));
    w->text = arena_strdup(a, db_col_text(q, 5));
  }
  db_reset(q);
  if( rc!=DB_DONE && rc!=DB_ROW ) return ERR_DB;
  *out = v;
  return OK;
}

/* The start of the first day of month m of year y in zone tz (m 13: January of the next year). */
static int skm_month_start(int y, int m, const char *tz, int64_t *t){
  if( m>12 ){ y++; m -= 12; }
  char day[32];
  snprintf(day, sizeof day, "%04d-%02d-01", y, m);
  return time_parse_day(day, tz, t);
}

/* What the unit publishes of its IKM: the last full quarter and the year so far (see skm.h). */
int skm_published(Db *db, int64_t office_id, const char *tz, int64_t now, SkmPublished *out, Arena *a){
  memset(out, 0, sizeof *out);
  char today[11];
  time_day_text(today, now, tz);
  int y = 0, m = 0;
  if( sscanf(today, "%4d-%2d", &y, &m)!=2 || m<1 || m>12 ) return ERR_INVALID;
  int q = (m-1)/3;                 /* the quarter running now, 0..3: the one before it is the last full one */
  out->this_year = y;
  out->year = q ? y : y-1;
  out->quarter = q ? q : 4;
  int64_t qfrom, qto, yfrom, yto;
  if( skm_month_start(out->year, 3*out->quarter - 2, tz, &qfrom)!=OK || skm_month_start(out->year, 3*out->quarter + 1, tz, &qto)!=OK
   || skm_month_start(y, 1, tz, &yfrom)!=OK || skm_month_start(y, 13, tz, &yto)!=OK ) return ERR_INVALID;
  int rc = skm_report(db, office_id, qfrom, qto, &out->last_quarter, a);
  if( rc==OK ) rc = skm_report(db, office_id, yfrom, yto, &out->year_so_far, a);
  return rc;
}
