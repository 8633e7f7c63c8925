/*
** forms.c — the registers' printable forms: a heading with the office, the
** form's name and number and a QR code of the number; each field as a labelled
** box (lists one item per line, numbered; a disposition sheet the letter it
** routes first); signature boxes at the foot, with the names when known.
*/
#include "forms.h"
#include "pdf.h"
#include "../sop/role.h"
#include <string.h>

/* The form's heading and the two signature captions, by register (msgids). */
typedef struct FormKind { int reg; const char *heading, *sign_left, *sign_right; } FormKind;
static const FormKind kinds[] = {
  { REG_CONSULTATION, N_("CONSULTATION FORM"), N_("Requester"), N_("Officer") },
  { REG_DISPOSITION,  N_("DISPOSITION SHEET"), N_("Given by"), N_("Received by") },
  { REG_HANDOVER,     N_("DOCUMENT HANDOVER FORM"), N_("Handed over by"), N_("Received by") },
  { REG_AGENDA,       N_("INCOMING LETTER — AGENDA PAGE"), N_("Agenda officer"), N_("Head of the LPSE") },
};

/* The form kind of a register, or NULL. */
static const FormKind *kind_of(int reg){
  for(size_t i=0; i<COUNT(kinds); i++) if( kinds[i].reg==reg ) return &kinds[i];
  return 0;
}

/* 1 when the register has a printable form. */
int form_exists(int register_id){
  return kind_of(register_id)!=0;
}

/* A msgid in the form's language. */
static const char *tr(const FormCtx *c, const char *msgid){
  return i18n_get(c->lang, msgid);
}

/* The text of field i of an entry as printed: times in words, roles by label, users by name, lists numbered. */
static const char *field_text(Arena *a, const Register *g, const RegEntry *w, int i, const FormCtx *c){
  const RegField *f = &g->fields[i];
  if( f->kind==RF_TIME ){
    if( w->t[i]==0 ) return "";
    char *z = arena_alloc(a, 64);
    time_fmt_human(z, 64, w->t[i], c->tz, c->lang);
    return z;
  }
  const char *v = w->v[i] ? w->v[i] : "";
  int64_t day;
  if( f->kind==RF_DATE && time_parse_day(v, "UTC", &day)==OK ){   /* "20 November 2026" */
    char *z = arena_alloc(a, 48);
    time_fmt_date(z, 48, day + 12*3600, "UTC", c->lang);
    return z;
  }
  if( f->kind==RF_ROLE && role_index(v) >= 0 ) return tr(c, role_label(role_index(v)));
  if( f->kind==RF_USER ) return register_text(f, w, i);   /* a person by name, not a username */
  if( f->kind==RF_LONG && strcmp(f->name, "items")==0 ){
    Buf b = BUF_INIT;
    int n = 0;
    for(const char *p = v; *p; ){
      const char *e = strchr(p, '\n');
      size_t len = e ? (size_t)(e - p) : strlen(p);
      while( len && (p[len-1]=='\r' || p[len-1]==' ') ) len--;
      if( len ){ buf_printf(&b, "%s%d. ", n ? "\n" : "", n+1); buf_append(&b, p, len); n++; }
      p = e ? e + 1 : p + strlen(p);
    }
    const char *z = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return z;
  }
  return v;
}

/* One labelled box at *y (moved below it; a new page when it does not fit above the signatures);
** a long field gets room to write by hand. */
static void form_box(Pdf *p, double *y, const char *label, const char *v, int lines){
  double L = pdf_left(p), W = pdf_content_width(p), lw = PDF_MM(45);
  double h = pdf_text_height(p, W - lw - 12, 10, 0, *v ? v : " ");
  double hl = pdf_text_height(p, lw - 8, 9, PDF_BOLD, label);
  if( hl > h ) h = hl;
  if( lines && h < 48 ) h = 48;
  h += 10;
  if( *y + h > pdf_bottom(p) - PDF_MM(40) && *y > pdf_top(p) + 100 ){
    pdf_page(p);
    *y = pdf_top(p);
  }
  pdf_rect(p, L, *y, lw, h, 0.6, 0xF0F0F0);
  pdf_rect(p, L + lw, *y, W - lw, h, 0.6, PDF_NOFILL);
  pdf_text(p, L + 4, *y + 5, lw - 8, 9, PDF_BOLD, label);
  pdf_text(p, L + lw + 6, *y + 5, W - lw - 12, 10, 0, v);
  *y += h;
}

