/*
** pdf.c — A4 documents with cairo's PDF surface written into a Buf, text laid
** out by pango (DejaVu at 72 dpi, so a font size is in points like the page),
** QR codes from libqrencode drawn as filled modules.
*/
#include "pdf.h"
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#define A4_W 595.2756   /* 210 mm */
#define A4_H 841.8898   /* 297 mm */
#define MARGIN PDF_MM(15)
#define FOOT_SIZE 7.5

struct Pdf {
  Buf *out;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *pc;
  PangoLayout *layout;
  double w, h;          /* page size */
  double y;             /* the flowing cursor */
  int page;             /* 1-based */
  uint32_t color;
  char *footer;
};

/* cairo's stream writer: append to the document's Buf. */
static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int n){
  buf_append((Buf*)closure, data, n);
  return CAIRO_STATUS_SUCCESS;
}

/* Set the cairo source colour from 0xRRGGBB. */
static void set_rgb(cairo_t *cr, uint32_t rgb){
  cairo_set_source_rgb(cr, ((rgb>>16)&0xff)/255.0, ((rgb>>8)&0xff)/255.0, (rgb&0xff)/255.0);
}

/* A new A4 document with its first page. */
Pdf *pdf_new(Buf *out, int orientation, const char *title){
  Pdf *p = xcalloc(1, sizeof *p);
  p->out = out;
  p->w = orientation==PDF_LANDSCAPE ? A4_H : A4_W;
  p->h = orientation==PDF_LANDSCAPE ? A4_W : A4_H;
  p->surface = cairo_pdf_surface_create_for_stream(pdf_write, out, p->w, p->h);
  if( title && *title ) cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "Loket " LOKET_VERSION);
  p->cr = cairo_create(p->surface);
  p->pc = pango_cairo_create_context(p->cr);
  pango_cairo_context_set_resolution(p->pc, 72.0);
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(p->pc, fo);
  cairo_font_options_destroy(fo);
  p->layout = pango_layout_new(p->pc);
  p->page = 1;
  p->y = MARGIN;
  return p;
}

/* Print the foot line of the current page, when one is set. */
static void pdf_draw_footer(Pdf *p){
  if( p->footer==0 ) return;
  uint32_t keep = p->color;
  pdf_color(p, 0x555555);
  double y = p->h - MARGIN + PDF_MM(4);
  double cw = pdf_content_width(p);
  char no[32];
  snprintf(no, sizeof no, "%d", p->page);
  pdf_text(p, MARGIN, y, cw*0.8, FOOT_SIZE, PDF_NOWRAP, p->footer);
  pdf_text(p, MARGIN, y, cw, FOOT_SIZE, PDF_RIGHT, no);
  pdf_color(p, keep);
}

/* Finish the document into its Buf and free everything. */
int pdf_finish(Pdf *p){
  if( p==0 ) return ERR_INVALID;
  pdf_draw_footer(p);
  g_object_unref(p->layout);
  g_object_unref(p->pc);
  cairo_destroy(p->cr);
  cairo_surface_finish(p->surface);
  int rc = cairo_surface_status(p->surface)==CAIRO_STATUS_SUCCESS ? OK : ERR_IO;
  cairo_surface_destroy(p->surface);
  free(p->footer);
  free(p);
  return rc;
}

/* Page width in points. */
double pdf_page_width(const Pdf *p){ return p->w; }
/* Page height in points. */
double pdf_page_height(const Pdf *p){ return p->h; }
/* The left margin's x. */
double pdf_left(const Pdf *p){ UNUSED(p); return MARGIN; }
/* The top margin's y. */
double pdf_top(const Pdf *p){ UNUSED(p); return MARGIN; }
/* The lowest y content may reach (above the foot line). */
double pdf_bottom(const Pdf *p){ return p->h - MARGIN; }
/* Width between the margins. */
double pdf_content_width(const Pdf *p){ return p->w - 2*MARGIN; }

