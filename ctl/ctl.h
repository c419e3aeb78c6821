/* yousuctl internals: the commands (from the schema), the printers, the
 * exchange with the daemon. */
#ifndef CTL_H
#define CTL_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "yousu/commands.h"

typedef struct ctl_cmd ctl_cmd;

typedef struct {
	bool json;
	const char *format; /* ledger: table, csv, xlsx */
	const char *output; /* ledger: file */
	bool workorder;     /* show: the work order only */
	int chunk;          /* batch: requests per transaction */
	const char *backup; /* backup: the copy to write */
} ctl_local;

/* A command as yousuctl sees it: its words ("case propose"), its entry
 * in the command schema (yousu/commands.h: fields, options, help) and
 * how its answer is printed. */
struct ctl_cmd {
	const char *name;
	const yousu_command *schema;
	int (*print)(
	    const ctl_cmd *cmd, const cJSON *result, const ctl_local *local);
};

/* ctl_print_*: human output of each command; return the exit status. */
int ctl_print_change(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_repeats(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_hotspots(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_show(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_list(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_hotline(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_hotline_rejected(
    const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_city(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_report(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_queue(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_ledger(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_stats(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_clock(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_plain(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_check(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_status(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_batch(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
/* the department catalogue; a routing proposal (lead, co, why) */
int ctl_print_profile(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_depts(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_route(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
/* guidance cases: one case (propose, review: a line; show: in full), a
 * list, search results */
int ctl_print_case(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_case_list(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_round(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_duty(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_rectify(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_round_list(
    const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_case_search(
    const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);

/* print_users.c: an account (and a temporary password), the accounts,
 * the audit log */
int ctl_print_user(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_audit(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);

/* the working-day calendar: its state, a count (days, add), a reload */
int ctl_print_calendar(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_calendar_count(
    const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_reload(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_calendar_reload(
    const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);

/* call.c: ctl_call sends one request text and returns the answer text (caller
 * frees), or NULL after printing why the daemon was not reached. */
char *ctl_call(const char *url, const char *req, int timeout_ms);

/* ctl_exchange sends command c with args and prints the answer; returns
 * the exit status. */
int ctl_exchange(const char *url, int timeout, const ctl_cmd *c,
    const char *actor, cJSON *args, const ctl_local *l);

/* ctl_batch sends the JSON-lines requests of args' "file" (or stdin) in
 * chunks; ctl_keygen writes a key file. Both return the exit status. */
int ctl_batch(const char *url, int timeout, const ctl_cmd *c, const char *actor,
    cJSON *args, const ctl_local *l);
/* ctl_print_backup copies the store the daemon named (its answer to
 * backup) to l->backup: SQLite's backup API from a read connection of
 * yousuctl's own, into a temporary file beside it (0600), synced, then
 * linked to its name (so an existing file is never replaced). */
int ctl_print_backup(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_keygen(const char *path);

/* yousu_jstr_or: string member key of o, or NULL. */
const char *yousu_jstr_or(const cJSON *o, const char *key);

#endif
