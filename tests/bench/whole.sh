#!/bin/sh
# whole.sh - the whole path (dummy modem -> store -> answer -> reply
# recorded as sent) for Yordam and Gammu SMSD at equal counts of SMS, with
# SMSD on two backends: files (not crash-safe: nothing is synced) and sql
# (SQLite through libdbi, durable).  Called by bench.sh (`make bench`) and
# alone by `make bench-whole`.
#
# Why equal counts: SMSD's cost per SMS grows with the inbox it holds, so a
# ratio taken at one large count measures SMSD's backlog as much as either
# daemon.  Every count runs every system on the same workload.
#
# Measured: wall time from the daemon's start to the last reply recorded
# as sent; CPU (user + system, children included) and peak RSS from
# /usr/bin/time -v; the load average (/proc/loadavg) before and after each
# run; and, in a separate untimed run of BENCH_STRACE_N SMS under
# `strace -f -c`, the fdatasync + fsync calls per SMS (tracing would slow
# the timed runs).
#
# Variables (docs/performance.md):
#   BENCH_COUNTS         counts to run, default "300 1000" (BENCH_N when
#                        only that is set: its old meaning, one count)
#   BENCH_SMSD_N         0 skips SMSD; a number runs SMSD at the counts up
#                        to it (added to the counts if missing)
#   BENCH_SMSD_BACKENDS  default "files sql"
#   BENCH_RUNS           runs of each system at each count, default 1
#   BENCH_STRACE_N       SMS in the strace run, default 300; 0 skips it
#   BENCH_POLL_MS        Yordam's poll interval (default the shipped one)
#   BENCH_SMSD_LIMIT     seconds an SMSD run may take before it is stopped
#                        and what it answered is reported (default N/2+600)
#   BENCH_RESULTS        a file the raw figures are appended to
set -eu
SRC=$(cd "$1" && pwd)
BUILD=$(cd "$2" && pwd)
if [ -n "${BENCH_COUNTS:-}" ]; then
	COUNTS=$BENCH_COUNTS
else
	COUNTS=${BENCH_N:-300 1000}
fi
NS=${BENCH_SMSD_N:-}
if [ -n "$NS" ] && [ "$NS" -gt 0 ]; then
	COUNTS="$COUNTS $NS"
fi
COUNTS=$(for c in $COUNTS; do echo "$c"; done | sort -n -u | tr '\n' ' ')
BACKENDS=${BENCH_SMSD_BACKENDS:-files sql}
[ "$NS" = 0 ] && BACKENDS=""
RUNS=${BENCH_RUNS:-1}
STRACE_N=${BENCH_STRACE_N:-300}
SCHEMA=/usr/share/doc/gammu-smsd/examples/sqlite.sql
W=$(mktemp -d /tmp/yordam-whole.XXXXXX)
trap 'rm -rf "$W"' EXIT
REPLY=$(printf "1 O'zbekcha\n2 Кыргызча\n3 Тоҷикӣ\n4 Русский")

need() {   # need PROGRAM PACKAGE
	command -v "$1" >/dev/null && return 0
	echo "bench: needs $1 (apt-get install $2)" >&2
	[ "$(id -u)" = 0 ] || exit 1
	DEBIAN_FRONTEND=noninteractive apt-get install -y \
		--no-install-recommends "$2" >/dev/null
}
need /usr/bin/time time
if [ -n "$BACKENDS" ]; then
	need gammu-smsd gammu-smsd
	need gammu-smsd-inject gammu-smsd
