# kannel.sh - a Kannel (bearerbox + smsbox + fakesmsc) for end-to-end tests
# of Yordam's Kannel transport (issue 22). Source it from a POSIX sh test;
# every test gets its own Kannel on free 127.0.0.1 ports in its own
# directory, so tests can run in parallel, and nothing outlives the test.
# Facts behind the configuration: docs/kannel-notes.md.
#
#   kannel_available          0 if bearerbox, smsbox and fakesmsc are installed
#   kannel_setup DIR MO_URL   write DIR/kannel.conf; the sms-service calls
#                             MO_URL?from=%p&to=%P&text=%b&coding=%c&charset=%C
#                             &time=%T&id=%I&smsc=%i&udh=%u (GET; text is the
#                             URL-encoded bytes in "charset": UTF-8 for GSM-7
#                             and, with mo-recode, UCS-2 MOs). Exports
#                             KANNEL_SENDSMS_URL (http://127.0.0.1:P/cgi-bin/sendsms),
#                             KANNEL_USER, KANNEL_PASS, KANNEL_FAKE_PORT,
#                             KANNEL_ADMIN_PORT, KANNEL_ADMIN_PASS, KANNEL_DIR.
#                             smsbox retries a failed MO KANNEL_HTTP_RETRY
#                             (1000) times, KANNEL_HTTP_DELAY (1) s apart; a
#                             hung service fails after KANNEL_HTTP_TIMEOUT (30) s
#   kannel_start              start bearerbox and smsbox, wait (15 s at most
#                             each) until bearerbox's status page shows it
#                             running with smsbox connected and smsbox's
#                             sendsms port answers; 1 on timeout
#   kannel_stop               stop them (SIGTERM, then -9 after 5 s) and fakesmsc
#   kannel_kill [bearerbox|smsbox]  kill -9 one or both (crash tests);
#                             kannel_start starts whichever is not running
#   fakesmsc_start            start the fake phone network's client; wait until
#                             bearerbox shows the fake SMSC online
#   fakesmsc_send FROM TEXT   one MO from FROM to 1000 (GSM-7 "text" line;
#                             UTF-8 bytes such as Cyrillic go through as is)
#   fakesmsc_send_long FROM TEXT  a concatenated MO: TEXT cut into parts of 67
#                             characters (as UCS-2 parts are), each a "udh"
#                             line with UDH 05 00 03 ref n i and raw UTF-8
#                             (fakesmsc reads at most 256 bytes a line);
#                             the service sees one MO, coding 1, charset 8-BIT
#   kannel_send_ucs2 FROM TEXT  one MO coded UCS-2 (as a phone sends Cyrillic),
#                             through a second SMSC (Kannel's HTTP protocol,
#                             smsc id "inject"); fakesmsc cannot code UCS-2
#   fakesmsc_received         the MTs fakesmsc got so far, one a line:
#                             "TO<TAB>CODING<TAB>PARTS<TAB>TEXT", TEXT in UTF-8,
#                             CODING 0 (GSM-7), 1 (8-bit) or 2 (UCS-2); the
#                             parts of a concatenated MT are joined into one
#                             line once all have arrived (PARTS of them); a
#                             GSM-7 text's newline stays a newline, so such an
#                             MT spans lines (fakesmsc itself counts it twice)
#   fakesmsc_wait N [SECS]    wait until N MTs arrived (default 10 s); 1 if not
#   kannel_send_http FROM TEXT  a GSM-7 MO through the HTTP SMSC: fast,
#                             for streams of many messages
#   kannel_sendsms TO TEXT [ARGS]  GET the sendsms URL from 1000 with TEXT in
#                             UTF-8 (charset=UTF-8) and extra query ARGS: pass
#                             coding=2 for UCS-2, coding=0 for GSM-7; prints
#                             Kannel's answer ("0: Accepted for delivery")
#   kannel_cleanup            kannel_stop; called by the trap kannel_setup sets
#
# kannel_setup sets `trap kannel_cleanup EXIT INT TERM` (chaining to a
# function `test_cleanup` if the test defines one), so the boxes die with
# the test even when it fails. fakesmsc reads its MOs from a FIFO held open
# on file descriptor 8.

