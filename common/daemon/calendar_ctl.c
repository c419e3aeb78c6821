/* The working-day calendar at a daemon: what it holds and how soon it
 * runs out (yousuctl calendar, ping, status, the log once a day), the
 * staff's questions (calendar days, calendar add), and loading it again
 * (SIGHUP, yousuctl calendar reload) with the corrections (期限调整) that
 * follow a new version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/log.h"

#define SETTING_VERSION "calendar_version"
#define SETTING_CHECK   "calendar_last_check"

static int32_t
today(daemon_t *d)
{
	return yousu_local_day(yousu__daemon_now(d), d->cfg.utc_offset);
}

static const char *const state_names[] = {"ok", "ending", "exceeded"};

/* The calendar's version, end and warning as of today: for ping and
 * status and the head of `yousuctl calendar`. */
cJSON *
yousu__calendar_status(daemon_t *d)
{
	cJSON *o = cJSON_CreateObject();
	char end[11], warning[512];
	yousu_calendar_state st =
	    yousu_calendar_warning(d->cal, today(d), warning, sizeof warning);

	yousu_date_format(yousu_calendar_end(d->cal), end);
	yousu__jset_str(o, "version", yousu_calendar_version(d->cal));
	yousu__jset_int(o, "first_year", yousu_calendar_first_year(d->cal));
	yousu__jset_int(o, "last_year", yousu_calendar_last_year(d->cal));
	yousu__jset_str(o, "ends", end);
	yousu__jset_int(o, "days_left", yousu_calendar_end(d->cal) - today(d));
	yousu__jset_str(o, "state", state_names[st]);
	if (st != YOUSU_CALENDAR_OK)
		yousu__jset_str(o, "warning", warning);
	return o;
}

/* Once a day (and at start) a calendar that runs out within 60 days, or
 * has, says so in the log. */
void
yousu__calendar_daily(daemon_t *d)
{
	char warning[512];
	int32_t day = today(d);

	if (day == d->cal_warned_day)
		return;
	d->cal_warned_day = day;
	if (yousu_calendar_warning(d->cal, day, warning, sizeof warning) !=
	    YOUSU_CALENDAR_OK)
		yousu_log("CALENDAR %s", warning);
}

typedef struct {
	daemon_t *d;
	int64_t open, provisional;
} prov_scan;

static yousu_err
count_provisional(void *arg, const cJSON *doc)
{
	prov_scan *s = arg;
	bool prov = false;

	(void) yousu_wf_overdue_days(s->d->wf, doc, today(s->d), &prov);
	s->open++;
	s->provisional += prov || yousu__jbool(doc, "due_provisional", false) ||
	                  yousu__jbool(doc, "feedback_provisional", false);
	return YOUSU_OK;
}

/* The last check against a new version, as recorded; NULL if none. */
static cJSON *
last_check(daemon_t *d)
{
	char buf[1024];

	if (yousu_store_get_setting(d->store, SETTING_CHECK, buf, sizeof buf))
		return NULL;
	return cJSON_Parse(buf);
}

static yousu_err
ctl_calendar(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	yousu_filter f = {.status = "assigned"};
	prov_scan s = {d, 0, 0};
	cJSON *o, *years, *next, *check;
	char rule[256];
	int last = yousu_calendar_last_year(d->cal);
	yousu_date jan1;

	(void) actor, (void) args;
	if (yousu_store_list(d->store, &f, count_provisional, &s) != 0)
		return yousu_errorf(err, errlen, YOUSU_DB, "calendar: %s",
		    yousu_store_errmsg(d->store));
	o = yousu__calendar_status(d);
	yousu__jset_str(o, "path", d->cfg.calendar);
	years = cJSON_CreateArray();
	for (int y = yousu_calendar_first_year(d->cal); y <= last; y++)
		if (yousu_date_from_ymd(y, 6, 1, &jan1) == YOUSU_OK &&
		    yousu_calendar_covers(d->cal, jan1))
			cJSON_AddItemToArray(years, cJSON_CreateNumber(y));
	yousu__jset(o, "years", years);
	next = cJSON_CreateObject();
	yousu__jset_int(next, "year", last + 1);
	yousu__jset_bool(next, "loaded", false);
	yousu__jset(o, "next_year", next);
	yousu_calendar_rule(d->cal, rule, sizeof rule);
	yousu__jset_str(o, "rule", rule);
	yousu__jset_int(o, "open", s.open);
	yousu__jset_int(o, "open_provisional", s.provisional);
	if ((check = last_check(d)) != NULL)
		yousu__jset(o, "last_check", check);
	*result = o;
	return YOUSU_OK;
}

