/* What the staff read: a complaint, the lists, the ledger, statistics, a
 * department's queue, the department catalogue and routing proposals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon_impl.h"
#include "yousu/cases.h"
#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/query.h"
#include "yousu/rounds.h"
#include "yousu/store_ext.h"

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
	yousu__jset(doc, "workorder_form", yousu_workorder_json(d->wf, doc));
	/* the visit rounds (004 第六条) it was picked in */
	{
		cJSON *rounds = NULL;

		if (yousu_round_of(d->store, id, &rounds) == YOUSU_OK)
			yousu__jset(doc, "rounds", rounds);
	}
	/* 003 三(三): the reply waits for a 问题处理说明 */
	if (yousu_wf_needs_explanation(d->wf, doc))
		yousu__jset_bool(doc, "explanation_needed", true);
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
	static const char *const keys[] = {"id", "status", "source", "name",
	    "category", "lead", "due", "origin", NULL};
	/* the scheduler's chain so far and the extensions (the desk's
	 * 督办台) */
	static const char *const counts[] = {
	    "reminders", "supervisions", "notices", "extensions", NULL};
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
	for (size_t i = 0; counts[i]; i++)
		yousu__jset_int(it, counts[i], yousu__jint(doc, counts[i], 0));
	yousu__jset_bool(it, "extension_requested",
	    cJSON_HasObjectItem(doc, "extension_request"));
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
	f.limit = (int) yousu__jint(args, "limit", 0);
	f.offset = (int) yousu__jint(args, "offset", 0);
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

