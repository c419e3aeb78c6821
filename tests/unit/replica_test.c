/* yousu — unit tests for the replica (common/link/replica.c): events that
 * the real workflow writes on one store (a township, HD) are packed with
 * yousu_event_pack as the store's hook sees them and applied with
 * yousu_replica_apply to a second store (its county): the complaint's
 * state there equals the township's after every event, and so does its
 * log; an event applied twice changes nothing; a gap (seq 3 before 2),
 * an event its sender did not write, an intake numbered by another
 * centre, an event by a centre that does not own the complaint, bad
 * JSON, an unknown type, random bytes and every truncation of a packed
 * event are refused with YOUSU_PROTO without writing a row; and
 * yousu_replica_personal tells an event carrying a name or phone from
 * one without. Two real SQLite stores in a mkdtemp folder; the shenqiu
 * profile, the cn calendar and catalogue; nothing mocked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/calendar.h"
#include "yousu/complaint.h"
#include "yousu/date.h"
#include "yousu/depts.h"
#include "yousu/policy.h"
#include "yousu/replica.h"
#include "yousu/store.h"
#include "yousu/store_ext.h"
#include "yousu/workflow.h"

#define PROFILE  YOUSU_SOURCE_DIR "/configs/profiles/shenqiu.ini"
#define CALENDAR YOUSU_SOURCE_DIR "/configs/calendars/cn.ini"
#define DEPTS    YOUSU_SOURCE_DIR "/configs/departments/shenqiu.ini"
#define CENTRE   "HD"
#define UTC_OFF  480
#define MAX_EV   32

/* One event as the township's store hook saw it: packed, and the state
 * saved with it. */
typedef struct {
	char id[32];
	int64_t seq;
	uint8_t *body;
	size_t len;
	char *doc;
} captured;

typedef struct {
	char dir[64];
	yousu_store *src, *dst; /* the township's, the county's */
	yousu_policy *pol;
	yousu_calendar *cal;
	yousu_depts *depts;
	yousu_wf *wf;
	int64_t now;
	captured ev[MAX_EV];
	size_t nev;
	char id[32]; /* the complaint of the lifecycle */
} env;

static int64_t
clock_now(void *arg)
{
	return ((const env *) arg)->now;
}

static void
at(env *e, const char *local)
{
	assert_int_equal(yousu_parse_time(local, UTC_OFF, &e->now), YOUSU_OK);
}

/* The store hook: every event the workflow saves, packed as the link
 * would queue it. */
static yousu_err
capture(void *arg, const cJSON *doc, const yousu_event *ev)
{
	env *e = arg;
	captured *c = &e->ev[e->nev++];
	const cJSON *id = cJSON_GetObjectItem(doc, "id");
	const cJSON *n = cJSON_GetObjectItem(doc, "events");

	assert_true(e->nev <= MAX_EV);
	assert_true(cJSON_IsString(id) && cJSON_IsNumber(n));
	snprintf(c->id, sizeof c->id, "%s", id->valuestring);
	c->seq = (int64_t) n->valuedouble;
	c->doc = cJSON_PrintUnformatted(doc);
	assert_non_null(c->doc);
	return yousu_event_pack(c->id, c->seq, ev, &c->body, &c->len);
}

static yousu_store *
open_store(const env *e, const char *name)
{
	char path[128], err[256];
	yousu_store *st = NULL;

	snprintf(path, sizeof path, "%s/%s", e->dir, name);
	if (yousu_store_open(path, &st, err, sizeof err) != YOUSU_OK)
		fail_msg("store %s: %s", path, err);
	return st;
}