/* A date argument, by name, for the staff's questions. */
static yousu_err
date_arg(const cJSON *args, const char *key, const char *what, yousu_date *out,
    char *err, size_t errlen)
{
	const char *v = yousu__jstr(args, key);

	if (v == NULL)
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "calendar %s: missing %s (YYYY-MM-DD)", what, key);
	if (yousu_date_parse(v, out) != YOUSU_OK)
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "calendar %s: %s '%s' is not a date (YYYY-MM-DD, a real "
		    "day)",
		    what, key, v);
	return YOUSU_OK;
}

/* The answer of days and add: the figure, whether it is provisional,
 * and the counting rule. */
static cJSON *
count_answer(daemon_t *d, bool prov)
{
	cJSON *o = cJSON_CreateObject();
	char rule[256];

	yousu__jset_str(o, "calendar", yousu_calendar_version(d->cal));
	yousu__jset_bool(o, "provisional", prov);
	yousu__jset_str(o, "counting",
	    "起始日不计入（期间开始的当日不计入），第1个工作日为其后的第一个"
	    "工作日，期限到第N个工作日届满");
	if (prov) {
		yousu_calendar_rule(d->cal, rule, sizeof rule);
		yousu__jset_str(o, "rule", rule);
	}
	return o;
}

/* 两个日期之间有几个工作日: the working days in (from, to]. */
static yousu_err
ctl_calendar_days(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	yousu_date from, to;
	char a[11], b[11];
	bool prov;
	int n;
	yousu_err rv;

	(void) actor;
	if ((rv = date_arg(args, "from", "days", &from, err, errlen)) != 0 ||
	    (rv = date_arg(args, "to", "days", &to, err, errlen)) != 0)
		return rv;
	if (yousu_calendar_working_days_between(d->cal, from, to, &n, &prov))
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "calendar days: %s and %s are more than 100 years apart",
		    yousu__jstr(args, "from"), yousu__jstr(args, "to"));
	*result = count_answer(d, prov);
	yousu_date_format(from, a);
	yousu_date_format(to, b);
	yousu__jset_str(*result, "from", a);
	yousu__jset_str(*result, "to", b);
	yousu__jset_int(*result, "working_days", n);
	return YOUSU_OK;
}

/* 某日之后第N个工作日: the due date of a limit of N working days. */
static yousu_err
ctl_calendar_add(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const cJSON *n = cJSON_GetObjectItem(args, "n");
	yousu_date from, due;
	char a[11], b[11];
	bool prov;
	yousu_err rv;

	(void) actor;
	if ((rv = date_arg(args, "from", "add", &from, err, errlen)) != 0)
		return rv;
	if (!cJSON_IsNumber(n) || n->valuedouble < 0 || n->valuedouble > 3660 ||
	    n->valuedouble != (double) (int) n->valuedouble)
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "calendar add: N must be a whole number of working days, "
		    "0..3660");
	(void) yousu_calendar_due_after(
	    d->cal, from, (int) n->valuedouble, &due, &prov);
	*result = count_answer(d, prov);
	yousu_date_format(from, a);
	yousu_date_format(due, b);
	yousu__jset_str(*result, "from", a);
	yousu__jset_int(*result, "n", (int64_t) n->valuedouble);
	yousu__jset_str(*result, "date", b);
	return YOUSU_OK;
}

/* Counts every deadline the calendar version `old` (NULL: not recorded)
 * may have counted differently, and records the check. */
