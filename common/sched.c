/* The scheduler: 催办 before due, 督办 when overdue, 通报 after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "wf_impl.h"
#include "yousu/complaint.h"

typedef struct {
	const yousu_wf *wf;
	int32_t today;
	cJSON *due; /* array of docs to act on */
} tick_scan;

static yousu_err
collect(void *arg, cJSON *doc)
{
	tick_scan *t = arg;

	cJSON_AddItemToArray(t->due, cJSON_Duplicate(doc, 1));
	return YOUSU_OK;
}

/* The caller was to be contacted within N hours of intake (the 12345
 * 交办单's “请于N小时内与来电人取得联系（匿名除外）”) and has not been. */
static bool
contact_late(const cJSON *doc, int64_t now)
{
	int64_t hours = yousu__jint(doc, "contact_within_hours", 0);

	/* without the phone (anonymous, or a copy at the city, which never
	 * holds it) there is no one this centre could call */
	if (hours > 720)
		hours = 720;
	return hours > 0 && yousu__jstr(doc, "phone") != NULL &&
	       !yousu__jbool(doc, "anonymous", false) &&
	       !cJSON_HasObjectItem(doc, "contacted_at") &&
	       !cJSON_HasObjectItem(doc, "contact_late_at") &&
	       now > yousu__jint(doc, "received_at", 0) + hours * 3600;
}

/* A registered complaint still not assigned (nor resolved, nor refused)
 * past the profile's assign_within_days (003 三(二): 交办单 “当日转”),
 * on working day today. */
static bool
assign_late(const yousu_wf *wf, const cJSON *doc, int32_t today, bool *prov)
{
	int days = yousu_policy_assign_days(wf->c.policy);
	const char *status = yousu__jstr(doc, "status");
	/* from when this centre got it to assign: taken, handed over, or
	 * returned for redo, whichever is latest */
	int64_t at = yousu__jint(doc, "received_at", 0);
	int32_t taken;
	yousu_date limit;
	bool work = true, p0 = false, p1 = false;

	if (days < 0 || cJSON_HasObjectItem(doc, "assign_urged_at") ||
	    (strcmp(status, "registered") != 0 &&
	        strcmp(status, "classified") != 0))
		return false;
	if (yousu__jint(doc, "transferred_at", 0) > at)
		at = yousu__jint(doc, "transferred_at", 0);
	if (yousu__jint(doc, "redo_at", 0) > at)
		at = yousu__jint(doc, "redo_at", 0);
	taken = yousu_local_day(at, wf->c.utc_offset_min);
	/* taken on a day off: the count starts on the next working day */
	yousu_calendar_is_workday(wf->c.cal, taken, &work, &p0);
	if (yousu_calendar_add_working_days(
	        wf->c.cal, taken, days + !work, &limit, &p1) != YOUSU_OK)
		return false;
	*prov |= p0 || p1;
	return today > limit;
}

/* The step on the deadline due for an assigned complaint (due on day
 * due) on working day today, or NULL. *prov gathers whether it rests on
 * provisional counting. */
static const char *
deadline_step(const yousu_wf *wf, const cJSON *doc, int32_t today,
    yousu_date due, cJSON *data, bool *prov)
{
	const yousu_policy *p = wf->c.policy;
	int64_t sup_at = yousu__jint(doc, "round_supervised_at", 0);
	bool cp = false;
	yousu_date fb;
	int left, since;

	/* the first feedback (初步反馈意见) is late */
	if (yousu__jstr(doc, "feedback_due") != NULL &&
	    !cJSON_HasObjectItem(doc, "feedback") &&
	    !cJSON_HasObjectItem(doc, "feedback_urged_at") &&
	    yousu_date_parse(yousu__jstr(doc, "feedback_due"), &fb) == 0 &&
	    today > fb) {
		*prov |= yousu__jbool(doc, "feedback_provisional", false);
		yousu__jset_str(
		    data, "feedback_due", yousu__jstr(doc, "feedback_due"));
		return "urge_feedback";
	}
	/* overdue after an extension (none can be granted once the deadline
	 * has passed): the leading group takes it up (003 三(三):
	 * 延期后仍不能解决的，提交领导小组集体研究解决) */
	if (today > due && yousu_policy_leading_group(p) != NULL &&
	    yousu__jint(doc, "extended_days", 0) > 0 &&
	    !cJSON_HasObjectItem(doc, "referred_to")) {
		yousu__jset_str(data, "to", yousu_policy_leading_group(p));
		yousu__jset_int(data, "extended_days",
		    yousu__jint(doc, "extended_days", 0));
		return "refer";
	}
	if (sup_at != 0) {
		if (yousu__jbool(doc, "round_notified", false) ||
		    yousu_calendar_working_days_between(wf->c.cal,
		        yousu_local_day(sup_at, wf->c.utc_offset_min), today,
		        &since, &cp) != YOUSU_OK ||
		    since <
		        yousu_policy_notice_days(p, yousu__jstr(doc, "source")))
			return NULL;
		*prov |= cp;
		yousu__jset_str(data, "cc", yousu_policy_notice_cc(p));
		yousu__jset_str(
		    data, "report_to", yousu_policy_notice_report_to(p));
		return "notice";
	}
	if (today > due) {
		yousu__jset_int(data, "overdue_days",
		    yousu_wf_overdue_days(wf, doc, today, &cp));
		*prov |= cp;
		return "supervise";
	}
	if (yousu__jbool(doc, "round_reminded", false) ||
	    yousu_calendar_working_days_between(
	        wf->c.cal, today, due, &left, &cp) != YOUSU_OK ||
	    left > yousu_policy_reminder_days(p))
		return NULL;
	*prov |= cp;
	yousu__jset_int(data, "days_left", left);
	return "remind";
}

