#!/bin/sh
# surge.sh - the surge part of `make bench`: how long a lone new person and
# an urgent message wait for their first reply while a surge is answered
# through a modem that takes real time to send.
#
# The dummy modem sends in microseconds; tests/e2e/faultshim.so (preloaded)
# makes each GSM_SendSMS, one SMS part, take BENCH_SEND_DELAY_MS (default
# 50 ms; a real modem takes 3-6 s).  A run: the inbox is filled with
# BENCH_SURGE_N SMS (default 1,000) from as many numbers, the daemon
# starts with its shipped settings, and once the whole surge is answered
# (its replies queued, waiting for the modem) BENCH_SURGE_PROBES pairs of
# probes (default 5) are injected at even intervals over the time the
# surge's replies take to send: each pair is a new person's "salom" and an
# urgent SMS (Uzbek and Russian in turn).  The database is polled every
# 50 ms: a probe's latency runs from its injection (and from its arrival
# in the database) to its first reply recorded 'sent'.  BENCH_SURGE_RUNS
# (default 1) repeats the run.  docs/performance.md says how to read it.
set -eu
SRC=$(cd "$1" && pwd)
BUILD=$(cd "$2" && pwd)
SN=${BENCH_SURGE_N:-1000}
DELAY=${BENCH_SEND_DELAY_MS:-50}
PROBES=${BENCH_SURGE_PROBES:-5}
RUNS=${BENCH_SURGE_RUNS:-1}
REAL_MS=4000                    # a real modem's time per SMS, for scaling
SHIM=$BUILD/tests/e2e/faultshim.so
W=$(mktemp -d /tmp/yordam-surge.XXXXXX)
YPID=
trap '[ -n "$YPID" ] && kill -9 $YPID 2>/dev/null; rm -rf "$W"' EXIT

# The dummy inbox holds 9,999 SMS, and the surge is there before the start.
[ "$SN" -le 9999 ] || { echo "surge: BENCH_SURGE_N is at most 9999" >&2; exit 1; }

now_ms() { date +%s%3N; }
# mode=rw: polling must never create the database (yordamd refuses an
# empty file).
q() { sqlite3 -cmd ".timeout 5000" "file:$D/yordam.db?mode=rw" "$@" 2>/dev/null; }

# run R: one surge and its probes; appends "kind from_inject_ms
# from_db_ms parts_sent_meanwhile" per probe to $W/lat.
run() {
	D=$W/run$1
	mkdir -p "$D/phone"
	cat > "$D/yordam.conf" <<CONF
modem = { model = "dummy"; connection = "none"; device = "$D/phone"; };
database = "$D/yordam.db";
content = "$SRC";
placeholders = { hotline = "+77000000000"; emergency = "112"; shelter = "+77000000001"; lawyer = "+77000000002"; consulate_uz = "+77000000003"; consulate_kg = "+77000000004"; consulate_tj = "+77000000005"; office = "Almaty, Abai ave 10, office 5"; };
CONF
	"$BUILD/tests/bench/bench" fill "$D/phone" "$SN"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	LD_PRELOAD="$SHIM" YORDAM_SEND_DELAY_MS=$DELAY \
		"$BUILD/yordamd" -c "$D/yordam.conf" 2>"$D/log" &
	YPID=$!
	# The surge is queued: every SMS of it stored and answered.
	until [ "$(q "SELECT count(*) FROM messages WHERE dir='in' AND status='processed'")" = "$SN" ]; do
		kill -0 $YPID 2>/dev/null || { cat "$D/log" >&2; exit 1; }
		sleep 0.05
	done
	t0=$(now_ms)
	parts=$(q "SELECT sum(parts) FROM messages WHERE dir='out'")
	span=$((parts * DELAY))         # ms the surge's replies take to send
	limit=$((t0 + 3 * span + 60000))
	j=0 numbers="" stored=" " sent=" " pending=0
	while :; do
		t=$(now_ms)
		if [ $j -lt $PROBES ] && [ $t -ge $((t0 + j * span / PROBES)) ]; then
			lone=$(printf '+7709%03d%04d' "$1" $j)
			urgent=$(printf '+7708%03d%04d' "$1" $j)
			if [ $((j % 2)) -eq 0 ]; then
				text="pasportimni olib qo'yishdi yordam bering"
			else
				text="помогите забрали паспорт"
			fi
			"$BUILD/tests/e2e/inject" "$D/phone" "$lone" "salom"
			"$BUILD/tests/e2e/inject" "$D/phone" "$urgent" "$text"
			s=$(q "SELECT coalesce(sum(parts), 0) FROM messages WHERE dir='out' AND status='sent'")
			echo "$lone lone $t $s" >> "$D/inject"
			echo "$urgent urgent $t $s" >> "$D/inject"
			numbers="$numbers${numbers:+,}'$lone','$urgent'"
			j=$((j + 1))
			pending=$((pending + 2))
		fi
		if [ -n "$numbers" ]; then
			t=$(now_ms)
			q "SELECT m.number, coalesce((SELECT o.status FROM messages o
			    WHERE o.dir='out' AND o.in_reply_to=m.id ORDER BY o.id
			    LIMIT 1), '-') FROM messages m WHERE m.dir='in' AND
			    m.number IN ($numbers) UNION ALL SELECT 'sent-parts',
			    coalesce(sum(parts), 0) FROM messages WHERE dir='out'
			    AND status='sent'" > "$D/poll"
			s=$(sed -n 's/^sent-parts|//p' "$D/poll")
			while IFS='|' read -r num status; do
				case "$stored" in *" $num "*) ;; *)
					stored="$stored$num "
					echo "$num $t" >> "$D/stored" ;;
				esac
				[ "$status" = sent ] || continue
				case "$sent" in *" $num "*) ;; *)
					sent="$sent$num "
					pending=$((pending - 1))
					echo "$num $t $s" >> "$D/sent" ;;
				esac
			done < "$D/poll"
		fi
		[ $j -ge $PROBES ] && [ $pending -le 0 ] && break
		[ $t -gt $limit ] && { echo "surge: probes not answered in time" >&2; break; }
		sleep 0.05
	done
	echo "$(q "SELECT count(*) FROM help_requests WHERE urgent") of $PROBES urgent probes recognised as urgent" > "$D/urgent"
	kill -TERM $YPID 2>/dev/null || true
	wait $YPID || true
	YPID=
	# number kind t_inject sent_then, joined with stored and sent
	awk '
	FILENAME ~ /stored$/ { st[$1] = $2; next }
	FILENAME ~ /sent$/ { se[$1] = $2; sp[$1] = $3; next }
	{ if (!($1 in se)) next
	  printf "%s %d %d %d %d\n", $2, se[$1] - $3, se[$1] - st[$1],
	      sp[$1] - $4, $3 - t0 }
	' t0="$t0" "$D/stored" "$D/sent" "$D/inject" >> "$W/lat"
	cat "$D/urgent" >> "$W/urgent"
	echo "$parts" >> "$W/parts"
}

