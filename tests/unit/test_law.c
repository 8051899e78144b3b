/* test_law.c - the dated rules file: picking a rule, and its checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "yordam/content.h"
#include "yordam/dates.h"
#include "yordam/deadline.h"
#include "yordam/law.h"

static struct law law;

static void
setup(void)
{
	struct content_errors errs = { 0 };
	const char *top = getenv("top_srcdir");

	if (law_load(top ? top : ".", &law, &errs) != 0 || law.n_rules == 0) {
		fprintf(stderr, "%s\n", errs.n ? errs.msgs[0] : "no rules");
		abort();
	}
}

static void
teardown(void)
{
	law_free(&law);
}

START_TEST(dates)
{
	ck_assert_int_eq(law_parse_date("1970-01-01"), 0);
	ck_assert_int_eq(law_parse_date("2023-01-27"), 19384);
	ck_assert_int_eq(law_parse_date("2024-02-29"), 19782);
	ck_assert_int_eq(law_parse_date("2023-02-29"), -1);
	ck_assert_int_eq(law_parse_date("27.01.2023"), -1);
}
END_TEST

START_TEST(uzbek_rule_changes_on_27_january_2023)
{
	const struct law_rule *r;
	r = law_rule_for(&law, "uz", law_parse_date("2023-01-26"));
	ck_assert_str_eq(r->id, "uz_2011");
	ck_assert_int_eq(r->register_within_days, 5);
	r = law_rule_for(&law, "uz", law_parse_date("2023-01-27"));
	ck_assert_str_eq(r->id, "uz_2023");
	ck_assert_int_eq(r->stay_without_registration_days, 30);
	ck_assert_int_eq(r->window_days, 180);
	ck_assert_int_eq(r->window_max_days, 90);
	ck_assert(r->to_verify);
}
END_TEST

START_TEST(kyrgyz_and_tajik)
{
	const struct law_rule *r;
	r = law_rule_answered(&law, "kg", law_parse_date("2016-05-01"),
		"work_contract=0;");
	ck_assert_str_eq(r->id, "kg_2015");
	ck_assert_int_eq(r->max_stay_days, 90);
	r = law_rule_for(&law, "kg", law_parse_date("2015-08-11"));
	ck_assert_str_eq(r->id, "kg_2011");
	r = law_rule_for(&law, "tj", law_parse_date("2018-03-13"));
	ck_assert_str_eq(r->id, "tj_2011");
	r = law_rule_for(&law, "tj", law_parse_date("2018-03-14"));
	ck_assert_str_eq(r->id, "tj_2018");
	ck_assert_ptr_null(law_rule_for(&law, "tj", law_parse_date("2005-01-01")));
}
END_TEST

START_TEST(overlap_is_an_error)
{
	char dir[] = "/tmp/yordam-law-XXXXXX", path[128];
	struct content_errors errs = { 0 };
	struct law l;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/law", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/law/deadlines.conf", dir);
	f = fopen(path, "w");
	fputs("rules = (\n"
		"{ id = \"a\"; nationality = \"uz\"; from = \"2020-01-01\";"
		" register_within_days = 5; stay_without_registration_days = 5;"
		" max_stay_days = 60; window_days = 0; window_max_days = 0;"
		" source = \"x\"; status = \"confirmed\"; },\n"
		"{ id = \"b\"; nationality = \"uz\"; from = \"2021-01-01\";"
		" register_within_days = 5; stay_without_registration_days = 5;"
		" max_stay_days = 60; window_days = 0; window_max_days = 0;"
		" source = \"x\"; status = \"confirmed\"; }\n);\n", f);
	fclose(f);
	ck_assert_int_eq(law_load(dir, &l, &errs), -1);
	ck_assert_msg(strstr(errs.msgs[0], "deadlines.conf:3: rule 'b' overlaps"
		" rule 'a' for 'uz'"), "%s", errs.msgs[0]);
	content_errors_free(&errs);
	law_free(&l);
	unlink(path);
	snprintf(path, sizeof path, "%s/law", dir);
	rmdir(path);
	rmdir(dir);
}
END_TEST

static int
ymd(int y, int m, int d)
{
	return dates_from_ymd(y, m, d);
}

/* The day of entry is day 1: n days end on entry + n - 1. */
START_TEST(day_of_entry_is_day_one)
{
	/* the review's example: 90 days from 12.09 end on 10.12 */
	ck_assert_int_eq(deadline_last_day(ymd(2026, 9, 12), 90, 0),
		ymd(2026, 12, 10));
	ck_assert_int_eq(deadline_last_day(ymd(2026, 3, 12), 30, 0),
		ymd(2026, 4, 10));
	ck_assert_int_eq(deadline_last_day(ymd(2026, 3, 12), 1, 0),
		ymd(2026, 3, 12));
	ck_assert_int_eq(deadline_last_day(ymd(2026, 3, 12), 0, 0),
		ymd(2026, 3, 12));
	/* across a leap day and a year */
	ck_assert_int_eq(deadline_last_day(ymd(2028, 2, 1), 30, 0),
		ymd(2028, 3, 1));
	ck_assert_int_eq(deadline_last_day(ymd(2026, 12, 20), 30, 0),
		ymd(2027, 1, 18));
}
END_TEST

