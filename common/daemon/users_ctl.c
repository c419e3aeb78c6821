/* The administrator's commands for staff accounts (yousuctl user ...) and
 * the audit log (yousuctl audit). They come only over the control socket
 * (mode 0600: the daemon's machine and user): every change is audited as
 * made by yousuctl and the operator's name. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/accounts.h"
#include "yousu/json.h"
#include "yousu/log.h"

/* Department names and aliases as codes; an unknown one refused. */
static yousu_err
dept_codes(daemon_t *d, const cJSON *in, cJSON **out, char *err, size_t errlen)
{
	const cJSON *v;
	const char *code;

	*out = NULL;
	if (in == NULL)
		return YOUSU_OK;
	*out = cJSON_CreateArray();
	cJSON_ArrayForEach (v, in) {
		if ((code = yousu_depts_code_of(d->depts, v->valuestring)) ==
		    NULL) {
			cJSON_Delete(*out);
			*out = NULL;
			return yousu_errorf(err, errlen, YOUSU_NOTFOUND,
			    "user add: unknown department '%s' (not in the "
			    "department catalogue)",
			    v->valuestring);
		}
		cJSON_AddItemToArray(*out, cJSON_CreateString(code));
	}
	return YOUSU_OK;
}

/* This centre's code or a child's; an unknown one refused. */
static yousu_err
centre_codes(const daemon_t *d, const cJSON *in, char *err, size_t errlen)
{
	const cJSON *v;

	cJSON_ArrayForEach (v, in)
		if (strcmp(v->valuestring, d->cfg.code) != 0 &&
		    !yousu__relay_is_child((void *) d, v->valuestring))
			return yousu_errorf(err, errlen, YOUSU_NOTFOUND,
			    "user add: unknown township '%s' (neither this "
			    "centre, %s, nor one of its child centres)",
			    v->valuestring, d->cfg.code);
	return YOUSU_OK;
}

/* Audit an account change made at the control socket, in the caller's
 * transaction. */
static yousu_err
audit_change(daemon_t *d, const char *what, const char *login,
    const char *actor, const char *more)
{
	char detail[512];

	if (d->user != NULL) /* an administrator at the desk */
		snprintf(detail, sizeof detail, "by %s (%s) at the desk%s%s",
		    d->user->login, d->user->name, more ? ": " : "",
		    more ? more : "");
	else
		snprintf(detail, sizeof detail, "by yousuctl (%s)%s%s",
		    actor ? actor : "-", more ? ": " : "", more ? more : "");
	return yousu_audit(d->store, yousu__daemon_now(d), what, login,
	    d->user != NULL && d->client != NULL ? d->client : "control socket",
	    detail);
}

/* Commit, or roll back with the store's message. */
static yousu_err
finish(daemon_t *d, yousu_err rv, const char *what, char *err, size_t errlen)
{
	if (rv == YOUSU_OK && yousu_store_commit(d->store) == YOUSU_OK)
		return YOUSU_OK;
	yousu_store_rollback(d->store);
	if (rv == YOUSU_OK || rv == YOUSU_DB)
		return yousu_errorf(err, errlen, YOUSU_DB, "%s: store: %s",
		    what, yousu_store_errmsg(d->store));
	return rv;
}

/* The answer to a command that made a temporary password: shown once. */
static cJSON *
with_temp(daemon_t *d, const char *login, const char *temp)
{
	yousu_user u;
	cJSON *o;

	if (yousu_user_load(d->store, login, &u) != YOUSU_OK)
		return cJSON_CreateObject();
	o = yousu_user_json(&u);
	yousu_user_clear(&u);
	yousu__jset_str(o, "temporary_password", temp);
	return o;
}

static yousu_err
ctl_user_add(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	yousu_user u = {0};
	char temp[YOUSU_TEMP_PASSWORD_LEN + 1], roles[256];
	cJSON *rl;
	yousu_err rv;

	snprintf(u.login, sizeof u.login, "%s", yousu__jstr(args, "login"));
	snprintf(u.name, sizeof u.name, "%s", yousu__jstr(args, "name"));
	if ((rv = yousu_roles_parse(cJSON_GetObjectItem(args, "roles"),
	         &u.roles, err, errlen)) != YOUSU_OK ||
	    (rv = dept_codes(d, cJSON_GetObjectItem(args, "depts"), &u.depts,
	         err, errlen)) != YOUSU_OK ||
	    (rv = centre_codes(d, cJSON_GetObjectItem(args, "centres"), err,
	         errlen)) != YOUSU_OK)
		goto out;
	if ((u.roles & YOUSU_ROLE_DEPT) && u.depts == NULL) {
		rv = yousu_errorf(err, errlen, YOUSU_INVAL,
		    "user add: a 部门 (dept) account acts for its departments: "
		    "give them (--depts)");
		goto out;
	}
	u.centres = cJSON_Duplicate(cJSON_GetObjectItem(args, "centres"), 1);
	if (yousu_store_begin(d->store) != YOUSU_OK) {
		rv =
		    yousu_errorf(err, errlen, YOUSU_DB, "user add: store busy");
		goto out;
	}
	rl = yousu_roles_json(u.roles);
	snprintf(roles, sizeof roles, "roles ");
	{
		char *t = cJSON_PrintUnformatted(rl);

		snprintf(roles + 6, sizeof roles - 6, "%s", t ? t : "");
		cJSON_free(t);
	}
	cJSON_Delete(rl);
	rv = yousu_user_add(
	    d->store, &u, yousu__daemon_now(d), temp, err, errlen);
	if (rv == YOUSU_OK)
		rv = audit_change(d, "user.add", u.login, actor, roles);
	if ((rv = finish(d, rv, "user add", err, errlen)) == YOUSU_OK) {
		*result = with_temp(d, u.login, temp);
		yousu_log("account %s made by yousuctl (%s)", u.login,
		    actor ? actor : "-");
	}
	sodium_memzero(temp, sizeof temp);
out:
	yousu_user_clear(&u);
	return rv;
}

