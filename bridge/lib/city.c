/* The city's store of county reports and the city-wide tables made from
 * them. A report holds codes and counts only; one that carries anything
 * that looks like personal data is refused whole. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/calendar.h"
#include "yousu/city.h"
#include "yousu/json.h"
#include "yousu/personal.h"
#include "yousu/query.h"
#include "yousu/store_ext.h"

/* The counts of a report, in the order of the table's columns (their
 * headers: yousu_stats_label). */
static const char *const counts[] = {"total", "answered", "answered_on_time",
    "on_time_rate_pct", "visited", "satisfied", "satisfaction_rate_pct",
    "overdue", "overdue_working_days", "redos", "reminders", "supervisions",
    "notices", "closed", "avg_working_days_to_close", "provisional",
    /* the three rates of 12345 practice (响应率, 解决率; 满意率 above) */
    "response_due", "responded_on_time", "response_rate_pct", "resolve_asked",
    "resolved", "resolution_rate_pct", "unreachable",
    /* 重复件, and 重复投诉 against the earlier one's department */
    "repeats", "repeat_complaints"};
#define NCOUNTS (sizeof counts / sizeof *counts)

/* Sums that the rates are made from, besides those shown. */
static const char *const sums[] = {"total", "answered", "answered_on_time",
    "response_due", "responded_on_time", "resolve_asked", "resolved",
    "unreachable", "visited", "satisfied", "overdue", "overdue_working_days",
    "redos", "reminders", "supervisions", "notices", "closed",
    "close_working_days", "extensions", "provisional", "repeats",
    "repeat_complaints"};
#define NSUMS (sizeof sums / sizeof *sums)

static const char *const groups[] = {
    "township", "department", "source", "category"};

/* The report's period key: "2026-09" for a month, the day for a day. */
/* Whether s is a month, YYYY-MM. */
static bool
month_text(const char *s)
{
	yousu_date d;
	char day[11];

	if (strlen(s) != 7)
		return false;
	snprintf(day, sizeof day, "%s-01", s);
	return yousu_date_parse(day, &d) == YOUSU_OK;
}

/* Whether [a, b] is one whole month. */
static bool
month_of(yousu_date a, yousu_date b)
{
	int y, m, d, y2, m2, d2;

	yousu_date_to_ymd(a, &y, &m, &d);
	yousu_date_to_ymd(b, &y2, &m2, &d2);
	return d == 1 && y2 == y && m2 == m && d2 == yousu_days_in_month(y, m);
}

static yousu_err
period_of(const cJSON *r, char *buf, size_t len, char *err, size_t errlen)
{
	const char *period = yousu__jstr(r, "period");
	const char *from = yousu__jstr(r, "from"), *to = yousu__jstr(r, "to");
	yousu_date a, b;

	if (from == NULL || to == NULL || yousu_date_parse(from, &a) ||
	    yousu_date_parse(to, &b) || b < a)
		return yousu_errorf(err, errlen, YOUSU_PROTO,
		    "its from/to are not a period of dates");
	if (period && strcmp(period, "month") == 0 && month_of(a, b))
		snprintf(buf, len, "%.7s", from);
	else if (period && strcmp(period, "day") == 0 && a == b)
		snprintf(buf, len, "%s", from);
	else
		return yousu_errorf(err, errlen, YOUSU_PROTO,
		    "its period is not a whole month or one day");
	return YOUSU_OK;
}

static yousu_err
check_report(const cJSON *r, const char *peer, char *period, size_t plen,
    char *err, size_t errlen)
{
	const char *k, *what = yousu__jstr(r, "report");
	const char *centre = yousu__jstr(r, "centre");

	if (!cJSON_IsObject(r) || what == NULL ||
	    strcmp(what, "yousu.stats.v1") != 0)
		return yousu_errorf(err, errlen, YOUSU_PROTO,
		    "not a yousu.stats.v1 "
		    "report");
	if (centre == NULL || strcmp(centre, peer) != 0)
		return yousu_errorf(err, errlen, YOUSU_PERM,
		    "it is the report of '%s', not of the sender",
		    centre ? centre : "(none)");
	if (!cJSON_IsObject(cJSON_GetObjectItem(r, "stats")))
		return yousu_errorf(
		    err, errlen, YOUSU_PROTO, "it has no stats");
	/* codes and counts only: no personal data, no free text */
	if ((k = yousu_personal_find(r, true)) != NULL)
		return yousu_errorf(err, errlen, YOUSU_PERM,
		    "it carries a personal data field '%s'", k);
	return period_of(r, period, plen, err, errlen);
}

