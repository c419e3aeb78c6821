/* yousu — unit tests for the control socket's dispatch
 * (common/daemon/control.c) on a real daemon state over the workflow
 * fixture's store: a request text in, the reply text out, as yousuctl and
 * the API see them. Bad request texts; unknown commands with what was
 * meant; yousuctl's own commands refused; a command of another centre
 * refused naming where it runs; the schema's problems said under the
 * command's words; workflow steps run (an intake with its similar cases);
 * a role's refusal and its own commands, given the request without blank
 * optional texts; batches (each request alone, a non-step refused, the
 * role's refusal inside); and the start-up check that every command this
 * centre runs has a handler. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon_impl.h"
#include "testutil.h"
#include "yousu/json.h"

/* --- test roles ---------------------------------------------------------- */

static cJSON *city_args; /* what the bridge-like role's city command got */

static yousu_err
fake_city(yousu_daemon *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) d, (void) actor, (void) err, (void) errlen;
	cJSON_Delete(city_args);
	city_args = cJSON_Duplicate(args, 1);
	*result = cJSON_CreateObject();
	yousu__jset_str(*result, "table", "城市");
	return YOUSU_OK;
}

static yousu_err
fake_ok(yousu_daemon *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) d, (void) actor, (void) args, (void) err, (void) errlen;
	*result = cJSON_CreateObject();
	return YOUSU_OK;
}

static yousu_err
refuse_intake(yousu_daemon *d, const char *cmd, char *err, size_t errlen)
{
	(void) d;
	if (strcmp(cmd, "intake") != 0)
		return YOUSU_OK;
	snprintf(err, errlen, "intake: not here (the test bridge)");
	return YOUSU_STATE;
}

static const yousu_role node_like = {
    .name = "node", .label = "township node", .at = YOUSU_AT_NODE};

static const yousu_role_cmd bridge_cmds[] = {
    {"city", fake_city},
    {"hotline.import", fake_ok},
    {"hotline.scan", fake_ok},
    {"hotline.list", fake_ok},
    {"hotline.rejected", fake_ok},
    {NULL, NULL},
};
static const yousu_role bridge_like = {.name = "bridge",
    .label = "city bridge",
    .at = YOUSU_AT_BRIDGE,
    .admits = refuse_intake,
    .cmds = bridge_cmds};
/* a bridge that forgot its commands: it must not start */
static const yousu_role bridge_without = {
    .name = "bridge", .label = "city bridge", .at = YOUSU_AT_BRIDGE};

/* --- the daemon state ---------------------------------------------------- */

typedef struct {
	tu_env *e;
	daemon_t d;
} ctx;

static int
setup(void **state)
{
	ctx *c = calloc(1, sizeof *c);
	void *e;

	assert_non_null(c);
	tu_setup(&e);
	c->e = e;
	c->d.role = &node_like;
	c->d.store = c->e->st;
	c->d.wf = c->e->wf;
	c->d.policy = c->e->pol;
	c->d.cal = c->e->cal;
	c->d.depts = c->e->depts;
	c->d.test_clock = true;
	c->d.clock_now = c->e->now;
	c->d.lock_fd = -1;
	snprintf(c->d.cfg.code, sizeof c->d.cfg.code, "%s", TU_CENTRE);
	snprintf(c->d.cfg.name, sizeof c->d.cfg.name, "测试便民服务中心");
	snprintf(
	    c->d.cfg.calendar, sizeof c->d.cfg.calendar, "%s", TU_CALENDAR);
	c->d.cfg.utc_offset = TU_UTC_OFFSET;
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	ctx *c = *state;
	void *e = c->e;

	tu_teardown(&e);
	cJSON_Delete(city_args);
	city_args = NULL;
	free(c);
	return 0;
}

/* The reply to request text, parsed (the caller's). */
static cJSON *
ask(ctx *c, const char *text)
{
	char *reply = yousu__control_handle(&c->d, text, strlen(text));
	cJSON *r;

	assert_non_null(reply);
	r = cJSON_Parse(reply);
	if (r == NULL)
		fail_msg("the reply is not JSON: %s", reply);
	free(reply);
	return r;
}

/* The request is refused with exactly the message want. */
static void
refused(ctx *c, const char *text, const char *want)
{
	cJSON *r = ask(c, text);

	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(r, "ok")));
	if (strcmp(tu_jstr(r, "error"), want) != 0)
		fail_msg("%s\n  got:  %s\n  want: %s", text,
		    tu_jstr(r, "error"), want);
	assert_non_null(tu_jstr(r, "code"));
	cJSON_Delete(r);
}

