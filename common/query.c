/* The ledger, statistics and the work order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "wf_impl.h"
#include "yousu/complaint.h"
#include "yousu/query.h"

static const char *const ledger_columns[] = {"序号", "姓名或单位名称",
    "单位联系人", "联系方式", "主要诉求", "诉求类别",
    "政务服务责任部门及牵头部门", "分办转办时间", "要求办理期限",
    "是否催办及时间", "是否督办及时间", "是否退回重办及时间", "实际办结时间",
    "办理情况", "回访时间", "办理结果满意度", "备注", NULL};

typedef struct {
	const yousu_wf *wf;
	int32_t today;
	bool with_id;
	cJSON *rows;
} ledger_scan;

static void
add_str(cJSON *row, const char *s)
{
	cJSON_AddItemToArray(row, cJSON_CreateString(s ? s : ""));
}

static void
add_time(const yousu_wf *wf, cJSON *row, const cJSON *doc, const char *key)
{
	char buf[32];

	yousu_format_time(
	    yousu__jint(doc, key, 0), wf->c.utc_offset_min, buf, sizeof buf);
	add_str(row, buf);
}

static const char *
dept_name(const yousu_wf *wf, const char *code)
{
	const char *n = wf->c.depts ? yousu_depts_name(wf->c.depts, code) : 0;

	return n ? n : code;
}

/* "牵头：X；协办：Y、Z" */
static void
add_depts(const yousu_wf *wf, cJSON *row, const cJSON *doc)
{
	const cJSON *co = cJSON_GetObjectItem(doc, "co"), *v;
	char buf[1024] = "";
	size_t off = 0;

	if (yousu__jstr(doc, "lead") == NULL) {
		add_str(row, "");
		return;
	}
	off += (size_t) snprintf(buf, sizeof buf, "%s%s",
	    cJSON_GetArraySize(co) ? "牵头：" : "",
	    dept_name(wf, yousu__jstr(doc, "lead")));
	cJSON_ArrayForEach (v, co) {
		if (off < sizeof buf && cJSON_IsString(v))
			off += (size_t) snprintf(buf + off, sizeof buf - off,
			    "%s%s", v == co->child ? "；协办：" : "、",
			    dept_name(wf, v->valuestring));
	}
	add_str(row, buf);
}

/* "是 2026-09-29 09:00（共2次）" or "否" */
static void
add_yes_time(const yousu_wf *wf, cJSON *row, const cJSON *doc,
    const char *at_key, const char *count_key)
{
	int64_t n = yousu__jint(doc, count_key, 0);
	char t[32], buf[96];

	if (n == 0) {
		add_str(row, "否");
		return;
	}
	yousu_format_time(
	    yousu__jint(doc, at_key, 0), wf->c.utc_offset_min, t, sizeof t);
	if (n > 1)
		snprintf(
		    buf, sizeof buf, "是 %s（共%lld次）", t, (long long) n);
	else
		snprintf(buf, sizeof buf, "是 %s", t);
	add_str(row, buf);
}

static void
add_due(cJSON *row, const cJSON *doc)
{
	char buf[64] = "";

	if (yousu__jstr(doc, "due") != NULL)
		snprintf(buf, sizeof buf, "%s（%lld个工作日%s）",
		    yousu__jstr(doc, "due"),
		    (long long) yousu__jint(doc, "limit_days", 0),
		    yousu__jint(doc, "extended_days", 0) ? "，已延期" : "");
	add_str(row, buf);
}

static void
add_result(cJSON *row, const cJSON *doc)
{
	const cJSON *r = cJSON_GetObjectItem(doc, "reply");
	const cJSON *rej = cJSON_GetObjectItem(doc, "rejection");
	char buf[8192] = "";

	if (rej != NULL)
		snprintf(buf, sizeof buf, "不予受理：%s",
		    yousu__jstr(rej, "label") ? yousu__jstr(rej, "label")
		                              : yousu__jstr(rej, "ground"));
	else if (r != NULL && yousu__jstr(r, "reason") != NULL)
		snprintf(buf, sizeof buf, "%s：%s（理由：%s；依据：%s）",
		    yousu_label("reply", yousu__jstr(r, "kind")),
		    yousu__jstr(r, "result"), yousu__jstr(r, "reason"),
		    yousu__jstr(r, "basis") ? yousu__jstr(r, "basis") : "");
	else if (r != NULL)
		snprintf(buf, sizeof buf, "%s：%s",
		    yousu_label("reply", yousu__jstr(r, "kind")),
		    yousu__jstr(r, "result"));
	add_str(row, buf);
}

