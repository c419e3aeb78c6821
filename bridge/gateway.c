/* The 12345 hotline gateway at a city bridge: dispatch forms from the
 * inbound spool (or `yousuctl hotline import`) are checked, routed by
 * area, sealed for their county (the city store keeps the item number
 * and where it went, never the caller) and queued on the link; the
 * results the counties send back are written to the outbound spool. */
#include <sodium.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bridge.h"
#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/store_ext.h"

#define MAX_SCAN 256 /* forms taken per scan */

#define KEY(name, field)                                                  \
	{                                                                 \
		"hotline", name, YOUSU_CFG_PATH,                          \
		    offsetof(bridge_state, field), BRIDGE_PATH_LEN, 0, 0, \
		    false, NULL                                           \
	}
const yousu_cfg_key bridge_gateway_keys[] = {
    KEY("inbound", inbound),
    KEY("outbound", outbound),
    KEY("areas", areas_path),
    {NULL},
};

int
bridge_gateway_open(yousu_daemon *d)
{
	bridge_state *b = yousu_daemon_state(d);
	char err[1024];

	if (!b->inbound[0] && !b->outbound[0] && !b->areas_path[0])
		return 0;
	if (!b->inbound[0] || !b->outbound[0] || !b->areas_path[0] ||
	    yousu_daemon_down(d) == NULL) {
		fprintf(stderr,
		    "yousu-bridge: %s: [hotline] needs inbound, outbound and "
		    "areas, and county hubs in [children]\n",
		    yousu_daemon_config_path(d));
		return 1;
	}
	if (yousu_hotline_areas_load(
	        b->areas_path, &b->areas, err, sizeof err) != YOUSU_OK) {
		fprintf(stderr, "yousu-bridge: %s\n", err);
		return 1;
	}
	return 0;
}

yousu_err
bridge_gateway_is(yousu_daemon *d, char *err, size_t errlen)
{
	bridge_state *b = yousu_daemon_state(d);

	if (b->areas != NULL)
		return YOUSU_OK;
	snprintf(err, errlen,
	    "hotline: centre %s is not a 12345 gateway ([hotline] in its "
	    "configuration)",
	    yousu_daemon_code(d));
	return YOUSU_STATE;
}

void
bridge_gateway_close(yousu_daemon *d)
{
	bridge_state *b = yousu_daemon_state(d);

	yousu_hotline_areas_free(b->areas);
	b->areas = NULL;
}

static sqlite3_stmt *
prepare(yousu_daemon *d, const char *sql)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(
	        yousu_store_sqlite(yousu_daemon_store(d)), sql, -1, &s, NULL))
		return NULL;
	return s;
}

/* Record the form and queue it, sealed for its county, in one
 * transaction. */
