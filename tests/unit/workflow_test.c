/* yousu — unit tests for the complaint workflow (common/workflow/workflow.c and
 * the projection in common/model/project.c): every transition, legal and
 * illegal, the closed loop of seed 002 (受理/办理/反馈/回访), and that a
 * refused command stores nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "yousu/rounds.h"

/* Arguments that pass field validation for each command (one %s: id). */
static const struct {
	const char *cmd, *args;
} good[] = {
    {"reject", "{\"id\":\"%s\",\"ground\":\"legal\"}"},
    {"classify", "{\"id\":\"%s\",\"category\":\"blocked\"}"},
    {"resolve", "{\"id\":\"%s\",\"result\":\"当场协调办结\"}"},
    {"assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}"},
    {"accept", "{\"id\":\"%s\",\"dept\":\"SCJ\"}"},
    {"extend_request", "{\"id\":\"%s\",\"dept\":\"SCJ\",\"days\":2,"
                       "\"reason\":\"需现场核实\"}"},
    {"reply", "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"已办结\"}"},
    {"extend", "{\"id\":\"%s\",\"days\":1,\"approver\":\"王主任\","
               "\"reason\":\"需现场核实\"}"},
    {"qc", "{\"id\":\"%s\",\"pass\":true}"},
    {"visit", "{\"id\":\"%s\",\"satisfaction\":\"satisfied\"}"},
    {"redo", "{\"id\":\"%s\",\"reason\":\"诉求未解决\"}"},
    {"close", "{\"id\":\"%s\"}"},
};
#define NCMDS (sizeof(good) / sizeof(good[0]))

/* How a new complaint reaches each status; "spot" is replied on the
 * spot (当场办结), which the workflow treats differently from a reply. */
static const struct {
	const char *name, *status;
	const char *steps[7];
} paths[] = {
    {"registered", "registered", {NULL}},
    {"rejected", "rejected", {"reject", NULL}},
    {"classified", "classified", {"classify", NULL}},
    {"assigned", "assigned", {"classify", "assign", NULL}},
    {"replied", "replied", {"classify", "assign", "reply", NULL}},
    {"spot", "replied", {"classify", "resolve", NULL}},
    {"checked", "checked", {"classify", "assign", "reply", "qc", NULL}},
    {"visited", "visited",
        {"classify", "assign", "reply", "qc", "visit", NULL}},
    {"closed", "closed",
        {"classify", "assign", "reply", "qc", "visit", "close", NULL}},
};
#define NPATHS (sizeof(paths) / sizeof(paths[0]))

/* The transitions the documents allow, written out here rather than
 * read from the code: command, from, resulting status. */
static const struct {
	const char *cmd, *from, *to;
} legal[] = {
    {"reject", "registered", "rejected"},
    {"reject", "classified", "rejected"},
    {"classify", "registered", "classified"},
    {"classify", "classified", "classified"},
    {"resolve", "classified", "replied"},
    {"assign", "classified", "assigned"},
    {"reply", "assigned", "replied"},
    {"extend", "assigned", "assigned"},
    {"accept", "assigned", "assigned"},
    {"extend_request", "assigned", "assigned"},
    {"qc", "replied", "checked"},
    {"visit", "checked", "visited"},
    {"visit", "spot", "visited"},
    {"redo", "replied", "assigned"},
    {"redo", "spot", "classified"},
    {"redo", "checked", "assigned"},
    {"redo", "visited", "assigned"},
    {"close", "visited", "closed"},
};
#define NLEGAL (sizeof(legal) / sizeof(legal[0]))

static const char *
good_args(const char *cmd)
{
	for (size_t i = 0; i < NCMDS; i++)
		if (strcmp(good[i].cmd, cmd) == 0)
			return good[i].args;
	fail_msg("test bug: no arguments for %s", cmd);
	return NULL;
}

static void
step(tu_env *e, const char *cmd, const char *id)
{
	cJSON_Delete(tu_ok(e, cmd, good_args(cmd), id));
}

/* A new complaint brought to path p; its id is copied into id. */
static void
reach(tu_env *e, size_t p, char id[32])
{
	tu_intake(e, id);
	for (const char *const *s = paths[p].steps; *s; s++)
		step(e, *s, id);
	assert_string_equal(tu_status(e, id), paths[p].status);
}

static const char *
legal_to(const char *cmd, const char *from)
{
	for (size_t i = 0; i < NLEGAL; i++)
		if (strcmp(legal[i].cmd, cmd) == 0 &&
		    strcmp(legal[i].from, from) == 0)
			return legal[i].to;
	return NULL;
}

/* --- transitions --------------------------------------------------- */

static void
test_legal_transitions(void **state)
{
	tu_env *e = *state;
	char id[32];

	for (size_t p = 0; p < NPATHS; p++) {
		for (size_t c = 0; c < NCMDS; c++) {
			const char *to = legal_to(good[c].cmd, paths[p].name);

			if (to == NULL)
				continue;
			reach(e, p, id);
			step(e, good[c].cmd, id);
			if (strcmp(tu_status(e, id), to) != 0)
				fail_msg("%s from %s: want %s, got %s",
				    good[c].cmd, paths[p].name, to,
				    tu_status(e, id));
		}
	}
	tu_check_store(e);
}

/* cmd from a status it is not allowed in: YOUSU_STATE, a message naming
 * the command, the complaint and its status, and nothing stored. */
static void
refuse_from(tu_env *e, const char *cmd, size_t p)
{
	const char *status = paths[p].status, *msg;
	char id[32], want[96];

	reach(e, p, id);
	msg = tu_refused(e, YOUSU_STATE, cmd, good_args(cmd), id);
	snprintf(want, sizeof(want), "%s: cannot %s", cmd, cmd);
	assert_int_equal(strncmp(msg, want, strlen(want)), 0);
	tu_has(msg, id);
	snprintf(want, sizeof(want), "(%s)", status);
	tu_has(msg, want);
	tu_has(msg, yousu_label("status", status));
}

