/* The desk's HTTPS API: libmicrohttpd driven from the daemon's own poll
 * loop (external epoll), so the store keeps its one thread and takes no
 * locks. Logins and password changes are hashed (Argon2id) by a worker
 * thread while their connection is suspended; everything else runs on
 * the loop. Every request is authenticated by its session, authorised by
 * role and scope against the command schema, and answered in JSON with
 * the messages yousuctl gives. */
#define _GNU_SOURCE /* pipe2 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "daemon_impl.h"
#include "http_impl.h"
#include "yousu/accounts.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/query.h"
#include "yousu/workflow.h"

#define MAX_BODY        (4 << 20) /* bytes of a request body */
#define MAX_SESSIONS    4096
#define MAX_THROTTLED   4096 /* client addresses remembered */
#define COOKIE          "yousu_session"
#define TOKEN_BYTES     32
#define SESSION_BYTES   32 /* BLAKE2b of the token: the key kept */
#define MAX_BACKOFF_S   300
#define COUNT_BUDGET_US 8000 /* of each run of the loop, for pages */
#define MAX_EXPORTS     2    /* XLSX downloads made at once */
#define API_PAGE        100  /* rows of a list, ledger or queue page */
#define API_MAX         1000 /* ... at most */
#define SLOW_REQUEST_MS 100  /* a request this long is logged (HTTP-SLOW) */

/* --- configuration --------------------------------------------------- */

static yousu_err
on_listen(void *obj, const char *name, const char *v, char *msg, size_t len)
{
	daemon_cfg *c = obj;

	(void) name;
	if (yousu__http_parse_addr(v, NULL, msg, len) != YOUSU_OK)
		return YOUSU_CONFIG;
	snprintf(c->http_listen, sizeof c->http_listen, "%s", v);
	return YOUSU_OK;
}

#define OFF(f) offsetof(daemon_cfg, f)
const yousu_cfg_key yousu__http_keys[] = {
    {"http", "listen", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_listen},
    {"http", "tls_cert", YOUSU_CFG_PATH, OFF(http_cert), PATH_LEN, 0, 0, false,
        NULL},
    {"http", "tls_key", YOUSU_CFG_PATH, OFF(http_key), PATH_LEN, 0, 0, false,
        NULL},
    {"http", "session_idle_minutes", YOUSU_CFG_INT, OFF(http_idle_min), 0, 1,
        1440, false, NULL},
    {"http", "session_max_hours", YOUSU_CFG_INT, OFF(http_max_h), 0, 1, 168,
        false, NULL},
    {"http", "lock_after", YOUSU_CFG_INT, OFF(http_lock_after), 0, 3, 100,
        false, NULL},
    {"http", "desk", YOUSU_CFG_PATH, OFF(http_desk), PATH_LEN, 0, 0, false,
        NULL},
    {"http", "javascript", YOUSU_CFG_PATH, OFF(http_js), PATH_LEN, 0, 0, false,
        NULL},
    {NULL},
};

void
yousu__http_defaults(daemon_cfg *c)
{
	snprintf(c->http_js, sizeof c->http_js, "/usr/share/javascript");
	c->http_idle_min = 30;
	c->http_max_h = 12;
	c->http_lock_after = 10;
}

yousu_err
yousu__http_parse_addr(
    const char *v, struct sockaddr_storage *out, char *msg, size_t len)
{
	struct sockaddr_storage ss = {0};
	struct sockaddr_in *in4 = (struct sockaddr_in *) &ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) &ss;
	char host[128];
	const char *colon = strrchr(v, ':');
	char *end;
	long port;

	if (colon == NULL || (size_t) (colon - v) >= sizeof host)
		goto bad;
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || port < 1 || port > 65535)
		goto bad;
	snprintf(host, sizeof host, "%.*s", (int) (colon - v), v);
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host) - 2);
		host[strlen(host) - 2] = '\0';
		if (inet_pton(AF_INET6, host, &in6->sin6_addr) != 1)
			goto bad;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t) port);
	} else if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t) port);
	} else {
		goto bad;
	}
	if (out != NULL)
		*out = ss;
	return YOUSU_OK;
bad:
	snprintf(msg, len,
	    "listen '%s' must be ADDRESS:PORT (127.0.0.1:8080, "
	    "0.0.0.0:8443, [::1]:8080)",
	    v);
	return YOUSU_CONFIG;
}

bool
yousu__http_loopback(const struct sockaddr_storage *ss)
{
	const struct sockaddr_in *in4 = (const struct sockaddr_in *) ss;
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) ss;

	if (ss->ss_family == AF_INET)
		return (ntohl(in4->sin_addr.s_addr) >> 24) == 127;
	return ss->ss_family == AF_INET6 &&
	       IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
}

/* --- sessions ----------------------------------------------------------- */

typedef struct {
	uint8_t key[SESSION_BYTES]; /* BLAKE2b of the cookie's token */
	char login[YOUSU_LOGIN_MAX + 1];
	char csrf[48];
	char addr[64];
	int64_t created, seen; /* seconds */
	bool used;
} session;

typedef struct {
	char addr[64];
	int failures;
	int64_t next; /* not before (seconds) */
} throttle;

/* A password to check or hash, done by the worker. */
typedef struct job {
	struct job *next;
	struct MHD_Connection *conn;
	struct http_req *req;
	bool hash_only; /* a new password to hash; else verify */
	char hash[128];
	char password[YOUSU_PASSWORD_MAX + 1];
	bool ok; /* verified; or hashed */
} job;

struct yousu_http {
	daemon_t *d;
	struct MHD_Daemon *mhd;
	bool tls;
	int epoll_fd;
	session *sessions;
	throttle *throttled;
	/* the worker: jobs in, done out (and a byte on done_pipe) */
	pthread_t worker;
	bool worker_up;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	job *todo, *done;
	bool stop;
	int done_pipe[2];
	/* statistics being counted and ledgers being written to XLSX, a
	 * page each run of the loop */
	struct http_req *counting;
	/* XLSX workbooks being put together, each on a thread of its own
	 * (under mu: zipping, then zipped for the loop) */
	struct http_req *zipping, *zipped;
	int exports; /* XLSX downloads in progress */
};

/* One request, across the calls of the access handler. */
typedef struct http_req {
	char *body;
	size_t len, cap;
	bool too_big;
	/* 0 new, 1 waiting for the worker, 2 worker done, 3 answered; 7
	 * statistics being counted, 8 counted (9: failed, err says why) */
	int state;
	job *job;
	/* statistics being counted, or a ledger written to XLSX: the
	 * connection waits, suspended */
	yousu__stats *stats;
	yousu__export *export;
	yousu_xlsx *xlsx;
	struct yousu_http *zip_h;
	char xlsx_path[PATH_LEN + 32];
	pthread_t zipper;
	bool zip_ok, is_export;
	struct MHD_Connection *conn;
	struct http_req *next;
	cJSON *result;
	char err[256];
	char addr[64];
	/* a login or password change in progress */
	char login[YOUSU_LOGIN_MAX + 1];
	char new_password[YOUSU_PASSWORD_MAX + 1];
} http_req;

static int64_t
now_s(yousu_http *h)
{
	return yousu__daemon_now(h->d);
}

static void
session_key(const char *token, uint8_t key[SESSION_BYTES])
{
	crypto_generichash(key, SESSION_BYTES, (const uint8_t *) token,
	    strlen(token), NULL, 0);
}

/* The live session of token, or NULL (an expired one is ended). */
static session *
session_find(yousu_http *h, const char *token, bool background)
{
	uint8_t key[SESSION_BYTES];
	int64_t now = now_s(h);

	if (token == NULL || strlen(token) > 128)
		return NULL;
	session_key(token, key);
	for (int i = 0; i < MAX_SESSIONS; i++) {
		session *s = &h->sessions[i];

		if (!s->used || sodium_memcmp(s->key, key, SESSION_BYTES) != 0)
			continue;
		if (now - s->seen > h->d->cfg.http_idle_min * 60 ||
		    now - s->created > h->d->cfg.http_max_h * 3600) {
			sodium_memzero(s, sizeof *s);
			return NULL;
		}
		/* a page refreshing itself (X-Yousu-Background) is not the
		 * user at the desk: an unattended PC still logs out */
		if (!background)
			s->seen = now;
		return s;
	}
	return NULL;
}

