/* yousu — 整改情况报告 (000 一(二): the window staff “联系协调窗口人员整改、
 * 解决或解释答复，汇总形成整改情况报告存档备查”): the period's problems
 * from the log, each with the unit concerned, what was done, whether it
 * is rectified, how late, its 通报 and 过错; archived as a dated document
 * with its SHA-256, so that a later change of what it reports shows. */
#ifndef YOUSU_RECTIFY_H
#define YOUSU_RECTIFY_H

#include "yousu/err.h"
#include "yousu/store.h"
#include "yousu/workflow.h"

/* yousu_rectify_build: the report of complaints this centre took
 * (origin) received on a local day of [from, to]: {"title", "from",
 * "to", "columns", "rows" (one per complaint, its id first), "summary":
 * {"problems", "rectified", "in_progress", "not_rectified", "overdue",
 * "notices", "faults"}, "sha256": of the columns, rows and period}. */
yousu_err yousu_rectify_build(const yousu_wf *wf, yousu_store *st,
    const char *centre, yousu_date from, yousu_date to, int32_t today,
    cJSON **out);

/* yousu_rectify_archive stores report (as built) as archived report
 * "<centre>-整改-YYYY-NNN", unchangeable, and returns its id; inside the
 * caller's transaction. */
yousu_err yousu_rectify_archive(yousu_store *st, const char *centre,
    const cJSON *report, const char *actor, int64_t now, char *id,
    size_t idlen);

/* yousu_rectify_get / _list: one archived report (YOUSU_NOTFOUND), or
 * all of them without their rows, newest first. */
yousu_err yousu_rectify_get(yousu_store *st, const char *id, cJSON **out);
yousu_err yousu_rectify_list(yousu_store *st, cJSON **out);

#endif
