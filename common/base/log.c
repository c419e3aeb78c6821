#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "yousu/log.h"

static char log_tag[64] = "yousu";
static int journal = -1; /* stderr is the journal: 1; not: 0; not seen: -1 */

/* systemd sets JOURNAL_STREAM to the device and inode of the stream it
 * gave as stderr: when they are stderr's, each line starts with its
 * priority (<3> error, <4> warning, <6> info) and without a time stamp
 * (the journal has its own). */
static bool
to_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat sb;

	if (journal < 0)
		journal = js != NULL &&
		          sscanf(js, "%llu:%llu", &dev, &ino) == 2 &&
		          fstat(2, &sb) == 0 &&
		          (unsigned long long) sb.st_dev == dev &&
		          (unsigned long long) sb.st_ino == ino;
	return journal == 1;
}

/* A line's priority from its tag: the link's losses and forks are
 * errors; any other tagged line (LINK-..., LOOP-SLOW, RELOAD, REFUSED,
 * CALENDAR, ...) a warning; the rest information. */
static int
priority(const char *line)
{
	size_t n = strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZ-");

	if (n >= 4 && (line[n] == ' ' || line[n] == ':' || line[n] == '\0')) {
		if (strncmp(line, "LINK-STORE", 10) == 0 ||
		    strncmp(line, "LINK-FORK", 9) == 0)
			return 3;
		return 4;
	}
	return 6;
}

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
	if (to_journal())
		fprintf(stderr, "<%d>%s: %s\n", priority(line), log_tag, line);
	else
		fprintf(stderr, "%s %s: %s\n", stamp, log_tag, line);
}
