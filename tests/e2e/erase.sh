# erase.sh - after the erase word, nothing of the person is left: not in
# any table, not in the bytes of the database, its write-ahead log or
# shared memory, not in the daemon's log.  A person who texts the
# helpline may be undocumented or hiding from an employer; a database
# that is seized or copied must not name them once they asked to go.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

A=+77090000100
P=+77015550123                  # the person
O=+77015550999                  # someone else, who stays
cat >> "$T/yordam.conf" <<CONF
timezone = "<+05>-5";
staff = (
  { name = "Aigerim"; phone = "$A"; pin = "482913"; on_call = "always"; }
);
CONF
export YORDAM_CLOCK_FILE="$T/clock"
now=$(date -u -d "2026-11-24 10:00 +0500" +%s)
echo $now > "$T/clock"
tick() { now=$((now + $1)); echo $now > "$T/clock.tmp"; mv "$T/clock.tmp" "$T/clock"; }

# Which of the files (the database, its WAL and shm, the daemon's log)
# hold these bytes: empty if none.
traces() {
	for f in "$T/yordam.db" "$T/yordam.db-wal" "$T/yordam.db-shm" "$T/daemon.log"; do
		[ -f "$f" ] && grep -qaF -- "$1" "$f" && printf ' %s' "${f##*/}"
	done
}

start_daemon
wait_until 10 test -f "$T/yordam.db"
says $P "salom, men Zarina Yusupova"
says $P uzbek
# The deadline calculator, and a reminder of the date.
for m in 1 1 1 20.11 2 1; do says $P "$m"; done
eq "a reminder is scheduled" "$(sql "SELECT count(*) FROM reminders WHERE number='$P'")" 1
says $P "Almaty, Stroy LLP: pasportimni olib qo'yishdi"
says $O "meni urdi"
wait_until 10 sql_is 2 "SELECT count(*) FROM messages WHERE number='$A' AND node='staff-alert' AND status='sent'"
ok $? "the on-call phone is alerted, quoting the person"
id=$(sql "SELECT id FROM help_requests WHERE number='$P'")
other=$(sql "SELECT id FROM help_requests WHERE number='$O'")
inject $A "482913 ACK $id" --date 20261124T055000
inject $A "482913 NEXT" --date 20261124T055100
inject $A "482913 R $id Zarina, we call you at 5" --date 20261124T055200
inject $A "482913 NOTE $id Zarina works at Stroy LLP site 4" --date 20261124T055300
inject $A "482913 NOTE $other called back" --date 20261124T055400
"$CTL" -c "$T/yordam.conf" note "$id" "Zarina, Almaty: passport held" --as Timur >/dev/null
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE number='$P' AND node='staff' AND status='sent'"
ok $? "a staff reply reaches the person"
eq "the notes are kept" "$(sql "SELECT count(*) FROM notes WHERE request_id=$id")" 2
check "until now the files hold the name" test -n "$(traces Zarina)"

# The erase word.
inject $P "o'chir" --date 20261124T060000
wait_until 10 sql_is 1 "SELECT count(*) FROM messages WHERE number='$P' AND node='deleted' AND status='sent'"
ok $? "the erase word is answered"
eq "by the confirmation, which has left" "$(sql "SELECT node || ' ' || status FROM messages WHERE number='$P'")" "deleted sent"
eq "and nothing else about the person is in the tables" "$(sql "SELECT (SELECT count(*) FROM messages WHERE number='$P' AND node!='deleted') + (SELECT count(*) FROM help_requests WHERE number='$P') + (SELECT count(*) FROM contacts WHERE number='$P') + (SELECT count(*) FROM reminders) + (SELECT count(*) FROM sessions WHERE number='$P') + (SELECT count(*) FROM parts WHERE sender='$P') + (SELECT count(*) FROM notes WHERE request_id=$id) + (SELECT count(*) FROM audit WHERE request_id=$id) + (SELECT count(*) FROM alerts WHERE request_id=$id)")" 0
eq "nor in the staff SMS about their case" "$(sql "SELECT count(*) FROM messages WHERE number='$A' AND (text GLOB '#$id[ :]*' OR ' ' || text || ' ' GLOB '* $id *')")" 0
eq "the other person's case stays, with its note" "$(sql "SELECT count(*) FROM notes WHERE request_id=$other")" 1

# A minute after it left, the confirmation goes too; then the WAL is
# wiped.
tick 120
wait_until 10 sql_is 0 "SELECT count(*) FROM messages WHERE number='$P'"
ok $? "the confirmation is removed a minute after it was sent"
wait_until 10 test ! -s "$T/yordam.db-wal"
ok $? "the write-ahead log is checkpointed and truncated"
for s in "$P" "${P#+}" Zarina Yusupova Almaty Stroy "passport held"; do
	eq "no bytes of '$s' in the database, its WAL, shm or the log" "$(traces "$s")" ""
done
eq "the daily counts keep what was erased" "$(sql "SELECT sum(n) >= 10 FROM tallies")" 1
stop_daemon
for s in "$P" Zarina Stroy; do
	eq "nor after yordamd stopped: '$s'" "$(traces "$s")" ""
done
done_testing
