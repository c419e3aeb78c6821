/* Benchmark helpers. See benchlib.h. */
#include "benchlib.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <nng/nng.h>
#include <nng/protocol/reqrep0/req.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "yousu/calendar.h"
#include "yousu/daemon.h"
#include "yousu/keys.h"
#include "yousu/policy.h"
#include "yousu/replica.h"
#include "yousu/store.h"
#include "yousu/workflow.h"

static void
die(const char *what)
{
	fprintf(stderr, "bench: %s\n", what);
	exit(1);
}

int64_t
bl_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
bl_nap_ms(int ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0)
		die(path);
}

static const char *tuning = "[link]\nheartbeat_ms = 200\nresend_ms = 500\n"
                            "resend_max_ms = 2000\nreconnect_min_ms = 50\n"
                            "reconnect_max_ms = 500\n";

static void
common_config(
    char *buf, size_t len, const bl_run *r, const char *name, const char *code)
{
	snprintf(buf, len,
	    "[centre]\ncode = %s\nname = bench %s\n[store]\npath = %s/%s.db\n"
	    "[control]\nlisten = ipc://%s/%s.sock\n[policy]\n"
	    "profile = %s/configs/profiles/shenqiu.ini\n"
	    "calendar = %s/configs/calendars/cn.ini\n"
	    "departments = %s/configs/departments/shenqiu.ini\n"
	    "[scheduler]\ninterval_s = 3600\n",
	    code, name, r->dir, name, r->dir, name, YOUSU_SOURCE_DIR,
	    YOUSU_SOURCE_DIR, YOUSU_SOURCE_DIR);
}

void
bl_init(bl_run *r, const char *argv0, int n)
{
	char path[1024], key[1024], err[256], buf[8192], line[1200];
	char self[512];
	ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);

	yousu_tune_malloc(); /* as the daemons do: the same for the baseline */
	memset(r, 0, sizeof *r);
	r->nnodes = n;
	snprintf(r->dir, sizeof r->dir, "/tmp/yousu-bench.XXXXXX");
	if (mkdtemp(r->dir) == NULL || n < 1 || n > 64)
		die("cannot make the temp dir");
	self[k > 0 ? k : 0] = '\0';
	snprintf(r->bin, sizeof r->bin, "%s",
	    dirname(k > 0 ? self : (char *) argv0));
	common_config(buf, sizeof buf, r, "hub", "SQ");
	snprintf(line, sizeof line,
	    "[listen]\nuplink = ipc://%s/up.sock\ndownlink = "
	    "ipc://%s/down.sock\n"
	    "[children]\n",
	    r->dir, r->dir);
	strcat(buf, line);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof key, "%s/N%02d.key", r->dir, i);
		if (yousu_key_generate(key, err, sizeof err) != YOUSU_OK)
			die(err);
		snprintf(line, sizeof line, "N%02d = %s\n", i, key);
		strcat(buf, line);
	}
	strcat(buf, tuning);
	snprintf(path, sizeof path, "%s/hub.ini", r->dir);
	write_file(path, buf);
	for (int i = 0; i < n; i++) {
		char name[16], code[16];

		snprintf(name, sizeof name, "n%02d", i);
		snprintf(code, sizeof code, "N%02d", i);
		common_config(buf, sizeof buf, r, name, code);
		snprintf(line, sizeof line,
		    "[parent]\ncode = SQ\nuplink = ipc://%s/up.sock\n"
		    "downlink = ipc://%s/down.sock\nkey = %s/%s.key\n",
		    r->dir, r->dir, r->dir, code);
		strcat(buf, line);
		strcat(buf, tuning);
		snprintf(path, sizeof path, "%s/%s.ini", r->dir, name);
		write_file(path, buf);
	}
}

void
bl_url(const bl_run *r, int i, char *buf, size_t len)
{
	if (i < 0)
		snprintf(buf, len, "ipc://%s/hub.sock", r->dir);
	else
		snprintf(buf, len, "ipc://%s/n%02d.sock", r->dir, i);
}

