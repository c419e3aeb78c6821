/* yousu — unit tests for the command schema (common/workflow/commands.c):
 * yousu_command_args finds every kind of problem in a request at once
 * (unknown and yousuctl-only fields with the one probably meant, wrong
 * types, numbers out of range, impossible dates, texts too long, required
 * fields missing or blank) and copies a good request without its blank
 * optional texts; the table itself holds together for every command
 * (names, Chinese labels, roles, centres, fields, arguments and yousuctl
 * options); the lookups, words, option names and role names; the schema
 * as JSON; and the workflow's personal fields are exactly the schema's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/commands.h"
#include "yousu/utf8.h"
#include "yousu/workflow.h"

/* --- helpers ------------------------------------------------------------ */

static const yousu_command *
cmd(const char *name)
{
	const yousu_command *c = yousu_command_find(name);

	if (c == NULL)
		fail_msg("no command '%s'", name);
	return c;
}

static cJSON *
parse(const char *text)
{
	cJSON *v = cJSON_Parse(text);

	if (v == NULL)
		fail_msg("test JSON does not parse: %s", text);
	return v;
}

/* A string of n copies of the UTF-8 character ch. */
static char *
repeat(const char *ch, size_t n)
{
	size_t len = strlen(ch);
	char *s = malloc(n * len + 1);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * len, ch, len);
	s[n * len] = '\0';
	return s;
}

/* Checks args (owned by the caller) against command name: accepted, and
 * *own is returned (the caller's). */
static cJSON *
accepted(const char *name, const cJSON *args)
{
	char err[1024] = "";
	cJSON *own = NULL;

	if (yousu_command_args(cmd(name), args, &own, err, sizeof err) !=
	    YOUSU_OK)
		fail_msg("%s refused: %s", name, err);
	assert_non_null(own);
	assert_true(cJSON_IsObject(own));
	assert_ptr_not_equal(own, args);
	return own;
}

/* Checks args against command name: refused with YOUSU_INVAL, *own left
 * as it was; the message goes to err (len bytes). */
static void
refused(const char *name, const cJSON *args, char *err, size_t len)
{
	cJSON *own = (cJSON *) &own; /* any pointer: it must stay */

	assert_int_equal(
	    yousu_command_args(cmd(name), args, &own, err, len), YOUSU_INVAL);
	assert_ptr_equal(own, (cJSON *) &own);
}

/* The request text is accepted by name; returns *own. */
static cJSON *
ok_text(const char *name, const char *text)
{
	cJSON *args = parse(text), *own = accepted(name, args);

	cJSON_Delete(args);
	return own;
}

/* The request text is refused by name with exactly the message want. */
static void
bad_text(const char *name, const char *text, const char *want)
{
	cJSON *args = parse(text);
	char err[1024];

	refused(name, args, err, sizeof err);
	assert_string_equal(err, want);
	cJSON_Delete(args);
}

/* Does s hold a CJK ideograph (a Chinese label)? */
static bool
chinese(const char *s)
{
	uint32_t cp;
	size_t n;

	if (s == NULL || !yousu_utf8_valid(s))
		return false;
	for (; *s; s += n) {
		n = yousu_utf8_next(s, &cp);
		if (n == 0)
			return false;
		if (cp >= 0x4e00 && cp <= 0x9fff)
			return true;
	}
	return false;
}

static size_t
count_commands(void)
{
	size_t n = 0;

	while (yousu_commands[n].name != NULL)
		n++;
	return n;
}

/* --- yousu_command_args -------------------------------------------------- */

/* A field the command does not have, with the one probably meant. */
static void
test_args_unknown(void **state)
{
	(void) state;
	bad_text("intake", "{\"sourse\":\"window\",\"content\":\"态度差\"}",
	    "unknown field 'sourse': did you mean 'source'?; missing field "
	    "'source' (诉求来源)");
	bad_text("intake",
	    "{\"source\":\"window\",\"content\":\"态度差\",\"contnet\":\"x\"}",
	    "unknown field 'contnet': did you mean 'content'?");
	bad_text("qc", "{\"id\":\"HD-1\",\"pass\":true,\"nte\":\"x\"}",
	    "unknown field 'nte': did you mean 'note'?");
	/* nothing close: no guess */
	bad_text("intake",
	    "{\"source\":\"window\",\"content\":\"x\",\"zzzzzzzz\":1}",
	    "unknown field 'zzzzzzzz'");
	/* a command without fields knows none */
	bad_text("ping", "{\"id\":\"x\"}", "unknown field 'id'");
	/* keys are matched exactly, not ignoring case */
	{
		cJSON *args = parse("{\"SOURCE\":\"window\",\"content\":"
		                    "\"x\"}");
		char err[1024];

		refused("intake", args, err, sizeof err);
		assert_non_null(strstr(err, "unknown field 'SOURCE'"));
		cJSON_Delete(args);
	}
}

/* A field yousuctl keeps to itself (YOUSU_F_CLIENT) is never accepted
 * from a request, nor offered as the one meant. */
static void
test_args_client_fields(void **state)
{
	cJSON *args;
	char err[1024];

	(void) state;
	assert_non_null(yousu_command_field(cmd("ledger"), "format"));
	assert_true(yousu_command_field(cmd("ledger"), "format")->flags &
	            YOUSU_F_CLIENT);
	bad_text("ledger", "{\"format\":\"csv\"}", "unknown field 'format'");
	bad_text("ledger", "{\"output\":\"a.xlsx\",\"with_id\":true}",
	    "unknown field 'output'");
	bad_text("city", "{\"format\":\"csv\"}", "unknown field 'format'");
	bad_text("show", "{\"id\":\"HD-1\",\"workorder\":true}",
	    "unknown field 'workorder'");
	bad_text(
	    "batch", "{\"requests\":[],\"chunk\":5}", "unknown field 'chunk'");
	bad_text("batch", "{\"requests\":[],\"file\":\"x.jsonl\"}",
	    "unknown field 'file'");
	/* one slip from a client field: it is not suggested */
	args = parse("{\"formatt\":\"csv\"}");
	refused("ledger", args, err, sizeof err);
	assert_non_null(strstr(err, "unknown field 'formatt'"));
	assert_null(strstr(err, "'format'"));
	cJSON_Delete(args);
	args = parse("{\"outputs\":\"x\"}");
	refused("city", args, err, sizeof err);
	assert_null(strstr(err, "'output'"));
	cJSON_Delete(args);
}

