/*
 * classify.c - naive Bayes over word stems and letter n-grams (see
 * classify.h).
 *
 * Each word gives three kinds of feature, each kind its own multinomial
 * model: its first five letters (the stem, as typed); the first four
 * letters of its one-spelling Latin form (skeleton() below); and the
 * letter 3- and 4-grams of that form, with a space at each end, weighing
 * together GRAMS_WEIGHT a word.  The n-grams let an ending never seen
 * ("паспортумду", "pasportimizni") and a spelling never seen ("zarplata",
 * "зарплату", "sarplata") share the evidence of the words they resemble,
 * and a line learnt in one script counts for the other.  So many
 * features are not independent: the posterior is tempered (TEMPERATURE)
 * so that the classifier is not surer than it has reason to be.
 * classify_best_stems() reads the stems alone, as before the n-grams: the
 * engine's urgency threshold was set on it.
 *
 * The vocabulary is an open-addressing table of features; each keeps a
 * short list of (label, count) pairs, as most features belong to few
 * labels.  Scoring starts every label at the cost of features it never
 * saw and adds, for the labels that did see one, the difference: a text
 * costs its features times their labels, not times all labels.
 *
 * The weights were chosen by 5-fold cross-validation on the tune part of
 * the corpus (docs/understanding.md).
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "yordam/classify.h"

#define STEM_LETTERS 5
#define MAX_LABELS 128
#define ALPHA 0.5
#define MAX_W 24                /* letters of a word read */
#define PREFIX4_WEIGHT 0.5      /* a word's first four letters */
#define GRAM_MIN 3
#define GRAM_MAX 4
#define GRAMS_WEIGHT 2.0        /* a word's n-grams, all together */
#define TEMPERATURE 4.0         /* log-likelihoods divided by it */

enum feature_type { FT_STEM, FT_PREFIX4, FT_NGRAM, N_TYPES };

/* A feature's type: its first byte (a stem begins with a letter). */
static int
type_of(const char *feature)
{
	return feature[0] > 0 && feature[0] < N_TYPES ? feature[0] : FT_STEM;
}

struct posting {
	int label;
	float count;            /* then, after classify_finish, its log */
};

struct term {
	char *stem;             /* NULL: empty slot */
	int type;               /* enum feature_type */
	struct posting *post;
	int n_post;
};

struct classifier {
	char *labels[MAX_LABELS];
	int n_labels;
	double total[N_TYPES][MAX_LABELS];      /* features seen per label */
	double unseen[N_TYPES][MAX_LABELS];     /* log P(one it never saw) */
	double vocab[N_TYPES];                  /* features of each type */
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

/* Called for each feature of a text, with the weight it counts for. */
typedef void feature_fn(void *arg, const char *feature, double weight);

/*
 * The word in one Latin spelling, whatever the script and habit it was
 * typed in: Kyrgyz, Russian and Tajik in Cyrillic or Latin letters,
 * Uzbek in either script, sh/w/ш, ch/ч, zh/j/ж, x/kh/h/х, q/k, ts/c/ц
 * each one letter, apostrophes and doubled letters dropped.  Only the
 * classifier's features read it: evidence learnt from a line in one
 * script counts for the same words in the other.
 */
static int
skeleton(const ucs4_t *w, int n, ucs4_t *out)
{
	/* а..я (0x430..0x44F) */
	static const char cyr[] = "abvgdejziyklmnoprstufhscww'y'eUA";
	int i, o = 0;

	for (i = 0; i < n; i++) {
		ucs4_t c = w[i], nx = i + 1 < n ? w[i + 1] : 0, r = c;
		if (c >= 0x430 && c <= 0x44F) {
			r = (ucs4_t)cyr[c - 0x430];
			if (c == 0x44E || c == 0x44F) { /* ю я */
				out[o++] = 'y';
				r = c == 0x44E ? 'u' : 'a';
			}
		} else if (c == 0x493)                  /* ғ */
			r = 'g';
		else if (c == 'o' && nx == '\'')         /* o' is ў */
			r = 'u';
		else if (c == 'x' || c == 'q' || c == 'w' || c == 'c') {
			r = c == 'x' ? 'h' : c == 'q' ? 'k' : c == 'w' ? 'w' :
				nx == 'h' ? 'c' : 's';
			if (c == 'c' && nx == 'h')
				i++;
		} else if ((c == 's' || c == 'z' || c == 'k') && nx == 'h') {
			r = c == 's' ? 'w' : c == 'z' ? 'j' : 'h';
			i++;
		} else if (c == 't' && nx == 's') {
			r = 's';
			i++;
		}
		if (r == '\'' || (o > 0 && out[o - 1] == r))
			continue;
		out[o++] = r;
	}
	return o;
}

/* A feature: its type's byte (none for a stem), n letters of w from i. */
static void
emit(feature_fn *f, void *arg, int type, const ucs4_t *w, int i, int n,
		double weight)
{
	char feat[MAX_W * 6 + 2];
	int o = 0;

	if (type)
		feat[o++] = (char)type;
	for (; n > 0; i++, n--)
		o += u8_uctomb((uint8_t *)feat + o, w[i], 6);
	feat[o] = '\0';
	f(arg, feat, weight);
}

/* The features of one word of n letters (n >= 2). */
static void
word_features(const ucs4_t *w, int n, feature_fn *f, void *arg)
{
	int i, g, cnt = 0, m;
	ucs4_t pad[2 * MAX_W + 2];

	emit(f, arg, FT_STEM, w, 0, n < STEM_LETTERS ? n : STEM_LETTERS, 1);
	m = skeleton(w, n, pad + 1);
	if (m > 4)
		emit(f, arg, FT_PREFIX4, pad + 1, 0, 4, PREFIX4_WEIGHT);
	pad[0] = pad[m + 1] = ' ';
	for (g = GRAM_MIN; g <= GRAM_MAX; g++)
		cnt += m + 2 - g + 1 > 0 ? m + 2 - g + 1 : 0;
	for (g = GRAM_MIN; g <= GRAM_MAX; g++)
		for (i = 0; i + g <= m + 2; i++)
			emit(f, arg, FT_NGRAM, pad, i, g, GRAMS_WEIGHT / cnt);
}

/* The features of each word of a normalised text with two letters or
 * more; digits and punctuation split words, a word of digits has none. */
static void
each_stem(const char *norm, feature_fn *f, void *arg)
{
	const uint8_t *p = (const uint8_t *)norm;
	size_t len = strlen(norm);

	while (len) {
		ucs4_t w[MAX_W];
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
			if (letters < MAX_W)
				w[letters] = ch;
			letters++;
			p += k;
			len -= (size_t)k;
		}
		if (letters >= 2)
			word_features(w, letters < MAX_W ? letters : MAX_W,
				f, arg);
	}
}

