/* A text built piece by piece in a fixed buffer (internal). */
#ifndef YOUSU_STRBUF_H
#define YOUSU_STRBUF_H

#include <stddef.h>

/* yousu__appendf appends the formatted text to buf (len bytes) at *off,
 * cut (and kept NUL-terminated) when the buffer is full, and moves *off
 * past it. */
void yousu__appendf(char *buf, size_t len, size_t *off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
