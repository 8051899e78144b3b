/* test_text.c - the shared normalisation. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "yordam/charset.h"
#include "yordam/sms.h"
#include "yordam/classify.h"
#include "yordam/lid.h"
#include "yordam/match.h"
#include "yordam/text.h"
#include "yordam/translit.h"

static void
expect(const char *in, const char *want)
{
	char *got = text_normalise(in);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(case_and_space)
{
	expect("  PASPORT   Zabrali ", "pasport zabrali");
	expect("ПОМОЩЬ", "помощь");
	expect("1.", "1");
	expect(" 2) ", "2");
	expect("«Ёрдам»!", "ердам");
	expect("", "");
}
END_TEST

START_TEST(apostrophes_fold)
{
	expect("Oʻzbek", "o'zbek");
	expect("O‘zbek", "o'zbek");
	expect("O’zbek", "o'zbek");
	expect("O`zbek", "o'zbek");
	expect("Oʼzbek", "o'zbek");
}
END_TEST

START_TEST(keyboard_stand_ins)
{
	expect("паспортумду алып алды", "паспортумду алып алды");
	expect("Паспортумду", "паспортумду");
	expect("шиносномаро гирифт", "шиносномаро гирифт");
	expect("ҳақ", "хак");
	expect("Жардам бериңиз", "жардам бериниз");
	expect("Ӯзбек", "узбек");
}
END_TEST

START_TEST(homoglyphs_one_script_per_word)
{
	/* Latin a, o, p inside a Cyrillic word */
	expect("пaсп\x6fрт", "паспорт");
	/* Cyrillic а inside a Latin word */
	expect("p\xd0\xb0sport", "pasport");
	/* two words, two scripts: each keeps its own */
	expect("pasport паспорт", "pasport паспорт");
}
END_TEST

START_TEST(digits_and_repeats)
{
	expect("٣", "3");
	expect("۲", "2");
	expect("１", "1");
	expect("00", "00");
	expect("pomoooshch!!!", "pomoshch");
	expect("yordaaaam", "yordam");
	expect("assalom", "assalom");   /* two equal letters stay */
	expect("help?!?!", "help");
}
END_TEST

START_TEST(casefold_keeps_letters)
{
	char *got = text_casefold("ҲАҚ Ңө");
	ck_assert_str_eq(got, "ҳақ ңө");
	free(got);
}
END_TEST

START_TEST(invalid_utf8_is_null)
{
	ck_assert_ptr_null(text_normalise("ab\xC3("));
}
END_TEST

START_TEST(whole_words)
{
	ck_assert(text_has_word("menga yordam kerak", "yordam"));
	ck_assert(text_has_word("yordam", "yordam"));
	ck_assert(text_has_word("yordam!", "yordam"));
	ck_assert(!text_has_word("yordamchi", "yordam"));
	ck_assert(!text_has_word("", "yordam"));
}
END_TEST

START_TEST(repair)
{
	char *r = text_repair_utf8("a\xFF" "b", 3);
	ck_assert_str_eq(r, "a\xEF\xBF\xBD" "b");
	free(r);
	ck_assert(text_valid_utf8("жж", strlen("жж")));
	ck_assert(!text_valid_utf8("\xC3", 1));
}
END_TEST

