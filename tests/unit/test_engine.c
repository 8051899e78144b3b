/* test_engine.c - the conversation, without a modem or a database. */
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
static const struct engine_params params = { .session_timeout = 600, .today = 20781, .reminder_days_before = 3 };
static struct conv_state st;
static int64_t now = 1000000;

static void
setup(void)
{
	char dir[1024];
	const char *top = getenv("top_srcdir");
	struct content_errors errs;

	snprintf(dir, sizeof dir, "%s/tests/data/content", top ? top : ".");
	test_config_placeholders(&cfg);
	if (content_load(dir, &cfg, &c, &errs) != 0) {
		fprintf(stderr, "%s\n", errs.n ? errs.msgs[0] : "?");
		abort();
	}
	memset(&st, 0, sizeof st);
	st.entry_day = -1;
	now = 1000000;
}

static void
teardown(void)
{
	content_free(c);
}

/* Send text, keep the new state, return the result. */
static struct engine_result
say(const char *text)
{
	/* static: replies may point into r.buf, which must outlive the copy */
	static struct engine_result r;

	now += 10;
	engine_step(c, &params, &st, text, now, &r);
	st = r.state;
	return r;
}

START_TEST(new_number_gets_language_choice)
{
	struct engine_result r = say("salom");
	ck_assert_int_eq(r.n_replies, 1);
	ck_assert_str_eq(r.replies[0].text, "1 O'zbekcha\n2 Русский");
	ck_assert_int_eq(st.awaiting_language, 1);
	r = say("2");
	ck_assert_str_eq(st.lang, "ru");
	/* the confirmation and the menu in one SMS (one part: it fits) */
	ck_assert_int_eq(r.n_replies, 1);
	ck_assert(strncmp(r.replies[0].text, "RU-LANG\nRU-HOME\n1 Регистрация",
		39) == 0);
	ck_assert_str_eq(r.replies[0].node, "home");
}
END_TEST

START_TEST(obvious_language_skips_choice)
{
	struct engine_result r = say("O'zbekcha");
	ck_assert_str_eq(st.lang, "uz");
	ck_assert(strncmp(r.replies[0].text, "UZ-HOME", 7) == 0);
}
END_TEST

START_TEST(digits_walk_the_tree)
{
	struct engine_result r;
	say("uzbek");
	r = say("1");
	ck_assert(strncmp(r.replies[0].text, "UZ-REG\n1 O'zbekiston", 19) == 0);
	ck_assert_str_eq(st.path, "home/reg");
	r = say("1");
	ck_assert_str_eq(r.replies[0].text, "UZ-REG-UZ\nUZ-CHECK");
	ck_assert_str_eq(r.replies[0].node, "reg_uz");
	ck_assert_str_eq(st.path, "home/reg");  /* answers do not push */
	r = say("2");
	ck_assert_str_eq(r.replies[0].text, "UZ-REG-KG");
	r = say("0");
	ck_assert_str_eq(st.path, "home");
	ck_assert(strncmp(r.replies[0].text, "UZ-HOME", 7) == 0);
	r = say("2");
	ck_assert_str_eq(r.replies[0].text, "UZ-PASSPORT +70000000001");
}
END_TEST

START_TEST(home_shortcuts)
{
	struct engine_result r;
	say("uzbek");
	say("1");
	r = say("00");
	ck_assert_str_eq(st.path, "home");
	ck_assert(strncmp(r.replies[0].text, "UZ-HOME", 7) == 0);
	say("1");
	r = say("#");
	ck_assert_str_eq(st.path, "home");
}
END_TEST

START_TEST(unknown_input_gets_hint)
{
	struct engine_result r;
	say("uzbek");
	r = say("qalaysiz");
	ck_assert_str_eq(r.replies[0].text, "UZ-HINT");
	r = say("7");
	ck_assert_str_eq(r.replies[0].text, "UZ-HINT");
	r = say("");
	ck_assert_str_eq(r.replies[0].text, "UZ-HINT");
}
END_TEST

START_TEST(help_word_in_any_language)
{
	struct engine_result r;
	say("uzbek");
	say("1");
	r = say("ПОМОЩЬ!");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_str_eq(r.help_topic, "reg");
	/* typed in Cyrillic: answered in Uzbek Cyrillic */
	ck_assert_str_eq(r.replies[0].text, "УЗ-ҲЕЛП 112");
}
END_TEST

