#!/usr/bin/env bash
# Acceptance: 平邑县政务服务中心“办不成事”反映窗口工作实施方案
# (平政管办发〔2022〕2号, seeds/003_58c3f5bb759e9973.txt) replayed on a real
# yousu-node with the pingyi profile, on the test clock: 值班人员 and 带班领导
# on the intake, the 交办单 with its stub number (附件4 “存根 NO”),
# immediate / 1 / 3 working days (三(三)), an extension approved by the
# 带班领导 up to 7 working days and no further (三(三)), 全程督办 and 通报
# (三(五), 四(二)), the service evaluation (附件2 服务评价), the refusal
# grounds (二), and a broken profile refused with file:line.
# The complaint still overdue after the 7 days goes to the leading group
# (三(三)); the evaluation is fed back to the window and the 带班领导
# (附件1 流程图). The ledger is the 问题台账 of 附件3 (the profile's
# [ledger]), without its two signature columns. Not checked (the engine
# lacks them): the 交办单 fields of 附件4.
. "$(dirname "$0")/../integration/lib.sh"

PROFILE=$YOUSU_SRC/configs/profiles/pingyi.ini

# 三(二): the 督办考核科 assigns to 进驻中心窗口 and 审批局职能科室 (a
# catalogue for this test only)
cat >"$T/depts.ini" <<'INI'
[dept SCJ]
name = 县市场监管局进驻窗口
level = county
categories = not_accepted, not_approved, repeated
[dept ZWK]
name = 审批局政务服务科
level = county
categories = attitude, suggestion, repeated
[dept GTJ]
name = 县自然资源局进驻窗口
level = county
categories = not_approved
INI

py_config() { node_config "$1" PY "$2" "$T/depts.ini"; }
py_config py "$PROFILE"
start_node py --test-clock=2026-09-24T09:00
check_has "the node runs the pingyi profile" "$(ctl py ping)" "pingyi"
A="--actor"

# --- 三(一) 接待咨询: the duty staff register it, the 带班领导 is named ----------
I=$(ctl py $A 值班人员 intake --source window --name 王某 --phone 13905390001 \
	--staff 值班员刘某 --duty-leader 陈成华 \
	--content "营业执照变更材料齐全但系统提示无法受理" | awk '{print $1}')
check "intake numbers the complaint" "$I" "PY-20260924001"

# --- limits (三(三)); all assigned on Thu 2026-09-24 ---------------------------
# The day of assignment is not counted. 09-25 (Fri) .. 09-27 are 中秋,
# 10-01 .. 10-07 国庆, Sat 10-10 a make-up working day
# (/work/shared/data/cn-workdays.md, configs/calendars/cn.ini).
ctl py $A 督办考核科 classify "$I" --category not_accepted --level 3 >/dev/null
out=$(ctl py $A 督办考核科 assign "$I" --lead SCJ)
# “能够立即解决的事项，应立即协调解决”: 0 working days = the day itself
check_has "immediate (level 3): due the day of assignment" "$out" "due 2026-09-24 (0 working days)"
# 附件4 “存根 NO”: the first 交办单 of the store
check "交办单 stub number on assign" "$(field py "$I" stub)" "000001"
wo=$(ctl py show "$I" --workorder)
check_has "the 交办单 heading" "$wo" "平邑县政务服务中心“办不成事”反映窗口事项交办单"
check_has "the 交办单 carries its stub number" "$wo" "存根 NO.000001"
# 附件4's fields, in order
check "the 交办单's fields are 附件4's" "$(form_fields "$wo")" "接办窗口（科室）,交办事项,交办时间,交办内容,接办人签字,备注,"
check_has "接办窗口 is the window assigned" "$wo" "接办窗口（科室）：县市场监管局进驻窗口"
check_has "交办时间 is the assignment's" "$wo" "交办时间：2026-09-24 09:00"
check_has "接办人签字 is left for the signature" "$wo" $'接办人签字：\n'
check "the intake names the duty staff and the 带班领导" \
	"$(ctl py --json show "$I" | jq -r '.result.staff + " " + .result.duty_leader')" "值班员刘某 陈成华"

