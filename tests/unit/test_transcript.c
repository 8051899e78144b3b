/*
 * test_transcript.c - the shipped content, walked as a person would:
 * for every language, choose it, then reach an answer under every topic of
 * the main menu.  The transcript is printed as TAP comments, so a reviewer
 * can read what each language says without a phone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/engine.h"
#include "yordam/sms.h"

static struct content *c;
static struct yordam_config cfg;

static void
setup(void)
{
	const char *top = getenv("top_srcdir");
	struct content_errors errs;
	int i;

	test_config_placeholders(&cfg);
	if (content_load(top ? top : ".", &cfg, &c, &errs) != 0) {
		for (i = 0; i < errs.n; i++)
			fprintf(stderr, "%s\n", errs.msgs[i]);
		abort();
	}
}

static void
teardown(void)
{
	content_free(c);
}

static void
show(const char *who, const char *text)
{
	const char *p;

	printf("# %s ", who);
	for (p = text; *p; p++)
		if (*p == '\n')
			printf("\n#      ");
		else
			putchar(*p);
	putchar('\n');
}

/* Walk language l, topic `topic` (1-based) down to a leaf. */
static void
walk(int l, int topic)
{
	const struct engine_params params = { .session_timeout = 1800, .today = 20781, .reminder_days_before = 3 };
	struct conv_state st;
	struct engine_result r;
	int64_t now = 1000000;
	char digit[16];
	int depth, k;

	memset(&st, 0, sizeof st);
	engine_step(c, &params, &st, "?", now++, &r);
	st = r.state;
	snprintf(digit, sizeof digit, "%d", l + 1);
	engine_step(c, &params, &st, digit, now++, &r);
	st = r.state;
	ck_assert_str_eq(st.lang, c->locales[l].code);
	k = c->home;
	snprintf(digit, sizeof digit, "%d", topic);
	for (depth = 0; depth < 4; depth++) {
		struct sms_measure m;
		show(">", digit);
		engine_step(c, &params, &st, digit, now++, &r);
		st = r.state;
		ck_assert_int_ge(r.n_replies, 1);
		show("<", r.replies[r.n_replies - 1].text);
		sms_measure(r.replies[r.n_replies - 1].text, &m);
		ck_assert_int_le(m.parts, 2);
		k = content_node_index(c, r.replies[r.n_replies - 1].node);
		if (k < 0 || c->nodes[k].type != NODE_MENU)
			break;
		snprintf(digit, sizeof digit, "1");
	}
	ck_assert_msg(k >= 0 && c->nodes[k].type != NODE_MENU,
		"topic %d in %s ends on a menu", topic, c->locales[l].code);
}

START_TEST(every_topic_in_every_language)
{
	int l, t;

	for (l = 0; l < c->n_offered; l++) {
		printf("# ---- %s\n", c->locales[l].name);
		for (t = 1; t <= c->nodes[c->home].n_options; t++)
			walk(l, t);
	}
}
END_TEST

/* The deadline calculator, in every language: answer and reminder
 * within two SMS, with the dates of the rule in force. */
START_TEST(deadline_in_every_language)
{
	const struct engine_params params = { .session_timeout = 1800,
		.today = 20781, .reminder_days_before = 3 };
	const char *steps[] = { "1", "4", "1", "20.11", "1" };
	int l, i;

	for (l = 0; l < c->n_locales; l++) {
		struct conv_state st;
		struct engine_result r;
		int64_t now = 1000000;

		memset(&st, 0, sizeof st);
		st.entry_day = -1;
		snprintf(st.lang, sizeof st.lang, "%s", c->locales[l].code);
		snprintf(st.path, sizeof st.path, "home");
		st.last_seen = now;
		printf("# ---- deadline, %s\n", c->locales[l].code);
		for (i = 0; i < 5; i++) {
			struct sms_measure m;
			show(">", steps[i]);
			engine_step(c, &params, &st, steps[i], ++now, &r);
			st = r.state;
			ck_assert_int_ge(r.n_replies, 1);
			show("<", r.replies[0].text);
			sms_measure(r.replies[0].text, &m);
			ck_assert_msg(m.parts <= 2, "%s step %d: %d parts",
				c->locales[l].code, i, m.parts);
		}
		/* 20.11.2026, Uzbek rule of 2023: 30 days, remind 3 before;
		 * the citizenship is not kept once the dates are given */
		ck_assert_str_eq(st.nationality, "");
		ck_assert_int_gt(r.reminder_day, 0);
		ck_assert_ptr_nonnull(strstr(r.reminder_text, ".2026"));
	}
}
END_TEST

