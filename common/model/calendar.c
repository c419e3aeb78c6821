/* yousu — the working-day calendar: loading the INI file and counting.
 *
 * A loaded calendar keeps two bitmaps with one bit per day from the
 * first loaded year's 1 January to the last one's 31 December: `known`
 * (the day's year has a [YYYY] section) and `work` (a working day). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>
#include <sodium.h>

#include "yousu/calendar.h"

/* Debian's libinih reads lines into INI_MAX_LINE = 200 bytes and splits
 * longer ones silently, so a line (newline included) may have 199. */
#define LINE_MAX_BYTES 199
#define YEAR_BYTES     ((366 + 7) / 8)
#define MSG_MAX        160

struct yousu_calendar {
	int first_year;
	int last_year;
	yousu_date base; /* first_year-01-01 */
	int32_t ndays;   /* base .. last_year-12-31 */
	uint8_t *known;
	uint8_t *work;
	char version[32]; /* "2025-2026:1f0c9a3e" */
};

/* One [YYYY] section while loading; bit i is day i of the year. */
struct year_spec {
	int year;
	int line;                /* its [YYYY] header */
	uint8_t off[YEAR_BYTES]; /* listed under holidays */
	uint8_t on[YEAR_BYTES];  /* listed under workdays */
};

struct loader {
	const char *path;
	FILE *fp;
	int lineno;      /* last line handed to inih */
	int headers;     /* section header lines seen */
	int header_line; /* line of the latest one */
	char header[64]; /* its text, for "has no keys" */
	bool has_text;   /* a line other than a comment follows it */
	int cur_header;  /* header that years[cur] came from; 0: none */
	size_t cur;
	struct year_spec *years;
	size_t nyears;
	size_t cap;
	bool failed; /* msg holds the first error */
	bool nomem;
	int err_line; /* 0: the error is about the whole file */
	char msg[MSG_MAX];
};

/* The keys a [YYYY] section may hold. */
static const struct {
	const char *name;
	bool workday;
} keys[] = {
    {"holidays", false},
    {"workdays", true},
};

