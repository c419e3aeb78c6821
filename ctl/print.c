/* yousuctl's human output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "yousu/complaint.h"
#include "yousu/query.h"
#include "yousu/utf8.h"

static const char *
jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static long long
jint(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? (long long) v->valuedouble : 0;
}

static bool
is_true(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, key));
}

/* s with "（暂定）" after it when flag is set, in buf. */
static const char *
provisional(const char *s, bool flag, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", s, flag && s[0] ? "（暂定）" : "");
	return buf;
}

/* The closest published guidance cases an intake found. */
static void
print_similar(const cJSON *cases)
{
	const cJSON *c;
	char title[128], conclusion[256];

	if (cJSON_GetArraySize(cases) == 0)
		return;
	puts("相似指导案例 (similar guidance cases):");
	cJSON_ArrayForEach (c, cases)
		printf("  %s  %s  结论：%s\n", jstr(c, "id"),
		    yousu_text_clip(jstr(c, "title"), 30, title, sizeof title),
		    yousu_text_clip(jstr(c, "conclusion"), 60, conclusion,
		        sizeof conclusion));
}

static void
print_topics(const char *title, const cJSON *list)
{
	const cJSON *it, *c;

	printf("%s：\n", title);
	if (cJSON_GetArraySize(list) == 0)
		puts("  （无增长）");
	cJSON_ArrayForEach (it, list) {
		printf("  %-12s 本月%lld件，此前月均%.2f件，增加%.2f件；",
		    jstr(it, "label")[0] ? jstr(it, "label") : jstr(it, "key"),
		    jint(it, "count"),
		    cJSON_GetObjectItem(it, "average_before")->valuedouble,
		    cJSON_GetObjectItem(it, "growth")->valuedouble);
		cJSON_ArrayForEach (c, cJSON_GetObjectItem(it, "complaints"))
			printf(" %s", c->valuestring);
		putchar('\n');
	}
}

int
ctl_print_hotspots(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) cmd, (void) l;
	printf("热点：%s，与%s起的%lld个月相比\n", jstr(r, "month"),
	    jstr(r, "compared_from"), jint(r, "months"));
	print_topics("增长最多的类别", cJSON_GetObjectItem(r, "categories"));
	print_topics("增长最多的关键词", cJSON_GetObjectItem(r, "terms"));
	return 0;
}

int
ctl_print_repeats(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *it, *found = cJSON_GetObjectItem(r, "found");
	char text[256];

	(void) cmd, (void) l;
	printf("重复件查询（%lld天内）：%d件\n", jint(r, "window_days"),
	    cJSON_GetArraySize(found));
	cJSON_ArrayForEach (it, found) {
		const char *m = jstr(it, "match");

		printf("  %s  %s  %s  %s", jstr(it, "id"), jstr(it, "received"),
		    yousu_label("status", jstr(it, "status")),
		    strcmp(m, "phone") == 0 ? "同一电话"
		    : strcmp(m, "org") == 0 ? "同一单位"
		                            : "内容相似");
		if (strcmp(m, "content") == 0)
			printf("（%.2f）",
			    cJSON_GetObjectItem(it, "similarity")
			        ? cJSON_GetObjectItem(it, "similarity")
			              ->valuedouble
			        : 0.0);
		printf("  %s  %s\n",
		    is_true(it, "open") ? "办理中，可补充反映" : "已办结",
		    yousu_text_clip(
		        jstr(it, "content"), 40, text, sizeof text));
	}
	return 0;
}

int
ctl_print_change(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) l;
	printf("%s  %s (%s)", jstr(r, "id"),
	    yousu_label("status", jstr(r, "status")), jstr(r, "status"));
	if (strcmp(cmd->name, "intake") == 0)
		printf("  %lld年第%lld号", jint(r, "year"), jint(r, "serial"));
	if (jstr(r, "due")[0] && strcmp(jstr(r, "status"), "assigned") == 0)
		printf("  due %s (%lld working day%s%s%s)", jstr(r, "due"),
		    jint(r, "limit_days"),
		    jint(r, "limit_days") == 1 ? "" : "s",
		    jint(r, "extended_days") ? ", extended" : "",
		    is_true(r, "due_provisional") ? ", 暂定 provisional" : "");
	if (jstr(r, "feedback_due")[0] &&
	    strcmp(jstr(r, "status"), "assigned") == 0 &&
	    !cJSON_HasObjectItem(r, "feedback"))
		printf("  first feedback due %s", jstr(r, "feedback_due"));
	if (strcmp(cmd->name, "reject") == 0)
		printf("  %s; use instead: %s",
		    jstr(cJSON_GetObjectItem(r, "rejection"), "label"),
		    jstr(cJSON_GetObjectItem(r, "rejection"), "channel"));
	if (jstr(r, "sent_to")[0])
		printf(
		    "  已发往%s记录（该诉求由其办理，回传后可见） sent to %s, "
		    "which owns it",
		    jstr(r, "sent_to"), jstr(r, "sent_to"));
	putchar('\n');
	if (strcmp(cmd->name, "intake") == 0)
		print_similar(cJSON_GetObjectItem(r, "similar_cases"));
	return 0;
}

static void
field(const char *label, const char *v)
{
	if (v != NULL && v[0] != '\0')
		printf("%s：%s\n", label, v);
}

/* Who signed: a person, or the daemon's own 系统 for its steps. */
static const char *
signer(const cJSON *e)
{
	const char *a = jstr(e, "actor");

	if (strcmp(a, "scheduler") == 0)
		return "系统（定时）";
	if (strcmp(a, "calendar") == 0)
		return "系统（日历）";
	return a;
}

/* The log, one event a line: number, time, who signed, what it did. */
static void
print_log(const cJSON *log)
{
	const cJSON *e;

	puts("事件记录：");
	cJSON_ArrayForEach (e, log)
		printf("%3lld  %s  %s  %s\n", jint(e, "seq"), jstr(e, "time"),
		    signer(e), jstr(e, "summary"));
}

