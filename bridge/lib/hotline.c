/* The 12345 dispatch form (交办单, 001 附件1) as JSON: validation field by
 * field from one table, one message per bad field, routing by area and
 * the workflow's intake arguments. The schema is in yousu/hotline.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hotline_impl.h"
#include "yousu/calendar.h"
#include "yousu/json.h"
#include "yousu/personal.h"
#include "yousu/utf8.h"

#define MAX_MSGS   16   /* messages reported; the rest are counted */
#define LINE_BYTES 200  /* a single-line text (the intake's limit) */
#define TEXT_BYTES 4000 /* a free text (the intake's content limit) */
#define UNITS_MAX  16   /* co-handling units */

typedef enum {
	T_SCHEMA,   /* the schema's name */
	T_ITEM_NO,  /* 事项编号 */
	T_SOURCE,   /* 工单来源 */
	T_INT,      /* a whole number in [min, max] */
	T_PHONE,    /* a telephone number */
	T_TIME,     /* YYYY-MM-DD HH:MM[:SS] */
	T_LINE,     /* text on one line, at most max bytes */
	T_TEXT,     /* text with lines, at most max bytes */
	T_BOOL,     /* true or false */
	T_AREA,     /* the area, resolved in the area table */
	T_LIST,     /* a list of single-line texts */
	T_OUTBOUND, /* filled on the way back: refused unless blank */
} ftype;

enum {
	REQ = 1,    /* required */
	NAMED = 2,  /* required unless anonymous */
	SECRET = 4, /* refused when anonymous (来电人信息保密) */
};

typedef struct {
	const char *key, *label;
	ftype type;
	unsigned flags;
	int min, max;     /* T_INT bounds; T_LINE/T_TEXT/T_LIST bytes max */
	const char *unit; /* T_INT: what it counts */
} ffield;

static const ffield fields[] = {
    {"schema", "格式版本", T_SCHEMA, 0},
    {"item_no", "事项编号", T_ITEM_NO, REQ},
    {"source", "工单来源", T_SOURCE, REQ},
    {"time_limit_days", "办理时限", T_INT, REQ, 1, 60, "working days"},
    {"phone", "联系电话", T_PHONE, NAMED | SECRET},
    {"signed_at", "签收时间", T_TIME, REQ},
    {"accepted_at", "受理时间", T_TIME, REQ},
    {"caller", "来电人", T_LINE, NAMED | SECRET, 0, LINE_BYTES},
    {"anonymous", "是否匿名", T_BOOL, 0},
    {"area", "事项区域", T_AREA, REQ},
    {"summary", "内容摘要", T_TEXT, REQ, 0, TEXT_BYTES},
    {"lead_unit", "主办单位", T_LINE, REQ, 0, LINE_BYTES},
    {"co_units", "协办单位", T_LIST, 0, 0, LINE_BYTES},
    {"contact_within_hours", "N小时内与来电人取得联系", T_INT, NAMED, 1, 168,
        "hours"},
    {"feedback_within_days", "N个工作日内反馈来电人", T_INT, REQ, 1, 60,
        "working days"},
    {"dispatch_opinion", "调度意见", T_TEXT, 0, 0, TEXT_BYTES},
    {"handling_opinion", "承办意见", T_TEXT, 0, 0, TEXT_BYTES},
    {"leader_instruction", "领导批示", T_TEXT, 0, 0, TEXT_BYTES},
    {"dispatch_phone", "交办单位联系电话", T_PHONE, 0},
    {"reviewer", "审核员", T_LINE, 0, 0, LINE_BYTES},
    {"dispatcher", "调度员", T_LINE, 0, 0, LINE_BYTES},
    {"result", "处理结果", T_OUTBOUND, 0},
};

#define NFIELDS (sizeof fields / sizeof fields[0])

/* 工单来源: what the hotline writes, and the intake's source code. */
static const struct {
	const char *text, *code;
} sources[] = {
    {"12345热线", "hotline"},
    {"12345", "hotline"},
    {"热线", "hotline"},
    {"电话", "hotline"},
    {"来电", "hotline"},
    {"hotline", "hotline"},
    {"网上", "online"},
    {"网站", "online"},
    {"网络", "online"},
    {"微信", "online"},
    {"手机APP", "online"},
    {"online", "online"},
};

struct yousu_hotline_form {
	cJSON *doc;    /* the checked fields, normalised */
	cJSON *intake; /* the workflow's intake arguments */
	char item_no[65];
	char county[17], township[17];
	char county_name[64], township_name[64];
	bool has_township;
};

/* The state of one parse. The form's own fields are checked one by one
 * into vals; messages go to err, one line each. */
