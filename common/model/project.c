/* The complaint model: code tables and the projection of events. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "yousu/calendar.h"
#include "yousu/complaint.h"
#include "yousu/json.h"

typedef struct {
	const char *kind, *code, *label;
} code_label;

static const code_label labels[] = {
    {"status", "registered", "已登记"},
    {"status", "rejected", "不予受理"},
    {"status", "classified", "已分类"},
    {"status", "assigned", "办理中"},
    {"status", "replied", "已答复"},
    {"status", "checked", "已质检"},
    {"status", "visited", "已回访"},
    {"status", "closed", "已清零销号"},
    {"event", "intake", "受理登记"},
    {"event", "reject", "不予受理"},
    {"event", "classify", "研判分类"},
    {"event", "resolve", "当场办结"},
    {"event", "assign", "分办转办"},
    {"event", "reply", "答复"},
    {"event", "extend", "延期"},
    {"event", "accept", "签收"},
    {"event", "co_reply", "协办答复"},
    {"event", "extend_request", "延期申请"},
    {"event", "qc", "质检"},
    {"event", "visit", "回访"},
    {"event", "redo", "退回重办"},
    {"event", "close", "清零销号"},
    {"event", "remind", "催办"},
    {"event", "supervise", "督办"},
    {"event", "notice", "通报"},
    {"event", "transfer", "跨层级移交"},
    {"event", "feedback", "初步反馈"},
    {"event", "urge_feedback", "催报初步反馈"},
    {"event", "refer", "提交领导小组"},
    {"event", "fault", "过错通报"},
    {"event", "contact", "联系来电人"},
    {"event", "contact_late", "未按时联系来电人"},
    {"event", "urge_assign", "催办分办"},
    {"event", "adjust", "期限调整"},
    {"event", "callback", "反馈来电人"},
    {"event", "urge_callback", "催反馈来电人"},
    {"event", "explain", "问题处理说明"},
    {"event", "decide", "领导小组研究决定"},
    {"event", "revisit", "批次回访"},
    {"event", "notify", "短信通知"},
    {"event", "add", "补充反映"},
    {"source", "window", "窗口"},
    {"source", "hotline", "12345热线"},
    {"source", "online", "网上"},
    {"source", "transfer", "上下级转办"},
    {"nature", "general", "一般"},
    {"nature", "cannot", "办不了"},
    {"nature", "hard", "很难办"},
    {"nature", "refused", "不给办"},
    {"satisfaction", "satisfied", "满意"},
    {"satisfaction", "basic", "基本满意"},
    {"satisfaction", "unsatisfied", "不满意"},
    {"notify_kind", "assign", "交办"},
    {"notify_kind", "remind", "催办"},
    {"notify_kind", "supervise", "督办"},
    {"notify_kind", "notice", "通报"},
    {"notify_kind", "registered", "受理登记"},
    {"notify_kind", "replied", "办理答复"},
    {"notify_kind", "add", "补充反映"},
    {"visit_outcome", "reached", "联系上"},
    {"visit_outcome", "no_answer", "无人接听"},
    {"visit_outcome", "refused", "拒绝回访"},
    {"visit_outcome", "wrong_number", "号码错误"},
    {"reply", "done", "已办理"},
    {"reply", "cannot", "否定答复"},
    {"reply", "plan", "解决方案"},
    {"reply", "spot", "当场办结"},
    {"case", "proposed", "待审核"},
    {"case", "published", "已发布"},
    {"case", "returned", "已退回"},
    {NULL, NULL, NULL},
};

bool
yousu_id_numbered_by(const char *id, const char *code)
{
	size_t n = strlen(code);

	return strncmp(id, code, n) == 0 && id[n] == '-';
}

const char *
yousu_label(const char *kind, const char *code)
{
	for (const code_label *l = labels; code != NULL && l->kind; l++)
		if (strcmp(l->kind, kind) == 0 && strcmp(l->code, code) == 0)
			return l->label;
	return code;
}

const char *
yousu_code_from_input(const char *kind, const char *input)
{
	for (const code_label *l = labels; input != NULL && l->kind; l++)
		if (strcmp(l->kind, kind) == 0 &&
		    (strcmp(l->code, input) == 0 ||
		        strcmp(l->label, input) == 0))
			return l->code;
	return NULL;
}

void
yousu_codes_list(const char *kind, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (const code_label *l = labels; l->kind && off < len; l++)
		if (strcmp(l->kind, kind) == 0)
			off += (size_t) snprintf(buf + off, len - off,
			    "%s%s (%s)", off ? ", " : "", l->code, l->label);
}

/* Copy the listed string/number/bool members of data into doc. */
static void
copy_members(cJSON *doc, const cJSON *data, const char *const *keys)
{
	for (; *keys != NULL; keys++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(data, *keys);

		if (v != NULL)
			yousu__jset(doc, *keys, cJSON_Duplicate(v, 1));
	}
}

