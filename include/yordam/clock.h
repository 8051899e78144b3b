/*
 * clock.h - the time the daemon acts on, and the deployment's calendar.
 *
 * Reminders depend on days and hours in the deployment's time zone, and
 * tests must be able to move time forward: clock_now() reads the time from
 * the file named by YORDAM_CLOCK_FILE when it is set (tests only; the file
 * holds Unix seconds), else from the system clock.
 */
#ifndef YORDAM_CLOCK_H
#define YORDAM_CLOCK_H

#include <stdint.h>

/* Use this zone ("Asia/Almaty"); NULL keeps the system's.  0 or -1. */
int clock_set_timezone(const char *tz);
int64_t clock_now(void);
int clock_local_day(int64_t t);         /* dates.h day number */
int clock_local_hour(int64_t t);
int64_t clock_at(int day, int hour);    /* that local day and hour */
double clock_monotonic(void);           /* seconds, for durations */

#endif
