/* What an API request means and whether it may run: query parameters
 * typed by the command schema, authorisation by role and scope, and the
 * OpenAPI description generated from the schema. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_impl.h"
#include "http_impl.h"
#include "yousu/json.h"

/* --- query parameters ---------------------------------------------------- */

void
yousu__http_arg(const yousu_command *c, cJSON *args, const char *key,
    const char *value, char *err, size_t errlen)
{
	const yousu_field *f = yousu_command_field(c, key);
	cJSON *list;
	char *end, *copy, *save = NULL;
	long long n;

	if (cJSON_GetObjectItemCaseSensitive(args, key) != NULL) {
		snprintf(
		    err, errlen, "%s: field '%s' given twice", c->name, key);
		return;
	}
	if (f == NULL || f->type == YOUSU_T_STR || f->type == YOUSU_T_TEXT ||
	    f->type == YOUSU_T_DATE) {
		cJSON_AddStringToObject(args, key, value);
		return;
	}
	switch (f->type) {
	case YOUSU_T_INT:
		n = strtoll(value, &end, 10);
		if (end == value || *end != '\0' || n < -1000000000LL ||
		    n > 1000000000LL) {
			snprintf(err, errlen,
			    "%s: field '%s' (%s): '%.40s' is not a whole "
			    "number",
			    c->name, key, f->label, value);
			return;
		}
		cJSON_AddNumberToObject(args, key, (double) n);
		return;
	case YOUSU_T_BOOL:
		if (strcmp(value, "true") == 0 || strcmp(value, "1") == 0)
			cJSON_AddTrueToObject(args, key);
		else if (strcmp(value, "false") == 0 || strcmp(value, "0") == 0)
			cJSON_AddFalseToObject(args, key);
		else
			snprintf(err, errlen,
			    "%s: field '%s' (%s): '%.40s' is not true or false",
			    c->name, key, f->label, value);
		return;
	case YOUSU_T_LIST:
		list = cJSON_CreateArray();
		if ((copy = strdup(value)) == NULL) {
			cJSON_Delete(list);
			snprintf(err, errlen, "out of memory");
			return;
		}
		for (char *t = strtok_r(copy, ",", &save); t;
		     t = strtok_r(NULL, ",", &save))
			cJSON_AddItemToArray(list, cJSON_CreateString(t));
		free(copy);
		cJSON_AddItemToObject(args, key, list);
		return;
	default:
		snprintf(err, errlen,
		    "%s: field '%s' (%s) cannot be given in a query; POST it",
		    c->name, key, f->label);
	}
}

/* --- authorisation ------------------------------------------------------- */

static bool
listed(const cJSON *list, const char *code)
{
	const cJSON *v;

	cJSON_ArrayForEach (v, list)
		if (cJSON_IsString(v) && code &&
		    strcmp(v->valuestring, code) == 0)
			return true;
	return false;
}

/* "SCJ, RSJ" */
static const char *
codes(const cJSON *list, char *buf, size_t len)
{
	const cJSON *v;
	size_t off = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach (v, list)
		if (cJSON_IsString(v) && off < len)
			off += (size_t) snprintf(buf + off, len - off, "%s%s",
			    off ? ", " : "", v->valuestring);
	return buf;
}

/* "督办、领导" for the roles that may run c */
static const char *
role_names(unsigned roles, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (unsigned bit = 1; yousu_command_role_code(bit); bit <<= 1)
		if ((roles & bit) && off < len)
			off += (size_t) snprintf(buf + off, len - off, "%s%s",
			    off ? "、" : "", yousu_command_role_name(bit));
	return buf;
}

/* Does the complaint doc concern one of the departments? */
static bool
of_depts(const cJSON *doc, const cJSON *depts)
{
	const cJSON *v;

	if (listed(depts, yousu__jstr(doc, "lead")))
		return true;
	cJSON_ArrayForEach (v, cJSON_GetObjectItem(doc, "co"))
		if (cJSON_IsString(v) && listed(depts, v->valuestring))
			return true;
	return false;
}

/* A filter field (dept, origin) of a scoped account: one of its codes;
 * given when it has only one. */
