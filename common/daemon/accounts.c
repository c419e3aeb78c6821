/* Staff accounts and the audit log (yousu/accounts.h). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/accounts.h"
#include "yousu/commands.h"
#include "yousu/json.h"
#include "yousu/store_ext.h"
#include "yousu/utf8.h"

bool
yousu_login_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n >= 2 && n <= YOUSU_LOGIN_MAX && s[0] >= 'a' && s[0] <= 'z' &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

const char *
yousu_password_problem(const char *login, const char *pw)
{
	size_t n = pw ? strlen(pw) : 0;
	long chars = pw ? yousu_text_chars_n(pw, n, false) : 0;

	if (pw == NULL || chars < 0)
		return "it is not UTF-8 text on one line";
	if (n > YOUSU_PASSWORD_MAX)
		return "it is longer than 256 bytes";
	if (chars < YOUSU_PASSWORD_MIN)
		return "it has fewer than 10 characters";
	if (login != NULL && strcasecmp(pw, login) == 0)
		return "it is the login name";
	return NULL;
}

yousu_err
yousu_password_hash(const char *pw, char out[128])
{
	if (sodium_init() < 0 || crypto_pwhash_str(out, pw, strlen(pw),
	                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                             crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return YOUSU_NOMEM;
	return YOUSU_OK;
}

bool
yousu_password_verify(const char *hash, const char *pw)
{
	return hash != NULL && pw != NULL &&
	       crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

/* A temporary password: 16 characters without look-alikes (0 O 1 l I). */
static void
temp_password(char *out)
{
	static const char alphabet[] =
	    "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	for (int i = 0; i < YOUSU_TEMP_PASSWORD_LEN; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[YOUSU_TEMP_PASSWORD_LEN] = '\0';
}

/* --- roles ------------------------------------------------------------ */

yousu_err
yousu_roles_parse(const cJSON *list, unsigned *roles, char *err, size_t errlen)
{
	const cJSON *v;
	char known[256] = "";
	size_t off = 0;

	*roles = 0;
	cJSON_ArrayForEach (v, list) {
		unsigned r = 0;

		for (unsigned bit = 1; yousu_command_role_code(bit); bit <<= 1)
			if (strcmp(v->valuestring,
			        yousu_command_role_code(bit)) == 0 ||
			    strcmp(v->valuestring,
			        yousu_command_role_name(bit)) == 0)
				r = bit;
		if (r == 0) {
			for (unsigned bit = 1; yousu_command_role_code(bit);
			     bit <<= 1)
				off += (size_t) snprintf(known + off,
				    sizeof known - off, "%s%s %s",
				    off ? ", " : "",
				    yousu_command_role_code(bit),
				    yousu_command_role_name(bit));
			return yousu_errorf(err, errlen, YOUSU_INVAL,
			    "unknown role '%s' (one of: %s)", v->valuestring,
			    known);
		}
		*roles |= r;
	}
	if (*roles == 0)
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "an account needs at least one role");
	return YOUSU_OK;
}

cJSON *
yousu_roles_json(unsigned roles)
{
	cJSON *a = cJSON_CreateArray();

	for (unsigned bit = 1; yousu_command_role_code(bit); bit <<= 1)
		if (roles & bit)
			cJSON_AddItemToArray(a,
			    cJSON_CreateString(yousu_command_role_code(bit)));
	return a;
}

/* --- the users table --------------------------------------------------- */

static sqlite3_stmt *
prepare(yousu_store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(yousu_store_sqlite(st), sql, -1, &s, NULL) !=
	    SQLITE_OK) {
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

static const char *
text(sqlite3_stmt *s, int i)
{
	const char *t = (const char *) sqlite3_column_text(s, i);

	return t ? t : "";
}

static cJSON *
list_of(sqlite3_stmt *s, int i)
{
	const char *t = (const char *) sqlite3_column_text(s, i);

	return t ? cJSON_Parse(t) : NULL;
}

yousu_err
yousu_user_load(yousu_store *st, const char *login, yousu_user *u)
{
	sqlite3_stmt *s = prepare(st, "SELECT login, name, roles, depts,"
	                              " centres, state, must_change, failures,"
	                              " hash FROM users WHERE login = ?1");
	yousu_err rv = YOUSU_NOTFOUND;

	memset(u, 0, sizeof *u);
	if (s == NULL)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(u->login, sizeof u->login, "%s", text(s, 0));
		snprintf(u->name, sizeof u->name, "%s", text(s, 1));
		u->roles = (unsigned) sqlite3_column_int64(s, 2);
		u->depts = list_of(s, 3);
		u->centres = list_of(s, 4);
		snprintf(u->state, sizeof u->state, "%s", text(s, 5));
		u->must_change = sqlite3_column_int(s, 6) != 0;
		u->failures = sqlite3_column_int(s, 7);
		snprintf(u->hash, sizeof u->hash, "%s", text(s, 8));
		rv = YOUSU_OK;
	}
	sqlite3_finalize(s);
	return rv;
}

