/*
 * text.c - normalisation of typed text.
 *
 * libunistring does the Unicode work (case folding, NFC) because getting
 * Turkic and Cyrillic case rules right by hand is exactly the kind of
 * thing a well-kept library should own.  What is ours is the SMS-specific
 * folding: the six apostrophes Uzbek Latin is typed with, and the
 * whitespace and punctuation people add around a menu digit.
 */
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "yordam/text.h"

static int
is_apostrophe(ucs4_t c)
{
	return c == 0x02BB || c == 0x02BC || c == 0x2018 || c == 0x2019 ||
	       c == 0x0060 || c == 0x00B4 || c == 0x0027 || c == 0x02B9;
}

static int
is_space(ucs4_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == 0x00A0 || c == 0x2007 || c == 0x202F;
}

/* Punctuation trimmed from both ends: "1." "1)" "?" "!!" */
static int
is_edge_punct(ucs4_t c)
{
	return c == '.' || c == ',' || c == '!' || c == '?' || c == ')' ||
	       c == '(' || c == ';' || c == ':' || c == '"' || c == '-' ||
	       c == 0x00AB || c == 0x00BB;
}

char *
text_normalise(const char *s)
{
	size_t flen = 0, i, n;
	uint8_t *folded, *out;
	size_t o = 0;
	int pending_space = 0;

	if (u8_check((const uint8_t *)s, strlen(s)) != NULL)
		return NULL;
	folded = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC,
		NULL, &flen);
	if (!folded)
		return NULL;
	out = malloc(flen + 1);
	if (!out) {
		free(folded);
		return NULL;
	}
	for (i = 0; i < flen; i += n) {
		ucs4_t c;
		n = (size_t)u8_mbtouc(&c, folded + i, flen - i);
		if (is_space(c)) {
			pending_space = o > 0;
			continue;
		}
		if (pending_space) {
			out[o++] = ' ';
			pending_space = 0;
		}
		if (is_apostrophe(c)) {
			out[o++] = '\'';
			continue;
		}
		memcpy(out + o, folded + i, n);
		o += n;
	}
	free(folded);
	out[o] = '\0';
	/* Trim edge punctuation (ASCII or guillemets) and spaces. */
	{
		size_t start = 0, end = o;
		for (;;) {
			ucs4_t c;
			int k;
			if (start >= end)
				break;
			k = u8_mbtouc(&c, out + start, end - start);
			if (!is_edge_punct(c) && c != ' ')
				break;
			start += (size_t)k;
		}
		while (end > start) {
			ucs4_t c;
			const uint8_t *prev = u8_prev(&c, out + end,
				out + start);
			if (!prev || (!is_edge_punct(c) && c != ' '))
				break;
			end = (size_t)(prev - out);
		}
		memmove(out, out + start, end - start);
		out[end - start] = '\0';
	}
	return (char *)out;
}

/* Words are separated by spaces and ASCII punctuation. */
static int
is_separator(char c)
{
	return c != '\0' && strchr(" .,!?;:()\"-", c) != NULL;
}

int
text_has_word(const char *normalised, const char *word)
{
	size_t wl = strlen(word);
	const char *p = normalised;

	if (wl == 0)
		return 0;
	while ((p = strstr(p, word)) != NULL) {
		int left = p == normalised || is_separator(p[-1]);
		int right = p[wl] == '\0' || is_separator(p[wl]);
		if (left && right)
			return 1;
		p++;
	}
	return 0;
}

int
text_valid_utf8(const char *s, size_t len)
{
	return u8_check((const uint8_t *)s, len) == NULL;
}

char *
text_repair_utf8(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	uint8_t *out = malloc(len * 3 + 1), *o = out;

	if (!out)
		return NULL;
	while (p < end) {
		ucs4_t c;
		int n = u8_mbtoucr(&c, p, (size_t)(end - p));
		if (n < 0 || (n == 1 && *p == 0)) {
			/* Invalid byte: one replacement character. */
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			p++;
			continue;
		}
		memcpy(o, p, (size_t)n);
		o += n;
		p += n;
	}
	*o = '\0';
	return (char *)out;
}
