/* The periodic report (统计报表): what a county sends the city, in codes
 * and counts only, and the command that shows or sends it. */
#include <stdio.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/query.h"
#include "yousu/ranking.h"
#include "yousu/roster.h"

/* The days [*first, *last] of the period ("day" or "month") holding
 * date s (default today). */
static yousu_err
report_period(daemon_t *d, const cJSON *args, yousu_date *first,
    yousu_date *last, char *err, size_t errlen)
{
	const char *period = yousu__jstr(args, "period");
	const char *on = yousu__jstr(args, "date");
	yousu_date day = yousu_daemon_today(d);
	int y, m, dd;

	if (on != NULL && yousu_date_parse(on, &day) != YOUSU_OK) {
		snprintf(err, errlen,
		    "report: date '%s' is not a date "
		    "(YYYY-MM-DD)",
		    on);
		return YOUSU_INVAL;
	}
	if (period == NULL || strcmp(period, "month") == 0) {
		yousu_date_to_ymd(day, &y, &m, &dd);
		yousu_date_from_ymd(y, m, 1, first);
		yousu_date_from_ymd(
		    m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, last);
		--*last;
	} else if (strcmp(period, "day") == 0) {
		*first = *last = day;
	} else {
		snprintf(err, errlen, "report: period '%s' is not day or month",
		    period);
		return YOUSU_INVAL;
	}
	return YOUSU_OK;
}

/* The period of args: from and to, each defaulting to this month's. */
yousu_err
yousu__args_period(daemon_t *d, const char *what, const cJSON *args,
    yousu_date *from, yousu_date *to, char *err, size_t errlen)
{
	int y, m, day;

	yousu_date_to_ymd(yousu_daemon_today(d), &y, &m, &day);
	if (yousu_date_parse(yousu__jstr(args, "from"), from) != YOUSU_OK)
		(void) yousu_date_from_ymd(y, m, 1, from);
	if (yousu_date_parse(yousu__jstr(args, "to"), to) != YOUSU_OK) {
		(void) yousu_date_from_ymd(
		    m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, to);
		(*to)--;
	}
	if (*to < *from) {
		snprintf(err, errlen,
		    "%s: the period ends (to) before it starts (from)", what);
		return YOUSU_INVAL;
	}
	return YOUSU_OK;
}

/* The periodic report (统计报表) of this centre for the days [first,
 * last]: the statistics of the complaints received then, overall and by
 * township, department, source and category, with codes and counts only
 * (no name, phone, address or text of any complaint): what goes to the
 * city. */
yousu_err
yousu_daemon_report(daemon_t *d, const char *period, int32_t first,
    int32_t last, cJSON **out, char *err, size_t errlen)
{
	yousu_filter f = {0};
	char a[11], b[11], now[32];
	cJSON *stats, *groups, *r;
	yousu_err rv;

	f.from = (int64_t) first * 86400 - d->cfg.utc_offset * 60;
	f.to = (int64_t) (last + 1) * 86400 - d->cfg.utc_offset * 60;
	if ((rv = yousu_stats_build_groups(d->wf, d->store, &f,
	         yousu_daemon_today(d), &stats, &groups))) {
		snprintf(
		    err, errlen, "report: %s", yousu_store_errmsg(d->store));
		return rv;
	}
	yousu_date_format(first, a);
	yousu_date_format(last, b);
	yousu_format_time(
	    yousu_daemon_now(d), d->cfg.utc_offset, now, sizeof now);
	r = cJSON_CreateObject();
	yousu__jset_str(r, "report", "yousu.stats.v1");
	yousu__jset_str(r, "centre", d->cfg.code);
	yousu__jset_str(r, "centre_name", d->cfg.name);
	yousu__jset_str(r, "period", period);
	yousu__jset_str(r, "from", a);
	yousu__jset_str(r, "to", b);
	yousu__jset_str(r, "generated_at", now);
	yousu__jset(r, "stats", stats);
	yousu__jset(r, "groups", groups);
	/* 003 三(四) 领导带班: this centre's half-days on the roster, with a
	 * window visit and without (counts only) */
	{
		cJSON *board = NULL, *duty;

		if (yousu_roster_board(d->store, first, last,
		        yousu_daemon_now(d), d->cfg.utc_offset,
		        &board) == YOUSU_OK) {
			duty = cJSON_CreateObject();
			yousu__jset_int(duty, "rostered",
			    yousu__jint(board, "rostered", 0));
			yousu__jset_int(
			    duty, "visited", yousu__jint(board, "visited", 0));
			yousu__jset_int(
			    duty, "missed", yousu__jint(board, "missed", 0));
			yousu__jset(r, "duty", duty);
			cJSON_Delete(board);
		}
	}
	*out = r;
	return YOUSU_OK;
}