START_TEST(working_days)
{
	/* Friday 27.11.2026 is day 1; 3 working days end on Tuesday 1.12 */
	ck_assert_int_eq(deadline_last_day(ymd(2026, 11, 27), 3, 1),
		ymd(2026, 12, 1));
	/* a Saturday entry: Monday is day 1, Wednesday day 3 */
	ck_assert_int_eq(deadline_last_day(ymd(2026, 11, 28), 3, 1),
		ymd(2026, 12, 2));
	ck_assert_int_eq(deadline_last_day(ymd(2026, 11, 27), 3, 0),
		ymd(2026, 11, 29));
}
END_TEST

/* Each nationality, on each side of each rule change. */
START_TEST(deadlines_per_rule)
{
	struct deadline d;

	/* Uzbekistan, 2011 law: register within 5 days, 60 days in all. */
	ck_assert_int_eq(deadline_compute(&law, "uz", ymd(2022, 3, 12), "",
		&d), 0);
	ck_assert_str_eq(d.rule->id, "uz_2011");
	ck_assert_int_eq(d.register_by, ymd(2022, 3, 16));
	ck_assert_int_eq(d.leave_by, ymd(2022, 5, 10));
	ck_assert_ptr_null(d.also);     /* no rule before it */
	/* Uzbekistan from 27 Jan 2023: 30 days free, 90 in any 180. */
	ck_assert_int_eq(deadline_compute(&law, "uz", ymd(2026, 3, 12), "",
		&d), 0);
	ck_assert_str_eq(d.rule->id, "uz_2023");
	ck_assert_int_eq(d.free_until, ymd(2026, 4, 10));
	ck_assert_int_eq(d.leave_by, ymd(2026, 6, 9));
	ck_assert_int_eq(d.window_days, 180);
	ck_assert_int_eq(d.window_max_days, 90);
	/* the day before and the day of the change */
	deadline_compute(&law, "uz", ymd(2023, 1, 26), "", &d);
	ck_assert_str_eq(d.rule->id, "uz_2011");
	ck_assert_int_eq(d.register_by, ymd(2023, 1, 30));
	deadline_compute(&law, "uz", ymd(2023, 1, 27), "", &d);
	ck_assert_str_eq(d.rule->id, "uz_2023");
	ck_assert_int_eq(d.register_by, ymd(2023, 2, 25));
	ck_assert_int_eq(d.leave_by, ymd(2023, 4, 26));
	/* Kyrgyzstan before the EAEU (12 Aug 2015) */
	deadline_compute(&law, "kg", ymd(2015, 8, 11), "", &d);
	ck_assert_str_eq(d.rule->id, "kg_2011");
	ck_assert_int_eq(d.register_by, ymd(2015, 8, 15));
	/* ... and in it: with a contract, the contract's term */
	deadline_compute(&law, "kg", ymd(2015, 8, 12), "work_contract=1;", &d);
	ck_assert_str_eq(d.rule->id, "kg_eaeu_contract");
	ck_assert_int_eq(d.register_by, ymd(2015, 9, 10));
	ck_assert_int_eq(d.leave_by, 0);
	ck_assert(d.stay_with_contract);
	/* without one: 90 days until 2022 */
	deadline_compute(&law, "kg", ymd(2015, 8, 12), "work_contract=0;", &d);
	ck_assert_str_eq(d.rule->id, "kg_2015");
	ck_assert_int_eq(d.register_by, ymd(2015, 9, 10));
	ck_assert_int_eq(d.leave_by, ymd(2015, 11, 9));
	deadline_compute(&law, "kg", ymd(2022, 12, 31), "work_contract=0;", &d);
	ck_assert_str_eq(d.rule->id, "kg_2015");
	ck_assert_int_eq(d.window_days, 0);
	/* from 2023, 90 in any 180 (day in force unknown: the 2015 rule's
	 * dates where earlier, here the same) */
	deadline_compute(&law, "kg", ymd(2023, 1, 1), "work_contract=0;", &d);
	ck_assert_str_eq(d.rule->id, "kg_2023");
	ck_assert_str_eq(d.also->id, "kg_2015");
	ck_assert_int_eq(d.window_days, 180);
	ck_assert_int_eq(d.leave_by, ymd(2023, 3, 31));
	deadline_compute(&law, "kg", ymd(2026, 11, 20), "work_contract=1;", &d);
	ck_assert_str_eq(d.rule->id, "kg_eaeu_contract");
	ck_assert_ptr_null(d.also);
	/* Tajikistan before and after 14 March 2018: the agreement's day
	 * in force is unknown, so each date is the earlier of both rules */
	deadline_compute(&law, "tj", ymd(2018, 3, 13), "", &d);
	ck_assert_str_eq(d.rule->id, "tj_2011");
	ck_assert_int_eq(d.register_by, ymd(2018, 3, 17));
	ck_assert_int_eq(d.leave_by, ymd(2018, 5, 11));
	deadline_compute(&law, "tj", ymd(2018, 3, 14), "", &d);
	ck_assert_str_eq(d.rule->id, "tj_2018");
	ck_assert_str_eq(d.also->id, "tj_2011");
	ck_assert_int_eq(d.register_by, ymd(2018, 3, 18));
	ck_assert_int_eq(d.leave_by, ymd(2018, 5, 12));
	ck_assert_int_eq(deadline_compute(&law, "tj", ymd(2005, 1, 1), "",
		&d), -1);
}
END_TEST

