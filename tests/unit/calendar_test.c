/* yousu — unit tests for common/base/date.c and common/model/calendar.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yousu/calendar.h"

#define CN_INI YOUSU_SOURCE_DIR "/configs/calendars/cn.ini"

static yousu_date
D(const char *s)
{
	yousu_date d;

	assert_int_equal(yousu_date_parse(s, &d), YOUSU_OK);
	return d;
}

static int
setup_cn(void **state)
{
	yousu_calendar *cal = NULL;
	char err[256] = "";

	if (yousu_calendar_load(CN_INI, &cal, err, sizeof(err)) != YOUSU_OK) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = cal;
	return 0;
}

static int
teardown_cn(void **state)
{
	yousu_calendar_free(*state);
	return 0;
}

/* Working day n after start, as "YYYY-MM-DD"; counted in the loaded
 * years only (not provisional). */
static const char *
add(const yousu_calendar *cal, const char *start, int n)
{
	static char buf[11];
	yousu_date out;
	bool prov = true;

	assert_int_equal(
	    yousu_calendar_add_working_days(cal, D(start), n, &out, &prov),
	    YOUSU_OK);
	assert_false(prov);
	yousu_date_format(out, buf);
	return buf;
}

/* The same past the loaded years: "YYYY-MM-DD" and whether provisional,
 * "2027-01-05 暂定". */
static const char *
due(const yousu_calendar *cal, const char *start, int n)
{
	static char buf[32];
	yousu_date out;
	char date[11];
	bool prov;

	assert_int_equal(
	    yousu_calendar_due_after(cal, D(start), n, &out, &prov), YOUSU_OK);
	yousu_date_format(out, date);
	snprintf(buf, sizeof buf, "%s%s", date, prov ? " 暂定" : "");
	return buf;
}

static int
between(const yousu_calendar *cal, const char *from, const char *to)
{
	bool prov = true;
	int n;

	assert_int_equal(
	    yousu_calendar_working_days_between(cal, D(from), D(to), &n, &prov),
	    YOUSU_OK);
	assert_false(prov);
	return n;
}

/* Working days in (from, to], with " 暂定" when provisional. */
static const char *
days(const yousu_calendar *cal, const char *from, const char *to)
{
	static char buf[32];
	bool prov;
	int n;

	assert_int_equal(
	    yousu_calendar_working_days_between(cal, D(from), D(to), &n, &prov),
	    YOUSU_OK);
	snprintf(buf, sizeof buf, "%d%s", n, prov ? " 暂定" : "");
	return buf;
}

static bool
workday(const yousu_calendar *cal, const char *s)
{
	bool w, prov = true;

	assert_int_equal(
	    yousu_calendar_is_workday(cal, D(s), &w, &prov), YOUSU_OK);
	assert_false(prov);
	return w;
}

static yousu_calendar *load_text(const char *text);

/* --- dates --- */

static void
test_date_known_days(void **state)
{
	(void) state;
	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("1970-01-02"), 1);
	assert_int_equal(D("1969-12-31"), -1);
	assert_int_equal(D("2000-01-01"), 10957);
	assert_int_equal(D("1900-01-01"), -25567);
	assert_int_equal(yousu_date_weekday(D("1970-01-01")), 4);
	assert_int_equal(yousu_date_weekday(D("1900-01-01")), 1);
	assert_int_equal(yousu_date_weekday(D("2000-01-01")), 6);
	assert_int_equal(yousu_date_weekday(D("2026-09-24")), 4);
	assert_int_equal(yousu_date_weekday(D("2026-02-15")), 7);
	assert_int_equal(yousu_date_weekday(D("9999-12-31")), 5);
}

/* to_ymd, weekday and format are total over the whole int32 range. */
static void
test_date_extremes(void **state)
{
	char buf[11];
	int y, m, d;

	(void) state;
	yousu_date_to_ymd(INT32_MAX, &y, &m, &d);
	assert_true(y > 9999);
	yousu_date_to_ymd(INT32_MIN, &y, &m, &d);
	assert_true(y < 0);
	assert_true(yousu_date_weekday(INT32_MIN) >= 1);
	assert_true(yousu_date_weekday(INT32_MAX) <= 7);
	yousu_date_format(INT32_MAX, buf);
	assert_string_equal(buf, "\?\?\?\?-\?\?-\?\?");
	yousu_date_format(INT32_MIN, buf);
	assert_string_equal(buf, "\?\?\?\?-\?\?-\?\?");
}