START_TEST(help_node_queues_request)
{
	struct engine_result r;
	say("uzbek");
	r = say("3");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_str_eq(r.replies[0].text, "UZ-PERSON 112");
}
END_TEST

START_TEST(first_message_help_word)
{
	struct engine_result r = say("pomosh pasport zabrali");
	/* Russian typed in Latin letters: answered in Latin letters; the
	 * urgent words match in the person's order ("забрали паспорт") */
	ck_assert_str_eq(st.lang, "ru-Latn");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_str_eq(r.urgent, "passport");
	/* the notice and the passport answer in one SMS */
	ck_assert_int_eq(r.n_replies, 1);
	ck_assert(strncmp(r.replies[0].text, "RU-URGENT 112\n", 14) == 0);
	ck_assert_str_eq(r.replies[0].node, "passport");
	r = say("pomosh");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_str_eq(r.replies[0].text, "RU-HELP 112");
}
END_TEST

/* A lone help word, even mistyped and in no obvious language, reaches
 * a human and is acknowledged with the emergency number, not answered
 * with a list of languages. */
START_TEST(lone_help_word_is_acknowledged)
{
	struct engine_result r = say("помощ");

	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_int_eq(r.n_replies, 1);
	ck_assert_str_eq(r.replies[0].text, "RU-HELP 112");
	ck_assert_str_eq(st.lang, "ru");
	ck_assert_int_eq(st.awaiting_language, 0);
}
END_TEST

START_TEST(switch_language_anywhere)
{
	struct engine_result r;
	say("uzbek");
	say("1");
	r = say("Русский");
	ck_assert_str_eq(st.lang, "ru");
	/* where the person is, under the confirmation, in one SMS */
	ck_assert_int_eq(r.n_replies, 1);
	ck_assert(strncmp(r.replies[0].text, "RU-LANG\nRU-REG", 14) == 0);
	ck_assert_str_eq(r.replies[0].node, "reg");
}
END_TEST

START_TEST(session_expires)
{
	struct engine_result r;
	say("uzbek");
	say("1");
	now += 601;
	r = say("1");       /* "1" from home now, not from reg */
	ck_assert(strncmp(r.replies[0].text, "UZ-REG", 6) == 0);
	ck_assert_str_eq(st.path, "home/reg");
}
END_TEST

START_TEST(stale_path_after_reload_goes_home)
{
	struct engine_result r;
	say("uzbek");
	snprintf(st.path, sizeof st.path, "home/removed_menu");
	r = say("1");
	ck_assert(strncmp(r.replies[0].text, "UZ-REG", 6) == 0);
}
END_TEST

START_TEST(invalid_utf8_is_harmless)
{
	struct engine_result r;
	say("uzbek");
	r = say("\xFF\xFE");
	ck_assert_int_eq(r.n_replies, 1);
	ck_assert_str_eq(r.replies[0].text, "UZ-HINT");
}
END_TEST

START_TEST(uzbek_cyrillic_by_transliteration)
{
	struct engine_result r;
	r = say("ўзбек");
	ck_assert_str_eq(st.lang, "uz-Cyrl");
	ck_assert(strncmp(r.replies[0].text, "УЗ-ҲОМЕ\n1 Рўйхат", 23) == 0);
	r = say("1");
	ck_assert(strncmp(r.replies[0].text, "УЗ-РЕГ", 11) == 0);
	/* Back to Latin letters: back to Latin replies. */
	r = say("salom qalaysiz");
	ck_assert_str_eq(st.lang, "uz");
	ck_assert_str_eq(r.replies[0].text, "UZ-HINT");
	r = say("салом");
	ck_assert_str_eq(st.lang, "uz-Cyrl");
	ck_assert_str_eq(r.replies[0].text, "УЗ-ҲИНТ");
}
END_TEST

START_TEST(variant_not_offered_in_choice)
{
	ck_assert_int_eq(c->n_offered, 2);
	ck_assert_int_eq(c->n_locales, 4);
	ck_assert_str_eq(c->language_prompt, "1 O'zbekcha\n2 Русский");
}
END_TEST

