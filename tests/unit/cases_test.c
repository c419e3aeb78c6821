/* yousu — unit tests for guidance cases (common/workflow/cases.c, 002 article
 * 11): only a closed complaint is proposed, the county publishes or
 * returns it, the case carries no personal data, and published cases are
 * found by Chinese substrings of three characters (trigram index) and of
 * two (the fallback scan), best match first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "yousu/cases.h"

/* A complaint with content taken through to closed (当场办结, visit,
 * close); its id in id. */
static void
closed_complaint(tu_env *e, const char *content, char id[32])
{
	cJSON *doc = tu_ok(e, "intake",
	    "{\"source\":\"window\",\"name\":\"王建国\","
	    "\"phone\":\"13903940001\",\"address\":\"槐店镇文化路12号\","
	    "\"content\":\"%s\"}",
	    content);

	snprintf(id, 32, "%s", tu_jstr(doc, "id"));
	cJSON_Delete(doc);
	cJSON_Delete(tu_ok(
	    e, "classify", "{\"id\":\"%s\",\"category\":\"blocked\"}", id));
	cJSON_Delete(
	    tu_ok(e, "resolve", "{\"id\":\"%s\",\"result\":\"当场办结\"}", id));
	cJSON_Delete(tu_ok(
	    e, "visit", "{\"id\":\"%s\",\"satisfaction\":\"satisfied\"}", id));
	cJSON_Delete(tu_ok(e, "close", "{\"id\":\"%s\"}", id));
}

static yousu_err
propose(tu_env *e, const char *complaint, const char *title, const char *method,
    const char *conclusion, cJSON **out)
{
	yousu_case_proposal p = {
	    complaint, title, method, conclusion, "李娜", "SQ", 2026, e->now};

	*out = NULL;
	e->err[0] = '\0';
	return yousu_cases_propose(e->st, &p, out, e->err, sizeof e->err);
}

/* Propose and publish; the case id in id. */
static void
published(tu_env *e, const char *complaint, const char *title,
    const char *method, const char *conclusion, char id[64])
{
	cJSON *c = NULL;

	if (propose(e, complaint, title, method, conclusion, &c) != YOUSU_OK)
		fail_msg("propose: %s", e->err);
	snprintf(id, 64, "%s", tu_jstr(c, "id"));
	cJSON_Delete(c);
	if (yousu_cases_review(e->st, id, true, "县政务服务中心", "同意发布",
	        e->now, &c, e->err, sizeof e->err) != YOUSU_OK)
		fail_msg("publish: %s", e->err);
	assert_string_equal(tu_jstr(c, "status"), "published");
	cJSON_Delete(c);
}

/* The ids the search for text returns, "a,b,c". */
static const char *
found(tu_env *e, const char *text)
{
	static char buf[512];
	cJSON *r = NULL;
	const cJSON *c;
	size_t off = 0;

	if (yousu_cases_search(e->st, text, 10, &r, e->err, sizeof e->err))
		fail_msg("search '%s': %s", text, e->err);
	buf[0] = '\0';
	cJSON_ArrayForEach (c, r)
		off += (size_t) snprintf(buf + off, sizeof buf - off, "%s%s",
		    off ? "," : "", tu_jstr(c, "id"));
	cJSON_Delete(r);
	return buf;
}

static int
count_cases(tu_env *e)
{
	cJSON *all = NULL;
	int n;

	assert_int_equal(
	    yousu_cases_list(e->st, NULL, 0, &all, e->err, sizeof e->err),
	    YOUSU_OK);
	n = cJSON_GetArraySize(all);
	cJSON_Delete(all);
	return n;
}

static void
test_only_closed(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *c = NULL;

	tu_intake(e, id);
	assert_int_equal(
	    propose(e, id, NULL, "协调办理", "已办结", &c), YOUSU_STATE);
	assert_null(c);
	tu_has(e->err, "only a closed complaint");
	tu_has(e->err, "已登记");
	assert_int_equal(propose(e, "HD-20990101001", NULL, "协调", "办结", &c),
	    YOUSU_NOTFOUND);
	tu_has(e->err, "no complaint 'HD-20990101001'");
	closed_complaint(e, "社保卡补办被要求回户籍地", id);
	assert_int_equal(propose(e, id, NULL, "   ", "办结", &c), YOUSU_INVAL);
	tu_has(e->err, "'method'");
	assert_int_equal(propose(e, id, NULL, "协调", NULL, &c), YOUSU_INVAL);
	tu_has(e->err, "'conclusion'");
	assert_int_equal(
	    propose(e, id, NULL, "协调\xff\xfe", "办结", &c), YOUSU_INVAL);
	tu_has(e->err, "UTF-8");
	assert_int_equal(count_cases(e), 0);
}

