/* 期限调整: when the calendar changes, the owner counts every deadline
 * and lateness that was counted provisionally or under another version
 * again, from the start and limit the log keeps, and appends what
 * changed as an event of its own. History is never rewritten: the old
 * figures stay in the events that set them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wf_impl.h"
#include "yousu/complaint.h"
#include "yousu/json.h"

#define BATCH 256 /* complaints a transaction */

/* The figures of one complaint counted again, event by event. */
typedef struct {
	const yousu_wf *wf;
	bool have_due, due_prov;
	yousu_date due;
	bool have_fb, fb_prov;
	yousu_date fb;
	bool have_cb, cb_prov; /* the caller's feedback (12345) */
	yousu_date cb;
	int late;
	bool late_prov;
	/* scheduler steps taken on provisional counting since the last
	 * 期限调整: how many, how many of them the new calendar still does
	 * not cover, and notes on those it shows wrong */
	int steps, steps_still;
	cJSON *notes;
} recount;

static int32_t
day_of(const recount *r, int64_t at)
{
	return yousu_local_day(at, r->wf->c.utc_offset_min);
}

/* A date member of data, with its provisional flag, taken as it was
 * written (an event older than the counting's start and limit). */
static bool
date_as_written(const cJSON *data, const char *key, const char *prov_key,
    yousu_date *out, bool *prov)
{
	if (yousu_date_parse(yousu__jstr(data, key), out) != YOUSU_OK)
		return false;
	*prov = yousu__jbool(data, prov_key, false);
	return true;
}

/* Working day n after from under the new calendar. */
static yousu_date
count_from(const recount *r, yousu_date from, int64_t n, bool *prov)
{
	yousu_date out;

	if (n < 0 || n > 1000 ||
	    yousu_calendar_due_after(r->wf->c.cal, from, (int) n, &out, prov))
		yousu_panic("recalc: a limit of %lld days", (long long) n);
	return out;
}

/* A new round: its due date (and first feedback's) from the day it was
 * counted from and its limit. */
static void
round_start(recount *r, const cJSON *data, int32_t day)
{
	yousu_date from = day;
	const cJSON *limit = cJSON_GetObjectItem(data, "limit_days");
	const cJSON *fb = cJSON_GetObjectItem(data, "feedback_days");

	if (yousu__jstr(data, "due_from") != NULL &&
	    yousu_date_parse(yousu__jstr(data, "due_from"), &from) != 0)
		from = day;
	if (cJSON_IsNumber(limit))
		r->have_due = true,
		r->due = count_from(
		    r, from, yousu__jint(data, "limit_days", 0), &r->due_prov);
	else
		r->have_due = date_as_written(
		    data, "due", "due_provisional", &r->due, &r->due_prov);
	if (cJSON_IsNumber(fb))
		r->have_fb = true,
		r->fb = count_from(r, from,
		    yousu__jint(data, "feedback_days", 0), &r->fb_prov);
	else
		r->have_fb = date_as_written(data, "feedback_due",
		    "feedback_provisional", &r->fb, &r->fb_prov);
}

static void
extension(recount *r, const cJSON *data)
{
	const cJSON *days = cJSON_GetObjectItem(data, "days");
	bool p = false;

	if (!r->have_due || !cJSON_IsNumber(days)) {
		r->have_due = date_as_written(
		    data, "due", "due_provisional", &r->due, &r->due_prov);
		return;
	}
	r->due = count_from(r, r->due, yousu__jint(data, "days", 0), &p);
	r->due_prov = r->due_prov || p;
}

static void
note(recount *r, int64_t seq, const char *type, int32_t day, const char *fmt,
    yousu_date when)
{
	cJSON *n = cJSON_CreateObject();
	char d[11], w[11], text[256];

	yousu_date_format(day, d);
	yousu_date_format(when, w);
	snprintf(text, sizeof text, fmt, w, d);
	yousu__jset_int(n, "seq", seq);
	yousu__jset_str(n, "type", type);
	yousu__jset_str(n, "day", d);
	yousu__jset_str(n, "note", text);
	cJSON_AddItemToArray(r->notes, n);
}

/* A scheduler step taken on provisional counting, looked at again: was
 * its day a working day, and was it due that day? */
