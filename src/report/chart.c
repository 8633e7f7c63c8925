/*
** chart.c — bar and column charts as inline SVG. Text goes through the
** escaping printf (%h); sizes are in the SVG's own units, scaled by CSS.
*/
#include "chart.h"
#include <string.h>

#define FONT "font-family=\"DejaVu Sans, sans-serif\""

/* The value's label: its text, or the number. */
static void value_text(Buf *b, const ChartBar *x){
  if( x->text ) buf_printf(b, "%h", x->text);
  else buf_printf(b, "%.0f", x->value);
}

/* Horizontal bars with an optional reference line. */
void chart_hbar(Buf *b, const char *title, const ChartBar *bars, int n, double max, double mark){
  const double W = 640, label_w = 220, bar_h = 18, gap = 8, top = 30;
  double plot = W - label_w - 70;
  if( max <= 0 ) for(int i=0; i<n; i++) if( bars[i].value > max ) max = bars[i].value;
  if( max <= 0 ) max = 1;
  double H = top + n*(bar_h + gap) + 10;
  buf_printf(b, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" " FONT ">"
                "<title>%h</title>", W, H, title);
  buf_printf(b, "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">%h</text>", title);
  for(int i=0; i<n; i++){
    double y = top + i*(bar_h + gap);
    double w = bars[i].value / max * plot;
    if( w < 0 ) w = 0;
    if( w > plot ) w = plot;
    buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%h</text>",
               label_w - 6, y + bar_h*0.72, bars[i].label ? bars[i].label : "");
    buf_printf(b, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%R\"/>",
               label_w, y, w, bar_h, bars[i].bad ? "#c0392b" : "#2e6da4");
    buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">", label_w + w + 4, y + bar_h*0.72);
    value_text(b, &bars[i]);
    buf_puts(b, "</text>");
  }
  if( mark >= 0 && mark <= max ){
    double x = label_w + mark / max * plot;
    buf_printf(b, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>",
               x, top - 6, x, H - 6);
  }
  buf_puts(b, "</svg>");
}

/* Vertical columns, labels thinned to about 12. */
void chart_columns(Buf *b, const char *title, const ChartBar *bars, int n){
  const double W = 640, H = 240, left = 40, bottom = 40, top = 30;
  double plot_w = W - left - 10, plot_h = H - top - bottom;
  double max = 0;
  for(int i=0; i<n; i++) if( bars[i].value > max ) max = bars[i].value;
  if( max <= 0 ) max = 1;
  buf_printf(b, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" " FONT ">"
                "<title>%h</title>", W, H, title);
  buf_printf(b, "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">%h</text>", title);
  buf_printf(b, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#999\"/>", left, H - bottom, W - 10, H - bottom);
  buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">%.0f</text>", left - 4, top + 4, max);
  buf_printf(b, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">0</text>", left - 4, H - bottom);
  if( n<=0 ){ buf_puts(b, "</svg>"); return; }
  double step = plot_w / n, bw = step * 0.7;
  int every = n > 12 ? (n + 11) / 12 : 1;
  for(int i=0; i<n; i++){
    double h = bars[i].value / max * plot_h;
    double x = left + i*step + (step - bw)/2;
    buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%R\"><title>%h: ",
               x, H - bottom - h, bw, h, bars[i].bad ? "#c0392b" : "#2e6da4", bars[i].label ? bars[i].label : "");
    value_text(b, &bars[i]);
    buf_puts(b, "</title></rect>");
    if( i % every == 0 ){
      buf_printf(b, "<text x=\"%.1f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"middle\">%h</text>",
                 x + bw/2, H - bottom + 14, bars[i].label ? bars[i].label : "");
    }
    if( n <= 31 && bars[i].value > 0 ){
      buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">", x + bw/2, H - bottom - h - 3);
      value_text(b, &bars[i]);
      buf_puts(b, "</text>");
    }
  }
  buf_puts(b, "</svg>");
}
