/* The complaint workflow: validate, check the transition, append. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wf_impl.h"
#include "yousu/commands.h"
#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/roster.h"
#include "yousu/rounds.h"
#include "yousu/strbuf.h"
#include "yousu/utf8.h"

typedef struct wf_op wf_op;

typedef struct {
	yousu_wf *wf;
	const wf_op *op;
	const char *actor;
	const cJSON *args;
	cJSON *own;          /* args without blank optional texts */
	cJSON *doc;          /* current state; NULL before intake */
	cJSON *data;         /* the event's data, built by the op */
	const cJSON *signer; /* who signs besides the actor, or NULL */
	int64_t now;
	char *err;
	size_t errlen;
	/* only checked, not written: a complaint owned by this other centre,
	 * to which the step is then sent (yousu_wf_check_for) */
	const char *foreign;
} wf_call;

struct wf_op {
	const char *name;
	const char *event; /* the event it writes; NULL: its own name */
	const char *from;  /* space-separated statuses, "" for intake */
	const char *hint;  /* said when the transition is refused */
	yousu_err (*build)(wf_call *c);
};

static yousu_err fail(wf_call *c, yousu_err rv, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static yousu_err
fail(wf_call *c, yousu_err rv, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(c->err, c->errlen, "%s: ", c->op->name);

	va_start(ap, fmt);
	if (n > 0 && (size_t) n < c->errlen)
		vsnprintf(c->err + n, c->errlen - (size_t) n, fmt, ap);
	va_end(ap);
	return rv;
}

static const char *
arg(const wf_call *c, const char *key)
{
	return yousu__jstr(c->args, key);
}

static int32_t
today(const wf_call *c)
{
	return yousu_local_day(c->now, c->wf->c.utc_offset_min);
}

/* A department, category or refusal ground may be named by its Chinese
 * name (县市场监督管理局（商事登记窗口）, an alias such as 市监局, the
 * category's words): the request then carries its code. */
static void
own_code(wf_call *c, cJSON *v, char kind)
{
	const char *code;

	if (!cJSON_IsString(v))
		return;
	code = kind == 'd'
	           ? yousu_depts_code_of(c->wf->c.depts, v->valuestring)
	           : yousu_policy_code(c->wf->c.policy, kind, v->valuestring);
	if (code != NULL && strcmp(code, v->valuestring) != 0)
		cJSON_SetValuestring(v, code);
}

static void
own_codes(wf_call *c, cJSON *own)
{
	cJSON *v;

	own_code(c, cJSON_GetObjectItem(own, "lead"), 'd');
	own_code(c, cJSON_GetObjectItem(own, "dept"), 'd');
	own_code(c, cJSON_GetObjectItem(own, "category"), 'c');
	own_code(c, cJSON_GetObjectItem(own, "ground"), 'r');
	cJSON_ArrayForEach (v, cJSON_GetObjectItem(own, "co"))
		own_code(c, v, 'd');
}

/* Checks every field of the request at once against the command schema
 * (yousu/commands.h). On success c->args becomes the request without its
 * blank optional texts (owned by c), its departments, categories and
 * grounds given by name turned into codes. */
static yousu_err
check_fields(wf_call *c)
{
	char msg[1024];

	if (yousu_command_args(yousu_command_find(c->op->name), c->args,
	        &c->own, msg, sizeof msg) != YOUSU_OK)
		return fail(c, YOUSU_INVAL, "%s", msg);
	c->args = c->own;
	own_codes(c, c->own);
	return YOUSU_OK;
}

static bool
phone_ok(const char *p)
{
	size_t digits = 0;

	for (const char *s = p; *s; s++) {
		if (isdigit((unsigned char) *s))
			digits++;
		else if (!strchr("+- ()", *s))
			return false;
	}
	return digits >= 5 && digits <= 20;
}

/* Map an input to a code of kind or fail naming the choices. */
static yousu_err
code_arg(wf_call *c, const char *key, const char *kind, const char **out)
{
	const char *in = arg(c, key), *code;
	char choices[256];

	if (in == NULL) {
		*out = NULL;
		return YOUSU_OK;
	}
	if ((code = yousu_code_from_input(kind, in)) == NULL) {
		yousu_codes_list(kind, choices, sizeof choices);
		return fail(c, YOUSU_INVAL, "%s '%s' is not one of: %s", key,
		    in, choices);
	}
	*out = code;
	return YOUSU_OK;
}

static void
copy_args(wf_call *c, const char *const *keys)
{
	for (; *keys; keys++) {
		const cJSON *v =
		    cJSON_GetObjectItemCaseSensitive(c->args, *keys);

		if (v != NULL)
			yousu__jset(c->data, *keys, cJSON_Duplicate(v, 1));
	}
}

/* --- deadlines ------------------------------------------------------ */

/* The due date of a limit of `days` working days from day `from`, as
 * text; *prov says whether it was counted past the loaded calendar. */
static void
due_after(wf_call *c, int32_t from, int days, char out[11], bool *prov)
{
	yousu_date due;

	if (yousu_calendar_due_after(c->wf->c.cal, from, days, &due, prov))
		yousu_panic(
		    "workflow: a limit of %d days cannot be counted", days);
	yousu_date_format(due, out);
}

/* The calendar version that counted the event's figures, and whether
 * key's figure was counted past the loaded years (暂定): the flag is
 * written only when true. */
static void
set_counted(wf_call *c, const char *key, bool prov)
{
	yousu__jset_str(
	    c->data, "calendar", yousu_calendar_version(c->wf->c.cal));
	if (prov)
		yousu__jset_bool(c->data, key, true);
}

/* How many levels (township, county, city) take part in the complaint:
 * those of the departments handling it (being assigned, in c->data, else
 * the doc's), and two at least once it has moved between centres. */
static int
span_levels(wf_call *c)
{
	const cJSON *src = yousu__jstr(c->data, "lead") ? c->data : c->doc, *v;
	const yousu_depts *d = c->wf->c.depts;
	unsigned seen = 0;
	yousu_level l;
	int n = 0;

	if (yousu_depts_level(d, yousu__jstr(src, "lead"), &l) == YOUSU_OK)
		seen |= 1u << l;
	cJSON_ArrayForEach (v, cJSON_GetObjectItem(src, "co"))
		if (cJSON_IsString(v) &&
		    yousu_depts_level(d, v->valuestring, &l) == YOUSU_OK)
			seen |= 1u << l;
	for (; seen != 0; seen &= seen - 1)
		n++;
	/* handed between centres (escalated, 跨层级): more than one level
	 * takes part, whatever the departments */
	if (yousu__jint(c->doc, "transfers", 0) > 0 && n < 2)
		n = 2;
	return n;
}

/* Time limit and due date for the complaint as classified, with ndept
 * departments, counted from today; written into c->data, with the due
 * date of the first feedback when the profile asks for one. */
/* A 12345 交办单's 办理时限 binds the first round (001: the hotline and
 * the windows handle 有诉即办 as one): it is counted from the day the
 * centre took the complaint, and the profile's limit applies only when
 * it ends sooner. *limit, from and due become the form's when it does. */
static void
hotline_limit(wf_call *c, int *limit, char from[11], char due[11], bool *prov)
{
	int64_t form = yousu__jint(c->doc, "time_limit_days", 0);
	int32_t taken = yousu_local_day(
	    yousu__jint(c->doc, "received_at", 0), c->wf->c.utc_offset_min);
	char form_due[11];
	bool form_prov;

	if (form <= 0 || yousu__jint(c->doc, "redos", 0) > 0 ||
	    strcmp(c->op->name, "assign") != 0)
		return;
	due_after(c, taken, (int) form, form_due, &form_prov);
	if (strcmp(form_due, due) >= 0)
		return; /* the profile's ends sooner */
	*limit = (int) form;
	yousu_date_format(taken, from);
	memcpy(due, form_due, 11);
	*prov = form_prov;
	yousu__jset_str(c->data, "limit_source", "hotline");
}

static yousu_err
set_deadline(wf_call *c, int ndept)
{
	const yousu_policy *p = c->wf->c.policy;
	const char *klass = yousu__jstr(c->doc, "class");
	yousu_policy_case pc = {klass, yousu__jstr(c->doc, "nature"),
	    (int) yousu__jint(c->doc, "level", 0), ndept, span_levels(c)};
	int limit = yousu_policy_limit(p, &pc);
	int feedback = yousu_policy_feedback_days(p, &pc);
	char due[11], from[11];
	bool prov;

	/* the counting's start and limit are kept, so that a new calendar
	 * can count the same deadline again (期限调整) */
	yousu_date_format(today(c), from);
	due_after(c, today(c), limit, due, &prov);
	hotline_limit(c, &limit, from, due, &prov);
	yousu__jset_str(c->data, "due_from", from);
	yousu__jset_int(c->data, "limit_days", limit);
	yousu__jset_str(c->data, "due", due);
	set_counted(c, "due_provisional", prov);
	if (pc.levels > 1)
		yousu__jset_int(c->data, "levels", pc.levels);
	if (feedback >= 0 && feedback < limit) {
		due_after(c, today(c), feedback, due, &prov);
		yousu__jset_int(c->data, "feedback_days", feedback);
		yousu__jset_str(c->data, "feedback_due", due);
		if (prov)
			yousu__jset_bool(c->data, "feedback_provisional", true);
	}
	return YOUSU_OK;
}

/* --- the operations -------------------------------------------------- */

static yousu_err
make_id(wf_call *c, char *id, size_t len, int64_t *serial)
{
	int y, m, d;
	char key[64];
	int64_t daily;
	yousu_store *st = c->wf->c.store;

	yousu_date_to_ymd(today(c), &y, &m, &d);
	snprintf(key, sizeof key, "day:%04d%02d%02d", y, m, d);
	if (yousu_store_next_serial(st, key, &daily))
		return fail(
		    c, YOUSU_DB, "numbering: %s", yousu_store_errmsg(st));
	snprintf(key, sizeof key, "year:%04d", y);
	if (yousu_store_next_serial(st, key, serial))
		return fail(
		    c, YOUSU_DB, "numbering: %s", yousu_store_errmsg(st));
	/* the profile's digits (004: two, 2021081203), wider past them */
	snprintf(id, len, "%s-%04d%02d%02d%0*lld", c->wf->c.centre, y, m, d,
	    yousu_policy_seq_digits(c->wf->c.policy), (long long) daily);
	yousu__jset_int(c->data, "year", y);
	return YOUSU_OK;
}

/* The 12345 交办单's own terms (001 附件1): its 办理时限, the days within
 * which the caller is told the outcome, and the units it names (texts,
 * matched to departments by route). */
static yousu_err
hotline_terms(wf_call *c)
{
	const cJSON *co = cJSON_GetObjectItem(c->args, "co_units"), *v;

	if (cJSON_GetArraySize(co) > 16)
		return fail(c, YOUSU_INVAL,
		    "co_units (协办单位) lists more than 16 units");
	cJSON_ArrayForEach (v, co)
		if (!cJSON_IsString(v) || yousu_text_blank(v->valuestring) ||
		    strlen(v->valuestring) > 200)
			return fail(c, YOUSU_INVAL,
			    "co_units (协办单位) must list unit names (texts "
			    "of "
			    "at most 200 bytes)");
	return YOUSU_OK;
}

/* The day the caller is to be told the outcome (并于N个工作日内将办理情况
 * 反馈来电人), counted from the day the centre took the complaint. */
static void
callback_due(wf_call *c)
{
	int64_t days = yousu__jint(c->args, "feedback_within_days", 0);
	char due[11];
	bool prov;

	if (days <= 0)
		return;
	due_after(c, today(c), (int) days, due, &prov);
	yousu__jset_str(c->data, "callback_due", due);
	set_counted(c, "callback_provisional", prov);
}

/* 003 三(四) 领导带班: the work order's 带班领导 is the roster's for the
 * half-day of intake, when the roster names one */
static yousu_err
roster_leader(wf_call *c)
{
	char who[128];
	const char *half = yousu_roster_half(c->now, c->wf->c.utc_offset_min);
	yousu_err rv = yousu_roster_leader(
	    c->wf->c.store, today(c), half, who, sizeof who);

	if (rv == YOUSU_NOTFOUND)
		return YOUSU_OK;
	if (rv != YOUSU_OK)
		return fail(
		    c, rv, "store: %s", yousu_store_errmsg(c->wf->c.store));
	if (arg(c, "duty_leader") != NULL &&
	    strcmp(arg(c, "duty_leader"), who) != 0)
		return fail(c, YOUSU_INVAL,
		    "duty_leader '%s': the roster names %s as 带班领导 this %s "
		    "(yousuctl duty board); leave it out",
		    arg(c, "duty_leader"), who,
		    strcmp(half, "am") == 0 ? "morning (上午)"
		                            : "afternoon (下午)");
	yousu__jset_str(c->data, "duty_leader", who);
	yousu__jset_bool(c->data, "duty_from_roster", true);
	return YOUSU_OK;
}

/* 重复件: a new complaint linked to an earlier one as its repeat; one
 * closed less than the profile's window ago counts against its lead
 * department (重复投诉) */
static yousu_err
repeat_of(wf_call *c)
{
	const char *id = arg(c, "repeat_of");
	cJSON *earlier = NULL;
	int64_t closed, days;
	yousu_err rv;

	if (id == NULL)
		return YOUSU_OK;
	rv = yousu_store_load(c->wf->c.store, id, &earlier);
	if (rv == YOUSU_NOTFOUND)
		return fail(c, rv,
		    "repeat_of: no complaint '%s' here (yousuctl repeats finds "
		    "the earlier ones)",
		    id);
	if (rv != YOUSU_OK)
		return fail(
		    c, rv, "store: %s", yousu_store_errmsg(c->wf->c.store));
	days = yousu_policy_repeat_days(c->wf->c.policy);
	closed = yousu__jint(earlier, "closed_at", 0);
	yousu__jset_str(c->data, "repeat_of", id);
	if (strcmp(yousu__jstr(earlier, "status"), "closed") == 0 &&
	    yousu__jstr(earlier, "lead") != NULL &&
	    c->now - closed <= days * 86400)
		yousu__jset_str(
		    c->data, "repeat_dept", yousu__jstr(earlier, "lead"));
	cJSON_Delete(earlier);
	return YOUSU_OK;
}

/* 补充反映: the complainant adds to an open complaint (a repeat that is
 * no new complaint): recorded, its handler told; no new deadline */
static yousu_err
build_add(wf_call *c)
{
	const char *source;
	yousu_err rv;

	if ((rv = code_arg(c, "source", "source", &source)) != YOUSU_OK)
		return rv;
	yousu__jset_str(c->data, "content", arg(c, "content"));
	if (source != NULL)
		yousu__jset_str(c->data, "source", source);
	return YOUSU_OK;
}

static yousu_err
build_intake(wf_call *c)
{
	static const char *const keys[] = {"name", "is_org", "org_contact",
	    "phone", "address", "content", "duty_leader", "order_contact",
	    "order_phone", "contact_within_hours", "anonymous", "hotline_no",
	    "time_limit_days", "feedback_within_days", "lead_unit", "co_units",
	    "notify", NULL};
	bool anon = yousu__jbool(c->args, "anonymous", false);
	const char *source;
	char id[64];
	int64_t serial;
	yousu_err rv;

	if ((rv = code_arg(c, "source", "source", &source)) != YOUSU_OK)
		return rv;
	if (!anon && (arg(c, "name") == NULL || arg(c, "phone") == NULL))
		return fail(c, YOUSU_INVAL,
		    "missing field%s %s (needed unless the caller is "
		    "anonymous)",
		    arg(c, "name") || arg(c, "phone") ? "" : "s",
		    arg(c, "name")    ? "'phone'"
		    : arg(c, "phone") ? "'name'"
		                      : "'name' and 'phone'");
	if (arg(c, "phone") && !phone_ok(arg(c, "phone")))
		return fail(c, YOUSU_INVAL,
		    "phone '%s' is not a telephone number", arg(c, "phone"));
	if (arg(c, "org_contact") && !yousu__jbool(c->args, "is_org", false))
		return fail(c, YOUSU_INVAL,
		    "org_contact (单位联系人) applies to organisations only: "
		    "set is_org");
	if ((rv = hotline_terms(c)) != YOUSU_OK)
		return rv;
	copy_args(c, keys);
	if ((rv = roster_leader(c)) != YOUSU_OK)
		return rv;
	callback_due(c);
	if ((rv = repeat_of(c)) != YOUSU_OK)
		return rv;
	/* the profile's contact duty for whom did not come to the window
	 * (a 12345 form's own hours win) */
	if (!anon && strcmp(source, "window") != 0 &&
	    !cJSON_HasObjectItem(c->data, "contact_within_hours") &&
	    yousu_policy_contact_hours(c->wf->c.policy) > 0)
		yousu__jset_int(c->data, "contact_within_hours",
		    yousu_policy_contact_hours(c->wf->c.policy));
	yousu__jset_str(c->data, "source", source);
	yousu__jset_str(
	    c->data, "staff", arg(c, "staff") ? arg(c, "staff") : c->actor);
	if ((rv = make_id(c, id, sizeof id, &serial)) != YOUSU_OK)
		return rv;
	yousu__jset_str(c->data, "id", id);
	yousu__jset_int(c->data, "serial", serial);
	return YOUSU_OK;
}

static yousu_err
build_reject(wf_call *c)
{
	const char *channel, *label;
	char codes[256];

	label =
	    yousu_policy_refusal(c->wf->c.policy, arg(c, "ground"), &channel);
	if (label == NULL) {
		const char *near = yousu_policy_closest(
		    c->wf->c.policy, 'r', arg(c, "ground"));

		yousu_policy_list_codes(
		    c->wf->c.policy, 'r', codes, sizeof codes);
		if (near != NULL)
			return fail(c, YOUSU_INVAL,
			    "ground '%s' is not a refusal ground of this "
			    "profile: "
			    "did you mean '%s'?",
			    arg(c, "ground"), near);
		return fail(c, YOUSU_INVAL,
		    "ground '%s' is not a refusal ground of this profile (%s)",
		    arg(c, "ground"), codes);
	}
	yousu__jset_str(c->data, "ground", arg(c, "ground"));
	yousu__jset_str(c->data, "label", label);
	yousu__jset_str(c->data, "channel", channel);
	if (arg(c, "note"))
		yousu__jset_str(c->data, "note", arg(c, "note"));
	return YOUSU_OK;
}

static yousu_err
build_classify(wf_call *c)
{
	const char *nature, *klass = arg(c, "class");
	int64_t level = yousu__jint(c->args, "level", 0);
	char codes[256];
	yousu_err rv;

	if (!yousu_policy_category(c->wf->c.policy, arg(c, "category"))) {
		const char *near = yousu_policy_closest(
		    c->wf->c.policy, 'c', arg(c, "category"));

		yousu_policy_list_codes(
		    c->wf->c.policy, 'c', codes, sizeof codes);
		if (near != NULL)
			return fail(c, YOUSU_INVAL,
			    "category '%s' is not in this profile's accepted "
			    "scope: did you mean '%s'?",
			    arg(c, "category"), near);
		return fail(c, YOUSU_INVAL,
		    "category '%s' is not in this profile's accepted scope "
		    "(%s); a complaint outside it is rejected (yousuctl "
		    "reject)",
		    arg(c, "category"), codes);
	}
	if ((rv = code_arg(c, "nature", "nature", &nature)) != YOUSU_OK)
		return rv;
	yousu_policy_list_codes(c->wf->c.policy, 'k', codes, sizeof codes);
	if (klass && yousu_policy_classes(c->wf->c.policy) == 0)
		return fail(c, YOUSU_INVAL,
		    "class '%s': the profile %s has no classes", klass,
		    yousu_policy_name(c->wf->c.policy));
	if (klass && !yousu_policy_class(c->wf->c.policy, klass, NULL))
		return fail(c, YOUSU_INVAL,
		    "class '%s' is not one of this profile's classes (%s)",
		    klass, codes);
	if (!klass && yousu_policy_classes(c->wf->c.policy) > 0)
		return fail(c, YOUSU_INVAL,
		    "missing field 'class': the profile %s files every "
		    "complaint as one of %s",
		    yousu_policy_name(c->wf->c.policy), codes);
	yousu__jset_str(c->data, "category", arg(c, "category"));
	yousu__jset_str(c->data, "nature", nature ? nature : "general");
	if (klass)
		yousu__jset_str(c->data, "class", klass);
	if (level)
		yousu__jset_int(c->data, "level", level);
	return YOUSU_OK;
}

static yousu_err
build_resolve(wf_call *c)
{
	yousu__jset_str(c->data, "kind", "spot");
	yousu__jset_str(c->data, "result", arg(c, "result"));
	return YOUSU_OK;
}

static yousu_err
check_dept(wf_call *c, const char *code)
{
	const char *near;

	if (yousu_depts_name(c->wf->c.depts, code) != NULL)
		return YOUSU_OK;
	if ((near = yousu_depts_closest(c->wf->c.depts, code)) != NULL)
		return fail(c, YOUSU_NOTFOUND,
		    "unknown department '%s' (not in the department "
		    "catalogue): did you mean '%s' (%s)?",
		    code, near, yousu_depts_name(c->wf->c.depts, near));
	return fail(c, YOUSU_NOTFOUND,
	    "unknown department '%s' (not in the department catalogue)", code);
}

/* Whether 交办单 stub number no is on another complaint's form (its id in
 * owner). Each number is kept in the store's settings as "stub:NO". */
static bool
stub_taken(wf_call *c, const char *no, char *owner, size_t len)
{
	char key[96], id[64];

	snprintf(key, sizeof key, "stub:%s", no);
	if (yousu_store_get_setting(c->wf->c.store, key, id, sizeof id) !=
	        YOUSU_OK ||
	    strcmp(id, arg(c, "id")) == 0)
		return false;
	if (owner != NULL)
		snprintf(owner, len, "%s", id);
	return true;
}

/* The form's stub number: one per 交办单, never two forms with one. */
static yousu_err
set_stub(wf_call *c, const char *no)
{
	char key[96], owner[64];

	if (no[0] == '\0')
		return fail(c, YOUSU_INVAL, "stub number is empty");
	if (strlen(no) > 48)
		return fail(c, YOUSU_INVAL,
		    "stub number '%.48s...' is longer than 48 bytes", no);
	if (stub_taken(c, no, owner, sizeof owner))
		return fail(c, YOUSU_INVAL,
		    "stub number NO.%s is already on the 交办单 of %s; each "
		    "form has its own",
		    no, owner);
	snprintf(key, sizeof key, "stub:%s", no);
	if (yousu_store_set_setting(c->wf->c.store, key, arg(c, "id")))
		return fail(c, YOUSU_DB, "stub number: %s",
		    yousu_store_errmsg(c->wf->c.store));
	yousu__jset_str(c->data, "stub", no);
	return YOUSU_OK;
}

/* The lead and the co-handling units (known, each once) into the event;
 * how many departments in *ndept. */
static yousu_err
set_depts(wf_call *c, const char *lead, const cJSON *co, int *ndept)
{
	const cJSON *v;
	yousu_err rv;

	*ndept = 1;
	cJSON_ArrayForEach (v, co) {
		if ((rv = check_dept(c, v->valuestring)) != YOUSU_OK)
			return rv;
		if (strcmp(v->valuestring, lead) == 0)
			return fail(c, YOUSU_INVAL,
			    "'%s' is the lead; list it once", lead);
		for (const cJSON *w = co->child; w != v; w = w->next)
			if (strcmp(w->valuestring, v->valuestring) == 0)
				return fail(c, YOUSU_INVAL,
				    "co-handling unit '%s' listed twice",
				    v->valuestring);
		(*ndept)++;
	}
	yousu__jset_str(c->data, "lead", lead);
	yousu__jset(
	    c->data, "co", co ? cJSON_Duplicate(co, 1) : cJSON_CreateArray());
	return YOUSU_OK;
}

static yousu_err
build_assign(wf_call *c)
{
	const cJSON *co = cJSON_GetObjectItem(c->args, "co");
	const char *lead = arg(c, "lead"), *klass, *label, *body;
	int ndept = 1;
	yousu_err rv;
	int64_t stub;
	char buf[32];

	if ((rv = check_dept(c, lead)) != YOUSU_OK)
		return rv;
	klass = yousu__jstr(c->doc, "class");
	label = yousu_policy_class(c->wf->c.policy, klass, &body);
	if (label != NULL && body != NULL && strcmp(lead, body) != 0)
		return fail(c, YOUSU_INVAL,
		    "class %s (%s) is led by %s (%s): assign it with --lead "
		    "%s",
		    klass, label, body, yousu_depts_name(c->wf->c.depts, body),
		    body);
	if ((rv = set_depts(c, lead, co, &ndept)) != YOUSU_OK ||
	    (rv = set_deadline(c, ndept)) != YOUSU_OK)
		return rv;
	/* the next free number, past any written by hand on paper forms */
	while (arg(c, "stub") == NULL) {
		if (yousu_store_next_serial(c->wf->c.store, "stub", &stub))
			return fail(c, YOUSU_DB, "stub number");
		snprintf(buf, sizeof buf, "%06lld", (long long) stub);
		if (!stub_taken(c, buf, NULL, 0))
			break;
	}
	return set_stub(c, arg(c, "stub") ? arg(c, "stub") : buf);
}

static int dept_count(const cJSON *doc);

/* 003 三(三) “对需要与上级沟通请示或涉及多部门、流程复杂的事项，应形成问题
 * 处理说明”: where the profile says so, the reply and the extension request
 * wait for it. */
static yousu_err
explained(wf_call *c)
{
	if (cJSON_HasObjectItem(c->doc, "explanation") ||
	    !yousu_wf_needs_explanation(c->wf, c->doc))
		return YOUSU_OK;
	return fail(c, YOUSU_STATE,
	    "%s needs its 问题处理说明 first (the problem, who was consulted, "
	    "what is proposed: yousuctl explain), as the profile asks for a "
	    "matter of the level above or several departments "
	    "([explanation])",
	    yousu__jstr(c->doc, "id"));
}

/* A round of handling to the date of argument key (a working day; what
 * names it in the refusal): due, limit_days, due_from and the calendar
 * that counted them into the event; the working days in *n. */
static yousu_err
round_to(wf_call *c, const char *key, const char *what, int *n)
{
	yousu_date due;
	bool work, prov, p2;
	char from[11];

	(void) yousu_date_parse(arg(c, key), &due);
	yousu_calendar_is_workday(c->wf->c.cal, due, &work, &prov);
	if (!work)
		return fail(c, YOUSU_INVAL, "%s %s is not a working day", what,
		    arg(c, key));
	yousu_calendar_working_days_between(
	    c->wf->c.cal, today(c), due, n, &p2);
	yousu__jset_str(c->data, "due", arg(c, key));
	yousu__jset_int(c->data, "limit_days", *n);
	yousu_date_format(today(c), from);
	yousu__jset_str(c->data, "due_from", from);
	set_counted(c, "due_provisional", prov || p2);
	return YOUSU_OK;
}

/* A plan (解决方案) given and its result not yet replied. */
static bool
plan_open(const cJSON *doc)
{
	const cJSON *plan = cJSON_GetObjectItem(doc, "plan");

	return plan != NULL && !cJSON_HasObjectItem(plan, "done_at");
}

/* 002 第八条: a plan (解决方案) is no result; the department commits to a
 * date for the result (按照解决方案在承诺时限内出具办理结果), and the
 * complaint stays open under it, its round counted to that date. */
static yousu_err
plan_terms(wf_call *c)
{
	const yousu_policy *p = c->wf->c.policy;
	const char *nature = yousu__jstr(c->doc, "nature");
	int max = yousu_policy_plan_max_days(p), n;
	yousu_date day;
	yousu_err rv;

	if (!yousu_policy_plan_allowed(p, nature, dept_count(c->doc)))
		return fail(c, YOUSU_INVAL,
		    "a plan (解决方案) does not answer a %s (%s) complaint "
		    "handled by one department in this profile ([plans]): "
		    "reply with the result (--kind done) or, if it cannot be "
		    "done, with the reasons (--kind cannot)",
		    yousu_label("nature", nature ? nature : "general"),
		    nature ? nature : "general");
	if (arg(c, "committed") == NULL || arg(c, "steps") == NULL)
		return fail(c, YOUSU_INVAL,
		    "a plan (解决方案) needs %s: the result is due by the "
		    "committed date",
		    arg(c, "committed") == NULL && arg(c, "steps") == NULL
		        ? "the date its result is committed to (committed) and "
		          "the steps it promises (steps)"
		    : arg(c, "committed") == NULL
		        ? "the date its result is committed to (committed)"
		        : "the steps it promises (steps)");
	(void) yousu_date_parse(arg(c, "committed"), &day);
	if (day <= today(c))
		return fail(c, YOUSU_INVAL,
		    "committed date %s is not after today: a result due today "
		    "is a reply (--kind done)",
		    arg(c, "committed"));
	if ((rv = round_to(c, "committed", "committed date", &n)) != YOUSU_OK)
		return rv;
	if (max >= 0 && n > max)
		return fail(c, YOUSU_LIMIT,
		    "committed date %s is %d working days away; the profile "
		    "allows a plan %d at most ([plans] max_days)",
		    arg(c, "committed"), n, max);
	copy_args(c, (const char *const[]){"steps", "committed", NULL});
	return YOUSU_OK;
}

static yousu_err
build_reply(wf_call *c)
{
	const char *kind, *lead = yousu__jstr(c->doc, "lead");
	const char *dept = arg(c, "dept") ? arg(c, "dept") : lead;
	yousu_err rv;
	bool prov;

	if ((rv = code_arg(c, "kind", "reply", &kind)) != YOUSU_OK)
		return rv;
	if (strcmp(kind, "spot") == 0)
		return fail(c, YOUSU_INVAL,
		    "kind 'spot' is for on-the-spot resolution (yousuctl "
		    "resolve)");
	if (strcmp(kind, "cannot") == 0 &&
	    (arg(c, "reason") == NULL ||
	        (arg(c, "basis") == NULL &&
	            yousu_policy_cannot_needs_basis(c->wf->c.policy))))
		return fail(c, YOUSU_INVAL,
		    arg(c, "reason") == NULL
		        ? "a 'cannot' reply (否定答复) needs the reason why it "
		          "cannot be done (reason)"
		        : "a 'cannot' reply (否定答复) needs its legal or "
		          "policy basis (basis) besides the reason");
	if (strcmp(dept, lead) != 0)
		return fail(c, YOUSU_INVAL,
		    "'%s' is not the lead department (%s): co-handling units "
		    "reply to the lead, and the lead's reply answers the "
		    "complaint",
		    dept, lead);
	if ((rv = explained(c)) != YOUSU_OK)
		return rv;
	if (strcmp(kind, "plan") == 0 && plan_open(c->doc))
		return fail(c, YOUSU_STATE,
		    "%s already has a plan (解决方案) with its result due by "
		    "%s: reply with the result (--kind done, or cannot); the "
		    "date moves only by an extension (yousuctl extend)",
		    yousu__jstr(c->doc, "id"), yousu__jstr(c->doc, "due"));
	if (strcmp(kind, "plan") != 0 &&
	    (arg(c, "committed") != NULL || arg(c, "steps") != NULL))
		return fail(c, YOUSU_INVAL,
		    "committed and steps belong to a plan (--kind plan), not "
		    "to a %s reply",
		    kind);
	if (strcmp(kind, "plan") == 0 && (rv = plan_terms(c)) != YOUSU_OK)
		return rv;
	copy_args(c, (const char *const[]){"result", "reason", "basis", NULL});
	yousu__jset_str(c->data, "kind", kind);
	yousu__jset_str(c->data, "dept", dept);
	/* the result of a plan: kept by its committed date or not */
	if (strcmp(kind, "plan") != 0 && plan_open(c->doc)) {
		yousu__jset_str(
		    c->data, "plan_due", yousu__jstr(c->doc, "due"));
		yousu__jset_bool(c->data, "plan_kept",
		    yousu__round_late(c->wf, c->doc, today(c), &prov) == 0);
	}
	/* 否定答复报告: every "cannot" is reported where the profile says */
	if (strcmp(kind, "cannot") == 0 &&
	    yousu_policy_cannot_report_to(c->wf->c.policy))
		yousu__jset_str(c->data, "reported_to",
		    yousu_policy_cannot_report_to(c->wf->c.policy));
	/* the lateness of this round, kept in the log for the ledger */
	yousu__jset_int(c->data, "late_days",
	    yousu__round_late(c->wf, c->doc, today(c), &prov));
	set_counted(c, "late_provisional", prov);
	return YOUSU_OK;
}

static yousu_err
build_extend(wf_call *c)
{
	const yousu_policy *p = c->wf->c.policy;
	int64_t days = yousu__jint(c->args, "days", 0);
	int64_t used = yousu__jint(c->doc, "extended_days", 0);
	int32_t due;
	char buf[11];
	bool prov;

	if (used + days > yousu_policy_extension_max(p))
		return fail(c, YOUSU_LIMIT,
		    "%lld more working days would bring the extensions to "
		    "%lld; the profile allows %d at most (then the leading "
		    "group decides)",
		    (long long) days, (long long) (used + days),
		    yousu_policy_extension_max(p));
	if (yousu_date_parse(yousu__jstr(c->doc, "due"), &due))
		return fail(c, YOUSU_STATE, "%s has no due date to extend",
		    yousu__jstr(c->doc, "id"));
	if (today(c) > due)
		return fail(c, YOUSU_STATE,
		    "the deadline %s has passed: an extension is approved "
		    "before it, not after",
		    yousu__jstr(c->doc, "due"));
	due_after(c, due, (int) days, buf, &prov);
	copy_args(c, (const char *const[]){"days", "approver", "reason", NULL});
	yousu__jset_str(
	    c->data, "approver_role", yousu_policy_extension_approver(p));
	yousu__jset_str(c->data, "due", buf);
	/* counted on from a provisional due date, it is provisional too */
	set_counted(c, "due_provisional",
	    prov || yousu__jbool(c->doc, "due_provisional", false));
	return YOUSU_OK;
}

/* Which part dept has in the handling of doc: "lead", "co", or NULL. */
static const char *
dept_role(const cJSON *doc, const char *dept)
{
	const cJSON *v;

	if (yousu__jstr(doc, "lead") &&
	    strcmp(yousu__jstr(doc, "lead"), dept) == 0)
		return "lead";
	cJSON_ArrayForEach (v, cJSON_GetObjectItem(doc, "co"))
		if (cJSON_IsString(v) && strcmp(v->valuestring, dept) == 0)
			return "co";
	return NULL;
}

/* The department acting (--dept): known, and one the complaint is
 * assigned to; its role in *role. */
static yousu_err
dept_acting(wf_call *c, const char *dept, const char **role)
{
	yousu_err rv;

	if ((rv = check_dept(c, dept)) != YOUSU_OK)
		return rv;
	if ((*role = dept_role(c->doc, dept)) == NULL)
		return fail(c, YOUSU_STATE,
		    "%s is not assigned to '%s' (lead %s): only its lead and "
		    "co-handling units act on it",
		    yousu__jstr(c->doc, "id"), dept,
		    yousu__jstr(c->doc, "lead"));
	return YOUSU_OK;
}

static yousu_err
acting_dept(wf_call *c, const char **dept, const char **role)
{
	*dept = arg(c, "dept");
	return dept_acting(c, *dept, role);
}

static yousu_err
build_accept(wf_call *c)
{
	const char *dept, *role;
	yousu_err rv;

	if ((rv = acting_dept(c, &dept, &role)) != YOUSU_OK)
		return rv;
	/* each round of handling (assignment, redo) is signed for anew */
	if (yousu__jint(cJSON_GetObjectItem(c->doc, "accepted"), dept, 0))
		return fail(c, YOUSU_STATE, "'%s' has already signed for %s",
		    dept, yousu__jstr(c->doc, "id"));
	yousu__jset_str(c->data, "dept", dept);
	yousu__jset_str(c->data, "role", role);
	return YOUSU_OK;
}

static yousu_err
build_co_reply(wf_call *c)
{
	const char *dept, *role;
	yousu_err rv;

	if ((rv = acting_dept(c, &dept, &role)) != YOUSU_OK)
		return rv;
	if (strcmp(role, "lead") == 0)
		return fail(c, YOUSU_INVAL,
		    "'%s' is the lead department: its reply answers the "
		    "complaint (yousuctl reply)",
		    dept);
	copy_args(c, (const char *const[]){"dept", "result", NULL});
	return YOUSU_OK;
}

static yousu_err
build_extend_request(wf_call *c)
{
	const char *dept, *role;
	yousu_err rv;

	if ((rv = acting_dept(c, &dept, &role)) != YOUSU_OK)
		return rv;
	if (strcmp(role, "lead") != 0)
		return fail(c, YOUSU_INVAL,
		    "'%s' is a co-handling unit: the lead department (%s) "
		    "asks for an extension",
		    dept, yousu__jstr(c->doc, "lead"));
	if ((rv = explained(c)) != YOUSU_OK)
		return rv;
	copy_args(c, (const char *const[]){"dept", "days", "reason", NULL});
	return YOUSU_OK;
}

/* 问题处理说明 (003 三(三)): written by the lead (or a co-handling unit
 * for its part); the latest one stands */
static yousu_err
build_explain(wf_call *c)
{
	const char *dept, *role;
	yousu_err rv;

	dept = arg(c, "dept") ? arg(c, "dept") : yousu__jstr(c->doc, "lead");
	if ((rv = dept_acting(c, dept, &role)) != YOUSU_OK)
		return rv;
	copy_args(
	    c, (const char *const[]){"problem", "consulted", "proposal", NULL});
	yousu__jset_str(c->data, "dept", dept);
	yousu__jset_str(c->data, "role", role);
	return YOUSU_OK;
}

static int
dept_count(const cJSON *doc)
{
	return 1 + cJSON_GetArraySize(cJSON_GetObjectItem(doc, "co"));
}

static yousu_err
build_qc(wf_call *c)
{
	bool pass = yousu__jbool(c->args, "pass", false);

	if (!pass && arg(c, "note") == NULL)
		return fail(c, YOUSU_INVAL,
		    "a failed quality check needs a note saying what to redo");
	copy_args(c, (const char *const[]){"pass", "note", NULL});
	return pass ? YOUSU_OK : set_deadline(c, dept_count(c->doc));
}

/* A call that did not reach the complainant (无人接听, 拒绝回访, 号码错误):
 * counted; after the profile's number of them, the last at least its
 * working days after the first, the complainant is 无法回访 (the visit
 * ends without a satisfaction, counted apart). */
static yousu_err
visit_attempt(wf_call *c, const char *outcome)
{
	int days = 0,
	    need = yousu_policy_visit_attempts(c->wf->c.policy, &days);
	int64_t n = yousu__jint(c->doc, "visit_failed", 0) + 1;
	int64_t first =
	    n > 1 ? yousu__jint(c->doc, "visit_first_failed_at", 0) : c->now;
	int off = c->wf->c.utc_offset_min, span = 0;
	bool prov = false;

	if (arg(c, "satisfaction") != NULL ||
	    cJSON_HasObjectItem(c->args, "resolved"))
		return fail(c, YOUSU_INVAL,
		    "not reached (%s): there is no satisfaction or 解决/未解决 "
		    "to record",
		    yousu_label("visit_outcome", outcome));
	(void) yousu_calendar_working_days_between(c->wf->c.cal,
	    yousu_local_day(first, off), yousu_local_day(c->now, off), &span,
	    &prov);
	yousu__jset_str(c->data, "outcome", outcome);
	yousu__jset_int(c->data, "attempt", n);
	if (n >= need && span >= days - 1) {
		yousu__jset_bool(c->data, "unreachable", true);
		yousu__jset_int(c->data, "attempts_needed", need);
	}
	if (arg(c, "note"))
		yousu__jset_str(c->data, "note", arg(c, "note"));
	return YOUSU_OK;
}

static yousu_err
build_visit(wf_call *c)
{
	const char *sat, *to, *outcome;
	bool asked = cJSON_HasObjectItem(c->args, "resolved");
	bool resolved = yousu__jbool(c->args, "resolved", false);
	char who[512];
	yousu_err rv;

	if ((rv = code_arg(c, "outcome", "visit_outcome", &outcome)))
		return rv;
	if (outcome != NULL && strcmp(outcome, "reached") != 0)
		return visit_attempt(c, outcome);
	if ((rv = code_arg(c, "satisfaction", "satisfaction", &sat)))
		return rv;
	if (sat == NULL)
		return fail(c, YOUSU_INVAL,
		    "a complainant reached gives a satisfaction (satisfaction; "
		    "not reached: outcome no_answer, refused or wrong_number)");
	if (outcome != NULL)
		yousu__jset_str(c->data, "outcome", outcome);
	yousu__jset_str(c->data, "satisfaction", sat);
	if (asked)
		yousu__jset_bool(c->data, "resolved", resolved);
	if (arg(c, "note"))
		yousu__jset_str(c->data, "note", arg(c, "note"));
	/* 服务评价: recorded and sent to the window (the lead department)
	 * and to whom the profile names */
	if ((to = yousu_policy_evaluation_to(c->wf->c.policy)) != NULL) {
		cJSON *sent = cJSON_CreateArray();
		const char *lead = yousu__jstr(c->doc, "lead");

		if (lead != NULL)
			cJSON_AddItemToArray(
			    sent, cJSON_CreateString(
			              yousu_depts_label(c->wf->c.depts, lead)));
		/* the complaint's own duty leader, when the desk named one */
		if (yousu__jstr(c->doc, "duty_leader") != NULL) {
			snprintf(who, sizeof who, "%s（%s）", to,
			    yousu__jstr(c->doc, "duty_leader"));
			to = who;
		}
		cJSON_AddItemToArray(sent, cJSON_CreateString(to));
		yousu__jset(c->data, "evaluation_sent_to", sent);
	}
	/* 004 第五条: not satisfied, or not solved, goes back for recheck
	 * by itself where the profile says so, the visit's note its reason */
	if (!yousu_policy_recheck_on(c->wf->c.policy,
	        strcmp(sat, "unsatisfied") == 0, asked && !resolved))
		return YOUSU_OK;
	yousu__jset_bool(c->data, "recheck", true);
	yousu__jset_str(c->data, "reason",
	    arg(c, "note")                    ? arg(c, "note")
	    : strcmp(sat, "unsatisfied") == 0 ? "回访不满意"
	                                      : "回访反映问题未解决");
	if (yousu__jstr(c->doc, "lead") == NULL)
		return YOUSU_OK; /* back to the desk, as a redo would */
	return set_deadline(c, dept_count(c->doc));
}

/* 初步反馈意见: the department's first feedback on a complex matter,
 * before its reply */
static yousu_err
build_feedback(wf_call *c)
{
	const char *dept, *role;
	yousu_err rv;

	dept = arg(c, "dept") ? arg(c, "dept") : yousu__jstr(c->doc, "lead");
	if ((rv = dept_acting(c, dept, &role)) != YOUSU_OK)
		return rv;
	/* 004 第四条: the department it was sent to (转派至责任部门) answers */
	if (strcmp(role, "lead") != 0)
		return fail(c, YOUSU_INVAL,
		    "'%s' is a co-handling unit: the first feedback comes from "
		    "the lead department (%s)",
		    dept, yousu__jstr(c->doc, "lead"));
	if (cJSON_GetObjectItem(c->doc, "feedback") != NULL)
		return fail(c, YOUSU_STATE,
		    "%s already has its first feedback; the department "
		    "replies next (yousuctl reply)",
		    yousu__jstr(c->doc, "id"));
	yousu__jset_str(c->data, "dept", dept);
	yousu__jset_str(c->data, "result", arg(c, "result"));
	yousu__jset_str(c->data, "role", role);
	return YOUSU_OK;
}

/* The latest visit-round result of doc, or NULL. */
static const cJSON *
last_revisit(const cJSON *doc)
{
	const char *round = yousu__jstr(doc, "last_round");

	return round ? cJSON_GetObjectItem(
	                   cJSON_GetObjectItem(doc, "revisits"), round)
	             : NULL;
}

/* 批次回访 (004 第六条): a closed complaint picked in a round, visited
 * once in it */
static yousu_err
build_revisit(wf_call *c)
{
	const char *round = arg(c, "round"), *sat = NULL;
	bool reached = yousu__jbool(c->args, "reached", false), in = false;
	cJSON *r = NULL;
	const cJSON *m;
	yousu_err rv;

	if ((rv = yousu_round_get(c->wf->c.store, round, &r)) == YOUSU_NOTFOUND)
		return fail(
		    c, rv, "no visit round '%s' (yousuctl round list)", round);
	if (rv != YOUSU_OK)
		return fail(
		    c, rv, "store: %s", yousu_store_errmsg(c->wf->c.store));
	cJSON_ArrayForEach (m, cJSON_GetObjectItem(r, "members"))
		in |= strcmp(m->valuestring, yousu__jstr(c->doc, "id")) == 0;
	cJSON_Delete(r);
	if (!in)
		return fail(c, YOUSU_INVAL, "%s was not picked in round %s",
		    yousu__jstr(c->doc, "id"), round);
	if (cJSON_HasObjectItem(cJSON_GetObjectItem(c->doc, "revisits"), round))
		return fail(c, YOUSU_STATE,
		    "%s was already visited in round %s",
		    yousu__jstr(c->doc, "id"), round);
	if (reached && arg(c, "satisfaction") == NULL)
		return fail(c, YOUSU_INVAL,
		    "a complainant reached gives a satisfaction "
		    "(satisfaction)");
	if (!reached && arg(c, "satisfaction") != NULL)
		return fail(c, YOUSU_INVAL,
		    "not reached (无法回访): there is no satisfaction to "
		    "record");
	if (reached &&
	    (rv = code_arg(c, "satisfaction", "satisfaction", &sat)) != 0)
		return rv;
	yousu__jset_str(c->data, "round", round);
	yousu__jset_bool(c->data, "reached", reached);
	if (sat != NULL)
		yousu__jset_str(c->data, "satisfaction", sat);
	copy_args(c, (const char *const[]){"opinion", NULL});
	return YOUSU_OK;
}

static yousu_err
build_redo(wf_call *c)
{
	const cJSON *rv = last_revisit(c->doc);

	/* 004 第五条: a closed one comes back when a round's visit found the
	 * complainant not satisfied (重新进行核实), once for that visit */
	if (strcmp(yousu__jstr(c->doc, "status"), "closed") == 0 &&
	    (rv == NULL || yousu__jstr(rv, "satisfaction") == NULL ||
	        strcmp(yousu__jstr(rv, "satisfaction"), "unsatisfied") != 0 ||
	        yousu__jbool(rv, "rechecked", false)))
		return fail(c, YOUSU_STATE,
		    "cannot redo %s: it is %s (closed); a closed complaint is "
		    "returned for recheck only after a visit round found the "
		    "complainant not satisfied (yousuctl revisit)",
		    yousu__jstr(c->doc, "id"), yousu_label("status", "closed"));
	yousu__jset_str(c->data, "reason", arg(c, "reason"));
	/* back to the departments; an on-the-spot case goes back to the
	 * desk to be resolved again or assigned */
	if (yousu__jstr(c->doc, "lead") == NULL)
		return YOUSU_OK;
	return set_deadline(c, dept_count(c->doc));
}

/* 提交领导小组: a difficult matter goes to the leading group (004 第四条
 * 难点问题报送领导小组办公室; the scheduler does it by itself for one still
 * overdue after every extension day) */
static yousu_err
build_refer(wf_call *c)
{
	const char *to = arg(c, "to")
	                     ? arg(c, "to")
	                     : yousu_policy_leading_group(c->wf->c.policy);

	if (to == NULL)
		return fail(c, YOUSU_INVAL,
		    "missing field 'to': the profile names no leading group "
		    "([extension] leading_group)");
	if (cJSON_HasObjectItem(c->doc, "referred_to"))
		return fail(c, YOUSU_STATE, "%s is already with %s",
		    yousu__jstr(c->doc, "id"),
		    yousu__jstr(c->doc, "referred_to"));
	yousu__jset_str(c->data, "to", to);
	yousu__jset_str(c->data, "reason", arg(c, "reason"));
	return YOUSU_OK;
}

/* 领导小组研究决定 (003 三(三) 集体研究解决, 004 一事一议、联动会审 and
 * 研判, 000 class A 召开会议协调解决): the meeting of the group the
 * complaint was referred to, its decision, the departments it orders to
 * act and the date it sets; a new round of handling to that date. */
static yousu_err
build_decide(wf_call *c)
{
	const cJSON *co = cJSON_GetObjectItem(c->args, "co");
	yousu_date met, due;
	int ndept, n;
	yousu_err rv;

	if (!cJSON_HasObjectItem(c->doc, "referred_to"))
		return fail(c, YOUSU_STATE,
		    "%s was never referred to the leading group (yousuctl "
		    "refer, or the scheduler after the extensions): its "
		    "decision follows a referral",
		    yousu__jstr(c->doc, "id"));
	(void) yousu_date_parse(arg(c, "met_on"), &met);
	(void) yousu_date_parse(arg(c, "due"), &due);
	if (met > today(c))
		return fail(c, YOUSU_INVAL,
		    "met_on %s is after today: record a meeting once it was "
		    "held",
		    arg(c, "met_on"));
	if (due <= today(c))
		return fail(c, YOUSU_INVAL,
		    "due %s is not after today: the group sets a date still "
		    "ahead",
		    arg(c, "due"));
	if ((rv = round_to(c, "due", "due", &n)) != YOUSU_OK ||
	    (rv = check_dept(c, arg(c, "lead"))) != YOUSU_OK ||
	    (rv = set_depts(c, arg(c, "lead"), co, &ndept)) != YOUSU_OK)
		return rv;
	copy_args(c,
	    (const char *const[]){"met_on", "participants", "decision", NULL});
	yousu__jset_str(c->data, "group", yousu__jstr(c->doc, "referred_to"));
	/* the round it ends keeps its lateness, as a reply's would */
	if (strcmp(yousu__jstr(c->doc, "status"), "assigned") == 0) {
		bool lp;

		yousu__jset_int(c->data, "late_days",
		    yousu__round_late(c->wf, c->doc, today(c), &lp));
		if (lp)
			yousu__jset_bool(c->data, "late_provisional", true);
	}
	return YOUSU_OK;
}

/* 联系来电人: the caller has been reached (the 12345 交办单 asks for it
 * within N hours, contact_within_hours) */
static yousu_err
build_contact(wf_call *c)
{
	if (yousu__jbool(c->doc, "anonymous", false))
		return fail(c, YOUSU_INVAL,
		    "%s is anonymous: there is no caller to contact",
		    yousu__jstr(c->doc, "id"));
	yousu__jset_str(c->data, "note", arg(c, "note"));
	return YOUSU_OK;
}

/* 反馈来电人: the caller was told the outcome (the 12345 交办单: 并于N个
 * 工作日内将办理情况反馈来电人); whether in time is kept. */
static yousu_err
build_callback(wf_call *c)
{
	yousu_date due;
	bool prov = false;
	int late;

	if (yousu__jbool(c->doc, "anonymous", false))
		return fail(c, YOUSU_INVAL,
		    "%s is anonymous: there is no caller to tell",
		    yousu__jstr(c->doc, "id"));
	yousu__jset_str(c->data, "note", arg(c, "note"));
	if (yousu_date_parse(yousu__jstr(c->doc, "callback_due"), &due) != 0)
		return YOUSU_OK;
	late = yousu__late_after(c->wf->c.cal, due,
	    yousu__jbool(c->doc, "callback_provisional", false), today(c),
	    &prov);
	yousu__jset_str(
	    c->data, "callback_due", yousu__jstr(c->doc, "callback_due"));
	yousu__jset_bool(c->data, "on_time", late == 0);
	yousu__jset_int(c->data, "days_late", late);
	set_counted(c, "on_time_provisional", prov);
	return YOUSU_OK;
}

/* 过错通报 (004 第五条): the recheck found the window's staff or unit at
 * fault; the centre notifies the unit and its leaders with its opinion. */
static yousu_err
build_fault(wf_call *c)
{
	const char *lead = yousu__jstr(c->doc, "lead");
	const char *unit = lead ? yousu_depts_name(c->wf->c.depts, lead) : NULL;
	cJSON *to;

	if (yousu__jint(c->doc, "redos", 0) == 0)
		return fail(c, YOUSU_STATE,
		    "%s was never returned for recheck (yousuctl redo): fault "
		    "is found by a recheck",
		    yousu__jstr(c->doc, "id"));
	to = cJSON_CreateArray();
	cJSON_AddItemToArray(to, cJSON_CreateString(unit ? unit : "窗口单位"));
	cJSON_AddItemToArray(to,
	    cJSON_CreateString(yousu_policy_notice_report_to(c->wf->c.policy)));
	copy_args(c, (const char *const[]){"fault", "opinion", NULL});
	yousu__jset(c->data, "notified", to);
	return YOUSU_OK;
}

static yousu_err
build_close(wf_call *c)
{
	const char *sat = yousu__jstr(c->doc, "satisfaction");

	if (sat != NULL && strcmp(sat, "unsatisfied") == 0)
		return fail(c, YOUSU_STATE,
		    "%s: the complainant was not satisfied (不满意): return it "
		    "for redo (yousuctl redo) and visit again",
		    yousu__jstr(c->doc, "id"));
	if (arg(c, "note"))
		yousu__jset_str(c->data, "note", arg(c, "note"));
	return YOUSU_OK;
}

static yousu_err
transfer_to(wf_call *c, const char *to)
{
	const yousu_wf_config *w = &c->wf->c;

	if (to == NULL)
		return fail(c, YOUSU_STATE,
		    "this centre has no parent centre to escalate to");
	if (strcmp(to, w->centre) == 0)
		return fail(c, YOUSU_INVAL, "%s already owns %s", to,
		    yousu__jstr(c->doc, "id"));
	if ((w->parent == NULL || strcmp(to, w->parent) != 0) &&
	    (w->is_child == NULL || !w->is_child(w->peers_arg, to)))
		return fail(c, YOUSU_NOTFOUND,
		    "'%s' is neither this centre's parent nor one of its "
		    "child centres",
		    to);
	yousu__jset_str(c->data, "to", to);
	yousu__jset_str(c->data, "from", w->centre);
	yousu__jset_str(c->data, "direction",
	    w->parent && strcmp(to, w->parent) == 0 ? "up" : "down");
	yousu__jset_str(c->data, "reason", arg(c, "reason"));
	return YOUSU_OK;
}

static yousu_err
build_transfer(wf_call *c)
{
	const char *from = yousu__jstr(c->doc, "handed_from");

	/* answered, it goes back only to the centre that handed it here,
	 * which checks it and visits the complainant (the city keeps no
	 * contact) */
	if (strcmp(yousu__jstr(c->doc, "status"), "replied") == 0 &&
	    (from == NULL || arg(c, "to") == NULL ||
	        strcmp(arg(c, "to"), from) != 0))
		return fail(c, YOUSU_STATE,
		    "cannot transfer %s: it is 已答复 (replied); an answered "
		    "complaint goes back only to the centre that handed it "
		    "here%s%s, for the quality check and the return visit",
		    yousu__jstr(c->doc, "id"), from ? ", " : "",
		    from ? from : "");
	return transfer_to(c, arg(c, "to"));
}

static yousu_err
build_escalate(wf_call *c)
{
	return transfer_to(c, c->wf->c.parent);
}

static const wf_op ops[] = {
    {"intake", NULL, "", "", build_intake},
    {"reject", NULL, "registered classified",
        "only a complaint not yet handled can be refused", build_reject},
    {"classify", NULL, "registered classified",
        "it can be classified only before it is handled", build_classify},
    {"resolve", NULL, "classified", "classify it first (yousuctl classify)",
        build_resolve},
    {"assign", NULL, "classified",
        "it must be classified (yousuctl classify) and not yet assigned",
        build_assign},
    {"reply", NULL, "assigned", "only an assigned complaint awaits a reply",
        build_reply},
    {"extend", NULL, "assigned",
        "only an assigned, unanswered complaint can be "
        "extended",
        build_extend},
    {"explain", NULL, "assigned",
        "the 问题处理说明 is written while the complaint is assigned",
        build_explain},
    {"accept", NULL, "assigned",
        "a department signs for (签收) an assigned complaint", build_accept},
    {"co_reply", NULL, "assigned",
        "co-handling units reply to the lead while it is assigned",
        build_co_reply},
    {"extend_request", NULL, "assigned",
        "only an assigned, unanswered complaint can be extended",
        build_extend_request},
    {"feedback", NULL, "assigned",
        "the first feedback comes while the complaint is assigned",
        build_feedback},
    {"qc", NULL, "replied", "the quality check follows a reply", build_qc},
    {"add", NULL, "registered classified assigned replied checked",
        "an addition is made to a complaint still being handled; a closed "
        "one is repeated by a new complaint (intake --repeat-of)",
        build_add},
    {"visit", NULL, "checked",
        "the return visit follows the quality check (yousuctl qc)",
        build_visit},
    {"redo", NULL, "replied checked visited closed",
        "only a handled complaint can be returned for redo", build_redo},
    {"refer", NULL, "classified assigned",
        "a classified or assigned complaint goes to the leading group",
        build_refer},
    {"revisit", NULL, "closed",
        "a visit round visits closed complaints (清零销号)", build_revisit},
    {"decide", NULL, "classified assigned",
        "the leading group decides on a complaint still being handled",
        build_decide},
    {"contact", NULL, "registered classified assigned replied",
        "the caller is contacted while the complaint is handled",
        build_contact},
    {"callback", NULL,
        "registered classified assigned replied checked visited closed",
        "the caller is told the outcome while the complaint is handled",
        build_callback},
    {"fault", NULL, "replied checked visited closed",
        "fault is found by the recheck of a handled complaint", build_fault},
    {"close", NULL, "visited",
        "closing (清零销号) needs a return visit first (yousuctl visit)",
        build_close},
    {"transfer", NULL, "registered classified assigned replied",
        "only a complaint not yet answered changes hands", build_transfer},
    {"escalate", "transfer", "registered classified assigned",
        "only a complaint not yet answered changes hands", build_escalate},
    {NULL, NULL, NULL, NULL, NULL},
};

/* --- running an operation ------------------------------------------- */

static bool
word_in(const char *word, const char *list)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

static bool
spot_resolved(const cJSON *doc)
{
	const char *kind =
	    yousu__jstr(cJSON_GetObjectItem(doc, "reply"), "kind");

	return kind != NULL && strcmp(kind, "spot") == 0;
}

static yousu_err
check_transition(wf_call *c)
{
	const char *status = yousu__jstr(c->doc, "status");
	const char *hint = c->op->hint;
	bool spot = strcmp(status, "replied") == 0 && spot_resolved(c->doc);

	/* an on-the-spot resolution needs no quality check, and a failed
	 * one would send it to a lead department it does not have */
	if (spot && strcmp(c->op->name, "visit") == 0)
		return YOUSU_OK;
	if (spot && strcmp(c->op->name, "qc") == 0)
		hint = "it was resolved on the spot (当场办结), which needs no "
		       "quality check: visit it, or return it for redo";
	else if (word_in(status, c->op->from))
		return YOUSU_OK;
	return fail(c, YOUSU_STATE, "cannot %s %s: it is %s (%s); %s",
	    c->op->name, yousu__jstr(c->doc, "id"),
	    yousu_label("status", status), status, hint);
}

static yousu_err
load_doc(wf_call *c)
{
	const char *id = arg(c, "id");
	yousu_err rv;

	if (c->op->from[0] == '\0') {
		c->doc = cJSON_CreateObject();
		return YOUSU_OK;
	}
	rv = yousu_store_load(c->wf->c.store, id, &c->doc);
	if (rv == YOUSU_NOTFOUND)
		return fail(c, rv, "no complaint '%s'", id);
	if (rv != YOUSU_OK)
		return fail(
		    c, rv, "store: %s", yousu_store_errmsg(c->wf->c.store));
	if (strcmp(yousu__jstr(c->doc, "owner"), c->wf->c.centre) != 0 &&
	    (c->foreign == NULL ||
	        strcmp(yousu__jstr(c->doc, "owner"), c->foreign) != 0))
		return fail(c, YOUSU_STATE,
		    "%s is owned by %s; only its owner moves its workflow", id,
		    yousu__jstr(c->doc, "owner"));
	return check_transition(c);
}

static yousu_err
append(wf_call *c)
{
	char *text;
	yousu_event ev = {c->op->event ? c->op->event : c->op->name, c->actor,
	    c->now, c->wf->c.centre, NULL};
	yousu_err rv;

	if (c->signer != NULL)
		yousu__jset(c->data, "signer", cJSON_Duplicate(c->signer, 1));
	ev.data = text = yousu__json_print(c->data);
	if (text == NULL)
		return YOUSU_NOMEM;
	yousu_project_apply(c->doc, &ev, c->data);
	rv = yousu_store_save(c->wf->c.store, c->doc, &ev);
	free(text);
	if (rv != YOUSU_OK)
		return fail(
		    c, rv, "store: %s", yousu_store_errmsg(c->wf->c.store));
	return YOUSU_OK;
}

static yousu_err
run(wf_call *c)
{
	yousu_err rv;

	if ((rv = check_fields(c)) != YOUSU_OK)
		return rv;
	if (yousu_store_begin(c->wf->c.store) != YOUSU_OK)
		return fail(c, YOUSU_DB, "store busy: %s",
		    yousu_store_errmsg(c->wf->c.store));
	if (c->foreign != NULL) { /* checked only */
		if ((rv = load_doc(c)) == YOUSU_OK)
			rv = c->op->build(c);
		yousu_store_rollback(c->wf->c.store);
		return rv;
	}
	if ((rv = load_doc(c)) == YOUSU_OK && (rv = c->op->build(c)) == 0 &&
	    (rv = append(c)) == YOUSU_OK &&
	    (rv = yousu_store_commit(c->wf->c.store)) != YOUSU_OK)
		fail(c, rv, "commit: %s", yousu_store_errmsg(c->wf->c.store));
	if (rv != YOUSU_OK)
		yousu_store_rollback(c->wf->c.store);
	return rv;
}

yousu_err
yousu_wf_exec(yousu_wf *wf, const char *cmd, const char *actor,
    const cJSON *args, cJSON **result, char *err, size_t errlen)
{
	return yousu_wf_exec_signed(
	    wf, cmd, actor, NULL, args, result, err, errlen);
}

static yousu_err
exec_call(yousu_wf *wf, const char *cmd, const char *actor, const cJSON *signer,
    const cJSON *args, const char *foreign, cJSON **result, char *err,
    size_t errlen)
{
	static const wf_op unknown = {"request", NULL, "", "", NULL};
	wf_call c = {wf, &unknown, actor, args, NULL, NULL, NULL, signer, 0,
	    err, errlen, foreign};
	const wf_op *op;
	yousu_err rv;

	for (op = ops; op->name && strcmp(op->name, cmd) != 0; op++)
		;
	if (op->name == NULL)
		return fail(&c, YOUSU_INVAL, "unknown command '%s'", cmd);
	c.op = op;
	if (actor == NULL || actor[0] == '\0')
		return fail(
		    &c, YOUSU_INVAL, "missing actor (who signs for this step)");
	if (!cJSON_IsObject(args))
		return fail(&c, YOUSU_INVAL, "fields must be a JSON object");
	c.now = wf->c.now(wf->c.now_arg);
	c.data = cJSON_CreateObject();
	rv = run(&c);
	cJSON_Delete(c.data);
	cJSON_Delete(c.own);
	if (rv == YOUSU_OK && result != NULL)
		*result = c.doc;
	else
		cJSON_Delete(c.doc);
	return rv;
}

yousu_err
yousu_wf_exec_signed(yousu_wf *wf, const char *cmd, const char *actor,
    const cJSON *signer, const cJSON *args, cJSON **result, char *err,
    size_t errlen)
{
	return exec_call(
	    wf, cmd, actor, signer, args, NULL, result, err, errlen);
}

yousu_err
yousu_wf_check_for(yousu_wf *wf, const char *cmd, const char *actor,
    const cJSON *signer, const cJSON *args, const char *owner, cJSON **doc,
    char *err, size_t errlen)
{
	return exec_call(wf, cmd, actor, signer, args, owner, doc, err, errlen);
}

yousu_err
yousu_wf_new(const yousu_wf_config *cfg, yousu_wf **out)
{
	yousu_wf *wf = calloc(1, sizeof *wf);

	if (wf == NULL)
		return YOUSU_NOMEM;
	wf->c = *cfg;
	*out = wf;
	return YOUSU_OK;
}

bool
yousu_wf_step_allowed(const char *cmd, const char *status)
{
	for (const wf_op *op = ops; op->name; op++)
		if (strcmp(op->name, cmd) == 0)
			return status != NULL && op->from[0] &&
			       word_in(status, op->from);
	return false;
}

const char *
yousu_wf_personal_field(size_t i, const char **cmd)
{
	for (const wf_op *op = ops; op->name; op++)
		for (const yousu_field *f =
		         yousu_command_find(op->name)->fields;
		     f->key; f++)
			if ((f->flags & YOUSU_F_PERSON) && i-- == 0) {
				*cmd = op->name;
				return f->key;
			}
	return NULL;
}

bool
yousu_wf_needs_explanation(const yousu_wf *wf, const cJSON *doc)
{
	return yousu__jstr(doc, "lead") != NULL &&
	       yousu_policy_explanation_needed(wf->c.policy,
	           (int) yousu__jint(doc, "level", 0), dept_count(doc));
}

const yousu_calendar *
yousu_wf_calendar(const yousu_wf *wf)
{
	return wf->c.cal;
}

const yousu_policy *
yousu_wf_policy(const yousu_wf *wf)
{
	return wf->c.policy;
}

const yousu_depts *
yousu_wf_depts(const yousu_wf *wf)
{
	return wf->c.depts;
}

int
yousu_wf_utc_offset(const yousu_wf *wf)
{
	return wf->c.utc_offset_min;
}

int64_t
yousu_wf_now(const yousu_wf *wf)
{
	return wf->c.now(wf->c.now_arg);
}

void
yousu_wf_set_calendar(yousu_wf *wf, const yousu_calendar *cal)
{
	wf->c.cal = cal;
}

void
yousu_wf_set_tables(
    yousu_wf *wf, const yousu_policy *policy, const yousu_depts *depts)
{
	wf->c.policy = policy;
	wf->c.depts = depts;
}

void
yousu_wf_free(yousu_wf *wf)
{
	free(wf);
}
