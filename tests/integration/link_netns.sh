#!/usr/bin/env bash
# Issue 3, test 6: a real network partition. The node runs in its own
# network namespace, joined to the hub by a veth pair; the pair goes down
# while the node keeps writing, comes back, and the node catches up.
# Needs root and iproute2; skipped (exit 77) with the reason otherwise.
. "$(dirname "$0")/lib.sh"

skip() { echo "skip: $*"; FAILS=0; exit 77; }
[ "$(id -u)" = 0 ] || skip "not root: cannot create a network namespace"
command -v ip >/dev/null || skip "iproute2 (ip) is not installed"
NS=yousu$$
VH=yvh$$
VN=yvn$$
ip netns add "$NS" 2>/dev/null || skip "ip netns add failed (no permission in this sandbox)"
netns_cleanup() { ip link del "$VH" 2>/dev/null || true; ip netns del "$NS" 2>/dev/null || true; }
trap 'netns_cleanup; cleanup' EXIT
ip link add "$VH" type veth peer name "$VN" || skip "cannot create a veth pair"
ip link set "$VN" netns "$NS"
ip addr add 10.213.7.1/30 dev "$VH"
ip link set "$VH" up
ip netns exec "$NS" ip addr add 10.213.7.2/30 dev "$VN"
ip netns exec "$NS" ip link set "$VN" up
ip netns exec "$NS" ip link set lo up

HUB_UP="tcp://10.213.7.1:$(free_port)"
HUB_DOWN="tcp://10.213.7.1:$(free_port)"
hub_config hub SQ NS1
linked_node_config n1 NS1 hub SQ
"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" 2>>"$T/hub.log" &
PIDS+=($!)
ip netns exec "$NS" "$YOUSU_BIN/yousu-node" -c "$T/n1.ini" 2>>"$T/n1.log" &
PIDS+=($!)
wait_for "the node in its namespace answers" 10 ctl n1 ping
intakes "$T/a.jsonl" NS1 100
ctl n1 batch "$T/a.jsonl" >/dev/null
wait_for "over the veth pair the hub gets the first 100" 20 no_backlog n1

ip link set "$VH" down
intakes "$T/b.jsonl" NS1 300 101
ctl n1 batch "$T/b.jsonl" >/dev/null
sleep 2.5
check "partitioned: the node sees its hub offline" "$(ctl n1 --json status | jq '.result.parent.peers[0].online')" "false"
check "partitioned: 300 wait in the outbox" "$(backlog n1)" "300"
check "partitioned: the hub has only the first 100" "$(events_of "$T/hub.db" NS1)" "100"

ip link set "$VH" up
wait_for "healed: the node catches up" 60 no_backlog n1
check "each of 400 once at the hub" "$(events_of "$T/hub.db" NS1)" "400"
check "same events, same data" "$(digest "$T/hub.db" NS1)" "$(digest "$T/n1.db" NS1)"
finish