/* Queue report r to the parent centre, in a transaction of its own. */
yousu_err
yousu_daemon_send_report(daemon_t *d, const cJSON *r, char *err, size_t errlen)
{
	yousu_err rv;

	if (d->up == NULL) {
		snprintf(err, errlen,
		    "report: centre %s has no parent centre to send it to "
		    "([parent] in its configuration)",
		    d->cfg.code);
		return YOUSU_STATE;
	}
	if ((rv = yousu_store_begin(d->store)) != YOUSU_OK) {
		snprintf(err, errlen, "report: store busy: %s",
		    yousu_store_errmsg(d->store));
		return rv;
	}
	if ((rv = yousu_daemon_send_json(
	         d, d->up, d->cfg.parent, "report", r)) != YOUSU_OK ||
	    (rv = yousu_store_commit(d->store)) != YOUSU_OK) {
		snprintf(err, errlen, "report: queueing it failed: %s",
		    yousu_store_errmsg(d->store));
		yousu_store_rollback(d->store);
	}
	return rv;
}

static yousu_err
ctl_report(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *period = yousu__jstr(args, "period");
	yousu_date first, last;
	yousu_err rv;

	(void) actor;
	if ((rv = report_period(d, args, &first, &last, err, errlen)) != 0 ||
	    (rv = yousu_daemon_report(d, period ? period : "month", first, last,
	         result, err, errlen)) != 0)
		return rv;
	if (yousu__jbool(args, "send", false) &&
	    (rv = yousu_daemon_send_report(d, *result, err, errlen)) !=
	        YOUSU_OK) {
		cJSON_Delete(*result);
		*result = NULL;
		return rv;
	}
	if (yousu__jbool(args, "send", false))
		yousu__jset_bool(*result, "sent", true);
	return YOUSU_OK;
}

/* The month "YYYY-MM" of args (default this one) as its first and last
 * days, and the month before's. */
yousu_err
yousu_daemon_ranking_months(daemon_t *d, const cJSON *args, yousu_date m[2][2],
    char names[2][8], char *err, size_t errlen)
{
	const char *month = yousu__jstr(args, "month");
	char day[11];
	int y, mo, dd;

	if (month == NULL) {
		yousu_date_to_ymd(yousu_daemon_today(d), &y, &mo, &dd);
	} else {
		snprintf(day, sizeof day, "%.7s-01", month);
		if (strlen(month) != 7 ||
		    yousu_date_parse(day, &m[0][0]) != 0) {
			snprintf(err, errlen,
			    "ranking: month '%s' is not a month (YYYY-MM)",
			    month);
			return YOUSU_INVAL;
		}
		yousu_date_to_ymd(m[0][0], &y, &mo, &dd);
	}
	for (int i = 0; i < 2; i++) {
		int yy = y, mm = mo - i;

		if (mm < 1)
			mm += 12, yy--;
		yousu_date_from_ymd(yy, mm, 1, &m[i][0]);
		yousu_date_from_ymd(
		    mm == 12 ? yy + 1 : yy, mm == 12 ? 1 : mm + 1, 1, &m[i][1]);
		m[i][1]--;
		yousu_date_format(m[i][0], day);
		snprintf(names[i], 8, "%.7s", day);
	}
	return YOUSU_OK;
}

