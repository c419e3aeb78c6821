/* The column kinds' names and default headers (yousu/columns.h). */
#include <stdio.h>
#include <string.h>

#include "yousu/columns.h"

static const struct {
	const char *name, *label;
} kinds[] = {
#define KIND(name, label, cell, key, count) {#name, label},
    YOUSU_COLUMNS(KIND)
#undef KIND
};

const char *
yousu_column_label(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kinds[i].name, kind) == 0)
			return kinds[i].label;
	return NULL;
}

void
yousu_column_kinds_list(char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds && off < len; i++)
		off += (size_t) snprintf(
		    buf + off, len - off, "%s%s", i ? ", " : "", kinds[i].name);
}
