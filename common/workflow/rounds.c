/* Visit rounds (回访批次, 004 第六条): picking, storing and reading them. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/json.h"
#include "yousu/rounds.h"
#include "yousu/store_ext.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void
yousu_round_sample(int *idx, int n, int k, uint32_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < k && i < n; i++) {
		int j = i + (int) (splitmix64(&x) % (uint64_t) (n - i));
		int t = idx[i];

		idx[i] = idx[j];
		idx[j] = t;
	}
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The closed complaints of spec's centre and period, sorted by id. */
static yousu_err
candidates(yousu_store *st, const yousu_round_spec *spec, char ***ids, int *n)
{
	sqlite3_stmt *s = NULL;
	int64_t from =
	    (int64_t) spec->from * 86400 - (int64_t) spec->utc_offset_min * 60;
	int64_t to = ((int64_t) spec->to + 1) * 86400 -
	             (int64_t) spec->utc_offset_min * 60;
	int cap = 0, rc;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "SELECT id FROM complaints WHERE (owner = ?1 OR "
	        "instr(?4, ',' || owner || ',') > 0) AND status = "
	        "'closed' AND closed_at >= ?2 AND closed_at < ?3 ORDER BY id",
	        -1, &s, NULL) != SQLITE_OK)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, spec->centre, -1, SQLITE_STATIC);
	sqlite3_bind_text(
	    s, 4, spec->owners ? spec->owners : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			char **more = realloc(*ids,
			    sizeof **ids * (size_t) (cap = cap ? cap * 2 : 64));

			if (more == NULL)
				break;
			*ids = more;
		}
		(*ids)[(*n)++] =
		    strdup((const char *) sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

static void
free_ids(char **ids, int n)
{
	for (int i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

static yousu_err
exec_bind(
    yousu_store *st, const char *sql, const char *a, const char *b, int64_t i)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(yousu_store_sqlite(st), sql, -1, &s, NULL))
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, i);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

yousu_err
yousu_round_new(yousu_store *st, const yousu_round_spec *spec, cJSON **out,
    char *err, size_t errlen)
{
	char **ids, id[96], day[11], *text;
	int n, k, *idx;
	int64_t serial;
	cJSON *r, *members;
	yousu_err rv;

	if ((rv = candidates(st, spec, &ids, &n)) != YOUSU_OK) {
		snprintf(err, errlen, "store: %s", yousu_store_errmsg(st));
		return rv;
	}
	if (n == 0) {
		free_ids(ids, n);
		snprintf(err, errlen,
		    "no complaint %s was closed (清零销号) in the "
		    "period: nothing to visit",
		    spec->owners ? "of this county" : "of this centre");
		return YOUSU_INVAL;
	}
	k = spec->size > 0 && spec->size < n ? spec->size : n;
	if ((idx = malloc(sizeof *idx * (size_t) n)) == NULL) {
		free_ids(ids, n);
		return YOUSU_NOMEM;
	}
	for (int i = 0; i < n; i++)
		idx[i] = i;
	yousu_round_sample(idx, n, k, spec->seed);
	{
		const char **pick = malloc(sizeof *pick * (size_t) k);

		members = cJSON_CreateArray();
		for (int i = 0; pick != NULL && i < k; i++)
			pick[i] = ids[idx[i]];
		if (pick != NULL)
			qsort(pick, (size_t) k, sizeof *pick, by_text);
		for (int i = 0; pick != NULL && i < k; i++)
			cJSON_AddItemToArray(
			    members, cJSON_CreateString(pick[i]));
		free(pick);
	}
	free(idx);
	free_ids(ids, n);
	yousu_date_format(spec->from, day);
	snprintf(id, sizeof id, "round-%.4s", day);
	if ((rv = yousu_store_next_serial(st, id, &serial)) != YOUSU_OK) {
		cJSON_Delete(members);
		snprintf(err, errlen, "store: %s", yousu_store_errmsg(st));
		return rv;
	}
	snprintf(id, sizeof id, "%s-回访-%.4s-%03lld", spec->centre, day,
	    (long long) serial);
	r = cJSON_CreateObject();
	yousu__jset_str(r, "id", id);
	yousu__jset_str(r, "from", day);
	yousu_date_format(spec->to, day);
	yousu__jset_str(r, "to", day);
	if (spec->size > 0)
		yousu__jset_int(r, "size", spec->size);
	yousu__jset_int(r, "seed", spec->seed);
	yousu__jset_int(r, "candidates", n);
	yousu__jset(r, "members", members);
	yousu__jset_str(r, "actor", spec->actor);
	yousu__jset_int(r, "created_at", spec->now);
	text = yousu__json_print(r);
	rv = text ? exec_bind(st,
	                "INSERT INTO visit_rounds(id, doc, created_at) "
	                "VALUES (?1, ?2, ?3)",
	                id, text, spec->now)
	          : YOUSU_NOMEM;
	free(text);
	for (cJSON *m = members->child; rv == YOUSU_OK && m; m = m->next)
		rv = exec_bind(st,
		    "INSERT INTO visit_round_members(complaint, round) "
		    "VALUES (?1, ?2)",
		    m->valuestring, id, 0);
	if (rv != YOUSU_OK) {
		snprintf(err, errlen, "store: %s", yousu_store_errmsg(st));
		cJSON_Delete(r);
		return rv;
	}
	*out = r;
	return YOUSU_OK;
}

/* The rows of sql (one text column each, bound to arg when not NULL),
 * parsed as JSON (docs) or as strings. */
static yousu_err
column(
    yousu_store *st, const char *sql, const char *arg, bool docs, cJSON **out)
{
	sqlite3_stmt *s = NULL;
	cJSON *a = cJSON_CreateArray();
	int rc;

	if (sqlite3_prepare_v2(yousu_store_sqlite(st), sql, -1, &s, NULL)) {
		cJSON_Delete(a);
		return YOUSU_DB;
	}
	if (arg != NULL)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *t = (const char *) sqlite3_column_text(s, 0);
		cJSON *v = docs ? cJSON_Parse(t) : cJSON_CreateString(t);

		if (v != NULL)
			cJSON_AddItemToArray(a, v);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		cJSON_Delete(a);
		return YOUSU_DB;
	}
	*out = a;
	return YOUSU_OK;
}

