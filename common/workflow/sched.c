/* The scheduler: 催办 before due, 督办 when overdue, 通报 after. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wf_impl.h"
#include "yousu/complaint.h"
#include "yousu/json.h"

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

/* Steps are counted from the day each falls due: a daemon that was down,
 * or a clock that jumped, takes every step that fell due since, in the
 * chain's order, each with the day it fell due (due_on). */

/* The scheduler's view of one complaint at one time. */
typedef struct {
	const yousu_wf *wf;
	const cJSON *doc;
	int64_t now;
	int32_t today;
	cJSON *data; /* the step's event data */
	bool prov;   /* a day counted past the loaded calendar */
} look;

static bool
workday(look *l, yousu_date d)
{
	bool w, p;

	yousu_calendar_is_workday(l->wf->c.cal, d, &w, &p);
	l->prov |= p;
	return w;
}

/* The first working day after d. */
static yousu_date
workday_after(look *l, yousu_date d)
{
	yousu_date out;
	bool p;

	(void) yousu_calendar_add_working_days(l->wf->c.cal, d, 1, &out, &p);
	l->prov |= p;
	return out;
}

/* Working day n after d (n == 0: d). */
static yousu_date
workdays_after(look *l, yousu_date d, int n)
{
	yousu_date out;
	bool p;

	(void) yousu_calendar_add_working_days(l->wf->c.cal, d, n, &out, &p);
	l->prov |= p;
	return out;
}

/* The step falls due on day on: due today or before? Its day goes into
 * the event (due_on). */
static bool
fell_due(look *l, yousu_date on)
{
	char buf[11];

	if (on > l->today)
		return false;
	yousu_date_format(on, buf);
	yousu__jset_str(l->data, "due_on", buf);
	return true;
}

/* Still being handled: registered, classified or assigned (the
 * scheduler also looks at answered ones, for the caller's feedback). */
static bool
handling(const cJSON *doc)
{
	const char *s = yousu__jstr(doc, "status");

	return strcmp(s, "registered") == 0 || strcmp(s, "classified") == 0 ||
	       strcmp(s, "assigned") == 0;
}

/* The caller was to be told the outcome within N working days of intake
 * (the 12345 交办单: 并于N个工作日内将办理情况反馈来电人) and has not been,
 * neither by a callback nor at the return visit: urged once, the first
 * working day after. */
static bool
callback_late(look *l)
{
	const cJSON *doc = l->doc;
	yousu_date due;

	if (yousu_date_parse(yousu__jstr(doc, "callback_due"), &due) != 0 ||
	    yousu__jstr(doc, "phone") == NULL ||
	    yousu__jbool(doc, "anonymous", false) ||
	    cJSON_HasObjectItem(doc, "callback_at") ||
	    cJSON_HasObjectItem(doc, "visit_at") ||
	    cJSON_HasObjectItem(doc, "callback_urged_at") ||
	    !fell_due(l, workday_after(l, due)))
		return false;
	l->prov |= yousu__jbool(doc, "callback_provisional", false);
	yousu__jset_str(
	    l->data, "callback_due", yousu__jstr(doc, "callback_due"));
	return true;
}

/* The caller was to be contacted within N hours of intake (the 12345
 * 交办单's “请于N小时内与来电人取得联系（匿名除外）”) and has not been. */
static bool
contact_late(look *l)
{
	const cJSON *doc = l->doc;
	int64_t hours = yousu__jint(doc, "contact_within_hours", 0);
	int64_t by;
	char buf[32];

	/* without the phone (anonymous, or a copy at the city, which never
	 * holds it) there is no one this centre could call */
	if (hours > 720)
		hours = 720;
	by = yousu__jint(doc, "received_at", 0) + hours * 3600;
	if (hours <= 0 || !handling(doc) || yousu__jstr(doc, "phone") == NULL ||
	    yousu__jbool(doc, "anonymous", false) ||
	    cJSON_HasObjectItem(doc, "contacted_at") ||
	    cJSON_HasObjectItem(doc, "contact_late_at") || l->now <= by)
		return false;
	yousu_format_time(by, l->wf->c.utc_offset_min, buf, sizeof buf);
	yousu__jset_str(l->data, "due_on", buf);
	yousu__jset_int(l->data, "contact_within_hours", hours);
	return true;
}

/* A registered complaint still not assigned (nor resolved, nor refused)
 * past the profile's assign_within_days (003 三(二): 交办单 “当日转”):
 * urged the first working day after. */
static bool
assign_late(look *l)
{
	const cJSON *doc = l->doc;
	int days = yousu_policy_assign_days(l->wf->c.policy);
	const char *status = yousu__jstr(doc, "status");
	/* from when this centre got it to assign: taken, handed over, or
	 * returned for redo, whichever is latest */
	int64_t at = yousu__jint(doc, "received_at", 0);
	int32_t taken;

	if (days < 0 || cJSON_HasObjectItem(doc, "assign_urged_at") ||
	    (strcmp(status, "registered") != 0 &&
	        strcmp(status, "classified") != 0))
		return false;
	if (yousu__jint(doc, "transferred_at", 0) > at)
		at = yousu__jint(doc, "transferred_at", 0);
	if (yousu__jint(doc, "redo_at", 0) > at)
		at = yousu__jint(doc, "redo_at", 0);
	taken = yousu_local_day(at, l->wf->c.utc_offset_min);
	/* taken on a day off: the count starts on the next working day */
	if (!workday(l, taken))
		days++;
	if (!fell_due(l, workday_after(l, workdays_after(l, taken, days))))
		return false;
	yousu__jset_int(l->data, "assign_within_days", days);
	return true;
}

