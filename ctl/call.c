/* yousuctl's exchange with the daemon: one request on the control
 * socket, its answer printed. */
#include <nng/nng.h>
#include <nng/protocol/reqrep0/req.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

char *
ctl_call(const char *url, const char *req, int timeout_ms)
{
	nng_socket s;
	char *buf = NULL, *out = NULL;
	size_t len = 0;
	int rv;

	/* the timeout covers the whole exchange: a daemon that dies after
	 * the dial would otherwise leave the send waiting for it forever */
	if ((rv = nng_req0_open(&s)) != 0 ||
	    (rv = nng_socket_set_ms(s, NNG_OPT_RECVTIMEO, timeout_ms)) != 0 ||
	    (rv = nng_socket_set_ms(s, NNG_OPT_SENDTIMEO, timeout_ms)) != 0 ||
	    (rv = nng_socket_set_size(s, NNG_OPT_RECVMAXSZ, 256 << 20)) != 0 ||
	    (rv = nng_dial(s, url, NULL, 0)) != 0 ||
	    (rv = nng_send(s, (void *) req, strlen(req), 0)) != 0 ||
	    (rv = nng_recv(s, &buf, &len, NNG_FLAG_ALLOC)) != 0) {
		fprintf(stderr, "yousuctl: cannot reach the daemon at %s: %s\n",
		    url, nng_strerror(rv));
		nng_close(s);
		return NULL;
	}
	if ((out = malloc(len + 1)) != NULL) {
		memcpy(out, buf, len);
		out[len] = '\0';
	}
	nng_free(buf, len);
	nng_close(s);
	return out;
}

int
ctl_exchange(const char *url, int timeout, const ctl_cmd *c, const char *actor,
    cJSON *args, const ctl_local *l)
{
	cJSON *req = cJSON_CreateObject(), *rep;
	char *text, *answer;
	int status = 1;

	cJSON_AddStringToObject(req, "cmd", c->schema->name);
	cJSON_AddStringToObject(req, "actor", actor);
	cJSON_AddItemReferenceToObject(req, "args", args);
	text = cJSON_PrintUnformatted(req);
	cJSON_Delete(req);
	answer = ctl_call(url, text, timeout);
	free(text);
	if (answer == NULL)
		return 3;
	rep = cJSON_Parse(answer);
	if (!cJSON_IsObject(rep)) {
		fprintf(
		    stderr, "yousuctl: the daemon sent a malformed answer\n");
	} else if (!cJSON_IsTrue(cJSON_GetObjectItem(rep, "ok"))) {
		cJSON *e = cJSON_GetObjectItem(rep, "error");

		if (l->json)
			puts(answer);
		fprintf(stderr, "yousuctl: %s\n",
		    cJSON_IsString(e) ? e->valuestring : "refused");
	} else if (l->json && l->format == NULL && l->backup == NULL) {
		puts(answer);
		status = 0;
	} else {
		status = c->print(c, cJSON_GetObjectItem(rep, "result"), l);
	}
	cJSON_Delete(rep);
	free(answer);
	return status;
}
