#!/usr/bin/env bash
# Acceptance: 安阳高新区企业服务中心有诉即办窗口管理办法（试行）
# (seeds/000_744c6d32feeae384.txt) replayed on a real yousu-node with the
# anyang-gxq profile, on the test clock: classes A/B/C and their limits
# (二(五), 二(六)) each led by its body (A 管委会, B 行政审批服务局, C the
# window department), on-the-spot resolution of class C, reminders,
# supervision and notice, the refusal ground, the work order and the ledger
# columns of 附件3, and a broken profile refused with file:line.
. "$(dirname "$0")/../integration/lib.sh"

PROFILE=$YOUSU_SRC/configs/profiles/anyang-gxq.ini

# The bodies of 二(五)一: C the window concerned, B the 行政审批服务局 (SPJ),
# A the 高新区管委会 (GWH); the profile's [classes] names them.
DEPTS=$YOUSU_SRC/configs/departments/anyang-gxq.ini

# gxq_config NAME PROFILE [CATALOGUE]: a node config using PROFILE.
gxq_config() { node_config "$1" AY "$2" "${3:-$DEPTS}"; }
gxq_config gxq "$PROFILE"
start_node gxq --test-clock=2026-09-24T09:00
check_has "the node runs the anyang-gxq profile" "$(ctl gxq ping)" "anyang-gxq"
A="--actor"

# --- classes and time limits (二(五)一, 二(六)) ------------------------------
# All assigned on Thu 2026-09-24; the day of assignment is not counted.
# 09-25 (Fri) .. 09-27 are 中秋, 10-01 .. 10-07 国庆, Sat 10-10 is a make-up
# working day (/work/shared/data/cn-workdays.md, configs/calendars/cn.ini).
C=$(ctl gxq $A 窗口 intake --source window --name 王建国 --phone 13903720001 \
	--content "窗口工作人员态度生硬，让我回去等通知" | awk '{print $1}')
check "intake numbers the complaint" "$C" "AY-20260924001"
ctl gxq $A 窗口 classify "$C" --category attitude --class C >/dev/null
out=$(ctl gxq $A 窗口 assign "$C" --lead CK)
# C, 3 working days: Mon 09-28 (1), Tue 09-29 (2), Wed 09-30 (3)
check_has "class C: 3 working days" "$out" "due 2026-09-30 (3 working days)"

B=$(ctl gxq $A 窗口 intake --source window --name 安阳某某科技有限公司 --org \
	--org-contact 刘经理 --phone 0372-5990001 \
	--content "要件齐全的施工许可申请两个窗口互相推诿" | awk '{print $1}')
ctl gxq $A 窗口 classify "$B" --category blocked --class B >/dev/null
# B goes to the 行政审批服务局: route proposes it, assign insists on it
check_has "class B: route proposes the approval bureau as lead" \
	"$(ctl gxq route "$B" | grep '牵头 lead')" "SPJ"
err=$(ctl gxq $A 窗口 assign "$B" --lead CK 2>&1) && rc=0 || rc=$?
check "class B led by a window department is refused" "$rc" "1"
check_has "the refusal names the body of class B" "$err" "class B (需行政审批服务局研究解决的事项) is led by SPJ (高新区行政审批服务局)"
out=$(ctl gxq $A 窗口 assign "$B" --lead SPJ --co CK)
# B, 5 working days: 09-28 (1), 09-29 (2), 09-30 (3), [10-01..07 off],
# Thu 10-08 (4), Fri 10-09 (5)
check_has "class B: 5 working days over 国庆" "$out" "due 2026-10-09 (5 working days)"

A_=$(ctl gxq $A 窗口 intake --source window --name 李某 --phone 13903720003 \
	--content "高新区企业开办补贴政策与市级政策冲突，需研究调整" | awk '{print $1}')
ctl gxq $A 窗口 classify "$A_" --category reform --class A >/dev/null
check_has "class A: route proposes the management committee as lead" \
	"$(ctl gxq route "$A_" | grep '牵头 lead')" "GWH"
