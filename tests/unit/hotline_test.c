/* Unit tests: the 12345 hotline dispatch form (交办单) — a good form
 * parses and routes, its intake arguments register a complaint on a real
 * store, every kind of bad form is refused with a message naming the
 * field; the area table and its errors; the inbound spool (reject, done)
 * and the outbound files (result, handover) written whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "yousu/hotline.h"

#define AREAS YOUSU_SOURCE_DIR "/configs/hotline/areas.ini"

static yousu_hotline_areas *areas;
static char tmpdir[64];

static int
group_setup(void **state)
{
	char err[512];

	(void) state;
	if (yousu_hotline_areas_load(AREAS, &areas, err, sizeof(err))) {
		fprintf(stderr, "areas: %s\n", err);
		return -1;
	}
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/yousu-hotline-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
group_teardown(void **state)
{
	char cmd[128];

	(void) state;
	yousu_hotline_areas_free(areas);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A good form: 12345 → 沈丘县槐店回族镇. */
static const char good[] =
    "{\n"
    "  \"schema\": \"yousu.hotline.form.v1\",\n"
    "  \"item_no\": \"ZK2026092100017\",\n"
    "  \"source\": \"12345热线\",\n"
    "  \"time_limit_days\": 5,\n"
    "  \"phone\": \"138 0000 0001\",\n"
    "  \"signed_at\": \"2026-09-21 09:30\",\n"
    "  \"accepted_at\": \"2026-09-21 10:05\",\n"
    "  \"caller\": \" 王某某 \",\n"
    "  \"anonymous\": false,\n"
    "  \"area\": {\"county\": \"沈丘县\", \"township\": \"槐店回族镇\"},\n"
    "  \"summary\": \"来电人反映：在槐店镇便民服务中心办理营业执照变更，"
    "材料齐全，窗口三次未受理。\\n请核实处理。\",\n"
    "  \"lead_unit\": \"沈丘县政务服务和大数据管理局\",\n"
    "  \"co_units\": [\"沈丘县市场监督管理局\"],\n"
    "  \"contact_within_hours\": 24,\n"
    "  \"feedback_within_days\": 3,\n"
    "  \"dispatch_opinion\": "
    "\"请于24小时内与来电人取得联系（匿名除外），并于3个"
    "工作日内将办理情况反馈来电人。\",\n"
    "  \"handling_opinion\": \"\",\n"
    "  \"leader_instruction\": null,\n"
    "  \"dispatch_phone\": \"0394-12345\",\n"
    "  \"reviewer\": \"李审核\",\n"
    "  \"dispatcher\": \"赵调度\",\n"
    "  \"result\": \"\"\n"
    "}\n";

static yousu_hotline_form *
parse_ok(const char *text)
{
	yousu_hotline_form *f = NULL;
	char err[4096] = "";

	if (yousu_hotline_parse(
	        text, strlen(text), areas, &f, err, sizeof(err)) != YOUSU_OK)
		fail_msg("form refused: %s\n%s", err, text);
	assert_non_null(f);
	return f;
}

/* text must be refused with want and a message holding each of the
 * needles (NULL-terminated); returns nothing, *out untouched. */
static void
refused_len(const char *text, size_t len, yousu_err want, ...)
{
	yousu_hotline_form *f = (yousu_hotline_form *) &f;
	char err[4096] = "";
	const char *needle;
	va_list ap;

	assert_int_equal(
	    yousu_hotline_parse(text, len, areas, &f, err, sizeof(err)), want);
	assert_ptr_equal(f, (yousu_hotline_form *) &f);
	va_start(ap, want);
	while ((needle = va_arg(ap, const char *)) != NULL)
		tu_has(err, needle);
	va_end(ap);
}

#define refused(text, ...) \
	refused_len(text, strlen(text), YOUSU_INVAL, __VA_ARGS__, NULL)

/* The good form with key replaced by the raw JSON value (NULL: without
 * key); the caller frees. */
static char *
variant(const char *key, const char *value)
{
	cJSON *doc = cJSON_Parse(good), *v;
	char *text;

	assert_non_null(doc);
	cJSON_DeleteItemFromObjectCaseSensitive(doc, key);
	if (value != NULL) {
		v = cJSON_Parse(value);
		if (v == NULL)
			fail_msg("test bug: bad JSON %s", value);
		cJSON_AddItemToObject(doc, key, v);
	}
	text = cJSON_Print(doc);
	cJSON_Delete(doc);
	return text;
}

static void
refused_with(const char *key, const char *value, const char *needle)
{
	char *text = variant(key, value);

	refused(text, needle);
	free(text);
}

static void
ok_with(const char *key, const char *value, yousu_hotline_form **out)
{
	char *text = variant(key, value);

	*out = parse_ok(text);
	free(text);
}

/* --- good forms ------------------------------------------------------ */

static void
test_good_form(void **state)
{
	yousu_hotline_form *f = parse_ok(good);
	const cJSON *in = yousu_hotline_form_intake(f);
	yousu_hotline_route r;
	cJSON *doc, *rec;

	(void) state;
	assert_string_equal(yousu_hotline_form_item_no(f), "ZK2026092100017");
	yousu_hotline_form_route(f, &r);
	assert_string_equal(r.county, "SQ");
	assert_string_equal(r.county_name, "沈丘县");
	assert_string_equal(r.township, "HD");
	assert_string_equal(r.township_name, "槐店回族镇");

	assert_string_equal(tu_jstr(in, "source"), "hotline");
	assert_string_equal(tu_jstr(in, "name"), "王某某"); /* trimmed */
	assert_string_equal(tu_jstr(in, "phone"), "138 0000 0001");
	tu_has(tu_jstr(in, "content"), "窗口三次未受理。\n请核实处理。");
	assert_string_equal(tu_jstr(in, "hotline_no"), "ZK2026092100017");
	assert_int_equal(tu_jint(in, "contact_within_hours"), 24);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(in, "anonymous")));
	assert_string_equal(tu_jstr(in, "order_contact"), "赵调度");
	assert_string_equal(tu_jstr(in, "order_phone"), "0394-12345");
	/* the form's own terms go to the township, which is bound by them */
	assert_int_equal(tu_jint(in, "time_limit_days"), 5);
	assert_int_equal(tu_jint(in, "feedback_within_days"), 3);
	assert_string_equal(
	    tu_jstr(in, "lead_unit"), "沈丘县政务服务和大数据管理局");
	assert_string_equal(
	    cJSON_GetArrayItem(cJSON_GetObjectItem(in, "co_units"), 0)
	        ->valuestring,
	    "沈丘县市场监督管理局");

	doc = yousu_hotline_form_json(f, true);
	assert_string_equal(tu_jstr(doc, "source_code"), "hotline");
	assert_int_equal(tu_jint(doc, "time_limit_days"), 5);
	assert_int_equal(tu_jint(doc, "feedback_within_days"), 3);
	assert_string_equal(tu_jstr(doc, "accepted_at"), "2026-09-21 10:05");
	assert_string_equal(
	    tu_jstr(cJSON_GetObjectItem(doc, "route"), "township"), "HD");
	assert_string_equal(
	    tu_jstr(cJSON_GetObjectItem(doc, "area"), "county"), "沈丘县");
	assert_string_equal(
	    cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "co_units"), 0)
	        ->valuestring,
	    "沈丘县市场监督管理局");
	/* blank and null optional fields count as absent */
	assert_null(cJSON_GetObjectItem(doc, "handling_opinion"));
	assert_null(cJSON_GetObjectItem(doc, "leader_instruction"));
	assert_null(cJSON_GetObjectItem(doc, "result"));
	assert_string_equal(tu_jstr(doc, "caller"), "王某某");

	/* the record for where personal data must not go */
	rec = yousu_hotline_form_json(f, false);
	assert_null(cJSON_GetObjectItem(rec, "caller"));
	assert_null(cJSON_GetObjectItem(rec, "phone"));
	assert_null(cJSON_GetObjectItem(rec, "summary"));
	assert_null(cJSON_GetObjectItem(rec, "dispatch_opinion"));
	assert_string_equal(tu_jstr(rec, "item_no"), "ZK2026092100017");
	{
		char *printed = cJSON_PrintUnformatted(rec);

		assert_null(strstr(printed, "王某某"));
		assert_null(strstr(printed, "13800000001"));
		assert_null(strstr(printed, "138 0000 0001"));
		free(printed);
	}
	cJSON_Delete(rec);
	cJSON_Delete(doc);
	yousu_hotline_form_free(f);
}

