/* yousu — the fixture shared by the workflow unit tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

static int64_t
tu_clock(void *arg)
{
	return ((const tu_env *) arg)->now;
}

static void
open_wf(tu_env *e)
{
	yousu_wf_config cfg = {TU_CENTRE, NULL, e->pol, e->cal, e->depts,
	    TU_UTC_OFFSET, tu_clock, e};

	if (yousu_store_open(e->db, &e->st, e->err, sizeof(e->err)))
		fail_msg("store: %s", e->err);
	cfg.store = e->st;
	assert_int_equal(yousu_wf_new(&cfg, &e->wf), YOUSU_OK);
}

static void
close_wf(tu_env *e)
{
	yousu_wf_free(e->wf);
	yousu_store_close(e->st);
	e->wf = NULL;
	e->st = NULL;
}

static void
load_configs(tu_env *e)
{
	if (yousu_policy_load(TU_PROFILE, &e->pol, e->err, sizeof(e->err)) ||
	    yousu_calendar_load(TU_CALENDAR, &e->cal, e->err, sizeof(e->err)) ||
	    yousu_depts_load(TU_DEPTS, &e->depts, e->err, sizeof(e->err)))
		fail_msg("config: %s", e->err);
}

int
tu_setup(void **state)
{
	tu_env *e = calloc(1, sizeof(*e));

	assert_non_null(e);
	snprintf(e->dir, sizeof(e->dir), "/tmp/yousu-unit-XXXXXX");
	assert_non_null(mkdtemp(e->dir));
	snprintf(e->db, sizeof(e->db), "%s/store.db", e->dir);
	load_configs(e);
	open_wf(e);
	tu_at(e, "2026-09-24T09:00");
	*state = e;
	return 0;
}

int
tu_teardown(void **state)
{
	tu_env *e = *state;
	static const char *const files[] = {
	    "store.db", "store.db-wal", "store.db-shm", NULL};
	char path[192];

	close_wf(e);
	for (const char *const *f = files; *f; f++) {
		snprintf(path, sizeof(path), "%s/%s", e->dir, *f);
		unlink(path);
	}
	rmdir(e->dir);
	yousu_policy_free(e->pol);
	yousu_calendar_free(e->cal);
	yousu_depts_free(e->depts);
	free(e);
	return 0;
}

void
tu_reopen(tu_env *e)
{
	close_wf(e);
	open_wf(e);
}

void
tu_use_profile(tu_env *e, const char *name)
{
	char prof[256], depts[256];
	yousu_policy *p = NULL;
	yousu_depts *d = NULL;

	snprintf(prof, sizeof prof, "%s/configs/profiles/%s.ini",
	    YOUSU_SOURCE_DIR, name);
	snprintf(depts, sizeof depts, "%s/configs/departments/%s.ini",
	    YOUSU_SOURCE_DIR, name);
	if (yousu_policy_load(prof, &p, e->err, sizeof(e->err)) ||
	    yousu_depts_load(depts, &d, e->err, sizeof(e->err)))
		fail_msg("profile %s: %s", name, e->err);
	close_wf(e);
	yousu_policy_free(e->pol);
	yousu_depts_free(e->depts);
	e->pol = p;
	e->depts = d;
	open_wf(e);
}

void
tu_at(tu_env *e, const char *s)
{
	if (yousu_parse_time(s, TU_UTC_OFFSET, &e->now) != YOUSU_OK)
		fail_msg("bad local time '%s'", s);
}

void
tu_at_utc(tu_env *e, const char *s)
{
	if (yousu_parse_time(s, 0, &e->now) != YOUSU_OK)
		fail_msg("bad UTC time '%s'", s);
}

yousu_date
tu_date(const char *s)
{
	yousu_date d;

	if (yousu_date_parse(s, &d) != YOUSU_OK)
		fail_msg("bad date '%s'", s);
	return d;
}

static yousu_err
vexec(tu_env *e, const char *cmd, cJSON **out, const char *fmt, va_list ap)
{
	char text[8192];
	cJSON *args;
	yousu_err rv;

	*out = NULL;
	vsnprintf(text, sizeof(text), fmt, ap);
	if ((args = cJSON_Parse(text)) == NULL)
		fail_msg("test bug: bad JSON %s", text);
	e->err[0] = '\0';
	rv = yousu_wf_exec(
	    e->wf, cmd, "tester", args, out, e->err, sizeof(e->err));
	cJSON_Delete(args);
	if (rv != YOUSU_OK && *out != NULL)
		fail_msg("%s failed but wrote a result", cmd);
	return rv;
}

yousu_err
tu_exec(tu_env *e, const char *cmd, cJSON **out, const char *fmt, ...)
{
	va_list ap;
	yousu_err rv;

	va_start(ap, fmt);
	rv = vexec(e, cmd, out, fmt, ap);
	va_end(ap);
	return rv;
}

cJSON *
tu_ok(tu_env *e, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	cJSON *doc;
	yousu_err rv;

	va_start(ap, fmt);
	rv = vexec(e, cmd, &doc, fmt, ap);
	va_end(ap);
	if (rv != YOUSU_OK)
		fail_msg("%s: %s (%s)", cmd, yousu_strerror(rv), e->err);
	return doc;
}

const char *
tu_refused(tu_env *e, yousu_err want, const char *cmd, const char *fmt, ...)
{
	char *before = tu_snapshot(e), *after;
	va_list ap;
	cJSON *doc;
	yousu_err rv;

	va_start(ap, fmt);
	rv = vexec(e, cmd, &doc, fmt, ap);
	va_end(ap);
	cJSON_Delete(doc);
	if (rv != want)
		fail_msg("%s: want '%s', got '%s' (%s)", cmd,
		    yousu_strerror(want), yousu_strerror(rv), e->err);
	if (e->err[0] == '\0')
		fail_msg("%s: refused without a message", cmd);
	after = tu_snapshot(e);
	assert_string_equal(before, after);
	free(before);
	free(after);
	return e->err;
}

void
tu_intake(tu_env *e, char id[32])
{
	cJSON *doc = tu_ok(e, "intake",
	    "{\"source\":\"window\",\"name\":\"张三\","
	    "\"phone\":\"13800000000\",\"content\":\"营业执照变更材料齐全但"
	    "窗口不给办\"}");

	snprintf(id, 32, "%s", tu_jstr(doc, "id"));
	cJSON_Delete(doc);
}

cJSON *
tu_doc(tu_env *e, const char *id)
{
	cJSON *doc = NULL;

	assert_int_equal(yousu_store_load(e->st, id, &doc), YOUSU_OK);
	return doc;
}

const char *
tu_status(tu_env *e, const char *id)
{
	static char buf[32];
	cJSON *doc = tu_doc(e, id);

	snprintf(buf, sizeof(buf), "%s", tu_jstr(doc, "status"));
	cJSON_Delete(doc);
	return buf;
}

cJSON *
tu_events(tu_env *e, const char *id)
{
	cJSON *ev = NULL;

	assert_int_equal(yousu_store_events(e->st, id, &ev), YOUSU_OK);
	return ev;
}

void
tu_check_store(tu_env *e)
{
	char err[256] = "";

	if (yousu_complaint_check(e->st, err, sizeof(err)) != YOUSU_OK)
		fail_msg("store check: %s", err);
}

cJSON *
tu_last_data(tu_env *e, const char *id, const char *type)
{
	cJSON *events = tu_events(e, id), *ev, *found = NULL, *data;

	cJSON_ArrayForEach (ev, events)
		if (type == NULL || strcmp(tu_jstr(ev, "type"), type) == 0)
			found = ev;
	if (found == NULL)
		fail_msg("%s has no %s event", id, type ? type : "");
	data = cJSON_DetachItemFromObject(found, "data");
	cJSON_Delete(events);
	return data;
}

static sqlite3 *
side_db(tu_env *e)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(e->db, &db, SQLITE_OPEN_READWRITE, NULL))
		fail_msg("sqlite: %s", db ? sqlite3_errmsg(db) : "open");
	sqlite3_busy_timeout(db, 5000);
	return db;
}

/* Print every row of the query, one line each, to f. */
static void
dump_query(sqlite3 *db, const char *sql, FILE *f)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("sqlite: %s: %s", sql, sqlite3_errmsg(db));
	fprintf(f, "== %s\n", sql);
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(s); i++) {
			const unsigned char *t = sqlite3_column_text(s, i);

			fprintf(f, "%s|", t ? (const char *) t : "NULL");
		}
		fputc('\n', f);
	}
	sqlite3_finalize(s);
}