/* The groups of the complaints received in [first, last], with their
 * rates: from the days' kept figures where it can. */
static yousu_err
month_groups(daemon_t *d, const yousu_date m[2], cJSON **groups)
{
	yousu_filter f = {0};
	yousu_stats_job *j;
	cJSON *st = NULL;
	bool done = false;
	yousu_err rv = YOUSU_OK;

	f.from = (int64_t) m[0] * 86400 - d->cfg.utc_offset * 60;
	f.to = (int64_t) (m[1] + 1) * 86400 - d->cfg.utc_offset * 60;
	if ((j = yousu_stats_start(d->wf, &f, yousu_daemon_today(d), true)) ==
	    NULL)
		return YOUSU_NOMEM;
	(void) yousu_stats_by_day(j, d->store);
	while (!done && rv == YOUSU_OK)
		rv = yousu_stats_step(j, d->store, 0, &done);
	if (rv == YOUSU_OK)
		yousu_stats_finish(j, &st, groups);
	cJSON_Delete(st);
	yousu_stats_job_free(j);
	return rv;
}

static const char *
dept_name(void *arg, const char *code)
{
	daemon_t *d = arg;

	return yousu_depts_label(yousu_wf_depts(d->wf), code);
}

/* 考核排名: this centre's townships (a county) or departments, ranked on
 * the month's rates with the month before beside them. */
static yousu_err
ctl_ranking(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *by = yousu__jstr(args, "by");
	yousu_date m[2][2];
	char names[2][8], title[256];
	cJSON *g[2] = {NULL, NULL}, *r;
	int w[YOUSU_RANKING_RATES];
	yousu_err rv;

	(void) actor;
	if (by == NULL)
		by = d->cfg.nchildren > 0 ? "township" : "department";
	if (strcmp(by, "township") != 0 && strcmp(by, "department") != 0) {
		snprintf(err, errlen,
		    "ranking: --by '%s' is not township or department", by);
		return YOUSU_INVAL;
	}
	if ((rv = yousu_daemon_ranking_months(
	         d, args, m, names, err, errlen)) != 0)
		return rv;
	for (int i = 0; i < 2 && rv == YOUSU_OK; i++)
		rv = month_groups(d, m[i], &g[i]);
	if (rv != YOUSU_OK) {
		snprintf(
		    err, errlen, "ranking: %s", yousu_store_errmsg(d->store));
		cJSON_Delete(g[0]);
		cJSON_Delete(g[1]);
		return rv;
	}
	yousu_daemon_ranking_weights(d, w);
	r = yousu_ranking(cJSON_GetObjectItem(g[0], by),
	    cJSON_GetObjectItem(g[1], by), w,
	    strcmp(by, "department") == 0 ? dept_name : NULL, d);
	cJSON_Delete(g[0]);
	cJSON_Delete(g[1]);
	snprintf(title, sizeof title, "%s“有诉即办”考核排名（%s，按%s）",
	    d->cfg.name, names[0],
	    strcmp(by, "department") == 0 ? "部门" : "乡镇（街道）");
	yousu__jset_str(r, "title", title);
	yousu_daemon_ranking_head(r, names, by, w);
	*result = r;
	return YOUSU_OK;
}

void
yousu_daemon_ranking_weights(yousu_daemon *d, int w[4])
{
	yousu_policy_ranking_weights(d->policy, w);
}

void
yousu_daemon_ranking_head(
    cJSON *r, char names[2][8], const char *by, const int w[4])
{
	cJSON *o = cJSON_CreateObject();

	yousu__jset_str(r, "month", names[0]);
	yousu__jset_str(r, "previous", names[1]);
	yousu__jset_str(r, "by", by);
	for (int i = 0; i < YOUSU_RANKING_RATES; i++)
		yousu__jset_int(o, yousu_ranking_rates[i], w[i]);
	yousu__jset(r, "weights", o);
}

const yousu__ctl_entry yousu__report_cmds[] = {
    {"report", ctl_report},
    {"ranking", ctl_ranking},
    {NULL, NULL},
};