static int fail(struct loader *, int, const char *, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static bool
bit_get(const uint8_t *b, size_t i)
{
	return (b[i >> 3] >> (i & 7)) & 1;
}

static void
bit_set(uint8_t *b, size_t i)
{
	b[i >> 3] |= (uint8_t) (1u << (i & 7));
}

/* Records the first error only; returns 0 so handlers can return it. */
static int
fail(struct loader *l, int line, const char *fmt, ...)
{
	va_list ap;

	if (l->failed)
		return 0;
	l->failed = true;
	l->err_line = line;
	va_start(ap, fmt);
	vsnprintf(l->msg, sizeof(l->msg), fmt, ap);
	va_end(ap);
	return 0;
}

static void
set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Called at each section header and at the end of the file: a section
 * holding only blanks and comments is an error of its own. */
static void
check_empty_section(struct loader *l)
{
	if (l->headers > 0 && !l->has_text)
		fail(l, l->header_line, "section [%s] has no keys", l->header);
}

/* inih does not report where sections start, so the reader notes every
 * line inih would take as a header: '[' after optional blanks, then a
 * ']'. (An indented one after a key is a continuation line to inih and
 * then fails as a bad item or a repeated section; either way an error.) */
static void
note_header(struct loader *l, const char *line)
{
	const char *p = line;
	size_t n;

	if (l->lineno == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (isspace((unsigned char) *p))
		p++;
	if (*p == '\0' || *p == ';' || *p == '#')
		return;
	if (*p++ != '[') {
		l->has_text = true; /* a key, or a line inih rejects */
		return;
	}
	/* Like inih: the ']' must come before any " ;" inline comment. */
	for (n = 0; p[n] != '\0' && p[n] != ']'; n++)
		if (p[n] == ';' && n > 0 && isspace((unsigned char) p[n - 1]))
			return;
	if (p[n] != ']')
		return; /* inih calls it a syntax error */
	check_empty_section(l);
	l->headers++;
	l->has_text = false;
	l->header_line = l->lineno;
	if (n >= sizeof(l->header))
		n = sizeof(l->header) - 1;
	memcpy(l->header, p, n);
	l->header[n] = '\0';
}

/* An fgets-style ini_reader that counts lines, refuses long lines and
 * NUL bytes, and stops inih at the first error. */
static char *
read_line(char *buf, int size, void *stream)
{
	struct loader *l = stream;
	size_t max, n = 0;
	int ch = 0;

	if (l->failed || size < 2)
		return NULL;
	max = (size_t) size - 1 < LINE_MAX_BYTES ? (size_t) size - 1
	                                         : LINE_MAX_BYTES;
	while (n < max && (ch = getc(l->fp)) != EOF) {
		if (ch == '\0') {
			fail(l, l->lineno + 1, "NUL byte in line");
			return NULL;
		}
		buf[n++] = (char) ch;
		if (ch == '\n')
			break;
	}
	if (n == max && buf[n - 1] != '\n' && getc(l->fp) != EOF) {
		fail(l, l->lineno + 1, "line too long (max %zu bytes)", max);
		return NULL;
	}
	if (ferror(l->fp)) {
		fail(l, 0, "read error: %s", strerror(errno));
		return NULL;
	}
	if (n == 0) {
		check_empty_section(l);
		return NULL;
	}
	buf[n] = '\0';
	l->lineno++;
	note_header(l, buf);
	return l->failed ? NULL : buf;
}

/* A section name must be a four-digit year 1900..9999; -1 otherwise. */
static int
parse_year(const char *s)
{
	int y;

	if (strlen(s) != 4 || (y = yousu_digits(s, 4)) < 1900)
		return -1;
	return y;
}

static bool
grow_years(struct loader *l)
{
	struct year_spec *p;
	size_t cap;

	if (l->nyears < l->cap)
		return true;
	cap = l->cap == 0 ? 4 : l->cap * 2;
	p = realloc(l->years, cap * sizeof(*p));
	if (p == NULL) {
		l->nomem = true;
		return fail(l, 0, "out of memory");
	}
	l->years = p;
	l->cap = cap;
	return true;
}

/* Starts the year of the latest header: checks its name and that it is
 * not a repeat. */
static bool
begin_year(struct loader *l, const char *section)
{
	struct year_spec *y;
	int year;

	year = parse_year(section);
	if (year < 0)
		return fail(l, l->header_line,
		    "bad section [%s] (want a year 1900..9999)", section);
	for (size_t i = 0; i < l->nyears; i++)
		if (l->years[i].year == year)
			return fail(l, l->header_line,
			    "duplicate section [%d] (first at line %d)", year,
			    l->years[i].line);
	if (!grow_years(l))
		return false;
	y = &l->years[l->nyears];
	memset(y, 0, sizeof(*y));
	y->year = year;
	y->line = l->header_line;
	l->cur = l->nyears++;
	l->cur_header = l->headers;
	return true;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char) **s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char) (*s)[*n - 1]))
		(*n)--;
}

/* Reads "MM-DD" into a day of y's year (0-based). Returns 0, or 1 for
 * bad syntax, 2 for an impossible date. */
static int
parse_md(const struct year_spec *y, const char *s, size_t n, int *doy)
{
	yousu_date jan1, date;
	int m, d;

	if (n != 5 || s[2] != '-')
		return 1;
	m = yousu_digits(s, 2);
	d = yousu_digits(s + 3, 2);
	if (m < 0 || d < 0)
		return 1;
	if (yousu_date_from_ymd(y->year, m, d, &date) != YOUSU_OK)
		return 2;
	(void) yousu_date_from_ymd(y->year, 1, 1, &jan1);
	*doy = date - jan1;
	return 0;
}