/* Finish the page and start the next. */
void pdf_page(Pdf *p){
  pdf_draw_footer(p);
  cairo_show_page(p->cr);
  p->page++;
  p->y = MARGIN;
}

/* The current page number. */
int pdf_page_no(const Pdf *p){ return p->page; }

/* Set (or clear) the foot line. */
void pdf_footer(Pdf *p, const char *text){
  free(p->footer);
  p->footer = text ? xstrdup(text) : 0;
}

/* The cursor's y. */
double pdf_y(const Pdf *p){ return p->y; }
/* Move the cursor. */
void pdf_set_y(Pdf *p, double y){ p->y = y; }
/* A new page when h does not fit below the cursor. */
void pdf_need(Pdf *p, double h){
  if( p->y + h > pdf_bottom(p) && p->y > MARGIN ) pdf_page(p);
}

/* Colour for what is drawn next. */
void pdf_color(Pdf *p, uint32_t rgb){ p->color = rgb; }

/* Prepare the shared layout for text at size with flags, wrapped at w. */
static void layout_set(Pdf *p, double w, double size, int flags, const char *text){
  PangoFontDescription *fd = pango_font_description_new();
  pango_font_description_set_family(fd, (flags & PDF_MONO) ? "DejaVu Sans Mono" : "DejaVu Sans");
  pango_font_description_set_weight(fd, (flags & PDF_BOLD) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(fd, (flags & PDF_ITALIC) ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_size(fd, (int)(size * PANGO_SCALE + 0.5));
  pango_layout_set_font_description(p->layout, fd);
  pango_font_description_free(fd);
  pango_layout_set_width(p->layout, w > 0 ? (int)(w * PANGO_SCALE) : -1);
  pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize(p->layout, (flags & PDF_NOWRAP) && w > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment(p->layout, (flags & PDF_RIGHT) ? PANGO_ALIGN_RIGHT
                                        : (flags & PDF_CENTER) ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_set_text(p->layout, text ? text : "", -1);
}

/* Height of the laid-out text in points. */
static double layout_height(Pdf *p){
  int lw, lh;
  pango_layout_get_size(p->layout, &lw, &lh);
  return (double)lh / PANGO_SCALE;
}

/* Draw wrapped text with its top at (x, y); its height. */
double pdf_text(Pdf *p, double x, double y, double w, double size, int flags, const char *text){
  if( text==0 || *text==0 ) return 0;
  layout_set(p, w, size, flags, text);
  cairo_save(p->cr);
  set_rgb(p->cr, p->color);
  cairo_move_to(p->cr, x, y);
  pango_cairo_show_layout(p->cr, p->layout);
  cairo_restore(p->cr);
  return layout_height(p);
}

/* Height text would take, not drawn. */
double pdf_text_height(Pdf *p, double w, double size, int flags, const char *text){
  if( text==0 || *text==0 ) return 0;
  layout_set(p, w, size, flags, text);
  return layout_height(p);
}

/* Width of one unwrapped line. */
double pdf_text_width(Pdf *p, double size, int flags, const char *text){
  if( text==0 || *text==0 ) return 0;
  layout_set(p, -1, size, flags & ~(PDF_RIGHT|PDF_CENTER|PDF_NOWRAP), text);
  int lw, lh;
  pango_layout_get_size(p->layout, &lw, &lh);
  return (double)lw / PANGO_SCALE;
}

/* A paragraph at the cursor across the content width. */
double pdf_para(Pdf *p, double size, int flags, const char *text){
  double w = pdf_content_width(p);
  double h = pdf_text_height(p, w, size, flags, text);
  pdf_need(p, h);
  pdf_text(p, MARGIN, p->y, w, size, flags, text);
  p->y += h + size/2;
  return h;
}

/* A straight line. */
void pdf_line(Pdf *p, double x1, double y1, double x2, double y2, double lw){
  cairo_save(p->cr);
  set_rgb(p->cr, p->color);
  cairo_set_line_width(p->cr, lw);
  cairo_move_to(p->cr, x1, y1);
  cairo_line_to(p->cr, x2, y2);
  cairo_stroke(p->cr);
  cairo_restore(p->cr);
}

/* Fill and/or stroke the current path (fill PDF_NOFILL: none; lw 0: no outline), then drop it. */
static void paint_path(Pdf *p, double lw, uint32_t fill){
  if( fill!=PDF_NOFILL ){
    set_rgb(p->cr, fill);
    if( lw > 0 ) cairo_fill_preserve(p->cr); else cairo_fill(p->cr);
  }
  if( lw > 0 ){
    set_rgb(p->cr, p->color);
    cairo_set_line_width(p->cr, lw);
    cairo_stroke(p->cr);
  }
  cairo_new_path(p->cr);
}

/* A rectangle, filled and/or outlined. */
void pdf_rect(Pdf *p, double x, double y, double w, double h, double lw, uint32_t fill){
  cairo_save(p->cr);
  cairo_rectangle(p->cr, x, y, w, h);
  paint_path(p, lw, fill);
  cairo_restore(p->cr);
}

/* An ellipse. */
void pdf_ellipse(Pdf *p, double cx, double cy, double rx, double ry, double lw, uint32_t fill){
  if( rx <= 0 || ry <= 0 ) return;
  cairo_new_path(p->cr);
  cairo_save(p->cr);
  cairo_translate(p->cr, cx, cy);
  cairo_scale(p->cr, rx, ry);
  cairo_arc(p->cr, 0, 0, 1, 0, 2*G_PI);
  cairo_restore(p->cr);
  cairo_save(p->cr);
  paint_path(p, lw, fill);
  cairo_restore(p->cr);
}

/* A closed polygon. */
void pdf_polygon(Pdf *p, const double *xy, int n, double lw, uint32_t fill){
  if( n < 2 ) return;
  cairo_save(p->cr);
  cairo_move_to(p->cr, xy[0], xy[1]);
  for(int i=1; i<n; i++) cairo_line_to(p->cr, xy[2*i], xy[2*i+1]);
  cairo_close_path(p->cr);
  paint_path(p, lw, fill);
  cairo_restore(p->cr);
}

/* A square root by Newton's method (the link line has no libm). */
static double root(double v){
  if( v <= 0 ) return 0;
  double x = v > 1 ? v : 1;
  for(int i=0; i<40; i++) x = 0.5*(x + v/x);
  return x;
}

/* An open polyline, with an arrowhead at its end when asked. */
void pdf_polyline(Pdf *p, const double *xy, int n, double lw, int arrow){
  if( n < 2 ) return;
  cairo_save(p->cr);
  set_rgb(p->cr, p->color);
  cairo_set_line_width(p->cr, lw);
  cairo_move_to(p->cr, xy[0], xy[1]);
  for(int i=1; i<n; i++) cairo_line_to(p->cr, xy[2*i], xy[2*i+1]);
  cairo_stroke(p->cr);
  if( arrow ){
    double x1 = xy[2*n-4], y1 = xy[2*n-3], x2 = xy[2*n-2], y2 = xy[2*n-1];
    double dx = x2 - x1, dy = y2 - y1, len = root(dx*dx + dy*dy);
    if( len > 0 ){
      dx /= len; dy /= len;
      double s = 3 + 2*lw;
      cairo_move_to(p->cr, x2, y2);
      cairo_line_to(p->cr, x2 - dx*s*1.6 - dy*s*0.7, y2 - dy*s*1.6 + dx*s*0.7);
      cairo_line_to(p->cr, x2 - dx*s*1.6 + dy*s*0.7, y2 - dy*s*1.6 - dx*s*0.7);
      cairo_close_path(p->cr);
      cairo_fill(p->cr);
    }
  }
  cairo_restore(p->cr);
}

/* A QR code with a quiet zone of 2 modules inside the square. */
int pdf_qr(Pdf *p, double x, double y, double side, const char *text){
  if( text==0 || *text==0 ) return ERR_INVALID;
  QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
  if( q==0 ) return ERR_INVALID;
  int n = q->width;
  double m = side / (n + 4);
  cairo_save(p->cr);
  cairo_set_source_rgb(p->cr, 1, 1, 1);
  cairo_rectangle(p->cr, x, y, side, side);
  cairo_fill(p->cr);
  cairo_set_source_rgb(p->cr, 0, 0, 0);
  for(int r=0; r<n; r++){
    int c = 0;
    while( c<n ){
      if( !(q->data[r*n + c] & 1) ){ c++; continue; }
      int c0 = c;
      while( c<n && (q->data[r*n + c] & 1) ) c++;
      cairo_rectangle(p->cr, x + (c0+2)*m, y + (r+2)*m, (c-c0)*m, m);
    }
  }
  cairo_fill(p->cr);
  cairo_restore(p->cr);
  QRcode_free(q);
  return OK;
}

typedef struct PngSrc { const unsigned char *p; size_t n, at; } PngSrc;
/* cairo's PNG reader from memory. */
static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int len){
  PngSrc *s = closure;
  if( s->at + len > s->n ) return CAIRO_STATUS_READ_ERROR;
  memcpy(data, s->p + s->at, len);
  s->at += len;
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG scaled to fit the box, centred in it. */
int pdf_png(Pdf *p, double x, double y, double w, double h, const void *png, size_t n){
  static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  if( png==0 || n<8 || memcmp(png, sig, 8)!=0 ) return ERR_INVALID;
  PngSrc s = { png, n, 0 };
  cairo_surface_t *img = cairo_image_surface_create_from_png_stream(png_read, &s);
  if( cairo_surface_status(img)!=CAIRO_STATUS_SUCCESS ){
    cairo_surface_destroy(img);
    return ERR_INVALID;
  }
  double iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
  double k = w/iw < h/ih ? w/iw : h/ih;
  cairo_save(p->cr);
  cairo_translate(p->cr, x + (w - iw*k)/2, y + (h - ih*k)/2);
  cairo_scale(p->cr, k, k);
  cairo_set_source_surface(p->cr, img, 0, 0);
  cairo_paint(p->cr);
  cairo_restore(p->cr);
  cairo_surface_destroy(img);
  return OK;
}

#define CELL_PAD 3.0

/* Draw the header row of a table at the cursor; the cursor moves below it. */
static void table_header(Pdf *p, const PdfCol *cols, const double *w, int ncols, double size){
  double h = 0;
  for(int c=0; c<ncols; c++){
    double t = pdf_text_height(p, w[c] - 2*CELL_PAD, size, PDF_BOLD, cols[c].title);
    if( t > h ) h = t;
  }
  h += 2*CELL_PAD;
  double x = MARGIN;
  for(int c=0; c<ncols; c++){
    pdf_rect(p, x, p->y, w[c], h, 0.5, 0xE6E6E6);
    pdf_text(p, x + CELL_PAD, p->y + CELL_PAD, w[c] - 2*CELL_PAD, size, PDF_BOLD | (cols[c].flags & (PDF_RIGHT|PDF_CENTER)), cols[c].title);
    x += w[c];
  }
  p->y += h;
}

/* The narrowest a column may be: its header's longest word in bold fits on a line (a header
** wraps between its words, never inside one: "Lang-kah" is not read as a word). */
static double header_min_width(Pdf *p, const char *title, double size){
  double m = 4;
  char word[256];
  for(const char *z = title ? title : ""; *z; ){
    while( *z==' ' ) z++;
    size_t n = strcspn(z, " ");
    if( n==0 ) break;
    if( n >= sizeof word ) n = sizeof word - 1;
    memcpy(word, z, n);
    word[n] = 0;
    double t = pdf_text_width(p, size, PDF_BOLD, word);
    if( t > m ) m = t;
    z += n;
  }
  return m + 2*CELL_PAD + 1;
}

/* The narrowest a PDF_WHOLE column may be: its widest cell on one line (a duration split after
** its minutes reads as two), no wider than a third of the content width. */
static double cells_min_width(Pdf *p, const PdfCol *col, int c, int ncols, const char *const *cells, int nrows,
                              double size){
  double m = 0;
  for(int r=0; r<nrows; r++){
    const char *z = cells[r*ncols + c];
    if( z==0 || *z==0 ) continue;
    double t = pdf_text_width(p, size, col->flags, z);
    if( t > m ) m = t;
  }
  m += 2*CELL_PAD + 1;
  double most = pdf_content_width(p)/3;
  return m < most ? m : most;
}

/* The widths of a table's columns: the fixed ones as asked, the free ones sharing the rest;
** each at least its header's longest word (a PDF_WHOLE one its widest cell), the free ones
** giving up what the fixed ones took. */
static void table_widths(Pdf *p, const PdfCol *cols, int ncols, const char *const *cells, int nrows, double size,
                         double *w){
  double fixed = 0;
  int nfree = 0;
  for(int c=0; c<ncols; c++){
    double m = header_min_width(p, cols[c].title, size);
    if( cols[c].flags & PDF_WHOLE ){
      double k = cells_min_width(p, &cols[c], c, ncols, cells, nrows, size);
      if( k > m ) m = k;
    }
    if( cols[c].width > 0 ){ w[c] = cols[c].width > m ? cols[c].width : m; fixed += w[c]; }
    else{ w[c] = -m; nfree++; }   /* negative: still to share out */
  }
  double rest = pdf_content_width(p) - fixed;
  /* the free columns share the rest; one whose share is under its minimum keeps its minimum
  ** and the others share what is left */
  int left = nfree;
  for(int pass=0; pass<ncols && left>0; pass++){
    int changed = 0;
    for(int c=0; c<ncols; c++){
      if( cols[c].width > 0 || w[c] >= 0 ) continue;
      if( -w[c] > rest/left ){ w[c] = -w[c]; rest -= w[c]; left--; changed = 1; }
    }
    if( !changed ) break;
  }
  for(int c=0; c<ncols; c++){
    if( cols[c].width <= 0 && w[c] < 0 ) w[c] = rest/left > -w[c] ? rest/left : -w[c];
  }
}

/* A table at the cursor, broken across pages with its header repeated. */
int pdf_table(Pdf *p, const PdfCol *cols, int ncols, const char *const *cells, int nrows, double size){
  if( ncols<=0 ) return 0;
  double *w = xcalloc((size_t)ncols, sizeof *w);
  table_widths(p, cols, ncols, cells, nrows, size, w);
  pdf_need(p, 3*size + 4*CELL_PAD);
  int first = p->page;
  table_header(p, cols, w, ncols, size);
  for(int r=0; r<nrows; r++){
    double h = 0;
    for(int c=0; c<ncols; c++){
      double t = pdf_text_height(p, w[c] - 2*CELL_PAD, size, cols[c].flags, cells[r*ncols + c]);
      if( t > h ) h = t;
    }
    if( h < size ) h = size*1.2;
    h += 2*CELL_PAD;
    if( p->y + h > pdf_bottom(p) && r>0 ){
      pdf_page(p);
      table_header(p, cols, w, ncols, size);
    }
    double x = MARGIN;
    for(int c=0; c<ncols; c++){
      pdf_rect(p, x, p->y, w[c], h, 0.5, PDF_NOFILL);
      pdf_text(p, x + CELL_PAD, p->y + CELL_PAD, w[c] - 2*CELL_PAD, size, cols[c].flags, cells[r*ncols + c]);
      x += w[c];
    }
    p->y += h;
  }
  p->y += size;
  free(w);
  return p->page - first + 1;
}
