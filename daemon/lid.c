/*
 * lid.c - character n-gram language identification (see lid.h).
 *
 * Texts are casefolded and cut into words of letters; each word, padded
 * with a space on both sides, gives its 1-, 2- and 3-letter n-grams, each
 * packed into 64 bits (three 20-bit code points and the length).  Counts per class live
 * in one open-addressing table keyed by the n-gram; lid_finish turns them
 * into log-probabilities with add-one smoothing per n-gram length, so an
 * n-gram a class never saw costs it a fixed, moderate amount.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "yordam/lid.h"
#include "yordam/text.h"

#define MAX_N 3

struct lid {
	int n_classes;
	uint64_t *keys;         /* n-gram + 1; 0 = empty slot */
	float *counts;          /* [slot * n_classes + class], then logp */
	size_t cap, used;
	double total[MAX_N + 1][16];    /* per length, per class */
	double unseen[MAX_N + 1][16];   /* log-probability of an unseen one */
	int finished;
};

struct lid *
lid_new(int n_classes)
{
	struct lid *m;

	if (n_classes < 1 || n_classes > 16)
		return NULL;
	m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->n_classes = n_classes;
	m->cap = 1 << 14;
	m->keys = calloc(m->cap, sizeof *m->keys);
	m->counts = calloc(m->cap * (size_t)n_classes, sizeof *m->counts);
	if (!m->keys || !m->counts) {
		lid_free(m);
		return NULL;
	}
	return m;
}

void
lid_free(struct lid *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->counts);
	free(m);
}

static size_t
slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

/* The slot of key: where it is, or where it would go. */
static size_t
find(const struct lid *m, uint64_t key)
{
	size_t i = slot_of(key, m->cap);

	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int
grow(struct lid *m)
{
	struct lid old = *m;
	size_t i;
	int c;

	m->cap *= 2;
	m->keys = calloc(m->cap, sizeof *m->keys);
	m->counts = calloc(m->cap * (size_t)m->n_classes, sizeof *m->counts);
	if (!m->keys || !m->counts) {
		free(m->keys);
		free(m->counts);
		*m = old;
		return -1;
	}
	for (i = 0; i < old.cap; i++) {
		size_t j;
		if (!old.keys[i])
			continue;
		j = find(m, old.keys[i]);
		m->keys[j] = old.keys[i];
		for (c = 0; c < m->n_classes; c++)
			m->counts[j * (size_t)m->n_classes + (size_t)c] =
				old.counts[i * (size_t)m->n_classes + (size_t)c];
	}
	m->used = old.used;
	free(old.keys);
	free(old.counts);
	return 0;
}

/* n code points (20 bits each: every letter people type fits) and n in
 * the top bits; + 1, so that no key is 0 (an empty slot). */
static uint64_t
pack(const ucs4_t *g, int n)
{
	uint64_t k = 0;
	int i;

	for (i = 0; i < n; i++)
		k = (k << 20) | (g[i] & 0xFFFFF);
	return (k | ((uint64_t)n << 60)) + 1;
}

/*
 * Call f(m, key, n, arg) for every n-gram of text: each run of letters a
 * word, padded with a space.  Apostrophes stay inside words (o'z); digits
 * and punctuation separate them.  The number of n-grams.
 */
static int
each_ngram(const char *text, void (*f)(void *arg, uint64_t key, int n),
		void *arg)
{
	char *low = text_casefold(text);
	const uint8_t *p;
	ucs4_t w[66];
	int nw = 0, count = 0;
	size_t len;

	if (!low)
		return 0;
	p = (const uint8_t *)low;
	len = strlen(low);
	for (;;) {
		ucs4_t ch = 0;
		int k = 0, letter;
		if (len) {
			k = u8_mbtouc(&ch, p, len);
			if (k <= 0)
				k = 1;
		}
		letter = len && (uc_is_alpha(ch) || ch == '\'' ||
			ch == 0x2BB || ch == 0x2BC || ch == 0x2019);
		if (letter && nw < 64) {
			if (nw == 0)
				w[nw++] = ' ';
			w[nw++] = ch;
		} else if (!letter && nw > 0) {
			int i, n;
			w[nw++] = ' ';
			for (i = 0; i < nw; i++)
				for (n = 1; n <= MAX_N && i + n <= nw; n++) {
					if (n == 1 && w[i] == ' ')
						continue;
					f(arg, pack(w + i, n), n);
					count++;
				}
			nw = 0;
		}
		if (!len)
			break;
		p += k;
		len -= (size_t)k;
	}
	free(low);
	return count;
}

struct learn_arg {
	struct lid *m;
	int cls;
};

static void
learn_one(void *arg, uint64_t key, int n)
{
	struct learn_arg *a = arg;
	struct lid *m = a->m;
	size_t i;

	if (m->used * 2 >= m->cap && grow(m) != 0)
		return;
	i = find(m, key);
	if (!m->keys[i]) {
		m->keys[i] = key;
		m->used++;
	}
	m->counts[i * (size_t)m->n_classes + (size_t)a->cls] += 1;
	m->total[n][a->cls] += 1;
}

void
lid_learn(struct lid *m, int cls, const char *text)
{
	struct learn_arg a = { m, cls };

	if (m && !m->finished && cls >= 0 && cls < m->n_classes && text)
		each_ngram(text, learn_one, &a);
}

/* The n-gram length of a packed key (pack()). */
static int
length_of(uint64_t key)
{
	return (int)((key - 1) >> 60);
}

void
lid_finish(struct lid *m)
{
	size_t i;
	int c, n;
	double vocab[MAX_N + 1] = { 0 };

	if (!m || m->finished)
		return;
	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			vocab[length_of(m->keys[i])]++;
	for (n = 1; n <= MAX_N; n++)
		for (c = 0; c < m->n_classes; c++)
			m->unseen[n][c] = log(1.0 / (m->total[n][c] +
				vocab[n] + 1));
	for (i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		n = length_of(m->keys[i]);
		for (c = 0; c < m->n_classes; c++) {
			float *v = &m->counts[i * (size_t)m->n_classes +
				(size_t)c];
			*v = (float)log((*v + 1.0) / (m->total[n][c] +
				vocab[n] + 1));
		}
	}
	m->finished = 1;
}

struct score_arg {
	const struct lid *m;
	double *scores;
};

static void
score_one(void *arg, uint64_t key, int n)
{
	struct score_arg *a = arg;
	const struct lid *m = a->m;
	size_t i = find(m, key);
	int c;

	/* Trigrams say the most; single letters the least. */
	double w = n == 3 ? 1.0 : n == 2 ? 0.6 : 0.3;

	for (c = 0; c < m->n_classes; c++)
		a->scores[c] += w * (m->keys[i] ? m->counts[i *
			(size_t)m->n_classes + (size_t)c] : m->unseen[n][c]);
}

int
lid_score(const struct lid *m, const char *text, double *scores)
{
	struct score_arg a = { m, scores };
	int c, n;

	if (!m)
		return 0;
	for (c = 0; c < m->n_classes; c++)
		scores[c] = 0;
	if (!m->finished)
		return 0;
	n = each_ngram(text, score_one, &a);
	for (c = 0; n > 0 && c < m->n_classes; c++)
		scores[c] /= n;
	return n;
}