/* Marks days a..b of y as holidays or workdays; a day may not be both. */
static int
mark_days(struct loader *l, struct year_spec *y, int a, int b, bool workday)
{
	uint8_t *set = workday ? y->on : y->off;
	const uint8_t *other = workday ? y->off : y->on;
	yousu_date jan1;
	char buf[11];

	for (int i = a; i <= b; i++) {
		if (bit_get(other, (size_t) i)) {
			(void) yousu_date_from_ymd(y->year, 1, 1, &jan1);
			yousu_date_format(jan1 + i, buf);
			return fail(l, l->lineno,
			    "%s is both a holiday and a workday", buf);
		}
		bit_set(set, (size_t) i);
	}
	return 1;
}

/* One list item: "MM-DD" or "MM-DD..MM-DD", blanks around either part. */
static int
parse_item(struct loader *l, struct year_spec *y, const char *s, size_t n,
    bool workday)
{
	const char *part[2];
	size_t len[2], i;
	int doy[2], rc = 0;

	trim(&s, &n);
	if (n == 0)
		return fail(l, l->lineno, "empty item in list");
	for (i = 0; i + 1 < n && !(s[i] == '.' && s[i + 1] == '.'); i++)
		;
	/* Without "..", both ends are the whole item: a one-day range. */
	part[0] = s;
	len[0] = i + 1 < n ? i : n;
	part[1] = i + 1 < n ? s + i + 2 : s;
	len[1] = i + 1 < n ? n - i - 2 : n;
	for (int k = 0; k < 2 && rc == 0; k++) {
		trim(&part[k], &len[k]);
		rc = parse_md(y, part[k], len[k], &doy[k]);
		if (rc == 2)
			return fail(l, l->lineno,
			    "impossible date '%.*s' in [%d]", (int) len[k],
			    part[k], y->year);
	}
	if (rc != 0)
		return fail(l, l->lineno,
		    "bad item '%.*s' (want MM-DD or MM-DD..MM-DD)", (int) n, s);
	if (doy[0] > doy[1])
		return fail(l, l->lineno, "reversed range '%.*s'", (int) n, s);
	return mark_days(l, y, doy[0], doy[1], workday);
}

/* A comma-separated list of items; an empty value lists nothing. */
static int
parse_list(
    struct loader *l, struct year_spec *y, const char *value, bool workday)
{
	const char *p = value, *comma;
	size_t n;

	if (*value == '\0')
		return 1;
	for (;;) {
		comma = strchr(p, ',');
		n = comma != NULL ? (size_t) (comma - p) : strlen(p);
		if (!parse_item(l, y, p, n, workday))
			return 0;
		if (comma == NULL)
			return 1;
		p = comma + 1;
	}
}

/* The inih handler: one key = value line. */
static int
on_pair(void *user, const char *section, const char *name, const char *value)
{
	struct loader *l = user;

	if (l->failed)
		return 0;
	if (l->headers == 0)
		return fail(
		    l, l->lineno, "key '%s' before any [YYYY] section", name);
	if (l->cur_header != l->headers && !begin_year(l, section))
		return 0;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(name, keys[i].name) == 0)
			return parse_list(
			    l, &l->years[l->cur], value, keys[i].workday);
	return fail(l, l->lineno, "unknown key '%s' in [%d]", name,
	    l->years[l->cur].year);
}

/* Folds inih's own result into the loader: a line inih could not read
 * (no '=' or no ']') reports no message, only its number. */
static void
check_parse(struct loader *l, int rc)
{
	if (rc < 0) {
		l->nomem = rc == -2;
		fail(l, 0, "cannot parse (inih error %d)", rc);
	} else if (rc > 0 && (!l->failed || rc < l->err_line)) {
		l->failed = false;
		fail(l, rc,
		    "syntax error (want [YYYY], key = value or # comment)");
	} else if (!l->failed && l->nyears == 0) {
		fail(l, 0, "no [YYYY] sections");
	}
}

