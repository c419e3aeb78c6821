#!/usr/bin/env bash
# The hub's store refuses one received event after the complaint's row is
# already written (a trigger injects the failure). The hub applies each
# group of received messages without a savepoint per message; here it must
# roll the whole group back, apply it again with savepoints, and still
# refuse: nothing half-written (the complaint row without its event), the
# stream stops at the gap, and once the fault is gone every event arrives
# exactly once, in order.
. "$(dirname "$0")/lib.sh"

hub_config hub SQ HD
linked_node_config hd HD hub SQ
"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" 2>>"$T/hub.log" &
PIDS+=($!)
start_node hd
wait_for "the hub answers" 20 ctl hub ping
intakes "$T/a.jsonl" HD 40 1
ctl hd batch "$T/a.jsonl" >/dev/null
wait_for "the first 40 arrive" 20 no_backlog hd

sqlite3 "$T/hub.db" "CREATE TRIGGER poison BEFORE INSERT ON events
	WHEN NEW.actor = 'poison' BEGIN SELECT RAISE(ABORT, 'injected fault'); END;"
intakes "$T/b.jsonl" HD 20 41
ctl hd batch "$T/b.jsonl" >/dev/null
POISON=$(ctl hd --actor poison intake --source window --name 毒 --phone 13900000099 \
	--content "这一件在县中心写入时出错" | head -1 | awk '{print $1}')
intakes "$T/c.jsonl" HD 20 61
ctl hd batch "$T/c.jsonl" >/dev/null
logged() { grep -q "LINK-STORE" "$T/hub.log"; }
wait_for "the hub reports the store refusing" 20 logged
retried() { grep -q "LINK-RETRY" "$T/hub.log"; }
wait_for "the group is applied again with savepoints" 10 retried
check "the poisoned complaint is not half-written at the hub" \
	"$(sqlite3 "$T/hub.db" "select count(*) from complaints where id = '$POISON'")" "0"
check "nothing after the gap was applied (order is kept)" \
	"$(sqlite3 "$T/hub.db" "select count(*) from events where origin = 'HD' and actor != 'poison'")" \
	"$(sqlite3 "$T/hub.db" "select count(*) from complaints where origin = 'HD'")"
check "no dead letters: a store fault is not the message's" \
	"$(sqlite3 "$T/hub.db" "select count(*) from link_dead")" "0"
check_has "the hub's store equals its logs" "$(ctl hub check)" "yes"

sqlite3 "$T/hub.db" "DROP TRIGGER poison"
wait_for "everything arrives once the fault is gone" 30 no_backlog hd
check "81 events of HD at the hub" "$(events_of "$T/hub.db" HD)" "81"
check "exactly once: same events, same data" "$(digest "$T/hub.db" HD)" "$(digest "$T/hd.db" HD)"
order() { sqlite3 "$1" "select c.id from events e join complaints c on c.rid = e.complaint order by e.rid" | md5sum; }
check "in the node's order" "$(order "$T/hub.db")" "$(order "$T/hd.db")"
check_has "the hub's store equals its logs" "$(ctl hub check)" "yes"
# the same fault at a node, inside a batch: the batch fails whole (never
# half an operation), says why, and the node goes on
sqlite3 "$T/hd.db" "CREATE TRIGGER poison BEFORE INSERT ON events
	WHEN NEW.actor = 'poison' BEGIN SELECT RAISE(ABORT, 'injected fault'); END;"
before=$(sqlite3 "$T/hd.db" "select count(*) from complaints")
{
	intakes "$T/d.jsonl" HD 3 100
	cat "$T/d.jsonl"
	echo '{"cmd":"intake","actor":"poison","args":{"source":"window","name":"毒","phone":"13900000098","content":"批中出错"}}'
} >"$T/e.jsonl"
err=$(ctl hd batch "$T/e.jsonl" 2>&1) && rc=0 || rc=$?
check "a batch whose operation fails after writing is refused" "$rc" "1"
check_has "and says the whole batch was rolled back" "$err" "rolled back"
check "nothing of it is stored" "$(sqlite3 "$T/hd.db" "select count(*) from complaints")" "$before"
sqlite3 "$T/hd.db" "DROP TRIGGER poison"
check_has "the node goes on" "$(ctl hd batch "$T/d.jsonl")" "registered"
check_has "and its store equals its logs" "$(ctl hd check)" "yes"
finish
