#!/usr/bin/env bash
# The yousu demo: the city bridge, a county hub and three township nodes in
# a temp dir, joined by the sealed link, on test clocks. A scripted
# fortnight of complaints from every source and category goes through the
# workflow: on-the-spot, refused, multi-department, failed quality check,
# extended, overdue (催办, 督办, 通报 across the National Day holidays), one
# escalated to the county, one dispatched by the 12345 hotline through the
# city; one township loses its line for two days, keeps working and
# catches up. Then what each level sees: a township desk, a work order,
# the ledger, the county's ledger with its overdue remarks, the city's
# statistics.
#   scripts/demo.sh [--keep] [--profile NAME] [--dir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${YOUSU_BIN:-$PWD/build/bin}
PROFILE=shenqiu
KEEP=
DIR=
while [ $# -gt 0 ]; do
	case $1 in
	--keep) KEEP=1 ;;
	--profile) PROFILE=$2; shift ;;
	--dir) DIR=$2; shift ;;
	-h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "demo: unknown flag $1" >&2; exit 2 ;;
	esac
	shift
done
SRC=$PWD
PROFILE_INI=$SRC/configs/profiles/$PROFILE.ini
[ -f "$PROFILE_INI" ] || {
	echo "demo: no profile $PROFILE_INI (one of: $(cd configs/profiles && ls | sed 's/\.ini$//' | tr '\n' ' '))" >&2
	exit 2
}
# the profile's own department catalogue when there is one
DEPTS=$SRC/configs/departments/$PROFILE.ini
[ -f "$DEPTS" ] || DEPTS=$SRC/configs/departments/shenqiu.ini
DIR=${DIR:-$(mktemp -d /tmp/yousu-demo.XXXXXX)}
# the stores keep their test clocks: a second fortnight in the same place
# would start where the first ended
if compgen -G "$DIR/*.db" >/dev/null; then
	echo "demo: $DIR already holds a demo's stores; give a new or empty directory" >&2
	exit 2
fi
mkdir -p "$DIR" "$DIR/12345-in" "$DIR/12345-out"
TOWNS="HD LZ LC"
for k in SQ $TOWNS; do
	[ -f "$DIR/$k.key" ] || "$BIN/yousuctl" keygen "$DIR/$k.key" >/dev/null
done

# --- what the scenario needs from the profile ----------------------------------
# profile_keys SECTION: the keys of one section of the profile
profile_keys() {
	awk -v s="[$1]" '$0 == s { f = 1; next } /^\[/ { f = 0 }
		f && /^[A-Za-z0-9_.]+ *=/ { sub(/ *=.*/, ""); print }' "$PROFILE_INI"
}
CATS=" $(profile_keys categories | tr '\n' ' ') "
# cat KIND: the profile's category for one of the demo's kinds of complaint
# (000/001/002's codes; 003 and 004 name theirs by what went wrong)
cat_of() {
	local want=$1
	case "$CATS" in *" $want "*) echo "$want"; return ;; esac
	case $want in
	blocked) set -- not_accepted ;;
	reform) set -- not_approved suggestion ;;
	hotline) set -- delayed repeated ;;
	*) set -- attitude repeated ;;
	esac
	for c in "$@"; do case "$CATS" in *" $c "*) echo "$c"; return ;; esac; done
	profile_keys categories | head -1
}
# a refusal ground: civil disputes where the profile has them, else the last
GROUND=$(profile_keys refusals | grep -x civil || profile_keys refusals | tail -1)
# a profile with classes files every complaint in one: C, the window's
CLASS=()
profile_keys classes | grep -qx C && CLASS=(--class C)
EXT_MAX=$(awk -F' *= *' '/^max_days/ { print $2 }' "$PROFILE_INI")