/* A new session for login: the cookie's token into token (44 bytes). */
static session *
session_new(yousu_http *h, const char *login, const char *addr, char *token)
{
	uint8_t raw[TOKEN_BYTES];
	session *s = NULL;
	int64_t now = now_s(h), oldest = INT64_MAX;

	for (int i = 0; i < MAX_SESSIONS; i++) {
		session *c = &h->sessions[i];

		if (!c->used || now - c->seen > h->d->cfg.http_idle_min * 60) {
			s = c;
			break;
		}
		if (c->seen < oldest) { /* full: the longest idle goes */
			oldest = c->seen;
			s = c;
		}
	}
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(token, 48, raw, sizeof raw,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	memset(s, 0, sizeof *s);
	session_key(token, s->key);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(s->csrf, sizeof s->csrf, raw, sizeof raw,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	snprintf(s->login, sizeof s->login, "%s", login);
	snprintf(s->addr, sizeof s->addr, "%s", addr);
	s->created = s->seen = now;
	s->used = true;
	return s;
}

/* Ends login's sessions (all, or all but keep). */
static int
sessions_end(yousu_http *h, const char *login, const session *keep)
{
	int n = 0;

	for (int i = 0; i < MAX_SESSIONS; i++) {
		session *s = &h->sessions[i];

		if (s->used && s != keep && strcmp(s->login, login) == 0) {
			sodium_memzero(s, sizeof *s);
			n++;
		}
	}
	return n;
}

void
yousu__http_user_changed(yousu_http *h, const char *login)
{
	if (h != NULL)
		sessions_end(h, login, NULL);
}

/* --- login throttling ---------------------------------------------------- */

static throttle *
throttle_of(yousu_http *h, const char *addr, bool make)
{
	throttle *free_one = NULL, *oldest = NULL;

	for (int i = 0; i < MAX_THROTTLED; i++) {
		throttle *t = &h->throttled[i];

		if (t->addr[0] != '\0' && strcmp(t->addr, addr) == 0)
			return t;
		if (t->addr[0] == '\0' && free_one == NULL)
			free_one = t;
		if (oldest == NULL || t->next < oldest->next)
			oldest = t;
	}
	if (!make)
		return NULL;
	if (free_one == NULL)
		free_one = oldest;
	memset(free_one, 0, sizeof *free_one);
	snprintf(free_one->addr, sizeof free_one->addr, "%s", addr);
	return free_one;
}

/* Seconds to wait after n failures: 1, 2, 4 ... at most 5 minutes. */
static int64_t
backoff(int n)
{
	return n <= 0 ? 0 : n > 9 ? MAX_BACKOFF_S : (int64_t) 1 << (n - 1);
}

/* --- the worker ------------------------------------------------------------
 */

static void
nap_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long) (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

static void *
work(void *arg)
{
	yousu_http *h = arg;

	pthread_mutex_lock(&h->mu);
	for (;;) {
		job *j;

		while (h->todo == NULL && !h->stop)
			pthread_cond_wait(&h->cv, &h->mu);
		if (h->stop)
			break;
		j = h->todo;
		h->todo = j->next;
		pthread_mutex_unlock(&h->mu);
		/* in the password process: see pwproc.c */
		j->ok = yousu__pwproc_call(
		    h->d, j->hash_only, j->password, j->hash);
		sodium_memzero(j->password, sizeof j->password);
		pthread_mutex_lock(&h->mu);
		j->next = h->done;
		h->done = j;
		(void) !write(h->done_pipe[1], "x", 1);
	}
	pthread_mutex_unlock(&h->mu);
	return NULL;
}

/* Hands j to the worker; its connection waits, suspended. */
static void
submit(yousu_http *h, struct MHD_Connection *c, http_req *r, job *j)
{
	job **at;

	j->conn = c;
	j->req = r;
	r->job = j;
	r->state = 1;
	MHD_suspend_connection(c);
	pthread_mutex_lock(&h->mu);
	j->next = NULL; /* first come, first verified */
	for (at = &h->todo; *at != NULL; at = &(*at)->next)
		;
	*at = j;
	pthread_cond_signal(&h->cv);
	pthread_mutex_unlock(&h->mu);
}

/* --- responses ---------------------------------------------------------- */

static void
secure_headers(yousu_http *h, struct MHD_Response *resp, bool api)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
	    "default-src 'self'; script-src 'self'; style-src 'self'; "
	    "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
	    "form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(
	    resp, "Cross-Origin-Opener-Policy", "same-origin");
	if (api)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (h->tls)
		MHD_add_response_header(
		    resp, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result
send_text(yousu_http *h, struct MHD_Connection *c, unsigned status,
    const char *type, const char *text, size_t len, const char *cookie)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(
	    len, (void *) text, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rv;

	if (resp == NULL)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", type);
	secure_headers(h, resp, true);
	if (cookie != NULL)
		MHD_add_response_header(resp, "Set-Cookie", cookie);
	rv = MHD_queue_response(c, status, resp);
	MHD_destroy_response(resp);
	return rv;
}

/* {"ok":true,"result":...}; result is taken. */
static enum MHD_Result
send_result(
    yousu_http *h, struct MHD_Connection *c, cJSON *result, const char *cookie)
{
	cJSON *o = cJSON_CreateObject();
	char *text;
	enum MHD_Result rv;

	yousu__jset_bool(o, "ok", true);
	yousu__jset(o, "result", result ? result : cJSON_CreateNull());
	text = yousu__json_print(o);
	cJSON_Delete(o);
	if (text == NULL)
		return MHD_NO;
	rv = send_text(h, c, MHD_HTTP_OK, "application/json; charset=utf-8",
	    text, strlen(text), cookie);
	free(text);
	return rv;
}

static unsigned
status_of(yousu_err rv)
{
	switch (rv) {
	case YOUSU_INVAL:
	case YOUSU_RANGE:
	case YOUSU_PROTO:
		return MHD_HTTP_BAD_REQUEST;
	case YOUSU_CRYPTO:
		return MHD_HTTP_UNAUTHORIZED;
	case YOUSU_PERM:
		return MHD_HTTP_FORBIDDEN;
	case YOUSU_NOTFOUND:
		return MHD_HTTP_NOT_FOUND;
	case YOUSU_EXISTS:
	case YOUSU_STATE:
		return MHD_HTTP_CONFLICT;
	case YOUSU_LIMIT:
		return MHD_HTTP_UNPROCESSABLE_CONTENT;
	case YOUSU_TIMEOUT:
		return MHD_HTTP_TOO_MANY_REQUESTS;
	default:
		return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

/* {"ok":false,"error","code"} with the HTTP status of rv. */
static enum MHD_Result
send_error(yousu_http *h, struct MHD_Connection *c, yousu_err rv,
    const char *msg, const char *cookie)
{
	cJSON *o = cJSON_CreateObject();
	char *text;
	enum MHD_Result r;

	yousu__jset_bool(o, "ok", false);
	yousu__jset_str(o, "error", msg);
	yousu__jset_str(o, "code", yousu_strerror(rv));
	text = yousu__json_print(o);
	cJSON_Delete(o);
	if (text == NULL)
		return MHD_NO;
	r = send_text(h, c, status_of(rv), "application/json; charset=utf-8",
	    text, strlen(text), cookie);
	free(text);
	return r;
}

static void
cookie_for(yousu_http *h, const char *token, int max_age, char *out, size_t len)
{
	snprintf(out, len,
	    COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
	    token, max_age, h->tls ? "; Secure" : "");
}

/* --- requests ------------------------------------------------------------ */

static void
client_addr(struct MHD_Connection *c, char *out, size_t len)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, len, "?");
	if (sa != NULL && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *) sa)->sin_addr,
		    out, (socklen_t) len);
	else if (sa != NULL && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *) sa)->sin6_addr, out,
		    (socklen_t) len);
}

static void
audit(yousu_http *h, const char *what, const char *login, const char *addr,
    const char *detail)
{
	if (yousu_audit(h->d->store, now_s(h), what, login, addr, detail) !=
	    YOUSU_OK)
		yousu_log("AUDIT cannot write '%s' for %s: %s", what,
		    login ? login : "-", yousu_store_errmsg(h->d->store));
}

/* The query string's members as request fields, by the command's field
 * types (yousu__http_args). */
