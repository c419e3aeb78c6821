/* The store-and-forward link over nng PUB/SUB. See yousu/link.h.
 *
 * nng 1.5.2's PUB drops silently (no subscriber, full queue, closing
 * pipe) and SUB drops the oldest when full, so nothing here trusts nng to
 * deliver: the outbox in SQLite is the truth, and the receiver's cursor
 * decides what is applied. Receive paths are kept simple (non-blocking
 * receives from a poll loop, no receive callbacks or timeouts) to stay
 * clear of the SUB crashes fixed after 1.5.2. */
#include <cjson/cJSON.h>
#include <nng/nng.h>
#include <nng/protocol/pubsub0/pub.h>
#include <nng/protocol/pubsub0/sub.h>
#include <nng/supplemental/tls/tls.h>
#include <nng/transport/tcp/tcp.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "link_impl.h"
#include "yousu.pb-c.h"
#include "yousu/link.h"
#include "yousu/log.h"
#include "yousu/store_ext.h"

#define LINK_VERSION 1
/* latency histogram: 1 ms buckets to 1 s, then 100 ms buckets to 60 s */
#define LAT_FINE           1000
#define LAT_BUCKETS        (LAT_FINE + 590 + 1)
#define MAX_FRAMES_PER_RUN 64
/* Frames nng queues for the loop: each up to a batch of messages (256 x
 * a few hundred bytes); 1024 of them held 80 MiB at a hub rebuilt by 20
 * townships at once (bench/rebuild). A frame SUB drops when full is sent
 * again (go-back-N); the loop takes 64 a run. */
#define RECV_FRAMES 256
/* Messages applied in one run of the loop (one transaction): one frame's
 * worth, so the loop's other users (the control socket, the desk's API)
 * never wait behind a backlog; the rest, in order, next run, at once.
 * (64 made the desk's p99 19 ms under a saturated uplink but cost the hub
 * 40 % more CPU per complaint: bench/BENCHMARKS.md.) */
#define MAX_MSGS_PER_RUN 256
/* where a restarted channel's unacknowledged messages wait (2^40) */
#define SHIFT_TEXT  "1099511627776"
#define INC_LEN     32 /* an incarnation: 16 random bytes in hex */
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES   crypto_aead_xchacha20poly1305_ietf_ABYTES

/* Why a frame was dropped. */
#define REJECT_MAP(X)               \
	X(MALFORMED, "malformed")   \
	X(VERSION, "wrong_version") \
	X(UNKNOWN, "unknown_peer")  \
	X(MISROUTED, "misrouted")   \
	X(AUTH, "auth_failed")      \
	X(REPLAY, "replayed")       \
	X(OVERSIZED, "oversized")   \
	X(GAP, "gap")               \
	X(BAD_ACK, "bad_ack")       \
	X(DEAD, "dead_letter")

enum {
#define R_ENUM(n, s) R_##n,
	REJECT_MAP(R_ENUM)
#undef R_ENUM
	    R__COUNT
};

static const char *const reject_names[] = {
#define R_NAME(n, s) s,
    REJECT_MAP(R_NAME)
#undef R_NAME
};

enum {
	Q_ENSURE,
	Q_LOAD,
	Q_ADD,
	Q_READ,
	Q_DEL,
	Q_ACKED,
	Q_CURSOR,
	Q_OUT_NEXT,
	Q_DEAD,
	Q_PRUNE,
	Q_SHIFT_UP,
	Q_SHIFT_DOWN,
	Q_RESTART,
	Q_INC_SEEN,
	Q_INC_KNOWN,
	Q_INC_SET,
	Q__COUNT
};

static const char *const link_sql[Q__COUNT] = {
    [Q_ENSURE] = "INSERT OR IGNORE INTO link_peers(peer) VALUES (?1)",
    /* The next seq follows the last one queued, or the last one acked
     * when the outbox is empty (the acked ones are deleted in the
     * transaction that records the ack): one lookup at the end of the
     * outbox's key, and nothing to update per message. The column
     * link_peers.out_next is no longer written (since 2026-11). */
    [Q_LOAD] = "SELECT coalesce((SELECT max(seq) FROM link_outbox o"
               " WHERE o.peer = p.peer), p.out_acked) + 1,"
               " out_acked, in_cursor, in_counter, peer_inc, resync_upto,"
               " resync_ms, resyncs"
               " FROM link_peers p WHERE peer = ?1",
    [Q_ADD] = "INSERT INTO link_outbox(peer, seq, kind, body, queued_ms)"
              " VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_READ] = "SELECT seq, kind, body, queued_ms FROM link_outbox"
               " WHERE peer = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    [Q_DEL] = "DELETE FROM link_outbox WHERE peer = ?1 AND seq <= ?2",
    [Q_ACKED] = "UPDATE link_peers SET out_acked = ?2 WHERE peer = ?1",
    [Q_CURSOR] = "UPDATE link_peers SET in_cursor = ?2, in_counter = ?3"
                 " WHERE peer = ?1",
    [Q_OUT_NEXT] = "SELECT coalesce((SELECT max(seq) FROM link_outbox o"
                   " WHERE o.peer = p.peer), p.out_acked) + 1"
                   " FROM link_peers p WHERE peer = ?1",
    [Q_DEAD] = "INSERT INTO link_dead(peer, seq, kind, body, reason, at_ms)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    /* a channel restarted (a store's new incarnation, here or there):
     * what was acknowledged goes, what was not is moved out of the way
     * (SHIFT_UP), the resynchronisation's messages take seqs from 1, and
     * the unacknowledged ones follow them in their order (SHIFT_DOWN) */
    [Q_PRUNE] = "DELETE FROM link_outbox WHERE peer = ?1 AND seq <= ?2",
    [Q_SHIFT_UP] =
        "UPDATE link_outbox SET seq = seq + " SHIFT_TEXT " WHERE peer = ?1",
    [Q_SHIFT_DOWN] = "UPDATE link_outbox SET seq = seq - " SHIFT_TEXT
                     " - ?2 + ?3 WHERE peer = ?1 AND seq > " SHIFT_TEXT,
    [Q_RESTART] = "UPDATE link_peers SET out_acked = 0, in_cursor = 0,"
                  " in_counter = 0, resync_upto = ?2, resync_ms = ?3,"
                  " resyncs = resyncs + (?2 > 0), peer_inc = ?4"
                  " WHERE peer = ?1",
    [Q_INC_SEEN] = "INSERT OR IGNORE INTO link_incarnations(peer, inc,"
                   " first_ms) VALUES (?1, ?2, ?3)",
    [Q_INC_KNOWN] = "SELECT 1 FROM link_incarnations"
                    " WHERE peer = ?1 AND inc = ?2",
    [Q_INC_SET] = "UPDATE link_peers SET peer_inc = ?2 WHERE peer = ?1",
};

typedef struct {
	int64_t seq;
	char *kind;
	uint8_t *body;
	size_t len;
	int64_t queued_ms;
	yousu_err dead; /* refused and kept in link_dead: why; 0 when not */
} pending_msg;

typedef struct {
	yousu_link_peer cfg;
	/* sending: seqs up to out_next - 1 are queued */
	int64_t out_next, out_acked, sent_upto;
	int64_t progress_ms; /* last ack progress, or start of waiting */
	int backoff_ms;
	int64_t last_hb_ms;
	/* receiving: in_cursor is committed; pend waits for the commit */
	int64_t in_cursor;
	uint64_t in_counter;
	int64_t last_seen_ms;
	int64_t acked_db; /* out_acked as last written to the store */
	int64_t ack_flush_ms;
	bool ack_due;
	pending_msg *pend;
	size_t npend, cap;
	size_t napply; /* the first napply of pend go in this run's group */
	/* figures */
	uint64_t rejected[R__COUNT];
	uint64_t frames_in, frames_out, applied, dups;
	/* the peer's store as last heard ("": not yet), and the
	 * resynchronisation its last new one started */
	char peer_inc[INC_LEN + 1];
	int64_t resync_upto, resync_ms;
	uint64_t resyncs;
	uint64_t stale; /* frames meant for an earlier store of ours */
	int bad_acks;   /* frames in a row acking what was never sent */
	uint64_t lat[LAT_BUCKETS];
	uint64_t nlat;
} peer_t;

