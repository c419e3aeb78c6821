/* The daemon's control requests: what yousuctl asks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon_impl.h"
#include "yousu/cases.h"
#include "yousu/complaint.h"
#include "yousu/hotline_out.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/query.h"

/* --- clock ------------------------------------------------------------ */

int64_t
yousu__daemon_now(void *arg)
{
	daemon_t *d = arg;

	return d->test_clock ? d->clock_now : (int64_t) time(NULL);
}

static yousu_err
clock_store(daemon_t *d)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", (long long) d->clock_now);
	return yousu_store_set_setting(d->store, "test_clock", buf);
}

/* The test clock starts at `start` (or now) on a new store and goes on
 * from where it stood on a restarted one. */
int
yousu__clock_init(daemon_t *d, const char *start)
{
	char buf[32];

	d->clock_now = time(NULL);
	if (!d->test_clock)
		return 0;
	if (yousu_store_get_setting(d->store, "test_clock", buf, sizeof buf) ==
	    YOUSU_OK) {
		d->clock_now = strtoll(buf, NULL, 10);
		return 0;
	}
	if (start != NULL &&
	    yousu_parse_time(start, d->cfg.utc_offset, &d->clock_now) != 0) {
		fprintf(stderr,
		    "yousu-%s: --test-clock='%s' is not YYYY-MM-DD or "
		    "YYYY-MM-DDTHH:MM\n",
		    d->role->name, start);
		return 2;
	}
	return clock_store(d) == YOUSU_OK ? 0 : 1;
}

/* "3d", "2h", "30m", "10s" */
static yousu_err
parse_span(const char *s, int64_t *out)
{
	char *end;
	long long n = strtoll(s, &end, 10);
	int64_t unit;

	if (end == s || n < 0 || n > 3660)
		return YOUSU_INVAL;
	if (strcmp(end, "d") == 0)
		unit = 86400;
	else if (strcmp(end, "h") == 0)
		unit = 3600;
	else if (strcmp(end, "m") == 0)
		unit = 60;
	else if (strcmp(end, "s") == 0 || *end == '\0')
		unit = 1;
	else
		return YOUSU_INVAL;
	*out = n * unit;
	return YOUSU_OK;
}

/* --- control requests -------------------------------------------------- */

yousu_err
yousu__daemon_tick(daemon_t *d, int *fired)
{
	char err[512];
	yousu_err rv = yousu_wf_tick(d->wf, fired, err, sizeof err);

	yousu__calendar_daily(d);
	if (d->role->tick != NULL)
		d->role->tick(d);
	if (rv != YOUSU_OK)
		yousu_log("SCHED %s", err);
	else if (*fired > 0)
		yousu_log("scheduler: %d escalation event(s)", *fired);
	return rv;
}

static yousu_err
ctl_clock(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *action = yousu__jstr(args, "action");
	const char *value = yousu__jstr(args, "value");
	int64_t t, span;
	int fired = 0;
	char buf[32];

	(void) actor;
	if (action != NULL && strcmp(action, "get") != 0) {
		if (!d->test_clock) {
			snprintf(err, errlen,
			    "clock: the %s was not started with --test-clock",
			    d->role->name);
			return YOUSU_STATE;
		}
		if (strcmp(action, "set") == 0 &&
		    yousu_parse_time(value, d->cfg.utc_offset, &t) == 0) {
			if (t < d->clock_now) {
				snprintf(err, errlen,
				    "clock: '%s' is before the current test "
				    "time; the clock never goes back",
				    value);
				return YOUSU_INVAL;
			}
			d->clock_now = t;
		} else if (strcmp(action, "advance") == 0 &&
		           parse_span(value ? value : "", &span) == 0) {
			d->clock_now += span;
		} else {
			snprintf(err, errlen,
			    "clock: bad %s value '%s' (set takes YYYY-MM-DD or "
			    "YYYY-MM-DDTHH:MM, advance takes 3d, 2h, 30m)",
			    action, value ? value : "");
			return YOUSU_INVAL;
		}
		if (clock_store(d) != YOUSU_OK ||
		    yousu__daemon_tick(d, &fired) == YOUSU_DB) {
			snprintf(err, errlen, "clock: store: %s",
			    yousu_store_errmsg(d->store));
			return YOUSU_DB;
		}
	}
	*result = cJSON_CreateObject();
	yousu_format_time(
	    yousu__daemon_now(d), d->cfg.utc_offset, buf, sizeof buf);
	yousu__jset_str(*result, "now", buf);
	yousu__jset_bool(*result, "test_clock", d->test_clock);
	yousu__jset_int(*result, "fired", fired);
	return YOUSU_OK;
}

static int32_t
today(daemon_t *d)
{
	return yousu_local_day(yousu__daemon_now(d), d->cfg.utc_offset);
}

