/*
 * log.c - levelled logging to stderr.
 *
 * yordamd runs in the foreground under systemd, so stderr is the journal;
 * no syslog connection to manage.  The people who text this helpline may
 * be undocumented: a log line must never identify them, so there is no
 * format helper for numbers or bodies other than log_private_str().
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "yordam/log.h"

static const char *log_ident = "yordam";
static enum log_level log_threshold = LOG_LVL_INFO;
static int log_show_private;

void
log_setup(const char *ident, enum log_level level, int show_private)
{
	log_ident = ident;
	log_threshold = level;
	log_show_private = show_private;
}

const char *
log_private_str(const char *s)
{
	return log_show_private ? (s ? s : "(null)") : "<hidden>";
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *names[] = { "error", "warning", "info", "debug" };
	va_list ap;

	if (level > log_threshold)
		return;
	fprintf(stderr, "%s: %s: ", log_ident, names[level]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}
