#!/bin/sh
# bench.sh - `make bench`: Yordam's whole path against Gammu SMSD on the
# same dummy modem and the same workload, the wait of a lone person and
# an urgent SMS behind a surge on a slow modem (surge.sh), what a year of
# history costs (history.sh), then the in-process figures.
# Measured with /usr/bin/time -v (CPU, peak RSS) and wall time until the
# last reply is recorded as sent.  docs/performance.md says how to read it.
set -eu
SRC=$(cd "$1" && pwd)
BUILD=$(cd "$2" && pwd)
N=${BENCH_N:-10000}
NS=${BENCH_SMSD_N:-$N}
W=$(mktemp -d /tmp/yordam-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
REPLY=$(printf "1 O'zbekcha\n2 Кыргызча\n3 Тоҷикӣ\n4 Русский")

for p in /usr/bin/time gammu-smsd gammu-smsd-inject; do
	command -v $p >/dev/null || {
		echo "bench: needs $p (apt-get install time gammu-smsd)" >&2
		if [ "$(id -u)" = 0 ]; then
			DEBIAN_FRONTEND=noninteractive apt-get install -y \
				--no-install-recommends time gammu-smsd >/dev/null
		else
			exit 1
		fi
		break
	}
done

field() {   # field NAME FILE: a value from /usr/bin/time -v
	sed -n "s/^[[:space:]]*$1: //p" "$2" | head -n 1
}
now() { date +%s.%N; }
count_sent() { sqlite3 "file:$W/y/yordam.db?mode=rw" "SELECT count(*) FROM messages WHERE dir='out' AND status='sent'" 2>/dev/null || echo 0; }

# --- Yordam -------------------------------------------------------------
mkdir -p "$W/y/phone"
cat > "$W/y/yordam.conf" <<CONF
modem = { model = "dummy"; connection = "none"; device = "$W/y/phone"; };
database = "$W/y/yordam.db";
content = "$SRC";
${BENCH_POLL_MS:+poll_interval_ms = $BENCH_POLL_MS;}
placeholders = { hotline = "+77000000000"; emergency = "112"; shelter = "+77000000001"; lawyer = "+77000000002"; consulate_uz = "+77000000003"; consulate_kg = "+77000000004"; consulate_tj = "+77000000005"; office = "Almaty, Abai ave 10, office 5"; };
CONF
# A surge: the inbox is filled up to its 9,999 places before the daemon
# starts, and refilled as it empties.
"$BUILD/tests/bench/bench" fill "$W/y/phone" "$N" &
FILL=$!
while [ "$(ls "$W/y/phone/sms/1" 2>/dev/null | wc -l)" -lt $(( N < 9999 ? N : 9999 )) ]; do sleep 0.2; done
t0=$(now)
/usr/bin/time -v -o "$W/y/time" "$BUILD/yordamd" -c "$W/y/yordam.conf" 2>"$W/y/log" &
TPID=$!
wait $FILL
while [ "$(count_sent)" -lt "$N" ]; do sleep 0.2; done
t1=$(now)
kill -TERM $(pgrep -P $TPID) 2>/dev/null || true
wait $TPID || true
y_wall=$(echo "$t1 - $t0" | bc -l)
y_cpu=$(echo "$(field 'User time (seconds)' "$W/y/time") + $(field 'System time (seconds)' "$W/y/time")" | bc -l)
y_rss=$(field 'Maximum resident set size (kbytes)' "$W/y/time")

# --- Gammu SMSD, files backend, RunOnReceive queues the same reply ------
# BENCH_SMSD_N=0 skips it (profiling Yordam alone).
g_done=0 g_wall=0 g_cpu=0 g_rss=0
if [ "$NS" -gt 0 ]; then
mkdir -p "$W/g/phone" "$W/g/in" "$W/g/out" "$W/g/sent" "$W/g/err"
cat > "$W/g/smsdrc" <<CONF
[gammu]
device = $W/g/phone
model = dummy
connection = none

[smsd]
service = files
inboxpath = $W/g/in/
outboxpath = $W/g/out/
sentsmspath = $W/g/sent/
errorsmspath = $W/g/err/
RunOnReceive = $W/g/onreceive.sh
ReceiveFrequency = 1
CommTimeout = 0
LoopSleep = 0
StatusFrequency = 0
logfile = $W/g/log
debuglevel = 0
CONF
cat > "$W/g/onreceive.sh" <<SCRIPT
#!/bin/sh
gammu-smsd-inject -c $W/g/smsdrc TEXT "\$SMS_1_NUMBER" -unicode -text "$REPLY" >/dev/null 2>&1
SCRIPT
chmod +x "$W/g/onreceive.sh"
mkdir -p "$W/g/phone/sms/1"
"$BUILD/tests/bench/bench" fill "$W/g/phone" "$NS" &
FILL=$!
while [ "$(ls "$W/g/phone/sms/1" 2>/dev/null | wc -l)" -lt $(( NS < 9999 ? NS : 9999 )) ]; do sleep 0.2; done
t0=$(now)
/usr/bin/time -v -o "$W/g/time" gammu-smsd -c "$W/g/smsdrc" >>"$W/g/log" 2>&1 &
TPID=$!
limit=$(( NS / 2 + 600 ))
start=$(date +%s)
while [ "$(ls "$W/g/sent" | wc -l)" -lt "$NS" ] && [ $(( $(date +%s) - start )) -lt $limit ]; do
	sleep 0.5
done
t1=$(now)
kill $FILL 2>/dev/null || true
g_done=$(ls "$W/g/sent" | wc -l)
kill -TERM $(pgrep -P $TPID) 2>/dev/null || true
wait $TPID || true
g_wall=$(echo "$t1 - $t0" | bc -l)
g_cpu=$(echo "$(field 'User time (seconds)' "$W/g/time") + $(field 'System time (seconds)' "$W/g/time")" | bc -l)
g_rss=$(field 'Maximum resident set size (kbytes)' "$W/g/time")
fi

echo
y_tput=$(echo "$N / $y_wall" | bc -l)
y_cpum=$(echo "$y_cpu * 1000 / $N" | bc -l)
echo "Whole path: dummy modem -> store -> answer -> reply sent"
if [ "$NS" -gt 0 ] && [ "$g_done" -gt 0 ]; then
	g_tput=$(echo "$g_done / $g_wall" | bc -l)
	g_cpum=$(echo "$g_cpu * 1000 / $g_done" | bc -l)
	printf "%-28s %12s %12s %10s\n" "" "Yordam" "Gammu SMSD" "ratio"
	printf "%-28s %12d %12d\n" "messages answered" "$N" "$g_done"
	printf "%-28s %12.1f %12.1f\n" "wall time (s)" "$y_wall" "$g_wall"
	printf "%-28s %12.1f %12.1f %9.1fx\n" "throughput (msg/s)" "$y_tput" \
		"$g_tput" "$(echo "$y_tput / $g_tput" | bc -l)"
	printf "%-28s %12.3f %12.3f %9.1fx\n" "CPU per message (ms)" "$y_cpum" \
		"$g_cpum" "$(echo "$g_cpum / $y_cpum" | bc -l)"
	printf "%-28s %12d %12d %9.1fx\n" "peak RSS (kB)" "$y_rss" "$g_rss" \
		"$(echo "$g_rss / $y_rss" | bc -l)"
	echo "(ratio: how many times Yordam is faster, leaner, smaller)"
else
	printf "%-28s %12s   (Gammu SMSD not run: BENCH_SMSD_N=%s)\n" "" "Yordam" "$NS"
	printf "%-28s %12d\n" "messages answered" "$N"
	printf "%-28s %12.1f\n" "wall time (s)" "$y_wall"
	printf "%-28s %12.1f\n" "throughput (msg/s)" "$y_tput"
	printf "%-28s %12.3f\n" "CPU per message (ms)" "$y_cpum"
	printf "%-28s %12d\n" "peak RSS (kB)" "$y_rss"
fi
# --- The surge on a slow modem: how long a lone person and an urgent SMS
# wait behind it (surge.sh).  BENCH_SURGE=0 skips it.
if [ "${BENCH_SURGE:-1}" != 0 ]; then
	sh "$SRC/tests/bench/surge.sh" "$SRC" "$BUILD"
fi
# --- What a year of history costs (history.sh).  BENCH_HISTORY=0 skips it.
if [ "${BENCH_HISTORY:-1}" != 0 ]; then
	echo
	sh "$SRC/tests/bench/history.sh" "$SRC" "$BUILD"
fi
echo
"$BUILD/tests/bench/bench" engine "$SRC" 10000
"$BUILD/tests/bench/bench" load 2000
"$BUILD/tests/bench/bench" load 820
"$BUILD/tests/bench/bench" parts "$SRC"
"$BUILD/tests/bench/bench" cost "$SRC"
echo
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
