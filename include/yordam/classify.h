/*
 * classify.h - what a message is about, learnt from labelled examples.
 *
 * A multinomial naive Bayes classifier over word stems (the first five
 * letters of a word: Kyrgyz, Uzbek and Tajik add endings, "pasportimni",
 * "паспортумду", "паспортамро" all begin "pasp"/"пасп") and the letter
 * n-grams of each word spelt one way in Latin letters (so an ending or a
 * spelling never seen, or the other script, still shares evidence), with
 * every label equally likely before the words are read: the corpus's mix
 * of topics is ours, not the people's.  Labels are strings ("wages", "human",
 * "urgent:violence"); the examples are the corpus's lines and the
 * content's keywords.  Pure: no I/O.
 */
#ifndef YORDAM_CLASSIFY_H
#define YORDAM_CLASSIFY_H

struct classifier;

struct classify_hit {
	int label;              /* classify_label_name() */
	double p;               /* posterior, 0..1 */
};

struct classifier *classify_new(void);
void classify_free(struct classifier *k);

/* The index of a label, added if new; -1 when memory runs out. */
int classify_label(struct classifier *k, const char *name);
const char *classify_label_name(const struct classifier *k, int label);

/* Learn from one example (text_normalise()d) of a label. */
void classify_learn(struct classifier *k, int label, const char *norm);

/* After the last example: the probabilities, once. */
void classify_finish(struct classifier *k);

/*
 * The best n labels for a text (text_normalise()d), most likely first;
 * how many were filled (0 when nothing of it was ever seen).
 */
int classify_best(const struct classifier *k, const char *norm,
		struct classify_hit *hits, int n);
/* The same on the word stems alone, untempered (the older, surer model). */
int classify_best_stems(const struct classifier *k, const char *norm,
		struct classify_hit *hits, int n);
/* Both in one reading of the text: the n best on all the evidence into
 * hits (returned), on the stems alone into stems (*n_stems of them);
 * *fewest (when not NULL) the fewest labels any known word of the text
 * was seen under (a word that says what a text is about has few; "I",
 * "now" have many), INT_MAX when it knows none. */
int classify_best_both(const struct classifier *k, const char *norm,
		struct classify_hit *hits, int n, struct classify_hit *stems,
		int *n_stems, int *fewest);

#endif
