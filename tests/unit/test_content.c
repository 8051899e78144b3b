/*
 * test_content.c - the content validator: the fixture loads, and each
 * rule, broken once, is reported with its file and line; a syntax error
 * or a screen over budget with what the editor must change, in English
 * and in Russian.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yordam/config.h"
#include "yordam/content.h"
#include "yordam/content_source.h"
#include "yordam/i18n.h"
#include "yordam/sms.h"

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

/* edit() in every locale file of the fixture that has from. */
static void
edit_all_locales(const char *from, const char *to)
{
	static const char *const files[] = { "locales/uz.conf",
		"locales/ru.conf", "locales/ky.conf", "locales/tg.conf" };
	char path[256], buf[16384];
	size_t i, n;
	FILE *f;

	for (i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (!(f = fopen(path, "r")))
			continue;
		n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
		if (strstr(buf, from))
			edit(files[i], from, to);
	}
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
/* The NGO's own files (content_site) replace the shipped ones of the
 * same name; the rest stays shipped; an error names the NGO's file. */
START_TEST(site_files_replace_shipped_ones)
{
	struct content *c;
	struct content_errors errs;
	char site[256], cmd[640], shipped[32];

	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	snprintf(shipped, sizeof shipped, "%s", c->hash);
	content_free(c);
	snprintf(site, sizeof site, "%s/site", dir);
	snprintf(cmd, sizeof cmd, "mkdir -p %s/locales && cp %s/locales/ru.conf"
		" %s/locales/", site, dir, site);
	ck_assert_int_eq(system(cmd), 0);
	edit("site/locales/ru.conf", "RU-HOME", "RU-SITE-HOME");
	cfg.content_site = site;
	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	ck_assert_str_eq(content_locale(c, "ru")->text[c->home],
		"RU-SITE-HOME");
	ck_assert_str_eq(content_locale(c, "uz")->text[c->home], "UZ-HOME");
	ck_assert_str_ne(c->hash, shipped);     /* a new content version */
	content_free(c);
	/* a mistake in the NGO's file is reported at the NGO's file */
	edit("site/locales/ru.conf", "RU-SITE-HOME\";", "RU-SITE-HOME;");
	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), -1);
	ck_assert_ptr_nonnull(strstr(errs.msgs[0], "/site/locales/ru.conf:"));
	content_errors_free(&errs);
	{
		/* at start-up the daemons fall back to the shipped content,
		 * keeping the NGO's errors to log (a stale copy after an
		 * upgrade must not silence the helpline) */
		int shipped_only = -1;

		ck_assert_int_eq(content_load_or_shipped(dir, &cfg, &c, &errs,
			&shipped_only), 0);
		ck_assert_int_eq(shipped_only, 1);
		ck_assert_str_eq(c->hash, shipped);
		ck_assert_int_ge(errs.n, 1);
		ck_assert_ptr_nonnull(strstr(errs.msgs[0],
			"/site/locales/ru.conf:"));
		content_errors_free(&errs);
		content_free(c);
		/* valid NGO files: used, nothing to report */
		edit("site/locales/ru.conf", "RU-SITE-HOME;", "RU-SITE-HOME\";");
		ck_assert_int_eq(content_load_or_shipped(dir, &cfg, &c, &errs,
			&shipped_only), 0);
		ck_assert_int_eq(shipped_only, 0);
		ck_assert_str_ne(c->hash, shipped);
		content_free(c);
		/* the shipped content broken too: no content at all */
		edit("locales/uz.conf", "UZ-HOME\";", "UZ-HOME;");
		ck_assert_int_eq(content_load_or_shipped(dir, &cfg, &c, &errs,
			&shipped_only), -1);
		content_errors_free(&errs);
		edit("locales/uz.conf", "UZ-HOME;", "UZ-HOME\";");
	}
	/* a site directory that does not exist yet: the shipped content */
	cfg.content_site = "/nonexistent/yordam-site";
	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	ck_assert_str_eq(c->hash, shipped);
	content_free(c);
	cfg.content_site = NULL;
}
END_TEST

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
	expect_error("ru.conf:8: node 'reg_kg' in 'ru' needs 3 SMS, at most 2");
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

/*
 * The mistakes an editor makes in a text (content_explain.c): each at its
 * line and column, counted in characters (the Cyrillic label before it
 * is 11 characters and 22 bytes), with what to write instead.
 */
START_TEST(syntax_curly_quotes)
{
	edit("locales/ru.conf", "text = \"RU-REG\";", "text = “RU-REG”;");
	expect_error("ru.conf:6:41: the text starts with a curly quote “ —"
		" write a straight quote \" around texts: text = \"...\";");
}
END_TEST

START_TEST(syntax_angle_quotes)
{
	edit("locales/ru.conf", "label = \"Узбекистан\";",
		"label = «Узбекистан»;");
	expect_error("ru.conf:7:22: the text starts with a curly quote « —"
		" write a straight quote \" around texts: label = \"...\";");
}
END_TEST

START_TEST(syntax_curly_closing_quote)
{
	edit("locales/ru.conf", "text = \"RU-REG\";", "text = \"RU-REG”;");
	expect_error("ru.conf:6:48: the text ends with a curly quote ” —"
		" write a straight quote \" around texts: text = \"...\";");
}
END_TEST

