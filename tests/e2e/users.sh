# users.sh - `yordamctl user ...`, the web console's accounts, made and
# changed from the command line while yordamd runs: each command says
# what it did, refuses what the rules refuse with the reason (short
# passwords counted in characters, names that are SQL or quotes, a name
# taken in another case, the last admin), never shows a password or its
# hash, and leaves an audit line saying who did it.  Passwords come with
# --password-stdin here; on a terminal they are asked twice, unechoed.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

PW='correct horse battery'
ctl() { "$CTL" -c "$T/yordam.conf" "$@"; }
# add NAME PASSWORD [OPTIONS...]: output in $T/out, status returned
add() {
	name=$1 pw=$2
	shift 2
	printf '%s\n' "$pw" | ctl user add "$name" --password-stdin "$@" \
		> "$T/out" 2>&1
}
said() { grep -qF -- "$1" "$T/out"; }

start_daemon
wait_until 10 test -f "$T/yordam.db"

add aigerim "$PW" --as director
eq "user add makes an account" "$?" 0
eq "  and says so" "$(cat "$T/out")" "account aigerim added (staff, ru)"
eq "  the password kept as an argon2id hash" \
	"$(sql "SELECT substr(hash, 1, 10) FROM accounts WHERE name = 'aigerim'")" '$argon2id$'
eq "  audited with who did it" \
	"$(sql "SELECT who || ' ' || action || ' ' || detail FROM audit WHERE request_id IS NULL")" \
	"director account-add aigerim"
add Boss "$PW" --role admin --lang en --as director
eq "an admin with the console in English" "$(cat "$T/out")" "account Boss added (admin, en)"
printf '%s\n' "$PW" | SUDO_USER=ops ctl user add bolat --password-stdin > /dev/null 2>&1
eq "  without --as, who is \$SUDO_USER" \
	"$(sql "SELECT who FROM audit WHERE detail = 'bolat'")" "ops"

# What an attacker, or a careless admin, tries.
add zarina "абвгдежзи"
eq "9 Cyrillic letters (18 bytes) are too short a password" "$?" 1
check "  saying why" said "the password is too short: at least 10 characters"
add zarina "абвгдежзий"
eq "  10 are enough" "$?" 0
add "zarina12345" "ZARINA12345"
eq "the name as the password is refused" "$?" 1
check "  saying why" said "must not be the account's name"
add "x'; DROP TABLE accounts;--" "$PW"
eq "a name that is SQL is refused" "$?" 1
check "  saying why" said "a name holds only letters, digits 0-9, '.', '_' and '-': character 2 is a quote (')"
add "ai gerim" "$PW"
check "a name with a space is refused" said "is a space"
add "$(printf 'ai\033[2Jgerim')" "$PW"
check "a name with a terminal escape is refused" said "a control character (U+001B)"
check "  and the escape is not printed back" sh -c "! grep -q \"\$(printf '\\033')\" '$T/out'"
add "$(printf '%033d' 0)" "$PW"
check "a name of 33 characters is refused" said "the name has 33 characters; at most 32"
add "" "$PW"
check "an empty name is refused" said "an account needs a name"
add AIGERIM "$PW"
eq "a name taken in another case is refused" "$?" 1
check "  saying whose" said "there is an account aigerim already"
add someone "$PW" --role root
check "a role that is none is refused" said "a role is staff or admin"
add someone "$PW" --lang uz
check "a language the console does not speak is refused" said "ru or en"
ctl user add someone < /dev/null > "$T/out" 2>&1
eq "no terminal and no --password-stdin: nothing is asked" "$?" 1
check "  saying how to give it" said "--password-stdin"
eq "the accounts are those that were allowed" \
	"$(sql "SELECT group_concat(name, ' ') FROM (SELECT name FROM accounts ORDER BY name)")" \
	"aigerim bolat Boss zarina"

# list
ctl user list > "$T/list" 2>&1
ok $? "user list"
sed 's/^/# /' "$T/list"
check "  one line an account" test "$(wc -l < "$T/list")" -eq 4
check "  with role and language" grep -q "^Boss  *admin en added " "$T/list"
ctl user list --json > "$T/list.json"
check "  --json, one object a line" sh -c "[ \$(wc -l < '$T/list.json') -eq 4 ] && grep -q '^{\"name\":\"aigerim\",\"role\":\"staff\",\"lang\":\"ru\",\"failures\":0,\"locked_until\":null,\"created_at\":\"' '$T/list.json'"
check "  no hash shown" sh -c "! grep -q argon2 '$T/list' '$T/list.json'"

