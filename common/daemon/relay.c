/* The daemon's links: to its parent (events up, or reports for a hub
 * under a bridge) and to its children (events of their complaints down).
 * Here are the [parent], [listen], [children] and [link] settings, the
 * hook that queues replication messages in the transaction of each
 * change, and what is done with a received message. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/cases.h"
#include "yousu/complaint.h"
#include "yousu/hotline_out.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/personal.h"
#include "yousu/replica.h"
#include "yousu/store.h"
#include "yousu/store_ext.h"

static bool
code_ok(const char *v)
{
	size_t n = strlen(v);

	return n >= 2 && n <= 16 &&
	       strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == n;
}

static yousu_err
on_parent_code(
    void *obj, const char *name, const char *v, char *msg, size_t len)
{
	daemon_cfg *c = obj;

	(void) name;
	if (!code_ok(v)) {
		snprintf(msg, len,
		    "code '%s' must be 2-16 capital letters or digits", v);
		return YOUSU_CONFIG;
	}
	snprintf(c->parent, sizeof c->parent, "%s", v);
	return YOUSU_OK;
}

/* tcp://, ipc:// and tls+tcp:// as nng spells them */
static yousu_err
set_url(char *dst, const char *name, const char *v, char *msg, size_t len)
{
	if (strncmp(v, "tcp://", 6) != 0 && strncmp(v, "ipc://", 6) != 0 &&
	    strncmp(v, "tls+tcp://", 10) != 0) {
		snprintf(msg, len,
		    "%s '%s' must be a tcp://, ipc:// or tls+tcp:// address",
		    name, v);
		return YOUSU_CONFIG;
	}
	if (strlen(v) >= PATH_LEN) {
		snprintf(msg, len, "%s: address too long", name);
		return YOUSU_CONFIG;
	}
	snprintf(dst, PATH_LEN, "%s", v);
	return YOUSU_OK;
}

#define URL_KEY(fn, field)                                                     \
	static yousu_err fn(                                                   \
	    void *obj, const char *name, const char *v, char *msg, size_t len) \
	{                                                                      \
		return set_url(                                                \
		    ((daemon_cfg *) obj)->field, name, v, msg, len);           \
	}
URL_KEY(on_parent_up, parent_up)
URL_KEY(on_parent_down, parent_down)
URL_KEY(on_listen_up, listen_up)
URL_KEY(on_listen_down, listen_down)

static yousu_err
on_child(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	daemon_cfg *c = obj;
	const char *slash = strrchr(c->path, '/');
	char key[PATH_LEN];
	int n;

	if (!code_ok(name)) {
		snprintf(msg, len,
		    "child code '%s' must be 2-16 capital letters or digits",
		    name);
		return YOUSU_CONFIG;
	}
	for (int i = 0; i < c->nchildren; i++)
		if (strcmp(c->child[i], name) == 0) {
			snprintf(msg, len, "child '%s' listed twice", name);
			return YOUSU_CONFIG;
		}
	if (c->nchildren == MAX_CHILDREN) {
		snprintf(msg, len, "at most %d children", MAX_CHILDREN);
		return YOUSU_CONFIG;
	}
	snprintf(c->child[c->nchildren], 17, "%s", name);
	if (v[0] == '/' || slash == NULL)
		n = snprintf(key, PATH_LEN, "%s", v);
	else
		n = snprintf(key, PATH_LEN, "%.*s/%s", (int) (slash - c->path),
		    c->path, v);
	if (n < 0 || n >= PATH_LEN) {
		snprintf(msg, len, "child '%s': key path too long", name);
		return YOUSU_CONFIG;
	}
	memcpy(c->child_key[c->nchildren], key, (size_t) n + 1);
	c->nchildren++;
	return YOUSU_OK;
}

#define T(f) offsetof(daemon_cfg, tune.f)
#define TUNE(k, f, lo, hi)                                             \
	{                                                              \
		"link", k, YOUSU_CFG_INT, T(f), 0, lo, hi, false, NULL \
	}
