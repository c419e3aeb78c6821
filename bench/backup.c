/* bench/backup: `yousuctl backup` of a large county store while the
 * townships stream complaints up (issue 16).
 *
 *   backup [COMPLAINTS [SECONDS]]     default 1,000,000 and 20 s a phase
 *
 * A hub's store is filled with COMPLAINTS; the hub and two townships run
 * as real daemons. Batches of 50 intakes go to the townships in turn;
 * each batch's uplink latency is the time from its request until the hub
 * has applied it. Phase one without a backup (the baseline, same run),
 * phase two with `yousuctl backup` copying the store over and over. The
 * last copy is opened and checked (SQLite's integrity check, every
 * complaint there). Target:
 * p99 during the backup within 2x of without. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "benchlib.h"
#include "yousu/store.h"
#include "yousu/store_ext.h"

#define BATCH  50
#define MAXLAT 100000

static void
die(const char *what)
{
	fprintf(stderr, "bench-backup: %s\n", what);
	exit(1);
}

static cJSON *
make_doc(long k, long n, const char **type)
{
	cJSON *d = cJSON_CreateObject();
	char buf[64];

	(void) n;
	snprintf(buf, sizeof buf, "N%02ld-%08ld", k % 2, k);
	cJSON_AddStringToObject(d, "id", buf);
	snprintf(buf, sizeof buf, "N%02ld", k % 2);
	cJSON_AddStringToObject(d, "origin", buf);
	cJSON_AddStringToObject(d, "owner", buf);
	cJSON_AddStringToObject(d, "status", "registered");
	cJSON_AddStringToObject(d, "source", "window");
	cJSON_AddNumberToObject(d, "received_at", 1780000000.0 + (double) k);
	cJSON_AddStringToObject(d, "name", "某群众");
	cJSON_AddStringToObject(d, "phone", "13900000000");
	cJSON_AddStringToObject(
	    d, "content", "办理营业执照变更时窗口要求重复提交材料");
	cJSON_AddNumberToObject(d, "events", 1);
	*type = "intake";
	return d;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;

	return (x > y) - (x < y);
}

static double
pct(double *v, long n, double q)
{
	long i = (long) (q * (double) (n - 1) + 0.5);

	return n > 0 ? v[i < n ? i : n - 1] : 0;
}

/* One phase of `seconds`: batches in turn to the townships, each timed
 * until the hub has applied it. */
static long
phase(bl_run *r, int seconds, int *next, double *lat)
{
	int64_t end = bl_now_ms() + (int64_t) seconds * 1000;
	long n = 0;
	long long want = bl_hub_received(r);

	while (bl_now_ms() < end && n < MAXLAT) {
		int64_t t0 = bl_now_ms();

		bl_intake_batch(r, (int) (n % r->nnodes), *next, BATCH);
		*next += BATCH;
		want += BATCH;
		while (bl_hub_received(r) < want)
			bl_nap_ms(2);
		lat[n++] = (double) (bl_now_ms() - t0);
	}
	qsort(lat, (size_t) n, sizeof *lat, by_value);
	return n;
}

/* A process that runs yousuctl backup again and again until killed;
 * the last copy it finished is left as last.db. */
static pid_t
backups(const bl_run *r)
{
	pid_t pid = fork();
	char ctl[600], url[600], copy[600], last[600];

	if (pid != 0)
		return pid;
	snprintf(ctl, sizeof ctl, "%s/yousuctl", r->bin);
	bl_url(r, -1, url, sizeof url);
	snprintf(copy, sizeof copy, "%s/copy.db", r->dir);
	snprintf(last, sizeof last, "%s/last.db", r->dir);
	for (;;) {
		pid_t c = fork();
		int st = 1;

		if (c == 0) {
			execl(
			    ctl, ctl, "-s", url, "backup", copy, (char *) NULL);
			_exit(127);
		}
		waitpid(c, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			_exit(1);
		if (rename(copy, last) != 0)
			_exit(1);
	}
}

/* The copy: SQLite's integrity check passes and it holds at least the
 * complaints the store had before the phases. (The filled complaints are
 * not replays of their logs, so yousuctl check is integration.backup's,
 * on real complaints.) */
static yousu_err
intact(yousu_store *st, long complaints, char *err, size_t errlen)
{
	sqlite3_stmt *s = NULL;
	sqlite3 *db = yousu_store_sqlite(st);
	yousu_err rv = YOUSU_STATE;

	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) ||
	    sqlite3_step(s) != SQLITE_ROW ||
	    strcmp((const char *) sqlite3_column_text(s, 0), "ok") != 0)
		snprintf(err, errlen, "integrity_check: %s",
		    s ? (const char *) sqlite3_column_text(s, 0) : "?");
	else
		rv = YOUSU_OK;
	sqlite3_finalize(s);
	if (rv == YOUSU_OK &&
	    (sqlite3_prepare_v2(
	         db, "SELECT count(*) FROM complaints", -1, &s, NULL) ||
	        sqlite3_step(s) != SQLITE_ROW ||
	        sqlite3_column_int64(s, 0) < complaints)) {
		snprintf(err, errlen, "the copy lacks complaints");
		rv = YOUSU_STATE;
	}
	sqlite3_finalize(s);
	return rv;
}

