/* The one description of every command (yousu/commands.h), and the
 * checking of a request against it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/commands.h"
#include "yousu/date.h"
#include "yousu/json.h"
#include "yousu/strbuf.h"
#include "yousu/utf8.h"

#define MAX_TEXT 4000 /* bytes of free text in one field */
#define MAX_STR  200  /* bytes of a one-line field */

/* --- the fields --------------------------------------------------------- */

#define END          \
	{            \
		NULL \
	}
#define REQ YOUSU_F_REQUIRED
#define PER YOUSU_F_PERSON
#define ARG YOUSU_F_ARG
#define STR YOUSU_T_STR
#define TXT YOUSU_T_TEXT
#define INT YOUSU_T_INT
#define BOO YOUSU_T_BOOL
#define LST YOUSU_T_LIST
#define DAT YOUSU_T_DATE

/* the complaint a step is on: yousuctl's first argument */
#define ID_FIELD                                                       \
	{                                                              \
		"id", STR, REQ | ARG,                                  \
		    .label = "诉求编号",                               \
		    .help = "the complaint's id, e.g. HD-20260924001", \
		    .opt = ""                                          \
	}

static const yousu_field intake_fields[] = {
    {"source", STR, REQ, .label = "诉求来源",
        .help = "window 窗口, hotline 热线, online 网上, transfer 转办"},
    {"name", STR, PER, .label = "姓名或单位名称",
        .help = "required unless anonymous"},
    {"is_org", BOO, 0, .label = "反映人为单位",
        .help = "the complainant is an organisation", .opt = "org"},
    {"repeat_of", STR, 0, 0, 64, .label = "重复件前件",
        .help = "the earlier complaint this one repeats (yousuctl repeats)"},
    {"notify", BOO, 0, .label = "同意短信通知",
        .help = "the complainant agrees to be told by SMS of the "
                "registration (number, due date) and the answer"},
    {"org_contact", STR, PER, .label = "单位联系人",
        .help = "organisations only"},
    {"phone", STR, PER, .label = "联系电话",
        .help = "required unless anonymous"},
    {"address", STR, PER, .label = "联系地址"},
    {"content", TXT, REQ, .label = "诉求主要内容"},
    {"staff", STR, 0, .label = "受理人员", .help = "default: the actor"},
    {"duty_leader", STR, PER, .label = "带班领导"},
    {"order_contact", STR, PER, .label = "工作单联系人"},
    {"order_phone", STR, PER, .label = "工作单联系电话"},
    {"contact_within_hours", INT, 0, 1, 720, .label = "N小时内联系来电人",
        .help = "12345: contact the caller within N hours",
        .unit = "a number of hours", .opt = "contact-within"},
    {"anonymous", BOO, 0, .label = "匿名", .help = "no name or phone needed"},
    {"hotline_no", STR, 0, .label = "12345事项编号"},
    {"time_limit_days", INT, 0, 1, 60, .label = "办理时限（12345交办单）",
        .help = "the 12345 form's working days (binds the deadline)",
        .unit = "a number of working days", .opt = "time-limit"},
    {"feedback_within_days", INT, 0, 1, 60, .label = "N个工作日内反馈来电人",
        .help = "12345: tell the caller the outcome within N working days",
        .unit = "a number of working days", .opt = "feedback-within"},
    {"lead_unit", STR, 0, .label = "主办单位（12345交办单）"},
    {"co_units", LST, 0, .label = "协办单位（12345交办单）",
        .help = "comma separated"},
    END,
};
static const yousu_field reject_fields[] = {ID_FIELD,
    {"ground", STR, REQ, .label = "不予受理的情形",
        .help = "a refusal ground of the profile, by code or words"},
    {"note", TXT, 0, .label = "说明"}, END};
static const yousu_field classify_fields[] = {ID_FIELD,
    {"category", STR, REQ, .label = "诉求类别",
        .help = "a category of the profile, by code or words"},
    {"nature", STR, 0, .label = "性质",
        .help = "general 一般, cannot 办不了, hard 很难办, refused 不给办"},
    {"class", STR, 0, .label = "分类",
        .help = "one of the profile's [classes] (A, B, C)"},
    {"level", INT, 0, 1, 3, .label = "响应等级", .help = "1..3",
        .unit = "a response level"},
    END};
static const yousu_field resolve_fields[] = {ID_FIELD,
    {"result", TXT, REQ, .label = "办理情况",
        .help = "how it was resolved at the window"},
    END};
static const yousu_field assign_fields[] = {ID_FIELD,
    {"lead", STR, REQ, .label = "牵头部门",
        .help = "a department: code, name or alias"},
    {"co", LST, 0, .label = "协办单位", .help = "departments, comma separated"},
    {"stub", STR, 0, .label = "交办单存根号",
        .help = "default: the next number"},
    END};
static const yousu_field reply_fields[] = {ID_FIELD,
    {"kind", STR, REQ, .label = "答复类型",
        .help = "done 已办理, cannot 否定答复, plan 解决方案 (then the "
                "result by its committed date)"},
    {"result", TXT, REQ, .label = "办理情况"},
    {"reason", TXT, 0, .label = "理由", .help = "required for cannot"},
    {"basis", TXT, 0, .label = "法律政策依据", .help = "required for cannot"},
    {"steps", TXT, 0, .label = "办理步骤和措施",
        .help = "required for plan: what will be done, step by step"},
    {"committed", DAT, 0, .label = "承诺办结日期",
        .help = "required for plan: the result is due by this day"},
    {"dept", STR, 0, .label = "答复部门", .help = "default: the lead"}, END};
static const yousu_field extend_fields[] = {ID_FIELD,
    {"days", INT, REQ, 1, 365, .label = "延期工作日",
        .help = "within the profile's cap", .unit = "a number of working days"},
    {"approver", STR, REQ, .label = "批准人",
        .help = "who approved it (带班领导 ...)"},
    {"reason", TXT, REQ, .label = "延期理由"}, END};
static const yousu_field accept_fields[] = {ID_FIELD,
    {"dept", STR, REQ, .label = "签收部门",
        .help = "the lead or a co-handling department"},
    END};
static const yousu_field co_reply_fields[] = {ID_FIELD,
    {"dept", STR, REQ, .label = "协办单位"},
    {"result", TXT, REQ, .label = "协办意见", .help = "for the lead"}, END};
