/* yousu — unit tests for the scheduler (common/sched.c): 催办 before
 * due, 督办 when overdue, 通报 when supervision gets no reply (seed 002
 * 第九条), with the Shenqiu profile: remind 1 working day before due,
 * notify 2 working days after supervision, cc 县纪委监委, report to
 * 县人民政府. Escalations happen on working days only. The clock walks
 * over the 2026 Mid-Autumn and National Day holidays (09-25..27,
 * 10-01..07; Sat 10-10 is a make-up working day). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

/* Tick at local time s; the number of events written. */
static int
tick(tu_env *e, const char *s)
{
	int fired = -1;

	tu_at(e, s);
	if (yousu_wf_tick(e->wf, &fired, e->err, sizeof(e->err)) != YOUSU_OK)
		fail_msg("tick at %s: %s", s, e->err);
	return fired;
}

/* A complaint assigned at local time s to one department. */
static void
assigned_at(tu_env *e, const char *s, char id[32])
{
	cJSON *d;

	tu_at(e, s);
	tu_intake(e, id);
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", id));
	d = tu_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", id);
	cJSON_Delete(d);
}

static void
reply(tu_env *e, const char *s, const char *id)
{
	tu_at(e, s);
	cJSON_Delete(tu_ok(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"已办结\"}", id));
}

/* The event types of id's log after the first `skip`, space-joined. */
static char *
types_after(tu_env *e, const char *id, int skip)
{
	static char buf[512];
	cJSON *events = tu_events(e, id), *ev;
	size_t off = 0;
	int n = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach (ev, events) {
		if (n++ >= skip)
			off += (size_t) snprintf(buf + off, sizeof(buf) - off,
			    "%s%s", off ? " " : "", tu_jstr(ev, "type"));
	}
	cJSON_Delete(events);
	return buf;
}

/* The data of id's last event; its type must be want. */
static cJSON *
last_event(tu_env *e, const char *id, const char *want)
{
	cJSON *events = tu_events(e, id);
	cJSON *last =
	    cJSON_GetArrayItem(events, cJSON_GetArraySize(events) - 1);
	cJSON *data;

	assert_string_equal(tu_jstr(last, "type"), want);
	assert_string_equal(tu_jstr(last, "actor"), "scheduler");
	assert_int_equal(tu_jint(last, "at"), e->now);
	data = cJSON_DetachItemFromObject(last, "data");
	cJSON_Delete(events);
	return data;
}

static void
day_string(const char *from, int i, const char *hhmm, char out[32])
{
	char ymd[11];

	yousu_date_format(tu_date(from) + i, ymd);
	snprintf(out, 32, "%sT%s", ymd, hhmm);
}

/* Day by day, twice a day, from assignment to well past the notice. */
static void
test_escalation_calendar(void **state)
{
	static const struct {
		const char *day, *type;
	} want[] = {
	    {"2026-09-29", "remind"}, /* 1 working day before 09-30 */
	    /* 10-01..10-07 are holidays: the first working day past due */
	    {"2026-10-08", "supervise"},
	    {"2026-10-10", "notice"}, /* 10-09, Sat 10-10 (make-up): 2 */
	};
	tu_env *e = *state;
	char id[32], when[32];
	cJSON *d;

	assigned_at(e, "2026-09-24T09:00", id);
	d = tu_doc(e, id);
	assert_string_equal(tu_jstr(d, "due"), "2026-09-30");
	cJSON_Delete(d);
	for (int i = 0; i < 30; i++) {
		for (int half = 0; half < 2; half++) {
			const char *expect = NULL;
			int fired;

			day_string(
			    "2026-09-24", i, half ? "18:00" : "09:00", when);
			for (size_t k = 0; k < 3; k++)
				if (half == 0 &&
				    strncmp(when, want[k].day, 10) == 0)
					expect = want[k].type;
			fired = tick(e, when);
			if (fired != (expect ? 1 : 0))
				fail_msg("%s: %d events fired, want %s", when,
				    fired, expect ? expect : "none");
			if (expect)
				cJSON_Delete(last_event(e, id, expect));
		}
	}
	assert_string_equal(types_after(e, id, 3), "remind supervise notice");
	d = tu_doc(e, id);
	assert_int_equal(tu_jint(d, "reminders"), 1);
	assert_int_equal(tu_jint(d, "supervisions"), 1);
	assert_int_equal(tu_jint(d, "notices"), 1);
	assert_string_equal(tu_jstr(d, "status"), "assigned");
	cJSON_Delete(d);
}

