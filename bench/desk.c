/* bench/desk: the desk's API at a county hub holding N complaints, while
 * two townships stream complaints to it over the link as fast as they
 * can. 32 sessions (32 logged-in accounts, one keep-alive connection
 * each, a request every 100 ms on average: ten times a busy clerk) issue
 * the desk's mix: a department's queue, a ledger page with filters, a
 * complaint, the statistics of a day, a page of the desk; one of them is
 * an analyst asking for a month's statistics. The store: two years of a
 * county's complaints, those of the last 30 days in hand, the rest
 * settled. Printed: each kind's p50/p99 beside, in the same run, the same
 * server's p99 for a static file; the uplink with and without the desk's
 * load; the other requests' p99 while 20 accounts log in at once
 * (Argon2id on the worker thread).
 *
 *   desk [COMPLAINTS [SECONDS]]        (1000000 20)
 *   desk COMPLAINTS 0 --serve DESK      the filled hub serving the desk's
 *                                       folder DESK and one department
 *                                       account, until stdin closes
 *                                       (bench/desk_views.py) */
#define _GNU_SOURCE /* strcasestr */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "benchlib.h"
#include "yousu/store.h"

#define SESSIONS 32
#define LOGINS   20
#define NOW      1790211600LL /* 2026-09-24 09:00 +08:00, the test clock */
#define SPAN_S   (2 * 365 * 86400LL)
#define T0       (NOW - SPAN_S)
#define MAXLAT   200000
#define THINK_MS 100 /* a session's pause between requests, on average */

/* before 30 days ago everything is settled; the last 30 days are in hand */
static const char *const recent[] = {
    "assigned", "assigned", "assigned", "replied", "checked", "closed"};
static const char *const sources[] = {
    "window", "window", "hotline", "hotline", "online", "transfer"};
static const char *const categories[] = {
    "attitude", "blocked", "delayed", "extortion", "reform", "hotline"};
static const char *const depts[] = {"SCJ", "RSJ", "GAJ", "MZJ", "BDC", "SWJ",
    "ZJJ", "GJJ", "ZRJ", "JTJ", "JYJ", "WJW", "NYJ", "CGJ", "HBJ"};
#define NDEPTS (sizeof depts / sizeof *depts)

static void
die(const char *what)
{
	fprintf(stderr, "bench-desk: %s\n", what);
	exit(1);
}

/* Complaint k of n as the hub holds it, taken at N00 or N01. */
static cJSON *
make_doc(long k, long n, const char **type)
{
	cJSON *d = cJSON_CreateObject(), *co;
	char buf[64];
	int64_t at = T0 + (int64_t) ((double) k / (double) n * SPAN_S);
	int64_t age_d = (NOW - at) / 86400;
	const char *status = age_d > 30  ? (k % 20 ? "closed" : "rejected")
	                     : age_d < 1 ? (k % 2 ? "registered" : "classified")
	                                 : recent[(k * 31) % 6];

	snprintf(buf, sizeof buf, "N%02ld-%08ld", k % 2, k);
	cJSON_AddStringToObject(d, "id", buf);
	snprintf(buf, sizeof buf, "N%02ld", k % 2);
	cJSON_AddStringToObject(d, "origin", buf);
	cJSON_AddStringToObject(d, "owner", buf);
	cJSON_AddStringToObject(d, "status", status);
	cJSON_AddStringToObject(d, "source", sources[(k * 13) % 6]);
	cJSON_AddStringToObject(d, "category", categories[(k * 17) % 6]);
	cJSON_AddNumberToObject(d, "received_at", (double) at);
	cJSON_AddStringToObject(d, "name", "某群众");
	cJSON_AddStringToObject(d, "phone", "13900000000");
	cJSON_AddStringToObject(
	    d, "content", "办理营业执照变更时窗口要求重复提交材料");
	cJSON_AddNumberToObject(d, "events", 1);
	*type = "intake";
	if (strcmp(status, "registered") != 0 &&
	    strcmp(status, "classified") != 0 &&
	    strcmp(status, "rejected") != 0) {
		time_t due = (time_t) (at + 14 * 86400);
		struct tm tm;

		gmtime_r(&due, &tm);
		strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
		cJSON_AddStringToObject(d, "due", buf);
		cJSON_AddStringToObject(d, "lead", depts[k % NDEPTS]);
		co = cJSON_AddArrayToObject(d, "co");
		if (k % 3 == 0)
			cJSON_AddItemToArray(
			    co, cJSON_CreateString(depts[(k + 7) % NDEPTS]));
		*type = "assign";
	}
	return d;
}