static void
assert_route(yousu_hotline_form *f, const char *county, const char *town)
{
	yousu_hotline_route r;

	yousu_hotline_form_route(f, &r);
	assert_string_equal(r.county, county);
	if (town == NULL)
		assert_null(r.township);
	else
		assert_string_equal(r.township, town);
	yousu_hotline_form_free(f);
}

static void
test_area_forms(void **state)
{
	static const struct {
		const char *area, *county, *town;
	} cases[] = {
	    {"{\"county\":\"项城市\",\"township\":\"南顿镇\"}", "XC", "ND"},
	    {"{\"county\":\"SQ\",\"township\":\"LC\"}", "SQ", "LC"},
	    {"{\"county\":\"沈丘\",\"township\":\"槐店\"}", "SQ", "HD"},
	    {"{\"county\":\"项城\"}", "XC", NULL},
	    {"{\"county\":\"沈丘县\",\"township\":\"  \"}", "SQ", NULL},
	    {"\"沈丘县槐店回族镇\"", "SQ", "HD"},
	    {"\"沈丘县 槐店\"", "SQ", "HD"},
	    {"\"项城市/水寨街道\"", "XC", "SZ"},
	    {"\"老城镇\"", "SQ", "LC"},
	    {"\"  南顿  \"", "XC", "ND"},
	    {"\"沈丘县\"", "SQ", NULL},
	};
	yousu_hotline_form *f;

	(void) state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ok_with("area", cases[i].area, &f);
		assert_route(f, cases[i].county, cases[i].town);
	}
}

static void
test_other_good_forms(void **state)
{
	yousu_hotline_form *f;
	const cJSON *in;
	char *text, *bom;
	cJSON *doc = cJSON_Parse(good);

	(void) state;
	/* anonymous: no caller, no phone, no contact owed */
	cJSON_DeleteItemFromObject(doc, "caller");
	cJSON_DeleteItemFromObject(doc, "phone");
	cJSON_ReplaceItemInObject(doc, "anonymous", cJSON_CreateTrue());
	cJSON_ReplaceItemInObject(doc, "source", cJSON_CreateString("网上"));
	text = cJSON_Print(doc);
	f = parse_ok(text);
	in = yousu_hotline_form_intake(f);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(in, "anonymous")));
	assert_null(cJSON_GetObjectItem(in, "name"));
	assert_null(cJSON_GetObjectItem(in, "phone"));
	assert_null(cJSON_GetObjectItem(in, "contact_within_hours"));
	assert_string_equal(tu_jstr(in, "source"), "online");
	yousu_hotline_form_free(f);
	free(text);
	cJSON_Delete(doc);

	/* a byte-order mark, seconds, the minimum of fields */
	bom = malloc(strlen(good) + 4);
	assert_non_null(bom);
	memcpy(bom, "\xEF\xBB\xBF", 3);
	strcpy(bom + 3, good);
	yousu_hotline_form_free(parse_ok(bom));
	free(bom);
	ok_with("signed_at", "\"2026-09-21 09:30:59\"", &f);
	yousu_hotline_form_free(f);
	ok_with("accepted_at", "\"2026-09-21 09:30\"", &f); /* equal: fine */
	yousu_hotline_form_free(f);
	ok_with("accepted_at", "\"2099-12-31 23:59\"", &f); /* future: fine */
	yousu_hotline_form_free(f);
	doc = cJSON_Parse(good); /* a leap day */
	cJSON_ReplaceItemInObject(
	    doc, "signed_at", cJSON_CreateString("2028-02-29 00:00"));
	cJSON_ReplaceItemInObject(
	    doc, "accepted_at", cJSON_CreateString("2028-02-29 23:59"));
	text = cJSON_Print(doc);
	yousu_hotline_form_free(parse_ok(text));
	free(text);
	cJSON_Delete(doc);
	ok_with("time_limit_days", "5.0", &f);
	yousu_hotline_form_free(f);
}

/* The intake arguments register the complaint on a real store. */
static void
test_intake_runs(void **state)
{
	tu_env *e = *state;
	yousu_hotline_form *f = parse_ok(good);
	cJSON *doc = NULL;
	yousu_err rv;

	tu_at(e, "2026-09-21T10:10");
	rv = yousu_wf_exec(e->wf, "intake", "hotline-gateway",
	    yousu_hotline_form_intake(f), &doc, e->err, sizeof(e->err));
	if (rv != YOUSU_OK)
		fail_msg("intake: %s", e->err);
	assert_string_equal(tu_jstr(doc, "id"), "HD-20260921001");
	assert_string_equal(tu_jstr(doc, "source"), "hotline");
	assert_string_equal(tu_jstr(doc, "name"), "王某某");
	assert_string_equal(tu_jstr(doc, "hotline_no"), "ZK2026092100017");
	assert_int_equal(tu_jint(doc, "contact_within_hours"), 24);
	assert_string_equal(tu_jstr(doc, "status"), "registered");
	cJSON_Delete(doc);
	yousu_hotline_form_free(f);
}

/* --- bad forms ------------------------------------------------------- */

