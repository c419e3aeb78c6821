/* yousu — unit tests for the read side of a centre's store: the projection
 * of a complaint's event log onto its state (common/model/project.c, and
 * its replay by yousu_complaint_check), the ledger (台账) of
 * common/report/query.c — the Shenqiu profile's 17 columns and headers,
 * rows in receipt order, the cells of closed, late, open, refused and
 * on-the-spot complaints, the filters and pages, with_id — the statistics
 * (counts by status, source, category and department, the on-time and
 * satisfaction rates, overdue working days, the per-group figures of a
 * report, rounding half up, the Chinese labels) and the CSV writer of
 * common/report/output.c (quoting, CSV injection). Six complaints go
 * through the real workflow on a real SQLite store across the 2026
 * Mid-Autumn and National Day holidays; every expected figure below was
 * worked out by hand from the cn calendar, never computed by the code
 * under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "yousu/json.h"
#include "yousu/query.h"
#include "yousu/ranking.h"

/* --- helpers ----------------------------------------------------------- */

/* The unix time of local time s (UTC+8). */
static int64_t
local_time(const char *s)
{
	int64_t t;

	if (yousu_parse_time(s, TU_UTC_OFFSET, &t) != YOUSU_OK)
		fail_msg("bad local time '%s'", s);
	return t;
}

/* Registers a complaint from source with a caller and its content. */
static void
intake(tu_env *e, char id[32], const char *source, const char *name,
    const char *phone, const char *content)
{
	cJSON *d = tu_ok(e, "intake",
	    "{\"source\":\"%s\",\"name\":\"%s\",\"phone\":\"%s\","
	    "\"content\":\"%s\"}",
	    source, name, phone, content);

	snprintf(id, 32, "%s", tu_jstr(d, "id"));
	cJSON_Delete(d);
}

/* Runs cmd, which must succeed, with the arguments args_fmt_id (a JSON
 * object with one %s: the id). */
static void
run(tu_env *e, const char *cmd, const char *args_fmt_id, const char *id)
{
	char args[1024];

	snprintf(args, sizeof args, args_fmt_id, id);
	cJSON_Delete(tu_ok(e, cmd, "%s", args));
}

static void
expect_num(const cJSON *o, const char *key, double want)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v))
		fail_msg("%s: want %g, got no number", key, want);
	if (v->valuedouble != want)
		fail_msg("%s: want %g, got %.17g", key, want, v->valuedouble);
}

static void
expect_null(const cJSON *o, const char *key)
{
	if (!cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, key)))
		fail_msg("%s: want null", key);
}

/* o.<group>.<code> == n (0: no such member). */
static void
expect_by(const cJSON *o, const char *group, const char *code, int n)
{
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(o, group);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(g, code);

	if (n == 0 && v == NULL)
		return;
	if (!cJSON_IsNumber(v) || v->valuedouble != n)
		fail_msg("%s.%s: want %d, got %s", group, code, n,
		    cJSON_IsNumber(v) ? "another number" : "nothing");
}

/* The number of members of o.<group>. */
static int
group_size(const cJSON *o, const char *group)
{
	return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(o, group));
}

static const char *
cell_at(const cJSON *ledger, int row, int col)
{
	const cJSON *rows = cJSON_GetObjectItem(ledger, "rows");
	const cJSON *c = cJSON_GetArrayItem(cJSON_GetArrayItem(rows, row), col);

	if (!cJSON_IsString(c))
		fail_msg("row %d column %d: no text", row, col);
	return c->valuestring;
}

/* Row `row` of ledger is exactly cells (NULL-terminated; "*" is a cell
 * not checked). */
static void
expect_row(const cJSON *ledger, int row, const char *const *cells)
{
	const cJSON *cols = cJSON_GetObjectItem(ledger, "columns");
	const cJSON *r =
	    cJSON_GetArrayItem(cJSON_GetObjectItem(ledger, "rows"), row);
	int n = 0;

	for (; cells[n] != NULL; n++)
		if (strcmp(cells[n], "*") != 0 &&
		    strcmp(cell_at(ledger, row, n), cells[n]) != 0)
			fail_msg("row %d, %s: want \"%s\", got \"%s\"", row,
			    cJSON_GetArrayItem(cols, n)->valuestring, cells[n],
			    cell_at(ledger, row, n));
	assert_int_equal(cJSON_GetArraySize(r), n);
}

/* The ledger of the complaints matching f, as of day today, with ids. */
static cJSON *
ledger(tu_env *e, const yousu_filter *f, const char *today, bool with_id)
{
	cJSON *l = NULL;

	assert_int_equal(
	    yousu_ledger_build(e->wf, e->st, f, tu_date(today), with_id, &l),
	    YOUSU_OK);
	assert_non_null(l);
	return l;
}

/* The ledger (with ids) of the complaints matching f lists exactly ids
 * (NULL-terminated), in that order. */
static void
expect_ids(tu_env *e, const yousu_filter *f, const char *const *ids)
{
	cJSON *l = ledger(e, f, "2026-10-12", true);
	const cJSON *rows = cJSON_GetObjectItem(l, "rows");
	int n = 0;

	for (; ids[n] != NULL; n++) {
		if (n >= cJSON_GetArraySize(rows))
			fail_msg("want %s in row %d: only %d rows", ids[n], n,
			    cJSON_GetArraySize(rows));
		assert_string_equal(cell_at(l, n, 1), ids[n]);
	}
	assert_int_equal(cJSON_GetArraySize(rows), n);
	cJSON_Delete(l);
}

static cJSON *
stats(tu_env *e, const yousu_filter *f, const char *today)
{
	cJSON *s = NULL;

	assert_int_equal(
	    yousu_stats_build(e->wf, e->st, f, tu_date(today), &s), YOUSU_OK);
	return s;
}

/* --- the six complaints -------------------------------------------------- */

/* Ids, in receipt order: a closed on time, b answered 2 working days late
 * and visited (不满意), c open past its due date, f answered a day late,
 * d refused, s resolved on the spot and closed. */
typedef struct {
	char a[32], b[32], c[32], f[32], d[32], s[32];
} scene;

/* The calendar (cn.ini, 2026): 09-25..27 Mid-Autumn, 10-01..07 National
 * Day, Sun 09-20 and Sat 10-10 are working days. Three working days from
 * Thu 09-24 end on 09-30; five end on 10-09. */
