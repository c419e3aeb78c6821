/* yousu — the daemon skeleton and the table of hooks a role fills in.
 *
 * The library runs the daemon: configuration, store, control socket,
 * clock, scheduler, the links to the parent and the children, and the
 * commands every centre has. What differs between a township node, a
 * county hub and the city bridge is a yousu_role, implemented in node/,
 * hub/ and bridge/: what an event of a complaint causes besides the
 * common relaying, what a received message of its own kinds does, what
 * its tick adds, which commands it adds or refuses. */
#ifndef YOUSU_ROLE_H
#define YOUSU_ROLE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/commands.h"
#include "yousu/config.h"
#include "yousu/err.h"
#include "yousu/link.h"
#include "yousu/store.h"
#include "yousu/workflow.h"

/* A running daemon (opaque to its role). */
typedef struct yousu_daemon yousu_daemon;

/* A command a role adds: its wire name ("city", "hotline.import") and
 * handler, as the skeleton's own. */
typedef struct yousu_role_cmd {
	const char *cmd;
	yousu_err (*fn)(yousu_daemon *d, const char *actor, const cJSON *args,
	    cJSON **result, char *err, size_t errlen);
} yousu_role_cmd;

typedef struct yousu_role {
	/* "node", "hub", "bridge": in messages and the log */
	const char *name;
	/* "township node", "county hub", "city bridge", for people */
	const char *label;
	/* its bit of the command schema's column (YOUSU_AT_NODE ...) */
	unsigned at;
	/* its own configuration keys (a [hotline] section); they fill its
	 * state, state_size bytes the skeleton zeroes and keeps */
	const yousu_cfg_key *keys;
	size_t state_size;
	/* keeps the county's aggregated ledger (its filter indexes) */
	bool aggregates;
	/* reviews and publishes guidance cases (the county); a centre that
	 * does not sends its proposals to its parent */
	bool reviews_cases;
	/* dead letters keep their bodies (not at the city: no personal data
	 * rests there) */
	bool keeps_dead_bodies;
	/* after the links are open; nonzero stops start-up */
	int (*open)(yousu_daemon *d);
	void (*close)(yousu_daemon *d);
	/* after each scheduler run */
	void (*tick)(yousu_daemon *d);
	/* in the transaction of every stored event, before the common
	 * relaying to the child centres that hold the complaint */
	yousu_err (*on_event)(
	    yousu_daemon *d, const cJSON *doc, const yousu_event *ev);
	/* a received message: *handled set when the role took it (its
	 * result is then the message's); otherwise the common handling */
	yousu_err (*on_message)(yousu_daemon *d, const char *peer,
	    bool from_parent, const char *kind, const uint8_t *body, size_t len,
	    bool *handled);
	/* what a peer's new store (lost, or restored from a backup) should
	 * hold from this centre, queued with yousu_link_enqueue on l (to
	 * the parent when parent); NULL: the complaints' logs (every one to
	 * a parent, a child's own to a child), yousu_daemon_resend_logs */
	yousu_err (*resync)(
	    yousu_daemon *d, yousu_link *l, const char *peer, bool parent);
	/* whether this centre runs command cmd at all: YOUSU_OK, or the
	 * refusal with its reason in err */
	yousu_err (*admits)(
	    yousu_daemon *d, const char *cmd, char *err, size_t errlen);
	/* the commands it adds, {NULL, NULL}-terminated */
	const yousu_role_cmd *cmds;
} yousu_role;

/* yousu_daemon_main runs a daemon of role with the command line argv (-c
 * FILE [--test-clock] [--check]) until SIGTERM or SIGINT. Returns the
 * process exit status: 0 after a clean stop, 1 on a start-up error
 * ("file:line: message" for configuration), 2 on a usage error. */
int yousu_daemon_main(const yousu_role *role, int argc, char **argv);

/* --- what a role may use (all borrowed from the daemon) -------------- */

