#!/usr/bin/env bash
# Acceptance: 安阳市政务服务“有诉即办”诉求响应协同办理工作机制
# (安政数〔2023〕25号, seeds/001_1cfc373481f3dc66.txt) replayed on a real
# yousu-node with the anyang-city profile, on the test clock: hotline and
# window complaints in one flow with their source (二(一), 二(二)), 3 and 5
# working days (二(三)), quality check, redo and 清零销号 (二(四)), the six
# accepted kinds and the six refusal grounds (二(五)), 督办 and 通报 (附件1),
# the ledger of 附件3 with its 15 columns (the profile's [ledger]), and a
# broken profile refused with file:line.
. "$(dirname "$0")/../integration/lib.sh"

PROFILE=$YOUSU_SRC/configs/profiles/anyang-city.ini

# A catalogue for this test only: the centre, a hotline desk, two departments.
cat >"$T/depts.ini" <<'INI'
[dept ZWB]
name = 市政务服务中心管理科
level = city
categories = attitude, delayed, extortion, reform
[dept RX]
name = 市12345政务服务热线中心
level = city
categories = hotline
[dept SCJ]
name = 市市场监督管理局
level = city
categories = blocked
[dept SWJ]
name = 市税务局
level = city
[dept XSW]
name = 县税务局
level = county
INI

ay_config() { node_config "$1" AYS "$2" "$T/depts.ini"; }
ay_config ay "$PROFILE"
start_node ay --test-clock=2026-09-24T09:00
check_has "the node runs the anyang-city profile" "$(ctl ay ping)" "anyang-city"
A="--actor"
intake() { ctl ay $A 窗口 intake "$@" | awk '{print $1}'; }

# --- the six accepted kinds (二(五) 1–6) ---------------------------------------
for c in attitude blocked delayed extortion reform hotline; do
	I=$(intake --source window --name 群众$c --phone 13903720100 --content "受理范围$c")
	out=$(ctl ay $A 窗口 classify "$I" --category $c 2>&1) && rc=0 || rc=$?
	check "accepted kind '$c' classifies" "$rc" "0"
done
I=$(intake --source window --name 群众 --phone 13903720100 --content "天气预报不准")
err=$(ctl ay $A 窗口 classify "$I" --category weather 2>&1) && rc=0 || rc=$?
check "a kind outside 二(五) is refused" "$rc" "1"
err=$(ctl ay $A 窗口 classify "$I" --category attitude --class D 2>&1) && rc=0 || rc=$?
check "a class is refused: 001 has none" "$rc" "1"

# --- the six refusal grounds, each with its channel (二(五) 不予受理 1–6) ----------
while IFS='|' read -r ground channel; do
	R=$(intake --source hotline --anonymous --content "不予受理：$ground")
	out=$(ctl ay $A 窗口 reject "$R" --ground "$ground" 2>&1) && rc=0 || rc=$?
	check "refusal ground '$ground' accepted" "$rc" "0"
	check_has "refusal '$ground' names its channel" "$out" "$channel"
done <<'LIST'
legal|相应的法定途径
petition|原信访等受理渠道
civil|人民调解或人民法院
no_target|补充被投诉举报人信息后重新反映
no_facts|补充具体事实和线索后重新反映
out_of_scope|告知有权处理的部门
LIST

# --- time limits (二(三)) -----------------------------------------------------
# All assigned on Thu 2026-09-24; the day of assignment is not counted.
# 09-25 (Fri) .. 09-27 中秋, 10-01 .. 10-07 国庆, Sat 10-10 a make-up working
# day (/work/shared/data/cn-workdays.md, configs/calendars/cn.ini).
# A hotline transfer (二(一)): one department, 3 working days:
# Mon 09-28 (1), Tue 09-29 (2), Wed 09-30 (3)
H=$(intake --source hotline --hotline-no AY12345-20260924-0088 --name 周某 \
	--phone 13903720200 --content "12345转来：不动产登记窗口材料齐全不予办理")
