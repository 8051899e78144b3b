/*
 * engine_topic.c - what a free text is about.
 *
 * Two kinds of evidence, scored over the whole message: the keywords of
 * every node in every language (an editor's words, exact, as stems or
 * with a typo in long words: match.h), and the classifier learnt from the
 * corpus and those same words (classify.h), which also knows what a
 * greeting, a request for a person and an urgent message look like.  A
 * clear winner is answered directly; two or three close topics are
 * offered as a short choice; a greeting gets the main menu; nothing
 * understood is said so (the caller shows the menu and flags the message
 * for staff to teach the helpline).  Kept apart from engine.c, which
 * decides what to do with the result.
 */
#include <stdlib.h>
#include <string.h>

#include "engine_private.h"
#include "yordam/classify.h"
#include "yordam/match.h"

/*
 * Weights: an exact keyword is 2, one with a typo 1, plus 1 in the
 * person's own language; the classifier adds up to CLASSIFIER_WEIGHT for
 * a label it is sure of.  A topic needs MIN_SCORE; a runner-up within
 * CLOSE of the winner (and the winner not STRONG) makes a choice.  The
 * weights were chosen by 5-fold cross-validation on the tune part of the
 * corpus (CV_FOLDS=5 tests/unit/test_corpus), never on the held-out part.
 */
#define CLASSIFIER_WEIGHT 10.0
#define MIN_SCORE 1.2
#define STRONG 5.0
#define CLOSE 0.8
#define URGENT_P 0.5            /* the classifier alone raises urgency */
#define URGENT_WIDE_P 0.3       /* likewise, on its n-grams too */
#define MENU_WEIGHT 0.7         /* a menu names an area, an answer more */
/* The classifier alone raises urgency only for a text with a word it
 * knows under at most SPECIFIC_LABELS labels, a word that says what
 * the text is about: "men hozir band" (I am busy now, an auto-reply)
 * is made of words every kind of message has, urgent ones most, and an
 * auto-reply taken for urgent is answered however fast it loops.  Ten
 * of the 70 labels lost no urgent line in grouped cross-validation. */
#define SPECIFIC_LABELS 10

/* Words in a keyword (a phrase says more than a word). */
static int
words_in(const char *kw)
{
	int n = 1;

	for (; *kw; kw++)
		n += *kw == ' ';
	return n;
}

/*
 * Keyword points of every node: its best keyword in any locale (2 exact,
 * 1 with a typo; a phrase of n words counts 1 + (n - 1) / 2 times), plus
 * 1 in the person's own language, into score[]; from[] the locale of that
 * keyword (the first locale on a tie).  The best, not the sum: a node
 * with many spellings of one word ("pasport", "pasportim", "pasportimni")
 * must not outweigh one that names the matter.  Only the keywords whose
 * first letter begins a word of the text are tried (content_keywords.c).
 */
static void
keyword_scores(const struct content *c, const struct locale *own,
		const struct match_text *words, double *score, int *from)
{
	int k, f, i;

	for (k = 0; k < c->n_nodes; k++) {
		score[k] = 0;
		from[k] = -1;
	}
	for (f = 0; f < words->n_firsts; f++) {
		const struct keyword_ref *r;
		int n = content_keywords_of(&c->topic_words, words->firsts[f],
			&r);
		for (i = 0; i < n; i++) {
			int node = r[i].list, m;
			const struct locale *loc = &c->locales[r[i].locale];
			double pts;
			if (node == c->home || c->nodes[node].type == NODE_HELP ||
			    !(m = match_keyword_in(words, r[i].kw)))
				continue;
			pts = m * (1 + (words_in(r[i].kw) - 1) / 2.0) +
				(loc == own);
			if (pts > score[node] || (pts == score[node] &&
			    r[i].locale < from[node])) {
				score[node] = pts;
				from[node] = r[i].locale;
			}
		}
	}
}

/* The node a classifier label names (reg_calc is the calculator), or -1. */
static int
label_node(const struct content *c, const char *label)
{
	int k = content_node_index(c, label);

	return k >= 0 && c->nodes[k].type != NODE_HELP ? k : -1;
}

/* Has the text a letter left (not only spaces, digits, punctuation)? */
static int
has_letter(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (unsigned char)*s >= 0xC0)
			return 1;
	return 0;
}

/* The urgent labels' summed likelihood in hits, and the likeliest. */
static double
urgent_mass(const struct content *c, const struct classify_hit *hits,
		int n, const char **label)
{
	double p = 0;
	int i;

	*label = NULL;
	for (i = 0; i < n; i++) {
		const char *name = classify_label_name(c->topics,
			hits[i].label);
		if (strncmp(name, "urgent:", 7) == 0) {
			p += hits[i].p;
			if (!*label)
				*label = name + 7;
		}
	}
	return p;
}

