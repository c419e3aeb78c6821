#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "yousu/log.h"

static char log_tag[64] = "yousu";

void
yousu_log_init(const char *tag)
{
	snprintf(log_tag, sizeof log_tag, "%s", tag);
}

void
yousu_log(const char *fmt, ...)
{
	char stamp[32], line[2048];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s %s: %s\n", stamp, log_tag, line);
}
