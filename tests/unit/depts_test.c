/* Unit tests: the department catalogue (parsing, every kind of bad line
 * with its message, accessors, the category check against a profile),
 * the routing proposal, and every sample catalogue under configs/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "yousu/depts.h"
#include "yousu/policy.h"

#define CONFIGS YOUSU_SOURCE_DIR "/configs"

static char tmpdir[64];

static int
setup(void **state)
{
	(void) state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/yousu-depts-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void) state;
	return rmdir(tmpdir);
}

static void
write_file(const char *text, char path[128])
{
	static int n;
	FILE *f;

	snprintf(path, 128, "%s/d%d.ini", tmpdir, n++);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static yousu_depts *
load_ok(const char *text)
{
	char path[128], err[512] = "";
	yousu_depts *d = NULL;

	write_file(text, path);
	if (yousu_depts_load(path, &d, err, sizeof(err)) != YOUSU_OK)
		fail_msg("catalogue refused: %s", err);
	unlink(path);
	return d;
}

/* The catalogue text must fail with "path:line: msg" (line 0: "path:
 * msg") and leave *out alone. */
static void
load_error(const char *text, int line, const char *msg)
{
	yousu_depts *d = (yousu_depts *) &d;
	char path[128], err[512] = "", want[768];

	write_file(text, path);
	assert_int_equal(
	    yousu_depts_load(path, &d, err, sizeof(err)), YOUSU_CONFIG);
	assert_ptr_equal(d, (yousu_depts *) &d);
	if (line > 0)
		snprintf(want, sizeof(want), "%s:%d: %s", path, line, msg);
	else
		snprintf(want, sizeof(want), "%s: %s", path, msg);
	assert_string_equal(err, want);
	unlink(path);
}

/* --- parsing -------------------------------------------------------- */

static const char good[] = "# a catalogue\n"
                           "[dept RSJ]\n"
                           "name = 县人力资源和社会保障局\n"
                           "level = county\n"
                           "categories = attitude, blocked\n"
                           "keywords = 社保, 养老金，退休、社保卡\n"
                           "keywords = \xE3\x80\x80失业金　, 工伤,\n"
                           "contact = 社保窗口负责人\n"
                           "phone = 0394-5101011\n"
                           "\n"
                           "[dept HLZ-BM]\n"
                           "level = 乡镇\n"
                           "name = 槐店镇便民服务中心\n"
                           "[dept GJJ]\n"
                           "name = 公积金管理中心\n"
                           "level = city\n"
                           "keywords = 公积金\n";

