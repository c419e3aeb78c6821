#!/usr/bin/env bash
# Issue 16, test 7: the Debian package. Built with cpack from this build,
# installed with dpkg -i on this machine: the binaries, units, samples and
# desk where the README says, the system user and its 0700 state folder;
# the units pass systemd-analyze verify; the installed daemons start from
# the installed paths with the sample configurations (directly, as the
# user yousu: systemd does not run here) and take a complaint; purged,
# the package leaves the stores. Needs root (dpkg): skipped (77) without.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "skipped: dpkg -i needs root"
	exit 77
fi
if compgen -G "/var/lib/yousu/*.db" >/dev/null && ! [ -e /var/lib/yousu/.yousu-package-test ]; then
	echo "skipped: /var/lib/yousu holds stores of a real installation; not touching it"
	exit 77
fi
undo() {
	for d in node hub bridge; do pkill -f "/usr/bin/yousu-$d -c /etc/yousu/$d.ini" 2>/dev/null || true; done
	dpkg --purge yousu >/dev/null 2>&1 || true
	rm -rf /var/lib/yousu /run/yousu /etc/yousu
	userdel yousu 2>/dev/null || true
}
undo
trap 'undo; cleanup' EXIT

build=$(dirname "$YOUSU_BIN")
out=$(cd "$build" && cpack -G DEB -B "$T/pkg" 2>&1) && rc=0 || rc=$?
check "cpack builds the package" "$rc" "0"
deb=$(ls "$T"/pkg/yousu_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && ok "a .deb: ${deb##*/}" || { not_ok "no .deb: $out"; exit 1; }
check_has "it depends on the libraries it links" "$(dpkg-deb -f "$deb" Depends)" "libnng"
check "its conffiles are the samples" "$(dpkg-deb -I "$deb" conffiles | tr '\n' ' ')" \
	"/etc/yousu/node.ini /etc/yousu/hub.ini /etc/yousu/bridge.ini "

out=$(dpkg -i "$deb" 2>&1) && rc=0 || rc=$?
check "dpkg -i installs it" "$rc" "0"
[ "$rc" = 0 ] || echo "$out" | sed 's/^/# /'
touch /var/lib/yousu/.yousu-package-test
for f in /usr/bin/yousu-node /usr/bin/yousu-hub /usr/bin/yousu-bridge /usr/bin/yousuctl \
	/lib/systemd/system/yousu-hub.service /etc/yousu/hub.ini \
	/usr/share/yousu/profiles/shenqiu.ini /usr/share/yousu/web/index.html \
	/usr/share/yousu/scripts/setup-county.sh /usr/share/doc/yousu/README.md; do
	[ -e "$f" ] && ok "installed: $f" || not_ok "not installed: $f"
done
check "the system user yousu" "$(getent passwd yousu | cut -d: -f6,7)" "/var/lib/yousu:/usr/sbin/nologin"
check "its state folder, 0700 and its own" "$(stat -c '%a %U' /var/lib/yousu)" "700 yousu"
check "the samples are not readable by others" "$(stat -c %a /etc/yousu/node.ini)" "640"

if command -v systemd-analyze >/dev/null; then
	out=$(systemd-analyze verify /lib/systemd/system/yousu-node.service \
		/lib/systemd/system/yousu-hub.service /lib/systemd/system/yousu-bridge.service 2>&1) && rc=0 || rc=$?
	check "the installed units pass systemd-analyze verify" "$rc" "0"
	[ -z "$out" ] || echo "$out" | sed 's/^/# /'
else
	not_ok "systemd-analyze is not here (package systemd)"
fi

# what the units' RuntimeDirectory= makes, made by hand
install -d -m 0750 -o yousu -g yousu /run/yousu
for d in node hub bridge; do
	runuser -u yousu -- "/usr/bin/yousu-$d" -c "/etc/yousu/$d.ini" 2>>"$T/$d.log" &
	PIDS+=($!)
	wait_for "the installed yousu-$d starts with the sample /etc/yousu/$d.ini" 20 \
		runuser -u yousu -- /usr/bin/yousuctl -s "ipc:///run/yousu/$d.sock" ping
done
id=$(runuser -u yousu -- /usr/bin/yousuctl -s ipc:///run/yousu/node.sock --actor 窗口 intake \
	--source window --name 安装测试 --phone 13900000009 --content "安装后受理的第一件" | head -1 | awk '{print $1}')
check_has "the installed node takes a complaint" "$id" "HD-"
check "its store is the user's alone" "$(stat -c '%a %U' /var/lib/yousu/node.db)" "600 yousu"
for d in node hub bridge; do pkill -f "/usr/bin/yousu-$d -c /etc/yousu/$d.ini" || true; done
sleep 0.5

dpkg --purge yousu >/dev/null 2>&1 && rc=0 || rc=$?
check "dpkg --purge removes it" "$rc" "0"
[ ! -e /usr/bin/yousu-node ] && ok "the binaries are gone" || not_ok "/usr/bin/yousu-node is still there"
[ -e /var/lib/yousu/node.db ] && ok "the stores stay (the county's records)" || not_ok "purging deleted the store"
finish
