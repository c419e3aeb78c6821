/* The city bridge's part (市政务服务和大数据管理局): the counties' parent.
 * It keeps their reports (统计报表) and answers the city-wide tables; it
 * takes the complaints a county escalates, never with the complainant's
 * details, and sends its own steps on them back down; it registers no
 * complaint itself; and it is the 12345 hotline's gateway. */
#include <stdio.h>
#include <string.h>

#include "bridge.h"
#include "yousu/city.h"
#include "yousu/date.h"
#include "yousu/json.h"
#include "yousu/log.h"
#include "yousu/ranking.h"
#include "yousu/replica.h"

/* The city's own steps on a complaint it owns go down to the county that
 * handed it up (and from there to the township). */
static yousu_err
on_event(yousu_daemon *d, const cJSON *doc, const yousu_event *ev)
{
	const char *from = yousu__jstr(doc, "handed_from");
	const char *code = yousu_daemon_code(d);

	if (strcmp(ev->origin, code) != 0 ||
	    strcmp(yousu__jstr(doc, "owner"), code) != 0 || from == NULL ||
	    !yousu_daemon_is_child(d, from))
		return YOUSU_OK;
	return yousu_daemon_send_event(d, yousu_daemon_down(d), from, doc, ev);
}

static yousu_err
receive_report(
    yousu_daemon *d, const char *peer, const uint8_t *body, size_t len)
{
	cJSON *r = cJSON_ParseWithLength((const char *) body, len);
	char err[512];
	yousu_err rv = YOUSU_PROTO;

	if (r == NULL)
		yousu_log("LINK-REPORT report from %s is not JSON", peer);
	else if ((rv = yousu_city_store_report(yousu_daemon_store(d), peer, r,
	              err, sizeof err)) != YOUSU_OK)
		yousu_log("LINK-REPORT %s", err);
	else
		yousu_log("report of %s for %s..%s received", peer,
		    yousu__jstr(r, "from"), yousu__jstr(r, "to"));
	cJSON_Delete(r);
	/* refused reports are the sender's fault: dead letters, not a
	 * failing store */
	return rv == YOUSU_PERM ? YOUSU_STATE : rv;
}

/* The city takes reports, escalated complaints and the hotline's
 * traffic, never anything that carries what must stay in the county. */
static yousu_err
on_message(yousu_daemon *d, const char *peer, bool from_parent,
    const char *kind, const uint8_t *body, size_t len, bool *handled)
{
	*handled = true;
	if (strcmp(kind, "event") == 0 || strcmp(kind, "restore") == 0) {
		/* a complaint a county escalates: without the complainant */
		if (yousu_replica_personal(body, len)) {
			yousu_log("LINK-CITY an event from %s names the "
			          "complainant: refused",
			    peer);
			return YOUSU_STATE;
		}
		/* the county relays its townships' steps of it; resent
		 * whole when this store is new */
		if (strcmp(kind, "restore") == 0)
			return yousu_daemon_restore_event(
			    d, peer, false, body, len);
		return yousu_replica_apply(
		    yousu_daemon_store(d), peer, true, body, len);
	}
	if (from_parent) /* the city has no parent */
		return YOUSU_PROTO;
	if (strcmp(kind, "report") == 0)
		return receive_report(d, peer, body, len);
	if (strcmp(kind, "hotline_result") == 0)
		return bridge_result(d, peer, body, len);
	if (strcmp(kind, "hotline_handover") == 0)
		return bridge_handover(d, peer, body, len);
	if (strcmp(kind, "hotline_item") == 0)
		return bridge_item(d, peer, body, len);
	if (strncmp(kind, "hotline", 7) == 0)
		return YOUSU_PROTO;
	yousu_log("LINK-CITY a '%s' message from %s: the city keeps none", kind,
	    peer);
	return YOUSU_STATE;
}

/* A county's new store (lost, or restored from a backup): the complaints
 * it escalated here come back to it, as this store holds them (without
 * the complainant, which its townships give back). */
static yousu_err
resync(yousu_daemon *d, yousu_link *l, const char *peer, bool parent)
{
	(void) parent; /* the city has no parent */
	return yousu_daemon_resend_logs(d, l, peer,
	    "SELECT id FROM complaints WHERE rid IN"
	    " (SELECT complaint FROM events WHERE origin = ?1) ORDER BY rid",
	    false);
}

/* The city registers no complaint: they come to it escalated by a
 * county, without the complainant's details. */
static yousu_err
admits(yousu_daemon *d, const char *cmd, char *err, size_t errlen)
{
	(void) d;
	if (strcmp(cmd, "intake") != 0)
		return YOUSU_OK;
	snprintf(err, errlen,
	    "intake: the city bridge registers no complaints (no personal "
	    "data rests at the city): they come escalated from a county");
	return YOUSU_STATE;
}

