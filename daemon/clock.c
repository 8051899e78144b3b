/*
 * clock.c - local days and hours, and the test clock.
 *
 * The daemon sets TZ once at start, so localtime_r() and mktime() speak
 * the deployment's zone whatever the box is set to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "yordam/clock.h"
#include "yordam/dates.h"

int
clock_set_timezone(const char *tz)
{
	if (!tz)
		return 0;
	if (setenv("TZ", tz, 1) != 0)
		return -1;
	tzset();
	return 0;
}

int64_t
clock_now(void)
{
	const char *path = getenv("YORDAM_CLOCK_FILE");
	long long t;
	FILE *f;

	if (path && (f = fopen(path, "r")) != NULL) {
		int ok = fscanf(f, "%lld", &t) == 1;
		fclose(f);
		if (ok)
			return t;
	}
	return (int64_t)time(NULL);
}

int
clock_local_day(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	return dates_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int
clock_local_hour(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	return tm.tm_hour;
}

int64_t
clock_at(int day, int hour)
{
	struct tm tm = { 0 };
	int y, m, d;

	dates_to_ymd(day, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hour;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* Seconds on a clock that never jumps: for how long a step took, never
 * for when something happened. */
double
clock_monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}