static const yousu_field extend_request_fields[] = {ID_FIELD,
    {"dept", STR, REQ, .label = "申请部门", .help = "the lead department"},
    {"days", INT, REQ, 1, 365, .label = "延期工作日",
        .unit = "a number of working days"},
    {"reason", TXT, REQ, .label = "延期理由"}, END};
static const yousu_field feedback_fields[] = {ID_FIELD,
    {"dept", STR, 0, .label = "反馈部门", .help = "default: the lead"},
    {"result", TXT, REQ, .label = "初步反馈意见",
        .help = "what it found, what it will do"},
    END};
static const yousu_field explain_fields[] = {ID_FIELD,
    {"problem", TXT, REQ, .label = "问题情况",
        .help = "what the problem is, and why it cannot be settled at once"},
    {"consulted", TXT, REQ, .label = "沟通请示及会商情况",
        .help = "who was consulted: the level above, the departments"},
    {"proposal", TXT, REQ, .label = "拟处理意见",
        .help = "what is proposed, and by when"},
    {"dept", STR, 0, .label = "说明部门", .help = "default: the lead"}, END};
static const yousu_field qc_fields[] = {ID_FIELD,
    {"pass", BOO, REQ, .label = "质检是否通过",
        .help = "--pass, or --fail: back to the departments",
        .opt_false = "fail"},
    {"note", TXT, 0, .label = "质检意见", .help = "required on --fail"}, END};
static const yousu_field visit_fields[] = {ID_FIELD,
    {"outcome", STR, 0, .label = "回访结果",
        .help = "reached 联系上 (default), no_answer 无人接听, refused "
                "拒绝回访, wrong_number 号码错误: a call that did not reach "
                "the complainant is counted; the profile's [visit] "
                "attempts of them make it 无法回访"},
    {"satisfaction", STR, 0, .label = "满意度",
        .help = "required when reached: satisfied 满意, basic 基本满意, "
                "unsatisfied 不满意"},
    {"resolved", BOO, 0, .label = "问题是否解决",
        .help = "--resolved 解决, or --unresolved 未解决 (the complainant "
                "says)",
        .opt_false = "unresolved"},
    {"note", TXT, PER, .label = "回访情况"}, END};
#define ROUND_FIELD                                                      \
	{                                                                \
		"round", STR, REQ | ARG, 0, 64,                          \
		    .label = "回访批次",                                 \
		    .help = "a visit round's id, e.g. NX-回访-2026-001", \
		    .opt = ""                                            \
	}
static const yousu_field revisit_fields[] = {ID_FIELD,
    {"round", STR, REQ, 0, 64, .label = "回访批次",
        .help = "the round it was picked in"},
    {"reached", BOO, REQ, .label = "是否联系上",
        .help = "--reached, or --unreached (无法回访)",
        .opt_false = "unreached"},
    {"satisfaction", STR, 0, .label = "满意度",
        .help = "required when reached: satisfied 满意, basic 基本满意, "
                "unsatisfied 不满意"},
    {"opinion", TXT, PER, .label = "回访情况及意见建议",
        .help = "what was said, the complainant's opinion of the centre"},
    END};
static const yousu_field round_new_fields[] = {
    {"from", DAT, REQ, .label = "办结日期起",
        .help = "complaints closed on this day or later"},
    {"to", DAT, REQ, .label = "办结日期止", .help = "... and on this day"},
    {"all", BOO, 0, .label = "全部回访",
        .help = "every closed complaint, not the profile's sample"},
    {"size", INT, 0, 1, 100000, .label = "抽样件数",
        .help = "default: the profile's [visit] round_sample",
        .unit = "a count"},
    {"seed", INT, 0, 0, 1000000000, .label = "随机种子",
        .help = "the sample's seed (default: a random one, kept)",
        .unit = "a seed"},
    END};
static const yousu_field round_show_fields[] = {ROUND_FIELD, END};
#define PERIOD_FIELDS                                                          \
	{"from", DAT, 0, .label = "日期起",                                    \
	    .help = "received on this day or later (default: this month)"},    \
	{                                                                      \
		"to", DAT, 0, .label = "日期止", .help = "... and on this day" \
	}
static const yousu_field rectify_report_fields[] = {PERIOD_FIELDS,
    {"format", STR, YOUSU_F_CLIENT, .label = "格式",
        .help = "table (default), csv or xlsx"},
    {"output", STR, YOUSU_F_CLIENT, .label = "输出文件",
        .help = "write to FILE (-o); xlsx needs it"},
    END};
static const yousu_field rectify_archive_fields[] = {PERIOD_FIELDS, END};
static const yousu_field rectify_show_fields[] = {
    {"report", STR, REQ | ARG, 0, 96, .label = "报告编号",
        .help = "an archived report's id, e.g. GXQ-整改-2026-001", .opt = ""},
    {"format", STR, YOUSU_F_CLIENT, .label = "格式",
        .help = "table (default), csv or xlsx"},
    {"output", STR, YOUSU_F_CLIENT, .label = "输出文件",
        .help = "write to FILE (-o); xlsx needs it"},
    END};
static const yousu_field duty_set_fields[] = {
    {"day", DAT, REQ, .label = "日期"},
    {"half", STR, REQ, .label = "时段", .help = "am 上午 or pm 下午"},
    {"leader", STR, REQ, 0, 64, .label = "带班领导"}, END};
static const yousu_field duty_import_fields[] = {
    {"file", STR, ARG | YOUSU_F_PATH, 0, 4096, .label = "排班表文件",
        .help = "CSV: 日期,时段,带班领导 (read by the daemon)", .opt = ""},
    {"csv", TXT, 0, .label = "排班表",
        .help = "the CSV itself (the desk's upload) instead of a file"},
    END};
static const yousu_field duty_visit_fields[] = {
    {"note", TXT, REQ, .label = "现场办公情况",
        .help = "what the leader saw or settled at the window"},
    END};
static const yousu_field duty_board_fields[] = {
    {"from", DAT, 0, .label = "日期起", .help = "default: this month's first"},
    {"to", DAT, 0, .label = "日期止", .help = "default: this month's last"},
    END};
static const yousu_field redo_fields[] = {
    ID_FIELD, {"reason", TXT, REQ, .label = "退回理由"}, END};
static const yousu_field refer_fields[] = {ID_FIELD,
    {"reason", TXT, REQ, .label = "报送理由"},
    {"to", STR, 0, .label = "领导小组",
        .help = "default: the profile's leading_group"},
    END};