static int
setup(void **state)
{
	env *e = calloc(1, sizeof *e);
	char err[512];
	yousu_wf_config cfg = {CENTRE, NULL, NULL, NULL, NULL, UTC_OFF,
	    clock_now, NULL, NULL, NULL, NULL};

	assert_non_null(e);
	snprintf(e->dir, sizeof e->dir, "/tmp/yousu-replica-XXXXXX");
	assert_non_null(mkdtemp(e->dir));
	if (yousu_policy_load(PROFILE, &e->pol, err, sizeof err) ||
	    yousu_calendar_load(CALENDAR, &e->cal, err, sizeof err) ||
	    yousu_depts_load(DEPTS, &e->depts, err, sizeof err))
		fail_msg("config: %s", err);
	e->src = open_store(e, "hd.db");
	e->dst = open_store(e, "sq.db");
	yousu_store_set_hook(e->src, capture, e);
	cfg.store = e->src;
	cfg.policy = e->pol;
	cfg.cal = e->cal;
	cfg.depts = e->depts;
	cfg.now_arg = e;
	assert_int_equal(yousu_wf_new(&cfg, &e->wf), YOUSU_OK);
	at(e, "2026-09-24T09:00");
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	env *e = *state;
	char cmd[128];

	for (size_t i = 0; i < e->nev; i++) {
		free(e->ev[i].body);
		cJSON_free(e->ev[i].doc);
	}
	yousu_wf_free(e->wf);
	yousu_store_close(e->src);
	yousu_store_close(e->dst);
	yousu_policy_free(e->pol);
	yousu_calendar_free(e->cal);
	yousu_depts_free(e->depts);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", e->dir);
	assert_int_equal(system(cmd), 0);
	free(e);
	return 0;
}

/* Runs a workflow command on the township's store; it must succeed. */
static void
wf_ok(env *e, const char *cmd, const char *fmt, ...)
{
	char text[2048], err[1024] = "";
	cJSON *args, *doc = NULL;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	args = cJSON_Parse(text);
	assert_non_null(args);
	if (yousu_wf_exec(e->wf, cmd, "tester", args, &doc, err, sizeof err))
		fail_msg("%s: %s", cmd, err);
	if (strcmp(cmd, "intake") == 0)
		snprintf(e->id, sizeof e->id, "%s",
		    cJSON_GetObjectItem(doc, "id")->valuestring);
	cJSON_Delete(doc);
	cJSON_Delete(args);
}

/* A whole lifecycle at the township: intake (with the caller's name and
 * phone), classify, assign, reply, quality check, visit, close. */
static void
lifecycle(env *e)
{
	wf_ok(e, "intake",
	    "{\"source\":\"window\",\"name\":\"张三\",\"phone\":"
	    "\"13800000000\",\"content\":"
	    "\"营业执照变更材料齐全但窗口不给办\"}");
	wf_ok(e, "classify",
	    "{\"id\":\"%s\",\"category\":\"blocked\",\"nature\":\"refused\"}",
	    e->id);
	wf_ok(e, "assign", "{\"id\":\"%s\",\"lead\":\"SCJ\"}", e->id);
	at(e, "2026-09-28T10:00");
	wf_ok(e, "reply",
	    "{\"id\":\"%s\",\"kind\":\"done\",\"result\":\"已办理变更\"}",
	    e->id);
	wf_ok(e, "qc", "{\"id\":\"%s\",\"pass\":true}", e->id);
	at(e, "2026-09-29T15:00");
	wf_ok(e, "visit", "{\"id\":\"%s\",\"satisfaction\":\"satisfied\"}",
	    e->id);
	wf_ok(e, "close", "{\"id\":\"%s\",\"note\":\"清零销号\"}", e->id);
	assert_int_equal(e->nev, 7);
	for (size_t i = 0; i < e->nev; i++) {
		assert_string_equal(e->ev[i].id, e->id);
		assert_int_equal(e->ev[i].seq, (int64_t) i + 1);
	}
}

static int64_t
changes(env *e)
{
	return sqlite3_total_changes64(yousu_store_sqlite(e->dst));
}

/* Applies body at the county as the link does (in a nested transaction,
 * committed or rolled back) and checks that a refusal wrote no row, even
 * before the rollback. */
static yousu_err
apply_body(
    env *e, const char *peer, bool relayed, const uint8_t *body, size_t len)
{
	int64_t before = changes(e);
	yousu_err rv;

	assert_int_equal(yousu_store_begin(e->dst), YOUSU_OK);
	rv = yousu_replica_apply(e->dst, peer, relayed, body, len);
	if (rv == YOUSU_OK) {
		assert_int_equal(yousu_store_commit(e->dst), YOUSU_OK);
	} else {
		assert_int_equal(changes(e), before);
		yousu_store_rollback(e->dst);
	}
	return rv;
}