static void
test_no_personal_data(void **state)
{
	tu_env *e = *state;
	char id[32];
	cJSON *c = NULL;

	closed_complaint(e,
	    "王建国反映社保卡补办材料齐全但窗口三次未受理，住槐店镇文化路12号"
	    "，电话13903940001，身份证41162319800101123X",
	    id);
	assert_int_equal(
	    propose(e, id, NULL, "窗口当场补办", "已当场补办社保卡", &c),
	    YOUSU_OK);
	assert_string_equal(tu_jstr(c, "id"), "SQ-案例-2026-001");
	assert_string_equal(tu_jstr(c, "status"), "proposed");
	assert_string_equal(tu_jstr(c, "complaint"), id);
	assert_string_equal(tu_jstr(c, "category"), "blocked");
	assert_string_equal(tu_jstr(c, "proposer"), "李娜");
	assert_null(strstr(tu_jstr(c, "summary"), "王建国"));
	assert_null(strstr(tu_jstr(c, "summary"), "13903940001"));
	assert_null(strstr(tu_jstr(c, "summary"), "文化路"));
	assert_null(strstr(tu_jstr(c, "summary"), "19800101"));
	tu_has(tu_jstr(c, "summary"), "某某反映社保卡补办材料齐全");
	/* the default title is the summary's start, 30 characters */
	tu_has(tu_jstr(c, "title"), "某某反映社保卡补办");
	tu_has(tu_jstr(c, "title"), "…");
	cJSON_Delete(c);
	/* and nothing personal anywhere in the stored row */
	assert_int_equal(yousu_cases_show(e->st, "SQ-案例-2026-001", &c, e->err,
	                     sizeof e->err),
	    YOUSU_OK);
	{
		char *text = cJSON_PrintUnformatted(c);

		assert_null(strstr(text, "王建国"));
		assert_null(strstr(text, "13903940001"));
		free(text);
	}
	cJSON_Delete(c);
}

static void
test_publish_and_search(void **state)
{
	tu_env *e = *state;
	char id[32], cid[64];
	cJSON *c = NULL;

	closed_complaint(e, "社保卡补办材料齐全但窗口三次未受理", id);
	assert_int_equal(propose(e, id, "社保卡补办被拒", "人社局窗口当场补办",
	                     "材料齐全应当场受理，已补办", &c),
	    YOUSU_OK);
	snprintf(cid, sizeof cid, "%s", tu_jstr(c, "id"));
	cJSON_Delete(c);
	/* proposed: not found yet */
	assert_string_equal(found(e, "社保卡"), "");
	/* a second proposal while one is pending is refused */
	assert_int_equal(propose(e, id, NULL, "再提", "再提", &c), YOUSU_STATE);
	tu_has(e->err, "already case SQ-案例-2026-001");
	assert_int_equal(yousu_cases_review(e->st, cid, true, "县中心", NULL,
	                     e->now, &c, e->err, sizeof e->err),
	    YOUSU_OK);
	assert_string_equal(tu_jstr(c, "reviewer"), "县中心");
	assert_int_equal(tu_jint(c, "reviewed_at"), e->now);
	cJSON_Delete(c);
	/* 3+ characters: the trigram index, in any field */
	assert_string_equal(found(e, "社保卡"), cid);
	assert_string_equal(found(e, "三次未受理"), cid);
	assert_string_equal(found(e, "当场补办"), cid);
	assert_string_equal(found(e, "应当场受理"), cid);
	/* two characters (six bytes): the fallback */
	assert_string_equal(found(e, "社保"), cid);
	assert_string_equal(found(e, "补办"), cid);
	assert_string_equal(found(e, "户籍"), "");
	assert_string_equal(found(e, "公积金"), "");
	/* published once: neither proposed again nor reviewed again */
	assert_int_equal(propose(e, id, NULL, "再提", "再提", &c), YOUSU_STATE);
	tu_has(e->err, "已发布");
	assert_int_equal(yousu_cases_review(e->st, cid, false, "县中心", "撤回",
	                     e->now, &c, e->err, sizeof e->err),
	    YOUSU_STATE);
	tu_has(e->err, "only a case awaiting review");
}