typedef struct {
	const yousu_command *c;
	cJSON *args;
	char err[256];
} query_ctx;

static enum MHD_Result
query_member(
    void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	query_ctx *q = cls;

	(void) kind;
	if (q->err[0] == '\0')
		yousu__http_arg(q->c, q->args, key, value ? value : "", q->err,
		    sizeof q->err);
	return MHD_YES;
}

/* The login form: {"login", "password"}. */
static enum MHD_Result
login_start(yousu_http *h, struct MHD_Connection *c, http_req *r)
{
	cJSON *b = cJSON_ParseWithLength(r->body ? r->body : "", r->len);
	const char *login = yousu__jstr(b, "login");
	const char *pw = yousu__jstr(b, "password");
	throttle *t = throttle_of(h, r->addr, false);
	yousu_user u;
	job *j;
	int64_t now = now_s(h);

	if (login == NULL || pw == NULL || strlen(pw) > YOUSU_PASSWORD_MAX) {
		cJSON_Delete(b);
		return send_error(h, c, YOUSU_INVAL,
		    "login: give {\"login\", \"password\"}", NULL);
	}
	if (t != NULL && now < t->next) {
		cJSON_Delete(b);
		audit(h, "login_throttled", NULL, r->addr, "too many failures");
		return send_error(h, c, YOUSU_TIMEOUT,
		    "登录失败次数过多，请稍后再试 (too many failed logins from "
		    "this address: wait a moment)",
		    NULL);
	}
	if ((j = calloc(1, sizeof *j)) == NULL) {
		cJSON_Delete(b);
		return MHD_NO;
	}
	snprintf(r->login, sizeof r->login, "%s", login);
	/* an unknown login is checked against a hash too, so that it takes
	 * as long as a known one */
	if (yousu_user_load(h->d->store, login, &u) == YOUSU_OK) {
		snprintf(j->hash, sizeof j->hash, "%s", u.hash);
		yousu_user_clear(&u);
	} else {
		snprintf(j->hash, sizeof j->hash, "%s", h->d->dummy_hash);
	}
	snprintf(j->password, sizeof j->password, "%s", pw);
	sodium_memzero((void *) pw, strlen(pw));
	cJSON_Delete(b);
	submit(h, c, r, j);
	return MHD_YES;
}

/* After the worker checked the password: the session, or the refusal. */
static enum MHD_Result
login_finish(yousu_http *h, struct MHD_Connection *c, http_req *r)
{
	job *j = r->job;
	yousu_user u;
	bool known = yousu_user_load(h->d->store, r->login, &u) == YOUSU_OK;
	throttle *t;
	session *s;
	char token[48], cookie[256];
	cJSON *me;
	enum MHD_Result rv;

	r->job = NULL;
	if (!known || !j->ok || strcmp(u.state, "active") != 0) {
		bool locked = false;

		if (known && !j->ok)
			locked = yousu_user_failure(
			    h->d->store, r->login, h->d->cfg.http_lock_after);
		t = throttle_of(h, r->addr, true);
		t->failures++;
		t->next = now_s(h) + backoff(t->failures);
		audit(h, "login_failed", r->login, r->addr,
		    !known   ? "no such account"
		    : !j->ok ? "wrong password"
		             : u.state);
		if (locked)
			audit(h, "locked", r->login, r->addr,
			    "too many failed logins");
		free(j);
		if (known)
			yousu_user_clear(&u);
		return send_error(h, c, YOUSU_CRYPTO,
		    "登录名或密码错误，或账号已锁定、停用 (wrong login or "
		    "password, or the account is locked or disabled)",
		    NULL);
	}
	free(j);
	/* a write (and its flush) only when there were failures to forget:
	 * the loop's other users wait behind each commit */
	if (u.failures > 0)
		yousu_user_success(h->d->store, r->login);
	if ((t = throttle_of(h, r->addr, false)) != NULL)
		t->failures = 0, t->next = 0;
	s = session_new(h, u.login, r->addr, token);
	audit(h, "login", u.login, r->addr, NULL);
	me = yousu_user_json(&u);
	yousu__jset_str(me, "csrf", s->csrf);
	yousu_user_clear(&u);
	cookie_for(
	    h, token, h->d->cfg.http_max_h * 3600, cookie, sizeof cookie);
	sodium_memzero(token, sizeof token);
	rv = send_result(h, c, me, cookie);
	sodium_memzero(cookie, sizeof cookie);
	return rv;
}

/* The session of the request, checked: its account active; for a change
 * (POST) the CSRF header. NULL with the refusal sent in *sent. */
static session *
authenticate(yousu_http *h, struct MHD_Connection *c, http_req *r, bool post,
    yousu_user *u, enum MHD_Result *sent)
{
	session *s = session_find(h,
	    MHD_lookup_connection_value(c, MHD_COOKIE_KIND, COOKIE),
	    !post && MHD_lookup_connection_value(
	                 c, MHD_HEADER_KIND, "X-Yousu-Background") != NULL);
	const char *csrf =
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");

	if (s == NULL) {
		*sent = send_error(h, c, YOUSU_CRYPTO,
		    "请先登录 (not logged in, or the session ended)", NULL);
		return NULL;
	}
	if (yousu_user_load(h->d->store, s->login, u) != YOUSU_OK ||
	    strcmp(u->state, "active") != 0) {
		sessions_end(h, s->login, NULL);
		*sent = send_error(h, c, YOUSU_CRYPTO,
		    "账号已锁定或停用 (the account is locked or disabled)",
		    NULL);
		return NULL;
	}
	if (post && (csrf == NULL || strlen(csrf) != strlen(s->csrf) ||
	                sodium_memcmp(csrf, s->csrf, strlen(s->csrf)) != 0)) {
		audit(h, "refused", s->login, r->addr,
		    "CSRF token missing or wrong");
		yousu_user_clear(u);
		*sent = send_error(h, c, YOUSU_PERM,
		    "请求缺少有效的 X-CSRF-Token (the X-CSRF-Token header is "
		    "missing or wrong)",
		    NULL);
		return NULL;
	}
	return s;
}

/* POST /api/v1/password {"old", "new"}: the old one checked, the new one
 * hashed, by the worker (two rounds). */
static enum MHD_Result
password_start(
    yousu_http *h, struct MHD_Connection *c, http_req *r, const yousu_user *u)
{
	cJSON *b = cJSON_ParseWithLength(r->body ? r->body : "", r->len);
	const char *old = yousu__jstr(b, "old"), *nw = yousu__jstr(b, "new");
	const char *why;
	char msg[256];
	job *j;

	if (old == NULL || nw == NULL) {
		cJSON_Delete(b);
		return send_error(h, c, YOUSU_INVAL,
		    "password: give {\"old\", \"new\"}", NULL);
	}
	if ((why = yousu_password_problem(u->login, nw)) != NULL ||
	    strcmp(old, nw) == 0) {
		snprintf(msg, sizeof msg,
		    "新密码不可用 (the new password is not allowed: %s)",
		    why ? why : "it is the old one");
		cJSON_Delete(b);
		return send_error(h, c, YOUSU_INVAL, msg, NULL);
	}
	if ((j = calloc(1, sizeof *j)) == NULL) {
		cJSON_Delete(b);
		return MHD_NO;
	}
	snprintf(r->login, sizeof r->login, "%s", u->login);
	snprintf(r->new_password, sizeof r->new_password, "%s", nw);
	snprintf(j->hash, sizeof j->hash, "%s", u->hash);
	snprintf(j->password, sizeof j->password, "%s", old);
	cJSON_Delete(b);
	submit(h, c, r, j);
	return MHD_YES;
}