static void
test_bad_json(void **state)
{
	(void) state;
	refused("{\"item_no\": \"1\",,}", "bad JSON", "line 1, column");
	refused("{\n  \"item_no\": \"1\"\n  \"source\": \"热线\"\n}",
	    "bad JSON near '\"source\"", "line 3, column 3");
	refused("{\"item_no\": \"1\"", "the text ends before the form is "
	                               "complete");
	refused("{\"item_no\": \"1\"} x", "more text after the form");
	refused("[1, 2]", "must be a JSON object ({...}), not a list");
	refused("\"text\"", "must be a JSON object");
	refused_len("", 0, YOUSU_INVAL, "the form is empty", NULL);
	refused(" \r\n\t \n", "the form is empty");
	refused("\xEF\xBB\xBF  ", "the form is empty");
}

static void
test_bad_bytes(void **state)
{
	char *text = variant("caller", "\"王某\"");
	char *p = strstr(text, "王某");
	static const char nul[] = "{\"item_no\": \"1\0\"}";

	(void) state;
	/* 王 in GBK is 0xCD 0xF5: not UTF-8 */
	p[0] = (char) 0xCD;
	p[1] = (char) 0xF5;
	p[2] = 'x';
	refused(text, "not UTF-8 text (byte 0xCD", "GBK", "line ");
	free(text);
	refused_len(nul, sizeof(nul) - 1, YOUSU_INVAL, "NUL byte", NULL);
	refused("{\"caller\": \"a\\u0000b\"}", "\\u0000");
	refused("{\"caller\": \"a\tb\"}", "raw control character (0x09)");
	refused_with("caller", "\"a\\u0001b\"",
	    "caller (来电人): holds a control character");
	refused_with("caller", "\"王\\n某\"",
	    "caller (来电人): holds a control "
	    "character or a line break");
	refused("\xED\xA0\x80", "not UTF-8"); /* a surrogate */
	refused("\xC0\xAF", "not UTF-8");     /* overlong */
}

static void
test_missing_fields(void **state)
{
	static const char *const required[][2] = {
	    {"item_no", "item_no (事项编号): missing (required)"},
	    {"source", "source (工单来源): missing (required)"},
	    {"time_limit_days", "time_limit_days (办理时限): missing"},
	    {"signed_at", "signed_at (签收时间): missing"},
	    {"accepted_at", "accepted_at (受理时间): missing"},
	    {"area", "area (事项区域): missing"},
	    {"summary", "summary (内容摘要): missing"},
	    {"lead_unit", "lead_unit (主办单位): missing"},
	    {"feedback_within_days",
	        "feedback_within_days (N个工作日内反馈来电人): "
	        "missing"},
	    {"caller", "caller (来电人): missing (required unless anonymous is "
	               "true)"},
	    {"phone", "phone (联系电话): missing (required unless anonymous"},
	    {"contact_within_hours",
	        "contact_within_hours (N小时内与来电人取得联系): "
	        "missing (required unless anonymous"},
	};

	(void) state;
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		refused_with(required[i][0], NULL, required[i][1]);
	refused_with("caller", "\"  \"", "caller (来电人): missing");
	refused_with("summary", "\" \\n \"", "summary (内容摘要): is empty");
	refused_with("item_no", "\"\"", "item_no (事项编号): is empty");
	refused_with("summary", "null", "summary (内容摘要): is empty");
	/* every missing field at once, one line each */
	refused("{}", "item_no (事项编号): missing",
	    "\nsource (工单来源): missing", "\nlead_unit (主办单位): missing");
}

static void
test_bad_area(void **state)
{
	(void) state;
	refused_with("area", "{\"county\":\"郸城县\",\"township\":\"槐店\"}",
	    "area (事项区域): county '郸城县' is not in the area table "
	    "(沈丘县, 项城市)");
	refused_with("area", "{\"county\":\"沈丘县\",\"township\":\"南顿镇\"}",
	    "area (事项区域): township '南顿镇' is not one of 沈丘县 in the "
	    "area "
	    "table (槐店回族镇, 刘庄店镇, 白集镇, 老城镇, 留福镇)");
	refused_with("area", "{\"township\":\"槐店\"}",
	    "area (事项区域): county is missing");
	refused_with("area", "{\"county\":\"沈丘县\",\"town\":\"槐店\"}",
	    "area (事项区域): unknown key 'town'");
	refused_with(
	    "area", "{\"county\":7}", "county must be text, not a number");
	refused_with("area", "\"周口市川汇区\"",
	    "area (事项区域): '周口市川汇区' names no county or township");
	refused_with("area", "\"沈丘县南顿镇\"",
	    "no township of 沈丘县 in the area table matches the rest");
	refused_with("area", "[\"沈丘县\"]",
	    "area (事项区域): must be an object or text, not a list");
	refused_with("area", "\"\"", "area (事项区域): is empty");
}

static void
test_bad_times(void **state)
{
	(void) state;
	refused_with("signed_at", "\"2026-02-30 10:00\"",
	    "signed_at (签收时间): 2026-02-30 is not a real date (2026-02 has "
	    "28 days)");
	refused_with("accepted_at", "\"2025-02-29 10:00\"",
	    "2025-02-29 is not a real date (2025-02 has 28 days)");
	refused_with(
	    "accepted_at", "\"2026-04-31 10:00\"", "(2026-04 has 30 days)");
	refused_with("accepted_at", "\"2026-13-01 10:00\"",
	    "2026-13-01 is not a real date (months are 01-12)");
	refused_with("signed_at", "\"2026-09-21 24:00\"",
	    "signed_at (签收时间): 24:00 is not a time of day");
	refused_with(
	    "signed_at", "\"2026-09-21 25:61\"", "25:61 is not a time of day");
	refused_with(
	    "signed_at", "\"2026-09-21 10:60\"", "10:60 is not a time of day");
	refused_with("signed_at", "\"2026/09/21 10:00\"",
	    "'2026/09/21 10:00' is not a time of the form YYYY-MM-DD HH:MM");
	refused_with(
	    "signed_at", "\"2026-09-21T10:00\"", "is not a time of the form");
	refused_with(
	    "signed_at", "\"2026-09-21\"", "is not a time of the form");
	refused_with(
	    "signed_at", "\"2026-9-21 10:00\"", "is not a time of the form");
	refused_with(
	    "signed_at", "\"1926-09-21 10:00\"", "the year is out of range");
	refused_with("signed_at", "20260921", "must be text, not a number");
	refused_with("accepted_at", "\"2026-09-21 09:29\"",
	    "accepted_at (受理时间): 2026-09-21 09:29 is before the sign-for "
	    "time (signed_at, 签收时间) 2026-09-21 09:30");
}