static void
test_load_good(void **state)
{
	yousu_depts *d = load_ok(good);
	yousu_dept_info in;
	yousu_level l = YOUSU_LEVEL_CITY;
	static const char *const kws[] = {
	    "社保", "养老金", "退休", "社保卡", "失业金", "工伤"};

	(void) state;
	assert_int_equal(yousu_depts_count(d), 3);
	assert_true(yousu_depts_get(d, 0, &in));
	assert_string_equal(in.code, "RSJ");
	assert_string_equal(in.name, "县人力资源和社会保障局");
	assert_int_equal(in.level, YOUSU_LEVEL_COUNTY);
	assert_string_equal(in.contact, "社保窗口负责人");
	assert_string_equal(in.phone, "0394-5101011");
	assert_int_equal(in.ncategories, 2);
	assert_string_equal(in.categories[0], "attitude");
	assert_string_equal(in.categories[1], "blocked");
	assert_int_equal(in.nkeywords, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(in.keywords[i], kws[i]);

	assert_true(yousu_depts_get(d, 1, &in));
	assert_string_equal(in.code, "HLZ-BM");
	assert_int_equal(in.level, YOUSU_LEVEL_TOWNSHIP);
	assert_string_equal(in.contact, "");
	assert_string_equal(in.phone, "");
	assert_int_equal(in.nkeywords, 0);
	assert_true(yousu_depts_get(d, 2, &in));
	assert_string_equal(in.code, "GJJ");
	assert_false(yousu_depts_get(d, 3, &in));
	assert_string_equal(in.code, "GJJ"); /* untouched past the end */

	assert_true(yousu_depts_known(d, "HLZ-BM"));
	assert_false(yousu_depts_known(d, "hlz-bm"));
	assert_false(yousu_depts_known(d, NULL));
	assert_string_equal(yousu_depts_name(d, "GJJ"), "公积金管理中心");
	assert_null(yousu_depts_name(d, "XYZ"));
	assert_int_equal(yousu_depts_level(d, "GJJ", &l), YOUSU_OK);
	assert_int_equal(l, YOUSU_LEVEL_CITY);
	assert_int_equal(yousu_depts_level(d, "HLZ-BM", &l), YOUSU_OK);
	assert_int_equal(l, YOUSU_LEVEL_TOWNSHIP);
	assert_int_equal(yousu_depts_level(d, "XYZ", &l), YOUSU_NOTFOUND);
	assert_int_equal(l, YOUSU_LEVEL_TOWNSHIP);
	assert_string_equal(yousu_level_name(YOUSU_LEVEL_CITY), "city");
	assert_string_equal(yousu_level_label(YOUSU_LEVEL_TOWNSHIP), "乡镇");
	yousu_depts_free(d);
	yousu_depts_free(NULL);
}

/* The older form still loads, alone or beside [dept] sections. */
static void
test_load_old_form(void **state)
{
	yousu_depts *d = load_ok("[departments]\nRSJ = 县人社局\n"
	                         "[dept GAJ]\nname = 县公安局\nlevel = 县\n");
	yousu_dept_info in;

	(void) state;
	assert_int_equal(yousu_depts_count(d), 2);
	assert_true(yousu_depts_get(d, 0, &in));
	assert_string_equal(in.name, "县人社局");
	assert_int_equal(in.level, YOUSU_LEVEL_COUNTY);
	assert_int_equal(in.nkeywords + in.ncategories, 0);
	assert_string_equal(yousu_depts_name(d, "GAJ"), "县公安局");
	yousu_depts_free(d);
}

#define HEAD "[dept RSJ]\nname = 人社\nlevel = county\n"

static void
test_bad_keys(void **state)
{
	(void) state;
	load_error(HEAD "duty = x\n", 4, "unknown key 'duty' in [dept RSJ]");
	load_error("[dept RSJ]\nname = a\nname = b\n", 3,
	    "key 'name' given twice in [dept RSJ]");
	load_error(
	    HEAD "level = city\n", 4, "key 'level' given twice in [dept RSJ]");
	load_error(HEAD "contact =\n", 4, "contact: empty value");
	load_error("[dept]\nname = a\n", 2,
	    "a department's section needs its code: [dept CODE]");
	load_error("[dept RSJ]\nlevel = county\n", 1,
	    "[dept RSJ] has no name (required)");
	load_error("[dept GAJ]\nname = 公安\nlevel = county\n"
	           "\n[dept RSJ]\nname = a\n",
	    5, "[dept RSJ] has no level (required)");
	load_error("# nothing\n", 0,
	    "the catalogue lists no department (one [dept CODE] section "
	    "each)");
}

static void
test_bad_values(void **state)
{
	char text[512];

	(void) state;
	load_error("[dept RSJ]\nname = a\nlevel = province\n", 3,
	    "level 'province' is not township, county or city (乡镇, 县, "
	    "市)");
	load_error("[dept rsj]\nname = a\n", 2,
	    "department code 'rsj' must be 1-31 of A-Z 0-9 - _");
	load_error("[dept R.S]\nname = a\n", 2,
	    "department code 'R.S' must be 1-31 of A-Z 0-9 - _");
	load_error(HEAD "phone = 五一零一\n", 4,
	    "phone '五一零一' may hold only digits, spaces and + - ( ) / ,");
	load_error(HEAD "phone = --\n", 4,
	    "phone '--' may hold only digits, spaces and + - ( ) / ,");
	snprintf(text, sizeof(text), HEAD "contact = %070d\n", 0);
	load_error(text, 4, "contact: value too long (max 63 bytes)");
}

static void
test_too_many(void **state)
{
	char text[4096] = "[departments]\n";

	(void) state;
	for (int i = 0; i < 257; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		    "D%03d = d\n", i);
	load_error(text, 258, "more than 256 departments");
}

static void
test_bad_lists(void **state)
{
	char text[1024];
	size_t off;

	(void) state;
	load_error(HEAD "keywords = 社保, 税\n", 4,
	    "keyword '税' must have 2-16 characters (one character would "
	    "match too much)");
	load_error(HEAD "keywords = 社保\nkeywords = 养老, 社保\n", 5,
	    "keyword '社保' listed twice for RSJ");
	load_error(HEAD "keywords = 社\xFF保\n", 4,
	    "keyword '社\xFF保' is not UTF-8 text");
	load_error(HEAD "categories = attitude, 社保\n", 4,
	    "category code '社保' must be 1-31 of a-z A-Z 0-9 _ - .");
	load_error(HEAD "categories = attitude\ncategories = attitude\n", 5,
	    "category 'attitude' listed twice for RSJ");
	/* 65 keywords over 5 lines: the 65th is refused */
	off = (size_t) snprintf(text, sizeof(text), HEAD);
	for (int i = 0; i < 65; i++)
		off += (size_t) snprintf(text + off, sizeof(text) - off,
		    "%s%03d%s", i % 16 == 0 ? "keywords = " : "", i,
		    i % 16 == 15 || i == 64 ? "\n" : ", ");
	load_error(text, 8, "RSJ: more than 64 keywords");
}

static void
test_duplicates(void **state)
{
	(void) state;
	/* the second section adds no key the first had: still refused */
	load_error(HEAD "\n[dept GAJ]\nname = 公安\nlevel = county\n"
	                "[dept RSJ]\nkeywords = 社保\n",
	    9, "department 'RSJ' listed twice (first at line 1)");
	/* back to back, with nothing between the two headers' keys */
	load_error(HEAD "[dept RSJ]\nname = x\n", 5,
	    "department 'RSJ' listed twice (first at line 1)");
	load_error("[departments]\nRSJ = a\n" HEAD, 4,
	    "department 'RSJ' listed twice");
	load_error(HEAD "[departments]\nRSJ = a\n", 5,
	    "department 'RSJ' listed twice (first at line 1)");
}

/* Category codes are checked against the profile, at their line. */
static void
test_check_categories(void **state)
{
	char path[128], err[512] = "", want[768];
	yousu_policy *p = NULL;
	yousu_depts *d = NULL;

	(void) state;
	assert_int_equal(yousu_policy_load(CONFIGS "/profiles/shenqiu.ini", &p,
	                     err, sizeof(err)),
	    YOUSU_OK);
	write_file(HEAD "categories = attitude\n\n[dept GAJ]\nname = 公安\n"
	                "level = county\ncategories = reform, weather\n",
	    path);
	assert_int_equal(yousu_depts_load(path, &d, err, sizeof(err)), 0);
	assert_int_equal(
	    yousu_depts_check(d, p, err, sizeof(err)), YOUSU_CONFIG);
	snprintf(want, sizeof(want),
	    "%s:9: department GAJ: category 'weather' is not in the profile "
	    "shenqiu (attitude, blocked, delayed, extortion, reform, hotline)",
	    path);
	assert_string_equal(err, want);
	yousu_depts_free(d);
	unlink(path);

	d = load_ok(good);
	assert_int_equal(yousu_depts_check(d, p, err, sizeof(err)), YOUSU_OK);
	yousu_depts_free(d);
	yousu_policy_free(p);
}

/* --- routing -------------------------------------------------------- */

static const char routes[] =
    "[dept ZWB]\nname = 管理办\nlevel = county\n"
    "categories = attitude, blocked\nkeywords = 态度, 推诿\n"
    "[dept RSJ]\nname = 人社\nlevel = county\n"
    "keywords = 社保, 社保卡, 养老金, 退休\n"
    "[dept YBJ]\nname = 医保\nlevel = county\n"
    "keywords = 医保, 医保报销\n"
    "[dept ZJJ]\nname = 住建\nlevel = county\nkeywords = 房产证, 网签\n"
    "[dept BDC]\nname = 不动产\nlevel = county\nkeywords = 房产证\n"
    "[dept SPJ]\nname = 审批\nlevel = county\ncategories = blocked\n"
    "[dept HD]\nname = 槐店\nlevel = township\nkeywords = 槐店\n";

static void
expect_pick(const yousu_route *r, size_t i, const char *code,
    yousu_route_role role, int score, bool category, const char *hits)
{
	char buf[256] = "";

	assert_true(i < r->n);
	assert_string_equal(r->picks[i].code, code);
	assert_string_equal(yousu_route_role_name(r->picks[i].role),
	    yousu_route_role_name(role));
	assert_int_equal(r->picks[i].score, score);
	assert_int_equal(r->picks[i].category, category);
	for (size_t k = 0; k < r->picks[i].nhits; k++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
		    k ? "," : "", r->picks[i].hits[k]);
	assert_string_equal(buf, hits);
}

static void
test_route_category_only(void **state)
{
	yousu_depts *d = load_ok(routes);
	yousu_route r;

	(void) state;
	yousu_depts_route(d, "attitude", "", &r);
	assert_int_equal(r.n, 1);
	expect_pick(&r, 0, "ZWB", YOUSU_ROUTE_LEAD, 3, true, "");
	/* two handle blocked: the tie goes by code; the second brings
	 * nothing new */
	yousu_depts_route(d, "blocked", NULL, &r);
	assert_int_equal(r.n, 2);
	expect_pick(&r, 0, "SPJ", YOUSU_ROUTE_LEAD, 3, true, "");
	expect_pick(&r, 1, "ZWB", YOUSU_ROUTE_ALSO, 3, true, "");
	yousu_depts_free(d);
}

static void
test_route_keywords_only(void **state)
{
	yousu_depts *d = load_ok(routes);
	yousu_route r;

	(void) state;
	/* 社保 lies inside 社保卡: counted once, in the longer */
	yousu_depts_route(d, NULL, "社保卡丢了补办要等一个月", &r);
	assert_int_equal(r.n, 1);
	expect_pick(&r, 0, "RSJ", YOUSU_ROUTE_LEAD, 3, false, "社保卡");
	yousu_depts_route(d, "", "医保报销和社保都要跑", &r);
	assert_int_equal(r.n, 2);
	expect_pick(&r, 0, "YBJ", YOUSU_ROUTE_LEAD, 4, false, "医保报销");
	expect_pick(&r, 1, "RSJ", YOUSU_ROUTE_CO, 2, false, "社保");
	/* the same keyword twice in the text counts once */
	yousu_depts_route(d, NULL, "社保社保社保", &r);
	expect_pick(&r, 0, "RSJ", YOUSU_ROUTE_LEAD, 2, false, "社保");
	yousu_depts_free(d);
}

static void
test_route_lead_and_co(void **state)
{
	yousu_depts *d = load_ok(routes);
	yousu_route r;

	(void) state;
	/* three departments, each with its own evidence */
	yousu_depts_route(
	    d, NULL, "槐店镇居民退休后养老金停发，医保也报销不了", &r);
	assert_int_equal(r.n, 3);
	expect_pick(&r, 0, "RSJ", YOUSU_ROUTE_LEAD, 5, false, "养老金,退休");
	expect_pick(&r, 1, "HD", YOUSU_ROUTE_CO, 2, false, "槐店");
	expect_pick(&r, 2, "YBJ", YOUSU_ROUTE_CO, 2, false, "医保");
	/* the category and keywords: the management body leads, the
	 * department named in the text co-handles */
	yousu_depts_route(d, "attitude", "社保窗口态度差，互相推诿", &r);
	assert_int_equal(r.n, 2);
	expect_pick(&r, 0, "ZWB", YOUSU_ROUTE_LEAD, 7, true, "态度,推诿");
	expect_pick(&r, 1, "RSJ", YOUSU_ROUTE_CO, 2, false, "社保");
	/* a category nobody above handles makes a co-handler */
	yousu_depts_route(d, "blocked", "养老金和退休手续", &r);
	expect_pick(&r, 0, "RSJ", YOUSU_ROUTE_LEAD, 5, false, "养老金,退休");
	expect_pick(&r, 1, "SPJ", YOUSU_ROUTE_CO, 3, true, "");
	expect_pick(&r, 2, "ZWB", YOUSU_ROUTE_ALSO, 3, true, "");
	/* keywords outrank a category alone: the department the text
	 * names leads even with a lower score; those with the category
	 * follow, the first one co-handling */
	yousu_depts_route(d, "blocked", "社保窗口不予受理", &r);
	assert_int_equal(r.n, 3);
	expect_pick(&r, 0, "RSJ", YOUSU_ROUTE_LEAD, 2, false, "社保");
	expect_pick(&r, 1, "SPJ", YOUSU_ROUTE_CO, 3, true, "");
	expect_pick(&r, 2, "ZWB", YOUSU_ROUTE_ALSO, 3, true, "");
	/* the same keyword in two catalogues: the tie by code, then the
	 * other one brings only what the lead has, unless it has more */
	yousu_depts_route(d, NULL, "房产证办不下来", &r);
	assert_int_equal(r.n, 2);
	expect_pick(&r, 0, "BDC", YOUSU_ROUTE_LEAD, 3, false, "房产证");
	expect_pick(&r, 1, "ZJJ", YOUSU_ROUTE_ALSO, 3, false, "房产证");
	yousu_depts_route(d, NULL, "网签后房产证办不下来", &r);
	expect_pick(&r, 0, "ZJJ", YOUSU_ROUTE_LEAD, 5, false, "房产证,网签");
	expect_pick(&r, 1, "BDC", YOUSU_ROUTE_ALSO, 3, false, "房产证");
	yousu_depts_free(d);
}

static void
test_route_nothing(void **state)
{
	yousu_depts *d = load_ok(routes);
	yousu_route r;

	(void) state;
	r.n = 99;
	yousu_depts_route(d, NULL, "", &r);
	assert_int_equal(r.n, 0);
	yousu_depts_route(d, NULL, NULL, &r);
	assert_int_equal(r.n, 0);
	/* a category no department handles, and no keyword */
	yousu_depts_route(d, "weather", "天气太热", &r);
	assert_int_equal(r.n, 0);
	/* an unknown category leaves routing to the keywords */
	yousu_depts_route(d, "weather", "医保", &r);
	assert_int_equal(r.n, 1);
	expect_pick(&r, 0, "YBJ", YOUSU_ROUTE_LEAD, 2, false, "医保");
	yousu_depts_free(d);
}

/* More matching departments than a proposal holds: the best are kept,
 * and a department's keywords beyond YOUSU_ROUTE_HITS are counted. */
static void
test_route_limits(void **state)
{
	char text[4096], content[256];
	size_t off = 0;
	yousu_depts *d;
	yousu_route r;

	(void) state;
	for (int i = 0; i < 14; i++)
		off += (size_t) snprintf(text + off, sizeof(text) - off,
		    "[dept D%02d]\nname = d\nlevel = county\n"
		    "keywords = k%02d%.*s\n",
		    i, i, i, "xxxxxxxxxxxxxxx");
	off += (size_t) snprintf(text + off, sizeof(text) - off,
	    "[dept MANY]\nname = m\nlevel = city\n"
	    "keywords = aa, bb, cc, dd, ee, ff, gg, hh, ii, jj\n");
	d = load_ok(text);
	snprintf(content, sizeof(content),
	    "k00 k01x k02xx k03xxx k04xxxx k05xxxxx k06xxxxxx k07xxxxxxx "
	    "k08xxxxxxxx k09xxxxxxxxx k10xxxxxxxxxx k11xxxxxxxxxxx "
	    "k12xxxxxxxxxxxx k13xxxxxxxxxxxxx "
	    "aabbccddeeffgghhiijj");
	yousu_depts_route(d, NULL, content, &r);
	assert_int_equal(r.n, YOUSU_ROUTE_MAX);
	expect_pick(&r, 0, "MANY", YOUSU_ROUTE_LEAD, 20, false,
	    "aa,bb,cc,dd,ee,ff,gg,hh");
	assert_int_equal(r.picks[0].nhits, YOUSU_ROUTE_HITS);
	assert_int_equal(r.picks[0].nfound, 10);
	assert_int_equal(r.picks[1].nfound, 1);
	expect_pick(
	    &r, 1, "D13", YOUSU_ROUTE_CO, 16, false, "k13xxxxxxxxxxxxx");
	expect_pick(&r, 11, "D03", YOUSU_ROUTE_CO, 6, false, "k03xxx");
	yousu_depts_free(d);
}

/* --- the samples ---------------------------------------------------- */

/* Every catalogue in configs/departments loads, and its categories are
 * those of the profile of the same name when there is one. */
static void
test_samples_load(void **state)
{
	DIR *dp = opendir(CONFIGS "/departments");
	struct dirent *de;
	int n = 0;

	(void) state;
	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);
		char path[512], prof[512], err[512] = "";
		yousu_depts *d = NULL;
		yousu_policy *p = NULL;

		if (len < 5 || strcmp(de->d_name + len - 4, ".ini") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/departments/%s", CONFIGS,
		    de->d_name);
		snprintf(
		    prof, sizeof(prof), "%s/profiles/%s", CONFIGS, de->d_name);
		if (yousu_depts_load(path, &d, err, sizeof(err)) != YOUSU_OK)
			fail_msg("%s", err);
		if (access(prof, R_OK) == 0 &&
		    (yousu_policy_load(prof, &p, err, sizeof(err)) != 0 ||
		        yousu_depts_check(d, p, err, sizeof(err)) != 0))
			fail_msg("%s", err);
		assert_true(yousu_depts_count(d) > 0);
		yousu_policy_free(p);
		yousu_depts_free(d);
		n++;
	}
	closedir(dp);
	assert_true(n >= 1);
}

