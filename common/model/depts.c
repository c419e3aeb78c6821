/* The department catalogue: one [dept CODE] section per department (the
 * older [departments] CODE = name lines also load), and the routing
 * proposal that scores departments against a complaint. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/config.h"
#include "yousu/depts.h"
#include "yousu/json.h"
#include "yousu/utf8.h"

#define DEPTS_MAX   256
#define CATS_MAX    16
#define KWS_MAX     64 /* fits the uint64_t hit mask of routing */
#define ALIASES_MAX 8
#define KW_CHARS    16 /* a keyword has 2..KW_CHARS characters */
#define CAT_SCORE   3

/* Keys a [dept CODE] section gave, to refuse one given twice. */
enum { K_NAME = 1, K_LEVEL = 2, K_CONTACT = 4, K_PHONE = 8 };

typedef struct {
	char code[32];
	char name[128];
	char contact[64];
	char phone[32];
	yousu_level level;
	unsigned keys; /* K_* given */
	int line;      /* its [dept CODE] header; 0 for [departments] */
	const char *cats[CATS_MAX];
	int cat_line[CATS_MAX];
	size_t ncats;
	const char *kws[KWS_MAX];
	size_t nkws;
	const char *aliases[ALIASES_MAX]; /* other names: 人社局, 市监局 */
	size_t naliases;
} dept;

struct yousu_depts {
	char path[512];
	dept *v;
	size_t n, cap;
};

static const struct {
	const char *name, *label;
} levels[] = {
    {"township", "乡镇"},
    {"county", "县"},
    {"city", "市"},
};

static bool
code_ok(const char *c)
{
	size_t n = strlen(c);

	if (n == 0 || n >= 32)
		return false;
	for (; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		        *c == '-' || *c == '_'))
			return false;
	return true;
}

static dept *
find(const yousu_depts *d, const char *code)
{
	for (size_t i = 0; code != NULL && i < d->n; i++)
		if (strcmp(d->v[i].code, code) == 0)
			return &d->v[i];
	return NULL;
}

/* Room for one more department; false when memory runs out. */
static bool
grow(yousu_depts *d)
{
	size_t cap = d->cap ? d->cap * 2 : 16;
	dept *v;

	if (d->n < d->cap)
		return true;
	if ((v = realloc(d->v, cap * sizeof *v)) == NULL)
		return false;
	d->v = v;
	d->cap = cap;
	return true;
}

/* A new department with a checked code, or NULL with msg written. */
static dept *
add_dept(yousu_depts *d, const char *code, int line, char *msg, size_t len)
{
	dept *p = find(d, code);

	if (!code_ok(code)) {
		snprintf(msg, len,
		    "department code '%s' must be 1-31 of A-Z 0-9 - _", code);
		return NULL;
	}
	if (p != NULL) {
		if (p->line > 0)
			snprintf(msg, len,
			    "department '%s' listed twice (first at line %d)",
			    code, p->line);
		else
			snprintf(
			    msg, len, "department '%s' listed twice", code);
		return NULL;
	}
	if (d->n == DEPTS_MAX) {
		snprintf(msg, len, "more than %d departments", DEPTS_MAX);
		return NULL;
	}
	if (!grow(d)) {
		snprintf(msg, len, "out of memory");
		return NULL;
	}
	p = &d->v[d->n++];
	memset(p, 0, sizeof *p);
	snprintf(p->code, sizeof p->code, "%s", code);
	p->level = YOUSU_LEVEL_COUNTY;
	p->line = line;
	return p;
}

/* [departments] CODE = name: the older form (level county). */
static yousu_err
on_dept(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_depts *d = obj;
	dept *p;

	if (code_ok(name) && find(d, name) == NULL &&
	    strlen(v) >= sizeof p->name) {
		snprintf(msg, len, "department '%s': too many or name too long",
		    name);
		return YOUSU_CONFIG;
	}
	if ((p = add_dept(d, name, 0, msg, len)) == NULL)
		return YOUSU_CONFIG;
	snprintf(p->name, sizeof p->name, "%s", v);
	return YOUSU_OK;
}