/* The day the current round began (its due date was counted from). */
static yousu_date
round_start(const look *l)
{
	const cJSON *doc = l->doc;
	yousu_date d;
	int64_t at = yousu__jint(doc, "assigned_at", 0);

	if (yousu_date_parse(yousu__jstr(doc, "due_from"), &d) == YOUSU_OK)
		return d;
	if (yousu__jint(doc, "redo_at", 0) > at)
		at = yousu__jint(doc, "redo_at", 0);
	return yousu_local_day(at, l->wf->c.utc_offset_min);
}

/* 催办 falls due on the first working day of the round with at most
 * reminder_before_days working days left before due. */
static yousu_date
remind_on(look *l, yousu_date due)
{
	int r = yousu_policy_reminder_days(l->wf->c.policy), left = 0;
	yousu_date start = round_start(l), t = due, pick = due;

	/* walk back from the due date while no more than r days are left */
	while (t > start && due - t < 400) {
		left += workday(l, t);
		if (left > r)
			break;
		t--;
		if (workday(l, t))
			pick = t;
	}
	return pick;
}

/* The day the round's 督办 fell due: as recorded, or when it was taken. */
static yousu_date
supervised_on(const look *l)
{
	yousu_date d;

	if (yousu_date_parse(yousu__jstr(l->doc, "round_supervised_on"), &d) ==
	    YOUSU_OK)
		return d;
	return yousu_local_day(yousu__jint(l->doc, "round_supervised_at", 0),
	    l->wf->c.utc_offset_min);
}

/* The step on the deadline of an assigned complaint due on day due, or
 * NULL: in the chain's order 催报初步反馈, 催办, 提交领导小组, 督办, 通报. */
static const char *
deadline_step(look *l, yousu_date due)
{
	const cJSON *doc = l->doc;
	const yousu_policy *p = l->wf->c.policy;
	bool supervised = yousu__jint(doc, "round_supervised_at", 0) != 0;
	yousu_date fb;
	int left, since;

	/* the first feedback (初步反馈意见) is late */
	if (yousu__jstr(doc, "feedback_due") != NULL &&
	    !cJSON_HasObjectItem(doc, "feedback") &&
	    !cJSON_HasObjectItem(doc, "feedback_urged_at") &&
	    yousu_date_parse(yousu__jstr(doc, "feedback_due"), &fb) == 0 &&
	    fell_due(l, workday_after(l, fb))) {
		l->prov |= yousu__jbool(doc, "feedback_provisional", false);
		yousu__jset_str(
		    l->data, "feedback_due", yousu__jstr(doc, "feedback_due"));
		return "urge_feedback";
	}
	if (!supervised && !yousu__jbool(doc, "round_reminded", false) &&
	    fell_due(l, remind_on(l, due))) {
		bool cp;

		yousu_calendar_working_days_between(
		    l->wf->c.cal, l->today, due, &left, &cp);
		l->prov |= cp;
		yousu__jset_int(l->data, "days_left", left > 0 ? left : 0);
		return "remind";
	}
	/* overdue after an extension (none can be granted once the deadline
	 * has passed): the leading group takes it up (003 三(三):
	 * 延期后仍不能解决的，提交领导小组集体研究解决) */
	if (yousu_policy_leading_group(p) != NULL &&
	    yousu__jint(doc, "extended_days", 0) > 0 &&
	    !cJSON_HasObjectItem(doc, "referred_to") &&
	    fell_due(l, workday_after(l, due))) {
		yousu__jset_str(l->data, "to", yousu_policy_leading_group(p));
		yousu__jset_int(l->data, "extended_days",
		    yousu__jint(doc, "extended_days", 0));
		return "refer";
	}
	if (!supervised && fell_due(l, workday_after(l, due))) {
		bool cp;

		yousu__jset_int(l->data, "overdue_days",
		    yousu_wf_overdue_days(l->wf, doc, l->today, &cp));
		l->prov |= cp;
		return "supervise";
	}
	since = yousu_policy_notice_days(p, yousu__jstr(doc, "source"));
	if (!supervised || yousu__jbool(doc, "round_notified", false) ||
	    !fell_due(l, workdays_after(l, supervised_on(l), since)))
		return NULL;
	yousu__jset_str(l->data, "cc", yousu_policy_notice_cc(p));
	yousu__jset_str(l->data, "report_to", yousu_policy_notice_report_to(p));
	return "notice";
}

/* Which step is due for doc now, or NULL. Steps on a deadline are taken
 * on working days only (a step that fell due on a day off, or while the
 * daemon was down, waits for the next working day). *prov says whether
 * the step rests on provisional counting (a day past the loaded
 * calendar, or a provisional due date). */
static const char *
next_step(
    const yousu_wf *wf, const cJSON *doc, int64_t now, cJSON *data, bool *prov)
{
	look l = {wf, doc, now, yousu_local_day(now, wf->c.utc_offset_min),
	    data, false};
	yousu_date due;
	const char *type = NULL;

	if (contact_late(&l))
		type = "contact_late";
	else if (workday(&l, l.today)) {
		if (assign_late(&l))
			type = "urge_assign";
		else if (callback_late(&l))
			type = "urge_callback";
		else if (strcmp(yousu__jstr(doc, "status"), "assigned") == 0 &&
		         yousu_date_parse(yousu__jstr(doc, "due"), &due) == 0) {
			l.prov |= yousu__jbool(doc, "due_provisional", false);
			type = deadline_step(&l, due);
		}
	}
	*prov = l.prov && type != NULL && strcmp(type, "contact_late") != 0;
	return type;
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
		for (int step = 0; rv == YOUSU_OK && step < 8; step++) {
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
