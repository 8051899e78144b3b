#!/bin/sh
# history.sh - `make bench-history` (and part of `make bench`): what a
# year of history costs.  A database with a year of traffic is written
# through the store's own API (bench history: tests/bench/history.c),
# then Yordam's whole path is measured on fresh SMS exactly as bench.sh
# measures it (dummy modem, /usr/bin/time -v, wall time until the last
# reply is recorded as sent), on an empty database and on the year; then
# the queries of the desk, yordamctl and the console are timed on it.
#
# Disk reads: the database file's pages are dropped from the page cache
# before each run (dd iflag=nocache: posix_fadvise DONTNEED on that file
# alone, no root needed, other processes' cache untouched), and the run's
# reads are /usr/bin/time's "File system inputs" (512-byte blocks read
# from the disk by yordamd and its workers, its start included); and,
# since the start's quick_check reads the whole file, once more without
# it: the file dropped again after the first reply and the bytes read
# from then on (/proc/PID/io) per SMS answered after it.
# docs/performance.md, "Growth", says how to read it.
#
# BENCH_HISTORY_MESSAGES (default 500,000; the issue's year is 2,000,000),
# BENCH_HISTORY_NUMBERS and BENCH_HISTORY_REQUESTS (default 50,000 and
# 20,000 scaled with the messages), BENCH_HISTORY_N (fresh SMS a run,
# default BENCH_N or 10,000), BENCH_HISTORY_KEEP=DIR keeps the year there
# (as year.db, before the run adds to it), BENCH_HISTORY_DB=FILE runs on a
# copy of a year kept so instead of building one.
set -eu
SRC=$(cd "$1" && pwd)
BUILD=$(cd "$2" && pwd)
M=${BENCH_HISTORY_MESSAGES:-500000}
NUMBERS=${BENCH_HISTORY_NUMBERS:-$(( M / 40 > 1000 ? M / 40 : 1000 ))}
REQUESTS=${BENCH_HISTORY_REQUESTS:-$(( M / 100 > 50 ? M / 100 : 50 ))}
N=${BENCH_HISTORY_N:-${BENCH_N:-10000}}
W=$(mktemp -d /tmp/yordam-history.XXXXXX)
WEB=
trap '[ -z "$WEB" ] || kill $WEB 2>/dev/null; rm -rf "$W"' EXIT

for p in /usr/bin/time curl sqlite3; do
	command -v $p >/dev/null || { echo "bench-history: needs $p" >&2; exit 1; }
done
field() {   # field NAME FILE: a value from /usr/bin/time -v
	sed -n "s/^[[:space:]]*$1: //p" "$2" | head -n 1
}
now() { date +%s.%N; }
load() { cut -d' ' -f1 /proc/loadavg; }
uncache() {  # the database's pages out of the page cache (this file only)
	sync
	for f in "$1" "$1-wal"; do
		[ -e "$f" ] && dd if="$f" iflag=nocache count=0 status=none
	done
	return 0
}
conf() {   # conf DIR: yordam.conf for a database in DIR
	PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	cat > "$1/yordam.conf" <<CONF
modem = { model = "dummy"; connection = "none"; device = "$1/phone"; };
database = "$1/yordam.db";
content = "$SRC";
placeholders = { hotline = "+77000000000"; emergency = "112"; shelter = "+77000000001"; lawyer = "+77000000002"; consulate_uz = "+77000000003"; consulate_kg = "+77000000004"; consulate_tj = "+77000000005"; office = "Almaty, Abai ave 10, office 5"; };
web = { port = $PORT; };
CONF
	chmod 600 "$1/yordam.conf"
}

# answered DIR BASE: SMS answered since message BASE; pending DIR BASE:
# their replies not sent yet.  A run ends when all are answered and none
# is pending: not when N replies are sent, as bench.sh counts, since on a
# year a few people are talking with staff, and their SMS join the
# thread without a robot reply.
answered() {
	sqlite3 "file:$1/yordam.db?mode=rw" "SELECT count(*) FROM messages WHERE id > $2 AND dir = 'in' AND status != 'new'" 2>/dev/null || echo 0
}
pending() {
	sqlite3 "file:$1/yordam.db?mode=rw" "SELECT count(*) FROM messages WHERE id > $2 AND dir = 'out' AND status IN ('queued', 'sending')" 2>/dev/null || echo 1
}
cpu_ticks() (   # cpu_ticks PID: user + system clock ticks of PID's children and theirs
	total=0
	for p in $(pgrep -P "$1"); do
		total=$(( total + $(awk '{ print $14 + $15 }' /proc/$p/stat 2>/dev/null || echo 0) + $(cpu_ticks $p) ))
	done
	echo $total
)
read_bytes() (   # read_bytes PID: bytes read from the disk by PID's children and theirs
	total=0
	for p in $(pgrep -P "$1"); do
		total=$(( total + $(sed -n 's/^read_bytes: //p' /proc/$p/io 2>/dev/null || echo 0) + $(read_bytes $p) ))
	done
	echo $total
)

