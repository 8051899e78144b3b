# systemd.sh - the units as built: `systemd-analyze security` scores each
# at most 2.5 (the service talks to a modem and a file, nothing else, and
# its sandbox should say so), and `systemd-analyze verify` finds nothing
# to complain about.  Skipped where systemd-analyze (252 or later, for
# --offline) is not installed.
BUILD=$(cd "${top_builddir:-.}" && pwd)
MAX=2.5
n=0
failed=0
T=$(mktemp -d /tmp/yordam-systemd.XXXXXX)
trap 'rm -rf "$T"' EXIT

ok() {  # ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}

units="yordam.service yordam-backup.service yordam-web.service"
if ! command -v systemd-analyze >/dev/null 2>&1; then
	for u in $units; do skip "$u: systemd-analyze is not installed"; done
	echo "1..$n"
	exit 0
fi

for u in $units; do
	# As installed, but running the programs just built, so that verify
	# can check the commands exist.
	sed -e "s|^ExecStart=[^ ]*/yordamd |ExecStart=$BUILD/yordamd |" \
		-e "s|^ExecStart=[^ ]*/yordamctl |ExecStart=$BUILD/yordamctl |" \
		-e "s|^ExecStart=[^ ]*/yordam-web |ExecStart=$BUILD/yordam-web |" \
		"$BUILD/systemd/$u" > "$T/$u"
	if ! systemd-analyze security --offline=true "$T/$u" > "$T/score" 2>&1; then
		if grep -q -- 'offline' "$T/score"; then
			skip "$u: this systemd-analyze has no --offline (252 or later needed)"
			continue
		fi
	fi
	score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$T/score")
	if [ -z "$score" ]; then
		ok 1 "$u: systemd-analyze security gave a score"
		sed 's/^/# /' "$T/score" | tail -n 5
		continue
	fi
	awk -v s="$score" -v m="$MAX" 'BEGIN { exit !(s <= m) }'
	ok $? "$u: exposure $score, at most $MAX"
	grep '^✗' "$T/score" | sed 's/  */ /g; s/^/# /'
	systemd-analyze verify --man=no "$T/$u" > "$T/verify" 2>&1
	rc=$?
	[ $rc -eq 0 ] && [ ! -s "$T/verify" ]
	ok $? "$u: systemd-analyze verify is silent"
	sed 's/^/# /' "$T/verify"
done

echo "1..$n"
[ "$failed" -eq 0 ]
