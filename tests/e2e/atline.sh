# atline.sh - the modem's line through libgammu's real AT driver, on the
# simulated modem (tests/atsim): the SIM's PIN entered once (right; wrong
# and never tried again; a SIM asking for its PUK), the line's health in
# `yordamctl status`, a weak-signal alarm to staff, a missed call rejected
# and answered by SMS, the prepaid balance read by USSD and a low balance
# told to staff.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

SIM="/usr/bin/python3 $SRC/tests/atsim/atsim.py"
SIMCTL="/usr/bin/python3 $SRC/tests/atsim/atsim-ctl"
A=+77093300100          # staff on call
SIMPID=
sim_start() {   # sim_start ARGS...: a fresh simulated modem
	rm -f "$T/state.json"
	$SIM --link "$T/modem" --control "$T/ctl" --state "$T/state.json" "$@" 2>> "$T/sim.log" &
	SIMPID=$!
	wait_until 10 test -S "$T/ctl"
}
sim_stop() {
	kill "$SIMPID" 2>/dev/null
	wait "$SIMPID" 2>/dev/null
	rm -f "$T/ctl" "$T/modem"
}
state() {   # state PYTHON-EXPRESSION over d, the simulator's state
	/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$T/state.json"
}
trap 'sim_stop; cleanup' EXIT
conf() {   # conf PIN: yordam.conf for the simulated modem
	write_conf
	sed -i "s|^modem = .*|modem = { device = \"$T/modem\"; connection = \"at\"; model = \"at\"; name = \"beeline\"; pin = \"$1\"; balance_ussd = \"*102#\"; balance_below = 500; };|" "$T/yordam.conf"
	cat >> "$T/yordam.conf" <<CONF
staff = ( { name = "Aigerim"; phone = "$A"; pin = "482913"; on_call = "always"; } );
alarm_signal_below = 10;
CONF
}

# --- the right PIN, health, a weak signal, a missed call, the balance ---
sim_start --pin 1234
$SIMCTL "$T/ctl" signal 2 > /dev/null       # rssi 2: a few percent
$SIMCTL "$T/ctl" ussd "Balans: 120,50 tg. Bonus 0 MB" > /dev/null
conf 1234
start_daemon
wait_until 20 grep -q "modem connected" "$T/daemon.log"
ok $? "the right PIN: the SIM takes it and the modem connects"
check "  entered once" test "$(state 'len(d["pin_entries"])')" = 1
wait_until 20 sql_is 1 "SELECT count(*) FROM modem_health WHERE connected AND sim = 'ready'"
"$CTL" -c "$T/yordam.conf" status > "$T/status.txt"
check "status: the modem, its SIM, operator and signal" sh -c "grep -q '^modem     beeline: connected, SIM ready' '$T/status.txt' && grep -q 'registered (Beeline KZ)' '$T/status.txt' && grep -q 'signal [0-9]*%' '$T/status.txt'"
sed 's/^/# /' "$T/status.txt"
wait_until 20 sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE number='$A' AND node='staff-alert'\" | grep -q 'signal'"
ok $? "a weak signal: staff on call are told by SMS"
wait_until 20 sql_is 1 "SELECT count(*) FROM modem_health WHERE CAST(balance * 100 AS INTEGER) = 12050"
ok $? "the balance is read by USSD (*102#) through the AT driver"
check "  the code the network saw" test "$(state 'd["ussd"][-1]["code"]')" = "*102#"
wait_until 20 sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE number='$A' AND node='staff-alert'\" | grep -q 'balance 120.50 is below 500'"
ok $? "  below balance_below: staff are told"

$SIMCTL "$T/ctl" call +77093311111 > /dev/null
wait_until 20 sh -c "[ \"\$(/usr/bin/python3 -c \"import json; d=json.load(open('$T/state.json')); print(d['calls'][-1]['state'])\")\" = hung-up-by-dte ]"
ok $? "a missed call is rejected by the modem, never answered"
wait_until 20 sh -c "/usr/bin/python3 -c \"import json,sys; d=json.load(open('$T/state.json')); sys.exit(0 if any(s['number']=='+77093311111' for s in d['sent']) else 1)\""
ok $? "  and the caller gets the menu by SMS"
check "  the language choice, in one part" sh -c "/usr/bin/python3 -c \"import json,sys; d=json.load(open('$T/state.json')); s=[x for x in d['sent'] if x['number']=='+77093311111'][0]; sys.exit(0 if 'Русский' in s['text'] and s['parts']==1 else 1)\""
$SIMCTL "$T/ctl" call +77093311111 > /dev/null
sleep 3
eq "  ringing again at once: no second SMS" "$(state 'len([s for s in d["sent"] if s["number"]=="+77093311111"])')" 1
stop_daemon
sim_stop

# --- a wrong PIN: entered once, never again; the daemon runs on ---------
sim_start --pin 1234
conf 4321
start_daemon
wait_until 20 grep -q "modem out of service: the SIM refused the PIN" "$T/daemon.log"
ok $? "a wrong PIN: the daemon says so"
sleep 8
eq "  and never enters it again (a SIM blocks after three)" "$(state 'len(d["pin_entries"])')" 1
kill -0 "$PID"
ok $? "  it keeps running"
wait_until 20 sql_is "pin-rejected" "SELECT sim FROM modem_health"
"$CTL" -c "$T/yordam.conf" status > "$T/status.txt"
check "  status says OUT OF SERVICE and why" grep -q "OUT OF SERVICE: the SIM refused the PIN" "$T/status.txt"
stop_daemon
sim_stop

# --- a SIM that asks for its PUK: reported, no PIN entered --------------
sim_start --pin 1234
printf '[gammu]\ndevice = %s/modem\nconnection = at\n' "$T" > "$T/gammurc"
for i in 1 2 3; do gammu -c "$T/gammurc" entersecuritycode PIN 0000 > /dev/null 2>&1; done
check "three wrong PINs (through gammu) leave the SIM asking for its PUK" test "$(state 'd["sim"]["state"]')" = "SIM PUK"
conf 1234
start_daemon
wait_until 20 grep -q "modem out of service: the SIM asks for its PUK" "$T/daemon.log"
ok $? "a SIM asking for its PUK: reported"
eq "  and no PIN entered by yordamd" "$(state 'len(d["pin_entries"])')" 3
stop_daemon
done_testing