static yousu_err
apply_ev(env *e, size_t i)
{
	return apply_body(e, CENTRE, false, e->ev[i].body, e->ev[i].len);
}

/* A packed event of the complaint with its fields replaced. */
static void
pack(const char *id, int64_t seq, const char *type, const char *origin,
    const char *data, uint8_t **out, size_t *len)
{
	yousu_event ev = {type, "tester", 1790000000, origin, data};

	assert_int_equal(yousu_event_pack(id, seq, &ev, out, len), YOUSU_OK);
}

/* The county's state of the complaint equals the township's as saved
 * with event i (or there is none, for i < 0). */
static void
same_state(env *e, const char *id, int i)
{
	cJSON *got = NULL, *want;

	if (i < 0) {
		assert_int_equal(
		    yousu_store_load(e->dst, id, &got), YOUSU_NOTFOUND);
		return;
	}
	assert_int_equal(yousu_store_load(e->dst, id, &got), YOUSU_OK);
	want = cJSON_Parse(e->ev[i].doc);
	if (!cJSON_Compare(got, want, true)) {
		char *g = cJSON_PrintUnformatted(got);

		print_error("county: %s\ntownship: %s\n", g, e->ev[i].doc);
		cJSON_free(g);
		fail_msg("%s differs after event %d", id, i + 1);
	}
	cJSON_Delete(got);
	cJSON_Delete(want);
}

/* Both stores hold the same log of id. */
static void
same_log(env *e, const char *id)
{
	cJSON *a = NULL, *b = NULL;

	assert_int_equal(yousu_store_events(e->src, id, &a), YOUSU_OK);
	assert_int_equal(yousu_store_events(e->dst, id, &b), YOUSU_OK);
	assert_int_equal(cJSON_GetArraySize(a), cJSON_GetArraySize(b));
	assert_true(cJSON_Compare(a, b, true));
	cJSON_Delete(a);
	cJSON_Delete(b);
}

/* Every event of a lifecycle, packed and applied in order at the
 * county, gives the township's state after each one, and its log. */
static void
test_round_trip(void **state)
{
	env *e = *state;
	cJSON *doc = NULL;
	char err[256];

	lifecycle(e);
	same_state(e, e->id, -1);
	for (size_t i = 0; i < e->nev; i++) {
		assert_int_equal(apply_ev(e, i), YOUSU_OK);
		same_state(e, e->id, (int) i);
	}
	same_log(e, e->id);
	assert_int_equal(yousu_store_load(e->dst, e->id, &doc), YOUSU_OK);
	assert_string_equal(
	    cJSON_GetObjectItem(doc, "status")->valuestring, "closed");
	assert_string_equal(
	    cJSON_GetObjectItem(doc, "owner")->valuestring, CENTRE);
	assert_string_equal(
	    cJSON_GetObjectItem(doc, "lead")->valuestring, "SCJ");
	cJSON_Delete(doc);
	assert_int_equal(yousu_complaint_check(e->dst, err, sizeof err), 0);
}

/* Applying an event again, at once or after later ones, is accepted and
 * changes no row. */
static void
test_idempotent(void **state)
{
	env *e = *state;
	int64_t before;

	lifecycle(e);
	assert_int_equal(apply_ev(e, 0), YOUSU_OK);
	before = changes(e);
	assert_int_equal(apply_ev(e, 0), YOUSU_OK);
	assert_int_equal(changes(e), before);
	same_state(e, e->id, 0);
	for (size_t i = 1; i < e->nev; i++)
		assert_int_equal(apply_ev(e, i), YOUSU_OK);
	before = changes(e);
	for (size_t i = 0; i < e->nev; i++)
		assert_int_equal(apply_ev(e, i), YOUSU_OK);
	assert_int_equal(changes(e), before);
	same_state(e, e->id, (int) e->nev - 1);
	same_log(e, e->id);
}

/* A gap is never applied: seq 3 before 2 is refused and writes nothing;
 * once 2 has come, 3 applies. A complaint's first event must be its
 * intake (seq 2 on an empty store is a gap too), and only the first. */
