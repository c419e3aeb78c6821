#!/usr/bin/env bash
# One complaint through every state of the workflow with the real
# yousu-node and yousuctl, deadlines driven by the test clock; then the
# CSV ledger row.
. "$(dirname "$0")/lib.sh"

node_config hd HD
start_node hd --test-clock=2026-09-24T09:00
A="--actor"

out=$(ctl hd $A 李娜 intake --source window --name 王建国 --phone 13903940001 \
	--address 槐店镇文化路12号 --content "社保卡补办材料齐全但窗口三次未受理" --duty-leader 张主任)
ID=$(echo "$out" | awk '{print $1}')
check "intake numbers the complaint" "$ID" "HD-20260924001"
check_has "intake gives the yearly serial" "$out" "2026年第1号"

err=$(ctl hd $A 张主任 close "$ID" 2>&1) && rc=0 || rc=$?
check "closing a new complaint is refused" "$rc" "1"
check_has "the refusal says why" "$err" "needs a return visit first"

ctl hd $A 李娜 classify "$ID" --category blocked --nature cannot >/dev/null
out=$(ctl hd $A 张主任 assign "$ID" --lead RSJ --co GAJ)
check_has "multi-department: 5 working days over the holidays" "$out" "due 2026-10-09 (5 working days)"

# 25-27 Sep and 1-7 Oct are holidays: the reminder comes on 8 Oct
ctl hd clock set 2026-10-07T18:00 >/dev/null
check "no reminder on the holiday" "$(events hd "$ID" remind)" "0"
out=$(ctl hd clock advance 1d)
check_has "reminder one working day before due" "$out" "1 escalation event"
ctl hd clock advance 1d >/dev/null
check "not reminded twice" "$(events hd "$ID" remind)" "1"
out=$(ctl hd clock set 2026-10-10T09:00)
check_has "supervision the day after due" "$out" "1 escalation event"
# 10 Oct is a Saturday make-up working day; 12 Oct is one working day later
ctl hd clock set 2026-10-12T09:00 >/dev/null
check "no notice one working day after supervision" "$(events hd "$ID" notice)" "0"
ctl hd clock set 2026-10-13T09:00 >/dev/null
show=$(ctl hd --json show "$ID")
check_has "notice two working days after supervision" "$show" '"type":"notice"'
check_has "notice copies the discipline commission" "$show" '"cc":"县纪委监委"'
check_has "notice reports to the government" "$show" '"report_to":"县人民政府"'

err=$(ctl hd $A 带班领导 extend "$ID" --days 3 --approver 刘局长 --reason 需调取档案 2>&1) && rc=0 || rc=$?
check_has "no extension once the deadline has passed" "$err" "has passed"

# a second complaint: extensions before the due date, within the cap
X=$(ctl hd $A 李娜 intake --source online --name 赵六 --phone 13800001234 --content "公积金提取被要求重复提交材料" | awk '{print $1}')
ctl hd $A 李娜 classify "$X" --category blocked >/dev/null
out=$(ctl hd $A 张主任 assign "$X" --lead GJJ)
check_has "one department, nature general: 3 working days" "$out" "due 2026-10-16 (3 working days)"
out=$(ctl hd $A 带班领导 extend "$X" --days 3 --approver 刘局长 --reason 需调取档案)
check_has "extension moves the due date by working days" "$out" "due 2026-10-21"
err=$(ctl hd $A 带班领导 extend "$X" --days 3 --approver 刘局长 --reason 再延 2>&1) && rc=0 || rc=$?
check "an extension beyond the cap is refused" "$rc" "1"
check_has "the cap is named" "$err" "allows 5 at most"
out=$(ctl hd $A 带班领导 extend "$X" --days 2 --approver 刘局长 --reason 再延)
check_has "extensions up to the cap are granted" "$out" "due 2026-10-23"

err=$(ctl hd $A 人社局 reply "$ID" --kind cannot --result 不能办理 2>&1) && rc=0 || rc=$?
check_has "a 'cannot' reply needs reason and basis" "$err" "needs the reason"
ctl hd $A 人社局 reply "$ID" --kind done --result "已补办社保卡" >/dev/null
out=$(ctl hd $A 质检员 qc "$ID" --fail --note "未向群众致歉")
check_has "failed quality check returns it to the department" "$out" "assigned"
ctl hd $A 人社局 reply "$ID" --kind done --result "已补办社保卡并当面致歉" >/dev/null
ctl hd $A 质检员 qc "$ID" --pass >/dev/null
ctl hd $A 回访员 visit "$ID" --satisfaction 不满意 --note "等待太久" >/dev/null
err=$(ctl hd $A 张主任 close "$ID" 2>&1) && rc=0 || rc=$?
check_has "not satisfied: close refused" "$err" "not satisfied"
ctl hd $A 张主任 redo "$ID" --reason "群众不满意，重新核实" >/dev/null
ctl hd $A 人社局 reply "$ID" --kind done --result "主动上门送卡" >/dev/null
ctl hd $A 质检员 qc "$ID" --pass >/dev/null
ctl hd $A 回访员 visit "$ID" --satisfaction 满意 >/dev/null
out=$(ctl hd $A 张主任 close "$ID")
check_has "closed after a satisfied visit" "$out" "closed"

