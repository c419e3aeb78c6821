/* Event replication: codec and ownership checks. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "yousu.pb-c.h"
#include "yousu/complaint.h"
#include "yousu/personal.h"
#include "yousu/replica.h"

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

yousu_err
yousu_replica_apply(yousu_store *st, const char *peer, bool relayed,
    const uint8_t *body, size_t len)
{
	Yousu__Event *e = yousu__event__unpack(NULL, len, body);
	yousu_event ev;
	yousu_err rv;

	if (e == NULL)
		return YOUSU_PROTO;
	ev = (yousu_event){e->type, e->actor, e->at, e->origin, e->data};
	/* a child sends what it wrote, a parent may relay what others
	 * wrote; either way only the owner's events apply (checked below) */
	rv =
	    relayed || strcmp(e->origin, peer) == 0
	        ? yousu_complaint_apply_remote(st, e->complaint_id, e->seq, &ev)
	        : YOUSU_PROTO;
	yousu__event__free_unpacked(e, NULL);
	return rv;
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
