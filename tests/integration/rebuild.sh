#!/usr/bin/env bash
# Issue 16: each level is the other's backup. With complaints streaming
# from three townships the whole time:
#   1. the county hub's store is deleted; the hub restarts empty and gets
#      every township's complaints back (the ones the county owned too,
#      from the townships' copies; its own window's escalated one from the
#      city), event for event, and says which of its own numbers it could
#      not get back;
#   2. the hub is restored from a backup taken earlier: the same;
#   3. a township's store is deleted: its complaints come back from the
#      county, and its numbering goes on after the old numbers;
#   4. a township is restored from an old backup: the same;
#   5. the city's store is deleted: its reports, 12345 matters and the
#      escalated complaint come back from the county;
# and throughout nothing is applied twice (the stores compared with
# sqlite3), nothing is lost and the link's cursors go on.
. "$(dirname "$0")/lib.sh"

hub_config city ZK SQ
hub_config sq SQ HD HE HF
hub_parent sq city ZK
for t in hd he hf; do linked_node_config "$t" "${t^^}" sq SQ; done
start_daemon bridge city
start_daemon hub sq
for t in hd he hf; do start_node "$t"; done
for d in city sq; do wait_for "$d answers" 20 ctl "$d" ping; done

# the events of the complaints numbered by CODE, as DB holds them
log_of() {
	sqlite3 -cmd ".timeout 5000" "$1" "select c.id||'|'||e.seq||'|'||e.type||'|'||
		e.actor||'|'||e.at||'|'||e.origin||'|'||e.data from events e
		join complaints c on c.rid = e.complaint where c.id like '$2-%'
		and c.id != '${3:-}' order by c.id, e.seq"
}
# same_log NAME CODE [EXCEPT]: the county and NAME hold CODE's complaints
# (but EXCEPT) event for event
same_log() { [ "$(log_of "$T/sq.db" "$2" "${3:-}" | md5sum)" = "$(log_of "$T/$1.db" "$2" "${3:-}" | md5sum)" ]; }
count_of() {
	sqlite3 -cmd ".timeout 5000" "$1" "select count(*) from complaints where id like '$2-%'"
}
all_caught_up() {
	for t in hd he hf; do
		no_backlog "$t" && same_log "$t" "${t^^}" || return 1
	done
}

# traffic: each township registers a complaint every ~50 ms until stopped
traffic() {
	local t=$1 i=0
	while [ ! -e "$T/stop" ]; do
		[ ! -e "$T/pause-$t" ] || { sleep 0.1; continue; }
		i=$((i + 1))
		ctl "$t" --actor 窗口 intake --source window --name "流$i" \
			--phone "137$(printf %08d "$i")" --content "${t}流量第${i}件" >/dev/null 2>&1 || true
		sleep 0.05
	done
}
for t in hd he hf; do
	intakes "$T/$t.jsonl" "${t^^}" 300
	ctl "$t" batch "$T/$t.jsonl" >/dev/null
	traffic "$t" &
done

# one of HD's escalated to the county, which assigns it (the county's
# events live in HD's copy); one of the county's own window escalated to
# the city; another of the county's own window kept at the county
HDX=$(ctl hd --json list --limit 1 | jq -r '.result[0].id')
ctl hd --actor 李娜 classify "$HDX" --category blocked >/dev/null
ctl hd --actor 李娜 escalate "$HDX" --reason "需县级协调" >/dev/null
wait_for "the county owns $HDX" 20 owner_is sq "$HDX" SQ
ctl sq --actor 县中心 assign "$HDX" --lead SCJ >/dev/null
wait_for "the township sees the county's assignment" 20 \
	bash -c "[ \"\$('$YOUSU_BIN/yousuctl' -s ipc://$T/hd.sock --json show $HDX | jq -r .result.status)\" = assigned ]"
SQ2=$(ctl sq --actor 县窗口 intake --source window --name 县民乙 --phone 13900000002 \
	--content "县窗口受理、未上送的事项" | head -1 | awk '{print $1}')
SQ1=$(ctl sq --actor 县窗口 intake --source window --name 县民甲 --phone 13900000001 \
	--content "需市级部门处理的事项" | head -1 | awk '{print $1}')
