#include <errno.h>
#include <ini.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yousu/config.h"

#define CFG_MAX_KEYS 128

/* libinih reads a line into INI_MAX_LINE (200) bytes with its "\r\n" and
 * NUL and silently splits a longer one, which also shifts the numbers of
 * the lines after it: refuse lines of CFG_MAX_LINE bytes or more. */
#define CFG_MAX_LINE 199

typedef struct {
	const yousu_cfg_key *table;
	void **objs; /* the object each key of table fills */
	void *obj;   /* the current key's */
	const char *path;
	FILE *f;
	int line;            /* lines read so far */
	int msg_line;        /* the line msg is about */
	int section_line;    /* the latest [section] header */
	bool opened;         /* no key read since that header */
	bool after_key;      /* a key read since that header */
	const char *section; /* the section of the key being applied */
	char msg[512];
	bool stop; /* the reader found a mistake of its own (msg, msg_line) */
	/* every [section] header so far, "name\0" after "name\0", and the
	 * line of each: a section is given once */
	char *sections;
	size_t sections_len;
	int *section_lines;
	size_t nsections;
	unsigned char seen[CFG_MAX_KEYS];
	int sect_line[CFG_MAX_KEYS]; /* the first header of each key's section
	                              */
} cfg_ctx;

yousu_err
yousu_config_check_lines(const char *path, size_t max, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	size_t col = 0;
	int line = 1, c;

	if (f == NULL) {
		snprintf(
		    err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return YOUSU_CONFIG;
	}
	while ((c = fgetc(f)) != EOF) {
		if (c == '\n') {
			line++;
			col = 0;
		} else if (++col >= max) {
			snprintf(err, errlen,
			    "%s:%d: line too long (max %zu bytes)", path, line,
			    max - 1);
			fclose(f);
			return YOUSU_CONFIG;
		}
	}
	fclose(f);
	return YOUSU_OK;
}

static bool
section_matches(const yousu_cfg_key *k, const char *section)
{
	size_t n = strlen(k->section);

	if (k->type == YOUSU_CFG_SECT)
		return strncmp(k->section, section, n) == 0 &&
		       section[n] != '\0';
	return strcmp(k->section, section) == 0;
}

static bool
key_matches(const yousu_cfg_key *k, const char *section, const char *name)
{
	size_t n = strlen(k->name);
	bool custom = k->type == YOUSU_CFG_FUNC || k->type == YOUSU_CFG_SECT ||
	              k->type == YOUSU_CFG_AT;

	if (!section_matches(k, section))
		return false;
	if (custom && n == 0)
		return true; /* any key of the section */
	if (custom && k->name[n - 1] == '.')
		return strncmp(k->name, name, n) == 0 && name[n] != '\0';
	return strcmp(k->name, name) == 0;
}

static yousu_err
parse_bool(const char *v, bool *out)
{
	static const char *yes[] = {"yes", "true", "on", "1"};
	static const char *no[] = {"no", "false", "off", "0"};

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return YOUSU_OK;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return YOUSU_OK;
		}
	}
	return YOUSU_INVAL;
}

static yousu_err
set_path(cfg_ctx *c, const yousu_cfg_key *k, const char *v)
{
	char *dst = (char *) c->obj + k->offset;
	const char *slash = strrchr(c->path, '/');
	int n;

	if (v[0] == '/' || slash == NULL)
		n = snprintf(dst, k->len, "%s", v);
	else
		n = snprintf(dst, k->len, "%.*s/%s", (int) (slash - c->path),
		    c->path, v);
	if (n < 0 || (size_t) n >= k->len) {
		snprintf(c->msg, sizeof c->msg, "%s: path too long", k->name);
		return YOUSU_CONFIG;
	}
	return YOUSU_OK;
}

static yousu_err
call_sect(cfg_ctx *c, const yousu_cfg_key *k, const char *name, const char *v)
{
	size_t n =
	    k->type == YOUSU_CFG_SECT ? strlen(k->section) : strlen(c->section);
	yousu_cfg_at at = {
	    c->path, c->section + n, c->line, c->section_line, c->opened};

	return k->sfn(c->obj, &at, name, v, c->msg, sizeof c->msg);
}

