# manual.sh - the manuals and the programs tell the same story: every
# program answers --help (on stdout, exit 0, naming --version) and
# --version (its name and configure.ac's version); yordamctl's usage lists
# the commands of its man page's COMMANDS section, the same synopses in
# the same order, both ways; every page has the sections a reader looks
# for; groff renders each without a warning.  An operator who reads the
# page at 3 a.m. must find the command the program takes, and no other.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

MAN=$SRC/man
VERSION=$(sed -n 's/^AC_INIT(\[[^]]*\], *\[\([^]]*\)\].*/\1/p' \
	"$SRC/configure.ac")

# --help and --version of each program.
for p in yordamd yordamctl yordam-web; do
	"$BUILD/$p" --help > "$T/help.out" 2> "$T/help.err"
	rc=$?
	[ $rc -eq 0 ] && [ -s "$T/help.out" ] && [ ! -s "$T/help.err" ] &&
		grep -q -- '--version' "$T/help.out"
	ok $? "$p --help: exit 0, on stdout, names --version (exit $rc)"
	got=$("$BUILD/$p" --version 2>&1)
	rc=$?
	[ $rc -eq 0 ] && [ "$got" = "$p $VERSION" ]
	ok $? "$p --version prints '$p $VERSION' (got '$got', exit $rc)"
done

# The synopses in yordamctl's usage: a line "  WORD..." up to two spaces.
"$CTL" --help | sed -n 's/^  \([a-z].*\)/\1/p' | sed 's/  .*//' \
	> "$T/usage.cmds"
# ... and the tags of the .TP items in the man page's COMMANDS section,
# written ".B word \fR[\fB\-\-opt\fR]...": fonts dropped, \- is -.
awk '/^\.SH/ { in_c = ($2 == "COMMANDS") } in_c && tag { print; tag = 0 }
	in_c && /^\.TP/ { tag = 1 }' "$MAN/yordamctl.1" |
	sed 's/^\.B  *//; s/\\f[BIRP]//g; s/\\-/-/g; s/  */ /g; s/ *$//' \
	> "$T/man.cmds"
[ -s "$T/usage.cmds" ] && [ -s "$T/man.cmds" ]
ok $? "commands found in the usage ($(wc -l < "$T/usage.cmds")) and in the man page ($(wc -l < "$T/man.cmds"))"
missing=$(grep -vxF -f "$T/man.cmds" "$T/usage.cmds")
[ -z "$missing" ]
ok $? "every command of yordamctl --help is in yordamctl(1)"
[ -n "$missing" ] && echo "$missing" | sed 's/^/#   not in the man page: /'
missing=$(grep -vxF -f "$T/usage.cmds" "$T/man.cmds")
[ -z "$missing" ]
ok $? "every command of yordamctl(1) is in yordamctl --help"
[ -n "$missing" ] && echo "$missing" | sed 's/^/#   not in the usage: /'
diff "$T/usage.cmds" "$T/man.cmds" > "$T/order.diff"
ok $? "the usage and the man page list them in the same order"
sed 's/^/#   /' "$T/order.diff"

# The sections of each page.
for page in "$MAN"/*.[158]; do
	name=${page##*/}
	want="NAME|SYNOPSIS|FILES|SEE ALSO"
	case $name in
	*.[18]) want="NAME|SYNOPSIS|FILES|ENVIRONMENT|EXIT STATUS|EXAMPLES|SEE ALSO" ;;
	esac
	lacks=
	IFS='|'
	for s in $want; do
		grep -qx "\.SH \"\{0,1\}$s\"\{0,1\}" "$page" || lacks="$lacks $s;"
	done
	unset IFS
	[ -z "$lacks" ]
	ok $? "$name has the sections ${want}${lacks:+ (lacks$lacks)}"
done

# groff -ww: no warning on any page.
for page in "$MAN"/*.[158]; do
	name=${page##*/}
	if command -v groff > /dev/null 2>&1; then
		out=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
		[ -z "$out" ]
		ok $? "$name renders without a groff warning"
		[ -n "$out" ] && echo "$out" | sed 's/^/#   /'
	else
		n_tests=$((n_tests + 1))
		echo "ok $n_tests - $name renders without a groff warning # SKIP no groff"
	fi
done

done_testing
