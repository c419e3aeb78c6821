/* yousu — strict UTF-8 and the text rules shared by every input. */
#ifndef YOUSU_UTF8_H
#define YOUSU_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* yousu_utf8_next decodes the character at s in *cp and returns its
 * length in bytes; 0 when s does not start a valid UTF-8 sequence
 * (overlong forms, surrogates and code points past U+10FFFF are
 * invalid). Never reads past a NUL. A NUL itself is length 1, *cp 0. */
size_t yousu_utf8_next(const char *s, uint32_t *cp);

/* yousu_utf8_valid tells whether the NUL-terminated s is valid UTF-8. */
bool yousu_utf8_valid(const char *s);

/* yousu_utf8_chars counts the characters (code points) of s; a byte of a
 * broken sequence counts as one. */
size_t yousu_utf8_chars(const char *s);

/* yousu_text_blank tells whether s holds nothing but blanks: ASCII
 * spaces, tabs and line breaks, the no-break and ideographic (全角)
 * spaces and the other Unicode spaces (U+2000..U+200B, U+202F, U+205F,
 * U+FEFF). NULL and "" are blank. */
bool yousu_text_blank(const char *s);

/* yousu_text_blank_n: the same for the n bytes at s. */
bool yousu_text_blank_n(const char *s, size_t n);

/* yousu_char_width returns the columns a terminal gives character cp: 2
 * for East Asian wide and fullwidth ones (汉字, 全角), 1 for others. */
int yousu_char_width(uint32_t cp);

/* yousu_text_width returns the columns s takes in a terminal (a byte of a
 * broken sequence counts as one). */
int yousu_text_width(const char *s);

/* yousu_text_closest returns the one of the n words (NULL entries are
 * skipped) closest to input by edit distance over characters, when it is
 * close enough to be a slip of the keyboard (at most a third of its
 * length, at least one, and not input itself); NULL otherwise. For "did
 * you mean" in messages. */
const char *yousu_text_closest(
    const char *input, const char *const *words, size_t n);

#endif
