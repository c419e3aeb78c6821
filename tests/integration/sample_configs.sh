#!/usr/bin/env bash
# Every sample deployment config in configs/deploy loads (style rule 9);
# profiles, calendars and department catalogues are loaded by unit.config.
. "$(dirname "$0")/lib.sh"

n=0
while IFS= read -r f; do
	role=$(basename "$f" | sed 's/-.*//')
	out=$("$YOUSU_BIN/yousu-$role" --check -c "$f" 2>&1) && rc=0 || rc=$?
	check "$f loads ($out)" "$rc" "0"
	n=$((n + 1))
done < <(find "$YOUSU_SRC/configs/deploy" -name '*.ini' | sort)
[ "$n" -gt 0 ] && ok "$n sample configs found" || not_ok "no sample configs found"
finish
