#!/bin/sh
# kannel-flows.sh - conversations, the desk, a staff day and reminders
# (tests/e2e/conversation.sh, desk.sh, deskday.sh, reminder.sh) run again
# behind a real Kannel: the same checks, the SMS going through bearerbox
# and smsbox to yordamd's Kannel transport, the replies back through
# sendsms to fakesmsc.  Each test's TAP lines are renumbered into one
# plan, named by the test they come from.  Skipped without Kannel.
SRC=$(cd "${top_srcdir:-.}" && pwd)
if ! [ -x /usr/sbin/bearerbox ] || ! [ -x /usr/lib/kannel/test/fakesmsc ]; then
	echo "ok 1 # SKIP Kannel is not installed"
	echo "1..1"
	exit 0
fi
for t in conversation desk deskday reminder; do
	out=$(E2E_TRANSPORT=kannel /bin/sh "$SRC/tests/e2e/$t.sh" 2>&1)
	rc=$?
	plan=$(printf '%s\n' "$out" | sed -n 's/^1\.\.\([0-9]*\)$/\1/p')
	got=$(printf '%s\n' "$out" | grep -c '^\(not \)\?ok ')
	printf '%s\n' "$out" | while IFS= read -r line; do
		case $line in
		"ok "*|"not ok "*) ;;
		"#"*) echo "$line"; continue ;;
		*) continue ;;
		esac
		echo "$line" | sed "s/^\(not \)\{0,1\}ok [0-9]* /\1ok X [$t] /"
	done
	# a test that stopped early or failed is a failure here too
	if [ "$rc" -eq 0 ] && [ -n "$plan" ] && [ "$plan" = "$got" ]; then
		echo "ok X [$t] ran whole ($got checks)"
	else
		echo "not ok X [$t] exit $rc, $got of ${plan:-no plan} checks"
	fi
done | awk '/^(not )?ok X / { c++; sub(/ X /, " " c " ") } { print } END { print "1.." c }'