/* Every date 1900..9999 round-trips and follows the one before it. */
static void
test_date_roundtrip(void **state)
{
	yousu_date d, prev;
	char buf[11];
	int y, m, dd, wd;

	(void) state;
	assert_int_equal(yousu_date_from_ymd(1900, 1, 1, &prev), YOUSU_OK);
	wd = yousu_date_weekday(prev);
	for (int year = 1900; year <= 9999; year++)
		for (int mon = 1; mon <= 12; mon++)
			for (int day = 1; day <= 31; day++) {
				if (yousu_date_from_ymd(year, mon, day, &d) !=
				    YOUSU_OK)
					continue;
				if (year != 1900 || mon != 1 || day != 1) {
					assert_int_equal(d, prev + 1);
					wd = wd % 7 + 1;
				}
				assert_int_equal(yousu_date_weekday(d), wd);
				yousu_date_to_ymd(d, &y, &m, &dd);
				assert_int_equal(y, year);
				assert_int_equal(m, mon);
				assert_int_equal(dd, day);
				prev = d;
			}
	yousu_date_format(D("2026-02-03"), buf);
	assert_string_equal(buf, "2026-02-03");
	yousu_date_format(D("1900-12-31"), buf);
	assert_string_equal(buf, "1900-12-31");
	yousu_date_format(prev, buf);
	assert_string_equal(buf, "9999-12-31");
}

static void
test_date_parse_rejects(void **state)
{
	static const char *const bad[] = {"", "2026", "2026-2-3", "2026-02-3",
	    "2026-02-030", "2026-02-03x", " 2026-02-03", "2026-02-03 ",
	    "2026/02/03", "20260203", "2026-13-01", "2026-00-10", "2026-01-00",
	    "2026-04-31", "2026-02-30", "2025-02-29", "1900-02-29",
	    "2100-02-29", "1899-12-31", "0000-01-01", "+026-01-01",
	    "-026-01-01", "2026-+1-01", "2026-0a-01", "10000-01-01"};
	yousu_date d = 12345;

	(void) state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (yousu_date_parse(bad[i], &d) != YOUSU_INVAL)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(d, 12345);
	}
	assert_int_equal(yousu_date_parse(NULL, &d), YOUSU_INVAL);
	assert_int_equal(yousu_date_from_ymd(2026, 2, 29, &d), YOUSU_INVAL);
	assert_int_equal(yousu_date_from_ymd(10000, 1, 1, &d), YOUSU_INVAL);
	assert_int_equal(yousu_date_from_ymd(2026, 0, 1, &d), YOUSU_INVAL);
	assert_int_equal(yousu_date_from_ymd(2026, 1, 32, &d), YOUSU_INVAL);
	assert_int_equal(d, 12345);
}

static void
test_date_leap_years(void **state)
{
	yousu_date d;

	(void) state;
	assert_int_equal(yousu_date_parse("2024-02-29", &d), YOUSU_OK);
	assert_int_equal(yousu_date_parse("2000-02-29", &d), YOUSU_OK);
	assert_int_equal(yousu_date_parse("2025-02-29", &d), YOUSU_INVAL);
	assert_int_equal(yousu_date_parse("1900-02-29", &d), YOUSU_INVAL);
	assert_int_equal(D("2024-03-01") - D("2024-02-28"), 2);
	assert_int_equal(D("2025-03-01") - D("2025-02-28"), 1);
	assert_int_equal(D("2001-01-01") - D("2000-01-01"), 366);
	assert_int_equal(D("1901-01-01") - D("1900-01-01"), 365);
}

/* --- the China calendar --- */