typedef struct {
	const yousu_hotline_areas *areas;
	cJSON *vals[NFIELDS]; /* the checked values, owned */
	bool seen[NFIELDS];   /* the key was given */
	bool bad[NFIELDS];    /* and refused (said already) */
	yousu_hotline_route route;
	int64_t secs[NFIELDS]; /* T_TIME: seconds of the local time */
	char *err;
	size_t errlen, used;
	int nmsg, dropped;
} pctx;

/* --- messages ------------------------------------------------------- */

static void
vsay(pctx *c, const ffield *f, const char *fmt, va_list ap)
{
	int n;

	if (c->nmsg == MAX_MSGS) {
		c->dropped++;
		return;
	}
	c->nmsg++;
	if (c->errlen == 0 || c->used + 1 >= c->errlen)
		return;
	if (c->used > 0)
		c->err[c->used++] = '\n';
	c->err[c->used] = '\0';
	if (f != NULL) {
		n = snprintf(c->err + c->used, c->errlen - c->used,
		    "%s (%s): ", f->key, f->label);
		c->used += n > 0 ? (size_t) n : 0;
		if (c->used >= c->errlen) {
			c->used = c->errlen - 1;
			return;
		}
	}
	n = vsnprintf(c->err + c->used, c->errlen - c->used, fmt, ap);
	c->used += n > 0 ? (size_t) n : 0;
	if (c->used >= c->errlen)
		c->used = c->errlen - 1;
}

