/* The complaint's log, applied and checked: an event received from
 * another centre projected onto the stored state, and every state
 * checked against the replay of its log. Above the store (which keeps
 * states and logs without knowing what they mean). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/store.h"

/* May `writer` write event seq of complaint id, whose state is doc
 * (NULL: not known here yet)? Only the owner moves a complaint, and a new
 * complaint is numbered by the centre that took it. */
static bool
writer_ok(const cJSON *doc, const char *id, int64_t seq, const char *writer)
{
	const char *owner = doc ? yousu__jstr(doc, "owner") : NULL;

	if (doc == NULL)
		return yousu_id_numbered_by(id, writer);
	if (seq <= yousu__jint(doc, "events", 0))
		return true; /* a duplicate: ignored below */
	return owner != NULL && strcmp(owner, writer) == 0;
}

yousu_err
yousu_complaint_apply_remote(
    yousu_store *st, const char *id, int64_t seq, const yousu_event *ev)
{
	cJSON *doc = NULL, *data = NULL;
	yousu_err rv = yousu_store_load(st, id, &doc);
	int64_t expect;

	if (rv == YOUSU_NOTFOUND)
		rv = YOUSU_OK;
	if (rv != YOUSU_OK)
		return rv;
	if (ev->origin == NULL || !writer_ok(doc, id, seq, ev->origin)) {
		cJSON_Delete(doc);
		return YOUSU_PROTO;
	}
	expect = doc ? yousu__jint(doc, "events", 0) + 1 : 1;
	if (seq < expect) {
		cJSON_Delete(doc);
		return YOUSU_EXISTS; /* there before: the caller compares */
	}
	data = cJSON_Parse(ev->data);
	if (seq > expect || !yousu_project_known(ev->type, data) ||
	    (expect == 1) != (strcmp(ev->type, "intake") == 0))
		rv = YOUSU_PROTO; /* a gap, or what cannot be projected */
	if (rv == YOUSU_OK) {
		if (doc == NULL)
			doc = cJSON_CreateObject();
		yousu_project_apply(doc, ev, data);
		rv =
		    strcmp(yousu__jstr(doc, "id") ? yousu__jstr(doc, "id") : "",
		        id) == 0
		        ? yousu_store_save(st, doc, ev)
		        : YOUSU_PROTO;
	}
	cJSON_Delete(doc);
	cJSON_Delete(data);
	return rv;
}

static yousu_err
replay_one(void *arg, int64_t seq, const yousu_event *ev)
{
	cJSON *data = cJSON_Parse(ev->data);

	(void) seq;
	yousu_project_apply(arg, ev, data);
	cJSON_Delete(data);
	return YOUSU_OK;
}

typedef struct {
	yousu_store *st;
	char *err;
	size_t errlen;
} checking;

/* One stored state against the replay of its log. */
static yousu_err
check_one(void *arg, const cJSON *stored)
{
	checking *c = arg;
	const char *id = yousu__jstr(stored, "id");
	cJSON *replayed = cJSON_CreateObject();
	yousu_err rv = yousu_store_each_event(c->st, id, replay_one, replayed);

	if (rv == YOUSU_OK && !cJSON_Compare(stored, replayed, 1)) {
		snprintf(c->err, c->errlen,
		    "%s: stored state differs from its event log", id);
		rv = YOUSU_STATE;
	}
	cJSON_Delete(replayed);
	return rv;
}

yousu_err
yousu_complaint_check(yousu_store *st, char *err, size_t errlen)
{
	yousu_filter all = {0};
	checking c = {st, err, errlen};

	return yousu_store_list(st, &all, check_one, &c);
}