static void
scene_build(tu_env *e, scene *s)
{
	int fired = 0;

	tu_at(e, "2026-09-24T09:00");
	intake(e, s->a, "window", "张一", "13800000001",
	    "营业执照变更材料齐全窗口不给办");
	run(e, "classify",
	    "{\"id\":\"%s\",\"category\":\"blocked\",\"nature\":\"refused\"}",
	    s->a);
	run(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", s->a);
	tu_at(e, "2026-09-24T09:10");
	intake(e, s->b, "hotline", "李二", "13800000002", "社保转移迟迟未办");
	run(e, "classify", "{\"id\":\"%s\",\"category\":\"delayed\"}", s->b);
	run(e, "assign", "{\"id\":\"%s\",\"lead\":\"ZWB\"}", s->b);
	tu_at(e, "2026-09-24T09:20");
	intake(e, s->c, "online", "王三", "13800000003", "户籍迁移推诿扯皮");
	run(e, "classify", "{\"id\":\"%s\",\"category\":\"attitude\"}", s->c);
	/* two departments: 5 working days */
	run(e, "assign", "{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":[\"GAJ\"]}",
	    s->c);
	tu_at(e, "2026-09-24T09:30");
	intake(e, s->f, "window", "赵四", "13800000004", "办税窗口排队两天");
	run(e, "classify", "{\"id\":\"%s\",\"category\":\"reform\"}", s->f);
	run(e, "assign", "{\"id\":\"%s\",\"lead\":\"SWJ\"}", s->f);

	tu_at(e, "2026-09-28T11:00");
	intake(e, s->d, "window", "钱五", "13800000005", "信访事项催问");
	run(e, "reject", "{\"id\":\"%s\",\"ground\":\"petition\"}", s->d);
	tu_at(e, "2026-09-28T11:30");
	intake(e, s->s, "window", "孙六", "13800000006", "证明材料不会填");
	run(e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", s->s);
	run(e, "resolve", "{\"id\":\"%s\",\"result\":\"窗口当场补办\"}", s->s);
	tu_at(e, "2026-09-28T11:40");
	run(e, "visit", "{\"id\":\"%s\",\"satisfaction\":\"basic\"}", s->s);
	tu_at(e, "2026-09-29T10:00");
	run(e, "close", "{\"id\":\"%s\"}", s->s);

	/* a answered on its due day: on time */
	tu_at(e, "2026-09-30T10:00");
	run(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"已办理营业执照变更"
	    "\"}",
	    s->a);
	tu_at(e, "2026-09-30T10:30");
	run(e, "qc", "{\"id\":\"%s\",\"pass\":true}", s->a);
	tu_at(e, "2026-09-30T15:00");
	run(e, "visit", "{\"id\":\"%s\",\"satisfaction\":\"满意\"}", s->a);

	/* the first working day after the holiday: b and f are reminded
	 * (due 09-29) and supervised (due 10-08), c is reminded (one
	 * working day left) */
	tu_at(e, "2026-10-08T09:00");
	assert_int_equal(
	    yousu_wf_tick(e->wf, &fired, e->err, sizeof e->err), YOUSU_OK);
	assert_int_equal(fired, 5);
	tu_at(e, "2026-10-08T10:00");
	run(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"已增开窗口\"}",
	    s->f);
	tu_at(e, "2026-10-08T11:00");
	run(e, "close", "{\"id\":\"%s\"}", s->a);
	tu_at(e, "2026-10-09T10:00");
	run(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"已办理转移\"}",
	    s->b);
	run(e, "qc", "{\"id\":\"%s\",\"pass\":true}", s->b);
	tu_at(e, "2026-10-09T15:00");
	run(e, "visit",
	    "{\"id\":\"%s\",\"satisfaction\":\"不满意\",\"note\":\"仍未解决\"}",
	    s->b);
	tu_at(e, "2026-10-12T09:00");
}

/* --- the projection -------------------------------------------------- */

/* Applies the event log of id onto an empty object, checking after each
 * event that the state is the one the command returned then (states[i]
 * after event i + 1); returns the final replayed state. */
static cJSON *
replay(tu_env *e, const char *id, cJSON *const *states, int nstates)
{
	cJSON *events = tu_events(e, id), *ev, *doc = cJSON_CreateObject();
	int i = 0;

	assert_int_equal(cJSON_GetArraySize(events), nstates);
	cJSON_ArrayForEach (ev, events) {
		const cJSON *data = cJSON_GetObjectItem(ev, "data");
		char *text = cJSON_PrintUnformatted(data);
		yousu_event one = {tu_jstr(ev, "type"), tu_jstr(ev, "actor"),
		    tu_jint(ev, "at"), tu_jstr(ev, "origin"), text};

		assert_true(yousu_project_known(one.type, data));
		yousu_project_apply(doc, &one, data);
		free(text);
		if (!cJSON_Compare(doc, states[i], 1))
			fail_msg("%s: replay differs after event %d (%s)", id,
			    i + 1, one.type);
		i++;
	}
	cJSON_Delete(events);
	return doc;
}

/* intake → classify → assign → reply → qc → visit → close: the state
 * fields each event sets, and the replay of the log giving the same
 * state after every event. */
static void
test_projection_loop(void **state)
{
	tu_env *e = *state;
	cJSON *st[7], *d, *stored;
	char id[32];
	int n = 0;

	tu_at(e, "2026-09-24T09:00");
	st[n++] = d = tu_ok(e, "intake",
	    "{\"source\":\"网上\",\"name\":\"周七\",\"phone\":\"13900000007\","
	    "\"address\":\"槐店镇\",\"content\":\"不动产登记材料被退回三次\"}");
	snprintf(id, sizeof id, "%s", tu_jstr(d, "id"));
	assert_string_equal(id, "HD-20260924001");
	assert_string_equal(tu_jstr(d, "status"), "registered");
	assert_string_equal(tu_jstr(d, "source"), "online");
	assert_string_equal(tu_jstr(d, "origin"), "HD");
	assert_string_equal(tu_jstr(d, "owner"), "HD");
	assert_string_equal(tu_jstr(d, "name"), "周七");
	assert_string_equal(tu_jstr(d, "address"), "槐店镇");
	assert_int_equal(
	    tu_jint(d, "received_at"), local_time("2026-09-24T09:00"));
	assert_int_equal(tu_jint(d, "updated_at"), e->now);
	assert_int_equal(tu_jint(d, "events"), 1);
	assert_int_equal(tu_jint(d, "year"), 2026);
	assert_null(tu_jstr(d, "due"));

	tu_at(e, "2026-09-24T09:05");
	st[n++] = d = tu_ok(e, "classify",
	    "{\"id\":\"%s\",\"category\":\"blocked\",\"nature\":\"hard\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "classified");
	assert_string_equal(tu_jstr(d, "category"), "blocked");
	assert_string_equal(tu_jstr(d, "nature"), "hard");
	assert_int_equal(tu_jint(d, "events"), 2);

	/* 很难办: 5 working days from Thu 09-24 (the 25th to 27th and
	 * 10-01..07 are holidays): 28, 29, 30, 10-08, 10-09 */
	tu_at(e, "2026-09-24T09:10");
	st[n++] = d = tu_ok(e, "assign",
	    "{\"id\":\"%s\",\"lead\":\"BDC\",\"co\":[\"ZRJ\"]}", id);
	assert_string_equal(tu_jstr(d, "status"), "assigned");
	assert_string_equal(tu_jstr(d, "lead"), "BDC");
	assert_string_equal(
	    cJSON_GetArrayItem(cJSON_GetObjectItem(d, "co"), 0)->valuestring,
	    "ZRJ");
	assert_string_equal(tu_jstr(d, "due"), "2026-10-09");
	assert_int_equal(tu_jint(d, "limit_days"), 5);
	assert_int_equal(tu_jint(d, "assigned_at"), e->now);
	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(d, "round_reminded")));
	assert_null(cJSON_GetObjectItem(d, "due_provisional"));

	tu_at(e, "2026-10-08T16:00");
	st[n++] = d = tu_ok(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"已约定补正清单\"}",
	    id);
	assert_string_equal(tu_jstr(d, "status"), "replied");
	assert_int_equal(tu_jint(d, "handled_at"), e->now);
	assert_int_equal(tu_jint(d, "late_days"), 0);
	assert_string_equal(
	    tu_jstr(cJSON_GetObjectItem(d, "reply"), "kind"), "done");
	assert_string_equal(
	    tu_jstr(cJSON_GetObjectItem(d, "reply"), "dept"), "BDC");
	assert_int_equal(
	    tu_jint(cJSON_GetObjectItem(d, "reply"), "at"), e->now);

	tu_at(e, "2026-10-09T09:00");
	st[n++] = d = tu_ok(e, "qc", "{\"id\":\"%s\",\"pass\":true}", id);
	assert_string_equal(tu_jstr(d, "status"), "checked");
	assert_int_equal(tu_jint(cJSON_GetObjectItem(d, "qc"), "at"), e->now);

	tu_at(e, "2026-10-09T10:00");
	st[n++] = d = tu_ok(e, "visit",
	    "{\"id\":\"%s\",\"satisfaction\":\"基本满意\",\"note\":"
	    "\"电话回访\"}",
	    id);
	assert_string_equal(tu_jstr(d, "status"), "visited");
	assert_string_equal(tu_jstr(d, "satisfaction"), "basic");
	assert_string_equal(tu_jstr(d, "visit_note"), "电话回访");
	assert_int_equal(tu_jint(d, "visit_at"), e->now);

	tu_at(e, "2026-10-10T09:00");
	st[n++] = d =
	    tu_ok(e, "close", "{\"id\":\"%s\",\"note\":\"清零销号\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "closed");
	assert_int_equal(tu_jint(d, "closed_at"), e->now);
	assert_string_equal(tu_jstr(d, "close_note"), "清零销号");
	assert_int_equal(tu_jint(d, "events"), 7);
	assert_int_equal(tu_jint(d, "updated_at"), e->now);
	/* the steps already taken stay */
	assert_int_equal(
	    tu_jint(d, "handled_at"), local_time("2026-10-08T16:00"));
	assert_string_equal(tu_jstr(d, "due"), "2026-10-09");

	/* what is stored is what the last command returned, and what the
	 * log replays to */
	stored = tu_doc(e, id);
	assert_true(cJSON_Compare(stored, st[n - 1], 1));
	d = replay(e, id, st, n);
	assert_true(cJSON_Compare(d, stored, 1));
	cJSON_Delete(d);
	cJSON_Delete(stored);
	for (int i = 0; i < n; i++)
		cJSON_Delete(st[i]);
	tu_check_store(e);
}

/* The scheduler's steps are projected as counts and first times, and a
 * stored state that its log does not give is found by the check. */
static void
test_projection_steps_and_check(void **state)
{
	tu_env *e = *state;
	char err[256] = "";
	scene s;
	cJSON *d;

	scene_build(e, &s);
	d = tu_doc(e, s.b);
	assert_int_equal(tu_jint(d, "reminders"), 1);
	assert_int_equal(tu_jint(d, "supervisions"), 1);
	assert_int_equal(
	    tu_jint(d, "reminded_at"), local_time("2026-10-08T09:00"));
	assert_int_equal(
	    tu_jint(d, "supervised_at"), local_time("2026-10-08T09:00"));
	assert_int_equal(tu_jint(d, "late_days"), 2);
	assert_int_equal(tu_jint(d, "notices"), -1); /* none */
	cJSON_Delete(d);
	d = tu_doc(e, s.d);
	assert_string_equal(tu_jstr(d, "status"), "rejected");
	assert_string_equal(
	    tu_jstr(cJSON_GetObjectItem(d, "rejection"), "ground"), "petition");
	assert_int_equal(
	    tu_jint(d, "closed_at"), local_time("2026-09-28T11:00"));
	cJSON_Delete(d);
	tu_check_store(e);

	/* one stored state altered behind the log's back */
	tu_sql(e, "UPDATE complaints SET doc = json_set(doc, '$.late_days', 0)"
	          " WHERE id = 'HD-20260924002'");
	assert_int_equal(
	    yousu_complaint_check(e->st, err, sizeof err), YOUSU_STATE);
	tu_has(err, "HD-20260924002");
}

/* --- the ledger ------------------------------------------------------- */

static const char *const shenqiu_columns[] = {"序号", "姓名或单位名称",
    "单位联系人", "联系方式", "主要诉求", "诉求类别",
    "政务服务责任部门及牵头部门", "分办转办时间", "要求办理期限",
    "是否催办及时间", "是否督办及时间", "是否退回重办及时间", "实际办结时间",
    "办理情况", "回访时间", "办理结果满意度", "备注", NULL};

static void
expect_columns(const cJSON *l, const char *const *want)
{
	const cJSON *cols = cJSON_GetObjectItem(l, "columns");
	int n = 0;

	for (; want[n] != NULL; n++)
		assert_string_equal(
		    cJSON_GetArrayItem(cols, n)->valuestring, want[n]);
	assert_int_equal(cJSON_GetArraySize(cols), n);
}

/* The Shenqiu ledger: its title, the 17 columns of 附件3 in order, one
 * row per complaint in receipt order and the cells of each kind of
 * complaint as of Mon 10-12. */
static void
test_ledger_rows(void **state)
{
	static const char *const a[] = {"1", "张一", "", "13800000001",
	    "营业执照变更材料齐全窗口不给办",
	    "要件完整、符合法定受理条件的事项不能顺利办理",
	    "县市场监督管理局（商事登记窗口）", "2026-09-24 09:00",
	    "2026-09-30（3个工作日）", "否", "否", "否", "2026-09-30 10:00",
	    "已办理：已办理营业执照变更", "2026-09-30 15:00", "满意", "未超期",
	    NULL};
	static const char *const b[] = {"2", "李二", "", "13800000002",
	    "社保转移迟迟未办", "未及时受理、按时办结，或截留、滞留申报材料",
	    "县政务服务和大数据管理局（中心管理办）", "2026-09-24 09:10",
	    "2026-09-30（3个工作日）", "是 2026-10-08 09:00",
	    "是 2026-10-08 09:00", "否", "2026-10-09 10:00",
	    "已办理：已办理转移", "2026-10-09 15:00", "不满意", "超期2个工作日",
	    NULL};
	/* open: 10-09 was due; Sat 10-10 (a working day) and Mon 10-12 */
	static const char *const c[] = {"3", "王三", "", "13800000003",
	    "户籍迁移推诿扯皮", "服务态度差、工作效率低、相互推诿扯皮",
	    "牵头：县人力资源和社会保障局（社保窗口）；协办：县公安局（户籍窗口"
	    "）",
	    "2026-09-24 09:20", "2026-10-09（5个工作日）",
	    "是 2026-10-08 09:00", "否", "否", "", "", "", "",
	    "已超期2个工作日（未办结）", NULL};
	static const char *const f[] = {"4", "赵四", "", "13800000004",
	    "办税窗口排队两天", "“放管服”改革和优化营商环境工作落实不力",
	    "县税务局（办税窗口）", "2026-09-24 09:30",
	    "2026-09-30（3个工作日）", "是 2026-10-08 09:00",
	    "是 2026-10-08 09:00", "否", "2026-10-08 10:00",
	    "已办理：已增开窗口", "", "", "超期1个工作日", NULL};
	static const char *const d[] = {"5", "钱五", "", "13800000005",
	    "信访事项催问", "", "", "", "", "否", "否", "否", "",
	    "不予受理：已进入信访等其他渠道办理", "", "",
	    "已告知通过原信访渠道反映", NULL};
	static const char *const s6[] = {"6", "孙六", "", "13800000006",
	    "证明材料不会填", "要件完整、符合法定受理条件的事项不能顺利办理",
	    "", "", "", "否", "否", "否", "2026-09-28 11:30",
	    "当场办结：窗口当场补办", "2026-09-28 11:40", "基本满意",
	    "当场办结", NULL};
	tu_env *e = *state;
	yousu_filter all = {0};
	cJSON *l;
	scene s;

	scene_build(e, &s);
	assert_string_equal(s.a, "HD-20260924001");
	assert_string_equal(s.f, "HD-20260924004");
	assert_string_equal(s.d, "HD-20260928001");
	assert_string_equal(s.s, "HD-20260928002");
	l = ledger(e, &all, "2026-10-12", false);
	assert_string_equal(tu_jstr(l, "title"),
	    "政务服务中心、便民服务中心“有诉即办”问题工作台账");
	expect_columns(l, shenqiu_columns);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(l, "rows")), 6);
	expect_row(l, 0, a);
	expect_row(l, 1, b);
	expect_row(l, 2, c);
	expect_row(l, 3, f);
	expect_row(l, 4, d);
	expect_row(l, 5, s6);
	cJSON_Delete(l);

	/* on its due day c is not late yet */
	l = ledger(e, &all, "2026-10-09", false);
	assert_string_equal(cell_at(l, 2, 16), "未超期");
	assert_string_equal(cell_at(l, 1, 16), "超期2个工作日");
	cJSON_Delete(l);
}

/* with_id adds 工单编号 after 序号, or first when the profile's ledger
 * has no 序号 (平邑's 问题台账). */
static void
test_ledger_with_id(void **state)
{
	static const char *const pingyi[] = {"工单编号", "受理事项",
	    "接办窗口（科室）", "反映人", "联系电话", "“办不成事”事项情况",
	    "办理结果（是否办结、满意）", "承办窗口（科室）办结签字",
	    "带班领导签字", "备注", NULL};
	tu_env *e = *state;
	yousu_filter all = {0};
	const cJSON *cols;
	char id[32];
	cJSON *l;

	tu_intake(e, id);
	l = ledger(e, &all, "2026-09-24", true);
	cols = cJSON_GetObjectItem(l, "columns");
	assert_int_equal(cJSON_GetArraySize(cols), 18);
	assert_string_equal(cJSON_GetArrayItem(cols, 0)->valuestring, "序号");
	assert_string_equal(
	    cJSON_GetArrayItem(cols, 1)->valuestring, "工单编号");
	assert_string_equal(
	    cJSON_GetArrayItem(cols, 2)->valuestring, "姓名或单位名称");
	assert_string_equal(cJSON_GetArrayItem(cols, 17)->valuestring, "备注");
	assert_string_equal(cell_at(l, 0, 0), "1");
	assert_string_equal(cell_at(l, 0, 1), "HD-20260924001");
	assert_string_equal(cell_at(l, 0, 2), "张三");
	assert_string_equal(cell_at(l, 0, 17), "");
	cJSON_Delete(l);

	tu_use_profile(e, "pingyi");
	l = ledger(e, &all, "2026-09-24", true);
	assert_string_equal(tu_jstr(l, "title"),
	    "平邑县政务服务中心“办不成事”反映窗口问题台账");
	expect_columns(l, pingyi);
	assert_string_equal(cell_at(l, 0, 0), "HD-20260924001");
	assert_string_equal(cell_at(l, 0, 3), "张三");
	assert_string_equal(cell_at(l, 0, 6), "未办结");
	cJSON_Delete(l);
	l = ledger(e, &all, "2026-09-24", false);
	expect_columns(l, pingyi + 1);
	cJSON_Delete(l);
}

/* Status, source, department, receipt dates and pages choose the rows;
 * the order stays the order of receipt. */
static void
test_ledger_filters(void **state)
{
	tu_env *e = *state;
	yousu_filter f;
	cJSON *l;
	scene s;

	scene_build(e, &s);
	f = (yousu_filter){.status = "closed"};
	expect_ids(e, &f, (const char *[]){s.a, s.s, NULL});
	f = (yousu_filter){.status = "assigned"};
	expect_ids(e, &f, (const char *[]){s.c, NULL});
	f = (yousu_filter){.source = "hotline"};
	expect_ids(e, &f, (const char *[]){s.b, NULL});
	f = (yousu_filter){.source = "window"};
	expect_ids(e, &f, (const char *[]){s.a, s.f, s.d, s.s, NULL});
	f = (yousu_filter){.source = "window", .status = "closed"};
	expect_ids(e, &f, (const char *[]){s.a, s.s, NULL});
	f = (yousu_filter){.category = "blocked"};
	expect_ids(e, &f, (const char *[]){s.a, s.s, NULL});
	/* lead or co-handler */
	f = (yousu_filter){.dept = "RSJ"};
	expect_ids(e, &f, (const char *[]){s.c, NULL});
	f = (yousu_filter){.dept = "GAJ"};
	expect_ids(e, &f, (const char *[]){s.c, NULL});
	f = (yousu_filter){.dept = "SCJ", .status = "assigned"};
	expect_ids(e, &f, (const char *[]){NULL});
	/* received from Mon 09-28, and before it */
	f = (yousu_filter){.from = local_time("2026-09-28")};
	expect_ids(e, &f, (const char *[]){s.d, s.s, NULL});
	f = (yousu_filter){.to = local_time("2026-09-28")};
	expect_ids(e, &f, (const char *[]){s.a, s.b, s.c, s.f, NULL});
	/* [from, to): 09:20 is in, 09:30 is not */
	f = (yousu_filter){.from = local_time("2026-09-24T09:15"),
	    .to = local_time("2026-09-24T09:30")};
	expect_ids(e, &f, (const char *[]){s.c, NULL});
	/* pages */
	f = (yousu_filter){.limit = 2, .offset = 1};
	expect_ids(e, &f, (const char *[]){s.b, s.c, NULL});
	f = (yousu_filter){.limit = 2, .offset = 4};
	expect_ids(e, &f, (const char *[]){s.d, s.s, NULL});
	f = (yousu_filter){.limit = 2, .offset = 6};
	expect_ids(e, &f, (const char *[]){NULL});
	f = (yousu_filter){.source = "window", .limit = 1, .offset = 2};
	expect_ids(e, &f, (const char *[]){s.d, NULL});
	/* a page goes on counting: its first row is 序号 5 */
	f = (yousu_filter){.limit = 2, .offset = 4};
	l = ledger(e, &f, "2026-10-12", false);
	assert_string_equal(
	    cJSON_GetArrayItem(
	        cJSON_GetArrayItem(cJSON_GetObjectItem(l, "rows"), 0), 0)
	        ->valuestring,
	    "5");
	cJSON_Delete(l);
}

/* One cell of a kind, as a work order shows it. */
static void
expect_cell(tu_env *e, const char *id, const char *kind, const char *today,
    const char *want)
{
	cJSON *d = tu_doc(e, id);
	char *got = yousu_ledger_cell(e->wf, kind, d, tu_date(today));

	if (strcmp(got, want) != 0)
		fail_msg(
		    "%s of %s: want \"%s\", got \"%s\"", kind, id, want, got);
	free(got);
	cJSON_Delete(d);
}

static void
test_ledger_cell(void **state)
{
	tu_env *e = *state;
	scene s;

	scene_build(e, &s);
	expect_cell(e, s.c, "id", "2026-10-12", "HD-20260924003");
	expect_cell(e, s.c, "caller", "2026-10-12", "王三 13800000003");
	expect_cell(e, s.c, "source", "2026-10-12", "网上");
	expect_cell(e, s.b, "source", "2026-10-12", "12345热线");
	expect_cell(e, s.c, "centre", "2026-10-12", "HD");
	expect_cell(e, s.c, "limit", "2026-10-12", "5个工作日");
	expect_cell(
	    e, s.c, "lead", "2026-10-12", "县人力资源和社会保障局（社保窗口）");
	expect_cell(e, s.c, "co", "2026-10-12", "县公安局（户籍窗口）");
	expect_cell(e, s.c, "received", "2026-10-12", "2026-09-24 09:20");
	expect_cell(e, s.c, "outcome", "2026-10-12", "未办结");
	expect_cell(e, s.c, "remarks", "2026-10-09", "未超期");
	expect_cell(
	    e, s.c, "remarks", "2026-10-10", "已超期1个工作日（未办结）");
	expect_cell(
	    e, s.c, "remarks", "2026-10-12", "已超期2个工作日（未办结）");
	expect_cell(e, s.c, "signature", "2026-10-12", "");
	expect_cell(e, s.a, "stub", "2026-10-12", "000001");
	expect_cell(e, s.a, "outcome", "2026-10-12", "已办结，满意");
	expect_cell(e, s.a, "visit_satisfaction", "2026-10-12",
	    "2026-09-30 15:00 满意");
	expect_cell(e, s.b, "visit_satisfaction", "2026-10-12",
	    "2026-10-09 15:00 不满意；仍未解决");
	expect_cell(e, s.d, "outcome", "2026-10-12", "不予受理");
	expect_cell(e, s.s, "outcome", "2026-10-12", "已办结，基本满意");
	expect_cell(e, s.s, "limit", "2026-10-12", "");
}

/* --- statistics -------------------------------------------------------- */

/* The six complaints as of Mon 10-12: answered with a due date a (on
 * time), b (2 late), f (1 late) — 1 of 3 on time; c open 2 working days
 * past 10-09; visits a 满意, s 基本满意, b 不满意; closed a (09-24 →
 * 10-08: 4 working days) and s (09-28 → 09-29: 1). */
static void
test_stats_counts(void **state)
{
	tu_env *e = *state;
	yousu_filter all = {0};
	cJSON *st;
	scene s;

	scene_build(e, &s);
	st = stats(e, &all, "2026-10-12");
	expect_num(st, "total", 6);
	expect_num(st, "answered", 3);
	expect_num(st, "answered_on_time", 1);
	expect_num(st, "on_time_rate_pct", 33.33);
	expect_num(st, "overdue", 3);
	expect_num(st, "overdue_working_days", 5);
	expect_num(st, "visited", 3);
	expect_num(st, "satisfied", 2);
	expect_num(st, "satisfaction_rate_pct", 66.67);
	expect_num(st, "closed", 2);
	expect_num(st, "close_working_days", 5);
	expect_num(st, "avg_working_days_to_close", 2.5);
	expect_num(st, "reminders", 3);
	expect_num(st, "supervisions", 2);
	expect_num(st, "notices", 0);
	expect_num(st, "redos", 0);
	expect_num(st, "extensions", 0);
	expect_num(st, "provisional", 0);

	expect_by(st, "by_status", "closed", 2);
	expect_by(st, "by_status", "visited", 1);
	expect_by(st, "by_status", "assigned", 1);
	expect_by(st, "by_status", "replied", 1);
	expect_by(st, "by_status", "rejected", 1);
	assert_int_equal(group_size(st, "by_status"), 5);
	expect_by(st, "by_source", "window", 4);
	expect_by(st, "by_source", "hotline", 1);
	expect_by(st, "by_source", "online", 1);
	assert_int_equal(group_size(st, "by_source"), 3);
	expect_by(st, "by_category", "blocked", 2);
	expect_by(st, "by_category", "delayed", 1);
	expect_by(st, "by_category", "attitude", 1);
	expect_by(st, "by_category", "reform", 1);
	expect_by(st, "by_category", "-", 1); /* d: refused unclassified */
	assert_int_equal(group_size(st, "by_category"), 5);
	expect_by(st, "by_nature", "refused", 1);
	expect_by(st, "by_origin", "HD", 6);
	expect_by(st, "by_lead_department", "SCJ", 1);
	expect_by(st, "by_lead_department", "ZWB", 1);
	expect_by(st, "by_lead_department", "RSJ", 1);
	expect_by(st, "by_lead_department", "SWJ", 1);
	expect_by(st, "by_lead_department", "GAJ", 0);
	assert_int_equal(group_size(st, "by_lead_department"), 4);
	expect_by(st, "by_department", "GAJ", 1);
	expect_by(st, "by_department", "RSJ", 1);
	assert_int_equal(group_size(st, "by_department"), 5);
	expect_by(st, "by_satisfaction", "satisfied", 1);
	expect_by(st, "by_satisfaction", "basic", 1);
	expect_by(st, "by_satisfaction", "unsatisfied", 1);
	cJSON_Delete(st);

	/* on Fri 10-09, c's due day, only b and f are overdue */
	st = stats(e, &all, "2026-10-09");
	expect_num(st, "overdue", 2);
	expect_num(st, "overdue_working_days", 3);
	expect_num(st, "on_time_rate_pct", 33.33);
	cJSON_Delete(st);

	/* the filter chooses what is counted: the window's four */
	all.source = "window";
	st = stats(e, &all, "2026-10-12");
	expect_num(st, "total", 4);
	expect_num(st, "answered", 2);
	expect_num(st, "answered_on_time", 1);
	expect_num(st, "on_time_rate_pct", 50);
	expect_num(st, "satisfaction_rate_pct", 100);
	cJSON_Delete(st);

	/* nothing to divide by: the rates are null */
	all.source = "transfer";
	st = stats(e, &all, "2026-10-12");
	expect_num(st, "total", 0);
	expect_null(st, "on_time_rate_pct");
	expect_null(st, "satisfaction_rate_pct");
	expect_null(st, "avg_working_days_to_close");
	cJSON_Delete(st);
}

/* The same counts for each township, department, source and category:
 * what a county's report carries to the city. */
static void
test_stats_groups(void **state)
{
	tu_env *e = *state;
	yousu_filter all = {0};
	cJSON *st = NULL, *groups = NULL;
	const cJSON *g;
	scene s;

	scene_build(e, &s);
	assert_int_equal(yousu_stats_build_groups(e->wf, e->st, &all,
	                     tu_date("2026-10-12"), &st, &groups),
	    YOUSU_OK);
	expect_num(st, "total", 6);

	g = cJSON_GetObjectItem(cJSON_GetObjectItem(groups, "township"), "HD");
	expect_num(g, "total", 6);
	expect_num(g, "answered_on_time", 1);
	expect_num(g, "on_time_rate_pct", 33.33);
	assert_int_equal(group_size(groups, "township"), 1);

	g = cJSON_GetObjectItem(
	    cJSON_GetObjectItem(groups, "source"), "window");
	expect_num(g, "total", 4);
	expect_num(g, "answered", 2);
	expect_num(g, "answered_on_time", 1);
	expect_num(g, "overdue", 1);
	expect_num(g, "overdue_working_days", 1);
	expect_num(g, "visited", 2);
	expect_num(g, "satisfied", 2);
	expect_num(g, "closed", 2);
	expect_num(g, "close_working_days", 5);
	expect_num(g, "reminders", 1);
	expect_num(g, "supervisions", 1);
	expect_num(g, "on_time_rate_pct", 50);
	expect_num(g, "satisfaction_rate_pct", 100);
	expect_num(g, "avg_working_days_to_close", 2.5);

	g = cJSON_GetObjectItem(
	    cJSON_GetObjectItem(groups, "source"), "hotline");
	expect_num(g, "total", 1);
	expect_num(g, "answered", 1);
	expect_num(g, "answered_on_time", 0);
	expect_num(g, "overdue_working_days", 2);
	expect_num(g, "on_time_rate_pct", 0);
	expect_num(g, "satisfaction_rate_pct", 0);
	expect_null(g, "avg_working_days_to_close");

	g = cJSON_GetObjectItem(
	    cJSON_GetObjectItem(groups, "source"), "online");
	expect_num(g, "total", 1);
	expect_num(g, "answered", 0);
	expect_num(g, "overdue", 1);
	expect_num(g, "overdue_working_days", 2);
	expect_null(g, "on_time_rate_pct");

	/* lead and co-handler both count c */
	assert_int_equal(group_size(groups, "department"), 5);
	for (const char *const *k = (const char *[]){"RSJ", "GAJ", NULL}; *k;
	     k++) {
		g = cJSON_GetObjectItem(
		    cJSON_GetObjectItem(groups, "department"), *k);
		expect_num(g, "total", 1);
		expect_num(g, "overdue_working_days", 2);
		expect_num(g, "reminders", 1);
	}
	g = cJSON_GetObjectItem(
	    cJSON_GetObjectItem(groups, "department"), "SCJ");
	expect_num(g, "total", 1);
	expect_num(g, "on_time_rate_pct", 100);
	expect_num(g, "avg_working_days_to_close", 4);

	g = cJSON_GetObjectItem(
	    cJSON_GetObjectItem(groups, "category"), "blocked");
	expect_num(g, "total", 2);
	expect_num(g, "closed", 2);
	expect_num(g, "satisfied", 2);
	g = cJSON_GetObjectItem(cJSON_GetObjectItem(groups, "category"), "-");
	expect_num(g, "total", 1);
	expect_num(g, "answered", 0);
	assert_int_equal(group_size(groups, "category"), 5);
	cJSON_Delete(st);
	cJSON_Delete(groups);
}

/* Rates from counts, rounded half up (四舍五入) to two decimals. */
static void
test_stats_rates(void **state)
{
	cJSON *o = cJSON_Parse(
	    "{\"answered\":800,\"answered_on_time\":1,\"visited\":3,"
	    "\"satisfied\":2,\"closed\":8,\"close_working_days\":1}");

	(void) state;
	yousu_stats_rates(o);
	expect_num(o, "on_time_rate_pct", 0.13); /* 0.125 up */
	expect_num(o, "satisfaction_rate_pct", 66.67);
	expect_num(o, "avg_working_days_to_close", 0.13); /* 0.125 up */
	cJSON_Delete(o);

	o = cJSON_Parse(
	    "{\"answered\":3,\"answered_on_time\":1,\"visited\":6,"
	    "\"satisfied\":6,\"closed\":3,\"close_working_days\":7}");
	yousu_stats_rates(o);
	expect_num(o, "on_time_rate_pct", 33.33);
	expect_num(o, "satisfaction_rate_pct", 100);
	expect_num(o, "avg_working_days_to_close", 2.33);
	cJSON_Delete(o);

	o = cJSON_Parse("{\"answered\":0,\"visited\":0,\"closed\":0}");
	yousu_stats_rates(o);
	expect_null(o, "on_time_rate_pct");
	expect_null(o, "satisfaction_rate_pct");
	expect_null(o, "avg_working_days_to_close");
	cJSON_Delete(o);
}

static void
test_stats_label(void **state)
{
	(void) state;
	assert_string_equal(yousu_stats_label("total"), "诉求件数");
	assert_string_equal(yousu_stats_label("answered"), "答复件数");
	assert_string_equal(yousu_stats_label("answered_on_time"), "按时答复");
	assert_string_equal(
	    yousu_stats_label("on_time_rate_pct"), "按时办结率%");
	assert_string_equal(
	    yousu_stats_label("satisfaction_rate_pct"), "满意率%");
	assert_string_equal(yousu_stats_label("overdue"), "超期件数");
	assert_string_equal(
	    yousu_stats_label("avg_working_days_to_close"), "平均办结工作日");
	assert_string_equal(yousu_stats_label("provisional"), "其中暂定");
	assert_string_equal(yousu_stats_label("by_status"), "按办理状态");
	assert_string_equal(yousu_stats_label("by_source"), "按诉求来源");
	assert_string_equal(yousu_stats_label("township"), "乡镇（受理中心）");
	assert_null(yousu_stats_label("no_such_key"));
	assert_null(yousu_stats_label(NULL));
}

/* --- CSV ---------------------------------------------------------------- */

static char *
csv_of(const cJSON *cols, const cJSON *rows)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(yousu_csv_write(f, cols, rows), YOUSU_OK);
	fclose(f);
	return buf;
}

