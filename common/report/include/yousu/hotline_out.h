/* yousu — what a complaint tells the 12345 hotline (001 附件1): the
 * records a county builds and the city bridge writes as outbound files
 * (yousu/hotline.h, yousu_hotline_result_write).
 *
 * "yousu.hotline.result.v1", file result-<item_no>.json: the outcome of
 * a matter the hotline dispatched, once it is closed (清零销号) or refused
 * (不予受理):
 *   schema; item_no (事项编号); complaint_id (工单编号); centre (the
 *   centre that owns it); status ("closed" or "rejected"); result (处理
 *   结果: the reply's text, or "不予受理：<ground>（<channel>）");
 *   received_at (受理时间); completed_at (实际办结时间: the reply, or the
 *   refusal). Closed only: reply_kind ("done", "cannot", "plan", "spot"),
 *   reason and basis (a "cannot" reply's 理由 and 依据), lead (牵头部门
 *   code), co (协办, codes), closed_at (清零销号), late_days (超期工作日,
 *   0 when on time), visit (回访: {"at", "satisfaction" (satisfied,
 *   basic, unsatisfied), "label" (满意, 基本满意, 不满意), "note"}).
 *   Refused only: ground (the profile's code), channel (the way to use
 *   instead), note. Times are "YYYY-MM-DD HH:MM" local; a member without a
 *   value is left out. It carries no name, phone or address.
 *
 * "yousu.hotline.handover.v1", file handover-<complaint_id>.json: a
 * window complaint that is not the local hall's business, handed to the
 * 12345 hotline (001 二(一)): schema, complaint_id, centre, source,
 * received_at, handed_over_at, caller (姓名或单位名称), is_org,
 * org_contact, phone, address, anonymous, summary (诉求内容), reason
 * (why it is handed over), staff (受理人员). The hotline takes the
 * complaint over and must reach the complainant, so the caller's data
 * goes with it (to the hotline only). */
#ifndef YOUSU_HOTLINE_OUT_H
#define YOUSU_HOTLINE_OUT_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/err.h"

#define YOUSU_HOTLINE_RESULT_SCHEMA   "yousu.hotline.result.v1"
#define YOUSU_HOTLINE_HANDOVER_SCHEMA "yousu.hotline.handover.v1"

/* yousu_hotline_result_from_complaint builds the result file for the
 * hotline (schema "yousu.hotline.result.v1", above) from doc, the state
 * of a complaint the hotline dispatched (it has a hotline_no) that is
 * closed or rejected; times are written in local time at utc_offset_min.
 * *out is owned by the caller. YOUSU_INVAL (no hotline_no or id) or
 * YOUSU_STATE (not closed or rejected yet) with a message, *out
 * untouched. doc is borrowed. */
yousu_err yousu_hotline_result_from_complaint(const cJSON *doc,
    int utc_offset_min, cJSON **out, char *err, size_t errlen);

/* yousu_hotline_handover_from_complaint builds the handover file
 * (schema "yousu.hotline.handover.v1", above) that hands complaint doc
 * to the hotline at unix time at, for reason (required, not blank).
 * *out is owned by the caller. YOUSU_INVAL (no id, no reason) or
 * YOUSU_STATE (already closed) with a message, *out untouched. */
yousu_err yousu_hotline_handover_from_complaint(const cJSON *doc,
    const char *reason, int64_t at, int utc_offset_min, cJSON **out, char *err,
    size_t errlen);

#endif