G=$(ctl py $A 值班人员 intake --source window --name 李某 --phone 13905390002 \
	--content "社保窗口多次来办未能解决退休认证" | awk '{print $1}')
ctl py $A 督办考核科 classify "$G" --category repeated --level 2 >/dev/null
out=$(ctl py $A 督办考核科 assign "$G" --lead ZWK)
# “一般办理事项，在1个工作日内”: 09-25..27 off, Mon 09-28 (1)
check_has "general (level 2): 1 working day over 中秋" "$out" "due 2026-09-28 (1 working day)"
check "the next 交办单 gets the next stub number" "$(field py "$G" stub)" "000002"

X=$(ctl py $A 值班人员 intake --source window --name 平邑某某建材有限公司 --org \
	--org-contact 赵经理 --phone 0539-4210003 \
	--content "建设用地规划许可需请示市局，审批停滞" | awk '{print $1}')
ctl py $A 督办考核科 classify "$X" --category not_approved --level 1 >/dev/null
out=$(ctl py $A 督办考核科 assign "$X" --lead GTJ --stub PY-2026-015)
# “需要与上级沟通请示……在3个工作日内”: 09-28 (1), 09-29 (2), Wed 09-30 (3)
check_has "complex (level 1): 3 working days" "$out" "due 2026-09-30 (3 working days)"
check "a stub number written on the paper form is kept" "$(field py "$X" stub)" "PY-2026-015"

M=$(ctl py $A 值班人员 intake --source window --name 孙某 --phone 13905390004 \
	--content "不动产和市场监管两个窗口互相推诿" | awk '{print $1}')
ctl py $A 督办考核科 classify "$M" --category not_approved --level 3 >/dev/null
out=$(ctl py $A 督办考核科 assign "$M" --lead SCJ --co GTJ)
# “涉及多部门”: 3 working days even when classed immediate -> Wed 09-30
check_has "two departments: 3 working days" "$out" "due 2026-09-30 (3 working days)"

# --- 三(三) 问题处理说明: a 一级 matter, or several departments --------------------
err=$(ctl py $A 国土窗口 reply "$X" --kind done --result 已办 2>&1) && rc=0 || rc=$?
check_has "X (一级): no reply before its 问题处理说明" "$rc:$err" "1:"
check_has "... saying what is missing and how to write it" "$err" "needs its 问题处理说明 first"
err=$(ctl py $A 国土窗口 extend-request "$X" --dept GTJ --days 3 --reason 需请示 2>&1) && rc=0 || rc=$?
check_has "... nor an extension request" "$rc:$err" "1:yousuctl"; check_has "... for the same reason" "$err" "needs its 问题处理说明 first"
err=$(ctl py $A 市场监管窗口 reply "$M" --kind done --result 已办 2>&1) && rc=0 || rc=$?
check_has "M (two departments, immediate): no reply before it either" "$rc:$err" "1:yousuctl"; check_has "... for the same reason" "$err" "needs its 问题处理说明 first"
err=$(ctl py $A 国土窗口 explain "$X" --problem "  " --consulted 市局 --proposal 报批 2>&1) && rc=0 || rc=$?
check_has "a blank 问题情况 is refused" "$rc:$err" "1:"
check_has "... by its name" "$err" "problem' (问题情况) is blank"
err=$(ctl py $A 国土窗口 explain "$X" --dept SCJ --problem 需请示 --consulted 市局 --proposal 报批 2>&1) && rc=0 || rc=$?
check_has "a department not handling it cannot write it" "$rc:$err" "1:"
ctl py $A 国土窗口 explain "$X" --problem "规划许可涉及市级审批权限，县级无法直接办理" \
	--consulted "已电话请示市自然资源和规划局审批科；县住建局参与会商" \
	--proposal "按市局意见补充规划条件论证材料后报市局审批" >/dev/null
