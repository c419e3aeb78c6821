#!/usr/bin/env bash
# The county hub's statistics over a scripted set of thirteen complaints
# taken at two townships (HD, HE) and at the county window (SQ), all on
# test clocks moved one calendar day at a time from Mon 2026-09-21 to
# Wed 2026-10-14, across 中秋 and 国庆. Every expected figure below is
# worked out by hand from the Shenqiu profile (configs/profiles/
# shenqiu.ini), the 2026 calendar (../shared/data/cn-workdays.md) and the
# README's definitions, and written as a literal: nothing expected is
# read back from the code under test.
#
# Calendar, Sep-Oct 2026 (W = working day, - = day off):
#   Mon 21 W, Tue 22 W, Wed 23 W, Thu 24 W, Fri 25 - (中秋), Sat 26 -,
#   Sun 27 -, Mon 28 W, Tue 29 W, Wed 30 W, Thu 1 .. Wed 7 Oct - (国庆),
#   Thu 8 W, Fri 9 W, Sat 10 W (调休上班), Sun 11 -, Mon 12 W, Tue 13 W,
#   Wed 14 W.
# Limits (shenqiu): default 3, 办不了 3, 很难办 5, more than one
# department 5; the largest applies. The day of assignment is not
# counted. 催办 when at most 1 working day is left; 督办 on the first
# working day after the due date; 通报 2 working days after 督办; all on
# working days only, by the owner of the complaint (the township, or the
# hub for an escalated one).
#
# The complaints (A..M), what happens to each, and on which day:
#   A HD-20260921001 window  blocked   B general  RSJ + co GAJ: 5 days
#       from Mon 21 = 22,23,24,28,29 -> due Tue 09-29. 催办 Mon 28
#       (28 -> 29 is 1 day left). Replied Tue 29 (on time), qc pass,
#       visit 满意 Wed 30, closed Wed 30.
#   B HD-20260921002 hotline  rejected 09-21 (civil): no category.
#   C HD-20260921003 window  attitude  A general  当场办结 Mon 21, visit
#       基本满意, closed Mon 21.
#   D HD-20260922001 online  delayed   B general  SCJ: 3 days from Tue 22
#       = 23,24,28 -> due Mon 09-28. 催办 Thu 24 (24 -> 28: 1 day left),
#       督办 Tue 29, 通报 Thu 10-08 (29 -> 30, 8: 2 days). Replied Fri
#       10-09: late by 29,30,8,9 = 4 working days. qc pass, visit 满意 and
#       closed Sat 10-10.
#   E HD-20260922002 window  blocked   A 办不了    BDC: 3 days -> due Mon
#       09-28. "cannot" reply Wed 23, quality check FAILS Wed 23 (a redo):
#       new round of 3 days from Wed 23 = 24,28,29 -> due Tue 09-29.
#       Replied again Thu 24, qc pass; visit 满意 and closed Mon 28. No 催办
#       (on Thu 24 two days were left on either round).
#   F HD-20260923001 hotline  reform    C 很难办    SPJ + co SCJ: 5 days from
#       Wed 23 = 24,28,29,30,10-08 -> due Thu 10-08. 催办 Wed 30, 督办 Fri
#       10-09, 通报 Mon 10-12 (9 -> 10, 12). Never answered: on Wed 10-14 it
#       is overdue by 9,10,12,13,14 = 5 working days.
#   G HD-20260924001 online  extortion B general  SCJ: 3 days from Thu 24
#       = 28,29,30 -> due Wed 09-30. 催办 Tue 29. Replied Wed 30 (on time),
#       qc pass; visit 不满意 Thu 10-08; stays unsatisfied (not closed).
#   H HE-20260921001 window  blocked   A general  MZJ: 3 days -> due Thu
#       09-24. Replied Tue 22, qc pass; visit 基本满意, closed Wed 23.
#   I HE-20260921002 hotline, escalated to the hub on Mon 21 (跨层级); the
#       hub classifies hotline B 很难办 and assigns ZJJ + co ZRJ: 5 days ->
#       due Tue 09-29. The hub's 催办 Mon 28. The hub replies Tue 29 (on
#       time), qc pass; visit 满意, closed Wed 30.
#   J HE-20260922001 online  rejected 09-22 (out_of_scope).
#   K HE-20260923001 window  delayed   B general  YBJ: 3 days from Wed 23
#       = 24,28,29 -> due Tue 09-29; extended by 2 on Thu 24 -> 30,10-08
#       -> due Thu 10-08. 催办 Wed 30. Replied Thu 10-08 (on time), qc
#       pass; visit 满意, closed Fri 10-09.
#   L SQ-20260924001 the county window: attitude C general, 当场办结 Thu
#       24, visit 满意, closed Thu 24.
#   M HE-20261009001 window  blocked   A general  RSJ, received in
#       October: 3 days from Fri 10-09 = Sat 10 (调休), 12, 13 -> due Tue
#       10-13. 催办 Mon 10-12. Replied Tue 10-13 (on time); no check yet.
#
# Escalation events per day (hd he hub), in the order of the calendar:
#   09-24: D催办                         -> 1 0 0
#   09-28: A催办 (hd), I催办 (hub)        -> 1 0 1
#   09-29: D督办, G催办                   -> 2 0 0
#   09-30: F催办 (hd), K催办 (he)         -> 1 1 0
#   10-08: D通报                         -> 1 0 0
#   10-09: F督办                         -> 1 0 0
#   10-12: F通报 (hd), M催办 (he)         -> 1 1 0
#   every other day                      -> 0 0 0
#   reminders 7 (D A I G F K M), supervisions 2 (D F), notices 2 (D F).
. "$(dirname "$0")/lib.sh"

