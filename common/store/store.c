/* The SQLite store. One connection, one thread, WAL, synchronous=FULL. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/date.h"
#include "yousu/json.h"
#include "yousu/store.h"
#include "yousu/store_ext.h"

enum {
	Q_BEGIN,
	Q_COMMIT,
	Q_ROLLBACK,
	Q_SAVEPOINT,
	Q_RELEASE,
	Q_ROLLBACK_TO,
	Q_COUNTER_UP,
	Q_COUNTER_GET,
	Q_COUNTER_SET,
	Q_UPDATE,
	Q_RID,
	Q_LOAD,
	Q_UPSERT,
	Q_EVENT_ADD,
	Q_EVENTS,
	Q_ASSIGNED,
	Q_DEPTS_CLEAR,
	Q_DEPTS_ADD,
	Q_SETTING_GET,
	Q_SETTING_SET,
	Q_COUNTER_RAISE,
	Q_EVENT_AT,
	Q_DAY_DROP,
	Q_DAY_GET,
	Q_DAY_PUT,
	Q_DAYS,
	Q__COUNT
};

static const char *const sql_text[Q__COUNT] = {
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    [Q_SAVEPOINT] = "SAVEPOINT op",
    [Q_RELEASE] = "RELEASE op",
    [Q_ROLLBACK_TO] = "ROLLBACK TO op",
    [Q_COUNTER_UP] = "INSERT INTO counters(name, value) VALUES (?1, 1) "
                     "ON CONFLICT(name) DO UPDATE SET value = value + 1",
    [Q_COUNTER_GET] = "SELECT value FROM counters WHERE name = ?1",
    [Q_COUNTER_SET] = "UPDATE counters SET value = ?2 WHERE name = ?1",
    [Q_RID] = "SELECT rid FROM complaints WHERE id = ?1",
    [Q_LOAD] = "SELECT rid, doc FROM complaints WHERE id = ?1",
    /* no RETURNING: SQLite materialises it in a temporary table */
    [Q_UPSERT] =
        "INSERT INTO complaints(id, origin, owner, status, source, category,"
        " received_at, due, handled_at, closed_at, lead, doc)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [Q_UPDATE] =
        "UPDATE complaints SET id = ?1, origin = ?2, owner = ?3, status = ?4,"
        " source = ?5, category = ?6, received_at = ?7, due = ?8,"
        " handled_at = ?9, closed_at = ?10, lead = ?11, doc = ?12"
        " WHERE rid = ?13",
    [Q_EVENT_ADD] = "INSERT INTO events(complaint, seq, type, actor, at,"
                    " origin, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [Q_EVENTS] = "SELECT e.seq, e.type, e.actor, e.at, e.origin, e.data"
                 " FROM events e JOIN complaints c ON c.rid = e.complaint"
                 " WHERE c.id = ?1 ORDER BY e.seq",
    [Q_ASSIGNED] = "SELECT doc FROM complaints WHERE status IN ('registered',"
                   " 'classified', 'assigned', 'replied', 'checked')"
                   " AND owner = ?1 ORDER BY due",
    [Q_DEPTS_CLEAR] = "DELETE FROM complaint_depts WHERE complaint = ?1",
    [Q_DEPTS_ADD] = "INSERT OR IGNORE INTO complaint_depts(dept,"
                    " received_at, complaint, role) VALUES (?1, ?2, ?3, ?4)",
    [Q_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
    [Q_SETTING_SET] = "INSERT INTO settings(key, value) VALUES (?1, ?2)"
                      " ON CONFLICT(key) DO UPDATE SET value = ?2",
    [Q_COUNTER_RAISE] = "INSERT INTO counters(name, value) VALUES (?1, ?2)"
                        " ON CONFLICT(name) DO UPDATE"
                        " SET value = max(value, ?2)",
    [Q_EVENT_AT] = "SELECT e.type, e.actor, e.at, e.origin, e.data"
                   " FROM events e JOIN complaints c ON c.rid = e.complaint"
                   " WHERE c.id = ?1 AND e.seq = ?2",
    [Q_DAY_DROP] = "DELETE FROM stats_days WHERE day = ?1",
    [Q_DAY_GET] = "SELECT figures, groups, open FROM stats_days"
                  " WHERE day = ?1 AND epoch = ?2",
    [Q_DAY_PUT] = "INSERT OR REPLACE INTO stats_days(day, epoch, figures,"
                  " groups, open) VALUES (?1, ?2, ?3, ?4, ?5)",
    [Q_DAYS] = "SELECT day FROM stats_days ORDER BY day",
};