static void
test_bad_numbers(void **state)
{
	(void) state;
	refused_with("time_limit_days", "\"5\"",
	    "time_limit_days (办理时限): must be a JSON number (5), not the "
	    "text \"5\"");
	refused_with("time_limit_days", "\"五个工作日\"",
	    "must be a number of working days, not the text \"五个工作日\"");
	refused_with("time_limit_days", "2.5",
	    "2.5 is not a whole number of working days");
	refused_with("time_limit_days", "0",
	    "0 is out of range (1-60 working "
	    "days)");
	refused_with("time_limit_days", "-3", "-3 is out of range");
	refused_with("time_limit_days", "100000", "100000 is out of range");
	refused_with("time_limit_days", "1e300", "is not a whole number");
	refused_with("feedback_within_days", "61", "feedback_within_days");
	refused_with("contact_within_hours", "169",
	    "contact_within_hours (N小时内与来电人取得联系): 169 is out of "
	    "range "
	    "(1-168 hours)");
	refused_with(
	    "contact_within_hours", "true", "must be a number, not true/false");
}

static void
test_bad_fields(void **state)
{
	char *big;

	(void) state;
	refused_with("phone", "\"138-abc-0001\"",
	    "phone (联系电话): '138-abc-0001' is not a telephone number");
	refused_with("phone", "\"1234\"", "is not a telephone number");
	refused_with("phone", "13800000001", "phone (联系电话): must be text");
	refused_with("dispatch_phone", "\"12345#\"", "dispatch_phone");
	refused_with("source", "\"信件\"",
	    "source (工单来源): '信件' is not a "
	    "known source");
	refused_with("item_no", "\"ZK/2026/1\"",
	    "item_no (事项编号): 'ZK/2026/1' may hold only");
	refused_with("item_no", "\".hidden\"", "may hold only");
	refused_with("anonymous", "\"否\"",
	    "anonymous (是否匿名): must be true or false, not text");
	refused_with("co_units", "\"县人社局\"",
	    "co_units (协办单位): must be a list of texts, not text");
	refused_with("co_units", "[\"县人社局\", \"县人社局\"]",
	    "co_units (协办单位): '县人社局' is listed twice");
	refused_with("co_units", "[\"县人社局\", 3]", "item 2 must be text");
	refused_with("result", "\"已办结\"",
	    "result (处理结果): is written by "
	    "the centre that handles");
	refused_with("schema", "\"yousu.hotline.form.v2\"",
	    "schema (格式版本): 'yousu.hotline.form.v2' is not "
	    "yousu.hotline.form.v1");
	big = malloc(4100);
	assert_non_null(big);
	memset(big, 'a', 4100);
	big[0] = '"';
	big[4002] = '"';
	big[4003] = '\0';
	refused_with("summary", big,
	    "summary (内容摘要): too long: 4001 bytes, at most 4000");
	big[202] = '"';
	big[203] = '\0';
	refused_with(
	    "lead_unit", big, "lead_unit (主办单位): too long: 201 bytes");
	free(big);
}

static void
test_keys(void **state)
{
	char *text = variant("sumary", "\"x\"");

	(void) state;
	refused(
	    text, "unknown field 'sumary': did you mean 'summary' (内容摘要)?");
	free(text);
	refused_with("事项编号", "\"1\"",
	    "unknown field '事项编号': the keys are English, use 'item_no'");
	refused_with("colour", "\"red\"", "unknown field 'colour' (see");
	/* a key given twice: a typo would drop one of them silently */
	text = variant("phone", "\"13800000001\"");
	{
		char *p = strstr(text, "\"phone\"");
		char *dup = malloc(strlen(text) + 64);

		assert_non_null(dup);
		snprintf(dup, strlen(text) + 64,
		    "%.*s\"phone\": \"13900000002\", %s", (int) (p - text),
		    text, p);
		refused(dup, "phone (联系电话): given twice");
		free(dup);
	}
	free(text);
}

static void
test_anonymous(void **state)
{
	cJSON *doc = cJSON_Parse(good);
	char *text;

	(void) state;
	cJSON_ReplaceItemInObject(doc, "anonymous", cJSON_CreateTrue());
	text = cJSON_Print(doc);
	refused(text,
	    "phone (联系电话): given, but the caller is anonymous (anonymous: "
	    "true): an anonymous form carries no caller and no phone",
	    "\ncaller (来电人): given, but the caller is anonymous");
	free(text);
	cJSON_Delete(doc);
}

static void
test_limits(void **state)
{
	char *text = malloc(YOUSU_HOTLINE_MAX_FORM + 2);

	(void) state;
	assert_non_null(text);
	memset(text, ' ', YOUSU_HOTLINE_MAX_FORM + 1);
	text[0] = '{';
	text[YOUSU_HOTLINE_MAX_FORM] = '}';
	text[YOUSU_HOTLINE_MAX_FORM + 1] = '\0';
	refused_len(text, YOUSU_HOTLINE_MAX_FORM + 1, YOUSU_LIMIT,
	    "the form is 65537 bytes: at most 65536 are accepted", NULL);
	/* exactly the limit is read (and refused only for what it holds) */
	text[YOUSU_HOTLINE_MAX_FORM - 1] = '}';
	refused_len(text, YOUSU_HOTLINE_MAX_FORM, YOUSU_INVAL,
	    "item_no (事项编号): missing", NULL);
	free(text);
}

