#!/usr/bin/env bash
# Acceptance: 沈丘县政务服务“有诉即办”工作机制 (沈政数〔2022〕19号,
# seeds/002_2068da6eee1bda87.txt) replayed on a real county hub and two
# linked township nodes with the shenqiu profile, on the test clock: the
# township window's intake and refusal (第五条, 第六条), the centre's
# assignment with a lead and co-handlers and the hand-over of a
# cross-level case to the county (第七条), 办不了 3 working days with the
# reasons and the basis, 不给办, 很难办, several departments and several
# levels 5 (第八条), 催办 / 督办 / 通报 reported to the county government
# and copied to the discipline commission, at the township and at the
# county (第九条), quality check, return visit, redo and 清零销号 (第十条),
# guidance cases proposed by a township, published by the county and
# found at another township (第十一条), the 工作台账 of 附件3 with its
# overdue remarks, and a broken profile refused with file:line.
. "$(dirname "$0")/../integration/lib.sh"

PROFILE=$YOUSU_SRC/configs/profiles/shenqiu.ini
CLOCK=2026-09-21T09:00
hub_config hub SQ HD HE
"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" --test-clock=$CLOCK 2>>"$T/hub.log" &
PIDS+=($!)
for n in hd he; do
	linked_node_config "$n" "${n^^}" hub SQ
	start_node "$n" --test-clock=$CLOCK
done
wait_for "the county hub answers" 20 ctl hub ping
check_has "the hub runs the shenqiu profile" "$(ctl hub ping)" "shenqiu"
A="--actor"
new() { ctl "$@" | head -1 | awk '{print $1}'; }
# day DATE: every clock to DATE 09:00 (the scheduler runs at once)
day() { for n in hub hd he; do ctl "$n" clock set "${1}T09:00" >/dev/null; done; }
# Calendar (/work/shared/data/cn-workdays.md, configs/calendars/cn.ini):
# Mon 09-21 .. Thu 09-24 working, 09-25 .. 09-27 中秋, Mon 09-28 .. Wed 09-30
# working, 10-01 .. 10-07 国庆, Thu 10-08, Fri 10-09, Sat 10-10 (调休上班)
# working. The day of assignment is not counted (期间开始的当日不计入).

# --- 第五条, 第六条: the township window registers; outside the scope, refused --
N1=$(new hd $A 李娜 intake --source window --name 王建国 --phone 13903940001 \
	--address 槐店镇文化路12号 --content "退休手续材料齐全，社保窗口以系统不支持为由不予办理")
check "the township numbers it" "$N1" "HD-20260921001"
R=$(new hd $A 李娜 intake --source window --name 刘某 --phone 13800002222 \
	--content "与邻居宅基地纠纷要求政务中心处理")
check_has "a civil dispute is refused with its channel" \
	"$(ctl hd $A 李娜 reject "$R" --ground civil)" "人民调解或人民法院"

# --- 第八条: the limits, all assigned Mon 09-21 --------------------------------
ctl hd $A 李娜 classify "$N1" --category blocked --nature cannot >/dev/null
# 办不了: 3 working days: 22, 23, Thu 24
check_has "办不了: 3 working days" "$(ctl hd $A 张主任 assign "$N1" --lead RSJ)" "due 2026-09-24 (3 working days)"
N2=$(new hd $A 李娜 intake --source window --name 孙丽 --phone 15900003333 \
	--content "不动产登记因历史遗留问题材料有瑕疵，多次未能办理")
ctl hd $A 李娜 classify "$N2" --category blocked --nature hard >/dev/null
# 很难办: 5 working days: 22, 23, 24, 28, Tue 29
check_has "很难办: 5 working days" "$(ctl hd $A 张主任 assign "$N2" --lead BDC)" "due 2026-09-29 (5 working days)"
N3=$(new hd $A 李娜 intake --source window --name 周敏 --phone 13700001111 \
	--content "营业执照变更材料齐全，窗口人员不给办")
ctl hd $A 李娜 classify "$N3" --category blocked --nature refused >/dev/null
check_has "不给办, one department: 3 working days" "$(ctl hd $A 张主任 assign "$N3" --lead SCJ)" "due 2026-09-24 (3 working days)"
N4=$(new hd $A 李娜 intake --source window --name 沈丘县恒达商贸有限公司 --org \
	--org-contact 孙经理 --phone 0394-5123456 --content "企业开办涉及市场监管和税务两个窗口")
