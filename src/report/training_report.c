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

static const char *const likert_words[] = { "", "Sangat tidak setuju", "Tidak setuju", "Netral", "Setuju", "Sangat setuju" };

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

/* A participant's answer to the invitation in the form's words (the PDF and the XLSX alike). */
static const char *rsvp_word(const char *rsvp){
  return strcmp(rsvp, "confirmed")==0 ? "konfirmasi hadir" : strcmp(rsvp, "declined")==0 ? "berhalangan" : "belum menjawab";
}
/* A participant's place: a seat or the waiting list. */
static const char *seat_word(const char *seat){
  return strcmp(seat, "waiting")==0 ? "daftar tunggu" : "dapat tempat";
}
/* How a participant came: registered on the portal or invited. */
static const char *source_word(const char *source){
  return strcmp(source, "portal")==0 ? "portal" : "diundang";
}
/* A question's state in the form's words. */
static const char *question_word(const char *status){
  return strcmp(status, "answered")==0 ? "dijawab di tempat" : strcmp(status, "sent")==0 ? "dijawab setelah training" : "terbuka";
}
/* A participant's role (an audience word, or what they wrote) in Indonesian; "" when none. */
static const char *role_word(const char *role){
  return role && *role ? i18n_get("id", training_audience_label(role)) : "";
}

/* Whether and when the report was made, as the form says it: "disusun 19 Mei 2026, 12.40 WIB oleh
** trainer1 — tepat waktu" or "belum disusun"; into out. */
static const char *report_made(const TrainingReport *rep, char *out, size_t n){
  const Training *t = rep->t;
  char b[96];
  if( t->reported_at==0 ){ snprintf(out, n, "%s", "belum disusun"); return out; }
  time_fmt_human(b, sizeof b, t->reported_at, rep->tz, "id");
  snprintf(out, n, "disusun %s oleh %s — %s", b, t->reported_by, t->report_met==1 ? "tepat waktu" : "terlambat");
  return out;
}

/* A heading with some room above it. */
static void heading(Pdf *p, const char *text){
  pdf_set_y(p, pdf_y(p) + 6);
  para(p, 12, PDF_BOLD, 0, "%s", text);
}

