/* Repeat complaints (重复件, issue 17): each complaint's keys, made off
 * the intake's and the link's path (the idle loop catches up a few at a
 * time, a lookup catches up first: a key costs some twenty index writes,
 * more than the whole intake), and the lookup the window makes before it
 * registers one: earlier complaints of the same phone or organisation,
 * or with a similar text in the same township, received within the
 * profile's window, open or closed. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/repeats.h"
#include "yousu/store_ext.h"

#define MAX_FOUND 20

static int
keys_of(const cJSON *doc, char keys[YOUSU_REPEAT_KEYS][YOUSU_REPEAT_KEY])
{
	return yousu_repeat_keys(yousu__jstr(doc, "origin"),
	    yousu__jstr(doc, "phone"),
	    yousu__jbool(doc, "is_org", false) ? yousu__jstr(doc, "name")
	                                       : NULL,
	    yousu__jstr(doc, "content"), keys);
}

#define WEEK (7 * 86400LL)

static yousu_err
put_keys(daemon_t *d, const cJSON *doc)
{
	char keys[YOUSU_REPEAT_KEYS][YOUSU_REPEAT_KEY];
	int n = keys_of(doc, keys), rc = SQLITE_DONE;
	int64_t at = yousu__jint(doc, "received_at", 0);
	sqlite3_stmt *s;

	if (n == 0)
		return YOUSU_OK;
	/* kept prepared: it runs for every complaint the hub receives */
	if (d->repeat_put == NULL &&
	    sqlite3_prepare_v3(yousu_store_sqlite(d->store),
	        "INSERT OR IGNORE INTO complaint_keys(week, key, complaint, "
	        "received_at) SELECT ?1, ?2, rid, ?3 FROM complaints WHERE id "
	        "= "
	        "?4",
	        -1, SQLITE_PREPARE_PERSISTENT, &d->repeat_put,
	        NULL) != SQLITE_OK)
		return YOUSU_DB;
	s = d->repeat_put;
	for (int i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(s, 1, at / WEEK);
		sqlite3_bind_text(s, 2, keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, at);
		sqlite3_bind_text(
		    s, 4, yousu__jstr(doc, "id"), -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

void
yousu__repeats_close(daemon_t *d)
{
	sqlite3_finalize(d->repeat_put);
	d->repeat_put = NULL;
}

static yousu_err
setting_int(sqlite3 *db, const char *key, int64_t *v, bool *found)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*found = false;
	if (sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = ?1",
	        -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*v = sqlite3_column_int64(s, 0);
		*found = true;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

/* Where the keys are made up to (the complaints' rid): kept in the store;
 * a store from before keys were kept starts at the profile's window
 * (older complaints are never looked up). */
yousu_err
yousu__repeats_backfill(daemon_t *d)
{
	sqlite3 *db = yousu_store_sqlite(d->store);
	sqlite3_stmt *s = NULL;
	int64_t since =
	    yousu__daemon_now(d) -
	    (int64_t) (yousu_policy_repeat_days(d->policy) + 1) * 86400;
	bool found;
	yousu_err rv =
	    setting_int(db, "repeat_keys_rid", &d->repeat_rid, &found);

	if (rv != YOUSU_OK || found)
		return rv;
	if (sqlite3_prepare_v2(db,
	        "SELECT coalesce(min(rid), (SELECT coalesce(max(rid), 0) + 1 "
	        "FROM complaints)) - 1 FROM complaints WHERE received_at >= ?1",
	        -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	sqlite3_bind_int64(s, 1, since);
	rv = sqlite3_step(s) == SQLITE_ROW ? YOUSU_OK : YOUSU_DB;
	d->repeat_rid = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rv;
}

/* Makes the keys of up to max complaints stored since the last time, in
 * a transaction of its own; *more: some are left. */
yousu_err
yousu__repeats_catch_up(daemon_t *d, int max, bool *more)
{
	sqlite3 *db = yousu_store_sqlite(d->store);
	sqlite3_stmt *s = NULL, *u = NULL;
	int64_t rid = d->repeat_rid;
	int n = 0, rc;
	yousu_err rv;

	*more = false;
	if (sqlite3_prepare_v2(db,
	        "SELECT rid, doc FROM complaints WHERE rid > ?1 ORDER BY rid "
	        "LIMIT ?2",
	        -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	sqlite3_bind_int64(s, 1, rid);
	sqlite3_bind_int(s, 2, max);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
	}
	if ((rv = yousu_store_begin(d->store)) != YOUSU_OK) {
		sqlite3_finalize(s);
		return rv;
	}
	for (; rv == YOUSU_OK && rc == SQLITE_ROW; rc = sqlite3_step(s), n++) {
		cJSON *doc =
		    cJSON_Parse((const char *) sqlite3_column_text(s, 1));

		rid = sqlite3_column_int64(s, 0);
		rv = doc ? put_keys(d, doc) : YOUSU_DB;
		cJSON_Delete(doc);
	}
	sqlite3_finalize(s);
	if (rv == YOUSU_OK &&
	    (sqlite3_prepare_v2(db,
	         "INSERT OR REPLACE INTO settings(key, value) VALUES "
	         "('repeat_keys_rid', ?1)",
	         -1, &u, NULL) != SQLITE_OK ||
	        (sqlite3_bind_int64(u, 1, rid), sqlite3_step(u)) !=
	            SQLITE_DONE))
		rv = YOUSU_DB;
	sqlite3_finalize(u);
	if (rv == YOUSU_OK)
		rv = yousu_store_commit(d->store);
	if (rv != YOUSU_OK) {
		yousu_store_rollback(d->store);
		return rv;
	}
	d->repeat_rid = rid;
	*more = n == max;
	return YOUSU_OK;
}

/* The complaints (rids) under key received since, newest first, added to
 * found (no twice) with why. */
typedef struct {
	int64_t rid;
	const char *why;
} hit;

static int
lookup(sqlite3 *db, const char *key, int64_t since, int64_t now, hit *found,
    int n, const char *why)
{
	sqlite3_stmt *s = NULL;

	/* the window's weeks, newest first */
	if (sqlite3_prepare_v2(db,
	        "SELECT complaint FROM complaint_keys WHERE week BETWEEN ?3 "
	        "AND "
	        "?4 AND key = ?1 AND received_at >= ?2 ORDER BY week DESC, "
	        "received_at DESC LIMIT 20",
	        -1, &s, NULL) != SQLITE_OK)
		return n;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, since);
	sqlite3_bind_int64(s, 3, since / WEEK);
	sqlite3_bind_int64(s, 4, now / WEEK);
	while (n < MAX_FOUND && sqlite3_step(s) == SQLITE_ROW) {
		int64_t rid = sqlite3_column_int64(s, 0);
		bool seen = false;

		for (int i = 0; i < n; i++)
			seen = seen || found[i].rid == rid;
		if (!seen)
			found[n++] = (hit){rid, why};
	}
	sqlite3_finalize(s);
	return n;
}

/* repeats: the earlier complaints a new one may repeat */
yousu_err
yousu__repeats_find(daemon_t *d, const char *phone, const char *org,
    const char *content, const char *township, cJSON **out)
{
	sqlite3 *db = yousu_store_sqlite(d->store);
	char keys[YOUSU_REPEAT_KEYS][YOUSU_REPEAT_KEY];
	int days = yousu_policy_repeat_days(d->policy);
	int64_t now = yousu__daemon_now(d),
	        since = now - (int64_t) days * 86400;
	int nk = yousu_repeat_keys(
	    township ? township : d->cfg.code, phone, org, content, keys);
	hit found[MAX_FOUND];
	int n = 0;
	sqlite3_stmt *s = NULL;
	cJSON *a;
	bool more = true;

	/* what the link brought since the loop was last idle, first (a
	 * bounded stall: the idle loop keeps up in any real county) */
	for (int i = 0; i < 10 && more; i++)
		if (yousu__repeats_catch_up(d, 1000, &more) != YOUSU_OK)
			return YOUSU_DB;
	a = cJSON_CreateArray();

	for (int i = 0; i < nk; i++)
		n = lookup(db, keys[i], since, now, found, n,
		    keys[i][0] == 'p'   ? "phone"
		    : keys[i][0] == 'o' ? "org"
		                        : "content");
	if (n > 0 &&
	    sqlite3_prepare_v2(db, "SELECT doc FROM complaints WHERE rid = ?1",
	        -1, &s, NULL) != SQLITE_OK) {
		cJSON_Delete(a);
		return YOUSU_DB;
	}
	for (int i = 0; i < n; i++) {
		cJSON *doc, *o;
		double sim;

		sqlite3_bind_int64(s, 1, found[i].rid);
		if (sqlite3_step(s) != SQLITE_ROW ||
		    (doc = cJSON_Parse(
		         (const char *) sqlite3_column_text(s, 0))) == NULL) {
			sqlite3_reset(s);
			continue;
		}
		sqlite3_reset(s);
		sim = content ? yousu_repeat_similarity(
		                    content, yousu__jstr(doc, "content"))
		              : 0;
		/* a band shared by chance: the texts themselves must be alike
		 */
		if (strcmp(found[i].why, "content") == 0 &&
		    sim < YOUSU_REPEAT_SIMILAR) {
			cJSON_Delete(doc);
			continue;
		}
		o = cJSON_CreateObject();
		yousu__jset_str(o, "id", yousu__jstr(doc, "id"));
		yousu__jset_str(o, "match", found[i].why);
		yousu__jset(o, "similarity",
		    cJSON_CreateNumber((double) (int) (sim * 100 + 0.5) / 100));
		yousu__jset_int(
		    o, "received_at", yousu__jint(doc, "received_at", 0));
		yousu__jset_str(o, "status", yousu__jstr(doc, "status"));
		yousu__jset_str(o, "origin", yousu__jstr(doc, "origin"));
		if (yousu__jstr(doc, "lead"))
			yousu__jset_str(o, "lead", yousu__jstr(doc, "lead"));
		if (yousu__jint(doc, "closed_at", 0))
			yousu__jset_int(
			    o, "closed_at", yousu__jint(doc, "closed_at", 0));
		yousu__jset_str(o, "content", yousu__jstr(doc, "content"));
		yousu__jset_bool(o, "open",
		    strcmp(yousu__jstr(doc, "status"), "closed") != 0 &&
		        strcmp(yousu__jstr(doc, "status"), "rejected") != 0);
		cJSON_AddItemToArray(a, o);
		cJSON_Delete(doc);
	}
	sqlite3_finalize(s);
	*out = a;
	return YOUSU_OK;
}

static yousu_err
ctl_repeats(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *phone = yousu__jstr(args, "phone"),
	           *org = yousu__jstr(args, "org"),
	           *content = yousu__jstr(args, "content");
	cJSON *a = NULL, *it;
	char t[32];

	(void) actor;
	if (phone == NULL && org == NULL && content == NULL) {
		snprintf(err, errlen,
		    "repeats: give what to look for: phone, org or content");
		return YOUSU_INVAL;
	}
	if (yousu__repeats_find(d, phone, org, content,
	        yousu__jstr(args, "township"), &a) != YOUSU_OK) {
		snprintf(err, errlen, "repeats: store: %s",
		    yousu_store_errmsg(d->store));
		return YOUSU_DB;
	}
	cJSON_ArrayForEach (it, a) {
		yousu_format_time(yousu__jint(it, "received_at", 0),
		    d->cfg.utc_offset, t, sizeof t);
		yousu__jset_str(it, "received", t);
	}
	*result = cJSON_CreateObject();
	yousu__jset_int(
	    *result, "window_days", yousu_policy_repeat_days(d->policy));
	yousu__jset(*result, "found", a);
	return YOUSU_OK;
}

const yousu__ctl_entry yousu__repeat_cmds[] = {
    {"repeats", ctl_repeats},
    {NULL, NULL},
};
