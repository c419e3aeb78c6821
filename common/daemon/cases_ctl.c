/* The guidance-case commands (指导案例, 002 article 11): propose, review,
 * list, show, search; and the similar cases an intake is shown. */
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

/* --- guidance cases (指导案例, 002 article 11) ----------------------- */

/* Local times ("proposed", "reviewed") beside the unix ones, on a case
 * or on each case of a list. */
static void
case_times(daemon_t *d, cJSON *c)
{
	char buf[32];
	cJSON *it;

	if (cJSON_IsArray(c)) {
		cJSON_ArrayForEach (it, c)
			case_times(d, it);
		return;
	}
	yousu_format_time(yousu__jint(c, "proposed_at", 0), d->cfg.utc_offset,
	    buf, sizeof buf);
	yousu__jset_str(c, "proposed", buf);
	if (yousu__jint(c, "reviewed_at", 0) == 0)
		return;
	yousu_format_time(yousu__jint(c, "reviewed_at", 0), d->cfg.utc_offset,
	    buf, sizeof buf);
	yousu__jset_str(c, "reviewed", buf);
}

/* Finish a case command: the library's message under the command's
 * name, or the result with its local times. */
static yousu_err
case_done(daemon_t *d, const char *what, yousu_err rv, cJSON **result,
    char *err, size_t errlen)
{
	char msg[1024];

	if (rv != YOUSU_OK) {
		snprintf(msg, sizeof msg, "%s", err);
		snprintf(err, errlen, "case %s: %s", what, msg);
		return rv;
	}
	case_times(d, *result);
	return YOUSU_OK;
}

/* After a case changed in the transaction the caller opened (rv its
 * outcome): queue it on the link and commit, or roll it all back. */
static yousu_err
with_relay(daemon_t *d, yousu_err rv, cJSON **result, char *err, size_t errlen)
{
	if (rv == YOUSU_OK && (rv = yousu__relay_case(d, *result)) != 0)
		snprintf(err, errlen, "case: queueing it on the link failed");
	if (rv == YOUSU_OK && (rv = yousu_store_commit(d->store)) != 0)
		snprintf(err, errlen, "case: commit: %s",
		    yousu_store_errmsg(d->store));
	if (rv != YOUSU_OK) {
		yousu_store_rollback(d->store);
		if (*result != NULL) {
			cJSON_Delete(*result);
			*result = NULL;
		}
	}
	return rv;
}

static yousu_err
ctl_case_propose(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	yousu_case_proposal p = {yousu__jstr(args, "id"),
	    yousu__jstr(args, "title"), yousu__jstr(args, "method"),
	    yousu__jstr(args, "conclusion"), actor, d->cfg.code, 0,
	    yousu__daemon_now(d)};
	int m, day;

	if (yousu_store_begin(d->store) != YOUSU_OK) {
		snprintf(err, errlen, "case propose: store busy");
		return YOUSU_DB;
	}
	yousu_date_to_ymd(yousu_daemon_today(d), &p.year, &m, &day);
	return case_done(d, "propose",
	    with_relay(d,
	        yousu_cases_propose(d->store, &p, result, err, errlen), result,
	        err, errlen),
	    result, err, errlen);
}

/* 审核发布 is the county's (002 article 11): a township node proposes,
 * the hub publishes or returns. */
static yousu_err
ctl_case_review(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const cJSON *publish = cJSON_GetObjectItem(args, "publish");
	yousu_err rv;

	if (yousu_store_begin(d->store) != YOUSU_OK) {
		snprintf(err, errlen, "case review: store busy");
		return YOUSU_DB;
	}
	rv = yousu_cases_review(d->store, yousu__jstr(args, "id"),
	    cJSON_IsTrue(publish), actor, yousu__jstr(args, "note"),
	    yousu__daemon_now(d), result, err, errlen);
	return case_done(d, "review", with_relay(d, rv, result, err, errlen),
	    result, err, errlen);
}

static yousu_err
ctl_case_list(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	int64_t limit = yousu__jint(args, "limit", 0);

	(void) actor;
	return case_done(d, "list",
	    yousu_cases_list(d->store, yousu__jstr(args, "status"), (int) limit,
	        result, err, errlen),
	    result, err, errlen);
}

static yousu_err
ctl_case_show(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor;
	return case_done(d, "show",
	    yousu_cases_show(
	        d->store, yousu__jstr(args, "id"), result, err, errlen),
	    result, err, errlen);
}

static yousu_err
ctl_case_search(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	int64_t limit = yousu__jint(args, "limit", 10);

	(void) actor;
	if (yousu__jbool(args, "similar", false)) {
		yousu_err rv = yousu_cases_similar(
		    d->store, yousu__jstr(args, "text"), (int) limit, result);

		if (rv != YOUSU_OK)
			snprintf(
			    err, errlen, "%s", yousu_store_errmsg(d->store));
		return case_done(d, "search", rv, result, err, errlen);
	}
	return case_done(d, "search",
	    yousu_cases_search(d->store, yousu__jstr(args, "text"), (int) limit,
	        result, err, errlen),
	    result, err, errlen);
}

/* An intake's answer lists the closest published guidance cases (at
 * most 3). Only the single intake searches (a batch does not); the
 * complaint is stored whatever the search says. */
void
yousu__cases_similar(daemon_t *d, cJSON *result)
{
	cJSON *similar = NULL;

	if (yousu_cases_similar(d->store, yousu__jstr(result, "content"), 3,
	        &similar) != YOUSU_OK) {
		yousu_log("CASES similar cases not searched: %s",
		    yousu_store_errmsg(d->store));
		similar = cJSON_CreateArray();
	}
	yousu__jset(result, "similar_cases", similar);
}

const yousu__ctl_entry yousu__case_cmds[] = {
    {"case.propose", ctl_case_propose},
    {"case.review", ctl_case_review},
    {"case.list", ctl_case_list},
    {"case.show", ctl_case_show},
    {"case.search", ctl_case_search},
    {NULL, NULL},
};