static yousu_err
ctl_profile(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	(void) actor, (void) args;
	if ((*result = yousu_policy_json(d->policy)) == NULL) {
		snprintf(err, errlen, "profile: out of memory");
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

const yousu__ctl_entry yousu__view_cmds[] = {
    {"show", ctl_show},
    {"list", ctl_list},
    {"ledger", ctl_ledger},
    {"stats", ctl_stats},
    {"queue", ctl_queue},
    {"depts", ctl_depts},
    {"profile", ctl_profile},
    {"route", ctl_route},
    {NULL, NULL},
};

/* --- the ledger as CSV, page by page (the desk's download) -------------- */

#define EXPORT_PAGE 500 /* rows built per step: the loop goes on between */

struct yousu__export {
	daemon_t *d;
	cJSON *args; /* the filter's texts point into it */
	yousu_filter f;
	char today_s[11];
	bool with_id, started, done;
	int next_seq;
	int ncol;
	char *buf;
	size_t len;
};

yousu_err
yousu__export_open(daemon_t *d, const cJSON *args, yousu__export **out,
    char *err, size_t errlen)
{
	yousu__export *x = calloc(1, sizeof *x);
	yousu_err rv;

	if (x == NULL)
		return YOUSU_NOMEM;
	x->d = d;
	x->args = cJSON_Duplicate(args, 1);
	if ((rv = read_filter(d, x->args, &x->f, x->today_s, err, errlen)) !=
	    YOUSU_OK) {
		yousu__export_close(x);
		return rv;
	}
	x->with_id = yousu__jbool(x->args, "with_id", false);
	x->f.limit = EXPORT_PAGE;
	x->f.offset = 0;
	x->next_seq = 1;
	*out = x;
	return YOUSU_OK;
}

yousu_err
yousu__export_page(yousu__export *x, cJSON **page, bool *first)
{
	int n = 0;
	yousu_err rv;

	*page = NULL;
	*first = !x->started;
	if (x->done)
		return YOUSU_OK;
	/* from where the last page ended (x->f's keyset) */
	if ((rv = yousu_ledger_page(x->d->wf, x->d->store, &x->f,
	         yousu_daemon_today(x->d), x->with_id, x->next_seq, page,
	         &x->f.after_at, &x->f.after_rid, &n)) != YOUSU_OK)
		return rv;
	x->f.keyset = x->f.keyset || n > 0;
	x->started = true;
	x->next_seq += n;
	x->done = n < EXPORT_PAGE;
	return YOUSU_OK;
}

bool
yousu__export_done(const yousu__export *x)
{
	return x->done;
}

yousu_err
yousu__export_next(yousu__export *x, const char **buf, size_t *len)
{
	cJSON *l = NULL;
	FILE *mem;
	bool first;
	yousu_err rv;

	free(x->buf);
	x->buf = NULL;
	x->len = 0;
	*buf = "";
	*len = 0;
	if ((rv = yousu__export_page(x, &l, &first)) != YOUSU_OK || l == NULL)
		return rv;
	if ((mem = open_memstream(&x->buf, &x->len)) == NULL) {
		cJSON_Delete(l);
		return YOUSU_NOMEM;
	}
	if (first) { /* the byte-order mark and the header */
		cJSON *none = cJSON_CreateArray();

		x->ncol = cJSON_GetArraySize(cJSON_GetObjectItem(l, "columns"));
		yousu_csv_write(mem, cJSON_GetObjectItem(l, "columns"), none);
		cJSON_Delete(none);
	}
	yousu_csv_write_rows(mem, x->ncol, cJSON_GetObjectItem(l, "rows"));
	fclose(mem);
	cJSON_Delete(l);
	*buf = x->buf;
	*len = x->len;
	return YOUSU_OK;
}

void
yousu__export_close(yousu__export *x)
{
	if (x == NULL)
		return;
	cJSON_Delete(x->args);
	free(x->buf);
	free(x);
}

/* --- the days' figures, counted when the loop is idle -------------------- */

/* the local day of the first complaint received, or today */
static int32_t
first_day(daemon_t *d)
{
	sqlite3_stmt *s;
	int32_t day = today(d);

	if (sqlite3_prepare_v2(yousu_store_sqlite(d->store),
	        "SELECT min(received_at) FROM complaints", -1, &s, NULL) != 0)
		return day;
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL)
		day = yousu_local_day(
		    sqlite3_column_int64(s, 0), d->cfg.utc_offset);
	sqlite3_finalize(s);
	return day;
}

bool
yousu__stats_fill(daemon_t *d)
{
	const char *cal = yousu_calendar_version(yousu_wf_calendar(d->wf));
	int32_t t = today(d);
	int64_t dropped = yousu_store_stats_days_dropped(d->store);

	if (!yousu_store_stats_days_on(d->store, d->cfg.utc_offset))
		return false;
	if (d->fill.sweeping &&
	    (t != d->fill.today || strcmp(cal, d->fill.calendar) != 0))
		d->fill.sweeping = false; /* begin again from yesterday */
	if (!d->fill.sweeping) {
		if (t == d->fill.today && dropped == d->fill.dropped &&
		    strcmp(cal, d->fill.calendar) == 0)
			return false; /* swept, nothing changed since */
		d->fill.sweeping = true;
		d->fill.today = t;
		d->fill.dropped = dropped;
		snprintf(d->fill.calendar, sizeof d->fill.calendar, "%s", cal);
		d->fill.day = t - 1; /* today's change all day */
		d->fill.low = first_day(d);
	}
	/* days found kept cost a lookup each: a run of them at a time */
	for (int i = 0; i < 64 && d->fill.day >= d->fill.low; i++) {
		bool counted = false;
		yousu_err rv = yousu_stats_fill_day(
		    d->wf, d->store, t, d->fill.day, &counted);

		if (rv == YOUSU_STATE)
			return false; /* in a transaction: later */
		if (rv != YOUSU_OK) {
			yousu_log("statistics: the figures of day %d are not "
			          "kept: %s",
			    (int) d->fill.day, yousu_store_errmsg(d->store));
			d->fill.sweeping = false;
			return false;
		}
		d->fill.day--;
		if (counted)
			break; /* one day counted a turn */
	}
	if (d->fill.day < d->fill.low)
		d->fill.sweeping = false;
	return d->fill.sweeping;
}

/* --- the statistics, page by page (the desk's) ---------------------------
 */

#define STATS_PAGE 500 /* complaints counted per step */

struct yousu__stats {
	daemon_t *d;
	cJSON *args; /* the filter's texts point into it */
	char today_s[11];
	yousu_stats_job *j;
	bool by_day; /* whole days: from their kept figures */
};

yousu_err
yousu__stats_open(daemon_t *d, const cJSON *args, yousu__stats **out, char *err,
    size_t errlen)
{
	yousu__stats *q = calloc(1, sizeof *q);
	yousu_filter f;
	yousu_err rv;

	if (q == NULL)
		return YOUSU_NOMEM;
	q->d = d;
	q->args = cJSON_Duplicate(args, 1);
	if ((rv = read_filter(d, q->args, &f, q->today_s, err, errlen)) !=
	    YOUSU_OK) {
		yousu__stats_close(q);
		return rv;
	}
	if ((q->j = yousu_stats_start(d->wf, &f, today(d), false)) == NULL) {
		yousu__stats_close(q);
		return YOUSU_NOMEM;
	}
	q->by_day = yousu_stats_by_day(q->j, d->store);
	*out = q;
	return YOUSU_OK;
}

bool
yousu__stats_quick(const yousu__stats *q)
{
	return q->by_day;
}

yousu_err
yousu__stats_step(yousu__stats *q, bool *done)
{
	yousu_err rv = yousu_stats_step(q->j, q->d->store, STATS_PAGE, done);

	if (rv != YOUSU_OK)
		*done = true;
	return rv;
}

cJSON *
yousu__stats_result(yousu__stats *q)
{
	cJSON *st = NULL;

	yousu_stats_finish(q->j, &st, NULL);
	stats_names(q->d, st);
	return st;
}

void
yousu__stats_close(yousu__stats *q)
{
	if (q == NULL)
		return;
	yousu_stats_job_free(q->j);
	cJSON_Delete(q->args);
	free(q);
}
