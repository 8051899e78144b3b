# escapes.sh - an SMS with terminal escape sequences (clear the screen,
# retitle the window, a C1 CSI, DEL) and a help word, and a staff note and
# name with more of them: yordamctl's text outputs (log, queue, show) show
# them as visible escapes and never pass a control byte to the terminal,
# the visible text is still there, and --json stays valid JSON with the
# controls encoded.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

CTL_="$CTL -c $T/yordam.conf"
# ESC [2J, ESC ]0;pwned BEL, U+009B (UTF-8 C2 9B), DEL, CR, a line break
evil=$(printf 'yordam \033[2J\033]0;pwned\007 csi\302\233x del\177y cr\rz\nsecond line')
start_daemon
wait_until 10 test -f "$T/yordam.db"
inject +77090000001 "$evil"
wait_until 15 sql_is 1 "SELECT count(*) FROM help_requests"
ok $? "the SMS with escapes and a help word is queued"
eq "it is stored as sent, escapes and all" \
	"$(sql "SELECT instr(text, char(27)) > 0 AND instr(text, char(155)) > 0 FROM messages WHERE dir='in'")" 1
wait_until 10 sql_is 0 "SELECT count(*) FROM messages WHERE dir='out' AND status!='sent'"
$CTL_ note 1 --as "$(printf 'aigerim\033[8m')" "$(printf 'called \033]0;x\007back, bad \377 byte')"
ok $? "a note with escapes and a byte that is not UTF-8"

$CTL_ log > "$T/log.txt"
$CTL_ queue > "$T/queue.txt"
$CTL_ show 1 > "$T/show.txt"

# The output's bytes, as one line of hex pairs with a space before each.
hex() {
	od -An -v -tx1 "$1" | tr -s ' \n' '  '
}
# Any C0 control but line feed, DEL, or a C1 control (C2 80 - C2 9F).
raw_controls() {
	hex "$1" | grep -Eq ' (0[0-9b-f]|1[0-9a-f]|7f)( |$)| c2 [89][0-9a-f]( |$)'
}
for f in log queue show; do
	! raw_controls "$T/$f.txt"
	ok $? "yordamctl $f prints no raw control byte"
done
check "the log shows the escapes" grep -qF 'yordam \x1b[2J\x1b]0;pwned\x07 csi\u009bx del\x7fy cr\rz\nsecond line' "$T/log.txt"
eq "the log keeps one line per message" \
	"$(grep -c '^ *[0-9][0-9]* \(in\|out\) ' "$T/log.txt")" "$(wc -l < "$T/log.txt" | tr -d ' ')"
check "the queue's one line quotes the message, controls as spaces" grep -qF '«yordam [2J ]0;pwned csi x del y cr z se…»' "$T/queue.txt"
check "a line break in the SMS does not start a line of the queue" sh -c "! grep -q '^second line' '$T/queue.txt'"
check "show shows the escapes" grep -qF '> yordam \x1b[2J\x1b]0;pwned\x07 csi\u009bx' "$T/show.txt"
check "show shows the note and its author escaped" \
	grep -qF 'note aigerim\x1b[8m: called \x1b]0;x\x07back, bad \xff byte' "$T/show.txt"
check "the helpline's answer is still there, by its node" grep -q " < \[help\]$" "$T/show.txt"

valid_json() {
	python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin.buffer.read().decode("utf-8").splitlines()]' < "$1"
}
$CTL_ log --json > "$T/log.json"
$CTL_ queue --json > "$T/queue.json"
$CTL_ show 1 --json > "$T/show.json"
for f in log queue show; do
	valid_json "$T/$f.json"
	ok $? "yordamctl $f --json is valid JSON (UTF-8), one object a line"
	! raw_controls "$T/$f.json"
	ok $? "yordamctl $f --json has no raw control byte"
done
check "JSON encodes the controls" grep -qF '"text":"yordam \u001b[2J\u001b]0;pwned\u0007 csi\u009bx del\u007fy cr\rz\nsecond line"' "$T/log.json"
check "JSON gives the stray byte as U+FFFD" grep -qF 'bad \ufffd byte' "$T/show.json"
eq "JSON gives the text back exactly" \
	"$(python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["text"].encode("unicode_escape").decode())' < "$T/log.json")" \
	'yordam \x1b[2J\x1b]0;pwned\x07 csi\x9bx del\x7fy cr\rz\nsecond line'
done_testing