/* --- a small HTTP/1.1 client: one keep-alive connection --------------- */

typedef struct {
	int fd;
	int port;
	char cookie[128];
	char csrf[64];
} conn;

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec * 1e3 + (double) ts.tv_nsec / 1e6;
}

/* Wait until the hub keeps the figures of every day it holds (its
 * stats_days rows stop growing), printing how long that took. */
static void
days_kept(bl_run *r)
{
	char path[600];
	sqlite3 *db;
	sqlite3_stmt *q;
	int64_t n = -1, last = -2;
	double t0 = now_ms(), still = t0;

	snprintf(path, sizeof path, "file:%s/hub.db?mode=ro", r->dir);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	        NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM stats_days", -1, &q,
	        NULL) != SQLITE_OK)
		die("stats_days: the hub store cannot be read");
	sqlite3_busy_timeout(db, 5000);
	printf("the hub counting each day's figures once...\n");
	fflush(stdout);
	for (;;) {
		if (sqlite3_step(q) == SQLITE_ROW)
			n = sqlite3_column_int64(q, 0);
		sqlite3_reset(q);
		if (n != last) {
			last = n;
			still = now_ms();
		} else if (n > 0 && now_ms() - still > 3000)
			break;
		usleep(200000);
	}
	printf("days kept: %lld, in %.1f s\n", (long long) n,
	    (still - t0) / 1000.0);
	sqlite3_finalize(q);
	sqlite3_close(db);
}

