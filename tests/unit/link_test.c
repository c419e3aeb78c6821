/* yousu — unit tests for the store-and-forward link (common/link/link.c):
 * a county parent (SQ, children HD and LZ) and a township child (HD),
 * each a real yousu_link over its own SQLite store in a mkdtemp folder,
 * joined by nng over ipc:// in that folder and driven by calling
 * yousu_link_run on both until what is expected happened (or a deadline
 * passed). The apply callback writes each message into a table of the
 * receiver's store, in the link's transaction, so that what was applied
 * (and how often) is what committed. Covered: messages arrive both ways
 * in order and exactly once, and one queued in a rolled-back transaction
 * never leaves; a window of 2 holds back the rest until acked and still
 * delivers 10 in order; what is queued while the other side is down
 * arrives when it is back, with the messages it had already applied
 * resent and ignored; a message refused as malformed (before or after it
 * wrote) becomes a dead letter and the stream goes on, a store failure
 * is retried and never dead-lettered; an unknown peer; the status
 * fields; sealing at rest. Frames built on the wire format and fed to
 * the parent (yousu__link_feed) check duplicates, gaps, replayed
 * counters (also after a restart), a stranger's key, tampering, wrong
 * version, recipient and size, a bad ack, and a digest-only dead
 * letter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <poll.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "link_impl.h"
#include "yousu.pb-c.h"
#include "yousu/keys.h"
#include "yousu/link.h"
#include "yousu/store.h"
#include "yousu/store_ext.h"

#define KIND "note"

/* One centre: its store, its link, and how its apply callback behaves. */
typedef struct {
	const char *self;
	char path[96];
	yousu_store *st;
	yousu_link *l;
	const char *refuse;       /* refused (YOUSU_PROTO) before writing */
	const char *refuse_after; /* refused (YOUSU_PROTO) after writing */
	const char *db_fail;      /* fails (YOUSU_DB) db_fail_left times */
	int db_fail_left, db_fail_calls;
} side;

typedef struct {
	char dir[64], up[96], down[96];
	uint8_t key_hd[YOUSU_KEY_BYTES], key_lz[YOUSU_KEY_BYTES];
	yousu_link_config tune;
	side hub, hd;
} env;

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- the receiver's record of what it applied -------------------------- */

