/* The county hub's part (县政务服务中心): it aggregates its townships'
 * ledgers, reviews their guidance cases, escalates to the city bridge
 * without the complainant, sends the city its monthly reports and the
 * results of the 12345 matters, and opens the 12345 forms the city
 * sealed for it. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "hub.h"
#include "yousu/calendar.h"
#include "yousu/hotline_out.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/store_ext.h"

/* The result of a hotline matter that closed or was refused, for the
 * 12345 hotline (no name, phone or address in it), up to the city. */
static yousu_err
send_hotline_result(yousu_daemon *d, const cJSON *doc)
{
	cJSON *r = NULL;
	char err[256];
	yousu_err rv;

	if (yousu_hotline_result_from_complaint(doc, yousu_daemon_utc_offset(d),
	        &r, err, sizeof err) != YOUSU_OK) {
		yousu_log("HOTLINE %s", err);
		return YOUSU_OK; /* nothing to tell the hotline yet */
	}
	yousu__jset_str(r, "county", yousu_daemon_code(d));
	rv = yousu_daemon_send_json(
	    d, yousu_daemon_up(d), yousu_daemon_parent(d), "hotline_result", r);
	cJSON_Delete(r);
	return rv;
}

static yousu_err
on_event(yousu_daemon *d, const cJSON *doc, const yousu_event *ev)
{
	const char *parent = yousu_daemon_parent(d);
	yousu_link *up = yousu_daemon_up(d);

	if (up == NULL || parent == NULL)
		return YOUSU_OK;
	/* a county escalates to the city (跨层级): the complaint's whole log
	 * goes up, without the complainant's name, phone or address (they
	 * stay in the county, which keeps the contact and return visit) */
	if (strcmp(ev->origin, yousu_daemon_code(d)) == 0 &&
	    strcmp(ev->type, "transfer") == 0 &&
	    strcmp(yousu__jstr(doc, "owner"), parent) == 0)
		return yousu_daemon_send_log(
		    d, up, parent, yousu__jstr(doc, "id"), true);
	if ((strcmp(ev->type, "close") == 0 ||
	        strcmp(ev->type, "reject") == 0) &&
	    yousu__jstr(doc, "hotline_no") != NULL)
		return send_hotline_result(d, doc);
	return YOUSU_OK;
}

/* A 12345 form from the city, sealed for this county (the city keeps no
 * caller's details): opened, then registered or passed to its township. */
static yousu_err
on_message(yousu_daemon *d, const char *peer, bool from_parent,
    const char *kind, const uint8_t *body, size_t len, bool *handled)
{
	uint8_t *plain = NULL;
	size_t plen = 0;
	yousu_err rv;

	if (strcmp(kind, "hotline") != 0)
		return YOUSU_OK;
	*handled = true;
	if (!from_parent)
		return YOUSU_PROTO; /* forms come down, never up */
	if (yousu_link_unseal(yousu_daemon_up(d), yousu_daemon_code(d), peer,
	        body, len, &plain, &plen) != YOUSU_OK) {
		yousu_log("LINK-HOTLINE a form from %s does not open", peer);
		return YOUSU_PROTO;
	}
	rv = yousu_daemon_take_form(d, (const char *) plain, plen);
	sodium_memzero(plain, plen);
	free(plain);
	return rv;
}

/* The report of month mm of year yy (*out: the caller deletes it). */
static yousu_err
month_report(
    yousu_daemon *d, int yy, int mm, cJSON **out, char *err, size_t errlen)
{
	yousu_date first, last;

	yousu_date_from_ymd(yy, mm, 1, &first);
	yousu_date_from_ymd(
	    mm == 12 ? yy + 1 : yy, mm == 12 ? 1 : mm + 1, 1, &last);
	--last;
	return yousu_daemon_report(d, "month", first, last, out, err, errlen);
}

/* The report of month mm of year yy, queued to the city. */
static yousu_err
send_month(yousu_daemon *d, int yy, int mm, char *err, size_t errlen)
{
	cJSON *r = NULL;
	yousu_err rv;

	if ((rv = month_report(d, yy, mm, &r, err, errlen)) == YOUSU_OK)
		rv = yousu_daemon_send_report(d, r, err, errlen);
	cJSON_Delete(r);
	return rv;
}

/* Once a day a county hub with a parent sends the reports of this month
 * and the last one (complaints go on changing after they are received:
 * the city keeps the newest report of each month). */
