/*
 * engine_deadline.c - the deadline calculator as a conversation.
 *
 * It asks only what it does not know: citizenship (a digit, remembered
 * for next time) and the date of entry; then it answers with the dates
 * that follow from the rule in force on that date, names the rule, and
 * offers a reminder.  The question asked is kept in the session
 * (state.pending), so the next SMS is read as its answer; 0, 00 or a help
 * word leave the calculator.
 */
#include <stdio.h>
#include <string.h>

#include "yordam/dates.h"
#include "yordam/deadline.h"
#include "engine_private.h"

/* Digit i+1 of the nationality question picks nationalities[i]. */
static const char *const nationalities[] = { "uz", "kg", "tj" };
#define N_NATIONALITIES ((int)(sizeof nationalities / sizeof nationalities[0]))

static void
ask(struct engine_result *out, const char *pending, const char *text)
{
	snprintf(out->state.pending, sizeof out->state.pending, "%s", pending);
	engine_reply(out, text, "deadline");
}

/* The dates for the remembered nationality and entry, as one reply. */
static void
answer(const struct content *c, const struct locale *loc,
		const struct engine_params *p, struct engine_result *out)
{
	struct deadline d;
	char entry[11], reg[11], leave[11], rule[11];
	const char *names[] = { "entry", "register_by", "leave_by",
		"rule_date", "offer" };
	const char *values[] = { entry, reg, leave, rule, "" };
	const char *text;
	char with_check[ENGINE_TEXT_MAX];
	int due;

	if (deadline_compute(&c->law, out->state.nationality,
	    out->state.entry_day, &d) != 0) {
		out->state.pending[0] = '\0';
		engine_reply(out, loc->no_rule, "deadline");
		return;
	}
	dates_format(d.entry, entry);
	dates_format(d.register_by, reg);
	dates_format(d.leave_by ? d.leave_by : d.register_by, leave);
	dates_format(d.rule->from, rule);
	due = d.register_by > p->today ? d.register_by : d.leave_by;
	if (due > p->today && loc->reminder_offer)
		values[4] = loc->reminder_offer;
	/* "90 in any 180" rules say so: the person knows earlier stays. */
	text = engine_compose(out, d.window_days ? loc->deadline_result_window
		: loc->deadline_result, names, values, 5);
	if (text && d.rule->to_verify && loc->check_hotline) {
		snprintf(with_check, sizeof with_check, "%s\n%s", text,
			loc->check_hotline);
		snprintf(out->buf[out->n_replies], ENGINE_TEXT_MAX, "%s",
			with_check);
	}
	engine_reply(out, text, "deadline");
	/* Offer a reminder for the next date still ahead. */
	if (due > p->today) {
		snprintf(out->state.pending, sizeof out->state.pending,
			"reminder:%d", due);
	} else {
		out->state.pending[0] = '\0';
	}
}

void
engine_deadline_start(const struct content *c, const struct locale *loc,
		const struct engine_params *p, const char *norm,
		struct engine_result *out)
{
	int day;

	if (!out->state.nationality[0]) {
		ask(out, "nationality", loc->ask_nationality);
		return;
	}
	/* "keldim 12.03": the date came with the question. */
	if (dates_parse(norm, p->today, &day) == DATE_OK) {
		out->state.entry_day = day;
		answer(c, loc, p, out);
		return;
	}
	ask(out, "entry_date", loc->ask_date);
}

int
engine_deadline_pending(const struct content *c, const struct locale *loc,
		const struct engine_params *p, const char *norm,
		struct choice choice, struct engine_result *out)
{
	const char *pending = out->state.pending;
	int day, due;

	if (choice.kind == CHOICE_BACK || choice.kind == CHOICE_HOME) {
		/* 0 or 00: leave */
		out->state.pending[0] = '\0';
		return 0;
	}
	if (strcmp(pending, "nationality") == 0) {
		if (choice_is_option(choice, N_NATIONALITIES)) {
			snprintf(out->state.nationality,
				sizeof out->state.nationality, "%s",
				nationalities[choice.option - 1]);
			engine_deadline_start(c, loc, p, "", out);
		} else {
			ask(out, "nationality", loc->ask_nationality);
		}
		return 1;
	}
	if (strcmp(pending, "entry_date") == 0) {
		switch (dates_parse(norm, p->today, &day)) {
		case DATE_OK:
			out->state.entry_day = day;
			answer(c, loc, p, out);
			break;
		case DATE_UNKNOWN:
			ask(out, "entry_date", loc->bad_date);
			break;
		default:
			ask(out, "entry_date", loc->date_again);
			break;
		}
		return 1;
	}
	if (sscanf(pending, "reminder:%d", &due) == 1) {
		char date[11];
		const char *names[] = { "date" };
		const char *values[] = { date };
		const char *text;

		out->state.pending[0] = '\0';
		if (choice.kind != CHOICE_OPTION || choice.option != 1)
			return 0;       /* anything else: the usual menu */
		dates_format(due, date);
		out->reminder_day = due - p->reminder_days_before > p->today
			? due - p->reminder_days_before : p->today + 1;
		text = engine_compose(out, loc->reminder, names, values, 1);
		snprintf(out->reminder_text, sizeof out->reminder_text, "%s",
			text ? text : "");
		engine_reply(out, engine_compose(out, loc->reminder_set, names,
			values, 1), "reminder_set");
		return 1;
	}
	out->state.pending[0] = '\0';
	return 0;
}
