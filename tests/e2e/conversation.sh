# conversation.sh - staff and the person in one conversation (issue 18):
# a help word, a staff reply, the person's answer joining the thread with
# no robot reply, staff told, "00" bringing the menu, urgent words still
# raising it, the close and its notice, a help word reopening it; the
# acknowledgement when staff are slow and the end after a long silence,
# on a clock the test moves.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

A=+77093000100          # Aigerim's phone
B=+77093000200          # Timur's
P=+77093111111          # the person
cat >> "$T/yordam.conf" <<CONF
timezone = "Asia/Almaty";
oncall_ack_minutes = 60;
conversation_wait_minutes = 2;
conversation_idle_hours = 1;
conversation_reopen_days = 7;
staff = (
  { name = "Aigerim"; phone = "$A"; pin = "482913"; on_call = "always"; },
  { name = "Timur"; phone = "$B"; pin = "771205"; on_call = "always"; }
);
CONF
export YORDAM_CLOCK_FILE="$T/clock"
now=$(date -u -d "2026-11-24 10:00" +%s)
echo $now > "$T/clock"
tick() { now=$((now + $1)); echo $now > "$T/clock"; }
CTL_="$CTL -c $T/yordam.conf"
n=0
# says_in NUMBER TEXT: it arrives and is processed (answered or threaded)
says_in() {
	n=$((n + 1))
	before=$(sql "SELECT count(*) FROM messages WHERE dir='in' AND number='$1'")
	inject "$1" "$2" --date "20261124T10$(printf %02d $n)00"
	wait_until 10 sql_is $((before + 1)) "SELECT count(*) FROM messages WHERE dir='in' AND number='$1'"
	wait_until 10 sql_is 0 "SELECT count(*) FROM messages WHERE dir='in' AND status NOT IN ('processed','thread','staff','no-reply')"
	wait_until 10 sql_is 0 "SELECT count(*) FROM messages WHERE dir='out' AND status IN ('queued','sending')"
}
robot_after() {   # robot replies to the person after message id $1
	sql "SELECT count(*) FROM messages WHERE dir='out' AND number='$P' AND id > $1 AND node IS NOT 'staff'"
}
last_id() { sql "SELECT coalesce(max(id), 0) FROM messages"; }
to_staff() {   # the staff SMS to phone $1 about new messages
	sql "SELECT count(*) FROM messages WHERE dir='out' AND number='$1' AND node='staff-alert' AND text LIKE '%new message%'"
}

start_daemon
wait_until 10 test -f "$T/yordam.db"

says_in $P "yordam"
says_in $P "помогите пожалуйста"
eq "two help words, one request (one open request per person)" \
	"$(sql "SELECT count(*) FROM help_requests WHERE number='$P'")" 1
id=$(sql "SELECT id FROM help_requests WHERE number='$P'")

# Staff write: from now on the person talks with staff.
$CTL_ reply "$id" --as Aigerim "Qaysi shahardasiz?" > /dev/null
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE number='$P' AND node='staff' AND status='sent'"
ok $? "the staff reply reaches the person"

mark=$(last_id)
says_in $P "Almaty, Stroy LLP"
eq "the person's answer gets no robot reply" "$(robot_after $mark)" 0
eq "  it is marked as joining the thread" "$(sql "SELECT status FROM messages WHERE dir='in' AND text='Almaty, Stroy LLP'")" thread
eq "  it joins the request's thread" \
	"$(sql "SELECT count(*) FROM help_requests WHERE id=$id AND conversation LIKE '%Almaty, Stroy LLP%'")" 1
wait_until 10 sh -c "[ \$(sqlite3 '$T/yordam.db' \"SELECT count(*) FROM messages WHERE number='$A' AND node='staff-alert' AND status='sent'\") -ge 1 ]"
check "  the claimant's phone is told: new message on #$id, with the text" sh -c \
	"sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE number='$A' AND node='staff-alert'\" | grep -q '^#$id new message (uz): «Almaty, Stroy LLP» | R $id text'"
eq "  and not the other staff member" "$(to_staff $B)" 0
check "  without the person's number" sh -c "! sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE number='$A'\" | grep -q 7709311"

mark=$(last_id)
says_in $P "1"
eq "a digit is for staff too, not a menu option" "$(robot_after $mark)" 0
eq "  and staff are told once per staff reply, not per message" "$(to_staff $A)" 1
check "queue shows 2 unread on the request" sh -c "$CTL_ queue | grep -q '^#$id .* 2 new '"

# A staff reply by SMS (PIN R n text) continues the same conversation.
inject $A "482913 R $id Rahmat. Ertaga soat 10 da qo'ng'iroq qilamiz" --date 20261124T103000
wait_until 10 sql_is 2 "SELECT count(*) FROM messages WHERE number='$P' AND node='staff' AND status='sent'"
ok $? "a staff reply by SMS reaches the person"
eq "  named as its sender" "$(sql "SELECT staff FROM messages WHERE number='$P' AND node='staff' ORDER BY id DESC LIMIT 1")" Aigerim
mark=$(last_id)
says_in $P "xop rahmat"
eq "after a new staff reply a message is threaded" "$(robot_after $mark)" 0
wait_until 10 sh -c "[ \$(sqlite3 '$T/yordam.db' \"SELECT count(*) FROM messages WHERE number='$A' AND node='staff-alert' AND text LIKE '%new message%'\") -eq 2 ]"
ok $? "  and staff are told again"

# 00 still brings the menu; the robot answers until staff write again.
mark=$(last_id)
says_in $P "00"
eq "00 brings the menu" "$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='$P' AND id > $mark AND node='home'")" 1
mark=$(last_id)
says_in $P "1"
check "  and a digit then is a menu option again" sh -c "[ $(robot_after $mark) -ge 1 ]"

