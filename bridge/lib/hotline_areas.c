/* The 12345 gateway's area table: counties ([county NAME], a hub code)
 * and their townships ([area NAME], a node code), with aliases; and the
 * lookup of a form's 事项区域 in it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hotline_impl.h"
#include "yousu/config.h"
#include "yousu/json.h"
#include "yousu/utf8.h"

#define NAME_SIZE      64 /* bytes of a name or alias, with its NUL */
#define NAME_CHARS     32 /* characters of a name or alias */
#define LABELS_MAX     17 /* the section's name and 16 aliases */
#define COUNTIES_MAX   64
#define AREAS_MAX      4096
#define SECTION_MAX    49  /* libinih keeps this many bytes of a [section] */
#define LINE_MAX_BYTES 199 /* libinih splits longer lines (config.c) */

/* Keys a section gave, to refuse one given twice. */
enum { K_CODE = 1, K_COUNTY = 2 };

typedef struct {
	char name[NAME_SIZE];
	int line;
} label;

/* A county or a township. labels[0] is the section's name. */
typedef struct {
	char code[17];   /* county: hub code; township: node code */
	char county[17]; /* township only: its county's code */
	int line;        /* the section header */
	int code_line, county_line;
	unsigned keys;
	label labels[LABELS_MAX];
	size_t nlabels;
} place;

typedef struct {
	place *v;
	size_t n, cap;
} places;

struct yousu_hotline_areas {
	char path[512];
	places counties, towns;
};

/* --- shared text helpers --------------------------------------------- */

size_t
yousu__hl_blank_len(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

static bool
blank_at_end(const char *s, size_t n, bool lines, size_t *k)
{
	char c = n ? s[n - 1] : '\0';

	*k = 1;
	if (c == ' ' || c == '\t' || (lines && (c == '\n' || c == '\r')))
		return true;
	*k = 3;
	return n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0;
}

const char *
yousu__hl_trim(const char *s, size_t *n, bool lines)
{
	size_t k;

	for (;;) {
		if (*n == 0)
			return s;
		if (lines && (s[0] == '\n' || s[0] == '\r'))
			k = 1;
		else if ((k = yousu__hl_blank_len(s, *n)) == 0)
			break;
		s += k;
		*n -= k;
	}
	while (*n > 0 && blank_at_end(s, *n, lines, &k))
		*n -= k;
	return s;
}

bool
yousu__hl_item_no_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '.')
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	                 "0123456789-_.") == n;
}

bool
yousu__hl_code_ok(const char *s)
{
	size_t n = strlen(s);

	return n >= 2 && n <= 16 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == n;
}

/* --- building the table ---------------------------------------------- */

/* Length of the list separator at s (",", "，" or "、"), or 0. */
static size_t
separator(const char *s)
{
	if (s[0] == ',')
		return 1;
	if (strncmp(s, "，", 3) == 0 || strncmp(s, "、", 3) == 0)
		return 3;
	return 0;
}

/* Whether s[0..n) holds a list separator or '/'. */
static bool
has_separator(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '/' || s[i] == ',')
			return true;
		if (n - i >= 3 && (memcmp(s + i, "，", 3) == 0 ||
		                      memcmp(s + i, "、", 3) == 0))
			return true;
	}
	return false;
}

/* Writes into msg why s[0..n) cannot be a name (of what), or returns
 * true. */
static bool
name_ok(const char *s, size_t n, const char *what, char *msg, size_t len)
{
	size_t t = n;
	long chars = yousu_text_chars_n(s, n, false);

	if (chars < 0)
		snprintf(
		    msg, len, "%s '%.*s' is not UTF-8 text", what, (int) n, s);
	else if (chars == 0)
		snprintf(msg, len, "%s is empty", what);
	else if (chars > NAME_CHARS || n >= NAME_SIZE)
		snprintf(msg, len,
		    "%s '%.*s' is too long (at most %d characters, %d bytes)",
		    what, (int) n, s, NAME_CHARS, NAME_SIZE - 1);
	else if (yousu__hl_trim(s, &t, false) != s || t != n)
		snprintf(msg, len, "%s '%.*s' begins or ends with a blank",
		    what, (int) n, s);
	else if (has_separator(s, n))
		snprintf(msg, len, "%s '%.*s' holds a separator (, ， 、 /)",
		    what, (int) n, s);
	else
		return true;
	return false;
}