static void
tr(const char *latin, const char *want)
{
	char *got = translit_uz_latin_to_cyrillic(latin);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(uzbek_latin_to_cyrillic)
{
	tr("O'zbekiston", "Ўзбекистон");
	tr("pasport", "паспорт");
	tr("Ish haqi", "Иш ҳақи");
	tr("choy", "чой");
	tr("g'alla", "ғалла");
	tr("ma'lumot", "маълумот");
	tr("eshik", "эшик");
	tr("yordam", "ёрдам");
	tr("yurt", "юрт");
	tr("yangi", "янги");
	tr("5 kun ichida {hotline}", "5 кун ичида {hotline}");
	tr("'qo'shtirnoq'", "'қўштирноқ'");
	tr("Oʻzbek", "Ўзбек");
	/* loanwords keep their ц (the review: not политсия, мигратсия) */
	tr("politsiya", "полиция");
	tr("Migratsiya politsiyasiga", "Миграция полициясига");
	tr("mehnat inspeksiyasiga", "меҳнат инспекциясига");
	tr("registratsiya", "регистрация");
	tr("aksiya", "акция");
	tr("yo'q, yo'tal, Yo'l", "йўқ, йўтал, Йўл");
	/* a native -tsa/-tsin is no loanword */
	tr("ketsin, aytsa", "кетсин, айтса");
}
END_TEST

/* The words of a phrase in any order, near each other; one typo in the
 * phrase, none in words under five letters. */
START_TEST(keywords_in_any_order)
{
	ck_assert_int_eq(match_keyword("паспорт у меня забрал хозяин",
		"забрал паспорт"), 2);
	ck_assert_int_eq(match_keyword("pasportimni xo'jayin olib qo'ydi",
		"pasportimni olib"), 2);
	ck_assert_int_eq(match_keyword("пасорт забрал", "забрал паспорт"), 1);
	ck_assert_int_eq(match_keyword("пасорт забарл", "забрал паспорт"), 0);
	/* too far apart to be one phrase */
	ck_assert_int_eq(match_keyword("забрал хозяин у меня вчера вечером"
		" на стройке паспорт", "забрал паспорт"), 0);
	/* one word can serve only one word of the phrase */
	ck_assert_int_eq(match_keyword("паспорт", "паспорт паспорт"), 0);
	/* short words need to be exact: a greeting is no topic */
	ck_assert_int_eq(match_keyword("салам", "балам"), 0);
	ck_assert_int_eq(match_keyword("qarab", "qamab"), 0);
}
END_TEST

/* Letters tell languages apart, even in a few words never seen. */
START_TEST(lid_tells_languages_apart)
{
	struct lid *m = lid_new(3);
	double sc[3];

	lid_learn(m, 0, "menga yordam kerak ish haqi bermayapti pasportimni"
		" olib qo'yishdi qayerga borish kerak");
	lid_learn(m, 1, "мне нужна помощь зарплату не платят паспорт забрали"
		" куда идти что делать");
	lid_learn(m, 2, "ба ман ёрдам лозим музд намедиҳанд шиносномаро"
		" гирифтанд чӣ кор кунам");
	lid_finish(m);
	ck_assert_int_gt(lid_score(m, "pulimni bermayapti", sc), 0);
	ck_assert(sc[0] > sc[1] && sc[0] > sc[2]);
	lid_score(m, "не отдают документы", sc);
	ck_assert(sc[1] > sc[0] && sc[1] > sc[2]);
	lid_score(m, "кор кунам намедиҳанд", sc);
	ck_assert(sc[2] > sc[1]);
	/* nothing to go on: no letters, every score 0 */
	ck_assert_int_eq(lid_score(m, "12 34 !!", sc), 0);
	ck_assert(sc[0] == 0 && sc[1] == 0);
	lid_free(m);
}
END_TEST

/* The classifier learns stems: endings it never saw still point home. */
START_TEST(classifier_learns_stems)
{
	struct classifier *k = classify_new();
	struct classify_hit h[2];
	int wages = classify_label(k, "wages"), pass = classify_label(k,
		"passport");

	ck_assert_int_eq(classify_label(k, "wages"), wages);
	classify_learn(k, wages, "зарплату не платят");
	classify_learn(k, wages, "ish haqi bermayapti");
	classify_learn(k, pass, "паспорт забрали");
	classify_learn(k, pass, "pasportimni olib qo'yishdi");
	classify_finish(k);
	ck_assert_int_eq(classify_best(k, "зарплата не плачена", h, 2), 2);
	ck_assert_str_eq(classify_label_name(k, h[0].label), "wages");
	ck_assert(h[0].p > h[1].p);
	ck_assert_int_eq(classify_best(k, "pasportim yo'q", h, 1), 1);
	ck_assert_str_eq(classify_label_name(k, h[0].label), "passport");
	/* no word it knows: no guess */
	ck_assert_int_eq(classify_best(k, "qwerty zxcv", h, 2), 0);
	ck_assert_str_eq(classify_label_name(k, 99), "");
	classify_free(k);
}
END_TEST

/* Latin abbreviations the locale lists stay Latin in Cyrillic text. */
START_TEST(uzbek_cyrillic_keeps_abbreviations)
{
	const char *keep[] = { "UNHCR", "SMS" };
	char *got = translit_uz_latin_to_cyrillic_keep("UNHCR yordam beradi."
		" SMSni o'chiring. SMSX UNHCRga", keep, 2);

	ck_assert_str_eq(got, "UNHCR ёрдам беради. SMSни ўчиринг. СМСХ"
		" UNHCRга");
	free(got);
}
END_TEST

static void
lat(const char *cyr, const char *lang, const char *want)
{
	char *got = translit_cyrillic_to_latin(cyr, lang);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(cyrillic_to_latin)
{
	lat("Паспорт забрали", "ru", "Pasport zabrali");
	lat("Щука, жёлтый, хлеб, цех, юг, я", "ru", "Shchuka, zhyoltyy, khleb, tsekh, yug, ya");
	lat("Объявление", "ru", "Obyavlenie");
	/* Kyrgyz is typed with j (the review: JARDAM, not ZhARDAM) */
	lat("Жардам бериңиз, өзүм, үй", "ky", "Jardam beringiz, ozum, uy");
	lat("ЖАРДАМ деп жазыңыз", "ky", "JARDAM dep jazyngyz");
	/* a word in capitals stays in capitals */
	lat("Напишите ПОМОЩЬ или ЧАЩА", "ru", "Napishite POMOSHCH ili CHASHCHA");
	lat("Ҷавоб, ҳақ, ғам, қонун, тоҷикӣ, рӯз", "tg", "Javob, haq, gham, qonun, tojiki, ruz");
	lat("приказ № 398 «работа»", "ru", "prikaz No 398 \"rabota\"");
	lat("Ok 12", "ru", "Ok 12");
}
END_TEST

/* Uzbek Latin -> Cyrillic -> Latin gives the text back. */
START_TEST(uzbek_round_trip)
{
	const char *words[] = { "O'zbekiston", "ish haqi", "choy", "yordam",
		"g'alla", "ma'lumot", "eshik", "yangi", "Xavf bo'lsa",
		"pasportingizni", NULL };
	int i;

	for (i = 0; words[i]; i++) {
		char *cyr = translit_uz_latin_to_cyrillic(words[i]);
		char *back = translit_cyrillic_to_latin(cyr, "uz");
		ck_assert_msg(strcmp(back, words[i]) == 0, "%s -> %s -> %s",
			words[i], cyr, back);
		free(cyr);
		free(back);
	}
}
END_TEST

/* Hand-counted: 90 Cyrillic characters are 2 UCS-2 parts; the same
 * text in Latin letters is 92 GSM-7 characters, one part. */
START_TEST(latin_saves_parts)
{
	const char *ru = "Работодатель не вправе забирать паспорт. Напишите"
		" ПОМОЩЬ, вам ответит человек. Угроза: 112";
	struct sms_measure a, b;
	char *l = translit_cyrillic_to_latin(ru, "ru");

	sms_measure(ru, &a);
	sms_measure(l, &b);
	ck_assert_int_eq(a.coding, SMS_UCS2);
	ck_assert_int_eq(a.units, 90);
	ck_assert_int_eq(a.parts, 2);
	ck_assert_int_eq(b.coding, SMS_GSM7);
	ck_assert_int_eq(b.units, 92);
	ck_assert_int_eq(b.parts, 1);
	free(l);
}
END_TEST

START_TEST(utf16_both_ways)
{
	size_t n;
	unsigned char *u = charset_utf8_to_utf16be("Жa😀", &n);
	char *back;
	ck_assert_uint_eq(n, 8);                /* 2 + 2 + surrogate pair */
	ck_assert_int_eq(u[0], 0x04);
	ck_assert_int_eq(u[1], 0x16);
	back = charset_utf16be_to_utf8(u, n);
	ck_assert_str_eq(back, "Жa😀");
	free(back);
	free(u);
	/* a lone high surrogate in the middle: replaced, the rest kept */
	{
		const unsigned char bad[] = { 0x00, 'o', 0xD8, 0x00, 0x00, 'k' };
		back = charset_utf16be_to_utf8(bad, sizeof bad);
		ck_assert_str_eq(back, "o\xEF\xBF\xBDk");
		free(back);
	}
	ck_assert_ptr_null(charset_utf8_to_utf16be("\xFF", &n));
}
END_TEST

START_TEST(script_guess)
{
	ck_assert(translit_is_mostly_cyrillic("ёрдам керак"));
	ck_assert(!translit_is_mostly_cyrillic("yordam kerak"));
	ck_assert(!translit_is_mostly_cyrillic("12"));
}
END_TEST

/* Characters in a UTF-8 string (asserting it is valid). */
static size_t
chars_of(const char *s)
{
	size_t n = 0;

	ck_assert_msg(text_valid_utf8(s, strlen(s)), "invalid UTF-8: %s", s);
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/*
 * A preview is cut by characters, never bytes: at every length, in all
 * four languages and both scripts, the result is valid UTF-8, no longer
 * than asked, on one line, and the start of the text (then "…").
 */
START_TEST(preview_cuts_characters_at_every_position)
{
	static const char *texts[] = {
		"Помогите, забрали паспорт, работодатель не платит уже три"
		" месяца, живём в вагончике\nи не выпускают",
		"Pasportimni olib qo'yishdi, ish haqi bermayapti. Yordam"
		" bering!\r\nAlmaty",
		"Паспортимни олиб қўйишди, иш ҳақи бермаяпти, ёрдам беринг",
		"Жумуш берүүчү паспортумду алып койду, айлык төлөбөй жатат,"
		" жардам бериңиз",
		"Соҳибкор шиносномаамро гирифт, музд намедиҳад, ёрӣ диҳед \t ҷӯра",
		"\x1b[2J\x1b]0;title\x07 text\x7f with \xc2\x85 C1 and \xff bad",
	};
	char out[1024], flat[1024];
	size_t t, max, total;

	for (t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		text_preview(texts[t], 100000, flat, sizeof flat);
		total = chars_of(flat);
		ck_assert_ptr_null(strpbrk(flat, "\n\r\t\x1b\x07\x7f"));
		for (max = 0; max <= total + 2; max++) {
			size_t n = text_preview(texts[t], max, out, sizeof out);
			size_t got = chars_of(out);
			ck_assert_uint_eq(n, strlen(out));
			ck_assert_msg(got <= max, "%zu chars for max %zu: %s",
				got, max, out);
			if (max >= total) {
				ck_assert_str_eq(out, flat);
			} else if (max > 0) {
				size_t keep = strlen(out) - 3;
				ck_assert_str_eq(out + keep, "\xE2\x80\xA6");
				ck_assert_msg(strncmp(out, flat, keep) == 0,
					"not a prefix: %s", out);
			}
		}
		/* A small buffer cuts too, still on a character. */
		for (max = 1; max < 40; max++) {
			text_preview(texts[t], 1000, out, max);
			ck_assert(strlen(out) < max);
			chars_of(out);
		}
	}
	text_preview("a\n\n\nb", 10, out, sizeof out);
	ck_assert_str_eq(out, "a b");
	text_preview(NULL, 10, out, sizeof out);
	ck_assert_str_eq(out, "");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("text");
	TCase *t = tcase_create("text");

	tcase_add_test(t, case_and_space);
	tcase_add_test(t, apostrophes_fold);
	tcase_add_test(t, invalid_utf8_is_null);
	tcase_add_test(t, keyboard_stand_ins);
	tcase_add_test(t, homoglyphs_one_script_per_word);
	tcase_add_test(t, digits_and_repeats);
	tcase_add_test(t, casefold_keeps_letters);
	tcase_add_test(t, whole_words);
	tcase_add_test(t, repair);
	tcase_add_test(t, uzbek_latin_to_cyrillic);
	tcase_add_test(t, uzbek_cyrillic_keeps_abbreviations);
	tcase_add_test(t, keywords_in_any_order);
	tcase_add_test(t, lid_tells_languages_apart);
	tcase_add_test(t, classifier_learns_stems);
	tcase_add_test(t, script_guess);
	tcase_add_test(t, cyrillic_to_latin);
	tcase_add_test(t, uzbek_round_trip);
	tcase_add_test(t, latin_saves_parts);
	tcase_add_test(t, utf16_both_ways);
	tcase_add_test(t, preview_cuts_characters_at_every_position);
	suite_add_tcase(s, t);
	return run_suite(s);
}
