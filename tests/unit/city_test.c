/* yousu — unit tests for the city bureau's tables (bridge/lib/city.c): the
 * county reports (yousu.stats.v1, the shape common/daemon/report_ctl.c
 * sends) kept in the city store, the newest of each county and month
 * winning; a report that carries personal data or free text anywhere
 * (common/model/personal.c), that is another centre's, or that is
 * malformed is refused with a message and nothing stored; the city-wide
 * tables by county, township, department, source and category add the
 * monthly reports up with a 合计 row whose rates come from the summed
 * counts, and an unknown grouping or a bad month is refused; the list of
 * reports held. One report is built from real statistics of the
 * workflow fixture's store, the others by hand; every expected figure is
 * a literal worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "yousu/city.h"
#include "yousu/query.h"

/* --- building reports ----------------------------------------------------- */

/* A figures object from "key=n key=n ..." (the keys of a statistics
 * object). */
static cJSON *
figs(const char *spec)
{
	cJSON *o = cJSON_CreateObject();
	char key[64];
	int n, used;

	while (sscanf(spec, " %63[a-z_]=%d%n", key, &n, &used) == 2) {
		cJSON_AddNumberToObject(o, key, n);
		spec += used;
	}
	if (*spec != '\0')
		fail_msg("test bug: figures spec near '%s'", spec);
	return o;
}

/* A report of centre for [from, to] as report_ctl.c builds one. */
static cJSON *
report(const char *centre, const char *period, const char *from, const char *to,
    const char *generated, const char *stats)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "report", "yousu.stats.v1");
	cJSON_AddStringToObject(r, "centre", centre);
	cJSON_AddStringToObject(r, "centre_name", "县政务服务中心");
	cJSON_AddStringToObject(r, "period", period);
	cJSON_AddStringToObject(r, "from", from);
	cJSON_AddStringToObject(r, "to", to);
	cJSON_AddStringToObject(r, "generated_at", generated);
	cJSON_AddItemToObject(r, "stats", figs(stats));
	cJSON_AddItemToObject(r, "groups", cJSON_CreateObject());
	return r;
}

/* r.groups.<by>.<code> = the figures of spec. */
static void
group(cJSON *r, const char *by, const char *code, const char *spec)
{
	cJSON *groups = cJSON_GetObjectItem(r, "groups");
	cJSON *g = cJSON_GetObjectItem(groups, by);

	if (g == NULL)
		cJSON_AddItemToObject(groups, by, g = cJSON_CreateObject());
	cJSON_AddItemToObject(g, code, figs(spec));
}

static void
store_ok(tu_env *e, const char *peer, cJSON *r)
{
	char err[256] = "";

	if (yousu_city_store_report(e->st, peer, r, err, sizeof err) !=
	    YOUSU_OK)
		fail_msg("report from %s refused: %s", peer, err);
	cJSON_Delete(r);
}

/* What the city holds, as text. */
static char *
held(tu_env *e)
{
	cJSON *list = NULL;
	char *text;

	assert_int_equal(yousu_city_reports(e->st, &list), YOUSU_OK);
	text = cJSON_PrintUnformatted(list);
	cJSON_Delete(list);
	return text;
}

/* r from peer is refused with want and a message holding needle, and
 * the city holds what it held before. Frees r. */
static void
refused(
    tu_env *e, const char *peer, cJSON *r, yousu_err want, const char *needle)
{
	char err[256] = "", *before = held(e), *after;
	yousu_err rv = yousu_city_store_report(e->st, peer, r, err, sizeof err);

	if (rv != want)
		fail_msg("want '%s', got '%s' (%s)", yousu_strerror(want),
		    yousu_strerror(rv), err);
	tu_has(err, "report from ");
	tu_has(err, " refused: ");
	tu_has(err, needle);
	after = held(e);
	assert_string_equal(before, after);
	free(before);
	free(after);
	cJSON_Delete(r);
}

/* The September reports of 沈丘 (SQ) and 项城 (XC), SQ's August and a
 * daily report of SQ (kept, but not in the monthly tables). */
