/* yousu — unit tests for field validation in yousu_wf_exec: every bad
 * input gets a message naming the field, and nothing is stored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define CALLER "\"name\":\"张三\",\"phone\":\"13800000000\""

/* An intake that must be refused: INVAL, msg contains want, the store
 * still holds no complaint. */
static void
bad_intake(tu_env *e, const char *args, const char *want)
{
	const char *msg = tu_refused(e, YOUSU_INVAL, "intake", "%s", args);

	tu_has(msg, "intake: ");
	tu_has(msg, want);
	assert_int_equal(tu_count(e), 0);
}

static void
good_intake(tu_env *e, const char *args)
{
	cJSON_Delete(tu_ok(e, "intake", "%s", args));
}

static void
test_content(void **state)
{
	tu_env *e = *state;

	bad_intake(e, "{\"source\":\"window\"," CALLER "}",
	    "missing field 'content' (诉求主要内容)");
	bad_intake(e, "{\"source\":\"window\"," CALLER ",\"content\":\" \t\"}",
	    "field 'content' (诉求主要内容) is blank");
	/* full-width (全角) spaces and line breaks are blanks too */
	bad_intake(e,
	    "{\"source\":\"window\"," CALLER
	    ",\"content\":\"\u3000\\r\\n\u00a0\"}",
	    "field 'content' (诉求主要内容) is blank");
	bad_intake(e, "{\"source\":\"window\"," CALLER ",\"content\":42}",
	    "field 'content' (诉求主要内容) must be text");
}

static void
test_caller(void **state)
{
	tu_env *e = *state;

	bad_intake(e,
	    "{\"source\":\"window\",\"name\":\"张三\",\"content\":\"x\"}",
	    "missing field 'phone' (needed unless the caller is anonymous)");
	bad_intake(e,
	    "{\"source\":\"window\",\"phone\":\"13800000000\","
	    "\"content\":\"x\"}",
	    "missing field 'name'");
	bad_intake(e,
	    "{\"source\":\"window\",\"name\":\"张三\",\"anonymous\":false,"
	    "\"content\":\"x\"}",
	    "missing field 'phone'");
	bad_intake(e,
	    "{\"source\":\"window\"," CALLER ",\"org_contact\":\"王经理\","
	    "\"content\":\"x\"}",
	    "org_contact (单位联系人) applies to organisations only");
	/* the 12345 form's hours to reach the caller: 1..720 */
	bad_intake(e,
	    "{\"source\":\"hotline\"," CALLER ",\"contact_within_hours\":0,"
	    "\"content\":\"x\"}",
	    "field 'contact_within_hours' (N小时内联系来电人): 0 is not a "
	    "number of hours in 1..720");
	bad_intake(e,
	    "{\"source\":\"hotline\"," CALLER ",\"contact_within_hours\":-5,"
	    "\"content\":\"x\"}",
	    "field 'contact_within_hours' (N小时内联系来电人): -5 is not a "
	    "number of hours in 1..720");
	good_intake(e,
	    "{\"source\":\"hotline\"," CALLER ",\"contact_within_hours\":2,"
	    "\"content\":\"x\"}");
	/* an anonymous caller needs neither */
	good_intake(
	    e, "{\"source\":\"hotline\",\"anonymous\":true,\"content\":\"x\"}");
	good_intake(e,
	    "{\"source\":\"window\",\"name\":\"某公司\",\"is_org\":true,"
	    "\"org_contact\":\"王经理\",\"phone\":\"0394-5123456\","
	    "\"content\":\"x\"}");
	assert_int_equal(tu_count(e), 3); /* with the 2-hour hotline one */
}

/* Every problem of a request is said at once; a mistyped field gets
 * what was probably meant; a blank text that a reply needs is missing. */
