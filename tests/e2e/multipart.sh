# multipart.sh - concatenated SMS: three Cyrillic parts make one message
# and one reply; parts out of order; a part that never comes.
MULTIPART_TIMEOUT=2
. "${top_srcdir:-.}/tests/e2e/lib.sh"

LONG="Здравствуйте, я приехал в Алматы на работу две недели назад вместе с братом, мы живём у знакомых. Скажите пожалуйста, где и как нам сделать регистрацию и сколько дней на это есть?"

start_daemon
inject +77020000001 "$LONG" --date 20261124T110000 --ref 42
nfiles=$(ls "$T/phone/sms/1" | wc -l)
eq "the message arrives as three parts on the modem" "$nfiles" 3
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77020000001' AND status='sent'"
ok $? "a three-part Cyrillic message gets a reply"
sleep 0.5
eq "one inbound message" "$(sql "SELECT count(*) FROM messages WHERE dir='in' AND number='+77020000001'")" 1
eq "with three parts" "$(sql "SELECT parts FROM messages WHERE dir='in' AND number='+77020000001'")" 3
eq "reassembled exactly" "$(sql "SELECT text FROM messages WHERE dir='in' AND number='+77020000001'")" "$LONG"
eq "one reply" "$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='+77020000001'")" 1
check "the modem's inbox is empty" wait_until 5 inbox_empty

# Parts in reverse order, one at a time: each part leaves the modem at once.
inject +77020000002 "$LONG" --date 20261124T110100 --ref 43 --part 3
wait_until 5 inbox_empty
ok $? "a lone part is stored and deleted from the modem at once"
eq "it is held, not answered" "$(sql "SELECT count(*) FROM messages WHERE number='+77020000002'")" 0
inject +77020000002 "$LONG" --date 20261124T110100 --ref 43 --part 2
inject +77020000002 "$LONG" --date 20261124T110100 --ref 43 --part 1
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77020000002' AND status='sent'"
ok $? "parts out of order are joined and answered"
eq "in the right order" "$(sql "SELECT text FROM messages WHERE dir='in' AND number='+77020000002'")" "$LONG"

# A part that never comes: after multipart_timeout, what arrived is used.
inject +77020000003 "$LONG" --date 20261124T110200 --ref 44 --part 1
inject +77020000003 "$LONG" --date 20261124T110200 --ref 44 --part 3
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77020000003' AND status='sent'"
ok $? "an incomplete message is answered after the timeout"
check "the gap is marked" sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE dir='in' AND number='+77020000003'\" | grep -q '\[…\]'"

# A restart in the middle of a multipart message loses nothing.
inject +77020000004 "$LONG" --date 20261124T110300 --ref 45 --part 1
wait_until 5 inbox_empty
stop_daemon
inject +77020000004 "$LONG" --date 20261124T110300 --ref 45 --part 2
inject +77020000004 "$LONG" --date 20261124T110300 --ref 45 --part 3
start_daemon
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77020000004' AND status='sent'"
ok $? "parts across a restart are joined"
eq "into the whole text" "$(sql "SELECT text FROM messages WHERE dir='in' AND number='+77020000004'")" "$LONG"
stop_daemon
done_testing
