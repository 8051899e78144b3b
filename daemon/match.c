/*
 * match.c - keyword matching with a little tolerance.
 *
 * Words are compared as arrays of code points, so a Cyrillic letter
 * counts as one letter, not two bytes.  One edit (Damerau: insert, delete,
 * substitute, swap two neighbours) is allowed only in words of five
 * letters or more; below that, one edit turns too many words into others.
 */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "yordam/match.h"
#include "yordam/text.h"

#define MAX_WORD 64
#define MIN_TYPO_LEN 5

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

int
match_keyword(const char *text, const char *kw)
{
	ucs4_t k[MAX_WORD], w[MAX_WORD];
	int nk, best = 0;
	const char *p = text;

	if (!*kw)
		return 0;
	if (strchr(kw, ' '))    /* a phrase: exactly, as words */
		return text_has_word(text, kw) ? 2 : 0;
	nk = decode_word(kw, strlen(kw), k);
	while (*p) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		int nw = decode_word(p, len, w);

		if (nw >= nk && memcmp(w, k, (size_t)nk * sizeof *k) == 0 &&
		    (nw == nk || nk >= 4))
			return 2;       /* the word, or the word + suffix */
		if (nk >= MIN_TYPO_LEN && one_edit(w, nw, k, nk))
			best = 1;
		/* a typo in the stem of a longer word */
		if (nk >= MIN_TYPO_LEN && nw > nk &&
		    (one_edit(w, nk, k, nk) || one_edit(w, nk + 1, k, nk) ||
		     one_edit(w, nk - 1, k, nk)))
			best = best ? best : 1;
		if (!end)
			break;
		p = end + 1;
	}
	return best;
}

int
match_keywords(const char *text, char **kws, int n)
{
	int i, score = 0;

	for (i = 0; i < n; i++)
		score += match_keyword(text, kws[i]);
	return score;
}
