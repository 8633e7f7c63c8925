/*
** card.c — the verification card as one A4 PDF page, drawn with the shared PDF module
** (report/pdf.h): the copies in a grid of two columns with cut lines, each a yellow
** card (SOP OI-01: "kartu kuning, cetak 4 lbr, 1 utk rekanan") with the provider's
** data, the number, the day, the officer and a QR code of the page confirming it.
*/
#include "card.h"
#include "pdf.h"
#include <stdio.h>
#include <string.h>

#define CARD_GAP 28.0
#define CARD_YELLOW 0xFFED73u

/* A label and its value on one row: the label in a fixed column; returns the row's height. */
static double card_row(Pdf *p, double x, double y, double w, const char *label, const char *value){
  double lw = 92;
  pdf_text(p, x, y, lw, 8.5, 0, label);
  return pdf_text(p, x+lw, y, w-lw, 9, PDF_BOLD, value && *value ? value : "—") + 3.5;
}

/* One card of the sheet at (x, y), w by h; copy k of n. */
static int card_one(Pdf *p, const CardData *d, double x, double y, double w, double h, int k, int n){
  pdf_rect(p, x, y, w, h, 0, CARD_YELLOW);
  pdf_color(p, 0x594D1A);
  pdf_rect(p, x+4, y+4, w-8, h-8, 1.2, PDF_NOFILL);
  pdf_color(p, 0x000000);
  double pad = 12, cx = x+pad, cw = w-2*pad, cy = y+pad;
  char head[200];
  snprintf(head, sizeof head, "LAYANAN PENGADAAN SECARA ELEKTRONIK\n%s", d->office ? d->office : "");
  cy += pdf_text(p, cx, cy, cw, 8.5, PDF_BOLD, head) + 6;
  cy += pdf_text(p, cx, cy, 0, 11.5, PDF_BOLD, "KARTU TANDA LULUS VERIFIKASI") + 6;
  cy += card_row(p, cx, cy, cw, "Nomor Registrasi", d->number);
  cy += card_row(p, cx, cy, cw, "Nama Penyedia", d->company);
  cy += card_row(p, cx, cy, cw, "NPWP", d->npwp);
  cy += card_row(p, cx, cy, cw, "NIB", d->nib);
  cy += card_row(p, cx, cy, cw, "Alamat", d->address);
  cy += card_row(p, cx, cy, cw, "User ID SPSE", d->spse_user);
  cy += card_row(p, cx, cy, cw, "Tanggal Verifikasi", d->date);
  cy += card_row(p, cx, cy, cw, "Verifikator", d->officer);
  double qs = 104;
  if( qs > h - (cy - y) - 30 ) qs = h - (cy - y) - 30;
  if( qs < 60 ) qs = 60;
  double qx = x + w - pad - qs - 2, qy = y + h - pad - qs - 4;
  pdf_rect(p, qx, qy, qs, qs, 0, 0xFFFFFFu);   /* a white quiet zone: scanners want one */
  if( pdf_qr(p, qx, qy, qs, d->url)!=OK ) return ERR_INVALID;
  char copy[96];
  snprintf(copy, sizeof copy, "Lembar %d dari %d\n%s", k, n, k==1 ? "untuk Penyedia" : "arsip LPSE");
  double tw = w - 2*pad - qs - 8;
  pdf_text(p, cx, qy, tw, 8.5, PDF_BOLD, copy);
  pdf_text(p, cx, qy + 30, tw, 7.5, 0, "Keaslian kartu ini dapat diperiksa dengan memindai kode QR.");
  return OK;
}

/* The whole sheet. */
int card_pdf(const CardData *d, Buf *out){
  if( d->copies<1 || d->copies>8 || d->url==0 || *d->url==0 ) return ERR_INVALID;
  char title[160];
  snprintf(title, sizeof title, "Kartu Tanda Lulus Verifikasi %s", d->number ? d->number : "");
  Pdf *p = pdf_new(out, PDF_PORTRAIT, title);
  double pw = pdf_page_width(p), ph = pdf_page_height(p);
  int rows = (d->copies + 1)/2;
  double w = (pw - 3*CARD_GAP)/2;
  double h = (ph - (rows+1)*CARD_GAP)/rows;
  if( h > 330 ) h = 330;
  int rc = OK;
  for(int k=0; k<d->copies && rc==OK; k++){
    double x = CARD_GAP + (k%2)*(w + CARD_GAP), y = CARD_GAP + (k/2)*(h + CARD_GAP);
    rc = card_one(p, d, x, y, w, h, k+1, d->copies);
  }
  pdf_color(p, 0x888888);   /* cut lines between the cards */
  pdf_line(p, pw/2, CARD_GAP/2, pw/2, CARD_GAP + rows*(h+CARD_GAP) - CARD_GAP/2, 0.5);
  for(int r=1; r<rows; r++){
    double y = CARD_GAP + r*(h+CARD_GAP) - CARD_GAP/2;
    pdf_line(p, CARD_GAP/2, y, pw - CARD_GAP/2, y, 0.5);
  }
  int fin = pdf_finish(p);
  return rc!=OK ? rc : fin;
}

