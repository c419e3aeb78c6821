/* yousu — replication of complaint events between centres: the event
 * codec (protobuf) and the checks before a received event is applied. */
#ifndef YOUSU_REPLICA_H
#define YOUSU_REPLICA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/err.h"
#include "yousu/store.h"

/* yousu_event_pack encodes event number seq of complaint id. *out is a
 * new buffer (free with free()) of *len bytes. */
yousu_err yousu_event_pack(const char *id, int64_t seq, const yousu_event *ev,
    uint8_t **out, size_t *len);

/* yousu_replica_apply decodes an event received from centre peer and
 * applies it (yousu_complaint_apply_remote) in the caller's transaction. It
 * refuses (YOUSU_PROTO) an event that peer did not write (unless relayed:
 * peer is this centre's parent, which passes on other centres' events),
 * an intake whose id does not carry its writer's code, and an event whose
 * writer does not own the complaint: only the owner moves a complaint. */
yousu_err yousu_replica_apply(yousu_store *st, const char *peer, bool relayed,
    const uint8_t *body, size_t len);

/* yousu_replica_personal: whether the encoded event's data carries a key
 * of yousu_personal_keys (yousu/personal.h), at any depth. */
bool yousu_replica_personal(const uint8_t *body, size_t len);

#endif