/* A value of the wrong type, for each type. */
static void
test_args_types(void **state)
{
	(void) state;
#define BASE "\"source\":\"window\",\"content\":\"态度差\""
	/* STR */
	bad_text("intake", "{\"source\":1,\"content\":\"x\"}",
	    "field 'source' (诉求来源) must be text");
	bad_text("intake", "{\"source\":null,\"content\":\"x\"}",
	    "field 'source' (诉求来源) must be text");
	bad_text("intake", "{\"source\":[\"window\"],\"content\":\"x\"}",
	    "field 'source' (诉求来源) must be text");
	/* TEXT */
	bad_text("intake", "{\"source\":\"window\",\"content\":{}}",
	    "field 'content' (诉求主要内容) must be text");
	bad_text("intake", "{\"source\":\"window\",\"content\":true}",
	    "field 'content' (诉求主要内容) must be text");
	/* INT: a fraction, a huge number, a numeral in a string */
	bad_text("intake", "{" BASE ",\"contact_within_hours\":2.5}",
	    "field 'contact_within_hours' (N小时内联系来电人) must be a "
	    "whole number");
	bad_text("intake", "{" BASE ",\"contact_within_hours\":1e12}",
	    "field 'contact_within_hours' (N小时内联系来电人) must be a "
	    "whole number");
	bad_text("intake", "{" BASE ",\"contact_within_hours\":-1e12}",
	    "field 'contact_within_hours' (N小时内联系来电人) must be a "
	    "whole number");
	bad_text("intake", "{" BASE ",\"contact_within_hours\":\"12\"}",
	    "field 'contact_within_hours' (N小时内联系来电人) must be a "
	    "whole number");
	bad_text("list", "{\"limit\":1e300}",
	    "field 'limit' (条数) must be a whole number");
	/* BOOL */
	bad_text("intake", "{" BASE ",\"is_org\":\"yes\"}",
	    "field 'is_org' (反映人为单位) must be true/false");
	bad_text("intake", "{" BASE ",\"anonymous\":1}",
	    "field 'anonymous' (匿名) must be true/false");
	/* LIST */
	bad_text("intake", "{" BASE ",\"co_units\":\"甲,乙\"}",
	    "field 'co_units' (协办单位（12345交办单）) must be a list of "
	    "texts");
	bad_text("assign", "{\"id\":\"HD-1\",\"lead\":\"d1\",\"co\":{}}",
	    "field 'co' (协办单位) must be a list of texts");
	/* DATE given as a number */
	bad_text("list", "{\"due_before\":20260930}",
	    "field 'due_before' (期限早于) must be a date (YYYY-MM-DD)");
	bad_text("calendar.days", "{\"from\":\"2026-01-01\",\"to\":false}",
	    "field 'to' (截止日) must be a date (YYYY-MM-DD)");
#undef BASE
}

/* A whole number outside the field's range names the range and unit;
 * both ends are in. */
static void
test_args_range(void **state)
{
	(void) state;
#define BASE "\"source\":\"window\",\"content\":\"态度差\""
	bad_text("intake", "{" BASE ",\"contact_within_hours\":0}",
	    "field 'contact_within_hours' (N小时内联系来电人): 0 is not a "
	    "number of hours in 1..720");
	bad_text("intake", "{" BASE ",\"contact_within_hours\":721}",
	    "field 'contact_within_hours' (N小时内联系来电人): 721 is not a "
	    "number of hours in 1..720");
	bad_text("intake", "{" BASE ",\"time_limit_days\":-3}",
	    "field 'time_limit_days' (办理时限（12345交办单）): -3 is not a "
	    "number of working days in 1..60");
	bad_text("classify",
	    "{\"id\":\"HD-1\",\"category\":\"attitude\",\"level\":4}",
	    "field 'level' (响应等级): 4 is not a response level in 1..3");
	bad_text("list", "{\"offset\":-1}",
	    "field 'offset' (跳过): -1 is not a count in 0..1000000000");
	bad_text("extend",
	    "{\"id\":\"HD-1\",\"days\":366,\"approver\":\"王\",\"reason\":"
	    "\"r\"}",
	    "field 'days' (延期工作日): 366 is not a number of working days "
	    "in 1..365");
	cJSON_Delete(
	    ok_text("intake", "{" BASE ",\"contact_within_hours\":1}"));
	cJSON_Delete(
	    ok_text("intake", "{" BASE ",\"contact_within_hours\":720}"));
	/* 3.0 is a whole number */
	cJSON_Delete(ok_text("intake", "{" BASE ",\"time_limit_days\":3.0}"));
	cJSON_Delete(ok_text("list", "{\"limit\":1000000000,\"offset\":0}"));
	cJSON_Delete(ok_text("calendar.add", "{\"from\":\"2026-01-05\","
	                                     "\"n\":3660}"));
#undef BASE
}

/* A date must be a real day in YYYY-MM-DD. */
static void
test_args_dates(void **state)
{
	cJSON *own;

	(void) state;
	bad_text("list", "{\"from\":\"2026-02-30\"}",
	    "field 'from' (受理日期起): '2026-02-30' is not a date "
	    "(YYYY-MM-DD, a real day)");
	bad_text("list", "{\"to\":\"2026-13-01\"}",
	    "field 'to' (受理日期止): '2026-13-01' is not a date (YYYY-MM-DD, "
	    "a real day)");
	bad_text("list", "{\"due_before\":\"2026-9-3\"}",
	    "field 'due_before' (期限早于): '2026-9-3' is not a date "
	    "(YYYY-MM-DD, a real day)");
	bad_text("report", "{\"date\":\"2025-02-29\"}",
	    "field 'date' (日期): '2025-02-29' is not a date (YYYY-MM-DD, a "
	    "real day)");
	bad_text("calendar.days",
	    "{\"from\":\"tomorrow\",\"to\":\"2026-10-08\"}",
	    "field 'from' (起始日): 'tomorrow' is not a date (YYYY-MM-DD, a "
	    "real day)");
	own = ok_text("report", "{\"date\":\"2024-02-29\"}");
	assert_string_equal(
	    cJSON_GetObjectItem(own, "date")->valuestring, "2024-02-29");
	cJSON_Delete(own);
	/* a blank optional date is not given */
	own = ok_text("list", "{\"from\":\"  \",\"to\":\"2026-02-28\"}");
	assert_false(cJSON_HasObjectItem(own, "from"));
	assert_true(cJSON_HasObjectItem(own, "to"));
	cJSON_Delete(own);
	/* a blank required date is blank, not a bad date */
	bad_text("calendar.days", "{\"from\":\" \",\"to\":\"2026-10-08\"}",
	    "field 'from' (起始日) is blank");
}

/* Length in bytes: 200 for one line, 4000 for free text, or the field's
 * own max. */