# run DIR: the whole path on N fresh SMS, as bench.sh runs it; sets
# r_wall r_cpu r_rss r_in r_pages r_cpu_run r_load.
run() {
	d=$1
	mkdir -p "$d/phone"
	base=$(sqlite3 "file:$d/yordam.db?mode=ro" "SELECT coalesce(max(id), 0) FROM messages" 2>/dev/null || echo 0)
	"$BUILD/tests/bench/bench" fill "$d/phone" "$N" &
	FILL=$!
	while [ "$(ls "$d/phone/sms/1" 2>/dev/null | wc -l)" -lt $(( N < 9999 ? N : 9999 )) ]; do sleep 0.2; done
	[ -e "$d/yordam.db" ] && uncache "$d/yordam.db"
	r_load=$(load)
	t0=$(now)
	/usr/bin/time -v -o "$d/time" "$BUILD/yordamd" -c "$d/yordam.conf" 2>"$d/log" &
	TPID=$!
	# Once the daemon answers (its start, with quick_check reading the
	# whole file, behind it), the file leaves the cache again and the
	# reads of the rest of the run are counted from /proc/PID/io.
	until [ "$(answered "$d" "$base")" -ge 1 ]; do sleep 0.05; done
	uncache "$d/yordam.db"
	k0=$(answered "$d" "$base")
	b0=$(read_bytes $TPID)
	c0=$(cpu_ticks $TPID)
	wait $FILL
	while [ "$(answered "$d" "$base")" -lt "$N" ] || [ "$(pending "$d" "$base")" -gt 0 ]; do
		sleep 0.2
		kill -0 $TPID 2>/dev/null || { echo "bench-history: yordamd stopped:" >&2; tail -5 "$d/log" >&2; exit 1; }
	done
	t1=$(now)
	b1=$(read_bytes $TPID)
	c1=$(cpu_ticks $TPID)
	k1=$(answered "$d" "$base")
	kill -TERM $(pgrep -P $TPID) 2>/dev/null || true
	wait $TPID || true
	r_wall=$(echo "$t1 - $t0" | bc -l)
	r_cpu=$(echo "$(field 'User time (seconds)' "$d/time") + $(field 'System time (seconds)' "$d/time")" | bc -l)
	r_rss=$(field 'Maximum resident set size (kbytes)' "$d/time")
	r_in=$(field 'File system inputs' "$d/time")
	r_pages=$(echo "($b1 - $b0) / 4096 / ($k1 - $k0)" | bc -l)
	r_cpu_run=$(echo "($c1 - $c0) * 1000 / $(getconf CLK_TCK) / ($k1 - $k0)" | bc -l)
}

# timed LABEL CMD...: one command's wall time in ms (its output dropped)
over() {   # over MS: a mark when MS is over 100
	[ "$(echo "$1 > 100" | bc -l)" = 1 ] && echo "  OVER 100 ms" || true
}
timed() {
	label=$1; shift
	t0=$(now)
	"$@" >/dev/null 2>"$W/timed.err" || { echo "  $label: failed: $(head -c 300 "$W/timed.err")"; return 0; }
	ms=$(echo "($(now) - $t0) * 1000" | bc -l)
	printf "  %-44s %9.1f ms%s\n" "$label" "$ms" "$(over "$ms")"
}

if [ -n "${BENCH_HISTORY_DB:-}" ]; then
	echo "A year of history: $BENCH_HISTORY_DB; $N fresh SMS a run."
else
	echo "A year of history: $M messages over $NUMBERS numbers, $REQUESTS help"
	echo "requests, 365 days; $N fresh SMS a run."
fi
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
mkdir -p "$W/empty" "$W/year"
conf "$W/empty"
conf "$W/year"
t0=$(now)
if [ -n "${BENCH_HISTORY_DB:-}" ]; then
	echo "the year: a copy of $BENCH_HISTORY_DB"
	cp "$BENCH_HISTORY_DB" "$W/year/yordam.db"
else
	echo "building the year (load $(load)) ..."
	"$BUILD/tests/bench/bench" history "$W/year/yordam.db" "$M" "$NUMBERS" "$REQUESTS" 2>/dev/null
	echo "  in $(printf %.0f "$(echo "$(now) - $t0" | bc -l)") s wall (load $(load))"
fi
size=$(stat -c %s "$W/year/yordam.db")
if [ -n "${BENCH_HISTORY_KEEP:-}" ]; then
	mkdir -p "$BENCH_HISTORY_KEEP"
	cp "$W/year/yordam.db" "$BENCH_HISTORY_KEEP/year.db"
fi

