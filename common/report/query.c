/* The ledger, statistics and the work order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/columns.h"
#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/query.h"
#include "yousu/strbuf.h"
#include "yousu/utf8.h"

/* The ledger: one row per complaint, its columns chosen by the profile
 * ([ledger] column = KIND | 表头) from the kinds below; without them, the
 * columns of 000 附件3. */

typedef struct ledger_kind ledger_kind;

typedef struct {
	const yousu_wf *wf;
	int32_t today;
	const ledger_kind *cols[YOUSU_LEDGER_MAX_COLUMNS + 1]; /* +工单编号 */
	size_t ncols;
	cJSON *rows;
	int first; /* the 序号 of the first row (a page goes on counting) */
} ledger_scan;

/* A column kind: its name in a profile, its default header and how its
 * cell is made from a complaint (key and count: the document members the
 * cell function reads, when it is a shared one). */
struct ledger_kind {
	const char *name;
	const char *label;
	void (*cell)(const ledger_scan *s, const ledger_kind *k, cJSON *row,
	    const cJSON *doc);
	const char *key;
	const char *count;
};

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
	    yousu__jint(doc, key, 0), yousu_wf_utc_offset(wf), buf, sizeof buf);
	add_str(row, buf);
}

/* The complainant's name, 匿名 for an anonymous one who gave none. */
static const char *
caller_name(const cJSON *doc)
{
	return yousu__jbool(doc, "anonymous", false) &&
	               !yousu__jstr(doc, "name")
	           ? "匿名"
	           : yousu__jstr(doc, "name");
}

/* Whether the departments answered and the answer was not sent back to
 * them (status not 办理中): 办结 for the ledger and the statistics. */
static bool
answered(const cJSON *doc)
{
	return yousu__jint(doc, "handled_at", 0) != 0 &&
	       strcmp(yousu__jstr(doc, "status"), "assigned") != 0;
}

/* Resolved on the spot (当场办结): its reply is of kind spot. */
static bool
spot(const cJSON *doc)
{
	const char *kind =
	    yousu__jstr(cJSON_GetObjectItem(doc, "reply"), "kind");

	return kind != NULL && strcmp(kind, "spot") == 0;
}

static void
cell_seq(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	char n[24];

	(void) k, (void) doc;
	snprintf(n, sizeof n, "%d", s->first + cJSON_GetArraySize(s->rows));
	add_str(row, n);
}

/* A member of the complaint as it is (id, phone, content, ...). */
static void
cell_field(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	(void) s;
	add_str(row, yousu__jstr(doc, k->key));
}

/* A code shown by its label (source 窗口, nature 办不了, satisfaction 满意). */
static void
cell_label(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const char *code = yousu__jstr(doc, k->key);

	(void) s;
	/* a return visit that reached nobody has no satisfaction */
	if (code == NULL && strcmp(k->key, "satisfaction") == 0 &&
	    yousu__jbool(doc, "unreachable", false)) {
		add_str(row, "无法回访");
		return;
	}
	add_str(row, code ? yousu_label(k->key, code) : "");
}

static void
cell_time(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	add_time(s->wf, row, doc, k->key);
}

static void
cell_name(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	(void) s, (void) k;
	add_str(row, caller_name(doc));
}

/* 反映人及电话: "周某 13903720200", "某公司（陈经理） 0372-5990002",
 * "匿名" */
static void
cell_caller(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const char *name = caller_name(doc), *phone = yousu__jstr(doc, "phone");
	const char *contact = yousu__jstr(doc, "org_contact");
	char buf[512];

	(void) s, (void) k;
	snprintf(buf, sizeof buf, "%s%s%s%s%s%s", name ? name : "",
	    contact ? "（" : "", contact ? contact : "", contact ? "）" : "",
	    phone && (name || contact) ? " " : "", phone ? phone : "");
	add_str(row, buf);
}

static void
cell_category(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const char *cat = yousu__jstr(doc, "category");

	(void) k;
	add_str(
	    row, cat ? yousu_policy_category(yousu_wf_policy(s->wf), cat) : "");
}

/* 响应等级: 一级, 二级, 三级 */
static void
cell_level(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	static const char *const names[] = {"", "一级", "二级", "三级"};
	int64_t level = yousu__jint(doc, "level", 0);

	(void) s, (void) k;
	add_str(row, level >= 1 && level <= 3 ? names[level] : "");
}

/* "牵头：X；协办：Y、Z" */
static void
cell_depts(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const cJSON *co = cJSON_GetObjectItem(doc, "co"), *v;
	char buf[1024] = "";
	size_t off = 0;

	(void) k;
	if (yousu__jstr(doc, "lead") == NULL) {
		add_str(row, "");
		return;
	}
	off += (size_t) snprintf(buf, sizeof buf, "%s%s",
	    cJSON_GetArraySize(co) ? "牵头：" : "",
	    yousu_depts_label(yousu_wf_depts(s->wf), yousu__jstr(doc, "lead")));
	cJSON_ArrayForEach (v, co) {
		if (off < sizeof buf && cJSON_IsString(v))
			off += (size_t) snprintf(buf + off, sizeof buf - off,
			    "%s%s", v == co->child ? "；协办：" : "、",
			    yousu_depts_label(
			        yousu_wf_depts(s->wf), v->valuestring));
	}
	add_str(row, buf);
}

/* "是 2026-09-29 09:00（共2次）" or "否": the first time (k->key) and how
 * many times (k->count) */
static void
cell_yes_time(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	int64_t n = yousu__jint(doc, k->count, 0);
	char t[32], buf[96];

	if (n == 0) {
		add_str(row, "否");
		return;
	}
	yousu_format_time(yousu__jint(doc, k->key, 0),
	    yousu_wf_utc_offset(s->wf), t, sizeof t);
	if (n > 1)
		snprintf(
		    buf, sizeof buf, "是 %s（共%lld次）", t, (long long) n);
	else
		snprintf(buf, sizeof buf, "是 %s", t);
	add_str(row, buf);
}

/* "2027-01-06（5个工作日，已延期，暂定）" */
static void
cell_due(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	char buf[96] = "";

	(void) s, (void) k;
	if (yousu__jstr(doc, "due") != NULL)
		snprintf(buf, sizeof buf, "%s（%lld个工作日%s%s）",
		    yousu__jstr(doc, "due"),
		    (long long) yousu__jint(doc, "limit_days", 0),
		    yousu__jint(doc, "extended_days", 0) ? "，已延期" : "",
		    yousu__jbool(doc, "due_provisional", false) ? "，暂定"
		                                                : "");
	add_str(row, buf);
}

