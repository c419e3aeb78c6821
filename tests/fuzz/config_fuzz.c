/* libFuzzer: the INI decoders (profile, calendar, department catalogue)
 * on arbitrary files. Each must answer with an error message or load;
 * never crash, never read out of bounds. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yousu/calendar.h"
#include "yousu/policy.h"
#include "yousu/workflow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A catalogue that loads routes the input itself, as a complaint's text. */
static void
route(const yousu_depts *d, const uint8_t *data, size_t size)
{
	char *text = strndup((const char *) data, size);
	yousu_route r;

	if (text == NULL)
		return;
	yousu_depts_route(d, "blocked", text, &r);
	cJSON_Delete(yousu_route_json(d, "blocked", &r));
	cJSON_Delete(yousu_depts_json(d));
	free(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/yousu-fuzz-XXXXXX", err[512];
	int fd = mkstemp(path);
	yousu_policy *p = NULL;
	yousu_calendar *c = NULL;
	yousu_depts *d = NULL;

	if (fd < 0 || write(fd, data, size) != (ssize_t) size) {
		if (fd >= 0)
			close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	if (yousu_policy_load(path, &p, err, sizeof err) == YOUSU_OK)
		yousu_policy_free(p);
	if (yousu_calendar_load(path, &c, err, sizeof err) == YOUSU_OK)
		yousu_calendar_free(c);
	if (yousu_depts_load(path, &d, err, sizeof err) == YOUSU_OK)
		route(d, data, size);
	yousu_depts_free(d);
	unlink(path);
	return 0;
}
