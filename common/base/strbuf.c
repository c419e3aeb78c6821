/* A text built piece by piece in a fixed buffer. */
#include <stdarg.h>
#include <stdio.h>

#include "yousu/strbuf.h"

void
yousu__appendf(char *buf, size_t len, size_t *off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (len == 0 || *off >= len - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *off, len - *off, fmt, ap);
	va_end(ap);
	if (n > 0)
		*off += (size_t) n < len - *off ? (size_t) n : len - *off - 1;
}