START_TEST(syntax_inner_quote)
{
	edit("locales/ru.conf", "text = \"RU-REG\";",
		"text = \"Скажите \"стоп\" сейчас\";");
	expect_error("ru.conf:6:50: a \" inside a text ends it early — write"
		" \\\" for a quote inside a text, or use « »");
}
END_TEST

START_TEST(syntax_unclosed_string)
{
	edit("locales/ru.conf", "text = \"RU-REG\";", "text = \"RU-REG;");
	expect_error("ru.conf:6:41: this text has no closing quote — end"
		" it with a straight quote: text = \"...\";");
}
END_TEST

/* libconfig takes a missing ; as the end of the setting all the same:
 * the file loads as meant, and nothing is reported. */
START_TEST(syntax_missing_semicolon_is_fine)
{
	struct content *c;
	struct content_errors errs;

	edit("locales/ru.conf", "text = \"RU-REG\";", "text = \"RU-REG\"");
	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	ck_assert_str_eq(content_locale(c, "ru")->text[1], "RU-REG");
	content_free(c);
}
END_TEST

/* What does break a file: a missing , between list entries, a missing =,
 * a text without quotes. */
START_TEST(syntax_missing_comma_or_equals)
{
	edit("menus/main.conf", "status = \"to verify\"; },",
		"status = \"to verify\"; }");
	expect_error("main.conf:6:3: a , is missing between two entries of the"
		" list — write }, { between them");
	teardown();
	setup();
	edit("locales/ru.conf", "text = \"RU-REG\";", "text \"RU-REG\";");
	expect_error("ru.conf:6:39: an = is missing after 'text' — write"
		" text = \"...\";");
	teardown();
	setup();
	edit("locales/ru.conf", "text = \"RU-REG\";", "text = Регистрация;");
	expect_error("ru.conf:6:41: the value of 'text' is not in quotes —"
		" write a text between straight quotes: text = \"...\";");
}
END_TEST

/* A menu over budget names its labels by length, the longest first. */
START_TEST(menu_over_budget_names_labels)
{
	char label[512] = "label = \"Узбекистан";
	int i;

	for (i = 0; i < 12; i++)
		strcat(label, " и документы");
	strcat(label, "\";");
	edit("locales/ru.conf", "label = \"Узбекистан\";", label);
	expect_error("ru.conf:6: node 'reg' in 'ru' needs 3 SMS, at most 2:"
		" Cyrillic У (CYRILLIC CAPITAL LETTER U) makes it a Cyrillic"
		" (UCS-2) SMS; one SMS holds 160 Latin or 70 Cyrillic"
		" characters, two hold 306 or 134; this text has 176"
		" characters: shorten it by 42, e.g. the longest labels:");
	expect_error("(154), Кыргызстан (10); the labels: 1 Узбекистан и"
		" документы");
	expect_error("документы (154), 2 Кыргызстан (10)");
}
END_TEST

/* A Latin text made UCS-2 only by curly quotes: told it fits without. */
START_TEST(latin_over_budget_by_a_curly_quote)
{
	char text[512] = "text = \"“UZ-REG-UZ”";
	int i;

	for (i = 0; i < 13; i++)
		strcat(text, " ro'yxatdan");
	strcat(text, "\";");
	edit("locales/uz.conf", "text = \"UZ-REG-UZ\";", text);
	expect_error("uz.conf:8: node 'reg_uz' in 'uz' needs 3 SMS, at most 2:"
		" the sign “ (LEFT DOUBLE QUOTATION MARK) makes it a Cyrillic"
		" (UCS-2) SMS");
	expect_error("this text has 163 characters: shorten it by 29, or"
		" write “ ” plainly (\" ' -): then it is a Latin SMS and fits");
}
END_TEST

/* The same errors in Russian, as `yordamctl --lang ru check` and
 * LANG=ru_RU.UTF-8 give them (the catalogue built from po/ru.po). */
static void
russian(const char *lang)
{
	char path[4096], *abs;
	const char *top = getenv("top_builddir");

	snprintf(path, sizeof path, "%s/tests/locale", top ? top : ".");
	abs = realpath(path, NULL);
	ck_assert_msg(abs != NULL, "no %s: make check builds it", path);
	setenv("TEXTDOMAINDIR", abs, 1);
	free(abs);
	i18n_init(lang);
}

START_TEST(russian_syntax_errors)
{
	russian("ru");
	edit("locales/ru.conf", "text = \"RU-REG\";", "text = “RU-REG”;");
	expect_error("ru.conf:6:41: текст начинается с фигурной кавычки “ —"
		" тексты берутся в прямые кавычки \": text = \"...\";");
	teardown();
	setup();
	edit("locales/ru.conf", "text = \"RU-REG\";",
		"text = \"Скажите \"стоп\" сейчас\";");
	expect_error("ru.conf:6:50: кавычка \" внутри текста преждевременно"
		" его заканчивает — внутри текста пишите \\\" или используйте"
		" « »");
	teardown();
	setup();
	edit("locales/ru.conf", "text = \"RU-REG\";", "text = \"RU-REG;");
	expect_error("ru.conf:6:41: у этого текста нет закрывающей кавычки —"
		" закончите его прямой кавычкой: text = \"...\";");
	teardown();
	setup();
	edit("menus/main.conf", "status = \"to verify\"; },",
		"status = \"to verify\"; }");
	expect_error("main.conf:6:3: между двумя элементами списка не хватает"
		" запятой — напишите между ними }, {");
}
END_TEST