struct yousu_link {
	yousu_link_config cfg;
	char self[17];
	char *up_url, *down_url;
	char *tls_cert_key, *tls_ca, *tls_server_name;
	peer_t *peers;
	size_t npeers;
	yousu_store *st;
	sqlite3 *db;
	sqlite3_stmt *q[Q__COUNT];
	yousu_link_apply_fn apply;
	void *arg;
	nng_socket pub, sub;
	bool pub_open, sub_open;
	atomic_int reconnected;
	atomic_int pipes_pub, pipes_sub;  /* connections of each socket */
	nng_dialer dial_pub, dial_sub;    /* a child's dialers */
	int64_t lost_pub_ms, lost_sub_ms; /* since when without connection */
	uint64_t redials;
	uint64_t epoch;
	uint32_t counter;
	char inc[INC_LEN + 1]; /* this store's incarnation */
	peer_t *resetting;     /* enqueue numbers from reset_seq for it */
	bool went_back;        /* a peer acks what this store never sent */
	int64_t inc_check_ms;  /* when the store's incarnation was read */
	int64_t reset_seq;
	bool dirty;
	bool more;   /* frames or messages left for the next run */
	size_t turn; /* the peer whose messages go first in the next group */
	uint64_t rejected[R__COUNT]; /* frames from nobody we know */
};

static void drop_pending(peer_t *p, size_t n);

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
yousu_link_config_defaults(yousu_link_config *cfg)
{
	cfg->dead_bodies = true;
	cfg->window = 8192;
	cfg->batch = 256;
	cfg->resend_ms = 1000;
	cfg->resend_max_ms = 30000;
	cfg->heartbeat_ms = 1000;
	cfg->offline_ms = 5000;
	cfg->reconnect_min_ms = 100;
	cfg->reconnect_max_ms = 5000;
	cfg->max_frame = 4 << 20;
}

/* --- store access ------------------------------------------------------ */

