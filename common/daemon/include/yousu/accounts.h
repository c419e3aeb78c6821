/* yousu — staff accounts and the audit log of a centre, in its own store
 * (never replicated). An account is a login name, a display name, staff
 * roles (YOUSU_ROLE_* of yousu/commands.h), an optional scope (the
 * departments a 部门 user acts for; the townships a county user acts
 * for), a state (active, locked, disabled) and an Argon2id password hash
 * (libsodium crypto_pwhash_str). The administrator makes accounts and
 * resets passwords with yousuctl on the daemon's machine: a reset gives a
 * new temporary password, shown once, which the user must change at the
 * next login. */
#ifndef YOUSU_ACCOUNTS_H
#define YOUSU_ACCOUNTS_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/err.h"
#include "yousu/store.h"

#define YOUSU_LOGIN_MAX         32 /* bytes of a login name */
#define YOUSU_PASSWORD_MIN      10 /* characters of a password */
#define YOUSU_PASSWORD_MAX      256
#define YOUSU_TEMP_PASSWORD_LEN 16

/* An account as the daemon uses it. */
typedef struct yousu_user {
	char login[YOUSU_LOGIN_MAX + 1];
	char name[161];
	unsigned roles;
	cJSON *depts;   /* department codes (a list), or NULL: every one */
	cJSON *centres; /* centre codes (a list), or NULL: every one */
	char state[16]; /* "active", "locked", "disabled" */
	bool must_change;
	int failures; /* failed logins since the last good one */
	char hash[128];
} yousu_user;

/* yousu_login_ok: 2..32 of a-z 0-9 . _ -, starting with a letter. */
bool yousu_login_ok(const char *login);

/* yousu_password_problem: why password is not allowed for login (fewer
 * than 10 characters, the login name itself, not UTF-8 text on one
 * line), or NULL when it is. */
const char *yousu_password_problem(const char *login, const char *password);

/* yousu_password_hash: password hashed with Argon2id (interactive
 * limits; slow on purpose: not on the daemon's loop for logins).
 * YOUSU_NOMEM when libsodium cannot. */
yousu_err yousu_password_hash(const char *password, char out[128]);

/* yousu_password_verify: whether password matches hash. */
bool yousu_password_verify(const char *hash, const char *password);

/* yousu_roles_parse reads a list of role codes or Chinese names
 * ("window,督办") into *roles; YOUSU_INVAL naming the unknown one. */
yousu_err yousu_roles_parse(
    const cJSON *list, unsigned *roles, char *err, size_t errlen);

/* yousu_roles_json: the roles as a list of codes (the caller's). */
cJSON *yousu_roles_json(unsigned roles);

/* yousu_user_load: the account login into *u (yousu_user_clear frees
 * its lists). YOUSU_NOTFOUND when there is none. */
yousu_err yousu_user_load(yousu_store *st, const char *login, yousu_user *u);
void yousu_user_clear(yousu_user *u);

/* yousu_user_add makes an account with a temporary password (written to
 * temp, YOUSU_TEMP_PASSWORD_LEN + 1 bytes) that must be changed at the
 * first login. YOUSU_EXISTS when the login is taken. In the caller's
 * transaction. */
yousu_err yousu_user_add(yousu_store *st, const yousu_user *u, int64_t now,
    char *temp, char *err, size_t errlen);

/* yousu_user_reset gives login a new temporary password (into temp) and
 * makes it active again with no failures; it must be changed at the next
 * login. */
yousu_err yousu_user_reset(yousu_store *st, const char *login, int64_t now,
    char *temp, char *err, size_t errlen);

/* yousu_user_set_password stores a new hash for login (its own change:
 * must_change cleared). */
yousu_err yousu_user_set_password(
    yousu_store *st, const char *login, const char *hash, int64_t now);

/* yousu_user_set_state: "active" (failures cleared), "locked" or
 * "disabled". */
yousu_err yousu_user_set_state(
    yousu_store *st, const char *login, const char *state, int64_t now);

/* yousu_user_failure counts a failed login; at max failures the account
 * locks (returns true then). yousu_user_success clears the count. */
bool yousu_user_failure(yousu_store *st, const char *login, int max);
void yousu_user_success(yousu_store *st, const char *login);

/* yousu_user_json: an account for people (no hash); the caller's. */
cJSON *yousu_user_json(const yousu_user *u);

/* yousu_users_list: every account, by login. */
yousu_err yousu_users_list(yousu_store *st, cJSON **out);

/* yousu_audit appends to the audit log: what happened (a code:
 * "login", "login_failed", "locked", "logout", "refused", "user.add"
 * ...), to or by whom (login, may be NULL), from where (addr, may be
 * NULL) and the detail. Never a password or a token. Its own write (in
 * the caller's transaction when one is open). */
yousu_err yousu_audit(yousu_store *st, int64_t now, const char *what,
    const char *login, const char *addr, const char *detail);

/* yousu_audit_list: the newest entries first, at most limit, of login
 * when not NULL. */
yousu_err yousu_audit_list(
    yousu_store *st, const char *login, int limit, cJSON **out);

#endif