/* overdue_days of doc into out, with overdue_provisional and, when any
 * figure of doc is provisional, the rule it was counted by (暂定). */
static void
overdue_fields(daemon_t *d, const cJSON *doc, cJSON *out)
{
	bool prov = false;
	char rule[256];
	int n = yousu_wf_overdue_days(d->wf, doc, today(d), &prov);

	yousu__jset_int(out, "overdue_days", n);
	yousu__jset_bool(out, "overdue_provisional", prov);
	if (prov || yousu__jbool(doc, "due_provisional", false) ||
	    yousu__jbool(doc, "feedback_provisional", false)) {
		yousu_calendar_rule(d->cal, rule, sizeof rule);
		yousu__jset_str(out, "provisional_rule", rule);
	}
}

static yousu_err
ctl_show(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *id = yousu__jstr(args, "id");
	cJSON *doc = NULL, *events = NULL, *e;
	char *wo, t[32];
	yousu_err rv;

	(void) actor;
	rv = id ? yousu_store_load(d->store, id, &doc) : YOUSU_INVAL;
	if (rv == YOUSU_OK)
		rv = yousu_store_events(d->store, id, &events);
	if (rv != YOUSU_OK) {
		snprintf(err, errlen, "show: no complaint '%s'",
		    id ? id : "(no id given)");
		cJSON_Delete(doc);
		return rv;
	}
	cJSON_ArrayForEach (e, events) {
		char *sum = yousu_event_summary(d->wf, yousu__jstr(e, "type"),
		    yousu__jint(e, "at", 0), cJSON_GetObjectItem(e, "data"));

		yousu_format_time(
		    yousu__jint(e, "at", 0), d->cfg.utc_offset, t, sizeof t);
		yousu__jset_str(e, "time", t);
		yousu__jset_str(e, "summary", sum);
		free(sum);
	}
	yousu__jset(doc, "log", events);
	overdue_fields(d, doc, doc);
	/* the lead department and the category by their names */
	if (yousu__jstr(doc, "lead") != NULL)
		yousu__jset_str(doc, "lead_name",
		    yousu_depts_label(d->depts, yousu__jstr(doc, "lead")));
	if (yousu__jstr(doc, "category") != NULL)
		yousu__jset_str(doc, "category_label",
		    yousu_policy_category(
		        d->policy, yousu__jstr(doc, "category")));
	if ((wo = yousu_workorder_text(d->wf, doc)) != NULL) {
		yousu__jset_str(doc, "workorder", wo);
		free(wo);
	}
	*result = doc;
	return YOUSU_OK;
}

/* ": did you mean 'X'?" for a code near, or "" (into buf). */
static const char *
meant(const char *near, char *buf, size_t len)
{
	if (near == NULL)
		return "";
	snprintf(buf, len, ": did you mean '%s'?", near);
	return buf;
}

/* A filter naming something that does not exist is a typo, not an empty
 * result: say which. */
static yousu_err
check_filter_codes(daemon_t *d, const yousu_filter *f, char *err, size_t errlen)
{
	char codes[512], near[96];

	if (f->status &&
	    strcmp(yousu_label("status", f->status), f->status) == 0) {
		yousu_codes_list("status", codes, sizeof codes);
		snprintf(err, errlen, "unknown status '%s' (one of: %s)",
		    f->status, codes);
	} else if (f->source &&
	           strcmp(yousu_label("source", f->source), f->source) == 0) {
		yousu_codes_list("source", codes, sizeof codes);
		snprintf(err, errlen, "unknown source '%s' (one of: %s)",
		    f->source, codes);
	} else if (f->category &&
	           yousu_policy_category(d->policy, f->category) == NULL) {
		snprintf(err, errlen,
		    "unknown category '%s' (not in profile %s)%s", f->category,
		    yousu_policy_name(d->policy),
		    meant(yousu_policy_closest(d->policy, 'c', f->category),
		        near, sizeof near));
	} else if (f->dept && yousu_depts_name(d->depts, f->dept) == NULL) {
		snprintf(err, errlen,
		    "unknown department '%s' (not in the department "
		    "catalogue)%s",
		    f->dept,
		    meant(yousu_depts_closest(d->depts, f->dept), near,
		        sizeof near));
	} else if (f->origin && strcmp(f->origin, d->cfg.code) != 0 &&
	           !yousu__relay_is_child(d, f->origin)) {
		snprintf(err, errlen,
		    "unknown township '%s' (neither this centre, %s, nor one "
		    "of its child centres)",
		    f->origin, d->cfg.code);
	} else {
		return YOUSU_OK;
	}
	return YOUSU_INVAL;
}

static const char *
code_or(const char *code, const char *input)
{
	return code ? code : input;
}

