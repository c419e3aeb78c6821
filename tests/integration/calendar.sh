#!/usr/bin/env bash
# The calendar never runs out (issue 11): a county hub and two townships
# on test clocks assign work at 2026-12-24 whose deadlines run into 2027
# with no 2027 data. Nothing is refused; every figure past 2026 is counted
# Monday to Friday (1 January excepted) and marked provisional (暂定); the
# scheduler's steps are taken and marked. Then a [2027] section (test
# data, not the State Council's notice) makes 01-04 a holiday; the
# calendar is loaded again (yousuctl calendar reload, SIGHUP): due dates
# and lateness are corrected by 期限调整 events at the owner, which reach
# the county (and the township, for a complaint the county owns); the
# county's ledger and statistics show the corrected figures; every store
# still equals its logs.
. "$(dirname "$0")/lib.sh"

# one calendar file for the county, the townships' copies are the same
CALENDAR=$T/cn.ini
cp "$YOUSU_SRC/configs/calendars/cn.ini" "$CALENDAR"
GXQ=$YOUSU_SRC/configs/profiles/anyang-gxq.ini
GXQ_DEPTS=$YOUSU_SRC/configs/departments/anyang-gxq.ini

# --- warnings ahead ------------------------------------------------------------
hub_config hub SQ AY HD
linked_node_config ay AY hub SQ "$GXQ" "$GXQ_DEPTS"
linked_node_config hd HD hub SQ
out=$("$YOUSU_BIN/yousu-node" -c "$T/ay.ini" --check --test-clock=2026-10-15 2>&1)
check_has "--check names the calendar's version" "$out" "calendar 2025-2026:"
case $out in *warning*) not_ok "no warning 77 days ahead: $out" ;; *) ok "no warning 77 days before the calendar ends" ;; esac
out=$("$YOUSU_BIN/yousu-node" -c "$T/ay.ini" --check --test-clock=2026-11-15 2>&1)
check_has "--check warns 46 days ahead" "$out" "warning: 工作日日历只到2026-12-31（还有46天）"

start_daemon hub hub --test-clock=2026-12-24T09:00
wait_for "the hub answers" 20 ctl hub ping
start_node ay --test-clock=2026-12-24T09:00
start_node hd --test-clock=2026-12-24T09:00
check_has "the start-up log warns" "$(cat "$T/ay.log")" "CALENDAR 工作日日历只到2026-12-31（还有7天）"
check "ping says the calendar is ending" "$(jctl ay .result.calendar.state ping)" "ending"
check_has "status says so too" "$(ctl hub status)" "警告：工作日日历只到2026-12-31"

# --- 2026-12-24: assignments into 2027 are not refused ------------------------
intake() { ctl "$1" --actor 窗口 intake --source window --name "$2" --phone 13903720001 --content "$3" | awk '{print $1}'; }
C3=$(intake ay 王一 "窗口办事推诿")
ctl ay --actor 窗口 classify "$C3" --category attitude --class C >/dev/null
check_has "class C (3 days) within 2026" "$(ctl ay --actor 窗口 assign "$C3" --lead CK)" "due 2026-12-29 (3 working days)"
B5=$(intake ay 王二 "施工许可两个窗口推诿")
ctl ay --actor 窗口 classify "$B5" --category blocked --class B >/dev/null
check_has "class B (5 days) ends on 12-31" "$(ctl ay --actor 窗口 assign "$B5" --lead SPJ)" "due 2026-12-31 (5 working days)"
A10=$(intake ay 王三 "补贴政策冲突需管委会协调")
ctl ay --actor 窗口 classify "$A10" --category reform --class A >/dev/null
out=$(ctl ay --actor 窗口 assign "$A10" --lead GWH)
check_has "class A (10 days) runs into 2027: assigned, provisional" "$out" "due 2027-01-08 (10 working days, 暂定 provisional)"
check "its due date is marked provisional" "$(jshow ay "$A10" .result.due_provisional)" "true"
check "the event keeps the day counted from" \
	"$(jshow ay "$A10" '.result.log[] | select(.type == "assign") | .data.due_from + " " + (.data.limit_days|tostring)')" "2026-12-24 10"
check_has "the work order says 暂定" "$(ctl ay show "$A10" --workorder)" "2027-01-08（10个工作日，暂定）"

E=$(intake hd 李一 "营业执照变更未办")
ctl hd --actor 窗口 classify "$E" --category blocked >/dev/null
check_has "HD: 3 days" "$(ctl hd --actor 窗口 assign "$E" --lead SCJ)" "due 2026-12-29"
X=$(intake hd 李二 "涉及县级部门的诉求")
ctl hd --actor 窗口 escalate "$X" --reason 跨层级 >/dev/null
wait_for "the county owns the escalated complaint" 20 owner_is hub "$X" SQ
ctl hub --actor 县中心 classify "$X" --category blocked >/dev/null
check_has "the county assigns it (several levels: 5 days)" "$(ctl hub --actor 县中心 assign "$X" --lead SCJ)" "due 2026-12-31"