/*
 * What the classifier adds: to each node's score its label's weight, and
 * the weights of "human" and "greeting"; urgent when its urgent labels
 * together are likely enough (the likeliest names the category), read
 * on the stems alone (URGENT_P), or on all its evidence when an urgent
 * label is the likeliest of all (URGENT_WIDE_P: the tempered posterior
 * is flatter).
 */
static void
classifier_evidence(const struct content *c, const char *norm, double *score,
		double *human, double *greeting, struct topic *t)
{
	struct classify_hit hits[4], stems[4];
	const char *stems_label, *wide_label;
	int i, k, n_hits = 0, n_stems = 0, fewest = 0;

	if (c->topics)
		n_hits = classify_best_both(c->topics, norm, hits, 4, stems,
			&n_stems, &fewest);
	for (i = 0; i < n_hits; i++) {
		const char *label = classify_label_name(c->topics,
			hits[i].label);
		double w = CLASSIFIER_WEIGHT * hits[i].p;
		if (strcmp(label, "human") == 0)
			*human = w;
		else if (strcmp(label, "greeting") == 0)
			*greeting = w;
		else if ((k = label_node(c, label)) >= 0)
			score[k] += w;
	}
	if (!n_hits || fewest > SPECIFIC_LABELS)
		return;
	if (urgent_mass(c, stems, n_stems, &stems_label) >= URGENT_P)
		t->urgent = stems_label;
	else if (n_hits && strncmp(classify_label_name(c->topics,
	    hits[0].label), "urgent:", 7) == 0 && urgent_mass(c, hits,
	    n_hits, &wide_label) >= URGENT_WIDE_P)
		t->urgent = wide_label;
}

void
engine_topic(const struct content *c, const struct locale *own,
		const char *text, struct topic *t)
{
	char norm[2048];

	double score[512], human = 0, greeting = 0, best_score = 0;
	int k, i, best = -1, from_of[512];
	struct match_text *words;
	const struct locale *from = NULL;

	memset(t, 0, sizeof *t);
	t->node = -1;
	if (c->n_nodes > 512)
		return;
	engine_without_greetings(c, text, norm, sizeof norm);
	if (!has_letter(norm)) {
		if (has_letter(text))
			t->kind = TOPIC_GREETING;
		return;
	}
	if (!(words = malloc(sizeof *words)))
		return;
	match_prepare(norm, words);
	keyword_scores(c, own, words, score, from_of);
	for (k = 0; k < c->n_nodes; k++)
		if (score[k] > best_score) {
			best_score = score[k];
			from = &c->locales[from_of[k]];
		}
	free(words);
	classifier_evidence(c, norm, score, &human, &greeting, t);
	for (k = 0; k < c->n_nodes; k++)
		if (c->nodes[k].type == NODE_MENU)
			score[k] *= MENU_WEIGHT;
	t->from = from;
	for (k = 0; k < c->n_nodes; k++)
		if (best < 0 || score[k] > score[best])
			best = k;
	/* A greeting or "a person, please" said plainly, no topic as clear */
	if (greeting >= MIN_SCORE && greeting > score[best]) {
		t->kind = TOPIC_GREETING;
		return;
	}
	if (human >= MIN_SCORE && human > score[best]) {
		t->kind = TOPIC_HUMAN;
		return;
	}
	if (best < 0 || score[best] < MIN_SCORE)
		return;
	/* An answer for someone in danger: urgent too, a person first. */
	if (!t->urgent && c->nodes[best].urgent)
		t->urgent = c->nodes[best].urgent_category ?
			c->nodes[best].urgent_category : c->nodes[best].id;
	t->kind = TOPIC_NODE;
	t->node = best;
	t->choice[0] = best;
	t->n_choice = 1;
	if (score[best] >= STRONG)
		return;
	/* close runners-up: a short choice instead of a guess */
	for (i = 0; i < 2; i++) {
		int next = -1;
		for (k = 0; k < c->n_nodes; k++) {
			int j, taken = 0;
			for (j = 0; j < t->n_choice; j++)
				taken |= t->choice[j] == k;
			if (!taken && score[k] >= CLOSE * score[best] &&
			    score[k] >= MIN_SCORE &&
			    (next < 0 || score[k] > score[next]))
				next = k;
		}
		if (next < 0)
			break;
		t->choice[t->n_choice++] = next;
	}
	if (t->n_choice > 1)
		t->kind = TOPIC_CHOICE;
}
