/* The duty-leader roster (领导带班, 003 三(四)): the roster file, the
 * half-days stored, the leaders' visits to the window and the board. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/json.h"
#include "yousu/roster.h"
#include "yousu/store_ext.h"
#include "yousu/utf8.h"

#define MAX_NAME 64 /* bytes of a leader's name */

/* Trim ASCII blanks at both ends of s in place. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static const char *
half_code(const char *s)
{
	if (strcmp(s, "上午") == 0 || strcmp(s, "am") == 0 ||
	    strcmp(s, "AM") == 0)
		return "am";
	if (strcmp(s, "下午") == 0 || strcmp(s, "pm") == 0 ||
	    strcmp(s, "PM") == 0)
		return "pm";
	return NULL;
}

/* One data line (its three cells split at commas) into rows, or the
 * problem in err. */
static yousu_err
parse_line(char *line, int no, cJSON *rows, char *err, size_t errlen)
{
	char *cell[3], *p = line;
	const char *half;
	const cJSON *r;
	yousu_date day;
	int n = 0;

	for (; n < 3; n++) {
		cell[n] = p;
		if ((p = strchr(p, ',')) == NULL) {
			n++;
			break;
		}
		*p++ = '\0';
	}
	if (n != 3 || p != NULL) {
		snprintf(err, errlen,
		    "line %d: expected 3 cells (日期,时段,带班领导), found %s",
		    no, n < 3 ? "fewer" : "more");
		return YOUSU_INVAL;
	}
	for (int i = 0; i < 3; i++)
		cell[i] = trim(cell[i]);
	if (yousu_date_parse(cell[0], &day) != YOUSU_OK) {
		snprintf(err, errlen,
		    "line %d: '%.20s' is not a date (YYYY-MM-DD, a real day)",
		    no, cell[0]);
		yousu_text_cut_whole(err);
		return YOUSU_INVAL;
	}
	if ((half = half_code(cell[1])) == NULL) {
		snprintf(err, errlen,
		    "line %d: '%.20s' is not a half-day (上午 or 下午)", no,
		    cell[1]);
		yousu_text_cut_whole(err);
		return YOUSU_INVAL;
	}
	if (yousu_text_blank(cell[2])) {
		snprintf(err, errlen,
		    "line %d: the leader's name (带班领导) is blank", no);
		return YOUSU_INVAL;
	}
	if (strlen(cell[2]) > MAX_NAME ||
	    yousu_text_chars_n(cell[2], strlen(cell[2]), false) < 0) {
		snprintf(err, errlen,
		    "line %d: the leader's name is not a name (one line of "
		    "UTF-8 text, at most %d bytes)",
		    no, MAX_NAME);
		return YOUSU_INVAL;
	}
	cJSON_ArrayForEach (r, rows)
		if (strcmp(yousu__jstr(r, "day"), cell[0]) == 0 &&
		    strcmp(yousu__jstr(r, "half"), half) == 0) {
			snprintf(err, errlen,
			    "line %d: %s %s is given twice (line %d first)", no,
			    cell[0], cell[1], (int) yousu__jint(r, "line", 0));
			return YOUSU_INVAL;
		}
	if (cJSON_GetArraySize(rows) >= YOUSU_ROSTER_MAX_ROWS) {
		snprintf(err, errlen, "line %d: more than %d half-days", no,
		    YOUSU_ROSTER_MAX_ROWS);
		return YOUSU_INVAL;
	}
	r = cJSON_CreateObject();
	yousu__jset_str((cJSON *) r, "day", cell[0]);
	yousu__jset_str((cJSON *) r, "half", half);
	yousu__jset_str((cJSON *) r, "leader", cell[2]);
	yousu__jset_int((cJSON *) r, "line", no);
	cJSON_AddItemToArray(rows, (cJSON *) r);
	return YOUSU_OK;
}

