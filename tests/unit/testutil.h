/* yousu — the fixture shared by the workflow unit tests: a workflow over
 * a fresh SQLite store in a mkdtemp folder under /tmp, with the Shenqiu
 * profile, the cn calendar, the Shenqiu department catalogue and a clock
 * that the test sets. Everything is real; nothing is mocked. */
#ifndef YOUSU_TESTUTIL_H
#define YOUSU_TESTUTIL_H

#include <cjson/cJSON.h>
#include <stdint.h>

#include "yousu/calendar.h"
#include "yousu/complaint.h"
#include "yousu/policy.h"
#include "yousu/store.h"
#include "yousu/workflow.h"

#define TU_PROFILE    YOUSU_SOURCE_DIR "/configs/profiles/shenqiu.ini"
#define TU_CALENDAR   YOUSU_SOURCE_DIR "/configs/calendars/cn.ini"
#define TU_DEPTS      YOUSU_SOURCE_DIR "/configs/departments/shenqiu.ini"
#define TU_CENTRE     "HD"
#define TU_UTC_OFFSET 480 /* UTC+8 */

typedef struct tu_env {
	char dir[64]; /* the mkdtemp folder */
	char db[128]; /* the store file inside it */
	yousu_store *st;
	yousu_policy *pol;
	yousu_calendar *cal;
	yousu_depts *depts;
	yousu_wf *wf;
	int64_t now;    /* what the workflow's clock returns */
	char err[1024]; /* the last command's message */
} tu_env;

/* tu_setup / tu_teardown: cmocka setup and teardown; *state is a new
 * tu_env with the clock at 2026-09-24 09:00 local (a Thursday). Teardown
 * removes the folder. */
int tu_setup(void **state);
int tu_teardown(void **state);

/* tu_reopen closes the workflow and the store and opens them again on
 * the same file, as a restarted daemon would. */
void tu_reopen(tu_env *e);

/* tu_use_profile makes the workflow use configs/profiles/NAME.ini with
 * configs/departments/NAME.ini (the store stays). */
void tu_use_profile(tu_env *e, const char *name);

/* tu_at sets the clock to local time s ("YYYY-MM-DD[THH:MM[:SS]]"). */
void tu_at(tu_env *e, const char *s);

/* tu_at_utc sets the clock to UTC time s. */
void tu_at_utc(tu_env *e, const char *s);

/* tu_date parses "YYYY-MM-DD" (the test fails on a bad one). */
yousu_date tu_date(const char *s);

/* tu_exec runs cmd with the JSON object printf'd from fmt, actor "tester".
 * On success *out is the new state (caller frees); on failure *out is
 * NULL and e->err holds the message. */
yousu_err tu_exec(tu_env *e, const char *cmd, cJSON **out, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* tu_ok runs a command that must succeed and returns the new state
 * (caller frees). */
cJSON *tu_ok(tu_env *e, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* tu_refused runs a command that must fail with want, checks that the
 * store is byte-for-byte unchanged and returns e->err. */
const char *tu_refused(tu_env *e, yousu_err want, const char *cmd,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* tu_intake registers a window complaint and copies its id into id. */
void tu_intake(tu_env *e, char id[32]);

/* tu_status returns the stored status of id (static buffer). */
const char *tu_status(tu_env *e, const char *id);

/* tu_doc loads the stored state of id (caller frees). */
cJSON *tu_doc(tu_env *e, const char *id);

/* tu_events loads id's event log (caller frees). */
cJSON *tu_events(tu_env *e, const char *id);

/* tu_snapshot returns every row of every table of the store as one
 * string (caller frees), read over a second SQLite connection. */
char *tu_snapshot(tu_env *e);

/* tu_check_store: every state in the store equals the replay of its log
 * (fails the test naming the first that does not). */
void tu_check_store(tu_env *e);

/* tu_last_data: the data of id's last event of type `type` (the last of
 * any type when NULL), a new object; fails the test if there is none. */
cJSON *tu_last_data(tu_env *e, const char *id, const char *type);

/* tu_count returns the number of complaints in the store. */
int tu_count(tu_env *e);

/* tu_sql runs sql on the store file over a second connection. */
void tu_sql(tu_env *e, const char *sql);

/* tu_has fails the test, printing both, unless needle is in hay. */
void tu_has(const char *hay, const char *needle);

/* tu_jstr / tu_jint: a member of o (NULL / -1 when absent). */
const char *tu_jstr(const cJSON *o, const char *key);
int64_t tu_jint(const cJSON *o, const char *key);

#endif