void
yousu_user_clear(yousu_user *u)
{
	cJSON_Delete(u->depts);
	cJSON_Delete(u->centres);
	sodium_memzero(u, sizeof *u);
}

/* Binds list v (or NULL) as JSON text. */
static void
bind_list(sqlite3_stmt *s, int i, const cJSON *v)
{
	char *t = v ? cJSON_PrintUnformatted(v) : NULL;

	if (t != NULL)
		sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
	free(t);
}

yousu_err
yousu_user_add(yousu_store *st, const yousu_user *u, int64_t now, char *temp,
    char *err, size_t errlen)
{
	sqlite3_stmt *s;
	char hash[128];
	int rc;

	if (!yousu_login_ok(u->login))
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "login '%s' must be 2-32 of a-z 0-9 . _ -, starting with a "
		    "letter",
		    u->login);
	temp_password(temp);
	if (yousu_password_hash(temp, hash) != YOUSU_OK)
		return yousu_errorf(
		    err, errlen, YOUSU_NOMEM, "hashing the password failed");
	s = prepare(st, "INSERT INTO users(login, name, roles, depts, centres,"
	                " state, must_change, failures, hash, created_at,"
	                " changed_at) VALUES (?1, ?2, ?3, ?4, ?5, 'active', 1,"
	                " 0, ?6, ?7, ?7)");
	if (s == NULL)
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", yousu_store_errmsg(st));
	sqlite3_bind_text(s, 1, u->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, u->roles);
	bind_list(s, 4, u->depts);
	bind_list(s, 5, u->centres);
	sqlite3_bind_text(s, 6, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, now);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	sodium_memzero(hash, sizeof hash);
	if (rc == SQLITE_CONSTRAINT)
		return yousu_errorf(err, errlen, YOUSU_EXISTS,
		    "there is an account '%s' already", u->login);
	if (rc != SQLITE_DONE)
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", yousu_store_errmsg(st));
	return YOUSU_OK;
}

/* UPDATE users SET <set> WHERE login = ?1, with ?2 = now and text a as
 * ?3; YOUSU_NOTFOUND when there is no such account. */