yousu_err
yousu_roster_parse(const char *csv, cJSON **out, char *err, size_t errlen)
{
	char *text, *line, *next;
	cJSON *rows = cJSON_CreateArray();
	int no = 0;
	bool header = false;
	yousu_err rv = YOUSU_OK;

	if (csv == NULL || (text = strdup(csv)) == NULL) {
		cJSON_Delete(rows);
		return YOUSU_NOMEM;
	}
	line = text;
	if (strncmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	for (; line != NULL && rv == YOUSU_OK; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		no++;
		line = trim(line);
		if (line[0] == '\0')
			continue;
		if (!header) {
			header = true;
			if (strcmp(line, "日期,时段,带班领导") != 0) {
				snprintf(err, errlen,
				    "line %d: the header must be "
				    "日期,时段,带班领导",
				    no);
				rv = YOUSU_INVAL;
			}
			continue;
		}
		rv = parse_line(line, no, rows, err, errlen);
	}
	free(text);
	if (rv == YOUSU_OK && cJSON_GetArraySize(rows) == 0) {
		snprintf(err, errlen, "the roster names no half-day");
		rv = YOUSU_INVAL;
	}
	if (rv != YOUSU_OK) {
		cJSON_Delete(rows);
		return rv;
	}
	*out = rows;
	return YOUSU_OK;
}

yousu_err
yousu_roster_put(yousu_store *st, const cJSON *rows)
{
	sqlite3_stmt *s = NULL;
	const cJSON *r;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "INSERT OR REPLACE INTO duty_roster(day, half, leader) "
	        "VALUES (?1, ?2, ?3)",
	        -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	cJSON_ArrayForEach (r, rows) {
		sqlite3_reset(s);
		sqlite3_bind_text(
		    s, 1, yousu__jstr(r, "day"), -1, SQLITE_STATIC);
		sqlite3_bind_text(
		    s, 2, yousu__jstr(r, "half"), -1, SQLITE_STATIC);
		sqlite3_bind_text(
		    s, 3, yousu__jstr(r, "leader"), -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(s)) != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

yousu_err
yousu_roster_leader(
    yousu_store *st, yousu_date day, const char *half, char *buf, size_t len)
{
	sqlite3_stmt *s = NULL;
	char d[11];
	int rc;

	yousu_date_format(day, d);
	if (sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "SELECT leader FROM duty_roster WHERE day = ?1 AND half = ?2",
	        -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, d, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, half, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(buf, len, "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return rc == SQLITE_ROW    ? YOUSU_OK
	       : rc == SQLITE_DONE ? YOUSU_NOTFOUND
	                           : YOUSU_DB;
}

const char *
yousu_roster_half(int64_t t, int utc_offset_min)
{
	int64_t local = t + (int64_t) utc_offset_min * 60;
	int64_t sec = ((local % 86400) + 86400) % 86400;

	return sec < 12 * 3600 ? "am" : "pm";
}

yousu_err
yousu_roster_visit(yousu_store *st, int64_t t, int utc_offset_min,
    const char *leader, const char *note)
{
	sqlite3_stmt *s = NULL;
	char d[11];
	int rc;

	yousu_date_format(yousu_local_day(t, utc_offset_min), d);
	if (sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "INSERT INTO duty_visits(day, half, at, leader, note) "
	        "VALUES (?1, ?2, ?3, ?4, ?5)",
	        -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, d, -1, SQLITE_STATIC);
	sqlite3_bind_text(
	    s, 2, yousu_roster_half(t, utc_offset_min), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, t);
	sqlite3_bind_text(s, 4, leader, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, note, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

/* When the half-day ends (local noon, or 18:00 for the afternoon). */
static int64_t
half_ends(yousu_date day, const char *half, int utc_offset_min)
{
	return (int64_t) day * 86400 - (int64_t) utc_offset_min * 60 +
	       (strcmp(half, "am") == 0 ? 12 : 18) * 3600;
}

yousu_err
yousu_roster_board(yousu_store *st, yousu_date from, yousu_date to, int64_t now,
    int utc_offset_min, cJSON **out)
{
	sqlite3_stmt *s = NULL, *v = NULL;
	char f[11], t[11];
	cJSON *o = cJSON_CreateObject(), *halves = cJSON_CreateArray();
	int64_t n = 0, visited = 0, missed = 0, open = 0;
	int rc = SQLITE_ERROR;

	yousu_date_format(from, f);
	yousu_date_format(to, t);
	if (sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "SELECT day, half, leader FROM duty_roster WHERE day >= ?1 "
	        "AND day <= ?2 ORDER BY day, half",
	        -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "SELECT at, leader, note FROM duty_visits WHERE day = ?1 AND "
	        "half = ?2 ORDER BY at",
	        -1, &v, NULL) != SQLITE_OK)
		goto done;
	sqlite3_bind_text(s, 1, f, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, t, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *day = (const char *) sqlite3_column_text(s, 0);
		const char *half = (const char *) sqlite3_column_text(s, 1);
		cJSON *h = cJSON_CreateObject(), *vs = cJSON_CreateArray();
		yousu_date d = 0;
		bool over;

		yousu__jset_str(h, "day", day);
		yousu__jset_str(h, "half", half);
		yousu__jset_str(
		    h, "leader", (const char *) sqlite3_column_text(s, 2));
		sqlite3_reset(v);
		sqlite3_bind_text(v, 1, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(v, 2, half, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(v) == SQLITE_ROW) {
			cJSON *one = cJSON_CreateObject();

			yousu__jset_int(one, "at", sqlite3_column_int64(v, 0));
			yousu__jset_str(one, "leader",
			    (const char *) sqlite3_column_text(v, 1));
			yousu__jset_str(one, "note",
			    (const char *) sqlite3_column_text(v, 2));
			cJSON_AddItemToArray(vs, one);
		}
		(void) yousu_date_parse(day, &d);
		over = now >= half_ends(d, half, utc_offset_min);
		yousu__jset(h, "visits", vs);
		yousu__jset_bool(h, "over", over);
		yousu__jset_bool(
		    h, "missed", over && cJSON_GetArraySize(vs) == 0);
		n++;
		if (cJSON_GetArraySize(vs) > 0)
			visited++;
		else if (over)
			missed++;
		else
			open++;
		cJSON_AddItemToArray(halves, h);
	}
done:
	sqlite3_finalize(s);
	sqlite3_finalize(v);
	if (rc != SQLITE_DONE) {
		cJSON_Delete(o);
		cJSON_Delete(halves);
		return YOUSU_DB;
	}
	yousu__jset(o, "halves", halves);
	yousu__jset_int(o, "rostered", n);
	yousu__jset_int(o, "visited", visited);
	yousu__jset_int(o, "missed", missed);
	yousu__jset_int(o, "open", open);
	*out = o;
	return YOUSU_OK;
}
