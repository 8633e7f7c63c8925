/*
** sealed.h — the sealed letter (surat tertutup) that hands a new or reset SPSE
** credential over on paper instead of a one-time link: one A4 page, the
** address block for a window envelope above the fold, the user ID and the
** password below it, folded inward.
*/
#ifndef LOKET_REPORT_SEALED_H
#define LOKET_REPORT_SEALED_H
#include "../core/core.h"

typedef struct SealedLetter {
  const char *office;          /* the LPSE's name */
  const char *number;          /* the request's case number */
  const char *kind;            /* what was asked, in words */
  const char *name, *nip, *agency;
  const char *user_id, *secret;
  const char *date;            /* "21 November 2026, 09.30 WIB" */
} SealedLetter;

/* Append the letter as a PDF to out. OK, or ERR_IO when it could not be made. */
int sealed_letter_pdf(Buf *out, const SealedLetter *l);

#endif
