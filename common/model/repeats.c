/* Repeat complaints' keys (yousu/repeats.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/repeats.h"
#include "yousu/utf8.h"

#define MAX_TRIGRAMS 512
#define HASHES       (YOUSU_REPEAT_BANDS * 2) /* two per band */

static uint64_t
mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int
by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;

	return x < y ? -1 : x > y;
}

/* The distinct trigrams of text (characters; blanks and punctuation
 * below U+0030 left out), hashed and sorted; returns how many. */
static int
trigrams(const char *text, uint64_t *out)
{
	uint32_t c[3] = {0}, cp;
	int have = 0, n = 0;

	for (const char *s = text; s != NULL && *s && n < MAX_TRIGRAMS;) {
		size_t len = yousu_utf8_next(s, &cp);

		if (len == 0)
			break;
		s += len;
		if (cp < 0x30 || cp == 0x3000 || cp == 0xFF0C || cp == 0x3002)
			continue; /* spaces, ASCII and Chinese punctuation */
		c[0] = c[1];
		c[1] = c[2];
		c[2] = cp;
		if (++have >= 3)
			out[n++] = mix(((uint64_t) c[0] << 42) ^
			               ((uint64_t) c[1] << 21) ^ c[2]);
	}
	qsort(out, (size_t) n, sizeof *out, by_value);
	{
		int k = 0;

		for (int i = 0; i < n; i++)
			if (k == 0 || out[i] != out[k - 1])
				out[k++] = out[i];
		n = k;
	}
	return n;
}

int
yousu_repeat_keys(const char *origin, const char *phone, const char *org,
    const char *text, char keys[YOUSU_REPEAT_KEYS][YOUSU_REPEAT_KEY])
{
	uint64_t *t = malloc(MAX_TRIGRAMS * sizeof *t), mins[HASHES];
	int n = 0, nt;

	if (phone != NULL && *phone) {
		char digits[32];
		size_t k = 0;

		for (const char *p = phone; *p && k + 1 < sizeof digits; p++)
			if (*p >= '0' && *p <= '9')
				digits[k++] = *p;
		digits[k] = '\0';
		if (k >= 5)
			snprintf(keys[n++], YOUSU_REPEAT_KEY, "p:%s", digits);
	}
	if (org != NULL && *org)
		snprintf(keys[n++], YOUSU_REPEAT_KEY, "o:%.80s", org);
	if (t == NULL || (nt = trigrams(text, t)) < 2) {
		free(t);
		return n;
	}
	for (int h = 0; h < HASHES; h++) {
		uint64_t seed = mix(0x9e3779b97f4a7c15ull * (uint64_t) (h + 1));

		mins[h] = UINT64_MAX;
		for (int i = 0; i < nt; i++) {
			uint64_t v = mix(t[i] ^ seed);

			if (v < mins[h])
				mins[h] = v;
		}
	}
	free(t);
	for (int b = 0; b < YOUSU_REPEAT_BANDS; b++)
		snprintf(keys[n++], YOUSU_REPEAT_KEY, "s:%.16s:%d:%016llx",
		    origin ? origin : "-", b,
		    (unsigned long long) mix(
		        mins[2 * b] ^ mix(mins[2 * b + 1])));
	return n;
}

double
yousu_repeat_similarity(const char *a, const char *b)
{
	uint64_t *x = malloc(MAX_TRIGRAMS * sizeof *x);
	uint64_t *y = malloc(MAX_TRIGRAMS * sizeof *y);
	int nx, ny, i = 0, j = 0, both = 0;
	double r = 0;

	if (x != NULL && y != NULL) {
		nx = trigrams(a, x);
		ny = trigrams(b, y);
		while (i < nx && j < ny) {
			if (x[i] == y[j])
				both++, i++, j++;
			else if (x[i] < y[j])
				i++;
			else
				j++;
		}
		if (nx + ny - both > 0 && nx > 0 && ny > 0)
			r = (double) both / (double) (nx + ny - both);
	}
	free(x);
	free(y);
	return r;
}