static const char *join(
    const cJSON *list, const char *sep, char *buf, size_t len);

/* The 12345 交办单's own terms: its 办理时限, when the caller is to be
 * told the outcome and whether they were, the units it names. */
static void
print_hotline_terms(const cJSON *r, char *buf, size_t len)
{
	if (jint(r, "time_limit_days") > 0) {
		snprintf(buf, len, "%lld 个工作日", jint(r, "time_limit_days"));
		field("交办单办理时限", buf);
	}
	if (jstr(r, "callback_due")[0]) {
		snprintf(buf, len, "%s%s", jstr(r, "callback_due"),
		    is_true(r, "callback_provisional") ? "（暂定）" : "");
		field("反馈来电人期限", buf);
	}
	if (cJSON_HasObjectItem(r, "callback_on_time"))
		field("反馈来电人", is_true(r, "callback_on_time")
		                        ? "已按时反馈"
		                        : "已反馈（逾期）");
	field("反馈情况", jstr(r, "callback_note"));
	field("交办单主办单位", jstr(r, "lead_unit"));
	field("交办单协办单位",
	    join(cJSON_GetObjectItem(r, "co_units"), "、", buf, len));
}

int
ctl_print_show(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	char buf[64], big[512];

	(void) cmd;
	if (l->workorder) {
		fputs(jstr(r, "workorder"), stdout);
		return 0;
	}
	field("编号", jstr(r, "id"));
	field("状态", yousu_label("status", jstr(r, "status")));
	field("所属中心", jstr(r, "owner"));
	field("来源", yousu_label("source", jstr(r, "source")));
	field("反映人", jstr(r, "name"));
	field("电话", jstr(r, "phone"));
	field("诉求", jstr(r, "content"));
	if (jstr(r, "category_label")[0]) {
		snprintf(big, sizeof big, "%s（%s）", jstr(r, "category_label"),
		    jstr(r, "category"));
		field("类别", big);
	} else {
		field("类别", jstr(r, "category"));
	}
	field("性质", yousu_label("nature", jstr(r, "nature")));
	field("类", jstr(r, "class"));
	if (jstr(r, "lead")[0]) {
		snprintf(big, sizeof big, "%s（%s）", jstr(r, "lead_name"),
		    jstr(r, "lead"));
		field("牵头部门", big);
	}
	field("期限", provisional(jstr(r, "due"), is_true(r, "due_provisional"),
	                  buf, sizeof buf));
	field("初步反馈期限",
	    provisional(jstr(r, "feedback_due"),
	        is_true(r, "feedback_provisional"), buf, sizeof buf));
	field("初步反馈", jstr(cJSON_GetObjectItem(r, "feedback"), "result"));
	field("提交", jstr(r, "referred_to"));
	field("联系来电人", jstr(r, "contact_note"));
	print_hotline_terms(r, big, sizeof big);
	field("过错责任", jstr(r, "fault"));
	field("处理意见", jstr(r, "fault_opinion"));
	field("否定答复报告",
	    jstr(cJSON_GetObjectItem(r, "reply"), "reported_to"));
	if (cJSON_IsArray(cJSON_GetObjectItem(r, "evaluation_sent_to")))
		field("服务评价已反馈",
		    join(cJSON_GetObjectItem(r, "evaluation_sent_to"), "、",
		        big, sizeof big));
	if (jint(r, "overdue_days") > 0) {
		snprintf(buf, sizeof buf, "%lld 个工作日%s",
		    jint(r, "overdue_days"),
		    is_true(r, "overdue_provisional") ? "（暂定）" : "");
		field("超期", buf);
	}
	field("暂定", jstr(r, "provisional_rule"));
	field("满意度", yousu_label("satisfaction", jstr(r, "satisfaction")));
	putchar('\n');
	print_log(cJSON_GetObjectItem(r, "log"));
	return 0;
}

/* A table of items, each row's cells from fill, and their count. */
static void
item_table(const char *const *names, size_t ncols, const cJSON *r,
    void (*fill)(cJSON *row, const cJSON *c))
{
	cJSON *cols = cJSON_CreateArray(), *rows = cJSON_CreateArray(), *row;
	const cJSON *c;

	for (size_t i = 0; i < ncols; i++)
		cJSON_AddItemToArray(cols, cJSON_CreateString(names[i]));
	cJSON_ArrayForEach (c, r) {
		row = cJSON_CreateArray();
		fill(row, c);
		cJSON_AddItemToArray(rows, row);
	}
	yousu_table_write(stdout, cols, rows);
	printf("(%d)\n", cJSON_GetArraySize(r));
	cJSON_Delete(cols);
	cJSON_Delete(rows);
}

static void
cell(cJSON *row, const char *s)
{
	cJSON_AddItemToArray(row, cJSON_CreateString(s));
}

/* The strings of list joined by sep into buf. */
static const char *
join(const cJSON *list, const char *sep, char *buf, size_t len)
{
	const cJSON *it;
	size_t off = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach (it, list) {
		if (!cJSON_IsString(it) || off >= len)
			continue;
		off += (size_t) snprintf(buf + off, len - off, "%s%s",
		    off > 0 ? sep : "", it->valuestring);
	}
	return buf;
}

/* "" for none, else the number ("3（暂定）" when provisional) */
static void
days_cell(cJSON *row, const cJSON *it)
{
	char buf[48];

	snprintf(buf, sizeof buf, "%lld%s", jint(it, "overdue_days"),
	    is_true(it, "overdue_provisional") ? "（暂定）" : "");
	cell(row, jint(it, "overdue_days") ? buf : "");
}