static void
test_args_lengths(void **state)
{
	char *s;
	char err[1024];
	cJSON *args, *own;

	(void) state;
	/* STR: 200 bytes */
	s = repeat("a", 200);
	args = parse("{\"content\":\"x\"}");
	cJSON_AddStringToObject(args, "source", s);
	cJSON_Delete(accepted("intake", args));
	cJSON_Delete(args);
	free(s);
	s = repeat("a", 201);
	args = parse("{\"content\":\"x\"}");
	cJSON_AddStringToObject(args, "source", s);
	refused("intake", args, err, sizeof err);
	assert_string_equal(
	    err, "field 'source' (诉求来源) is too long (max 200 bytes)");
	cJSON_Delete(args);
	free(s);
	/* bytes, not characters: 67 汉字 are 201 bytes */
	s = repeat("张", 67);
	args = parse("{\"source\":\"window\",\"content\":\"x\"}");
	cJSON_AddStringToObject(args, "name", s);
	refused("intake", args, err, sizeof err);
	assert_string_equal(
	    err, "field 'name' (姓名或单位名称) is too long (max 200 bytes)");
	cJSON_Delete(args);
	free(s);
	s = repeat("张", 66);
	args = parse("{\"source\":\"window\",\"content\":\"x\"}");
	cJSON_AddStringToObject(args, "name", s);
	cJSON_Delete(accepted("intake", args));
	cJSON_Delete(args);
	free(s);
	/* TEXT: 4000 bytes */
	s = repeat("b", 4000);
	args = parse("{\"source\":\"window\"}");
	cJSON_AddStringToObject(args, "content", s);
	own = accepted("intake", args);
	assert_int_equal(
	    strlen(cJSON_GetObjectItem(own, "content")->valuestring), 4000);
	cJSON_Delete(own);
	cJSON_Delete(args);
	free(s);
	s = repeat("b", 4001);
	args = parse("{\"source\":\"window\"}");
	cJSON_AddStringToObject(args, "content", s);
	refused("intake", args, err, sizeof err);
	assert_string_equal(
	    err, "field 'content' (诉求主要内容) is too long (max 4000 bytes)");
	cJSON_Delete(args);
	free(s);
	/* a field's own max: more than 200 (a path) ... */
	s = repeat("p", 4096);
	args = cJSON_CreateObject();
	cJSON_AddStringToObject(args, "file", s);
	cJSON_Delete(accepted("hotline.import", args));
	cJSON_Delete(args);
	free(s);
	s = repeat("p", 4097);
	args = cJSON_CreateObject();
	cJSON_AddStringToObject(args, "file", s);
	refused("hotline.import", args, err, sizeof err);
	assert_string_equal(
	    err, "field 'file' (交办单文件) is too long (max 4096 bytes)");
	cJSON_Delete(args);
	free(s);
	/* ... or 1000 for a search text */
	s = repeat("q", 1000);
	args = cJSON_CreateObject();
	cJSON_AddStringToObject(args, "text", s);
	cJSON_Delete(accepted("case.search", args));
	cJSON_Delete(args);
	free(s);
	s = repeat("q", 1001);
	args = cJSON_CreateObject();
	cJSON_AddStringToObject(args, "text", s);
	refused("case.search", args, err, sizeof err);
	assert_string_equal(
	    err, "field 'text' (检索词) is too long (max 1000 bytes)");
	cJSON_Delete(args);
	free(s);
}

/* Required fields not given are listed together, in the table's order. */
static void
test_args_missing(void **state)
{
	char err[1024];

	(void) state;
	bad_text("reply", "{}",
	    "missing fields 'id' (诉求编号), 'kind' (答复类型), 'result' "
	    "(办理情况)");
	bad_text("reply", "{\"kind\":\"done\"}",
	    "missing fields 'id' (诉求编号), 'result' (办理情况)");
	bad_text("reply", "{\"id\":\"HD-1\",\"result\":\"已办\"}",
	    "missing field 'kind' (答复类型)");
	bad_text("extend", "{\"id\":\"HD-1\"}",
	    "missing fields 'days' (延期工作日), 'approver' (批准人), 'reason' "
	    "(延期理由)");
	/* a required BOOL given false is given */
	cJSON_Delete(ok_text("qc", "{\"id\":\"HD-1\",\"pass\":false}"));
	bad_text(
	    "qc", "{\"id\":\"HD-1\"}", "missing field 'pass' (质检是否通过)");
	/* no args at all: as an empty object */
	refused("intake", NULL, err, sizeof err);
	assert_string_equal(err,
	    "missing fields 'source' (诉求来源), 'content' (诉求主要内容)");
	/* a command without required fields takes none */
	{
		cJSON *own = accepted("list", NULL);

		assert_int_equal(cJSON_GetArraySize(own), 0);
		cJSON_Delete(own);
	}
}

/* A required text made only of blanks (spaces, tabs, line breaks, the
 * full-width space U+3000) is blank; an optional one is dropped. */
static void
test_args_blank(void **state)
{
	cJSON *own;

	(void) state;
	bad_text("intake", "{\"source\":\"   \",\"content\":\"x\"}",
	    "field 'source' (诉求来源) is blank");
	bad_text("intake", "{\"source\":\"\",\"content\":\"x\"}",
	    "field 'source' (诉求来源) is blank");
	bad_text("intake", "{\"source\":\"window\",\"content\":\"\\t\\n \"}",
	    "field 'content' (诉求主要内容) is blank");
	bad_text("intake",
	    "{\"source\":\"window\",\"content\":\"\u3000\u3000\"}",
	    "field 'content' (诉求主要内容) is blank");
	/* no-break, em and zero-width no-break spaces too */
	bad_text("intake",
	    "{\"source\":\"\u00a0\u2003\ufeff\",\"content\":\"x\"}",
	    "field 'source' (诉求来源) is blank");
	bad_text("contact", "{\"id\":\"HD-1\",\"note\":\" \u3000\\t\"}",
	    "field 'note' (联系情况) is blank");
	bad_text("reply",
	    "{\"id\":\"  \",\"kind\":\"\\t\",\"result\":\"\u3000\"}",
	    "field 'id' (诉求编号) is blank; field 'kind' (答复类型) is blank; "
	    "field 'result' (办理情况) is blank");
	/* optional blanks are not given; the rest is kept as it came,
	 * blanks around a text included */
	own = ok_text("intake",
	    "{\"source\":\"window\",\"content\":\" 态度差 \",\"name\":\" \","
	    "\"address\":\"\u3000\",\"staff\":\"\",\"phone\":\"\\t\","
	    "\"hotline_no\":\"\\r\\n\",\"anonymous\":true}");
	assert_int_equal(cJSON_GetArraySize(own), 3);
	assert_string_equal(
	    cJSON_GetObjectItem(own, "source")->valuestring, "window");
	assert_string_equal(
	    cJSON_GetObjectItem(own, "content")->valuestring, " 态度差 ");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(own, "anonymous")));
	assert_false(cJSON_HasObjectItem(own, "name"));
	assert_false(cJSON_HasObjectItem(own, "address"));
	assert_false(cJSON_HasObjectItem(own, "staff"));
	assert_false(cJSON_HasObjectItem(own, "phone"));
	assert_false(cJSON_HasObjectItem(own, "hotline_no"));
	cJSON_Delete(own);
	own = ok_text("close", "{\"id\":\"HD-1\",\"note\":\"\u3000 \"}");
	assert_int_equal(cJSON_GetArraySize(own), 1);
	assert_false(cJSON_HasObjectItem(own, "note"));
	cJSON_Delete(own);
}

