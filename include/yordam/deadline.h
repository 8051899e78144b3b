/*
 * deadline.h - a person's own dates from the rule in force on their entry.
 *
 * Pure arithmetic over law.h's rules: which rule, and what follows from
 * it.  The day of entry is day 1: "register within 5 days" of an entry on
 * the 12th means by the 16th; a 90-day stay from 12.09 ends on 10.12.
 */
#ifndef YORDAM_DEADLINE_H
#define YORDAM_DEADLINE_H

#include "yordam/law.h"

struct deadline {
	const struct law_rule *rule;
	int entry;
	int register_by;        /* last day to register */
	int free_until;         /* last day without registration */
	int leave_by;           /* last day of the stay; 0: none fixed */
	int window_days;        /* 180 in "90 in any 180", or 0 */
	int window_max_days;
	int stay_with_contract; /* no last day: the contract's term */
	const struct law_rule *also;  /* the rule before, when rule's day in
	                                 force is unknown: the earlier dates */
};

/* 0, or -1 when no rule covers that nationality and entry date.  With
 * conditions, the rule the answers ("work_contract=1;") pick. */
int deadline_compute(const struct law *law, const char *nationality,
		int entry_day, const char *answers, struct deadline *out);

/* The last of n days that start on `day` (day 1), counting only Monday to
 * Friday when working is set; `day` itself for n <= 0. */
int deadline_last_day(int day, int n, int working);

#endif