static void
test_all_at_once(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *d;

	bad_intake(e, "{\"source\":\"window\",\"content\":\"x\"}",
	    "missing fields 'name' and 'phone' (needed unless the caller is "
	    "anonymous)");
	bad_intake(e, "{\"sourse\":\"window\",\"nmae\":\"张三\"}",
	    "unknown field 'sourse': did you mean 'source'?; unknown field "
	    "'nmae': did you mean 'name'?; missing fields 'source' (诉求来源), "
	    "'content' (诉求主要内容)");
	bad_intake(e,
	    "{\"source\":\"window\"," CALLER ",\"content\":7,"
	    "\"colour\":1}",
	    "field 'content' (诉求主要内容) must be text; unknown field "
	    "'colour'");
	/* reply --kind cannot --basis "  ": the basis is missing */
	tu_intake(e, id);
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", id));
	cJSON_Delete(
	    tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", id));
	tu_has(tu_refused(e, YOUSU_INVAL, "reply",
	           "{\"id\":\"%s\",\"kind\":\"cannot\",\"result\":\"不能办\","
	           "\"reason\":\"无此职能\",\"basis\":\"  \"}",
	           id),
	    "a 'cannot' reply (否定答复) needs its legal or policy basis "
	    "(basis)");
	tu_has(tu_refused(e, YOUSU_INVAL, "reply",
	           "{\"id\":\"%s\",\"kind\":\"cannot\",\"result\":\"不能办\","
	           "\"reason\":\"\u3000\",\"basis\":\"《条例》\"}",
	           id),
	    "needs the reason why it cannot be done (reason)");
	tu_has(tu_refused(e, YOUSU_INVAL, "redo",
	           "{\"id\":\"%s\",\"reason\":\" \\n \"}", id),
	    "redo: field 'reason' (退回理由) is blank");
	d = tu_doc(e, id);
	assert_string_equal(tu_jstr(d, "status"), "assigned");
	cJSON_Delete(d);
}

static void
test_phone(void **state)
{
	static const char *const bad[] = {"abc123", "1234", "138-0000-000x",
	    "13800000000;DROP", "123456789012345678901", NULL};
	static const char *const ok[] = {"13800000000", "0394-5123456",
	    "+86 138 0000 0000", "(0394) 5123456", "12345", NULL};
	tu_env *e = *state;
	char args[256], want[128];

	for (const char *const *p = bad; *p; p++) {
		snprintf(args, sizeof(args),
		    "{\"source\":\"window\",\"name\":\"张三\",\"phone\":\"%s\","
		    "\"content\":\"x\"}",
		    *p);
		snprintf(want, sizeof(want),
		    "phone '%s' is not a telephone number", *p);
		bad_intake(e, args, want);
	}
	/* an anonymous caller who gives a number gives a real one */
	bad_intake(e,
	    "{\"source\":\"window\",\"anonymous\":true,\"phone\":\"abc\","
	    "\"content\":\"x\"}",
	    "phone 'abc'");
	for (const char *const *p = ok; *p; p++) {
		snprintf(args, sizeof(args),
		    "{\"source\":\"window\",\"name\":\"张三\",\"phone\":\"%s\","
		    "\"content\":\"x\"}",
		    *p);
		good_intake(e, args);
	}
}

static void
test_source(void **state)
{
	tu_env *e = *state;
	cJSON *d;

	bad_intake(e, "{\"source\":\"fax\"," CALLER ",\"content\":\"x\"}",
	    "source 'fax' is not one of: window (窗口), hotline (12345热线), "
	    "online (网上), transfer (上下级转办)");
	bad_intake(
	    e, "{" CALLER ",\"content\":\"x\"}", "missing field 'source'");
	/* the Chinese label is accepted and stored as the code */
	d = tu_ok(e, "intake",
	    "{\"source\":\"12345热线\"," CALLER ",\"content\":\"x\"}");
	assert_string_equal(tu_jstr(d, "source"), "hotline");
	cJSON_Delete(d);
}

static void
test_unknown_field(void **state)
{
	tu_env *e = *state;
	char id[32];

	bad_intake(e,
	    "{\"source\":\"window\"," CALLER ",\"content\":\"x\","
	    "\"colour\":\"red\"}",
	    "unknown field 'colour'");
	/* the id is given by the centre, never by the caller */
	bad_intake(e,
	    "{\"id\":\"HD-20260924001\",\"source\":\"window\"," CALLER
	    ",\"content\":\"x\"}",
	    "unknown field 'id'");
	tu_intake(e, id);
	/* a field of another command is unknown here */
	tu_has(tu_refused(e, YOUSU_INVAL, "classify",
	           "{\"id\":\"%s\",\"category\":\"blocked\",\"lead\":\"RSJ\"}",
	           id),
	    "unknown field 'lead'");
}

static void
test_wrong_type(void **state)
{
	tu_env *e = *state;
	char id[32];

	bad_intake(e,
	    "{\"source\":\"window\",\"anonymous\":\"yes\",\"content\":\"x\"}",
	    "field 'anonymous' (匿名) must be true/false");
	bad_intake(e,
	    "{\"source\":\"window\"," CALLER ",\"content\":\"x\","
	    "\"contact_within_hours\":\"2\"}",
	    "field 'contact_within_hours' (N小时内联系来电人) must be a "
	    "whole number");
	bad_intake(e,
	    "{\"source\":\"window\",\"name\":null,"
	    "\"phone\":\"13800000000\",\"content\":\"x\"}",
	    "field 'name' (姓名或单位名称) must be text");

	tu_intake(e, id);
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", id));
	tu_has(tu_refused(e, YOUSU_INVAL, "assign",
	           "{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":\"GAJ\"}", id),
	    "field 'co' (协办单位) must be a list of texts");
	cJSON_Delete(
	    tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"RSJ\"}", id));
	tu_has(tu_refused(e, YOUSU_INVAL, "extend",
	           "{\"id\":\"%s\",\"days\":\"2\",\"approver\":\"王\","
	           "\"reason\":\"x\"}",
	           id),
	    "field 'days' (延期工作日) must be a whole number");
	/* 2.5 working days is not a count; 1e30 is not an int */
	tu_has(tu_refused(e, YOUSU_INVAL, "extend",
	           "{\"id\":\"%s\",\"days\":2.5,\"approver\":\"王\","
	           "\"reason\":\"x\"}",
	           id),
	    "field 'days'");
	tu_has(tu_refused(e, YOUSU_INVAL, "extend",
	           "{\"id\":\"%s\",\"days\":1e30,\"approver\":\"王\","
	           "\"reason\":\"x\"}",
	           id),
	    "field 'days'");
	tu_has(
	    tu_refused(e, YOUSU_INVAL, "qc", "{\"id\":\"%s\",\"pass\":1}", id),
	    "field 'pass' (质检是否通过) must be true/false");
	tu_has(tu_refused(e, YOUSU_INVAL, "reply", "{\"id\":7}"),
	    "field 'id' (诉求编号) must be text");
}

