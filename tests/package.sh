#!/bin/sh
# package.sh - the Debian packages, built and upgraded as an NGO's
# administrator would meet them.
#
# 1. `dpkg-buildpackage -b` builds yordam and yordam-web from a copy of
#    this tree; their file lists hold what an install needs and nothing of
#    the build; yordam.conf is the one conffile, 0640; lintian finds
#    nothing that debian/*.lintian-overrides does not explain.
# 2. The upgrade, in a fresh Debian root made by debootstrap: version N
#    (an earlier state of this repository, UPGRADE_FROM, schema 12,
#    packaged with this debian/) is installed and used (a person asks for
#    help), its yordam.conf edited, the NGO's own copy of a text put in
#    /etc/yordam/content; then this version is installed over it, as an
#    unattended upgrade would (--force-confold): the edits are kept, the
#    database migrated with the request still open, the daemon answering
#    again (with the shipped texts and a logged reason while the NGO's copy
#    is stale; with the NGO's text once it is brought up to date).
#    No systemd runs here (no PID 1 of its own), so the daemon is started
#    as the unit starts it: its ExecStart, as its User=, with dialout.
#
# Part 1 needs debhelper; part 2 also root, debootstrap, a Debian mirror
# and the git history; what is missing is skipped with its reason.
# About two minutes (two package builds, a minimal Debian, its packages).
SRC=$(cd "${top_srcdir:-.}" && pwd)
BUILD=$(cd "${top_builddir:-.}" && pwd)
UPGRADE_FROM=${UPGRADE_FROM:-b6a7e14}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
n=0
failed=0
T=$(mktemp -d /tmp/yordam-package.XXXXXX)
chmod 755 "$T"          # the root inside is walked by user yordam too
R=$T/root
PIDFILE=$T/daemon.pid

