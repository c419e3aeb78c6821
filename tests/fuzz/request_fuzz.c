/* libFuzzer: workflow requests (the JSON yousuctl sends) against a real
 * store, and received events (the protobuf a child sends) applied and
 * rolled back. Bad input gets an error, never a crash. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yousu/calendar.h"
#include "yousu/policy.h"
#include "yousu/replica.h"
#include "yousu/store.h"
#include "yousu/workflow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static yousu_store *st;
static yousu_wf *wf;
static int64_t clock_now = 1790000000;

static int64_t
fuzz_now(void *arg)
{
	(void) arg;
	return clock_now;
}

static void
setup(void)
{
	static yousu_policy *p;
	static yousu_calendar *c;
	static yousu_depts *d;
	char dir[] = "/tmp/yousu-fuzz-XXXXXX", path[128], err[512];
	yousu_wf_config cfg;

	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/fuzz.db", dir);
	if (yousu_store_open(path, &st, err, sizeof err) ||
	    yousu_policy_load(YOUSU_SOURCE_DIR "/configs/profiles/shenqiu.ini",
	        &p, err, sizeof err) ||
	    yousu_calendar_load(YOUSU_SOURCE_DIR "/configs/calendars/cn.ini",
	        &c, err, sizeof err) ||
	    yousu_depts_load(YOUSU_SOURCE_DIR
	        "/configs/departments/shenqiu.ini",
	        &d, err, sizeof err))
		abort();
	memset(&cfg, 0, sizeof cfg);
	cfg.centre = "HD";
	cfg.store = st;
	cfg.policy = p;
	cfg.cal = c;
	cfg.depts = d;
	cfg.utc_offset_min = 480;
	cfg.now = fuzz_now;
	if (yousu_wf_new(&cfg, &wf) != YOUSU_OK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON *req, *result = NULL;
	char err[1024];

	if (st == NULL)
		setup();
	/* as a received event, then undone */
	if (yousu_store_begin(st) == YOUSU_OK) {
		(void) yousu_replica_apply(st, "XX", size % 2, data, size);
		yousu_store_rollback(st);
	}
	/* as a control request */
	req = cJSON_ParseWithLength((const char *) data, size);
	if (cJSON_IsObject(req) &&
	    cJSON_IsString(cJSON_GetObjectItem(req, "cmd")) &&
	    yousu_wf_exec(wf, cJSON_GetObjectItem(req, "cmd")->valuestring,
	        "fuzz", cJSON_GetObjectItem(req, "args"), &result, err,
	        sizeof err) == YOUSU_OK)
		cJSON_Delete(result);
	cJSON_Delete(req);
	clock_now += 3600;
	return 0;
}
