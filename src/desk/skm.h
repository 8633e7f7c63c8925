/*
** skm.h — the public-satisfaction survey every public service unit runs: Survei
** Kepuasan Masyarakat (SKM) under Permenpan RB No. 14 Tahun 2017, and its index
** (IKM). Nine elements (unsur) U1..U9 answered on a scale of 1 to 4, a respondent's
** profile, the procedure of the service. A requester answers once per closed case
** from the portal's tracking page, a walk-in visitor from the office's public
** survey page (guarded per address with its own allowance, a kiosk at the counter
** being one address), and staff type in the questionnaires filled on paper. The report computes,
** per element, NRR = sum of answers / answers, the weighted NRR = NRR × 1/9, and
** IKM = sum of weighted NRR × 25 (25..100) with its grade. No HTML, no JSON here.
*/
#ifndef LOKET_SKM_H
#define LOKET_SKM_H
#include "desk.h"
#include "../sop/case.h"

#define SKM_ELEMENTS 9
#define SKM_AGE_MIN 15
#define SKM_AGE_MAX 100
#define SKM_SUGGESTION_MAX 2000
#define SKM_PAPER_DAYS_BACK 366   /* a paper questionnaire typed in: its day at most this many days back */

/* One element of the questionnaire: its code ("U1"), name, question and the four answers'
** labels (1..4), as msgids (English; the Indonesian official wording in po/id.po). */
typedef struct SkmElement {
  const char *code;          /* "U1" .. "U9" */
  const char *name;          /* msgid: "Requirements" (Persyaratan) */
  const char *question;      /* msgid of the question */
  const char *answers[4];    /* msgids of the labels of 1, 2, 3, 4 */
} SkmElement;
const SkmElement *skm_element(int i);    /* 0..8 */

/* The values of a profile field and their labels (msgids). */
typedef struct SkmChoice { const char *value, *label; } SkmChoice;
enum { SKM_GENDER, SKM_EDUCATION, SKM_OCCUPATION, SKM_AGE_BAND, SKM_PROFILES };
/* The choices of a profile field (SKM_AGE_BAND: the bands of the report); *n gets their count. */
const SkmChoice *skm_choices(int field, int *n);
/* The index of value among a field's choices, or -1. */
int skm_choice_find(int field, const char *value);
/* The report's age band of an age (an index into SKM_AGE_BAND's choices). */
int skm_age_band(int age);

/* One respondent's answers. */
typedef struct SkmAnswer {
  int64_t office_id;
  const char *sop;           /* the procedure of the service (a walk-in names it; a case's is its own) */
  int u[SKM_ELEMENTS];       /* 1..4 each; 0: not answered */
  const char *gender;        /* "L" | "P" */
  int age;                   /* in years, SKM_AGE_MIN..SKM_AGE_MAX; 0: not given */
  const char *education;     /* SD SMP SMA D1-D3 D4/S1 S2 S3 */
  const char *occupation;    /* PNS TNI POLRI Swasta Wirausaha Lainnya */
  const char *suggestion;    /* saran, optional */
  const char *honeypot;      /* the hidden "website" field of the public page: people leave it empty */
  const char *ip;
} SkmAnswer;

/* Check an answer, every wrong field added to e ("u1".."u9", "gender", "age", "education",
** "occupation", "suggestion"; "sop" when need_sop and it is no known procedure): ERR_INVALID or OK. */
int skm_check(const SkmAnswer *in, int need_sop, Err *e);
/* The requester answers for the closed case c of their portal ticket (c is read again inside the write),
** once: ERR_INVALID naming the field, ERR_CONFLICT naming "case" when the case is not closed or was
** answered already; nothing written then. Audited "portal.skm". */
int skm_answer_case(Db *db, Case *c, const SkmAnswer *in, Err *e);
/* A walk-in visitor answers on the office's public page: checked, the honeypot (ERR_DENIED) and
** the walk-in survey's own limit per address (portal_guard_skm: ERR_THROTTLED with *retry_after) before anything is written.
** Audited "portal.skm_walkin". */
int skm_answer_walkin(Db *db, const SkmAnswer *in, int *retry_after, Err *e);
/* A member of staff (who) types in a questionnaire filled on paper at the counter, on day (YYYY-MM-DD in the
** office's zone tz, not in the future nor more than SKM_PAPER_DAYS_BACK days back; the report counts it on
** that day): checked as a walk-in's (sop needed) with "day" named too, ERR_INVALID and nothing written;
** no limit per address. Source "paper", entered by who; its row into *id. Audited "skm.paper". */
int skm_answer_paper(Db *db, const Actor *who, const SkmAnswer *in, const char *day, const char *tz, int64_t *id, Err *e);
#define SKM_REASON_MAX 500
/* A paper answer as typed in, for staff to look over. */
typedef struct SkmPaper {
  int64_t id, answered_at, entered_at;
  const char *sop, *entered_by, *gender, *education, *occupation;
  int u[SKM_ELEMENTS], age;
} SkmPaper;
/* The paper answers of office_id typed in, the latest typed first, at most limit, into *out (n in *n; arena a). ERR_DB. */
int skm_paper_list(Db *db, int64_t office_id, int limit, SkmPaper **out, int *n, Arena *a);
/* Delete a paper answer typed wrong (id of office_id), with the reason (required, at most SKM_REASON_MAX,
** else ERR_INVALID naming "reason"); ERR_NOTFOUND when there is no such paper answer (a portal's
** answer is never deleted). Audited "skm.paper_delete" with the reason. */
int skm_paper_delete(Db *db, const Actor *who, int64_t office_id, int64_t id, const char *reason, Err *e);
/* 1 when case_id has its survey answered, 0 when not, -1 when the database failed. */
int skm_case_answered(Db *db, int64_t case_id);

