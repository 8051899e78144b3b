/*
 * engine_deadline.c - the deadline calculator as a conversation.
 *
 * It asks only what it does not know: citizenship (a digit), the date of
 * entry (unless the first message held it: "keldim 12.03"), and what the
 * rules in force on that date depend on (law/deadlines.conf "when": "do
 * you have a written work contract?"); then it answers with the dates that
 * follow, names the rule, and offers a reminder.  The question asked is
 * kept in the session (state.pending), so the next SMS is read as its
 * answer; 0, 00 or a help word leave the calculator.
 *
 * Two answers go to a person instead of a date: a date that has already
 * passed (the registration day or the last day of the stay: said
 * plainly, with the dates, never just printed), and an earlier stay in
 * the last 180 days under a "90 in any 180" rule (the count needs the
 * person's own history, which a person works out with them).
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
 * text, because the session is stored: "nationality", "entry_date",
 * "earlier_stay", "if:<condition>" for a question a rule depends on, or
 * "reminder:<day>" for the offer to remind the person of that day.
 */
enum question {
	QUESTION_NONE,          /* none of ours: the usual menu */
	QUESTION_NATIONALITY,
	QUESTION_ENTRY_DATE,
	QUESTION_EARLIER_STAY,
	QUESTION_CONDITION,
	QUESTION_REMINDER,
};

#define CONDITION_PREFIX "if:"

/* The answer "no earlier stay in the last 180 days", kept in answers. */
#define NO_EARLIER_STAY "earlier_stay"

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
	case QUESTION_EARLIER_STAY:
		return "earlier_stay";
	case QUESTION_NONE:
	case QUESTION_CONDITION:
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
	if (strcmp(pending, question_name(QUESTION_EARLIER_STAY)) == 0)
		return QUESTION_EARLIER_STAY;
	if (strncmp(pending, CONDITION_PREFIX, strlen(CONDITION_PREFIX)) == 0
	    && pending[strlen(CONDITION_PREFIX)])
		return QUESTION_CONDITION;
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

/* The question of locale loc for condition `name`, or NULL. */
static const char *
condition_text(const struct locale *loc, const char *name)
{
	int i;

	for (i = 0; i < loc->n_conditions; i++)
		if (strcmp(loc->condition_names[i], name) == 0)
			return loc->condition_texts[i];
	return NULL;
}

/* Keep an answer ("work_contract=1;") while the calculator still asks. */
static void
keep_answer(struct conv_state *state, const char *name, int value)
{
	size_t len = strlen(state->answers);

	snprintf(state->answers + len, sizeof state->answers - len, "%s=%d;",
		name, value);
}

/* The dates of a deadline as the texts' [names]: DD.MM.YYYY each. */
struct dates_text {
	char entry[11], reg[11], leave[11], rule[11];
};

static const char *
compose_dates(struct engine_result *out, const char *tmpl,
		const struct deadline *d, struct dates_text *t,
		const char *offer)
{
	const char *names[] = { "entry", "register_by", "leave_by",
		"rule_date", "offer" };
	const char *values[] = { t->entry, t->reg, t->leave, t->rule, offer };

	dates_format(d->entry, t->entry);
	dates_format(d->register_by, t->reg);
	dates_format(d->leave_by ? d->leave_by : d->register_by, t->leave);
	dates_format(d->rule->from, t->rule);
	return engine_compose(out, tmpl, names, values, 5);
}

/*
 * A date that has passed, or a count that needs the person's history:
 * said plainly, with the dates, and a person takes it from there (a help
 * request; the reply in the thread shows staff the dates).  Nothing of
 * it is kept in the session: the reply holds it.
 */
static void
to_a_person(const struct content *c, const struct deadline *d,
		const char *tmpl,
		struct engine_result *out)
{
	struct dates_text t;
	int k = 0;

	while (k < c->n_nodes && c->nodes[k].type != NODE_DEADLINE)
		k++;            /* the calculator's node names the request */
	out->state.pending[0] = '\0';
	out->help_requested = 1;
	out->help_topic = c->nodes[k < c->n_nodes ? k : c->home].id;
	engine_reply(out, compose_dates(out, tmpl, d, &t, ""), "deadline");
}

/* The dates for the remembered nationality and entry, as one reply. */
static void
answer(const struct locale *loc, const struct engine_params *p,
		const struct deadline *d, struct engine_result *out)
{
	struct dates_text t;
	const char *text, *tmpl, *offer = "";
	char with_check[ENGINE_TEXT_MAX];
	int due;

	due = d->register_by >= p->today ? d->register_by : d->leave_by;
	if (due >= p->today && loc->reminder_offer)
		offer = loc->reminder_offer;
	tmpl = d->stay_with_contract ? loc->deadline_result_contract
		: d->window_days ? loc->deadline_result_window
		: loc->deadline_result;
	text = compose_dates(out, tmpl, d, &t, offer);
	if (text && d->rule->to_verify && loc->check_hotline) {
		snprintf(with_check, sizeof with_check, "%s\n%s", text,
			loc->check_hotline);
		snprintf(out->buf[out->n_replies], ENGINE_TEXT_MAX, "%s",
			with_check);
	}
	engine_reply(out, text, "deadline");
	/* Offer a reminder for the next date still ahead. */
	if (*offer)
		snprintf(out->state.pending, sizeof out->state.pending,
			REMINDER_QUESTION, due);
	else
		out->state.pending[0] = '\0';
}