int
main(int argc, char **argv)
{
	long complaints = argc > 1 ? atol(argv[1]) : 1000000;
	int seconds = argc > 2 ? atoi(argv[2]) : 20;
	double *quiet = calloc(MAXLAT, sizeof(double));
	double *busy = calloc(MAXLAT, sizeof(double));
	long nq, nb;
	int next = 1, st = 0;
	char path[600], err[512];
	yousu_store *copy;
	yousu_err checked;
	pid_t b;
	bl_run r;

	umask(077); /* the stores are made here: the daemons' own mode */
	if (complaints < 1000 || seconds < 1 || quiet == NULL || busy == NULL)
		die("usage: backup [COMPLAINTS >= 1000 [SECONDS]]");
	bl_init(&r, argv[0], 2);
	snprintf(path, sizeof path, "%s/hub.db", r.dir);
	printf("filling a hub store with %ld complaints...\n", complaints);
	fflush(stdout);
	bl_fill_store(path, complaints, make_doc);
	bl_start_hub(&r);
	for (int i = 0; i < r.nnodes; i++)
		bl_start_node(&r, i);
	printf("the uplink without a backup for %d s...\n", seconds);
	fflush(stdout);
	nq = phase(&r, seconds, &next, quiet);
	printf(
	    "the uplink while yousuctl backup copies the store for %d s...\n",
	    seconds);
	fflush(stdout);
	b = backups(&r);
	nb = phase(&r, seconds, &next, busy);
	kill(b, SIGTERM);
	waitpid(b, &st, 0);
	snprintf(path, sizeof path, "%s/last.db", r.dir);
	if (access(path, R_OK) != 0)
		die("no backup finished during the phase: give it more "
		    "seconds");
	if (yousu_store_open(path, &copy, err, sizeof err) != YOUSU_OK)
		die(err);
	checked = intact(copy, complaints, err, sizeof err);
	yousu_store_close(copy);
	printf("\n%ld complaints at the hub, batches of %d intakes\n",
	    complaints, BATCH);
	printf("%-24s %8s %10s %10s\n", "uplink latency", "batches", "p50 ms",
	    "p99 ms");
	printf("%-24s %8ld %10.1f %10.1f\n", "without a backup", nq,
	    pct(quiet, nq, 0.5), pct(quiet, nq, 0.99));
	printf("%-24s %8ld %10.1f %10.1f\n", "during backups", nb,
	    pct(busy, nb, 0.5), pct(busy, nb, 0.99));
	printf("p99 ratio %.2f (target <= 2); the last copy: %s\n",
	    pct(busy, nb, 0.99) / pct(quiet, nq, 0.99),
	    checked == YOUSU_OK ? "opens, integrity ok, every complaint there"
	                        : err);
	printf("complaints=%ld\nbatches_quiet=%ld\nbatches_busy=%ld\n"
	       "p99_quiet_ms=%.1f\np99_busy_ms=%.1f\np99_ratio=%.2f\n"
	       "copy_checked=%d\n",
	    complaints, nq, nb, pct(quiet, nq, 0.99), pct(busy, nb, 0.99),
	    pct(busy, nb, 0.99) / pct(quiet, nq, 0.99), checked == YOUSU_OK);
	bl_stop(&r);
	free(quiet);
	free(busy);
	return checked == YOUSU_OK ? 0 : 1;
}
