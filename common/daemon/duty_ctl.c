/* The duty-leader roster (领导带班, 003 三(四)): duty.set, duty.import,
 * duty.visit, duty.board. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/json.h"
#include "yousu/roster.h"

#define MAX_FILE (64 * 1024) /* bytes of a roster file */

/* Store rows in one transaction; the result says how many. */
static yousu_err
put_rows(daemon_t *d, const char *what, cJSON *rows, cJSON **result, char *err,
    size_t errlen)
{
	yousu_err rv;

	if (yousu_store_begin(d->store) != YOUSU_OK) {
		cJSON_Delete(rows);
		snprintf(err, errlen, "%s: store busy", what);
		return YOUSU_DB;
	}
	if ((rv = yousu_roster_put(d->store, rows)) == YOUSU_OK)
		rv = yousu_store_commit(d->store);
	if (rv != YOUSU_OK) {
		yousu_store_rollback(d->store);
		snprintf(err, errlen, "%s: store: %s", what,
		    yousu_store_errmsg(d->store));
		cJSON_Delete(rows);
		return rv;
	}
	*result = cJSON_CreateObject();
	yousu__jset_int(*result, "halves", cJSON_GetArraySize(rows));
	yousu__jset(*result, "roster", rows);
	return YOUSU_OK;
}

static yousu_err
ctl_duty_set(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	char csv[512];
	cJSON *rows = NULL;
	yousu_err rv;

	(void) actor;
	snprintf(csv, sizeof csv, "日期,时段,带班领导\n%s,%s,%s\n",
	    yousu__jstr(args, "day"), yousu__jstr(args, "half"),
	    yousu__jstr(args, "leader"));
	if ((rv = yousu_roster_parse(csv, &rows, err, errlen)) != YOUSU_OK) {
		char msg[512];

		/* the line number means nothing here */
		snprintf(msg, sizeof msg, "%s",
		    strncmp(err, "line 2: ", 8) == 0 ? err + 8 : err);
		snprintf(err, errlen, "duty set: %s", msg);
		return rv;
	}
	return put_rows(d, "duty set", rows, result, err, errlen);
}

/* The file's bytes (at most MAX_FILE), or NULL with err set. */
static char *
read_file(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL) {
		snprintf(err, errlen, "duty import: cannot read %s", path);
		return NULL;
	}
	buf = malloc(MAX_FILE + 1);
	n = buf ? fread(buf, 1, MAX_FILE + 1, f) : 0;
	fclose(f);
	if (buf == NULL || n > MAX_FILE) {
		free(buf);
		snprintf(err, errlen, "duty import: %s is larger than %d bytes",
		    path, MAX_FILE);
		return NULL;
	}
	if (memchr(buf, '\0', n) != NULL) {
		free(buf);
		snprintf(
		    err, errlen, "duty import: %s is not a text file", path);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static yousu_err
ctl_duty_import(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const char *path = yousu__jstr(args, "file"),
	           *csv = yousu__jstr(args, "csv");
	char *text = NULL, msg[512];
	cJSON *rows = NULL;
	yousu_err rv;

	(void) actor;
	if ((path == NULL) == (csv == NULL)) {
		snprintf(err, errlen,
		    "duty import: give the roster as a file (FILE) or its "
		    "text (csv), one of them");
		return YOUSU_INVAL;
	}
	if (path != NULL && (text = read_file(path, err, errlen)) == NULL)
		return YOUSU_INVAL;
	rv = yousu_roster_parse(text ? text : csv, &rows, msg, sizeof msg);
	free(text);
	if (rv != YOUSU_OK) {
		snprintf(err, errlen, "duty import: %s%s%s", path ? path : "",
		    path ? ": " : "", msg);
		return rv;
	}
	return put_rows(d, "duty import", rows, result, err, errlen);
}

static yousu_err
ctl_duty_visit(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	int64_t now = yousu__daemon_now(d);
	char t[32];

	if (yousu_roster_visit(d->store, now, d->cfg.utc_offset, actor,
	        yousu__jstr(args, "note")) != YOUSU_OK) {
		snprintf(err, errlen, "duty visit: store: %s",
		    yousu_store_errmsg(d->store));
		return YOUSU_DB;
	}
	yousu_format_time(now, d->cfg.utc_offset, t, sizeof t);
	*result = cJSON_CreateObject();
	yousu__jset_str(*result, "leader", actor);
	yousu__jset_str(*result, "time", t);
	yousu__jset_str(*result, "half",
	    strcmp(yousu_roster_half(now, d->cfg.utc_offset), "am") == 0
	        ? "上午"
	        : "下午");
	yousu__jset_str(*result, "note", yousu__jstr(args, "note"));
	return YOUSU_OK;
}

static yousu_err
ctl_duty_board(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	yousu_date from, to;
	cJSON *h;
	yousu_err rv;

	(void) actor;
	if ((rv = yousu__args_period(
	         d, "duty board", args, &from, &to, err, errlen)) != YOUSU_OK)
		return rv;
	if (yousu_roster_board(d->store, from, to, yousu__daemon_now(d),
	        d->cfg.utc_offset, result) != YOUSU_OK) {
		snprintf(err, errlen, "duty board: store: %s",
		    yousu_store_errmsg(d->store));
		return YOUSU_DB;
	}
	cJSON_ArrayForEach (h, cJSON_GetObjectItem(*result, "halves")) {
		cJSON *v;

		cJSON_ArrayForEach (v, cJSON_GetObjectItem(h, "visits")) {
			char t[32];

			yousu_format_time(yousu__jint(v, "at", 0),
			    d->cfg.utc_offset, t, sizeof t);
			yousu__jset_str(v, "time", t);
		}
	}
	{
		char f[11], t[11];

		yousu_date_format(from, f);
		yousu_date_format(to, t);
		yousu__jset_str(*result, "from", f);
		yousu__jset_str(*result, "to", t);
	}
	return YOUSU_OK;
}

const yousu__ctl_entry yousu__duty_cmds[] = {
    {"duty.set", ctl_duty_set},
    {"duty.import", ctl_duty_import},
    {"duty.visit", ctl_duty_visit},
    {"duty.board", ctl_duty_board},
    {NULL, NULL},
};