static place *
add_place(places *ps, size_t max, const yousu_cfg_at *at, char *msg, size_t len)
{
	place *p;

	if (!name_ok(
	        at->suffix, strlen(at->suffix), "the section's name", msg, len))
		return NULL;
	if (ps->n == max) {
		snprintf(msg, len, "more than %zu such sections", max);
		return NULL;
	}
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 16;

		if ((p = realloc(ps->v, cap * sizeof *p)) == NULL) {
			snprintf(msg, len, "out of memory");
			return NULL;
		}
		ps->v = p;
		ps->cap = cap;
	}
	p = &ps->v[ps->n++];
	memset(p, 0, sizeof *p);
	p->line = at->section_line;
	snprintf(p->labels[0].name, NAME_SIZE, "%s", at->suffix);
	p->labels[0].line = at->section_line;
	p->nlabels = 1;
	return p;
}

/* The place of the section a key is in: a new one at its first key. */
static place *
section_place(yousu_hotline_areas *a, const yousu_cfg_at *at, bool county,
    char *msg, size_t len)
{
	places *ps = county ? &a->counties : &a->towns;

	if (at->opens || ps->n == 0)
		return add_place(
		    ps, county ? COUNTIES_MAX : AREAS_MAX, at, msg, len);
	return &ps->v[ps->n - 1];
}

static yousu_err
set_code(place *p, unsigned key, const yousu_cfg_at *at, const char *name,
    const char *v, char *msg, size_t len)
{
	/* "code" is a [county] key; "county" and "township" [area] ones */
	const char *kind = strcmp(name, "code") == 0 ? "county" : "area";

	char *dst = key == K_CODE ? p->code : p->county;

	if (p->keys & key) {
		snprintf(msg, len, "key '%s' given twice in [%s %s]", name,
		    kind, p->labels[0].name);
		return YOUSU_CONFIG;
	}
	if (!yousu__hl_code_ok(v)) {
		snprintf(msg, len, "%s '%s' must be 2-16 of A-Z 0-9", name, v);
		return YOUSU_CONFIG;
	}
	p->keys |= key;
	snprintf(dst, 17, "%s", v);
	*(key == K_CODE ? &p->code_line : &p->county_line) = at->line;
	return YOUSU_OK;
}

static yousu_err
add_alias(place *p, const yousu_cfg_at *at, const char *s, size_t n, char *msg,
    size_t len)
{
	if (!name_ok(s, n, "alias", msg, len))
		return YOUSU_CONFIG;
	if (p->nlabels == LABELS_MAX) {
		snprintf(msg, len, "[%s]: more than %d aliases",
		    p->labels[0].name, LABELS_MAX - 1);
		return YOUSU_CONFIG;
	}
	memcpy(p->labels[p->nlabels].name, s, n);
	p->labels[p->nlabels].name[n] = '\0';
	p->labels[p->nlabels++].line = at->line;
	return YOUSU_OK;
}

static yousu_err
add_aliases(
    place *p, const yousu_cfg_at *at, const char *v, char *msg, size_t len)
{
	yousu_err rv;

	while (*v != '\0') {
		const char *s = v, *e = v;
		size_t n;

		while (*e != '\0' && separator(e) == 0)
			e++;
		v = *e ? e + separator(e) : e;
		n = (size_t) (e - s);
		s = yousu__hl_trim(s, &n, false);
		if (n > 0 && (rv = add_alias(p, at, s, n, msg, len)) != 0)
			return rv;
	}
	return YOUSU_OK;
}

static yousu_err
on_county_code(void *obj, const yousu_cfg_at *at, const char *name,
    const char *v, char *msg, size_t len)
{
	place *p = section_place(obj, at, true, msg, len);

	return p ? set_code(p, K_CODE, at, name, v, msg, len) : YOUSU_CONFIG;
}

static yousu_err
on_county_alias(void *obj, const yousu_cfg_at *at, const char *name,
    const char *v, char *msg, size_t len)
{
	place *p = section_place(obj, at, true, msg, len);

	(void) name;
	return p ? add_aliases(p, at, v, msg, len) : YOUSU_CONFIG;
}

static yousu_err
on_area_county(void *obj, const yousu_cfg_at *at, const char *name,
    const char *v, char *msg, size_t len)
{
	place *p = section_place(obj, at, false, msg, len);

	return p ? set_code(p, K_COUNTY, at, name, v, msg, len) : YOUSU_CONFIG;
}

