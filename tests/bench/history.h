/*
 * history.h - a year (or any span) of a helpline's traffic, written into
 * a database through the store's own API (store.h, desk.h), as the
 * gateway and the desk would have written it: shared by `bench history`
 * (the 2 M-message year of `make bench-history`) and tests/unit/plans.c
 * (a small database whose statements' plans are checked).
 */
#ifndef YORDAM_BENCH_HISTORY_H
#define YORDAM_BENCH_HISTORY_H

#include <stddef.h>
#include <stdint.h>

struct store;

struct history_params {
	long messages;          /* about this many rows in messages */
	int numbers;            /* people: "+7701" and 7 digits, 0 .. n-1 */
	int requests;           /* about this many help requests */
	int days;               /* spread over the days before `end` */
	int64_t end;            /* the last message a little before this */
	unsigned seed;
	int progress;           /* a line on stderr every tenth of the way */
};

struct history_counts {
	long in, out, multipart, requests, notes, alerts, reminders,
		unmatched, threaded;
};

/* 0, or -1 with err saying what failed and why (the store's error). */
int history_build(struct store *st, const struct history_params *p,
		struct history_counts *c, char *err, size_t errlen);

#endif
