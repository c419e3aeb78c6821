/* yousu — unit tests for configuration files: the table-driven loader
 * (common/base/config.c), policy profiles (common/model/policy.c) and
 * department catalogues (common/model/depts.c). Every error is "file:line:
 * message", or "file: message" for a whole-file problem; every sample file
 * under configs/ loads (house style 9). Node configs under configs/deploy are
 * read by the daemon's own loader and tested with the daemon. */
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

#include "yousu/calendar.h"
#include "yousu/columns.h"
#include "yousu/config.h"
#include "yousu/policy.h"
#include "yousu/workflow.h"

#define CONFIGS YOUSU_SOURCE_DIR "/configs"

/* A valid profile, one item per line; tests insert or drop lines. */
static const char *const base_profile[] = {
    "[profile]",                             /* 1 */
    "name = t",                              /* 2 */
    "title = 测试工作单",                    /* 3 */
    "[limits]",                              /* 4 */
    "default = 3",                           /* 5 */
    "[escalation]",                          /* 6 */
    "reminder_before_days = 1",              /* 7 */
    "notice_after_days = 2",                 /* 8 */
    "notice_cc = 县纪委监委",                /* 9 */
    "notice_report_to = 县人民政府",         /* 10 */
    "[extension]",                           /* 11 */
    "max_days = 5",                          /* 12 */
    "approver = 主任",                       /* 13 */
    "[categories]",                          /* 14 */
    "attitude = 服务态度差",                 /* 15 */
    "[refusals]",                            /* 16 */
    "legal = 法定途径解决 | 相应的法定途径", /* 17 */
    NULL,
};

static char tmpdir[64];