/* Fill a filter from request fields; the strings stay in args. */
static yousu_err
read_filter(daemon_t *d, const cJSON *args, yousu_filter *f, char *today_s,
    char *err, size_t errlen)
{
	static const char *const dates[] = {"from", "to", "due_before"};
	yousu_date day;

	memset(f, 0, sizeof *f);
	/* codes, or their Chinese names (办理中, 窗口, a category's words, a
	 * department's name or alias) */
	f->status = code_or(
	    yousu_code_from_input("status", yousu__jstr(args, "status")),
	    yousu__jstr(args, "status"));
	f->source = code_or(
	    yousu_code_from_input("source", yousu__jstr(args, "source")),
	    yousu__jstr(args, "source"));
	f->category = code_or(
	    yousu_policy_code(d->policy, 'c', yousu__jstr(args, "category")),
	    yousu__jstr(args, "category"));
	f->origin = yousu__jstr(args, "origin");
	f->dept =
	    code_or(yousu_depts_code_of(d->depts, yousu__jstr(args, "dept")),
	        yousu__jstr(args, "dept"));
	f->limit = (int) yousu__jint(args, "limit", 0);
	f->offset = (int) yousu__jint(args, "offset", 0);
	if (f->limit < 0 || f->offset < 0) {
		snprintf(err, errlen, "limit and offset cannot be negative");
		return YOUSU_INVAL;
	}
	if (check_filter_codes(d, f, err, errlen) != YOUSU_OK)
		return YOUSU_INVAL;
	for (int i = 0; i < 3; i++) {
		const char *v = yousu__jstr(args, dates[i]);

		if (v != NULL && yousu_date_parse(v, &day) != YOUSU_OK) {
			snprintf(err, errlen,
			    "%s '%s' is not a date (YYYY-MM-DD)", dates[i], v);
			return YOUSU_INVAL;
		}
		if (v != NULL && i == 0)
			f->from =
			    (int64_t) day * 86400 - d->cfg.utc_offset * 60;
		if (v != NULL && i == 1)
			f->to = (int64_t) (day + 1) * 86400 -
			        d->cfg.utc_offset * 60;
	}
	f->due_before = yousu__jstr(args, "due_before");
	if (yousu__jbool(args, "overdue", false)) {
		yousu_date_format(today(d), today_s);
		f->overdue_today = today_s;
	}
	return YOUSU_OK;
}

typedef struct {
	daemon_t *d;
	cJSON *items;
	const char *dept; /* queue: whose */
} list_scan;

static yousu_err
list_item(void *arg, const cJSON *doc)
{
	static const char *const keys[] = {
	    "id", "status", "source", "name", "category", "lead", "due", NULL};
	list_scan *s = arg;
	cJSON *it = cJSON_CreateObject();
	char buf[32];

	for (size_t i = 0; keys[i]; i++)
		yousu__jset_str(it, keys[i], yousu__jstr(doc, keys[i]));
	yousu_format_time(yousu__jint(doc, "received_at", 0),
	    s->d->cfg.utc_offset, buf, sizeof buf);
	yousu__jset_str(it, "received", buf);
	yousu__jset_bool(
	    it, "due_provisional", yousu__jbool(doc, "due_provisional", false));
	overdue_fields(s->d, doc, it);
	cJSON_AddItemToArray(s->items, it);
	return YOUSU_OK;
}

/* What the codes of a group of st are called: categories by the profile,
 * departments by the catalogue (the statuses, sources, natures and
 * satisfactions have labels of their own). */
static cJSON *
group_names(daemon_t *d, const cJSON *group, bool depts)
{
	cJSON *names = cJSON_CreateObject();
	const cJSON *c;
	const char *n;

	cJSON_ArrayForEach (c, group) {
		n = depts ? yousu_depts_name(d->depts, c->string)
		          : yousu_policy_category(d->policy, c->string);
		if (n != NULL)
			yousu__jset_str(names, c->string, n);
	}
	return names;
}

static void
stats_names(daemon_t *d, cJSON *st)
{
	cJSON *names = cJSON_CreateObject();

	yousu__jset(names, "by_category",
	    group_names(d, cJSON_GetObjectItem(st, "by_category"), false));
	yousu__jset(names, "by_department",
	    group_names(d, cJSON_GetObjectItem(st, "by_department"), true));
	yousu__jset(names, "by_lead_department",
	    group_names(
	        d, cJSON_GetObjectItem(st, "by_lead_department"), true));
	yousu__jset(st, "names", names);
}

/* A filtered view: list, ledger or stats over the complaints matching
 * the request's filter fields. */
typedef enum { VIEW_LIST, VIEW_LEDGER, VIEW_STATS } view_kind;

