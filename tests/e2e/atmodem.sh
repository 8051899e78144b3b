# atmodem.sh - the real yordamd through libgammu's AT driver, on the
# simulated modem tests/atsim/atsim.py (issue 20), instead of Gammu's dummy
# phone: AT commands, PDU encoding and a serial line (a pty) are all real.
# First the gammu CLI (identify, PIN, network, signal and SMS status,
# USSD), then the daemon: GSM-7, UCS-2 and 3-part SMS in, their replies
# decoded by the simulator with the coding and part count the daemon
# chose, a +CMS ERROR on send, a modem that stops answering, and a device
# that disappears and comes back; nothing lost.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

ATSIM="python3 $SRC/tests/atsim/atsim.py"
SIMCTL="$SRC/tests/atsim/atsim-ctl"
S=$T/sim
mkdir -p "$S"
SIMPID=
stop_sim() {
	[ -n "$SIMPID" ] && kill "$SIMPID" 2>/dev/null && wait "$SIMPID" 2>/dev/null
	SIMPID=
}
trap 'stop_sim; [ "$n_failed" -gt 0 ] && sed "s/^/# sim: /" "$T/sim.log" | tail -n 20; cleanup' EXIT
$ATSIM --link "$S/modem" --control "$S/ctl" --state "$S/state.json" \
	--name A 2>>"$T/sim.log" &
SIMPID=$!
wait_until 10 test -S "$S/ctl" -a -e "$S/modem"
ok $? "the simulated modem is up"
simctl() { "$SIMCTL" "$S/ctl" "$@" >>"$T/sim.log" 2>&1; }
# simq EXPR: a Python expression over the simulator's state (s)
simq() {
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$S/state.json" "$1"
}

# --- the gammu CLI ------------------------------------------------------
printf '[gammu]\ndevice = %s\nconnection = at\nmodel = at\n' "$S/modem" > "$T/gammurc"
G="timeout 30 gammu -c $T/gammurc"
out=$($G identify 2>&1)
echo "$out" | grep -q "IMEI *: 35[0-9]\{13\}" && echo "$out" | grep -q "Manufacturer *: Yordam"
ok $? "gammu identify: manufacturer and IMEI through the AT driver"
simctl pin-locked
out=$($G getsecuritystatus 2>&1)
echo "$out" | grep -q "Waiting for PIN"
ok $? "gammu getsecuritystatus: a SIM asking for its PIN"
$G entersecuritycode PIN 0000 >/dev/null 2>&1
ok $(( $? == 0 )) "a wrong PIN is refused"
$G entersecuritycode PIN 1234 >/dev/null 2>&1
ok $? "the right PIN is taken"
eq "the simulator counted one wrong PIN and is ready" \
	"$(simq '(s["sim"]["wrong_pins"], s["sim"]["state"])')" "(1, 'READY')"
out=$($G networkinfo 2>&1)
echo "$out" | grep -q 'Name in phone *: "Beeline KZ"' && echo "$out" | grep -q "401 01"
ok $? "gammu networkinfo: registered on Beeline KZ (401 01)"
simctl signal 25
out=$($G monitor 1 2>&1)
echo "$out" | grep -q "Signal strength *: -63 dBm" && echo "$out" | grep -q "SIM SMS status *: 0 used, 0 unread, 30 locations"
ok $? "gammu monitor: signal quality and SMS storage"
simctl ussd "Баланс: 1500 тг"
out=$($G getussd '*102#' 2>&1)
echo "$out" | grep -q 'Service reply *: "Баланс: 1500 тг"'
ok $? "gammu getussd: a Cyrillic balance reply"
eq "the USSD code dialled" "$(simq 's["last_ussd"]')" "*102#"
eq "no command the simulator does not know at connect, SMS or USSD" \
	"$(simq '[u for u in s["unknown"] if not u.startswith(("AT+CPBS","AT^SBNR","AT+SPBR","AT+MPBR"))]')" "[]"

# --- yordamd on the AT driver -------------------------------------------
sed -i "s|^modem = .*|modem = { device = \"$S/modem\"; connection = \"at\"; model = \"at\"; };|" "$T/yordam.conf"
start_daemon
wait_until 20 grep -q "modem connected" "$T/daemon.log"
ok $? "yordamd connects through the AT driver"

# The daemon's replies to a number, as the simulator decoded them from the
# PDUs, against what the database says it sent: text, coding, parts.
cat > "$T/cmp.py" <<'PY'
import json, sqlite3, sys
state, db, number = sys.argv[1:4]
sent = [m for m in json.load(open(state))["sent"] if m["number"] == number]
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=5)
rows = con.execute("SELECT text, coding, parts FROM messages WHERE dir='out'"
                   " AND number=? AND status='sent' ORDER BY done_at, id",
                   (number,)).fetchall()
if not rows or len(rows) != len(sent):
    sys.exit("%d replies sent by the database, %d received" % (len(rows), len(sent)))
for (text, coding, parts), m in zip(rows, sent):
    if (text, coding, parts) != (m["text"], m["coding"], m["parts"]):
        sys.exit("database %r, network %r" % ((text, coding, parts),
                 (m["text"], m["coding"], m["parts"])))
print("ok")
PY
replies_match() {   # replies_match NUMBER (the database may lag a moment)
	wait_until 5 python3 "$T/cmp.py" "$S/state.json" "$T/yordam.db" "$1" && return 0
	echo "#   $(python3 "$T/cmp.py" "$S/state.json" "$T/yordam.db" "$1" 2>&1)"
	return 1
}
answered() {   # answered NUMBER COUNT: COUNT replies have reached the network
	[ "$(simq "len([m for m in s['sent'] if m['number'] == '$1'])")" -ge "$2" ]
}