static void
sql_exec(side *s, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(yousu_store_sqlite(s->st), sql, NULL, NULL, &msg) !=
	    SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static int64_t
sql_int(side *s, const char *sql)
{
	sqlite3_stmt *q = NULL;
	int64_t v = -1;

	assert_int_equal(
	    sqlite3_prepare_v2(yousu_store_sqlite(s->st), sql, -1, &q, NULL),
	    SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* The first column of every row of sql, joined by ',', into buf. */
static const char *
sql_rows(side *s, const char *sql, char *buf, size_t len)
{
	sqlite3_stmt *q = NULL;
	size_t n = 0;

	buf[0] = '\0';
	assert_int_equal(
	    sqlite3_prepare_v2(yousu_store_sqlite(s->st), sql, -1, &q, NULL),
	    SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW && n < len)
		n += (size_t) snprintf(buf + n, len - n, "%s%s", n ? "," : "",
		    (const char *) sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return buf;
}

/* What s applied, in order: "m1,m2,...". */
static const char *
got(side *s)
{
	static char buf[1024];

	return sql_rows(
	    s, "SELECT body FROM got ORDER BY rowid", buf, sizeof buf);
}

static int64_t
got_count(side *s)
{
	return sql_int(s, "SELECT count(*) FROM got");
}

/* How often the most applied message was applied (1: each once). */
static int64_t
got_most(side *s)
{
	return sql_int(s, "SELECT count(*) AS n FROM got GROUP BY peer, body"
	                  " ORDER BY n DESC LIMIT 1");
}

static yousu_err
on_apply(void *arg, const char *peer, const char *kind, const uint8_t *body,
    size_t len)
{
	side *s = arg;
	char text[256], *sql;
	int rc;

	snprintf(text, sizeof text, "%.*s", (int) len, (const char *) body);
	if (s->refuse != NULL && strcmp(text, s->refuse) == 0)
		return YOUSU_PROTO;
	if (s->db_fail != NULL && strcmp(text, s->db_fail) == 0) {
		s->db_fail_calls++;
		if (s->db_fail_left > 0) {
			s->db_fail_left--;
			return YOUSU_DB;
		}
	}
	sql = sqlite3_mprintf(
	    "INSERT INTO got(peer, kind, body) VALUES (%Q, %Q, %Q)", peer, kind,
	    text);
	rc = sqlite3_exec(yousu_store_sqlite(s->st), sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return YOUSU_DB;
	if (s->refuse_after != NULL && strcmp(text, s->refuse_after) == 0)
		return YOUSU_PROTO;
	return YOUSU_OK;
}

/* --- opening and closing ------------------------------------------------ */

static void
open_store(side *s)
{
	char err[256];

	if (yousu_store_open(s->path, &s->st, err, sizeof err) != YOUSU_OK)
		fail_msg("store %s: %s", s->path, err);
	sql_exec(s, "CREATE TABLE IF NOT EXISTS got(peer TEXT NOT NULL,"
	            " kind TEXT NOT NULL, body TEXT NOT NULL)");
}

static void
open_link(env *e, side *s)
{
	yousu_link_config cfg = e->tune;
	yousu_link_peer peers[2] = {{"HD", {0}}, {"LZ", {0}}};
	char err[512] = "";

	cfg.self = s->self;
	cfg.up_url = e->up;
	cfg.down_url = e->down;
	if (s == &e->hub) {
		memcpy(peers[0].key, e->key_hd, sizeof peers[0].key);
		memcpy(peers[1].key, e->key_lz, sizeof peers[1].key);
		cfg.parent = true;
		cfg.npeers = 2;
	} else {
		snprintf(peers[0].id, sizeof peers[0].id, "SQ");
		memcpy(peers[0].key,
		    strcmp(s->self, "HD") ? e->key_lz : e->key_hd,
		    sizeof peers[0].key);
		cfg.parent = false;
		cfg.npeers = 1;
	}
	cfg.peers = peers;
	if (yousu_link_open(&cfg, s->st, on_apply, s, &s->l, err, sizeof err) !=
	    YOUSU_OK)
		fail_msg("link %s: %s", s->self, err);
}

static void
close_link(side *s)
{
	yousu_link_close(s->l);
	s->l = NULL;
}

static void
open_side(env *e, side *s)
{
	open_store(s);
	open_link(e, s);
}

static void
close_side(side *s)
{
	close_link(s);
	yousu_store_close(s->st);
	s->st = NULL;
}

static int
setup(void **state)
{
	env *e = calloc(1, sizeof *e);
	char key[96], err[256];

	assert_non_null(e);
	assert_true(sodium_init() >= 0);
	snprintf(e->dir, sizeof e->dir, "/tmp/yousu-link-XXXXXX");
	assert_non_null(mkdtemp(e->dir));
	snprintf(e->up, sizeof e->up, "ipc://%s/up", e->dir);
	snprintf(e->down, sizeof e->down, "ipc://%s/down", e->dir);
	/* HD's key from a key file, as the daemons have it; LZ's raw */
	snprintf(key, sizeof key, "%s/hd.key", e->dir);
	assert_int_equal(yousu_key_generate(key, err, sizeof err), YOUSU_OK);
	assert_int_equal(
	    yousu_key_load(key, e->key_hd, err, sizeof err), YOUSU_OK);
	randombytes_buf(e->key_lz, sizeof e->key_lz);
	yousu_link_config_defaults(&e->tune);
	e->tune.resend_ms = 50;
	e->tune.resend_max_ms = 200;
	e->tune.heartbeat_ms = 50;
	e->tune.offline_ms = 400;
	e->tune.reconnect_min_ms = 10;
	e->tune.reconnect_max_ms = 100;
	e->hub.self = "SQ";
	e->hd.self = "HD";
	snprintf(e->hub.path, sizeof e->hub.path, "%s/sq.db", e->dir);
	snprintf(e->hd.path, sizeof e->hd.path, "%s/hd.db", e->dir);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	env *e = *state;
	char cmd[128];

	close_side(&e->hub);
	close_side(&e->hd);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", e->dir);
	assert_int_equal(system(cmd), 0);
	free(e);
	return 0;
}

/* --- driving ----------------------------------------------------------- */

/* One turn: each open link runs, then a short wait for a frame. */
static void
turn(side *a, side *b)
{
	struct pollfd fds[2];
	nfds_t n = 0;

	if (a != NULL && a->l != NULL) {
		yousu_link_run(a->l);
		yousu_link_pollfd(a->l, &fds[n++]);
	}
	if (b != NULL && b->l != NULL) {
		yousu_link_run(b->l);
		yousu_link_pollfd(b->l, &fds[n++]);
	}
	(void) poll(fds, n, 5);
}

/* Run the links until cond holds; the test fails after ms. */
#define RUN_UNTIL(a, b, cond, ms)                                            \
	do {                                                                 \
		int64_t until_ = now_ms() + (ms);                            \
		while (!(cond) && now_ms() < until_)                         \
			turn(a, b);                                          \
		if (!(cond))                                                 \
			fail_msg(                                            \
			    "after %d ms still not: %s", (int) (ms), #cond); \
	} while (0)

/* Run the links for ms, whatever happens. */
static void
run_for(side *a, side *b, int ms)
{
	int64_t until = now_ms() + ms;

	while (now_ms() < until)
		turn(a, b);
}

/* Queue bodies "<prefix>first" .. "<prefix>last" for peer in one
 * transaction. */
static void
send_range(side *s, const char *peer, const char *prefix, int first, int last)
{
	char body[32];

	assert_int_equal(yousu_store_begin(s->st), YOUSU_OK);
	for (int i = first; i <= last; i++) {
		int n = snprintf(body, sizeof body, "%s%d", prefix, i);

		assert_int_equal(yousu_link_enqueue(s->l, peer, KIND,
		                     (const uint8_t *) body, (size_t) n),
		    YOUSU_OK);
	}
	assert_int_equal(yousu_store_commit(s->st), YOUSU_OK);
}

/* --- status ------------------------------------------------------------ */

/* A number of s's status for peer: a field of its object, or of its
 * "rejected" counters when field starts with "rejected.". */
static int64_t
peer_num(side *s, const char *peer, const char *field)
{
	cJSON *st = yousu_link_status(s->l), *p, *o = NULL, *v;
	int64_t n = -1;

	assert_non_null(st);
	cJSON_ArrayForEach (p, cJSON_GetObjectItem(st, "peers")) {
		v = cJSON_GetObjectItem(p, "peer");
		if (cJSON_IsString(v) && strcmp(v->valuestring, peer) == 0)
			o = p;
	}
	if (o == NULL)
		fail_msg("%s: no peer %s in status", s->self, peer);
	if (strncmp(field, "rejected.", 9) == 0) {
		o = cJSON_GetObjectItem(o, "rejected");
		field += 9;
	} else if (strncmp(field, "resync.", 7) == 0) {
		o = cJSON_GetObjectItem(o, "resync");
		field += 7;
	}
	v = cJSON_GetObjectItem(o, field);
	if (cJSON_IsBool(v))
		n = cJSON_IsTrue(v);
	else if (cJSON_IsNumber(v))
		n = (int64_t) v->valuedouble;
	else
		fail_msg("%s: status of %s has no %s", s->self, peer, field);
	cJSON_Delete(st);
	return n;
}

/* A counter of frames s rejected from no peer it knows. */
static int64_t
unattributed(side *s, const char *reason)
{
	cJSON *st = yousu_link_status(s->l);
	cJSON *v = cJSON_GetObjectItem(
	    cJSON_GetObjectItem(st, "rejected_unattributed"), reason);
	int64_t n;

	assert_true(cJSON_IsNumber(v));
	n = (int64_t) v->valuedouble;
	cJSON_Delete(st);
	return n;
}

/* A top-level number of s's status ("connections_out", ...). */
static int64_t
connections(side *s, const char *field)
{
	cJSON *st = yousu_link_status(s->l);
	cJSON *v = cJSON_GetObjectItem(st, field);
	int64_t n;

	assert_true(cJSON_IsNumber(v));
	n = (int64_t) v->valuedouble;
	cJSON_Delete(st);
	return n;
}

static bool
both_online(env *e)
{
	return peer_num(&e->hub, "HD", "online") &&
	       peer_num(&e->hd, "SQ", "online");
}

static void
connect_both(env *e)
{
	open_side(e, &e->hub);
	open_side(e, &e->hd);
	RUN_UNTIL(&e->hub, &e->hd, both_online(e), 3000);
}

/* --- over the network -------------------------------------------------- */

/* Both ways, in order, once each; a rolled-back enqueue never leaves;
 * the outbox is emptied once acked; the status says so. */
static void
test_in_order_once(void **state)
{
	env *e = *state;
	char dead[256];

	connect_both(e);
	/* queued in a transaction rolled back: never sent, no seq used */
	assert_int_equal(yousu_store_begin(e->hd.st), YOUSU_OK);
	assert_int_equal(yousu_link_enqueue(
	                     e->hd.l, "SQ", KIND, (const uint8_t *) "ghost", 5),
	    YOUSU_OK);
	yousu_store_rollback(e->hd.st);
	send_range(&e->hd, "SQ", "m", 1, 5);
	send_range(&e->hd, "SQ", "m", 6, 8);
	send_range(&e->hub, "HD", "d", 1, 3);
	RUN_UNTIL(&e->hub, &e->hd,
	    got_count(&e->hub) == 8 && got_count(&e->hd) == 3 &&
	        peer_num(&e->hd, "SQ", "backlog") == 0 &&
	        peer_num(&e->hub, "HD", "backlog") == 0,
	    3000);
	assert_string_equal(got(&e->hub), "m1,m2,m3,m4,m5,m6,m7,m8");
	assert_string_equal(got(&e->hd), "d1,d2,d3");
	assert_int_equal(
	    sql_int(&e->hub, "SELECT count(*) FROM got"
	                     " WHERE peer <> 'HD' OR kind <> 'note'"),
	    0);
	assert_int_equal(
	    sql_int(&e->hd, "SELECT count(*) FROM got"
	                    " WHERE peer <> 'SQ' OR kind <> 'note'"),
	    0);
	/* the child's view of its parent */
	assert_int_equal(peer_num(&e->hd, "SQ", "sent_seq"), 8);
	assert_int_equal(peer_num(&e->hd, "SQ", "acked_seq"), 8);
	assert_int_equal(peer_num(&e->hd, "SQ", "received_seq"), 3);
	assert_int_equal(peer_num(&e->hd, "SQ", "applied"), 3);
	assert_true(peer_num(&e->hd, "SQ", "online"));
	/* the parent's view of each child */
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 8);
	assert_int_equal(peer_num(&e->hub, "HD", "applied"), 8);
	assert_int_equal(peer_num(&e->hub, "HD", "sent_seq"), 3);
	assert_int_equal(peer_num(&e->hub, "HD", "acked_seq"), 3);
	assert_true(peer_num(&e->hub, "HD", "frames_in") > 0);
	assert_true(peer_num(&e->hub, "HD", "last_seen_ms") > 0);
	assert_false(peer_num(&e->hub, "LZ", "online"));
	assert_int_equal(peer_num(&e->hub, "LZ", "frames_in"), 0);
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.dead_letter"), 0);
	assert_string_equal(
	    sql_rows(&e->hub, "SELECT seq FROM link_dead", dead, sizeof dead),
	    "");
	/* acknowledged messages leave the outbox */
	RUN_UNTIL(&e->hub, &e->hd,
	    sql_int(&e->hd, "SELECT count(*) FROM link_outbox") == 0 &&
	        sql_int(&e->hub, "SELECT count(*) FROM link_outbox") == 0,
	    3000);
	assert_int_equal(got_most(&e->hub), 1);
	assert_int_equal(got_most(&e->hd), 1);
}

/* Received messages are applied 256 a run at most (the loop's other
 * users never wait behind a backlog), the rest at the next runs: in
 * order, each once. */
static void
test_big_frames(void **state)
{
	env *e = *state;
	int64_t until, most = 0;

	connect_both(e);
	send_range(&e->hd, "SQ", "m", 1, 600);
	until = now_ms() + 5000;
	while (got_count(&e->hub) < 600 && now_ms() < until) {
		int64_t before = got_count(&e->hub), d;

		turn(&e->hub, &e->hd); /* one run of the hub's link */
		if ((d = got_count(&e->hub) - before) > most)
			most = d;
	}
	assert_int_equal(got_count(&e->hub), 600);
	assert_true(most > 0 && most <= 256); /* never more than a frame */
	assert_int_equal(got_most(&e->hub), 1);
	assert_int_equal(
	    sql_int(&e->hub, "SELECT count(*) FROM got g WHERE body <> 'm' ||"
	                     " (SELECT count(*) FROM got h"
	                     " WHERE h.rowid <= g.rowid)"),
	    0);
	assert_int_equal(peer_num(&e->hub, "HD", "applied"), 600);
	RUN_UNTIL(
	    &e->hub, &e->hd, peer_num(&e->hd, "SQ", "acked_seq") == 600, 3000);
}

/* A window of 2: while nothing is acked only m1 and m2 are sent (and
 * resent); then all 10 arrive, in order, once. */
static void
test_window(void **state)
{
	env *e = *state;

	e->tune.window = 2;
	connect_both(e);
	send_range(&e->hd, "SQ", "m", 1, 10);
	run_for(&e->hd, NULL, 300); /* the parent reads nothing meanwhile */
	/* the parent alone: its acks are not read, so what it gets is what
	 * the child sent without any */
	RUN_UNTIL(&e->hub, NULL, got_count(&e->hub) >= 2, 2000);
	run_for(&e->hub, NULL, 100);
	assert_string_equal(got(&e->hub), "m1,m2");
	assert_true(peer_num(&e->hub, "HD", "duplicates") > 0); /* resent */
	RUN_UNTIL(&e->hub, &e->hd,
	    got_count(&e->hub) == 10 && peer_num(&e->hd, "SQ", "backlog") == 0,
	    3000);
	assert_string_equal(got(&e->hub), "m1,m2,m3,m4,m5,m6,m7,m8,m9,m10");
	assert_int_equal(got_most(&e->hub), 1);
}

/* The parent goes down after applying m1..m3 but before the child
 * heard its ack; the child restarts and queues m4..m8 meanwhile. When
 * the parent is back the child resends from m1: m1..m3 are ignored as
 * duplicates, m4..m8 applied, each once. Then the other way: what the
 * parent queues while the child is down arrives when it is back. */
static void
test_resend_after_reopen(void **state)
{
	env *e = *state;

	connect_both(e);
	send_range(&e->hd, "SQ", "m", 1, 3);
	yousu_link_run(e->hd.l); /* sends m1..m3 */
	RUN_UNTIL(&e->hub, NULL, got_count(&e->hub) == 3, 3000);
	close_side(&e->hub);
	close_link(&e->hd); /* never read the parent's ack */
	open_link(e, &e->hd);
	assert_int_equal(peer_num(&e->hd, "SQ", "acked_seq"), 0);
	send_range(&e->hd, "SQ", "m", 4, 8);
	run_for(&e->hd, NULL, 200);
	assert_int_equal(peer_num(&e->hd, "SQ", "backlog"), 8);
	assert_int_equal(peer_num(&e->hd, "SQ", "sent_seq"), 8);
	assert_false(peer_num(&e->hd, "SQ", "online"));

	open_side(e, &e->hub);
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 3);
	assert_int_equal(peer_num(&e->hub, "HD", "duplicates"), 0);
	/* the child redials and resends from m1 before the parent has
	 * said anything; the parent then reads what came */
	RUN_UNTIL(
	    &e->hd, NULL, connections(&e->hd, "connections_out") > 0, 3000);
	run_for(&e->hd, NULL, 100);
	RUN_UNTIL(&e->hub, NULL, got_count(&e->hub) >= 8, 2000);
	RUN_UNTIL(
	    &e->hub, &e->hd, peer_num(&e->hd, "SQ", "backlog") == 0, 3000);
	assert_string_equal(got(&e->hub), "m1,m2,m3,m4,m5,m6,m7,m8");
	assert_int_equal(got_most(&e->hub), 1);
	assert_true(peer_num(&e->hub, "HD", "duplicates") >= 3);
	assert_int_equal(peer_num(&e->hub, "HD", "applied"), 5);
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 8);
	assert_int_equal(peer_num(&e->hd, "SQ", "acked_seq"), 8);

	/* the child down, the parent queues */
	close_link(&e->hd);
	send_range(&e->hub, "HD", "d", 1, 3);
	run_for(&e->hub, NULL, 500);
	assert_int_equal(peer_num(&e->hub, "HD", "backlog"), 3);
	assert_false(peer_num(&e->hub, "HD", "online"));
	assert_int_equal(got_count(&e->hd), 0);
	open_link(e, &e->hd);
	RUN_UNTIL(&e->hub, &e->hd,
	    got_count(&e->hd) >= 3 && peer_num(&e->hub, "HD", "backlog") == 0,
	    3000);
	assert_string_equal(got(&e->hd), "d1,d2,d3");
	assert_int_equal(got_most(&e->hd), 1);
	assert_true(peer_num(&e->hub, "HD", "online"));
}

/* m3 refused as malformed: kept in link_dead with its reason, counted,
 * and the stream goes on (m4.., and a later transaction's m7). */
static void
test_dead_letter(void **state)
{
	env *e = *state;
	char rows[512];

	e->hub.refuse = "m3";
	connect_both(e);
	send_range(&e->hd, "SQ", "m", 1, 6);
	RUN_UNTIL(&e->hub, &e->hd,
	    peer_num(&e->hub, "HD", "received_seq") == 6 &&
	        peer_num(&e->hd, "SQ", "backlog") == 0,
	    3000);
	assert_string_equal(got(&e->hub), "m1,m2,m4,m5,m6");
	assert_string_equal(
	    sql_rows(&e->hub,
	        "SELECT peer || ' ' || seq || ' ' || kind || ' ' ||"
	        " CAST(body AS TEXT) || ' ' || reason FROM link_dead",
	        rows, sizeof rows),
	    "HD 3 note m3 malformed message");
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.dead_letter"), 1);
	assert_int_equal(peer_num(&e->hub, "HD", "applied"), 6);
	assert_int_equal(peer_num(&e->hd, "SQ", "acked_seq"), 6);
	send_range(&e->hd, "SQ", "m", 7, 7);
	RUN_UNTIL(&e->hub, &e->hd, got_count(&e->hub) == 6, 3000);
	assert_string_equal(got(&e->hub), "m1,m2,m4,m5,m6,m7");
	assert_int_equal(sql_int(&e->hub, "SELECT count(*) FROM link_dead"), 1);
}

/* A store failure (YOUSU_DB) while applying m2 is not the message's
 * fault: nothing of the group commits, the sender resends, m2 is tried
 * again until it goes through; no dead letter, order kept, once each. */
static void
test_db_failure_retried(void **state)
{
	env *e = *state;

	e->hub.db_fail = "m2";
	e->hub.db_fail_left = 3;
	connect_both(e);
	send_range(&e->hd, "SQ", "m", 1, 4);
	RUN_UNTIL(&e->hub, &e->hd, e->hub.db_fail_calls >= 1, 3000);
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 0);
	assert_int_equal(got_count(&e->hub), 0); /* m1 rolled back too */
	RUN_UNTIL(&e->hub, &e->hd,
	    got_count(&e->hub) == 4 && peer_num(&e->hd, "SQ", "backlog") == 0,
	    3000);
	assert_string_equal(got(&e->hub), "m1,m2,m3,m4");
	assert_int_equal(got_most(&e->hub), 1);
	assert_int_equal(e->hub.db_fail_calls, 4);
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 4);
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.dead_letter"), 0);
	assert_int_equal(sql_int(&e->hub, "SELECT count(*) FROM link_dead"), 0);
}

/* A peer that is not configured; and the status of links that have
 * not run yet, then of a child seen and lost. */
static void
test_peers_and_status(void **state)
{
	env *e = *state;
	cJSON *st, *peers;

	open_side(e, &e->hub);
	open_side(e, &e->hd);
	assert_true(yousu_link_has_peer(e->hub.l, "HD"));
	assert_true(yousu_link_has_peer(e->hub.l, "LZ"));
	assert_false(yousu_link_has_peer(e->hub.l, "XX"));
	assert_false(yousu_link_has_peer(e->hd.l, "LZ"));
	assert_int_equal(yousu_store_begin(e->hd.st), YOUSU_OK);
	assert_int_equal(
	    yousu_link_enqueue(e->hd.l, "LZ", KIND, (const uint8_t *) "x", 1),
	    YOUSU_NOTFOUND);
	assert_int_equal(
	    yousu_link_enqueue(e->hub.l, "XX", KIND, (const uint8_t *) "x", 1),
	    YOUSU_NOTFOUND);
	assert_int_equal(yousu_store_commit(e->hd.st), YOUSU_OK);
	assert_int_equal(
	    sql_int(&e->hd, "SELECT count(*) FROM link_outbox"), 0);
	assert_int_equal(
	    sql_int(&e->hub, "SELECT count(*) FROM link_outbox"), 0);

	st = yousu_link_status(e->hub.l);
	assert_string_equal(cJSON_GetObjectItem(st, "self")->valuestring, "SQ");
	assert_string_equal(
	    cJSON_GetObjectItem(st, "side")->valuestring, "parent");
	assert_string_equal(
	    cJSON_GetObjectItem(st, "uplink")->valuestring, e->up);
	peers = cJSON_GetObjectItem(st, "peers");
	assert_int_equal(cJSON_GetArraySize(peers), 2);
	assert_string_equal(
	    cJSON_GetObjectItem(cJSON_GetArrayItem(peers, 0), "peer")
	        ->valuestring,
	    "HD");
	assert_string_equal(
	    cJSON_GetObjectItem(cJSON_GetArrayItem(peers, 1), "role")
	        ->valuestring,
	    "child");
	cJSON_Delete(st);
	st = yousu_link_status(e->hd.l);
	assert_string_equal(
	    cJSON_GetObjectItem(st, "side")->valuestring, "child");
	peers = cJSON_GetObjectItem(st, "peers");
	assert_int_equal(cJSON_GetArraySize(peers), 1);
	assert_string_equal(
	    cJSON_GetObjectItem(cJSON_GetArrayItem(peers, 0), "role")
	        ->valuestring,
	    "parent");
	cJSON_Delete(st);
	assert_false(peer_num(&e->hub, "HD", "online"));
	assert_int_equal(peer_num(&e->hub, "HD", "last_seen_ms"), 0);
	/* queued, not run: in the backlog at once */
	send_range(&e->hub, "LZ", "z", 1, 3);
	assert_int_equal(peer_num(&e->hub, "LZ", "sent_seq"), 3);
	assert_int_equal(peer_num(&e->hub, "LZ", "backlog"), 3);
	assert_int_equal(peer_num(&e->hub, "LZ", "acked_seq"), 0);
	assert_int_equal(peer_num(&e->hub, "HD", "backlog"), 0);

	/* HD comes online, LZ never does; HD goes and is offline */
	RUN_UNTIL(&e->hub, &e->hd, both_online(e), 3000);
	assert_false(peer_num(&e->hub, "LZ", "online"));
	assert_int_equal(peer_num(&e->hub, "LZ", "backlog"), 3);
	close_link(&e->hd);
	RUN_UNTIL(&e->hub, NULL, !peer_num(&e->hub, "HD", "online"), 3000);
	assert_true(peer_num(&e->hub, "HD", "last_seen_ms") > 0);
}

static bool
contains(const uint8_t *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return true;
	return false;
}

/* Sealing at rest: what the parent seals for HD only HD opens; another
 * child, another recipient, an unknown sender, any altered or cut byte
 * fail; and the other way round. */
static void
test_seal(void **state)
{
	env *e = *state;
	static const char msg[] = "{\"caller\":\"王某某\",\"phone\":\"138\"}";
	side lz = {.self = "LZ"};
	uint8_t *sealed = NULL, *again = NULL, *out = NULL;
	size_t slen = 0, alen = 0, olen = 0;

	snprintf(lz.path, sizeof lz.path, "%s/lz.db", e->dir);
	open_side(e, &e->hub);
	open_side(e, &e->hd);
	open_side(e, &lz);
	assert_int_equal(yousu_link_seal(e->hub.l, "HD", (const uint8_t *) msg,
	                     strlen(msg), &sealed, &slen),
	    YOUSU_OK);
	assert_true(slen > strlen(msg));
	assert_false(contains(sealed, slen, "王某某"));
	assert_int_equal(
	    yousu_link_unseal(e->hd.l, "HD", "SQ", sealed, slen, &out, &olen),
	    YOUSU_OK);
	assert_int_equal(olen, strlen(msg));
	assert_string_equal((const char *) out, msg); /* NUL-terminated */
	free(out);
	out = NULL;
	/* a fresh nonce each time */
	assert_int_equal(yousu_link_seal(e->hub.l, "HD", (const uint8_t *) msg,
	                     strlen(msg), &again, &alen),
	    YOUSU_OK);
	assert_int_equal(alen, slen);
	assert_memory_not_equal(again, sealed, slen);
	free(again);

	/* LZ has another key; HD is not LZ; SQ is not XX */
	assert_int_equal(
	    yousu_link_unseal(lz.l, "LZ", "SQ", sealed, slen, &out, &olen),
	    YOUSU_CRYPTO);
	assert_int_equal(
	    yousu_link_unseal(lz.l, "HD", "SQ", sealed, slen, &out, &olen),
	    YOUSU_CRYPTO);
	assert_int_equal(
	    yousu_link_unseal(e->hd.l, "LZ", "SQ", sealed, slen, &out, &olen),
	    YOUSU_CRYPTO);
	assert_int_equal(
	    yousu_link_unseal(e->hd.l, "HD", "XX", sealed, slen, &out, &olen),
	    YOUSU_NOTFOUND);
	/* every byte altered, every length cut */
	for (size_t i = 0; i < slen; i++) {
		sealed[i] ^= 0x20;
		if (yousu_link_unseal(e->hd.l, "HD", "SQ", sealed, slen, &out,
		        &olen) != YOUSU_CRYPTO)
			fail_msg("byte %zu of %zu altered and still opened", i,
			    slen);
		sealed[i] ^= 0x20;
	}
	for (size_t n = 0; n < slen; n++)
		if (yousu_link_unseal(e->hd.l, "HD", "SQ", sealed, n, &out,
		        &olen) != YOUSU_CRYPTO)
			fail_msg("cut to %zu of %zu bytes and still opened", n,
			    slen);
	assert_null(out);
	free(sealed);
	assert_int_equal(yousu_link_seal(e->hub.l, "XX", (const uint8_t *) msg,
	                     strlen(msg), &sealed, &slen),
	    YOUSU_NOTFOUND);

	/* the child seals for its parent; empty is fine */
	assert_int_equal(yousu_link_seal(e->hd.l, "SQ", (const uint8_t *) "", 0,
	                     &sealed, &slen),
	    YOUSU_OK);
	assert_int_equal(
	    yousu_link_unseal(e->hub.l, "SQ", "HD", sealed, slen, &out, &olen),
	    YOUSU_OK);
	assert_int_equal(olen, 0);
	assert_string_equal((const char *) out, "");
	free(out);
	assert_int_equal(
	    yousu_link_unseal(e->hub.l, "SQ", "LZ", sealed, slen, &out, &olen),
	    YOUSU_CRYPTO);
	free(sealed);
	/* a child link closed while its dials are still connecting was
	 * seen to leave nng 1.5.2's dialer objects behind (LeakSanitizer):
	 * let the dials settle first */
	run_for(&lz, &e->hd, 100);
	close_side(&lz);
}

/* --- frames on the wire format, fed to the parent ----------------------- */

/* The associated data of a frame, as the link computes it. */
static size_t
frame_ad(uint8_t *ad, size_t cap, uint32_t version, const char *from,
    const char *to, uint64_t counter)
{
	size_t n = (size_t) snprintf(
	    (char *) ad, cap, "yousu%u|%s|%s|", version, from, to);

	for (int i = 7; i >= 0; i--)
		ad[n++] = (uint8_t) (counter >> (8 * i));
	return n;
}

typedef struct {
	const char *from, *to;
	uint32_t version;
	const uint8_t *key;
	uint64_t counter, ack;
	const int *seqs;            /* 0-terminated; body "m<seq>" */
	size_t pad;                 /* extra bytes in the first body */
	const char *inc, *peer_inc; /* NULL: INC_A, "" */
} frame_spec;

#define INC_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define INC_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

/* topic "<to>\0" + a Frame sealing a Payload of the messages of fs. */
static uint8_t *
build_frame(const frame_spec *fs, size_t *len)
{
	Yousu__Frame f = YOUSU__FRAME__INIT;
	Yousu__Payload pl = YOUSU__PAYLOAD__INIT;
	Yousu__Message msgs[8], *mp[8];
	char bodies[8][32];
	uint8_t nonce[24], ad[96], *plain, *sealed, *buf, *big = NULL;
	unsigned long long clen = 0;
	size_t plen, flen, tlen = strlen(fs->to) + 1;

	for (; fs->seqs[pl.n_msgs] != 0; pl.n_msgs++) {
		size_t i = pl.n_msgs;

		assert_true(i < 8);
		yousu__message__init(&msgs[i]);
		msgs[i].seq = (uint64_t) fs->seqs[i];
		msgs[i].kind = KIND;
		msgs[i].body.len = (size_t) snprintf(
		    bodies[i], sizeof bodies[i], "m%d", fs->seqs[i]);
		msgs[i].body.data = (uint8_t *) bodies[i];
		mp[i] = &msgs[i];
	}
	if (fs->pad > 0 && pl.n_msgs > 0) {
		big = calloc(1, fs->pad + 32);
		memcpy(big, bodies[0], msgs[0].body.len);
		msgs[0].body.data = big;
		msgs[0].body.len += fs->pad;
	}
	pl.ack = fs->ack;
	pl.msgs = mp;
	pl.incarnation = (char *) (fs->inc ? fs->inc : INC_A);
	pl.peer_incarnation = (char *) (fs->peer_inc ? fs->peer_inc : "");
	plen = yousu__payload__get_packed_size(&pl);
	plain = malloc(plen + 1);
	sealed = malloc(plen + 16);
	yousu__payload__pack(&pl, plain);
	randombytes_buf(nonce, sizeof nonce);
	f.version = fs->version;
	f.from = (char *) fs->from;
	f.to = (char *) fs->to;
	f.counter = fs->counter;
	crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, &clen, plain, plen,
	    ad,
	    frame_ad(ad, sizeof ad, fs->version, fs->from, fs->to, fs->counter),
	    NULL, nonce, fs->key);
	f.nonce = (ProtobufCBinaryData){sizeof nonce, nonce};
	f.sealed = (ProtobufCBinaryData){(size_t) clen, sealed};
	flen = yousu__frame__get_packed_size(&f);
	buf = malloc(tlen + flen);
	memcpy(buf, fs->to, tlen);
	yousu__frame__pack(&f, buf + tlen);
	*len = tlen + flen;
	free(plain);
	free(sealed);
	free(big);
	return buf;
}

