#!/usr/bin/env bash
# Staff accounts at a centre (issue 14): the administrator makes them with
# yousuctl on the daemon's machine; a temporary password is shown once and
# stored only as an Argon2id hash; roles are checked; a department account
# needs its departments and they must exist; lock, unlock, disable and
# password resets are audited; accounts never travel on the link.
. "$(dirname "$0")/lib.sh"

node_config hd HD
start_node hd --test-clock=2026-09-24T09:00

out=$(ctl hd --actor 管理员老王 user add admin --name 王管理 --roles admin)
check_has "an account is made, with a temporary password shown once" "$out" "临时密码（只显示这一次，首次登录须修改）："
temp=$(jctl hd .result.must_change user show admin)
check "it must be changed at the first login" "$temp" "true"
pw=$(sed -n 's/^临时密码.*：//p' <<<"$out")
check "the temporary password has 16 characters" "${#pw}" "16"
# the store holds a hash only, Argon2id
hash=$(sqlite3 "$T/hd.db" "SELECT hash FROM users WHERE login = 'admin'")
case "$hash" in '$argon2id$'*) ok "stored as an Argon2id hash" ;; *) not_ok "stored as an Argon2id hash: '$hash'" ;; esac
n=$(sqlite3 "$T/hd.db" "SELECT count(*) FROM users WHERE hash LIKE '%$pw%'")
check "the password itself is nowhere in the store" "$n" "0"

ctl hd user add li.na --name 李娜 --roles 窗口,visit >/dev/null
ctl hd user add scj --name 市监局王 --roles dept --depts 市监局 >/dev/null
check "a department given by its alias is kept as its code" \
	"$(jctl hd '.result.depts | tojson' user show scj)" '["SCJ"]'
check "roles by code or Chinese name" \
	"$(jctl hd '.result.roles | tojson' user show li.na)" '["window","visit"]'

err=$(ctl hd user add scj --name x --roles admin 2>&1) && rc=0 || rc=$?
check_has "a login taken is refused" "$rc:$err" "1:yousuctl: there is an account 'scj' already"
err=$(ctl hd user add zhao --name 赵 --roles 扫地 2>&1) || true
check_has "an unknown role is refused with the choices" "$err" "unknown role '扫地' (one of: window 窗口, supervision 督办"
err=$(ctl hd user add dept2 --name 部门 --roles dept 2>&1) || true
check_has "a department account needs its departments" "$err" "give them (--depts)"
err=$(ctl hd user add dept3 --name 部门 --roles dept --depts XYZ 2>&1) || true
check_has "an unknown department is refused" "$err" "unknown department 'XYZ'"
err=$(ctl hd user add Bad --name x --roles admin 2>&1) || true
check_has "a bad login is refused" "$err" "login 'Bad' must be 2-32 of a-z 0-9 . _ -"
err=$(ctl hd user add zz --name x --roles admin --centres LZ 2>&1) || true
check_has "a township scope must be this centre or a child" "$err" "unknown township 'LZ'"

ctl hd user lock li.na >/dev/null
check "lock" "$(jctl hd .result.state user show li.na)" "locked"
out=$(ctl hd user passwd li.na)
check_has "a reset gives a new temporary password" "$out" "临时密码"
check "a reset unlocks" "$(jctl hd .result.state user show li.na)" "active"
ctl hd user disable li.na >/dev/null
check "disable" "$(jctl hd .result.state user show li.na)" "disabled"
ctl hd user passwd li.na >/dev/null
check "a reset does not bring a disabled account back" "$(jctl hd .result.state user show li.na)" "disabled"
ctl hd user unlock li.na >/dev/null
check "unlock makes it active" "$(jctl hd .result.state user show li.na)" "active"
err=$(ctl hd user lock nobody 2>&1) || true
check_has "an unknown account is named" "$err" "there is no account 'nobody'"

list=$(ctl hd user list)
check_has "the list shows every account with its roles in Chinese" "$list" "窗口,回访"
audit=$(jctl hd '[.result[].what] | join(",")' audit --login li.na)
check "every change to li.na is audited, newest first" "$audit" \
	"user.unlock,user.passwd,user.disable,user.passwd,user.lock,user.add"
check_has "with who made it" "$(jctl hd '.result[0].detail' audit --limit 1)" "by yousuctl ("
n=$(sqlite3 "$T/hd.db" "SELECT count(*) FROM audit WHERE detail LIKE '%$pw%'")
check "no password in the audit log" "$n" "0"
check "yousuctl user --help" "$(ctl hd user 2>&1 | head -1)" "usage: yousuctl [global options] user COMMAND [ARGS]"
finish
