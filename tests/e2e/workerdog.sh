# workerdog.sh - a modem's worker stuck inside a modem call is found by
# the main process, not only by systemd (issue 21): each worker beats,
# the main process kills one silent for worker_stuck_seconds, says which
# modem and why (log, STATUS=, modem_health), and starts it again, while
# the other modem keeps answering and WATCHDOG=1 keeps coming.  Two
# simulated modems (atsim.py): the happy path first (no restart, steady
# pings), then a worker frozen with SIGSTOP, then a modem that stops
# answering (every AT command unanswered: libgammu waits its timeouts);
# last, a daemon told to stop while a worker is frozen.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
SIM="$PY $SRC/tests/atsim/atsim.py"
SIMCTL="$PY $SRC/tests/atsim/atsim-ctl"
SOCK=$T/notify.sock
mkdir -p "$T/a" "$T/b"
$SIM --link "$T/a/modem" --control "$T/a/ctl" --state "$T/a/state.json" --name A 2>> "$T/sim.log" &
SA=$!
$SIM --link "$T/b/modem" --control "$T/b/ctl" --state "$T/b/state.json" --name B 2>> "$T/sim.log" &
SB=$!
"$PY" "$SRC/tests/e2e/notify_listener.py" "$SOCK" "$T/notify.log" &
LISTENER=$!
trap 'kill $SA $SB $LISTENER 2>/dev/null; cleanup' EXIT
wait_until 10 test -S "$T/a/ctl"
wait_until 10 test -S "$T/b/ctl"
wait_until 10 test -S "$SOCK"
sed -i "s|^modem = .*|modems = ( { name = \"beeline\"; device = \"$T/a/modem\"; connection = \"at\"; model = \"at\"; }, { name = \"kcell\"; device = \"$T/b/modem\"; connection = \"at\"; model = \"at\"; } );|" "$T/yordam.conf"
# libgammu's connect to the simulated modem blocks for about 4 s (a
# legitimate step no beat can cut): the limit must be longer.
STUCK=7
echo "worker_stuck_seconds = $STUCK;" >> "$T/yordam.conf"
"$CTL" -c "$T/yordam.conf" check > /dev/null 2>&1
ok $? "worker_stuck_seconds is a valid key"

said() { grep -q -- "$1" "$T/notify.log" 2>/dev/null; }
# The largest gap, in seconds, between two WATCHDOG=1 after the first.
max_gap() {
	awk '/ WATCHDOG=1$/ { if (p) { g = $1 - p; if (g > m) m = g } p = $1 }
		END { printf "%.2f\n", m }' "$T/notify.log"
}
worker_of() {   # worker_of NAME: the pid its last start logged
	sed -n "s/.*modem $1: its worker started (pid \([0-9]*\)).*/\1/p" \
		"$T/daemon.log" | tail -n 1
}
starts() { grep -c "modem $1: its worker started" "$T/daemon.log"; }
replied() {   # replied DIR NUMBER: that modem sent NUMBER a reply
	"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not any(s['number']==sys.argv[2] for s in d['sent']))" "$T/$1/state.json" "$2"
}

# --- the happy path: two healthy modems, steady pings, no restart -----
NOTIFY_SOCKET=$SOCK WATCHDOG_USEC=2000000 start_daemon
t0=$(date +%s)
wait_until 20 sh -c "grep -q 'modem beeline: its worker started (pid' '$T/daemon.log' && grep -q 'modem kcell: its worker started (pid' '$T/daemon.log'"
ok $? "one worker per modem, its pid logged"
wait_until 10 said " READY=1$"
ok $? "READY=1"
$SIMCTL "$T/a/ctl" sms "+77010001001" "salom" > /dev/null
$SIMCTL "$T/b/ctl" sms "+77010002001" "salom" > /dev/null
wait_until 20 replied a +77010001001 && wait_until 20 replied b +77010002001
ok $? "both modems answer"
sleep $((STUCK + 2 - ($(date +%s) - t0)))
eq "healthy workers beating: none restarted in more than worker_stuck_seconds" \
	"$(starts beeline) $(starts kcell) $(grep -c 'no sign of life' "$T/daemon.log")" "1 1 0"
gap=$(max_gap)
check "healthy: WATCHDOG=1 at most every second (WATCHDOG_USEC 2 s; $gap s)" \
	awk -v g="$gap" 'BEGIN { exit !(g > 0 && g <= 1.0) }'