static void
cell_result(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const cJSON *r = cJSON_GetObjectItem(doc, "reply");
	const cJSON *rej = cJSON_GetObjectItem(doc, "rejection");
	const cJSON *pl = cJSON_GetObjectItem(doc, "plan");
	char buf[16384] = "";
	size_t off = 0;

	(void) s, (void) k;
	/* 003 三(三): the 问题处理说明, then the answer */
	if (cJSON_IsObject(cJSON_GetObjectItem(doc, "explanation"))) {
		const cJSON *x = cJSON_GetObjectItem(doc, "explanation");

		yousu__appendf(buf, sizeof buf, &off,
		    "问题处理说明：%s（沟通请示及会商：%s；拟处理意见：%s）%s",
		    yousu__jstr(x, "problem"), yousu__jstr(x, "consulted"),
		    yousu__jstr(x, "proposal"), pl || r ? "；" : "");
	}
	/* the leading group's decision (领导小组研究决定) */
	if (cJSON_IsObject(cJSON_GetObjectItem(doc, "decision"))) {
		const cJSON *x = cJSON_GetObjectItem(doc, "decision");

		yousu__appendf(buf, sizeof buf, &off,
		    "领导小组研究决定（%s）：%s（责成%s牵头，%s前办结）%s",
		    yousu__jstr(x, "met_on"), yousu__jstr(x, "decision"),
		    yousu_depts_label(
		        yousu_wf_depts(s->wf), yousu__jstr(x, "lead")),
		    yousu__jstr(x, "due"), pl || r ? "；" : "");
	}
	/* 002 第八条: the plan, and the result it committed to */
	if (pl != NULL)
		yousu__appendf(buf, sizeof buf, &off,
		    "解决方案：%s（步骤：%s；承诺%s前出具办理结果）%s",
		    yousu__jstr(pl, "result"), yousu__jstr(pl, "steps"),
		    yousu__jstr(pl, "committed"), r != NULL ? "；" : "");
	if (rej != NULL)
		snprintf(buf, sizeof buf, "不予受理：%s",
		    yousu__jstr(rej, "label") ? yousu__jstr(rej, "label")
		                              : yousu__jstr(rej, "ground"));
	else if (r != NULL && yousu__jstr(r, "reason") != NULL)
		yousu__appendf(buf, sizeof buf, &off,
		    "%s：%s（理由：%s；依据：%s）",
		    yousu_label("reply", yousu__jstr(r, "kind")),
		    yousu__jstr(r, "result"), yousu__jstr(r, "reason"),
		    yousu__jstr(r, "basis") ? yousu__jstr(r, "basis") : "");
	else if (r != NULL)
		yousu__appendf(buf, sizeof buf, &off, "%s：%s",
		    yousu_label("reply", yousu__jstr(r, "kind")),
		    yousu__jstr(r, "result"));
	yousu_text_cut_whole(buf);
	add_str(row, buf);
}

/* 办理结果（是否办结、满意）: "已办结，满意", "已办结" before the visit,
 * "未办结", "不予受理" */
static void
cell_outcome(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const char *sat = yousu__jstr(doc, "satisfaction");
	char buf[64];

	(void) s, (void) k;
	if (cJSON_GetObjectItem(doc, "rejection") != NULL)
		snprintf(buf, sizeof buf, "不予受理");
	else if (!answered(doc))
		snprintf(buf, sizeof buf, "未办结");
	else if (sat == NULL && yousu__jbool(doc, "unreachable", false))
		snprintf(buf, sizeof buf, "已办结，无法回访");
	else
		snprintf(buf, sizeof buf, "已办结%s%s", sat ? "，" : "",
		    sat ? yousu_label("satisfaction", sat) : "");
	add_str(row, buf);
}

/* 回访情况及满意度: "2026-10-09 09:00 满意；回访情况" */
static void
cell_visit(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const char *sat = yousu__jstr(doc, "satisfaction");
	const char *note = yousu__jstr(doc, "visit_note");
	char t[32], buf[4096] = "";

	(void) k;
	if (sat != NULL || yousu__jbool(doc, "unreachable", false)) {
		char what[64];

		if (sat != NULL)
			snprintf(what, sizeof what, "%s%s",
			    yousu_label("satisfaction", sat),
			    !cJSON_IsBool(cJSON_GetObjectItem(doc, "resolved"))
			        ? ""
			    : yousu__jbool(doc, "resolved", false)
			        ? "，问题已解决"
			        : "，问题未解决");
		else
			snprintf(what, sizeof what,
			    "无法回访（%lld次未联系上）",
			    (long long) yousu__jint(doc, "visit_failed", 0));
		yousu_format_time(yousu__jint(doc, "visit_at", 0),
		    yousu_wf_utc_offset(s->wf), t, sizeof t);
		snprintf(buf, sizeof buf, "%s %s%s%s", t, what,
		    note ? "；" : "", note ? note : "");
	}
	add_str(row, buf);
}

/* The plan's part of 备注: "承诺2026-12-20前办结；" while open,
 * "解决方案承诺2026-12-20办结，按期兑现；" (or 逾期N个工作日兑现) after. */
static size_t
plan_remarks(const cJSON *doc, char *buf, size_t len)
{
	const cJSON *pl = cJSON_GetObjectItem(doc, "plan");

	buf[0] = '\0';
	if (pl == NULL)
		return 0;
	if (!cJSON_HasObjectItem(pl, "done_at"))
		return (size_t) snprintf(
		    buf, len, "承诺%s前办结；", yousu__jstr(doc, "due"));
	if (yousu__jbool(pl, "kept", false))
		return (size_t) snprintf(buf, len,
		    "解决方案承诺%s办结，按期兑现；", yousu__jstr(pl, "due"));
	return (size_t) snprintf(buf, len,
	    "解决方案承诺%s办结，逾期%lld个工作日兑现；",
	    yousu__jstr(pl, "due"),
	    (long long) yousu__jint(pl, "days_late", 0));
}

/* 备注: overdue or not and by how many working days, 已通报; a figure
 * counted past the loaded calendar says 暂定 and why. */
static void
cell_remarks(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const char *status = yousu__jstr(doc, "status");
	const cJSON *rej = cJSON_GetObjectItem(doc, "rejection");
	bool prov = false;
	int late = yousu_wf_overdue_days(s->wf, doc, s->today, &prov);
	char buf[512], why[160];
	size_t off;

	(void) k;
	if (rej != NULL) {
		snprintf(buf, sizeof buf, "已告知通过%s反映",
		    yousu__jstr(rej, "channel") ? yousu__jstr(rej, "channel")
		                                : "其他渠道");
		add_str(row, buf);
		return;
	}
	off = plan_remarks(doc, buf, sizeof buf);
	if (yousu__jstr(doc, "repeat_of") != NULL)
		off += (size_t) snprintf(buf + off, sizeof buf - off,
		    "重复件（前件%s%s）；", yousu__jstr(doc, "repeat_of"),
		    yousu__jstr(doc, "repeat_dept") ? "，计重复投诉" : "");
	if (cJSON_GetArraySize(cJSON_GetObjectItem(doc, "additions")) > 0)
		off += (size_t) snprintf(buf + off, sizeof buf - off,
		    "补充反映%d次；",
		    cJSON_GetArraySize(cJSON_GetObjectItem(doc, "additions")));
	if (cJSON_IsObject(cJSON_GetObjectItem(doc, "explanation")))
		off += (size_t) snprintf(
		    buf + off, sizeof buf - off, "已形成问题处理说明；");
	if (cJSON_IsObject(cJSON_GetObjectItem(doc, "decision")))
		off += (size_t) snprintf(buf + off, sizeof buf - off,
		    "领导小组%s研究决定；",
		    yousu__jstr(
		        cJSON_GetObjectItem(doc, "decision"), "met_on"));
	if (late > 0 && strcmp(status, "assigned") == 0)
		off += (size_t) snprintf(buf + off, sizeof buf - off,
		    "已超期%d个工作日（未办结%s）", late, prov ? "，暂定" : "");
	else if (late > 0)
		off += (size_t) snprintf(buf + off, sizeof buf - off,
		    "超期%d个工作日%s", late, prov ? "（暂定）" : "");
	else if (yousu__jstr(doc, "due") != NULL && prov)
		/* on time by a provisional count: not known yet */
		off += (size_t) snprintf(buf + off, sizeof buf - off, "%s",
		    strcmp(status, "assigned") == 0 ? "期限未到（暂定）"
		                                    : "按期答复（暂定）");
	else if (yousu__jstr(doc, "due") != NULL)
		off += (size_t) snprintf(buf + off, sizeof buf - off, "未超期");
	else
		off += (size_t) snprintf(buf + off, sizeof buf - off, "%s",
		    spot(doc) ? "当场办结" : "");
	if (yousu__jint(doc, "notices", 0) > 0 ||
	    yousu__jint(doc, "faults", 0) > 0)
		off +=
		    (size_t) snprintf(buf + off, sizeof buf - off, "；已通报");
	if (prov || yousu__jbool(doc, "due_provisional", false)) {
		yousu_calendar_rule(yousu_wf_calendar(s->wf), why, sizeof why);
		snprintf(buf + off, sizeof buf - off, "；暂定：%s", why);
	}
	add_str(row, buf);
}

