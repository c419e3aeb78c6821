#!/usr/bin/env bash
# Issue 5: the 12345 hotline gateway. One city bridge (ZK), two county
# hubs (SQ, XC), two townships each, all real processes. A dispatch form
# (交办单) for county XC's township XB, dropped in the bridge's inbound
# spool, lands on XB's desk, is handled and closed there, and the result
# file appears in the bridge's outbound spool. The caller's name and phone
# reach XB and never rest at the city. Malformed forms are moved aside
# with their reasons; `yousuctl hotline import` says why at once.
. "$(dirname "$0")/lib.sh"

CLOCK=2026-09-21T09:00
mkdir -p "$T/in" "$T/out"
cat >"$T/areas.ini" <<'INI'
[county 沈丘县]
code = SQ
[county 项城市]
code = XC
alias = 项城
[area 槐店回族镇]
county = SQ
township = HD
alias = 槐店镇, 槐店
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
start_city $CLOCK

# form ITEM AREA [extra JSON members]: a dispatch form as the hotline writes it
form() {
	cat <<JSON
{"item_no": "$1", "source": "12345热线", "time_limit_days": 5,
 "caller": "钱多多", "phone": "13912340001",
 "signed_at": "2026-09-21 09:05", "accepted_at": "2026-09-21 09:10",
 "area": $2, "summary": "来电人反映在秣陵镇便民服务中心办理养老保险认证，窗口称系统不通让其回县里办理。",
 "lead_unit": "项城市人社局", "contact_within_hours": 2, "feedback_within_days": 5${3:-}}
JSON
}
ITEM=ZK12345-20260921-0001
form "$ITEM" '{"county": "项城", "township": "秣陵镇"}' >"$T/in/.$ITEM.tmp"
mv "$T/in/.$ITEM.tmp" "$T/in/$ITEM.json"
form ZK-BAD-DATE '{"county": "项城市", "township": "秣陵镇"}' |
	sed 's/2026-09-21 09:10/2026-02-30 09:10/' >"$T/in/bad-date.json"
form ZK-BAD-AREA '{"county": "项城市", "township": "月亮镇"}' >"$T/in/bad-area.json"
form ZK-NO-SUMMARY '"新桥镇"' | sed 's/"summary": "[^"]*",//' >"$T/in/bad-missing.json"
echo '{"item_no": "ZK-BROKEN", "source": ' >"$T/in/bad-json.json"
ctl city hotline scan >/dev/null

on_xb_desk() { ctl xb --json list --source hotline | jq -e '.result | length == 1' >/dev/null; }
wait_for "the form lands on XB's desk" 20 on_xb_desk
ID=$(ctl xb --json list --source hotline | jq -r '.result[0].id')
doc=$(ctl xb --json show "$ID")
check "it is registered with its 12345 item number" "$(jq -r .result.hotline_no <<<"$doc")" "$ITEM"
check "the caller's name and phone reached the township" \
	"$(jq -r '.result.name + " " + .result.phone' <<<"$doc")" "钱多多 13912340001"
check "no other township received it" \
	"$(for n in hd he xa; do sqlite3 "$T/$n.db" "select count(*) from complaints where source = 'hotline'"; done | tr -d '\n')" "000"
check "the imported form left the inbound spool" "$(files_in "$T/in" '*.json')" "0"
for b in bad-date bad-area bad-missing bad-json; do
	check "$b.json moved aside with its error" \
		"$(test -f "$T/in/rejected/$b.json" && test -f "$T/in/rejected/$b.json.error" && echo yes)" "yes"
done
check_has "an impossible date is named" "$(cat "$T/in/rejected/bad-date.json.error")" "accepted_at"
check_has "an unknown area is named" "$(cat "$T/in/rejected/bad-area.json.error")" "月亮镇"
check_has "a missing field is named" "$(cat "$T/in/rejected/bad-missing.json.error")" "summary"
check_has "bad JSON is said" "$(cat "$T/in/rejected/bad-json.json.error")" "JSON"
rej=$(ctl city --json hotline rejected)
check "hotline rejected lists the refused forms" "$(jq -r '[.result[].file] | join(" ")' <<<"$rej")" \
	"$(cd "$T/in/rejected" && ls | grep -v '\.error$' | sort | tr '\n' ' ' | sed 's/ $//')"
