/* yousuctl's human output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "yousu/complaint.h"
#include "yousu/query.h"

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

int
ctl_print_change(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) l;
	printf("%s  %s (%s)", jstr(r, "id"),
	    yousu_label("status", jstr(r, "status")), jstr(r, "status"));
	if (strcmp(cmd->name, "intake") == 0)
		printf("  %lld年第%lld号", jint(r, "year"), jint(r, "serial"));
	if (jstr(r, "due")[0] && strcmp(jstr(r, "status"), "assigned") == 0)
		printf("  due %s (%lld working days%s)", jstr(r, "due"),
		    jint(r, "limit_days"),
		    jint(r, "extended_days") ? ", extended" : "");
	if (strcmp(cmd->name, "reject") == 0)
		printf("  %s; use instead: %s",
		    jstr(cJSON_GetObjectItem(r, "rejection"), "label"),
		    jstr(cJSON_GetObjectItem(r, "rejection"), "channel"));
	putchar('\n');
	return 0;
}

static void
field(const char *label, const char *v)
{
	if (v != NULL && v[0] != '\0')
		printf("%s：%s\n", label, v);
}

static void
print_log(const cJSON *log)
{
	const cJSON *e;
	cJSON *cols = cJSON_CreateArray(), *rows = cJSON_CreateArray();
	static const char *const names[] = {
	    "#", "时间", "事件", "签字", "内容"};
	char buf[32];

	for (size_t i = 0; i < 5; i++)
		cJSON_AddItemToArray(cols, cJSON_CreateString(names[i]));
	cJSON_ArrayForEach (e, log) {
		cJSON *row = cJSON_CreateArray();
		char *data =
		    cJSON_PrintUnformatted(cJSON_GetObjectItem(e, "data"));

		snprintf(buf, sizeof buf, "%lld", jint(e, "seq"));
		cJSON_AddItemToArray(row, cJSON_CreateString(buf));
		cJSON_AddItemToArray(row, cJSON_CreateString(jstr(e, "time")));
		cJSON_AddItemToArray(row,
		    cJSON_CreateString(yousu_label("event", jstr(e, "type"))));
		cJSON_AddItemToArray(row, cJSON_CreateString(jstr(e, "actor")));
		cJSON_AddItemToArray(row, cJSON_CreateString(data ? data : ""));
		cJSON_AddItemToArray(rows, row);
		free(data);
	}
	yousu_table_write(stdout, cols, rows);
	cJSON_Delete(cols);
	cJSON_Delete(rows);
}

int
ctl_print_show(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	char buf[64];

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
	field("类别", jstr(r, "category"));
	field("性质", yousu_label("nature", jstr(r, "nature")));
	field("类", jstr(r, "class"));
	field("牵头部门", jstr(r, "lead"));
	field("期限", jstr(r, "due"));
	if (jint(r, "overdue_days") > 0) {
		snprintf(
		    buf, sizeof buf, "%lld 个工作日", jint(r, "overdue_days"));
		field("超期", buf);
	}
	field("满意度", yousu_label("satisfaction", jstr(r, "satisfaction")));
	putchar('\n');
	print_log(cJSON_GetObjectItem(r, "log"));
	return 0;
}

int
ctl_print_list(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	static const char *const names[] = {"编号", "受理时间", "状态", "来源",
	    "反映人", "类别", "牵头部门", "期限", "超期(工作日)"};
	cJSON *cols = cJSON_CreateArray(), *rows = cJSON_CreateArray();
	const cJSON *it;
	char buf[16];

	(void) cmd, (void) l;
	for (size_t i = 0; i < 9; i++)
		cJSON_AddItemToArray(cols, cJSON_CreateString(names[i]));
	cJSON_ArrayForEach (it, r) {
		cJSON *row = cJSON_CreateArray();

		cJSON_AddItemToArray(row, cJSON_CreateString(jstr(it, "id")));
		cJSON_AddItemToArray(
		    row, cJSON_CreateString(jstr(it, "received")));
		cJSON_AddItemToArray(row, cJSON_CreateString(yousu_label(
		                              "status", jstr(it, "status"))));
		cJSON_AddItemToArray(row, cJSON_CreateString(yousu_label(
		                              "source", jstr(it, "source"))));
		cJSON_AddItemToArray(row, cJSON_CreateString(jstr(it, "name")));
		cJSON_AddItemToArray(
		    row, cJSON_CreateString(jstr(it, "category")));
		cJSON_AddItemToArray(row, cJSON_CreateString(jstr(it, "lead")));
		cJSON_AddItemToArray(row, cJSON_CreateString(jstr(it, "due")));
		snprintf(buf, sizeof buf, "%lld", jint(it, "overdue_days"));
		cJSON_AddItemToArray(row,
		    cJSON_CreateString(jint(it, "overdue_days") ? buf : ""));
		cJSON_AddItemToArray(rows, row);
	}
	yousu_table_write(stdout, cols, rows);
	printf("(%d)\n", cJSON_GetArraySize(r));
	cJSON_Delete(cols);
	cJSON_Delete(rows);
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

static void
print_value(const char *indent, const cJSON *v)
{
	if (cJSON_IsObject(v)) {
		const cJSON *c;

		putchar('\n');
		cJSON_ArrayForEach (c, v) {
			printf("%s  %-26s", indent, c->string);
			print_value("    ", c);
		}
	} else if (cJSON_IsNumber(v)) {
		if (v->valuedouble == (double) (long long) v->valuedouble)
			printf("%lld\n", (long long) v->valuedouble);
		else
			printf("%.2f\n", v->valuedouble);
	} else if (cJSON_IsString(v)) {
		printf("%s\n", v->valuestring);
	} else if (cJSON_IsBool(v)) {
		puts(cJSON_IsTrue(v) ? "yes" : "no");
	} else {
		puts("-");
	}
}

int
ctl_print_stats(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const cJSON *c;

	(void) cmd, (void) l;
	cJSON_ArrayForEach (c, r) {
		printf("%-28s", c->string);
		print_value("", c);
	}
	return 0;
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

int
ctl_print_plain(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	return ctl_print_stats(cmd, r, l);
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

int
ctl_print_status(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) cmd, (void) l;
	printf("%s %s\n", jstr(r, "role"), jstr(r, "centre"));
	print_side("parent", cJSON_GetObjectItem(r, "parent"));
	print_side("children", cJSON_GetObjectItem(r, "children"));
	if (!cJSON_GetObjectItem(r, "parent") &&
	    !cJSON_GetObjectItem(r, "children"))
		puts("no links configured (standalone)");
	return 0;
}