static void
count(cJSON *doc, const char *key)
{
	yousu__jset_int(doc, key, yousu__jint(doc, key, 0) + 1);
}

static void
first_time(cJSON *doc, const char *key, int64_t at)
{
	if (yousu__jint(doc, key, 0) == 0)
		yousu__jset_int(doc, key, at);
}

/* doc.key = true when data.key is true, else no such member: a figure
 * counted past the loaded calendar is marked provisional (暂定). */
static void
set_flag(cJSON *doc, const cJSON *data, const char *key)
{
	if (yousu__jbool(data, key, false))
		yousu__jset_bool(doc, key, true);
	else
		cJSON_DeleteItemFromObjectCaseSensitive(doc, key);
}

/* The calendar version that counted the figures data sets. */
static void
set_calendar(cJSON *doc, const cJSON *data)
{
	if (yousu__jstr(data, "calendar") != NULL)
		yousu__jset_str(doc, "calendar", yousu__jstr(data, "calendar"));
}

static void
start_round(cJSON *doc, const cJSON *data)
{
	/* the first round's date: the response (响应率) is counted to it */
	if (yousu__jstr(doc, "first_due") == NULL &&
	    yousu__jstr(data, "due") != NULL)
		yousu__jset_str(doc, "first_due", yousu__jstr(data, "due"));
	yousu__jset_str(doc, "due", yousu__jstr(data, "due"));
	set_flag(doc, data, "due_provisional");
	set_flag(doc, data, "feedback_provisional");
	set_calendar(doc, data);
	/* the day the round's due date is counted from */
	if (yousu__jstr(data, "due_from") != NULL)
		yousu__jset_str(doc, "due_from", yousu__jstr(data, "due_from"));
	yousu__jset_int(doc, "limit_days", yousu__jint(data, "limit_days", 0));
	yousu__jset_bool(doc, "round_reminded", false);
	yousu__jset_int(doc, "round_supervised_at", 0);
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "round_supervised_on");
	yousu__jset_bool(doc, "round_notified", false);
	yousu__jset_str(doc, "status", "assigned");
	if (yousu__jstr(data, "feedback_due") != NULL)
		yousu__jset_str(
		    doc, "feedback_due", yousu__jstr(data, "feedback_due"));
	else
		cJSON_DeleteItemFromObjectCaseSensitive(doc, "feedback_due");
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "feedback");
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "feedback_urged_at");
	/* a new round is signed for and co-answered anew */
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "accepted");
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "co_replies");
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "extension_request");
}

/* item, stamped with at, appended to the array doc.<key> (made when
 * missing). */
static void
append_at(cJSON *doc, const char *key, cJSON *item, int64_t at)
{
	cJSON *all = cJSON_GetObjectItem(doc, key);

	if (all == NULL)
		cJSON_AddItemToObject(doc, key, all = cJSON_CreateArray());
	yousu__jset_int(item, "at", at);
	cJSON_AddItemToArray(all, item);
}

/* doc.<map>.<key> = v (the map made when missing). */
static void
map_set(cJSON *doc, const char *map, const char *key, cJSON *v)
{
	cJSON *m = cJSON_GetObjectItemCaseSensitive(doc, map);

	if (m == NULL) {
		m = cJSON_CreateObject();
		yousu__jset(doc, map, m);
	}
	yousu__jset(m, key ? key : "", v);
}

