#!/bin/sh
# summary.sh - the numbers of one `make bench` run in one table: read the
# run's output (the file given), print the table, and put it in
# docs/performance.md between its two marker lines, so the document
# always shows the last run's figures with the machine, its load, the
# date and the commit they come from.  BENCH_DOCS=0 prints only.
#
# Each row is taken from the line a stage prints; a stage that did not
# run (BENCH_SURGE=0, BENCH_SMSD_N=0 ...) leaves its row "not run", never
# an old figure.
set -eu
SRC=$1
OUT=$2
LOAD=${3:-}

# first FIELD ... of the first line matching a pattern, or "not run"
pick() {   # pick PATTERN SED-EXPRESSION
	v=$(grep -m1 -E "$1" "$OUT" | sed -E "$2" || true)
	[ -n "$v" ] && echo "$v" || echo "not run"
}

engine=$(pick '^engine: ' 's/^engine: ([0-9]+) messages, median ([0-9.]+) us, p99 ([0-9.]+) us.*/median \2 µs, p99 \3 µs (\1 messages)/')
urgent=$(pick '^  urgent: +(min|p50)' 's/^  urgent: +//')
lone=$(pick '^  lone person \(salom\): +(min|p50)' 's/^  lone person \(salom\): +//')
urgent4=$(grep -A2 "^at a real modem" "$OUT" | sed -n 's/^  urgent: *//p' | head -n 1)
free=$(pick '^all +free ' 's/^all +free +([0-9]+) +([0-9]+) +([0-9]+) +([0-9]+) +([0-9]+) +([0-9.]+).*/median \3, p90 \4, max \5 (mean \6) over \2 of \1 resolved/')
menu=$(pick '^all +menu ' 's/^all +menu +([0-9]+) +([0-9]+) +([0-9]+) +([0-9]+) +([0-9]+) +([0-9.]+).*/median \3, p90 \4, max \5 (mean \6) over \2 of \1 resolved/')
home=$(pick '^home menu: ' 's/^home menu: //')
# the whole path and the growth: rows their stages print for this table,
# "summary: NAME | FIGURE"
rows=$(sed -n 's/^summary: \(.*\) | \(.*\)$/| \1 | \2 |/p' "$OUT")

# the commit measured: the Makefile takes it at the start of the run
commit=${BENCH_COMMIT:-$(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")}
machine="$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
table=$(cat <<EOF
Last \`make bench\`: $(date +%Y-%m-%d), commit $commit; $machine; load
average ${LOAD:-unknown} at the start.

| what | figure |
|---|---|${rows:+
$rows}
| engine latency, one message | $engine |
| surge of 1,000 on a slow modem: urgent SMS, first reply after | $urgent |
| the same: a lone new person, first reply after | $lone |
| the same at a real modem's 4 s a part: urgent | ${urgent4:-not run} |
| cost per conversation, free questions (SMS parts) | $free |
| cost per conversation, greeting then menus (SMS parts) | $menu |
| home menu | $home |
EOF
)
printf '%s\n' "$table"
[ "${BENCH_DOCS:-1}" = 0 ] && exit 0
DOC=$SRC/docs/performance.md
begin='<!-- make bench: the table begins (tests/bench/summary.sh writes it) -->'
end='<!-- make bench: the table ends -->'
if ! grep -qxF "$begin" "$DOC" || ! grep -qxF "$end" "$DOC"; then
	echo "summary: $DOC lacks the marker lines; not written" >&2
	exit 0
fi
tmp=$(mktemp "$DOC.XXXXXX")
printf '%s\n' "$table" > "$tmp.table"
awk -v b="$begin" -v e="$end" -v f="$tmp.table" '
	$0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
	$0 == e { skip = 0 }
	!skip { print }' "$DOC" > "$tmp"
rm -f "$tmp.table"
mv "$tmp" "$DOC"
echo "(written to docs/performance.md)"