static void
test_cn_loaded_years(void **state)
{
	const yousu_calendar *cal = *state;

	assert_int_equal(yousu_calendar_first_year(cal), 2025);
	assert_int_equal(yousu_calendar_last_year(cal), 2026);
	assert_true(yousu_calendar_covers(cal, D("2025-01-01")));
	assert_true(yousu_calendar_covers(cal, D("2026-12-31")));
	assert_false(yousu_calendar_covers(cal, D("2024-12-31")));
	assert_false(yousu_calendar_covers(cal, D("2027-01-01")));
}

/* The four worked checks in shared/data/cn-workdays.md. */
static void
test_cn_worked_checks(void **state)
{
	const yousu_calendar *cal = *state;

	assert_string_equal(add(cal, "2026-09-24", 3), "2026-09-30");
	assert_string_equal(add(cal, "2026-02-13", 5), "2026-02-27");
	assert_string_equal(add(cal, "2026-10-03", 1), "2026-10-08");
	assert_string_equal(add(cal, "2025-09-29", 7), "2025-10-15");
	assert_int_equal(between(cal, "2026-09-24", "2026-09-30"), 3);
	assert_int_equal(between(cal, "2026-02-13", "2026-02-27"), 5);
	assert_int_equal(between(cal, "2026-10-03", "2026-10-08"), 1);
	assert_int_equal(between(cal, "2025-09-29", "2025-10-15"), 7);
}

/* Around the Spring Festival of both years: the make-up Saturdays and
 * Sundays work, the holiday days (weekdays included) do not. */
static void
test_cn_spring_festival(void **state)
{
	const yousu_calendar *cal = *state;

	assert_true(workday(cal, "2026-02-13"));
	assert_true(workday(cal, "2026-02-14")); /* Sat, make-up */
	assert_false(workday(cal, "2026-02-15"));
	assert_false(workday(cal, "2026-02-16")); /* Mon, holiday */
	assert_false(workday(cal, "2026-02-23")); /* Mon, holiday */
	assert_true(workday(cal, "2026-02-24"));
	assert_false(workday(cal, "2026-02-21")); /* Sat */
	assert_true(workday(cal, "2026-02-28"));  /* Sat, make-up */
	assert_false(workday(cal, "2026-03-01")); /* Sun */
	assert_string_equal(add(cal, "2026-02-13", 1), "2026-02-14");
	assert_string_equal(add(cal, "2026-02-13", 2), "2026-02-24");
	assert_string_equal(add(cal, "2026-02-14", 1), "2026-02-24");
	assert_string_equal(add(cal, "2026-02-18", 1), "2026-02-24");
	assert_string_equal(add(cal, "2026-02-27", 1), "2026-02-28");
	assert_string_equal(add(cal, "2026-02-27", 2), "2026-03-02");
	assert_int_equal(between(cal, "2026-02-14", "2026-02-23"), 0);
	assert_int_equal(between(cal, "2026-02-13", "2026-02-24"), 2);
	assert_int_equal(between(cal, "2026-02-24", "2026-02-13"), -2);

	assert_true(workday(cal, "2025-01-26")); /* Sun, make-up */
	assert_false(workday(cal, "2025-01-28"));
	assert_false(workday(cal, "2025-02-04"));
	assert_true(workday(cal, "2025-02-08")); /* Sat, make-up */
	assert_string_equal(add(cal, "2025-01-24", 1), "2025-01-26");
	assert_string_equal(add(cal, "2025-01-24", 2), "2025-01-27");
	assert_string_equal(add(cal, "2025-01-24", 3), "2025-02-05");
	assert_string_equal(add(cal, "2025-01-24", 6), "2025-02-08");
	assert_string_equal(add(cal, "2025-01-24", 7), "2025-02-10");
	assert_int_equal(between(cal, "2025-01-27", "2025-02-05"), 1);
}

/* Whole years, counted independently from the tables: 248 each. */
static void
test_cn_year_totals(void **state)
{
	const yousu_calendar *cal = *state;

	assert_int_equal(between(cal, "2024-12-31", "2025-12-31"), 248);
	assert_int_equal(between(cal, "2025-12-31", "2026-12-31"), 248);
	assert_int_equal(between(cal, "2026-12-31", "2024-12-31"), -496);
}