static void
apply_dept(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	const char *dept = yousu__jstr(data, "dept");

	if (strcmp(ev->type, "accept") == 0) {
		map_set(
		    doc, "accepted", dept, cJSON_CreateNumber((double) ev->at));
	} else if (strcmp(ev->type, "co_reply") == 0) {
		cJSON *r = cJSON_CreateObject();

		yousu__jset_str(r, "result", yousu__jstr(data, "result"));
		yousu__jset_int(r, "at", ev->at);
		yousu__jset_str(r, "actor", ev->actor);
		map_set(doc, "co_replies", dept, r);
	} else {
		cJSON *r = cJSON_Duplicate(data, 1);

		yousu__jset_int(r, "at", ev->at);
		yousu__jset(doc, "extension_request", r);
	}
}

static void
apply_intake(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	static const char *const keys[] = {"id", "serial", "year", "source",
	    "name", "is_org", "org_contact", "phone", "address", "content",
	    "staff", "duty_leader", "order_contact", "order_phone",
	    "contact_within_hours", "anonymous", "hotline_no",
	    "time_limit_days", "feedback_within_days", "lead_unit", "co_units",
	    "callback_due", "notify", "repeat_of", "repeat_dept", NULL};

	copy_members(doc, data, keys);
	set_flag(doc, data, "callback_provisional");
	set_calendar(doc, data);
	yousu__jset_str(doc, "origin", ev->origin);
	yousu__jset_str(doc, "owner", ev->origin);
	yousu__jset_int(doc, "received_at", ev->at);
	yousu__jset_str(doc, "status", "registered");
}

static void
apply_assign(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	static const char *const keys[] = {"lead", "co", "stub", NULL};

	copy_members(doc, data, keys);
	yousu__jset_int(doc, "assigned_at", ev->at);
	start_round(doc, data);
}

/* The lateness of a round that ends (answered, or replaced) added to
 * the complaint's, provisional once any part of it is. */
static void
add_lateness(cJSON *doc, const cJSON *data)
{
	yousu__jset_int(doc, "late_days",
	    yousu__jint(doc, "late_days", 0) +
	        yousu__jint(data, "late_days", 0));
	if (yousu__jbool(data, "late_provisional", false))
		yousu__jset_bool(doc, "late_provisional", true);
}

/* A new round's deadline without the rest of a round's start: the
 * departments' signatures and co-replies stand. */
static void
restart_deadline(cJSON *doc, const cJSON *data)
{
	yousu__jset_str(doc, "due", yousu__jstr(data, "due"));
	set_flag(doc, data, "due_provisional");
	set_calendar(doc, data);
	yousu__jset_str(doc, "due_from", yousu__jstr(data, "due_from"));
	yousu__jset_int(doc, "limit_days", yousu__jint(data, "limit_days", 0));
	yousu__jset_bool(doc, "round_reminded", false);
	yousu__jset_int(doc, "round_supervised_at", 0);
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "round_supervised_on");
	yousu__jset_bool(doc, "round_notified", false);
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "feedback_due");
}

/* 解决方案 (002 第八条): the plan, and the complaint open under the date
 * its result is committed to. Plans replied before a committed date was
 * asked for carry none and are answers (apply_reply). */
static void
apply_plan(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	static const char *const keys[] = {
	    "result", "steps", "committed", "dept", "late_days", NULL};
	cJSON *pl = cJSON_CreateObject();

	copy_members(pl, data, keys);
	yousu__jset_int(pl, "at", ev->at);
	yousu__jset_str(pl, "actor", ev->actor);
	yousu__jset(doc, "plan", pl);
	count(doc, "plans");
	add_lateness(doc, data);
	restart_deadline(doc, data);
	yousu__jset_str(doc, "status", "assigned");
}