/* the due date, "（暂定）" after a provisional one */
static void
due_cell(cJSON *row, const cJSON *it)
{
	char buf[48];

	cell(row, provisional(jstr(it, "due"), is_true(it, "due_provisional"),
	              buf, sizeof buf));
}

static void
complaint_row(cJSON *row, const cJSON *it)
{
	cell(row, jstr(it, "id"));
	cell(row, jstr(it, "received"));
	cell(row, yousu_label("status", jstr(it, "status")));
	cell(row, yousu_label("source", jstr(it, "source")));
	cell(row, jstr(it, "name"));
	cell(row, jstr(it, "category"));
	cell(row, jstr(it, "lead"));
	due_cell(row, it);
	days_cell(row, it);
}

int
ctl_print_list(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	static const char *const names[] = {"编号", "受理时间", "状态", "来源",
	    "反映人", "类别", "牵头部门", "期限", "超期(工作日)"};

	(void) cmd, (void) l;
	item_table(names, sizeof names / sizeof *names, r, complaint_row);
	return 0;
}

static void
queue_row(cJSON *row, const cJSON *it)
{
	bool lead = strcmp(jstr(it, "role"), "lead") == 0;
	char buf[256];

	cell(row, jstr(it, "id"));
	cell(row, jstr(it, "received"));
	cell(row, lead ? "牵头" : "协办");
	cell(row, cJSON_IsTrue(cJSON_GetObjectItem(it, "accepted")) ? "已签收"
	                                                            : "未签收");
	due_cell(row, it);
	days_cell(row, it);
	if (lead)
		join(cJSON_GetObjectItem(it, "waiting_for"), ",", buf,
		    sizeof buf);
	else
		snprintf(buf, sizeof buf, "%s",
		    cJSON_IsTrue(cJSON_GetObjectItem(it, "replied"))
		        ? "已答复牵头"
		        : "未答复牵头");
	cell(row, buf);
	cell(row, cJSON_IsTrue(cJSON_GetObjectItem(it, "extension_requested"))
	              ? "待批"
	              : "");
	cell(row, jstr(it, "content"));
}

int
ctl_print_queue(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	static const char *const names[] = {"编号", "受理时间", "角色", "签收",
	    "期限", "超期(工作日)", "待协办", "延期申请", "诉求"};

	(void) cmd, (void) l;
	item_table(names, sizeof names / sizeof *names, r, queue_row);
	return 0;
}

int
ctl_print_ledger(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *cols = cJSON_GetObjectItem(r, "columns");
	const cJSON *rows = cJSON_GetObjectItem(r, "rows");
	const char *fmt = l->format ? l->format : "table";
	FILE *f = stdout;
	int rv = 0;

	(void) cmd;
	if (strcmp(fmt, "xlsx") == 0) {
		if (l->output == NULL) {
			fprintf(
			    stderr, "yousuctl ledger: xlsx needs -o FILE\n");
			return 2;
		}
		rv = yousu_xlsx_write(l->output, jstr(r, "title"), cols, rows);
	} else if (strcmp(fmt, "csv") == 0 || strcmp(fmt, "table") == 0) {
		if (l->output && (f = fopen(l->output, "w")) == NULL) {
			perror(l->output);
			return 1;
		}
		if (strcmp(fmt, "csv") == 0)
			rv = yousu_csv_write(f, cols, rows);
		else
			yousu_table_write(f, cols, rows);
		if (f != stdout && fclose(f) != 0)
			rv = 1;
	} else {
		fprintf(stderr,
		    "yousuctl ledger: --format '%s' is not table, csv or "
		    "xlsx\n",
		    fmt);
		return 2;
	}
	if (rv != 0) {
		fprintf(stderr, "yousuctl ledger: cannot write %s\n",
		    l->output ? l->output : "stdout");
		return 1;
	}
	if (l->output)
		fprintf(stderr, "ledger: %d rows written to %s\n",
		    cJSON_GetArraySize(rows), l->output);
	return 0;
}

/* A number as the tables print it: whole, or to two decimals; "—" when
 * there is nothing (a rate with nothing to divide by). */
static void
print_number(const cJSON *v)
{
	if (!cJSON_IsNumber(v))
		puts("—");
	else if (v->valuedouble == (double) (long long) v->valuedouble)
		printf("%lld\n", (long long) v->valuedouble);
	else
		printf("%.2f\n", v->valuedouble);
}

/* The kind of the codes of a group (yousu_label), or NULL. */
static const char *
group_kind(const char *key)
{
	static const char *const kinds[][2] = {{"by_status", "status"},
	    {"by_source", "source"}, {"by_nature", "nature"},
	    {"by_satisfaction", "satisfaction"}};

	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kinds[i][0], key) == 0)
			return kinds[i][1];
	return NULL;
}

/* Pads a label to width display columns (CJK counted as two). */
static void
print_label(const char *s, int width)
{
	printf("%s", s);
	for (int w = yousu_text_width(s); w < width; w++)
		putchar(' ');
}

/* One group (按办理状态 …): each code by its name, and its count. */
static void
print_group(const cJSON *g, const char *key, const cJSON *names)
{
	const char *kind = group_kind(key), *name;
	const cJSON *c;
	char buf[256];

	cJSON_ArrayForEach (c, g) {
		name = kind ? yousu_label(kind, c->string)
		            : jstr(cJSON_GetObjectItem(names, key), c->string);
		if (strcmp(c->string, "-") == 0)
			name = "（未填）";
		if (name[0] != '\0' && strcmp(name, c->string) != 0)
			snprintf(buf, sizeof buf, "%s (%s)", name, c->string);
		else
			snprintf(buf, sizeof buf, "%s", c->string);
		printf("  ");
		print_label(buf, 34);
		print_number(c);
	}
}

/* Statistics in Chinese: each figure by its label, each group by its
 * codes' names. */
