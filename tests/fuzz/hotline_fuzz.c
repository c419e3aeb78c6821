/* libFuzzer: the 12345 dispatch form (交办单) parser on arbitrary bytes,
 * against the sample area table; a form that parses is routed and
 * printed both ways. The same bytes are also loaded as an area table.
 * Bad input gets messages, never a crash or a read out of bounds. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yousu/hotline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static yousu_hotline_areas *areas;

static void
setup(void)
{
	char err[512];

	if (yousu_hotline_areas_load(YOUSU_SOURCE_DIR
	        "/configs/hotline/areas.ini",
	        &areas, err, sizeof err) != YOUSU_OK) {
		fprintf(stderr, "fuzz-hotline: %s\n", err);
		abort();
	}
}

/* A form that parses must route and print. */
static void
use(const yousu_hotline_form *f)
{
	yousu_hotline_route r;

	yousu_hotline_form_route(f, &r);
	if (r.county == NULL || r.county_name == NULL ||
	    yousu_hotline_form_item_no(f)[0] == '\0' ||
	    yousu_hotline_form_intake(f) == NULL)
		abort();
	cJSON_Delete(yousu_hotline_form_json(f, true));
	cJSON_Delete(yousu_hotline_form_json(f, false));
}

static void
as_area_table(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/yousu-fuzz-XXXXXX", err[512];
	int fd = mkstemp(path);
	yousu_hotline_areas *a = NULL;

	if (fd < 0)
		return;
	if (write(fd, data, size) == (ssize_t) size &&
	    yousu_hotline_areas_load(path, &a, err, sizeof err) == YOUSU_OK)
		cJSON_Delete(yousu_hotline_areas_json(a));
	close(fd);
	unlink(path);
	yousu_hotline_areas_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	yousu_hotline_form *f = NULL;
	char *copy = malloc(size ? size : 1); /* exact size: no NUL after */
	char err[2048];

	if (areas == NULL)
		setup();
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	if (yousu_hotline_parse(copy, size, areas, &f, err, sizeof err) ==
	    YOUSU_OK)
		use(f);
	else if (err[0] == '\0')
		abort(); /* refused without a reason */
	yousu_hotline_form_free(f);
	free(copy);
	as_area_table(data, size);
	return 0;
}
