/* yousu — 考核排名: townships or departments ranked on a weighted score of
 * the three rates of 12345 practice and the on-time rate (003 量化考核,
 * 002 通报), with the change against the month before. */
#ifndef YOUSU_RANKING_H
#define YOUSU_RANKING_H

#include <cjson/cJSON.h>

/* The weights, in the order of yousu_ranking_rates (response,
 * resolution, satisfaction, on time). */
#define YOUSU_RANKING_RATES 4
extern const char *const yousu_ranking_rates[YOUSU_RANKING_RATES];

/* yousu_ranking ranks the groups of now ({code: figures with their
 * rates (yousu_stats_rates)}, a "合计" member skipped) by
 * score = Σ weight × rate / Σ weight over the rates a group has (a rate
 * with nothing to divide by is left out and its weight with it), rounded
 * half up to two decimals; equal scores share a rank (1, 1, 3), groups
 * without any rate come last, unranked. prev: the month before, alike
 * (may be NULL). name(arg, code) gives a group's name, or NULL.
 * Returns {"ranking": [{"rank", "code", "name", "score", <rates>,
 * "total", "prev_rank", "prev_score", "rank_change" (up is positive),
 * "score_change"}], and the same as a table of texts: "columns",
 * "rows"}. */
cJSON *yousu_ranking(const cJSON *now, const cJSON *prev,
    const int weights[YOUSU_RANKING_RATES],
    const char *(*name)(void *arg, const char *code), void *arg);

#endif