static void
store_counties(tu_env *e)
{
	cJSON *r;

	r = report("SQ", "month", "2026-09-01", "2026-09-30",
	    "2026-10-01 08:00",
	    "total=10 answered=8 answered_on_time=6 visited=5 satisfied=4 "
	    "overdue=3 overdue_working_days=7 redos=1 reminders=4 "
	    "supervisions=2 notices=1 closed=4 close_working_days=10 "
	    "extensions=1 provisional=0");
	group(r, "township", "HD",
	    "total=6 answered=5 answered_on_time=4 visited=3 satisfied=3 "
	    "overdue=1 overdue_working_days=2 closed=3 close_working_days=7");
	group(r, "township", "LZ",
	    "total=4 answered=3 answered_on_time=2 visited=2 satisfied=1 "
	    "overdue=2 overdue_working_days=5 redos=1 reminders=4 "
	    "supervisions=2 notices=1 closed=1 close_working_days=3 "
	    "extensions=1");
	group(r, "department", "SCJ",
	    "total=5 answered=4 answered_on_time=3 closed=2 "
	    "close_working_days=5");
	group(r, "department", "RSJ",
	    "total=5 answered=4 answered_on_time=3 closed=2 "
	    "close_working_days=5");
	group(r, "source", "window", "total=7 answered=6 answered_on_time=5");
	group(r, "source", "hotline", "total=3 answered=2 answered_on_time=1");
	group(
	    r, "category", "blocked", "total=10 answered=8 answered_on_time=6");
	store_ok(e, "SQ", r);

	r = report("XC", "month", "2026-09-01", "2026-09-30",
	    "2026-10-01 09:00",
	    "total=5 answered=4 answered_on_time=4 visited=2 satisfied=2 "
	    "reminders=1 closed=2 close_working_days=3 provisional=1");
	group(r, "township", "HD",
	    "total=5 answered=4 answered_on_time=4 visited=2 satisfied=2 "
	    "reminders=1 closed=2 close_working_days=3 provisional=1");
	group(r, "department", "SCJ", "total=3 answered=2 answered_on_time=2");
	group(r, "department", "ZWB", "total=2 answered=2 answered_on_time=2");
	group(r, "source", "window", "total=5 answered=4 answered_on_time=4");
	group(
	    r, "category", "blocked", "total=2 answered=1 answered_on_time=1");
	group(
	    r, "category", "delayed", "total=3 answered=3 answered_on_time=3");
	store_ok(e, "XC", r);

	r = report("SQ", "month", "2026-08-01", "2026-08-31",
	    "2026-09-01 08:00",
	    "total=2 answered=2 answered_on_time=1 closed=1 "
	    "close_working_days=3");
	group(r, "township", "HD",
	    "total=2 answered=2 answered_on_time=1 closed=1 "
	    "close_working_days=3");
	store_ok(e, "SQ", r);

	r = report("SQ", "day", "2026-09-30", "2026-09-30", "2026-09-30 18:00",
	    "total=100 answered=100 answered_on_time=100");
	group(
	    r, "township", "HD", "total=100 answered=100 answered_on_time=100");
	store_ok(e, "SQ", r);
}

/* --- reading tables ------------------------------------------------------- */

static cJSON *
table(tu_env *e, const char *period, const char *by)
{
	char err[256] = "";
	cJSON *t = NULL;

	if (yousu_city_table(e->st, period, by, &t, err, sizeof err) !=
	    YOUSU_OK)
		fail_msg("city table by %s: %s", by, err);
	return t;
}

static const char *const count_headers[] = {"诉求件数", "答复件数", "按时答复",
    "按时办结率%", "回访件数", "满意(含基本满意)", "满意率%", "超期件数",
    "超期工作日", "退回重办", "催办", "督办", "通报", "办结件数",
    "平均办结工作日", "其中暂定", "应响应件数", "按时响应", "响应率%",
    "回访问及是否解决", "已解决", "解决率%", "无法回访", "重复件",
    "重复投诉（计前件牵头部门）", NULL};