# --- the days go by, to 2027-01-15, with no 2027 data --------------------------
day() { for d in hub ay hd; do ctl "$d" clock set "$1T09:00" >/dev/null; done; }
for d in 2026-12-25 2026-12-26 2026-12-27 2026-12-28; do day "$d"; done
# extensions into 2027, at the township and at the county
out=$(ctl hd --actor 带班领导 extend "$E" --days 3 --approver 张主任 --reason 需补充材料)
check_has "an extension into 2027 is granted, provisional" "$out" "due 2027-01-04 (3 working days, extended, 暂定 provisional)"
day 2026-12-29
out=$(ctl hub --actor 县中心 extend "$X" --days 2 --approver 县中心主任 --reason 跨部门会商)
check_has "the county's extension into 2027 too" "$out" "due 2027-01-05 (5 working days, extended, 暂定 provisional)"
for d in 2026-12-30 2026-12-31 2027-01-01 2027-01-02 2027-01-03 2027-01-04 2027-01-05 \
	2027-01-06 2027-01-07 2027-01-08 2027-01-09 2027-01-10 2027-01-11; do
	day "$d"
done
ctl ay clock set 2027-01-12T10:00 >/dev/null
ctl hub clock set 2027-01-12T10:00 >/dev/null
ctl ay --actor 管委会 reply "$A10" --kind done --result "已协调解决" >/dev/null
ctl hub --actor 市场监管局 reply "$X" --kind done --result "已办结" >/dev/null
for d in 2027-01-13 2027-01-14 2027-01-15; do day "$d"; done
ctl ay clock set 2027-01-15T10:00 >/dev/null
ctl ay --actor 审批局 reply "$B5" --kind done --result "已办结" >/dev/null

# every step was taken, and those counted past 2026 say so
prov_steps() { jshow ay "$1" "[.result.log[] | select(.data.provisional == true) | .type] | join(\" \")"; }
check "C3: notified on Mon 01-04, provisionally" "$(prov_steps "$C3")" "notice"
check "B5: supervised 01-04 and notified 01-06, provisionally" "$(prov_steps "$B5")" "supervise notice"
check "A10: reminded, supervised, provisionally" "$(prov_steps "$A10")" "remind supervise"
check "every step records the calendar version" \
	"$(jshow ay "$C3" '[.result.log[] | select(.type == "notice") | .data.calendar] | join("")')" \
	"$(jctl ay .result.calendar.version ping)"
check "B5 answered 01-15: 10 working days late, provisional" \
	"$(jshow ay "$B5" '"\(.result.late_days) \(.result.late_provisional)"')" "10 true"
check "A10 answered 01-12: 2 working days late, provisional" \
	"$(jshow ay "$A10" '"\(.result.late_days) \(.result.late_provisional)"')" "2 true"
check "C3 is 12 working days overdue, provisionally" \
	"$(jctl ay '.result[] | select(.id == "'"$C3"'") | "\(.overdue_days) \(.overdue_provisional)"' list --overdue)" "12 true"
check_has "list shows 暂定" "$(ctl ay list --overdue)" "12（暂定）"
remarks() { jctl "$1" '.result.rows[] | select(.[1] == "'"$2"'") | .[-1]' ledger --with-id "${@:3}"; }
check_has "the ledger's 备注: overdue, provisional, and why" "$(remarks ay "$B5")" \
	"超期10个工作日（暂定）；已通报；暂定：2027年起的放假安排未载入日历，暂按周一至周五（1月1日除外）计算"
check "the ledger never says 未超期 when it is not known" \
	"$(jctl ay '[.result.rows[][-1] | select(contains("未超期"))] | length' ledger)" "0"
check "stats count the provisional figures" "$(jctl ay .result.provisional stats)" "3"
check "ping: the calendar is exceeded" "$(jctl ay .result.calendar.state ping)" "exceeded"
check_has "yousuctl calendar: the open complaints with provisional figures" "$(ctl ay calendar)" "有暂定数字的办理中诉求：1 件"

# the county holds the same, provisional
synced() { no_backlog ay && no_backlog hd; }
wait_for "the townships' events are at the county" 20 synced
check "the county's ledger shows the provisional remarks" "$(remarks hub "$B5" --township AY | grep -c '（暂定）')" "1"
check "the county's statistics count them" "$(jctl hub .result.provisional stats --township AY)" "3"
check "the county's overdue working days, provisional" "$(jctl hub .result.overdue_working_days stats --township AY)" "24"

# --- the 2027 notice arrives (test data) ---------------------------------------
cat >>"$CALENDAR" <<'INI'

# TEST DATA, written by tests/integration/calendar.sh: not the State
# Council's 2027 notice. New Year's Day off 01-01..01-04.
[2027]
holidays = 01-01..01-04
INI
out=$(ctl ay calendar reload)
check_has "the township reloads: versions" "$out" "→ 2025-2027:"
check_has "three of its complaints are adjusted" "$out" "期限调整 3 件"
check "A10's due date is corrected and final" \
	"$(jshow ay "$A10" '"\(.result.due) \(.result.due_provisional)"')" "2027-01-11 null"