static const yousu_field decide_fields[] = {ID_FIELD,
    {"met_on", DAT, REQ, .label = "会议日期",
        .help = "the day the group met (研判, 会审)"},
    {"participants", TXT, REQ, .label = "参会单位和人员"},
    {"decision", TXT, REQ, .label = "研究决定"},
    {"lead", STR, REQ, .label = "责成牵头部门",
        .help = "the department the group orders to act"},
    {"co", LST, 0, .label = "责成协办单位",
        .help = "departments, comma separated"},
    {"due", DAT, REQ, .label = "办结期限",
        .help = "the date the group sets (a working day ahead)"},
    END};
static const yousu_field add_fields[] = {ID_FIELD,
    {"content", TXT, REQ, .label = "补充反映内容",
        .help = "what the complainant adds (the same problem again)"},
    {"source", STR, 0, .label = "来源",
        .help = "window 窗口, hotline 热线, online 网上, transfer 转办"},
    END};
static const yousu_field contact_fields[] = {ID_FIELD,
    {"note", TXT, REQ | PER, .label = "联系情况",
        .help = "who called whom, what was said"},
    END};
static const yousu_field callback_fields[] = {ID_FIELD,
    {"note", TXT, REQ | PER, .label = "反馈情况",
        .help = "who told the caller what, and how"},
    END};
static const yousu_field fault_fields[] = {ID_FIELD,
    {"fault", TXT, REQ, .label = "过错责任（窗口工作人员或窗口单位）"},
    {"opinion", TXT, REQ, .label = "处理意见"}, END};
static const yousu_field close_fields[] = {
    ID_FIELD, {"note", TXT, 0, .label = "备注"}, END};
static const yousu_field transfer_fields[] = {ID_FIELD,
    {"to", STR, REQ, .label = "接收中心",
        .help = "the parent centre's code or a child's"},
    {"reason", TXT, REQ, .label = "移交理由"}, END};
static const yousu_field escalate_fields[] = {
    ID_FIELD, {"reason", TXT, REQ, .label = "跨层级理由"}, END};

/* list, ledger and stats */
#define FILTER_FIELDS                                                          \
	{"status", STR, 0, .label = "办理状态",                                \
	    .help = "registered 已登记, classified, assigned 办理中, ..."},    \
	    {"overdue", BOO, 0, .label = "已超期",                             \
	        .help = "awaiting a reply past its due date"},                 \
	    {"due_before", DAT, 0, .label = "期限早于"},                       \
	    {"source", STR, 0, .label = "诉求来源",                            \
	        .help = "window, hotline, online, transfer"},                  \
	    {"category", STR, 0, .label = "诉求类别"},                         \
	    {"origin", STR, 0, .label = "受理中心",                            \
	        .help = "this centre or a child centre, by code",              \
	        .opt = "township"},                                            \
	    {"dept", STR, 0, .label = "部门",                                  \
	        .help = "the lead or a co-handling department"},               \
	    {"from", DAT, 0, .label = "受理日期起"},                           \
	    {"to", DAT, 0, .label = "受理日期止"},                             \
	    {"limit", INT, 0, 0, 1000000000, .label = "条数",                  \
	        .help = "at most N rows", .unit = "a count"},                  \
	{                                                                      \
		"offset", INT, 0, 0, 1000000000,                               \
		    .label = "跳过", .help = "skip the first N rows (paging)", \
		    .unit = "a count"                                          \
	}
static const yousu_field filter_fields[] = {FILTER_FIELDS, END};
static const yousu_field ledger_fields[] = {FILTER_FIELDS,
    {"with_id", BOO, 0, .label = "含编号", .help = "add the id column"},
    {"format", STR, YOUSU_F_CLIENT, .label = "格式",
        .help = "table (default), csv or xlsx"},
    {"output", STR, YOUSU_F_CLIENT, .label = "输出文件",
        .help = "write to FILE (-o); xlsx needs it"},
    END};
static const yousu_field show_fields[] = {ID_FIELD,
    {"workorder", BOO, YOUSU_F_CLIENT, .label = "工作单",
        .help = "print the work order (工作单) only"},
    END};
static const yousu_field id_fields[] = {ID_FIELD, END};
static const yousu_field queue_fields[] = {
    {"dept", STR, REQ, .label = "部门", .help = "a department"},
    {"limit", INT, 0, 0, 1000000000, .label = "条数",
        .help = "at most N items, oldest first", .unit = "a count"},
    {"offset", INT, 0, 0, 1000000000, .label = "跳过",
        .help = "skip the first N items (paging)", .unit = "a count"},
    END};
static const yousu_field report_fields[] = {
    {"period", STR, 0, .label = "统计周期", .help = "month (default) or day"},
    {"date", DAT, 0, .label = "日期",
        .help = "a day of the period (default today)"},
    {"send", BOO, 0, .label = "报送",
        .help = "also queue it to the parent centre (the city)"},
    END};
static const yousu_field ranking_fields[] = {
    {"month", STR, 0, 0, 7, .label = "月份",
        .help = "YYYY-MM (default: this month); the month before beside it"},
    {"by", STR, 0, .label = "排名对象",
        .help = "township or department (a county's default: township; a "
                "township's: department); at the city county (default) or "
                "township"},
    {"format", STR, YOUSU_F_CLIENT, .label = "格式",
        .help = "table (default), csv or xlsx"},
    {"output", STR, YOUSU_F_CLIENT, .label = "输出文件",
        .help = "write to FILE (-o); xlsx needs it"},
    END};
static const yousu_field repeats_fields[] = {
    {"phone", STR, PER, .label = "联系电话", .help = "the caller's number"},
    {"org", STR, PER, .label = "单位名称", .help = "an organisation's name"},
    {"content", TXT, 0, .label = "主要诉求",
        .help = "the text: similar ones of the same township are found"},
    {"township", STR, 0, 0, 16, .label = "乡镇（街道）",
        .help = "whose texts to compare (default: this centre's)"},
    END};
static const yousu_field hotspots_fields[] = {
    {"month", STR, 0, 0, 7, .label = "月份",
        .help = "YYYY-MM (default: this month)"},
    {"months", INT, 0, 1, 12, .label = "比较月数",
        .help = "the months before it to compare with, 1-12 (default 3)",
        .unit = "a number of months"},
    END};