/* The table's columns are the grouping's header, then the counts. */
static void
expect_columns(const cJSON *t, const char *first)
{
	const cJSON *cols = cJSON_GetObjectItem(t, "columns");
	int n = 0;

	assert_string_equal(cJSON_GetArrayItem(cols, 0)->valuestring, first);
	for (; count_headers[n] != NULL; n++)
		assert_string_equal(
		    cJSON_GetArrayItem(cols, n + 1)->valuestring,
		    count_headers[n]);
	assert_int_equal(cJSON_GetArraySize(cols), n + 1);
}

/* The table's rows are exactly rows (each NULL-terminated). */
static void
expect_rows(const cJSON *t, const char *const *const *rows)
{
	const cJSON *got = cJSON_GetObjectItem(t, "rows"), *row;
	int i = 0;

	for (; rows[i] != NULL; i++) {
		int n = 0;

		row = cJSON_GetArrayItem(got, i);
		if (row == NULL)
			fail_msg("row %d (%s) missing", i, rows[i][0]);
		for (; rows[i][n] != NULL; n++) {
			const cJSON *c = cJSON_GetArrayItem(row, n);

			if (!cJSON_IsString(c) ||
			    strcmp(c->valuestring, rows[i][n]) != 0)
				fail_msg("row %s, column %d: want \"%s\", got "
				         "\"%s\"",
				    rows[i][0], n, rows[i][n],
				    cJSON_IsString(c) ? c->valuestring : "?");
		}
		assert_int_equal(cJSON_GetArraySize(row), n);
	}
	assert_int_equal(cJSON_GetArraySize(got), i);
}

static void
expect_fig(const cJSON *t, const char *row, const char *key, double want)
{
	const cJSON *v = cJSON_GetObjectItem(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(t, "figures"), row), key);

	if (!cJSON_IsNumber(v) || v->valuedouble != want)
		fail_msg("figures.%s.%s: want %g, got %s", row, key, want,
		    cJSON_IsNumber(v) ? "another number" : "none");
}

/* --- the tests ------------------------------------------------------------ */

/* The newest report of a county and month replaces the one held; an
 * older one that arrives later does not; the list shows what is held. */
static void
test_store_newest(void **state)
{
	tu_env *e = *state;
	cJSON *t;
	char *list;

	store_ok(e, "SQ",
	    report("SQ", "month", "2026-09-01", "2026-09-30",
	        "2026-09-30 18:00", "total=9 answered=9 answered_on_time=9"));
	t = table(e, "2026-09", "county");
	expect_fig(t, "SQ", "total", 9);
	cJSON_Delete(t);

	store_counties(e);
	/* late, and older than the one held: kept out */
	store_ok(e, "SQ",
	    report("SQ", "month", "2026-09-01", "2026-09-30",
	        "2026-09-30 20:00", "total=1 answered=1 answered_on_time=1"));
	t = table(e, "2026-09", "county");
	expect_fig(t, "SQ", "total", 10);
	expect_fig(t, "SQ", "answered", 8);
	expect_fig(t, "XC", "total", 5);
	cJSON_Delete(t);

	list = held(e);
	assert_string_equal(list,
	    "[{\"county\":\"SQ\",\"period\":\"2026-08\","
	    "\"generated_at\":\"2026-09-01 08:00\"},"
	    "{\"county\":\"SQ\",\"period\":\"2026-09\","
	    "\"generated_at\":\"2026-10-01 08:00\"},"
	    "{\"county\":\"SQ\",\"period\":\"2026-09-30\","
	    "\"generated_at\":\"2026-09-30 18:00\"},"
	    "{\"county\":\"XC\",\"period\":\"2026-09\","
	    "\"generated_at\":\"2026-10-01 09:00\"}]");
	free(list);
}

/* A good report of SQ with one personal or free-text key put at path. */
static cJSON *
tainted(const char *where, const char *key)
{
	cJSON *r = report("SQ", "month", "2026-09-01", "2026-09-30",
	    "2026-12-31 23:59", "total=1");
	cJSON *at = r;

	group(r, "township", "HD", "total=1");
	group(r, "department", "SCJ", "total=1");
	if (strcmp(where, "stats") == 0)
		at = cJSON_GetObjectItem(r, "stats");
	else if (strcmp(where, "township") == 0)
		at = cJSON_GetObjectItem(
		    cJSON_GetObjectItem(
		        cJSON_GetObjectItem(r, "groups"), "township"),
		    "HD");
	else if (strcmp(where, "array") == 0) {
		cJSON *list = cJSON_CreateArray(), *item = cJSON_CreateObject();

		cJSON_AddItemToArray(list, item);
		cJSON_AddItemToObject(
		    cJSON_GetObjectItem(r, "stats"), "samples", list);
		at = item;
	}
	cJSON_AddStringToObject(at, key, "张三 13800000000");
	return r;
}