KANNEL_BIN=${KANNEL_BIN:-/usr/sbin}
FAKESMSC=${FAKESMSC:-/usr/lib/kannel/test/fakesmsc}

kannel_available() {
	[ -x "$KANNEL_BIN/bearerbox" ] && [ -x "$KANNEL_BIN/smsbox" ] &&
		[ -x "$FAKESMSC" ] && command -v python3 >/dev/null &&
		command -v curl >/dev/null
}

# Free ports from the kernel (bind to 0), all at once so they differ;
# another process could take one before Kannel binds it, but only in the
# instant between, and a start that fails says so.
kannel_ports() {  # kannel_ports N
	python3 -c '
import socket, sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))' "$1"
}

kannel_cleanup() {
	kannel_stop
	command -v test_cleanup >/dev/null 2>&1 && test_cleanup
	return 0
}

kannel_setup() {  # kannel_setup DIR MO_URL
	KANNEL_DIR=$1
	mkdir -p "$KANNEL_DIR/store"
	set -- "$1" "$2" $(kannel_ports 5)
	KANNEL_ADMIN_PORT=$3 KANNEL_BOX_PORT=$4 KANNEL_FAKE_PORT=$5
	KANNEL_SENDSMS_PORT=$6 KANNEL_HTTP_SMSC_PORT=$7
	KANNEL_SENDSMS_URL=http://127.0.0.1:$6/cgi-bin/sendsms
	KANNEL_USER=yordam
	KANNEL_PASS=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
	KANNEL_ADMIN_PASS=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
	case $2 in *\?*) sep='&' ;; *) sep='?' ;; esac
	# %b: the text's bytes URL-encoded (no word splitting as %a does);
	# %C names their charset; %I is the bearerbox message id, the same
	# on every retry (the URL is built once), for Yordam's dedupe.
	mo="$2${sep}from=%p&to=%P&text=%b&coding=%c&charset=%C&time=%T&id=%I&smsc=%i&udh=%u"
	cat > "$KANNEL_DIR/kannel.conf" <<-CONF
	# Written by tests/kannel/kannel.sh for one test run.
	group = core
	admin-port = $KANNEL_ADMIN_PORT
	admin-interface = 127.0.0.1
	admin-password = $KANNEL_ADMIN_PASS
	status-password = $KANNEL_ADMIN_PASS
	admin-allow-ip = 127.0.0.1
	smsbox-port = $KANNEL_BOX_PORT
	smsbox-interface = 127.0.0.1
	box-allow-ip = 127.0.0.1
	log-file = "$KANNEL_DIR/bearerbox.log"
	log-level = 0
	access-log = "$KANNEL_DIR/access.log"
	# MOs stay in the store until smsbox acks them, and survive a
	# bearerbox restart.
	store-type = file
	store-location = "$KANNEL_DIR/store/kannel.store"
	store-dump-freq = 1
	sms-combine-concatenated-mo = true
	dlr-storage = internal

	group = smsc
	smsc = fake
	smsc-id = fake
	port = $KANNEL_FAKE_PORT
	connect-allow-ip = 127.0.0.1

	# fakesmsc cannot send a UCS-2 MO (its lines are GSM-7 "text" or
	# 8-bit "data"/"udh"); Kannel's own HTTP SMSC protocol can
	# (coding=2), so kannel_send_ucs2 injects MOs here. It takes no MT:
	# allowed-smsc-id routes to it only MTs that name it, and none do.
	group = smsc
	smsc = http
	smsc-id = inject
	system-type = kannel
	port = $KANNEL_HTTP_SMSC_PORT
	connect-allow-ip = 127.0.0.1
	smsc-username = inject
	smsc-password = inject
	allowed-smsc-id = inject-only
	send-url = "http://127.0.0.1:9/"

	group = smsbox
	bearerbox-host = 127.0.0.1
	bearerbox-port = $KANNEL_BOX_PORT
	sendsms-port = $KANNEL_SENDSMS_PORT
	sendsms-interface = 127.0.0.1
	log-file = "$KANNEL_DIR/smsbox.log"
	log-level = 0
	access-log = "$KANNEL_DIR/smsbox-access.log"
	# UCS-2 MOs reach the service as UTF-8 (charset=UTF-8).
	mo-recode = true
	# Yordam down or failing: smsbox retries the same URL every
	# http-queue-delay seconds, http-request-retry times (default: never).
	http-request-retry = ${KANNEL_HTTP_RETRY:-1000}
	http-queue-delay = ${KANNEL_HTTP_DELAY:-1}
	# A hung Yordam counts as failed after this many seconds, then retried.
	http-timeout = ${KANNEL_HTTP_TIMEOUT:-30}

	group = sendsms-user
	username = $KANNEL_USER
	password = $KANNEL_PASS
	max-messages = 10
	concatenation = true

	group = sms-service
	keyword = default
	catch-all = true
	get-url = "$mo"
	# Yordam replies through sendsms itself; smsbox must send nothing.
	max-messages = 0
	omit-empty = true
	CONF
	export KANNEL_DIR KANNEL_ADMIN_PORT KANNEL_ADMIN_PASS KANNEL_FAKE_PORT \
		KANNEL_SENDSMS_URL KANNEL_USER KANNEL_PASS
	trap 'kannel_cleanup' EXIT
	trap 'kannel_cleanup; exit 130' INT TERM
}