# passwd: the account's sessions end, others stay.
sql "INSERT INTO web_sessions VALUES ('h1', 'aigerim', 'c', 1, 9999999999, 1), ('h2', 'Boss', 'c', 1, 9999999999, 1)"
old=$(sql "SELECT hash FROM accounts WHERE name = 'aigerim'")
printf 'a new secret 2\n' | ctl user passwd Aigerim --password-stdin --as director > "$T/out" 2>&1
eq "user passwd" "$?" 0
eq "  says so" "$(cat "$T/out")" "password of aigerim changed; its console sessions ended"
check "  a new hash" test "$(sql "SELECT hash FROM accounts WHERE name = 'aigerim'")" != "$old"
eq "  the account's sessions ended, not others'" "$(sql "SELECT group_concat(name) FROM web_sessions")" "Boss"
printf 'short\n' | ctl user passwd aigerim --password-stdin > "$T/out" 2>&1
eq "  a short one refused" "$?" 1
printf '%s\n' "$PW" | ctl user passwd nobody --password-stdin > "$T/out" 2>&1
eq "  no such account" "$?" 1
check "  saying so" said "no account nobody"

# unlock: a lock shows in the list and is lifted.
sql "UPDATE accounts SET failures = 0, locked_until = strftime('%s', 'now') + 600 WHERE name = 'bolat'"
ctl user list > "$T/list"
check "a locked account shows as locked" grep -q "^bolat .*LOCKED until" "$T/list"
ctl user unlock BOLAT --as director > "$T/out" 2>&1
eq "user unlock" "$(cat "$T/out")" "account bolat unlocked"
eq "  the lock lifted" "$(sql "SELECT locked_until FROM accounts WHERE name = 'bolat'")" 0

# role and remove: the last admin stays.
ctl user remove Boss --as director > "$T/out" 2>&1
eq "the last admin cannot be removed" "$?" 1
check "  saying why" said "Boss is the last admin: make another admin first"
ctl user role boss staff > "$T/out" 2>&1
eq "  nor become staff" "$?" 1
ctl user role aigerim admin --as director > "$T/out" 2>&1
eq "user role" "$(cat "$T/out")" "account aigerim is now admin"
ctl user role aigerim boss > "$T/out" 2>&1
eq "  a role that is none is refused" "$?" 1
ctl user remove Boss --as aigerim > "$T/out" 2>&1
eq "user remove, with another admin left" "$(cat "$T/out")" "account Boss removed; its console sessions ended"
eq "  its sessions gone with it" "$(sql "SELECT count(*) FROM web_sessions")" 0
ctl user lang aigerim en > "$T/out" 2>&1
eq "user lang" "$(sql "SELECT lang FROM accounts WHERE name = 'aigerim'")" "en"

eq "every change audited, by whom" \
	"$(sql "SELECT group_concat(who || ':' || action, ' ') FROM (SELECT who, action FROM audit WHERE detail IN ('aigerim', 'Boss', 'bolat') ORDER BY id)")" \
	"director:account-add director:account-add ops:account-add director:account-password director:account-unlock director:account-role-admin aigerim:account-remove"
check "no password in the database file or its journal" sh -c \
	"! grep -qF '$PW' '$T/yordam.db' '$T/yordam.db-wal' && ! grep -qF 'a new secret 2' '$T/yordam.db' '$T/yordam.db-wal'"
check "no password in the audit" sh -c "[ \"\$(sqlite3 '$T/yordam.db' \"SELECT count(*) FROM audit WHERE detail LIKE '%secret%' OR detail LIKE '%horse%' OR detail LIKE '%argon%'\")\" = 0 ]"

ctl user > /dev/null 2>&1
eq "'user' alone prints the usage" "$?" 2
ctl user frob x > /dev/null 2>&1
eq "an unknown user command prints the usage" "$?" 2
ctl user add > /dev/null 2>&1
eq "user add without a name prints the usage" "$?" 2

# On a terminal: asked twice, without echo.
if command -v script >/dev/null 2>&1; then
	(sleep 1; printf 'terminal secret 1\n'; sleep 1; printf 'terminal secret 1\n'; sleep 1) |
		script -qec "'$CTL' -c '$T/yordam.conf' user add dilnoza" /dev/null > "$T/tty.out" 2>&1
	check "on a terminal: asked for the password" grep -q "New password" "$T/tty.out"
	check "  twice" grep -q "again" "$T/tty.out"
	check "  not echoed" sh -c "! grep -q 'terminal secret' '$T/tty.out'"
	check "  and the account made" grep -q "account dilnoza added (staff, ru)" "$T/tty.out"
	(sleep 1; printf 'terminal secret 1\n'; sleep 1; printf 'terminal secret 2\n'; sleep 1) |
		script -qec "'$CTL' -c '$T/yordam.conf' user add farrukh" /dev/null > "$T/tty.out" 2>&1
	check "  two different passwords are refused" grep -q "the two passwords differ" "$T/tty.out"
	eq "  and no account made" "$(sql "SELECT count(*) FROM accounts WHERE name = 'farrukh'")" 0
else
	ok 0 "# SKIP script(1) is not installed: no terminal to test with"
fi

kill -0 "$PID" 2>/dev/null
ok $? "yordamd ran on while accounts changed"
stop_daemon
done_testing
