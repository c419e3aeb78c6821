#!/usr/bin/env bash
# Issue 3, test 4: the hub's link is cut by stopping the process (SIGSTOP)
# for longer than every timeout while two nodes keep writing; after
# SIGCONT everything arrives once.
. "$(dirname "$0")/lib.sh"

hub_config hub SQ HA HB
"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" 2>>"$T/hub.log" &
HUB=$!
PIDS+=($HUB)
for n in ha hb; do
	linked_node_config "$n" "${n^^}" hub SQ
	start_node "$n"
done
write() { # write NAME: 40 batches of 25 intakes, 0.1 s apart
	for b in $(seq 0 39); do
		intakes "$T/$1.$b.jsonl" "${1^^}" 25 $((b * 25 + 1))
		ctl "$1" batch "$T/$1.$b.jsonl" >/dev/null
		sleep 0.1
	done
}
write ha & A=$!
write hb & B=$!
sleep 1
kill -STOP "$HUB"
sleep 4 # > offline_after_ms, > resend_max_ms, several heartbeats
online=$(ctl ha --json status | jq '.result.parent.peers[0].online')
check "the node sees its hub offline while it is stopped" "$online" "false"
check "the node kept writing: a backlog waits" "$([ "$(backlog ha)" -gt 0 ] && echo yes)" "yes"
kill -CONT "$HUB"
wait $A $B
for n in ha hb; do
	code=${n^^}
	wait_for "$code: backlog drained after SIGCONT" 60 no_backlog "$n"
	check "$code: 1,000 complaints at the node" "$(events_of "$T/$n.db" "$code")" "1000"
	check "$code: each once at the hub" "$(events_of "$T/hub.db" "$code")" "1000"
	check "$code: same events, same data" "$(digest "$T/hub.db" "$code")" "$(digest "$T/$n.db" "$code")"
done
check "the node sees its hub online again" "$(ctl ha --json status | jq '.result.parent.peers[0].online')" "true"
finish
