/*
 * test_content.c - the content validator: the fixture loads, and each
 * rule, broken once, is reported with its file and line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yordam/config.h"
#include "yordam/content.h"

static char dir[64];
static struct yordam_config cfg;

static void
setup(void)
{
	char cmd[1024];
	const char *top = getenv("top_srcdir");

	strcpy(dir, "/tmp/yordam-content-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(cmd, sizeof cmd, "cp -r %s/tests/data/content/. %s/ &&"
		" chmod -R u+w %s", top ? top : ".", dir, dir);
	if (system(cmd) != 0)
		abort();
	test_config_placeholders(&cfg);
}

static void
teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		abort();
}

/* Replace the first occurrence of from with to in dir/file. */
static void
edit(const char *file, const char *from, const char *to)
{
	char path[256], buf[16384], out[16384];
	FILE *f;
	size_t n;
	char *p;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	p = strstr(buf, from);
	ck_assert_msg(p != NULL, "fixture lacks '%s'", from);
	snprintf(out, sizeof out, "%.*s%s%s", (int)(p - buf), buf, to,
		p + strlen(from));
	f = fopen(path, "w");
	fputs(out, f);
	fclose(f);
}

/* Load, expect failure, and expect an error containing want. */
static void
expect_error(const char *want)
{
	struct content *c = NULL;
	struct content_errors errs;
	int i, found = 0;

	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), -1);
	for (i = 0; i < errs.n; i++)
		if (strstr(errs.msgs[i], want))
			found = 1;
	ck_assert_msg(found, "no error like '%s' (first: %s)", want,
		errs.n ? errs.msgs[0] : "none");
	content_errors_free(&errs);
}

/* The Russian answer reg_kg, 140 Cyrillic letters: three UCS-2 parts. */
static void
make_ru_reg_kg_too_long(void)
{
	char long_text[512] = "text = \"";
	int i;
	for (i = 0; i < 140; i++)
		strcat(long_text, "ж");
	strcat(long_text, "\"; };");
	edit("locales/ru.conf", "text = \"RU-REG-KG\"; };", long_text);
}

START_TEST(fixture_loads)
{
	struct content *c;
	struct content_errors errs;
	const struct locale *uz;
	int k;

	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	ck_assert_int_eq(c->n_nodes, 7);
	ck_assert_int_eq(c->n_locales, 4);
	ck_assert_int_eq(c->n_offered, 2);
	ck_assert_int_eq(strlen(c->hash), 16);
	uz = content_locale(c, "uz");
	ck_assert_str_eq(uz->screen[c->home],
		"UZ-HOME\n1 Ro'yxat\n2 Pasport\n3 Odam\n4 UZ-CALC");
	k = content_node_index(c, "reg_uz");
	ck_assert_str_eq(uz->screen[k], "UZ-REG-UZ\nUZ-CHECK");
	k = content_node_index(c, "passport");
	ck_assert_str_eq(uz->screen[k], "UZ-PASSPORT +70000000001");
	ck_assert_str_eq(c->language_prompt, "1 O'zbekcha\n2 Русский");
	content_free(c);
}
END_TEST

/* Every file of the content makes its version, the law table too: a
 * changed rule is a new version that replies point at. */
START_TEST(law_change_is_a_new_version)
{
	struct content *c;
	struct content_errors errs;
	char first[32];
	FILE *f;
	char path[256];

	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	snprintf(first, sizeof first, "%s", c->hash);
	content_free(c);
	snprintf(path, sizeof path, "%s/law/deadlines.conf", dir);
	f = fopen(path, "a");
	ck_assert_ptr_nonnull(f);
	fputs("# a comment is a change of the file\n", f);
	fclose(f);
	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	ck_assert_str_ne(c->hash, first);
	content_free(c);
}
END_TEST

START_TEST(missing_translation)
{
	edit("locales/ru.conf", "  reg_kg = { label = \"Кыргызстан\"; text = \"RU-REG-KG\"; };\n", "");
	expect_error("ru.conf:4: no text for node 'reg_kg' in language 'ru'");
}
END_TEST

