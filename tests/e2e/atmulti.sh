# atmulti.sh - two modems (two simulated SIMs through libgammu's AT
# driver), one worker each (issue 20): a reply goes back through the
# modem its message came in on; when one modem keeps failing (+CMS ERROR
# on every send) it is taken out and its replies leave through the other;
# nothing lost, nothing sent twice.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

SIM="/usr/bin/python3 $SRC/tests/atsim/atsim.py"
SIMCTL="/usr/bin/python3 $SRC/tests/atsim/atsim-ctl"
mkdir -p "$T/a" "$T/b"
$SIM --link "$T/a/modem" --control "$T/a/ctl" --state "$T/a/state.json" --name A 2>> "$T/sim.log" &
SA=$!
$SIM --link "$T/b/modem" --control "$T/b/ctl" --state "$T/b/state.json" --name B 2>> "$T/sim.log" &
SB=$!
trap 'kill $SA $SB 2>/dev/null; cleanup' EXIT
wait_until 10 test -S "$T/a/ctl"
wait_until 10 test -S "$T/b/ctl"
sed -i "s|^modem = .*|modems = ( { name = \"beeline\"; device = \"$T/a/modem\"; connection = \"at\"; model = \"at\"; }, { name = \"kcell\"; device = \"$T/b/modem\"; connection = \"at\"; model = \"at\"; } );|" "$T/yordam.conf"
"$CTL" -c "$T/yordam.conf" check > /dev/null 2>&1
ok $? "a configuration with two modems is valid"
sent_by() {   # sent_by a|b NUMBER: replies that modem sent to NUMBER
	/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(1 for s in d['sent'] if s['number']==sys.argv[2]))" "$T/$1/state.json" "$2"
}
start_daemon
wait_until 20 sh -c "grep -q 'modem beeline: its worker started' '$T/daemon.log' && grep -q 'modem kcell: its worker started' '$T/daemon.log'"
ok $? "one worker per modem"
i=0
while [ $i -lt 5 ]; do
	$SIMCTL "$T/a/ctl" sms "+7701000100$i" "salom" > /dev/null
	$SIMCTL "$T/b/ctl" sms "+7701000200$i" "привет" > /dev/null
	i=$((i + 1))
done
wait_until 60 sql_is 10 "SELECT count(*) FROM messages WHERE dir='out' AND status='sent'"
ok $? "ten SMS on two modems, ten replies sent"
check "each reply leaves through the modem its message came in on" sh -c \
	"[ \$(/usr/bin/python3 -c \"import json; a=json.load(open('$T/a/state.json')); b=json.load(open('$T/b/state.json')); print(all(s['number'].startswith('+77010001') for s in a['sent']) and all(s['number'].startswith('+77010002') for s in b['sent']) and len(a['sent'])==5 and len(b['sent'])==5)\") = True ]"
eq "  recorded with its modem" "$(sql "SELECT count(*) FROM messages WHERE dir='out' AND modem='beeline'") $(sql "SELECT count(*) FROM messages WHERE dir='out' AND modem='kcell'")" "5 5"

# beeline starts refusing every SMS it is given.
$SIMCTL "$T/a/ctl" fault cms 500 always > /dev/null
i=0
while [ $i -lt 5 ]; do
	$SIMCTL "$T/a/ctl" sms "+7701000300$i" "salom" > /dev/null
	i=$((i + 1))
done
wait_until 90 sql_is 15 "SELECT count(*) FROM messages WHERE dir='out' AND status='sent'"
ok $? "a modem that keeps failing: its replies leave through the other"
check "  the log says it was taken out" grep -q "modem beeline: .* sends failed in a row: out of service" "$T/daemon.log"
wait_until 70 sql_is 1 "SELECT count(*) FROM modem_health WHERE name='beeline' AND blocked LIKE 'out of service:%'"
ok $? "  and status shows it out of service"
total=0
i=0
while [ $i -lt 5 ]; do
	n=$(( $(sent_by a "+7701000300$i") + $(sent_by b "+7701000300$i") ))
	total=$((total + (n == 1)))
	i=$((i + 1))
done
eq "  nothing lost, nothing sent twice (each person got one reply)" "$total" 5
eq "  every message answered once in the database" \
	"$(sql "SELECT count(*) FROM messages m WHERE dir='in' AND (SELECT count(*) FROM messages o WHERE o.in_reply_to = m.id AND o.status='sent') != 1")" 0
kill -9 "$(pgrep -P "$PID" | head -n 1)" 2>/dev/null
wait_until 15 grep -q "the worker of modem .* stopped" "$T/daemon.log"
ok $? "a worker killed: the daemon says so"
wait_until 20 sh -c "[ \$(grep -c 'its worker started' '$T/daemon.log') -ge 3 ]"
ok $? "  and starts it again"
stop_daemon
ok $? "the daemon and its workers stop cleanly"
done_testing