static const yousu_field city_fields[] = {
    {"period", STR, 0, .label = "月份",
        .help = "a month, YYYY-MM (default: every month)"},
    {"by", STR, 0, .label = "分组",
        .help = "county (default), township, department, source, category"},
    {"reports", BOO, 0, .label = "报表清单",
        .help = "list the county reports held instead"},
    {"format", STR, YOUSU_F_CLIENT, .label = "格式",
        .help = "table (default), csv or xlsx"},
    {"output", STR, YOUSU_F_CLIENT, .label = "输出文件",
        .help = "write to FILE (-o); xlsx needs it"},
    END};
static const yousu_field import_fields[] = {
    {"file", STR, REQ | ARG | YOUSU_F_PATH, 0, 4096, .label = "交办单文件",
        .help = "a 12345 form (JSON)", .opt = ""},
    END};
static const yousu_field handover_fields[] = {ID_FIELD,
    {"reason", TXT, REQ, .label = "转交理由",
        .help = "why it is the hotline's, not this hall's"},
    END};
static const yousu_field clock_fields[] = {
    {"action", STR, ARG, .label = "操作", .help = "get, set or advance",
        .opt = ""},
    {"value", STR, ARG, .label = "时间",
        .help = "set: YYYY-MM-DD[THH:MM]; advance: 3d, 2h, 30m", .opt = ""},
    END};
static const yousu_field batch_fields[] = {
    {"file", STR, ARG | YOUSU_F_CLIENT, 0, 4096, .label = "文件",
        .help = "JSON lines (default: stdin)", .opt = ""},
    {"chunk", INT, YOUSU_F_CLIENT, 1, 10000, .label = "每批条数",
        .help = "requests per transaction (default 500)", .unit = "a count"},
    {"requests", YOUSU_T_OBJECTS, REQ, .label = "请求",
        .help = "the workflow requests: {\"cmd\", \"actor\", \"args\"}",
        .opt = ""},
    END};
static const yousu_field backup_fields[] = {
    {"file", STR, ARG | YOUSU_F_CLIENT, 0, 4096, .label = "备份文件",
        .help = "the copy to write (mode 0600; an existing file is "
                "refused)",
        .opt = ""},
    END};
static const yousu_field keygen_fields[] = {
    {"file", STR, REQ | ARG, 0, 4096, .label = "密钥文件", .opt = ""}, END};
static const yousu_field case_propose_fields[] = {ID_FIELD,
    {"method", TXT, REQ, .label = "处理方法和步骤",
        .help = "how it was handled"},
    {"conclusion", TXT, REQ, .label = "结论意见",
        .help = "结论意见 / 处理结果"},
    {"title", STR, 0, .label = "标题",
        .help = "default: the complaint's first 30 characters"},
    END};
#define CASE_FIELD                                                         \
	{                                                                  \
		"id", STR, REQ | ARG,                                      \
		    .label = "案例编号",                                   \
		    .help = "a guidance case's id, e.g. SQ-案例-2026-001", \
		    .opt = ""                                              \
	}
static const yousu_field case_review_fields[] = {CASE_FIELD,
    {"publish", BOO, REQ, .label = "审核结论",
        .help = "--publish (审核发布), or --return to the proposer (退回)",
        .opt_false = "return"},
    {"note", TXT, 0, .label = "审核意见", .help = "required on --return"}, END};
static const yousu_field case_list_fields[] = {
    {"status", STR, 0, .label = "案例状态",
        .help = "proposed 待审核, published 已发布, returned 已退回"},
    {"limit", INT, 0, 0, 1000000, .label = "条数", .help = "at most N rows",
        .unit = "a count"},
    END};
static const yousu_field case_show_fields[] = {CASE_FIELD, END};
static const yousu_field case_search_fields[] = {
    {"text", STR, REQ | ARG | YOUSU_F_REST, 0, 1000, .label = "检索词",
        .opt = ""},
    {"limit", INT, 0, 1, 100, .label = "条数",
        .help = "at most N results (default 10)", .unit = "a count"},
    {"similar", BOO, 0, .label = "相似案例",
        .help = "rank by likeness to TEXT (as intake does: the content "
                "being typed) instead of the words it contains"},
    END};
static const yousu_field calendar_days_fields[] = {
    {"from", DAT, REQ | ARG, .label = "起始日", .help = "not counted",
        .opt = ""},
    {"to", DAT, REQ | ARG, .label = "截止日", .help = "counted", .opt = ""},
    END};
static const yousu_field calendar_add_fields[] = {
    {"from", DAT, REQ | ARG, .label = "起始日", .opt = ""},
    {"n", INT, REQ | ARG, 0, 3660, .label = "工作日数",
        .unit = "a number of working days", .opt = ""},
    END};
#define LOGIN_FIELD                                                          \
	{                                                                    \
		"login", STR, REQ | ARG, 0, 32,                              \
		    .label = "登录名",                                       \
		    .help = "2-32 of a-z 0-9 . _ -, starting with a letter", \
		    .opt = ""                                                \
	}
static const yousu_field user_add_fields[] = {LOGIN_FIELD,
    {"name", STR, REQ, .label = "姓名", .help = "as signed on the ledger"},
    {"roles", LST, REQ, .label = "角色",
        .help = "window 窗口, supervision 督办, duty 带班领导, dept 部门, "
                "visit 回访, leader 领导, stats 统计, admin 管理员; comma "
                "separated"},
    {"depts", LST, 0, .label = "部门范围",
        .help = "the departments a dept account acts for"},
    {"centres", LST, 0, .label = "乡镇范围",
        .help = "the townships a county account acts for (default: all)"},
    END};
static const yousu_field login_fields[] = {LOGIN_FIELD, END};
static const yousu_field audit_fields[] = {
    {"login", STR, 0, 0, 32, .label = "登录名", .help = "one account's"},
    {"limit", INT, 0, 1, 100000, .label = "条数",
        .help = "the newest N (default 100)", .unit = "a count"},
    END};
static const yousu_field no_fields[] = {END};

/* --- the commands ------------------------------------------------------- */

#define W  YOUSU_ROLE_WINDOW
#define SV YOUSU_ROLE_SUPERVISION
#define DL YOUSU_ROLE_DUTY
#define DP YOUSU_ROLE_DEPT
#define VI YOUSU_ROLE_VISIT
#define LD YOUSU_ROLE_LEADER
#define ST YOUSU_ROLE_STATS
#define AD YOUSU_ROLE_ADMIN
/* every desk at a centre reads its complaints (a department only its
 * own: the daemon narrows it); statistics users do not */
