/* yousu — visit rounds (回访批次): 004 第六条 “中心领导小组办公室应当定期或
 * 不定期会同督查股对申请人进行回访”, beyond each complaint's own return
 * visit. A round picks the closed complaints of a period (all, or a
 * random sample reproducible from its seed); each is then visited
 * (`revisit`, an event on the complaint) and the round reports the
 * results. Rounds live in the store of the centre that made them
 * (tables `visit_rounds`, `visit_round_members`). A county's round takes
 * its townships' complaints too; their visits are sent to the township
 * that owns each, with the round's part of that township
 * (yousu_round_part, kept there by yousu_round_keep). */
#ifndef YOUSU_ROUNDS_H
#define YOUSU_ROUNDS_H

#include <stdint.h>

#include "yousu/date.h"
#include "yousu/err.h"
#include "yousu/store.h"

/* What a new round is made of. */
typedef struct yousu_round_spec {
	const char *centre;  /* this centre: its complaints, the id's prefix */
	const char *owners;  /* and those of these (",HD,HE,"), or NULL */
	yousu_date from, to; /* closed on a day in [from, to] (local) */
	int utc_offset_min;
	int size;      /* the sample's size; 0: every one */
	uint32_t seed; /* the sample's seed */
	const char *actor;
	int64_t now;
} yousu_round_spec;

/* yousu_round_sample picks k of the n items of idx (a permutation of
 * 0..n-1 on entry) reproducibly from seed: the first k of idx become the
 * sample (a partial Fisher-Yates shuffle driven by splitmix64). */
void yousu_round_sample(int *idx, int n, int k, uint32_t seed);

/* yousu_round_new stores a new round and returns it: {"id":
 * "SQ-回访-2026-001", "from", "to", "size" (requested; absent: all),
 * "seed", "candidates" (closed complaints in the period), "members"
 * (ids, sorted), "actor", "created_at"}. YOUSU_INVAL (err says why) when
 * the period holds no closed complaint. Inside the caller's
 * transaction. */
yousu_err yousu_round_new(yousu_store *st, const yousu_round_spec *spec,
    cJSON **out, char *err, size_t errlen);

/* yousu_round_part: round r with only the members centre owner owns, as
 * this store knows them (a new object in *out; NULL when none). */
yousu_err yousu_round_part(
    yousu_store *st, const cJSON *r, const char *owner, cJSON **out);

/* yousu_round_keep stores a round made by the parent centre (its part
 * for this centre), unless it is held already. Inside the caller's
 * transaction. */
yousu_err yousu_round_keep(yousu_store *st, const cJSON *r);

/* yousu_round_get: the round id as stored (YOUSU_NOTFOUND: none). */
yousu_err yousu_round_get(yousu_store *st, const char *id, cJSON **out);

/* yousu_round_list: every round, newest first. */
yousu_err yousu_round_list(yousu_store *st, cJSON **out);

/* yousu_round_of: the rounds complaint id is in, as an array of ids. */
yousu_err yousu_round_of(yousu_store *st, const char *id, cJSON **out);

#endif