/* Feed the parent a frame from HD to SQ with HD's key. */
static void
feed(env *e, uint64_t counter, uint64_t ack, const int *seqs)
{
	frame_spec fs = {"HD", "SQ", 1, e->key_hd, counter, ack, seqs, 0};
	size_t len;
	uint8_t *buf = build_frame(&fs, &len);

	yousu__link_feed(e->hub.l, buf, len);
	free(buf);
}

static void
feed_spec(env *e, const frame_spec *fs)
{
	size_t len;
	uint8_t *buf = build_frame(fs, &len);

	yousu__link_feed(e->hub.l, buf, len);
	free(buf);
}

/* The same frame twice, a message again in a later frame, a gap (alone
 * and inside a frame), then the missing ones: each applied once, in
 * order. */
static void
test_frames_dup_gap(void **state)
{
	env *e = *state;
	frame_spec fs = {"HD", "SQ", 1, NULL, 1, 0, (const int[]){1, 2, 0}, 0};
	uint8_t *f1;
	size_t len;

	open_side(e, &e->hub);
	fs.key = e->key_hd;
	f1 = build_frame(&fs, &len);
	yousu__link_feed(e->hub.l, f1, len);
	assert_string_equal(got(&e->hub), "m1,m2");
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 2);
	assert_true(peer_num(&e->hub, "HD", "online"));
	yousu__link_feed(e->hub.l, f1, len); /* the same frame: replayed */
	free(f1);
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.replayed"), 1);
	assert_string_equal(got(&e->hub), "m1,m2");

	feed(e, 2, 0, (const int[]){2, 3, 0}); /* 2 again, then 3 */
	assert_string_equal(got(&e->hub), "m1,m2,m3");
	assert_int_equal(peer_num(&e->hub, "HD", "duplicates"), 1);
	feed(e, 3, 0, (const int[]){5, 0}); /* a gap */
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.gap"), 1);
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 3);
	assert_string_equal(got(&e->hub), "m1,m2,m3");
	feed(e, 4, 0, (const int[]){3, 4, 5, 0});
	assert_string_equal(got(&e->hub), "m1,m2,m3,m4,m5");
	assert_int_equal(peer_num(&e->hub, "HD", "duplicates"), 2);
	feed(e, 5, 0, (const int[]){6, 8, 7, 0}); /* the gap stops the rest */
	assert_string_equal(got(&e->hub), "m1,m2,m3,m4,m5,m6");
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.gap"), 2);
	feed(e, 6, 0, (const int[]){7, 8, 0});
	assert_string_equal(got(&e->hub), "m1,m2,m3,m4,m5,m6,m7,m8");
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 8);
	assert_int_equal(peer_num(&e->hub, "HD", "applied"), 8);
	assert_int_equal(got_most(&e->hub), 1);
}