START_TEST(broken_link)
{
	edit("menus/main.conf", "\"reg_kg\"]", "\"reg_tj\"]");
	expect_error("main.conf:4: menu 'reg': option 2 points to 'reg_tj'");
}
END_TEST

START_TEST(unreachable_node)
{
	edit("menus/main.conf", "[\"reg_uz\", \"reg_kg\"]", "[\"reg_uz\"]");
	expect_error("main.conf:6: node 'reg_kg' cannot be reached from home");
}
END_TEST

/* A node out of reach does not hide the other problems: its texts are
 * still measured, so one `yordamctl check` shows everything. */
START_TEST(all_problems_at_once)
{
	edit("menus/main.conf", "[\"reg_uz\", \"reg_kg\"]", "[\"reg_uz\"]");
	make_ru_reg_kg_too_long();
	expect_error("main.conf:6: node 'reg_kg' cannot be reached from home");
	expect_error("ru.conf:8: node 'reg_kg' in 'ru' needs 3 SMS parts");
}
END_TEST

START_TEST(duplicate_node)
{
	edit("menus/main.conf", "{ id = \"person\"; type = \"help\"; }",
		"{ id = \"person\"; type = \"help\"; },\n"
		"  { id = \"person\"; type = \"help\"; }");
	expect_error("main.conf:9: node 'person' is defined twice");
}
END_TEST

START_TEST(unknown_placeholder)
{
	edit("locales/uz.conf", "{hotline}", "{hotlien}");
	expect_error("uz.conf:10: 'passport': unknown placeholder {hotlien}");
}
END_TEST

START_TEST(syntax_error)
{
	edit("locales/uz.conf", "order = 1;", "order = ;");
	expect_error("uz.conf:3: syntax error");
}
END_TEST

START_TEST(over_budget)
{
	make_ru_reg_kg_too_long();
	expect_error("ru.conf:8: node 'reg_kg' in 'ru' needs 3 SMS parts"
		" (140 ucs2 units); at most 2; UCS-2 forced by U+0436");
}
END_TEST

/* A calculator reply over budget once its dates are filled in. */
START_TEST(system_text_over_budget_with_dates)
{
	edit("locales/ru.conf", "RU-RESULT [entry]", "Въезд [entry], а"
		" регистрация до [register_by], выезд до [leave_by], это"
		" правило от [rule_date], и ещё длинные слова, чтобы не влезть"
		" в два SMS с датой. RU-RESULT");
	expect_error("ru.conf:13: deadline_result in 'ru' needs 4 SMS parts");
}
END_TEST

/* Confirmed facts name where in the source they are; an urgent node's
 * texts give the emergency number; a review names who and when. */
START_TEST(confirmed_needs_a_section_urgent_needs_emergency)
{
	edit("menus/main.conf", "source = \"fixture, section 1\"; reviewed"
		" = \"2026-11-24\"; status = \"confirmed\"; },\n  { id ="
		" \"passport\"", "source = \"FIDH report\"; reviewed ="
		" \"2026-11-24\"; status = \"confirmed\"; },\n  { id ="
		" \"passport\"");
	edit("menus/main.conf", "{ id = \"passport\"; type = \"answer\";",
		"{ id = \"passport\"; type = \"answer\"; urgent = true;");
	edit("locales/ru.conf", "passport = { label", "passport = {"
		" reviewed_by = \"lawyer\"; label");
	expect_error("main.conf:6: answer 'reg_kg' is \"confirmed\" but its"
		" source names no section");
	expect_error("'passport' is for someone in danger (urgent = true");
	expect_error("ru.conf:9: 'passport': a review needs both reviewed_by");
}
END_TEST

START_TEST(too_many_options)
{
	edit("menus/main.conf", "[\"reg\", \"passport\", \"person\", \"calc\"]",
		"[\"reg\", \"passport\", \"person\", \"calc\", \"a\", \"b\","
		" \"c\", \"d\", \"e\", \"f\"]");
	expect_error("main.conf:3: menu 'home' has 10 options");
}
END_TEST

