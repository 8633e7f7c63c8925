/*
** training_report.c — the training report form (SOP BTG-005 step 4) as PDF and XLSX
** through the shared document writers (report/pdf.h, report/xlsx.h), the
** questionnaire's charts as SVG, and the QR code of the questionnaire's link.
*/
#include "training_report.h"
#include "pdf.h"
#include "xlsx.h"
#include "chart.h"
#include <qrencode.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const likert_words[] = { "", N_("Strongly disagree"), N_("Disagree"), N_("Neutral"), N_("Agree"), N_("Strongly agree") };

/* A paragraph built with printf, indented by indent points. */
static void para(Pdf *p, double size, int flags, double indent, const char *fmt, ...){
  char buf[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  double w = pdf_content_width(p) - indent;
  double h = pdf_text_height(p, w, size, flags, buf);
  pdf_need(p, h);
  double y = pdf_y(p);
  pdf_text(p, pdf_left(p) + indent, y, w, size, flags, buf);
  pdf_set_y(p, y + h + 2);
}

/* A participant's answer to the invitation in the form's words (the PDF and the XLSX alike), in lang. */
static const char *rsvp_word(const char *rsvp, const char *lang){
  return i18n_get(lang, strcmp(rsvp, "confirmed")==0 ? N_("confirmed attendance") : strcmp(rsvp, "declined")==0 ? N_("cannot attend")
                        : N_("not answered yet"));
}
/* A participant's place: a seat or the waiting list. */
static const char *seat_word(const char *seat, const char *lang){
  return i18n_get(lang, strcmp(seat, "waiting")==0 ? N_("waiting list") : N_("has a seat"));
}
/* How a participant came: registered on the portal or invited. */
static const char *source_word(const char *source, const char *lang){
  return i18n_get(lang, strcmp(source, "portal")==0 ? N_("portal") : N_("invited"));
}
/* A question's state in the form's words. */
static const char *question_word(const char *status, const char *lang){
  return i18n_get(lang, strcmp(status, "answered")==0 ? N_("answered on the spot") : strcmp(status, "sent")==0 ? N_("answered after the training")
                        : N_("open"));
}
/* A participant's role (an audience word, or what they wrote) in lang; "" when none. */
static const char *role_word(const char *role, const char *lang){
  return role && *role ? i18n_get(lang, training_audience_label(role)) : "";
}

/* Whether and when the report was made, as the form says it: "disusun 19 Mei 2026, 12.40 WIB oleh
** trainer1 — tepat waktu" or "belum disusun"; into out. */
static const char *report_made(const TrainingReport *rep, char *out, size_t n){
  const Training *t = rep->t;
  const char *lang = rep->lang;
  char b[96];
  if( t->reported_at==0 ){ snprintf(out, n, "%s", i18n_get(lang, N_("not written yet"))); return out; }
  time_fmt_human(b, sizeof b, t->reported_at, rep->tz, lang);
  snprintf(out, n, i18n_get(lang, N_("written %s by %s — %s")), b, t->reported_by,
           i18n_get(lang, t->report_met==1 ? N_("on time") : N_("late")));
  return out;
}

/* A heading with some room above it. */
static void heading(Pdf *p, const char *text){
  pdf_set_y(p, pdf_y(p) + 6);
  para(p, 12, PDF_BOLD, 0, "%s", text);
}

/* The counts of a rating or choice item as horizontal bars under its text. */
static void bars(Pdf *p, const TqResult *r, const char *lang){
  int likert = strcmp(r->item->kind, "likert")==0;
  int n = likert ? 5 : r->item->noptions, max = 1;
  for(int k=0; k<n; k++){ int c = r->count[likert ? k+1 : k]; if( c>max ) max = c; }
  double row = 11, label_w = 150, x0 = pdf_left(p) + 24, bar_w = pdf_content_width(p) - 24 - label_w - 40;
  pdf_need(p, n*row);
  double y0 = pdf_y(p);
  for(int k=0; k<n; k++){
    int c = r->count[likert ? k+1 : k];
    double y = y0 + k*row;
    pdf_text(p, x0, y, label_w - 6, 7, PDF_RIGHT|PDF_NOWRAP, likert ? i18n_get(lang, likert_words[k+1]) : r->item->options[k]);
    if( c ) pdf_rect(p, x0 + label_w, y + 1, bar_w * c / max, row - 3, 0, 0x2b6cb0);
    char num[16];
    snprintf(num, sizeof num, "%d", c);
    pdf_text(p, x0 + label_w + bar_w * c / max + 4, y, 0, 7, 0, num);
  }
  pdf_set_y(p, y0 + n*row + 4);
}
/* The rupiah text of an amount in lang: "Rp 1.500.000" ("en": "Rp 1,500,000"). */
void report_rupiah(char *out, size_t n, int64_t v, const char *lang){
  char num[32];
  util_thousands(num, sizeof num, v, lang && strcmp(lang, "en")==0);
  snprintf(out, n, "Rp %s", num);
}

/* Lines as one list, "a, b, c" (underscores of the audience words as spaces). */
static const char *list_text(const char *z, char *out, size_t n){
  size_t k = 0;
  for(; *z && k+3<n; z++){
    if( *z=='\n' ){ out[k++] = ','; out[k++] = ' '; }
    else out[k++] = *z=='_' ? ' ' : *z;
  }
  out[k] = 0;
  return out;
}

/* The training report form as a PDF into out, in the reader's language (rep->lang). */
int training_report_pdf(const TrainingReport *rep, Buf *out){
  const Training *t = rep->t;
  const char *lang = rep->lang;
#define L(z) i18n_get(lang, z)
  Pdf *p = pdf_new(out, PDF_PORTRAIT, L(N_("Training report")));
  if( p==0 ) return ERR_IO;
  pdf_footer(p, t->number);
  char a[160], b[160], m[32];

  para(p, 15, PDF_BOLD, 0, "%s", L(N_("REPORT ON SPSE USER TRAINING")));
  para(p, 10, 0, 0, L(N_("%s · SOP-LPSE.BTG-005 · Case %s")), rep->office_name, t->number);

  heading(p, L(N_("A. Plan")));
  para(p, 10, 0, 0, L(N_("Title: %s")), t->title);
  time_fmt_span(a, sizeof a, t->starts_at, t->ends_at, rep->tz, lang);
  para(p, 10, 0, 0, L(N_("Time: %s")), a);
  para(p, 10, 0, 0, L(N_("Venue: %s")), t->venue);
  para(p, 10, 0, 0, L(N_("Audience: %s · Capacity: %d people")), training_audience_text(t->audience, lang, a, sizeof a), t->capacity);
  char tr[1024];
  para(p, 10, 0, 0, L(N_("Trainers: %s")), list_text(t->trainers, tr, sizeof tr));
  int64_t total = 0;
  for(int i=0; i<t->nbudget; i++){
    report_rupiah(a, sizeof a, t->budget[i].amount, lang);
    para(p, 10, 0, 12, L(N_("Budget: %s — %s")), t->budget[i].item, a);
    total += t->budget[i].amount;
  }
  report_rupiah(a, sizeof a, total, lang);
  para(p, 10, 0, 0, L(N_("Total budget: %s")), a);

  heading(p, L(N_("B. Preparation (working days before the training)")));
  for(int i=0; i<t->nprep; i++){
    const TrainingPrep *x = &t->prep[i];
    time_fmt_human(a, sizeof a, x->due_at, rep->tz, lang);
    if( x->done_at ) time_fmt_human(b, sizeof b, x->done_at, rep->tz, lang);
    para(p, 10, 0, 12, L(N_("%s (D-%d, due %s): %s")), L(training_prep_label(x->label)), x->days, a,
         L(x->done_at ? (x->met==1 ? N_("done on time") : N_("done late")) : (x->met==0 ? N_("past its deadline") : N_("not done yet"))));
  }

  heading(p, L(N_("C. Sessions and attendance")));
  for(int i=0; i<t->nsessions; i++){
    const TrainingSession *s = &t->sessions[i];
    time_fmt_span(a, sizeof a, s->starts_at, s->ends_at, rep->tz, lang);
    para(p, 10, 0, 12, L(N_("Session %d: %s — %s — %d present — questions and answers %d minutes%s")), s->no, s->title, a,
         s->present, s->qa_minutes, s->qa_minutes<TRAINING_QA_MIN_MINUTES ? L(N_(" (less than 15 minutes)")) : "");
  }

  heading(p, L(N_("D. Participants")));
  para(p, 10, 0, 0, L(N_("Registered %d (capacity %d), confirmed %d, cannot attend %d, not answered %d, waiting list %d")),
       t->seats, t->capacity, t->confirmed, t->declined, t->no_answer, t->waiting);
  for(int i=0; i<rep->npeople; i++){
    const Participant *x = &rep->people[i];
    para(p, 9, 0, 12, L(N_("%d. %s — %s — %s%s — present at %d of %d sessions")), i+1, x->name, x->agency, rsvp_word(x->rsvp, lang),
         strcmp(x->seat, "waiting")==0 ? L(N_(" (waiting list)")) : "", x->present, t->nsessions);
  }

  heading(p, L(N_("E. Questions and answers")));
  if( rep->nquestions==0 ) para(p, 10, 0, 0, "%s", L(N_("No questions recorded.")));
  for(int i=0; i<rep->nquestions; i++){
    const Question *q = &rep->questions[i];
    para(p, 9, 0, 12, L(N_("Session %d — %s (%s): %s [%s]")), q->session_no, q->asker_name, q->asker_agency, q->question,
         question_word(q->status, lang));
    if( *q->answer ) para(p, 9, 0, 24, L(N_("Answer: %s")), q->answer);
  }

  heading(p, L(N_("F. Questionnaire results")));
  para(p, 10, 0, 0, L(N_("%d respondents of %d participants")), rep->responses, t->seats);
  for(int i=0; i<rep->tpl.nitems; i++){
    const TqResult *r = &rep->results[i];
    if( strcmp(r->item->kind, "likert")==0 && r->n==0 ){
      /* a mean of no answers is not 0 (as the API's null and the page's missing mean) */
      para(p, 10, 0, 12, L(N_("%d. %s — no answers yet")), r->item->no, r->item->text);
    }else if( strcmp(r->item->kind, "likert")==0 ){
      util_decimal1(m, sizeof m, r->mean, util_str_eq(lang, "en"));   /* 4,5 in Indonesian, 4.5 in English */
      para(p, 10, 0, 12, L(N_("%d. %s — average %s of 5 (%d answers; 1:%d 2:%d 3:%d 4:%d 5:%d)")), r->item->no, r->item->text,
           m, r->n, r->count[1], r->count[2], r->count[3], r->count[4], r->count[5]);
      bars(p, r, lang);
    }else if( strcmp(r->item->kind, "choice")==0 ){
      para(p, 10, 0, 12, "%d. %s", r->item->no, r->item->text);
      bars(p, r, lang);
    }else{
      para(p, 10, 0, 12, "%d. %s", r->item->no, r->item->text);
      for(int k=0; k<r->ncomments; k++) para(p, 9, 0, 24, "• %s", r->comments[k]);
    }
  }

  heading(p, L(N_("G. Trainer's notes")));
  para(p, 10, 0, 0, "%s", *t->report_notes ? t->report_notes : "-");

  pdf_set_y(p, pdf_y(p) + 10);
  if( t->report_due_at ){
    time_fmt_human(a, sizeof a, t->report_due_at, rep->tz, lang);
    para(p, 9, 0, 0, L(N_("Report due %s (1 hour after the training ends); %s")), a, report_made(rep, b, sizeof b));
  }
#undef L
  return pdf_finish(p);
}

/* The head of the workbook's sheets: the PDF's line (office, SOP, case), the training and when. */
typedef struct SheetHead {
  char office[400], training[700];
} SheetHead;

/* A sheet of the training report under its head: the title naming the sheet (the first sheet,
** the report itself, only the PDF's line: its rows say the rest), then the office line and the
** training line, as the other exports' workbooks open. Name and title in lang. */
static int report_sheet(Xlsx *x, const SheetHead *h, const char *lang, const char *name, const XlsxCol *cols, int ncols){
  const char *lines[2] = { h->office, h->training };
  int first = strcmp(name, "Report")==0;
  char title[160];
  if( first ) snprintf(title, sizeof title, "%s", i18n_get(lang, N_("Training report")));
  else snprintf(title, sizeof title, i18n_get(lang, N_("Training report: %s")), i18n_get(lang, name));
  return xlsx_sheet_titled(x, i18n_get(lang, name), title, lines, first ? 1 : 2, cols, ncols);
}

/* Columns named in lang: cols with each name translated, into out (n of them). */
static XlsxCol *cols_in(const XlsxCol *cols, int n, const char *lang, XlsxCol *out){
  for(int i=0; i<n; i++){ out[i] = cols[i]; out[i].title = i18n_get(lang, cols[i].title); }
  return out;
}

/* The training report as a workbook into out, in the reader's language (rep->lang). */
int training_report_xlsx(const TrainingReport *rep, Buf *out){
  const Training *t = rep->t;
  const char *lang = rep->lang;
#define L(z) i18n_get(lang, z)
  Xlsx *x = xlsx_new(rep->tz);
  if( x==0 ) return ERR_IO;
  char a[160];
  XlsxCol c[16];
  time_fmt_span(a, sizeof a, t->starts_at, t->ends_at, rep->tz, lang);
  SheetHead h;
  snprintf(h.office, sizeof h.office, L(N_("%s · SOP-LPSE.BTG-005 · Case %s")), rep->office_name, t->number);
  snprintf(h.training, sizeof h.training, "%s · %s", t->title, a);
  static const XlsxCol lc[] = { { N_("Item"), XLSX_TEXT, 26 }, { N_("Content"), XLSX_TEXT, 60 } };
  report_sheet(x, &h, lang, N_("Report"), cols_in(lc, 2, lang, c), 2);
  char aud[512], due[96] = "", made[256];
  if( t->report_due_at ) time_fmt_human(due, sizeof due, t->report_due_at, rep->tz, lang);
  const char *rows[][2] = { { N_("Office"), rep->office_name }, { N_("Case"), t->number }, { N_("Title"), t->title }, { N_("Time"), a },
                            { N_("Venue"), t->venue }, { N_("Audience"), training_audience_text(t->audience, lang, aud, sizeof aud) },
                            { N_("Trainer's notes"), t->report_notes }, { N_("Report due"), due }, { N_("Report"), report_made(rep, made, sizeof made) } };
  for(size_t i=0; i<COUNT(rows); i++){ xlsx_text(x, L(rows[i][0])); xlsx_text(x, rows[i][1]); }
  static const XlsxCol nc[] = { { N_("Count"), XLSX_TEXT, 26 }, { N_("Value"), XLSX_INT, 14 } };
  report_sheet(x, &h, lang, N_("Summary"), cols_in(nc, 2, lang, c), 2);
  const struct { const char *k; int64_t v; } nums[] = { { N_("Capacity"), t->capacity }, { N_("Registered"), t->seats },
    { N_("Confirmed"), t->confirmed }, { N_("Cannot attend"), t->declined }, { N_("Waiting list"), t->waiting },
    { N_("Questionnaire respondents"), rep->responses } };
  for(size_t i=0; i<COUNT(nums); i++){ xlsx_text(x, L(nums[i].k)); xlsx_int(x, nums[i].v); }
  static const XlsxCol bc[] = { { N_("Budget"), XLSX_TEXT, 40 }, { N_("Amount (Rp)"), XLSX_INT, 16 } };
  report_sheet(x, &h, lang, N_("Budget"), cols_in(bc, 2, lang, c), 2);
  for(int i=0; i<t->nbudget; i++){ xlsx_text(x, t->budget[i].item); xlsx_int(x, t->budget[i].amount); }
  static const XlsxCol pc[] = { { "No", XLSX_INT, 5 }, { N_("Name"), XLSX_TEXT, 26 }, { N_("Agency"), XLSX_TEXT, 26 },
    { N_("Role"), XLSX_TEXT, 12 }, { "E-mail", XLSX_TEXT, 26 }, { N_("Phone"), XLSX_TEXT, 16 }, { N_("Source"), XLSX_TEXT, 10 },
    { N_("Seat"), XLSX_TEXT, 14 }, { N_("Confirmation"), XLSX_TEXT, 16 }, { N_("Sessions attended"), XLSX_INT, 8 }, { N_("Questionnaire"), XLSX_TEXT, 10 } };
  report_sheet(x, &h, lang, N_("Participants"), cols_in(pc, (int)COUNT(pc), lang, c), (int)COUNT(pc));
  for(int i=0; i<rep->npeople; i++){
    const Participant *w = &rep->people[i];
    xlsx_int(x, i+1); xlsx_text(x, w->name); xlsx_text(x, w->agency); xlsx_text(x, role_word(w->role, lang)); xlsx_text(x, w->email);
    xlsx_text(x, w->phone); xlsx_text(x, source_word(w->source, lang)); xlsx_text(x, seat_word(w->seat, lang)); xlsx_text(x, rsvp_word(w->rsvp, lang));
    xlsx_int(x, w->present);
    xlsx_text(x, L(w->answered ? N_("yes") : N_("not yet")));
  }
  static const XlsxCol sc[] = { { N_("Session"), XLSX_INT, 5 }, { N_("Title"), XLSX_TEXT, 30 }, { N_("Starts"), XLSX_DATETIME, 0 },
    { N_("Ends"), XLSX_DATETIME, 0 }, { N_("Attended"), XLSX_INT, 8 }, { N_("Q&A (minutes)"), XLSX_INT, 10 }, { N_("Questions"), XLSX_INT, 10 } };
  report_sheet(x, &h, lang, N_("Attendance"), cols_in(sc, (int)COUNT(sc), lang, c), (int)COUNT(sc));
  for(int i=0; i<t->nsessions; i++){
    const TrainingSession *s = &t->sessions[i];
    xlsx_int(x, s->no); xlsx_text(x, s->title); xlsx_date(x, s->starts_at); xlsx_date(x, s->ends_at);
    xlsx_int(x, s->present); xlsx_int(x, s->qa_minutes); xlsx_int(x, s->questions);
  }
  static const XlsxCol qc[] = { { N_("Session"), XLSX_INT, 5 }, { N_("Asked by"), XLSX_TEXT, 20 }, { N_("Agency"), XLSX_TEXT, 20 },
    { N_("Question"), XLSX_TEXT, 40 }, { N_("Answer"), XLSX_TEXT, 40 }, { "Status", XLSX_TEXT, 22 }, { "E-mail", XLSX_TEXT, 22 },
    { N_("Phone"), XLSX_TEXT, 16 }, { N_("Forwarded to"), XLSX_TEXT, 14 } };
  report_sheet(x, &h, lang, N_("Questions and answers"), cols_in(qc, (int)COUNT(qc), lang, c), (int)COUNT(qc));
  for(int i=0; i<rep->nquestions; i++){
    const Question *q = &rep->questions[i];
    xlsx_int(x, q->session_no); xlsx_text(x, q->asker_name); xlsx_text(x, q->asker_agency); xlsx_text(x, q->question);
    xlsx_text(x, q->answer); xlsx_text(x, question_word(q->status, lang)); xlsx_text(x, q->email); xlsx_text(x, q->phone); xlsx_text(x, q->routed_to);
  }
  static const XlsxCol kc[] = { { "No", XLSX_INT, 5 }, { N_("Item"), XLSX_TEXT, 50 }, { N_("Kind"), XLSX_TEXT, 8 },
    { N_("Answers"), XLSX_INT, 8 }, { N_("Average"), XLSX_NUM, 9 }, { "1", XLSX_INT, 5 }, { "2", XLSX_INT, 5 }, { "3", XLSX_INT, 5 },
    { "4", XLSX_INT, 5 }, { "5", XLSX_INT, 5 } };
  report_sheet(x, &h, lang, N_("Questionnaire"), cols_in(kc, (int)COUNT(kc), lang, c), (int)COUNT(kc));
  for(int i=0; i<rep->tpl.nitems; i++){
    const TqResult *r = &rep->results[i];
    int likert = strcmp(r->item->kind, "likert")==0;
    xlsx_int(x, r->item->no); xlsx_text(x, r->item->text); xlsx_text(x, L(training_kind_label(r->item->kind))); xlsx_int(x, r->n);
    if( likert ){
      if( r->n ) xlsx_num(x, r->mean); else xlsx_blank(x);   /* no answers: no average, not 0 */
      for(int v=1; v<=5; v++) xlsx_int(x, r->count[v]);
    }
    else for(int k=0; k<6; k++) xlsx_blank(x);
    if( strcmp(r->item->kind, "choice")==0 ){
      for(int k=0; k<r->item->noptions; k++){
        xlsx_blank(x); xlsx_text(x, r->item->options[k]); xlsx_blank(x); xlsx_int(x, r->count[k]);
        for(int j=0; j<6; j++) xlsx_blank(x);
      }
    }
    if( strcmp(r->item->kind, "text")==0 ){
      for(int k=0; k<r->ncomments; k++){
        xlsx_blank(x); xlsx_text(x, r->comments[k]);
        for(int j=0; j<8; j++) xlsx_blank(x);
      }
    }
  }
#undef L
  return xlsx_finish(x, out);
}

/* One questionnaire item's results as an SVG bar chart (the shared chart_hbar), its words in lang. */
void training_chart_svg(Buf *out, const TqResult *res, const char *lang){
  const TqItem *it = res->item;
  int likert = strcmp(it->kind, "likert")==0;
  int n = likert ? 5 : it->noptions;
  ChartBar bars[12];
  for(int k=0; k<n && k<12; k++){
    bars[k].label = likert ? i18n_get(lang, likert_words[k+1]) : it->options[k];
    bars[k].value = res->count[likert ? k+1 : k];
    bars[k].text = 0;
    bars[k].bad = 0;
  }
  chart_hbar(out, it->text, bars, n<12 ? n : 12, 0, -1);
}

/* A QR code of text as SVG. */
int training_qr_svg(Buf *out, const char *text, int scale){
  QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
  if( qr==0 ) return ERR_INVALID;
  int n = qr->width, quiet = 4, size = (n + 2*quiet) * scale;
  buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\">"
                  "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"></rect><path fill=\"#000\" d=\"", size, size, size, size, size, size);
  for(int y=0; y<n; y++){
    for(int x=0; x<n; x++){
      if( qr->data[y*n + x] & 1 ) buf_printf(out, "M%d %dh%dv%dh-%dz", (x+quiet)*scale, (y+quiet)*scale, scale, scale, scale);
    }
  }
  buf_puts(out, "\"></path></svg>");
  QRcode_free(qr);
  return OK;
}
