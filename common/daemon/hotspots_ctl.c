/* 热点 (issue 17, for 每月一题-style reviews): per month, the categories
 * and the recurring terms (the department catalogue's keywords) that
 * grew most against the months before, each with its complaints. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon_impl.h"
#include "yousu/json.h"
#include "yousu/store_ext.h"

#define MAX_TERMS 512
#define EXAMPLES  5
#define TOP       10

typedef struct {
	char key[96];   /* a category's code, or a term */
	int64_t now;    /* complaints this month */
	int64_t before; /* in the months before, all of them */
	char ex[EXAMPLES][48];
	int nex;
} topic;

typedef struct {
	topic *t;
	int n, cap;
} topics;

static topic *
topic_of(topics *ts, const char *key)
{
	for (int i = 0; i < ts->n; i++)
		if (strcmp(ts->t[i].key, key) == 0)
			return &ts->t[i];
	if (ts->n == ts->cap) {
		int cap = ts->cap ? ts->cap * 2 : 64;
		topic *more = realloc(ts->t, (size_t) cap * sizeof *more);

		if (more == NULL)
			return NULL;
		ts->t = more;
		ts->cap = cap;
	}
	memset(&ts->t[ts->n], 0, sizeof *ts->t);
	snprintf(ts->t[ts->n].key, sizeof ts->t->key, "%s", key);
	return &ts->t[ts->n++];
}

static void
count(topics *ts, const char *key, bool now, const char *id)
{
	topic *t = topic_of(ts, key);

	if (t == NULL)
		return;
	if (!now) {
		t->before++;
		return;
	}
	t->now++;
	if (t->nex < EXAMPLES)
		snprintf(t->ex[t->nex++], sizeof t->ex[0], "%s", id);
}

/* growth against the months' average, in hundredths of a complaint */
static int64_t
growth(const topic *t, int months)
{
	return t->now * 100 - (t->before * 100 + months / 2) / months;
}

static int g_months;

static int
by_growth(const void *a, const void *b)
{
	const topic *x = a, *y = b;
	int64_t gx = growth(x, g_months), gy = growth(y, g_months);

	if (gx != gy)
		return gx < gy ? 1 : -1;
	if (x->now != y->now)
		return x->now < y->now ? 1 : -1;
	return strcmp(x->key, y->key);
}

static cJSON *
list_of(topics *ts, int months, const char *(*label)(daemon_t *, const char *),
    daemon_t *d)
{
	cJSON *a = cJSON_CreateArray();

	g_months = months;
	if (ts->n > 0) /* none: no array at all */
		qsort(ts->t, (size_t) ts->n, sizeof *ts->t, by_growth);
	for (int i = 0, k = 0; i < ts->n && k < TOP; i++) {
		topic *t = &ts->t[i];
		cJSON *o, *ex;

		if (t->now == 0 || growth(t, months) <= 0)
			continue;
		o = cJSON_CreateObject();
		yousu__jset_str(o, "key", t->key);
		if (label != NULL)
			yousu__jset_str(o, "label", label(d, t->key));
		yousu__jset_int(o, "count", t->now);
		yousu__jset(o, "average_before",
		    cJSON_CreateNumber(
		        (double) ((t->before * 100 + months / 2) / months) /
		        100.0));
		yousu__jset(o, "growth",
		    cJSON_CreateNumber((double) growth(t, months) / 100.0));
		ex = cJSON_CreateArray();
		for (int j = 0; j < t->nex; j++)
			cJSON_AddItemToArray(ex, cJSON_CreateString(t->ex[j]));
		yousu__jset(o, "complaints", ex);
		cJSON_AddItemToArray(a, o);
		k++;
	}
	return a;
}

static const char *
category_label(daemon_t *d, const char *code)
{
	const char *l = yousu_policy_category(d->policy, code);

	return l ? l : code;
}

static yousu_err
ctl_hotspots(daemon_t *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	int months = cJSON_HasObjectItem(args, "months")
	                 ? (int) yousu__jint(args, "months", 3)
	                 : 3;
	const char *terms[MAX_TERMS];
	int nterms = 0, y, mo, dd, rc;
	yousu_date first, last, start;
	topics cats = {0}, words = {0};
	sqlite3_stmt *s = NULL;
	yousu_dept_info x;
	char names[2][8], day[11];
	int32_t m[2][2];
	cJSON *r;
	yousu_err rv;

	(void) actor;
	if (months < 1 || months > 12) {
		snprintf(err, errlen,
		    "hotspots: months %d is not 1..12 (the months compared)",
		    months);
		return YOUSU_INVAL;
	}
	if ((rv = yousu_daemon_ranking_months(d, args, m, names, err, errlen)))
		return rv;
	first = m[0][0];
	last = m[0][1];
	yousu_date_to_ymd(first, &y, &mo, &dd);
	mo -= months;
	while (mo < 1)
		mo += 12, y--;
	yousu_date_from_ymd(y, mo, 1, &start);
	for (size_t i = 0; yousu_depts_get(d->depts, i, &x); i++)
		for (size_t k = 0; k < x.nkeywords && nterms < MAX_TERMS; k++) {
			bool dup = false;

			for (int j = 0; j < nterms; j++)
				dup =
				    dup || strcmp(terms[j], x.keywords[k]) == 0;
			if (!dup)
				terms[nterms++] = x.keywords[k];
		}
	if (sqlite3_prepare_v2(yousu_store_sqlite(d->store),
	        "SELECT id, category, json_extract(doc, '$.content'), "
	        "received_at FROM complaints WHERE received_at >= ?1 AND "
	        "received_at < ?2 AND status <> 'rejected'",
	        -1, &s, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "hotspots: store: %s",
		    yousu_store_errmsg(d->store));
		return YOUSU_DB;
	}
	sqlite3_bind_int64(
	    s, 1, (int64_t) start * 86400 - d->cfg.utc_offset * 60);
	sqlite3_bind_int64(
	    s, 2, (int64_t) (last + 1) * 86400 - d->cfg.utc_offset * 60);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *) sqlite3_column_text(s, 0);
		const char *cat = (const char *) sqlite3_column_text(s, 1);
		const char *text = (const char *) sqlite3_column_text(s, 2);
		bool now = yousu_local_day(sqlite3_column_int64(s, 3),
		               d->cfg.utc_offset) >= first;

		if (cat != NULL)
			count(&cats, cat, now, id);
		for (int j = 0; text != NULL && j < nterms; j++)
			if (strstr(text, terms[j]) != NULL)
				count(&words, terms[j], now, id);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(cats.t);
		free(words.t);
		snprintf(err, errlen, "hotspots: store: %s",
		    yousu_store_errmsg(d->store));
		return YOUSU_DB;
	}
	r = cJSON_CreateObject();
	yousu__jset_str(r, "month", names[0]);
	yousu_date_format(start, day);
	yousu__jset_str(r, "compared_from", day);
	yousu__jset_int(r, "months", months);
	yousu__jset(r, "categories", list_of(&cats, months, category_label, d));
	yousu__jset(r, "terms", list_of(&words, months, NULL, d));
	free(cats.t);
	free(words.t);
	*result = r;
	return YOUSU_OK;
}

const yousu__ctl_entry yousu__hotspot_cmds[] = {
    {"hotspots", ctl_hotspots},
    {NULL, NULL},
};
