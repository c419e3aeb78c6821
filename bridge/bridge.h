/* yousu-bridge's role and its 12345 gateway (private to bridge/). */
#ifndef YOUSU_BRIDGE_H
#define YOUSU_BRIDGE_H

#include "yousu/hotline.h"
#include "yousu/role.h"

#define BRIDGE_PATH_LEN 512

/* The bridge's state: its [hotline] keys and the area table. */
typedef struct {
	char inbound[BRIDGE_PATH_LEN];
	char outbound[BRIDGE_PATH_LEN];
	char areas_path[BRIDGE_PATH_LEN];
	yousu_hotline_areas *areas; /* NULL: not a 12345 gateway */
} bridge_state;

extern const yousu_role yousu_bridge_role;

/* gateway.c: the [hotline] keys, opening, the inbound spool, and the
 * results and handovers the counties send */
extern const yousu_cfg_key bridge_gateway_keys[];
int bridge_gateway_open(yousu_daemon *d);
void bridge_gateway_close(yousu_daemon *d);
/* YOUSU_OK when this bridge is a 12345 gateway; else the refusal */
yousu_err bridge_gateway_is(yousu_daemon *d, char *err, size_t errlen);
void bridge_gateway_scan(yousu_daemon *d);
yousu_err bridge_gateway_import(yousu_daemon *d, const char *path,
    cJSON **result, char *err, size_t errlen);
yousu_err bridge_gateway_list(
    yousu_daemon *d, cJSON **out, char *err, size_t errlen);
yousu_err bridge_result(
    yousu_daemon *d, const char *peer, const uint8_t *body, size_t len);
/* A 12345 matter a county says it was dispatched, sent when this store
 * is new: its row restored (never a result file written again). */
yousu_err bridge_item(
    yousu_daemon *d, const char *peer, const uint8_t *body, size_t len);
yousu_err bridge_handover(
    yousu_daemon *d, const char *peer, const uint8_t *body, size_t len);

#endif