ctl sq --actor 县窗口 classify "$SQ1" --category blocked >/dev/null
ctl sq --actor 县中心 escalate "$SQ1" --reason "属市级职责" >/dev/null
wait_for "the city owns $SQ1" 20 owner_is city "$SQ1" ZK
ctl sq report --period month --send >/dev/null 2>&1 || true
wait_for "townships caught up before the loss" 60 all_caught_up
city_reports() { sqlite3 -cmd ".timeout 5000" "$T/city.db" "select county||' '||period from city_reports order by 1"; }
wait_for "the city has the county's reports" 20 test -n "$(city_reports)"

# --- 1. the hub's store deleted ----------------------------------------------
declare -A lost
for t in hd he hf; do lost[$t]=$(count_of "$T/sq.db" "${t^^}"); done
pkill -9 -f "yousu-hub -c $T/sq.ini"
sleep 0.3
rm -f "$T/sq.db" "$T/sq.db-wal" "$T/sq.db-shm"
sleep 1 # townships register meanwhile
start_daemon hub sq
wait_for "the hub answers again" 20 ctl sq ping
wait_for "1. every township's complaints are back at the county, event for event" 120 all_caught_up
for t in hd he hf; do
	n=$(count_of "$T/sq.db" "${t^^}")
	[ "$n" -ge "${lost[$t]}" ] && ok "1. $t: the county holds $n of its complaints, ${lost[$t]} before the loss" ||
		not_ok "1. $t: the county holds $n of its complaints, ${lost[$t]} before the loss"
done
check "1. the county-owned complaint came back with the county's own steps" \
	"$(ctl sq --json show "$HDX" | jq -r '[.result.owner, .result.status] | join(" ")')" "SQ assigned"
wait_for "1. the county's escalated window complaint came back from the city" 20 owner_is sq "$SQ1" ZK
st=$(ctl sq status)
check_has "1. status names the county number no one could send back" "$st" "$SQ2"
from=$(ctl sq --json status | jq -r '.result.restore.from | keys | join(",")')
check "1. status says where the restored events came from" "$from" "HD,HE,HF,ZK"
check_has "1. the townships' status shows the resynchronisation done" "$(ctl hd status)" "已完成"
check "1. nothing forked" "$(ctl sq --json status | jq -r .result.restore.forks)" "0"
check_has "1. the rebuilt store equals its logs" "$(ctl sq check)" "yes"
hd_rej=$(ctl hd --json status | jq '[.result.parent.peers[0].rejected | .gap, .bad_ack] | add')
check "1. the township's link has no gap or bad ack" "$hd_rej" "0"

# --- 2. the hub restored from an older backup --------------------------------
ctl sq backup "$T/sq-backup.db" >/dev/null
for t in hd he hf; do
	intakes "$T/$t-2.jsonl" "${t^^}" 200 1000
	ctl "$t" batch "$T/$t-2.jsonl" >/dev/null
done
wait_for "2. the county took them before the loss" 60 all_caught_up
pkill -9 -f "yousu-hub -c $T/sq.ini"
sleep 0.3
rm -f "$T/sq.db-wal" "$T/sq.db-shm"
cp "$T/sq-backup.db" "$T/sq.db"
start_daemon hub sq
wait_for "2. the hub answers from the backup" 20 ctl sq ping
wait_for "2. what came after the backup is back, event for event" 120 all_caught_up
check "2. a new incarnation" "$(sqlite3 "$T/sq.db" "select value from settings where key='incarnation'" | wc -c)" "33"
check_has "2. the restored store equals its logs" "$(ctl sq check)" "yes"

# --- 3. a township's store deleted -------------------------------------------
# (its window waits while the store is rebuilt: a number given before the
# county's numbering arrives could be an old one again, see the README)
touch "$T/pause-he"
sleep 0.3
old_max=$(sqlite3 "$T/he.db" "select max(id) from complaints where id like 'HE-%'")
old_n=$(count_of "$T/he.db" HE)
pkill -9 -f "yousu-node -c $T/he.ini"
sleep 0.3
rm -f "$T/he.db" "$T/he.db-wal" "$T/he.db-shm"
start_node he
wait_for "3. HE's complaints come back from the county" 60 \
	bash -c "[ \"\$(sqlite3 -cmd '.timeout 5000' $T/he.db \"select count(*) from complaints where id like 'HE-%'\")\" -ge $old_n ]"