/* The form of one entry. */
int form_pdf(Buf *out, const Register *g, const RegEntry *w, const FormCtx *c){
  const FormKind *k = kind_of(g->id);
  if( k==0 ) return ERR_INVALID;
  Arena a;
  arena_init(&a);
  /* an entry of a register that numbers nothing, or one written before its register was numbered: its id */
  const char *number = g->prefix && w->number && *w->number ? w->number : arena_printf(&a, "#%lld", (long long)w->id);
  Pdf *p = pdf_new(out, PDF_PORTRAIT, arena_printf(&a, "%s %s", tr(c, k->heading), number));
  pdf_footer(p, arena_printf(&a, "Loket · %s · %s %s", c->office, tr(c, "Printed"), c->printed ? c->printed : ""));
  double L = pdf_left(p), W = pdf_content_width(p), qr = PDF_MM(28);
  /* heading: office, form name, number; the QR code of the number at the right */
  double y = pdf_top(p);
  y += pdf_text(p, L, y, W - qr - 10, 11, PDF_BOLD, c->office) + 4;
  y += pdf_text(p, L, y, W - qr - 10, 15, PDF_BOLD, tr(c, k->heading)) + 4;
  y += pdf_text(p, L, y, W - qr - 10, 11, PDF_MONO, arena_printf(&a, "%s: %s", tr(c, "Number"), number));
  pdf_qr(p, L + W - qr, pdf_top(p), qr, number);
  y = pdf_top(p) + qr + 8;
  pdf_line(p, L, y, L + W, y, 1.2);
  y += 10;
  /* a disposition sheet first says the letter it routes (its agenda entry), as the paper sheet does */
  if( g->id==REG_DISPOSITION && c->letter ){
    const Register *ag = register_at(REG_AGENDA);
    for(int i=0; i<ag->nfields; i++){
      if( strcmp(ag->fields[i].name, "case_number") ) form_box(p, &y, tr(c, ag->fields[i].label), field_text(&a, ag, c->letter, i, c), 0);
    }
    y += 8;
  }
  /* the fields as labelled boxes */
  for(int i=0; i<g->nfields; i++){
    form_box(p, &y, tr(c, g->fields[i].label), field_text(&a, g, w, i, c), g->fields[i].kind==RF_LONG);
  }
  y += 6;
  pdf_text(p, L, y, W, 8, PDF_ITALIC, arena_printf(&a, "%s: %s", tr(c, "Recorded by"), register_author(w)));
  /* signatures */
  y += 24;
  if( y + PDF_MM(35) > pdf_bottom(p) ){ pdf_page(p); y = pdf_top(p); }
  double bw = (W - 20) / 2;
  /* under the signature lines: who hands over and receives, who gives and receives the disposition,
  ** who asked and the officer who wrote the consultation, the officer who entered the letter */
  const char *names[2] = { "", "" };
  if( g->id==REG_CONSULTATION || g->id==REG_AGENDA ) names[g->id==REG_CONSULTATION] = register_author(w);
  for(int i=0; i<g->nfields; i++){
    const char *n = g->fields[i].name;
    if( g->id==REG_HANDOVER && strcmp(n, "from_name")==0 ) names[0] = w->v[i];
    if( g->id==REG_HANDOVER && strcmp(n, "to_name")==0 ) names[1] = w->v[i];
    if( g->id==REG_DISPOSITION && strcmp(n, "from_user")==0 ) names[0] = register_text(&g->fields[i], w, i);
    if( g->id==REG_DISPOSITION && strcmp(n, "to_user")==0 ) names[1] = register_text(&g->fields[i], w, i);
    if( g->id==REG_CONSULTATION && strcmp(n, "name")==0 ) names[0] = w->v[i];
  }
  for(int s=0; s<2; s++){
    double x = L + s*(bw + 20);
    pdf_text(p, x, y, bw, 10, PDF_CENTER, tr(c, s==0 ? k->sign_left : k->sign_right));
    pdf_line(p, x + 20, y + PDF_MM(25), x + bw - 20, y + PDF_MM(25), 0.6);
    if( names[s] && *names[s] ) pdf_text(p, x, y + PDF_MM(26), bw, 10, PDF_CENTER, names[s]);
  }
  int rc = pdf_finish(p);
  arena_free(&a);
  return rc;
}