/* Codes and counts only: a key naming a person, or free text about the
 * matter, anywhere in the report is refused (YOUSU_PERM). */
static void
test_refuse_personal(void **state)
{
	static const struct {
		const char *where, *key;
	} cases[] = {
	    {"top", "name"},
	    {"stats", "phone"},
	    {"township", "caller"},
	    {"township", "address"},
	    {"stats", "content"},
	    {"top", "summary"},
	    {"array", "visit_note"},
	    {"array", "org_contact"},
	    {"stats", "evaluation_sent_to"},
	};
	tu_env *e = *state;
	char want[64];

	store_counties(e);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		snprintf(want, sizeof want, "personal data field '%s'",
		    cases[i].key);
		refused(e, "SQ", tainted(cases[i].where, cases[i].key),
		    YOUSU_PERM, want);
	}
	/* the same report without the key is taken */
	store_ok(e, "SQ",
	    report("SQ", "month", "2026-09-01", "2026-09-30",
	        "2026-12-31 23:59", "total=1"));
}

static cJSON *
with(cJSON *r, const char *key, cJSON *v)
{
	if (v == NULL)
		cJSON_DeleteItemFromObject(r, key);
	else if (cJSON_GetObjectItem(r, key) != NULL)
		cJSON_ReplaceItemInObject(r, key, v);
	else
		cJSON_AddItemToObject(r, key, v);
	return r;
}

static cJSON *
good(void)
{
	return report("SQ", "month", "2026-09-01", "2026-09-30",
	    "2026-12-31 23:59", "total=1");
}

/* Another centre's report (YOUSU_PERM), and what is not a report of
 * a month or a day (YOUSU_PROTO). */
static void
test_refuse_malformed(void **state)
{
	tu_env *e = *state;

	store_counties(e);
	refused(e, "SQ", with(good(), "centre", cJSON_CreateString("XC")),
	    YOUSU_PERM, "it is the report of 'XC', not of the sender");
	refused(e, "SQ", with(good(), "centre", NULL), YOUSU_PERM,
	    "report of '(none)'");
	refused(e, "SQ",
	    with(good(), "report", cJSON_CreateString("yousu.stats.v2")),
	    YOUSU_PROTO, "not a yousu.stats.v1 report");
	refused(e, "SQ", with(good(), "report", NULL), YOUSU_PROTO,
	    "not a yousu.stats.v1 report");
	refused(e, "SQ", cJSON_Parse("[\"yousu.stats.v1\"]"), YOUSU_PROTO,
	    "not a yousu.stats.v1 report");
	refused(e, "SQ", with(good(), "stats", NULL), YOUSU_PROTO,
	    "it has no stats");
	refused(e, "SQ", with(good(), "stats", cJSON_CreateArray()),
	    YOUSU_PROTO, "it has no stats");
	refused(e, "SQ", with(good(), "from", cJSON_CreateString("2026-09-31")),
	    YOUSU_PROTO, "from/to are not a period of dates");
	refused(e, "SQ", with(good(), "to", NULL), YOUSU_PROTO,
	    "from/to are not a period of dates");
	refused(e, "SQ", with(good(), "to", cJSON_CreateString("2026-08-31")),
	    YOUSU_PROTO, "from/to are not a period of dates");
	refused(e, "SQ", with(good(), "period", cJSON_CreateString("week")),
	    YOUSU_PROTO, "its period is not a whole month or one day");
	refused(e, "SQ", with(good(), "period", NULL), YOUSU_PROTO,
	    "its period is not a whole month or one day");
	/* a month is a whole month: the 15th to the 20th of the next is not */
	refused(e, "SQ",
	    with(with(good(), "from", cJSON_CreateString("2026-09-15")), "to",
	        cJSON_CreateString("2026-10-20")),
	    YOUSU_PROTO, "its period is not a whole month or one day");
	/* a day is one day */
	refused(e, "SQ", with(good(), "period", cJSON_CreateString("day")),
	    YOUSU_PROTO, "its period is not a whole month or one day");
}