ctl hd ledger --with-id --format csv -o "$T/ledger.csv" 2>/dev/null
check "CSV starts with a UTF-8 BOM" "$(head -c 3 "$T/ledger.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
row=$(grep "^1,$ID," "$T/ledger.csv" | tr -d "\r")
IFS=, read -r n id name orgc phone content cat depts assigned due remind super redo done result visit sat remarks <<<"$row"
check "ledger: name" "$name" "王建国"
check "ledger: phone" "$phone" "13903940001"
check "ledger: departments" "$depts" "牵头：县人力资源和社会保障局（社保窗口）；协办：县公安局（户籍窗口）"
check "ledger: assigned at" "$assigned" "2026-09-24 09:00"
check "ledger: reminded" "$remind" "是 2026-10-08 18:00"
check "ledger: supervised" "$super" "是 2026-10-10 09:00"
check "ledger: redo twice" "$redo" "是 2026-10-13 09:00（共2次）"
check "ledger: satisfaction" "$sat" "满意"
check "ledger: remarks say overdue and notified" "$remarks" "超期3个工作日；已通报"
check_has "ledger: handling result" "$result" "主动上门送卡"
ctl hd ledger --format xlsx -o "$T/ledger.xlsx" 2>/dev/null
check "XLSX is a zip workbook" "$(head -c 2 "$T/ledger.xlsx")" "PK"
check_has "the store equals the replay of its event log" "$(ctl hd check)" "yes"

# rejection with the right channel, and on-the-spot resolution
R=$(ctl hd $A 李娜 intake --source hotline --anonymous --content "邻里纠纷" | awk '{print $1}')
out=$(ctl hd $A 李娜 reject "$R" --ground civil)
check_has "rejection names the channel" "$out" "人民调解或人民法院"
S=$(ctl hd $A 李娜 intake --source window --name 李四 --phone 0394-5211234 --content "不知道去哪个窗口" | awk '{print $1}')
ctl hd $A 李娜 classify "$S" --category attitude >/dev/null
ctl hd $A 李娜 resolve "$S" --result "引导至综合窗口当场办结" >/dev/null
ctl hd $A 回访员 visit "$S" --satisfaction basic >/dev/null
check_has "on-the-spot resolution closes after a visit" "$(ctl hd $A 李娜 close "$S")" "closed"

# a daemon down from 09-21 to 10-09 (a clock jump) takes every step that
# fell due, in order: 催办 (09-23), 督办 (09-28), 通报 (09-30)
node_config jump JP
start_node jump --test-clock=2026-09-21T09:00
J=$(ctl jump $A 李娜 intake --source window --name 孙某 --phone 13903940007 --content 跳过的日子 | awk '{print $1}')
ctl jump $A 李娜 classify "$J" --category blocked >/dev/null
ctl jump $A 张主任 assign "$J" --lead RSJ >/dev/null
check_has "after the jump all three steps" "$(ctl jump clock set 2026-10-09T09:00)" "3 escalation event"
check "in order, each on the day it fell due" \
	"$(jshow jump "$J" '[.result.log[] | select(.data.due_on) | .type + " " + .data.due_on] | join(", ")')" \
	"remind 2026-09-23, supervise 2026-09-28, notice 2026-09-30"
ctl jump ledger --format csv -o "$T/jump.csv" 2>/dev/null
IFS=, read -r n name orgc phone content cat depts assigned due remind super redo done result visit sat remarks <<<"$(grep '^1,' "$T/jump.csv" | tr -d '\r')"
check "the ledger says 催办 是" "$remind" "是 2026-10-09 09:00"
check "... and 督办 是" "$super" "是 2026-10-09 09:00"
check_has "... and 已通报" "$remarks" "已通报"

# hostile text typed at a window reaches the CSV ledger neutralised
# (OWASP CSV injection): a spreadsheet shows it, never runs it
H=$(ctl hd $A 李娜 intake --source window --name '=HYPERLINK("http://evil.example/","点我")' \
	--phone '+86 139 0394 0009' --address '-2+3' --content '@SUM(A1:A9) 窗口不受理' | awk '{print $1}')
ctl hd ledger --with-id --format csv -o "$T/hostile.csv" 2>/dev/null
row=$(grep "^[0-9]*,$H," "$T/hostile.csv" | tr -d '\r')
check_has "a formula name is quoted behind a single quote" "$row" ',"'"'"'=HYPERLINK(""http://evil.example/"",""点我"")",'
check_has "a leading + is neutralised" "$row" ',"'"'"'+86 139 0394 0009",'
check_has "a leading @ is neutralised" "$row" ',"'"'"'@SUM(A1:A9) 窗口不受理",'
case $row in *',=HYPERLINK'*|*',"=HYPERLINK'*|*',+86'*|*',@SUM'*) not_ok "a formula cell is left raw: $row" ;; *) ok "no cell starts with a formula character" ;; esac
check "the stored name is what was typed" "$(jshow hd "$H" .result.name)" '=HYPERLINK("http://evil.example/","点我")'

# bad config: file:line message, no start
printf '[centre]\ncode = hd\n' >"$T/bad.ini"
err=$("$YOUSU_BIN/yousu-node" -c "$T/bad.ini" 2>&1) && rc=0 || rc=$?
check "bad config stops start-up" "$rc" "1"
check_has "bad config names file and line" "$err" "bad.ini:2: code 'hd'"

finish