/* Which escalation is due for doc now, or NULL. Escalations on the
 * deadline happen on working days only. *prov says whether the step
 * rests on provisional counting (a day past the loaded calendar, or a
 * provisional due date). */
static const char *
next_step(
    const yousu_wf *wf, const cJSON *doc, int64_t now, cJSON *data, bool *prov)
{
	const yousu_policy *p = wf->c.policy;
	int32_t today = yousu_local_day(now, wf->c.utc_offset_min);
	yousu_date due;
	bool work;

	*prov = false;
	if (contact_late(doc, now)) {
		yousu__jset_int(data, "contact_within_hours",
		    yousu__jint(doc, "contact_within_hours", 0));
		return "contact_late";
	}
	/* the rest is counted in working days: only for what has a limit */
	if (strcmp(yousu__jstr(doc, "status"), "assigned") != 0 &&
	    yousu_policy_assign_days(p) < 0)
		return NULL;
	yousu_calendar_is_workday(wf->c.cal, today, &work, prov);
	if (!work)
		return NULL;
	if (assign_late(wf, doc, today, prov)) {
		yousu__jset_int(
		    data, "assign_within_days", yousu_policy_assign_days(p));
		return "urge_assign";
	}
	if (strcmp(yousu__jstr(doc, "status"), "assigned") != 0 ||
	    yousu_date_parse(yousu__jstr(doc, "due"), &due) != YOUSU_OK)
		return NULL;
	*prov |= yousu__jbool(doc, "due_provisional", false);
	return deadline_step(wf, doc, today, due, data, prov);
}

static yousu_err
fire(yousu_wf *wf, cJSON *doc, const char *type, cJSON *data, int64_t now)
{
	char *text;
	yousu_event ev = {type, "scheduler", now, wf->c.centre, NULL};
	yousu_err rv;

	if (yousu__jstr(doc, "due") != NULL)
		yousu__jset_str(data, "due", yousu__jstr(doc, "due"));
	/* every step but the contact's is counted in working days */
	if (strcmp(type, "contact_late") != 0)
		yousu__jset_str(
		    data, "calendar", yousu_calendar_version(wf->c.cal));
	if ((text = yousu__json_print(data)) == NULL)
		return YOUSU_NOMEM;
	ev.data = text;
	if ((rv = yousu_store_begin(wf->c.store)) == YOUSU_OK) {
		yousu_project_apply(doc, &ev, data);
		rv = yousu_store_save(wf->c.store, doc, &ev);
		if (rv == YOUSU_OK)
			rv = yousu_store_commit(wf->c.store);
		if (rv != YOUSU_OK)
			yousu_store_rollback(wf->c.store);
	}
	free(text);
	return rv;
}

yousu_err
yousu_wf_tick(yousu_wf *wf, int *fired, char *err, size_t errlen)
{
	int64_t now = wf->c.now(wf->c.now_arg);
	tick_scan t = {wf, yousu_local_day(now, wf->c.utc_offset_min),
	    cJSON_CreateArray()};
	yousu_err rv =
	    yousu_store_each_open(wf->c.store, wf->c.centre, collect, &t);
	cJSON *doc;
	int n = 0;
	bool prov;

	cJSON_ArrayForEach (doc, t.due) {
		/* a complaint may need several steps after a clock jump;
		 * each step is its own event and transaction */
		for (int step = 0; rv == YOUSU_OK && step < 5; step++) {
			cJSON *data = cJSON_CreateObject();
			const char *type = next_step(wf, doc, now, data, &prov);

			/* a step taken on provisional counting says so */
			if (prov)
				yousu__jset_bool(data, "provisional", true);
			if (type != NULL &&
			    (rv = fire(wf, doc, type, data, now)) == YOUSU_OK)
				n++;
			cJSON_Delete(data);
			if (type == NULL)
				break;
		}
	}
	cJSON_Delete(t.due);
	*fired = n;
	if (rv != YOUSU_OK) {
		snprintf(err, errlen, "scheduler: %s: %s", yousu_strerror(rv),
		    yousu_store_errmsg(wf->c.store));
		return rv;
	}
	return YOUSU_OK;
}

int
yousu__late_after(const yousu_calendar *cal, int32_t due, bool due_prov,
    int32_t day, bool *prov)
{
	int late = 0;
	bool cp = false;

	/* not late by the provisional date, but the real one is not known
	 * while day itself lies past the loaded calendar */
	if (day <= due) {
		*prov = due_prov && !yousu_calendar_covers(cal, day);
		return 0;
	}
	if (yousu_calendar_working_days_between(cal, due, day, &late, &cp))
		yousu_panic("sched: cannot count from %d to %d", due, day);
	*prov = cp || due_prov;
	return late;
}

int
yousu__round_late(const yousu_wf *wf, const cJSON *doc, int32_t day, bool *prov)
{
	yousu_date due;

	*prov = false;
	if (yousu_date_parse(yousu__jstr(doc, "due"), &due) != YOUSU_OK)
		return 0;
	return yousu__late_after(wf->c.cal, due,
	    yousu__jbool(doc, "due_provisional", false), day, prov);
}

int
yousu_wf_overdue_days(
    const yousu_wf *wf, const cJSON *doc, int32_t today, bool *provisional)
{
	const char *status = yousu__jstr(doc, "status");
	int64_t past = yousu__jint(doc, "late_days", 0);
	bool prov = yousu__jbool(doc, "late_provisional", false), open = false;
	int late = 0;

	/* rounds already answered carry their lateness; an open round is
	 * late by the working days since its due date */
	if (status != NULL && strcmp(status, "assigned") == 0)
		late = yousu__round_late(wf, doc, today, &open);
	if (provisional != NULL)
		*provisional = prov || open;
	return (int) past + late;
}
