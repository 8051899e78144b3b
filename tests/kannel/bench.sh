# bench.sh - Kannel's own round-trip speed on this machine, the baseline
# for benchmarks of Yordam behind Kannel (issue 22): fakesmsc sends N MOs
# as fast as it can and counts the replies that come back.
#   sh tests/kannel/bench.sh static [N]  smsbox answers each MO itself
#                                        (sms-service text = "ok")
#   sh tests/kannel/bench.sh stub [N]    get-url to stub.py, which answers
#                                        200 and sends "ok" through sendsms
#   sh tests/kannel/bench.sh yordam [N]  get-url to yordamd (transport =
#                                        "kannel", BUILD= its build dir):
#                                        the whole helpline path, each SMS
#                                        stored, answered, replied through
#                                        sendsms (200 senders, one SMS each
#                                        per round)
# Prints fakesmsc's summary (messages/s sent and received). Debug logging
# off: at log-level 0 the logs cost more than the work.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/kannel.sh"
mode=${1:-static} N=${2:-1000}
kannel_available || { echo "Kannel not installed" >&2; exit 1; }
T=$(mktemp -d /tmp/yordam-kbench.XXXXXX)
STUB= fs=
YPID=
test_cleanup() {
	[ -n "$YPID" ] && kill "$YPID" 2>/dev/null
	[ -n "$fs" ] && kill "$fs" 2>/dev/null
	[ -n "$STUB" ] && kill "$STUB" 2>/dev/null
	rm -rf "$T"
}
trap test_cleanup EXIT
python3 "$HERE/stub.py" "$T/stub.port" "$T/stub.log" "$T/mode" &
STUB=$!
kannel_until 5 test -s "$T/stub.port"
if [ "$mode" = yordam ]; then
	BUILD=${BUILD:-$(cd "$HERE/../.." && pwd)}
	SRC=${SRC:-$BUILD}
	YPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	SECRET=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
	kannel_setup "$T/k" "http://127.0.0.1:$YPORT/kannel/mo?key=$SECRET"
else
	kannel_setup "$T/k" "http://127.0.0.1:$(cat "$T/stub.port")/mo"
fi
sed -i 's/^log-level = 0/log-level = 3/' "$KANNEL_DIR/kannel.conf"
if [ "$mode" = yordam ]; then
	cat > "$T/yordam.conf" <<-CONF
	transport = "kannel";
	kannel = { sendsms_url = "$KANNEL_SENDSMS_URL"; username = "$KANNEL_USER";
	  password = "$KANNEL_PASS"; secret = "$SECRET"; sender = "1000";
	  port = $YPORT; max_pending = 1024; };
	database = "$T/yordam.db";
	content = "$SRC";
	poll_interval_ms = 10;
	replies_per_hour = 100000;
	replies_per_day = 100000;
	loop_messages = 1000;
	loop_seconds = 1;
	placeholders = { hotline = "+70000000001"; emergency = "112";
	  shelter = "+70000000002"; lawyer = "+70000000003";
	  consulate_uz = "+70000000004"; consulate_kg = "+70000000005";
	  consulate_tj = "+70000000006"; office = "Almaty"; };
	CONF
	"$BUILD/yordamd" -c "$T/yordam.conf" 2> "$T/yordamd.log" &
	YPID=$!
	kannel_until 10 grep -q "started" "$T/yordamd.log" || exit 1
elif [ "$mode" = static ]; then
	# The sms-service answers by itself: no HTTP, one reply per MO.
	sed -i '/^get-url = /c\text = "ok"' "$KANNEL_DIR/kannel.conf"
	sed -i '/^max-messages = 0/d; /^omit-empty/d' "$KANNEL_DIR/kannel.conf"
else
	echo reply > "$T/mode"
	# Restart the stub with the sendsms URL it replies through.
	kill "$STUB"; wait "$STUB" 2>/dev/null
	port=$(cat "$T/stub.port"); rm -f "$T/stub.port"
	STUB_SENDSMS="$KANNEL_SENDSMS_URL?username=$KANNEL_USER&password=$KANNEL_PASS" \
		python3 "$HERE/stub.py" "$T/stub.port" "$T/stub.log" "$T/mode" "$port" &
	STUB=$!
	kannel_until 5 test -s "$T/stub.port"
fi
kannel_start || exit 1
# fakesmsc never exits by itself (it waits for more replies): stop it
# with SIGINT, which makes it print its summary, once the Nth reply came
# (logged at info level; -v 1 keeps the others out) or after 120 s.
if [ "$mode" = yordam ]; then
	# 200 people: a helpline's limits are per number
	set -- $(i=0; while [ $i -lt 200 ]; do
		printf '99290%07d_1000_text_salom ' $i; i=$((i + 1)); done)
	lines=$(printf '%s\n' "$@" | tr '_' ' ')
	IFS='
'
	set -- $lines
	unset IFS
else
	set -- "992900000000 1000 text bench"
fi
"$FAKESMSC" -v 1 -H 127.0.0.1 -r "$KANNEL_FAKE_PORT" -i 0 -m "$N" \
	"$@" > "$T/fakesmsc.log" 2>&1 &
fs=$!
kannel_until 120 grep -q "Got message $N:" "$T/fakesmsc.log" ||
	echo "# not all $N replies came back" >&2
kill -INT "$fs"; wait "$fs"
grep -E 'messages sent|running time|msgs/s' "$T/fakesmsc.log" | sed 's/.*INFO: //'
