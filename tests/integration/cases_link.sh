#!/usr/bin/env bash
# Guidance cases over the link: a township proposes a case from a
# complaint it closed; the county receives the proposal and publishes it;
# every township receives the publication, and an intake at another
# township lists it as a similar case. A returned proposal goes back to
# the township that made it, and to no other.
. "$(dirname "$0")/lib.sh"

CLOCK=2026-09-24T09:00
hub_config hub SQ HD HE
"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" --test-clock=$CLOCK 2>>"$T/hub.log" &
PIDS+=($!)
for n in hd he; do
	linked_node_config "$n" "${n^^}" hub SQ
	start_node "$n" --test-clock=$CLOCK
done
wait_for "the hub answers" 20 ctl hub ping
A="--actor"

# a complaint the township resolves on the spot and closes
closed_at_hd() {
	local id
	id=$(ctl hd $A 李娜 intake --source window --name 王建国 --phone 13903940001 \
		--content "$1" | head -1 | awk '{print $1}')
	ctl hd $A 李娜 classify "$id" --category blocked >/dev/null
	ctl hd $A 李娜 resolve "$id" --result "$2" >/dev/null
	ctl hd $A 回访员 visit "$id" --satisfaction satisfied >/dev/null
	ctl hd $A 李娜 close "$id" >/dev/null
	echo "$id"
}
ID=$(closed_at_hd "办理社保卡补办时窗口要求回户籍地开证明" "当场联系人社局通过系统核验后补办")
CASE=$(ctl hd $A 李娜 case propose "$ID" --title 社保卡补办无需回户籍地开证明 \
	--method "窗口通过系统核验身份信息，当场补办" \
	--conclusion "能通过系统核验的不得要求群众另开证明" | awk '{print $1}')
check "the township numbers its proposal" "$CASE" "HD-案例-2026-001"
at_hub() { ctl hub --json case show "$CASE" | jq -e '.result.status == "proposed"' >/dev/null; }
wait_for "the proposal reaches the county" 20 at_hub
check "the county holds it once" \
	"$(sqlite3 "$T/hub.db" "select count(*) from cases where id = '$CASE'")" "1"
check "the other township does not see a proposal" \
	"$(sqlite3 "$T/he.db" "select count(*) from cases")" "0"
err=$(ctl hd $A 李娜 case review "$CASE" --publish 2>&1) && rc=0 || rc=$?
check_has "a township cannot publish" "$err" "county's job"

ctl hub $A 县政务服务中心 case review "$CASE" --publish --note 同意发布 >/dev/null
published_at() { ctl "$1" --json case show "$CASE" | jq -e '.result.status == "published"' >/dev/null; }
wait_for "the township that proposed it sees it published" 20 published_at hd
wait_for "the other township receives the published case" 20 published_at he
check_has "and finds it by a two-character term" "$(ctl he case search 社保)" "$CASE"
similar=$(ctl he --json $A 陈 intake --source window --name 李四 --phone 13903940002 \
	--content "我来补办社保卡，窗口让我回老家开证明" | jq -r '.result.similar_cases[0].id')
check "an intake at the other township lists it as a similar case" "$similar" "$CASE"

# a returned proposal goes back to its township only
ID2=$(closed_at_hd "不动产登记窗口要求提供已在系统中的材料" "当场从系统调取")
CASE2=$(ctl hd $A 李娜 case propose "$ID2" --method 系统调取 --conclusion 不得重复要求 | awk '{print $1}')
at_hub2() { ctl hub --json case show "$CASE2" >/dev/null 2>&1; }
wait_for "the second proposal reaches the county" 20 at_hub2
ctl hub $A 县政务服务中心 case review "$CASE2" --return --note "请补充处理依据" >/dev/null
returned_at_hd() { ctl hd --json case show "$CASE2" | jq -e '.result.status == "returned"' >/dev/null; }
wait_for "the township sees its proposal returned, with the note" 20 returned_at_hd
check "the note travels with it" "$(ctl hd --json case show "$CASE2" | jq -r .result.review_note)" "请补充处理依据"
check "the other township never holds it" \
	"$(sqlite3 "$T/he.db" "select count(*) from cases where id = '$CASE2'")" "0"
check "nothing went to the dead letters" \
	"$(sqlite3 "$T/hub.db" "select count(*) from link_dead")|$(sqlite3 "$T/hd.db" "select count(*) from link_dead")" "0|0"
check "no name or phone travelled" \
	"$(sqlite3 "$T/he.db" "select count(*) from cases where summary || title || method || conclusion like '%王建国%' or summary like '%13903940001%'")" "0"
finish