static void
test_illegal_transitions(void **state)
{
	tu_env *e = *state;
	int refused = 0;

	for (size_t p = 0; p < NPATHS; p++)
		for (size_t c = 0; c < NCMDS; c++)
			if (legal_to(good[c].cmd, paths[p].name) == NULL) {
				refuse_from(e, good[c].cmd, p);
				refused++;
			}
	/* 12 commands x 9 states, minus the 18 legal moves (co_reply,
	 * which needs a co-handling unit, has its own test) */
	assert_int_equal(refused, (int) (NCMDS * NPATHS - NLEGAL));
	tu_check_store(e);
}

/* The refusals say what to do instead. */
static void
test_refusal_hints(void **state)
{
	tu_env *e = *state;
	char id[32];

	reach(e, 4, id); /* replied */
	tu_has(tu_refused(e, YOUSU_STATE, "close", good_args("close"), id),
	    "return visit");
	tu_has(tu_refused(e, YOUSU_STATE, "visit", good_args("visit"), id),
	    "quality check");
	reach(e, 6, id); /* checked */
	tu_has(tu_refused(e, YOUSU_STATE, "close", good_args("close"), id),
	    "return visit");
	reach(e, 2, id); /* classified */
	tu_has(tu_refused(e, YOUSU_STATE, "reply", good_args("reply"), id),
	    "assigned");
	reach(e, 0, id); /* registered */
	tu_has(tu_refused(e, YOUSU_STATE, "assign", good_args("assign"), id),
	    "classify");
}

/* --- the paths of the closed loop ---------------------------------- */

static void
expect_events(tu_env *e, const char *id, const char *const *types)
{
	cJSON *events = tu_events(e, id), *ev;
	int n = 0;

	cJSON_ArrayForEach (ev, events) {
		if (types[n] == NULL)
			fail_msg(
			    "%s: unexpected event %s", id, tu_jstr(ev, "type"));
		assert_string_equal(tu_jstr(ev, "type"), types[n]);
		assert_int_equal(tu_jint(ev, "seq"), n + 1);
		assert_string_equal(tu_jstr(ev, "origin"), TU_CENTRE);
		n++;
	}
	if (types[n] != NULL)
		fail_msg("%s: event %s missing", id, types[n]);
	cJSON_Delete(events);
}