/* add_working_days and working_days_between agree from every start date
 * in 2025-2026, into 2027 too: the result is a working day, n days away,
 * the day before it is n-1 days away, and it is provisional exactly when
 * it lies past 2026. */
static void
test_cn_add_matches_between(void **state)
{
	const yousu_calendar *cal = *state;
	yousu_date start, end;
	bool w, prov, p2;
	int n, k;

	for (start = D("2025-01-01"); start <= D("2026-12-31"); start++) {
		for (n = 0; n <= 60; n++) {
			assert_int_equal(yousu_calendar_add_working_days(
			                     cal, start, n, &end, &prov),
			    YOUSU_OK);
			assert_int_equal(prov, end > D("2026-12-31"));
			assert_int_equal(yousu_calendar_working_days_between(
			                     cal, start, end, &k, &p2),
			    YOUSU_OK);
			assert_int_equal(k, n);
			assert_int_equal(p2, prov);
			assert_int_equal(yousu_calendar_working_days_between(
			                     cal, end, start, &k, &p2),
			    YOUSU_OK);
			assert_int_equal(k, -n);
			if (n == 0) {
				assert_int_equal(end, start);
				continue;
			}
			assert_int_equal(
			    yousu_calendar_is_workday(cal, end, &w, &p2),
			    YOUSU_OK);
			assert_true(w);
			assert_int_equal(yousu_calendar_working_days_between(
			                     cal, start, end - 1, &k, &p2),
			    YOUSU_OK);
			assert_int_equal(k, n - 1);
		}
	}
}

/* Past the loaded years days are counted Monday to Friday, 1 January
 * excepted, and every answer that depends on such a day says so. */
static void
test_cn_out_of_range(void **state)
{
	const yousu_calendar *cal = *state;
	bool w = false, prov = false;

	assert_int_equal(
	    yousu_calendar_is_workday(cal, D("2027-01-04"), &w, &prov),
	    YOUSU_OK);
	assert_true(w && prov);
	yousu_calendar_is_workday(cal, D("2027-01-01"), &w, &prov);
	assert_true(!w && prov); /* a Friday, New Year's Day */
	yousu_calendar_is_workday(cal, D("2027-01-02"), &w, &prov);
	assert_true(!w && prov); /* Saturday */
	yousu_calendar_is_workday(cal, D("2024-06-03"), &w, &prov);
	assert_true(w && prov); /* before the first year: the same rule */
	yousu_calendar_is_workday(cal, D("2026-12-31"), &w, &prov);
	assert_true(w && !prov);
	assert_string_equal(due(cal, "2026-12-25", 10), "2027-01-11 暂定");
	assert_string_equal(due(cal, "2027-03-01", 1), "2027-03-02 暂定");
	assert_string_equal(due(cal, "2024-06-03", 1), "2024-06-04 暂定");
	assert_string_equal(days(cal, "2024-12-01", "2025-01-10"), "29 暂定");
	assert_string_equal(days(cal, "2026-12-01", "2027-01-05"), "24 暂定");
	assert_string_equal(days(cal, "2027-01-05", "2026-12-01"), "-24 暂定");
	/* The start day is never counted, so it may lie outside. */
	assert_string_equal(add(cal, "2024-12-31", 1), "2025-01-02");
	assert_string_equal(add(cal, "2026-12-30", 1), "2026-12-31");
	assert_string_equal(days(cal, "2027-01-05", "2027-01-05"), "0");
	/* NULL is allowed for the flag */
	assert_int_equal(
	    yousu_calendar_is_workday(cal, D("2027-01-04"), &w, NULL),
	    YOUSU_OK);
}

/* Each limit the profiles use (0 immediately, 1, 3, 5, 7, 10 working
 * days), counted across the end of 2026 by hand: 12-25 Fri, 12-28..31
 * Mon-Thu; 2027-01-01 (Fri) excepted, 01-04..08 Mon-Fri, 01-11 Mon. */
