# history.sh - every content version kept beside the database: an editor
# changes a text three times and reloads (`yordamctl reload --as`), sees
# the versions with who and why, the diff between two, rolls back to one
# (its text comes back, as a new version; the replies sent before keep
# pointing at theirs), and a rollback to files that no longer load with
# today's yordam.conf is refused with the reason, nothing changed.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# The shipped content in one directory, the NGO's own (content_site,
# content/ beside yordam.conf) in another, empty at first.
shipped_copy
mkdir -p "$T/content/locales"
ctl() { "$CTL" -c "$T/yordam.conf" "$@"; }
A=+77040000001

# The NGO's uz.conf: the shipped one with its home text starting with $1.
edit_home() {
	sed "0,/home = { text = \"/s//&$1 /" "$T/shipped/locales/uz.conf" \
		> "$T/content/locales/uz.conf.new"
	mv "$T/content/locales/uz.conf.new" "$T/content/locales/uz.conf"
}
last_to() {
	sql "SELECT text FROM messages WHERE dir='out' AND number='$1' ORDER BY id DESC LIMIT 1"
}
home_starts() {   # home_starts WORD: A asks for the menu; is its text WORD...?
	says "$A" "00"
	case "$(last_to "$A")" in "$1 "*) return 0 ;; esac
	echo "#   got: '$(last_to "$A" | head -c 60)'"
	return 1
}

start_daemon
wait_until 10 grep -q started "$T/daemon.log"
says "$A" "uzbek"
check "version 1 is kept at start" test -f "$T/content-history/$(sql "SELECT hash FROM content_versions WHERE id = 1")/meta"
check "yordamd left its pid beside the database" test -s "$T/yordam.db.pid"

for v in ALFA BRAVO CHARLIE; do
	edit_home "$v"
	ctl reload --as editor > "$T/reload.out" 2>&1
	ok $? "yordamctl reload --as editor takes the $v text"
	home_starts "$v"
	ok $? "  a person's SMS gets the $v text"
	n=$((${n:-1} + 1))
done
check "the reload request is spent" test ! -e "$T/yordam.db.reload"
v2_reply=$(sql "SELECT id FROM messages WHERE dir='out' AND content_version = 2 ORDER BY id LIMIT 1")
check "a reply was sent under version 2" test -n "$v2_reply"

ctl content history > "$T/h1.out" 2>&1
ok $? "yordamctl content history"
sed 's/^/# /' "$T/h1.out"
eq "  lists 4 versions" "$(grep -c '^ *[0-9]' "$T/h1.out")" 4
check "  version 1 by yordamd at start" grep -q '^ *1 .*yordamd: start$' "$T/h1.out"
check "  version 3 by editor, reload" grep -q '^ *3 .*editor: reload$' "$T/h1.out"
ctl content history --json > "$T/h1.json"
check "  --json parses, 4 versions, replies counted" python3 -c "
import json, sys
v = json.load(open('$T/h1.json'))
assert len(v) == 4 and v[1]['who'] == 'editor' and v[1]['replies'] >= 1
assert v[0]['files'] > 10 and v[0]['kept']"

ctl content diff 2 3 > "$T/diff.out" 2>&1
ok $? "yordamctl content diff 2 3"
check "  shows the line that changed" sh -c "grep -q '^-.*home = { text = \"ALFA ' '$T/diff.out' && grep -q '^+.*home = { text = \"BRAVO ' '$T/diff.out'"
check "  and only that file" test "$(grep -c '^+++ ' "$T/diff.out")" -eq 1

ctl content rollback 2 --as editor > "$T/rb.out" 2>&1
ok $? "yordamctl content rollback 2"
home_starts ALFA
ok $? "  the version 2 text (ALFA) comes back"
eq "  loaded as version 5" "$(sql "SELECT max(id) FROM content_versions")" 5
eq "  the new reply points at version 5" "$(sql "SELECT content_version FROM messages WHERE dir='out' ORDER BY id DESC LIMIT 1")" 5
eq "  the reply sent under version 2 still points at it" "$(sql "SELECT content_version FROM messages WHERE id = $v2_reply")" 2
ctl content history > "$T/h2.out" 2>&1
check "  history says: version 5, editor, rollback to 2" grep -q '^ *5 .*editor: rollback to 2$' "$T/h2.out"
check "  the NGO's files before are kept beside" grep -q 'CHARLIE ' "$T/content.before-rollback/locales/uz.conf"
check "  no shipped file is written" sh -c "! grep -q 'home = { text = \"V' '$T/shipped/locales/uz.conf'"