static yousu_err
dispatch(yousu_daemon *d, const yousu_hotline_form *f,
    const yousu_hotline_route *r, char *err, size_t errlen)
{
	cJSON *msg = cJSON_CreateObject();
	sqlite3_stmt *s;
	char *text = NULL;
	uint8_t *sealed = NULL;
	size_t slen = 0;
	yousu_err rv = YOUSU_DB;
	int rc;

	yousu__jset_str(msg, "item", yousu_hotline_form_item_no(f));
	yousu__jset_str(msg, "township", r->township ? r->township : r->county);
	yousu__jset(
	    msg, "intake", cJSON_Duplicate(yousu_hotline_form_intake(f), 1));
	text = yousu__json_print(msg);
	cJSON_Delete(msg);
	if (text == NULL) {
		snprintf(err, errlen, "out of memory");
		rv = YOUSU_NOMEM;
		goto fail;
	}
	if ((rv = yousu_link_seal(yousu_daemon_down(d), r->county,
	         (const uint8_t *) text, strlen(text), &sealed, &slen)) !=
	    YOUSU_OK) {
		if (rv == YOUSU_NOTFOUND)
			snprintf(err, errlen,
			    "area: county hub '%s' is not a child of %s",
			    r->county, yousu_daemon_code(d));
		else
			snprintf(
			    err, errlen, "sealing: %s", yousu_strerror(rv));
		goto fail;
	}
	rv = YOUSU_DB;
	if (yousu_store_begin(yousu_daemon_store(d)) != YOUSU_OK)
		goto fail;
	s = prepare(d, "INSERT INTO city_hotline(item, county, township,"
	               " imported_at, status) VALUES (?1, ?2, ?3, ?4,"
	               " 'dispatched')");
	if (s != NULL) {
		sqlite3_bind_text(
		    s, 1, yousu_hotline_form_item_no(f), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, r->county, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, r->township, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, yousu_daemon_now(d));
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		rv = rc == SQLITE_DONE         ? YOUSU_OK
		     : rc == SQLITE_CONSTRAINT ? YOUSU_EXISTS
		                               : YOUSU_DB;
	}
	if (rv == YOUSU_OK)
		rv = yousu_link_enqueue(
		    yousu_daemon_down(d), r->county, "hotline", sealed, slen);
	if (rv == YOUSU_OK)
		rv = yousu_store_commit(yousu_daemon_store(d));
	if (rv != YOUSU_OK) {
		yousu_store_rollback(yousu_daemon_store(d));
		if (rv == YOUSU_EXISTS)
			snprintf(err, errlen,
			    "item_no (事项编号): %s was imported already",
			    yousu_hotline_form_item_no(f));
		else
			snprintf(err, errlen, "store: %s",
			    yousu_store_errmsg(yousu_daemon_store(d)));
	}
fail:
	if (text != NULL) {
		sodium_memzero(text, strlen(text));
		free(text);
	}
	free(sealed);
	return rv;
}

yousu_err
bridge_gateway_import(
    yousu_daemon *d, const char *path, cJSON **result, char *err, size_t errlen)
{
	bridge_state *b = yousu_daemon_state(d);
	yousu_hotline_form *f = NULL;
	yousu_hotline_route r;
	yousu_err rv;

	if ((rv = bridge_gateway_is(d, err, errlen)) != YOUSU_OK)
		return rv;
	if ((rv = yousu_hotline_parse_file(path, b->areas, &f, err, errlen)))
		return rv;
	yousu_hotline_form_route(f, &r);
	if ((rv = dispatch(d, f, &r, err, errlen)) == YOUSU_OK) {
		*result = cJSON_CreateObject();
		yousu__jset_str(*result, "item", yousu_hotline_form_item_no(f));
		yousu__jset_str(*result, "county", r.county);
		yousu__jset_str(*result, "township", r.township);
		yousu_log("12345 form %s dispatched to %s/%s",
		    yousu_hotline_form_item_no(f), r.county,
		    r.township ? r.township : "-");
	}
	yousu_hotline_form_free(f);
	return rv;
}

/* Every form waiting in the inbound spool: dispatched and removed (the
 * caller's details stay at the city no longer than it takes), or moved
 * aside with its error. A store that fails leaves the form for the next
 * scan. */
void
bridge_gateway_scan(yousu_daemon *d)
{
	bridge_state *b = yousu_daemon_state(d);
	char **names = NULL, err[2048], path[BRIDGE_PATH_LEN + 256];
	size_t n = 0;
	cJSON *res = NULL;

	if (b->areas == NULL || yousu_hotline_spool_scan(b->inbound, MAX_SCAN,
	                            &names, &n, err, sizeof err))
		return;
	for (size_t i = 0; i < n; i++) {
		yousu_err rv;

		snprintf(path, sizeof path, "%s/%s", b->inbound, names[i]);
		rv = bridge_gateway_import(d, path, &res, err, sizeof err);
		cJSON_Delete(res);
		res = NULL;
		/* EXISTS: dispatched before, and the file outlived it (a
		 * crash between the commit and the removal) */
		if (rv == YOUSU_OK || rv == YOUSU_EXISTS) {
			if (rv == YOUSU_EXISTS)
				yousu_log(
				    "HOTLINE %s: %s; removed", names[i], err);
			if (unlink(path) != 0)
				yousu_log("HOTLINE cannot remove %s", path);
		} else if (rv == YOUSU_DB || rv == YOUSU_NOMEM) {
			yousu_log("HOTLINE %s waits: %s", names[i], err);
			break;
		} else {
			yousu_log("HOTLINE %s rejected: %s", names[i], err);
			if (yousu_hotline_spool_reject(b->inbound, names[i],
			        err, err, sizeof err) != YOUSU_OK)
				yousu_log("HOTLINE %s", err);
		}
	}
	yousu_hotline_names_free(names);
}