/* The department of a [dept CODE] section: made at its first key. */
static dept *
section_dept(yousu_depts *d, const yousu_cfg_at *at, char *msg, size_t len)
{
	dept *p = find(d, at->suffix);

	if (p != NULL && !at->opens)
		return p;
	return add_dept(d, at->suffix, at->section_line, msg, len);
}

/* Marks single key k of p as given; false (msg written) if it was. */
static bool
first_time(dept *p, unsigned k, const char *name, char *msg, size_t len)
{
	if (p->keys & k) {
		snprintf(msg, len, "key '%s' given twice in [dept %s]", name,
		    p->code);
		return false;
	}
	p->keys |= k;
	return true;
}

static yousu_err
set_text(char *dst, size_t size, const char *name, const char *v, char *msg,
    size_t len)
{
	if (strlen(v) >= size) {
		snprintf(msg, len, "%s: value too long (max %zu bytes)", name,
		    size - 1);
		return YOUSU_CONFIG;
	}
	memcpy(dst, v, strlen(v) + 1);
	return YOUSU_OK;
}

static yousu_err
on_name(void *obj, const yousu_cfg_at *at, const char *name, const char *v,
    char *msg, size_t len)
{
	dept *p = section_dept(obj, at, msg, len);

	if (p == NULL || !first_time(p, K_NAME, name, msg, len))
		return YOUSU_CONFIG;
	return set_text(p->name, sizeof p->name, name, v, msg, len);
}

static yousu_err
on_contact(void *obj, const yousu_cfg_at *at, const char *name, const char *v,
    char *msg, size_t len)
{
	dept *p = section_dept(obj, at, msg, len);

	if (p == NULL || !first_time(p, K_CONTACT, name, msg, len))
		return YOUSU_CONFIG;
	return set_text(p->contact, sizeof p->contact, name, v, msg, len);
}

static yousu_err
on_phone(void *obj, const yousu_cfg_at *at, const char *name, const char *v,
    char *msg, size_t len)
{
	dept *p = section_dept(obj, at, msg, len);

	if (p == NULL || !first_time(p, K_PHONE, name, msg, len))
		return YOUSU_CONFIG;
	if (strspn(v, "0123456789+-()/, ") != strlen(v) ||
	    strspn(v, "+-()/, ") == strlen(v)) {
		snprintf(msg, len,
		    "phone '%s' may hold only digits, spaces and + - ( ) / ,",
		    v);
		return YOUSU_CONFIG;
	}
	return set_text(p->phone, sizeof p->phone, name, v, msg, len);
}

static bool
parse_level(const char *v, yousu_level *out)
{
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		if (strcmp(v, levels[i].name) == 0 ||
		    strcmp(v, levels[i].label) == 0) {
			*out = (yousu_level) i;
			return true;
		}
	}
	return false;
}

static yousu_err
on_level(void *obj, const yousu_cfg_at *at, const char *name, const char *v,
    char *msg, size_t len)
{
	dept *p = section_dept(obj, at, msg, len);

	if (p == NULL || !first_time(p, K_LEVEL, name, msg, len))
		return YOUSU_CONFIG;
	if (!parse_level(v, &p->level)) {
		snprintf(msg, len,
		    "level '%s' is not township, county or city (乡镇, 县, "
		    "市)",
		    v);
		return YOUSU_CONFIG;
	}
	return YOUSU_OK;
}

/* --- lists: categories and keywords ---------------------------------- */

/* Length of the list separator at s (",", "，" or "、"), or 0. */
static size_t
separator(const char *s)
{
	if (s[0] == ',')
		return 1;
	if (strncmp(s, "\xEF\xBC\x8C", 3) == 0 ||
	    strncmp(s, "\xE3\x80\x81", 3) == 0)
		return 3;
	return 0;
}

/* Length of the blanks at s (ASCII space, tab, "　"). */
static size_t
blanks(const char *s)
{
	size_t n = 0;

	for (;;) {
		if (s[n] == ' ' || s[n] == '\t')
			n++;
		else if (strncmp(s + n, "\xE3\x80\x80", 3) == 0)
			n += 3;
		else
			return n;
	}
}

typedef yousu_err (*item_fn)(dept *p, const yousu_cfg_at *at, const char *item,
    size_t n, char *msg, size_t len);