echo
echo "Timed on the year (first call, with the file out of the page cache):"
uncache "$W/year/yordam.db"
"$BUILD/tests/bench/bench" queries "$W/year/yordam.db"
CTL="$BUILD/yordamctl -c $W/year/yordam.conf"
timed "yordamctl stats" $CTL stats
timed "yordamctl queue" $CTL queue
timed "yordamctl queue --all" $CTL queue --all
timed "yordamctl search pasport" $CTL search pasport
timed "yordamctl log" $CTL log
timed "yordamctl status" $CTL status
printf 'history bench password\n' | $CTL user add bench --role admin --password-stdin --as bench >/dev/null
"$BUILD/yordam-web" -c "$W/year/yordam.conf" 2>"$W/web.log" &
WEB=$!
URL=http://127.0.0.1:$PORT
i=0
until curl -s -o /dev/null "$URL/login" || [ $i -gt 50 ]; do sleep 0.1; i=$((i + 1)); done
curl -s -c "$W/jar" -o "$W/login.html" "$URL/login"
tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$W/login.html" | head -n 1)
curl -s -b "$W/jar" -c "$W/jar" -o /dev/null --data-urlencode name=bench \
	--data-urlencode "password=history bench password" --data-urlencode "csrf=$tok" "$URL/login"
id=$(sqlite3 "file:$W/year/yordam.db?mode=ro" "SELECT max(id) / 2 FROM help_requests")
curl -s -b "$W/jar" -o "$W/search.html" "$URL/search"
tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$W/search.html" | head -n 1)
for page in / /queue/rows "/r/$id" "/r/$id/history" "POST /search" /status /stats; do
	case $page in
	POST*) code=$(curl -s -b "$W/jar" -o /dev/null -w '%{http_code} %{time_total}' \
		--data-urlencode q=pasport --data-urlencode "csrf=$tok" "$URL${page#POST }") ;;
	*) code=$(curl -s -b "$W/jar" -o /dev/null -w '%{http_code} %{time_total}' "$URL$page") ;;
	esac
	ms=$(echo "${code#* } * 1000" | bc -l)
	printf "  %-44s %9.1f ms  (HTTP %s)%s\n" "console $page" "$ms" "${code% *}" \
		"$(over "$ms")"
done
kill $WEB 2>/dev/null || true
wait $WEB 2>/dev/null || true
WEB=

echo
echo "Whole path: $N fresh SMS, dummy modem -> store -> answer -> reply sent"
run "$W/empty"
e_wall=$r_wall e_cpu=$r_cpu e_rss=$r_rss e_in=$r_in e_pages=$r_pages e_load=$r_load
e_cpu_run=$r_cpu_run
e_size=$(stat -c %s "$W/empty/yordam.db")
run "$W/year"
printf "%-28s %12s %12s\n" "" "empty" "one year"
printf "%-28s %12.1f %12.1f\n" "wall time (s)" "$e_wall" "$r_wall"
printf "%-28s %12.1f %12.1f\n" "throughput (msg/s)" "$(echo "$N / $e_wall" | bc -l)" "$(echo "$N / $r_wall" | bc -l)"
printf "%-28s %12.3f %12.3f  (%+.0f %%)\n" "CPU per message (ms)" \
	"$(echo "$e_cpu * 1000 / $N" | bc -l)" "$(echo "$r_cpu * 1000 / $N" | bc -l)" \
	"$(echo "($r_cpu - $e_cpu) * 100 / $e_cpu" | bc -l)"
printf "%-28s %12.3f %12.3f  (%+.0f %%)\n" "  after the start (ms) (c)" \
	"$e_cpu_run" "$r_cpu_run" "$(echo "($r_cpu_run - $e_cpu_run) * 100 / $e_cpu_run" | bc -l)"
printf "%-28s %12.2f %12.2f\n" "disk reads per message (a)" \
	"$(echo "$e_in / $N" | bc -l)" "$(echo "$r_in / $N" | bc -l)"
printf "%-28s %12.2f %12.2f\n" "pages read per message (b)" "$e_pages" "$r_pages"
printf "%-28s %12d %12d\n" "peak RSS (kB)" "$e_rss" "$r_rss"
printf "%-28s %12.1f %12.1f\n" "database file (MB)" \
	"$(echo "$e_size / 1048576" | bc -l)" "$(echo "$size / 1048576" | bc -l)"
printf "%-28s %12s %12s\n" "load average at start" "$e_load" "$r_load"
echo "(a) /usr/bin/time's File system inputs (512-byte blocks) over the whole"
echo "    run, its start included (quick_check reads the whole file), over N;"
echo "(b) 4 KiB read from the disk (/proc/PID/io read_bytes of yordamd and its"
echo "    workers: pages SQLite asked for, and the kernel's readahead) after"
echo "    the first reply, the file dropped from the page cache then, per SMS"
echo "    answered after it.  The file is dropped from the cache (posix_fadvise,"
echo "    this file only) before each run."
echo "(c) CPU time (/proc/PID/stat) after the first reply, per SMS answered"
echo "    after it: without the start's quick_check."
# the row summary.sh puts in docs/performance.md's table
printf "summary: growth, %s fresh SMS: empty vs a year (%.0f MB) | CPU per SMS after the start %.3f vs %.3f ms; %.0f vs %.0f SMS/s\n" \
	"$N" "$(echo "$size / 1048576" | bc -l)" "$e_cpu_run" "$r_cpu_run" \
	"$(echo "$N / $e_wall" | bc -l)" "$(echo "$N / $r_wall" | bc -l)"
