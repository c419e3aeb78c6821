#!/usr/bin/env bash
# Issue 3, test 5: forged frame (wrong key), tampered byte, truncated
# frame, replay of an old frame, unknown child, wrong version, 100 MiB
# length claims, oversized frame: each rejected and counted, the hub's
# store unchanged, the hub still serving.
. "$(dirname "$0")/lib.sh"

hub_config hub SQ HD XX
linked_node_config hd HD hub SQ
"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" 2>>"$T/hub.log" &
HUB=$!
PIDS+=($HUB)
start_node hd
intakes "$T/in.jsonl" HD 20
ctl hd batch "$T/in.jsonl" >/dev/null
wait_for "the hub has the node's complaints" 20 no_backlog hd

UP="ipc://$T/hub-up.sock"
all() { sqlite3 "$T/hub.db" "select c.id||e.seq||e.type||e.data from events e join complaints c on c.rid = e.complaint order by e.rid" | md5sum; }
peer() { jctl hub ".result.children.peers[] | select(.peer == \"$1\") | .rejected.$2" status; }
unattr() { jctl hub ".result.children.rejected_unattributed.$1" status; }
# is WANT CMD...: CMD prints WANT (a condition for wait_for)
is() { local want=$1; shift; [ "$("$@")" = "$want" ]; }
inject() { "$YOUSU_BIN/yousu-inject" "$UP" "$1" "$2" SQ "$(key "${3:-HD}")"; }
before=$(all)

# expect MODE FROM COUNTER-CMD...: one more rejection of that kind
expect() {
	local mode=$1 from=$2
	shift 2
	local n0 n1
	n0=$("$@")
	inject "$mode" "$from"
	wait_for "$mode frame rejected and counted" 10 is "$((n0 + 1))" "$@"
	check "$mode frame: store unchanged" "$(all)" "$before"
}
expect forged HD peer HD auth_failed
expect tampered HD peer HD auth_failed
expect truncated HD unattr malformed
expect unknown ZZ unattr unknown_peer
expect version HD unattr wrong_version
expect claim HD unattr malformed
expect oversized HD unattr oversized

# replay: XX is a configured child with a real key and no node; its
# frame is applied once, and the same bytes again are refused
n0=$(peer XX replayed)
"$YOUSU_BIN/yousu-inject" "$UP" replay XX SQ "$(key XX)"
wait_for "a replayed frame is rejected and counted" 10 is "$((n0 + 1))" peer XX replayed
check "the frame itself was applied once" "$(events_of "$T/hub.db" XX)" "1"
before=$(all)

"$YOUSU_BIN/yousu-inject" "$UP" rawclaim HD SQ "$(key HD)" && ok "sent an SP header claiming 100 MiB" || not_ok "raw claim not sent"
# a countable frame after it: once it is counted the hub has read on
n0=$(unattr malformed)
inject truncated HD
wait_for "the hub reads on after the claim" 10 is "$((n0 + 1))" unattr malformed
check "the hub still answers" "$(jctl hub .result.role ping)" "hub"
rss=$(awk '/VmHWM/{print $2}' /proc/$HUB/status)
check "no 100 MiB allocation: hub peak RSS under 64 MiB ($rss KiB)" "$([ "$rss" -lt 65536 ] && echo yes)" "yes"
check "100 MiB claim: store unchanged" "$(all)" "$before"

# the real node still gets through afterwards
intakes "$T/more.jsonl" HD 5 21
ctl hd batch "$T/more.jsonl" >/dev/null
wait_for "the node's link still works" 20 no_backlog hd
check "HD: same events at the hub" "$(digest "$T/hub.db" HD)" "$(digest "$T/hd.db" HD)"
grep -q "LINK-REJECT auth_failed from HD" "$T/hub.log" && ok "rejections are logged with a fixed tag" || not_ok "no LINK-REJECT log line"
finish
