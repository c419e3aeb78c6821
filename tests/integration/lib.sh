# Shared helpers for the integration tests: real daemons, real sockets,
# real files in a temp dir. Sourced by each test script.
set -euo pipefail

: "${YOUSU_BIN:?set by ctest}" "${YOUSU_SRC:?set by ctest}"
T=$(mktemp -d /tmp/yousu-it.XXXXXX)
PIDS=()
NOT_OK=()
FAILS=0
PASSES=0

# An exit that set -e forced names the command that failed, and every
# background job (daemons, driver loops) is stopped: a script that dies early
# fails at once with a reason instead of waiting on its own children until
# ctest's timeout.
trap 'NOT_OK+=("line $LINENO: \"$BASH_COMMAND\" failed (exit $?)"); echo "not ok - ${NOT_OK[-1]}"' ERR
cleanup() {
	local rc=$?
	for p in "${PIDS[@]:-}" $(jobs -p); do
		[ -n "$p" ] && kill "$p" 2>/dev/null || true
	done
	# a daemon that logged "stopped" can hang in nng 1.5.2's teardown
	# (threads left waiting in libnng): 10 s, then it is killed
	for _ in $(seq 1 100); do
		local alive=0
		for p in "${PIDS[@]:-}" $(jobs -p); do
			[ -n "$p" ] && kill -0 "$p" 2>/dev/null && alive=1
		done
		[ "$alive" = 0 ] && break
		sleep 0.1
	done
	for p in "${PIDS[@]:-}" $(jobs -p); do
		[ -n "$p" ] && kill -9 "$p" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	[ "$rc" -eq 0 ] || FAILS=$((FAILS + 1))
	if [ "$FAILS" -ne 0 ]; then # the daemons' last words, for a CI log
		for f in "$T"/*.log; do
			[ -s "$f" ] && { echo "# --- tail of ${f##*/}"; tail -n 15 "$f" | sed 's/^/# /'; }
		done
		# again at the end, where a CI log cut in the middle still shows it
		for m in "${NOT_OK[@]:-}"; do [ -n "$m" ] && echo "# failed: $m"; done
	fi
	if [ "$FAILS" -eq 0 ] && [ -z "${KEEP:-}" ]; then rm -rf "$T"; else echo "kept $T"; fi
}
trap cleanup EXIT

