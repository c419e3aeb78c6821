#include "yousu/json.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/err.h"

const char *
yousu__jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int64_t
yousu__jint_of(const cJSON *v, int64_t dflt)
{
	/* received data is untrusted: keep it where int64 arithmetic is safe */
	if (!cJSON_IsNumber(v) || v->valuedouble != v->valuedouble)
		return dflt;
	if (v->valuedouble > 9e15 || v->valuedouble < -9e15)
		return v->valuedouble > 0 ? (int64_t) 9e15 : (int64_t) -9e15;
	return (int64_t) v->valuedouble;
}

int64_t
yousu__jint(const cJSON *o, const char *key, int64_t dflt)
{
	return yousu__jint_of(cJSON_GetObjectItemCaseSensitive(o, key), dflt);
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
yousu__jadd_int(cJSON *o, const char *key, int64_t n)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (cJSON_IsNumber(v))
		cJSON_SetNumberValue(v, v->valuedouble + (double) n);
	else
		yousu__jset_int(o, key, yousu__jint(o, key, 0) + n);
}

void
yousu__jset_bool(cJSON *o, const char *key, bool v)
{
	yousu__jset(o, key, cJSON_CreateBool(v));
}

/* --- printing ----------------------------------------------------------
 * cJSON prints every number with sprintf("%1.15g") and reads it back with
 * sscanf to check it; the documents here are mostly integers (times,
 * counters), and that check was a quarter of an intake. This printer
 * writes integers directly and is otherwise cJSON_PrintUnformatted. */

typedef struct {
	char *p;
	size_t len, cap;
	bool failed;
} jbuf;

static char *
reserve(jbuf *b, size_t n)
{
	if (b->failed)
		return NULL;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (b->len + n + 1 > cap)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL) {
			b->failed = true;
			return NULL;
		}
		b->p = p;
		b->cap = cap;
	}
	return b->p + b->len;
}

static void
put(jbuf *b, const char *s, size_t n)
{
	char *d = reserve(b, n);

	if (d != NULL) {
		memcpy(d, s, n);
		b->len += n;
	}
}

static void
put_number(jbuf *b, double v)
{
	char tmp[32];
	int n;

	if (v != v || v > DBL_MAX || v < -DBL_MAX) {
		put(b, "null", 4);
		return;
	}
	/* below 1e15, %1.15g writes an integer in full, as this does */
	if (v > -1e15 && v < 1e15 && v == (double) (int64_t) v &&
	    (v != 0 || !signbit(v))) {
		uint64_t u = v < 0 ? (uint64_t) - (int64_t) v : (uint64_t) v;
		char *e = tmp + sizeof tmp, *s = e;

		do
			*--s = (char) ('0' + u % 10);
		while ((u /= 10) != 0);
		if (v < 0)
			*--s = '-';
		put(b, s, (size_t) (e - s));
		return;
	}
	/* as cJSON, 15 digits, or 17 when 15 do not read back exactly
	 * (cJSON accepts a near miss there) */
	n = snprintf(tmp, sizeof tmp, "%1.15g", v);
	if (strtod(tmp, NULL) != v)
		n = snprintf(tmp, sizeof tmp, "%1.17g", v);
	put(b, tmp, (size_t) n);
}

static void
put_string(jbuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *) (s ? s : "");

	put(b, "\"", 1);
	while (*u != '\0') {
		const unsigned char *run = u;
		char esc[6] = {'\\', 0, '0', '0', 0, 0};

		while (*u >= 0x20 && *u != '"' && *u != '\\')
			u++;
		put(b, (const char *) run, (size_t) (u - run));
		if (*u == '\0')
			break;
		switch (*u) {
		case '"':
			esc[1] = '"';
			break;
		case '\\':
			esc[1] = '\\';
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\t':
			esc[1] = 't';
			break;
		default:
			esc[1] = 'u';
			esc[4] = hex[*u >> 4];
			esc[5] = hex[*u & 15];
			put(b, esc, 6);
			u++;
			continue;
		}
		put(b, esc, 2);
		u++;
	}
	put(b, "\"", 1);
}

static void
put_item(jbuf *b, const cJSON *v, int depth)
{
	const cJSON *c;
	bool obj;

	if (depth > 1000) {
		b->failed = true;
		return;
	}
	switch (v->type & 0xff) {
	case cJSON_False:
		put(b, "false", 5);
		return;
	case cJSON_True:
		put(b, "true", 4);
		return;
	case cJSON_NULL:
		put(b, "null", 4);
		return;
	case cJSON_Number:
		put_number(b, v->valuedouble);
		return;
	case cJSON_String:
		put_string(b, v->valuestring);
		return;
	case cJSON_Raw:
		if (v->valuestring == NULL)
			b->failed = true;
		else
			put(b, v->valuestring, strlen(v->valuestring));
		return;
	case cJSON_Array:
	case cJSON_Object:
		break;
	default:
		b->failed = true;
		return;
	}
	obj = (v->type & 0xff) == cJSON_Object;
	put(b, obj ? "{" : "[", 1);
	for (c = v->child; c != NULL; c = c->next) {
		if (c != v->child)
			put(b, ",", 1);
		if (obj) {
			put_string(b, c->string);
			put(b, ":", 1);
		}
		put_item(b, c, depth + 1);
	}
	put(b, obj ? "}" : "]", 1);
}

char *
yousu__json_print(const cJSON *v)
{
	jbuf b = {0};

	if (v == NULL)
		return NULL;
	put_item(&b, v, 0);
	if (reserve(&b, 0) == NULL) {
		free(b.p);
		return NULL;
	}
	b.p[b.len] = '\0';
	return b.p;
}