const yousu_cfg_key yousu__relay_keys[] = {
    {"parent", "code", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_parent_code},
    {"parent", "uplink", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_parent_up},
    {"parent", "downlink", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_parent_down},
    {"parent", "key", YOUSU_CFG_PATH, offsetof(daemon_cfg, parent_key),
        PATH_LEN, 0, 0, false, NULL},
    {"parent", "tls_ca", YOUSU_CFG_PATH, offsetof(daemon_cfg, tls_ca), PATH_LEN,
        0, 0, false, NULL},
    {"parent", "tls_server_name", YOUSU_CFG_STR,
        offsetof(daemon_cfg, tls_server_name), 256, 0, 0, false, NULL},
    {"listen", "tls_cert_key", YOUSU_CFG_PATH,
        offsetof(daemon_cfg, tls_cert_key), PATH_LEN, 0, 0, false, NULL},
    {"listen", "uplink", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_listen_up},
    {"listen", "downlink", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_listen_down},
    {"children", "", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_child},
    TUNE("window", window, 1, 65536),
    TUNE("batch", batch, 1, 4096),
    TUNE("resend_ms", resend_ms, 10, 600000),
    TUNE("resend_max_ms", resend_max_ms, 10, 3600000),
    TUNE("heartbeat_ms", heartbeat_ms, 10, 600000),
    TUNE("offline_after_ms", offline_ms, 100, 3600000),
    TUNE("reconnect_min_ms", reconnect_min_ms, 10, 600000),
    TUNE("reconnect_max_ms", reconnect_max_ms, 10, 3600000),
    {"link", "max_frame", YOUSU_CFG_INT, offsetof(daemon_cfg, max_frame), 0,
        65536, 64 << 20, false, NULL},
    {NULL},
};

/* --- replication ---------------------------------------------------------- */

static bool
is_child(void *arg, const char *code)
{
	daemon_t *d = arg;

	return d->down != NULL && yousu_link_has_peer(d->down, code);
}

yousu_err
yousu_daemon_send_event(yousu_daemon *d, yousu_link *l, const char *peer,
    const cJSON *doc, const yousu_event *ev)
{
	uint8_t *buf;
	size_t len;
	yousu_err rv = yousu_event_pack(yousu__jstr(doc, "id"),
	    yousu__jint(doc, "events", 0), ev, &buf, &len);

	(void) d;
	if (rv == YOUSU_OK) {
		rv = yousu_link_enqueue(l, peer, "event", buf, len);
		free(buf);
	}
	return rv;
}

/* The event without what names the complainant: what may go to the city
 * (its data's personal keys dropped). NULL when out of memory. */
static char *
redacted(const char *data)
{
	cJSON *o = cJSON_Parse(data);
	char *text;

	if (o == NULL)
		return NULL;
	yousu_personal_strip(o, false);
	text = yousu__json_print(o);
	cJSON_Delete(o);
	return text;
}

typedef struct {
	yousu_link *l;
	const char *peer, *id;
	bool redacted;
	const char *kind; /* "event", or "restore" for a peer's new store */
} log_target;

static yousu_err
queue_logged(void *arg, int64_t seq, const yousu_event *ev)
{
	log_target *t = arg;
	yousu_event e = *ev;
	char *data = NULL;
	uint8_t *buf;
	size_t len;
	yousu_err rv;

	if (t->redacted && (e.data = data = redacted(ev->data)) == NULL)
		return YOUSU_NOMEM;
	if ((rv = yousu_event_pack(t->id, seq, &e, &buf, &len)) == YOUSU_OK) {
		rv = yousu_link_enqueue(t->l, t->peer, t->kind, buf, len);
		free(buf);
	}
	free(data);
	return rv;
}

yousu_err
yousu_daemon_send_log(yousu_daemon *d, yousu_link *l, const char *peer,
    const char *id, bool redact)
{
	log_target t = {l, peer, id, redact, "event"};

	return yousu_store_each_event(d->store, id, queue_logged, &t);
}

/* --- a peer's new store -------------------------------------------------
 * When a neighbour's store is lost or restored from a backup, the link
 * restarts the channel and asks what the new store should hold from here
 * (on_reset): complaints' whole logs as "restore" messages, and what the
 * role adds (a county's reports and 12345 matters for the city). The
 * receiver applies them with the complaint's own checks and without
 * relaying them on (restore_event). */

yousu_err
yousu_daemon_resend_logs(yousu_daemon *d, yousu_link *l, const char *peer,
    const char *select_ids, bool redact)
{
	sqlite3_stmt *s = NULL;
	log_target t = {l, peer, NULL, redact, "restore"};
	yousu_err rv = YOUSU_OK;
	int64_t n = 0;
	int rc;

	if (sqlite3_prepare_v2(yousu_store_sqlite(d->store), select_ids, -1, &s,
	        NULL) != SQLITE_OK)
		return YOUSU_DB;
	if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_text(s, 1, peer, -1, SQLITE_STATIC);
	while (rv == YOUSU_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		t.id = (const char *) sqlite3_column_text(s, 0);
		rv = yousu_store_each_event(d->store, t.id, queue_logged, &t);
		n++;
	}
	if (rv == YOUSU_OK && rc != SQLITE_DONE)
		rv = YOUSU_DB;
	sqlite3_finalize(s);
	if (rv == YOUSU_OK)
		yousu_log("LINK-RESYNC %lld complaints' logs queued for %s",
		    (long long) n, peer);
	return rv;
}