static void
test_cn_year_boundary(void **state)
{
	const yousu_calendar *cal = *state;

	/* assigned Thu 2026-12-24 (the issue's day) */
	assert_string_equal(due(cal, "2026-12-24", 0), "2026-12-24");
	assert_string_equal(due(cal, "2026-12-24", 1), "2026-12-25");
	assert_string_equal(due(cal, "2026-12-24", 3), "2026-12-29");
	assert_string_equal(due(cal, "2026-12-24", 5), "2026-12-31");
	assert_string_equal(due(cal, "2026-12-24", 7), "2027-01-05 暂定");
	assert_string_equal(due(cal, "2026-12-24", 10), "2027-01-08 暂定");
	/* Mon 2026-12-28 */
	assert_string_equal(due(cal, "2026-12-28", 1), "2026-12-29");
	assert_string_equal(due(cal, "2026-12-28", 3), "2026-12-31");
	assert_string_equal(due(cal, "2026-12-28", 5), "2027-01-05 暂定");
	assert_string_equal(due(cal, "2026-12-28", 7), "2027-01-07 暂定");
	assert_string_equal(due(cal, "2026-12-28", 10), "2027-01-12 暂定");
	/* Thu 2026-12-31, the last loaded day */
	assert_string_equal(due(cal, "2026-12-31", 0), "2026-12-31");
	assert_string_equal(due(cal, "2026-12-31", 1), "2027-01-04 暂定");
	assert_string_equal(due(cal, "2026-12-31", 3), "2027-01-06 暂定");
	/* "immediately" on a day off past the calendar: the next working
	 * day, provisional */
	assert_string_equal(due(cal, "2027-01-01", 0), "2027-01-04 暂定");
	assert_string_equal(due(cal, "2027-01-02", 0), "2027-01-04 暂定");
	assert_string_equal(due(cal, "2027-01-05", 0), "2027-01-05 暂定");
	/* an extension of 3 from 2026-12-31 (the issue's) */
	assert_string_equal(due(cal, "2026-12-31", 3), "2027-01-06 暂定");
	/* lateness: due 12-31, answered Mon 2027-01-04 (1 working day) and
	 * on Fri 01-15 (01-04..08, 11..15: 10) */
	assert_string_equal(days(cal, "2026-12-31", "2027-01-04"), "1 暂定");
	assert_string_equal(days(cal, "2026-12-31", "2027-01-15"), "10 暂定");
	assert_string_equal(days(cal, "2026-12-24", "2026-12-31"), "5");
}

/* The staff's questions answered against the worked cases of
 * shared/data/cn-workdays.md, as `yousuctl calendar add/days` counts. */
static void
test_cn_due_after_worked(void **state)
{
	const yousu_calendar *cal = *state;

	assert_string_equal(due(cal, "2026-09-24", 3), "2026-09-30");
	assert_string_equal(due(cal, "2026-02-13", 5), "2026-02-27");
	assert_string_equal(due(cal, "2026-10-03", 1), "2026-10-08");
	assert_string_equal(due(cal, "2025-09-29", 7), "2025-10-15");
	assert_string_equal(days(cal, "2026-09-24", "2026-09-30"), "3");
	assert_string_equal(days(cal, "2026-02-13", "2026-02-27"), "5");
	assert_string_equal(days(cal, "2026-10-03", "2026-10-08"), "1");
	assert_string_equal(days(cal, "2025-09-29", "2025-10-15"), "7");
	/* 0 days on a holiday (国庆) is the next working day, 10-08 */
	assert_string_equal(due(cal, "2026-10-03", 0), "2026-10-08");
}

/* The version names the years and changes with any working day, not
 * with comments; the warning comes 60 days ahead. */