check_has "... each with its reason" "$(jq -r '.result[] | select(.file == "bad-area.json") | .error' <<<"$rej")" "月亮镇"
form "$ITEM" '"秣陵镇"' >"$T/again.json"
err=$(ctl city hotline import "$T/again.json" 2>&1) && rc=0 || rc=$?
check_has "a form imported twice is refused by its item number" "$err" "imported already"
err=$(ctl city hotline import "$T/in/rejected/bad-area.json" 2>&1) && rc=0 || rc=$?
check_has "hotline import says why at once" "$err" "月亮镇"
out=$(form ZK12345-20260921-0002 '"槐店镇"' >"$T/hd.json"; ctl city hotline import "$T/hd.json")
check_has "a form for the other county goes there" "$out" "HD"

# the form's own terms bind the township (001 附件1): its 办理时限, when
# the caller is told the outcome (5 working days from Mon 09-21: 22, 23,
# 24, 28, 29), the units it names as a routing proposal
check "the form's 办理时限 is kept" "$(field xb "$ID" time_limit_days)" "5"
check "the caller's feedback is due in its 5 working days" "$(field xb "$ID" callback_due)" "2026-09-29"
check "its 主办单位 is shown" "$(field xb "$ID" lead_unit)" "项城市人社局"
check "route proposes the unit the form names (人社局, an alias)" \
	"$(jctl xb '.result.hotline_units.lead.code + " " + .result.lead.code' route "$ID")" "RSJ RSJ"
check_has "show prints the form's terms" "$(ctl xb show "$ID")" "反馈来电人期限：2026-09-29"

# handled and closed at the township; the result comes back to the city
w() { ctl xb --actor 秣陵镇窗口 "$@" >/dev/null; }
w classify "$ID" --category blocked
w assign "$ID" --lead RSJ
# the form allows 5 days (09-29); the profile's 3 (09-24) end sooner
check "the profile may only shorten the form's limit" "$(field xb "$ID" due)" "2026-09-24"
w reply "$ID" --kind done --result "已联系人社部门现场为其完成养老保险认证"
w qc "$ID" --pass
w visit "$ID" --satisfaction satisfied --note "来电人满意"
w close "$ID"
result_out() { test -f "$T/out/result-$ITEM.json"; }
wait_for "the result file appears in the outbound spool" 30 result_out
r=$(cat "$T/out/result-$ITEM.json")
check "the result names the item and the outcome" \
	"$(jq -r '.item_no + " " + .status + " " + .visit.satisfaction' <<<"$r")" "$ITEM closed satisfied"
check_has "and how it was handled" "$(jq -r .result <<<"$r")" "养老保险认证"
check "and that the caller was told in time (at the visit)" \
	"$(jq -r '.feedback | "\(.due) \(.by) \(.on_time)"' <<<"$r")" "2026-09-29 visit true"
check "no temporary file is left" "$(files_in "$T/out" '*tmp*')" "0"

# the other way: a window complaint that is the hotline's, handed over
H=$(ctl hd --actor 李娜 intake --source window --name 孙小美 --phone 13912340009 \
	--content "反映市区公交线路调整问题，不属于乡镇便民服务中心事项" | head -1 | awk '{print $1}')
out=$(ctl hd --actor 李娜 hotline handover "$H" --reason "属市交通运输部门职责，转12345热线")
check_has "the township refuses it here (不予受理)" "$out" "$H"
check "its status" "$(ctl hd --json show "$H" | jq -r .result.status)" "rejected"
handover_out() { test -f "$T/out/handover-$H.json"; }
wait_for "the handover file appears in the outbound spool" 30 handover_out
check "the hotline gets the caller to call back, and why" \
	"$(jq -r '.caller + " " + .phone + " " + .reason' "$T/out/handover-$H.json")" \
	"孙小美 13912340009 属市交通运输部门职责，转12345热线"

# the caller never rests at the city
check "no caller's name or phone, nor the matter, in the city's SQLite files or log" \
	"$(leaks "$T"/city.db* "$T/city.log" -- 钱多多 13912340001 养老保险认证 孙小美 13912340009)" "0"
check_has "hotline list shows where each form went and what became of it" \
	"$(ctl city hotline list)" "$ITEM"
check "the city tracks the item, done" \
	"$(sqlite3 "$T/city.db" "select county || '/' || township || ' ' || status from city_hotline where item = '$ITEM'")" "XC/XB closed"
finish
