/*
** swimlane.c — the flow table of a procedure. One layout (columns, rows, the
** shapes in their lanes, the arrows as orthogonal polylines) is computed from
** the Procedure, then drawn twice: as SVG (one image) and through pdf.h on A4
** landscape pages. Text is wrapped here by an estimate of DejaVu Sans's width
** so both drawings break lines alike.
**
** Arrows: to the next row they leave a shape at the bottom and enter the next
** shape at the top; any other jump (a branch ahead, a loop back) runs in its
** own channel of the gutter right of the lanes and enters the target shape
** from the right. A branch to the end finishes in a small end oval.
*/
#include "swimlane.h"
#include "pdf.h"
#include "../sop/role.h"
#include <stdio.h>
#include <string.h>

#define FS 6.5            /* text size of the table */
#define LH 8.0            /* its line height */
#define PAD 3.0
#define MIN_ROW 40.0
#define CHAN 7.0          /* room per gutter channel */
#define MAX_LANES 16       /* one lane for every actor a step may name (15 roles and requester): a 13th
                             actor drawn in the 12th's lane put its steps under another role */

enum { SH_OVAL, SH_BOX, SH_DIAMOND };
enum { E_NEXT, E_YES, E_NO };

typedef struct Lines { const char **v; int n; } Lines;

typedef struct Row {
  const Step *s;
  double y, h;
  Lines no, act, items, time, out;
  int lane0, lane1, shape;
  double cx, cy, hw, hh;            /* the shape's centre and half sizes */
} Row;

typedef struct Edge {
  int from, to;                     /* row indexes; to -1: the end */
  int kind;                         /* E_NEXT, E_YES, E_NO */
  int channel;                      /* -1: straight to the next row */
  int bottom;                       /* leaves the shape at the bottom (else the right) */
  double pts[16];                   /* the polyline in layout coordinates */
  int npts;
  double endx, endy;                /* to the end: the end oval's centre */
} Edge;

typedef struct Layout {
  Arena a;
  const Procedure *p;
  const char *lang;
  const char *lanes[MAX_LANES];
  Lines lane_label[MAX_LANES];
  int nlanes;
  double x_no, w_no, x_act, w_act, x_lane, w_lane, x_gut, w_gut, x_items, w_items, x_time, w_time, x_out, w_out;
  double width, head_y, head_h1, head_h2, rows_y, height;
  Row *rows;
  int nrows;
  Edge *edges;
  int nedges, cap_edges, nchannels;
} Layout;

/* A msgid in the drawing's language. */
static const char *tr(const Layout *L, const char *msgid){
  return i18n_get(L->lang, msgid);
}

/* Wrap text into lines of at most width points at size (an estimate of the glyph widths). */
static Lines wrap(Arena *a, const char *text, double width, double size){
  Lines l = {0, 0};
  int cap = 0;
  int maxc = (int)(width / (size * 0.56));
  if( maxc < 3 ) maxc = 3;
  const char *p = text ? text : "";
  while( *p ){
    if( *p=='\n' ){ p++; continue; }
    /* count characters (not bytes) up to maxc or a newline */
    const char *q = p, *cut = 0;
    int chars = 0;
    while( *q && *q!='\n' && chars < maxc ){
      if( *q==' ' ) cut = q;
      q++;
      while( ((unsigned char)*q & 0xC0)==0x80 ) q++;
      chars++;
    }
    const char *end = q;
    if( *q && *q!='\n' && cut && cut > p ) end = cut;
    l.v = arena_grow(a, l.v, sizeof *l.v, l.n, &cap);
    l.v[l.n++] = arena_strndup(a, p, (size_t)(end - p));
    p = end;
    while( *p==' ' ) p++;
  }
  return l;
}

/* The lane of an actor, added when new. */
static int lane_of(Layout *L, const char *actor){
  for(int i=0; i<L->nlanes; i++) if( strcmp(L->lanes[i], actor)==0 ) return i;
  if( L->nlanes >= MAX_LANES ) return L->nlanes - 1;
  L->lanes[L->nlanes] = actor;
  return L->nlanes++;
}

/* An actor's name in words. */
static const char *actor_label(const Layout *L, const char *actor){
  int r = role_index(actor);
  return r >= 0 ? tr(L, role_label(r)) : tr(L, N_("Requester"));
}