#define DESK (W | SV | DL | DP | VI | LD | AD)
#define ALL  YOUSU_AT_ALL
#define CENT (YOUSU_AT_NODE | YOUSU_AT_HUB)
#define CITY YOUSU_AT_BRIDGE
#define STEP (YOUSU_C_CHANGES | YOUSU_C_WORKFLOW)
#define CHG  YOUSU_C_CHANGES

const yousu_command yousu_commands[] = {
    /* the steps of a complaint */
    {"intake", "受理登记", "register a complaint", "", CENT, W, STEP,
        intake_fields},
    {"reject", "不予受理", "refuse it, with the ground and the right channel",
        "ID", ALL, W | SV, STEP, reject_fields},
    {"classify", "研判分类", "category, nature, class and response level", "ID",
        ALL, W | SV, STEP, classify_fields},
    {"resolve", "当场办结", "resolved at the window", "ID", ALL, W, STEP,
        resolve_fields},
    {"assign", "分办转办", "to a lead and co-handling departments", "ID", ALL,
        SV, STEP, assign_fields},
    {"accept", "签收", "a department signs for an assigned complaint", "ID",
        ALL, DP, STEP, accept_fields},
    {"feedback", "初步反馈",
        "the department's first feedback, before its reply", "ID", ALL, DP,
        STEP, feedback_fields},
    {"co_reply", "协办答复", "a co-handling unit answers the lead", "ID", ALL,
        DP, STEP, co_reply_fields},
    {"extend_request", "延期申请",
        "the lead department asks for more working days", "ID", ALL, DP, STEP,
        extend_request_fields},
    {"explain", "问题处理说明",
        "003 三(三): the department's statement on a matter that needs the "
        "level above or several departments (the problem, who was "
        "consulted, what is proposed), before its reply where the profile "
        "asks for one",
        "ID", ALL, DP | SV, STEP, explain_fields},
    {"extend", "延期", "an approved extension within the profile's cap", "ID",
        ALL, SV | DL, STEP, extend_fields},
    {"reply", "答复",
        "the lead department's reply: the result, or a plan (解决方案) with "
        "the date its result is committed to",
        "ID", ALL, DP | SV, STEP, reply_fields},
    {"qc", "质检", "quality check of the reply", "ID", ALL, SV, STEP,
        qc_fields},
    {"visit", "回访", "return visit and satisfaction", "ID", ALL, VI, STEP,
        visit_fields},
    {"redo", "退回重办", "return for redo", "ID", ALL, SV, STEP, redo_fields},
    {"refer", "提交领导小组",
        "hand a difficult matter to the leading group (研判协调)", "ID", ALL,
        SV | LD, STEP, refer_fields},
    {"decide", "领导小组研究决定",
        "the leading group's meeting on a referred complaint (研判, 会审): "
        "who took part, the decision, the departments it orders to act "
        "and the date it sets, which the scheduler follows",
        "ID", ALL, SV | LD, STEP, decide_fields},
    {"add", "补充反映",
        "the complainant adds to an open complaint (a repeat, no new "
        "complaint): recorded, its handler told, no new deadline",
        "ID", CENT, W | SV, STEP, add_fields},
    {"contact", "联系来电人",
        "the caller was reached (within the hours the 12345 form asks)", "ID",
        ALL, W | VI, STEP, contact_fields},
    {"callback", "反馈来电人",
        "the caller was told the outcome (the 12345 form asks for it "
        "within N working days)",
        "ID", ALL, W | VI, STEP, callback_fields},
    {"fault", "过错通报",
        "the recheck found the window at fault: notify the unit and its "
        "leaders",
        "ID", ALL, SV, STEP, fault_fields},
    {"close", "清零销号", "close after a satisfied visit", "ID", ALL, SV, STEP,
        close_fields},
    {"revisit", "批次回访",
        "the visit of a closed complaint picked in a visit round (004 第六条): "
        "reached or not (无法回访), satisfaction, opinion; 不满意 may be "
        "returned for recheck (redo)",
        "ID", CENT, VI | SV | LD, STEP, revisit_fields},
    {"escalate", "跨层级", "hand the complaint to the parent centre", "ID",
        CENT, SV, STEP, escalate_fields},
    {"transfer", "移交", "hand the complaint to the parent or a child centre",
        "ID", ALL, SV, STEP, transfer_fields},
    /* reading */
    {"show", "诉求详情", "a complaint, its event log and work order", "ID", ALL,
        DESK, 0, show_fields},
    {"list", "诉求列表", "complaints, filtered", "", ALL, DESK, 0,
        filter_fields},
    {"queue", "待办", "a department's queue: what is assigned to it", "", ALL,
        DP | SV | LD | AD, 0, queue_fields},
    {"route", "分办建议",
        "the lead and co-handling departments proposed, and why", "ID", ALL,
        W | SV | LD | AD, 0, id_fields},
    {"depts", "部门目录",
        "the department catalogue: level, categories, keywords", "", ALL, DESK,
        0, no_fields},
    {"profile", "办理规则",
        "the profile's categories, refusal grounds, classes, natures, "
        "extension rules and work-order fields",
        "", ALL, DESK, 0, no_fields},
    {"ledger", "台账", "the ledger as table, CSV or XLSX", "", ALL, DESK, 0,
        ledger_fields},
    {"stats", "统计", "statistics for a period", "", ALL, DESK | ST, 0,
        filter_fields},
    {"report", "统计报表",
        "the period's statistics as sent upward (no personal data)", "", ALL,
        SV | LD | ST | AD, 0, report_fields},
    {"repeats", "重复件查询",
        "earlier complaints of the same phone or organisation, or with a "
        "similar text in the same township, within the profile's window "
        "([repeats] window_days), open or closed",
        "", CENT, W | SV | LD, 0, repeats_fields},
    {"hotspots", "热点",
        "the month's categories and recurring terms (the catalogue's "
        "keywords) that grew most against the months before, with their "
        "complaints (每月一题)",
        "", CENT, SV | LD | AD, 0, hotspots_fields},
    {"ranking", "考核排名",
        "townships or departments (at the city: counties, or townships by "
        "county) ranked monthly on a weighted score of 响应率, 解决率, "
        "满意率 and the on-time rate, with the change on the month before",
        "", ALL, SV | LD | ST | AD, 0, ranking_fields},
    {"city", "全市统计",
        "city-wide tables from the county reports (at the city bridge)", "",
        CITY, LD | ST | AD, 0, city_fields},
    /* 12345 */
    {"hotline.handover", "转12345热线",
        "hand a window complaint to the 12345 hotline (不予受理 here)", "ID",
        CENT, W | SV, CHG, handover_fields},
    {"hotline.import", "导入交办单",
        "12345: dispatch a form (交办单) file now (at the city bridge)", "FILE",
        CITY, AD, CHG, import_fields},
    {"hotline.list", "交办单清单",
        "12345: the forms dispatched, where they went and their outcome", "",
        CITY, LD | AD, 0, no_fields},
    {"hotline.rejected", "退回的交办单",
        "12345: the forms the inbound spool refused, with their reasons "
        "(at the city bridge)",
        "", CITY, LD | AD, 0, no_fields},
    {"hotline.scan", "扫描交办单",
        "12345: take the inbound spool's forms now (at the city bridge)", "",
        CITY, AD, CHG, no_fields},
    /* guidance cases */
    {"case.propose", "推荐指导案例", "propose a closed complaint as a case",
        "ID", CENT, SV | LD, CHG, case_propose_fields},
    {"case.review", "审核发布",
        "publish or return a proposed case (county hub)", "CASE",
        YOUSU_AT_HUB | YOUSU_AT_BRIDGE, SV | LD, CHG, case_review_fields},
    {"case.list", "指导案例", "guidance cases, by status", "", CENT, DESK, 0,
        case_list_fields},
    {"case.show", "案例详情", "a guidance case in full", "CASE", CENT, DESK, 0,
        case_show_fields},
    {"case.search", "案例检索", "published guidance cases containing TEXT",
        "TEXT", CENT, DESK, 0, case_search_fields},
    /* visit rounds (004 第六条) */
    {"round.new", "新建回访批次",
        "pick the closed complaints of a period to visit: all, or the "
        "profile's random sample (reproducible from its seed)",
        "", CENT, SV | LD, CHG, round_new_fields},
    {"round.list", "回访批次", "the visit rounds, newest first", "", CENT,
        SV | LD | VI | AD, 0, no_fields},
    {"round.show", "回访批次详情",
        "a round: each complaint visited or not, and the round's results",
        "ROUND", CENT, SV | LD | VI | AD, 0, round_show_fields},
    /* the duty-leader roster (003 三(四) 领导带班) */
    {"duty.set", "排班", "who is 带班领导 on one half-day (replacing who was)",
        "", CENT, SV | AD, CHG, duty_set_fields},
    {"duty.import", "导入排班表",
        "the roster from a CSV file (日期,时段,带班领导): all its half-days, "
        "or "
        "none when a line is wrong",
        "[FILE]", CENT, SV | AD, CHG, duty_import_fields},
    {"duty.visit", "带班现场办公",
        "the duty leader was at the window now (上、下午至少各一次), and what "
        "was seen or settled",
        "", CENT, DL, CHG, duty_visit_fields},
    {"duty.board", "带班情况",
        "the roster's half-days with their leaders and window visits, the "
        "ones with no visit, and the counts",
        "", CENT, DESK, 0, duty_board_fields},
    /* 整改情况报告 (000 一(二)) */
    {"rectify.report", "整改情况报告",
        "the period's problems from the log: the unit concerned, what was "
        "done, rectified or not, overdue, 通报 and 过错 (table, CSV, XLSX)",
        "", CENT, W | SV | LD | AD, 0, rectify_report_fields},
    {"rectify.archive", "归档整改情况报告",
        "archive the period's report as a dated document with its SHA-256 "
        "(存档备查); never changed afterwards",
        "", CENT, W | SV | LD | AD, CHG, rectify_archive_fields},
    {"rectify.list", "整改报告存档", "the archived reports, newest first", "",
        CENT, W | SV | LD | AD, 0, no_fields},
    {"rectify.show", "整改报告详情",
        "an archived report, and whether what it reports changed since "
        "(the period built again, its hash, the complaints that differ)",
        "REPORT", CENT, W | SV | LD | AD, 0, rectify_show_fields},
    /* the working-day calendar */
    {"calendar", "工作日日历",
        "the years loaded, its version, when it runs out, and the open "
        "complaints with provisional (暂定) figures",
        "", ALL, DESK, 0, no_fields},
    {"calendar.days", "工作日天数",
        "working days in (FROM, TO]: FROM not counted, TO counted", "FROM TO",
        ALL, DESK, 0, calendar_days_fields},
    {"calendar.add", "期限推算",
        "the due date of N working days from FROM (the Nth working day "
        "after it)",
        "FROM N", ALL, DESK, 0, calendar_add_fields},
    {"calendar.reload", "重新载入日历",
        "load the calendar file again; a new version corrects the deadlines "
        "(期限调整)",
        "", ALL, AD, CHG, no_fields},
    {"reload", "重新载入配置",
        "read the configuration file again (as SIGHUP does): profile, "
        "department catalogue, calendar, scheduler interval, the desk's "
        "session settings and HTTPS certificate; keys that need a restart "
        "are named",
        "", ALL, AD, CHG, no_fields},
    /* running the centre */
    {"batch", "批量导入",
        "JSON-lines workflow requests from FILE or stdin, group-committed",
        "[FILE]", ALL, AD, CHG, batch_fields},
    {"status", "链路状态",
        "the links: each peer online, cursors, backlog, rejects", "", ALL,
        LD | AD, 0, no_fields},
    {"check", "一致性检查", "verify every state equals its event log", "", ALL,
        AD, 0, no_fields},
    {"backup", "在线备份",
        "write a consistent copy of this centre's store to FILE while the "
        "daemon runs (yousuctl, on the daemon's machine, as its user)",
        "FILE", ALL, AD, 0, backup_fields},
    {"ping", "中心信息", "is the daemon there, and who is it", "", ALL,
        DESK | ST, 0, no_fields},
    {"clock", "时钟", "the daemon's clock (set/advance need --test-clock)",
        "[get | set TIME | advance SPAN]", ALL, AD, CHG, clock_fields},
    /* staff accounts and the audit log */
    {"user.add", "新建账号",
        "a staff account, with a temporary password shown once", "LOGIN", ALL,
        AD, CHG, user_add_fields},
    {"user.passwd", "重置密码",
        "a new temporary password, to be changed at the next login", "LOGIN",
        ALL, AD, CHG, login_fields},
    {"user.lock", "锁定账号", "no login until unlocked", "LOGIN", ALL, AD, CHG,
        login_fields},
    {"user.unlock", "解锁账号", "active again, its failures forgotten", "LOGIN",
        ALL, AD, CHG, login_fields},
    {"user.disable", "停用账号", "no login any more (kept for the record)",
        "LOGIN", ALL, AD, CHG, login_fields},
    {"user.list", "账号列表", "every account: roles, scope, state", "", ALL, AD,
        0, no_fields},
    {"user.show", "账号详情", "one account", "LOGIN", ALL, AD, 0, login_fields},
    {"audit", "审计日志",
        "logins, failures, lockouts, refusals, account changes", "", ALL, AD, 0,
        audit_fields},
    {"keygen", "生成密钥", "write a new link key (mode 0600)", "FILE", 0, AD,
        YOUSU_C_CLIENT, keygen_fields},
    {NULL},
};