i=1
while [ $i -le "$RUNS" ]; do
	run $i
	i=$((i + 1))
done

# stats KIND COLUMN: "min / median / max" in seconds, with p99 when there
# are enough samples for it to mean something.
stats() {
	awk -v k="$1" -v c="$2" '$1 == k { print $c / 1000 }' "$W/lat" | sort -n |
	awk '{ v[NR] = $1 } END {
		if (!NR) { print "no samples"; exit }
		p = int((NR - 1) * 0.5) + 1; q = int((NR - 1) * 0.99) + 1
		if (NR >= 20)
			printf "p50 %.2f s, p99 %.2f s, max %.2f s (n=%d)", v[p], v[q], v[NR], NR
		else
			printf "min %.2f s, median %.2f s, max %.2f s (n=%d)", v[1], v[p], v[NR], NR
	}'
}
# scaled KIND: the median number of SMS parts sent between a probe's
# injection and its reply (its own included), times a real modem's 4 s.
scaled() {
	awk -v k="$1" '$1 == k { print $4 }' "$W/lat" | sort -n |
	awk -v ms=$REAL_MS '{ v[NR] = $1 } END {
		if (!NR) exit
		m = v[int((NR - 1) * 0.5) + 1]; x = v[NR]
		printf "median %d sends = %.1f min, max %d sends = %.1f min",
			m, m * ms / 60000, x, x * ms / 60000 }'
}

echo
echo "Surge on a slow modem: $SN SMS answered and queued, then a lone new person and"
echo "an urgent SMS; $DELAY ms per SMS part sent; $PROBES probe pairs a run, $RUNS run(s)"
echo "(the surge's replies: $(paste -sd/ "$W/parts") parts, $(paste -sd/ "$W/urgent"))"
echo "probe: injected at (s after the surge was queued); first reply sent after (s),"
echo "from injection and from arrival in the database; SMS parts sent meanwhile"
awk '{ printf "  %-7s at %5.1f: %7.2f %7.2f %6d\n", $1, $5 / 1000, $2 / 1000, $3 / 1000, $4 }' "$W/lat"
echo "first reply sent, from injection:"
echo "  lone person (salom): $(stats lone 2)"
echo "  urgent:              $(stats urgent 2)"
echo "from arrival in the database:"
echo "  lone person (salom): $(stats lone 3)"
echo "  urgent:              $(stats urgent 3)"
echo "at a real modem's 4 s per SMS (parts sent before the reply, its own included, x 4 s):"
echo "  lone person (salom): $(scaled lone)"
echo "  urgent:              $(scaled urgent)"
