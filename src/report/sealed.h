/*
** sealed.h — the sealed letter (surat tertutup) that hands a new or reset SPSE
** credential over on paper instead of a one-time link: one A4 page, the
** address block for a window envelope above the fold, the user ID and the
** password below it, folded inward.
*/
#ifndef LOKET_REPORT_SEALED_H
#define LOKET_REPORT_SEALED_H
#include "../core/core.h"
#include "../db/db.h"

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
/* The sealed letter of a carried-out request of the office (desk/acreq.c acreq_letter: its
** one-time link used up, audited) as a PDF appended to out; the secret is wiped from memory. */
int sealed_letter_of_request(Db *db, const Actor *who, int64_t office_id, int64_t id, Buf *out, Err *e);

#endif