/* The request succeeds; its result (the caller's). */
static cJSON *
done(ctx *c, const char *text)
{
	cJSON *r = ask(c, text), *res;

	if (!cJSON_IsTrue(cJSON_GetObjectItem(r, "ok")))
		fail_msg("%s refused: %s", text, tu_jstr(r, "error"));
	res = cJSON_DetachItemFromObject(r, "result");
	cJSON_Delete(r);
	return res;
}

#define INTAKE                                                     \
	"{\"source\":\"window\",\"name\":\"王建国\",\"phone\":" \
	"\"13903940001\","                                         \
	"\"content\":\"营业执照变更材料齐全，窗口不予办理\"}"

/* --- tests -----------------------------------------------------------------
 */

static void
test_bad_requests(void **state)
{
	ctx *c = *state;

	refused(c, "not json",
	    "bad request: expected JSON {\"cmd\", \"actor\", \"args\"}");
	refused(c, "{\"actor\":\"x\"}",
	    "bad request: expected JSON {\"cmd\", \"actor\", \"args\"}");
	refused(c, "{\"cmd\":\"intak\",\"actor\":\"x\",\"args\":{}}",
	    "unknown command 'intak': did you mean 'intake'?");
	refused(c, "{\"cmd\":\"frobnicate\",\"actor\":\"x\"}",
	    "unknown command 'frobnicate'");
	/* yousuctl's own: never run by a daemon */
	refused(c, "{\"cmd\":\"keygen\",\"actor\":\"x\",\"args\":{}}",
	    "unknown command 'keygen'");
}

static void
test_not_here(void **state)
{
	ctx *c = *state;

	refused(c, "{\"cmd\":\"city\",\"actor\":\"x\",\"args\":{}}",
	    "city: runs at the city bridge (yousu-bridge); this is township "
	    "node HD (测试便民服务中心)");
	refused(c, "{\"cmd\":\"case.review\",\"actor\":\"x\",\"args\":{}}",
	    "case review: runs at a county hub or the city bridge; this is "
	    "township node HD (测试便民服务中心)");
	/* before its fields are looked at */
	refused(c,
	    "{\"cmd\":\"hotline.import\",\"actor\":\"x\",\"args\":{\"bad\":1}}",
	    "hotline import: runs at the city bridge (yousu-bridge); this is "
	    "township node HD (测试便民服务中心)");
}

static void
test_schema_problems(void **state)
{
	ctx *c = *state;

	refused(c, "{\"cmd\":\"list\",\"actor\":\"x\",\"args\":{\"limit\":-1}}",
	    "list: field 'limit' (条数): -1 is not a count in 0..1000000000");
	refused(c,
	    "{\"cmd\":\"list\",\"actor\":\"x\",\"args\":{\"statsu\":\"x\","
	    "\"from\":\"2026-02-30\"}}",
	    "list: unknown field 'statsu': did you mean 'status'?; field "
	    "'from' (受理日期起): '2026-02-30' is not a date (YYYY-MM-DD, a "
	    "real day)");
	/* no args at all: the command's fields are missing */
	refused(c, "{\"cmd\":\"show\",\"actor\":\"x\"}",
	    "show: missing field 'id' (诉求编号)");
	refused(c, "{\"cmd\":\"case.search\",\"actor\":\"x\",\"args\":[]}",
	    "case search: fields must be a JSON object");
	/* a workflow step says its problems under its own name */
	refused(c,
	    "{\"cmd\":\"intake\",\"actor\":\"x\",\"args\":{\"source\":\"窗口\"}"
	    "}",
	    "intake: missing field 'content' (诉求主要内容)");
}

static void
test_workflow_and_views(void **state)
{
	ctx *c = *state;
	cJSON *r, *l;
	char req[512];

	r = done(
	    c, "{\"cmd\":\"intake\",\"actor\":\"李娜\",\"args\":" INTAKE "}");
	assert_string_equal(tu_jstr(r, "status"), "registered");
	/* a single intake is shown the closest published cases */
	assert_true(cJSON_IsArray(cJSON_GetObjectItem(r, "similar_cases")));
	snprintf(req, sizeof req,
	    "{\"cmd\":\"show\",\"actor\":\"x\",\"args\":{\"id\":\"%s\"}}",
	    tu_jstr(r, "id"));
	cJSON_Delete(r);
	r = done(c, req);
	assert_string_equal(tu_jstr(r, "name"), "王建国");
	assert_non_null(tu_jstr(r, "workorder"));
	cJSON_Delete(r);
	/* a blank optional filter is as if not given */
	l = done(c, "{\"cmd\":\"list\",\"actor\":\"x\",\"args\":{\"status\":"
	            "\"  \"}}");
	assert_int_equal(cJSON_GetArraySize(l), 1);
	cJSON_Delete(l);
	r = done(c, "{\"cmd\":\"ping\",\"actor\":\"x\"}");
	assert_string_equal(tu_jstr(r, "role"), "node");
	assert_string_equal(tu_jstr(r, "centre"), "HD");
	cJSON_Delete(r);
}

