#!/usr/bin/env bash
# Issue 17: notifications for an SMS gateway ([notify] spool) over a
# scripted fortnight on the test clock (Shenqiu's profile), with a kill -9
# and a restart in the middle: the spool holds exactly the expected files,
# none twice, each recorded as a 短信通知 event on its complaint.
#   A 09-21 window, agreed to be told (--notify): RSJ + co GAJ, 5 working
#     days 22,23,24,28,29 -> due 09-29: 交办 to RSJ and GAJ, 受理登记 to
#     the complainant; 催办 RSJ on 09-28; replied 09-29: 办理答复 to the
#     complainant.
#   B 09-21 window, not agreed: SCJ, 3 days 22,23,24 -> due 09-24: 交办
#     SCJ; 催办 09-23; 督办 09-28 (25-27 中秋 and the weekend); 通报 two
#     working days after, 09-30. Never to the complainant.
. "$(dirname "$0")/lib.sh"

node_config hd HD
mkdir -p "$T/spool"
printf '[notify]\nspool = %s\n' "$T/spool" >>"$T/hd.ini"
start_node hd --test-clock=2026-09-21T09:00
A=$(ctl hd --actor 窗口 intake --source window --name 张一 --phone 13900000101 \
	--content "社保转移办了两个月没结果" --notify | head -1 | awk '{print $1}')
ctl hd --actor 窗口 classify "$A" --category blocked >/dev/null
ctl hd --actor 窗口 assign "$A" --lead RSJ --co GAJ >/dev/null
B=$(ctl hd --actor 窗口 intake --source window --name 李二 --phone 13900000102 \
	--content "营业执照变更要求重复提交材料" | head -1 | awk '{print $1}')
ctl hd --actor 窗口 classify "$B" --category blocked >/dev/null
ctl hd --actor 窗口 assign "$B" --lead SCJ >/dev/null

# the files as "complaint kind to", sorted
files() {
	local f
	for f in "$T"/spool/*.json; do
		[ -e "$f" ] || continue
		jq -r '[.complaint, .kind, (.to.code // .to.kind)] | join(" ")' "$f" ||
			echo "could not read $f"
	done | sort
}
count() { find "$T/spool" -name 'notify-*.json' | wc -l; }
has_n() { [ "$(count)" = "$1" ]; }
wait_for "the day's notifications are written" 20 has_n 4
check "交办 to both departments, 受理登记 to A's complainant only" "$(files)" \
	"$(printf '%s\n' "$A assign GAJ" "$A assign RSJ" "$A registered complainant" "$B assign SCJ" | sort)"
f=$(ls "$T"/spool/notify-"$A"-registered.json)
check_has "the complainant is told the number and the due date" "$(jq -r .text "$f")" "$A"
check_has "... and the due date" "$(jq -r .text "$f")" "2026-09-29"
check "... at the phone given" "$(jq -r .to.phone "$f")" "13900000101"
check "written whole: no temporary file left" "$(ls -A "$T/spool" | grep -c '\.tmp$')" "0"
for day in 2026-09-22 2026-09-23 2026-09-24 2026-09-25 2026-09-26 2026-09-27; do
	ctl hd clock set "${day}T09:00" >/dev/null
done
wait_for "B's 催办 (09-23) is written" 20 has_n 5
# kill -9 and a restart: nothing written again, nothing lost
kill -9 "$PID_hd"
wait "$PID_hd" 2>/dev/null || true
start_node hd --test-clock
ctl hd clock set 2026-09-28T09:00 >/dev/null
wait_for "09-28: A's 催办 and B's 督办 after the restart" 20 has_n 7
ctl hd clock set 2026-09-29T09:00 >/dev/null
ctl hd --actor 人社局 reply "$A" --kind done --result "已办结转移" >/dev/null
wait_for "A's answer is told to its complainant" 20 has_n 8
ctl hd clock set 2026-09-30T09:00 >/dev/null
wait_for "B's 通报 (09-30)" 20 has_n 9
for day in 2026-10-08 2026-10-09; do ctl hd clock set "${day}T09:00" >/dev/null; done
sleep 1
check "the fortnight's spool, exactly, none twice" "$(files)" \
	"$(printf '%s\n' "$A assign GAJ" "$A assign RSJ" "$A registered complainant" \
		"$A remind RSJ" "$A replied complainant" \
		"$B assign SCJ" "$B remind SCJ" "$B supervise SCJ" "$B notice SCJ" | sort)"
check "each recorded once as a 短信通知 event (A 5, B 4)" \
	"$(jshow hd "$A" '[.result.log[] | select(.type == "notify")] | length') $(jshow hd "$B" '[.result.log[] | select(.type == "notify")] | length')" "5 4"
check_has "the log says what was sent to whom" "$(ctl hd show "$B")" "短信通知：县市场监督管理局（商事登记窗口）（通报）"
check "nothing left to write" "$(sqlite3 "$T/hd.db" 'SELECT count(*) FROM notify_outbox WHERE done = 0')" "0"
mode=$(stat -c %a "$(ls "$T"/spool/*.json | head -1)")
check "the spool's files are not readable by others ($mode)" "$(( 0$mode & 7 ))" "0"
check_has "the store equals the replay of its event log" "$(ctl hd check)" "consistent: yes"
finish