A="--actor"
# Shenqiu's profile with classes A/B/C declared (000's; 002 has none) and
# no class limits, so that by_class counts something and the limits stay
# Shenqiu's.
sed '/^\[limits\]/i [classes]\nA = 管委会协调\nB = 审批局研究\nC = 窗口办理\n' \
	"$YOUSU_SRC/configs/profiles/shenqiu.ini" >"$T/profile.ini"
use_profile() { sed -i "s|^profile = .*|profile = $T/profile.ini|" "$T/$1.ini"; }
hub_config hub SQ HD HE
use_profile hub
"$YOUSU_BIN/yousu-hub" -c "$T/hub.ini" --test-clock=2026-09-21T09:00 2>>"$T/hub.log" &
PIDS+=($!)
for n in hd he; do
	linked_node_config "$n" "${n^^}" hub SQ
	use_profile "$n"
	start_node "$n" --test-clock=2026-09-21T09:00
done
for _ in $(seq 1 100); do
	ctl hub --timeout 500 ping >/dev/null 2>&1 && break
	sleep 0.05
done

# new NAME ARGS...: the id of a complaint taken by intake.
new() { ctl "$@" | head -1 | awk '{print $1}'; }

# day DATE HD HE HUB: every clock to DATE 09:00, before the day's work;
# the scheduler runs at once, and fires HD, HE, HUB escalation events.
day() {
	local d=$1 want="$2 $3 $4" got=() n
	for n in hd he hub; do
		got+=("$(ctl "$n" --json clock set "${d}T09:00" | jq -r '.result.fired')")
	done
	check "$d: escalation events at hd he hub" "${got[*]}" "$want"
}

# check_lacks DESC HAYSTACK NEEDLE
check_lacks() {
	case "$2" in
	*"$3"*) not_ok "$1: '$3' found" ;;
	*) ok "$1" ;;
	esac
}

# The complainants' personal data, to be absent from the report.
NAMES=(王建国 刘秀英 张丽 赵强 孙梅 周涛 吴芳 郑伟 冯敏 陈静 褚磊 卫红 蒋军)
PHONES=(13903940001 13903940002 13903940003 13903940004 13903940005
	13903940006 13903940007 13903940008 13903940009 13903940010
	13903940011 13903940012 13903940013)
ADDRS=(槐店镇文化路12号 槐店镇北关村3组 槐店镇南街8号 和尚镇东街1号)
TEXTS=(社保卡补办材料齐全但窗口三次未受理 邻居占用宅基地修建围墙引发纠纷
	窗口工作人员态度生硬不解释 个体户营业执照变更网上提交后五天无人审核
	不动产证办理要件齐全但被要求补交无关证明 企业投资项目备案改革措施落实不到位反复跑
	办理食品经营许可被要求购买指定消毒设备 低保申请材料齐全但迟迟不予受理
	房屋维修资金申请长期无人答复 咨询明天是否下雨 医保异地备案提交后超过时限未办结
	县中心导办人员推诿称不归自己管 养老保险转移接续材料齐全仍被拒收)

# --- Mon 2026-09-21 ------------------------------------------------------
Ca=$(new hd $A 李娜 intake --source window --name 王建国 --phone 13903940001 \
	--address 槐店镇文化路12号 --content "${TEXTS[0]}")
check "A is HD's first complaint of the day" "$Ca" "HD-20260921001"
ctl hd $A 李娜 classify "$Ca" --category blocked --class B >/dev/null
out=$(ctl hd $A 张主任 assign "$Ca" --lead RSJ --co GAJ)
# two departments: 5 working days from Mon 21 = 22,23,24,28,29
check_has "A: two departments, 5 working days over 中秋" "$out" "due 2026-09-29 (5 working days)"
Cb=$(new hd $A 李娜 intake --source hotline --name 刘秀英 --phone 13903940002 \
	--address 槐店镇北关村3组 --content "${TEXTS[1]}")
ctl hd $A 李娜 reject "$Cb" --ground civil >/dev/null
Cc=$(new hd $A 李娜 intake --source window --name 张丽 --phone 13903940003 --content "${TEXTS[2]}")
ctl hd $A 李娜 classify "$Cc" --category attitude --class A >/dev/null
ctl hd $A 李娜 resolve "$Cc" --result "当场更换窗口人员并致歉" >/dev/null
ctl hd $A 回访员 visit "$Cc" --satisfaction basic >/dev/null
ctl hd $A 张主任 close "$Cc" >/dev/null
check "C is HD's third complaint" "$Cc" "HD-20260921003"