static void
test_event_data(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *data, *d;
	int64_t t_remind, t_sup;

	assigned_at(e, "2026-09-24T09:00", id);
	assert_int_equal(tick(e, "2026-09-29T08:30"), 1);
	t_remind = e->now;
	data = last_event(e, id, "remind");
	assert_int_equal(tu_jint(data, "days_left"), 1);
	assert_string_equal(tu_jstr(data, "due"), "2026-09-30");
	cJSON_Delete(data);

	/* past due from 10-01, but nothing happens on a holiday */
	for (int i = 0; i < 7; i++) {
		char when[32];

		day_string("2026-10-01", i, "08:30", when);
		if (tick(e, when) != 0)
			fail_msg("%s: an escalation on a holiday", when);
	}
	assert_int_equal(tick(e, "2026-10-08T08:30"), 1);
	t_sup = e->now;
	data = last_event(e, id, "supervise");
	assert_string_equal(tu_jstr(data, "due"), "2026-09-30");
	/* 10-08 is the first working day lost */
	assert_int_equal(tu_jint(data, "overdue_days"), 1);
	cJSON_Delete(data);

	assert_int_equal(tick(e, "2026-10-09T08:30"), 0);
	assert_int_equal(tick(e, "2026-10-10T08:30"), 1); /* Sat, make-up */
	data = last_event(e, id, "notice");
	assert_string_equal(tu_jstr(data, "cc"), "县纪委监委");
	assert_string_equal(tu_jstr(data, "report_to"), "县人民政府");
	assert_string_equal(tu_jstr(data, "due"), "2026-09-30");
	cJSON_Delete(data);

	d = tu_doc(e, id);
	assert_int_equal(tu_jint(d, "reminded_at"), t_remind);
	assert_int_equal(tu_jint(d, "supervised_at"), t_sup);
	assert_int_equal(tu_jint(d, "notified_at"), e->now);
	cJSON_Delete(d);
}

/* Supervision the day after due when that day is a working day, with
 * the lost day counted. */
static void
test_supervise_next_working_day(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *data, *d;

	/* Mon 10-12 + 3: 10-13, 10-14, 10-15 */
	assigned_at(e, "2026-10-12T09:00", id);
	d = tu_doc(e, id);
	assert_string_equal(tu_jstr(d, "due"), "2026-10-15");
	cJSON_Delete(d);
	assert_int_equal(tick(e, "2026-10-13T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-14T09:00"), 1);
	cJSON_Delete(last_event(e, id, "remind"));
	assert_int_equal(tick(e, "2026-10-15T23:59"), 0);
	assert_int_equal(tick(e, "2026-10-16T00:00"), 1);
	data = last_event(e, id, "supervise");
	assert_int_equal(tu_jint(data, "overdue_days"), 1);
	cJSON_Delete(data);
	/* Sat 10-17, Sun 10-18 do not count: notice on Tue 10-20 */
	assert_int_equal(tick(e, "2026-10-19T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-20T09:00"), 1);
	cJSON_Delete(last_event(e, id, "notice"));
}

static void
test_reply_before_due(void **state)
{
	tu_env *e = *state;
	char a[32], b[32], when[32];
	cJSON *d;

	assigned_at(e, "2026-09-24T09:00", a);
	assigned_at(e, "2026-09-24T10:00", b);
	reply(e, "2026-09-24T16:00", a); /* before any reminder */
	assert_int_equal(tick(e, "2026-09-29T09:00"), 1); /* b only */
	reply(e, "2026-09-29T10:00", b); /* after its reminder */
	for (int i = 0; i < 40; i++) {
		day_string("2026-09-29", i, "12:00", when);
		if (tick(e, when) != 0)
			fail_msg("%s: an answered complaint escalated", when);
	}
	assert_string_equal(types_after(e, a, 3), "reply");
	assert_string_equal(types_after(e, b, 3), "remind reply");
	d = tu_doc(e, b);
	assert_int_equal(
	    yousu_wf_overdue_days(e->wf, d, tu_date("2026-11-30"), NULL), 0);
	cJSON_Delete(d);
}

/* A reply after supervision stops the notice; its lateness stays. */
static void
test_reply_after_supervision(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *d;

	assigned_at(e, "2026-09-24T09:00", id);
	assert_int_equal(tick(e, "2026-10-01T09:00"), 0); /* a holiday */
	/* the reminder that fell due on 09-29, then the supervision */
	assert_int_equal(tick(e, "2026-10-08T09:00"), 2);
	cJSON_Delete(last_event(e, id, "supervise"));
	reply(e, "2026-10-08T11:00", id);
	assert_int_equal(tick(e, "2026-10-09T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-10T09:00"), 0); /* notice day */
	assert_int_equal(tick(e, "2026-10-20T09:00"), 0);
	d = tu_doc(e, id);
	assert_int_equal(
	    yousu_wf_overdue_days(e->wf, d, tu_date("2026-10-20"), NULL), 1);
	assert_int_equal(tu_jint(d, "notices"), -1);
	cJSON_Delete(d);
}

