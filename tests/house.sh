# house.sh - the layering rules the README states, checked on the tree
# and on the built objects, so the house cannot drift back unnoticed:
#   - only the store (daemon/store*.c) speaks SQL;
#   - only the modem transport (daemon/modem.c) calls libgammu;
#   - the engine is pure: no store, transport, gateway, clock or log;
#   - transports know SMS, not menus or the database;
#   - no circle between files (a file using a symbol of another that
#     uses one of its own), measured on the objects with nm and tsort;
#   - no file under daemon/ over 700 lines, no function over 100
#     (pmccabe, where installed);
#   - the README's layout names every file under daemon/.
SRC=${top_srcdir:-.}
BUILD=${top_builddir:-.}
n=0
failed=0

ok() {  # ok STATUS DESCRIPTION [DETAIL...]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		shift 2
		for line in "$@"; do echo "# $line"; done
		failed=$((failed + 1))
	fi
}

cd "$SRC" || exit 1

bad=$(grep -l 'sqlite3_\|<sqlite3.h>' daemon/*.c daemon/*.h | grep -v '^daemon/store')
ok $([ -z "$bad" ]; echo $?) "SQL only in the store's files" $bad

bad=$(grep -l 'gammu\.h\|GSM_[A-Z]' daemon/*.c daemon/*.h include/yordam/*.h | grep -v '^daemon/modem\(.c\|_line.c\|_private.h\)$')
ok $([ -z "$bad" ]; echo $?) "libgammu only in the modem transport" $bad

bad=$(grep -l '"yordam/\(store\|transport\|modem\|gateway\|clock\|log\|desk\|staff\)\.h"\|store_private.h' \
	daemon/engine*.c daemon/engine*.h include/yordam/engine.h)
ok $([ -z "$bad" ]; echo $?) "the engine is pure (no store, transport, gateway, clock or log)" $bad

bad=$(grep -l '"yordam/\(store\|engine\|content\|gateway\|desk\)\.h"' \
	include/yordam/transport.h include/yordam/modem.h daemon/modem.c)
ok $([ -z "$bad" ]; echo $?) "transports know SMS, not menus or the database" $bad

bad=$(grep -l 'store_begin\|store_commit' daemon/main.c daemon/staff.c daemon/yordamctl.c daemon/ctl*.c)
ok $([ -z "$bad" ]; echo $?) "transactions begin in the gateway or the store, not in main.c, staff.c or yordamctl" $bad

bad=$(wc -l daemon/*.c daemon/*.h | awk '$2 != "total" && $1 > 700 { print $2 ": " $1 " lines" }')
ok $([ -z "$bad" ]; echo $?) "no file under daemon/ over 700 lines" "$bad"

if command -v pmccabe >/dev/null 2>&1; then
	bad=$(pmccabe daemon/*.c | awk '$5 > 100 { print $6 " " $7 ": " $5 " lines" }')
	ok $([ -z "$bad" ]; echo $?) "no function over 100 lines (pmccabe)" "$bad"
else
	echo "ok $((n = n + 1)) - # SKIP pmccabe is not installed"
fi

missing=""
for f in daemon/*.c daemon/*.h; do
	grep -q "$(basename "$f")" README || missing="$missing $f"
done
ok $([ -z "$missing" ]; echo $?) "README's layout names every file under daemon/" "missing:$missing"

# Circles, on the objects: an edge "user definer" for every symbol a
# file uses that another file defines; tsort reports any loop.
cd "$BUILD" || exit 1
objs=$(ls daemon/*.o 2>/dev/null)
if [ -n "$objs" ]; then
	defs=$(mktemp) edges=$(mktemp)
	for o in $objs; do
		nm --defined-only -g "$o" | awk -v f="$o" 'NF == 3 { print $3, f }'
	done | sort > "$defs"
	for o in $objs; do
		nm -u "$o" | awk '{ print $NF }' | sort -u | join - "$defs" |
			awk -v f="$o" '$2 != f { print f, $2 }'
	done | sort -u > "$edges"
	loops=$(tsort "$edges" 2>&1 >/dev/null)
	ok $([ -z "$loops" ]; echo $?) "no circle between files ($(wc -l < "$edges") uses checked)" "$loops"
	rm -f "$defs" "$edges"
else
	echo "ok $((n = n + 1)) - # SKIP no objects built in $BUILD/daemon"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