Ch=$(new he $A 陈 intake --source window --name 郑伟 --phone 13903940008 --content "${TEXTS[7]}")
check "H is HE's first complaint" "$Ch" "HE-20260921001"
ctl he $A 陈 classify "$Ch" --category blocked --class A >/dev/null
out=$(ctl he $A 陈 assign "$Ch" --lead MZJ)
# one department, general: 3 working days from Mon 21 = 22,23,24
check_has "H: 3 working days" "$out" "due 2026-09-24 (3 working days)"
Ci=$(new he $A 陈 intake --source hotline --name 冯敏 --phone 13903940009 \
	--address 和尚镇东街1号 --content "12345转来：${TEXTS[8]}")
ctl he $A 陈 escalate "$Ci" --reason "涉及县住建和自然资源两个部门" >/dev/null
wait_for "the escalated complaint reaches the hub" 20 owner_is hub "$Ci" SQ
ctl hub $A 县中心 classify "$Ci" --category hotline --nature hard --class B >/dev/null
out=$(ctl hub $A 县中心 assign "$Ci" --lead ZJJ --co ZRJ)
check_has "I at the hub: 很难办 and two departments, 5 working days" "$out" "due 2026-09-29 (5 working days)"

# --- Tue 09-22 ------------------------------------------------------------
day 2026-09-22 0 0 0
Cd=$(new hd $A 李娜 intake --source online --name 赵强 --phone 13903940004 --content "${TEXTS[3]}")
ctl hd $A 李娜 classify "$Cd" --category delayed --class B >/dev/null
out=$(ctl hd $A 张主任 assign "$Cd" --lead SCJ)
check_has "D: 3 working days from Tue 22 = 23,24,28" "$out" "due 2026-09-28 (3 working days)"
Ce=$(new hd $A 李娜 intake --source window --name 孙梅 --phone 13903940005 \
	--address 槐店镇南街8号 --content "${TEXTS[4]}")
ctl hd $A 李娜 classify "$Ce" --category blocked --nature cannot --class A >/dev/null
ctl hd $A 张主任 assign "$Ce" --lead BDC >/dev/null
ctl he $A 民政局 reply "$Ch" --kind done --result "已受理低保申请" >/dev/null
ctl he $A 质检员 qc "$Ch" --pass >/dev/null
Cj=$(new he $A 陈 intake --source online --name 陈静 --phone 13903940010 --content "${TEXTS[9]}")
ctl he $A 陈 reject "$Cj" --ground out_of_scope >/dev/null

# --- Wed 09-23 ------------------------------------------------------------
day 2026-09-23 0 0 0
ctl hd $A 不动产中心 reply "$Ce" --kind cannot --result "无法办理" \
	--reason "缺少原始档案" --basis "不动产登记暂行条例第十六条" >/dev/null
out=$(ctl hd $A 质检员 qc "$Ce" --fail --note "未核实档案是否可调取")
# a new round: 办不了, 3 working days from Wed 23 = 24,28,29
check_has "E: a failed check starts a new round" "$out" "due 2026-09-29 (3 working days)"
Cf=$(new hd $A 李娜 intake --source hotline --name 周涛 --phone 13903940006 --content "${TEXTS[5]}")
ctl hd $A 李娜 classify "$Cf" --category reform --nature hard --class C >/dev/null
out=$(ctl hd $A 张主任 assign "$Cf" --lead SPJ --co SCJ)
# 5 working days from Wed 23 = 24,28,29,30 and, after 国庆, Thu 10-08
check_has "F: 5 working days over 国庆" "$out" "due 2026-10-08 (5 working days)"
ctl he $A 回访员 visit "$Ch" --satisfaction 基本满意 >/dev/null
ctl he $A 张主任 close "$Ch" >/dev/null
Ck=$(new he $A 陈 intake --source window --name 褚磊 --phone 13903940011 --content "${TEXTS[10]}")
ctl he $A 陈 classify "$Ck" --category delayed --class B >/dev/null
out=$(ctl he $A 张主任 assign "$Ck" --lead YBJ)
check_has "K: 3 working days from Wed 23 = 24,28,29" "$out" "due 2026-09-29 (3 working days)"