check_has "the log keeps the 问题处理说明" "$(ctl py show "$X")" "问题处理说明（县自然资源局进驻窗口）：问题情况：规划许可涉及市级审批权限"
wo=$(ctl py show "$X" --workorder)
check_has "the 交办单's print carries it after the form" "$wo" "问题处理说明
说明部门：县自然资源局进驻窗口
问题情况：规划许可涉及市级审批权限，县级无法直接办理
沟通请示及会商情况：已电话请示市自然资源和规划局审批科；县住建局参与会商
拟处理意见：按市局意见补充规划条件论证材料后报市局审批"

U=$(ctl py $A 值班人员 intake --source window --name 周某 --phone 13905390005 \
	--content "建议大厅增加自助填表机" | awk '{print $1}')
ctl py $A 督办考核科 classify "$U" --category suggestion >/dev/null
out=$(ctl py $A 督办考核科 assign "$U" --lead ZWK)
# no level: a 一般办理事项, 1 working day -> Mon 09-28
check_has "no level: the general 1 working day" "$out" "due 2026-09-28 (1 working day)"

# 三(二) “当日转”: N is registered and classified but not yet assigned
N=$(ctl py $A 值班人员 intake --source window --name 陶某 --phone 13905390010 \
	--content "残疾人证换领材料已交，窗口说要等审批局" | awk '{print $1}')
ctl py $A 督办考核科 classify "$N" --category repeated >/dev/null
# S2, resolved at the window, comes back unsatisfied: returned to the desk
S2=$(ctl py $A 值班人员 intake --source window --name 蒋某 --phone 13905390011 \
	--content "窗口当场答复后又说材料不全" | awk '{print $1}')
ctl py $A 督办考核科 classify "$S2" --category repeated >/dev/null
ctl py $A 值班人员 resolve "$S2" --result "当场补正材料" >/dev/null
ctl py $A 督办考核科 visit "$S2" --satisfaction 不满意 >/dev/null

# --- extension: 带班领导, at most 7 working days (三(三)) ---------------------
err=$(ctl py $A 带班领导 extend "$G" --days 8 --approver 陈成华 --reason 需请示 2>&1) && rc=0 || rc=$?
check "an 8-day extension is refused" "$rc" "1"
check_has "the refusal gives the cap" "$err" "allows 7 at most"
out=$(ctl py $A 带班领导 extend "$X" --days 7 --approver 陈成华 --reason 需请示市局)
# 7 working days after 09-30: 10-08 (1), 10-09 (2), Sat 10-10 make-up (3),
# 10-12 (4), 10-13 (5), 10-14 (6), Thu 10-15 (7)
check "a 7-day extension is granted" "$(field py "$X" due)" "2026-10-15"
check_has "the extension is approved by the 带班领导" "$(ctl py --json show "$X")" '"approver_role":"审批局带班领导"'
err=$(ctl py $A 带班领导 extend "$X" --days 1 --approver 陈成华 --reason 仍未解决 2>&1) && rc=0 || rc=$?
check "no further extension after 7 working days" "$rc" "1"
check_has "the refusal points to the leading group" "$err" "leading group"

# --- 全程督办: reminders, supervision, notice on the test clock --------------
# reminder_before_days = 0 (on the due day), notice 1 working day after 督办;
# the scheduler runs at each clock change, on working days only.
ctl py clock set 2026-09-24T10:00 >/dev/null
check "I: reminded on its due day (09-24)" "$(events py "$I" remind)" "1"
check "G: no reminder before its due day" "$(events py "$G" remind)" "0"
ctl py clock set 2026-09-26T09:00 >/dev/null
check "I: no supervision on the 中秋 holiday" "$(events py "$I" supervise)" "0"
# “立即协调解决” on a day off (Sat 09-26, 中秋): due the next working day
Z=$(ctl py $A 值班人员 intake --source hotline --name 冯某 --phone 13905390009 \
	--content "假期来电：预约的证照领取窗口未开放" | awk '{print $1}')
