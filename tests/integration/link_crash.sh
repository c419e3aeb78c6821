#!/usr/bin/env bash
# Issue 3, tests 2 and 3: kill -9 of the hub at random points during a
# stream of 20,000 events from 3 nodes, restarted each time; then kill -9
# of a node mid-stream. Afterwards the hub holds every event exactly once:
# the count and a digest of each node's events match the node's store.
. "$(dirname "$0")/lib.sh"

NODES="na nb nc"
hub_config hub SQ NA NB NC
for n in $NODES; do
	linked_node_config "$n" "${n^^}" hub SQ
	start_node "$n" --test-clock=2026-09-24T09:00
done
start_hub() {
	"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" 2>>"$T/hub.log" &
	HUB=$!
	PIDS+=($HUB)
}
start_hub

# per node: 2,223 complaints x (intake, classify, assign) = 6,669 events
stream() { # stream NAME CODE: JSON lines in chunks of 150 requests
	awk -v code="$2" 'BEGIN { for (i = 1; i <= 2223; i++) {
		id = sprintf("%s-20260924%03d", code, i)
		printf "{\"cmd\":\"intake\",\"args\":{\"source\":\"hotline\",\"name\":\"来电人%d\",\"phone\":\"137%08d\",\"content\":\"%d号诉求\"}}\n", i, i, i
		printf "{\"cmd\":\"classify\",\"args\":{\"id\":\"%s\",\"category\":\"delayed\",\"nature\":\"hard\"}}\n", id
		printf "{\"cmd\":\"assign\",\"args\":{\"id\":\"%s\",\"lead\":\"RSJ\",\"co\":[\"GAJ\"]}}\n", id
	} }' | split -l 150 -d -a 3 - "$T/$1.chunk."
}
drive() { # drive NAME: send every chunk; a chunk is retried only when
	# the node could not be reached at all
	# (exit 3: nothing was sent), and for two minutes at most
	local n=$1 f rc tries
	for f in "$T/$n".chunk.*; do
		tries=0
		while :; do
			ctl "$n" --timeout 5000 batch "$f" >/dev/null 2>>"$T/$n.drive.err" && break
			rc=$?
			[ $rc -eq 3 ] || { echo "chunk $f: exit $rc" >>"$T/$n.drive.err"; break; }
			tries=$((tries + 1))
			[ $tries -lt 1200 ] || { echo "chunk $f: $n unreachable for 2 minutes" >>"$T/$n.drive.err"; return 1; }
			sleep 0.1
		done
		sleep 0.05
	done
}

for n in $NODES; do stream "$n" "${n^^}"; done
DRIVERS=()
for n in $NODES; do drive "$n" & DRIVERS+=($!); done

# the hub dies at random points while the stream runs
kills=0
while kill -0 "${DRIVERS[@]}" 2>/dev/null; do
	sleep "0.$((RANDOM % 8 + 2))"
	kill -9 "$HUB" 2>/dev/null && kills=$((kills + 1))
	wait "$HUB" 2>/dev/null || true
	sleep "0.$((RANDOM % 4 + 1))"
	start_hub
done
for d in "${DRIVERS[@]}"; do wait "$d" || not_ok "a driver gave up: $(tail -n 1 "$T"/*.drive.err)"; done
[ "$kills" -ge 3 ] && ok "the hub was killed $kills times mid-stream" || not_ok "only $kills kills"

total=0
for n in $NODES; do
	code=${n^^}
	wait_for "$code: backlog drained" 60 no_backlog "$n" || { ctl "$n" --json status; ctl hub --json status; }
	ev=$(events_of "$T/$n.db" "$code")
	total=$((total + ev))
	echo "# $code redials after lost connections: $(ctl "$n" --json status | grep -o '"redials":[0-9]*' | cut -d: -f2)"
	check "$code: the hub holds every event once ($ev)" "$(events_of "$T/hub.db" "$code")" "$ev"
	check "$code: same events, same data" "$(digest "$T/hub.db" "$code")" "$(digest "$T/$n.db" "$code")"
done
check "20,000 events and more streamed" "$([ "$total" -ge 20000 ] && echo yes)" "yes"
check_has "the hub's states equal their event logs" "$(ctl hub check)" "consistent: yes"

# test 3: kill -9 of a node mid-stream
intakes "$T/more.jsonl" NA 3000 5001
rm -f "$T"/na.chunk.*
split -l 100 -d -a 3 "$T/more.jsonl" "$T/na.chunk."
drive na &
D=$!
for k in 1 2 3; do
	sleep "0.$((RANDOM % 6 + 3))"
	if ! kill -0 "$PID_na" 2>/dev/null; then
		not_ok "NA exited by itself before kill $k"
		break
	fi
	kill -9 "$PID_na"
	wait "$PID_na" 2>/dev/null || true
	start_node na
done
wait "$D" && ok "the node was killed 3 times mid-stream" ||
	not_ok "the driver gave up: $(tail -n 1 "$T"/na.drive.err)"
wait_for "NA: backlog drained after its crashes" 120 no_backlog na
check "NA: the hub holds every event once" "$(events_of "$T/hub.db" NA)" "$(events_of "$T/na.db" NA)"
check "NA: same events, same data" "$(digest "$T/hub.db" NA)" "$(digest "$T/na.db" NA)"
check_has "NA: the node's states equal their logs" "$(ctl na check)" "consistent: yes"
finish