struct learn_arg {
	struct classifier *k;
	int label;
};

static void
learn_stem(void *arg, const char *stem, double weight)
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
		t->type = type_of(stem);
		k->vocab[t->type] += 1;
		k->used++;
	}
	(void)weight;
	k->total[t->type][a->label] += 1;
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
	int l, j, t;
	double alpha;

	if (!k || k->finished)
		return;
	alpha = ALPHA;
	for (t = 0; t < N_TYPES; t++)
		for (l = 0; l < k->n_labels; l++)
			k->unseen[t][l] = log(alpha / (k->total[t][l] +
				alpha * k->vocab[t]));
	for (i = 0; i < k->cap; i++)
		for (j = 0; j < k->terms[i].n_post; j++) {
			struct posting *p = &k->terms[i].post[j];
			t = k->terms[i].type;
			p->count = (float)log((p->count + alpha) /
				(k->total[t][p->label] + alpha * k->vocab[t]));
		}
	k->finished = 1;
}

/* A text's scores: on all its features, and on its stems alone. */
struct score_arg {
	const struct classifier *k;
	double all[MAX_LABELS], stems[MAX_LABELS];
	double weight[N_TYPES];         /* of the known features, per type */
	int known;                      /* stems and prefixes known */
	int fewest;                     /* labels of a known stem, fewest */
};

static void
score_stem(void *arg, const char *stem, double weight)
{
	struct score_arg *a = arg;
	const struct classifier *k = a->k;
	const struct term *t = &k->terms[find(k, stem)];
	int j;

	if (!t->stem)
		return;         /* a word never seen says nothing */
	a->known += t->type != FT_NGRAM;       /* n-grams alone: nothing */
	if (t->type == FT_STEM && t->n_post < a->fewest)
		a->fewest = t->n_post;
	a->weight[t->type] += weight;
	for (j = 0; j < t->n_post; j++) {
		double d = weight * (t->post[j].count -
			k->unseen[t->type][t->post[j].label]);
		a->all[t->post[j].label] += d;
		if (t->type == FT_STEM)
			a->stems[t->post[j].label] += d;
	}
}

/* The n likeliest labels of scores (log-likelihoods without the cost
 * of the unseen, which is added here for the types in weight[]). */
static int
rank(const struct classifier *k, double *scores, const double *weight,
		double temp, struct classify_hit *hits, int n)
{
	double max, sum = 0;
	int l, i, t, filled = 0;

	for (l = 0; l < k->n_labels; l++) {
		for (t = 0; t < N_TYPES; t++)
			if (weight[t] > 0)
				scores[l] += weight[t] * k->unseen[t][l];
		scores[l] /= temp;
	}
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

int
classify_best_both(const struct classifier *k, const char *norm,
		struct classify_hit *hits, int n, struct classify_hit *stems,
		int *n_stems, int *fewest)
{
	struct score_arg *a;
	double stem_weight[N_TYPES] = { 0 };
	int filled = 0;

	*n_stems = 0;
	if (fewest)
		*fewest = INT_MAX;
	if (!k || !k->finished || !k->n_labels || n <= 0 ||
	    !(a = calloc(1, sizeof *a)))
		return 0;
	a->k = k;
	a->fewest = INT_MAX;
	each_stem(norm, score_stem, a);
	if (fewest)
		*fewest = a->fewest;
	if (a->known) {
		filled = rank(k, a->all, a->weight, TEMPERATURE, hits, n);
		stem_weight[FT_STEM] = a->weight[FT_STEM];
		if (stem_weight[FT_STEM] > 0)
			*n_stems = rank(k, a->stems, stem_weight, 1, stems, n);
	}
	free(a);
	return filled;
}

int
classify_best(const struct classifier *k, const char *norm,
		struct classify_hit *hits, int n)
{
	struct classify_hit stems[MAX_LABELS];
	int n_stems;

	return classify_best_both(k, norm, hits, n, stems, &n_stems, NULL);
}

int
classify_best_stems(const struct classifier *k, const char *norm,
		struct classify_hit *hits, int n)
{
	struct classify_hit all[MAX_LABELS];
	int n_stems;

	if (n > MAX_LABELS)
		n = MAX_LABELS;
	classify_best_both(k, norm, all, n, hits, &n_stems, NULL);
	return n_stems;
}