static yousu_err
on_area_township(void *obj, const yousu_cfg_at *at, const char *name,
    const char *v, char *msg, size_t len)
{
	place *p = section_place(obj, at, false, msg, len);

	return p ? set_code(p, K_CODE, at, name, v, msg, len) : YOUSU_CONFIG;
}

static yousu_err
on_area_alias(void *obj, const yousu_cfg_at *at, const char *name,
    const char *v, char *msg, size_t len)
{
	place *p = section_place(obj, at, false, msg, len);

	(void) name;
	return p ? add_aliases(p, at, v, msg, len) : YOUSU_CONFIG;
}

/* [county] or [area] without a name */
static yousu_err
on_no_name(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	(void) obj, (void) name, (void) v;
	snprintf(msg, len,
	    "the section needs its name: [county NAME] or [area NAME]");
	return YOUSU_CONFIG;
}

#define SECT(s, k, fn)                                            \
	{                                                         \
		s, k, YOUSU_CFG_SECT, 0, 0, 0, 0, false, NULL, fn \
	}

static const yousu_cfg_key area_keys[] = {
    {"county", "", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_no_name},
    {"area", "", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_no_name},
    SECT("county ", "code", on_county_code),
    SECT("county ", "alias", on_county_alias),
    SECT("area ", "county", on_area_county),
    SECT("area ", "township", on_area_township),
    SECT("area ", "alias", on_area_alias),
    {NULL},
};

/* --- checks of the whole table --------------------------------------- */

static place *
county_by_code(const yousu_hotline_areas *a, const char *code)
{
	for (size_t i = 0; i < a->counties.n; i++)
		if (strcmp(a->counties.v[i].code, code) == 0)
			return &a->counties.v[i];
	return NULL;
}

static yousu_err
check_required(const yousu_hotline_areas *a, char *err, size_t errlen)
{
	const char *miss;

	for (size_t i = 0; i < a->counties.n; i++) {
		const place *p = &a->counties.v[i];

		if (!(p->keys & K_CODE)) {
			snprintf(err, errlen,
			    "%s:%d: [county %s] has no code (required)",
			    a->path, p->line, p->labels[0].name);
			return YOUSU_CONFIG;
		}
	}
	for (size_t i = 0; i < a->towns.n; i++) {
		const place *p = &a->towns.v[i];

		miss = !(p->keys & K_COUNTY) ? "county"
		       : !(p->keys & K_CODE) ? "township"
		                             : NULL;
		if (miss != NULL) {
			snprintf(err, errlen,
			    "%s:%d: [area %s] has no %s (required)", a->path,
			    p->line, p->labels[0].name, miss);
			return YOUSU_CONFIG;
		}
		if (county_by_code(a, p->county) == NULL) {
			snprintf(err, errlen,
			    "%s:%d: [area %s]: county '%s' is not the code of "
			    "any [county NAME] section",
			    a->path, p->county_line, p->labels[0].name,
			    p->county);
			return YOUSU_CONFIG;
		}
	}
	return YOUSU_OK;
}

/* One name, alias or code, for the search of repeats. */
typedef struct {
	const char *scope; /* "" or the county's code */
	const char *text;
	const place *p;
	const char *kind; /* "county" or "area" */
	int line;
} entry;

static int
entry_cmp(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	int c = strcmp(a->scope, b->scope);

	if (c == 0)
		c = strcmp(a->text, b->text);
	return c != 0 ? c : a->line - b->line;
}

/* Sorts e[0..n) and reports the first text given twice in a scope. */
static yousu_err
find_repeat(const yousu_hotline_areas *a, entry *e, size_t n, const char *what,
    char *err, size_t errlen)
{
	qsort(e, n, sizeof *e, entry_cmp);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(e[i].scope, e[i - 1].scope) != 0 ||
		    strcmp(e[i].text, e[i - 1].text) != 0)
			continue;
		snprintf(err, errlen,
		    "%s:%d: %s '%s' of [%s %s] is already given at line %d "
		    "(in [%s %s])",
		    a->path, e[i].line, what, e[i].text, e[i].kind,
		    e[i].p->labels[0].name, e[i - 1].line, e[i - 1].kind,
		    e[i - 1].p->labels[0].name);
		return YOUSU_CONFIG;
	}
	return YOUSU_OK;
}

