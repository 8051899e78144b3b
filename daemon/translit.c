/*
 * translit.c - Uzbek Latin to Cyrillic.
 *
 * The rules are those of the 1995 Latin alphabet read backwards: digraphs
 * first (sh ch o' g' yo yu ya ye), then single letters; "e" at the start
 * of a word is "э", elsewhere "е"; a lone apostrophe (the tutuq belgisi) is
 * "ъ".  Loanwords spelt with ts or a Russian soft sign come out readable if
 * not always in dictionary spelling, which is enough for an SMS.
 */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "yordam/translit.h"

struct rule {
	const char *latin;      /* lowercase */
	const char *lower;
	const char *upper;
};

/* Longest first: the table is searched in order. */
static const struct rule rules[] = {
	{ "o'", "ў", "Ў" }, { "g'", "ғ", "Ғ" },
	{ "oʻ", "ў", "Ў" }, { "gʻ", "ғ", "Ғ" },
	{ "o‘", "ў", "Ў" }, { "g‘", "ғ", "Ғ" },
	{ "o’", "ў", "Ў" }, { "g’", "ғ", "Ғ" },
	{ "sh", "ш", "Ш" }, { "ch", "ч", "Ч" },
	{ "yo", "ё", "Ё" }, { "yu", "ю", "Ю" }, { "ya", "я", "Я" },
	{ "ye", "е", "Е" },
	{ "a", "а", "А" }, { "b", "б", "Б" }, { "d", "д", "Д" },
	{ "f", "ф", "Ф" }, { "g", "г", "Г" }, { "h", "ҳ", "Ҳ" },
	{ "i", "и", "И" }, { "j", "ж", "Ж" }, { "k", "к", "К" },
	{ "l", "л", "Л" }, { "m", "м", "М" }, { "n", "н", "Н" },
	{ "o", "о", "О" }, { "p", "п", "П" }, { "q", "қ", "Қ" },
	{ "r", "р", "Р" }, { "s", "с", "С" }, { "t", "т", "Т" },
	{ "u", "у", "У" }, { "v", "в", "В" }, { "x", "х", "Х" },
	{ "y", "й", "Й" }, { "z", "з", "З" }, { "c", "с", "С" },
	{ "w", "в", "В" },
	{ "'", "ъ", "ъ" }, { "ʻ", "ъ", "ъ" }, { "ʼ", "ъ", "ъ" },
	{ "’", "ъ", "ъ" },
	{ NULL, NULL, NULL }
};

static int
is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Case-insensitive prefix match for ASCII letters, exact for the rest. */
static int
matches(const char *s, const char *latin)
{
	for (; *latin; s++, latin++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *latin)
			return 0;
	}
	return 1;
}

char *
translit_uz_latin_to_cyrillic(const char *s)
{
	/* Every Latin byte becomes at most one two-byte Cyrillic letter,
	 * except 'e' at a word start (э, also two bytes). */
	size_t len = 0;
	char *out = malloc(strlen(s) * 2 + 1);
	const char *start = s;

	if (!out)
		return NULL;
	while (*s) {
		const struct rule *r;
		int word_start = s == start || !is_ascii_letter(s[-1]);
		const char *piece;
		size_t n;

		if (*s == '{') {        /* placeholder: copy as it is */
			const char *close = strchr(s, '}');
			n = close ? (size_t)(close - s + 1) : strlen(s);
			memcpy(out + len, s, n);
			len += n;
			s += n;
			continue;
		}
		if (*s == 'e' || *s == 'E') {
			piece = word_start ? (*s == 'e' ? "э" : "Э")
				: (*s == 'e' ? "е" : "Е");
			n = strlen(piece);
			memcpy(out + len, piece, n);
			len += n;
			s++;
			continue;
		}
		for (r = rules; r->latin; r++)
			if (matches(s, r->latin))
				break;
		/* An apostrophe is a tutuq only inside a word; elsewhere it
		 * is a quotation mark and stays. */
		if (r->latin && strcmp(r->lower, "ъ") == 0 &&
		    (word_start || !is_ascii_letter(s[strlen(r->latin)])))
			r = NULL;
		if (!r || !r->latin) {
			out[len++] = *s++;
			continue;
		}
		piece = (*s >= 'A' && *s <= 'Z') ? r->upper : r->lower;
		n = strlen(piece);
		memcpy(out + len, piece, n);
		len += n;
		s += strlen(r->latin);
	}
	out[len] = '\0';
	return out;
}

int
translit_is_mostly_cyrillic(const char *utf8)
{
	const uint8_t *p = (const uint8_t *)utf8;
	size_t len = strlen(utf8), i = 0;
	int cyr = 0, lat = 0;

	while (i < len) {
		ucs4_t c;
		int n = u8_mbtouc(&c, p + i, len - i);
		if (c >= 0x0400 && c <= 0x04FF)
			cyr++;
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			lat++;
		i += (size_t)(n > 0 ? n : 1);
	}
	return cyr > lat;
}