/* A department code (k->key: "lead") by its name, or the co-handlers'
 * names joined by 、 (k->key: "co"). */
static void
cell_dept(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const cJSON *v = cJSON_GetObjectItem(doc, k->key), *it;
	const cJSON *list = cJSON_IsArray(v) ? v : NULL;
	char buf[1024] = "";
	size_t off = 0;

	if (cJSON_IsString(v))
		snprintf(buf, sizeof buf, "%s",
		    yousu_depts_label(yousu_wf_depts(s->wf), v->valuestring));
	cJSON_ArrayForEach (it, list) {
		if (off < sizeof buf && cJSON_IsString(it))
			off += (size_t) snprintf(buf + off, sizeof buf - off,
			    "%s%s", off ? "、" : "",
			    yousu_depts_label(
			        yousu_wf_depts(s->wf), it->valuestring));
	}
	add_str(row, buf);
}

/* A number of k->key with a unit k->count ("2小时", "3个工作日"), or "". */
static void
cell_number(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	char buf[48] = "";

	(void) s;
	if (cJSON_IsNumber(cJSON_GetObjectItem(doc, k->key)))
		snprintf(buf, sizeof buf, "%lld%s",
		    (long long) yousu__jint(doc, k->key, 0), k->count);
	add_str(row, buf);
}

/* The first feedback (初步反馈意见), if any. */
static void
cell_feedback(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	(void) s, (void) k;
	add_str(
	    row, yousu__jstr(cJSON_GetObjectItem(doc, "feedback"), "result"));
}

/* Left empty: a line for a signature on the printed form (签字). */
static void
cell_blank(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	(void) s, (void) k, (void) doc;
	add_str(row, "");
}

/* Who signed step key (or count, its other form) at the desk or with
 * yousuctl: the name and the day; "" before signers were recorded. */
static void
cell_signed(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const cJSON *all = cJSON_GetObjectItem(doc, "signed");
	const cJSON *one = cJSON_GetObjectItem(all, k->key);
	char day[32], buf[256];

	if (one == NULL && k->count != NULL)
		one = cJSON_GetObjectItem(all, k->count);
	if (one == NULL) {
		add_str(row, "");
		return;
	}
	yousu_format_time(yousu__jint(one, "at", 0), yousu_wf_utc_offset(s->wf),
	    day, sizeof day);
	snprintf(buf, sizeof buf, "%s %.10s", yousu__jstr(one, "name"), day);
	add_str(row, buf);
}

/* The duty leader (带班领导) who signed a step (an extension approved in
 * that role), with the day. */
static void
cell_signed_duty(
    const ledger_scan *s, const ledger_kind *k, cJSON *row, const cJSON *doc)
{
	const cJSON *one;
	char day[32], buf[256];

	(void) k;
	cJSON_ArrayForEach (one, cJSON_GetObjectItem(doc, "signed")) {
		const char *role = yousu__jstr(one, "role");

		if (role == NULL || strcmp(role, "duty") != 0)
			continue;
		yousu_format_time(yousu__jint(one, "at", 0),
		    yousu_wf_utc_offset(s->wf), day, sizeof day);
		snprintf(
		    buf, sizeof buf, "%s %.10s", yousu__jstr(one, "name"), day);
		add_str(row, buf);
		return;
	}
	add_str(row, "");
}

static const ledger_kind ledger_kinds[] = {
#define KIND(name, label, cell, key, count) {#name, label, cell, key, count},
    YOUSU_COLUMNS(KIND)
#undef KIND
        {NULL, NULL, NULL, NULL, NULL},
};

/* The columns of 000 附件3 (and 002 附件3): the ledger of a profile that
 * chooses none. */
static const char *const default_columns[] = {"seq", "name", "org_contact",
    "phone", "content", "category", "depts", "assigned", "due", "reminded",
    "supervised", "redo", "handled", "result", "visit", "satisfaction",
    "remarks", NULL};