/* Codes: every hub and node code once in the file. */
static yousu_err
check_codes(const yousu_hotline_areas *a, char *err, size_t errlen)
{
	size_t n = a->counties.n + a->towns.n, k = 0;
	entry *e = malloc((n ? n : 1) * sizeof *e);
	yousu_err rv;

	if (e == NULL)
		return YOUSU_NOMEM;
	for (size_t i = 0; i < a->counties.n; i++, k++)
		e[k] = (entry){"", a->counties.v[i].code, &a->counties.v[i],
		    "county", a->counties.v[i].code_line};
	for (size_t i = 0; i < a->towns.n; i++, k++)
		e[k] = (entry){"", a->towns.v[i].code, &a->towns.v[i], "area",
		    a->towns.v[i].code_line};
	rv = find_repeat(a, e, n, "code", err, errlen);
	free(e);
	return rv;
}

/* Names and aliases: a county's once among counties, a township's once
 * in its county. */
static yousu_err
check_names(const yousu_hotline_areas *a, char *err, size_t errlen)
{
	size_t n = (a->counties.n + a->towns.n) * LABELS_MAX, k = 0;
	entry *e = malloc((n ? n : 1) * sizeof *e);
	yousu_err rv;

	if (e == NULL)
		return YOUSU_NOMEM;
	for (size_t i = 0; i < a->counties.n; i++) {
		const place *p = &a->counties.v[i];

		for (size_t j = 0; j < p->nlabels; j++)
			e[k++] = (entry){"", p->labels[j].name, p, "county",
			    p->labels[j].line};
	}
	for (size_t i = 0; i < a->towns.n; i++) {
		const place *p = &a->towns.v[i];

		for (size_t j = 0; j < p->nlabels; j++)
			e[k++] = (entry){p->county, p->labels[j].name, p,
			    "area", p->labels[j].line};
	}
	rv = find_repeat(a, e, k, "name", err, errlen);
	free(e);
	return rv;
}

/* --- [section] headers: too long, or without keys -------------------- */

/* The name of the [section] header on line s, or NULL: '[' first after
 * blanks, not indented after a key (a continuation line). */
static const char *
header(const char *s, int line, bool after_key, size_t *n)
{
	const char *p = s, *end;

	if (line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		p = s += 3;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '[' || (p != s && after_key))
		return NULL;
	end = strchr(p + 1, ']');
	*n = end ? (size_t) (end - p - 1) : strcspn(p + 1, ";\r\n");
	return p + 1;
}

static bool
section_seen(const yousu_hotline_areas *a, int line)
{
	for (size_t i = 0; i < a->counties.n; i++)
		if (a->counties.v[i].line == line)
			return true;
	for (size_t i = 0; i < a->towns.n; i++)
		if (a->towns.v[i].line == line)
			return true;
	return false;
}

static bool
known_section(const char *s, size_t n)
{
	return (n > 7 && strncmp(s, "county ", 7) == 0) ||
	       (n > 5 && strncmp(s, "area ", 5) == 0);
}

/* What is wrong with the [section] header s[0..n): before loading (a ==
 * NULL), a name libinih would cut short; after, an unknown section or one
 * without keys (libinih shows neither). NULL when nothing. */
static const char *
header_problem(const yousu_hotline_areas *a, const char *s, size_t n, int line,
    char *buf, size_t len)
{
	if (a == NULL)
		return n > SECTION_MAX
		           ? "section name too long (at most 49 bytes)"
		           : NULL;
	if (!known_section(s, n)) {
		snprintf(buf, len,
		    "unknown section [%.*s] (the table has [county NAME] and "
		    "[area NAME] sections)",
		    (int) n, s);
		return buf;
	}
	if (!section_seen(a, line))
		return "section without keys ([county NAME] needs code, [area "
		       "NAME] county and township)";
	return NULL;
}

