#!/bin/sh
# web.sh - `make bench-web`: the staff console under 50 staff sessions
# polling, against 127.0.0.1 (issue 19).  A helpline with 20 open
# requests in the dummy phone's database, yordam-web on a free port, then
# tests/bench/webload.py: requests served, latency (median, p90, p99,
# max) and yordam-web's memory (now and its peak).  SESSIONS and SECONDS
# change the load.
set -eu
SRC=$(cd "$1" && pwd)
BUILD=$(cd "$2" && pwd)
W=$(mktemp -d /tmp/yordam-webbench.XXXXXX)
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$W/phone"
cat > "$W/yordam.conf" <<CONF
modem = { model = "dummy"; connection = "none"; device = "$W/phone"; };
database = "$W/yordam.db";
content = "$SRC";
poll_interval_ms = 100;
placeholders = { hotline = "+70000000001"; emergency = "112"; shelter = "+70000000002";
  lawyer = "+70000000003"; consulate_uz = "+70000000004"; consulate_kg = "+70000000005";
  consulate_tj = "+70000000006"; office = "Almaty, Abai ave 10"; };
web = { port = $PORT; };
CONF
"$BUILD/yordamd" -c "$W/yordam.conf" 2> "$W/daemon.log" &
D=$!
trap 'kill $D $WEB 2>/dev/null; rm -rf "$W"' EXIT
WEB=
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	"$BUILD/tests/e2e/inject" "$W/phone" "+7709600$(printf %04d $i)" "yordam kerak, ish haqi bermayapti $i" --date "20261124T10$(printf %02d $i)00"
done
t=0
until [ "$(sqlite3 "file:$W/yordam.db?mode=rw" 'SELECT count(*) FROM help_requests' 2>/dev/null || echo 0)" = 20 ] || [ $t -gt 200 ]; do
	sleep 0.1; t=$((t + 1))
done
printf 'load test password\n' | "$BUILD/yordamctl" -c "$W/yordam.conf" user add bench --role staff --password-stdin --as bench > /dev/null
"$BUILD/yordam-web" -c "$W/yordam.conf" 2> "$W/web.log" &
WEB=$!
sleep 0.5
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 "$SRC/tests/bench/webload.py" "http://127.0.0.1:$PORT" bench 'load test password' $WEB "${SESSIONS:-50}" "${SECONDS_:-20}"
