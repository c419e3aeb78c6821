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

/* yousu_utf8_len returns the length (1-4) of the well-formed UTF-8
 * character at s[0..n) (s need not end in NUL), or 0 if there is none
 * there (the same rules as yousu_utf8_next; a NUL is a character). */
size_t yousu_utf8_len(const char *s, size_t n);

/* yousu_text_chars_n returns how many characters s[0..n) holds, or -1
 * if it is not UTF-8 or holds a control character (newlines and tabs are
 * allowed when lines is true). */
long yousu_text_chars_n(const char *s, size_t n, bool lines);

/* yousu_text_clip writes s cut to its first chars characters into buf
 * (len bytes; 4 * chars + 4 are enough), ending in "…" when cut;
 * returns buf. */
const char *yousu_text_clip(const char *s, size_t chars, char *buf, size_t len);

/* yousu_text_cut_whole drops a character cut short at the end of s (a
 * message cut to its buffer), so that s stays UTF-8. */
void yousu_text_cut_whole(char *s);

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
