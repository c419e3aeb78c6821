/* The department catalogue: [departments] CODE = name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/config.h"
#include "yousu/workflow.h"

#define DEPTS_MAX 256

typedef struct {
	char code[32];
	char name[128];
} dept;

struct yousu_depts {
	dept d[DEPTS_MAX];
	size_t n;
};

static bool
code_ok(const char *c)
{
	size_t n = strlen(c);

	if (n == 0 || n >= 32)
		return false;
	for (; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		        *c == '-' || *c == '_'))
			return false;
	return true;
}

static yousu_err
on_dept(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_depts *d = obj;

	if (!code_ok(name)) {
		snprintf(msg, len,
		    "department code '%s' must be 1-31 of A-Z 0-9 - _", name);
		return YOUSU_CONFIG;
	}
	if (yousu_depts_name(d, name) != NULL) {
		snprintf(msg, len, "department '%s' listed twice", name);
		return YOUSU_CONFIG;
	}
	if (d->n == DEPTS_MAX || strlen(v) >= sizeof d->d[0].name) {
		snprintf(msg, len, "department '%s': too many or name too long",
		    name);
		return YOUSU_CONFIG;
	}
	snprintf(d->d[d->n].code, sizeof d->d[0].code, "%s", name);
	snprintf(d->d[d->n].name, sizeof d->d[0].name, "%s", v);
	d->n++;
	return YOUSU_OK;
}

static const yousu_cfg_key dept_keys[] = {
    {"departments", "", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_dept},
    {NULL},
};

yousu_err
yousu_depts_load(const char *path, yousu_depts **out, char *err, size_t errlen)
{
	yousu_depts *d = calloc(1, sizeof *d);
	yousu_err rv;

	if (d == NULL)
		return YOUSU_NOMEM;
	rv = yousu_config_load(path, dept_keys, d, err, errlen);
	if (rv == YOUSU_OK && d->n == 0) {
		snprintf(
		    err, errlen, "%s: [departments] lists no department", path);
		rv = YOUSU_CONFIG;
	}
	if (rv != YOUSU_OK) {
		free(d);
		return rv;
	}
	*out = d;
	return YOUSU_OK;
}

void
yousu_depts_free(yousu_depts *d)
{
	free(d);
}

const char *
yousu_depts_name(const yousu_depts *d, const char *code)
{
	for (size_t i = 0; code != NULL && i < d->n; i++)
		if (strcmp(d->d[i].code, code) == 0)
			return d->d[i].name;
	return NULL;
}