static void
test_happy_path(void **state)
{
	static const char *const types[] = {"intake", "classify", "assign",
	    "reply", "qc", "visit", "close", NULL};
	tu_env *e = *state;
	int64_t t0 = e->now;
	cJSON *d, *r;
	char id[32];

	tu_intake(e, id);
	assert_string_equal(id, "HD-20260924001");
	d = tu_doc(e, id);
	assert_string_equal(tu_jstr(d, "status"), "registered");
	assert_string_equal(tu_jstr(d, "source"), "window");
	assert_string_equal(tu_jstr(d, "staff"), "tester");
	assert_string_equal(tu_jstr(d, "owner"), TU_CENTRE);
	assert_int_equal(tu_jint(d, "received_at"), t0);
	assert_int_equal(tu_jint(d, "serial"), 1);
	cJSON_Delete(d);

	/* 不给办 by its Chinese label */
	d = tu_ok(e, "classify",
	    "{\"id\":\"%s\",\"category\":\"blocked\",\"nature\":\"不给办\"}",
	    id);
	assert_string_equal(tu_jstr(d, "status"), "classified");
	assert_string_equal(tu_jstr(d, "nature"), "refused");
	assert_string_equal(tu_jstr(d, "category"), "blocked");
	cJSON_Delete(d);

	/* Thu 09-24: 09-25..27 are the Mid-Autumn holiday, so 3 working
	 * days are 09-28, 09-29, 09-30 */
	d = tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "assigned");
	assert_string_equal(tu_jstr(d, "lead"), "SCJ");
	assert_string_equal(tu_jstr(d, "due"), "2026-09-30");
	assert_int_equal(tu_jint(d, "limit_days"), 3);
	assert_string_equal(tu_jstr(d, "stub"), "000001");
	assert_int_equal(tu_jint(d, "assigned_at"), t0);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(d, "co")), 0);
	cJSON_Delete(d);

	tu_at(e, "2026-09-28T10:00");
	d = tu_ok(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":"
	    "\"已办理营业执照变更\"}",
	    id);
	assert_string_equal(tu_jstr(d, "status"), "replied");
	assert_int_equal(tu_jint(d, "handled_at"), e->now);
	r = cJSON_GetObjectItem(d, "reply");
	assert_string_equal(tu_jstr(r, "kind"), "done");
	assert_string_equal(tu_jstr(r, "dept"), "SCJ");
	assert_string_equal(tu_jstr(r, "actor"), "tester");
	assert_string_equal(tu_jstr(r, "result"), "已办理营业执照变更");
	cJSON_Delete(d);

	d = tu_ok(e, "qc", "{\"id\":\"%s\",\"pass\":true}", id);
	assert_string_equal(tu_jstr(d, "status"), "checked");
	assert_true(cJSON_IsTrue(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(d, "qc"), "pass")));
	cJSON_Delete(d);

	tu_at(e, "2026-09-29T15:00");
	d = tu_ok(e, "visit", "{\"id\":\"%s\",\"satisfaction\":\"满意\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "visited");
	assert_string_equal(tu_jstr(d, "satisfaction"), "satisfied");
	assert_int_equal(tu_jint(d, "visit_at"), e->now);
	cJSON_Delete(d);

	d = tu_ok(e, "close", "{\"id\":\"%s\",\"note\":\"清零销号\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "closed");
	assert_int_equal(tu_jint(d, "closed_at"), e->now);
	assert_int_equal(tu_jint(d, "events"), 7);
	assert_int_equal(
	    yousu_wf_overdue_days(e->wf, d, tu_date("2026-10-20"), NULL), 0);
	cJSON_Delete(d);
	expect_events(e, id, types);
	tu_check_store(e);
}

static void
test_on_the_spot(void **state)
{
	static const char *const types[] = {
	    "intake", "classify", "resolve", "visit", "close", NULL};
	tu_env *e = *state;
	cJSON *d;
	char id[32];

	tu_intake(e, id);
	step(e, "classify", id);
	d = tu_ok(
	    e, "resolve", "{\"id\":\"%s\",\"result\":\"窗口当场补办\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "replied");
	assert_string_equal(
	    tu_jstr(cJSON_GetObjectItem(d, "reply"), "kind"), "spot");
	assert_int_equal(tu_jint(d, "handled_at"), e->now);
	assert_null(tu_jstr(d, "due"));
	assert_null(tu_jstr(d, "lead"));
	cJSON_Delete(d);

	/* no quality check: the return visit follows directly */
	d = tu_ok(e, "visit", "{\"id\":\"%s\",\"satisfaction\":\"basic\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "visited");
	cJSON_Delete(d);
	d = tu_ok(e, "close", "{\"id\":\"%s\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "closed");
	cJSON_Delete(d);
	expect_events(e, id, types);
	tu_check_store(e);
}

/* A quality check of an on-the-spot resolution is refused: it has no
 * department to return to (a failed check used to leave it "assigned"
 * without a lead, and the next reply crashed). Redo is the way back. */
static void
test_on_the_spot_no_qc(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *d;

	reach(e, 5, id); /* spot */
	tu_has(tu_refused(e, YOUSU_STATE, "qc",
	           "{\"id\":\"%s\",\"pass\":false,\"note\":\"不彻底\"}", id),
	    "on the spot");
	tu_refused(e, YOUSU_STATE, "qc", good_args("qc"), id);
	d = tu_ok(e, "redo", "{\"id\":\"%s\",\"reason\":\"不彻底\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "classified");
	assert_int_equal(tu_jint(d, "redos"), 1);
	cJSON_Delete(d);
	/* back at the desk: it can now be assigned and replied to */
	step(e, "assign", id);
	d = tu_ok(e, "reply", good_args("reply"), id);
	assert_string_equal(
	    tu_jstr(cJSON_GetObjectItem(d, "reply"), "kind"), "done");
	cJSON_Delete(d);
	/* a department's reply is checked again */
	tu_refused(e, YOUSU_STATE, "visit", good_args("visit"), id);
	step(e, "qc", id);
	tu_check_store(e);
}

static void
test_reject(void **state)
{
	tu_env *e = *state;
	const char *msg;
	cJSON *d, *rej;
	char id[32];

	tu_intake(e, id);
	msg = tu_refused(e, YOUSU_INVAL, "reject",
	    "{\"id\":\"%s\",\"ground\":\"weather\"}", id);
	tu_has(msg, "'weather'");
	tu_has(msg, "legal, petition, civil, no_target, no_facts, "
	            "out_of_scope");
	tu_has(tu_refused(e, YOUSU_INVAL, "reject", "{\"id\":\"%s\"}", id),
	    "missing field 'ground'");

	d = tu_ok(e, "reject",
	    "{\"id\":\"%s\",\"ground\":\"petition\",\"note\":\"已在信访\"}",
	    id);
	assert_string_equal(tu_jstr(d, "status"), "rejected");
	assert_int_equal(tu_jint(d, "closed_at"), e->now);
	rej = cJSON_GetObjectItem(d, "rejection");
	assert_string_equal(tu_jstr(rej, "ground"), "petition");
	assert_string_equal(tu_jstr(rej, "label"), "已进入信访等其他渠道办理");
	assert_string_equal(tu_jstr(rej, "channel"), "原信访渠道");
	assert_string_equal(tu_jstr(rej, "note"), "已在信访");
	cJSON_Delete(d);
	tu_check_store(e);
}

static void
test_qc_fail(void **state)
{
	tu_env *e = *state;
	cJSON *d;
	char id[32];

	reach(e, 4, id); /* replied, due 2026-09-30 */
	tu_at(e, "2026-10-08T09:00");
	tu_has(tu_refused(
	           e, YOUSU_INVAL, "qc", "{\"id\":\"%s\",\"pass\":false}", id),
	    "needs a note");
	d = tu_ok(e, "qc",
	    "{\"id\":\"%s\",\"pass\":false,\"note\":\"答复未回应诉求\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "assigned");
	assert_int_equal(tu_jint(d, "redos"), 1);
	assert_int_equal(tu_jint(d, "redo_at"), e->now);
	assert_string_equal(
	    tu_jstr(cJSON_GetObjectItem(d, "qc"), "note"), "答复未回应诉求");
	/* a new round from Thu 10-08: 10-09, Sat 10-10 (make-up day),
	 * 10-12 */
	assert_string_equal(tu_jstr(d, "due"), "2026-10-12");
	assert_int_equal(tu_jint(d, "limit_days"), 3);
	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(d, "round_reminded")));
	assert_int_equal(tu_jint(d, "round_supervised_at"), 0);
	cJSON_Delete(d);

	step(e, "reply", id);
	d = tu_ok(e, "qc", "{\"id\":\"%s\",\"pass\":true}", id);
	assert_string_equal(tu_jstr(d, "status"), "checked");
	assert_int_equal(tu_jint(d, "redos"), 1);
	cJSON_Delete(d);
	tu_check_store(e);
}

/* A redo keeps the multi-department limit (5 working days). */
static void
test_qc_fail_multi_department(void **state)
{
	tu_env *e = *state;
	cJSON *d;
	char id[32];

	tu_intake(e, id);
	step(e, "classify", id);
	d = tu_ok(e, "assign",
	    "{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":[\"GAJ\",\"YBJ\"]}", id);
	assert_int_equal(tu_jint(d, "limit_days"), 5);
	assert_string_equal(tu_jstr(d, "due"), "2026-10-09");
	cJSON_Delete(d);
	step(e, "reply", id);
	tu_at(e, "2026-10-08T09:00");
	d = tu_ok(
	    e, "qc", "{\"id\":\"%s\",\"pass\":false,\"note\":\"重办\"}", id);
	assert_int_equal(tu_jint(d, "limit_days"), 5);
	assert_string_equal(tu_jstr(d, "due"), "2026-10-14");
	cJSON_Delete(d);
}

static void
test_unsatisfied_visit(void **state)
{
	static const char *const types[] = {"intake", "classify", "assign",
	    "reply", "qc", "visit", "redo", "reply", "qc", "visit", "close",
	    NULL};
	tu_env *e = *state;
	const char *msg;
	cJSON *d;
	char id[32];

	reach(e, 6, id); /* checked */
	d = tu_ok(e, "visit",
	    "{\"id\":\"%s\",\"satisfaction\":\"不满意\",\"note\":\"未解决\"}",
	    id);
	assert_string_equal(tu_jstr(d, "satisfaction"), "unsatisfied");
	cJSON_Delete(d);

	msg = tu_refused(e, YOUSU_STATE, "close", "{\"id\":\"%s\"}", id);
	tu_has(msg, id);
	tu_has(msg, "not satisfied");
	tu_has(msg, "redo");

	tu_at(e, "2026-09-28T09:00");
	d = tu_ok(e, "redo", "{\"id\":\"%s\",\"reason\":\"群众不满意\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "assigned");
	assert_int_equal(tu_jint(d, "redos"), 1);
	assert_int_equal(tu_jint(d, "redo_at"), e->now);
	assert_string_equal(tu_jstr(d, "redo_reason"), "群众不满意");
	/* Mon 09-28 + 3: 09-29, 09-30, 10-08 */
	assert_string_equal(tu_jstr(d, "due"), "2026-10-08");
	cJSON_Delete(d);

	step(e, "reply", id);
	step(e, "qc", id);
	step(e, "visit", id);
	d = tu_ok(e, "close", "{\"id\":\"%s\"}", id);
	assert_string_equal(tu_jstr(d, "status"), "closed");
	assert_string_equal(tu_jstr(d, "satisfaction"), "satisfied");
	cJSON_Delete(d);
	expect_events(e, id, types);
	tu_check_store(e);
}

/* Departments act on what is assigned to them: the lead and the
 * co-handling units sign for it, co-handlers answer the lead, the lead
 * asks for an extension and the supervisor grants it; a new round after
 * a failed quality check is signed for anew. */
static void
test_department_actions(void **state)
{
	tu_env *e = *state;
	const char *msg;
	cJSON *d;
	char id[32];

	tu_intake(e, id);
	step(e, "classify", id);
	/* no one has signed for a complaint not assigned yet */
	tu_refused(
	    e, YOUSU_STATE, "accept", "{\"id\":\"%s\",\"dept\":\"SCJ\"}", id);
	cJSON_Delete(tu_ok(e, "assign",
	    "{\"id\":\"%s\",\"lead\":\"SCJ\",\"co\":[\"RSJ\",\"SWJ\"]}", id));
	msg = tu_refused(e, YOUSU_NOTFOUND, "accept",
	    "{\"id\":\"%s\",\"dept\":\"NOPE\"}", id);
	tu_has(msg, "NOPE");
	msg = tu_refused(
	    e, YOUSU_STATE, "accept", "{\"id\":\"%s\",\"dept\":\"GAJ\"}", id);
	tu_has(msg, "GAJ");
	tu_has(msg, "SCJ");
	d = tu_ok(e, "accept", "{\"id\":\"%s\",\"dept\":\"SCJ\"}", id);
	assert_true(tu_jint(cJSON_GetObjectItem(d, "accepted"), "SCJ") > 0);
	cJSON_Delete(d);
	cJSON_Delete(
	    tu_ok(e, "accept", "{\"id\":\"%s\",\"dept\":\"RSJ\"}", id));
	tu_has(tu_refused(e, YOUSU_STATE, "accept",
	           "{\"id\":\"%s\",\"dept\":\"SCJ\"}", id),
	    "already signed");
	/* co-handlers answer the lead; the lead answers the complaint */
	tu_has(tu_refused(e, YOUSU_INVAL, "co_reply",
	           "{\"id\":\"%s\",\"dept\":\"SCJ\",\"result\":\"x\"}", id),
	    "yousuctl reply");
	d = tu_ok(e, "co_reply",
	    "{\"id\":\"%s\",\"dept\":\"RSJ\",\"result\":\"社保部分已核实\"}",
	    id);
	assert_string_equal(tu_jstr(d, "status"), "assigned");
	assert_string_equal(
	    tu_jstr(cJSON_GetObjectItem(
	                cJSON_GetObjectItem(d, "co_replies"), "RSJ"),
	        "result"),
	    "社保部分已核实");
	cJSON_Delete(d);
	tu_has(tu_refused(e, YOUSU_INVAL, "reply",
	           "{\"id\":\"%s\",\"dept\":\"RSJ\",\"kind\":\"done\","
	           "\"result\":\"x\"}",
	           id),
	    "lead");
	/* only the lead asks for more time; the supervisor grants it */
	tu_has(tu_refused(e, YOUSU_INVAL, "extend_request",
	           "{\"id\":\"%s\",\"dept\":\"SWJ\",\"days\":2,"
	           "\"reason\":\"r\"}",
	           id),
	    "lead department");
	d = tu_ok(e, "extend_request",
	    "{\"id\":\"%s\",\"dept\":\"SCJ\",\"days\":2,\"reason\":"
	    "\"需现场核实\"}",
	    id);
	assert_int_equal(
	    tu_jint(cJSON_GetObjectItem(d, "extension_request"), "days"), 2);
	cJSON_Delete(d);
	d = tu_ok(e, "extend",
	    "{\"id\":\"%s\",\"days\":2,\"approver\":\"王主任\","
	    "\"reason\":\"需现场核实\"}",
	    id);
	assert_null(cJSON_GetObjectItem(d, "extension_request"));
	cJSON_Delete(d);
	/* failed quality check: a new round, signed for and answered anew */
	step(e, "reply", id);
	cJSON_Delete(tu_ok(e, "qc",
	    "{\"id\":\"%s\",\"pass\":false,\"note\":\"未答复全部诉求\"}", id));
	d = tu_doc(e, id);
	assert_string_equal(tu_jstr(d, "status"), "assigned");
	assert_null(cJSON_GetObjectItem(d, "accepted"));
	assert_null(cJSON_GetObjectItem(d, "co_replies"));
	cJSON_Delete(d);
	cJSON_Delete(
	    tu_ok(e, "accept", "{\"id\":\"%s\",\"dept\":\"SCJ\"}", id));
	tu_check_store(e);
}

/* An answered complaint changes hands only back to the centre that
 * handed it here (the city returns it to its county for the visit); one
 * taken here never does. */
static void
test_replied_transfer(void **state)
{
	tu_env *e = *state;
	char id[32];

	reach(e, 4, id); /* replied, taken here */
	tu_has(tu_refused(e, YOUSU_STATE, "transfer",
	           "{\"id\":\"%s\",\"to\":\"SQ\",\"reason\":\"x\"}", id),
	    "goes back only to the centre that handed it here");
}

static void
test_extension(void **state)
{
	tu_env *e = *state;
	const char *msg;
	cJSON *d;
	char id[32];

	reach(e, 3, id); /* assigned, due 2026-09-30 */
	/* 10-01..07 National Day: 10-08, 10-09 */
	d = tu_ok(e, "extend",
	    "{\"id\":\"%s\",\"days\":2,\"approver\":\"王主任\","
	    "\"reason\":\"需现场核实\"}",
	    id);
	assert_string_equal(tu_jstr(d, "status"), "assigned");
	assert_string_equal(tu_jstr(d, "due"), "2026-10-09");
	assert_int_equal(tu_jint(d, "extended_days"), 2);
	cJSON_Delete(d);
	/* up to the cap of 5: Sat 10-10 (make-up day), 10-12, 10-13 */
	d = tu_ok(e, "extend",
	    "{\"id\":\"%s\",\"days\":3,\"approver\":\"王主任\","
	    "\"reason\":\"需协调\"}",
	    id);
	assert_string_equal(tu_jstr(d, "due"), "2026-10-13");
	assert_int_equal(tu_jint(d, "extended_days"), 5);
	assert_int_equal(tu_jint(d, "extensions"), 2);
	cJSON_Delete(d);

	msg = tu_refused(e, YOUSU_LIMIT, "extend",
	    "{\"id\":\"%s\",\"days\":1,\"approver\":\"王主任\","
	    "\"reason\":\"还需一天\"}",
	    id);
	tu_has(msg, "extend: ");
	tu_has(msg, "6");
	tu_has(msg, "allows 5 at most");
	tu_has(tu_refused(e, YOUSU_INVAL, "extend",
	           "{\"id\":\"%s\",\"days\":0,\"approver\":\"王\","
	           "\"reason\":\"x\"}",
	           id),
	    "0 is not a number of working days in 1..365");
	d = tu_doc(e, id);
	assert_string_equal(tu_jstr(d, "due"), "2026-10-13");
	cJSON_Delete(d);
	tu_check_store(e);
}

static void
test_extension_event(void **state)
{
	tu_env *e = *state;
	cJSON *events, *data;
	char id[32];

	reach(e, 3, id);
	/* one request beyond the cap is refused whole */
	tu_refused(e, YOUSU_LIMIT, "extend",
	    "{\"id\":\"%s\",\"days\":6,\"approver\":\"王主任\","
	    "\"reason\":\"x\"}",
	    id);
	step(e, "extend", id);
	events = tu_events(e, id);
	assert_int_equal(cJSON_GetArraySize(events), 4);
	data = cJSON_GetObjectItem(cJSON_GetArrayItem(events, 3), "data");
	assert_string_equal(tu_jstr(data, "approver"), "王主任");
	assert_string_equal(
	    tu_jstr(data, "approver_role"), "政务服务中心管理机构负责人");
	assert_string_equal(tu_jstr(data, "due"), "2026-10-08");
	cJSON_Delete(events);
}

/* An extension is approved before the deadline, not after it. */
static void
test_extension_before_deadline(void **state)
{
	tu_env *e = *state;
	const char *msg;
	cJSON *d;
	char id[32];

	reach(e, 3, id); /* assigned, due 2026-09-30 */
	tu_at(e, "2026-10-01T09:00");
	msg = tu_refused(e, YOUSU_STATE, "extend", good_args("extend"), id);
	tu_has(msg, "extend: ");
	tu_has(msg, "2026-09-30 has passed");
	/* on the due day itself it still can be */
	tu_at(e, "2026-09-30T17:00");
	d = tu_ok(e, "extend", good_args("extend"), id);
	assert_string_equal(tu_jstr(d, "due"), "2026-10-08");
	cJSON_Delete(d);
}

static void
test_reply_cannot(void **state)
{
	tu_env *e = *state;
	cJSON *d, *r;
	char id[32];

	reach(e, 3, id);
	tu_has(tu_refused(e, YOUSU_INVAL, "reply",
	           "{\"id\":\"%s\",\"kind\":\"cannot\",\"result\":\"办不了\"}",
	           id),
	    "reason");
	tu_has(tu_refused(e, YOUSU_INVAL, "reply",
	           "{\"id\":\"%s\",\"kind\":\"cannot\",\"result\":\"办不了\","
	           "\"reason\":\"超出职权\"}",
	           id),
	    "basis");
	tu_has(tu_refused(e, YOUSU_INVAL, "reply",
	           "{\"id\":\"%s\",\"kind\":\"否定答复\",\"result\":\"办不了\","
	           "\"basis\":\"《条例》第五条\"}",
	           id),
	    "needs the reason why it cannot be done");
	tu_has(tu_refused(e, YOUSU_INVAL, "reply",
	           "{\"id\":\"%s\",\"kind\":\"spot\",\"result\":\"x\"}", id),
	    "resolve");
	tu_has(tu_refused(e, YOUSU_INVAL, "reply",
	           "{\"id\":\"%s\",\"kind\":\"maybe\",\"result\":\"x\"}", id),
	    "done (已办理), cannot (否定答复), plan (解决方案)");

	d = tu_ok(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"否定答复\",\"result\":\"办不了\","
	    "\"reason\":\"超出职权\",\"basis\":\"《条例》第五条\"}",
	    id);
	r = cJSON_GetObjectItem(d, "reply");
	assert_string_equal(tu_jstr(r, "kind"), "cannot");
	assert_string_equal(tu_jstr(r, "reason"), "超出职权");
	assert_string_equal(tu_jstr(r, "basis"), "《条例》第五条");
	cJSON_Delete(d);
}

static void
test_reply_lead_only(void **state)
{
	tu_env *e = *state;
	const char *msg;
	cJSON *d;
	char id[32];

	tu_intake(e, id);
	step(e, "classify", id);
	cJSON_Delete(tu_ok(e, "assign",
	    "{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":[\"GAJ\"]}", id));
	msg = tu_refused(e, YOUSU_INVAL, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"x\","
	    "\"dept\":\"GAJ\"}",
	    id);
	tu_has(msg, "'GAJ' is not the lead department (RSJ)");
	d = tu_ok(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"x\","
	    "\"dept\":\"RSJ\"}",
	    id);
	assert_string_equal(
	    tu_jstr(cJSON_GetObjectItem(d, "reply"), "dept"), "RSJ");
	cJSON_Delete(d);
}

static void
test_assign_departments(void **state)
{
	tu_env *e = *state;
	cJSON *d;
	char id[32];

	tu_intake(e, id);
	step(e, "classify", id);
	tu_has(tu_refused(e, YOUSU_NOTFOUND, "assign",
	           "{\"id\":\"%s\",\"lead\":\"XYZ\"}", id),
	    "unknown department 'XYZ'");
	tu_has(tu_refused(e, YOUSU_NOTFOUND, "assign",
	           "{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":[\"GAJ\",\"NOPE\"]}",
	           id),
	    "unknown department 'NOPE'");
	tu_has(tu_refused(e, YOUSU_INVAL, "assign",
	           "{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":[\"RSJ\"]}", id),
	    "'RSJ' is the lead");
	/* a unit listed twice would count as two departments (and so get
	 * the longer multi-department limit) */
	tu_has(tu_refused(e, YOUSU_INVAL, "assign",
	           "{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":[\"GAJ\",\"GAJ\"]}",
	           id),
	    "co-handling unit 'GAJ' listed twice");
	tu_has(tu_refused(e, YOUSU_INVAL, "assign",
	           "{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":[\"MZJ\",\"GAJ\","
	           "\"MZJ\"]}",
	           id),
	    "co-handling unit 'MZJ' listed twice");
	tu_has(tu_refused(e, YOUSU_INVAL, "assign",
	           "{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":[7]}", id),
	    "field 'co' (协办单位) must be a list of texts");
	/* codes are exact: a lower-case code is another department */
	tu_refused(e, YOUSU_NOTFOUND, "assign",
	    "{\"id\":\"%s\",\"lead\":\"rsj\"}", id);
	d = tu_ok(e, "assign",
	    "{\"id\":\"%s\",\"lead\":\"HLZ-BM\",\"co\":[\"MZJ\"],"
	    "\"stub\":\"SQ-0042\"}",
	    id);
	assert_string_equal(tu_jstr(d, "lead"), "HLZ-BM");
	assert_string_equal(
	    cJSON_GetArrayItem(cJSON_GetObjectItem(d, "co"), 0)->valuestring,
	    "MZJ");
	assert_string_equal(tu_jstr(d, "stub"), "SQ-0042");
	cJSON_Delete(d);
}

/* Stub numbers (交办单存根号) count per store, skipping none. */
static void
test_stub_numbers(void **state)
{
	tu_env *e = *state;
	char a[32], b[32];
	cJSON *d;

	reach(e, 2, a);
	reach(e, 2, b);
	tu_refused(
	    e, YOUSU_NOTFOUND, "assign", "{\"id\":\"%s\",\"lead\":\"XYZ\"}", a);
	d = tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", b);
	assert_string_equal(tu_jstr(d, "stub"), "000001");
	cJSON_Delete(d);
	d = tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", a);
	assert_string_equal(tu_jstr(d, "stub"), "000002");
	cJSON_Delete(d);

	/* a number written by hand on a paper form: once only, and the
	 * counter steps over it */
	reach(e, 2, a);
	reach(e, 2, b);
	d = tu_ok(e, "assign",
	    "{\"id\":\"%s\",\"lead\":\"SCJ\",\"stub\":\"000003\"}", a);
	assert_string_equal(tu_jstr(d, "stub"), "000003");
	cJSON_Delete(d);
	tu_has(tu_refused(e, YOUSU_INVAL, "assign",
	           "{\"id\":\"%s\",\"lead\":\"SCJ\",\"stub\":\"000001\"}", b),
	    "stub number NO.000001 is already on the 交办单 of ");
	assert_string_equal(tu_status(e, b), "classified");
	/* a blank stub number is not given: the next one */
	d = tu_ok(
	    e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\",\"stub\":\" \"}", b);
	assert_string_equal(tu_jstr(d, "stub"), "000004");
	cJSON_Delete(d);
}

/* --- refusals store nothing ---------------------------------------- */

static void
expect_unchanged(tu_env *e, const char *id, yousu_err want, const char *cmd,
    const char *args)
{
	cJSON *before = tu_doc(e, id), *after, *ev;
	int nev = cJSON_GetArraySize(ev = tu_events(e, id));

	cJSON_Delete(ev);
	tu_refused(e, want, cmd, args, id);
	after = tu_doc(e, id);
	assert_true(cJSON_Compare(before, after, 1));
	ev = tu_events(e, id);
	assert_int_equal(cJSON_GetArraySize(ev), nev);
	cJSON_Delete(ev);
	cJSON_Delete(before);
	cJSON_Delete(after);
}

static void
test_failure_stores_nothing(void **state)
{
	tu_env *e = *state;
	char id[32];

	reach(e, 3, id); /* assigned */
	expect_unchanged(e, id, YOUSU_LIMIT, "extend",
	    "{\"id\":\"%s\",\"days\":9,\"approver\":\"a\",\"reason\":\"b\"}");
	expect_unchanged(e, id, YOUSU_INVAL, "reply",
	    "{\"id\":\"%s\",\"kind\":\"cannot\",\"result\":\"x\"}");
	expect_unchanged(e, id, YOUSU_STATE, "close", "{\"id\":\"%s\"}");
	expect_unchanged(e, id, YOUSU_INVAL, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"x\","
	    "\"colour\":\"red\"}");
	reach(e, 2, id); /* classified */
	expect_unchanged(e, id, YOUSU_NOTFOUND, "assign",
	    "{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":[\"NOPE\"]}");
	tu_check_store(e);
}

/* An assignment whose deadline runs past the calendar is not refused:
 * its due date is counted Monday to Friday and marked provisional, with
 * the calendar version, the day counted from and the limit in the log;
 * one within the calendar is not provisional. */
static void
test_assign_past_calendar(void **state)
{
	tu_env *e = *state;
	char id[32], late[32];
	cJSON *d, *ev;

	tu_at(e, "2026-12-30T09:00");
	reach(e, 2, id);
	d = tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"RSJ\"}", id);
	/* 3 working days: 12-31, (01-01 excepted), 01-04, 01-05 */
	assert_string_equal(tu_jstr(d, "due"), "2027-01-05");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(d, "due_provisional")));
	assert_string_equal(tu_jstr(d, "calendar"),
	    yousu_calendar_version(yousu_wf_calendar(e->wf)));
	assert_string_equal(tu_jstr(d, "stub"), "000001");
	cJSON_Delete(d);
	ev = tu_last_data(e, id, "assign");
	assert_string_equal(tu_jstr(ev, "due_from"), "2026-12-30");
	assert_int_equal(tu_jint(ev, "limit_days"), 3);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(ev, "due_provisional")));
	cJSON_Delete(ev);

	tu_at(e, "2026-12-01T09:00");
	reach(e, 2, late);
	d = tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"RSJ\"}", late);
	assert_string_equal(tu_jstr(d, "due"), "2026-12-04");
	assert_null(cJSON_GetObjectItem(d, "due_provisional"));
	cJSON_Delete(d);
	tu_check_store(e);
}

/* --- the 12345 交办单's own terms (issue 12, point 6) ---------------- */

/* A hotline complaint registered at local time s with the form's
 * 办理时限 and feedback days. */
static void
hotline_intake(tu_env *e, const char *s, int limit, int feedback, char id[32])
{
	cJSON *d;

	tu_at(e, s);
	d = tu_ok(e, "intake",
	    "{\"source\":\"hotline\",\"name\":\"王某某\","
	    "\"phone\":\"13800000001\",\"content\":\"营业执照变更未办\","
	    "\"hotline_no\":\"ZK1\",\"time_limit_days\":%d,"
	    "\"feedback_within_days\":%d,\"lead_unit\":"
	    "\"沈丘县市场监督管理局\","
	    "\"co_units\":[\"沈丘县人力资源和社会保障局\"]}",
	    limit, feedback);
	snprintf(id, 32, "%s", tu_jstr(d, "id"));
	cJSON_Delete(d);
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", id));
}

/* The form's 办理时限 binds the deadline, counted from the day the centre
 * took it; the profile's applies only when it ends sooner. */
static void
test_hotline_limit(void **state)
{
	tu_env *e = *state;
	char a[32], b[32];
	cJSON *d;

	/* taken Mon 10-12 with 2 days: 10-13, 10-14; assigned 10-13, the
	 * profile's 3 days would end 10-16 */
	hotline_intake(e, "2026-10-12T09:00", 2, 3, a);
	tu_at(e, "2026-10-13T09:00");
	d = tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", a);
	assert_string_equal(tu_jstr(d, "due"), "2026-10-14");
	assert_int_equal(tu_jint(d, "limit_days"), 2);
	assert_string_equal(tu_jstr(d, "due_from"), "2026-10-12");
	cJSON_Delete(d);
	d = tu_last_data(e, a, "assign");
	assert_string_equal(tu_jstr(d, "limit_source"), "hotline");
	cJSON_Delete(d);
	/* a form allowing 10 days: the profile's 3 end sooner */
	hotline_intake(e, "2026-10-12T10:00", 10, 3, b);
	d = tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", b);
	assert_string_equal(tu_jstr(d, "due"), "2026-10-15");
	assert_int_equal(tu_jint(d, "limit_days"), 3);
	cJSON_Delete(d);
	/* a form's limit out of range is refused by name */
	tu_has(tu_refused(e, YOUSU_INVAL, "intake",
	           "{\"source\":\"hotline\",\"anonymous\":true,"
	           "\"content\":\"x\",\"time_limit_days\":0}"),
	    "field 'time_limit_days' (办理时限（12345交办单）): 0 is not a "
	    "number of working days in 1..60");
	tu_check_store(e);
}

/* The caller is told the outcome within the form's N working days: the
 * due date kept from intake, a callback records whether in time, and the
 * scheduler urges one that did not come (a return visit counts). */
static void
test_hotline_callback(void **state)
{
	tu_env *e = *state;
	char a[32], b[32], c[32];
	int fired;
	cJSON *d;

	/* taken Mon 10-12, 3 days: 10-13, 14, 15 */
	hotline_intake(e, "2026-10-12T09:00", 5, 3, a);
	hotline_intake(e, "2026-10-12T09:10", 5, 3, b);
	hotline_intake(e, "2026-10-12T09:20", 5, 3, c);
	d = tu_doc(e, a);
	assert_string_equal(tu_jstr(d, "callback_due"), "2026-10-15");
	assert_string_equal(tu_jstr(d, "lead_unit"), "沈丘县市场监督管理局");
	cJSON_Delete(d);
	tu_at(e, "2026-10-14T10:00");
	d = tu_ok(
	    e, "callback", "{\"id\":\"%s\",\"note\":\"电话告知办理进展\"}", a);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(d, "callback_on_time")));
	cJSON_Delete(d);
	tu_at(e, "2026-10-16T09:00");
	assert_int_equal(
	    yousu_wf_tick(e->wf, &fired, e->err, sizeof e->err), YOUSU_OK);
	d = tu_last_data(e, b, "urge_callback");
	assert_string_equal(tu_jstr(d, "due_on"), "2026-10-16");
	assert_string_equal(tu_jstr(d, "callback_due"), "2026-10-15");
	cJSON_Delete(d);
	d = tu_ok(e, "callback", "{\"id\":\"%s\",\"note\":\"告知结果\"}", b);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(d, "callback_on_time")));
	cJSON_Delete(d);
	/* c: urged once, not again */
	d = tu_doc(e, c);
	assert_true(cJSON_HasObjectItem(d, "callback_urged_at"));
	cJSON_Delete(d);
	tu_at(e, "2026-10-19T09:00");
	assert_int_equal(
	    yousu_wf_tick(e->wf, &fired, e->err, sizeof e->err), YOUSU_OK);
	d = tu_events(e, c);
	assert_int_equal(cJSON_GetArraySize(d), 3); /* intake classify urge */
	cJSON_Delete(d);
	tu_check_store(e);
}

/* --- the store equals the replay of its log ------------------------ */

static void
test_store_check(void **state)
{
	tu_env *e = *state;
	char a[32], b[32], c[32], err[256] = "", sql[256];
	int fired;

	reach(e, 8, a); /* closed */
	reach(e, 5, b); /* spot */
	step(e, "visit", b);
	reach(e, 1, c); /* rejected */
	reach(e, 3, c);
	step(e, "extend", c);
	tu_at(e, "2026-10-12T09:00");
	assert_int_equal(
	    yousu_wf_tick(e->wf, &fired, err, sizeof(err)), YOUSU_OK);
	assert_true(fired > 0);
	step(e, "reply", c);
	cJSON_Delete(tu_ok(
	    e, "qc", "{\"id\":\"%s\",\"pass\":false,\"note\":\"重办\"}", c));
	tu_check_store(e);

	/* and the check does notice a state that its log does not give */
	snprintf(sql, sizeof(sql),
	    "UPDATE complaints SET doc = json_set(doc, '$.status', 'closed')"
	    " WHERE id = '%s'",
	    c);
	tu_sql(e, sql);
	assert_int_equal(
	    yousu_complaint_check(e->st, err, sizeof(err)), YOUSU_STATE);
	tu_has(err, c);
}

/* Only the owning centre moves a complaint's workflow. */
static void
test_owner_only(void **state)
{
	tu_env *e = *state;
	char id[32], sql[256];

	reach(e, 3, id);
	snprintf(sql, sizeof(sql),
	    "UPDATE complaints SET doc = json_set(doc, '$.owner', 'XC')"
	    " WHERE id = '%s'",
	    id);
	tu_sql(e, sql);
	tu_has(tu_refused(e, YOUSU_STATE, "reply", good_args("reply"), id),
	    "owned by XC");
}

/* 004 第六条's visit rounds: a sample is the same for the same seed, of
 * distinct items, and another seed gives another */
static void
test_round_sample(void **state)
{
	int a[100], b[100], seen[100] = {0};

	(void) state;
	for (int i = 0; i < 100; i++)
		a[i] = b[i] = i;
	yousu_round_sample(a, 100, 10, 42);
	yousu_round_sample(b, 100, 10, 42);
	assert_memory_equal(a, b, sizeof a);
	for (int i = 0; i < 100; i++)
		seen[a[i]]++;
	for (int i = 0; i < 100; i++)
		assert_int_equal(seen[i], 1); /* still a permutation */
	for (int i = 0; i < 100; i++)
		b[i] = i;
	yousu_round_sample(b, 100, 10, 43);
	assert_memory_not_equal(a, b, 10 * sizeof *a);
	/* k past n: every item, none lost */
	for (int i = 0; i < 3; i++)
		a[i] = i;
	yousu_round_sample(a, 3, 5, 1);
	assert_int_equal(a[0] + a[1] + a[2], 3);
	assert_true(a[0] != a[1] && a[1] != a[2] && a[0] != a[2]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_legal_transitions, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_department_actions, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_replied_transfer, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_illegal_transitions, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_refusal_hints, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_happy_path, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_on_the_spot, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_on_the_spot_no_qc, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(test_reject, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_qc_fail, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_qc_fail_multi_department, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_unsatisfied_visit, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_extension, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_extension_event, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_extension_before_deadline, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_reply_cannot, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_reply_lead_only, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_assign_departments, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_stub_numbers, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_failure_stores_nothing, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_assign_past_calendar, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_hotline_limit, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_hotline_callback, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_store_check, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_owner_only, tu_setup, tu_teardown),
	    cmocka_unit_test(test_round_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
