/*
 * content_keywords.c - every keyword and urgent word of every locale,
 * filed by its first letter.
 *
 * A keyword can only match a message that has a word beginning with the
 * keyword's first letter (matching never changes the first letter:
 * match.h).  Tens of thousands of keywords (eight locales, each with
 * synonyms, stems and spellings) were tried against every message; filed
 * by first letter, a message meets only those that can match it, so the
 * engine's time follows the message, not the size of the lists.
 */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "content_private.h"

/* The first letter of a keyword (its first word), or 0. */
static uint32_t
first_letter(const char *kw)
{
	ucs4_t c = 0;

	while (*kw == ' ' || *kw == ',' || *kw == '.' || *kw == '-')
		kw++;
	if (!*kw || u8_mbtouc(&c, (const uint8_t *)kw, strnlen(kw, 4)) <= 0)
		return 0;
	return c;
}

static int
by_letter(const void *a, const void *b)
{
	const struct keyword_ref *x = a, *y = b;

	if (x->letter != y->letter)
		return x->letter < y->letter ? -1 : 1;
	/* within a letter, the order of the lists: locale, then list */
	if (x->locale != y->locale)
		return x->locale - y->locale;
	return x->list - y->list;
}

static int
add(struct keyword_file *f, int *cap, const char *kw, int locale, int list)
{
	uint32_t c = first_letter(kw);

	if (!c)
		return 0;
	if (f->n == *cap) {
		int n = *cap ? *cap * 2 : 1024;
		struct keyword_ref *grown = realloc(f->refs,
			(size_t)n * sizeof *grown);
		if (!grown)
			return -1;
		f->refs = grown;
		*cap = n;
	}
	f->refs[f->n].letter = c;
	f->refs[f->n].kw = kw;
	f->refs[f->n].locale = locale;
	f->refs[f->n++].list = list;
	return 0;
}

static void
finish(struct keyword_file *f)
{
	if (f->n)
		qsort(f->refs, (size_t)f->n, sizeof *f->refs, by_letter);
}

void
content_file_keywords(struct content *c)
{
	int l, k, i, topic_cap = 0, urgent_cap = 0;

	for (l = 0; l < c->n_locales; l++) {
		const struct locale *loc = &c->locales[l];
		for (k = 0; loc->keywords && k < c->n_nodes; k++)
			for (i = 0; !c->nodes[k].hidden &&
			    i < loc->n_keywords[k]; i++)
				if (add(&c->topic_words, &topic_cap,
				    loc->keywords[k][i], l, k) != 0)
					return;
		for (k = 0; k < loc->n_urgent; k++)
			for (i = 0; i < loc->urgent[k].n_words; i++)
				if (add(&c->urgent_words, &urgent_cap,
				    loc->urgent[k].words[i], l, k) != 0)
					return;
	}
	finish(&c->topic_words);
	finish(&c->urgent_words);
}

void
content_free_keywords(struct content *c)
{
	free(c->topic_words.refs);
	free(c->urgent_words.refs);
}

int
content_keywords_of(const struct keyword_file *f, uint32_t letter,
		const struct keyword_ref **first)
{
	int lo = 0, hi = f->n, start;

	/* the first ref of the letter, by bisection */
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (f->refs[mid].letter < letter)
			lo = mid + 1;
		else
			hi = mid;
	}
	start = lo;
	while (lo < f->n && f->refs[lo].letter == letter)
		lo++;
	*first = f->refs + start;
	return lo - start;
}
