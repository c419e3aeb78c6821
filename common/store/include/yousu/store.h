/* yousu — the SQLite store: complaints (projected state), their
 * append-only event logs, counters and settings. One store per daemon,
 * used from one thread. */
#ifndef YOUSU_STORE_H
#define YOUSU_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/err.h"

typedef struct yousu_store yousu_store;
typedef struct cJSON cJSON;

/* One event as stored. Strings are borrowed from the caller. */
typedef struct yousu_event {
	const char *type;
	const char *actor;
	int64_t at;         /* unix seconds */
	const char *origin; /* centre code that wrote it */
	const char *data;   /* JSON object text */
} yousu_event;

/* yousu_store_open opens (creating if needed) the store at path in WAL
 * mode with synchronous=FULL and brings its schema up to date (migrations
 * by user_version). On failure returns YOUSU_DB with a message in err. */
yousu_err yousu_store_open(
    const char *path, yousu_store **out, char *err, size_t errlen);

/* yousu_store_single_thread tells SQLite that this process uses its
 * stores from one thread only, so that it takes no locks. A daemon calls
 * it first thing; it must come before any store is opened. */
void yousu_store_single_thread(void);

/* yousu_store_ledger_indexes creates (when missing) the indexes that
 * answer the aggregated ledger's filters — township, source, category,
 * status in receipt order — at a million complaints: a county hub's
 * store has them, a township's does not need them. YOUSU_DB with a
 * message in err on failure. */
yousu_err yousu_store_ledger_indexes(yousu_store *st, char *err, size_t errlen);

/* yousu_store_close closes st; NULL is allowed. */
void yousu_store_close(yousu_store *st);

/* yousu_store_begin / commit / rollback: one write transaction
 * (BEGIN IMMEDIATE). Every change happens inside one. Called inside an
 * open transaction they nest as a savepoint, so that one operation of a
 * batch can fail alone. */
yousu_err yousu_store_begin(yousu_store *st);

/* yousu_store_light_nesting(st, true): from now on a nested begin opens
 * no savepoint, which spares SQLite copying every page an operation
 * touches into a statement journal (a fifth of an intake). A nested
 * level rolled back before it wrote anything is undone exactly (there is
 * nothing to undo); one rolled back after writing cannot be undone alone,
 * so the outer commit then fails (YOUSU_DB; yousu_store_errmsg says so)
 * and the caller's rollback takes the whole transaction back. For callers whose
 * operations validate before they write (the workflow), as a batch does. */
void yousu_store_light_nesting(yousu_store *st, bool on);

/* yousu_store_poisoned: whether the last transaction failed because a
 * light level was undone after it wrote (until the next begin). The
 * caller may then run it again with savepoints. */
bool yousu_store_poisoned(const yousu_store *st);
yousu_err yousu_store_commit(yousu_store *st);
void yousu_store_rollback(yousu_store *st);

/* yousu_store_next_serial increments and returns the counter `name`
 * (created at 1). Inside a transaction. */
yousu_err yousu_store_next_serial(
    yousu_store *st, const char *name, int64_t *out);

/* yousu_store_raise_serial makes the counter `name` at least at_least
 * (numbers a store got back from its neighbours are never given again).
 * Inside a transaction. */
yousu_err yousu_store_raise_serial(
    yousu_store *st, const char *name, int64_t at_least);

/* yousu_store_event_same: YOUSU_OK if event seq of complaint id is
 * stored exactly as ev, YOUSU_STATE if it differs, YOUSU_NOTFOUND if
 * there is none. */
yousu_err yousu_store_event_same(
    yousu_store *st, const char *id, int64_t seq, const yousu_event *ev);

/* yousu_store_load reads complaint id's projected state. *out is a new
 * cJSON object owned by the caller. YOUSU_NOTFOUND if there is none. */
yousu_err yousu_store_load(yousu_store *st, const char *id, cJSON **out);

/* yousu_store_save writes the projected state doc (must carry "id") and
 * appends ev as event number nevents (doc's "events" count) in the same
 * transaction as the caller's. */
yousu_err yousu_store_save(
    yousu_store *st, const cJSON *doc, const yousu_event *ev);

/* yousu_store_events returns complaint id's events, oldest first, as a
 * new cJSON array owned by the caller. */
yousu_err yousu_store_events(yousu_store *st, const char *id, cJSON **out);

/* yousu_store_each_event calls fn for each event of complaint id, oldest
 * first; the event's strings are valid during the call only. Stops early
 * and returns fn's error if fn returns one. fn must not call
 * yousu_store_events or yousu_store_each_event itself. */
yousu_err yousu_store_each_event(yousu_store *st, const char *id,
    yousu_err (*fn)(void *arg, int64_t seq, const yousu_event *ev), void *arg);

/* A filter for listing complaints; zero/NULL fields do not filter. */
typedef struct yousu_filter {
	const char *status;
	const char *source;
	const char *category;
	const char *origin;
	const char *due_before;    /* YYYY-MM-DD, exclusive */
	const char *overdue_today; /* YYYY-MM-DD: open and due before it */
	int64_t from, to;          /* received_at in [from, to) */
	const char *dept;          /* lead or co-handling unit */
	int limit, offset;         /* a page: limit 0 is all */
	/* a page after the row (after_at, after_rid) in receipt order
	 * (yousu_store_list_page gives where a page ended) */
	bool keyset;
	int64_t after_at, after_rid;
} yousu_filter;

