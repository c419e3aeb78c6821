/* The daemon: one thread, one poll loop over signals and the control
 * socket, the scheduler on a timer. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <nng/nng.h>
#include <nng/protocol/reqrep0/rep.h>
#include <nng/transport/ipc/ipc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "wf_impl.h"
#include "yousu/complaint.h"
#include "yousu/config.h"
#include "yousu/daemon.h"
#include "yousu/log.h"
#include "yousu/query.h"

#define PATH_LEN 512
#define MAX_REQUEST (1 << 20)

typedef struct {
	char code[17];
	char name[160];
	char store[PATH_LEN];
	char control[PATH_LEN];
	char profile[PATH_LEN];
	char calendar[PATH_LEN];
	char departments[PATH_LEN];
	int utc_offset;
	int interval_s;
} daemon_cfg;

typedef struct {
	const char *role;
	daemon_cfg cfg;
	yousu_store *store;
	yousu_policy *policy;
	yousu_calendar *cal;
	yousu_depts *depts;
	yousu_wf *wf;
	nng_socket rep;
	bool test_clock;
	bool check_only; /* --check: load the configuration and stop */
	int64_t clock_now; /* test clock, unix seconds */
	int64_t next_tick;
} daemon_t;

static int sig_pipe[2] = {-1, -1};

static yousu_err
on_code(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	daemon_cfg *c = obj;
	size_t n = strlen(v);

	(void) name;
	if (n < 2 || n > 16 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != n) {
		snprintf(msg, len,
		    "code '%s' must be 2-16 capital letters or digits", v);
		return YOUSU_CONFIG;
	}
	memcpy(c->code, v, n + 1);
	return YOUSU_OK;
}

static yousu_err
on_control(void *obj, const char *name, const char *v, char *msg,
    size_t len)
{
	daemon_cfg *c = obj;

	(void) name;
	if (strncmp(v, "ipc://", 6) != 0 || strlen(v) >= sizeof c->control) {
		snprintf(msg, len,
		    "listen '%s' must be an ipc:// address (the control "
		    "socket is local only)",
		    v);
		return YOUSU_CONFIG;
	}
	snprintf(c->control, sizeof c->control, "%s", v);
	return YOUSU_OK;
}

#define OFF(f) offsetof(daemon_cfg, f)
#define SZ(f) sizeof(((daemon_cfg *) 0)->f)
static const yousu_cfg_key daemon_keys[] = {
    {"centre", "code", YOUSU_CFG_FUNC, 0, 0, 0, 0, true, on_code},
    {"centre", "name", YOUSU_CFG_STR, OFF(name), SZ(name), 0, 0, true, 0},
    {"store", "path", YOUSU_CFG_PATH, OFF(store), SZ(store), 0, 0, true, 0},
    {"control", "listen", YOUSU_CFG_FUNC, 0, 0, 0, 0, true, on_control},
    {"policy", "profile", YOUSU_CFG_PATH, OFF(profile), SZ(profile), 0, 0,
	true, 0},
    {"policy", "calendar", YOUSU_CFG_PATH, OFF(calendar), SZ(calendar), 0,
	0, true, 0},
    {"policy", "departments", YOUSU_CFG_PATH, OFF(departments),
	SZ(departments), 0, 0, true, 0},
    {"policy", "utc_offset_minutes", YOUSU_CFG_INT, OFF(utc_offset), 0,
	-720, 840, false, 0},
    {"scheduler", "interval_s", YOUSU_CFG_INT, OFF(interval_s), 0, 1, 3600,
	false, 0},
    {NULL},
};

/* --- clock ------------------------------------------------------------ */

static int64_t
daemon_now(void *arg)
{
	daemon_t *d = arg;

	return d->test_clock ? d->clock_now : (int64_t) time(NULL);
}

static yousu_err
clock_store(daemon_t *d)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long) d->clock_now);
	return yousu_store_set_setting(d->store, "test_clock", buf);
}

/* The test clock starts at `start` (or now) on a new store and goes on
 * from where it stood on a restarted one. */
static int
clock_init(daemon_t *d, const char *start)
{
	char buf[32];

	d->clock_now = time(NULL);
	if (!d->test_clock)
		return 0;
	if (yousu_store_get_setting(d->store, "test_clock", buf,
		sizeof buf) == YOUSU_OK) {
		d->clock_now = strtoll(buf, NULL, 10);
		return 0;
	}
	if (start != NULL &&
	    yousu_parse_time(start, d->cfg.utc_offset, &d->clock_now) != 0) {
		fprintf(stderr,
		    "yousu-%s: --test-clock='%s' is not YYYY-MM-DD or "
		    "YYYY-MM-DDTHH:MM\n",
		    d->role, start);
		return 2;
	}
	return clock_store(d) == YOUSU_OK ? 0 : 1;
}

