/*
 * match.c - keyword matching with a little tolerance.
 *
 * Words are compared as arrays of code points, so a Cyrillic letter
 * counts as one letter, not two bytes.  One edit (Damerau: insert, delete,
 * substitute, swap two neighbours) is allowed only in words of six
 * letters or more, and never in the first letter: in shorter words one
 * edit turns too many words into others (салам, a greeting, into балам,
 * "my child"; qarab into qamab; кумак, "help", into кӯдак, "child").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "yordam/match.h"
#include "yordam/text.h"

#define MIN_TYPO_LEN 6

static int
decode_word(const char *s, size_t len, ucs4_t *out)
{
	size_t i = 0;
	int n = 0;

	while (i < len && n < MAX_WORD) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, len - i);
		out[n++] = c;
		i += (size_t)(k > 0 ? k : 1);
	}
	return n;
}

/* Within one Damerau edit of each other? */
static int
one_edit(const ucs4_t *a, int na, const ucs4_t *b, int nb)
{
	int i = 0;

	if (abs(na - nb) > 1)
		return 0;
	while (i < na && i < nb && a[i] == b[i])
		i++;
	if (na == nb) {
		if (i == na)
			return 1;
		/* substitution, or a swap of neighbours */
		if (memcmp(a + i + 1, b + i + 1, (size_t)(na - i - 1)
		    * sizeof *a) == 0)
			return 1;
		return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       memcmp(a + i + 2, b + i + 2, (size_t)(na - i - 2)
			       * sizeof *a) == 0;
	}
	if (na > nb)    /* one letter more in a */
		return memcmp(a + i + 1, b + i, (size_t)(nb - i) * sizeof *a) == 0;
	return memcmp(a + i, b + i + 1, (size_t)(na - i) * sizeof *a) == 0;
}

static int
is_sep(char c)
{
	switch (c) {
	case ' ': case ',': case '.': case '!': case '?': case ';': case ':':
	case '(': case ')': case '"': case '-':
		return 1;
	}
	return 0;
}

/* Split into words (space and ASCII punctuation); returns the count. */
static int
split_words(const char *s, const char **w, size_t *len, int max)
{
	int n = 0;

	while (*s && n < max) {
		while (is_sep(*s))
			s++;
		if (!*s)
			break;
		w[n] = s;
		while (*s && !is_sep(*s))
			s++;
		len[n] = (size_t)(s - w[n]);
		n++;
	}
	return n;
}

/* One text word against one keyword word, both decoded: 2 exact or
 * stem, 1 typo. */
static int
match_word(const ucs4_t *w, int nw, const ucs4_t *k, int nk, int stem)
{
	if (nw == 0 || nk == 0 || w[0] != k[0])
		return 0;       /* no match of any kind changes the first letter */
	if (nw == nk && memcmp(w, k, (size_t)nk * sizeof *k) == 0)
		return 2;
	if (stem && nw > nk && nk >= 4 &&
	    memcmp(w, k, (size_t)nk * sizeof *k) == 0)
		return 2;       /* the word + a suffix */
	if (nk < MIN_TYPO_LEN || nw == 0 || w[0] != k[0])
		return 0;
	if (one_edit(w, nw, k, nk))
		return 1;
	/* a typo in the stem of a longer word */
	if (stem && nw > nk && (one_edit(w, nk, k, nk) ||
	    one_edit(w, nk + 1, k, nk) || one_edit(w, nk - 1, k, nk)))
		return 1;
	return 0;
}

/* A first letter's bit in match_text.first (a 64-bit Bloom filter). */
static uint64_t
first_bit(ucs4_t c)
{
	return (uint64_t)1 << ((c * 2654435761u) >> 26 & 63);
}

/* Does a word of the text begin with c?  (The filter first, then the
 * list of first letters.) */
static int
has_first(const struct match_text *t, ucs4_t c)
{
	int i;

	if (!(t->first & first_bit(c)))
		return 0;
	for (i = 0; i < t->n_firsts; i++)
		if (t->firsts[i] == c)
			return 1;
	return 0;
}

void
match_prepare(const char *text, struct match_text *t)
{
	const char *w[MATCH_MAX_WORDS];
	size_t len[MATCH_MAX_WORDS];
	int i;

	t->n = split_words(text, w, len, MATCH_MAX_WORDS);
	t->first = 0;
	t->n_firsts = 0;
	for (i = 0; i < t->n; i++) {
		int j;
		t->len[i] = decode_word(w[i], len[i], t->w[i]);
		if (!t->len[i])
			continue;
		t->first |= first_bit(t->w[i][0]);
		for (j = 0; j < t->n_firsts && t->firsts[j] != t->w[i][0]; j++)
			;
		if (j == t->n_firsts)
			t->firsts[t->n_firsts++] = t->w[i][0];
	}
}