/* Many problems: 16 lines, then how many more. */
static void
test_many_problems(void **state)
{
	char text[4096];
	size_t n = 0;
	yousu_hotline_form *f = NULL;
	char err[8192];
	int lines = 1;

	(void) state;
	n += (size_t) snprintf(text + n, sizeof(text) - n, "{");
	for (int i = 0; i < 30; i++)
		n += (size_t) snprintf(text + n, sizeof(text) - n,
		    "%s\"bad%02d\": 1", i ? ", " : "", i);
	snprintf(text + n, sizeof(text) - n, "}");
	assert_int_equal(yousu_hotline_parse(
	                     text, strlen(text), areas, &f, err, sizeof(err)),
	    YOUSU_INVAL);
	for (const char *p = err; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	assert_int_equal(lines, 17);
	tu_has(err, "(and ");
	tu_has(err, " more problems)");
	/* a small buffer is cut, never overrun */
	memset(err, 'x', sizeof(err));
	assert_int_equal(
	    yousu_hotline_parse(text, strlen(text), areas, &f, err, 10),
	    YOUSU_INVAL);
	assert_int_equal(strlen(err), 9);
	assert_int_equal(err[10], 'x');
}

static void
write_text(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

static void
test_parse_file(void **state)
{
	char path[128], link[128], err[4096];
	yousu_hotline_form *f = NULL;
	char *big;

	(void) state;
	snprintf(path, sizeof(path), "%s/form.json", tmpdir);
	write_text(path, good, strlen(good));
	assert_int_equal(
	    yousu_hotline_parse_file(path, areas, &f, err, sizeof(err)),
	    YOUSU_OK);
	yousu_hotline_form_free(f);
	f = NULL;
	snprintf(link, sizeof(link), "%s/link.json", tmpdir);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(
	    yousu_hotline_parse_file(link, areas, &f, err, sizeof(err)),
	    YOUSU_IO);
	unlink(link);
	unlink(path);
	assert_int_equal(
	    yousu_hotline_parse_file(path, areas, &f, err, sizeof(err)),
	    YOUSU_IO);
	tu_has(err, "form.json: cannot open");
	big = calloc(1, YOUSU_HOTLINE_MAX_FORM + 100);
	assert_non_null(big);
	memset(big, ' ', YOUSU_HOTLINE_MAX_FORM + 99);
	write_text(path, big, YOUSU_HOTLINE_MAX_FORM + 99);
	assert_int_equal(
	    yousu_hotline_parse_file(path, areas, &f, err, sizeof(err)),
	    YOUSU_LIMIT);
	tu_has(err, "at most 65536 are accepted");
	assert_null(f);
	free(big);
	unlink(path);
}

/* --- the area table -------------------------------------------------- */

static void
test_areas_sample(void **state)
{
	yousu_hotline_route r;
	char err[512];
	cJSON *j = yousu_hotline_areas_json(areas);
	const cJSON *sq = cJSON_GetArrayItem(j, 0);

	(void) state;
	assert_int_equal(cJSON_GetArraySize(j), 2);
	assert_string_equal(tu_jstr(sq, "code"), "SQ");
	assert_string_equal(tu_jstr(sq, "name"), "沈丘县");
	assert_int_equal(
	    cJSON_GetArraySize(cJSON_GetObjectItem(sq, "townships")), 5);
	cJSON_Delete(j);
	/* the codes of configs/deploy */
	assert_int_equal(yousu_hotline_areas_find(areas, "沈丘县", "槐店回族镇",
	                     &r, err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(r.township, "HD");
	assert_int_equal(yousu_hotline_areas_find(
	                     areas, "SQ", "刘庄店", &r, err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(r.township, "LZ");
	assert_int_equal(yousu_hotline_areas_find(
	                     areas, "沈丘", "白集镇", &r, err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(r.township, "BA");
	assert_int_equal(yousu_hotline_areas_find(
	                     areas, "项城市", NULL, &r, err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(r.county, "XC");
	assert_null(r.township);
	r.county = "untouched";
	assert_int_equal(yousu_hotline_areas_find(
	                     areas, "项城市", "槐店", &r, err, sizeof(err)),
	    YOUSU_NOTFOUND);
	assert_string_equal(r.county, "untouched");
	tu_has(err, "township '槐店' is not one of 项城市");
}

/* The same township name in two counties: named alone it is refused,
 * named with its county it routes. */
static void
test_areas_ambiguous(void **state)
{
	static const char table[] =
	    "[county 甲县]\ncode = JX\n"
	    "[county 乙县]\ncode = YX\n"
	    "[area 老城镇]\ncounty = JX\ntownship = JL\n"
	    "[area 老城镇]\ncounty = YX\ntownship = YL\n";
	yousu_hotline_areas *a = NULL, *saved = areas;
	char path[128], err[512], *text;
	yousu_hotline_form *f;

	(void) state;
	snprintf(path, sizeof(path), "%s/two.ini", tmpdir);
	write_text(path, table, strlen(table));
	if (yousu_hotline_areas_load(path, &a, err, sizeof(err)))
		fail_msg("%s", err);
	unlink(path);
	areas = a;
	refused_with("area", "\"老城镇\"",
	    "area (事项区域): '老城镇' is a township of both 甲县 and 乙县: "
	    "name "
	    "the county too");
	text = variant("area", "\"乙县老城镇\"");
	f = parse_ok(text);
	free(text);
	assert_route(f, "YX", "YL");
	ok_with("area", "{\"county\":\"JX\",\"township\":\"老城镇\"}", &f);
	assert_route(f, "JX", "JL");
	areas = saved;
	yousu_hotline_areas_free(a);
}

/* The area table text must fail with "path:line: msg" (line 0: "path:
 * msg"). */
static void
areas_error(const char *text, int line, const char *msg)
{
	yousu_hotline_areas *a = (yousu_hotline_areas *) &a;
	char path[128], err[1024] = "", want[1024];

	snprintf(path, sizeof(path), "%s/areas.ini", tmpdir);
	write_text(path, text, strlen(text));
	assert_int_equal(
	    yousu_hotline_areas_load(path, &a, err, sizeof(err)), YOUSU_CONFIG);
	assert_ptr_equal(a, (yousu_hotline_areas *) &a);
	if (line > 0)
		snprintf(want, sizeof(want), "%s:%d: %s", path, line, msg);
	else
		snprintf(want, sizeof(want), "%s: %s", path, msg);
	assert_string_equal(err, want);
	unlink(path);
}

#define C_SQ "[county 沈丘县]\ncode = SQ\n" /* lines 1-2 */

static void
test_areas_errors(void **state)
{
	(void) state;
	areas_error("", 0,
	    "the table lists no county (one [county NAME] "
	    "section each)");
	areas_error(C_SQ "colour = red\n", 3,
	    "unknown key 'colour' in [county 沈丘县]");
	areas_error("[county 沈丘县]\ncode = sq\n", 2,
	    "code 'sq' must be 2-16 of A-Z 0-9");
	areas_error("[county 沈丘县]\ncode = S\n", 2,
	    "code 'S' must be 2-16 of A-Z 0-9");
	areas_error(
	    C_SQ "code = SQ\n", 3, "key 'code' given twice in [county 沈丘县]");
	areas_error("[county 沈丘县]\nalias = 沈丘\n", 1,
	    "[county 沈丘县] has no code (required)");
	areas_error(C_SQ "[area 槐店回族镇]\ncounty = SQ\n", 3,
	    "[area 槐店回族镇] has no township (required)");
	areas_error(C_SQ "[area 槐店回族镇]\ntownship = HD\n", 3,
	    "[area 槐店回族镇] has no county (required)");
	areas_error(C_SQ "[area 南顿镇]\ncounty = XC\ntownship = ND\n", 4,
	    "[area 南顿镇]: county 'XC' is not the code of any [county NAME] "
	    "section");
	areas_error(C_SQ "[area 槐店回族镇]\ncounty = SQ\ntownship = SQ\n", 5,
	    "code 'SQ' of [area 槐店回族镇] is already given at line 2 (in "
	    "[county 沈丘县])");
	areas_error(C_SQ "[area 槐店回族镇]\ncounty = SQ\ntownship = HD\n"
	                 "[area 老城镇]\ncounty = SQ\ntownship = HD\n",
	    8,
	    "code 'HD' of [area 老城镇] is already given at line 5 (in [area "
	    "槐店回族镇])");
	areas_error(C_SQ "[area 槐店回族镇]\ncounty = SQ\ntownship = HD\n"
	                 "alias = 槐店\n"
	                 "[area 老城镇]\ncounty = SQ\ntownship = LC\n"
	                 "alias = 老城, 槐店\n",
	    10,
	    "name '槐店' of [area 老城镇] is already given at line 6 (in [area "
	    "槐店回族镇])");
	areas_error(C_SQ "[county 项城市]\ncode = XC\nalias = 沈丘县\n", 5,
	    "name '沈丘县' of [county 项城市] is already given at line 1 (in "
	    "[county 沈丘县])");
	areas_error(C_SQ "[county 沈丘县]\ncode = SR\n", 3,
	    "name '沈丘县' of [county 沈丘县] is already given at line 1 (in "
	    "[county 沈丘县])");
	areas_error(C_SQ "[area 空镇]\n\n[area 老城镇]\ncounty = SQ\n"
	                 "township = LC\n",
	    3,
	    "section without keys ([county NAME] needs code, [area NAME] "
	    "county and township)");
	areas_error(C_SQ "[area]\ncounty = SQ\n", 4,
	    "the section needs its name: [county NAME] or [area NAME]");
	areas_error(C_SQ "[area 甲,乙]\ncounty = SQ\n", 4,
	    "the section's name '甲,乙' holds a separator (, ， 、 /)");
	areas_error(
	    C_SQ "alias = 沈\xFF丘\n", 3, "alias '沈\xFF丘' is not UTF-8 text");
	areas_error(C_SQ "alias = "
	                 "一二三四五六七八九十一二三四五六七八九十一二三四五六"
	                 "七八九十一二三\n",
	    3,
	    "alias "
	    "'一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二"
	    "三' is "
	    "too long (at most 32 characters, 63 bytes)");
	areas_error(C_SQ "[area 一二三四五六七八九十一二三四五]\ncounty = SQ\n",
	    3, "section name too long (at most 49 bytes)");
	areas_error(C_SQ "[foo]\n", 3,
	    "unknown section [foo] (the table has [county NAME] and [area "
	    "NAME] sections)");
}

static void
test_areas_error_unknown_section(void **state)
{
	yousu_hotline_areas *a = NULL;
	char path[128], err[512];

	(void) state;
	snprintf(path, sizeof(path), "%s/areas.ini", tmpdir);
	write_text(path, C_SQ "[foo]\nbar = 1\n", strlen(C_SQ) + 14);
	assert_int_equal(
	    yousu_hotline_areas_load(path, &a, err, sizeof(err)), YOUSU_CONFIG);
	tu_has(err, ":4: unknown key 'bar' in [foo]");
	unlink(path);
}

/* --- the spool ------------------------------------------------------- */

static void
spool_path(char *out, const char *dir, const char *name)
{
	snprintf(out, 256, "%s/%s", dir, name);
}

static bool
exists(const char *dir, const char *name)
{
	char p[256];
	struct stat st;

	spool_path(p, dir, name);
	return lstat(p, &st) == 0;
}

static char *
slurp(const char *dir, const char *name)
{
	char p[256], *buf = calloc(1, 65536);
	FILE *f;

	spool_path(p, dir, name);
	assert_non_null(buf);
	f = fopen(p, "r");
	if (f == NULL)
		fail_msg("cannot open %s", p);
	if (fread(buf, 1, 65535, f) == 0 && ferror(f))
		fail_msg("cannot read %s", p);
	fclose(f);
	return buf;
}

static void
touch(const char *dir, const char *name, const char *text)
{
	char p[256];

	spool_path(p, dir, name);
	write_text(p, text, strlen(text));
}

static void
test_spool(void **state)
{
	char dir[128], sub[160], err[1024], **names = NULL;
	size_t n = 99;
	struct stat st;
	char *text;

	(void) state;
	snprintf(dir, sizeof(dir), "%s/in", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	touch(dir, "b.json", "{}");
	touch(dir, "a.json", "not json");
	touch(dir, "c.json.tmp", "half");
	touch(dir, ".d.json", "hidden");
	touch(dir, "e.txt", "other");
	snprintf(sub, sizeof(sub), "%s/x.json", dir);
	assert_int_equal(mkdir(sub, 0700), 0); /* a folder is no form */
	assert_int_equal(
	    yousu_hotline_spool_scan(dir, 100, &names, &n, err, sizeof(err)),
	    YOUSU_OK);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "a.json");
	assert_string_equal(names[1], "b.json");
	assert_null(names[2]);
	yousu_hotline_names_free(names);
	assert_int_equal(
	    yousu_hotline_spool_scan(dir, 1, &names, &n, err, sizeof(err)),
	    YOUSU_OK);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "a.json");
	yousu_hotline_names_free(names);

	/* reject: the form and its error in rejected/ (0700); the error
	 * may be the very buffer the call writes its own error into */
	snprintf(err, sizeof(err),
	    "bad JSON near 'not json' at line 1, "
	    "column 1");
	assert_int_equal(
	    yousu_hotline_spool_reject(dir, "a.json", err, err, sizeof(err)),
	    YOUSU_OK);
	assert_false(exists(dir, "a.json"));
	snprintf(sub, sizeof(sub), "%s/rejected", dir);
	assert_int_equal(stat(sub, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	text = slurp(sub, "a.json");
	assert_string_equal(text, "not json");
	free(text);
	text = slurp(sub, "a.json.error");
	assert_string_equal(
	    text, "bad JSON near 'not json' at line 1, column 1\n");
	free(text);
	assert_false(exists(sub, ".a.json.error.tmp"));

	/* the same name again: never replaced */
	touch(dir, "a.json", "second");
	assert_int_equal(yousu_hotline_spool_reject(
	                     dir, "a.json", "again", err, sizeof(err)),
	    YOUSU_OK);
	text = slurp(sub, "a~1.json");
	assert_string_equal(text, "second");
	free(text);
	text = slurp(sub, "a~1.json.error");
	assert_string_equal(text, "again\n");
	free(text);
	text = slurp(sub, "a.json");
	assert_string_equal(text, "not json");
	free(text);

	/* a crash between the two renames left an error without its form:
	 * the next reject of that name takes its place */
	touch(sub, "f.json.error", "stale");
	touch(dir, "f.json", "third");
	assert_int_equal(yousu_hotline_spool_reject(
	                     dir, "f.json", "fresh", err, sizeof(err)),
	    YOUSU_OK);
	text = slurp(sub, "f.json.error");
	assert_string_equal(text, "fresh\n");
	free(text);
	assert_false(exists(sub, "f~1.json"));

	/* done */
	assert_int_equal(
	    yousu_hotline_spool_done(dir, "b.json", err, sizeof(err)),
	    YOUSU_OK);
	assert_false(exists(dir, "b.json"));
	snprintf(sub, sizeof(sub), "%s/done", dir);
	assert_true(exists(sub, "b.json"));
	assert_false(exists(sub, "b.json.error"));

	/* nothing to move, or not a name: refused, nothing made */
	assert_int_equal(
	    yousu_hotline_spool_reject(dir, "zz.json", "x", err, sizeof(err)),
	    YOUSU_IO);
	tu_has(err, "zz.json: no such file");
	snprintf(sub, sizeof(sub), "%s/rejected", dir);
	assert_false(exists(sub, "zz.json.error"));
	assert_int_equal(
	    yousu_hotline_spool_reject(dir, "../b.json", "x", err, sizeof(err)),
	    YOUSU_INVAL);
	assert_int_equal(
	    yousu_hotline_spool_done(dir, "..", err, sizeof(err)), YOUSU_INVAL);

	/* the spool now holds no form */
	assert_int_equal(
	    yousu_hotline_spool_scan(dir, 100, &names, &n, err, sizeof(err)),
	    YOUSU_OK);
	assert_int_equal(n, 0);
	assert_null(names[0]);
	yousu_hotline_names_free(names);
	assert_int_equal(yousu_hotline_spool_scan("/nonexistent/spool", 100,
	                     &names, &n, err, sizeof(err)),
	    YOUSU_IO);
	assert_int_equal(
	    yousu_hotline_spool_scan(dir, 0, &names, &n, err, sizeof(err)),
	    YOUSU_INVAL);
}

/* A bad form from the spool: parsed, refused, moved aside with the
 * parser's message. */
static void
test_spool_reject_form(void **state)
{
	char dir[128], path[256], sub[160], err[4096];
	char *bad = variant("signed_at", "\"2026-02-30 09:00\"");
	yousu_hotline_form *f = NULL;
	char *text;

	(void) state;
	snprintf(dir, sizeof(dir), "%s/in2", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	touch(dir, "ZK1.json", bad);
	spool_path(path, dir, "ZK1.json");
	assert_int_equal(
	    yousu_hotline_parse_file(path, areas, &f, err, sizeof(err)),
	    YOUSU_INVAL);
	assert_int_equal(
	    yousu_hotline_spool_reject(dir, "ZK1.json", err, err, sizeof(err)),
	    YOUSU_OK);
	snprintf(sub, sizeof(sub), "%s/rejected", dir);
	text = slurp(sub, "ZK1.json.error");
	tu_has(text, "signed_at (签收时间): 2026-02-30 is not a real date");
	free(text);
	text = slurp(sub, "ZK1.json");
	assert_string_equal(text, bad);
	free(text);
	free(bad);
}

/* --- outbound files -------------------------------------------------- */

static void
rm_rf(const char *dir)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static int
count_suffix(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name), s = strlen(suffix);

		if (l >= s && strcmp(e->d_name + l - s, suffix) == 0)
			n++;
	}
	closedir(d);
	return n;
}

static cJSON *
closed_hotline_complaint(tu_env *e)
{
	yousu_hotline_form *f = parse_ok(good);
	cJSON *doc = NULL;
	const char *id;

	tu_at(e, "2026-09-21T10:10");
	if (yousu_wf_exec(e->wf, "intake", "gateway",
	        yousu_hotline_form_intake(f), &doc, e->err, sizeof(e->err)))
		fail_msg("intake: %s", e->err);
	yousu_hotline_form_free(f);
	id = tu_jstr(doc, "id");
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", id));
	cJSON_Delete(
	    tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", id));
	tu_at(e, "2026-09-23T16:00");
	cJSON_Delete(tu_ok(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":"
	    "\"已办理营业执照变更\"}",
	    id));
	cJSON_Delete(tu_ok(e, "qc", "{\"id\":\"%s\",\"pass\":true}", id));
	tu_at(e, "2026-09-24T10:00");
	cJSON_Delete(tu_ok(e, "visit",
	    "{\"id\":\"%s\",\"satisfaction\":\"满意\",\"note\":\"电话回访\"}",
	    id));
	tu_at(e, "2026-09-24T11:00");
	cJSON_Delete(tu_ok(e, "close", "{\"id\":\"%s\"}", id));
	cJSON_Delete(doc);
	return tu_doc(e, "HD-20260921001");
}

static void
test_result_write(void **state)
{
	tu_env *e = *state;
	char out[160], name[128], err[1024];
	cJSON *doc, *res = NULL, *back, *visit;
	char *text;

	snprintf(out, sizeof(out), "%s/out", e->dir);
	assert_int_equal(mkdir(out, 0700), 0);
	doc = closed_hotline_complaint(e);
	assert_int_equal(yousu_hotline_result_from_complaint(
	                     doc, TU_UTC_OFFSET, &res, err, sizeof(err)),
	    YOUSU_OK);
	/* a crashed earlier write left its temporary file */
	touch(out, "result-ZK2026092100017.tmp", "{\"half\":");
	assert_int_equal(yousu_hotline_result_write(
	                     out, res, name, sizeof(name), err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(name, "result-ZK2026092100017.json");
	assert_int_equal(count_suffix(out, ".tmp"), 0);
	assert_int_equal(count_suffix(out, ".json"), 1);
	text = slurp(out, name);
	back = cJSON_Parse(text);
	free(text);
	assert_non_null(back);
	assert_string_equal(tu_jstr(back, "schema"), "yousu.hotline.result.v1");
	assert_string_equal(tu_jstr(back, "item_no"), "ZK2026092100017");
	assert_string_equal(tu_jstr(back, "complaint_id"), "HD-20260921001");
	assert_string_equal(tu_jstr(back, "centre"), "HD");
	assert_string_equal(tu_jstr(back, "status"), "closed");
	assert_string_equal(tu_jstr(back, "result"), "已办理营业执照变更");
	assert_string_equal(tu_jstr(back, "reply_kind"), "done");
	assert_string_equal(tu_jstr(back, "lead"), "SCJ");
	assert_string_equal(tu_jstr(back, "received_at"), "2026-09-21 10:10");
	assert_string_equal(tu_jstr(back, "completed_at"), "2026-09-23 16:00");
	assert_string_equal(tu_jstr(back, "closed_at"), "2026-09-24 11:00");
	assert_int_equal(tu_jint(back, "late_days"), 0);
	visit = cJSON_GetObjectItem(back, "visit");
	assert_string_equal(tu_jstr(visit, "at"), "2026-09-24 10:00");
	assert_string_equal(tu_jstr(visit, "satisfaction"), "satisfied");
	assert_string_equal(tu_jstr(visit, "label"), "满意");
	assert_string_equal(tu_jstr(visit, "note"), "电话回访");
	/* no personal data in a result */
	text = cJSON_PrintUnformatted(back);
	assert_null(strstr(text, "王某某"));
	assert_null(strstr(text, "138 0000 0001"));
	free(text);
	cJSON_Delete(back);

	/* written again: replaced whole */
	assert_int_equal(
	    yousu_hotline_result_write(out, res, NULL, 0, err, sizeof(err)),
	    YOUSU_OK);
	assert_int_equal(count_suffix(out, ".tmp"), 0);
	assert_int_equal(count_suffix(out, ".json"), 1);

	/* nowhere to write: an error, no .tmp anywhere */
	assert_int_equal(yousu_hotline_result_write("/nonexistent/out", res,
	                     NULL, 0, err, sizeof(err)),
	    YOUSU_IO);
	tu_has(err, "/nonexistent/out: cannot open the folder");
	chmod(out, 0500);
	if (geteuid() != 0) { /* root writes anyway */
		cJSON_ReplaceItemInObject(
		    res, "item_no", cJSON_CreateString("ZK2"));
		assert_int_equal(yousu_hotline_result_write(
		                     out, res, NULL, 0, err, sizeof(err)),
		    YOUSU_IO);
		tu_has(err, "result-ZK2.json: cannot write");
	}
	chmod(out, 0700);
	assert_int_equal(count_suffix(out, ".tmp"), 0);

	/* refused objects */
	cJSON_ReplaceItemInObject(res, "item_no", cJSON_CreateString("../x"));
	assert_int_equal(
	    yousu_hotline_result_write(out, res, NULL, 0, err, sizeof(err)),
	    YOUSU_INVAL);
	tu_has(err, "item_no must be 1-64 of A-Z a-z 0-9 - _ .");
	cJSON_ReplaceItemInObject(res, "schema", cJSON_CreateString("other"));
	assert_int_equal(
	    yousu_hotline_result_write(out, res, NULL, 0, err, sizeof(err)),
	    YOUSU_INVAL);
	tu_has(err, "schema must be yousu.hotline.result.v1 or "
	            "yousu.hotline.handover.v1, not 'other'");
	cJSON_Delete(res);
	cJSON_Delete(doc);
	rm_rf(out);
}

static void
test_result_states(void **state)
{
	tu_env *e = *state;
	char id[32], err[512];
	cJSON *doc, *res = (cJSON *) &res;

	/* a window complaint has no item number */
	tu_intake(e, id);
	doc = tu_doc(e, id);
	assert_int_equal(yousu_hotline_result_from_complaint(
	                     doc, TU_UTC_OFFSET, &res, err, sizeof(err)),
	    YOUSU_INVAL);
	tu_has(err, "was not dispatched by the 12345 hotline");
	cJSON_Delete(doc);

	/* a hotline one still in hand */
	doc = tu_ok(e, "intake",
	    "{\"source\":\"hotline\",\"anonymous\":true,\"content\":\"反映\","
	    "\"hotline_no\":\"ZK9\"}");
	assert_int_equal(yousu_hotline_result_from_complaint(
	                     doc, TU_UTC_OFFSET, &res, err, sizeof(err)),
	    YOUSU_STATE);
	tu_has(err, "is 已登记 (registered): its result goes to the hotline "
	            "once it is closed");
	assert_ptr_equal(res, (cJSON *) &res);
	cJSON_Delete(doc);

	/* refused (不予受理): the ground and the channel go back */
	doc = tu_ok(
	    e, "reject", "{\"id\":\"HD-20260924002\",\"ground\":\"civil\"}");
	assert_int_equal(yousu_hotline_result_from_complaint(
	                     doc, TU_UTC_OFFSET, &res, err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(tu_jstr(res, "status"), "rejected");
	tu_has(tu_jstr(res, "result"), "不予受理：市场主体之间");
	tu_has(tu_jstr(res, "result"), "（人民调解或人民法院）");
	assert_string_equal(tu_jstr(res, "ground"), "civil");
	assert_string_equal(tu_jstr(res, "completed_at"), "2026-09-24 09:00");
	assert_null(cJSON_GetObjectItem(res, "visit"));
	cJSON_Delete(res);
	cJSON_Delete(doc);
}

static void
test_handover(void **state)
{
	tu_env *e = *state;
	char id[32], err[512], out[160], name[128];
	cJSON *doc, *h = NULL, *back;
	char *text;
	int64_t at;

	snprintf(out, sizeof(out), "%s/out", e->dir);
	assert_int_equal(mkdir(out, 0700), 0);
	tu_intake(e, id);
	doc = tu_doc(e, id);
	assert_int_equal(yousu_hotline_handover_from_complaint(doc, " ", e->now,
	                     TU_UTC_OFFSET, &h, err, sizeof(err)),
	    YOUSU_INVAL);
	tu_has(err, "the reason is missing");
	assert_int_equal(
	    yousu_parse_time("2026-09-24T11:30", TU_UTC_OFFSET, &at), YOUSU_OK);
	assert_int_equal(yousu_hotline_handover_from_complaint(doc,
	                     "非本级大厅政务服务诉求，转12345热线办理", at,
	                     TU_UTC_OFFSET, &h, err, sizeof(err)),
	    YOUSU_OK);
	assert_int_equal(yousu_hotline_result_write(
	                     out, h, name, sizeof(name), err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(name, "handover-HD-20260924001.json");
	assert_int_equal(count_suffix(out, ".tmp"), 0);
	text = slurp(out, name);
	back = cJSON_Parse(text);
	free(text);
	assert_string_equal(
	    tu_jstr(back, "schema"), "yousu.hotline.handover.v1");
	assert_string_equal(tu_jstr(back, "complaint_id"), "HD-20260924001");
	assert_string_equal(tu_jstr(back, "centre"), "HD");
	assert_string_equal(tu_jstr(back, "source"), "window");
	assert_string_equal(tu_jstr(back, "caller"), "张三");
	assert_string_equal(tu_jstr(back, "phone"), "13800000000");
	tu_has(tu_jstr(back, "summary"), "营业执照变更");
	assert_string_equal(tu_jstr(back, "received_at"), "2026-09-24 09:00");
	assert_string_equal(
	    tu_jstr(back, "handed_over_at"), "2026-09-24 11:30");
	tu_has(tu_jstr(back, "reason"), "转12345热线办理");
	cJSON_Delete(back);
	cJSON_Delete(h);
	cJSON_Delete(doc);
	rm_rf(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_form),
	    cmocka_unit_test(test_area_forms),
	    cmocka_unit_test(test_other_good_forms),
	    cmocka_unit_test_setup_teardown(
	        test_intake_runs, tu_setup, tu_teardown),
	    cmocka_unit_test(test_bad_json),
	    cmocka_unit_test(test_bad_bytes),
	    cmocka_unit_test(test_missing_fields),
	    cmocka_unit_test(test_bad_area),
	    cmocka_unit_test(test_bad_times),
	    cmocka_unit_test(test_bad_numbers),
	    cmocka_unit_test(test_bad_fields),
	    cmocka_unit_test(test_keys),
	    cmocka_unit_test(test_anonymous),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_many_problems),
	    cmocka_unit_test(test_parse_file),
	    cmocka_unit_test(test_areas_sample),
	    cmocka_unit_test(test_areas_ambiguous),
	    cmocka_unit_test(test_areas_errors),
	    cmocka_unit_test(test_areas_error_unknown_section),
	    cmocka_unit_test(test_spool),
	    cmocka_unit_test(test_spool_reject_form),
	    cmocka_unit_test_setup_teardown(
	        test_result_write, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_result_states, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_handover, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
