#!/usr/bin/env bash
# scripts/setup-county.sh: a county from one short description; the hub and
# two townships started from what it wrote (paths moved into the test's
# folder), a complaint taken at a township reaches the county; keys 0600
# and the same at both ends; bad descriptions refused with the reason.
. "$(dirname "$0")/lib.sh"

S="$YOUSU_SRC/scripts/setup-county.sh"
args=(--county SQ --name 沈丘县政务服务中心 --hub 127.0.0.1
	--townships "HD=槐店镇便民服务中心,LZ=刘庄店镇便民服务中心"
	--share "$YOUSU_SRC/configs" --state "$T" --run "$T" --etc "$T/etc")
# the hub listens on PORT and PORT+1: both free now
while :; do
	port=$(free_port)
	ss -ltn | grep -q ":$((port + 1)) " || break
done
out=$("$S" "${args[@]}" --port "$port" --out "$T/county" 2>&1) && rc=0 || rc=$?
check "the county is written" "$rc" "0"
check_has "... and said" "$out" "2 township(s) (HD LZ)"
check "each key is 0600" "$(stat -c %a "$T/county/hub/keys/HD.key" "$T/county/HD/keys/HD.key" | sort -u)" "600"
check "the same key at both ends" "$(cmp -s "$T/county/hub/keys/LZ.key" "$T/county/LZ/keys/LZ.key" && echo same)" "same"
check_has "what goes where is written down" "$(cat "$T/county/README.txt")" "systemctl enable --now yousu-hub"

# installed: keys where the files say; each in its own folder; desks on
# free ports and the demo's web folder
mkdir -p "$T/etc/keys" "$T/hd" "$T/lz"
cp "$T/county/hub/keys/"*.key "$T/etc/keys/"
fix() { # fix FILE NAME: its store and socket by NAME, its desk on a free port
	sed -e "s#^path = $T/\\(hub\\|node\\).db#path = $T/$2.db#" \
		-e "s#^listen = ipc://$T/\\(hub\\|node\\).sock#listen = ipc://$T/$2.sock#" \
		-e "s|^listen = 127.0.0.1:8080|listen = 127.0.0.1:$(free_port)|" \
		-e "s|^desk = .*|desk = $YOUSU_SRC/web|" "$1" >"$T/$2.ini"
}
fix "$T/county/hub/hub.ini" sq
fix "$T/county/HD/node.ini" hd
fix "$T/county/LZ/node.ini" lz
# start_retrying PROG NAME: start it; when a port it was given has been
# taken since it was picked (other tests bind ports too), again on new
# ones (for the hub, its two link ports with the townships' files)
start_retrying() {
	local prog=$1 name=$2 up attempt
	for attempt in 1 2 3 4 5; do
		: >"$T/$name.log"
		start_daemon "$prog" "$name"
		up=
		for _ in $(seq 1 100); do
			ctl "$name" --timeout 300 ping >/dev/null 2>&1 && { up=1; break; }
			grep -q "in use" "$T/$name.log" && break
			sleep 0.1
		done
		[ -n "$up" ] && return 0
		grep -q "in use" "$T/$name.log" || break
		echo "# $name, attempt $attempt: a port was taken meanwhile"
		sed -i "s#^listen = 127.0.0.1:[0-9]*#listen = 127.0.0.1:$(free_port)#" "$T/$name.ini"
		[ "$prog" = hub ] || continue
		port=$(free_port)
		sed -i "s#tcp://0.0.0.0:[0-9]*#tcp://0.0.0.0:$port#; s#^downlink = tcp://0.0.0.0:[0-9]*#downlink = tcp://0.0.0.0:$((port + 1))#" "$T/sq.ini"
		sed -i "s#tcp://127.0.0.1:[0-9]*#tcp://127.0.0.1:$port#; s#^downlink = tcp://127.0.0.1:[0-9]*#downlink = tcp://127.0.0.1:$((port + 1))#" "$T/hd.ini" "$T/lz.ini"
	done
	not_ok "$name does not start"
	cat "$T/$name.log"
	finish
	exit 1
}
start_retrying hub sq
start_retrying node hd
start_retrying node lz
id=$(ctl hd --actor 李娜 intake --source window --name 张三 --phone 13900001234 --content "按生成的配置受理" | awk '{print $1}')
wait_for "a complaint taken at HD reaches the county" 30 ctl sq show "$id"
check_has "... as HD's" "$(ctl sq show "$id" 2>&1)" "HD"

err=$("$S" --county sq --name x --hub h --townships "HD=x" --share "$YOUSU_SRC/configs" --out "$T/a" 2>&1) && rc=0 || rc=$?
check "a lower-case county code is refused" "$rc" "2"
check_has "... with the rule" "$err" "2-16 of A-Z 0-9"
err=$("$S" --county SQ --name x --hub h --townships "HD=x,HD=y" --share "$YOUSU_SRC/configs" --out "$T/b" 2>&1) && rc=0 || rc=$?
check_has "a township given twice is refused" "$err" "given twice"
err=$("$S" --county SQ --name x --hub h --townships "HD" --share "$YOUSU_SRC/configs" --out "$T/c" 2>&1) && rc=0 || rc=$?
check_has "a township without its name is refused" "$err" "CODE=名称"
err=$("$S" "${args[@]}" --out "$T/county" 2>&1) && rc=0 || rc=$?
check_has "a folder already written is not overwritten" "$err" "not empty"
err=$("$S" --county SQ --name x --hub h --townships "HD=x" --share "$YOUSU_SRC/configs" --profile nosuch --out "$T/d" 2>&1) && rc=0 || rc=$?
check_has "an unknown profile is named" "$err" "nosuch"
finish
