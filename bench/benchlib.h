/* Helpers shared by the benchmarks: real daemons in a temp dir, their
 * control sockets, and the baselines measured in the same run. */
#ifndef BENCHLIB_H
#define BENCHLIB_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct {
	char dir[256]; /* temp dir of the run */
	char bin[512]; /* where yousu-node and yousu-hub are */
	pid_t hub;
	pid_t nodes[64];
	int nnodes;
} bl_run;

/* bl_init makes the temp dir, finds the daemons beside argv0 and writes
 * keys and configs for a hub SQ with n children N00.. (ipc sockets). */
void bl_init(bl_run *r, const char *argv0, int n);
/* bl_start_hub / bl_start_node start a daemon and wait for its socket. */
void bl_start_hub(bl_run *r);
void bl_start_node(bl_run *r, int i);
/* bl_stop kills every daemon and removes the temp dir. */
void bl_stop(bl_run *r);
/* bl_request sends one control request and returns the "result" (caller
 * deletes), or exits the benchmark on an error. */
cJSON *bl_request(const char *url, const char *cmd, cJSON *args);
/* bl_url: the control socket of the hub (i < 0) or node i. */
void bl_url(const bl_run *r, int i, char *buf, size_t len);
/* bl_hub_received: messages the hub has applied from all children. */
long long bl_hub_received(const bl_run *r);
/* bl_node_backlog: unacknowledged messages of node i. */
long long bl_node_backlog(const bl_run *r, int i);
/* bl_intake_batch sends `count` intakes numbered from `first` to node i
 * in one batch request. */
void bl_intake_batch(const bl_run *r, int i, int first, int count);
/* bl_now_ms: wall clock in ms. bl_peak_rss_kib: VmHWM of pid. */
/* bl_fill_store writes n complaints made by make (complaint k of n, its
 * last event's type in *type) straight into a store with the county's
 * ledger indexes, 50,000 a transaction. */
void bl_fill_store(const char *path, long n,
    cJSON *(*make)(long k, long n, const char **type));

int64_t bl_now_ms(void);
void bl_nap_ms(int ms);
long bl_peak_rss_kib(pid_t pid);
/* bl_cpu_seconds: user + system CPU time pid has used. */
double bl_cpu_seconds(pid_t pid);
/* bl_check_exactly_once compares every node's events with the hub's:
 * sets *lost and *dup (rows missing at the hub, rows twice). */
void bl_check_exactly_once(const bl_run *r, long long *lost, long long *dup);
/* bl_sqlite_limit: events/s when the same kind of events are applied
 * by one process into the hub's own schema (same durability), in
 * transactions of `per_tx`: the physical limit of the hub's store. */
double bl_sqlite_limit(const char *dir, long long total, int per_tx);
/* bl_event_body encodes the intake event k of centre code (the bytes a
 * node sends); *len is set; free() the result. */
uint8_t *bl_event_body(const char *code, long long k, size_t *len);

/* A township's workflow over its store, in this process (Shenqiu's
 * profile, calendar and catalogue, the real clock). */
typedef struct {
	char code[17];
	struct yousu_store *st;
	struct yousu_policy *p;
	struct yousu_calendar *c;
	struct yousu_depts *d;
	struct yousu_wf *wf;
} bl_workflow;
/* bl_workflow_open opens (creating) the store at path for centre code
 * (parent: its parent's code, or NULL); the benchmark stops on failure. */
void bl_workflow_open(
    bl_workflow *w, const char *path, const char *code, const char *parent);
void bl_workflow_close(bl_workflow *w);

/* bl_intake_and takes `count` intakes at a local store of centre
 * M<index> (the node's workflow code, batches of 500 per transaction),
 * and after each commit hands every event written to send(ctx, ...). */
void bl_intake_and(const char *dir, int index, long long count,
    void (*send)(void *ctx, const uint8_t *buf, size_t len), void *ctx);

#endif
