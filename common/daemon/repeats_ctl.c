/* Repeat complaints (重复件, issue 17): each complaint's keys kept when it
 * is registered (here, or received from a township), and the lookup the
 * window makes before it registers one: earlier complaints of the same
 * phone or organisation, or with a similar text in the same township,
 * received within the profile's window, open or closed. */
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

static yousu_err
put_keys(daemon_t *d, const cJSON *doc)
{
	char keys[YOUSU_REPEAT_KEYS][YOUSU_REPEAT_KEY];
	int n = keys_of(doc, keys), rc = SQLITE_DONE;
	sqlite3_stmt *s = NULL;

	if (n == 0)
		return YOUSU_OK;
	if (sqlite3_prepare_v2(yousu_store_sqlite(d->store),
	        "INSERT OR IGNORE INTO complaint_keys(key, received_at, "
	        "complaint) SELECT ?1, received_at, rid FROM complaints WHERE "
	        "id = ?2",
	        -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	for (int i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_text(s, 1, keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(
		    s, 2, yousu__jstr(doc, "id"), -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

yousu_err
yousu__repeats_index(daemon_t *d, const cJSON *doc, const yousu_event *ev)
{
	if (strcmp(ev->type, "intake") != 0 || yousu__jstr(doc, "id") == NULL)
		return YOUSU_OK;
	return put_keys(d, doc);
}

/* After an upgrade: the keys of the complaints received within the
 * profile's window (older ones are never looked up), once. */
yousu_err
yousu__repeats_backfill(daemon_t *d)
{
	sqlite3 *db = yousu_store_sqlite(d->store);
	sqlite3_stmt *s = NULL;
	int64_t since =
	    yousu__daemon_now(d) -
	    (int64_t) (yousu_policy_repeat_days(d->policy) + 1) * 86400;
	yousu_err rv = YOUSU_OK;
	int rc, n = 0;

	if (sqlite3_prepare_v2(db,
	        "SELECT 1 FROM settings WHERE key = 'repeat_keys'", -1, &s,
	        NULL) != SQLITE_OK)
		return YOUSU_DB;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return YOUSU_OK;
	if ((rv = yousu_store_begin(d->store)) != YOUSU_OK)
		return rv;
	if (sqlite3_prepare_v2(db,
	        "SELECT doc FROM complaints WHERE received_at >= ?1", -1, &s,
	        NULL) != SQLITE_OK) {
		yousu_store_rollback(d->store);
		return YOUSU_DB;
	}
	sqlite3_bind_int64(s, 1, since);
	while (rv == YOUSU_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		cJSON *doc =
		    cJSON_Parse((const char *) sqlite3_column_text(s, 0));

		rv = doc ? put_keys(d, doc) : YOUSU_DB;
		cJSON_Delete(doc);
		n++;
	}
	sqlite3_finalize(s);
	if (rv == YOUSU_OK &&
	    sqlite3_exec(db,
	        "INSERT INTO settings(key, value) VALUES ('repeat_keys', '1')",
	        0, 0, NULL) != SQLITE_OK)
		rv = YOUSU_DB;
	if (rv == YOUSU_OK)
		rv = yousu_store_commit(d->store);
	if (rv != YOUSU_OK) {
		yousu_store_rollback(d->store);
		return rv;
	}
	if (n > 0)
		yousu_log("repeats: the keys of %d complaints made", n);
	return YOUSU_OK;
}

/* The complaints (rids) under key received since, newest first, added to
 * found (no twice) with why. */
typedef struct {
	int64_t rid;
	const char *why;
} hit;

static int
lookup(sqlite3 *db, const char *key, int64_t since, hit *found, int n,
    const char *why)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(db,
	        "SELECT complaint FROM complaint_keys WHERE key = ?1 AND "
	        "received_at >= ?2 ORDER BY received_at DESC LIMIT 20",
	        -1, &s, NULL) != SQLITE_OK)
		return n;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, since);
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
	cJSON *a = cJSON_CreateArray();

	for (int i = 0; i < nk; i++)
		n = lookup(db, keys[i], since, found, n,
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
