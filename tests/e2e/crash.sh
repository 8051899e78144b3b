# crash.sh - kill -9 the daemon while SMS keep arriving, restart it, and
# check that every SMS was stored once and answered exactly once.
#
# CRASH_SMS SMS (default 150) come from 15 people and two staff phones:
# menu texts, help words and urgent words that open help requests, and
# staff commands (PIN NEXT, TAKE, NOTE, R, ACK, CLOSE).  CRASH_KILLS kills
# (default 6) are spread over the whole run: kill k comes when the sender
# has passed k/(KILLS+1) of its SMS.  They take turns: a plain kill, a kill
# 0-100 ms after a SIGHUP (before, during or after the reload), and a
# kill while a burst of 20 staff commands is being answered (those SMS
# come on top of CRASH_SMS, and are counted in "SMS sent").
#
# Counting: a person's SMS is answered when a reply names it
# (in_reply_to); a staff command is answered by one SMS back to that staff
# phone, with no in_reply_to, so those are paired with the commands in
# order (both are made in the command's own transaction, one at a time in
# id order) and each answer must fit its command ("#12 is yours" for
# "TAKE 12").  On-call alerts to the same phones are told apart by their
# "| ACK n" and are counted on their own.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

N=${CRASH_SMS:-150}
KILLS=${CRASH_KILLS:-6}
BURST=20                        # staff commands injected before some kills
A=+77050000100
B=+77050000200
BASE=$(date -u -d "2026-11-24 12:00" +%s)   # SMSC time of SMS i: BASE + i
# Alerts are not escalated within the run: none is queued after the end.
cat >> "$T/yordam.conf" <<CONF
oncall_ack_minutes = 1440;
# a request per help SMS, as the staff commands expect (reopening a
# closed one is conversation.sh's)
conversation_reopen_days = 0;
staff = (
  { name = "Aigerim"; phone = "$A"; pin = "482913"; on_call = "always"; },
  { name = "Timur"; phone = "$B"; pin = "771205"; on_call = "always"; }
);
CONF

# staff_sms I: a staff command, one of six kinds, on a request that
# most likely exists by then (two SMS in ten open one).
staff_sms() {
	n=$(( $1 / 40 + 1 ))
	case $(( ($1 / 10 + $1) % 6 )) in
	0) cmd="NEXT $1" ;;
	1) cmd="TAKE $n $1" ;;
	2) cmd="NOTE $n note $1" ;;
	3) cmd="R $(( $1 / 20 + 1 )) reply $1" ;;   # one not closed yet
	4) cmd="ACK $n $1" ;;
	5) cmd="CLOSE $n $1" ;;
	esac
	if [ $(( $1 % 2 )) -eq 0 ]; then
		"$INJECT" "$T/phone" $A "482913 $cmd" --time $((BASE + $1))
	else
		"$INJECT" "$T/phone" $B "771205 $cmd" --time $((BASE + $1))
	fi
}

# The sender: N SMS, a few milliseconds apart.  Its progress is in a file
# for the killer.
(
	i=1
	while [ $i -le $N ]; do
		num=$(printf '+7703%07d' $((i % 15)))
		case $((i % 10)) in
		3) staff_sms $i ;;
		6) "$INJECT" "$T/phone" "$num" "yordam $i" --time $((BASE + i)) ;;
		8) "$INJECT" "$T/phone" "$num" "pasportimni olib qo'yishdi $i" \
			--time $((BASE + i)) ;;
		*) "$INJECT" "$T/phone" "$num" "uzbek $i" --time $((BASE + i)) ;;
		esac || echo "inject $i failed" >&2
		echo $i > "$T/progress"
		sleep 0.0$((i % 5 + 1))
		i=$((i + 1))
	done
) &
SENDER=$!

staff_done() {
	x=$(sql "SELECT count(*) FROM messages WHERE dir='in' AND status='staff'")
	echo "${x:-0}"
}
loaded() { grep -c "content .* loaded" "$T/daemon.log"; }
start_daemon
if ! wait_until 10 test -f "$T/yordam.db"; then
	ok 1 "the daemon starts"
	kill $SENDER
	done_testing
	exit