static const ledger_kind *
find_kind(const char *name)
{
	for (const ledger_kind *k = ledger_kinds; name && k->name; k++)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

/* The i-th column of the profile (or of the default), its header in
 * *label; NULL past the end. */
static const ledger_kind *
profile_column(const yousu_policy *p, size_t i, const char **label)
{
	const ledger_kind *k;
	const char *name;

	if (yousu_policy_ledger_columns(p) > 0)
		name = yousu_policy_ledger_column(p, i, label);
	else if (i < sizeof default_columns / sizeof *default_columns - 1)
		name = default_columns[i];
	else
		return NULL;
	if (name == NULL)
		return NULL;
	if ((k = find_kind(name)) == NULL)
		yousu_panic("ledger: column kind '%s' unknown", name);
	if (yousu_policy_ledger_columns(p) == 0)
		*label = k->label;
	return k;
}

/* Adds column k to the scan and its header to cols. */
static void
add_column(ledger_scan *s, cJSON *cols, const ledger_kind *k, const char *h)
{
	if (s->ncols == sizeof s->cols / sizeof *s->cols)
		yousu_panic("ledger: more than %zu columns", s->ncols);
	s->cols[s->ncols++] = k;
	add_str(cols, h);
}

/* The profile's columns; with_id adds 工单编号 after 序号 (first when there
 * is no 序号) unless the profile shows it already. */
static void
ledger_columns(ledger_scan *s, bool with_id, cJSON *cols)
{
	const yousu_policy *p = yousu_wf_policy(s->wf);
	const ledger_kind *k, *id = find_kind("id"), *seq = find_kind("seq");
	bool has_seq = false, has_id = false;
	const char *label;

	for (size_t i = 0; (k = profile_column(p, i, &label)) != NULL; i++) {
		has_seq |= k == seq;
		has_id |= k == id;
	}
	with_id = with_id && !has_id;
	if (with_id && !has_seq)
		add_column(s, cols, id, id->label);
	for (size_t i = 0; (k = profile_column(p, i, &label)) != NULL; i++) {
		add_column(s, cols, k, label);
		if (with_id && k == seq)
			add_column(s, cols, id, id->label);
	}
}

static yousu_err
ledger_row(void *arg, const cJSON *doc)
{
	ledger_scan *s = arg;
	cJSON *row = cJSON_CreateArray();

	for (size_t i = 0; i < s->ncols; i++)
		s->cols[i]->cell(s, s->cols[i], row, doc);
	cJSON_AddItemToArray(s->rows, row);
	return YOUSU_OK;
}

yousu_err
yousu_ledger_page(const yousu_wf *wf, yousu_store *st, const yousu_filter *f,
    int32_t today, bool with_id, int first, cJSON **out, int64_t *last_at,
    int64_t *last_rid, int *n)
{
	ledger_scan s = {wf, today, {NULL}, 0, cJSON_CreateArray(), first};
	cJSON *l = cJSON_CreateObject(), *cols = cJSON_CreateArray();
	const char *title = yousu_policy_ledger_title(yousu_wf_policy(wf));
	yousu_err rv;

	ledger_columns(&s, with_id, cols);
	rv = last_at != NULL ? yousu_store_list_page(
	                           st, f, ledger_row, &s, last_at, last_rid, n)
	                     : yousu_store_list(st, f, ledger_row, &s);
	yousu__jset_str(l, "title", title ? title : "“有诉即办”问题工作台账");
	yousu__jset(l, "columns", cols);
	yousu__jset(l, "rows", s.rows);
	if (rv != YOUSU_OK) {
		cJSON_Delete(l);
		return rv;
	}
	*out = l;
	return YOUSU_OK;
}

yousu_err
yousu_ledger_build(const yousu_wf *wf, yousu_store *st, const yousu_filter *f,
    int32_t today, bool with_id, cJSON **out)
{
	return yousu_ledger_page(wf, st, f, today, with_id,
	    1 + (f ? f->offset : 0), out, NULL, NULL, NULL);
}

char *
yousu_ledger_cell(
    const yousu_wf *wf, const char *kind, const cJSON *doc, int32_t today)
{
	const ledger_kind *k = find_kind(kind);
	ledger_scan s = {wf, today, {NULL}, 0, cJSON_CreateArray(), 1};
	cJSON *row = cJSON_CreateArray();
	char *out;

	if (k == NULL)
		yousu_panic("ledger: kind '%s' unknown", kind);
	k->cell(&s, k, row, doc);
	out = strdup(cJSON_GetStringValue(cJSON_GetArrayItem(row, 0)));
	cJSON_Delete(row);
	cJSON_Delete(s.rows);
	return out;
}

/* --- statistics ------------------------------------------------------- */

/* The counts every statistic is made of, for the whole set and for each
 * group of a report (rates are computed from them, so that the city can
 * add counties up). */
typedef struct {
	int64_t total, answered, on_time, overdue, overdue_days, visited,
	    satisfied, unreachable, resolve_asked, resolved, response_due,
	    repeats, repeat_against, responded, closed, close_days, redos,
	    reminders, supervisions, notices, extensions, plans, plans_kept,
	    plans_late, provisional;
} figures;

/* clang-format off */
#define FIGURES(X)                                                  \
	X(total, "total", "诉求件数")                                \
	X(answered, "answered", "答复件数")                          \
	X(on_time, "answered_on_time", "按时答复")                   \
	X(overdue, "overdue", "超期件数")                            \
	X(overdue_days, "overdue_working_days", "超期工作日")        \
	X(visited, "visited", "回访件数")                            \
	X(satisfied, "satisfied", "满意(含基本满意)")                \
	X(unreachable, "unreachable", "无法回访")                    \
	X(resolve_asked, "resolve_asked", "回访问及是否解决")        \
	X(resolved, "resolved", "已解决")                            \
	X(response_due, "response_due", "应响应件数")                \
	X(repeats, "repeats", "重复件")                              \
	X(repeat_against, "repeat_complaints", "重复投诉（计前件牵头部门）") \
	X(responded, "responded_on_time", "按时响应")                \
	X(closed, "closed", "办结件数")                              \
	X(close_days, "close_working_days", "办结工作日")            \
	X(redos, "redos", "退回重办")                                \
	X(reminders, "reminders", "催办")                            \
	X(supervisions, "supervisions", "督办")                      \
	X(notices, "notices", "通报")                                \
	X(extensions, "extensions", "延期")                          \
	X(plans, "plans", "解决方案承诺")                            \
	X(plans_kept, "plans_kept", "按期兑现")                      \
	X(plans_late, "plans_late", "逾期兑现或逾期未兑现")          \
	X(provisional, "provisional", "其中暂定")
/* clang-format on */

/* The Chinese labels of every key of a statistics object: the counts
 * above, the rates, and the groups. */
static const struct {
	const char *key, *label;
} stat_labels[] = {
#define LABEL(field, name, label) {name, label},
    FIGURES(LABEL)
#undef LABEL
        {"on_time_rate_pct", "按时办结率%"},
    {"satisfaction_rate_pct", "满意率%"},
    {"response_rate_pct", "响应率%"},
    {"resolution_rate_pct", "解决率%"},
    {"avg_working_days_to_close", "平均办结工作日"},
    {"by_status", "按办理状态"},
    {"by_source", "按诉求来源"},
    {"by_category", "按诉求类别"},
    {"by_nature", "按诉求性质"},
    {"by_class", "按类别"},
    {"by_origin", "按受理中心"},
    {"by_lead_department", "按牵头部门"},
    {"by_department", "按办理部门（牵头或协办）"},
    {"by_satisfaction", "按满意度"},
    {"township", "乡镇（受理中心）"},
    {"department", "部门"},
    {"source", "诉求来源"},
    {"category", "诉求类别"},
};

const char *
yousu_stats_label(const char *key)
{
	for (size_t i = 0; key && i < sizeof stat_labels / sizeof *stat_labels;
	     i++)
		if (strcmp(stat_labels[i].key, key) == 0)
			return stat_labels[i].label;
	return NULL;
}

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
	cJSON *g = cJSON_GetObjectItemCaseSensitive(o, group);

	if (g == NULL) {
		g = cJSON_CreateObject();
		cJSON_AddItemToObject(o, group, g);
	}
	yousu__jadd_int(g, key ? key : "-", 1);
}

/* The fields the statistics read, found in one pass over the complaint:
 * looked up one by one, each scanned the object from its start (28
 * lookups a complaint, a fifth of a hub's loop under the desk's
 * statistics). The first of a repeated key counts, as a lookup's would. */
typedef struct {
	const cJSON *doc;
	const char *status, *source, *category, *nature, *class_, *origin,
	    *lead, *satisfaction, *due;
	const char *first_due, *repeat_of, *repeat_dept;
	const cJSON *co, *plan, *resolved;
	int64_t received_at, closed_at, handled_at, late_days, reminders,
	    supervisions, notices, redos, extensions, contact_hours,
	    contacted_at, responded_at;
	bool due_provisional, late_provisional, unreachable, anonymous;
} stats_fields;

static void
field_str(const cJSON *v, const char **to)
{
	if (*to == NULL && cJSON_IsString(v))
		*to = v->valuestring;
}

/* as yousu__jint reads it */
static void
field_int(const cJSON *v, int64_t *to, unsigned *seen, unsigned bit)
{
	if (*seen & bit)
		return;
	*seen |= bit;
	*to = yousu__jint_of(v, 0);
}

static void
field_bool(const cJSON *v, bool *to, unsigned *seen, unsigned bit)
{
	if (*seen & bit)
		return;
	*seen |= bit;
	*to = cJSON_IsTrue(v);
}

