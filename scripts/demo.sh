#!/usr/bin/env bash
# The yousu demo: a city bridge, a county hub and a township node on a
# temp dir, joined by the sealed link; a scripted fortnight of complaints
# taken through the workflow on the test clock (one escalated to the
# county and handled there, one dispatched by the 12345 hotline through
# the city); then what each level sees: the window desk, the ledger
# (台账), the county's ledger and statistics, the city's tables.
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
	-h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "demo: unknown flag $1" >&2; exit 2 ;;
	esac
	shift
done
[ -f "configs/profiles/$PROFILE.ini" ] || { echo "demo: no profile configs/profiles/$PROFILE.ini" >&2; exit 2; }
DIR=${DIR:-$(mktemp -d /tmp/yousu-demo.XXXXXX)}
mkdir -p "$DIR"
SRC=$PWD
for k in HD SQ; do
	[ -f "$DIR/$k.key" ] || "$BIN/yousuctl" keygen "$DIR/$k.key" >/dev/null
done
mkdir -p "$DIR/12345-in" "$DIR/12345-out"
centre() { # centre NAME CODE TITLE: the common part of a daemon's config
	printf '[centre]\ncode = %s\nname = %s\n[store]\npath = %s/%s.db\n' "$2" "$3" "$DIR" "$1"
	printf '[control]\nlisten = ipc://%s/%s.sock\n[policy]\n' "$DIR" "$1"
	printf 'profile = %s/configs/profiles/%s.ini\n' "$SRC" "$PROFILE"
	printf 'calendar = %s/configs/calendars/cn.ini\n' "$SRC"
	printf 'departments = %s/configs/departments/shenqiu.ini\n' "$SRC"
	printf '[link]\nheartbeat_ms = 300\nreconnect_max_ms = 1000\n'
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
	printf '[children]\nHD = %s/HD.key\n' "$DIR"
	printf '[parent]\ncode = ZK\nuplink = ipc://%s/city-up.sock\n' "$DIR"
	printf 'downlink = ipc://%s/city-down.sock\nkey = %s/SQ.key\n' "$DIR" "$DIR"
} >"$DIR/county.ini"
{
	centre huaidian HD 沈丘县槐店回族镇便民服务中心
	printf '[parent]\ncode = SQ\nuplink = ipc://%s/up.sock\n' "$DIR"
	printf 'downlink = ipc://%s/down.sock\nkey = %s/HD.key\n' "$DIR" "$DIR"
} >"$DIR/huaidian.ini"
"$BIN/yousu-bridge" -c "$DIR/city.ini" --test-clock=2026-09-21T08:30 2>"$DIR/city.log" &
CITYPID=$!
"$BIN/yousu-hub" -c "$DIR/county.ini" --test-clock=2026-09-21T08:30 2>"$DIR/county.log" &
HUB=$!
"$BIN/yousu-node" -c "$DIR/huaidian.ini" --test-clock=2026-09-21T08:30 2>"$DIR/huaidian.log" &
NODE=$!
stop() { [ -n "$KEEP" ] || kill "$NODE" "$HUB" "$CITYPID" 2>/dev/null || true; }
trap stop EXIT
export YOUSU_SOCKET="ipc://$DIR/huaidian.sock"
COUNTY="ipc://$DIR/county.sock"
y() { "$BIN/yousuctl" "$@"; }
county() { "$BIN/yousuctl" -s "$COUNTY" "$@"; }
CITY="ipc://$DIR/city.sock"
city() { "$BIN/yousuctl" -s "$CITY" "$@"; }
for _ in $(seq 50); do
	y ping >/dev/null 2>&1 && county ping >/dev/null 2>&1 &&
		city ping >/dev/null 2>&1 && break
	sleep 0.1
done
# the test clocks move together
clock() { city clock set "$1" >/dev/null; county clock set "$1" >/dev/null; y clock set "$1"; }
synced() { # wait until the township's outbox is empty
	for _ in $(seq 100); do
		y --json status | grep -q '"backlog":0' && return 0
		sleep 0.1
	done
}
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
id_of() { head -1 | awk '{print $1}'; }

say "Mon 21 Sep: the window opens (test clock)"
A=$(y --actor 李娜 intake --source window --name 王建国 --phone 13903940001 \
	--address 槐店镇文化路12号 --content "退休手续材料齐全，社保窗口两次以系统问题为由不予受理" | id_of)
y --actor 李娜 classify "$A" --category blocked --nature hard
y --actor 张主任 assign "$A" --lead RSJ
B=$(y --actor 李娜 intake --source hotline --hotline-no 12345-20260921-0088 --contact-within 2 \
	--name 周敏 --phone 13700001111 --content "营业执照变更网上提交后五个工作日无人审核" | id_of)
y --actor 李娜 classify "$B" --category delayed --nature refused
y --actor 张主任 assign "$B" --lead SCJ --co SPJ
C=$(y --actor 李娜 intake --source window --name 河南豫沈食品有限公司 --org --org-contact 赵会计 \
	--phone 0394-5210000 --content "窗口人员要求额外提供无法律依据的证明" | id_of)
y --actor 李娜 classify "$C" --category extortion
y --actor 李娜 resolve "$C" --result "经核实为窗口人员误解政策，当场受理并向企业道歉"
D=$(y --actor 李娜 intake --source window --name 刘某 --phone 13800002222 --content "与邻居宅基地纠纷要求政务中心处理" | id_of)
y --actor 李娜 reject "$D" --ground civil --note "属民事纠纷"

