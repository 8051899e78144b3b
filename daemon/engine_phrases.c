/*
 * engine_phrases.c - the phrases taken out of a text before it is read:
 * greetings (never a topic, never a typo of one) and the phrases in which
 * a help word asks for no one.  Apart from engine_topic.c and
 * engine_words.c, which both use it, so neither needs the other for it.
 */
#include <string.h>

#include "engine_private.h"

/* The length of the word or phrase of words[] that p begins with, whole
 * words only, or 0. */
static size_t
phrase_at(const char *p, char **words, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		size_t len = strlen(words[i]);
		if (strncmp(p, words[i], len) == 0 && (p[len] == ' ' ||
		    p[len] == '\0' || strchr(",.!?", p[len])))
			return len;
	}
	return 0;
}

/*
 * The text without its greetings ("salom", "здравствуйте", "у меня
 * вопрос"), whole words only: a greeting is never read as a topic, not
 * even with a typo.  With not_help, also without the phrases in which a
 * help word asks for no one ("yordam berdingiz", you helped; "yordam
 * beradimi", does it help; "tez yordam", the ambulance).  into has room
 * for the text.
 */
void
engine_without_phrases(const struct content *c, const char *norm, char *into,
		size_t size, int not_help)
{
	const char *p = norm;
	size_t o = 0;
	int l;

	while (*p && o + 1 < size) {
		size_t skip = 0;
		int at_word = p == norm || p[-1] == ' ';
		for (l = 0; at_word && !skip && l < c->n_locales; l++) {
			const struct locale *loc = &c->locales[l];
			skip = phrase_at(p, loc->greeting_words,
				loc->n_greeting_words);
			if (!skip && not_help)
				skip = phrase_at(p, loc->not_help_words,
					loc->n_not_help_words);
		}
		if (skip) {
			p += skip;
			continue;
		}
		into[o++] = *p++;
	}
	into[o] = '\0';
}

void
engine_without_greetings(const struct content *c, const char *norm, char *into,
		size_t size)
{
	engine_without_phrases(c, norm, into, size, 0);
}