/* Which question is still open before one rule is left. */
START_TEST(questions_before_a_rule)
{
	ck_assert_str_eq(law_next_question(&law, "kg", ymd(2026, 1, 1), ""),
		"work_contract");
	ck_assert_ptr_null(law_next_question(&law, "kg", ymd(2026, 1, 1),
		"work_contract=0;"));
	ck_assert_ptr_null(law_next_question(&law, "kg", ymd(2015, 8, 11),
		""));
	ck_assert_ptr_null(law_next_question(&law, "uz", ymd(2026, 1, 1), ""));
	ck_assert_int_eq(law_answer_of("work_contract=1;earlier_stay=0;",
		"earlier_stay"), 0);
	ck_assert_int_eq(law_answer_of("work_contract=1;", "work"), -1);
	ck_assert_int_eq(law_answer_of("xwork_contract=1;", "work_contract"),
		-1);
	ck_assert_int_eq(law_answer_of("", "work_contract"), -1);
}
END_TEST

/* A rules file with one rule; the first error, or "" when it loads. */
static const char *
load_one(const char *rule)
{
	static char first[512];
	char dir[] = "/tmp/yordam-law-XXXXXX", path[128];
	struct content_errors errs = { 0 };
	struct law l;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/law", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/law/deadlines.conf", dir);
	f = fopen(path, "w");
	fprintf(f, "rules = (\n{ id = \"a\"; nationality = \"tj\";"
		" register_within_days = 5; stay_without_registration_days = 5;"
		" window_days = 0; window_max_days = 0; %s }\n);\n", rule);
	fclose(f);
	first[0] = '\0';
	if (law_load(dir, &l, &errs) != 0 && errs.n)
		snprintf(first, sizeof first, "%s", errs.msgs[0]);
	content_errors_free(&errs);
	law_free(&l);
	unlink(path);
	snprintf(path, sizeof path, "%s/law", dir);
	rmdir(path);
	rmdir(dir);
	return first;
}