fi
k=0 p=0 first_at=0 last_at=0 extra=0 hups=0 hups_done=0 bursts=0 bursts_mid=0
while [ $k -lt $KILLS ]; do
	k=$((k + 1))
	at=$(( k * N / (KILLS + 1) ))
	while kill -0 $SENDER 2>/dev/null; do
		p=$(cat "$T/progress" 2>/dev/null)   # empty while rewritten
		[ "${p:-0}" -ge $at ] && break
		sleep 0.05
	done
	[ $k -eq 1 ] && first_at=${p:-0}
	last_at=${p:-0}
	case $((k % 3)) in
	1)	# during a reload (a few to 100 ms here): SIGHUP, then the
		# kill at once or up to 100 ms later
		before=$(loaded)
		set -- 0 0.002 0.005 0.01 0.02 0.05 0.1
		shift $((k / 3 % 7))
		kill -HUP "$PID"
		[ "$1" = 0 ] || sleep $1
		crash_daemon
		hups=$((hups + 1))
		[ "$(loaded)" -gt "$before" ] && hups_done=$((hups_done + 1))
		;;
	2)	# during staff commands: a burst, killed once the first is done
		before=$(staff_done)
		j=0
		while [ $j -lt $BURST ]; do
			staff_sms $((N + extra + 1))
			extra=$((extra + 1))
			j=$((j + 1))
		done
		t=0
		while [ "$(staff_done)" -le "$before" ] && [ $t -lt 3000 ]; do
			t=$((t + 1))
		done
		crash_daemon
		done_now=$(( $(staff_done) - before ))
		bursts=$((bursts + 1))
		[ $done_now -lt $BURST ] && bursts_mid=$((bursts_mid + 1))
		;;
	0)	crash_daemon ;;
	esac
	start_daemon
done
wait $SENDER
TOTAL=$((N + extra))
echo "# kills from SMS $first_at to SMS $last_at of $N; just after a SIGHUP: $hups (the reload had finished before $hups_done);" \
	"during a burst of $BURST staff commands: $bursts (killed part-way: $bursts_mid)"
wait_until $((60 + TOTAL / 100)) sql_is "$TOTAL" "SELECT count(*) FROM messages WHERE dir='in' AND status!='new'"
sleep 0.3        # a turn with the last answer may still queue an alert
wait_until 60 sql_is 0 "SELECT count(*) FROM messages WHERE dir='out' AND status!='sent'"
stop_daemon

IS_STAFF="number IN ('$A', '$B')"
stored=$(sql "SELECT count(*) FROM messages WHERE dir='in'")
distinct=$(sql "SELECT count(DISTINCT text) FROM messages WHERE dir='in'")
people=$(sql "SELECT count(*) FROM messages WHERE dir='in' AND NOT $IS_STAFF")
# (a message to staff in a conversation is handled by joining its thread)
people_answered=$(sql "SELECT count(*) FROM messages m WHERE m.dir='in' AND NOT m.$IS_STAFF AND (m.status = 'thread' OR EXISTS (SELECT 1 FROM messages o WHERE o.dir='out' AND o.in_reply_to = m.id))")
people_doubled=$(sql "SELECT count(*) FROM (SELECT in_reply_to, node FROM messages WHERE dir='out' AND in_reply_to IS NOT NULL GROUP BY in_reply_to, node HAVING count(*) > 1)")