ctl hd $A 李娜 classify "$N4" --category blocked >/dev/null
out=$(ctl hd $A 张主任 assign "$N4" --lead SCJ --co SWJ)
check_has "several departments, a lead and a co-handler: 5 working days" "$out" "due 2026-09-29 (5 working days)"
err=$(ctl hd $A 张主任 assign "$N1" --lead XYZ 2>&1) && rc=0 || rc=$?
check_has "an unknown department is refused by name" "$rc:$err" "1:"

# 第七条 “涉及跨层级的，函转至相关县政务服务中心”: the township hands it up
N6=$(new hd $A 李娜 intake --source window --name 吴强 --phone 13600004444 \
	--content "县住建局的房屋维修资金申请长期无人答复")
ctl hd $A 张主任 escalate "$N6" --reason "县级部门事项，乡镇无法协调" >/dev/null
owned() { [ "$(ctl hub --json show "$N6" | jq -r .result.owner)" = SQ ]; }
wait_for "the county owns the handed-up complaint" 20 owned
ctl hub $A 县中心王科长 classify "$N6" --category delayed >/dev/null
# one county department, but two levels took part: 5 (多个层级), not 3
check_has "several levels (township → county), one department: 5 working days" \
	"$(ctl hub $A 县中心王科长 assign "$N6" --lead ZJJ)" "due 2026-09-29 (5 working days)"
err=$(ctl hd $A 张主任 classify "$N6" --category delayed 2>&1) && rc=0 || rc=$?
check_has "the township no longer moves it" "$err" "owned by SQ"

# --- 第八条: a “cannot” reply gives the reasons and the basis -----------------
day 2026-09-22
err=$(ctl hd $A 人社局 reply "$N1" --kind cannot --result 办不了 --reason "系统不支持" 2>&1) && rc=0 || rc=$?
check_has "a 'cannot' reply without its basis is refused" "$rc:$err" "1:"
check_has "... naming what is missing" "$err" "basis"

# --- 第八条: a plan (解决方案) is not a result: committed date, tracked --------------
# 不给办 N3 (due 09-24): SCJ cannot do it at once and commits to Tue 09-29
err=$(ctl hd $A 市场监管局 reply "$N3" --kind plan --result "补齐核名后变更" 2>&1) && rc=0 || rc=$?
check_has "a plan without its committed date and steps is refused" "$rc:$err" "1:"
check_has "... naming both" "$err" "(committed) and the steps it promises (steps)"
err=$(ctl hd $A 市场监管局 reply "$N3" --kind plan --result "补齐核名后变更" --steps "核名；变更登记" --committed 2026-09-26 2>&1) && rc=0 || rc=$?
check_has "a committed date on the 中秋 holiday is refused" "$rc:$err" "1:"
check_has "... as no working day" "$err" "2026-09-26 is not a working day"
err=$(ctl hd $A 市场监管局 reply "$N3" --kind plan --result "补齐核名后变更" --steps "核名；变更登记" --committed 2026-12-31 2>&1) && rc=0 || rc=$?
check_has "a commitment past the profile's max_days (20) is refused" "$rc:$err" "1:"
check_has "... naming the key" "$err" "[plans] max_days"
err=$(ctl hd $A 人社局 reply "$N1" --kind plan --result "研究办法" --steps "请示" --committed 2026-09-29 2>&1) && rc=0 || rc=$?
check_has "办不了 (one department) is answered with reasons, not a plan" "$rc:$err" "1:"
check_has "... naming the profile's rule" "$err" "[plans]"
err=$(ctl hd $A 市场监管局 reply "$N3" --kind done --result "已办" --committed 2026-09-29 2>&1) && rc=0 || rc=$?
check_has "a committed date on a final reply is refused" "$rc:$err" "1:"
err=$(ctl hd $A 市场监管局 reply "$N3" --kind plan --result "   " --steps "核名" --committed 2026-09-29 2>&1) && rc=0 || rc=$?
check_has "a blank plan is refused" "$err" "is blank"
ctl hd $A 市场监管局 reply "$N3" --kind plan --result "先行核名，材料补齐后当日变更" \
	--steps "1.窗口协助核名；2.补齐股东会决议；3.当日办理变更登记" --committed 2026-09-29 >/dev/null