int
ctl_print_stats(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *names = cJSON_GetObjectItem(r, "names"), *c;
	const char *label;

	(void) cmd, (void) l;
	cJSON_ArrayForEach (c, r) {
		if (strcmp(c->string, "names") == 0)
			continue;
		label = yousu_stats_label(c->string);
		if (cJSON_IsObject(c)) {
			printf("%s\n", label ? label : c->string);
			print_group(c, c->string, names);
			continue;
		}
		print_label(label ? label : c->string, 36);
		print_number(c);
	}
	return 0;
}

int
ctl_print_hotline(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *it;

	(void) cmd, (void) l;
	cJSON_ArrayForEach (it, r)
		printf("%-28s %s/%-6s %s  %-10s %s %s\n", jstr(it, "item"),
		    jstr(it, "county"), jstr(it, "township"),
		    jstr(it, "imported_at"), jstr(it, "status"),
		    jstr(it, "result_at"), jstr(it, "result_file"));
	printf("(%d)\n", cJSON_GetArraySize(r));
	return 0;
}

int
ctl_print_hotline_rejected(
    const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *it;

	(void) cmd, (void) l;
	cJSON_ArrayForEach (it, r)
		printf("%-36s %s  %s\n", jstr(it, "file"), jstr(it, "time"),
		    jstr(it, "error"));
	printf("(%d)\n", cJSON_GetArraySize(r));
	return 0;
}

int
ctl_print_city(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *it;

	if (cJSON_IsArray(r)) { /* --reports */
		cJSON_ArrayForEach (it, r)
			printf("%-8s %-10s %s\n", jstr(it, "county"),
			    jstr(it, "period"), jstr(it, "generated_at"));
		return 0;
	}
	if (l->format == NULL && l->output == NULL)
		printf("%s\n", jstr(r, "title"));
	return ctl_print_ledger(cmd, r, l);
}

int
ctl_print_report(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	printf("统计报表：%s %s，%s 至 %s（%s 生成%s）\n", jstr(r, "centre"),
	    jstr(r, "centre_name"), jstr(r, "from"), jstr(r, "to"),
	    jstr(r, "generated_at"), is_true(r, "sent") ? "，已报送上级" : "");
	if (jint(cJSON_GetObjectItem(r, "duty"), "rostered") > 0)
		printf("领导带班：排班%lld个半天，到窗口%"
		       "lld个，未到窗口现场办公%lld个\n",
		    jint(cJSON_GetObjectItem(r, "duty"), "rostered"),
		    jint(cJSON_GetObjectItem(r, "duty"), "visited"),
		    jint(cJSON_GetObjectItem(r, "duty"), "missed"));
	return ctl_print_stats(cmd, cJSON_GetObjectItem(r, "stats"), l);
}

int
ctl_print_clock(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) cmd, (void) l;
	printf("%s%s", jstr(r, "now"),
	    cJSON_IsTrue(cJSON_GetObjectItem(r, "test_clock")) ? " (test clock)"
	                                                       : "");
	if (jint(r, "fired"))
		printf("  %lld escalation event(s)", jint(r, "fired"));
	putchar('\n');
	return 0;
}

/* Any other answer: its members, one a line, objects indented. */
static void
print_plain(const cJSON *r, int depth)
{
	const cJSON *c;

	cJSON_ArrayForEach (c, r) {
		printf("%*s%-26s", depth * 2, "", c->string ? c->string : "");
		if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
			putchar('\n');
			print_plain(c, depth + 1);
		} else if (cJSON_IsString(c)) {
			printf("%s\n", c->valuestring);
		} else if (cJSON_IsBool(c)) {
			puts(cJSON_IsTrue(c) ? "是" : "否");
		} else {
			print_number(c);
		}
	}
}

int
ctl_print_check(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) cmd, (void) l;
	if (!is_true(r, "consistent"))
		return 1;
	puts("一致：每件诉求的状态都等于其事件记录的重放结果（consistent: "
	     "yes）");
	return 0;
}

int
ctl_print_plain(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) cmd, (void) l;
	print_plain(r, 0);
	return 0;
}

int
ctl_print_batch(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *it;
	int bad = 0;

	(void) cmd, (void) l;
	cJSON_ArrayForEach (it, r) {
		if (cJSON_IsTrue(cJSON_GetObjectItem(it, "ok"))) {
			printf("%s  %s\n", jstr(it, "id"), jstr(it, "status"));
		} else {
			fprintf(stderr, "refused: %s\n", jstr(it, "error"));
			bad++;
		}
	}
	return bad ? 1 : 0;
}

/* profile: the lists a form offers, each as "code label". */
static void
print_items(const char *title, const cJSON *items, const char *extra)
{
	const cJSON *it;

	printf("%s\n", title);
	cJSON_ArrayForEach (it, items) {
		const char *x = extra ? jstr(it, extra) : "";

		printf("  %-12s %s%s%s\n",
		    cJSON_GetObjectItem(it, "code") ? jstr(it, "code")
		                                    : jstr(it, "key"),
		    jstr(it, "label"), *x ? "  → " : "", x);
	}
}

int
ctl_print_profile(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) cmd, (void) l;
	printf("%s (%s)\n", jstr(r, "title"), jstr(r, "name"));
	print_items("诉求类别 (categories)",
	    cJSON_GetObjectItem(r, "categories"), NULL);
	print_items("不予受理的情形 (refusal grounds; → the channel to tell)",
	    cJSON_GetObjectItem(r, "grounds"), "channel");
	print_items("分类 (classes; → the department)",
	    cJSON_GetObjectItem(r, "classes"), "dept");
	print_items("性质 (natures)", cJSON_GetObjectItem(r, "natures"), NULL);
	printf("延期 (extensions): at most %lld working days%s%s\n",
	    jint(r, "extension_max"),
	    *jstr(r, "extension_approver") ? ", approved by " : "",
	    jstr(r, "extension_approver"));
	print_items("工作单 (work-order fields)",
	    cJSON_GetObjectItem(r, "workorder"), NULL);
	return 0;
}

