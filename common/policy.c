#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/config.h"
#include "yousu/policy.h"

#define POLICY_MAX_ITEMS 32
#define UNSET            (-1)

typedef struct {
	char code[32];
	char label[160];
	char channel[160];
} policy_item;

struct yousu_policy {
	char name[64];
	char title[160];
	int limit_default;
	int limit_class[3];  /* A, B, C */
	int limit_nature[4]; /* general, cannot, hard, refused */
	int limit_level[3];  /* 1, 2, 3 */
	int limit_multi;
	int reminder_days;
	int notice_days;
	char notice_cc[128];
	char notice_report_to[128];
	int extension_max;
	int seq_digits;
	char extension_approver[64];
	policy_item cats[POLICY_MAX_ITEMS];
	size_t ncats;
	policy_item refusals[POLICY_MAX_ITEMS];
	size_t nrefusals;
};

static const char *const natures[] = {"general", "cannot", "hard", "refused"};

static int
nature_index(const char *n)
{
	for (int i = 0; i < 4; i++)
		if (n != NULL && strcmp(n, natures[i]) == 0)
			return i;
	return -1;
}

static yousu_err
parse_days(const char *v, int *out, char *msg, size_t len, const char *k)
{
	char *end;
	long l = strtol(v, &end, 10);

	if (end == v || *end != '\0' || l < 0 || l > 60) {
		snprintf(msg, len,
		    "%s: '%s' is not a number of working days in 0..60", k, v);
		return YOUSU_CONFIG;
	}
	*out = (int) l;
	return YOUSU_OK;
}

/* [limits] class.A, nature.cannot, level.1 */
static yousu_err
on_limit(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;
	const char *sub = strchr(name, '.') + 1;
	int *slot = NULL;

	if (strncmp(name, "class.", 6) == 0 && strlen(sub) == 1 &&
	    sub[0] >= 'A' && sub[0] <= 'C')
		slot = &p->limit_class[sub[0] - 'A'];
	else if (strncmp(name, "nature.", 7) == 0 && nature_index(sub) >= 0)
		slot = &p->limit_nature[nature_index(sub)];
	else if (strncmp(name, "level.", 6) == 0 && strlen(sub) == 1 &&
	         sub[0] >= '1' && sub[0] <= '3')
		slot = &p->limit_level[sub[0] - '1'];
	if (slot == NULL) {
		snprintf(msg, len,
		    "unknown limit '%s' (classes A/B/C, natures "
		    "general/cannot/hard/refused, levels 1..3)",
		    name);
		return YOUSU_CONFIG;
	}
	if (*slot != UNSET) {
		snprintf(msg, len, "limit '%s' given twice", name);
		return YOUSU_CONFIG;
	}
	return parse_days(v, slot, msg, len, name);
}

static yousu_err
add_item(policy_item *items, size_t *n, const char *code, const char *v,
    bool with_channel, char *msg, size_t len)
{
	policy_item *it;
	const char *bar = strchr(v, '|');

	if (*n == POLICY_MAX_ITEMS) {
		snprintf(
		    msg, len, "too many entries (max %d)", POLICY_MAX_ITEMS);
		return YOUSU_CONFIG;
	}
	for (size_t i = 0; i < *n; i++)
		if (strcmp(items[i].code, code) == 0) {
			snprintf(msg, len, "'%s' given twice", code);
			return YOUSU_CONFIG;
		}
	if (strlen(code) >= sizeof it->code) {
		snprintf(msg, len, "code '%s' too long", code);
		return YOUSU_CONFIG;
	}
	if (with_channel && (bar == NULL || bar[1] == '\0' || bar == v ||
	                        strspn(v, " ") == (size_t) (bar - v))) {
		snprintf(msg, len,
		    "%s: expected 'ground | channel to use instead'", code);
		return YOUSU_CONFIG;
	}
	it = &items[*n];
	snprintf(it->code, sizeof it->code, "%s", code);
	snprintf(it->label, sizeof it->label, "%.*s",
	    (int) (with_channel ? (size_t) (bar - v) : strlen(v)), v);
	if (with_channel)
		snprintf(it->channel, sizeof it->channel, "%s", bar + 1);
	/* trim the spaces around the bar */
	for (size_t l = strlen(it->label); l > 0 && it->label[l - 1] == ' ';)
		it->label[--l] = '\0';
	memmove(it->channel, it->channel + strspn(it->channel, " "),
	    strlen(it->channel + strspn(it->channel, " ")) + 1);
	(*n)++;
	return YOUSU_OK;
}

static yousu_err
on_category(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;

	return add_item(p->cats, &p->ncats, name, v, false, msg, len);
}

static yousu_err
on_refusal(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;

	return add_item(p->refusals, &p->nrefusals, name, v, true, msg, len);
}

#define OFF(f) offsetof(yousu_policy, f)
#define STR(s, k, f, req)                                                     \
	{                                                                     \
		s, k, YOUSU_CFG_STR, OFF(f), sizeof(((yousu_policy *) 0)->f), \
		    0, 0, req, NULL                                           \
	}
#define INT(s, k, f, lo, hi, req)                                 \
	{                                                         \
		s, k, YOUSU_CFG_INT, OFF(f), 0, lo, hi, req, NULL \
	}