yousu_store *yousu_daemon_store(yousu_daemon *d);
yousu_wf *yousu_daemon_wf(yousu_daemon *d);
const char *yousu_daemon_code(const yousu_daemon *d);
const char *yousu_daemon_name(const yousu_daemon *d);
const char *yousu_daemon_role_name(const yousu_daemon *d);
/* the configuration file (for messages) */
const char *yousu_daemon_config_path(const yousu_daemon *d);
/* the parent centre's code, NULL when there is none */
const char *yousu_daemon_parent(const yousu_daemon *d);
/* the link to the parent, to the children; NULL when there is none */
yousu_link *yousu_daemon_up(yousu_daemon *d);
yousu_link *yousu_daemon_down(yousu_daemon *d);
bool yousu_daemon_is_child(yousu_daemon *d, const char *code);
/* the clock (the test clock under --test-clock), the local day */
int64_t yousu_daemon_now(yousu_daemon *d);
int32_t yousu_daemon_today(yousu_daemon *d);
int yousu_daemon_utc_offset(const yousu_daemon *d);
/* the role's state (state_size bytes; its keys' handlers get it as
 * their object while the configuration is read) */
void *yousu_daemon_state(yousu_daemon *d);

/* --- the periodic report (统计报表) ------------------------------------ */

/* The report of this centre for the days [first, last] (period "day" or
 * "month"): statistics of the complaints received then, by township,
 * department, source and category, in codes and counts only. */
yousu_err yousu_daemon_report(yousu_daemon *d, const char *period,
    int32_t first, int32_t last, cJSON **out, char *err, size_t errlen);

/* Report r queued to the parent centre, in a transaction of its own;
 * YOUSU_STATE when there is no parent. */
yousu_err yousu_daemon_send_report(
    yousu_daemon *d, const cJSON *r, char *err, size_t errlen);

/* --- 考核排名 (yousu/ranking.h) ---------------------------------------- */

/* The month of args' "month" (YYYY-MM, default this one) and the one
 * before: m[i] = {first day, last day}, names[i] = "YYYY-MM". */
yousu_err yousu_daemon_ranking_months(yousu_daemon *d, const cJSON *args,
    int32_t m[2][2], char names[2][8], char *err, size_t errlen);
/* the profile's weights ([ranking]) */
void yousu_daemon_ranking_weights(yousu_daemon *d, int w[4]);
/* month, previous, by and weights set on ranking answer r */
void yousu_daemon_ranking_head(
    cJSON *r, char names[2][8], const char *by, const int w[4]);

/* --- sending, in the caller's transaction ---------------------------- */

/* Event ev of complaint doc to peer on link l. */
yousu_err yousu_daemon_send_event(yousu_daemon *d, yousu_link *l,
    const char *peer, const cJSON *doc, const yousu_event *ev);

/* Complaint id's whole log to peer on l; redacted: without what names
 * the complainant (yousu_personal_keys), for the city. */
/* yousu_daemon_resend_logs queues, as "restore" messages to peer on l,
 * the whole log of every complaint the query select_ids names (one
 * column, the id; ?1 is bound to peer), without the complainant when
 * redact. For a peer's new store. */
yousu_err yousu_daemon_resend_logs(yousu_daemon *d, yousu_link *l,
    const char *peer, const char *select_ids, bool redact);
/* yousu_daemon_resend_numbering queues for child peer the counters its
 * numbers reached here (its day's and year's), so that a new store of
 * its gives no number twice. */
yousu_err yousu_daemon_resend_numbering(
    yousu_daemon *d, yousu_link *l, const char *peer);
/* yousu_daemon_resync_child queues for child peer's new store what it
 * should hold from here: its numbering, then every complaint that came
 * from it or belongs to it (the default resync towards a child). */
yousu_err yousu_daemon_resync_child(
    yousu_daemon *d, yousu_link *l, const char *peer);
/* yousu_daemon_restore_event applies a "restore" message (an event of a
 * complaint sent to rebuild this store): the complaint's own checks, no
 * relaying, a duplicate ignored, a different one kept as a fork. */
yousu_err yousu_daemon_restore_event(yousu_daemon *d, const char *peer,
    bool from_parent, const uint8_t *body, size_t len);
yousu_err yousu_daemon_send_log(yousu_daemon *d, yousu_link *l,
    const char *peer, const char *id, bool redacted);

/* v as JSON text, of kind, to peer on l (the text is wiped after). */
yousu_err yousu_daemon_send_json(yousu_daemon *d, yousu_link *l,
    const char *peer, const char *kind, const cJSON *v);

/* A 12345 form (the JSON text a county opened, or a township received):
 * registered here, or passed to the township it is for. */
yousu_err yousu_daemon_take_form(yousu_daemon *d, const char *text, size_t len);

#endif