static void
fill_year(yousu_calendar *cal, const struct year_spec *y)
{
	yousu_date jan1, dec31;
	size_t idx;
	bool work;

	(void) yousu_date_from_ymd(y->year, 1, 1, &jan1);
	(void) yousu_date_from_ymd(y->year, 12, 31, &dec31);
	for (int i = 0; i <= dec31 - jan1; i++) {
		idx = (size_t) (jan1 + i - cal->base);
		work = bit_get(y->on, (size_t) i) ||
		       (yousu_date_weekday(jan1 + i) <= 5 &&
		           !bit_get(y->off, (size_t) i));
		bit_set(cal->known, idx);
		if (work)
			bit_set(cal->work, idx);
	}
}

/* The version: the years covered and a hash of which of their days are
 * working days, year by year (the year, then one bit a day). */
static void
set_version(yousu_calendar *cal)
{
	crypto_generichash_state h;
	uint8_t hash[crypto_generichash_BYTES_MIN], bits[YEAR_BYTES], year[2];
	yousu_date jan1, dec31;
	char hex[9];

	if (sodium_init() < 0) /* idempotent; picks the fastest BLAKE2b */
		yousu_panic("calendar: libsodium cannot start");
	crypto_generichash_init(&h, NULL, 0, sizeof hash);
	for (int y = cal->first_year; y <= cal->last_year; y++) {
		(void) yousu_date_from_ymd(y, 1, 1, &jan1);
		(void) yousu_date_from_ymd(y, 12, 31, &dec31);
		if (!bit_get(cal->known, (size_t) (jan1 - cal->base)))
			continue;
		memset(bits, 0, sizeof bits);
		for (int i = 0; i <= dec31 - jan1; i++)
			if (bit_get(cal->work, (size_t) (jan1 + i - cal->base)))
				bit_set(bits, (size_t) i);
		year[0] = (uint8_t) (y >> 8);
		year[1] = (uint8_t) y;
		crypto_generichash_update(&h, year, sizeof year);
		crypto_generichash_update(&h, bits, sizeof bits);
	}
	crypto_generichash_final(&h, hash, sizeof hash);
	/* the first four bytes are short enough to read and to compare */
	sodium_bin2hex(hex, sizeof hex, hash, 4);
	snprintf(cal->version, sizeof cal->version, "%d-%d:%s", cal->first_year,
	    cal->last_year, hex);
}

static yousu_calendar *
build(struct loader *l)
{
	yousu_calendar *cal;
	yousu_date end;
	size_t nbytes;

	cal = calloc(1, sizeof(*cal));
	if (cal == NULL)
		goto fail;
	cal->first_year = 9999;
	cal->last_year = 1900;
	for (size_t i = 0; i < l->nyears; i++) {
		if (l->years[i].year < cal->first_year)
			cal->first_year = l->years[i].year;
		if (l->years[i].year > cal->last_year)
			cal->last_year = l->years[i].year;
	}
	(void) yousu_date_from_ymd(cal->first_year, 1, 1, &cal->base);
	(void) yousu_date_from_ymd(cal->last_year, 12, 31, &end);
	cal->ndays = end - cal->base + 1;
	nbytes = ((size_t) cal->ndays + 7) / 8;
	cal->known = calloc(nbytes, 1);
	cal->work = calloc(nbytes, 1);
	if (cal->known == NULL || cal->work == NULL)
		goto fail;
	for (size_t i = 0; i < l->nyears; i++)
		fill_year(cal, &l->years[i]);
	set_version(cal);
	return cal;
fail:
	yousu_calendar_free(cal);
	l->nomem = true;
	fail(l, 0, "out of memory");
	return NULL;
}