static yousu_err
scope_filter(const yousu_command *c, cJSON *args, const char *key,
    const cJSON *allowed, const char *what, char *err, size_t errlen)
{
	const char *v = yousu__jstr(args, key);
	char buf[256];

	if (v != NULL && listed(allowed, v))
		return YOUSU_OK;
	if (v == NULL && cJSON_GetArraySize(allowed) == 1) {
		yousu__jset_str(
		    args, key, cJSON_GetArrayItem(allowed, 0)->valuestring);
		return YOUSU_OK;
	}
	return yousu_errorf(err, errlen, YOUSU_PERM,
	    "%s: 你的账号只能查看本%s (your account acts for %s %s: give "
	    "'%s' as one of them)",
	    c->name, strcmp(key, "dept") == 0 ? "部门的诉求" : "乡镇的诉求",
	    what, codes(allowed, buf, sizeof buf), key);
}

/* The department a scoped account acts as on doc, when the step has a
 * dept field and it was not given: its lead department if it is one,
 * else the first co-handler that is. */
static void
default_dept(cJSON *args, const cJSON *doc, const cJSON *depts)
{
	const cJSON *v;

	if (listed(depts, yousu__jstr(doc, "lead"))) {
		yousu__jset_str(args, "dept", yousu__jstr(doc, "lead"));
		return;
	}
	cJSON_ArrayForEach (v, cJSON_GetObjectItem(doc, "co"))
		if (cJSON_IsString(v) && listed(depts, v->valuestring)) {
			yousu__jset_str(args, "dept", v->valuestring);
			return;
		}
}

/* The complaint a command acts on (doc, or loaded by the id of args when
 * NULL), checked against the scope. */
static yousu_err
complaint_scope(daemon_t *d, const yousu_user *u, const yousu_command *c,
    bool dept_scoped, cJSON *args, const cJSON *given, char *err, size_t errlen)
{
	const char *id = yousu__jstr(args, "id");
	cJSON *loaded = NULL;
	const cJSON *doc = given;
	char buf[256];
	yousu_err rv = YOUSU_OK;

	if (doc == NULL &&
	    (id == NULL || yousu_store_load(d->store, id, &loaded) != YOUSU_OK))
		return YOUSU_OK; /* the command says what is wrong */
	if (doc == NULL)
		doc = loaded;
	if (dept_scoped && !of_depts(doc, u->depts))
		rv = yousu_errorf(err, errlen, YOUSU_PERM,
		    "%s: %s 不是你的部门牵头或协办的诉求 (it is not led or "
		    "co-handled by %s)",
		    c->name, id, codes(u->depts, buf, sizeof buf));
	else if (u->centres != NULL &&
	         !listed(u->centres, yousu__jstr(doc, "origin")))
		rv = yousu_errorf(err, errlen, YOUSU_PERM,
		    "%s: %s 不是你负责的乡镇的诉求 (it was taken at %s; your "
		    "account acts for %s)",
		    c->name, id, yousu__jstr(doc, "origin"),
		    codes(u->centres, buf, sizeof buf));
	if (rv == YOUSU_OK && dept_scoped &&
	    yousu_command_field(c, "dept") != NULL) {
		if (yousu__jstr(args, "dept") == NULL)
			default_dept(args, doc, u->depts);
		else if (!listed(u->depts, yousu__jstr(args, "dept")))
			rv = yousu_errorf(err, errlen, YOUSU_PERM,
			    "%s: 你只能代表本部门 (your account acts for %s, "
			    "not "
			    "%s)",
			    c->name, codes(u->depts, buf, sizeof buf),
			    yousu__jstr(args, "dept"));
	}
	cJSON_Delete(loaded);
	return rv;
}

yousu_err
yousu__http_authorize(daemon_t *d, const yousu_user *u, const yousu_command *c,
    cJSON *args, const cJSON *doc, char *err, size_t errlen)
{
	unsigned granting = c->roles & u->roles;
	bool dept_scoped;
	char need[128];
	yousu_err rv;

	if (granting == 0)
		return yousu_errorf(err, errlen, YOUSU_PERM,
		    "%s: 你的账号角色不能执行「%s」(it is for %s)", c->name,
		    c->label, role_names(c->roles, need, sizeof need));
	/* the scope of a 部门 account binds when only that role grants */
	dept_scoped = granting == YOUSU_ROLE_DEPT && u->depts != NULL;
	if (dept_scoped && yousu_command_field(c, "dept") != NULL &&
	    yousu_command_field(c, "id") == NULL &&
	    (rv = scope_filter(
	         c, args, "dept", u->depts, "部门", err, errlen)) != YOUSU_OK)
		return rv;
	if (u->centres != NULL && yousu_command_field(c, "origin") != NULL &&
	    (rv = scope_filter(c, args, "origin", u->centres, "乡镇", err,
	         errlen)) != YOUSU_OK)
		return rv;
	/* a complaint's id (a guidance case's id is not one) */
	if (yousu_command_field(c, "id") != NULL &&
	    (strncmp(c->name, "case.", 5) != 0 ||
	        strcmp(c->name, "case.propose") == 0))
		return complaint_scope(
		    d, u, c, dept_scoped, args, doc, err, errlen);
	return YOUSU_OK;
}