simctl sms +77051110001 "salom"
wait_until 20 answered +77051110001 1
ok $? "a GSM-7 SMS is read from the SIM and answered"
replies_match +77051110001
ok $? "its reply reached the network as the daemon sent it"
simctl sms +77051110001 "1"
wait_until 20 answered +77051110001 2
ok $? "the choice of a language is answered"
replies_match +77051110001
ok $? "the replies reached the network as the daemon sent them"
eq "the language choice left as UCS-2, the Uzbek Latin menu as GSM-7" \
	"$(simq "[m['coding'] for m in s['sent'] if m['number']=='+77051110001']")" "['ucs2', 'gsm7']"
eq "the SMS was deleted from the SIM after it was stored" \
	"$(simq "[d['text'] for d in s['deleted'] if d['number']=='+77051110001']")" "['salom', '1']"

simctl sms +77051110002 "Здравствуйте, мне нужна регистрация"
wait_until 20 answered +77051110002 1
ok $? "a UCS-2 Cyrillic SMS is answered"
eq "the text arrived intact" "$(sql "SELECT text FROM messages WHERE dir='in' AND number='+77051110002'")" "Здравствуйте, мне нужна регистрация"
replies_match +77051110002
ok $? "its reply reached the network as the daemon sent it"
eq "the reply left as UCS-2" "$(simq "[m['coding'] for m in s['sent'] if m['number']=='+77051110002'][0]")" "ucs2"

LONG="Здравствуйте, я приехал в Алматы на работу две недели назад вместе с братом, мы живём у знакомых. Скажите пожалуйста, где и как нам сделать регистрацию и сколько дней на это есть?"
simctl multipart +77051110003 "$LONG"
eq "the simulator split it into three parts with a UDH" \
	"$(simq "[(r['seq'], r['total']) for r in s['received'] if r['number']=='+77051110003']")" \
	"[(1, 3), (2, 3), (3, 3)]"
wait_until 20 answered +77051110003 1
ok $? "a 3-part SMS is answered"
eq "one inbound message of three parts" \
	"$(sql "SELECT count(*), parts FROM messages WHERE dir='in' AND number='+77051110003'")" "1|3"
eq "reassembled exactly" "$(sql "SELECT text FROM messages WHERE dir='in' AND number='+77051110003'")" "$LONG"
replies_match +77051110003
ok $? "its reply reached the network whole, in the daemon's parts and coding"
nparts=$(simq "[m['parts'] for m in s['sent'] if m['number']=='+77051110003'][0]")
eq "every part of the reply carried one UDH reference" \
	"$(simq "len(set(p['ref'] for p in s['sent_parts'] if p['number']=='+77051110003' and p['total']>1)) == (1 if $nparts > 1 else 0)")" "True"

# A +CMS ERROR on the first try: the reply is retried, then sent.
simctl fault cms 500 next
simctl sms +77051110004 "salom"
wait_until 20 answered +77051110004 1
ok $? "after a +CMS ERROR the reply is retried and sent"
eq "the network refused one part first" \
	"$(simq "len([p for p in s['refused'] if p['number']=='+77051110004' and p['error']==500])")" 1
eq "the database counts two attempts" \
	"$(sql "SELECT attempts FROM messages WHERE dir='out' AND number='+77051110004'")" 2
replies_match +77051110004
ok $? "and sent it once, as the daemon meant it"

# The modem leaves three deletes unanswered (libgammu waits 5 s for each):
# the daemon reconnects, the SMS read three times is stored once.
connects=$(grep -c "modem connected" "$T/daemon.log")
simctl timeout 3 AT+CMGD
simctl sms +77051110005 "salom"
wait_until 40 sh -c "[ \$(grep -c 'modem connected' '$T/daemon.log') -gt $connects ]"
ok $? "a modem that stops answering is reconnected"
wait_until 20 answered +77051110005 1
ok $? "and the daemon goes on answering"
wait_until 10 sh -c "[ \$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[\"storage\"][\"SM\"][\"used\"])' '$S/state.json') -eq 0 ]"
ok $? "the SMS is deleted from the SIM in the end"
eq "stored once, answered once" "$(sql "SELECT count(*) FROM messages WHERE number='+77051110005'")" 2

# The device disappears (a USB reset) and comes back at the same path.
connects=$(grep -c "modem connected" "$T/daemon.log")
simctl die
simctl sms +77051110006 "salom"
sleep 2
simctl revive
wait_until 30 answered +77051110006 1
ok $? "after the device came back, the SMS that waited on the SIM is answered"
check "through a new connection" test "$(grep -c "modem connected" "$T/daemon.log")" -gt "$connects"

eq "nothing lost: every SMS given to the modem is stored once" \
	"$(sql "SELECT count(*) FROM messages WHERE dir='in'")" 7
wait_until 5 sql_is 0 "SELECT count(*) FROM messages WHERE dir='out' AND status<>'sent'"
ok $? "every one answered, nothing left to send"
eq "nothing sent twice: the network got as many replies as the database" \
	"$(simq 'len(s["sent"])')" "$(sql "SELECT count(*) FROM messages WHERE dir='out'")"
eq "the SIM is empty" "$(simq 's["storage"]["SM"]["used"]')" 0
eq "the daemon sent no command the simulator does not know" \
	"$(simq '[u for u in s["unknown"] if not u.startswith(("AT+CPBS","AT^SBNR","AT+SPBR","AT+MPBR"))]')" "[]"
stop_daemon
ok $? "and it stops cleanly"
stop_sim
done_testing