kannel_alive() {  # kannel_alive NAME: its pid file names a live process
	[ -s "$KANNEL_DIR/$1.pid" ] && kill -0 "$(cat "$KANNEL_DIR/$1.pid")" 2>/dev/null
}

kannel_status() {  # the bearerbox status page, or nothing
	curl -s -m 2 "http://127.0.0.1:$KANNEL_ADMIN_PORT/status.txt?password=$KANNEL_ADMIN_PASS" 2>/dev/null
}

kannel_until() {  # kannel_until SECS COMMAND...: poll every 0.1 s
	_t=$(( $1 * 10 )); shift
	while [ "$_t" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1; _t=$((_t - 1))
	done
	return 1
}

kannel_bb_up() { kannel_status | grep -q '^Status: running'; }
kannel_sb_up() {
	kannel_status | grep -q 'smsbox:.*(on-line' &&
		curl -s -m 2 -o /dev/null "$KANNEL_SENDSMS_URL"
}

kannel_start() {
	if ! kannel_alive bearerbox; then
		"$KANNEL_BIN/bearerbox" -v 4 "$KANNEL_DIR/kannel.conf" \
			>> "$KANNEL_DIR/bearerbox.out" 2>&1 &
		echo $! > "$KANNEL_DIR/bearerbox.pid"
		kannel_until 15 kannel_bb_up || {
			echo "# bearerbox did not come up" >&2; return 1; }
	fi
	if ! kannel_alive smsbox; then
		"$KANNEL_BIN/smsbox" -v 4 "$KANNEL_DIR/kannel.conf" \
			>> "$KANNEL_DIR/smsbox.out" 2>&1 &
		echo $! > "$KANNEL_DIR/smsbox.pid"
		kannel_until 15 kannel_sb_up || {
			echo "# smsbox did not connect" >&2; return 1; }
	fi
	return 0
}

kannel_killone() {  # kannel_killone NAME SIGNAL
	kannel_alive "$1" || return 0
	_p=$(cat "$KANNEL_DIR/$1.pid")
	kill "-$2" "$_p" 2>/dev/null
	[ "$2" = KILL ] && { kannel_until 5 eval '! kill -0 $_p 2>/dev/null'; return 0; }
	kannel_until 5 eval '! kill -0 $_p 2>/dev/null' || kill -KILL "$_p" 2>/dev/null
	return 0
}

kannel_kill() {  # kannel_kill [bearerbox|smsbox]
	case ${1:-both} in
	bearerbox|smsbox) kannel_killone "$1" KILL ;;
	*) kannel_killone smsbox KILL; kannel_killone bearerbox KILL ;;
	esac
}

kannel_stop() {
	[ -n "$KANNEL_DIR" ] || return 0
	kannel_killone fakesmsc TERM
	exec 8>&- 2>/dev/null
	kannel_killone smsbox TERM
	kannel_killone bearerbox TERM
	return 0
}