/* The Shenqiu catalogue: the codes the demo and the tests assign to,
 * every level, and proposals for typical complaints. */
/* The units a 12345 form names, matched to the catalogue: by name
 * without brackets or the place before 县/市, by alias, or not at all. */
static void
test_match_unit(void **state)
{
	yousu_depts *d =
	    load_ok("[dept SCJ]\nname = 县市场监督管理局（商事登记窗口）\n"
	            "level = county\nalias = 市监局\n"
	            "[dept RSJ]\nname = 县人力资源和社会保障局\n"
	            "level = county\nalias = 人社局, 人社部门\n"
	            "[dept GAJ]\nname = 县公安局（户籍窗口）\n"
	            "level = county\n"
	            "[dept JJ]\nname = 县公安局交通管理大队\n"
	            "level = county\n");
	yousu_route r = {0};

	(void) state;
	assert_string_equal(
	    yousu_depts_match_unit(d, "沈丘县市场监督管理局"), "SCJ");
	assert_string_equal(yousu_depts_match_unit(d, "项城市人社局"), "RSJ");
	assert_string_equal(yousu_depts_match_unit(d, "市监局"), "SCJ");
	/* the one whose core is equal before one that holds it */
	assert_string_equal(yousu_depts_match_unit(d, "沈丘县公安局"), "GAJ");
	assert_string_equal(
	    yousu_depts_match_unit(d, "沈丘县公安局交通管理大队"), "JJ");
	assert_null(yousu_depts_match_unit(d, "沈丘县气象局"));
	assert_null(yousu_depts_match_unit(d, "县"));
	assert_null(yousu_depts_match_unit(d, NULL));
	/* the form's units into a proposal: lead, then co */
	yousu_route_set_lead(d, &r, "RSJ");
	yousu_route_add_co(d, &r, "SCJ");
	yousu_route_add_co(d, &r, "NOPE");
	assert_int_equal(r.n, 2);
	assert_string_equal(r.picks[0].code, "RSJ");
	assert_int_equal(r.picks[1].role, YOUSU_ROUTE_CO);
	yousu_depts_free(d);
	load_error("[dept A]\nname = 甲\nlevel = county\nalias = 甲\n", 4,
	    "alias '甲' must have 2-32 characters");
	load_error("[dept A]\nname = 甲\nlevel = county\nalias = 甲局, 甲局\n",
	    4, "alias '甲局' listed twice for A");
}