/* The row index of step number no, or -1. */
static int row_of(const Layout *L, int no){
  for(int i=0; i<L->nrows; i++) if( L->rows[i].s->no==no ) return i;
  return -1;
}

/* Add an arrow. */
static void edge_add(Layout *L, int from, int to, int kind){
  L->edges = arena_grow(&L->a, L->edges, sizeof *L->edges, L->nedges, &L->cap_edges);
  Edge *e = &L->edges[L->nedges++];
  memset(e, 0, sizeof *e);
  e->from = from;
  e->to = to;
  e->kind = kind;
  e->channel = -1;
}

/* Put a point on an edge's polyline. */
static void pt(Edge *e, double x, double y){
  if( e->npts < 8 ){ e->pts[2*e->npts] = x; e->pts[2*e->npts+1] = y; e->npts++; }
}

/* Compute the whole layout for a content width. */
static void layout(Layout *L, const Procedure *p, const char *lang, double width){
  memset(L, 0, sizeof *L);
  arena_init(&L->a);
  L->p = p;
  L->lang = lang && strcmp(lang, "en")==0 ? "en" : "id";
  int en = strcmp(L->lang, "en")==0;
  for(int i=0; i<p->nsteps; i++){
    const Step *s = &p->steps[i];
    for(int k=0; k<s->actors.n; k++) lane_of(L, s->actors.v[k]);
  }
  if( L->nlanes==0 ) lane_of(L, "requester");
  L->rows = arena_alloc(&L->a, sizeof *L->rows * (size_t)(p->nsteps + 1));
  L->nrows = p->nsteps;
  for(int i=0; i<p->nsteps; i++) L->rows[i].s = &p->steps[i];
  /* the arrows, and the channels of the jumps */
  for(int i=0; i<L->nrows; i++){
    const Step *s = L->rows[i].s;
    if( s->question ){
      const int to[2] = { s->yes_to, s->no_to }, kind[2] = { E_YES, E_NO };
      for(int k=0; k<2; k++){
        if( to[k]==STEP_BACK ){   /* back to the step that led here: an arrow to each that may have */
          int from[64];
          int nb = procedure_back_targets(p, s, from, (int)COUNT(from));
          for(int b=0; b<nb; b++) edge_add(L, i, row_of(L, from[b]), kind[k]);
        }else edge_add(L, i, to[k]==STEP_END ? -1 : row_of(L, to[k]), kind[k]);
      }
    }else{
      int to = procedure_next(p, s);
      if( to!=STEP_END ) edge_add(L, i, row_of(L, to), E_NEXT);
    }
  }
  /* one arrow per shape may go straight down to the next row; the others take a channel:
  ** the first of a decision's two leaves at the bottom, the other at the right */
  for(int k=0; k<L->nedges; k++){
    Edge *e = &L->edges[k];
    if( e->to < 0 ) continue;
    int down_taken = 0, before = 0;
    for(int j=0; j<k; j++){
      if( L->edges[j].from!=e->from ) continue;
      before++;
      if( L->edges[j].to>=0 && L->edges[j].channel<0 ) down_taken = 1;
      if( L->edges[j].bottom ) down_taken = 1;
    }
    if( e->to == e->from + 1 && !down_taken ){ e->bottom = 1; continue; }
    e->channel = L->nchannels++;
    int later_down = 0;
    for(int j=k+1; j<L->nedges; j++) if( L->edges[j].from==e->from && L->edges[j].to==e->from+1 ) later_down = 1;
    e->bottom = !down_taken && !later_down && before==0 && L->rows[e->from].s->question!=0;
  }
  /* columns */
  L->w_no = 16; L->w_act = 160; L->w_items = 138; L->w_time = 52; L->w_out = 92;
  L->w_gut = 8 + CHAN * L->nchannels;
  double fixed = L->w_no + L->w_act + L->w_items + L->w_time + L->w_out + L->w_gut;
  L->w_lane = (width - fixed) / L->nlanes;
  if( L->w_lane < 40 ){   /* many actors: the text columns narrow first, then the lanes, so the drawing keeps to
                          ** the page (at 40 a lane, eight of them ran past the PDF's right edge) */
    L->w_act = 100; L->w_items = 90; L->w_out = 70;
    fixed = L->w_no + L->w_act + L->w_items + L->w_time + L->w_out + L->w_gut;
    L->w_lane = (width - fixed) / L->nlanes;
    if( L->w_lane > 40 ) L->w_lane = 40;
    if( L->w_lane < 24 ) L->w_lane = 24;
  }
  if( L->w_lane > 70 ) L->w_lane = 70;
  L->x_no = 0;
  L->x_act = L->x_no + L->w_no;
  L->x_lane = L->x_act + L->w_act;
  L->x_gut = L->x_lane + L->w_lane * L->nlanes;
  L->x_items = L->x_gut + L->w_gut;
  L->x_time = L->x_items + L->w_items;
  L->x_out = L->x_time + L->w_time;
  L->width = L->x_out + L->w_out;
  /* the header: group names, then the lanes and the mutu baku columns */
  double h2 = 2*LH;
  for(int i=0; i<L->nlanes; i++){
    L->lane_label[i] = wrap(&L->a, actor_label(L, L->lanes[i]), L->w_lane - 2*PAD - 4, FS*1.1);  /* bold is wider */
    if( L->lane_label[i].n*LH > h2 ) h2 = L->lane_label[i].n*LH;
  }
  L->head_y = 0;
  L->head_h1 = LH + 2*PAD;
  L->head_h2 = h2 + 2*PAD;
  L->rows_y = L->head_h1 + L->head_h2;
  /* rows */
  double y = L->rows_y;
  for(int i=0; i<L->nrows; i++){
    Row *r = &L->rows[i];
    const Step *s = r->s;
    char std[128];
    sop_standard_text(&s->std, L->lang, std, sizeof std);
    Buf items = BUF_INIT;
    for(int k=0; k<s->items.n; k++) buf_printf(&items, "%s• %s", k ? "\n" : "", s->items.v[k]);
    const char *act = en && s->text_en ? s->text_en : s->text;
    r->no = wrap(&L->a, arena_printf(&L->a, "%d", s->no), L->w_no - 2*PAD, FS);
    r->act = wrap(&L->a, act, L->w_act - 2*PAD, FS);
    r->items = wrap(&L->a, buf_str(&items), L->w_items - 2*PAD, FS);
    r->time = wrap(&L->a, s->std.kind==STD_NONE ? "—" : std, L->w_time - 2*PAD, FS);
    r->out = wrap(&L->a, s->output ? s->output : "", L->w_out - 2*PAD, FS);
    buf_free(&items);
    int n = r->act.n;
    if( r->items.n > n ) n = r->items.n;
    if( r->time.n > n ) n = r->time.n;
    if( r->out.n > n ) n = r->out.n;
    r->h = n*LH + 2*PAD;
    if( r->h < MIN_ROW ) r->h = MIN_ROW;
    r->y = y;
    y += r->h;
    /* the shape: in the lanes of its actors */
    r->lane0 = MAX_LANES; r->lane1 = -1;
    for(int k=0; k<s->actors.n; k++){
      int l = lane_of(L, s->actors.v[k]);
      if( l < r->lane0 ) r->lane0 = l;
      if( l > r->lane1 ) r->lane1 = l;
    }
    if( r->lane1 < 0 ){ r->lane0 = r->lane1 = 0; }
    int terminal = !s->question && procedure_next(p, s)==STEP_END;
    r->shape = s->question ? SH_DIAMOND : (i==0 || terminal || s->outside) ? SH_OVAL : SH_BOX;
    double x0 = L->x_lane + r->lane0*L->w_lane, x1 = L->x_lane + (r->lane1 + 1)*L->w_lane;
    r->cx = (x0 + x1)/2;
    r->cy = r->y + r->h/2;
    r->hw = (x1 - x0)/2 - 8;
    if( r->shape==SH_DIAMOND ){ r->hw = 17; r->hh = 12; if( r->hw > (x1 - x0)/2 - 1 ) r->hw = (x1 - x0)/2 - 1; }
    else r->hh = 9;
    if( r->hw > 40 && r->lane0==r->lane1 ) r->hw = 40;
  }
  L->height = y;
  /* the arrows' polylines */
  for(int k=0; k<L->nedges; k++){
    Edge *e = &L->edges[k];
    const Row *a = &L->rows[e->from];
    if( e->to < 0 ){
      /* to the end: a short arrow right into a small end oval */
      e->endx = a->cx + a->hw + 24;
      e->endy = a->cy;
      if( e->kind==E_YES ){
        /* when both branches end, "yes" goes down instead */
        int other_end = 0;
        for(int j=0; j<L->nedges; j++) if( j!=k && L->edges[j].from==e->from && L->edges[j].to<0 ) other_end = 1;
        if( other_end ){ e->endx = a->cx; e->endy = a->cy + a->hh + 14; e->bottom = 1; }
      }
      if( e->bottom ){ pt(e, a->cx, a->cy + a->hh); pt(e, e->endx, e->endy - 5); }
      else{ pt(e, a->cx + a->hw, a->cy); pt(e, e->endx - 12, e->endy); }
      continue;
    }
    const Row *b = &L->rows[e->to];
    if( e->channel < 0 ){
      double ymid = b->y + 5;     /* inside the next row, clear of the cell borders */
      pt(e, a->cx, a->cy + a->hh);
      if( a->cx != b->cx ){ pt(e, a->cx, ymid); pt(e, b->cx, ymid); }
      pt(e, b->cx, b->cy - b->hh);
    }else{
      double xc = L->x_gut + 6 + CHAN * e->channel;
      if( e->to == e->from ){
        /* a step that repeats: out at the right, round above, back in at the top */
        double ytop = a->cy - a->hh - 6;
        pt(e, a->cx + a->hw, a->cy);
        pt(e, xc, a->cy);
        pt(e, xc, ytop);
        pt(e, a->cx, ytop);
        pt(e, a->cx, a->cy - a->hh);
        continue;
      }
      if( e->bottom ){
        double ylow = a->y + a->h - 5;
        pt(e, a->cx, a->cy + a->hh);
        pt(e, a->cx, ylow);
        pt(e, xc, ylow);
      }else{
        pt(e, a->cx + a->hw, a->cy);
        pt(e, xc, a->cy);
      }
      double ty = b->cy + (e->to < e->from ? -3 : 3);
      pt(e, xc, ty);
      pt(e, b->cx + b->hw * (b->shape==SH_DIAMOND ? (1 - 3/b->hh) : 1), ty);
    }
  }
}