say "Tue 22 Sep: replies come in"
clock 2026-09-22T10:00
y --actor 市场监管局 reply "$B" --kind done --result "已完成变更审核并电话告知"
y --actor 质检员 qc "$B" --pass
y --actor 回访员 visit "$B" --satisfaction 满意
y --actor 张主任 close "$B"
y --actor 回访员 visit "$C" --satisfaction 基本满意
y --actor 张主任 close "$C"
E=$(y --actor 陈刚 intake --source online --name 孙丽 --phone 15900003333 --content "不动产登记预约系统总是显示无号，无法办理" | id_of)
y --actor 陈刚 classify "$E" --category reform --nature cannot
y --actor 张主任 assign "$E" --lead BDC
G=$(y --actor 李娜 intake --source window --name 沈丘县恒达商贸有限公司 --org --org-contact 孙经理 \
	--phone 0394-5123456 --content "企业开办需县市场监管、税务、公安刻章三个部门，各窗口互相推诿" | id_of)
y --actor 张主任 escalate "$G" --reason "涉及县级多个部门，乡镇无法协调"
synced

say "Tue 22 Sep, the county centre: the escalated complaint is the county's now"
county --actor 县中心王科长 classify "$G" --category attitude --nature hard
county --actor 县中心王科长 assign "$G" --lead SCJ --co SWJ,GAJ

say "24 Sep - 13 Oct: the deadlines run (holidays 25-27 Sep and 1-7 Oct)"
for d in 2026-09-24 2026-09-28; do clock "${d}T09:00"; done
y --actor 带班领导 extend "$A" --days 2 --approver 刘局长 --reason "需调取原始档案"
for d in 2026-09-29 2026-09-30 2026-10-08 2026-10-09 2026-10-10 2026-10-12 2026-10-13; do
	clock "${d}T09:00"
done
y --actor 不动产中心 reply "$E" --kind cannot --result "预约号源由省平台统一分配" \
	--reason "号源不足属省级系统限制" --basis "《河南省不动产登记预约服务规范》第八条"
y --actor 质检员 qc "$E" --fail --note "未提出替代办理方式"
county --actor 市场监管局 reply "$G" --kind done --result "三部门联合窗口当日办结营业执照、税务登记和刻章"
county --actor 县中心质检 qc "$G" --pass
county --actor 县中心回访 visit "$G" --satisfaction 满意
county --actor 县中心王科长 close "$G"
clock 2026-10-14T09:00
y --actor 人社局 reply "$A" --kind done --result "已受理退休申请，系统问题已报修"
y --actor 质检员 qc "$A" --pass
y --actor 回访员 visit "$A" --satisfaction 满意
y --actor 张主任 close "$A"
y --actor 不动产中心 reply "$E" --kind plan --result "开通窗口现场取号绿色通道，每日预留10个号"
y --actor 质检员 qc "$E" --pass
F=$(y --actor 李娜 intake --source transfer --name 吴强 --phone 13600004444 --content "县中心转来：户籍迁移被要求回原籍开证明" | id_of)
y --actor 李娜 classify "$F" --category blocked --nature cannot
y --actor 张主任 assign "$F" --lead GAJ

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
for _ in $(seq 100); do
	H=$(y --json list --source hotline | grep -o '"id":"HD-20261015[0-9]*"' | head -1 | cut -d'"' -f4)
	[ -n "$H" ] && break
	sleep 0.1
done
echo "on the township's desk as $H"
y --actor 李娜 classify "$H" --category blocked
y --actor 李娜 resolve "$H" --result "当场为新生儿办理医保参保登记"
y --actor 回访员 visit "$H" --satisfaction 满意
y --actor 张主任 close "$H"
clock 2026-10-16T17:00
synced
for _ in $(seq 100); do [ -f "$DIR/12345-out/result-ZK12345-20261015-0007.json" ] && break; sleep 0.1; done

say "The township desk: open complaints"
y list --status assigned
y list --overdue

say "One work order (工作单)"
y show "$A" --workorder

say "The ledger (台账)"
y ledger --with-id
y ledger --with-id --format csv -o "$DIR/ledger.csv"
y ledger --format xlsx -o "$DIR/ledger.xlsx"

say "Statistics"
y stats

say "The county's ledger: every township, with the overdue remarks"
county ledger --with-id

say "The city: the county's report (codes and counts only), by township"
county report --period month --date 2026-09-21 --send >/dev/null
county report --period month --date 2026-10-15 --send >/dev/null
for _ in $(seq 100); do city --json city --reports | grep -q '2026-10' && break; sleep 0.1; done
city city --by township
echo "the 12345 result for the hotline: $DIR/12345-out/result-ZK12345-20261015-0007.json"
city hotline list

say "The township sees what the county did with the escalated complaint"
y show "$G" | tail -12

say "The county's view of its link to the township"
county status

say "Files"
echo "ledger CSV:  $DIR/ledger.csv"
echo "ledger XLSX: $DIR/ledger.xlsx"
echo "logs:        $DIR/huaidian.log $DIR/county.log $DIR/city.log"
if [ -n "$KEEP" ]; then
	echo "the node (pid $NODE), the hub (pid $HUB) and the bridge (pid $CITYPID) keep running; try:"
	echo "  YOUSU_SOCKET=$YOUSU_SOCKET $BIN/yousuctl list"
	echo "  $BIN/yousuctl -s $COUNTY status"
	echo "  $BIN/yousuctl -s $CITY city --by department"
fi
