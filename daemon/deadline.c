/*
 * deadline.c - from an entry date to the dates that matter.
 *
 * The stay limit is the rule's max_stay_days, or for a "90 in any 180"
 * rule the 90 days themselves, assuming no other stay in the 180 days
 * before: the reply says so, because the person knows and we do not.
 */
#include <string.h>

#include "yordam/dates.h"
#include "yordam/deadline.h"

int
deadline_add_days(int day, int n, int working)
{
	if (!working)
		return day + n;
	while (n > 0) {
		day++;
		if (dates_weekday(day) < 5)
			n--;
	}
	return day;
}

int
deadline_compute(const struct law *law, const char *nationality,
		int entry, struct deadline *out)
{
	const struct law_rule *r = law_rule_for(law, nationality, entry);

	memset(out, 0, sizeof *out);
	if (!r)
		return -1;
	out->rule = r;
	out->entry = entry;
	out->register_by = deadline_add_days(entry, r->register_within_days,
		r->working_days);
	out->free_until = entry + r->stay_without_registration_days;
	if (r->max_stay_days)
		out->leave_by = entry + r->max_stay_days;
	else if (r->window_max_days)
		out->leave_by = entry + r->window_max_days;
	else
		out->leave_by = 0;
	out->window_days = r->window_days;
	out->window_max_days = r->window_max_days;
	return 0;
}