/* --- lookups ------------------------------------------------------------ */

const yousu_command *
yousu_command_find(const char *name)
{
	for (const yousu_command *c = yousu_commands; name && c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const yousu_field *
yousu_command_field(const yousu_command *c, const char *key)
{
	for (const yousu_field *f = c->fields; f->key; f++)
		if (strcmp(f->key, key) == 0)
			return f;
	return NULL;
}

void
yousu_command_words(const yousu_command *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s", c->name);
	for (char *p = buf; *p; p++)
		*p = *p == '.' ? ' ' : *p == '_' ? '-' : *p;
}

void
yousu_command_opt(const yousu_field *f, char *buf, size_t len)
{
	snprintf(buf, len, "%s", f->opt ? f->opt : f->key);
	for (char *p = buf; *p; p++)
		*p = *p == '_' ? '-' : *p;
}

static const char *const role_names[YOUSU_ROLE_COUNT][2] = {
    {"window", "窗口"},
    {"supervision", "督办"},
    {"duty", "带班领导"},
    {"dept", "部门"},
    {"visit", "回访"},
    {"leader", "领导"},
    {"stats", "统计"},
    {"admin", "管理员"},
};

static int
role_index(unsigned r)
{
	for (int i = 0; i < YOUSU_ROLE_COUNT; i++)
		if (r == 1u << i)
			return i;
	return -1;
}

const char *
yousu_command_role_name(unsigned r)
{
	int i = role_index(r);

	return i < 0 ? NULL : role_names[i][1];
}

const char *
yousu_command_role_code(unsigned r)
{
	int i = role_index(r);

	return i < 0 ? NULL : role_names[i][0];
}

/* --- checking a request ------------------------------------------------ */

typedef struct {
	char text[1024];
	size_t off;
	int n;
} problems;

/* Another problem: "; " between them. */
#define problem(p, ...)                                                   \
	do {                                                              \
		if ((p)->n++ > 0)                                         \
			yousu__appendf(                                   \
			    (p)->text, sizeof(p)->text, &(p)->off, "; "); \
		yousu__appendf(                                           \
		    (p)->text, sizeof(p)->text, &(p)->off, __VA_ARGS__);  \
	} while (0)

static bool
whole(const cJSON *v)
{
	/* whole and small: 2.5 days is not a count, and a huge value would
	 * overflow the conversion to an integer */
	return cJSON_IsNumber(v) && v->valuedouble >= -1e9 &&
	       v->valuedouble <= 1e9 &&
	       v->valuedouble == (double) (int64_t) v->valuedouble;
}

static bool
type_ok(const yousu_field *f, const cJSON *v)
{
	const cJSON *it;

	switch (f->type) {
	case YOUSU_T_STR:
	case YOUSU_T_TEXT:
	case YOUSU_T_DATE:
		return cJSON_IsString(v);
	case YOUSU_T_INT:
		return whole(v);
	case YOUSU_T_BOOL:
		return cJSON_IsBool(v);
	case YOUSU_T_LIST:
		if (!cJSON_IsArray(v))
			return false;
		cJSON_ArrayForEach (it, v)
			if (!cJSON_IsString(it))
				return false;
		return true;
	case YOUSU_T_OBJECTS:
		if (!cJSON_IsArray(v))
			return false;
		cJSON_ArrayForEach (it, v)
			if (!cJSON_IsObject(it))
				return false;
		return true;
	}
	return false;
}

/* A text of field f: UTF-8, no control character (a free text may hold
 * line breaks and tabs), within its size. */
static bool
text_ok(problems *p, const yousu_field *f, const char *s)
{
	size_t max = f->type == YOUSU_T_TEXT ? MAX_TEXT
	             : f->max > 0            ? (size_t) f->max
	                                     : MAX_STR;
	size_t n = strlen(s);

	if (n > max) {
		problem(p, "field '%s' (%s) is too long (max %zu bytes)",
		    f->key, f->label, max);
		return false;
	}
	/* a blank one is said as blank (or dropped) by the caller */
	if (!yousu_text_blank(s) &&
	    yousu_text_chars_n(s, n, f->type == YOUSU_T_TEXT) < 0) {
		problem(p,
		    "field '%s' (%s) is not UTF-8 text on %s (a control "
		    "character or a broken byte)",
		    f->key, f->label,
		    f->type == YOUSU_T_TEXT ? "its lines" : "one line");
		return false;
	}
	return true;
}

/* A value of the right type, size and range; false (with the problem
 * said) otherwise. */
static bool
value_ok(problems *p, const yousu_field *f, const cJSON *v)
{
	static const char *const tnames[] = {"text", "text", "a whole number",
	    "true/false", "a list of texts", "a date (YYYY-MM-DD)",
	    "a list of objects"};
	const cJSON *it;
	yousu_date day;

	if (!type_ok(f, v)) {
		problem(p, "field '%s' (%s) must be %s", f->key, f->label,
		    tnames[f->type]);
		return false;
	}
	if (f->type == YOUSU_T_INT &&
	    (v->valuedouble < f->min || v->valuedouble > f->max)) {
		problem(p, "field '%s' (%s): %lld is not %s in %d..%d", f->key,
		    f->label, (long long) v->valuedouble,
		    f->unit ? f->unit : "a number", f->min, f->max);
		return false;
	}
	if (cJSON_IsString(v) && !text_ok(p, f, v->valuestring))
		return false;
	if (f->type == YOUSU_T_LIST)
		cJSON_ArrayForEach (it, v)
			if (!text_ok(p, f, it->valuestring))
				return false;
	if (f->type == YOUSU_T_DATE && !yousu_text_blank(v->valuestring) &&
	    yousu_date_parse(v->valuestring, &day) != YOUSU_OK) {
		problem(p,
		    "field '%s' (%s): '%s' is not a date (YYYY-MM-DD, a real "
		    "day)",
		    f->key, f->label, v->valuestring);
		return false;
	}
	return true;
}

/* "unknown field 'sourse': did you mean 'source'?" */
static void
unknown_field(problems *p, const yousu_command *c, const char *key)
{
	const char *keys[48];
	const char *near;
	size_t n = 0;

	for (const yousu_field *f = c->fields; f->key && n < 48; f++)
		if (!(f->flags & YOUSU_F_CLIENT))
			keys[n++] = f->key;
	near = yousu_text_closest(key, keys, n);
	if (near != NULL)
		problem(p, "unknown field '%s': did you mean '%s'?", key, near);
	else
		problem(p, "unknown field '%s'", key);
}

yousu_err
yousu_command_args(const yousu_command *c, const cJSON *args, cJSON **own,
    char *err, size_t errlen)
{
	cJSON *o = cJSON_CreateObject();
	const cJSON *v;
	const yousu_field *f;
	problems p = {.n = 0};
	char missing[512] = "";
	size_t off = 0;
	int nmissing = 0;

	if (args != NULL && !cJSON_IsObject(args)) {
		cJSON_Delete(o);
		snprintf(err, errlen, "fields must be a JSON object");
		return YOUSU_INVAL;
	}
	cJSON_ArrayForEach (v, args) {
		f = yousu_command_field(c, v->string);
		if (f == NULL || (f->flags & YOUSU_F_CLIENT))
			unknown_field(&p, c, v->string);
		else if (cJSON_GetObjectItemCaseSensitive(args, v->string) != v)
			problem(&p, "field '%s' (%s) is given twice", f->key,
			    f->label);
		else if (!value_ok(&p, f, v))
			continue;
		else if (cJSON_IsString(v) &&
		         yousu_text_blank(v->valuestring) &&
		         (f->flags & YOUSU_F_REQUIRED))
			problem(
			    &p, "field '%s' (%s) is blank", f->key, f->label);
		else if (f->type == YOUSU_T_OBJECTS)
			/* a batch's requests: borrowed, not copied (each is
			 * checked, and copied, as its own command) */
			cJSON_AddItemReferenceToObject(
			    o, v->string, (cJSON *) v);
		else if (!cJSON_IsString(v) ||
		         !yousu_text_blank(v->valuestring))
			yousu__jset(o, v->string, cJSON_Duplicate(v, 1));
	}
	for (f = c->fields; f->key; f++)
		if ((f->flags & YOUSU_F_REQUIRED) &&
		    cJSON_GetObjectItemCaseSensitive(args, f->key) == NULL &&
		    off < sizeof missing)
			off += (size_t) snprintf(missing + off,
			    sizeof missing - off, "%s'%s' (%s)",
			    nmissing++ ? ", " : "", f->key, f->label);
	if (nmissing > 0)
		problem(
		    &p, "missing field%s %s", nmissing > 1 ? "s" : "", missing);
	if (p.n > 0) {
		cJSON_Delete(o);
		snprintf(err, errlen, "%s", p.text);
		yousu_text_cut_whole(err);
		return YOUSU_INVAL;
	}
	*own = o;
	return YOUSU_OK;
}

/* --- the schema as JSON ------------------------------------------------- */

static cJSON *
roles_json(unsigned roles)
{
	cJSON *a = cJSON_CreateArray();

	for (int i = 0; i < YOUSU_ROLE_COUNT; i++)
		if (roles & (1u << i))
			cJSON_AddItemToArray(
			    a, cJSON_CreateString(role_names[i][0]));
	return a;
}

static cJSON *
field_json(const yousu_field *f)
{
	static const char *const types[] = {
	    "string", "text", "integer", "boolean", "list", "date", "objects"};
	cJSON *o = cJSON_CreateObject();
	char opt[64];

	yousu__jset_str(o, "key", f->key);
	yousu__jset_str(o, "type", types[f->type]);
	yousu__jset_str(o, "label", f->label);
	yousu__jset_str(o, "help", f->help);
	yousu__jset_bool(o, "required", f->flags & YOUSU_F_REQUIRED);
	yousu__jset_bool(o, "personal", f->flags & YOUSU_F_PERSON);
	yousu__jset_bool(o, "argument", f->flags & YOUSU_F_ARG);
	yousu__jset_bool(o, "client", f->flags & YOUSU_F_CLIENT);
	if (f->type == YOUSU_T_INT) {
		yousu__jset_int(o, "min", f->min);
		yousu__jset_int(o, "max", f->max);
	} else if (f->type != YOUSU_T_BOOL && f->type != YOUSU_T_OBJECTS) {
		yousu__jset_int(o, "max_bytes",
		    f->type == YOUSU_T_TEXT ? MAX_TEXT
		    : f->max > 0            ? f->max
		                            : MAX_STR);
	}
	yousu_command_opt(f, opt, sizeof opt);
	if (opt[0] != '\0')
		yousu__jset_str(o, "option", opt);
	if (f->opt_false != NULL)
		yousu__jset_str(o, "option_false", f->opt_false);
	return o;
}

cJSON *
yousu_commands_json(void)
{
	static const char *const at[] = {"node", "hub", "bridge"};
	cJSON *all = cJSON_CreateArray();

	for (const yousu_command *c = yousu_commands; c->name; c++) {
		cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray(), *fs;
		char words[64];

		yousu_command_words(c, words, sizeof words);
		yousu__jset_str(o, "name", c->name);
		yousu__jset_str(o, "words", words);
		yousu__jset_str(o, "label", c->label);
		yousu__jset_str(o, "summary", c->summary);
		yousu__jset_str(o, "usage", c->usage);
		for (int i = 0; i < 3; i++)
			if (c->at & (1u << i))
				cJSON_AddItemToArray(
				    a, cJSON_CreateString(at[i]));
		yousu__jset(o, "at", a);
		yousu__jset(o, "roles", roles_json(c->roles));
		yousu__jset_bool(o, "changes", c->flags & YOUSU_C_CHANGES);
		yousu__jset_bool(o, "workflow", c->flags & YOUSU_C_WORKFLOW);
		yousu__jset_bool(o, "client", c->flags & YOUSU_C_CLIENT);
		fs = cJSON_CreateArray();
		for (const yousu_field *f = c->fields; f->key; f++)
			cJSON_AddItemToArray(fs, field_json(f));
		yousu__jset(o, "fields", fs);
		cJSON_AddItemToArray(all, o);
	}
	return all;
}
