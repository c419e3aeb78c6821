#!/usr/bin/env bash
# yousuctl backup while the node takes complaints: a consistent copy
# (another daemon opens it and `check` passes; it holds every complaint
# acknowledged before the backup began), mode 0600, nothing left beside
# it; an existing file is never replaced; a folder that is not there is
# named.
. "$(dirname "$0")/lib.sh"

node_config hd HD
start_node hd

# a store worth copying: 3000 complaints in batches
for b in 1 2 3; do
	for i in $(seq 1 1000); do
		printf '{"cmd":"intake","actor":"李娜","args":{"source":"window","name":"群众%s","phone":"139%08d","content":"第%s件：材料滞留"}}\n' \
			"$b-$i" "$((b * 10000 + i))" "$b-$i"
	done >"$T/batch$b.jsonl"
	ctl hd batch "$T/batch$b.jsonl" >/dev/null
done
before=$(jctl hd '.result | length' list --limit 100000)

# intakes go on while the copy is made
(
	i=0
	while [ ! -e "$T/stop" ]; do
		i=$((i + 1))
		ctl hd --actor 李娜 intake --source window --name "同时$i" \
			--phone 13800$(printf %06d "$i") --content "备份期间受理的第${i}件" >/dev/null 2>&1 || true
	done
) &
writer=$!
sleep 0.3
out=$(ctl hd backup "$T/copy.db" 2>&1) && rc=0 || rc=$?
touch "$T/stop"
wait "$writer" 2>/dev/null || true
check "backup succeeds while intakes go on" "$rc" "0"
check_has "... and says what it wrote" "$out" "a copy of HD's store"
check "the copy is the user's alone (0600)" "$(stat -c %a "$T/copy.db")" "600"
check "nothing is left beside it" "$(ls -A "$T" | grep -c '^\.yousu-backup-')" "0"
check "the copy stands alone (no -wal beside it)" "$(ls "$T" | grep -c '^copy\.db-')" "0"

# another daemon opens the copy: every state equals its log
cat >"$T/restored.ini" <<INI
$(sed -e "s|^path = .*|path = $T/copy.db|" -e "s|^listen = .*|listen = ipc://$T/restored.sock|" "$T/hd.ini")
INI
start_node restored
check_has "a daemon opens the copy and check passes" "$(ctl restored check 2>&1)" "yes"
after=$(jctl restored '.result | length' list --limit 100000)
[ "$after" -ge "$before" ] && ok "the copy holds every complaint acknowledged before it began ($after >= $before)" ||
	not_ok "the copy holds $after complaints, $before were acknowledged before it began"
live=$(jctl hd '.result | length' list --limit 100000)
[ "$after" -le "$live" ] && ok "... and none the store does not ($after <= $live)" ||
	not_ok "the copy holds $after complaints, the store $live"

err=$(ctl hd backup "$T/copy.db" 2>&1) && rc=0 || rc=$?
check "an existing file is refused" "$rc" "1"
check_has "... and said so" "$err" "already exists"
err=$(ctl hd backup "$T/no/such/folder/x.db" 2>&1) && rc=0 || rc=$?
check "a folder that is not there fails" "$rc" "1"
check_has "... naming it" "$err" "$T/no/such/folder"
err=$(ctl hd backup 2>&1) && rc=0 || rc=$?
check_has "no file: said" "$err" "which file"
finish