/* yousu_calendar_load reads the calendar INI file at path. On success
 * *out is a new calendar the caller frees with yousu_calendar_free. On
 * failure *out is untouched, "path:line: message" (or "path: message"
 * for a whole-file problem) goes to err when err is not NULL, and the
 * result is YOUSU_CONFIG, or YOUSU_NOMEM when memory ran out. */
yousu_err
yousu_calendar_load(
    const char *path, yousu_calendar **out, char *err, size_t errlen)
{
	struct loader l;
	yousu_calendar *cal = NULL;
	int rc;

	memset(&l, 0, sizeof(l));
	l.path = path;
	l.fp = fopen(path, "r");
	if (l.fp == NULL) {
		set_err(
		    err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return YOUSU_CONFIG;
	}
	rc = ini_parse_stream(read_line, &l, on_pair, &l);
	fclose(l.fp);
	check_parse(&l, rc);
	if (!l.failed)
		cal = build(&l);
	free(l.years);
	if (l.failed) {
		if (l.err_line > 0)
			set_err(
			    err, errlen, "%s:%d: %s", path, l.err_line, l.msg);
		else
			set_err(err, errlen, "%s: %s", path, l.msg);
		return l.nomem ? YOUSU_NOMEM : YOUSU_CONFIG;
	}
	*out = cal;
	return YOUSU_OK;
}

/* yousu_calendar_free releases cal and everything it owns; NULL is
 * allowed. */
void
yousu_calendar_free(yousu_calendar *cal)
{
	if (cal == NULL)
		return;
	free(cal->known);
	free(cal->work);
	free(cal);
}

/* 1 for a working day, 0 for a day off. A day whose year is not loaded
 * is counted Monday to Friday, 1 January excepted, and sets *prov. */
static int
day_state(const yousu_calendar *cal, int64_t date, bool *prov)
{
	int64_t i = date - cal->base;
	int y, m, d;

	if (i >= 0 && i < cal->ndays && bit_get(cal->known, (size_t) i))
		return bit_get(cal->work, (size_t) i);
	*prov = true;
	if (yousu_date_weekday((yousu_date) date) > 5)
		return 0;
	yousu_date_to_ymd((yousu_date) date, &y, &m, &d);
	return !(m == 1 && d == 1);
}

/* yousu_calendar_covers tells whether date's year has a section. */
bool
yousu_calendar_covers(const yousu_calendar *cal, yousu_date date)
{
	bool prov = false;

	(void) day_state(cal, date, &prov);
	return !prov;
}

/* yousu_calendar_first_year returns the earliest loaded year. */
int
yousu_calendar_first_year(const yousu_calendar *cal)
{
	return cal->first_year;
}

/* yousu_calendar_last_year returns the latest loaded year; years between
 * the first and the last may be missing (see yousu_calendar_covers). */
int
yousu_calendar_last_year(const yousu_calendar *cal)
{
	return cal->last_year;
}

/* yousu_calendar_version returns "FIRST-LAST:hash" (owned by cal). */
const char *
yousu_calendar_version(const yousu_calendar *cal)
{
	return cal->version;
}

/* yousu_calendar_end returns 31 December of the last loaded year. */
yousu_date
yousu_calendar_end(const yousu_calendar *cal)
{
	return cal->base + cal->ndays - 1;
}

static void
set_prov(bool *out, bool prov)
{
	if (out != NULL)
		*out = prov;
}

/* yousu_calendar_is_workday sets *out for date; a day of a year not
 * loaded is counted Monday to Friday and *provisional says so. */
yousu_err
yousu_calendar_is_workday(
    const yousu_calendar *cal, yousu_date date, bool *out, bool *provisional)
{
	bool prov = false;

	*out = day_state(cal, date, &prov) == 1;
	set_prov(provisional, prov);
	return YOUSU_OK;
}

/* At most this many working days are counted at once, and two dates
 * counted between are at most this many days apart (100 years): nothing
 * real comes near, and a walk stays short. */
#define MAX_COUNT 100000
#define MAX_SPAN  36525

/* yousu_calendar_add_working_days returns in *out the date of working
 * day n after start; start itself is never counted, and n == 0 returns
 * start. YOUSU_INVAL if n is outside 0..100000. */
yousu_err
yousu_calendar_add_working_days(const yousu_calendar *cal, yousu_date start,
    int n, yousu_date *out, bool *provisional)
{
	int64_t d = start;
	bool prov = false;

	if (n < 0 || n > MAX_COUNT)
		return YOUSU_INVAL;
	while (n > 0)
		n -= day_state(cal, ++d, &prov);
	*out = (yousu_date) d;
	set_prov(provisional, prov);
	return YOUSU_OK;
}

/* yousu_calendar_working_days_between counts working days in (from, to],
 * or minus those in (to, from] when to < from; from itself (or to, when
 * reversed) is not counted. */
yousu_err
yousu_calendar_working_days_between(const yousu_calendar *cal, yousu_date from,
    yousu_date to, int *out, bool *provisional)
{
	int64_t a = from < to ? from : to, b = from < to ? to : from;
	bool prov = false;
	int n = 0;

	if (b - a > MAX_SPAN)
		return YOUSU_INVAL;
	for (int64_t d = a + 1; d <= b; d++)
		n += day_state(cal, d, &prov);
	*out = to >= from ? n : -n;
	set_prov(provisional, prov);
	return YOUSU_OK;
}

/* yousu_calendar_due_after: working day `days` after from; 0 days on a
 * day off is the next working day. */
yousu_err
yousu_calendar_due_after(const yousu_calendar *cal, yousu_date from, int days,
    yousu_date *out, bool *provisional)
{
	bool p0 = false, p1 = false;
	yousu_err rv;

	/* "immediately" (0 days) on a day off: the next working day */
	if (days == 0 && day_state(cal, from, &p0) == 0)
		days = 1;
	rv = yousu_calendar_add_working_days(cal, from, days, out, &p1);
	if (rv == YOUSU_OK)
		set_prov(provisional, p0 || p1);
	return rv;
}

/* yousu_calendar_rule: why a figure past the loaded years is provisional. */
void
yousu_calendar_rule(const yousu_calendar *cal, char *buf, size_t len)
{
	snprintf(buf, len,
	    "%d年起的放假安排未载入日历，暂按周一至周五（1月1日除外）计算",
	    cal->last_year + 1);
}

/* yousu_calendar_warning: whether the calendar runs out within
 * YOUSU_CALENDAR_WARN_DAYS of today, or has; the warning in buf. */
yousu_calendar_state
yousu_calendar_warning(
    const yousu_calendar *cal, yousu_date today, char *buf, size_t len)
{
	yousu_date end = yousu_calendar_end(cal);
	int next = cal->last_year + 1;

	if (today > end) {
		snprintf(buf, len,
		    "工作日日历只到%d年（%d-12-31），今天已超出：此后的期限、"
		    "超期和统计均按周一至周五（1月1日除外）暂定计算，标“暂定”；"
		    "请尽快把国务院公布的%d年放假安排加入日历文件，再"
		    "“yousuctl calendar reload”",
		    cal->last_year, cal->last_year, next);
		return YOUSU_CALENDAR_EXCEEDED;
	}
	if (end - today <= YOUSU_CALENDAR_WARN_DAYS) {
		snprintf(buf, len,
		    "工作日日历只到%d-12-31（还有%d天）：国务院公布%d年放假"
		    "安排后请加入日历文件；在此之前，落在%d年的期限按周一至周五"
		    "（1月1日除外）暂定计算，标“暂定”",
		    cal->last_year, (int) (end - today), next, next);
		return YOUSU_CALENDAR_ENDING;
	}
	if (len > 0)
		buf[0] = '\0';
	return YOUSU_CALENDAR_OK;
}