static yousu_err
build_view(daemon_t *d, view_kind kind, const yousu_filter *f,
    const cJSON *args, cJSON **result)
{
	list_scan s = {d, NULL, NULL};
	yousu_err rv;

	switch (kind) {
	case VIEW_LIST:
		s.items = cJSON_CreateArray();
		if ((rv = yousu_store_list(d->store, f, list_item, &s)) != 0)
			cJSON_Delete(s.items);
		else
			*result = s.items;
		return rv;
	case VIEW_LEDGER:
		return yousu_ledger_build(d->wf, d->store, f, today(d),
		    yousu__jbool(args, "with_id", false), result);
	case VIEW_STATS:
		if ((rv = yousu_stats_build(
		         d->wf, d->store, f, today(d), result)) == YOUSU_OK)
			stats_names(d, *result);
		return rv;
	}
	yousu_panic("control: bad view %d", (int) kind);
}

static yousu_err
view(daemon_t *d, view_kind kind, const cJSON *args, cJSON **result, char *err,
    size_t errlen)
{
	static const char *const names[] = {"list", "ledger", "stats"};
	char today_s[11];
	yousu_filter f;
	yousu_err rv;

	if ((rv = read_filter(d, args, &f, today_s, err, errlen)) != 0)
		return rv;
	if ((rv = build_view(d, kind, &f, args, result)) != YOUSU_OK)
		snprintf(err, errlen, "%s: %s", names[kind],
		    yousu_store_errmsg(d->store));
	return rv;
}

/* One row of a department's queue: what it must do on the complaint. */
static yousu_err
queue_item(void *arg, const cJSON *doc)
{
	list_scan *s = arg;
	const char *dept = s->dept;
	const cJSON *co = cJSON_GetObjectItem(doc, "co"), *v;
	const cJSON *replies = cJSON_GetObjectItem(doc, "co_replies");
	bool lead = strcmp(yousu__jstr(doc, "lead"), dept) == 0;
	cJSON *it, *waiting = cJSON_CreateArray();

	list_item(arg, doc);
	it = cJSON_GetArrayItem(s->items, cJSON_GetArraySize(s->items) - 1);
	yousu__jset_str(it, "role", lead ? "lead" : "co");
	yousu__jset_str(it, "content", yousu__jstr(doc, "content"));
	yousu__jset_bool(it, "accepted",
	    yousu__jint(cJSON_GetObjectItem(doc, "accepted"), dept, 0) != 0);
	if (lead) /* the co-handlers the lead still waits for */
		cJSON_ArrayForEach (v, co)
			if (cJSON_IsString(v) &&
			    !cJSON_HasObjectItem(replies, v->valuestring))
				cJSON_AddItemToArray(waiting,
				    cJSON_CreateString(v->valuestring));
	yousu__jset(it, "waiting_for", waiting);
	yousu__jset_bool(
	    it, "replied", !lead && cJSON_HasObjectItem(replies, dept));
	yousu__jset_bool(it, "extension_requested",
	    cJSON_HasObjectItem(doc, "extension_request"));
	return YOUSU_OK;
}

/* A department's queue (待办): the assigned complaints it leads or
 * co-handles, oldest first. */
static yousu_err
ctl_queue(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	yousu_filter f = {0};
	list_scan s = {d, NULL, NULL};
	yousu_err rv;

	(void) actor;
	f.dept = s.dept = yousu__jstr(args, "dept");
	f.status = "assigned";
	if (f.dept == NULL) {
		snprintf(
		    err, errlen, "queue: missing field 'dept' (--dept CODE)");
		return YOUSU_INVAL;
	}
	if (check_filter_codes(d, &f, err, errlen) != YOUSU_OK)
		return YOUSU_NOTFOUND;
	s.items = cJSON_CreateArray();
	if ((rv = yousu_store_list(d->store, &f, queue_item, &s)) != 0) {
		cJSON_Delete(s.items);
		snprintf(
		    err, errlen, "queue: %s", yousu_store_errmsg(d->store));
		return rv;
	}
	*result = s.items;
	return YOUSU_OK;
}

/* 12345, the other way (001 二(一)): a window complaint that is not this
 * hall's business is refused here (不予受理, ground out_of_scope) and
 * handed, with the caller's details, up to the city gateway, which
 * writes it for the hotline. */