START_TEST(answer_needs_source_and_status)
{
	edit("menus/main.conf", "source = \"fixture\"; reviewed = \"2026-11-24\";"
		" status = \"to verify\";", "reviewed = \"24.11.2026\";"
		" status = \"maybe\";");
	expect_error("main.conf:5: 'source' is missing");
	expect_error("main.conf:5: answer 'reg_uz': reviewed must be a date");
	expect_error("main.conf:5: answer 'reg_uz': status must be");
}
END_TEST

START_TEST(language_word_clash)
{
	edit("locales/ru.conf", "\"рус\"]", "\"рус\", \"uzbek\"]");
	expect_error("language word 'uzbek' also means 'uz'");
}
END_TEST

START_TEST(numbers_differ_between_translations)
{
	edit("menus/main.conf", "status = \"confirmed\"; },\n  { id = \"passport\"",
		"status = \"confirmed\"; },\n  { id = \"passport\"");
	edit("locales/uz.conf", "UZ-REG-KG", "5 kun");
	edit("locales/ru.conf", "RU-REG-KG", "30 дней");
	expect_error("ru.conf:8: node 'reg_kg': the numbers in 'ru' (30)"
		" differ from 'uz' (5)");
}
END_TEST

START_TEST(uzbek_apostrophes_kept_gsm7)
{
	struct content *c;
	struct content_errors errs;
	const struct locale *uz;

	edit("locales/uz.conf", "UZ-REG-KG", "Qirgʻiziston: oʻz vaqtida");
	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	uz = content_locale(c, "uz");
	ck_assert_str_eq(uz->screen[content_node_index(c, "reg_kg")],
		"Qirg'iziston: o'z vaqtida");
	content_free(c);
}
END_TEST

START_TEST(too_deep)
{
	/* home -> reg -> sub1 -> sub2 -> reg_kg: four digits */
	edit("menus/main.conf", "[\"reg_uz\", \"reg_kg\"]", "[\"reg_uz\", \"sub1\"]");
	edit("menus/main.conf", "  { id = \"person\"",
		"  { id = \"sub1\"; type = \"menu\"; options = [\"sub2\"]; },\n"
		"  { id = \"sub2\"; type = \"menu\"; options = [\"reg_kg\"]; },\n"
		"  { id = \"person\"");
	expect_error("main.conf:6: node 'reg_kg' needs 4 digits from home; at most 3");
}
END_TEST

START_TEST(option_offered_twice)
{
	edit("menus/main.conf", "[\"reg_uz\", \"reg_kg\"]",
		"[\"reg_uz\", \"reg_kg\", \"reg_uz\"]");
	expect_error("main.conf:4: menu 'reg': 'reg_uz' is offered twice");
}
END_TEST

START_TEST(unsafe_word)
{
	edit("locales/ru.conf", "RU-REG-KG", "Вы нелегал");
	edit("locales/ru.conf", "help_words", "unsafe_words = [\"нелегал\"];\nhelp_words");
	expect_error("ru.conf:8: node 'reg_kg': 'нелегал' is not safe to send");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("content");
	TCase *t = tcase_create("content");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, fixture_loads);
	tcase_add_test(t, law_change_is_a_new_version);
	tcase_add_test(t, missing_translation);
	tcase_add_test(t, broken_link);
	tcase_add_test(t, unreachable_node);
	tcase_add_test(t, all_problems_at_once);
	tcase_add_test(t, duplicate_node);
	tcase_add_test(t, unknown_placeholder);
	tcase_add_test(t, syntax_error);
	tcase_add_test(t, over_budget);
	tcase_add_test(t, system_text_over_budget_with_dates);
	tcase_add_test(t, confirmed_needs_a_section_urgent_needs_emergency);
	tcase_add_test(t, too_many_options);
	tcase_add_test(t, answer_needs_source_and_status);
	tcase_add_test(t, language_word_clash);
	tcase_add_test(t, numbers_differ_between_translations);
	tcase_add_test(t, option_offered_twice);
	tcase_add_test(t, too_deep);
	tcase_add_test(t, uzbek_apostrophes_kept_gsm7);
	tcase_add_test(t, unsafe_word);
	suite_add_tcase(s, t);
	return run_suite(s);
}