/* Frames from strangers, forged, tampered, cut, misrouted, of another
 * version, too large, or acking what was never sent: each dropped and
 * counted under its reason, nothing applied, and none of them (their
 * high counters) keeps HD's next good frame out. */
static void
test_frames_rejected(void **state)
{
	env *e = *state;
	uint8_t stranger[YOUSU_KEY_BYTES], *buf;
	const int one[] = {1, 0}, two[] = {2, 0}, none[] = {0};
	frame_spec fs = {"HD", "SQ", 1, NULL, 1000, 0, one, 0};
	size_t len;

	e->tune.max_frame = 4096;
	open_side(e, &e->hub);
	randombytes_buf(stranger, sizeof stranger);
	fs.key = stranger; /* HD's name, another key */
	feed_spec(e, &fs);
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.auth_failed"), 1);
	fs.from = "XX"; /* nobody we know */
	feed_spec(e, &fs);
	assert_int_equal(unattributed(&e->hub, "unknown_peer"), 1);
	fs.from = "HD";
	fs.key = e->key_hd;
	fs.to = "LZ"; /* meant for another */
	feed_spec(e, &fs);
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.misrouted"), 1);
	fs.to = "SQ";
	fs.version = 2;
	feed_spec(e, &fs);
	assert_int_equal(unattributed(&e->hub, "wrong_version"), 1);
	fs.version = 1;
	buf = build_frame(&fs, &len);
	buf[len - 1] ^= 0x01; /* the last byte of the tag */
	yousu__link_feed(e->hub.l, buf, len);
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.auth_failed"), 2);
	buf[len - 1] ^= 0x01;
	yousu__link_feed(e->hub.l, buf, len / 2); /* cut */
	assert_int_equal(unattributed(&e->hub, "malformed"), 1);
	yousu__link_feed(e->hub.l, (const uint8_t *) "SQSQSQSQSQSQSQSQSQSQ",
	    20); /* no topic */
	assert_int_equal(unattributed(&e->hub, "malformed"), 2);
	free(buf);
	fs.pad = 5000; /* over max_frame */
	feed_spec(e, &fs);
	assert_int_equal(unattributed(&e->hub, "oversized"), 1);
	fs.pad = 0;
	assert_int_equal(got_count(&e->hub), 0);
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 0);
	assert_int_equal(peer_num(&e->hub, "HD", "frames_in"), 0);
	assert_false(peer_num(&e->hub, "HD", "online"));

	/* HD's own frame with a low counter still goes in */
	feed(e, 1, 0, one);
	assert_string_equal(got(&e->hub), "m1");
	/* an ack of what SQ never sent HD */
	feed(e, 2, 5, none);
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.bad_ack"), 1);
	assert_int_equal(peer_num(&e->hub, "HD", "acked_seq"), 0);
	feed(e, 3, 0, two);
	assert_string_equal(got(&e->hub), "m1,m2");
	assert_int_equal(peer_num(&e->hub, "LZ", "frames_in"), 0);
}