static char *
call(const char *url, const char *req, bool quiet)
{
	nng_socket s;
	char *buf = NULL, *out;
	size_t len = 0;
	int rv;

	if ((rv = nng_req0_open(&s)) != 0 ||
	    (rv = nng_socket_set_ms(s, NNG_OPT_RECVTIMEO, 120000)) != 0 ||
	    (rv = nng_socket_set_size(s, NNG_OPT_RECVMAXSZ, 0)) != 0 ||
	    (rv = nng_dial(s, url, NULL, 0)) != 0 ||
	    (rv = nng_send(s, (void *) req, strlen(req), 0)) != 0 ||
	    (rv = nng_recv(s, &buf, &len, NNG_FLAG_ALLOC)) != 0) {
		if (!quiet)
			fprintf(
			    stderr, "bench: %s: %s\n", url, nng_strerror(rv));
		nng_close(s);
		return NULL;
	}
	out = strndup(buf, len);
	nng_free(buf, len);
	nng_close(s);
	return out;
}

cJSON *
bl_request(const char *url, const char *cmd, cJSON *args)
{
	cJSON *req = cJSON_CreateObject(), *rep, *res;
	char *text, *answer;

	cJSON_AddStringToObject(req, "cmd", cmd);
	cJSON_AddStringToObject(req, "actor", "bench");
	cJSON_AddItemToObject(req, "args", args ? args : cJSON_CreateObject());
	text = cJSON_PrintUnformatted(req);
	cJSON_Delete(req);
	answer = call(url, text, false);
	free(text);
	if (answer == NULL)
		exit(1);
	rep = cJSON_Parse(answer);
	free(answer);
	if (!cJSON_IsTrue(cJSON_GetObjectItem(rep, "ok")))
		die("request refused");
	res = cJSON_DetachItemFromObject(rep, "result");
	cJSON_Delete(rep);
	return res;
}

static pid_t
spawn(bl_run *r, const char *prog, const char *name)
{
	char exe[1024], ini[512], log[512];
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		snprintf(exe, sizeof exe, "%s/%s", r->bin, prog);
		snprintf(ini, sizeof ini, "%s/%s.ini", r->dir, name);
		snprintf(log, sizeof log, "%s/%s.log", r->dir, name);
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);

		if (fd >= 0)
			dup2(fd, 2);
		execl(exe, exe, "-c", ini, "--test-clock=2026-09-24T09:00",
		    (char *) NULL);
		_exit(127);
	}
	return pid;
}

static void
wait_up(const char *url)
{
	for (int i = 0; i < 200; i++) {
		char *a =
		    call(url, "{\"cmd\":\"ping\",\"actor\":\"bench\"}", true);

		if (a != NULL) {
			free(a);
			return;
		}
		bl_nap_ms(25);
	}
	die("a daemon did not start (see its log in the temp dir)");
}

void
bl_start_hub(bl_run *r)
{
	char url[512];

	r->hub = spawn(r, "yousu-hub", "hub");
	bl_url(r, -1, url, sizeof url);
	wait_up(url);
}

void
bl_start_node(bl_run *r, int i)
{
	char url[512], name[16];

	snprintf(name, sizeof name, "n%02d", i);
	r->nodes[i] = spawn(r, "yousu-node", name);
	bl_url(r, i, url, sizeof url);
	wait_up(url);
}

void
bl_stop(bl_run *r)
{
	char cmd[600];
	bool left = true;

	if (r->hub > 0)
		kill(r->hub, SIGTERM);
	for (int i = 0; i < r->nnodes; i++)
		if (r->nodes[i] > 0)
			kill(r->nodes[i], SIGTERM);
	/* a daemon can hang in nng 1.5.2's teardown after it stopped: 10 s,
	 * then it is killed */
	for (int k = 0; k < 100 && left; k++) {
		pid_t w = waitpid(-1, NULL, WNOHANG);

		if (w < 0)
			left = false; /* none left */
		else if (w == 0)
			bl_nap_ms(100);
	}
	for (int i = -1; left && i < r->nnodes; i++) {
		pid_t pid = i < 0 ? r->hub : r->nodes[i];

		/* only one still a child of ours (not reaped) */
		if (pid > 0 && waitpid(pid, NULL, WNOHANG) == 0)
			kill(pid, SIGKILL);
	}
	while (wait(NULL) > 0)
		;
	if (getenv("BENCH_KEEP") == NULL) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", r->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "bench: cannot remove %s\n", r->dir);
	}
}