static int
step_done(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

static void
bind_peer(sqlite3_stmt *s, const peer_t *p)
{
	sqlite3_bind_text(s, 1, p->cfg.id, -1, SQLITE_STATIC);
}

static yousu_err
load_peer(yousu_link *l, peer_t *p)
{
	sqlite3_stmt *s = l->q[Q_LOAD];
	yousu_err rv = YOUSU_DB;

	bind_peer(l->q[Q_ENSURE], p);
	if (step_done(l->q[Q_ENSURE]) != 0)
		return YOUSU_DB;
	bind_peer(s, p);
	if (sqlite3_step(s) == SQLITE_ROW) {
		p->out_next = sqlite3_column_int64(s, 0);
		p->out_acked = sqlite3_column_int64(s, 1);
		p->in_cursor = sqlite3_column_int64(s, 2);
		p->in_counter = (uint64_t) sqlite3_column_int64(s, 3);
		snprintf(p->peer_inc, sizeof p->peer_inc, "%s",
		    (const char *) sqlite3_column_text(s, 4));
		p->resync_upto = sqlite3_column_int64(s, 5);
		p->resync_ms = sqlite3_column_int64(s, 6);
		p->resyncs = (uint64_t) sqlite3_column_int64(s, 7);
		p->sent_upto = p->out_acked;
		p->acked_db = p->out_acked;
		rv = YOUSU_OK;
	}
	sqlite3_reset(s);
	return rv;
}

static peer_t *
find_peer(const yousu_link *l, const char *id)
{
	for (size_t i = 0; id != NULL && i < l->npeers; i++)
		if (strcmp(l->peers[i].cfg.id, id) == 0)
			return &l->peers[i];
	return NULL;
}

bool
yousu_link_has_peer(const yousu_link *l, const char *id)
{
	return find_peer(l, id) != NULL;
}

yousu_err
yousu_link_enqueue(yousu_link *l, const char *peer, const char *kind,
    const uint8_t *body, size_t len)
{
	peer_t *p = find_peer(l, peer);
	sqlite3_stmt *a = l->q[Q_ADD];
	int64_t seq;
	int rc;

	if (p == NULL)
		return YOUSU_NOTFOUND;
	if (p == l->resetting) {
		seq = ++l->reset_seq;
	} else {
		bind_peer(l->q[Q_OUT_NEXT], p);
		rc = sqlite3_step(l->q[Q_OUT_NEXT]);
		seq = rc == SQLITE_ROW
		          ? sqlite3_column_int64(l->q[Q_OUT_NEXT], 0)
		          : 0;
		sqlite3_reset(l->q[Q_OUT_NEXT]);
	}
	if (seq == 0)
		return YOUSU_DB;
	bind_peer(a, p);
	sqlite3_bind_int64(a, 2, seq);
	sqlite3_bind_text(a, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_blob(a, 4, body, (int) len, SQLITE_STATIC);
	sqlite3_bind_int64(a, 5, now_ms());
	if (step_done(a) != 0)
		return YOUSU_DB;
	l->dirty = true;
	return YOUSU_OK;
}

/* --- sealing ------------------------------------------------------------ */

/* Associated data: the routing header, bound to the ciphertext. */
static size_t
make_ad(uint8_t *ad, size_t cap, uint32_t version, const char *from,
    const char *to, uint64_t counter)
{
	size_t n = (size_t) snprintf(
	    (char *) ad, cap, "yousu%u|%s|%s|", version, from, to);

	for (int i = 7; i >= 0 && n < cap; i--)
		ad[n++] = (uint8_t) (counter >> (8 * i));
	return n;
}

/* Each side of a centre (towards its parent, towards its children) has
 * its own frame counter epoch. */
static const char *
epoch_key(const yousu_link *l)
{
	return l->cfg.parent ? "link_epoch_down" : "link_epoch_up";
}

static uint64_t
next_counter(yousu_link *l)
{
	if (l->counter == UINT32_MAX) {
		char buf[32];

		/* after 4 billion frames a new epoch, written before use: if
		 * it cannot be, stop rather than let counters go back */
		snprintf(
		    buf, sizeof buf, "%llu", (unsigned long long) l->epoch + 1);
		if (yousu_store_set_setting(l->st, epoch_key(l), buf) != 0)
			yousu_panic("link: cannot record a new frame epoch");
		l->epoch++;
		l->counter = 0;
	}
	return (l->epoch << 32) | ++l->counter;
}

static void
send_payload(yousu_link *l, peer_t *p, const Yousu__Payload *given)
{
	Yousu__Payload both = *given, *pl = &both;
	size_t plen, flen, tlen;
	uint8_t *plain, *sealed;
	uint8_t nonce[NONCE_BYTES], ad[64];
	Yousu__Frame f = YOUSU__FRAME__INIT;
	unsigned long long clen = 0;
	nng_msg *m = NULL;

	both.incarnation = l->inc;
	both.peer_incarnation = p->peer_inc;
	plen = yousu__payload__get_packed_size(pl);
	plain = malloc(plen + 1);
	sealed = malloc(plen + TAG_BYTES);
	if (plain == NULL || sealed == NULL)
		goto out;
	yousu__payload__pack(pl, plain);
	randombytes_buf(nonce, sizeof nonce);
	f.version = LINK_VERSION;
	f.from = l->self;
	f.to = p->cfg.id;
	f.counter = next_counter(l);
	crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, &clen, plain, plen,
	    ad, make_ad(ad, sizeof ad, f.version, f.from, f.to, f.counter),
	    NULL, nonce, p->cfg.key);
	f.nonce = (ProtobufCBinaryData){sizeof nonce, nonce};
	f.sealed = (ProtobufCBinaryData){(size_t) clen, sealed};
	flen = yousu__frame__get_packed_size(&f);
	tlen = strlen(f.to) + 1;
	if (nng_msg_alloc(&m, tlen + flen) != 0)
		goto out;
	memcpy(nng_msg_body(m), f.to, tlen);
	yousu__frame__pack(&f, (uint8_t *) nng_msg_body(m) + tlen);
	/* PUB never blocks and never says whether anyone got it */
	if (nng_sendmsg(l->pub, m, NNG_FLAG_NONBLOCK) != 0)
		nng_msg_free(m);
	else
		p->frames_out++;
out:
	free(plain);
	free(sealed);
}

/* --- receiving ----------------------------------------------------------- */

static void
reject(yousu_link *l, peer_t *p, int why, const char *from)
{
	uint64_t *c = p ? p->rejected : l->rejected;
	uint64_t n = ++c[why];

	/* one log line per power of two, so a flood cannot fill the disk */
	if ((n & (n - 1)) == 0)
		yousu_log("LINK-REJECT %s from %s (%llu so far)",
		    reject_names[why], from ? from : "?",
		    (unsigned long long) c[why]);
}

static void
keep_msg(peer_t *p, const Yousu__Message *m)
{
	pending_msg *pm;

	if (p->npend == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		pending_msg *n = realloc(p->pend, cap * sizeof *n);

		if (n == NULL)
			yousu_panic("link: out of memory");
		p->pend = n;
		p->cap = cap;
	}
	pm = &p->pend[p->npend++];
	pm->seq = (int64_t) m->seq;
	pm->kind = strdup(m->kind);
	pm->len = m->body.len;
	pm->body = malloc(m->body.len ? m->body.len : 1);
	pm->queued_ms = m->queued_ms;
	if (pm->kind == NULL || pm->body == NULL)
		yousu_panic("link: out of memory");
	if (m->body.len > 0)
		memcpy(pm->body, m->body.data, m->body.len);
}

static void
take_payload(yousu_link *l, peer_t *p, const Yousu__Payload *pl)
{
	int64_t expect = p->in_cursor + (int64_t) p->npend + 1;

	if (pl->ack > (uint64_t) p->out_acked) {
		if (pl->ack >= (uint64_t) p->out_next) {
			reject(l, p, R_BAD_ACK, p->cfg.id);
			/* again and again: this store is older than the peer
			 * knows it (put back without a new incarnation) */
			if (++p->bad_acks >= 3)
				l->went_back = true;
		} else {
			p->bad_acks = 0;
			/* in memory at once; written to the store in bulk */
			p->out_acked = (int64_t) pl->ack;
			p->progress_ms = now_ms();
			p->backoff_ms = l->cfg.resend_ms;
		}
	}
	for (size_t i = 0; i < pl->n_msgs; i++) {
		const Yousu__Message *m = pl->msgs[i];

		p->ack_due = true;
		if ((int64_t) m->seq < expect) {
			p->dups++;
		} else if ((int64_t) m->seq == expect) {
			keep_msg(p, m);
			expect++;
		} else {
			reject(l, p, R_GAP, p->cfg.id); /* the sender resends */
			break;
		}
	}
}

/* --- incarnations ----------------------------------------------------------
 * Seqs and acks count within one pair of stores. A store gets a random
 * incarnation when it is created and a new one when it is restored from a
 * backup; every payload carries the sender's and the one it believes the
 * receiver has. When either changes the channel between the two restarts
 * from seq 1 on both sides: what was acknowledged is forgotten, what was
 * not is sent again after the resynchronisation's messages. Those come
 * from the role (cfg.reset): everything the peer's new store should hold
 * from this centre; the receiver ignores what it has already (and reports
 * what it has differently: link_forks). */

static yousu_err
exec_peer(yousu_link *l, int q, const peer_t *p)
{
	bind_peer(l->q[q], p);
	return step_done(l->q[q]) == 0 ? YOUSU_OK : YOUSU_DB;
}

/* Restart p's channel in the open transaction; with fill, the role's
 * resynchronisation messages first. The peer's incarnation becomes inc. */
static yousu_err
restart_channel(yousu_link *l, peer_t *p, bool fill, const char *inc)
{
	sqlite3_stmt *s;
	yousu_err rv = YOUSU_OK;

	sqlite3_bind_int64(l->q[Q_PRUNE], 2, p->out_acked);
	if (exec_peer(l, Q_PRUNE, p) != YOUSU_OK ||
	    exec_peer(l, Q_SHIFT_UP, p) != YOUSU_OK)
		return YOUSU_DB;
	l->resetting = p;
	l->reset_seq = 0;
	if (fill && l->cfg.reset != NULL)
		rv = l->cfg.reset(l->arg, l, p->cfg.id);
	l->resetting = NULL;
	if (rv != YOUSU_OK)
		return rv;
	sqlite3_bind_int64(l->q[Q_SHIFT_DOWN], 2, p->out_acked);
	sqlite3_bind_int64(l->q[Q_SHIFT_DOWN], 3, l->reset_seq);
	if (exec_peer(l, Q_SHIFT_DOWN, p) != YOUSU_OK)
		return YOUSU_DB;
	s = l->q[Q_RESTART];
	sqlite3_bind_int64(s, 2, l->reset_seq);
	sqlite3_bind_int64(s, 3, now_ms());
	sqlite3_bind_text(s, 4, inc, -1, SQLITE_STATIC);
	return exec_peer(l, Q_RESTART, p);
}

/* After a restart committed: p as the store now has it. */
static yousu_err
restarted(yousu_link *l, peer_t *p)
{
	drop_pending(p, p->npend);
	p->dups = 0;
	p->progress_ms = now_ms();
	p->backoff_ms = l->cfg.resend_ms;
	p->ack_due = true;
	l->dirty = true;
	return load_peer(l, p);
}

static bool
inc_known(yousu_link *l, const peer_t *p, const char *inc)
{
	sqlite3_stmt *s = l->q[Q_INC_KNOWN];
	bool known;

	bind_peer(s, p);
	sqlite3_bind_text(s, 2, inc, -1, SQLITE_STATIC);
	known = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return known;
}

/* The peer's incarnation as a frame tells it: first heard (kept), the
 * one known, one of its earlier stores (a replay: false), or a new one
 * (its store was lost or restored: the channel restarts, the peer gets
 * what it should hold). False when the frame is to be dropped. */
static bool
take_incarnation(yousu_link *l, peer_t *p, const char *inc)
{
	bool known_before = p->peer_inc[0] != '\0';
	yousu_err rv;

	if (strcmp(p->peer_inc, inc) == 0)
		return true;
	if (known_before && inc_known(l, p, inc)) {
		reject(l, p, R_REPLAY, p->cfg.id);
		return false;
	}
	if (yousu_store_begin(l->st) != YOUSU_OK)
		return false;
	sqlite3_bind_text(l->q[Q_INC_SEEN], 2, inc, -1, SQLITE_STATIC);
	sqlite3_bind_int64(l->q[Q_INC_SEEN], 3, now_ms());
	sqlite3_bind_text(l->q[Q_INC_SET], 2, inc, -1, SQLITE_STATIC);
	rv = exec_peer(l, Q_INC_SEEN, p);
	if (rv == YOUSU_OK)
		rv = known_before ? restart_channel(l, p, true, inc)
		                  : exec_peer(l, Q_INC_SET, p);
	if (rv == YOUSU_OK)
		rv = yousu_store_commit(l->st);
	if (rv != YOUSU_OK) {
		yousu_store_rollback(l->st);
		yousu_log("LINK-RESYNC %s has a new store, but the "
		          "resynchronisation could not be queued (%s: %s); "
		          "tried again with its next frame",
		    p->cfg.id, yousu_strerror(rv), yousu_store_errmsg(l->st));
		return false;
	}
	if (!known_before) {
		snprintf(p->peer_inc, sizeof p->peer_inc, "%s", inc);
		return true;
	}
	if (restarted(l, p) != YOUSU_OK)
		yousu_panic("link: cannot read back a restarted channel");
	yousu_log("LINK-RESYNC %s has a new store (incarnation %.8s…): the "
	          "channel restarts; %lld messages bring it up to date",
	    p->cfg.id, inc, (long long) p->resync_upto);
	return true;
}

/* Open and check one frame; on success hand its payload over. */
static void
take_frame(yousu_link *l, const uint8_t *buf, size_t len)
{
	const uint8_t *nul = memchr(buf, '\0', len < 18 ? len : 18);
	Yousu__Frame *f = NULL;
	Yousu__Payload *pl = NULL;
	uint8_t *plain = NULL, ad[64];
	unsigned long long plen = 0;
	peer_t *p = NULL;

	/* nng refuses far larger messages itself (RECVMAXSZ) without
	 * allocating them; what comes this far is counted */
	if (len > l->cfg.max_frame) {
		reject(l, NULL, R_OVERSIZED, NULL);
		return;
	}
	if (nul == NULL ||
	    (f = yousu__frame__unpack(
	         NULL, (size_t) (buf + len - nul - 1), nul + 1)) == NULL) {
		reject(l, NULL, R_MALFORMED, NULL);
		return;
	}
	if (f->version != LINK_VERSION)
		reject(l, NULL, R_VERSION, f->from);
	else if ((p = find_peer(l, f->from)) == NULL)
		reject(l, NULL, R_UNKNOWN, f->from);
	else if (strcmp(f->to, l->self) != 0)
		reject(l, p, R_MISROUTED, f->from);
	else if (f->nonce.len != NONCE_BYTES || f->sealed.len < TAG_BYTES)
		reject(l, p, R_MALFORMED, f->from);
	else if ((plain = malloc(f->sealed.len)) == NULL ||
	         crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &plen, NULL,
	             f->sealed.data, f->sealed.len, ad,
	             make_ad(
	                 ad, sizeof ad, f->version, f->from, f->to, f->counter),
	             f->nonce.data, p->cfg.key) != 0)
		reject(l, p, R_AUTH, f->from);
	else if ((pl = yousu__payload__unpack(NULL, (size_t) plen, plain)) ==
	             NULL ||
	         pl->incarnation == NULL ||
	         strlen(pl->incarnation) != INC_LEN ||
	         strlen(pl->peer_incarnation) > INC_LEN)
		reject(l, p, R_MALFORMED, f->from);
	else if (!take_incarnation(l, p, pl->incarnation))
		; /* counted there */
	else if (f->counter <= p->in_counter)
		reject(l, p, R_REPLAY, f->from);
	else {
		p->in_counter = f->counter;
		p->last_seen_ms = now_ms();
		p->frames_in++;
		/* its seqs and acks count in a channel to an earlier store of
		 * ours: nothing of it is taken; it restarts once our frames
		 * reach it */
		if (pl->peer_incarnation[0] != '\0' &&
		    strcmp(pl->peer_incarnation, l->inc) != 0) {
			p->stale++;
			p->ack_due = true;
		} else {
			take_payload(l, p, pl);
		}
	}
	if (pl != NULL)
		yousu__payload__free_unpacked(pl, NULL);
	free(plain);
	yousu__frame__free_unpacked(f, NULL);
}

