/* bench/backlog: a node offline with a backlog of queued events, then
 * reconnected: the drain rate and the hub's peak RSS, beside the raw
 * SQLite limit and the Mosquitto QoS 1 pipeline carrying the same number
 * of events, measured in the same run. Draining is the link alone
 * (transport and the hub's apply), as the Mosquitto pipeline is.
 *
 *   backlog [EVENTS] [--no-mosquitto]       (200000) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchlib.h"
#ifdef YOUSU_HAVE_MOSQUITTO
#include "mosq.h"
#endif

int
main(int argc, char **argv)
{
	long long total = 200000, lost, dup, mlost = 0, mdup = 0;
	int use_mosq = 1;
	double mrate = -1;
	const char *why = "not built with libmosquitto";
	bl_run r;
	int64_t t0, t1;
	double rate, limit, fill;
	long rss;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-mosquitto") == 0)
			use_mosq = 0;
		else
			total = atoll(argv[i]);
	}
	if (total < 1) {
		fprintf(stderr, "usage: backlog [EVENTS] [--no-mosquitto]\n");
		return 2;
	}
	bl_init(&r, argv[0], 1);
	bl_start_node(&r, 0);
	t0 = bl_now_ms();
	for (long long k = 1; k <= total; k += 1000)
		bl_intake_batch(&r, 0, (int) k,
		    (int) (total - k + 1 < 1000 ? total - k + 1 : 1000));
	fill = (double) total * 1000.0 / (double) (bl_now_ms() - t0 + 1);
	if (bl_node_backlog(&r, 0) != total) {
		fprintf(
		    stderr, "backlog: the outbox does not hold %lld\n", total);
		return 1;
	}
	sync();
	t0 = bl_now_ms();
	bl_start_hub(&r);
	while (bl_node_backlog(&r, 0) > 0)
		bl_nap_ms(10);
	t1 = bl_now_ms();
	rss = bl_peak_rss_kib(r.hub);
	rate = (double) total * 1000.0 / (double) (t1 - t0 ? t1 - t0 : 1);
	bl_check_exactly_once(&r, &lost, &dup);
	sync(); /* each phase starts with no dirty pages of another */
	limit = bl_sqlite_limit(r.dir, total, 1024);
	printf("backlog: %lld queued events drained in %.2f s\n", total,
	    (double) (t1 - t0) / 1000.0);
	printf("events=%lld\ndrain_per_s=%.0f\nsqlite_limit_per_s=%.0f\n",
	    total, rate, limit);
	printf(
	    "ratio_vs_sqlite=%.2f\nhub_peak_rss_kib=%ld\n", rate / limit, rss);
	printf("offline_intake_per_s=%.0f\n", fill);
#ifdef YOUSU_HAVE_MOSQUITTO
	if (use_mosq) {
		sync();
		mrate = mosq_pipeline(r.dir, total, &mlost, &mdup, &why);
	}
#endif
	if (mrate > 0)
		printf("mosquitto_per_s=%.0f\nratio_vs_mosquitto=%.2f\n"
		       "mosquitto_lost=%lld\nmosquitto_redelivered=%lld\n",
		    mrate, rate / mrate, mlost, mdup);
	else if (use_mosq)
		printf("mosquitto_per_s=skipped (%s)\n", why);
	printf("lost=%lld\nduplicated=%lld\n", lost, dup);
	bl_stop(&r);
	return lost == 0 && dup == 0 ? 0 : 1;
}
