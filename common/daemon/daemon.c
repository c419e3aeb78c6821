/* The daemon: one thread, one poll loop over signals and the control
 * socket, the scheduler on a timer. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <nng/nng.h>
#include <nng/protocol/reqrep0/rep.h>
#include <nng/protocol/reqrep0/req.h>
#include <nng/transport/ipc/ipc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "yousu/complaint.h"
#include "yousu/config.h"
#include "yousu/daemon.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/query.h"
#include "yousu/role.h"

#define MAX_REQUEST (1 << 20)
/* a step of the loop this long is logged (LOOP-SLOW) */
#define SLOW_STEP_MS 100

#include "daemon_impl.h"
static int sig_pipe[2] = {-1, -1};

static yousu_err
on_code(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	daemon_cfg *c = obj;
	size_t n = strlen(v);

	(void) name;
	if (n < 2 || n > 16 ||
	    strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != n) {
		snprintf(msg, len,
		    "code '%s' must be 2-16 capital letters or digits", v);
		return YOUSU_CONFIG;
	}
	memcpy(c->code, v, n + 1);
	return YOUSU_OK;
}

static yousu_err
on_control(void *obj, const char *name, const char *v, char *msg, size_t len)
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
#define SZ(f)  sizeof(((daemon_cfg *) 0)->f)
static const yousu_cfg_key centre_keys[] = {
    {"centre", "code", YOUSU_CFG_FUNC, 0, 0, 0, 0, true, on_code},
    {"centre", "name", YOUSU_CFG_STR, OFF(name), SZ(name), 0, 0, true, 0},
    {"store", "path", YOUSU_CFG_PATH, OFF(store), SZ(store), 0, 0, true, 0},
    {"store", "group", YOUSU_CFG_FUNC, 0, 0, 0, 0, false,
        yousu__on_store_group},
    {"control", "listen", YOUSU_CFG_FUNC, 0, 0, 0, 0, true, on_control},
    {"policy", "profile", YOUSU_CFG_PATH, OFF(profile), SZ(profile), 0, 0, true,
        0},
    {"policy", "calendar", YOUSU_CFG_PATH, OFF(calendar), SZ(calendar), 0, 0,
        true, 0},
    {"policy", "departments", YOUSU_CFG_PATH, OFF(departments), SZ(departments),
        0, 0, true, 0},
    {"policy", "utc_offset_minutes", YOUSU_CFG_INT, OFF(utc_offset), 0, -720,
        840, false, 0},
    {"scheduler", "interval_s", YOUSU_CFG_INT, OFF(interval_s), 0, 1, 3600,
        false, 0},
    {"notify", "spool", YOUSU_CFG_PATH, OFF(notify_spool), SZ(notify_spool), 0,
        0, false, 0},
    {NULL},
};

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
			reply = yousu__control_handle(
			    d, nng_msg_body(msg), nng_msg_len(msg));
		nng_msg_clear(msg);
		if (reply == NULL ||
		    nng_msg_append(msg, reply, strlen(reply)) != 0 ||
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
	fcntl(sig_pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(sig_pipe[1], F_SETFL, O_NONBLOCK);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* The centre's keys, the links' and the role's, from one file. */
static yousu_err
load_config(daemon_t *d, const char *path, char *err, size_t errlen)
{
	const yousu_cfg_key *tables[] = {
	    centre_keys, yousu__relay_keys, yousu__http_keys, d->role->keys};
	void *objs[] = {&d->cfg, &d->cfg, &d->cfg, d->state};

	yousu__http_defaults(&d->cfg);
	return yousu_config_load_tables(path, tables, objs, 4, err, errlen);
}

static void
config_defaults(daemon_t *d, const char *path)
{
	d->cfg.utc_offset = 480;
	d->cfg.interval_s = 60;
	yousu_link_config_defaults(&d->cfg.tune);
	d->cfg.max_frame = (int) d->cfg.tune.max_frame;
	snprintf(d->cfg.path, sizeof d->cfg.path, "%s", path);
}

/* --- reloading (SIGHUP, yousuctl reload) -------------------------------- */

/* What a running daemon cannot take from a changed file: named in
 * list, the rest is applied. */
static void
needs_restart(const daemon_cfg *a, const daemon_cfg *b, cJSON *list)
{
#define STR_KEY(f, name)             \
	if (strcmp(a->f, b->f) != 0) \
	cJSON_AddItemToArray(list, cJSON_CreateString(name))
#define INT_KEY(f, name)  \
	if (a->f != b->f) \
	cJSON_AddItemToArray(list, cJSON_CreateString(name))
	STR_KEY(code, "[centre] code");
	STR_KEY(store, "[store] path");
	STR_KEY(store_group, "[store] group");
	STR_KEY(control, "[control] listen");
	INT_KEY(utc_offset, "[policy] utc_offset_minutes");
	STR_KEY(parent, "[parent] code");
	STR_KEY(parent_up, "[parent] uplink");
	STR_KEY(parent_down, "[parent] downlink");
	STR_KEY(parent_key, "[parent] key");
	STR_KEY(tls_ca, "[parent] tls_ca");
	STR_KEY(tls_server_name, "[parent] tls_server_name");
	STR_KEY(listen_up, "[listen] uplink");
	STR_KEY(listen_down, "[listen] downlink");
	STR_KEY(tls_cert_key, "[listen] tls_cert_key");
	STR_KEY(http_listen, "[http] listen");
	if (!a->http_cert[0] != !b->http_cert[0])
		cJSON_AddItemToArray(
		    list, cJSON_CreateString("[http] tls_cert"));
	INT_KEY(max_frame, "[link] max_frame");
	INT_KEY(tune.window, "[link] window");
	INT_KEY(tune.batch, "[link] batch");
	INT_KEY(tune.resend_ms, "[link] resend_ms");
	INT_KEY(tune.resend_max_ms, "[link] resend_max_ms");
	INT_KEY(tune.heartbeat_ms, "[link] heartbeat_ms");
	INT_KEY(tune.offline_ms, "[link] offline_after_ms");
	INT_KEY(tune.reconnect_min_ms, "[link] reconnect_min_ms");
	INT_KEY(tune.reconnect_max_ms, "[link] reconnect_max_ms");
	INT_KEY(nchildren, "[children]");
	for (int i = 0; i < a->nchildren && a->nchildren == b->nchildren; i++)
		if (strcmp(a->child[i], b->child[i]) != 0 ||
		    strcmp(a->child_key[i], b->child_key[i]) != 0) {
			cJSON_AddItemToArray(
			    list, cJSON_CreateString("[children]"));
			break;
		}
#undef STR_KEY
#undef INT_KEY
}

/* Old profiles and catalogues: a statistic being counted over several
 * runs of the loop may still point into one; freed at the end. */
static void
retire(daemon_t *d, yousu_policy *p, yousu_depts *c)
{
	int i = d->nretired % MAX_RETIRED;

	if (d->nretired >= MAX_RETIRED) {
		yousu_policy_free(d->retired_policy[i]);
		yousu_depts_free(d->retired_depts[i]);
	}
	d->retired_policy[i] = p;
	d->retired_depts[i] = c;
	d->nretired++;
}

yousu_err
yousu__daemon_reload(daemon_t *d, cJSON **result, char *err, size_t errlen)
{
	daemon_t *t = calloc(1, sizeof *t);
	yousu_policy *np = NULL;
	yousu_depts *nd = NULL;
	yousu_calendar *cal = NULL;
	cJSON *r = NULL, *calres = NULL;
	char msg[1024] = "";
	yousu_err rv = YOUSU_CONFIG;

	if (t == NULL ||
	    (t->state = calloc(1, d->role->state_size + 1)) == NULL) {
		rv = YOUSU_NOMEM;
		snprintf(msg, sizeof msg, "out of memory");
		goto out;
	}
	t->role = d->role;
	config_defaults(t, d->cfg.path);
	if (load_config(t, d->cfg.path, msg, sizeof msg) != 0 ||
	    yousu_policy_load(t->cfg.profile, &np, msg, sizeof msg) != 0 ||
	    yousu_depts_load(t->cfg.departments, &nd, msg, sizeof msg) != 0 ||
	    yousu_depts_check(nd, np, msg, sizeof msg) != 0 ||
	    yousu_calendar_load(t->cfg.calendar, &cal, msg, sizeof msg) != 0)
		goto out;
	if (d->http != NULL && t->cfg.http_cert[0] &&
	    yousu__http_reload_tls(d, t->cfg.http_cert, t->cfg.http_key, msg,
	        sizeof msg) != YOUSU_OK)
		goto out;
	r = cJSON_CreateObject();
	needs_restart(&d->cfg, &t->cfg, cJSON_AddArrayToObject(r, "restart"));
	/* what a running daemon takes */
	memcpy(d->cfg.name, t->cfg.name, sizeof d->cfg.name);
	memcpy(d->cfg.profile, t->cfg.profile, sizeof d->cfg.profile);
	memcpy(
	    d->cfg.departments, t->cfg.departments, sizeof d->cfg.departments);
	memcpy(d->cfg.calendar, t->cfg.calendar, sizeof d->cfg.calendar);
	d->cfg.interval_s = t->cfg.interval_s;
	d->cfg.http_idle_min = t->cfg.http_idle_min;
	d->cfg.http_max_h = t->cfg.http_max_h;
	d->cfg.http_lock_after = t->cfg.http_lock_after;
	memcpy(d->cfg.http_desk, t->cfg.http_desk, sizeof d->cfg.http_desk);
	memcpy(d->cfg.http_js, t->cfg.http_js, sizeof d->cfg.http_js);
	if (d->http != NULL && t->cfg.http_cert[0]) {
		memcpy(d->cfg.http_cert, t->cfg.http_cert,
		    sizeof d->cfg.http_cert);
		memcpy(
		    d->cfg.http_key, t->cfg.http_key, sizeof d->cfg.http_key);
		yousu__jset_str(r, "certificate", d->cfg.http_cert);
	}
	retire(d, d->policy, d->depts);
	d->policy = np;
	d->depts = nd;
	np = NULL;
	nd = NULL;
	yousu_wf_set_tables(d->wf, d->policy, d->depts);
	yousu__jset_str(r, "profile", yousu_policy_name(d->policy));
	yousu__jset_str(r, "departments", d->cfg.departments);
	/* the calendar: loaded again, its corrections made (期限调整) */
	if ((rv = yousu__calendar_reload(d, &calres, msg, sizeof msg)) !=
	    YOUSU_OK) {
		yousu__jset_str(r, "calendar_error", msg);
		rv = YOUSU_OK;
	} else {
		yousu__jset(r, "calendar", calres);
		calres = NULL;
	}
	yousu_log("reloaded %s: profile %s, catalogue %s%s", d->cfg.path,
	    yousu_policy_name(d->policy), d->cfg.departments,
	    cJSON_GetArraySize(cJSON_GetObjectItem(r, "restart"))
	        ? "; some changes wait for a restart (see reload)"
	        : "");
	*result = r;
	r = NULL;
out:
	if (rv != YOUSU_OK && r == NULL && msg[0])
		yousu_errorf(err, errlen, rv,
		    "reload: %s (nothing changed; the configuration in use "
		    "stays)",
		    msg);
	yousu_calendar_free(cal);
	yousu_policy_free(np);
	yousu_depts_free(nd);
	cJSON_Delete(r);
	cJSON_Delete(calres);
	if (t != NULL)
		free(t->state);
	free(t);
	return rv;
}

static int
load_all(daemon_t *d, const char *path)
{
	char err[1024];
	yousu_wf_config wc;

	config_defaults(d, path);
	if (load_config(d, path, err, sizeof err) ||
	    yousu_policy_load(d->cfg.profile, &d->policy, err, sizeof err) ||
	    yousu_calendar_load(d->cfg.calendar, &d->cal, err, sizeof err) ||
	    yousu_depts_load(d->cfg.departments, &d->depts, err, sizeof err) ||
	    yousu_depts_check(d->depts, d->policy, err, sizeof err)) {
		fprintf(stderr, "yousu-%s: %s\n", d->role->name, err);
		return 1;
	}
	/* the password process holds nothing of the daemon's: before it
	 * opens a file or starts a thread */
	if (!d->check_only && d->cfg.http_listen[0] &&
	    yousu__pwproc_start(d) != 0)
		return 1;
	/* the store's lock before anything is touched; then its modes */
	if (!d->check_only &&
	    (yousu__daemon_lock(d) != 0 || yousu__store_modes(d) != 0))
		return 1;
	if ((!d->check_only &&
	        yousu_store_open(d->cfg.store, &d->store, err, sizeof err)) ||
	    /* the aggregated ledger is the county's */
	    (!d->check_only && d->role->aggregates &&
	        yousu_store_ledger_indexes(d->store, err, sizeof err))) {
		fprintf(stderr, "yousu-%s: %s\n", d->role->name, err);
		return 1;
	}
	if (!d->check_only) {
		yousu__store_group_files(d);
		/* a day's statistics kept (issue 14's desk statistics) */
		if (yousu_store_stats_days(d->store, d->cfg.utc_offset) != 0)
			yousu_log("%s: the days' figures are not kept: %s",
			    d->cfg.store, yousu_store_errmsg(d->store));
	}
	wc = (yousu_wf_config){d->cfg.code, d->store, d->policy, d->cal,
	    d->depts, d->cfg.utc_offset, yousu__daemon_now, d,
	    /* a node escalates to its hub, a hub to the city bridge */
	    d->cfg.parent[0] ? d->cfg.parent : NULL, yousu__relay_is_child, d};
	if (yousu_wf_new(&wc, &d->wf) != YOUSU_OK)
		return 1;
	if (d->check_only || yousu__relay_open(d) != 0)
		return d->check_only ? 0 : 1;
	if (d->role->open != NULL && d->role->open(d) != 0)
		return 1;
	return yousu__http_open(d);
}

/* Listens on the control socket (mode 0600). */
static int
control_listen(daemon_t *d)
{
	int rv;

	if ((rv = nng_listener_create(&d->rep_l, d->rep, d->cfg.control)) !=
	        0 ||
	    (rv = nng_listener_set_int(
	         d->rep_l, NNG_OPT_IPC_PERMISSIONS, 0600)) ||
	    (rv = nng_listener_start(d->rep_l, 0)) != 0) {
		fprintf(stderr, "yousu-%s: control %s: %s\n", d->role->name,
		    d->cfg.control, nng_strerror(rv));
		return 1;
	}
	return 0;
}

static int
listen_control(daemon_t *d)
{
	const char *path = d->cfg.control + 6;
	int rv;

	/* a stale socket file from a killed daemon would block the bind;
	 * a live one is another process's */
	if (yousu__control_free(d, path) != 0)
		return 1;
	if ((rv = nng_rep0_open(&d->rep)) != 0 ||
	    (rv = nng_socket_set_size(
	         d->rep, NNG_OPT_RECVMAXSZ, MAX_REQUEST + 1)) != 0) {
		fprintf(stderr, "yousu-%s: control %s: %s\n", d->role->name,
		    d->cfg.control, nng_strerror(rv));
		return 1;
	}
	return control_listen(d);
}

/* The statistics scope of listener id under s (its siblings and their
 * children). nng 1.5.2's nng_stat_find_listener returns the first
 * listener of any id, so the walk is made here. */
static nng_stat *
find_listener(nng_stat *s, int id)
{
	nng_stat *found, *sid;

	for (; s != NULL; s = nng_stat_next(s)) {
		if (nng_stat_type(s) == NNG_STAT_SCOPE &&
		    strcmp(nng_stat_name(s), "listener") == 0 &&
		    (sid = nng_stat_find(s, "id")) != NULL &&
		    nng_stat_value(sid) == (uint64_t) id)
			return s;
		if ((found = find_listener(nng_stat_child(s), id)) != NULL)
			return found;
	}
	return NULL;
}

/* How many connections the control listener has accepted. */
static uint64_t
control_accepted(const daemon_t *d)
{
	nng_stat *all, *l, *n;
	uint64_t v = 0;

	if (nng_stats_get(&all) != 0)
		return 0;
	if ((l = find_listener(all, nng_listener_id(d->rep_l))) != NULL &&
	    (n = nng_stat_find(l, "accept")) != NULL)
		v = nng_stat_value(n);
	nng_stats_free(all);
	return v;
}

/* nng 1.5.2's IPC listener stops accepting for good when a client goes
 * away during the SP handshake (nanomsg/nng#1518, fixed after 1.5.2): a
 * stray connect would lock yousuctl out. So every few seconds the daemon
 * dials its own control socket (a REQ peer that makes the handshake);
 * when the listener has not accepted it by the next look, the listener
 * is made again. */
static void
watch_control(daemon_t *d, int64_t mono)
{
	nng_socket probe;

	if (mono < d->next_watch)
		return;
	d->next_watch = mono + 2;
	if (d->probing) {
		if (control_accepted(d) > d->probe_accepted) {
			d->probing = false;
			nng_close(d->probe);
			return;
		}
		if (++d->probe_waits < 2)
			return; /* give it a second look */
		yousu_log("CONTROL the control socket stopped accepting (nng "
		          "1.5.2 does after a client leaves during the "
		          "handshake, nanomsg/nng#1518): listening again");
		d->probing = false;
		nng_close(d->probe);
		nng_listener_close(d->rep_l);
		if (control_listen(d) != 0)
			yousu_log("CONTROL cannot listen again on %s",
			    d->cfg.control);
		return;
	}
	if (nng_req0_open(&probe) != 0)
		return;
	d->probe_accepted = control_accepted(d);
	if (nng_dial(probe, d->cfg.control, NULL, NNG_FLAG_NONBLOCK) != 0) {
		nng_close(probe);
		return;
	}
	d->probe = probe;
	d->probing = true;
	d->probe_waits = 0;
}

static void
log_restart_keys(const cJSON *r)
{
	const cJSON *k;

	cJSON_ArrayForEach (k, cJSON_GetObjectItem(r, "restart"))
		yousu_log("RELOAD %s changed: it takes effect at the next "
		          "restart",
		    k->valuestring);
}

/* The signals that came: false to stop (SIGTERM, SIGINT); SIGHUP reads
 * the configuration file again (yousu__daemon_reload). */
static bool
on_signals(daemon_t *d)
{
	char sig, err[1024];
	cJSON *result = NULL;
	bool go_on = true;

	while (read(sig_pipe[0], &sig, 1) == 1) {
		if (sig != SIGHUP) {
			go_on = false;
			continue;
		}
		yousu_log("SIGHUP: reading the configuration again");
		sd_notify(0, "RELOADING=1");
		if (yousu__daemon_reload(d, &result, err, sizeof err) != 0)
			yousu_log("RELOAD %s", err);
		else
			log_restart_keys(result);
		sd_notify(0, "READY=1");
		cJSON_Delete(result);
		result = NULL;
	}
	return go_on;
}

int64_t
yousu__mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t
loop_ms(void)
{
	return yousu__mono_us() / 1000;
}

/* A step of the loop that held everyone else up is logged, named. */
static void
slow_step(const char *what, int64_t *t)
{
	int64_t now = loop_ms();

	if (now - *t >= SLOW_STEP_MS)
		yousu_log(
		    "LOOP-SLOW %s took %lld ms", what, (long long) (now - *t));
	*t = now;
}

/* systemd's watchdog (WatchdogSec=): a sign of life at half its period,
 * from the loop itself, so a loop stuck for the whole period is
 * restarted. */
static void
watchdog(daemon_t *d, int *wait)
{
	int64_t now, left;

	if (d->watchdog_us <= 0)
		return;
	now = yousu__mono_us();
	if (now >= d->next_watchdog) {
		sd_notify(0, "WATCHDOG=1");
		d->next_watchdog = now + d->watchdog_us / 2;
	}
	left = (d->next_watchdog - now) / 1000;
	if (left < *wait)
		*wait = (int) (left > 0 ? left : 0);
}

static void
run_loop(daemon_t *d)
{
	struct pollfd fds[6] = {{sig_pipe[0], POLLIN, 0}, {-1, POLLIN, 0}};
	int fired, n, wait;
	uint64_t wd = 0;

	nng_socket_get_int(d->rep, NNG_OPT_RECVFD, &fds[1].fd);
	n = 2 + yousu__relay_pollfds(d, &fds[2]);
	n += yousu__http_pollfds(d, &fds[n]);
	d->next_tick = 0;
	if (sd_watchdog_enabled(0, &wd) > 0)
		d->watchdog_us = (int64_t) wd;
	for (;;) {
		int64_t mono = (int64_t) time(NULL), t = loop_ms();

		if (mono >= d->next_tick) {
			yousu__daemon_tick(d, &fired);
			d->next_tick = mono + d->cfg.interval_s;
			slow_step("scheduler", &t);
		}
		watch_control(d, mono);
		wait = yousu__relay_run(d); /* at most a second */
		slow_step("link", &t);
		wait = yousu__http_run(d, wait);
		slow_step("desk API", &t);
		yousu__notify_write(d);
		if (wait > 0 && yousu__stats_fill(d))
			wait = 0; /* idle: a past day's figures counted */
		else if (wait > 0 && t >= d->repeat_next_ms) {
			bool more = false;

			/* idle: the keys of what the link brought (重复件), a
			 * few at a time, four times a second at most: a county
			 * brings far fewer, and a link running flat out is
			 * never held up by them (a lookup catches up first) */
			(void) yousu__repeats_catch_up(d, 32, &more);
			d->repeat_next_ms = t + 250;
		}
		slow_step("statistics", &t);
		watchdog(d, &wait);
		for (int i = 0; i < n; i++)
			fds[i].revents = 0;
		if (poll(fds, (nfds_t) n, wait) < 0 && errno != EINTR)
			break;
		t = loop_ms();
		if ((fds[0].revents & POLLIN) && !on_signals(d))
			break;
		if (fds[1].revents & POLLIN)
			serve_requests(d);
		slow_step("control", &t);
	}
}

static void
cleanup(daemon_t *d)
{
	if (d->probing)
		nng_close(d->probe);
	nng_close(d->rep);
	yousu__http_close(d);
	yousu__pwproc_stop(d);
	if (d->role->close != NULL)
		d->role->close(d);
	yousu__relay_close(d);
	yousu_wf_free(d->wf);
	yousu__repeats_close(d);
	yousu_store_close(d->store);
	yousu_depts_free(d->depts);
	for (int i = 0; i < MAX_RETIRED && i < d->nretired; i++) {
		yousu_policy_free(d->retired_policy[i]);
		yousu_depts_free(d->retired_depts[i]);
	}
	yousu_calendar_free(d->cal);
	yousu_policy_free(d->policy);
	if (d->lock_fd >= 0)
		close(d->lock_fd); /* the lock goes with it */
}

/* --check: a calendar that runs out within 60 days of today (or of
 * --test-clock's time), or has, is warned about on stderr; the
 * configuration is still good. */
static int
check_calendar(daemon_t *d, const char *clock_start)
{
	int64_t now = time(NULL);
	char warning[512];

	if (clock_start != NULL &&
	    yousu_parse_time(clock_start, d->cfg.utc_offset, &now) != 0) {
		fprintf(stderr, "yousu-%s: --test-clock='%s' is not a time\n",
		    d->role->name, clock_start);
		return 2;
	}
	if (yousu_calendar_warning(d->cal,
	        yousu_local_day(now, d->cfg.utc_offset), warning,
	        sizeof warning) != YOUSU_CALENDAR_OK)
		fprintf(stderr, "%s: warning: %s\n", d->cfg.calendar, warning);
	return 0;
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

void
yousu_tune_malloc(void)
{
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
	mallopt(M_TOP_PAD, 4 << 20);
}

int
yousu_daemon_main(const yousu_role *role, int argc, char **argv)
{
	static const struct option opts[] = {{"config", 1, 0, 'c'},
	    {"test-clock", 2, 0, 't'}, {"check", 0, 0, 'k'},
	    {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
	daemon_t d = {.role = role, .lock_fd = -1, .pw_fd = -1};
	const char *config = NULL, *clock_start = NULL;
	char tag[64];
	int c, rv;

	yousu_tune_malloc();
	yousu_store_single_thread();
	if (role->state_size > 0 &&
	    (d.state = calloc(1, role->state_size)) == NULL)
		return 1;
	while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		if (c == 'c')
			config = optarg;
		else if (c == 'k')
			d.check_only = true;
		else if (c == 't') {
			d.test_clock = true;
			clock_start = optarg;
		} else
			return usage(role->name, c == 'h' ? 0 : 2);
	}
	if (config == NULL || optind != argc)
		return usage(role->name, 2);
	if (yousu__control_check(&d) != 0)
		return 1; /* a command of the schema no part answers */
	if ((rv = load_all(&d, config)) == 0 && d.check_only) {
		printf("%s: configuration ok (%s %s, profile %s, calendar "
		       "%s)\n",
		    config, role->name, d.cfg.code, yousu_policy_name(d.policy),
		    yousu_calendar_version(d.cal));
		rv = check_calendar(&d, clock_start);
		cleanup(&d);
		free(d.state);
		return rv;
	}
	if (rv == 0 && (rv = yousu__clock_init(&d, clock_start)) == 0) {
		rv = setup_signals() || listen_control(&d);
	}
	if (rv == 0) {
		snprintf(tag, sizeof tag, "%s[%s]", role->name, d.cfg.code);
		yousu_log_init(tag);
		yousu_log("started: %s, store %s, control %s%s, calendar %s",
		    d.cfg.name, d.cfg.store, d.cfg.control,
		    d.test_clock ? ", test clock" : "",
		    yousu_calendar_version(d.cal));
		rv = yousu__calendar_sync(&d);
		/* repeat complaints' keys of a store made before they were
		 * kept (by the clock, the test clock too) */
		if (rv == 0 && yousu__repeats_backfill(&d) != YOUSU_OK)
			yousu_log("%s: the keys of repeat complaints are not "
			          "made: %s",
			    d.cfg.store, yousu_store_errmsg(d.store));
	}
	if (rv == 0) {
		/* systemd (Type=notify): listening, store open, links up */
		sd_notifyf(0, "READY=1\nSTATUS=%s %s: %s, calendar %s",
		    role->name, d.cfg.code, d.cfg.name,
		    yousu_calendar_version(d.cal));
		run_loop(&d);
		sd_notify(0, "STOPPING=1");
		yousu_log("stopped");
	}
	cleanup(&d);
	free(d.state);
	return rv;
}

/* --- what a role may use ------------------------------------------------ */

yousu_store *
yousu_daemon_store(yousu_daemon *d)
{
	return d->store;
}

yousu_wf *
yousu_daemon_wf(yousu_daemon *d)
{
	return d->wf;
}

const char *
yousu_daemon_code(const yousu_daemon *d)
{
	return d->cfg.code;
}

const char *
yousu_daemon_name(const yousu_daemon *d)
{
	return d->cfg.name;
}

const char *
yousu_daemon_role_name(const yousu_daemon *d)
{
	return d->role->name;
}

const char *
yousu_daemon_config_path(const yousu_daemon *d)
{
	return d->cfg.path;
}

const char *
yousu_daemon_parent(const yousu_daemon *d)
{
	return d->cfg.parent[0] ? d->cfg.parent : NULL;
}

yousu_link *
yousu_daemon_up(yousu_daemon *d)
{
	return d->up;
}

yousu_link *
yousu_daemon_down(yousu_daemon *d)
{
	return d->down;
}

bool
yousu_daemon_is_child(yousu_daemon *d, const char *code)
{
	return yousu__relay_is_child(d, code);
}

int64_t
yousu_daemon_now(yousu_daemon *d)
{
	return yousu__daemon_now(d);
}

int32_t
yousu_daemon_today(yousu_daemon *d)
{
	return yousu_local_day(yousu__daemon_now(d), d->cfg.utc_offset);
}

int
yousu_daemon_utc_offset(const yousu_daemon *d)
{
	return d->cfg.utc_offset;
}

void *
yousu_daemon_state(yousu_daemon *d)
{
	return d->state;
}
