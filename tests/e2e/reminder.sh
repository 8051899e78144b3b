# reminder.sh - a deadline reminder, on the test clock: scheduled from the
# conversation, sent once a few days before and only within its hours,
# across a kill -9, and never to someone who said STOP or was deleted.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

echo 'timezone = "<+05>-5";' >> "$T/yordam.conf"     # Almaty, without tzdata
export YORDAM_CLOCK_FILE="$T/clock"
at() {   # at YYYY-MM-DD HH:MM (local, UTC+5)
	date -u -d "$1 $2 +0500" +%s > "$T/clock.tmp"
	mv "$T/clock.tmp" "$T/clock"
}
at 2026-11-24 10:00

converse() {   # converse NUMBER MINUTE MESSAGES...
	num=$1; min=$2; shift 2
	for m in "$@"; do
		before=$(sql "SELECT count(*) FROM messages WHERE dir='out' AND number='$num' AND status='sent'")
		before=${before:-0}
		inject "$num" "$m" --date "20261124T10$(printf %02d "$min")00"
		min=$((min + 1))
		wait_until 10 sh -c "[ \$(sqlite3 '$T/yordam.db' \"SELECT count(*) FROM messages WHERE dir='out' AND number='$num' AND status='sent'\") -gt $before ]"
	done
}

start_daemon
wait_until 10 grep -q started "$T/daemon.log"
wait_until 10 test -f "$T/yordam.db"
converse +77070000001 0 uzbek 1 1 1 20.11 2 1
wait_until 10 sql_is 1 "SELECT count(*) FROM reminders WHERE number='+77070000001'"
ok $? "a reminder is scheduled"
due=$(sql "SELECT due_at FROM reminders WHERE number='+77070000001'")
want=$(date -u -d "2026-12-16 09:00 +0500" +%s)
# entry 20.11 is day 1 of the 30 days: the last day to register is 19.12
eq "for 09:00 three days before the 19.12 deadline" "$due" "$want"

# A second person asks for a reminder, then says STOP.
converse +77070000002 10 uzbek 1 1 1 20.11 2 1 STOP
# A third asks, then their data is deleted.
converse +77070000003 20 uzbek 1 1 1 20.11 2 1
sql "PRAGMA foreign_keys = ON; DELETE FROM contacts WHERE number='+77070000003'" >/dev/null
eq "deleting a person deletes their reminder" "$(sql "SELECT count(*) FROM reminders WHERE number='+77070000003'")" 0

# A date already passed is said, with the dates, and goes to a person.
converse +77070000004 30 uzbek 1 1 1 16.08
eq "a passed stay opens a help request" "$(sql "SELECT count(*) FROM help_requests WHERE number='+77070000004'")" 1
check "  the reply says the last day, 13.11.2026" sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE number='+77070000004' AND dir='out' ORDER BY id DESC LIMIT 1\" | grep -q 13.11.2026"
eq "  and no reminder is offered for a passed date" "$(sql "SELECT count(*) FROM reminders WHERE number='+77070000004'")" 0

crash_daemon
at 2026-12-16 08:30
start_daemon
sleep 1.5
eq "not sent before 09:00" "$(sql "SELECT count(*) FROM messages WHERE node='reminder'")" 0

at 2026-12-16 09:05
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE node='reminder' AND status='sent'"
ok $? "sent after 09:00 on the day, after a kill -9"
eq "to the person who asked" "$(sql "SELECT number FROM messages WHERE node='reminder'")" "+77070000001"
check "with the deadline in it" sh -c "sqlite3 '$T/yordam.db' \"SELECT text FROM messages WHERE node='reminder'\" | grep -q 19.12.2026"
eq "not to the person who said STOP" "$(sql "SELECT status FROM reminders WHERE number='+77070000002'")" scheduled

stop_daemon
start_daemon
sleep 1.5
eq "sent once, also after a restart" "$(sql "SELECT count(*) FROM messages WHERE node='reminder'")" 1
# STOP does not block help
converse +77070000002 40 yordam
eq "who said STOP can still ask for help" "$(sql "SELECT count(*) FROM help_requests WHERE number='+77070000002'")" 1
stop_daemon
done_testing