/* "3d", "2h", "30m", "10s" */
static yousu_err
parse_span(const char *s, int64_t *out)
{
	char *end;
	long long n = strtoll(s, &end, 10);
	int64_t unit;

	if (end == s || n < 0 || n > 3660)
		return YOUSU_INVAL;
	if (strcmp(end, "d") == 0)
		unit = 86400;
	else if (strcmp(end, "h") == 0)
		unit = 3600;
	else if (strcmp(end, "m") == 0)
		unit = 60;
	else if (strcmp(end, "s") == 0 || *end == '\0')
		unit = 1;
	else
		return YOUSU_INVAL;
	*out = n * unit;
	return YOUSU_OK;
}

/* --- control requests -------------------------------------------------- */

typedef yousu_err (*ctl_fn)(daemon_t *d, const char *actor,
    const cJSON *args, cJSON **result, char *err, size_t errlen);

static yousu_err
tick(daemon_t *d, int *fired)
{
	char err[512];
	yousu_err rv = yousu_wf_tick(d->wf, fired, err, sizeof err);

	if (rv != YOUSU_OK)
		yousu_log("SCHED %s", err);
	else if (*fired > 0)
		yousu_log("scheduler: %d escalation event(s)", *fired);
	return rv;
}

static yousu_err
ctl_clock(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *action = yousu__jstr(args, "action");
	const char *value = yousu__jstr(args, "value");
	int64_t t, span;
	int fired = 0;
	char buf[32];

	(void) actor;
	if (action != NULL && strcmp(action, "get") != 0) {
		if (!d->test_clock) {
			snprintf(err, errlen,
			    "clock: the %s was not started with --test-clock",
			    d->role);
			return YOUSU_STATE;
		}
		if (strcmp(action, "set") == 0 &&
		    yousu_parse_time(value, d->cfg.utc_offset, &t) == 0) {
			if (t < d->clock_now) {
				snprintf(err, errlen,
				    "clock: '%s' is before the current test "
				    "time; the clock never goes back",
				    value);
				return YOUSU_INVAL;
			}
			d->clock_now = t;
		} else if (strcmp(action, "advance") == 0 &&
			   parse_span(value ? value : "", &span) == 0) {
			d->clock_now += span;
		} else {
			snprintf(err, errlen,
			    "clock: bad %s value '%s' (set takes YYYY-MM-DD or "
			    "YYYY-MM-DDTHH:MM, advance takes 3d, 2h, 30m)",
			    action, value ? value : "");
			return YOUSU_INVAL;
		}
		if (clock_store(d) != YOUSU_OK || tick(d, &fired) != YOUSU_OK) {
			snprintf(err, errlen, "clock: store: %s",
			    yousu_store_errmsg(d->store));
			return YOUSU_DB;
		}
	}
	*result = cJSON_CreateObject();
	yousu_format_time(daemon_now(d), d->cfg.utc_offset, buf, sizeof buf);
	yousu__jset_str(*result, "now", buf);
	yousu__jset_bool(*result, "test_clock", d->test_clock);
	yousu__jset_int(*result, "fired", fired);
	return YOUSU_OK;
}

static int32_t
today(daemon_t *d)
{
	return yousu_local_day(daemon_now(d), d->cfg.utc_offset);
}

static yousu_err
ctl_show(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *id = yousu__jstr(args, "id");
	cJSON *doc = NULL, *events = NULL, *e;
	char *wo, t[32];
	yousu_err rv;

	(void) actor;
	rv = id ? yousu_store_load(d->store, id, &doc) : YOUSU_INVAL;
	if (rv == YOUSU_OK)
		rv = yousu_store_events(d->store, id, &events);
	if (rv != YOUSU_OK) {
		snprintf(err, errlen, "show: no complaint '%s'",
		    id ? id : "(no id given)");
		cJSON_Delete(doc);
		return rv;
	}
	cJSON_ArrayForEach(e, events)
	{
		yousu_format_time(yousu__jint(e, "at", 0), d->cfg.utc_offset,
		    t, sizeof t);
		yousu__jset_str(e, "time", t);
	}
	yousu__jset(doc, "log", events);
	yousu__jset_int(doc, "overdue_days",
	    yousu_wf_overdue_days(d->wf, doc, today(d)));
	if ((wo = yousu_workorder_text(d->wf, doc)) != NULL) {
		yousu__jset_str(doc, "workorder", wo);
		free(wo);
	}
	*result = doc;
	return YOUSU_OK;
}

