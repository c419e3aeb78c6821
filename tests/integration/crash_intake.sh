#!/usr/bin/env bash
# kill -9 of the node during a burst of intakes: every acknowledged
# complaint is there after a restart, and none is half-written (each
# stored state equals the replay of its event log).
. "$(dirname "$0")/lib.sh"

node_config hd HD
start_node hd

burst() { # burst N OUT: intakes until the node dies; acked ids to OUT
	for i in $(seq 1 "$1"); do
		[ -e "$T/killed" ] && break
		out=$(ctl hd --timeout 2000 --actor 李娜 intake --source window \
			--name "群众$i" --phone 1390394$(printf %04d "$i") \
			--content "第${i}件诉求：窗口材料滞留" 2>/dev/null) || continue
		echo "${out%% *}" >>"$2"
	done
}

for round in 1 2 3; do
	: >"$T/acked.$round"
	rm -f "$T/killed"
	for w in 1 2 3; do burst 400 "$T/acked.$round" & done
	sleep 0.$((3 + round * 2))
	eval kill -9 "\$PID_hd"
	touch "$T/killed"
	wait_pids=$(jobs -p)
	wait $wait_pids 2>/dev/null || true
	n=$(wc -l <"$T/acked.$round")
	[ "$n" -gt 0 ] && ok "round $round: $n intakes acknowledged before kill -9" ||
		not_ok "round $round: no intake acknowledged before the kill"
	start_node hd
	missing=0
	while read -r id; do
		ctl hd show "$id" >/dev/null 2>&1 || { missing=$((missing + 1)); echo "lost: $id"; }
	done <"$T/acked.$round"
	check "round $round: no acknowledged complaint lost" "$missing" "0"
	check_has "round $round: no half-written complaint" "$(ctl hd check 2>&1)" "yes"
done

# ids stay unique and consecutive per day across the crashes
ids=$(ctl hd list --limit 100000 | awk '/^HD-/{print $1}')
total=$(echo "$ids" | wc -l)
check "no duplicate ids" "$(echo "$ids" | sort -u | wc -l)" "$total"
last=$(echo "$ids" | sort | tail -1)
check "daily sequence has no gap" "$((10#${last: -3}))" "$total"
finish
