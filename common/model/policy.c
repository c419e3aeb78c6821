#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/columns.h"
#include "yousu/config.h"
#include "yousu/json.h"
#include "yousu/policy.h"
#include "yousu/utf8.h"

#define POLICY_MAX_ITEMS   32
#define POLICY_MAX_CLASSES 8
#define UNSET              (-1)

typedef struct {
	char code[32];
	char label[160];
	char channel[160];
} policy_item;

/* A class of [classes] (000 二(五)一: A, B, C): who handles it and its
 * limit (from [limits] class.CODE). */
typedef struct {
	char code[9];
	char label[160];
	char dept[32]; /* the department that handles it, or "" */
	int line;      /* where it is declared, for the catalogue check */
	int limit;
} policy_class;

/* A column of the ledger ([ledger] column = KIND | 表头). */
typedef struct {
	char kind[24];
	char label[128];
	int line; /* where it is listed, for the duplicate check */
} policy_column;

struct yousu_policy {
	char path[512];
	char name[64];
	char title[160];
	int limit_default;
	int limit_nature[4]; /* general, cannot, hard, refused */
	int limit_level[3];  /* 1, 2, 3 */
	int limit_multi;
	int limit_multi_level;
	int feedback_level[3]; /* first-feedback days by response level */
	policy_class classes[POLICY_MAX_CLASSES];
	size_t nclasses;
	char leading_group[128];
	bool cannot_basis; /* a "cannot" reply must cite its basis */
	char cannot_report_to[128];
	char evaluation_to[160];
	int reminder_days;
	int notice_days;
	int notice_source[4]; /* by source (window, hotline, online, transfer)
	                       */
	int assign_days;      /* assigned within so many working days */
	char notice_cc[128];
	char notice_report_to[128];
	int extension_max;
	int seq_digits;
	char extension_approver[64];
	policy_item cats[POLICY_MAX_ITEMS];
	size_t ncats;
	policy_item refusals[POLICY_MAX_ITEMS];
	size_t nrefusals;
	char ledger_title[160];
	policy_column columns[YOUSU_LEDGER_MAX_COLUMNS];
	size_t ncolumns;
	policy_column fields[YOUSU_LEDGER_MAX_COLUMNS]; /* [workorder] */
	size_t nfields;
	bool bare_number;   /* forms show the number without the centre */
	int plan_natures;   /* [plans] natures: bit per nature; UNSET: any */
	bool plan_multi;    /* [plans] multi_department: any with several */
	int plan_max_days;  /* [plans] max_days: a commitment's longest */
	int explain_levels; /* [explanation] levels: bit per response level */
	bool explain_multi; /* [explanation] multi_department */
	int round_sample;   /* [visit] round_sample: a visit round's size */
	int visit_attempts; /* [visit] attempts: failed calls to 无法回访 */
	int contact_hours;  /* [response] contact_within_hours */
	int repeat_days;    /* [repeats] window_days */
	int rank_w[4];      /* [ranking] weights; all UNSET: equal */
	int visit_days;     /* [visit] attempt_days: over this many days */
	int recheck_on;     /* [visit] recheck_on: bit 0 unsatisfied, 1
	                       unresolved */
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

static policy_class *
find_class(const yousu_policy *p, const char *code)
{
	for (size_t i = 0; code != NULL && i < p->nclasses; i++)
		if (strcmp(p->classes[i].code, code) == 0)
			return (policy_class *) &p->classes[i];
	return NULL;
}

/* [limits] class.A, nature.cannot, level.1 */
static yousu_err
on_limit(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;
	const char *sub = strchr(name, '.') + 1;
	policy_class *k;
	int *slot = NULL;
	char codes[128];

	if (strncmp(name, "class.", 6) == 0) {
		if ((k = find_class(p, sub)) == NULL) {
			yousu_policy_list_codes(p, 'k', codes, sizeof codes);
			snprintf(msg, len,
			    "unknown class '%s' in '%s': [classes] (before "
			    "[limits]) declares %s",
			    sub, name, p->nclasses ? codes : "none");
			return YOUSU_CONFIG;
		}
		slot = &k->limit;
	} else if (strncmp(name, "nature.", 7) == 0 && nature_index(sub) >= 0)
		slot = &p->limit_nature[nature_index(sub)];
	else if (strncmp(name, "level.", 6) == 0 && strlen(sub) == 1 &&
	         sub[0] >= '1' && sub[0] <= '3')
		slot = &p->limit_level[sub[0] - '1'];
	if (slot == NULL) {
		snprintf(msg, len,
		    "unknown limit '%s' (class.CODE of [classes], natures "
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

/* [plans] natures = hard, refused: the natures whose department may
 * answer with a plan (解决方案) and a committed date */
static yousu_err
on_plan_natures(
    void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;
	char buf[256], *save = NULL;
	int bits = 0;

	snprintf(buf, sizeof buf, "%s", v);
	for (char *t = strtok_r(buf, ", ", &save); t != NULL;
	     t = strtok_r(NULL, ", ", &save)) {
		if (nature_index(t) < 0) {
			snprintf(msg, len,
			    "%s: unknown nature '%s' (general, cannot, hard, "
			    "refused)",
			    name, t);
			return YOUSU_CONFIG;
		}
		bits |= 1 << nature_index(t);
	}
	p->plan_natures = bits;
	return YOUSU_OK;
}

/* [visit] recheck_on = unsatisfied, unresolved: which answers of a
 * reached return visit send the complaint back for recheck (004 第五条) */
static yousu_err
on_recheck_on(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;
	char buf[128], *save = NULL;
	int bits = 0;

	snprintf(buf, sizeof buf, "%s", v);
	for (char *t = strtok_r(buf, ", ", &save); t != NULL;
	     t = strtok_r(NULL, ", ", &save)) {
		if (strcmp(t, "unsatisfied") == 0)
			bits |= 1;
		else if (strcmp(t, "unresolved") == 0)
			bits |= 2;
		else {
			snprintf(msg, len,
			    "%s: '%s' is not unsatisfied or unresolved", name,
			    t);
			return YOUSU_CONFIG;
		}
	}
	p->recheck_on = bits;
	return YOUSU_OK;
}

/* [explanation] levels = 1: the response levels that need a
 * 问题处理说明 before the reply (003 三(三)) */
static yousu_err
on_explain_levels(
    void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;
	char buf[64], *save = NULL;
	int bits = 0;

	snprintf(buf, sizeof buf, "%s", v);
	for (char *t = strtok_r(buf, ", ", &save); t != NULL;
	     t = strtok_r(NULL, ", ", &save)) {
		if (strlen(t) != 1 || t[0] < '1' || t[0] > '3') {
			snprintf(msg, len,
			    "%s: '%s' is not a response level (1, 2, 3)", name,
			    t);
			return YOUSU_CONFIG;
		}
		bits |= 1 << (t[0] - '1');
	}
	p->explain_levels = bits;
	return YOUSU_OK;
}

static const char *const sources[] = {
    "window", "hotline", "online", "transfer"};

static int
source_index(const char *code)
{
	for (int i = 0; code != NULL && i < 4; i++)
		if (strcmp(sources[i], code) == 0)
			return i;
	return -1;
}

/* [escalation] notice_after_days.hotline = 0: a source's own delay */
static yousu_err
on_notice_source(
    void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;
	int i = source_index(name + strlen("notice_after_days."));
	char *end;
	long l = strtol(v, &end, 10);

	if (i < 0) {
		snprintf(msg, len,
		    "unknown source in '%s' (window, hotline, online, "
		    "transfer)",
		    name);
		return YOUSU_CONFIG;
	}
	if (p->notice_source[i] != UNSET) {
		snprintf(msg, len, "'%s' given twice", name);
		return YOUSU_CONFIG;
	}
	if (end == v || *end != '\0' || l < 0 || l > 30) {
		snprintf(msg, len,
		    "%s: '%s' is not a number of working days in 0..30", name,
		    v);
		return YOUSU_CONFIG;
	}
	p->notice_source[i] = (int) l;
	return YOUSU_OK;
}

/* [feedback] level.2 = 3: the first feedback (初步反馈意见) is due so many
 * working days after assignment */
static yousu_err
on_feedback(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;
	const char *sub = name + 6;
	int *slot;

	if (strlen(sub) != 1 || sub[0] < '1' || sub[0] > '3') {
		snprintf(msg, len, "unknown response level '%s' (1..3)", sub);
		return YOUSU_CONFIG;
	}
	slot = &p->feedback_level[sub[0] - '1'];
	if (*slot != UNSET) {
		snprintf(msg, len, "'%s' given twice", name);
		return YOUSU_CONFIG;
	}
	return parse_days(v, slot, msg, len, name);
}

static bool
code_chars(const char *s, const char *extra)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		        strchr(extra, *s)))
			return false;
	return true;
}

/* [classes] A = who handles it, how | DEPT */
static yousu_err
on_class(void *obj, const yousu_cfg_at *at, const char *name, const char *v,
    char *msg, size_t len)
{
	yousu_policy *p = obj;
	const char *bar = strchr(v, '|'), *dept = "";
	policy_class *k;
	size_t l;

	if (strlen(name) >= sizeof k->code || !code_chars(name, "")) {
		snprintf(msg, len,
		    "class '%s': a class code is 1-8 of A-Z and 0-9", name);
		return YOUSU_CONFIG;
	}
	if (find_class(p, name) != NULL) {
		snprintf(msg, len, "class '%s' given twice", name);
		return YOUSU_CONFIG;
	}
	if (p->nclasses == POLICY_MAX_CLASSES) {
		snprintf(
		    msg, len, "too many classes (max %d)", POLICY_MAX_CLASSES);
		return YOUSU_CONFIG;
	}
	k = &p->classes[p->nclasses];
	l = bar ? (size_t) (bar - v) : strlen(v);
	while (l > 0 && v[l - 1] == ' ')
		l--;
	if (bar != NULL)
		dept = bar + 1 + strspn(bar + 1, " ");
	if (l >= sizeof k->label) {
		snprintf(msg, len,
		    "class %s: the text is longer than %zu bytes", name,
		    sizeof k->label - 1);
		return YOUSU_CONFIG;
	}
	if (l == 0 || (bar != NULL &&
	                  (dept[0] == '\0' || strlen(dept) >= sizeof k->dept ||
	                      !code_chars(dept, "-_")))) {
		snprintf(msg, len,
		    "class %s: expected 'who handles it | DEPARTMENT CODE' "
		    "(the code is optional)",
		    name);
		return YOUSU_CONFIG;
	}
	snprintf(k->code, sizeof k->code, "%s", name);
	snprintf(k->label, sizeof k->label, "%.*s", (int) l, v);
	snprintf(k->dept, sizeof k->dept, "%s", dept);
	k->line = at->line;
	k->limit = UNSET;
	p->nclasses++;
	return YOUSU_OK;
}

static yousu_err
on_cannot_basis(
    void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;

	if (strcmp(v, "required") == 0 || strcmp(v, "optional") == 0) {
		p->cannot_basis = v[0] == 'r';
		return YOUSU_OK;
	}
	snprintf(msg, len, "%s: '%s' is not required or optional", name, v);
	return YOUSU_CONFIG;
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

/* [ledger] column = KIND | 表头 and [workorder] field = KIND | 标签: a
 * kind of yousu_column_label, the header optional, into list (what
 * names it in messages). A kind listed twice is refused by policy_check,
 * once the whole list is read. */
static yousu_err
add_column(policy_column *list, size_t *n, const char *what,
    const yousu_cfg_at *at, const char *v, char *msg, size_t len)
{
	const char *bar = strchr(v, '|'), *label = NULL;
	size_t k = bar ? (size_t) (bar - v) : strlen(v);
	policy_column *c;
	char kinds[512];

	if (*n == YOUSU_LEDGER_MAX_COLUMNS) {
		snprintf(msg, len, "too many %ss (max %d)", what,
		    YOUSU_LEDGER_MAX_COLUMNS);
		return YOUSU_CONFIG;
	}
	c = &list[*n];
	while (k > 0 && (v[k - 1] == ' ' || v[k - 1] == '\t'))
		k--;
	snprintf(c->kind, sizeof c->kind, "%.*s", (int) k, v);
	if (k >= sizeof c->kind ||
	    (label = yousu_column_label(c->kind)) == NULL) {
		yousu_column_kinds_list(kinds, sizeof kinds);
		snprintf(msg, len, "unknown %s '%.*s' (kinds: %s)", what,
		    (int) k, v, kinds);
		return YOUSU_CONFIG;
	}
	if (bar != NULL)
		label = bar + 1 + strspn(bar + 1, " \t");
	if (label[0] == '\0') {
		snprintf(
		    msg, len, "%s '%s': empty header after '|'", what, c->kind);
		return YOUSU_CONFIG;
	}
	if (strlen(label) >= sizeof c->label) {
		snprintf(msg, len, "%s '%s': header too long (max %zu bytes)",
		    what, c->kind, sizeof c->label - 1);
		return YOUSU_CONFIG;
	}
	snprintf(c->label, sizeof c->label, "%s", label);
	c->line = at->line;
	(*n)++;
	return YOUSU_OK;
}

static yousu_err
on_column(void *obj, const yousu_cfg_at *at, const char *name, const char *v,
    char *msg, size_t len)
{
	yousu_policy *p = obj;

	(void) name;
	return add_column(
	    p->columns, &p->ncolumns, "ledger column", at, v, msg, len);
}

static yousu_err
on_field(void *obj, const yousu_cfg_at *at, const char *name, const char *v,
    char *msg, size_t len)
{
	yousu_policy *p = obj;

	(void) name;
	return add_column(
	    p->fields, &p->nfields, "work-order field", at, v, msg, len);
}

static yousu_err
on_number(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	yousu_policy *p = obj;

	if (strcmp(v, "full") == 0 || strcmp(v, "bare") == 0) {
		p->bare_number = v[0] == 'b';
		return YOUSU_OK;
	}
	snprintf(msg, len, "%s: '%s' is not full or bare", name, v);
	return YOUSU_CONFIG;
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
    INT("limits", "multi_level", limit_multi_level, 0, 60, false),
    FN("limits", "class.", on_limit),
    FN("limits", "nature.", on_limit),
    FN("limits", "level.", on_limit),
    INT("escalation", "reminder_before_days", reminder_days, 0, 30, true),
    INT("escalation", "notice_after_days", notice_days, 1, 30, true),
    FN("escalation", "notice_after_days.", on_notice_source),
    INT("escalation", "assign_within_days", assign_days, 0, 30, false),
    STR("escalation", "notice_cc", notice_cc, true),
    STR("escalation", "notice_report_to", notice_report_to, true),
    INT("extension", "max_days", extension_max, 0, 60, true),
    INT("numbering", "seq_digits", seq_digits, 2, 6, false),
    STR("extension", "approver", extension_approver, true),
    STR("extension", "leading_group", leading_group, false),
    FN("feedback", "level.", on_feedback),
    FN("replies", "cannot_basis", on_cannot_basis),
    FN("plans", "natures", on_plan_natures),
    {"plans", "multi_department", YOUSU_CFG_BOOL, OFF(plan_multi), 0, 0, 0,
        false, NULL},
    INT("plans", "max_days", plan_max_days, 1, 250, false),
    FN("explanation", "levels", on_explain_levels),
    {"explanation", "multi_department", YOUSU_CFG_BOOL, OFF(explain_multi), 0,
        0, 0, false, NULL},
    STR("replies", "cannot_report_to", cannot_report_to, false),
    STR("visit", "evaluation_to", evaluation_to, false),
    INT("visit", "round_sample", round_sample, 1, 100000, false),
    INT("visit", "attempts", visit_attempts, 1, 10, false),
    INT("response", "contact_within_hours", contact_hours, 1, 168, false),
    INT("repeats", "window_days", repeat_days, 1, 366, false),
    INT("ranking", "response", rank_w[0], 0, 100, false),
    INT("ranking", "resolution", rank_w[1], 0, 100, false),
    INT("ranking", "satisfaction", rank_w[2], 0, 100, false),
    INT("ranking", "on_time", rank_w[3], 0, 100, false),
    INT("visit", "attempt_days", visit_days, 1, 30, false),
    FN("visit", "recheck_on", on_recheck_on),
    {"classes", "", YOUSU_CFG_AT, 0, 0, 0, 0, false, NULL, on_class},
    FN("categories", "", on_category),
    FN("refusals", "", on_refusal),
    STR("ledger", "title", ledger_title, false),
    {"ledger", "column", YOUSU_CFG_AT, 0, 0, 0, 0, false, NULL, on_column},
    {"workorder", "field", YOUSU_CFG_AT, 0, 0, 0, 0, false, NULL, on_field},
    FN("workorder", "number", on_number),
    {NULL},
};

/* A kind listed twice in list: "file:line: ..." */
static yousu_err
columns_check(const policy_column *list, size_t n, const char *what,
    const char *path, char *err, size_t len)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			/* a form may have several lines to sign */
			if (strcmp(list[i].kind, list[j].kind) == 0 &&
			    strcmp(list[i].kind, "signature") != 0) {
				snprintf(err, len,
				    "%s:%d: %s '%s' listed twice (first at "
				    "line %d)",
				    path, list[i].line, what, list[i].kind,
				    list[j].line);
				return YOUSU_CONFIG;
			}
	return YOUSU_OK;
}

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
	if ((p->rank_w[0] > UNSET || p->rank_w[1] > UNSET ||
	        p->rank_w[2] > UNSET || p->rank_w[3] > UNSET) &&
	    p->rank_w[0] <= 0 && p->rank_w[1] <= 0 && p->rank_w[2] <= 0 &&
	    p->rank_w[3] <= 0) {
		snprintf(err, errlen,
		    "%s: [ranking] weighs every rate 0: give one a weight",
		    path);
		return YOUSU_CONFIG;
	}
	if (columns_check(p->columns, p->ncolumns, "ledger column", path, err,
	        errlen) != YOUSU_OK)
		return YOUSU_CONFIG;
	return columns_check(
	    p->fields, p->nfields, "work-order field", path, err, errlen);
}