/* Fill a filter from request fields; the strings stay in args. */
static yousu_err
read_filter(daemon_t *d, const cJSON *args, yousu_filter *f, char *today_s,
    char *err, size_t errlen)
{
	static const char *const dates[] = {"from", "to", "due_before"};
	yousu_date day;

	memset(f, 0, sizeof *f);
	f->status = yousu__jstr(args, "status");
	f->source = yousu__jstr(args, "source");
	f->category = yousu__jstr(args, "category");
	f->origin = yousu__jstr(args, "origin");
	f->limit = (int) yousu__jint(args, "limit", 0);
	for (int i = 0; i < 3; i++) {
		const char *v = yousu__jstr(args, dates[i]);

		if (v != NULL && yousu_date_parse(v, &day) != YOUSU_OK) {
			snprintf(err, errlen,
			    "%s '%s' is not a date (YYYY-MM-DD)", dates[i], v);
			return YOUSU_INVAL;
		}
		if (v != NULL && i == 0)
			f->from = (int64_t) day * 86400 - d->cfg.utc_offset * 60;
		if (v != NULL && i == 1)
			f->to = (int64_t) (day + 1) * 86400 -
				d->cfg.utc_offset * 60;
	}
	f->due_before = yousu__jstr(args, "due_before");
	if (yousu__jbool(args, "overdue", false)) {
		yousu_date_format(today(d), today_s);
		f->overdue_today = today_s;
	}
	return YOUSU_OK;
}

typedef struct {
	daemon_t *d;
	cJSON *items;
} list_scan;

static yousu_err
list_item(void *arg, const cJSON *doc)
{
	static const char *const keys[] = {"id", "status", "source", "name",
	    "category", "lead", "due", NULL};
	list_scan *s = arg;
	cJSON *it = cJSON_CreateObject();
	char buf[32];

	for (size_t i = 0; keys[i]; i++)
		yousu__jset_str(it, keys[i], yousu__jstr(doc, keys[i]));
	yousu_format_time(yousu__jint(doc, "received_at", 0),
	    s->d->cfg.utc_offset, buf, sizeof buf);
	yousu__jset_str(it, "received", buf);
	yousu__jset_int(it, "overdue_days",
	    yousu_wf_overdue_days(s->d->wf, doc, today(s->d)));
	cJSON_AddItemToArray(s->items, it);
	return YOUSU_OK;
}

static yousu_err
ctl_list(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	list_scan s = {d, NULL};
	char today_s[11];
	yousu_filter f;
	yousu_err rv;

	(void) actor;
	if ((rv = read_filter(d, args, &f, today_s, err, errlen)) != 0)
		return rv;
	s.items = cJSON_CreateArray();
	if ((rv = yousu_store_list(d->store, &f, list_item, &s)) != 0) {
		snprintf(err, errlen, "list: %s", yousu_store_errmsg(d->store));
		cJSON_Delete(s.items);
		return rv;
	}
	*result = s.items;
	return YOUSU_OK;
}

static yousu_err
ctl_ledger(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	char today_s[11];
	yousu_filter f;
	yousu_err rv;

	(void) actor;
	if ((rv = read_filter(d, args, &f, today_s, err, errlen)) != 0)
		return rv;
	rv = yousu_ledger_build(d->wf, d->store, &f, today(d),
	    yousu__jbool(args, "with_id", false), result);
	if (rv != YOUSU_OK)
		snprintf(err, errlen, "ledger: %s",
		    yousu_store_errmsg(d->store));
	return rv;
}

static yousu_err
ctl_stats(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	char today_s[11];
	yousu_filter f;
	yousu_err rv;

	(void) actor;
	if ((rv = read_filter(d, args, &f, today_s, err, errlen)) != 0)
		return rv;
	rv = yousu_stats_build(d->wf, d->store, &f, today(d), result);
	if (rv != YOUSU_OK)
		snprintf(err, errlen, "stats: %s", yousu_store_errmsg(d->store));
	return rv;
}

static yousu_err
ctl_ping(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor, (void) args, (void) err, (void) errlen;
	*result = cJSON_CreateObject();
	yousu__jset_str(*result, "role", d->role);
	yousu__jset_str(*result, "centre", d->cfg.code);
	yousu__jset_str(*result, "name", d->cfg.name);
	yousu__jset_str(*result, "profile", yousu_policy_name(d->policy));
	return YOUSU_OK;
}