long long
bl_hub_received(const bl_run *r)
{
	char url[512];
	cJSON *st, *p;
	long long n = 0;

	bl_url(r, -1, url, sizeof url);
	st = bl_request(url, "status", NULL);
	cJSON_ArrayForEach (p,
	    cJSON_GetObjectItem(cJSON_GetObjectItem(st, "children"), "peers"))
		n += (long long) cJSON_GetObjectItem(p, "received_seq")
		         ->valuedouble;
	cJSON_Delete(st);
	return n;
}

long long
bl_node_backlog(const bl_run *r, int i)
{
	char url[512];
	cJSON *st, *p;
	long long n;

	bl_url(r, i, url, sizeof url);
	st = bl_request(url, "status", NULL);
	p = cJSON_GetArrayItem(
	    cJSON_GetObjectItem(cJSON_GetObjectItem(st, "parent"), "peers"), 0);
	n = (long long) cJSON_GetObjectItem(p, "backlog")->valuedouble;
	cJSON_Delete(st);
	return n;
}

void
bl_intake_batch(const bl_run *r, int i, int first, int count)
{
	cJSON *args = cJSON_CreateObject(), *reqs = cJSON_CreateArray(), *res;
	char url[512], name[32], phone[32], content[96];

	for (int k = first; k < first + count; k++) {
		cJSON *q = cJSON_CreateObject(), *a = cJSON_CreateObject();

		snprintf(name, sizeof name, "群众%d", k);
		snprintf(phone, sizeof phone, "139%08d", k);
		snprintf(content, sizeof content,
		    "第%d件：材料齐全但窗口未按时受理", k);
		cJSON_AddStringToObject(a, "source", "window");
		cJSON_AddStringToObject(a, "name", name);
		cJSON_AddStringToObject(a, "phone", phone);
		cJSON_AddStringToObject(a, "content", content);
		cJSON_AddStringToObject(q, "cmd", "intake");
		cJSON_AddItemToObject(q, "args", a);
		cJSON_AddItemToArray(reqs, q);
	}
	cJSON_AddItemToObject(args, "requests", reqs);
	bl_url(r, i, url, sizeof url);
	res = bl_request(url, "batch", args);
	cJSON_Delete(res);
}

long
bl_peak_rss_kib(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int) pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static long long
count_sql(const char *db, const char *sql, const char *code)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	long long n = -1;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(h);
	return n;
}

void
bl_check_exactly_once(const bl_run *r, long long *lost, long long *dup)
{
	char hub[512], node[512], code[16];

	*lost = *dup = 0;
	snprintf(hub, sizeof hub, "%s/hub.db", r->dir);
	for (int i = 0; i < r->nnodes; i++) {
		long long at_node, at_hub, distinct;

		snprintf(node, sizeof node, "%s/n%02d.db", r->dir, i);
		snprintf(code, sizeof code, "N%02d", i);
		at_node = count_sql(node,
		    "SELECT count(*) FROM events WHERE origin = ?1", code);
		at_hub = count_sql(
		    hub, "SELECT count(*) FROM events WHERE origin = ?1", code);
		distinct = count_sql(hub,
		    "SELECT count(*) FROM (SELECT DISTINCT c.id, e.seq FROM "
		    "events e JOIN complaints c ON c.rid = e.complaint WHERE "
		    "e.origin = ?1)",
		    code);
		*lost += at_node - distinct;
		*dup += at_hub - distinct;
	}
}

