/* yousu — unit tests for common/store/store.c: nested transactions, a
 * transaction SQLite rolled back by itself, applying replicated events
 * (gaps, duplicates, owners), and updates by key after loads of other
 * complaints. A real SQLite file; nothing mocked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yousu/complaint.h"
#include "yousu/store.h"
#include "yousu/store_ext.h"

typedef struct {
	char dir[64], path[128];
	yousu_store *st;
} env;

static int
setup(void **state)
{
	env *e = calloc(1, sizeof *e);
	char err[256];

	snprintf(e->dir, sizeof e->dir, "/tmp/yousu-store-XXXXXX");
	assert_non_null(mkdtemp(e->dir));
	snprintf(e->path, sizeof e->path, "%s/s.db", e->dir);
	assert_int_equal(yousu_store_open(e->path, &e->st, err, sizeof err), 0);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	env *e = *state;
	char cmd[160];

	yousu_store_close(e->st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", e->dir);
	assert_int_equal(system(cmd), 0);
	free(e);
	return 0;
}

static int
has_setting(yousu_store *st, const char *key)
{
	char buf[32];

	return yousu_store_get_setting(st, key, buf, sizeof buf) == YOUSU_OK;
}

static void
test_nested_rollback(void **state)
{
	env *e = *state;

	assert_int_equal(yousu_store_begin(e->st), 0);
	assert_int_equal(yousu_store_set_setting(e->st, "outer", "1"), 0);
	assert_int_equal(yousu_store_begin(e->st), 0); /* a savepoint */
	assert_int_equal(yousu_store_set_setting(e->st, "inner", "1"), 0);
	yousu_store_rollback(e->st); /* undoes the inner one only */
	assert_int_equal(yousu_store_begin(e->st), 0);
	assert_int_equal(yousu_store_set_setting(e->st, "second", "1"), 0);
	assert_int_equal(yousu_store_commit(e->st), 0); /* a release */
	assert_int_equal(yousu_store_commit(e->st), 0);
	assert_true(has_setting(e->st, "outer"));
	assert_false(has_setting(e->st, "inner"));
	assert_true(has_setting(e->st, "second"));
}

/* Light nesting: a level undone before it wrote costs nothing and loses
 * nothing; one undone after it wrote takes the whole transaction with it
 * at the commit, which fails and says why: never half an operation. */
static void
test_light_nesting(void **state)
{
	env *e = *state;

	assert_int_equal(yousu_store_begin(e->st), 0);
	yousu_store_light_nesting(e->st, true);
	assert_int_equal(yousu_store_set_setting(e->st, "a", "1"), 0);
	assert_int_equal(yousu_store_begin(e->st), 0);
	yousu_store_rollback(e->st); /* refused before writing */
	assert_int_equal(yousu_store_begin(e->st), 0);
	assert_int_equal(yousu_store_set_setting(e->st, "b", "1"), 0);
	assert_int_equal(yousu_store_commit(e->st), 0);
	yousu_store_light_nesting(e->st, false);
	assert_int_equal(yousu_store_commit(e->st), 0);
	assert_true(has_setting(e->st, "a"));
	assert_true(has_setting(e->st, "b"));

	assert_int_equal(yousu_store_begin(e->st), 0);
	yousu_store_light_nesting(e->st, true);
	assert_int_equal(yousu_store_set_setting(e->st, "c", "1"), 0);
	assert_int_equal(yousu_store_begin(e->st), 0);
	assert_int_equal(yousu_store_set_setting(e->st, "d", "1"), 0);
	yousu_store_rollback(e->st); /* failed after writing */
	assert_int_equal(yousu_store_begin(e->st), 0);
	assert_int_equal(yousu_store_set_setting(e->st, "e", "1"), 0);
	assert_int_equal(yousu_store_commit(e->st), 0);
	yousu_store_light_nesting(e->st, false);
	assert_int_equal(yousu_store_commit(e->st), YOUSU_DB);
	assert_non_null(strstr(yousu_store_errmsg(e->st), "rolled back"));
	yousu_store_rollback(e->st);
	assert_false(has_setting(e->st, "c"));
	assert_false(has_setting(e->st, "d"));
	assert_false(has_setting(e->st, "e"));
	/* and the store goes on */
	assert_int_equal(yousu_store_begin(e->st), 0);
	assert_int_equal(yousu_store_set_setting(e->st, "f", "1"), 0);
	assert_int_equal(yousu_store_commit(e->st), 0);
	assert_true(has_setting(e->st, "f"));
}

/* SQLite may roll back by itself (disk full, I/O error): the store must
 * notice instead of running later work outside any transaction. */
static void
test_vanished_transaction(void **state)
{
	env *e = *state;

	assert_int_equal(yousu_store_begin(e->st), 0);
	assert_int_equal(yousu_store_begin(e->st), 0);
	assert_int_equal(yousu_store_set_setting(e->st, "lost", "1"), 0);
	assert_int_equal(
	    sqlite3_exec(yousu_store_sqlite(e->st), "ROLLBACK", 0, 0, 0), 0);
	assert_int_equal(yousu_store_begin(e->st), YOUSU_DB);
	assert_int_equal(yousu_store_commit(e->st), YOUSU_DB);
	yousu_store_rollback(e->st); /* resets every level */
	assert_int_equal(yousu_store_begin(e->st), 0);
	assert_int_equal(yousu_store_set_setting(e->st, "kept", "1"), 0);
	assert_int_equal(yousu_store_commit(e->st), 0);
	assert_false(has_setting(e->st, "lost"));
	assert_true(has_setting(e->st, "kept"));
}