static void
test_shenqiu(void **state)
{
	static const char *const codes[] = {"RSJ", "GAJ", "SCJ", "BDC", "SWJ",
	    "ZJJ", "YBJ", "SPJ", "GJJ", "MZJ", "HLZ-BM"};
	char err[512] = "";
	yousu_depts *d = NULL;
	yousu_level l;
	yousu_route r;
	int seen[3] = {0};

	(void) state;
	assert_int_equal(yousu_depts_load(CONFIGS "/departments/shenqiu.ini",
	                     &d, err, sizeof(err)),
	    YOUSU_OK);
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		assert_true(yousu_depts_known(d, codes[i]));
	assert_string_equal(
	    yousu_depts_name(d, "RSJ"), "县人力资源和社会保障局（社保窗口）");
	for (size_t i = 0; i < yousu_depts_count(d); i++) {
		yousu_dept_info in;

		assert_true(yousu_depts_get(d, i, &in));
		seen[in.level]++;
		assert_true(in.nkeywords + in.ncategories > 0);
	}
	assert_true(seen[0] > 0 && seen[1] > 0 && seen[2] > 0);
	assert_int_equal(yousu_depts_level(d, "HLZ-BM", &l), YOUSU_OK);
	assert_int_equal(l, YOUSU_LEVEL_TOWNSHIP);

	yousu_depts_route(d, "blocked",
	    "在槐店镇办不动产登记，房产证一直办不下来，公积金也提不了", &r);
	assert_true(r.n >= 4);
	assert_string_equal(r.picks[0].code, "BDC");
	for (size_t i = 1; i < 4; i++)
		assert_int_equal(r.picks[i].role, YOUSU_ROUTE_CO);
	yousu_depts_route(d, NULL, "孩子上户口需要出生医学证明", &r);
	assert_string_equal(r.picks[0].code, "WJW");
	assert_string_equal(r.picks[1].code, "GAJ");
	assert_int_equal(r.picks[1].role, YOUSU_ROUTE_CO);
	yousu_depts_route(d, "hotline", "12345转来：营业执照注销登记", &r);
	assert_string_equal(r.picks[0].code, "SCJ");
	assert_string_equal(r.picks[1].code, "RX");
	yousu_depts_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_load_good),
	    cmocka_unit_test(test_load_old_form),
	    cmocka_unit_test(test_bad_keys),
	    cmocka_unit_test(test_bad_values),
	    cmocka_unit_test(test_bad_lists),
	    cmocka_unit_test(test_too_many),
	    cmocka_unit_test(test_duplicates),
	    cmocka_unit_test(test_check_categories),
	    cmocka_unit_test(test_route_category_only),
	    cmocka_unit_test(test_route_keywords_only),
	    cmocka_unit_test(test_route_lead_and_co),
	    cmocka_unit_test(test_route_nothing),
	    cmocka_unit_test(test_route_limits),
	    cmocka_unit_test(test_samples_load),
	    cmocka_unit_test(test_match_unit),
	    cmocka_unit_test(test_shenqiu),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