static void
test_cn_version_and_warning(void **state)
{
	const yousu_calendar *cal = *state;
	yousu_calendar *a, *b, *c;
	char w[512];

	assert_int_equal(
	    strncmp(yousu_calendar_version(cal), "2025-2026:", 10), 0);
	assert_int_equal(strlen(yousu_calendar_version(cal)), 18);
	a = load_text("[2026]\nholidays = 10-01..10-07\n");
	b = load_text("# a comment\n[2026]\nholidays = 10-01..10-03, "
	              "10-04..10-07\n");
	c = load_text("[2026]\nholidays = 10-01..10-08\n");
	assert_string_equal(
	    yousu_calendar_version(a), yousu_calendar_version(b));
	assert_string_not_equal(
	    yousu_calendar_version(a), yousu_calendar_version(c));
	assert_int_equal(
	    strncmp(yousu_calendar_version(c), "2026-2026:", 10), 0);
	yousu_calendar_free(a);
	yousu_calendar_free(b);
	yousu_calendar_free(c);

	assert_int_equal(yousu_calendar_end(cal), D("2026-12-31"));
	assert_int_equal(
	    yousu_calendar_warning(cal, D("2026-10-31"), w, sizeof w),
	    YOUSU_CALENDAR_OK); /* 61 days before 12-31 */
	assert_string_equal(w, "");
	assert_int_equal(
	    yousu_calendar_warning(cal, D("2026-11-01"), w, sizeof w),
	    YOUSU_CALENDAR_ENDING); /* 60 days before */
	assert_non_null(strstr(w, "工作日日历只到2026-12-31（还有60天）"));
	assert_int_equal(
	    yousu_calendar_warning(cal, D("2026-12-31"), w, sizeof w),
	    YOUSU_CALENDAR_ENDING);
	assert_int_equal(
	    yousu_calendar_warning(cal, D("2027-01-04"), w, sizeof w),
	    YOUSU_CALENDAR_EXCEEDED);
	assert_non_null(strstr(w, "今天已超出"));
	yousu_calendar_rule(cal, w, sizeof w);
	assert_string_equal(w, "2027年起的放假安排未载入日历，暂按周一至周五"
	                       "（1月1日除外）计算");
}

static void
test_cn_zero_and_negative(void **state)
{
	const yousu_calendar *cal = *state;
	yousu_date out = 777;

	assert_string_equal(add(cal, "2026-02-18", 0), "2026-02-18");
	assert_string_equal(add(cal, "2026-02-24", 0), "2026-02-24");
	assert_string_equal(due(cal, "2027-06-01", 0), "2027-06-01 暂定");
	assert_int_equal(between(cal, "2026-02-18", "2026-02-18"), 0);
	assert_int_equal(yousu_calendar_add_working_days(
	                     cal, D("2026-02-24"), -1, &out, NULL),
	    YOUSU_INVAL);
	assert_int_equal(yousu_calendar_add_working_days(
	                     cal, D("2026-02-24"), -1000, &out, NULL),
	    YOUSU_INVAL);
	assert_int_equal(out, 777);
}

/* --- calendar files --- */