/* By county: September's two reports and a 合计 row whose rates come from
 * the summed counts (10 of 12 on time: 83.33, not the mean of 75 and
 * 100); every month; a month with no report. */
static void
test_table_by_county(void **state)
{
	static const char *const sq[] = {"SQ", "10", "8", "6", "75", "5", "4",
	    "80", "3", "7", "1", "4", "2", "1", "4", "2.50", "0", "0", "0", "-",
	    "0", "0", "-", "0", "0", "0", NULL};
	static const char *const xc[] = {"XC", "5", "4", "4", "100", "2", "2",
	    "100", "0", "0", "0", "1", "0", "0", "2", "1.50", "1", "0", "0",
	    "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const sum[] = {"合计", "15", "12", "10", "83.33",
	    "7", "6", "85.71", "3", "7", "1", "5", "2", "1", "6", "2.17", "1",
	    "0", "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	/* with August: SQ 12 received, 7 of 10 on time, 5 closed in 13 */
	static const char *const sq_all[] = {"SQ", "12", "10", "7", "70", "5",
	    "4", "80", "3", "7", "1", "4", "2", "1", "5", "2.60", "0", "0", "0",
	    "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const sum_all[] = {"合计", "17", "14", "11", "78.57",
	    "7", "6", "85.71", "3", "7", "1", "5", "2", "1", "7", "2.29", "1",
	    "0", "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	/* nothing summed: the counts of 合计 are 0, its rates "-" (none) */
	static const char *const none[] = {"合计", "0", "0", "0", "-", "0", "0",
	    "-", "0", "0", "0", "0", "0", "0", "0", "-", "0", "0", "0", "-",
	    "0", "0", "-", "0", "0", "0", NULL};
	tu_env *e = *state;
	cJSON *t;

	store_counties(e);
	t = table(e, "2026-09", "county");
	assert_string_equal(tu_jstr(t, "title"),
	    "“有诉即办”统计（2026-09，按县（市、区），2份县级报表）");
	expect_columns(t, "县（市、区）");
	expect_rows(t, (const char *const *const[]){sq, xc, sum, NULL});
	expect_fig(t, "合计", "extensions", 1);
	expect_fig(t, "合计", "close_working_days", 13);
	expect_fig(t, "合计", "on_time_rate_pct", 83.33);
	expect_fig(t, "XC", "satisfaction_rate_pct", 100);
	cJSON_Delete(t);

	t = table(e, NULL, "county");
	assert_string_equal(tu_jstr(t, "title"),
	    "“有诉即办”统计（全部期间，按县（市、区），3份县级报表）");
	expect_rows(t, (const char *const *const[]){sq_all, xc, sum_all, NULL});
	cJSON_Delete(t);

	t = table(e, "2026-10", "county");
	tu_has(tu_jstr(t, "title"), "0份县级报表");
	expect_rows(t, (const char *const *const[]){none, NULL});
	cJSON_Delete(t);
}

/* By township (kept apart by county: SQ/HD is not XC/HD), department
 * (the same code in two counties added up), source and category. */
static void
test_table_groups(void **state)
{
	static const char *const sq_hd[] = {"SQ/HD", "6", "5", "4", "80", "3",
	    "3", "100", "1", "2", "0", "0", "0", "0", "3", "2.33", "0", "0",
	    "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const sq_lz[] = {"SQ/LZ", "4", "3", "2", "66.67",
	    "2", "1", "50", "2", "5", "1", "4", "2", "1", "1", "3", "0", "0",
	    "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const xc_hd[] = {"XC/HD", "5", "4", "4", "100", "2",
	    "2", "100", "0", "0", "0", "1", "0", "0", "2", "1.50", "1", "0",
	    "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const t_sum[] = {"合计", "15", "12", "10", "83.33",
	    "7", "6", "85.71", "3", "7", "1", "5", "2", "1", "6", "2.17", "1",
	    "0", "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const scj[] = {"SCJ", "8", "6", "5", "83.33", "0",
	    "0", "-", "0", "0", "0", "0", "0", "0", "2", "2.50", "0", "0", "0",
	    "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const rsj[] = {"RSJ", "5", "4", "3", "75", "0", "0",
	    "-", "0", "0", "0", "0", "0", "0", "2", "2.50", "0", "0", "0", "-",
	    "0", "0", "-", "0", "0", "0", NULL};
	static const char *const zwb[] = {"ZWB", "2", "2", "2", "100", "0", "0",
	    "-", "0", "0", "0", "0", "0", "0", "0", "-", "0", "0", "0", "-",
	    "0", "0", "-", "0", "0", "0", NULL};
	static const char *const d_sum[] = {"合计", "15", "12", "10", "83.33",
	    "0", "0", "-", "0", "0", "0", "0", "0", "0", "4", "2.50", "0", "0",
	    "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const window[] = {"window", "12", "10", "9", "90",
	    "0", "0", "-", "0", "0", "0", "0", "0", "0", "0", "-", "0", "0",
	    "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const hotline[] = {"hotline", "3", "2", "1", "50",
	    "0", "0", "-", "0", "0", "0", "0", "0", "0", "0", "-", "0", "0",
	    "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const s_sum[] = {"合计", "15", "12", "10", "83.33",
	    "0", "0", "-", "0", "0", "0", "0", "0", "0", "0", "-", "0", "0",
	    "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const blocked[] = {"blocked", "12", "9", "7",
	    "77.78", "0", "0", "-", "0", "0", "0", "0", "0", "0", "0", "-", "0",
	    "0", "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	static const char *const delayed[] = {"delayed", "3", "3", "3", "100",
	    "0", "0", "-", "0", "0", "0", "0", "0", "0", "0", "-", "0", "0",
	    "0", "-", "0", "0", "-", "0", "0", "0", NULL};
	tu_env *e = *state;
	cJSON *t;

	store_counties(e);
	t = table(e, "2026-09", "township");
	expect_columns(t, "乡镇（街道）");
	expect_rows(
	    t, (const char *const *const[]){sq_hd, sq_lz, xc_hd, t_sum, NULL});
	cJSON_Delete(t);

	/* every month: August's SQ/HD is added, the daily report is not */
	t = table(e, NULL, "township");
	expect_fig(t, "SQ/HD", "total", 8);
	expect_fig(t, "SQ/HD", "answered_on_time", 5);
	expect_fig(t, "合计", "total", 17);
	cJSON_Delete(t);

	t = table(e, "2026-09", "department");
	expect_columns(t, "部门");
	expect_rows(
	    t, (const char *const *const[]){scj, rsj, zwb, d_sum, NULL});
	cJSON_Delete(t);

	t = table(e, "2026-09", "source");
	expect_columns(t, "来源");
	expect_rows(
	    t, (const char *const *const[]){window, hotline, s_sum, NULL});
	cJSON_Delete(t);

	t = table(e, "2026-09", "category");
	expect_columns(t, "类别");
	expect_rows(
	    t, (const char *const *const[]){blocked, delayed, s_sum, NULL});
	cJSON_Delete(t);
}

static void
test_table_refused(void **state)
{
	tu_env *e = *state;
	char err[256] = "";
	cJSON *t = NULL;

	store_counties(e);
	assert_int_equal(
	    yousu_city_table(e->st, "2026-09", "centre", &t, err, sizeof err),
	    YOUSU_INVAL);
	assert_null(t);
	tu_has(err, "--by 'centre' is not county, township, department, "
	            "source or category");
	assert_int_equal(
	    yousu_city_table(e->st, "2026-09", "name", &t, err, sizeof err),
	    YOUSU_INVAL);
	assert_int_equal(
	    yousu_city_table(e->st, "2026-9", "county", &t, err, sizeof err),
	    YOUSU_INVAL);
	assert_null(t);
	tu_has(err, "--period '2026-9' is not a month (YYYY-MM)");
	assert_int_equal(yousu_city_table(e->st, "2026-09-30", "county", &t,
	                     err, sizeof err),
	    YOUSU_INVAL);
	assert_null(t);
	/* seven characters are not enough: a month of digits, 01..12 */
	assert_int_equal(
	    yousu_city_table(e->st, "2026-9x", "county", &t, err, sizeof err),
	    YOUSU_INVAL);
	assert_int_equal(
	    yousu_city_table(e->st, "2026-13", "county", &t, err, sizeof err),
	    YOUSU_INVAL);
	assert_null(t);
}

/* A report made of the real statistics of a township's store, in the
 * shape report_ctl.c sends, is taken and counted. */
static void
test_real_report(void **state)
{
	static const char *const hd[] = {"SQ/HD", "2", "1", "1", "100", "1",
	    "1", "100", "0", "0", "0", "0", "0", "0", "1", "2", "0",
	    /* a answered by its first date: responded (1 of 1); said it
	     * was solved (1 of 1); b not yet decided */
	    "1", "1", "100", "1", "1", "100", "0", "0", "0", NULL};
	static const char *const sum[] = {"合计", "2", "1", "1", "100", "1",
	    "1", "100", "0", "0", "0", "0", "0", "0", "1", "2", "0",
	    /* a answered by its first date: responded (1 of 1); said it
	     * was solved (1 of 1); b not yet decided */
	    "1", "1", "100", "1", "1", "100", "0", "0", "0", NULL};
	tu_env *e = *state;
	yousu_filter all = {0};
	cJSON *stats = NULL, *groups = NULL, *r, *t;
	char a[32], b[32];

	/* a: assigned Thu 09-24, answered 09-28 (due 09-30), visited,
	 * closed 09-29: 2 working days; b: open, due 10-09 */
	tu_at(e, "2026-09-24T09:00");
	tu_intake(e, a);
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", a));
	cJSON_Delete(tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", a));
	tu_at(e, "2026-09-24T10:00");
	tu_intake(e, b);
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"delayed\"}", b));
	cJSON_Delete(tu_ok(e, "assign",
	    "{\"id\":\"%s\",\"lead\":\"SCJ\",\"co\":[\"RSJ\"]}", b));
	tu_at(e, "2026-09-28T10:00");
	cJSON_Delete(tu_ok(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"已办理\"}", a));
	cJSON_Delete(tu_ok(e, "qc", "{\"id\":\"%s\",\"pass\":true}", a));
	cJSON_Delete(tu_ok(e, "visit",
	    "{\"id\":\"%s\",\"satisfaction\":\"满意\",\"resolved\":true}", a));
	tu_at(e, "2026-09-29T10:00");
	cJSON_Delete(tu_ok(e, "close", "{\"id\":\"%s\"}", a));

	assert_int_equal(yousu_stats_build_groups(e->wf, e->st, &all,
	                     tu_date("2026-09-30"), &stats, &groups),
	    YOUSU_OK);
	r = report(
	    "SQ", "month", "2026-09-01", "2026-09-30", "2026-09-30 18:00", "");
	cJSON_ReplaceItemInObject(r, "stats", stats);
	cJSON_ReplaceItemInObject(r, "groups", groups);
	store_ok(e, "SQ", r);

	t = table(e, "2026-09", "township");
	expect_rows(t, (const char *const *const[]){hd, sum, NULL});
	cJSON_Delete(t);
	t = table(e, "2026-09", "department");
	expect_fig(t, "SCJ", "total", 2);
	expect_fig(t, "RSJ", "total", 1);
	expect_fig(t, "RSJ", "answered", 0);
	expect_fig(t, "合计", "total", 3);
	cJSON_Delete(t);
	t = table(e, "2026-09", "category");
	expect_fig(t, "blocked", "closed", 1);
	expect_fig(t, "delayed", "total", 1);
	cJSON_Delete(t);

	/* the complaint's own fields never pass */
	r = report("SQ", "month", "2026-09-01", "2026-09-30",
	    "2026-10-01 18:00", "total=2");
	cJSON_AddItemToObject(r, "complaints", tu_doc(e, a));
	refused(e, "SQ", r, YOUSU_PERM, "personal data field");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_store_newest, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_refuse_personal, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_refuse_malformed, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_table_by_county, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_table_groups, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_table_refused, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_real_report, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