/* The branch word of an edge ("" for a plain next). */
static const char *edge_word(const Layout *L, const Edge *e){
  return e->kind==E_YES ? tr(L, N_("Yes")) : e->kind==E_NO ? tr(L, N_("No")) : "";
}

/* ---- SVG ---- */

/* Lines of text in a cell, top-left at (x, y). */
static void svg_lines(Buf *b, const Lines *l, double x, double y, int bold){
  if( l->n==0 ) return;
  buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"%R>", x, y + FS, FS, bold ? " font-weight=\"bold\"" : "");
  for(int i=0; i<l->n; i++) buf_printf(b, "<tspan x=\"%.1f\" dy=\"%.1f\">%h</tspan>", x, i ? LH : 0.0, l->v[i]);
  buf_puts(b, "</text>");
}

/* A bordered cell. */
static void svg_cell(Buf *b, double x, double y, double w, double h, const char *fill){
  buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%R\" stroke=\"#555\" stroke-width=\"0.5\"/>",
             x, y, w, h, fill);
}

/* The flow as SVG. */
void swimlane_svg(Buf *b, const Procedure *p, const char *lang){
  Layout L;
  layout(&L, p, lang, 760);
  double top = 34;
  double W = L.width + 2, H = L.height + top + 2;
  buf_printf(b, "<svg class=\"swimlane\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-1 -1 %.0f %.0f\" width=\"%.0f\" "
                "role=\"img\" font-family=\"DejaVu Sans, sans-serif\"><title>%h — %h</title>",
             W, H, W*1.3, p->code, tr(&L, N_("Flow chart")));
  buf_puts(b, "<defs><marker id=\"sl-arrow\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" markerWidth=\"6\" markerHeight=\"6\""
              " orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#222\"/></marker></defs>");
  buf_printf(b, "<text x=\"0\" y=\"11\" font-size=\"10\" font-weight=\"bold\">%h · %h</text>", p->code, p->title);
  buf_printf(b, "<text x=\"0\" y=\"24\" font-size=\"7\">%h%R%h%R%h</text>", p->issuer ? p->issuer : "",
             p->revision ? " · Rev. " : "", p->revision ? p->revision : "", p->effective ? " · " : "", p->effective ? p->effective : "");
  buf_printf(b, "<g transform=\"translate(0 %.0f)\">", top);
  /* header */
  double h1 = L.head_h1, h2 = L.head_h2;
  svg_cell(b, L.x_no, 0, L.w_no, h1 + h2, "#e6e6e6");
  svg_cell(b, L.x_act, 0, L.w_act, h1 + h2, "#e6e6e6");
  svg_cell(b, L.x_lane, 0, L.x_items - L.x_lane, h1, "#e6e6e6");
  svg_cell(b, L.x_items, 0, L.width - L.x_items, h1, "#e6e6e6");
  Lines l;
  l = wrap(&L.a, tr(&L, N_("No.")), L.w_no, FS); svg_lines(b, &l, L.x_no + 2, PAD, 1);
  l = wrap(&L.a, tr(&L, N_("Activity")), L.w_act, FS); svg_lines(b, &l, L.x_act + PAD, PAD, 1);
  l = wrap(&L.a, tr(&L, N_("Executors")), 400, FS); svg_lines(b, &l, L.x_lane + PAD, PAD, 1);
  l = wrap(&L.a, tr(&L, N_("Quality standard (mutu baku)")), 400, FS); svg_lines(b, &l, L.x_items + PAD, PAD, 1);
  for(int i=0; i<L.nlanes; i++){
    svg_cell(b, L.x_lane + i*L.w_lane, h1, L.w_lane, h2, "#e6e6e6");
    svg_lines(b, &L.lane_label[i], L.x_lane + i*L.w_lane + PAD, h1 + PAD, 1);
  }
  svg_cell(b, L.x_gut, h1, L.w_gut, h2, "#e6e6e6");
  static const char *const mb[3] = { N_("Required items"), N_("Time"), N_("Output") };
  double mx[3] = { L.x_items, L.x_time, L.x_out }, mw[3] = { L.w_items, L.w_time, L.w_out };
  for(int i=0; i<3; i++){
    svg_cell(b, mx[i], h1, mw[i], h2, "#e6e6e6");
    l = wrap(&L.a, tr(&L, mb[i]), mw[i] - 2*PAD, FS);
    svg_lines(b, &l, mx[i] + PAD, h1 + PAD, 1);
  }
  /* rows: cells, then the shape */
  for(int i=0; i<L.nrows; i++){
    const Row *r = &L.rows[i];
    svg_cell(b, L.x_no, r->y, L.w_no, r->h, "#fff");
    svg_cell(b, L.x_act, r->y, L.w_act, r->h, "#fff");
    for(int k=0; k<L.nlanes; k++) svg_cell(b, L.x_lane + k*L.w_lane, r->y, L.w_lane, r->h, "#fff");
    svg_cell(b, L.x_gut, r->y, L.w_gut, r->h, "#fff");
    svg_cell(b, L.x_items, r->y, L.w_items, r->h, "#fff");
    svg_cell(b, L.x_time, r->y, L.w_time, r->h, "#fff");
    svg_cell(b, L.x_out, r->y, L.w_out, r->h, "#fff");
    svg_lines(b, &r->no, L.x_no + 2, r->y + PAD, 0);
    svg_lines(b, &r->act, L.x_act + PAD, r->y + PAD, 0);
    svg_lines(b, &r->items, L.x_items + PAD, r->y + PAD, 0);
    svg_lines(b, &r->time, L.x_time + PAD, r->y + PAD, 0);
    svg_lines(b, &r->out, L.x_out + PAD, r->y + PAD, 0);
  }
  for(int i=0; i<L.nrows; i++){
    const Row *r = &L.rows[i];
    const char *kind = r->shape==SH_OVAL ? (i==0 ? "start" : "end") : r->shape==SH_DIAMOND ? "decision" : "process";
    buf_printf(b, "<g class=\"step\" data-step=\"%d\" data-shape=\"%h\">", r->s->no, kind);
    if( r->shape==SH_OVAL ){
      buf_printf(b, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"%.1f\" ry=\"%.1f\" fill=\"#fff\" stroke=\"#222\"/>", r->cx, r->cy, r->hw, r->hh);
    }else if( r->shape==SH_DIAMOND ){
      buf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#fff\" stroke=\"#222\"/>",
                 r->cx, r->cy - r->hh, r->cx + r->hw, r->cy, r->cx, r->cy + r->hh, r->cx - r->hw, r->cy);
    }else{
      buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fff\" stroke=\"#222\"/>",
                 r->cx - r->hw, r->cy - r->hh, 2*r->hw, 2*r->hh);
    }
    buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"7\" text-anchor=\"middle\">%d</text></g>", r->cx, r->cy + 2.5, r->s->no);
  }
  for(int k=0; k<L.nedges; k++){
    const Edge *e = &L.edges[k];
    static const char *const kinds[3] = { "next", "yes", "no" };
    if( e->to < 0 ) buf_printf(b, "<g class=\"edge\" data-from=\"%d\" data-to=\"end\" data-kind=\"%R\">", L.rows[e->from].s->no, kinds[e->kind]);
    else buf_printf(b, "<g class=\"edge\" data-from=\"%d\" data-to=\"%d\" data-kind=\"%R\">", L.rows[e->from].s->no,
                    L.rows[e->to].s->no, kinds[e->kind]);
    buf_puts(b, "<polyline fill=\"none\" stroke=\"#222\" stroke-width=\"0.8\" marker-end=\"url(#sl-arrow)\" points=\"");
    for(int i=0; i<e->npts; i++) buf_printf(b, "%R%.1f,%.1f", i ? " " : "", e->pts[2*i], e->pts[2*i+1]);
    buf_puts(b, "\"/>");
    const char *w = edge_word(&L, e);
    if( *w ){
      double tx = e->pts[0] + (e->bottom || e->channel<0 ? 3 : 4), ty = e->pts[1] + (e->bottom || e->channel<0 ? 8 : -2);
      buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"6\" font-style=\"italic\">%h</text>", tx, ty, w);
    }
    if( e->to < 0 ){
      buf_printf(b, "<ellipse cx=\"%.1f\" cy=\"%.1f\" rx=\"12\" ry=\"5\" fill=\"#fff\" stroke=\"#222\"/>"
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"5\" text-anchor=\"middle\">%h</text>",
                 e->endx, e->endy, e->endx, e->endy + 1.8, tr(&L, N_("End")));
    }
    buf_puts(b, "</g>");
  }
  buf_puts(b, "</g></svg>");
  arena_free(&L.a);
}