static yousu_err
ctl_hotline_handover(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const char *reason = yousu__jstr(args, "reason");
	cJSON *rej = cJSON_CreateObject(), *doc = NULL, *h = NULL;
	yousu_err rv;

	if (d->up == NULL) {
		cJSON_Delete(rej);
		snprintf(err, errlen,
		    "hotline handover: centre %s has no parent centre to hand "
		    "it up through",
		    d->cfg.code);
		return YOUSU_STATE;
	}
	yousu__jset_str(rej, "id", yousu__jstr(args, "id"));
	yousu__jset_str(rej, "ground", "out_of_scope");
	yousu__jset_str(rej, "note", reason);
	if ((rv = yousu_store_begin(d->store)) != YOUSU_OK) {
		cJSON_Delete(rej);
		snprintf(err, errlen, "hotline handover: store busy");
		return rv;
	}
	if ((rv = yousu_wf_exec(
	         d->wf, "reject", actor, rej, &doc, err, errlen)) == YOUSU_OK &&
	    (rv = yousu_hotline_handover_from_complaint(doc, reason,
	         yousu__daemon_now(d), d->cfg.utc_offset, &h, err, errlen)) ==
	        YOUSU_OK &&
	    (rv = yousu__relay_handover(d, h)) == YOUSU_OK)
		rv = yousu_store_commit(d->store);
	if (rv != YOUSU_OK)
		yousu_store_rollback(d->store);
	cJSON_Delete(rej);
	cJSON_Delete(h);
	if (rv != YOUSU_OK) {
		cJSON_Delete(doc);
		return rv;
	}
	*result = doc;
	return YOUSU_OK;
}

static yousu_err
ctl_list(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor;
	return view(d, VIEW_LIST, args, result, err, errlen);
}

static yousu_err
ctl_ledger(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor;
	return view(d, VIEW_LEDGER, args, result, err, errlen);
}

static yousu_err
ctl_stats(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor;
	return view(d, VIEW_STATS, args, result, err, errlen);
}

static yousu_err
ctl_ping(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor, (void) args, (void) err, (void) errlen;
	*result = cJSON_CreateObject();
	yousu__jset_str(*result, "role", d->role->name);
	yousu__jset_str(*result, "centre", d->cfg.code);
	yousu__jset_str(*result, "name", d->cfg.name);
	yousu__jset_str(*result, "profile", yousu_policy_name(d->policy));
	yousu__jset(*result, "calendar", yousu__calendar_status(d));
	return YOUSU_OK;
}

static yousu_err
ctl_check(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	yousu_err rv;

	(void) actor, (void) args;
	if ((rv = yousu_complaint_check(d->store, err, errlen)) != YOUSU_OK)
		return rv;
	*result = cJSON_CreateObject();
	yousu__jset_bool(*result, "consistent", true);
	return YOUSU_OK;
}

static yousu_err
ctl_status(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor, (void) args, (void) err, (void) errlen;
	*result = yousu__relay_status(d);
	yousu__jset(*result, "calendar", yousu__calendar_status(d));
	return YOUSU_OK;
}

/* --- the department catalogue and routing proposals ----------------- */

static yousu_err
ctl_depts(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor, (void) args;
	if ((*result = yousu_depts_json(d->depts)) == NULL) {
		snprintf(err, errlen, "depts: out of memory");
		return YOUSU_NOMEM;
	}
	return YOUSU_OK;
}

/* A unit named by a 12345 form, with the department it is. */
static cJSON *
unit_json(daemon_t *d, const char *text, const char **code)
{
	cJSON *u = cJSON_CreateObject();

	*code = yousu_depts_match_unit(d->depts, text);
	yousu__jset_str(u, "text", text);
	yousu__jset_str(u, "code", *code);
	yousu__jset_str(
	    u, "name", *code ? yousu_depts_name(d->depts, *code) : NULL);
	return u;
}

/* The units a 12345 交办单 names, matched to the catalogue and put in
 * the proposal r: {"lead": {text, code, name}, "co": [...]}; NULL when
 * the complaint came with none. */
static cJSON *
hotline_units(daemon_t *d, const cJSON *doc, yousu_route *r)
{
	const char *lead = yousu__jstr(doc, "lead_unit"), *code;
	const cJSON *v;
	cJSON *o, *co;

	if (lead == NULL)
		return NULL;
	o = cJSON_CreateObject();
	yousu__jset(o, "lead", unit_json(d, lead, &code));
	if (code != NULL)
		yousu_route_set_lead(d->depts, r, code);
	co = cJSON_CreateArray();
	cJSON_ArrayForEach (v, cJSON_GetObjectItem(doc, "co_units")) {
		if (!cJSON_IsString(v))
			continue;
		cJSON_AddItemToArray(co, unit_json(d, v->valuestring, &code));
		if (code != NULL)
			yousu_route_add_co(d->depts, r, code);
	}
	yousu__jset(o, "co", co);
	return o;
}

/* Who should handle a stored complaint: the proposal from its category
 * (none before classify) and content, beside its current assignment.
 * Nothing is stored: the supervisor assigns (yousuctl assign). */