static void
test_overdue_days(void **state)
{
	static const struct {
		const char *today;
		int late;
	} want[] = {
	    {"2026-09-24", 0},
	    {"2026-09-30", 0},
	    {"2026-10-01", 0},
	    {"2026-10-07", 0},
	    {"2026-10-08", 1},
	    {"2026-10-09", 2},
	    {"2026-10-10", 3}, /* make-up working day */
	    {"2026-10-11", 3},
	    {"2026-10-12", 4},
	};
	tu_env *e = *state;
	char id[32], spot[32];
	cJSON *d;

	assigned_at(e, "2026-09-24T09:00", id);
	d = tu_doc(e, id);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (yousu_wf_overdue_days(
		        e->wf, d, tu_date(want[i].today), NULL) != want[i].late)
			fail_msg("on %s: want %d overdue working days, got %d",
			    want[i].today, want[i].late,
			    yousu_wf_overdue_days(
			        e->wf, d, tu_date(want[i].today), NULL));
	cJSON_Delete(d);

	/* answered on 10-12: 4 working days late, for good */
	reply(e, "2026-10-12T17:00", id);
	d = tu_doc(e, id);
	assert_int_equal(
	    yousu_wf_overdue_days(e->wf, d, tu_date("2026-10-12"), NULL), 4);
	assert_int_equal(
	    yousu_wf_overdue_days(e->wf, d, tu_date("2026-12-31"), NULL), 4);
	cJSON_Delete(d);

	/* no due date, no lateness */
	tu_intake(e, spot);
	d = tu_doc(e, spot);
	assert_int_equal(
	    yousu_wf_overdue_days(e->wf, d, tu_date("2026-12-31"), NULL), 0);
	cJSON_Delete(d);
}

/* Lateness adds up over rounds: a late reply returned for redo, then
 * late again. */
static void
test_lateness_over_rounds(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *d, *r;

	assigned_at(e, "2026-09-24T09:00", id); /* due 09-30 */
	reply(e, "2026-10-09T10:00", id);       /* 10-08, 10-09: 2 late */
	d = tu_doc(e, id);
	r = cJSON_GetObjectItem(d, "reply");
	assert_int_equal(tu_jint(r, "late_days"), 2);
	assert_int_equal(
	    yousu_wf_overdue_days(e->wf, d, tu_date("2026-10-30"), NULL), 2);
	cJSON_Delete(d);
	/* Fri 10-09 + 3: Sat 10-10 (make-up), 10-12, 10-13 */
	d = tu_ok(
	    e, "qc", "{\"id\":\"%s\",\"pass\":false,\"note\":\"重办\"}", id);
	assert_string_equal(tu_jstr(d, "due"), "2026-10-13");
	/* the open round is on time so far; the first round's 2 remain */
	assert_int_equal(
	    yousu_wf_overdue_days(e->wf, d, tu_date("2026-10-13"), NULL), 2);
	/* and grows with the new round's lateness */
	assert_int_equal(
	    yousu_wf_overdue_days(e->wf, d, tu_date("2026-10-15"), NULL), 4);
	cJSON_Delete(d);
	reply(e, "2026-10-14T10:00", id); /* 1 more */
	d = tu_doc(e, id);
	assert_int_equal(
	    tu_jint(cJSON_GetObjectItem(d, "reply"), "late_days"), 1);
	assert_int_equal(
	    yousu_wf_overdue_days(e->wf, d, tu_date("2026-12-31"), NULL), 3);
	cJSON_Delete(d);
}

/* After a long pause (a clock jump, a daemon that was down from 09-24
 * to 10-20) every step that fell due is taken in one run, in order, each
 * with the day it fell due: 催办 09-29, 督办 10-08, 通报 10-10. */
static void
test_clock_jump(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *data;

	assigned_at(e, "2026-09-24T09:00", id); /* due 09-30 */
	assert_int_equal(tick(e, "2026-10-20T09:00"), 3);
	assert_string_equal(types_after(e, id, 3), "remind supervise notice");
	data = tu_last_data(e, id, "remind");
	assert_string_equal(tu_jstr(data, "due_on"), "2026-09-29");
	cJSON_Delete(data);
	data = tu_last_data(e, id, "supervise");
	assert_string_equal(tu_jstr(data, "due_on"), "2026-10-08");
	/* 10-08, 09, 10 (Sat, make-up), 12..16, 19, 20 */
	assert_int_equal(tu_jint(data, "overdue_days"), 10);
	cJSON_Delete(data);
	/* 2 working days after 10-08: 10-09, Sat 10-10 (make-up) */
	data = tu_last_data(e, id, "notice");
	assert_string_equal(tu_jstr(data, "due_on"), "2026-10-10");
	cJSON_Delete(data);
	assert_int_equal(tick(e, "2026-10-21T09:00"), 0);
	data = tu_doc(e, id);
	assert_int_equal(tu_jint(data, "reminders"), 1);
	cJSON_Delete(data);
	tu_check_store(e);
}