yousu_err
yousu_city_store_report(yousu_store *st, const char *peer, const cJSON *report,
    char *err, size_t errlen)
{
	sqlite3 *db = yousu_store_sqlite(st);
	sqlite3_stmt *s = NULL;
	char period[16], msg[256], *text;
	yousu_err rv;
	int rc;

	if ((rv = check_report(report, peer, period, sizeof period, msg,
	         sizeof msg)) != YOUSU_OK)
		return yousu_errorf(
		    err, errlen, rv, "report from %s refused: %s", peer, msg);
	if ((text = yousu__json_print(report)) == NULL)
		return yousu_errorf(err, errlen, YOUSU_NOMEM, "out of memory");
	/* a newer report of the same period replaces the older one */
	if (sqlite3_prepare_v2(db,
	        "INSERT INTO city_reports(county, period, generated_at, body)"
	        " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(county, period) DO"
	        " UPDATE SET generated_at = excluded.generated_at,"
	        " body = excluded.body"
	        " WHERE excluded.generated_at >= city_reports.generated_at",
	        -1, &s, NULL) != SQLITE_OK) {
		free(text);
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", sqlite3_errmsg(db));
	}
	sqlite3_bind_text(s, 1, peer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3,
	    yousu__jstr(report, "generated_at")
	        ? yousu__jstr(report, "generated_at")
	        : "",
	    -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, text, -1, free);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", sqlite3_errmsg(db));
	return YOUSU_OK;
}

/* --- the city-wide tables ------------------------------------------------ */

/* into.<key> += from.<key> for every sum. */
static void
add_sums(cJSON *into, const cJSON *from)
{
	for (size_t i = 0; i < NSUMS; i++)
		yousu__jset_int(into, sums[i],
		    yousu__jint(into, sums[i], 0) +
		        yousu__jint(from, sums[i], 0));
}

static cJSON *
row_of(cJSON *rows, const char *key)
{
	cJSON *r = cJSON_GetObjectItem(rows, key);

	if (r == NULL)
		cJSON_AddItemToObject(rows, key, r = cJSON_CreateObject());
	return r;
}

/* Adds one county's report to the groups being summed. */
static void
add_report(cJSON *acc, const char *county, const cJSON *report, const char *by)
{
	const cJSON *g, *c;
	char key[64];

	if (strcmp(by, "county") == 0) {
		add_sums(
		    row_of(acc, county), cJSON_GetObjectItem(report, "stats"));
		return;
	}
	g = cJSON_GetObjectItem(cJSON_GetObjectItem(report, "groups"), by);
	cJSON_ArrayForEach (c, g) {
		/* township codes are the county's own: keep them apart */
		if (strcmp(by, "township") == 0)
			snprintf(key, sizeof key, "%s/%s", county, c->string);
		else
			snprintf(key, sizeof key, "%s", c->string);
		add_sums(row_of(acc, key), c);
	}
}

static cJSON *
str_of(const cJSON *o, const char *key)
{
	return yousu_stats_cell(cJSON_GetObjectItem(o, key));
}

static const char *
by_label(const char *by)
{
	static const char *const labels[][2] = {{"county", "县（市、区）"},
	    {"township", "乡镇（街道）"}, {"department", "部门"},
	    {"source", "来源"}, {"category", "类别"}};

	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (strcmp(labels[i][0], by) == 0)
			return labels[i][1];
	return by;
}