static enum MHD_Result
password_finish(yousu_http *h, struct MHD_Connection *c, http_req *r)
{
	job *j = r->job;
	session *s;
	enum MHD_Result rv;

	r->job = NULL;
	if (!j->hash_only) { /* the old password checked */
		if (!j->ok) {
			free(j);
			sodium_memzero(r->new_password, sizeof r->new_password);
			audit(h, "password_failed", r->login, r->addr,
			    "wrong old password");
			return send_error(h, c, YOUSU_CRYPTO,
			    "原密码错误 (the old password is wrong)", NULL);
		}
		memset(j, 0, sizeof *j);
		j->hash_only = true;
		snprintf(
		    j->password, sizeof j->password, "%s", r->new_password);
		sodium_memzero(r->new_password, sizeof r->new_password);
		submit(h, c, r, j);
		return MHD_YES;
	}
	if (!j->ok || yousu_user_set_password(h->d->store, r->login, j->hash,
	                  now_s(h)) != YOUSU_OK) {
		free(j);
		return send_error(
		    h, c, YOUSU_DB, "password: it could not be stored", NULL);
	}
	free(j);
	audit(h, "password", r->login, r->addr, "changed by its owner");
	/* every other session of the account ends */
	s = session_find(
	    h, MHD_lookup_connection_value(c, MHD_COOKIE_KIND, COOKIE), false);
	sessions_end(h, r->login, s);
	rv = send_result(h, c, cJSON_CreateObject(), NULL);
	return rv;
}

/* GET /api/v1/me: the account, its CSRF token and the commands it may
 * run here (for the desk). */
static enum MHD_Result
me(yousu_http *h, struct MHD_Connection *c, const session *s,
    const yousu_user *u)
{
	cJSON *o = yousu_user_json(u), *cmds = cJSON_CreateArray();

	yousu__jset_str(o, "csrf", s->csrf);
	yousu__jset_str(o, "centre", h->d->cfg.code);
	yousu__jset_str(o, "centre_name", h->d->cfg.name);
	yousu__jset_str(o, "role_of_centre", h->d->role->name);
	for (const yousu_command *k = yousu_commands; k->name; k++)
		if ((k->at & h->d->role->at) && (k->roles & u->roles) &&
		    !(k->flags & YOUSU_C_CLIENT) && !u->must_change)
			cJSON_AddItemToArray(cmds, cJSON_CreateString(k->name));
	yousu__jset(o, "commands", cmds);
	return send_result(h, c, o, NULL);
}

/* A command of the schema: its fields from the query (GET) or the JSON
 * body (POST), authorised, run, answered. */
/* A read that lists complaints (list, ledger, queue) gives a page over
 * the API: API_PAGE rows unless limit says otherwise, at most API_MAX
 * (the whole ledger is GET ledger.csv, made while it is sent). */
static bool
page_limit(const yousu_command *k, cJSON *args, char *err, size_t errlen)
{
	int64_t limit = yousu__jint(args, "limit", 0);

	if (yousu_command_field(k, "limit") == NULL ||
	    (k->flags & YOUSU_C_CHANGES))
		return true;
	if (limit > API_MAX) {
		snprintf(err, errlen,
		    "limit %lld: at most %d rows a page over the API (the "
		    "whole ledger: GET /api/v1/ledger.csv)",
		    (long long) limit, API_MAX);
		return false;
	}
	if (limit <= 0)
		yousu__jset_int(args, "limit", API_PAGE);
	return true;
}

/* GET stats: counted a page each run of the loop (yousu__http_run) while
 * the connection waits; a year of a county's complaints never holds up
 * the link or the other desks. */
static enum MHD_Result
count_stats(yousu_http *h, struct MHD_Connection *c, http_req *r, cJSON **args)
{
	char err[1024] = "";
	yousu_err rv =
	    yousu__stats_open(h->d, *args, &r->stats, err, sizeof err);

	bool done = false;

	cJSON_Delete(*args);
	*args = NULL;
	if (rv != YOUSU_OK)
		return send_error(h, c, rv, err, NULL);
	/* whole days whose figures are kept take a page or less: answered
	 * at once, without waiting for the loop's next run */
	if (yousu__stats_quick(r->stats) &&
	    (rv = yousu__stats_step(r->stats, &done)) == YOUSU_OK && done) {
		cJSON *result = yousu__stats_result(r->stats);

		yousu__stats_close(r->stats);
		r->stats = NULL;
		r->state = 3;
		return send_result(h, c, result, NULL);
	}
	if (done) { /* failed */
		snprintf(err, sizeof err, "stats: %s",
		    yousu_store_errmsg(h->d->store));
		yousu__stats_close(r->stats);
		r->stats = NULL;
		r->state = 3;
		return send_error(h, c, YOUSU_DB, err, NULL);
	}
	r->conn = c;
	r->state = 7;
	r->next = h->counting;
	h->counting = r;
	MHD_suspend_connection(c);
	return MHD_YES;
}

/* A page of a ledger being written to XLSX (the workbook is made at the
 * first, with the ledger's title and columns). */
static yousu_err
xlsx_page(http_req *r, bool *done)
{
	cJSON *page = NULL;
	bool first;
	yousu_err rv = yousu__export_page(r->export, &page, &first);

	*done = true;
	if (rv != YOUSU_OK)
		return rv;
	if (first && page != NULL) { /* its temporary files beside it */
		char dir[sizeof r->xlsx_path], *slash;

		snprintf(dir, sizeof dir, "%s", r->xlsx_path);
		if ((slash = strrchr(dir, '/')) != NULL)
			slash[slash == dir] = '\0';
		r->xlsx = yousu_xlsx_open(r->xlsx_path, dir,
		    yousu__jstr(page, "title"),
		    cJSON_GetObjectItem(page, "columns"));
	}
	if (r->xlsx == NULL || (page != NULL && yousu_xlsx_rows(r->xlsx,
	                                            cJSON_GetObjectItem(page,
	                                                "rows")) != YOUSU_OK)) {
		cJSON_Delete(page);
		return YOUSU_IO;
	}
	cJSON_Delete(page);
	*done = yousu__export_done(r->export);
	return YOUSU_OK;
}

/* The workbook put together off the loop; then back to take_done. */
static void *
zip(void *arg)
{
	http_req *r = arg;
	yousu_http *h = r->zip_h;
	http_req **at;

	r->zip_ok = yousu_xlsx_close(r->xlsx) == YOUSU_OK;
	r->xlsx = NULL;
	pthread_mutex_lock(&h->mu);
	for (at = &h->zipping; *at != r; at = &(*at)->next)
		;
	*at = r->next;
	r->next = h->zipped;
	h->zipped = r;
	(void) !write(h->done_pipe[1], "x", 1);
	pthread_mutex_unlock(&h->mu);
	return NULL;
}

static void
zip_start(yousu_http *h, http_req *r)
{
	yousu__export_close(r->export);
	r->export = NULL;
	r->zip_h = h;
	pthread_mutex_lock(&h->mu);
	r->next = h->zipping;
	h->zipping = r;
	if (pthread_create(&r->zipper, NULL, zip, r) != 0) {
		h->zipping = r->next;
		pthread_mutex_unlock(&h->mu);
		yousu_xlsx_close(r->xlsx);
		r->xlsx = NULL;
		snprintf(r->err, sizeof r->err,
		    "ledger.xlsx: cannot start a thread");
		r->state = 9;
		MHD_resume_connection(r->conn);
		return;
	}
	pthread_mutex_unlock(&h->mu);
}

/* Workbooks put together: their connections resume with the file. */
static void
take_zipped(yousu_http *h)
{
	http_req *r;

	pthread_mutex_lock(&h->mu);
	r = h->zipped;
	h->zipped = NULL;
	pthread_mutex_unlock(&h->mu);
	while (r != NULL) {
		http_req *next = r->next;

		pthread_join(r->zipper, NULL);
		r->next = NULL;
		r->state = r->zip_ok ? 10 : 9;
		if (!r->zip_ok)
			snprintf(r->err, sizeof r->err,
			    "ledger.xlsx: cannot write the workbook");
		MHD_resume_connection(r->conn);
		r = next;
	}
}

/* Pages of the statistics being counted and ledgers being written, in
 * turn, for COUNT_BUDGET_US of the loop at most (one page at least);
 * those done resume. */