/* One profile's chain after a long pause: the complaint's steps, taken
 * in one run in order, each once, on the days they fell due. */
typedef struct {
	const char *profile, *classify, *assign;
	bool extend;       /* extended by a day before its due date */
	const char *chain; /* the steps expected, in order */
	int notice_days;   /* from 督办's day to 通报's */
} chain_case;

/* The due_on of id's step type. */
static yousu_date
due_on(tu_env *e, const char *id, const char *type)
{
	cJSON *d = tu_last_data(e, id, type);
	yousu_date on;

	assert_int_equal(yousu_date_parse(tu_jstr(d, "due_on"), &on), YOUSU_OK);
	cJSON_Delete(d);
	return on;
}

static void
profile_chain(tu_env *e, const chain_case *c)
{
	char id[32], want[256];
	yousu_date prev = 0, on, n;
	const char *p;
	bool prov;

	tu_use_profile(e, c->profile);
	tu_at(e, "2026-09-24T09:00");
	tu_intake(e, id);
	cJSON_Delete(
	    tu_ok(e, "classify", "{\"id\":\"%s\",%s}", id, c->classify));
	cJSON_Delete(tu_ok(e, "assign", "{\"id\":\"%s\",%s}", id, c->assign));
	if (c->extend)
		cJSON_Delete(tu_ok(e, "extend",
		    "{\"id\":\"%s\",\"days\":1,\"approver\":\"带班领导\","
		    "\"reason\":\"需会商\"}",
		    id));
	tick(e, "2026-10-30T09:00");
	snprintf(want, sizeof want, "%s", c->chain);
	assert_string_equal(types_after(e, id, c->extend ? 4 : 3), want);
	/* each fell due no later than the next, and by the day of the run */
	for (p = c->chain; *p; p += strcspn(p, " "), p += *p == ' ') {
		char type[32];

		snprintf(type, sizeof type, "%.*s", (int) strcspn(p, " "), p);
		on = due_on(e, id, type);
		assert_true(on >= prev && on <= tu_date("2026-10-30"));
		prev = on;
	}
	yousu_calendar_add_working_days(
	    e->cal, due_on(e, id, "supervise"), c->notice_days, &n, &prov);
	assert_int_equal(due_on(e, id, "notice"), n);
	assert_int_equal(tick(e, "2026-11-02T09:00"), 0); /* nothing twice */
	tu_check_store(e);
}

static void
test_profile_chains(void **state)
{
	static const chain_case cases[] = {
	    {"shenqiu", "\"category\":\"blocked\"", "\"lead\":\"SCJ\"", false,
	        "remind supervise notice", 2},
	    {"anyang-gxq", "\"category\":\"blocked\",\"class\":\"C\"",
	        "\"lead\":\"CK\"", false, "remind supervise notice", 2},
	    {"anyang-city", "\"category\":\"blocked\"", "\"lead\":\"ZWB\"",
	        false, "remind supervise notice", 1},
	    /* 003: the leading group after an extension */
	    {"pingyi", "\"category\":\"not_accepted\",\"level\":1",
	        "\"lead\":\"ZWB\"", true, "remind refer supervise notice", 1},
	    /* 004: 二级, the first feedback urged before all */
	    {"neixiang", "\"category\":\"not_accepted\",\"level\":2",
	        "\"lead\":\"YWG\"", false,
	        "urge_feedback remind supervise notice", 2},
	};
	tu_env *e = *state;

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		profile_chain(e, &cases[i]);
}

/* 003's same-day assignment: a complaint left unassigned for a long
 * pause is urged once, on the day it fell due. */
static void
test_urge_assign_after_pause(void **state)
{
	tu_env *e = *state;
	char id[32];

	tu_use_profile(e, "pingyi");
	tu_at(e, "2026-09-24T09:00");
	tu_intake(e, id);
	assert_int_equal(tick(e, "2026-10-20T09:00"), 1);
	/* assign_within_days 0: due the same day, urged the next working
	 * day, Fri 09-25... a holiday in 2026: Mon 09-28 */
	assert_int_equal(due_on(e, id, "urge_assign"), tu_date("2026-09-28"));
	assert_int_equal(tick(e, "2026-10-21T09:00"), 0);
}

