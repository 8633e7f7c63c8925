/*
** forms.h — the printable forms of the registers as A4 PDFs, filled from an
** entry: the consultation form (Formulir Konsultasi), the disposition sheet
** (Lembar Disposisi), the document handover form (Formulir Serah Terima
** Berkas), and the agenda page of an incoming letter (Buku Agenda).
*/
#ifndef LOKET_REPORT_FORMS_H
#define LOKET_REPORT_FORMS_H
#include "../core/core.h"
#include "../desk/desk.h"

typedef struct FormCtx {
  const char *office;        /* the office's name, at the top */
  const char *tz, *lang;
  const char *printed;       /* when, in words, for the foot line */
  const RegEntry *letter;    /* a disposition sheet: the agenda entry of the letter it routes, or NULL */
} FormCtx;

/* 1 when the register has a printable form. */
int form_exists(int register_id);
/* The form of entry w of register g, appended to out. ERR_INVALID when g has none. */
int form_pdf(Buf *out, const Register *g, const RegEntry *w, const FormCtx *c);

#endif
