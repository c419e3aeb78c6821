/* One line of Chinese for each event of a complaint's log: who did what,
 * and the facts that matter (the department, the due date, the reason),
 * for `show`, the desk and anyone reading the log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/query.h"
#include "yousu/strbuf.h"
#include "yousu/utf8.h"

#define SUMMARY_MAX 1024
#define TEXT_CHARS  40 /* free text is cut here, with … */

typedef struct {
	const yousu_wf *wf;
	const cJSON *data;
	char out[SUMMARY_MAX];
	size_t off;
} line;

#define add(l, ...) \
	yousu__appendf((l)->out, sizeof(l)->out, &(l)->off, __VA_ARGS__)

static const char *
str(const line *l, const char *key)
{
	return yousu__jstr(l->data, key);
}

static long long
num(const line *l, const char *key)
{
	return (long long) yousu__jint(l->data, key, 0);
}

static bool
flag(const line *l, const char *key)
{
	return yousu__jbool(l->data, key, false);
}

/* Free text, cut to TEXT_CHARS characters with … and kept on one line. */
static void
text(line *l, const char *s)
{
	uint32_t cp;
	size_t n, chars = 0;

	for (; s != NULL && *s; s += n) {
		if ((n = yousu_utf8_next(s, &cp)) == 0)
			n = 1;
		if (chars++ == TEXT_CHARS) {
			add(l, "…");
			return;
		}
		if (*s == '\n' || *s == '\r' || *s == '\t')
			add(l, " ");
		else
			add(l, "%.*s", (int) n, s);
	}
}

/* "：" and the text of key, when there is one. */
static void
colon_text(line *l, const char *key)
{
	if (str(l, key) == NULL)
		return;
	add(l, "：");
	text(l, str(l, key));
}

static const char *
dept(const line *l, const char *code)
{
	return yousu_depts_label(yousu_wf_depts(l->wf), code);
}

/* "（暂定）" after a figure counted past the loaded calendar. */
static void
provisional(line *l, const char *key)
{
	if (flag(l, key))
		add(l, "（暂定）");
}

/* " 应于 YYYY-MM-DD" for a step taken after the day it fell due. */
static void
fell_due(line *l, int64_t at)
{
	char day[11];
	const char *on = str(l, "due_on");

	if (on == NULL)
		return;
	yousu_date_format(yousu_local_day(at, yousu_wf_utc_offset(l->wf)), day);
	if (strncmp(on, day, 10) != 0)
		add(l, "（应于%s）", on);
}

static void
s_intake(line *l)
{
	const char *name = str(l, "name");

	add(l, "受理登记：%s，", yousu_label("source", str(l, "source")));
	add(l, "%s", name ? name : flag(l, "anonymous") ? "匿名" : "—");
	if (str(l, "phone"))
		add(l, " %s", str(l, "phone"));
	if (str(l, "hotline_no"))
		add(l, "，12345事项%s", str(l, "hotline_no"));
	add(l, "；诉求：");
	text(l, str(l, "content"));
}

static void
s_classify(line *l)
{
	const char *cat = str(l, "category");
	const char *label = yousu_policy_category(yousu_wf_policy(l->wf), cat);

	add(l, "研判分类：%s，%s",
	    label ? label
	    : cat ? cat
	          : "",
	    yousu_label("nature", str(l, "nature")));
	if (str(l, "class"))
		add(l, "，%s类", str(l, "class"));
	if (num(l, "level"))
		add(l, "，%lld级响应", num(l, "level"));
}

static void
s_assign(line *l)
{
	const cJSON *v;
	const char *sep = "；协办：";

	add(l, "分办转办：牵头%s", dept(l, str(l, "lead")));
	cJSON_ArrayForEach (v, cJSON_GetObjectItem(l->data, "co")) {
		add(l, "%s%s", sep, dept(l, v->valuestring));
		sep = "、";
	}
	add(l, "；期限%s（%lld个工作日）", str(l, "due"), num(l, "limit_days"));
	provisional(l, "due_provisional");
	if (str(l, "limit_source"))
		add(l, "，按12345交办单时限");
	if (str(l, "stub"))
		add(l, "；存根NO.%s", str(l, "stub"));
}

static void
s_reply(line *l)
{
	add(l, "答复（%s）", yousu_label("reply", str(l, "kind")));
	colon_text(l, "result");
	if (str(l, "reason")) {
		add(l, "；理由：");
		text(l, str(l, "reason"));
	}
	if (str(l, "basis")) {
		add(l, "；依据：");
		text(l, str(l, "basis"));
	}
	if (str(l, "steps")) {
		add(l, "；步骤：");
		text(l, str(l, "steps"));
	}
	if (str(l, "committed")) {
		add(l, "；承诺%s前出具办理结果", str(l, "committed"));
		provisional(l, "due_provisional");
	}
	if (cJSON_IsBool(cJSON_GetObjectItem(l->data, "plan_kept")))
		add(l, "；解决方案承诺%s，%s", str(l, "plan_due"),
		    flag(l, "plan_kept") ? "按期兑现" : "逾期兑现");
	if (num(l, "late_days") > 0) {
		add(l, "；超期%lld个工作日", num(l, "late_days"));
		provisional(l, "late_provisional");
	}
	if (str(l, "reported_to"))
		add(l, "；已报%s", str(l, "reported_to"));
}

