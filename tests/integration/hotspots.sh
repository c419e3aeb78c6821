#!/usr/bin/env bash
# Issue 17: 热点, by hand. One township (Shenqiu's profile and catalogue)
# on the test clock: July one complaint about 排队 (attitude), August one
# about 预约 (delayed), September four about 食品经营许可 (blocked) and one
# about 排队 again (attitude); a refused one in September is not counted.
# September against the two months before (averages: 排队 0.5, 预约 0.5,
# attitude 0.5, delayed 0.5): 食品经营许可 +4 and blocked +4 first,
# 排队 and attitude +0.5 after; 预约 and delayed did not grow.
. "$(dirname "$0")/lib.sh"

node_config hd HD
start_node hd --test-clock=2026-07-06T09:00
take() { # CATEGORY TEXT
	local id
	id=$(ctl hd --actor 窗口 intake --source window --name 某 --phone 13900000200 \
		--content "$2" | head -1 | awk '{print $1}')
	ctl hd --actor 窗口 classify "$id" --category "$1" >/dev/null
	echo "$id"
}
take attitude "窗口排队两个小时" >/dev/null
ctl hd clock set 2026-08-05T09:00 >/dev/null
take delayed "网上预约一直约不上" >/dev/null
ctl hd clock set 2026-09-07T09:00 >/dev/null
F=()
for i in 1 2 3 4; do F+=("$(take blocked "食品经营许可补正材料第${i}次没说清")"); done
Q=$(take attitude "窗口又要排队很久")
R=$(ctl hd --actor 窗口 intake --source window --name 某 --phone 13900000201 \
	--content "食品经营许可的民事纠纷" | head -1 | awk '{print $1}')
ctl hd --actor 窗口 reject "$R" --ground civil >/dev/null

h=$(ctl hd --json hotspots --month 2026-09 --months 2)
check "the terms that grew, most first (the catalogue's keywords)" \
	"$(jq -c '[.result.terms[] | [.key, .count, .average_before, .growth]]' <<<"$h")" \
	'[["食品经营许可",4,0,4],["排队",1,0.5,0.5]]'
check "... with their complaints (the refused one not counted)" \
	"$(jq -r '.result.terms[0].complaints | join(" ")' <<<"$h")" "${F[*]}"
check "the categories that grew" \
	"$(jq -c '[.result.categories[] | [.key, .label, .count, .growth]]' <<<"$h")" \
	'[["blocked","要件完整、符合法定受理条件的事项不能顺利办理",4,4],["attitude","服务态度差、工作效率低、相互推诿扯皮",1,0.5]]'
check "compared from July" "$(jq -r .result.compared_from <<<"$h")" "2026-07-01"
check_has "yousuctl says it in Chinese" "$(ctl hd hotspots --month 2026-09 --months 2)" "增长最多的关键词"
err=$(ctl hd hotspots --months 13 2>&1) && rc=0 || rc=$?
check_has "a comparison of more than 12 months is refused" "$rc:$err" "1:"
err=$(ctl hd hotspots --month 2026-9 2>&1) && rc=0 || rc=$?
check_has "a month that is not one is refused, named" "$err" "'2026-9' is not a month"
finish
