#!/bin/sh
# plans.sh - the query plan of every statement the store compiles (make
# check): a full scan of a table that grows with traffic (messages,
# parts, help requests, reminders, alerts, notes, audit, unmatched,
# sessions...) fails, naming the statement and its plan, and so does a
# statement of the store that no workload here compiled.
#
# The store writes each SQL text it compiles to $YORDAM_SQL_TRACE
# (daemon/store_trace.c).  Workloads: tests/unit/plans.c (a few weeks of
# traffic written through the store's API by tests/bench/history.c, then
# every store function the daemon, yordamctl and the console call) and
# the store's and the gateway's unit tests.  The statements to cover are
# the SQL texts in the store's objects (strings(1)).  The database is
# small: a plan depends on the schema's indexes and on ANALYZE (never
# run by Yordam), not on how many rows there are.
SRC=${top_srcdir:-.}
BUILD=${top_builddir:-.}
W=$(mktemp -d /tmp/yordam-plans.XXXXXX)
trap 'rm -rf "$W"' EXIT

YORDAM_SQL_TRACE=$W/trace.sql
export YORDAM_SQL_TRACE
if ! "$BUILD/tests/unit/plans" run "$W" 2>"$W/err"; then
	echo "1..1"
	echo "not ok 1 - the workload failed: $(cat "$W/err")"
	exit 1
fi
for t in test_store test_gateway; do
	CK_VERBOSITY=silent CK_FORK=no "$BUILD/tests/unit/$t" >/dev/null 2>&1 || {
		echo "1..1"
		echo "not ok 1 - tests/unit/$t failed under the trace"
		exit 1
	}
done
unset YORDAM_SQL_TRACE
strings -n 8 "$BUILD"/daemon/*store*.o |
	grep -E '^(SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE) ' |
	sort -u > "$W/static.sql"
"$BUILD/tests/unit/plans" check "$W/plans.db" "$W/trace.sql" "$W/static.sql"
