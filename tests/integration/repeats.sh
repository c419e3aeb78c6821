#!/usr/bin/env bash
# Issue 17: repeat complaints (重复件). One city bridge with the 12345
# gateway, county hub SQ with townships HD and HE (Shenqiu's profile,
# [repeats] window_days unset: 30), on test clocks:
#   O 08-01 at HD, phone …0088: outside the window by 09-20.
#   A 09-10 at HD's window, phone …0077, assigned to SCJ, answered,
#     visited and closed the same day.
#   H 09-20 the same caller through the 12345 hotline, dispatched to HD.
#   B 09-20 at HD's window, linked as a repeat of A (closed 10 days ago:
#     counts against SCJ, 重复投诉); then an addition to H (补充反映).
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/in" "$T/out"
cat >"$T/areas.ini" <<'INI'
[county 沈丘县]
code = SQ
[county 项城市]
code = XC
[area 槐店回族镇]
county = SQ
township = HD
[area 和尚镇]
county = SQ
township = HE
[area 新桥镇]
county = XC
township = XA
[area 秣陵镇]
county = XC
township = XB
INI
city_config ZK
printf '[hotline]\ninbound = %s\noutbound = %s\nareas = %s\n' "$T/in" "$T/out" "$T/areas.ini" >>"$T/city.ini"
start_city 2026-08-01T09:00
A_="--actor 窗口"
take() { # NODE PHONE CONTENT [more]: a window complaint's id
	ctl "$1" $A_ intake --source window --name 王某 --phone "$2" --content "$3" "${@:4}" |
		head -1 | awk '{print $1}'
}
O=$(take hd 13912340088 "不动产登记预约排不上号")
clocks() { for n in city sq hd he; do ctl "$n" clock set "$1" >/dev/null; done; }
clocks 2026-09-10T09:00
TEXT="开餐馆办理营业执照变更，窗口要求补交材料，跑了三次还没办成"
A=$(take hd 13912340077 "$TEXT")
ctl hd $A_ classify "$A" --category blocked >/dev/null
ctl hd $A_ assign "$A" --lead SCJ >/dev/null
ctl hd --actor 市场监管局 reply "$A" --kind done --result "已办结变更" >/dev/null
ctl hd $A_ qc "$A" --pass >/dev/null
ctl hd $A_ visit "$A" --satisfaction 满意 >/dev/null
ctl hd $A_ close "$A" >/dev/null
clocks 2026-09-20T09:00
cat >"$T/in/.f.tmp" <<JSON
{"item_no": "ZK12345-20260920-0007", "source": "12345热线", "time_limit_days": 5,
 "caller": "王某", "phone": "13912340077",
 "signed_at": "2026-09-20 09:05", "accepted_at": "2026-09-20 09:10",
 "area": {"county": "沈丘县", "township": "槐店回族镇"},
 "summary": "来电人反映在槐店镇办理营业执照变更，窗口要求补交材料，跑了三次还没办成。",
 "lead_unit": "沈丘县市场监督管理局", "contact_within_hours": 2, "feedback_within_days": 5}
JSON
mv "$T/in/.f.tmp" "$T/in/ZK12345-20260920-0007.json"
ctl city hotline scan >/dev/null
on_desk() { [ "$(ctl hd --json list --source hotline | jq '.result | length')" = 1 ]; }
wait_for "the 12345 form lands on HD's desk" 20 on_desk
H=$(ctl hd --json list --source hotline | jq -r '.result[0].id')

found() { ctl "$1" --json repeats "${@:2}" | jq -r '[.result.found[] | .id + ":" + .match] | sort | join(" ")'; }
check "HD: the same phone, window and 12345, within the window, offered" \
	"$(found hd --phone 13912340077)" "$(printf '%s\n' "$A:phone" "$H:phone" | sort | xargs)"
check "HD: a phone last seen outside the window (O, 50 days ago) is not" \
	"$(found hd --phone 13912340088)" ""
has_h() { [ "$(jshow sq "$H" .result.id)" = "$H" ]; }
wait_for "the hub holds the 12345 complaint" 20 has_h
check "the hub: the same search across the county's townships" \
	"$(found sq --phone 13912340077)" "$(printf '%s\n' "$A:phone" "$H:phone" | sort | xargs)"
check "HD: a similar text from another phone is offered (same township)" \
	"$(found hd --content "开餐馆办营业执照变更，窗口要补交材料，跑三次没办成" | grep -o "$A:content")" "$A:content"
check "... but not for another township's texts" \
	"$(found hd --content "开餐馆办营业执照变更，窗口要补交材料，跑三次没办成" --township HE)" ""
check "an unrelated text finds nothing" "$(found hd --content "农村低保申请材料审核")" ""
check_has "yousuctl names the match in Chinese" "$(ctl hd repeats --phone 13912340077)" "同一电话"
err=$(ctl hd repeats 2>&1) && rc=0 || rc=$?
check_has "a search with nothing to look for is refused" "$rc:$err" "1:"
check_has "... saying what to give" "$err" "phone, org or content"

# the window links a new complaint as a repeat of A, closed 10 days ago
B=$(take hd 13912340099 "$TEXT" --repeat-of "$A")
check "B is a repeat of A, counted against A's department (SCJ)" \
	"$(jshow hd "$B" '.result.repeat_of + " " + .result.repeat_dept')" "$A SCJ"
err=$(take hd 13912340099 "x" --repeat-of HD-NOPE 2>&1) && rc=0 || rc=$?
check_has "a repeat of an unknown complaint is refused, named" "$err" "no complaint 'HD-NOPE' here"
# an addition to the open 12345 complaint: no new complaint, no deadline
before=$(jshow hd "$H" '.result.due // "none"')
ctl hd $A_ add "$H" --content "来电人又来窗口反映同一问题" --source window >/dev/null
check "the addition is kept on H, its deadline unchanged" \
	"$(jshow hd "$H" '[(.result.additions | length), (.result.due // "none")] | map(tostring) | join(" ")')" "1 $before"
check_has "... and in its log" "$(ctl hd show "$H")" "补充反映（窗口）：来电人又来窗口反映同一问题"
err=$(ctl hd $A_ add "$A" --content "又来了" 2>&1) && rc=0 || rc=$?
check_has "a closed complaint takes no addition (a repeat is a new one)" "$rc:$err" "1:"

st=$(ctl hd --json stats --from 2026-09-20 --to 2026-09-20)
check "statistics: one repeat, one against a department" \
	"$(jq -c '.result | [.repeats, .repeat_complaints]' <<<"$st")" "[1,1]"
r=$(ctl hd --json report --date 2026-09-20)
check "the report counts it against SCJ (A's lead), not B's own" \
	"$(jq -c '[.result.groups.department.SCJ.repeat_complaints]' <<<"$r")" "[1]"
ctl hd ledger --format csv -o "$T/ledger.csv" 2>/dev/null
check_has "the ledger's 备注 says so" "$(grep 13912340099 "$T/ledger.csv")" "重复件（前件$A，计重复投诉）"
finish
