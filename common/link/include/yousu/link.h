/* yousu — the store-and-forward link between a parent (hub, bridge) and
 * its children (nodes, hubs) over nng PUB/SUB. Delivery comes from the
 * outbox in the store, never from nng: frames nng drops are resent.
 *
 * Exactly-once effect: each direction numbers its messages 1, 2, ...;
 * the receiver applies seq == cursor + 1 in the transaction that advances
 * the cursor, ignores duplicates and never applies past a gap; acks are
 * cumulative and go back on the reverse direction and in heartbeats; the
 * sender resends from the first unacknowledged message (go-back-N with
 * backoff). Every frame is sealed with the key the child shares with its
 * parent (XChaCha20-Poly1305, routing header as associated data). */
#ifndef YOUSU_LINK_H
#define YOUSU_LINK_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/err.h"
#include "yousu/keys.h"
#include "yousu/store.h"

typedef struct yousu_link yousu_link;
typedef struct cJSON cJSON;

typedef struct yousu_link_peer {
	char id[17];                  /* the peer's centre code */
	uint8_t key[YOUSU_KEY_BYTES]; /* shared key */
} yousu_link_peer;

/* Queues (yousu_link_enqueue to peer, inside the link's transaction)
 * what the peer's new store should hold from this centre: called when
 * the peer's store turns out to be new (lost, or restored from a backup);
 * an error rolls the restart back (tried again at its next frame). */
typedef yousu_err (*yousu_link_reset_fn)(
    void *arg, yousu_link *l, const char *peer);

typedef struct yousu_link_config {
	const char *self;             /* my centre code */
	bool parent;                  /* listen (parent) or dial (child) */
	const char *up_url;           /* child -> parent frames: parent's SUB */
	const char *down_url;         /* parent -> child frames: parent's PUB */
	const yousu_link_peer *peers; /* a child has exactly one */
	size_t npeers;
	int window;           /* messages in flight per peer */
	int batch;            /* messages per frame at most */
	int resend_ms;        /* first resend after this long without ack */
	int resend_max_ms;    /* backoff cap */
	int heartbeat_ms;     /* heartbeat (with ack) period */
	int offline_ms;       /* a peer silent this long is offline */
	int reconnect_min_ms; /* nng redial backoff */
	int reconnect_max_ms;
	size_t max_frame; /* bytes; larger frames are refused */
	/* tls+tcp:// only; NULL otherwise */
	const char *tls_cert_key;    /* parent: PEM with certificate and key */
	const char *tls_ca;          /* child: CA that signed the parent's */
	const char *tls_server_name; /* child: name in the parent's cert */
	/* dead letters keep the message's body (false at the city: only
	 * its kind, sequence number, length and hash) */
	bool dead_bodies;
	yousu_link_reset_fn reset; /* with the apply function's arg */
} yousu_link_config;

/* Applies one received message inside the link's transaction; an error
 * sends the message to the dead-letter table (logged, never lost) and
 * the stream goes on. */
typedef yousu_err (*yousu_link_apply_fn)(void *arg, const char *peer,
    const char *kind, const uint8_t *body, size_t len);

/* yousu_link_config_defaults fills the tuning fields of cfg. */
void yousu_link_config_defaults(yousu_link_config *cfg);

/* yousu_link_open creates the link over store st (borrowed; the link keeps
 * its tables there) and starts listening or dialing (non-blocking dials
 * that keep retrying). cfg's strings and peers are copied. err names a
 * problem such as an address that cannot be listened on. */
yousu_err yousu_link_open(const yousu_link_config *cfg, yousu_store *st,
    yousu_link_apply_fn apply, void *arg, yousu_link **out, char *err,
    size_t errlen);

/* yousu_link_close stops and frees l; NULL is allowed. */
void yousu_link_close(yousu_link *l);

/* yousu_link_enqueue queues a message for peer in the store's open
 * transaction (the transactional outbox): it is sent once that commits.
 * YOUSU_NOTFOUND for a peer that is not configured. */
yousu_err yousu_link_enqueue(yousu_link *l, const char *peer, const char *kind,
    const uint8_t *body, size_t len);

/* yousu_link_has_peer tells whether id is a configured peer. */
bool yousu_link_has_peer(const yousu_link *l, const char *id);

/* yousu_link_seal seals in for peer at rest: with a key derived from
 * peer's link key (XChaCha20-Poly1305, peer's code as associated data),
 * so that only peer can read it wherever it is stored on the way. *out
 * (nonce + ciphertext, *outlen bytes) is the caller's to free.
 * YOUSU_NOTFOUND if peer is not a peer of l. */
yousu_err yousu_link_seal(const yousu_link *l, const char *peer,
    const uint8_t *in, size_t len, uint8_t **out, size_t *outlen);

/* yousu_link_unseal opens what peer sealed for self (this centre) with
 * yousu_link_seal. *out is NUL-terminated and the caller's to free.
 * YOUSU_CRYPTO if it was not sealed for self by that key, or altered. */
yousu_err yousu_link_unseal(const yousu_link *l, const char *self,
    const char *peer, const uint8_t *in, size_t len, uint8_t **out,
    size_t *outlen);

/* yousu_link_pollfd fills pfd with the descriptor that becomes readable
 * when a frame arrives. */
void yousu_link_pollfd(yousu_link *l, struct pollfd *pfd);

/* yousu_link_run receives waiting frames, a few hundred messages at most
 * (applying the ready messages of all peers in one transaction and acking
 * once), then sends what the windows allow, resends on timeout, and
 * heartbeats. Returns the milliseconds until it wants to run again: 0
 * when frames are left to receive. */
int yousu_link_run(yousu_link *l);

/* yousu_link_status returns a new JSON object (owned by the caller): this
 * side's addresses and connections, "peers" (one object per peer: online,
 * last_seen_ms, sequence numbers each way, backlog, rejected-frame
 * counters, latency of applied messages p50/p99 ms), the rejections from
 * unknown senders, and the latency over all peers. */
cJSON *yousu_link_status(yousu_link *l);

#endif