/* Keep a refused message in link_dead; an error if it cannot be kept
 * (then the batch fails and the message comes again). */
static yousu_err
dead_letter(yousu_link *l, peer_t *p, pending_msg *m, yousu_err why)
{
	sqlite3_stmt *s = l->q[Q_DEAD];

	char digest[80];
	uint8_t h[16];

	bind_peer(s, p);
	sqlite3_bind_int64(s, 2, m->seq);
	sqlite3_bind_text(s, 3, m->kind, -1, SQLITE_STATIC);
	if (l->cfg.dead_bodies) {
		sqlite3_bind_blob(s, 4, m->body, (int) m->len, SQLITE_STATIC);
	} else {
		crypto_generichash(h, sizeof h, m->body, m->len, NULL, 0);
		snprintf(
		    digest, sizeof digest, "%zu bytes, blake2b-128 ", m->len);
		sodium_bin2hex(digest + strlen(digest),
		    sizeof digest - strlen(digest), h, sizeof h);
		sqlite3_bind_blob(
		    s, 4, digest, (int) strlen(digest), SQLITE_TRANSIENT);
	}
	sqlite3_bind_text(s, 5, yousu_strerror(why), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, now_ms());
	if (step_done(s) != 0)
		return YOUSU_DB;
	/* counted and said once the group commits (it may be applied again) */
	m->dead = why;
	return YOUSU_OK;
}

/* The dead letters of a committed group: counted and logged. */
static void
dead_letters_said(yousu_link *l, peer_t *p)
{
	for (size_t i = 0; i < p->napply; i++) {
		const pending_msg *m = &p->pend[i];

		if (m->dead == YOUSU_OK)
			continue;
		reject(l, p, R_DEAD, p->cfg.id);
		yousu_log("LINK-DEAD %s#%lld (%s) not applied: %s; kept in "
		          "link_dead",
		    p->cfg.id, (long long) m->seq, m->kind,
		    yousu_strerror(m->dead));
	}
}

/* Apply one peer's ready messages; each in a savepoint. */
static yousu_err
apply_peer(yousu_link *l, peer_t *p)
{
	sqlite3_stmt *c = l->q[Q_CURSOR];
	yousu_err rv;

	for (size_t i = 0; i < p->napply; i++) {
		pending_msg *m = &p->pend[i];

		if ((rv = yousu_store_begin(l->st)) != YOUSU_OK)
			return rv;
		rv = l->apply(l->arg, p->cfg.id, m->kind, m->body, m->len);
		if (rv == YOUSU_OK && (rv = yousu_store_commit(l->st)) == 0)
			continue;
		yousu_store_rollback(l->st);
		/* the message itself is refused: kept aside, the stream goes
		 * on; anything else (the store failing) stops this batch */
		if (rv != YOUSU_PROTO && rv != YOUSU_NOTFOUND &&
		    rv != YOUSU_INVAL && rv != YOUSU_STATE)
			return rv;
		if ((rv = dead_letter(l, p, m, rv)) != YOUSU_OK)
			return rv;
	}
	if (p->napply > 0) {
		bind_peer(c, p);
		sqlite3_bind_int64(c, 2, p->pend[p->napply - 1].seq);
		sqlite3_bind_int64(c, 3, (sqlite3_int64) p->in_counter);
		if (step_done(c) != 0)
			return YOUSU_DB;
	}
	if (p->out_acked > p->acked_db) {
		sqlite3_bind_int64(l->q[Q_DEL], 2, p->out_acked);
		sqlite3_bind_int64(l->q[Q_ACKED], 2, p->out_acked);
		bind_peer(l->q[Q_DEL], p);
		bind_peer(l->q[Q_ACKED], p);
		if (step_done(l->q[Q_DEL]) || step_done(l->q[Q_ACKED]))
			return YOUSU_DB;
	}
	return YOUSU_OK;
}

static size_t
lat_bucket(int64_t ms)
{
	if (ms < 0)
		return 0;
	if (ms < LAT_FINE)
		return (size_t) ms;
	if (ms < 60000)
		return LAT_FINE + (size_t) ((ms - LAT_FINE) / 100);
	return LAT_BUCKETS - 1;
}

static int64_t
lat_value(size_t bucket)
{
	return bucket < LAT_FINE
	           ? (int64_t) bucket
	           : LAT_FINE + (int64_t) (bucket - LAT_FINE) * 100;
}

static void
sample_latency(peer_t *p, int64_t now)
{
	for (size_t i = 0; i < p->napply; i++) {
		int64_t q = p->pend[i].queued_ms; /* the peer's word */

		p->lat[lat_bucket(q > 0 && q <= now ? now - q : 0)]++;
		p->nlat++;
	}
}

/* The first n pending messages gone (applied, or all of them dropped to
 * come again); the rest wait for the next run. */
static void
drop_pending(peer_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p->pend[i].kind);
		free(p->pend[i].body);
	}
	if (n < p->npend)
		memmove(p->pend, p->pend + n, (p->npend - n) * sizeof *p->pend);
	p->npend -= n;
	p->napply = 0;
}

/* Acknowledged outbox rows are deleted in bulk: every 8192, or a second
 * after the last time, or with any other write. A crash before that only
 * resends what the receiver already has, and it ignores it. */
static bool
ack_flush_due(const peer_t *p, int64_t now)
{
	return p->out_acked - p->acked_db >= 8192 ||
	       (p->out_acked > p->acked_db && now - p->ack_flush_ms >= 1000);
}

/* One transaction over every peer's pending messages, each in a nested
 * level (light: without a savepoint); committed, or rolled back. */
