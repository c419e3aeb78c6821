/* The daemon's private state, shared by daemon.c (life cycle, loop),
 * control.c (control requests) and relay.c (the links). */
#ifndef YOUSU_DAEMON_IMPL_H
#define YOUSU_DAEMON_IMPL_H

#include <nng/nng.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "yousu/calendar.h"
#include "yousu/config.h"
#include "yousu/keys.h"
#include "yousu/link.h"
#include "yousu/policy.h"
#include "yousu/role.h"
#include "yousu/store.h"
#include "yousu/workflow.h"

typedef struct cJSON cJSON;

#define PATH_LEN     512
#define MAX_CHILDREN 64
#define MAX_RETIRED  16 /* profiles and catalogues replaced by reloads */

typedef struct {
	char path[PATH_LEN]; /* the configuration file */
	char code[17];
	char name[160];
	char store[PATH_LEN];
	char notify_spool[PATH_LEN]; /* [notify] spool, or "" */
	char store_group[64];        /* [store] group, or "" */
	gid_t store_gid;
	char control[PATH_LEN];
	char profile[PATH_LEN];
	char calendar[PATH_LEN];
	char departments[PATH_LEN];
	int utc_offset;
	int interval_s;
	/* [parent]: this centre's parent, if any */
	char parent[17];
	char parent_up[PATH_LEN], parent_down[PATH_LEN], parent_key[PATH_LEN];
	char tls_ca[PATH_LEN], tls_server_name[256];
	/* [listen] and [children]: this centre's children, if any */
	char listen_up[PATH_LEN], listen_down[PATH_LEN];
	char tls_cert_key[PATH_LEN];
	char child[MAX_CHILDREN][17];
	char child_key[MAX_CHILDREN][PATH_LEN];
	int nchildren;
	/* [link] tuning */
	yousu_link_config tune;
	int max_frame;
	/* [http]: the desk's API */
	char http_listen[128];
	char http_cert[PATH_LEN], http_key[PATH_LEN];
	int http_idle_min, http_max_h, http_lock_after;
	char http_desk[PATH_LEN]; /* the desk's files */
	char http_js[PATH_LEN];   /* Debian's JavaScript libraries */
} daemon_cfg;

typedef struct yousu_http yousu_http;

typedef struct yousu_daemon {
	const yousu_role *role;
	void *state; /* the role's */
	daemon_cfg cfg;
	yousu_store *store;
	yousu_policy *policy;
	yousu_calendar *cal;
	yousu_depts *depts;
	yousu_wf *wf;
	nng_socket rep;
	nng_listener rep_l;      /* the control socket's listener */
	nng_socket probe;        /* a REQ dialing it, to see it accepts */
	bool probing;            /* probe is open */
	int probe_waits;         /* looks since it dialed */
	uint64_t probe_accepted; /* the listener's accepts before it */
	int64_t next_watch;      /* when to look again (seconds) */
	bool test_clock;
	bool check_only;   /* --check: load the configuration and stop */
	int64_t clock_now; /* test clock, unix seconds */
	int64_t next_tick;
	/* the days' figures counted when the loop is idle (views.c):
	 * downward from fill_day to fill_low, then again once a save has
	 * dropped a day, the date or the calendar has changed */
	struct {
		bool sweeping;
		int32_t day, low, today;
		int64_t dropped;
		char calendar[64];
	} fill;
	int32_t cal_warned_day; /* the calendar's warning logged */
	int lock_fd;            /* STORE.lock, held; -1: none */
	yousu_link *up;         /* to the parent */
	yousu_link *down;       /* to the children */
	int notify_idle;        /* loop turns before the spool is tried again */
	struct sqlite3_stmt *repeat_put; /* repeats_ctl.c's, kept prepared */
	int64_t repeat_rid;     /* repeat keys made up to this complaint rid */
	int64_t repeat_next_ms; /* the loop's next repeat-key catch-up */
	yousu_http *http;       /* the desk's API, or NULL */
	char dummy_hash[128];   /* checked for an unknown login */
	int64_t watchdog_us;    /* systemd's WatchdogSec, 0: none */
	int64_t next_watchdog;  /* when to tell it next (monotonic us) */
	int pw_fd;              /* the password process; -1: none */
	pid_t pw_pid;
	const struct yousu_user *user; /* whose request runs (API), or NULL */
	const char *client;            /* and from which address, or NULL */
	yousu_policy *retired_policy[MAX_RETIRED];
	yousu_depts *retired_depts[MAX_RETIRED];
	int nretired;
	bool restoring; /* applying a neighbour's "restore" message */
	struct {
		char peer[17];
		uint64_t n;
	} restored_from[MAX_CHILDREN + 1]; /* events restored, by sender */
} daemon_t;

