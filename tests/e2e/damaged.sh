# damaged.sh - a database with garbage in the middle, or an empty one:
# yordamd refuses to start and says which file, what is wrong and how to
# recover; SMS stay on the modem; `yordamctl check` reports the damage.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

not() { ! "$@"; }

# exits_within SECONDS: the daemon stopped by itself; its status in $rc.
exits_within() {
	wait_until "$1" sh -c "! kill -0 $PID"
	if kill -0 "$PID" 2>/dev/null; then
		rc=running
		stop_daemon
	else
		wait "$PID"
		rc=$?
		PID=
	fi
}

start_daemon
inject +77160000001 "uzbek" --date 20261124T100000
inject +77160000002 "salom" --date 20261124T100001
wait_until 10 sql_is 2 "SELECT count(DISTINCT number) FROM messages WHERE dir='out' AND status='sent'"
ok $? "a database made and used"
stop_daemon
cp "$T/yordam.db" "$T/good.db"

# Garbage over the pages of table b-trees in the middle of the file: the
# roots of messages and contacts (not page 1, the header and schema).
size=$(sql "PRAGMA page_size")
for table in messages contacts; do
	root=$(sql "SELECT rootpage FROM sqlite_master WHERE name='$table'")
	dd if=/dev/urandom of="$T/yordam.db" bs="$size" seek=$((root - 1)) \
		count=1 conv=notrunc 2>/dev/null
done
qc=$(sqlite3 "$T/yordam.db" "PRAGMA quick_check" 2>&1)
check "the damage is real (sqlite3's own quick_check finds it)" test "$qc" != ok

inject +77160000003 "uzbek" --date 20261124T100100
: > "$T/daemon.log"
start_daemon
exits_within 15
eq "yordamd refuses to start (exit 1)" "$rc" 1
check "at error level" grep -q "error: database $T/yordam.db is damaged" "$T/daemon.log"
check "saying what is wrong" grep -q "quick_check: .*Page [0-9]" "$T/daemon.log"
check "and how to recover" grep -q "yordamctl restore.*sqlite3 $T/yordam.db .recover" "$T/daemon.log"
check "it never connected to the modem" not grep -q "modem connected" "$T/daemon.log"
check "the SMS stays on the modem" not inbox_empty
sed 's/^/# /' "$T/daemon.log" | head -n 3

"$CTL" -c "$T/yordam.conf" check > "$T/check.out" 2>&1
eq "yordamctl check fails" "$?" 1
check "and names the file and the damage" grep -q "$T/yordam.db is damaged (quick_check:" "$T/check.out"

# An empty file at the database's path: refused too, and left alone.
: > "$T/yordam.db"
rm -f "$T/yordam.db-wal" "$T/yordam.db-shm"
: > "$T/daemon.log"
start_daemon
exits_within 15
eq "an empty database file: yordamd refuses to start" "$rc" 1
check "saying the file is empty" grep -q "error: database $T/yordam.db is empty: not a Yordam database" "$T/daemon.log"
check "and when to remove it" grep -q "remove the file only if you mean to start afresh" "$T/daemon.log"
eq "the file is left as it was" "$(stat -c %s "$T/yordam.db")" 0
"$CTL" -c "$T/yordam.conf" check > "$T/check.out" 2>&1
eq "yordamctl check fails on it" "$?" 1
check "saying it is empty" grep -q "$T/yordam.db is empty" "$T/check.out"

# The good copy back: the SMS that waited on the modem is answered.
cp "$T/good.db" "$T/yordam.db"
: > "$T/daemon.log"
start_daemon
wait_until 10 inbox_empty
ok $? "with a sound database the waiting SMS leaves the modem"
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77160000003' AND status='sent'"
ok $? "and is answered"
"$CTL" -c "$T/yordam.conf" check > "$T/check.out" 2>&1
eq "yordamctl check passes while yordamd runs" "$?" 0
check "and says the database is sound" grep -q "$T/yordam.db: database OK" "$T/check.out"
stop_daemon
done_testing