/* Calls fn for each item of a list separated by "," "，" or "、",
 * blanks around each trimmed; empty items are skipped. */
static yousu_err
each_item(dept *p, const yousu_cfg_at *at, const char *v, item_fn fn, char *msg,
    size_t len)
{
	yousu_err rv;

	while (*v != '\0') {
		const char *s = v + blanks(v), *e = s;
		size_t n;

		while (*e != '\0' && separator(e) == 0)
			e++;
		v = *e ? e + separator(e) : e;
		for (n = (size_t) (e - s); n > 0;) {
			if (s[n - 1] == ' ' || s[n - 1] == '\t')
				n--;
			else if (n >= 3 &&
			         memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
				n -= 3;
			else
				break;
		}
		if (n > 0 && (rv = fn(p, at, s, n, msg, len)) != YOUSU_OK)
			return rv;
	}
	return YOUSU_OK;
}

static bool
listed(const char *const *items, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(items[i]) == len && memcmp(items[i], s, len) == 0)
			return true;
	return false;
}

static bool
category_code_ok(const char *s, size_t n)
{
	if (n == 0 || n >= 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		        (s[i] >= 'A' && s[i] <= 'Z') ||
		        (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		        s[i] == '-' || s[i] == '.'))
			return false;
	return true;
}

static yousu_err
add_category(dept *p, const yousu_cfg_at *at, const char *s, size_t n,
    char *msg, size_t len)
{
	if (!category_code_ok(s, n))
		snprintf(msg, len,
		    "category code '%.*s' must be 1-31 of a-z A-Z 0-9 _ - .",
		    (int) n, s);
	else if (listed(p->cats, p->ncats, s, n))
		snprintf(msg, len, "category '%.*s' listed twice for %s",
		    (int) n, s, p->code);
	else if (p->ncats == CATS_MAX)
		snprintf(
		    msg, len, "%s: more than %d categories", p->code, CATS_MAX);
	else if ((p->cats[p->ncats] = strndup(s, n)) == NULL)
		snprintf(msg, len, "out of memory");
	else {
		p->cat_line[p->ncats++] = at->line;
		return YOUSU_OK;
	}
	return YOUSU_CONFIG;
}

/* One word of a department's list (a keyword, an alias): what it is
 * called in messages, its length in characters, where it goes. */
typedef struct {
	const char *what, *plural, *why; /* why the shortest is long */
	int min, max;
	const char **list;
	size_t *n, cap;
} word_list;

static yousu_err
add_word(const dept *p, const word_list *w, const char *s, size_t n, char *msg,
    size_t len)
{
	int chars = (int) yousu_text_chars_n(s, n, false);

	if (chars < 0)
		snprintf(msg, len, "%s '%.*s' is not UTF-8 text", w->what,
		    (int) n, s);
	else if (chars < w->min || chars > w->max)
		snprintf(msg, len, "%s '%.*s' must have %d-%d characters%s",
		    w->what, (int) n, s, w->min, w->max, w->why);
	else if (listed(w->list, *w->n, s, n))
		snprintf(msg, len, "%s '%.*s' listed twice for %s", w->what,
		    (int) n, s, p->code);
	else if (*w->n == w->cap)
		snprintf(msg, len, "%s: more than %zu %s", p->code, w->cap,
		    w->plural);
	else if ((w->list[*w->n] = strndup(s, n)) == NULL)
		snprintf(msg, len, "out of memory");
	else {
		(*w->n)++;
		return YOUSU_OK;
	}
	return YOUSU_CONFIG;
}

static yousu_err
add_keyword(dept *p, const yousu_cfg_at *at, const char *s, size_t n, char *msg,
    size_t len)
{
	word_list w = {"keyword", "keywords",
	    " (one character would match too much)", 2, KW_CHARS, p->kws,
	    &p->nkws, KWS_MAX};

	(void) at;
	return add_word(p, &w, s, n, msg, len);
}

/* Another name of the department (人社局 for 人力资源和社会保障局): what a
 * 12345 form may call it. */
static yousu_err
add_alias(dept *p, const yousu_cfg_at *at, const char *s, size_t n, char *msg,
    size_t len)
{
	word_list w = {"alias", "aliases", "", 2, 32, p->aliases, &p->naliases,
	    ALIASES_MAX};

	(void) at;
	return add_word(p, &w, s, n, msg, len);
}