ctl ay $A 热线 classify "$H" --category hotline >/dev/null
out=$(ctl ay $A 窗口 assign "$H" --lead RX)
check_has "one department: 3 working days" "$out" "due 2026-09-30 (3 working days)"
check "the complaint source is recorded (二(二) 标明诉求来源)" \
	"$(jctl ay "[.result[] | select(.id == \"$H\")] | length" list --source hotline)" "1"

# Several departments: 5 working days: 09-28 (1), 09-29 (2), 09-30 (3),
# [10-01..07 off], Thu 10-08 (4), Fri 10-09 (5)
M=$(intake --source window --name 安阳某某商贸有限公司 --org --org-contact 陈经理 \
	--phone 0372-5990002 --content "变更登记要件完整，市场监管与税务窗口互相推诿")
ctl ay $A 窗口 classify "$M" --category blocked >/dev/null
out=$(ctl ay $A 窗口 assign "$M" --lead SCJ --co SWJ)
check_has "several departments: 5 working days" "$out" "due 2026-10-09 (5 working days)"

# 附件2 工作单: its fields in order, the organisation's contact, the lead
wo=$(ctl ay show "$M" --workorder)
check_has "the 工作单's heading is 附件2's" "$(head -1 <<<"$wo")" "安阳市政务服务“有诉即办”诉求响应协同办理工作单"
check "the 工作单's fields are 附件2's" "$(form_fields "$wo")" \
	"单位名称,联系人,联系电话,反映时间,反映类别,诉求来源,诉求主要内容,政务服务责任部门及牵头部门,完成时限,工作单联系人,联系电话,备注,"
check_has "... 联系人 is the organisation's contact" "$wo" "联系人：陈经理"
check_has "... the lead named (注2)" "$wo" "政务服务责任部门及牵头部门：牵头：市市场监督管理局；协办：市税务局"
check_has "... 完成时限" "$wo" "完成时限：2026-10-09（5个工作日）"

# A complex matter with one department (复杂事项, --nature hard): 5 days
K=$(intake --source window --name 吴某 --phone 13903720300 --content "跨层级审批事项长期无法办结")
ctl ay $A 窗口 classify "$K" --category delayed --nature hard >/dev/null
out=$(ctl ay $A 窗口 assign "$K" --lead ZWB)
check_has "complex matter: 5 working days" "$out" "due 2026-10-09 (5 working days)"

# “多个层级”: departments of two levels. With the multi-department limit
# taken out of the profile, the levels alone give the 5 days.
sed '/^multi_department = 5$/d' "$PROFILE" >"$T/levels-city.ini"
ay_config lv "$T/levels-city.ini"
start_node lv --test-clock=2026-09-24T09:00
L=$(ctl lv $A 窗口 intake --source window --name 冯某 --phone 13903720500 \
	--content "市、县两级税务对同一笔退税口径不一" | awk '{print $1}')
ctl lv $A 窗口 classify "$L" --category delayed >/dev/null
check_has "two levels (city and county): 5 working days" \
	"$(ctl lv $A 窗口 assign "$L" --lead SWJ --co XSW)" "due 2026-10-09 (5 working days)"
L2=$(ctl lv $A 窗口 intake --source window --name 冯某 --phone 13903720500 \
	--content "市税务与市场监管两个市级窗口口径不一" | awk '{print $1}')
ctl lv $A 窗口 classify "$L2" --category delayed >/dev/null
check_has "two departments of one level, no multi-department limit: 3" \
	"$(ctl lv $A 窗口 assign "$L2" --lead SWJ --co SCJ)" "due 2026-09-30 (3 working days)"

# 当场能协调解决的当场予以解决
S=$(intake --source window --name 郑某 --phone 13903720400 --content "找不到办理窗口")
ctl ay $A 窗口 classify "$S" --category attitude >/dev/null
check_has "resolved on the spot" "$(ctl ay $A 窗口 resolve "$S" --result 当场引导办结)" "replied"

# --- 附件1 调度意见: “请于N小时内与来电人取得联系（匿名除外）” ----------------------
# two hotline items taken at 09:00 with 2 hours to reach the caller
W1=$(intake --source hotline --hotline-no AY12345-20260924-0090 --contact-within 2 \
	--name 秦某 --phone 13903720600 --content "12345转来：社保窗口要求重复提交材料")
W2=$(intake --source hotline --hotline-no AY12345-20260924-0091 --contact-within 2 \
	--name 韩某 --phone 13903720700 --content "12345转来：公积金提取窗口说系统维护")
WA=$(intake --source hotline --hotline-no AY12345-20260924-0092 --contact-within 2 \
	--anonymous --content "12345转来（匿名）：窗口午休提前关闭")
ctl ay clock set 2026-09-24T10:30 >/dev/null
check "W1: not late at 10:30 (1.5 hours)" "$(events ay "$W1" contact_late)" "0"
ctl ay $A 热线 contact "$W2" --note "10:20 电话联系来电人，已说明正在协调" >/dev/null
err=$(ctl ay $A 热线 contact "$WA" --note x 2>&1) && rc=0 || rc=$?
check_has "an anonymous caller cannot be contacted" "$rc:$err" "1:yousuctl: contact: $WA is anonymous"
ctl ay clock set 2026-09-24T11:30 >/dev/null
check "W1: not reached within 2 hours: flagged at 11:30" "$(events ay "$W1" contact_late)" "1"
check "W2: contacted in time, not flagged" "$(events ay "$W2" contact_late)" "0"
check "WA: anonymous, not flagged (匿名除外)" "$(events ay "$WA" contact_late)" "0"
check_has "W2 shows the contact" "$(ctl ay show "$W2")" "联系来电人：10:20 电话联系来电人"
ctl ay clock set 2026-09-24T15:00 >/dev/null
check "W1: flagged once only" "$(events ay "$W1" contact_late)" "1"

# --- 催办, 督办 and 通报 on the test clock (附件1 调度意见) ------------------------
ctl ay clock set 2026-09-28T09:00 >/dev/null
check "H: no reminder two working days before due" "$(events ay "$H" remind)" "0"
ctl ay clock set 2026-09-29T09:00 >/dev/null
check "H: reminded one working day before due (09-29)" "$(events ay "$H" remind)" "1"

# --- quality check, redo, 清零销号 (二(四)) -------------------------------------
ctl ay $A 市场监管局 reply "$M" --kind done --result "已办理变更登记" >/dev/null
out=$(ctl ay $A 质检员 qc "$M" --fail --note "未说明税务部分")
# a failed check on Tue 09-29 returns it with 5 new working days:
# 09-30 (1), 10-08 (2), 10-09 (3), Sat 10-10 (4), Mon 10-12 (5)
check_has "failed quality check returns it to the departments" "$out" "assigned"
check_has "with a new deadline" "$(ctl ay show "$M")" "2026-10-12"

ctl ay clock set 2026-10-01T09:00 >/dev/null
check "H: no supervision on the 国庆 holiday" "$(events ay "$H" supervise)" "0"
ctl ay clock set 2026-10-08T09:00 >/dev/null
check "H: supervised on the first working day after due (10-08)" "$(events ay "$H" supervise)" "1"
show=$(ctl ay --json show "$H")
# notice_after_days.hotline = 0: the 12345 item the same day (若超期将进行通报)
check_has "H: a hotline item is notified the day it is supervised" "$show" '"type":"notice"'
ctl ay clock set 2026-10-09T09:00 >/dev/null
show=$(ctl ay --json show "$H")
check "H: notified once" "$(events ay "$H" notice)" "1"
check_has "H: reported to the 督查局" "$show" '"report_to":"市委市政府督查局"'
check_has "H: copied to the hotline centre" "$show" '"cc":"市长便民公开电话受理中心"'

ctl ay $A 市场监管局 reply "$M" --kind done --result "已办理变更登记，税务同步完成" >/dev/null
ctl ay $A 质检员 qc "$M" --pass >/dev/null
ctl ay $A 回访员 visit "$M" --satisfaction 不满意 --note "跑了三趟" >/dev/null
err=$(ctl ay $A 窗口 close "$M" 2>&1) && rc=0 || rc=$?
check "not satisfied: 清零销号 refused" "$rc" "1"
ctl ay $A 窗口 redo "$M" --reason "诉求人不满意，退回重办" >/dev/null
ctl ay $A 市场监管局 reply "$M" --kind done --result "上门致歉并送达执照" >/dev/null
ctl ay $A 质检员 qc "$M" --pass >/dev/null
ctl ay $A 回访员 visit "$M" --satisfaction 满意 >/dev/null
check_has "satisfied: 清零销号" "$(ctl ay $A 窗口 close "$M")" "closed"
ctl ay $A 回访员 visit "$S" --satisfaction 满意 --note 电话回访 >/dev/null
check_has "on-the-spot resolution closes after a satisfied visit" "$(ctl ay $A 窗口 close "$S")" "closed"

# --- the ledger: 附件3's title and 15 columns ----------------------------------
ctl ay ledger --format csv -o "$T/ledger.csv" 2>/dev/null
want="序号,类别,反映人及电话,受理时间,反映事项,诉求来源,政务服务责任部门及牵头部门,要求办理时限,是否催办及时间,是否督办及时间,是否退回重办及时间,实际办结时间,处理结果,回访情况及满意度,备注"
check "ledger header is 附件3's" "$(csv_header "$T/ledger.csv")" "$want"
check "ledger title is 附件3's" "$(ctl ay --json ledger | jq -r .result.title)" \
	"安阳市政务服务“有诉即办”诉求响应协同办理工作台账"
row=$(grep "^[0-9]*,[^,]*,安阳某某商贸有限公司（陈经理） 0372-5990002," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r n cat caller received content source depts due remind super redo done result visit remarks <<<"$row"
check "ledger M: 类别 is the accepted kind" "$cat" "业务要件完整、符合法定受理条件的审批服务事项在窗口不能顺利办理"
check "ledger M: 反映人及电话, the organisation with its contact" "$caller" "安阳某某商贸有限公司（陈经理） 0372-5990002"
check "ledger M: 诉求来源" "$source" "窗口"
check "ledger M: returned for redo twice (质检 and 回访)" "$redo" "是 2026-10-09 09:00（共2次）"
# visited twice on 10-09 09:00 (不满意, then 满意 after the redo, no note)
check "ledger M: 回访情况及满意度, the last visit" "$visit" "2026-10-09 09:00 满意"
row=$(grep "^[0-9]*,[^,]*,郑某 13903720400," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r n cat caller received content source depts due remind super redo done result visit remarks <<<"$row"
check "ledger S: 回访情况及满意度 with the visit's note" "$visit" "2026-10-09 09:00 满意；电话回访"
row=$(grep "^[0-9]*,[^,]*,周某 13903720200," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r n cat caller received content source depts due remind super redo done result visit remarks <<<"$row"
check "ledger H: 诉求来源 of a hotline transfer" "$source" "12345热线"
check "ledger H: 受理时间" "$received" "2026-09-24 09:00"
# H: due 09-30, still unanswered on 10-09: 10-08, 10-09 = 2 working days;
# 通报 on 10-09 (above)
check "ledger H: 备注 says overdue, unanswered, notified" "$remarks" "已超期2个工作日（未办结）；已通报"
check_has "the store equals the replay of its event log" "$(ctl ay check)" "yes"

# --- a window item waits one working day after 督办 for its 通报 ---------------
# K (window, due Fri 10-09): 督办 Sat 10-10 (make-up), 通报 one working day
# after, Mon 10-12, as any other source
ctl ay clock set 2026-10-10T09:00 >/dev/null
check "K: a window item supervised (10-10) is not notified the same day" "$(events ay "$K" supervise):$(events ay "$K" notice)" "1:0"
ctl ay clock set 2026-10-12T09:00 >/dev/null
check "K: ... but one working day later (10-12)" "$(events ay "$K" notice)" "1"

# --- a profile with a mistake is refused with file:line ------------------------
sed 's/^nature\.hard = 5$/nature.hard = -1/' "$PROFILE" >"$T/bad-city.ini"
line=$(grep -n '^nature\.hard = -1$' "$T/bad-city.ini" | cut -d: -f1)
ay_config bad "$T/bad-city.ini"
err=$("$YOUSU_BIN/yousu-node" --check -c "$T/bad.ini" 2>&1) && rc=0 || rc=$?
check "a negative limit stops start-up" "$rc" "1"
check_has "the message names the profile file and line" "$err" "bad-city.ini:$line:"

finish