static yousu_err
apply_group(yousu_link *l, bool light)
{
	yousu_err rv = YOUSU_OK;

	for (size_t i = 0; i < l->npeers; i++)
		for (size_t j = 0; j < l->peers[i].napply; j++)
			l->peers[i].pend[j].dead = YOUSU_OK;
	if (yousu_store_begin(l->st) != YOUSU_OK)
		return YOUSU_DB;
	yousu_store_light_nesting(l->st, light);
	for (size_t i = 0; i < l->npeers && rv == YOUSU_OK; i++)
		rv = apply_peer(l, &l->peers[i]);
	yousu_store_light_nesting(l->st, false);
	if (rv == YOUSU_OK)
		rv = yousu_store_commit(l->st);
	if (rv != YOUSU_OK)
		yousu_store_rollback(l->st);
	return rv;
}

/* Group commit: every peer's ready messages and acks in one
 * transaction; the cursors move only when it commits. */
static void
commit_received(yousu_link *l)
{
	yousu_err rv = YOUSU_OK;
	bool work = false, msgs = false;
	size_t quota = MAX_MSGS_PER_RUN;
	int64_t now;

	now = now_ms();
	for (size_t i = 0; i < l->npeers; i++)
		work |=
		    l->peers[i].npend > 0 || ack_flush_due(&l->peers[i], now);
	if (!work)
		return;
	/* at most MAX_MSGS_PER_RUN messages in this group, the peers' in
	 * turn from where the last group stopped; the rest wait, in order */
	for (size_t k = 0; k < l->npeers; k++) {
		peer_t *p = &l->peers[(l->turn + k) % l->npeers];

		p->napply = p->npend < quota ? p->npend : quota;
		quota -= p->napply;
	}
	l->turn = l->npeers ? (l->turn + 1) % l->npeers : 0;
	/* acknowledgements alone need no fsync: one lost in a power cut
	 * only brings a duplicate resend, which the receiver ignores */
	for (size_t i = 0; i < l->npeers; i++)
		msgs |= l->peers[i].napply > 0;
	if (!msgs)
		yousu_store_durable(l->st, false);
	/* without a savepoint per message first; if a message was refused
	 * after it had written, the group is rolled back and applied again
	 * with savepoints, which undo it alone (it becomes a dead letter) */
	rv = apply_group(l, true);
	if (rv != YOUSU_OK && yousu_store_poisoned(l->st)) {
		yousu_log("LINK-RETRY a message failed after it had written: "
		          "applying the group again, a savepoint each");
		rv = apply_group(l, false);
	}
	if (rv != YOUSU_OK &&
	    strcmp(yousu_store_errmsg(l->st), sqlite3_errstr(SQLITE_OK)) != 0)
		yousu_log("LINK-STORE cannot apply received messages: %s (%s)",
		    yousu_strerror(rv), yousu_store_errmsg(l->st));
	else if (rv != YOUSU_OK)
		yousu_log("LINK-STORE received messages not applied (%s): "
		          "they come again",
		    yousu_strerror(rv));
	if (!msgs)
		yousu_store_durable(l->st, true);
	now = now_ms();
	for (size_t i = 0; i < l->npeers; i++) {
		peer_t *p = &l->peers[i];

		if (rv == YOUSU_OK && p->napply > 0) {
			dead_letters_said(l, p);
			p->in_cursor = p->pend[p->napply - 1].seq;
			p->applied += p->napply;
			sample_latency(p, now);
		}
		if (rv == YOUSU_OK && p->out_acked > p->acked_db) {
			if (p->acked_db < p->resync_upto &&
			    p->out_acked >= p->resync_upto)
				yousu_log(
				    "LINK-RESYNC %s has acknowledged the "
				    "%lld messages of its resynchronisation",
				    p->cfg.id, (long long) p->resync_upto);
			p->acked_db = p->out_acked;
			p->ack_flush_ms = now;
		}
		/* not applied: every pending message comes again */
		drop_pending(p, rv == YOUSU_OK ? p->napply : p->npend);
	}
}

static bool
any_pending(const yousu_link *l)
{
	for (size_t i = 0; i < l->npeers; i++)
		if (l->peers[i].npend > 0)
			return true;
	return false;
}

void
yousu__link_feed(yousu_link *l, const uint8_t *buf, size_t len)
{
	take_frame(l, buf, len);
	do /* the whole frame, a group at a time (each drops some) */
		commit_received(l);
	while (any_pending(l));
}

static void
receive_all(yousu_link *l)
{
	nng_msg *m;
	size_t msgs = 0;
	int n;

	for (n = 0; n < MAX_FRAMES_PER_RUN && msgs < MAX_MSGS_PER_RUN &&
	            nng_recvmsg(l->sub, &m, NNG_FLAG_NONBLOCK) == 0;
	     n++) {
		take_frame(l, nng_msg_body(m), nng_msg_len(m));
		nng_msg_free(m);
		msgs = 0;
		for (size_t i = 0; i < l->npeers; i++)
			msgs += l->peers[i].npend;
	}
	commit_received(l);
	l->more = n == MAX_FRAMES_PER_RUN || any_pending(l);
}

/* --- sending ---------------------------------------------------------------
 */

static void
free_msgs(Yousu__Payload *pl)
{
	for (size_t i = 0; i < pl->n_msgs; i++) {
		free(pl->msgs[i]->kind);
		free(pl->msgs[i]->body.data);
		free(pl->msgs[i]);
	}
	free(pl->msgs);
	pl->msgs = NULL;
	pl->n_msgs = 0;
}

/* Read up to n messages after p->sent_upto into pl. */
static yousu_err
read_outbox(yousu_link *l, peer_t *p, int n, Yousu__Payload *pl)
{
	sqlite3_stmt *s = l->q[Q_READ];
	size_t bytes = 0;
	int rc;

	pl->msgs = calloc((size_t) n, sizeof *pl->msgs);
	if (pl->msgs == NULL)
		return YOUSU_NOMEM;
	bind_peer(s, p);
	sqlite3_bind_int64(s, 2, p->sent_upto);
	sqlite3_bind_int(s, 3, n);
	/* at most half the limit: room for the envelope and the seal */
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		size_t len = (size_t) sqlite3_column_bytes(s, 2);
		Yousu__Message *m;

		if (pl->n_msgs > 0 && bytes + len + 64 > l->cfg.max_frame / 2)
			break;
		if ((m = malloc(sizeof *m)) == NULL)
			break;
		yousu__message__init(m);
		m->seq = (uint64_t) sqlite3_column_int64(s, 0);
		m->kind = strdup((const char *) sqlite3_column_text(s, 1));
		m->body.data = malloc(len ? len : 1);
		m->body.len = len;
		memcpy(m->body.data, sqlite3_column_blob(s, 2), len);
		m->queued_ms = sqlite3_column_int64(s, 3);
		pl->msgs[pl->n_msgs++] = m;
		bytes += len + 32;
	}
	sqlite3_reset(s);
	return YOUSU_OK;
}