# --- Thu 09-24 ------------------------------------------------------------
day 2026-09-24 1 0 0
ctl hd $A 不动产中心 reply "$Ce" --kind done --result "调取原始档案后已办理" >/dev/null
ctl hd $A 质检员 qc "$Ce" --pass >/dev/null
Cg=$(new hd $A 李娜 intake --source online --name 吴芳 --phone 13903940007 --content "${TEXTS[6]}")
check "G is HD's first complaint of the 24th" "$Cg" "HD-20260924001"
ctl hd $A 李娜 classify "$Cg" --category extortion --class B >/dev/null
out=$(ctl hd $A 张主任 assign "$Cg" --lead SCJ)
check_has "G: 3 working days from Thu 24 = 28,29,30" "$out" "due 2026-09-30 (3 working days)"
out=$(ctl he $A 带班领导 extend "$Ck" --days 2 --approver 刘主任 --reason "需跨省核实")
# Tue 09-29 plus 2 working days = Wed 30, Thu 10-08
check_has "K: extended by 2 working days over 国庆" "$out" "due 2026-10-08"
Cl=$(new hub $A 县窗口 intake --source window --name 卫红 --phone 13903940012 --content "${TEXTS[11]}")
check "L is the county window's complaint" "$Cl" "SQ-20260924001"
ctl hub $A 县窗口 classify "$Cl" --category attitude --class C >/dev/null
ctl hub $A 县窗口 resolve "$Cl" --result "首问负责当场办结" >/dev/null
ctl hub $A 回访员 visit "$Cl" --satisfaction 满意 >/dev/null
ctl hub $A 县中心 close "$Cl" >/dev/null

# --- 中秋 Fri 25 - Sun 27: nothing fires ------------------------------------
day 2026-09-25 0 0 0
day 2026-09-26 0 0 0
day 2026-09-27 0 0 0

# --- Mon 09-28 ------------------------------------------------------------
day 2026-09-28 1 0 1
ctl hd $A 回访员 visit "$Ce" --satisfaction 满意 >/dev/null
ctl hd $A 张主任 close "$Ce" >/dev/null

# --- Tue 09-29 ------------------------------------------------------------
day 2026-09-29 2 0 0
ctl hd $A 人社局 reply "$Ca" --kind done --result "已补办社保卡" >/dev/null
ctl hd $A 质检员 qc "$Ca" --pass >/dev/null
ctl hub $A 住建局 reply "$Ci" --kind done --result "维修资金申请已列入本月审批" >/dev/null
ctl hub $A 质检员 qc "$Ci" --pass >/dev/null

# --- Wed 09-30 ------------------------------------------------------------
day 2026-09-30 1 1 0
ctl hd $A 回访员 visit "$Ca" --satisfaction 满意 >/dev/null
ctl hd $A 张主任 close "$Ca" >/dev/null
ctl hd $A 市场监管局 reply "$Cg" --kind done --result "已责令停止指定购买" >/dev/null
ctl hd $A 质检员 qc "$Cg" --pass >/dev/null
ctl hub $A 回访员 visit "$Ci" --satisfaction 满意 >/dev/null
ctl hub $A 县中心 close "$Ci" >/dev/null

# --- 国庆 Thu 10-01 - Wed 10-07: nothing fires ------------------------------
for d in 01 02 03 04 05 06 07; do day 2026-10-$d 0 0 0; done

# --- Thu 10-08 ------------------------------------------------------------
day 2026-10-08 1 0 0
ctl hd $A 回访员 visit "$Cg" --satisfaction 不满意 --note "仍被要求购买" >/dev/null
ctl he $A 医保局 reply "$Ck" --kind done --result "异地备案已办结" >/dev/null
ctl he $A 质检员 qc "$Ck" --pass >/dev/null

# --- Fri 10-09 ------------------------------------------------------------
day 2026-10-09 1 0 0
ctl hd $A 市场监管局 reply "$Cd" --kind done --result "营业执照变更已审核通过" >/dev/null
ctl hd $A 质检员 qc "$Cd" --pass >/dev/null
ctl he $A 回访员 visit "$Ck" --satisfaction satisfied >/dev/null
ctl he $A 张主任 close "$Ck" >/dev/null
Cm=$(new he $A 陈 intake --source window --name 蒋军 --phone 13903940013 --content "${TEXTS[12]}")
check "M is HE's first complaint of 10-09" "$Cm" "HE-20261009001"
ctl he $A 陈 classify "$Cm" --category blocked --class A >/dev/null
out=$(ctl he $A 张主任 assign "$Cm" --lead RSJ)
# 3 working days from Fri 10-09 = Sat 10 (调休上班), Mon 12, Tue 13
check_has "M: the make-up Saturday counts" "$out" "due 2026-10-13 (3 working days)"

# --- Sat 10-10 (调休上班) ----------------------------------------------------
day 2026-10-10 0 0 0
ctl hd $A 回访员 visit "$Cd" --satisfaction 满意 >/dev/null
ctl hd $A 张主任 close "$Cd" >/dev/null
day 2026-10-11 0 0 0

# --- Mon 10-12 .. Wed 10-14 ---------------------------------------------------
day 2026-10-12 1 1 0
day 2026-10-13 0 0 0
ctl he $A 人社局 reply "$Cm" --kind done --result "已办理养老保险转移" >/dev/null
day 2026-10-14 0 0 0

wait_for "HD's events have all reached the hub" 30 no_backlog hd
wait_for "HE's events have all reached the hub" 30 no_backlog he
he_sees() { ctl he --json show "$Ci" | jq -e '.result.status == "closed"'; }
wait_for "HE sees the hub close its escalated complaint" 30 he_sees
check_has "the hub's store equals the replay of its logs" "$(ctl hub check)" "yes"