static yousu_err
on_aliases(void *obj, const yousu_cfg_at *at, const char *name, const char *v,
    char *msg, size_t len)
{
	dept *p = section_dept(obj, at, msg, len);

	(void) name;
	if (p == NULL)
		return YOUSU_CONFIG;
	return each_item(p, at, v, add_alias, msg, len);
}

static yousu_err
on_categories(void *obj, const yousu_cfg_at *at, const char *name,
    const char *v, char *msg, size_t len)
{
	dept *p = section_dept(obj, at, msg, len);

	(void) name;
	if (p == NULL)
		return YOUSU_CONFIG;
	return each_item(p, at, v, add_category, msg, len);
}

static yousu_err
on_keywords(void *obj, const yousu_cfg_at *at, const char *name, const char *v,
    char *msg, size_t len)
{
	dept *p = section_dept(obj, at, msg, len);

	(void) name;
	if (p == NULL)
		return YOUSU_CONFIG;
	return each_item(p, at, v, add_keyword, msg, len);
}

/* [dept] without a code */
static yousu_err
on_no_code(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	(void) obj, (void) name, (void) v;
	snprintf(
	    msg, len, "a department's section needs its code: [dept CODE]");
	return YOUSU_CONFIG;
}

#define SECT(k, fn)                                                     \
	{                                                               \
		"dept ", k, YOUSU_CFG_SECT, 0, 0, 0, 0, false, NULL, fn \
	}

static const yousu_cfg_key dept_keys[] = {
    {"departments", "", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_dept},
    {"dept", "", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_no_code},
    SECT("name", on_name),
    SECT("level", on_level),
    SECT("categories", on_categories),
    SECT("keywords", on_keywords),
    SECT("alias", on_aliases),
    SECT("contact", on_contact),
    SECT("phone", on_phone),
    {NULL},
};

/* --- loading --------------------------------------------------------- */

static yousu_err
check_complete(const yousu_depts *d, char *err, size_t errlen)
{
	if (d->n == 0) {
		snprintf(err, errlen,
		    "%s: the catalogue lists no department (one [dept CODE] "
		    "section each)",
		    d->path);
		return YOUSU_CONFIG;
	}
	for (size_t i = 0; i < d->n; i++) {
		const dept *p = &d->v[i];
		const char *miss = !(p->keys & K_NAME)    ? "name"
		                   : !(p->keys & K_LEVEL) ? "level"
		                                          : NULL;

		if (p->line > 0 && miss != NULL) {
			snprintf(err, errlen,
			    "%s:%d: [dept %s] has no %s (required)", d->path,
			    p->line, p->code, miss);
			return YOUSU_CONFIG;
		}
	}
	return YOUSU_OK;
}

yousu_err
yousu_depts_load(const char *path, yousu_depts **out, char *err, size_t errlen)
{
	yousu_depts *d = calloc(1, sizeof *d);
	yousu_err rv;

	if (d == NULL)
		return YOUSU_NOMEM;
	snprintf(d->path, sizeof d->path, "%s", path);
	rv = yousu_config_load(path, dept_keys, d, err, errlen);
	if (rv == YOUSU_OK)
		rv = check_complete(d, err, errlen);
	if (rv != YOUSU_OK) {
		yousu_depts_free(d);
		return rv;
	}
	*out = d;
	return YOUSU_OK;
}

yousu_err
yousu_depts_check(
    const yousu_depts *d, const yousu_policy *p, char *err, size_t errlen)
{
	char codes[512];
	const char *code, *body;
	int line;

	for (size_t i = 0; i < d->n; i++) {
		for (size_t j = 0; j < d->v[i].ncats; j++) {
			if (yousu_policy_category(p, d->v[i].cats[j]) != NULL)
				continue;
			yousu_policy_list_codes(p, 'c', codes, sizeof codes);
			snprintf(err, errlen,
			    "%s:%d: department %s: category '%s' is not in "
			    "the profile %s (%s)",
			    d->path, d->v[i].cat_line[j], d->v[i].code,
			    d->v[i].cats[j], yousu_policy_name(p), codes);
			return YOUSU_CONFIG;
		}
	}
	/* a class handled by a named body: the body is in the catalogue */
	for (size_t i = 0; (code = yousu_policy_class_at(p, i, &body, &line));
	     i++)
		if (body != NULL && find(d, body) == NULL) {
			snprintf(err, errlen,
			    "%s:%d: class %s is handled by department '%s', "
			    "which the catalogue %s does not list",
			    yousu_policy_path(p), line, code, body, d->path);
			return YOUSU_CONFIG;
		}
	return YOUSU_OK;
}