p3=$(ctl hd --json show "$N3")
check "a plan leaves it open (办理中) under the committed date" \
	"$(jq -r '.result | "\(.status) \(.due) \(.plan.committed)"' <<<"$p3")" "assigned 2026-09-29 2026-09-29"
check_has "the log says what was promised by when" "$(ctl hd show "$N3")" "承诺2026-09-29前出具办理结果"
err=$(ctl hd $A 市场监管局 reply "$N3" --kind plan --result "再议" --steps "再议" --committed 2026-09-30 2>&1) && rc=0 || rc=$?
check_has "a second plan is refused: the date moves only by an extension" "$rc:$err" "1:"
check_has "... saying so" "$err" "only by an extension"

# --- 第九条: 催办, 督办, 通报 ----------------------------------------------------
# N1 due Thu 24: 催办 Wed 23 (1 working day left)
check "N1: no reminder two working days before due (22)" "$(events hd "$N1" remind)" "0"
day 2026-09-23
check "N3: no 催办 on the old due date's eve: it is counted to the commitment" "$(events hd "$N3" remind)" "0"
check "N1: 催办 one working day before due (23)" "$(events hd "$N1" remind)" "1"
day 2026-09-24
check "N1: no 督办 on its due day" "$(events hd "$N1" supervise)" "0"
day 2026-09-26
check "N1: no 督办 on the 中秋 holiday" "$(events hd "$N1" supervise)" "0"
day 2026-09-28
check "N3: 催办 one working day before the committed date (28)" "$(events hd "$N3" remind)" "1"
check "N3: no 督办 though the first due date (24) has passed" "$(events hd "$N3" supervise)" "0"
check "N1: 督办 the first working day after due (28)" "$(events hd "$N1" supervise)" "1"
check "N6 at the county: 催办 one working day before due (28)" "$(events hub "$N6" remind)" "1"
day 2026-09-29
check "N1: no 通报 one working day after 督办" "$(events hd "$N1" notice)" "0"
# the 很难办 one answered in time, with a plan: the result by Fri 10-09
ctl hd $A 不动产中心 reply "$N2" --kind plan --result "提出补正方案：以档案馆存档替代缺失材料" \
	--steps "调取档案馆存档；出具情况说明；办理登记" --committed 2026-10-09 >/dev/null
# several departments (N4: SCJ + SWJ), nature general: a plan, then extended
ctl hd $A 市场监管局 reply "$N4" --kind plan --result "两窗口联合办理" \
	--steps "市场监管局出照；税务局同步登记" --committed 2026-09-30 >/dev/null
day 2026-09-30
check "N3: 督办 the first working day after the committed date (30)" "$(events hd "$N3" supervise)" "1"
check_has "an extension moves the commitment (the profile's procedure)" \
	"$(ctl hd $A 张主任 extend "$N4" --days 2 --approver 张主任 --reason 税务系统升级)" "2026-10-09"
show=$(ctl hd --json show "$N1")
check_has "N1: 通报 two working days after 督办 (30)" "$show" '"type":"notice"'
check_has "... reported to the county government (向同级政府报告)" "$show" '"report_to":"县人民政府"'
check_has "... copied to the discipline commission (抄送同级纪委监委)" "$show" '"cc":"县纪委监委"'
check "N6 at the county: 督办 the day after due (30)" "$(events hub "$N6" supervise)" "1"
# late, with reasons and basis
ctl hd $A 人社局 reply "$N1" --kind cannot --result "暂不能办理，已告知" \
	--reason "退休审批需省人社厅系统开通权限" --basis "《河南省企业职工退休审批办法》第六条" >/dev/null
day 2026-10-08
check "N6 at the county: no 通报 one working day after 督办 (10-08)" "$(events hub "$N6" notice)" "0"
day 2026-10-09
ctl hd $A 不动产中心 reply "$N2" --kind done --result "已调取档案馆存档，办理登记" >/dev/null
ctl hd $A 市场监管局 reply "$N4" --kind done --result "营业执照和税务登记已办结" >/dev/null
# committed 09-29, result 10-09: 09-30, 10-08, 10-09 = 3 working days late
ctl hd $A 市场监管局 reply "$N3" --kind done --result "已办理变更登记" >/dev/null
check "N2: the plan kept by its date" "$(ctl hd --json show "$N2" | jq -c '.result.plan.kept')" "true"
check "N3: the plan's result late by 3 working days" \
	"$(ctl hd --json show "$N3" | jq -c '.result.plan | [.kept, .days_late]')" "[false,3]"
