#!/usr/bin/env bash
# Issue 5, city-level escalation (跨层级): a township escalates to its
# county, the county escalates to the city bridge, which owns the
# complaint and assigns a city department; the department replies; the
# city hands it back to the county for the quality check, the return visit
# and the close. The outcome flows down to the township. The complainant's
# name, phone and address never reach the city.
. "$(dirname "$0")/lib.sh"

CLOCK=2026-09-21T09:00
hub_config city ZK SQ
hub_config sq SQ HD
hub_parent sq city ZK
start_daemon bridge city --test-clock=$CLOCK
start_daemon hub sq --test-clock=$CLOCK
linked_node_config hd HD sq SQ
start_node hd --test-clock=$CLOCK
for d in city sq; do wait_for "$d answers" 20 ctl "$d" ping; done

ID=$(ctl hd --actor 李娜 intake --source hotline --name 周大福 --phone 13987650001 \
	--address 槐店镇解放路9号 --contact-within 2 --duty-leader 带班刘主任 \
	--content "住房公积金异地转移接续在县里办不了，需市公积金中心处理" | head -1 | awk '{print $1}')
ctl hd --actor 李娜 classify "$ID" --category blocked >/dev/null
# notes written about the caller (联系情况) hold what the city must not
ctl hd --actor 李娜 contact "$ID" --note "拨打13987650001联系周大福，约定解放路见面" >/dev/null
ctl hd --actor 李娜 escalate "$ID" --reason "需县级协调" >/dev/null
wait_for "the county owns it" 20 owner_is sq "$ID" SQ
out=$(ctl sq --actor 县中心 escalate "$ID" --reason "属市住房公积金中心职责")
check_has "the county escalates it to the city" "$out" "$ID"
wait_for "the city owns it" 20 owner_is city "$ID" ZK
doc=$(ctl city --json show "$ID")
check "the city has the matter" "$(jq -r .result.content <<<"$doc")" "住房公积金异地转移接续在县里办不了，需市公积金中心处理"
check "but not the complainant's name, phone or address" \
	"$(jq -r '[.result.name, .result.phone, .result.address] | map(. // "-") | join(" ")' <<<"$doc")" "- - -"
check "its whole log came up" "$(jq -r '[.result.log[].type] | join(",")' <<<"$doc")" "intake,classify,contact,transfer,transfer"
check "the contact's note stayed in the county" "$(jq -r '.result.contact_note // "-"' <<<"$doc")" "-"
err=$(ctl city --actor 市中心 intake --source window --name x --phone 13900000000 --content x 2>&1) && rc=0 || rc=$?
check_has "the city registers no complaints itself" "$err" "registers no complaints"

out=$(ctl city --actor 市中心 assign "$ID" --lead GJJ)
check_has "the city assigns a city department" "$out" "assigned"
ctl city --actor 市公积金中心 reply "$ID" --kind done --result "已通过全国转移接续平台办结" >/dev/null
replied_at() { ctl "$1" --json show "$ID" | jq -e '.result.status == "replied"' >/dev/null; }
wait_for "the county sees the city's reply" 20 replied_at sq
wait_for "the township sees it too" 20 replied_at hd
ctl city --actor 市中心 transfer "$ID" --to SQ --reason "请县中心质检回访" >/dev/null
wait_for "the county owns it again" 20 owner_is sq "$ID" SQ
ctl sq --actor 质检员 qc "$ID" --pass >/dev/null
ctl sq --actor 回访员 visit "$ID" --satisfaction satisfied >/dev/null
ctl sq --actor 县中心 close "$ID" >/dev/null
closed_at() { ctl "$1" --json show "$ID" | jq -e '.result.status == "closed"' >/dev/null; }
wait_for "the township sees it closed" 20 closed_at hd
check "the township holds the whole log" \
	"$(ctl hd --json show "$ID" | jq -r '[.result.log[].type] | join(",")')" \
	"intake,classify,contact,transfer,transfer,assign,reply,transfer,qc,visit,close"
check "the township still has the complainant" \
	"$(ctl hd --json show "$ID" | jq -r .result.phone)" "13987650001"
check_has "every store equals its logs" "$(ctl hd check) $(ctl sq check) $(ctl city check)" "yes"
check "no name, phone, address, note or duty leader in the city's SQLite files or log" \
	"$(leaks "$T"/city.db* "$T/city.log" -- 周大福 13987650001 解放路 带班刘主任)" "0"
check "no dead letters anywhere" \
	"$(for db in city sq hd; do sqlite3 "$T/$db.db" "select count(*) from link_dead"; done | tr -d '\n')" "000"
finish
