# replay.sh - every fuzz target over its seed corpus and the crashing
# inputs fuzzing found (tests/fuzz/regress): they must never crash again.
set -u
SRC=$(cd "${top_srcdir:-.}" && pwd)
BUILD=$(cd "${top_builddir:-.}" && pwd)
n=0
failed=0
for t in text dates sms config engine staff; do
	for f in "$SRC/tests/fuzz/corpus/$t"/* "$SRC/tests/fuzz/regress/$t"/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		if "$BUILD/tests/fuzz/replay_$t" "$f" >/dev/null 2>&1; then
			echo "ok $n - $t $(basename "$f")"
		else
			echo "not ok $n - $t $(basename "$f")"
			failed=1
		fi
	done
done
echo "1..$n"
exit $failed