# A version using a placeholder yordam.conf no longer has: refused.
cp "$T/yordam.conf" "$T/good.conf"
sed -i 's/^  office = /  extra = "Abai street";\n&/' "$T/yordam.conf"
sed "0,/home = { text = \"/s//&{extra} /" "$T/shipped/locales/uz.conf" > "$T/content/locales/uz.conf"
ctl reload --as editor > /dev/null 2>&1
ok $? "a text with a new placeholder {extra} is version 6"
cp "$T/good.conf" "$T/yordam.conf"
edit_home DELTA
kill -HUP "$PID"        # as systemctl reload does
wait_until 10 grep -q "loaded (version 7)" "$T/daemon.log"
ok $? "the placeholder gone and the text without it: version 7 (a bare SIGHUP)"
ctl content diff 6 7 > "$T/diff67.out" 2>&1
check "  content diff 6 7 shows the placeholder that went" grep -q '^-extra = Abai street' "$T/diff67.out"
check "  recorded as by signal" sh -c "'$CTL' -c '$T/yordam.conf' content history | grep -q '^ *7 .*signal: reload (SIGHUP)$'"
sum_before=$(cat "$T/content/locales/uz.conf" | md5sum)
ctl content rollback 6 > "$T/rb6.out" 2>&1
rc=$?
sed 's/^/# /' "$T/rb6.out"
check "rollback to version 6 is refused" test $rc -ne 0
check "  with the reason" grep -q "unknown placeholder {extra}" "$T/rb6.out"
check "  and the placeholder that changed since" grep -q "differ from version 6's.*{extra}" "$T/rb6.out"
check "  and that nothing changed" grep -q "nothing changed" "$T/rb6.out"
eq "  the NGO's files are as they were" "$(cat "$T/content/locales/uz.conf" | md5sum)" "$sum_before"
eq "  no new version" "$(sql "SELECT max(id) FROM content_versions")" 7
check "  no temporary directory left" sh -c "! ls -d '$T'/content.rollback-* 2>/dev/null"

ctl content rollback 99 > "$T/rb99.out" 2>&1
rc=$?
check "an unknown version is refused" test $rc -ne 0
check "  clearly" grep -q "no content version 99" "$T/rb99.out"
ctl content diff 2 abcdef > "$T/d99.out" 2>&1
check "  in diff too" grep -q "no content version abcdef" "$T/d99.out"

eq "the history directory is 0700" "$(stat -c %a "$T/content-history")" 700
eq "  a version's directory too" "$(stat -c %a "$T/content-history/$(sql "SELECT hash FROM content_versions WHERE id = 2")")" 700
bad=$(find "$T/content-history" -type f ! -perm 600 | head -n 3)
eq "  its files are 0600" "$bad" ""
bad=$(find "$T/content-history" -type d ! -perm 700 | head -n 3)
eq "  its directories are 0700" "$bad" ""

sed "s|^content = .*|&\ncontent_site = \"$T/shipped\";|" "$T/yordam.conf" > "$T/same.conf"
"$CTL" -c "$T/same.conf" content rollback 2 > "$T/same.out" 2>&1
rc=$?
check "rollback with content_site the shipped directory is refused" test $rc -ne 0
check "  saying why" grep -q "directory of their own" "$T/same.out"

stop_daemon
check "the pid file goes with yordamd" test ! -e "$T/yordam.db.pid"
ctl reload --as editor > "$T/down.out" 2>&1
rc=$?
check "reload with yordamd stopped fails" test $rc -ne 0
check "  saying it is not running" grep -q "not running" "$T/down.out"
done_testing
