/*
** standard.h — a step's time standard (mutu baku, waktu), as the procedure
** files say it (docs/sop-format.md) and as the calendar computes due times.
** One definition for the parser (procedure.c) and the calendar (calendar.c).
*/
#ifndef LOKET_STANDARD_H
#define LOKET_STANDARD_H
#include <stdint.h>

typedef enum StdKind {
  STD_NONE = 0,            /* `none`: no standard, no due time */
  STD_REAL,                /* `10s real`: seconds of real time after the start */
  STD_OFFICE,              /* `25min office`: seconds of office time after the start */
  STD_WORKDAYS_BEFORE,     /* `7 workdays before EVENT`: days working days before the event */
  STD_AFTER_EVENT,         /* `1h after EVENT`: seconds of real time after the event */
} StdKind;

typedef struct Standard {
  StdKind kind;
  int64_t seconds;         /* STD_REAL, STD_OFFICE, STD_AFTER_EVENT */
  int days;                /* STD_WORKDAYS_BEFORE */
  char event[32];          /* STD_WORKDAYS_BEFORE, STD_AFTER_EVENT: "training_start" … */
} Standard;

#endif