static void
s_step(line *l, const char *type, int64_t at)
{
	add(l, "%s", yousu_label("event", type));
	if (strcmp(type, "remind") == 0)
		add(l, "：期限%s，还有%lld个工作日", str(l, "due"),
		    num(l, "days_left"));
	else if (strcmp(type, "supervise") == 0)
		add(l, "：期限%s，已超期%lld个工作日", str(l, "due"),
		    num(l, "overdue_days"));
	else if (strcmp(type, "notice") == 0)
		add(l, "：抄送%s，报告%s", str(l, "cc"), str(l, "report_to"));
	else if (strcmp(type, "refer") == 0)
		add(l, "：%s（延期%lld个工作日后仍未办结）", str(l, "to"),
		    num(l, "extended_days"));
	else if (strcmp(type, "urge_feedback") == 0)
		add(l, "：初步反馈应于%s前", str(l, "feedback_due"));
	else if (strcmp(type, "urge_assign") == 0)
		add(l, "：应于受理后%lld个工作日内分办",
		    num(l, "assign_within_days"));
	else if (strcmp(type, "urge_callback") == 0)
		add(l, "：应于%s前将办理情况反馈来电人",
		    str(l, "callback_due"));
	else if (strcmp(type, "contact_late") == 0)
		add(l, "：应于%lld小时内联系", num(l, "contact_within_hours"));
	fell_due(l, at);
	provisional(l, "provisional");
}

static void
s_adjust(line *l)
{
	add(l, "期限调整");
	if (str(l, "due") && str(l, "old_due") &&
	    strcmp(str(l, "due"), str(l, "old_due")) != 0)
		add(l, "：期限%s→%s", str(l, "old_due"), str(l, "due"));
	else if (str(l, "due"))
		add(l, "：期限%s", str(l, "due"));
	provisional(l, "due_provisional");
	if (num(l, "late_days") != num(l, "old_late_days"))
		add(l, "；超期%lld→%lld个工作日", num(l, "old_late_days"),
		    num(l, "late_days"));
	provisional(l, "late_provisional");
	if (str(l, "callback_due") && str(l, "old_callback_due") &&
	    strcmp(str(l, "callback_due"), str(l, "old_callback_due")) != 0)
		add(l, "；反馈来电人%s→%s", str(l, "old_callback_due"),
		    str(l, "callback_due"));
	if (cJSON_GetArraySize(cJSON_GetObjectItem(l->data, "steps")) > 0)
		add(l, "；标注%d个暂定步骤",
		    cJSON_GetArraySize(cJSON_GetObjectItem(l->data, "steps")));
	colon_text(l, "reason");
}

/* The dept's part (签收, 协办答复, 延期申请, 初步反馈). */
static void
s_dept(line *l, const char *type)
{
	add(l, "%s%s", dept(l, str(l, "dept")), yousu_label("event", type));
	if (strcmp(type, "accept") == 0)
		add(l, "（%s）",
		    str(l, "role") && strcmp(str(l, "role"), "co") == 0
		        ? "协办"
		        : "牵头");
	if (strcmp(type, "extend_request") == 0)
		add(l, "%lld个工作日", num(l, "days"));
	colon_text(
	    l, strcmp(type, "extend_request") == 0 ? "reason" : "result");
}