static void
test_missed_day_waits(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *data;

	/* Tue 09-22 + 3: 09-23, 09-24, Mon 09-28 (09-25..27 off) */
	assigned_at(e, "2026-09-22T09:00", id);
	data = tu_doc(e, id);
	assert_string_equal(tu_jstr(data, "due"), "2026-09-28");
	cJSON_Delete(data);
	/* the reminder fell on Thu 09-24; no tick that day */
	assert_int_equal(tick(e, "2026-09-25T09:00"), 0);
	assert_int_equal(tick(e, "2026-09-26T09:00"), 0);
	assert_int_equal(tick(e, "2026-09-27T09:00"), 0);
	assert_int_equal(tick(e, "2026-09-28T09:00"), 1);
	data = last_event(e, id, "remind");
	assert_int_equal(tu_jint(data, "days_left"), 0);
	cJSON_Delete(data);
	assert_int_equal(tick(e, "2026-09-29T09:00"), 1);
	cJSON_Delete(last_event(e, id, "supervise"));
	/* the notice fell on Thu 10-08 (09-30, 10-08); no tick until Sun
	 * 10-11 */
	assert_int_equal(tick(e, "2026-10-11T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-12T09:00"), 1);
	cJSON_Delete(last_event(e, id, "notice"));
	assert_string_equal(types_after(e, id, 3), "remind supervise notice");
}

/* An extension moves the due date and arms the reminder again. */
static void
test_extension_rearms(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *d;

	assigned_at(e, "2026-09-24T09:00", id);
	assert_int_equal(tick(e, "2026-09-29T09:00"), 1);
	d = tu_ok(e, "extend",
	    "{\"id\":\"%s\",\"days\":2,\"approver\":\"王主任\","
	    "\"reason\":\"需现场核实\"}",
	    id);
	assert_string_equal(tu_jstr(d, "due"), "2026-10-09");
	cJSON_Delete(d);
	assert_int_equal(tick(e, "2026-09-30T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-01T09:00"), 0); /* not overdue */
	assert_int_equal(tick(e, "2026-10-07T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-08T09:00"), 1);
	cJSON_Delete(last_event(e, id, "remind"));
	assert_int_equal(tick(e, "2026-10-09T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-10T09:00"), 1);
	cJSON_Delete(last_event(e, id, "supervise"));
	assert_string_equal(
	    types_after(e, id, 3), "remind extend remind supervise");
}

/* A failed quality check starts a new round: remind, supervise and
 * notify again; the first times stay in the ledger. */
static void
test_new_round_after_qc_fail(void **state)
{
	tu_env *e = *state;
	char id[32];
	int64_t first_sup;
	cJSON *d;

	assigned_at(e, "2026-09-24T09:00", id);
	assert_int_equal(tick(e, "2026-10-01T09:00"), 0); /* a holiday */
	/* remind (fell due 09-29) and supervise */
	assert_int_equal(tick(e, "2026-10-08T09:00"), 2);
	first_sup = e->now;
	assert_int_equal(tick(e, "2026-10-09T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-10T09:00"), 1); /* notice */
	reply(e, "2026-10-10T15:00", id);
	d = tu_ok(
	    e, "qc", "{\"id\":\"%s\",\"pass\":false,\"note\":\"重办\"}", id);
	/* Sat 10-10 (make-up) + 3: 10-12, 10-13, 10-14 */
	assert_string_equal(tu_jstr(d, "due"), "2026-10-14");
	cJSON_Delete(d);
	assert_int_equal(tick(e, "2026-10-11T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-12T09:00"), 0); /* 2 left */
	assert_int_equal(tick(e, "2026-10-13T09:00"), 1);
	cJSON_Delete(last_event(e, id, "remind"));
	assert_int_equal(tick(e, "2026-10-14T09:00"), 0); /* due today */
	assert_int_equal(tick(e, "2026-10-15T09:00"), 1);
	d = last_event(e, id, "supervise");
	/* the first round's 3 (10-08, 10-09, 10-10) and this round's 1 */
	assert_int_equal(tu_jint(d, "overdue_days"), 4);
	cJSON_Delete(d);
	/* 10-16, then the weekend: the notice waits for Mon 10-19 */
	assert_int_equal(tick(e, "2026-10-16T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-17T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-18T09:00"), 0);
	assert_int_equal(tick(e, "2026-10-19T09:00"), 1);
	cJSON_Delete(last_event(e, id, "notice"));
	d = tu_doc(e, id);
	assert_int_equal(tu_jint(d, "supervisions"), 2);
	assert_int_equal(tu_jint(d, "notices"), 2);
	assert_int_equal(tu_jint(d, "reminders"), 2);
	assert_int_equal(tu_jint(d, "supervised_at"), first_sup);
	cJSON_Delete(d);
}

/* One tick serves every assigned complaint, each on its own dates, and
 * only assigned ones. */
