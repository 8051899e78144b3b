# backup.sh - `yordamctl backup` while yordamd runs and SMS arrive gives a
# sound, consistent copy; after the live database is damaged, `yordamctl
# restore` puts it back and yordamd carries on from it: everything in the
# backup is there, nothing is answered twice, new SMS are answered.  A
# backup that cannot be written says why; rotation keeps the newest N.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

not() { ! "$@"; }
# bsql FILE QUERY: a query on a backup file (never creating it).
bsql() {
	sqlite3 "file:$1?mode=ro" "$2" 2>/dev/null
}

start_daemon
wait_until 10 test -f "$T/yordam.db"
i=1
while [ $i -le 5 ]; do
	inject "+771700000$i" "uzbek" --date "20261124T11000$i"
	i=$((i + 1))
done
wait_until 15 sql_is 5 "SELECT count(DISTINCT number) FROM messages WHERE dir='out' AND status='sent'"
ok $? "five SMS answered"

# A sender keeps SMS coming while the backup is taken.
(
	i=1
	while [ $i -le 20 ]; do
		"$INJECT" "$T/phone" "+7717100$(printf %04d $i)" "salom $i" \
			--date "20261124T1201$(printf %02d $i)"
		sleep 0.05
		i=$((i + 1))
	done
) &
SENDER=$!
sleep 0.4
"$CTL" -c "$T/yordam.conf" backup "$T/b1.db" > "$T/backup.out" 2>&1
ok $? "a backup while yordamd runs and SMS arrive"
sed 's/^/# /' "$T/backup.out"
wait $SENDER
eq "the backup file is private (0600)" "$(stat -c %a "$T/b1.db")" 600
eq "it passes quick_check" "$(bsql "$T/b1.db" "PRAGMA quick_check")" ok
eq "it is one file (no WAL)" "$(bsql "$T/b1.db" "PRAGMA journal_mode")" delete
check "no temporary file is left" not sh -c "ls '$T' | grep -q 'tmp-'"
b_in=$(bsql "$T/b1.db" "SELECT count(*) FROM messages WHERE dir='in'")
check "it holds the SMS answered before it ($b_in in)" test "$b_in" -ge 5
# Each stage is one transaction, so the copy (one moment) has every
# processed SMS together with its replies.
eq "and is consistent: every processed SMS has its replies" \
	"$(bsql "$T/b1.db" "SELECT count(*) FROM messages m WHERE dir='in' AND status='processed' AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.in_reply_to = m.id)")" 0

wait_until 20 sql_is 25 "SELECT count(DISTINCT number) FROM messages WHERE dir='out' AND status='sent'"
ok $? "all 25 SMS answered"
"$CTL" -c "$T/yordam.conf" restore "$T/b1.db" > "$T/restore.out" 2>&1
eq "restore refuses while yordamd runs" "$?" 1
check "saying to stop yordamd" grep -q "is open in process $PID.*stop yordamd first" "$T/restore.out"
sed 's/^/# /' "$T/restore.out"

# Rotation: only files named as backups are, and only the oldest go.
mkdir "$T/backups"
for d in 20200101 20200102 20200103; do
	cp "$T/b1.db" "$T/backups/yordam-$d-000000.db"
done
echo keep > "$T/backups/notes.txt"
echo keep > "$T/backups/yordam-latest.db"
"$CTL" -c "$T/yordam.conf" backup --keep 2 "$T/backups" > "$T/backup.out" 2>&1
ok $? "backup --keep 2 DIR"
new=$(ls "$T/backups" | grep '^yordam-[0-9]\{8\}-[0-9]\{6\}\.db$' | grep -v '^yordam-2020')
check "writes a dated file in DIR" test -n "$new"
eq "it passes quick_check" "$(bsql "$T/backups/$new" "PRAGMA quick_check")" ok
eq "and keeps the newest 2 backups" \
	"$(ls "$T/backups" | grep '^yordam-[0-9]' | tr '\n' ' ')" "yordam-20200103-000000.db $new "
check "other files are left alone" test -f "$T/backups/notes.txt" -a -f "$T/backups/yordam-latest.db"
stop_daemon
live_in=$(sql "SELECT count(*) FROM messages WHERE dir='in'")