/* A good request is copied to *own unchanged, every type included. */
/* Texts are UTF-8: one line for a text field (no control character), lines
 * and tabs for free text; a list holds one-line texts; a key given twice is
 * refused; a message cut to its buffer stays UTF-8. */
static void
test_args_text_rules(void **state)
{
	char msg[16];
	cJSON *own;

	(void) state;
	bad_text("intake",
	    "{\"source\":\"win\\ndow\",\"content\":\"x\",\"anonymous\":true}",
	    "field 'source' (诉求来源) is not UTF-8 text on one line (a "
	    "control character or a broken byte)");
	bad_text("intake",
	    "{\"source\":\"window\",\"name\":\"a\\u0007b\","
	    "\"phone\":\"13800000000\",\"content\":\"x\"}",
	    "field 'name' (姓名或单位名称) is not UTF-8 text on one line (a "
	    "control character or a broken byte)");
	bad_text("intake",
	    "{\"source\":\"window\",\"anonymous\":true,"
	    "\"content\":\"a\xFFz\"}",
	    "field 'content' (诉求主要内容) is not UTF-8 text on its lines (a "
	    "control character or a broken byte)");
	own = ok_text("intake", "{\"source\":\"window\",\"anonymous\":true,"
	                        "\"content\":\"第一行\\n\\t第二行\"}");
	cJSON_Delete(own);
	bad_text("assign", "{\"id\":\"HD-1\",\"lead\":\"RSJ\",\"co\":[7]}",
	    "field 'co' (协办单位) must be a list of texts");
	bad_text("assign",
	    "{\"id\":\"HD-1\",\"lead\":\"RSJ\",\"co\":[\"a\\nb\"]}",
	    "field 'co' (协办单位) is not UTF-8 text on one line (a control "
	    "character or a broken byte)");
	bad_text("batch", "{\"requests\":[\"intake\"]}",
	    "field 'requests' (请求) must be a list of objects");
	bad_text("close", "{\"id\":\"HD-1\",\"id\":\"HD-2\"}",
	    "field 'id' (诉求编号) is given twice");
	/* a message cut inside 诉 loses the whole character */
	strcpy(msg, "ab\xE8\xAF");
	yousu_text_cut_whole(msg);
	assert_string_equal(msg, "ab");
	strcpy(msg, "ab诉");
	yousu_text_cut_whole(msg);
	assert_string_equal(msg, "ab诉");
}

static void
test_args_valid(void **state)
{
	static const char text[] =
	    "{\"source\":\"hotline\",\"name\":\"张三\",\"is_org\":false,"
	    "\"phone\":\"13800000000\",\"address\":\"槐店镇\","
	    "\"content\":\"窗口推诿\\n第二行\",\"contact_within_hours\":24,"
	    "\"anonymous\":false,\"hotline_no\":\"ZK-1\","
	    "\"time_limit_days\":5,\"co_units\":[\"甲局\",\"乙局\"]}";
	cJSON *args = parse(text), *own;

	(void) state;
	own = accepted("intake", args);
	assert_true(cJSON_Compare(own, args, true));
	/* a copy: the request can go */
	cJSON_Delete(args);
	args = parse(text);
	assert_true(cJSON_Compare(own, args, true));
	cJSON_Delete(args);
	cJSON_Delete(own);
	own = ok_text("list",
	    "{\"overdue\":true,\"due_before\":\"2026-10-01\",\"limit\":10}");
	args = parse(
	    "{\"overdue\":true,\"due_before\":\"2026-10-01\",\"limit\":10}");
	assert_true(cJSON_Compare(own, args, true));
	cJSON_Delete(args);
	cJSON_Delete(own);
	own = ok_text("ping", "{}");
	assert_int_equal(cJSON_GetArraySize(own), 0);
	cJSON_Delete(own);
}

/* Args that are not an object are refused as a whole. */
static void
test_args_not_object(void **state)
{
	static const char *const texts[] = {
	    "[]", "[{\"source\":\"window\"}]", "\"x\"", "1", "true", "null"};
	cJSON *args;
	char err[256];

	(void) state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		args = parse(texts[i]);
		refused("intake", args, err, sizeof err);
		assert_string_equal(err, "fields must be a JSON object");
		cJSON_Delete(args);
	}
}

/* Every problem of one request, in one message, in the request's order,
 * the missing fields last. */
static void
test_args_all_at_once(void **state)
{
	char *long_name = repeat("a", 201), err[1024];
	cJSON *args;

	(void) state;
	args = parse("{\"sourse\":\"window\",\"is_org\":\"yes\","
	             "\"contact_within_hours\":0,\"content\":\"\u3000\","
	             "\"co_units\":\"甲\",\"time_limit_days\":2.5,"
	             "\"zzzzzzzz\":null}");
	cJSON_AddStringToObject(args, "name", long_name);
	refused("intake", args, err, sizeof err);
	assert_string_equal(err,
	    "unknown field 'sourse': did you mean 'source'?; "
	    "field 'is_org' (反映人为单位) must be true/false; "
	    "field 'contact_within_hours' (N小时内联系来电人): 0 is not a "
	    "number of hours in 1..720; "
	    "field 'content' (诉求主要内容) is blank; "
	    "field 'co_units' (协办单位（12345交办单）) must be a list of "
	    "texts; "
	    "field 'time_limit_days' (办理时限（12345交办单）) must be a "
	    "whole number; "
	    "unknown field 'zzzzzzzz'; "
	    "field 'name' (姓名或单位名称) is too long (max 200 bytes); "
	    "missing field 'source' (诉求来源)");
	cJSON_Delete(args);
	free(long_name);
	/* a request on a ledger, with its client field */
	bad_text("ledger",
	    "{\"format\":\"csv\",\"overdue\":1,\"from\":\"2026-02-30\","
	    "\"limit\":-5}",
	    "unknown field 'format'; field 'overdue' (已超期) must be "
	    "true/false; field 'from' (受理日期起): '2026-02-30' is not a "
	    "date (YYYY-MM-DD, a real day); field 'limit' (条数): -5 is not "
	    "a count in 0..1000000000");
}

/* The message is cut to err's size, never past it; many problems do not
 * overrun the checker's own buffer. */