static void
add_remarks(const yousu_wf *wf, cJSON *row, const cJSON *doc, int32_t today)
{
	const char *status = yousu__jstr(doc, "status");
	const cJSON *rej = cJSON_GetObjectItem(doc, "rejection");
	int late = yousu_wf_overdue_days(wf, doc, today);
	char buf[512];
	size_t off;

	if (rej != NULL) {
		snprintf(buf, sizeof buf, "已告知通过%s反映",
		    yousu__jstr(rej, "channel") ? yousu__jstr(rej, "channel")
		                                : "其他渠道");
		add_str(row, buf);
		return;
	}
	if (late > 0 && strcmp(status, "assigned") == 0)
		off = (size_t) snprintf(
		    buf, sizeof buf, "已超期%d个工作日（未办结）", late);
	else if (late > 0)
		off =
		    (size_t) snprintf(buf, sizeof buf, "超期%d个工作日", late);
	else if (yousu__jstr(doc, "due") != NULL)
		off = (size_t) snprintf(buf, sizeof buf, "未超期");
	else
		off = (size_t) snprintf(buf, sizeof buf, "%s",
		    yousu__jstr(doc, "reply") ? "当场办结" : "");
	if (yousu__jint(doc, "notices", 0) > 0)
		snprintf(buf + off, sizeof buf - off, "；已通报");
	add_str(row, buf);
}

static yousu_err
ledger_row(void *arg, const cJSON *doc)
{
	ledger_scan *s = arg;
	cJSON *row = cJSON_CreateArray();
	char n[24];
	const char *cat = yousu__jstr(doc, "category");
	const char *sat = yousu__jstr(doc, "satisfaction");

	snprintf(n, sizeof n, "%d", cJSON_GetArraySize(s->rows) + 1);
	add_str(row, n);
	if (s->with_id)
		add_str(row, yousu__jstr(doc, "id"));
	add_str(row,
	    yousu__jbool(doc, "anonymous", false) && !yousu__jstr(doc, "name")
	        ? "匿名"
	        : yousu__jstr(doc, "name"));
	add_str(row, yousu__jstr(doc, "org_contact"));
	add_str(row, yousu__jstr(doc, "phone"));
	add_str(row, yousu__jstr(doc, "content"));
	add_str(row, cat ? yousu_policy_category(s->wf->c.policy, cat) : "");
	add_depts(s->wf, row, doc);
	add_time(s->wf, row, doc, "assigned_at");
	add_due(row, doc);
	add_yes_time(s->wf, row, doc, "reminded_at", "reminders");
	add_yes_time(s->wf, row, doc, "supervised_at", "supervisions");
	add_yes_time(s->wf, row, doc, "redo_at", "redos");
	add_time(s->wf, row, doc, "handled_at");
	add_result(row, doc);
	add_time(s->wf, row, doc, "visit_at");
	add_str(row, sat ? yousu_label("satisfaction", sat) : "");
	add_remarks(s->wf, row, doc, s->today);
	cJSON_AddItemToArray(s->rows, row);
	return YOUSU_OK;
}

yousu_err
yousu_ledger_build(const yousu_wf *wf, yousu_store *st, const yousu_filter *f,
    int32_t today, bool with_id, cJSON **out)
{
	ledger_scan s = {wf, today, with_id, cJSON_CreateArray()};
	cJSON *l = cJSON_CreateObject(), *cols = cJSON_CreateArray();
	yousu_err rv;

	for (size_t i = 0; ledger_columns[i]; i++) {
		add_str(cols, ledger_columns[i]);
		if (i == 0 && with_id)
			add_str(cols, "工单编号");
	}
	rv = yousu_store_list(st, f, ledger_row, &s);
	yousu__jset_str(l, "title", "“有诉即办”问题工作台账");
	yousu__jset(l, "columns", cols);
	yousu__jset(l, "rows", s.rows);
	if (rv != YOUSU_OK) {
		cJSON_Delete(l);
		return rv;
	}
	*out = l;
	return YOUSU_OK;
}

/* --- statistics ------------------------------------------------------- */

/* The counts every statistic is made of, for the whole set and for each
 * group of a report (rates are computed from them, so that the city can
 * add counties up). */
