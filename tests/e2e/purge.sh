# purge.sh - a year of backlog under the retention purge: the daemon
# keeps answering while it drains, SIGTERM in the middle of it stops the
# daemon within two seconds (systemd would kill it otherwise), and an
# erase on the big database is quick.  PURGE_ROWS scales the backlog.
RETENTION_DAYS=90
. "${top_srcdir:-.}/tests/e2e/lib.sh"
ROWS=${PURGE_ROWS:-300000}
# Under valgrind (YORDAMD_WRAPPER) everything is ten times slower.
SLOW=1
[ -n "$WRAPPER" ] && SLOW=10

start_daemon
# "started": the schema is made (the file alone is not: a SIGTERM before
# the signal handlers are set would stop it half-way)
wait_until 10 grep -q started "$T/daemon.log"
stop_daemon
# Old traffic, a year ago, straight into the tables (the schema is the
# daemon's own, just created).
old=$(( $(date +%s) - 400 * 86400 ))
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO messages (dir, number, text, parts, status, created_at, in_reply_to)
SELECT CASE i % 2 WHEN 0 THEN 'in' ELSE 'out' END, '+7702' || (i % 5000),
 'old text number ' || i, 1, CASE i % 2 WHEN 0 THEN 'processed' ELSE 'sent' END,
 $old + i, NULL FROM n;
INSERT INTO contacts (number, created_at, updated_at) VALUES ('+77020000042', 1, 1);"
echo "# backlog: $(sql "SELECT count(*) FROM messages") messages"

start_daemon
sleep 1
inject +77120000001 "salom" --date "20261124T180000"
t0=$(date +%s.%N)
wait_until 10 sql_is 1 "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='+77120000001' AND status='sent'"
ok $? "a person is answered while the purge drains the backlog"
echo "# answered in $(echo "$(date +%s.%N) - $t0" | bc) s"
left=$(sql "SELECT count(*) FROM messages WHERE created_at < $(( $(date +%s) - 90 * 86400 ))")
echo "# $left old messages still to purge when SIGTERM came"
t0=$(date +%s.%N)
stop_daemon
took=$(echo "$(date +%s.%N) - $t0" | bc)
echo "# stopped in $took s"
check "SIGTERM during the purge stops the daemon within 2 s" test "$(echo "$took < 2 * $SLOW" | bc)" -eq 1

start_daemon
wait_until $(( ROWS / 5000 + 120 )) sql_is 0 "SELECT count(*) FROM messages WHERE created_at < $(( $(date +%s) - 90 * 86400 ))"
ok $? "the whole backlog drains over later turns"
eq "every purged message is counted" "$(sql "SELECT sum(n) FROM tallies")" "$ROWS"
# An erase of one number with many messages, on the big database.
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
INSERT INTO messages (dir, number, text, parts, status, created_at) SELECT 'in', '+77120000002', 'my story ' || i, 1, 'processed', strftime('%s') FROM n"
inject +77120000002 "delete" --date "20261124T180100"
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE number='+77120000002' AND node='deleted' AND status='sent'"
ok $? "an erase on a large database is answered in seconds"
eq "and nothing else of that number is left" "$(sql "SELECT count(*) FROM messages WHERE number='+77120000002' AND node IS NOT 'deleted'")" 0
check "the daemon logged the purge" grep -q "retention: .* old messages deleted" "$T/daemon.log"
longest=$(sed -n 's/.*longest transaction \([0-9]*\) ms.*/\1/p' "$T/daemon.log" | sort -n | tail -n 1)
echo "# longest purge transaction: $longest ms ($ROWS old messages)"
check "no purge transaction over 1 s" test "$longest" -lt $((1000 * SLOW))
stop_daemon
done_testing
