/*
** priority.h — the priority table of each office (Tabel Prioritas Penyelesaian
** Permasalahan SPSE): urgency × impact → priority (priority_rule), and per
** priority the case-level targets (priority_target): response in office
** seconds, resolution in working days. Editable data; the defaults are the
** constants of case.c (case_priority(), case_target_default()).
*/
#ifndef LOKET_PRIORITY_H
#define LOKET_PRIORITY_H
#include "../core/core.h"
#include "../db/db.h"

/* A working day in office seconds: the default week's 7.5 hours (docs/calendar.md). */
#define PRIORITY_WORKDAY_S (7*3600+1800)

extern const char *const priority_urgencies[];   /* "mendesak", "tidak_mendesak", NULL */
extern const char *const priority_impacts[];     /* "kecil", "sedang", "besar", NULL */

typedef struct PrioRule { const char *urgency, *impact; char priority[12]; } PrioRule;
typedef struct PrioTarget { char priority[12]; int64_t response_s; int resolution_days; } PrioTarget;
/* The whole table: rules in urgency-major order (2 × 3), targets in case_priorities order. */
typedef struct PrioTable { PrioRule rules[6]; PrioTarget targets[3]; } PrioTable;

/* The defaults (from the constants of case.c). */
void priority_table_default(PrioTable *t);
/* The office's table; a row not stored falls back to its default. */
int priority_load(Db *db, int64_t office_id, PrioTable *t);
/* Store the defaults for an office where rows are missing (init, office add); audited. */
int priority_defaults(Db *db, const Actor *who, int64_t office_id);
/* Check a table: known priorities, response 60 s … 30 working days, resolution 1 … 365
** working days, response not after resolution. ERR_INVALID with e naming every field wrong. */
int priority_check(const PrioTable *t, Err *e);
/* Check one priority's targets, as priority_check does each row. */
int priority_check_target(const PrioTarget *g, Err *e);
/* Write the rows of t that differ from base (the table as the caller read it; NULL: every row)
** onto the table as stored now (checked; all or nothing; audited "priority.set"); one the same as
** stored writes nothing (*changed 0). */
int priority_set(Db *db, const Actor *who, int64_t office_id, const PrioTable *base, const PrioTable *t, int *changed, Err *e);
/* The rule for urgency × impact (NULL when either is unknown). */
PrioRule *priority_rule(PrioTable *t, const char *urgency, const char *impact);
/* The priority of urgency × impact; "rendah" when unknown. */
const char *priority_lookup(const PrioTable *t, const char *urgency, const char *impact);
/* The targets of a priority (NULL when unknown). */
PrioTarget *priority_target(PrioTable *t, const char *priority);

#endif