/* ---- PDF ---- */

/* Lines of text in a cell. */
static void pdf_lines(Pdf *pdf, const Lines *l, double x, double y, double w, int flags){
  for(int i=0; i<l->n; i++) pdf_text(pdf, x, y + i*LH, w, FS, flags | PDF_NOWRAP, l->v[i]);
}

/* The header of the table at y. */
static double pdf_head(Pdf *pdf, const Layout *L, double ox, double y){
  double h1 = L->head_h1, h2 = L->head_h2;
  pdf_rect(pdf, ox + L->x_no, y, L->w_no, h1 + h2, 0.5, 0xE6E6E6);
  pdf_rect(pdf, ox + L->x_act, y, L->w_act, h1 + h2, 0.5, 0xE6E6E6);
  pdf_rect(pdf, ox + L->x_lane, y, L->x_items - L->x_lane, h1, 0.5, 0xE6E6E6);
  pdf_rect(pdf, ox + L->x_items, y, L->width - L->x_items, h1, 0.5, 0xE6E6E6);
  pdf_text(pdf, ox + L->x_no + 1, y + PAD, L->w_no, FS, PDF_BOLD | PDF_NOWRAP, tr(L, N_("No.")));
  pdf_text(pdf, ox + L->x_act + PAD, y + PAD, L->w_act, FS, PDF_BOLD, tr(L, N_("Activity")));
  pdf_text(pdf, ox + L->x_lane + PAD, y + PAD, 0, FS, PDF_BOLD, tr(L, N_("Executors")));
  pdf_text(pdf, ox + L->x_items + PAD, y + PAD, 0, FS, PDF_BOLD, tr(L, N_("Quality standard (mutu baku)")));
  for(int i=0; i<L->nlanes; i++){
    pdf_rect(pdf, ox + L->x_lane + i*L->w_lane, y + h1, L->w_lane, h2, 0.5, 0xE6E6E6);
    pdf_lines(pdf, &L->lane_label[i], ox + L->x_lane + i*L->w_lane + PAD, y + h1 + PAD, L->w_lane - 2*PAD, PDF_BOLD);
  }
  pdf_rect(pdf, ox + L->x_gut, y + h1, L->w_gut, h2, 0.5, 0xE6E6E6);
  static const char *const mb[3] = { N_("Required items"), N_("Time"), N_("Output") };
  double mx[3] = { L->x_items, L->x_time, L->x_out }, mw[3] = { L->w_items, L->w_time, L->w_out };
  for(int i=0; i<3; i++){
    pdf_rect(pdf, ox + mx[i], y + h1, mw[i], h2, 0.5, 0xE6E6E6);
    pdf_text(pdf, ox + mx[i] + PAD, y + h1 + PAD, mw[i] - 2*PAD, FS, PDF_BOLD, tr(L, mb[i]));
  }
  return h1 + h2;
}