/* yousu_store_list calls fn for each complaint matching f, ordered by
 * receipt time, with its state doc (borrowed for the call). Stops early
 * and returns fn's error if fn returns one. */
yousu_err yousu_store_list(yousu_store *st, const yousu_filter *f,
    yousu_err (*fn)(void *arg, const cJSON *doc), void *arg);

/* yousu_store_list_page is yousu_store_list for a page read by keyset:
 * f->limit rows after (f->after_at, f->after_rid) when f->keyset; the
 * key of its last row goes to *last_at and *last_rid and the count of its
 * rows to *n (fewer than f->limit: the last page). Rows with the same
 * receipt time are never skipped nor given twice. */
yousu_err yousu_store_list_page(yousu_store *st, const yousu_filter *f,
    yousu_err (*fn)(void *arg, const cJSON *doc), void *arg, int64_t *last_at,
    int64_t *last_rid, int *n);

/* yousu_store_count writes into *out how many complaints match f
 * (limit and offset ignored). */
yousu_err yousu_store_count(
    yousu_store *st, const yousu_filter *f, int64_t *out);

/* yousu_store_each_open calls fn for each complaint owner owns that is
 * not done with (registered, classified, assigned, replied or checked):
 * the ones its scheduler watches. */
yousu_err yousu_store_each_open(yousu_store *st, const char *owner,
    yousu_err (*fn)(void *arg, cJSON *doc), void *arg);

/* yousu_store_to_recount writes into *out (a new array owned by the
 * caller) the ids of the complaints owner owns that have a due date
 * counted under a calendar version other than version (or none named),
 * or a provisional due date, first-feedback date or lateness, or a
 * scheduler step taken on provisional counting: the ones a new calendar
 * may change. */
yousu_err yousu_store_to_recount(
    yousu_store *st, const char *owner, const char *version, cJSON **out);

/* yousu_store_get_setting / set_setting: small persistent values
 * (e.g. the test clock). get writes into buf; NOTFOUND if unset. */
yousu_err yousu_store_get_setting(
    yousu_store *st, const char *key, char *buf, size_t len);
yousu_err yousu_store_set_setting(
    yousu_store *st, const char *key, const char *value);

/* A hook called inside yousu_store_save, in the same transaction, after
 * the event is stored: the link queues replication messages from it. An
 * error from the hook fails the save. */
typedef yousu_err (*yousu_store_hook)(
    void *arg, const cJSON *doc, const yousu_event *ev);

/* yousu_store_set_hook installs hook (NULL removes it). */
void yousu_store_set_hook(yousu_store *st, yousu_store_hook hook, void *arg);

/* A day's figures kept (stats_days): the statistics of the complaints
 * received on one local day that are settled (their figures no longer
 * change with the date), as JSON the statistics module writes, with the
 * ids of the day's open ones (counted at each request). Saving a
 * complaint drops its day's row in the same transaction.
 *
 * yousu_store_stats_days turns the keeping on, local days at
 * utc_offset_min; yousu_store_stats_days_on says whether it is on at
 * that offset. */
yousu_err yousu_store_stats_days(yousu_store *st, int utc_offset_min);
bool yousu_store_stats_days_on(const yousu_store *st, int utc_offset_min);

/* yousu_store_stats_days_dropped: how many day rows saves have dropped
 * since the store was opened (a background fill starts again when it
 * moves). */
int64_t yousu_store_stats_days_dropped(const yousu_store *st);

/* yousu_store_stats_day_get: the row of day counted under epoch (new
 * strings owned by the caller; NULL pointers skip a column); NOTFOUND
 * when there is none, or one of another epoch. */
yousu_err yousu_store_stats_day_get(yousu_store *st, int32_t day,
    const char *epoch, char **figures, char **groups, char **open);

/* yousu_store_stats_day_put keeps a day's row; refused (YOUSU_STATE)
 * inside a transaction, whose reads may yet be undone, or when keeping
 * is off. */
yousu_err yousu_store_stats_day_put(yousu_store *st, int32_t day,
    const char *epoch, const char *figures, const char *groups,
    const char *open);

/* The figures of a kept day's open complaints, counted on day today,
 * held in memory (opaque text of the statistics module's) until the day
 * is saved again, counted again or a transaction rolls back.
 * yousu_store_stats_day_open_get: NOTFOUND when none is held for
 * today (a new string owned by the caller); _put: refused (YOUSU_STATE)
 * inside a transaction or when keeping is off, NOTFOUND when the day
 * is not kept. */
yousu_err yousu_store_stats_day_open_get(
    yousu_store *st, int32_t day, int32_t today, char **figures);
yousu_err yousu_store_stats_day_open_put(
    yousu_store *st, int32_t day, int32_t today, const char *figures);

/* yousu_store_errmsg: SQLite's last message, for logs. */
const char *yousu_store_errmsg(yousu_store *st);

#endif
