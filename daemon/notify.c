/*
 * notify.c - sd_notify for yordamd and yordam-web, through libsystemd.
 *
 * Debian's libsystemd rather than a hand-written notify socket protocol:
 * it knows the abstract socket names, credentials and the watchdog
 * variables' rules (WATCHDOG_PID must be ours) as systemd changes them.
 * Pings go out every quarter of WatchdogSec, so that one modem call
 * blocking for 30 s between two of them still stays inside the limit.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <systemd/sd-daemon.h>

#include "yordam/notify.h"

static unsigned long long wd_usec;      /* 0: no watchdog */
static unsigned long long last_ping;
static int forgotten;
static char last_status[256];

static unsigned long long
now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000ULL +
		(unsigned long long)ts.tv_nsec / 1000ULL;
}

void
notify_init(void)
{
	uint64_t usec = 0;

	wd_usec = sd_watchdog_enabled(0, &usec) > 0 ? usec : 0;
	last_ping = 0;
}

void
notify_forget(void)
{
	forgotten = 1;
	wd_usec = 0;
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
}

int
notify_sleep_max_ms(void)
{
	/* An eighth: a ping due a quarter in, plus this sleep, stays well
	 * inside the half of WatchdogSec that sd_watchdog_enabled(3) asks. */
	unsigned long long ms = wd_usec / 8000ULL;

	return wd_usec ? (ms > 0 ? (int)(ms > 60000 ? 60000 : ms) : 1) : 0;
}

static void
say(const char *what)
{
	if (!forgotten)
		sd_notify(0, what);
}

void
notify_ready(void)
{
	say("READY=1");
}

void
notify_reloading(void)
{
	char buf[64];

	/* MONOTONIC_USEC: what Type=notify-reload wants with it. */
	snprintf(buf, sizeof buf, "RELOADING=1\nMONOTONIC_USEC=%llu",
		now_usec());
	say(buf);
}

void
notify_stopping(void)
{
	say("STOPPING=1");
}

void
notify_status(const char *fmt, ...)
{
	char buf[sizeof last_status + 8];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + 7, sizeof buf - 7, fmt, ap);
	va_end(ap);
	buf[sizeof last_status + 6] = '\0';    /* as long as last_status */
	if (strcmp(buf + 7, last_status) == 0)
		return;
	memcpy(last_status, buf + 7, strlen(buf + 7) + 1);
	memcpy(buf, "STATUS=", 7);
	say(buf);
}

void
notify_watchdog(void)
{
	unsigned long long now;

	if (!wd_usec)
		return;
	now = now_usec();
	if (last_ping && now - last_ping < wd_usec / 4)
		return;
	last_ping = now;
	say("WATCHDOG=1");
}