/* Migrations: index i brings user_version i to i + 1. */
static const char *const migrations[] = {
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL)"
    " WITHOUT ROWID;"
    "CREATE TABLE complaints("
    " rid INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " origin TEXT NOT NULL,"
    " owner TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " source TEXT, category TEXT,"
    " received_at INTEGER NOT NULL,"
    " due TEXT, handled_at INTEGER, closed_at INTEGER, lead TEXT,"
    " doc TEXT NOT NULL);"
    "CREATE INDEX complaints_status_due ON complaints(status, due);"
    "CREATE INDEX complaints_received ON complaints(received_at);"
    "CREATE TABLE events("
    " rid INTEGER PRIMARY KEY,"
    " complaint INTEGER NOT NULL REFERENCES complaints(rid),"
    " seq INTEGER NOT NULL,"
    " type TEXT NOT NULL, actor TEXT NOT NULL, at INTEGER NOT NULL,"
    " origin TEXT NOT NULL, data TEXT NOT NULL,"
    " UNIQUE(complaint, seq));",
    /* 2: the link's peers and outbox (store-and-forward) */
    "CREATE TABLE link_peers("
    " peer TEXT PRIMARY KEY,"
    " out_next INTEGER NOT NULL DEFAULT 1,"
    " out_acked INTEGER NOT NULL DEFAULT 0,"
    " in_cursor INTEGER NOT NULL DEFAULT 0,"
    " in_counter INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
    "CREATE TABLE link_outbox("
    " peer TEXT NOT NULL, seq INTEGER NOT NULL,"
    " kind TEXT NOT NULL, body BLOB NOT NULL, queued_ms INTEGER NOT NULL,"
    " PRIMARY KEY(peer, seq)) WITHOUT ROWID;"
    "CREATE TABLE link_dead("
    " rid INTEGER PRIMARY KEY, peer TEXT NOT NULL, seq INTEGER NOT NULL,"
    " kind TEXT NOT NULL, body BLOB NOT NULL, reason TEXT NOT NULL,"
    " at_ms INTEGER NOT NULL);",
    /* 3: guidance cases (指导案例, 002 art. 11; common/workflow/cases.c). One
     * live case (proposed or published) per complaint. cases_fts is an
     * external-content FTS5 index over the four texts (the text is
     * stored once, in cases), tokenize='trigram' so that any Chinese
     * substring of 3+ characters is found; the triggers keep it in step
     * with every insert, delete and change of those texts. It indexes
     * every case; searches keep the published ones. */
    "CREATE TABLE cases("
    " rid INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " complaint TEXT NOT NULL,"
    " title TEXT NOT NULL, category TEXT,"
    " summary TEXT NOT NULL, method TEXT NOT NULL,"
    " conclusion TEXT NOT NULL,"
    " proposer TEXT NOT NULL, proposed_at INTEGER NOT NULL,"
    " status TEXT NOT NULL"
    "  CHECK(status IN ('proposed', 'published', 'returned')),"
    " reviewer TEXT, reviewed_at INTEGER, review_note TEXT);"
    "CREATE UNIQUE INDEX cases_live ON cases(complaint)"
    " WHERE status IN ('proposed', 'published');"
    "CREATE INDEX cases_status ON cases(status);"
    "CREATE VIRTUAL TABLE cases_fts USING fts5(title, summary, method,"
    " conclusion, content = 'cases', content_rowid = 'rid',"
    " tokenize = 'trigram');"
    "CREATE TRIGGER cases_fts_ins AFTER INSERT ON cases BEGIN"
    " INSERT INTO cases_fts(rowid, title, summary, method, conclusion)"
    " VALUES (new.rid, new.title, new.summary, new.method,"
    " new.conclusion); END;"
    "CREATE TRIGGER cases_fts_del AFTER DELETE ON cases BEGIN"
    " INSERT INTO cases_fts(cases_fts, rowid, title, summary, method,"
    " conclusion) VALUES ('delete', old.rid, old.title, old.summary,"
    " old.method, old.conclusion); END;"
    "CREATE TRIGGER cases_fts_upd AFTER UPDATE OF title, summary, method,"
    " conclusion ON cases BEGIN"
    " INSERT INTO cases_fts(cases_fts, rowid, title, summary, method,"
    " conclusion) VALUES ('delete', old.rid, old.title, old.summary,"
    " old.method, old.conclusion);"
    " INSERT INTO cases_fts(rowid, title, summary, method, conclusion)"
    " VALUES (new.rid, new.title, new.summary, new.method,"
    " new.conclusion); END;",
    /* 4: the aggregated ledger's filters at a million complaints. Each
     * filter has an index that also gives the ledger's order (receipt
     * time), so a page is read without a sort. complaint_depts lists
     * the lead and co-handling units of each assigned complaint (written
     * with every assign event), for the department filter and queues. */
    "CREATE INDEX complaints_origin ON complaints(origin, received_at);"
    "CREATE INDEX complaints_source ON complaints(source, received_at);"
    "CREATE INDEX complaints_category ON complaints(category, received_at);"
    "CREATE INDEX complaints_status_received"
    " ON complaints(status, received_at, due);"
    "CREATE TABLE complaint_depts("
    " dept TEXT NOT NULL, received_at INTEGER NOT NULL,"
    " complaint INTEGER NOT NULL REFERENCES complaints(rid),"
    " role TEXT NOT NULL,"
    " PRIMARY KEY(dept, received_at, complaint)) WITHOUT ROWID;"
    "CREATE INDEX complaint_depts_complaint ON complaint_depts(complaint);"
    "INSERT OR IGNORE INTO complaint_depts"
    " SELECT lead, received_at, rid, 'lead' FROM complaints"
    " WHERE lead IS NOT NULL;"
    "INSERT OR IGNORE INTO complaint_depts"
    " SELECT j.value, c.received_at, c.rid, 'co'"
    " FROM complaints c, json_each(c.doc, '$.co') j"
    " WHERE j.type = 'text';",
    /* 5: the ledger's filter indexes are the county's
     * (yousu_store_ledger_indexes): a township's store holds one
     * township's complaints, and there each index only slowed intake */
    "DROP INDEX IF EXISTS complaints_origin;"
    "DROP INDEX IF EXISTS complaints_source;"
    "DROP INDEX IF EXISTS complaints_category;"
    "DROP INDEX IF EXISTS complaints_status_received;",
    /* 6: the city's store of county reports (bridge/lib/city.c) */
    "CREATE TABLE city_reports("
    " county TEXT NOT NULL, period TEXT NOT NULL,"
    " generated_at TEXT NOT NULL, body TEXT NOT NULL,"
    " PRIMARY KEY(county, period)) WITHOUT ROWID;",
    /* 7: the 12345 forms a city bridge dispatched (no caller's data:
     * the item number, where it went, and what became of it) */
    "CREATE TABLE city_hotline("
    " item TEXT PRIMARY KEY, county TEXT NOT NULL, township TEXT,"
    " imported_at INTEGER NOT NULL, status TEXT NOT NULL,"
    " result_at INTEGER, result_file TEXT) WITHOUT ROWID;",
    /* 8: the centre's staff accounts and its audit log (never
     * replicated; common/daemon/accounts.c) */
    "CREATE TABLE users("
    " login TEXT PRIMARY KEY, name TEXT NOT NULL, roles INTEGER NOT NULL,"
    " depts TEXT, centres TEXT, state TEXT NOT NULL,"
    " must_change INTEGER NOT NULL, failures INTEGER NOT NULL DEFAULT 0,"
    " hash TEXT NOT NULL, created_at INTEGER NOT NULL,"
    " changed_at INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE audit("
    " id INTEGER PRIMARY KEY, at INTEGER NOT NULL, what TEXT NOT NULL,"
    " login TEXT, addr TEXT, detail TEXT);"
    "CREATE INDEX audit_login ON audit(login, id);",
    /* 9: store incarnations (common/link/link.c): the incarnation of
     * each peer as last heard, every one it had before (a frame of an
     * old one is a replay), and the resynchronisation that a new one
     * started: the outbox's seqs up to resync_upto are its messages.
     * link_forks keeps what two centres wrote differently under one
     * complaint's seq (never resolved silently). */
    "ALTER TABLE link_peers ADD COLUMN peer_inc TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE link_peers ADD COLUMN resync_upto INTEGER NOT NULL"
    " DEFAULT 0;"
    "ALTER TABLE link_peers ADD COLUMN resync_ms INTEGER NOT NULL"
    " DEFAULT 0;"
    "ALTER TABLE link_peers ADD COLUMN resyncs INTEGER NOT NULL"
    " DEFAULT 0;"
    "CREATE TABLE link_incarnations("
    " peer TEXT NOT NULL, inc TEXT NOT NULL, first_ms INTEGER NOT NULL,"
    " PRIMARY KEY(peer, inc)) WITHOUT ROWID;"
    "CREATE TABLE link_forks("
    " rid INTEGER PRIMARY KEY, complaint TEXT NOT NULL,"
    " seq INTEGER NOT NULL, peer TEXT NOT NULL,"
    " here TEXT NOT NULL, there TEXT NOT NULL, at_ms INTEGER NOT NULL);",
    /* 10: visit rounds (004 第六条 定期或不定期回访) */
    "CREATE TABLE visit_rounds(id TEXT PRIMARY KEY,"
    " created_at INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE visit_round_members(complaint TEXT NOT NULL,"
    " round TEXT NOT NULL, PRIMARY KEY(complaint, round)) WITHOUT ROWID;",
    /* 11: the duty-leader roster and window visits (003 三(四)) */
    "CREATE TABLE duty_roster(day TEXT NOT NULL, half TEXT NOT NULL,"
    " leader TEXT NOT NULL, PRIMARY KEY(day, half)) WITHOUT ROWID;"
    "CREATE TABLE duty_visits(rid INTEGER PRIMARY KEY,"
    " day TEXT NOT NULL, half TEXT NOT NULL, at INTEGER NOT NULL,"
    " leader TEXT NOT NULL, note TEXT NOT NULL);"
    "CREATE INDEX duty_visits_day ON duty_visits(day, half);",
    /* 12: archived 整改情况报告 (000 一(二)), never updated */
    "CREATE TABLE rectify_reports(id TEXT PRIMARY KEY,"
    " created_at INTEGER NOT NULL, sha256 TEXT NOT NULL,"
    " doc TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TRIGGER rectify_reports_kept BEFORE UPDATE ON rectify_reports"
    " BEGIN SELECT RAISE(ABORT, 'an archived report is not changed'); END;"
    "CREATE TRIGGER rectify_reports_not_deleted BEFORE DELETE ON"
    " rectify_reports BEGIN SELECT RAISE(ABORT,"
    " 'an archived report is not deleted'); END;",
    /* 13: a day's figures, kept (the statistics of settled complaints by
     * the local day they were received; dropped in the transaction that
     * changes one of them) */
    "CREATE TABLE stats_days(day INTEGER PRIMARY KEY, epoch TEXT NOT NULL,"
    " figures TEXT NOT NULL, groups TEXT NOT NULL, open TEXT NOT NULL);",
    /* 14: notifications for an SMS gateway (common/daemon/notify.c):
     * queued with the event that causes them, done once written */
    "CREATE TABLE notify_outbox(name TEXT PRIMARY KEY, complaint TEXT NOT"
    " NULL, body TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)"
    " WITHOUT ROWID;"
    "CREATE INDEX notify_outbox_todo ON notify_outbox(done);",
    /* 15: repeat complaints' keys (common/model/repeats.c): the phone,
     * the organisation, the text's MinHash bands, each with the time the
     * complaint was received (common/daemon/repeats_ctl.c). By the week
     * received first: the keys are random, and a week's are written
     * next to each other (a few pages a commit, not one per key); a
     * lookup reads the window's few weeks. */
    "CREATE TABLE complaint_keys(week INTEGER NOT NULL, key TEXT NOT NULL,"
    " complaint INTEGER NOT NULL, received_at INTEGER NOT NULL,"
    " PRIMARY KEY(week, key, complaint)) WITHOUT ROWID;",
};