static void
test_gap(void **state)
{
	env *e = *state;
	const char *data = "{\"category\":\"blocked\",\"nature\":\"refused\"}";
	uint8_t *b = NULL;
	size_t len = 0;

	lifecycle(e);
	assert_int_equal(apply_ev(e, 1), YOUSU_PROTO); /* no intake yet */
	pack(e->id, 1, "classify", CENTRE, data, &b, &len);
	assert_int_equal(apply_body(e, CENTRE, false, b, len), YOUSU_PROTO);
	free(b);
	same_state(e, e->id, -1);
	assert_int_equal(apply_ev(e, 0), YOUSU_OK);
	assert_int_equal(apply_ev(e, 2), YOUSU_PROTO); /* 3 before 2 */
	same_state(e, e->id, 0);
	/* a second intake as event 2 */
	assert_int_equal(
	    apply_body(e, CENTRE, false, e->ev[0].body, e->ev[0].len),
	    YOUSU_OK); /* itself again: a duplicate */
	pack(e->id, 2, "intake", CENTRE, e->ev[0].doc, &b, &len);
	assert_int_equal(apply_body(e, CENTRE, false, b, len), YOUSU_PROTO);
	free(b);
	same_state(e, e->id, 0);
	assert_int_equal(apply_ev(e, 1), YOUSU_OK);
	assert_int_equal(apply_ev(e, 2), YOUSU_OK);
	same_state(e, e->id, 2);
	assert_int_equal(apply_ev(e, 6), YOUSU_PROTO); /* 7 after 3 */
	same_state(e, e->id, 2);
}

/* Who may write what: a child's own events only (a parent may relay
 * others'), an intake numbered by its writer, later events by the
 * complaint's owner. */
static void
test_writers(void **state)
{
	env *e = *state;
	const char *data = "{\"category\":\"blocked\",\"nature\":\"refused\"}";
	uint8_t *b = NULL;
	size_t len = 0;

	lifecycle(e);
	/* LZ passing on HD's intake is refused unless LZ is the parent */
	assert_int_equal(
	    apply_body(e, "LZ", false, e->ev[0].body, e->ev[0].len),
	    YOUSU_PROTO);
	same_state(e, e->id, -1);
	assert_int_equal(
	    apply_body(e, "LZ", true, e->ev[0].body, e->ev[0].len), YOUSU_OK);
	same_state(e, e->id, 0);
	/* the next event by LZ, which does not own the complaint */
	pack(e->id, 2, "classify", "LZ", data, &b, &len);
	assert_int_equal(apply_body(e, "LZ", false, b, len), YOUSU_PROTO);
	assert_int_equal(apply_body(e, "LZ", true, b, len), YOUSU_PROTO);
	same_state(e, e->id, 0);
	free(b);
	/* an intake LZ wrote of a complaint numbered by HD */
	pack("HD-20260924099", 1, "intake", "LZ",
	    "{\"id\":\"HD-20260924099\",\"source\":\"window\","
	    "\"content\":\"x\"}",
	    &b, &len);
	assert_int_equal(apply_body(e, "LZ", false, b, len), YOUSU_PROTO);
	same_state(e, "HD-20260924099", -1);
	free(b);
	/* an event without a writer */
	pack(e->id, 2, "classify", "", data, &b, &len);
	assert_int_equal(apply_body(e, "", false, b, len), YOUSU_PROTO);
	assert_int_equal(apply_body(e, CENTRE, true, b, len), YOUSU_PROTO);
	free(b);
	same_state(e, e->id, 0);
	assert_int_equal(apply_ev(e, 1), YOUSU_OK);
	same_state(e, e->id, 1);
}

/* Bytes that are not an event, every truncation of a packed one, and
 * events whose content cannot be projected are refused with YOUSU_PROTO
 * ("malformed message") and write nothing. */