START_TEST(free_text_reaches_a_topic)
{
	struct engine_result r;
	say("uzbek");
	r = say("pasportim qayerda");
	ck_assert_str_eq(r.replies[0].node, "passport");
	r = say("pasprot");                     /* one swap */
	ck_assert_str_eq(r.replies[0].node, "passport");
	r = say("pas");                         /* too short to guess */
	ck_assert_str_eq(r.replies[0].text, "UZ-HINT");
	r = say("РЕГИСТРАЦИЯ");                 /* another language's word */
	ck_assert_str_eq(r.replies[0].node, "reg");
	ck_assert_str_eq(st.path, "home/reg");
	/* written in Cyrillic: answered in Uzbek Cyrillic */
	ck_assert_str_eq(st.lang, "uz-Cyrl");
}
END_TEST

START_TEST(first_message_free_text)
{
	struct engine_result r = say("у меня документы забрали");
	ck_assert_str_eq(st.lang, "ru");
	ck_assert_str_eq(r.replies[0].node, "passport");
	ck_assert_str_eq(r.replies[0].text, "RU-PASSPORT +70000000001");
}
END_TEST

START_TEST(latin_letters_on_request)
{
	struct engine_result r;
	say("русский");
	r = say("латиница");
	ck_assert_str_eq(st.lang, "ru-Latn");
	ck_assert(strncmp(r.replies[0].text,
		"RU-LANG\nRU-HOME\n1 Registratsiya", 31) == 0);
	r = say("1");
	ck_assert(strncmp(r.replies[0].text, "RU-REG\n1 Uzbekistan", 19) == 0);
	/* Typing Cyrillic does not undo an explicit request. */
	r = say("ерунда");
	ck_assert_str_eq(st.lang, "ru-Latn");
	/* The language word switches back. */
	r = say("русский");
	ck_assert_str_eq(st.lang, "ru");
}
END_TEST

START_TEST(stop_and_start)
{
	struct engine_result r;
	say("uzbek");
	say("1");
	r = say("STOP");
	ck_assert_int_eq(st.opted_out, 1);
	ck_assert_str_eq(r.replies[0].text, "UZ-STOPPED");
	ck_assert_str_eq(st.path, "home/reg");  /* not a menu answer */
	r = say("yordam");                      /* help stays open */
	ck_assert_int_eq(r.help_requested, 1);
	r = say("старт");
	ck_assert_int_eq(st.opted_out, 0);
	ck_assert_str_eq(r.replies[0].text, "UZ-STARTED");
	r = say("stop please");                 /* not the bare word */
	ck_assert_int_eq(st.opted_out, 0);
}
END_TEST

