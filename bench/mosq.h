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

/* mosq_pipeline_intake is the whole path the uplink benchmark measures:
 * `nodes` publishers each take `per` complaints at a local store first
 * (the same workflow code and durability as a yousu node, batches of
 * 500), then publish each event QoS 1; the subscriber applies them. */
double mosq_pipeline_intake(const char *dir, int nodes, long long per,
    long long *lost, long long *dup, const char **why);

#endif