# --- anchors on single complaints (the hub's ledger 备注) ---------------------
L=$(ctl hub --json ledger --with-id)
remark() { jq -r --arg id "$1" '.result.rows[] | select(.[1] == $id) | .[-1]' <<<"$L"; }
check "D answered 4 working days late (29,30,10-08,10-09), notified" "$(remark "$Cd")" "超期4个工作日；已通报"
check "F open and 5 working days late (9,10,12,13,14), notified" "$(remark "$Cf")" "已超期5个工作日（未办结）；已通报"
check "A answered on its due day" "$(remark "$Ca")" "未超期"

# --- the hub's statistics, everything -------------------------------------------
S=$(ctl hub --json stats)
st() { jq -cS ".result.$1" <<<"$S"; }
# 13 = HD 7 (A B C D E F G) + HE 5 (H I J K M) + SQ 1 (L)
check "all: total" "$(st total)" "13"
check "all: by_origin" "$(st by_origin)" '{"HD":7,"HE":5,"SQ":1}'
# window A C E H K L M = 7; hotline B F I = 3; online D G J = 3
check "all: by_source" "$(st by_source)" '{"hotline":3,"online":3,"window":7}'
# blocked A E H M; attitude C L; delayed D K; reform F; extortion G;
# hotline I; not classified ("-") the rejected B J
check "all: by_category" "$(st by_category)" \
	'{"-":2,"attitude":2,"blocked":4,"delayed":2,"extortion":1,"hotline":1,"reform":1}'
# A: C E H M; B: A D G I K; C: F L; none: B J
check "all: by_class" "$(st by_class)" '{"-":2,"A":4,"B":5,"C":2}'
# cannot E; hard F I; general A C D G H K L M
check "all: by_nature" "$(st by_nature)" '{"-":2,"cannot":1,"general":8,"hard":2}'
# closed A C D E H I K L; rejected B J; assigned F; visited G; replied M
check "all: by_status" "$(st by_status)" \
	'{"assigned":1,"closed":8,"rejected":2,"replied":1,"visited":1}'
# lead: RSJ A M; SCJ D G; BDC E; SPJ F; MZJ H; ZJJ I; YBJ K
check "all: by_lead_department" "$(st by_lead_department)" \
	'{"BDC":1,"MZJ":1,"RSJ":2,"SCJ":2,"SPJ":1,"YBJ":1,"ZJJ":1}'
# lead or co: as above plus GAJ (co of A), SCJ (co of F), ZRJ (co of I)
check "all: by_department" "$(st by_department)" \
	'{"BDC":1,"GAJ":1,"MZJ":1,"RSJ":2,"SCJ":3,"SPJ":1,"YBJ":1,"ZJJ":1,"ZRJ":1}'
check "all: reminders (D A I G F K M)" "$(st reminders)" "7"
check "all: supervisions (D F)" "$(st supervisions)" "2"
check "all: notices (D F)" "$(st notices)" "2"
check "all: redos (E's failed check)" "$(st redos)" "1"
check "all: extensions (K)" "$(st extensions)" "1"
# answered = assigned to departments and replied in the current round:
# A D E G H I K M = 8 (F still open; C L on the spot; B J rejected);
# on time all but D = 7; 7/8 = 87.5 %
check "all: answered" "$(st answered)" "8"
check "all: answered_on_time" "$(st answered_on_time)" "7"
check "all: on_time_rate_pct (7/8)" "$(st on_time_rate_pct)" "87.5"
# overdue: D (4, answered late) and F (5, still open) = 2, 4 + 5 = 9
check "all: overdue" "$(st overdue)" "2"
check "all: overdue_working_days (4 + 5)" "$(st overdue_working_days)" "9"
# visited A C D E G H I K L = 9: 满意 A D E I K L, 基本满意 C H,
# 不满意 G; (6 + 2) / 9 = 88.888... = 88.89 % rounded to two places
check "all: visited" "$(st visited)" "9"
check "all: by_satisfaction" "$(st by_satisfaction)" '{"basic":2,"satisfied":6,"unsatisfied":1}'
check "all: satisfaction_rate_pct (8/9, rounded)" "$(st satisfaction_rate_pct)" "88.89"
# closed (清零销号; the rejected B J are not) A C D E H I K L = 8;
# working days from receipt to close:
#   A 09-21 -> 09-30: 22,23,24,28,29,30 = 6    C 09-21 -> 09-21: 0
#   D 09-22 -> 10-10: 23,24,28,29,30,8,9,10 = 8
#   E 09-22 -> 09-28: 23,24,28 = 3             H 09-21 -> 09-23: 22,23 = 2
#   I 09-21 -> 09-30: 6                        K 09-23 -> 10-09: 24,28,29,30,8,9 = 6
#   L 09-24 -> 09-24: 0
# sum 6+0+8+3+2+6+6+0 = 31; 31 / 8 = 3.875 = 3.88 rounded to two places
check "all: closed" "$(st closed)" "8"
check "all: avg_working_days_to_close (31/8, rounded)" "$(st avg_working_days_to_close)" "3.88"