/* The replay guard outlives a restart: the counter is stored with the
 * cursor. */
static void
test_frames_replay_after_restart(void **state)
{
	env *e = *state;

	open_side(e, &e->hub);
	feed(e, 10, 0, (const int[]){1, 0});
	assert_string_equal(got(&e->hub), "m1");
	close_link(&e->hub);
	open_link(e, &e->hub);
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 1);
	feed(e, 5, 0, (const int[]){2, 0}); /* an old counter */
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.replayed"), 1);
	assert_string_equal(got(&e->hub), "m1");
	feed(e, 11, 0, (const int[]){2, 0});
	assert_string_equal(got(&e->hub), "m1,m2");
}

/* The reset callback of the tests: "r1", "r2" for the peer. */
static yousu_err
on_reset(void *arg, yousu_link *l, const char *peer)
{
	(void) arg;
	if (yousu_link_enqueue(l, peer, KIND, (const uint8_t *) "r1", 2) ||
	    yousu_link_enqueue(l, peer, KIND, (const uint8_t *) "r2", 2))
		return YOUSU_DB;
	return YOUSU_OK;
}

static const char *
outbox(side *s, const char *peer)
{
	static char buf[256];
	char sql[128];

	snprintf(sql, sizeof sql,
	    "SELECT body FROM link_outbox WHERE peer = '%s' ORDER BY seq",
	    peer);
	return sql_rows(s, sql, buf, sizeof buf);
}