START_TEST(russian_over_budget)
{
	setenv("LANG", "ru_RU.UTF-8", 1);
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	russian(NULL);
	make_ru_reg_kg_too_long();
	expect_error("ru.conf:8: узлу 'reg_kg' в 'ru' нужно SMS: 3, можно не"
		" больше 2: кириллическая буква ж (CYRILLIC SMALL LETTER ZHE) —"
		" поэтому SMS идёт кириллицей (UCS-2); в одно SMS входит 160"
		" латинских или 70 кириллических знаков, в два — 306 или 134; в"
		" этом тексте знаков: 140; сократите его на 6");
}
END_TEST

START_TEST(over_budget)
{
	make_ru_reg_kg_too_long();
	expect_error("ru.conf:8: node 'reg_kg' in 'ru' needs 3 SMS, at most"
		" 2: Cyrillic ж (CYRILLIC SMALL LETTER ZHE) makes it a Cyrillic"
		" (UCS-2) SMS; one SMS holds 160 Latin or 70 Cyrillic"
		" characters, two hold 306 or 134; this text has 140"
		" characters: shorten it by 6");
}
END_TEST

/* A calculator reply over budget once its dates are filled in. */
START_TEST(system_text_over_budget_with_dates)
{
	edit("locales/ru.conf", "RU-RESULT [entry]", "Въезд [entry], а"
		" регистрация до [register_by], выезд до [leave_by], это"
		" правило от [rule_date], и ещё длинные слова, чтобы не влезть"
		" в два SMS с датой. RU-RESULT");
	expect_error("ru.conf:13: deadline_result in 'ru' needs 4 SMS with"
		" its [fields] filled in");
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

/* A source or verify that cites a file outside the content (a seed
 * file, a knowledge note, a path) is refused at its line, saying how to
 * cite instead; in the law table too. */
START_TEST(source_citing_a_file_refused)
{
	edit("menus/main.conf", "source = \"fixture\";",
		"source = \"seed 002 (FIDH 2009) II.3.C\"; verify ="
		" \"compare with ../notes/facts-000-fidh-2016.md\";");
	edit("menus/main.conf", "source = \"fixture, section 1\";",
		"source = \"knowledge/facts-x.md section 8\";");
	edit("menus/main.conf", "source = \"fixture, section 1\";",
		"source = \"/work/shared/seeds/000_785194198ab51df0.txt,"
		" I.2\";");
	edit("law/deadlines.conf", "source = \"FIDH, \\\"Migrant",
		"source = \"seed 000 (FIDH 2016) I.2; FIDH, \\\"Migrant");
	expect_error("main.conf:5: answer 'reg_uz': source cites \"seed"
		" 002\", a file that is not shipped with the content, so no"
		" one checking the answer can open it: name the public"
		" document instead (publisher, \"title\" (year), section,"
		" page");
	expect_error("main.conf:5: answer 'reg_uz': verify cites"
		" \"../notes/facts-000-fidh-2016.md\"");
	expect_error("main.conf:6: answer 'reg_kg': source cites"
		" \"knowledge/facts-x.md\"");
	expect_error("main.conf:7: answer 'passport': source cites"
		" \"/work/shared/seeds/000_785194198ab51df0.txt\"");
	expect_error("deadlines.conf:44: rule 'uz_2011': source cites"
		" \"seed 000\"");
	expect_error("or the law (name, number, date, article");
}
END_TEST

/* What counts as a file and what is a public citation. */
START_TEST(file_references_told_from_citations)
{
	static const char *const files[] = { "Seed_004 para 7",
		"seeds/001", "see ./notes.txt", "~/reports/x", "facts.MD.",
		"(000_785194198ab51df0, I.2)", "Knowledge/review",
		"\"/usr/share/doc/x\"" };
	static const char *const public[] = {
		"FIDH, \"Kazakhstan/UPR: Key recommendations\" (2010), §II",
		"A/HRC/24/43/Add.1, para. 97", "press: kun.uz, 31 Jan 2023",
		"24.kg", "<http://adilet.zan.kz/rus/docs/P1300001593>",
		"Law No. 477-IV of 22 July 2011, Art. 5", "Seedling Fund",
		"pp. 8/9", "Treaty on the Eurasian Economic Union (29 May"
		" 2014), Art. 97" };
	char what[64];
	size_t i;

	for (i = 0; i < sizeof files / sizeof *files; i++)
		ck_assert_msg(content_source_cites_file(files[i], what,
			sizeof what), "'%s' taken for a citation", files[i]);
	ck_assert(content_source_cites_file("see seed 000 (FIDH)", what,
		sizeof what));
	ck_assert_str_eq(what, "seed 000");
	for (i = 0; i < sizeof public / sizeof *public; i++)
		ck_assert_msg(!content_source_cites_file(public[i], what,
			sizeof what), "'%s' taken for a file: %s", public[i],
			what);
}
END_TEST

/* Every line of the shipped files of one content directory (texts,
 * sources, comments) names no file outside the content. */
static void
shipped_lines_cite_no_file(const char *top, const char *sub)
{
	char path[512], line[8192], what[128];
	struct dirent *e;
	DIR *d;
	FILE *f;
	int n;

	snprintf(path, sizeof path, "%s/%s", top, sub);
	d = opendir(path);
	ck_assert_msg(d != NULL, "cannot open %s", path);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || (len < 5 || strcmp(e->d_name +
		    len - 5, ".conf")) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s/%s", top, sub, e->d_name);
		f = fopen(path, "r");
		ck_assert_ptr_nonnull(f);
		for (n = 1; fgets(line, sizeof line, f); n++)
			ck_assert_msg(!content_source_cites_file(line, what,
				sizeof what), "%s:%d cites \"%s\"", path, n,
				what);
		fclose(f);
	}
	closedir(d);
}

