/*
 * classify.c - naive Bayes over word stems (see classify.h).
 *
 * The vocabulary is an open-addressing table of stems; each stem keeps a
 * short list of (label, count) pairs, as most stems belong to few labels.
 * Scoring starts every label at the cost of a stem it never saw and adds,
 * for the labels that did see it, the difference: a text of w words costs
 * w times the labels of its stems, not w times all labels.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "yordam/classify.h"

#define STEM_LETTERS 5
#define MAX_LABELS 128
#define ALPHA 0.5

struct posting {
	int label;
	float count;            /* then, after classify_finish, its log */
};

struct term {
	char *stem;             /* NULL: empty slot */
	struct posting *post;
	int n_post;
};

struct classifier {
	char *labels[MAX_LABELS];
	int n_labels;
	double total[MAX_LABELS];       /* stems seen per label */
	double unseen[MAX_LABELS];      /* log P(a stem it never saw) */
	struct term *terms;
	size_t cap, used;
	int finished;
};

struct classifier *
classify_new(void)
{
	struct classifier *k = calloc(1, sizeof *k);

	if (!k)
		return NULL;
	k->cap = 1 << 12;
	k->terms = calloc(k->cap, sizeof *k->terms);
	if (!k->terms) {
		free(k);
		return NULL;
	}
	return k;
}

void
classify_free(struct classifier *k)
{
	size_t i;
	int l;

	if (!k)
		return;
	for (i = 0; i < k->cap; i++) {
		free(k->terms[i].stem);
		free(k->terms[i].post);
	}
	free(k->terms);
	for (l = 0; l < k->n_labels; l++)
		free(k->labels[l]);
	free(k);
}

int
classify_label(struct classifier *k, const char *name)
{
	int l;

	for (l = 0; l < k->n_labels; l++)
		if (strcmp(k->labels[l], name) == 0)
			return l;
	if (k->n_labels == MAX_LABELS || k->finished ||
	    !(k->labels[k->n_labels] = strdup(name)))
		return -1;
	return k->n_labels++;
}

const char *
classify_label_name(const struct classifier *k, int label)
{
	return label >= 0 && label < k->n_labels ? k->labels[label] : "";
}

static size_t
hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static size_t
find(const struct classifier *k, const char *stem)
{
	size_t i = hash(stem) & (k->cap - 1);

	while (k->terms[i].stem && strcmp(k->terms[i].stem, stem) != 0)
		i = (i + 1) & (k->cap - 1);
	return i;
}

static int
grow(struct classifier *k)
{
	struct term *old = k->terms;
	size_t cap = k->cap, i;

	k->terms = calloc(cap * 2, sizeof *k->terms);
	if (!k->terms) {
		k->terms = old;
		return -1;
	}
	k->cap = cap * 2;
	for (i = 0; i < cap; i++)
		if (old[i].stem)
			k->terms[find(k, old[i].stem)] = old[i];
	free(old);
	return 0;
}

/*
 * Call f(arg, stem) for each word of a normalised text with two letters
 * or more: its first STEM_LETTERS letters.  Digits and punctuation split
 * words; a word of digits is no stem.
 */
static void
each_stem(const char *norm, void (*f)(void *arg, const char *stem),
		void *arg)
{
	const uint8_t *p = (const uint8_t *)norm;
	size_t len = strlen(norm);

	while (len) {
		char stem[STEM_LETTERS * 4 + 1];
		size_t o = 0;
		int letters = 0, k;
		ucs4_t ch;

		/* skip to a letter */
		while (len) {
			k = u8_mbtouc(&ch, p, len);
			k = k > 0 ? k : 1;
			if (uc_is_alpha(ch))
				break;
			p += k;
			len -= (size_t)k;
		}
		while (len) {
			k = u8_mbtouc(&ch, p, len);
			k = k > 0 ? k : 1;
			if (!uc_is_alpha(ch) && ch != '\'')
				break;
			if (letters < STEM_LETTERS && o + (size_t)k <
			    sizeof stem) {
				memcpy(stem + o, p, (size_t)k);
				o += (size_t)k;
			}
			letters++;
			p += k;
			len -= (size_t)k;
		}
		stem[o] = '\0';
		if (letters >= 2)
			f(arg, stem);
	}
}