static const char *
self_inc(side *s)
{
	static char buf[40];
	cJSON *st = yousu_link_status(s->l);
	const cJSON *v = cJSON_GetObjectItem(st, "incarnation");

	snprintf(
	    buf, sizeof buf, "%s", cJSON_IsString(v) ? v->valuestring : "");
	cJSON_Delete(st);
	return buf;
}

/* HD's store turns out new (another incarnation, its counters from 1):
 * the channel restarts on the hub's side (its new seq 1 is taken, the
 * resynchronisation's messages go first in the outbox, the unacknowledged
 * ones after them, in order); a frame of HD's old store is a replay; a
 * frame meant for an earlier store of the hub's is taken as a sign of
 * life only. */
static void
test_incarnation_restart(void **state)
{
	env *e = *state;
	char mine[40];
	frame_spec fs = {
	    "HD", "SQ", 1, NULL, 1, 0, (const int[]){1, 0}, 0, INC_B, NULL};

	e->tune.reset = on_reset;
	open_side(e, &e->hub);
	snprintf(mine, sizeof mine, "%s", self_inc(&e->hub));
	assert_int_equal(strlen(mine), 32);
	send_range(&e->hub, "HD", "p", 1, 3);
	assert_int_equal(peer_num(&e->hub, "HD", "backlog"), 3);
	feed(e, 10, 1, (const int[]){1, 2, 0}); /* HD's first store, INC_A */
	assert_string_equal(got(&e->hub), "m1,m2");
	assert_int_equal(peer_num(&e->hub, "HD", "acked_seq"), 1);
	assert_int_equal(peer_num(&e->hub, "HD", "resync.count"), 0);

	fs.key = e->key_hd;
	feed_spec(e, &fs); /* HD's new store: counter 1, seq 1 */
	assert_string_equal(got(&e->hub), "m1,m2,m1");
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 1);
	assert_int_equal(peer_num(&e->hub, "HD", "acked_seq"), 0);
	assert_int_equal(peer_num(&e->hub, "HD", "resync.count"), 1);
	assert_int_equal(peer_num(&e->hub, "HD", "resync.messages"), 2);
	assert_false(peer_num(&e->hub, "HD", "resync.done"));
	assert_string_equal(outbox(&e->hub, "HD"), "r1,r2,p2,p3");
	assert_int_equal(
	    sql_int(&e->hub, "SELECT min(seq) FROM link_outbox"), 1);

	feed(e, 11, 0, (const int[]){2, 0}); /* the old store again */
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.replayed"), 1);
	assert_string_equal(got(&e->hub), "m1,m2,m1");

	fs.counter = 2; /* for a store of the hub's it never had */
	fs.seqs = (const int[]){2, 0};
	fs.peer_inc = INC_B;
	feed_spec(e, &fs);
	assert_int_equal(peer_num(&e->hub, "HD", "stale_frames"), 1);
	assert_string_equal(got(&e->hub), "m1,m2,m1");
	fs.counter = 3; /* for the hub's own: taken, and its ack too */
	fs.peer_inc = mine;
	fs.ack = 2;
	feed_spec(e, &fs);
	assert_string_equal(got(&e->hub), "m1,m2,m1,m2");
	assert_int_equal(peer_num(&e->hub, "HD", "acked_seq"), 2);
	assert_true(peer_num(&e->hub, "HD", "resync.done"));

	/* all of it outlives a restart */
	close_link(&e->hub);
	open_link(e, &e->hub);
	assert_int_equal(peer_num(&e->hub, "HD", "resync.count"), 1);
	assert_string_equal(self_inc(&e->hub), mine);
	feed(e, 12, 0, (const int[]){3, 0}); /* counted since the restart */
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.replayed"), 1);
	assert_string_equal(got(&e->hub), "m1,m2,m1,m2");
}

