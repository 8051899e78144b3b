# selftest.sh - the Kannel test harness (tests/kannel/kannel.sh) works:
# MOs from fakesmsc reach an HTTP service (stub.py, standing in for
# Yordam) with the right UTF-8 text, and MTs sent through sendsms reach
# fakesmsc and read back right. Yordam's Kannel e2e tests build on these
# two paths, so when one of them fails this test says whether the fault
# is Kannel's set-up or Yordam's. TAP; about 5 seconds; skipped without
# Kannel (Debian packages kannel, kannel-extras).
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/kannel.sh"
n=0
failed=0

ok() {  # ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

if ! kannel_available; then
	echo "ok 1 # SKIP bearerbox, smsbox, fakesmsc, python3 or curl not installed"
	echo "1..1"
	exit 0
fi

T=$(mktemp -d /tmp/yordam-kannel.XXXXXX)
STUB=
test_cleanup() {
	[ -n "$STUB" ] && kill "$STUB" 2>/dev/null
	rm -rf "$T"
}
# kannel_setup replaces this trap with one that also stops Kannel.
trap test_cleanup EXIT
trap 'test_cleanup; exit 130' INT TERM

python3 "$HERE/stub.py" "$T/stub.port" "$T/stub.log" &
STUB=$!
kannel_until 5 test -s "$T/stub.port"
ok $? "the stub service listens"

kannel_setup "$T/kannel" "http://127.0.0.1:$(cat "$T/stub.port")/mo"
grep -q "^sendsms-port = " "$KANNEL_DIR/kannel.conf" &&
	[ -n "$KANNEL_PASS" ] && [ -n "$KANNEL_FAKE_PORT" ]
ok $? "kannel_setup writes kannel.conf and exports the ports"
kannel_start
ok $? "bearerbox and smsbox start"
fakesmsc_start
ok $? "fakesmsc connects to the fake SMSC"

mo_text() {  # mo_text N: the text of the Nth MO the stub got, as UTF-8
	python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
n = int(sys.argv[2])
if len(recs) >= n:
    sys.stdout.write(recs[n - 1]["text"])' "$T/stub.log" "$1" 2>/dev/null
}
mo_field() {  # mo_field N NAME: one escape's value in the Nth MO
	python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
sys.stdout.write(recs[int(sys.argv[2]) - 1]["q"].get(sys.argv[3], ""))' \
		"$T/stub.log" "$1" "$2" 2>/dev/null
}
mo_count() { [ -f "$T/stub.log" ] && wc -l < "$T/stub.log" || echo 0; }
mo_wait() { _w=$1; kannel_until 10 eval '[ "$(mo_count)" -ge "$_w" ]'; }

fakesmsc_send 992901234567 "hello helpline" && mo_wait 1 &&
	[ "$(mo_text 1)" = "hello helpline" ]
ok $? "a plain MO reaches the service: '$(mo_text 1)'"
[ "$(mo_field 1 from)" = 992901234567 ] && [ "$(mo_field 1 smsc)" = fake ] &&
	echo "$(mo_field 1 id)" | grep -Eq '^[0-9a-f-]{36}$' &&
	[ "$(mo_field 1 charset)" = UTF-8 ]
ok $? "with sender, smsc id, message id and charset"

cyr="Здравствуйте, мне нужна помощь"
fakesmsc_send 992901234567 "$cyr" && mo_wait 2 && [ "$(mo_text 2)" = "$cyr" ]
ok $? "a Cyrillic MO arrives as the same UTF-8: '$(mo_text 2)'"

kannel_send_ucs2 992901234567 "$cyr" && mo_wait 3 && [ "$(mo_text 3)" = "$cyr" ] &&
	[ "$(mo_field 3 charset)" = UTF-8 ] && [ "$(mo_field 3 smsc)" = inject ]
ok $? "a UCS-2 MO arrives recoded to UTF-8 (mo-recode)"

long="Это длинное сообщение из трёх частей, которое оператор склеивает: "
long="$long$long$long"
fakesmsc_send_long 992901234567 "$long" && mo_wait 4 &&
	[ "$(mo_text 4)" = "$long" ] && [ "$(mo_count)" -eq 4 ]
ok $? "a 3-part MO arrives once, whole ($(printf %s "$long" | wc -m) characters)"

# MTs: what Yordam's HTTP client will send.
r=$(kannel_sendsms 992901234567 "Your request is queued" "coding=0")
ok $? "sendsms answers for GSM-7 text: $r"
case $r in "0: Accepted"*) true ;; *) false ;; esac
ok $? "with 0: Accepted for delivery"
kannel_sendsms 992901234568 "Ваш запрос принят" "coding=2" >/dev/null
long_mt=$(python3 -c 'print("Ответ из трёх частей. " * 8)')
kannel_sendsms 992901234569 "$long_mt" "coding=2" >/dev/null
fakesmsc_wait 3
ok $? "three MTs reach fakesmsc"
got=$(fakesmsc_received)
printf '%s\n' "$got" | grep -qx "992901234567	0	1	Your request is queued"
ok $? "the GSM-7 one as text"
printf '%s\n' "$got" | grep -qx "992901234568	2	1	Ваш запрос принят"
ok $? "the Cyrillic one as UCS-2"
printf '%s\n' "$got" | grep -qx "992901234569	2	3	$long_mt"
ok $? "the long Cyrillic one in 3 UCS-2 parts, joined back"

kannel_stop
! kannel_alive bearerbox && ! kannel_alive smsbox && ! kannel_alive fakesmsc
ok $? "kannel_stop leaves nothing running"

echo "1..$n"
[ "$failed" -eq 0 ]