int
ctl_print_depts(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	static const char *const names[] = {
	    "代码", "名称", "层级", "类别", "联系人", "电话"};
	cJSON *cols = cJSON_CreateArray(), *rows = cJSON_CreateArray();
	const cJSON *it;
	char buf[4096];

	(void) cmd, (void) l;
	for (size_t i = 0; i < 6; i++)
		cJSON_AddItemToArray(cols, cJSON_CreateString(names[i]));
	cJSON_ArrayForEach (it, r) {
		cJSON *row = cJSON_CreateArray();

		cJSON_AddItemToArray(row, cJSON_CreateString(jstr(it, "code")));
		cJSON_AddItemToArray(row, cJSON_CreateString(jstr(it, "name")));
		snprintf(buf, sizeof buf, "%s %s", jstr(it, "level_label"),
		    jstr(it, "level"));
		cJSON_AddItemToArray(row, cJSON_CreateString(buf));
		cJSON_AddItemToArray(
		    row, cJSON_CreateString(
		             join(cJSON_GetObjectItem(it, "categories"), ", ",
		                 buf, sizeof buf)));
		cJSON_AddItemToArray(
		    row, cJSON_CreateString(jstr(it, "contact")));
		cJSON_AddItemToArray(
		    row, cJSON_CreateString(jstr(it, "phone")));
		cJSON_AddItemToArray(rows, row);
	}
	yousu_table_write(stdout, cols, rows);
	printf("\n关键词 (keywords)\n");
	cJSON_ArrayForEach (it, r)
		printf("  %-8s %s\n", jstr(it, "code"),
		    join(cJSON_GetObjectItem(it, "keywords"), "、", buf,
		        sizeof buf));
	printf("(%d)\n", cJSON_GetArraySize(r));
	cJSON_Delete(cols);
	cJSON_Delete(rows);
	return 0;
}

static void
print_pick(const char *role, const cJSON *p)
{
	printf("  %-12s %-8s %s（%s）score %lld\n", role, jstr(p, "code"),
	    jstr(p, "name"), jstr(p, "level_label"), jint(p, "score"));
	printf("  %-12s %-8s %s\n", "", "", jstr(p, "reason"));
}

/* The assign command that takes the proposal as it stands. */
static void
print_assign_hint(const cJSON *r)
{
	const cJSON *co = cJSON_GetObjectItem(r, "co"), *it;
	const char *sep = " --co ";

	printf("to assign as proposed: yousuctl assign %s --lead %s",
	    jstr(r, "id"), jstr(cJSON_GetObjectItem(r, "lead"), "code"));
	cJSON_ArrayForEach (it, co) {
		printf("%s%s", sep, jstr(it, "code"));
		sep = ",";
	}
	putchar('\n');
}

/* The units a 12345 form named and the departments they are. */
static void
print_units(const cJSON *u)
{
	const cJSON *it;

	if (u == NULL)
		return;
	printf("12345交办单 主办单位：%s → %s\n",
	    jstr(cJSON_GetObjectItem(u, "lead"), "text"),
	    jstr(cJSON_GetObjectItem(u, "lead"), "code")[0]
	        ? jstr(cJSON_GetObjectItem(u, "lead"), "code")
	        : "（目录中没有，请人工指定）");
	cJSON_ArrayForEach (it, cJSON_GetObjectItem(u, "co"))
		printf("12345交办单 协办单位：%s → %s\n", jstr(it, "text"),
		    jstr(it, "code")[0] ? jstr(it, "code")
		                        : "（目录中没有，请人工指定）");
}

int
ctl_print_route(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *lead = cJSON_GetObjectItem(r, "lead"), *it;
	char buf[1024];

	(void) cmd, (void) l;
	printf("%s  %s (%s)  ", jstr(r, "id"),
	    yousu_label("status", jstr(r, "status")), jstr(r, "status"));
	if (jstr(r, "category")[0])
		printf("类别 %s %s\n", jstr(r, "category"),
		    jstr(r, "category_label"));
	else
		printf("not classified yet: routed by its content alone\n");
	printf("诉求：%s\n", jstr(r, "content"));
	if (jstr(r, "class_body")[0])
		printf("%s类: led by %s, as the profile's [classes] gives it\n",
		    jstr(r, "class"), jstr(r, "class_body"));
	if (!cJSON_IsObject(lead)) {
		printf("no department handles its category or matches its "
		       "content: choose one by hand (yousuctl depts lists "
		       "them)\n");
	} else {
		print_pick("牵头 lead", lead);
		cJSON_ArrayForEach (it, cJSON_GetObjectItem(r, "co"))
			print_pick("协办 co", it);
		cJSON_ArrayForEach (it, cJSON_GetObjectItem(r, "also"))
			print_pick("也匹配 also", it);
		if (cJSON_IsTrue(cJSON_GetObjectItem(r, "cross_level")))
			printf("跨层级 (%s): 002 第七条, 函转相关政务服务中心、"
			       "便民服务中心管理机构协调办理\n",
			    join(cJSON_GetObjectItem(r, "levels"), ", ", buf,
			        sizeof buf));
		print_assign_hint(r);
	}
	print_units(cJSON_GetObjectItem(r, "hotline_units"));
	if (jstr(r, "assigned_lead")[0])
		printf("assigned now: lead %s%s%s\n", jstr(r, "assigned_lead"),
		    cJSON_GetArraySize(cJSON_GetObjectItem(r, "assigned_co"))
		        ? ", co "
		        : "",
		    join(cJSON_GetObjectItem(r, "assigned_co"), ",", buf,
		        sizeof buf));
	return 0;
}