static void
apply_reply(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	cJSON *r, *pl = cJSON_GetObjectItem(doc, "plan");
	const char *kind = yousu__jstr(data, "kind");

	/* the first answer of any kind (a plan, on the spot) is a response */
	first_time(doc, "responded_at", ev->at);

	if (kind != NULL && strcmp(kind, "plan") == 0 &&
	    yousu__jstr(data, "committed") != NULL) {
		apply_plan(doc, ev, data);
		return;
	}
	/* the result of a plan: kept by its date or not */
	if (pl != NULL &&
	    cJSON_IsBool(cJSON_GetObjectItem(data, "plan_kept"))) {
		yousu__jset_int(pl, "done_at", ev->at);
		yousu__jset_bool(
		    pl, "kept", yousu__jbool(data, "plan_kept", false));
		yousu__jset_str(pl, "due", yousu__jstr(data, "plan_due"));
		yousu__jset_int(
		    pl, "days_late", yousu__jint(data, "late_days", 0));
	}
	r = cJSON_Duplicate(data, 1);

	yousu__jset_int(r, "at", ev->at);
	yousu__jset_str(r, "actor", ev->actor);
	yousu__jset(doc, "reply", r);
	yousu__jset_int(doc, "handled_at", ev->at);
	add_lateness(doc, data);
	set_calendar(doc, data);
	yousu__jset_str(doc, "status", "replied");
}

static void
apply_escalation(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	if (strcmp(ev->type, "remind") == 0) {
		first_time(doc, "reminded_at", ev->at);
		count(doc, "reminders");
		yousu__jset_bool(doc, "round_reminded", true);
	} else if (strcmp(ev->type, "supervise") == 0) {
		first_time(doc, "supervised_at", ev->at);
		count(doc, "supervisions");
		yousu__jset_int(doc, "round_supervised_at", ev->at);
		/* the day it fell due: the notice is counted from it */
		if (yousu__jstr(data, "due_on") != NULL)
			yousu__jset_str(doc, "round_supervised_on",
			    yousu__jstr(data, "due_on"));
	} else {
		first_time(doc, "notified_at", ev->at);
		count(doc, "notices");
		yousu__jset_bool(doc, "round_notified", true);
	}
}

static void
apply_qc(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	cJSON *q = cJSON_Duplicate(data, 1);

	yousu__jset_int(q, "at", ev->at);
	yousu__jset(doc, "qc", q);
	if (yousu__jbool(data, "pass", false)) {
		yousu__jset_str(doc, "status", "checked");
		return;
	}
	count(doc, "redos");
	yousu__jset_int(doc, "redo_at", ev->at);
	start_round(doc, data);
}

/* Back to work (退回重办): by a redo, or by a return visit's answer */
static void
reopen(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	count(doc, "redos");
	yousu__jset_int(doc, "redo_at", ev->at);
	yousu__jset_str(doc, "redo_reason", yousu__jstr(data, "reason"));
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "assign_urged_at");
	if (yousu__jstr(data, "due") != NULL)
		start_round(doc, data);
	else
		yousu__jset_str(doc, "status", "classified");
}

static void
apply_redo(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	const char *round = yousu__jstr(doc, "last_round");

	/* a closed one reopened by its visit round's result (004 第五条) */
	if (round != NULL && strcmp(yousu__jstr(doc, "status"), "closed") == 0)
		yousu__jset_bool(
		    cJSON_GetObjectItem(
		        cJSON_GetObjectItem(doc, "revisits"), round),
		    "rechecked", true);
	reopen(doc, ev, data);
}

/* 回访: a call (reached or not) and, reached, the complainant's answers;
 * enough calls without reaching them end it as 无法回访 */