kannel_fake_online() {
	kannel_status | grep -q 'fake.*(online'
}

fakesmsc_start() {
	# Started again (after Kannel was killed): the old one goes, and
	# what it received stays readable by fakesmsc_received.
	kannel_killone fakesmsc TERM
	[ -f "$KANNEL_DIR/fakesmsc.log" ] &&
		cat "$KANNEL_DIR/fakesmsc.log" >> "$KANNEL_DIR/fakesmsc.old"
	rm -f "$KANNEL_DIR/fakesmsc.in"
	mkfifo "$KANNEL_DIR/fakesmsc.in"
	# Read-write open never blocks and keeps a writer on the FIFO, so
	# fakesmsc does not see end of file between two sends.
	exec 8<>"$KANNEL_DIR/fakesmsc.in"
	: > "$KANNEL_DIR/fakesmsc.log"
	"$FAKESMSC" -H 127.0.0.1 -r "$KANNEL_FAKE_PORT" \
		< "$KANNEL_DIR/fakesmsc.in" > "$KANNEL_DIR/fakesmsc.log" 2>&1 &
	echo $! > "$KANNEL_DIR/fakesmsc.pid"
	KANNEL_SENT=0
	kannel_until 10 kannel_fake_online || {
		echo "# fakesmsc did not connect" >&2; return 1; }
}

fakesmsc_sent() {  # fakesmsc_sent N: fakesmsc has sent its Nth MO
	grep -q "sent message $1\$" "$KANNEL_DIR/fakesmsc.log"
}

fakesmsc_line() {  # fakesmsc_line LINE: one MO, as fakesmsc's stdin line
	# fakesmsc reads stdin with fgets into 256 bytes and select()s on the
	# descriptor, so a longer line would be split and a second line
	# already in its stdio buffer would wait for more input: one line at
	# a time, each acknowledged in its log before the next.
	if [ "$(printf '%s' "$1" | wc -c)" -gt 250 ]; then
		echo "# fakesmsc line too long (fgets into 256 bytes)" >&2
		return 1
	fi
	printf '%s\n' "$1" >&8
	KANNEL_SENT=$((KANNEL_SENT + 1))
	kannel_until 5 fakesmsc_sent "$KANNEL_SENT"
}

fakesmsc_send() {  # fakesmsc_send FROM TEXT
	fakesmsc_line "$1 1000 text $2"
}