struct learn_arg {
	struct classifier *k;
	int label;
};

static void
learn_stem(void *arg, const char *stem)
{
	struct learn_arg *a = arg;
	struct classifier *k = a->k;
	struct term *t;
	struct posting *grown;
	size_t i;
	int j;

	if (k->used * 2 >= k->cap && grow(k) != 0)
		return;
	i = find(k, stem);
	t = &k->terms[i];
	if (!t->stem) {
		if (!(t->stem = strdup(stem)))
			return;
		k->used++;
	}
	k->total[a->label] += 1;
	for (j = 0; j < t->n_post; j++)
		if (t->post[j].label == a->label) {
			t->post[j].count += 1;
			return;
		}
	grown = realloc(t->post, (size_t)(t->n_post + 1) * sizeof *grown);
	if (!grown)
		return;
	t->post = grown;
	t->post[t->n_post].label = a->label;
	t->post[t->n_post++].count = 1;
}

void
classify_learn(struct classifier *k, int label, const char *norm)
{
	struct learn_arg a = { k, label };

	if (k && !k->finished && label >= 0 && label < k->n_labels && norm)
		each_stem(norm, learn_stem, &a);
}

void
classify_finish(struct classifier *k)
{
	size_t i;
	int l, j;
	double v;

	if (!k || k->finished)
		return;
	v = (double)k->used;
	for (l = 0; l < k->n_labels; l++)
		k->unseen[l] = log(ALPHA / (k->total[l] + ALPHA * v));
	for (i = 0; i < k->cap; i++)
		for (j = 0; j < k->terms[i].n_post; j++) {
			struct posting *p = &k->terms[i].post[j];
			p->count = (float)log((p->count + ALPHA) /
				(k->total[p->label] + ALPHA * v));
		}
	k->finished = 1;
}

struct score_arg {
	const struct classifier *k;
	double *scores;
	int known;
};

static void
score_stem(void *arg, const char *stem)
{
	struct score_arg *a = arg;
	const struct classifier *k = a->k;
	const struct term *t = &k->terms[find(k, stem)];
	int l, j;

	if (!t->stem)
		return;         /* a word never seen says nothing */
	a->known++;
	for (l = 0; l < k->n_labels; l++)
		a->scores[l] += k->unseen[l];
	for (j = 0; j < t->n_post; j++)
		a->scores[t->post[j].label] += t->post[j].count -
			k->unseen[t->post[j].label];
}

int
classify_best(const struct classifier *k, const char *norm,
		struct classify_hit *hits, int n)
{
	double scores[MAX_LABELS] = { 0 }, max, sum = 0;
	struct score_arg a = { k, scores, 0 };
	int l, i, filled = 0;

	if (!k || !k->finished || !k->n_labels || n <= 0)
		return 0;
	each_stem(norm, score_stem, &a);
	if (!a.known)
		return 0;
	max = scores[0];
	for (l = 1; l < k->n_labels; l++)
		if (scores[l] > max)
			max = scores[l];
	for (l = 0; l < k->n_labels; l++)
		sum += exp(scores[l] - max);
	/* the n best, by insertion */
	for (l = 0; l < k->n_labels; l++) {
		double p = exp(scores[l] - max) / sum;
		for (i = filled; i > 0 && hits[i - 1].p < p; i--)
			if (i < n)
				hits[i] = hits[i - 1];
		if (i < n) {
			hits[i].label = l;
			hits[i].p = p;
			if (filled < n)
				filled++;
		}
	}
	return filled;
}
