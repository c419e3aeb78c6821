/* bench/rebuild: a county hub rebuilt from its townships (issue 16).
 *
 *   rebuild [EVENTS [TOWNSHIPS]]      default 1,000,000 events, 20 townships
 *
 * Each township's store is filled with complaints of five events each
 * (intake, classify, assign, accept, reply: the township's own workflow,
 * in-process); the hub and the townships run as real daemons until every
 * township knows the hub's store; then the hub is killed, its store
 * deleted, and it starts empty. The townships notice its new store and
 * send every event back. Printed: the events/s of the rebuild beside the
 * hub store's limit measured in the same run (the same events applied by
 * one process into the hub's schema, 256 a transaction), the hub's peak
 * RSS, the time until the county's ledger is complete, and whether every
 * event came back exactly once. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchlib.h"
#include "yousu/store.h"
#include "yousu/workflow.h"

#define PER_COMPLAINT 5

static void
die(const char *what)
{
	fprintf(stderr, "bench-rebuild: %s\n", what);
	exit(1);
}

/* One step of the workflow, or the benchmark stops with its error. */
static cJSON *
step(yousu_wf *wf, const char *cmd, cJSON *args)
{
	cJSON *res = NULL;
	char err[512];

	if (yousu_wf_exec(wf, cmd, "bench", args, &res, err, sizeof err) !=
	    YOUSU_OK)
		die(err);
	cJSON_Delete(args);
	return res;
}

static cJSON *
with_id(const char *id)
{
	cJSON *a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "id", id);
	return a;
}

/* Township i's store: `complaints` complaints of PER_COMPLAINT events,
 * 200 complaints a transaction. */
static void
fill_township(const bl_run *r, int i, long complaints)
{
	char path[512], code[16], text[256], id[64];
	bl_workflow w;
	yousu_store *st;
	yousu_wf *wf;

	snprintf(path, sizeof path, "%s/n%02d.db", r->dir, i);
	snprintf(code, sizeof code, "N%02d", i);
	bl_workflow_open(&w, path, code, "SQ");
	st = w.st;
	wf = w.wf;
	for (long k = 1; k <= complaints;) {
		if (yousu_store_begin(st) != YOUSU_OK)
			die("begin");
		for (int j = 0; j < 200 && k <= complaints; j++, k++) {
			cJSON *a = cJSON_CreateObject(), *res;

			cJSON_AddStringToObject(a, "source", "window");
			snprintf(text, sizeof text, "群众%ld", k);
			cJSON_AddStringToObject(a, "name", text);
			snprintf(text, sizeof text, "139%08ld", k);
			cJSON_AddStringToObject(a, "phone", text);
			snprintf(text, sizeof text,
			    "第%ld件：营业执照变更材料齐全但窗口未按时受理", k);
			cJSON_AddStringToObject(a, "content", text);
			res = step(wf, "intake", a);
			snprintf(id, sizeof id, "%s",
			    cJSON_GetObjectItem(res, "id")->valuestring);
			cJSON_Delete(res);
			a = with_id(id);
			cJSON_AddStringToObject(a, "category", "blocked");
			cJSON_Delete(step(wf, "classify", a));
			a = with_id(id);
			cJSON_AddStringToObject(a, "lead", "SCJ");
			cJSON_Delete(step(wf, "assign", a));
			a = with_id(id);
			cJSON_AddStringToObject(a, "dept", "SCJ");
			cJSON_Delete(step(wf, "accept", a));
			a = with_id(id);
			cJSON_AddStringToObject(a, "kind", "done");
			cJSON_AddStringToObject(
			    a, "result", "已为群众办结营业执照变更，当场发证");
			cJSON_Delete(step(wf, "reply", a));
		}
		if (yousu_store_commit(st) != YOUSU_OK)
			die("commit");
	}
	bl_workflow_close(&w);
}

/* Whether every township has heard from the hub's store (its status
 * names the hub's incarnation). */
static bool
all_know_hub(const bl_run *r)
{
	char url[600];

	for (int i = 0; i < r->nnodes; i++) {
		cJSON *st, *p;
		bool known;

		bl_url(r, i, url, sizeof url);
		st = bl_request(url, "status", NULL);
		p = cJSON_GetArrayItem(
		    cJSON_GetObjectItem(
		        cJSON_GetObjectItem(st, "parent"), "peers"),
		    0);
		known = cJSON_IsString(cJSON_GetObjectItem(p, "incarnation")) &&
		        cJSON_GetObjectItem(p, "incarnation")->valuestring[0];
		cJSON_Delete(st);
		if (!known)
			return false;
	}
	return true;
}

