/* yousuctl: the operator's command line for a node, hub or bridge. */
#include <getopt.h>
#include <nng/nng.h>
#include <nng/protocol/reqrep0/req.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctl.h"
#include "yousu/utf8.h"

#define MAX_OPTS 32

static const ctl_opt intake_opts[] = {
    {"source", "source", O_STR, "诉求来源: window, hotline, online, transfer"},
    {"name", "name", O_STR, "姓名或单位名称"},
    {"org", "is_org", O_FLAG, "the complainant is an organisation (单位)"},
    {"org-contact", "org_contact", O_STR, "单位联系人 (organisations only)"},
    {"phone", "phone", O_STR, "联系电话"},
    {"address", "address", O_STR, "联系地址"},
    {"content", "content", O_STR, "诉求主要内容"},
    {"staff", "staff", O_STR, "受理人员 (default: the actor)"},
    {"duty-leader", "duty_leader", O_STR, "带班领导"},
    {"order-contact", "order_contact", O_STR, "工作单联系人"},
    {"order-phone", "order_phone", O_STR, "工作单联系电话"},
    {"contact-within", "contact_within_hours", O_INT,
        "contact the caller within N hours (hotline)"},
    {"anonymous", "anonymous", O_FLAG, "匿名 (name and phone optional)"},
    {"hotline-no", "hotline_no", O_STR, "12345 事项编号"},
    {"time-limit", "time_limit_days", O_INT,
        "办理时限: the 12345 form's working days (binds the deadline)"},
    {"feedback-within", "feedback_within_days", O_INT,
        "tell the caller the outcome within N working days (12345)"},
    {"lead-unit", "lead_unit", O_STR, "主办单位 named by the 12345 form"},
    {"co-units", "co_units", O_LIST,
        "协办单位 named by the 12345 form, comma separated"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt show_opts[] = {
    {"workorder", NULL, O_LOCAL, "print the work order (工作单) only"},
    {NULL, NULL, 0, NULL},
};
#define FILTER_OPTS                                                           \
	{"status", "status", O_STR, "registered, classified, assigned, ..."}, \
	    {"overdue", "overdue", O_FLAG, "open and past its due date"},     \
	    {"due-before", "due_before", O_STR, "due before YYYY-MM-DD"},     \
	    {"source", "source", O_STR, "window, hotline, online, transfer"}, \
	    {"category", "category", O_STR, "category code"},                 \
	    {"township", "origin", O_STR, "centre code where it was taken"},  \
	    {"dept", "dept", O_STR, "lead or co-handling department code"},   \
	    {"offset", "offset", O_INT, "skip the first N rows (paging)"},    \
	    {"from", "from", O_STR, "received on or after YYYY-MM-DD"},       \
	    {"to", "to", O_STR, "received on or before YYYY-MM-DD"},          \
	{                                                                     \
		"limit", "limit", O_INT, "at most N rows"                     \
	}
static const ctl_opt list_opts[] = {FILTER_OPTS, {NULL, NULL, 0, NULL}};
static const ctl_opt ledger_opts[] = {FILTER_OPTS,
    {"format", NULL, O_LOCAL, "table (default), csv or xlsx"},
    {"output", NULL, O_LOCAL, "write to FILE (-o); xlsx needs it"},
    {"with-id", "with_id", O_FLAG, "add the complaint id column"},
    {NULL, NULL, 0, NULL}};
static const ctl_opt stats_opts[] = {FILTER_OPTS, {NULL, NULL, 0, NULL}};
static const ctl_opt classify_opts[] = {
    {"category", "category", O_STR, "诉求类别 (a code of the profile)"},
    {"nature", "nature", O_STR,
        "general 一般, cannot 办不了, hard 很难办, "
        "refused 不给办"},
    {"class", "class", O_STR, "A, B or C"},
    {"level", "level", O_INT, "response level 1..3"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt resolve_opts[] = {
    {"result", "result", O_STR, "办理情况 (how it was resolved)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt reject_opts[] = {
    {"ground", "ground", O_STR, "refusal ground code of the profile"},
    {"note", "note", O_STR, "说明"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt assign_opts[] = {
    {"lead", "lead", O_STR, "牵头部门 code"},
    {"co", "co", O_LIST, "协办单位 codes, comma separated"},
    {"stub", "stub", O_STR, "交办单存根号 (default: next number)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt reply_opts[] = {
    {"kind", "kind", O_STR, "done 已办理, cannot 否定答复, plan 解决方案"},
    {"result", "result", O_STR, "办理情况"},
    {"reason", "reason", O_STR, "理由 (required for cannot)"},
    {"basis", "basis", O_STR, "法律政策依据 (required for cannot)"},
    {"dept", "dept", O_STR, "replying department (default: the lead)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt extend_opts[] = {
    {"days", "days", O_INT, "working days to add"},
    {"approver", "approver", O_STR, "who approved (带班领导 ...)"},
    {"reason", "reason", O_STR, "why"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt accept_opts[] = {
    {"dept", "dept", O_STR, "the department signing for it (签收)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt co_reply_opts[] = {
    {"dept", "dept", O_STR, "the co-handling unit (协办单位)"},
    {"result", "result", O_STR, "协办意见 for the lead"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt feedback_opts[] = {
    {"dept", "dept", O_STR, "the department (default: the lead)"},
    {"result", "result", O_STR, "初步反馈意见: what it found, what it will do"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt refer_opts[] = {
    {"reason", "reason", O_STR, "why it goes to the leading group"},
    {"to", "to", O_STR, "who (default: the profile's leading_group)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt contact_opts[] = {
    {"note", "note", O_STR, "联系情况: who called whom, what was said"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt callback_opts[] = {
    {"note", "note", O_STR, "反馈情况: who told the caller what, and how"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt fault_opts[] = {
    {"fault", "fault", O_STR,
        "who is at fault: 窗口工作人员 or 窗口单位 (and who)"},
    {"opinion", "opinion", O_STR, "处理意见: what the centre proposes"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt extend_request_opts[] = {
    {"dept", "dept", O_STR, "the lead department asking"},
    {"days", "days", O_INT, "working days asked for"},
    {"reason", "reason", O_STR, "why"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt city_opts[] = {
    {"period", "period", O_STR, "a month, YYYY-MM (default: every month)"},
    {"by", "by", O_STR,
        "county (default), township, department, source, "
        "category"},
    {"reports", "reports", O_FLAG, "list the county reports held instead"},
    {"format", NULL, O_LOCAL, "table (default), csv or xlsx"},
    {"output", NULL, O_LOCAL, "write to FILE (-o); xlsx needs it"},
    {NULL, NULL, 0, NULL}};
static const ctl_opt handover_opts[] = {
    {"reason", "reason", O_STR, "why it is the hotline's, not this hall's"},
    {NULL, NULL, 0, NULL}};
static const ctl_opt report_opts[] = {
    {"send", "send", O_FLAG, "also queue it to the parent centre (the city)"},
    {"period", "period", O_STR, "month (default) or day"},
    {"date", "date", O_STR, "a day of the period, YYYY-MM-DD (default today)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt queue_opts[] = {
    {"dept", "dept", O_STR, "department code"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt qc_opts[] = {
    {"pass", "pass", O_FLAG, "the reply passes the quality check"},
    {"fail", "pass", O_FALSE, "it fails: back to the departments"},
    {"note", "note", O_STR, "质检意见 (required on --fail)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt visit_opts[] = {
    {"satisfaction", "satisfaction", O_STR,
        "satisfied 满意, basic 基本满意, unsatisfied 不满意"},
    {"note", "note", O_STR, "回访情况"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt redo_opts[] = {
    {"reason", "reason", O_STR, "退回理由"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt note_opts[] = {
    {"note", "note", O_STR, "备注"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt transfer_opts[] = {
    {"to", "to", O_STR, "the receiving centre: the parent or a child"},
    {"reason", "reason", O_STR, "移交理由"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt escalate_opts[] = {
    {"reason", "reason", O_STR, "跨层级理由"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt batch_opts[] = {
    {"chunk", NULL, O_LOCAL, "requests per transaction (default 500)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt case_propose_opts[] = {
    {"method", "method", O_STR, "处理方法和步骤 (how it was handled)"},
    {"conclusion", "conclusion", O_STR, "结论意见 / 处理结果"},
    {"title", "title", O_STR,
        "标题 (default: the complaint's first 30 characters)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt case_review_opts[] = {
    {"publish", "publish", O_FLAG, "publish it (审核发布)"},
    {"return", "publish", O_FALSE, "return it to the proposer (退回)"},
    {"note", "note", O_STR, "审核意见 (required on --return)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt case_list_opts[] = {
    {"status", "status", O_STR,
        "proposed 待审核, published 已发布, returned 已退回"},
    {"limit", "limit", O_INT, "at most N rows"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt case_search_opts[] = {
    {"limit", "limit", O_INT, "at most N results, 1..100 (default 10)"},
    {NULL, NULL, 0, NULL},
};
static const ctl_opt no_opts[] = {{NULL, NULL, 0, NULL}};

static const ctl_cmd commands[] = {
    {"intake", "", "register a complaint (受理登记)", intake_opts,
        ctl_print_change},
    {"show", "ID", "a complaint, its event log and work order", show_opts,
        ctl_print_show},
    {"list", "", "complaints, filtered", list_opts, ctl_print_list},
    {"classify", "ID", "研判分类: category, nature, class, level",
        classify_opts, ctl_print_change},
    {"resolve", "ID", "当场办结: resolved at the window", resolve_opts,
        ctl_print_change},
    {"reject", "ID", "不予受理 with the ground and the right channel",
        reject_opts, ctl_print_change},
    {"assign", "ID", "分办转办 to a lead and co-handling departments",
        assign_opts, ctl_print_change},
    {"reply", "ID", "the lead department's reply (答复)", reply_opts,
        ctl_print_change},
    {"extend", "ID", "延期: approved extension within the cap", extend_opts,
        ctl_print_change},
    {"accept", "ID", "签收: a department signs for an assigned complaint",
        accept_opts, ctl_print_change},
    {"co-reply", "ID", "协办答复: a co-handling unit answers the lead",
        co_reply_opts, ctl_print_change},
    {"extend-request", "ID",
        "延期申请: the lead department asks for more working days",
        extend_request_opts, ctl_print_change},
    {"queue", "", "a department's queue (待办): what is assigned to it",
        queue_opts, ctl_print_queue},
    {"feedback", "ID",
        "初步反馈: the department's first feedback, before its reply",
        feedback_opts, ctl_print_change},
    {"qc", "ID", "质检: quality check of the reply", qc_opts, ctl_print_change},
    {"visit", "ID", "回访: return visit and satisfaction", visit_opts,
        ctl_print_change},
    {"redo", "ID", "退回重办: return for redo", redo_opts, ctl_print_change},
    {"refer", "ID",
        "提交领导小组: hand a difficult matter to the leading group (研判协调)",
        refer_opts, ctl_print_change},
    {"contact", "ID",
        "联系来电人: the caller was reached (within the hours the 12345 form "
        "asks)",
        contact_opts, ctl_print_change},
    {"callback", "ID",
        "反馈来电人: the caller was told the outcome (the 12345 form asks for "
        "it within N working days)",
        callback_opts, ctl_print_change},
    {"fault", "ID",
        "过错通报: the recheck found the window at fault; notify the unit and "
        "its leaders",
        fault_opts, ctl_print_change},
    {"close", "ID", "清零销号: close after a satisfied visit", note_opts,
        ctl_print_change},
    {"escalate", "ID", "跨层级: hand the complaint to the parent centre",
        escalate_opts, ctl_print_change},
    {"transfer", "ID", "hand the complaint to the parent or a child centre",
        transfer_opts, ctl_print_change},
    {"batch", "[FILE]",
        "JSON-lines workflow requests from FILE or stdin, group-committed",
        batch_opts, ctl_print_batch},
    {"status", "", "the links: each peer online, cursors, backlog, rejects",
        no_opts, ctl_print_status},
    {"keygen", "FILE", "write a new link key (mode 0600)", no_opts, NULL},
    {"hotline import", "FILE",
        "12345: dispatch a form (交办单) file now (at the city bridge)",
        no_opts, ctl_print_plain},
    {"hotline handover", "ID",
        "hand a window complaint to the 12345 hotline (不予受理 here)",
        handover_opts, ctl_print_change},
    {"hotline list", "",
        "12345: the forms dispatched, where they went and their outcome",
        no_opts, ctl_print_hotline},
    {"hotline scan", "",
        "12345: take the inbound spool's forms now (at the city bridge)",
        no_opts, ctl_print_plain},
    {"ledger", "", "the ledger (台账) as table, CSV or XLSX", ledger_opts,
        ctl_print_ledger},
    {"stats", "", "statistics for a period", stats_opts, ctl_print_stats},
    {"report", "",
        "统计报表: the period's statistics as sent upward (no personal "
        "data)",
        report_opts, ctl_print_report},
    {"city", "",
        "city-wide tables from the county reports (at the city bridge)",
        city_opts, ctl_print_city},
    {"clock", "[get | set TIME | advance SPAN]",
        "the daemon's clock (set/advance need --test-clock)", no_opts,
        ctl_print_clock},
    {"check", "", "verify every state equals its event log", no_opts,
        ctl_print_check},
    {"ping", "", "is the daemon there, and who is it", no_opts,
        ctl_print_plain},
    {"depts", "", "the department catalogue: level, categories, keywords",
        no_opts, ctl_print_depts},
    {"route", "ID",
        "分办建议: the lead and co-handling departments proposed, and why",
        no_opts, ctl_print_route},
    {"case propose", "ID", "指导案例: propose a closed complaint as a case",
        case_propose_opts, ctl_print_case},
    {"case review", "CASE",
        "审核发布: publish or return a proposed case (county hub)",
        case_review_opts, ctl_print_case},
    {"case list", "", "guidance cases, by status", case_list_opts,
        ctl_print_case_list},
    {"case show", "CASE", "a guidance case in full", no_opts, ctl_print_case},
    {"case search", "TEXT", "published guidance cases containing TEXT",
        case_search_opts, ctl_print_case_search},
    {"calendar", "",
        "工作日日历: the years loaded, its version, when it runs out, and the "
        "open complaints with provisional (暂定) figures",
        no_opts, ctl_print_calendar},
    {"calendar days", "FROM TO",
        "working days in (FROM, TO]: FROM not counted, TO counted", no_opts,
        ctl_print_calendar_count},
    {"calendar add", "FROM N",
        "the due date of N working days from FROM (the Nth working day "
        "after it)",
        no_opts, ctl_print_calendar_count},
    {"calendar reload", "",
        "load the calendar file again; a new version corrects the "
        "deadlines (期限调整)",
        no_opts, ctl_print_calendar_reload},
    {NULL, NULL, NULL, NULL, NULL},
};

static void unknown_opt(const ctl_cmd *c, const char *arg);

static void
cmd_usage(FILE *f, const ctl_cmd *c)
{
	size_t n = strlen(c->name);

	fprintf(f, "usage: yousuctl [global options] %s %s%s[options]\n%s\n",
	    c->name, c->args, c->args[0] ? " " : "", c->summary);
	for (const ctl_opt *o = c->opts; o->opt; o++)
		fprintf(f, "  --%-16s %s%s\n", o->opt,
		    o->type == O_FLAG || o->type == O_FALSE ? "" : "VALUE  ",
		    o->help);
	/* a command that heads a group ("calendar") lists the others */
	for (const ctl_cmd *o = commands; o->name; o++)
		if (strncmp(o->name, c->name, n) == 0 && o->name[n] == ' ')
			fprintf(f, "  %s %s\n      %s\n", o->name, o->args,
			    o->summary);
}

static int
usage(FILE *f, int status)
{
	fprintf(f,
	    "usage: yousuctl [-s SOCKET] [--json] [--actor NAME] COMMAND "
	    "[ARGS]\n"
	    "  -s, --socket URL   control socket (default $YOUSU_SOCKET or "
	    "ipc:///tmp/yousu/node.sock)\n"
	    "      --json         print the daemon's JSON answer\n"
	    "      --actor NAME   who signs for the step (default "
	    "$YOUSU_ACTOR, else $USER)\n"
	    "      --timeout MS   how long to wait for the daemon (30000)\n"
	    "commands (COMMAND --help for each):\n");
	for (const ctl_cmd *c = commands; c->name; c++)
		fprintf(f, "  %-12s %s\n", c->name, c->summary);
	return status;
}

static cJSON *
split_list(const char *s)
{
	cJSON *arr = cJSON_CreateArray();
	char *copy = strdup(s), *save = NULL;

	for (char *t = strtok_r(copy, ",", &save); t;
	     t = strtok_r(NULL, ",", &save))
		cJSON_AddItemToArray(arr, cJSON_CreateString(t));
	free(copy);
	return arr;
}

static int
set_opt(const ctl_cmd *c, const ctl_opt *o, const char *v, cJSON *args,
    ctl_local *l)
{
	char *end;
	long n;

	switch (o->type) {
	case O_STR:
		cJSON_AddStringToObject(args, o->key, v);
		return 0;
	case O_INT:
		n = strtol(v, &end, 10);
		if (end == v || *end != '\0') {
			fprintf(stderr,
			    "yousuctl %s: --%s '%s' is not a whole "
			    "number\n",
			    c->name, o->opt, v);
			return 2;
		}
		cJSON_AddNumberToObject(args, o->key, (double) n);
		return 0;
	case O_FLAG:
	case O_FALSE:
		cJSON_DeleteItemFromObject(args, o->key);
		cJSON_AddBoolToObject(args, o->key, o->type == O_FLAG);
		return 0;
	case O_LIST:
		cJSON_AddItemToObject(args, o->key, split_list(v));
		return 0;
	case O_LOCAL:
		if (strcmp(o->opt, "format") == 0)
			l->format = v;
		else if (strcmp(o->opt, "output") == 0)
			l->output = v;
		else if (strcmp(o->opt, "workorder") == 0)
			l->workorder = true;
		else if (strcmp(o->opt, "chunk") == 0)
			l->chunk = atoi(v);
		return 0;
	}
	return 2;
}

static bool
takes_value(const ctl_opt *o)
{
	return o->type == O_STR || o->type == O_INT || o->type == O_LIST ||
	       (o->type == O_LOCAL && strcmp(o->opt, "workorder") != 0);
}

/* Parse the command's own options into args; positionals into pos. */
static int
parse_cmd(const ctl_cmd *c, int argc, char **argv, cJSON *args, ctl_local *l,
    cJSON *pos)
{
	struct option lo[MAX_OPTS + 2];
	int n = 0, ch, rv;

	for (const ctl_opt *o = c->opts; o->opt; o++, n++)
		lo[n] = (struct option){o->opt, takes_value(o), NULL, n};
	lo[n++] = (struct option){"help", 0, NULL, 'h'};
	lo[n] = (struct option){0, 0, 0, 0};
	optind = 0; /* glibc: start a fresh scan */
	opterr = 0; /* an unknown option is said here, with what was meant */
	while (
	    (ch = getopt_long(argc, argv,
	         c->opts == ledger_opts || c->opts == city_opts ? ":o:h" : ":h",
	         lo, NULL)) != -1) {
		if (ch == 'h') {
			cmd_usage(stdout, c);
			return -1;
		}
		if (ch == 'o') {
			l->output = optarg;
			continue;
		}
		if (ch == ':') {
			fprintf(stderr,
			    "yousuctl %s: option '%s' needs a value\n", c->name,
			    argv[optind - 1]);
			cmd_usage(stderr, c);
			return 2;
		}
		if (ch == '?' || ch < 0 || ch >= MAX_OPTS) {
			unknown_opt(c, argv[optind - 1]);
			cmd_usage(stderr, c);
			return 2;
		}
		if ((rv = set_opt(c, &c->opts[ch], optarg, args, l)) != 0)
			return rv;
	}
	for (; optind < argc; optind++)
		cJSON_AddItemToArray(pos, cJSON_CreateString(argv[optind]));
	return 0;
}

/* "unknown command 'intak': did you mean 'intake'?" and the usage. */
static int
unknown_cmd(int argc, char **argv, int words)
{
	const char *names[128], *near;
	char typed[128];
	size_t n = 0;

	snprintf(typed, sizeof typed, "%s%s%s", argv[0], words > 1 ? " " : "",
	    words > 1 && argc > 1 ? argv[1] : "");
	for (const ctl_cmd *c = commands; c->name && n < 128; c++)
		names[n++] = c->name;
	near = yousu_text_closest(typed, names, n);
	if (near != NULL)
		fprintf(stderr,
		    "yousuctl: unknown command '%s': did you mean '%s'?\n",
		    typed, near);
	else
		fprintf(stderr, "yousuctl: unknown command '%s'\n", typed);
	return usage(stderr, 2);
}

/* "unknown option '--sourse': did you mean '--source'?" */
static void
unknown_opt(const ctl_cmd *c, const char *arg)
{
	const char *names[MAX_OPTS + 1], *near;
	char typed[64];
	size_t n = 0;

	snprintf(
	    typed, sizeof typed, "%.*s", (int) strcspn(arg + 2, "="), arg + 2);
	for (const ctl_opt *o = c->opts; o->opt && n < MAX_OPTS; o++)
		names[n++] = o->opt;
	names[n++] = "help";
	near = arg[0] == '-' && arg[1] == '-'
	           ? yousu_text_closest(typed, names, n)
	           : NULL;
	if (near != NULL)
		fprintf(stderr,
		    "yousuctl %s: unknown option '%s': did you mean '--%s'?\n",
		    c->name, arg, near);
	else
		fprintf(
		    stderr, "yousuctl %s: unknown option '%s'\n", c->name, arg);
}

static const ctl_cmd *
find_cmd(const char *name)
{
	for (const ctl_cmd *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* Commands of two words: "case propose", "hotline import" ... */
static bool
is_group(const char *w)
{
	return strcmp(w, "case") == 0 || strcmp(w, "hotline") == 0 ||
	       strcmp(w, "calendar") == 0;
}

/* "yousuctl case" (or "hotline") alone or with --help: its commands. */
static int
case_usage(int argc, char **argv)
{
	bool help = argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	                             strcmp(argv[1], "-h") == 0);
	FILE *f = help ? stdout : stderr;
	size_t n = strlen(argv[0]);

	fprintf(f,
	    "usage: yousuctl [global options] %s COMMAND [ARGS]\n"
	    "%s; COMMAND --help for each:\n",
	    argv[0],
	    strcmp(argv[0], "case") == 0       ? "guidance cases (指导案例)"
	    : strcmp(argv[0], "calendar") == 0 ? "the working-day calendar"
	                                       : "the 12345 hotline gateway");
	for (const ctl_cmd *c = commands; c->name; c++)
		if (strncmp(c->name, argv[0], n) == 0 && c->name[n] == ' ')
			fprintf(f, "  %-14s %s\n", c->name, c->summary);
	return help ? 0 : 2;
}

/* The command named by argv: one word, or two for "case propose" and
 * its siblings; *words says how many. */
static const ctl_cmd *
find_cmd_words(int argc, char **argv, int *words)
{
	char name[64];

	*words = 1;
	if (!is_group(argv[0]))
		return find_cmd(argv[0]);
	if (argc >= 2 && argv[1][0] != '-') {
		*words = 2;
		snprintf(name, sizeof name, "%s %s", argv[0], argv[1]);
		return find_cmd(name);
	}
	return find_cmd(argv[0]); /* "calendar" alone is a command */
}

/* The positionals, joined by spaces, as args' member key. */
static int
join_words(const cJSON *pos, cJSON *args, const char *key)
{
	const cJSON *w;
	size_t len = 1;
	char *text;

	cJSON_ArrayForEach (w, pos)
		len += strlen(w->valuestring) + 1;
	if ((text = calloc(1, len)) == NULL)
		return 2;
	cJSON_ArrayForEach (w, pos) {
		if (text[0] != '\0')
			strcat(text, " ");
		strcat(text, w->valuestring);
	}
	cJSON_AddStringToObject(args, key, text);
	free(text);
	return 0;
}

/* "FROM TO" and "FROM N": two positionals, the second a date or a whole
 * number. */
static int
two_positionals(const ctl_cmd *c, const cJSON *pos, cJSON *args)
{
	const char *a, *b;
	char *end;
	long n;

	if (cJSON_GetArraySize(pos) != 2) {
		fprintf(stderr, "yousuctl %s: expected %s\n", c->name, c->args);
		cmd_usage(stderr, c);
		return 2;
	}
	a = cJSON_GetArrayItem(pos, 0)->valuestring;
	b = cJSON_GetArrayItem(pos, 1)->valuestring;
	cJSON_AddStringToObject(args, "from", a);
	if (strcmp(c->args, "FROM TO") == 0) {
		cJSON_AddStringToObject(args, "to", b);
		return 0;
	}
	n = strtol(b, &end, 10);
	if (end == b || *end != '\0') {
		fprintf(stderr,
		    "yousuctl %s: N '%s' is not a whole number of working "
		    "days\n",
		    c->name, b);
		return 2;
	}
	cJSON_AddNumberToObject(args, "n", (double) n);
	return 0;
}

/* Put positionals where the daemon expects them. */
static int
place_positionals(const ctl_cmd *c, cJSON *pos, cJSON *args)
{
	int n = cJSON_GetArraySize(pos);

	if (strcmp(c->name, "clock") == 0) {
		if (n > 2 ||
		    (n == 2) !=
		        (n && strcmp(cJSON_GetArrayItem(pos, 0)->valuestring,
		                  "get") != 0))
			goto bad;
		if (n >= 1)
			cJSON_AddStringToObject(args, "action",
			    cJSON_GetArrayItem(pos, 0)->valuestring);
		if (n == 2)
			cJSON_AddStringToObject(args, "value",
			    cJSON_GetArrayItem(pos, 1)->valuestring);
		return 0;
	}
	if (c->args[0] == '[' && n <= 1) {
		if (n == 1)
			cJSON_AddStringToObject(args, "file",
			    cJSON_GetArrayItem(pos, 0)->valuestring);
		return 0;
	}
	if (strcmp(c->args, "TEXT") == 0 && n >= 1)
		return join_words(pos, args, "text");
	if (strcmp(c->args, "FROM TO") == 0 || strcmp(c->args, "FROM N") == 0)
		return two_positionals(c, pos, args);
	if ((c->args[0] != '\0') != (n == 1) || n > 1)
		goto bad;
	if (strcmp(c->args, "FILE") == 0) {
		const char *f = cJSON_GetArrayItem(pos, 0)->valuestring;
		/* the daemon reads it from where it runs: a full path */
		char *abs =
		    strcmp(c->name, "keygen") ? realpath(f, NULL) : NULL;

		cJSON_AddStringToObject(args, "file", abs ? abs : f);
		free(abs);
		return 0;
	}
	if (n == 1)
		cJSON_AddStringToObject(
		    args, "id", cJSON_GetArrayItem(pos, 0)->valuestring);
	return 0;
bad:
	fprintf(stderr, "yousuctl %s: expected %s\n", c->name,
	    c->args[0] ? c->args : "no positional argument");
	cmd_usage(stderr, c);
	return 2;
}

char *
ctl_call(const char *url, const char *req, int timeout_ms)
{
	nng_socket s;
	char *buf = NULL, *out = NULL;
	size_t len = 0;
	int rv;

	/* the timeout covers the whole exchange: a daemon that dies after
	 * the dial would otherwise leave the send waiting for it forever */
	if ((rv = nng_req0_open(&s)) != 0 ||
	    (rv = nng_socket_set_ms(s, NNG_OPT_RECVTIMEO, timeout_ms)) != 0 ||
	    (rv = nng_socket_set_ms(s, NNG_OPT_SENDTIMEO, timeout_ms)) != 0 ||
	    (rv = nng_socket_set_size(s, NNG_OPT_RECVMAXSZ, 256 << 20)) != 0 ||
	    (rv = nng_dial(s, url, NULL, 0)) != 0 ||
	    (rv = nng_send(s, (void *) req, strlen(req), 0)) != 0 ||
	    (rv = nng_recv(s, &buf, &len, NNG_FLAG_ALLOC)) != 0) {
		fprintf(stderr, "yousuctl: cannot reach the daemon at %s: %s\n",
		    url, nng_strerror(rv));
		nng_close(s);
		return NULL;
	}
	if ((out = malloc(len + 1)) != NULL) {
		memcpy(out, buf, len);
		out[len] = '\0';
	}
	nng_free(buf, len);
	nng_close(s);
	return out;
}

int
ctl_exchange(const char *url, int timeout, const ctl_cmd *c, const char *actor,
    cJSON *args, const ctl_local *l)
{
	cJSON *req = cJSON_CreateObject(), *rep;
	char *text, *answer, wire[32];
	int status = 1;

	/* "case propose" goes to the daemon as "case.propose", "co-reply"
	 * as "co_reply" */
	snprintf(wire, sizeof wire, "%s", c->name);
	for (char *p = wire; *p; p++)
		*p = *p == ' ' ? '.' : *p == '-' ? '_' : *p;
	cJSON_AddStringToObject(req, "cmd", wire);
	cJSON_AddStringToObject(req, "actor", actor);
	cJSON_AddItemReferenceToObject(req, "args", args);
	text = cJSON_PrintUnformatted(req);
	cJSON_Delete(req);
	answer = ctl_call(url, text, timeout);
	free(text);
	if (answer == NULL)
		return 3;
	rep = cJSON_Parse(answer);
	if (!cJSON_IsObject(rep)) {
		fprintf(
		    stderr, "yousuctl: the daemon sent a malformed answer\n");
	} else if (!cJSON_IsTrue(cJSON_GetObjectItem(rep, "ok"))) {
		cJSON *e = cJSON_GetObjectItem(rep, "error");

		if (l->json)
			puts(answer);
		fprintf(stderr, "yousuctl: %s\n",
		    cJSON_IsString(e) ? e->valuestring : "refused");
	} else if (l->json && l->format == NULL) {
		puts(answer);
		status = 0;
	} else {
		status = c->print(c, cJSON_GetObjectItem(rep, "result"), l);
	}
	cJSON_Delete(rep);
	free(answer);
	return status;
}

int
main(int argc, char **argv)
{
	static const struct option gopts[] = {{"socket", 1, 0, 's'},
	    {"json", 0, 0, 'j'}, {"actor", 1, 0, 'a'}, {"timeout", 1, 0, 't'},
	    {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
	const char *url = getenv("YOUSU_SOCKET"),
	           *actor = getenv("YOUSU_ACTOR");
	ctl_local local = {0};
	int timeout = 30000, ch, rv, words;
	const ctl_cmd *c;
	cJSON *args, *pos;

	/* ledgers and tables written with -o hold names and phones: the
	 * files yousuctl makes are its user's alone */
	umask(077);
	if (url == NULL)
		url = "ipc:///tmp/yousu/node.sock";
	if (actor == NULL)
		actor = getenv("USER") ? getenv("USER") : "operator";
	while ((ch = getopt_long(argc, argv, "+s:h", gopts, NULL)) != -1) {
		if (ch == 's')
			url = optarg;
		else if (ch == 'j')
			local.json = true;
		else if (ch == 'a')
			actor = optarg;
		else if (ch == 't')
			timeout = atoi(optarg);
		else
			return usage(
			    ch == 'h' ? stdout : stderr, ch != 'h' ? 2 : 0);
	}
	if (optind >= argc)
		return usage(stderr, 2);
	if (is_group(argv[optind]) && find_cmd(argv[optind]) == NULL &&
	    (optind + 1 == argc || argv[optind + 1][0] == '-'))
		return case_usage(argc - optind, argv + optind);
	if ((c = find_cmd_words(argc - optind, argv + optind, &words)) == NULL)
		return unknown_cmd(argc - optind, argv + optind, words);
	optind += words - 1; /* the last word of the name is argv[0] */
	args = cJSON_CreateObject();
	pos = cJSON_CreateArray();
	rv = parse_cmd(c, argc - optind, argv + optind, args, &local, pos);
	if (rv == 0)
		rv = place_positionals(c, pos, args);
	if (rv == 0 && strcmp(c->name, "keygen") == 0)
		rv = ctl_keygen(yousu_jstr_or(args, "file"));
	else if (rv == 0 && strcmp(c->name, "batch") == 0)
		rv = ctl_batch(url, timeout, c, actor, args, &local);
	else if (rv == 0)
		rv = ctl_exchange(url, timeout, c, actor, args, &local);
	cJSON_Delete(args);
	cJSON_Delete(pos);
	return rv < 0 ? 0 : rv;
}