/* A county's result of a hotline matter: written for the hotline, and
 * the matter marked done. */
static bool
schema_is(const cJSON *v, const char *schema)
{
	const char *got = yousu__jstr(v, "schema");

	return got != NULL && strcmp(got, schema) == 0;
}

/* Is item one this gateway dispatched to county peer? */
static yousu_err
dispatched_to(yousu_daemon *d, const char *item, const char *peer)
{
	sqlite3_stmt *s = prepare(d, "SELECT county FROM city_hotline"
	                             " WHERE item = ?1");
	yousu_err rv = YOUSU_NOTFOUND;

	if (s == NULL)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, item, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		rv = strcmp((const char *) sqlite3_column_text(s, 0), peer) == 0
		         ? YOUSU_OK
		         : YOUSU_STATE;
	sqlite3_finalize(s);
	return rv;
}

/* A county's result of a hotline matter: checked against what was
 * dispatched to it, written for the hotline, and the matter marked. */
yousu_err
bridge_result(
    yousu_daemon *d, const char *peer, const uint8_t *body, size_t len)
{
	bridge_state *b = yousu_daemon_state(d);
	cJSON *r = cJSON_ParseWithLength((const char *) body, len);
	const char *item = yousu__jstr(r, "item_no");
	char name[160] = "", err[512];
	sqlite3_stmt *s;
	yousu_err rv = YOUSU_PROTO;

	if (r == NULL || item == NULL || b->areas == NULL ||
	    !schema_is(r, YOUSU_HOTLINE_RESULT_SCHEMA)) {
		yousu_log(
		    "LINK-HOTLINE a result from %s that is not one", peer);
		goto done;
	}
	if ((rv = dispatched_to(d, item, peer)) != YOUSU_OK) {
		if (rv != YOUSU_DB)
			yousu_log(
			    "LINK-HOTLINE result %s from %s: not a matter "
			    "dispatched to it",
			    item, peer);
		goto done;
	}
	if ((rv = yousu_hotline_result_write(b->outbound, r, name, sizeof name,
	         err, sizeof err)) != YOUSU_OK) {
		yousu_log(
		    "LINK-HOTLINE result %s from %s: %s", item, peer, err);
		/* a folder that fails, or memory: resent later */
		rv = rv == YOUSU_IO || rv == YOUSU_NOMEM ? YOUSU_DB
		                                         : YOUSU_INVAL;
		goto done;
	}
	s = prepare(d, "UPDATE city_hotline SET status = ?1, result_at = ?2,"
	               " result_file = ?3 WHERE item = ?4 AND county = ?5");
	if (s == NULL) {
		rv = YOUSU_DB;
		goto done;
	}
	sqlite3_bind_text(s, 1,
	    yousu__jstr(r, "status") ? yousu__jstr(r, "status") : "closed", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, yousu_daemon_now(d));
	sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, item, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, peer, -1, SQLITE_STATIC);
	rv = sqlite3_step(s) == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
	sqlite3_finalize(s);
	yousu_log("12345 result %s from %s written: %s", item, peer, name);
done:
	cJSON_Delete(r);
	return rv;
}

