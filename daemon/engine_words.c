/*
 * engine_words.c - the words that act whatever the menu: DELETE, STOP and
 * START (the whole message), the help words, and urgency (the urgent
 * words of any language, in any order, or the classifier's certainty).
 * Also engine_is_pressing(), which the gateway runs on every message of a
 * surge to answer help and danger first: so it lives apart from the
 * conversation, and is cheap.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_private.h"
#include "yordam/match.h"
#include "yordam/text.h"

static char **
word_list(const struct locale *l, enum word_list which, int *n)
{
	switch (which) {
	case WORDS_DELETE:
		*n = l->n_delete_words;
		return l->delete_words;
	case WORDS_STOP:
		*n = l->n_stop_words;
		return l->stop_words;
	case WORDS_START:
		break;
	}
	*n = l->n_start_words;
	return l->start_words;
}

/* The locale one of whose `which` words the whole message is, or NULL. */
const struct locale *
engine_exact_word(const struct content *c, const char *norm,
		enum word_list which)
{
	int i, j, n;

	for (i = 0; i < c->n_locales; i++) {
		const struct locale *l = &c->locales[i];
		char **w = word_list(l, which, &n);
		for (j = 0; j < n; j++)
			if (strcmp(norm, w[j]) == 0)
				return l;
	}
	return NULL;
}

/* Help words forgive a typo too: a person in trouble types fast.  The
 * language whose help words fit best (an exact word before a typo, each
 * spelling once; on a tie, prefer, else the first), or NULL when the
 * text holds none. */
/* Is w[j] also an earlier word of w (a list transliterated from the
 * other script has doubles: "advokat" and "адвокат" are both
 * "адвокат"), which must not count twice? */
static int
spelt_before(char **w, int j)
{
	int k;

	for (k = 0; k < j; k++)
		if (strcmp(w[k], w[j]) == 0)
			return 1;
	return 0;
}

static const struct locale *
help_locale(const struct content *c, const char *norm,
		const struct locale *prefer)
{
	const struct locale *best = NULL;
	int i, score, best_score = 0;
	/* In a sentence a typo of a help word is more often another word
	 * (pomoch, "to help", is no call for help): exact words only. */
	int exact = strchr(norm, ' ') && strchr(strchr(norm, ' ') + 1, ' ');
	struct match_text *t = malloc(sizeof *t);
	char *bare = malloc(strlen(norm) + 1);

	if (!t || !bare) {
		free(t);
		free(bare);
		return NULL;
	}
	engine_without_phrases(c, norm, bare, strlen(norm) + 1, 1);
	match_prepare(bare, t);
	free(bare);
	for (i = 0; i < c->n_locales; i++) {
		char **w = c->locales[i].help_words;
		int j;
		for (j = 0, score = 0; j < c->locales[i].n_help_words; j++) {
			int m = match_keyword_in(t, w[j]);
			if (m && spelt_before(w, j))
				continue;
			score += exact && m < 2 ? 0 : m;
		}
		if (score > best_score || (score && score == best_score &&
		    &c->locales[i] == prefer)) {
			best = &c->locales[i];
			best_score = score;
		}
	}
	free(t);
	return best;
}

const struct locale *
engine_help_locale(const struct content *c, const char *norm)
{
	return help_locale(c, norm, NULL);
}

const struct locale *
engine_help_locale_for(const struct content *c, const char *light,
		const char *norm)
{
	/* only a clear lead decides a tie: a bare "yordam" is Uzbek's and
	 * Tajik-in-Latin's alike, and the letters of one word are no
	 * evidence against the first (offered) language's claim */
	const char *clear = engine_obvious_language(c, light, norm);

	return help_locale(c, norm, clear ? content_locale(c, clear) : NULL);
}

int
engine_is_help_word(const struct content *c, const char *norm)
{
	return engine_help_locale(c, norm) != NULL;
}

/*
 * The urgent category of a message: the first any language's urgent
 * words match (*from set to that locale), or else the one the classifier
 * is sure of (*from NULL: no words of a language); NULL when not urgent.
 */
const char *
engine_urgent_category(const struct content *c, const char *norm,
		const struct locale **from, const struct topic *known)
{
	struct match_text *words = malloc(sizeof *words);
	struct topic t;

	*from = NULL;
	if (words) {
		/* the best match (exact before a typo: "простите", forgive
		 * me, is one letter from a stem of "prostitution"), then the
		 * first list, in the locales' and lists' order (an editor
		 * orders the categories: self_harm first) */
		int best_l = -1, best_j = -1, best_m = 0, f, i, m;
		match_prepare(norm, words);
		for (f = 0; f < words->n_firsts; f++) {
			const struct keyword_ref *r;
			int n = content_keywords_of(&c->urgent_words,
				words->firsts[f], &r);
			for (i = 0; i < n; i++) {
				int later = best_l >= 0 && (r[i].locale > best_l
				    || (r[i].locale == best_l && r[i].list >=
				    best_j));
				if (best_m == 2 && later)
					continue;
				m = match_keyword_in(words, r[i].kw);
				if (m > best_m || (m && m == best_m && !later)) {
					best_l = r[i].locale;
					best_j = r[i].list;
					best_m = m;
				}
			}
		}
		free(words);
		if (best_l >= 0) {
			*from = &c->locales[best_l];
			return c->locales[best_l].urgent[best_j].category;
		}
	}
	if (known)
		return known->urgent;
	engine_topic(c, NULL, norm, &t);
	return t.urgent;
}

int
engine_is_pressing(const struct content *c, const char *text)
{
	const struct locale *said;
	char *norm = text_normalise(text);
	int pressing;

	if (!norm)
		return 0;
	pressing = engine_urgent_category(c, norm, &said, NULL) != NULL ||
		engine_is_help_word(c, norm);
	free(norm);
	return pressing;
}
