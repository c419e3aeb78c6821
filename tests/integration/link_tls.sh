#!/usr/bin/env bash
# The link over tls+tcp://: a node that trusts the hub's certificate gets
# through; a node given another CA cannot connect (its complaints wait in
# its outbox), and a hub without a certificate refuses to start.
. "$(dirname "$0")/lib.sh"

command -v openssl >/dev/null || { echo "skip: openssl is not installed"; FAILS=0; exit 77; }
cert() { # cert NAME CN: self-signed certificate and key in $T/NAME.pem
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-keyout "$T/$1.key.pem" -out "$T/$1.crt" -days 2 -subj "/CN=$2" 2>/dev/null
	cat "$T/$1.crt" "$T/$1.key.pem" >"$T/$1.pem"
	chmod 600 "$T/$1.pem" "$T/$1.key.pem"
}
cert hub yousu-hub
cert other someone-else

HUB_UP="tls+tcp://127.0.0.1:$(free_port)"
HUB_DOWN="tls+tcp://127.0.0.1:$(free_port)"
hub_config hub SQ GOOD BAD
cp "$T/hub.ini" "$T/nocert.ini"
sed -i "s|^tls_cert_key.*||; s|^path = .*|path = $T/nocert.db|; s|hub.sock|nocert.sock|" "$T/nocert.ini"
HUB_TLS_CERT="$T/hub.pem" hub_config hub SQ GOOD BAD
err=$("$YOUSU_BIN/yousu-hub" -c "$T/nocert.ini" 2>&1) && rc=0 || rc=$?
check "a tls+tcp:// hub without a certificate does not start" "$rc" "1"
check_has "and says what is missing" "$err" "tls_cert_key"

# the ports were free when picked; another test may have taken one
# since: then two others
for attempt in 1 2 3 4 5; do
	"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" 2>>"$T/hub.log" &
	hub_pid=$!
	for _ in $(seq 1 40); do
		"$YOUSU_BIN/yousuctl" -s "ipc://$T/hub.sock" --timeout 300 ping >/dev/null 2>&1 && break
		kill -0 "$hub_pid" 2>/dev/null || break
		sleep 0.05
	done
	kill -0 "$hub_pid" 2>/dev/null && break
	grep -q "Address in use" "$T/hub.log" || break
	echo "# attempt $attempt: a port was taken meanwhile; two others"
	HUB_UP="tls+tcp://127.0.0.1:$(free_port)"
	HUB_DOWN="tls+tcp://127.0.0.1:$(free_port)"
	HUB_TLS_CERT="$T/hub.pem" hub_config hub SQ GOOD BAD
done
PIDS+=($hub_pid)
NODE_TLS_CA="$T/hub.crt" NODE_TLS_NAME=yousu-hub linked_node_config good GOOD hub SQ
NODE_TLS_CA="$T/other.crt" NODE_TLS_NAME=yousu-hub linked_node_config bad BAD hub SQ
start_node good
start_node bad
intakes "$T/g.jsonl" GOOD 50
intakes "$T/b.jsonl" BAD 50
ctl good batch "$T/g.jsonl" >/dev/null
ctl bad batch "$T/b.jsonl" >/dev/null
wait_for "over TLS the trusting node's complaints arrive" 30 no_backlog good
check "each once" "$(digest "$T/hub.db" GOOD)" "$(digest "$T/good.db" GOOD)"
sleep 2
check "a node that does not trust the hub's certificate stays out" "$(backlog bad)" "50"
check "nothing of it at the hub" "$(events_of "$T/hub.db" BAD)" "0"
finish