typedef struct {
	int64_t total, answered, on_time, overdue, overdue_days, visited,
	    satisfied, closed, close_days, redos, reminders, supervisions,
	    notices, extensions;
} figures;

/* clang-format off */
#define FIGURES(X)                                      \
	X(total, "total")                               \
	X(answered, "answered")                         \
	X(on_time, "answered_on_time")                  \
	X(overdue, "overdue")                           \
	X(overdue_days, "overdue_working_days")         \
	X(visited, "visited")                           \
	X(satisfied, "satisfied")                       \
	X(closed, "closed")                             \
	X(close_days, "close_working_days")             \
	X(redos, "redos")                               \
	X(reminders, "reminders")                       \
	X(supervisions, "supervisions")                 \
	X(notices, "notices")                           \
	X(extensions, "extensions")
/* clang-format on */

typedef struct {
	const yousu_wf *wf;
	int32_t today;
	cJSON *st;
	figures all;
	cJSON *groups; /* report: {"township": {code: figures}, ...} */
} stats_scan;

static void
bump(cJSON *o, const char *group, const char *key)
{
	cJSON *g = cJSON_GetObjectItem(o, group);

	if (g == NULL) {
		g = cJSON_CreateObject();
		cJSON_AddItemToObject(o, group, g);
	}
	yousu__jset_int(
	    g, key ? key : "-", yousu__jint(g, key ? key : "-", 0) + 1);
}

static void
fig_deadline(const stats_scan *s, const cJSON *doc, figures *f)
{
	int late = yousu_wf_overdue_days(s->wf, doc, s->today);
	bool answered = yousu__jint(doc, "handled_at", 0) != 0 &&
	                strcmp(yousu__jstr(doc, "status"), "assigned") != 0;

	if (yousu__jstr(doc, "due") == NULL)
		return; /* resolved on the spot or never assigned */
	if (answered) {
		f->answered = 1;
		f->on_time = late == 0;
	}
	if (late > 0) {
		f->overdue = 1;
		f->overdue_days = late;
	}
}

/* What one complaint adds to every count. */
static figures
fig_of(const stats_scan *s, const cJSON *doc)
{
	const char *sat = yousu__jstr(doc, "satisfaction");
	int64_t closed = yousu__jint(doc, "closed_at", 0);
	figures f = {.total = 1};
	int days;

	f.reminders = yousu__jint(doc, "reminders", 0);
	f.supervisions = yousu__jint(doc, "supervisions", 0);
	f.notices = yousu__jint(doc, "notices", 0);
	f.redos = yousu__jint(doc, "redos", 0);
	f.extensions = yousu__jint(doc, "extensions", 0);
	fig_deadline(s, doc, &f);
	if (sat != NULL) {
		f.visited = 1;
		f.satisfied = strcmp(sat, "unsatisfied") != 0;
	}
	if (closed && strcmp(yousu__jstr(doc, "status"), "closed") == 0 &&
	    yousu_calendar_working_days_between(s->wf->c.cal,
	        yousu_local_day(yousu__jint(doc, "received_at", 0),
	            s->wf->c.utc_offset_min),
	        yousu_local_day(closed, s->wf->c.utc_offset_min),
	        &days) == YOUSU_OK) {
		f.closed = 1;
		f.close_days = days;
	}
	return f;
}

static void
fig_add(figures *to, const figures *f)
{
#define ADD(field, name) to->field += f->field;
	FIGURES(ADD)
#undef ADD
}

/* groups.<group>.<code> += f, kept as JSON counts. */
static void
group_add(cJSON *groups, const char *group, const char *code, const figures *f)
{
	cJSON *g = cJSON_GetObjectItem(groups, group), *c;

	if (g == NULL)
		cJSON_AddItemToObject(groups, group, g = cJSON_CreateObject());
	if ((c = cJSON_GetObjectItem(g, code ? code : "-")) == NULL)
		cJSON_AddItemToObject(
		    g, code ? code : "-", c = cJSON_CreateObject());
#define ADD(field, name) \
	yousu__jset_int(c, name, yousu__jint(c, name, 0) + f->field);
	FIGURES(ADD)
#undef ADD
}