show=$(ctl hub --json show "$N6")
check_has "N6: the county notifies too, two working days after its 督办" "$show" '"type":"notice"'
check_has "... reported to the county government" "$show" '"report_to":"县人民政府"'
seen() { ctl hd --json show "$N6" | grep -q '"type":"notice"'; }
wait_for "the township sees the county's 通报 on the complaint it handed up" 20 seen

# --- 第十条: quality check, return visit, redo, 清零销号 ------------------------
ctl hd $A 质检员 qc "$N2" --pass >/dev/null
ctl hd $A 回访员 visit "$N2" --satisfaction 不满意 --note "方案要求再跑一趟档案馆" >/dev/null
err=$(ctl hd $A 张主任 close "$N2" 2>&1) && rc=0 || rc=$?
check_has "not satisfied: 清零销号 refused" "$rc:$err" "1:"
# redo Fri 10-09: 5 working days again: Sat 10 (调休), 12, 13, 14, Thu 15
check_has "returned for redo with a new deadline" \
	"$(ctl hd $A 张主任 redo "$N2" --reason "诉求人不满意，退回重办")" "due 2026-10-15 (5 working days)"
ctl hd $A 不动产中心 reply "$N2" --kind done --result "窗口调取档案馆存档，当日办结" >/dev/null
ctl hd $A 质检员 qc "$N2" --pass >/dev/null
ctl hd $A 回访员 visit "$N2" --satisfaction 满意 >/dev/null
check_has "satisfied: 清零销号" "$(ctl hd $A 张主任 close "$N2")" "closed"

# --- 第十一条: 指导案例, proposed by the township, published by the county -------
CASE=$(ctl hd $A 张主任 case propose "$N2" --title 历史遗留不动产登记以存档替代缺失材料 \
	--method "窗口调取档案馆存档替代缺失材料" \
	--conclusion "能调取存档的不得要求群众补交" | awk '{print $1}')
at_hub() { ctl hub --json case show "$CASE" >/dev/null 2>&1; }
wait_for "the proposal reaches the county (报县政务服务和大数据局审核)" 20 at_hub
err=$(ctl hd $A 张主任 case review "$CASE" --publish 2>&1) && rc=0 || rc=$?
check_has "a township cannot publish" "$rc:$err" "1:"
ctl hub $A 县政务服务和大数据局 case review "$CASE" --publish >/dev/null
published() { ctl he --json case show "$CASE" 2>/dev/null | jq -e '.result.status == "published"' >/dev/null; }
wait_for "the other township receives the published case" 20 published
similar=$(ctl he --json $A 陈 intake --source window --name 李四 --phone 13903940009 \
	--content "不动产登记历史遗留，材料缺失被要求补交" | jq -r '.result.similar_cases[0].id')
check "an intake at the other township is shown the case (指导、借鉴和参考)" "$similar" "$CASE"

# --- 附件3: the county's 工作台账, every township, overdue remarks ----------------
synced() { no_backlog hd; }
wait_for "the township's events reached the county" 20 synced
ctl hub ledger --township HD --format csv -o "$T/ledger.csv" 2>/dev/null
want="序号,姓名或单位名称,单位联系人,联系方式,主要诉求,诉求类别,政务服务责任部门及牵头部门,分办转办时间,要求办理期限,是否催办及时间,是否督办及时间,是否退回重办及时间,实际办结时间,办理情况,回访时间,办理结果满意度,备注"
check "the ledger's columns are 附件3's" "$(csv_header "$T/ledger.csv")" "$want"
check "the ledger's title is 附件3's" "$(ctl hub --json ledger | jq -r .result.title)" \
	"政务服务中心、便民服务中心“有诉即办”问题工作台账"