/* A shape at its place, shifted by (ox, dy). */
static void pdf_shape(Pdf *pdf, const Row *r, double ox, double dy){
  double cx = r->cx + ox, cy = r->cy + dy;
  if( r->shape==SH_OVAL ) pdf_ellipse(pdf, cx, cy, r->hw, r->hh, 0.8, 0xFFFFFF);
  else if( r->shape==SH_DIAMOND ){
    double xy[8] = { cx, cy - r->hh, cx + r->hw, cy, cx, cy + r->hh, cx - r->hw, cy };
    pdf_polygon(pdf, xy, 4, 0.8, 0xFFFFFF);
  }else pdf_rect(pdf, cx - r->hw, cy - r->hh, 2*r->hw, 2*r->hh, 0.8, 0xFFFFFF);
  char no[16];
  snprintf(no, sizeof no, "%d", r->s->no);
  pdf_text(pdf, cx - 20, cy - 4, 40, 7, PDF_CENTER, no);
}

/* An off-page connector: a small circle with a step number. */
static void pdf_offpage(Pdf *pdf, double x, double y, int no){
  char z[16];
  snprintf(z, sizeof z, "%d", no);
  pdf_ellipse(pdf, x, y, 6, 6, 0.7, 0xFFFFFF);
  pdf_text(pdf, x - 6, y - 3.5, 12, 5.5, PDF_CENTER, z);
}