static yousu_err
ctl_route(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *id = yousu__jstr(args, "id"), *cat, *body = NULL;
	cJSON *doc = NULL, *out, *co, *units;
	yousu_route r;
	yousu_err rv;

	(void) actor;
	rv = id ? yousu_store_load(d->store, id, &doc) : YOUSU_INVAL;
	if (rv != YOUSU_OK) {
		snprintf(err, errlen, "route: no complaint '%s'",
		    id ? id : "(no id given)");
		return rv;
	}
	cat = yousu__jstr(doc, "category");
	yousu_depts_route(d->depts, cat, yousu__jstr(doc, "content"), &r);
	/* the units a 12345 交办单 names (主办单位, 协办单位) bind the
	 * proposal, as far as the catalogue knows them */
	units = hotline_units(d, doc, &r);
	/* a class the profile gives to one body (000: B the approval
	 * bureau, A the management committee) is led by that body */
	if (yousu_policy_class(d->policy, yousu__jstr(doc, "class"), &body) &&
	    body != NULL)
		yousu_route_set_lead(d->depts, &r, body);
	if ((out = yousu_route_json(d->depts, cat, &r)) == NULL) {
		cJSON_Delete(units);
		cJSON_Delete(doc);
		snprintf(err, errlen, "route: out of memory");
		return YOUSU_NOMEM;
	}
	yousu__jset_str(out, "id", id);
	yousu__jset_str(out, "status", yousu__jstr(doc, "status"));
	yousu__jset_str(out, "category", cat);
	yousu__jset_str(out, "category_label",
	    cat ? yousu_policy_category(d->policy, cat) : NULL);
	yousu__jset_str(out, "content", yousu__jstr(doc, "content"));
	yousu__jset_str(out, "assigned_lead", yousu__jstr(doc, "lead"));
	yousu__jset_str(out, "class", yousu__jstr(doc, "class"));
	yousu__jset_str(out, "class_body", body);
	co = cJSON_GetObjectItem(doc, "co");
	yousu__jset(out, "assigned_co",
	    cJSON_IsArray(co) ? cJSON_Duplicate(co, 1) : cJSON_CreateArray());
	if (units != NULL)
		yousu__jset(out, "hotline_units", units);
	cJSON_Delete(doc);
	*result = out;
	return YOUSU_OK;
}

/* One workflow request of a batch, as {"ok", "result"|"error"}. */
static cJSON *
batch_one(daemon_t *d, const char *actor, const cJSON *req)
{
	const char *cmd = yousu__jstr(req, "cmd");
	const char *who = yousu__jstr(req, "actor");
	cJSON *out = cJSON_CreateObject(), *result = NULL;
	char err[1024] = "";
	yousu_err rv = YOUSU_INVAL;

	if (cmd == NULL)
		snprintf(err, sizeof err, "batch: a request without \"cmd\"");
	else if (d->role->admits == NULL ||
	         (rv = d->role->admits(d, cmd, err, sizeof err)) == YOUSU_OK)
		rv = yousu_wf_exec(d->wf, cmd, who ? who : actor,
		    cJSON_GetObjectItem(req, "args"), &result, err, sizeof err);
	yousu__jset_bool(out, "ok", rv == YOUSU_OK);
	if (rv == YOUSU_OK) {
		yousu__jset_str(out, "id", yousu__jstr(result, "id"));
		yousu__jset_str(out, "status", yousu__jstr(result, "status"));
		cJSON_Delete(result);
	} else {
		yousu__jset_str(out, "error", err);
	}
	return out;
}

/* Workflow requests in one transaction (group commit): each succeeds or
 * fails alone (a savepoint each), and all are durable when the answer
 * comes. At most 10,000 requests. */
static yousu_err
ctl_batch(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const cJSON *reqs = cJSON_GetObjectItem(args, "requests"), *r;
	cJSON *out;

	if (!cJSON_IsArray(reqs) || cJSON_GetArraySize(reqs) > 10000) {
		snprintf(err, errlen,
		    "batch: \"requests\" must be a list of at most 10000");
		return YOUSU_INVAL;
	}
	if (yousu_store_begin(d->store) != YOUSU_OK) {
		snprintf(err, errlen, "batch: store busy");
		return YOUSU_DB;
	}
	out = cJSON_CreateArray();
	/* each operation checks everything before it writes: one that is
	 * refused has written nothing and needs no savepoint */
	yousu_store_light_nesting(d->store, true);
	cJSON_ArrayForEach (r, reqs)
		cJSON_AddItemToArray(out, batch_one(d, actor, r));
	yousu_store_light_nesting(d->store, false);
	if (yousu_store_commit(d->store) != YOUSU_OK) {
		yousu_store_rollback(d->store);
		cJSON_Delete(out);
		snprintf(err, errlen, "batch: commit: %s",
		    yousu_store_errmsg(d->store));
		return YOUSU_DB;
	}
	*result = out;
	return YOUSU_OK;
}