static stats_fields
fields_of(const cJSON *doc)
{
	stats_fields x = {.doc = doc};
	unsigned seen = 0;
	const cJSON *v;

	cJSON_ArrayForEach (v, doc) {
		const char *k = v->string;

		if (k == NULL)
			continue;
		switch (k[0]) {
		case 'a':
			if (strcmp(k, "anonymous") == 0)
				field_bool(v, &x.anonymous, &seen, 1u << 12);
			break;
		case 'c':
			if (strcmp(k, "contact_within_hours") == 0)
				field_int(v, &x.contact_hours, &seen, 1u << 13);
			else if (strcmp(k, "contacted_at") == 0)
				field_int(v, &x.contacted_at, &seen, 1u << 14);
			else if (strcmp(k, "category") == 0)
				field_str(v, &x.category);
			else if (strcmp(k, "class") == 0)
				field_str(v, &x.class_);
			else if (strcmp(k, "closed_at") == 0)
				field_int(v, &x.closed_at, &seen, 1u << 0);
			else if (strcmp(k, "co") == 0 && !(seen & 1u << 1)) {
				seen |= 1u << 1;
				x.co = v;
			}
			break;
		case 'd':
			if (strcmp(k, "due") == 0)
				field_str(v, &x.due);
			else if (strcmp(k, "due_provisional") == 0)
				field_bool(
				    v, &x.due_provisional, &seen, 1u << 2);
			break;
		case 'f':
			if (strcmp(k, "first_due") == 0)
				field_str(v, &x.first_due);
			break;
		case 'u':
			if (strcmp(k, "unreachable") == 0)
				field_bool(v, &x.unreachable, &seen, 1u << 15);
			break;
		case 'e':
			if (strcmp(k, "extensions") == 0)
				field_int(v, &x.extensions, &seen, 1u << 3);
			break;
		case 'h':
			if (strcmp(k, "handled_at") == 0)
				field_int(v, &x.handled_at, &seen, 1u << 4);
			break;
		case 'l':
			if (strcmp(k, "lead") == 0)
				field_str(v, &x.lead);
			else if (strcmp(k, "late_days") == 0)
				field_int(v, &x.late_days, &seen, 1u << 5);
			else if (strcmp(k, "late_provisional") == 0)
				field_bool(
				    v, &x.late_provisional, &seen, 1u << 6);
			break;
		case 'n':
			if (strcmp(k, "nature") == 0)
				field_str(v, &x.nature);
			else if (strcmp(k, "notices") == 0)
				field_int(v, &x.notices, &seen, 1u << 7);
			break;
		case 'o':
			if (strcmp(k, "origin") == 0)
				field_str(v, &x.origin);
			break;
		case 'p':
			if (strcmp(k, "plan") == 0 && x.plan == NULL)
				x.plan = v;
			break;
		case 'r':
			if (strcmp(k, "repeat_of") == 0)
				field_str(v, &x.repeat_of);
			else if (strcmp(k, "repeat_dept") == 0)
				field_str(v, &x.repeat_dept);
			else if (strcmp(k, "received_at") == 0)
				field_int(v, &x.received_at, &seen, 1u << 8);
			else if (strcmp(k, "reminders") == 0)
				field_int(v, &x.reminders, &seen, 1u << 9);
			else if (strcmp(k, "redos") == 0)
				field_int(v, &x.redos, &seen, 1u << 10);
			else if (strcmp(k, "responded_at") == 0)
				field_int(v, &x.responded_at, &seen, 1u << 16);
			else if (strcmp(k, "resolved") == 0 &&
			         x.resolved == NULL)
				x.resolved = v;
			break;
		case 's':
			if (strcmp(k, "status") == 0)
				field_str(v, &x.status);
			else if (strcmp(k, "source") == 0)
				field_str(v, &x.source);
			else if (strcmp(k, "satisfaction") == 0)
				field_str(v, &x.satisfaction);
			else if (strcmp(k, "supervisions") == 0)
				field_int(v, &x.supervisions, &seen, 1u << 11);
			break;
		default:
			break;
		}
	}
	return x;
}

/* The deadline's figures; *prov says whether any is provisional. */
static void
fig_deadline(const stats_scan *s, const stats_fields *x, figures *f, bool *prov)
{
	bool assigned = x->status != NULL && strcmp(x->status, "assigned") == 0;
	/* as yousu_wf_overdue_days, which looks at the open round only when
	 * there is one */
	int late = assigned
	               ? yousu_wf_overdue_days(s->wf, x->doc, s->today, prov)
	               : (*prov = x->late_provisional, (int) x->late_days);

	*prov = *prov || x->due_provisional;
	if (x->due == NULL)
		return; /* resolved on the spot or never assigned */
	if (x->handled_at != 0 && !assigned) { /* answered() */
		f->answered = 1;
		f->on_time = late == 0;
	}
	if (late > 0) {
		f->overdue = 1;
		f->overdue_days = late;
	}
}

/* 解决方案 (002 第八条): a plan committed to a date, its result given by
 * then, or late (given after it, or still open past it). */
static void
fig_plan(const stats_scan *s, const stats_fields *x, figures *f)
{
	yousu_date due;

	if (!cJSON_IsObject(x->plan))
		return;
	f->plans = 1;
	if (cJSON_HasObjectItem(x->plan, "done_at")) {
		f->plans_kept = yousu__jbool(x->plan, "kept", false);
		f->plans_late = !f->plans_kept;
	} else if (x->status != NULL && strcmp(x->status, "assigned") == 0 &&
	           x->due != NULL && yousu_date_parse(x->due, &due) == 0 &&
	           s->today > due)
		f->plans_late = 1;
}

/* 响应率: contacted within the hours asked (a 12345 form's, or the
 * profile's for whom did not come to the window), or, without such a
 * duty, the first feedback or reply (a plan, on the spot) by the first
 * round's date. Counted once it is decided: responded, or the time out;
 * refused complaints (不予受理) are not counted. */
static void
fig_response(const stats_scan *s, const stats_fields *x, figures *f)
{
	int off = yousu_wf_utc_offset(s->wf);
	const char *due = x->first_due ? x->first_due : x->due;
	yousu_date d;

	if (x->status == NULL || strcmp(x->status, "rejected") == 0)
		return;
	if (x->contact_hours > 0 && !x->anonymous) {
		int64_t limit = x->received_at + x->contact_hours * 3600;

		if (x->contacted_at != 0) {
			f->response_due = 1;
			f->responded = x->contacted_at <= limit;
		} else if (yousu_local_day(limit, off) < s->today) {
			f->response_due = 1; /* the time ran out */
		}
		return;
	}
	if (x->responded_at != 0) {
		f->response_due = 1;
		f->responded = due == NULL || yousu_date_parse(due, &d) != 0 ||
		               yousu_local_day(x->responded_at, off) <= d;
	} else if (due != NULL && yousu_date_parse(due, &d) == 0 &&
	           s->today > d) {
		f->response_due = 1;
	}
}