static void
test_malformed(void **state)
{
	env *e = *state;
	uint8_t junk[97], *b = NULL;
	uint32_t x = 2463534242u;
	size_t len = 0;

	lifecycle(e);
	assert_string_equal(yousu_strerror(YOUSU_PROTO), "malformed message");
	assert_int_equal(apply_ev(e, 0), YOUSU_OK);
	/* random bytes (xorshift, so the run is repeatable) */
	for (int round = 0; round < 64; round++) {
		for (size_t i = 0; i < sizeof junk; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			junk[i] = (uint8_t) x;
		}
		assert_int_equal(apply_body(e, CENTRE, false, junk,
		                     1 + (size_t) round % sizeof junk),
		    YOUSU_PROTO);
	}
	/* every prefix of the classify event (seq 2) */
	for (size_t n = 0; n < e->ev[1].len; n++)
		if (apply_body(e, CENTRE, false, e->ev[1].body, n) !=
		    YOUSU_PROTO)
			fail_msg("classify cut to %zu of %zu bytes was applied",
			    n, e->ev[1].len);
	same_state(e, e->id, 0);
	/* well-formed envelopes with data that cannot be projected */
	pack(e->id, 2, "classify", CENTRE, "{\"category\":", &b, &len);
	assert_int_equal(apply_body(e, CENTRE, false, b, len), YOUSU_PROTO);
	free(b);
	pack(e->id, 2, "frobnicate", CENTRE, "{}", &b, &len);
	assert_int_equal(apply_body(e, CENTRE, false, b, len), YOUSU_PROTO);
	free(b);
	pack(e->id, 2, "assign", CENTRE, "{\"lead\":\"SCJ\"}", &b, &len);
	assert_int_equal(apply_body(e, CENTRE, false, b, len), YOUSU_PROTO);
	free(b);
	pack(e->id, 2, "classify", CENTRE, "[1,2]", &b, &len);
	assert_int_equal(apply_body(e, CENTRE, false, b, len), YOUSU_PROTO);
	free(b);
	/* an intake whose data names another complaint than its envelope */
	pack("HD-20260924098", 1, "intake", CENTRE,
	    "{\"id\":\"HD-20260924097\",\"source\":\"window\","
	    "\"content\":\"x\"}",
	    &b, &len);
	assert_int_equal(apply_body(e, CENTRE, false, b, len), YOUSU_PROTO);
	free(b);
	same_state(e, "HD-20260924098", -1);
	same_state(e, "HD-20260924097", -1);
	same_state(e, e->id, 0);
	/* and the stream goes on */
	assert_int_equal(apply_ev(e, 1), YOUSU_OK);
	same_state(e, e->id, 1);
}

/* yousu_replica_personal: the intake carries the caller's name and
 * phone, the close a note about the case (on the personal list); the
 * classify, assign, reply and quality check carry none; a personal key
 * found at any depth; bytes that are no event are not said to carry
 * one. */
static void
test_personal(void **state)
{
	env *e = *state;
	const bool want[7] = {true, false, false, false, false, false, true};
	uint8_t *b = NULL;
	size_t len = 0;

	lifecycle(e);
	for (size_t i = 0; i < 6; i++)
		if (yousu_replica_personal(e->ev[i].body, e->ev[i].len) !=
		    want[i])
			fail_msg(
			    "event %zu: personal should be %d", i + 1, want[i]);
	assert_true(yousu_replica_personal(e->ev[6].body, e->ev[6].len));
	/* the intake without the name, and without the phone */
	pack(e->id, 1, "intake", CENTRE, "{\"id\":\"x\",\"name\":\"张三\"}", &b,
	    &len);
	assert_true(yousu_replica_personal(b, len));
	free(b);
	pack(e->id, 1, "intake", CENTRE,
	    "{\"id\":\"x\",\"phone\":\"13800000000\"}", &b, &len);
	assert_true(yousu_replica_personal(b, len));
	free(b);
	pack(e->id, 1, "intake", CENTRE,
	    "{\"id\":\"x\",\"content\":\"营业执照\",\"source\":\"window\"}", &b,
	    &len);
	assert_false(yousu_replica_personal(b, len));
	free(b);
	pack(e->id, 3, "transfer", CENTRE,
	    "{\"to\":\"SQ\",\"contacts\":[{\"who\":{\"phone\":\"1\"}}]}", &b,
	    &len);
	assert_true(yousu_replica_personal(b, len));
	free(b);
	/* a value that looks like a phone under another key is not a key */
	pack(e->id, 3, "reply", CENTRE, "{\"result\":\"13800000000\"}", &b,
	    &len);
	assert_false(yousu_replica_personal(b, len));
	free(b);
	assert_false(yousu_replica_personal((const uint8_t *) "\xff\xff", 2));
	assert_false(yousu_replica_personal(e->ev[0].body, 3));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_idempotent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_gap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_writers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_personal, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
