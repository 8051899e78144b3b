/*
 * text.h - the one normalisation of what people type.
 *
 * Keywords, menu answers and language words are all compared after
 * text_normalise(), so an NGO editor writes a keyword once and it matches
 * however a phone typed it.
 */
#ifndef YORDAM_TEXT_H
#define YORDAM_TEXT_H

#include <stddef.h>

/*
 * Case-folded, NFC, apostrophe variants folded to ', runs of spaces and
 * punctuation at the ends trimmed, inner whitespace collapsed to one space.
 * Returns a malloc'd string, or NULL if s is not valid UTF-8.  Keeps every
 * letter: language detection reads the Kyrgyz and Tajik ones.
 */
char *text_casefold(const char *s);

/*
 * text_casefold(), then folded for matching: Kyrgyz and Tajik letters to
 * their Russian-keyboard stand-ins (ң->н, ҳ->х, ё->е ...), look-alike
 * Latin/Cyrillic letters to one script per word, digits of other scripts
 * to ASCII, runs of 3+ equal letters and repeated punctuation cut to one.
 * Every keyword and every message go through this before they meet.
 */
char *text_normalise(const char *s);

/* Does the normalised text contain word as a whole word? */
int text_has_word(const char *normalised, const char *word);

/* 1 if s is valid UTF-8. */
int text_valid_utf8(const char *s, size_t len);

/* Replace invalid UTF-8 sequences with U+FFFD; malloc'd result. */
char *text_repair_utf8(const char *s, size_t len);

/* s on one line (control characters and line breaks as one space), cut
 * at max_chars characters (never bytes) with "…" as the last when cut,
 * into out (always terminated, never a split character).  Bytes written. */
size_t text_preview(const char *s, size_t max_chars, char *out,
		size_t outlen);

#endif
