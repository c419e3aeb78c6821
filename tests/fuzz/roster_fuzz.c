/* libFuzzer: the duty-leader roster (排班表, CSV) parser on arbitrary
 * bytes. Bad input gets a message naming its line, never a crash or a
 * read out of bounds; a roster that parses has only well-formed rows. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/date.h"
#include "yousu/json.h"
#include "yousu/roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), err[512];
	cJSON *rows = NULL;
	const cJSON *r;
	yousu_date d;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (yousu_roster_parse(text, &rows, err, sizeof err) == YOUSU_OK) {
		cJSON_ArrayForEach (r, rows)
			if (yousu_date_parse(yousu__jstr(r, "day"), &d) != 0 ||
			    yousu__jstr(r, "leader") == NULL ||
			    yousu__jstr(r, "leader")[0] == '\0' ||
			    (strcmp(yousu__jstr(r, "half"), "am") != 0 &&
			        strcmp(yousu__jstr(r, "half"), "pm") != 0))
				abort();
		cJSON_Delete(rows);
	} else if (err[0] == '\0') {
		abort(); /* a refusal always says why */
	}
	free(text);
	return 0;
}