static void
print_peer(const cJSON *p)
{
	const cJSON *rej = cJSON_GetObjectItem(p, "rejected"), *c;
	const cJSON *lat = cJSON_GetObjectItem(p, "latency");
	const char *when = jstr(p, "last_seen");

	printf("  %-8s %-7s last seen %-16s sent %lld acked %lld backlog %lld "
	       "received %lld",
	    jstr(p, "peer"),
	    cJSON_IsTrue(cJSON_GetObjectItem(p, "online")) ? "online"
	                                                   : "offline",
	    when, jint(p, "sent_seq"), jint(p, "acked_seq"), jint(p, "backlog"),
	    jint(p, "received_seq"));
	if (jint(lat, "samples"))
		printf(" latency p50 %lldms p99 %lldms", jint(lat, "p50_ms"),
		    jint(lat, "p99_ms"));
	putchar('\n');
	cJSON_ArrayForEach (c, rej) {
		if (cJSON_IsNumber(c) && c->valuedouble > 0)
			printf("           rejected %s: %lld\n", c->string,
			    (long long) c->valuedouble);
	}
	c = cJSON_GetObjectItem(p, "resync");
	if (jint(c, "count") > 0)
		printf("           重新同步（对方存储是新的）%lld 次，最近一次 "
		       "%lld 条消息，已确认 %lld 条%s\n",
		    jint(c, "count"), jint(c, "messages"), jint(c, "acked"),
		    cJSON_IsTrue(cJSON_GetObjectItem(c, "done")) ? "，已完成"
		                                                 : "，进行中");
	if (jint(p, "stale_frames") > 0)
		printf("           frames for this store's earlier incarnation "
		       "(ignored): %lld\n",
		    jint(p, "stale_frames"));
}

static void
print_side(const char *title, const cJSON *side)
{
	const cJSON *p, *c;

	if (side == NULL)
		return;
	printf("%s (%s, uplink %s, downlink %s)\n", title, jstr(side, "side"),
	    jstr(side, "uplink"), jstr(side, "downlink"));
	cJSON_ArrayForEach (p, cJSON_GetObjectItem(side, "peers"))
		print_peer(p);
	cJSON_ArrayForEach (
	    c, cJSON_GetObjectItem(side, "rejected_unattributed")) {
		if (cJSON_IsNumber(c) && c->valuedouble > 0)
			printf("  rejected from unknown senders, %s: %lld\n",
			    c->string, (long long) c->valuedouble);
	}
}

/* What neighbours sent back to this store, and what two centres wrote
 * differently (forks), and which of its own numbers it does not hold. */
static void
print_restore(const cJSON *r)
{
	const cJSON *m;

	if (r == NULL)
		return;
	printf("存储 incarnation %s\n", jstr(r, "incarnation"));
	if (jint(r, "events") > 0)
		printf("  从相邻中心恢复的事件：%lld\n", jint(r, "events"));
	cJSON_ArrayForEach (m, cJSON_GetObjectItem(r, "from"))
		printf("    来自 %s：%lld\n", m->string,
		    (long long) m->valuedouble);
	if (jint(r, "forks") > 0)
		printf(
		    "  分叉（两个中心对同一工单写法不同，见 link_forks，需人工"
		    "处理）：%lld\n",
		    jint(r, "forks"));
	cJSON_ArrayForEach (m, cJSON_GetObjectItem(r, "missing"))
		printf("  本中心编号缺失（未能恢复，请重新登记）：%s\n",
		    m->valuestring);
}

/* The calendar's version and end, and its warning if it has one. */
static void
print_calendar_head(const cJSON *c)
{
	if (c == NULL)
		return;
	printf("工作日日历 %s，到 %s（还有 %lld 天）\n", jstr(c, "version"),
	    jstr(c, "ends"), jint(c, "days_left"));
	if (jstr(c, "warning")[0])
		printf("警告：%s\n", jstr(c, "warning"));
}

int
ctl_print_calendar(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *y, *check = cJSON_GetObjectItem(r, "last_check");
	const char *sep = "";

	(void) cmd, (void) l;
	printf("日历文件：%s\n", jstr(r, "path"));
	printf("版本：%s\n载入年份：", jstr(r, "version"));
	cJSON_ArrayForEach (y, cJSON_GetObjectItem(r, "years")) {
		printf("%s%d年", sep, (int) y->valuedouble);
		sep = "、";
	}
	printf("\n日历到期：%s（%s%lld 天）\n", jstr(r, "ends"),
	    jint(r, "days_left") >= 0 ? "还有 " : "已过 ",
	    jint(r, "days_left") >= 0 ? jint(r, "days_left")
	                              : -jint(r, "days_left"));
	printf("%lld年：未载入；%s，结果标“暂定”\n",
	    jint(cJSON_GetObjectItem(r, "next_year"), "year"), jstr(r, "rule"));
	printf("有暂定数字的办理中诉求：%lld 件（办理中共 %lld 件）\n",
	    jint(r, "open_provisional"), jint(r, "open"));
	if (check != NULL)
		printf("上次核对：%s，日历 %s，重新计算 %lld 件，期限调整 %lld "
		       "件，"
		       "标注步骤 %lld 个\n",
		    jstr(check, "at"), jstr(check, "to"),
		    jint(check, "checked"), jint(check, "adjusted"),
		    jint(check, "steps_noted"));
	if (jstr(r, "warning")[0])
		printf("警告：%s\n", jstr(r, "warning"));
	return 0;
}

int
ctl_print_calendar_count(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) l;
	if (strcmp(cmd->name, "calendar days") == 0)
		printf("%s 至 %s：%lld 个工作日", jstr(r, "from"),
		    jstr(r, "to"), jint(r, "working_days"));
	else
		printf("%s 后第 %lld 个工作日（期限）：%s", jstr(r, "from"),
		    jint(r, "n"), jstr(r, "date"));
	printf("%s\n", is_true(r, "provisional") ? "（暂定）" : "");
	printf("计算规则：%s\n", jstr(r, "counting"));
	if (is_true(r, "provisional"))
		printf("暂定：%s\n", jstr(r, "rule"));
	return 0;
}