static void
test_many(void **state)
{
	tu_env *e = *state;
	char a[32], b[32], c[32], idle[32];
	char err[256] = "";
	cJSON *d;

	assigned_at(e, "2026-09-24T09:00", a); /* due 09-30 */
	assigned_at(e, "2026-09-28T09:00", b); /* due 10-08 */
	assigned_at(e, "2026-09-29T09:00", c); /* due 10-09 */
	tu_intake(e, idle);
	assert_int_equal(tick(e, "2026-09-29T12:00"), 1); /* a reminded */
	/* a is overdue and b has one working day left (10-08) since 09-30,
	 * a day without a tick, but nothing happens on the holidays */
	for (int i = 0; i < 7; i++) {
		char when[32];

		day_string("2026-10-01", i, "12:00", when);
		if (tick(e, when) != 0)
			fail_msg("%s: an escalation on a holiday", when);
	}
	/* a supervised; b reminded on its due day; c has one day left */
	assert_int_equal(tick(e, "2026-10-08T12:00"), 3);
	d = last_event(e, b, "remind");
	assert_int_equal(tu_jint(d, "days_left"), 0);
	cJSON_Delete(d);
	/* b supervised; a has 1 working day since supervision; c is due */
	assert_int_equal(tick(e, "2026-10-09T12:00"), 1);
	/* Sat 10-10 (make-up): a notified, c supervised */
	assert_int_equal(tick(e, "2026-10-10T12:00"), 2);
	assert_int_equal(tick(e, "2026-10-11T12:00"), 0); /* Sunday */
	/* b notified: 10-10, 10-12 */
	assert_int_equal(tick(e, "2026-10-12T12:00"), 1);
	assert_string_equal(types_after(e, a, 3), "remind supervise notice");
	assert_string_equal(types_after(e, b, 3), "remind supervise notice");
	assert_string_equal(types_after(e, c, 3), "remind supervise");
	assert_string_equal(types_after(e, idle, 0), "intake");
	if (yousu_complaint_check(e->st, err, sizeof(err)) != YOUSU_OK)
		fail_msg("store check: %s", err);
}

/* Replace the fixture's calendar with the file text, and reopen the
 * workflow on it. */
static void
use_calendar_text(tu_env *e, const char *text)
{
	yousu_calendar *cal, *old = e->cal;
	char path[192];
	FILE *f;

	snprintf(path, sizeof(path), "%s/calendar.ini", e->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	if (yousu_calendar_load(path, &cal, e->err, sizeof(e->err)) != YOUSU_OK)
		fail_msg("calendar: %s", e->err);
	unlink(path);
	e->cal = cal;
	tu_reopen(e);
	yousu_calendar_free(old);
}

/* Replace the fixture's calendar with the part of cn.ini from the
 * section `from` on, followed by extra. */
static void
use_calendar(tu_env *e, const char *from, const char *extra)
{
	static char text[8192];
	const char *start;
	size_t n;
	FILE *f = fopen(TU_CALENDAR, "r");

	assert_non_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	assert_true(n < sizeof(text) - 1);
	text[n] = '\0';
	start = strstr(text, from);
	assert_non_null(start);
	memmove(text, start, strlen(start) + 1);
	assert_true(strlen(text) + strlen(extra) < sizeof(text));
	strcat(text, extra);
	use_calendar_text(e, text);
}

/* The data of id's last event, which must be of type want and written by
 * the scheduler on provisional counting with the calendar's version. */
static void
expect_provisional(tu_env *e, const char *id, const char *want)
{
	cJSON *d = last_event(e, id, want);

	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(d, "provisional")));
	assert_string_equal(tu_jstr(d, "calendar"),
	    yousu_calendar_version(yousu_wf_calendar(e->wf)));
	cJSON_Delete(d);
}

static yousu_wf_recalc_result
recalc(tu_env *e, const char *s)
{
	yousu_wf_recalc_result r;

	tu_at(e, s);
	if (yousu_wf_recalc(e->wf, "测试日历", &r, e->err, sizeof e->err))
		fail_msg("recalc: %s", e->err);
	return r;
}

/* Past the end of the calendar nothing is skipped: 2027's days are
 * counted Monday to Friday (1 January excepted) and every step says it
 * is provisional. A [2027] that makes 01-04 a holiday then corrects the
 * due dates and the lateness by 期限调整 events, and notes the steps taken
 * on 01-04; the steps stay in the log. */
