/* The control socket's requests: each is checked against the command
 * schema (yousu/commands.h), dispatched to the command's handler (the
 * skeleton's, or the role's) or to the workflow, and answered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon_impl.h"
#include "yousu/accounts.h"
#include "yousu/cases.h"
#include "yousu/commands.h"
#include "yousu/complaint.h"
#include "yousu/hotline_out.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/query.h"
#include "yousu/utf8.h"

static yousu_err
ctl_ping(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	char now[32];

	(void) actor, (void) args, (void) err, (void) errlen;
	*result = cJSON_CreateObject();
	yousu__jset_str(*result, "role", d->role->name);
	yousu__jset_str(*result, "centre", d->cfg.code);
	yousu__jset_str(*result, "name", d->cfg.name);
	yousu__jset_str(*result, "profile", yousu_policy_name(d->policy));
	yousu__jset(*result, "calendar", yousu__calendar_status(d));
	yousu__jset(*result, "parent", yousu__relay_parent_state(d));
	/* the daemon's own clock (a test clock in tests), for the desk's
	 * 今日到期 */
	yousu_format_time(
	    yousu__daemon_now(d), d->cfg.utc_offset, now, sizeof now);
	yousu__jset_str(*result, "now", now);
	now[10] = '\0';
	yousu__jset_str(*result, "today", now);
	return YOUSU_OK;
}

/* backup: where the store is; yousuctl copies it (SQLite's backup API
 * from its own read connection: in WAL mode the daemon's writes go on
 * while the copy is made, and the loop never waits for it). */
static yousu_err
ctl_backup(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor, (void) args, (void) err, (void) errlen;
	*result = cJSON_CreateObject();
	yousu__jset_str(*result, "centre", d->cfg.code);
	yousu__jset_str(*result, "store", d->cfg.store);
	return YOUSU_OK;
}

static yousu_err
ctl_check(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	yousu_err rv;

	(void) actor, (void) args;
	if ((rv = yousu_complaint_check(d->store, err, errlen)) != YOUSU_OK)
		return rv;
	*result = cJSON_CreateObject();
	yousu__jset_bool(*result, "consistent", true);
	return YOUSU_OK;
}

static yousu_err
ctl_status(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor, (void) args, (void) err, (void) errlen;
	*result = yousu__relay_status(d);
	yousu__jset(*result, "calendar", yousu__calendar_status(d));
	return YOUSU_OK;
}

/* Who signs a step besides its actor's name, kept in the event: the
 * account and the role it acted in (from the API), or yousuctl on behalf
 * of the actor (from the control socket). */
static cJSON *
signer_of(const yousu_command *c, const char *actor, const struct yousu_user *u)
{
	cJSON *s = cJSON_CreateObject();
	unsigned granting;

	if (u == NULL) {
		yousu__jset_str(s, "via", "yousuctl");
		yousu__jset_str(s, "on_behalf_of", actor);
		return s;
	}
	granting = c->roles & u->roles;
	yousu__jset_str(s, "via", "desk");
	yousu__jset_str(s, "login", u->login);
	yousu__jset_str(s, "name", u->name);
	for (unsigned bit = 1; yousu_command_role_code(bit); bit <<= 1)
		if (granting & bit) {
			yousu__jset_str(
			    s, "role", yousu_command_role_code(bit));
			break;
		}
	return s;
}

/* One workflow request of a batch, as {"ok", "result"|"error"}. */
static cJSON *
batch_one(daemon_t *d, const char *actor, const cJSON *req)
{
	const char *cmd = yousu__jstr(req, "cmd");
	const char *who = yousu__jstr(req, "actor");
	const yousu_command *c;
	cJSON *out = cJSON_CreateObject(), *result = NULL;
	char err[1024] = "";
	yousu_err rv = YOUSU_INVAL;

	if (cmd == NULL)
		snprintf(err, sizeof err, "batch: a request without \"cmd\"");
	else if ((c = yousu_command_find(cmd)) == NULL ||
	         !(c->flags & YOUSU_C_WORKFLOW))
		snprintf(err, sizeof err,
		    "batch: '%s' is not a step of a complaint (batch takes "
		    "intake, assign, reply ...)",
		    cmd);
	else if ((rv = yousu__control_admits(d, c, err, sizeof err)) ==
	         YOUSU_OK) {
		cJSON *signer = signer_of(c, who ? who : actor, d->user);

		rv = yousu_wf_exec_signed(d->wf, cmd, who ? who : actor, signer,
		    cJSON_GetObjectItem(req, "args"), &result, err, sizeof err);
		cJSON_Delete(signer);
	}
	yousu__jset_bool(out, "ok", rv == YOUSU_OK);
	if (rv == YOUSU_OK) {
		yousu__jset_str(out, "id", yousu__jstr(result, "id"));
		yousu__jset_str(out, "status", yousu__jstr(result, "status"));
		cJSON_Delete(result);
	} else {
		yousu__jset_str(out, "error", err);
	}
	return out;
}

