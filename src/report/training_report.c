/*
** training_report.c — the training report form (SOP BTG-005 step 4) as PDF with
** cairo + pango and as XLSX with libxlsxwriter, the questionnaire's charts as SVG,
** and the QR code of the questionnaire's link. Written here directly because the
** shared report modules (report/pdf.h, report/xlsx.h) were not on main yet.
*/
#include "training_report.h"
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <xlsxwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A4 in points, margins. */
#define PW 595.0
#define PH 842.0
#define MARGIN 50.0

static const char *const likert_words[] = { "", "Sangat tidak setuju", "Tidak setuju", "Netral", "Setuju", "Sangat setuju" };

/* A PDF being written: the surface, its context, the pen's height on the page. */
typedef struct Pdf { cairo_surface_t *s; cairo_t *cr; double y; Buf *out; int page; } Pdf;

/* cairo's stream writer: append to the Buf. */
static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len){
  buf_append((Buf*)closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

/* Write one paragraph in a font ("Sans 10", "Sans Bold 14"), wrapping, indented by indent;
** a new page when it does not fit. */
static void pdf_text(Pdf *p, const char *font, double indent, const char *text){
  PangoLayout *l = pango_cairo_create_layout(p->cr);
  PangoFontDescription *fd = pango_font_description_from_string(font);
  pango_layout_set_font_description(l, fd);
  pango_layout_set_width(l, (int)((PW - 2*MARGIN - indent) * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(l, text, -1);
  int w, h;
  pango_layout_get_pixel_size(l, &w, &h);
  if( p->y + h > PH - MARGIN ){
    cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN;
  }
  cairo_move_to(p->cr, MARGIN + indent, p->y);
  pango_cairo_show_layout(p->cr, l);
  p->y += h + 3;
  pango_font_description_free(fd);
  g_object_unref(l);
}

/* A paragraph built with printf. */
static void pdf_textf(Pdf *p, const char *font, double indent, const char *fmt, ...){
  char buf[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  pdf_text(p, font, indent, buf);
}

/* The counts of a rating or choice item as horizontal bars under its text. */
static void pdf_bars(Pdf *p, const TqResult *r){
  int likert = strcmp(r->item->kind, "likert")==0;
  int n = likert ? 5 : r->item->noptions, max = 1;
  for(int k=0; k<n; k++){ int c = r->count[likert ? k+1 : k]; if( c>max ) max = c; }
  double row = 11, label_w = 150, bar_w = PW - 2*MARGIN - label_w - 60;
  if( p->y + n*row > PH - MARGIN ){ cairo_show_page(p->cr); p->page++; p->y = MARGIN; }
  for(int k=0; k<n; k++){
    int c = r->count[likert ? k+1 : k];
    double y = p->y + k*row;
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    PangoFontDescription *fd = pango_font_description_from_string("Sans 7");
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, (int)((label_w - 6) * PANGO_SCALE));
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
    pango_layout_set_text(l, likert ? likert_words[k+1] : r->item->options[k], -1);
    cairo_move_to(p->cr, MARGIN + 24, y);
    pango_cairo_show_layout(p->cr, l);
    cairo_set_source_rgb(p->cr, 0.17, 0.42, 0.69);
    cairo_rectangle(p->cr, MARGIN + 24 + label_w, y + 1, bar_w * c / max, row - 3);
    cairo_fill(p->cr);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    char num[16];
    snprintf(num, sizeof num, "%d", c);
    pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, num, -1);
    cairo_move_to(p->cr, MARGIN + 24 + label_w + bar_w * c / max + 4, y);
    pango_cairo_show_layout(p->cr, l);
    pango_font_description_free(fd);
    g_object_unref(l);
  }
  p->y += n*row + 4;
}

/* A heading with some room above it. */
static void pdf_heading(Pdf *p, const char *text){
  p->y += 8;
  pdf_text(p, "Sans Bold 12", 0, text);
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

/* What a rating's mean means, with one decimal, Indonesian style (4,5). */
static void mean_text(char *out, size_t n, double m){
  snprintf(out, n, "%.1f", m);
  for(char *c = out; *c; c++) if( *c=='.' ) *c = ',';
}

/* The training report form as a PDF into out. */
int training_report_pdf(const TrainingReport *rep, Buf *out){
  const Training *t = rep->t;
  Pdf p = { 0, 0, MARGIN, out, 1 };
  p.s = cairo_pdf_surface_create_for_stream(pdf_write, out, PW, PH);
  if( cairo_surface_status(p.s)!=CAIRO_STATUS_SUCCESS ) return ERR_IO;
  p.cr = cairo_create(p.s);
  cairo_set_source_rgb(p.cr, 0, 0, 0);
  char a[160], b[160], m[32];

  pdf_text(&p, "Sans Bold 15", 0, "LAPORAN PELAKSANAAN TRAINING PENGGUNAAN SPSE");
  pdf_textf(&p, "Sans 10", 0, "%s · SOP-LPSE.BTG-005 · Kasus %s", rep->office_name, t->number);

  pdf_heading(&p, "A. Rencana pelaksanaan");
  pdf_textf(&p, "Sans 10", 0, "Judul: %s", t->title);
  time_fmt_human(a, sizeof a, t->starts_at, rep->tz, "id");
  time_fmt_human(b, sizeof b, t->ends_at, rep->tz, "id");
  pdf_textf(&p, "Sans 10", 0, "Waktu: %s s.d. %s", a, b);
  pdf_textf(&p, "Sans 10", 0, "Tempat: %s", t->venue);
  pdf_textf(&p, "Sans 10", 0, "Sasaran peserta: %s · Kapasitas: %d orang", list_text(t->audience, a, sizeof a), t->capacity);
  char tr[1024];
  pdf_textf(&p, "Sans 10", 0, "Trainer: %s", list_text(t->trainers, tr, sizeof tr));
  int64_t total = 0;
  for(int i=0; i<t->nbudget; i++){
    report_rupiah(a, sizeof a, t->budget[i].amount);
    pdf_textf(&p, "Sans 10", 12, "Anggaran: %s — %s", t->budget[i].item, a);
    total += t->budget[i].amount;
  }
  report_rupiah(a, sizeof a, total);
  pdf_textf(&p, "Sans 10", 0, "Jumlah anggaran: %s", a);

  pdf_heading(&p, "B. Persiapan (hari kerja sebelum pelaksanaan)");
  for(int i=0; i<t->nprep; i++){
    const TrainingPrep *x = &t->prep[i];
    time_fmt_human(a, sizeof a, x->due_at, rep->tz, "id");
    if( x->done_at ) time_fmt_human(b, sizeof b, x->done_at, rep->tz, "id");
    pdf_textf(&p, "Sans 10", 12, "%s (H-%d, batas %s): %s", x->label, x->days, a,
              x->done_at ? (x->met==1 ? "selesai tepat waktu" : "selesai terlambat") : (x->met==0 ? "melewati batas" : "belum selesai"));
  }

  pdf_heading(&p, "C. Sesi dan kehadiran");
  for(int i=0; i<t->nsessions; i++){
    const TrainingSession *s = &t->sessions[i];
    time_fmt_human(a, sizeof a, s->starts_at, rep->tz, "id");
    pdf_textf(&p, "Sans 10", 12, "Sesi %d: %s — %s — hadir %d orang — tanya jawab %d menit%s", s->no, s->title, a,
              s->present, s->qa_minutes, s->qa_minutes<TRAINING_QA_MIN_MINUTES ? " (kurang dari 15 menit)" : "");
  }

  pdf_heading(&p, "D. Peserta");
  pdf_textf(&p, "Sans 10", 0, "Terdaftar %d (kapasitas %d), konfirmasi hadir %d, berhalangan %d, belum menjawab %d, daftar tunggu %d",
            t->seats, t->capacity, t->confirmed, t->declined, t->no_answer, t->waiting);
  for(int i=0; i<rep->npeople; i++){
    const Participant *x = &rep->people[i];
    const char *rsvp = strcmp(x->rsvp, "confirmed")==0 ? "hadir" : strcmp(x->rsvp, "declined")==0 ? "berhalangan" : "belum menjawab";
    pdf_textf(&p, "Sans 9", 12, "%d. %s — %s — %s%s — hadir di %d dari %d sesi", i+1, x->name, x->agency, rsvp,
              strcmp(x->seat, "waiting")==0 ? " (daftar tunggu)" : "", x->present, t->nsessions);
  }

  pdf_heading(&p, "E. Tanya jawab");
  if( rep->nquestions==0 ) pdf_text(&p, "Sans 10", 0, "Tidak ada pertanyaan tercatat.");
  for(int i=0; i<rep->nquestions; i++){
    const Question *q = &rep->questions[i];
    const char *st = strcmp(q->status, "answered")==0 ? "dijawab di tempat" : strcmp(q->status, "sent")==0 ? "dijawab setelah training" : "terbuka";
    pdf_textf(&p, "Sans 9", 12, "Sesi %d — %s (%s): %s [%s]", q->session_no, q->asker_name, q->asker_agency, q->question, st);
    if( *q->answer ) pdf_textf(&p, "Sans 9", 24, "Jawaban: %s", q->answer);
  }

  pdf_heading(&p, "F. Hasil kuesioner");
  pdf_textf(&p, "Sans 10", 0, "%d responden dari %d peserta", rep->responses, t->seats);
  for(int i=0; i<rep->tpl.nitems; i++){
    const TqResult *r = &rep->results[i];
    if( strcmp(r->item->kind, "likert")==0 ){
      mean_text(m, sizeof m, r->mean);
      pdf_textf(&p, "Sans 10", 12, "%d. %s — rata-rata %s dari 5 (%d jawaban; 1:%d 2:%d 3:%d 4:%d 5:%d)", r->item->no, r->item->text,
                m, r->n, r->count[1], r->count[2], r->count[3], r->count[4], r->count[5]);
      pdf_bars(&p, r);
    }else if( strcmp(r->item->kind, "choice")==0 ){
      pdf_textf(&p, "Sans 10", 12, "%d. %s", r->item->no, r->item->text);
      pdf_bars(&p, r);
    }else{
      pdf_textf(&p, "Sans 10", 12, "%d. %s", r->item->no, r->item->text);
      for(int k=0; k<r->ncomments; k++) pdf_textf(&p, "Sans 9", 24, "• %s", r->comments[k]);
    }
  }

  pdf_heading(&p, "G. Catatan trainer");
  pdf_text(&p, "Sans 10", 0, *t->report_notes ? t->report_notes : "-");

  p.y += 10;
  if( t->report_due_at ){
    time_fmt_human(a, sizeof a, t->report_due_at, rep->tz, "id");
    if( t->reported_at ){
      time_fmt_human(b, sizeof b, t->reported_at, rep->tz, "id");
      pdf_textf(&p, "Sans 9", 0, "Batas laporan %s (1 jam setelah training berakhir); disusun %s oleh %s — %s", a, b, t->reported_by,
                t->report_met==1 ? "tepat waktu" : "terlambat");
    }else pdf_textf(&p, "Sans 9", 0, "Batas laporan %s (1 jam setelah training berakhir); belum disusun", a);
  }
  cairo_destroy(p.cr);
  cairo_surface_finish(p.s);
  int rc = cairo_surface_status(p.s)==CAIRO_STATUS_SUCCESS ? OK : ERR_IO;
  cairo_surface_destroy(p.s);
  return rc;
}

/* The training report as a workbook into out (written through a temporary file). */
int training_report_xlsx(const TrainingReport *rep, Buf *out){
  const Training *t = rep->t;
  char path[] = "/tmp/loket-xlsx-XXXXXX";
  int fd = mkstemp(path);
  if( fd<0 ) return ERR_IO;
  close(fd);
  lxw_workbook *wb = workbook_new(path);
  if( wb==0 ){ unlink(path); return ERR_IO; }
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  char a[160], b[160];

  lxw_worksheet *ws = workbook_add_worksheet(wb, "Laporan");
  int row = 0;
  worksheet_write_string(ws, row++, 0, "LAPORAN PELAKSANAAN TRAINING PENGGUNAAN SPSE", bold);
  worksheet_write_string(ws, row, 0, "Kantor", bold); worksheet_write_string(ws, row++, 1, rep->office_name, 0);
  worksheet_write_string(ws, row, 0, "Kasus", bold); worksheet_write_string(ws, row++, 1, t->number, 0);
  worksheet_write_string(ws, row, 0, "Judul", bold); worksheet_write_string(ws, row++, 1, t->title, 0);
  time_fmt_human(a, sizeof a, t->starts_at, rep->tz, "id");
  time_fmt_human(b, sizeof b, t->ends_at, rep->tz, "id");
  worksheet_write_string(ws, row, 0, "Mulai", bold); worksheet_write_string(ws, row++, 1, a, 0);
  worksheet_write_string(ws, row, 0, "Selesai", bold); worksheet_write_string(ws, row++, 1, b, 0);
  worksheet_write_string(ws, row, 0, "Tempat", bold); worksheet_write_string(ws, row++, 1, t->venue, 0);
  worksheet_write_string(ws, row, 0, "Kapasitas", bold); worksheet_write_number(ws, row++, 1, t->capacity, 0);
  worksheet_write_string(ws, row, 0, "Terdaftar", bold); worksheet_write_number(ws, row++, 1, t->seats, 0);
  worksheet_write_string(ws, row, 0, "Konfirmasi hadir", bold); worksheet_write_number(ws, row++, 1, t->confirmed, 0);
  worksheet_write_string(ws, row, 0, "Berhalangan", bold); worksheet_write_number(ws, row++, 1, t->declined, 0);
  worksheet_write_string(ws, row, 0, "Daftar tunggu", bold); worksheet_write_number(ws, row++, 1, t->waiting, 0);
  worksheet_write_string(ws, row, 0, "Responden kuesioner", bold); worksheet_write_number(ws, row++, 1, rep->responses, 0);
  worksheet_write_string(ws, row, 0, "Catatan trainer", bold); worksheet_write_string(ws, row++, 1, t->report_notes, 0);
  row++;
  worksheet_write_string(ws, row++, 0, "Anggaran", bold);
  for(int i=0; i<t->nbudget; i++){
    worksheet_write_string(ws, row, 0, t->budget[i].item, 0);
    worksheet_write_number(ws, row++, 1, (double)t->budget[i].amount, 0);
  }
  worksheet_set_column(ws, 0, 0, 24, 0);
  worksheet_set_column(ws, 1, 1, 60, 0);

  ws = workbook_add_worksheet(wb, "Peserta");
  static const char *const ph[] = { "No", "Nama", "Instansi", "Peran", "E-mail", "Telepon", "Asal", "Tempat", "Konfirmasi", "Sesi dihadiri", "Kuesioner" };
  for(int k=0; k<(int)COUNT(ph); k++) worksheet_write_string(ws, 0, (lxw_col_t)k, ph[k], bold);
  for(int i=0; i<rep->npeople; i++){
    const Participant *x = &rep->people[i];
    worksheet_write_number(ws, i+1, 0, i+1, 0);
    worksheet_write_string(ws, i+1, 1, x->name, 0);
    worksheet_write_string(ws, i+1, 2, x->agency, 0);
    worksheet_write_string(ws, i+1, 3, x->role, 0);
    worksheet_write_string(ws, i+1, 4, x->email, 0);
    worksheet_write_string(ws, i+1, 5, x->phone, 0);
    worksheet_write_string(ws, i+1, 6, x->source, 0);
    worksheet_write_string(ws, i+1, 7, x->seat, 0);
    worksheet_write_string(ws, i+1, 8, x->rsvp, 0);
    worksheet_write_number(ws, i+1, 9, x->present, 0);
    worksheet_write_string(ws, i+1, 10, x->answered ? "ya" : "belum", 0);
  }

  ws = workbook_add_worksheet(wb, "Kehadiran");
  static const char *const sh[] = { "Sesi", "Judul", "Mulai", "Selesai", "Hadir", "Tanya jawab (menit)", "Pertanyaan" };
  for(int k=0; k<(int)COUNT(sh); k++) worksheet_write_string(ws, 0, (lxw_col_t)k, sh[k], bold);
  for(int i=0; i<t->nsessions; i++){
    const TrainingSession *s = &t->sessions[i];
    time_fmt_human(a, sizeof a, s->starts_at, rep->tz, "id");
    time_fmt_human(b, sizeof b, s->ends_at, rep->tz, "id");
    worksheet_write_number(ws, i+1, 0, s->no, 0);
    worksheet_write_string(ws, i+1, 1, s->title, 0);
    worksheet_write_string(ws, i+1, 2, a, 0);
    worksheet_write_string(ws, i+1, 3, b, 0);
    worksheet_write_number(ws, i+1, 4, s->present, 0);
    worksheet_write_number(ws, i+1, 5, s->qa_minutes, 0);
    worksheet_write_number(ws, i+1, 6, s->questions, 0);
  }

  ws = workbook_add_worksheet(wb, "Tanya jawab");
  static const char *const qh[] = { "Sesi", "Penanya", "Instansi", "Pertanyaan", "Jawaban", "Status", "E-mail", "Telepon", "Diteruskan ke" };
  for(int k=0; k<(int)COUNT(qh); k++) worksheet_write_string(ws, 0, (lxw_col_t)k, qh[k], bold);
  for(int i=0; i<rep->nquestions; i++){
    const Question *q = &rep->questions[i];
    worksheet_write_number(ws, i+1, 0, q->session_no, 0);
    worksheet_write_string(ws, i+1, 1, q->asker_name, 0);
    worksheet_write_string(ws, i+1, 2, q->asker_agency, 0);
    worksheet_write_string(ws, i+1, 3, q->question, 0);
    worksheet_write_string(ws, i+1, 4, q->answer, 0);
    worksheet_write_string(ws, i+1, 5, q->status, 0);
    worksheet_write_string(ws, i+1, 6, q->email, 0);
    worksheet_write_string(ws, i+1, 7, q->phone, 0);
    worksheet_write_string(ws, i+1, 8, q->routed_to, 0);
  }

  ws = workbook_add_worksheet(wb, "Kuesioner");
  static const char *const kh[] = { "No", "Butir", "Jenis", "Jawaban", "Rata-rata", "1", "2", "3", "4", "5" };
  for(int k=0; k<(int)COUNT(kh); k++) worksheet_write_string(ws, 0, (lxw_col_t)k, kh[k], bold);
  row = 1;
  for(int i=0; i<rep->tpl.nitems; i++){
    const TqResult *r = &rep->results[i];
    worksheet_write_number(ws, row, 0, r->item->no, 0);
    worksheet_write_string(ws, row, 1, r->item->text, 0);
    worksheet_write_string(ws, row, 2, r->item->kind, 0);
    worksheet_write_number(ws, row, 3, r->n, 0);
    if( strcmp(r->item->kind, "likert")==0 ){
      worksheet_write_number(ws, row, 4, r->mean, 0);
      for(int v=1; v<=5; v++) worksheet_write_number(ws, row, (lxw_col_t)(4+v), r->count[v], 0);
      row++;
    }else if( strcmp(r->item->kind, "choice")==0 ){
      row++;
      for(int k=0; k<r->item->noptions; k++){
        worksheet_write_string(ws, row, 1, r->item->options[k], 0);
        worksheet_write_number(ws, row++, 3, r->count[k], 0);
      }
    }else{
      row++;
      for(int k=0; k<r->ncomments; k++) worksheet_write_string(ws, row++, 1, r->comments[k], 0);
    }
  }
  int rc = workbook_close(wb)==LXW_NO_ERROR ? OK : ERR_IO;
  if( rc==OK ) rc = util_file_read(path, out)==OK ? OK : ERR_IO;
  unlink(path);
  return rc;
}

/* One questionnaire item's results as an SVG bar chart. */
void training_chart_svg(Buf *out, const TqResult *res){
  const TqItem *it = res->item;
  int likert = strcmp(it->kind, "likert")==0;
  int nbars = likert ? 5 : it->noptions;
  int max = 1;
  for(int k=0; k<nbars; k++){ int c = res->count[likert ? k+1 : k]; if( c>max ) max = c; }
  int bar_h = 22, label_w = 190, width = 520, height = nbars*(bar_h+6) + 10;
  buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\""
                  " aria-label=\"%h\">", width, height, it->text);
  for(int k=0; k<nbars; k++){
    int c = res->count[likert ? k+1 : k];
    int y = 5 + k*(bar_h+6);
    int w = (width - label_w - 50) * c / max;
    const char *label = likert ? likert_words[k+1] : it->options[k];
    buf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%h</text>", label_w-6, y+15, label);
    buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2b6cb0\"></rect>", label_w, y, w, bar_h);
    buf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%d</text>", label_w + w + 6, y+15, c);
  }
  buf_puts(out, "</svg>");
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