START_TEST(deadline_flow)
{
	struct engine_result r;
	say("uzbek");
	r = say("4");
	ck_assert_str_eq(r.replies[0].text, "UZ-ASK-NAT");
	r = say("9");
	ck_assert_str_eq(r.replies[0].text, "UZ-ASK-NAT");
	r = say("2");                           /* Kyrgyzstan */
	ck_assert_str_eq(st.nationality, "kg");
	ck_assert_str_eq(r.replies[0].text, "UZ-ASK-DATE");
	r = say("qachondir");
	ck_assert_str_eq(r.replies[0].text, "UZ-BAD-DATE");
	r = say("12.03.2027");
	ck_assert_str_eq(r.replies[0].text, "UZ-DATE-AGAIN");
	/* today is 24.11.2026 in these tests.  Kyrgyz citizens: the rule
	 * depends on a written work contract (EAEU Art. 97), so it is asked */
	r = say("20.11");
	ck_assert_str_eq(r.replies[0].text, "UZ-CONTRACT?");
	r = say("ha");                          /* not 1 or 2: asked again */
	ck_assert_str_eq(r.replies[0].text, "UZ-CONTRACT?");
	r = say("1");
	/* day of entry is day 1: 30 days from 20.11 end on 19.12 */
	ck_assert_str_eq(r.replies[0].text, "UZ-CONTRACT 20.11.2026 19.12.2026"
		" 12.08.2015 UZ-OFFER\nUZ-CHECK");
	ck_assert_int_eq(r.help_requested, 0);
	r = say("1");
	ck_assert_str_eq(r.replies[0].text, "UZ-REMINDER-SET 19.12.2026");
	ck_assert_int_eq(r.reminder_day, 20781 + 25 - 3);
	ck_assert_str_eq(r.reminder_text, "UZ-REMINDER 19.12.2026");
	ck_assert_str_eq(st.pending, "");
	/* a date can come with the keyword: kept while the citizenship is
	 * asked, never asked again */
	r = say("keldim 3 kun oldin");
	ck_assert_str_eq(r.replies[0].text, "UZ-ASK-NAT");
	ck_assert_int_eq(st.entry_day, 20781 - 3);
	r = say("2");
	ck_assert_str_eq(r.replies[0].text, "UZ-CONTRACT?");
	r = say("2");                           /* no contract: 90 in 180 */
	ck_assert_str_eq(r.replies[0].text, "UZ-EARLIER 21.11.2026");
	r = say("2");                           /* no earlier stay */
	ck_assert_str_eq(r.replies[0].text, "UZ-WINDOW 21.11.2026 20.12.2026"
		" 18.02.2027 01.01.2023 UZ-OFFER\nUZ-CHECK");
	/* an Uzbek entry since 2023: an earlier stay goes to a person, with
	 * the dates */
	say("4");
	say("1");
	r = say("20.11");
	ck_assert_str_eq(r.replies[0].text, "UZ-EARLIER 20.11.2026");
	r = say("1");
	ck_assert_str_eq(r.replies[0].text, "UZ-EARLIER-PERSON 20.11.2026"
		" 17.02.2027 112");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_str_eq(r.help_topic, "calc");
	ck_assert_str_eq(st.pending, "");
	ck_assert_str_eq(st.answers, "");
	/* 00 leaves the calculator */
	say("4");
	r = say("00");
	ck_assert(strncmp(r.replies[0].text, "UZ-HOME", 7) == 0);
	ck_assert_str_eq(st.pending, "");
}
END_TEST

/* Send the calculator citizenship digit and date; the first reply. */
static struct engine_result
compute(const char *nationality_digit, const char *date)
{
	say("00");
	say("4");
	say(nationality_digit);
	return say(date);
}

/*
 * A date that has passed is said, with the dates, and a person takes it
 * from there; the day itself is still in time.  Today is 24.11.2026.
 */
START_TEST(deadline_passed_goes_to_a_person)
{
	struct engine_result r;

	say("uzbek");
	/* Uzbek, 90 days from 20.08 ended 17.11: the stay has passed */
	r = compute("1", "20.08");
	ck_assert_str_eq(r.replies[0].text, "UZ-STAY-PASSED 20.08.2026"
		" 17.11.2026 112");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_str_eq(st.pending, "");
	/* registration (30 days from 01.10: 30.10) passed, the stay not */
	r = compute("1", "01.10");
	ck_assert_str_eq(r.replies[0].text, "UZ-REG-PASSED 01.10.2026"
		" 30.10.2026 112");
	ck_assert_int_eq(r.help_requested, 1);
	/* the last day to register is today: still in time */
	r = compute("1", "26.10");              /* 26.10 + 29 = 24.11 */
	ck_assert_str_eq(r.replies[0].text, "UZ-EARLIER 26.10.2026");
	ck_assert_int_eq(r.help_requested, 0);
	r = compute("1", "25.10");              /* 25.10 + 29 = 23.11 */
	ck_assert_str_eq(r.replies[0].text, "UZ-REG-PASSED 25.10.2026"
		" 23.11.2026 112");
	/* Tajik: the 2018 agreement's day in force is unknown, so the
	 * earlier dates of the 5-day rule: 20.11 + 4 = 24.11 is today */
	r = compute("3", "20.11");
	ck_assert_str_eq(r.replies[0].text, "UZ-RESULT 20.11.2026 24.11.2026"
		" 18.01.2027 14.03.2018 UZ-OFFER\nUZ-CHECK");
	r = compute("3", "19.11");
	ck_assert_str_eq(r.replies[0].text, "UZ-REG-PASSED 19.11.2026"
		" 23.11.2026 112");
	ck_assert_int_eq(r.help_requested, 1);
}
END_TEST