/* A control command: its wire name and handler. */
typedef yousu_err (*yousu__ctl_fn)(daemon_t *d, const char *actor,
    const cJSON *args, cJSON **result, char *err, size_t errlen);
typedef struct {
	const char *cmd;
	yousu__ctl_fn fn;
} yousu__ctl_entry;

/* calendar_ctl.c: the working-day calendar (calendar, calendar.days,
 * calendar.add, calendar.reload), its warnings and reloading */
extern const yousu__ctl_entry yousu__calendar_cmds[];
/* The configuration file read again (SIGHUP, yousuctl reload): the
 * profile, catalogue, calendar, scheduler interval, the desk's session
 * settings, files and certificate are taken; keys a running daemon
 * cannot take are listed in the result's "restart". Nothing changes when
 * the file, the profile, the catalogue, the calendar or the certificate
 * is refused (err says why). */
yousu_err yousu__daemon_reload(
    daemon_t *d, cJSON **result, char *err, size_t errlen);
cJSON *yousu__calendar_status(daemon_t *d);
void yousu__calendar_daily(daemon_t *d);
int yousu__calendar_sync(daemon_t *d);
yousu_err yousu__calendar_reload(
    daemon_t *d, cJSON **result, char *err, size_t errlen);

/* the commands of each part: report_ctl.c (report), clock.c (clock),
 * views.c (show, list, ledger, stats, queue, depts, route), cases_ctl.c
 * (case.*), relay.c (hotline.handover) */
extern const yousu__ctl_entry yousu__report_cmds[];
/* report_ctl.c: the days of args' from and to (YYYY-MM-DD), each
 * defaulting to this month's first or last; refused (err, under what)
 * when it ends before it starts */
yousu_err yousu__args_period(daemon_t *d, const char *what, const cJSON *args,
    yousu_date *from, yousu_date *to, char *err, size_t errlen);
extern const yousu__ctl_entry yousu__clock_cmds[];
extern const yousu__ctl_entry yousu__view_cmds[];
extern const yousu__ctl_entry yousu__case_cmds[];
/* rounds_ctl.c: round.* (visit rounds, 004 第六条) */
extern const yousu__ctl_entry yousu__round_cmds[];
/* repeats_ctl.c: repeat complaints' keys and lookup */
extern const yousu__ctl_entry yousu__repeat_cmds[];
/* hotspots_ctl.c: 热点 */
extern const yousu__ctl_entry yousu__hotspot_cmds[];
yousu_err yousu__repeats_backfill(daemon_t *d);
void yousu__repeats_close(daemon_t *d);
yousu_err yousu__repeats_catch_up(daemon_t *d, int max, bool *more);
yousu_err yousu__repeats_find(daemon_t *d, const char *phone, const char *org,
    const char *content, const char *township, cJSON **out);
/* notify.c: notifications for an SMS gateway ([notify] spool): queued
 * with the event that causes them, written as files by the loop, each
 * then recorded as a "notify" event */
yousu_err yousu__notify_on_event(
    daemon_t *d, const cJSON *doc, const yousu_event *ev);
void yousu__notify_write(daemon_t *d);
/* rounds_ctl.c: a county's step on a township's complaint sent to it,
 * and taken there */
yousu_err yousu__step_forward(daemon_t *d, const char *cmd, const char *actor,
    const cJSON *signer, const cJSON *args, cJSON **result, char *err,
    size_t errlen, bool *sent);
yousu_err yousu__step_receive(
    daemon_t *d, const char *kind, const uint8_t *body, size_t len);
/* duty_ctl.c: duty.* (the duty-leader roster, 003 三(四)) */
extern const yousu__ctl_entry yousu__duty_cmds[];
/* rectify_ctl.c: rectify.* (整改情况报告, 000 一(二)) */
extern const yousu__ctl_entry yousu__rectify_cmds[];
extern const yousu__ctl_entry yousu__relay_cmds[];
/* users_ctl.c: user.*, audit */
extern const yousu__ctl_entry yousu__user_cmds[];
/* views.c: the ledger as CSV for the desk's download, page by page:
 * open with the ledger's checked fields; each next gives the following
 * bytes (borrowed until the next call; none when it is done) */
typedef struct yousu__export yousu__export;
yousu_err yousu__export_open(daemon_t *d, const cJSON *args,
    yousu__export **out, char *err, size_t errlen);
yousu_err yousu__export_next(yousu__export *x, const char **buf, size_t *len);
/* ... or the next page as the ledger's JSON (title, columns, rows; NULL
 * when done), *first for the first */
