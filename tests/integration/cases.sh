#!/usr/bin/env bash
# Guidance cases (指导案例, 002 article 11) with the real yousu-hub and
# yousuctl: a complaint taken through to closed at the county, proposed
# as a case, published, found by `case search` with Chinese substrings of
# three and two characters, and listed under a new intake's answer as a
# similar case. A township node may propose but not publish.
. "$(dirname "$0")/lib.sh"

hub_config hub SQ HD
"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" --test-clock=2026-09-24T09:00 2>>"$T/hub.log" &
PIDS+=($!)
hub_up() { ctl hub --timeout 500 ping; }
wait_for "the hub answers" 10 hub_up
A="--actor"

ID=$(ctl hub $A 县窗口 intake --source window --name 王建国 --phone 13903940001 \
	--address 槐店镇文化路12号 \
	--content "王建国的社保卡补办材料齐全但窗口三次未受理，电话13903940001" | awk '{print $1}')
err=$(ctl hub $A 县中心 case propose "$ID" --method 当场补办 --conclusion 已办结 2>&1) && rc=0 || rc=$?
check "an open complaint cannot be proposed" "$rc" "1"
check_has "the refusal says why" "$err" "only a closed complaint"

ctl hub $A 县中心 classify "$ID" --category blocked >/dev/null
ctl hub $A 县中心 assign "$ID" --lead RSJ >/dev/null
ctl hub $A 人社局 reply "$ID" --kind done --result "已当场补办社保卡" >/dev/null
ctl hub $A 质检员 qc "$ID" --pass >/dev/null
ctl hub $A 回访员 visit "$ID" --satisfaction 满意 >/dev/null
ctl hub $A 县中心 close "$ID" >/dev/null

err=$(ctl hub $A 县中心 case propose "$ID" --conclusion 已办结 2>&1) && rc=0 || rc=$?
check_has "the method is required" "$err" "'method'"
out=$(ctl hub $A 县中心 case propose "$ID" --title 社保卡补办三次未受理 \
	--method "人社局窗口核验材料后当场补办，一次告知所需材料" \
	--conclusion "材料齐全的应当场受理，不得要求群众多次往返")
CASE=$(echo "$out" | awk '{print $1}')
check "the case is numbered by the county" "$CASE" "SQ-案例-2026-001"
check_has "it awaits review" "$out" "待审核"
show=$(ctl hub --json case show "$CASE")
check "the summary keeps the matter" "$(echo "$show" | jq -r .result.summary)" \
	"某某的社保卡补办材料齐全但窗口三次未受理，电话***"
check "no name or phone in the stored case" \
	"$(sqlite3 "$T/hub.db" "select count(*) from cases where summary || title || method || conclusion like '%王建国%' or summary like '%13903940001%'")" "0"
check "not searchable before it is published" \
	"$(ctl hub --json case search 社保卡 | jq '.result | length')" "0"
err=$(ctl hub $A 县中心 case propose "$ID" --method x --conclusion y 2>&1) && rc=0 || rc=$?
check_has "one case per complaint at a time" "$err" "already case $CASE"

out=$(ctl hub $A 县政务服务中心 case review "$CASE" --publish --note 同意发布)
check_has "the county publishes it" "$out" "已发布"
check "the reviewer signs" "$(ctl hub --json case show "$CASE" | jq -r .result.reviewer)" "县政务服务中心"
out=$(ctl hub case search 三次未受理)
check_has "search by a 5-character substring" "$out" "$CASE"
out=$(ctl hub case search 社保)
check_has "search by a 2-character term" "$out" "$CASE"
check "a 2-character term that is not there" \
	"$(ctl hub --json case search 户籍 | jq '.result | length')" "0"
check "the list by status" \
	"$(ctl hub --json case list --status 已发布 | jq -r '.result[0].id')" "$CASE"
check_has "the human list" "$(ctl hub case list)" "已发布"
check_has "case show prints the method" "$(ctl hub case show "$CASE")" "处理方法：人社局窗口核验材料"
err=$(ctl hub case show SQ-案例-2026-999 2>&1) && rc=0 || rc=$?
check_has "an unknown case is named" "$err" "no case 'SQ-案例-2026-999'"
check "exit status 1 for it" "$rc" "1"
err=$(ctl hub case search 社保 --limit 0 2>&1) && rc=0 || rc=$?
check_has "a bad limit is refused" "$err" "0 is not a count in 1..100"
check_has "case --help" "$(ctl hub case review --help)" "--publish"

# a new complaint about the same matter: its intake lists the case
out=$(ctl hub $A 县窗口 intake --source window --name 李四 --phone 13903940002 \
	--content "社保卡丢了，窗口让我下个月再来")
check_has "intake prints the similar case" "$out" "$CASE"
check_has "with its conclusion" "$out" "不得要求群众多次往返"
json=$(ctl hub $A 县窗口 --json intake --source window --name 赵六 --phone 13903940003 \
	--content "我想补办社保卡")
check "similar_cases in the JSON answer" "$(echo "$json" | jq -r '.result.similar_cases[0].id')" "$CASE"
check "at most three, here one" "$(echo "$json" | jq '.result.similar_cases | length')" "1"
json=$(ctl hub $A 县窗口 --json intake --source window --name 钱七 --phone 13903940004 \
	--content "营业执照变更登记被拖延")
check "an unrelated complaint lists none" "$(echo "$json" | jq '.result.similar_cases | length')" "0"
# a batch of intakes does not search
printf '{"cmd":"intake","args":{"source":"window","name":"孙八","phone":"13903940005","content":"社保卡补办"}}\n' >"$T/batch.jsonl"
check_has "batch intake still works" "$(ctl hub $A 县窗口 batch "$T/batch.jsonl")" "registered"

# a returned case is not found
R=$(ctl hub $A 县窗口 intake --source window --name 周九 --phone 13903940006 \
	--content "户籍迁移需开具无犯罪证明被多次退回" | awk 'NR == 1 {print $1}')
ctl hub $A 县中心 classify "$R" --category blocked >/dev/null
ctl hub $A 县中心 resolve "$R" --result 派出所当场开具 >/dev/null
ctl hub $A 回访员 visit "$R" --satisfaction 满意 >/dev/null
ctl hub $A 县中心 close "$R" >/dev/null
C2=$(ctl hub $A 县中心 case propose "$R" --method 派出所协调 --conclusion 已开具 | awk '{print $1}')
err=$(ctl hub $A 县中心 case review "$C2" --return 2>&1) && rc=0 || rc=$?
check_has "a return needs a note" "$err" "needs a note"
out=$(ctl hub $A 县中心 case review "$C2" --return --note 不具代表性)
check_has "the county returns it" "$out" "已退回"
check "a returned case is not found" "$(ctl hub --json case search 无犯罪证明 | jq '.result | length')" "0"

# a township node proposes but does not publish
node_config hd HD
start_node hd --test-clock=2026-09-24T09:00
err=$(ctl hd $A 李娜 case review SQ-案例-2026-001 --publish 2>&1) && rc=0 || rc=$?
check_has "review on a node is refused" "$err" "the county's job"
check "with exit status 1" "$rc" "1"
check "a node's store has the cases index too" \
	"$(sqlite3 "$T/hd.db" "select count(*) from sqlite_master where name = 'cases_fts'")" "1"
finish
