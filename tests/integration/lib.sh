# Shared helpers for the integration tests: real daemons, real sockets,
# real files in a temp dir. Sourced by each test script.
set -euo pipefail

: "${YOUSU_BIN:?set by ctest}" "${YOUSU_SRC:?set by ctest}"
T=$(mktemp -d /tmp/yousu-it.XXXXXX)
PIDS=()
FAILS=0
PASSES=0

cleanup() {
	for p in "${PIDS[@]:-}"; do
		[ -n "$p" ] && kill "$p" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	if [ "$FAILS" -eq 0 ] && [ -z "${KEEP:-}" ]; then rm -rf "$T"; else echo "kept $T"; fi
}
trap cleanup EXIT

# node_config NAME CODE: write $T/NAME.ini for a township node.
node_config() {
	local name=$1 code=$2
	cat >"$T/$name.ini" <<INI
[centre]
code = $code
name = 测试$name便民服务中心
[store]
path = $T/$name.db
[control]
listen = ipc://$T/$name.sock
[policy]
profile = $YOUSU_SRC/configs/profiles/shenqiu.ini
calendar = $YOUSU_SRC/configs/calendars/cn.ini
departments = $YOUSU_SRC/configs/departments/shenqiu.ini
[scheduler]
interval_s = 3600
INI
}

# start_node NAME [daemon flags...]: start yousu-node, wait for its socket.
start_node() {
	local name=$1
	shift
	"$YOUSU_BIN/yousu-node" -c "$T/$name.ini" "$@" 2>>"$T/$name.log" &
	PIDS+=($!)
	eval "PID_$name=$!"
	for _ in $(seq 1 100); do
		if "$YOUSU_BIN/yousuctl" -s "ipc://$T/$name.sock" --timeout 500 ping >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.05
	done
	echo "node $name did not start:"; cat "$T/$name.log"; exit 1
}

# ctl NAME ARGS...: yousuctl against node NAME.
ctl() {
	local name=$1
	shift
	"$YOUSU_BIN/yousuctl" -s "ipc://$T/$name.sock" "$@"
}

ok() { PASSES=$((PASSES + 1)); echo "ok - $*"; }
not_ok() { FAILS=$((FAILS + 1)); echo "not ok - $*"; }

# check DESC ACTUAL EXPECTED
check() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1: got '$2', want '$3'"; fi
}

# check_has DESC HAYSTACK NEEDLE
check_has() {
	case "$2" in
	*"$3"*) ok "$1" ;;
	*) not_ok "$1: '$3' not in: $2" ;;
	esac
}

finish() {
	echo "$PASSES passed, $FAILS failed"
	[ "$FAILS" -eq 0 ]
}
