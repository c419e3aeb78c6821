/* Visit rounds (回访批次, 004 第六条): round.new, round.list, round.show. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/rounds.h"

static void
round_time(daemon_t *d, cJSON *r)
{
	char buf[32];

	yousu_format_time(yousu__jint(r, "created_at", 0), d->cfg.utc_offset,
	    buf, sizeof buf);
	yousu__jset_str(r, "created", buf);
}

/* Each township's part of a county's round, sent to it (in the round's
 * transaction), so that it takes the visits of its complaints. */
static yousu_err
send_parts(daemon_t *d, const cJSON *r)
{
	yousu_err rv = YOUSU_OK;

	for (int i = 0; i < d->cfg.nchildren && rv == YOUSU_OK; i++) {
		cJSON *part = NULL;

		rv = yousu_round_part(d->store, r, d->cfg.child[i], &part);
		if (rv == YOUSU_OK && part != NULL)
			rv = yousu_daemon_send_json(
			    d, d->down, d->cfg.child[i], "round", part);
		cJSON_Delete(part);
	}
	return rv;
}

/* A step a county takes on a township's complaint (the visit of a
 * county's round): checked here as the township would run it, then
 * sent to the township, which writes it; its event comes back up.
 * *sent false: not a township's complaint (run here as usual). */
yousu_err
yousu__step_forward(daemon_t *d, const char *cmd, const char *actor,
    const cJSON *signer, const cJSON *args, cJSON **result, char *err,
    size_t errlen, bool *sent)
{
	char owner[32];
	cJSON *doc = NULL, *msg;
	yousu_err rv;

	*sent = false;
	if (strcmp(cmd, "revisit") != 0 || d->down == NULL ||
	    yousu_store_load(d->store, yousu__jstr(args, "id"), &doc) != 0)
		return YOUSU_OK;
	snprintf(owner, sizeof owner, "%s",
	    yousu__jstr(doc, "owner") ? yousu__jstr(doc, "owner") : "");
	cJSON_Delete(doc);
	if (!yousu__relay_is_child(d, owner))
		return YOUSU_OK;
	*sent = true;
	doc = NULL;
	if ((rv = yousu_wf_check_for(d->wf, cmd, actor, signer, args, owner,
	         &doc, err, errlen)) != YOUSU_OK)
		return rv;
	msg = cJSON_CreateObject();
	yousu__jset_str(msg, "cmd", cmd);
	yousu__jset_str(msg, "actor", actor);
	if (signer != NULL)
		yousu__jset(msg, "signer", cJSON_Duplicate(signer, 1));
	yousu__jset(msg, "args", cJSON_Duplicate(args, 1));
	if ((rv = yousu_store_begin(d->store)) == YOUSU_OK) {
		rv = yousu_daemon_send_json(d, d->down, owner, "step", msg);
		rv = rv == YOUSU_OK ? yousu_store_commit(d->store) : rv;
		if (rv != YOUSU_OK)
			yousu_store_rollback(d->store);
	}
	cJSON_Delete(msg);
	if (rv != YOUSU_OK) {
		cJSON_Delete(doc);
		snprintf(err, errlen, "%s: not sent to %s: %s", cmd, owner,
		    yousu_store_errmsg(d->store));
		return rv;
	}
	yousu__jset_str(doc, "sent_to", owner);
	*result = doc;
	return YOUSU_OK;
}

/* A step the parent centre sent (yousu__step_forward), or its round's
 * part: taken here as its own (a step refused is the parent's fault: a
 * dead letter, and the stream goes on). */
yousu_err
yousu__step_receive(
    daemon_t *d, const char *kind, const uint8_t *body, size_t len)
{
	cJSON *m = cJSON_ParseWithLength((const char *) body, len),
	      *result = NULL;
	const char *cmd = yousu__jstr(m, "cmd");
	char err[1024];
	yousu_err rv;

	if (m == NULL) {
		yousu_log("LINK-STEP a %s that is not JSON", kind);
		return YOUSU_PROTO;
	}
	if (strcmp(kind, "round") == 0) {
		rv = yousu_round_keep(d->store, m);
		if (rv != YOUSU_OK)
			yousu_log("LINK-STEP round %s not kept: %s",
			    yousu__jstr(m, "id"),
			    rv == YOUSU_INVAL ? "malformed"
			                      : yousu_store_errmsg(d->store));
		else
			yousu_log("visit round %s of %s: %d complaints here",
			    yousu__jstr(m, "id"), d->cfg.parent,
			    cJSON_GetArraySize(
			        cJSON_GetObjectItem(m, "members")));
		cJSON_Delete(m);
		return rv == YOUSU_INVAL ? YOUSU_STATE : rv;
	}
	if (cmd == NULL || strcmp(cmd, "revisit") != 0) {
		yousu_log("LINK-STEP '%s' is not a step a parent sends",
		    cmd ? cmd : "");
		cJSON_Delete(m);
		return YOUSU_STATE;
	}
	rv = yousu_wf_exec_signed(d->wf, cmd, yousu__jstr(m, "actor"),
	    cJSON_GetObjectItem(m, "signer"), cJSON_GetObjectItem(m, "args"),
	    &result, err, sizeof err);
	if (rv != YOUSU_OK)
		yousu_log("LINK-STEP %s of %s from %s refused: %s", cmd,
		    yousu__jstr(cJSON_GetObjectItem(m, "args"), "id"),
		    d->cfg.parent, err);
	else
		yousu_log("%s %s by %s (from %s) -> %s", cmd,
		    yousu__jstr(result, "id"), yousu__jstr(m, "actor"),
		    d->cfg.parent, yousu__jstr(result, "status"));
	cJSON_Delete(result);
	cJSON_Delete(m);
	return rv == YOUSU_OK || rv == YOUSU_DB ? rv : YOUSU_STATE;
}

static yousu_err
ctl_round_new(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	yousu_round_spec spec = {d->cfg.code, NULL, 0, 0, d->cfg.utc_offset, 0,
	    0, actor, yousu__daemon_now(d)};
	char msg[512], owners[MAX_CHILDREN * 18 + 2] = ",";
	yousu_err rv;

	/* a county's round: its townships' complaints too */
	for (int i = 0; i < d->cfg.nchildren; i++) {
		strcat(owners, d->cfg.child[i]);
		strcat(owners, ",");
	}
	if (d->cfg.nchildren > 0 && d->down != NULL)
		spec.owners = owners;

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
	if (rv == YOUSU_OK && spec.owners != NULL &&
	    (rv = send_parts(d, *result)) != YOUSU_OK)
		snprintf(msg, sizeof msg, "the townships' parts: %s",
		    yousu_store_errmsg(d->store));
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