yousu_err
yousu_policy_load(
    const char *path, yousu_policy **out, char *err, size_t errlen)
{
	yousu_policy *p = calloc(1, sizeof *p);
	yousu_err rv;

	if (p == NULL)
		return YOUSU_NOMEM;
	p->limit_multi = p->limit_multi_level = UNSET;
	p->assign_days = UNSET;
	p->plan_natures = p->plan_max_days = UNSET;
	for (int i = 0; i < 4; i++)
		p->notice_source[i] = p->rank_w[i] = UNSET;
	p->seq_digits = 3;
	p->cannot_basis = true;
	snprintf(p->path, sizeof p->path, "%s", path);
	for (int i = 0; i < 4; i++)
		p->limit_nature[i] = UNSET;
	for (int i = 0; i < 3; i++)
		p->limit_level[i] = p->feedback_level[i] = UNSET;
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

bool
yousu_policy_plan_allowed(const yousu_policy *p, const char *nature, int ndept)
{
	int i = nature_index(nature ? nature : "general");

	if (p->plan_natures == UNSET)
		return true;
	return (i >= 0 && (p->plan_natures & (1 << i))) ||
	       (p->plan_multi && ndept > 1);
}

bool
yousu_policy_explanation_needed(const yousu_policy *p, int level, int ndept)
{
	return (level >= 1 && level <= 3 &&
	           (p->explain_levels & (1 << (level - 1)))) ||
	       (p->explain_multi && ndept > 1);
}

int
yousu_policy_round_sample(const yousu_policy *p)
{
	return p->round_sample;
}

int
yousu_policy_visit_attempts(const yousu_policy *p, int *days)
{
	*days = p->visit_days > 0 ? p->visit_days : 2;
	return p->visit_attempts > 0 ? p->visit_attempts : 3;
}

void
yousu_policy_ranking_weights(const yousu_policy *p, int w[4])
{
	bool any = false;

	for (int i = 0; i < 4; i++)
		any = any || p->rank_w[i] != UNSET;
	for (int i = 0; i < 4; i++)
		w[i] = !any ? 25 : p->rank_w[i] == UNSET ? 0 : p->rank_w[i];
}

int
yousu_policy_repeat_days(const yousu_policy *p)
{
	return p->repeat_days > 0 ? p->repeat_days : 30;
}

int
yousu_policy_contact_hours(const yousu_policy *p)
{
	return p->contact_hours;
}

bool
yousu_policy_recheck_on(
    const yousu_policy *p, bool unsatisfied, bool unresolved)
{
	return (unsatisfied && (p->recheck_on & 1)) ||
	       (unresolved && (p->recheck_on & 2));
}

int
yousu_policy_plan_max_days(const yousu_policy *p)
{
	return p->plan_max_days;
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

	if (find_class(p, c->klass) != NULL)
		best = max_set(best, find_class(p, c->klass)->limit);
	if (nature_index(c->nature) >= 0)
		best = max_set(best, p->limit_nature[nature_index(c->nature)]);
	if (c->level >= 1 && c->level <= 3)
		best = max_set(best, p->limit_level[c->level - 1]);
	if (c->departments > 1)
		best = max_set(best, p->limit_multi);
	if (c->levels > 1)
		best = max_set(best, p->limit_multi_level);
	return best == UNSET ? p->limit_default : best;
}

int
yousu_policy_feedback_days(const yousu_policy *p, const yousu_policy_case *c)
{
	return c->level >= 1 && c->level <= 3 ? p->feedback_level[c->level - 1]
	                                      : -1;
}

size_t
yousu_policy_classes(const yousu_policy *p)
{
	return p->nclasses;
}

const char *
yousu_policy_class(const yousu_policy *p, const char *code, const char **dept)
{
	const policy_class *k = find_class(p, code);

	if (k == NULL)
		return NULL;
	if (dept != NULL)
		*dept = k->dept[0] ? k->dept : NULL;
	return k->label;
}

const char *
yousu_policy_class_at(
    const yousu_policy *p, size_t i, const char **dept, int *line)
{
	if (i >= p->nclasses)
		return NULL;
	*dept = p->classes[i].dept[0] ? p->classes[i].dept : NULL;
	*line = p->classes[i].line;
	return p->classes[i].code;
}

const char *
yousu_policy_path(const yousu_policy *p)
{
	return p->path;
}

const char *
yousu_policy_leading_group(const yousu_policy *p)
{
	return p->leading_group[0] ? p->leading_group : NULL;
}

bool
yousu_policy_cannot_needs_basis(const yousu_policy *p)
{
	return p->cannot_basis;
}

const char *
yousu_policy_cannot_report_to(const yousu_policy *p)
{
	return p->cannot_report_to[0] ? p->cannot_report_to : NULL;
}

const char *
yousu_policy_evaluation_to(const yousu_policy *p)
{
	return p->evaluation_to[0] ? p->evaluation_to : NULL;
}

int
yousu_policy_reminder_days(const yousu_policy *p)
{
	return p->reminder_days;
}

int
yousu_policy_notice_days(const yousu_policy *p, const char *source)
{
	int i = source_index(source);

	return i >= 0 && p->notice_source[i] != UNSET ? p->notice_source[i]
	                                              : p->notice_days;
}

int
yousu_policy_assign_days(const yousu_policy *p)
{
	return p->assign_days;
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

const char *
yousu_policy_ledger_title(const yousu_policy *p)
{
	return p->ledger_title[0] ? p->ledger_title : NULL;
}

size_t
yousu_policy_ledger_columns(const yousu_policy *p)
{
	return p->ncolumns;
}

const char *
yousu_policy_ledger_column(const yousu_policy *p, size_t i, const char **label)
{
	if (i >= p->ncolumns)
		return NULL;
	*label = p->columns[i].label;
	return p->columns[i].kind;
}

size_t
yousu_policy_form_fields(const yousu_policy *p)
{
	return p->nfields;
}

const char *
yousu_policy_form_field(const yousu_policy *p, size_t i, const char **label)
{
	if (i >= p->nfields)
		return NULL;
	*label = p->fields[i].label;
	return p->fields[i].kind;
}

bool
yousu_policy_form_bare_number(const yousu_policy *p)
{
	return p->bare_number;
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

/* The items' code that input is: the code itself, or its label. */
static const char *
item_code(const policy_item *items, size_t n, const char *input)
{
	for (size_t i = 0; input != NULL && i < n; i++)
		if (strcmp(items[i].code, input) == 0 ||
		    strcmp(items[i].label, input) == 0)
			return items[i].code;
	return NULL;
}

/* The items' code closest to input (did you mean), or NULL. */
static const char *
item_closest(const policy_item *items, size_t n, const char *input)
{
	const char *codes[64];
	size_t k = 0;

	for (size_t i = 0; i < n && k < 64; i++)
		codes[k++] = items[i].code;
	return yousu_text_closest(input, codes, k);
}

const char *
yousu_policy_code(const yousu_policy *p, char which, const char *input)
{
	return which == 'c' ? item_code(p->cats, p->ncats, input)
	                    : item_code(p->refusals, p->nrefusals, input);
}

const char *
yousu_policy_closest(const yousu_policy *p, char which, const char *input)
{
	return which == 'c' ? item_closest(p->cats, p->ncats, input)
	                    : item_closest(p->refusals, p->nrefusals, input);
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
	if (which == 'k') {
		for (size_t i = 0; i < p->nclasses && off < len; i++)
			off += (size_t) snprintf(buf + off, len - off, "%s%s",
			    i ? ", " : "", p->classes[i].code);
		return;
	}
	for (size_t i = 0; i < n && off < len; i++)
		off += (size_t) snprintf(
		    buf + off, len - off, "%s%s", i ? ", " : "", items[i].code);
}

/* --- as JSON (the desk's forms) ------------------------------------- */

static cJSON *
items_json(const policy_item *items, size_t n, bool channel)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a != NULL && i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		yousu__jset_str(o, "code", items[i].code);
		yousu__jset_str(o, "label", items[i].label);
		if (channel)
			yousu__jset_str(o, "channel", items[i].channel);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *
columns_json(const policy_column *c, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a != NULL && i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		yousu__jset_str(o, "key", c[i].kind);
		yousu__jset_str(o, "label", c[i].label);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

cJSON *
yousu_policy_json(const yousu_policy *p)
{
	static const char *const nature_labels[] = {
	    "一般", "办不了", "很难办", "不给办"};
	cJSON *o = cJSON_CreateObject(), *a;

	if (o == NULL)
		return NULL;
	yousu__jset_str(o, "name", p->name);
	yousu__jset_str(o, "title", p->title);
	yousu__jset(o, "categories", items_json(p->cats, p->ncats, false));
	yousu__jset(o, "grounds", items_json(p->refusals, p->nrefusals, true));
	a = cJSON_CreateArray();
	for (size_t i = 0; i < p->nclasses; i++) {
		cJSON *c = cJSON_CreateObject();

		yousu__jset_str(c, "code", p->classes[i].code);
		yousu__jset_str(c, "label", p->classes[i].label);
		yousu__jset_str(c, "dept",
		    p->classes[i].dept[0] ? p->classes[i].dept : NULL);
		cJSON_AddItemToArray(a, c);
	}
	yousu__jset(o, "classes", a);
	a = cJSON_CreateArray();
	for (int i = 0; i < 4; i++) {
		cJSON *c = cJSON_CreateObject();

		yousu__jset_str(c, "code", natures[i]);
		yousu__jset_str(c, "label", nature_labels[i]);
		cJSON_AddItemToArray(a, c);
	}
	yousu__jset(o, "natures", a);
	yousu__jset_int(o, "extension_max", p->extension_max);
	yousu__jset_str(o, "extension_approver",
	    p->extension_approver[0] ? p->extension_approver : NULL);
	yousu__jset_bool(o, "cannot_needs_basis", p->cannot_basis);
	yousu__jset_str(o, "ledger_title", p->ledger_title);
	if (p->plan_max_days != UNSET)
		yousu__jset_int(o, "plan_max_days", p->plan_max_days);
	yousu__jset(o, "workorder", columns_json(p->fields, p->nfields));
	return o;
}
