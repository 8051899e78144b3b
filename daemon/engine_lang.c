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
#include "yordam/lid.h"
#include "yordam/text.h"
#include "yordam/translit.h"

/* How many of the words are in the text, each spelling once: a list
 * transliterated into the other script has doubles ("rahmat" and
 * "raxmat" are both "рахмат"), which must not count twice. */
static int
match_count(const char *norm, char **words, int n)
{
	int i, j, hits = 0;

	for (i = 0; i < n; i++) {
		if (!text_has_word(norm, words[i]))
			continue;
		for (j = 0; j < i && strcmp(words[j], words[i]) != 0; j++)
			;
		hits += j == i;
	}
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
 * The words of a locale in the text: its language and help words count
 * double, its common words and greetings once each ("hayrli kech" and
 * "кутман күн" say which language; a greeting several lists share adds
 * to each of them alike).
 */
static int
word_points(const struct locale *l, const char *norm)
{
	return 2 * (any_word(norm, l->language_words, l->n_language_words) +
		any_word(norm, l->help_words, l->n_help_words)) +
		match_count(norm, l->common_words, l->n_common_words) +
		match_count(norm, l->greeting_words, l->n_greeting_words);
}

/*
 * Each locale's evidence in a text, in scores[n_locales] (higher is
 * likelier); 0 when the text has no letters.  Three kinds of evidence,
 * added:
 *  - the letters only one language has (ң ө ү Kyrgyz, ҷ ӣ ӯ Tajik, ў
 *    Uzbek Cyrillic, o' g' Uzbek Latin): strong;
 *  - its words (word_points): a plain Russian word outvotes the letter
 *    statistics of a short text;
 *  - the character n-gram model learnt from the corpus and the texts
 *    (lid.h): the total log-likelihood, damped, which tells languages
 *    apart when people type without their special letters, and Kyrgyz,
 *    Tajik and Russian typed in Latin from Uzbek.
 * A locale in the other script than the text's letters is out of the
 * race: Cyrillic text is answered in a Cyrillic locale, Latin text in a
 * Latin one.
 */
#define LETTER_POINTS 6.0
#define WORD_WEIGHT 2.0
#define NGRAM_WEIGHT 0.35
#define NGRAM_CAP 12.0          /* the n-grams never outvote everything */

static int
language_scores(const struct content *c, const char *light,
		const char *norm, double *scores)
{
	const char *by_letters = language_by_letters(light);
	double ngram[64], best_ngram = -1e9;
	int cyrillic = translit_is_mostly_cyrillic(light), i, n;

	if (!has_letters(norm) || c->n_locales > 64)
		return 0;
	n = lid_score(c->lid, light, ngram);
	for (i = 0; n && i < c->n_locales; i++)
		if (ngram[i] > best_ngram &&
		    is_cyrillic_locale(&c->locales[i]) == cyrillic)
			best_ngram = ngram[i];
	for (i = 0; i < c->n_locales; i++) {
		const struct locale *l = &c->locales[i];
		double gap;
		if (is_cyrillic_locale(l) != cyrillic) {
			scores[i] = -1e9;
			continue;
		}
		scores[i] = WORD_WEIGHT * word_points(l, norm);
		if (by_letters && strcmp(by_letters, l->code) == 0)
			scores[i] += LETTER_POINTS;
		if (n) {
			gap = (ngram[i] - best_ngram) * n * NGRAM_WEIGHT;
			scores[i] += gap < -NGRAM_CAP ? -NGRAM_CAP : gap;
		}
	}
	return 1;
}

/*
 * The language and script a text is in, when the evidence is clear: the
 * best locale by language_scores() ahead of the next by margin.  With no
 * clear winner, NULL: the person is asked.
 */
static const struct locale *
clear_language(const struct content *c, const char *light, const char *norm,
		double margin, double *lead)
{
	double scores[64];
	int best = -1, i;
	double second = -1e9;

	if (!language_scores(c, light, norm, scores))
		return NULL;
	for (i = 0; i < c->n_locales; i++)
		if (best < 0 || scores[i] > scores[best])
			best = i;
	for (i = 0; i < c->n_locales; i++)
		if (i != best && scores[i] > second)
			second = scores[i];
	if (lead)
		*lead = scores[best] - second;
	if (best < 0 || scores[best] - second < margin)
		return NULL;
	return &c->locales[best];
}

#define FIRST_MARGIN 1.5        /* a first message: enough to answer in */
#define SWITCH_MARGIN 6.0       /* mid-session: clearly another language */

const char *
engine_obvious_language(const struct content *c, const char *light,
		const char *norm)
{
	const struct locale *l = clear_language(c, light, norm, FIRST_MARGIN,
		NULL);

	return l ? l->code : NULL;
}

/*
 * A message that is only a greeting says little, and asking for the
 * language costs the person a round trip: the likeliest language is
 * enough when it leads at all (GREETING_MARGIN, chosen by cross-validation
 * on the tune part; a lone "salom", Uzbek and Tajik alike, is still
 * asked).
 */
#define GREETING_MARGIN 0.1

const char *
engine_greeting_language(const struct content *c, const char *light,
		const char *norm)
{
	const struct locale *l = clear_language(c, light, norm,
		GREETING_MARGIN, NULL);

	return l ? l->code : NULL;
}

const struct locale *
engine_other_language(const struct content *c, const struct locale *loc,
		const char *light, const char *norm)
{
	const struct locale *l;
	char *space = strchr(norm, ' ');

	/* one word is too little to leave the person's language */
	if (!space || !(l = clear_language(c, light, norm, SWITCH_MARGIN,
	    NULL)) || l == loc)
		return NULL;
	/* the same language in the other script: engine_script_variant */
	if ((loc->script_variant && strcmp(loc->script_variant, l->code) == 0)
	    || (l->script_variant && strcmp(l->script_variant, loc->code) == 0)
	    || (loc->latin_variant && strcmp(loc->latin_variant, l->code) == 0)
	    || (loc->latin_base && strcmp(loc->latin_base, l->code) == 0))
		return NULL;
	return l;
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
 * The same language in the script the person may switch to by typing:
 * uz <-> uz-Cyrl, and ru, ky, tg -> their Latin variant.  Not back from
 * Latin: Latin letters may have been asked for by a phone that shows
 * Cyrillic as boxes (the language word switches back).
 */
static const struct locale *
other_script(const struct content *c, const struct locale *loc)
{
	const char *code = loc->script_variant ? loc->script_variant
		: loc->latin_variant;

	return code ? content_locale(c, code) : NULL;
}

/*
 * Answer in the script the person writes in (other_script): Uzbek in
 * Latin or Cyrillic letters, Russian, Kyrgyz and Tajik typed in Latin
 * letters in their Latin variant (GSM-7, which is also cheaper).  The
 * callers ask engine_other_language() first: a text clearly in another
 * language goes there, and the n-gram scoring is not run twice.
 * NULL: stay.
 */
const struct locale *
engine_script_variant(const struct content *c, const struct locale *loc,
		const char *light, const char *norm)
{
	const struct locale *other = other_script(c, loc);

	if (!other || !has_letters(norm))
		return NULL;
	(void)light;
	if (translit_is_mostly_cyrillic(norm) == is_cyrillic_locale(loc))
		return NULL;
	return other;
}