# Each staff phone's commands and the answers it got, in order, side by
# side; an alert ends in "| ACK n", a new message in a conversation
# "| R n text": neither answers a command.  Prints the pairs that do not fit,
# then "pairs commands answers".
staff_pairs() {
	sql "SELECT 'C', text FROM messages WHERE dir='in' AND number='$1' ORDER BY id" > "$T/cmds"
	sql "SELECT 'A', text FROM messages WHERE dir='out' AND number='$1' AND text NOT LIKE '%| ACK %' AND text NOT LIKE '%| R % text' ORDER BY id" > "$T/answers"
	awk -F'|' '
	FNR == NR { c[++nc] = $2; next }
	{ a[++na] = $0; sub(/^A\|/, "", a[na]) }
	END {
		for (i = 1; i <= nc && i <= na; i++) {
			split(c[i], w, " ")
			if (w[2] == "NEXT")
				ok = a[i] ~ /^#[0-9]+ / || a[i] == "No open requests."
			else
				ok = index(a[i], "#" w[3] " ") == 1 ||
				    index(a[i], "#" w[3] ":") == 1
			if (!ok) { print "# does not fit: " c[i] " -> " a[i]; bad++ }
		}
		print bad + 0, nc, na
	}' "$T/cmds" "$T/answers"
}
staff_answered=0 staff_bad=0 staff_cmds=0
for phone in $A $B; do
	set -- $(staff_pairs $phone | tee "$T/pairs" | tail -n 1)
	grep '^#' "$T/pairs" | head -n 5
	staff_bad=$((staff_bad + $1))
	staff_cmds=$((staff_cmds + $2))
	staff_answered=$((staff_answered + ($2 < $3 ? $2 : $3)))
	[ "$2" -ne "$3" ] && staff_bad=$((staff_bad + 1)) &&
		echo "# $phone: $2 commands, $3 answers"
done
# A staff command's effects, once each: notes, replies to the person,
# a fresh alert per urgent request, a request per SMS.
notes_doubled=$(sql "SELECT count(*) FROM (SELECT text FROM notes GROUP BY text HAVING count(*) > 1)")
replies_doubled=$(sql "SELECT count(*) FROM (SELECT text FROM messages WHERE dir='out' AND node='staff' GROUP BY text HAVING count(*) > 1)")
alerts_doubled=$(sql "SELECT count(*) FROM (SELECT request_id FROM alerts WHERE NOT escalated GROUP BY request_id HAVING count(*) > 1)")
requests_doubled=$(sql "SELECT count(*) - count(DISTINCT message_id) FROM help_requests")

answered=$((people_answered + staff_answered))
doubled=$((people_doubled + notes_doubled + replies_doubled + alerts_doubled + requests_doubled))
resent=$(sql "SELECT count(*) FROM messages WHERE dir='out' AND attempts > 1")
echo "# SMS sent: $TOTAL, kills: $KILLS, stored: $stored, answered: $answered, answered twice: $doubled, re-sent after a kill: $resent"
echo "# of them: $staff_cmds staff commands, $(sql "SELECT count(*) FROM help_requests") help requests" \
	"($(sql "SELECT count(*) FROM help_requests WHERE urgent") urgent, $(sql "SELECT count(*) FROM alerts") alerts)," \
	"$(sql "SELECT count(*) FROM notes") notes, $(sql "SELECT count(*) FROM messages WHERE dir='out' AND node='staff'") staff replies"
eq "every SMS stored" "$distinct" "$TOTAL"
eq "none stored twice" "$stored" "$TOTAL"
eq "every person's SMS answered" "$people_answered" "$people"
eq "every staff command answered, with its own answer" "$staff_bad" 0
eq "every SMS answered" "$answered" "$TOTAL"
eq "none answered twice" "$people_doubled" 0
eq "no staff command took effect twice" \
	"$notes_doubled $replies_doubled $alerts_doubled $requests_doubled" "0 0 0 0"
check "help requests were opened" test "$(sql "SELECT count(*) FROM help_requests WHERE urgent")" -gt 0
check "staff replies reached people" test "$(sql "SELECT count(*) FROM messages WHERE dir='out' AND node='staff'")" -gt 0
check "the modem's inbox is empty" inbox_empty
eq "every reply sent" "$(sql "SELECT count(*) FROM messages WHERE dir='out' AND status='sent'")" \
	"$(sql "SELECT count(*) FROM messages WHERE dir='out'")"
done_testing