/* HD keeps acknowledging what the hub never sent: the hub's store went
 * back in time without a new incarnation (copied by other means). After
 * three such frames the hub takes a new incarnation and restarts its
 * channels; HD's frames for the old one are then only signs of life. */
static void
test_went_back(void **state)
{
	env *e = *state;
	char old[40];
	frame_spec fs = {
	    "HD", "SQ", 1, NULL, 1, 7, (const int[]){0}, 0, NULL, NULL};

	open_side(e, &e->hub);
	snprintf(old, sizeof old, "%s", self_inc(&e->hub));
	fs.key = e->key_hd;
	fs.peer_inc = old;
	for (int i = 1; i <= 2; i++) {
		fs.counter = (uint64_t) i;
		feed_spec(e, &fs);
		yousu_link_run(e->hub.l);
	}
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.bad_ack"), 2);
	assert_string_equal(self_inc(&e->hub), old); /* not yet */
	fs.counter = 3;
	feed_spec(e, &fs);
	yousu_link_run(e->hub.l);
	assert_string_not_equal(self_inc(&e->hub), old);
	assert_int_equal(strlen(self_inc(&e->hub)), 32);
	fs.counter = 4;
	fs.seqs = (const int[]){1, 0};
	feed_spec(e, &fs); /* still for the old store */
	assert_int_equal(peer_num(&e->hub, "HD", "stale_frames"), 1);
	assert_int_equal(got_count(&e->hub), 0);
}