static void
apply_visit(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	const char *outcome = yousu__jstr(data, "outcome");

	if (outcome != NULL) {
		cJSON *call = cJSON_CreateObject();

		yousu__jset_str(call, "outcome", outcome);
		yousu__jset_str(call, "by", ev->actor);
		append_at(doc, "visit_calls", call, ev->at);
	}
	if (outcome != NULL && strcmp(outcome, "reached") != 0) {
		if (yousu__jint(data, "attempt", 1) == 1)
			yousu__jset_int(doc, "visit_first_failed_at", ev->at);
		yousu__jset_int(
		    doc, "visit_failed", yousu__jint(data, "attempt", 1));
		if (yousu__jbool(data, "unreachable", false)) {
			yousu__jset_bool(doc, "unreachable", true);
			yousu__jset_int(doc, "visit_at", ev->at);
			yousu__jset_str(doc, "status", "visited");
		}
		return;
	}
	yousu__jset_int(doc, "visit_at", ev->at);
	yousu__jset_str(doc, "satisfaction", yousu__jstr(data, "satisfaction"));
	yousu__jset_str(doc, "visit_note", yousu__jstr(data, "note"));
	if (cJSON_HasObjectItem(data, "resolved"))
		yousu__jset_bool(
		    doc, "resolved", yousu__jbool(data, "resolved", false));
	if (cJSON_GetObjectItem(data, "evaluation_sent_to") != NULL)
		yousu__jset(doc, "evaluation_sent_to",
		    cJSON_Duplicate(
		        cJSON_GetObjectItem(data, "evaluation_sent_to"), 1));
	yousu__jset_str(doc, "status", "visited");
	if (yousu__jbool(data, "recheck", false))
		reopen(doc, ev, data);
}

/* 期限调整: the figures counted again under a new calendar (recalc.c);
 * the steps already taken stay as they were. */
static void
apply_adjust(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	static const char *const keys[] = {
	    "due", "feedback_due", "callback_due", "late_days", NULL};

	copy_members(doc, data, keys);
	if (cJSON_HasObjectItem(data, "due"))
		set_flag(doc, data, "due_provisional");
	if (cJSON_HasObjectItem(data, "feedback_due"))
		set_flag(doc, data, "feedback_provisional");
	if (cJSON_HasObjectItem(data, "callback_due"))
		set_flag(doc, data, "callback_provisional");
	set_flag(doc, data, "late_provisional");
	set_flag(doc, data, "steps_provisional");
	set_calendar(doc, data);
	count(doc, "adjustments");
	yousu__jset_int(doc, "adjusted_at", ev->at);
}