# --- the configs -------------------------------------------------------------------
# each centre's desk on a free port of the loopback address
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
declare -A PORT
for k in city county $TOWNS; do PORT[$k]=$(free_port); done
centre() { # centre NAME CODE TITLE: the common part of a daemon's config
	printf '[centre]\ncode = %s\nname = %s\n[store]\npath = %s/%s.db\n' "$2" "$3" "$DIR" "$1"
	printf '[control]\nlisten = ipc://%s/%s.sock\n[policy]\n' "$DIR" "$1"
	printf 'profile = %s\ncalendar = %s/configs/calendars/cn.ini\n' "$PROFILE_INI" "$SRC"
	printf 'departments = %s\n' "$DEPTS"
	printf '[link]\nheartbeat_ms = 300\nreconnect_max_ms = 1000\noffline_after_ms = 1500\n'
	printf '[http]\nlisten = 127.0.0.1:%s\ndesk = %s/web\n' "${PORT[$1]}" "$SRC"
}
{
	centre city ZK 周口市政务服务和大数据管理局
	printf '[listen]\nuplink = ipc://%s/city-up.sock\ndownlink = ipc://%s/city-down.sock\n' "$DIR" "$DIR"
	printf '[children]\nSQ = %s/SQ.key\n' "$DIR"
	printf '[hotline]\ninbound = %s/12345-in\noutbound = %s/12345-out\n' "$DIR" "$DIR"
	printf 'areas = %s/configs/hotline/areas.ini\n' "$SRC"
} >"$DIR/city.ini"
{
	centre county SQ 沈丘县政务服务中心
	printf '[listen]\nuplink = ipc://%s/up.sock\ndownlink = ipc://%s/down.sock\n' "$DIR" "$DIR"
	printf '[children]\n'
	for k in $TOWNS; do printf '%s = %s/%s.key\n' "$k" "$DIR" "$k"; done
	printf '[parent]\ncode = ZK\nuplink = ipc://%s/city-up.sock\n' "$DIR"
	printf 'downlink = ipc://%s/city-down.sock\nkey = %s/SQ.key\n' "$DIR" "$DIR"
} >"$DIR/county.ini"
town_name() {
	case $1 in
	HD) echo 沈丘县槐店回族镇便民服务中心 ;;
	LZ) echo 沈丘县刘庄店镇便民服务中心 ;;
	LC) echo 沈丘县老城镇便民服务中心 ;;
	esac
}
# town_config CODE [UPLINK DOWNLINK]: the township's config, its line to the
# county at the given addresses (the county's by default)
town_config() {
	centre "$1" "$1" "$(town_name "$1")"
	printf '[parent]\ncode = SQ\nuplink = %s\n' "${2:-ipc://$DIR/up.sock}"
	printf 'downlink = %s\nkey = %s/%s.key\n' "${3:-ipc://$DIR/down.sock}" "$DIR" "$1"
}
for k in $TOWNS; do town_config "$k" >"$DIR/$k.ini"; done
# LC's line while it is down: addresses nobody listens on
town_config LC "ipc://$DIR/line-down-up.sock" "ipc://$DIR/line-down-down.sock" >"$DIR/LC-offline.ini"

