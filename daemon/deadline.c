/*
 * deadline.c - from an entry date to the dates that matter.
 *
 * Days are counted as the law counts them: the day of entry is day 1, so
 * a stay of 90 days ends on entry + 89, and "register within 30 days"
 * means by entry + 29.  Where the law's counting is unclear this gives
 * the earlier date, which the replies call "at the latest": a day early
 * costs a person nothing, a day late can cost a fine or a ban.
 *
 * The stay limit is the rule's max_stay_days, or for a "90 in any 180"
 * rule the 90 days themselves, assuming no other stay in the 180 days
 * before: the calculator asks, because the person knows and we do not.
 */
#include <string.h>

#include "yordam/dates.h"
#include "yordam/deadline.h"

int
deadline_last_day(int day, int n, int working)
{
	if (n <= 0)
		return day;
	if (!working)
		return day + n - 1;
	/* The entry day is day 1 if it is a working day. */
	if (dates_weekday(day) < 5)
		n--;
	while (n > 0) {
		day++;
		if (dates_weekday(day) < 5)
			n--;
	}
	return day;
}

/* The earlier of two last days, where 0 is "no last day". */
static int
earlier(int a, int b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a < b ? a : b;
}

/* The dates rule r alone gives for an entry on `entry`. */
static void
apply_rule(const struct law_rule *r, int entry, struct deadline *out)
{
	out->rule = r;
	out->entry = entry;
	out->register_by = deadline_last_day(entry, r->register_within_days,
		r->working_days);
	out->free_until = deadline_last_day(entry,
		r->stay_without_registration_days, 0);
	if (r->max_stay_days)
		out->leave_by = deadline_last_day(entry, r->max_stay_days, 0);
	else if (r->window_max_days)
		out->leave_by = deadline_last_day(entry, r->window_max_days, 0);
	else
		out->leave_by = 0;
	out->window_days = r->window_days;
	out->window_max_days = r->window_max_days;
	out->stay_with_contract = r->stay_with_contract;
}

int
deadline_compute(const struct law *law, const char *nationality,
		int entry, const char *answers, struct deadline *out)
{
	const struct law_rule *r = law_rule_answered(law, nationality, entry,
		answers), *before;
	struct deadline old;

	memset(out, 0, sizeof *out);
	if (!r)
		return -1;
	apply_rule(r, entry, out);
	/* Not known to be in force yet: the rule before it may still be, so
	 * each date is the earlier of the two. */
	if (r->in_force_known || !(before = law_rule_before(law, r, answers)))
		return 0;
	memset(&old, 0, sizeof old);
	apply_rule(before, entry, &old);
	out->register_by = earlier(out->register_by, old.register_by);
	out->free_until = earlier(out->free_until, old.free_until);
	out->leave_by = earlier(out->leave_by, old.leave_by);
	if (!out->window_days) {
		out->window_days = old.window_days;
		out->window_max_days = old.window_max_days;
	}
	out->stay_with_contract = out->stay_with_contract &&
		old.stay_with_contract;
	out->also = before;
	return 0;
}