void
yousu_depts_free(yousu_depts *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		for (size_t j = 0; j < d->v[i].ncats; j++)
			free((void *) d->v[i].cats[j]);
		for (size_t j = 0; j < d->v[i].nkws; j++)
			free((void *) d->v[i].kws[j]);
		for (size_t j = 0; j < d->v[i].naliases; j++)
			free((void *) d->v[i].aliases[j]);
	}
	free(d->v);
	free(d);
}

/* --- accessors ------------------------------------------------------- */

const char *
yousu_depts_name(const yousu_depts *d, const char *code)
{
	const dept *p = find(d, code);

	return p ? p->name : NULL;
}

const char *
yousu_depts_label(const yousu_depts *d, const char *code)
{
	const char *n = d != NULL ? yousu_depts_name(d, code) : NULL;

	return n != NULL ? n : code;
}

bool
yousu_depts_known(const yousu_depts *d, const char *code)
{
	return find(d, code) != NULL;
}

yousu_err
yousu_depts_level(const yousu_depts *d, const char *code, yousu_level *out)
{
	const dept *p = find(d, code);

	if (p == NULL)
		return YOUSU_NOTFOUND;
	*out = p->level;
	return YOUSU_OK;
}

size_t
yousu_depts_count(const yousu_depts *d)
{
	return d->n;
}

bool
yousu_depts_get(const yousu_depts *d, size_t i, yousu_dept_info *out)
{
	const dept *p = i < d->n ? &d->v[i] : NULL;

	if (p == NULL)
		return false;
	*out = (yousu_dept_info){p->code, p->name, p->level, p->contact,
	    p->phone, p->cats, p->ncats, p->kws, p->nkws};
	return true;
}

const char *
yousu_level_name(yousu_level l)
{
	if ((size_t) l >= sizeof levels / sizeof levels[0])
		yousu_panic("depts: bad level %d", (int) l);
	return levels[l].name;
}

const char *
yousu_level_label(yousu_level l)
{
	if ((size_t) l >= sizeof levels / sizeof levels[0])
		yousu_panic("depts: bad level %d", (int) l);
	return levels[l].label;
}

/* --- routing --------------------------------------------------------- */

typedef struct {
	const dept *p;
	int score;
	bool cat;
	uint64_t hits; /* bit j: keyword j found (and not inside another) */
} cand;

/* Drops found keywords that lie inside a longer found one. */
static uint64_t
longest_hits(const dept *p, uint64_t hits)
{
	uint64_t keep = hits;

	for (size_t j = 0; j < p->nkws; j++) {
		for (size_t k = 0; (hits >> j & 1) && k < p->nkws; k++) {
			if (k != j && (hits >> k & 1) &&
			    strlen(p->kws[k]) > strlen(p->kws[j]) &&
			    strstr(p->kws[k], p->kws[j]) != NULL)
				keep &= ~((uint64_t) 1 << j);
		}
	}
	return keep;
}

static cand
score(const dept *p, const char *category, const char *content)
{
	cand c = {p, 0, false, 0};

	for (size_t j = 0; j < p->ncats && category != NULL; j++)
		if (strcmp(p->cats[j], category) == 0)
			c.cat = true;
	/* UTF-8 is self-synchronising: a byte match of a whole keyword
	 * starts and ends on character boundaries */
	for (size_t j = 0; j < p->nkws; j++)
		if (strstr(content, p->kws[j]) != NULL)
			c.hits |= (uint64_t) 1 << j;
	c.hits = longest_hits(p, c.hits);
	c.score = c.cat ? CAT_SCORE : 0;
	for (size_t j = 0; j < p->nkws; j++)
		if (c.hits >> j & 1)
			c.score += (int) yousu_utf8_chars(p->kws[j]);
	return c;
}