/* The flow on A4 landscape pages. */
int swimlane_pdf(Buf *out, const Procedure *p, const char *lang){
  Pdf *pdf = pdf_new(out, PDF_LANDSCAPE, p->code);
  Layout L;
  layout(&L, p, lang, pdf_content_width(pdf));
  pdf_footer(pdf, arena_printf(&L.a, "%s · %s", p->code, tr(&L, N_("Flow chart"))));
  double ox = pdf_left(pdf) + (pdf_content_width(pdf) - L.width)/2;
  if( ox < pdf_left(pdf) ) ox = pdf_left(pdf);
  double y = pdf_top(pdf);
  y += pdf_text(pdf, pdf_left(pdf), y, pdf_content_width(pdf), 11, PDF_BOLD, arena_printf(&L.a, "%s · %s", p->code, p->title)) + 2;
  y += pdf_text(pdf, pdf_left(pdf), y, pdf_content_width(pdf), 7.5, 0,
                arena_printf(&L.a, "%s%s%s%s%s", p->issuer ? p->issuer : "", p->revision ? " · Rev. " : "",
                             p->revision ? p->revision : "", p->effective ? " · " : "", p->effective ? p->effective : "")) + 6;
  /* pages: each row's page and the shift from layout to page coordinates */
  int *page = arena_alloc(&L.a, sizeof *page * (size_t)(L.nrows + 1));
  double *dy = arena_alloc(&L.a, sizeof *dy * (size_t)(L.nrows + 1));
  int pg = 0;
  double head = L.head_h1 + L.head_h2;
  double at = y + head;         /* where the next row goes on this page */
  double page_top = y;
  for(int i=0; i<L.nrows; i++){
    const Row *r = &L.rows[i];
    if( at + r->h > pdf_bottom(pdf) && i > 0 ){
      pg++;
      page_top = pdf_top(pdf);
      at = page_top + head;
    }
    page[i] = pg;
    dy[i] = at - r->y;
    at += r->h;
  }
  (void)page_top;
  /* draw page by page */
  int cur = 0;
  pdf_head(pdf, &L, ox, y);
  for(int i=0; i<L.nrows; i++){
    if( page[i] != cur ){
      pdf_page(pdf);
      cur = page[i];
      pdf_head(pdf, &L, ox, pdf_top(pdf));
    }
    const Row *r = &L.rows[i];
    double ry = r->y + dy[i];
    pdf_rect(pdf, ox + L.x_no, ry, L.w_no, r->h, 0.5, PDF_NOFILL);
    pdf_rect(pdf, ox + L.x_act, ry, L.w_act, r->h, 0.5, PDF_NOFILL);
    for(int k=0; k<L.nlanes; k++) pdf_rect(pdf, ox + L.x_lane + k*L.w_lane, ry, L.w_lane, r->h, 0.5, PDF_NOFILL);
    pdf_rect(pdf, ox + L.x_gut, ry, L.w_gut, r->h, 0.5, PDF_NOFILL);
    pdf_rect(pdf, ox + L.x_items, ry, L.w_items, r->h, 0.5, PDF_NOFILL);
    pdf_rect(pdf, ox + L.x_time, ry, L.w_time, r->h, 0.5, PDF_NOFILL);
    pdf_rect(pdf, ox + L.x_out, ry, L.w_out, r->h, 0.5, PDF_NOFILL);
    pdf_lines(pdf, &r->no, ox + L.x_no + 1, ry + PAD, L.w_no, 0);
    pdf_lines(pdf, &r->act, ox + L.x_act + PAD, ry + PAD, L.w_act - PAD, 0);
    pdf_lines(pdf, &r->items, ox + L.x_items + PAD, ry + PAD, L.w_items - PAD, 0);
    pdf_lines(pdf, &r->time, ox + L.x_time + PAD, ry + PAD, L.w_time - PAD, 0);
    pdf_lines(pdf, &r->out, ox + L.x_out + PAD, ry + PAD, L.w_out - PAD, 0);
    pdf_shape(pdf, r, ox, dy[i]);
    /* the arrows that start here: whole when their target is on this page, else a connector
    ** here; arrows that arrive here from another page get their connector too */
    for(int k=0; k<L.nedges; k++){
      const Edge *e = &L.edges[k];
      double xy[16];
      if( e->from==i && (e->to < 0 || page[e->to]==page[i]) ){
        /* one page: both rows share the shift */
        for(int j=0; j<e->npts; j++){ xy[2*j] = e->pts[2*j] + ox; xy[2*j+1] = e->pts[2*j+1] + dy[i]; }
        pdf_polyline(pdf, xy, e->npts, 0.8, 1);
        const char *w = edge_word(&L, e);
        if( *w ) pdf_text(pdf, xy[0] + 3, xy[1] + (e->bottom || e->channel<0 ? 1 : -8), 0, 5.5, PDF_ITALIC, w);
        if( e->to < 0 ){
          pdf_ellipse(pdf, e->endx + ox, e->endy + dy[i], 12, 5, 0.7, 0xFFFFFF);
          pdf_text(pdf, e->endx + ox - 12, e->endy + dy[i] - 3, 24, 5, PDF_CENTER, tr(&L, N_("End")));
        }
      }else if( e->from==i ){
        const Row *t = &L.rows[e->to];
        double sx = r->cx + ox + (e->bottom ? 0 : r->hw), sy = r->cy + dy[i] + (e->bottom ? r->hh : 0);
        double ex = e->bottom ? sx : sx + 14, ey = e->bottom ? sy + 12 : sy;
        double seg[4] = { sx, sy, ex + (e->bottom ? 0 : -6), ey + (e->bottom ? -6 : 0) };
        pdf_polyline(pdf, seg, 2, 0.8, 1);
        pdf_offpage(pdf, ex, ey, t->s->no);
        const char *w = edge_word(&L, e);
        if( *w ) pdf_text(pdf, sx + 3, sy + (e->bottom ? 1 : -8), 0, 5.5, PDF_ITALIC, w);
      }else if( e->to==i && page[e->from]!=page[i] ){
        const Row *f = &L.rows[e->from];
        double tx = r->cx + ox - r->hw, ty = r->cy + dy[i];
        pdf_offpage(pdf, tx - 16, ty, f->s->no);
        double seg[4] = { tx - 10, ty, tx, ty };
        pdf_polyline(pdf, seg, 2, 0.8, 1);
      }
    }
  }
  arena_free(&L.a);
  return pdf_finish(pdf);
}