/* RFC 4180 quoting, a byte-order mark, CRLF; a cell a spreadsheet would
 * run as a formula gets a single quote and is quoted. */
static void
test_csv(void **state)
{
	cJSON *cols = cJSON_Parse("[\"序号\",\"内容\"]");
	cJSON *rows = cJSON_Parse(
	    "[[\"=1+1\",\"x,y\"],[\"@SUM(A1)\",\"说\\\"好\\\"\"],"
	    "[\"+86\",\"-2\"],[\"行一\\n行二\",\"a=b\"],[\"\",\"\\tTAB\"],"
	    "[\"=\\\"q\\\"\",\"\\r\\n\"],[\"plain\"]]");
	char *out;

	(void) state;
	out = csv_of(cols, rows);
	assert_string_equal(out, "\xEF\xBB\xBF"
	                         "序号,内容\r\n"
	                         "\"'=1+1\",\"x,y\"\r\n"
	                         "\"'@SUM(A1)\",\"说\"\"好\"\"\"\r\n"
	                         "\"'+86\",\"'-2\"\r\n"
	                         "\"行一\n行二\",a=b\r\n"
	                         ",\"'\tTAB\"\r\n"
	                         "\"'=\"\"q\"\"\",\"'\r\n\"\r\n"
	                         "plain,\r\n");
	free(out);
	cJSON_Delete(cols);
	cJSON_Delete(rows);
}

