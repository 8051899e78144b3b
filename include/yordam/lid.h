/*
 * lid.h - which language and script a short text is in, by the letters.
 *
 * Per class (a locale: "ru", "ky-Latn", ...) a model of character
 * n-grams (one to three letters, words padded with a space) learnt from
 * example texts; a text is scored by its average log-likelihood under
 * each model.  An SMS of one to twenty words has too few letters for
 * letter counts alone and too many unknown words for word lists alone;
 * n-grams carry the endings and letter pairs that tell Kyrgyz from
 * Kazakh-looking Russian, and Kyrgyz typed in Latin from Uzbek.
 * Pure: no I/O, no clock.
 */
#ifndef YORDAM_LID_H
#define YORDAM_LID_H

struct lid;

/* A model of n_classes classes, or NULL when memory runs out. */
struct lid *lid_new(int n_classes);
void lid_free(struct lid *m);

/* Learn from one example text of a class (any case; casefolded here). */
void lid_learn(struct lid *m, int cls, const char *text);

/* After the last lid_learn: the probabilities, once. */
void lid_finish(struct lid *m);

/*
 * The average log-likelihood per n-gram of text under each class, into
 * scores[n_classes]; the number of n-grams scored (0: no letters, every
 * score 0).
 */
int lid_score(const struct lid *m, const char *text, double *scores);

#endif
