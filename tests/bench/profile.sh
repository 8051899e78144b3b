#!/bin/sh
# profile.sh - `make profile`: where yordamd's CPU time goes on the
# benchmark's path (dummy modem -> store -> answer -> reply sent).
#
# The daemon answers BENCH_N SMS (default 2,000) from a full dummy inbox
# twice: once under `perf record` (cpu-clock samples with DWARF call
# stacks, user and kernel), once under `strace -c` (exact system call
# counts of the calls behind commits).  Each sample is put in the first bucket whose function is on
# its stack, in the order printed, so the shares add up to 100 %.
# perf and strace come from Debian's linux-perf and strace packages.
set -eu
SRC=$(cd "$1" && pwd)
BUILD=$(cd "$2" && pwd)
N=${BENCH_N:-2000}
W=$(mktemp -d /tmp/yordam-profile.XXXXXX)
trap 'rm -rf "$W"' EXIT

for p in perf strace; do
	command -v $p >/dev/null && continue
	echo "profile: needs $p (apt-get install linux-perf strace)" >&2
	[ "$(id -u)" = 0 ] || exit 1
	DEBIAN_FRONTEND=noninteractive apt-get install -y \
		--no-install-recommends linux-perf strace >/dev/null
done

sent() { sqlite3 "file:$W/yordam.db?mode=rw" "SELECT count(*) FROM messages WHERE dir='out' AND status='sent'" 2>/dev/null || echo 0; }

# run WRAPPER...: answer N SMS with yordamd started under WRAPPER
run() {
	rm -rf "$W/phone" "$W"/yordam.db*
	mkdir -p "$W/phone"
	"$BUILD/tests/bench/bench" fill "$W/phone" "$N" &
	fill=$!
	while [ "$(ls "$W/phone/sms/1" 2>/dev/null | wc -l)" -lt $(( N < 9999 ? N : 9999 )) ]; do sleep 0.2; done
	"$@" "$BUILD/yordamd" -c "$W/yordam.conf" 2>"$W/log" &
	wrapper=$!
	wait $fill
	while [ "$(sent)" -lt "$N" ]; do sleep 0.05; done
	pkill -TERM -f "yordamd -c $W/yordam.conf" || true
	wait $wrapper || true
}

cat > "$W/yordam.conf" <<CONF
modem = { model = "dummy"; connection = "none"; device = "$W/phone"; };
database = "$W/yordam.db";
content = "$SRC";
placeholders = { hotline = "+77000000000"; emergency = "112"; shelter = "+77000000001"; lawyer = "+77000000002"; consulate_uz = "+77000000003"; consulate_kg = "+77000000004"; consulate_tj = "+77000000005"; office = "Almaty, Abai ave 10, office 5"; };
CONF

run perf record -q -e cpu-clock -F 2000 --call-graph dwarf,16384 \
	-o "$W/perf.data"
echo "yordamd, $N SMS answered: share of CPU samples (user + kernel)"
perf script -i "$W/perf.data" 2>/dev/null | awk '
	function bucket(s) {
		if (s ~ / [^ ]*fdatasync[^ ]* /) return "fsync (commits)";
		if (s ~ / GSM_GetNextSMS /) return "modem read (libGammu dummy driver)";
		if (s ~ / GSM_DeleteSMS /) return "modem delete";
		if (s ~ / modem_send /) return "modem send (libGammu encoding)";
		if (s ~ / engine_step /) return "engine";
		if (s ~ / sqlite3_prepare/) return "SQL compile (sqlite3_prepare)";
		if (s ~ / [^ ]*pwrite[^ ]* /) return "WAL writes";
		if (s ~ / sqlite3_(step|exec) /) return "SQL execution";
		if (s ~ / sms_(measure|split) /) return "SMS measuring";
		return "other (start-up, libc, kernel)";
	}
	function flush() { if (stack != "") { n[bucket(stack " ")]++; total++ } stack = "" }
	/^[^ \t]/ { flush(); next }
	/^[ \t]+[0-9a-f]+ / { f = $2; sub(/\+0x[0-9a-f]+$/, "", f); stack = stack " " f; next }
	END {
		flush()
		for (b in n) printf "%5.1f %%  %s\n", 100 * n[b] / total, b
	}' | sort -rn | sed 's/^/  /'

# Only the calls that make a commit durable are traced (seccomp-bpf lets
# the others through untouched): tracing the dummy driver's open() probes
# would slow the daemon so much that it scanned more often.
run strace -f --seccomp-bpf -e trace=fdatasync,fsync,pwrite64,pread64,unlink \
	-c -o "$W/strace"
echo
echo "system calls per SMS answered (strace -c):"
awk -v n="$N" '$NF ~ /^(pwrite64|fdatasync|fsync|unlink|pread64)$/ {
	failed = NF == 6 ? $5 : 0
	printf "  %-12s %8.1f", $NF, $4 / n
	if (failed / n >= 0.05) printf "   (%.1f failed)", failed / n
	printf "\n" }' "$W/strace"
