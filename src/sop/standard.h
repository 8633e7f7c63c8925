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
  STD_AFTER_STEP,          /* `10min office after step 6`: seconds (of office time when office)
                           ** after step `step` of the case last ended */
} StdKind;

typedef struct Standard {
  StdKind kind;
  int64_t seconds;         /* STD_REAL, STD_OFFICE, STD_AFTER_EVENT */
  int days;                /* STD_WORKDAYS_BEFORE */
  char event[32];          /* STD_WORKDAYS_BEFORE, STD_AFTER_EVENT: "training_start" … */
  int step;                /* STD_AFTER_STEP: the step whose end starts the clock */
  int office;              /* STD_AFTER_STEP: 1 when seconds are office time, 0 real time */
} Standard;

/* 1 when the standard's seconds are office time (`25min office`, `10min office after step 6`). */
#define STD_IS_OFFICE(st) ((st)->kind==STD_OFFICE || ((st)->kind==STD_AFTER_STEP && (st)->office))
/* 1 when the standard is counted from an event the case supplies (before or after it). */
#define STD_FROM_EVENT(st) ((st)->kind==STD_WORKDAYS_BEFORE || (st)->kind==STD_AFTER_EVENT)
/* 1 when the standard is seconds or a few minutes (`10s real`, `2min office`): shorter than 10
** minutes, so its due and done times are said to the second (to the minute a breach of 5 s reads
** "due 09.00, done 09.00"). */
#define STD_TO_SECOND(st) ((st)->kind!=STD_NONE && (st)->kind!=STD_WORKDAYS_BEFORE && (st)->seconds>0 && (st)->seconds<600)

#endif
