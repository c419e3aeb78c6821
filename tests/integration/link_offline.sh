#!/usr/bin/env bash
# Issue 3, test 1: a node takes 2,000 complaints while its hub is down;
# the hub starts; all 2,000 arrive exactly once, in order.
. "$(dirname "$0")/lib.sh"

hub_config hub SQ HD
linked_node_config hd HD hub SQ

# a key file that others can read is refused, and the daemon says so
chmod 0640 "$(key HD)"
err=$("$YOUSU_BIN/yousu-node" -c "$T/hd.ini" 2>&1) && rc=0 || rc=$?
check "a node with a group-readable key does not start" "$rc" "1"
check_has "and says why" "$err" "readable by group or others (mode 0640)"
err=$("$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" 2>&1) && rc=0 || rc=$?
check "nor does a hub" "$rc" "1"
chmod 0600 "$(key HD)"

start_node hd
intakes "$T/in.jsonl" HD 2000
ctl hd batch --chunk 250 "$T/in.jsonl" >/dev/null
check "the node took 2,000 complaints offline" "$(events_of "$T/hd.db" HD)" "2000"
check "all 2,000 wait in the outbox" "$(backlog hd)" "2000"

"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" 2>>"$T/hub.log" &
PIDS+=($!)
wait_for "the backlog drains once the hub is up" 60 no_backlog hd
check "the hub holds 2,000 events of HD" "$(events_of "$T/hub.db" HD)" "2000"
check "exactly once: same events, same data" "$(digest "$T/hub.db" HD)" "$(digest "$T/hd.db" HD)"
order() { sqlite3 "$1" "select c.id from events e join complaints c on c.rid = e.complaint order by e.rid" | md5sum; }
check "in order: the hub applied them in the node's order" "$(order "$T/hub.db")" "$(order "$T/hd.db")"
check "no frame rejected" "$(jctl hub '[.. | .auth_failed? // empty | select(. > 0)] | length' status)" "0"
finish
