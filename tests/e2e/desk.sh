# desk.sh - triage and the staff desk: urgent messages in each language
# come first, staff claim, reply, note, close and reopen, every action is
# audited, and the statistics carry no phone numbers.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

CTL_="$CTL -c $T/yordam.conf"
start_daemon
# "started": the schema is made (yordamctl reads it, and does not make it)
wait_until 10 grep -q started "$T/daemon.log"
eq "an empty queue says so" "$($CTL_ queue)" "no open requests"
inject +77080000001 "savol: ro'yxat qancha turadi" --date 20261124T150000
inject +77080000002 "паспортумду алып коюшту, жардам" --date 20261124T150100
inject +77080000003 "корфармо мезанад, шиносномаро гирифтанд" --date 20261124T150200
inject +77080000004 "меня избили, паспорт забрали" --date 20261124T150300
inject +77080000005 "pasportimni olib qo'yishdi" --date 20261124T150400
inject +77080000006 "yordam kerak" --date 20261124T150500
wait_until 15 sql_is 5 "SELECT count(*) FROM help_requests"
ok $? "help requests are queued"
# (beaten and the passport taken: either names the case)
eq "four of them urgent, one per language" \
	"$(sql "SELECT group_concat(lang, ' ') FROM (SELECT lang FROM help_requests WHERE urgent AND category IN ('passport', 'violence') ORDER BY id)")" \
	"ky tg ru uz"
wait_until 10 sql_is 0 "SELECT count(*) FROM messages WHERE dir='out' AND status!='sent'"
check "the urgent person is told a human will answer, with the emergency number" \
	sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE dir='out' AND number='+77080000004'\" | grep -q 112"

$CTL_ queue --json > "$T/queue.json"
first=$(head -n 1 "$T/queue.json")
case "$first" in *'"urgent":true'*) r=0 ;; *) r=1 ;; esac
ok $r "urgent requests come first in the queue"
last=$(tail -n 1 "$T/queue.json")
case "$last" in *'"number":"+77080000006"'*'"urgent":false'*) r=0 ;; *) r=1 ;; esac
ok $r "the plain help request comes last"

id=$(sql "SELECT id FROM help_requests WHERE number='+77080000004'")
$CTL_ claim "$id" --as aigerim > "$T/claim.out"
eq "claim says what it did" "$(cat "$T/claim.out")" "#$id claimed by aigerim"
$CTL_ claim abc --as aigerim 2> "$T/err"
eq "a request number that is none is refused" "$?" 1
check "  saying what a request number is" grep -q "'abc' is not a request number" "$T/err"
ok $? "claim"
$CTL_ reply "$id" --as aigerim "Здравствуйте, это горячая линия. Где вы сейчас?" > "$T/reply.out"
eq "reply says what it did, in SMS parts" "$(cat "$T/reply.out")" "#$id reply queued to the person by aigerim (1 SMS part, ucs2)"
ok $? "reply"
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77080000004' AND node='staff' AND status='sent'"
ok $? "the staff reply reaches the person from the helpline's number"
$CTL_ note "$id" --as aigerim "called the shelter"
ok $? "note"
$CTL_ close "$id" --as aigerim
ok $? "close"
check "a closed request leaves the queue" sh -c "! $CTL_ queue --json | grep -q '\"id\":$id,'"
$CTL_ reply "$id" "too late" 2> "$T/err"
check "replying to a closed request is refused" grep -q "closed" "$T/err"
$CTL_ reopen "$id" --as timur
ok $? "reopen"
eq "every action is in the audit log with who" \
	"$(sql "SELECT group_concat(who || ':' || action, ' ') FROM (SELECT who, action FROM audit WHERE request_id=$id ORDER BY id)")" \
	"aigerim:claim aigerim:reply aigerim:note aigerim:close timur:reopen"
$CTL_ show "$id" --json > "$T/show.json"
check "show --json has the conversation and the log" grep -q '"kind":"note","who":"aigerim","text":"called the shelter"' "$T/show.json"
$CTL_ claim 9999 2> "$T/err"
check "an unknown request is an error" grep -q "no request 9999" "$T/err"

$CTL_ stats --csv > "$T/stats.csv"
check "stats --csv has a header" grep -q "^day,lang,topic,category,requests,answered,median_minutes_to_first_reply,median_minutes_to_close$" "$T/stats.csv"
check "and no phone numbers" sh -c "! grep -q '7708' '$T/stats.csv'"
check "counts an answered request" grep -q ",ru,.*,\(violence\|passport\),1,1," "$T/stats.csv"
stop_daemon
# Claims that hold: another's claim is refused, taken only with --force
# (audited), and a reply to it is warned of.
other=$(sql "SELECT id FROM help_requests WHERE number='+77080000002'")
$CTL_ claim "$other" --as aigerim > /dev/null
$CTL_ claim "$other" --as timur > "$T/out" 2> "$T/err"
eq "a claim on another's request is refused" "$?" 1
check "  naming who has it and how to take it" grep -q "#$other is claimed by aigerim; --force takes it" "$T/err"
eq "  and it stays theirs" "$(sql "SELECT claimed_by FROM help_requests WHERE id=$other")" aigerim
$CTL_ claim "$other" --as timur --force > "$T/out" 2>&1
eq "--force takes it" "$(sql "SELECT claimed_by FROM help_requests WHERE id=$other")" timur
eq "  and the audit says from whom" "$(sql "SELECT detail FROM audit WHERE request_id=$other AND who='timur' AND action='claim'")" "taken from aigerim"
$CTL_ reply "$other" --as aigerim "Salom, qayerdasiz?" > /dev/null 2> "$T/err"
eq "a reply to another's request goes out" "$?" 0
check "  with a warning" grep -q "warning: #$other is claimed by timur" "$T/err"

# --help, on stdout and with success, also after a command; --version.
"$CTL" --help > "$T/help.out" 2>&1
eq "yordamctl --help succeeds" "$?" 0
check "  with the commands" grep -q "^usage: yordamctl" "$T/help.out"
"$CTL" -c "$T/yordam.conf" queue --help > "$T/help.out" 2> /dev/null
check "yordamctl queue --help too, on stdout" grep -q "queue \[--mine\]" "$T/help.out"
check "yordamctl --version" sh -c "'$CTL' --version | grep -q '^yordamctl [0-9]'"

# A staff member outside the service group is told which group to join,
# not SQLite's "unable to open database file".  (Root reads anything: the
# check runs as nobody, where setpriv can switch to it.)
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	P=$(mktemp -d /tmp/yordam-perm.XXXXXX)
	chmod 755 "$P"
	cp "$T/yordam.conf" "$P/yordam.conf"
	chmod 644 "$P/yordam.conf"
	chmod 700 "$T"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$CTL" -c "$P/yordam.conf" queue > "$P/out" 2>&1
	eq "outside the service group: refused" "$?" 1
	check "  saying which group to join" grep -q "permission denied; the helpline's staff are in group" "$P/out"
	rm -rf "$P"
else
	echo "ok $((n_tests = n_tests + 1)) - # SKIP outside the service group (not root or no setpriv)"
fi
done_testing
