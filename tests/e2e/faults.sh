# faults.sh - a modem that fails: sends time out, reads and deletes fail,
# the database is locked.  The daemon keeps running, retries with back-off,
# says in the log what is wrong, and loses nothing.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

mkdir -p "$T/faults"
export YORDAM_FAULTS="$T/faults"
SHIM="$BUILD/tests/e2e/faultshim.so"
# A daemon built with --enable-sanitizers wants ASan's runtime first in
# the library list; the shim does not use ASan, so the order is harmless.
start_daemon_shim() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	LD_PRELOAD="$SHIM" "$YORDAMD" -c "$T/yordam.conf" 2>>"$T/daemon.log" &
	PID=$!
}
fault() { echo "$2" > "$T/faults/$1"; }
clear_faults() { rm -f "$T/faults/"*; }

start_daemon_shim
wait_until 10 test -f "$T/yordam.db"

# 1. A send times out once: retried, then sent.
fault GSM_SendSMS "ERR_TIMEOUT once"
inject +77140000001 "uzbek" --date 20261124T180000
wait_until 10 grep -q "sending message .* failed (attempt 1).*TIMEOUT\|sending message .* failed (attempt 1)" "$T/daemon.log"
ok $? "a failed send is logged with the modem's error"
wait_until 15 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77140000001' AND status='sent'"
ok $? "and the message is sent on a retry"
eq "after two attempts" "$(sql "SELECT attempts FROM messages WHERE dir='out' AND number='+77140000001'")" 2

# 2. Reading fails three times in a row: the daemon reconnects, then reads.
fault GSM_GetNextSMS "ERR_NOTCONNECTED"
inject +77140000002 "uzbek" --date 20261124T180100
wait_until 10 grep -q "reconnecting" "$T/daemon.log"
ok $? "repeated read errors lead to a reconnect"
check "the SMS waits on the modem meanwhile" test -n "$(ls "$T/phone/sms/1")"
clear_faults
wait_until 15 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77140000002' AND status='sent'"
ok $? "when reading works again, it is answered"

# 3. Deleting fails: the SMS is stored, read again, and not answered twice.
fault GSM_DeleteSMS "ERR_DEVICEWRITEERROR"
inject +77140000003 "uzbek" --date 20261124T180200
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='in' AND number='+77140000003'"
sleep 1.5
clear_faults
wait_until 10 inbox_empty
ok $? "once deleting works, the SMS leaves the modem"
eq "it was stored once" "$(sql "SELECT count(*) FROM messages WHERE dir='in' AND number='+77140000003'")" 1
eq "and answered once" "$(sql "SELECT count(DISTINCT in_reply_to) FROM messages WHERE dir='out' AND number='+77140000003'")" 1

# 4. The database is locked longer than the busy timeout: the SMS stays
# on the modem until it can be stored.
(echo "BEGIN EXCLUSIVE;"; sleep 12; echo "COMMIT;") | sqlite3 -cmd ".timeout 10000" "$T/yordam.db" &
LOCKER=$!
sleep 0.5
inject +77140000004 "uzbek" --date 20261124T180300
sleep 6
check "while the database is locked, the SMS stays on the modem" test -n "$(ls "$T/phone/sms/1")"
wait $LOCKER
wait_until 15 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77140000004' AND status='sent'"
ok $? "after the lock, it is stored and answered"
check "the log says what is wrong" grep -q "database is locked" "$T/daemon.log"
check "the daemon never stopped" kill -0 "$PID"
stop_daemon
done_testing
