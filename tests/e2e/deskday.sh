# deskday.sh - a day at the desk (issue 18): twenty requests in the queue's
# one-line view and its filters, search in any script and case, a
# person's history, staff replies over the part limit refused (and sent
# with --force, or in Latin letters with --latin), canned replies in the
# person's language in four languages, statistics by local day.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

cat >> "$T/yordam.conf" <<CONF
timezone = "Asia/Almaty";
max_staff_reply_parts = 3;
CONF
CTL_="$CTL -c $T/yordam.conf"
start_daemon
wait_until 10 test -f "$T/yordam.db"

# Twenty people ask for a person: five in each language, two urgent.
i=0
for text in "yordam kerak" "жардам керек" "ёрдам лозим" "помогите мне" \
    "odam kerak, ish haqi bermayapti" "адам керек, айлык бербей жатат" \
    "кумак лозим аст, музд намедиханд" "нужен человек, не платят" \
    "operator kerak" "оператор керек" "оператор лозим" "позовите оператора" \
    "yurist kerak" "юрист керек" "ҳуқуқшинос лозим" "нужен юрист" \
    "yordam bering" "жардам бериңиз" "меня избили, помогите" \
    "pasportimni olib qo'yishdi"; do
	i=$((i + 1))
	inject "+7709400$(printf %04d $i)" "$text" --date "20261124T09$(printf %02d $i)00"
done
wait_until 20 sql_is 20 "SELECT count(*) FROM help_requests"
ok $? "twenty requests, one per person"
wait_until 10 sql_is 0 "SELECT count(*) FROM messages WHERE dir='out' AND status!='sent'"

$CTL_ queue > "$T/queue.txt"
eq "the queue: a header and one line per request" "$(wc -l < "$T/queue.txt" | tr -d ' ')" 21
check "  every line fits a terminal (at most 140 characters)" \
	sh -c "[ \$(python3 -c 'import sys; print(max(len(l.rstrip(\"\\n\")) for l in open(sys.argv[1], encoding=\"utf-8\")))' '$T/queue.txt') -le 140 ]"
check "  urgent first" sh -c "sed -n 2p '$T/queue.txt' | grep -q 'URGENT'"
check "  with the person's last message, quoted" grep -q '«нужен юрист»' "$T/queue.txt"
check "  and no menus or conversations" sh -c "! grep -q 'So.rov qabul' '$T/queue.txt'"
eq "--urgent: only the urgent ones" "$($CTL_ queue --urgent | grep -c '^#[0-9]')" \
	"$(sql "SELECT count(*) FROM help_requests WHERE urgent")"
eq "--lang tg: the Tajik ones" "$($CTL_ queue --lang tg | grep -c '^#[0-9]')" \
	"$(sql "SELECT count(*) FROM help_requests WHERE lang GLOB 'tg*'")"
id=$(sql "SELECT id FROM help_requests WHERE number='+77094000004'")
$CTL_ claim "$id" --as aigerim > /dev/null
eq "--mine: what I claimed" "$($CTL_ queue --mine --as aigerim | grep -c '^#[0-9]')" 1
eq "--status claimed" "$($CTL_ queue --status claimed | grep -c "^#$id ")" 1
$CTL_ queue --status nonsense > /dev/null 2> "$T/err"
eq "a bad --status is refused" "$?" 2
check "  saying what it can be" grep -q "open, claimed or closed" "$T/err"
$CTL_ close "$id" --as aigerim > /dev/null
eq "a closed request leaves the queue" "$($CTL_ queue | grep -c "^#$id ")" 0
eq "  --all shows it" "$($CTL_ queue --all | grep -c "^#$id .*closed")" 1

# Search: Cyrillic in another case, any word of the thread or notes.
eq "search finds Cyrillic whatever the case" "$($CTL_ search 'ПОМОГИТЕ МНЕ' | grep -c "^#$id ")" 1
$CTL_ note 3 --as timur "Shahar: Shymkent, qurilish" > /dev/null
eq "search finds a note" "$($CTL_ search shymkent | grep -c '^#3 ')" 1
eq "search for nothing says so" "$($CTL_ search 'qwzx nothing')" "no request found"
$CTL_ search '' > /dev/null 2> "$T/err"
check "an empty search is refused with a reason" grep -q "empty" "$T/err"
# History: by number, whatever the prefix, or by a request.
inject +77094000001 "yordam kerak yana" --date 20261124T093000
eq "history by number (8 for +7) lists the person's requests" \
	"$($CTL_ history 87094000001 | grep -c '^#[0-9]')" 1