/* The shipped content: no source, verify, text or comment names a file
 * outside it, and the answers cite all five reports by title and year. */
START_TEST(shipped_content_cites_no_file)
{
	struct content *c;
	struct content_errors errs;
	const char *top = getenv("top_srcdir");
	char what[128];
	int i, r;

	shipped_lines_cite_no_file(top ? top : ".", "menus");
	shipped_lines_cite_no_file(top ? top : ".", "locales");
	shipped_lines_cite_no_file(top ? top : ".", "law");
	if (content_load(top ? top : ".", &cfg, &c, &errs) != 0)
		ck_abort_msg("shipped content: %s", errs.n ? errs.msgs[0] : "?");
	for (i = 0; i < c->n_nodes; i++) {
		const struct content_node *n = &c->nodes[i];
		ck_assert(!content_source_cites_file(n->source, what,
			sizeof what));
		ck_assert(!content_source_cites_file(n->verify, what,
			sizeof what));
	}
	for (i = 0; i < c->law.n_rules; i++) {
		ck_assert(!content_source_cites_file(c->law.rules[i].source,
			what, sizeof what));
		ck_assert(!content_source_cites_file(c->law.rules[i].verify,
			what, sizeof what));
	}
	for (r = 0; r < CONTENT_N_REPORTS; r++) {
		int cited = 0;
		for (i = 0; i < c->n_nodes; i++)
			cited += content_source_cites_report(c->nodes[i].source,
				r);
		ck_assert_msg(cited > 0, "no answer cites %s",
			content_reports[r].name);
	}
	content_free(c);
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

/* Canned replies and the conversation texts: each way an editor can get
 * them wrong, then what loads. */

/* A reply written in Russian only: staff would pick it for an Uzbek and
 * find nothing, so the Uzbek file is named, with where the reply is. */
START_TEST(reply_missing_in_one_language)
{
	edit("locales/uz.conf", "  office = \"UZ-OFFICE {office} {hotline}\";\n", "");
	expect_error("uz.conf:44: reply 'office' (");
	expect_error("ru.conf:45) is missing in language 'uz'");
}
END_TEST

/* The whole group forgotten in one file: every reply named. */
START_TEST(replies_group_missing_in_one_language)
{
	edit("locales/uz.conf", "replies = {", "old_replies = {");
	expect_error("uz.conf:1: reply 'call_back' (");
	expect_error("is missing in language 'uz'");
	expect_error("reply 'safe_now' (");
}
END_TEST

/* 140 Cyrillic letters: three UCS-2 parts, counted in characters. */
START_TEST(reply_over_budget)
{
	char text[512] = "call_back = \"";
	int i;

	for (i = 0; i < 140; i++)
		strcat(text, "ж");
	strcat(text, "\";");
	edit("locales/ru.conf", "call_back = \"Перезвоним RU-CALL-BACK\";",
		text);
	expect_error("ru.conf:44: replies.call_back in 'ru' needs 3 SMS");
	expect_error("this text has 140 characters: shorten it by 6");
}
END_TEST

/* 130 Cyrillic letters and {hotline}'s 12 characters: over, as sent. */
START_TEST(reply_over_budget_with_placeholder)
{
	char text[512] = "call_back = \"";
	int i;

	for (i = 0; i < 130; i++)
		strcat(text, "ж");
	strcat(text, " {hotline}\";");
	edit("locales/ru.conf", "call_back = \"Перезвоним RU-CALL-BACK\";",
		text);
	edit("locales/uz.conf", "UZ-CALL-BACK", "UZ-CALL-BACK {hotline}");
	expect_error("ru.conf:44: replies.call_back in 'ru' needs 3 SMS");
	expect_error("this text has 143 characters: shorten it by 9");
}
END_TEST

START_TEST(reply_bad_name)
{
	edit("locales/ru.conf", "  safe_now = ", "  Safe-Now = ");
	expect_error("ru.conf:47: replies.Safe-Now: a reply's name is small"
		" Latin letters, digits and _ only");
}
END_TEST

START_TEST(reply_unknown_placeholder)
{
	edit("locales/uz.conf", "{office}", "{ofice}");
	expect_error("uz.conf:46: replies.office left out: it needs {ofice},"
		" which placeholders of yordam.conf does not set (the other"
		" languages do without it: a typo?)");
}
END_TEST

/* A placeholder the texts use that yordam.conf does not set, in every
 * language (a yordam.conf kept through an upgrade that added it): the
 * canned reply is left out with a note, the content loads. */
START_TEST(reply_placeholder_unset_everywhere)
{
	struct content *c;
	struct content_errors errs;
	int l, noted = 0;

	edit_all_locales("{office}", "{branch_office}");
	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	for (l = 0; l < c->n_locales; l++)
		ck_assert_ptr_null(content_reply(&c->locales[l], "office"));
	for (l = 0; l < c->notes.n_notes; l++)
		noted += strstr(c->notes.notes[l], "replies.office left out:"
			" it needs {branch_office}") != NULL;
	ck_assert_int_eq(noted, 2);      /* the fixture's uz and ru files */
	content_free(c);
}
END_TEST

START_TEST(reply_empty)
{
	edit("locales/uz.conf", "\"UZ-SAFE {emergency}\"", "\"  \"");
	expect_error("uz.conf:47: replies.safe_now is empty");
}
END_TEST

START_TEST(reply_not_a_text)
{
	edit("locales/uz.conf", "\"UZ-SAFE {emergency}\"", "112");
	expect_error("uz.conf:47: replies.safe_now must be a text in quotes");
	edit("locales/ru.conf", "replies = {", "replies = [\"a\"];\nold = {");
	expect_error("ru.conf:43: 'replies' must be a group");
}
END_TEST

/* A group without its text, and a review with no date. */
START_TEST(reply_group_needs_text_and_whole_review)
{
	edit("locales/uz.conf", "office = \"UZ-OFFICE {office} {hotline}\";",
		"office = { txt = \"UZ-OFFICE {office} {hotline}\"; };");
	edit("locales/ru.conf", "reviewed_on = \"2026-11-25\";", "");
	expect_error("uz.conf:46: replies.office: its 'text' is missing");
	expect_error("ru.conf:45: 'replies.office': a review needs both"
		" reviewed_by");
}
END_TEST

/* A translation that lost {emergency} loses the number in it. */
START_TEST(reply_numbers_differ)
{
	edit("locales/ru.conf", "RU-SAFE {emergency}", "RU-SAFE");
	expect_error("ru.conf:47: reply 'safe_now': the numbers in 'ru'"
		" (none) differ from 'uz' (112)");
}
END_TEST

START_TEST(reply_unsafe_word)
{
	edit("locales/ru.conf", "RU-CALL-BACK", "нелегал");
	edit("locales/ru.conf", "help_words", "unsafe_words = [\"нелегал\"];\n"
		"help_words");
	expect_error("ru.conf:44: reply 'call_back': 'нелегал' is not safe");
}
END_TEST

START_TEST(conversation_texts_required)
{
	edit("locales/uz.conf", "  conversation_expired = \"UZ-CONV-EXPIRED\";\n",
		"");
	edit("locales/ru.conf", "RU-CONV-ACK {emergency}", "RU-CONV-ACK");
	expect_error("uz.conf:14: 'conversation_expired' is missing");
	expect_error("ru.conf:13: system.conversation_ack is read by someone"
		" who asked for a person: it must give {emergency}");
}
END_TEST

START_TEST(conversation_text_over_budget)
{
	char text[512] = "conversation_closed = \"";
	int i;

	for (i = 0; i < 135; i++)
		strcat(text, "ж");
	strcat(text, "\";");
	edit("locales/ru.conf", "conversation_closed = \"RU-CONV-CLOSED\";",
		text);
	expect_error("ru.conf:13: conversation_closed in 'ru' needs 3 SMS");
}
END_TEST

/* What loads: by name in every locale, the variants transliterated, the
 * review kept; an unknown name is NULL. */
START_TEST(replies_load_and_derive)
{
	struct content *c;
	struct content_errors errs;
	const struct locale *ru, *uz, *ru_latn, *uz_cyrl;
	const char *const *names;
	int i;

	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	ru = content_locale(c, "ru");
	uz = content_locale(c, "uz");
	ru_latn = content_locale(c, "ru-Latn");
	uz_cyrl = content_locale(c, "uz-Cyrl");
	ck_assert_int_eq(content_reply_names(c, &names), 3);
	ck_assert_str_eq(names[0], "call_back");
	ck_assert_str_eq(names[1], "office");
	ck_assert_str_eq(names[2], "safe_now");
	ck_assert_str_eq(content_reply(ru, "call_back"),
		"Перезвоним RU-CALL-BACK");
	ck_assert_str_eq(content_reply(ru, "CALL_BACK"),
		"Перезвоним RU-CALL-BACK");
	ck_assert_str_eq(content_reply(uz, "office"),
		"UZ-OFFICE Almaty, Abai ave 10, office 5 +70000000001");
	/* An address is written one way: kept in the Cyrillic variant. */
	ck_assert_ptr_nonnull(strstr(content_reply(uz_cyrl, "office"),
		" Almaty, Abai ave 10, office 5 +70000000001"));
	ck_assert_ptr_null(strstr(content_reply(uz_cyrl, "office"), "UZ"));
	ck_assert_str_eq(content_reply(ru_latn, "call_back"),
		"Perezvonim RU-CALL-BACK");
	ck_assert_str_eq(content_reply(uz_cyrl, "call_back"),
		"Қўнғироқ қиламиз УЗ-САЛЛ-БАСК");
	ck_assert_str_eq(content_reply(ru_latn, "safe_now"), "RU-SAFE 112");
	ck_assert_ptr_null(content_reply(ru, "no_such_reply"));
	ck_assert_ptr_null(content_reply(ru, ""));
	ck_assert_ptr_null(content_reply(ru, NULL));
	ck_assert_ptr_null(content_reply(NULL, "call_back"));
	for (i = 0; i < ru->n_replies; i++)
		if (strcmp(ru->reply_names[i], "office") == 0) {
			ck_assert_str_eq(ru->reply_reviewed_by[i],
				"native speaker, ru");
			ck_assert_str_eq(ru->reply_reviewed_on[i], "2026-11-25");
		} else {
			ck_assert_ptr_null(ru->reply_reviewed_by[i]);
		}
	for (i = 0; i < c->n_locales; i++) {
		ck_assert_int_eq(c->locales[i].n_replies, 3);
		ck_assert_ptr_nonnull(c->locales[i].conversation_closed);
		ck_assert_ptr_nonnull(c->locales[i].conversation_expired);
	}
	ck_assert_str_eq(ru_latn->conversation_closed, "RU-CONV-CLOSED");
	ck_assert_str_eq(uz->conversation_expired, "UZ-CONV-EXPIRED");
	ck_assert_str_eq(uz_cyrl->conversation_ack, "УЗ-СОНВ-АСК 112");
	content_free(c);
}
END_TEST

/* Content without any replies still loads: none to list. */
START_TEST(no_replies_is_fine)
{
	struct content *c;
	struct content_errors errs;
	const char *const *names;

	edit("locales/uz.conf", "replies = {", "old_replies = {");
	edit("locales/ru.conf", "replies = {", "old_replies = {");
	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	ck_assert_int_eq(content_reply_names(c, &names), 0);
	ck_assert_ptr_null(names);
	ck_assert_ptr_null(content_reply(content_locale(c, "ru"), "office"));
	content_free(c);
}
END_TEST

/* The shipped content: the three conversation texts and the same replies
 * in every locale, written and derived, each within two SMS (content_load
 * refuses it otherwise). */
START_TEST(shipped_replies_everywhere)
{
	static const char *const want[] = { "call_back", "which_city",
		"documents", "office", "wait", "safe_now", "no_sign" };
	struct content *c;
	struct content_errors errs;
	const char *top = getenv("top_srcdir");
	size_t w;
	int l;

	if (content_load(top ? top : ".", &cfg, &c, &errs) != 0)
		ck_abort_msg("shipped content: %s", errs.n ? errs.msgs[0] : "?");
	ck_assert_int_eq(c->n_locales, 8);
	for (l = 0; l < c->n_locales; l++) {
		const struct locale *loc = &c->locales[l];
		ck_assert_msg(loc->conversation_ack && *loc->conversation_ack &&
			strstr(loc->conversation_ack, "112") &&
			strstr(loc->conversation_ack, "00"), "%s", loc->code);
		ck_assert_msg(loc->conversation_closed &&
			strstr(loc->conversation_closed, "00"), "%s", loc->code);
		ck_assert_msg(loc->conversation_expired &&
			strstr(loc->conversation_expired, "00"), "%s",
			loc->code);
		for (w = 0; w < sizeof want / sizeof *want; w++)
			ck_assert_msg(content_reply(loc, want[w]) != NULL,
				"%s has no reply %s", loc->code, want[w]);
		ck_assert_msg(strstr(content_reply(loc, "safe_now"), "112"),
			"%s: safe_now without the emergency number", loc->code);
	}
	content_free(c);
}
END_TEST

/* The shipped home menu: one SMS in every language and script, with
 * the language confirmation on top, the same nine digits everywhere. */
START_TEST(shipped_home_in_one_part)
{
	struct content *c;
	struct content_errors errs;
	const char *top = getenv("top_srcdir");
	int l, d;

	if (content_load(top ? top : ".", &cfg, &c, &errs) != 0)
		ck_abort_msg("shipped content: %s", errs.n ? errs.msgs[0] : "?");
	ck_assert_int_eq(c->home_parts, 1);
	for (l = 0; l < c->n_locales; l++) {
		const struct locale *loc = &c->locales[l];
		struct sms_measure m;
		char digit[8];
		ck_assert_int_eq(sms_measure(loc->screen[c->home], &m), 0);
		ck_assert_msg(m.parts == 1, "%s: home in %d parts", loc->code,
			m.parts);
		ck_assert_msg(loc->home_set && sms_measure(loc->home_set, &m)
			== 0 && m.parts == 1, "%s: confirmation and home not"
			" one SMS", loc->code);
		for (d = 1; d <= 9; d++) {
			snprintf(digit, sizeof digit, "\n%d ", d);
			ck_assert_msg(strstr(loc->screen[c->home], digit),
				"%s: home lacks %d", loc->code, d);
		}
	}
	/* Cyrillic homes are sent as their Latin variant's; Latin ones as
	 * they are; and the variant's confirmation goes with it */
	ck_assert_str_eq(content_locale(c, "ky")->home_from, "ky-Latn");
	ck_assert_str_eq(content_locale(c, "ru")->home_from, "ru-Latn");
	ck_assert_str_eq(content_locale(c, "uz-Cyrl")->home_from, "uz");
	ck_assert_ptr_null(content_locale(c, "uz")->home_from);
	ck_assert_int_eq(content_locale(c, "ky")->home_own_parts, 2);
	ck_assert_str_eq(content_locale(c, "ky")->home_set,
		content_locale(c, "ky-Latn")->home_set);
	content_free(c);
}
END_TEST

/* A Cyrillic home over budget goes in Latin letters; within it, not. */
START_TEST(home_over_budget_goes_latin)
{
	struct content *c;
	struct content_errors errs;

	edit("locales/ru.conf", "home = { text = \"RU-HOME\"; };",
		"home = { text = \"Пожалуйста, отправьте одну цифру из списка"
		" ниже:\"; };");
	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	ck_assert_str_eq(content_locale(c, "ru")->home_from, "ru-Latn");
	ck_assert_str_eq(content_locale(c, "ru")->screen[c->home],
		content_locale(c, "ru-Latn")->screen[c->home]);
	ck_assert(strncmp(content_locale(c, "ru")->screen[c->home],
		"Pozhaluysta", 11) == 0);
	/* other screens stay in Cyrillic */
	ck_assert_str_eq(content_locale(c, "ru")->text[1], "RU-REG");
	ck_assert_ptr_null(content_locale(c, "uz")->home_from);
	content_free(c);
}
END_TEST

/* Over budget and its Latin variant too (щ is "shch"): an error naming
 * every label with its length in characters. */
START_TEST(home_over_budget_everywhere)
{
	char text[512] = "home = { text = \"RU-HOME ";
	int i;

	for (i = 0; i < 45; i++)
		strcat(text, "щ");
	strcat(text, "\"; };");
	edit("locales/ru.conf", "home = { text = \"RU-HOME\"; };", text);
	expect_error("ru.conf:5: the home menu in 'ru' needs 2 SMS and"
		" home_parts allows 1; no variant in Latin letters fits either:"
		" Cyrillic щ (CYRILLIC SMALL LETTER SHCHA) makes it a Cyrillic"
		" (UCS-2) SMS");
	expect_error("this text has 97 characters: shorten it by 27, e.g. the"
		" longest labels: Регистрация (11), Паспорт (7), Человек (7);"
		" the labels: 1 Регистрация (11), 2 Паспорт (7), 3 Человек"
		" (7), 4 RU-CALC (7)");
}
END_TEST

START_TEST(home_parts_checked)
{
	edit("menus/main.conf", "nodes = (", "home_parts = 3;\nnodes = (");
	expect_error("main.conf:2: home_parts must be 1 or 2");
	edit("menus/main.conf", "home_parts = 3;", "home_parts = \"1\";");
	expect_error("main.conf:2: home_parts must be 1 or 2");
	/* 2 lets the long Cyrillic home go as it is */
	edit("menus/main.conf", "home_parts = \"1\";", "home_parts = 2;");
	edit("locales/ru.conf", "home = { text = \"RU-HOME\"; };",
		"home = { text = \"Пожалуйста, отправьте одну цифру из списка"
		" ниже:\"; };");
	{
		struct content *c;
		struct content_errors errs;
		ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
		ck_assert_int_eq(c->home_parts, 2);
		ck_assert_ptr_null(content_locale(c, "ru")->home_from);
		content_free(c);
	}
}
END_TEST

/* A node added in one language with status = "draft". */
static void
add_ru_draft(void)
{
	edit("menus/main.conf", "[\"reg\", \"passport\", \"person\", \"calc\"]",
		"[\"reg\", \"housing\", \"passport\", \"person\", \"calc\"]");
	edit("menus/main.conf", "  { id = \"person\";",
		"  { id = \"housing\"; type = \"answer\"; status = \"draft\";"
		" source = \"fixture, section 2\"; reviewed = \"2026-11-26\"; },\n"
		"  { id = \"person\";");
	edit("locales/ru.conf", "  person = {", "  housing = { label ="
		" \"Жильё\"; text = \"RU-HOUSING\"; keywords = [\"квартира\"];"
		" };\n  person = {");
}

/* Offered to no one: out of the menu (the digits after it move up),
 * no keyword leads to it; its missing languages are notes (work to do),
 * not errors that stop the rest. */
START_TEST(draft_in_one_language)
{
	struct content *c;
	struct content_errors errs;
	int k, i, notes_uz = 0;

	add_ru_draft();
	if (content_load(dir, &cfg, &c, &errs) != 0)
		ck_abort_msg("draft refused: %s", errs.msgs[0]);
	k = content_node_index(c, "housing");
	ck_assert_int_ge(k, 0);
	ck_assert_int_eq(c->nodes[k].hidden, 1);
	ck_assert_int_eq(c->nodes[c->home].n_options, 4);
	ck_assert_int_eq(c->nodes[c->home].options[1],
		content_node_index(c, "passport"));
	for (i = 0; i < c->topic_words.n; i++)
		ck_assert_int_ne(c->topic_words.refs[i].list, k);
	for (i = 0; i < c->notes.n_notes; i++)
		if (strstr(c->notes.notes[i], "uz.conf") &&
		    strstr(c->notes.notes[i], "draft 'housing': no text in"
		    " 'uz' yet (work to do"))
			notes_uz++;
	ck_assert_int_eq(notes_uz, 1);
	ck_assert_ptr_null(content_locale(c, "uz")->screen[k]);
	content_free(c);
}
END_TEST

/* yordamctl try --drafts: in its menu, and where a language lacks it,
 * a placeholder that says so. */
START_TEST(draft_shown_to_try)
{
	struct content *c;
	struct content_errors errs;
	struct yordam_config shown = cfg;
	int k;

	add_ru_draft();
	shown.content_drafts = 1;
	ck_assert_int_eq(content_load(dir, &shown, &c, &errs), 0);
	k = content_node_index(c, "housing");
	ck_assert_int_eq(c->nodes[k].hidden, 0);
	ck_assert_int_eq(c->nodes[c->home].n_options, 5);
	ck_assert_int_eq(c->nodes[c->home].options[1], k);
	ck_assert_str_eq(content_locale(c, "uz")->text[k],
		"[draft housing: no uz text yet]");
	ck_assert_ptr_nonnull(strstr(content_locale(c, "ru")->screen[k],
		"RU-HOUSING"));
	content_free(c);
}
END_TEST

/* Every language in: a note that it is ready; a node that is not a
 * draft still needs every language; the status is spelt right. */
START_TEST(draft_complete_and_mistakes)
{
	struct content *c;
	struct content_errors errs;
	int i, ready = 0;

	add_ru_draft();
	edit("locales/uz.conf", "  person = {", "  housing = { label ="
		" \"Uy-joy\"; text = \"UZ-HOUSING\"; };\n  person = {");
	ck_assert_int_eq(content_load(dir, &cfg, &c, &errs), 0);
	for (i = 0; i < c->notes.n_notes; i++)
		ready += strstr(c->notes.notes[i], "draft 'housing' has a text"
			" in every language: to offer it, set its status") != NULL;
	ck_assert_int_eq(ready, 1);
	ck_assert_int_eq(c->nodes[content_node_index(c, "housing")].hidden, 1);
	content_free(c);
	edit("menus/main.conf", "status = \"draft\"", "status = \"drafts\"");
	expect_error("answer 'housing': status must be \"confirmed\", \"to"
		" verify\" or \"draft\"");
	edit("menus/main.conf", "status = \"drafts\"", "status = \"to verify\"");
	edit("locales/uz.conf", "  housing = { label = \"Uy-joy\"; text ="
		" \"UZ-HOUSING\"; };\n", "");
	expect_error("no text for node 'housing' in language 'uz'");
	edit("menus/main.conf", "{ id = \"reg\"; type = \"menu\";",
		"{ id = \"reg\"; type = \"menu\"; status = \"to verify\";");
	expect_error("menu 'reg': the only status a menu takes is \"draft\"");
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
	tcase_add_test(t, syntax_curly_quotes);
	tcase_add_test(t, syntax_angle_quotes);
	tcase_add_test(t, syntax_curly_closing_quote);
	tcase_add_test(t, syntax_inner_quote);
	tcase_add_test(t, syntax_unclosed_string);
	tcase_add_test(t, syntax_missing_semicolon_is_fine);
	tcase_add_test(t, syntax_missing_comma_or_equals);
	tcase_add_test(t, menu_over_budget_names_labels);
	tcase_add_test(t, latin_over_budget_by_a_curly_quote);
	tcase_add_test(t, russian_syntax_errors);
	tcase_add_test(t, russian_over_budget);
	tcase_add_test(t, over_budget);
	tcase_add_test(t, system_text_over_budget_with_dates);
	tcase_add_test(t, confirmed_needs_a_section_urgent_needs_emergency);
	tcase_add_test(t, source_citing_a_file_refused);
	tcase_add_test(t, file_references_told_from_citations);
	tcase_add_test(t, shipped_content_cites_no_file);
	tcase_add_test(t, too_many_options);
	tcase_add_test(t, answer_needs_source_and_status);
	tcase_add_test(t, language_word_clash);
	tcase_add_test(t, numbers_differ_between_translations);
	tcase_add_test(t, option_offered_twice);
	tcase_add_test(t, too_deep);
	tcase_add_test(t, uzbek_apostrophes_kept_gsm7);
	tcase_add_test(t, unsafe_word);
	tcase_add_test(t, reply_missing_in_one_language);
	tcase_add_test(t, replies_group_missing_in_one_language);
	tcase_add_test(t, reply_over_budget);
	tcase_add_test(t, reply_over_budget_with_placeholder);
	tcase_add_test(t, reply_bad_name);
	tcase_add_test(t, reply_unknown_placeholder);
	tcase_add_test(t, reply_empty);
	tcase_add_test(t, reply_not_a_text);
	tcase_add_test(t, reply_group_needs_text_and_whole_review);
	tcase_add_test(t, reply_numbers_differ);
	tcase_add_test(t, reply_unsafe_word);
	tcase_add_test(t, conversation_texts_required);
	tcase_add_test(t, conversation_text_over_budget);
	tcase_add_test(t, replies_load_and_derive);
	tcase_add_test(t, no_replies_is_fine);
	tcase_add_test(t, shipped_replies_everywhere);
	tcase_add_test(t, site_files_replace_shipped_ones);
	tcase_add_test(t, reply_placeholder_unset_everywhere);
	tcase_add_test(t, shipped_home_in_one_part);
	tcase_add_test(t, home_over_budget_goes_latin);
	tcase_add_test(t, home_over_budget_everywhere);
	tcase_add_test(t, home_parts_checked);
	tcase_add_test(t, draft_in_one_language);
	tcase_add_test(t, draft_shown_to_try);
	tcase_add_test(t, draft_complete_and_mistakes);
	suite_add_tcase(s, t);
	return run_suite(s);
}