static int
by_score(const void *a, const void *b)
{
	const cand *x = a, *y = b;

	/* what the complaint says names the department; a category alone
	 * (every department's window can be 推诿 or 滞留) comes after */
	if ((x->hits != 0) != (y->hits != 0))
		return x->hits != 0 ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->p->code, y->p->code);
}

/* Whether keyword kw equals or lies inside one that a candidate before
 * c[i] found. */
static bool
covered(const cand *c, size_t i, const char *kw)
{
	for (size_t a = 0; a < i; a++)
		for (size_t k = 0; k < c[a].p->nkws; k++)
			if ((c[a].hits >> k & 1) &&
			    strstr(c[a].p->kws[k], kw) != NULL)
				return true;
	return false;
}

static yousu_route_role
role_of(const cand *c, size_t i)
{
	bool cat_before = false;

	if (i == 0)
		return YOUSU_ROUTE_LEAD;
	for (size_t a = 0; a < i; a++)
		cat_before = cat_before || c[a].cat;
	if (c[i].cat && !cat_before)
		return YOUSU_ROUTE_CO;
	for (size_t k = 0; k < c[i].p->nkws; k++)
		if ((c[i].hits >> k & 1) && !covered(c, i, c[i].p->kws[k]))
			return YOUSU_ROUTE_CO;
	return YOUSU_ROUTE_ALSO;
}

static void
fill_pick(yousu_route_pick *pk, const cand *c, yousu_route_role role)
{
	memset(pk, 0, sizeof *pk);
	pk->code = c->p->code;
	pk->role = role;
	pk->score = c->score;
	pk->category = c->cat;
	for (size_t k = 0; k < c->p->nkws; k++) {
		if (!(c->hits >> k & 1))
			continue;
		if (pk->nhits < YOUSU_ROUTE_HITS)
			pk->hits[pk->nhits++] = c->p->kws[k];
		pk->nfound++;
	}
}

void
yousu_depts_route(const yousu_depts *d, const char *category,
    const char *content, yousu_route *out)
{
	cand c[DEPTS_MAX];
	size_t n = 0;

	if (category != NULL && category[0] == '\0')
		category = NULL;
	for (size_t i = 0; i < d->n; i++) {
		c[n] = score(&d->v[i], category, content ? content : "");
		if (c[n].score > 0)
			n++;
	}
	qsort(c, n, sizeof c[0], by_score);
	out->n = n < YOUSU_ROUTE_MAX ? n : YOUSU_ROUTE_MAX;
	for (size_t i = 0; i < out->n; i++)
		fill_pick(&out->picks[i], &c[i], role_of(c, i));
}

void
yousu_route_set_lead(const yousu_depts *d, yousu_route *r, const char *code)
{
	const dept *x = find(d, code);
	yousu_route_pick pick = {0};
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < r->n && strcmp(r->picks[i].code, x->code) != 0; i++)
		;
	if (i < r->n) {
		pick = r->picks[i];
	} else { /* it matched nothing: added (the last dropped if full) */
		if (r->n < YOUSU_ROUTE_MAX)
			r->n++;
		i = r->n - 1;
		pick.code = x->code;
	}
	/* the old lead still brings its evidence: it co-handles */
	if (i > 0 && r->picks[0].role == YOUSU_ROUTE_LEAD)
		r->picks[0].role = YOUSU_ROUTE_CO;
	memmove(&r->picks[1], &r->picks[0], i * sizeof r->picks[0]);
	pick.role = YOUSU_ROUTE_LEAD;
	r->picks[0] = pick;
}

/* yousu_route_add_co adds department code to r as a co-handler (or
 * makes a listed one co-handle); the lead and unknown codes stay. */
void
yousu_route_add_co(const yousu_depts *d, yousu_route *r, const char *code)
{
	const dept *x = find(d, code);
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < r->n && strcmp(r->picks[i].code, x->code) != 0; i++)
		;
	if (i < r->n) {
		if (r->picks[i].role == YOUSU_ROUTE_ALSO)
			r->picks[i].role = YOUSU_ROUTE_CO;
		return;
	}
	if (r->n == YOUSU_ROUTE_MAX)
		return;
	r->picks[r->n++] = (yousu_route_pick){.code = x->code,
	    .role = r->n == 0 ? YOUSU_ROUTE_LEAD : YOUSU_ROUTE_CO};
}