int
ctl_print_calendar_reload(
    const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) cmd, (void) l;
	if (is_true(r, "unchanged")) {
		printf("日历未变：版本 %s\n", jstr(r, "to"));
		return 0;
	}
	printf("日历已重新载入：%s → %s\n", jstr(r, "from"), jstr(r, "to"));
	printf("重新计算 %lld 件，期限调整 %lld 件，标注暂定步骤 %lld 个\n",
	    jint(r, "checked"), jint(r, "adjusted"), jint(r, "steps_noted"));
	return 0;
}

int
ctl_print_reload(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *k;

	printf("配置已重新载入：政策配置 %s，部门目录 %s\n", jstr(r, "profile"),
	    jstr(r, "departments"));
	if (jstr(r, "certificate")[0])
		printf("证书已重新载入：%s（下一次握手起使用）\n",
		    jstr(r, "certificate"));
	if (cJSON_GetObjectItem(r, "calendar") != NULL)
		ctl_print_calendar_reload(
		    cmd, cJSON_GetObjectItem(r, "calendar"), l);
	if (jstr(r, "calendar_error")[0])
		printf("日历未能重新载入，仍用原日历：%s\n",
		    jstr(r, "calendar_error"));
	cJSON_ArrayForEach (k, cJSON_GetObjectItem(r, "restart"))
		printf("需重启才生效：%s\n", k->valuestring);
	return 0;
}

int
ctl_print_status(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) cmd, (void) l;
	printf("%s %s\n", jstr(r, "role"), jstr(r, "centre"));
	print_side("parent", cJSON_GetObjectItem(r, "parent"));
	print_side("children", cJSON_GetObjectItem(r, "children"));
	print_restore(cJSON_GetObjectItem(r, "restore"));
	if (!cJSON_GetObjectItem(r, "parent") &&
	    !cJSON_GetObjectItem(r, "children"))
		puts("no links configured (standalone)");
	print_calendar_head(cJSON_GetObjectItem(r, "calendar"));
	return 0;
}

int
ctl_print_case(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const char *status = jstr(r, "status");
	char buf[256];

	(void) l;
	if (strcmp(cmd->name, "case show") != 0) {
		printf("%s  %s (%s)  %s\n", jstr(r, "id"),
		    yousu_label("case", status), status, jstr(r, "title"));
		return 0;
	}
	field("编号", jstr(r, "id"));
	snprintf(
	    buf, sizeof buf, "%s (%s)", yousu_label("case", status), status);
	field("状态", buf);
	field("标题", jstr(r, "title"));
	field("来源工单", jstr(r, "complaint"));
	field("类别", jstr(r, "category"));
	field("诉求摘要", jstr(r, "summary"));
	field("处理方法", jstr(r, "method"));
	field("结论意见", jstr(r, "conclusion"));
	snprintf(
	    buf, sizeof buf, "%s %s", jstr(r, "proposer"), jstr(r, "proposed"));
	field("提出", buf);
	if (jstr(r, "reviewer")[0] != '\0') {
		snprintf(buf, sizeof buf, "%s %s", jstr(r, "reviewer"),
		    jstr(r, "reviewed"));
		field("审核", buf);
	}
	field("审核意见", jstr(r, "review_note"));
	return 0;
}

static void
case_row(cJSON *row, const cJSON *c)
{
	char title[128];

	cell(row, jstr(c, "id"));
	cell(row, yousu_label("case", jstr(c, "status")));
	cell(row, yousu_text_clip(jstr(c, "title"), 24, title, sizeof title));
	cell(row, jstr(c, "complaint"));
	cell(row, jstr(c, "category"));
	cell(row, jstr(c, "proposer"));
	cell(row, jstr(c, "proposed"));
	cell(row, jstr(c, "reviewer"));
}

static void
search_row(cJSON *row, const cJSON *c)
{
	char title[128], conclusion[256], n[16];

	cell(row, jstr(c, "id"));
	cell(row, yousu_text_clip(jstr(c, "title"), 24, title, sizeof title));
	cell(row, yousu_text_clip(jstr(c, "conclusion"), 40, conclusion,
	              sizeof conclusion));
	snprintf(n, sizeof n, "%lld", jint(c, "matched"));
	cell(row, n);
}

int
ctl_print_case_list(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	static const char *const names[] = {"编号", "状态", "标题", "来源工单",
	    "类别", "提出人", "提出时间", "审核人"};

	(void) cmd, (void) l;
	item_table(names, sizeof names / sizeof *names, r, case_row);
	return 0;
}

int
ctl_print_case_search(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	static const char *const names[] = {
	    "编号", "标题", "结论意见", "命中词数"};

	(void) cmd, (void) l;
	item_table(names, sizeof names / sizeof *names, r, search_row);
	return 0;
}

/* --- visit rounds (回访批次) ----------------------------------------- */

static char rate_buf[32];

static void
round_head(const cJSON *r)
{
	printf("%s  办结日期 %s 至 %s  %s%lld件（共%lld件，随机种子 %lld）  %s "
	       "%s\n",
	    jstr(r, "id"), jstr(r, "from"), jstr(r, "to"),
	    cJSON_HasObjectItem(r, "size") ? "抽样" : "全部",
	    (long long) cJSON_GetArraySize(cJSON_GetObjectItem(r, "members")),
	    jint(r, "candidates"), jint(r, "seed"), jstr(r, "created"),
	    jstr(r, "actor"));
}