static void
test_calendar_ends(void **state)
{
	tu_env *e = *state;
	char a[32], b[32], c[32], idle[32];
	yousu_wf_recalc_result r;
	cJSON *d;

	assigned_at(e, "2026-12-24T09:00", a); /* 12-25, 28, 29 */
	assigned_at(e, "2026-12-28T09:00", b); /* 12-29, 30, 31 */
	assigned_at(e, "2026-12-30T09:00", c); /* 12-31, 01-04, 01-05 */
	d = tu_doc(e, c);
	assert_string_equal(tu_jstr(d, "due"), "2027-01-05");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(d, "due_provisional")));
	cJSON_Delete(d);
	tu_intake(e, idle);
	assert_int_equal(tick(e, "2026-12-28T09:00"), 1); /* a reminded */
	assert_int_equal(tick(e, "2026-12-30T09:00"), 2); /* a sup., b rem. */
	assert_int_equal(tick(e, "2027-01-01T09:00"), 0); /* New Year */
	/* Mon 01-04, provisionally a working day: a notified (12-31, 01-04
	 * after 督办), b supervised, c reminded */
	assert_int_equal(tick(e, "2027-01-04T09:00"), 3);
	expect_provisional(e, a, "notice");
	expect_provisional(e, b, "supervise");
	expect_provisional(e, c, "remind");
	d = tu_last_data(e, b, "supervise");
	assert_int_equal(tu_jint(d, "overdue_days"), 1);
	cJSON_Delete(d);
	/* b answered Tue 01-05: 2 working days late, provisionally */
	reply(e, "2027-01-05T10:00", b);
	d = tu_doc(e, b);
	assert_int_equal(tu_jint(d, "late_days"), 2);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(d, "late_provisional")));
	cJSON_Delete(d);
	tu_check_store(e);

	/* the (test) 2027 notice: 01-01..01-04 off */
	use_calendar(e, "[2025]", "[2027]\nholidays = 01-01..01-04\n");
	r = recalc(e, "2027-01-05T12:00");
	assert_int_equal(r.checked, 3); /* the idle one has no deadline */
	assert_int_equal(r.adjusted, 3);
	assert_int_equal(r.noted, 3); /* a's notice, b's 督办, c's 催办 */
	d = tu_last_data(e, c, "adjust");
	assert_string_equal(tu_jstr(d, "old_due"), "2027-01-05");
	assert_string_equal(tu_jstr(d, "due"), "2027-01-06");
	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(d, "due_provisional")));
	assert_string_equal(tu_jstr(d, "reason"), "测试日历");
	tu_has(tu_jstr(cJSON_GetArrayItem(cJSON_GetObjectItem(d, "steps"), 0),
	           "note"),
	    "按新日历，2027-01-04不是工作日");
	cJSON_Delete(d);
	d = tu_last_data(e, b, "adjust");
	assert_int_equal(tu_jint(d, "old_late_days"), 2);
	assert_int_equal(tu_jint(d, "late_days"), 1);
	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(d, "late_provisional")));
	assert_string_equal(tu_jstr(d, "due"), "2026-12-31");
	cJSON_Delete(d);
	d = tu_doc(e, b);
	assert_int_equal(tu_jint(d, "late_days"), 1);
	assert_null(cJSON_GetObjectItem(d, "late_provisional"));
	assert_null(cJSON_GetObjectItem(d, "steps_provisional"));
	assert_string_equal(tu_jstr(d, "calendar"),
	    yousu_calendar_version(yousu_wf_calendar(e->wf)));
	cJSON_Delete(d);
	/* the steps happened: they stay */
	assert_string_equal(
	    types_after(e, a, 3), "remind supervise notice adjust");
	assert_string_equal(
	    types_after(e, b, 3), "remind supervise reply adjust");
	assert_string_equal(types_after(e, idle, 0), "intake");
	tu_check_store(e);
	/* counted again under the same calendar: nothing to do */
	r = recalc(e, "2027-01-05T13:00");
	assert_int_equal(r.checked, 0);
	assert_int_equal(r.adjusted, 0);
}

/* An extension counted on from a provisional due date is provisional
 * and is counted again from the corrected one. */
static void
test_recalc_extension(void **state)
{
	tu_env *e = *state;
	yousu_wf_recalc_result r;
	char id[32];
	cJSON *d;

	assigned_at(e, "2026-12-28T09:00", id); /* 12-31 */
	tu_at(e, "2026-12-29T09:00");
	d = tu_ok(e, "extend",
	    "{\"id\":\"%s\",\"days\":3,\"approver\":\"张主任\","
	    "\"reason\":\"跨年\"}",
	    id);
	assert_string_equal(tu_jstr(d, "due"), "2027-01-06");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(d, "due_provisional")));
	cJSON_Delete(d);
	use_calendar(e, "[2025]", "[2027]\nholidays = 01-01..01-04\n");
	r = recalc(e, "2026-12-29T10:00");
	assert_int_equal(r.adjusted, 1);
	d = tu_doc(e, id);
	assert_string_equal(tu_jstr(d, "due"), "2027-01-07");
	assert_null(cJSON_GetObjectItem(d, "due_provisional"));
	assert_int_equal(tu_jint(d, "adjustments"), 1);
	cJSON_Delete(d);
	tu_check_store(e);
}

/* A correction of a year already loaded (a holiday added to 2026): the
 * lateness of a reply is counted again although nothing was provisional,
 * and a complaint the change does not touch gets no event. */