/*
 * Citizenship and entry date are kept against the number only while a
 * question needs them: not once the dates are given, the reminder
 * declined or taken, or the calculator left.  A seized database must not
 * be a list of who may be overstaying.
 */
START_TEST(deadline_keeps_nothing_after)
{
	struct engine_result r;

	say("uzbek");
	say("4");
	say("2");
	ck_assert_str_eq(st.nationality, "kg");         /* the date is asked */
	r = say("20.11");
	ck_assert_str_eq(r.replies[0].text, "UZ-CONTRACT?");
	ck_assert_str_eq(st.nationality, "kg");  /* kept while it asks */
	ck_assert_int_eq(st.entry_day, 20777);
	r = say("1");
	ck_assert(strncmp(r.replies[0].text, "UZ-CONTRACT 20.11", 17) == 0);
	ck_assert_str_eq(st.pending, "reminder:20806");
	ck_assert_str_eq(r.state.answers, "");
	ck_assert_str_eq(r.state.nationality, "");
	ck_assert_int_eq(r.state.entry_day, -1);
	r = say("2");                                   /* no reminder */
	ck_assert_int_eq(r.reminder_day, 0);
	ck_assert_str_eq(st.pending, "");
	ck_assert_str_eq(st.nationality, "");
	ck_assert_int_eq(st.entry_day, -1);
	/* Left half-way: nothing either. */
	say("4");
	say("1");
	ck_assert_str_eq(st.nationality, "uz");
	r = say("00");
	ck_assert_str_eq(st.nationality, "");
	say("4");
	say("1");
	r = say("yordam");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_str_eq(st.nationality, "");
	/* What an earlier version kept is dropped at the next message. */
	snprintf(st.nationality, sizeof st.nationality, "tj");
	st.entry_day = 20000;
	say("1");
	ck_assert_str_eq(st.nationality, "");
	ck_assert_int_eq(st.entry_day, -1);
}
END_TEST

START_TEST(urgent_goes_to_a_human_first)
{
	struct engine_result r;
	/* first message, no language yet: urgent words decide it */
	r = say("Ular pasportimni olib qo'yishdi");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_str_eq(r.urgent, "passport");
	ck_assert_str_eq(st.lang, "uz");
	/* the notice and the answer, in one SMS as they fit in two parts */
	ck_assert_int_eq(r.n_replies, 1);
	ck_assert(strncmp(r.replies[0].text, "UZ-URGENT 112\n", 14) == 0);
	ck_assert_str_eq(r.replies[0].node, "passport");
	/* deep in a menu, in another language */
	say("1");
	r = say("меня избили");
	ck_assert_str_eq(r.urgent, "violence");
	ck_assert_str_eq(r.help_topic, "reg");
	/* typed in Cyrillic, two words not clearly Russian: the person's
	 * language in the script they typed */
	ck_assert_str_eq(r.replies[0].text, "УЗ-УРГЕНТ 112");
	/* a question about passports is not urgent */
	r = say("pasport qancha turadi");
	ck_assert_ptr_null(r.urgent);
	/* someone who may hurt themselves: the crisis words, a person */
	r = say("charchadim, o'lmoqchiman");
	ck_assert_str_eq(r.urgent, "self_harm");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_str_eq(r.replies[0].text, "UZ-CRISIS 112");
}
END_TEST

START_TEST(delete_word)
{
	struct engine_result r;
	say("uzbek");
	r = say("O'CHIR");
	ck_assert_int_eq(r.erase, 1);
	ck_assert_str_eq(r.replies[0].text, "UZ-DELETED");
	r = say("o'chir meni");                 /* not the bare word */
	ck_assert_int_eq(r.erase, 0);
}
END_TEST

/* A damaged session's reminder day (found by fuzzing: INT_MIN wrapped
 * the reminder arithmetic) is not taken as a reminder offer. */
START_TEST(damaged_reminder_day_is_ignored)
{
	static const char *bad[] = { "reminder:-2147483648",
		"reminder:99999999999", "reminder:", "reminder:12x" };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct engine_result r;
		memset(&st, 0, sizeof st);
		st.entry_day = -1;
		snprintf(st.lang, sizeof st.lang, "uz");
		snprintf(st.path, sizeof st.path, "home");
		snprintf(st.pending, sizeof st.pending, "%s", bad[i]);
		st.last_seen = now;
		r = say("1");
		ck_assert_int_eq(r.reminder_day, 0);
		ck_assert_int_ge(r.n_replies, 1);
	}
}
END_TEST