#define FN(s, k, fn)                                        \
	{                                                   \
		s, k, YOUSU_CFG_FUNC, 0, 0, 0, 0, false, fn \
	}

static const yousu_cfg_key policy_keys[] = {
    STR("profile", "name", name, true),
    STR("profile", "title", title, true),
    INT("limits", "default", limit_default, 0, 60, true),
    INT("limits", "multi_department", limit_multi, 0, 60, false),
    FN("limits", "class.", on_limit),
    FN("limits", "nature.", on_limit),
    FN("limits", "level.", on_limit),
    INT("escalation", "reminder_before_days", reminder_days, 0, 30, true),
    INT("escalation", "notice_after_days", notice_days, 1, 30, true),
    STR("escalation", "notice_cc", notice_cc, true),
    STR("escalation", "notice_report_to", notice_report_to, true),
    INT("extension", "max_days", extension_max, 0, 60, true),
    INT("numbering", "seq_digits", seq_digits, 2, 6, false),
    STR("extension", "approver", extension_approver, true),
    FN("categories", "", on_category),
    FN("refusals", "", on_refusal),
    {NULL},
};

static yousu_err
policy_check(const yousu_policy *p, const char *path, char *err, size_t errlen)
{
	if (p->ncats == 0) {
		snprintf(
		    err, errlen, "%s: [categories] lists no category", path);
		return YOUSU_CONFIG;
	}
	if (p->nrefusals == 0) {
		snprintf(err, errlen, "%s: [refusals] lists no refusal ground",
		    path);
		return YOUSU_CONFIG;
	}
	return YOUSU_OK;
}

yousu_err
yousu_policy_load(
    const char *path, yousu_policy **out, char *err, size_t errlen)
{
	yousu_policy *p = calloc(1, sizeof *p);
	yousu_err rv;

	if (p == NULL)
		return YOUSU_NOMEM;
	p->limit_multi = UNSET;
	p->seq_digits = 3;
	for (int i = 0; i < 4; i++)
		p->limit_nature[i] = UNSET;
	for (int i = 0; i < 3; i++)
		p->limit_class[i] = p->limit_level[i] = UNSET;
	rv = yousu_config_load(path, policy_keys, p, err, errlen);
	if (rv == YOUSU_OK)
		rv = policy_check(p, path, err, errlen);
	if (rv != YOUSU_OK) {
		free(p);
		return rv;
	}
	*out = p;
	return YOUSU_OK;
}

void
yousu_policy_free(yousu_policy *p)
{
	free(p);
}

const char *
yousu_policy_name(const yousu_policy *p)
{
	return p->name;
}

const char *
yousu_policy_title(const yousu_policy *p)
{
	return p->title;
}

static int
max_set(int best, int v)
{
	return v != UNSET && v > best ? v : best;
}

int
yousu_policy_limit(const yousu_policy *p, const yousu_policy_case *c)
{
	int best = UNSET;

	if (c->klass != NULL && c->klass[0] >= 'A' && c->klass[0] <= 'C' &&
	    c->klass[1] == '\0')
		best = max_set(best, p->limit_class[c->klass[0] - 'A']);
	if (nature_index(c->nature) >= 0)
		best = max_set(best, p->limit_nature[nature_index(c->nature)]);
	if (c->level >= 1 && c->level <= 3)
		best = max_set(best, p->limit_level[c->level - 1]);
	if (c->departments > 1)
		best = max_set(best, p->limit_multi);
	return best == UNSET ? p->limit_default : best;
}

int
yousu_policy_reminder_days(const yousu_policy *p)
{
	return p->reminder_days;
}

int
yousu_policy_notice_days(const yousu_policy *p)
{
	return p->notice_days;
}

const char *
yousu_policy_notice_cc(const yousu_policy *p)
{
	return p->notice_cc;
}

const char *
yousu_policy_notice_report_to(const yousu_policy *p)
{
	return p->notice_report_to;
}

int
yousu_policy_seq_digits(const yousu_policy *p)
{
	return p->seq_digits;
}

int
yousu_policy_extension_max(const yousu_policy *p)
{
	return p->extension_max;
}

const char *
yousu_policy_extension_approver(const yousu_policy *p)
{
	return p->extension_approver;
}

static const policy_item *
find_item(const policy_item *items, size_t n, const char *code)
{
	for (size_t i = 0; code != NULL && i < n; i++)
		if (strcmp(items[i].code, code) == 0)
			return &items[i];
	return NULL;
}

const char *
yousu_policy_category(const yousu_policy *p, const char *code)
{
	const policy_item *it = find_item(p->cats, p->ncats, code);

	return it ? it->label : NULL;
}

const char *
yousu_policy_refusal(
    const yousu_policy *p, const char *code, const char **channel)
{
	const policy_item *it = find_item(p->refusals, p->nrefusals, code);

	if (it == NULL)
		return NULL;
	*channel = it->channel;
	return it->label;
}

void
yousu_policy_list_codes(
    const yousu_policy *p, char which, char *buf, size_t len)
{
	const policy_item *items = which == 'c' ? p->cats : p->refusals;
	size_t n = which == 'c' ? p->ncats : p->nrefusals, off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && off < len; i++)
		off += (size_t) snprintf(
		    buf + off, len - off, "%s%s", i ? ", " : "", items[i].code);
}
