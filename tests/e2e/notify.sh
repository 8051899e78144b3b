# notify.sh - yordamd under systemd's eyes: with NOTIFY_SOCKET on a
# datagram socket this test reads (as systemd's would be), it says
# READY=1 once started, a STATUS line, RELOADING=1 then READY=1 around a
# SIGHUP, STOPPING=1 on SIGTERM, and with WATCHDOG_USEC it pings
# WATCHDOG=1 often enough even when poll_interval_ms is longer than the
# watchdog, never for another WATCHDOG_PID; with several modems only the
# main process talks.  Its log lines carry <N> priorities (sd-daemon(3))
# when JOURNAL_STREAM names its stderr, and none otherwise.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
SOCK=$T/notify.sock
LISTENER=

# Every datagram as a line: seconds, the sender's pid, the text with
# newlines as '|'.
listen() {
	rm -f "$SOCK" "$T/notify.log"
	"$PY" "$SRC/tests/e2e/notify_listener.py" "$SOCK" "$T/notify.log" &
	LISTENER=$!
	wait_until 5 test -S "$SOCK"
}
unlisten() {
	[ -n "$LISTENER" ] && kill "$LISTENER" 2>/dev/null && wait "$LISTENER" 2>/dev/null
	LISTENER=
}
trap 'unlisten; cleanup' EXIT

said() {   # said PATTERN: a datagram matches
	grep -q -- "$1" "$T/notify.log" 2>/dev/null
}
count() {
	grep -c -- "$1" "$T/notify.log" 2>/dev/null
}
# The largest gap, in seconds, between two WATCHDOG=1 after the first.
max_gap() {
	awk '/ WATCHDOG=1$/ { if (p) { g = $1 - p; if (g > m) m = g } p = $1 }
		END { printf "%.2f\n", m }' "$T/notify.log"
}

# --- readiness, status, reload, stop; the watchdog --------------------
listen
NOTIFY_SOCKET=$SOCK WATCHDOG_USEC=2000000 start_daemon
wait_until 10 said " READY=1$"
ok $? "READY=1 once started"
check "a STATUS line says what it does" said " STATUS=answering"
wait_until 10 said "STATUS=answering; modem connected"
ok $? "STATUS says when the modem is connected"
eq "READY=1 came from yordamd itself" \
	"$(awk '/ READY=1$/ { print $2; exit }' "$T/notify.log")" "$PID"
sleep 3
check "WATCHDOG=1 pings with WATCHDOG_USEC set" test "$(count " WATCHDOG=1$")" -ge 3
gap=$(max_gap)
check "at most WatchdogSec/2 between pings ($gap s)" \
	awk -v g="$gap" 'BEGIN { exit !(g > 0 && g <= 1.0) }'
kill -HUP "$PID"
wait_until 10 sh -c "[ \$(grep -c ' READY=1\$' '$T/notify.log') -ge 2 ]"
ok $? "READY=1 again after a SIGHUP"
eq "RELOADING=1 (with MONOTONIC_USEC) came between the two READY=1" \
	"$(grep -E ' (READY|RELOADING)=1' "$T/notify.log" | sed 's/^[^ ]* [^ ]* //; s/|MONOTONIC_USEC=[0-9]*$/+m/' | tr '\n' ' ')" \
	"READY=1 RELOADING=1+m READY=1 "
stop_daemon
ok $? "yordamd stops cleanly"
check "STOPPING=1 on SIGTERM" said " STOPPING=1$"
eq "STOPPING=1 was the last thing said" \
	"$(grep -v ' WATCHDOG=1$' "$T/notify.log" | tail -n 1 | sed 's/^[^ ]* [^ ]* //')" \
	"STOPPING=1"
unlisten

# --- a poll interval longer than the watchdog: the sleep is cut short --
sed -i 's/^poll_interval_ms = .*/poll_interval_ms = 20000;/' "$T/yordam.conf"
listen
NOTIFY_SOCKET=$SOCK WATCHDOG_USEC=4000000 start_daemon
wait_until 10 said " READY=1$"
sleep 4.5
gap=$(max_gap)
check "with poll_interval_ms 20 s and a 4 s watchdog, pings every 2 s at most ($gap s)" \
	awk -v g="$gap" 'BEGIN { exit !(g > 0 && g <= 2.0) }'
stop_daemon
unlisten

