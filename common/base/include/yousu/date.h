/* yousu — civil dates (days since 1970-01-01, proleptic Gregorian) and
 * local times at a fixed UTC offset. */
#ifndef YOUSU_DATE_H
#define YOUSU_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/err.h"

/* A civil date as days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t yousu_date;

/* yousu_date_from_ymd converts a year/month/day to a date. Returns
 * YOUSU_INVAL (and leaves *out alone) for an impossible date such as
 * 2026-02-30 or a year outside 1900..9999. */
yousu_err yousu_date_from_ymd(int y, int m, int d, yousu_date *out);

/* yousu_days_in_month returns the days of month m (1-12) of year y. */
int yousu_days_in_month(int y, int m);

/* yousu_digits reads the n decimal digits at s as a number; -1 if any of
 * them is not a digit (for fixed-width fields such as "2026-09-24"). */
int yousu_digits(const char *s, int n);

/* yousu_date_to_ymd splits a date into year, month (1-12), day (1-31). */
void yousu_date_to_ymd(yousu_date date, int *y, int *m, int *d);

/* yousu_date_weekday returns 1 for Monday ... 7 for Sunday. */
int yousu_date_weekday(yousu_date date);

/* yousu_date_parse reads exactly "YYYY-MM-DD". Returns YOUSU_INVAL for
 * anything else, including impossible dates. */
yousu_err yousu_date_parse(const char *s, yousu_date *out);

/* yousu_date_format writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void yousu_date_format(yousu_date date, char buf[static 11]);

/* yousu_local_day returns the civil date (days since 1970-01-01) of unix
 * time t at the given UTC offset in minutes. */
int32_t yousu_local_day(int64_t t, int utc_offset_min);

/* yousu_format_time writes t as "YYYY-MM-DD HH:MM" local time into buf
 * (at least 17 bytes); "" for t == 0. */
void yousu_format_time(int64_t t, int utc_offset_min, char *buf, size_t len);

/* yousu_parse_time reads "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" (also
 * with a space) as local time. YOUSU_INVAL for anything else. */
yousu_err yousu_parse_time(const char *s, int utc_offset_min, int64_t *out);

#endif