fakesmsc_send_long() {  # fakesmsc_send_long FROM TEXT
	_lines=$(python3 -c '
import sys, urllib.parse, random
text = sys.argv[2]
parts = [text[i:i + 67] for i in range(0, len(text), 67)]
ref = random.randrange(256)
for i, p in enumerate(parts):
    udh = bytes([5, 0, 3, ref, len(parts), i + 1])
    # smsc_fake URL-decodes the part but leaves other bytes alone: raw
    # UTF-8 keeps the line short (fgets reads 256 bytes at most).
    data = p.replace("%", "%25").replace("+", "%2B").replace(" ", "+")
    print(sys.argv[1], "1000 udh", urllib.parse.quote_from_bytes(udh), data)
' "$1" "$2") || return 1
	_old=$IFS; IFS='
'
	for _l in $_lines; do
		IFS=$_old
		fakesmsc_line "$_l" || return 1
	done
	IFS=$_old
}

kannel_send_ucs2() {  # kannel_send_ucs2 FROM TEXT
	_t=$(python3 -c 'import sys, urllib.parse
print(urllib.parse.quote(sys.argv[1].encode("utf-16-be")))' "$2")
	curl -s -m 10 -G "http://127.0.0.1:$KANNEL_HTTP_SMSC_PORT/" \
		-d username=inject -d password=inject -d to=1000 -d coding=2 \
		--data-urlencode "from=$1" -d "text=$_t" | grep -q '^Sent'
}

kannel_send_http() {  # kannel_send_http FROM TEXT: a GSM-7 MO, quickly
	# through the HTTP SMSC (about 10 ms; fakesmsc takes one line per
	# poll): for streams of many messages.
	curl -s -m 10 -G "http://127.0.0.1:$KANNEL_HTTP_SMSC_PORT/" \
		-d username=inject -d password=inject -d to=1000 \
		--data-urlencode "from=$1" --data-urlencode "text=$2" |
		grep -q '^Sent'
}

fakesmsc_received() {
	touch "$KANNEL_DIR/fakesmsc.old"
	python3 - "$KANNEL_DIR/fakesmsc.old" "$KANNEL_DIR/fakesmsc.log" <<-'PY'
	# fakesmsc logs each MT as "Got message N: <FROM TO TYPE ...>":
	# "text T" (GSM-7, T as UTF-8), "data URLENC" (8-bit), "ucs-2 URLENC"
	# (UTF-16BE), "udh URLENC data URLENC" (a part of a long message; its
	# coding is not shown, so UTF-8 unless the bytes hold control
	# characters, as UCS-2 Cyrillic and Latin do: 0x04.., 0x00..).
	import re, sys, urllib.parse
	def unq(s):
	    return urllib.parse.unquote_to_bytes(s.replace("+", " "))
	def guess(raw):
	    try:
	        t = raw.decode("utf-8")
	        if not re.search("[\x00-\x08\x0b-\x1f]", t):
	            return "0", t
	    except UnicodeDecodeError:
	        pass
	    return "2", raw.decode("utf-16-be", "replace")
	out, parts = [], {}
	for line in [l for f in sys.argv[1:] for l in open(f, encoding="latin-1")]:
	    m = re.search(r"Got message \d+: <(.*)>$", line.rstrip("\n"))
	    if not m:
	        continue
	    f = m.group(1).split(" ")
	    if (len(f) < 3 or f[2] not in ("text", "data", "ucs-2", "udh")) and out:
	        # A GSM-7 MT's newline ends fakesmsc's line: the rest of the
	        # text comes as a "message" of its own. Join it back.
	        out[-1] += "\n" + m.group(1).encode("latin-1").decode("utf-8", "replace")
	        continue
	    to, kind = f[1], f[2]
	    if kind == "text":
	        rec = [to, "0", "1", " ".join(f[3:]).encode("latin-1").decode("utf-8", "replace")]
	    elif kind == "ucs-2":
	        rec = [to, "2", "1", unq(f[3]).decode("utf-16-be", "replace")]
	    elif kind == "data":
	        rec = [to, "1", "1", unq(f[3]).decode("utf-8", "replace")]
	    elif kind == "udh":
	        udh, data = unq(f[3]), unq(f[5])
	        if len(udh) >= 6 and udh[1] == 0:      # IEI 0: 8-bit reference
	            key, n, i = (to, udh[3]), udh[4], udh[5]
	        elif len(udh) >= 7 and udh[1] == 8:    # IEI 8: 16-bit reference
	            key, n, i = (to, udh[3] * 256 + udh[4]), udh[5], udh[6]
	        else:
	            key, n, i = (to, None), 1, 1
	        got = parts.setdefault(key, {})
	        got[i] = data
	        if len(got) < n:
	            continue
	        del parts[key]
	        coding, text = guess(b"".join(got[k] for k in sorted(got)))
	        rec = [to, coding, str(n), text]
	    else:
	        continue
	    out.append("\t".join(rec))
	sys.stdout.buffer.write("".join(r + "\n" for r in out).encode())
	PY
}

fakesmsc_count() {  # records, not lines: a text may hold newlines
	fakesmsc_received | grep -c "$(printf '^[^\t]*\t[012]\t[0-9][0-9]*\t')"
}

fakesmsc_wait() {  # fakesmsc_wait N [SECS]
	_want=$1
	kannel_until "${2:-10}" eval '[ "$(fakesmsc_count)" -ge "$_want" ]'
}

kannel_sendsms() {  # kannel_sendsms TO TEXT [ARGS]
	curl -s -m 10 -G "$KANNEL_SENDSMS_URL" \
		--data-urlencode "username=$KANNEL_USER" \
		--data-urlencode "password=$KANNEL_PASS" \
		--data-urlencode "from=1000" --data-urlencode "to=$1" \
		--data-urlencode "text=$2" --data-urlencode "charset=UTF-8" \
		${3:+-d "$3"}
}