static void
conn_open(conn *c)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	int one = 1;

	a.sin_port = htons((uint16_t) c->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((c->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    connect(c->fd, (struct sockaddr *) &a, sizeof a) != 0)
		die("cannot connect to the API");
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* One request; the answer's status, its body into body (len bytes, cut),
 * a Set-Cookie into c->cookie. Reconnects once when the server closed
 * (before the request, or an idle connection it timed out after 30 s:
 * on a slow machine the sessions wait that long while the others log
 * in). */
static int
http(conn *c, const char *method, const char *path, const char *json,
    char *body, size_t len)
{
	static __thread char buf[1 << 20];
	char req[4096];
	size_t got = 0, need = 0;
	char *end = NULL, *cl, *sc;
	int status = 0, n;

	n = snprintf(req, sizeof req,
	    "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s%s%s%s%s"
	    "Content-Length: %zu\r\n\r\n%s",
	    method, path, c->cookie[0] ? "Cookie: " : "", c->cookie,
	    c->cookie[0] ? "\r\n" : "", c->csrf[0] ? "X-CSRF-Token: " : "",
	    c->csrf, c->csrf[0] ? "\r\n" : "", json ? strlen(json) : 0,
	    json ? json : "");
	bool again = true; /* an idle connection the server timed out */

	if (write(c->fd, req, (size_t) n) != n) {
		close(c->fd);
		conn_open(c);
		if (write(c->fd, req, (size_t) n) != n)
			die("write");
	}
	for (;;) {
		ssize_t r = read(c->fd, buf + got, sizeof buf - 1 - got);

		if (r <= 0 && got == 0 && again) {
			again = false;
			close(c->fd);
			conn_open(c);
			if (write(c->fd, req, (size_t) n) != n)
				die("write");
			continue;
		}
		if (r <= 0)
			die("the API closed the connection");
		got += (size_t) r;
		buf[got] = '\0';
		if (end == NULL && (end = strstr(buf, "\r\n\r\n")) != NULL) {
			status = atoi(buf + 9);
			cl = strcasestr(buf, "\r\nContent-Length:");
			need = (size_t) (end - buf) + 4 +
			       (cl && cl < end ? (size_t) atol(cl + 17) : 0);
			if ((sc = strcasestr(buf, "\r\nSet-Cookie: ")) !=
			        NULL &&
			    sc < end)
				sscanf(sc + 14, "%127[^;]", c->cookie);
		}
		if (end != NULL && got >= need)
			break;
		if (got >= sizeof buf - 1)
			die("answer too large for the client");
	}
	if (body != NULL)
		snprintf(body, len, "%s", end + 4);
	return status;
}

/* --- the run ---------------------------------------------------------------
 */

enum { K_QUEUE, K_LEDGER, K_SHOW, K_STATS, K_STATIC, K_MONTH, K_LOGIN, NKINDS };
static const char *const kind_names[] = {"queue", "ledger page", "show",
    "stats (a day)", "static file", "stats (a month)", "login"};
static const char *const kind_keys[] = {"queue", "ledger_page", "show",
    "stats_day", "static", "stats_month", "login"};

typedef struct {
	double *lat[NKINDS];
	_Atomic long n[NKINDS];
} samples;

static samples sm;
static _Atomic int running;
static long complaints;
static int port;

static void
sample(int kind, double ms)
{
	long i = atomic_fetch_add(&sm.n[kind], 1);

	if (i < MAXLAT)
		sm.lat[kind][i] = ms;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;

	return x < y ? -1 : x > y;
}

static double
pct(int kind, double p)
{
	long n = atomic_load(&sm.n[kind]);

	if (n > MAXLAT)
		n = MAXLAT;
	if (n == 0)
		return 0;
	qsort(sm.lat[kind], (size_t) n, sizeof(double), cmp);
	return sm.lat[kind][(long) ((double) (n - 1) * p)];
}

static void
reset_samples(void)
{
	for (int k = 0; k < NKINDS; k++)
		atomic_store(&sm.n[k], 0);
}

/* Log in as login and change the temporary password. */
static void
session(conn *c, const char *login, const char *temp)
{
	char body[4096], json[512], *p;

	snprintf(json, sizeof json, "{\"login\":\"%s\",\"password\":\"%s\"}",
	    login, temp);
	if (http(c, "POST", "/api/v1/login", json, body, sizeof body) != 200)
		die("login refused");
	if ((p = strstr(body, "\"csrf\":\"")) == NULL)
		die("no csrf in the login answer");
	sscanf(p + 8, "%63[^\"]", c->csrf);
	snprintf(json, sizeof json,
	    "{\"old\":\"%s\",\"new\":\"bench-password-%s\"}", temp, login);
	if (http(c, "POST", "/api/v1/password", json, body, sizeof body) != 200)
		die("password change refused");
}

static conn *arg0; /* the analyst's session */

static void *
desk_user(void *arg)
{
	conn *c = arg;
	unsigned seed = (unsigned) c->fd * 2654435761u;
	char path[256], body[256];
	long k = 0;

	while (atomic_load(&running)) {
		/* the first session is an analyst: a month's statistics, again
		 * and again; the others the desk's mix */
		int kind = c == arg0 ? K_MONTH : (int) (k++ % 5), st;
		long r = (long) (rand_r(&seed) % (unsigned) complaints);
		/* a day before today: today holds what the uplink brings */
		int64_t day = T0 + (int64_t) ((double) r / (double) complaints *
		                              (SPAN_S - 31 * 86400LL));
		time_t t = (time_t) (day + 8 * 3600);
		char date[16];
		struct tm tm;
		double t0;

		gmtime_r(&t, &tm);
		strftime(date, sizeof date, "%Y-%m-%d", &tm);
		if (kind == K_QUEUE)
			snprintf(path, sizeof path,
			    "/api/v1/queue?dept=%s&limit=50",
			    depts[r % NDEPTS]);
		else if (kind == K_LEDGER)
			snprintf(path, sizeof path,
			    "/api/v1/ledger?status=assigned&origin=N%02ld&"
			    "limit=50&offset=%ld",
			    r % 2, r % 1000);
		else if (kind == K_SHOW)
			snprintf(path, sizeof path,
			    "/api/v1/show?id=N%02ld-%08ld", r % 2, r);
		else if (kind == K_STATS)
			snprintf(path, sizeof path,
			    "/api/v1/stats?from=%s&to=%s", date, date);
		else if (kind == K_MONTH)
			snprintf(path, sizeof path,
			    "/api/v1/stats?from=%.8s01&to=%.8s28", date, date);
		else
			snprintf(path, sizeof path, "/index.html");
		t0 = now_ms();
		st = http(c, "GET", path, NULL, body, sizeof body);
		sample(kind, now_ms() - t0);
		if (st != 200) {
			fprintf(
			    stderr, "bench-desk: %s: %d %s\n", path, st, body);
			die("a request failed");
		}
		bl_nap_ms(THINK_MS / 2 + (int) (rand_r(&seed) % THINK_MS));
	}
	return NULL;
}

/* One login of the storm (its login name waits in c->csrf). */
static void *
login_one(void *arg)
{
	conn *c = arg;
	char body[256], json[256];
	double t0 = now_ms();

	snprintf(json, sizeof json,
	    "{\"login\":\"%s\",\"password\":\"bench-password-%s\"}", c->csrf,
	    c->csrf);
	c->csrf[0] = '\0';
	if (http(c, "POST", "/api/v1/login", json, body, sizeof body) != 200)
		die("a login of the storm was refused");
	sample(K_LOGIN, now_ms() - t0);
	return NULL;
}

/* Complaints/s from the townships to the hub over seconds. */
/* The storm: a second into the phase, 20 logins at once; the samples of
 * the storm's time (from its start until 200 ms after the last login)
 * kept for the report. */
typedef struct {
	conn *storm;
	int port;
	long n[NKINDS];
	double p50[NKINDS], p99[NKINDS];
} storm_arg;

static void *
login_storm(void *arg)
{
	storm_arg *a = arg;
	pthread_t lt[LOGINS];

	bl_nap_ms(1000);
	reset_samples();
	for (int i = 0; i < LOGINS; i++) {
		a->storm[i].port = a->port;
		conn_open(&a->storm[i]);
		pthread_create(&lt[i], NULL, login_one, &a->storm[i]);
	}
	for (int i = 0; i < LOGINS; i++)
		pthread_join(lt[i], NULL);
	bl_nap_ms(200);
	for (int k = 0; k < NKINDS; k++) {
		a->n[k] = atomic_load(&sm.n[k]);
		a->p50[k] = pct(k, 0.5);
		a->p99[k] = pct(k, 0.99);
	}
	return NULL;
}

static double
uplink(bl_run *r, int seconds, long long *sent)
{
	long long before = bl_hub_received(r), k = 0;
	double t0 = now_ms(), t;

	while ((t = now_ms()) - t0 < seconds * 1e3) {
		for (int i = 0; i < r->nnodes; i++)
			bl_intake_batch(r, i, (int) (*sent + k + 1), 100);
		k += 100;
	}
	while (bl_node_backlog(r, 0) + bl_node_backlog(r, 1) > 0)
		bl_nap_ms(20);
	*sent += k;
	return (double) (bl_hub_received(r) - before) / ((now_ms() - t0) / 1e3);
}

static void
make_account(bl_run *r, const char *login, const char *role, const char *dept,
    char *temp, size_t len)
{
	char url[512];
	cJSON *args = cJSON_CreateObject(), *roles = cJSON_CreateArray(), *res;

	bl_url(r, -1, url, sizeof url);
	cJSON_AddStringToObject(args, "login", login);
	cJSON_AddStringToObject(args, "name", login);
	cJSON_AddItemToArray(roles, cJSON_CreateString(role));
	cJSON_AddItemToObject(args, "roles", roles);
	if (dept != NULL) {
		cJSON *scope = cJSON_CreateArray();

		cJSON_AddItemToArray(scope, cJSON_CreateString(dept));
		cJSON_AddItemToObject(args, "depts", scope);
	}
	res = bl_request(url, "user.add", args); /* takes args */
	snprintf(temp, len, "%s",
	    cJSON_GetObjectItem(res, "temporary_password")->valuestring);
	cJSON_Delete(res);
}

int
main(int argc, char **argv)
{
	int seconds = argc > 2 ? atoi(argv[2]) : 20;
	conn users[SESSIONS], storm[LOGINS];
	pthread_t th[SESSIONS], st_th;
	storm_arg st_arg;
	char path[600], temp[64], login[32];
	double rate_idle, rate_busy, rate_storm, base_p99[NKINDS];
	double worst = 0, storm_worst = 0;
	long long sent = 0;
	const char *serve =
	    NULL; /* --serve DESK: the hub only, for a browser */
	bl_run r;
	FILE *f;

	umask(077); /* the store is made here: the hub's own mode */
	complaints = argc > 1 ? atol(argv[1]) : 1000000;
	if (argc > 4 && strcmp(argv[3], "--serve") == 0)
		serve = argv[4];
	if (complaints < 1000 || (seconds < 1 && serve == NULL))
		die("usage: desk [COMPLAINTS >= 1000 [SECONDS [--serve "
		    "DESK]]]");
	for (int k = 0; k < NKINDS; k++)
		if ((sm.lat[k] = calloc(MAXLAT, sizeof(double))) == NULL)
			die("out of memory");
	bl_init(&r, argv[0], 2);
	snprintf(path, sizeof path, "%s/hub.db", r.dir);
	printf("filling a hub store with %ld complaints...\n", complaints);
	fflush(stdout);
	bl_fill_store(path, complaints, make_doc);
	/* the API, and a page of the desk as the static file */
	port = 20000 + (int) (getpid() % 20000);
	snprintf(path, sizeof path, "%s/hub.ini", r.dir);
	if ((f = fopen(path, "a")) == NULL)
		die("hub.ini");
	if (serve != NULL)
		fprintf(f, "[http]\nlisten = 127.0.0.1:%d\ndesk = %s\n", port,
		    serve);
	else
		fprintf(f, "[http]\nlisten = 127.0.0.1:%d\ndesk = %s/desk\n",
		    port, r.dir);
	fclose(f);
	snprintf(path, sizeof path, "%s/desk", r.dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/desk/index.html", r.dir);
	if ((f = fopen(path, "w")) == NULL)
		die("index.html");
	for (int i = 0; i < 100; i++)
		fprintf(f, "<p>有诉即办 desk line %d</p>\n", i);
	fclose(f);
	bl_start_hub(&r);
	if (serve != NULL) {
		/* for bench/desk_views.py: the hub and one department's
		 * account, until stdin closes */
		make_account(&r, "viewer", "dept", "SCJ", temp, sizeof temp);
		printf("port=%d\nlogin=viewer\ntemp=%s\n", port, temp);
		fflush(stdout);
		while (getchar() != EOF)
			;
		bl_stop(&r);
		return 0;
	}
	/* the hub counts every past day's figures once when idle (kept in
	 * the store after): as a hub that has run for years, before the
	 * desk's load */
	days_kept(&r);
	for (int i = 0; i < r.nnodes; i++)
		bl_start_node(&r, i);
	/* the uplink alone */
	printf("the uplink alone for %d s...\n", seconds);
	fflush(stdout);
	rate_idle = uplink(&r, seconds, &sent);
	/* 32 sessions */
	for (int i = 0; i < SESSIONS + LOGINS; i++) {
		conn *c = i < SESSIONS ? &users[i] : &storm[i - SESSIONS];

		snprintf(login, sizeof login, "desk%02d", i);
		make_account(&r, login, "supervision", NULL, temp, sizeof temp);
		memset(c, 0, sizeof *c);
		c->port = port;
		conn_open(c);
		session(c, login, temp);
		if (i >= SESSIONS) { /* the storm logs in again later */
			close(c->fd);
			memset(c->cookie, 0, sizeof c->cookie);
			snprintf(c->csrf, sizeof c->csrf, "%s", login);
		}
	}
	printf("the uplink under %d sessions for %d s...\n", SESSIONS, seconds);
	fflush(stdout);
	reset_samples();
	atomic_store(&running, 1);
	arg0 = &users[0];
	for (int i = 0; i < SESSIONS; i++)
		pthread_create(&th[i], NULL, desk_user, &users[i]);
	rate_busy = uplink(&r, seconds, &sent);
	for (int k = 0; k < NKINDS; k++)
		base_p99[k] = pct(k, 0.99);
	printf("\n%ld complaints at the hub; %d sessions; %d s a phase\n",
	    complaints, SESSIONS, seconds);
	printf("%-16s %8s %8s %8s\n", "request", "count", "p50 ms", "p99 ms");
	for (int k = 0; k < K_LOGIN; k++)
		printf("%-16s %8ld %8.2f %8.2f\n", kind_names[k],
		    atomic_load(&sm.n[k]), pct(k, 0.5), pct(k, 0.99));
	/* 20 logins at once, under the same load: the desk's and the
	 * uplink's (a third phase streams while the storm runs) */
	st_arg.storm = storm;
	st_arg.port = port;
	pthread_create(&st_th, NULL, login_storm, &st_arg);
	rate_storm = uplink(&r, seconds, &sent);
	pthread_join(st_th, NULL);
	atomic_store(&running, 0);
	for (int i = 0; i < SESSIONS; i++)
		pthread_join(th[i], NULL);
	printf("\nwhile %d accounts log in at once (the uplink streaming, "
	       "%.0f/s):\n",
	    LOGINS, rate_storm);
	for (int k = 0; k < NKINDS; k++) {
		printf("%-16s %8ld %8.2f %8.2f\n", kind_names[k], st_arg.n[k],
		    st_arg.p50[k], st_arg.p99[k]);
		if (k != K_MONTH && k != K_LOGIN && st_arg.p99[k] > storm_worst)
			storm_worst = st_arg.p99[k];
	}
	printf("\nuplink %.0f/s alone, %.0f/s under the desk's load (%.2f)\n",
	    rate_idle, rate_busy, rate_busy / rate_idle);
	printf("complaints=%ld\nsessions=%d\n", complaints, SESSIONS);
	for (int k = 0; k < K_LOGIN; k++)
		printf("p99_ms_%s=%.2f\n", kind_keys[k], base_p99[k]);
	for (int k = 0; k < K_LOGIN; k++)
		if (k != K_MONTH && k != K_STATIC && base_p99[k] > worst)
			worst = base_p99[k];
	printf("desk_worst_p99_ms=%.2f\nstatic_p99_ms=%.2f\n", worst,
	    base_p99[K_STATIC]);
	printf("storm_worst_p99_ms=%.2f\n", storm_worst);
	printf("uplink_alone_per_s=%.0f\nuplink_busy_per_s=%.0f\n"
	       "uplink_ratio=%.2f\n",
	    rate_idle, rate_busy, rate_busy / rate_idle);
	printf("login_storm_p99_ms=%.2f\n", st_arg.p99[K_LOGIN]);
	bl_stop(&r);
	return 0;
}