fi
[ "$STRACE_N" -gt 0 ] && need strace strace
case " $BACKENDS " in *" sql "*)
	# SMSD's sql service reaches SQLite through libdbi's sqlite3 driver;
	# the schema is the one gammu-smsd ships.
	if ! ls /usr/lib/*/dbd/libdbdsqlite3.so >/dev/null 2>&1; then
		echo "bench: needs libdbi's sqlite3 driver (apt-get install libdbd-sqlite3)" >&2
		[ "$(id -u)" = 0 ] || exit 1
		DEBIAN_FRONTEND=noninteractive apt-get install -y \
			--no-install-recommends libdbd-sqlite3 >/dev/null
	fi
	[ -r "$SCHEMA" ] || { echo "bench: $SCHEMA missing (gammu-smsd's docs)" >&2; exit 1; }
esac

field() {   # field NAME FILE: a value from /usr/bin/time -v
	sed -n "s/^[[:space:]]*$1: //p" "$2" | head -n 1
}
now() { date +%s.%N; }
load1() { cut -d ' ' -f 1 /proc/loadavg; }

# fill DIR N: a surge - the dummy inbox is filled up to its 9,999 places
# before the daemon starts, and refilled as it empties (in the background:
# FILL is its pid).
fill() {
	mkdir -p "$1/sms/1"
	"$BUILD/tests/bench/bench" fill "$1" "$2" &
	FILL=$!
	while [ "$(ls "$1/sms/1" 2>/dev/null | wc -l)" -lt $(( $2 < 9999 ? $2 : 9999 )) ]; do sleep 0.2; done
}

# sent SYSTEM DIR: replies recorded as sent so far
sent() {
	case $1 in
	yordam) sqlite3 "file:$2/yordam.db?mode=rw" "SELECT count(*) FROM messages WHERE dir='out' AND status='sent'" 2>/dev/null || echo 0 ;;
	files) ls "$2/sent" | wc -l ;;
	sql) sqlite3 -readonly "$2/smsd.db" "SELECT count(*) FROM sentitems" 2>/dev/null || echo 0 ;;
	esac
}

# setup SYSTEM DIR: a fresh configuration and store for one run
setup() {
	mkdir -p "$2/phone"
	case $1 in
	yordam)
		cat > "$2/yordam.conf" <<CONF
modem = { model = "dummy"; connection = "none"; device = "$2/phone"; };
database = "$2/yordam.db";
content = "$SRC";
${BENCH_POLL_MS:+poll_interval_ms = $BENCH_POLL_MS;}
placeholders = { hotline = "+77000000000"; emergency = "112"; shelter = "+77000000001"; lawyer = "+77000000002"; consulate_uz = "+77000000003"; consulate_kg = "+77000000004"; consulate_tj = "+77000000005"; office = "Almaty, Abai ave 10, office 5"; };
CONF
		;;
	files|sql)
		# The fastest SMSD allows; RunOnReceive queues the same reply
		# with gammu-smsd-inject (through the same backend).
		if [ "$1" = files ]; then
			mkdir -p "$2/in" "$2/out" "$2/sent" "$2/err"
			service="service = files
inboxpath = $2/in/
outboxpath = $2/out/
sentsmspath = $2/sent/
errorsmspath = $2/err/"
		else
			sqlite3 "$2/smsd.db" < "$SCHEMA"
			service="service = sql
driver = sqlite3
dbdir = $2/
database = smsd.db"
		fi
		cat > "$2/smsdrc" <<CONF
[gammu]
device = $2/phone
model = dummy
connection = none

[smsd]
$service
RunOnReceive = $2/onreceive.sh
ReceiveFrequency = 1
CommTimeout = 0
LoopSleep = 0
StatusFrequency = 0
logfile = $2/log
debuglevel = 0
CONF
		cat > "$2/onreceive.sh" <<SCRIPT
#!/bin/sh
gammu-smsd-inject -c $2/smsdrc TEXT "\$SMS_1_NUMBER" -unicode -text "$REPLY" >/dev/null 2>&1
SCRIPT
		chmod +x "$2/onreceive.sh"
		;;
	esac
}

# run SYSTEM N DIR WRAPPER...: answer N SMS; sets DONE WALL LB LA
# (messages answered, seconds, 1-minute load before and after).
run() {
	rsys=$1 rn=$2 rd=$3
	shift 3
	setup "$rsys" "$rd"
	fill "$rd/phone" "$rn"
	LB=$(load1)
	t0=$(now)
	if [ "$rsys" = yordam ]; then
		"$@" "$BUILD/yordamd" -c "$rd/yordam.conf" 2>"$rd/log" &
		limit=0
	else
		"$@" gammu-smsd -c "$rd/smsdrc" >>"$rd/log" 2>&1 &
		limit=${BENCH_SMSD_LIMIT:-$(( rn / 2 + 600 ))}
	fi
	wrapper=$!
	start=$(date +%s)
	while [ "$(sent "$rsys" "$rd")" -lt "$rn" ]; do
		if [ $limit -gt 0 ] && [ $(( $(date +%s) - start )) -ge $limit ]; then
			echo "bench: $rsys stopped after ${limit} s, unfinished" >&2
			break
		fi
		sleep 0.1
	done
	t1=$(now)
	LA=$(load1)
	kill $FILL 2>/dev/null || true
	wait $FILL 2>/dev/null || true
	DONE=$(sent "$rsys" "$rd")
	kill -TERM $(pgrep -P $wrapper) 2>/dev/null || true
	wait $wrapper || true
	WALL=$(echo "$t1 - $t0" | bc -l)
}

name() {
	case $1 in yordam) echo "Yordam" ;; files) echo "SMSD files" ;; sql) echo "SMSD sql" ;; esac
}

SYSTEMS="yordam $BACKENDS"
echo "Whole path at equal counts: dummy modem -> store -> answer -> reply sent"
echo "counts: $COUNTS; runs: $RUNS; systems: $SYSTEMS"
echo "load average at the start: $(cat /proc/loadavg)"

# The syncs per SMS, from a separate run under strace (not timed).
: > "$W/syncs"
if [ "$STRACE_N" -gt 0 ]; then
	for sys in $SYSTEMS; do
		run "$sys" "$STRACE_N" "$W/strace-$sys" strace -f --seccomp-bpf \
			-e trace=fdatasync,fsync -c -o "$W/strace-$sys.out"
		calls=$(awk '$NF == "fdatasync" || $NF == "fsync" { s += $4 } END { print s + 0 }' "$W/strace-$sys.out")
		echo "$sys $(echo "$calls / $DONE" | bc -l)" >> "$W/syncs"
		printf "# strace run, %s: %d SMS, %d fdatasync+fsync (load %s -> %s)\n" \
			"$(name "$sys")" "$DONE" "$calls" "$LB" "$LA" >&2
		rm -rf "$W/strace-$sys"
	done
fi

: > "$W/results"
for n in $COUNTS; do
	for r in $(seq "$RUNS"); do
		for sys in $SYSTEMS; do
			if [ "$sys" != yordam ] && [ -n "$NS" ] && [ "$n" -gt "$NS" ]; then
				continue
			fi
			d="$W/$sys-$n-$r"
			run "$sys" "$n" "$d" /usr/bin/time -v -o "$d.time"
			cpu=$(echo "$(field 'User time (seconds)' "$d.time") + $(field 'System time (seconds)' "$d.time")" | bc -l)
			rss=$(field 'Maximum resident set size (kbytes)' "$d.time")
			echo "$n $sys $r $DONE $WALL $cpu $rss $LB $LA" >> "$W/results"
			printf "# %s, %d SMS, run %d: %d answered in %.1f s, %.1f s CPU, %d kB (load %s -> %s)\n" \
				"$(name "$sys")" "$n" "$r" "$DONE" "$WALL" "$cpu" "$rss" "$LB" "$LA" >&2
			rm -rf "$d"
		done
	done
done

echo "load average at the end:   $(cat /proc/loadavg)"
if [ -n "${BENCH_RESULTS:-}" ]; then   # the raw figures, kept
	{ sed 's/^/syncs /' "$W/syncs"; cat "$W/results"; } >> "$BENCH_RESULTS"
fi
echo
# The table: one row per count, system and run; ratios against Yordam's
# run of the same count and number.
awk -v strace_n="$STRACE_N" '
	FILENAME == ARGV[1] { syncs[$1] = $2; next }
	{
		n = $1; sys = $2; r = $3; done = $4; wall = $5; cpu = $6; rss = $7
		key = n " " r
		tput = done / wall; cpum = done ? cpu * 1000 / done : 0
		if (sys == "yordam") { yt[key] = tput; yc[key] = cpum; yr[key] = rss }
		row[++rows] = sprintf("%6d %-10s %3d %6d %8.1f %8.1f %9.3f %9d %7s", n,
			sys == "yordam" ? "Yordam" : sys == "files" ? "SMSD files" : "SMSD sql",
			r, done, wall, tput, cpum, rss,
			(sys in syncs) ? sprintf("%.1f", syncs[sys]) : "-")
		if (sys == "yordam" || !(key in yt) || !done)
			rat[rows] = sprintf("%7s %7s %7s %7s", "", "", "", "")
		else
			rat[rows] = sprintf("%6.1fx %6.1fx %6.1fx %7s", yt[key] / tput,
				cpum / yc[key], rss / yr[key],
				(sys in syncs) && syncs["yordam"] > 0 ? sprintf("%.1fx", syncs[sys] / syncs["yordam"]) : "-")
		lo[rows] = sprintf("%6s %6s", $8, $9) (done < n ? "  stopped unfinished" : "")
		if (sys != "yordam" && (key in yt) && done && r == 1)
			sum[++sums] = sprintf("summary: whole path, %d SMS at once: Yordam vs SMSD %s | %.1fx the throughput, %.1fx less CPU per SMS (%.3f vs %.1f ms; load %s -> %s)%s",
				n, sys, yt[key] / tput, cpum / yc[key], yc[key], cpum, $8, $9,
				done < n ? ", SMSD stopped unfinished" : "")
	}
	END {
		printf "%6s %-10s %3s %6s %8s %8s %9s %9s %7s %7s %7s %7s %7s %6s %6s\n",
			"count", "system", "run", "done", "wall s", "msg/s", "CPU ms", "RSS kB",
			"syncs", "tput", "CPU", "RSS", "syncs", "load", "load"
		printf "%6s %-10s %3s %6s %8s %8s %9s %9s %7s %31s %6s %6s\n",
			"", "", "", "", "", "", "per SMS", "peak", "per SMS",
			"--- ratio, x Yordam ---", "before", "after"
		for (i = 1; i <= rows; i++) print row[i], rat[i], lo[i]
		# the rows summary.sh puts in docs/performance.md (run 1)
		for (i = 1; i <= sums; i++) print sum[i]
	}' "$W/syncs" "$W/results"
cat <<EOF

ratio: Yordam's throughput over the other's, the other's CPU per SMS, peak
RSS and syncs per SMS over Yordam's (how many times Yordam is faster,
leaner, smaller, syncs less).  load: 1-minute load average (/proc/loadavg)
before and after the run.
EOF
if [ "$STRACE_N" -gt 0 ]; then
	echo "syncs per SMS: fdatasync + fsync, counted by strace -f -c in a"
	echo "separate run of $STRACE_N SMS per system (not the timed runs)."
fi
cat <<EOF
Yordam: SQLite, WAL, synchronous = FULL - durable.
SMSD files: inbox, outbox and sent items as plain files, never synced -
  NOT crash-safe (a power cut can lose what it took off the modem).
SMSD sql: SQLite through libdbi (libdbd-sqlite3), the shipped schema,
  SQLite's defaults (rollback journal, synchronous = FULL) - durable.
EOF