# node_config NAME CODE [PROFILE [DEPARTMENTS]]: write $T/NAME.ini for a
# township node; Shenqiu's profile and catalogue unless given, and the
# calendar $CALENDAR (configs/calendars/cn.ini unless set).
node_config() {
	local name=$1 code=$2
	local profile=${3:-$YOUSU_SRC/configs/profiles/shenqiu.ini}
	local depts=${4:-$YOUSU_SRC/configs/departments/shenqiu.ini}
	cat >"$T/$name.ini" <<INI
[centre]
code = $code
name = 测试$name便民服务中心
[store]
path = $T/$name.db
[control]
listen = ipc://$T/$name.sock
[policy]
profile = $profile
calendar = ${CALENDAR:-$YOUSU_SRC/configs/calendars/cn.ini}
departments = $depts
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

# jshow NAME ID FILTER: jq -r FILTER over daemon NAME's JSON answer to
# `show ID`. When the show or the filter fails it prints "could not
# look: ..." (which no expected value equals) and returns 1, so that a
# check built on it can never pass for want of an answer.
jshow() {
	local out
	if out=$(ctl "$1" --json show "$2" 2>&1) && out=$(jq -r "$3" <<<"$out" 2>&1); then
		printf '%s\n' "$out"
	else
		printf 'could not look: %s\n' "$out"
		return 1
	fi
}

# events NAME ID TYPE: how many TYPE events ID's log holds at NAME.
events() { jshow "$1" "$2" "[.result.log[] | select(.type == \"$3\")] | length"; }

# field NAME ID KEY: member KEY of ID's state at NAME ("" when it has
# none; "could not look: ..." when the show fails).
field() { jshow "$1" "$2" ".result[\"$3\"] | if . == null then \"\" else . end"; }

# owner_is NAME ID CODE: ID is owned by CODE at NAME (for wait_for).
owner_is() { [ "$(jshow "$1" "$2" .result.owner)" = "$3" ]; }

# found TEXT FILE...: how many of the files hold TEXT (bytes, SQLite
# files included); "could not look: FILE" and status 1 when one of them
# cannot be read, so that an absence check cannot pass on a missing file.
found() {
	local text=$1 n=0 f
	shift
	for f in "$@"; do
		[ -f "$f" ] && [ -r "$f" ] || { echo "could not look: $f"; return 1; }
		if grep -aqF -- "$text" "$f"; then n=$((n + 1)); fi
	done
	echo "$n"
}

# leaks FILES... -- TEXTS...: how many (text, file) pairs match; "could
# not look" as for found.
leaks() {
	local files=() n=0 k
	while [ "$1" != -- ]; do files+=("$1"); shift; done
	shift
	for t in "$@"; do
		k=$(found "$t" "${files[@]}") || { echo "$k"; return 1; }
		n=$((n + k))
	done
	echo "$n"
}

# files_in DIR GLOB: how many files of DIR match GLOB; "could not look"
# when DIR is not there.
files_in() {
	[ -d "$1" ] || { echo "could not look: no folder $1"; return 1; }
	find "$1" -maxdepth 1 -type f -name "$2" | wc -l
}

# jctl NAME FILTER ARGS...: jq -r FILTER over the JSON answer of yousuctl
# ARGS at NAME; "could not look: ..." and status 1 when either fails.
jctl() {
	local name=$1 filter=$2 out
	shift 2
	if out=$(ctl "$name" --json "$@" 2>&1) && out=$(jq -r "$filter" <<<"$out" 2>&1); then
		printf '%s\n' "$out"
	else
		printf 'could not look: %s\n' "$out"
		return 1
	fi
}

ok() { PASSES=$((PASSES + 1)); echo "ok - $*"; }
not_ok() {
	FAILS=$((FAILS + 1))
	NOT_OK+=("$*")
	echo "not ok - $*"
}

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

# --- the link: keys, hubs and linked nodes -----------------------------------

# key CODE: the key file shared by child CODE and its parent.
key() {
	mkdir -p "$T/keys"
	[ -f "$T/keys/$1.key" ] || "$YOUSU_BIN/yousuctl" keygen "$T/keys/$1.key" >/dev/null
	echo "$T/keys/$1.key"
}

# Fast timers for tests; production defaults are in the README.
LINK_TUNING="[link]
heartbeat_ms = 200
resend_ms = 300
resend_max_ms = 1500
offline_after_ms = 1500
reconnect_min_ms = 50
reconnect_max_ms = 400"

# hub_config NAME CODE CHILD...: a hub listening on ipc sockets in $T.
hub_config() {
	local name=$1 code=$2
	shift 2
	node_config "$name" "$code"
	{
		printf '[listen]\nuplink = %s\ndownlink = %s\n' \
			"${HUB_UP:-ipc://$T/$name-up.sock}" "${HUB_DOWN:-ipc://$T/$name-down.sock}"
		[ -z "${HUB_TLS_CERT:-}" ] || echo "tls_cert_key = $HUB_TLS_CERT"
		echo "[children]"
		for c in "$@"; do echo "$c = $(key "$c")"; done
		echo "$LINK_TUNING"
	} >>"$T/$name.ini"
}

# linked_node_config NAME CODE HUBNAME HUBCODE [PROFILE [DEPARTMENTS]]: a
# node whose parent is the hub HUBNAME.
linked_node_config() {
	local name=$1 code=$2 hub=$3 hubcode=$4
	node_config "$name" "$code" "${@:5}"
	{
		printf '[parent]\ncode = %s\nuplink = %s\ndownlink = %s\nkey = %s\n' \
			"$hubcode" "${HUB_UP:-ipc://$T/$hub-up.sock}" \
			"${HUB_DOWN:-ipc://$T/$hub-down.sock}" "$(key "$code")"
		[ -z "${NODE_TLS_CA:-}" ] || echo "tls_ca = $NODE_TLS_CA"
		[ -z "${NODE_TLS_NAME:-}" ] || echo "tls_server_name = $NODE_TLS_NAME"
		echo "$LINK_TUNING"
	} >>"$T/$name.ini"
}

# hub_parent NAME PARENTNAME PARENTCODE: NAME's hub (config written by
# hub_config) gets a [parent], the bridge PARENTNAME; its key is NAME's
# code's.
hub_parent() {
	local name=$1 parent=$2 pcode=$3
	printf '[parent]\ncode = %s\nuplink = ipc://%s/%s-up.sock\ndownlink = ipc://%s/%s-down.sock\nkey = %s\n' \
		"$pcode" "$T" "$parent" "$T" "$parent" "$(key "${name^^}")" >>"$T/$name.ini"
}

# start_daemon PROG NAME [flags...]: start yousu-PROG with NAME's config.
start_daemon() {
	local prog=$1 name=$2
	shift 2
	"$YOUSU_BIN/yousu-$prog" -c "$T/$name.ini" "$@" 2>>"$T/$name.log" &
	PIDS+=($!)
}

# city_config CODE: a city bridge "city" (CODE) over two county hubs, sq
# (SQ: townships hd HD, he HE) and xc (XC: xa XA, xb XB). Callers may
# append to $T/city.ini, then start_city.
city_config() {
	hub_config city "$1" SQ XC
	hub_config sq SQ HD HE
	hub_config xc XC XA XB
	for h in sq xc; do hub_parent "$h" city "$1"; done
	local n t h
	for n in hd:sq he:sq xa:xc xb:xc; do
		t=${n%:*} h=${n#*:}
		linked_node_config "$t" "${t^^}" "$h" "${h^^}"
	done
}

# start_city CLOCK: start what city_config wrote, on test clocks at CLOCK.
start_city() {
	start_daemon bridge city --test-clock="$1"
	for h in sq xc; do start_daemon hub "$h" --test-clock="$1"; done
	for n in hd he xa xb; do start_node "$n" --test-clock="$1"; done
	for d in city sq xc; do wait_for "$d answers" 20 ctl "$d" ping; done
}

# wait_for DESC SECONDS CMD...: until CMD succeeds; fails the test after.
wait_for() {
	local desc=$1 secs=$2
	shift 2
	for _ in $(seq 1 $((secs * 10))); do
		if "$@" >/dev/null 2>&1; then ok "$desc"; return 0; fi
		sleep 0.1
	done
	not_ok "$desc (waited ${secs}s)"
	return 1
}

# form_fields TEXT: the labels of a printed work order's fields (from its
# third line), comma-terminated: "姓名或单位名称,单位联系人,…,".
form_fields() { sed -n '3,$p' <<<"$1" | awk -F'：' '{printf "%s,", $1}'; }

# csv_header FILE: a CSV ledger's header line without its BOM and CR.
csv_header() { head -1 "$1" | sed 's/^\xef\xbb\xbf//' | tr -d '\r'; }

# backlog NAME: unacknowledged messages of node NAME towards its parent.
backlog() {
	ctl "$1" --json status | grep -o '"backlog":[0-9]*' | head -1 | cut -d: -f2
}
no_backlog() { [ "$(backlog "$1")" = 0 ]; }

# digest DB ORIGIN: every event of ORIGIN's complaints, in a stable order.
digest() {
	sqlite3 -cmd ".timeout 5000" "$1" "select c.id||'|'||e.seq||'|'||e.type||'|'||e.at||'|'||e.data
		from events e join complaints c on c.rid = e.complaint
		where e.origin = '$2' order by c.id, e.seq" | md5sum | cut -d' ' -f1
}
events_of() {
	sqlite3 -cmd ".timeout 5000" "$1" "select count(*) from events where origin = '$2'"
}

# intakes FILE CODE N [FIRST]: N intake requests as JSON lines.
intakes() {
	local f=$1 code=$2 n=$3 first=${4:-1}
	: >"$f"
	for i in $(seq "$first" $((first + n - 1))); do
		printf '{"cmd":"intake","args":{"source":"window","name":"群众%s","phone":"139%08d","content":"%s第%s件：窗口材料滞留"}}\n' \
			"$i" "$i" "$code" "$i" >>"$f"
	done
}

# free_port: a TCP port nobody listens on now.
free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		ss -ltn | grep -q ":$p " || { echo "$p"; return; }
	done
}
