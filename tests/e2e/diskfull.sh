# diskfull.sh - the disk fills up: SMS stay on the modem until they can be
# stored, the log says why, and once there is room every one is answered.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_daemon
wait_until 10 test -f "$T/yordam.db"
inject +77150000000 "uzbek" --date 20261124T190000
wait_until 10 sql_is 1 "SELECT count(*) > 0 FROM messages WHERE dir='out' AND status='sent'"
stop_daemon
pages=$(sql "PRAGMA page_count")

# Now the file may not grow: the disk is "full".
YORDAM_TEST_MAX_PAGES=$pages start_daemon
i=1
while [ $i -le 40 ]; do
	inject +7715000$(printf %04d $i) "Здравствуйте, помогите пожалуйста с регистрацией $i" --date "20261124T1901$(printf %02d $i)"
	i=$((i + 1))
done
wait_until 15 grep -q "full" "$T/daemon.log"
ok $? "a full disk is reported in the log"
sleep 1
left=$(ls "$T/phone/sms/1" | wc -l)
echo "# $left SMS waiting on the modem"
check "SMS that cannot be stored stay on the modem" test "$left" -gt 0
check "the daemon keeps running" kill -0 "$PID"
stop_daemon

# Room again.
start_daemon
wait_until 30 inbox_empty
ok $? "with room again, every SMS leaves the modem"
wait_until 30 sql_is 40 "SELECT count(DISTINCT number) FROM messages WHERE dir='out' AND status='sent' AND number LIKE '+7715000%' AND number != '+77150000000'"
ok $? "and every one is answered"
eq "none twice" "$(sql "SELECT count(*) FROM messages WHERE dir='in' AND number LIKE '+7715000%'")" 41
stop_daemon
done_testing