/* --- guidance cases (指导案例, 002 article 11) ----------------------- */

/* Local times ("proposed", "reviewed") beside the unix ones, on a case
 * or on each case of a list. */
static void
case_times(daemon_t *d, cJSON *c)
{
	char buf[32];
	cJSON *it;

	if (cJSON_IsArray(c)) {
		cJSON_ArrayForEach (it, c)
			case_times(d, it);
		return;
	}
	yousu_format_time(yousu__jint(c, "proposed_at", 0), d->cfg.utc_offset,
	    buf, sizeof buf);
	yousu__jset_str(c, "proposed", buf);
	if (yousu__jint(c, "reviewed_at", 0) == 0)
		return;
	yousu_format_time(yousu__jint(c, "reviewed_at", 0), d->cfg.utc_offset,
	    buf, sizeof buf);
	yousu__jset_str(c, "reviewed", buf);
}

/* Finish a case command: the library's message under the command's
 * name, or the result with its local times. */
static yousu_err
case_done(daemon_t *d, const char *what, yousu_err rv, cJSON **result,
    char *err, size_t errlen)
{
	char msg[1024];

	if (rv != YOUSU_OK) {
		snprintf(msg, sizeof msg, "%s", err);
		snprintf(err, errlen, "case %s: %s", what, msg);
		return rv;
	}
	case_times(d, *result);
	return YOUSU_OK;
}

/* After a case changed in the transaction the caller opened (rv its
 * outcome): queue it on the link and commit, or roll it all back. */
static yousu_err
with_relay(daemon_t *d, yousu_err rv, cJSON **result, char *err, size_t errlen)
{
	if (rv == YOUSU_OK && (rv = yousu__relay_case(d, *result)) != 0)
		snprintf(err, errlen, "case: queueing it on the link failed");
	if (rv == YOUSU_OK && (rv = yousu_store_commit(d->store)) != 0)
		snprintf(err, errlen, "case: commit: %s",
		    yousu_store_errmsg(d->store));
	if (rv != YOUSU_OK) {
		yousu_store_rollback(d->store);
		if (*result != NULL) {
			cJSON_Delete(*result);
			*result = NULL;
		}
	}
	return rv;
}

static yousu_err
ctl_case_propose(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	yousu_case_proposal p = {yousu__jstr(args, "id"),
	    yousu__jstr(args, "title"), yousu__jstr(args, "method"),
	    yousu__jstr(args, "conclusion"), actor, d->cfg.code, 0,
	    yousu__daemon_now(d)};
	int m, day;

	if (yousu_store_begin(d->store) != YOUSU_OK) {
		snprintf(err, errlen, "case propose: store busy");
		return YOUSU_DB;
	}
	yousu_date_to_ymd(today(d), &p.year, &m, &day);
	return case_done(d, "propose",
	    with_relay(d,
	        yousu_cases_propose(d->store, &p, result, err, errlen), result,
	        err, errlen),
	    result, err, errlen);
}

/* 审核发布 is the county's (002 article 11): a township node proposes,
 * the hub publishes or returns. */
static yousu_err
ctl_case_review(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const cJSON *publish = cJSON_GetObjectItem(args, "publish");
	yousu_err rv;

	if (!cJSON_IsBool(publish)) {
		snprintf(err, errlen,
		    "case review: say whether to publish or return it "
		    "(--publish or --return)");
		return YOUSU_INVAL;
	}
	if (yousu_store_begin(d->store) != YOUSU_OK) {
		snprintf(err, errlen, "case review: store busy");
		return YOUSU_DB;
	}
	rv = yousu_cases_review(d->store, yousu__jstr(args, "id"),
	    cJSON_IsTrue(publish), actor, yousu__jstr(args, "note"),
	    yousu__daemon_now(d), result, err, errlen);
	return case_done(d, "review", with_relay(d, rv, result, err, errlen),
	    result, err, errlen);
}

static yousu_err
ctl_case_list(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	int64_t limit = yousu__jint(args, "limit", 0);

	(void) actor;
	if (limit < 0 || limit > 1000000) {
		snprintf(err, errlen, "case list: limit %lld is not 0..1000000",
		    (long long) limit);
		return YOUSU_INVAL;
	}
	return case_done(d, "list",
	    yousu_cases_list(d->store, yousu__jstr(args, "status"), (int) limit,
	        result, err, errlen),
	    result, err, errlen);
}

static yousu_err
ctl_case_show(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor;
	return case_done(d, "show",
	    yousu_cases_show(
	        d->store, yousu__jstr(args, "id"), result, err, errlen),
	    result, err, errlen);
}