static yousu_err
ctl_check(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	yousu_err rv;

	(void) actor, (void) args;
	if ((rv = yousu_store_check(d->store, err, errlen)) != YOUSU_OK)
		return rv;
	*result = cJSON_CreateObject();
	yousu__jset_bool(*result, "consistent", true);
	return YOUSU_OK;
}

static const struct {
	const char *cmd;
	ctl_fn fn;
} ctl_cmds[] = {
    {"clock", ctl_clock},
    {"show", ctl_show},
    {"list", ctl_list},
    {"ledger", ctl_ledger},
    {"stats", ctl_stats},
    {"ping", ctl_ping},
    {"check", ctl_check},
    {NULL, NULL},
};

static yousu_err
dispatch(daemon_t *d, const char *cmd, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	for (size_t i = 0; ctl_cmds[i].cmd; i++)
		if (strcmp(ctl_cmds[i].cmd, cmd) == 0)
			return ctl_cmds[i].fn(d, actor, args, result, err,
			    errlen);
	return yousu_wf_exec(d->wf, cmd, actor, args, result, err, errlen);
}

static void
log_change(const char *cmd, const char *actor, const cJSON *result)
{
	if (strcmp(cmd, "intake") == 0 || yousu__jstr(result, "status"))
		yousu_log("%s %s by %s -> %s", cmd, yousu__jstr(result, "id"),
		    actor, yousu__jstr(result, "status"));
}

/* Handle one request text; returns the reply text (caller frees). */
static char *
handle(daemon_t *d, const char *text, size_t len)
{
	cJSON *req = cJSON_ParseWithLength(text, len), *rep;
	cJSON *result = NULL;
	const char *cmd = yousu__jstr(req, "cmd");
	const char *actor = yousu__jstr(req, "actor");
	const cJSON *args = cJSON_GetObjectItem(req, "args");
	char err[1024] = "";
	yousu_err rv = YOUSU_PROTO;
	char *out;

	if (cmd == NULL)
		snprintf(err, sizeof err,
		    "bad request: expected JSON {\"cmd\", \"actor\", \"args\"}");
	else
		rv = dispatch(d, cmd, actor, args ? args : req, &result, err,
		    sizeof err);
	rep = cJSON_CreateObject();
	yousu__jset_bool(rep, "ok", rv == YOUSU_OK);
	if (rv == YOUSU_OK) {
		if (cJSON_IsObject(result) && cJSON_IsObject(args))
			log_change(cmd, actor ? actor : "-", result);
		yousu__jset(rep, "result", result);
	} else {
		yousu_log("REFUSED %s", err);
		yousu__jset_str(rep, "error", err[0] ? err : yousu_strerror(rv));
		yousu__jset_str(rep, "code", yousu_strerror(rv));
	}
	out = cJSON_PrintUnformatted(rep);
	cJSON_Delete(rep);
	cJSON_Delete(req);
	return out;
}

static void
serve_requests(daemon_t *d)
{
	nng_msg *msg;
	char *reply;

	while (nng_recvmsg(d->rep, &msg, NNG_FLAG_NONBLOCK) == 0) {
		if (nng_msg_len(msg) > MAX_REQUEST)
			reply = strdup("{\"ok\":false,\"error\":\"request too "
				       "large\",\"code\":\"limit exceeded\"}");
		else
			reply = handle(d, nng_msg_body(msg), nng_msg_len(msg));
		nng_msg_clear(msg);
		if (reply == NULL || nng_msg_append(msg, reply,
					 strlen(reply)) != 0 ||
		    nng_sendmsg(d->rep, msg, 0) != 0) {
			yousu_log("CONTROL cannot send a reply");
			nng_msg_free(msg);
		}
		free(reply);
	}
}

/* --- start-up ----------------------------------------------------------- */

static void
on_signal(int sig)
{
	char c = (char) sig;

	(void) !write(sig_pipe[1], &c, 1);
}