static bool say(pctx *c, const ffield *f, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reports a problem of field f (NULL: of the whole form); returns
 * false, for the handlers' convenience. */
static bool
say(pctx *c, const ffield *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(c, f, fmt, ap);
	va_end(ap);
	if (f != NULL)
		c->bad[f - fields] = true;
	return false;
}

static void
say_dropped(pctx *c)
{
	if (c->dropped == 0)
		return;
	c->nmsg--; /* room for one more line */
	say(c, NULL, "(and %d more problems)", c->dropped);
}

/* --- the raw text --------------------------------------------------- */

/* Line and column (in characters, from 1) of byte pos of t. */
static void
where(const char *t, size_t pos, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < pos;) {
		size_t k = yousu_utf8_len(t + i, pos - i);

		if (t[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
		i += k ? k : 1;
	}
}

static bool say_at(pctx *c, const char *t, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool
say_at(pctx *c, const char *t, size_t pos, const char *fmt, ...)
{
	char what[256];
	int line, col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	where(t, pos, &line, &col);
	return say(c, NULL, "%s at line %d, column %d", what, line, col);
}

/* What JSON parsers let by: a NUL, bytes that are not UTF-8 (a GBK file),
 * raw control characters and \u0000 in strings. */
static bool
scan_text(pctx *c, const char *t, size_t n)
{
	const unsigned char *u = (const unsigned char *) t;
	bool in_str = false, esc = false;

	for (size_t i = 0, k; i < n; i += k) {
		if (u[i] == 0)
			return say_at(c, t, i,
			    "the form holds a NUL byte (not a text file)");
		if ((k = yousu_utf8_len((const char *) u + i, n - i)) == 0)
			return say_at(c, t, i,
			    "the form is not UTF-8 text (byte 0x%02X; a GBK "
			    "file? save it as UTF-8)",
			    u[i]);
		if (!in_str) {
			in_str = u[i] == '"';
		} else if (esc) {
			esc = false;
			if (u[i] == 'u' && n - i > 4 &&
			    memcmp(t + i + 1, "0000", 4) == 0)
				return say_at(c, t, i - 1,
				    "\\u0000 (a NUL character) in a string");
		} else if (u[i] == '\\') {
			esc = true;
		} else if (u[i] == '"') {
			in_str = false;
		} else if (u[i] < 0x20) {
			return say_at(c, t, i,
			    "a raw control character (0x%02X) in a string "
			    "(write it as an escape such as \\n)",
			    u[i]);
		}
	}
	return true;
}

/* Whether t[0..n) holds nothing but blanks and line breaks (and a
 * byte-order mark first). */
static bool
blank(const char *t, size_t n)
{
	size_t i = n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	return yousu_text_blank_n(t + i, n - i);
}

/* Up to 24 bytes of t from pos, on one line, cut at a character. */
static void
near(const char *t, size_t n, size_t pos, char out[32])
{
	size_t i = pos, k;

	while (i < n && t[i] != '\n' && t[i] != '\r' &&
	       (k = yousu_utf8_len(t + i, n - i)) > 0 && i + k - pos <= 24)
		i += k;
	memcpy(out, t + pos, i - pos);
	out[i - pos] = '\0';
}

static cJSON *
parse_json(pctx *c, const char *t, size_t n)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(t, n, &end, false);
	char ctx[32];
	size_t pos = end ? (size_t) (end - t) : 0;

	if (pos > n)
		pos = n;
	if (root == NULL) {
		near(t, n, pos, ctx);
		if (pos + 1 >= n && t[n - 1] != '}')
			say_at(c, t, n,
			    "bad JSON: the text ends before the form is "
			    "complete (a missing } or \")");
		else
			say_at(c, t, pos, "bad JSON near '%s'", ctx);
		return NULL;
	}
	if (!blank(end, n - pos)) {
		near(t, n, pos, ctx);
		say_at(c, t, pos, "bad JSON: more text after the form ('%s')",
		    ctx);
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* --- field checks --------------------------------------------------- */

static const char *const type_names[] = {
    [T_SCHEMA] = "text",
    [T_ITEM_NO] = "text",
    [T_SOURCE] = "text",
    [T_INT] = "a number",
    [T_PHONE] = "text",
    [T_TIME] = "text",
    [T_LINE] = "text",
    [T_TEXT] = "text",
    [T_BOOL] = "true or false",
    [T_AREA] = "an object or text",
    [T_LIST] = "a list of texts",
    [T_OUTBOUND] = "text",
};

static const char *
json_kind(const cJSON *v)
{
	return cJSON_IsString(v)   ? "text"
	       : cJSON_IsNumber(v) ? "a number"
	       : cJSON_IsBool(v)   ? "true/false"
	       : cJSON_IsArray(v)  ? "a list"
	       : cJSON_IsObject(v) ? "an object"
	                           : "null";
}

static bool
wrong_type(pctx *c, const ffield *f, const cJSON *v)
{
	return say(
	    c, f, "must be %s, not %s", type_names[f->type], json_kind(v));
}

/* A text value trimmed: its start and length in *n; NULL when v is not
 * a string (said). */
static const char *
text_of(pctx *c, const ffield *f, const cJSON *v, size_t *n, bool lines)
{
	if (!cJSON_IsString(v)) {
		wrong_type(c, f, v);
		return NULL;
	}
	*n = strlen(v->valuestring);
	return yousu__hl_trim(v->valuestring, n, lines);
}

/* Checks a trimmed text of at most max bytes; false (said) if bad. */
static bool
text_ok(pctx *c, const ffield *f, const char *s, size_t n, int max, bool lines)
{
	if (n > (size_t) max)
		return say(c, f, "too long: %zu bytes, at most %d", n, max);
	if (yousu_text_chars_n(s, n, lines) < 0)
		return say(c, f,
		    lines ? "holds a control character"
		          : "holds a control character or a line break "
		            "(one line of text)");
	return true;
}

static void
store(pctx *c, const ffield *f, cJSON *v)
{
	if (v == NULL)
		yousu_panic("hotline: out of memory");
	cJSON_Delete(c->vals[f - fields]);
	c->vals[f - fields] = v;
}

static cJSON *
string_n(const char *s, size_t n)
{
	char *copy = strndup(s, n);
	cJSON *v = copy ? cJSON_CreateString(copy) : NULL;

	free(copy);
	return v;
}

/* A blank text: absent when optional, refused when required. */
static bool
blank_text(pctx *c, const ffield *f)
{
	return f->flags & REQ ? say(c, f, "is empty") : true;
}

static bool
take_text(pctx *c, const ffield *f, const cJSON *v)
{
	bool lines = f->type == T_TEXT;
	size_t n;
	const char *s = text_of(c, f, v, &n, lines);

	if (s == NULL)
		return false;
	if (n == 0)
		return blank_text(c, f);
	if (!text_ok(c, f, s, n, f->max, lines))
		return false;
	store(c, f, string_n(s, n));
	return true;
}

static bool
take_schema(pctx *c, const ffield *f, const cJSON *v)
{
	if (!cJSON_IsString(v))
		return wrong_type(c, f, v);
	if (strcmp(v->valuestring, YOUSU_HOTLINE_FORM_SCHEMA) != 0)
		return say(c, f, "'%.64s' is not %s", v->valuestring,
		    YOUSU_HOTLINE_FORM_SCHEMA);
	store(c, f, cJSON_CreateString(v->valuestring));
	return true;
}

static bool
take_item_no(pctx *c, const ffield *f, const cJSON *v)
{
	size_t n;
	const char *s = text_of(c, f, v, &n, false);
	char no[80];

	if (s == NULL)
		return false;
	if (n == 0)
		return say(c, f, "is empty");
	if (n > 64)
		return say(c, f, "too long: %zu bytes, at most 64", n);
	memcpy(no, s, n);
	no[n] = '\0';
	if (!yousu__hl_item_no_ok(no))
		return say(c, f,
		    "'%s' may hold only A-Z a-z 0-9 - _ . (not starting "
		    "with '.')",
		    no);
	store(c, f, cJSON_CreateString(no));
	return true;
}

static bool
take_source(pctx *c, const ffield *f, const cJSON *v)
{
	size_t n;
	const char *s = text_of(c, f, v, &n, false);

	if (s == NULL)
		return false;
	if (n == 0)
		return say(c, f, "is empty");
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
		if (strlen(sources[i].text) == n &&
		    memcmp(sources[i].text, s, n) == 0) {
			store(c, f, cJSON_CreateString(sources[i].text));
			return true;
		}
	}
	return say(c, f,
	    "'%.*s' is not a known source (12345热线, 12345, 热线, 电话, 来电, "
	    "hotline; 网上, 网站, 网络, 微信, 手机APP, online)",
	    n > 64 ? 64 : (int) n, s);
}

static bool
take_int(pctx *c, const ffield *f, const cJSON *v)
{
	double d = v->valuedouble;
	char *end;

	if (cJSON_IsString(v)) {
		strtol(v->valuestring, &end, 10);
		if (end != v->valuestring && *end == '\0')
			return say(c, f,
			    "must be a JSON number (%s), not the text \"%s\"",
			    v->valuestring, v->valuestring);
		return say(c, f,
		    "must be a number of %s, not the text \"%.64s\"", f->unit,
		    v->valuestring);
	}
	if (!cJSON_IsNumber(v))
		return wrong_type(c, f, v);
	if (d != d || d < -1e9 || d > 1e9 || d != (double) (long) d)
		return say(c, f, "%g is not a whole number of %s", d, f->unit);
	if (d < f->min || d > f->max)
		return say(c, f, "%ld is out of range (%d-%d %s)", (long) d,
		    f->min, f->max, f->unit);
	store(c, f, cJSON_CreateNumber(d));
	return true;
}

static bool
phone_ok(const char *p, size_t n)
{
	size_t digits = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			digits++;
		else if (!strchr("+- ()", p[i]) || p[i] == '\0')
			return false;
	}
	return digits >= 5 && digits <= 20;
}

static bool
take_phone(pctx *c, const ffield *f, const cJSON *v)
{
	size_t n;
	const char *s = text_of(c, f, v, &n, false);

	if (s == NULL)
		return false;
	if (n == 0)
		return blank_text(c, f);
	if (!phone_ok(s, n))
		return say(c, f,
		    "'%.*s' is not a telephone number (digits, spaces and "
		    "+ - ( ), 5-20 digits)",
		    n > 64 ? 64 : (int) n, s);
	store(c, f, string_n(s, n));
	return true;
}

/* "YYYY-MM-DD HH:MM[:SS]" into seconds of local time; false (said). */
static bool
parse_local(pctx *c, const ffield *f, const char *s, int64_t *out)
{
	size_t n = strlen(s);
	int y = yousu_digits(s, 4), mo = yousu_digits(s + 5, 2),
	    d = yousu_digits(s + 8, 2);
	int h = 0, mi = 0, sec = 0;
	yousu_date day;

	if ((n != 16 && n != 19) || y < 0 || mo < 0 || d < 0 || s[4] != '-' ||
	    s[7] != '-' || s[10] != ' ' || s[13] != ':' ||
	    (h = yousu_digits(s + 11, 2)) < 0 ||
	    (mi = yousu_digits(s + 14, 2)) < 0 ||
	    (n == 19 && (s[16] != ':' || (sec = yousu_digits(s + 17, 2)) < 0)))
		return say(c, f,
		    "'%.40s' is not a time of the form YYYY-MM-DD HH:MM", s);
	if (y < 2000 || y > 2099)
		return say(
		    c, f, "%.10s: the year is out of range (2000-2099)", s);
	if (mo < 1 || mo > 12)
		return say(
		    c, f, "%.10s is not a real date (months are 01-12)", s);
	if (d < 1 || d > yousu_days_in_month(y, mo))
		return say(c, f,
		    "%.10s is not a real date (%04d-%02d has %d days)", s, y,
		    mo, yousu_days_in_month(y, mo));
	if (h > 23 || mi > 59 || sec > 59)
		return say(c, f,
		    "%s is not a time of day (hours 00-23, minutes and "
		    "seconds 00-59)",
		    s + 11);
	if (yousu_date_from_ymd(y, mo, d, &day) != YOUSU_OK)
		return say(c, f, "%.10s is not a real date", s);
	*out = (int64_t) day * 86400 + h * 3600 + mi * 60 + sec;
	return true;
}

static bool
take_time(pctx *c, const ffield *f, const cJSON *v)
{
	size_t n;
	const char *s = text_of(c, f, v, &n, false);
	char buf[24];

	if (s == NULL)
		return false;
	if (n == 0)
		return say(c, f, "is empty");
	if (n >= sizeof buf)
		return say(c, f,
		    "'%.24s…' is not a time of the form YYYY-MM-DD HH:MM", s);
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!parse_local(c, f, buf, &c->secs[f - fields]))
		return false;
	store(c, f, cJSON_CreateString(buf));
	return true;
}

static bool
take_bool(pctx *c, const ffield *f, const cJSON *v)
{
	if (!cJSON_IsBool(v))
		return wrong_type(c, f, v);
	store(c, f, cJSON_CreateBool(cJSON_IsTrue(v)));
	return true;
}

static bool
take_outbound(pctx *c, const ffield *f, const cJSON *v)
{
	size_t n;

	if (cJSON_IsString(v)) {
		n = strlen(v->valuestring);
		yousu__hl_trim(v->valuestring, &n, true);
		if (n == 0)
			return true; /* blank: nothing to refuse */
	}
	return say(c, f,
	    "is written by the centre that handles the matter and goes back "
	    "in the result file; a dispatch form does not carry it");
}

/* --- lists ---------------------------------------------------------- */

static bool
listed(const cJSON *list, const char *s)
{
	const cJSON *v;

	cJSON_ArrayForEach (v, list)
		if (strcmp(v->valuestring, s) == 0)
			return true;
	return false;
}

static bool
take_unit(pctx *c, const ffield *f, cJSON *list, const cJSON *v, int i)
{
	size_t n;
	const char *s;
	cJSON *item;

	if (!cJSON_IsString(v))
		return say(
		    c, f, "item %d must be text, not %s", i + 1, json_kind(v));
	n = strlen(v->valuestring);
	s = yousu__hl_trim(v->valuestring, &n, false);
	if (n == 0)
		return say(c, f, "item %d is empty", i + 1);
	if (!text_ok(c, f, s, n, f->max, false))
		return false;
	if ((item = string_n(s, n)) == NULL)
		yousu_panic("hotline: out of memory");
	if (listed(list, item->valuestring)) {
		say(c, f, "'%s' is listed twice", item->valuestring);
		cJSON_Delete(item);
		return false;
	}
	cJSON_AddItemToArray(list, item);
	return true;
}

static bool
take_list(pctx *c, const ffield *f, const cJSON *v)
{
	cJSON *list;
	const cJSON *item;
	int i = 0;

	if (!cJSON_IsArray(v))
		return wrong_type(c, f, v);
	if (cJSON_GetArraySize(v) > UNITS_MAX)
		return say(c, f, "more than %d units", UNITS_MAX);
	if ((list = cJSON_CreateArray()) == NULL)
		yousu_panic("hotline: out of memory");
	cJSON_ArrayForEach (item, v) {
		if (!take_unit(c, f, list, item, i++)) {
			cJSON_Delete(list);
			return false;
		}
	}
	store(c, f, list);
	return true;
}

/* --- the area ------------------------------------------------------- */

/* A member of the area object as text: NULL when absent or blank;
 * *bad when it is not text. */
static const char *
area_part(pctx *c, const ffield *f, const cJSON *o, const char *key,
    char buf[80], bool *bad)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	size_t n;
	const char *s;

	if (v == NULL || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v)) {
		*bad = !say(c, f, "%s must be text, not %s", key, json_kind(v));
		return NULL;
	}
	n = strlen(v->valuestring);
	s = yousu__hl_trim(v->valuestring, &n, false);
	if (n >= 80) {
		*bad = !say(c, f, "%s is too long (at most 79 bytes)", key);
		return NULL;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return n ? buf : NULL;
}