# --- --township HD: A B C D E F G ----------------------------------------------
S=$(ctl hub --json stats --township HD)
check "HD: total" "$(st total)" "7"
check "HD: by_origin" "$(st by_origin)" '{"HD":7}'
# window A C E; hotline B F; online D G
check "HD: by_source" "$(st by_source)" '{"hotline":2,"online":2,"window":3}'
check "HD: by_category" "$(st by_category)" \
	'{"-":1,"attitude":1,"blocked":2,"delayed":1,"extortion":1,"reform":1}'
# A: C E; B: A D G; C: F; none: B
check "HD: by_class" "$(st by_class)" '{"-":1,"A":2,"B":3,"C":1}'
check "HD: by_lead_department" "$(st by_lead_department)" '{"BDC":1,"RSJ":1,"SCJ":2,"SPJ":1}'
check "HD: by_department" "$(st by_department)" '{"BDC":1,"GAJ":1,"RSJ":1,"SCJ":3,"SPJ":1}'
check "HD: reminders (D A G F)" "$(st reminders)" "4"
check "HD: supervisions (D F)" "$(st supervisions)" "2"
check "HD: notices (D F)" "$(st notices)" "2"
check "HD: redos (E)" "$(st redos)" "1"
# answered A D E G = 4, on time A E G = 3; 3/4 = 75 %
check "HD: answered" "$(st answered)" "4"
check "HD: answered_on_time" "$(st answered_on_time)" "3"
check "HD: on_time_rate_pct (3/4)" "$(st on_time_rate_pct)" "75"
check "HD: overdue (D F)" "$(st overdue)" "2"
check "HD: overdue_working_days (4 + 5)" "$(st overdue_working_days)" "9"
# visited A C D E G = 5, satisfied or basic 4; 4/5 = 80 %
check "HD: visited" "$(st visited)" "5"
check "HD: satisfaction_rate_pct (4/5)" "$(st satisfaction_rate_pct)" "80"
# closed A 6, C 0, D 8, E 3: 17 / 4 = 4.25
check "HD: closed" "$(st closed)" "4"
check "HD: avg_working_days_to_close (17/4)" "$(st avg_working_days_to_close)" "4.25"

# --- --township HE: H I J K M (I escalated, still HE's by origin) ---------------
S=$(ctl hub --json stats --township HE)
check "HE: total" "$(st total)" "5"
# window H K M; hotline I; online J
check "HE: by_source" "$(st by_source)" '{"hotline":1,"online":1,"window":3}'
check "HE: by_lead_department" "$(st by_lead_department)" '{"MZJ":1,"RSJ":1,"YBJ":1,"ZJJ":1}'
check "HE: reminders (I at the hub, K, M)" "$(st reminders)" "3"
check "HE: supervisions" "$(st supervisions)" "0"
check "HE: notices" "$(st notices)" "0"
check "HE: extensions (K)" "$(st extensions)" "1"
# answered H I K M = 4, all on time
check "HE: answered" "$(st answered)" "4"
check "HE: answered_on_time" "$(st answered_on_time)" "4"
check "HE: on_time_rate_pct (4/4)" "$(st on_time_rate_pct)" "100"
check "HE: overdue" "$(st overdue)" "0"
check "HE: overdue_working_days" "$(st overdue_working_days)" "0"
# visited H (basic) I K (satisfied) = 3, all count
check "HE: visited" "$(st visited)" "3"
check "HE: satisfaction_rate_pct (3/3)" "$(st satisfaction_rate_pct)" "100"
# closed H 2, I 6, K 6: 14 / 3 = 4.666... = 4.67 rounded
check "HE: closed" "$(st closed)" "3"
check "HE: avg_working_days_to_close (14/3, rounded)" "$(st avg_working_days_to_close)" "4.67"

# --- --dept SCJ: lead of D and G, co-handler of F ----------------------------
S=$(ctl hub --json stats --dept SCJ)
check "SCJ: total (D G lead, F co)" "$(st total)" "3"
check "SCJ: by_lead_department" "$(st by_lead_department)" '{"SCJ":2,"SPJ":1}'
check "SCJ: by_department" "$(st by_department)" '{"SCJ":3,"SPJ":1}'
check "SCJ: reminders (D G F)" "$(st reminders)" "3"
check "SCJ: supervisions (D F)" "$(st supervisions)" "2"
check "SCJ: notices (D F)" "$(st notices)" "2"
# answered D G, on time G: 1/2 = 50 %
check "SCJ: answered" "$(st answered)" "2"
check "SCJ: answered_on_time" "$(st answered_on_time)" "1"
check "SCJ: on_time_rate_pct (1/2)" "$(st on_time_rate_pct)" "50"
check "SCJ: overdue (D F)" "$(st overdue)" "2"
check "SCJ: overdue_working_days (4 + 5)" "$(st overdue_working_days)" "9"
# visited D (satisfied) G (unsatisfied): 1/2 = 50 %
check "SCJ: visited" "$(st visited)" "2"
check "SCJ: satisfaction_rate_pct (1/2)" "$(st satisfaction_rate_pct)" "50"
check "SCJ: closed (D)" "$(st closed)" "1"
check "SCJ: avg_working_days_to_close (D: 8)" "$(st avg_working_days_to_close)" "8"

