/* test_dates.c - each date form in each language, and calendar sums. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yordam/dates.h"
#include "yordam/text.h"

static int today;

static int
parse(const char *text, enum date_result want)
{
	char *norm = text_normalise(text);
	int day = -1;
	enum date_result r = dates_parse(norm, today, &day);

	ck_assert_msg(r == want, "'%s': result %d, want %d", text, r, want);
	free(norm);
	return day;
}

static void
is(const char *text, int y, int m, int d)
{
	ck_assert_msg(parse(text, DATE_OK) == dates_from_ymd(y, m, d),
		"'%s' is not %04d-%02d-%02d", text, y, m, d);
}

static void
setup(void)
{
	today = dates_from_ymd(2026, 11, 24);
}

START_TEST(calendar)
{
	char buf[11];
	int y, m, d;
	ck_assert_int_eq(dates_from_ymd(1970, 1, 1), 0);
	ck_assert_int_eq(dates_from_ymd(2026, 2, 29), -1);
	dates_to_ymd(dates_from_ymd(2024, 2, 29) + 1, &y, &m, &d);
	ck_assert(y == 2024 && m == 3 && d == 1);
	ck_assert_int_eq(dates_weekday(dates_from_ymd(2026, 11, 24)), 1);
	dates_format(dates_from_ymd(2026, 3, 5), buf);
	ck_assert_str_eq(buf, "05.03.2026");
}
END_TEST

START_TEST(numeric_forms)
{
	is("12.03", 2026, 3, 12);
	is("12/3/26", 2026, 3, 12);
	is("12-03-2026", 2026, 3, 12);
	is("1.12", 2025, 12, 1);        /* December 2026 is in the future */
	is("24.11", 2026, 11, 24);      /* today */
	is("keldim 5.10", 2026, 10, 5);
}
END_TEST

START_TEST(month_names_in_four_languages)
{
	is("12-mart", 2026, 3, 12);
	is("12 mart", 2026, 3, 12);
	is("12 марта", 2026, 3, 12);
	is("12 март", 2026, 3, 12);     /* Kyrgyz, Tajik */
	is("12 Марта 2026", 2026, 3, 12);
	is("3 iyun", 2026, 6, 3);
	is("3 июня", 2026, 6, 3);
	is("3 июн", 2026, 6, 3);
	is("1 may", 2026, 5, 1);
	is("1 мая", 2026, 5, 1);
	is("20 dekabr", 2025, 12, 20);
	is("20 декабря", 2025, 12, 20);
	is("15 oktabr", 2026, 10, 15);
	is("15 октябр", 2026, 10, 15);
}
END_TEST

START_TEST(relative_forms)
{
	is("bugun", 2026, 11, 24);
	is("сегодня", 2026, 11, 24);
	is("имрӯз", 2026, 11, 24);
	is("бүгүн", 2026, 11, 24);
	is("kecha", 2026, 11, 23);
	is("вчера", 2026, 11, 23);
	is("3 kun oldin", 2026, 11, 21);
	is("3 дня назад", 2026, 11, 21);
	is("3 күн мурун", 2026, 11, 21);
	is("3 рӯз пеш", 2026, 11, 21);
	is("10 дней назад", 2026, 11, 14);
	/* weeks, months, and the words the review found missed */
	is("2 hafta oldin", 2026, 11, 10);
	is("неделю назад", 2026, 11, 17);
	is("3 недели назад", 2026, 11, 3);
	is("3 oy oldin", 2026, 8, 24);
	is("keldim 3 oy oldin", 2026, 8, 24);
	is("3 месяца назад", 2026, 8, 24);
	is("месяц назад", 2026, 10, 24);
	is("2 ай мурун", 2026, 9, 24);
	is("1 моҳ пеш", 2026, 10, 24);
	is("кечээ келдим", 2026, 11, 23);
	is("позавчера", 2026, 11, 22);
	parse("мурун айтты", DATE_UNKNOWN);
	parse("30 oy oldin", DATE_UNKNOWN);
}
END_TEST

START_TEST(asked_again)
{
	parse("salom", DATE_UNKNOWN);
	parse("31.02", DATE_UNKNOWN);
	parse("12.03.2027", DATE_FUTURE);
	parse("12.03.2024", DATE_TOO_OLD);
	parse("500 kun oldin", DATE_TOO_OLD);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("dates");
	TCase *t = tcase_create("dates");

	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, calendar);
	tcase_add_test(t, numeric_forms);
	tcase_add_test(t, month_names_in_four_languages);
	tcase_add_test(t, relative_forms);
	tcase_add_test(t, asked_again);
	suite_add_tcase(s, t);
	return run_suite(s);
}