/* The summed groups as {"title", "columns", "rows", "figures"}. */
static cJSON *
table_of(cJSON *acc, const char *by, const char *period, int nreports)
{
	cJSON *t = cJSON_CreateObject(), *cols = cJSON_CreateArray();
	cJSON *rows = cJSON_CreateArray(), *figs = cJSON_CreateObject();
	cJSON *total = cJSON_CreateObject(), *r;

	add_sums(total, NULL); /* 0, not "-", when no report is held */
	char title[128];

	snprintf(title, sizeof title,
	    "“有诉即办”统计（%s，按%s，%d份县级报表）",
	    period ? period : "全部期间", by_label(by), nreports);
	cJSON_AddItemToArray(cols, cJSON_CreateString(by_label(by)));
	for (size_t i = 0; i < NCOUNTS; i++)
		cJSON_AddItemToArray(
		    cols, cJSON_CreateString(yousu_stats_label(counts[i])));
	cJSON_ArrayForEach (r, acc)
		add_sums(total, r);
	cJSON_AddItemToObject(acc, "合计", total);
	cJSON_ArrayForEach (r, acc) {
		cJSON *row = cJSON_CreateArray();

		yousu_stats_rates(r);
		cJSON_AddItemToArray(row, cJSON_CreateString(r->string));
		for (size_t i = 0; i < NCOUNTS; i++)
			cJSON_AddItemToArray(row, str_of(r, counts[i]));
		cJSON_AddItemToArray(rows, row);
		cJSON_AddItemToObject(figs, r->string, cJSON_Duplicate(r, 1));
	}
	yousu__jset_str(t, "title", title);
	yousu__jset(t, "columns", cols);
	yousu__jset(t, "rows", rows);
	yousu__jset(t, "figures", figs);
	return t;
}

yousu_err
yousu_city_table(yousu_store *st, const char *period, const char *by,
    cJSON **out, char *err, size_t errlen)
{
	sqlite3 *db = yousu_store_sqlite(st);
	sqlite3_stmt *s = NULL;
	cJSON *acc;
	bool known = strcmp(by, "county") == 0;
	int n = 0, rc;

	for (size_t i = 0; i < sizeof groups / sizeof *groups; i++)
		known = known || strcmp(by, groups[i]) == 0;
	if (!known)
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "--by '%s' is not county, township, department, source "
		    "or category",
		    by);
	if (period != NULL && !month_text(period))
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "--period '%s' is not a month (YYYY-MM)", period);
	/* months only: the daily reports are within them */
	if (sqlite3_prepare_v2(db,
	        "SELECT county, body FROM city_reports WHERE length(period) = 7"
	        " AND (?1 IS NULL OR period = ?1) ORDER BY county, period",
	        -1, &s, NULL) != SQLITE_OK)
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", sqlite3_errmsg(db));
	if (period != NULL)
		sqlite3_bind_text(s, 1, period, -1, SQLITE_STATIC);
	acc = cJSON_CreateObject();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		cJSON *r =
		    cJSON_Parse((const char *) sqlite3_column_text(s, 1));

		if (r != NULL) {
			add_report(acc,
			    (const char *) sqlite3_column_text(s, 0), r, by);
			n++;
		}
		cJSON_Delete(r);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		cJSON_Delete(acc);
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", sqlite3_errmsg(db));
	}
	*out = table_of(acc, by, period, n);
	cJSON_Delete(acc);
	return YOUSU_OK;
}

yousu_err
yousu_city_reports(yousu_store *st, cJSON **out)
{
	sqlite3 *db = yousu_store_sqlite(st);
	sqlite3_stmt *s = NULL;
	cJSON *arr;

	if (sqlite3_prepare_v2(db,
	        "SELECT county, period, generated_at FROM city_reports"
	        " ORDER BY county, period",
	        -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	arr = cJSON_CreateArray();
	while (sqlite3_step(s) == SQLITE_ROW) {
		cJSON *o = cJSON_CreateObject();

		for (int i = 0; i < 3; i++)
			yousu__jset_str(o, sqlite3_column_name(s, i),
			    (const char *) sqlite3_column_text(s, i));
		cJSON_AddItemToArray(arr, o);
	}
	sqlite3_finalize(s);
	*out = arr;
	return YOUSU_OK;
}