static void
count_pages(yousu_http *h)
{
	int64_t t0 = yousu__mono_us();
	int n = 0;

	for (http_req *r = h->counting; r != NULL; r = r->next)
		n++;
	for (int i = 0; i < n && h->counting != NULL; i++) {
		http_req *r = h->counting, **tail;
		bool done = false;
		yousu_err rv;

		if (i > 0 && yousu__mono_us() - t0 >= COUNT_BUDGET_US)
			break;
		h->counting = r->next;
		r->next = NULL;
		rv = r->export != NULL ? xlsx_page(r, &done)
		                       : yousu__stats_step(r->stats, &done);
		if (!done) { /* its next page after the others' */
			for (tail = &h->counting; *tail != NULL;
			     tail = &(*tail)->next)
				;
			*tail = r;
			continue;
		}
		if (r->export != NULL && rv == YOUSU_OK) {
			zip_start(h, r);
			continue;
		}
		if (r->export != NULL) {
			snprintf(r->err, sizeof r->err,
			    "ledger.xlsx: cannot write the workbook (%s)",
			    yousu_store_errmsg(h->d->store));
			r->state = 9;
			MHD_resume_connection(r->conn);
			continue;
		}
		if (rv == YOUSU_OK) {
			r->result = yousu__stats_result(r->stats);
			r->state = 8;
		} else {
			snprintf(r->err, sizeof r->err, "stats: %s",
			    yousu_store_errmsg(h->d->store));
			r->state = 9;
		}
		yousu__stats_close(r->stats);
		r->stats = NULL;
		MHD_resume_connection(r->conn);
	}
}

/* A request's fields for command k, from its JSON body (post) or its
 * query, once the account may use them: a temporary password changed
 * first, then the daemon's authorisation (a refusal audited). NULL with
 * the answer sent in *sent. */
static cJSON *
request_args(yousu_http *h, struct MHD_Connection *c, http_req *r,
    const yousu_command *k, bool post, const yousu_user *u,
    enum MHD_Result *sent)
{
	query_ctx q = {k, NULL, ""};
	char err[1024] = "";
	yousu_err rv;

	if (u->must_change) {
		*sent = send_error(h, c, YOUSU_PERM,
		    "请先修改临时密码 (change the temporary password first: "
		    "POST /api/v1/password)",
		    NULL);
		return NULL;
	}
	if (post) {
		q.args = r->len ? cJSON_ParseWithLength(r->body, r->len)
		                : cJSON_CreateObject();
		if (!cJSON_IsObject(q.args))
			snprintf(q.err, sizeof q.err,
			    "the body must be a JSON object");
	} else {
		q.args = cJSON_CreateObject();
		MHD_get_connection_values(
		    c, MHD_GET_ARGUMENT_KIND, query_member, &q);
	}
	if (q.err[0] != '\0') {
		cJSON_Delete(q.args);
		*sent = send_error(h, c, YOUSU_INVAL, q.err, NULL);
		return NULL;
	}
	if ((rv = yousu__http_authorize(
	         h->d, u, k, q.args, NULL, err, sizeof err)) != YOUSU_OK) {
		audit(h, "refused", u->login, r->addr, err);
		cJSON_Delete(q.args);
		*sent = send_error(h, c, rv, err, NULL);
		return NULL;
	}
	return q.args;
}

/* The steps u may take now on the complaint doc (for the desk's buttons):
 * those its status allows, run at this centre, that u's roles and scope
 * grant, checked against doc as it was just read (not loaded again for
 * each step). Each is still checked when it is taken. */
static cJSON *
actions(yousu_http *h, const yousu_user *u, const cJSON *doc)
{
	const char *status = yousu__jstr(doc, "status");
	cJSON *a = cJSON_CreateArray();
	char err[512];

	for (const yousu_command *k = yousu_commands; k->name; k++) {
		cJSON *args;

		if (!(k->flags & YOUSU_C_WORKFLOW) ||
		    !(k->at & h->d->role->at) || !(k->roles & u->roles) ||
		    !yousu_wf_step_allowed(k->name, status))
			continue;
		args = cJSON_CreateObject();
		yousu__jset_str(args, "id", yousu__jstr(doc, "id"));
		if (yousu__http_authorize(
		        h->d, u, k, args, doc, err, sizeof err) == YOUSU_OK)
			cJSON_AddItemToArray(a, cJSON_CreateString(k->name));
		cJSON_Delete(args);
	}
	return a;
}

static enum MHD_Result
command(yousu_http *h, struct MHD_Connection *c, http_req *r, const char *name,
    bool post, const yousu_user *u)
{
	const yousu_command *k = yousu_command_find(name);
	cJSON *args, *result = NULL;
	char err[1024] = "", actor[256];
	yousu_err rv;
	enum MHD_Result sent;

	if (k == NULL || (k->flags & YOUSU_C_CLIENT))
		return send_error(
		    h, c, YOUSU_NOTFOUND, "no such command", NULL);
	if (post != ((k->flags & YOUSU_C_CHANGES) != 0))
		return send_error(h, c, YOUSU_INVAL,
		    post ? "this command reads: use GET"
		         : "this command changes something: use POST",
		    NULL);
	if ((args = request_args(h, c, r, k, post, u, &sent)) == NULL)
		return sent;
	if (!page_limit(k, args, err, sizeof err)) {
		cJSON_Delete(args);
		return send_error(h, c, YOUSU_LIMIT, err, NULL);
	}
	if (strcmp(name, "stats") == 0)
		return count_stats(h, c, r, &args);
	snprintf(actor, sizeof actor, "%s", u->name);
	h->d->client = r->addr;
	rv = yousu__control_run(
	    h->d, name, actor, u, args, &result, err, sizeof err);
	h->d->client = NULL;
	cJSON_Delete(args);
	if (rv == YOUSU_OK && strcmp(name, "show") == 0)
		yousu__jset(result, "actions", actions(h, u, result));
	if (rv != YOUSU_OK)
		sent = send_error(h, c, rv, err, NULL);
	else
		sent = send_result(h, c, result, NULL);
	return sent;
}

/* --- the desk's files ------------------------------------------------------
 */

static const char *
content_type(const char *path)
{
	static const char *const types[][2] = {{".html", "text/html"},
	    {".js", "text/javascript"}, {".mjs", "text/javascript"},
	    {".css", "text/css"}, {".svg", "image/svg+xml"},
	    {".png", "image/png"}, {".ico", "image/x-icon"},
	    {".json", "application/json"}, {".woff2", "font/woff2"},
	    {".woff", "font/woff"}, {".map", "application/json"}};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return NULL;
}

/* Whether path, with its links followed, stays in the folder that holds
 * root (Debian's libjs packages link /usr/share/javascript/NAME/... to
 * /usr/share/NAME-html/... or /usr/share/nodejs/...). */
static bool
inside_parent(const char *root, const char *path)
{
	char top[PATH_MAX], real[PATH_MAX], *slash;
	size_t n;

	if (realpath(root, top) == NULL || realpath(path, real) == NULL ||
	    (slash = strrchr(top, '/')) == NULL)
		return false;
	*slash = '\0';
	n = strlen(top);
	return n > 0 && strncmp(real, top, n) == 0 && real[n] == '/';
}

/* A file of the desk (folder root, at url), or of Debian's JavaScript
 * libraries under /javascript/ (links = true: Debian's own links, kept
 * within the folder above root): only plain names (a-z A-Z 0-9 . _ - /,
 * no "..", no dot files), regular files, known types. The desk's own
 * folder follows no link. */
static enum MHD_Result
static_file(yousu_http *h, struct MHD_Connection *c, const char *root,
    const char *url, bool links)
{
	char path[PATH_LEN + 256], ctype[64];
	const char *type;
	struct stat sb;
	struct MHD_Response *resp;
	enum MHD_Result rv;
	int fd;

	if (strcmp(url, "/") == 0)
		url = "/index.html";
	if (strstr(url, "..") != NULL || strstr(url, "/.") != NULL ||
	    strspn(url + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW"
	                    "XYZ0123456789._-/") != strlen(url + 1) ||
	    (type = content_type(url)) == NULL ||
	    (size_t) snprintf(path, sizeof path, "%s%s", root, url) >=
	        sizeof path)
		return send_error(h, c, YOUSU_NOTFOUND, "not found", NULL);
	if ((links && !inside_parent(root, path)) ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC | (links ? 0 : O_NOFOLLOW))) <
	        0)
		return send_error(h, c, YOUSU_NOTFOUND, "not found", NULL);
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return send_error(h, c, YOUSU_NOTFOUND, "not found", NULL);
	}
	if ((resp = MHD_create_response_from_fd((uint64_t) sb.st_size, fd)) ==
	    NULL) {
		close(fd);
		return MHD_NO;
	}
	snprintf(ctype, sizeof ctype, "%s%s", type,
	    strncmp(type, "text/", 5) == 0 ? "; charset=utf-8" : "");
	MHD_add_response_header(resp, "Content-Type", ctype);
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	secure_headers(h, resp, false);
	rv = MHD_queue_response(c, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return rv;
}

