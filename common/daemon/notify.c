/* Notifications for an SMS or messaging gateway ([notify] spool): to a
 * department's contact when a complaint is assigned to it (交办) and on
 * its 催办, 督办 and 通报; to the complainant who agreed at intake
 * (notify) when it is registered and assigned (its number and due date)
 * and when it is answered. Each is queued in the store (notify_outbox)
 * in the transaction of the event that causes it, written by the loop as
 * one JSON file (written whole, under a name of its own, so that writing
 * it again after a crash replaces it), then recorded as a "notify" event
 * on the complaint: once, across restarts. Only the centre that wrote
 * the event notifies. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon_impl.h"
#include "yousu/complaint.h"
#include "yousu/file.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/store_ext.h"

static bool
dept_of(daemon_t *d, const char *code, yousu_dept_info *out)
{
	yousu_dept_info x;

	for (size_t i = 0; yousu_depts_get(d->depts, i, &x); i++)
		if (strcmp(x.code, code) == 0) {
			*out = x;
			return true;
		}
	return false;
}

/* Queues one notification: kind, to whom (a department's code, or the
 * complainant), the message. */
static yousu_err
queue(daemon_t *d, const cJSON *doc, const yousu_event *ev, const char *kind,
    const char *dept, const char *text)
{
	const char *id = yousu__jstr(doc, "id");
	cJSON *n = cJSON_CreateObject(), *to = cJSON_CreateObject();
	char name[256], when[32], *body;
	sqlite3_stmt *s = NULL;
	yousu_dept_info x;
	int rc = SQLITE_ERROR;

	if (dept != NULL) {
		yousu__jset_str(to, "kind", "department");
		yousu__jset_str(to, "code", dept);
		if (dept_of(d, dept, &x)) {
			yousu__jset_str(to, "name", x.name);
			yousu__jset_str(to, "contact", x.contact);
			yousu__jset_str(to, "phone", x.phone);
		}
	} else {
		yousu__jset_str(to, "kind", "complainant");
		yousu__jset_str(to, "name", yousu__jstr(doc, "name"));
		yousu__jset_str(to, "phone", yousu__jstr(doc, "phone"));
	}
	/* the complainant is told of the registration once */
	if (strcmp(kind, "registered") == 0)
		snprintf(name, sizeof name, "notify-%s-registered.json", id);
	else
		snprintf(name, sizeof name, "notify-%s-%lld-%s-%s.json", id,
		    (long long) ev->at, kind, dept ? dept : "complainant");
	yousu_format_time(ev->at, d->cfg.utc_offset, when, sizeof when);
	yousu__jset_str(n, "notification", name);
	yousu__jset_str(n, "centre", d->cfg.code);
	yousu__jset_str(n, "complaint", id);
	yousu__jset_str(n, "kind", kind);
	yousu__jset(n, "to", to);
	yousu__jset_str(n, "text", text);
	yousu__jset_str(n, "time", when);
	body = yousu__json_print(n);
	cJSON_Delete(n);
	if (body != NULL &&
	    sqlite3_prepare_v2(yousu_store_sqlite(d->store),
	        "INSERT OR IGNORE INTO notify_outbox(name, complaint, body) "
	        "VALUES (?1, ?2, ?3)",
	        -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, body, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	free(body);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

static const char *
dept_label(daemon_t *d, const char *code)
{
	return code ? yousu_depts_label(d->depts, code) : "";
}

yousu_err
yousu__notify_on_event(daemon_t *d, const cJSON *doc, const yousu_event *ev)
{
	const char *t = ev->type, *id = yousu__jstr(doc, "id");
	const char *lead = yousu__jstr(doc, "lead"),
	           *due = yousu__jstr(doc, "due");
	bool person = yousu__jbool(doc, "notify", false) &&
	              yousu__jstr(doc, "phone") != NULL;
	char text[512];
	yousu_err rv = YOUSU_OK;
	const cJSON *v;

	if (d->cfg.notify_spool[0] == '\0' || ev->origin == NULL ||
	    strcmp(ev->origin, d->cfg.code) != 0 || id == NULL)
		return YOUSU_OK;
	if (strcmp(t, "assign") == 0) {
		snprintf(text, sizeof text,
		    "【有诉即办】交办：诉求%s已交贵单位%s，请于%s前办结答复。",
		    id, "牵头办理", due ? due : "期限内");
		rv = queue(d, doc, ev, "assign", lead, text);
		cJSON_ArrayForEach (v, cJSON_GetObjectItem(doc, "co"))
			if (rv == YOUSU_OK && cJSON_IsString(v)) {
				snprintf(text, sizeof text,
				    "【有诉即办】交办：诉求%s请贵单位协办，由%"
				    "s牵头，"
				    "请于%s前办结。",
				    id, dept_label(d, lead),
				    due ? due : "期限内");
				rv = queue(
				    d, doc, ev, "assign", v->valuestring, text);
			}
		/* the complainant: registered, its number and due date, once */
		if (rv == YOUSU_OK && person) {
			snprintf(text, sizeof text,
			    "【有诉即办】您反映的诉求已受理登记，编号%s（%"
			    "lld年第%"
			    "lld号），由%s办理，办理期限%s。",
			    id, (long long) yousu__jint(doc, "year", 0),
			    (long long) yousu__jint(doc, "serial", 0),
			    dept_label(d, lead), due ? due : "");
			rv = queue(d, doc, ev, "registered", NULL, text);
		}
	} else if ((strcmp(t, "remind") == 0 || strcmp(t, "supervise") == 0 ||
	               strcmp(t, "notice") == 0) &&
	           lead != NULL) {
		snprintf(text, sizeof text,
		    "【有诉即办】%s：诉求%s%s，请抓紧办理答复。",
		    strcmp(t, "remind") == 0      ? "催办"
		    : strcmp(t, "supervise") == 0 ? "督办"
		                                  : "通报",
		    id,
		    strcmp(t, "remind") == 0 ? "即将到期" : "已超过办理期限");
		rv = queue(d, doc, ev, t, lead, text);
	} else if (strcmp(t, "add") == 0 && lead != NULL &&
	           strcmp(yousu__jstr(doc, "status"), "assigned") == 0) {
		snprintf(text, sizeof text,
		    "【有诉即办】补充反映：诉求%"
		    "s的申请人再次反映，请一并办理（期限不变，%s）。",
		    id, due ? due : "");
		rv = queue(d, doc, ev, "add", lead, text);
	} else if ((strcmp(t, "reply") == 0 || strcmp(t, "resolve") == 0) &&
	           person) {
		snprintf(text, sizeof text,
		    "【有诉即办】您反映的诉求%s已办理答复，请留意回访电话。",
		    id);
		rv = queue(d, doc, ev, "replied", NULL, text);
	}
	return rv;
}

/* The notification's "notify" event on its complaint (when this centre
 * still owns it), in the caller's transaction. */
static yousu_err
record(daemon_t *d, const char *complaint, const cJSON *n)
{
	cJSON *doc = NULL, *data = cJSON_CreateObject();
	yousu_event ev = {
	    "notify", "notify", yousu__daemon_now(d), d->cfg.code, NULL};
	const cJSON *to = cJSON_GetObjectItem(n, "to");
	char *text;
	yousu_err rv = yousu_store_load(d->store, complaint, &doc);

	if (rv == YOUSU_OK &&
	    strcmp(yousu__jstr(doc, "owner"), d->cfg.code) == 0) {
		yousu__jset_str(data, "kind", yousu__jstr(n, "kind"));
		yousu__jset_str(data, "to", yousu__jstr(to, "kind"));
		/* a department's name; never the complainant's (the event
		 * travels up with the complaint) */
		if (yousu__jstr(to, "code") != NULL && yousu__jstr(to, "name"))
			yousu__jset_str(
			    data, "to_name", yousu__jstr(to, "name"));
		if (yousu__jstr(to, "code"))
			yousu__jset_str(
			    data, "to_code", yousu__jstr(to, "code"));
		yousu__jset_str(data, "file", yousu__jstr(n, "notification"));
		if ((text = yousu__json_print(data)) == NULL)
			rv = YOUSU_NOMEM;
		else {
			ev.data = text;
			yousu_project_apply(doc, &ev, data);
			rv = yousu_store_save(d->store, doc, &ev);
			free(text);
		}
	} else if (rv == YOUSU_NOTFOUND) {
		rv = YOUSU_OK;
	}
	cJSON_Delete(doc);
	cJSON_Delete(data);
	return rv;
}

void
yousu__notify_write(daemon_t *d)
{
	sqlite3 *db = yousu_store_sqlite(d->store);
	sqlite3_stmt *s = NULL, *u = NULL;
	int dfd, rc, n = 0;
	bool ok = true;

	if (d->cfg.notify_spool[0] == '\0' || d->notify_idle > 0) {
		if (d->notify_idle > 0)
			d->notify_idle--;
		return;
	}
	/* nothing to write (most turns): one indexed look */
	if (sqlite3_prepare_v2(db,
	        "SELECT 1 FROM notify_outbox WHERE done = 0 LIMIT 1", -1, &s,
	        NULL) != SQLITE_OK)
		return;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return;
	if (sqlite3_prepare_v2(db,
	        "SELECT name, complaint, body FROM notify_outbox WHERE done = "
	        "0 "
	        "LIMIT 32",
	        -1, &s, NULL) != SQLITE_OK)
		return;
	if ((dfd = open(d->cfg.notify_spool,
	         O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		sqlite3_finalize(s);
		yousu_log("NOTIFY cannot open the spool %s: %s",
		    d->cfg.notify_spool, strerror(errno));
		d->notify_idle = 60;
		return;
	}
	if (yousu_store_begin(d->store) != YOUSU_OK) {
		sqlite3_finalize(s);
		close(dfd);
		return;
	}
	sqlite3_prepare_v2(db,
	    "UPDATE notify_outbox SET done = 1 WHERE name = ?1", -1, &u, NULL);
	while (ok && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *) sqlite3_column_text(s, 0);
		const char *body = (const char *) sqlite3_column_text(s, 2);
		char tmp[300];
		cJSON *j = cJSON_Parse(body);

		snprintf(tmp, sizeof tmp, ".%s.tmp", name);
		if (!yousu_file_write_whole(dfd, tmp, name, body, 0640)) {
			yousu_log("NOTIFY cannot write %s/%s: %s",
			    d->cfg.notify_spool, name, strerror(errno));
			ok = false;
		} else {
			sqlite3_bind_text(u, 1, name, -1, SQLITE_TRANSIENT);
			ok = sqlite3_step(u) == SQLITE_DONE &&
			     record(d, (const char *) sqlite3_column_text(s, 1),
			         j) == YOUSU_OK;
			sqlite3_reset(u);
			n++;
		}
		cJSON_Delete(j);
	}
	sqlite3_finalize(s);
	sqlite3_finalize(u);
	/* the files first, then what says they are written */
	if (n > 0 && fsync(dfd) != 0)
		ok = false;
	close(dfd);
	if (n > 0 && ok && yousu_store_commit(d->store) == YOUSU_OK) {
		yousu_log("notify: %d notification%s written to %s", n,
		    n == 1 ? "" : "s", d->cfg.notify_spool);
		return;
	}
	yousu_store_rollback(d->store);
	if (!ok)
		d->notify_idle = 60; /* try again in a while */
}