# --- WATCHDOG_PID names another process: no pings ---------------------
listen
NOTIFY_SOCKET=$SOCK WATCHDOG_USEC=1000000 WATCHDOG_PID=1 start_daemon
wait_until 10 said " READY=1$"
sleep 1.5
eq "no WATCHDOG=1 when WATCHDOG_PID is another process" \
	"$(count " WATCHDOG=1$")" "0"
stop_daemon
unlisten

# --- several modems: one worker each, only the main process talks -----
write_conf
mkdir -p "$T/pa" "$T/pb"
sed -i "s|^modem = .*|modems = ( { name = \"a\"; model = \"dummy\"; connection = \"none\"; device = \"$T/pa\"; }, { name = \"b\"; model = \"dummy\"; connection = \"none\"; device = \"$T/pb\"; } );|" "$T/yordam.conf"
listen
NOTIFY_SOCKET=$SOCK WATCHDOG_USEC=2000000 start_daemon
wait_until 10 said " READY=1$"
ok $? "several modems: READY=1"
wait_until 10 sh -c "[ \$(grep -c 'its worker started' '$T/daemon.log') -ge 2 ]"
ok $? "both workers started"
sleep 1.5
kill -HUP "$PID"
wait_until 10 sh -c "[ \$(grep -c ' READY=1\$' '$T/notify.log') -ge 2 ]"
ok $? "several modems: READY=1 again after a SIGHUP"
check "several modems: WATCHDOG=1 pings" said " WATCHDOG=1$"
eq "every datagram came from the main process" \
	"$(awk '{ print $2 }' "$T/notify.log" | sort -u | tr '\n' ' ')" "$PID "
eq "READY=1 twice only: workers never say it" "$(count " READY=1$")" "2"
stop_daemon
unlisten

# --- yordam-web the same: READY once it listens, reload, stop ----------
write_conf
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "web = { port = $PORT; };" >> "$T/yordam.conf"
listen
NOTIFY_SOCKET=$SOCK WATCHDOG_USEC=2000000 "$BUILD/yordam-web" -c "$T/yordam.conf" 2>> "$T/web.log" &
WPID=$!
wait_until 10 said " READY=1$"
ok $? "yordam-web: READY=1"
check "yordam-web: READY=1 once it listens (STATUS says where)" \
	said " STATUS=listening on 127.0.0.1 port $PORT"
sleep 1.5
check "yordam-web: WATCHDOG=1 pings" said " WATCHDOG=1$"
kill -HUP "$WPID"
wait_until 10 sh -c "[ \$(grep -c ' READY=1\$' '$T/notify.log') -ge 2 ]"
ok $? "yordam-web: RELOADING=1 then READY=1 on SIGHUP"
check "  with RELOADING=1" said " RELOADING=1|MONOTONIC_USEC="
kill -TERM "$WPID"
wait "$WPID"
ok $? "yordam-web stops cleanly"
check "yordam-web: STOPPING=1" said " STOPPING=1$"
unlisten

# --- journald priorities ----------------------------------------------
write_conf
check "without JOURNAL_STREAM, no <N> in the daemon's log" \
	sh -c "! grep -q '^<[0-9]>' '$T/daemon.log'"
: > "$T/journal.log"
js=$(stat -c '%d:%i' "$T/journal.log")
JOURNAL_STREAM=$js "$YORDAMD" -c "$T/yordam.conf" 2>>"$T/journal.log" &
PID=$!
wait_until 10 grep -q started "$T/journal.log"
stop_daemon
check "with JOURNAL_STREAM naming stderr: <6> before info lines" \
	grep -q '^<6>yordamd: info: started' "$T/journal.log"
JOURNAL_STREAM=$js "$YORDAMD" -c "$T/missing.conf" 2>>"$T/journal.log"
check "and <3> before an error (journalctl -p err finds it)" \
	grep -q '^<3>yordamd: error: ' "$T/journal.log"
sed 's/^/# /' "$T/journal.log" | grep '<3>' | head -n 2
check "every line has its priority" sh -c "! grep -qv '^<[0-9]>' '$T/journal.log'"
: > "$T/other.log"
JOURNAL_STREAM=$js "$YORDAMD" -c "$T/missing.conf" 2>>"$T/other.log"
check "JOURNAL_STREAM inherited but stderr elsewhere: plain lines" \
	sh -c "grep -q '^yordamd: error: ' '$T/other.log' && ! grep -q '^<' '$T/other.log'"

done_testing