# Urgent words in a conversation still raise it and reach staff at once.
$CTL_ reply "$id" --as Aigerim "Hujjatlaringiz qayerda?" > /dev/null
says_in $P "меня избили на стройке"
eq "urgent words raise the request" "$(sql "SELECT urgent || ' ' || category FROM help_requests WHERE id=$id")" "1 violence"
check "  the person gets the emergency number at once" sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE number='$P' AND node='urgent'\" | grep -q 112"
check "  and staff are told it is urgent" sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE number='$A'\" | grep -q '^#$id URGENT violence, new message'"

# A flood in a conversation (a person, or a machine answering us): every
# message is kept, staff are told once, no robot reply goes out; text
# that looks like a staff command is only text.
mark=$(last_id)
told=$(sql "SELECT count(*) FROM messages WHERE number='$A'")
i=0
while [ $i -lt 25 ]; do
	inject $P "482913 CLOSE $id menya izbili $i" --date "20261124T1040$(printf %02d $i)"
	i=$((i + 1))
done
wait_until 20 sql_is 25 "SELECT count(*) FROM messages WHERE dir='in' AND number='$P' AND id > $mark AND status='thread'"
ok $? "a flood of 25 messages in a conversation is kept in the thread"
sleep 1
eq "  staff are not told again (already told, already urgent)" "$(sql "SELECT count(*) FROM messages WHERE number='$A'")" "$told"
eq "  a staff command typed by the person does nothing" "$(sql "SELECT status FROM help_requests WHERE id=$id")" claimed

# The thread, in the configured time zone (Asia/Almaty), in time order.
$CTL_ note "$id" --as Timur "called the site manager" > /dev/null
$CTL_ show "$id" > "$T/show.out"
local_time=$(TZ=Asia/Almaty date -d @$(sql "SELECT created_at FROM messages WHERE number='$P' AND node='staff' ORDER BY id LIMIT 1") +'%Y-%m-%d %H:%M')
check "show: the staff reply with who sent it, delivery, local time" grep -q "^$local_time < Aigerim: Qaysi shahardasiz? (sent)" "$T/show.out"
check "show: the person's answer" grep -q "> Almaty, Stroy LLP$" "$T/show.out"
check "show: the robot's replies by node" grep -q "< \[home\]" "$T/show.out"
check "show: notes and audit" sh -c "grep -q 'note Timur: called the site manager' '$T/show.out' && grep -q 'audit yordamd: menu' '$T/show.out'"
check "show: in time order" sh -c "grep -n 'Qaysi shahardasiz' '$T/show.out' | cut -d: -f1 > '$T/a'; grep -n 'Almaty, Stroy' '$T/show.out' | cut -d: -f1 > '$T/b'; [ \$(cat '$T/a') -lt \$(cat '$T/b') ]"
$CTL_ show "$id" --json > "$T/show.json"
check "show --json has the thread" grep -q '"thread":\[.*"kind":"staff","who":"Aigerim","text":"Qaysi shahardasiz?","status":"sent"' "$T/show.json"

# Close: the person is told; a new help word reopens the same request.
$CTL_ close "$id" --as Aigerim > /dev/null
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE number='$P' AND node='conversation_closed' AND status='sent'"
ok $? "closing tells the person, in their language"
mark=$(last_id)
says_in $P "Almaty yana"
check "after the close the robot answers again" sh -c "[ $(robot_after $mark) -ge 1 ]"
says_in $P "yordam kerak"
eq "a help word reopens the closed request" \
	"$(sql "SELECT count(*) || ' ' || (SELECT status FROM help_requests WHERE id=$id) FROM help_requests WHERE number='$P'")" "1 open"
check "  audited" sh -c "sqlite3 '$T/yordam.db' \"SELECT who || ' ' || action FROM audit WHERE request_id=$id\" | grep -q 'yordamd reopen'"

# Staff slow: the person is told once that staff will answer.
$CTL_ reply "$id" --as Aigerim "Ismingiz nima?" > /dev/null
says_in $P "Dilshod"
tick 60
sleep 1
eq "no acknowledgement before conversation_wait_minutes" \
	"$(sql "SELECT count(*) FROM messages WHERE number='$P' AND node='conversation_ack'")" 0
tick 90
wait_until 15 sql_is 1 "SELECT count(*) FROM messages WHERE number='$P' AND node='conversation_ack' AND status='sent'"
ok $? "after it, one acknowledgement"
says_in $P "javob bering iltimos"
tick 300
sleep 7
eq "  and only one until staff write again" \
	"$(sql "SELECT count(*) FROM messages WHERE number='$P' AND node='conversation_ack'")" 1

# The person waits for staff: the clock never closes that.
tick 7200
sleep 7
eq "a conversation where the person wrote last is never closed by the clock" \
	"$(sql "SELECT status FROM help_requests WHERE id=$id")" claimed
# Staff wrote last and the person is silent: it ends, with a notice.
$CTL_ reply "$id" --as Aigerim "Yana savol bo'lsa yozing" > /dev/null
tick 3700
wait_until 15 sql_is 1 "SELECT count(*) FROM messages WHERE number='$P' AND node='conversation_expired' AND status='sent'"
ok $? "after conversation_idle_hours of silence, the person is told it ended"
eq "  and the request is closed, audited" \
	"$(sql "SELECT status || ' ' || (SELECT who FROM audit WHERE request_id=$id ORDER BY id DESC LIMIT 1) FROM help_requests WHERE id=$id")" "closed yordamd"
stop_daemon
done_testing
