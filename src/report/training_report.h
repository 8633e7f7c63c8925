/*
** training_report.h — what a training shows outside HTML: the report form as
** PDF (cairo + pango) and XLSX (libxlsxwriter), the questionnaire's charts as
** SVG drawn on the server, and the QR code of the questionnaire's link (libqrencode).
*/
#ifndef LOKET_TRAINING_REPORT_H
#define LOKET_TRAINING_REPORT_H
#include "../core/core.h"
#include "../desk/training.h"

/* The training report form as a PDF into out: Indonesian, as the SOP's form, or English for a reader of English (rep->lang). */
int training_report_pdf(const TrainingReport *rep, Buf *out);
/* The same as a workbook: sheets Laporan, Ringkasan, Anggaran, Peserta, Kehadiran, Tanya jawab,
** Kuesioner (Report, Summary, ... in English), each under a head (its title, the office and case, the training and when). */
int training_report_xlsx(const TrainingReport *rep, Buf *out);
/* One questionnaire item's results as an SVG bar chart (counts per rating or option), its words in lang. */
void training_chart_svg(Buf *out, const TqResult *res, const char *lang);
/* A QR code of text as SVG (scale px a module, 4 modules of quiet zone); ERR_INVALID when too long. */
int training_qr_svg(Buf *out, const char *text, int scale);

/* An amount of rupiah as people write it in lang: "Rp 1.500.000", in English "Rp 1,500,000"; every
** amount printed (page, PDF) goes through it. */
void report_rupiah(char *out, size_t n, int64_t v, const char *lang);

#endif