static void
tick(yousu_daemon *d)
{
	yousu_store *st = yousu_daemon_store(d);
	yousu_date day = yousu_daemon_today(d);
	char key[16], seen[16] = "", err[512];
	int y, m, dd;

	if (yousu_daemon_up(d) == NULL)
		return;
	yousu_date_format(day, key);
	if (yousu_store_get_setting(st, "report_sent_day", seen, sizeof seen) ==
	        YOUSU_OK &&
	    strcmp(seen, key) == 0)
		return;
	yousu_date_to_ymd(day, &y, &m, &dd);
	if (send_month(d, m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1, err,
	        sizeof err) != YOUSU_OK ||
	    send_month(d, y, m, err, sizeof err) != YOUSU_OK) {
		yousu_log("REPORT %s", err);
		return;
	}
	if (yousu_store_begin(st) != YOUSU_OK)
		return;
	if (yousu_store_set_setting(st, "report_sent_day", key) != 0 ||
	    yousu_store_commit(st) != YOUSU_OK)
		yousu_store_rollback(st);
	else
		yousu_log(
		    "reports of %04d-%02d and the month before queued", y, m);
}

/* The city's new store (lost, or restored from a backup): the logs of
 * the complaints this county escalated to it, without the complainant;
 * the report of every month since the county's first complaint; and the
 * 12345 matters it dispatched here (their rows only: the results were
 * written for the hotline when they were sent, and are not written
 * twice). A township's new store gets its complaints back. */
static yousu_err
resync(yousu_daemon *d, yousu_link *l, const char *peer, bool parent)
{
	yousu_store *st = yousu_daemon_store(d);
	sqlite3_stmt *s = NULL;
	char err[512];
	yousu_err rv;
	int rc, y, m, dd, yy, mm;

	if (!parent)
		return yousu_daemon_resync_child(d, l, peer);
	if ((rv = yousu_daemon_resend_logs(d, l, peer,
	         "SELECT id FROM complaints WHERE owner = ?1 OR rid IN"
	         " (SELECT complaint FROM events WHERE origin = ?1)"
	         " ORDER BY rid",
	         true)) != YOUSU_OK)
		return rv;
	if (sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "SELECT min(received_at) FROM complaints", -1, &s,
	        NULL) != SQLITE_OK)
		return YOUSU_DB;
	rc = sqlite3_step(s);
	yousu_date_to_ymd(
	    rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL
	        ? yousu_local_day(
	              sqlite3_column_int64(s, 0), yousu_daemon_utc_offset(d))
	        : yousu_daemon_today(d),
	    &yy, &mm, &dd);
	sqlite3_finalize(s);
	yousu_date_to_ymd(yousu_daemon_today(d), &y, &m, &dd);
	/* the month before this one at least, as the daily reports do */
	if (yy * 12 + mm > y * 12 + m - 1) {
		yy = m == 1 ? y - 1 : y;
		mm = m == 1 ? 12 : m - 1;
	}
	for (; rv == YOUSU_OK && (yy < y || (yy == y && mm <= m));
	     yy += mm == 12, mm = mm % 12 + 1) {
		cJSON *r = NULL;

		if ((rv = month_report(d, yy, mm, &r, err, sizeof err)) ==
		    YOUSU_OK)
			rv = yousu_daemon_send_json(d, l, peer, "report", r);
		else
			yousu_log(
			    "LINK-RESYNC report %04d-%02d: %s", yy, mm, err);
		cJSON_Delete(r);
	}
	if (rv != YOUSU_OK ||
	    sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "SELECT json_extract(doc, '$.hotline_no'), origin,"
	        " received_at, status FROM complaints"
	        " WHERE json_extract(doc, '$.hotline_no') IS NOT NULL",
	        -1, &s, NULL) != SQLITE_OK)
		return rv != YOUSU_OK ? rv : YOUSU_DB;
	while (rv == YOUSU_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		cJSON *o = cJSON_CreateObject();
		const char *status = (const char *) sqlite3_column_text(s, 3);

		yousu__jset_str(
		    o, "item", (const char *) sqlite3_column_text(s, 0));
		yousu__jset_str(
		    o, "township", (const char *) sqlite3_column_text(s, 1));
		yousu__jset_int(o, "imported_at", sqlite3_column_int64(s, 2));
		yousu__jset_str(o, "status",
		    strcmp(status, "closed") == 0 ||
		            strcmp(status, "rejected") == 0
		        ? status
		        : "dispatched");
		rv = yousu_daemon_send_json(d, l, peer, "hotline_item", o);
		cJSON_Delete(o);
	}
	if (rv == YOUSU_OK && rc != SQLITE_DONE)
		rv = YOUSU_DB;
	sqlite3_finalize(s);
	return rv;
}

const yousu_role yousu_hub_role = {
    .name = "hub",
    .label = "county hub",
    .at = YOUSU_AT_HUB,
    .aggregates = true,
    .reviews_cases = true,
    .keeps_dead_bodies = true,
    .tick = tick,
    .on_event = on_event,
    .on_message = on_message,
    .resync = resync,
};
