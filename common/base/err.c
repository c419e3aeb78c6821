#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "yousu/err.h"

static const char *const messages[] = {
#define YOUSU__ERR_MSG(name, msg) [YOUSU_##name] = msg,
    YOUSU_ERR_MAP(YOUSU__ERR_MSG)
#undef YOUSU__ERR_MSG
};

const char *
yousu_strerror(yousu_err err)
{
	if ((unsigned) err >= YOUSU__ERR_COUNT)
		return "unknown error";
	return messages[err];
}

yousu_err
yousu_errorf(char *err, size_t errlen, yousu_err rv, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return rv;
}

void
yousu_panic(const char *fmt, ...)
{
	va_list ap;

	fputs("yousu: panic: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
