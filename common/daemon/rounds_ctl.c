/* Visit rounds (回访批次, 004 第六条): round.new, round.list, round.show. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/json.h"
#include "yousu/rounds.h"

static void
round_time(daemon_t *d, cJSON *r)
{
	char buf[32];

	yousu_format_time(yousu__jint(r, "created_at", 0), d->cfg.utc_offset,
	    buf, sizeof buf);
	yousu__jset_str(r, "created", buf);
}

static yousu_err
ctl_round_new(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	yousu_round_spec spec = {d->cfg.code, 0, 0, d->cfg.utc_offset, 0, 0,
	    actor, yousu__daemon_now(d)};
	char msg[512];
	yousu_err rv;

	(void) yousu_date_parse(yousu__jstr(args, "from"), &spec.from);
	(void) yousu_date_parse(yousu__jstr(args, "to"), &spec.to);
	if (spec.to < spec.from) {
		snprintf(err, errlen,
		    "round new: the period ends (to %s) before it starts (from "
		    "%s)",
		    yousu__jstr(args, "to"), yousu__jstr(args, "from"));
		return YOUSU_INVAL;
	}
	if (yousu__jbool(args, "all", false) &&
	    cJSON_HasObjectItem(args, "size")) {
		snprintf(err, errlen, "round new: --all or --size, not both");
		return YOUSU_INVAL;
	}
	if (!yousu__jbool(args, "all", false))
		spec.size = cJSON_HasObjectItem(args, "size")
		                ? (int) yousu__jint(args, "size", 0)
		                : yousu_policy_round_sample(d->policy);
	spec.seed = cJSON_HasObjectItem(args, "seed")
	                ? (uint32_t) yousu__jint(args, "seed", 0)
	                : randombytes_uniform(1000000000);
	if (yousu_store_begin(d->store) != YOUSU_OK) {
		snprintf(err, errlen, "round new: store busy");
		return YOUSU_DB;
	}
	rv = yousu_round_new(d->store, &spec, result, msg, sizeof msg);
	if (rv == YOUSU_OK && (rv = yousu_store_commit(d->store)) != YOUSU_OK)
		snprintf(msg, sizeof msg, "commit: %s",
		    yousu_store_errmsg(d->store));
	if (rv != YOUSU_OK) {
		yousu_store_rollback(d->store);
		if (*result != NULL) {
			cJSON_Delete(*result);
			*result = NULL;
		}
		snprintf(err, errlen, "round new: %s", msg);
		return rv;
	}
	round_time(d, *result);
	return YOUSU_OK;
}

static yousu_err
ctl_round_list(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	cJSON *r;

	(void) actor, (void) args;
	if (yousu_round_list(d->store, result) != YOUSU_OK) {
		snprintf(err, errlen, "round list: store: %s",
		    yousu_store_errmsg(d->store));
		return YOUSU_DB;
	}
	cJSON_ArrayForEach (r, *result)
		round_time(d, r);
	return YOUSU_OK;
}

/* round.show: the round, each member with its visit in the round (or
 * none yet), and the counts of the round's results. */
static yousu_err
ctl_round_show(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const char *id = yousu__jstr(args, "round");
	cJSON *r = NULL, *items = cJSON_CreateArray(), *sum, *m;
	int64_t n = 0, visited = 0, reached = 0, sat = 0, basic = 0, unsat = 0,
	        rechecked = 0;
	yousu_err rv;

	(void) actor;
	if ((rv = yousu_round_get(d->store, id, &r)) != YOUSU_OK) {
		cJSON_Delete(items);
		snprintf(err, errlen,
		    rv == YOUSU_NOTFOUND ? "round show: no visit round '%s'"
		                         : "round show: store: %s",
		    rv == YOUSU_NOTFOUND ? id : yousu_store_errmsg(d->store));
		return rv;
	}
	cJSON_ArrayForEach (m, cJSON_GetObjectItem(r, "members")) {
		cJSON *doc = NULL, *it = cJSON_CreateObject();
		const cJSON *v;

		n++;
		yousu__jset_str(it, "id", m->valuestring);
		if (yousu_store_load(d->store, m->valuestring, &doc) == 0) {
			yousu__jset_str(
			    it, "status", yousu__jstr(doc, "status"));
			yousu__jset_str(it, "lead", yousu__jstr(doc, "lead"));
			v = cJSON_GetObjectItem(
			    cJSON_GetObjectItem(doc, "revisits"), id);
			if (v != NULL) {
				const char *s = yousu__jstr(v, "satisfaction");

				visited++;
				yousu__jset(it, "visit", cJSON_Duplicate(v, 1));
				if (yousu__jbool(v, "reached", false))
					reached++;
				if (s != NULL && strcmp(s, "satisfied") == 0)
					sat++;
				else if (s != NULL && strcmp(s, "basic") == 0)
					basic++;
				else if (s != NULL)
					unsat++;
				if (yousu__jbool(v, "rechecked", false)) {
					rechecked++;
					yousu__jset_bool(it, "rechecked", true);
				}
			}
		}
		cJSON_Delete(doc);
		cJSON_AddItemToArray(items, it);
	}
	sum = cJSON_CreateObject();
	yousu__jset_int(sum, "members", n);
	yousu__jset_int(sum, "visited", visited);
	yousu__jset_int(sum, "reached", reached);
	yousu__jset_int(sum, "unreached", visited - reached);
	yousu__jset_int(sum, "satisfied", sat);
	yousu__jset_int(sum, "basic", basic);
	yousu__jset_int(sum, "unsatisfied", unsat);
	yousu__jset_int(sum, "rechecked", rechecked);
	if (reached > 0)
		yousu__jset(sum, "satisfaction_rate_pct",
		    cJSON_CreateNumber(
		        (double) (((sat + basic) * 10000 + reached / 2) /
		                  reached) /
		        100.0));
	else
		yousu__jset(sum, "satisfaction_rate_pct", cJSON_CreateNull());
	yousu__jset(r, "items", items);
	yousu__jset(r, "results", sum);
	round_time(d, r);
	*result = r;
	return YOUSU_OK;
}

const yousu__ctl_entry yousu__round_cmds[] = {
    {"round.new", ctl_round_new},
    {"round.list", ctl_round_list},
    {"round.show", ctl_round_show},
    {NULL, NULL},
};
