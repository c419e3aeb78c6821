/* Helpers shared by hotline.c, hotline_areas.c and hotline_spool.c (not
 * exported). */
#ifndef YOUSU_HOTLINE_IMPL_H
#define YOUSU_HOTLINE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "yousu/hotline.h"

/* yousu__hl_blank_len returns the length of the blank at s[0..n) (space,
 * tab, or U+3000 ideographic space), 0 if none. */
size_t yousu__hl_blank_len(const char *s, size_t n);

/* yousu__hl_trim narrows s[0..*n) to leave out blanks (and, with lines,
 * newlines) at both ends; returns the new start. */
const char *yousu__hl_trim(const char *s, size_t *n, bool lines);

/* yousu__hl_item_no_ok: 1-64 of A-Z a-z 0-9 - _ . not starting with '.'
 * (a 事项编号, safe as part of a file name). */
bool yousu__hl_item_no_ok(const char *s);

/* yousu__hl_code_ok: a centre code, 2-16 of A-Z 0-9. */
bool yousu__hl_code_ok(const char *s);

/* yousu__hl_areas_match resolves one text (the "area" of a form given as
 * text) into *out: "<county>[blanks or '/'][<township>]", or a township
 * alone when no county name starts it and only one county has it.
 * YOUSU_NOTFOUND with a message (not naming the field) otherwise. */
yousu_err yousu__hl_areas_match(const yousu_hotline_areas *a, const char *text,
    yousu_hotline_route *out, char *msg, size_t msglen);

#endif
