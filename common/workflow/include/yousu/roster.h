/* yousu — the duty-leader roster (领导带班, 003 三(四)): who is 带班领导 on
 * which half-day at this centre, and the leader's visits to the window
 * (“上、下午至少各一次到窗口现场办公”). Kept in this centre's store (tables
 * `duty_roster`, `duty_visits`), not replicated. */
#ifndef YOUSU_ROSTER_H
#define YOUSU_ROSTER_H

#include <stdint.h>

#include "yousu/date.h"
#include "yousu/err.h"
#include "yousu/store.h"

/* The most rows one roster file may hold. */
#define YOUSU_ROSTER_MAX_ROWS 400

/* yousu_roster_parse reads a roster as CSV (UTF-8, a byte-order mark
 * allowed, CRLF or LF): a header line 日期,时段,带班领导 then one line per
 * half-day: YYYY-MM-DD, 上午/下午 (or am/pm), the leader's name. Blank
 * lines are skipped. On success *rows is [{"day", "half": "am"|"pm",
 * "leader"}]; otherwise YOUSU_INVAL and err names the line and the
 * problem (a bad date, an unknown half, a blank or overlong name, a
 * half-day given twice, a wrong column count, too many rows, no row). */
yousu_err yousu_roster_parse(
    const char *csv, cJSON **rows, char *err, size_t errlen);

/* yousu_roster_put stores rows (as parsed), each replacing that
 * half-day's leader. Inside the caller's transaction. */
yousu_err yousu_roster_put(yousu_store *st, const cJSON *rows);

/* yousu_roster_leader: the leader of day's half ("am"/"pm") into buf;
 * YOUSU_NOTFOUND when the roster names none. */
yousu_err yousu_roster_leader(
    yousu_store *st, yousu_date day, const char *half, char *buf, size_t len);

/* yousu_roster_half: "am" before noon (local), else "pm". */
const char *yousu_roster_half(int64_t t, int utc_offset_min);

/* yousu_roster_visit records a visit of leader to the window at t
 * (local day and half), with what was seen or settled. */
yousu_err yousu_roster_visit(yousu_store *st, int64_t t, int utc_offset_min,
    const char *leader, const char *note);

/* yousu_roster_board: the half-days of [from, to] on the roster, each
 * {"day", "half", "leader", "visits": [{"at", "leader", "note"}],
 * "over": the half-day has ended by now, "missed": over with no visit},
 * and the counts {"halves", "visited", "missed", "open"}. */
yousu_err yousu_roster_board(yousu_store *st, yousu_date from, yousu_date to,
    int64_t now, int utc_offset_min, cJSON **out);

#endif