check "the 期限调整 keeps the old and new dates and versions" \
	"$(jshow ay "$A10" '.result.log[] | select(.type == "adjust") | .data | "\(.old_due)>\(.due) \(.old_calendar|.[0:10])>\(.calendar|.[0:10])"')" \
	"2027-01-08>2027-01-11 2025-2026:>2025-2027:"
check "A10 was 1 working day late, not 2" "$(jshow ay "$A10" '"\(.result.late_days) \(.result.late_provisional)"')" "1 null"
check "B5 was 9 working days late, not 10" "$(jshow ay "$B5" '"\(.result.late_days) \(.result.late_provisional)"')" "9 null"
check_has "C3's notice on 01-04 stays, and is noted" \
	"$(jshow ay "$C3" '.result.log[] | select(.type == "adjust") | .data.steps[].note')" "按新日历，2027-01-04不是工作日"
check "C3 still has its notice" "$(events ay "$C3" notice)" "1"
check_has "A10's early reminder is noted" \
	"$(jshow ay "$A10" '[.result.log[] | select(.type == "adjust") | .data.steps[].note] | join(" ")')" "催办早于规定"
check "the ledger shows the corrected remarks" "$(remarks ay "$B5")" "超期9个工作日；已通报"
check "nothing provisional is left at the township" "$(jctl ay .result.provisional stats)" "0"
check_has "a second reload changes nothing" "$(ctl ay calendar reload)" "日历未变"

out=$(ctl hd calendar reload)
check_has "HD reloads: its extension is adjusted" "$out" "期限调整 1 件"
check "E's extended due date is 01-05" "$(jshow hd "$E" '"\(.result.due) \(.result.due_provisional)"')" "2027-01-05 null"

# the county loads it on SIGHUP
kill -HUP "$(pgrep -f "yousu-hub -c $T/hub.ini")"
reloaded() { grep -q "calendar reloaded" "$T/hub.log"; }
wait_for "the hub reloads on SIGHUP" 20 reloaded
check "the county's own complaint is adjusted" \
	"$(jshow hub "$X" '"\(.result.due) \(.result.late_days) \(.result.late_provisional)"')" "2027-01-06 4 null"
check_has "the county's premature 督办 is noted" \
	"$(jshow hub "$X" '.result.log[] | select(.type == "adjust") | .data.steps[].note')" "尚未超期"
hd_has() { [ "$(events hd "$X" adjust)" = 1 ]; }
wait_for "the county's 期限调整 reaches the township" 20 hd_has
at_hub() { [ "$(events hub "$1" adjust)" = 1 ]; }
wait_for "A10's 期限调整 is at the county" 20 at_hub "$A10"
wait_for "B5's 期限调整 is at the county" 20 at_hub "$B5"
wait_for "C3's 期限调整 is at the county" 20 at_hub "$C3"
wait_for "E's 期限调整 is at the county" 20 at_hub "$E"
check "the county's ledger: B5 corrected" "$(remarks hub "$B5" --township AY)" "超期9个工作日；已通报"
check "the county's ledger: A10's due date" \
	"$(jctl hub '.result.rows[] | select(.[1] == "'"$A10"'") | .[9]' ledger --with-id --township AY)" "2027-01-11（10个工作日）"
check "the county's statistics: overdue working days corrected (11 + 9 + 1)" \
	"$(jctl hub .result.overdue_working_days stats --township AY)" "21"
check "the county's statistics: nothing provisional" "$(jctl hub .result.provisional stats)" "0"
check "the county's monthly report agrees" \
	"$(jctl hub .result.stats.overdue_working_days report --date 2026-12-24)" \
	"$(jctl hub .result.overdue_working_days stats --from 2026-12-01 --to 2026-12-31)"

# --- a calendar with a mistake changes nothing ---------------------------------
cp "$CALENDAR" "$T/good.ini"
printf '[2028]\nholidays = 02-30\n' >>"$CALENDAR"
err=$(ctl ay calendar reload 2>&1) && rc=0 || rc=$?
check "a broken calendar file is refused" "$rc" "1"
check_has "the refusal names file and line" "$err" "impossible date '02-30' in [2028]"
check_has "and says the calendar in use stays" "$err" "stays"
check_has "the version in use is unchanged" "$(jctl ay .result.calendar.version ping)" "2025-2027:"
cp "$T/good.ini" "$CALENDAR"

# --- restarts: nothing counted twice; every store equals its logs -------------
kill "$PID_ay"
wait "$PID_ay" 2>/dev/null || true
start_node ay --test-clock
check "a restart under the same calendar adds no 期限调整" "$(events ay "$A10" adjust)" "1"
for d in ay hd hub; do check_has "$d: every state equals its log" "$(ctl "$d" check)" "yes"; done
finish
