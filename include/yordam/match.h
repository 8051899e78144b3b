/*
 * match.h - does a message mean a keyword?
 *
 * Both sides are text_normalise()d first.  A keyword matches a word of the
 * message exactly, as its stem (Kyrgyz, Uzbek and Tajik add suffixes:
 * "pasport" in "pasportimni"), or, in words of six letters or more, with
 * one typo (a letter missing, added, changed or two swapped) after the
 * first letter.  The words of a phrase match in any order, near each
 * other.
 */
#ifndef YORDAM_MATCH_H
#define YORDAM_MATCH_H

#include <stdint.h>
#include <unitypes.h>

#define MATCH_MAX_WORDS 64
#define MAX_WORD 64

/* A text cut into words and decoded once, to meet many keywords. */
struct match_text {
	int n;
	int len[MATCH_MAX_WORDS];
	ucs4_t w[MATCH_MAX_WORDS][MAX_WORD];
	uint64_t first;         /* which first letters occur (a filter) */
	ucs4_t firsts[MATCH_MAX_WORDS];  /* the first letters, each once */
	int n_firsts;
};

void match_prepare(const char *norm_text, struct match_text *t);
int match_keyword_in(const struct match_text *t, const char *keyword);
int match_keywords_in(const struct match_text *t, char **keywords, int n);

/* 0 no match, 1 with a typo, 2 exact or as a stem. */
int match_keyword(const char *norm_text, const char *keyword);

/* Sum of match_keyword over the list. */
int match_keywords(const char *norm_text, char **keywords, int n);

#endif