# --- --dept ZRJ: co-handler of the escalated I only, assigned at the hub -------
S=$(ctl hub --json stats --dept ZRJ)
check "ZRJ: total (I, as co-handler)" "$(st total)" "1"
check "ZRJ: by_origin" "$(st by_origin)" '{"HE":1}'
check "ZRJ: by_lead_department" "$(st by_lead_department)" '{"ZJJ":1}'
check "ZRJ: reminders (the hub's, on I)" "$(st reminders)" "1"
check "ZRJ: avg_working_days_to_close (I: 6)" "$(st avg_working_days_to_close)" "6"

# --- --from 09-22 --to 09-23: D E J (22nd), F K (23rd) ------------------------
S=$(ctl hub --json stats --from 2026-09-22 --to 2026-09-23)
check "22-23: total" "$(st total)" "5"
check "22-23: by_origin" "$(st by_origin)" '{"HD":3,"HE":2}'
# online D J; window E K; hotline F
check "22-23: by_source" "$(st by_source)" '{"hotline":1,"online":2,"window":2}'
check "22-23: reminders (D F K)" "$(st reminders)" "3"
check "22-23: supervisions (D F)" "$(st supervisions)" "2"
check "22-23: notices (D F)" "$(st notices)" "2"
check "22-23: redos (E)" "$(st redos)" "1"
check "22-23: extensions (K)" "$(st extensions)" "1"
# answered D E K, on time E K: 2/3 = 66.666... = 66.67 % rounded
check "22-23: answered" "$(st answered)" "3"
check "22-23: answered_on_time" "$(st answered_on_time)" "2"
check "22-23: on_time_rate_pct (2/3, rounded)" "$(st on_time_rate_pct)" "66.67"
check "22-23: overdue_working_days (D 4 + F 5)" "$(st overdue_working_days)" "9"
check "22-23: visited (D E K)" "$(st visited)" "3"
check "22-23: satisfaction_rate_pct (3/3)" "$(st satisfaction_rate_pct)" "100"
# closed D 8, E 3, K 6: 17 / 3 = 5.666... = 5.67 rounded
check "22-23: closed" "$(st closed)" "3"
check "22-23: avg_working_days_to_close (17/3, rounded)" "$(st avg_working_days_to_close)" "5.67"

# --- --overdue: awaiting a reply past its due date: F only ---------------------
S=$(ctl hub --json stats --overdue)
check "overdue filter: total (F)" "$(st total)" "1"
check "overdue filter: overdue_working_days (F: 5)" "$(st overdue_working_days)" "5"

# --- the monthly report for September: everything but M -----------------------
R=$(ctl hub --json report --period month --date 2026-09-24)
check "report: the period" "$(jq -r '.result.from + ".." + .result.to' <<<"$R")" "2026-09-01..2026-09-30"
check "report: its stats are the stats of the same period" "$(jq -cS .result.stats <<<"$R")" \
	"$(jctl hub '.result | del(.names) | tojson' stats --from 2026-09-01 --to 2026-09-30 | jq -cS .)"
check "report: the city gets codes, not the names stats shows" "$(jq -r '.result.stats | has("names")' <<<"$R")" "false"
S=$(jq '{result: .result.stats}' <<<"$R")
check "report: total (13 - M)" "$(st total)" "12"
check "report: by_origin" "$(st by_origin)" '{"HD":7,"HE":4,"SQ":1}'
check "report: by_source (M was a window complaint)" "$(st by_source)" '{"hotline":3,"online":3,"window":6}'
check "report: by_status" "$(st by_status)" '{"assigned":1,"closed":8,"rejected":2,"visited":1}'
check "report: reminders (7 - M's)" "$(st reminders)" "6"
check "report: supervisions" "$(st supervisions)" "2"
check "report: notices" "$(st notices)" "2"
# answered A D E G H I K = 7, on time 6: 6/7 = 85.714... = 85.71 %
check "report: answered" "$(st answered)" "7"
check "report: answered_on_time" "$(st answered_on_time)" "6"
check "report: on_time_rate_pct (6/7)" "$(st on_time_rate_pct)" "85.71"
check "report: overdue_working_days" "$(st overdue_working_days)" "9"
check "report: satisfaction_rate_pct (8/9, rounded)" "$(st satisfaction_rate_pct)" "88.89"
check "report: avg_working_days_to_close (31/8, rounded)" "$(st avg_working_days_to_close)" "3.88"
# October holds M alone: replied on time, neither visited nor closed
S=$(ctl hub --json report --period month --date 2026-10-14)
check "October report: total (M)" "$(st stats.total)" "1"
check "October report: on_time_rate_pct (1/1)" "$(st stats.on_time_rate_pct)" "100"
check "October report: no visit, no rate" "$(st stats.satisfaction_rate_pct)" "null"
check "October report: nothing closed, no average" "$(st stats.avg_working_days_to_close)" "null"