/* --- OpenAPI ----------------------------------------------------------- */

static cJSON *
schema_of(const yousu_field *f)
{
	cJSON *s = cJSON_CreateObject(), *items;

	switch (f->type) {
	case YOUSU_T_INT:
		yousu__jset_str(s, "type", "integer");
		yousu__jset_int(s, "minimum", f->min);
		yousu__jset_int(s, "maximum", f->max);
		break;
	case YOUSU_T_BOOL:
		yousu__jset_str(s, "type", "boolean");
		break;
	case YOUSU_T_LIST:
	case YOUSU_T_OBJECTS:
		yousu__jset_str(s, "type", "array");
		items = cJSON_CreateObject();
		yousu__jset_str(items, "type",
		    f->type == YOUSU_T_LIST ? "string" : "object");
		yousu__jset(s, "items", items);
		break;
	case YOUSU_T_DATE:
		yousu__jset_str(s, "type", "string");
		yousu__jset_str(s, "format", "date");
		break;
	default:
		yousu__jset_str(s, "type", "string");
		yousu__jset_int(s, "maxLength",
		    f->type == YOUSU_T_TEXT ? 4000
		    : f->max > 0            ? f->max
		                            : 200);
	}
	/* for a form: its Chinese label, what to give, a text box or a
	 * line, personal data */
	yousu__jset_str(s, "title", f->label);
	if (f->help != NULL)
		yousu__jset_str(s, "x-yousu-help", f->help);
	if (f->type == YOUSU_T_TEXT)
		yousu__jset_bool(s, "x-yousu-text", true);
	if (f->flags & YOUSU_F_PERSON)
		yousu__jset_bool(s, "x-yousu-personal", true);
	return s;
}

static char *
describe(const char *label, const char *help, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", label, help ? ": " : "", help ? help : "");
	return buf;
}

static cJSON *
operation(const yousu_command *c)
{
	cJSON *op = cJSON_CreateObject(), *params = cJSON_CreateArray();
	cJSON *props = cJSON_CreateObject(), *req = cJSON_CreateArray();
	cJSON *roles = cJSON_CreateArray(), *resp, *body;
	bool post = (c->flags & YOUSU_C_CHANGES) != 0;
	char buf[512];

	yousu__jset_str(op, "operationId", c->name);
	yousu__jset_str(op, "summary", c->label);
	yousu__jset_str(op, "description", c->summary);
	for (unsigned bit = 1; yousu_command_role_code(bit); bit <<= 1)
		if (c->roles & bit)
			cJSON_AddItemToArray(roles,
			    cJSON_CreateString(yousu_command_role_code(bit)));
	yousu__jset(op, "x-yousu-roles", roles);
	for (const yousu_field *f = c->fields; f->key; f++) {
		if (f->flags & YOUSU_F_CLIENT)
			continue;
		if (post) {
			cJSON *s = schema_of(f);

			yousu__jset_str(s, "description",
			    describe(f->label, f->help, buf, sizeof buf));
			yousu__jset(props, f->key, s);
			if (f->flags & YOUSU_F_REQUIRED)
				cJSON_AddItemToArray(
				    req, cJSON_CreateString(f->key));
		} else {
			cJSON *p = cJSON_CreateObject();

			yousu__jset_str(p, "name", f->key);
			yousu__jset_str(p, "in", "query");
			yousu__jset_bool(
			    p, "required", f->flags & YOUSU_F_REQUIRED);
			yousu__jset_str(p, "description",
			    describe(f->label, f->help, buf, sizeof buf));
			yousu__jset(p, "schema", schema_of(f));
			cJSON_AddItemToArray(params, p);
		}
	}
	if (post) {
		cJSON *s = cJSON_CreateObject(), *json = cJSON_CreateObject(),
		      *content = cJSON_CreateObject();

		yousu__jset_str(s, "type", "object");
		yousu__jset(s, "properties", props);
		yousu__jset(s, "required", req);
		yousu__jset_bool(s, "additionalProperties", false);
		yousu__jset(json, "schema", s);
		yousu__jset(content, "application/json", json);
		body = cJSON_CreateObject();
		yousu__jset_bool(body, "required", true);
		yousu__jset(body, "content", content);
		yousu__jset(op, "requestBody", body);
		cJSON_Delete(params);
	} else {
		yousu__jset(op, "parameters", params);
		cJSON_Delete(props);
		cJSON_Delete(req);
	}
	resp = cJSON_CreateObject();
	for (int i = 0; i < 6; i++) {
		static const char *const codes_[] = {
		    "200", "400", "401", "403", "404", "409"};
		static const char *const what[] = {"{\"ok\": true, \"result\"}",
		    "a bad field: {\"ok\": false, \"error\", \"code\"}",
		    "not logged in", "not allowed for this account",
		    "no such complaint", "not in this state"};
		cJSON *r = cJSON_CreateObject();

		yousu__jset_str(r, "description", what[i]);
		yousu__jset(resp, codes_[i], r);
	}
	yousu__jset(op, "responses", resp);
	return op;
}

