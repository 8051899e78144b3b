# abuse.sh - cost and abuse: no replies to names, short codes or service
# numbers; per-number limits and loops with other automatic responders
# hold replies back (kept and logged, never lost).
REPLIES_PER_HOUR=3
LOOP_MESSAGES=1000
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_daemon
wait_until 10 test -f "$T/yordam.db"
inject Beeline "Balansingiz 500 tenge" --date 20261124T160000
inject 0707 "Xizmat yoqildi" --date 20261124T160100
inject +7700 "short" --date 20261124T160200
wait_until 10 sql_is 3 "SELECT count(*) FROM messages WHERE dir='in' AND status='no-reply'"
ok $? "messages from a name, a short code and a service number are stored"
sleep 0.5
eq "and never answered" "$(sql "SELECT count(*) FROM messages WHERE dir='out'")" 0

# The limit: 3 replies an hour to one number.
for i in 1 2 3 4 5; do
	inject +77100000001 "uzbek $i" --date "20261124T16100$i"
	sleep 0.3
done
wait_until 10 sql_is 5 "SELECT count(*) FROM messages WHERE dir='in' AND number='+77100000001' AND status='processed'"
ok $? "every message over the limit is still stored and processed"
sent=$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='+77100000001' AND status!='held'")
held=$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='+77100000001' AND status='held'")
echo "# to one number: $sent replies sent, $held held back"
check "no more than the limit is sent" test "$sent" -le 4
check "the rest is held back, not lost" test "$held" -ge 1
check "and the log says so, without the number" grep -q "a person reached the reply limit" "$T/daemon.log"
eq "the person is told once that a person reads on" "$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='+77100000001' AND node='limit'")" 1
eq "and their messages join the staff queue" "$(sql "SELECT count(*) FROM help_requests WHERE number='+77100000001' AND topic='limit'")" 1
check "no number in the log" sh -c "! grep -q 77100000001 '$T/daemon.log'"
stop_daemon
done_testing
