/*
** statement.h — the LPSE's written statement on a .rhs bid file (SOP 06/LPSE/2012) as an A4
** PDF: the file's facts (tender, provider, name, size, SHA-256), the LPSE's own opening test,
** LKPP's result, and the conclusion that the file can or cannot be opened, with a QR code of
** the case number and the signature block. The Pokja may reject a bid only on this statement.
*/
#ifndef LOKET_REPORT_STATEMENT_H
#define LOKET_REPORT_STATEMENT_H
#include "../core/core.h"
#include "../desk/helpdesk.h"

/* The statement of case `number` of office `office` (its name), dated `date` (in words),
** times shown in zone tz; appended to out. ERR_INVALID when there is no conclusion yet. */
int statement_pdf(Buf *out, const char *office, const char *number, const RhsInfo *x, const char *date,
                  const char *tz);
/* The statement of case c, dated today in the office's zone tz, as a PDF in out (emptied
** first) and its file name; ERR_CONFLICT when the case has no result yet. */
int statement_of_case(Db *db, int64_t office_id, const Case *c, const char *tz, Buf *out, const char **name,
                      Arena *a);

#endif