static cJSON *
plain_op(const char *id, const char *summary)
{
	cJSON *op = cJSON_CreateObject(), *resp = cJSON_CreateObject(),
	      *ok = cJSON_CreateObject();

	yousu__jset_str(op, "operationId", id);
	yousu__jset_str(op, "summary", summary);
	yousu__jset_str(ok, "description", "{\"ok\": true, \"result\"}");
	yousu__jset(resp, "200", ok);
	yousu__jset(op, "responses", resp);
	return op;
}

static void
add_path(cJSON *paths, const char *path, const char *method, cJSON *op)
{
	cJSON *p = cJSON_GetObjectItem(paths, path);

	if (p == NULL)
		cJSON_AddItemToObject(paths, path, p = cJSON_CreateObject());
	yousu__jset(p, method, op);
}

cJSON *
yousu__http_openapi(const daemon_t *d)
{
	cJSON *doc = cJSON_CreateObject(), *info = cJSON_CreateObject();
	cJSON *paths = cJSON_CreateObject(), *comp = cJSON_CreateObject();
	cJSON *schemes = cJSON_CreateObject(), *cookie = cJSON_CreateObject();
	cJSON *csrf = cJSON_CreateObject(), *sec = cJSON_CreateArray();
	cJSON *one = cJSON_CreateObject();
	char path[96], title[256];

	yousu__jset_str(doc, "openapi", "3.0.3");
	snprintf(title, sizeof title, "yousu 有诉即办 API: %s (%s)",
	    d->cfg.name, d->cfg.code);
	yousu__jset_str(info, "title", title);
	yousu__jset_str(info, "version", "1");
	yousu__jset_str(info, "description",
	    "Log in with POST /api/v1/login; the session is a cookie. Every "
	    "POST also needs the X-CSRF-Token header (the csrf of the login "
	    "answer or of GET /api/v1/me). Reads are GET with the fields in "
	    "the query; changes are POST with a JSON object.");
	yousu__jset(doc, "info", info);
	add_path(paths, "/api/v1/login", "post", plain_op("login", "登录"));
	add_path(paths, "/api/v1/logout", "post", plain_op("logout", "退出"));
	add_path(paths, "/api/v1/logout-all", "post",
	    plain_op("logout_all", "退出全部会话"));
	add_path(paths, "/api/v1/password", "post",
	    plain_op("password", "修改密码"));
	add_path(paths, "/api/v1/me", "get", plain_op("me", "当前账号"));
	for (const yousu_command *c = yousu_commands; c->name; c++) {
		if (!(c->at & d->role->at) || (c->flags & YOUSU_C_CLIENT))
			continue;
		snprintf(path, sizeof path, "/api/v1/%s", c->name);
		add_path(paths, path,
		    (c->flags & YOUSU_C_CHANGES) ? "post" : "get",
		    operation(c));
	}
	yousu__jset(doc, "paths", paths);
	yousu__jset_str(cookie, "type", "apiKey");
	yousu__jset_str(cookie, "in", "cookie");
	yousu__jset_str(cookie, "name", "yousu_session");
	yousu__jset_str(csrf, "type", "apiKey");
	yousu__jset_str(csrf, "in", "header");
	yousu__jset_str(csrf, "name", "X-CSRF-Token");
	yousu__jset(schemes, "session", cookie);
	yousu__jset(schemes, "csrf", csrf);
	yousu__jset(comp, "securitySchemes", schemes);
	yousu__jset(doc, "components", comp);
	yousu__jset(one, "session", cJSON_CreateArray());
	cJSON_AddItemToArray(sec, one);
	yousu__jset(doc, "security", sec);
	return doc;
}
