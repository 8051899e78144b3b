/*
 * test_understanding.c - what migrants type, against the shipped content:
 * each message is the first SMS of a new number, and must reach its
 * language and its topic without the menu.  The rates are printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/engine.h"

struct understanding_case {
	const char *lang;       /* NULL: any language will do */
	const char *topic;      /* node id, or "help" for a help request */
	const char *text;
};

#include "understanding_cases.h"

#define N_CASES ((int)(sizeof cases / sizeof cases[0]))
#define MIN_RATE 90     /* percent */

static struct content *c;
static struct yordam_config cfg;

static void
setup(void)
{
	const char *top = getenv("top_srcdir");
	struct content_errors errs;

	test_config_placeholders(&cfg);
	if (content_load(top ? top : ".", &cfg, &c, &errs) != 0)
		abort();
}

static void
teardown(void)
{
	content_free(c);
}

START_TEST(messages_reach_language_and_topic)
{
	const struct engine_params params = { .session_timeout = 1800, .today = 20781, .reminder_days_before = 3 };
	int i, lang_ok = 0, topic_ok = 0, lang_total = 0;

	for (i = 0; i < N_CASES; i++) {
		struct conv_state st;
		struct engine_result r;
		int l_ok, t_ok;

		memset(&st, 0, sizeof st);
		engine_step(c, &params, &st, cases[i].text, 1000, &r);
		l_ok = !cases[i].lang || strcmp(r.state.lang, cases[i].lang) == 0;
		if (strcmp(cases[i].topic, "help") == 0) {
			t_ok = r.help_requested;
		} else {
			/* the topic's answer, or an urgent request for it */
			int j;
			t_ok = r.urgent && strcmp(r.urgent, cases[i].topic) == 0;
			for (j = 0; j < r.n_replies; j++)
				t_ok |= strcmp(r.replies[j].node,
					cases[i].topic) == 0;
		}
		lang_total += cases[i].lang != NULL;
		lang_ok += cases[i].lang && l_ok;
		topic_ok += t_ok;
		if (!l_ok || !t_ok)
			printf("# miss: \"%s\" -> lang '%s' (want %s), node %s"
				" (want %s)\n", cases[i].text, r.state.lang,
				cases[i].lang ? cases[i].lang : "any",
				r.n_replies ? r.replies[0].node : "-",
				cases[i].topic);
	}
	printf("# %d messages: language right in %d of %d (%d%%), topic right"
		" in %d (%d%%)\n", N_CASES, lang_ok, lang_total,
		100 * lang_ok / lang_total, topic_ok, 100 * topic_ok / N_CASES);
	ck_assert_int_ge(N_CASES, 200);
	ck_assert_int_ge(100 * lang_ok / lang_total, MIN_RATE);
	ck_assert_int_ge(100 * topic_ok / N_CASES, MIN_RATE);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("understanding");
	TCase *t = tcase_create("understanding");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, messages_reach_language_and_topic);
	suite_add_tcase(s, t);
	return run_suite(s);
}