static yousu_err
check_headers(
    const char *path, const yousu_hotline_areas *a, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char buf[256], msg[160];
	const char *s, *why = NULL;
	bool after_key = false;
	int line = 0;
	size_t n;

	if (f == NULL) {
		snprintf(
		    err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return YOUSU_CONFIG;
	}
	while (why == NULL && fgets(buf, sizeof buf, f) != NULL) {
		line++;
		if ((s = header(buf, line, after_key, &n)) == NULL) {
			s = buf + strspn(buf, " \t");
			after_key |= *s != '\0' && !strchr(";#\r\n", *s);
			continue;
		}
		after_key = false;
		why = header_problem(a, s, n, line, msg, sizeof msg);
	}
	fclose(f);
	if (why == NULL)
		return YOUSU_OK;
	snprintf(err, errlen, "%s:%d: %s", path, line, why);
	return YOUSU_CONFIG;
}

static yousu_err
check_table(const yousu_hotline_areas *a, char *err, size_t errlen)
{
	yousu_err rv;

	if (a->counties.n == 0) {
		snprintf(err, errlen,
		    "%s: the table lists no county (one [county NAME] section "
		    "each)",
		    a->path);
		return YOUSU_CONFIG;
	}
	if ((rv = check_headers(a->path, a, err, errlen)) != YOUSU_OK ||
	    (rv = check_required(a, err, errlen)) != YOUSU_OK ||
	    (rv = check_codes(a, err, errlen)) != YOUSU_OK)
		return rv;
	return check_names(a, err, errlen);
}

yousu_err
yousu_hotline_areas_load(
    const char *path, yousu_hotline_areas **out, char *err, size_t errlen)
{
	yousu_hotline_areas *a;
	yousu_err rv;

	/* lines as libinih reads them (as yousu_config_load checks), then
	 * the headers it would cut short */
	if ((rv = yousu_config_check_lines(
	         path, LINE_MAX_BYTES, err, errlen)) != YOUSU_OK ||
	    (rv = check_headers(path, NULL, err, errlen)) != YOUSU_OK)
		return rv;
	if ((a = calloc(1, sizeof *a)) == NULL)
		return YOUSU_NOMEM;
	snprintf(a->path, sizeof a->path, "%s", path);
	rv = yousu_config_load(path, area_keys, a, err, errlen);
	if (rv == YOUSU_OK)
		rv = check_table(a, err, errlen);
	if (rv != YOUSU_OK) {
		if (rv == YOUSU_NOMEM)
			snprintf(err, errlen, "%s: out of memory", path);
		yousu_hotline_areas_free(a);
		return rv;
	}
	*out = a;
	return YOUSU_OK;
}

void
yousu_hotline_areas_free(yousu_hotline_areas *a)
{
	if (a == NULL)
		return;
	free(a->counties.v);
	free(a->towns.v);
	free(a);
}

/* --- lookups --------------------------------------------------------- */

static bool
names(const place *p, const char *s)
{
	if (strcmp(p->code, s) == 0)
		return true;
	for (size_t i = 0; i < p->nlabels; i++)
		if (strcmp(p->labels[i].name, s) == 0)
			return true;
	return false;
}

static const place *
find_county(const yousu_hotline_areas *a, const char *s)
{
	for (size_t i = 0; i < a->counties.n; i++)
		if (names(&a->counties.v[i], s))
			return &a->counties.v[i];
	return NULL;
}

static const place *
find_town(const yousu_hotline_areas *a, const place *county, const char *s)
{
	for (size_t i = 0; i < a->towns.n; i++) {
		const place *p = &a->towns.v[i];

		if ((county == NULL || strcmp(p->county, county->code) == 0) &&
		    names(p, s))
			return p;
	}
	return NULL;
}

/* "a, b, c" of the names of the counties (county NULL) or of the
 * townships of county, cut with "…" when buf is full. */
static void
list_names(
    const yousu_hotline_areas *a, const place *county, char *buf, size_t len)
{
	const places *ps = county ? &a->towns : &a->counties;
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ps->n; i++) {
		const place *p = &ps->v[i];
		const char *name = p->labels[0].name;
		size_t need = strlen(name) + 2;

		if (county && strcmp(p->county, county->code) != 0)
			continue;
		if (used + need + 4 >= len) {
			snprintf(
			    buf + used, len - used, "%s…", used ? ", " : "");
			return;
		}
		used += (size_t) snprintf(
		    buf + used, len - used, "%s%s", used ? ", " : "", name);
	}
}

static void
fill_route(const place *c, const place *t, yousu_hotline_route *out)
{
	out->county = c->code;
	out->county_name = c->labels[0].name;
	out->township = t ? t->code : NULL;
	out->township_name = t ? t->labels[0].name : NULL;
}

yousu_err
yousu_hotline_areas_find(const yousu_hotline_areas *a, const char *county,
    const char *township, yousu_hotline_route *out, char *err, size_t errlen)
{
	const place *c = county ? find_county(a, county) : NULL, *t = NULL;
	char choices[256];

	if (c == NULL) {
		list_names(a, NULL, choices, sizeof choices);
		snprintf(err, errlen,
		    "county '%s' is not in the area table (%s)",
		    county ? county : "", choices);
		return YOUSU_NOTFOUND;
	}
	if (township && township[0] &&
	    (t = find_town(a, c, township)) == NULL) {
		list_names(a, c, choices, sizeof choices);
		snprintf(err, errlen,
		    "township '%s' is not one of %s in the area table (%s)",
		    township, c->labels[0].name, choices);
		return YOUSU_NOTFOUND;
	}
	fill_route(c, t, out);
	return YOUSU_OK;
}

