/*
** chart.h — SVG charts drawn by the server: no script, printable, each with its
** <title> (the accessible name); the page puts a table of the same figures
** beside it.
*/
#ifndef LOKET_REPORT_CHART_H
#define LOKET_REPORT_CHART_H
#include "../core/core.h"

typedef struct ChartBar {
  const char *label;         /* under or beside the bar */
  double value;              /* >= 0 */
  const char *text;          /* the value as shown ("60 %"); NULL: the number */
  int bad;                   /* 1: drawn in the warning colour */
} ChartBar;

/* Horizontal bars from 0 to max (max <= 0: the largest value), a dashed reference line at
** mark when mark >= 0 (e.g. a target share). */
void chart_hbar(Buf *b, const char *title, const ChartBar *bars, int n, double max, double mark);
/* Vertical columns in order (days, months), labels under them (thinned when crowded). */
void chart_columns(Buf *b, const char *title, const ChartBar *bars, int n);

#endif