static int
setup_signals(void)
{
	struct sigaction sa = {0};

	if (pipe(sig_pipe) != 0)
		return -1;
	fcntl(sig_pipe[1], F_SETFL, O_NONBLOCK);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static int
load_all(daemon_t *d, const char *path)
{
	char err[1024];
	yousu_wf_config wc;

	d->cfg.utc_offset = 480;
	d->cfg.interval_s = 60;
	if (yousu_config_load(path, daemon_keys, &d->cfg, err, sizeof err) ||
	    yousu_policy_load(d->cfg.profile, &d->policy, err, sizeof err) ||
	    yousu_calendar_load(d->cfg.calendar, &d->cal, err, sizeof err) ||
	    yousu_depts_load(d->cfg.departments, &d->depts, err, sizeof err) ||
	    (!d->check_only &&
		yousu_store_open(d->cfg.store, &d->store, err, sizeof err))) {
		fprintf(stderr, "yousu-%s: %s\n", d->role, err);
		return 1;
	}
	wc = (yousu_wf_config){d->cfg.code, d->store, d->policy, d->cal,
	    d->depts, d->cfg.utc_offset, daemon_now, d};
	return yousu_wf_new(&wc, &d->wf) == YOUSU_OK ? 0 : 1;
}

static int
listen_control(daemon_t *d)
{
	const char *path = d->cfg.control + 6;
	nng_listener l;
	int rv;

	/* a stale socket file from a killed daemon would block the bind */
	if (access(path, F_OK) == 0)
		unlink(path);
	if ((rv = nng_rep0_open(&d->rep)) != 0 ||
	    (rv = nng_listener_create(&l, d->rep, d->cfg.control)) != 0 ||
	    (rv = nng_listener_set_int(l, NNG_OPT_IPC_PERMISSIONS, 0600)) ||
	    (rv = nng_listener_start(l, 0)) != 0 ||
	    (rv = nng_socket_set_size(d->rep, NNG_OPT_RECVMAXSZ,
		 MAX_REQUEST + 1)) != 0) {
		fprintf(stderr, "yousu-%s: control %s: %s\n", d->role,
		    d->cfg.control, nng_strerror(rv));
		return 1;
	}
	return 0;
}

static void
run_loop(daemon_t *d)
{
	struct pollfd fds[2] = {{sig_pipe[0], POLLIN, 0}, {-1, POLLIN, 0}};
	int fired;

	nng_socket_get_int(d->rep, NNG_OPT_RECVFD, &fds[1].fd);
	d->next_tick = 0;
	for (;;) {
		int64_t mono = (int64_t) time(NULL);

		if (mono >= d->next_tick) {
			tick(d, &fired);
			d->next_tick = mono + d->cfg.interval_s;
		}
		if (poll(fds, 2, 1000) < 0 && errno != EINTR)
			break;
		if (fds[0].revents & POLLIN)
			break;
		if (fds[1].revents & POLLIN)
			serve_requests(d);
	}
}

static void
cleanup(daemon_t *d)
{
	nng_close(d->rep);
	yousu_wf_free(d->wf);
	yousu_store_close(d->store);
	yousu_depts_free(d->depts);
	yousu_calendar_free(d->cal);
	yousu_policy_free(d->policy);
}

static int
usage(const char *role, int status)
{
	fprintf(status ? stderr : stdout,
	    "usage: yousu-%s -c FILE [--test-clock[=TIME]] [--check]\n"
	    "  -c, --config FILE        the %s's configuration (INI)\n"
	    "      --test-clock[=TIME]  time moves only by 'yousuctl clock';\n"
	    "                           starts at TIME on a new store\n"
	    "      --check              check the configuration and exit\n",
	    role, role);
	return status;
}

int
yousu_daemon_main(const char *role, int argc, char **argv)
{
	static const struct option opts[] = {{"config", 1, 0, 'c'},
	    {"test-clock", 2, 0, 't'}, {"check", 0, 0, 'k'},
	    {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
	daemon_t d = {.role = role};
	const char *config = NULL, *clock_start = NULL;
	char tag[64];
	int c, rv;

	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		if (c == 'c')
			config = optarg;
		else if (c == 'k')
			d.check_only = true;
		else if (c == 't') {
			d.test_clock = true;
			clock_start = optarg;
		}
		else
			return usage(role, c == 'h' ? 0 : 2);
	}
	if (config == NULL || optind != argc)
		return usage(role, 2);
	if ((rv = load_all(&d, config)) == 0 && d.check_only) {
		printf("%s: configuration ok (%s %s, profile %s)\n", config,
		    role, d.cfg.code, yousu_policy_name(d.policy));
		cleanup(&d);
		return 0;
	}
	if (rv == 0 &&
	    (rv = clock_init(&d, clock_start)) == 0) {
		rv = setup_signals() || listen_control(&d);
	}
	if (rv == 0) {
		snprintf(tag, sizeof tag, "%s[%s]", role, d.cfg.code);
		yousu_log_init(tag);
		yousu_log("started: %s, store %s, control %s%s", d.cfg.name,
		    d.cfg.store, d.cfg.control,
		    d.test_clock ? ", test clock" : "");
		run_loop(&d);
		yousu_log("stopped");
	}
	cleanup(&d);
	return rv;
}
