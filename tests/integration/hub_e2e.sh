#!/usr/bin/env bash
# Issue 4, end to end with real processes: a township escalates a
# complaint that needs two county departments; the hub routes it (lead and
# co-handler), the departments sign for it, the co-handler answers the
# lead, the lead asks for an extension that is granted (and one beyond the
# cap refused), a reminder and a supervision fire on the test clock, the
# quality check fails once (redo), the second reply passes, the return
# visit is satisfied and the complaint closes; the township sees every
# step. Then the county ledger filtered by township and department, and a
# transfer down to a second township that finds it on its desk.
#
# Dates (cn calendar, 2026): assigned Thu 09-24, 5 working days for a
# multi-department complaint counted from the next day: 09-25, 09-28,
# 09-29, 09-30, then National Day 10-01..07, 10-08 -> due 10-09 (as the
# Shenqiu profile counts it, see link_downlink). +2 working days:
# Sat 10-10 (a make-up working day), Mon 10-12 -> due 10-12.
. "$(dirname "$0")/lib.sh"

CLOCK=2026-09-24T09:00
hub_config hub SQ HD HE
"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" --test-clock=$CLOCK 2>>"$T/hub.log" &
PIDS+=($!)
for n in hd he; do
	linked_node_config "$n" "${n^^}" hub SQ
	start_node "$n" --test-clock=$CLOCK
done
wait_for "the hub answers" 20 ctl hub ping

ID=$(ctl hd --actor 李娜 intake --source window --name 王建国 --phone 13903940001 \
	--address 槐店镇文化路8号 \
	--content "开办餐馆办理营业执照时，窗口要求先补缴员工社保才给办" |
	head -1 | awk '{print $1}')
check_has "the township registers it" "$ID" "HD-20260924"
ctl hd --actor 李娜 classify "$ID" --category blocked >/dev/null
ctl hd --actor 李娜 escalate "$ID" --reason "涉及县市场监管和人社两个部门" >/dev/null
wait_for "the escalation makes the hub its owner" 20 owner_is hub "$ID" SQ

# routing: a proposal from the content, which the supervisor accepts
route=$(ctl hub --json route "$ID")
check "the proposed lead handles business licences" \
	"$(jq -r '.result.lead.code // .result.picks[0].code' <<<"$route")" "SCJ"
check_has "social insurance is proposed as co-handler" \
	"$(jq -c '.result' <<<"$route")" "RSJ"
err=$(ctl hub --actor 县中心 assign "$ID" --lead SCJ --co NOPE 2>&1) && rc=0 || rc=$?
check_has "an unknown department is refused by name" "$err" "NOPE"
out=$(ctl hub --actor 县中心 assign "$ID" --lead SCJ --co RSJ)
check_has "assigned to the lead and co-handler, due in 5 working days" "$out" "due 2026-10-09"

# the departments act through the hub
q=$(ctl hub --json queue --dept RSJ)
check "the co-handler finds it in its queue" "$(jq -r '.result[0].id + " " + .result[0].role' <<<"$q")" "$ID co"
ctl hub --actor 人社局张 accept "$ID" --dept RSJ >/dev/null
ctl hub --actor 市监局刘 accept "$ID" --dept SCJ >/dev/null
check "the lead waits for its co-handler" \
	"$(ctl hub --json queue --dept SCJ | jq -r '.result[0].waiting_for | join(",")')" "RSJ"
err=$(ctl hub --actor 人社局张 reply "$ID" --dept RSJ --kind done --result x 2>&1) && rc=0 || rc=$?
check_has "a co-handler cannot answer the complaint itself" "$err" "lead"
ctl hub --actor 人社局张 co-reply "$ID" --dept RSJ \
	--result "社保补缴不是办理营业执照的前置条件，已告知窗口" >/dev/null
check "the lead no longer waits" \
	"$(ctl hub --json queue --dept SCJ | jq -r '.result[0].waiting_for | length')" "0"

# an extension asked by the lead and granted within the cap; one beyond
ctl hub --actor 市监局刘 extend-request "$ID" --dept SCJ --days 2 --reason "需现场核实经营场所" >/dev/null
check "the request waits for approval" \
	"$(ctl hub --json queue --dept SCJ | jq -r '.result[0].extension_requested')" "true"