static void
test_recalc_correction(void **state)
{
	tu_env *e = *state;
	yousu_wf_recalc_result r;
	char id[32], other[32];
	cJSON *d;

	assigned_at(e, "2026-10-12T09:00", id);    /* 10-13, 14, 15 */
	reply(e, "2026-10-20T10:00", id);          /* 10-16, 19, 20: 3 late */
	assigned_at(e, "2026-11-02T09:00", other); /* 11-05 */
	reply(e, "2026-11-04T10:00", other);
	d = tu_doc(e, id);
	assert_int_equal(tu_jint(d, "late_days"), 3);
	cJSON_Delete(d);
	use_calendar(e, "[2026]", "[2025]\nholidays = 01-01\n");
	r = recalc(e, "2026-11-05T09:00");
	assert_int_equal(r.adjusted, 0); /* the same days: nothing changed */
	assert_int_equal(r.checked, 2);
	/* 10-19 becomes a holiday */
	use_calendar_text(e,
	    "[2026]\nholidays = 01-01..01-03, 02-15..02-23, 04-04..04-06\n"
	    "holidays = 05-01..05-05, 06-19..06-21, 09-25..09-27\n"
	    "holidays = 10-01..10-07, 10-19\n"
	    "workdays = 01-04, 02-14, 02-28, 05-09, 09-20, 10-10\n");
	r = recalc(e, "2026-11-05T10:00");
	assert_int_equal(r.adjusted, 1);
	d = tu_last_data(e, id, "adjust");
	assert_int_equal(tu_jint(d, "old_late_days"), 3);
	assert_int_equal(tu_jint(d, "late_days"), 2);
	assert_false(cJSON_IsTrue(cJSON_GetObjectItem(d, "late_provisional")));
	assert_string_equal(tu_jstr(d, "due"), "2026-10-15");
	cJSON_Delete(d);
	assert_string_equal(
	    types_after(e, other, 0), "intake classify assign reply");
	tu_check_store(e);
}

/* A store written before calendar versions (no version, lateness of a
 * reply past the calendar stored as 0) is counted again: the reply of
 * 2027-01-04 to a complaint due 2026-12-31 was 1 working day late. */
static void
test_recalc_legacy(void **state)
{
	tu_env *e = *state;
	yousu_wf_recalc_result r;
	char id[32], sql[768];
	cJSON *d;

	assigned_at(e, "2026-12-28T09:00", id); /* 12-31 */
	reply(e, "2027-01-04T10:00", id);
	/* what the old code stored: no version, no flag, late 0 */
	snprintf(sql, sizeof sql,
	    "UPDATE events SET data = json_remove(json_set(data,"
	    " '$.late_days', 0), '$.calendar', '$.late_provisional',"
	    " '$.due_from') WHERE complaint = (SELECT rid FROM"
	    " complaints WHERE id = '%s') AND type IN ('reply', 'assign');"
	    "UPDATE complaints SET doc = json_remove(json_set(doc,"
	    " '$.late_days', 0, '$.reply.late_days', 0), '$.calendar',"
	    " '$.late_provisional', '$.reply.calendar', '$.due_from',"
	    " '$.reply.late_provisional') WHERE id = '%s'",
	    id, id);
	tu_sql(e, sql);
	tu_check_store(e);
	r = recalc(e, "2027-01-04T11:00");
	assert_int_equal(r.adjusted, 1);
	d = tu_doc(e, id);
	assert_int_equal(tu_jint(d, "late_days"), 1);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(d, "late_provisional")));
	cJSON_Delete(d);
	d = tu_last_data(e, id, "adjust");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(d, "old_calendar")));
	assert_int_equal(tu_jint(d, "old_late_days"), 0);
	cJSON_Delete(d);
	tu_check_store(e);
}

/* A calendar that no longer covers a complaint's days: the scheduler
 * still checks it, provisionally, and the others too. */
static void
test_calendar_gap_others_checked(void **state)
{
	tu_env *e = *state;
	char old[32], cur[32];

	assigned_at(e, "2025-12-22T09:00", old); /* due 12-25 */
	/* the reminder of 12-24, missed, and the supervision */
	assert_int_equal(tick(e, "2025-12-26T09:00"), 2);
	cJSON_Delete(last_event(e, old, "supervise"));
	/* the calendar now starts at 2026: old's supervision day is not in
	 * it, so its notice is counted provisionally */
	use_calendar(e, "[2026]", "");
	assigned_at(e, "2026-01-05T09:00", cur); /* 01-06, 07, 08 */
	assert_int_equal(tick(e, "2026-01-07T09:00"), 2);
	cJSON_Delete(last_event(e, cur, "remind"));
	expect_provisional(e, old, "notice");
	assert_string_equal(types_after(e, old, 3), "remind supervise notice");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_escalation_calendar, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_event_data, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_supervise_next_working_day, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_reply_before_due, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_reply_after_supervision, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_overdue_days, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_lateness_over_rounds, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_clock_jump, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_missed_day_waits, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_profile_chains, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_urge_assign_after_pause, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_extension_rearms, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_new_round_after_qc_fail, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(test_many, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_calendar_ends, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_recalc_extension, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_recalc_correction, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_recalc_legacy, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_calendar_gap_others_checked, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