/* A formula typed at the window reaches the CSV ledger harmless. */
static void
test_csv_ledger(void **state)
{
	tu_env *e = *state;
	yousu_filter all = {0};
	char id[32], *out;
	cJSON *l;

	intake(e, id, "window", "=cmd|' /C calc'!A0", "13800000009",
	    "=HYPERLINK(\\\"http://x\\\",\\\"点击\\\")");
	l = ledger(e, &all, "2026-09-24", false);
	out = csv_of(
	    cJSON_GetObjectItem(l, "columns"), cJSON_GetObjectItem(l, "rows"));
	tu_has(out, "\r\n1,\"'=cmd|' /C calc'!A0\",,13800000009,"
	            "\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\",");
	free(out);
	cJSON_Delete(l);
}

/* Statistics and the ledger made a page at a time (the desk's, so that a
 * long period never holds the loop) are those made at once, whatever the
 * page's size: complaints received in the same second included, by the
 * department's rows and by the complaints' own. */
static void
test_paged(void **state)
{
	tu_env *e = *state;
	/* by the complaints' rows, by the department's, and by the status
	 * index with the department looked up (a state still in hand) */
	const char *depts[] = {NULL, "SCJ", "SCJ", "SCJ", NULL};
	const char *statuses[] = {NULL, NULL, "closed", "assigned", "assigned"};
	yousu_filter f = {0};
	char id[32];
	scene s;

	scene_build(e, &s);
	tu_at(e, "2026-10-12T10:00"); /* three in one second */
	for (int i = 0; i < 3; i++) { /* two of them SCJ's, in hand */
		intake(e, id, "window", "王五", "13800000009", "同一秒受理");
		if (i == 1)
			continue;
		run(e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}",
		    id);
		run(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", id);
	}
	for (size_t d = 0; d < 5; d++) {
		cJSON *whole = NULL, *ledger = NULL;

		f = (yousu_filter){0};
		f.dept = depts[d];
		f.status = statuses[d];
		assert_int_equal(yousu_stats_build(e->wf, e->st, &f,
		                     tu_date("2026-10-12"), &whole),
		    YOUSU_OK);
		assert_int_equal(yousu_ledger_build(e->wf, e->st, &f,
		                     tu_date("2026-10-12"), true, &ledger),
		    YOUSU_OK);
		for (int rows = 1; rows <= 4; rows++) {
			yousu_stats_job *j = yousu_stats_start(
			    e->wf, &f, tu_date("2026-10-12"), false);
			cJSON *paged = NULL, *all_rows = cJSON_CreateArray();
			yousu_filter g = f;
			bool done = false;
			int steps = 0, n = rows, seq = 1;

			while (!done) {
				assert_int_equal(
				    yousu_stats_step(j, e->st, rows, &done),
				    YOUSU_OK);
				assert_true(++steps < 100);
			}
			yousu_stats_finish(j, &paged, NULL);
			yousu_stats_job_free(j);
			if (!cJSON_Compare(whole, paged, true))
				fail_msg("dept %s, %d a page: the statistics "
				         "differ",
				    f.dept ? f.dept : "-", rows);
			cJSON_Delete(paged);
			g.limit = rows;
			while (n == rows) {
				cJSON *page = NULL, *r;

				assert_int_equal(
				    yousu_ledger_page(e->wf, e->st, &g,
				        tu_date("2026-10-12"), true, seq, &page,
				        &g.after_at, &g.after_rid, &n),
				    YOUSU_OK);
				g.keyset = g.keyset || n > 0;
				seq += n;
				while ((r = cJSON_DetachItemFromArray(
				            cJSON_GetObjectItem(page, "rows"),
				            0)) != NULL)
					cJSON_AddItemToArray(all_rows, r);
				cJSON_Delete(page);
			}
			if (!cJSON_Compare(cJSON_GetObjectItem(ledger, "rows"),
			        all_rows, true))
				fail_msg(
				    "dept %s, %d a page: the ledger's rows "
				    "differ",
				    f.dept ? f.dept : "-", rows);
			cJSON_Delete(all_rows);
		}
		if (d != 2) /* (nothing closed of SCJ's) */
			assert_true(cJSON_GetArraySize(cJSON_GetObjectItem(
			                ledger, "rows")) >= 1);
		cJSON_Delete(whole);
		cJSON_Delete(ledger);
	}
}

