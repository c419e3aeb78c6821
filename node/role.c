/* The township node's part (乡镇便民服务中心): what it writes goes up to
 * its county hub, which aggregates every township's ledger; guidance
 * cases it proposes, and the county reviews them. */
#include <stdio.h>
#include <string.h>

#include "node.h"

/* Every event written here goes up: the county hub keeps the whole
 * ledger. Events received from the hub are the hub's to relay. */
static yousu_err
on_event(yousu_daemon *d, const cJSON *doc, const yousu_event *ev)
{
	const char *parent = yousu_daemon_parent(d);

	if (parent == NULL || yousu_daemon_up(d) == NULL ||
	    strcmp(ev->origin, yousu_daemon_code(d)) != 0)
		return YOUSU_OK;
	return yousu_daemon_send_event(d, yousu_daemon_up(d), parent, doc, ev);
}

/* 审核发布 is the county's (002 article 11): a township proposes. */
static yousu_err
admits(yousu_daemon *d, const char *cmd, char *err, size_t errlen)
{
	if (strcmp(cmd, "case.review") != 0)
		return YOUSU_OK;
	snprintf(err, errlen,
	    "case review: reviewing and publishing guidance cases (审核发布) "
	    "is the county's job; this is township node %s: run it on the "
	    "county hub",
	    yousu_daemon_code(d));
	return YOUSU_PERM;
}

const yousu_role yousu_node_role = {
    .name = "node",
    .label = "township node",
    .at = YOUSU_AT_NODE,
    .keeps_dead_bodies = true,
    .on_event = on_event,
    .admits = admits,
};