static bool
area_keys_ok(pctx *c, const ffield *f, const cJSON *o)
{
	const cJSON *v;

	cJSON_ArrayForEach (v, o) {
		if (strcmp(v->string, "county") != 0 &&
		    strcmp(v->string, "township") != 0)
			return say(c, f,
			    "unknown key '%.40s' (the keys are county and "
			    "township)",
			    v->string);
	}
	return true;
}

static bool
area_object(pctx *c, const ffield *f, const cJSON *o)
{
	char county[80], town[80], msg[512];
	const char *cs, *ts;
	bool bad = false;

	if (!area_keys_ok(c, f, o))
		return false;
	cs = area_part(c, f, o, "county", county, &bad);
	ts = area_part(c, f, o, "township", town, &bad);
	if (bad)
		return false;
	if (cs == NULL)
		return say(c, f,
		    "county is missing ({\"county\": \"沈丘县\", "
		    "\"township\": \"槐店回族镇\"})");
	if (yousu_hotline_areas_find(
	        c->areas, cs, ts, &c->route, msg, sizeof msg) != YOUSU_OK)
		return say(c, f, "%s", msg);
	return true;
}

static bool
take_area(pctx *c, const ffield *f, const cJSON *v)
{
	char text[160], msg[512];
	cJSON *o;
	size_t n;
	const char *s;

	if (cJSON_IsObject(v)) {
		if (!area_object(c, f, v))
			return false;
	} else if (cJSON_IsString(v)) {
		n = strlen(v->valuestring);
		s = yousu__hl_trim(v->valuestring, &n, false);
		if (n == 0)
			return say(c, f, "is empty");
		if (n >= sizeof text)
			return say(c, f, "too long (at most %zu bytes)",
			    sizeof text - 1);
		memcpy(text, s, n);
		text[n] = '\0';
		if (yousu__hl_areas_match(
		        c->areas, text, &c->route, msg, sizeof msg) != YOUSU_OK)
			return say(c, f, "%s", msg);
	} else {
		return wrong_type(c, f, v);
	}
	if ((o = cJSON_CreateObject()) == NULL)
		yousu_panic("hotline: out of memory");
	yousu__jset_str(o, "county", c->route.county_name);
	yousu__jset_str(o, "township", c->route.township_name);
	store(c, f, o);
	return true;
}