static const char ledger_indexes[] =
    "CREATE INDEX IF NOT EXISTS complaints_origin"
    " ON complaints(origin, received_at);"
    "CREATE INDEX IF NOT EXISTS complaints_source"
    " ON complaints(source, received_at);"
    "CREATE INDEX IF NOT EXISTS complaints_category"
    " ON complaints(category, received_at);"
    "CREATE INDEX IF NOT EXISTS complaints_status_received"
    " ON complaints(status, received_at, due);"
    /* a township's complaints in one state (the supervision desk's
     * usual question), in receipt order, without reading the others */
    "CREATE INDEX IF NOT EXISTS complaints_status_origin"
    " ON complaints(status, origin, received_at);";

struct yousu_store {
	sqlite3 *db;
	sqlite3_stmt *q[Q__COUNT];
	int depth; /* open transactions: 1 = BEGIN, more = savepoints */
	int64_t loaded_rid; /* the complaint last loaded (0: not there) */
	char loaded_id[64]; /* "" after a rollback */
	yousu_store_hook hook;
	void *hook_arg;
	/* counters as last written in the open transaction; forgotten at
	 * the next BEGIN and on every rollback, then read from the table */
	struct {
		char name[24];
		int64_t value;
	} counter[4];
	int ncounters;
	/* light nesting (yousu_store_light_nesting): no SAVEPOINT; each
	 * nested level remembers the connection's change count */
	bool light;
	bool poisoned; /* a light level was undone after it wrote */
	int64_t changes_at[8];
	/* the days stats_days may hold (yousu_store_stats_days): a saved
	 * complaint received on one of them drops it; read again from the
	 * table after a rollback */
	bool days_on;
	int days_offset; /* minutes east of UTC of the local day */
	struct kept_day {
		int32_t day;
		int32_t open_today; /* open_figures counted on that day */
		char *open_figures; /* the open complaints' (query.c's) */
	} * days;
	size_t ndays, days_cap;
	int64_t days_dropped;
};

static yousu_err
exec(yousu_store *st, int q)
{
	sqlite3_stmt *s = st->q[q];
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

static yousu_err
migrate(yousu_store *st, char *err, size_t errlen)
{
	sqlite3_stmt *s;
	int version = 0, n = (int) (sizeof migrations / sizeof *migrations);
	char *msg = NULL, sql[64];

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL))
		goto fail;
	if (sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (version > n) {
		snprintf(err, errlen,
		    "store schema version %d is newer than this program (%d)",
		    version, n);
		return YOUSU_DB;
	}
	for (; version < n; version++) {
		snprintf(
		    sql, sizeof sql, "PRAGMA user_version = %d", version + 1);
		if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", 0, 0, &msg) ||
		    sqlite3_exec(st->db, migrations[version], 0, 0, &msg) ||
		    sqlite3_exec(st->db, sql, 0, 0, &msg) ||
		    sqlite3_exec(st->db, "COMMIT", 0, 0, &msg)) {
			snprintf(err, errlen, "migration %d: %s", version + 1,
			    msg ? msg : sqlite3_errmsg(st->db));
			sqlite3_free(msg);
			sqlite3_exec(st->db, "ROLLBACK", 0, 0, NULL);
			return YOUSU_DB;
		}
	}
	return YOUSU_OK;