static void
check_step(recount *r, int64_t seq, const char *type, int32_t day)
{
	const yousu_calendar *cal = r->wf->c.cal;
	bool work = true, p;
	int left = 0;

	r->steps++;
	yousu_calendar_is_workday(cal, day, &work, &p);
	r->steps_still += p;
	if (!work) {
		note(r, seq, type, day, "按新日历，%2$s不是工作日", day);
	} else if ((strcmp(type, "supervise") == 0 ||
	               strcmp(type, "refer") == 0) &&
	           r->have_due && day <= r->due) {
		note(r, seq, type, day, "按调整后的期限%s，%s尚未超期", r->due);
	} else if (strcmp(type, "urge_feedback") == 0 && r->have_fb &&
	           day <= r->fb) {
		note(r, seq, type, day, "按调整后的初步反馈期限%s，%s尚未逾期",
		    r->fb);
	} else if (strcmp(type, "remind") == 0 && r->have_due &&
	           yousu_calendar_working_days_between(
	               cal, day, r->due, &left, &p) == YOUSU_OK &&
	           left > yousu_policy_reminder_days(r->wf->c.policy)) {
		note(r, seq, type, day, "按调整后的期限%s，%s催办早于规定",
		    r->due);
	}
}

static bool
is_step(const char *type)
{
	static const char *const steps[] = {"remind", "supervise", "notice",
	    "refer", "urge_feedback", "urge_assign", NULL};

	for (size_t i = 0; steps[i]; i++)
		if (strcmp(type, steps[i]) == 0)
			return true;
	return false;
}

static yousu_err
recount_event(void *arg, int64_t seq, const yousu_event *ev)
{
	recount *r = arg;
	cJSON *data = cJSON_Parse(ev->data);
	int32_t day = day_of(r, ev->at);
	const char *t = ev->type;
	bool p = false;

	if (data == NULL)
		return YOUSU_OK; /* the projection skips it too */
	if (strcmp(t, "intake") == 0 &&
	    cJSON_IsNumber(cJSON_GetObjectItem(data, "feedback_within_days")))
		r->have_cb = true,
		r->cb = count_from(r, day,
		    yousu__jint(data, "feedback_within_days", 0), &r->cb_prov);
	else if (strcmp(t, "assign") == 0 ||
	         (strcmp(t, "redo") == 0 && yousu__jstr(data, "due") != NULL) ||
	         (strcmp(t, "qc") == 0 && !yousu__jbool(data, "pass", false)))
		round_start(r, data, day);
	else if (strcmp(t, "extend") == 0)
		extension(r, data);
	else if (strcmp(t, "reply") == 0 && r->have_due) {
		r->late += yousu__late_after(
		    r->wf->c.cal, r->due, r->due_prov, day, &p);
		r->late_prov = r->late_prov || p;
	} else if (strcmp(t, "adjust") == 0) {
		/* steps before an adjustment were looked at then */
		cJSON_Delete(r->notes);
		r->notes = cJSON_CreateArray();
		r->steps = r->steps_still = 0;
	} else if (is_step(t) && yousu__jbool(data, "provisional", false)) {
		check_step(r, seq, t, day);
	}
	cJSON_Delete(data);
	return YOUSU_OK;
}

/* Whether the doc's date member key (and its flag) differs from the new
 * count; the old and new values go into the event's data. */
static bool
date_changed(cJSON *data, const cJSON *doc, const char *key,
    const char *prov_key, yousu_date v, bool prov)
{
	const char *old = yousu__jstr(doc, key);
	char old_key[40], now[11];
	bool old_prov = yousu__jbool(doc, prov_key, false);

	yousu_date_format(v, now);
	snprintf(old_key, sizeof old_key, "old_%s", key);
	yousu__jset_str(data, key, now);
	yousu__jset_str(data, old_key, old);
	yousu__jset_bool(data, prov_key, prov);
	return old == NULL || strcmp(old, now) != 0 || old_prov != prov;
}

/* The 期限调整 event's data for doc counted as r, or NULL when nothing
 * changed: no figure, no provisional mark, and no provisional step the
 * new calendar confirms or shows wrong. */
