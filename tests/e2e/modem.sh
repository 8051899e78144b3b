# modem.sh - the modem is missing when yordamd starts and comes back later:
# the daemon keeps running, retries with back-off, says so in the log,
# and answers what arrived once the modem is there.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# Gammu's dummy driver cannot open operations.log when it is a directory:
# that is how an unplugged modem looks to libgammu (ERR_DEVICEOPENERROR).
mkdir -p "$T/phone/operations.log"
start_daemon
wait_until 10 grep -q "cannot connect to the modem" "$T/daemon.log"
ok $? "a missing modem is reported in the log"
sleep 2
check "the daemon keeps running without a modem" kill -0 "$PID"
tries=$(grep -c "cannot connect to the modem" "$T/daemon.log")
check "it retries with back-off ($tries tries in ~2 s)" test "$tries" -ge 2 -a "$tries" -le 4

inject +77050000001 "uzbek" --date 20261124T140000
rmdir "$T/phone/operations.log"
wait_until 15 sql_is 1 "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='+77050000001' AND status='sent'"
ok $? "when the modem comes back, the waiting SMS is answered"
check "the log says it connected" grep -q "modem connected" "$T/daemon.log"
stop_daemon
ok $? "and it stops cleanly"

# The same phone through an existing Gammu configuration file.
printf '[gammu]\ndevice = %s/phone\nmodel = dummy\nconnection = none\n' "$T" > "$T/gammurc"
sed -i 's|^modem = .*|modem = { gammurc = "gammurc"; section = 0; };|' "$T/yordam.conf"
"$CTL" -c "$T/yordam.conf" check >/dev/null 2>&1
ok $? "a configuration that reuses a gammurc is valid"
start_daemon
inject +77050000002 "uzbek" --date 20261124T140100
wait_until 10 sql_is 1 "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='+77050000002' AND status='sent'"
ok $? "the daemon works through the gammurc"
# The line's health, recorded as it starts and every minute after.
wait_until 10 sql_is 1 "SELECT count(*) FROM modem_health"
"$CTL" -c "$T/yordam.conf" status > "$T/status.txt"
check "yordamctl status shows the modem: connected, SIM, network, signal" \
	sh -c "grep -q '^modem     modem: connected, SIM' '$T/status.txt' && grep -q 'network: registered' '$T/status.txt' && grep -q 'signal [0-9]*%' '$T/status.txt'"
check "  with the queues and the content version" sh -c "grep -q '^outbound' '$T/status.txt' && grep -q '^content   version' '$T/status.txt'"
"$CTL" -c "$T/yordam.conf" status --json > "$T/status.json"
check "status --json has modems with their fields" /usr/bin/python3 -c \
	"import json,sys; d=json.load(open(sys.argv[1])); m=d['modems'][0]; assert m['connected'] and m['sim'] and 'signal' in m and 'outbound_waiting' in d" "$T/status.json"
"$CTL" -c "$T/yordam.conf" send +77050000009 "Sinov: Здравствуйте" > "$T/send.out"
check "yordamctl send queues an SMS to a phone, saying its parts" grep -q "queued to +77050000009: 1 SMS part, ucs2" "$T/send.out"
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE number='+77050000009' AND node='manual' AND status='sent'"
ok $? "  and the daemon sends it"
"$CTL" -c "$T/yordam.conf" send 87050000009 "x" 2> "$T/err"
eq "a number not in E.164 form is refused" "$?" 1
stop_daemon
done_testing