fail:
	snprintf(err, errlen, "%s", sqlite3_errmsg(st->db));
	return YOUSU_DB;
}

static yousu_err
configure(yousu_store *st, char *err, size_t errlen)
{
	static const char pragmas[] = "PRAGMA journal_mode = WAL;"
	                              "PRAGMA synchronous = FULL;"
	                              "PRAGMA foreign_keys = ON;"
	                              "PRAGMA busy_timeout = 5000;"
	                              /* savepoint and statement journals
	                               * in memory, not in temp files:
	                               * a batch runs each operation in a
	                               * savepoint, and their journals
	                               * on disk cost half a node's time */
	                              "PRAGMA temp_store = MEMORY;"
	                              /* 16 MiB of page cache: the id indexes
	                               * of a busy store outgrow the 2 MiB
	                               * default and every insert re-reads
	                               * them from the file */
	                              "PRAGMA cache_size = -16384;";
	char *msg = NULL;

	if (sqlite3_exec(st->db, pragmas, 0, 0, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "%s", msg ? msg : "pragma failed");
		sqlite3_free(msg);
		return YOUSU_DB;
	}
	return YOUSU_OK;
}

void
yousu_store_single_thread(void)
{
	int hdr = 0;

	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr);
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 4096 + hdr, 4096);
	sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 1200, 512);
}

yousu_err
yousu_store_open(const char *path, yousu_store **out, char *err, size_t errlen)
{
	yousu_store *st = calloc(1, sizeof *st);

	if (st == NULL)
		return YOUSU_NOMEM;
	if (sqlite3_open_v2(path, &st->db,
	        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	            SQLITE_OPEN_NOMUTEX,
	        NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "cannot open");
		goto fail;
	}
	if (configure(st, err, errlen) || migrate(st, err, errlen))
		goto fail;
	for (int i = 0; i < Q__COUNT; i++) {
		if (sqlite3_prepare_v3(st->db, sql_text[i], -1,
		        SQLITE_PREPARE_PERSISTENT, &st->q[i], NULL)) {
			snprintf(
			    err, errlen, "prepare: %s", sqlite3_errmsg(st->db));
			goto fail;
		}
	}
	*out = st;
	return YOUSU_OK;
fail:
	yousu_store_close(st);
	return YOUSU_DB;
}

yousu_err
yousu_store_ledger_indexes(yousu_store *st, char *err, size_t errlen)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, ledger_indexes, 0, 0, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "ledger indexes: %s",
		    msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return YOUSU_DB;
	}
	return YOUSU_OK;
}

static void days_forget(yousu_store *st);

void
yousu_store_close(yousu_store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(st->q[i]);
	sqlite3_close(st->db);
	days_forget(st);
	free(st->days);
	free(st);
}

/* --- the days' figures kept (stats_days) --------------------------------- */

/* each kept day's open figures go (a rollback may have undone what they
 * were counted from) */
static void
days_forget(yousu_store *st)
{
	for (size_t i = 0; i < st->ndays; i++) {
		free(st->days[i].open_figures);
		st->days[i].open_figures = NULL;
		st->days[i].open_today = 0;
	}
}

static size_t
days_find(const yousu_store *st, int32_t day, bool *found)
{
	size_t lo = 0, hi = st->ndays;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < st->ndays && st->days[lo].day == day;
	return lo;
}

static yousu_err
days_note(yousu_store *st, int32_t day)
{
	bool found;
	size_t at = days_find(st, day, &found);

	if (found) { /* counted again: its open figures with it */
		free(st->days[at].open_figures);
		st->days[at].open_figures = NULL;
		st->days[at].open_today = 0;
		return YOUSU_OK;
	}
	if (st->ndays == st->days_cap) {
		size_t cap = st->days_cap ? st->days_cap * 2 : 256;
		struct kept_day *d = realloc(st->days, cap * sizeof *d);

		if (d == NULL)
			return YOUSU_NOMEM;
		st->days = d;
		st->days_cap = cap;
	}
	memmove(st->days + at + 1, st->days + at,
	    (st->ndays - at) * sizeof *st->days);
	st->days[at] = (struct kept_day){day, 0, NULL};
	st->ndays++;
	return YOUSU_OK;
}

static yousu_err
days_reload(yousu_store *st)
{
	sqlite3_stmt *s = st->q[Q_DAYS];
	yousu_err rv = YOUSU_OK;
	int rc;

	if (!st->days_on)
		return YOUSU_OK;
	days_forget(st);
	st->ndays = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && rv == YOUSU_OK)
		rv = days_note(st, (int32_t) sqlite3_column_int64(s, 0));
	sqlite3_reset(s);
	if (rv == YOUSU_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		rv = YOUSU_DB;
	if (rv != YOUSU_OK)
		st->days_on = false; /* unsure what is kept: keep nothing */
	return rv;
}

/* A complaint received at t is saved: its day's figures go. */
static yousu_err
days_drop(yousu_store *st, int64_t t)
{
	int32_t day = yousu_local_day(t, st->days_offset);
	bool found;
	size_t at = days_find(st, day, &found);
	yousu_err rv;

	if (!found)
		return YOUSU_OK;
	sqlite3_bind_int64(st->q[Q_DAY_DROP], 1, day);
	if ((rv = exec(st, Q_DAY_DROP)) != YOUSU_OK)
		return rv;
	free(st->days[at].open_figures);
	memmove(st->days + at, st->days + at + 1,
	    (st->ndays - at - 1) * sizeof *st->days);
	st->ndays--;
	st->days_dropped++;
	return YOUSU_OK;
}

yousu_err
yousu_store_stats_days(yousu_store *st, int utc_offset_min)
{
	st->days_offset = utc_offset_min;
	st->days_on = true;
	return days_reload(st);
}

bool
yousu_store_stats_days_on(const yousu_store *st, int utc_offset_min)
{
	return st->days_on && st->days_offset == utc_offset_min;
}

int64_t
yousu_store_stats_days_dropped(const yousu_store *st)
{
	return st->days_dropped;
}

static char *
column_dup(sqlite3_stmt *s, int col)
{
	const char *t = (const char *) sqlite3_column_text(s, col);

	return strdup(t ? t : "");
}

