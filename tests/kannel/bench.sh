# bench.sh - Kannel's own round-trip speed on this machine, the baseline
# for benchmarks of Yordam behind Kannel (issue 22): fakesmsc sends N MOs
# as fast as it can and counts the replies that come back.
#   sh tests/kannel/bench.sh static [N]  smsbox answers each MO itself
#                                        (sms-service text = "ok")
#   sh tests/kannel/bench.sh stub [N]    get-url to stub.py, which answers
#                                        200 and sends "ok" through sendsms
# Prints fakesmsc's summary (messages/s sent and received). Debug logging
# off: at log-level 0 the logs cost more than the work.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/kannel.sh"
mode=${1:-static} N=${2:-1000}
kannel_available || { echo "Kannel not installed" >&2; exit 1; }
T=$(mktemp -d /tmp/yordam-kbench.XXXXXX)
STUB= fs=
test_cleanup() {
	[ -n "$fs" ] && kill "$fs" 2>/dev/null
	[ -n "$STUB" ] && kill "$STUB" 2>/dev/null
	rm -rf "$T"
}
trap test_cleanup EXIT
python3 "$HERE/stub.py" "$T/stub.port" "$T/stub.log" "$T/mode" &
STUB=$!
kannel_until 5 test -s "$T/stub.port"
kannel_setup "$T/k" "http://127.0.0.1:$(cat "$T/stub.port")/mo"
sed -i 's/^log-level = 0/log-level = 3/' "$KANNEL_DIR/kannel.conf"
if [ "$mode" = static ]; then
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
"$FAKESMSC" -v 1 -H 127.0.0.1 -r "$KANNEL_FAKE_PORT" -i 0 -m "$N" \
	"992900000000 1000 text bench" > "$T/fakesmsc.log" 2>&1 &
fs=$!
kannel_until 120 grep -q "Got message $N:" "$T/fakesmsc.log" ||
	echo "# not all $N replies came back" >&2
kill -INT "$fs"; wait "$fs"
grep -E 'messages sent|running time|msgs/s' "$T/fakesmsc.log" | sed 's/.*INFO: //'