/* Events held by the hub's store (read by a connection of our own). */
static long long
hub_events(const bl_run *r)
{
	char url[600];
	cJSON *st;
	long long n = 0;

	bl_url(r, -1, url, sizeof url);
	st = bl_request(url, "status", NULL);
	n = (long long) cJSON_GetObjectItem(
	    cJSON_GetObjectItem(st, "restore"), "events")
	        ->valuedouble;
	cJSON_Delete(st);
	return n;
}

int
main(int argc, char **argv)
{
	long long events = argc > 1 ? atoll(argv[1]) : 1000000;
	int n = argc > 2 ? atoi(argv[2]) : 20;
	long per = (long) (events / PER_COMPLAINT / (n > 0 ? n : 1));
	long long total, lost = 0, dup = 0;
	double limit, rate;
	int64_t t0, t1, t_first = 0;
	char path[600];
	bl_run r;

	umask(077); /* the stores are made here: the daemons' own mode */
	if (n < 1 || n > 64 || per < 1)
		die("usage: rebuild [EVENTS [TOWNSHIPS 1..64]]");
	total = (long long) per * PER_COMPLAINT * n;
	bl_init(&r, argv[0], n);
	printf("filling %d townships with %lld events (%ld complaints "
	       "each)...\n",
	    n, total, per);
	fflush(stdout);
	for (int i = 0; i < n; i++)
		fill_township(&r, i, per);
	printf("the hub's store limit, same run: %lld events...\n", total);
	fflush(stdout);
	limit = bl_sqlite_limit(r.dir, total, 256);
	snprintf(path, sizeof path, "%s/limit.db", r.dir);
	unlink(path);

	/* every township meets the hub's first store */
	bl_start_hub(&r);
	for (int i = 0; i < n; i++)
		bl_start_node(&r, i);
	for (int k = 0; !all_know_hub(&r); k++) {
		if (k > 600)
			die("the townships never heard from the hub");
		bl_nap_ms(100);
	}
	/* the county's disk is lost */
	kill(r.hub, SIGKILL);
	waitpid(r.hub, NULL, 0);
	snprintf(path, sizeof path, "%s/hub.db", r.dir);
	unlink(path);
	strcat(path, "-wal");
	unlink(path);
	snprintf(path, sizeof path, "%s/hub.db-shm", r.dir);
	unlink(path);
	printf("hub store deleted; the hub starts empty...\n");
	fflush(stdout);
	t0 = bl_now_ms();
	bl_start_hub(&r);
	for (long long got = 0; got < total;) {
		bl_nap_ms(200);
		got = hub_events(&r);
		if (got > 0 && t_first == 0)
			t_first = bl_now_ms();
		if (bl_now_ms() - t0 > 3600 * 1000)
			die("the rebuild took more than an hour");
	}
	t1 = bl_now_ms();
	rate = (double) total * 1000.0 / (double) (t1 - t0 ? t1 - t0 : 1);
	bl_check_exactly_once(&r, &lost, &dup);
	printf("\n%d townships, %lld events, a hub rebuilt from empty\n", n,
	    total);
	printf("%-34s %12.0f events/s\n", "rebuild over the link", rate);
	printf("%-34s %12.0f events/s\n", "the hub store's limit (same run)",
	    limit);
	printf("%-34s %12.2f   (target >= 0.5)\n", "ratio", rate / limit);
	printf("%-34s %12.1f MiB (target < 64)\n", "hub peak RSS",
	    (double) bl_peak_rss_kib(r.hub) / 1024.0);
	printf("%-34s %12.1f s (first event after %.1f s)\n",
	    "until the ledger is complete", (double) (t1 - t0) / 1000.0,
	    (double) (t_first - t0) / 1000.0);
	printf("%-34s lost %lld, twice %lld\n", "exactly once", lost, dup);
	printf("events=%lld\ntownships=%d\nrebuild_per_s=%.0f\nlimit_per_s=%.0f"
	       "\nratio=%.2f\nhub_peak_rss_mib=%.1f\ncomplete_s=%.1f\nlost=%lld"
	       "\ndup=%lld\n",
	    total, n, rate, limit, rate / limit,
	    (double) bl_peak_rss_kib(r.hub) / 1024.0,
	    (double) (t1 - t0) / 1000.0, lost, dup);
	bl_stop(&r);
	return lost == 0 && dup == 0 ? 0 : 1;
}