# Backups that cannot be written say why, and write nothing.
"$CTL" -c "$T/yordam.conf" backup "$T/nodir/b.db" > "$T/fail.out" 2>&1
eq "a backup into a missing directory fails" "$?" 1
check "naming it and why" grep -q "cannot create a file in $T/nodir: No such file or directory" "$T/fail.out"
"$CTL" -c "$T/yordam.conf" backup "$T/yordam.conf/b.db" > "$T/fail.out" 2>&1
eq "a backup under a file fails" "$?" 1
check "naming it and why" grep -q "cannot create a file in $T/yordam.conf: Not a directory" "$T/fail.out"
"$CTL" -c "$T/yordam.conf" backup "$T/yordam.db" > "$T/fail.out" 2>&1
eq "a backup over the database itself is refused" "$?" 1
check "saying so" grep -q "that is the database itself" "$T/fail.out"
if [ "$(id -u)" != 0 ]; then
	mkdir "$T/ro" && chmod 500 "$T/ro"
	"$CTL" -c "$T/yordam.conf" backup "$T/ro/b.db" > "$T/fail.out" 2>&1
	eq "a backup into an unwritable directory fails" "$?" 1
	check "naming it and why" grep -q "cannot create a file in $T/ro: Permission denied" "$T/fail.out"
else
	echo "ok $((n_tests = n_tests + 1)) - # SKIP an unwritable directory (root writes anywhere)"
fi

# Damage the live database.
size=$(sql "PRAGMA page_size")
root=$(sql "SELECT rootpage FROM sqlite_master WHERE name='messages'")
dd if=/dev/urandom of="$T/yordam.db" bs="$size" seek=$((root - 1)) count=1 \
	conv=notrunc 2>/dev/null
check "the live database is damaged" not test "$(sqlite3 "$T/yordam.db" "PRAGMA quick_check" 2>&1)" = ok
"$CTL" -c "$T/yordam.conf" backup --keep 1 "$T/backups" > "$T/fail.out" 2>&1
eq "a backup of the damaged database fails" "$?" 1
check "saying the copy fails quick_check" grep -q "fails quick_check" "$T/fail.out"
eq "and the old backups are not rotated away" "$(ls "$T/backups" | grep -c '^yordam-[0-9]')" 2

"$CTL" -c "$T/yordam.conf" restore "$T/b1.db" > "$T/restore.out" 2>&1
ok $? "yordamctl restore with yordamd stopped"
sed 's/^/# /' "$T/restore.out"
kept=$(ls "$T" | grep '^yordam\.db\.before-restore-[0-9-]*$')
check "the damaged file is kept beside it" test -n "$kept"
eq "the restored database passes quick_check" "$(sql "PRAGMA quick_check")" ok
eq "and is private (0600)" "$(stat -c %a "$T/yordam.db")" 600
eq "it holds what the backup held" "$(sql "SELECT count(*) FROM messages WHERE dir='in'")" "$b_in"
"$CTL" -c "$T/yordam.conf" restore "$T/$kept" > "$T/fail.out" 2>&1
eq "restoring a damaged file is refused" "$?" 1
check "saying it is damaged" grep -q "the backup $T/$kept is damaged" "$T/fail.out"
: > "$T/empty.db"
"$CTL" -c "$T/yordam.conf" restore "$T/empty.db" > "$T/fail.out" 2>&1
eq "restoring an empty file is refused" "$?" 1
"$CTL" -c "$T/yordam.conf" restore "$T/missing.db" > "$T/fail.out" 2>&1
eq "restoring a missing file is refused" "$?" 1
check "naming it and why" grep -q "$T/missing.db: No such file or directory" "$T/fail.out"

: > "$T/daemon.log"
start_daemon
wait_until 10 grep -q started "$T/daemon.log"
ok $? "yordamd starts on the restored database"
inject +77172000001 "uzbek" --date 20261124T130000
wait_until 15 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77172000001' AND status='sent'"
ok $? "a new SMS is answered"
wait_until 15 sql_is 0 "SELECT count(*) FROM messages WHERE status IN ('new', 'queued', 'sending')"
eq "everything in the backup is there" \
	"$(sql "ATTACH '$T/b1.db' AS b; SELECT count(*) FROM b.messages bm WHERE NOT EXISTS (SELECT 1 FROM main.messages m WHERE m.id = bm.id AND m.dir = bm.dir AND m.number = bm.number AND m.text IS bm.text)")" 0
eq "no SMS answered twice" \
	"$(sql "SELECT count(*) FROM (SELECT in_reply_to, node FROM messages WHERE dir='out' AND in_reply_to IS NOT NULL GROUP BY in_reply_to, node HAVING count(*) > 1)")" 0
eq "what the backup had answered is not answered again" \
	"$(sql "ATTACH '$T/b1.db' AS b; SELECT count(*) FROM b.messages bm WHERE bm.dir = 'in' AND bm.status = 'processed' AND (SELECT count(*) FROM main.messages o WHERE o.in_reply_to = bm.id) != (SELECT count(*) FROM b.messages o WHERE o.in_reply_to = bm.id)")" 0
echo "# $live_in SMS in before the damage, $b_in in the backup; the rest are in $kept"
stop_daemon
done_testing