yousu_err
yousu_round_part(
    yousu_store *st, const cJSON *r, const char *owner, cJSON **out)
{
	sqlite3_stmt *s = NULL;
	cJSON *part = cJSON_Duplicate(r, 1), *members = cJSON_CreateArray();
	const cJSON *m;
	int rc = SQLITE_DONE;

	*out = NULL;
	if (sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "SELECT 1 FROM complaints WHERE id = ?1 AND owner = ?2", -1, &s,
	        NULL) != SQLITE_OK) {
		cJSON_Delete(part);
		cJSON_Delete(members);
		return YOUSU_DB;
	}
	cJSON_ArrayForEach (m, cJSON_GetObjectItem(r, "members")) {
		sqlite3_bind_text(s, 1, m->valuestring, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, owner, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc == SQLITE_ROW)
			cJSON_AddItemToArray(
			    members, cJSON_CreateString(m->valuestring));
		else if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		cJSON_Delete(part);
		cJSON_Delete(members);
		return YOUSU_DB;
	}
	if (cJSON_GetArraySize(members) == 0) {
		cJSON_Delete(part);
		cJSON_Delete(members);
		return YOUSU_OK;
	}
	cJSON_ReplaceItemInObject(part, "members", members);
	*out = part;
	return YOUSU_OK;
}

yousu_err
yousu_round_keep(yousu_store *st, const cJSON *r)
{
	const char *id = yousu__jstr(r, "id");
	char *text;
	yousu_err rv;

	if (id == NULL || !cJSON_IsArray(cJSON_GetObjectItem(r, "members")))
		return YOUSU_INVAL;
	if ((text = yousu__json_print(r)) == NULL)
		return YOUSU_NOMEM;
	rv = exec_bind(st,
	    "INSERT OR IGNORE INTO visit_rounds(id, doc, created_at) "
	    "VALUES (?1, ?2, ?3)",
	    id, text, yousu__jint(r, "created_at", 0));
	free(text);
	for (const cJSON *m = cJSON_GetObjectItem(r, "members")->child;
	     rv == YOUSU_OK && m; m = m->next)
		rv = cJSON_IsString(m)
		         ? exec_bind(st,
		               "INSERT OR IGNORE INTO visit_round_members("
		               "complaint, round) VALUES (?1, ?2)",
		               m->valuestring, id, 0)
		         : YOUSU_INVAL;
	return rv;
}

yousu_err
yousu_round_get(yousu_store *st, const char *id, cJSON **out)
{
	cJSON *a;
	yousu_err rv = column(
	    st, "SELECT doc FROM visit_rounds WHERE id = ?1", id, true, &a);

	if (rv != YOUSU_OK)
		return rv;
	if (cJSON_GetArraySize(a) == 0) {
		cJSON_Delete(a);
		return YOUSU_NOTFOUND;
	}
	*out = cJSON_DetachItemFromArray(a, 0);
	cJSON_Delete(a);
	return YOUSU_OK;
}

yousu_err
yousu_round_list(yousu_store *st, cJSON **out)
{
	return column(st,
	    "SELECT doc FROM visit_rounds ORDER BY created_at DESC, id DESC",
	    NULL, true, out);
}

yousu_err
yousu_round_of(yousu_store *st, const char *id, cJSON **out)
{
	return column(st,
	    "SELECT round FROM visit_round_members WHERE complaint = ?1 "
	    "ORDER BY round",
	    id, false, out);
}