yousu_err
yousu_store_stats_day_get(yousu_store *st, int32_t day, const char *epoch,
    char **figures, char **groups, char **open)
{
	sqlite3_stmt *s = st->q[Q_DAY_GET];
	yousu_err rv = YOUSU_NOTFOUND;
	int rc;

	sqlite3_bind_int64(s, 1, day);
	sqlite3_bind_text(s, 2, epoch, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		rv = YOUSU_OK;
		if (figures && (*figures = column_dup(s, 0)) == NULL)
			rv = YOUSU_NOMEM;
		if (groups && (*groups = column_dup(s, 1)) == NULL)
			rv = YOUSU_NOMEM;
		if (open && (*open = column_dup(s, 2)) == NULL)
			rv = YOUSU_NOMEM;
	} else if (rc != SQLITE_DONE)
		rv = YOUSU_DB;
	sqlite3_reset(s);
	return rv;
}

yousu_err
yousu_store_stats_day_put(yousu_store *st, int32_t day, const char *epoch,
    const char *figures, const char *groups, const char *open)
{
	sqlite3_stmt *s = st->q[Q_DAY_PUT];
	yousu_err rv;

	/* what is read inside a transaction may yet be undone */
	if (!st->days_on || st->depth > 0)
		return YOUSU_STATE;
	sqlite3_bind_int64(s, 1, day);
	sqlite3_bind_text(s, 2, epoch, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, figures, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, groups, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, open, -1, SQLITE_STATIC);
	if ((rv = exec(st, Q_DAY_PUT)) != YOUSU_OK)
		return rv;
	return days_note(st, day);
}

yousu_err
yousu_store_stats_day_open_get(
    yousu_store *st, int32_t day, int32_t today, char **figures)
{
	bool found;
	size_t at = days_find(st, day, &found);

	if (!st->days_on || !found || st->days[at].open_figures == NULL ||
	    st->days[at].open_today != today)
		return YOUSU_NOTFOUND;
	return (*figures = strdup(st->days[at].open_figures)) ? YOUSU_OK
	                                                      : YOUSU_NOMEM;
}

yousu_err
yousu_store_stats_day_open_put(
    yousu_store *st, int32_t day, int32_t today, const char *figures)
{
	bool found;
	size_t at = days_find(st, day, &found);
	char *copy;

	if (!st->days_on || st->depth > 0)
		return YOUSU_STATE;
	if (!found)
		return YOUSU_NOTFOUND;
	if ((copy = strdup(figures)) == NULL)
		return YOUSU_NOMEM;
	free(st->days[at].open_figures);
	st->days[at].open_figures = copy;
	st->days[at].open_today = today;
	return YOUSU_OK;
}

/* SQLite rolls a transaction back by itself on some errors (disk full,
 * I/O, out of memory): then depth says open while none is. */
static bool
vanished(const yousu_store *st)
{
	return st->depth > 0 && sqlite3_get_autocommit(st->db);
}

yousu_err
yousu_store_begin(yousu_store *st)
{
	yousu_err rv;

	if (vanished(st))
		return YOUSU_DB; /* the caller's rollback resets depth */
	if (st->depth == 0) {
		st->ncounters = 0;
		st->poisoned = false;
	}
	if (st->depth > 0 && st->light) {
		if (st->depth >= 8)
			yousu_panic("store: transactions nested too deep");
		st->changes_at[st->depth++] = sqlite3_total_changes64(st->db);
		return YOUSU_OK;
	}
	rv = exec(st, st->depth == 0 ? Q_BEGIN : Q_SAVEPOINT);
	if (rv == YOUSU_OK)
		st->depth++;
	return rv;
}

void
yousu_store_light_nesting(yousu_store *st, bool on)
{
	st->light = on;
}

bool
yousu_store_poisoned(const yousu_store *st)
{
	return st->poisoned;
}

yousu_err
yousu_store_commit(yousu_store *st)
{
	yousu_err rv;

	if (st->depth == 0)
		yousu_panic("store: commit outside a transaction");
	if (vanished(st))
		return YOUSU_DB;
	if (st->depth > 1 && st->light) {
		st->depth--;
		return YOUSU_OK;
	}
	if (st->depth == 1 && st->poisoned)
		/* part of an operation is written and cannot be taken back
		 * alone: the whole transaction must go (the caller's
		 * rollback, as for any failed commit) */
		return YOUSU_DB;
	rv = exec(st, st->depth == 1 ? Q_COMMIT : Q_RELEASE);
	if (rv == YOUSU_OK)
		st->depth--;
	return rv;
}

void
yousu_store_rollback(yousu_store *st)
{
	if (st->depth == 0)
		yousu_panic("store: rollback outside a transaction");
	st->loaded_id[0] = '\0'; /* what was written may be undone */
	st->loaded_rid = 0;
	st->ncounters = 0;
	if (sqlite3_get_autocommit(st->db)) {
		st->depth = 0; /* nothing is open any more, at any level */
		(void) days_reload(st);
		return;
	}
	if (st->depth > 1 && st->light) {
		/* nothing written since the level began: nothing to undo */
		if (sqlite3_total_changes64(st->db) !=
		    st->changes_at[st->depth - 1])
			st->poisoned = true;
	} else if (st->depth > 1) {
		(void) exec(st, Q_ROLLBACK_TO);
		(void) exec(st, Q_RELEASE);
	} else {
		(void) exec(st, Q_ROLLBACK);
	}
	st->depth--;
	(void) days_reload(st); /* a day dropped may be back */
}

const char *
yousu_store_errmsg(yousu_store *st)
{
	if (st->poisoned)
		return "an operation failed after it had written, and a "
		       "light transaction cannot undo it alone: the whole "
		       "transaction was rolled back";
	return sqlite3_errmsg(st->db);
}

/* The cached value of counter name, or NULL. */
static int64_t *
cached_counter(yousu_store *st, const char *name)
{
	for (int i = 0; i < st->ncounters; i++)
		if (strcmp(st->counter[i].name, name) == 0)
			return &st->counter[i].value;
	return NULL;
}

static void
cache_counter(yousu_store *st, const char *name, int64_t value)
{
	int i;

	if (strlen(name) >= sizeof st->counter[0].name)
		return;
	i = st->ncounters < 4 ? st->ncounters++ : 0;
	memcpy(st->counter[i].name, name, strlen(name) + 1);
	st->counter[i].value = value;
}