static void
refresh_next(yousu_link *l)
{
	sqlite3_stmt *s = l->q[Q_OUT_NEXT];

	for (size_t i = 0; i < l->npeers; i++) {
		bind_peer(s, &l->peers[i]);
		if (sqlite3_step(s) == SQLITE_ROW)
			l->peers[i].out_next = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	l->dirty = false;
}

static void
pump_peer(yousu_link *l, peer_t *p, int64_t now)
{
	Yousu__Payload pl = YOUSU__PAYLOAD__INIT;
	int64_t room;

	if (p->sent_upto < p->out_acked)
		p->sent_upto = p->out_acked;
	if (p->sent_upto > p->out_acked &&
	    now - p->progress_ms >= p->backoff_ms) {
		/* go back N: resend from the first unacknowledged */
		p->sent_upto = p->out_acked;
		p->progress_ms = now;
		p->backoff_ms = p->backoff_ms * 2 > l->cfg.resend_max_ms
		                    ? l->cfg.resend_max_ms
		                    : p->backoff_ms * 2;
	}
	while (p->sent_upto < p->out_next - 1 &&
	       (room = l->cfg.window - (p->sent_upto - p->out_acked)) > 0) {
		if (p->sent_upto == p->out_acked)
			p->progress_ms = now;
		pl.ack = (uint64_t) p->in_cursor;
		if (read_outbox(l, p,
		        room < l->cfg.batch ? (int) room : l->cfg.batch,
		        &pl) != YOUSU_OK ||
		    pl.n_msgs == 0) {
			free_msgs(&pl);
			break;
		}
		send_payload(l, p, &pl);
		p->sent_upto = (int64_t) pl.msgs[pl.n_msgs - 1]->seq;
		free_msgs(&pl);
		p->ack_due = false;
		p->last_hb_ms = now;
	}
	if (p->ack_due || now - p->last_hb_ms >= l->cfg.heartbeat_ms) {
		pl.ack = (uint64_t) p->in_cursor;
		send_payload(l, p, &pl);
		p->ack_due = false;
		p->last_hb_ms = now;
	}
}

static bool
is_tls(const char *url)
{
	return strncmp(url, "tls+tcp://", 10) == 0;
}

/* A non-blocking dial (a first failure keeps retrying), with the TLS
 * settings for tls+tcp://: the parent's certificate is verified against
 * tls_ca when one is given. */
static int
dial(yousu_link *l, nng_socket s, const char *url, nng_dialer *d)
{
	int rv;

	if ((rv = nng_dialer_create(d, s, url)) != 0)
		return rv;
	if (is_tls(url)) {
		if (l->tls_ca != NULL &&
		    ((rv = nng_dialer_set_string(
		          *d, NNG_OPT_TLS_CA_FILE, l->tls_ca)) != 0 ||
		        (rv = nng_dialer_set_int(*d, NNG_OPT_TLS_AUTH_MODE,
		             NNG_TLS_AUTH_MODE_REQUIRED)) != 0))
			return rv;
		if (l->tls_ca == NULL &&
		    (rv = nng_dialer_set_int(*d, NNG_OPT_TLS_AUTH_MODE,
		         NNG_TLS_AUTH_MODE_NONE)) != 0)
			return rv;
		if (l->tls_server_name != NULL &&
		    (rv = nng_dialer_set_string(
		         *d, NNG_OPT_TLS_SERVER_NAME, l->tls_server_name)) != 0)
			return rv;
	}
	return nng_dialer_start(*d, NNG_FLAG_NONBLOCK);
}

/* A listener; for tls+tcp:// with the certificate and key of
 * tls_cert_key (children are identified by their sealed frames, not by
 * TLS, so none is asked of them). */
static int
listen_on(yousu_link *l, nng_socket s, const char *url)
{
	nng_listener lst;
	int rv;

	if ((rv = nng_listener_create(&lst, s, url)) != 0)
		return rv;
	if (is_tls(url)) {
		if (l->tls_cert_key == NULL)
			return NNG_EINVAL;
		if ((rv = nng_listener_set_string(lst,
		         NNG_OPT_TLS_CERT_KEY_FILE, l->tls_cert_key)) != 0 ||
		    (rv = nng_listener_set_int(lst, NNG_OPT_TLS_AUTH_MODE,
		         NNG_TLS_AUTH_MODE_NONE)) != 0)
			return rv;
	}
	return nng_listener_start(lst, 0);
}

/* nng 1.5.2's dialer can stop redialing for good when the peer dies in
 * the middle of a connection handshake (seen here under kill -9 of the
 * hub). A child therefore watches its two connections and replaces a
 * dialer that has had none for a while. */
static void
watch_dialer(yousu_link *l, nng_socket s, nng_dialer *d, atomic_int *pipes,
    int64_t *lost_ms, const char *url, int64_t now)
{
	int64_t patience = 2 * (int64_t) l->cfg.reconnect_max_ms + 1000;

	if (atomic_load(pipes) > 0) {
		*lost_ms = 0;
		return;
	}
	if (*lost_ms == 0) {
		*lost_ms = now;
		return;
	}
	if (now - *lost_ms < patience)
		return;
	nng_dialer_close(*d);
	if (dial(l, s, url, d) != 0)
		yousu_log("LINK-REDIAL %s failed", url);
	l->redials++;
	*lost_ms = now;
}

static yousu_err incarnation(yousu_link *l);

/* The store's incarnation read again (the daemon's other link may have
 * changed it), and a new one taken when a peer keeps acknowledging what
 * this store never sent: a store put back in time by other means than
 * yousuctl backup. Either way every channel restarts and the peers send
 * what this store lacks. */
static void
recheck_incarnation(yousu_link *l)
{
	bool back = l->went_back;
	char now_inc[INC_LEN + 8] = "";

	l->went_back = false;
	l->inc_check_ms = now_ms();
	/* one read, outside a transaction, when nothing changed */
	(void) yousu_store_get_setting(
	    l->st, "incarnation", now_inc, sizeof now_inc);
	if (!back && strcmp(now_inc, l->inc) == 0)
		return;
	if (yousu_store_begin(l->st) != YOUSU_OK)
		return;
	if (back)
		yousu_log("LINK-RESYNC a peer acknowledges messages this store "
		          "never sent: the store went back in time without a "
		          "new incarnation; it takes one");
	if ((back && yousu_store_set_setting(l->st, "incarnation", "") !=
	                 YOUSU_OK) ||
	    incarnation(l) != YOUSU_OK ||
	    yousu_store_commit(l->st) != YOUSU_OK) {
		yousu_store_rollback(l->st);
		return;
	}
	for (size_t i = 0; back && i < l->npeers; i++)
		l->peers[i].bad_acks = 0;
}

int
yousu_link_run(yousu_link *l)
{
	int64_t now, wait = l->cfg.heartbeat_ms;

	receive_all(l);
	if (l->went_back || now_ms() - l->inc_check_ms >= l->cfg.heartbeat_ms)
		recheck_incarnation(l);
	if (l->dirty)
		refresh_next(l);
	now = now_ms();
	if (!l->cfg.parent) {
		watch_dialer(l, l->pub, &l->dial_pub, &l->pipes_pub,
		    &l->lost_pub_ms, l->up_url, now);
		watch_dialer(l, l->sub, &l->dial_sub, &l->pipes_sub,
		    &l->lost_sub_ms, l->down_url, now);
	}
	if (atomic_exchange(&l->reconnected, 0)) {
		for (size_t i = 0; i < l->npeers; i++) {
			l->peers[i].sent_upto = l->peers[i].out_acked;
			l->peers[i].backoff_ms = l->cfg.resend_ms;
			l->peers[i].last_hb_ms = 0;
		}
	}
	for (size_t i = 0; i < l->npeers; i++) {
		peer_t *p = &l->peers[i];
		int64_t w;

		pump_peer(l, p, now);
		w = p->last_hb_ms + l->cfg.heartbeat_ms - now;
		if (w < wait)
			wait = w;
		if (p->sent_upto > p->out_acked) {
			w = p->progress_ms + p->backoff_ms - now;
			if (w < wait)
				wait = w;
		}
	}
	if (l->more)
		return 0;
	return wait < 1 ? 1 : (int) wait;
}

/* --- sockets ----------------------------------------------------------------
 */

static void
on_pipe(nng_pipe pipe, nng_pipe_ev ev, void *arg)
{
	yousu_link *l = arg;
	nng_socket s = nng_pipe_socket(pipe);
	atomic_int *n = nng_socket_id(s) == nng_socket_id(l->pub)
	                    ? &l->pipes_pub
	                    : &l->pipes_sub;

	if (ev == NNG_PIPE_EV_ADD_POST) {
		atomic_fetch_add(n, 1);
		atomic_store(&l->reconnected, 1);
	} else {
		atomic_fetch_sub(n, 1);
	}
}

static int
socket_options(yousu_link *l, nng_socket s)
{
	int rv;

	if ((rv = nng_socket_set_ms(
	         s, NNG_OPT_RECONNMINT, l->cfg.reconnect_min_ms)) != 0 ||
	    (rv = nng_socket_set_ms(
	         s, NNG_OPT_RECONNMAXT, l->cfg.reconnect_max_ms)) != 0 ||
	    (rv = nng_socket_set_size(
	         s, NNG_OPT_RECVMAXSZ, l->cfg.max_frame + 65536)) != 0)
		return rv;
	/* keepalive exists for tcp only; other transports ignore it */
	(void) nng_socket_set_bool(s, NNG_OPT_TCP_KEEPALIVE, true);
	(void) nng_socket_set_bool(s, NNG_OPT_TCP_NODELAY, true);
	if ((rv = nng_pipe_notify(s, NNG_PIPE_EV_ADD_POST, on_pipe, l)) != 0)
		return rv;
	return nng_pipe_notify(s, NNG_PIPE_EV_REM_POST, on_pipe, l);
}

static int
open_sockets(yousu_link *l, char *err, size_t errlen)
{
	char topic[20];
	const char *what = "open";
	int rv;

	if ((rv = nng_pub0_open(&l->pub)) != 0)
		goto fail;
	l->pub_open = true;
	if ((rv = nng_sub0_open(&l->sub)) != 0)
		goto fail;
	l->sub_open = true;
	if ((rv = socket_options(l, l->pub)) ||
	    (rv = socket_options(l, l->sub)) ||
	    (rv = nng_socket_set_int(l->pub, NNG_OPT_SENDBUF, 1024)) ||
	    (rv = nng_socket_set_int(l->sub, NNG_OPT_RECVBUF, RECV_FRAMES)))
		goto fail;
	snprintf(topic, sizeof topic, "%s", l->self);
	/* the topic includes the terminating NUL: "HD" must not match "HDX" */
	if ((rv = nng_socket_set(l->sub, NNG_OPT_SUB_SUBSCRIBE, topic,
	         l->cfg.parent ? 0 : strlen(topic) + 1)) != 0)
		goto fail;
	what = l->cfg.parent ? "listen" : "dial";
	if (l->cfg.parent) {
		if ((rv = listen_on(l, l->sub, l->up_url)) != 0 ||
		    (rv = listen_on(l, l->pub, l->down_url)) != 0)
			goto fail;
	} else if ((rv = dial(l, l->pub, l->up_url, &l->dial_pub)) != 0 ||
	           (rv = dial(l, l->sub, l->down_url, &l->dial_sub)) != 0) {
		goto fail;
	}
	return 0;
fail:
	snprintf(err, errlen, "link: %s %s / %s: %s", what, l->up_url,
	    l->down_url,
	    rv == NNG_EINVAL && l->cfg.parent && l->tls_cert_key == NULL &&
	            (is_tls(l->up_url) || is_tls(l->down_url))
	        ? "tls+tcp:// needs [listen] tls_cert_key"
	        : nng_strerror(rv));
	return -1;
}

/* This store's incarnation, made when it has none (a new store, one from
 * before incarnations, or a copy that yousuctl backup wrote without
 * one). Each side of the centre notes the incarnation its channels count
 * in: when the store has another one (restored from a backup), every
 * channel restarts here, as the peers restart theirs when they see it.
 * In prepare's transaction. */
static yousu_err
incarnation(yousu_link *l)
{
	const char *side = l->cfg.parent ? "link_inc_down" : "link_inc_up";
	char mine[INC_LEN + 8] = "";
	uint8_t r[INC_LEN / 2];

	if (yousu_store_get_setting(
	        l->st, "incarnation", l->inc, sizeof l->inc) != YOUSU_OK ||
	    strlen(l->inc) != INC_LEN) {
		randombytes_buf(r, sizeof r);
		sodium_bin2hex(l->inc, sizeof l->inc, r, sizeof r);
		if (yousu_store_set_setting(l->st, "incarnation", l->inc) !=
		    YOUSU_OK)
			return YOUSU_DB;
		yousu_log("store incarnation %.8s… begins", l->inc);
	}
	(void) yousu_store_get_setting(l->st, side, mine, sizeof mine);
	if (strcmp(mine, l->inc) == 0)
		return YOUSU_OK;
	for (size_t i = 0; mine[0] != '\0' && i < l->npeers; i++) {
		peer_t *p = &l->peers[i];

		if (restart_channel(l, p, false, p->peer_inc) != YOUSU_OK ||
		    restarted(l, p) != YOUSU_OK)
			return YOUSU_DB;
		yousu_log("LINK-RESYNC this store is new to %s (restored): "
		          "the channel restarts",
		    p->cfg.id);
	}
	return yousu_store_set_setting(l->st, side, l->inc);
}

static yousu_err
prepare(yousu_link *l, char *err, size_t errlen)
{
	char buf[32] = "0";

	for (int i = 0; i < Q__COUNT; i++) {
		if (sqlite3_prepare_v3(l->db, link_sql[i], -1,
		        SQLITE_PREPARE_PERSISTENT, &l->q[i],
		        NULL) != SQLITE_OK) {
			snprintf(
			    err, errlen, "link: %s", sqlite3_errmsg(l->db));
			return YOUSU_DB;
		}
	}
	/* a new epoch each start keeps frame counters increasing */
	if (yousu_store_begin(l->st) != YOUSU_OK)
		return YOUSU_DB;
	(void) yousu_store_get_setting(l->st, epoch_key(l), buf, sizeof buf);
	l->epoch = strtoull(buf, NULL, 10) + 1;
	/* stores written before the epoch was kept per side */
	if (yousu_store_get_setting(l->st, "link_epoch", buf, sizeof buf) ==
	        0 &&
	    strtoull(buf, NULL, 10) + 1 > l->epoch)
		l->epoch = strtoull(buf, NULL, 10) + 1;
	snprintf(buf, sizeof buf, "%llu", (unsigned long long) l->epoch);
	if (yousu_store_set_setting(l->st, epoch_key(l), buf) != YOUSU_OK)
		goto fail;
	for (size_t i = 0; i < l->npeers; i++)
		if (load_peer(l, &l->peers[i]) != YOUSU_OK)
			goto fail;
	if (incarnation(l) != YOUSU_OK)
		goto fail;
	if (yousu_store_commit(l->st) == YOUSU_OK)
		return YOUSU_OK;
fail:
	yousu_store_rollback(l->st);
	snprintf(err, errlen, "link: %s", sqlite3_errmsg(l->db));
	return YOUSU_DB;
}

yousu_err
yousu_link_open(const yousu_link_config *cfg, yousu_store *st,
    yousu_link_apply_fn apply, void *arg, yousu_link **out, char *err,
    size_t errlen)
{
	yousu_link *l = calloc(1, sizeof *l);
	int64_t now = now_ms();

	if (l == NULL || sodium_init() < 0) {
		free(l);
		return YOUSU_NOMEM;
	}
	l->cfg = *cfg;
	snprintf(l->self, sizeof l->self, "%s", cfg->self);
	l->up_url = strdup(cfg->up_url);
	l->down_url = strdup(cfg->down_url);
	l->tls_cert_key = cfg->tls_cert_key ? strdup(cfg->tls_cert_key) : NULL;
	l->tls_ca = cfg->tls_ca ? strdup(cfg->tls_ca) : NULL;
	l->tls_server_name =
	    cfg->tls_server_name ? strdup(cfg->tls_server_name) : NULL;
	l->peers = calloc(cfg->npeers, sizeof *l->peers);
	l->npeers = cfg->npeers;
	l->st = st;
	l->db = yousu_store_sqlite(st);
	l->apply = apply;
	l->arg = arg;
	if (l->up_url == NULL || l->down_url == NULL || l->peers == NULL)
		goto fail;
	for (size_t i = 0; i < cfg->npeers; i++) {
		l->peers[i].cfg = cfg->peers[i];
		l->peers[i].backoff_ms = cfg->resend_ms;
		l->peers[i].progress_ms = now;
	}
	if (prepare(l, err, errlen) != YOUSU_OK ||
	    open_sockets(l, err, errlen) != 0)
		goto fail;
	*out = l;
	return YOUSU_OK;
fail:
	yousu_link_close(l);
	return YOUSU_IO;
}

void
yousu_link_close(yousu_link *l)
{
	if (l == NULL)
		return;
	if (l->sub_open)
		nng_close(l->sub);
	if (l->pub_open)
		nng_close(l->pub);
	for (int i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(l->q[i]);
	for (size_t i = 0; i < l->npeers; i++) {
		drop_pending(&l->peers[i], l->peers[i].npend);
		free(l->peers[i].pend);
		sodium_memzero(l->peers[i].cfg.key, YOUSU_KEY_BYTES);
	}
	free(l->peers);
	free(l->up_url);
	free(l->down_url);
	free(l->tls_cert_key);
	free(l->tls_ca);
	free(l->tls_server_name);
	free(l);
}

void
yousu_link_pollfd(yousu_link *l, struct pollfd *pfd)
{
	int fd = -1;

	nng_socket_get_int(l->sub, NNG_OPT_RECVFD, &fd);
	pfd->fd = fd;
	pfd->events = POLLIN;
	pfd->revents = 0;
}

/* --- status
 * ------------------------------------------------------------------- */

static cJSON *
rejections(const uint64_t *c)
{
	cJSON *o = cJSON_CreateObject();

	for (int i = 0; i < R__COUNT; i++)
		cJSON_AddNumberToObject(o, reject_names[i], (double) c[i]);
	return o;
}

/* Percentiles of the histogram (summed over peers when p is NULL). */
static cJSON *
latency(const yousu_link *l, const peer_t *p)
{
	cJSON *o = cJSON_CreateObject();
	uint64_t sum[LAT_BUCKETS] = {0}, n = 0, seen = 0;
	int64_t p50 = -1, p99 = -1;

	for (size_t i = 0; i < l->npeers; i++) {
		if (p != NULL && &l->peers[i] != p)
			continue;
		for (size_t b = 0; b < LAT_BUCKETS; b++)
			sum[b] += l->peers[i].lat[b];
		n += l->peers[i].nlat;
	}
	cJSON_AddNumberToObject(o, "samples", (double) n);
	for (size_t b = 0; b < LAT_BUCKETS && n > 0; b++) {
		seen += sum[b];
		if (p50 < 0 && seen * 2 >= n)
			p50 = lat_value(b);
		if (p99 < 0 && seen * 100 >= n * 99)
			p99 = lat_value(b);
	}
	if (n > 0) {
		cJSON_AddNumberToObject(o, "p50_ms", (double) p50);
		cJSON_AddNumberToObject(o, "p99_ms", (double) p99);
	}
	return o;
}

/* The last resynchronisation of the peer's new store: how many messages
 * it took and how many of them the peer has acknowledged. */
static cJSON *
resync_status(const peer_t *p)
{
	cJSON *o = cJSON_CreateObject();
	int64_t acked =
	    p->out_acked < p->resync_upto ? p->out_acked : p->resync_upto;

	cJSON_AddNumberToObject(o, "count", (double) p->resyncs);
	cJSON_AddNumberToObject(o, "since_ms", (double) p->resync_ms);
	cJSON_AddNumberToObject(o, "messages", (double) p->resync_upto);
	cJSON_AddNumberToObject(o, "acked", (double) acked);
	cJSON_AddBoolToObject(o, "done", acked >= p->resync_upto);
	return o;
}

static cJSON *
peer_status(const yousu_link *l, const peer_t *p, int64_t now)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "peer", p->cfg.id);
	cJSON_AddStringToObject(o, "role", l->cfg.parent ? "child" : "parent");
	cJSON_AddBoolToObject(o, "online",
	    p->last_seen_ms && now - p->last_seen_ms < l->cfg.offline_ms);
	cJSON_AddNumberToObject(o, "last_seen_ms", (double) p->last_seen_ms);
	cJSON_AddNumberToObject(o, "sent_seq", (double) (p->out_next - 1));
	cJSON_AddNumberToObject(o, "acked_seq", (double) p->out_acked);
	cJSON_AddNumberToObject(
	    o, "backlog", (double) (p->out_next - 1 - p->out_acked));
	cJSON_AddNumberToObject(o, "received_seq", (double) p->in_cursor);
	cJSON_AddNumberToObject(o, "frames_in", (double) p->frames_in);
	cJSON_AddNumberToObject(o, "frames_out", (double) p->frames_out);
	cJSON_AddNumberToObject(o, "applied", (double) p->applied);
	cJSON_AddNumberToObject(o, "duplicates", (double) p->dups);
	cJSON_AddItemToObject(o, "rejected", rejections(p->rejected));
	cJSON_AddItemToObject(o, "latency", latency(l, p));
	cJSON_AddStringToObject(o, "incarnation", p->peer_inc);
	cJSON_AddNumberToObject(o, "stale_frames", (double) p->stale);
	cJSON_AddItemToObject(o, "resync", resync_status(p));
	return o;
}

