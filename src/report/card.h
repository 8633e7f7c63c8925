/*
** card.h — the verification card (Kartu Tanda Lulus Verifikasi) as a PDF: one A4
** page holding the copies the office prints, each with the provider's data, the
** registration number, the date, the officer, and a QR code of the address that
** confirms the card is genuine. Drawn with the shared PDF module (report/pdf.h).
*/
#ifndef LOKET_CARD_H
#define LOKET_CARD_H
#include "../core/core.h"

typedef struct CardData {
  const char *office;        /* the office's name */
  const char *number;        /* the registration number */
  const char *company, *npwp, *nib, *address, *spse_user;
  const char *date;          /* the day of the verification as people write it */
  const char *officer;       /* the verifier */
  const char *url;           /* the public page confirming the card (in the QR) */
  int copies;                /* 1..8 */
} CardData;

/* Draw the page into out (the PDF's bytes). OK, ERR_INVALID (copies, url), or ERR_IO. */
int card_pdf(const CardData *d, Buf *out);

#endif