# --- 响应率 and the monthly ranking (issue 17), by hand ----------------------------
# No contact duty here (no 12345 form's hours, no [response]): a complaint
# responds by its first answer, on time when by its first round's date.
# September, by township (B and J refused, not counted):
#   HD: A 09-29 by 09-29 yes; C on the spot yes; D 10-09 after 09-28 no;
#       E first answered 09-23 (the "cannot", before the failed check) by
#       09-28 yes; F none, 10-08 passed no; G 09-30 by 09-30 yes: 4/6.
#   HE: H 09-22 by 09-24 yes; I 09-29 by 09-29 yes; K 10-08 after its
#       first round's 09-29 (the extension moved the answer's date, not
#       the response's) no: 2/3.   SQ: L on the spot: 1/1.
S=$(ctl hub --json report --period month --date 2026-09-24)
check "report: response (7 of 10 decided)" "$(st stats.responded_on_time)/$(st stats.response_due)" "7/10"
check "report: response_rate_pct" "$(st stats.response_rate_pct)" "70"
check "report: no visit asked 解决/未解决: no 解决率" "$(st stats.resolve_asked) $(st stats.resolution_rate_pct)" "0 null"
# score = (25 x each rate) / (25 x the rates a township has), no 解决率:
#   HD (66.67 + 80 + 75) / 3 = 73.89; HE (66.67 + 100 + 100) / 3 = 88.89;
#   SQ (100 + 100) / 2 = 100 (L on the spot: no on-time rate).
rk() { jq -c "[.result.ranking[] | [.rank, .code, .score, .prev_rank, .rank_change]]" <<<"$1"; }
R9=$(ctl hub --json ranking --month 2026-09)
check "September's ranking of the townships (August had none)" "$(rk "$R9")" \
	'[[1,"SQ",100,null,null],[2,"HE",88.89,null,null],[3,"HD",73.89,null,null]]'
check "... HD's rates beside its score" \
	"$(jq -c '.result.ranking[2] | [.response_rate_pct, .resolution_rate_pct, .satisfaction_rate_pct, .on_time_rate_pct, .total]' <<<"$R9")" \
	'[66.67,null,80,75,7]'
# October holds M alone (HE): answered and responded on its date, no visit:
# (100 + 100) / 2 = 100, up from 2nd, +11.11
R10=$(ctl hub --json ranking --month 2026-10)
check "October's ranking: HE first, up one from September, +11.11" \
	"$(jq -c '[.result.ranking[] | [.rank, .code, .score, .prev_rank, .rank_change, .prev_score, .score_change]]' <<<"$R10")" \
	'[[1,"HE",100,2,1,88.89,11.11]]'
check "the weights (the profile sets none: 25 each)" "$(jq -c .result.weights <<<"$R10")" \
	'{"response_rate_pct":25,"resolution_rate_pct":25,"satisfaction_rate_pct":25,"on_time_rate_pct":25}'
ctl hub ranking --month 2026-09 --format csv -o "$T/ranking.csv" 2>/dev/null
check "exported as CSV like the ledger" "$(csv_header "$T/ranking.csv")" \
	"名次,单位,综合得分,响应率%,解决率%,满意率%,按时办结率%,诉求件数,上月名次,名次变化,上月得分,得分变化"
err=$(ctl hub ranking --month 2026-13 2>&1) && rc=0 || rc=$?
check_has "an impossible month is refused, named" "$rc:$err" "1:"
check_has "... saying what a month is" "$err" "'2026-13' is not a month (YYYY-MM)"
err=$(ctl hub ranking --by source 2>&1) && rc=0 || rc=$?
check_has "an unknown grouping is refused" "$err" "--by 'source' is not township or department"
D9=$(ctl hub --json ranking --month 2026-09 --by department)
check_has "by department, with the catalogue's names" "$(jq -r '[.result.ranking[].name] | join(",")' <<<"$D9")" "局"

# --- the report carries no personal data ---------------------------------------
# the hub does hold them (the ledger, and the addresses in each work order)
all=$(ctl hub --json ledger)
for id in "$Ca" "$Cb" "$Ce" "$Ci"; do all+=$(ctl hub --json show "$id"); done
for s in "${NAMES[@]}" "${PHONES[@]}" "${ADDRS[@]}"; do
	check_has "the hub holds $s" "$all" "$s"
done
for s in "${NAMES[@]}" "${PHONES[@]}" "${ADDRS[@]}" "${TEXTS[@]}"; do
	check_lacks "the report leaves out $s" "$R" "$s"
done
check "the report has no key name/phone/address/content" \
	"$(jq -c '[paths | .[] | strings | select(test("^(name|phone|address|content)$"))] | unique' <<<"$R")" "[]"
finish
