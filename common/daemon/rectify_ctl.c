/* 整改情况报告 (000 一(二)): rectify.report, rectify.archive,
 * rectify.list, rectify.show. */
#include <stdio.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/accounts.h"
#include "yousu/json.h"
#include "yousu/rectify.h"

static yousu_err
build(daemon_t *d, const char *what, yousu_date from, yousu_date to,
    cJSON **out, char *err, size_t errlen)
{
	if (yousu_rectify_build(d->wf, d->store, d->cfg.code, from, to,
	        yousu_daemon_today(d), out) != YOUSU_OK) {
		snprintf(err, errlen, "%s: store: %s", what,
		    yousu_store_errmsg(d->store));
		return YOUSU_DB;
	}
	return YOUSU_OK;
}

static yousu_err
ctl_rectify_report(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	yousu_date from, to;
	yousu_err rv;

	(void) actor;
	if ((rv = yousu__args_period(d, "rectify report", args, &from, &to, err,
	         errlen)) != YOUSU_OK)
		return rv;
	return build(d, "rectify report", from, to, result, err, errlen);
}

static yousu_err
ctl_rectify_archive(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	yousu_date from, to;
	char id[96], detail[256];
	int64_t now = yousu__daemon_now(d);
	yousu_err rv;

	if ((rv = yousu__args_period(d, "rectify archive", args, &from, &to,
	         err, errlen)) != YOUSU_OK ||
	    (rv = build(d, "rectify archive", from, to, result, err, errlen)) !=
	        YOUSU_OK)
		return rv;
	if (yousu_store_begin(d->store) != YOUSU_OK) {
		snprintf(err, errlen, "rectify archive: store busy");
		return YOUSU_DB;
	}
	rv = yousu_rectify_archive(
	    d->store, d->cfg.code, *result, actor, now, id, sizeof id);
	/* the archive's hash in the centre's audit log as well */
	snprintf(detail, sizeof detail, "%s %s..%s sha256=%s", id,
	    yousu__jstr(*result, "from"), yousu__jstr(*result, "to"),
	    yousu__jstr(*result, "sha256"));
	if (rv == YOUSU_OK)
		rv = yousu_audit(
		    d->store, now, "rectify.archive", actor, NULL, detail);
	if (rv == YOUSU_OK)
		rv = yousu_store_commit(d->store);
	if (rv != YOUSU_OK) {
		yousu_store_rollback(d->store);
		snprintf(err, errlen, "rectify archive: store: %s",
		    yousu_store_errmsg(d->store));
		return rv;
	}
	yousu__jset_str(*result, "id", id);
	yousu__jset_str(*result, "actor", actor);
	yousu__jset_int(*result, "archived_at", now);
	return YOUSU_OK;
}

static yousu_err
ctl_rectify_list(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	(void) actor, (void) args;
	if (yousu_rectify_list(d->store, result) != YOUSU_OK) {
		snprintf(err, errlen, "rectify list: store: %s",
		    yousu_store_errmsg(d->store));
		return YOUSU_DB;
	}
	return YOUSU_OK;
}

/* The ids whose rows differ between two reports of one period (added,
 * gone or changed). */
static cJSON *
changed_ids(const cJSON *a, const cJSON *b)
{
	cJSON *out = cJSON_CreateArray();
	const cJSON *ra, *rb;

	for (int pass = 0; pass < 2; pass++) {
		const cJSON *x = pass ? b : a, *y = pass ? a : b;

		cJSON_ArrayForEach (ra, cJSON_GetObjectItem(x, "rows")) {
			const char *id = cJSON_GetArrayItem(ra, 0)->valuestring;
			bool same = false, found = false;

			cJSON_ArrayForEach (rb, cJSON_GetObjectItem(y, "rows"))
				if (strcmp(
				        cJSON_GetArrayItem(rb, 0)->valuestring,
				        id) == 0) {
					found = true;
					same = cJSON_Compare(ra, rb, true);
				}
			/* a changed row is named once, on the first pass */
			if (!found || (!same && pass == 0))
				cJSON_AddItemToArray(
				    out, cJSON_CreateString(id));
		}
	}
	return out;
}

/* An archived report, and whether what it reports has changed since:
 * the same period built again, its hash and the rows that differ. */
static yousu_err
ctl_rectify_show(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const char *id = yousu__jstr(args, "report");
	cJSON *now = NULL;
	yousu_date from = 0, to = 0;
	yousu_err rv;

	(void) actor;
	if ((rv = yousu_rectify_get(d->store, id, result)) != YOUSU_OK) {
		snprintf(err, errlen,
		    rv == YOUSU_NOTFOUND
		        ? "rectify show: no archived report '%s'"
		        : "rectify show: store: %s",
		    rv == YOUSU_NOTFOUND ? id : yousu_store_errmsg(d->store));
		return rv;
	}
	(void) yousu_date_parse(yousu__jstr(*result, "from"), &from);
	(void) yousu_date_parse(yousu__jstr(*result, "to"), &to);
	if ((rv = build(d, "rectify show", from, to, &now, err, errlen)) !=
	    YOUSU_OK) {
		cJSON_Delete(*result);
		*result = NULL;
		return rv;
	}
	yousu__jset_str(*result, "current_sha256", yousu__jstr(now, "sha256"));
	yousu__jset_bool(*result, "changed",
	    strcmp(yousu__jstr(now, "sha256"),
	        yousu__jstr(*result, "sha256")) != 0);
	yousu__jset(*result, "changed_ids", changed_ids(*result, now));
	cJSON_Delete(now);
	return YOUSU_OK;
}

const yousu__ctl_entry yousu__rectify_cmds[] = {
    {"rectify.report", ctl_rectify_report},
    {"rectify.archive", ctl_rectify_archive},
    {"rectify.list", ctl_rectify_list},
    {"rectify.show", ctl_rectify_show},
    {NULL, NULL},
};