yousu_err
yousu_store_next_serial(yousu_store *st, const char *name, int64_t *out)
{
	sqlite3_stmt *s = st->q[Q_COUNTER_GET];
	int64_t *known = cached_counter(st, name);
	yousu_err rv;

	if (known != NULL) {
		/* the value is known: one write, no read back */
		s = st->q[Q_COUNTER_SET];
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, *known + 1);
		if ((rv = exec(st, Q_COUNTER_SET)) != YOUSU_OK)
			return rv;
		*out = ++*known;
		return YOUSU_OK;
	}
	sqlite3_bind_text(st->q[Q_COUNTER_UP], 1, name, -1, SQLITE_STATIC);
	if ((rv = exec(st, Q_COUNTER_UP)) != YOUSU_OK)
		return rv;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rv = sqlite3_step(s) == SQLITE_ROW ? YOUSU_OK : YOUSU_DB;
	if (rv == YOUSU_OK) {
		*out = sqlite3_column_int64(s, 0);
		cache_counter(st, name, *out);
	}
	sqlite3_reset(s);
	return rv;
}

yousu_err
yousu_store_raise_serial(yousu_store *st, const char *name, int64_t at_least)
{
	int64_t *known = cached_counter(st, name);
	yousu_err rv;

	sqlite3_bind_text(st->q[Q_COUNTER_RAISE], 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st->q[Q_COUNTER_RAISE], 2, at_least);
	if ((rv = exec(st, Q_COUNTER_RAISE)) == YOUSU_OK && known != NULL &&
	    *known < at_least)
		*known = at_least;
	return rv;
}

static bool
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

yousu_err
yousu_store_event_same(
    yousu_store *st, const char *id, int64_t seq, const yousu_event *ev)
{
	sqlite3_stmt *s = st->q[Q_EVENT_AT];
	yousu_err rv = YOUSU_NOTFOUND;
	int rc;

	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, seq);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		rv = same_text(
		         (const char *) sqlite3_column_text(s, 0), ev->type) &&
		             same_text((const char *) sqlite3_column_text(s, 1),
		                 ev->actor) &&
		             sqlite3_column_int64(s, 2) == ev->at &&
		             same_text((const char *) sqlite3_column_text(s, 3),
		                 ev->origin) &&
		             same_text((const char *) sqlite3_column_text(s, 4),
		                 ev->data)
		         ? YOUSU_OK
		         : YOUSU_STATE;
	else if (rc != SQLITE_DONE)
		rv = YOUSU_DB;
	sqlite3_reset(s);
	return rv;
}

static yousu_err
doc_from_row(sqlite3_stmt *s, int col, cJSON **out)
{
	cJSON *doc = cJSON_Parse((const char *) sqlite3_column_text(s, col));

	if (doc == NULL)
		return YOUSU_DB;
	*out = doc;
	return YOUSU_OK;
}

yousu_err
yousu_store_load(yousu_store *st, const char *id, cJSON **out)
{
	sqlite3_stmt *s = st->q[Q_LOAD];
	yousu_err rv = YOUSU_NOTFOUND;
	int rc;

	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	/* remembered so that the save that follows needs no lookup */
	st->loaded_id[0] = '\0';
	st->loaded_rid = 0;
	if (rc == SQLITE_ROW)
		rv = doc_from_row(s, 1, out);
	else if (rc != SQLITE_DONE)
		rv = YOUSU_DB;
	if ((rv == YOUSU_OK || rv == YOUSU_NOTFOUND) &&
	    strlen(id) < sizeof st->loaded_id) {
		st->loaded_rid =
		    rv == YOUSU_OK ? sqlite3_column_int64(s, 0) : 0;
		memcpy(st->loaded_id, id, strlen(id) + 1);
	}
	sqlite3_reset(s);
	return rv;
}