ctl py $A 督办考核科 classify "$Z" --category attitude --level 3 >/dev/null
check_has "immediate on a holiday: due the next working day (Mon 09-28)" \
	"$(ctl py $A 督办考核科 assign "$Z" --lead ZWK)" "due 2026-09-28 (0 working days)"
check "N: not urged the day it came in, nor on the holiday" "$(events py "$N" urge_assign)" "0"
ctl py clock set 2026-09-28T09:00 >/dev/null
check "I: supervised on the first working day after due (09-28)" "$(events py "$I" supervise)" "1"
check "N: not assigned on the day it came in: urged (催办分办) the next working day" "$(events py "$N" urge_assign)" "1"
ctl py $A 督办考核科 assign "$N" --lead ZWK >/dev/null
ctl py clock set 2026-09-28T15:00 >/dev/null
check "N: urged once" "$(events py "$N" urge_assign)" "1"
# S2 returned for redo on Mon 09-28: its day to assign counts from the redo
ctl py $A 督办考核科 redo "$S2" --reason "诉求人不满意，重新交办" >/dev/null
check "S2: returned to the desk, not urged on the day of the redo" "$(events py "$S2" urge_assign)" "0"

check "G: reminded on its due day (09-28)" "$(events py "$G" remind)" "1"
# G answered in time, U is not
ctl py $A 政务服务科 reply "$G" --kind done --result "已协调社保窗口完成退休认证" >/dev/null
ctl py clock set 2026-09-29T09:00 >/dev/null
check "S2: urged the working day after the redo" "$(events py "$S2" urge_assign)" "1"
ctl py $A 督办考核科 assign "$S2" --lead ZWK >/dev/null
show=$(ctl py --json show "$I")
check_has "I: 通报 one working day after 督办 (09-29)" "$show" '"type":"notice"'
check_has "I: the notice goes to the 带班领导" "$show" "审批局带班领导"
check "U: supervised the day after due" "$(events py "$U" supervise)" "1"
check "G: answered on time, never supervised" "$(events py "$G" supervise)" "0"

# I answered late on 09-29: 1 working day overdue (09-25..27 off, 09-28, 09-29)
ctl py $A 市场监管窗口 reply "$I" --kind done --result "已协调系统后台完成受理" >/dev/null

# --- 服务评价 and close (附件2) -------------------------------------------------
ctl py $A 督办考核科 qc "$G" --pass >/dev/null
ctl py $A 督办考核科 visit "$G" --satisfaction 满意 --note "服务评价：满意" >/dev/null
check_has "G closes after a satisfied evaluation" "$(ctl py $A 督办考核科 close "$G")" "closed"
ctl py $A 督办考核科 qc "$I" --pass >/dev/null
ctl py $A 督办考核科 visit "$I" --satisfaction 基本满意 >/dev/null
# 附件1 “将评价结果进行记录，并反馈给承办窗口（科室）、带班领导”
check_has "I: the evaluation goes to the window and the complaint's 带班领导" \
	"$(ctl py show "$I")" "服务评价已反馈：县市场监管局进驻窗口、审批局带班领导（陈成华）"
check_has "G: ... and to the 带班领导 when none was named" \
	"$(ctl py show "$G")" "服务评价已反馈：审批局政务服务科、审批局带班领导"
ctl py ledger --format csv -o "$T/ledger.csv" 2>/dev/null
want="受理事项,接办窗口（科室）,反映人,联系电话,“办不成事”事项情况,办理结果（是否办结、满意）,承办窗口（科室）办结签字,带班领导签字,备注"
check "ledger header is 附件3's 问题台账" "$(csv_header "$T/ledger.csv")" "$want"
check "ledger title is 附件3's" "$(ctl py --json ledger | jq -r .result.title)" \
	"平邑县政务服务中心“办不成事”反映窗口问题台账"
check "--with-id: 工单编号 first (the 问题台账 has no 序号)" \
	"$(ctl py --json ledger --with-id | jq -r '.result.columns[0] + " " + .result.rows[0][0]')" "工单编号 $I"