yousu_err
yousu_daemon_resend_numbering(yousu_daemon *d, yousu_link *l, const char *peer)
{
	sqlite3_stmt *s = NULL;
	cJSON *msg = cJSON_CreateObject(),
	      *c = cJSON_AddObjectToObject(msg, "counters");
	yousu_err rv = YOUSU_OK;
	int rc;

	if (sqlite3_prepare_v2(yousu_store_sqlite(d->store),
	        "SELECT 'day:' || substr(id, length(?1) + 2, 8),"
	        " max(CAST(substr(id, length(?1) + 10) AS INTEGER))"
	        " FROM complaints WHERE id > ?1 || '-' AND id < ?1 || '.'"
	        " GROUP BY 1 UNION ALL"
	        " SELECT 'year:' || json_extract(doc, '$.year'),"
	        " max(json_extract(doc, '$.serial')) FROM complaints"
	        " WHERE id > ?1 || '-' AND id < ?1 || '.'"
	        " AND json_extract(doc, '$.year') IS NOT NULL GROUP BY 1",
	        -1, &s, NULL) != SQLITE_OK) {
		cJSON_Delete(msg);
		return YOUSU_DB;
	}
	sqlite3_bind_text(s, 1, peer, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		yousu__jset_int(c, (const char *) sqlite3_column_text(s, 0),
		    sqlite3_column_int64(s, 1));
	if (rc != SQLITE_DONE)
		rv = YOUSU_DB;
	sqlite3_finalize(s);
	if (rv == YOUSU_OK)
		rv = yousu_daemon_send_json(d, l, peer, "numbering", msg);
	cJSON_Delete(msg);
	return rv;
}

/* The counters a parent says this centre's numbers reached. */
static yousu_err
take_numbering(daemon_t *d, const uint8_t *body, size_t len)
{
	cJSON *msg = cJSON_ParseWithLength((const char *) body, len), *v;
	yousu_err rv = YOUSU_OK;

	if (!cJSON_IsObject(cJSON_GetObjectItem(msg, "counters")))
		rv = YOUSU_PROTO;
	cJSON_ArrayForEach (v, cJSON_GetObjectItem(msg, "counters"))
		if (rv == YOUSU_OK && cJSON_IsNumber(v) &&
		    (strncmp(v->string, "day:", 4) == 0 ||
		        strncmp(v->string, "year:", 5) == 0))
			rv = yousu_store_raise_serial(
			    d->store, v->string, (int64_t) v->valuedouble);
	if (rv == YOUSU_OK)
		yousu_log("LINK-RESYNC numbering from %s: new numbers follow "
		          "the ones it holds",
		    d->cfg.parent);
	cJSON_Delete(msg);
	return rv;
}

/* A child gets back what it holds: every complaint that came from it
 * or belongs to it, its numbering first. */
yousu_err
yousu_daemon_resync_child(yousu_daemon *d, yousu_link *l, const char *peer)
{
	yousu_err rv = yousu_daemon_resend_numbering(d, l, peer);

	return rv != YOUSU_OK
	           ? rv
	           : yousu_daemon_resend_logs(d, l, peer,
	                 "SELECT id FROM complaints WHERE origin = ?1"
	                 " OR owner = ?1 ORDER BY rid",
	                 false);
}

static yousu_err
on_reset(void *arg, yousu_link *l, const char *peer)
{
	daemon_t *d = arg;
	bool parent = l == d->up;

	if (d->role->resync != NULL)
		return d->role->resync(d, l, peer, parent);
	/* a township's store holds every complaint it took or was handed,
	 * with every step */
	return parent ? yousu_daemon_resend_logs(d, l, peer,
	                    "SELECT id FROM complaints ORDER BY rid", false)
	              : yousu_daemon_resync_child(d, l, peer);
}

/* An id this centre gave (CODE-YYYYMMDDN…): its day, its number of
 * the day and how many digits that has. False for any other id. */
static bool
own_number(
    const daemon_t *d, const char *id, char day[9], long long *k, int *width)
{
	size_t n = strlen(d->cfg.code);

	if (!yousu_id_numbered_by(id, d->cfg.code) || strlen(id) < n + 10)
		return false;
	snprintf(day, 9, "%.8s", id + n + 1);
	*k = strtoll(id + n + 9, NULL, 10);
	*width = (int) strlen(id + n + 9);
	return true;
}

/* A restored complaint numbered here: its numbers are never given
 * again (the day's and the year's counters at least at its own). */
static yousu_err
keep_numbering(daemon_t *d, const char *id, const char *data)
{
	char key[32], day[9];
	long long k;
	int width;
	cJSON *o;
	yousu_err rv;
	int64_t serial;

	if (!own_number(d, id, day, &k, &width))
		return YOUSU_OK;
	snprintf(key, sizeof key, "day:%s", day);
	if ((rv = yousu_store_raise_serial(d->store, key, k)) != YOUSU_OK)
		return rv;
	o = cJSON_Parse(data);
	serial = yousu__jint(o, "serial", 0);
	snprintf(key, sizeof key, "year:%.4s", day);
	cJSON_Delete(o);
	return serial > 0 ? yousu_store_raise_serial(d->store, key, serial)
	                  : YOUSU_OK;
}

typedef struct {
	daemon_t *d;
	const char *peer;
	bool from_parent;
} restoring_t;

/* One more event restored from peer (in memory: since the start). */
static void
count_from(daemon_t *d, const char *peer)
{
	for (int i = 0; i <= MAX_CHILDREN; i++) {
		if (d->restored_from[i].peer[0] == '\0')
			snprintf(d->restored_from[i].peer,
			    sizeof d->restored_from[i].peer, "%s", peer);
		if (strcmp(d->restored_from[i].peer, peer) == 0) {
			d->restored_from[i].n++;
			return;
		}
	}
}

static yousu_err
restore_one(void *arg, const char *id, int64_t seq, const yousu_event *ev)
{
	restoring_t *r = arg;
	daemon_t *d = r->d;
	yousu_err rv;

	/* from the city, a county takes back only its own window's
	 * complaints: its townships bring theirs, with the complainant */
	if (r->from_parent && d->down != NULL &&
	    !yousu_id_numbered_by(id, d->cfg.code))
		return YOUSU_OK;
	d->restoring = true;
	rv = yousu_replica_take(d->store, r->peer, id, seq, ev);
	d->restoring = false;
	if (rv == YOUSU_OK && seq == 1 && strcmp(ev->type, "intake") == 0)
		rv = keep_numbering(d, id, ev->data);
	if (rv == YOUSU_OK)
		count_from(d, r->peer);
	return rv;
}

yousu_err
yousu_daemon_restore_event(yousu_daemon *d, const char *peer, bool from_parent,
    const uint8_t *body, size_t len)
{
	restoring_t r = {d, peer, from_parent};

	return yousu_event_open(body, len, restore_one, &r);
}

static bool
handed_down(const daemon_t *d, const cJSON *doc, const yousu_event *ev)
{
	return strcmp(ev->type, "transfer") == 0 &&
	       strcmp(ev->origin, d->cfg.code) == 0 &&
	       strcmp(yousu__jstr(doc, "owner"), yousu__jstr(doc, "origin")) !=
	           0;
}

/* Called in the transaction of every stored event (written here or
 * received). The role's part first (a township's events up, a county's
 * escalation to the city, the city's steps down); then, down, to each
 * child centre that holds the complaint (where it came from, where it
 * now is) but did not write the event; a child that is handed a
 * complaint gets its whole log. */
static yousu_err
on_event(void *arg, const cJSON *doc, const yousu_event *ev)
{
	daemon_t *d = arg;
	const char *origin = yousu__jstr(doc, "origin");
	const char *owner = yousu__jstr(doc, "owner");
	yousu_err rv = YOUSU_OK;

	/* a store being rebuilt passes nothing on: its neighbours hold it */
	if (d->restoring)
		return YOUSU_OK;
	if (d->role->on_event != NULL)
		rv = d->role->on_event(d, doc, ev);
	if (rv == YOUSU_OK)
		rv = yousu__notify_on_event(d, doc, ev);
	if (rv == YOUSU_OK && is_child(d, origin) &&
	    strcmp(origin, ev->origin) != 0)
		rv = yousu_daemon_send_event(d, d->down, origin, doc, ev);
	if (rv != YOUSU_OK || !is_child(d, owner) ||
	    strcmp(owner, origin) == 0 || strcmp(owner, ev->origin) == 0)
		return rv;
	return handed_down(d, doc, ev)
	           ? yousu_daemon_send_log(
	                 d, d->down, owner, yousu__jstr(doc, "id"), false)
	           : yousu_daemon_send_event(d, d->down, owner, doc, ev);
}

yousu_err
yousu_daemon_send_json(yousu_daemon *d, yousu_link *l, const char *peer,
    const char *kind, const cJSON *v)
{
	char *text = yousu__json_print(v);
	yousu_err rv;

	(void) d;
	if (text == NULL)
		return YOUSU_NOMEM;
	rv = yousu_link_enqueue(
	    l, peer, kind, (const uint8_t *) text, strlen(text));
	sodium_memzero(text, strlen(text));
	free(text);
	return rv;
}

/* Guidance cases travel as their JSON record: a proposal up to the
 * centre that reviews it (from one that does not); a publication down to
 * every child (each then offers it at intake), a return down to the
 * child that proposed it. Called in the transaction that changed the
 * case. */
yousu_err
yousu__relay_case(daemon_t *d, const cJSON *rec)
{
	const char *id = yousu__jstr(rec, "id");
	const char *status = yousu__jstr(rec, "status");
	char *text = yousu__json_print(rec); /* once for every peer */
	yousu_err rv = YOUSU_OK;

	if (text == NULL)
		return YOUSU_NOMEM;
	if (d->up != NULL && !d->role->reviews_cases &&
	    strcmp(status, "proposed") == 0 &&
	    yousu_id_numbered_by(id, d->cfg.code))
		rv = yousu_link_enqueue(d->up, d->cfg.parent, "case",
		    (const uint8_t *) text, strlen(text));
	for (int i = 0; rv == YOUSU_OK && d->down && i < d->cfg.nchildren;
	     i++) {
		const char *c = d->cfg.child[i];

		if (strcmp(status, "published") == 0 ||
		    (strcmp(status, "returned") == 0 &&
		        yousu_id_numbered_by(id, c)))
			rv = yousu_link_enqueue(d->down, c, "case",
			    (const uint8_t *) text, strlen(text));
	}
	free(text);
	return rv;
}

/* --- the 12345 hotline ------------------------------------------------------
 * A dispatch form travels from the city sealed for the county (the
 * county role opens it), the county hands it to the township, which
 * registers the complaint (source hotline, 12345 item number). */

yousu_err
yousu_daemon_take_form(yousu_daemon *d, const char *text, size_t len)
{
	cJSON *form = cJSON_ParseWithLength(text, len), *result = NULL;
	const char *township = yousu__jstr(form, "township");
	char err[1024];
	yousu_err rv;

	if (township == NULL ||
	    !cJSON_IsObject(cJSON_GetObjectItem(form, "intake"))) {
		yousu_log("LINK-HOTLINE a form without township or intake");
		cJSON_Delete(form);
		return YOUSU_PROTO;
	}
	if (strcmp(township, d->cfg.code) != 0) {
		if (!is_child(d, township)) {
			yousu_log("LINK-HOTLINE form for '%s', not a township "
			          "of %s",
			    township, d->cfg.code);
			cJSON_Delete(form);
			return YOUSU_NOTFOUND;
		}
		rv = yousu_link_enqueue(
		    d->down, township, "hotline", (const uint8_t *) text, len);
		cJSON_Delete(form);
		return rv;
	}
	rv = yousu_wf_exec(d->wf, "intake", "12345热线",
	    cJSON_GetObjectItem(form, "intake"), &result, err, sizeof err);
	if (rv != YOUSU_OK)
		yousu_log("LINK-HOTLINE form %s refused: %s",
		    yousu__jstr(form, "item"), err);
	else
		yousu_log("12345 form %s registered as %s",
		    yousu__jstr(form, "item"), yousu__jstr(result, "id"));
	cJSON_Delete(result);
	cJSON_Delete(form);
	return rv == YOUSU_OK || rv == YOUSU_DB ? rv : YOUSU_INVAL;
}

/* A handover to the hotline goes up, county by county, to the city
 * gateway. */
yousu_err
yousu__relay_handover(daemon_t *d, const cJSON *h)
{
	return yousu_daemon_send_json(
	    d, d->up, d->cfg.parent, "hotline_handover", h);
}

/* 12345, the other way (001 二(一)): a window complaint that is not this
 * hall's business is refused here (不予受理, ground out_of_scope) and
 * handed, with the caller's details, up to the city gateway, which
 * writes it for the hotline. */
static yousu_err
ctl_hotline_handover(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const char *reason = yousu__jstr(args, "reason");
	cJSON *rej = cJSON_CreateObject(), *doc = NULL, *h = NULL;
	yousu_err rv;

	if (d->up == NULL) {
		cJSON_Delete(rej);
		snprintf(err, errlen,
		    "hotline handover: centre %s has no parent centre to hand "
		    "it up through",
		    d->cfg.code);
		return YOUSU_STATE;
	}
	yousu__jset_str(rej, "id", yousu__jstr(args, "id"));
	yousu__jset_str(rej, "ground", "out_of_scope");
	yousu__jset_str(rej, "note", reason);
	if ((rv = yousu_store_begin(d->store)) != YOUSU_OK) {
		cJSON_Delete(rej);
		snprintf(err, errlen, "hotline handover: store busy");
		return rv;
	}
	if ((rv = yousu_wf_exec(
	         d->wf, "reject", actor, rej, &doc, err, errlen)) == YOUSU_OK &&
	    (rv = yousu_hotline_handover_from_complaint(doc, reason,
	         yousu__daemon_now(d), d->cfg.utc_offset, &h, err, errlen)) ==
	        YOUSU_OK &&
	    (rv = yousu__relay_handover(d, h)) == YOUSU_OK)
		rv = yousu_store_commit(d->store);
	if (rv != YOUSU_OK)
		yousu_store_rollback(d->store);
	cJSON_Delete(rej);
	cJSON_Delete(h);
	if (rv != YOUSU_OK) {
		cJSON_Delete(doc);
		return rv;
	}
	*result = doc;
	return YOUSU_OK;
}

const yousu__ctl_entry yousu__relay_cmds[] = {
    {"hotline.handover", ctl_hotline_handover},
    {NULL, NULL},
};

static yousu_err
receive_case(daemon_t *d, const char *peer, bool from_parent,
    const uint8_t *body, size_t len)
{
	cJSON *rec = cJSON_ParseWithLength((const char *) body, len);
	char err[512];
	yousu_err rv = YOUSU_PROTO;

	if (rec != NULL && (rv = yousu_cases_receive(d->store, rec, peer,
	                        from_parent, err, sizeof err)) != YOUSU_OK)
		yousu_log("LINK-CASE %s", err);
	else if (rec != NULL)
		yousu_log("case %s from %s: %s", yousu__jstr(rec, "id"), peer,
		    yousu__jstr(rec, "status"));
	cJSON_Delete(rec);
	/* a case refused is the sender's fault: a dead letter, and the
	 * stream goes on (only a failing store stops it) */
	return rv == YOUSU_PERM ? YOUSU_STATE : rv;
}

/* A received message: the role's kinds first, then what every centre
 * does: events of the complaints it holds, guidance cases, 12345 forms
 * from its parent, handovers passed on up. */
static yousu_err
on_message(void *arg, const char *peer, const char *kind, const uint8_t *body,
    size_t len)
{
	daemon_t *d = arg;
	/* a parent relays what other centres wrote; a child only its own */
	bool relayed = d->up != NULL && strcmp(peer, d->cfg.parent) == 0;
	bool handled = false;
	yousu_err rv = YOUSU_OK;

	if (d->role->on_message != NULL)
		rv = d->role->on_message(
		    d, peer, relayed, kind, body, len, &handled);
	if (handled)
		return rv;
	if (strcmp(kind, "event") == 0)
		return yousu_replica_apply(d->store, peer, relayed, body, len);
	if (strcmp(kind, "restore") == 0)
		return yousu_daemon_restore_event(d, peer, relayed, body, len);
	if (strcmp(kind, "numbering") == 0 && relayed)
		return take_numbering(d, body, len);
	if (strcmp(kind, "case") == 0)
		return receive_case(d, peer, relayed, body, len);
	/* a county's visit round: its part here, and its visits */
	if ((strcmp(kind, "round") == 0 || strcmp(kind, "step") == 0) &&
	    relayed)
		return yousu__step_receive(d, kind, body, len);
	/* forms come down, never up */
	if (strcmp(kind, "hotline") == 0 && relayed)
		return yousu_daemon_take_form(d, (const char *) body, len);
	if (strcmp(kind, "hotline_handover") == 0 && !relayed) {
		if (d->up == NULL) { /* kept here, as a dead letter */
			yousu_log("LINK-HOTLINE a handover from %s, but %s has "
			          "no parent to pass it to",
			    peer, d->cfg.code);
			return YOUSU_STATE;
		}
		return yousu_link_enqueue(
		    d->up, d->cfg.parent, "hotline_handover", body, len);
	}
	return YOUSU_PROTO;
}

/* --- opening
 * ------------------------------------------------------------------ */

static int
open_up(daemon_t *d, yousu_link_config lc)
{
	yousu_link_peer peer = {{0}};
	char err[1024];

	if (d->cfg.parent_up[0] == '\0' || d->cfg.parent_down[0] == '\0' ||
	    d->cfg.parent_key[0] == '\0') {
		fprintf(stderr,
		    "yousu-%s: %s: [parent] needs code, uplink, downlink and "
		    "key\n",
		    d->role->name, d->cfg.path);
		return 1;
	}
	snprintf(peer.id, sizeof peer.id, "%s", d->cfg.parent);
	if (yousu_key_load(d->cfg.parent_key, peer.key, err, sizeof err)) {
		fprintf(stderr, "yousu-%s: %s\n", d->role->name, err);
		return 1;
	}
	lc.parent = false;
	lc.tls_ca = d->cfg.tls_ca[0] ? d->cfg.tls_ca : NULL;
	lc.tls_server_name =
	    d->cfg.tls_server_name[0] ? d->cfg.tls_server_name : NULL;
	lc.up_url = d->cfg.parent_up;
	lc.down_url = d->cfg.parent_down;
	lc.peers = &peer;
	lc.npeers = 1;
	if (yousu_link_open(&lc, d->store, on_message, d, &d->up, err,
	        sizeof err) != YOUSU_OK) {
		fprintf(stderr, "yousu-%s: %s\n", d->role->name, err);
		return 1;
	}
	return 0;
}

static int
open_down(daemon_t *d, yousu_link_config lc)
{
	yousu_link_peer *peers =
	    calloc((size_t) d->cfg.nchildren, sizeof *peers);
	char err[1024];
	int rv = 1;

	if (peers == NULL)
		return 1;
	if (d->cfg.listen_up[0] == '\0' || d->cfg.listen_down[0] == '\0') {
		fprintf(stderr,
		    "yousu-%s: %s: [children] needs [listen] uplink and "
		    "downlink\n",
		    d->role->name, d->cfg.path);
		goto out;
	}
	for (int i = 0; i < d->cfg.nchildren; i++) {
		snprintf(
		    peers[i].id, sizeof peers[i].id, "%s", d->cfg.child[i]);
		if (yousu_key_load(
		        d->cfg.child_key[i], peers[i].key, err, sizeof err)) {
			fprintf(stderr, "yousu-%s: child %s: %s\n",
			    d->role->name, d->cfg.child[i], err);
			goto out;
		}
	}
	lc.parent = true;
	lc.tls_cert_key = d->cfg.tls_cert_key[0] ? d->cfg.tls_cert_key : NULL;
	lc.up_url = d->cfg.listen_up;
	lc.down_url = d->cfg.listen_down;
	lc.peers = peers;
	lc.npeers = (size_t) d->cfg.nchildren;
	if (yousu_link_open(&lc, d->store, on_message, d, &d->down, err,
	        sizeof err) != YOUSU_OK)
		fprintf(stderr, "yousu-%s: %s\n", d->role->name, err);
	else
		rv = 0;
out:
	sodium_memzero(peers, (size_t) d->cfg.nchildren * sizeof *peers);
	free(peers);
	return rv;
}

int
yousu__relay_open(daemon_t *d)
{
	yousu_link_config lc = d->cfg.tune;

	lc.reset = on_reset;

	lc.self = d->cfg.code;
	lc.max_frame = (size_t) d->cfg.max_frame;
	/* no personal data rests at the city, not even in a dead letter */
	lc.dead_bodies = d->role->keeps_dead_bodies;
	if (d->cfg.parent[0] != '\0' && open_up(d, lc) != 0)
		return 1;
	if (d->cfg.nchildren > 0 && open_down(d, lc) != 0)
		return 1;
	yousu_store_set_hook(d->store, on_event, d);
	return 0;
}

bool
yousu__relay_is_child(void *arg, const char *code)
{
	return is_child(arg, code);
}

void
yousu__relay_close(daemon_t *d)
{
	yousu_link_close(d->up);
	yousu_link_close(d->down);
	d->up = d->down = NULL;
}

int
yousu__relay_pollfds(daemon_t *d, struct pollfd *fds)
{
	int n = 0;

	if (d->up != NULL)
		yousu_link_pollfd(d->up, &fds[n++]);
	if (d->down != NULL)
		yousu_link_pollfd(d->down, &fds[n++]);
	return n;
}

int
yousu__relay_run(daemon_t *d)
{
	int wait = 1000, w;

	if (d->up != NULL && (w = yousu_link_run(d->up)) < wait)
		wait = w;
	if (d->down != NULL && (w = yousu_link_run(d->down)) < wait)
		wait = w;
	return wait;
}

/* A link's status, with each peer's last sighting in local time. */
static cJSON *
side_status(const daemon_t *d, yousu_link *l)
{
	cJSON *st = yousu_link_status(l), *p;
	char when[32];

	cJSON_ArrayForEach (p, cJSON_GetObjectItem(st, "peers")) {
		int64_t ms = yousu__jint(p, "last_seen_ms", 0);

		yousu_format_time(
		    ms / 1000, d->cfg.utc_offset, when, sizeof when);
		yousu__jset_str(p, "last_seen", ms ? when : "never");
	}
	return st;
}

cJSON *
yousu__relay_parent_state(daemon_t *d)
{
	cJSON *st, *o, *p;

	if (d->up == NULL)
		return cJSON_CreateNull();
	st = side_status(d, d->up);
	p = cJSON_GetArrayItem(cJSON_GetObjectItem(st, "peers"), 0);
	o = cJSON_CreateObject();
	yousu__jset_str(o, "code", d->cfg.parent);
	yousu__jset_bool(
	    o, "online", cJSON_IsTrue(cJSON_GetObjectItem(p, "online")));
	yousu__jset_str(o, "last_seen", yousu__jstr(p, "last_seen"));
	yousu__jset_int(o, "backlog", yousu__jint(p, "backlog", 0));
	cJSON_Delete(st);
	return o;
}

/* The numbers this centre gave that its store does not hold, day by
 * day (a day's numbers run from 1 to the highest held): after a rebuild,
 * the complaints no neighbour could send back. At most 100. */
static cJSON *
missing_numbers(daemon_t *d)
{
	cJSON *a = cJSON_CreateArray();
	sqlite3_stmt *s = NULL;
	char lo[24], hi[24], day[9] = "", id[64];
	long long next = 1, k;
	int width = 3, count = 0;

	snprintf(lo, sizeof lo, "%s-", d->cfg.code);
	snprintf(hi, sizeof hi, "%s.", d->cfg.code);
	if (sqlite3_prepare_v2(yousu_store_sqlite(d->store),
	        "SELECT id FROM complaints WHERE id > ?1 AND id < ?2"
	        " ORDER BY id",
	        -1, &s, NULL) != SQLITE_OK)
		return a;
	sqlite3_bind_text(s, 1, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hi, -1, SQLITE_STATIC);
	while (count < 100 && sqlite3_step(s) == SQLITE_ROW) {
		const char *v = (const char *) sqlite3_column_text(s, 0);
		char vday[9];

		if (!own_number(d, v, vday, &k, &width))
			continue;
		if (strcmp(day, vday) != 0) {
			memcpy(day, vday, sizeof vday);
			next = 1;
		}
		for (; next < k && count < 100; next++, count++) {
			snprintf(id, sizeof id, "%s-%s%0*lld", d->cfg.code, day,
			    width, next);
			cJSON_AddItemToArray(a, cJSON_CreateString(id));
		}
		next = k + 1;
	}
	sqlite3_finalize(s);
	return a;
}

static int64_t
forks(daemon_t *d)
{
	sqlite3_stmt *s = NULL;
	int64_t n = -1;

	if (sqlite3_prepare_v2(yousu_store_sqlite(d->store),
	        "SELECT count(*) FROM link_forks", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

cJSON *
yousu__relay_status(daemon_t *d)
{
	cJSON *o = cJSON_CreateObject(), *r = cJSON_CreateObject(), *from;
	char inc[40] = "";
	uint64_t restored = 0;

	(void) yousu_store_get_setting(
	    d->store, "incarnation", inc, sizeof inc);
	yousu__jset_str(r, "incarnation", inc);
	from = cJSON_AddObjectToObject(r, "from");
	for (int i = 0; i <= MAX_CHILDREN && d->restored_from[i].peer[0]; i++) {
		yousu__jset_int(from, d->restored_from[i].peer,
		    (int64_t) d->restored_from[i].n);
		restored += d->restored_from[i].n;
	}
	yousu__jset_int(r, "events", (int64_t) restored);
	/* -1: the table could not be read */
	yousu__jset_int(r, "forks", forks(d));
	if (restored > 0)
		yousu__jset(r, "missing", missing_numbers(d));
	cJSON_AddItemToObject(o, "restore", r);

	cJSON_AddStringToObject(o, "centre", d->cfg.code);
	cJSON_AddStringToObject(o, "role", d->role->name);
	if (d->up != NULL)
		cJSON_AddItemToObject(o, "parent", side_status(d, d->up));
	if (d->down != NULL)
		cJSON_AddItemToObject(o, "children", side_status(d, d->down));
	return o;
}