static void
test_too_long(void **state)
{
	tu_env *e = *state;
	size_t n = 4001;
	char *text = malloc(n + 1), *args = malloc(n + 128);

	if (text == NULL || args == NULL)
		fail_msg("out of memory");
	memset(text, 'x', n);
	text[n] = '\0';
	sprintf(args, "{\"source\":\"window\"," CALLER ",\"content\":\"%s\"}",
	    text);
	bad_intake(e, args,
	    "field 'content' (诉求主要内容) is too long (max 4000 bytes)");
	text[4000] = '\0'; /* exactly the maximum is fine */
	sprintf(args, "{\"source\":\"window\"," CALLER ",\"content\":\"%s\"}",
	    text);
	good_intake(e, args);

	text[201] = '\0';
	sprintf(args,
	    "{\"source\":\"window\",\"name\":\"%s\",\"phone\":\"12345\","
	    "\"content\":\"x\"}",
	    text);
	tu_has(tu_refused(e, YOUSU_INVAL, "intake", "%s", args),
	    "field 'name' (姓名或单位名称) is too long (max 200 bytes)");
	assert_int_equal(tu_count(e), 1);
	free(text);
	free(args);
}

static void
test_classify(void **state)
{
	tu_env *e = *state;
	const char *msg;
	char id[32];
	cJSON *d;

	tu_intake(e, id);
	msg = tu_refused(e, YOUSU_INVAL, "classify",
	    "{\"id\":\"%s\",\"category\":\"weather\"}", id);
	tu_has(msg, "category 'weather' is not in this profile's accepted "
	            "scope (attitude, blocked, delayed, extortion, reform, "
	            "hotline)");
	tu_has(msg, "reject");
	tu_has(tu_refused(e, YOUSU_INVAL, "classify", "{\"id\":\"%s\"}", id),
	    "missing field 'category' (诉求类别)");
	tu_has(
	    tu_refused(e, YOUSU_INVAL, "classify",
	        "{\"id\":\"%s\",\"category\":\"blocked\",\"class\":\"D\"}", id),
	    "class 'D': the profile shenqiu has no classes");
	tu_has(tu_refused(e, YOUSU_INVAL, "classify",
	           "{\"id\":\"%s\",\"category\":\"blocked\",\"class\":\"AB\"}",
	           id),
	    "class 'AB'");
	tu_has(tu_refused(e, YOUSU_INVAL, "classify",
	           "{\"id\":\"%s\",\"category\":\"blocked\",\"level\":5}", id),
	    "field 'level' (响应等级): 5 is not a response level in 1..3");
	tu_has(tu_refused(e, YOUSU_INVAL, "classify",
	           "{\"id\":\"%s\",\"category\":\"blocked\",\"level\":0}", id),
	    "0 is not a response level");
	tu_has(tu_refused(e, YOUSU_INVAL, "classify",
	           "{\"id\":\"%s\",\"category\":\"blocked\","
	           "\"nature\":\"easy\"}",
	           id),
	    "nature 'easy' is not one of: general (一般), cannot (办不了), "
	    "hard (很难办), refused (不给办)");
	assert_string_equal(tu_status(e, id), "registered");

	d = tu_ok(e, "classify",
	    "{\"id\":\"%s\",\"category\":\"delayed\","
	    "\"level\":2,\"nature\":\"很难办\"}",
	    id);
	assert_null(cJSON_GetObjectItem(d, "class"));
	assert_int_equal(tu_jint(d, "level"), 2);
	assert_string_equal(tu_jstr(d, "nature"), "hard");
	cJSON_Delete(d);
	/* and the limit follows: 很难办 is 5 working days in Shenqiu */
	d = tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"BDC\"}", id);
	assert_int_equal(tu_jint(d, "limit_days"), 5);
	cJSON_Delete(d);
}

