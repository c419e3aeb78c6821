/* The records a complaint makes for the 12345 hotline: the result of a
 * matter the hotline dispatched, and a window complaint handed over to
 * it (yousu/hotline_out.h). */
#include <stdio.h>
#include <string.h>

#include "yousu/complaint.h"
#include "yousu/hotline_out.h"
#include "yousu/json.h"
#include "yousu/utf8.h"

static void
set_time(cJSON *o, const char *key, int64_t t, int off)
{
	char buf[32];

	if (t == 0)
		return;
	yousu_format_time(t, off, buf, sizeof buf);
	yousu__jset_str(o, key, buf);
}

static void
copy_member(cJSON *o, const char *key, const cJSON *from, const char *fkey)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(from, fkey);

	if (v != NULL && !cJSON_IsNull(v))
		yousu__jset(o, key, cJSON_Duplicate(v, 1));
}

static void
result_rejected(cJSON *o, const cJSON *doc, int off)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(doc, "rejection");
	const char *label = yousu__jstr(r, "label");
	const char *channel = yousu__jstr(r, "channel");
	char text[1024];

	snprintf(text, sizeof text, "不予受理：%s%s%s%s", label ? label : "",
	    channel ? "（" : "", channel ? channel : "", channel ? "）" : "");
	yousu__jset_str(o, "result", text);
	copy_member(o, "ground", r, "ground");
	copy_member(o, "channel", r, "channel");
	copy_member(o, "note", r, "note");
	set_time(o, "completed_at", yousu__jint(doc, "closed_at", 0), off);
}

/* Whether the caller was told the outcome within the form's N working
 * days (反馈来电人): by a callback, else at the return visit. */
static void
result_callback(cJSON *o, const cJSON *doc, int off)
{
	cJSON *f;
	int64_t at = yousu__jint(doc, "callback_at", 0);

	if (yousu__jstr(doc, "callback_due") == NULL)
		return;
	f = cJSON_CreateObject();
	yousu__jset_str(f, "due", yousu__jstr(doc, "callback_due"));
	if (at != 0) {
		set_time(f, "at", at, off);
		yousu__jset_str(f, "by", "callback");
		yousu__jset_bool(
		    f, "on_time", yousu__jbool(doc, "callback_on_time", false));
	} else if ((at = yousu__jint(doc, "visit_at", 0)) != 0) {
		char day[11];

		set_time(f, "at", at, off);
		yousu__jset_str(f, "by", "visit");
		yousu_date_format(yousu_local_day(at, off), day);
		yousu__jset_bool(f, "on_time",
		    strcmp(day, yousu__jstr(doc, "callback_due")) <= 0);
	} else {
		yousu__jset_bool(f, "on_time", false);
	}
	if (yousu__jbool(doc, "callback_provisional", false))
		yousu__jset_bool(f, "provisional", true);
	yousu__jset(o, "feedback", f);
}

static void
result_closed(cJSON *o, const cJSON *doc, int off)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(doc, "reply");
	cJSON *visit = cJSON_CreateObject();
	const char *sat = yousu__jstr(doc, "satisfaction");

	copy_member(o, "result", r, "result");
	copy_member(o, "reply_kind", r, "kind");
	copy_member(o, "reason", r, "reason");
	copy_member(o, "basis", r, "basis");
	copy_member(o, "lead", doc, "lead");
	copy_member(o, "co", doc, "co");
	set_time(o, "completed_at", yousu__jint(doc, "handled_at", 0), off);
	set_time(o, "closed_at", yousu__jint(doc, "closed_at", 0), off);
	yousu__jset_int(o, "late_days", yousu__jint(doc, "late_days", 0));
	/* counted past the loaded calendar (暂定): a later 期限调整 may
	 * change it, and the hotline is told so */
	if (yousu__jbool(doc, "late_provisional", false))
		yousu__jset_bool(o, "late_provisional", true);
	result_callback(o, doc, off);
	if (visit == NULL)
		yousu_panic("hotline: out of memory");
	set_time(visit, "at", yousu__jint(doc, "visit_at", 0), off);
	yousu__jset_str(visit, "satisfaction", sat);
	yousu__jset_str(
	    visit, "label", sat ? yousu_label("satisfaction", sat) : NULL);
	copy_member(visit, "note", doc, "visit_note");
	yousu__jset(o, "visit", visit);
}

