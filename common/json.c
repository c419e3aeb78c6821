#include "json.h"

#include "yousu/err.h"

const char *
yousu__jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int64_t
yousu__jint(const cJSON *o, const char *key, int64_t dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	/* received data is untrusted: keep it where int64 arithmetic is safe */
	if (!cJSON_IsNumber(v) || v->valuedouble != v->valuedouble)
		return dflt;
	if (v->valuedouble > 9e15 || v->valuedouble < -9e15)
		return v->valuedouble > 0 ? (int64_t) 9e15 : (int64_t) -9e15;
	return (int64_t) v->valuedouble;
}

bool
yousu__jbool(const cJSON *o, const char *key, bool dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : dflt;
}

void
yousu__jset(cJSON *o, const char *key, cJSON *v)
{
	if (v == NULL)
		yousu_panic("json: out of memory");
	if (cJSON_GetObjectItemCaseSensitive(o, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(o, key, v);
	else
		cJSON_AddItemToObject(o, key, v);
}

void
yousu__jset_str(cJSON *o, const char *key, const char *v)
{
	yousu__jset(o, key, v ? cJSON_CreateString(v) : cJSON_CreateNull());
}

void
yousu__jset_int(cJSON *o, const char *key, int64_t v)
{
	yousu__jset(o, key, cJSON_CreateNumber((double) v));
}

void
yousu__jset_bool(cJSON *o, const char *key, bool v)
{
	yousu__jset(o, key, cJSON_CreateBool(v));
}