static void
test_args_message_bounds(void **state)
{
	char err[16], big[1024], key[64];
	cJSON *args;

	(void) state;
	memset(err, 'x', sizeof err);
	args = parse("{}");
	refused("reply", args, err, sizeof err);
	assert_non_null(memchr(err, '\0', sizeof err));
	assert_int_equal(strlen(err), sizeof err - 1);
	assert_memory_equal(err, "missing fields ", 15);
	cJSON_Delete(args);
	args = cJSON_CreateObject();
	for (int i = 0; i < 200; i++) {
		snprintf(key, sizeof key, "unknown_field_number_%03d", i);
		cJSON_AddNumberToObject(args, key, i);
	}
	refused("intake", args, big, sizeof big);
	assert_true(strlen(big) < sizeof big);
	assert_memory_equal(big, "unknown field 'unknown_field_number_000'",
	    strlen("unknown field 'unknown_field_number_000'"));
	cJSON_Delete(args);
}

/* --- the table ---------------------------------------------------------- */

/* Every command: a unique name and words, a Chinese label, a summary,
 * somewhere to run, someone to run it; a workflow step changes and works
 * on a complaint given by its id. */
static void
test_table_commands(void **state)
{
	char words[64], other[64];
	size_t n = count_commands();

	(void) state;
	assert_true(n >= 40);
	for (size_t i = 0; i < n; i++) {
		const yousu_command *c = &yousu_commands[i];
		const yousu_field *f;
		bool has_arg = false;

		assert_non_null(c->name);
		assert_true(c->name[0] != '\0');
		if (!chinese(c->label))
			fail_msg("%s: label '%s' is not Chinese", c->name,
			    c->label ? c->label : "(null)");
		if (c->summary == NULL || c->summary[0] == '\0')
			fail_msg("%s: no summary", c->name);
		assert_non_null(c->usage);
		assert_non_null(c->fields);
		yousu_command_words(c, words, sizeof words);
		for (size_t j = 0; j < i; j++) {
			if (strcmp(yousu_commands[j].name, c->name) == 0)
				fail_msg("command '%s' twice", c->name);
			yousu_command_words(
			    &yousu_commands[j], other, sizeof other);
			if (strcmp(words, other) == 0)
				fail_msg("'%s' and '%s' are both 'yousuctl "
				         "%s'",
				    yousu_commands[j].name, c->name, words);
		}
		if ((c->at & ~(unsigned) YOUSU_AT_ALL) != 0)
			fail_msg("%s: no such centre %#x", c->name, c->at);
		if (c->at == 0 && !(c->flags & YOUSU_C_CLIENT))
			fail_msg("%s runs nowhere", c->name);
		if ((c->flags & YOUSU_C_CLIENT) && c->at != 0)
			fail_msg("%s is yousuctl's own but runs at a centre",
			    c->name);
		if (c->roles == 0 || (c->roles >> YOUSU_ROLE_COUNT) != 0)
			fail_msg("%s: roles %#x", c->name, c->roles);
		if ((c->flags & YOUSU_C_WORKFLOW) &&
		    !(c->flags & YOUSU_C_CHANGES))
			fail_msg("step %s changes nothing", c->name);
		if ((c->flags & YOUSU_C_WORKFLOW) &&
		    (c->flags & YOUSU_C_CLIENT))
			fail_msg("step %s is yousuctl's own", c->name);
		if ((c->flags & YOUSU_C_WORKFLOW) &&
		    strcmp(c->name, "intake") != 0) {
			f = yousu_command_field(c, "id");
			if (f == NULL || f != &c->fields[0] ||
			    !(f->flags & YOUSU_F_ARG) ||
			    !(f->flags & YOUSU_F_REQUIRED) ||
			    f->type != YOUSU_T_STR)
				fail_msg("step %s: no required 'id' argument "
				         "first",
				    c->name);
		}
		for (f = c->fields; f->key; f++)
			has_arg |= (f->flags & YOUSU_F_ARG) != 0;
		/* yousuctl's usage line shows the arguments */
		if (has_arg != (c->usage[0] != '\0'))
			fail_msg("%s: usage '%s' but %s arguments", c->name,
			    c->usage, has_arg ? "has" : "no");
	}
	assert_null(yousu_commands[n].name);
	/* intake registers: no id yet */
	assert_null(yousu_command_field(cmd("intake"), "id"));
	assert_true(cmd("intake")->flags & YOUSU_C_WORKFLOW);
	assert_true(cmd("keygen")->flags & YOUSU_C_CLIENT);
}

/* Option name o of command c: not "help", not seen before. */
static void
opt_unique(
    const yousu_command *c, const char *o, const char **seen, size_t *nseen)
{
	if (o[0] == '\0')
		fail_msg("%s: an empty option", c->name);
	if (strcmp(o, "help") == 0)
		fail_msg("%s: option --help is yousuctl's", c->name);
	for (size_t i = 0; i < *nseen; i++)
		if (strcmp(seen[i], o) == 0)
			fail_msg("%s: option --%s twice", c->name, o);
	seen[(*nseen)++] = o;
}

/* One field of c, on its own. */
static void
field_sound(const yousu_command *c, const yousu_field *f)
{
	if (f->key[0] == '\0')
		fail_msg("%s: a field without a key", c->name);
	if (!chinese(f->label))
		fail_msg("%s.%s: label is not Chinese", c->name, f->key);
	if (f->help != NULL && f->help[0] == '\0')
		fail_msg("%s.%s: empty help", c->name, f->key);
	if ((unsigned) f->type > YOUSU_T_OBJECTS)
		fail_msg("%s.%s: no such type", c->name, f->key);
	if (f->type == YOUSU_T_INT) {
		if (f->min > f->max)
			fail_msg("%s.%s: min %d > max %d", c->name, f->key,
			    f->min, f->max);
		if (f->unit == NULL || f->unit[0] == '\0')
			fail_msg(
			    "%s.%s: a number without a unit", c->name, f->key);
	} else {
		if (f->unit != NULL || f->min != 0)
			fail_msg("%s.%s: a unit or min on a non-number",
			    c->name, f->key);
		/* a max on free text, a flag or a list would be ignored */
		if (f->max < 0 || (f->type != YOUSU_T_STR && f->max != 0))
			fail_msg("%s.%s: max %d is not used", c->name, f->key,
			    f->max);
	}
	if (f->opt_false != NULL && f->type != YOUSU_T_BOOL)
		fail_msg("%s.%s: opt_false on a non-flag", c->name, f->key);
	if ((f->flags & (YOUSU_F_REST | YOUSU_F_PATH)) &&
	    !(f->flags & YOUSU_F_ARG))
		fail_msg("%s.%s: REST or PATH on an option", c->name, f->key);
	if ((f->flags & YOUSU_F_PATH) && f->type != YOUSU_T_STR)
		fail_msg("%s.%s: a path is one line", c->name, f->key);
	/* the daemon refuses a client field: requiring it refuses all */
	if ((f->flags & YOUSU_F_CLIENT) && (f->flags & YOUSU_F_REQUIRED))
		fail_msg("%s.%s: required but never sent", c->name, f->key);
	/* a person is named, located or reached by text */
	if ((f->flags & YOUSU_F_PERSON) && f->type != YOUSU_T_STR &&
	    f->type != YOUSU_T_TEXT)
		fail_msg("%s.%s: personal but not a text", c->name, f->key);
}