/* yousu_depts_code_of: the code of the department text names: its code,
 * its name, or one of its aliases. */
const char *
yousu_depts_code_of(const yousu_depts *d, const char *text)
{
	for (size_t i = 0; text != NULL && i < d->n; i++) {
		const dept *x = &d->v[i];

		if (strcmp(x->code, text) == 0 || strcmp(x->name, text) == 0)
			return x->code;
		for (size_t j = 0; j < x->naliases; j++)
			if (strcmp(x->aliases[j], text) == 0)
				return x->code;
	}
	return NULL;
}

/* yousu_depts_closest: the code a mistyped one was meant to be. */
const char *
yousu_depts_closest(const yousu_depts *d, const char *text)
{
	const char *codes[256];
	size_t k = 0;

	for (size_t i = 0; i < d->n && k < 256; i++)
		codes[k++] = d->v[i].code;
	return yousu_text_closest(text, codes, k);
}

/* The core of a unit's name, into buf: without what is in brackets
 * (（社保窗口）) and without the place before the first 县 or 市 when
 * three characters or more follow it (沈丘县市场监督管理局 and
 * 县市场监督管理局 are both 市场监督管理局). */
static void
unit_core(const char *name, char *buf, size_t len)
{
	static const char *const places[] = {"县", "市"};
	size_t n = 0;
	const char *p, *cut;

	for (p = name; *p && n + 1 < len;) {
		if (strncmp(p, "（", 3) == 0 || *p == '(') {
			cut = strstr(p, *p == '(' ? ")" : "）");
			p = cut ? cut + (*cut == ')' ? 1 : 3) : p + strlen(p);
			continue;
		}
		buf[n++] = *p++;
	}
	buf[n] = '\0';
	for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
		cut = strstr(buf, places[i]);
		if (cut != NULL && yousu_utf8_chars(cut + 3) >= 3) {
			memmove(buf, cut + 3, strlen(cut + 3) + 1);
			return;
		}
	}
}

/* yousu_depts_match_unit returns the code of the department a unit
 * named in free text is (a 12345 form's 主办单位 "沈丘县市场监督管理局" is
 * 县市场监督管理局（商事登记窗口）), or NULL: the one whose name's core
 * equals the text's, else the one whose core holds the text's or is held
 * by it, the longest such first. */
const char *
yousu_depts_match_unit(const yousu_depts *d, const char *text)
{
	char want[256], core[256];
	const char *pick = NULL;
	size_t best = 0, n;

	if (text == NULL)
		return NULL;
	unit_core(text, want, sizeof want);
	if (yousu_utf8_chars(want) < 2)
		return NULL;
	for (size_t i = 0; i < d->n; i++) {
		const dept *x = &d->v[i];

		unit_core(x->name, core, sizeof core);
		if (strcmp(core, want) == 0)
			return x->code;
		n = strstr(core, want) ? strlen(want)
		    : strstr(want, core) && yousu_utf8_chars(core) >= 3
		        ? strlen(core)
		        : 0;
		/* an alias the text ends with (项城市人社局 → 人社局) */
		for (size_t j = 0; j < x->naliases; j++) {
			size_t a = strlen(x->aliases[j]), w = strlen(want);

			if (a <= w && strcmp(want + w - a, x->aliases[j]) == 0)
				return x->code;
		}
		if (n > best) {
			best = n;
			pick = x->code;
		}
	}
	return pick;
}

const char *
yousu_route_role_name(yousu_route_role r)
{
	static const char *const names[] = {"lead", "co", "also"};

	if ((size_t) r >= sizeof names / sizeof names[0])
		yousu_panic("depts: bad route role %d", (int) r);
	return names[r];
}

/* --- as JSON --------------------------------------------------------- */

static cJSON *
string_list(const char *const *items, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a != NULL && i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(items[i]));
	return a;
}