err=$(ctl gxq $A 窗口 assign "$A_" --lead SPJ 2>&1) && rc=0 || rc=$?
check_has "class A led by the approval bureau is refused" "$rc:$err" "1:"
check_has "the refusal says who leads class A" "$err" "assign it with --lead GWH"
out=$(ctl gxq $A 窗口 assign "$A_" --lead GWH)
# A, 10 working days: 09-28 (1), 09-29 (2), 09-30 (3), 10-08 (4), 10-09 (5),
# Sat 10-10 make-up (6), Mon 10-12 (7), 10-13 (8), 10-14 (9), Thu 10-15 (10)
check_has "class A: 10 working days over 国庆 and the make-up Saturday" "$out" "due 2026-10-15 (10 working days)"

X=$(ctl gxq $A 窗口 intake --source window --name 赵某 --phone 13903720004 \
	--content "不知道什么类" | awk '{print $1}')
err=$(ctl gxq $A 窗口 classify "$X" --category attitude --class D 2>&1) && rc=0 || rc=$?
check "an unknown class is refused" "$rc" "1"
check_has "the refusal names the classes" "$err" "class 'D' is not one of this profile's classes (A, B, C)"
err=$(ctl gxq $A 窗口 classify "$X" --category attitude 2>&1) && rc=0 || rc=$?
check "a complaint without a class is refused (every one is A, B or C)" "$rc" "1"
check_has "the refusal says the class is required" "$err" "missing field 'class'"

# C “能当场解决的必须马上办结” (二(五)一): resolved at the window
ctl gxq $A 窗口 classify "$X" --category attitude --class C >/dev/null
check_has "class C resolved on the spot" \
	"$(ctl gxq $A 窗口 resolve "$X" --result "当场联系窗口负责人办结")" "replied"

# 000 has no extension: the limits of 二(六) are final
err=$(ctl gxq $A 领导小组组长 extend "$A_" --days 1 --approver 张文斌 --reason 需开会 2>&1) && rc=0 || rc=$?
check "no extension (000 sets none)" "$rc" "1"

# --- refusal: outside the scope of 二(三) ------------------------------------
R=$(ctl gxq $A 窗口 intake --source window --name 孙某 --phone 13903720005 \
	--content "自己忘带身份证原件被要求补交" | awk '{print $1}')
out=$(ctl gxq $A 窗口 reject "$R" --ground out_of_scope)
check_has "refusal names the channel to use instead" "$out" "告知有权处理的部门或渠道"
err=$(ctl gxq $A 窗口 reject "$X" --ground civil 2>&1) && rc=0 || rc=$?
check "a ground the profile lacks is refused" "$rc" "1"

# --- reminders, supervision and notice on the test clock ---------------------
# reminder_before_days = 1; escalations happen on working days only
ctl gxq clock set 2026-09-28T09:00 >/dev/null
check "C: no reminder two working days before due" "$(events gxq "$C" remind)" "0"
ctl gxq clock set 2026-09-29T09:00 >/dev/null
check "C: reminded one working day before due (09-29)" "$(events gxq "$C" remind)" "1"
ctl gxq clock set 2026-10-01T09:00 >/dev/null
check "C: no supervision on the 国庆 holiday" "$(events gxq "$C" supervise)" "0"
ctl gxq clock set 2026-10-08T09:00 >/dev/null
check "C: supervised on the first working day after due (10-08)" "$(events gxq "$C" supervise)" "1"
check "B: reminded one working day before due (10-08)" "$(events gxq "$B" remind)" "1"
ctl gxq clock set 2026-10-09T09:00 >/dev/null
check "C: no notice one working day after 督办" "$(events gxq "$C" notice)" "0"
ctl gxq clock set 2026-10-10T09:00 >/dev/null
# 10-08 督办; 10-09 (1), Sat 10-10 make-up (2) = notice_after_days
show=$(ctl gxq --json show "$C")
check_has "C: notice two working days after 督办 (make-up Saturday)" "$show" '"type":"notice"'
check_has "C: notice reported to the leading group" "$show" "有诉即办窗口领导小组"
check "B: supervised the day after its due date (10-10)" "$(events gxq "$B" supervise)" "1"

# Mon 10-12: A is answered before its reminder (10-14), and C, late
ctl gxq clock set 2026-10-12T10:00 >/dev/null
ctl gxq $A 管委会 reply "$A_" --kind done --result "管委会分管领导召开会议，政策已调整" >/dev/null
ctl gxq $A 市民之家窗口 reply "$C" --kind done --result "已当面致歉并办结" >/dev/null
ctl gxq clock set 2026-10-14T09:00 >/dev/null
check "A: answered in time, no reminder" "$(events gxq "$A_" remind)" "0"