/* Workflow requests in one transaction (group commit): each succeeds or
 * fails alone (a savepoint each), and all are durable when the answer
 * comes. At most 10,000 requests. */
static yousu_err
ctl_batch(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const cJSON *reqs = cJSON_GetObjectItem(args, "requests"), *r;
	cJSON *out;

	if (!cJSON_IsArray(reqs) || cJSON_GetArraySize(reqs) > 10000) {
		snprintf(err, errlen,
		    "batch: \"requests\" must be a list of at most 10000");
		return YOUSU_INVAL;
	}
	if (yousu_store_begin(d->store) != YOUSU_OK) {
		snprintf(err, errlen, "batch: store busy");
		return YOUSU_DB;
	}
	out = cJSON_CreateArray();
	/* each operation checks everything before it writes: one that is
	 * refused has written nothing and needs no savepoint */
	yousu_store_light_nesting(d->store, true);
	cJSON_ArrayForEach (r, reqs)
		cJSON_AddItemToArray(out, batch_one(d, actor, r));
	yousu_store_light_nesting(d->store, false);
	if (yousu_store_commit(d->store) != YOUSU_OK) {
		yousu_store_rollback(d->store);
		cJSON_Delete(out);
		snprintf(err, errlen, "batch: commit: %s",
		    yousu_store_errmsg(d->store));
		return YOUSU_DB;
	}
	*result = out;
	return YOUSU_OK;
}

static const yousu__ctl_entry ctl_cmds[] = {
    {"status", ctl_status},
    {"batch", ctl_batch},
    {"ping", ctl_ping},
    {"check", ctl_check},
    {"backup", ctl_backup},
    {NULL, NULL},
};

/* The handler of command name: the skeleton's or the role's; NULL for a
 * step of the workflow (or none). */
static yousu__ctl_fn
handler(const daemon_t *d, const char *name)
{
	const yousu__ctl_entry *const tables[] = {ctl_cmds, yousu__clock_cmds,
	    yousu__view_cmds, yousu__case_cmds, yousu__round_cmds,
	    yousu__duty_cmds, yousu__rectify_cmds, yousu__relay_cmds,
	    yousu__calendar_cmds, yousu__report_cmds, yousu__user_cmds,
	    yousu__repeat_cmds, yousu__hotspot_cmds};

	/* a role's own first: the city answers `ranking` from its reports */
	for (const yousu_role_cmd *rc = d->role->cmds; rc && rc->cmd; rc++)
		if (strcmp(rc->cmd, name) == 0)
			return rc->fn;
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
		for (size_t i = 0; tables[t][i].cmd; i++)
			if (strcmp(tables[t][i].cmd, name) == 0)
				return tables[t][i].fn;
	return NULL;
}

int
yousu__control_check(const daemon_t *d)
{
	int bad = 0;

	for (const yousu_command *c = yousu_commands; c->name; c++)
		if ((c->at & d->role->at) && !(c->flags & YOUSU_C_WORKFLOW) &&
		    handler(d, c->name) == NULL) {
			fprintf(stderr,
			    "yousu-%s: command '%s' has no handler here\n",
			    d->role->name, c->name);
			bad = 1;
		}
	return bad;
}

/* "unknown command 'intak': did you mean 'intake'?" */
static yousu_err
unknown_cmd(const char *cmd, char *err, size_t errlen)
{
	const char *names[128], *near;
	size_t n = 0;

	for (const yousu_command *c = yousu_commands; c->name && n < 128; c++)
		if (!(c->flags & YOUSU_C_CLIENT))
			names[n++] = c->name;
	near = yousu_text_closest(cmd, names, n);
	if (near != NULL)
		snprintf(err, errlen,
		    "unknown command '%s': did you mean '%s'?", cmd, near);
	else
		snprintf(err, errlen, "unknown command '%s'", cmd);
	return YOUSU_INVAL;
}

