# install.sh - `make install` and yordam.conf: installed 0640 (it holds
# staff phones and PIN hashes), in the service's group where that group
# exists, and never overwritten: an operator's edited file survives a
# reinstall and the new sample lands beside it as yordam.conf.dist.
# Installs into a temporary DESTDIR twice; a few seconds.
BUILD=$(cd "${top_builddir:-.}" && pwd)
n=0
failed=0
T=$(mktemp -d /tmp/yordam-install.XXXXXX)
trap 'rm -rf "$T"' EXIT

ok() {  # ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

# A group other than ours to give the file, where one can be given:
# root can give any; others only one of their own supplementary groups.
mine=$(id -gn)
grp=
if [ "$(id -u)" -eq 0 ]; then
	for g in daemon nogroup users; do
		getent group "$g" >/dev/null 2>&1 && { grp=$g; break; }
	done
else
	for g in $(id -Gn); do
		[ "$g" != "$mine" ] && { grp=$g; break; }
	done
fi

inst() {  # inst [MAKE ARGS]: make install into $T/root, quietly
	env -u MAKEFLAGS -u MFLAGS ${MAKE:-make} -s -C "$BUILD" install \
		DESTDIR="$T/root" "$@" > "$T/install.log" 2>&1
}
sysconfdir=$(sed -n 's/^sysconfdir = //p' "$BUILD/Makefile")
prefix=$(sed -n 's/^prefix = //p' "$BUILD/Makefile")
sysconfdir=$(echo "$sysconfdir" | sed "s|\${prefix}|$prefix|")
CONF=$T/root$sysconfdir/yordam/yordam.conf

inst yordam_group="${grp:-yordam-no-such-group}"
ok $? "make install DESTDIR=... succeeds"
[ -f "$CONF" ]
ok $? "it installs $sysconfdir/yordam/yordam.conf"
[ "$(stat -c %a "$CONF")" = 640 ]
ok $? "mode 0640, not readable by every user (got $(stat -c %a "$CONF"))"
if [ -n "$grp" ]; then
	[ "$(stat -c %G "$CONF")" = "$grp" ]
	ok $? "in the service's group ($grp here; yordam by default)"
else
	echo "ok $((n = n + 1)) - # SKIP no second group to give the file"
fi
[ ! -e "$CONF.dist" ]
ok $? "a first install writes no .dist"

echo '# edited by the operator' >> "$CONF"
inst yordam_group=yordam-no-such-group
ok $? "a second install succeeds, even without the group"
grep -q '^# edited by the operator$' "$CONF"
ok $? "and keeps the edited yordam.conf"
cmp -s "$CONF.dist" "$BUILD/etc/yordam.conf"
ok $? "the new sample is beside it, as yordam.conf.dist"
[ "$(stat -c %a "$CONF.dist")" = 640 ]
ok $? "also 0640"
grep -q "yordam.conf.dist" "$T/install.log"
ok $? "and make install says so"

env -u MAKEFLAGS -u MFLAGS ${MAKE:-make} -s -C "$BUILD" uninstall \
	DESTDIR="$T/root" > "$T/uninstall.log" 2>&1
[ -f "$CONF" ] && [ ! -e "$CONF.dist" ]
ok $? "make uninstall removes the .dist, never an edited yordam.conf"

rm -rf "$T/root"
inst yordam_group=yordam-no-such-group && env -u MAKEFLAGS -u MFLAGS \
	${MAKE:-make} -s -C "$BUILD" uninstall DESTDIR="$T/root" \
	> "$T/uninstall.log" 2>&1
[ ! -e "$CONF" ]
ok $? "but does remove the sample left unchanged"

echo "1..$n"
[ "$failed" -eq 0 ]