static void
test_returned_not_found(void **state)
{
	tu_env *e = *state;
	char id[32], cid[64];
	cJSON *c = NULL, *list = NULL;

	closed_complaint(e, "户籍迁移需开具无犯罪证明被多次退回", id);
	assert_int_equal(
	    propose(e, id, NULL, "派出所协调", "已办结", &c), YOUSU_OK);
	snprintf(cid, sizeof cid, "%s", tu_jstr(c, "id"));
	cJSON_Delete(c);
	assert_int_equal(yousu_cases_review(e->st, cid, false, "县中心", NULL,
	                     e->now, &c, e->err, sizeof e->err),
	    YOUSU_INVAL);
	tu_has(e->err, "needs a note");
	assert_int_equal(yousu_cases_review(e->st, cid, false, "县中心",
	                     "不具代表性", e->now, &c, e->err, sizeof e->err),
	    YOUSU_OK);
	assert_string_equal(tu_jstr(c, "status"), "returned");
	assert_string_equal(tu_jstr(c, "review_note"), "不具代表性");
	cJSON_Delete(c);
	assert_string_equal(found(e, "无犯罪证明"), "");
	assert_string_equal(found(e, "户籍"), "");
	/* a returned case may be proposed again, under a new id */
	assert_int_equal(propose(e, id, NULL, "派出所协调，一次告知",
	                     "已办结并形成告知单", &c),
	    YOUSU_OK);
	assert_string_equal(tu_jstr(c, "id"), "SQ-案例-2026-002");
	cJSON_Delete(c);
	assert_int_equal(yousu_cases_list(e->st, "returned", 0, &list, e->err,
	                     sizeof e->err),
	    YOUSU_OK);
	assert_int_equal(cJSON_GetArraySize(list), 1);
	cJSON_Delete(list);
	assert_int_equal(
	    yousu_cases_list(e->st, "待审核", 0, &list, e->err, sizeof e->err),
	    YOUSU_OK);
	assert_int_equal(cJSON_GetArraySize(list), 1);
	cJSON_Delete(list);
	assert_int_equal(
	    yousu_cases_list(e->st, "done", 0, &list, e->err, sizeof e->err),
	    YOUSU_INVAL);
	tu_has(e->err, "published (已发布)");
}

static void
test_ranking(void **state)
{
	tu_env *e = *state;
	char a[32], b[32], c3[32], ca[64], cb[64], cc[64];
	char want[256];

	closed_complaint(e, "营业执照变更时窗口要求提供社保卡复印件", b);
	published(e, b, "营业执照变更", "市场监管局窗口一次办结",
	    "取消社保卡复印件要求", cb);
	closed_complaint(e, "社保卡补办三次未办成，社保卡丢失无法就医", a);
	published(e, a, "社保卡补办", "人社局当场补办社保卡",
	    "社保卡补办当场办结", ca);
	closed_complaint(e, "公积金提取被要求重复提交材料", c3);
	published(
	    e, c3, "公积金提取", "公积金中心一次告知", "不再重复提交材料", cc);
	/* bm25: the case about 社保卡 throughout comes first */
	snprintf(want, sizeof want, "%s,%s", ca, cb);
	assert_string_equal(found(e, "社保卡"), want);
	/* two words: the case with both first (补办: a short one) */
	assert_string_equal(found(e, "营业执照 社保卡"),
	    (snprintf(want, sizeof want, "%s,%s", cb, ca), want));
	assert_string_equal(found(e, "社保 补办"),
	    (snprintf(want, sizeof want, "%s,%s", ca, cb), want));
	/* short words only: by how often they occur */
	assert_string_equal(found(e, "社保"),
	    (snprintf(want, sizeof want, "%s,%s", ca, cb), want));
	/* punctuation separates words */
	assert_string_equal(found(e, "公积金，提取"), cc);
	{
		cJSON *r = NULL;

		assert_int_equal(yousu_cases_search(e->st, "社保卡", 1, &r,
		                     e->err, sizeof e->err),
		    YOUSU_OK);
		assert_int_equal(cJSON_GetArraySize(r), 1);
		assert_int_equal(
		    tu_jint(cJSON_GetArrayItem(r, 0), "matched"), 1);
		cJSON_Delete(r);
	}
}

