#!/usr/bin/env bash
# yousuctl reads like a tool for people (issue 12, point 10): each event
# of `show` in one line of Chinese, statistics and reports with Chinese
# labels, a cut table cell ending in …, did-you-mean for commands,
# options and codes, every missing field at once, and Chinese names taken
# wherever codes are.
. "$(dirname "$0")/lib.sh"

node_config hd HD
start_node hd --test-clock=2026-09-24T09:00
A="--actor"

# --- did you mean -------------------------------------------------------------
err=$(ctl hd intak 2>&1) && rc=0 || rc=$?
check "a mistyped command is a usage error" "$rc" "2"
check_has "... with what was meant" "$err" "unknown command 'intak': did you mean 'intake'?"
err=$(ctl hd case serch 社保 2>&1) && rc=0 || rc=$?
check_has "a two-word command too" "$err" "unknown command 'case serch': did you mean 'case search'?"
err=$(ctl hd intake --sourse window 2>&1) && rc=0 || rc=$?
check_has "a mistyped option" "$rc:$err" "2:yousuctl intake: unknown option '--sourse': did you mean '--source'?"
err=$(ctl hd intake --source 2>&1) && rc=0 || rc=$?
check_has "an option without its value" "$err" "option '--source' needs a value"

# --- a command of another centre, a field the command has not ------------------
err=$(ctl hd city --period 2026-09 2>&1) && rc=0 || rc=$?
check_has "the city's tables are refused at a township, naming where they run" \
	"$rc:$err" "1:yousuctl: city: runs at the city bridge (yousu-bridge); this is township node HD"
err=$(ctl hd --json list --limit -1 2>&1) && rc=0 || rc=$?
check_has "a negative limit is refused by the schema" "$err" \
	"list: field 'limit' (条数): -1 is not a count in 0..1000000000"

# --- every missing field at once ----------------------------------------------
err=$(ctl hd $A 李娜 intake --source window --content 窗口推诿 2>&1) && rc=0 || rc=$?
check_has "name and phone missing, both said" "$err" \
	"missing fields 'name' and 'phone' (needed unless the caller is anonymous)"

ID=$(ctl hd $A 李娜 intake --source 窗口 --name 王建国 --phone 13903940001 \
	--content "营业执照变更材料齐全，窗口三次以系统故障为由不予办理，要求说明原因、给出书面答复并尽快办结此事" | awk '{print $1}')
ctl hd $A 李娜 classify "$ID" --category blocked >/dev/null

# --- codes by their Chinese names, and mistyped codes -------------------------
err=$(ctl hd $A 张主任 assign "$ID" --lead SJC 2>&1) && rc=0 || rc=$?
check_has "a mistyped department: what was meant" "$err" \
	"unknown department 'SJC' (not in the department catalogue): did you mean 'SCJ' (县市场监督管理局（商事登记窗口）)?"
err=$(ctl hd $A 张主任 assign "$ID" --lead scj 2>&1) && rc=0 || rc=$?
check_has "a code in small letters too" "$err" "did you mean 'SCJ'"
out=$(ctl hd $A 张主任 assign "$ID" --lead 市监局 --co 县人力资源和社会保障局（社保窗口）)
check_has "a department by its alias and its name" "$out" "办理中 (assigned)"
check "... stored by code" "$(field hd "$ID" lead) $(jshow hd "$ID" '.result.co | join(",")')" "SCJ RSJ"
check "list --status by its Chinese name (办理中)" \
	"$(jctl hd '[.result[].id] | join(",")' list --status 办理中)" "$ID"
check "list --source 窗口" "$(jctl hd '.result | length' list --source 窗口)" "1"
check "list --dept by alias" "$(jctl hd '.result | length' list --dept 市监局)" "1"
err=$(ctl hd list --status 办里中 2>&1) && rc=0 || rc=$?
check_has "an unknown status is refused naming the statuses" "$err" "unknown status '办里中'"
err=$(ctl hd list --category blockd 2>&1) && rc=0 || rc=$?
check_has "a mistyped category in a filter" "$err" "did you mean 'blocked'?"

# --- show: one line of Chinese an event ---------------------------------------
# 5 working days from 09-24: 09-28, 29, 30, 10-08, 10-09
ctl hd clock set 2026-10-08T09:00 >/dev/null
show=$(ctl hd show "$ID")
check_has "intake in Chinese" "$show" "受理登记：窗口，王建国 13903940001；诉求：营业执照变更材料齐全"
check_has "long text cut with …" "$show" "…"
check_has "assign: departments by name, due date, stub" "$show" \
	"分办转办：牵头县市场监督管理局（商事登记窗口）；协办：县人力资源和社会保障局（社保窗口）；期限2026-10-09（5个工作日）；存根NO.000001"
check_has "the scheduler signs as the system" "$show" "系统（定时）  催办：期限2026-10-09，还有1个工作日"
check_has "show names the lead department" "$show" "牵头部门：县市场监督管理局（商事登记窗口）（SCJ）"
check_has "... and the category" "$show" "类别：要件完整、符合法定受理条件的事项不能顺利办理（blocked）"
case $show in *'{"'*) not_ok "show prints raw JSON: $show" ;; *) ok "no raw JSON in show" ;; esac

# --- stats and report in Chinese ----------------------------------------------
stats=$(ctl hd stats)
check_has "stats: 诉求件数" "$stats" "诉求件数"
check_has "stats: groups by their Chinese names" "$stats" "办理中 (assigned)"
check_has "stats: a category by its words" "$stats" "要件完整、符合法定受理条件的事项不能顺利办理 (blocked)"
check_has "stats: a rate with nothing to divide by" "$stats" "满意率%"
case $stats in *by_status*|*answered_on_time*) not_ok "stats prints keys: $stats" ;; *) ok "no JSON keys in stats" ;; esac
check_has "report: a Chinese head" "$(ctl hd report)" "统计报表：HD"

# --- a table cell cut ends in … -----------------------------------------------
ledger=$(ctl hd ledger)
check_has "the ledger table cuts a long cell with …" "$ledger" "…"
check "check says it in Chinese" "$(ctl hd check)" "一致：每件诉求的状态都等于其事件记录的重放结果（consistent: yes）"
finish
