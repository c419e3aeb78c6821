/* yousu — unit tests for complaint numbering: <centre>-<YYYYMMDD><seq>
 * with a daily sequence of at least three digits (Neixiang, seed 004)
 * and a yearly serial ("2026年第N号", seed 002), both by local day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* Take in an anonymous complaint now; its id and serial. */
static void
take(tu_env *e, const char *want_id, int want_serial, int want_year)
{
	cJSON *d = tu_ok(e, "intake",
	    "{\"source\":\"hotline\",\"anonymous\":true,"
	    "\"content\":\"热线转来：社保卡补办无人受理\"}");

	assert_string_equal(tu_jstr(d, "id"), want_id);
	assert_int_equal(tu_jint(d, "serial"), want_serial);
	assert_int_equal(tu_jint(d, "year"), want_year);
	cJSON_Delete(d);
	/* the id finds the complaint */
	d = tu_doc(e, want_id);
	assert_int_equal(tu_jint(d, "serial"), want_serial);
	cJSON_Delete(d);
}

static void
test_first_of_day(void **state)
{
	tu_env *e = *state;

	take(e, "HD-20260924001", 1, 2026);
	take(e, "HD-20260924002", 2, 2026);
	take(e, "HD-20260924003", 3, 2026);
}

/* UTC+8: 15:59:59Z is 23:59:59 local, 16:00:00Z is the next day. */
static void
test_local_day_rollover(void **state)
{
	tu_env *e = *state;

	tu_at_utc(e, "2026-09-24T00:00:00");
	take(e, "HD-20260924001", 1, 2026);
	tu_at_utc(e, "2026-09-24T15:59:59");
	take(e, "HD-20260924002", 2, 2026);
	tu_at_utc(e, "2026-09-24T16:00:00");
	take(e, "HD-20260925001", 3, 2026);
	take(e, "HD-20260925002", 4, 2026);
	/* a quiet day in between does not matter */
	tu_at(e, "2026-09-27T08:00");
	take(e, "HD-20260927001", 5, 2026);
}

/* The yearly serial restarts at the local new year, not the UTC one. */
static void
test_new_year(void **state)
{
	tu_env *e = *state;

	tu_at(e, "2026-12-31T10:00");
	take(e, "HD-20261231001", 1, 2026);
	tu_at_utc(e, "2026-12-31T15:59:59");
	take(e, "HD-20261231002", 2, 2026);
	tu_at_utc(e, "2026-12-31T16:00:00");
	take(e, "HD-20270101001", 1, 2027);
	take(e, "HD-20270101002", 2, 2027);
	tu_at(e, "2027-01-02T09:00");
	take(e, "HD-20270102001", 3, 2027);
}

/* The counters live in the store: a restarted daemon goes on counting. */
static void
test_survives_reopen(void **state)
{
	tu_env *e = *state;

	take(e, "HD-20260924001", 1, 2026);
	take(e, "HD-20260924002", 2, 2026);
	tu_reopen(e);
	take(e, "HD-20260924003", 3, 2026);
	tu_at(e, "2026-09-28T09:00");
	tu_reopen(e);
	take(e, "HD-20260928001", 4, 2026);
}

/* A refused intake draws no number. */
static void
test_refused_intake_draws_nothing(void **state)
{
	tu_env *e = *state;

	take(e, "HD-20260924001", 1, 2026);
	tu_refused(e, YOUSU_INVAL, "intake",
	    "{\"source\":\"window\",\"name\":\"李四\",\"phone\":\"12\","
	    "\"content\":\"x\"}");
	tu_refused(e, YOUSU_INVAL, "intake",
	    "{\"source\":\"fax\",\"anonymous\":true,\"content\":\"x\"}");
	take(e, "HD-20260924002", 2, 2026);
}

/* Past 999 a day the sequence widens rather than wrapping onto 000. */
static void
test_past_999(void **state)
{
	tu_env *e = *state;

	take(e, "HD-20260924001", 1, 2026);
	tu_sql(e, "UPDATE counters SET value = 998 WHERE name = "
	          "'day:20260924'");
	take(e, "HD-20260924999", 2, 2026);
	take(e, "HD-202609241000", 3, 2026);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_first_of_day, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_local_day_rollover, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_new_year, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_survives_reopen, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_refused_intake_draws_nothing, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_past_999, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