out=$(ctl hub --actor 县中心主任 extend "$ID" --days 2 --approver 县中心主任 --reason "需现场核实经营场所")
check_has "the extension moves the due date by 2 working days" "$out" "2026-10-12"
err=$(ctl hub --actor 县中心主任 extend "$ID" --days 4 --approver 县中心主任 --reason "再延" 2>&1) && rc=0 || rc=$?
check_has "an extension beyond the profile's cap (5) is refused" "$err" "5 at most"

# reminder one working day before the due date, supervision once past it
ctl hub clock set 2026-10-10T09:00 >/dev/null
check "a reminder (催办) fires on Sat 10-10, a make-up working day" \
	"$(ctl hub --json show "$ID" | jq -r '.result.reminders')" "1"
ctl hub clock set 2026-10-13T09:00 >/dev/null
check "a supervision (督办) fires once it is overdue" \
	"$(ctl hub --json show "$ID" | jq -r '.result.supervisions')" "1"
check_has "the ledger says it is overdue" \
	"$(ctl hub ledger --township HD --dept SCJ)" "超期1个工作日"

# reply, a failed quality check (redo), a second reply, visit, close
ctl hub --actor 市监局刘 reply "$ID" --kind done --result "已为其办理营业执照" >/dev/null
ctl hub --actor 质检员 qc "$ID" --fail --note "未答复两个窗口推诿的问题" >/dev/null
check "a failed quality check sends it back to the departments" \
	"$(ctl hub --json show "$ID" | jq -r '.result.status + " " + (.result.redos|tostring)')" "assigned 1"
check "the new round is signed for anew" \
	"$(ctl hub --json queue --dept SCJ | jq -r '.result[0].accepted')" "false"
ctl hub --actor 市监局刘 reply "$ID" --kind done \
	--result "已办理营业执照，并对两个窗口推诿问题责令整改" >/dev/null
ctl hub --actor 质检员 qc "$ID" --pass >/dev/null
ctl hub --actor 回访员 visit "$ID" --satisfaction satisfied --note "满意" >/dev/null
out=$(ctl hub --actor 县中心 close "$ID")
check_has "it closes (清零销号)" "$out" "closed"

closed_at_hd() { ctl hd --json show "$ID" | jq -e '.result.status == "closed"' >/dev/null; }
wait_for "the township sees the outcome" 20 closed_at_hd
check "the township holds the whole log" \
	"$(ctl hd --json show "$ID" | jq -r '[.result.log[].type] | join(",")')" \
	"intake,classify,transfer,assign,accept,accept,co_reply,extend_request,extend,remind,supervise,reply,qc,reply,qc,visit,close"
check "the township's copy equals the hub's" "$(digest "$T/hd.db" SQ)" "$(digest "$T/hub.db" SQ)"
check_has "both stores equal their logs" "$(ctl hd check) $(ctl hub check)" "yes"

# the county ledger: every township's complaints, filtered
ctl he --actor 陈 intake --source hotline --name 李四 --phone 13903940002 \
	--content "和尚镇的诉求" >/dev/null
wait_for "the second township's complaint reaches the hub" 20 no_backlog he
check "the ledger filtered by township" \
	"$(ctl hub --json ledger --township HE | jq -r '.result.rows | length')" "1"
check "the ledger filtered by department" \
	"$(ctl hub --json ledger --dept RSJ --with-id | jq -r '.result.rows[0][1]')" "$ID"
err=$(ctl hub ledger --dept NOPE 2>&1) && rc=0 || rc=$?
check_has "an unknown department filter is refused by name" "$err" "unknown department 'NOPE'"
err=$(ctl hub ledger --township ZZ 2>&1) && rc=0 || rc=$?
check_has "an unknown township filter is refused by name" "$err" "unknown township 'ZZ'"
ctl hub ledger --township HD --format csv -o "$T/hd.csv" >/dev/null
check "the CSV ledger opens with a byte-order mark" "$(head -c3 "$T/hd.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"

# a transfer down to the second township: it lands on that desk
K=$(ctl hub --actor 县窗口 intake --source window --name 赵六 --phone 13903940003 \
	--content "和尚镇户籍证明开具问题" | head -1 | awk '{print $1}')
ctl hub --actor 县中心 transfer "$K" --to HE --reason "由和尚镇便民服务中心办理" >/dev/null
on_he_desk() { ctl he --json list --status registered | jq -e --arg k "$K" '.result | map(.id) | index($k) != null' >/dev/null; }
wait_for "the second township finds it on its desk" 20 on_he_desk
out=$(ctl he --actor 和尚镇 classify "$K" --category blocked)
check_has "and now moves it" "$out" "$K"
finish
