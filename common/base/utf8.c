/* Strict UTF-8 and blank text. */
#include <stdio.h>
#include <string.h>

#include "yousu/utf8.h"

/* The one decoder: the character at s[0..n) into *cp, its length, or 0
 * when there is no well-formed one (overlong forms, surrogates, past
 * U+10FFFF, a sequence cut short). */
static size_t
decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t len = c < 0x80                ? 1
	             : c >= 0xC2 && c < 0xE0 ? 2
	             : c >= 0xE0 && c < 0xF0 ? 3
	             : c >= 0xF0 && c < 0xF5 ? 4
	                                     : 0;

	if (len == 0 || len > n)
		return 0;
	if (len == 1) {
		*cp = c;
		return 1;
	}
	c &= 0x3Fu >> (len - 1);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3Fu);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	*cp = c;
	return len;
}

size_t
yousu_utf8_next(const char *str, uint32_t *cp)
{
	size_t n = yousu_utf8_len(str, strnlen(str, 4) + 1);

	if (n == 0)
		*cp = 0xFFFD;
	else
		decode((const unsigned char *) str, n, cp);
	return n;
}

size_t
yousu_utf8_len(const char *s, size_t n)
{
	uint32_t cp;

	return n == 0 ? 0 : decode((const unsigned char *) s, n, &cp);
}

long
yousu_text_chars_n(const char *s, size_t n, bool lines)
{
	const unsigned char *u = (const unsigned char *) s;
	long chars = 0;

	for (size_t i = 0, k; i < n; chars++, i += k) {
		if ((k = yousu_utf8_len(s + i, n - i)) == 0 || u[i] == 0x7f)
			return -1;
		if (u[i] < 0x20 &&
		    !(lines && (u[i] == '\n' || u[i] == '\t' || u[i] == '\r')))
			return -1;
	}
	return chars;
}

const char *
yousu_text_clip(const char *s, size_t chars, char *buf, size_t len)
{
	size_t i = 0, n = 0, k;

	for (; s[i] && n < chars; i += k, n++)
		if ((k = yousu_utf8_len(s + i, strnlen(s + i, 4))) == 0)
			k = 1; /* a broken byte counts as one */
	snprintf(buf, len, "%.*s%s", (int) i, s, s[i] ? "…" : "");
	return buf;
}

bool
yousu_utf8_valid(const char *s)
{
	uint32_t cp;
	size_t n;

	for (; *s; s += n)
		if ((n = yousu_utf8_next(s, &cp)) == 0)
			return false;
	return true;
}

size_t
yousu_utf8_chars(const char *s)
{
	uint32_t cp;
	size_t n, count = 0;

	for (; *s; s += n ? n : 1, count++)
		n = yousu_utf8_next(s, &cp);
	return count;
}

int
yousu_char_width(uint32_t cp)
{
	/* East Asian wide and fullwidth ranges */
	return (cp >= 0x1100 && cp <= 0x115F) ||
	               (cp >= 0x2E80 && cp <= 0xA4CF) ||
	               (cp >= 0xAC00 && cp <= 0xD7A3) ||
	               (cp >= 0xF900 && cp <= 0xFAFF) ||
	               (cp >= 0xFE30 && cp <= 0xFE4F) ||
	               (cp >= 0xFF00 && cp <= 0xFF60) ||
	               (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000
	           ? 2
	           : 1;
}

int
yousu_text_width(const char *s)
{
	uint32_t cp;
	size_t n;
	int w = 0;

	for (; s != NULL && *s; s += n) {
		if ((n = yousu_utf8_next(s, &cp)) == 0) {
			n = 1;
			cp = '?';
		}
		w += yousu_char_width(cp);
	}
	return w;
}

static bool
is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 ||
	       (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp == 0xFEFF;
}

bool
yousu_text_blank_n(const char *s, size_t n)
{
	char buf[8];
	uint32_t cp;
	size_t i = 0, k;

	while (s != NULL && i < n && s[i] != '\0') {
		/* a character cut by n is not a blank */
		k = n - i < sizeof buf - 1 ? n - i : sizeof buf - 1;
		memcpy(buf, s + i, k);
		buf[k] = '\0';
		if ((k = yousu_utf8_next(buf, &cp)) == 0 || !is_space(cp))
			return false;
		i += k;
	}
	return true;
}

bool
yousu_text_blank(const char *s)
{
	return s == NULL || yousu_text_blank_n(s, strlen(s));
}

#define CLOSE_MAX 64 /* characters compared at most */

/* s as code points into cp (at most CLOSE_MAX); how many. */
static size_t
code_points(const char *s, uint32_t *cp)
{
	size_t n = 0, k;

	while (*s && n < CLOSE_MAX) {
		if ((k = yousu_utf8_next(s, &cp[n])) == 0) {
			cp[n] = (unsigned char) *s;
			k = 1;
		}
		s += k;
		n++;
	}
	return n;
}

/* ASCII letters compared without case: "scj" is a slip for "SCJ". */
static uint32_t
fold(uint32_t c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The edit distance of a[0..na) and b[0..nb), a swap of two neighbours
 * counting as one edit ("SJC" for "SCJ"). */
static size_t
distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	uint8_t d[CLOSE_MAX + 1][CLOSE_MAX + 1];
	size_t v;

	for (size_t i = 0; i <= na; i++)
		d[i][0] = (uint8_t) i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = (uint8_t) j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			v = d[i - 1][j - 1] +
			    (fold(a[i - 1]) != fold(b[j - 1]));
			if (d[i - 1][j] + 1u < v)
				v = d[i - 1][j] + 1u;
			if (d[i][j - 1] + 1u < v)
				v = d[i][j - 1] + 1u;
			if (i > 1 && j > 1 &&
			    fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) &&
			    d[i - 2][j - 2] + 1u < v)
				v = d[i - 2][j - 2] + 1u;
			d[i][j] = (uint8_t) v;
		}
	return d[na][nb];
}

const char *
yousu_text_closest(const char *input, const char *const *words, size_t n)
{
	uint32_t a[CLOSE_MAX], b[CLOSE_MAX];
	size_t na, nb, d, best = (size_t) -1, limit;
	const char *pick = NULL;

	if (input == NULL)
		return NULL;
	na = code_points(input, a);
	limit = na / 3 > 1 ? na / 3 : 1;
	for (size_t i = 0; i < n; i++) {
		if (words[i] == NULL || strcmp(words[i], input) == 0)
			continue;
		nb = code_points(words[i], b);
		d = distance(a, na, b, nb);
		if (d < best) {
			best = d;
			pick = words[i];
		}
	}
	return best <= limit ? pick : NULL;
}

void
yousu_text_cut_whole(char *s)
{
	size_t n = strlen(s), i = n;

	/* back to the start of the last character; drop it when broken */
	while (i > 0 && n - i < 4 && ((unsigned char) s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && (unsigned char) s[i - 1] >= 0xC0 &&
	    yousu_utf8_len(s + i - 1, n - i + 1) == 0)
		s[i - 1] = '\0';
}