/* --- the form ------------------------------------------------------- */

static bool (*const takers[])(pctx *, const ffield *, const cJSON *) = {
    [T_SCHEMA] = take_schema,
    [T_ITEM_NO] = take_item_no,
    [T_SOURCE] = take_source,
    [T_INT] = take_int,
    [T_PHONE] = take_phone,
    [T_TIME] = take_time,
    [T_LINE] = take_text,
    [T_TEXT] = take_text,
    [T_BOOL] = take_bool,
    [T_AREA] = take_area,
    [T_LIST] = take_list,
    [T_OUTBOUND] = take_outbound,
};

static const ffield *
field_named(const char *key)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (strcmp(fields[i].key, key) == 0)
			return &fields[i];
	return NULL;
}

/* Edit distance of two short ASCII keys (at most 40 bytes), else 99. */
static int
distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	int row[41], prev, tmp;

	if (n > 40 || m > 40)
		return 99;
	for (size_t j = 0; j <= m; j++)
		row[j] = (int) j;
	for (size_t i = 1; i <= n; i++) {
		prev = row[0];
		row[0] = (int) i;
		for (size_t j = 1; j <= m; j++) {
			tmp = row[j];
			row[j] = a[i - 1] == b[j - 1] ? prev : 1 + prev;
			if (row[j] > row[j - 1] + 1)
				row[j] = row[j - 1] + 1;
			if (row[j] > tmp + 1)
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[m];
}

static bool
unknown_key(pctx *c, const char *key)
{
	const ffield *best = NULL;
	int d, bestd = 3;

	for (size_t i = 0; i < NFIELDS; i++) {
		if (strcmp(fields[i].label, key) == 0)
			return say(c, NULL,
			    "unknown field '%s': the keys are English, use "
			    "'%s' (%s)",
			    key, fields[i].key, fields[i].label);
		if ((d = distance(key, fields[i].key)) < bestd) {
			bestd = d;
			best = &fields[i];
		}
	}
	if (best != NULL)
		return say(c, NULL,
		    "unknown field '%.40s': did you mean '%s' (%s)?", key,
		    best->key, best->label);
	return say(c, NULL,
	    "unknown field '%.40s' (see the dispatch form's fields in "
	    "README, \"12345 hotline gateway\")",
	    key);
}

static void
take_member(pctx *c, const cJSON *v)
{
	const ffield *f = field_named(v->string);
	size_t i;

	if (f == NULL) {
		unknown_key(c, v->string);
		return;
	}
	i = (size_t) (f - fields);
	if (c->seen[i]) {
		say(c, f, "given twice");
		return;
	}
	c->seen[i] = true;
	if (cJSON_IsNull(v))
		blank_text(c, f); /* absent, or empty when required */
	else
		takers[f->type](c, f, v);
}

static bool
anonymous(const pctx *c)
{
	const cJSON *v = c->vals[field_named("anonymous") - fields];

	return v != NULL && cJSON_IsTrue(v);
}

/* Required fields; caller, phone, contact when not anonymous. */
static void
check_presence(pctx *c)
{
	bool anon = anonymous(c);

	for (size_t i = 0; i < NFIELDS; i++) {
		const ffield *f = &fields[i];

		if (c->bad[i] || c->vals[i] != NULL) {
			if (anon && (f->flags & SECRET) && c->vals[i] != NULL)
				say(c, f,
				    "given, but the caller is anonymous "
				    "(anonymous: true): an anonymous form "
				    "carries no caller and no phone (来电人"
				    "信息保密)");
			continue;
		}
		if ((f->flags & REQ) && !c->seen[i])
			say(c, f, "missing (required)");
		else if ((f->flags & NAMED) && !anon)
			say(c, f,
			    "missing (required unless anonymous is true)");
	}
}

static void
check_times(pctx *c)
{
	size_t s = (size_t) (field_named("signed_at") - fields);
	size_t a = (size_t) (field_named("accepted_at") - fields);

	if (c->vals[s] == NULL || c->vals[a] == NULL ||
	    c->secs[a] >= c->secs[s])
		return;
	say(c, &fields[a],
	    "%s is before the sign-for time (signed_at, 签收时间) %s",
	    c->vals[a]->valuestring, c->vals[s]->valuestring);
}

static void
check_form(pctx *c, const cJSON *root)
{
	const cJSON *v;

	if (!cJSON_IsObject(root)) {
		say(c, NULL, "the form must be a JSON object ({...}), not %s",
		    json_kind(root));
		return;
	}
	cJSON_ArrayForEach (v, root)
		take_member(c, v);
	check_presence(c);
	check_times(c);
	say_dropped(c);
}

/* --- the result ----------------------------------------------------- */

static const cJSON *
val(const pctx *c, const char *key)
{
	return c->vals[field_named(key) - fields];
}

static void
add_copy(cJSON *o, const char *key, const cJSON *v)
{
	if (v != NULL)
		yousu__jset(o, key, cJSON_Duplicate(v, 1));
}

static const char *
source_code(const char *text)
{
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
		if (strcmp(sources[i].text, text) == 0)
			return sources[i].code;
	yousu_panic("hotline: source '%s' not in the table", text);
}

static cJSON *
build_intake(const pctx *c)
{
	cJSON *in = cJSON_CreateObject();
	bool anon = anonymous(c);

	if (in == NULL)
		yousu_panic("hotline: out of memory");
	yousu__jset_str(
	    in, "source", source_code(val(c, "source")->valuestring));
	if (!anon) {
		add_copy(in, "name", val(c, "caller"));
		add_copy(in, "phone", val(c, "phone"));
	}
	add_copy(in, "content", val(c, "summary"));
	if (!anon)
		add_copy(
		    in, "contact_within_hours", val(c, "contact_within_hours"));
	yousu__jset_bool(in, "anonymous", anon);
	add_copy(in, "hotline_no", val(c, "item_no"));
	add_copy(in, "order_contact", val(c, "dispatcher"));
	add_copy(in, "order_phone", val(c, "dispatch_phone"));
	/* the form's own terms bind the township (001 附件1): its 办理时限,
	 * when the caller is told the outcome, the units it names */
	add_copy(in, "time_limit_days", val(c, "time_limit_days"));
	add_copy(in, "feedback_within_days", val(c, "feedback_within_days"));
	add_copy(in, "lead_unit", val(c, "lead_unit"));
	add_copy(in, "co_units", val(c, "co_units"));
	return in;
}

static cJSON *
build_doc(pctx *c)
{
	cJSON *doc = cJSON_CreateObject(), *route = cJSON_CreateObject();

	if (doc == NULL || route == NULL)
		yousu_panic("hotline: out of memory");
	yousu__jset_str(doc, "schema", YOUSU_HOTLINE_FORM_SCHEMA);
	for (size_t i = 1; i < NFIELDS; i++) {
		if (c->vals[i] == NULL)
			continue;
		yousu__jset(doc, fields[i].key, c->vals[i]);
		c->vals[i] = NULL;
		if (strcmp(fields[i].key, "source") == 0)
			yousu__jset_str(doc, "source_code",
			    source_code(yousu__jstr(doc, "source")));
	}
	if (!cJSON_HasObjectItem(doc, "anonymous"))
		yousu__jset_bool(doc, "anonymous", false);
	yousu__jset_str(route, "county", c->route.county);
	yousu__jset_str(route, "township", c->route.township);
	yousu__jset(doc, "route", route);
	return doc;
}

static yousu_hotline_form *
make_form(pctx *c)
{
	yousu_hotline_form *f = calloc(1, sizeof *f);
	const yousu_hotline_route *r = &c->route;

	if (f == NULL)
		return NULL;
	snprintf(f->item_no, sizeof f->item_no, "%s",
	    val(c, "item_no")->valuestring);
	snprintf(f->county, sizeof f->county, "%s", r->county);
	snprintf(f->county_name, sizeof f->county_name, "%s", r->county_name);
	f->has_township = r->township != NULL;
	if (f->has_township) {
		snprintf(f->township, sizeof f->township, "%s", r->township);
		snprintf(f->township_name, sizeof f->township_name, "%s",
		    r->township_name);
	}
	f->intake = build_intake(c);
	f->doc = build_doc(c);
	return f;
}

static void
pctx_done(pctx *c)
{
	for (size_t i = 0; i < NFIELDS; i++)
		cJSON_Delete(c->vals[i]);
}

yousu_err
yousu_hotline_parse(const char *text, size_t len,
    const yousu_hotline_areas *areas, yousu_hotline_form **out, char *err,
    size_t errlen)
{
	pctx c = {.areas = areas, .err = err, .errlen = errlen};
	yousu_hotline_form *f = NULL;
	cJSON *root = NULL;

	if (errlen > 0)
		err[0] = '\0';
	if (len > YOUSU_HOTLINE_MAX_FORM) {
		say(&c, NULL, "the form is %zu bytes: at most %d are accepted",
		    len, YOUSU_HOTLINE_MAX_FORM);
		return YOUSU_LIMIT;
	}
	if (len == 0 || blank(text, len))
		say(&c, NULL, "the form is empty");
	else if (scan_text(&c, text, len) &&
	         (root = parse_json(&c, text, len)) != NULL)
		check_form(&c, root);
	cJSON_Delete(root);
	if (c.nmsg > 0) {
		pctx_done(&c);
		return YOUSU_INVAL;
	}
	f = make_form(&c);
	pctx_done(&c);
	if (f == NULL) {
		say(&c, NULL, "out of memory");
		return YOUSU_NOMEM;
	}
	*out = f;
	return YOUSU_OK;
}

/* Reads the regular file path, at most max bytes, into *text. */
static yousu_err
read_small(const char *path, size_t max, char **text, size_t *len, char *err,
    size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	ssize_t got = 0;
	yousu_err rv = YOUSU_IO;

	if (fd < 0) {
		snprintf(
		    err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return YOUSU_IO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		goto fail;
	}
	if ((size_t) st.st_size > max) {
		snprintf(err, errlen,
		    "%s: the form is %lld bytes: at most %zu are accepted",
		    path, (long long) st.st_size, max);
		rv = YOUSU_LIMIT;
		goto fail;
	}
	if ((buf = malloc(max + 1)) == NULL) {
		rv = YOUSU_NOMEM;
		snprintf(err, errlen, "%s: out of memory", path);
		goto fail;
	}
	for (ssize_t r; (size_t) got <= max; got += r) {
		r = read(fd, buf + got, max + 1 - (size_t) got);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			r = 0;
		else if (r < 0) {
			snprintf(err, errlen, "%s: cannot read: %s", path,
			    strerror(errno));
			goto fail;
		}
	}
	if ((size_t) got > max) { /* it grew */
		snprintf(err, errlen,
		    "%s: the form is more than %zu bytes: at most %zu are "
		    "accepted",
		    path, max, max);
		rv = YOUSU_LIMIT;
		goto fail;
	}
	close(fd);
	*text = buf;
	*len = (size_t) got;
	return YOUSU_OK;
fail:
	free(buf);
	close(fd);
	return rv;
}

yousu_err
yousu_hotline_parse_file(const char *path, const yousu_hotline_areas *areas,
    yousu_hotline_form **out, char *err, size_t errlen)
{
	char *text;
	size_t len;
	yousu_err rv;

	rv = read_small(path, YOUSU_HOTLINE_MAX_FORM, &text, &len, err, errlen);
	if (rv != YOUSU_OK)
		return rv;
	rv = yousu_hotline_parse(text, len, areas, out, err, errlen);
	free(text);
	return rv;
}

void
yousu_hotline_form_free(yousu_hotline_form *f)
{
	if (f == NULL)
		return;
	cJSON_Delete(f->doc);
	cJSON_Delete(f->intake);
	free(f);
}

const char *
yousu_hotline_form_item_no(const yousu_hotline_form *f)
{
	return f->item_no;
}

void
yousu_hotline_form_route(const yousu_hotline_form *f, yousu_hotline_route *out)
{
	out->county = f->county;
	out->county_name = f->county_name;
	out->township = f->has_township ? f->township : NULL;
	out->township_name = f->has_township ? f->township_name : NULL;
}

const cJSON *
yousu_hotline_form_intake(const yousu_hotline_form *f)
{
	return f->intake;
}

cJSON *
yousu_hotline_form_json(const yousu_hotline_form *f, bool personal)
{
	cJSON *doc = cJSON_Duplicate(f->doc, 1);

	if (doc == NULL)
		yousu_panic("hotline: out of memory");
	/* the record kept at the city: no caller, no matter */
	if (!personal)
		yousu_personal_strip(doc, true);
	return doc;
}
