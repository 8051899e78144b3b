# lib.sh - shared set-up for the end-to-end tests.
#
# Each test gets a fresh directory with Gammu's dummy phone, a database
# and a configuration, starts the real yordamd on it, drops real SMS files
# into the phone's inbox and checks through the database what happened.
# Output is TAP, so every check is counted by `make check`.
set -u

BUILD=$(cd "${top_builddir:-.}" && pwd)
SRC=$(cd "${top_srcdir:-.}" && pwd)
YORDAMD=$BUILD/yordamd
CTL=$BUILD/yordamctl
INJECT=$BUILD/tests/e2e/inject
CONTENT=${E2E_CONTENT:-$SRC}
# YORDAMD_WRAPPER="valgrind --error-exitcode=99 -q" runs the daemon under it.
WRAPPER=${YORDAMD_WRAPPER:-}

T=$(mktemp -d /tmp/yordam-e2e.XXXXXX)
PID=
n_tests=0
n_failed=0

mkdir -p "$T/phone"
# E2E_TRANSPORT=kannel runs the same test behind a real Kannel (issue 22):
# SMS go in through Kannel's HTTP SMSC and bearerbox and smsbox to
# yordamd's /kannel/mo, replies out through sendsms to fakesmsc; the
# checks read the database as on the dummy phone.
if [ "${E2E_TRANSPORT:-}" = kannel ]; then
	. "$SRC/tests/kannel/kannel.sh"
	kannel_available || { echo "ok 1 # SKIP Kannel is not installed"
		echo "1..1"; rm -rf "$T"; exit 0; }
	YPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	YSECRET=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
	kannel_setup "$T/kannel" "http://127.0.0.1:$YPORT/kannel/mo?key=$YSECRET"
	kannel_start >&2 || exit 1
	fakesmsc_start >&2 || exit 1
	line_conf() {
		echo "transport = \"kannel\";"
		echo "kannel = { sendsms_url = \"$KANNEL_SENDSMS_URL\";" \
			"username = \"$KANNEL_USER\"; password = \"$KANNEL_PASS\";" \
			"secret = \"$YSECRET\"; sender = \"1000\"; port = $YPORT;" \
			"${KANNEL_EXTRA:-} };"
	}
else
	line_conf() {
		echo "modem = { model = \"dummy\"; connection = \"none\"; device = \"$T/phone\"; };"
	}
fi
write_conf() {
	line_conf > "$T/yordam.conf"
	cat >> "$T/yordam.conf" <<CONF
database = "$T/yordam.db";
content = "$CONTENT";
poll_interval_ms = 100;
session_timeout = 1800;
multipart_timeout = ${MULTIPART_TIMEOUT:-600};
send_backoff = 1;
replies_per_hour = ${REPLIES_PER_HOUR:-100000};
replies_per_day = ${REPLIES_PER_DAY:-100000};
loop_messages = ${LOOP_MESSAGES:-1000};
loop_seconds = 60;
retention_days = ${RETENTION_DAYS:-0};
placeholders = {
  hotline = "+70000000001";
  emergency = "112";
  shelter = "+70000000002";
  lawyer = "+70000000003";
  consulate_uz = "+70000000004";
  consulate_kg = "+70000000005";
  consulate_tj = "+70000000006";
  office = "Almaty, Abai ave 10, office 5";
};
CONF
}
write_conf

# shipped_copy: the shipped content copied to $T/shipped (now CONTENT),
# and the NGO's own directory, content/ beside yordam.conf (content_site's
# default), made empty: for tests that edit content as an NGO does.
shipped_copy() {
	mkdir -p "$T/shipped" "$T/content"
	cp -r "$CONTENT/menus" "$CONTENT/locales" "$CONTENT/law" \
		"$CONTENT/corpus" "$T/shipped/"
	chmod -R u+w "$T/shipped"
	CONTENT=$T/shipped
	write_conf
}

cleanup() {
	[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null
	[ "${E2E_TRANSPORT:-}" = kannel ] && kannel_stop
	if [ "$n_failed" -gt 0 ] || [ -n "${KEEP:-}" ]; then
		echo "# kept $T for inspection"
		sed 's/^/# daemon: /' "$T/daemon.log" 2>/dev/null | tail -n 30
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT

ok() {   # ok CONDITION-EXIT-STATUS DESCRIPTION
	n_tests=$((n_tests + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n_tests - $2"
	else
		echo "not ok $n_tests - $2"
		n_failed=$((n_failed + 1))
	fi
}

check() {   # check DESCRIPTION COMMAND...
	desc=$1
	shift
	"$@" >/dev/null 2>&1
	ok $? "$desc"
}

eq() {   # eq DESCRIPTION GOT WANT
	if [ "$2" = "$3" ]; then
		ok 0 "$1"
	else
		ok 1 "$1"
		echo "#   got:  '$2'"
		echo "#   want: '$3'"
	fi
}

done_testing() {
	# Under --enable-sanitizers a UBSan report does not stop the daemon:
	# it only shows in its log.
	if [ -f "$T/daemon.log" ]; then
		! grep -qE 'runtime error:|ERROR: (AddressSanitizer|LeakSanitizer)' \
			"$T/daemon.log"
		ok $? "no sanitizer report in the daemon's log"
	fi
	echo "1..$n_tests"
	[ "$n_failed" -eq 0 ]
}

start_daemon() {
	$WRAPPER "$YORDAMD" -c "$T/yordam.conf" "$@" 2>>"$T/daemon.log" &
	PID=$!
}

stop_daemon() {   # returns the daemon's exit status
	kill -TERM "$PID" 2>/dev/null
	wait "$PID"
	rc=$?
	PID=
	return $rc
}

crash_daemon() {
	kill -9 "$PID" 2>/dev/null
	wait "$PID" 2>/dev/null
	PID=
}

# Never creates the database (mode=rw): an empty file at its path is one
# yordamd refuses, and the daemon may not have made it yet.
sql() {
	sqlite3 -cmd ".timeout 5000" "file:$T/yordam.db?mode=rw" "$@" 2>/dev/null
}

# wait_until SECONDS COMMAND...: poll every 50 ms.
wait_until() {
	limit=$(( $1 * 20 ))
	shift
	i=0
	while [ $i -lt $limit ]; do
		if "$@" >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

sql_is() {   # sql_is VALUE QUERY
	[ "$(sql "$2")" = "$1" ]
}

inject() {
	if [ "${E2E_TRANSPORT:-}" = kannel ]; then
		kannel_send_http "$1" "$2"      # no SMSC time through Kannel
	else
		"$INJECT" "$T/phone" "$@"
	fi
}

inbox_empty() {
	[ -z "$(ls -A "$T/phone/sms/1" 2>/dev/null)" ]
}

now_ms() {
	date +%s%3N
}

# A conversation at the test clock's 05:MM: sent_to counts the replies
# that have left for a number; says NUMBER TEXT injects a message and
# waits until the next reply to it leaves.
sent_to() {   # how many replies to a number have left
	sql "SELECT count(*) FROM messages WHERE dir='out' AND number='$1' AND status='sent'"
}
min=0
says() {   # says NUMBER TEXT: it arrives, and the next reply leaves
	before=$(sent_to "$1")
	inject "$1" "$2" --date "20261124T05$(printf %02d $min)00"
	min=$((min + 1))
	wait_until 10 sh -c "[ \$(sqlite3 '$T/yordam.db' \"SELECT count(*) FROM messages WHERE dir='out' AND number='$1' AND status='sent'\") -gt ${before:-0} ]"
}