/* The counts of a rating or choice item as horizontal bars under its text. */
static void bars(Pdf *p, const TqResult *r){
  int likert = strcmp(r->item->kind, "likert")==0;
  int n = likert ? 5 : r->item->noptions, max = 1;
  for(int k=0; k<n; k++){ int c = r->count[likert ? k+1 : k]; if( c>max ) max = c; }
  double row = 11, label_w = 150, x0 = pdf_left(p) + 24, bar_w = pdf_content_width(p) - 24 - label_w - 40;
  pdf_need(p, n*row);
  double y0 = pdf_y(p);
  for(int k=0; k<n; k++){
    int c = r->count[likert ? k+1 : k];
    double y = y0 + k*row;
    pdf_text(p, x0, y, label_w - 6, 7, PDF_RIGHT|PDF_NOWRAP, likert ? likert_words[k+1] : r->item->options[k]);
    if( c ) pdf_rect(p, x0 + label_w, y + 1, bar_w * c / max, row - 3, 0, 0x2b6cb0);
    char num[16];
    snprintf(num, sizeof num, "%d", c);
    pdf_text(p, x0 + label_w + bar_w * c / max + 4, y, 0, 7, 0, num);
  }
  pdf_set_y(p, y0 + n*row + 4);
}
/* The rupiah text of an amount: "Rp 1.500.000". */
void report_rupiah(char *out, size_t n, int64_t v){
  char digits[32], tmp[48];
  snprintf(digits, sizeof digits, "%lld", (long long)(v<0 ? -v : v));
  size_t len = strlen(digits), k = 0;
  for(size_t i=0; i<len; i++){
    if( i && (len-i)%3==0 ) tmp[k++] = '.';
    tmp[k++] = digits[i];
  }
  tmp[k] = 0;
  snprintf(out, n, "Rp %s", tmp);
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

/* The training report form as a PDF into out. */
int training_report_pdf(const TrainingReport *rep, Buf *out){
  const Training *t = rep->t;
  Pdf *p = pdf_new(out, PDF_PORTRAIT, "Laporan pelaksanaan training");
  if( p==0 ) return ERR_IO;
  pdf_footer(p, t->number);
  char a[160], b[160], m[32];

  para(p, 15, PDF_BOLD, 0, "%s", "LAPORAN PELAKSANAAN TRAINING PENGGUNAAN SPSE");
  para(p, 10, 0, 0, "%s · SOP-LPSE.BTG-005 · Kasus %s", rep->office_name, t->number);

  heading(p, "A. Rencana pelaksanaan");
  para(p, 10, 0, 0, "Judul: %s", t->title);
  time_fmt_span(a, sizeof a, t->starts_at, t->ends_at, rep->tz, "id");
  para(p, 10, 0, 0, "Waktu: %s", a);
  para(p, 10, 0, 0, "Tempat: %s", t->venue);
  para(p, 10, 0, 0, "Sasaran peserta: %s · Kapasitas: %d orang", training_audience_text(t->audience, "id", a, sizeof a), t->capacity);
  char tr[1024];
  para(p, 10, 0, 0, "Trainer: %s", list_text(t->trainers, tr, sizeof tr));
  int64_t total = 0;
  for(int i=0; i<t->nbudget; i++){
    report_rupiah(a, sizeof a, t->budget[i].amount);
    para(p, 10, 0, 12, "Anggaran: %s — %s", t->budget[i].item, a);
    total += t->budget[i].amount;
  }
  report_rupiah(a, sizeof a, total);
  para(p, 10, 0, 0, "Jumlah anggaran: %s", a);

  heading(p, "B. Persiapan (hari kerja sebelum pelaksanaan)");
  for(int i=0; i<t->nprep; i++){
    const TrainingPrep *x = &t->prep[i];
    time_fmt_human(a, sizeof a, x->due_at, rep->tz, "id");
    if( x->done_at ) time_fmt_human(b, sizeof b, x->done_at, rep->tz, "id");
    para(p, 10, 0, 12, "%s (H-%d, batas %s): %s", x->label, x->days, a,
              x->done_at ? (x->met==1 ? "selesai tepat waktu" : "selesai terlambat") : (x->met==0 ? "melewati batas" : "belum selesai"));
  }

  heading(p, "C. Sesi dan kehadiran");
  for(int i=0; i<t->nsessions; i++){
    const TrainingSession *s = &t->sessions[i];
    time_fmt_span(a, sizeof a, s->starts_at, s->ends_at, rep->tz, "id");
    para(p, 10, 0, 12, "Sesi %d: %s — %s — hadir %d orang — tanya jawab %d menit%s", s->no, s->title, a,
              s->present, s->qa_minutes, s->qa_minutes<TRAINING_QA_MIN_MINUTES ? " (kurang dari 15 menit)" : "");
  }

  heading(p, "D. Peserta");
  para(p, 10, 0, 0, "Terdaftar %d (kapasitas %d), konfirmasi hadir %d, berhalangan %d, belum menjawab %d, daftar tunggu %d",
            t->seats, t->capacity, t->confirmed, t->declined, t->no_answer, t->waiting);
  for(int i=0; i<rep->npeople; i++){
    const Participant *x = &rep->people[i];
    para(p, 9, 0, 12, "%d. %s — %s — %s%s — hadir di %d dari %d sesi", i+1, x->name, x->agency, rsvp_word(x->rsvp),
              strcmp(x->seat, "waiting")==0 ? " (daftar tunggu)" : "", x->present, t->nsessions);
  }

  heading(p, "E. Tanya jawab");
  if( rep->nquestions==0 ) para(p, 10, 0, 0, "%s", "Tidak ada pertanyaan tercatat.");
  for(int i=0; i<rep->nquestions; i++){
    const Question *q = &rep->questions[i];
    para(p, 9, 0, 12, "Sesi %d — %s (%s): %s [%s]", q->session_no, q->asker_name, q->asker_agency, q->question,
         question_word(q->status));
    if( *q->answer ) para(p, 9, 0, 24, "Jawaban: %s", q->answer);
  }

  heading(p, "F. Hasil kuesioner");
  para(p, 10, 0, 0, "%d responden dari %d peserta", rep->responses, t->seats);
  for(int i=0; i<rep->tpl.nitems; i++){
    const TqResult *r = &rep->results[i];
    if( strcmp(r->item->kind, "likert")==0 ){
      util_decimal1(m, sizeof m, r->mean, 0);   /* Indonesian style, 4,5 */
      para(p, 10, 0, 12, "%d. %s — rata-rata %s dari 5 (%d jawaban; 1:%d 2:%d 3:%d 4:%d 5:%d)", r->item->no, r->item->text,
                m, r->n, r->count[1], r->count[2], r->count[3], r->count[4], r->count[5]);
      bars(p, r);
    }else if( strcmp(r->item->kind, "choice")==0 ){
      para(p, 10, 0, 12, "%d. %s", r->item->no, r->item->text);
      bars(p, r);
    }else{
      para(p, 10, 0, 12, "%d. %s", r->item->no, r->item->text);
      for(int k=0; k<r->ncomments; k++) para(p, 9, 0, 24, "• %s", r->comments[k]);
    }
  }

  heading(p, "G. Catatan trainer");
  para(p, 10, 0, 0, "%s", *t->report_notes ? t->report_notes : "-");

  pdf_set_y(p, pdf_y(p) + 10);
  if( t->report_due_at ){
    time_fmt_human(a, sizeof a, t->report_due_at, rep->tz, "id");
    para(p, 9, 0, 0, "Batas laporan %s (1 jam setelah training berakhir); %s", a, report_made(rep, b, sizeof b));
  }
  return pdf_finish(p);
}

/* The head of the workbook's sheets: the PDF's line (office, SOP, case), the training and when. */
typedef struct SheetHead {
  char office[400], training[700];
} SheetHead;

/* A sheet of the training report under its head: the title naming the sheet (the first sheet,
** the report itself, only the PDF's line: its rows say the rest), then the office line and the
** training line, as the other exports' workbooks open. */
static int report_sheet(Xlsx *x, const SheetHead *h, const char *name, const XlsxCol *cols, int ncols){
  const char *lines[2] = { h->office, h->training };
  int first = strcmp(name, "Laporan")==0;
  char title[96];
  snprintf(title, sizeof title, first ? "Laporan pelaksanaan training" : "Laporan pelaksanaan training: %s", name);
  return xlsx_sheet_titled(x, name, title, lines, first ? 1 : 2, cols, ncols);
}

/* The training report as a workbook into out. */
int training_report_xlsx(const TrainingReport *rep, Buf *out){
  const Training *t = rep->t;
  Xlsx *x = xlsx_new(rep->tz);
  if( x==0 ) return ERR_IO;
  char a[160];
  time_fmt_span(a, sizeof a, t->starts_at, t->ends_at, rep->tz, "id");
  SheetHead h;
  snprintf(h.office, sizeof h.office, "%s · SOP-LPSE.BTG-005 · Kasus %s", rep->office_name, t->number);
  snprintf(h.training, sizeof h.training, "%s · %s", t->title, a);
  static const XlsxCol lc[] = { { "Butir", XLSX_TEXT, 26 }, { "Isi", XLSX_TEXT, 60 } };
  report_sheet(x, &h, "Laporan", lc, 2);
  char aud[512], due[96] = "", made[256];
  if( t->report_due_at ) time_fmt_human(due, sizeof due, t->report_due_at, rep->tz, "id");
  const char *rows[][2] = { { "Kantor", rep->office_name }, { "Kasus", t->number }, { "Judul", t->title }, { "Waktu", a },
                            { "Tempat", t->venue }, { "Sasaran peserta", training_audience_text(t->audience, "id", aud, sizeof aud) },
                            { "Catatan trainer", t->report_notes }, { "Batas laporan", due }, { "Laporan", report_made(rep, made, sizeof made) } };
  for(size_t i=0; i<COUNT(rows); i++){ xlsx_text(x, rows[i][0]); xlsx_text(x, rows[i][1]); }
  static const XlsxCol nc[] = { { "Jumlah", XLSX_TEXT, 26 }, { "Nilai", XLSX_INT, 14 } };
  report_sheet(x, &h, "Ringkasan", nc, 2);
  const struct { const char *k; int64_t v; } nums[] = { { "Kapasitas", t->capacity }, { "Terdaftar", t->seats },
    { "Konfirmasi hadir", t->confirmed }, { "Berhalangan", t->declined }, { "Daftar tunggu", t->waiting },
    { "Responden kuesioner", rep->responses } };
  for(size_t i=0; i<COUNT(nums); i++){ xlsx_text(x, nums[i].k); xlsx_int(x, nums[i].v); }
  static const XlsxCol bc[] = { { "Anggaran", XLSX_TEXT, 40 }, { "Jumlah (Rp)", XLSX_INT, 16 } };
  report_sheet(x, &h, "Anggaran", bc, 2);
  for(int i=0; i<t->nbudget; i++){ xlsx_text(x, t->budget[i].item); xlsx_int(x, t->budget[i].amount); }
  static const XlsxCol pc[] = { { "No", XLSX_INT, 5 }, { "Nama", XLSX_TEXT, 26 }, { "Instansi", XLSX_TEXT, 26 },
    { "Peran", XLSX_TEXT, 12 }, { "E-mail", XLSX_TEXT, 26 }, { "Telepon", XLSX_TEXT, 16 }, { "Asal", XLSX_TEXT, 10 },
    { "Tempat", XLSX_TEXT, 14 }, { "Konfirmasi", XLSX_TEXT, 16 }, { "Sesi dihadiri", XLSX_INT, 8 }, { "Kuesioner", XLSX_TEXT, 10 } };
  report_sheet(x, &h, "Peserta", pc, (int)COUNT(pc));
  for(int i=0; i<rep->npeople; i++){
    const Participant *w = &rep->people[i];
    xlsx_int(x, i+1); xlsx_text(x, w->name); xlsx_text(x, w->agency); xlsx_text(x, role_word(w->role)); xlsx_text(x, w->email);
    xlsx_text(x, w->phone); xlsx_text(x, source_word(w->source)); xlsx_text(x, seat_word(w->seat)); xlsx_text(x, rsvp_word(w->rsvp));
    xlsx_int(x, w->present);
    xlsx_text(x, w->answered ? "ya" : "belum");
  }
  static const XlsxCol sc[] = { { "Sesi", XLSX_INT, 5 }, { "Judul", XLSX_TEXT, 30 }, { "Mulai", XLSX_DATETIME, 0 },
    { "Selesai", XLSX_DATETIME, 0 }, { "Hadir", XLSX_INT, 8 }, { "Tanya jawab (menit)", XLSX_INT, 10 }, { "Pertanyaan", XLSX_INT, 10 } };
  report_sheet(x, &h, "Kehadiran", sc, (int)COUNT(sc));
  for(int i=0; i<t->nsessions; i++){
    const TrainingSession *s = &t->sessions[i];
    xlsx_int(x, s->no); xlsx_text(x, s->title); xlsx_date(x, s->starts_at); xlsx_date(x, s->ends_at);
    xlsx_int(x, s->present); xlsx_int(x, s->qa_minutes); xlsx_int(x, s->questions);
  }
  static const XlsxCol qc[] = { { "Sesi", XLSX_INT, 5 }, { "Penanya", XLSX_TEXT, 20 }, { "Instansi", XLSX_TEXT, 20 },
    { "Pertanyaan", XLSX_TEXT, 40 }, { "Jawaban", XLSX_TEXT, 40 }, { "Status", XLSX_TEXT, 22 }, { "E-mail", XLSX_TEXT, 22 },
    { "Telepon", XLSX_TEXT, 16 }, { "Diteruskan ke", XLSX_TEXT, 14 } };
  report_sheet(x, &h, "Tanya jawab", qc, (int)COUNT(qc));
  for(int i=0; i<rep->nquestions; i++){
    const Question *q = &rep->questions[i];
    xlsx_int(x, q->session_no); xlsx_text(x, q->asker_name); xlsx_text(x, q->asker_agency); xlsx_text(x, q->question);
    xlsx_text(x, q->answer); xlsx_text(x, question_word(q->status)); xlsx_text(x, q->email); xlsx_text(x, q->phone); xlsx_text(x, q->routed_to);
  }
  static const XlsxCol kc[] = { { "No", XLSX_INT, 5 }, { "Butir", XLSX_TEXT, 50 }, { "Jenis", XLSX_TEXT, 8 },
    { "Jawaban", XLSX_INT, 8 }, { "Rata-rata", XLSX_NUM, 9 }, { "1", XLSX_INT, 5 }, { "2", XLSX_INT, 5 }, { "3", XLSX_INT, 5 },
    { "4", XLSX_INT, 5 }, { "5", XLSX_INT, 5 } };
  report_sheet(x, &h, "Kuesioner", kc, (int)COUNT(kc));
  for(int i=0; i<rep->tpl.nitems; i++){
    const TqResult *r = &rep->results[i];
    int likert = strcmp(r->item->kind, "likert")==0;
    xlsx_int(x, r->item->no); xlsx_text(x, r->item->text); xlsx_text(x, training_kind_word(r->item->kind)); xlsx_int(x, r->n);
    if( likert ){ xlsx_num(x, r->mean); for(int v=1; v<=5; v++) xlsx_int(x, r->count[v]); }
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
  return xlsx_finish(x, out);
}

/* One questionnaire item's results as an SVG bar chart (the shared chart_hbar). */
void training_chart_svg(Buf *out, const TqResult *res){
  const TqItem *it = res->item;
  int likert = strcmp(it->kind, "likert")==0;
  int n = likert ? 5 : it->noptions;
  ChartBar bars[12];
  for(int k=0; k<n && k<12; k++){
    bars[k].label = likert ? likert_words[k+1] : it->options[k];
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
