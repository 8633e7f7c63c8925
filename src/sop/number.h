/*
** number.h — number formats per register (case tickets, agenda, consultation and
** handover forms): a pattern such as "{office}-{year}-{seq:6}" per office and
** register, kept in number_format; a register without a row uses its default.
** The counters are kept apart (counter, register_counter) and never reset when a
** pattern changes: numbers are never reused.
*/
#ifndef LOKET_NUMBER_H
#define LOKET_NUMBER_H
#include "../core/core.h"
#include "../db/db.h"

#define NUMBER_PATTERN_MAX 40    /* bytes of a pattern */
#define NUMBER_TEXT_MAX    64    /* bytes of a formatted number, NUL included */

/* The registers that are numbered: "case", "agenda", "consultation", "handover", NULL. */
extern const char *const number_registers[];
/* The default pattern of a register; NULL when the register is not numbered. */
const char *number_default(const char *reg);
/* Check a pattern: {seq} or {seq:N} (N 1..9) exactly once, {year} once, {office} at most once,
** {month} (01-12) or {month:roman} (I-XII) at most once, no other field, literal letters, digits,
** '-', '_', '.' and '/' only (not '/' in a case number: number_patterns_set), at most
** NUMBER_PATTERN_MAX bytes. ERR_INVALID with e naming field when not. */
int number_pattern_check(const char *pattern, const char *field, Err *e);
/* Format a number: pattern with office code, year, month (1-12, of the day it is given, in the
** office's zone) and seq; ERR_INVALID on a bad pattern or when the text would not fit n (or
** NUMBER_TEXT_MAX). */
int number_format(const char *pattern, const char *office, int year, int month, int64_t seq, char *out, size_t n);
/* The pattern an office uses for a register (its row, else the default) into out. */
int number_pattern_get(Db *db, int64_t office_id, const char *reg, char *out, size_t n);
/* Format the number seq of a register of the office for a year and month with the office's pattern. */
int number_format_office(Db *db, int64_t office_id, const char *reg, int year, int month, int64_t seq, char *out, size_t n);
/* Set the patterns of an office: pats[i] for number_registers[i] (NULL keeps it); all or
** nothing, checked (every pattern wrong named in e), audited ("number.format"). The counters
** are not touched. */
int number_patterns_set(Db *db, const Actor *who, int64_t office_id, const char *const *pats, Err *e);

#endif
