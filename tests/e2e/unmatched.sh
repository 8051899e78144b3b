# unmatched.sh - what the helpline did not understand reaches staff, who
# teach it: the messages are listed by language without numbers, marked
# with what they should have reached (bad labels and numbers refused),
# exported as corpus lines, and gone with an erasure.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

P=+77015550123          # understood nothing
Q=+77015550124          # understood
R=+77015550125          # erases
ctl() { "$CTL" -c "$T/yordam.conf" "$@"; }

start_daemon
wait_until 10 test -f "$T/yordam.db"
says $P "русский"
says $P "qwzx vbnm kkkk"
says $P "$(printf 'zzzq \033[2J\033]0;owned\007 xxxy')"
says $Q "русский"
says $Q "не платят зарплату"
says $R "русский"
says $R "blorp zint"
ctl unmatched > "$T/list.out" 2>&1
ok $? "unmatched lists what was not understood"
sed 's/^/# /' "$T/list.out"
check "  grouped under its language (Russian in Latin letters)" grep -q "^ru-Latn$" "$T/list.out"
check "  with the words" grep -q "qwzx vbnm kkkk" "$T/list.out"
check "  a terminal escape shown, not run" sh -c "grep -q 'x1b' '$T/list.out' && ! grep -q \"\$(printf '\\033')\" '$T/list.out'"
check "  without phone numbers" sh -c "! grep -q '7015550' '$T/list.out'"
check "  what was understood is not there" sh -c "! grep -q 'зарплату' '$T/list.out'"
eq "  three messages" "$(sql "SELECT count(*) FROM unmatched")" 3
ctl unmatched --json > "$T/list.json"
check "  --json, one object a line, no numbers" sh -c "[ \$(wc -l < '$T/list.json') -eq 3 ] && grep -q '\"reason\":\"topic\"' '$T/list.json' && ! grep -q 7015550 '$T/list.json'"

id=$(sql "SELECT u.message_id FROM unmatched u JOIN messages m ON m.id = u.message_id WHERE m.text LIKE 'qwzx%'")
ctl unmatched mark "$id" wagez > "$T/mark.out" 2>&1
eq "a label that is no node is refused" "$?" 1
check "  saying what labels are" grep -q "is no label" "$T/mark.out"
ctl unmatched mark abc wages > "$T/mark.out" 2>&1
eq "a number that is not one is refused" "$?" 1
check "  saying why" grep -q "is not a message number" "$T/mark.out"
ctl unmatched mark 999999 wages > "$T/mark.out" 2>&1
eq "a message that was not flagged is refused" "$?" 1
check "  saying so" grep -q "no unmatched message #999999" "$T/mark.out"
ctl unmatched mark "$id" "urgent:nonsense" > /dev/null 2>&1
eq "an urgent category the content lacks is refused" "$?" 1
ctl unmatched mark "$id" wages --as Aigerim > "$T/mark.out" 2>&1
eq "a node is a label" "$?" 0
check "  and it says so" grep -q "#$id marked wages" "$T/mark.out"
eq "  by whom" "$(sql "SELECT marked_by FROM unmatched WHERE message_id=$id")" Aigerim
ctl corpus export > "$T/export.out" 2>&1
ok $? "corpus export runs"
sed 's/^/# /' "$T/export.out"
check "  a corpus line: label, tab, text" grep -q "$(printf '^wages\tqwzx vbnm kkkk$')" "$T/export.out"
check "  under its script" grep -q "^# script: ru-Latn" "$T/export.out"
check "  only the marked ones" sh -c "! grep -q zzzq '$T/export.out'"

# Erasure takes the flags with the messages.
says $R "удалить"
eq "an erasure takes its unmatched messages" "$(sql "SELECT count(*) FROM unmatched u JOIN messages m ON m.id = u.message_id WHERE m.number='$R'")" 0
check "  and the words are gone" sh -c "! ctl unmatched | grep -q blorp"
stop_daemon
done_testing