yousu_err
yousu_hotline_result_from_complaint(
    const cJSON *doc, int utc_offset_min, cJSON **out, char *err, size_t errlen)
{
	const char *id = yousu__jstr(doc, "id");
	const char *no = yousu__jstr(doc, "hotline_no");
	const char *status = yousu__jstr(doc, "status");
	cJSON *o;

	if (id == NULL || no == NULL) {
		snprintf(err, errlen,
		    "%s was not dispatched by the 12345 hotline (no "
		    "hotline_no)",
		    id ? id : "the complaint");
		return YOUSU_INVAL;
	}
	if (status == NULL || (strcmp(status, "closed") != 0 &&
	                          strcmp(status, "rejected") != 0)) {
		snprintf(err, errlen,
		    "%s is %s (%s): its result goes to the hotline once it is "
		    "closed (清零销号) or refused (不予受理)",
		    id, status ? yousu_label("status", status) : "?",
		    status ? status : "no status");
		return YOUSU_STATE;
	}
	if ((o = cJSON_CreateObject()) == NULL)
		yousu_panic("hotline: out of memory");
	yousu__jset_str(o, "schema", YOUSU_HOTLINE_RESULT_SCHEMA);
	yousu__jset_str(o, "item_no", no);
	yousu__jset_str(o, "complaint_id", id);
	copy_member(o, "centre", doc, "owner");
	yousu__jset_str(o, "status", status);
	set_time(o, "received_at", yousu__jint(doc, "received_at", 0),
	    utc_offset_min);
	if (strcmp(status, "rejected") == 0)
		result_rejected(o, doc, utc_offset_min);
	else
		result_closed(o, doc, utc_offset_min);
	*out = o;
	return YOUSU_OK;
}

yousu_err
yousu_hotline_handover_from_complaint(const cJSON *doc, const char *reason,
    int64_t at, int utc_offset_min, cJSON **out, char *err, size_t errlen)
{
	static const char *const keys[][2] = {{"caller", "name"},
	    {"is_org", "is_org"}, {"org_contact", "org_contact"},
	    {"phone", "phone"}, {"address", "address"},
	    {"anonymous", "anonymous"}, {"summary", "content"},
	    {"staff", "staff"}};
	const char *id = yousu__jstr(doc, "id");
	const char *status = yousu__jstr(doc, "status");
	cJSON *o;

	if (id == NULL || reason == NULL || yousu_text_blank(reason)) {
		snprintf(err, errlen, "handover: %s",
		    id ? "the reason is missing" : "the complaint has no id");
		return YOUSU_INVAL;
	}
	if (status != NULL && strcmp(status, "closed") == 0) {
		snprintf(err, errlen,
		    "%s is closed (已清零销号): there is nothing to hand over",
		    id);
		return YOUSU_STATE;
	}
	if ((o = cJSON_CreateObject()) == NULL)
		yousu_panic("hotline: out of memory");
	yousu__jset_str(o, "schema", YOUSU_HOTLINE_HANDOVER_SCHEMA);
	yousu__jset_str(o, "complaint_id", id);
	copy_member(o, "centre", doc, "owner");
	copy_member(o, "source", doc, "source");
	set_time(o, "received_at", yousu__jint(doc, "received_at", 0),
	    utc_offset_min);
	set_time(o, "handed_over_at", at, utc_offset_min);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		copy_member(o, keys[i][0], doc, keys[i][1]);
	yousu__jset_str(o, "reason", reason);
	*out = o;
	return YOUSU_OK;
}
