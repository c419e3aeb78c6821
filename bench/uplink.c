/* bench/uplink: N township nodes x M complaints -> the county hub over
 * the sealed store-and-forward link, durable (WAL, synchronous=FULL),
 * exactly-once verified at the end. Prints complaints/s and the p50/p99
 * intake-to-hub-commit latency, beside two baselines measured in the same
 * run: the raw SQLite limit (the same events applied by one process into
 * the hub's schema, same durability) and a Mosquitto QoS 1 pipeline doing
 * the same: N publishers take the complaints at a local store with the
 * node's code and durability, then publish each event; one subscriber
 * applies them into the hub's schema.
 *
 *   uplink [NODES [COMPLAINTS_PER_NODE]] [--no-mosquitto]   (4 20000) */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchlib.h"
#include "mosq.h"

#define CHUNK 500

typedef struct {
	bl_run *r;
	int node;
	int count;
} feeder;

static void *
feed(void *arg)
{
	feeder *f = arg;

	for (int k = 1; k <= f->count; k += CHUNK)
		bl_intake_batch(f->r, f->node, k,
		    f->count - k + 1 < CHUNK ? f->count - k + 1 : CHUNK);
	return NULL;
}

int
main(int argc, char **argv)
{
	int n = 4, m = 20000, use_mosq = 1, pos = 0;
	bl_run r;
	pthread_t th[64];
	feeder fd[64];
	int64_t t0, t1;
	long long total, lost, dup, mlost = 0, mdup = 0;
	double rate, limit, mrate = -1, cpu_hub, cpu_nodes = 0;
	const char *why = NULL;
	cJSON *st, *lat;
	char url[512];

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-mosquitto") == 0)
			use_mosq = 0;
		else if (pos++ == 0)
			n = atoi(argv[i]);
		else
			m = atoi(argv[i]);
	}
	if (n < 1 || n > 64 || m < 1) {
		fprintf(stderr, "usage: uplink [NODES [COMPLAINTS]] "
		                "[--no-mosquitto]\n");
		return 2;
	}
	total = (long long) n * m;
	bl_init(&r, argv[0], n);
	bl_start_hub(&r);
	for (int i = 0; i < n; i++)
		bl_start_node(&r, i);
	sync();
	t0 = bl_now_ms();
	for (int i = 0; i < n; i++) {
		fd[i] = (feeder){&r, i, m};
		pthread_create(&th[i], NULL, feed, &fd[i]);
	}
	while (bl_hub_received(&r) < total)
		bl_nap_ms(10); /* polling less would only blur the end */
	t1 = bl_now_ms();
	for (int i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	rate = (double) total * 1000.0 / (double) (t1 - t0 ? t1 - t0 : 1);
	cpu_hub = bl_cpu_seconds(r.hub);
	for (int i = 0; i < n; i++)
		cpu_nodes += bl_cpu_seconds(r.nodes[i]);
	bl_url(&r, -1, url, sizeof url);
	st = bl_request(url, "status", NULL);
	lat =
	    cJSON_GetObjectItem(cJSON_GetObjectItem(st, "children"), "latency");
	bl_check_exactly_once(&r, &lost, &dup);
	sync(); /* each phase starts with no dirty pages of another */
	limit = bl_sqlite_limit(r.dir, total, 1024);
	sync();
	if (use_mosq)
		mrate = mosq_pipeline_intake(r.dir, n, m, &mlost, &mdup, &why);
	printf("uplink: %d nodes x %d complaints = %lld, in %.2f s\n", n, m,
	    total, (double) (t1 - t0) / 1000.0);
	printf("nodes=%d\ncomplaints=%lld\n", n, total);
	printf("uplink_per_s=%.0f\n", rate);
	printf("p50_ms=%.0f\np99_ms=%.0f\n",
	    cJSON_GetObjectItem(lat, "p50_ms")->valuedouble,
	    cJSON_GetObjectItem(lat, "p99_ms")->valuedouble);
	printf("sqlite_limit_per_s=%.0f\n", limit);
	printf("ratio_vs_sqlite=%.2f\n", rate / limit);
	if (mrate > 0) {
		printf("mosquitto_per_s=%.0f\n", mrate);
		printf("ratio_vs_mosquitto=%.2f\n", rate / mrate);
		printf("mosquitto_lost=%lld\nmosquitto_redelivered=%lld\n",
		    mlost, mdup);
	} else if (use_mosq) {
		printf("mosquitto_per_s=skipped (%s)\n", why);
	}
	printf("cpu_us_per_complaint_nodes=%.1f\n"
	       "cpu_us_per_complaint_hub=%.1f\n",
	    cpu_nodes * 1e6 / (double) total, cpu_hub * 1e6 / (double) total);
	printf("lost=%lld\nduplicated=%lld\n", lost, dup);
	cJSON_Delete(st);
	bl_stop(&r);
	return lost == 0 && dup == 0 ? 0 : 1;
}
