#!/bin/sh
# bench.sh - `make bench`: Yordam's whole path against Gammu SMSD (files
# and sql backends) on the same dummy modem, the same workload and equal
# counts of SMS (whole.sh), the wait of a lone person and an urgent SMS
# behind a surge on a slow modem (surge.sh), what a year of history costs
# (history.sh), then the in-process figures; the Makefile then puts the
# figures in one table (summary.sh).  docs/performance.md says how to
# read it.
set -eu
SRC=$(cd "$1" && pwd)
BUILD=$(cd "$2" && pwd)

# The whole path at equal counts (whole.sh; BENCH_COUNTS, BENCH_N,
# BENCH_SMSD_N, BENCH_SMSD_BACKENDS, BENCH_RUNS, BENCH_STRACE_N).
sh "$SRC/tests/bench/whole.sh" "$SRC" "$BUILD"

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
