/* Mosquitto QoS 1 pipeline, the tool a county IT office would otherwise
 * pick: see mosq.h. */
#include "mosq.h"

#include <arpa/inet.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
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
	unsigned char *seen; /* by event number: delivered already */
	long long total;
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

/* The number k of event "LIM-20260924<k>". */
static long long
event_number(const void *buf, size_t len)
{
	Yousu__Event *e = yousu__event__unpack(NULL, len, buf);
	long long k = -1;

	if (e != NULL && strlen(e->complaint_id) > 12)
		k = atoll(e->complaint_id + 12);
	if (e != NULL)
		yousu__event__free_unpacked(e, NULL);
	return k;
}

static void
on_message(struct mosquitto *m, void *arg, const struct mosquitto_message *msg)
{
	sub_state *s = arg;
	long long k;

	(void) m;
	if (!s->in_tx) {
		yousu_store_begin(s->st);
		s->in_tx = true;
	}
	s->got = true;
	if (yousu_replica_apply(s->st, "LIM", msg->payload,
	        (size_t) msg->payloadlen) != YOUSU_OK)
		return;
	k = event_number(msg->payload, (size_t) msg->payloadlen);
	if (k < 1 || k > s->total || s->seen[k]) {
		s->dups++; /* a QoS 1 redelivery: the store kept one */
		return;
	}
	s->seen[k] = 1;
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

double
mosq_pipeline(const char *dir, long long total, long long *lost, long long *dup,
    const char **why)
{
	char path[512], err[256];
	int port = free_port();
	pid_t broker = start_broker(dir, port);
	sub_state s = {.total = total};
	struct mosquitto *sub, *pub;
	int64_t t0, t1;
	pthread_t th;
	long long rows;

	*why = NULL;
	mosquitto_lib_init();
	snprintf(path, sizeof path, "%s/mosq-sub.db", dir);
	if ((s.seen = calloc((size_t) total + 1, 1)) == NULL) {
		*why = "out of memory";
		return -1;
	}
	if (broker < 0 || yousu_store_open(path, &s.st, err, sizeof err)) {
		*why = "cannot start";
		return -1;
	}
	sub = client("yousu-sub", false, port, &s);
	pub = client("yousu-pub", true, port, NULL);
	if (sub == NULL || pub == NULL) {
		*why = "mosquitto broker not reachable (is it installed?)";
		kill(broker, SIGTERM);
		waitpid(broker, NULL, 0);
		return -1;
	}
	mosquitto_message_callback_set(sub, on_message);
	mosquitto_subscribe(sub, NULL, TOPIC, 1);
	for (int i = 0; i < 20; i++)
		mosquitto_loop(sub, 10, 1);
	mosquitto_loop_start(pub);
	s.sub = sub;
	s.deadline = bl_now_ms() + 600000;
	t0 = bl_now_ms();
	pthread_create(&th, NULL, subscriber, &s);
	for (long long k = 1; k <= total; k++) {
		size_t len;
		uint8_t *b = bl_event_body("LIM", k, &len);

		mosquitto_publish(pub, NULL, TOPIC, (int) len, b, 1, false);
		free(b);
	}
	pthread_join(th, NULL);
	t1 = bl_now_ms();
	mosquitto_loop_stop(pub, true);
	mosquitto_disconnect(pub);
	mosquitto_disconnect(sub);
	mosquitto_destroy(pub);
	mosquitto_destroy(sub);
	mosquitto_lib_cleanup();
	kill(broker, SIGTERM);
	waitpid(broker, NULL, 0);
	yousu_store_close(s.st);
	rows = s.applied;
	free(s.seen);
	*lost = total - rows;
	*dup = s.dups;
	return (double) rows * 1000.0 / (double) (t1 - t0 ? t1 - t0 : 1);
}