/* What the shipped content costs a person: the language's confirmation
 * and the home menu in one one-part SMS; an urgent message whose answer
 * is for someone in danger gets that answer alone (it gives the
 * emergency number and says a person answers); the crisis words always
 * come first. */
/* The shipped content in place of the fixture, for the tests of what
 * people meet; back_to_fixture() undoes it. */
static struct content *fixture_kept;

static void
use_shipped(void)
{
	struct content_errors errs;
	struct content *shipped;
	const char *top = getenv("top_srcdir");

	if (content_load(top ? top : ".", &cfg, &shipped, &errs) != 0)
		ck_abort_msg("shipped: %s", errs.n ? errs.msgs[0] : "?");
	fixture_kept = c;
	c = shipped;
}

static void
back_to_fixture(void)
{
	content_free(c);
	c = fixture_kept;
}

START_TEST(shipped_content_sends_fewer_sms)
{
	struct engine_result r;
	struct sms_measure m;
	int k;

	use_shipped();
	r = say("salom");
	ck_assert_int_eq(st.awaiting_language, 1);
	r = say("2");
	ck_assert_str_eq(st.lang, "ky");
	ck_assert_int_eq(r.n_replies, 1);
	ck_assert_str_eq(r.replies[0].text, content_locale(c, "ky")->home_set);
	ck_assert_int_eq(sms_measure(r.replies[0].text, &m), 0);
	ck_assert_int_eq(m.parts, 1);
	ck_assert_int_eq(m.coding, SMS_GSM7);
	/* then the answers in Cyrillic, as the person writes */
	r = say("паспортумду кожоюн алып алды");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_ptr_nonnull(r.urgent);
	ck_assert_int_eq(r.n_replies, 1);
	k = content_node_index(c, r.replies[0].node);
	ck_assert_msg(k >= 0 && c->nodes[k].urgent, "node %s",
		r.replies[0].node);
	ck_assert_ptr_nonnull(strstr(r.replies[0].text, "112"));
	ck_assert_int_eq(sms_measure(r.replies[0].text, &m), 0);
	ck_assert_int_le(m.parts, 2);
	memset(&st, 0, sizeof st);
	st.entry_day = -1;
	now += 100000;
	r = say("не хочу жить, хочу покончить с собой");
	ck_assert_str_eq(r.urgent, "self_harm");
	ck_assert_str_eq(r.replies[0].text, content_locale(c, "ru")->crisis_reply);
	back_to_fixture();
}
END_TEST

/*
 * A call for help that says what it is about: the notice that a person
 * will answer and that topic's answer (one SMS when two parts hold both),
 * the request filed under the topic.  A bare call, or one with no clear
 * topic, or words that try to look like keys, get the notice alone.
 */
START_TEST(help_word_with_a_clear_topic)
{
	struct engine_result r;
	const char *help;
	int i;

	use_shipped();
	help = content_locale(c, "ru")->help_queued;
	r = say("помогите пожалуйста как продлить патент он кончается");
	ck_assert_str_eq(st.lang, "ru");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_ptr_null(r.urgent);
	ck_assert_str_eq(r.help_topic, "patent_renew");
	ck_assert_int_ge(r.n_replies, 1);
	ck_assert(strncmp(r.replies[0].text, help, strlen(help)) == 0);
	ck_assert_str_eq(r.replies[r.n_replies - 1].node, "patent_renew");
	/* in a session too */
	r = say("помогите, паспорт потерял в автобусе, что делать");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_str_eq(r.replies[r.n_replies - 1].node, "doc_lost");
	/* a bare call: the notice alone, filed where the person was */
	r = say("ПОМОГИТЕ");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_int_eq(r.n_replies, 1);
	ck_assert_str_eq(r.replies[0].text, help);
	/* keys and noise after the help word are no topic */
	r = say("помогите 1 2 # 00 STOP\x1b[2J");
	ck_assert_int_eq(r.help_requested, 1);
	ck_assert_int_eq(r.n_replies, 1);
	ck_assert_str_eq(r.replies[0].node, "help");
	/* never more than two parts for the notice and the answer */
	for (i = 0; i < r.n_replies; i++) {
		struct sms_measure m;
		ck_assert_int_eq(sms_measure(r.replies[i].text, &m), 0);
		ck_assert_int_le(m.parts, 2);
	}
	back_to_fixture();
}
END_TEST