static void
group_doc(cJSON *groups, const cJSON *doc, const figures *f)
{
	const cJSON *v;

	group_add(groups, "township", yousu__jstr(doc, "origin"), f);
	group_add(groups, "source", yousu__jstr(doc, "source"), f);
	group_add(groups, "category", yousu__jstr(doc, "category"), f);
	if (yousu__jstr(doc, "lead") == NULL)
		return;
	group_add(groups, "department", yousu__jstr(doc, "lead"), f);
	cJSON_ArrayForEach (v, cJSON_GetObjectItem(doc, "co"))
		if (cJSON_IsString(v))
			group_add(groups, "department", v->valuestring, f);
}

static yousu_err
stats_row(void *arg, const cJSON *doc)
{
	stats_scan *s = arg;
	const char *sat = yousu__jstr(doc, "satisfaction");
	figures f = fig_of(s, doc);

	fig_add(&s->all, &f);
	bump(s->st, "by_status", yousu__jstr(doc, "status"));
	bump(s->st, "by_source", yousu__jstr(doc, "source"));
	bump(s->st, "by_category", yousu__jstr(doc, "category"));
	bump(s->st, "by_nature", yousu__jstr(doc, "nature"));
	bump(s->st, "by_class", yousu__jstr(doc, "class"));
	bump(s->st, "by_origin", yousu__jstr(doc, "origin"));
	if (yousu__jstr(doc, "lead")) {
		const cJSON *v;

		bump(s->st, "by_lead_department", yousu__jstr(doc, "lead"));
		/* every department that handled it, as lead or co-handler */
		bump(s->st, "by_department", yousu__jstr(doc, "lead"));
		cJSON_ArrayForEach (v, cJSON_GetObjectItem(doc, "co"))
			if (cJSON_IsString(v))
				bump(s->st, "by_department", v->valuestring);
	}
	if (sat != NULL)
		bump(s->st, "by_satisfaction", sat);
	if (s->groups != NULL)
		group_doc(s->groups, doc, &f);
	return YOUSU_OK;
}

/* num/den as a percentage rounded half up (四舍五入) to two decimals;
 * null when there is nothing to divide by. */
static void
set_rate(cJSON *o, const char *key, int64_t num, int64_t den)
{
	if (den > 0)
		yousu__jset(o, key,
		    cJSON_CreateNumber(
		        (double) ((num * 10000 + den / 2) / den) / 100.0));
	else
		yousu__jset(o, key, cJSON_CreateNull());
}

void
yousu_stats_rates(cJSON *o)
{
	int64_t closed = yousu__jint(o, "closed", 0);
	int64_t days = yousu__jint(o, "close_working_days", 0);

	set_rate(o, "on_time_rate_pct", yousu__jint(o, "answered_on_time", 0),
	    yousu__jint(o, "answered", 0));
	set_rate(o, "satisfaction_rate_pct", yousu__jint(o, "satisfied", 0),
	    yousu__jint(o, "visited", 0));
	if (closed > 0)
		yousu__jset(o, "avg_working_days_to_close",
		    cJSON_CreateNumber(
		        (double) ((days * 100 + closed / 2) / closed) / 100.0));
	else
		yousu__jset(o, "avg_working_days_to_close", cJSON_CreateNull());
}

static void
rates_of_groups(cJSON *groups)
{
	cJSON *g, *c;

	cJSON_ArrayForEach (g, groups)
		cJSON_ArrayForEach (c, g)
			yousu_stats_rates(c);
}

yousu_err
yousu_stats_build_groups(const yousu_wf *wf, yousu_store *st,
    const yousu_filter *f, int32_t today, cJSON **out, cJSON **groups)
{
	stats_scan s = {wf, today, cJSON_CreateObject(), {0},
	    groups ? cJSON_CreateObject() : NULL};
	yousu_err rv;

	rv = yousu_store_list(st, f, stats_row, &s);
	if (rv != YOUSU_OK) {
		cJSON_Delete(s.st);
		cJSON_Delete(s.groups);
		return rv;
	}
#define SET(field, name) yousu__jset_int(s.st, name, s.all.field);
	FIGURES(SET)
#undef SET
	yousu_stats_rates(s.st);
	if (groups != NULL) {
		rates_of_groups(s.groups);
		*groups = s.groups;
	}
	*out = s.st;
	return YOUSU_OK;
}

yousu_err
yousu_stats_build(const yousu_wf *wf, yousu_store *st, const yousu_filter *f,
    int32_t today, cJSON **out)
{
	return yousu_stats_build_groups(wf, st, f, today, out, NULL);
}
