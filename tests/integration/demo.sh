#!/usr/bin/env bash
# The README's first command: scripts/demo.sh runs the city bridge, the
# county hub and three townships, one of them cut off for two days. Checked
# here: it finishes, the township that was offline kept working and caught
# up (the county holds each of its complaints once, with what it did while
# offline), the overdue complaint was reminded, supervised and notified,
# the 12345 form's result came back, and the ledgers were written.
. "$(dirname "$0")/lib.sh"

D=$T/demo
YOUSU_BIN=$YOUSU_BIN bash "$YOUSU_SRC/scripts/demo.sh" --dir "$D" >"$T/demo.out" 2>&1 && rc=0 || rc=$?
check "the demo finishes" "$rc" "0"
[ "$rc" = 0 ] || tail -30 "$T/demo.out"
out=$(sed 's/\x1b\[[0-9;]*m//g' "$T/demo.out")
section() { # the demo's output from heading $1 to the next heading
	awk -v h="== $1" 'index($0, h) == 1 { f = 1; next } /^== / { f = 0 } f' <<<"$out"
}
down=$(section "Wed 23 Sep")
check_has "while its line is down the county sees 老城镇 offline" "$(grep '^  LC ' <<<"$down")" "offline"
check_has "... and 老城镇 holds its unsent work" "$(grep '^  SQ ' <<<"$down")" "offline"
check "... the county's ledger has only what LC sent before" "$(grep -c 'LC-2026' <<<"$down")" "1"
back=$(section "Thu 24 Sep")
check_has "back on line, LC shows online at the county" "$(grep '^  LC ' <<<"$back")" "online"
check "the county's ledger has LC's three complaints" "$(grep -c 'LC-2026' <<<"$back")" "3"
check_has "... with the reply LC gave while offline" "$back" "已办理：已协调派出所"
# the stores: every event LC made is at the county once, with the same data
check "the county holds LC's events, as many as LC made" "$(events_of "$D/county.db" LC)" "$(events_of "$D/LC.db" LC)"
check "... the same events, the same data" "$(digest "$D/county.db" LC)" "$(digest "$D/LC.db" LC)"
check_has "the overdue complaint at 刘庄店镇 was notified (通报)" "$(section "A township desk")" "通报"
check_has "the county's overdue ledger lists it" "$(section "The county's ledger")" "已超期"
check "the 12345 result came back to the city's outbound spool" \
	"$(ls "$D/12345-out" | grep -c 'result-ZK12345-20261015-0007.json')" "1"
for f in ledger-HD.csv ledger-HD.xlsx ledger-county.csv ledger-county.xlsx; do
	check "the demo leaves $f" "$([ -s "$D/$f" ] && echo yes)" "yes"
done
check "the county's CSV ledger has a row per complaint of the three townships" \
	"$(grep -c '^[0-9]*,\(HD\|LZ\|LC\)-2026' "$D/ledger-county.csv")" "13"
check_has "the city's table is by township" "$(section "The city")" "LC"
check_has "the township sees the county's steps on the escalated complaint" \
	"$(section "槐店镇 sees what the county did")" "清零销号"

# --profile: the same fortnight under 003's profile (its categories, its
# catalogue, same-day assignment); the directory of a finished demo refused
P=$T/demo-pingyi
YOUSU_BIN=$YOUSU_BIN bash "$YOUSU_SRC/scripts/demo.sh" --dir "$P" --profile pingyi >"$T/pingyi.out" 2>&1 && rc=0 || rc=$?
check "the demo finishes under --profile pingyi" "$rc" "0"
[ "$rc" = 0 ] || tail -30 "$T/pingyi.out"
check "... LC caught up there too" "$(events_of "$P/county.db" LC)" "$(events_of "$P/LC.db" LC)"
check_has "... with pingyi's categories in the county's ledger" "$(cat "$P/ledger-county.csv")" "线上或线下提交申请材料后，未能实现成功受理的事项"
err=$(YOUSU_BIN=$YOUSU_BIN bash "$YOUSU_SRC/scripts/demo.sh" --dir "$P" 2>&1) && rc=0 || rc=$?
check_has "a directory that holds a demo already is refused" "$rc:$err" "2:demo: $P already holds a demo's stores"
err=$(YOUSU_BIN=$YOUSU_BIN bash "$YOUSU_SRC/scripts/demo.sh" --profile nowhere 2>&1) && rc=0 || rc=$?
check_has "an unknown profile is refused, naming the ones there are" "$rc:$err" "2:demo: no profile"
finish