static void
apply_other(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	static const char *const cls[] = {
	    "category", "nature", "class", "level", NULL};
	static const char *const rej[] = {
	    "ground", "label", "channel", "note", NULL};

	if (strcmp(ev->type, "classify") == 0) {
		copy_members(doc, data, cls);
		yousu__jset_str(doc, "status", "classified");
	} else if (strcmp(ev->type, "reject") == 0) {
		cJSON *r = cJSON_CreateObject();

		copy_members(r, data, rej);
		yousu__jset(doc, "rejection", r);
		yousu__jset_int(doc, "closed_at", ev->at);
		yousu__jset_str(doc, "status", "rejected");
	} else if (strcmp(ev->type, "extend") == 0) {
		yousu__jset_int(doc, "extended_days",
		    yousu__jint(doc, "extended_days", 0) +
		        yousu__jint(data, "days", 0));
		yousu__jset_str(doc, "due", yousu__jstr(data, "due"));
		set_flag(doc, data, "due_provisional");
		set_calendar(doc, data);
		yousu__jset_bool(doc, "round_reminded", false);
		count(doc, "extensions");
		/* the request, if a department made one, is answered */
		cJSON_DeleteItemFromObjectCaseSensitive(
		    doc, "extension_request");
	} else if (strcmp(ev->type, "transfer") == 0) {
		yousu__jset_str(doc, "owner", yousu__jstr(data, "to"));
		yousu__jset_int(doc, "transferred_at", ev->at);
		yousu__jset_str(doc, "handed_from", ev->origin);
		count(doc, "transfers");
		/* the new owner has its own time to assign it */
		cJSON_DeleteItemFromObjectCaseSensitive(doc, "assign_urged_at");
	} else if (strcmp(ev->type, "feedback") == 0) {
		cJSON *f = cJSON_CreateObject();

		yousu__jset_str(f, "dept", yousu__jstr(data, "dept"));
		yousu__jset_str(f, "result", yousu__jstr(data, "result"));
		yousu__jset_int(f, "at", ev->at);
		yousu__jset(doc, "feedback", f);
		first_time(doc, "responded_at", ev->at);
	} else if (strcmp(ev->type, "urge_feedback") == 0) {
		yousu__jset_int(doc, "feedback_urged_at", ev->at);
	} else if (strcmp(ev->type, "refer") == 0) {
		yousu__jset_int(doc, "referred_at", ev->at);
		yousu__jset_str(doc, "referred_to", yousu__jstr(data, "to"));
	} else if (strcmp(ev->type, "add") == 0) {
		/* 补充反映: what the complainant added, no new deadline */
		append_at(doc, "additions", cJSON_Duplicate(data, 1), ev->at);
	} else if (strcmp(ev->type, "notify") == 0) {
		/* a notification written for the SMS gateway */
		append_at(
		    doc, "notifications", cJSON_Duplicate(data, 1), ev->at);
	} else if (strcmp(ev->type, "contact") == 0) {
		first_time(doc, "contacted_at", ev->at);
		yousu__jset_str(doc, "contact_note", yousu__jstr(data, "note"));
	} else if (strcmp(ev->type, "urge_assign") == 0) {
		yousu__jset_int(doc, "assign_urged_at", ev->at);
	} else if (strcmp(ev->type, "contact_late") == 0) {
		yousu__jset_int(doc, "contact_late_at", ev->at);
	} else if (strcmp(ev->type, "fault") == 0) {
		/* a notice of its own (the ledger says 已通报), not one of the
		 * overdue notices the statistics count */
		count(doc, "faults");
		yousu__jset_str(doc, "fault", yousu__jstr(data, "fault"));
		yousu__jset_str(
		    doc, "fault_opinion", yousu__jstr(data, "opinion"));
	} else if (strcmp(ev->type, "adjust") == 0) {
		apply_adjust(doc, ev, data);
	} else if (strcmp(ev->type, "callback") == 0) {
		if (yousu__jint(doc, "callback_at", 0) == 0 &&
		    cJSON_IsBool(cJSON_GetObjectItem(data, "on_time")))
			yousu__jset_bool(doc, "callback_on_time",
			    yousu__jbool(data, "on_time", false));
		first_time(doc, "callback_at", ev->at);
		yousu__jset_str(
		    doc, "callback_note", yousu__jstr(data, "note"));
	} else if (strcmp(ev->type, "decide") == 0) {
		static const char *const keys[] = {"met_on", "participants",
		    "decision", "lead", "co", "due", "group", NULL};
		static const char *const depts[] = {"lead", "co", NULL};
		cJSON *x = cJSON_CreateObject();

		copy_members(x, data, keys);
		yousu__jset_int(x, "at", ev->at);
		yousu__jset_str(x, "actor", ev->actor);
		yousu__jset(doc, "decision", x);
		count(doc, "decisions");
		copy_members(doc, data, depts);
		first_time(doc, "assigned_at", ev->at);
		add_lateness(doc, data);
		/* the departments it orders act anew, to its date */
		start_round(doc, data);
	} else if (strcmp(ev->type, "revisit") == 0) {
		static const char *const keys[] = {
		    "reached", "satisfaction", "opinion", NULL};
		cJSON *x = cJSON_CreateObject();

		copy_members(x, data, keys);
		yousu__jset_int(x, "at", ev->at);
		yousu__jset_str(x, "actor", ev->actor);
		map_set(doc, "revisits", yousu__jstr(data, "round"), x);
		yousu__jset_str(doc, "last_round", yousu__jstr(data, "round"));
		count(doc, "revisit_count");
	} else if (strcmp(ev->type, "explain") == 0) {
		static const char *const keys[] = {
		    "problem", "consulted", "proposal", "dept", NULL};
		cJSON *x = cJSON_CreateObject();

		copy_members(x, data, keys);
		yousu__jset_int(x, "at", ev->at);
		yousu__jset_str(x, "actor", ev->actor);
		yousu__jset(doc, "explanation", x);
		count(doc, "explanations");
	} else if (strcmp(ev->type, "urge_callback") == 0) {
		yousu__jset_int(doc, "callback_urged_at", ev->at);
	} else if (strcmp(ev->type, "close") == 0) {
		yousu__jset_int(doc, "closed_at", ev->at);
		yousu__jset_str(doc, "close_note", yousu__jstr(data, "note"));
		yousu__jset_str(doc, "status", "closed");
	} else {
		yousu_panic("project: unknown event type '%s'", ev->type);
	}
}