/* Every field of every command: unique keys and labels, sound on its
 * own; arguments in a sensible order with at most one REST, last; the
 * yousuctl options unique and not --help. */
static void
test_table_fields(void **state)
{
	(void) state;
	for (const yousu_command *c = yousu_commands; c->name; c++) {
		const char *seen[64];
		char opts[64][64];
		size_t nseen = 0, nfields = 0;
		const yousu_field *rest = NULL, *f, *g;
		bool optional_arg = false;

		for (f = c->fields; f->key; f++, nfields++) {
			char o[64];

			assert_true(nfields < 64);
			field_sound(c, f);
			for (g = c->fields; g != f; g++) {
				if (strcmp(g->key, f->key) == 0)
					fail_msg("%s: field '%s' twice",
					    c->name, f->key);
				if (strcmp(g->label, f->label) == 0)
					fail_msg("%s: '%s' and '%s' are "
					         "both %s",
					    c->name, g->key, f->key, f->label);
			}
			yousu_command_opt(f, o, sizeof o);
			if (f->flags & YOUSU_F_ARG) {
				if (o[0] != '\0')
					fail_msg("%s.%s: an argument with "
					         "option --%s",
					    c->name, f->key, o);
				if (rest != NULL)
					fail_msg("%s: argument '%s' after "
					         "REST '%s'",
					    c->name, f->key, rest->key);
				if (f->flags & YOUSU_F_REST)
					rest = f;
				if ((f->flags & YOUSU_F_REQUIRED) &&
				    optional_arg)
					fail_msg("%s: required argument '%s' "
					         "after an optional one",
					    c->name, f->key);
				optional_arg |= !(f->flags & YOUSU_F_REQUIRED);
				continue;
			}
			if (o[0] == '\0')
				continue; /* filled by yousuctl (batch) */
			snprintf(opts[nseen], sizeof opts[nseen], "%s", o);
			opt_unique(c, opts[nseen], seen, &nseen);
			if (f->opt_false != NULL)
				opt_unique(c, f->opt_false, seen, &nseen);
		}
		/* the did-you-mean of yousu_command_args weighs 48 keys */
		assert_true(nfields < 48);
	}
}

/* The fields that name, locate or reach a person: the caller's. */
static void
test_table_personal(void **state)
{
	static const char *const intake_person[] = {"name", "phone", "address",
	    "org_contact", "duty_leader", "order_contact", "order_phone"};
	const yousu_command *intake = cmd("intake");

	(void) state;
	for (size_t i = 0; i < sizeof intake_person / sizeof intake_person[0];
	     i++) {
		const yousu_field *f =
		    yousu_command_field(intake, intake_person[i]);

		assert_non_null(f);
		if (!(f->flags & YOUSU_F_PERSON))
			fail_msg("intake.%s is not marked personal",
			    intake_person[i]);
	}
	assert_true(
	    yousu_command_field(cmd("visit"), "note")->flags & YOUSU_F_PERSON);
	assert_true(yousu_command_field(cmd("contact"), "note")->flags &
	            YOUSU_F_PERSON);
	assert_true(yousu_command_field(cmd("callback"), "note")->flags &
	            YOUSU_F_PERSON);
	/* and not what is about the matter */
	assert_false(
	    yousu_command_field(intake, "content")->flags & YOUSU_F_PERSON);
	assert_false(
	    yousu_command_field(intake, "source")->flags & YOUSU_F_PERSON);
}

/* The workflow's personal fields (yousu_wf_personal_field) are exactly
 * the personal fields of the schema's workflow commands, each once. */
static void
test_personal_agrees(void **state)
{
	const char *keys[128], *cmds[128], *key, *name;
	size_t n = 0, schema = 0;

	(void) state;
	while ((key = yousu_wf_personal_field(n, &name)) != NULL) {
		const yousu_command *c = yousu_command_find(name);
		const yousu_field *f;

		assert_true(n < 128);
		if (c == NULL || !(c->flags & YOUSU_C_WORKFLOW))
			fail_msg("%s is not a workflow command", name);
		f = yousu_command_field(c, key);
		if (f == NULL || !(f->flags & YOUSU_F_PERSON))
			fail_msg(
			    "%s.%s is not personal in the schema", name, key);
		for (size_t i = 0; i < n; i++)
			if (strcmp(cmds[i], name) == 0 &&
			    strcmp(keys[i], key) == 0)
				fail_msg("%s.%s twice", name, key);
		keys[n] = key;
		cmds[n++] = name;
	}
	for (const yousu_command *c = yousu_commands; c->name; c++) {
		if (!(c->flags & YOUSU_C_WORKFLOW))
			continue;
		for (const yousu_field *f = c->fields; f->key; f++) {
			bool found = false;

			if (!(f->flags & YOUSU_F_PERSON))
				continue;
			schema++;
			for (size_t i = 0; i < n && !found; i++)
				found = strcmp(cmds[i], c->name) == 0 &&
				        strcmp(keys[i], f->key) == 0;
			if (!found)
				fail_msg("%s.%s is personal but the workflow "
				         "does not say so",
				    c->name, f->key);
		}
	}
	assert_int_equal(n, schema);
	assert_true(n >= 10); /* intake's seven, three notes */
}

/* --- lookups ------------------------------------------------------------ */

static void
test_find(void **state)
{
	(void) state;
	for (const yousu_command *c = yousu_commands; c->name; c++)
		assert_ptr_equal(yousu_command_find(c->name), c);
	assert_ptr_equal(yousu_command_find("intake"), &yousu_commands[0]);
	assert_string_equal(cmd("case.propose")->label, "推荐指导案例");
	assert_string_equal(cmd("co_reply")->label, "协办答复");
	assert_null(yousu_command_find(NULL));
	assert_null(yousu_command_find(""));
	assert_null(yousu_command_find("Intake"));
	assert_null(yousu_command_find("intak"));
	assert_null(yousu_command_find("intakes"));
	assert_null(yousu_command_find("case propose"));
	assert_null(yousu_command_find("co-reply"));
}