static void
bind_opt_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void
bind_opt_int(sqlite3_stmt *s, int i, int64_t v)
{
	if (v != 0)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

/* Where complaint id is (loaded_rid, 0 when not stored yet). */
static yousu_err
find_rid(yousu_store *st, const char *id)
{
	sqlite3_stmt *s = st->q[Q_RID];
	int rc;

	if (strlen(id) >= sizeof st->loaded_id)
		return YOUSU_INVAL;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	st->loaded_rid = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return YOUSU_DB;
	memcpy(st->loaded_id, id, strlen(id) + 1);
	return YOUSU_OK;
}

/* Write doc: an update by key when it is stored already, else an
 * insert. The key of the complaint last loaded is known. */
static yousu_err
upsert(yousu_store *st, const cJSON *doc, int64_t *rid)
{
	const char *id = yousu__jstr(doc, "id");
	bool update;
	sqlite3_stmt *s;
	char *text;
	yousu_err rv;

	if (id == NULL)
		return YOUSU_INVAL;
	/* a complaint's first event makes it: nothing to look up (the
	 * unique id refuses a duplicate) */
	if (yousu__jint(doc, "events", 0) == 1) {
		st->loaded_rid = 0;
		st->loaded_id[0] = '\0';
	} else if (strcmp(id, st->loaded_id) != 0 &&
	           (rv = find_rid(st, id)) != 0)
		return rv;
	update = st->loaded_rid != 0;
	s = st->q[update ? Q_UPDATE : Q_UPSERT];
	if ((text = yousu__json_print(doc)) == NULL)
		return YOUSU_NOMEM;
	bind_opt_text(s, 1, id);
	bind_opt_text(s, 2, yousu__jstr(doc, "origin"));
	bind_opt_text(s, 3, yousu__jstr(doc, "owner"));
	bind_opt_text(s, 4, yousu__jstr(doc, "status"));
	bind_opt_text(s, 5, yousu__jstr(doc, "source"));
	bind_opt_text(s, 6, yousu__jstr(doc, "category"));
	sqlite3_bind_int64(s, 7, yousu__jint(doc, "received_at", 0));
	bind_opt_text(s, 8, yousu__jstr(doc, "due"));
	bind_opt_int(s, 9, yousu__jint(doc, "handled_at", 0));
	bind_opt_int(s, 10, yousu__jint(doc, "closed_at", 0));
	bind_opt_text(s, 11, yousu__jstr(doc, "lead"));
	sqlite3_bind_text(s, 12, text, -1, free);
	if (update)
		sqlite3_bind_int64(s, 13, st->loaded_rid);
	if ((rv = exec(st, update ? Q_UPDATE : Q_UPSERT)) != YOUSU_OK)
		return rv;
	*rid = update ? st->loaded_rid : sqlite3_last_insert_rowid(st->db);
	st->loaded_rid = *rid;
	if (strlen(id) < sizeof st->loaded_id)
		memcpy(st->loaded_id, id, strlen(id) + 1);
	return YOUSU_OK;
}

static yousu_err
add_dept(yousu_store *st, const char *dept, int64_t at, int64_t rid,
    const char *role)
{
	sqlite3_stmt *s = st->q[Q_DEPTS_ADD];

	sqlite3_bind_text(s, 1, dept, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, at);
	sqlite3_bind_int64(s, 3, rid);
	sqlite3_bind_text(s, 4, role, -1, SQLITE_STATIC);
	return exec(st, Q_DEPTS_ADD);
}

/* complaint_depts after an assignment: the lead and the co-handlers. */
static yousu_err
index_depts(yousu_store *st, const cJSON *doc, int64_t rid)
{
	int64_t at = yousu__jint(doc, "received_at", 0);
	const cJSON *v;
	yousu_err rv;

	sqlite3_bind_int64(st->q[Q_DEPTS_CLEAR], 1, rid);
	if ((rv = exec(st, Q_DEPTS_CLEAR)) != YOUSU_OK)
		return rv;
	if (yousu__jstr(doc, "lead") &&
	    (rv = add_dept(st, yousu__jstr(doc, "lead"), at, rid, "lead")))
		return rv;
	cJSON_ArrayForEach (v, cJSON_GetObjectItem(doc, "co"))
		if (cJSON_IsString(v) &&
		    (rv = add_dept(st, v->valuestring, at, rid, "co")))
			return rv;
	return YOUSU_OK;
}

yousu_err
yousu_store_save(yousu_store *st, const cJSON *doc, const yousu_event *ev)
{
	sqlite3_stmt *s = st->q[Q_EVENT_ADD];
	int64_t rid = 0;
	yousu_err rv;

	if ((rv = upsert(st, doc, &rid)) != YOUSU_OK)
		return rv;
	if (st->days_on && st->ndays > 0 &&
	    (rv = days_drop(st, yousu__jint(doc, "received_at", 0))) != 0)
		return rv;
	sqlite3_bind_int64(s, 1, rid);
	sqlite3_bind_int64(s, 2, yousu__jint(doc, "events", 0));
	sqlite3_bind_text(s, 3, ev->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, ev->actor, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, ev->at);
	sqlite3_bind_text(s, 6, ev->origin, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, ev->data, -1, SQLITE_STATIC);
	if ((rv = exec(st, Q_EVENT_ADD)) != YOUSU_OK)
		return rv;
	if (strcmp(ev->type, "assign") == 0 &&
	    (rv = index_depts(st, doc, rid)) != YOUSU_OK)
		return rv;
	return st->hook ? st->hook(st->hook_arg, doc, ev) : YOUSU_OK;
}

void
yousu_store_set_hook(yousu_store *st, yousu_store_hook hook, void *arg)
{
	st->hook = hook;
	st->hook_arg = arg;
}

void
yousu_store_durable(yousu_store *st, bool full)
{
	sqlite3_exec(st->db,
	    full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
	    NULL, NULL, NULL);
}

sqlite3 *
yousu_store_sqlite(yousu_store *st)
{
	return st->db;
}

static cJSON *
event_row(sqlite3_stmt *s)
{
	cJSON *e = cJSON_CreateObject();
	cJSON *data = cJSON_Parse((const char *) sqlite3_column_text(s, 5));

	yousu__jset_int(e, "seq", sqlite3_column_int64(s, 0));
	yousu__jset_str(e, "type", (const char *) sqlite3_column_text(s, 1));
	yousu__jset_str(e, "actor", (const char *) sqlite3_column_text(s, 2));
	yousu__jset_int(e, "at", sqlite3_column_int64(s, 3));
	yousu__jset_str(e, "origin", (const char *) sqlite3_column_text(s, 4));
	yousu__jset(e, "data", data ? data : cJSON_CreateObject());
	return e;
}

yousu_err
yousu_store_events(yousu_store *st, const char *id, cJSON **out)
{
	sqlite3_stmt *s = st->q[Q_EVENTS];
	cJSON *arr = cJSON_CreateArray();
	int rc;

	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		cJSON_AddItemToArray(arr, event_row(s));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		cJSON_Delete(arr);
		return YOUSU_DB;
	}
	*out = arr;
	return YOUSU_OK;
}

/* Build a listing's query (what: the columns) over the filter; values
 * are bound in order by filter_bind. With a department the rows come
 * from complaint_depts, in its key's order. */
static void
filter_sql(
    const yousu_filter *f, const char *what, bool order, char *sql, size_t len)
{
	bool only_dept = f->dept && !f->status && !f->source && !f->category &&
	                 !f->origin && !f->due_before && !f->overdue_today &&
	                 !f->from && !f->to;
	/* a department's complaints in a state still in hand (its queue):
	 * those few first, by the status index, each looked up among the
	 * department's by its key; a settled state (most of a county's
	 * complaints) is read from the department's rows instead */
	bool by_status =
	    f->dept && (f->overdue_today ||
	                   (f->status && strcmp(f->status, "closed") != 0 &&
	                       strcmp(f->status, "rejected") != 0));
	size_t off = (size_t) snprintf(sql, len,
	    !f->dept || by_status ? "SELECT %s FROM complaints c WHERE 1"
	    : only_dept && !order
	        ? "SELECT %s FROM complaint_depts d WHERE d.dept = ?"
	        : "SELECT %s FROM complaint_depts d JOIN complaints c"
	          " ON c.rid = d.complaint WHERE d.dept = ?",
	    what);

#define ADD(cond, text) \
	if (cond)       \
	off += (size_t) snprintf(sql + off, len - off, "%s", text)
	ADD(by_status, " AND EXISTS (SELECT 1 FROM complaint_depts d"
	               " WHERE d.dept = ? AND d.received_at = c.received_at"
	               " AND d.complaint = c.rid)");
	ADD(f->status, " AND c.status = ?");
	ADD(f->source, " AND c.source = ?");
	ADD(f->category, " AND c.category = ?");
	ADD(f->origin, " AND c.origin = ?");
	ADD(f->due_before, " AND c.due < ?");
	/* overdue: read in receipt order from (status, received_at, due),
	 * due checked in the index ("+": not by the (status, due) index,
	 * which would need every overdue row read and sorted) */
	ADD(f->overdue_today, " AND c.status = 'assigned' AND +c.due < ?");
	ADD(f->from, " AND c.received_at >= ?");
	ADD(f->to, " AND c.received_at < ?");
	ADD(f->keyset && f->dept && !by_status,
	    " AND (d.received_at, d.complaint) > (?, ?)");
	ADD(f->keyset && (!f->dept || by_status),
	    " AND (c.received_at, c.rid) > (?, ?)");
#undef ADD
	if (order)
		snprintf(sql + off, len - off, "%s%s",
		    f->dept && !by_status
		        ? " ORDER BY d.received_at, d.complaint"
		        : " ORDER BY c.received_at, c.rid",
		    f->limit > 0 ? " LIMIT ? OFFSET ?" : "");
}