char *
tu_snapshot(tu_env *e)
{
	static const char *const queries[] = {
	    "SELECT * FROM settings ORDER BY key",
	    "SELECT * FROM counters ORDER BY name",
	    "SELECT * FROM complaints ORDER BY rid",
	    "SELECT * FROM events ORDER BY rid",
	    NULL,
	};
	sqlite3 *db = side_db(e);
	char *all = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&all, &len);

	assert_non_null(f);
	for (const char *const *q = queries; *q; q++)
		dump_query(db, *q, f);
	fclose(f);
	sqlite3_close(db);
	return all;
}

static yousu_err
count_one(void *arg, const cJSON *doc)
{
	(void) doc;
	(*(int *) arg)++;
	return YOUSU_OK;
}

int
tu_count(tu_env *e)
{
	yousu_filter f = {0};
	int n = 0;

	assert_int_equal(yousu_store_list(e->st, &f, count_one, &n), YOUSU_OK);
	return n;
}

void
tu_sql(tu_env *e, const char *sql)
{
	sqlite3 *db = side_db(e);
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("sqlite: %s: %s", sql, msg);
	sqlite3_close(db);
}

void
tu_has(const char *hay, const char *needle)
{
	if (hay == NULL || strstr(hay, needle) == NULL)
		fail_msg(
		    "expected \"%s\" in \"%s\"", needle, hay ? hay : "(null)");
}

const char *
tu_jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int64_t
tu_jint(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? (int64_t) v->valuedouble : -1;
}