static void
test_field(void **state)
{
	const yousu_command *c = cmd("intake");
	const yousu_field *f = yousu_command_field(c, "source");

	(void) state;
	assert_non_null(f);
	assert_string_equal(f->key, "source");
	assert_int_equal(f->type, YOUSU_T_STR);
	assert_true(f->flags & YOUSU_F_REQUIRED);
	assert_string_equal(f->label, "诉求来源");
	f = yousu_command_field(c, "contact_within_hours");
	assert_non_null(f);
	assert_int_equal(f->type, YOUSU_T_INT);
	assert_int_equal(f->min, 1);
	assert_int_equal(f->max, 720);
	assert_null(yousu_command_field(c, "sourse"));
	assert_null(yousu_command_field(c, "Source"));
	assert_null(yousu_command_field(c, ""));
	assert_null(yousu_command_field(cmd("ping"), "id"));
	assert_ptr_equal(
	    yousu_command_field(cmd("qc"), "id"), &cmd("qc")->fields[0]);
}

static void
test_words(void **state)
{
	char buf[64];

	(void) state;
	yousu_command_words(cmd("case.propose"), buf, sizeof buf);
	assert_string_equal(buf, "case propose");
	yousu_command_words(cmd("co_reply"), buf, sizeof buf);
	assert_string_equal(buf, "co-reply");
	yousu_command_words(cmd("extend_request"), buf, sizeof buf);
	assert_string_equal(buf, "extend-request");
	yousu_command_words(cmd("hotline.handover"), buf, sizeof buf);
	assert_string_equal(buf, "hotline handover");
	yousu_command_words(cmd("intake"), buf, sizeof buf);
	assert_string_equal(buf, "intake");
	/* cut to the buffer */
	memset(buf, 'x', sizeof buf);
	yousu_command_words(cmd("case.propose"), buf, 6);
	assert_string_equal(buf, "case ");
	assert_int_equal(buf[6], 'x');
}

static void
test_opt(void **state)
{
	char buf[64];

	(void) state;
	yousu_command_opt(
	    yousu_command_field(cmd("intake"), "is_org"), buf, sizeof buf);
	assert_string_equal(buf, "org");
	yousu_command_opt(
	    yousu_command_field(cmd("intake"), "duty_leader"), buf, sizeof buf);
	assert_string_equal(buf, "duty-leader");
	yousu_command_opt(
	    yousu_command_field(cmd("intake"), "contact_within_hours"), buf,
	    sizeof buf);
	assert_string_equal(buf, "contact-within");
	yousu_command_opt(
	    yousu_command_field(cmd("intake"), "source"), buf, sizeof buf);
	assert_string_equal(buf, "source");
	yousu_command_opt(
	    yousu_command_field(cmd("list"), "due_before"), buf, sizeof buf);
	assert_string_equal(buf, "due-before");
	yousu_command_opt(
	    yousu_command_field(cmd("list"), "origin"), buf, sizeof buf);
	assert_string_equal(buf, "township");
	/* an argument has none */
	memset(buf, 'x', sizeof buf);
	yousu_command_opt(
	    yousu_command_field(cmd("reply"), "id"), buf, sizeof buf);
	assert_string_equal(buf, "");
	yousu_command_opt(
	    yousu_command_field(cmd("qc"), "pass"), buf, sizeof buf);
	assert_string_equal(buf, "pass");
	assert_string_equal(
	    yousu_command_field(cmd("qc"), "pass")->opt_false, "fail");
	/* cut to the buffer */
	yousu_command_opt(
	    yousu_command_field(cmd("intake"), "order_phone"), buf, 6);
	assert_string_equal(buf, "order");
}

static void
test_roles(void **state)
{
	static const struct {
		unsigned bit;
		const char *code, *name;
	} roles[] = {
	    {YOUSU_ROLE_WINDOW, "window", "窗口"},
	    {YOUSU_ROLE_SUPERVISION, "supervision", "督办"},
	    {YOUSU_ROLE_DUTY, "duty", "带班领导"},
	    {YOUSU_ROLE_DEPT, "dept", "部门"},
	    {YOUSU_ROLE_VISIT, "visit", "回访"},
	    {YOUSU_ROLE_LEADER, "leader", "领导"},
	    {YOUSU_ROLE_STATS, "stats", "统计"},
	    {YOUSU_ROLE_ADMIN, "admin", "管理员"},
	};

	(void) state;
	assert_int_equal(sizeof roles / sizeof roles[0], YOUSU_ROLE_COUNT);
	for (size_t i = 0; i < YOUSU_ROLE_COUNT; i++) {
		assert_int_equal(roles[i].bit, 1u << i);
		assert_string_equal(
		    yousu_command_role_code(roles[i].bit), roles[i].code);
		assert_string_equal(
		    yousu_command_role_name(roles[i].bit), roles[i].name);
	}
	assert_null(yousu_command_role_name(0));
	assert_null(yousu_command_role_code(0));
	assert_null(yousu_command_role_name(1u << YOUSU_ROLE_COUNT));
	assert_null(yousu_command_role_code(1u << YOUSU_ROLE_COUNT));
	assert_null(yousu_command_role_name(
	    YOUSU_ROLE_WINDOW | YOUSU_ROLE_SUPERVISION));
	assert_null(yousu_command_role_code(3));
	assert_null(yousu_command_role_code(~0u));
}

/* --- the schema as JSON ------------------------------------------------- */

static bool
jbool(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsBool(v))
		fail_msg("'%s' is not true/false", key);
	return cJSON_IsTrue(v);
}

static const char *
jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v))
		fail_msg("'%s' is not a string", key);
	return v->valuestring;
}

static int
jint(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v))
		fail_msg("'%s' is not a number", key);
	return v->valueint;
}

/* The strings of array a, joined by ','. */
static void
joined(const cJSON *a, char *buf, size_t len)
{
	const cJSON *v;
	size_t off = 0;

	assert_true(cJSON_IsArray(a));
	buf[0] = '\0';
	cJSON_ArrayForEach (v, a) {
		assert_true(cJSON_IsString(v));
		off += (size_t) snprintf(buf + off, len - off, "%s%s",
		    off ? "," : "", v->valuestring);
		assert_true(off < len);
	}
}

