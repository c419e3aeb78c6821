/* yousu — the working-day calendar (dates: yousu/date.h). */
#ifndef YOUSU_CALENDAR_H
#define YOUSU_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/date.h"
#include "yousu/err.h"

typedef struct yousu_calendar yousu_calendar;

/* yousu_calendar_load reads a calendar INI file (format in README:
 * one [YYYY] section per covered year with `holidays` and `workdays`
 * keys listing MM-DD or MM-DD..MM-DD items, comma separated; the key may
 * repeat to continue a long list). On success *out is a new calendar
 * owned by the caller (free with yousu_calendar_free). On failure returns
 * YOUSU_CONFIG and writes "file:line: message" into err (errlen bytes). */
yousu_err yousu_calendar_load(
    const char *path, yousu_calendar **out, char *err, size_t errlen);

/* yousu_calendar_free releases cal; NULL is allowed. */
void yousu_calendar_free(yousu_calendar *cal);

/* yousu_calendar_covers tells whether date's year is loaded. */
bool yousu_calendar_covers(const yousu_calendar *cal, yousu_date date);

/* yousu_calendar_first_year / last_year: the loaded range of years. */
int yousu_calendar_first_year(const yousu_calendar *cal);
int yousu_calendar_last_year(const yousu_calendar *cal);

/* yousu_calendar_version returns the calendar's version: the years it
 * covers and a short hash of which of their days are working days, e.g.
 * "2025-2026:1f0c9a3e". Comments and the order of lines do not change
 * it; a moved holiday or a new year does. Owned by cal. */
const char *yousu_calendar_version(const yousu_calendar *cal);

/* yousu_calendar_end returns the last day of the last loaded year. */
yousu_date yousu_calendar_end(const yousu_calendar *cal);

/* Counting. Within the loaded years a day works as its [YYYY] section
 * says. A day of a year that is not loaded (the State Council has not
 * published it yet, or the file lacks it) is counted as Monday to Friday,
 * 1 January excepted, and the result is provisional (暂定): *provisional
 * (when not NULL) is set to whether any day the answer depends on was
 * counted so. Nothing is refused for lack of data. */

/* yousu_calendar_is_workday sets *out for date. */
yousu_err yousu_calendar_is_workday(
    const yousu_calendar *cal, yousu_date date, bool *out, bool *provisional);

/* yousu_calendar_add_working_days: the day `start` is not counted; day 1
 * is the next working day; *out becomes the date of working day n (n ==
 * 0 returns start itself). YOUSU_INVAL if n < 0 or n > 100000. */
yousu_err yousu_calendar_add_working_days(const yousu_calendar *cal,
    yousu_date start, int n, yousu_date *out, bool *provisional);

/* yousu_calendar_working_days_between counts working days in (from, to]
 * when to >= from, and minus the count in (to, from] when to < from.
 * YOUSU_INVAL when the two are more than 100 years apart. */
yousu_err yousu_calendar_working_days_between(const yousu_calendar *cal,
    yousu_date from, yousu_date to, int *out, bool *provisional);

/* yousu_calendar_due_after: the deadline of a limit of `days` working
 * days counted from `from` (期间开始的当日不计入): working day `days`
 * after it; a limit of 0 (immediately) on a day off is due the next
 * working day. */
yousu_err yousu_calendar_due_after(const yousu_calendar *cal, yousu_date from,
    int days, yousu_date *out, bool *provisional);

/* yousu_calendar_rule writes into buf (len bytes) why figures past the
 * loaded years are provisional, in Chinese: "2027年起的放假安排未载入，暂按
 * 周一至周五（1月1日除外）计算". */
void yousu_calendar_rule(const yousu_calendar *cal, char *buf, size_t len);

/* How soon the calendar runs out, as of day today. */
typedef enum {
	YOUSU_CALENDAR_OK,       /* more than 60 days of data left */
	YOUSU_CALENDAR_ENDING,   /* it ends within 60 days */
	YOUSU_CALENDAR_EXCEEDED, /* today is past its last year */
} yousu_calendar_state;

/* The days of warning before a calendar runs out. */
#define YOUSU_CALENDAR_WARN_DAYS 60

/* yousu_calendar_warning returns the state as of today and, unless it is
 * OK, writes a warning in Chinese into buf (len bytes) saying what runs
 * out when and what to do; buf is "" when OK. */
yousu_calendar_state yousu_calendar_warning(
    const yousu_calendar *cal, yousu_date today, char *buf, size_t len);

#endif