static yousu_err
recount(daemon_t *d, const char *old, cJSON **result, char *err, size_t errlen)
{
	const char *now = yousu_calendar_version(d->cal);
	yousu_wf_recalc_result r;
	char reason[256], when[32];
	cJSON *check;
	char *text;
	yousu_err rv;

	if (old != NULL)
		snprintf(
		    reason, sizeof reason, "日历由 %s 更新为 %s", old, now);
	else
		snprintf(reason, sizeof reason, "按日历 %s 重新核对", now);
	if ((rv = yousu_wf_recalc(d->wf, reason, &r, err, errlen)) != 0)
		return rv;
	yousu_format_time(
	    yousu__daemon_now(d), d->cfg.utc_offset, when, sizeof when);
	check = cJSON_CreateObject();
	yousu__jset_str(check, "at", when);
	yousu__jset_str(check, "from", old);
	yousu__jset_str(check, "to", now);
	yousu__jset_int(check, "checked", r.checked);
	yousu__jset_int(check, "adjusted", r.adjusted);
	yousu__jset_int(check, "steps_noted", r.noted);
	text = yousu__json_print(check);
	if (text == NULL || yousu_store_begin(d->store) != YOUSU_OK) {
		free(text);
		cJSON_Delete(check);
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "calendar: store busy");
	}
	if (yousu_store_set_setting(d->store, SETTING_VERSION, now) ||
	    yousu_store_set_setting(d->store, SETTING_CHECK, text) ||
	    yousu_store_commit(d->store) != YOUSU_OK) {
		yousu_store_rollback(d->store);
		rv = yousu_errorf(err, errlen, YOUSU_DB, "calendar: %s",
		    yousu_store_errmsg(d->store));
	}
	free(text);
	yousu_log("calendar %s: %d complaint(s) counted again, %d adjusted "
	          "(期限调整), %d provisional step(s) noted",
	    now, r.checked, r.adjusted, r.noted);
	if (rv == YOUSU_OK && result != NULL)
		*result = check;
	else
		cJSON_Delete(check);
	return rv;
}

/* At start: a calendar whose version differs from the one this store's
 * figures were last checked against is checked now. */
int
yousu__calendar_sync(daemon_t *d)
{
	char old[64], err[512];
	bool known = yousu_store_get_setting(d->store, SETTING_VERSION, old,
	                 sizeof old) == YOUSU_OK;

	yousu__calendar_daily(d);
	if (known && strcmp(old, yousu_calendar_version(d->cal)) == 0)
		return 0;
	if (recount(d, known ? old : NULL, NULL, err, sizeof err) != 0) {
		fprintf(stderr, "yousu-%s: %s\n", d->role->name, err);
		return 1;
	}
	return 0;
}

/* Loads the calendar file again; a new version replaces the old one and
 * the deadlines are counted again. A file with a mistake changes
 * nothing. */
yousu_err
yousu__calendar_reload(daemon_t *d, cJSON **result, char *err, size_t errlen)
{
	char old[64], msg[1024];
	yousu_calendar *cal = NULL, *prev = d->cal;
	yousu_err rv;

	if (yousu_calendar_load(d->cfg.calendar, &cal, msg, sizeof msg) != 0) {
		yousu_log("CALENDAR reload refused, still %s: %s",
		    yousu_calendar_version(prev), msg);
		return yousu_errorf(err, errlen, YOUSU_CONFIG,
		    "calendar reload: %s (the calendar in use, %s, stays)", msg,
		    yousu_calendar_version(prev));
	}
	snprintf(old, sizeof old, "%s", yousu_calendar_version(prev));
	if (strcmp(old, yousu_calendar_version(cal)) == 0) {
		yousu_calendar_free(cal);
		*result = cJSON_CreateObject();
		yousu__jset_str(*result, "from", old);
		yousu__jset_str(*result, "to", old);
		yousu__jset_bool(*result, "unchanged", true);
		return YOUSU_OK;
	}
	d->cal = cal;
	yousu_wf_set_calendar(d->wf, cal);
	yousu_calendar_free(prev);
	yousu_log(
	    "calendar reloaded: %s -> %s", old, yousu_calendar_version(cal));
	d->cal_warned_day = 0;
	yousu__calendar_daily(d);
	rv = recount(d, old, result, err, errlen);
	return rv;
}

static yousu_err
ctl_calendar_reload(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	(void) actor, (void) args;
	return yousu__calendar_reload(d, result, err, errlen);
}

static yousu_err
ctl_reload(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor, (void) args;
	return yousu__daemon_reload(d, result, err, errlen);
}

const yousu__ctl_entry yousu__calendar_cmds[] = {
    {"reload", ctl_reload},
    {"calendar", ctl_calendar},
    {"calendar.days", ctl_calendar_days},
    {"calendar.add", ctl_calendar_add},
    {"calendar.reload", ctl_calendar_reload},
    {NULL, NULL},
};