uint8_t *
bl_event_body(const char *code, long long k, size_t *len)
{
	char id[64], data[512];
	yousu_event ev = {"intake", "bench", 1790000000 + k, code, data};
	uint8_t *out = NULL;

	snprintf(id, sizeof id, "%s-20260924%03lld", code, k);
	snprintf(data, sizeof data,
	    "{\"id\":\"%s\",\"serial\":%lld,\"year\":2026,\"source\":"
	    "\"window\",\"name\":\"群众%lld\",\"phone\":\"139%08lld\","
	    "\"content\":\"第%lld件：材料齐全但窗口未按时受理\",\"staff\":"
	    "\"bench\"}",
	    id, k, k, k, k);
	if (yousu_event_pack(id, 1, &ev, &out, len) != YOUSU_OK)
		die("encode");
	return out;
}

double
bl_sqlite_limit(const char *dir, long long total, int per_tx)
{
	char path[512], err[256];
	uint8_t **body = calloc((size_t) total, sizeof *body);
	size_t *len = calloc((size_t) total, sizeof *len);
	yousu_store *st;
	int64_t t0, t1;

	if (body == NULL || len == NULL)
		die("out of memory");
	/* encoded beforehand: only the store's work is timed */
	for (long long k = 0; k < total; k++)
		body[k] = bl_event_body("LIM", k + 1, &len[k]);
	snprintf(path, sizeof path, "%s/limit.db", dir);
	/* the hub's schema: with the county ledger's indexes */
	if (yousu_store_open(path, &st, err, sizeof err) != YOUSU_OK ||
	    yousu_store_ledger_indexes(st, err, sizeof err) != YOUSU_OK)
		die(err);
	t0 = bl_now_ms();
	for (long long k = 0; k < total;) {
		if (yousu_store_begin(st) != YOUSU_OK)
			die("begin");
		for (int j = 0; j < per_tx && k < total; j++, k++)
			if (yousu_replica_apply(
			        st, "LIM", false, body[k], len[k]))
				die("apply");
		if (yousu_store_commit(st) != YOUSU_OK)
			die("commit");
	}
	t1 = bl_now_ms();
	yousu_store_close(st);
	for (long long k = 0; k < total; k++)
		free(body[k]);
	free(body);
	free(len);
	return (double) total * 1000.0 / (double) (t1 - t0 ? t1 - t0 : 1);
}

typedef struct {
	uint8_t **buf;
	size_t *len;
	size_t n, cap;
} captured;

static yousu_err
capture(void *arg, const cJSON *doc, const yousu_event *ev)
{
	captured *c = arg;
	const cJSON *id = cJSON_GetObjectItem(doc, "id");
	const cJSON *n = cJSON_GetObjectItem(doc, "events");

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 1024;
		c->buf = realloc(c->buf, c->cap * sizeof *c->buf);
		c->len = realloc(c->len, c->cap * sizeof *c->len);
		if (c->buf == NULL || c->len == NULL)
			die("out of memory");
	}
	if (yousu_event_pack(id->valuestring, (int64_t) n->valuedouble, ev,
	        &c->buf[c->n], &c->len[c->n]) != YOUSU_OK)
		return YOUSU_NOMEM;
	c->n++;
	return YOUSU_OK;
}

static int64_t
real_now(void *arg)
{
	(void) arg;
	return (int64_t) time(NULL);
}

void
bl_workflow_open(
    bl_workflow *w, const char *path, const char *code, const char *parent)
{
	char err[512];
	yousu_wf_config cfg;

	snprintf(w->code, sizeof w->code, "%s", code);
	if (yousu_store_open(path, &w->st, err, sizeof err) ||
	    yousu_policy_load(YOUSU_SOURCE_DIR "/configs/profiles/shenqiu.ini",
	        &w->p, err, sizeof err) ||
	    yousu_calendar_load(YOUSU_SOURCE_DIR "/configs/calendars/cn.ini",
	        &w->c, err, sizeof err) ||
	    yousu_depts_load(YOUSU_SOURCE_DIR
	        "/configs/departments/shenqiu.ini",
	        &w->d, err, sizeof err))
		die(err);
	cfg = (yousu_wf_config){w->code, w->st, w->p, w->c, w->d, 480, real_now,
	    NULL, parent, NULL, NULL};
	if (yousu_wf_new(&cfg, &w->wf) != YOUSU_OK)
		die("workflow");
}