static int
setup(void **state)
{
	(void) state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/yousu-config-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown(void **state)
{
	DIR *dp = opendir(tmpdir);
	struct dirent *de;
	char path[512];

	(void) state;
	while (dp != NULL && (de = readdir(dp)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, de->d_name);
		if (de->d_name[0] != '.')
			unlink(path);
	}
	if (dp != NULL)
		closedir(dp);
	return rmdir(tmpdir);
}

/* Write text to a new file in tmpdir; its path goes to path. */
static void
write_file(const char *text, char path[128])
{
	static int n;
	FILE *f;

	snprintf(path, 128, "%s/f%d.ini", tmpdir, n++);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The base profile with line `drop` (1-based, 0: none) left out and
 * `extra` inserted after line `after`. */
static void
profile(int drop, int after, const char *extra, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; base_profile[i]; i++) {
		if (i + 1 != drop)
			off += (size_t) snprintf(
			    buf + off, len - off, "%s\n", base_profile[i]);
		if (i + 1 == after)
			off += (size_t) snprintf(
			    buf + off, len - off, "%s\n", extra);
	}
	assert_true(off < len);
}

/* err must be exactly "path:line: msg" (line > 0) or "path: msg". */
static void
expect_msg(const char *err, const char *path, int line, const char *msg)
{
	char want[1024];

	if (line > 0)
		snprintf(want, sizeof(want), "%s:%d: %s", path, line, msg);
	else
		snprintf(want, sizeof(want), "%s: %s", path, msg);
	assert_string_equal(err, want);
}

static void
policy_error(const char *text, int line, const char *msg)
{
	yousu_policy *p = (yousu_policy *) &p;
	char path[128], err[512] = "";

	write_file(text, path);
	assert_int_equal(
	    yousu_policy_load(path, &p, err, sizeof(err)), YOUSU_CONFIG);
	assert_ptr_equal(p, (yousu_policy *) &p); /* untouched */
	expect_msg(err, path, line, msg);
	unlink(path);
}

/* The base profile with extra after line `after` fails at line. */
static void
policy_error_at(int after, const char *extra, int line, const char *msg)
{
	char text[4096];

	profile(0, after, extra, text, sizeof(text));
	policy_error(text, line, msg);
}

/* The base profile with a one-line extra after line `after`. */
static void
policy_extra_error(int after, const char *extra, const char *msg)
{
	policy_error_at(after, extra, after + 1, msg);
}

static yousu_policy *
policy_ok(const char *text)
{
	yousu_policy *p = NULL;
	char path[128], err[512] = "";

	write_file(text, path);
	if (yousu_policy_load(path, &p, err, sizeof(err)) != YOUSU_OK)
		fail_msg("%s", err);
	unlink(path);
	return p;
}

/* --- policy profiles ------------------------------------------------ */

/* The base profile with [classes] (A led by GWH, B by any department)
 * before its [limits] (lines 4..6), and extra in [limits] after its
 * default (from line 9). */
static void
classes_profile(const char *extra, char *buf, size_t len)
{
	size_t off = 0;

	for (int i = 0; base_profile[i]; i++) {
		if (i == 3)
			off += (size_t) snprintf(buf + off, len - off,
			    "[classes]\nA = 管委会协调 | GWH\nB = "
			    "审批局研究\n");
		off += (size_t) snprintf(
		    buf + off, len - off, "%s\n", base_profile[i]);
		if (i == 4)
			off += (size_t) snprintf(
			    buf + off, len - off, "%s\n", extra);
	}
	assert_true(off < len);
}

/* classes_profile with extra fails at line. */
static void
classes_error(const char *extra, int line, const char *msg)
{
	char text[4096];

	classes_profile(extra, text, sizeof(text));
	policy_error(text, line, msg);
}

/* [ledger] after the base profile's last line (17): its header is line
 * 18, its first key line 19. */
#define LEDGER_KINDS                                                         \
	"seq, id, name, org_contact, phone, caller, received, "              \
	"content, source, category, class, nature, level, centre, depts, "   \
	"assigned, due, reminded, supervised, redo, handled, result, "       \
	"outcome, visit, satisfaction, visit_satisfaction, remarks, stub, "  \
	"address, staff, duty_leader, order_contact, order_phone, "          \
	"hotline_no, contact_within, limit, lead, co, feedback, signature, " \
	"signed_handled, signed_duty"

static void
test_policy_base(void **state)
{
	char text[4096];
	yousu_policy *p;
	yousu_policy_case c = {NULL, NULL, 0, 3};
	const char *channel = NULL;

	(void) state;
	profile(0, 0, NULL, text, sizeof(text));
	p = policy_ok(text);
	assert_string_equal(yousu_policy_name(p), "t");
	/* no multi-department limit: the default applies */
	assert_int_equal(yousu_policy_limit(p, &c), 3);
	assert_string_equal(
	    yousu_policy_refusal(p, "legal", &channel), "法定途径解决");
	assert_string_equal(channel, "相应的法定途径");
	yousu_policy_free(p);
}

static void
test_policy_unknown_key(void **state)
{
	(void) state;
	policy_extra_error(
	    1, "colour = red", "unknown key 'colour' in [profile]");
	policy_error_at(17, "[other]\nx = 1", 19, "unknown key 'x' in [other]");
	/* a class limit needs the class declared in [classes] first */
	policy_extra_error(5, "class.D = 3",
	    "unknown class 'D' in 'class.D': [classes] (before [limits]) "
	    "declares none");
	classes_error("class.D = 3", 9,
	    "unknown class 'D' in 'class.D': [classes] (before [limits]) "
	    "declares A, B");
	policy_extra_error(5, "nature.easy = 1",
	    "unknown limit 'nature.easy' "
	    "(class.CODE of [classes], natures "
	    "general/cannot/hard/refused, "
	    "levels 1..3)");
	policy_extra_error(5, "level.4 = 1",
	    "unknown limit 'level.4' (class.CODE of [classes], natures "
	    "general/cannot/hard/refused, levels 1..3)");
}

static void
test_policy_bad_numbers(void **state)
{
	char text[4096];

	(void) state;
	policy_extra_error(5, "multi_department = five",
	    "multi_department: 'five' is not a whole number in 0..60");
	policy_extra_error(5, "multi_department = 5 days",
	    "multi_department: '5 days' is not a whole number in 0..60");
	policy_extra_error(
	    5, "multi_department =", "multi_department: empty value");
	classes_error("class.A = -1", 9,
	    "class.A: '-1' is not a number of working days in 0..60");
	policy_extra_error(5, "multi_level = -5",
	    "multi_level: '-5' is not a whole number in 0..60");
	policy_extra_error(5, "nature.hard = 61",
	    "nature.hard: '61' is not a number of working days in 0..60");
	policy_extra_error(5, "level.1 = 2.5",
	    "level.1: '2.5' is not a number of working days in 0..60");
	/* the default itself, negative */
	profile(5, 4, "default = -1", text, sizeof(text));
	policy_error(text, 5, "default: '-1' is not a whole number in 0..60");
	profile(7, 6, "reminder_before_days = 31", text, sizeof(text));
	policy_error(text, 7,
	    "reminder_before_days: '31' is not a whole number in 0..30");
	profile(8, 7, "notice_after_days = 0", text, sizeof(text));
	policy_error(
	    text, 8, "notice_after_days: '0' is not a whole number in 1..30");
}

static void
test_policy_numbering(void **state)
{
	char text[4096];
	yousu_policy *p;

	(void) state;
	/* after the approver line (13): a [numbering] section */
	policy_error_at(13, "[numbering]\nseq_digits = 7", 15,
	    "seq_digits: '7' is not a whole number in 2..6");
	policy_error_at(13, "[numbering]\nwidth = 4", 15,
	    "unknown key 'width' in [numbering]");
	profile(0, 13, "[numbering]\nseq_digits = 4", text, sizeof(text));
	p = policy_ok(text);
	assert_int_equal(yousu_policy_seq_digits(p), 4);
	yousu_policy_free(p);
	profile(0, 0, "", text, sizeof(text));
	p = policy_ok(text);
	assert_int_equal(yousu_policy_seq_digits(p), 3); /* the default */
	yousu_policy_free(p);
}

static void
test_policy_duplicates(void **state)
{
	(void) state;
	policy_extra_error(
	    2, "name = again", "key 'name' in [profile] given twice");
	classes_error(
	    "class.A = 3\nclass.A = 5", 10, "limit 'class.A' given twice");
	policy_extra_error(15, "attitude = 又一个", "'attitude' given twice");
	policy_extra_error(17, "legal = 又一个 | 渠道", "'legal' given twice");
}

static void
test_policy_classes(void **state)
{
	char text[4096];
	yousu_policy *p;
	const char *dept = "x";
	int line = 0;
	yousu_policy_case a = {"A", NULL, 0, 1, 1}, b = {"B", NULL, 0, 1, 1};
	yousu_policy_case two = {NULL, NULL, 0, 2, 2};
	yousu_policy_case lv2 = {NULL, NULL, 2, 1, 1};

	(void) state;
	classes_profile(
	    "class.A = 10\nmulti_level = 5\n[feedback]\nlevel.2 = 2", text,
	    sizeof(text));
	p = policy_ok(text);
	assert_int_equal(yousu_policy_classes(p), 2);
	assert_string_equal(yousu_policy_class(p, "A", &dept), "管委会协调");
	assert_string_equal(dept, "GWH");
	assert_string_equal(yousu_policy_class(p, "B", &dept), "审批局研究");
	assert_null(dept); /* any department */
	assert_null(yousu_policy_class(p, "C", NULL));
	assert_string_equal(yousu_policy_class_at(p, 0, &dept, &line), "A");
	assert_int_equal(line, 5);
	assert_null(yousu_policy_class_at(p, 2, &dept, &line));
	assert_int_equal(yousu_policy_limit(p, &a), 10);
	assert_int_equal(yousu_policy_limit(p, &b), 3); /* no limit: default */
	assert_int_equal(yousu_policy_limit(p, &two), 5); /* two levels */
	assert_int_equal(yousu_policy_feedback_days(p, &lv2), 2);
	assert_int_equal(yousu_policy_feedback_days(p, &a), -1);
	assert_true(yousu_policy_cannot_needs_basis(p)); /* the default */
	assert_null(yousu_policy_leading_group(p));
	/* no [plans]: a plan may answer any complaint, with no longest date */
	assert_true(yousu_policy_plan_allowed(p, "cannot", 1));
	assert_int_equal(yousu_policy_plan_max_days(p), -1);
	yousu_policy_free(p);
	/* class codes, values and the other new keys, each refused by line */
	policy_error_at(
	    5, "[classes]\nA = 甲\nA = 乙", 8, "class 'A' given twice");
	policy_error_at(5, "[classes]\na = 甲", 7,
	    "class 'a': a class code is 1-8 of A-Z and 0-9");
	policy_error_at(5, "[classes]\nA = 甲 |", 7,
	    "class A: expected 'who handles it | DEPARTMENT CODE' (the code "
	    "is optional)");
	policy_error_at(5, "[classes]\nA = 甲 | 管委会", 7,
	    "class A: expected 'who handles it | DEPARTMENT CODE' (the code "
	    "is optional)");
	policy_error_at(5, "[feedback]\nlevel.4 = 3", 7,
	    "unknown response level '4' (1..3)");
	policy_error_at(5, "[replies]\ncannot_basis = maybe", 7,
	    "cannot_basis: 'maybe' is not required or optional");
	policy_error_at(5,
	    "[replies]\ncannot_basis = optional\ncannot_basis = required", 8,
	    "key 'cannot_basis' in [replies] given twice");
	/* [plans] (002 第八条): natures by code, a yes/no, a bounded count */
	policy_error_at(5, "[plans]\nnatures = hard, maybe", 7,
	    "natures: unknown nature 'maybe' (general, cannot, hard, refused)");
	policy_error_at(5, "[plans]\nmulti_department = perhaps", 7,
	    "multi_department: 'perhaps' is not yes or no");
	policy_error_at(5, "[plans]\nmax_days = 0", 7,
	    "max_days: '0' is not a whole number in 1..250");
	/* 54 characters of 3 bytes: 162 bytes, past the 159 kept */
	policy_error_at(5,
	    "[classes]\nA = "
	    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	    "一二三四五六七八九十一二三四五六七八九十一二三四",
	    7, "class A: the text is longer than 159 bytes");
}

/* a source's own notice delay and the assignment limit, in [escalation]
 * (lines 6..10 of the base profile) */
static void
test_policy_escalation_keys(void **state)
{
	char text[4096];
	yousu_policy *p;

	(void) state;
	profile(0, 8, "notice_after_days.hotline = 0\nassign_within_days = 0",
	    text, sizeof(text));
	p = policy_ok(text);
	assert_int_equal(yousu_policy_notice_days(p, "hotline"), 0);
	assert_int_equal(yousu_policy_notice_days(p, "window"), 2);
	assert_int_equal(yousu_policy_assign_days(p), 0);
	yousu_policy_free(p);
	policy_extra_error(8, "notice_after_days.phone = 0",
	    "unknown source in 'notice_after_days.phone' (window, hotline, "
	    "online, transfer)");
	policy_extra_error(8, "notice_after_days.hotline = -1",
	    "notice_after_days.hotline: '-1' is not a number of working days "
	    "in 0..30");
	policy_error_at(8,
	    "notice_after_days.online = 1\nnotice_after_days.online = 2", 10,
	    "'notice_after_days.online' given twice");
	policy_extra_error(8, "assign_within_days = 31",
	    "assign_within_days: '31' is not a whole number in 0..30");
}

/* [workorder] after line 17: its header line 18, fields from 19 */
static void
test_policy_workorder(void **state)
{
	char text[4096];
	const char *label = NULL;
	yousu_policy *p;

	(void) state;
	profile(0, 17,
	    "[workorder]\nnumber = bare\nfield = lead | 接办窗口（科室）\n"
	    "field = content\nfield = signature | 接办人签字",
	    text, sizeof(text));
	p = policy_ok(text);
	assert_int_equal(yousu_policy_form_fields(p), 3);
	assert_true(yousu_policy_form_bare_number(p));
	assert_string_equal(yousu_policy_form_field(p, 0, &label), "lead");
	assert_string_equal(label, "接办窗口（科室）");
	assert_string_equal(yousu_policy_form_field(p, 1, &label), "content");
	assert_string_equal(label, "主要诉求"); /* the kind's own */
	assert_null(yousu_policy_form_field(p, 3, &label));
	yousu_policy_free(p);
	profile(0, 0, NULL, text, sizeof(text));
	p = policy_ok(text);
	assert_int_equal(yousu_policy_form_fields(p), 0); /* 附件2's form */
	assert_false(yousu_policy_form_bare_number(p));
	yousu_policy_free(p);
	policy_error_at(17, "[workorder]\nfield = colour", 19,
	    "unknown work-order field 'colour' (kinds: " LEDGER_KINDS ")");
	policy_error_at(17, "[workorder]\nfield = lead\nfield = lead |主办", 20,
	    "work-order field 'lead' listed twice (first at line 19)");
	policy_error_at(17, "[workorder]\nnumber = short", 19,
	    "number: 'short' is not full or bare");
	policy_error_at(17, "[workorder]\nnumber = bare\nnumber = full", 20,
	    "key 'number' in [workorder] given twice");
}

static void
test_policy_missing_key(void **state)
{
	char text[4096];

	(void) state;
	/* the line is the section's header, where the key belongs */
	profile(3, 0, NULL, text, sizeof(text));
	policy_error(text, 1, "missing required key 'title' in [profile]");
	profile(9, 0, NULL, text, sizeof(text));
	policy_error(
	    text, 6, "missing required key 'notice_cc' in [escalation]");
	profile(12, 0, NULL, text, sizeof(text));
	policy_error(
	    text, 11, "missing required key 'max_days' in [extension]");
	profile(5, 0, NULL, text, sizeof(text));
	policy_error(text, 4, "missing required key 'default' in [limits]");
	/* a whole escalation section left out: no line to point at */
	policy_error("[profile]\nname = t\ntitle = 单\n[limits]\ndefault = 3\n"
	             "[extension]\nmax_days = 5\napprover = 主任\n"
	             "[categories]\na = 甲\n[refusals]\nb = 乙 | 丙\n",
	    0,
	    "missing section [escalation] (with its key "
	    "'reminder_before_days')");
}

static void
test_policy_refusal_channel(void **state)
{
	(void) state;
	policy_extra_error(17, "civil = 民事纠纷",
	    "civil: expected 'ground | channel to use instead'");
	policy_extra_error(17, "civil = 民事纠纷 |",
	    "civil: expected 'ground | channel to use instead'");
	/* a channel without a ground */
	policy_extra_error(17, "civil = | 人民法院",
	    "civil: expected 'ground | channel to use instead'");
	policy_extra_error(17, "civil =  | 人民法院",
	    "civil: expected 'ground | channel to use instead'");
	policy_extra_error(17, "civil =|人民法院",
	    "civil: expected 'ground | channel to use instead'");
	policy_extra_error(17, "civil = \t| 人民法院",
	    "civil: expected 'ground | channel to use instead'");
}

/* The spaces around the bar are not part of the ground or the channel. */
static void
test_policy_refusal_trim(void **state)
{
	char text[4096];
	const char *channel = NULL;
	yousu_policy *p;

	(void) state;
	profile(0, 17, "civil = 民事纠纷|人民法院\nx =  某事   |   某处", text,
	    sizeof(text));
	p = policy_ok(text);
	assert_string_equal(
	    yousu_policy_refusal(p, "civil", &channel), "民事纠纷");
	assert_string_equal(channel, "人民法院");
	assert_string_equal(yousu_policy_refusal(p, "x", &channel), "某事");
	assert_string_equal(channel, "某处");
	yousu_policy_free(p);
}

static void
test_policy_empty_lists(void **state)
{
	char text[4096];

	(void) state;
	profile(15, 0, NULL, text, sizeof(text));
	policy_error(text, 0, "[categories] lists no category");
	profile(17, 0, NULL, text, sizeof(text));
	policy_error(text, 0, "[refusals] lists no refusal ground");
}

static void
test_policy_value_too_long(void **state)
{
	char extra[128], text[4096];

	(void) state;
	snprintf(extra, sizeof(extra), "approver = %064d", 0);
	profile(13, 12, extra, text, sizeof(text));
	policy_error(text, 13, "approver: value too long (max 63 bytes)");
	snprintf(extra, sizeof(extra), "name = %063d", 0);
	profile(2, 1, extra, text, sizeof(text));
	yousu_policy_free(policy_ok(text)); /* 63 bytes fit */
	snprintf(extra, sizeof(extra), "%040d = x", 0);
	policy_extra_error(15, extra,
	    "code '0000000000000000000000000000000000000000' too long");
}

static void
test_policy_ledger(void **state)
{
	char text[4096];
	const char *label = NULL;
	yousu_policy *p;

	(void) state;
	profile(0, 0, NULL, text, sizeof(text));
	p = policy_ok(text);
	assert_int_equal(yousu_policy_ledger_columns(p), 0); /* 000's 17 */
	assert_null(yousu_policy_ledger_title(p));
	assert_null(yousu_policy_ledger_column(p, 0, &label));
	yousu_policy_free(p);

	profile(0, 17,
	    "[ledger]\ntitle = 测试台账\ncolumn = seq\n"
	    "column = caller |  反映人、电话\ncolumn=remarks|注",
	    text, sizeof(text));
	p = policy_ok(text);
	assert_string_equal(yousu_policy_ledger_title(p), "测试台账");
	assert_int_equal(yousu_policy_ledger_columns(p), 3);
	assert_string_equal(yousu_policy_ledger_column(p, 0, &label), "seq");
	assert_string_equal(label, "序号"); /* the kind's default */
	assert_string_equal(yousu_policy_ledger_column(p, 1, &label), "caller");
	assert_string_equal(label, "反映人、电话");
	assert_string_equal(
	    yousu_policy_ledger_column(p, 2, &label), "remarks");
	assert_string_equal(label, "注");
	assert_null(yousu_policy_ledger_column(p, 3, &label));
	yousu_policy_free(p);
}

static void
test_policy_ledger_errors(void **state)
{
	char text[4096], list[512];
	size_t off;

	(void) state;
	yousu_column_kinds_list(list, sizeof(list));
	assert_string_equal(list, LEDGER_KINDS);
	policy_error_at(17, "[ledger]\ncolumn = colour", 19,
	    "unknown ledger column 'colour' (kinds: " LEDGER_KINDS ")");
	policy_error_at(17, "[ledger]\ncolumn = | 序号", 19,
	    "unknown ledger column '' (kinds: " LEDGER_KINDS ")");
	policy_error_at(17,
	    "[ledger]\ncolumn = seq\ncolumn = name\ncolumn = seq", 21,
	    "ledger column 'seq' listed twice (first at line 19)");
	policy_error_at(17, "[ledger]\ncolumn = seq\ncolumn = seq | 编号", 20,
	    "ledger column 'seq' listed twice (first at line 19)");
	policy_error_at(17, "[ledger]\ncolumn = seq |", 19,
	    "ledger column 'seq': empty header after '|'");
	policy_error_at(17, "[ledger]\ncolumn = seq |  ", 19,
	    "ledger column 'seq': empty header after '|'");
	policy_error_at(17, "[ledger]\ncolumn =", 19, "column: empty value");
	snprintf(list, sizeof(list), "[ledger]\ncolumn = seq | %0128d", 0);
	policy_error_at(17, list, 19,
	    "ledger column 'seq': header too long (max 127 bytes)");
	snprintf(list, sizeof(list), "[ledger]\ncolumn = seq | %0127d", 0);
	profile(0, 17, list, text, sizeof(text));
	yousu_policy_free(policy_ok(text)); /* 127 bytes fit */
	policy_error_at(17, "[ledger]\ntitle = a\ntitle = b", 20,
	    "key 'title' in [ledger] given twice");
	/* the 41st column, whatever it is; 40 lines of the same kind are
	 * refused as listed twice once the list has been read */
	off = (size_t) snprintf(list, sizeof(list), "[ledger]");
	for (int i = 0; i < YOUSU_LEDGER_MAX_COLUMNS; i++)
		off += (size_t) snprintf(
		    list + off, sizeof(list) - off, "\ncolumn=seq");
	assert_true(off < sizeof(list));
	profile(0, 17, list, text, sizeof(text));
	policy_error(
	    text, 20, "ledger column 'seq' listed twice (first at line 19)");
	snprintf(list + off, sizeof(list) - off, "\ncolumn = name");
	policy_error_at(17, list, 19 + YOUSU_LEDGER_MAX_COLUMNS,
	    "too many ledger columns (max 40)");
}

/* --- the generic loader --------------------------------------------- */

typedef struct {
	char s[8];
	char p[64];
	int i;
	bool b;
	int calls;
	char last[32];
} obj;

static yousu_err
on_x(void *o, const char *name, const char *value, char *msg, size_t len)
{
	obj *ob = o;

	if (strcmp(value, "bad") == 0) {
		snprintf(msg, len, "%s: bad is bad", name);
		return YOUSU_CONFIG;
	}
	ob->calls++;
	snprintf(ob->last, sizeof(ob->last), "%s=%s", name, value);
	return YOUSU_OK;
}

static const yousu_cfg_key obj_keys[] = {
    {"a", "s", YOUSU_CFG_STR, offsetof(obj, s), sizeof(((obj *) 0)->s), 0, 0,
        false, NULL},
    {"a", "p", YOUSU_CFG_PATH, offsetof(obj, p), sizeof(((obj *) 0)->p), 0, 0,
        false, NULL},
    {"a", "i", YOUSU_CFG_INT, offsetof(obj, i), 0, 1, 10, true, NULL},
    {"a", "b", YOUSU_CFG_BOOL, offsetof(obj, b), 0, 0, 0, false, NULL},
    {"b", "x.", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_x},
    {"b", "y", YOUSU_CFG_FUNC, 0, 0, 0, 0, false, on_x},
    {NULL},
};

static yousu_err
load_obj(const char *text, obj *o, char path[128], char *err, size_t len)
{
	memset(o, 0, sizeof(*o));
	write_file(text, path);
	return yousu_config_load(path, obj_keys, o, err, len);
}

static void
obj_error(const char *text, int line, const char *msg)
{
	char path[128], err[512] = "";
	obj o;

	assert_int_equal(
	    load_obj(text, &o, path, err, sizeof(err)), YOUSU_CONFIG);
	expect_msg(err, path, line, msg);
	unlink(path);
}

static void
test_loader_values(void **state)
{
	char path[128], err[512] = "", want[160];
	obj o;

	(void) state;
	assert_int_equal(load_obj("; a comment\n[a]\ns = seven\np = keys/k\n"
	                          "i = 10\nb = Off\n[b]\nx.1 = one\n"
	                          "x.2 = two ; inline comment\n",
	                     &o, path, err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(o.s, "seven");
	snprintf(want, sizeof(want), "%s/keys/k", tmpdir);
	assert_string_equal(o.p, want);
	assert_int_equal(o.i, 10);
	assert_false(o.b);
	assert_int_equal(o.calls, 2);
	assert_string_equal(o.last, "x.2=two");
	unlink(path);

	assert_int_equal(load_obj("[a]\np = /etc/yousu/k\ni = 1\nb = YES\n", &o,
	                     path, err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(o.p, "/etc/yousu/k");
	assert_true(o.b);
	unlink(path);
}

static void
test_loader_errors(void **state)
{
	(void) state;
	obj_error("[a]\ni = 1\nb = maybe\n", 3, "b: 'maybe' is not yes or no");
	obj_error("[a]\ni = 11\n", 2, "i: '11' is not a whole number in 1..10");
	obj_error(
	    "[a]\ni = 0x5\n", 2, "i: '0x5' is not a whole number in 1..10");
	obj_error("[a]\ni = 99999999999999999999\n", 2,
	    "i: '99999999999999999999' is not a whole number in 1..10");
	obj_error(
	    "[a]\ni = 1\ns = eightchr\n", 3, "s: value too long (max 7 bytes)");
	obj_error(
	    "[a]\ni = 1\n[b]\nx.1 = ok\nx.2 = bad\n", 5, "x.2: bad is bad");
	/* "x." needs something after the dot */
	obj_error("[a]\ni = 1\n[b]\nx. = 1\n", 4, "unknown key 'x.' in [b]");
	obj_error("i = 1\n", 1, "unknown key 'i' in []");
	obj_error("[a]\ni = 1\ni = 2\n", 3, "key 'i' in [a] given twice");
	/* a FUNC key of one name is given once too; a prefix one repeats */
	obj_error(
	    "[a]\ni = 1\n[b]\ny = 1\ny = 2\n", 5, "key 'y' in [b] given twice");
	obj_error("[a]\ns = x\n", 1, "missing required key 'i' in [a]");
	obj_error(
	    "[b]\nx.1 = ok\n", 0, "missing section [a] (with its key 'i')");
	obj_error("[a]\ni = 1\njust words\n", 3,
	    "syntax error (expected [section] or key = value)");
	obj_error("[a]\ni = 1\n[b\n", 3,
	    "syntax error (expected [section] or key = value)");
}

/* A section given twice would be merged by libinih: refused at its
 * second header, naming the first; the first error still wins. */
static void
test_loader_section_twice(void **state)
{
	(void) state;
	obj_error("[a]\ni = 1\n[b]\nx.1 = 1\n[a]\ns = x\n", 5,
	    "section [a] given twice (first at line 1)");
	obj_error("# c\n[b]\n[a]\ni = 1\n[b]\n", 5,
	    "section [b] given twice (first at line 2)");
	obj_error(
	    "[a]\ni = 1\nb = maybe\n[a]\n", 3, "b: 'maybe' is not yes or no");
	obj_error("[a]\ni = 1\njust words\n[a]\n", 3,
	    "syntax error (expected [section] or key = value)");
	/* a profile's [limits] given twice */
	policy_error_at(17, "[limits]\nmulti_level = 5", 18,
	    "section [limits] given twice (first at line 4)");
}

/* The first error is reported with its own line and message, whichever
 * kind comes first. */
static void
test_loader_first_error(void **state)
{
	(void) state;
	obj_error("[a]\ni = 1\nb = maybe\njust words\n", 3,
	    "b: 'maybe' is not yes or no");
	obj_error("[a]\ni = 1\njust words\nb = maybe\n", 3,
	    "syntax error (expected [section] or key = value)");
	/* a broken section header, then keys that belong nowhere */
	obj_error("[a\ni = 1\n", 1,
	    "syntax error (expected [section] or key = value)");
}

static void
test_loader_line_length(void **state)
{
	char text[512], path[128], err[512] = "";
	obj o;

	(void) state;
	/* 198 bytes is the longest line; libinih reads lines into 200
	 * bytes with the newline and the NUL, and the next line still
	 * has its own number */
	snprintf(text, sizeof(text), "[a]\ni = 1\n#%0197d\nbad = 1\n", 0);
	obj_error(text, 4, "unknown key 'bad' in [a]");
	snprintf(text, sizeof(text), "[a]\ni = 1\n#%0197d\n", 0);
	assert_int_equal(load_obj(text, &o, path, err, sizeof(err)), YOUSU_OK);
	unlink(path);
	/* with CRLF line ends too */
	snprintf(
	    text, sizeof(text), "[a]\r\ni = 1\r\n#%0196d\r\nbad = 1\r\n", 0);
	obj_error(text, 4, "unknown key 'bad' in [a]");
	snprintf(text, sizeof(text), "[a]\ni = 1\n#%0198d\nbad = 1\n", 0);
	obj_error(text, 3, "line too long (max 198 bytes)");
	snprintf(text, sizeof(text), "[a]\ns = %0240d\ni = 1\n", 0);
	obj_error(text, 2, "line too long (max 198 bytes)");
}

static void
test_loader_missing_file(void **state)
{
	char path[160], err[512] = "";
	obj o;

	(void) state;
	snprintf(path, sizeof(path), "%s/nonexistent.ini", tmpdir);
	assert_int_equal(
	    yousu_config_load(path, obj_keys, &o, err, sizeof(err)),
	    YOUSU_CONFIG);
	assert_int_equal(strncmp(err, path, strlen(path)), 0);
	assert_non_null(strstr(err, ": cannot open: "));
}

static void
test_policy_line_length(void **state)
{
	char extra[256];

	(void) state;
	snprintf(extra, sizeof(extra), "# %0230d", 0);
	policy_extra_error(1, extra, "line too long (max 198 bytes)");
}

/* --- department catalogues ------------------------------------------ */

static void
depts_error(const char *text, int line, const char *msg)
{
	yousu_depts *d = (yousu_depts *) &d;
	char path[128], err[512] = "";

	write_file(text, path);
	assert_int_equal(
	    yousu_depts_load(path, &d, err, sizeof(err)), YOUSU_CONFIG);
	assert_ptr_equal(d, (yousu_depts *) &d);
	expect_msg(err, path, line, msg);
	unlink(path);
}

static void
test_depts(void **state)
{
	char path[128], err[512] = "", text[512];
	yousu_depts *d = NULL;

	(void) state;
	write_file("[departments]\nRSJ = 县人社局\nHLZ-BM = 槐店镇\n"
	           "A_1 = x\n",
	    path);
	assert_int_equal(
	    yousu_depts_load(path, &d, err, sizeof(err)), YOUSU_OK);
	assert_string_equal(yousu_depts_name(d, "HLZ-BM"), "槐店镇");
	assert_null(yousu_depts_name(d, "rsj"));
	assert_null(yousu_depts_name(d, NULL));
	yousu_depts_free(d);
	unlink(path);

	depts_error("[departments]\nRSJ = a\nrsj = b\n", 3,
	    "department code 'rsj' must be 1-31 of A-Z 0-9 - _");
	depts_error("[departments]\nRSJ = a\nR.S = b\n", 3,
	    "department code 'R.S' must be 1-31 of A-Z 0-9 - _");
	depts_error("[departments]\nRSJ = a\nGAJ = b\nRSJ = c\n", 4,
	    "department 'RSJ' listed twice");
	depts_error("[depts]\nRSJ = a\n", 2, "unknown key 'RSJ' in [depts]");
	depts_error("[departments]\nRSJ =\n", 2, "RSJ: empty value");
	depts_error("[departments]\n# none yet\n", 0,
	    "the catalogue lists no department (one [dept CODE] section "
	    "each)");
	snprintf(text, sizeof(text), "[departments]\nRSJ = %0130d\n", 0);
	depts_error(text, 2, "department 'RSJ': too many or name too long");
	snprintf(text, sizeof(text), "[departments]\n%032d = x\n", 0);
	depts_error(text, 2,
	    "department code "
	    "'00000000000000000000000000000000' must be 1-31 "
	    "of A-Z 0-9 - _");
}

/* --- every sample under configs/ loads ------------------------------ */

typedef int (*sample_fn)(const char *path, char *err, size_t errlen);

static int
load_profile(const char *path, char *err, size_t errlen)
{
	yousu_policy *p = NULL;

	if (yousu_policy_load(path, &p, err, errlen) != YOUSU_OK)
		return -1;
	if (yousu_policy_name(p)[0] == '\0' || yousu_policy_title(p)[0] == '\0')
		snprintf(err, errlen, "%s: empty name or title", path);
	yousu_policy_free(p);
	return 0;
}

static int
load_calendar(const char *path, char *err, size_t errlen)
{
	yousu_calendar *c = NULL;

	if (yousu_calendar_load(path, &c, err, errlen) != YOUSU_OK)
		return -1;
	yousu_calendar_free(c);
	return 0;
}

static int
load_depts(const char *path, char *err, size_t errlen)
{
	yousu_depts *d = NULL;

	if (yousu_depts_load(path, &d, err, errlen) != YOUSU_OK)
		return -1;
	yousu_depts_free(d);
	return 0;
}

/* Load every *.ini in dir with fn; returns how many. */
static int
load_all(const char *dir, sample_fn fn)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char path[512], err[512];
	int n = 0;

	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 5 || strcmp(de->d_name + len - 4, ".ini") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		err[0] = '\0';
		if (fn(path, err, sizeof(err)) != 0 || err[0] != '\0')
			fail_msg("sample %s: %s", path, err);
		n++;
	}
	closedir(dp);
	return n;
}

static void
test_samples_load(void **state)
{
	(void) state;
	assert_true(load_all(CONFIGS "/profiles", load_profile) >= 1);
	assert_true(load_all(CONFIGS "/calendars", load_calendar) >= 1);
	assert_true(load_all(CONFIGS "/departments", load_depts) >= 1);
}

/* The Shenqiu profile says what seed 002 says. */
static void
test_shenqiu_profile(void **state)
{
	yousu_policy *p = NULL;
	yousu_depts *d = NULL;
	char err[512] = "", codes[256];
	const char *channel = NULL;
	yousu_policy_case c = {NULL, NULL, 0, 1};

	(void) state;
	assert_int_equal(yousu_policy_load(CONFIGS "/profiles/shenqiu.ini", &p,
	                     err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(yousu_policy_name(p), "shenqiu");
	assert_int_equal(yousu_policy_limit(p, &c), 3);
	c.nature = "cannot"; /* 办不了: 3 working days (第八条) */
	assert_int_equal(yousu_policy_limit(p, &c), 3);
	c.nature = "hard"; /* 很难办: 5 */
	assert_int_equal(yousu_policy_limit(p, &c), 5);
	c.nature = "general";
	c.departments = 2; /* several departments: 5 */
	assert_int_equal(yousu_policy_limit(p, &c), 5);
	assert_int_equal(yousu_policy_reminder_days(p), 1);
	assert_int_equal(yousu_policy_notice_days(p, "window"), 2);
	assert_int_equal(yousu_policy_notice_days(p, NULL), 2);
	assert_int_equal(yousu_policy_assign_days(p), -1);
	assert_string_equal(yousu_policy_notice_cc(p), "县纪委监委");
	assert_string_equal(yousu_policy_notice_report_to(p), "县人民政府");
	assert_int_equal(yousu_policy_extension_max(p), 5);
	/* 第八条: plans for 很难办, 不给办 and several departments, not 办不了
	 */
	assert_true(yousu_policy_plan_allowed(p, "hard", 1));
	assert_true(yousu_policy_plan_allowed(p, "refused", 1));
	assert_true(yousu_policy_plan_allowed(p, "general", 2));
	assert_true(yousu_policy_plan_allowed(p, NULL, 2));
	assert_false(yousu_policy_plan_allowed(p, "cannot", 1));
	assert_false(yousu_policy_plan_allowed(p, NULL, 1));
	assert_int_equal(yousu_policy_plan_max_days(p), 20);
	assert_non_null(yousu_policy_category(p, "extortion"));
	assert_null(yousu_policy_category(p, "weather"));
	assert_string_equal(yousu_policy_refusal(p, "civil", &channel),
	    "市场主体之间或与其他组织、个人之间的民事纠纷");
	assert_string_equal(channel, "人民调解或人民法院");
	yousu_policy_list_codes(p, 'r', codes, sizeof(codes));
	assert_string_equal(
	    codes, "legal, petition, civil, no_target, no_facts, out_of_scope");
	yousu_policy_free(p);

	assert_int_equal(yousu_depts_load(CONFIGS "/departments/shenqiu.ini",
	                     &d, err, sizeof(err)),
	    YOUSU_OK);
	assert_string_equal(
	    yousu_depts_name(d, "RSJ"), "县人力资源和社会保障局（社保窗口）");
	yousu_depts_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_policy_base),
	    cmocka_unit_test(test_policy_unknown_key),
	    cmocka_unit_test(test_policy_bad_numbers),
	    cmocka_unit_test(test_policy_numbering),
	    cmocka_unit_test(test_policy_duplicates),
	    cmocka_unit_test(test_policy_missing_key),
	    cmocka_unit_test(test_policy_classes),
	    cmocka_unit_test(test_policy_escalation_keys),
	    cmocka_unit_test(test_policy_workorder),
	    cmocka_unit_test(test_policy_refusal_channel),
	    cmocka_unit_test(test_policy_refusal_trim),
	    cmocka_unit_test(test_policy_empty_lists),
	    cmocka_unit_test(test_policy_value_too_long),
	    cmocka_unit_test(test_policy_line_length),
	    cmocka_unit_test(test_policy_ledger),
	    cmocka_unit_test(test_policy_ledger_errors),
	    cmocka_unit_test(test_loader_values),
	    cmocka_unit_test(test_loader_errors),
	    cmocka_unit_test(test_loader_first_error),
	    cmocka_unit_test(test_loader_section_twice),
	    cmocka_unit_test(test_loader_line_length),
	    cmocka_unit_test(test_loader_missing_file),
	    cmocka_unit_test(test_depts),
	    cmocka_unit_test(test_samples_load),
	    cmocka_unit_test(test_shenqiu_profile),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
