/* Mosquitto QoS 1 pipeline, the tool a county IT office would otherwise
 * pick: see mosq.h. */
#include "mosq.h"

#include <arpa/inet.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"
#include "yousu.pb-c.h"
#include "yousu/replica.h"
#include "yousu/store.h"

#define TOPIC  "yousu/events"
#define PER_TX 256

typedef struct {
	yousu_store *st;
	long long applied, pending, dups;
	bool in_tx, got;
	unsigned char *seen; /* by event slot: delivered already */
	long long total, per, slots;
	struct mosquitto *sub;
	int64_t deadline;
} sub_state;

static int
free_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *) &a, sizeof a) == 0 &&
	    getsockname(fd, (struct sockaddr *) &a, &len) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

static pid_t
start_broker(const char *dir, int port)
{
	char conf[512], text[1024];
	FILE *f;
	pid_t pid;

	snprintf(conf, sizeof conf, "%s/mosquitto.conf", dir);
	snprintf(text, sizeof text,
	    "listener %d 127.0.0.1\nallow_anonymous true\npersistence true\n"
	    "persistence_location %s/\nautosave_interval 1\n"
	    "max_queued_messages 0\nlog_dest none\n",
	    port, dir);
	if ((f = fopen(conf, "w")) == NULL)
		return -1;
	fputs(text, f);
	fclose(f);
	if ((pid = fork()) == 0) {
		execlp("mosquitto", "mosquitto", "-c", conf, (char *) NULL);
		execl("/usr/sbin/mosquitto", "mosquitto", "-c", conf,
		    (char *) NULL);
		_exit(127);
	}
	return pid;
}

/* Decode the event: its origin (written into origin) and its slot in
 * the seen table: centre Mnn or LIM (0), complaint number k. */
static long long
event_slot(const void *buf, size_t len, long long per, char origin[8])
{
	Yousu__Event *e = yousu__event__unpack(NULL, len, buf);
	long long slot = -1;

	if (e != NULL && strlen(e->complaint_id) > 12 &&
	    strlen(e->origin) < 8) {
		int centre = e->origin[0] == 'M' ? atoi(e->origin + 1) : 0;

		slot = (long long) centre * (per + 1) +
		       atoll(e->complaint_id + 12);
		strcpy(origin, e->origin);
	}
	if (e != NULL)
		yousu__event__free_unpacked(e, NULL);
	return slot;
}

static void
on_message(struct mosquitto *m, void *arg, const struct mosquitto_message *msg)
{
	sub_state *s = arg;
	char origin[8];
	long long slot;

	(void) m;
	s->got = true;
	slot =
	    event_slot(msg->payload, (size_t) msg->payloadlen, s->per, origin);
	if (slot < 0 || slot >= s->slots)
		return;
	if (!s->in_tx) {
		yousu_store_begin(s->st);
		s->in_tx = true;
	}
	if (yousu_replica_apply(s->st, origin, false, msg->payload,
	        (size_t) msg->payloadlen) != YOUSU_OK)
		return;
	if (s->seen[slot]) {
		s->dups++; /* a QoS 1 redelivery: the store kept one */
		return;
	}
	s->seen[slot] = 1;
	s->pending++;
}

static void
commit(sub_state *s)
{
	if (s->in_tx && yousu_store_commit(s->st) == YOUSU_OK)
		s->applied += s->pending;
	s->in_tx = false;
	s->pending = 0;
}

/* The subscriber, in its own thread: apply, commit every PER_TX or when
 * nothing more comes for 10 ms. */
static void *
subscriber(void *arg)
{
	sub_state *s = arg;

	while (s->applied < s->total && bl_now_ms() < s->deadline) {
		s->got = false;
		mosquitto_loop(s->sub, 10, 1);
		if (s->pending >= PER_TX || (!s->got && s->in_tx))
			commit(s);
	}
	commit(s);
	return NULL;
}

static struct mosquitto *
client(const char *id, bool clean, int port, void *arg)
{
	struct mosquitto *m = mosquitto_new(id, clean, arg);

	if (m == NULL)
		return NULL;
	mosquitto_max_inflight_messages_set(m, 1000);
	for (int i = 0; i < 100; i++) {
		if (mosquitto_connect(m, "127.0.0.1", port, 60) ==
		    MOSQ_ERR_SUCCESS)
			return m;
		usleep(20000);
	}
	mosquitto_destroy(m);
	return NULL;
}