/* HD restored from a copy of its store (yousuctl backup leaves out the
 * incarnation): on real sockets it takes a new incarnation and restarts
 * its channel, the hub sees it and restarts its own, sends the
 * resynchronisation, and both go on exactly once. */
static void
test_incarnation_restored(void **state)
{
	env *e = *state;
	char old[40];

	e->tune.reset = on_reset;
	open_side(e, &e->hub);
	open_side(e, &e->hd);
	send_range(&e->hd, "SQ", "a", 1, 5);
	RUN_UNTIL(&e->hub, &e->hd,
	    got_count(&e->hub) == 5 && peer_num(&e->hd, "SQ", "backlog") == 0,
	    5000);
	snprintf(old, sizeof old, "%s", self_inc(&e->hd));
	close_side(&e->hd);
	/* the copy: the store as it was, without its incarnation */
	open_store(&e->hd);
	sql_exec(&e->hd, "DELETE FROM settings WHERE key = 'incarnation'");
	open_link(e, &e->hd);
	assert_string_not_equal(self_inc(&e->hd), old);
	assert_int_equal(peer_num(&e->hd, "SQ", "received_seq"), 0);
	send_range(&e->hd, "SQ", "b", 1, 3);
	RUN_UNTIL(&e->hub, &e->hd,
	    got_count(&e->hub) == 8 && got_count(&e->hd) == 2 &&
	        peer_num(&e->hub, "HD", "resync.done") == 1,
	    5000);
	assert_string_equal(got(&e->hd), "r1,r2");
	assert_string_equal(got(&e->hub), "a1,a2,a3,a4,a5,b1,b2,b3");
	run_for(&e->hub, &e->hd, 300);
	assert_int_equal(got_most(&e->hub), 1);
	assert_int_equal(got_most(&e->hd), 1);
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.gap"), 0);
}

/* m2 refused after it wrote, in one group with m1 and m3: the group
 * is applied again with a savepoint each, so m2's row goes, m1 and m3
 * stay (once each) and m2 is a dead letter. */
static void
test_dead_letter_after_write(void **state)
{
	env *e = *state;
	char rows[256];

	e->hub.refuse_after = "m2";
	open_side(e, &e->hub);
	feed(e, 1, 0, (const int[]){1, 2, 3, 0});
	assert_string_equal(got(&e->hub), "m1,m3");
	assert_string_equal(
	    sql_rows(&e->hub,
	        "SELECT seq || ' ' || CAST(body AS TEXT) FROM link_dead", rows,
	        sizeof rows),
	    "2 m2");
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 3);
	/* one dead letter, counted once: not in the light pass that was
	 * rolled back, only in the one with savepoints that committed */
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.dead_letter"), 1);
	feed(e, 2, 0, (const int[]){4, 0});
	assert_string_equal(got(&e->hub), "m1,m3,m4");
	assert_int_equal(sql_int(&e->hub, "SELECT count(*) FROM link_dead"), 1);
}

/* With dead_bodies off (the city) a dead letter keeps the length and a
 * BLAKE2b-128 hash of the body, never the body. */
static void
test_dead_letter_digest(void **state)
{
	env *e = *state;
	uint8_t h[16];
	char want[80] = "2 bytes, blake2b-128 ", rows[256];

	e->tune.dead_bodies = false;
	e->hub.refuse = "m1";
	open_side(e, &e->hub);
	feed(e, 1, 0, (const int[]){1, 2, 0});
	assert_string_equal(got(&e->hub), "m2");
	crypto_generichash(h, sizeof h, (const uint8_t *) "m1", 2, NULL, 0);
	sodium_bin2hex(
	    want + strlen(want), sizeof want - strlen(want), h, sizeof h);
	assert_string_equal(
	    sql_rows(&e->hub, "SELECT CAST(body AS TEXT) FROM link_dead", rows,
	        sizeof rows),
	    want);
	assert_int_equal(peer_num(&e->hub, "HD", "rejected.dead_letter"), 1);
	assert_int_equal(peer_num(&e->hub, "HD", "received_seq"), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_in_order_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_window, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_big_frames, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_resend_after_reopen, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_dead_letter, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_db_failure_retried, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_peers_and_status, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_seal, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_frames_dup_gap, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_frames_rejected, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_frames_replay_after_restart, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_dead_letter_after_write, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_dead_letter_digest, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_incarnation_restart, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_incarnation_restored, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_went_back, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