static void
test_similar(void **state)
{
	tu_env *e = *state;
	char a[32], b[32], ca[64], cb[64];
	cJSON *r = NULL;

	closed_complaint(e, "社保卡补办三次未办成", a);
	published(
	    e, a, "社保卡补办", "人社局当场补办", "社保卡补办当场办结", ca);
	closed_complaint(e, "公积金提取被要求重复提交材料", b);
	published(e, b, "公积金提取", "一次告知", "不再重复提交材料", cb);
	assert_int_equal(yousu_cases_similar(e->st,
	                     "我的社保卡丢了，去窗口说要等一个月", 3, &r),
	    YOUSU_OK);
	assert_int_equal(cJSON_GetArraySize(r), 1);
	assert_string_equal(tu_jstr(cJSON_GetArrayItem(r, 0), "id"), ca);
	assert_string_equal(tu_jstr(cJSON_GetArrayItem(r, 0), "conclusion"),
	    "社保卡补办当场办结");
	assert_null(tu_jstr(cJSON_GetArrayItem(r, 0), "summary"));
	cJSON_Delete(r);
	/* nothing in common, or only particles: nothing */
	assert_int_equal(
	    yousu_cases_similar(e->st, "营业执照变更登记被拖延", 3, &r),
	    YOUSU_OK);
	assert_int_equal(cJSON_GetArraySize(r), 0);
	cJSON_Delete(r);
	assert_int_equal(
	    yousu_cases_similar(e->st, "我的了吗", 3, &r), YOUSU_OK);
	assert_int_equal(cJSON_GetArraySize(r), 0);
	cJSON_Delete(r);
}

static void
test_unknown_and_bad(void **state)
{
	tu_env *e = *state;
	cJSON *c = NULL;
	char words[128] = "";

	assert_int_equal(yousu_cases_show(e->st, "SQ-案例-2026-999", &c, e->err,
	                     sizeof e->err),
	    YOUSU_NOTFOUND);
	tu_has(e->err, "no case 'SQ-案例-2026-999'");
	assert_int_equal(yousu_cases_review(e->st, "SQ-案例-2026-999", true,
	                     "县中心", NULL, e->now, &c, e->err, sizeof e->err),
	    YOUSU_NOTFOUND);
	assert_null(c);
	assert_int_equal(
	    yousu_cases_search(e->st, "，。 ", 10, &c, e->err, sizeof e->err),
	    YOUSU_INVAL);
	tu_has(e->err, "no word");
	assert_int_equal(
	    yousu_cases_search(e->st, "社保", 0, &c, e->err, sizeof e->err),
	    YOUSU_INVAL);
	for (int i = 0; i < 17; i++)
		snprintf(words + strlen(words), sizeof words - strlen(words),
		    "w%d ", i);
	assert_int_equal(
	    yousu_cases_search(e->st, words, 10, &c, e->err, sizeof e->err),
	    YOUSU_INVAL);
	tu_has(e->err, "at most 16");
	assert_null(c);
	/* broken UTF-8 is a separator, never a crash */
	assert_int_equal(yousu_cases_search(e->st, "\xff\xfe社保\xe7\x94", 10,
	                     &c, e->err, sizeof e->err),
	    YOUSU_OK);
	cJSON_Delete(c);
	assert_int_equal(
	    yousu_cases_similar(e->st, "\xe7\xa4社保卡\xff补办证明\xe7", 3, &c),
	    YOUSU_OK);
	cJSON_Delete(c);
	/* on an empty store: no result, no error */
	assert_int_equal(
	    yousu_cases_search(e->st, "社保卡", 10, &c, e->err, sizeof e->err),
	    YOUSU_OK);
	assert_int_equal(cJSON_GetArraySize(c), 0);
	cJSON_Delete(c);
}

