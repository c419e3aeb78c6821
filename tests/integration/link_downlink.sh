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
has_owner() { ctl hub --json show "$ID" | jq -e '.result.owner == "SQ"'; }
wait_for "the escalation reaches the hub, which owns it" 20 has_owner
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
finish