static yousu_err
ctl_user_passwd(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const char *login = yousu__jstr(args, "login");
	char temp[YOUSU_TEMP_PASSWORD_LEN + 1];
	yousu_err rv;

	if (yousu_store_begin(d->store) != YOUSU_OK)
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "user passwd: store busy");
	rv = yousu_user_reset(
	    d->store, login, yousu__daemon_now(d), temp, err, errlen);
	if (rv == YOUSU_OK)
		rv = audit_change(d, "user.passwd", login, actor,
		    "a temporary password, to be changed at the next login");
	if ((rv = finish(d, rv, "user passwd", err, errlen)) == YOUSU_OK) {
		*result = with_temp(d, login, temp);
		yousu__http_user_changed(d->http, login);
	}
	sodium_memzero(temp, sizeof temp);
	return rv;
}

/* lock, unlock, disable */
static yousu_err
set_state(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    const char *what, const char *state, char *err, size_t errlen)
{
	const char *login = yousu__jstr(args, "login");
	yousu_user u;
	yousu_err rv;

	if (yousu_store_begin(d->store) != YOUSU_OK)
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "%s: store busy", what);
	rv = yousu_user_set_state(d->store, login, state, yousu__daemon_now(d));
	if (rv == YOUSU_NOTFOUND)
		rv = yousu_errorf(err, errlen, rv,
		    "%s: there is no account '%s'", what, login);
	else if (rv == YOUSU_OK)
		rv = audit_change(d, what, login, actor, NULL);
	if ((rv = finish(d, rv, what, err, errlen)) != YOUSU_OK)
		return rv;
	if (strcmp(state, "active") != 0) /* its sessions end at once */
		yousu__http_user_changed(d->http, login);
	if (yousu_user_load(d->store, login, &u) == YOUSU_OK) {
		*result = yousu_user_json(&u);
		yousu_user_clear(&u);
	}
	return YOUSU_OK;
}

static yousu_err
ctl_user_lock(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	return set_state(
	    d, actor, args, result, "user.lock", "locked", err, errlen);
}

static yousu_err
ctl_user_unlock(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	return set_state(
	    d, actor, args, result, "user.unlock", "active", err, errlen);
}

static yousu_err
ctl_user_disable(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	return set_state(
	    d, actor, args, result, "user.disable", "disabled", err, errlen);
}

static yousu_err
ctl_user_list(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor, (void) args;
	if (yousu_users_list(d->store, result) != YOUSU_OK)
		return yousu_errorf(err, errlen, YOUSU_DB, "user list: %s",
		    yousu_store_errmsg(d->store));
	return YOUSU_OK;
}

static yousu_err
ctl_user_show(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *login = yousu__jstr(args, "login");
	yousu_user u;

	(void) actor;
	if (yousu_user_load(d->store, login, &u) != YOUSU_OK)
		return yousu_errorf(err, errlen, YOUSU_NOTFOUND,
		    "user show: there is no account '%s'", login);
	*result = yousu_user_json(&u);
	yousu_user_clear(&u);
	return YOUSU_OK;
}

static yousu_err
ctl_audit(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	cJSON *it;
	char when[32];

	(void) actor;
	if (yousu_audit_list(d->store, yousu__jstr(args, "login"),
	        (int) yousu__jint(args, "limit", 100), result) != YOUSU_OK)
		return yousu_errorf(err, errlen, YOUSU_DB, "audit: %s",
		    yousu_store_errmsg(d->store));
	cJSON_ArrayForEach (it, *result) {
		yousu_format_time(yousu__jint(it, "at", 0), d->cfg.utc_offset,
		    when, sizeof when);
		yousu__jset_str(it, "time", when);
	}
	return YOUSU_OK;
}

const yousu__ctl_entry yousu__user_cmds[] = {
    {"user.add", ctl_user_add},
    {"user.passwd", ctl_user_passwd},
    {"user.lock", ctl_user_lock},
    {"user.unlock", ctl_user_unlock},
    {"user.disable", ctl_user_disable},
    {"user.list", ctl_user_list},
    {"user.show", ctl_user_show},
    {"audit", ctl_audit},
    {NULL, NULL},
};
