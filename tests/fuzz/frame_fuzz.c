/* libFuzzer: frames as they arrive on a hub's uplink, through the whole
 * receive path (envelope, authentication, payload, apply). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link_impl.h"
#include "yousu/link.h"
#include "yousu/replica.h"
#include "yousu/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static yousu_store *st;
static yousu_link *link_;

static yousu_err
apply(void *arg, const char *peer, const char *kind, const uint8_t *body,
    size_t len)
{
	(void) arg, (void) kind;
	return yousu_replica_apply(st, peer, false, body, len);
}

static void
setup(void)
{
	char dir[] = "/tmp/yousu-fuzz-XXXXXX", path[128], up[160], down[160],
	     err[512];
	yousu_link_config cfg;
	/* the fuzzer knows the key: it can reach the payload decoder */
	yousu_link_peer peer = {"HD", {0}};

	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/fuzz.db", dir);
	snprintf(up, sizeof up, "ipc://%s/up", dir);
	snprintf(down, sizeof down, "ipc://%s/down", dir);
	if (yousu_store_open(path, &st, err, sizeof err) != YOUSU_OK)
		abort();
	yousu_link_config_defaults(&cfg);
	cfg.self = "SQ";
	cfg.parent = true;
	cfg.up_url = up;
	cfg.down_url = down;
	cfg.peers = &peer;
	cfg.npeers = 1;
	if (yousu_link_open(&cfg, st, apply, NULL, &link_, err, sizeof err))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (st == NULL)
		setup();
	yousu__link_feed(link_, data, size);
	return 0;
}
