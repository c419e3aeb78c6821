/* The daemon's clock (the test clock under --test-clock), its tick (the
 * scheduler, the calendar's daily look, the role's part) and the clock
 * command. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon_impl.h"
#include "yousu/cases.h"
#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/query.h"

/* --- clock ------------------------------------------------------------ */

int64_t
yousu__daemon_now(void *arg)
{
	daemon_t *d = arg;

	return d->test_clock ? d->clock_now : (int64_t) time(NULL);
}

static yousu_err
clock_store(daemon_t *d)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long) d->clock_now);
	return yousu_store_set_setting(d->store, "test_clock", buf);
}

/* The test clock starts at `start` (or now) on a new store and goes on
 * from where it stood on a restarted one. */
int
yousu__clock_init(daemon_t *d, const char *start)
{
	char buf[32];

	d->clock_now = time(NULL);
	if (!d->test_clock)
		return 0;
	if (yousu_store_get_setting(d->store, "test_clock", buf, sizeof buf) ==
	    YOUSU_OK) {
		d->clock_now = strtoll(buf, NULL, 10);
		return 0;
	}
	if (start != NULL &&
	    yousu_parse_time(start, d->cfg.utc_offset, &d->clock_now) != 0) {
		fprintf(stderr,
		    "yousu-%s: --test-clock='%s' is not YYYY-MM-DD or "
		    "YYYY-MM-DDTHH:MM\n",
		    d->role->name, start);
		return 2;
	}
	return clock_store(d) == YOUSU_OK ? 0 : 1;
}

/* "3d", "2h", "30m", "10s" */
static yousu_err
parse_span(const char *s, int64_t *out)
{
	char *end;
	long long n = strtoll(s, &end, 10);
	int64_t unit;

	if (end == s || n < 0 || n > 3660)
		return YOUSU_INVAL;
	if (strcmp(end, "d") == 0)
		unit = 86400;
	else if (strcmp(end, "h") == 0)
		unit = 3600;
	else if (strcmp(end, "m") == 0)
		unit = 60;
	else if (strcmp(end, "s") == 0 || *end == '\0')
		unit = 1;
	else
		return YOUSU_INVAL;
	*out = n * unit;
	return YOUSU_OK;
}

/* --- the tick: the scheduler and what the role adds ------------------ */

yousu_err
yousu__daemon_tick(daemon_t *d, int *fired)
{
	char err[512];
	yousu_err rv = yousu_wf_tick(d->wf, fired, err, sizeof err);

	yousu__calendar_daily(d);
	if (d->role->tick != NULL)
		d->role->tick(d);
	if (rv != YOUSU_OK)
		yousu_log("SCHED %s", err);
	else if (*fired > 0)
		yousu_log("scheduler: %d escalation event(s)", *fired);
	return rv;
}

static yousu_err
ctl_clock(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *action = yousu__jstr(args, "action");
	const char *value = yousu__jstr(args, "value");
	int64_t t, span;
	int fired = 0;
	char buf[32];

	(void) actor;
	if (action != NULL && strcmp(action, "get") != 0) {
		if (!d->test_clock) {
			snprintf(err, errlen,
			    "clock: the %s was not started with --test-clock",
			    d->role->name);
			return YOUSU_STATE;
		}
		if (strcmp(action, "set") == 0 &&
		    yousu_parse_time(value, d->cfg.utc_offset, &t) == 0) {
			if (t < d->clock_now) {
				snprintf(err, errlen,
				    "clock: '%s' is before the current test "
				    "time; the clock never goes back",
				    value);
				return YOUSU_INVAL;
			}
			d->clock_now = t;
		} else if (strcmp(action, "advance") == 0 &&
		           parse_span(value ? value : "", &span) == 0) {
			d->clock_now += span;
		} else {
			snprintf(err, errlen,
			    "clock: bad %s value '%s' (set takes YYYY-MM-DD or "
			    "YYYY-MM-DDTHH:MM, advance takes 3d, 2h, 30m)",
			    action, value ? value : "");
			return YOUSU_INVAL;
		}
		if (clock_store(d) != YOUSU_OK ||
		    yousu__daemon_tick(d, &fired) == YOUSU_DB) {
			snprintf(err, errlen, "clock: store: %s",
			    yousu_store_errmsg(d->store));
			return YOUSU_DB;
		}
	}
	*result = cJSON_CreateObject();
	yousu_format_time(
	    yousu__daemon_now(d), d->cfg.utc_offset, buf, sizeof buf);
	yousu__jset_str(*result, "now", buf);
	yousu__jset_bool(*result, "test_clock", d->test_clock);
	yousu__jset_int(*result, "fired", fired);
	return YOUSU_OK;
}

const yousu__ctl_entry yousu__clock_cmds[] = {
    {"clock", ctl_clock},
    {NULL, NULL},
};