/*
 * A keyword of several words matches when each of its words matches a
 * different word of the text, in any order, all within a window of the
 * keyword's length plus WINDOW_SLACK words: people put the words of a
 * phrase in their own order and between other words ("паспорт у меня
 * забрал хозяин" holds "забрал паспорт").  Each word exactly or as a
 * stem, but for one typo in the whole phrase.  2 exact, 1 with the typo.
 * A keyword word whose first letter no word of the text has cannot
 * match (typos never touch the first letter): most keywords stop there.
 */
#define WINDOW_SLACK 3

/*
 * The next word of a keyword, decoded, from *kw on (separators skipped);
 * its length in letters, 0 at the end.  Words longer than MAX_WORD
 * letters are cut there.
 */
static int
next_kw_word(const char **kw, ucs4_t *out)
{
	const char *s = *kw;
	int n = 0;

	while (is_sep(*s))
		s++;
	while (*s && !is_sep(*s)) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s, strnlen(s, 4));
		if (n < MAX_WORD)
			out[n++] = c;
		s += k > 0 ? k : 1;
	}
	*kw = s;
	return n;
}

/*
 * How keyword word k[nk] meets every word of the text, into row[]; 0
 * when it meets none (then the keyword cannot match: each of its words
 * must).  Text words of another first letter are skipped unread.
 */
static int
match_row(const struct match_text *t, const ucs4_t *k, int nk, int *row)
{
	int i, any = 0;

	for (i = 0; i < t->n; i++) {
		row[i] = t->len[i] && t->w[i][0] == k[0] ?
			match_word(t->w[i], t->len[i], k, nk, 1) : 0;
		any |= row[i];
	}
	return any;
}

/* The best placement of the keyword's words m[nk][] in the text, in a
 * window (see below): 2 exact, 1 with one typo, 0 none. */
static int
best_window(const struct match_text *t, int m[][MATCH_MAX_WORDS], int nk)
{
	int i, j, best = 0, nt = t->n, w = nk + WINDOW_SLACK;

	for (i = 0; i < nt && best < 2; i++) {
		int used[MATCH_MAX_WORDS] = { 0 }, typos = 0, ok = 1;
		/* each keyword word to its best free text word in the window */
		for (j = 0; j < nk && ok; j++) {
			int at = -1, x;
			for (x = i; x < nt && x < i + w; x++)
				if (!used[x] && m[j][x] &&
				    (at < 0 || m[j][x] > m[j][at]))
					at = x;
			if (at < 0) {
				ok = 0;
				break;
			}
			used[at] = 1;
			typos += m[j][at] == 1;
		}
		if (ok && typos <= 1 && 2 - typos > best)
			best = 2 - typos;
	}
	return best;
}

int
match_keyword_in(const struct match_text *t, const char *kw)
{
	ucs4_t k[MAX_WORD];
	int m[8][MATCH_MAX_WORDS];
	int nk = 0, i, len, best = 0;
	ucs4_t lead;

	/* the cheapest test, before any decoding: the first letter */
	while (is_sep(*kw))
		kw++;
	if (!*kw || u8_mbtouc(&lead, (const uint8_t *)kw, strnlen(kw, 4)) <= 0
	    || !has_first(t, lead))
		return 0;
	/* word by word: one that meets no word of the text ends it */
	while (nk < 8 && (len = next_kw_word(&kw, k)) > 0) {
		if (!has_first(t, k[0]) || !match_row(t, k, len, m[nk]))
			return 0;
		nk++;
	}
	if (nk == 0)
		return 0;
	if (nk == 1) {
		for (i = 0; i < t->n && best < 2; i++)
			if (m[0][i] > best)
				best = m[0][i];
		return best;
	}
	return best_window(t, m, nk);
}

int
match_keywords_in(const struct match_text *t, char **kws, int n)
{
	int i, score = 0;

	for (i = 0; i < n; i++)
		score += match_keyword_in(t, kws[i]);
	return score;
}

int
match_keyword(const char *text, const char *kw)
{
	struct match_text *t = malloc(sizeof *t);
	int m;

	if (!t)
		return 0;
	match_prepare(text, t);
	m = match_keyword_in(t, kw);
	free(t);
	return m;
}

int
match_keywords(const char *text, char **kws, int n)
{
	struct match_text *t = malloc(sizeof *t);
	int score;

	if (!t)
		return 0;
	match_prepare(text, t);
	score = match_keywords_in(t, kws, n);
	free(t);
	return score;
}