static yousu_err
apply(env *e, const char *id, int64_t seq, const char *type, const char *origin,
    const char *data)
{
	yousu_event ev = {type, "t", 1790000000 + seq, origin, data};
	yousu_err rv;

	assert_int_equal(yousu_store_begin(e->st), 0);
	rv = yousu_complaint_apply_remote(e->st, id, seq, &ev);
	if (rv == YOUSU_OK)
		assert_int_equal(yousu_store_commit(e->st), 0);
	else
		yousu_store_rollback(e->st);
	return rv;
}

static int64_t
events_of(env *e, const char *id)
{
	cJSON *doc = NULL;
	int64_t n;

	if (yousu_store_load(e->st, id, &doc) != YOUSU_OK)
		return 0;
	n = (int64_t) cJSON_GetObjectItem(doc, "events")->valuedouble;
	cJSON_Delete(doc);
	return n;
}

static const char intake_a[] = "{\"id\":\"HD-20260924001\",\"source\":"
                               "\"window\",\"content\":\"a\"}";

static void
test_remote_apply(void **state)
{
	env *e = *state;
	const char *id = "HD-20260924001";

	/* a complaint must start with its intake, by the centre it names */
	assert_int_equal(apply(e, id, 1, "classify", "HD", "{}"), YOUSU_PROTO);
	assert_int_equal(
	    apply(e, id, 1, "intake", "HE", intake_a), YOUSU_PROTO);
	assert_int_equal(
	    apply(e, id, 2, "intake", "HD", intake_a), YOUSU_PROTO);
	assert_int_equal(apply(e, id, 1, "intake", "HD", intake_a), 0);
	assert_int_equal(events_of(e, id), 1);
	/* a duplicate is ignored, a gap and strangers are refused */
	assert_int_equal(
	    apply(e, id, 1, "intake", "HD", intake_a), YOUSU_EXISTS);
	assert_int_equal(
	    apply(e, id, 3, "classify", "HD", "{\"category\":\"x\"}"),
	    YOUSU_PROTO);
	assert_int_equal(
	    apply(e, id, 2, "classify", "HE", "{\"category\":\"x\"}"),
	    YOUSU_PROTO);
	assert_int_equal(apply(e, id, 2, "launch", "HD", "{}"), YOUSU_PROTO);
	assert_int_equal(apply(e, id, 2, "assign", "HD", "{\"lead\":\"A\"}"),
	    YOUSU_PROTO); /* an assignment without its due date */
	assert_int_equal(
	    apply(e, id, 2, "classify", "HD", "not json"), YOUSU_PROTO);
	assert_int_equal(events_of(e, id), 1);
	/* the owner hands it over; then only the new owner writes */
	assert_int_equal(
	    apply(e, id, 2, "transfer", "HD", "{\"to\":\"SQ\"}"), 0);
	assert_int_equal(
	    apply(e, id, 3, "classify", "HD", "{\"category\":\"x\"}"),
	    YOUSU_PROTO);
	assert_int_equal(
	    apply(e, id, 3, "classify", "SQ", "{\"category\":\"x\"}"), 0);
	assert_int_equal(events_of(e, id), 3);
}

/* Saves update the right row whichever complaint was loaded last. */
static void
test_update_by_key(void **state)
{
	env *e = *state;
	static const char intake_b[] =
	    "{\"id\":\"HD-20260924002\","
	    "\"source\":\"window\",\"content\":\"b\"}";
	cJSON *doc = NULL;
	char err[256];

	assert_int_equal(
	    apply(e, "HD-20260924001", 1, "intake", "HD", intake_a), 0);
	assert_int_equal(
	    apply(e, "HD-20260924002", 1, "intake", "HD", intake_b), 0);
	/* load 2, then apply to 1 (which loads 1), then to 2 again */
	assert_int_equal(yousu_store_load(e->st, "HD-20260924002", &doc), 0);
	cJSON_Delete(doc);
	assert_int_equal(apply(e, "HD-20260924001", 2, "classify", "HD",
	                     "{\"category\":\"one\"}"),
	    0);
	assert_int_equal(apply(e, "HD-20260924002", 2, "classify", "HD",
	                     "{\"category\":\"two\"}"),
	    0);
	assert_int_equal(yousu_store_load(e->st, "HD-20260924001", &doc), 0);
	assert_string_equal(
	    cJSON_GetObjectItem(doc, "category")->valuestring, "one");
	cJSON_Delete(doc);
	assert_int_equal(yousu_store_load(e->st, "HD-20260924002", &doc), 0);
	assert_string_equal(
	    cJSON_GetObjectItem(doc, "category")->valuestring, "two");
	cJSON_Delete(doc);
	assert_int_equal(yousu_complaint_check(e->st, err, sizeof err), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_nested_rollback, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_vanished_transaction, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_remote_apply, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_light_nesting, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_update_by_key, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