/* by_day_of: the statistics of [from, to) as the desk's job counts them
 * from the days' kept figures (groups too when asked) */
static cJSON *
by_day_of(tu_env *e, const char *from, const char *to, const char *origin,
    const char *today, cJSON **groups)
{
	int off = yousu_wf_utc_offset(e->wf);
	yousu_filter f = {.origin = origin,
	    .from = (int64_t) tu_date(from) * 86400 - off * 60,
	    .to = (int64_t) tu_date(to) * 86400 - off * 60};
	yousu_stats_job *j =
	    yousu_stats_start(e->wf, &f, tu_date(today), groups != NULL);
	cJSON *out = NULL;
	bool done = false;

	assert_true(yousu_stats_by_day(j, e->st));
	while (!done)
		assert_int_equal(
		    yousu_stats_step(j, e->st, 2, &done), YOUSU_OK);
	yousu_stats_finish(j, &out, groups);
	yousu_stats_job_free(j);
	return out;
}

/* ... equal to the statistics counted from every complaint */
static void
same_by_day(tu_env *e, const char *from, const char *to, const char *origin,
    const char *today)
{
	int off = yousu_wf_utc_offset(e->wf);
	yousu_filter f = {.origin = origin,
	    .from = (int64_t) tu_date(from) * 86400 - off * 60,
	    .to = (int64_t) tu_date(to) * 86400 - off * 60};
	cJSON *whole = NULL, *wg = NULL, *dg = NULL;
	cJSON *days = by_day_of(e, from, to, origin, today, &dg);

	assert_int_equal(yousu_stats_build_groups(
	                     e->wf, e->st, &f, tu_date(today), &whole, &wg),
	    YOUSU_OK);
	if (!cJSON_Compare(whole, days, true) || !cJSON_Compare(wg, dg, true)) {
		char *a = cJSON_PrintUnformatted(whole),
		     *b = cJSON_PrintUnformatted(days);

		fail_msg("%s..%s %s on %s: counted %s, by day %s", from, to,
		    origin ? origin : "-", today, a, b);
	}
	cJSON_Delete(whole);
	cJSON_Delete(days);
	cJSON_Delete(wg);
	cJSON_Delete(dg);
}