eq "history by request id" "$($CTL_ history 1 | grep -c '^#1 ')" 1
$CTL_ history 'x; DROP TABLE messages' > /dev/null 2> "$T/err"
check "history of something that is neither is refused" grep -q "neither a phone number nor a request" "$T/err"
check "  and changes nothing" sql_is 20 "SELECT count(*) FROM help_requests"

# Replies that fit: six Cyrillic parts are refused, sent only with --force.
long=$(python3 -c "print('Здравствуйте, ' + 'мы проверили ваш вопрос и вот что нужно сделать дальше. ' * 6)")
before=$(sql "SELECT count(*) FROM messages WHERE node='staff'")
$CTL_ reply 2 --as aigerim "$long" > "$T/out" 2> "$T/err"
eq "a reply over max_staff_reply_parts is refused" "$?" 1
check "  saying its parts and coding, and the letter that forced UCS-2" \
	grep -q "not sent: [0-9]* SMS parts (ucs2, because of \"З\") is more than 3" "$T/err"
eq "  and nothing is queued" "$(sql "SELECT count(*) FROM messages WHERE node='staff'")" "$before"
check "  a Latin form is offered when it saves parts" grep -q "in Latin letters this reply is [0-9] SMS part" "$T/out"
$CTL_ reply 2 --as aigerim --force "$long" > /dev/null
eq "--force sends it" "$(sql "SELECT count(*) FROM messages WHERE node='staff'")" $((before + 1))
$CTL_ reply 2 --as aigerim --latin "Здравствуйте, где вы сейчас? Мы вам перезвоним." > /dev/null
eq "--latin sends it in Latin letters (GSM-7)" \
	"$(sql "SELECT coding FROM messages WHERE node='staff' ORDER BY id DESC LIMIT 1")" gsm7

# Canned replies in the person's language: uz, ky, tg, ru.
for pair in "+77094000001 uz Tez orada sizga qo'ng'iroq" "+77094000002 ky Жакында сизге чалабыз" \
    "+77094000003 tg Ба зудӣ ба шумо занг" "+77094000008 ru Мы скоро вам позвоним"; do
	set -- $pair
	num=$1 lang=$2
	shift 2
	rid=$(sql "SELECT id FROM help_requests WHERE number='$num' ORDER BY id LIMIT 1")
	$CTL_ reply "$rid" --as timur --template call_back > /dev/null 2> "$T/err"
	check "template call_back in $lang" sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE node='staff' AND number='$num' ORDER BY id DESC LIMIT 1\" | grep -q \"^$*\""
done
rid=$(sql "SELECT id FROM help_requests WHERE number='+77094000008'")
$CTL_ reply "$rid" --as timur --template office > /dev/null
check "a template's placeholders are filled" sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE node='staff' AND number='+77094000008' ORDER BY id DESC LIMIT 1\" | grep -q 'Abai ave 10'"
$CTL_ reply "$rid" --as timur --template no_such_thing > /dev/null 2> "$T/err"
eq "an unknown template is refused" "$?" 1
check "  naming the ones there are" grep -q "there are:.*call_back.*which_city" "$T/err"
$CTL_ reply "$rid" --as timur --template call_back "and a text" > /dev/null 2> "$T/err"
eq "a template and a text together are refused" "$?" 2
$CTL_ reply "$rid" --as timur --template call_back --lang tg > /dev/null
check "--lang picks another language" sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE node='staff' AND number='+77094000008' ORDER BY id DESC LIMIT 1\" | grep -q 'Ба зудӣ'"

# Statistics by local day: 09:00 UTC on the 24th is 14:00 or 15:00 in
# Almaty, the same day; 21:00 UTC is the next day there.
sqlite3 "$T/yordam.db" "UPDATE help_requests SET created_at = CAST(strftime('%s', '2026-11-24 21:00:00') AS INTEGER) WHERE id = 5"
$CTL_ stats --csv > "$T/stats.csv"
check "stats count by the helpline's local day" grep -q "^2026-11-25," "$T/stats.csv"
check "  with the median time to the close" grep -q "^day,.*,median_minutes_to_close$" "$T/stats.csv"
check "  and no phone numbers" sh -c "! grep -q 7709 '$T/stats.csv'"
stop_daemon
done_testing