typedef struct {
	int port;
	int index;       /* publisher number */
	long long count; /* events it publishes */
	bool intake;     /* take them at a local store first */
	const char *dir;
	atomic_llong acked; /* PUBACKs received */
} pub_job;

static void
on_publish(struct mosquitto *m, void *arg, int mid)
{
	pub_job *j = arg;

	(void) m, (void) mid;
	atomic_fetch_add(&j->acked, 1);
}

static void
publish(void *ctx, const uint8_t *b, size_t len)
{
	struct mosquitto *pub = ctx;

	while (mosquitto_publish(pub, NULL, TOPIC, (int) len, b, 1, false) ==
	       MOSQ_ERR_NOMEM)
		usleep(1000);
}

/* Pre-encoded events: the transport alone. */
static void
publish_events(struct mosquitto *pub, long long count)
{
	for (long long k = 1; k <= count; k++) {
		size_t len;
		uint8_t *b = bl_event_body("LIM", k, &len);

		publish(pub, b, len);
		free(b);
	}
}

static void *
publisher(void *arg)
{
	pub_job *j = arg;
	char id[32];
	struct mosquitto *pub;

	snprintf(id, sizeof id, "yousu-pub-%d", j->index);
	if ((pub = client(id, true, j->port, j)) == NULL)
		return NULL;
	mosquitto_publish_callback_set(pub, on_publish);
	mosquitto_loop_start(pub);
	if (j->intake)
		bl_intake_and(j->dir, j->index, j->count, publish, pub);
	else
		publish_events(pub, j->count);
	/* every QoS 1 handshake done before disconnecting */
	while (atomic_load(&j->acked) < j->count)
		usleep(1000);
	mosquitto_loop_stop(pub, true);
	mosquitto_disconnect(pub);
	mosquitto_destroy(pub);
	return NULL;
}

static double
run_pipeline(const char *dir, int npub, long long per, bool intake,
    long long *lost, long long *dup, const char **why)
{
	char path[512], err[256];
	int port = free_port();
	pid_t broker = start_broker(dir, port);
	long long total = (long long) npub * per;
	sub_state s = {.total = total, .per = per};
	pthread_t th, pubs[64];
	pub_job jobs[64];
	struct mosquitto *sub;
	int64_t t0, t1;

	*why = NULL;
	mosquitto_lib_init();
	snprintf(path, sizeof path, "%s/mosq-sub.db", dir);
	s.slots = (long long) (npub > 1 ? npub : 1) * (per + 1);
	if ((s.seen = calloc((size_t) s.slots, 1)) == NULL || broker < 0 ||
	    yousu_store_open(path, &s.st, err, sizeof err) ||
	    yousu_store_ledger_indexes(s.st, err, sizeof err)) {
		*why = "cannot start";
		return -1;
	}
	if ((sub = client("yousu-sub", false, port, &s)) == NULL) {
		*why = "mosquitto broker not reachable (is it installed?)";
		kill(broker, SIGTERM);
		waitpid(broker, NULL, 0);
		return -1;
	}
	mosquitto_message_callback_set(sub, on_message);
	mosquitto_subscribe(sub, NULL, TOPIC, 1);
	for (int i = 0; i < 20; i++)
		mosquitto_loop(sub, 10, 1);
	s.sub = sub;
	s.deadline = bl_now_ms() + 600000;
	t0 = bl_now_ms();
	pthread_create(&th, NULL, subscriber, &s);
	for (int i = 0; i < npub; i++) {
		jobs[i] = (pub_job){port, i, per, intake, dir, 0};
		pthread_create(&pubs[i], NULL, publisher, &jobs[i]);
	}
	for (int i = 0; i < npub; i++)
		pthread_join(pubs[i], NULL);
	pthread_join(th, NULL);
	t1 = bl_now_ms();
	mosquitto_disconnect(sub);
	mosquitto_destroy(sub);
	mosquitto_lib_cleanup();
	kill(broker, SIGTERM);
	waitpid(broker, NULL, 0);
	yousu_store_close(s.st);
	free(s.seen);
	*lost = total - s.applied;
	*dup = s.dups;
	return (double) s.applied * 1000.0 / (double) (t1 - t0 ? t1 - t0 : 1);
}

double
mosq_pipeline(const char *dir, long long total, long long *lost, long long *dup,
    const char **why)
{
	return run_pipeline(dir, 1, total, false, lost, dup, why);
}

double
mosq_pipeline_intake(const char *dir, int nodes, long long per, long long *lost,
    long long *dup, const char **why)
{
	return run_pipeline(dir, nodes, per, true, lost, dup, why);
}
