/*
** ident.h — Indonesian identifiers a requester gives (NIP, NIK, NPWP, e-mail,
** telephone): pure checks on text, below every layer that takes them.
*/
#ifndef LOKET_IDENT_H
#define LOKET_IDENT_H
#include "core.h"

/* Copy z into out without whitespace; ERR_TOOBIG when it does not fit. */
int ident_normalize(const char *z, char *out, size_t n);
/* A number written with spaces, dots or dashes between its digits as its digits alone; anything
** else as ident_normalize copies it. */
int ident_digits_text(const char *z, char *out, size_t n);
/* The same for a NIP, without the label a letter writes before it ("NIP. 19850312 201001 1 002"). */
int ident_nip_text(const char *z, char *out, size_t n);
/* 1 when z is a long number as a spreadsheet saves it (3.32501E+15): its last digits are lost. */
int ident_spreadsheet_number(const char *z);
/* Set e for field, saying so, when z is such a number; 1 when it is. */
int ident_spreadsheet_err(const char *z, const char *field, Err *e);
/* NIP: 18 digits = birth YYYYMMDD (1940-2010) + appointment YYYYMM (15+ years after
** birth, not in the future) + sex 1/2 + sequence (not 000); spaces, dots and dashes allowed, and the label
** "NIP", "NIP." or "NIP:" before it. */
int ident_nip(const char *z, Err *e);
/* NIK: 16 digits = region (province 11-94) + DDMMYY (day + 40 for women) + sequence. */
int ident_nik(const char *z, Err *e);
enum { IDENT_NPWP_OLD = 1, IDENT_NPWP_NIK = 2, IDENT_NPWP_NEW = 3 };
/* NPWP: old 15 digits (plain, XX.XXX.XXX.X-XXX.XXX, or spaces, dots, dashes anywhere), or 16: a NIK, or 0 + the old 15.
** *form (may be NULL) says which; out (may be NULL, 17+ bytes) gets the bare digits. */
int ident_npwp(const char *z, int *form, char *out, size_t n, Err *e);
/* The 16-digit form of an NPWP of either form (old: a leading 0), as the directory keeps it. */
int ident_npwp16(const char *z, char out[20], Err *e);
/* Both bare-digit forms of one taxpayer's NPWP, to find it however it was written: f16, and f15
** the old 15 digits ("" when the NPWP is a NIK). */
int ident_npwp_forms(const char *z, char f16[20], char f15[20]);
/* An SPSE code (kode tender / kode paket): digits only, at most 20 of them; the error names field. */
int ident_spse_code(const char *z, const char *field, Err *e);
/* An e-mail address: local@domain.tld, ASCII. */
int ident_email(const char *z, Err *e);
/* The one reader of an address as it is written: "Name <address>", "\"Santoso, Budi\" <address>"
** (quoted, \ escapes undone, or 'Name'), "<address>", or the address alone. addr gets the address
** without the blanks around it, name the name ("" when none; RFC 2047 words left as they are, for
** mail to decode). Typed (flags 0): after > only blanks, one < only, the > written; a bare address
** copied as it is, for ident_email to judge. IDENT_ADDR_MAIL, a mail's header or configured sender:
** what follows > is passed over, an unclosed < taken to the end, and a bare address trimmed with its
** comments left out, the first one its name ("budi@x.id (Budi)"). IDENT_ADDR_NAMED, IDENT_ADDR_BARE,
** or IDENT_ADDR_NONE (not so written, or too long for na or nn: addr and name then ""). */
enum { IDENT_ADDR_NONE = 0, IDENT_ADDR_BARE = 1, IDENT_ADDR_NAMED = 2 };
enum { IDENT_ADDR_MAIL = 1 };
int ident_email_read(const char *z, int flags, char *addr, size_t na, char *name, size_t nn);
/* An address where a person may type it either way, as ident_email_read reads it typed, the
** address then checked as ident_email does: OK with addr and name filled, else ERR_INVALID with e
** set under "email" (the caller names its own field). */
int ident_email_typed(const char *z, char *addr, size_t na, char *name, size_t nn, Err *e);
/* Room for what ident_email_unname reads. */
typedef struct IdentNamed { char addr[256], name[128]; } IdentNamed;
/* Where a person typed Name <address> into an e-mail field, as a mail program copies it: *email
** becomes the address and, when name is given and *name blank, *name the name (both kept in b).
** Anything else is left as typed, for the field's own check to judge. */
void ident_email_unname(const char **email, const char **name, IdentNamed *b);
/* A mail's sender (smtp_from): an address as ident_email takes it or at localhost, or Name <address>. */
int ident_sender(const char *z, Err *e);
enum { IDENT_PHONE_MOBILE = 1, IDENT_PHONE_LANDLINE = 2 };
/* An Indonesian number (+62, 62 or 0 first) normalised to +62... in out (17+ bytes). */
int ident_phone(const char *z, char *out, size_t n, int *kind, Err *e);

#endif
