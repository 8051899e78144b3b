# crash.sh - kill -9 the daemon while SMS keep arriving, restart it, and
# check that every SMS was stored once and answered exactly once.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

N=${CRASH_SMS:-150}
KILLS=${CRASH_KILLS:-6}

# The sender: N SMS from 15 numbers, a few milliseconds apart.
(
	i=1
	while [ $i -le $N ]; do
		num=$(printf '+7703%07d' $((i % 15)))
		d=$(printf '20261124T12%02d%02d' $((i / 60)) $((i % 60)))
		"$INJECT" "$T/phone" "$num" "uzbek $i" --date "$d" || echo "inject $i failed" >&2
		sleep 0.0$((i % 5 + 1))
		i=$((i + 1))
	done
) &
SENDER=$!

start_daemon
k=0
while [ $k -lt $KILLS ]; do
	sleep 0.$((RANDOM % 6 + 2))
	crash_daemon
	k=$((k + 1))
	start_daemon
done
wait $SENDER
wait_until 60 sql_is "$N" "SELECT count(*) FROM messages WHERE dir='in' AND status='processed'"
wait_until 30 sql_is 0 "SELECT count(*) FROM messages WHERE dir='out' AND status!='sent'"
stop_daemon

stored=$(sql "SELECT count(*) FROM messages WHERE dir='in'")
distinct=$(sql "SELECT count(DISTINCT text) FROM messages WHERE dir='in'")
answered=$(sql "SELECT count(DISTINCT in_reply_to) FROM messages WHERE dir='out'")
doubled=$(sql "SELECT count(*) FROM (SELECT in_reply_to, node FROM messages WHERE dir='out' GROUP BY in_reply_to, node HAVING count(*) > 1)")
resent=$(sql "SELECT count(*) FROM messages WHERE dir='out' AND attempts > 1")
echo "# SMS sent: $N, kills: $KILLS, stored: $stored, answered: $answered, doubled replies: $doubled, sent again after a kill: $resent"
eq "every SMS stored" "$distinct" "$N"
eq "none stored twice" "$stored" "$N"
eq "every SMS answered" "$answered" "$N"
eq "none answered twice" "$doubled" 0
check "the modem's inbox is empty" inbox_empty
eq "every reply sent" "$(sql "SELECT count(*) FROM messages WHERE dir='out' AND status='sent'")" \
	"$(sql "SELECT count(*) FROM messages WHERE dir='out'")"
done_testing
