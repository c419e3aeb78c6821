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

/* yousu_event_open decodes an event (as yousu_event_pack wrote it) and
 * calls fn with it; YOUSU_PROTO when it is not one, else fn's result. */
yousu_err yousu_event_open(const uint8_t *body, size_t len,
    yousu_err (*fn)(
        void *arg, const char *id, int64_t seq, const yousu_event *ev),
    void *arg);

/* yousu_replica_take applies event seq of complaint id received from
 * centre peer (yousu_complaint_apply_remote); one already there is
 * compared with it: the same is a duplicate (YOUSU_OK), another is a
 * fork, kept in link_forks and logged (YOUSU_OK: reported, the stream
 * goes on), never resolved. In the caller's transaction. */
yousu_err yousu_replica_take(yousu_store *st, const char *peer, const char *id,
    int64_t seq, const yousu_event *ev);

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
