/* yousu — unit tests for the one personal-data list (common/model/personal.c):
 * every field that names, locates or reaches a person is in it, and a
 * complaint stripped by it shows no such thing on any form or ledger
 * column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "yousu/columns.h"
#include "yousu/personal.h"
#include "yousu/query.h"

static bool
in_list(const char *key)
{
	for (const char *const *k = yousu_personal_keys; *k; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

/* Every command field the workflow marks as naming, locating or
 * reaching a person is in the list. */
static void
test_fields_in_list(void **state)
{
	const char *key, *cmd;
	size_t i;

	(void) state;
	for (i = 0; (key = yousu_wf_personal_field(i, &cmd)) != NULL; i++)
		if (!in_list(key))
			fail_msg(
			    "%s's field '%s' is not in yousu_personal_keys",
			    cmd, key);
	assert_true(i >= 10); /* the intake's seven and three notes */
}

/* The markers a complaint is filled with, one for each way a form can
 * show a person. */
static const char *const markers[] = {"标记姓名", "13977770001", "标记地址",
    "标记单位联系人", "标记工作单联系人", "0394-7777002", "标记带班领导",
    "标记回访", "标记联系", "标记反馈", NULL};

/* A complaint whose state holds a marker in every personal field,
 * stripped by the list, shows none of them in any column of the ledger
 * or field of a work order. */
static void
test_stripped_shows_no_one(void **state)
{
	tu_env *e = *state;
	char kinds[2048], *save = NULL, *k, id[32];
	cJSON *d;

	d = tu_ok(e, "intake",
	    "{\"source\":\"window\",\"name\":\"标记姓名\",\"is_org\":true,"
	    "\"org_contact\":\"标记单位联系人\",\"phone\":\"13977770001\","
	    "\"address\":\"标记地址\",\"content\":\"窗口推诿\","
	    "\"order_contact\":\"标记工作单联系人\","
	    "\"order_phone\":\"0394-7777002\",\"duty_leader\":"
	    "\"标记带班领导\"}");
	snprintf(id, sizeof id, "%s", tu_jstr(d, "id"));
	cJSON_Delete(d);
	cJSON_Delete(
	    tu_ok(e, "contact", "{\"id\":\"%s\",\"note\":\"标记联系\"}", id));
	cJSON_Delete(
	    tu_ok(e, "callback", "{\"id\":\"%s\",\"note\":\"标记反馈\"}", id));
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"attitude\"}", id));
	cJSON_Delete(
	    tu_ok(e, "resolve", "{\"id\":\"%s\",\"result\":\"已办\"}", id));
	cJSON_Delete(tu_ok(e, "visit",
	    "{\"id\":\"%s\",\"satisfaction\":\"满意\",\"note\":\"标记回访\"}",
	    id));
	d = tu_doc(e, id);
	yousu_personal_strip(d, false);
	yousu_column_kinds_list(kinds, sizeof kinds);
	for (k = strtok_r(kinds, ", ", &save); k;
	     k = strtok_r(NULL, ", ", &save)) {
		char *cell =
		    yousu_ledger_cell(e->wf, k, d, tu_date("2026-09-24"));

		for (const char *const *m = markers; *m; m++)
			if (strstr(cell, *m) != NULL)
				fail_msg("column '%s' shows '%s' after "
				         "stripping: %s",
				    k, *m, cell);
		free(cell);
	}
	cJSON_Delete(d);
}

/* Found at any depth; free text only when asked for. */
static void
test_find(void **state)
{
	cJSON *r = cJSON_Parse("{\"stats\":{\"groups\":[{\"x\":1},"
	                       "{\"caller\":\"某\"}]},\"content\":\"词\"}");

	(void) state;
	assert_string_equal(yousu_personal_find(r, false), "caller");
	cJSON_DeleteItemFromObject(
	    cJSON_GetArrayItem(
	        cJSON_GetObjectItem(cJSON_GetObjectItem(r, "stats"), "groups"),
	        1),
	    "caller");
	assert_null(yousu_personal_find(r, false));
	assert_string_equal(yousu_personal_find(r, true), "content");
	yousu_personal_strip(r, true);
	assert_null(yousu_personal_find(r, true));
	cJSON_Delete(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fields_in_list),
	    cmocka_unit_test_setup_teardown(
	        test_stripped_shows_no_one, tu_setup, tu_teardown),
	    cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