START_TEST(four_languages_offered)
{
	ck_assert_int_eq(c->n_offered, 4);
	ck_assert_ptr_nonnull(content_locale(c, "uz"));
	ck_assert_ptr_nonnull(content_locale(c, "ky"));
	ck_assert_ptr_nonnull(content_locale(c, "tg"));
	ck_assert_ptr_nonnull(content_locale(c, "ru"));
	ck_assert_ptr_nonnull(content_locale(c, "uz-Cyrl"));
}
END_TEST

START_TEST(every_answer_is_sourced_and_within_two_parts)
{
	int i, l;

	for (i = 0; i < c->n_nodes; i++) {
		const struct content_node *n = &c->nodes[i];
		if (n->type == NODE_ANSWER) {
			ck_assert_msg(n->source && *n->source, "%s", n->id);
			ck_assert_msg(n->reviewed && *n->reviewed, "%s", n->id);
		}
		for (l = 0; l < c->n_locales; l++) {
			struct sms_measure m;
			ck_assert_int_eq(sms_measure(c->locales[l].screen[i], &m), 0);
			ck_assert_msg(m.parts <= 2, "%s in %s: %d parts", n->id,
				c->locales[l].code, m.parts);
		}
	}
}
END_TEST

/* The reply-limit notice, in every language and script, fits one SMS
 * (printed for a reviewer). */
START_TEST(limit_notice_is_one_sms_everywhere)
{
	int l;

	for (l = 0; l < c->n_locales; l++) {
		struct sms_measure m;
		const char *t = c->locales[l].limit_notice;
		ck_assert_ptr_nonnull(t);
		ck_assert_int_eq(sms_measure(t, &m), 0);
		printf("# limit notice, %-8s %d part(s), %s: %s\n",
			c->locales[l].code, m.parts, sms_coding_name(m.coding), t);
		ck_assert_msg(m.parts == 1, "%s: %d parts", c->locales[l].code,
			m.parts);
	}
}
END_TEST

/* The erase word a text names: what follows its last ": ". */
static const char *
erase_word_in(const char *text)
{
	const char *p = text, *q;

	while ((q = strstr(p, ": ")) != NULL)
		p = q + 2;
	return p == text ? NULL : p;
}

/* Does sending word, in locale l, erase? */
static int
erases(int l, const char *word)
{
	const struct engine_params params = { .session_timeout = 1800,
		.today = 20781, .reminder_days_before = 3 };
	struct conv_state st;
	struct engine_result r;

	memset(&st, 0, sizeof st);
	st.entry_day = -1;
	snprintf(st.lang, sizeof st.lang, "%s", c->locales[l].code);
	snprintf(st.path, sizeof st.path, "home");
	st.last_seen = 1000000;
	engine_step(c, &params, &st, word, 1000001, &r);
	return r.erase;
}

/*
 * A person may share a phone with the employer who took their passport.
 * The help and urgent acknowledgements (and the help node) tell them, in
 * every language and script, the erase word that works in it (the text
 * ends with it) and to delete our SMS; the erase confirmation says to
 * delete it too.  All within two SMS.  Printed for a reviewer.
 */
START_TEST(acknowledgements_tell_how_to_erase)
{
	int l, i, person = content_node_index(c, "person");

	ck_assert_int_ge(person, 0);
	for (l = 0; l < c->n_locales; l++) {
		const struct locale *loc = &c->locales[l];
		const char *texts[] = { loc->help_queued, loc->urgent_reply,
			loc->screen[person], loc->deleted };
		for (i = 0; i < 4; i++) {
			struct sms_measure m;
			const char *word = erase_word_in(texts[i]);
			ck_assert_int_eq(sms_measure(texts[i], &m), 0);
			printf("# %-8s %d part(s), %s: %s\n", loc->code, m.parts,
				sms_coding_name(m.coding), texts[i]);
			ck_assert_msg(m.parts <= 2, "%s: %d parts: %s",
				loc->code, m.parts, texts[i]);
			ck_assert_msg(strstr(texts[i], "SMS") || strstr(texts[i],
			    "\xD0\xA1\xD0\x9C\xD0\xA1"), "%s: %s", loc->code, texts[i]);
			if (i == 3)
				continue;       /* the confirmation */
			ck_assert_msg(word && erases(l, word), "%s: '%s' does"
				" not erase", loc->code, word ? word : "");
		}
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("transcript");
	TCase *t = tcase_create("transcript");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, four_languages_offered);
	tcase_add_test(t, every_topic_in_every_language);
	tcase_add_test(t, every_answer_is_sourced_and_within_two_parts);
	tcase_add_test(t, deadline_in_every_language);
	tcase_add_test(t, limit_notice_is_one_sms_everywhere);
	tcase_add_test(t, acknowledgements_tell_how_to_erase);
	suite_add_tcase(s, t);
	return run_suite(s);
}