void
bl_workflow_close(bl_workflow *w)
{
	yousu_wf_free(w->wf);
	yousu_store_close(w->st);
	yousu_policy_free(w->p);
	yousu_calendar_free(w->c);
	yousu_depts_free(w->d);
}

void
bl_intake_and(const char *dir, int index, long long count,
    void (*send)(void *ctx, const uint8_t *buf, size_t len), void *ctx)
{
	char path[512], err[512], code[16], text[256];
	bl_workflow w;
	yousu_store *st;
	yousu_wf *wf;
	captured cap = {0};

	snprintf(path, sizeof path, "%s/mpub%02d.db", dir, index);
	snprintf(code, sizeof code, "M%02d", index);
	bl_workflow_open(&w, path, code, NULL);
	st = w.st;
	wf = w.wf;
	yousu_store_set_hook(st, capture, &cap);
	for (long long k = 1; k <= count;) {
		if (yousu_store_begin(st) != YOUSU_OK)
			die("begin");
		for (int j = 0; j < 500 && k <= count; j++, k++) {
			cJSON *args = cJSON_CreateObject(), *res = NULL;

			cJSON_AddStringToObject(args, "source", "window");
			snprintf(text, sizeof text, "群众%lld", k);
			cJSON_AddStringToObject(args, "name", text);
			snprintf(text, sizeof text, "139%08lld", k);
			cJSON_AddStringToObject(args, "phone", text);
			snprintf(text, sizeof text,
			    "第%lld件：材料齐全但窗口未按时受理", k);
			cJSON_AddStringToObject(args, "content", text);
			if (yousu_wf_exec(wf, "intake", "bench", args, &res,
			        err, sizeof err) != YOUSU_OK)
				die(err);
			cJSON_Delete(res);
			cJSON_Delete(args);
		}
		if (yousu_store_commit(st) != YOUSU_OK)
			die("commit");
		for (size_t i = 0; i < cap.n; i++) {
			send(ctx, cap.buf[i], cap.len[i]);
			free(cap.buf[i]);
		}
		cap.n = 0;
	}
	free(cap.buf);
	free(cap.len);
	bl_workflow_close(&w);
}

double
bl_cpu_seconds(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long ut = 0, st = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/stat", (int) pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	p = fgets(buf, sizeof buf, f) ? strrchr(buf, ')') : NULL;
	fclose(f);
	/* after the command: state ppid ... utime(14) stime(15) */
	if (p == NULL || sscanf(p + 2,
	                     "%*c %*d %*d %*d %*d %*d %*u %*u %*u "
	                     "%*u %*u %llu %llu",
	                     &ut, &st) != 2)
		return -1;
	return (double) (ut + st) / (double) sysconf(_SC_CLK_TCK);
}

void
bl_fill_store(
    const char *path, long n, cJSON *(*make)(long k, long n, const char **type))
{
	yousu_store *st;
	char err[256];

	if (yousu_store_open(path, &st, err, sizeof err) != YOUSU_OK ||
	    yousu_store_ledger_indexes(st, err, sizeof err) != YOUSU_OK)
		die(err);
	for (long k = 0; k < n; k++) {
		const char *type;
		cJSON *doc = make(k, n, &type);
		yousu_event ev = {type, "bench",
		    (int64_t) cJSON_GetObjectItem(doc, "received_at")
		        ->valuedouble,
		    cJSON_GetObjectItem(doc, "origin")->valuestring, "{}"};

		if (k % 50000 == 0 && k > 0 && yousu_store_commit(st) != 0)
			die("commit");
		if (k % 50000 == 0 && yousu_store_begin(st) != YOUSU_OK)
			die("begin");
		if (yousu_store_save(st, doc, &ev) != YOUSU_OK)
			die(yousu_store_errmsg(st));
		cJSON_Delete(doc);
	}
	if (yousu_store_commit(st) != YOUSU_OK)
		die("commit");
	yousu_store_close(st);
}
