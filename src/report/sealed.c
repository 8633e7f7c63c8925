/*
** sealed.c — the sealed letter: above the first fold the address block (shown
** through a window envelope) marked RAHASIA; below it, where the folded sheet
** hides it, the user ID and the password in a large fixed-width face with the
** rules for first use. Nothing of it is stored: the password exists on this
** paper only (its one-time link is used up when the letter is made).
*/
#include "sealed.h"
#include "pdf.h"
#include <stdio.h>

/* Append the letter as a PDF to out. */
int sealed_letter_pdf(Buf *out, const SealedLetter *l){
  Pdf *p = pdf_new(out, PDF_PORTRAIT, "Surat tertutup");
  if( p==0 ) return ERR_IO;
  double x = pdf_left(p), w = pdf_content_width(p);
  pdf_para(p, 10, PDF_BOLD, l->office ? l->office : "LPSE");
  pdf_para(p, 9, 0, "Layanan Pengadaan Secara Elektronik");
  pdf_set_y(p, PDF_MM(45));
  /* the address block, where a window envelope shows it */
  pdf_text(p, x, PDF_MM(45), PDF_MM(90), 9, PDF_BOLD, "RAHASIA — hanya untuk yang bersangkutan");
  char buf[512];
  snprintf(buf, sizeof buf, "Yth. %s\nNIP %s\n%s", l->name ? l->name : "", l->nip && *l->nip ? l->nip : "-",
           l->agency && *l->agency ? l->agency : "");
  pdf_text(p, x, PDF_MM(52), PDF_MM(90), 11, 0, buf);
  snprintf(buf, sizeof buf, "Nomor permohonan: %s\nDicetak: %s", l->number ? l->number : "", l->date ? l->date : "");
  pdf_text(p, x + PDF_MM(100), PDF_MM(52), w - PDF_MM(100), 9, 0, buf);
  /* the first fold: a third of the page */
  pdf_color(p, 0x888888);
  pdf_line(p, 0, PDF_MM(99), pdf_page_width(p), PDF_MM(99), 0.3);
  pdf_text(p, x, PDF_MM(100), w, 7, PDF_ITALIC, "lipat di sini");
  pdf_color(p, 0x000000);
  pdf_set_y(p, PDF_MM(112));
  snprintf(buf, sizeof buf, "Hak akses SPSE — %s", l->kind ? l->kind : "");
  pdf_para(p, 13, PDF_BOLD, buf);
  pdf_para(p, 10, 0, "Berikut user ID dan kata sandi Anda untuk SPSE. Kata sandi ini tidak disimpan oleh LPSE "
                     "dan tidak dikirim melalui e-mail: surat ini satu-satunya salinannya.");
  double y = pdf_y(p) + PDF_MM(4);
  pdf_rect(p, x, y, w, PDF_MM(34), 0.8, 0xF2F2F2);
  pdf_text(p, x + PDF_MM(6), y + PDF_MM(5), PDF_MM(40), 11, 0, "User ID");
  pdf_text(p, x + PDF_MM(50), y + PDF_MM(4), w - PDF_MM(56), 16, PDF_MONO | PDF_BOLD, l->user_id ? l->user_id : "");
  pdf_text(p, x + PDF_MM(6), y + PDF_MM(19), PDF_MM(40), 11, 0, "Kata sandi");
  pdf_text(p, x + PDF_MM(50), y + PDF_MM(18), w - PDF_MM(56), 16, PDF_MONO | PDF_BOLD, l->secret ? l->secret : "");
  pdf_set_y(p, y + PDF_MM(42));
  pdf_para(p, 10, PDF_BOLD, "Yang harus dilakukan");
  pdf_para(p, 10, 0, "1. Masuk ke SPSE dengan user ID dan kata sandi di atas, lalu segera ganti kata sandi.");
  pdf_para(p, 10, 0, "2. Jangan berikan kata sandi kepada siapa pun, termasuk petugas LPSE.");
  pdf_para(p, 10, 0, "3. Musnahkan surat ini setelah kata sandi diganti.");
  pdf_para(p, 10, 0, "4. Bila amplop diterima dalam keadaan terbuka, segera hubungi LPSE agar kata sandi direset.");
  return pdf_finish(p);
}