static yousu_err
set_value(cfg_ctx *c, const yousu_cfg_key *k, const char *name, const char *v)
{
	char *field = (char *) c->obj + k->offset;
	char *end;
	long l;

	switch (k->type) {
	case YOUSU_CFG_STR:
		if (strlen(v) >= k->len) {
			snprintf(c->msg, sizeof c->msg,
			    "%s: value too long (max %zu bytes)", name,
			    k->len - 1);
			return YOUSU_CONFIG;
		}
		memcpy(field, v, strlen(v) + 1);
		return YOUSU_OK;
	case YOUSU_CFG_PATH:
		return set_path(c, k, v);
	case YOUSU_CFG_INT:
		errno = 0;
		l = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || l < k->min ||
		    l > k->max) {
			snprintf(c->msg, sizeof c->msg,
			    "%s: '%s' is not a whole number in %ld..%ld", name,
			    v, k->min, k->max);
			return YOUSU_CONFIG;
		}
		*(int *) field = (int) l;
		return YOUSU_OK;
	case YOUSU_CFG_BOOL:
		if (parse_bool(v, (bool *) field) != YOUSU_OK) {
			snprintf(c->msg, sizeof c->msg,
			    "%s: '%s' is not yes or no", name, v);
			return YOUSU_CONFIG;
		}
		return YOUSU_OK;
	case YOUSU_CFG_FUNC:
		return k->fn(c->obj, name, v, c->msg, sizeof c->msg);
	case YOUSU_CFG_SECT:
	case YOUSU_CFG_AT:
		return call_sect(c, k, name, v);
	}
	yousu_panic("config: bad key type %d", (int) k->type);
}

/* A key that stands for many (a FUNC prefix "class." or any key "", and
 * every SECT and AT key) may repeat, its handler deciding; any other key
 * is given once. */
static bool
may_repeat(const yousu_cfg_key *k)
{
	size_t n = strlen(k->name);

	if (k->type == YOUSU_CFG_SECT || k->type == YOUSU_CFG_AT)
		return true;
	return k->type == YOUSU_CFG_FUNC && (n == 0 || k->name[n - 1] == '.');
}

static int
apply_key(cfg_ctx *c, const char *section, const char *name, const char *value)
{
	size_t i;

	for (i = 0; c->table[i].section != NULL; i++)
		if (key_matches(&c->table[i], section, name))
			break;
	c->obj = c->objs[i];
	if (c->table[i].section == NULL) {
		snprintf(c->msg, sizeof c->msg, "unknown key '%s' in [%s]",
		    name, section);
		return 0;
	}
	if (c->seen[i] && !may_repeat(&c->table[i])) {
		snprintf(c->msg, sizeof c->msg, "key '%s' in [%s] given twice",
		    name, section);
		return 0;
	}
	c->seen[i] = 1;
	if (value[0] == '\0' && c->table[i].type != YOUSU_CFG_STR) {
		snprintf(c->msg, sizeof c->msg, "%s: empty value", name);
		return 0;
	}
	return set_value(c, &c->table[i], name, value) == YOUSU_OK ? 1 : 0;
}

static int
on_key(void *user, const char *section, const char *name, const char *value)
{
	cfg_ctx *c = user;
	int ok;

	if (c->msg[0] != '\0')
		return 1; /* keep the first error only */
	c->section = section;
	ok = apply_key(c, section, name, value);
	c->opened = false;
	c->after_key = true;
	if (ok)
		return 1;
	c->msg_line = c->line;
	return 0;
}

/* The line where section name (n bytes) was given before, or 0; else it
 * is remembered as given at this line. -1 when out of memory. */
static int
section_seen(cfg_ctx *c, const char *name, size_t n)
{
	const char *p = c->sections;
	char *grown;
	int *lines;

	for (size_t i = 0; i < c->nsections; i++, p += strlen(p) + 1)
		if (strlen(p) == n && memcmp(p, name, n) == 0)
			return c->section_lines[i];
	grown = realloc(c->sections, c->sections_len + n + 1);
	if (grown != NULL)
		c->sections = grown;
	lines = realloc(c->section_lines, (c->nsections + 1) * sizeof *lines);
	if (lines != NULL)
		c->section_lines = lines;
	if (grown == NULL || lines == NULL)
		return -1;
	memcpy(c->sections + c->sections_len, name, n);
	c->sections[c->sections_len + n] = '\0';
	c->sections_len += n + 1;
	c->section_lines[c->nsections++] = c->line;
	return 0;
}

/* A [section] given a second time would be merged into the first by
 * libinih: refused, naming the first. */
static void
check_section_once(cfg_ctx *c, const char *p)
{
	const char *end = strchr(p + 1, ']');
	int first;

	if (end == NULL || c->msg[0] != '\0')
		return; /* libinih's syntax error, or an earlier one */
	/* [dept CODE], [area NAME] ...: their handlers know when a name may
	 * come again (a township's name in two counties) */
	for (size_t i = 0; c->table[i].section != NULL; i++)
		if (c->table[i].type == YOUSU_CFG_SECT &&
		    strncmp(p + 1, c->table[i].section,
		        strlen(c->table[i].section)) == 0)
			return;
	first = section_seen(c, p + 1, (size_t) (end - p - 1));
	if (first == 0)
		return;
	if (first < 0)
		snprintf(c->msg, sizeof c->msg, "out of memory");
	else
		snprintf(c->msg, sizeof c->msg,
		    "section [%.*s] given twice (first at line %d)",
		    (int) (end - p - 1), p + 1, first);
	c->msg_line = c->line;
	c->stop = true;
}

