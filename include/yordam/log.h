/*
 * log.h - the daemon's one way to say what happens.
 *
 * Messages go to stderr (which systemd's journal collects) with a level
 * prefix, and the sd-daemon(3) priority (<3> error ... <7> debug) in front
 * when stderr is the journal stream (JOURNAL_STREAM), which log_setup()
 * looks at.  Phone numbers and message bodies never go through here unless
 * the operator set log_private: callers pass them through log_private_str(),
 * which masks them by default.
 */
#ifndef YORDAM_LOG_H
#define YORDAM_LOG_H

enum log_level { LOG_LVL_ERROR, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

void log_setup(const char *ident, enum log_level level, int show_private);
/* 1 if JOURNAL_STREAM names stderr's device and inode (systemd's journal). */
int log_journal_detect(void);
void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "<hidden>" unless private logging is on. */
const char *log_private_str(const char *s);

#define log_error(...) log_msg(LOG_LVL_ERROR, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)

#endif
