/*
 * log.c - levelled logging to stderr.
 *
 * yordamd runs in the foreground under systemd, so stderr is the journal;
 * no syslog connection to manage.  When stderr is that journal stream
 * (JOURNAL_STREAM names its device and inode, as systemd documents for
 * this check), each line starts with the sd-daemon(3) priority, <3> to
 * <7>, so `journalctl -p err` finds errors; on a terminal, in a file or
 * in the tests the lines stay plain text.  The people who text this
 * helpline may be undocumented: a log line must never identify them, so
 * there is no format helper for numbers or bodies other than
 * log_private_str().
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "yordam/log.h"

static const char *log_ident = "yordam";
static enum log_level log_threshold = LOG_LVL_INFO;
static int log_show_private;
static int log_to_journal;

/* Is stderr the stream systemd connected to the journal?  Both the
 * device and the inode must match: a child whose stderr was redirected
 * inherits the variable but not the stream. */
int
log_journal_detect(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat sb;
	char end;

	if (!js || sscanf(js, "%llu:%llu%c", &dev, &ino, &end) != 2)
		return 0;
	if (fstat(STDERR_FILENO, &sb) != 0)
		return 0;
	return (unsigned long long)sb.st_dev == dev &&
		(unsigned long long)sb.st_ino == ino;
}

void
log_setup(const char *ident, enum log_level level, int show_private)
{
	log_ident = ident;
	log_threshold = level;
	log_show_private = show_private;
	log_to_journal = log_journal_detect();
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
	/* sd-daemon(3): SD_ERR, SD_WARNING, SD_INFO, SD_DEBUG */
	static const char *prio[] = { "<3>", "<4>", "<6>", "<7>" };
	va_list ap;

	if (level > log_threshold)
		return;
	fprintf(stderr, "%s%s: %s: ", log_to_journal ? prio[level] : "",
		log_ident, names[level]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}