static bool
day_kept(tu_env *e, const char *day)
{
	char *figs = NULL, *open = NULL;
	char epoch[96];
	yousu_err rv;

	snprintf(epoch, sizeof epoch, "figures-3 %s %d",
	    yousu_calendar_version(yousu_wf_calendar(e->wf)),
	    yousu_wf_utc_offset(e->wf));
	rv = yousu_store_stats_day_get(
	    e->st, tu_date(day), epoch, &figs, NULL, &open);
	if (rv != YOUSU_OK && rv != YOUSU_NOTFOUND)
		fail_msg("stats_days: cannot look (%d)", (int) rv);
	free(figs);
	free(open);
	return rv == YOUSU_OK;
}

/* whether the open figures of day are held for today (none when the
 * day is not kept: asked of a kept day only) */
static bool
open_held(tu_env *e, const char *day, const char *today)
{
	char *figs = NULL;
	yousu_err rv = yousu_store_stats_day_open_get(
	    e->st, tu_date(day), tu_date(today), &figs);

	if (rv != YOUSU_OK && rv != YOUSU_NOTFOUND)
		fail_msg("open figures: cannot look (%d)", (int) rv);
	free(figs);
	return rv == YOUSU_OK;
}

/* Issue 14: a day's figures kept in the store give the statistics
 * counted from every complaint: whole or by township, with the groups,
 * on a later date (the open ones counted again), after a change (its
 * day dropped in the same transaction), and after a rollback (the day
 * back, and dropped again by the next change). */