/* What one complaint adds to every count. */
static figures
fig_of(const stats_scan *s, const stats_fields *x)
{
	figures f = {.total = 1};
	bool prov = false, cp = false;
	int days;

	f.reminders = x->reminders;
	f.supervisions = x->supervisions;
	f.notices = x->notices;
	f.redos = x->redos;
	f.extensions = x->extensions;
	fig_deadline(s, x, &f, &prov);
	fig_plan(s, x, &f);
	if (x->satisfaction != NULL) {
		f.visited = 1;
		f.satisfied = strcmp(x->satisfaction, "unsatisfied") != 0;
	}
	/* 无法回访: apart, not in the satisfaction rate */
	f.unreachable = x->unreachable && x->satisfaction == NULL;
	if (cJSON_IsBool(x->resolved)) {
		f.resolve_asked = 1;
		f.resolved = cJSON_IsTrue(x->resolved);
	}
	fig_response(s, x, &f);
	f.repeats = x->repeat_of != NULL;
	f.repeat_against = x->repeat_dept != NULL;
	if (x->closed_at && x->status != NULL &&
	    strcmp(x->status, "closed") == 0 &&
	    yousu_calendar_working_days_between(yousu_wf_calendar(s->wf),
	        yousu_local_day(x->received_at, yousu_wf_utc_offset(s->wf)),
	        yousu_local_day(x->closed_at, yousu_wf_utc_offset(s->wf)),
	        &days, &cp) == YOUSU_OK) {
		f.closed = 1;
		f.close_days = days;
	}
	/* a complaint whose figures are counted past the loaded calendar
	 * (暂定): counted beside the totals */
	f.provisional = prov || cp;
	return f;
}

static void
fig_add(figures *to, const figures *f)
{
#define ADD(field, name, label) to->field += f->field;
	FIGURES(ADD)
#undef ADD
}

/* groups.<group>.<code> += f, kept as JSON counts. */
static void
group_add(cJSON *groups, const char *group, const char *code, const figures *f)
{
	cJSON *g = cJSON_GetObjectItemCaseSensitive(groups, group), *c;

	if (g == NULL)
		cJSON_AddItemToObject(groups, group, g = cJSON_CreateObject());
	if ((c = cJSON_GetObjectItemCaseSensitive(g, code ? code : "-")) ==
	    NULL)
		cJSON_AddItemToObject(
		    g, code ? code : "-", c = cJSON_CreateObject());
#define ADD(field, name, label) yousu__jadd_int(c, name, f->field);
	FIGURES(ADD)
#undef ADD
}

static void
group_doc(cJSON *groups, const stats_fields *x, const figures *f)
{
	const cJSON *v;
	figures own;

	group_add(groups, "township", x->origin, f);
	/* a repeat of a recently closed complaint counts against the
	 * department that led the earlier one (重复投诉), there alone */
	if (x->repeat_dept != NULL) {
		figures r = {.repeat_against = 1};

		group_add(groups, "department", x->repeat_dept, &r);
	}
	group_add(groups, "source", x->source, f);
	group_add(groups, "category", x->category, f);
	if (x->lead == NULL)
		return;
	own = *f; /* its own departments: not against them */
	own.repeat_against = 0;
	group_add(groups, "department", x->lead, &own);
	cJSON_ArrayForEach (v, x->co)
		if (cJSON_IsString(v))
			group_add(groups, "department", v->valuestring, &own);
}

static void
stats_add(stats_scan *s, const stats_fields *xp)
{
	stats_fields x = *xp;
	figures f = fig_of(s, &x);

	fig_add(&s->all, &f);
	bump(s->st, "by_status", x.status);
	bump(s->st, "by_source", x.source);
	bump(s->st, "by_category", x.category);
	bump(s->st, "by_nature", x.nature);
	bump(s->st, "by_class", x.class_);
	bump(s->st, "by_origin", x.origin);
	if (x.lead) {
		const cJSON *v;

		bump(s->st, "by_lead_department", x.lead);
		/* every department that handled it, as lead or co-handler */
		bump(s->st, "by_department", x.lead);
		cJSON_ArrayForEach (v, x.co)
			if (cJSON_IsString(v))
				bump(s->st, "by_department", v->valuestring);
	}
	if (x.satisfaction != NULL)
		bump(s->st, "by_satisfaction", x.satisfaction);
	if (s->groups != NULL)
		group_doc(s->groups, &x, &f);
}

