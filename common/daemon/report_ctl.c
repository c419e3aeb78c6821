/* The periodic report (统计报表): what a county sends the city, in codes
 * and counts only, and the command that shows or sends it. */
#include <stdio.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/query.h"
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

const yousu__ctl_entry yousu__report_cmds[] = {
    {"report", ctl_report},
    {NULL, NULL},
};
