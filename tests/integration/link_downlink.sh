#!/usr/bin/env bash
# Issue 3, downlink: a township escalates (跨层级); the hub owns the
# complaint, classifies, assigns and gets the reply; the township sees
# each step, and the other township sees none of it.
. "$(dirname "$0")/lib.sh"

hub_config hub SQ HD HE
"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" --test-clock=2026-09-24T09:00 2>>"$T/hub.log" &
PIDS+=($!)
for n in hd he; do
	linked_node_config "$n" "${n^^}" hub SQ
	start_node "$n" --test-clock=2026-09-24T09:00
done
ID=$(ctl hd --actor 李娜 intake --source window --name 王建国 --phone 13903940001 \
	--content "企业开办涉及县市场监管和税务两个部门" | awk '{print $1}')
ctl he --actor 陈 intake --source window --name 李四 --phone 13903940002 --content "别的乡镇的诉求" >/dev/null
wait_for "the hub holds the township's complaint" 20 no_backlog hd
err=$(ctl hub classify "$ID" --category blocked 2>&1) && rc=0 || rc=$?
check_has "the hub cannot act before it owns the complaint" "$err" "owned by HD"
ctl hd --actor 李娜 escalate "$ID" --reason "涉及县级多部门" >/dev/null
wait_for "the escalation reaches the hub, which owns it" 20 owner_is hub "$ID" SQ
err=$(ctl hd --actor 李娜 classify "$ID" --category blocked 2>&1) && rc=0 || rc=$?
check_has "the township no longer moves it" "$err" "owned by SQ"
ctl hub --actor 县中心 classify "$ID" --category blocked --nature hard >/dev/null
out=$(ctl hub --actor 县中心 assign "$ID" --lead SCJ --co SWJ)
check_has "the hub assigns lead and co-handling departments" "$out" "due 2026-10-09"
ctl hub --actor 市场监管局 reply "$ID" --kind done --result "已一次性办结企业开办" >/dev/null
replied() { ctl hd --json show "$ID" | jq -e '.result.status == "replied"'; }
wait_for "the township sees the hub's reply" 20 replied
log=$(ctl hd --json show "$ID" | jq -r '[.result.log[].type] | join(",")')
check "the township holds the whole log" "$log" "intake,transfer,classify,assign,reply"
check "the other township received none of it" \
	"$(sqlite3 "$T/he.db" "select count(*) from complaints where id = '$ID'")" "0"
check "the hub has the other township's complaint (uplink)" \
	"$(sqlite3 "$T/hub.db" "select count(*) from complaints where origin = 'HE'")" "1"
check "the township's copy equals the hub's" "$(digest "$T/hd.db" SQ)" "$(digest "$T/hub.db" SQ)"
check_has "the township's state equals its log" "$(ctl hd check)" "yes"

# a transfer down to another township: it gets the whole log, owns the
# complaint and handles it; the township it came from sees that too
K=$(ctl hd --actor 李娜 intake --source window --name 赵六 --phone 13903940003 \
	--content "户籍在邻镇，需由邻镇派出所办理" | awk '{print $1}')
ctl hd --actor 李娜 escalate "$K" --reason "属邻镇事项" >/dev/null
wait_for "the county owns the second complaint" 20 owner_is hub "$K" SQ
out=$(ctl hub --actor 县中心 transfer "$K" --to HE --reason "由和尚镇便民服务中心办理")
check_has "the county hands it down to the other township" "$out" "$K"
wait_for "the other township now holds it, with its whole log" 20 owner_is he "$K" HE
check "its log there starts with the intake at HD" \
	"$(ctl he --json show "$K" | jq -r '[.result.log[].type] | join(",")')" "intake,transfer,transfer"
ctl he --actor 和尚镇 classify "$K" --category blocked >/dev/null
ctl he --actor 和尚镇 assign "$K" --lead GAJ >/dev/null
ctl he --actor 派出所 reply "$K" --kind done --result "已在和尚镇派出所办结" >/dev/null
hd_sees() { ctl hd --json show "$K" | jq -e '.result.status == "replied"'; }
wait_for "the township it came from sees the other township's reply" 20 hd_sees
log_of() { sqlite3 "$1" "select e.seq||e.type||e.origin||e.data from events e join complaints c on c.rid = e.complaint where c.id = '$2' order by e.seq" | md5sum; }
check "all three hold the same log of it" "$(log_of "$T/hd.db" "$K")|$(log_of "$T/hub.db" "$K")" \
	"$(log_of "$T/he.db" "$K")|$(log_of "$T/he.db" "$K")"
check "the other township's own complaint stays off the first one's desk" \
	"$(sqlite3 "$T/hd.db" "select count(*) from complaints where origin = 'HE'")" "0"

# a complaint taken at the county window, handed to a township
H=$(ctl hub --actor 县窗口 intake --source window --name 钱七 --phone 13903940004 \
	--content "在县中心反映乡镇窗口问题" | awk '{print $1}')
err=$(ctl hub --actor 县中心 transfer "$H" --to ZZ --reason x 2>&1) && rc=0 || rc=$?
check_has "a transfer to an unknown centre is refused by name" "$err" "'ZZ' is neither"
ctl hub --actor 县中心 transfer "$H" --to HD --reason "由槐店镇办理" >/dev/null
wait_for "a county complaint handed to a township arrives with its log" 20 owner_is hd "$H" HD
dead=$(sqlite3 "$T/hd.db" "select count(*) from link_dead")
check "nothing went to the dead letters" "$dead" "0"
finish