cleanup() {
	[ -s "$PIDFILE" ] && kill -9 "$(cat "$PIDFILE")" 2>/dev/null
	mountpoint -q "$R/proc" 2>/dev/null && umount "$R/proc"
	if [ "$failed" -gt 0 ] || [ -n "${KEEP:-}" ]; then
		echo "# kept $T for inspection"
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT

ok() {  # ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}
finish() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
	exit
}
comment() { sed 's/^/# /'; }

if ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null; then
	skip "dpkg-buildpackage or debhelper is not installed (./bootstrap installs them)"
	finish
fi
if ! git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
	skip "not a git checkout: the package is built from the files git knows"
	finish
fi

# --- 1. build this version ------------------------------------------------
# From the files git knows (committed or not), never the build's outputs:
# dh_auto_clean must not touch the tree the tests run in.
mkdir -p "$T/new/yordam"
(cd "$SRC" && git ls-files -co --exclude-standard) > "$T/files"
(cd "$SRC" && tar -cf - -T "$T/files") | tar -xf - -C "$T/new/yordam"
(cd "$T/new/yordam" && DEB_BUILD_OPTIONS="nocheck parallel=2" \
	dpkg-buildpackage -b -us -uc) > "$T/new.log" 2>&1
rc=$?
ok $rc "dpkg-buildpackage -b builds the packages"
[ $rc -eq 0 ] || { tail -n 20 "$T/new.log" | comment; finish; }
VERSION=$(dpkg-parsechangelog -l "$SRC/debian/changelog" -S Version)
ARCH=$(dpkg --print-architecture)
DEB=$T/new/yordam_${VERSION}_$ARCH.deb
WEBDEB=$T/new/yordam-web_${VERSION}_$ARCH.deb
[ -f "$DEB" ] && [ -f "$WEBDEB" ]
ok $? "yordam_${VERSION}_$ARCH.deb and yordam-web_${VERSION}_$ARCH.deb"

dpkg-deb -c "$DEB" | awk '{ print $1, $2, $6 }' > "$T/yordam.list"
dpkg-deb -c "$WEBDEB" | awk '{ print $1, $2, $6 }' > "$T/web.list"
echo "yordam's files:" | comment
grep -v '/$' "$T/yordam.list" | comment
echo "yordam-web's files:" | comment
grep -v '/$' "$T/web.list" | comment
has() {  # has PATH...: every path is in the package $LIST
	for p in "$@"; do
		grep -q " \\.$p\$" "$T/$LIST.list" ||
			{ echo "missing $p" | comment; return 1; }
	done
}
LIST=yordam
has /usr/sbin/yordamd /usr/bin/yordamctl /etc/yordam/yordam.conf \
	/etc/yordam/content/ /usr/share/yordam/menus/main.conf \
	/usr/share/yordam/law/deadlines.conf /usr/share/yordam/locales/uz.conf \
	/usr/share/yordam/locales/ky.conf /usr/share/yordam/locales/tg.conf \
	/usr/share/yordam/locales/ru.conf /usr/share/yordam/corpus/ky-Latn.tsv \
	/lib/systemd/system/yordam.service \
	/lib/systemd/system/yordam-backup.service \
	/lib/systemd/system/yordam-backup.timer \
	/usr/lib/sysusers.d/yordam.conf /usr/lib/tmpfiles.d/yordam.conf \
	/usr/share/man/man8/yordamd.8.gz /usr/share/man/man1/yordamctl.1.gz \
	/usr/share/man/man5/yordam.conf.5.gz /usr/share/doc/yordam/copyright \
	/usr/share/locale/ru/LC_MESSAGES/yordam.mo
ok $? "yordam holds the daemon, yordamctl, the content, the units, the system user, the manuals, the Russian messages"
LIST=web
has /usr/sbin/yordam-web /lib/systemd/system/yordam-web.service \
	/usr/share/man/man8/yordam-web.8.gz
ok $? "yordam-web holds the console, its unit and its manual"
! grep -q ' \./usr/sbin/yordam-web$' "$T/yordam.list"
ok $? "the console is only in yordam-web"
! grep -Eq '\.(la|a|o|so|h)$|/tests/|/include/' "$T/yordam.list" "$T/web.list"
ok $? "nothing of the build: no objects, libraries, headers or tests"
grep -q '^-rw-r----- root/root \./etc/yordam/yordam\.conf$' "$T/yordam.list"
ok $? "yordam.conf is 0640 in the package (it will hold PIN hashes)"
[ "$(dpkg-deb -f "$DEB" Package)" = yordam ] &&
	dpkg-deb -I "$DEB" conffiles > "$T/conffiles" 2>/dev/null &&
	[ "$(cat "$T/conffiles")" = /etc/yordam/yordam.conf ]
ok $? "the one conffile is /etc/yordam/yordam.conf"
dpkg-deb -f "$DEB" Depends | grep -q 'systemd-sysusers'
ok $? "yordam depends on what makes its system user (sysusers)"
dpkg-deb -f "$WEBDEB" Depends | grep -q "yordam (= $VERSION)"
ok $? "yordam-web depends on the same version of yordam"
dpkg-deb -I "$DEB" postinst > "$T/postinst"
grep -q 'dpkg-statoverride --update --add root yordam 0640' "$T/postinst" &&
	grep -q "deb-systemd-helper enable 'yordam.service'" "$T/postinst" &&
	grep -q "systemd-tmpfiles.*--create yordam.conf" "$T/postinst"
ok $? "postinst: yordam.conf to group yordam, the state directory made, the unit enabled"

if command -v lintian >/dev/null; then
	lintian --pedantic -I "$T/new/yordam_${VERSION}_$ARCH.changes" \
		> "$T/lintian" 2>&1
	grep -v '^running with root' "$T/lintian" | comment
	! grep -Eq '^[EWIP]: ' "$T/lintian"
	ok $? "lintian --pedantic: no error, warning or note that an override does not explain"
else
	skip "lintian is not installed"
fi

# --- 2. the upgrade from version N ------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
	skip "the upgrade needs root (debootstrap, chroot)"
	finish
fi
if ! command -v debootstrap >/dev/null; then
	skip "debootstrap is not installed"
	finish
fi
if ! git -C "$SRC" cat-file -e "$UPGRADE_FROM^{commit}" 2>/dev/null; then
	skip "version N ($UPGRADE_FROM) is not in this clone's history"
	finish
fi

# Version N with this debian/: it had no console (no yordam-web) and no
# sysusers file of its own, and one package installs straight from
# `make install`.
mkdir -p "$T/old/yordam"
git -C "$SRC" archive "$UPGRADE_FROM" | tar -xf - -C "$T/old/yordam"
grep '^debian/' "$T/files" > "$T/debian.files"
(cd "$SRC" && tar -cf - -T "$T/debian.files") | tar -xf - -C "$T/old/yordam"
(
	cd "$T/old/yordam/debian" || exit 1
	rm -f yordam-web.* yordam.install
	awk 'BEGIN { RS = ""; ORS = "\n\n" } !/^Package: yordam-web/' control \
		> control.n && mv control.n control
	sed 's|@statedir@|/var/lib/yordam|' \
		"$SRC/systemd/yordam-sysusers.conf.in" > yordam.sysusers
	sed -i "1s/($VERSION)/(0.0.9~$UPGRADE_FROM)/" changelog
)
(cd "$T/old/yordam" && DEB_BUILD_OPTIONS="nocheck parallel=2" \
	dpkg-buildpackage -b -us -uc) > "$T/old.log" 2>&1
rc=$?
OLDDEB=$T/old/yordam_0.0.9~${UPGRADE_FROM}_$ARCH.deb
[ $rc -eq 0 ] && [ -f "$OLDDEB" ]
ok $? "version N ($UPGRADE_FROM) packaged"
[ -f "$OLDDEB" ] || { tail -n 20 "$T/old.log" | comment; finish; }

if ! debootstrap --variant=minbase bookworm "$R" "$MIRROR" \
		> "$T/debootstrap.log" 2>&1; then
	tail -n 5 "$T/debootstrap.log" | comment
	skip "debootstrap could not make a Debian root from $MIRROR"
	finish
fi
mount -t proc proc "$R/proc"
cp "$OLDDEB" "$DEB" "$WEBDEB" "$R/tmp/"
in_root() { chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	DEBIAN_FRONTEND=noninteractive "$@"; }
as_yordam() { chroot --userspec=yordam:yordam --groups=dialout "$R" \
	/usr/bin/env -i PATH=/usr/bin:/bin "$@"; }
# The database and the simulated phone are read and written from here as
# the service's user: root would leave files yordamd cannot open.
as_owner() { setpriv --reuid="$(stat -c %u "$R/var/lib/yordam")" \
	--regid="$(stat -c %g "$R/var/lib/yordam")" --clear-groups "$@"; }
sql() { as_owner sqlite3 -cmd ".timeout 5000" \
	"file:$R/var/lib/yordam/yordam.db?mode=ro" "$@"; }

in_root apt-get install -y --no-install-recommends \
	"/tmp/$(basename "$OLDDEB")" > "$T/install-n.log" 2>&1
ok $? "version N installs with apt on a fresh Debian"
[ $? -eq 0 ] || { tail -n 20 "$T/install-n.log" | comment; finish; }
in_root id -nG yordam | grep -qw dialout
ok $? "the system user yordam exists, in group dialout (the modems)"
[ "$(in_root stat -c '%a %U %G' /etc/yordam/yordam.conf)" = "640 root yordam" ]
ok $? "yordam.conf is 0640 root:yordam"
[ "$(in_root stat -c '%a %U' /var/lib/yordam)" = "700 yordam" ]
ok $? "/var/lib/yordam is 0700, the service's"

# The administrator's edits: Gammu's simulated phone for a modem, the
# helpline's own number.
sed -i -e 's|device = "/dev/ttyUSB0"|device = "/var/lib/yordam/phone"|' \
	-e 's|model = "at"|model = "dummy"|' \
	-e 's|connection = "at"|connection = "none"|' \
	-e 's|hotline = "+7XXXXXXXXXX"|hotline = "+77015550101"|' \
	"$R/etc/yordam/yordam.conf"
grep -q '+77015550101' "$R/etc/yordam/yordam.conf"
ok $? "yordam.conf edited (the modem, the hotline's number)"
as_yordam mkdir -p /var/lib/yordam/phone

start() {  # start LOG: yordamd as the unit runs it
	# a simple command, so that $! is the daemon itself (chroot and env
	# exec it); nothing of it holds the test's output open
	chroot --userspec=yordam:yordam --groups=dialout "$R" /usr/bin/env -i \
		PATH=/usr/bin:/bin /usr/sbin/yordamd -c /etc/yordam/yordam.conf \
		< /dev/null >> "$1" 2>&1 &
	echo $! > "$PIDFILE"
}
stop() {
	kill -TERM "$(cat "$PIDFILE")" 2>/dev/null
	wait "$(cat "$PIDFILE")" 2>/dev/null
	: > "$PIDFILE"
}
wait_for() {  # wait_for SECONDS COMMAND...
	limit=$(($1 * 10))
	shift
	i=0
	while [ $i -lt $limit ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
sent() {  # how many replies to a number have left
	sql "SELECT count(*) FROM messages WHERE dir='out' AND number='$1' AND status='sent'" 2>/dev/null
}
more_sent() {  # more_sent NUMBER BEFORE
	[ "$(sent "$1")" -gt "${2:-0}" ]
}
says() {  # says NUMBER TEXT: the SMS arrives and a reply leaves
	before=$(sent "$1")
	as_owner "$BUILD/tests/e2e/inject" "$R/var/lib/yordam/phone" "$1" \
		"$2" > /dev/null 2>&1 || return 1
	wait_for 20 more_sent "$1" "${before:-0}"
}
last_reply() {
	sql "SELECT text FROM messages WHERE dir='out' AND number='$1' ORDER BY id DESC LIMIT 1"
}

start "$T/daemon-n.log"
says +77017770001 "yordam kerak, pasportimni olib qo'yishdi"
ok $? "version N answers a person who asks for help"
says +77017770002 "salom"
ok $? "version N answers a greeting"
stop
OLD_SCHEMA=$(sql "PRAGMA user_version")
OLD_IN=$(sql "SELECT count(*) FROM messages WHERE dir='in'")
echo "version N: schema $OLD_SCHEMA, $OLD_IN messages in" | comment

# The NGO's copy of a text, made from version N's file.
mkdir -p "$R/etc/yordam/content/locales"
sed 's|home = { text = "Raqamni tanlang:"; };|home = { text = "NGO: raqamni tanlang:"; };|' \
	"$R/usr/share/yordam/locales/uz.conf" > "$R/etc/yordam/content/locales/uz.conf"
grep -q 'NGO: raqamni' "$R/etc/yordam/content/locales/uz.conf"
ok $? "the NGO's own copy of the Uzbek texts, edited, in /etc/yordam/content"
SITE_SUM=$(md5sum < "$R/etc/yordam/content/locales/uz.conf")

in_root apt-get install -y --no-install-recommends \
	-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	"/tmp/$(basename "$DEB")" "/tmp/$(basename "$WEBDEB")" \
	> "$T/install-n1.log" 2>&1
ok $? "this version installs over version N (yordam and yordam-web)"
grep -E 'Unpacking|Setting up yordam|yordam:' "$T/install-n1.log" | comment
grep -q '+77015550101' "$R/etc/yordam/yordam.conf" &&
	grep -q '"/var/lib/yordam/phone"' "$R/etc/yordam/yordam.conf"
ok $? "the administrator's yordam.conf is kept"
[ -f "$R/etc/yordam/yordam.conf.dpkg-dist" ]
ok $? "the new sample lies beside it as yordam.conf.dpkg-dist"
[ "$(in_root stat -c '%a %U %G' /etc/yordam/yordam.conf)" = "640 root yordam" ]
ok $? "yordam.conf is still 0640 root:yordam"
[ "$(md5sum < "$R/etc/yordam/content/locales/uz.conf")" = "$SITE_SUM" ]
ok $? "the NGO's content is untouched"
grep -q 'finds errors' "$T/install-n1.log"
ok $? "the upgrade says the NGO's copy no longer fits this version"

start "$T/daemon-n1.log"
says +77017770003 "salom" && says +77017770003 "1"
ok $? "after the upgrade the daemon answers again"
NEW_SCHEMA=$(sql "PRAGMA user_version")
[ "$NEW_SCHEMA" -gt "$OLD_SCHEMA" ]
ok $? "the database migrated (schema $OLD_SCHEMA -> $NEW_SCHEMA)"
[ "$(sql "SELECT count(*) FROM messages WHERE dir='in' AND id <= (SELECT max(id) FROM messages WHERE number='+77017770002')")" -ge "$OLD_IN" ]
ok $? "every message of version N is still there"
as_yordam /usr/bin/yordamctl -c /etc/yordam/yordam.conf queue --json \
	> "$T/queue.json" 2>&1
grep -q '+77017770001' "$T/queue.json"
ok $? "the request made before the upgrade is in the queue (yordamctl queue)"
grep -q "the NGO's content in /etc/yordam/content has" "$T/daemon-n1.log"
ok $? "the daemon logs that it answers with the shipped texts, and why"
case "$(last_reply +77017770003)" in
*"NGO: raqamni"*) false ;;
*) true ;;
esac
ok $? "meanwhile people get the shipped texts"
as_yordam /usr/sbin/yordam-web --version > /dev/null 2>&1
ok $? "yordam-web runs (its libraries are there)"
stop

# The NGO brings its copy up to date: this version's file, edited again.
sed 's|home = { text = "Raqamni tanlang:"; };|home = { text = "NGO: raqamni tanlang:"; };|' \
	"$R/usr/share/yordam/locales/uz.conf" > "$R/etc/yordam/content/locales/uz.conf"
as_yordam /usr/bin/yordamctl -c /etc/yordam/yordam.conf check \
	> "$T/check.log" 2>&1
ok $? "yordamctl check accepts the NGO's updated copy"
start "$T/daemon-n1b.log"
says +77017770004 "salom" && says +77017770004 "1"
case "$(last_reply +77017770004)" in
*"NGO: raqamni"*) true ;;
*) false ;;
esac
ok $? "after a restart people get the NGO's text"
stop
leaked=0
for f in daemon-n daemon-n1 daemon-n1b; do
	grep -Eq '\+7701777000|pasport' "$T/$f.log" &&
		{ echo "$f.log has one" | comment; leaked=1; }
done
ok $leaked "no number or message text in the daemon's log"

finish