wait_for "3. ... event for event" 60 same_log he HE
new=$(ctl he --actor 窗口 intake --source window --name 新件 --phone 13600000001 --content "重建后受理" | head -1 | awk '{print $1}')
[[ "$new" > "$old_max" ]] && ok "3. the next number $new follows the old $old_max" ||
	not_ok "3. the next number $new does not follow $old_max"
check_has "3. the rebuilt township equals its logs" "$(ctl he check)" "yes"
rm -f "$T/pause-he"

# --- 4. a township restored from an old backup -------------------------------
# FX is HF's in the backup; after it, HF escalates it and the county owns
# it. Restored, HF acts on FX as its owner before the county is back:
# two centres wrote FX's next event, and both say so.
FX=$(sqlite3 "$T/hf.db" "select id from complaints where id like 'HF-%' and status = 'registered' order by id limit 1")
ctl hf backup "$T/hf-backup.db" >/dev/null
ctl hf --actor 窗口 classify "$FX" --category blocked >/dev/null
ctl hf --actor 窗口 escalate "$FX" --reason "需县级协调" >/dev/null
intakes "$T/hf-3.jsonl" HF 100 5000
ctl hf batch "$T/hf-3.jsonl" >/dev/null
wait_for "4. the county took them" 60 all_caught_up
touch "$T/pause-hf"
sleep 0.3
old_max=$(sqlite3 "$T/hf.db" "select max(id) from complaints where id like 'HF-%'")
pkill -9 -f "yousu-hub -c $T/sq.ini"
pkill -9 -f "yousu-node -c $T/hf.ini"
sleep 0.3
rm -f "$T/hf.db-wal" "$T/hf.db-shm"
cp "$T/hf-backup.db" "$T/hf.db"
start_node hf
ctl hf --actor 窗口 contact "$FX" --note "恢复后仍以为归本镇" >/dev/null
start_daemon hub sq
wait_for "4. the hub answers" 20 ctl sq ping
wait_for "4. what came after its backup is back from the county" 60 same_log hf HF "$FX"
forks() { ctl "$1" --json status | jq -r .result.restore.forks; }
wait_for "4. the county reports the fork on $FX" 20 test "$(forks sq)" -ge 1
wait_for "4. so does the township" 20 test "$(forks hf)" -ge 1
check "4. the county's $FX stays the county's" "$(ctl sq --json show "$FX" | jq -r .result.owner)" "SQ"
check "4. the fork names $FX" "$(sqlite3 "$T/sq.db" "select distinct complaint from link_forks")" "$FX"
check_has "4. the township's status tells people" "$(ctl hf status)" "分叉"
new=$(ctl hf --actor 窗口 intake --source window --name 新件 --phone 13600000002 --content "恢复后受理" | head -1 | awk '{print $1}')
[[ "$new" > "$old_max" ]] && ok "4. the next number $new follows the old $old_max" ||
	not_ok "4. the next number $new does not follow $old_max"
rm -f "$T/pause-hf"

# --- 5. the city's store deleted ---------------------------------------------
before=$(city_reports)
pkill -9 -f "yousu-bridge -c $T/city.ini"
sleep 0.3
rm -f "$T/city.db" "$T/city.db-wal" "$T/city.db-shm"
start_daemon bridge city
wait_for "5. the city answers again" 20 ctl city ping
wait_for "5. the city's reports are back" 60 bash -c "[ -n \"\$(sqlite3 -cmd '.timeout 5000' $T/city.db 'select 1 from city_reports limit 1')\" ]"
after=$(city_reports)
check "5. the same counties and months" "$after" "$before"
wait_for "5. the escalated complaint is back at the city" 30 owner_is city "$SQ1" ZK
check "5. ... without the complainant" "$(ctl city --json show "$SQ1" | jq -r '.result.phone // "-"')" "-"

touch "$T/stop"
caught_up_but_fx() {
	for t in hd he hf; do
		no_backlog "$t" && same_log "$t" "${t^^}" "$FX" || return 1
	done
}
wait_for "at the end every township is caught up" 60 caught_up_but_fx
for t in hd he hf; do
	check "no event twice at the county for $t" \
		"$(sqlite3 "$T/sq.db" "select count(*) from (select c.id, e.seq, count(*) n from events e join complaints c on c.rid = e.complaint where c.id like '${t^^}-%' group by 1, 2 having n > 1)")" "0"
done
check "the only dead letters at the county are FX's steps after the fork" \
	"$(sqlite3 "$T/sq.db" "select count(*) from link_dead where kind != 'event'")" "0"
finish