# --- a frozen worker (SIGSTOP): killed, said, started again -----------
wk=$(worker_of kcell)
mark=$(wc -l < "$T/notify.log")
kill -STOP "$wk"
wait_until $((STUCK + 5)) grep -q "modem kcell: its worker gave no sign of life for $STUCK s" "$T/daemon.log"
ok $? "a worker stopped with SIGSTOP: the log names its modem and says why"
grep "no sign of life" "$T/daemon.log" | head -n 1 | sed 's/^/# /'
check "  and the other modem's worker is left alone" \
	sh -c "! grep -q 'modem beeline: its worker gave no sign of life' '$T/daemon.log'"
wait_until 10 sh -c "[ \$(grep -c 'modem kcell: its worker started' '$T/daemon.log') -ge 2 ]"
ok $? "  it is started again"
check "  the frozen process is gone" sh -c "[ -n \"$wk\" ] && ! kill -0 \"$wk\""
wait_until 5 said "STATUS=.*kcell.*stuck"
ok $? "  STATUS= says the worker was restarted for being stuck"
$SIMCTL "$T/a/ctl" sms "+77010001002" "salom" > /dev/null
wait_until 20 replied a +77010001002
ok $? "  the other modem's messages keep flowing"
$SIMCTL "$T/b/ctl" sms "+77010002002" "salom" > /dev/null
wait_until 20 replied b +77010002002
ok $? "  and the restarted worker answers on its modem"
gap=$(tail -n +"$mark" "$T/notify.log" | awk '/ WATCHDOG=1$/ { if (p) { g = $1 - p; if (g > m) m = g } p = $1 } END { printf "%.2f\n", m }')
check "  the main process killed it first, so it kept pinging ($gap s)" \
	awk -v g="$gap" 'BEGIN { exit !(g > 0 && g <= 1.0) }'

# --- a modem that stops answering: its worker blocks in libgammu -------
$SIMCTL "$T/b/ctl" timeout 1000000 > /dev/null
n=$(grep -c "modem kcell: its worker gave no sign of life" "$T/daemon.log")
wait_until $((STUCK + 10)) sh -c "[ \$(grep -c 'modem kcell: its worker gave no sign of life' '$T/daemon.log') -gt $n ]"
ok $? "a silent modem: its worker, blocked in a modem call, is killed"
wait_until 5 sql_is 1 "SELECT count(*) FROM modem_health WHERE name='kcell' AND connected=0 AND blocked LIKE 'out of service:%stuck%'"
ok $? "  yordamctl status shows it out of service, stuck"
"$CTL" -c "$T/yordam.conf" status 2>/dev/null | grep -A3 'kcell' | sed 's/^/# /'
$SIMCTL "$T/a/ctl" sms "+77010001003" "salom" > /dev/null
wait_until 20 replied a +77010001003
ok $? "  the other modem's messages keep flowing"
check "  the main process never stopped (its pid is the same)" kill -0 "$PID"
gap=$(tail -n +"$mark" "$T/notify.log" | awk '/ WATCHDOG=1$/ { if (p) { g = $1 - p; if (g > m) m = g } p = $1 } END { printf "%.2f\n", m }')
check "  WATCHDOG=1 kept coming: the worker was killed before the bound ($gap s)" \
	awk -v g="$gap" 'BEGIN { exit !(g > 0 && g <= 1.0) }'
check "no phone number in the log" sh -c "! grep -q '7701000' '$T/daemon.log'"
$SIMCTL "$T/b/ctl" timeout off > /dev/null
$SIMCTL "$T/b/ctl" sms "+77010002003" "salom" > /dev/null
wait_until 40 replied b +77010002003
ok $? "the modem answers again: its worker serves it"

# --- stopping while a worker is frozen: it must not wait for ever -------
wk=$(worker_of beeline)
kill -STOP "$wk"
kill -TERM "$PID"
wait_until 15 sh -c "ps -o stat= -p $PID | grep -q Z || ! kill -0 $PID"
ok $? "SIGTERM with a worker frozen: the daemon stops all the same"
[ -n "$wk" ] && kill -CONT "$wk" 2>/dev/null
wait "$PID"
ok $? "  cleanly (exit 0)"
PID=
check "  and the frozen worker is gone" sh -c "[ -n \"$wk\" ] && ! kill -0 \"$wk\""
kill "$LISTENER" 2>/dev/null
done_testing