static cJSON *
adjustment(const recount *r, const cJSON *doc, const char *reason)
{
	cJSON *data = cJSON_CreateObject();
	bool changed = false;

	if (r->have_due)
		changed |= date_changed(
		    data, doc, "due", "due_provisional", r->due, r->due_prov);
	if (r->have_fb)
		changed |= date_changed(data, doc, "feedback_due",
		    "feedback_provisional", r->fb, r->fb_prov);
	if (r->have_cb)
		changed |= date_changed(data, doc, "callback_due",
		    "callback_provisional", r->cb, r->cb_prov);
	changed |= yousu__jint(doc, "late_days", 0) != r->late ||
	           yousu__jbool(doc, "late_provisional", false) != r->late_prov;
	changed |=
	    cJSON_GetArraySize(r->notes) > 0 || r->steps > r->steps_still;
	if (!changed) {
		cJSON_Delete(data);
		return NULL;
	}
	yousu__jset_int(data, "late_days", r->late);
	yousu__jset_int(
	    data, "old_late_days", yousu__jint(doc, "late_days", 0));
	yousu__jset_bool(data, "late_provisional", r->late_prov);
	yousu__jset_str(data, "calendar", yousu_calendar_version(r->wf->c.cal));
	yousu__jset_str(data, "old_calendar", yousu__jstr(doc, "calendar"));
	yousu__jset_str(data, "reason", reason);
	if (r->steps > 0) {
		yousu__jset_int(data, "steps_checked", r->steps);
		yousu__jset_bool(data, "steps_provisional", r->steps_still > 0);
	}
	if (cJSON_GetArraySize(r->notes) > 0)
		yousu__jset(data, "steps", cJSON_Duplicate(r->notes, 1));
	return data;
}

/* Counts complaint id again; appends its 期限调整 when something changed.
 * Inside the caller's transaction. */
static yousu_err
recount_one(yousu_wf *wf, const char *id, const char *reason,
    yousu_wf_recalc_result *res)
{
	recount r = {.wf = wf, .notes = cJSON_CreateArray()};
	cJSON *doc = NULL, *data = NULL;
	yousu_event ev = {
	    "adjust", "calendar", wf->c.now(wf->c.now_arg), wf->c.centre, NULL};
	char *text = NULL;
	yousu_err rv;

	if ((rv = yousu_store_load(wf->c.store, id, &doc)) != YOUSU_OK ||
	    (rv = yousu_store_each_event(wf->c.store, id, recount_event, &r)))
		goto out;
	res->checked++;
	if ((data = adjustment(&r, doc, reason)) == NULL)
		goto out;
	if ((text = yousu__json_print(data)) == NULL) {
		rv = YOUSU_NOMEM;
		goto out;
	}
	ev.data = text;
	yousu_project_apply(doc, &ev, data);
	if ((rv = yousu_store_save(wf->c.store, doc, &ev)) == YOUSU_OK) {
		res->adjusted++;
		res->noted += cJSON_GetArraySize(r.notes);
	}
out:
	free(text);
	cJSON_Delete(data);
	cJSON_Delete(doc);
	cJSON_Delete(r.notes);
	return rv;
}

yousu_err
yousu_wf_recalc(yousu_wf *wf, const char *reason, yousu_wf_recalc_result *out,
    char *err, size_t errlen)
{
	yousu_wf_recalc_result res = {0};
	cJSON *ids = NULL, *id;
	bool open = false;
	int n = 0;
	yousu_err rv = yousu_store_to_recount(
	    wf->c.store, wf->c.centre, yousu_calendar_version(wf->c.cal), &ids);

	cJSON_ArrayForEach (id, ids) {
		if (!open && (rv = yousu_store_begin(wf->c.store)) != YOUSU_OK)
			break;
		open = true;
		if ((rv = recount_one(wf, id->valuestring, reason, &res)) != 0)
			break;
		if (++n % BATCH == 0) {
			if ((rv = yousu_store_commit(wf->c.store)) != YOUSU_OK)
				break;
			open = false;
		}
	}
	if (open && rv == YOUSU_OK)
		rv = yousu_store_commit(wf->c.store);
	else if (open)
		yousu_store_rollback(wf->c.store);
	cJSON_Delete(ids);
	*out = res;
	if (rv != YOUSU_OK)
		return yousu_errorf(err, errlen, rv, "期限调整: %s: %s",
		    yousu_strerror(rv), yousu_store_errmsg(wf->c.store));
	return YOUSU_OK;
}
