/* Small cJSON helpers of libyousu and the roles (node/, hub/, bridge/). */
#ifndef YOUSU_JSON_H
#define YOUSU_JSON_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

/* yousu__jstr: the string member key of o, or NULL. */
const char *yousu__jstr(const cJSON *o, const char *key);
/* yousu__jint: the number member key of o, or dflt. */
int64_t yousu__jint(const cJSON *o, const char *key, int64_t dflt);
/* yousu__jint_of: the same of a member already found (NULL: dflt) */
int64_t yousu__jint_of(const cJSON *v, int64_t dflt);
/* yousu__jbool: the boolean member key of o, or dflt. */
bool yousu__jbool(const cJSON *o, const char *key, bool dflt);
/* yousu__jset_str / _int / _bool replace member key of o. */
void yousu__jset_str(cJSON *o, const char *key, const char *v);
void yousu__jset_int(cJSON *o, const char *key, int64_t v);
/* o[key] += n in place (created at n): one lookup, no allocation once
 * the key is there (the statistics' counters) */
void yousu__jadd_int(cJSON *o, const char *key, int64_t n);
void yousu__jset_bool(cJSON *o, const char *key, bool v);
/* yousu__jset replaces member key of o with v (taking ownership). */
void yousu__jset(cJSON *o, const char *key, cJSON *v);
/* yousu__json_print returns v as compact JSON text, as
 * cJSON_PrintUnformatted but faster for integers; NULL when out of
 * memory. The caller frees it with free(). */
char *yousu__json_print(const cJSON *v);

#endif