/* The city-wide tables, from the county reports the bridge holds. */
static yousu_err
ctl_city(yousu_daemon *d, const char *actor, const cJSON *args, cJSON **result,
    char *err, size_t errlen)
{
	const char *by = yousu__jstr(args, "by");

	(void) actor;
	if (yousu__jbool(args, "reports", false))
		return yousu_city_reports(yousu_daemon_store(d), result);
	return yousu_city_table(yousu_daemon_store(d),
	    yousu__jstr(args, "period"), by ? by : "county", result, err,
	    errlen);
}

/* 考核排名 at the city: the counties, or the townships by county, ranked
 * on the month's rates summed from the county reports. */
static yousu_err
ctl_ranking(yousu_daemon *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const char *by = yousu__jstr(args, "by");
	int32_t m[2][2];
	char names[2][8], title[160];
	cJSON *t[2] = {NULL, NULL}, *r;
	int w[YOUSU_RANKING_RATES];
	yousu_err rv;

	(void) actor;
	if (by == NULL)
		by = "county";
	if (strcmp(by, "county") != 0 && strcmp(by, "township") != 0) {
		snprintf(err, errlen,
		    "ranking: --by '%s' is not county or township (at the "
		    "city)",
		    by);
		return YOUSU_INVAL;
	}
	if ((rv = yousu_daemon_ranking_months(
	         d, args, m, names, err, errlen)) != YOUSU_OK)
		return rv;
	for (int i = 0; i < 2 && rv == YOUSU_OK; i++)
		rv = yousu_city_table(
		    yousu_daemon_store(d), names[i], by, &t[i], err, errlen);
	if (rv != YOUSU_OK) {
		cJSON_Delete(t[0]);
		return rv;
	}
	yousu_daemon_ranking_weights(d, w);
	r = yousu_ranking(cJSON_GetObjectItem(t[0], "figures"),
	    cJSON_GetObjectItem(t[1], "figures"), w, NULL, NULL);
	cJSON_Delete(t[0]);
	cJSON_Delete(t[1]);
	snprintf(title, sizeof title, "全市“有诉即办”考核排名（%s，按%s）",
	    names[0],
	    strcmp(by, "county") == 0 ? "县（市、区）" : "乡镇（街道）");
	yousu__jset_str(r, "title", title);
	yousu_daemon_ranking_head(r, names, by, w);
	*result = r;
	return YOUSU_OK;
}

/* 12345: a dispatch form imported by hand. */
static yousu_err
ctl_hotline_import(yousu_daemon *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	const char *file = yousu__jstr(args, "file");

	(void) actor;
	if (file == NULL) {
		snprintf(err, errlen, "hotline import: which file (FILE)");
		return YOUSU_INVAL;
	}
	return bridge_gateway_import(d, file, result, err, errlen);
}

static yousu_err
ctl_hotline_list(yousu_daemon *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	(void) actor, (void) args;
	return bridge_gateway_list(d, result, err, errlen);
}

/* 12345: the forms the inbound spool refused, with their reasons. */
static yousu_err
ctl_hotline_rejected(yousu_daemon *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	bridge_state *b = yousu_daemon_state(d);
	char when[32];
	cJSON *it;
	yousu_err rv;

	(void) actor, (void) args;
	if ((rv = bridge_gateway_is(d, err, errlen)) != YOUSU_OK ||
	    (rv = yousu_hotline_spool_rejected(
	         b->inbound, result, err, errlen)) != YOUSU_OK)
		return rv;
	cJSON_ArrayForEach (it, *result) {
		yousu_format_time(yousu__jint(it, "at", 0),
		    yousu_daemon_utc_offset(d), when, sizeof when);
		yousu__jset_str(it, "time", when);
	}
	return YOUSU_OK;
}

/* 12345: the inbound spool, now. */
static yousu_err
ctl_hotline_scan(yousu_daemon *d, const char *actor, const cJSON *args,
    cJSON **result, char *err, size_t errlen)
{
	yousu_err rv;

	(void) actor, (void) args;
	if ((rv = bridge_gateway_is(d, err, errlen)) != YOUSU_OK)
		return rv;
	bridge_gateway_scan(d);
	*result = cJSON_CreateObject();
	yousu__jset_bool(*result, "scanned", true);
	return YOUSU_OK;
}

static const yousu_role_cmd cmds[] = {
    {"city", ctl_city},
    {"ranking", ctl_ranking},
    {"hotline.import", ctl_hotline_import},
    {"hotline.scan", ctl_hotline_scan},
    {"hotline.list", ctl_hotline_list},
    {"hotline.rejected", ctl_hotline_rejected},
    {NULL, NULL},
};

const yousu_role yousu_bridge_role = {
    .name = "bridge",
    .label = "city bridge",
    .at = YOUSU_AT_BRIDGE,
    .keys = bridge_gateway_keys,
    .state_size = sizeof(bridge_state),
    .aggregates = true,
    .open = bridge_gateway_open,
    .close = bridge_gateway_close,
    .tick = bridge_gateway_scan,
    .on_event = on_event,
    .on_message = on_message,
    .resync = resync,
    .admits = admits,
    .cmds = cmds,
};