/* What a lawyer editing the table gets wrong, refused with a reason. */
START_TEST(rules_say_what_they_know)
{
	const char *ok = "from = \"2020-01-01\"; max_stay_days = 60;"
		" source = \"x\"; status = \"confirmed\";";
	ck_assert_str_eq(load_one(ok), "");
	/* a rule starts when it came into force, not when it was signed */
	ck_assert_ptr_nonnull(strstr(load_one("from = \"2018-03-14\";"
		" in_force = \"2019-01-01\"; max_stay_days = 60; source = \"x\";"
		" status = \"confirmed\";"), "not from the day it was signed"));
	/* unknown day in force: never confirmed */
	ck_assert_ptr_nonnull(strstr(load_one("from = \"2018-03-14\";"
		" in_force = \"unknown\"; max_stay_days = 60; source = \"x\";"
		" status = \"confirmed\";"), "must be \"to verify\""));
	ck_assert_ptr_nonnull(strstr(load_one("from = \"2018-03-14\";"
		" in_force = \"unknown\"; signed = \"2019-01-01\";"
		" max_stay_days = 60; source = \"x\"; status = \"to verify\";"
		" verify = \"y\";"), "before the day it was signed"));
	ck_assert_ptr_nonnull(strstr(load_one("from = \"2018-03-14\";"
		" in_force = \"soon\"; max_stay_days = 60; source = \"x\";"
		" status = \"confirmed\";"), "in_force must be a date"));
	/* "to verify" says what to verify */
	ck_assert_ptr_nonnull(strstr(load_one("from = \"2020-01-01\";"
		" max_stay_days = 60; source = \"x\"; status = \"to verify\";"),
		"verify ="));
	/* a stay as long as a contract has no cap of its own */
	ck_assert_ptr_nonnull(strstr(load_one("from = \"2020-01-01\";"
		" max_stay_days = 60; stay_with_contract = true; source = \"x\";"
		" status = \"confirmed\";"), "no max_stay_days"));
	ck_assert_ptr_nonnull(strstr(load_one("from = \"2020-01-01\";"
		" max_stay_days = 60; when = { work_contract = 1; };"
		" source = \"x\"; status = \"confirmed\";"), "true or false"));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("law");
	TCase *t = tcase_create("law");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, dates);
	tcase_add_test(t, uzbek_rule_changes_on_27_january_2023);
	tcase_add_test(t, kyrgyz_and_tajik);
	tcase_add_test(t, overlap_is_an_error);
	tcase_add_test(t, day_of_entry_is_day_one);
	tcase_add_test(t, deadlines_per_rule);
	tcase_add_test(t, working_days);
	tcase_add_test(t, questions_before_a_rule);
	tcase_add_test(t, rules_say_what_they_know);
	suite_add_tcase(s, t);
	return run_suite(s);
}
