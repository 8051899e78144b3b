# basic.sh - one SMS in, one reply out, through the real daemon on Gammu's
# dummy phone: Latin and Cyrillic, the same SMS twice, the tools, privacy.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_daemon
check "daemon starts and creates its database" \
	wait_until 10 test -f "$T/yordam.db"
wait_until 10 grep -q started "$T/daemon.log"

t0=$(now_ms)
inject +77010000001 "O'zbekcha" --date 20261124T100000
wait_until 10 sql_is 1 "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='+77010000001' AND status='sent'"
ok $? "a Latin SMS is answered and the reply recorded as sent"
elapsed=$(( $(now_ms) - t0 ))
echo "# reply recorded as sent after $elapsed ms"
check "reply recorded as sent within 3 seconds ($elapsed ms)" test "$elapsed" -lt 3000
eq "the inbound text is stored as sent" \
	"$(sql "SELECT text FROM messages WHERE dir='in' AND number='+77010000001'")" "O'zbekcha"
eq "Uzbek is recognised" "$(sql "SELECT lang FROM contacts WHERE number='+77010000001'")" "uz"
check "the SMS left the modem's inbox" wait_until 5 inbox_empty

inject +77010000002 "Здравствуйте" --date 20261124T100100
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77010000002' AND status='sent'"
ok $? "a Cyrillic SMS from a new number gets one reply (the home menu)"
eq "Cyrillic text decoded to UTF-8" \
	"$(sql "SELECT text FROM messages WHERE dir='in' AND number='+77010000002'")" "Здравствуйте"
eq "the Russian home menu goes out in Latin letters: GSM-7, one part" \
	"$(sql "SELECT coding || ' ' || parts FROM messages WHERE dir='out' AND number='+77010000002'")" "gsm7 1"
eq "a Russian greeting sets Russian" \
	"$(sql "SELECT lang FROM contacts WHERE number='+77010000002'")" "ru"
inject +77010000002 "1" --date 20261124T100230
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77010000002' AND node='registration' AND status='sent'"
eq "a Russian menu below home goes out in Cyrillic, as UCS-2" \
	"$(sql "SELECT coding FROM messages WHERE dir='out' AND number='+77010000002' AND node='registration'")" "ucs2"

# The same SMS twice (a re-read after a crash looks exactly like this).
inject +77010000003 "uzbek" --date 20261124T100300
wait_until 10 sql_is 1 "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='+77010000003' AND status='sent'"
inject +77010000003 "uzbek" --date 20261124T100300
sleep 1
eq "the same SMS twice is stored once" \
	"$(sql "SELECT count(*) FROM messages WHERE dir='in' AND number='+77010000003'")" 1
eq "and answered once" \
	"$(sql "SELECT count(DISTINCT in_reply_to) FROM messages WHERE dir='out' AND number='+77010000003'")" 1

# A help word queues a request for staff.
inject +77010000004 "ПОМОЩЬ паспорт забрали" --date 20261124T100400
wait_until 10 sql_is 1 "SELECT count(*) FROM help_requests WHERE number='+77010000004'"
ok $? "a help word queues a help request"
"$CTL" -c "$T/yordam.conf" queue --json > "$T/queue.json"
check "yordamctl queue --json lists it" grep -q '"number":"+77010000004"' "$T/queue.json"
check "with the conversation" grep -q 'паспорт забрали' "$T/queue.json"

"$CTL" -c "$T/yordam.conf" log --json > "$T/log.json"
check "yordamctl log --json has the documented fields" \
	grep -q '"id":[0-9]*,"dir":"in","number":"+77010000001","text":"O'"'"'zbekcha","parts":1,"status":"processed","time":"' "$T/log.json"
check "outgoing log lines say sent" grep -q '"dir":"out".*"status":"sent"' "$T/log.json"

# Binary (8-bit) SMS: stored, never answered.
mkdir -p "$T/tmp"
printf '[SMSBackup000]\nPDU = Deliver\nNumber = "+77010000005"\nDateTime = 20261124T100500\nCoding = 8bit\nText00 = 00FF10\n' > "$T/tmp/bin"
mv "$T/tmp/bin" "$T/phone/sms/1/77"
wait_until 10 sql_is binary "SELECT status FROM messages WHERE number='+77010000005'"
ok $? "a binary SMS is stored as binary"
check "and left the modem" wait_until 5 inbox_empty
eq "and gets no reply" "$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='+77010000005'")" 0

# A delivery report: stored, never answered.
printf '[SMSBackup000]\nPDU = Status_Report\nNumber = "+77010000007"\nDateTime = 20261124T100700\nCoding = Default_No_Compression\nText00 = 00640065006C0069007600650072006500640020\n' > "$T/tmp/rep"
mv "$T/tmp/rep" "$T/phone/sms/1/78"
wait_until 10 sql_is report "SELECT status FROM messages WHERE number='+77010000007'"
ok $? "a delivery report is stored as a report"
eq "and gets no reply" "$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='+77010000007'")" 0

# A flash SMS (class 0) is an SMS like any other for a person in trouble.
printf '[SMSBackup000]\nPDU = Deliver\nNumber = "+77010000008"\nDateTime = 20261124T100800\nClass = 0\nCoding = Default_No_Compression\nText00 = 0075007A00620065006B\n' > "$T/tmp/flash"
mv "$T/tmp/flash" "$T/phone/sms/1/79"
wait_until 10 sql_is 1 "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='+77010000008' AND status='sent'"
ok $? "a flash SMS is answered"

# Broken UTF-16 from the network (a lone surrogate): kept, with U+FFFD.
printf '[SMSBackup000]\nPDU = Deliver\nNumber = "+77010000009"\nDateTime = 20261124T100900\nCoding = Unicode_No_Compression\nText00 = 0075D800007A\n' > "$T/tmp/bad"
mv "$T/tmp/bad" "$T/phone/sms/1/80"
wait_until 10 sql_is 1 "SELECT count(*) > 0 FROM messages WHERE dir='out' AND number='+77010000009' AND status='sent'"
ok $? "an SMS with broken UTF-16 is stored and answered"

# Empty SMS: answered with a hint or the language choice, never a crash.
inject +77010000006 "" --date 20261124T100600
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE dir='out' AND number='+77010000006' AND status='sent'"
ok $? "an empty SMS gets an answer"

check "no phone number in the daemon's log" sh -c "! grep -q '7701000000' '$T/daemon.log'"
check "no message text in the daemon's log" sh -c "! grep -q -e 'zbekcha' -e 'паспорт' '$T/daemon.log'"
eq "database file is 0600" "$(stat -c %a "$T/yordam.db")" 600

stop_daemon
ok $? "SIGTERM stops the daemon cleanly"

"$YORDAMD" --help > "$T/help.out" 2>&1
eq "yordamd --help succeeds" "$?" 0
check "  with the usage on stdout" grep -q "^usage: yordamd" "$T/help.out"
check "yordamd --version" sh -c "'$YORDAMD' --version | grep -q '^yordamd [0-9]'"
"$YORDAMD" --nonsense > /dev/null 2>&1
eq "a bad option is usage, exit 2" "$?" 2

done_testing