static yousu_err
ctl_case_search(daemon_t *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	int64_t limit = yousu__jint(args, "limit", 10);

	(void) actor;
	if (limit < 1 || limit > YOUSU_CASES_MAX_LIMIT) {
		snprintf(err, errlen, "case search: limit %lld is not 1..%d",
		    (long long) limit, YOUSU_CASES_MAX_LIMIT);
		return YOUSU_INVAL;
	}
	return case_done(d, "search",
	    yousu_cases_search(d->store, yousu__jstr(args, "text"), (int) limit,
	        result, err, errlen),
	    result, err, errlen);
}

/* An intake's answer lists the closest published guidance cases (at
 * most 3). Only the single intake searches (a batch does not); the
 * complaint is stored whatever the search says. */
static void
add_similar(daemon_t *d, cJSON *result)
{
	cJSON *similar = NULL;

	if (yousu_cases_similar(d->store, yousu__jstr(result, "content"), 3,
	        &similar) != YOUSU_OK) {
		yousu_log("CASES similar cases not searched: %s",
		    yousu_store_errmsg(d->store));
		similar = cJSON_CreateArray();
	}
	yousu__jset(result, "similar_cases", similar);
}

static const yousu__ctl_entry ctl_cmds[] = {
    {"status", ctl_status},
    {"batch", ctl_batch},
    {"clock", ctl_clock},
    {"show", ctl_show},
    {"list", ctl_list},
    {"ledger", ctl_ledger},
    {"stats", ctl_stats},
    {"ping", ctl_ping},
    {"check", ctl_check},
    {"depts", ctl_depts},
    {"route", ctl_route},
    {"queue", ctl_queue},
    {"hotline.handover", ctl_hotline_handover},
    {"case.propose", ctl_case_propose},
    {"case.review", ctl_case_review},
    {"case.list", ctl_case_list},
    {"case.show", ctl_case_show},
    {"case.search", ctl_case_search},
    {NULL, NULL},
};

static yousu_err
dispatch(daemon_t *d, const char *cmd, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const yousu__ctl_entry *const tables[] = {
	    ctl_cmds, yousu__calendar_cmds, yousu__report_cmds};
	const yousu_role_cmd *rc = d->role->cmds;
	yousu_err rv;

	if (d->role->admits != NULL &&
	    (rv = d->role->admits(d, cmd, err, errlen)) != YOUSU_OK)
		return rv;
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
		for (size_t i = 0; tables[t][i].cmd; i++)
			if (strcmp(tables[t][i].cmd, cmd) == 0)
				return tables[t][i].fn(
				    d, actor, args, result, err, errlen);
	for (; rc != NULL && rc->cmd != NULL; rc++)
		if (strcmp(rc->cmd, cmd) == 0)
			return rc->fn(d, actor, args, result, err, errlen);
	rv = yousu_wf_exec(d->wf, cmd, actor, args, result, err, errlen);
	if (rv == YOUSU_OK && strcmp(cmd, "intake") == 0)
		add_similar(d, *result);
	return rv;
}

static void
log_change(const char *cmd, const char *actor, const cJSON *result)
{
	if (strcmp(cmd, "intake") == 0 || yousu__jstr(result, "status"))
		yousu_log("%s %s by %s -> %s", cmd, yousu__jstr(result, "id"),
		    actor, yousu__jstr(result, "status"));
}

/* Handle one request text; returns the reply text (caller frees). */
char *
yousu__control_handle(daemon_t *d, const char *text, size_t len)
{
	cJSON *req = cJSON_ParseWithLength(text, len), *rep;
	cJSON *result = NULL;
	const char *cmd = yousu__jstr(req, "cmd");
	const char *actor = yousu__jstr(req, "actor");
	const cJSON *args = cJSON_GetObjectItem(req, "args");
	char err[1024] = "";
	yousu_err rv = YOUSU_PROTO;
	char *out;

	if (cmd == NULL)
		snprintf(err, sizeof err,
		    "bad request: expected JSON {\"cmd\", \"actor\", "
		    "\"args\"}");
	else
		rv = dispatch(
		    d, cmd, actor, args ? args : req, &result, err, sizeof err);
	rep = cJSON_CreateObject();
	yousu__jset_bool(rep, "ok", rv == YOUSU_OK);
	if (rv == YOUSU_OK) {
		if (cJSON_IsObject(result) && cJSON_IsObject(args))
			log_change(cmd, actor ? actor : "-", result);
		yousu__jset(rep, "result", result);
	} else {
		yousu_log("REFUSED %s", err);
		yousu__jset_str(
		    rep, "error", err[0] ? err : yousu_strerror(rv));
		yousu__jset_str(rep, "code", yousu_strerror(rv));
	}
	out = yousu__json_print(rep);
	cJSON_Delete(rep);
	cJSON_Delete(req);
	return out;
}
