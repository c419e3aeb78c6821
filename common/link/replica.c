/* Event replication: codec and ownership checks. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "yousu.pb-c.h"
#include "yousu/complaint.h"
#include "yousu/log.h"
#include "yousu/personal.h"
#include "yousu/replica.h"
#include "yousu/store_ext.h"

yousu_err
yousu_event_pack(const char *id, int64_t seq, const yousu_event *ev,
    uint8_t **out, size_t *len)
{
	Yousu__Event e = YOUSU__EVENT__INIT;
	uint8_t *buf;

	e.complaint_id = (char *) id;
	e.seq = (uint32_t) seq;
	e.type = (char *) ev->type;
	e.actor = (char *) ev->actor;
	e.at = ev->at;
	e.origin = (char *) ev->origin;
	e.data = (char *) ev->data;
	*len = yousu__event__get_packed_size(&e);
	if ((buf = malloc(*len ? *len : 1)) == NULL)
		return YOUSU_NOMEM;
	yousu__event__pack(&e, buf);
	*out = buf;
	return YOUSU_OK;
}

static cJSON *
event_json(const yousu_event *ev)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "type", ev->type);
	cJSON_AddStringToObject(o, "actor", ev->actor);
	cJSON_AddNumberToObject(o, "at", (double) ev->at);
	cJSON_AddStringToObject(o, "origin", ev->origin);
	cJSON_AddStringToObject(o, "data", ev->data);
	return o;
}

typedef struct {
	int64_t seq;
	cJSON *found;
} seek_t;

static yousu_err
seek_event(void *arg, int64_t seq, const yousu_event *ev)
{
	seek_t *k = arg;

	if (seq == k->seq)
		k->found = event_json(ev);
	return YOUSU_OK;
}

/* Two centres wrote event seq of complaint id differently: kept in
 * link_forks and logged, never resolved here. */
static yousu_err
record_fork(yousu_store *st, const char *peer, const char *id, int64_t seq,
    const yousu_event *ev)
{
	seek_t k = {seq, NULL};
	cJSON *there = event_json(ev);
	char *here_s = NULL, *there_s = cJSON_PrintUnformatted(there);
	sqlite3_stmt *s = NULL;
	struct timespec ts;
	yousu_err rv = yousu_store_each_event(st, id, seek_event, &k);

	clock_gettime(CLOCK_REALTIME, &ts);
	if (rv == YOUSU_OK && k.found != NULL)
		here_s = cJSON_PrintUnformatted(k.found);
	if (rv == YOUSU_OK &&
	    (here_s == NULL || there_s == NULL ||
	        sqlite3_prepare_v2(yousu_store_sqlite(st),
	            "INSERT INTO link_forks(complaint, seq, peer, here, there,"
	            " at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	            -1, &s, NULL) != SQLITE_OK))
		rv = YOUSU_DB;
	if (rv == YOUSU_OK) {
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, seq);
		sqlite3_bind_text(s, 3, peer, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, here_s, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, there_s, -1, SQLITE_STATIC);
		sqlite3_bind_int64(
		    s, 6, (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
		rv = sqlite3_step(s) == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
	}
	sqlite3_finalize(s);
	if (rv == YOUSU_OK)
		yousu_log("LINK-FORK %s event %lld: %s wrote '%s' by %s, this "
		          "store has another; both kept (link_forks), for "
		          "people to settle",
		    id, (long long) seq, peer, ev->type, ev->origin);
	cJSON_Delete(k.found);
	cJSON_Delete(there);
	free(here_s);
	free(there_s);
	return rv;
}

yousu_err
yousu_replica_take(yousu_store *st, const char *peer, const char *id,
    int64_t seq, const yousu_event *ev)
{
	yousu_err rv = yousu_complaint_apply_remote(st, id, seq, ev);

	if (rv != YOUSU_EXISTS)
		return rv;
	rv = yousu_store_event_same(st, id, seq, ev);
	return rv == YOUSU_STATE ? record_fork(st, peer, id, seq, ev) : rv;
}

yousu_err
yousu_event_open(const uint8_t *body, size_t len,
    yousu_err (*fn)(
        void *arg, const char *id, int64_t seq, const yousu_event *ev),
    void *arg)
{
	Yousu__Event *e = yousu__event__unpack(NULL, len, body);
	yousu_event ev;
	yousu_err rv;

	if (e == NULL)
		return YOUSU_PROTO;
	ev = (yousu_event){e->type, e->actor, e->at, e->origin, e->data};
	rv = fn(arg, e->complaint_id, e->seq, &ev);
	yousu__event__free_unpacked(e, NULL);
	return rv;
}

typedef struct {
	yousu_store *st;
	const char *peer;
	bool relayed;
} applying;

static yousu_err
apply_one(void *arg, const char *id, int64_t seq, const yousu_event *ev)
{
	applying *a = arg;

	/* a child sends what it wrote, a parent may relay what others
	 * wrote; either way only the owner's events apply (checked below) */
	return a->relayed || strcmp(ev->origin, a->peer) == 0
	           ? yousu_replica_take(a->st, a->peer, id, seq, ev)
	           : YOUSU_PROTO;
}

yousu_err
yousu_replica_apply(yousu_store *st, const char *peer, bool relayed,
    const uint8_t *body, size_t len)
{
	applying a = {st, peer, relayed};

	return yousu_event_open(body, len, apply_one, &a);
}

bool
yousu_replica_personal(const uint8_t *body, size_t len)
{
	Yousu__Event *e = yousu__event__unpack(NULL, len, body);
	cJSON *data;
	bool found = false;

	if (e == NULL)
		return false; /* not an event: refused elsewhere */
	if ((data = cJSON_Parse(e->data)) != NULL)
		found = yousu_personal_find(data, false) != NULL;
	cJSON_Delete(data);
	yousu__event__free_unpacked(e, NULL);
	return found;
}