/* A command's entry agrees with its row of the table. */
static void
entry_agrees(const yousu_command *c, const cJSON *e)
{
	static const char *const at[] = {"node", "hub", "bridge"};
	char words[64], want[256], got[256];
	const cJSON *fs = cJSON_GetObjectItemCaseSensitive(e, "fields"), *fj;
	const yousu_field *f = c->fields;
	size_t off = 0;

	assert_string_equal(jstr(e, "name"), c->name);
	yousu_command_words(c, words, sizeof words);
	assert_string_equal(jstr(e, "words"), words);
	assert_string_equal(jstr(e, "label"), c->label);
	assert_string_equal(jstr(e, "summary"), c->summary);
	assert_string_equal(jstr(e, "usage"), c->usage);
	want[0] = '\0';
	for (int i = 0; i < 3; i++)
		if (c->at & (1u << i))
			off += (size_t) snprintf(want + off, sizeof want - off,
			    "%s%s", off ? "," : "", at[i]);
	joined(cJSON_GetObjectItemCaseSensitive(e, "at"), got, sizeof got);
	assert_string_equal(got, want);
	off = 0;
	want[0] = '\0';
	for (unsigned i = 0; i < YOUSU_ROLE_COUNT; i++)
		if (c->roles & (1u << i))
			off += (size_t) snprintf(want + off, sizeof want - off,
			    "%s%s", off ? "," : "",
			    yousu_command_role_code(1u << i));
	joined(cJSON_GetObjectItemCaseSensitive(e, "roles"), got, sizeof got);
	assert_string_equal(got, want);
	assert_int_equal(jbool(e, "changes"), !!(c->flags & YOUSU_C_CHANGES));
	assert_int_equal(jbool(e, "workflow"), !!(c->flags & YOUSU_C_WORKFLOW));
	assert_int_equal(jbool(e, "client"), !!(c->flags & YOUSU_C_CLIENT));
	assert_true(cJSON_IsArray(fs));
	cJSON_ArrayForEach (fj, fs) {
		assert_non_null(f->key);
		assert_string_equal(jstr(fj, "key"), f->key);
		assert_string_equal(jstr(fj, "label"), f->label);
		assert_int_equal(
		    jbool(fj, "required"), !!(f->flags & YOUSU_F_REQUIRED));
		assert_int_equal(
		    jbool(fj, "personal"), !!(f->flags & YOUSU_F_PERSON));
		assert_int_equal(
		    jbool(fj, "argument"), !!(f->flags & YOUSU_F_ARG));
		assert_int_equal(
		    jbool(fj, "client"), !!(f->flags & YOUSU_F_CLIENT));
		if (f->type == YOUSU_T_INT) {
			assert_int_equal(jint(fj, "min"), f->min);
			assert_int_equal(jint(fj, "max"), f->max);
		}
		f++;
	}
	assert_null(f->key);
}

/* The field key of entry e in JSON. */
static const cJSON *
jfield(const cJSON *e, const char *key)
{
	const cJSON *fj;

	cJSON_ArrayForEach (fj, cJSON_GetObjectItemCaseSensitive(e, "fields")) {
		if (strcmp(jstr(fj, "key"), key) == 0)
			return fj;
	}
	fail_msg("no field '%s'", key);
	return NULL;
}

static void
test_json(void **state)
{
	cJSON *schema = yousu_commands_json(), *all, *e;
	char *text;
	const cJSON *f;
	size_t i = 0;

	(void) state;
	assert_non_null(schema);
	text = cJSON_PrintUnformatted(schema);
	assert_non_null(text);
	cJSON_Delete(schema);
	/* valid JSON: it reads back */
	all = cJSON_Parse(text);
	free(text);
	assert_non_null(all);
	assert_true(cJSON_IsArray(all));
	assert_int_equal(cJSON_GetArraySize(all), count_commands());
	cJSON_ArrayForEach (e, all)
		entry_agrees(&yousu_commands[i++], e);
	/* intake */
	e = cJSON_GetArrayItem(all, 0);
	assert_string_equal(jstr(e, "name"), "intake");
	assert_string_equal(jstr(e, "label"), "受理登记");
	assert_true(jbool(e, "workflow"));
	f = jfield(e, "source");
	assert_string_equal(jstr(f, "type"), "string");
	assert_true(jbool(f, "required"));
	assert_false(jbool(f, "personal"));
	assert_false(jbool(f, "argument"));
	assert_string_equal(jstr(f, "label"), "诉求来源");
	assert_int_equal(jint(f, "max_bytes"), 200);
	assert_string_equal(jstr(f, "option"), "source");
	f = jfield(e, "name");
	assert_true(jbool(f, "personal"));
	assert_false(jbool(f, "required"));
	f = jfield(e, "content");
	assert_string_equal(jstr(f, "type"), "text");
	assert_int_equal(jint(f, "max_bytes"), 4000);
	f = jfield(e, "contact_within_hours");
	assert_string_equal(jstr(f, "type"), "integer");
	assert_int_equal(jint(f, "min"), 1);
	assert_int_equal(jint(f, "max"), 720);
	assert_string_equal(jstr(f, "option"), "contact-within");
	assert_null(cJSON_GetObjectItemCaseSensitive(f, "max_bytes"));
	f = jfield(e, "is_org");
	assert_string_equal(jstr(f, "type"), "boolean");
	assert_string_equal(jstr(f, "option"), "org");
	f = jfield(e, "co_units");
	assert_string_equal(jstr(f, "type"), "list");
	/* a step: its id is an argument without an option */
	for (e = all->child; e && strcmp(jstr(e, "name"), "qc"); e = e->next)
		;
	assert_non_null(e);
	f = jfield(e, "id");
	assert_true(jbool(f, "argument"));
	assert_null(cJSON_GetObjectItemCaseSensitive(f, "option"));
	f = jfield(e, "pass");
	assert_string_equal(jstr(f, "option_false"), "fail");
	/* dates, paths, client fields, yousuctl's own command */
	for (e = all->child; e && strcmp(jstr(e, "name"), "list"); e = e->next)
		;
	assert_non_null(e);
	assert_string_equal(jstr(jfield(e, "from"), "type"), "date");
	for (e = all->child; e && strcmp(jstr(e, "name"), "hotline.import");
	     e = e->next)
		;
	assert_non_null(e);
	assert_int_equal(jint(jfield(e, "file"), "max_bytes"), 4096);
	for (e = all->child; e && strcmp(jstr(e, "name"), "ledger");
	     e = e->next)
		;
	assert_non_null(e);
	assert_true(jbool(jfield(e, "format"), "client"));
	for (e = all->child; e && strcmp(jstr(e, "name"), "keygen");
	     e = e->next)
		;
	assert_non_null(e);
	assert_true(jbool(e, "client"));
	assert_int_equal(
	    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "at")), 0);
	cJSON_Delete(all);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_args_unknown),
	    cmocka_unit_test(test_args_client_fields),
	    cmocka_unit_test(test_args_types),
	    cmocka_unit_test(test_args_range),
	    cmocka_unit_test(test_args_dates),
	    cmocka_unit_test(test_args_lengths),
	    cmocka_unit_test(test_args_missing),
	    cmocka_unit_test(test_args_blank),
	    cmocka_unit_test(test_args_text_rules),
	    cmocka_unit_test(test_args_valid),
	    cmocka_unit_test(test_args_not_object),
	    cmocka_unit_test(test_args_all_at_once),
	    cmocka_unit_test(test_args_message_bounds),
	    cmocka_unit_test(test_table_commands),
	    cmocka_unit_test(test_table_fields),
	    cmocka_unit_test(test_table_personal),
	    cmocka_unit_test(test_personal_agrees),
	    cmocka_unit_test(test_find),
	    cmocka_unit_test(test_field),
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_opt),
	    cmocka_unit_test(test_roles),
	    cmocka_unit_test(test_json),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
