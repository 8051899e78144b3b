# privacy.sh - DELETE erases what the helpline holds about a person, in
# any language, and confirms it; retention deletes old texts but keeps
# the daily counts.
RETENTION_DAYS=30
. "${top_srcdir:-.}/tests/e2e/lib.sh"

export YORDAM_CLOCK_FILE="$T/clock"
now=$(date -u -d "2026-11-24 12:00" +%s)
echo $now > "$T/clock"

start_daemon
wait_until 10 test -f "$T/yordam.db"
n=0
for w in DELETE "o'chir" "Өчүр" "нест кунед" "удалить"; do
	n=$((n + 1))
	num=+7712000000$n
	inject $num "pasportimni olib qo'yishdi" --date "20261124T12000$n"
	wait_until 10 sql_is 1 "SELECT count(*) FROM help_requests WHERE number='$num'"
	inject $num "$w" --date "20261124T12010$n"
	wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE number='$num' AND node='deleted' AND status='sent'"
	ok $? "'$w' is confirmed"
	eq "and nothing else about the person is left" \
		"$(sql "SELECT (SELECT count(*) FROM messages WHERE number='$num' AND node!='deleted') + (SELECT count(*) FROM help_requests WHERE number='$num') + (SELECT count(*) FROM contacts WHERE number='$num')")" 0
done
check "the daily counts keep what was erased" test "$(sql "SELECT sum(n) FROM tallies")" -ge 10

# Exports with pseudonyms: the same person, the same name, no number,
# and nothing of the key the names are made with.
"$CTL" -c "$T/yordam.conf" log --json --pseudonyms > "$T/export.json"
"$CTL" -c "$T/yordam.conf" log --pseudonyms > "$T/export.txt"
check "an export with --pseudonyms has no phone numbers" sh -c "! grep -q '\"number\":\"+' '$T/export.json'"
check "but a stable pseudonym of 64 bits" grep -q '"number":"p[0-9a-f]\{16\}"' "$T/export.json"
key=$(sql "SELECT value FROM settings WHERE key='pseudonym_key'")
check "the database has a 32-byte pseudonym key" test ${#key} -eq 64
check "which no export shows" sh -c "! grep -qi '$key' '$T/export.json' '$T/export.txt'"

# Retention: 31 days later the old texts go, the counts stay.
inject +77130000001 "uzbek" --date 20261124T123000
wait_until 10 sql_is 1 "SELECT count(*) > 0 FROM messages WHERE number='+77130000001' AND dir='out' AND status='sent'"
before=$(sql "SELECT count(*) FROM messages")
stop_daemon
echo $((now + 31 * 86400)) > "$T/clock"
start_daemon
wait_until 10 sql_is 0 "SELECT count(*) FROM messages"
ok $? "after retention_days, old messages are deleted ($before)"
check "their counts are kept" test "$(sql "SELECT sum(n) FROM tallies")" -ge $((10 + before))
stop_daemon
done_testing
