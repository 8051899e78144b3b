# oncall.sh - urgent requests reach the on-call phone, escalate without an
# ACK, and staff work by SMS with a PIN; a wrong PIN does nothing.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

A=+77090000100
B=+77090000200
cat >> "$T/yordam.conf" <<CONF
oncall_ack_minutes = 1;
staff = (
  { name = "Aigerim"; phone = "$A"; pin = "482913"; on_call = "always"; },
  { name = "Timur"; phone = "$B"; pin = "771205"; on_call = "always"; }
);
CONF
export YORDAM_CLOCK_FILE="$T/clock"
now=$(date -u -d "2026-11-24 10:00" +%s)
echo $now > "$T/clock"
tick() { now=$((now + $1)); echo $now > "$T/clock"; }

start_daemon
wait_until 10 test -f "$T/yordam.db"
inject +77091000001 "pasportimni olib qo'yishdi" --date 20261124T100000
inject +77091000002 "паспортумду алып коюшту" --date 20261124T100100
inject +77091000003 "корфармо мезананд" --date 20261124T100200
inject +77091000004 "меня избили" --date 20261124T100300
wait_until 15 sql_is 4 "SELECT count(*) FROM messages WHERE dir='out' AND number='$A' AND node='staff-alert' AND status='sent'"
ok $? "an urgent message in each language reaches the on-call phone"
check "the alert names the case and its category" sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE number='$A' AND node='staff-alert'\" | grep -q '^#[0-9]* URGENT violence (ru): «меня избили» | ACK'"
check "and not the migrant's number" sh -c "! sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE number='$A'\" | grep -q 7709100"
id1=$(sql "SELECT id FROM help_requests WHERE number='+77091000001'")
id2=$(sql "SELECT id FROM help_requests WHERE number='+77091000002'")
id3=$(sql "SELECT id FROM help_requests WHERE number='+77091000003'")

# Aigerim acknowledges the first; the others time out and go to Timur.
inject $A "482913 ACK $id1" --date 20261124T100400
wait_until 10 sql_is 1 "SELECT count(*) FROM alerts WHERE request_id=$id1 AND acked_at IS NOT NULL"
ok $? "ACK by SMS stops the escalation of that case"
tick 90
wait_until 10 sql_is 3 "SELECT count(*) FROM alerts WHERE escalated AND staff='$B'"
ok $? "without an ACK in time, the next person on call is alerted"
eq "the acknowledged case is not escalated" "$(sql "SELECT count(*) FROM alerts WHERE request_id=$id1 AND escalated")" 0
eq "escalations are audited" "$(sql "SELECT count(*) FROM audit WHERE action='escalate' AND who='yordamd'")" 3

# Timur takes a case and answers the migrant from his phone.
inject $B "771205 TAKE $id2" --date 20261124T100600
inject $B "771205 R $id2 Здравствуйте, мы вам позвоним сегодня" --date 20261124T100700
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77091000002' AND node='staff' AND status='sent'"
ok $? "a staff SMS reply reaches the migrant"
eq "from the helpline, with the staff text" "$(sql "SELECT text FROM messages WHERE number='+77091000002' AND node='staff'")" "Здравствуйте, мы вам позвоним сегодня"
eq "TAKE claims the case for him" "$(sql "SELECT claimed_by FROM help_requests WHERE id=$id2")" Timur
wait_until 10 sql_is 2 "SELECT count(*) FROM messages WHERE number='$B' AND text IN ('#$id2 is yours', '#$id2 reply sent')"
ok $? "staff get a confirmation of each command"

# A wrong PIN: nothing happens, nothing is answered, it is logged.
before=$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='$B'")
inject $B "9999 CLOSE $id3" --date 20261124T100800
wait_until 15 grep -q "wrong or missing PIN" "$T/daemon.log"
ok $? "a wrong PIN is logged"
check "without the number" sh -c "! grep -q 7709 '$T/daemon.log'"
sleep 1
eq "it gets no answer" "$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='$B'")" "$before"
eq "and changes nothing" "$(sql "SELECT status FROM help_requests WHERE id=$id3")" open

inject $B "771205 NEXT" --date 20261124T100900
wait_until 10 sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE number='$B' ORDER BY id DESC LIMIT 1\" | grep -q '^#[0-9]* URGENT'"
ok $? "NEXT sends the oldest urgent open case"
stop_daemon
done_testing