static yousu_err
update(yousu_store *st, const char *set, const char *login, int64_t now,
    const char *a)
{
	char sql[256];
	sqlite3_stmt *s;
	int rc;

	snprintf(sql, sizeof sql, "UPDATE users SET %s WHERE login = ?1", set);
	if ((s = prepare(st, sql)) == NULL)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_int64(s, 2, now);
	if (sqlite3_bind_parameter_count(s) >= 3)
		sqlite3_bind_text(s, 3, a, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return YOUSU_DB;
	return sqlite3_changes(yousu_store_sqlite(st)) == 1 ? YOUSU_OK
	                                                    : YOUSU_NOTFOUND;
}

yousu_err
yousu_user_reset(yousu_store *st, const char *login, int64_t now, char *temp,
    char *err, size_t errlen)
{
	char hash[128];
	yousu_err rv;

	temp_password(temp);
	if (yousu_password_hash(temp, hash) != YOUSU_OK)
		return yousu_errorf(
		    err, errlen, YOUSU_NOMEM, "hashing the password failed");
	rv = update(st,
	    "hash = ?3, must_change = 1, failures = 0, changed_at = ?2,"
	    " state = CASE state WHEN 'locked' THEN 'active' ELSE state END",
	    login, now, hash);
	sodium_memzero(hash, sizeof hash);
	if (rv == YOUSU_NOTFOUND)
		return yousu_errorf(
		    err, errlen, rv, "there is no account '%s'", login);
	if (rv != YOUSU_OK)
		return yousu_errorf(
		    err, errlen, rv, "store: %s", yousu_store_errmsg(st));
	return YOUSU_OK;
}

yousu_err
yousu_user_set_password(
    yousu_store *st, const char *login, const char *hash, int64_t now)
{
	return update(st, "hash = ?3, must_change = 0, changed_at = ?2", login,
	    now, hash);
}

yousu_err
yousu_user_set_state(
    yousu_store *st, const char *login, const char *state, int64_t now)
{
	return update(st,
	    strcmp(state, "active") == 0
	        ? "state = ?3, failures = 0, changed_at = ?2"
	        : "state = ?3, changed_at = ?2",
	    login, now, state);
}

bool
yousu_user_failure(yousu_store *st, const char *login, int max)
{
	yousu_user u;
	bool locked = false;

	update(st, "failures = failures + 1", login, 0, NULL);
	if (yousu_user_load(st, login, &u) == YOUSU_OK && u.failures >= max &&
	    strcmp(u.state, "active") == 0) {
		update(st, "state = 'locked'", login, 0, NULL);
		locked = true;
	}
	yousu_user_clear(&u);
	return locked;
}

void
yousu_user_success(yousu_store *st, const char *login)
{
	update(st, "failures = 0", login, 0, NULL);
}

cJSON *
yousu_user_json(const yousu_user *u)
{
	cJSON *o = cJSON_CreateObject();

	yousu__jset_str(o, "login", u->login);
	yousu__jset_str(o, "name", u->name);
	yousu__jset(o, "roles", yousu_roles_json(u->roles));
	yousu__jset(o, "depts",
	    u->depts ? cJSON_Duplicate(u->depts, 1) : cJSON_CreateNull());
	yousu__jset(o, "centres",
	    u->centres ? cJSON_Duplicate(u->centres, 1) : cJSON_CreateNull());
	yousu__jset_str(o, "state", u->state);
	yousu__jset_bool(o, "must_change", u->must_change);
	yousu__jset_int(o, "failures", u->failures);
	return o;
}

yousu_err
yousu_users_list(yousu_store *st, cJSON **out)
{
	sqlite3_stmt *s = prepare(st, "SELECT login FROM users ORDER BY login");
	cJSON *a;
	yousu_user u;

	if (s == NULL)
		return YOUSU_DB;
	a = cJSON_CreateArray();
	while (sqlite3_step(s) == SQLITE_ROW)
		if (yousu_user_load(st, text(s, 0), &u) == YOUSU_OK) {
			cJSON_AddItemToArray(a, yousu_user_json(&u));
			yousu_user_clear(&u);
		}
	sqlite3_finalize(s);
	*out = a;
	return YOUSU_OK;
}

/* --- the audit log ------------------------------------------------------ */

yousu_err
yousu_audit(yousu_store *st, int64_t now, const char *what, const char *login,
    const char *addr, const char *detail)
{
	sqlite3_stmt *s = prepare(st, "INSERT INTO audit(at, what, login,"
	                              " addr, detail) VALUES (?1, ?2, ?3, ?4,"
	                              " ?5)");
	int rc;

	if (s == NULL)
		return YOUSU_DB;
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_text(s, 2, what, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, addr, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, detail, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

yousu_err
yousu_audit_list(yousu_store *st, const char *login, int limit, cJSON **out)
{
	sqlite3_stmt *s = prepare(st, "SELECT at, what, login, addr, detail"
	                              " FROM audit WHERE ?1 IS NULL OR"
	                              " login = ?1 ORDER BY id DESC LIMIT ?2");
	static const char *const keys[] = {"what", "login", "addr", "detail"};
	cJSON *a;

	if (s == NULL)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
	a = cJSON_CreateArray();
	while (sqlite3_step(s) == SQLITE_ROW) {
		cJSON *o = cJSON_CreateObject();

		yousu__jset_int(o, "at", sqlite3_column_int64(s, 0));
		for (int i = 0; i < 4; i++)
			if (sqlite3_column_type(s, i + 1) != SQLITE_NULL)
				yousu__jset_str(o, keys[i], text(s, i + 1));
		cJSON_AddItemToArray(a, o);
	}
	sqlite3_finalize(s);
	*out = a;
	return YOUSU_OK;
}
