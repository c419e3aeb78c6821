#!/usr/bin/env bash
# setup-county.sh — a county's configurations and link keys from one short
# description, ready to copy to each machine:
#
#   scripts/setup-county.sh --county SQ --name 沈丘县政务服务中心 \
#       --hub county.example --townships "HD=槐店镇便民服务中心,LZ=刘庄店镇便民服务中心" \
#       [--profile shenqiu] [--port 7101] [--out DIR] [--share /usr/share/yousu] \
#       [--state /var/lib/yousu] [--run /run/yousu] [--etc /etc/yousu]
#
# writes DIR/hub/hub.ini and DIR/hub/keys/CODE.key for each township, and
# DIR/CODE/node.ini with DIR/CODE/keys/CODE.key for each township (the same
# key at both ends, mode 0600), and DIR/README.txt saying what goes where.
# The hub listens for the townships on tcp://0.0.0.0:PORT and PORT+1 (frames
# sealed with the keys); each desk on 127.0.0.1:8080, for a reverse proxy
# or until a certificate is given ([http] tls_cert, tls_key).
set -euo pipefail
BIN=${YOUSU_BIN:-$(cd "$(dirname "$0")/.." && pwd)/build/bin}
[ -x "$BIN/yousuctl" ] || BIN=/usr/bin
COUNTY= NAME= HUB= TOWNS= PROFILE=shenqiu PORT=7101 OUT=./county
SHARE=/usr/share/yousu STATE=/var/lib/yousu RUN=/run/yousu ETC=/etc/yousu
die() { echo "setup-county: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
	[ $# -ge 2 ] || die "$1 needs a value"
	case $1 in
	--county) COUNTY=$2 ;;
	--name) NAME=$2 ;;
	--hub) HUB=$2 ;;
	--townships) TOWNS=$2 ;;
	--profile) PROFILE=$2 ;;
	--port) PORT=$2 ;;
	--out) OUT=$2 ;;
	--share) SHARE=$2 ;;
	--state) STATE=$2 ;;
	--run) RUN=$2 ;;
	--etc) ETC=$2 ;;
	*) die "unknown flag $1 (see --help)" ;;
	esac
	shift 2
done
code_ok() { [[ $1 =~ ^[A-Z][A-Z0-9]{1,15}$ ]]; }
[ -n "$COUNTY" ] || die "--county CODE is required (e.g. SQ)"
code_ok "$COUNTY" || die "county code '$COUNTY': 2-16 of A-Z 0-9, starting with a letter"
[ -n "$NAME" ] || die "--name is required (the county centre's name)"
[ -n "$HUB" ] || die "--hub is required (the county hub's host name or address, as the townships reach it)"
[ -n "$TOWNS" ] || die "--townships is required (CODE=名称,CODE=名称)"
[[ $PORT =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65534 ] ||
	die "--port '$PORT' is not a port number (1-65534; PORT and PORT+1 are used)"
[ -f "$SHARE/profiles/$PROFILE.ini" ] || die "no profile $SHARE/profiles/$PROFILE.ini"
DEPTS=$SHARE/departments/$PROFILE.ini
[ -f "$DEPTS" ] || DEPTS=$SHARE/departments/shenqiu.ini
[ -e "$OUT" ] && [ -n "$(ls -A "$OUT" 2>/dev/null)" ] && die "$OUT is not empty: give a new folder"

declare -A TNAME
CODES=()
IFS=',' read -r -a parts <<<"$TOWNS"
for p in "${parts[@]}"; do
	c=${p%%=*} n=${p#*=}
	[ "$c" != "$p" ] && [ -n "$n" ] || die "township '$p': give it as CODE=名称"
	code_ok "$c" || die "township code '$c': 2-16 of A-Z 0-9, starting with a letter"
	[ "$c" != "$COUNTY" ] || die "township code '$c' is the county's"
	[ -z "${TNAME[$c]:-}" ] || die "township code '$c' given twice"
	TNAME[$c]=$n
	CODES+=("$c")
done

umask 077
mkdir -p "$OUT/hub/keys"
common() { # common CODE NAME ROLE: the part every daemon's file has
	cat <<INI
; $3 of $NAME ($COUNTY), written by setup-county.sh
[centre]
code = $1
name = $2
[store]
path = $STATE/$4.db
[control]
listen = ipc://$RUN/$4.sock
[policy]
profile = $SHARE/profiles/$PROFILE.ini
calendar = $SHARE/calendars/cn.ini
departments = $DEPTS
[http]
; the desk: on loopback for a reverse proxy; for HTTPS here give a
; certificate and key (mode 0600) and listen on the LAN, e.g. 0.0.0.0:8443
listen = 127.0.0.1:8080
desk = $SHARE/web
;tls_cert = $ETC/desk.crt
;tls_key = $ETC/desk.key
INI
}
{
	common "$COUNTY" "$NAME" "the county hub" hub
	printf '[listen]\nuplink = tcp://0.0.0.0:%s\ndownlink = tcp://0.0.0.0:%s\n' "$PORT" "$((PORT + 1))"
	printf '[children]\n'
	for c in "${CODES[@]}"; do printf '%s = %s/keys/%s.key\n' "$c" "$ETC" "$c"; done
} >"$OUT/hub/hub.ini"
for c in "${CODES[@]}"; do
	mkdir -p "$OUT/$c/keys"
	"$BIN/yousuctl" keygen "$OUT/hub/keys/$c.key" >/dev/null
	cp -p "$OUT/hub/keys/$c.key" "$OUT/$c/keys/$c.key"
	{
		common "$c" "${TNAME[$c]}" "township $c" node
		printf '[parent]\ncode = %s\nuplink = tcp://%s:%s\ndownlink = tcp://%s:%s\nkey = %s/keys/%s.key\n' \
			"$COUNTY" "$HUB" "$PORT" "$HUB" "$((PORT + 1))" "$ETC" "$c"
	} >"$OUT/$c/node.ini"
done
cat >"$OUT/README.txt" <<TXT
$NAME ($COUNTY): ${#CODES[@]} township(s), written by setup-county.sh.

On the county hub's machine ($HUB):
  copy hub/hub.ini to $ETC/hub.ini and hub/keys/*.key to $ETC/keys/
  (owned by the daemon's user, mode 0600), open TCP ports $PORT and $((PORT + 1))
  to the townships, then: systemctl enable --now yousu-hub
On each township's machine (CODE is its folder here):
  copy CODE/node.ini to $ETC/node.ini and CODE/keys/CODE.key to $ETC/keys/
  (mode 0600), then: systemctl enable --now yousu-node
Carry the key files by a safe channel (a USB key in hand, not e-mail): a key
lets its holder send and read that township's link. Then make each
centre's first administrator, as the daemon's user on its machine:
  yousuctl -s ipc://$RUN/hub.sock user add admin --name 姓名 --roles admin
  (ipc://$RUN/node.sock at a township)
TXT
echo "setup-county: $OUT: hub/hub.ini and ${#CODES[@]} township(s) (${CODES[*]}); see $OUT/README.txt"
