/*
 * store_trace.c - tests only: every distinct SQL text the store compiles,
 * appended to the file named by YORDAM_SQL_TRACE, one statement a line.
 *
 * tests/plans.sh runs the store's workloads with it set, then asks
 * SQLite for the plan of each statement it collected (EXPLAIN QUERY
 * PLAN), and fails on a full scan of a table that grows with traffic.
 * Unset (always, outside tests) it costs one test of a flag per compile:
 * statements are compiled once per connection (store_prepare()'s cache).
 * Only SQL texts are written, never a bound value (no number, no text of
 * a person): every value reaches SQLite as a parameter.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_private.h"

#define SEEN_MAX 512

void
store_trace_sql(const char *sql)
{
	static int state;       /* 0 not looked, 1 off, 2 on */
	static uint64_t seen[SEEN_MAX];
	static int n_seen;
	const char *path;
	uint64_t h;
	size_t len;
	char *line;
	int fd, i;

	if (state == 0)
		state = (path = getenv("YORDAM_SQL_TRACE")) && *path ? 2 : 1;
	if (state == 1 || !sql)
		return;
	h = store_text_hash(sql);  /* what this process already wrote */
	for (i = 0; i < n_seen; i++)
		if (seen[i] == h)
			return;
	if (n_seen < SEEN_MAX)
		seen[n_seen++] = h;
	/* One write(2) a line on an O_APPEND file: lines from several
	 * processes (yordamd's workers, yordamctl) never interleave. */
	len = strlen(sql);
	if (!(line = malloc(len + 1)))
		return;
	for (i = 0; (size_t)i < len; i++)
		line[i] = sql[i] == '\n' || sql[i] == '\r' ? ' ' : sql[i];
	line[len] = '\n';
	path = getenv("YORDAM_SQL_TRACE");
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0600)) >= 0) {
		if (write(fd, line, len + 1) < 0) {
			/* a trace is a test's aid: its loss fails that test,
			 * which then finds statements missing */
		}
		close(fd);
	}
	free(line);
}