/* The ledger as CSV, made page by page while it is sent (a million rows
 * are never held at once, and the loop goes on between pages). */
typedef struct {
	yousu__export *x;
	const char *buf;
	size_t len, pos;
} download;

static ssize_t
download_more(void *cls, uint64_t pos, char *out, size_t max)
{
	download *dl = cls;
	size_t n;

	(void) pos;
	while (dl->pos == dl->len) {
		if (yousu__export_next(dl->x, &dl->buf, &dl->len) != YOUSU_OK)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		dl->pos = 0;
		if (dl->len == 0)
			return MHD_CONTENT_READER_END_OF_STREAM;
	}
	n = dl->len - dl->pos < max ? dl->len - dl->pos : max;
	memcpy(out, dl->buf + dl->pos, n);
	dl->pos += n;
	return (ssize_t) n;
}

static void
download_end(void *cls)
{
	download *dl = cls;

	yousu__export_close(dl->x);
	free(dl);
}

/* GET ledger.xlsx: the rows written to a workbook in constant memory, a
 * page each run of the loop while the connection waits; the workbook put
 * together on a thread of its own; then the file is sent (and is gone
 * from the disk already). */
static enum MHD_Result
ledger_xlsx(
    yousu_http *h, struct MHD_Connection *c, http_req *r, yousu__export *x)
{
	char dir[PATH_LEN], *slash;
	int fd;

	if (h->exports >= MAX_EXPORTS) {
		yousu__export_close(x);
		return send_error(h, c, YOUSU_TIMEOUT,
		    "另有台账正在导出，请稍后再试 (other XLSX downloads are "
		    "being "
		    "made: try again shortly)",
		    NULL);
	}
	snprintf(dir, sizeof dir, "%s", h->d->cfg.store);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	snprintf(r->xlsx_path, sizeof r->xlsx_path, "%s/.yousu-ledger-XXXXXX",
	    dir[0] ? dir : "");
	if ((fd = mkstemp(r->xlsx_path)) < 0) {
		r->xlsx_path[0] = '\0';
		yousu__export_close(x);
		return send_error(h, c, YOUSU_IO,
		    "ledger.xlsx: cannot make a file beside the store", NULL);
	}
	close(fd); /* 0600: libxlsxwriter writes it again, keeping the mode */
	h->exports++;
	r->is_export = true;
	r->export = x;
	r->conn = c;
	r->state = 7;
	r->next = h->counting;
	h->counting = r;
	MHD_suspend_connection(c);
	return MHD_YES;
}