static void
test_batch(void **state)
{
	ctx *c = *state;
	cJSON *r;

	r = done(c,
	    "{\"cmd\":\"batch\",\"actor\":\"x\",\"args\":{\"requests\":["
	    "{\"cmd\":\"intake\",\"args\":" INTAKE "},"
	    "{\"cmd\":\"intake\",\"args\":{\"source\":\"window\"}},"
	    "{\"cmd\":\"list\",\"args\":{}},"
	    "{\"args\":{}}]}}");
	assert_int_equal(cJSON_GetArraySize(r), 4);
	assert_true(
	    cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(r, 0), "ok")));
	assert_string_equal(tu_jstr(cJSON_GetArrayItem(r, 1), "error"),
	    "intake: missing field 'content' (诉求主要内容)");
	assert_string_equal(tu_jstr(cJSON_GetArrayItem(r, 2), "error"),
	    "batch: 'list' is not a step of a complaint (batch takes intake, "
	    "assign, reply ...)");
	assert_string_equal(tu_jstr(cJSON_GetArrayItem(r, 3), "error"),
	    "batch: a request without \"cmd\"");
	cJSON_Delete(r);
	refused(c,
	    "{\"cmd\":\"batch\",\"actor\":\"x\",\"args\":{\"requests\":[1]}}",
	    "batch: field 'requests' (请求) must be a list of objects");
	/* one intake stored, not two */
	r = done(c, "{\"cmd\":\"list\",\"actor\":\"x\",\"args\":{}}");
	assert_int_equal(cJSON_GetArraySize(r), 1);
	cJSON_Delete(r);
}

static void
test_role(void **state)
{
	ctx *c = *state;
	cJSON *r;

	c->d.role = &bridge_like;
	/* the role's refusal, with its reason, alone and in a batch */
	refused(c, "{\"cmd\":\"intake\",\"actor\":\"x\",\"args\":" INTAKE "}",
	    "intake: not here (the test bridge)");
	r = done(c,
	    "{\"cmd\":\"batch\",\"actor\":\"x\",\"args\":{\"requests\":["
	    "{\"cmd\":\"intake\",\"args\":" INTAKE "}]}}");
	assert_string_equal(tu_jstr(cJSON_GetArrayItem(r, 0), "error"),
	    "intake: not here (the test bridge)");
	cJSON_Delete(r);
	/* its own command, given the request without blank optional texts */
	r = done(c, "{\"cmd\":\"city\",\"actor\":\"x\",\"args\":{\"period\":"
	            "\"2026-09\",\"by\":\" \"}}");
	assert_string_equal(tu_jstr(r, "table"), "城市");
	cJSON_Delete(r);
	assert_non_null(city_args);
	assert_string_equal(tu_jstr(city_args, "period"), "2026-09");
	assert_null(cJSON_GetObjectItem(city_args, "by"));
	/* and the schema still checks it first */
	refused(c, "{\"cmd\":\"city\",\"actor\":\"x\",\"args\":{\"period\":7}}",
	    "city: field 'period' (月份) must be text");
	/* a township's command is not the bridge's */
	refused(c, "{\"cmd\":\"escalate\",\"actor\":\"x\",\"args\":{}}",
	    "escalate: runs at a township node or a county hub; this is city "
	    "bridge HD (测试便民服务中心)");
}

static void
test_every_command_has_a_handler(void **state)
{
	ctx *c = *state;

	c->d.role = &node_like;
	assert_int_equal(yousu__control_check(&c->d), 0);
	c->d.role = &bridge_like;
	assert_int_equal(yousu__control_check(&c->d), 0);
	/* a bridge without its commands does not start */
	c->d.role = &bridge_without;
	assert_int_equal(yousu__control_check(&c->d), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_bad_requests, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_not_here, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_schema_problems, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_workflow_and_views, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_role, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_every_command_has_a_handler, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
