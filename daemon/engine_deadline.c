/*
 * engine_deadline.c - the deadline calculator as a conversation.
 *
 * It asks only what it does not know: citizenship (a digit) and the date
 * of entry; then it answers with the dates that follow from the rule in
 * force on that date, names the rule, and offers a reminder.  The
 * question asked is kept in the session (state.pending), so the next SMS
 * is read as its answer; 0, 00 or a help word leave the calculator.
 *
 * Citizenship and entry date against a phone number are a list of people
 * who may be overstaying, so they are kept only while a question needs
 * them (engine_deadline_forget()): once the dates are given, nothing of
 * them is; the reminder offer carries its own day.
 */
#include <stdio.h>
#include <string.h>

#include "yordam/dates.h"
#include "yordam/deadline.h"
#include "engine_private.h"

/* Digit i+1 of the nationality question picks nationalities[i]. */
static const char *const nationalities[] = { "uz", "kg", "tj" };
#define N_NATIONALITIES ((int)(sizeof nationalities / sizeof nationalities[0]))

/*
 * The questions the calculator asks.  state.pending keeps the one asked as
 * text, because the session is stored: "nationality", "entry_date", or
 * "reminder:<day>" for the offer to remind the person of that day.
 */
enum question {
	QUESTION_NONE,          /* none of ours: the usual menu */
	QUESTION_NATIONALITY,
	QUESTION_ENTRY_DATE,
	QUESTION_REMINDER,
};

/* The reminder offer's name carries its day. */
#define REMINDER_QUESTION "reminder:%d"

/* The stored name of a question without a day. */
static const char *
question_name(enum question q)
{
	switch (q) {
	case QUESTION_NATIONALITY:
		return "nationality";
	case QUESTION_ENTRY_DATE:
		return "entry_date";
	case QUESTION_NONE:
	case QUESTION_REMINDER:
		break;
	}
	return "";
}

/* The question state.pending holds; for a reminder offer, *due too. */
static enum question
pending_question(const char *pending, int *due)
{
	if (strcmp(pending, question_name(QUESTION_NATIONALITY)) == 0)
		return QUESTION_NATIONALITY;
	if (strcmp(pending, question_name(QUESTION_ENTRY_DATE)) == 0)
		return QUESTION_ENTRY_DATE;
	/* The day is read by hand, not by sscanf's %d (undefined on
	 * overflow), and only a day the calendar can hold is taken: a
	 * damaged session must not wrap the reminder's arithmetic. */
	if (strncmp(pending, "reminder:", 9) == 0) {
		const char *d = pending + 9;
		long v = 0;
		int n = 0;
		while (*d >= '0' && *d <= '9' && n < 7) {
			v = v * 10 + (*d++ - '0');
			n++;
		}
		if (n > 0 && *d == '\0') {
			*due = (int)v;
			return QUESTION_REMINDER;
		}
	}
	return QUESTION_NONE;
}

/* Ask the nationality or the entry date, and remember that we did. */
static void
ask(struct engine_result *out, enum question q, const char *text)
{
	snprintf(out->state.pending, sizeof out->state.pending, "%s",
		question_name(q));
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
			REMINDER_QUESTION, due);
	} else {
		out->state.pending[0] = '\0';
	}
}

/* Ask what is still missing, or answer once nothing is. */
static void
go_on(const struct content *c, const struct locale *loc,
		const struct engine_params *p, struct engine_result *out)
{
	if (!out->state.nationality[0])
		ask(out, QUESTION_NATIONALITY, loc->ask_nationality);
	else if (out->state.entry_day < 0)
		ask(out, QUESTION_ENTRY_DATE, loc->ask_date);
	else
		answer(c, loc, p, out);
}

void
engine_deadline_start(const struct content *c, const struct locale *loc,
		const struct engine_params *p, const char *norm,
		struct engine_result *out)
{
	int day;

	/* "keldim 12.03": the date came with the question. */
	out->state.entry_day = -1;
	if (dates_parse(norm, p->today, &day) == DATE_OK)
		out->state.entry_day = day;
	go_on(c, loc, p, out);
}

/* The nationality question: a digit. */
static void
answer_nationality(const struct content *c, const struct locale *loc,
		const struct engine_params *p, struct choice choice,
		struct engine_result *out)
{
	if (choice_is_option(choice, N_NATIONALITIES)) {
		snprintf(out->state.nationality, sizeof out->state.nationality,
			"%s", nationalities[choice.option - 1]);
		go_on(c, loc, p, out);
	} else {
		ask(out, QUESTION_NATIONALITY, loc->ask_nationality);
	}
}

/* The entry date question: the dates, or the question again, saying
 * whether the date was not understood or not possible. */
static void
answer_entry_date(const struct content *c, const struct locale *loc,
		const struct engine_params *p, const char *norm,
		struct engine_result *out)
{
	int day;

	switch (dates_parse(norm, p->today, &day)) {
	case DATE_OK:
		out->state.entry_day = day;
		answer(c, loc, p, out);
		break;
	case DATE_UNKNOWN:
		ask(out, QUESTION_ENTRY_DATE, loc->bad_date);
		break;
	default:
		ask(out, QUESTION_ENTRY_DATE, loc->date_again);
		break;
	}
}

/* "Yes, remind me": the reminder, a few days before the date due. */
static void
set_reminder(const struct locale *loc, const struct engine_params *p,
		int due, struct engine_result *out)
{
	char date[11];
	const char *names[] = { "date" };
	const char *values[] = { date };
	const char *text;

	dates_format(due, date);
	out->reminder_day = due - p->reminder_days_before > p->today
		? due - p->reminder_days_before : p->today + 1;
	text = engine_compose(out, loc->reminder, names, values, 1);
	snprintf(out->reminder_text, sizeof out->reminder_text, "%s",
		text ? text : "");
	engine_reply(out, engine_compose(out, loc->reminder_set, names,
		values, 1), "reminder_set");
}

int
engine_deadline_pending(const struct content *c, const struct locale *loc,
		const struct engine_params *p, const char *norm,
		struct choice choice, struct engine_result *out)
{
	int due;

	if (choice.kind == CHOICE_BACK || choice.kind == CHOICE_HOME) {
		out->state.pending[0] = '\0';  /* 0 or 00: leave */
		return 0;
	}
	switch (pending_question(out->state.pending, &due)) {
	case QUESTION_NATIONALITY:
		answer_nationality(c, loc, p, choice, out);
		return 1;
	case QUESTION_ENTRY_DATE:
		answer_entry_date(c, loc, p, norm, out);
		return 1;
	case QUESTION_REMINDER:
		out->state.pending[0] = '\0';
		if (choice.kind != CHOICE_OPTION || choice.option != 1)
			return 0;       /* not 1 (yes): the usual menu */
		set_reminder(loc, p, due, out);
		return 1;
	case QUESTION_NONE:
		break;
	}
	out->state.pending[0] = '\0';
	return 0;
}

/*
 * What the calculator asked is kept only while its question is open:
 * the citizenship while the entry date is asked, the entry date (given
 * with the keyword) while the citizenship is.  Otherwise, once the dates
 * are given, declined or left, neither is kept.
 */
void
engine_deadline_forget(struct conv_state *state)
{
	int due;
	enum question q = pending_question(state->pending, &due);

	if (q != QUESTION_ENTRY_DATE)
		state->nationality[0] = '\0';
	if (q != QUESTION_NATIONALITY)
		state->entry_day = -1;
}
