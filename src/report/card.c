/*
** card.c — the verification card as one A4 PDF page: the copies in a grid of two
** columns with cut lines, each a yellow card (SOP OI-01: "kartu kuning, cetak 4
** lbr, 1 utk rekanan"), the text laid out by pango, the QR code drawn module by
** module from libqrencode so it stays sharp at any zoom.
*/
#include "card.h"
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

#define A4_W 595.28
#define A4_H 841.89
#define MARGIN 28.0

/* cairo's stream writer: append to the Buf. */
static cairo_status_t card_write(void *closure, const unsigned char *data, unsigned int n){
  buf_append((Buf *)closure, data, n);
  return CAIRO_STATUS_SUCCESS;
}

/* Write text at (x, y) in a box w wide with a font; returns the height used. */
static double card_text(cairo_t *cr, double x, double y, double w, const char *font, const char *text){
  PangoLayout *l = pango_cairo_create_layout(cr);
  pango_cairo_context_set_resolution(pango_layout_get_context(l), 72);   /* font sizes in PDF points */
  pango_layout_context_changed(l);
  PangoFontDescription *fd = pango_font_description_from_string(font);
  pango_layout_set_font_description(l, fd);
  if( w>0 ) pango_layout_set_width(l, (int)(w*PANGO_SCALE));   /* 0: one line, as long as it is */
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(l, text ? text : "", -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l);
  int pw, ph;
  pango_layout_get_size(l, &pw, &ph);
  pango_font_description_free(fd);
  g_object_unref(l);
  return (double)ph/PANGO_SCALE;
}

/* A label and its value on one row: the label in a fixed column. */
static double card_row(cairo_t *cr, double x, double y, double w, const char *label, const char *value){
  double lw = 92;
  card_text(cr, x, y, lw, "Sans 8.5", label);
  return card_text(cr, x+lw, y, w-lw, "Sans Bold 9", value && *value ? value : "—") + 3.5;
}

/* Draw the QR code of url as a square of side size at (x, y). */
static int card_qr(cairo_t *cr, double x, double y, double size, const char *url){
  QRcode *qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if( qr==0 ) return ERR_INVALID;
  int quiet = 2;
  double m = size/(qr->width + 2*quiet);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for(int r=0; r<qr->width; r++){
    for(int c=0; c<qr->width; c++){
      if( qr->data[r*qr->width + c] & 1 ) cairo_rectangle(cr, x + (c+quiet)*m, y + (r+quiet)*m, m, m);
    }
  }
  cairo_fill(cr);
  QRcode_free(qr);
  return OK;
}

/* One card of the sheet at (x, y), w by h; copy k of n. */
static int card_one(cairo_t *cr, const CardData *d, double x, double y, double w, double h, int k, int n){
  cairo_set_source_rgb(cr, 1.0, 0.93, 0.45);          /* the yellow card */
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.35, 0.3, 0.1);
  cairo_set_line_width(cr, 1.2);
  cairo_rectangle(cr, x+4, y+4, w-8, h-8);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  double pad = 12, cx = x+pad, cw = w-2*pad, cy = y+pad;
  char head[200];
  snprintf(head, sizeof head, "LAYANAN PENGADAAN SECARA ELEKTRONIK\n%s", d->office ? d->office : "");
  cy += card_text(cr, cx, cy, cw, "Sans Bold 8.5", head) + 6;
  cy += card_text(cr, cx, cy, 0, "Sans Bold 11.5", "KARTU TANDA LULUS VERIFIKASI") + 6;
  cy += card_row(cr, cx, cy, cw, "Nomor Registrasi", d->number);
  cy += card_row(cr, cx, cy, cw, "Nama Penyedia", d->company);
  cy += card_row(cr, cx, cy, cw, "NPWP", d->npwp);
  cy += card_row(cr, cx, cy, cw, "NIB", d->nib);
  cy += card_row(cr, cx, cy, cw, "Alamat", d->address);
  cy += card_row(cr, cx, cy, cw, "User ID SPSE", d->spse_user);
  cy += card_row(cr, cx, cy, cw, "Tanggal Verifikasi", d->date);
  cy += card_row(cr, cx, cy, cw, "Verifikator", d->officer);
  double qs = 104;
  if( qs > h - (cy - y) - 30 ) qs = h - (cy - y) - 30;
  if( qs < 60 ) qs = 60;
  double qy = y + h - pad - qs - 4;
  if( card_qr(cr, x + w - pad - qs - 2, qy, qs, d->url)!=OK ) return ERR_INVALID;
  char copy[96];
  snprintf(copy, sizeof copy, "Lembar %d dari %d\n%s", k, n, k==1 ? "untuk Penyedia" : "arsip LPSE");
  card_text(cr, cx, qy, w - 2*pad - qs - 8, "Sans Bold 8.5", copy);
  card_text(cr, cx, qy + 30, w - 2*pad - qs - 8, "Sans 7.5",
            "Keaslian kartu ini dapat diperiksa dengan memindai kode QR.");
  return OK;
}

/* The whole sheet. */
int card_pdf(const CardData *d, Buf *out){
  if( d->copies<1 || d->copies>8 || d->url==0 || *d->url==0 ) return ERR_INVALID;
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(card_write, out, A4_W, A4_H);
  if( cairo_surface_status(s)!=CAIRO_STATUS_SUCCESS ){ cairo_surface_destroy(s); return ERR_IO; }
  char title[160];
  snprintf(title, sizeof title, "Kartu Tanda Lulus Verifikasi %s", d->number ? d->number : "");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Loket");
  cairo_t *cr = cairo_create(s);
  int rows = (d->copies + 1)/2;
  double w = (A4_W - 3*MARGIN)/2;
  double h = (A4_H - (rows+1)*MARGIN)/rows;
  if( h > 330 ) h = 330;
  int rc = OK;
  for(int k=0; k<d->copies && rc==OK; k++){
    double x = MARGIN + (k%2)*(w + MARGIN), y = MARGIN + (k/2)*(h + MARGIN);
    rc = card_one(cr, d, x, y, w, h, k+1, d->copies);
  }
  /* cut lines between the cards */
  double dash[] = { 4, 3 };
  cairo_set_dash(cr, dash, 2, 0);
  cairo_set_line_width(cr, 0.5);
  cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
  cairo_move_to(cr, A4_W/2, MARGIN/2);
  cairo_line_to(cr, A4_W/2, MARGIN + rows*(h+MARGIN) - MARGIN/2);
  for(int r=1; r<rows; r++){
    cairo_move_to(cr, MARGIN/2, MARGIN + r*(h+MARGIN) - MARGIN/2);
    cairo_line_to(cr, A4_W - MARGIN/2, MARGIN + r*(h+MARGIN) - MARGIN/2);
  }
  cairo_stroke(cr);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  if( rc==OK && cairo_surface_status(s)!=CAIRO_STATUS_SUCCESS ) rc = ERR_IO;
  cairo_surface_destroy(s);
  return rc;
}

/* Free what fontconfig, pango and cairo keep for the process. */
void card_shutdown(void){
  pango_cairo_font_map_set_default(0);
  cairo_debug_reset_static_data();
  FcFini();
}