# --- C through to 清零销号, then the ledger ------------------------------------
ctl gxq $A 质检员 qc "$C" --pass >/dev/null
ctl gxq $A 回访员 visit "$C" --satisfaction 满意 >/dev/null
check_has "C closed (清零销号)" "$(ctl gxq $A 窗口 close "$C")" "closed"

wo=$(ctl gxq show "$C" --workorder)
check_has "work order heading is 附件2's" "$wo" "安阳高新区企业服务中心“有诉即办”问题工作单"
check "the work order's fields are 附件2's, in order" "$(form_fields "$wo")" \
	"姓名或单位名称,单位联系人,联系电话,诉求反映时间,诉求反映类别,联系地址,诉求主要内容,政务服务责任部门及牵头部门,完成时限,工作单联系人,联系电话,备注,"
check_has "... numbered as 附件2 (年第N号)" "$(sed -n 2p <<<"$wo")" "2026年第1号    编号：AY-20260924001"
check_has "... 完成时限 is C's" "$wo" "完成时限：2026-09-30（3个工作日）"
check_has "... 备注 says how late it was" "$wo" "备注：超期4个工作日；已通报"
check "the ledger's title is 附件3's" "$(ctl gxq --json ledger | jq -r .result.title)" "安阳高新区企业服务中心“有诉即办”问题工作台账"