static void
test_stats_by_day(void **state)
{
	tu_env *e = *state;
	const char *today[] = {"2026-10-12", "2026-10-20"};
	char id[32];
	scene s;

	scene_build(e, &s);
	assert_int_equal(
	    yousu_store_stats_days(e->st, yousu_wf_utc_offset(e->wf)), 0);
	assert_false(day_kept(e, "2026-09-24"));
	for (int t = 0; t < 2; t++)
		for (int pass = 0; pass < 2; pass++) { /* counting, kept */
			same_by_day(
			    e, "2026-09-20", "2026-10-13", NULL, today[t]);
			same_by_day(
			    e, "2026-09-24", "2026-09-25", TU_CENTRE, today[t]);
			same_by_day(
			    e, "2026-09-24", "2026-09-25", "LZ", today[t]);
			same_by_day(
			    e, "2026-09-28", "2026-09-29", NULL, today[t]);
		}
	assert_true(day_kept(e, "2026-09-24"));
	assert_true(day_kept(e, "2026-09-28"));
	assert_true(day_kept(e, "2026-09-21")); /* nothing received: kept */

	/* a change: its day goes with it, the others stay */
	tu_at(e, "2026-10-12T09:00");
	run(e, "qc", "{\"id\":\"%s\",\"pass\":true}", s.f);
	assert_false(day_kept(e, "2026-09-24"));
	assert_true(day_kept(e, "2026-09-28"));
	same_by_day(e, "2026-09-20", "2026-10-13", NULL, "2026-10-12");
	assert_true(day_kept(e, "2026-09-24"));

	/* undone: the day is back as it was, and the next change drops it */
	assert_int_equal(yousu_store_begin(e->st), YOUSU_OK);
	run(e, "visit", "{\"id\":\"%s\",\"satisfaction\":\"unsatisfied\"}",
	    s.f);
	assert_false(day_kept(e, "2026-09-24"));
	yousu_store_rollback(e->st);
	assert_true(day_kept(e, "2026-09-24"));
	run(e, "visit", "{\"id\":\"%s\",\"satisfaction\":\"unsatisfied\"}",
	    s.f);
	assert_false(day_kept(e, "2026-09-24"));
	same_by_day(e, "2026-09-20", "2026-10-13", NULL, "2026-10-12");

	/* a new complaint on a kept day */
	tu_at(e, "2026-09-28T16:00");
	same_by_day(e, "2026-09-28", "2026-09-29", NULL, "2026-10-12");
	intake(e, id, "window", "周七", "13800000007", "同一天又来一件");
	assert_false(day_kept(e, "2026-09-28"));
	same_by_day(e, "2026-09-20", "2026-10-13", NULL, "2026-10-12");

	/* the open complaints' figures held for today: the same when asked
	 * again; gone with a change of one of them, with a rollback, and
	 * not taken for another day */
	tu_at(e, "2026-10-12T10:00");
	same_by_day(e, "2026-09-24", "2026-09-25", NULL, "2026-10-12");
	assert_true(day_kept(e, "2026-09-24"));
	assert_true(open_held(e, "2026-09-24", "2026-10-12"));
	assert_false(open_held(e, "2026-09-24", "2026-10-13"));
	same_by_day(e, "2026-09-24", "2026-09-25", NULL, "2026-10-12");
	same_by_day(e, "2026-09-24", "2026-09-25", NULL, "2026-10-20");
	assert_true(open_held(e, "2026-09-24", "2026-10-20"));
	assert_int_equal(yousu_store_begin(e->st), YOUSU_OK);
	assert_false(open_held(e, "2026-09-24", "2026-10-12"));
	same_by_day(e, "2026-09-24", "2026-09-25", NULL, "2026-10-12");
	/* read inside a transaction: not held, it may yet be undone */
	assert_false(open_held(e, "2026-09-24", "2026-10-12"));
	run(e, "feedback", "{\"id\":\"%s\",\"result\":\"正在会商\"}", s.c);
	yousu_store_rollback(e->st);
	assert_false(open_held(e, "2026-09-24", "2026-10-20"));
	same_by_day(e, "2026-09-24", "2026-09-25", NULL, "2026-10-12");
	assert_true(open_held(e, "2026-09-24", "2026-10-12"));
	tu_at(e, "2026-10-12T11:00");
	run(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"已办理户籍迁移\"}",
	    s.c);
	assert_false(open_held(e, "2026-09-24", "2026-10-12"));
	same_by_day(e, "2026-09-24", "2026-09-25", NULL, "2026-10-12");
	same_by_day(e, "2026-09-20", "2026-10-13", NULL, "2026-10-12");

	/* not whole days, or another filter: counted as before */
	{
		yousu_filter f = {
		    .from = (int64_t) tu_date("2026-09-24") * 86400,
		    .to = (int64_t) tu_date("2026-09-25") * 86400};
		yousu_stats_job *j =
		    yousu_stats_start(e->wf, &f, tu_date("2026-10-12"), false);

		if (yousu_wf_utc_offset(e->wf) != 0)
			assert_false(yousu_stats_by_day(j, e->st));
		yousu_stats_job_free(j);
		f = (yousu_filter){.status = "closed",
		    .from = (int64_t) tu_date("2026-09-24") * 86400 -
		            yousu_wf_utc_offset(e->wf) * 60,
		    .to = (int64_t) tu_date("2026-09-25") * 86400 -
		          yousu_wf_utc_offset(e->wf) * 60};
		j = yousu_stats_start(e->wf, &f, tu_date("2026-10-12"), false);
		assert_false(yousu_stats_by_day(j, e->st));
		yousu_stats_job_free(j);
	}
}

