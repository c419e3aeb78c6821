#!/usr/bin/env bash
# Every sample deployment config in configs/deploy loads (style rule 9);
# profiles, calendars and department catalogues are loaded by unit.config.
# Each profile loads with its sample department catalogue, and routes a
# typical complaint of its place to a sensible lead.
. "$(dirname "$0")/lib.sh"

n=0
while IFS= read -r f; do
	role=$(basename "$f" | sed 's/-.*//')
	out=$("$YOUSU_BIN/yousu-$role" --check -c "$f" 2>&1) && rc=0 || rc=$?
	check "$f loads ($out)" "$rc" "0"
	n=$((n + 1))
done < <(find "$YOUSU_SRC/configs/deploy" -name '*.ini' | sort)
[ "$n" -gt 0 ] && ok "$n sample configs found" || not_ok "no sample configs found"

# A section given twice (libinih would merge it) stops --check at its
# second header, naming the first.
twice() { # twice NAME TEXT SECTION: a node config with TEXT appended
	node_config "$1" TW
	printf '%b' "$2" >>"$T/$1.ini"
	local first second
	first=$(grep -n "^\\[$3\\]" "$T/$1.ini" | head -1 | cut -d: -f1)
	second=$(grep -n "^\\[$3\\]" "$T/$1.ini" | tail -1 | cut -d: -f1)
	err=$("$YOUSU_BIN/yousu-node" --check -c "$T/$1.ini" 2>&1) && rc=0 || rc=$?
	check "a node config with [$3] twice is refused" "$rc:$err" \
		"1:yousu-node: $T/$1.ini:$second: section [$3] given twice (first at line $first)"
}
twice link2 '[link]\nwindow = 16\n[link]\nbatch = 8\n' link
twice sched2 '[scheduler]\ninterval_s = 60\n' scheduler
twice centre2 '[centre]\ncode = XX\n' centre

# Each profile with its sample catalogue (configs/departments/<profile>.ini):
# a node config naming the pair passes --check, and on a node started with
# it `route` proposes a sensible lead for one complaint of that place.
# sample NAME PROFILE CATEGORY-ARGS LEAD CONTENT
sample() {
	local name=$1 prof=$2 cargs=$3 lead=$4 content=$5 id json
	node_config "$name" "${name^^}" "$YOUSU_SRC/configs/profiles/$prof.ini" \
		"$YOUSU_SRC/configs/departments/$prof.ini"
	out=$("$YOUSU_BIN/yousu-node" --check -c "$T/$name.ini" 2>&1) && rc=0 || rc=$?
	check "$prof with departments/$prof.ini: --check ($out)" "$rc" "0"
	check_has "$prof: --check names the profile" "$out" "profile $prof"
	start_node "$name" --test-clock=2026-09-24T09:00
	id=$(ctl "$name" --actor 窗口 intake --source window --name 王建国 \
		--phone 13903940001 --content "$content" | awk '{print $1}')
	# shellcheck disable=SC2086
	ctl "$name" --actor 窗口 classify "$id" $cargs >/dev/null
	json=$(ctl "$name" --json route "$id")
	check "$prof: route proposes $lead to lead ($(jq -c '[.result.lead.code, .result.lead.keywords]' <<<"$json"))" \
		"$(jq -r '.result.lead.code' <<<"$json")" "$lead"
}
sample sq shenqiu "--category blocked" RSJ \
	"社保卡补办材料都交齐了，窗口说系统不通，养老保险一直转不过来"
sample gx anyang-gxq "--category blocked --class C" SCJG \
	"在市民之家办企业开办，营业执照的经营范围变更材料齐全，窗口一直办不下来"
sample ay anyang-city "--category hotline" GJJ \
	"12345转来：在市民之家办公积金提取，材料齐全却被要求再开证明，至今提不出来"
sample py pingyi "--category not_accepted --level 2" BDC \
	"在县政务服务中心办不动产登记，房产证过户材料齐全，窗口却一直不受理"
sample nx neixiang "--category not_accepted" SCJ \
	"到商事登记区办营业执照，公司注册材料交了三次还是不能受理"
# The README, the profiles and the documents agree (issue 12, point 8).
# 004 附件3 注 numbers a complaint “2021081203”: date + two digits.
SEEDS=${YOUSU_SEEDS:-$YOUSU_SRC/../shared/seeds}
if [ -f "$SEEDS/004_adeac2a36333f329.txt" ]; then
	example=$(grep -o '编号为“[0-9]*”' "$SEEDS/004_adeac2a36333f329.txt" | grep -o '[0-9]*')
	check "004's example number is date + sequence" "${#example}" "10"
	check "neixiang.ini numbers as 004 does" \
		"$(sed -n 's/^seq_digits = //p' "$YOUSU_SRC/configs/profiles/neixiang.ini")" "$((${#example} - 8))"
fi
ids=$(sed -n '/^## Complaint ids and numbering/,/^## /p' "$YOUSU_SRC/README.md" | tr '\n' ' ')
check_has "the README gives neixiang's two digits" "$ids" "two in \`neixiang.ini\`"
for f in "$YOUSU_SRC"/configs/profiles/*.ini; do
	name=$(basename "$f")
	digits=$(sed -n 's/^seq_digits = //p' "$f")
	[ "$name" = neixiang.ini ] || check "$name: three daily digits, as the README says" "$digits" "3"
	if grep -q 'local choice' "$f"; then
		row=$(grep "^| \`$name\` |" "$YOUSU_SRC/README.md")
		check_has "the README's profile table marks $name's local choices" "$row" "*Local choices"
	fi
done

finish