cJSON *
yousu_depts_json(const yousu_depts *d)
{
	cJSON *all = cJSON_CreateArray(), *o;

	for (size_t i = 0; all != NULL && i < d->n; i++) {
		const dept *p = &d->v[i];

		if ((o = cJSON_CreateObject()) == NULL) {
			cJSON_Delete(all);
			return NULL;
		}
		yousu__jset_str(o, "code", p->code);
		yousu__jset_str(o, "name", p->name);
		yousu__jset_str(o, "level", levels[p->level].name);
		yousu__jset_str(o, "level_label", levels[p->level].label);
		yousu__jset(o, "categories", string_list(p->cats, p->ncats));
		yousu__jset(o, "keywords", string_list(p->kws, p->nkws));
		yousu__jset(o, "aliases", string_list(p->aliases, p->naliases));
		yousu__jset_str(o, "contact", p->contact);
		yousu__jset_str(o, "phone", p->phone);
		cJSON_AddItemToArray(all, o);
	}
	return all;
}

/* "handles category blocked; keywords 房产证, 网签" */
static void
pick_reason(
    const yousu_route_pick *pk, const char *category, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	if (pk->category)
		off += (size_t) snprintf(
		    buf, len, "handles category %s", category);
	for (size_t k = 0; k < pk->nhits && off < len; k++)
		off += (size_t) snprintf(buf + off, len - off, "%s%s",
		    k > 0     ? ", "
		    : off > 0 ? "; keywords "
		              : "keywords ",
		    pk->hits[k]);
	if (pk->nfound > pk->nhits && off < len)
		off += (size_t) snprintf(buf + off, len - off, " (+%zu more)",
		    pk->nfound - pk->nhits);
	if (pk->role == YOUSU_ROUTE_ALSO && off < len)
		snprintf(buf + off, len - off,
		    "%sno more than the departments above",
		    off > 0 ? ": " : "");
}

static cJSON *
pick_json(
    const yousu_depts *d, const yousu_route_pick *pk, const char *category)
{
	const dept *p = find(d, pk->code);
	cJSON *o = cJSON_CreateObject();
	char reason[512];

	if (p == NULL)
		yousu_panic("depts: a route names '%s', not in its catalogue",
		    pk->code);
	pick_reason(pk, category, reason, sizeof reason);
	yousu__jset_str(o, "code", p->code);
	yousu__jset_str(o, "name", p->name);
	yousu__jset_str(o, "level", levels[p->level].name);
	yousu__jset_str(o, "level_label", levels[p->level].label);
	yousu__jset_int(o, "score", pk->score);
	yousu__jset_bool(o, "category", pk->category);
	yousu__jset(o, "keywords", string_list(pk->hits, pk->nhits));
	yousu__jset_int(o, "found", (int64_t) pk->nfound);
	yousu__jset_str(o, "reason", reason);
	return o;
}

cJSON *
yousu_route_json(
    const yousu_depts *d, const char *category, const yousu_route *r)
{
	cJSON *o = cJSON_CreateObject(), *co = cJSON_CreateArray();
	cJSON *also = cJSON_CreateArray(), *lv = cJSON_CreateArray();
	unsigned seen = 0;

	if (o == NULL || co == NULL || also == NULL || lv == NULL) {
		cJSON_Delete(o), cJSON_Delete(co), cJSON_Delete(also);
		cJSON_Delete(lv);
		return NULL;
	}
	yousu__jset(o, "lead",
	    r->n > 0 ? pick_json(d, &r->picks[0], category)
	             : cJSON_CreateNull());
	for (size_t i = 1; i < r->n; i++)
		cJSON_AddItemToArray(
		    r->picks[i].role == YOUSU_ROUTE_CO ? co : also,
		    pick_json(d, &r->picks[i], category));
	for (size_t i = 0; i < r->n; i++)
		if (r->picks[i].role != YOUSU_ROUTE_ALSO)
			seen |= 1u << find(d, r->picks[i].code)->level;
	for (size_t l = 0; l < sizeof levels / sizeof levels[0]; l++)
		if (seen >> l & 1)
			cJSON_AddItemToArray(
			    lv, cJSON_CreateString(levels[l].name));
	yousu__jset(o, "co", co);
	yousu__jset(o, "also", also);
	yousu__jset(o, "levels", lv);
	yousu__jset_bool(o, "cross_level", cJSON_GetArraySize(lv) > 1);
	return o;
}