# --- the daemons ------------------------------------------------------------------
declare -A PID
NOW=2026-09-21T08:30
start() { # start NAME DAEMON CONFIG
	"$BIN/yousu-$2" -c "$3" --test-clock="$NOW" 2>>"$DIR/$1.log" &
	PID[$1]=$!
}
stop() { # the daemons stop cleanly (SIGTERM) before the demo ends
	[ -n "$KEEP" ] && return
	for p in "${PID[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${PID[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop EXIT
start city bridge "$DIR/city.ini"
start county hub "$DIR/county.ini"
for k in $TOWNS; do start "$k" node "$DIR/$k.ini"; done
t() { local k=$1; shift; "$BIN/yousuctl" -s "ipc://$DIR/$k.sock" "$@"; }
county() { "$BIN/yousuctl" -s "ipc://$DIR/county.sock" "$@"; }
city() { "$BIN/yousuctl" -s "ipc://$DIR/city.sock" "$@"; }
up() { # up NAME: wait (a minute at most) for its control socket
	local until=$((SECONDS + 60))
	while [ $SECONDS -lt $until ]; do
		"$BIN/yousuctl" -s "ipc://$DIR/$1.sock" --timeout 300 ping >/dev/null 2>&1 && return 0
		kill -0 "${PID[$1]}" 2>/dev/null || break
		sleep 0.05
	done
	echo "demo: $1 did not start:" >&2
	cat "$DIR/$1.log" >&2
	exit 1
}
for n in city county $TOWNS; do up "$n"; done
# the desks' accounts, one for each role; each changes its temporary
# password at its first login
USERS=()
desk_user() { # desk_user WHERE LOGIN NAME ROLES [--depts CODES]
	local w=$1 login=$2 name=$3 roles=$4 temp
	shift 4
	temp=$("$BIN/yousuctl" -s "ipc://$DIR/$w.sock" --json user add "$login" \
		--name "$name" --roles "$roles" "$@" | jq -r .result.temporary_password)
	USERS+=("$(printf '%-7s %-11s %-6s %-24s %s' "$w" "$login" "$name" "$roles" "$temp")")
}
# a department account for the market regulator where the catalogue has
# one (most of the demo's complaints go there), else its first department
DESK_DEPT=$(awk '/^\[dept / { sub(/^\[dept /, ""); sub(/\].*/, ""); print }' "$DEPTS" | grep -x SCJ ||
	awk '/^\[dept / { sub(/^\[dept /, ""); sub(/\].*/, ""); print; exit }' "$DEPTS")
desk_user HD hd-window 槐店窗口 window
desk_user HD hd-super 槐店督办 supervision
desk_user HD hd-duty 槐店带班 duty
desk_user HD hd-dept 槐店部门 dept --depts "$DESK_DEPT"
desk_user HD hd-visit 槐店回访 visit
desk_user HD hd-leader 槐店领导 leader
desk_user HD hd-admin 槐店管理员 admin
desk_user county sq-super 县督查股 supervision
desk_user county sq-leader 县领导 leader
desk_user county sq-stats 县统计 stats
desk_user county sq-admin 县管理员 admin
desk_user city zk-stats 市统计 stats
desk_user city zk-leader 市领导 leader,admin
# the test clocks move together (a township whose line is down too: its
# clock is the wall clock of the hall)
clock() {
	NOW=$1
	city clock set "$1" >/dev/null
	county clock set "$1" >/dev/null
	for k in $TOWNS; do t "$k" clock set "$1" >/dev/null; done
	echo "-- $1"
}
# until SECONDS WHAT CMD...: wait until CMD succeeds, or stop the demo
until_ok() {
	local secs=$1 what=$2
	shift 2
	for _ in $(seq $((secs * 10))); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "demo: $what did not happen within ${secs}s (logs: $DIR/*.log)" >&2
	exit 1
}
no_backlog() { t "$1" --json status | grep -q '"backlog":0'; }
synced() { # synced CODE: wait until the township's outbox is acknowledged
	until_ok 30 "$1's link catching up" no_backlog "$1"
}
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
id_of() { head -1 | awk '{print $1}'; }
# intake TOWN ACTOR ARGS...: the new complaint's id
intake() { local k=$1 a=$2; shift 2; t "$k" --actor "$a" intake "$@" | id_of; }
classify() { # classify TOWN ID KIND [ARGS...]
	local k=$1 id=$2 kind=$3
	shift 3
	t "$k" --actor 研判员 classify "$id" --category "$(cat_of "$kind")" ${CLASS[@]+"${CLASS[@]}"} "$@"
}
# assign_proposed WHERE ID: assign as the routing proposal says (lead and
# co-handlers from the catalogue), the supervisor signing
assign_proposed() {
	local w=$1 id=$2 r lead co
	if [ "$w" = county ]; then r=$(county --json route "$id"); else r=$(t "$w" --json route "$id"); fi
	lead=$(jq -r '.result.lead.code // empty' <<<"$r")
	co=$(jq -r '[.result.co[].code] | join(",")' <<<"$r")
	[ -n "$lead" ] || lead=$(jq -r '.result.assigned_lead // empty' <<<"$r")
	if [ "$w" = county ]; then
		county --actor 县中心王科长 assign "$id" --lead "$lead" ${co:+--co "$co"}
	else
		t "$w" --actor 张主任 assign "$id" --lead "$lead" ${co:+--co "$co"}
	fi
	explain_if_asked "$w" "$id"
}
# explain_if_asked WHERE ID: where the profile asks for a 问题处理说明
# (Pingyi: several departments), the lead department writes it
explain_if_asked() {
	local w=$1 id=$2 run=(t "$1")
	[ "$w" = county ] && run=(county)
	"${run[@]}" --json show "$id" | jq -e '.result.explanation_needed' >/dev/null || return 0
	"${run[@]}" --actor 承办部门 explain "$id" --problem "涉及多个部门，需会商后办理" \
		--consulted "牵头部门已与各协办单位会商" --proposal "按会商意见由牵头部门统一答复" >/dev/null
}
reply() { # reply TOWN ID TEXT: the lead department answers
	t "$1" --actor 承办部门 reply "$2" --kind done --result "$3"
}
through() { # through TOWN ID: quality check, a satisfied visit, closed
	t "$1" --actor 质检员 qc "$2" --pass >/dev/null
	t "$1" --actor 回访员 visit "$2" --satisfaction 满意 >/dev/null
	t "$1" --actor 张主任 close "$2"
}

say "Mon 21 Sep: three township windows open (test clock)"
A=$(intake HD 李娜 --source window --name 王建国 --phone 13903940001 \
	--address 槐店镇文化路12号 --content "退休手续材料齐全，社保窗口两次以系统问题为由不予受理")
classify HD "$A" blocked --nature hard
assign_proposed HD "$A"
B=$(intake HD 李娜 --source hotline --hotline-no 12345-20260921-0088 --contact-within 2 \
	--name 周敏 --phone 13700001111 --content "营业执照变更网上提交后五个工作日无人审核，市场监管和审批窗口互相推诿")
classify HD "$B" delayed --nature refused
assign_proposed HD "$B"
C=$(intake HD 李娜 --source window --name 河南豫沈食品有限公司 --org --org-contact 赵会计 \
	--phone 0394-5210000 --content "窗口人员要求额外提供无法律依据的证明")
classify HD "$C" extortion
t HD --actor 李娜 resolve "$C" --result "经核实为窗口人员误解政策，当场受理并向企业道歉"
D=$(intake HD 李娜 --source window --name 刘某 --phone 13800002222 --content "与邻居宅基地纠纷要求政务中心处理")
t HD --actor 李娜 reject "$D" --ground "$GROUND" --note "不属受理范围，已告知渠道"
L1=$(intake LZ 王芳 --source window --name 陈永刚 --phone 13903941001 \
	--content "医保异地就医备案提交一周仍显示审核中，窗口说等通知")
classify LZ "$L1" delayed
assign_proposed LZ "$L1"
L2=$(intake LZ 王芳 --source online --name 沈丘县刘庄店镇富民合作社 --org --org-contact 马社长 \
	--phone 0394-5330001 --content "农业补贴申报材料齐全，网上审批一直未通过")
classify LZ "$L2" reform
assign_proposed LZ "$L2"
L3=$(intake LZ 王芳 --source window --name 杨某 --phone 13903941003 --content "窗口人员办理时玩手机，态度冷淡")
classify LZ "$L3" attitude
t LZ --actor 王芳 resolve "$L3" --result "当场更换窗口人员办理，带班领导致歉"
C1=$(intake LC 赵磊 --source window --name 黄秀兰 --phone 13903942001 \
	--content "户口迁移证明材料已交三次，派出所窗口仍要求补充")
classify LC "$C1" blocked
assign_proposed LC "$C1"
for k in $TOWNS; do synced "$k"; done

say "Tue 22 Sep: replies come in; 老城镇 (LC) loses its line to the county"
clock 2026-09-22T09:00
reply HD "$B" "已完成变更审核并电话告知" >/dev/null
through HD "$B"
t HD --actor 回访员 visit "$C" --satisfaction 基本满意 >/dev/null
t HD --actor 张主任 close "$C"
t LZ --actor 回访员 visit "$L3" --satisfaction 满意 >/dev/null
t LZ --actor 张主任 close "$L3"
# the department asks for more time; the duty leader grants it (where the
# profile allows extensions)
if [ "${EXT_MAX:-0}" -ge 2 ]; then
	t HD --actor 人社局 extend-request "$A" --dept "$(t HD --json show "$A" | jq -r .result.lead)" \
		--days 2 --reason "需调取原始档案" >/dev/null
	t HD --actor 带班领导 extend "$A" --days 2 --approver 刘局长 --reason "需调取原始档案"
fi
E=$(intake HD 陈刚 --source online --name 孙丽 --phone 15900003333 --content "不动产登记预约系统总是显示无号，无法办理")
classify HD "$E" reform --nature cannot
assign_proposed HD "$E"
G=$(intake HD 李娜 --source window --name 沈丘县恒达商贸有限公司 --org --org-contact 孙经理 \
	--phone 0394-5123456 --content "企业开办需县市场监管、税务、公安刻章三个部门，各窗口互相推诿")
t HD --actor 张主任 escalate "$G" --reason "涉及县级多个部门，乡镇无法协调"
synced HD
# the line goes down: LC's node keeps running on its own store, dialling
# an address where nobody answers
kill "${PID[LC]}"
wait "${PID[LC]}" 2>/dev/null || true
start LC node "$DIR/LC-offline.ini"
up LC
echo "老城镇's line to the county is down; its window keeps working:"
C2=$(intake LC 赵磊 --source transfer --name 吴强 --phone 13600004444 \
	--content "县中心转来：新生儿落户被要求回原籍开具证明")
classify LC "$C2" blocked
assign_proposed LC "$C2"
reply LC "$C1" "已协调派出所一次性告知所需材料并当场办结迁移"
C3=$(intake LC 赵磊 --source window --name 老城镇李楼村委会 --org --org-contact 李会计 \
	--phone 0394-5440001 --content "村集体土地确权登记材料提交后迟迟不予办理")
classify LC "$C3" delayed
assign_proposed LC "$C3"

say "Tue 22 Sep, the county centre: the escalated complaint is the county's now"
county_owns() { county --json show "$G" | grep -q '"owner":"SQ"'; }
until_ok 20 "the county receiving $G" county_owns
county --actor 县中心王科长 classify "$G" --category "$(cat_of attitude)" ${CLASS[@]+"${CLASS[@]}"} --nature hard
assign_proposed county "$G"

say "Wed 23 Sep: the county cannot see 老城镇; 老城镇 holds what it did"
clock 2026-09-23T09:00
lc_offline() { county status | grep -qE '^  LC +offline'; }
until_ok 20 "the county noticing 老城镇's silence" lc_offline
county status | grep -E "LC|HD"
echo "老城镇's own view (its outbox waits for the line):"
t LC status
echo "老城镇 in the county's ledger while the line is down:"
county ledger --township LC --with-id

say "Thu 24 Sep: 老城镇's line is back; it catches up"
clock 2026-09-24T09:00
kill "${PID[LC]}"
wait "${PID[LC]}" 2>/dev/null || true
start LC node "$DIR/LC.ini"
up LC
synced LC
county status | grep -E "LC"
echo "老城镇 in the county's ledger: every complaint, once, with its reply:"
county ledger --township LC --with-id

say "24 Sep - 13 Oct: the deadlines run (holidays 25-27 Sep and 1-7 Oct)"
clock 2026-09-28T09:00
reply LC "$C2" "已协调县公安局户籍科，新生儿在本地落户" >/dev/null
for d in 2026-09-29 2026-09-30 2026-10-08 2026-10-09; do clock "${d}T09:00"; done
# due Wed 30 Sep, answered Fri 9 Oct: two working days late (8, 9 Oct)
reply LC "$C3" "已会同县自然资源局完成确权登记" >/dev/null
for d in 2026-10-10 2026-10-12 2026-10-13; do clock "${d}T09:00"; done
t HD --actor 不动产中心 reply "$E" --kind cannot --result "预约号源由省平台统一分配" \
	--reason "号源不足属省级系统限制" --basis "《河南省不动产登记预约服务规范》第八条"
t HD --actor 质检员 qc "$E" --fail --note "未提出替代办理方式"
county --actor 市场监管局 reply "$G" --kind done --result "三部门联合窗口当日办结营业执照、税务登记和刻章"
county --actor 县中心质检 qc "$G" --pass
county --actor 县中心回访 visit "$G" --satisfaction 满意
county --actor 县中心王科长 close "$G"
reply LZ "$L1" "已联系市医保中心完成备案" >/dev/null
through LZ "$L1"
clock 2026-10-14T09:00
reply HD "$A" "已受理退休申请，系统问题已报修" >/dev/null
through HD "$A"
t HD --actor 不动产中心 reply "$E" --kind done --result "开通窗口现场取号绿色通道，每日预留10个号"
t HD --actor 质检员 qc "$E" --pass
through LC "$C1"

say "Thu 15 Oct: the 12345 hotline dispatches a form (交办单) through the city"
clock 2026-10-15T09:00
cat >"$DIR/12345-in/.form.tmp" <<'JSON'
{"item_no": "ZK12345-20261015-0007", "source": "12345热线", "time_limit_days": 5,
 "caller": "马红", "phone": "13512345678", "signed_at": "2026-10-15 08:40",
 "accepted_at": "2026-10-15 08:45", "area": {"county": "沈丘县", "township": "槐店回族镇"},
 "summary": "来电人反映在槐店镇便民服务中心办理新生儿医保参保，窗口称需先到县医保局。",
 "lead_unit": "沈丘县医疗保障局", "contact_within_hours": 2, "feedback_within_days": 5}
JSON
mv "$DIR/12345-in/.form.tmp" "$DIR/12345-in/ZK12345-20261015-0007.json"
city hotline scan
hotline_item() { t HD --json list --source hotline | grep -q '"id":"HD-20261015'; }
until_ok 20 "the 12345 form reaching 槐店镇" hotline_item
H=$(t HD --json list --source hotline | grep -o '"id":"HD-20261015[0-9]*"' | head -1 | cut -d'"' -f4)
echo "on 槐店镇's desk as $H"
classify HD "$H" hotline
t HD --actor 李娜 resolve "$H" --result "当场为新生儿办理医保参保登记"
t HD --actor 回访员 visit "$H" --satisfaction 满意
t HD --actor 张主任 close "$H"
clock 2026-10-16T17:00
for k in $TOWNS; do synced "$k"; done
until_ok 20 "the 12345 result reaching the city's outbound spool" \
	test -f "$DIR/12345-out/result-ZK12345-20261015-0007.json"

say "A township desk (刘庄店镇): open and overdue complaints"
t LZ list --status assigned
t LZ list --overdue
echo "the overdue one, with its 催办, 督办 and 通报:"
t LZ show "$L2" | tail -8

say "One work order (工作单)"
t HD show "$A" --workorder

say "槐店镇's ledger (台账)"
t HD ledger --with-id
t HD ledger --with-id --format csv -o "$DIR/ledger-HD.csv"
t HD ledger --format xlsx -o "$DIR/ledger-HD.xlsx"

say "The county's ledger: every township, with the overdue remarks"
county ledger --with-id
county ledger --with-id --format csv -o "$DIR/ledger-county.csv"
county ledger --format xlsx -o "$DIR/ledger-county.xlsx"
county ledger --overdue --with-id

say "The county's statistics"
county stats

say "The city: the county's reports (codes and counts only), by township and by source"
county report --period month --date 2026-09-21 --send >/dev/null
county report --period month --date 2026-10-15 --send >/dev/null
reports_in() { city --json city --reports | grep -q '2026-10'; }
until_ok 20 "the county's reports reaching the city" reports_in
city city --by township
city city --by source
echo "the 12345 result for the hotline: $DIR/12345-out/result-ZK12345-20261015-0007.json"
city hotline list

say "槐店镇 sees what the county did with the escalated complaint"
closed_at_hd() { t HD --json show "$G" | grep -q '"status":"closed"'; }
until_ok 20 "槐店镇 receiving the county's close of $G" closed_at_hd
t HD show "$G" | tail -12

say "The county's view of its links"
county status

say "Files"
echo "ledgers (CSV, XLSX): $DIR/ledger-HD.csv $DIR/ledger-HD.xlsx"
echo "                     $DIR/ledger-county.csv $DIR/ledger-county.xlsx"
echo "logs:                $DIR/*.log"
if [ -n "$KEEP" ]; then
	echo "still running: the city bridge (pid ${PID[city]}), the county hub (pid ${PID[county]}),"
	echo "the townships HD (pid ${PID[HD]}), LZ (pid ${PID[LZ]}), LC (pid ${PID[LC]}); try:"
	echo "  $BIN/yousuctl -s ipc://$DIR/HD.sock list"
	echo "  $BIN/yousuctl -s ipc://$DIR/county.sock status"
	echo "  $BIN/yousuctl -s ipc://$DIR/city.sock city --by department"
	echo
	echo "the desks, in a browser on this machine (the pages in Chinese):"
	echo "  city bridge 周口   http://127.0.0.1:${PORT[city]}/"
	echo "  county hub  沈丘   http://127.0.0.1:${PORT[county]}/"
	for k in $TOWNS; do echo "  township    $k     http://127.0.0.1:${PORT[$k]}/"; done
	echo "the demo's accounts (centre, login, name, roles, temporary password;"
	echo "each sets its own password at its first login):"
	for u in "${USERS[@]}"; do echo "  $u"; done
fi