bool
yousu_project_known(const char *type, const cJSON *data)
{
	if (type == NULL || !cJSON_IsObject(data) ||
	    strcmp(yousu_label("event", type), type) == 0)
		return false;
	/* what the projection relies on must be there */
	if (strcmp(type, "transfer") == 0)
		return yousu__jstr(data, "to") != NULL;
	if (strcmp(type, "intake") == 0)
		return yousu__jstr(data, "id") != NULL;
	if (strcmp(type, "accept") == 0 || strcmp(type, "co_reply") == 0 ||
	    strcmp(type, "extend_request") == 0)
		return yousu__jstr(data, "dept") != NULL;
	if (strcmp(type, "revisit") == 0)
		return yousu__jstr(data, "round") != NULL;
	if (strcmp(type, "explain") == 0)
		return yousu__jstr(data, "problem") != NULL;
	if (strcmp(type, "adjust") == 0)
		return yousu__jstr(data, "calendar") != NULL &&
		       cJSON_IsNumber(cJSON_GetObjectItem(data, "late_days"));
	/* a plan with its committed date starts a round to it */
	if (strcmp(type, "reply") == 0 && yousu__jstr(data, "committed"))
		return yousu__jstr(data, "due") != NULL &&
		       yousu__jstr(data, "due_from") != NULL;
	/* a new round of handling needs its due date */
	if (strcmp(type, "assign") == 0 || strcmp(type, "extend") == 0 ||
	    strcmp(type, "decide") == 0 ||
	    (strcmp(type, "qc") == 0 && !yousu__jbool(data, "pass", false)))
		return yousu__jstr(data, "due") != NULL;
	return true;
}

/* A step signed by an account (the desk) or by yousuctl: who signed it,
 * by the step, for the ledger's signature columns (办结签字, 带班领导签字).
 * Events from before signers were recorded carry none and change
 * nothing. */
static void
signed_by(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	const cJSON *signer = cJSON_GetObjectItem(data, "signer");
	cJSON *all = cJSON_GetObjectItem(doc, "signed"), *one;

	if (!cJSON_IsObject(signer))
		return;
	if (all == NULL)
		cJSON_AddItemToObject(
		    doc, "signed", all = cJSON_CreateObject());
	one = cJSON_CreateObject();
	yousu__jset_str(one, "name", ev->actor);
	yousu__jset_str(one, "login", yousu__jstr(signer, "login"));
	yousu__jset_str(one, "role", yousu__jstr(signer, "role"));
	yousu__jset_int(one, "at", ev->at);
	yousu__jset(all, ev->type, one);
}

void
yousu_project_apply(cJSON *doc, const yousu_event *ev, const cJSON *data)
{
	const char *t = ev->type;

	count(doc, "events");
	yousu__jset_int(doc, "updated_at", ev->at);
	/* a scheduler step taken on provisional counting, until a 期限调整
	 * looks at it under a calendar that covers its day */
	if (yousu__jbool(data, "provisional", false))
		yousu__jset_bool(doc, "steps_provisional", true);
	if (strcmp(t, "intake") == 0)
		apply_intake(doc, ev, data);
	else if (strcmp(t, "assign") == 0)
		apply_assign(doc, ev, data);
	else if (strcmp(t, "reply") == 0 || strcmp(t, "resolve") == 0)
		apply_reply(doc, ev, data);
	else if (strcmp(t, "remind") == 0 || strcmp(t, "supervise") == 0 ||
	         strcmp(t, "notice") == 0)
		apply_escalation(doc, ev, data);
	else if (strcmp(t, "qc") == 0)
		apply_qc(doc, ev, data);
	else if (strcmp(t, "redo") == 0)
		apply_redo(doc, ev, data);
	else if (strcmp(t, "visit") == 0)
		apply_visit(doc, ev, data);
	else if (strcmp(t, "accept") == 0 || strcmp(t, "co_reply") == 0 ||
	         strcmp(t, "extend_request") == 0)
		apply_dept(doc, ev, data);
	else
		apply_other(doc, ev, data);
	signed_by(doc, ev, data);
}