/* Ask what is still missing, or answer once nothing is. */
static void
go_on(const struct content *c, const struct locale *loc,
		const struct engine_params *p, struct engine_result *out)
{
	struct conv_state *st = &out->state;
	struct deadline d;
	const char *cond;

	if (!st->nationality[0]) {
		ask(out, QUESTION_NATIONALITY, loc->ask_nationality);
		return;
	}
	if (st->entry_day < 0) {
		ask(out, QUESTION_ENTRY_DATE, loc->ask_date);
		return;
	}
	cond = law_next_question(&c->law, st->nationality, st->entry_day,
		st->answers);
	if (cond && condition_text(loc, cond) &&
	    strlen(cond) + strlen(CONDITION_PREFIX) < sizeof st->pending) {
		snprintf(st->pending, sizeof st->pending, CONDITION_PREFIX "%s",
			cond);
		engine_reply(out, condition_text(loc, cond), "deadline");
		return;
	}
	if (deadline_compute(&c->law, st->nationality, st->entry_day,
	    st->answers, &d) != 0) {
		st->pending[0] = '\0';
		engine_reply(out, loc->no_rule, "deadline");
		return;
	}
	/* The last day to be here has passed, or the last to register. */
	if (d.leave_by && d.leave_by < p->today) {
		to_a_person(c, &d, loc->stay_passed, out);
		return;
	}
	if (d.rule->register_within_days && d.register_by < p->today) {
		to_a_person(c, &d, loc->registration_passed, out);
		return;
	}
	/* "90 in any 180" counts earlier stays: ask once. */
	if (d.window_days && law_answer_of(st->answers, NO_EARLIER_STAY) < 0) {
		struct dates_text t;
		snprintf(st->pending, sizeof st->pending, "%s",
			question_name(QUESTION_EARLIER_STAY));
		engine_reply(out, compose_dates(out, loc->ask_earlier_stay, &d,
			&t, ""), "deadline");
		return;
	}
	answer(loc, p, &d, out);
}

void
engine_deadline_start(const struct content *c, const struct locale *loc,
		const struct engine_params *p, const char *norm,
		struct engine_result *out)
{
	int day;

	/* "keldim 12.03": the date came with the question. */
	out->state.entry_day = -1;
	out->state.answers[0] = '\0';
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
		go_on(c, loc, p, out);
		break;
	case DATE_UNKNOWN:
		ask(out, QUESTION_ENTRY_DATE, loc->bad_date);
		break;
	default:
		ask(out, QUESTION_ENTRY_DATE, loc->date_again);
		break;
	}
}

/* A yes/no question: 1 yes, 2 no; -1 for anything else. */
static int
yes_no(struct choice choice)
{
	if (choice.kind == CHOICE_OPTION && (choice.option == 1 ||
	    choice.option == 2))
		return choice.option == 1;
	return -1;
}

/* Were you here in the 180 days before?  Yes: a person counts. */
static void
answer_earlier_stay(const struct content *c, const struct locale *loc,
		const struct engine_params *p, struct choice choice,
		struct engine_result *out)
{
	struct deadline d;

	switch (yes_no(choice)) {
	case 1:
		if (deadline_compute(&c->law, out->state.nationality,
		    out->state.entry_day, out->state.answers, &d) == 0) {
			to_a_person(c, &d, loc->earlier_stay_person, out);
			return;
		}
		break;
	case 0:
		keep_answer(&out->state, NO_EARLIER_STAY, 0);
		break;
	default:
		break;
	}
	go_on(c, loc, p, out);
}

/* A question a rule depends on: 1 yes, 2 no, or the question again. */
static void
answer_condition(const struct content *c, const struct locale *loc,
		const struct engine_params *p, struct choice choice,
		struct engine_result *out)
{
	char name[sizeof out->state.pending];
	int v = yes_no(choice);

	snprintf(name, sizeof name, "%s", out->state.pending +
		strlen(CONDITION_PREFIX));
	if (v >= 0)
		keep_answer(&out->state, name, v);
	out->state.pending[0] = '\0';
	go_on(c, loc, p, out);
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
	case QUESTION_EARLIER_STAY:
		answer_earlier_stay(c, loc, p, choice, out);
		return 1;
	case QUESTION_CONDITION:
		answer_condition(c, loc, p, choice, out);
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
 * What the calculator asked is kept only while its questions are open:
 * the citizenship while the entry date is asked, the entry date (given
 * with the keyword) while the citizenship is, both and the answers so far
 * while a condition or an earlier stay is asked.  Otherwise, once the
 * dates are given, declined or left, none of it is kept.
 */
void
engine_deadline_forget(struct conv_state *state)
{
	int due;
	enum question q = pending_question(state->pending, &due);
	int asking_more = q == QUESTION_CONDITION ||
		q == QUESTION_EARLIER_STAY;

	if (q != QUESTION_ENTRY_DATE && !asking_more)
		state->nationality[0] = '\0';
	if (q != QUESTION_NATIONALITY && !asking_more)
		state->entry_day = -1;
	if (!asking_more)
		state->answers[0] = '\0';
}