/* The township text names alone, when exactly one county has it. */
static yousu_err
match_town(const yousu_hotline_areas *a, const char *text,
    yousu_hotline_route *out, char *msg, size_t len)
{
	const place *t = NULL;
	char counties[256];

	for (size_t i = 0; i < a->towns.n; i++) {
		const place *p = &a->towns.v[i];

		if (!names(p, text))
			continue;
		if (t != NULL && strcmp(t->county, p->county) != 0) {
			snprintf(msg, len,
			    "'%s' is a township of both %s and %s: name the "
			    "county too",
			    text, county_by_code(a, t->county)->labels[0].name,
			    county_by_code(a, p->county)->labels[0].name);
			return YOUSU_NOTFOUND;
		}
		t = p;
	}
	if (t == NULL) {
		list_names(a, NULL, counties, sizeof counties);
		snprintf(msg, len,
		    "'%s' names no county or township of the area table "
		    "(counties: %s)",
		    text, counties);
		return YOUSU_NOTFOUND;
	}
	fill_route(county_by_code(a, t->county), t, out);
	return YOUSU_OK;
}

/* The rest of text after a county's name: blanks and '/' skipped. */
static const char *
after_county(const char *rest)
{
	size_t k;

	while (
	    (k = yousu__hl_blank_len(rest, strlen(rest))) > 0 || *rest == '/')
		rest += k ? k : 1;
	return rest;
}

/* The township rest names in county c, if rest is empty or one. */
static bool
county_and_town(const yousu_hotline_areas *a, const place *c, const char *rest,
    yousu_hotline_route *out)
{
	const place *t = NULL;

	rest = after_county(rest);
	if (*rest != '\0' && (t = find_town(a, c, rest)) == NULL)
		return false;
	fill_route(c, t, out);
	return true;
}

yousu_err
yousu__hl_areas_match(const yousu_hotline_areas *a, const char *text,
    yousu_hotline_route *out, char *msg, size_t len)
{
	const place *known = NULL;
	char choices[256];

	for (size_t i = 0; i < a->counties.n; i++) {
		const place *c = &a->counties.v[i];

		for (size_t j = 0; j < c->nlabels; j++) {
			size_t n = strlen(c->labels[j].name);

			if (strncmp(text, c->labels[j].name, n) != 0)
				continue;
			if (county_and_town(a, c, text + n, out))
				return YOUSU_OK;
			known = c;
		}
	}
	if (known == NULL || find_town(a, NULL, text) != NULL)
		return match_town(a, text, out, msg, len);
	list_names(a, known, choices, sizeof choices);
	snprintf(msg, len,
	    "'%s': no township of %s in the area table matches the rest (%s)",
	    text, known->labels[0].name, choices);
	return YOUSU_NOTFOUND;
}

/* --- as JSON --------------------------------------------------------- */

static cJSON *
aliases_json(const place *p)
{
	cJSON *v = cJSON_CreateArray();

	for (size_t i = 1; v != NULL && i < p->nlabels; i++)
		cJSON_AddItemToArray(v, cJSON_CreateString(p->labels[i].name));
	return v;
}

static cJSON *
place_json(const place *p)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	yousu__jset_str(o, "code", p->code);
	yousu__jset_str(o, "name", p->labels[0].name);
	yousu__jset(o, "aliases", aliases_json(p));
	return o;
}

cJSON *
yousu_hotline_areas_json(const yousu_hotline_areas *a)
{
	cJSON *all = cJSON_CreateArray();

	for (size_t i = 0; all != NULL && i < a->counties.n; i++) {
		const place *c = &a->counties.v[i];
		cJSON *o = place_json(c), *towns = cJSON_CreateArray();

		for (size_t j = 0; towns != NULL && j < a->towns.n; j++)
			if (strcmp(a->towns.v[j].county, c->code) == 0)
				cJSON_AddItemToArray(
				    towns, place_json(&a->towns.v[j]));
		if (o == NULL)
			yousu_panic("hotline: out of memory");
		yousu__jset(o, "townships", towns);
		cJSON_AddItemToArray(all, o);
	}
	if (all == NULL)
		yousu_panic("hotline: out of memory");
	return all;
}
