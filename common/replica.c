/* Event replication: codec and ownership checks. */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "yousu.pb-c.h"
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

/* May peer write this event? */
static yousu_err
check_owner(yousu_store *st, const char *peer, const Yousu__Event *e)
{
	size_t n = strlen(peer);
	cJSON *doc = NULL;
	yousu_err rv;

	if (strcmp(e->origin, peer) != 0)
		return YOUSU_PROTO;
	rv = yousu_store_load(st, e->complaint_id, &doc);
	if (rv == YOUSU_NOTFOUND)
		return strncmp(e->complaint_id, peer, n) == 0 &&
			       e->complaint_id[n] == '-'
			   ? YOUSU_OK
			   : YOUSU_PROTO;
	if (rv == YOUSU_OK && (long long) e->seq <=
				  (long long) yousu__jint(doc, "events", 0))
		rv = YOUSU_OK; /* a duplicate: ignored downstream */
	else if (rv == YOUSU_OK &&
		 strcmp(yousu__jstr(doc, "owner") ? yousu__jstr(doc, "owner")
						  : "",
		     peer) != 0)
		rv = YOUSU_PROTO;
	cJSON_Delete(doc);
	return rv;
}

yousu_err
yousu_replica_apply(yousu_store *st, const char *peer, const uint8_t *body,
    size_t len)
{
	Yousu__Event *e = yousu__event__unpack(NULL, len, body);
	yousu_event ev;
	yousu_err rv;

	if (e == NULL)
		return YOUSU_PROTO;
	ev = (yousu_event){e->type, e->actor, e->at, e->origin, e->data};
	rv = check_owner(st, peer, e);
	if (rv == YOUSU_OK)
		rv = yousu_store_apply_remote(st, e->complaint_id, e->seq, &ev);
	yousu__event__free_unpacked(e, NULL);
	return rv;
}