yousu_err yousu__export_page(yousu__export *x, cJSON **page, bool *first);
bool yousu__export_done(const yousu__export *x);
void yousu__export_close(yousu__export *x);
/* pwproc.c: the password process (Argon2id away from the daemon's
 * address space), started before anything is opened when the desk's API
 * is configured; call blocks (the desk's worker thread), and without the
 * process does the work in the caller */
int yousu__pwproc_start(daemon_t *d);
bool yousu__pwproc_call(
    daemon_t *d, bool hash_only, const char *password, char hash[128]);
void yousu__pwproc_stop(daemon_t *d);
/* daemon.c: microseconds on the monotonic clock (how long a step took) */
int64_t yousu__mono_us(void);
/* views.c: the stats command a page at a time (the desk's statistics of
 * a long period never hold the loop): open with the command's checked
 * fields; step until *done; then the result (as the command's, owned by
 * the caller) */
typedef struct yousu__stats yousu__stats;
yousu_err yousu__stats_open(daemon_t *d, const cJSON *args, yousu__stats **out,
    char *err, size_t errlen);
yousu_err yousu__stats_step(yousu__stats *q, bool *done);
cJSON *yousu__stats_result(yousu__stats *q);
void yousu__stats_close(yousu__stats *q);
/* yousu__stats_quick: whole days, from their kept figures (a first step
 * may well finish it). */
bool yousu__stats_quick(const yousu__stats *q);
/* yousu__stats_fill: when the loop is idle, one past day's figures
 * counted and kept (or a run of days found kept); true while there is
 * more to do. */
bool yousu__stats_fill(daemon_t *d);

/* cases_ctl.c: an intake's answer gets the closest published cases */
void yousu__cases_similar(daemon_t *d, cJSON *result);

/* daemon_files.c: one daemon per store, the store's modes, the control
 * socket's path */
int yousu__daemon_lock(daemon_t *d);
int yousu__store_modes(daemon_t *d);
void yousu__store_group_files(const daemon_t *d);
int yousu__control_free(daemon_t *d, const char *path);
yousu_err yousu__on_store_group(
    void *obj, const char *name, const char *v, char *msg, size_t len);

/* clock.c */
int64_t yousu__daemon_now(void *arg);
yousu_err yousu__daemon_tick(daemon_t *d, int *fired);
int yousu__clock_init(daemon_t *d, const char *start);

/* http.c: the [http] keys; the API server in the loop */
extern const yousu_cfg_key yousu__http_keys[];
void yousu__http_defaults(daemon_cfg *c);
int yousu__http_open(daemon_t *d);
/* The desk's HTTPS certificate and key read again (a reload): the new
 * one is used from the next handshake; on failure the old one stays. */
yousu_err yousu__http_reload_tls(
    daemon_t *d, const char *cert, const char *key, char *err, size_t errlen);
void yousu__http_close(daemon_t *d);
/* fills up to 2 pollfds; returns how many */
int yousu__http_pollfds(daemon_t *d, struct pollfd *fds);
/* serves what is ready; returns wait, or less when the server needs
 * to run sooner */
int yousu__http_run(daemon_t *d, int wait);
/* an account was locked, disabled or reset: its sessions end */
void yousu__http_user_changed(yousu_http *h, const char *login);

/* control.c: command cmd run for actor (and, from the API, the account
 * user; NULL from the control socket), as a control request would be */
struct yousu_user;
yousu_err yousu__control_run(daemon_t *d, const char *cmd, const char *actor,
    const struct yousu_user *user, const cJSON *args, cJSON **result, char *err,
    size_t errlen);

/* control.c: every command of the schema this centre runs has a handler
 * (nonzero, said on stderr, when not); whether it runs command c */
int yousu__control_check(const daemon_t *d);
yousu_err yousu__control_admits(
    daemon_t *d, const struct yousu_command *c, char *err, size_t errlen);
/* yousu__control_handle answers one request text; the reply is a new
 * string (free with free()). */
char *yousu__control_handle(daemon_t *d, const char *text, size_t len);

/* relay.c: the [parent], [listen], [children] and [link] keys */
extern const yousu_cfg_key yousu__relay_keys[];
int yousu__relay_open(daemon_t *d);
void yousu__relay_close(daemon_t *d);
bool yousu__relay_is_child(void *arg, const char *code);
yousu_err yousu__relay_case(daemon_t *d, const cJSON *rec);
yousu_err yousu__relay_handover(daemon_t *d, const cJSON *h);
/* fills up to 2 pollfds; returns how many */
int yousu__relay_pollfds(daemon_t *d, struct pollfd *fds);
int yousu__relay_run(daemon_t *d);
/* the link to the parent for ping (the desk's banner): {code, online,
 * last_seen, backlog}, or null for a centre without a parent */
cJSON *yousu__relay_parent_state(daemon_t *d);
cJSON *yousu__relay_status(daemon_t *d);

#endif
