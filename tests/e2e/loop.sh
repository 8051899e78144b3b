# loop.sh - another automatic responder answering every reply: the
# messages come faster than a person types, and replies are held back.
LOOP_MESSAGES=4
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_daemon
wait_until 10 test -f "$T/yordam.db"
for i in 1 2 3 4 5 6 7 8; do
	inject +77110000001 "Avtojavob: men hozir band $i" --date "20261124T17000$i"
done
wait_until 15 sql_is 8 "SELECT count(*) FROM messages WHERE dir='in' AND number='+77110000001' AND status='processed'"
ok $? "all eight messages are stored and processed"
held=$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='+77110000001' AND status='held'")
sent=$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='+77110000001' AND status='sent'")
echo "# loop: $sent replies sent, $held held back"
check "once the loop is seen, replies are held back" test "$held" -ge 4
check "only the first replies went out" test "$sent" -le 4
stop_daemon
done_testing