/* The FTS index follows the cases table through a reopen (it is part of
 * the store, migration 3). */
/* What arrives over the link: the parent's publications are stored and
 * searchable; a child may send only its own proposals; a bad record is
 * refused with its reason and stores nothing. */
static void
test_receive(void **state)
{
	tu_env *e = *state;
	const char *pub =
	    "{\"id\":\"SQ-案例-2026-009\",\"complaint\":"
	    "\"HE-20260901001\",\"title\":\"营业执照变更一次办结\","
	    "\"summary\":\"某某办理营业执照变更被要求多次跑\","
	    "\"method\":\"一次告知\",\"conclusion\":\"一次办结\","
	    "\"proposer\":\"和尚镇\",\"proposed_at\":1790211600,"
	    "\"status\":\"published\",\"reviewer\":\"县中心\"}";
	cJSON *rec = cJSON_Parse(pub);

	assert_int_equal(
	    yousu_cases_receive(e->st, rec, "SQ", true, e->err, sizeof e->err),
	    YOUSU_OK);
	assert_string_equal(found(e, "营业执照"), "SQ-案例-2026-009");
	/* received again (a resend): updated, not doubled */
	assert_int_equal(
	    yousu_cases_receive(e->st, rec, "SQ", true, e->err, sizeof e->err),
	    YOUSU_OK);
	assert_int_equal(count_cases(e), 1);
	/* a child sending the county's case, or a publication */
	assert_int_equal(
	    yousu_cases_receive(e->st, rec, "HE", false, e->err, sizeof e->err),
	    YOUSU_PERM);
	tu_has(e->err, "only its own proposals");
	cJSON_ReplaceItemInObject(
	    rec, "id", cJSON_CreateString("HE-案例-2026-001"));
	assert_int_equal(
	    yousu_cases_receive(e->st, rec, "HE", false, e->err, sizeof e->err),
	    YOUSU_PERM);
	cJSON_ReplaceItemInObject(
	    rec, "status", cJSON_CreateString("proposed"));
	cJSON_ReplaceItemInObject(
	    rec, "complaint", cJSON_CreateString("HE-20260901002"));
	assert_int_equal(
	    yousu_cases_receive(e->st, rec, "HE", false, e->err, sizeof e->err),
	    YOUSU_OK);
	assert_int_equal(count_cases(e), 2);
	/* bad records */
	cJSON_ReplaceItemInObject(rec, "status", cJSON_CreateString("done"));
	assert_int_equal(
	    yousu_cases_receive(e->st, rec, "SQ", true, e->err, sizeof e->err),
	    YOUSU_PROTO);
	tu_has(e->err, "bad status 'done'");
	cJSON_ReplaceItemInObject(
	    rec, "status", cJSON_CreateString("published"));
	cJSON_DeleteItemFromObject(rec, "method");
	assert_int_equal(
	    yousu_cases_receive(e->st, rec, "SQ", true, e->err, sizeof e->err),
	    YOUSU_INVAL);
	tu_has(e->err, "method");
	cJSON_AddStringToObject(rec, "method", "\xff\xfe");
	assert_int_equal(
	    yousu_cases_receive(e->st, rec, "SQ", true, e->err, sizeof e->err),
	    YOUSU_INVAL);
	tu_has(e->err, "UTF-8");
	assert_int_equal(count_cases(e), 2);
	cJSON_Delete(rec);
}

static void
test_reopen(void **state)
{
	tu_env *e = *state;
	char a[32], ca[64];

	closed_complaint(e, "不动产登记窗口推诿", a);
	published(e, a, "不动产登记推诿", "自然资源局协调", "已办结", ca);
	tu_reopen(e);
	assert_string_equal(found(e, "不动产"), ca);
	tu_sql(e, "INSERT INTO cases_fts(cases_fts) VALUES('integrity-check')");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_only_closed, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_no_personal_data, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_publish_and_search, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_returned_not_found, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_ranking, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_similar, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_unknown_and_bad, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(
	        test_receive, tu_setup, tu_teardown),
	    cmocka_unit_test_setup_teardown(test_reopen, tu_setup, tu_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
