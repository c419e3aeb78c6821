#!/usr/bin/env bash
# The department catalogue and routing proposals with the real yousu-node
# and yousuctl: `depts` lists the Shenqiu catalogue, `route` proposes a
# lead and co-handlers with their reasons before and after classify, the
# proposal is assigned through `assign`, which refuses unknown codes by
# name; a catalogue naming a category the profile lacks stops --check.
. "$(dirname "$0")/lib.sh"

node_config hd HD
start_node hd --test-clock=2026-09-24T09:00
A="--actor"

out=$(ctl hd depts --help) && rc=0 || rc=$?
check "depts --help" "$rc" "0"
check_has "depts --help says what it lists" "$out" "usage: yousuctl [global options] depts"
out=$(ctl hd depts)
check_has "depts: a county department with its level" "$out" "县人力资源和社会保障局（社保窗口）"
check_has "depts: a township window" "$out" "乡镇 township"
check_has "depts: keywords" "$out" "社保、社会保险、养老保险"
json=$(ctl hd --json depts)
check "depts --json: GJJ is a city unit" "$(jq -r '.result[] | select(.code=="GJJ") | .level' <<<"$json")" "city"
check "depts --json: ZWB handles blocked" "$(jq -r '.result[] | select(.code=="ZWB") | .categories | index("blocked") != null' <<<"$json")" "true"
check "depts --json: RSJ's contact" "$(jq -r '.result[] | select(.code=="RSJ") | .contact' <<<"$json")" "社保服务窗口负责人"

ID=$(ctl hd $A 李娜 intake --source window --name 王建国 --phone 13903940001 \
	--content "在槐店镇办不动产登记，房产证一直办不下来，公积金也提不了" | awk '{print $1}')

# not classified yet: by content alone
out=$(ctl hd route "$ID")
check_has "route before classify says so" "$out" "not classified yet: routed by its content alone"
check_has "route: the lead and why" "$out" "牵头 lead"
json=$(ctl hd --json route "$ID")
check "route: BDC leads" "$(jq -r '.result.lead.code' <<<"$json")" "BDC"
check "route: BDC's keywords" "$(jq -c '.result.lead.keywords' <<<"$json")" '["不动产登记","房产证"]'
check "route: co-handlers by code" "$(jq -r '[.result.co[].code] | join(",")' <<<"$json")" "GJJ,HLZ-BM"
check "route: county, city and township: cross-level" "$(jq -r '.result.cross_level' <<<"$json")" "true"

# classified: the category brings the centre's management in
ctl hd $A 李娜 classify "$ID" --category blocked --nature hard >/dev/null
json=$(ctl hd --json route "$ID")
check "route after classify: co-handlers" "$(jq -r '[.result.co[].code] | join(",")' <<<"$json")" "GJJ,HLZ-BM,ZWB"
check "route: ZWB because of the category" "$(jq -r '.result.co[] | select(.code=="ZWB") | .reason' <<<"$json")" "handles category blocked"
out=$(ctl hd route "$ID")
check_has "route: the category label" "$out" "类别 blocked 要件完整"
check_has "route: cross-level named" "$out" "跨层级 (township, county, city)"
hint=$(grep '^to assign as proposed:' <<<"$out" | sed 's/^to assign as proposed: yousuctl //')
check "route: the assign command" "$hint" "assign $ID --lead BDC --co GJJ,HLZ-BM,ZWB"

# assign stays the supervisor's: unknown codes are refused by name
err=$(ctl hd $A 张主任 assign "$ID" --lead BDX 2>&1) && rc=0 || rc=$?
check "assign: unknown lead refused" "$rc" "1"
check_has "assign: the unknown lead named" "$err" "unknown department 'BDX'"
err=$(ctl hd $A 张主任 assign "$ID" --lead BDC --co GJJ,NOPE 2>&1) && rc=0 || rc=$?
check "assign: unknown co-handler refused" "$rc" "1"
check_has "assign: the unknown co-handler named" "$err" "unknown department 'NOPE'"
# shellcheck disable=SC2086
out=$(ctl hd $A 张主任 $hint)
check_has "assign as proposed" "$out" "办理中 (assigned)"
out=$(ctl hd route "$ID")
check_has "route shows the assignment" "$out" "assigned now: lead BDC, co GJJ,HLZ-BM,ZWB"

# nothing matches
N=$(ctl hd $A 李娜 intake --source window --name 赵六 --phone 13800001234 \
	--content "天气太热" | awk '{print $1}')
out=$(ctl hd route "$N")
check_has "route: nothing matched" "$out" "choose one by hand"
check "route --json: no lead" "$(ctl hd --json route "$N" | jq -r '.result.lead')" "null"
err=$(ctl hd route HD-20990101001 2>&1) && rc=0 || rc=$?
check "route: unknown complaint refused" "$rc" "1"
check_has "route: unknown complaint named" "$err" "no complaint 'HD-20990101001'"
err=$(ctl hd route 2>&1) && rc=0 || rc=$?
check "route without an id is a usage error" "$rc" "2"

# a catalogue naming a category the profile lacks stops the daemon
printf '[dept RSJ]\nname = 人社\nlevel = county\ncategories = blocked, weather\n' >"$T/bad-depts.ini"
node_config badcat XX
sed -i "s|^departments = .*|departments = $T/bad-depts.ini|" "$T/badcat.ini"
err=$("$YOUSU_BIN/yousu-node" --check -c "$T/badcat.ini" 2>&1) && rc=0 || rc=$?
check "--check refuses a category the profile lacks" "$rc" "1"
check_has "--check names file, line and category" "$err" \
	"$T/bad-depts.ini:4: department RSJ: category 'weather' is not in the profile shenqiu"
finish
