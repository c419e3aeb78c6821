#!/usr/bin/env bash
# The test helpers cannot pass a check for want of an answer: when the
# query behind one fails (no daemon, no file, no folder) it prints
# "could not look: ..." and returns 1, so that an absence check such as
# check "..." "$(events hd ID remind)" "0" fails instead of passing.
. "$(dirname "$0")/lib.sh"

# loud DESC CMD...: CMD fails and says it could not look
loud() {
	local desc=$1 out rc
	shift
	out=$("$@") && rc=0 || rc=$?
	check "$desc: fails" "$rc" "1"
	check_has "$desc: says it could not look" "$out" "could not look: "
}
loud "events, no daemon" events nosuch HD-1 remind
loud "field, no daemon" field nosuch HD-1 due
loud "jshow, no daemon" jshow nosuch HD-1 .result.status
loud "jctl, no daemon" jctl nosuch .result.total stats
loud "found, no file" found 王 "$T/none.db"
loud "leaks, one file missing" leaks "$T/none.db" -- 王 李
loud "files_in, no folder" files_in "$T/none" '*.json'
node_config hd HD
start_node hd --test-clock=2026-09-24T09:00
loud "events, no such complaint" events hd HD-20260924001 remind
loud "jctl, a refused command" jctl hd .result stats --status nosuch
# and with an answer they answer
ID=$(ctl hd --actor 窗口 intake --source window --name 王建国 --phone 13903940001 --content 测试 | awk '{print $1}')
check "events counts" "$(events hd "$ID" intake)" "1"
check "events counts none" "$(events hd "$ID" remind)" "0"
check "field reads" "$(field hd "$ID" status)" "registered"
check "field of a member it lacks is empty" "$(field hd "$ID" due)" ""
printf '王建国' >"$T/a.txt"
: >"$T/b.txt"
check "found counts the files holding it" "$(found 王建国 "$T/a.txt" "$T/b.txt")" "1"
check "files_in counts" "$(files_in "$T" '*.txt')" "2"
finish
