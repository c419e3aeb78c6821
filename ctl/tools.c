/* yousuctl commands that do more than one exchange: keygen, batch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "yousu/keys.h"

const char *
yousu_jstr_or(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int
ctl_keygen(const char *path)
{
	char err[512];

	if (yousu_key_generate(path, err, sizeof err) != YOUSU_OK) {
		fprintf(stderr, "yousuctl keygen: %s\n", err);
		return 1;
	}
	printf("%s: new key written (mode 0600); copy it to the other end "
	       "of the link by a safe channel\n",
	    path);
	return 0;
}

/* Send the requests gathered so far as one batch. */
static int
flush(const char *url, int timeout, const ctl_cmd *c, const char *actor,
    cJSON **reqs, const ctl_local *l)
{
	cJSON *args = cJSON_CreateObject();
	int rv;

	if (cJSON_GetArraySize(*reqs) == 0) {
		cJSON_Delete(args);
		return 0;
	}
	cJSON_AddItemToObject(args, "requests", *reqs);
	rv = ctl_exchange(url, timeout, c, actor, args, l);
	cJSON_Delete(args);
	*reqs = cJSON_CreateArray();
	return rv;
}

int
ctl_batch(const char *url, int timeout, const ctl_cmd *c, const char *actor,
    cJSON *args, const ctl_local *l)
{
	const char *path = yousu_jstr_or(args, "file");
	FILE *f = path ? fopen(path, "r") : stdin;
	int chunk = l->chunk > 0 ? l->chunk : 500, rv = 0, line = 0;
	cJSON *reqs = cJSON_CreateArray(), *r;
	char *buf = NULL;
	size_t cap = 0;

	if (f == NULL) {
		perror(path);
		cJSON_Delete(reqs);
		return 2;
	}
	while (rv == 0 && getline(&buf, &cap, f) > 0) {
		line++;
		if (buf[strspn(buf, " \t\r\n")] == '\0')
			continue;
		if ((r = cJSON_Parse(buf)) == NULL || !cJSON_IsObject(r)) {
			fprintf(stderr,
			    "yousuctl batch: %s:%d: not a JSON object\n",
			    path ? path : "stdin", line);
			cJSON_Delete(r);
			rv = 2;
			break;
		}
		cJSON_AddItemToArray(reqs, r);
		if (cJSON_GetArraySize(reqs) >= chunk)
			rv = flush(url, timeout, c, actor, &reqs, l);
	}
	if (rv == 0)
		rv = flush(url, timeout, c, actor, &reqs, l);
	cJSON_Delete(reqs);
	free(buf);
	if (f != stdin)
		fclose(f);
	return rv;
}