/*
 * The classifier raises urgency on its own only for a text with a word
 * that says what it is about: an auto-reply of everyday words ("I am
 * busy now") is no emergency, however often urgent lines say "I" and
 * "now"; danger told without the listed urgent words still is.
 */
START_TEST(urgency_needs_a_word_of_substance)
{
	struct engine_result r;
	const char *calm[] = { "Avtojavob: men hozir band 3",
		"men hozir", "Автоответ: я сейчас занят", "men hozir band",
		/* excuse me, forgive me for bothering: politeness, though
		 * farewell notes ask forgiveness and harassment "bothers" */
		"кечирасиз мени", "uzr bezovta qildim meni kechiring",
		"ey kto nibud chitaet eto" };
	size_t i;

	use_shipped();
	for (i = 0; i < sizeof calm / sizeof calm[0]; i++) {
		memset(&st, 0, sizeof st);
		st.entry_day = -1;
		r = say(calm[i]);
		ck_assert_msg(r.urgent == NULL, "'%s' taken for urgent: %s",
			calm[i], r.urgent);
	}
	memset(&st, 0, sizeof st);
	st.entry_day = -1;
	r = say("хозяин закрыл нас в вагончике и не выпускает третий день");
	ck_assert_ptr_nonnull(r.urgent);
	/* an urgent word met exactly wins over one met with a typo:
	 * "простите" (forgive me) is a letter from "проститу(ция)" */
	memset(&st, 0, sizeof st);
	st.entry_day = -1;
	r = say("простите меня все, я ухожу из жизни");
	ck_assert_str_eq(r.urgent, "self_harm");
	ck_assert_str_eq(r.replies[0].text, content_locale(c, "ru")->crisis_reply);
	/* urgent words written in Latin letters in a Cyrillic locale's
	 * list ("na edu nest", no money for food, in tg.conf): the answer
	 * in the script the person wrote in */
	memset(&st, 0, sizeof st);
	st.entry_day = -1;
	r = say("na edu nest");
	ck_assert_ptr_nonnull(r.urgent);
	ck_assert_str_eq(st.lang, "tg-Latn");
	back_to_fixture();
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("engine");
	TCase *t = tcase_create("engine");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, new_number_gets_language_choice);
	tcase_add_test(t, obvious_language_skips_choice);
	tcase_add_test(t, digits_walk_the_tree);
	tcase_add_test(t, home_shortcuts);
	tcase_add_test(t, unknown_input_gets_hint);
	tcase_add_test(t, help_word_in_any_language);
	tcase_add_test(t, help_node_queues_request);
	tcase_add_test(t, first_message_help_word);
	tcase_add_test(t, lone_help_word_is_acknowledged);
	tcase_add_test(t, switch_language_anywhere);
	tcase_add_test(t, session_expires);
	tcase_add_test(t, stale_path_after_reload_goes_home);
	tcase_add_test(t, invalid_utf8_is_harmless);
	tcase_add_test(t, uzbek_cyrillic_by_transliteration);
	tcase_add_test(t, variant_not_offered_in_choice);
	tcase_add_test(t, free_text_reaches_a_topic);
	tcase_add_test(t, first_message_free_text);
	tcase_add_test(t, latin_letters_on_request);
	tcase_add_test(t, stop_and_start);
	tcase_add_test(t, deadline_flow);
	tcase_add_test(t, deadline_passed_goes_to_a_person);
	tcase_add_test(t, deadline_keeps_nothing_after);
	tcase_add_test(t, urgent_goes_to_a_human_first);
	tcase_add_test(t, delete_word);
	tcase_add_test(t, damaged_reminder_day_is_ignored);
	tcase_add_test(t, shipped_content_sends_fewer_sms);
	tcase_add_test(t, help_word_with_a_clear_topic);
	tcase_add_test(t, urgency_needs_a_word_of_substance);
	suite_add_tcase(s, t);
	return run_suite(s);
}