/* The workbook made, sent from its file. */
static enum MHD_Result
send_xlsx(yousu_http *h, struct MHD_Connection *c, http_req *r)
{
	int fd = open(r->xlsx_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct MHD_Response *resp;
	struct stat sb;
	enum MHD_Result sent;

	unlink(r->xlsx_path);
	r->xlsx_path[0] = '\0';
	if (fd < 0 || fstat(fd, &sb) != 0) {
		if (fd >= 0)
			close(fd);
		return send_error(
		    h, c, YOUSU_IO, "ledger.xlsx: the workbook is gone", NULL);
	}
	if ((resp = MHD_create_response_from_fd64((uint64_t) sb.st_size, fd)) ==
	    NULL) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type",
	    "application/"
	    "vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	MHD_add_response_header(resp, "Content-Disposition",
	    "attachment; filename=\"ledger.xlsx\"");
	secure_headers(h, resp, true);
	sent = MHD_queue_response(c, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return sent;
}

static enum MHD_Result
ledger_download(yousu_http *h, struct MHD_Connection *c, http_req *r,
    const yousu_user *u, bool xlsx)
{
	const yousu_command *k = yousu_command_find("ledger");
	struct MHD_Response *resp;
	cJSON *args, *own = NULL;
	yousu__export *x = NULL;
	download *dl;
	char err[1024] = "";
	yousu_err rv;
	enum MHD_Result sent;

	if ((args = request_args(h, c, r, k, false, u, &sent)) == NULL)
		return sent;
	rv = yousu_command_args(k, args, &own, err, sizeof err);
	cJSON_Delete(args);
	if (rv == YOUSU_OK)
		rv = yousu__export_open(h->d, own, &x, err, sizeof err);
	cJSON_Delete(own);
	if (rv != YOUSU_OK)
		return send_error(h, c, rv, err, NULL);
	if (xlsx)
		return ledger_xlsx(h, c, r, x);
	if ((dl = calloc(1, sizeof *dl)) == NULL) {
		yousu__export_close(x);
		return send_error(h, c, YOUSU_NOMEM, "out of memory", NULL);
	}
	dl->x = x;
	resp = MHD_create_response_from_callback(
	    MHD_SIZE_UNKNOWN, 64 * 1024, download_more, dl, download_end);
	if (resp == NULL) {
		download_end(dl);
		return MHD_NO;
	}
	MHD_add_response_header(
	    resp, "Content-Type", "text/csv; charset=utf-8");
	MHD_add_response_header(
	    resp, "Content-Disposition", "attachment; filename=\"ledger.csv\"");
	secure_headers(h, resp, true);
	sent = MHD_queue_response(c, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return sent;
}

static enum MHD_Result
route(yousu_http *h, struct MHD_Connection *c, http_req *r, const char *url,
    bool post)
{
	static const char api[] = "/api/v1/";
	yousu_user u;
	session *s;
	enum MHD_Result sent = MHD_NO;
	char cookie[256];

	if (strcmp(url, "/api/v1/openapi.json") == 0 && !post) {
		cJSON *doc = yousu__http_openapi(h->d);
		char *text = yousu__json_print(doc);

		cJSON_Delete(doc);
		sent = send_text(h, c, MHD_HTTP_OK,
		    "application/json; charset=utf-8", text ? text : "{}",
		    text ? strlen(text) : 2, NULL);
		free(text);
		return sent;
	}
	if (strcmp(url, "/api/v1/login") == 0)
		return post ? login_start(h, c, r)
		            : send_error(h, c, YOUSU_INVAL, "use POST", NULL);
	if (strncmp(url, "/javascript/", 12) == 0 && !post)
		return static_file(h, c, h->d->cfg.http_js, url + 11, true);
	if (strncmp(url, api, sizeof api - 1) != 0 && !post &&
	    h->d->cfg.http_desk[0])
		return static_file(h, c, h->d->cfg.http_desk, url, false);
	if (strncmp(url, api, sizeof api - 1) != 0)
		return send_error(h, c, YOUSU_NOTFOUND, "not found", NULL);
	if ((s = authenticate(h, c, r, post, &u, &sent)) == NULL)
		return sent;
	url += sizeof api - 1;
	if (strcmp(url, "me") == 0 && !post)
		sent = me(h, c, s, &u);
	else if (strcmp(url, "ledger.csv") == 0 && !post)
		sent = ledger_download(h, c, r, &u, false);
	else if (strcmp(url, "ledger.xlsx") == 0 && !post)
		sent = ledger_download(h, c, r, &u, true);
	else if (strcmp(url, "password") == 0 && post)
		sent = password_start(h, c, r, &u);
	else if (strcmp(url, "logout") == 0 && post) {
		audit(h, "logout", u.login, r->addr, NULL);
		sodium_memzero(s, sizeof *s);
		cookie_for(h, "", 0, cookie, sizeof cookie);
		sent = send_result(h, c, cJSON_CreateObject(), cookie);
	} else if (strcmp(url, "logout-all") == 0 && post) {
		int n = sessions_end(h, u.login, NULL);
		char detail[64];

		snprintf(detail, sizeof detail, "%d session(s) ended", n);
		audit(h, "logout_all", u.login, r->addr, detail);
		cookie_for(h, "", 0, cookie, sizeof cookie);
		sent = send_result(h, c, cJSON_CreateObject(), cookie);
	} else {
		sent = command(h, c, r, url, post, &u);
	}
	yousu_user_clear(&u);
	return sent;
}

/* route, and a request that held the loop up is logged: its path only
 * (the query may hold a name). */
static enum MHD_Result
timed_route(yousu_http *h, struct MHD_Connection *c, http_req *r,
    const char *url, bool post)
{
	int64_t t0 = yousu__mono_us(), ms;
	enum MHD_Result rv = route(h, c, r, url, post);

	ms = (yousu__mono_us() - t0) / 1000;
	if (ms >= SLOW_REQUEST_MS)
		yousu_log("HTTP-SLOW %s %.100s took %lld ms",
		    post ? "POST" : "GET", url, (long long) ms);
	return rv;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **req_cls)
{
	yousu_http *h = cls;
	http_req *r = *req_cls;
	bool post = strcmp(method, MHD_HTTP_METHOD_POST) == 0;

	(void) version;
	if (r == NULL) {
		if ((r = calloc(1, sizeof *r)) == NULL)
			return MHD_NO;
		client_addr(c, r->addr, sizeof r->addr);
		*req_cls = r;
		return MHD_YES;
	}
	if (*upload_size > 0) { /* a piece of the body */
		if (r->len + *upload_size > MAX_BODY)
			r->too_big = true;
		if (!r->too_big) {
			if (r->len + *upload_size + 1 > r->cap) {
				size_t cap = (r->len + *upload_size) * 2 + 1;
				char *b = realloc(r->body, cap);

				if (b == NULL)
					return MHD_NO;
				r->body = b;
				r->cap = cap;
			}
			memcpy(r->body + r->len, upload, *upload_size);
			r->len += *upload_size;
			r->body[r->len] = '\0';
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->state == 1 || r->state == 7)
		return MHD_YES; /* still with the worker, or counting */
	if (r->state == 10) {
		r->state = 3;
		return send_xlsx(h, c, r);
	}
	if (r->state == 8 || r->state == 9) {
		cJSON *result = r->result;

		r->result = NULL;
		r->state = 3;
		return result != NULL
		           ? send_result(h, c, result, NULL)
		           : send_error(h, c, YOUSU_DB, r->err, NULL);
	}
	if (r->state == 2) {
		r->state = 3;
		return strcmp(url, "/api/v1/login") == 0
		           ? login_finish(h, c, r)
		           : password_finish(h, c, r);
	}
	if (r->too_big)
		return send_error(h, c, YOUSU_LIMIT,
		    "request body too large (at most 4 MiB)", NULL);
	if (!post && strcmp(method, MHD_HTTP_METHOD_GET) != 0)
		return send_error(h, c, YOUSU_INVAL, "use GET or POST", NULL);
	return timed_route(h, c, r, url, post);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **req_cls,
    enum MHD_RequestTerminationCode why)
{
	http_req *r = *req_cls;

	(void) c, (void) why;
	if (r == NULL)
		return;
	yousu__stats_close(r->stats);
	cJSON_Delete(r->result);
	if (r->is_export) {
		yousu__export_close(r->export);
		if (r->xlsx != NULL) /* not put together: only freed */
			yousu_xlsx_close(r->xlsx);
		if (r->xlsx_path[0] != '\0')
			unlink(r->xlsx_path);
		((yousu_http *) cls)->exports--;
	}
	if (r->body != NULL) {
		sodium_memzero(r->body, r->len);
		free(r->body);
	}
	sodium_memzero(r, sizeof *r);
	free(r);
	*req_cls = NULL;
}

/* Jobs the worker finished: their connections resume. */
static void
take_done(yousu_http *h)
{
	char buf[64];
	job *j;

	while (read(h->done_pipe[0], buf, sizeof buf) > 0)
		;
	pthread_mutex_lock(&h->mu);
	j = h->done;
	h->done = NULL;
	pthread_mutex_unlock(&h->mu);
	while (j != NULL) {
		job *next = j->next;

		j->req->state = 2;
		MHD_resume_connection(j->conn);
		j = next;
	}
	take_zipped(h);
}

/* --- opening ------------------------------------------------------------ */

/* The whole of a PEM file; for a key, its mode checked as a link key's
 * (no access for others; the group only with [store] group). NULL, with
 * the reason in err, when it cannot be had. */
static char *
read_pem(
    const daemon_t *d, const char *path, bool key, char *err, size_t errlen)
{
	struct stat sb;
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	long n;

	if (f == NULL || fstat(fileno(f), &sb) != 0) {
		snprintf(err, errlen, "[http] %s: %s", path, strerror(errno));
		goto out;
	}
	if (key && (sb.st_mode & 077) &&
	    !((sb.st_mode & 077) == 040 && d->cfg.store_group[0] &&
	        sb.st_gid == d->cfg.store_gid)) {
		snprintf(err, errlen,
		    "[http] key %s is readable by others (mode %04o): chmod "
		    "600 %s",
		    path, (unsigned) (sb.st_mode & 07777), path);
		goto out;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > 1 << 20 ||
	    fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = calloc(1, (size_t) n + 1)) == NULL ||
	    fread(buf, 1, (size_t) n, f) != (size_t) n) {
		snprintf(err, errlen, "[http] cannot read %s", path);
		free(buf);
		buf = NULL;
	}
out:
	if (f != NULL)
		fclose(f);
	return buf;
}

/* --- the certificate --------------------------------------------------------
 * GnuTLS asks for the certificate at each handshake
 * (MHD_OPTION_HTTPS_CERT_CALLBACK), so a reload swaps it without closing
 * the listener or ending a session. libmicrohttpd gives that callback no
 * argument of ours: the certificate in use is the process's (one daemon
 * per process). One replaced may still be in a handshake: it is kept
 * until the API closes. */
typedef struct tls_cred {
	gnutls_pcert_st pcert[8];
	unsigned n;
	gnutls_privkey_t key;
	time_t expires;
	struct tls_cred *older;
} tls_cred;

static tls_cred *tls_current;

static void
tls_free(tls_cred *c)
{
	while (c != NULL) {
		tls_cred *o = c->older;

		for (unsigned i = 0; i < c->n; i++)
			gnutls_pcert_deinit(&c->pcert[i]);
		if (c->key != NULL)
			gnutls_privkey_deinit(c->key);
		free(c);
		c = o;
	}
}

/* The key's public half and the first certificate's, the same? */
static bool
tls_pair(tls_cred *c)
{
	gnutls_pubkey_t pub = NULL;
	unsigned char a[64], b[64];
	size_t la = sizeof a, lb = sizeof b;
	bool same =
	    gnutls_pubkey_init(&pub) >= 0 &&
	    gnutls_pubkey_import_privkey(pub, c->key, 0, 0) >= 0 &&
	    gnutls_pubkey_get_key_id(pub, 0, a, &la) >= 0 &&
	    gnutls_pubkey_get_key_id(c->pcert[0].pubkey, 0, b, &lb) >= 0 &&
	    la == lb && memcmp(a, b, la) == 0;

	if (pub != NULL)
		gnutls_pubkey_deinit(pub);
	return same;
}

static time_t
tls_expiry(const tls_cred *c)
{
	gnutls_x509_crt_t crt;
	time_t t = 0;

	if (gnutls_x509_crt_init(&crt) < 0)
		return 0;
	if (gnutls_x509_crt_import(
	        crt, &c->pcert[0].cert, GNUTLS_X509_FMT_DER) >= 0)
		t = gnutls_x509_crt_get_expiration_time(crt);
	gnutls_x509_crt_deinit(crt);
	return t;
}

/* The certificate chain and key of the PEM files cert and key. */
static tls_cred *
tls_load(const daemon_t *d, const char *cert, const char *key, char *err,
    size_t errlen)
{
	tls_cred *c = calloc(1, sizeof *c);
	char *cp = read_pem(d, cert, false, err, errlen), *kp = NULL;
	gnutls_datum_t cd, kd;
	int rc;

	if (c == NULL || cp == NULL ||
	    (kp = read_pem(d, key, true, err, errlen)) == NULL)
		goto fail;
	cd = (gnutls_datum_t){(unsigned char *) cp, (unsigned) strlen(cp)};
	kd = (gnutls_datum_t){(unsigned char *) kp, (unsigned) strlen(kp)};
	c->n = 8;
	if ((rc = gnutls_pcert_list_import_x509_raw(
	         c->pcert, &c->n, &cd, GNUTLS_X509_FMT_PEM, 0)) < 0) {
		c->n = 0;
		snprintf(err, errlen, "[http] tls_cert %s: %s", cert,
		    gnutls_strerror(rc));
		goto fail;
	}
	if ((rc = gnutls_privkey_init(&c->key)) < 0 ||
	    (rc = gnutls_privkey_import_x509_raw(
	         c->key, &kd, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0) {
		snprintf(err, errlen, "[http] tls_key %s: %s", key,
		    gnutls_strerror(rc));
		goto fail;
	}
	if (!tls_pair(c)) {
		snprintf(err, errlen,
		    "[http] the certificate %s and the key %s do not go "
		    "together",
		    cert, key);
		goto fail;
	}
	c->expires = tls_expiry(c);
	sodium_memzero(kp, strlen(kp));
	free(kp);
	free(cp);
	return c;
fail:
	if (kp != NULL)
		sodium_memzero(kp, strlen(kp));
	free(kp);
	free(cp);
	tls_free(c);
	return NULL;
}

static int
tls_pick(gnutls_session_t s, const gnutls_datum_t *req_ca_dn, int nreqs,
    const gnutls_pk_algorithm_t *algos, int nalgos, gnutls_pcert_st **pcert,
    unsigned int *n, gnutls_privkey_t *key)
{
	(void) s, (void) req_ca_dn, (void) nreqs, (void) algos, (void) nalgos;
	if (tls_current == NULL)
		return -1;
	*pcert = tls_current->pcert;
	*n = tls_current->n;
	*key = tls_current->key;
	return 0;
}

static void
tls_log_expiry(const tls_cred *c, const char *cert)
{
	char when[32] = "?";
	struct tm tm;

	if (c->expires > 0 && gmtime_r(&c->expires, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d", &tm);
	yousu_log("desk certificate %s, valid until %s", cert, when);
}

yousu_err
yousu__http_reload_tls(
    daemon_t *d, const char *cert, const char *key, char *err, size_t errlen)
{
	tls_cred *c;

	if (d->http == NULL || !d->http->tls)
		return YOUSU_OK;
	if ((c = tls_load(d, cert, key, err, errlen)) == NULL)
		return YOUSU_CONFIG;
	c->older = tls_current;
	tls_current = c;
	tls_log_expiry(c, cert);
	return YOUSU_OK;
}

static void
mhd_log(void *cls, const char *fm, va_list ap)
{
	char msg[512];

	(void) cls;
	vsnprintf(msg, sizeof msg, fm, ap);
	msg[strcspn(msg, "\n")] = '\0';
	yousu_log("HTTP %s", msg);
}

int
yousu__http_open(daemon_t *d)
{
	struct sockaddr_storage ss;
	char msg[256];
	yousu_http *h;
	unsigned flags =
	    MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *info;

	if (d->cfg.http_listen[0] == '\0')
		return 0;
	yousu__http_parse_addr(d->cfg.http_listen, &ss, msg, sizeof msg);
	if (!d->cfg.http_cert[0] != !d->cfg.http_key[0]) {
		fprintf(stderr,
		    "yousu-%s: %s: [http] needs both tls_cert and "
		    "tls_key, or neither\n",
		    d->role->name, d->cfg.path);
		return 1;
	}
	if (!d->cfg.http_cert[0] && !yousu__http_loopback(&ss)) {
		fprintf(stderr,
		    "yousu-%s: %s: [http] listen %s: plain HTTP only on a "
		    "loopback address (for a reverse proxy); give tls_cert "
		    "and tls_key\n",
		    d->role->name, d->cfg.path, d->cfg.http_listen);
		return 1;
	}
	if ((h = calloc(1, sizeof *h)) == NULL ||
	    (h->sessions = calloc(MAX_SESSIONS, sizeof *h->sessions)) == NULL ||
	    (h->throttled = calloc(MAX_THROTTLED, sizeof *h->throttled)) ==
	        NULL)
		goto fail;
	h->d = d;
	d->http = h;
	h->done_pipe[0] = h->done_pipe[1] = -1;
	if (d->cfg.http_cert[0]) {
		tls_free(tls_current);
		if ((tls_current = tls_load(d, d->cfg.http_cert,
		         d->cfg.http_key, msg, sizeof msg)) == NULL) {
			fprintf(stderr, "yousu-%s: %s\n", d->role->name, msg);
			goto fail;
		}
		tls_log_expiry(tls_current, d->cfg.http_cert);
		h->tls = true;
		flags |= MHD_USE_TLS;
	}
	/* an unknown login is checked against this, as long as a real one */
	if (yousu_password_hash("yousu-no-such-account", d->dummy_hash) !=
	        YOUSU_OK ||
	    pipe2(h->done_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
		goto fail;
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->cv, NULL);
	if (pthread_create(&h->worker, NULL, work, h) != 0)
		goto fail;
	h->worker_up = true;
	h->mhd = MHD_start_daemon(flags, 0, NULL, NULL, on_request, h,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, h, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *) &ss, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
	    h, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned) 30,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned) 512,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned) 64,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t) 64 * 1024,
	    h->tls ? MHD_OPTION_HTTPS_CERT_CALLBACK : MHD_OPTION_END, tls_pick,
	    MHD_OPTION_END);
	if (h->mhd == NULL) {
		fprintf(stderr, "yousu-%s: [http] cannot listen on %s%s\n",
		    d->role->name, d->cfg.http_listen,
		    h->tls ? " (or the certificate and key do not go together)"
		           : "");
		goto fail;
	}
	info = MHD_get_daemon_info(h->mhd, MHD_DAEMON_INFO_EPOLL_FD);
	h->epoll_fd = info ? info->epoll_fd : -1;
	yousu_log("desk API on %s://%s", h->tls ? "https" : "http",
	    d->cfg.http_listen);
	return 0;
fail:
	yousu__http_close(d);
	return 1;
}

void
yousu__http_close(daemon_t *d)
{
	yousu_http *h = d->http;

	if (h == NULL)
		return;
	if (h->worker_up) { /* workbooks being put together are waited for */
		pthread_mutex_lock(&h->mu);
		while (h->zipping != NULL) {
			pthread_mutex_unlock(&h->mu);
			nap_ms(10);
			pthread_mutex_lock(&h->mu);
		}
		pthread_mutex_unlock(&h->mu);
		take_zipped(h);
	}
	while (h->counting != NULL) { /* resumed, to be closed */
		http_req *r = h->counting;

		h->counting = r->next;
		snprintf(
		    r->err, sizeof r->err, "stats: the daemon is stopping");
		r->state = 9;
		MHD_resume_connection(r->conn);
	}
	if (h->mhd != NULL)
		MHD_stop_daemon(h->mhd);
	if (h->worker_up) {
		pthread_mutex_lock(&h->mu);
		h->stop = true;
		pthread_cond_signal(&h->cv);
		pthread_mutex_unlock(&h->mu);
		pthread_join(h->worker, NULL);
	}
	for (job *j = h->todo, *n; j != NULL; j = n) {
		n = j->next;
		free(j);
	}
	for (job *j = h->done, *n; j != NULL; j = n) {
		n = j->next;
		free(j);
	}
	if (h->done_pipe[0] >= 0)
		close(h->done_pipe[0]), close(h->done_pipe[1]);
	if (h->sessions != NULL)
		sodium_memzero(h->sessions, MAX_SESSIONS * sizeof *h->sessions);
	free(h->sessions);
	free(h->throttled);
	tls_free(tls_current);
	tls_current = NULL;
	free(h);
	d->http = NULL;
}

int
yousu__http_pollfds(daemon_t *d, struct pollfd *fds)
{
	yousu_http *h = d->http;

	if (h == NULL)
		return 0;
	fds[0] = (struct pollfd){h->epoll_fd, POLLIN, 0};
	fds[1] = (struct pollfd){h->done_pipe[0], POLLIN, 0};
	return 2;
}

int
yousu__http_run(daemon_t *d, int wait)
{
	yousu_http *h = d->http;
	MHD_UNSIGNED_LONG_LONG t;

	if (h == NULL)
		return wait;
	take_done(h);
	/* the requests waiting get their turn before the statistics' pages
	 * and after them: one waits for the link's step or the pages' turn,
	 * not both */
	MHD_run(h->mhd);
	if (h->counting != NULL) {
		count_pages(h);
		MHD_run(h->mhd);
	}
	if (h->counting != NULL)
		wait = 0; /* more pages to count */
	if (MHD_get_timeout(h->mhd, &t) == MHD_YES && (int64_t) t < wait)
		wait = (int) t;
	return wait;
}
