/*
** statement.c — the .rhs statement as a letter: the heading and number, the facts as a
** two-column table, the conclusion in capitals, the signature block. Written in Indonesian
** whatever the interface language: it is a document of the LPSE.
*/
#include "statement.h"
#include "pdf.h"
#include <string.h>

/* An instant as people here write it, or "-". */
static const char *stmt_time(Arena *a, int64_t t, const char *tz){
  if( t==0 ) return "-";
  char *z = arena_alloc(a, 64);
  time_fmt_human(z, 64, t, tz, "id");
  return z;
}

/* The statement of a .rhs bid file. */
int statement_pdf(Buf *out, const char *office, const char *number, const RhsInfo *x, const char *date,
                  const char *tz){
  if( x->conclusion<0 ) return ERR_INVALID;
  Arena a;
  arena_init(&a);
  Pdf *p = pdf_new(out, PDF_PORTRAIT, arena_printf(&a, "Surat Keterangan %s", number));
  pdf_footer(p, arena_printf(&a, "Loket · %s · %s", office, number));
  double L = pdf_left(p), W = pdf_content_width(p), qr = PDF_MM(24);
  double y = pdf_top(p);
  y += pdf_text(p, L, y, W - qr - 10, 12, PDF_BOLD, office) + 10;
  pdf_qr(p, L + W - qr, pdf_top(p), qr, number);
  if( y < pdf_top(p) + qr + 6 ) y = pdf_top(p) + qr + 6;
  pdf_line(p, L, y, L + W, y, 1.2);
  y += 14;
  y += pdf_text(p, L, y, W, 15, PDF_BOLD | PDF_CENTER, "SURAT KETERANGAN") + 2;
  y += pdf_text(p, L, y, W, 10, PDF_CENTER | PDF_MONO, arena_printf(&a, "Nomor: %s/RHS", number)) + 16;
  pdf_set_y(p, y);
  pdf_para(p, 11, 0, arena_printf(&a, "Yang bertanda tangan di bawah ini, %s, menerangkan bahwa dokumen penawaran "
                                      "berikut:", office));
  /* the facts: two columns, a row per fact and per file */
  const char **cells = arena_alloc(&a, sizeof(char*) * (size_t)(2 * (4 + x->nfiles)));
  int n = 0;
  cells[2*n] = "Kode tender";   cells[2*n+1] = x->tender_code; n++;
  cells[2*n] = "Penyedia";      cells[2*n+1] = x->provider; n++;
  for(int i=0; i<x->nfiles; i++){
    cells[2*n] = "Berkas";
    cells[2*n+1] = arena_printf(&a, "%s\n%lld bait\nSHA-256 %s", x->files[i].name, (long long)x->files[i].size, x->files[i].sha256);
    n++;
  }
  cells[2*n] = "Uji pembukaan di LPSE";
  cells[2*n+1] = x->lpse_opened<0 ? "-" : arena_printf(&a, "%s, %s", x->lpse_opened ? "dapat dibuka" : "tidak dapat dibuka",
                                                        stmt_time(&a, x->lpse_at, tz));
  n++;
  if( x->lkpp_opened>=0 ){
    cells[2*n] = "Hasil pengujian LKPP";
    cells[2*n+1] = arena_printf(&a, "%s, %s%s%s", x->lkpp_opened ? "dapat dibuka" : "tidak dapat dibuka",
                                stmt_time(&a, x->lkpp_at, tz), x->lkpp_note[0] ? "; " : "", x->lkpp_note);
    n++;
  }
  static const PdfCol cols[] = { { "Hal", 150, 0 }, { "Keterangan", 0, 0 } };
  pdf_table(p, cols, 2, cells, n, 10);
  pdf_set_y(p, pdf_y(p) + 8);
  pdf_para(p, 12, PDF_BOLD, arena_printf(&a, "dinyatakan %s.", x->conclusion ? "DAPAT DIBUKA" : "TIDAK DAPAT DIBUKA"));
  pdf_para(p, 11, 0, "Demikian surat keterangan ini dibuat untuk dipergunakan oleh Pokja sebagaimana mestinya.");
  /* the signature block at the right */
  pdf_need(p, 130);
  double sx = L + W - PDF_MM(70), sw = PDF_MM(70);
  y = pdf_y(p) + 16;
  y += pdf_text(p, sx, y, sw, 11, 0, date) + 2;
  y += pdf_text(p, sx, y, sw, 11, 0, arena_printf(&a, "Ketua %s", office)) + 56;
  pdf_text(p, sx, y, sw, 11, 0, "(................................)");
  int rc = pdf_finish(p);
  arena_free(&a);
  return rc;
}

/* The statement of a case as it is today: its .rhs facts, the office's name, today's date. */
int statement_of_case(Db *db, int64_t office_id, const Case *c, const char *tz, Buf *out, const char **name,
                      Arena *a){
  RhsInfo x;
  int rc = rhs_get(db, c, &x, a);
  if( rc!=OK ) return rc;
  if( x.conclusion<0 ) return ERR_CONFLICT;
  Office o;
  office_get(db, office_id, &o);
  char date[64];
  time_fmt_date(date, sizeof date, time_now(), tz, "id");
  buf_reset(out);
  rc = statement_pdf(out, o.name, c->number, &x, date, tz);
  *name = arena_printf(a, "surat-keterangan-%s.pdf", c->number);
  return rc;
}
