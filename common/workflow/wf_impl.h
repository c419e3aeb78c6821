/* The workflow's private state, shared by workflow.c, sched.c and
 * recalc.c. */
#ifndef YOUSU_WF_IMPL_H
#define YOUSU_WF_IMPL_H

#include <cjson/cJSON.h>

#include "yousu/workflow.h"

struct yousu_wf {
	yousu_wf_config c;
};

/* yousu__round_late: the working days by which the current round of doc
 * (its due date, provisional or not) is late on day: 0 when day is not
 * past it or doc has no due date. *prov (not NULL) says whether the
 * figure is provisional: counted past the loaded calendar, or against a
 * provisional due date. */
int yousu__round_late(
    const yousu_wf *wf, const cJSON *doc, int32_t day, bool *prov);

/* yousu__late_after: the same for a round due on day due (due_prov:
 * provisional) and the day it was answered or looked at. */
int yousu__late_after(const yousu_calendar *cal, int32_t due, bool due_prov,
    int32_t day, bool *prov);

#endif
