/*
** pdf.h — A4 documents written into a Buf with cairo and pango: pages, text
** that wraps and says how tall it came out, lines, rectangles, a table that
** breaks across pages and repeats its header, a QR code, PNG images.
**
** Units are PostScript points (1/72 inch); PDF_MM(x) converts millimetres.
** The origin is the page's top left corner. Fonts are DejaVu Sans (Mono with
** PDF_MONO) through pango, so any UTF-8 text prints.
**
**   Buf out = BUF_INIT;
**   Pdf *p = pdf_new(&out, PDF_PORTRAIT, "Laporan kepatuhan");
**   pdf_para(p, 14, PDF_BOLD, "Laporan kepatuhan");      // at the cursor, advances it
**   double h = pdf_text(p, x, y, PDF_MM(80), 10, 0, text); // anywhere; returns its height
**   pdf_table(p, cols, 3, cells, nrows, 9);                 // at the cursor
**   if( pdf_finish(p)!=OK ) ...;                            // frees p; out holds the PDF
*/
#ifndef LOKET_REPORT_PDF_H
#define LOKET_REPORT_PDF_H
#include "../core/core.h"

#define PDF_MM(x) ((x) * 72.0 / 25.4)

typedef struct Pdf Pdf;

enum { PDF_PORTRAIT = 0, PDF_LANDSCAPE = 1 };

/* Text flags, or-ed together. */
enum {
  PDF_BOLD   = 1,
  PDF_ITALIC = 2,
  PDF_MONO   = 4,
  PDF_CENTER = 8,     /* centred in the wrap width */
  PDF_RIGHT  = 16,    /* right-aligned in the wrap width */
  PDF_NOWRAP = 32,    /* one line, cut with an ellipsis at the width */
  PDF_WHOLE  = 64,    /* a table column's cells each on one line: the column as wide as its widest
                      ** cell (a number, a duration in words: "57 menit 51 detik"), up to a third of the width */
};

/* A new A4 document with one empty page; title goes into the PDF's metadata (may be NULL).
** Margins are 15 mm; the cursor starts at the top margin. The PDF is appended to out. */
Pdf *pdf_new(Buf *out, int orientation, const char *title);
/* End the document: flush it into the Buf and free p. OK, or ERR_IO when cairo failed. */
int pdf_finish(Pdf *p);

/* Page size and the area inside the margins, in points. */
double pdf_page_width(const Pdf *p);
double pdf_page_height(const Pdf *p);
double pdf_left(const Pdf *p);            /* left margin x */
double pdf_top(const Pdf *p);             /* top margin y */
double pdf_bottom(const Pdf *p);          /* lowest y content may reach */
double pdf_content_width(const Pdf *p);   /* page width minus both margins */

/* Start a new page (the cursor goes back to the top margin). */
void pdf_page(Pdf *p);
/* The page number now (1-based). */
int pdf_page_no(const Pdf *p);
/* A foot line on every page finished from now on: text at the left, the page number at
** the right. NULL: no foot line (the default). */
void pdf_footer(Pdf *p, const char *text);

/* The flowing cursor: the y where pdf_para and pdf_table write next. */
double pdf_y(const Pdf *p);
void pdf_set_y(Pdf *p, double y);
/* Make sure h points fit below the cursor, else start a new page. */
void pdf_need(Pdf *p, double h);

/* Colour of what is drawn next (text, lines, outlines): 0xRRGGBB. Default black. */
void pdf_color(Pdf *p, uint32_t rgb);

/* Draw text at (x, y) (its top) wrapped to width w at size pt; returns its height.
** w <= 0 means no wrapping. */
double pdf_text(Pdf *p, double x, double y, double w, double size, int flags, const char *text);
/* The height pdf_text would use, without drawing. */
double pdf_text_height(Pdf *p, double w, double size, int flags, const char *text);
/* The width of one line of text (no wrapping). */
double pdf_text_width(Pdf *p, double size, int flags, const char *text);
/* A paragraph across the content width at the cursor (new page when it does not fit);
** the cursor moves below it plus size/2 of space. Returns its height. */
double pdf_para(Pdf *p, double size, int flags, const char *text);

/* A line from (x1,y1) to (x2,y2) of width lw. */
void pdf_line(Pdf *p, double x1, double y1, double x2, double y2, double lw);
/* A rectangle: outlined with line width lw (lw <= 0: no outline), filled with fill
** (0xRRGGBB) unless fill is PDF_NOFILL. */
#define PDF_NOFILL 0xFFFFFFFFu
void pdf_rect(Pdf *p, double x, double y, double w, double h, double lw, uint32_t fill);

/* An ellipse centred at (cx, cy), outlined and/or filled as pdf_rect. */
void pdf_ellipse(Pdf *p, double cx, double cy, double rx, double ry, double lw, uint32_t fill);
/* A closed polygon of n points (xy: x0,y0,x1,y1…), outlined and/or filled as pdf_rect. */
void pdf_polygon(Pdf *p, const double *xy, int n, double lw, uint32_t fill);
/* An open line through n points; arrow 1 puts an arrowhead at the last point. */
void pdf_polyline(Pdf *p, const double *xy, int n, double lw, int arrow);

/* A QR code of text, a square of side `side` with its top left at (x, y). ERR_INVALID
** when the text cannot be encoded (too long). */
int pdf_qr(Pdf *p, double x, double y, double side, const char *text);
/* A PNG image scaled into the box (keeping its proportions). ERR_INVALID when not a PNG. */
int pdf_png(Pdf *p, double x, double y, double w, double h, const void *png, size_t n);

/* ---- tables ---- */
typedef struct PdfCol {
  const char *title;   /* header text */
  double width;        /* points; columns with 0 share what is left of the content width */
  int flags;           /* PDF_RIGHT for numbers, PDF_CENTER, PDF_MONO… (applies to the cells) */
} PdfCol;
/* A table at the cursor across the content width: a bold shaded header row, then nrows rows
** of ncols cells (cells[r*ncols + c], NULL prints nothing), each row as tall as its tallest
** wrapped cell, with grid lines. Breaks pages between rows and repeats the header on each
** new page. The cursor moves below the table. Returns the number of pages it touched. */
int pdf_table(Pdf *p, const PdfCol *cols, int ncols, const char *const *cells, int nrows, double size);

#endif