/* Where a command runs, for the refusal of one that does not run here. */
static const char *
where(unsigned at)
{
	switch (at) {
	case YOUSU_AT_BRIDGE:
		return "at the city bridge (yousu-bridge)";
	case YOUSU_AT_HUB | YOUSU_AT_BRIDGE:
		return "at a county hub or the city bridge";
	case YOUSU_AT_NODE | YOUSU_AT_HUB:
		return "at a township node or a county hub";
	case YOUSU_AT_HUB:
		return "at a county hub";
	case YOUSU_AT_NODE:
		return "at a township node";
	default:
		return "in yousuctl alone";
	}
}

/* Whether this centre runs command c: the role's refusal first (with its
 * own reason), then the schema's column. */
yousu_err
yousu__control_admits(
    daemon_t *d, const yousu_command *c, char *err, size_t errlen)
{
	char words[64];
	yousu_err rv;

	if (d->role->admits != NULL &&
	    (rv = d->role->admits(d, c->name, err, errlen)) != YOUSU_OK)
		return rv;
	if (c->at & d->role->at)
		return YOUSU_OK;
	yousu_command_words(c, words, sizeof words);
	snprintf(err, errlen, "%s: runs %s; this is %s %s (%s)", words,
	    where(c->at), d->role->label, d->cfg.code, d->cfg.name);
	return YOUSU_STATE;
}

yousu_err
yousu__control_run(daemon_t *d, const char *cmd, const char *actor,
    const struct yousu_user *user, const cJSON *args, cJSON **result, char *err,
    size_t errlen)
{
	const yousu_command *c = yousu_command_find(cmd);
	char msg[1024], words[64];
	cJSON *own = NULL, *signer;
	yousu_err rv;

	if (c == NULL || (c->flags & YOUSU_C_CLIENT))
		return unknown_cmd(cmd, err, errlen);
	if ((rv = yousu__control_admits(d, c, err, errlen)) != YOUSU_OK)
		return rv;
	if (c->flags & YOUSU_C_WORKFLOW) {
		bool sent = false;

		signer = signer_of(c, actor, user);
		rv = yousu__step_forward(
		    d, cmd, actor, signer, args, result, err, errlen, &sent);
		if (!sent)
			rv = yousu_wf_exec_signed(d->wf, cmd, actor, signer,
			    args, result, err, errlen);
		cJSON_Delete(signer);
		if (rv == YOUSU_OK && strcmp(cmd, "intake") == 0)
			yousu__cases_similar(d, *result);
		return rv;
	}
	if (yousu_command_args(c, args, &own, msg, sizeof msg) != YOUSU_OK) {
		yousu_command_words(c, words, sizeof words);
		snprintf(err, errlen, "%s: %.900s", words, msg);
		yousu_text_cut_whole(err);
		return YOUSU_INVAL;
	}
	d->user = user; /* for a batch's signers */
	rv = handler(d, cmd)(d, actor, own, result, err, errlen);
	d->user = NULL;
	cJSON_Delete(own);
	return rv;
}

static void
log_change(const char *cmd, const char *actor, const cJSON *result)
{
	if (strcmp(cmd, "intake") == 0 || yousu__jstr(result, "status"))
		yousu_log("%s %s by %s -> %s", cmd, yousu__jstr(result, "id"),
		    actor, yousu__jstr(result, "status"));
}

/* Handle one request text; returns the reply text (caller frees). */
char *
yousu__control_handle(daemon_t *d, const char *text, size_t len)
{
	cJSON *req = cJSON_ParseWithLength(text, len), *rep;
	cJSON *result = NULL;
	const char *cmd = yousu__jstr(req, "cmd");
	const char *actor = yousu__jstr(req, "actor");
	const cJSON *args = cJSON_GetObjectItem(req, "args");
	char err[1024] = "";
	yousu_err rv = YOUSU_PROTO;
	char *out;

	if (cmd == NULL)
		snprintf(err, sizeof err,
		    "bad request: expected JSON {\"cmd\", \"actor\", "
		    "\"args\"}");
	else
		rv = yousu__control_run(
		    d, cmd, actor, NULL, args, &result, err, sizeof err);
	rep = cJSON_CreateObject();
	yousu__jset_bool(rep, "ok", rv == YOUSU_OK);
	if (rv == YOUSU_OK) {
		if (cJSON_IsObject(result) && cJSON_IsObject(args))
			log_change(cmd, actor ? actor : "-", result);
		yousu__jset(rep, "result", result);
	} else {
		yousu_log("REFUSED %s", err);
		yousu__jset_str(
		    rep, "error", err[0] ? err : yousu_strerror(rv));
		yousu__jset_str(rep, "code", yousu_strerror(rv));
	}
	out = yousu__json_print(rep);
	cJSON_Delete(rep);
	cJSON_Delete(req);
	return out;
}
