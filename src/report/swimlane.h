/*
** swimlane.h — a procedure drawn as the flow table of the SOP seeds: a row per
** step, a column per actor (the lane where the step's shape sits: an oval for
** the start and the ends, a box for a process, a diamond for a decision),
** arrows along the flow with Ya/Tidak on the branches, and the mutu baku
** columns (required items, time, output). Drawn from the parsed procedure the
** engine runs (sop.h), as SVG for the page and as A4 landscape PDF pages.
**
** In the SVG every step is a <g class="step" data-step="N"> and every arrow a
** <g class="edge" data-from="N" data-to="M|end" data-kind="next|yes|no">.
*/
#ifndef LOKET_REPORT_SWIMLANE_H
#define LOKET_REPORT_SWIMLANE_H
#include "../core/core.h"
#include "../sop/sop.h"

/* The flow as one SVG image appended to b; lang "id" or "en" for the words. */
void swimlane_svg(Buf *b, const Procedure *p, const char *lang);
/* The flow as A4 landscape PDF pages (header repeated; arrows that cross a page end in
** numbered off-page connectors). OK or ERR_IO. */
int swimlane_pdf(Buf *out, const Procedure *p, const char *lang);

#endif