static yousu_err
stats_row(void *arg, const cJSON *doc)
{
	stats_fields x = fields_of(doc);

	stats_add(arg, &x);
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

cJSON *
yousu_stats_cell(const cJSON *v)
{
	char buf[32];

	if (!cJSON_IsNumber(v))
		return cJSON_CreateString("-");
	if (v->valuedouble == (double) (int64_t) v->valuedouble)
		snprintf(buf, sizeof buf, "%lld", (long long) v->valuedouble);
	else
		snprintf(buf, sizeof buf, "%.2f", v->valuedouble);
	return cJSON_CreateString(buf);
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
	set_rate(o, "response_rate_pct", yousu__jint(o, "responded_on_time", 0),
	    yousu__jint(o, "response_due", 0));
	set_rate(o, "resolution_rate_pct", yousu__jint(o, "resolved", 0),
	    yousu__jint(o, "resolve_asked", 0));
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

struct yousu_stats_job {
	stats_scan s;
	yousu_filter f; /* its keyset moves on page by page */
	bool done;
	/* whole local days [day, end), counted from the days' kept figures
	 * (yousu_stats_by_day) */
	bool by_day;
	int32_t day, end;
};

/* --- a day's figures, kept -------------------------------------------------
 * The figures of a complaint change with the date only while it is
 * assigned (overdue, a plan late); the others' are counted once per day
 * they were received and kept in the store (stats_days) under an epoch
 * naming what they were counted with, until a save drops the day. A
 * request for whole days adds the kept rows and counts the open ones. */

/* what the kept figures were counted with: the calendar's version (the
 * working days to close), the local day's offset and this layout */
static void
day_epoch(const yousu_wf *wf, char *buf, size_t len)
{
	snprintf(buf, len, "figures-3 %s %d",
	    yousu_calendar_version(yousu_wf_calendar(wf)),
	    yousu_wf_utc_offset(wf));
}

static int64_t
day_start(const yousu_wf *wf, int32_t day)
{
	return (int64_t) day * 86400 - (int64_t) yousu_wf_utc_offset(wf) * 60;
}

/* counts kept as JSON added into another: numbers summed key by key,
 * objects within objects alike */
static void
json_sum(cJSON *to, const cJSON *from)
{
	const cJSON *v;

	cJSON_ArrayForEach (v, from) {
		if (v->string == NULL)
			continue;
		if (cJSON_IsNumber(v))
			yousu__jadd_int(
			    to, v->string, (int64_t) v->valuedouble);
		else if (cJSON_IsObject(v)) {
			cJSON *t =
			    cJSON_GetObjectItemCaseSensitive(to, v->string);

			if (t == NULL)
				cJSON_AddItemToObject(
				    to, v->string, t = cJSON_CreateObject());
			json_sum(t, v);
		}
	}
}

typedef struct {
	char origin[32];
	stats_scan s;
} day_part;

typedef struct {
	const yousu_wf *wf;
	int32_t today;
	day_part *parts;
	int nparts, cap;
	cJSON *open;
	yousu_err rv;
} day_build;

/* doc's figures added to its township's part */
static yousu_err
part_add(day_build *b, const cJSON *doc, const stats_fields *x)
{
	const char *origin = x->origin ? x->origin : "-";
	int i;

	(void) doc;
	for (i = 0; i < b->nparts; i++)
		if (strcmp(b->parts[i].origin, origin) == 0)
			break;
	if (i == b->nparts) {
		if (strlen(origin) >= sizeof b->parts->origin)
			return YOUSU_INVAL;
		if (b->nparts == b->cap) {
			int cap = b->cap ? b->cap * 2 : 8;
			day_part *p =
			    realloc(b->parts, (size_t) cap * sizeof *p);

			if (p == NULL)
				return YOUSU_NOMEM;
			b->parts = p;
			b->cap = cap;
		}
		memset(&b->parts[i], 0, sizeof b->parts[i]);
		snprintf(b->parts[i].origin, sizeof b->parts[i].origin, "%s",
		    origin);
		b->parts[i].s = (stats_scan){b->wf, b->today,
		    cJSON_CreateObject(), {0}, cJSON_CreateObject()};
		b->nparts++;
	}
	stats_add(&b->parts[i].s, x);
	return YOUSU_OK;
}

/* a day's complaint: the open ones' ids kept, the others counted */
static yousu_err
day_row(void *arg, const cJSON *doc)
{
	day_build *b = arg;
	stats_fields x = fields_of(doc);

	/* figures that change with the date: assigned ones (overdue, a
	 * plan late), and those whose response is not yet decided */
	if (x.status != NULL &&
	    (strcmp(x.status, "assigned") == 0 ||
	        (x.responded_at == 0 && x.contacted_at == 0 &&
	            (strcmp(x.status, "registered") == 0 ||
	                strcmp(x.status, "classified") == 0)))) {
		cJSON_AddItemToArray(
		    b->open, cJSON_CreateString(yousu__jstr(doc, "id")));
		return YOUSU_OK;
	}
	return part_add(b, doc, &x);
}

static cJSON *
figures_json(const figures *f)
{
	cJSON *o = cJSON_CreateObject();

#define SET(field, name, label) yousu__jset_int(o, name, f->field);
	FIGURES(SET)
#undef SET
	return o;
}

static figures
figures_of_json(const cJSON *o)
{
	figures f = {0};

#define GET(field, name, label) f.field = yousu__jint(o, name, 0);
	FIGURES(GET)
#undef GET
	return f;
}

/* the parts' figures by township into figs and groups (the parts go) */
static void
parts_json(day_build *b, cJSON *figs, cJSON *groups)
{
	for (int i = 0; i < b->nparts; i++) {
		cJSON *part = cJSON_CreateObject();

		cJSON_AddItemToObject(
		    part, "all", figures_json(&b->parts[i].s.all));
		cJSON_AddItemToObject(part, "st", b->parts[i].s.st);
		cJSON_AddItemToObject(figs, b->parts[i].origin, part);
		cJSON_AddItemToObject(
		    groups, b->parts[i].origin, b->parts[i].s.groups);
	}
	free(b->parts);
	b->parts = NULL;
	b->nparts = b->cap = 0;
}

/* Count day and keep its row. */
static yousu_err
day_count(const yousu_wf *wf, yousu_store *st, int32_t today, int32_t day,
    const char *epoch)
{
	day_build b = {wf, today, NULL, 0, 0, cJSON_CreateArray(), YOUSU_OK};
	yousu_filter f = {
	    .from = day_start(wf, day), .to = day_start(wf, day + 1)};
	cJSON *figs = cJSON_CreateObject(), *groups = cJSON_CreateObject();
	char *ft = NULL, *gt = NULL, *ot = NULL;
	yousu_err rv = yousu_store_list(st, &f, day_row, &b);

	parts_json(&b, figs, groups);
	if (rv == YOUSU_OK) {
		ft = cJSON_PrintUnformatted(figs);
		gt = cJSON_PrintUnformatted(groups);
		ot = cJSON_PrintUnformatted(b.open);
		rv = ft && gt && ot
		         ? yousu_store_stats_day_put(st, day, epoch, ft, gt, ot)
		         : YOUSU_NOMEM;
	}
	free(ft);
	free(gt);
	free(ot);
	cJSON_Delete(figs);
	cJSON_Delete(groups);
	cJSON_Delete(b.open);
	return rv;
}

/* figures by township (a kept row's, or its open ones') added to the job */
static void
kept_add(yousu_stats_job *j, const cJSON *figs, const cJSON *groups)
{
	const cJSON *part;

	cJSON_ArrayForEach (part, figs) {
		figures f;

		if (j->f.origin && strcmp(part->string, j->f.origin) != 0)
			continue;
		f = figures_of_json(
		    cJSON_GetObjectItemCaseSensitive(part, "all"));
		fig_add(&j->s.all, &f);
		json_sum(j->s.st, cJSON_GetObjectItemCaseSensitive(part, "st"));
		if (j->s.groups)
			json_sum(j->s.groups, cJSON_GetObjectItemCaseSensitive(
			                          groups, part->string));
	}
}

/* The figures of day's open complaints (ids) counted for today, kept in
 * memory by the store until the day changes (or today does): a month's
 * statistics asked again read them instead of every open complaint. */
static char *
open_count(const yousu_wf *wf, int32_t today, yousu_store *st, const cJSON *ids,
    int *cost, yousu_err *rv)
{
	day_build b = {wf, today, NULL, 0, 0, NULL, YOUSU_OK};
	cJSON *o = cJSON_CreateObject(), *figs = cJSON_CreateObject(),
	      *groups = cJSON_CreateObject();
	const cJSON *id;
	char *text = NULL;

	*rv = YOUSU_OK;
	cJSON_ArrayForEach (id, ids) {
		cJSON *doc = NULL;
		stats_fields x;

		if (!cJSON_IsString(id))
			continue;
		if ((*rv = yousu_store_load(st, id->valuestring, &doc)) != 0)
			break;
		x = fields_of(doc);
		*rv = part_add(&b, doc, &x);
		cJSON_Delete(doc);
		(*cost)++;
		if (*rv != YOUSU_OK)
			break;
	}
	parts_json(&b, figs, groups);
	cJSON_AddItemToObject(o, "figures", figs);
	cJSON_AddItemToObject(o, "groups", groups);
	if (*rv == YOUSU_OK && (text = cJSON_PrintUnformatted(o)) == NULL)
		*rv = YOUSU_NOMEM;
	cJSON_Delete(o);
	return text;
}

static yousu_err
open_add(yousu_stats_job *j, yousu_store *st, int32_t day, const cJSON *ids,
    int *cost)
{
	char *text = NULL;
	cJSON *o;
	yousu_err rv = YOUSU_OK;

	if (cJSON_GetArraySize(ids) == 0)
		return YOUSU_OK;
	if (yousu_store_stats_day_open_get(st, day, j->s.today, &text) != 0) {
		text = open_count(j->s.wf, j->s.today, st, ids, cost, &rv);
		if (text == NULL)
			return rv;
		/* refused inside a transaction: counted again next time */
		(void) yousu_store_stats_day_open_put(
		    st, day, j->s.today, text);
	}
	if ((o = cJSON_Parse(text)) == NULL)
		rv = YOUSU_DB;
	else
		kept_add(j, cJSON_GetObjectItemCaseSensitive(o, "figures"),
		    cJSON_GetObjectItemCaseSensitive(o, "groups"));
	cJSON_Delete(o);
	free(text);
	return rv;
}

/* Add day's kept row to the job (counting the day first when it is not
 * kept); *cost: the complaints read. */
static yousu_err
day_add(yousu_stats_job *j, yousu_store *st, int32_t day, int *cost)
{
	char epoch[96], *ft = NULL, *gt = NULL, *ot = NULL;
	cJSON *figs = NULL, *groups = NULL, *open = NULL;
	yousu_err rv;

	day_epoch(j->s.wf, epoch, sizeof epoch);
	*cost = 1;
	rv = yousu_store_stats_day_get(
	    st, day, epoch, &ft, j->s.groups ? &gt : NULL, &ot);
	if (rv == YOUSU_NOTFOUND) {
		/* not kept (or not keepable now): counted as a page would be */
		yousu_filter f = j->f;
		int64_t n = 0;

		f.from = day_start(j->s.wf, day);
		f.to = day_start(j->s.wf, day + 1);
		if (day_count(j->s.wf, st, j->s.today, day, epoch) !=
		    YOUSU_OK) {
			rv = yousu_store_list(st, &f, stats_row, &j->s);
			if (rv == YOUSU_OK &&
			    yousu_store_count(st, &f, &n) == 0)
				*cost = (int) n;
			return rv;
		}
		rv = yousu_store_stats_day_get(
		    st, day, epoch, &ft, j->s.groups ? &gt : NULL, &ot);
		*cost = 500;
	}
	if (rv != YOUSU_OK)
		goto out;
	figs = cJSON_Parse(ft);
	groups = gt ? cJSON_Parse(gt) : NULL;
	open = cJSON_Parse(ot);
	if (figs == NULL || open == NULL || (gt && groups == NULL)) {
		rv = YOUSU_DB;
		goto out;
	}
	kept_add(j, figs, groups);
	rv = open_add(j, st, day, open, cost);
out:
	free(ft);
	free(gt);
	free(ot);
	cJSON_Delete(figs);
	cJSON_Delete(groups);
	cJSON_Delete(open);
	return rv;
}

bool
yousu_stats_by_day(yousu_stats_job *j, yousu_store *st)
{
	const yousu_filter *f = &j->f;
	int off = yousu_wf_utc_offset(j->s.wf);
	int32_t d0, d1;

	if (!yousu_store_stats_days_on(st, off) || f->status || f->source ||
	    f->category || f->due_before || f->overdue_today || f->dept ||
	    f->from <= 0 || f->to <= f->from)
		return false;
	d0 = yousu_local_day(f->from, off);
	d1 = yousu_local_day(f->to, off);
	if (day_start(j->s.wf, d0) != f->from ||
	    day_start(j->s.wf, d1) != f->to)
		return false; /* not whole days */
	j->by_day = true;
	j->day = d0;
	j->end = d1;
	return true;
}

yousu_err
yousu_stats_fill_day(const yousu_wf *wf, yousu_store *st, int32_t today,
    int32_t day, bool *counted)
{
	char epoch[96], *ot = NULL, *text = NULL;
	cJSON *ids;
	yousu_err rv;
	int cost = 0;

	*counted = false;
	if (!yousu_store_stats_days_on(st, yousu_wf_utc_offset(wf)))
		return YOUSU_STATE;
	day_epoch(wf, epoch, sizeof epoch);
	rv = yousu_store_stats_day_get(st, day, epoch, NULL, NULL, &ot);
	if (rv == YOUSU_NOTFOUND) {
		*counted = true;
		if ((rv = day_count(wf, st, today, day, epoch)) != YOUSU_OK)
			return rv;
		rv = yousu_store_stats_day_get(st, day, epoch, NULL, NULL, &ot);
	}
	if (rv != YOUSU_OK)
		return rv;
	/* and its open complaints' figures for today, unless held */
	if (yousu_store_stats_day_open_get(st, day, today, &text) == 0) {
		free(text);
		free(ot);
		return YOUSU_OK;
	}
	ids = cJSON_Parse(ot);
	free(ot);
	if (ids == NULL)
		return YOUSU_DB;
	if (cJSON_GetArraySize(ids) == 0) {
		cJSON_Delete(ids);
		return YOUSU_OK;
	}
	text = open_count(wf, today, st, ids, &cost, &rv);
	cJSON_Delete(ids);
	*counted = true;
	if (text != NULL)
		rv = yousu_store_stats_day_open_put(st, day, today, text);
	free(text);
	return rv;
}

yousu_stats_job *
yousu_stats_start(
    const yousu_wf *wf, const yousu_filter *f, int32_t today, bool groups)
{
	yousu_stats_job *j = calloc(1, sizeof *j);

	if (j == NULL)
		return NULL;
	j->s = (stats_scan){wf, today, cJSON_CreateObject(), {0},
	    groups ? cJSON_CreateObject() : NULL};
	j->f = *f;
	j->f.limit = j->f.offset = 0;
	j->f.keyset = false;
	return j;
}

yousu_err
yousu_stats_step(yousu_stats_job *j, yousu_store *st, int rows, bool *done)
{
	yousu_err rv;
	int n = 0;

	if (j->by_day && !j->done) {
		for (int cost = 0; j->day < j->end && (rows <= 0 || n < rows);
		     j->day++, n += cost)
			if ((rv = day_add(j, st, j->day, &cost)) != YOUSU_OK) {
				j->done = *done = true;
				return rv;
			}
		j->done = *done = j->day >= j->end;
		return YOUSU_OK;
	}
	if (j->done || rows <= 0) {
		rv = j->done ? YOUSU_OK
		             : yousu_store_list(st, &j->f, stats_row, &j->s);
		j->done = true;
		*done = true;
		return rv;
	}
	j->f.limit = rows;
	rv = yousu_store_list_page(
	    st, &j->f, stats_row, &j->s, &j->f.after_at, &j->f.after_rid, &n);
	j->f.keyset = j->f.keyset || n > 0;
	j->done = rv != YOUSU_OK || n < rows;
	*done = j->done;
	return rv;
}

void
yousu_stats_finish(yousu_stats_job *j, cJSON **out, cJSON **groups)
{
#define SET(field, name, label) yousu__jset_int(j->s.st, name, j->s.all.field);
	FIGURES(SET)
#undef SET
	yousu_stats_rates(j->s.st);
	if (j->s.groups != NULL) {
		rates_of_groups(j->s.groups);
		if (groups != NULL) {
			*groups = j->s.groups;
			j->s.groups = NULL;
		}
	}
	*out = j->s.st;
	j->s.st = NULL;
}

void
yousu_stats_job_free(yousu_stats_job *j)
{
	if (j == NULL)
		return;
	cJSON_Delete(j->s.st);
	cJSON_Delete(j->s.groups);
	free(j);
}

yousu_err
yousu_stats_build_groups(const yousu_wf *wf, yousu_store *st,
    const yousu_filter *f, int32_t today, cJSON **out, cJSON **groups)
{
	yousu_stats_job *j = yousu_stats_start(wf, f, today, groups != NULL);
	yousu_err rv;
	bool done;

	if (j == NULL)
		return YOUSU_NOMEM;
	if ((rv = yousu_stats_step(j, st, 0, &done)) == YOUSU_OK)
		yousu_stats_finish(j, out, groups);
	yousu_stats_job_free(j);
	return rv;
}

yousu_err
yousu_stats_build(const yousu_wf *wf, yousu_store *st, const yousu_filter *f,
    int32_t today, cJSON **out)
{
	return yousu_stats_build_groups(wf, st, f, today, out, NULL);
}