ctl gxq ledger --format csv -o "$T/ledger.csv" 2>/dev/null
# 附件3 “问题工作台账”, column by column
want="序号,姓名或单位名称,单位联系人,联系方式,主要诉求,诉求类别,政务服务责任部门及牵头部门,分办转办时间,要求办理期限,是否催办及时间,是否督办及时间,是否退回重办及时间,实际办结时间,办理情况,回访时间,办理结果满意度,备注"
check "ledger header is 附件3's" "$(csv_header "$T/ledger.csv")" "$want"
row=$(grep "^[0-9]*,王建国," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r n name orgc phone content cat depts assigned due remind super redo done result visit sat remarks <<<"$row"
check "ledger C: due" "$due" "2026-09-30（3个工作日）"
check "ledger C: reminded" "$remind" "是 2026-09-29 09:00"
check "ledger C: supervised" "$super" "是 2026-10-08 09:00"
# due 09-30, answered 10-12: 10-08, 10-09, 10-10, 10-12 = 4 working days late
check "ledger C: 备注 says overdue and by how long" "$remarks" "超期4个工作日；已通报"
row=$(grep "^[0-9]*,安阳某某科技有限公司," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r n name orgc rest <<<"$row"
check "ledger B: 单位联系人 for an organisation (附件3 注1)" "$orgc" "刘经理"
check_has "the store equals the replay of its event log" "$(ctl gxq check)" "yes"

# --- 一(二): 整改情况报告, archived (存档备查) -----------------------------------
# A's recheck finds the window at fault (过错): answered again, notified
ctl gxq $A 窗口 redo "$A_" --reason "复核发现窗口推诿" >/dev/null
ctl gxq $A 管委会 reply "$A_" --kind done --result "已整改并向企业致歉" >/dev/null
ctl gxq $A 窗口 fault "$A_" --fault "窗口工作人员相互推诿" --opinion "约谈提醒并通报" >/dev/null
rep=$(ctl gxq --json rectify report --from 2026-09-24 --to 2026-09-24)
check "the report has a row for every complaint taken that day" \
	"$(jq '.result.rows | length' <<<"$rep")" "$(ctl gxq --json ledger --from 2026-09-24 --to 2026-09-24 | jq '.result.rows | length')"
rowof() { jq -c --arg id "$1" '.result.rows[] | select(.[0] == $id) | .[6:]' <<<"$rep"; }
# C: closed after answering 4 working days late, notified once
check "C: rectified, 4 working days late, notified" "$(rowof "$C")" '["已整改到位","超期4个工作日","通报1次",""]'
check "A: answered again after the recheck, with its fault and the opinion" "$(rowof "$A_")" '["整改中（已答复，待质检回访）","未超期","","窗口工作人员相互推诿；处理意见：约谈提醒并通报"]'
# B: due 10-09, supervised 10-10, notified 10-13, open on 10-14: 10-10, 10-12, 10-13, 10-14
check "B: an overdue rectification, still open" "$(rowof "$B" | jq -c '.[:3]')" '["未整改到位","整改逾期：超期4个工作日","通报1次"]'
check "the summary counts them" "$(jq -c '.result.summary | [.rectified, .faults, .notices]' <<<"$rep")" "[1,1,2]"
ctl gxq rectify report --from 2026-09-24 --to 2026-09-24 --format csv -o "$T/rectify.csv" 2>/dev/null
check "exported like the ledger (CSV with the report's columns)" "$(csv_header "$T/rectify.csv")" \
	"工单编号,受理时间,反映问题,问题类别,责任单位,整改（办理）情况,是否整改到位,超期情况,通报,过错责任及处理意见"
arc=$(ctl gxq --json $A 窗口 rectify archive --from 2026-09-24 --to 2026-09-24)
RID=$(jq -r .result.id <<<"$arc")
check "archived with a dated number" "$RID" "AY-整改-2026-001"
check "... and its hash, the same as the report's" "$(jq -r .result.sha256 <<<"$arc")" "$(jq -r .result.sha256 <<<"$rep")"
check_has "the hash is in the audit log" "$(ctl gxq --json audit | jq -r '.result[] | .detail')" "$RID 2026-09-24..2026-09-24 sha256=$(jq -r .result.sha256 <<<"$arc")"
check_has "unchanged since" "$(ctl gxq rectify show "$RID" 2>&1)" "存档后未变更"
ctl gxq $A 质检员 qc "$A_" --pass >/dev/null
ctl gxq $A 回访员 visit "$A_" --satisfaction 满意 >/dev/null
ctl gxq $A 窗口 close "$A_" >/dev/null
show=$(ctl gxq rectify show "$RID" 2>&1)
check_has "a later change shows, naming the complaint" "$show" "存档后已有变更"
check_has "..." "$show" "$A_"
check "the archive itself kept as it was" "$(ctl gxq --json rectify show "$RID" | jq -r .result.sha256)" "$(jq -r .result.sha256 <<<"$arc")"
err=$(sqlite3 "$T/gxq.db" "UPDATE rectify_reports SET doc = '{}'" 2>&1) && rc=0 || rc=$?
check_has "the store refuses to change an archived report" "$rc:$err" "an archived report is not changed"

# --- a profile with a mistake is refused with file:line ------------------------
sed 's/^class\.A = 10$/class.A = -1/' "$PROFILE" >"$T/bad-gxq.ini"
line=$(grep -n '^class\.A = -1$' "$T/bad-gxq.ini" | cut -d: -f1)
gxq_config bad "$T/bad-gxq.ini"
err=$("$YOUSU_BIN/yousu-node" --check -c "$T/bad.ini" 2>&1) && rc=0 || rc=$?
check "a negative class limit stops start-up" "$rc" "1"
check_has "the message names the profile file and line" "$err" "bad-gxq.ini:$line:"
sed 's/^class\.C = 3$/class.D = 3/' "$PROFILE" >"$T/bad2-gxq.ini"
line=$(grep -n '^class\.D = 3$' "$T/bad2-gxq.ini" | cut -d: -f1)
gxq_config bad2 "$T/bad2-gxq.ini"
err=$("$YOUSU_BIN/yousu-node" --check -c "$T/bad2.ini" 2>&1) && rc=0 || rc=$?
check "a limit for an undeclared class stops start-up" "$rc" "1"
check_has "... with file:line and the classes there are" "$err" "bad2-gxq.ini:$line: unknown class 'D' in 'class.D': [classes] (before [limits]) declares A, B, C"
# a class handled by a body the catalogue lacks
grep -v '^\[dept GWH\]' "$DEPTS" | sed '/^name = 高新区管委会/,/^contact/d' >"$T/nogwh.ini"
line=$(grep -n '| GWH$' "$PROFILE" | cut -d: -f1)
gxq_config bad3 "$PROFILE" "$T/nogwh.ini"
err=$("$YOUSU_BIN/yousu-node" --check -c "$T/bad3.ini" 2>&1) && rc=0 || rc=$?
check "a class whose body is not in the catalogue stops start-up" "$rc" "1"
check_has "... with the profile's file:line" "$err" "anyang-gxq.ini:$line: class A is handled by department 'GWH'"

finish
