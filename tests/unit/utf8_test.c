/* yousu — unit tests for the one strict UTF-8 module (common/base/utf8.c):
 * the decoder's refusals (overlong forms, surrogates, past U+10FFFF,
 * sequences cut short or by a NUL), counting characters with and without
 * control characters, cutting text with "…", terminal widths of 汉字 and
 * 全角 characters, blank text with Unicode spaces, and did-you-mean. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "yousu/utf8.h"

static void
test_decoder(void **state)
{
	uint32_t cp = 1;

	(void) state;
	assert_int_equal(yousu_utf8_len("A", 1), 1);
	assert_int_equal(yousu_utf8_len("\xC3\xA9", 2), 2);     /* é */
	assert_int_equal(yousu_utf8_len("\xE4\xB8\xAD", 3), 3); /* 中 */
	assert_int_equal(yousu_utf8_len("\xF0\x9F\x98\x80", 4), 4);
	/* overlong forms */
	assert_int_equal(yousu_utf8_len("\xC0\x80", 2), 0);
	assert_int_equal(yousu_utf8_len("\xC1\xBF", 2), 0);
	assert_int_equal(yousu_utf8_len("\xE0\x80\x80", 3), 0);
	assert_int_equal(yousu_utf8_len("\xF0\x80\x80\x80", 4), 0);
	/* surrogates, past U+10FFFF, stray continuation, 0xFF */
	assert_int_equal(yousu_utf8_len("\xED\xA0\x80", 3), 0);
	assert_int_equal(yousu_utf8_len("\xF4\x90\x80\x80", 4), 0);
	assert_int_equal(yousu_utf8_len("\x80", 1), 0);
	assert_int_equal(yousu_utf8_len("\xFF", 1), 0);
	/* cut short by the length, or by a NUL */
	assert_int_equal(yousu_utf8_len("\xE4\xB8\xAD", 2), 0);
	assert_int_equal(yousu_utf8_len("", 0), 0);
	assert_int_equal(yousu_utf8_next("\xE4\xB8", &cp), 0);
	assert_int_equal(yousu_utf8_next("", &cp), 1);
	assert_int_equal(cp, 0);
	assert_int_equal(yousu_utf8_next("\xE4\xB8\xAD", &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_true(yousu_utf8_valid("槐店回族镇"));
	assert_false(yousu_utf8_valid("槐店\xED\xA0\x80"));
}

static void
test_chars(void **state)
{
	(void) state;
	assert_int_equal(yousu_utf8_chars("沈丘县abc"), 6);
	assert_int_equal(yousu_text_chars_n("沈丘县abc", 12, false), 6);
	/* a part of the text only */
	assert_int_equal(yousu_text_chars_n("沈丘县abc", 6, false), 2);
	/* control characters: newline and tab only with lines */
	assert_int_equal(yousu_text_chars_n("a\nb", 3, false), -1);
	assert_int_equal(yousu_text_chars_n("a\nb\tc", 5, true), 5);
	assert_int_equal(yousu_text_chars_n("a\x01", 2, true), -1);
	assert_int_equal(yousu_text_chars_n("a\x7f", 2, true), -1);
	/* not UTF-8 (GBK for 中) */
	assert_int_equal(yousu_text_chars_n("\xD6\xD0", 2, false), -1);
	/* a NUL inside is a control character */
	assert_int_equal(yousu_text_chars_n("a\0b", 3, false), -1);
}

static void
test_clip(void **state)
{
	char buf[64];

	(void) state;
	assert_string_equal(
	    yousu_text_clip("营业执照变更", 4, buf, sizeof buf), "营业执照…");
	assert_string_equal(
	    yousu_text_clip("营业执照", 4, buf, sizeof buf), "营业执照");
	assert_string_equal(yousu_text_clip("", 4, buf, sizeof buf), "");
	assert_string_equal(
	    yousu_text_clip("abcdef", 3, buf, sizeof buf), "abc…");
	/* a broken byte counts as one character and is never split */
	assert_string_equal(yousu_text_clip("\xFF"
	                                    "abc",
	                        2, buf, sizeof buf),
	    "\xFF"
	    "a…");
}

static void
test_width(void **state)
{
	(void) state;
	assert_int_equal(yousu_text_width("abc"), 3);
	assert_int_equal(yousu_text_width("办理中"), 6);
	assert_int_equal(yousu_text_width("（全角）"), 8);
	assert_int_equal(yousu_char_width(0x4E2D), 2);
	assert_int_equal(yousu_char_width('a'), 1);
}

static void
test_blank(void **state)
{
	(void) state;
	assert_true(yousu_text_blank(NULL));
	assert_true(yousu_text_blank(""));
	assert_true(yousu_text_blank(" \t\r\n"));
	assert_true(yousu_text_blank("\xE3\x80\x80")); /* U+3000 全角 */
	assert_true(yousu_text_blank("\xC2\xA0\xE2\x80\x8B"));
	assert_false(yousu_text_blank(" 。"));
	assert_true(yousu_text_blank_n("  x", 2));
	assert_false(yousu_text_blank_n("  x", 3));
}

static void
test_closest(void **state)
{
	const char *words[] = {"intake", "assign", NULL, "case search"};

	(void) state;
	assert_string_equal(yousu_text_closest("intak", words, 4), "intake");
	assert_string_equal(
	    yousu_text_closest("case serch", words, 4), "case search");
	assert_null(yousu_text_closest("intake", words, 4)); /* itself */
	assert_null(yousu_text_closest("zzzzzz", words, 4));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_decoder),
	    cmocka_unit_test(test_chars),
	    cmocka_unit_test(test_clip),
	    cmocka_unit_test(test_width),
	    cmocka_unit_test(test_blank),
	    cmocka_unit_test(test_closest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
