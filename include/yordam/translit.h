/*
 * translit.h - one script from another, by rule.
 *
 * Uzbek is written in Latin and in Cyrillic.  The content is kept in Latin
 * only and the Cyrillic is derived by these rules, so there is never a
 * fifth translation to keep in step with the other four.
 */
#ifndef YORDAM_TRANSLIT_H
#define YORDAM_TRANSLIT_H

/* Uzbek Latin (with ' or ʻ for oʻ gʻ and the tutuq) to Uzbek Cyrillic.
 * {placeholders} are copied unchanged.  Returns a malloc'd string. */
char *translit_uz_latin_to_cyrillic(const char *latin);
/* ... copying the n words of keep (UNHCR, SMS) where they stand whole. */
char *translit_uz_latin_to_cyrillic_keep(const char *latin,
		const char *const *keep, int n);

/* Cyrillic (Russian, Kyrgyz, Tajik) to readable Latin letters that fit
 * the GSM-7 alphabet.  lang is the language code.  malloc'd. */
char *translit_cyrillic_to_latin(const char *cyrillic, const char *lang);

/* 1 if the text has more Cyrillic letters than Latin ones. */
int translit_is_mostly_cyrillic(const char *utf8);

#endif
