/*
 * deadline.h - a person's own dates from the rule in force on their entry.
 *
 * Pure arithmetic over law.h's rules: which rule, and what follows from
 * it.  Days are counted from the day after entry: "register within 5 days"
 * of an entry on the 12th means by the 17th.
 */
#ifndef YORDAM_DEADLINE_H
#define YORDAM_DEADLINE_H

#include "yordam/law.h"

struct deadline {
	const struct law_rule *rule;
	int entry;
	int register_by;        /* last day to register */
	int free_until;         /* last day without registration */
	int leave_by;           /* last day of the stay */
	int window_days;        /* 180 in "90 in any 180", or 0 */
	int window_max_days;
};

/* 0, or -1 when no rule covers that nationality and entry date. */
int deadline_compute(const struct law *law, const char *nationality,
		int entry_day, struct deadline *out);

/* day + n days, counting only Monday to Friday when working is set. */
int deadline_add_days(int day, int n, int working);

#endif
