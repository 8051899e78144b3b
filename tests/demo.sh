#!/bin/sh
# demo.sh - `make demo`: yordamd on Gammu's simulated phone, and a prompt
# where you text it as a migrant would.  Everything lives in ./demo.
set -e
SRC=$1
BUILD=$2
D=$BUILD/demo
mkdir -p "$D/phone"
cat > "$D/yordam.conf" <<CONF
modem = { model = "dummy"; connection = "none"; device = "$D/phone"; };
database = "$D/yordam.db";
content = "$SRC";
poll_interval_ms = 100;
placeholders = {
  hotline = "+7XXXXXXXXXX";
  emergency = "112";
  shelter = "+7XXXXXXXXXX";
  lawyer = "+7XXXXXXXXXX";
  consulate_uz = "+7XXXXXXXXXX";
  consulate_kg = "+7XXXXXXXXXX";
  consulate_tj = "+7XXXXXXXXXX";
  office = "Almaty, street XXX, house XX";
};
CONF
"$BUILD/yordamd" -c "$D/yordam.conf" 2>"$D/yordamd.log" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null' EXIT INT TERM
sleep 0.5
if ! kill -0 $PID 2>/dev/null; then
	echo "yordamd did not start:" >&2
	cat "$D/yordamd.log" >&2
	exit 1
fi
echo "yordamd is running on a simulated modem (log: $D/yordamd.log)."
echo "Try: salom, 1, 2, 0, 00, pasport, yordam, русский.  Staff queue:"
echo "  $BUILD/yordamctl -c $D/yordam.conf queue"
"$BUILD/yordamctl" -c "$D/yordam.conf" phone --from "${DEMO_NUMBER:-+77001234567}"