yousu_err
bridge_item(yousu_daemon *d, const char *peer, const uint8_t *body, size_t len)
{
	cJSON *r = cJSON_ParseWithLength((const char *) body, len);
	const char *item = yousu__jstr(r, "item");
	const char *status = yousu__jstr(r, "status");
	sqlite3_stmt *s;
	yousu_err rv = YOUSU_PROTO;

	if (item == NULL || status == NULL) {
		yousu_log(
		    "LINK-HOTLINE a matter from %s without item or status",
		    peer);
		goto done;
	}
	s = prepare(d, "INSERT INTO city_hotline(item, county, township,"
	               " imported_at, status) VALUES (?1, ?2, ?3, ?4, ?5)"
	               " ON CONFLICT(item) DO NOTHING");
	if (s == NULL) {
		rv = YOUSU_DB;
		goto done;
	}
	sqlite3_bind_text(s, 1, item, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, peer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, yousu__jstr(r, "township"), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, yousu__jint(r, "imported_at", 0));
	sqlite3_bind_text(s, 5, status, -1, SQLITE_STATIC);
	rv = sqlite3_step(s) == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
	sqlite3_finalize(s);
done:
	cJSON_Delete(r);
	return rv;
}

/* A window complaint handed to the hotline: written for it, never kept
 * here (it carries the caller's details for the hotline). One that
 * cannot be written for a reason of its own is logged and dropped rather
 * than kept as a dead letter in the city store. */
yousu_err
bridge_handover(
    yousu_daemon *d, const char *peer, const uint8_t *body, size_t len)
{
	bridge_state *b = yousu_daemon_state(d);
	char name[160] = "", err[512];
	cJSON *h;
	yousu_err rv;

	if (b->areas == NULL) {
		yousu_log("LINK-HOTLINE a handover from %s, but this centre is "
		          "no 12345 gateway",
		    peer);
		return YOUSU_STATE; /* a dead letter, without its body */
	}
	if ((h = cJSON_ParseWithLength((const char *) body, len)) == NULL ||
	    !schema_is(h, YOUSU_HOTLINE_HANDOVER_SCHEMA)) {
		cJSON_Delete(h);
		return YOUSU_PROTO;
	}
	rv = yousu_hotline_result_write(
	    b->outbound, h, name, sizeof name, err, sizeof err);
	cJSON_Delete(h);
	if (rv == YOUSU_IO || rv == YOUSU_NOMEM) {
		yousu_log("LINK-HOTLINE handover from %s waits: %s", peer, err);
		return YOUSU_DB; /* the folder may come back: resent */
	}
	if (rv != YOUSU_OK) {
		yousu_log(
		    "LINK-HOTLINE handover from %s refused: %s", peer, err);
		return YOUSU_INVAL;
	}
	yousu_log("12345 handover from %s written: %s", peer, name);
	return YOUSU_OK;
}

yousu_err
bridge_gateway_list(yousu_daemon *d, cJSON **out, char *err, size_t errlen)
{
	sqlite3_stmt *s = prepare(d, "SELECT item, county, township,"
	                             " imported_at, status, result_at,"
	                             " result_file FROM city_hotline"
	                             " ORDER BY imported_at, item");
	cJSON *arr;
	char buf[32];

	if (s == NULL) {
		snprintf(err, errlen, "hotline list: %s",
		    yousu_store_errmsg(yousu_daemon_store(d)));
		return YOUSU_DB;
	}
	arr = cJSON_CreateArray();
	while (sqlite3_step(s) == SQLITE_ROW) {
		cJSON *o = cJSON_CreateObject();

		for (int i = 0; i < 7; i++) {
			const char *col = sqlite3_column_name(s, i);

			if (i == 3 || i == 5) {
				buf[0] = '\0';
				if (sqlite3_column_type(s, i) != SQLITE_NULL)
					yousu_format_time(
					    sqlite3_column_int64(s, i),
					    yousu_daemon_utc_offset(d), buf,
					    sizeof buf);
				yousu__jset_str(o, col, buf);
			} else {
				yousu__jset_str(o, col,
				    (const char *) sqlite3_column_text(s, i));
			}
		}
		cJSON_AddItemToArray(arr, o);
	}
	sqlite3_finalize(s);
	*out = arr;
	return YOUSU_OK;
}