static void
filter_bind(sqlite3_stmt *s, const yousu_filter *f, bool order)
{
	const char *texts[] = {f->dept, f->status, f->source, f->category,
	    f->origin, f->due_before, f->overdue_today};
	int i = 1;

	for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
		if (texts[k] != NULL)
			sqlite3_bind_text(s, i++, texts[k], -1, SQLITE_STATIC);
	if (f->from)
		sqlite3_bind_int64(s, i++, f->from);
	if (f->to)
		sqlite3_bind_int64(s, i++, f->to);
	if (f->keyset) {
		sqlite3_bind_int64(s, i++, f->after_at);
		sqlite3_bind_int64(s, i++, f->after_rid);
	}
	if (order && f->limit > 0) {
		sqlite3_bind_int(s, i++, f->limit);
		sqlite3_bind_int(s, i++, f->offset);
	}
}

yousu_err
yousu_store_count(yousu_store *st, const yousu_filter *f, int64_t *out)
{
	char sql[640];
	sqlite3_stmt *s;
	yousu_err rv = YOUSU_DB;

	filter_sql(f, "count(*)", false, sql, sizeof sql);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	filter_bind(s, f, false);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		rv = YOUSU_OK;
	}
	sqlite3_finalize(s);
	return rv;
}

static yousu_err
each_row(sqlite3_stmt *s, yousu_err (*fn)(void *, cJSON *), void *arg)
{
	yousu_err rv = YOUSU_OK;
	cJSON *doc;
	int rc;

	while (rv == YOUSU_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rv = doc_from_row(s, 0, &doc)) != YOUSU_OK)
			break;
		rv = fn(arg, doc);
		cJSON_Delete(doc);
	}
	if (rv == YOUSU_OK && rc != SQLITE_DONE)
		rv = YOUSU_DB;
	return rv;
}

yousu_err
yousu_store_list(yousu_store *st, const yousu_filter *f,
    yousu_err (*fn)(void *arg, const cJSON *doc), void *arg)
{
	char sql[640];
	sqlite3_stmt *s;
	yousu_err rv;

	filter_sql(f, "c.doc", true, sql, sizeof sql);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	filter_bind(s, f, true);
	rv = each_row(s, (yousu_err(*)(void *, cJSON *)) fn, arg);
	sqlite3_finalize(s);
	return rv;
}

yousu_err
yousu_store_list_page(yousu_store *st, const yousu_filter *f,
    yousu_err (*fn)(void *arg, const cJSON *doc), void *arg, int64_t *last_at,
    int64_t *last_rid, int *n)
{
	char sql[760];
	sqlite3_stmt *s;
	yousu_err rv = YOUSU_OK;
	cJSON *doc;
	int rc;

	*n = 0;
	filter_sql(f, "c.doc, c.received_at, c.rid", true, sql, sizeof sql);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	filter_bind(s, f, true);
	while (rv == YOUSU_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rv = doc_from_row(s, 0, &doc)) != YOUSU_OK)
			break;
		*last_at = sqlite3_column_int64(s, 1);
		*last_rid = sqlite3_column_int64(s, 2);
		(*n)++;
		rv = fn(arg, doc);
		cJSON_Delete(doc);
	}
	if (rv == YOUSU_OK && rc != SQLITE_DONE)
		rv = YOUSU_DB;
	sqlite3_finalize(s);
	return rv;
}

yousu_err
yousu_store_each_open(yousu_store *st, const char *owner,
    yousu_err (*fn)(void *arg, cJSON *doc), void *arg)
{
	yousu_err rv;

	sqlite3_bind_text(st->q[Q_ASSIGNED], 1, owner, -1, SQLITE_STATIC);
	rv = each_row(st->q[Q_ASSIGNED], fn, arg);

	sqlite3_reset(st->q[Q_ASSIGNED]);
	return rv;
}

yousu_err
yousu_store_to_recount(
    yousu_store *st, const char *owner, const char *version, cJSON **out)
{
	static const char sql[] =
	    "SELECT id FROM complaints WHERE owner = ?1 AND (((due IS NOT NULL"
	    " OR json_extract(doc, '$.callback_due') IS NOT NULL)"
	    " AND (json_extract(doc, '$.calendar') IS NOT ?2"
	    " OR json_extract(doc, '$.due_provisional')"
	    " OR json_extract(doc, '$.feedback_provisional')"
	    " OR json_extract(doc, '$.callback_provisional')"
	    " OR json_extract(doc, '$.late_provisional')))"
	    " OR json_extract(doc, '$.steps_provisional')) ORDER BY rid";
	sqlite3_stmt *s;
	cJSON *ids;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, owner, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, version, -1, SQLITE_STATIC);
	ids = cJSON_CreateArray();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		cJSON_AddItemToArray(
		    ids, cJSON_CreateString(
		             (const char *) sqlite3_column_text(s, 0)));
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		cJSON_Delete(ids);
		return YOUSU_DB;
	}
	*out = ids;
	return YOUSU_OK;
}

yousu_err
yousu_store_get_setting(yousu_store *st, const char *key, char *buf, size_t len)
{
	sqlite3_stmt *s = st->q[Q_SETTING_GET];
	yousu_err rv = YOUSU_NOTFOUND;

	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(buf, len, "%s", sqlite3_column_text(s, 0));
		rv = YOUSU_OK;
	}
	sqlite3_reset(s);
	return rv;
}

yousu_err
yousu_store_set_setting(yousu_store *st, const char *key, const char *value)
{
	sqlite3_bind_text(st->q[Q_SETTING_SET], 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st->q[Q_SETTING_SET], 2, value, -1, SQLITE_STATIC);
	return exec(st, Q_SETTING_SET);
}

yousu_err
yousu_store_each_event(yousu_store *st, const char *id,
    yousu_err (*fn)(void *arg, int64_t seq, const yousu_event *ev), void *arg)
{
	sqlite3_stmt *s = st->q[Q_EVENTS];
	yousu_err rv = YOUSU_OK;
	int rc;

	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	while (rv == YOUSU_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		yousu_event ev = {(const char *) sqlite3_column_text(s, 1),
		    (const char *) sqlite3_column_text(s, 2),
		    sqlite3_column_int64(s, 3),
		    (const char *) sqlite3_column_text(s, 4),
		    (const char *) sqlite3_column_text(s, 5)};

		rv = fn(arg, sqlite3_column_int64(s, 0), &ev);
	}
	if (rv == YOUSU_OK && rc != SQLITE_DONE)
		rv = YOUSU_DB;
	sqlite3_reset(s);
	return rv;
}