/* The index of a set of answers: per element the sum and the count of answers. */
typedef struct SkmIndex {
  int64_t respondents;
  int64_t sum[SKM_ELEMENTS], n[SKM_ELEMENTS];
  double nrr[SKM_ELEMENTS];       /* sum / n (0 when n is 0) */
  double weighted[SKM_ELEMENTS];  /* nrr × 1/9 */
  double ikm4;                    /* the sum of the weighted NRR (1..4) */
  double ikm;                     /* ikm4 × 25 (25..100); 0 when nobody answered */
  char grade;                     /* 'A'..'D'; 0 when nobody answered */
} SkmIndex;
/* Fill nrr, weighted, ikm4, ikm and grade from sum[] and n[] (and respondents). */
void skm_index_compute(SkmIndex *x);
/* The quality grade of an IKM, judged on its value to 2 decimals as shown: A 88.31–100.00,
** B 76.61–88.30, C 65.00–76.60, D 25.00–64.99. */
char skm_grade(double ikm);
/* The grade's words (msgid): "Very good" (Sangat Baik) … "Poor" (Tidak Baik). */
const char *skm_grade_words(char grade);
/* A value rounded to 2 decimals, as the report shows it (half away from zero). */
double skm_round2(double v);

/* The report of a period: the office's index, per procedure, and the profile breakdown. */
typedef struct SkmGroup {
  const char *sop_code, *title, *title_en;
  SkmIndex ix;
} SkmGroup;
typedef struct SkmReport {
  int64_t from, to;
  SkmIndex total;
  SkmGroup *groups;          /* by procedure code */
  int ngroups;
  int64_t walkin, from_cases, paper;     /* respondents on the public page, from a case, typed in from paper */
  int64_t profile[SKM_PROFILES][8];      /* counts by the index of each field's choices */
} SkmReport;
/* Build the report of office_id for from <= answered_at < to; everything in the arena. ERR_DB. */
int skm_report(Db *db, int64_t office_id, int64_t from, int64_t to, SkmReport *out, Arena *a);

/* A respondent's suggestion (saran) in a period, for the head of the unit to read and follow up. */
typedef struct SkmSuggestion {
  int64_t id, answered_at;
  const char *sop;           /* the procedure of the service */
  const char *source;        /* "case" (the portal's tracking page of a closed case), "walkin" (the public page), "paper" */
  const char *case_number;   /* the case's number when source is "case", else "" */
  const char *text;          /* the respondent's words, as written */
} SkmSuggestion;
/* The suggestions not empty of office_id for from <= answered_at < to, the newest first (day answered, then
** the latest stored), skipping offset, at most limit, into *out (n in *n, arena a); *total gets how many the
** period has. ERR_DB. */
int skm_suggestions(Db *db, int64_t office_id, int64_t from, int64_t to, int offset, int limit,
                    SkmSuggestion **out, int *n, int64_t *total, Arena *a);

/* What the unit publishes of its IKM (Permenpan RB 14/2017): the last full quarter before now and
** the current year so far, in the office's zone; skm_report's figures (no respondent's data shown). */
typedef struct SkmPublished {
  int year, quarter;               /* the last full quarter: 1..4 of year */
  int this_year;                   /* the current year */
  SkmReport last_quarter, year_so_far;
} SkmPublished;
int skm_published(Db *db, int64_t office_id, const char *tz, int64_t now, SkmPublished *out, Arena *a);

#endif
