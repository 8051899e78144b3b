/*
 * engine_lang.c - which language, and which script, to answer in.
 *
 * Nobody is asked to name their language if their first SMS shows it:
 * its own letters, its language and help words and its common words are
 * the evidence (engine_obvious_language).  Later a language word switches
 * language, "Latin letters, please" switches script for phones that show
 * Cyrillic as boxes, and Uzbek follows the script the person types in.
 * Kept apart from engine.c because it is about text, not the conversation:
 * it reads the content's word lists and never touches a session.
 */
#include <string.h>

#include "engine_private.h"
#include "yordam/text.h"
#include "yordam/translit.h"

static int
match_count(const char *norm, char **words, int n)
{
	int i, hits = 0;

	for (i = 0; i < n; i++)
		hits += text_has_word(norm, words[i]);
	return hits;
}

static int
any_word(const char *norm, char **words, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (text_has_word(norm, words[i]))
			return 1;
	return 0;
}

static int
has_letters(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (unsigned char)*s >= 0xC0)
			return 1;
	return 0;
}

/* A locale is Cyrillic when the name it calls itself is. */
static int
is_cyrillic_locale(const struct locale *loc)
{
	return translit_is_mostly_cyrillic(loc->name);
}

/*
 * Letters only one of our languages uses.  Kyrgyz and Tajik are often
 * typed on Russian keyboards without them; then the language words and the
 * explicit choice decide, with the common words of each language.
 */
static const char *
language_by_letters(const char *s)
{
	/* қ ғ ҳ are both Tajik and Uzbek Cyrillic: no verdict from them. */
	static const struct { const char *letters[8]; const char *lang; } t[] = {
		{ { "ң", "ө", "ү", NULL }, "ky" },
		{ { "ҷ", "ӣ", "ӯ", NULL }, "tg" },
		{ { "ў", NULL }, "uz-Cyrl" },
		{ { "o'", "g'", "oʻ", "gʻ", NULL }, "uz" },
	};
	size_t i;
	int j;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		for (j = 0; t[i].letters[j]; j++)
			if (strstr(s, t[i].letters[j]))
				return t[i].lang;
	return NULL;
}

/*
 * Character statistics for Cyrillic typed without the special letters:
 * Tajik has no ы ь щ ц, which fill Russian and (ы) Kyrgyz text.  A point
 * for each language the letters speak for; enough to break a tie, never
 * enough alone to override a word.
 */
static int
letter_statistics(const char *light, const char *code)
{
	int cyr = 0, ru_only = 0, yery = 0;
	const unsigned char *p = (const unsigned char *)light;

	for (; *p; p++) {
		if (p[0] == 0xD0 || p[0] == 0xD1 || p[0] == 0xD2 || p[0] == 0xD3)
			cyr++;
		if ((p[0] == 0xD1 && (p[1] == 0x8C || p[1] == 0x89)) ||
		    (p[0] == 0xD1 && p[1] == 0x86))
			ru_only++;      /* ь щ ц */
		if (p[0] == 0xD1 && p[1] == 0x8B)
			yery++;         /* ы */
	}
	if (cyr < 8)
		return 0;
	if (strcmp(code, "tg") == 0)
		return !ru_only && !yery;
	if (strcmp(code, "ru") == 0)
		return ru_only > 0;
	if (strcmp(code, "ky") == 0)
		return yery > 0 && !ru_only;
	return 0;
}

/*
 * Score each language by the evidence in the text: its own letters (the
 * strongest sign), its language and help words, and its common words.
 * A language is obvious only when it scores and no other scores as well.
 */
const char *
engine_obvious_language(const struct content *c, const char *light,
		const char *norm)
{
	const char *by_letters = language_by_letters(light);
	int best = -1, best_score = 0, second = 0, i;

	for (i = 0; i < c->n_locales; i++) {
		const struct locale *l = &c->locales[i];
		int score = 0;
		if (l->latin_base)
			continue;       /* chosen on request, never guessed */
		if (by_letters && strcmp(by_letters, l->code) == 0)
			score += 3;
		score += 2 * (any_word(norm, l->language_words,
			l->n_language_words) + any_word(norm, l->help_words,
			l->n_help_words));
		score += match_count(norm, l->common_words, l->n_common_words);
		if (score > 0)
			score = score * 2 + letter_statistics(light, l->code);
		if (score > best_score) {
			second = best_score;
			best_score = score;
			best = i;
		} else if (score > second) {
			second = score;
		}
	}
	if (best < 0 || best_score == second)
		return NULL;
	return c->locales[best].code;
}

/* The locale one of whose language words the whole message is. */
const struct locale *
engine_language_word(const struct content *c, const char *norm)
{
	int i, j;

	for (i = 0; i < c->n_locales; i++)
		for (j = 0; j < c->locales[i].n_language_words; j++)
			if (strcmp(norm, c->locales[i].language_words[j]) == 0)
				return &c->locales[i];
	return NULL;
}

/*
 * "Latin letters, please": a phone that shows Cyrillic as boxes gets the
 * same texts transliterated, as GSM-7, which is also cheaper (160
 * characters a part instead of 70).  Returns the locale to switch to.
 */
const struct locale *
engine_latin_request(const struct content *c, const struct locale *loc,
		const char *norm)
{
	int i, asked = 0;

	for (i = 0; i < c->n_locales && !asked; i++)
		asked = any_word(norm, c->locales[i].latin_words,
			c->locales[i].n_latin_words);
	if (!asked)
		return NULL;
	if (loc->latin_variant && content_locale(c, loc->latin_variant))
		return content_locale(c, loc->latin_variant);
	if (loc->script_variant && is_cyrillic_locale(loc) &&
	    content_locale(c, loc->script_variant))
		return content_locale(c, loc->script_variant);
	return loc;
}

/*
 * Answer in the script the person writes in (Uzbek Latin/Cyrillic): the
 * locale's other-script variant when the letters are in the other script
 * and the words do not say another language.  NULL: stay.
 */
const struct locale *
engine_script_variant(const struct content *c, const struct locale *loc,
		const char *light, const char *norm)
{
	const char *lang;

	if (!loc->script_variant || !has_letters(norm))
		return NULL;
	lang = engine_obvious_language(c, light, norm);
	if (lang && strcmp(lang, loc->code) != 0 &&
	    strcmp(lang, loc->script_variant) != 0)
		return NULL;
	if (translit_is_mostly_cyrillic(norm) == is_cyrillic_locale(loc))
		return NULL;
	return content_locale(c, loc->script_variant);
}
