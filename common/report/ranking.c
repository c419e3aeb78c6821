/* 考核排名: ranking groups on a weighted score of their rates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/json.h"
#include "yousu/query.h"
#include "yousu/ranking.h"

const char *const yousu_ranking_rates[YOUSU_RANKING_RATES] = {
    "response_rate_pct", "resolution_rate_pct", "satisfaction_rate_pct",
    "on_time_rate_pct"};

typedef struct {
	const cJSON *g;
	int64_t score; /* hundredths; -1: no rate */
	int rank;      /* 0: unranked */
} ranked;

/* a rate of g in hundredths, or -1 when it has none */
static int64_t
hundredths(const cJSON *g, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(g, key);

	if (!cJSON_IsNumber(v))
		return -1;
	return (int64_t) (v->valuedouble * 100.0 + 0.5);
}

static int64_t
score_of(const cJSON *g, const int w[YOUSU_RANKING_RATES])
{
	int64_t num = 0, den = 0;

	for (int i = 0; i < YOUSU_RANKING_RATES; i++) {
		int64_t r = hundredths(g, yousu_ranking_rates[i]);

		if (r < 0 || w[i] <= 0)
			continue;
		num += r * w[i];
		den += w[i];
	}
	return den > 0 ? (num + den / 2) / den : -1;
}

static int
by_score(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return strcmp(x->g->string, y->g->string);
}

/* the groups of figs ranked, sorted; *n of them */
static ranked *
rank_all(const cJSON *figs, const int w[YOUSU_RANKING_RATES], int *n)
{
	int cap = cJSON_GetArraySize(figs), k = 0;
	ranked *r = calloc((size_t) (cap > 0 ? cap : 1), sizeof *r);
	const cJSON *g;

	if (r == NULL) {
		*n = 0;
		return NULL;
	}
	cJSON_ArrayForEach (g, figs) {
		if (g->string == NULL || strcmp(g->string, "合计") == 0)
			continue;
		r[k].g = g;
		r[k].score = score_of(g, w);
		k++;
	}
	qsort(r, (size_t) k, sizeof *r, by_score);
	for (int i = 0; i < k; i++)
		if (r[i].score >= 0)
			r[i].rank = i > 0 && r[i].score == r[i - 1].score
			                ? r[i - 1].rank
			                : i + 1;
	*n = k;
	return r;
}

static const ranked *
find(const ranked *r, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(r[i].g->string, code) == 0)
			return &r[i];
	return NULL;
}

static cJSON *
pct(int64_t h)
{
	return h < 0 ? cJSON_CreateNull()
	             : cJSON_CreateNumber((double) h / 100.0);
}

static cJSON *
cell(const cJSON *v)
{
	return cJSON_IsString(v) ? cJSON_CreateString(v->valuestring)
	                         : yousu_stats_cell(v);
}

cJSON *
yousu_ranking(const cJSON *now, const cJSON *prev,
    const int weights[YOUSU_RANKING_RATES],
    const char *(*name)(void *arg, const char *code), void *arg)
{
	static const char *const cols[] = {"名次", "单位", "综合得分",
	    "响应率%", "解决率%", "满意率%", "按时办结率%", "诉求件数",
	    "上月名次", "名次变化", "上月得分", "得分变化"};
	static const char *const keys[] = {"rank", "name", "score",
	    "response_rate_pct", "resolution_rate_pct", "satisfaction_rate_pct",
	    "on_time_rate_pct", "total", "prev_rank", "rank_change",
	    "prev_score", "score_change"};
	int n = 0, np = 0;
	ranked *r = rank_all(now, weights, &n);
	ranked *p = prev ? rank_all(prev, weights, &np) : NULL;
	cJSON *out = cJSON_CreateObject(), *rows = cJSON_CreateArray();
	cJSON *table = cJSON_CreateArray(), *c = cJSON_CreateArray();

	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
		cJSON_AddItemToArray(c, cJSON_CreateString(cols[i]));
	for (int i = 0; i < n; i++) {
		const ranked *q = find(p, np, r[i].g->string);
		const char *nm = name ? name(arg, r[i].g->string) : NULL;
		cJSON *o = cJSON_CreateObject(), *t = cJSON_CreateArray();

		yousu__jset(o, "rank",
		    r[i].rank ? cJSON_CreateNumber(r[i].rank)
		              : cJSON_CreateNull());
		yousu__jset_str(o, "code", r[i].g->string);
		yousu__jset_str(o, "name", nm ? nm : r[i].g->string);
		yousu__jset(o, "score", pct(r[i].score));
		for (int k = 0; k < YOUSU_RANKING_RATES; k++)
			yousu__jset(o, yousu_ranking_rates[k],
			    pct(hundredths(r[i].g, yousu_ranking_rates[k])));
		yousu__jset_int(o, "total", yousu__jint(r[i].g, "total", 0));
		yousu__jset(o, "prev_rank",
		    q && q->rank ? cJSON_CreateNumber(q->rank)
		                 : cJSON_CreateNull());
		yousu__jset(o, "prev_score", pct(q ? q->score : -1));
		/* up is positive: from 5th to 2nd is +3 */
		yousu__jset(o, "rank_change",
		    q && q->rank && r[i].rank
		        ? cJSON_CreateNumber(q->rank - r[i].rank)
		        : cJSON_CreateNull());
		yousu__jset(o, "score_change",
		    q && q->score >= 0 && r[i].score >= 0
		        ? cJSON_CreateNumber(
		              (double) (r[i].score - q->score) / 100.0)
		        : cJSON_CreateNull());
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			cJSON_AddItemToArray(t,
			    cell(cJSON_GetObjectItemCaseSensitive(o, keys[k])));
		cJSON_AddItemToArray(rows, o);
		cJSON_AddItemToArray(table, t);
	}
	free(r);
	free(p);
	yousu__jset(out, "ranking", rows);
	yousu__jset(out, "columns", c);
	yousu__jset(out, "rows", table);
	return out;
}
