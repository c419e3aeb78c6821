/* yousu — repeat complaints (重复件): the keys a complaint is found by
 * when the same person, organisation or problem comes back. The phone
 * number and the organisation's name are keys as they are; the text is
 * found by MinHash over its character trigrams (locality-sensitive
 * hashing: texts whose trigram sets are alike share a band key with a
 * high probability), each key scoped to the township, so that a lookup
 * is a few index reads at any store size; candidates are then checked
 * by their trigram similarity (Jaccard). */
#ifndef YOUSU_REPEATS_H
#define YOUSU_REPEATS_H

#include <stdbool.h>
#include <stddef.h>

#define YOUSU_REPEAT_BANDS 16 /* text keys a complaint gets */
#define YOUSU_REPEAT_KEYS  (YOUSU_REPEAT_BANDS + 2)
#define YOUSU_REPEAT_KEY   96 /* a key's bytes, NUL included */

/* yousu_repeat_keys fills keys with those of a complaint of township
 * origin, phone (or NULL), organisation name (or NULL: a person) and
 * text (or NULL); returns how many. */
int yousu_repeat_keys(const char *origin, const char *phone, const char *org,
    const char *text, char keys[YOUSU_REPEAT_KEYS][YOUSU_REPEAT_KEY]);

/* yousu_repeat_similarity: the Jaccard similarity of the character
 * trigram sets of a and b, 0..1 (0 when either has none). */
double yousu_repeat_similarity(const char *a, const char *b);

/* The similarity from which a text is offered as the same problem. */
#define YOUSU_REPEAT_SIMILAR 0.3 /* pg_trgm's default */

#endif
