/* yousuctl commands that do more than one exchange or work of their own:
 * keygen, batch, backup. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "yousu/json.h"
#include "yousu/keys.h"

const char *
yousu_jstr_or(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int
ctl_keygen(const char *path)
{
	char err[512];

	if (yousu_key_generate(path, err, sizeof err) != YOUSU_OK) {
		fprintf(stderr, "yousuctl keygen: %s\n", err);
		return 1;
	}
	printf("%s: new key written (mode 0600); copy it to the other end "
	       "of the link by a safe channel\n",
	    path);
	return 0;
}

/* Send the requests gathered so far as one batch. */
static int
flush(const char *url, int timeout, const ctl_cmd *c, const char *actor,
    cJSON **reqs, const ctl_local *l)
{
	cJSON *args = cJSON_CreateObject();
	int rv;

	if (cJSON_GetArraySize(*reqs) == 0) {
		cJSON_Delete(args);
		return 0;
	}
	cJSON_AddItemToObject(args, "requests", *reqs);
	rv = ctl_exchange(url, timeout, c, actor, args, l);
	cJSON_Delete(args);
	*reqs = cJSON_CreateArray();
	return rv;
}

int
ctl_batch(const char *url, int timeout, const ctl_cmd *c, const char *actor,
    cJSON *args, const ctl_local *l)
{
	const char *path = yousu_jstr_or(args, "file");
	FILE *f = path ? fopen(path, "r") : stdin;
	int chunk = l->chunk > 0 ? l->chunk : 500, rv = 0, line = 0;
	cJSON *reqs = cJSON_CreateArray(), *r;
	char *buf = NULL;
	size_t cap = 0;

	if (f == NULL) {
		perror(path);
		cJSON_Delete(reqs);
		return 2;
	}
	while (rv == 0 && getline(&buf, &cap, f) > 0) {
		line++;
		if (buf[strspn(buf, " \t\r\n")] == '\0')
			continue;
		if ((r = cJSON_Parse(buf)) == NULL || !cJSON_IsObject(r)) {
			fprintf(stderr,
			    "yousuctl batch: %s:%d: not a JSON object\n",
			    path ? path : "stdin", line);
			cJSON_Delete(r);
			rv = 2;
			break;
		}
		cJSON_AddItemToArray(reqs, r);
		if (cJSON_GetArraySize(reqs) >= chunk)
			rv = flush(url, timeout, c, actor, &reqs, l);
	}
	if (rv == 0)
		rv = flush(url, timeout, c, actor, &reqs, l);
	cJSON_Delete(reqs);
	free(buf);
	if (f != stdin)
		fclose(f);
	return rv;
}

/* The whole store in one step of the backup API: one read transaction,
 * so the copy is one consistent state; in WAL mode the daemon's writer
 * does not wait for it. */
#define STEP_PAGES 512

static int
copy_store(const char *store, const char *to, char *err, size_t errlen)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	struct timespec nap = {0, 0};
	int rc, fd = open(to, O_WRONLY | O_CLOEXEC);

	if ((rc = sqlite3_open_v2(store, &src, SQLITE_OPEN_READONLY, NULL)) !=
	        SQLITE_OK ||
	    (rc = sqlite3_open(to, &dst)) != SQLITE_OK) {
		snprintf(err, errlen, "%s",
		    sqlite3_errmsg(src != NULL && rc != SQLITE_OK && dst == NULL
		                       ? src
		                       : dst));
		goto done;
	}
	sqlite3_busy_timeout(src, 5000);
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(dst));
		rc = SQLITE_ERROR;
		goto done;
	}
	/* the copy in steps of 2 MiB, each written to disk before the next
	 * (one flush of a whole county store at the end held up the daemon's
	 * own fsyncs by a quarter of a second: bench/backup), all within one
	 * read transaction of src, so the steps see one state */
	if ((rc = sqlite3_exec(src, "BEGIN; SELECT count(*) FROM sqlite_master",
	         NULL, NULL, NULL)) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(src));
		sqlite3_backup_finish(b);
		goto done;
	}
	while ((rc = sqlite3_backup_step(b, STEP_PAGES)) == SQLITE_OK ||
	       rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (fd >= 0)
			(void) fdatasync(fd);
		nap.tv_nsec = 10000000;
		nanosleep(&nap, NULL);
	}
	sqlite3_backup_finish(b);
	sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s", sqlite3_errstr(rc));
		goto done;
	}
	/* a store restored from the copy is a new incarnation: it takes a
	 * new one when it starts, and its neighbours resend what it lacks
	 * (common/link/link.c); the copy stands alone: no -wal or -shm */
	rc = sqlite3_exec(dst,
	    "DELETE FROM settings WHERE key = 'incarnation';"
	    "PRAGMA journal_mode = DELETE",
	    NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		snprintf(err, errlen, "%s", sqlite3_errmsg(dst));
done:
	if (fd >= 0)
		close(fd);
	sqlite3_close(src);
	sqlite3_close(dst);
	return rc == SQLITE_OK || rc == SQLITE_DONE ? 0 : -1;
}

int
ctl_print_backup(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	const char *store = yousu_jstr_or(r, "store"), *to = l->backup;
	char tmp[4200], dir[4200], err[512] = "";
	struct timespec t0, t1;
	struct stat sb;
	int fd;

	(void) cmd;
	if (store == NULL || to == NULL)
		return 1;
	if (lstat(to, &sb) == 0) {
		fprintf(stderr,
		    "yousuctl backup: %s already exists (a backup "
		    "never replaces a file)\n",
		    to);
		return 1;
	}
	snprintf(dir, sizeof dir, "%s", to);
	snprintf(tmp, sizeof tmp, "%s/.yousu-backup-XXXXXX", dirname(dir));
	if ((fd = mkstemp(tmp)) < 0) { /* mode 0600 */
		fprintf(
		    stderr, "yousuctl backup: %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	close(fd);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (copy_store(store, tmp, err, sizeof err) != 0 ||
	    (fd = open(tmp, O_RDONLY | O_CLOEXEC)) < 0 || fsync(fd) != 0 ||
	    close(fd) != 0 || link(tmp, to) != 0) {
		fprintf(stderr, "yousuctl backup: %s -> %s: %s\n", store, to,
		    err[0] ? err : strerror(errno));
		unlink(tmp);
		return 1;
	}
	unlink(tmp);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	stat(to, &sb);
	if (l->json) {
		cJSON *o = cJSON_CreateObject(), *res = cJSON_CreateObject();
		char *text;

		cJSON_AddBoolToObject(o, "ok", true);
		cJSON_AddStringToObject(
		    res, "centre", yousu_jstr_or(r, "centre"));
		cJSON_AddStringToObject(res, "file", to);
		cJSON_AddNumberToObject(res, "bytes", (double) sb.st_size);
		cJSON_AddItemToObject(o, "result", res);
		puts(text = cJSON_PrintUnformatted(o));
		free(text);
		cJSON_Delete(o);
		return 0;
	}
	printf("%s: a copy of %s's store (%lld bytes, %.1f s), mode 0600\n", to,
	    yousu_jstr_or(r, "centre"), (long long) sb.st_size,
	    (double) (t1.tv_sec - t0.tv_sec) +
	        (double) (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
