/*
 * notify.h - telling systemd what the daemon is doing (sd_notify).
 *
 * Type=notify units: READY once serving, STATUS lines, RELOADING around
 * a SIGHUP, STOPPING, and WATCHDOG pings.  Every call is a no-op when
 * not started by systemd (no NOTIFY_SOCKET), as in the tests and on a
 * terminal.  Only the main process talks: a modem's worker calls
 * notify_forget() after fork (the units say NotifyAccess=main) and
 * beats for the main process instead (heartbeat.h).
 */
#ifndef YORDAM_NOTIFY_H
#define YORDAM_NOTIFY_H

/* Reads WATCHDOG_USEC (and WATCHDOG_PID) once; call at start-up. */
void notify_init(void);
/* The child of a fork: never talk to systemd, no watchdog. */
void notify_forget(void);
/* The longest the loop may sleep between pings, in ms; 0: no watchdog. */
int notify_sleep_max_ms(void);

void notify_ready(void);
void notify_reloading(void);
void notify_stopping(void);
/* STATUS=...; sent only when it changed. */
void notify_status(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* WATCHDOG=1 if a quarter of the watchdog's interval has passed since
 * the last one: cheap to call between every blocking step. */
void notify_watchdog(void);

#endif