row=$(grep "^[^,]*,[^,]*,王某,13905390001," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r cat depts name phone content outcome signed duty remarks <<<"$row"
check "ledger I: 受理事项 is its kind of 二、受理范围" "$cat" "线上或线下提交申请材料后，未能实现成功受理的事项"
check "ledger I: 接办窗口（科室）" "$depts" "县市场监管局进驻窗口"
check "ledger I: 办结 and the evaluation recorded" "$outcome" "已办结，基本满意"
check "ledger I: 备注 says overdue and notice" "$remarks" "超期2个工作日；已通报"
# the signatures: who replied (signed with yousuctl here) and no duty
# leader's (none signed a step in that role)
check "ledger I: 承办窗口（科室）办结签字 names who replied, and when" "$signed" "市场监管窗口 2026-09-29"
check "ledger I: 带班领导签字 is empty (no duty leader's step)" "$duty" ""
row=$(grep "^[^,]*,[^,]*,平邑某某建材有限公司," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r cat depts name phone content outcome signed duty remarks <<<"$row"
check "ledger X: 备注 says its 问题处理说明 was written" "$remarks" "已形成问题处理说明；未超期"

# --- 三(三) “延期后仍不能解决的，提交领导小组集体研究解决” -------------------
# X: extended by the full 7 days to Thu 10-15
ctl py clock set 2026-10-15T09:00 >/dev/null
check "X: not referred on its extended due day" "$(events py "$X" refer)" "0"
ctl py clock set 2026-10-16T09:00 >/dev/null
check "X: referred to the leading group the day after (10-16)" "$(events py "$X" refer)" "1"
check_has "X: shows who took it up" "$(ctl py show "$X")" "提交：“办不成事”反映窗口工作领导小组（集体研究解决）"
check "X: supervised as well" "$(events py "$X" supervise)" "1"
check "U: overdue but never extended: not referred" "$(events py "$U" refer)" "0"
ctl py clock set 2026-10-19T09:00 >/dev/null
check "X: referred once only" "$(events py "$X" refer)" "1"

# --- the group meets and decides (集体研究解决): its own step -------------------
err=$(ctl py $A 审批局领导 decide "$U" --met-on 2026-10-16 --participants 领导小组 \
	--decision 研究 --lead ZWK --due 2026-10-22 2>&1) && rc=0 || rc=$?
check_has "U was never referred: no decision to record" "$rc:$err" "1:"
check_has "... saying why" "$err" "never referred to the leading group"
decide_x() { ctl py $A 审批局领导 decide "$X" "$@" 2>&1; }
err=$(decide_x --met-on 2026-10-20 --participants 领导小组 --decision 研究 --lead GTJ --due 2026-10-22) && rc=0 || rc=$?
check_has "a meeting not yet held is refused" "$rc:$err" "1:"
check_has "... naming the date" "$err" "met_on 2026-10-20 is after today"
err=$(decide_x --met-on 2026-10-16 --participants 领导小组 --decision 研究 --lead GTJ --due 2026-10-24) && rc=0 || rc=$?
check_has "a deadline on a Saturday is refused" "$err" "due 2026-10-24 is not a working day"
err=$(decide_x --met-on 2026-10-16 --participants 领导小组 --decision " " --lead GTJ --due 2026-10-22) && rc=0 || rc=$?
check_has "a blank decision is refused" "$rc:$err" "1:"
check_has "... by its name" "$err" "decision' (研究决定) is blank"
err=$(decide_x --met-on 2026-10-16 --participants 领导小组 --decision 研究 --lead XXX --due 2026-10-22) && rc=0 || rc=$?
check_has "an unknown department is refused" "$err" "unknown department 'XXX'"
r0=$(events py "$X" remind)
s0=$(events py "$X" supervise)
decide_x --met-on 2026-10-16 --participants "审批局局长（组长）、分管副局长；县自然资源局、县市场监管局负责人" \
	--decision "由县自然资源局牵头补充规划条件论证，县市场监管局配合，报市局审批" \
	--lead GTJ --co SCJ --due 2026-10-22 >/dev/null
d=$(ctl py --json show "$X")
check "the decision sets the departments and the date (10-20, 10-21, 10-22)" \
	"$(jq -c '.result | [.status, .lead, .co, .due, .limit_days]' <<<"$d")" '["assigned","GTJ",["SCJ"],"2026-10-22",3]'
check_has "the log says who met and what they decided" "$(ctl py show "$X")" \
	"领导小组研究决定（2026-10-16会议）：参会：审批局局长（组长）"
check_has "the 交办单's print carries the decision after the form" "$(ctl py show "$X" --workorder)" "领导小组研究决定
领导小组：“办不成事”反映窗口工作领导小组（集体研究解决）
会议日期：2026-10-16
参会单位和人员：审批局局长（组长）、分管副局长；县自然资源局、县市场监管局负责人
研究决定：由县自然资源局牵头补充规划条件论证，县市场监管局配合，报市局审批
责成牵头部门：县自然资源局进驻窗口
责成协办单位：县市场监管局进驻窗口
办结期限：2026-10-22"
ctl py clock set 2026-10-21T09:00 >/dev/null
check "X: no 催办 before the group's date" "$(events py "$X" remind)" "$r0"
ctl py clock set 2026-10-22T09:00 >/dev/null
check "X: 催办 on the group's date (reminder_before_days 0)" "$(events py "$X" remind)" "$((r0 + 1))"
ctl py clock set 2026-10-23T09:00 >/dev/null
check "X: 督办 the day after the group's date" "$(events py "$X" supervise)" "$((s0 + 1))"
ctl py $A 国土窗口 reply "$X" --kind done --result "规划许可已报市局批复" >/dev/null
ctl py ledger --format csv -o "$T/ledger2.csv" 2>/dev/null
row=$(grep "^[^,]*,[^,]*,平邑某某建材有限公司," "$T/ledger2.csv" | tr -d "\r")
IFS=, read -r cat depts name phone content outcome signed duty remarks <<<"$row"
# late 2 working days when the group decided (due 10-15: 10-16, 10-19),
# then 1 past the group's date (10-23)
check "ledger X: 备注 names the decision and the lateness of both rounds" "$remarks" \
	"已形成问题处理说明；领导小组2026-10-16研究决定；超期3个工作日；已通报"

# --- 三(四) 领导带班: the roster, the work order's 带班领导, window visits ----------
# (Fri 10-23 09:00 now.) A roster with a mistake is refused whole, naming
# the line; nothing of it is kept
bad() { printf '日期,时段,带班领导\n2026-10-22,上午,陈成华\n%s\n' "$1" >"$T/bad-roster.csv"
	ctl py $A 管理员 duty import "$T/bad-roster.csv" 2>&1; }
check_has "an impossible date, by its line" "$(bad '2026-02-30,上午,陈成华')" "line 3: '2026-02-30' is not a date"
check_has "an unknown half-day" "$(bad '2026-10-23,晚上,陈成华')" "line 3: '晚上' is not a half-day (上午 or 下午)"
check_has "a blank leader" "$(bad '2026-10-23,下午,  ')" "line 3: the leader's name (带班领导) is blank"
check_has "a half-day given twice" "$(bad '2026-10-22,上午,李明')" "line 3: 2026-10-22 上午 is given twice (line 2 first)"
check_has "a line of two cells" "$(bad '2026-10-23,上午')" "line 3: expected 3 cells"
printf '日期,带班领导\n' >"$T/bad-roster.csv"
check_has "a wrong header" "$(ctl py $A 管理员 duty import "$T/bad-roster.csv" 2>&1)" "line 1: the header must be 日期,时段,带班领导"
check_has "nothing of a refused file is kept" "$(ctl py duty board --from 2026-10-01 --to 2026-10-31)" "排班0个半天"
printf '\xef\xbb\xbf日期,时段,带班领导\r\n2026-10-22,上午,陈成华\r\n2026-10-22,下午,李明\r\n2026-10-23,上午,陈成华\r\n2026-10-23,下午,李明\r\n2026-10-26,上午,王强\r\n' >"$T/roster.csv"
check_has "the roster imported (Excel's CSV: BOM, CRLF)" "$(ctl py $A 管理员 duty import "$T/roster.csv")" "排班已保存：5个半天"
K=$(ctl py $A 值班人员 intake --source window --name 林某 --phone 13905390020 \
	--content "食品经营许可延续多次补正" | awk '{print $1}')
check "the work order's 带班领导 is the roster's for the morning" "$(field py "$K" duty_leader)" "陈成华"
err=$(ctl py $A 值班人员 intake --source window --name 林某 --phone 13905390020 \
	--content "另一件事" --duty-leader 张三 2>&1) && rc=0 || rc=$?
check_has "another name typed at intake is refused" "$rc:$err" "1:"
check_has "... naming the roster's" "$err" "the roster names 陈成华 as 带班领导 this morning"
ctl py $A 陈成华 duty visit --note "现场协调食品经营许可补正问题" >/dev/null
ctl py clock set 2026-10-23T15:00 >/dev/null
K2=$(ctl py $A 值班人员 intake --source window --name 韩某 --phone 13905390021 \
	--content "下午来反映的事项" | awk '{print $1}')
check "... and the afternoon's after noon" "$(field py "$K2" duty_leader)" "李明"
ctl py clock set 2026-10-26T09:00 >/dev/null
board=$(ctl py --json duty board --from 2026-10-22 --to 2026-10-26)
# 10-22 上午/下午 over without a visit, 10-23 上午 visited, 10-23 下午 over
# without one, 10-26 上午 not over yet
check "the board: 5 half-days, 1 visited, 3 without a visit, 1 open" \
	"$(jq -c '.result | [.rostered, .visited, .missed, .open]' <<<"$board")" "[5,1,3,1]"
check "... the half-days with no visit, named" \
	"$(jq -c '[.result.halves[] | select(.missed) | .day + .half]' <<<"$board")" '["2026-10-22am","2026-10-22pm","2026-10-23pm"]'
check_has "... the visit with what was settled" "$(ctl py duty board --from 2026-10-23 --to 2026-10-23)" "陈成华：现场协调食品经营许可补正问题"
check_has "the month's figures count them" "$(ctl py duty board)" "排班5个半天：到窗口1个，未到3个，未结束1个"
check "... and so does the month's statistics report" "$(ctl py --json report --date 2026-10-26 | jq -c .result.duty)" '{"rostered":5,"visited":1,"missed":3}'
check_has "... in words" "$(ctl py report --date 2026-10-26)" "领导带班：排班5个半天，到窗口1个，未到窗口现场办公3个"

# --- 二 受理范围: refusal with an explanation ---------------------------------
R=$(ctl py $A 值班人员 intake --source window --name 钱某 --phone 13905390006 \
	--content "要求办理法律明确禁止的事项" | awk '{print $1}')
out=$(ctl py $A 值班人员 reject "$R" --ground legal_limit)
check_has "refusal: 向反映人做好解释工作" "$out" "向反映人做好解释工作"
check_has "the store equals the replay of its event log" "$(ctl py check)" "yes"

# --- a profile with a mistake is refused with file:line ------------------------
sed 's/^level\.1 = 3$/level.1 = -1/' "$PROFILE" >"$T/bad-pingyi.ini"
line=$(grep -n '^level\.1 = -1$' "$T/bad-pingyi.ini" | cut -d: -f1)
py_config bad "$T/bad-pingyi.ini"
err=$("$YOUSU_BIN/yousu-node" --check -c "$T/bad.ini" 2>&1) && rc=0 || rc=$?
check "a negative level limit stops start-up" "$rc" "1"
check_has "the message names the profile file and line" "$err" "bad-pingyi.ini:$line:"

finish
