/* The desk's HTTPS API inside the daemon (http.c: the server, sessions,
 * logins; http_api.c: what a request means and whether it may run). */
#ifndef YOUSU_HTTP_IMPL_H
#define YOUSU_HTTP_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "yousu/accounts.h"
#include "yousu/commands.h"
#include "yousu/err.h"

typedef struct yousu_daemon daemon_t;

/* http.c: ADDRESS:PORT into *out (may be NULL); YOUSU_CONFIG with a
 * message otherwise. */
yousu_err yousu__http_parse_addr(
    const char *v, struct sockaddr_storage *out, char *msg, size_t len);
bool yousu__http_loopback(const struct sockaddr_storage *ss);

/* http_api.c: one query parameter key=value of a GET into args, typed
 * by command c's field (an unknown key is kept as text, for the
 * schema's did-you-mean); a problem said in err. */
void yousu__http_arg(const yousu_command *c, cJSON *args, const char *key,
    const char *value, char *err, size_t errlen);

/* Whether user u may run command c with args here: its roles, and its
 * scope (a 部门 account only on its departments' complaints, a county
 * account narrowed to townships only on theirs); a list, ledger or
 * statistics of a scoped account gets its scope as a filter (args is
 * changed). The complaint is doc when the caller holds it, else (NULL)
 * loaded by the id of args. YOUSU_PERM or YOUSU_NOTFOUND with the
 * reason. */
yousu_err yousu__http_authorize(daemon_t *d, const yousu_user *u,
    const yousu_command *c, cJSON *args, const cJSON *doc, char *err,
    size_t errlen);

/* The OpenAPI 3 description of this centre's API, from the schema. */
cJSON *yousu__http_openapi(const daemon_t *d);

#endif