/* intake of a hotline call with a contact duty of hours, perhaps
 * anonymous; its id in id */
static void
hotline(tu_env *e, char id[32], int hours, bool anonymous)
{
	cJSON *doc = anonymous
	                 ? tu_ok(e, "intake",
	                       "{\"source\":\"hotline\",\"anonymous\":true,"
	                       "\"content\":\"匿名来电\","
	                       "\"contact_within_hours\":%d}",
	                       hours)
	                 : tu_ok(e, "intake",
	                       "{\"source\":\"hotline\",\"name\":\"来电人\","
	                       "\"phone\":\"13800000099\",\"content\":\"来电\","
	                       "\"contact_within_hours\":%d}",
	                       hours);

	snprintf(id, 32, "%s", yousu__jstr(doc, "id"));
	cJSON_Delete(doc);
}

/* 响应率 (issue 17): with a contact duty, the first contact within its
 * hours; without one, the first answer by the first round's date;
 * counted once decided, refused ones never. */
static void
test_response_rate(void **state)
{
	tu_env *e = *state;
	yousu_filter all = {0};
	char a[32], b[32], c[32], d[32], n[32], x[32], r[32];
	cJSON *st = NULL, *groups = NULL;

	tu_at(e, "2026-09-24T09:00");
	hotline(e, a, 24, false); /* contacted in time */
	hotline(e, b, 24, false); /* contacted late */
	hotline(e, c, 24, false); /* never contacted, time out */
	hotline(e, n, 24, true);  /* anonymous: no contact duty, no answer */
	tu_intake(e, d);          /* window, assigned, answered by its date */
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", d));
	cJSON_Delete(tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", d));
	tu_intake(e, x); /* window, assigned, never answered */
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", x));
	cJSON_Delete(tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", x));
	tu_intake(e, r); /* refused: not counted */
	cJSON_Delete(
	    tu_ok(e, "reject", "{\"id\":\"%s\",\"ground\":\"petition\"}", r));
	tu_at(e, "2026-09-24T15:00");
	cJSON_Delete(
	    tu_ok(e, "contact", "{\"id\":\"%s\",\"note\":\"已联系\"}", a));
	cJSON_Delete(
	    tu_ok(e, "feedback", "{\"id\":\"%s\",\"result\":\"正在核实\"}", d));
	/* on 09-25 only a is decided among the calls (b's and c's hours
	 * end that day), and d: 2 of 2 */
	assert_int_equal(yousu_stats_build_groups(e->wf, e->st, &all,
	                     tu_date("2026-09-25"), &st, &groups),
	    YOUSU_OK);
	assert_int_equal(yousu__jint(st, "response_due", -1), 2);
	assert_int_equal(yousu__jint(st, "responded_on_time", -1), 2);
	cJSON_Delete(st);
	cJSON_Delete(groups);
	tu_at(e, "2026-09-26T10:00");
	cJSON_Delete(
	    tu_ok(e, "contact", "{\"id\":\"%s\",\"note\":\"已联系\"}", b));

	/* much later: b late, c out of time, x past its first date */
	assert_int_equal(yousu_stats_build_groups(e->wf, e->st, &all,
	                     tu_date("2026-10-30"), &st, &groups),
	    YOUSU_OK);
	assert_int_equal(yousu__jint(st, "response_due", -1), 5);
	assert_int_equal(yousu__jint(st, "responded_on_time", -1), 2);
	assert_int_equal(
	    (int) (cJSON_GetObjectItem(st, "response_rate_pct")->valuedouble *
	           100),
	    4000);
	cJSON_Delete(st);
	cJSON_Delete(groups);
}

/* 考核排名: the weighted score over the rates a group has, ties sharing
 * a rank, groups without a rate last and unranked, "合计" skipped, the
 * change on the month before. */
static void
test_ranking(void **state)
{
	const char *now_text =
	    "{\"A\":{\"total\":3,\"response_rate_pct\":90,"
	    "\"resolution_rate_pct\":null,\"satisfaction_rate_pct\":80,"
	    "\"on_time_rate_pct\":70},"
	    "\"B\":{\"total\":1,\"response_rate_pct\":80,"
	    "\"satisfaction_rate_pct\":80,\"on_time_rate_pct\":80},"
	    "\"C\":{\"total\":2,\"response_rate_pct\":100},"
	    "\"D\":{\"total\":1},\"合计\":{\"response_rate_pct\":1}}";
	const char *prev_text =
	    "{\"A\":{\"response_rate_pct\":50},\"C\":{\"response_rate_pct\":"
	    "90}}";
	cJSON *now = cJSON_Parse(now_text), *prev = cJSON_Parse(prev_text);
	int equal[4] = {25, 25, 25, 25}, only_response[4] = {1, 0, 0, 0};
	cJSON *r = yousu_ranking(now, prev, equal, NULL, NULL), *rows;
	char *text;

	(void) state;
	rows = cJSON_GetObjectItem(r, "ranking");
	/* C 100; A (90+80+70)/3 = 80 and B 80: tied 2nd, by code; D none */
	text = cJSON_PrintUnformatted(rows);
	assert_int_equal(cJSON_GetArraySize(rows), 4);
	assert_string_equal(
	    yousu__jstr(cJSON_GetArrayItem(rows, 0), "code"), "C");
	assert_int_equal(
	    yousu__jint(cJSON_GetArrayItem(rows, 1), "rank", 0), 2);
	assert_string_equal(
	    yousu__jstr(cJSON_GetArrayItem(rows, 1), "code"), "A");
	assert_int_equal(
	    yousu__jint(cJSON_GetArrayItem(rows, 2), "rank", 0), 2);
	assert_true(cJSON_IsNull(
	    cJSON_GetObjectItem(cJSON_GetArrayItem(rows, 3), "rank")));
	assert_true(cJSON_IsNull(
	    cJSON_GetObjectItem(cJSON_GetArrayItem(rows, 3), "score")));
	/* A was 2nd in the month before (50 against C's 90): unchanged;
	 * C was 1st: unchanged, 100 - 90 = +10 */
	assert_int_equal(
	    yousu__jint(cJSON_GetArrayItem(rows, 1), "rank_change", 9), 0);
	assert_int_equal((int) (cJSON_GetObjectItem(
	                            cJSON_GetArrayItem(rows, 0), "score_change")
	                            ->valuedouble *
	                        100),
	    1000);
	assert_true(cJSON_IsNull(
	    cJSON_GetObjectItem(cJSON_GetArrayItem(rows, 2), "prev_rank")));
	/* the table: a row of texts per group */
	assert_string_equal(
	    cJSON_GetArrayItem(
	        cJSON_GetArrayItem(cJSON_GetObjectItem(r, "rows"), 3), 0)
	        ->valuestring,
	    "-");
	free(text);
	cJSON_Delete(r);
	/* the response alone: A 90 before B 80 */
	r = yousu_ranking(now, NULL, only_response, NULL, NULL);
	rows = cJSON_GetObjectItem(r, "ranking");
	assert_string_equal(
	    yousu__jstr(cJSON_GetArrayItem(rows, 1), "code"), "A");
	assert_int_equal(
	    yousu__jint(cJSON_GetArrayItem(rows, 2), "rank", 0), 3);
	cJSON_Delete(r);
	cJSON_Delete(now);
	cJSON_Delete(prev);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_projection_loop, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_projection_steps_and_check, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_ledger_rows, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_ledger_with_id, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_ledger_filters, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_ledger_cell, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_stats_counts, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_stats_groups, tu_setup, tu_teardown),
	    cmocka_unit_test(test_stats_rates),
	    cmocka_unit_test(test_stats_label),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test_setup_teardown(
	        test_csv_ledger, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(test_paged, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_stats_by_day, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_response_rate, tu_setup, tu_teardown),
	    cmocka_unit_test(test_ranking),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
