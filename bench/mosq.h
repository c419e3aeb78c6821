/* The peer benchmark: a Mosquitto QoS 1 pipeline (broker with
 * persistence, a libmosquitto publisher, a subscriber inserting into the
 * same SQLite schema with the same durability, committing in batches). */
#ifndef MOSQ_H
#define MOSQ_H

/* mosq_pipeline sends `total` events through the pipeline and returns
 * events/s from the first publish to the last commit; *lost and *dup are
 * what the subscriber's store is missing or holds twice. -1 when the
 * broker cannot run (then *why says why). */
double mosq_pipeline(const char *dir, long long total, long long *lost,
    long long *dup, const char **why);

#endif