static void
s_other(line *l, const char *type)
{
	add(l, "%s", yousu_label("event", type));
	if (strcmp(type, "reject") == 0) {
		add(l, "：%s；告知通过%s反映",
		    str(l, "label") ? str(l, "label") : str(l, "ground"),
		    str(l, "channel") ? str(l, "channel") : "其他渠道");
	} else if (strcmp(type, "extend") == 0) {
		add(l, "%lld个工作日至%s", num(l, "days"), str(l, "due"));
		provisional(l, "due_provisional");
		add(l, "，批准人%s", str(l, "approver"));
		colon_text(l, "reason");
	} else if (strcmp(type, "qc") == 0) {
		add(l, flag(l, "pass") ? "通过" : "未通过，退回重办");
		colon_text(l, "note");
		if (str(l, "due"))
			add(l, "；新期限%s", str(l, "due"));
	} else if (strcmp(type, "visit") == 0) {
		if (str(l, "outcome") &&
		    strcmp(str(l, "outcome"), "reached") != 0)
			add(l, "：未联系上（%s，第%lld次）%s",
			    yousu_label("visit_outcome", str(l, "outcome")),
			    num(l, "attempt"),
			    flag(l, "unreachable") ? "，无法回访" : "");
		else
			add(l, "：%s",
			    yousu_label(
			        "satisfaction", str(l, "satisfaction")));
		if (cJSON_HasObjectItem(l->data, "resolved"))
			add(l, "，%s",
			    flag(l, "resolved") ? "问题已解决" : "问题未解决");
		if (flag(l, "recheck"))
			add(l, "，退回重新核实%s%s",
			    str(l, "due") ? "，新期限" : "",
			    str(l, "due") ? str(l, "due") : "");
		if (str(l, "note")) {
			add(l, "；");
			text(l, str(l, "note"));
		}
	} else if (strcmp(type, "redo") == 0) {
		colon_text(l, "reason");
		if (str(l, "due"))
			add(l, "；新期限%s", str(l, "due"));
	} else if (strcmp(type, "transfer") == 0) {
		add(l, "：%s → %s", str(l, "from"), str(l, "to"));
		colon_text(l, "reason");
	} else if (strcmp(type, "fault") == 0) {
		colon_text(l, "fault");
		add(l, "；处理意见");
		colon_text(l, "opinion");
	} else if (strcmp(type, "decide") == 0) {
		const cJSON *v;
		const char *sep = "，协办";

		add(l, "（%s会议）：参会：", str(l, "met_on"));
		text(l, str(l, "participants"));
		add(l, "；决定：");
		text(l, str(l, "decision"));
		add(l, "；责成%s牵头", dept(l, str(l, "lead")));
		cJSON_ArrayForEach (v, cJSON_GetObjectItem(l->data, "co")) {
			add(l, "%s%s", sep, dept(l, v->valuestring));
			sep = "、";
		}
		add(l, "，%s前办结", str(l, "due"));
		provisional(l, "due_provisional");
	} else if (strcmp(type, "add") == 0) {
		if (str(l, "source"))
			add(l, "（%s）",
			    yousu_label("source", str(l, "source")));
		colon_text(l, "content");
	} else if (strcmp(type, "notify") == 0) {
		add(l, "：%s%s（%s）",
		    strcmp(str(l, "to") ? str(l, "to") : "", "complainant") == 0
		        ? "申请人（本人同意）"
		        : "",
		    str(l, "to_name") ? str(l, "to_name") : "",
		    str(l, "kind") ? yousu_label("notify_kind", str(l, "kind"))
		                   : "");
	} else if (strcmp(type, "revisit") == 0) {
		add(l, "（%s）：%s", str(l, "round"),
		    flag(l, "reached")
		        ? yousu_label("satisfaction", str(l, "satisfaction"))
		        : "无法回访");
		if (str(l, "opinion")) {
			add(l, "；");
			text(l, str(l, "opinion"));
		}
	} else if (strcmp(type, "explain") == 0) {
		add(l, "（%s）：问题情况：", dept(l, str(l, "dept")));
		text(l, str(l, "problem"));
		add(l, "；沟通请示及会商情况：");
		text(l, str(l, "consulted"));
		add(l, "；拟处理意见：");
		text(l, str(l, "proposal"));
	} else if (strcmp(type, "callback") == 0) {
		colon_text(l, "note");
		if (cJSON_IsBool(cJSON_GetObjectItem(l->data, "on_time")))
			add(l, "（%s）", flag(l, "on_time") ? "按时" : "逾期");
	} else {
		/* resolve, close, contact: their words */
		colon_text(l, str(l, "result") ? "result" : "note");
	}
}

char *
yousu_event_summary(
    const yousu_wf *wf, const char *type, int64_t at, const cJSON *data)
{
	static const char *const steps[] = {"remind", "supervise", "notice",
	    "refer", "urge_feedback", "urge_assign", "urge_callback",
	    "contact_late", NULL};
	static const char *const depts[] = {
	    "accept", "co_reply", "extend_request", "feedback", NULL};
	line l = {.wf = wf, .data = data};

	if (type == NULL)
		return strdup("");
	for (size_t i = 0; steps[i]; i++)
		if (strcmp(type, steps[i]) == 0)
			s_step(&l, type, at);
	for (size_t i = 0; depts[i]; i++)
		if (strcmp(type, depts[i]) == 0)
			s_dept(&l, type);
	if (l.off > 0)
		return strdup(l.out);
	if (strcmp(type, "intake") == 0)
		s_intake(&l);
	else if (strcmp(type, "classify") == 0)
		s_classify(&l);
	else if (strcmp(type, "assign") == 0)
		s_assign(&l);
	else if (strcmp(type, "reply") == 0)
		s_reply(&l);
	else if (strcmp(type, "adjust") == 0)
		s_adjust(&l);
	else
		s_other(&l, type);
	return strdup(l.out);
}
