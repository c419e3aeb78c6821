/* yousu — civil dates as days since 1970-01-01, proleptic Gregorian. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "yousu/date.h"

#define YEAR_MIN 1900
#define YEAR_MAX 9999

/* 0000-03-01 is day 0 of the 400-year cycle these formulas work in;
 * 1970-01-01 lies this many days after it. */
#define EPOCH_SHIFT  719468
#define DAYS_PER_ERA 146097 /* days in 400 Gregorian years */

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
yousu_days_in_month(int y, int m)
{
	static const int days[12] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

/* Days since 1970-01-01 for a valid y/m/d with y >= 0. The year is
 * counted from March so that the leap day falls last. */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

/* yousu_date_from_ymd converts a year/month/day to a date; YOUSU_INVAL
 * for an impossible date or a year outside 1900..9999. */
yousu_err
yousu_date_from_ymd(int y, int m, int d, yousu_date *out)
{
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 ||
	    d > yousu_days_in_month(y, m))
		return YOUSU_INVAL;
	*out = (yousu_date) days_from_civil(y, m, d);
	return YOUSU_OK;
}

/* yousu_date_to_ymd splits any date into year, month and day; total
 * over the whole int32 range (years there run far outside 1900..9999). */
void
yousu_date_to_ymd(yousu_date date, int *y, int *m, int *d)
{
	int64_t z, era, doe, yoe, doy, mp;

	z = (int64_t) date + EPOCH_SHIFT;
	era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
	doe = z - era * DAYS_PER_ERA;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = (int) (yoe + era * 400 + (*m <= 2));
}

/* yousu_date_weekday returns 1 (Monday) to 7 (Sunday); 1970-01-01 was a
 * Thursday. */
int
yousu_date_weekday(yousu_date date)
{
	int64_t r;

	r = ((int64_t) date + 3) % 7;
	if (r < 0)
		r += 7;
	return (int) r + 1;
}

int
yousu_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* yousu_date_parse reads exactly "YYYY-MM-DD" (no sign, no spaces, no
 * trailing bytes); YOUSU_INVAL for anything else or an impossible date. */
yousu_err
yousu_date_parse(const char *s, yousu_date *out)
{
	int y, m, d;

	if (s == NULL)
		return YOUSU_INVAL;
	for (int i = 0; i < 10; i++)
		if (s[i] == '\0')
			return YOUSU_INVAL;
	if (s[4] != '-' || s[7] != '-' || s[10] != '\0')
		return YOUSU_INVAL;
	y = yousu_digits(s, 4);
	m = yousu_digits(s + 5, 2);
	d = yousu_digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return YOUSU_INVAL;
	return yousu_date_from_ymd(y, m, d, out);
}

static void
put_digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char) ('0' + v % 10);
		v /= 10;
	}
}

/* yousu_date_format writes "YYYY-MM-DD" and a NUL into buf. A date whose
 * year lies outside 0..9999 cannot be written in that form and comes out
 * as "????-??-??". */
void
yousu_date_format(yousu_date date, char buf[static 11])
{
	int y, m, d;

	yousu_date_to_ymd(date, &y, &m, &d);
	if (y < 0 || y > YEAR_MAX) {
		memcpy(buf, "\?\?\?\?-\?\?-\?\?", 11);
		return;
	}
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = '\0';
}

int32_t
yousu_local_day(int64_t t, int utc_offset_min)
{
	int64_t s = t + (int64_t) utc_offset_min * 60;

	return (int32_t) (s >= 0 ? s / 86400 : -((-s + 86399) / 86400));
}

void
yousu_format_time(int64_t t, int utc_offset_min, char *buf, size_t len)
{
	int64_t s = t + (int64_t) utc_offset_min * 60;
	int32_t day = yousu_local_day(t, utc_offset_min);
	int64_t sec = s - (int64_t) day * 86400;
	int y, m, d;

	if (t == 0) {
		snprintf(buf, len, "%s", "");
		return;
	}
	yousu_date_to_ymd(day, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d", y, m, d,
	    (int) (sec / 3600), (int) (sec / 60 % 60));
}

yousu_err
yousu_parse_time(const char *s, int utc_offset_min, int64_t *out)
{
	char date[11];
	int hh = 0, mm = 0, ss = 0, n = 0;
	yousu_date day;

	if (s == NULL || strlen(s) < 10)
		return YOUSU_INVAL;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (yousu_date_parse(date, &day) != YOUSU_OK)
		return YOUSU_INVAL;
	if (s[10] != '\0') {
		if ((s[10] != 'T' && s[10] != ' ') ||
		    (sscanf(s + 11, "%2d:%2d%n", &hh, &mm, &n) != 2))
			return YOUSU_INVAL;
		if (s[11 + n] == ':' && sscanf(s + 12 + n, "%2d", &ss) == 1)
			n += 3;
		if (s[11 + n] != '\0' || hh > 23 || mm > 59 || ss > 59 ||
		    hh < 0 || mm < 0 || ss < 0)
			return YOUSU_INVAL;
	}
	*out = (int64_t) day * 86400 + hh * 3600 + mm * 60 + ss -
	       (int64_t) utc_offset_min * 60;
	return YOUSU_OK;
}