cJSON *
yousu_link_status(yousu_link *l)
{
	cJSON *o = cJSON_CreateObject(), *arr = cJSON_CreateArray();
	int64_t now = now_ms();

	if (l->dirty)
		refresh_next(l);
	cJSON_AddStringToObject(o, "self", l->self);
	cJSON_AddStringToObject(o, "incarnation", l->inc);
	cJSON_AddStringToObject(o, "side", l->cfg.parent ? "parent" : "child");
	cJSON_AddStringToObject(o, "uplink", l->up_url);
	cJSON_AddStringToObject(o, "downlink", l->down_url);
	cJSON_AddNumberToObject(
	    o, "connections_out", atomic_load(&l->pipes_pub));
	cJSON_AddNumberToObject(
	    o, "connections_in", atomic_load(&l->pipes_sub));
	cJSON_AddNumberToObject(o, "redials", (double) l->redials);
	for (size_t i = 0; i < l->npeers; i++)
		cJSON_AddItemToArray(arr, peer_status(l, &l->peers[i], now));
	cJSON_AddItemToObject(o, "peers", arr);
	cJSON_AddItemToObject(
	    o, "rejected_unattributed", rejections(l->rejected));
	cJSON_AddItemToObject(o, "latency", latency(l, NULL));
	return o;
}