static void
test_satisfaction(void **state)
{
	tu_env *e = *state;
	char id[32];

	tu_intake(e, id);
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", id));
	cJSON_Delete(
	    tu_ok(e, "resolve", "{\"id\":\"%s\",\"result\":\"x\"}", id));
	tu_has(tu_refused(e, YOUSU_INVAL, "visit",
	           "{\"id\":\"%s\",\"satisfaction\":\"great\"}", id),
	    "satisfaction 'great' is not one of: satisfied (满意), basic "
	    "(基本满意), unsatisfied (不满意)");
	tu_has(tu_refused(e, YOUSU_INVAL, "visit", "{\"id\":\"%s\"}", id),
	    "a complainant reached gives a satisfaction (satisfaction; not "
	    "reached: outcome no_answer, refused or wrong_number)");
	assert_string_equal(tu_status(e, id), "replied");
}

/* What the call itself gets wrong. */
static void
test_call(void **state)
{
	tu_env *e = *state;
	cJSON *args = cJSON_Parse("{\"source\":\"window\",\"anonymous\":true,"
	                          "\"content\":\"x\"}");
	cJSON *arr = cJSON_CreateArray(), *out = NULL;
	char *before = tu_snapshot(e), *after;

	assert_int_equal(yousu_wf_exec(e->wf, "frobnicate", "tester", args,
	                     &out, e->err, sizeof(e->err)),
	    YOUSU_INVAL);
	tu_has(e->err, "unknown command 'frobnicate'");
	assert_int_equal(yousu_wf_exec(e->wf, "intake", "", args, &out, e->err,
	                     sizeof(e->err)),
	    YOUSU_INVAL);
	tu_has(e->err, "intake: missing actor");
	assert_int_equal(yousu_wf_exec(e->wf, "intake", NULL, args, &out,
	                     e->err, sizeof(e->err)),
	    YOUSU_INVAL);
	assert_int_equal(yousu_wf_exec(e->wf, "intake", "tester", arr, &out,
	                     e->err, sizeof(e->err)),
	    YOUSU_INVAL);
	tu_has(e->err, "JSON object");
	assert_null(out);
	after = tu_snapshot(e);
	assert_string_equal(before, after);
	free(before);
	free(after);
	cJSON_Delete(args);
	cJSON_Delete(arr);

	tu_has(tu_refused(e, YOUSU_INVAL, "reply",
	           "{\"kind\":\"done\",\"result\":\"x\"}"),
	    "missing field 'id'");
	tu_has(tu_refused(e, YOUSU_NOTFOUND, "reply",
	           "{\"id\":\"HD-20260924999\",\"kind\":\"done\","
	           "\"result\":\"x\"}"),
	    "no complaint 'HD-20260924999'");
	assert_int_equal(tu_count(e), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_content, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(test_caller, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_all_at_once, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(test_phone, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(test_source, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_unknown_field, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_wrong_type, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_too_long, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_classify, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_satisfaction, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(test_call, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
