#!/bin/sh
# run.sh - `make fuzz`: build each libFuzzer target with clang, ASan and
# UBSan, and run it for FUZZ_SECONDS (default 60) on its seed corpus.
# Each run's whole log is kept as fuzz-<target>.log.  Crashing inputs are
# left as fuzz-crash-<target>-* (and the exit status is 1); once fixed,
# copy them into tests/fuzz/regress/<target>/ so `make check` replays
# them for ever.
set -e
SRC=${1:-.}
SECONDS_EACH=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang}
# fuzz_engine reads the shipped content from SRC (an absolute path is best).
CFLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -std=c11 -D_GNU_SOURCE -I$SRC/include -DFUZZ_CONTENT=\"$SRC\" $(pkg-config --cflags gammu sqlite3 libconfig libsodium)"
LIBS="$(pkg-config --libs gammu sqlite3 libconfig libsodium) -lunistring"
LIBSRC=$(ls "$SRC"/daemon/*.c | grep -v -e '/main\.c$' -e '/yordamctl\.c$' -e '/ctl_desk\.c$')
# libconfig leaks a buffer on some syntax errors (its own bug, not ours).
LSAN_OPTIONS="suppressions=$SRC/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
found=""
for t in ${FUZZ_TARGETS:-text dates sms config engine staff}; do
	echo "== fuzz_$t: building"
	$CC $CFLAGS -o "fuzz-$t" "$SRC/tests/fuzz/fuzz_$t.c" $LIBSRC $LIBS
	mkdir -p "fuzz-corpus/$t"
	echo "== fuzz_$t: running ${SECONDS_EACH}s (log: fuzz-$t.log)"
	# The whole log is kept; shown: coverage at the end, the final
	# stats (executions) and any report.
	if "./fuzz-$t" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
	    -artifact_prefix="fuzz-crash-$t-" "fuzz-corpus/$t" \
	    "$SRC/tests/fuzz/corpus/$t" > "fuzz-$t.log" 2>&1; then
		grep -E 'INITED|DONE|^Done|^stat::' "fuzz-$t.log"
	else
		sed -n '/ERROR\|runtime error\|deadly signal/,/^SUMMARY/p' \
			"fuzz-$t.log" | head -n 40
		grep -E '^stat::|Test unit written|^Base64' "fuzz-$t.log"
		found="$found $t"
	fi
done
if [ -n "$found" ]; then
	echo "== found crashes in:$found (fuzz-crash-*)"
	exit 1
fi