/* Notes a line libinih takes as a [section] header: '[' first after
 * blanks, unless it is indented after a key (a continuation line). */
static void
note_header(cfg_ctx *c, const char *s)
{
	const char *p = s;

	if (c->line == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '[' || (p != s && c->after_key))
		return;
	check_section_once(c, p);
	c->section_line = c->line;
	/* where a required key missing from this section should have been */
	for (size_t i = 0; c->table[i].section != NULL; i++) {
		size_t n = strlen(c->table[i].section);

		if (c->table[i].type != YOUSU_CFG_SECT &&
		    c->sect_line[i] == 0 &&
		    strncmp(p + 1, c->table[i].section, n) == 0 &&
		    p[1 + n] == ']')
			c->sect_line[i] = c->line;
	}
	c->opened = true;
	c->after_key = false;
}

/* libinih's reader: fgets, counting lines so that a handler's error can
 * be told from an earlier syntax error, and noting section headers. */
static char *
read_line(char *buf, int size, void *stream)
{
	cfg_ctx *c = stream;
	char *s = c->stop ? NULL : fgets(buf, size, c->f);

	if (s != NULL) {
		c->line++;
		note_header(c, s);
	}
	return c->stop ? NULL : s;
}

static yousu_err
check_required(cfg_ctx *c, char *err, size_t errlen)
{
	for (size_t i = 0; c->table[i].section != NULL; i++) {
		if (c->table[i].required && !c->seen[i] && c->sect_line[i]) {
			snprintf(err, errlen,
			    "%s:%d: missing required key '%s' in [%s]", c->path,
			    c->sect_line[i], c->table[i].name,
			    c->table[i].section);
			return YOUSU_CONFIG;
		}
		if (c->table[i].required && !c->seen[i]) {
			snprintf(err, errlen,
			    "%s: missing section [%s] (with its key '%s')",
			    c->path, c->table[i].section, c->table[i].name);
			return YOUSU_CONFIG;
		}
	}
	return YOUSU_OK;
}

/* The keys of every table in one, with the object each fills. */
static yousu_err
merge(const yousu_cfg_key *const *tables, void *const *objs, size_t n,
    yousu_cfg_key *keys, void **kobjs)
{
	size_t k = 0;

	for (size_t t = 0; t < n; t++)
		for (size_t i = 0; tables[t] && tables[t][i].section; i++) {
			if (k + 1 >= CFG_MAX_KEYS)
				yousu_panic("config: tables too large");
			kobjs[k] = objs[t];
			keys[k++] = tables[t][i];
		}
	keys[k] = (yousu_cfg_key){NULL};
	kobjs[k] = NULL;
	return YOUSU_OK;
}

yousu_err
yousu_config_load_tables(const char *path, const yousu_cfg_key *const *tables,
    void *const *objs, size_t n, char *err, size_t errlen)
{
	yousu_cfg_key keys[CFG_MAX_KEYS];
	void *kobjs[CFG_MAX_KEYS];
	cfg_ctx c = {.table = keys, .objs = kobjs, .path = path};
	yousu_err rv;
	int line;

	merge(tables, objs, n, keys, kobjs);
	if ((rv = yousu_config_check_lines(path, CFG_MAX_LINE, err, errlen)) !=
	    0)
		return rv;
	if ((c.f = fopen(path, "r")) == NULL) {
		snprintf(
		    err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return YOUSU_CONFIG;
	}
	line = ini_parse_stream(read_line, &c, on_key, &c);
	fclose(c.f);
	free(c.sections);
	free(c.section_lines);
	if (c.stop && (line == 0 || line > c.msg_line))
		line = c.msg_line;
	if (line != 0) {
		snprintf(err, errlen, "%s:%d: %s", path, line,
		    c.msg[0] && c.msg_line == line
		        ? c.msg
		        : "syntax error (expected [section] or key = value)");
		return YOUSU_CONFIG;
	}
	return check_required(&c, err, errlen);
}

yousu_err
yousu_config_load(const char *path, const yousu_cfg_key *table, void *obj,
    char *err, size_t errlen)
{
	return yousu_config_load_tables(path, &table, &obj, 1, err, errlen);
}