int
ctl_print_round(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *it, *sum = cJSON_GetObjectItem(r, "results");

	(void) cmd, (void) l;
	round_head(r);
	if (sum == NULL) {
		cJSON_ArrayForEach (it, cJSON_GetObjectItem(r, "members"))
			printf("  %s\n", it->valuestring);
		return 0;
	}
	cJSON_ArrayForEach (it, cJSON_GetObjectItem(r, "items")) {
		const cJSON *v = cJSON_GetObjectItem(it, "visit");

		printf("  %s  %s", jstr(it, "id"),
		    v == NULL ? "未回访"
		    : !is_true(v, "reached")
		        ? "无法回访"
		        : yousu_label("satisfaction", jstr(v, "satisfaction")));
		if (v != NULL && jstr(v, "opinion")[0])
			printf("  %s", jstr(v, "opinion"));
		if (is_true(it, "rechecked"))
			printf("  （已退回重新核实）");
		putchar('\n');
	}
	printf("回访结果：%lld件中已回访%lld件，联系上%lld件，无法回访%lld件；"
	       "满意%lld、基本满意%lld、不满意%lld；满意率%s；退回重新核实%"
	       "lld件\n",
	    jint(sum, "members"), jint(sum, "visited"), jint(sum, "reached"),
	    jint(sum, "unreached"), jint(sum, "satisfied"), jint(sum, "basic"),
	    jint(sum, "unsatisfied"),
	    cJSON_IsNumber(cJSON_GetObjectItem(sum, "satisfaction_rate_pct"))
	        ? (snprintf(rate_buf, sizeof rate_buf, "%.2f%%",
	               cJSON_GetObjectItem(sum, "satisfaction_rate_pct")
	                   ->valuedouble),
	              rate_buf)
	        : "—",
	    jint(sum, "rechecked"));
	return 0;
}

int
ctl_print_round_list(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *it;

	(void) cmd, (void) l;
	if (cJSON_GetArraySize(r) == 0)
		puts("（没有回访批次）");
	cJSON_ArrayForEach (it, r)
		round_head(it);
	return 0;
}

/* --- the duty-leader roster (领导带班) -------------------------------- */

int
ctl_print_duty(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *h;

	(void) l;
	if (strcmp(cmd->name, "duty visit") == 0) {
		printf("%s %s（%s）到窗口现场办公：%s\n", jstr(r, "time"),
		    jstr(r, "leader"), jstr(r, "half"), jstr(r, "note"));
		return 0;
	}
	if (strcmp(cmd->name, "duty board") != 0) {
		printf("排班已保存：%lld个半天\n", jint(r, "halves"));
		return 0;
	}
	printf("领导带班 %s 至 %s\n", jstr(r, "from"), jstr(r, "to"));
	cJSON_ArrayForEach (h, cJSON_GetObjectItem(r, "halves")) {
		const cJSON *v;

		printf("  %s %s  %s  ", jstr(h, "day"),
		    strcmp(jstr(h, "half"), "am") == 0 ? "上午" : "下午",
		    jstr(h, "leader"));
		if (cJSON_GetArraySize(cJSON_GetObjectItem(h, "visits")) == 0)
			printf("%s\n", is_true(h, "missed") ? "未到窗口现场办公"
			                                    : "（尚未到窗口）");
		else
			putchar('\n');
		cJSON_ArrayForEach (v, cJSON_GetObjectItem(h, "visits"))
			printf("      %s %s：%s\n", jstr(v, "time"),
			    jstr(v, "leader"), jstr(v, "note"));
	}
	printf("排班%lld个半天：到窗口%lld个，未到%lld个，未结束%lld个\n",
	    jint(r, "rostered"), jint(r, "visited"), jint(r, "missed"),
	    jint(r, "open"));
	return 0;
}

/* --- 整改情况报告 ------------------------------------------------------ */

int
ctl_print_rectify(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *s = cJSON_GetObjectItem(r, "summary"), *v;

	if (strcmp(cmd->name, "rectify list") == 0) {
		if (cJSON_GetArraySize(r) == 0)
			puts("（没有存档的整改情况报告）");
		cJSON_ArrayForEach (v, r)
			printf("%s  %s 至 %s  问题%lld件  %s  sha256 %s\n",
			    jstr(v, "id"), jstr(v, "from"), jstr(v, "to"),
			    jint(cJSON_GetObjectItem(v, "summary"), "problems"),
			    jstr(v, "actor"), jstr(v, "sha256"));
		return 0;
	}
	/* the header goes to stderr when the table is a file's content */
	FILE *h =
	    l->format && strcmp(l->format, "table") != 0 ? stderr : stdout;

	fprintf(h, "整改情况报告 %s 至 %s%s%s\n", jstr(r, "from"),
	    jstr(r, "to"), jstr(r, "id")[0] ? "  存档编号 " : "",
	    jstr(r, "id"));
	fprintf(h,
	    "问题%lld件：已整改到位%lld，整改中%lld，未整改到位%lld；超期%"
	    "lld件；"
	    "通报%lld次；过错%lld件\n",
	    jint(s, "problems"), jint(s, "rectified"), jint(s, "in_progress"),
	    jint(s, "not_rectified"), jint(s, "overdue"), jint(s, "notices"),
	    jint(s, "faults"));
	fprintf(h, "sha256 %s\n", jstr(r, "sha256"));
	if (cJSON_HasObjectItem(r, "changed")) {
		if (is_true(r, "changed")) {
			fprintf(h, "存档后已有变更（现为 sha256 %s）：",
			    jstr(r, "current_sha256"));
			cJSON_ArrayForEach (
			    v, cJSON_GetObjectItem(r, "changed_ids"))
				fprintf(h, " %s", v->valuestring);
			fputc('\n', h);
		} else
			fputs("存档后未变更\n", h);
	}
	return ctl_print_ledger(cmd, r, l);
}