/* Writes text to a new file in /tmp; the caller unlinks path. */
static void
write_tmp(char path[static 32], const char *text)
{
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/yousu-cal-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static yousu_calendar *
load_text(const char *text)
{
	yousu_calendar *cal = NULL;
	char path[32], err[256] = "";
	yousu_err e;

	write_tmp(path, text);
	e = yousu_calendar_load(path, &cal, err, sizeof(err));
	unlink(path);
	if (e != YOUSU_OK)
		fail_msg("%s", err);
	return cal;
}

/* Loading text fails; the message starts "path:line: " (or "path: " for
 * line 0) and contains needle. */
static void
expect_error(const char *text, int line, const char *needle)
{
	yousu_calendar *cal = (yousu_calendar *) &cal;
	char path[32], err[256] = "", prefix[64];

	write_tmp(path, text);
	assert_int_equal(
	    yousu_calendar_load(path, &cal, err, sizeof(err)), YOUSU_CONFIG);
	unlink(path);
	assert_ptr_equal(cal, (yousu_calendar *) &cal);
	if (line > 0)
		snprintf(prefix, sizeof(prefix), "%s:%d: ", path, line);
	else
		snprintf(prefix, sizeof(prefix), "%s: ", path);
	if (strncmp(err, prefix, strlen(prefix)) != 0 ||
	    strstr(err, needle) == NULL)
		fail_msg(
		    "got \"%s\", want \"%s...%s...\"", err, prefix, needle);
}

static void
test_file_good_forms(void **state)
{
	yousu_calendar *cal;
	const char *text = "\xEF\xBB\xBF# comment\r\n"
	                   "; another comment\n"
	                   "\n"
	                   "[2030]\n"
	                   "holidays =\n"
	                   "[2028]\n"
	                   "holidays = 01-03 ,02-28 ..  03-01,12-25\n"
	                   "holidays : 07-01\n"
	                   "workdays = 01-01, 07-03\r\n"
	                   "workdays = 01-02\n"
	                   "holidays = 01-08, 01-08..01-08\n";

	(void) state;
	cal = load_text(text);
	assert_int_equal(yousu_calendar_first_year(cal), 2028);
	assert_int_equal(yousu_calendar_last_year(cal), 2030);
	assert_false(yousu_calendar_covers(cal, D("2029-06-01")));
	assert_true(yousu_calendar_covers(cal, D("2030-06-01")));
	/* a year missing between two loaded ones: Monday to Friday,
	 * provisional */
	assert_string_equal(days(cal, "2028-12-29", "2029-01-05"), "4 暂定");
	assert_true(workday(cal, "2030-01-01"));  /* Tue, nothing listed */
	assert_true(workday(cal, "2028-01-01"));  /* Sat, make-up */
	assert_true(workday(cal, "2028-01-02"));  /* Sun, make-up */
	assert_false(workday(cal, "2028-01-03")); /* Mon, holiday */
	assert_true(workday(cal, "2028-01-04"));
	assert_false(workday(cal, "2028-02-28"));
	assert_false(workday(cal, "2028-02-29"));
	assert_false(workday(cal, "2028-03-01"));
	assert_true(workday(cal, "2028-03-02"));
	assert_false(workday(cal, "2028-12-25"));
	assert_true(workday(cal, "2028-07-03"));  /* Mon anyway */
	assert_false(workday(cal, "2028-07-01")); /* Sat anyway */
	assert_string_equal(due(cal, "2028-12-29", 2), "2029-01-03 暂定");
	yousu_calendar_free(cal);
	yousu_calendar_free(NULL);
}

/* A line of 199 bytes (newline included) is the longest allowed. */
static void
test_file_line_limit(void **state)
{
	char text[512];
	yousu_calendar *cal;
	int n;

	(void) state;
	n = snprintf(text, sizeof(text), "[2026]\nholidays = 01-01\n#");
	memset(text + n, 'x', 197);
	strcpy(text + n + 197, "\nworkdays = 01-04\n");
	cal = load_text(text);
	yousu_calendar_free(cal);

	memset(text + n, 'x', 198);
	strcpy(text + n + 198, "\nworkdays = 01-04\n");
	expect_error(text, 3, "line too long (max 199 bytes)");

	memset(text + n, 'x', 198);
	text[n + 198] = '\0'; /* the last line, no newline: 199 bytes */
	cal = load_text(text);
	yousu_calendar_free(cal);
}

static void
test_file_unknown_key(void **state)
{
	(void) state;
	expect_error("[2026]\nholidays = 01-01\nfoo = 1\n", 3,
	    "unknown key 'foo' in [2026]");
	expect_error("# c\nholidays = 01-01\n[2026]\n", 2,
	    "'holidays' before any [YYYY] section");
}

static void
test_file_bad_year(void **state)
{
	(void) state;
	expect_error("[2026]\nholidays = 01-01\n\n[20x6]\nholidays = 01-01\n",
	    4, "bad section [20x6]");
	expect_error("[1899]\nholidays = 01-01\n", 1, "bad section [1899]");
	expect_error("[12026]\nholidays = 01-01\n", 1, "bad section [12026]");
	expect_error("[ 2026]\nholidays = 01-01\n", 1, "bad section [ 2026]");
}

static void
test_file_bad_item(void **state)
{
	(void) state;
	expect_error("[2025]\nholidays = 01-01, 02-29\n", 2,
	    "impossible date '02-29' in [2025]");
	expect_error(
	    "[2026]\nworkdays = 04-01..04-31\n", 2, "impossible date '04-31'");
	expect_error(
	    "[2026]\nholidays = 13-01\n", 2, "impossible date '13-01'");
	expect_error("[2026]\nholidays = 1-01\n", 2, "bad item '1-01'");
	expect_error("[2026]\nholidays = 01-01..\n", 2, "bad item '01-01..'");
	expect_error("[2026]\nholidays = 2026-01-01\n", 2, "bad item");
	expect_error("[2026]\nholidays = 01-01,,01-02\n", 2, "empty item");
	expect_error("[2026]\nholidays = 01-01,\n", 2, "empty item");
}

static void
test_file_reversed_range(void **state)
{
	(void) state;
	expect_error("[2026]\nholidays = 01-01\nholidays = 05-05..05-01\n", 3,
	    "reversed range '05-05..05-01'");
}

static void
test_file_duplicate_year(void **state)
{
	(void) state;
	expect_error("[2026]\nholidays = 01-01\n[2025]\nholidays = 01-01\n"
	             "[2026]\nworkdays = 01-04\n",
	    5, "duplicate section [2026] (first at line 1)");
	expect_error("[2026]\nholidays = 01-01\n[2026]\nholidays = 01-02\n", 3,
	    "duplicate section [2026]");
}

static void
test_file_holiday_and_workday(void **state)
{
	(void) state;
	expect_error("[2026]\nholidays = 01-01..01-03\n# x\n"
	             "workdays = 01-04, 01-02\n",
	    4, "2026-01-02 is both a holiday and a workday");
	expect_error("[2026]\nworkdays = 02-14\nholidays = 02-10..02-20\n", 3,
	    "2026-02-14 is both");
}

static void
test_file_structure(void **state)
{
	(void) state;
	expect_error("# nothing here\n", 0, "no [YYYY] sections");
	expect_error("", 0, "no [YYYY] sections");
	expect_error("[2026]\nholidays = 01-01\n\n[2027]\n# soon\n", 4,
	    "section [2027] has no keys");
	expect_error("[2025]\n[2026]\nholidays = 01-01\n", 1,
	    "section [2025] has no keys");
	expect_error("[2026]\nholidays 01-01\n", 2, "syntax error");
	expect_error("[2026\nholidays = 01-01\n", 1, "syntax error");
}

static void
test_file_missing(void **state)
{
	yousu_calendar *cal = (yousu_calendar *) &cal;
	char path[32], err[256] = "", want[128];

	(void) state;
	write_tmp(path, "");
	unlink(path);
	assert_int_equal(
	    yousu_calendar_load(path, &cal, err, sizeof(err)), YOUSU_CONFIG);
	assert_ptr_equal(cal, (yousu_calendar *) &cal);
	snprintf(want, sizeof(want), "%s: cannot open: ", path);
	assert_int_equal(strncmp(err, want, strlen(want)), 0);
	assert_non_null(strstr(err, "No such file"));
	/* NULL err is allowed. */
	assert_int_equal(
	    yousu_calendar_load(path, &cal, NULL, 0), YOUSU_CONFIG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_date_known_days),
	    cmocka_unit_test(test_date_extremes),
	    cmocka_unit_test(test_date_roundtrip),
	    cmocka_unit_test(test_date_parse_rejects),
	    cmocka_unit_test(test_date_leap_years),
	    cmocka_unit_test(test_cn_loaded_years),
	    cmocka_unit_test(test_cn_worked_checks),
	    cmocka_unit_test(test_cn_spring_festival),
	    cmocka_unit_test(test_cn_year_totals),
	    cmocka_unit_test(test_cn_add_matches_between),
	    cmocka_unit_test(test_cn_out_of_range),
	    cmocka_unit_test(test_cn_year_boundary),
	    cmocka_unit_test(test_cn_due_after_worked),
	    cmocka_unit_test(test_cn_version_and_warning),
	    cmocka_unit_test(test_cn_zero_and_negative),
	    cmocka_unit_test(test_file_good_forms),
	    cmocka_unit_test(test_file_line_limit),
	    cmocka_unit_test(test_file_unknown_key),
	    cmocka_unit_test(test_file_bad_year),
	    cmocka_unit_test(test_file_bad_item),
	    cmocka_unit_test(test_file_reversed_range),
	    cmocka_unit_test(test_file_duplicate_year),
	    cmocka_unit_test(test_file_holiday_and_workday),
	    cmocka_unit_test(test_file_structure),
	    cmocka_unit_test(test_file_missing),
	};

	return cmocka_run_group_tests(tests, setup_cn, teardown_cn);
}