/* --- sealing at rest ------------------------------------------------------
 * A body that must cross a centre without being readable there (a 12345
 * caller's details through the city) is sealed with a key derived from
 * the link key of the centre it is meant for. */

static yousu_err
rest_key(const yousu_link *l, const char *peer, uint8_t key[32])
{
	for (size_t i = 0; i < l->npeers; i++)
		if (strcmp(l->peers[i].cfg.id, peer) == 0) {
			crypto_kdf_derive_from_key(
			    key, 32, 1, "yousurst", l->peers[i].cfg.key);
			return YOUSU_OK;
		}
	return YOUSU_NOTFOUND;
}

yousu_err
yousu_link_seal(const yousu_link *l, const char *peer, const uint8_t *in,
    size_t len, uint8_t **out, size_t *outlen)
{
	uint8_t key[32], *buf;
	unsigned long long clen = 0;

	if (rest_key(l, peer, key) != YOUSU_OK)
		return YOUSU_NOTFOUND;
	if ((buf = malloc(NONCE_BYTES + len + TAG_BYTES)) == NULL) {
		sodium_memzero(key, sizeof key);
		return YOUSU_NOMEM;
	}
	randombytes_buf(buf, NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(buf + NONCE_BYTES, &clen, in,
	    len, (const uint8_t *) peer, strlen(peer), NULL, buf, key);
	sodium_memzero(key, sizeof key);
	*out = buf;
	*outlen = NONCE_BYTES + (size_t) clen;
	return YOUSU_OK;
}

yousu_err
yousu_link_unseal(const yousu_link *l, const char *self, const char *peer,
    const uint8_t *in, size_t len, uint8_t **out, size_t *outlen)
{
	uint8_t key[32], *buf;
	unsigned long long plen = 0;
	int rc;

	if (len < NONCE_BYTES + TAG_BYTES)
		return YOUSU_CRYPTO;
	if (rest_key(l, peer, key) != YOUSU_OK)
		return YOUSU_NOTFOUND;
	if ((buf = malloc(len - NONCE_BYTES - TAG_BYTES + 1)) == NULL) {
		sodium_memzero(key, sizeof key);
		return YOUSU_NOMEM;
	}
	rc = crypto_aead_xchacha20poly1305_ietf_decrypt(buf, &plen, NULL,
	    in + NONCE_BYTES, len - NONCE_BYTES, (const uint8_t *) self,
	    strlen(self), in, key);
	sodium_memzero(key, sizeof key);
	if (rc != 0) {
		free(buf);
		return YOUSU_CRYPTO;
	}
	buf[plen] = '\0';
	*out = buf;
	*outlen = (size_t) plen;
	return YOUSU_OK;
}
