/* yousu — unit tests for the JSON printer (common/base/json.c): the text it
 * writes is what cJSON writes, byte for byte, for everything the store
 * and the link print, and reads back to the same value otherwise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/json.h"

/* Print text both ways; they must agree byte for byte. */
static void
same_as_cjson(const char *text)
{
	cJSON *v = cJSON_Parse(text);
	char *ours, *theirs;

	assert_non_null(v);
	ours = yousu__json_print(v);
	theirs = cJSON_PrintUnformatted(v);
	assert_non_null(ours);
	assert_string_equal(ours, theirs);
	free(ours);
	free(theirs);
	cJSON_Delete(v);
}

static void
test_documents(void **state)
{
	(void) state;
	same_as_cjson("{}");
	same_as_cjson("[]");
	same_as_cjson("{\"a\":[1,2,[3,{}]],\"b\":{\"c\":null}}");
	same_as_cjson("{\"events\":1,\"updated_at\":1790211600,\"id\":\"N00-"
	              "20260924001\",\"name\":\"群众1\",\"anonymous\":false,"
	              "\"is_org\":true,\"content\":\"第1件：材料齐全\"}");
	same_as_cjson("[0,-1,-0,999999999999999,-999999999999999,"
	              "123456789012,1790211600]");
}

static void
test_escapes(void **state)
{
	(void) state;
	same_as_cjson("[\"q\\\"b\\\\s\\/n\\nr\\rt\\tb\\bf\\f\"]");
	same_as_cjson("[\"\\u0001\\u001f\\u007f é 中文 \\ud83d\\ude00\"]");
	same_as_cjson("{\"键\\n名\":\"值\"}");
}

/* Fractions and huge numbers read back to the same double. */
static void
test_doubles(void **state)
{
	const double vals[] = {0.5, -2.25, 0.1, 1.0 / 3, 1e300, -1e-300, 9.5e15,
	    1e16, 123456789.123456789};

	(void) state;
	for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
		cJSON *n = cJSON_CreateNumber(vals[i]), *back;
		char *text = yousu__json_print(n);

		assert_non_null(text);
		back = cJSON_Parse(text);
		assert_non_null(back);
		assert_true(back->valuedouble == vals[i]);
		cJSON_Delete(back);
		cJSON_Delete(n);
		free(text);
	}
}

/* What JSON cannot carry becomes null, as in cJSON; raw text is kept. */
static void
test_special(void **state)
{
	cJSON *a = cJSON_CreateArray();
	char *text;

	(void) state;
	cJSON_AddItemToArray(a, cJSON_CreateNumber(NAN));
	cJSON_AddItemToArray(a, cJSON_CreateNumber(INFINITY));
	cJSON_AddItemToArray(a, cJSON_CreateRaw("{\"x\":1}"));
	text = yousu__json_print(a);
	assert_string_equal(text, "[null,null,{\"x\":1}]");
	free(text);
	cJSON_Delete(a);
	assert_null(yousu__json_print(NULL));
}

/* A nesting deeper than any document is refused, not a stack overflow. */
static void
test_deep(void **state)
{
	cJSON *root = cJSON_CreateArray(), *cur = root;

	(void) state;
	for (int i = 0; i < 5000; i++) {
		cJSON *next = cJSON_CreateArray();

		cJSON_AddItemToArray(cur, next);
		cur = next;
	}
	assert_null(yousu__json_print(root));
	cJSON_Delete(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_documents),
	    cmocka_unit_test(test_escapes),
	    cmocka_unit_test(test_doubles),
	    cmocka_unit_test(test_special),
	    cmocka_unit_test(test_deep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