row=$(grep "^[0-9]*,王建国," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r n name orgc phone content cat depts assigned due remind super redo done result visit sat remarks <<<"$row"
check "N1: 要求办理期限" "$due" "2026-09-24（3个工作日）"
check "N1: 是否催办及时间" "$remind" "是 2026-09-23 09:00"
check "N1: 是否督办及时间" "$super" "是 2026-09-28 09:00"
check_has "N1: 办理情况 gives the reason and the basis" "$result" "依据：《河南省企业职工退休审批办法》第六条"
# due 09-24, answered 09-30: 28, 29, 30 = 3 working days late
check "N1: 备注 says overdue, by how long, and notified" "$remarks" "超期3个工作日；已通报"
row=$(grep "^[0-9]*,周敏," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r n name orgc phone content cat depts assigned due remind super redo done result visit sat remarks <<<"$row"
check "N3: 办理情况 gives the plan, its steps and date, then the result" "$result" \
	"解决方案：先行核名，材料补齐后当日变更（步骤：1.窗口协助核名；2.补齐股东会决议；3.当日办理变更登记；承诺2026-09-29前出具办理结果）；已办理：已办理变更登记"
check "N3: 备注 says the commitment was late, by how long" "$remarks" "解决方案承诺2026-09-29办结，逾期3个工作日兑现；超期3个工作日；已通报"
row=$(grep "^[0-9]*,沈丘县恒达商贸有限公司," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r n name orgc phone content cat depts assigned due remind super redo done result visit sat remarks <<<"$row"
check "N4: 备注: the extended commitment kept" "$remarks" "解决方案承诺2026-10-09办结，按期兑现；未超期"
S=$(ctl hub --json stats --township HD)
check "the county's figures: plans, kept, late (N2, N4 kept; N3 late)" \
	"$(jq -c '.result | [.plans, .plans_kept, .plans_late]' <<<"$S")" "[3,2,1]"
row=$(grep "^[0-9]*,沈丘县恒达商贸有限公司," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r n name orgc phone content cat depts rest <<<"$row"
check "N4: 单位联系人 for an organisation" "$orgc" "孙经理"
check "N4: the lead and the co-handler (注2 明确牵头部门)" "$depts" "牵头：县市场监督管理局（商事登记窗口）；协办：县税务局（办税窗口）"
wo=$(ctl hd show "$N4" --workorder)
check "the 工作单's heading is 附件2's" "$(head -1 <<<"$wo")" "政务服务中心、便民服务中心“有诉即办”问题工作单"
check "the 工作单's fields are 附件2's, in order" "$(form_fields "$wo")" \
	"姓名或单位名称,单位联系人,联系电话,诉求反映时间,诉求反映类别,联系地址,诉求主要内容,政务服务责任部门及牵头部门,完成时限,工作单联系人,联系电话,备注,"
check_has "... with the lead named (注2)" "$wo" "政务服务责任部门及牵头部门：牵头：县市场监督管理局（商事登记窗口）；协办：县税务局（办税窗口）"
check_has "the county's store equals the replay of its event log" "$(ctl hub check)" "yes"

# --- a profile with a mistake is refused with file:line --------------------------
# check_profile FILE: yousu-node --check with FILE as the profile
check_profile() {
	node_config badnode XX "$1"
	"$YOUSU_BIN/yousu-node" --check -c "$T/badnode.ini" 2>&1
}
sed 's/^nature\.hard = 5$/nature.hard = -5/' "$PROFILE" >"$T/bad-shenqiu.ini"
line=$(grep -n '^nature\.hard = -5$' "$T/bad-shenqiu.ini" | cut -d: -f1)
err=$(check_profile "$T/bad-shenqiu.ini") && rc=0 || rc=$?
check "a negative limit stops start-up" "$rc" "1"
check_has "... with the profile's file:line" "$err" "bad-shenqiu.ini:$line: nature.hard: '-5' is not a number of working days in 0..60"
grep -v '^notice_cc = ' "$PROFILE" >"$T/nocc-shenqiu.ini"
err=$(check_profile "$T/nocc-shenqiu.ini") && rc=0 || rc=$?
check "a missing escalation step (抄送纪委监委) stops start-up" "$rc" "1"
check_has "... naming the key" "$err" "nocc-shenqiu.ini:$(grep -n '^\[escalation\]' "$T/nocc-shenqiu.ini" | cut -d: -f1): missing required key 'notice_cc' in [escalation]"
finish
